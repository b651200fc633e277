"""Soil temperature with depth (soil_temp.h): numerical heat conduction, DSSAT STEMP or DSSAT's
EPIC soil temperature (STEMP_EPIC), with bare, residue and plastic-film covers."""
import ctypes
import math

from . import _arrays
from ._core import AgrosimError, _Owned, as_double_array, as_float, as_int, as_struct, call, call_ctx, encode_text
from ._lib import lib
from ._structs import (SOIL_MAX_LAYERS, SoilProfileStruct, SoilTempDrivers, SoilTempOptions,
                       WeatherDay)

_set_double = ctypes.Array.__setitem__  # an element of a double array, unchecked

METHOD_NUMERICAL = 0
METHOD_STEMP = 1
METHOD_EPIC = 2           # DSSAT-CSM STEMP_EPIC (METMP E)
BOTTOM_TAV = 0
BOTTOM_ZERO_FLUX = 1
STEMP_SURFACE_AIR = 0     # DSSAT-CSM 4.8.2 (METMP D): the mean air temperature
STEMP_SURFACE_ALBEDO = 1  # DSSAT up to 4.8.0: albedo-weighted radiative estimate


def cover_code(name):
    """AGRO_COVER_* of a cover name ("bare", "residue", "film-clear", "film-black")."""
    out = ctypes.c_int32()
    st = lib.fn("agro_cover_from_name")(encode_text(name, "cover"), ctypes.byref(out))
    if st != 0:
        raise AgrosimError(st, "unknown cover %r" % name, "agro_cover_from_name")
    return out.value


def cover_name(code):
    """Name of an AGRO_COVER_* code."""
    return lib.fn("agro_cover_name")(as_int(code, "code")).decode()


def options(**changes):
    """agro_soil_temp_options from the library defaults with ``changes`` applied
    (``cover`` may be a name)."""
    o = SoilTempOptions()
    call("agro_soil_temp_options_default", ctypes.byref(o))
    for k, v in changes.items():
        if k == "cover" and isinstance(v, str):
            v = cover_code(v)
        cur = getattr(o, k)  # AttributeError names a bad key
        setattr(o, k, as_int(v, k) if isinstance(cur, int) else as_float(v, k))
    return o


class SoilTemperature(_Owned):
    """An agro_soil_temp model on a soil profile; ``step`` one day, ``at(depth_cm)`` reads.

    The C model has no lock, so calls on one SoilTemperature run one at a time; close() waits
    for the call in flight to return."""

    _what = "soil temperature model"

    def __init__(self, soil, opts=None, latitude_deg=None):
        opts = options() if opts is None else as_struct(opts, SoilTempOptions, "opts")
        soil_s = as_struct(soil, SoilProfileStruct, "soil")
        h = ctypes.c_void_p()
        call_ctx("agro_soil_temp_create", ctypes.byref(soil_s), ctypes.byref(opts),
                 ctypes.byref(h))
        self._free = lib.fn("agro_soil_temp_free")
        self._own(h)
        self._n_layers = soil_s.n_layers
        self._max_depth_cm = opts.max_depth_m * 100.0
        self.drivers = SoilTempDrivers()
        for i in range(SOIL_MAX_LAYERS):
            self.drivers.sw[i] = math.nan  # NaN: held at DUL
        if latitude_deg is None:
            latitude_deg = soil_s.latitude_deg
        self.drivers.latitude_deg = as_float(latitude_deg, "latitude_deg")

    def step(self, day, lai=0.0, canopy_t_ha=0.0, sw=None, mulch_t_ha=0.0, water_input_mm=None,
             snow_mm=0.0):
        """Advance one day with a WeatherDay (``sw``: water content per layer, None = DUL).
        The EPIC method also reads ``mulch_t_ha``, ``water_input_mm`` (rain + irrigation, mm;
        None = the day's rain) and ``snow_mm``."""
        day = as_struct(day, WeatherDay, "day")
        lai, canopy_t_ha = as_float(lai, "lai"), as_float(canopy_t_ha, "canopy_t_ha")
        if water_input_mm is None:
            rain = getattr(day, "rain_mm", 0.0)
            water_input_mm = rain if math.isfinite(rain) else 0.0
        mulch_t_ha = as_float(mulch_t_ha, "mulch_t_ha")
        water_input_mm = as_float(water_input_mm, "water_input_mm")
        snow_mm = as_float(snow_mm, "snow_mm")
        if sw is not None:
            if isinstance(sw, (str, bytes)) or not hasattr(sw, "__len__"):
                # len() of a number or a generator raised a TypeError naming no argument
                raise TypeError("sw: expected a sequence of numbers (one per layer), not %s"
                                % type(sw).__name__)
            if len(sw) > SOIL_MAX_LAYERS:
                raise ValueError("sw: %d values for %d layers at most" % (len(sw), SOIL_MAX_LAYERS))
            sw = [as_float(v, "sw[%d]" % i) for i, v in enumerate(sw)]
        # the drivers live in the object: filled and used under the lock, so that two threads
        # stepping one model cannot mix their days
        with self._lock:
            d = self.drivers
            d.year, d.doy = day.year, day.doy
            d.tmax_C, d.tmin_C, d.srad_MJ_m2_d = day.tmax_C, day.tmin_C, day.srad_MJ_m2_d
            d.lai, d.canopy_t_ha = lai, canopy_t_ha
            d.mulch_t_ha, d.water_input_mm, d.snow_mm = mulch_t_ha, water_input_mm, snow_mm
            if sw is not None:
                arr = d.sw
                for i, v in enumerate(sw):
                    # checked by as_float already: ctypes' own setter, not the checked array's
                    # second check (a third of this loop's time)
                    _set_double(arr, i, v)
            call_ctx("agro_soil_temp_step", self._live(), ctypes.byref(d))

    def set_cover(self, cover, residue_t_ha=0.0):
        """Change the surface cover from the next step on: a film laid or lifted, a residue
        mulch of ``residue_t_ha`` t/ha (``cover`` a name such as "film-clear", or an
        AGRO_COVER_* code)."""
        code = cover_code(cover) if isinstance(cover, str) else as_int(cover, "cover")
        residue_t_ha = as_float(residue_t_ha, "residue_t_ha")
        with self._lock:
            call_ctx("agro_soil_temp_set_cover", self._live(), code, residue_t_ha)

    def set_bulk_density(self, bd_g_cm3, thickness_cm=None):
        """Change the layers' bulk density, g/cm³, from the next step on (one value per
        layer; a tillage pass loosens the soil, rain settles it). ``thickness_cm`` weights the
        profile mean that DSSAT STEMP and EPIC read (None: the profile's own thicknesses)."""
        bd, n = as_double_array(bd_g_cm3, "bd_g_cm3")
        th = None
        if thickness_cm is not None:
            th, nt = as_double_array(thickness_cm, "thickness_cm")
            if nt != n:
                raise ValueError("thickness_cm: %d values for %d densities" % (nt, n))
        with self._lock:
            call_ctx("agro_soil_temp_set_bulk_density", self._live(), bd, th, n)

    def layer_means(self, numpy=None):
        """Daily mean temperature of each soil layer on the last day, °C (STEMP: at the layer's
        mid-depth; EPIC: its layer value)."""
        out = (ctypes.c_double * SOIL_MAX_LAYERS)()
        with self._lock:
            call("agro_soil_temp_layer_means", self._live(), out, SOIL_MAX_LAYERS)
        return _arrays.vector(list(out)[: self._n_layers], numpy)

    def surface(self):
        """(mean, min, max) surface (0 cm) temperature of the last day, °C."""
        m, lo, hi = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
        with self._lock:
            call("agro_soil_temp_surface", self._live(), ctypes.byref(m), ctypes.byref(lo),
                 ctypes.byref(hi))
        return m.value, lo.value, hi.value

    def at(self, depth_cm):
        """(mean, min, max) temperature of the last day at ``depth_cm``, °C."""
        m, lo, hi = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
        depth = as_float(depth_cm, "depth_cm")
        with self._lock:
            call("agro_soil_temp_at", self._live(), depth, ctypes.byref(m), ctypes.byref(lo),
                 ctypes.byref(hi),
                 about="depth_cm %r outside 0 to the model's maximum depth, %g cm" % (
                     depth_cm, self._max_depth_cm))
        return m.value, lo.value, hi.value
