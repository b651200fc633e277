"""A field (soil + crop and weed canopies + management) stepped day by day, and seasons.

Low level, as in C (``sow_maize`` sows now, before the next step, whatever the event's date)::

    f = Field(soil, field_options(latitude_deg=weather.info.latitude_deg))
    for day in weather:
        if (day.year, day.doy) == (2010, 60):
            f.sow_maize(cultivar, sow(2010, 60, density_pl_m2=5.3, row_spacing_cm=75, depth_cm=5))
        f.step(day)
        if f.mature:
            break
    f.summary.hwam_kg_ha

or a whole season through the library's runner (:class:`Season`).
"""
import ctypes

from . import _arrays
from ._core import (AGRO_ERANGE, AgrosimError, _Owned, as_bool, as_float, as_int, as_struct, call,
                    call_ctx, date_add, days_between, days_in_year)
from ._lib import lib
from ._structs import SEASON_MAX_EVENTS, Event, FieldDaily, FieldOptions as FieldOptionsStruct
from ._structs import CropDamage, DssatFertiliserN, SeasonSpec, SeasonSummary
from ._structs import MaizeCultivar as MaizeCultivarStruct
from ._structs import SoilProfileStruct, WeatherDay
from ._structs import WeedParams as WeedParamsStruct
from .weather import Weather

# event types of field.h
EVENT_SOW = 1
EVENT_FERTILISE = 2
EVENT_IRRIGATE = 3
EVENT_WEED = 4
EVENT_HARVEST = 5
EVENT_WEEDS_EMERGE = 6
EVENT_RESIDUE = 7
EVENT_ROOT_RESIDUE = 8
EVENT_DAMAGE = 9
EVENT_TILL = 10
EVENT_NAMES = {EVENT_SOW: "sow", EVENT_FERTILISE: "fertilise", EVENT_IRRIGATE: "irrigate",
               EVENT_WEED: "weed", EVENT_HARVEST: "harvest", EVENT_WEEDS_EMERGE: "weeds_emerge",
               EVENT_RESIDUE: "residue", EVENT_ROOT_RESIDUE: "root_residue",
               EVENT_DAMAGE: "damage", EVENT_TILL: "till"}
CANOPY_CROP = 0
CANOPY_WEEDS = 1
# event timing of field.h (Event.timing)
TIMING_DATE, TIMING_AFTER_SOWING = 0, 1
# SeasonSummary.crop_failed when an automatic sowing window closed unsown
CROP_NOT_SOWN = 2
# AGRO_SEEDBED_MAX_DEPTH_CM and AGRO_DAYLENGTH_MAX_MULTIPLIER of field.h
SEEDBED_MAX_DEPTH_CM = 1000.0
DAYLENGTH_MAX_MULTIPLIER = 24.0

# maize growth stages of maize.h (DSSAT ISTAGE)
STAGE_NAMES = {1: "emergence-end juvenile", 2: "floral induction", 3: "tassel init-silking",
               4: "silking-grain fill", 5: "grain fill", 6: "mature", 7: "fallow", 8: "sown",
               9: "germinated"}

# soil temperature methods / covers of soil_temp.h
SOIL_TEMP_NUMERICAL = 0
SOIL_TEMP_STEMP = 1
SOIL_TEMP_EPIC = 2  # DSSAT STEMP_EPIC (METMP E)
COVER_BARE, COVER_RESIDUE, COVER_FILM_CLEAR, COVER_FILM_BLACK = 0, 1, 2, 3
# STEMP surface terms of soil_temp.h (FieldOptions.soil_temp_surface, SoilTempOptions.stemp_surface)
STEMP_SURFACE_AIR, STEMP_SURFACE_ALBEDO = 0, 1
# soil evaporation methods of soil_water.h (FieldOptions.soil_evap_method; DSSAT MESEV R / S)
SOIL_EVAP_RITCHIE, SOIL_EVAP_SULEIMAN_RITCHIE = 0, 1
# crop N uptake methods of field.h (FieldOptions.crop_n_uptake_method)
CROP_N_UPTAKE_GENERIC, CROP_N_UPTAKE_CERES_MAIZE = 0, 1
# crop N stress forms of field.h (FieldOptions.crop_n_stress_method): the older CERES-Maize
# stage 3-4 transform of NFAC, or DSSAT-CSM 4.8's NFAC without it
CROP_N_STRESS_STAGE_TRANSFORM, CROP_N_STRESS_DSSAT48 = 0, 1
# soil organic matter models of field.h (FieldOptions.soil_om_method; DSSAT MESOM G / P)
SOIL_OM_CERES, SOIL_OM_CENTURY = 0, 1
# field histories of soil_century.h (FieldOptions.field_history; DSSAT FLHST, SOMFR048.SDA)
(FIELD_HISTORY_NONE, FIELD_HISTORY_FH101, FIELD_HISTORY_FH102, FIELD_HISTORY_FH201,
 FIELD_HISTORY_FH202, FIELD_HISTORY_FH301, FIELD_HISTORY_FH302) = range(7)


def _event(type_, year, doy, canopy=CANOPY_CROP, **values):
    e = Event()
    e.type, e.year, e.doy, e.canopy = type_, as_int(year, "year"), as_int(doy, "doy"), canopy
    for k, v in values.items():
        setattr(e, k, as_float(v, k))
    return e


def _checked(e):
    """``e`` after the library's checks of its values (agro_event_check, the checks the field
    and the season runner apply): a bad value fails where the event is made, naming the member,
    not when a season reaches it."""
    call_ctx("agro_event_check", ctypes.byref(e))
    return e


def sow(year, doy, density_pl_m2, row_spacing_cm, depth_cm=5.0, emergence_delay_d=0.0):
    """A sowing event: plants/m² at emergence, row spacing cm, sowing depth cm; emergence
    ``emergence_delay_d`` days after sowing if observed (0: simulated from thermal time)."""
    return _checked(_event(EVENT_SOW, year, doy, density_pl_m2=density_pl_m2,
                           row_spacing_cm=row_spacing_cm, depth_cm=depth_cm,
                           emergence_delay_d=emergence_delay_d))


def _fertiliser_material(material):
    """The FERCH048 number of ``material`` (5, "FE005"; 0: none) and its urea and NH4 shares
    of the N (None, None without a material), as the scenario's "material" key reads them."""
    if isinstance(material, str):
        code = material.strip()
        if len(code) != 5 or not code.startswith("FE") or not code[2:].isdigit():
            raise ValueError(f"material {material!r} is not a FERCH048 code such as 'FE005'")
        material = int(code[2:])
    material = as_int(material, "material")
    if material == 0:
        return 0, None, None
    comp = DssatFertiliserN()
    st = lib.fn("agro_dssat_fertiliser_composition")(material, ctypes.byref(comp))
    total = comp.no3_fraction + comp.nh4_fraction + comp.urea_fraction if st == 0 else 0.0
    if not total > 0.0:
        raise ValueError(f"material {material} is not an N fertiliser of DSSAT's FERCH048.SDA")
    return material, comp.urea_fraction / total, comp.nh4_fraction / total


def fertilise(year, doy, kg_n_ha, depth_cm=5.0, nh4_fraction=None, urea_fraction=None,
              kg_p_ha=0.0, p_band_fraction=0.0, incorporated=False, material=0):
    """Mineral fertiliser: kg N/ha placed at depth_cm, nh4_fraction of it as ammonium and
    urea_fraction as urea (hydrolysed to ammonium in the soil over days); the rest nitrate.
    kg_p_ha of P (simulated with FieldOptions.phosphorus_limited), spread through the layer
    or, with p_band_fraction > 0, in a band filling that fraction of it (5 cm / row spacing).
    At depth_cm 0 it stays on the surface, where its NH4 can volatilise as NH3 (DSSAT
    OXLAYER), unless ``incorporated`` is true (worked into the top layer). ``material`` is
    the DSSAT FERCH048 material, as a number (5) or a code ("FE005"; 0: not given): it sets
    the surface layer's pH shift and the default shares. Defaults, as the scenario's keys:
    urea_fraction the material's urea share, else 0; nh4_fraction the material's NH4 share,
    else half of what is not urea."""
    incorporated = as_bool(incorporated, "incorporated")
    code, urea0, nh40 = _fertiliser_material(material)
    if urea_fraction is None:
        urea_fraction = urea0 if urea0 is not None else 0.0
    if nh4_fraction is None:
        nh4_fraction = nh40 if nh40 is not None else 0.5 * (1.0 - urea_fraction)
    e = _event(EVENT_FERTILISE, year, doy, amount=as_float(kg_n_ha, "kg_n_ha"), depth_cm=depth_cm,
               nh4_fraction=nh4_fraction, urea_fraction=urea_fraction,
               p_kg_ha=as_float(kg_p_ha, "kg_p_ha"),
               p_band_fraction=p_band_fraction)
    e.incorporated = int(incorporated)
    e.fert_material = code
    return _checked(e)


def irrigate(year, doy, mm):
    """Irrigation, mm."""
    return _checked(_event(EVENT_IRRIGATE, year, doy, amount=as_float(mm, "mm")))


def weed(year, doy, fraction_removed=1.0, carried_off=False):
    """Weeding: fraction (0..1) of weed biomass, LAI and density removed. The weeded plants stay
    on the field (tops as surface residue, roots in the soil's organic matter) unless
    ``carried_off`` is true: then the tops leave the field, the roots stay (docs/model.md §7)."""
    e = _event(EVENT_WEED, year, doy, canopy=CANOPY_WEEDS,
               amount=as_float(fraction_removed, "fraction_removed"))
    e.carried_off = int(as_bool(carried_off, "carried_off"))
    return _checked(e)


def weeds_emerge(year, doy, density_pl_m2, emergence_delay_d=0.0):
    """A weed cohort emerges (plants/m²)."""
    return _checked(_event(EVENT_WEEDS_EMERGE, year, doy, canopy=CANOPY_WEEDS,
                           density_pl_m2=density_pl_m2, emergence_delay_d=emergence_delay_d))


def harvest(year, doy):
    """Harvest the crop (ends it; summary frozen)."""
    return _checked(_event(EVENT_HARVEST, year, doy))


def residue(year, doy, kg_ha, n_pct, depth_cm=0.0, p_pct=0.0, lignin_frac=0.0, initial=False,
            mulch_area_cm2_g=0.0, mulch_extinction=0.0, mulch_water_kg_kg=0.0, residue_type=0):
    """Add residue: kg dry matter/ha with n_pct % N (and p_pct % P), incorporated to
    depth_cm (0: surface). ``lignin_frac`` (0..1 of the dry matter) is read by the
    CENTURY organic matter (FieldOptions.soil_om_method = SOIL_OM_CENTURY), under which surface
    residue decomposes too, and by the CERES organic matter for incorporated residue (docs/model.md
    §5.4); 0 takes the lignin of ``residue_type`` (a DSSAT RESCH048.SDA code, "RE203" or 203;
    CENTURY its PSLIG, CERES its PRLIG, as DSSAT), else 0.10. The type sets nothing else here:
    give n_pct, p_pct and the mulch properties. ``initial=True`` marks the previous crop's residue, which CENTURY
    takes in when it starts (before the first step). On the surface it is DSSAT's mulch
    (docs/model.md §3.8) with area per mass cm²/g, extinction coefficient and water held at
    saturation kg/kg of its type (DSSAT RESCH048.SDA AM, EXTFAC, WATFAC; 0: the generic
    residue RE001's 37, 0.80, 3.8; maize residue RE203 is 30, 0.86, 3.5)."""
    e = _event(EVENT_RESIDUE, year, doy, amount=as_float(kg_ha, "kg_ha"), n_pct=n_pct,
               depth_cm=depth_cm, p_pct=p_pct, lignin_frac=lignin_frac,
               mulch_area_cm2_g=mulch_area_cm2_g,
               mulch_extinction=mulch_extinction, mulch_water_kg_kg=mulch_water_kg_kg)
    e.initial = int(as_bool(initial, "initial"))
    e.residue_type = _residue_type(residue_type)
    return _checked(e)


def _dssat_code(code, prefix, name, table, example):
    """The number of a DSSAT code given as "RE203" / "TI003" (``prefix`` and three digits) or as
    a number; a malformed string is a ValueError naming ``name`` and the DSSAT ``table``."""
    if isinstance(code, str):
        digits = code[2:]
        if (len(code) != 5 or code[:2].upper() != prefix or not digits.isascii()
                or not digits.isdigit()):
            raise ValueError(f"{name} {code!r}: a DSSAT {table} code such as '{example}'")
        code = int(digits)
    return as_int(code, name)


def _residue_type(code):
    """The RESCH048.SDA number of a residue type given as "RE203" or 203 (0: none): an unknown
    type is a ValueError naming ``residue_type`` when the event is made (the field and the season
    runner, agro_event_check, would refuse it only when it is applied or the season starts)."""
    code = _dssat_code(code, "RE", "residue_type", "RESCH048.SDA", "RE203")
    if code != 0 and not lib.fn("agro_dssat_residue_type_known")(code):
        raise ValueError("residue_type: %d (RE%03d) is not a residue type of DSSAT's RESCH048.SDA"
                         % (code, code) if 0 < code < 1000 else
                         "residue_type: %d is not a residue type of DSSAT's RESCH048.SDA" % code)
    return code


def root_residue(year, doy, kg_ha, n_pct, p_pct=0.0, lignin_frac=0.0, initial=True):
    """Add the previous crop's roots (and nodules): kg dry matter/ha with n_pct % N (and
    p_pct % P), spread over the whole profile with a concentration falling exponentially with
    depth (DSSAT SoilOrg_init.for; agro_soil_n_add_root_residue). Under CENTURY, roots marked
    ``initial`` (the default; before the first step) are the previous crop's: their C comes
    out of the soil's organic C."""
    e = _event(EVENT_ROOT_RESIDUE, year, doy, amount=as_float(kg_ha, "kg_ha"), n_pct=n_pct,
               p_pct=p_pct, lignin_frac=lignin_frac)
    e.initial = int(as_bool(initial, "initial"))
    return _checked(e)


def till(year, doy, implement, depth_cm):
    """A tillage pass (DSSAT-CSM 4.8 tillage; docs/model.md §8.1): the implement of DSSAT's
    TILOP048.SDA as "TI003" or 3 (moldboard plough) and the pass depth, cm (>= 0; shallower
    than the implement scales it, more than 0.5 cm deeper is cut to it; 0 does nothing). It
    mixes the soil and incorporates the surface residue, and loosens the soil (bulk density,
    saturation, Ksat, curve number) until rain settles it. Numbers 1..998 are accepted as DSSAT
    does; one that TILOP048.SDA lacks (TI021, TI027-TI030, TI040) does nothing and is counted
    (:attr:`Field.tillage_counts`)."""
    e = _event(EVENT_TILL, year, doy, depth_cm=depth_cm)
    e.implement = _dssat_code(implement, "TI", "implement", "TILOP048.SDA", "TI003")
    return _checked(e)


def _crop_damage(damage):
    d = CropDamage()
    names = [f[0] for f in CropDamage._fields_]
    for name, value in damage.items():
        if name not in names:
            raise TypeError("unexpected damage keyword %r (one of %s)" % (name, ", ".join(names)))
        setattr(d, name, as_float(value, name))
    return d


def damage(year, doy, **damage):
    """Damage to the crop during that day's step (pests, diseases, hail, grazing): keywords
    as Field.set_damage, e.g. ``damage(2001, 120, leaf_pct=50)``."""
    e = _event(EVENT_DAMAGE, year, doy)
    e.damage = _crop_damage(damage)
    return _checked(e)


def _dated(event, year, doy):
    e = Event()
    ctypes.pointer(e)[0] = event
    e.year, e.doy = int(year), int(doy)
    return e


def after_sowing(event, days):
    """A copy of ``event`` timed ``days`` (>= 0) after the day the crop is actually sown,
    which moves with an automatic sowing window; its year and doy are ignored."""
    e = Event()
    ctypes.pointer(e)[0] = as_struct(event, Event, "event")
    e.timing, e.days_after_sowing = TIMING_AFTER_SOWING, as_int(days, "days", 0, 3660)
    return e


def field_options(**changes):
    """agro_field_options from agro_field_options_default() with ``changes`` applied.

    Arrays (sw, no3_ppm, nh4_ppm) take sequences (missing layers stay NaN = default);
    ``weeds`` takes a :class:`agrosim.WeedParams` or a WeedParams struct; the yes/no options
    (water_limited, mulch_effects, ...) True/False or 0/1, the other numbers no bool.
    """
    o = FieldOptionsStruct()
    call("agro_field_options_default", ctypes.byref(o))
    for k, v in changes.items():
        cur = getattr(o, k)  # AttributeError names the bad key
        if isinstance(cur, ctypes.Array):
            if isinstance(v, (str, bytes)) or not hasattr(v, "__len__"):
                raise TypeError("%s: expected a sequence of numbers (one per layer), not %s"
                                % (k, type(v).__name__))
            if len(v) > len(cur):
                raise ValueError("%s: %d values for %d layers at most" % (k, len(v), len(cur)))
            for i, x in enumerate(v):
                cur[i] = as_float(x, "%s[%d]" % (k, i))
        elif k == "weeds":
            o.weeds = as_struct(v, WeedParamsStruct, "weeds")
        elif k in o._yes_no_:
            # water_limited=False is a yes/no flag handed on as 0/1, not a number
            setattr(o, k, int(as_bool(v, k)))
        elif isinstance(cur, int):
            setattr(o, k, as_int(v, k))
        else:
            setattr(o, k, as_float(v, k))
    return o


def records(arr, n, numpy=None):
    """First n elements of a ctypes struct array: numpy structured array or list of copies."""
    if _arrays.want_numpy(numpy):
        np = _arrays.np
        return np.frombuffer(arr, dtype=np.dtype(type(arr)._type_), count=n).copy()
    cls = type(arr)._type_
    out = []
    for i in range(n):
        c = cls()
        ctypes.memmove(ctypes.byref(c), ctypes.byref(arr, i * ctypes.sizeof(cls)),
                       ctypes.sizeof(cls))
        out.append(c)
    return out


def _year_doy(date, what):
    """A (year, doy) pair argument, each an int32."""
    if isinstance(date, (str, bytes)) or not hasattr(date, "__len__") or len(date) != 2:
        raise TypeError("%s: expected (year, doy), not %r" % (what, date))
    return as_int(date[0], what + " year"), as_int(date[1], what + " doy")


def _check_weather(weather):
    if not isinstance(weather, Weather):
        raise TypeError("weather: expected agrosim.Weather, not %s" % type(weather).__name__)
    weather._handle()  # AgrosimError once closed


def _cultivar_struct(c):
    return as_struct(c, MaizeCultivarStruct, "cultivar")


class Field(_Owned):
    """An agro_field handle. ``step(day)`` or ``step_series(weather, i)`` advances one day;
    ``daily``/``summary`` read state.

    The C field has no lock, so calls on one Field run one at a time: a thread reading
    ``daily`` while another steps gets the state before or after a whole step, never half of
    one. (Two threads stepping one Field still share one calendar: each step must be the day
    after the last, whoever made it.) close() waits for the call in flight to return."""

    _what = "field"

    def __init__(self, soil, options=None):
        soil_s = as_struct(soil, SoilProfileStruct, "soil")
        options = field_options() if options is None else as_struct(options, FieldOptionsStruct,
                                                                     "options")
        h = ctypes.c_void_p()
        call_ctx("agro_field_create", ctypes.byref(soil_s), ctypes.byref(options),
                 ctypes.byref(h))
        self._free = lib.fn("agro_field_free")
        self._own(h)
        self._daily = FieldDaily()
        self._summary = SeasonSummary()

    def sow_maize(self, cultivar, event):
        """Sow maize with ``cultivar`` (MaizeCultivar) and a :func:`sow` event."""
        e = ctypes.byref(as_struct(event, Event, "event"))
        c = ctypes.byref(_cultivar_struct(cultivar))
        with self._lock:
            call_ctx("agro_field_sow_maize", self._live(), e, c)

    def set_cultivar(self, cultivar):
        """Cultivar used by a later SOW event given to :meth:`apply`."""
        c = ctypes.byref(_cultivar_struct(cultivar))
        with self._lock:
            call_ctx("agro_field_set_cultivar", self._live(), c)

    def set_daylength_change(self, offset_h=0.0, multiplier=1.0):
        """From the next step on the crop sees ``offset_h + multiplier ×`` the day length and
        photoperiod (growth chambers, DSSAT EDAY); ``(16, 0)`` replaces them by 16 h, ``(0, 1)``
        restores the astronomical values. ``offset_h`` in [-24, 24], ``multiplier`` in [0, 24]
        (the result is clamped to 24 h anyway)."""
        offset_h, multiplier = as_float(offset_h, "offset_h"), as_float(multiplier, "multiplier")
        with self._lock:
            call_ctx("agro_field_set_daylength_change", self._live(), offset_h, multiplier)

    def set_co2(self, co2_ppm):
        """Atmospheric CO2 from the next step on, ppm (0..5000, as ``FieldOptions.co2_ppm``):
        a CO2 that changes during a run, as DSSAT's dated ECO2 environment modifications
        (agro_field_set_co2)."""
        co2_ppm = as_float(co2_ppm, "co2_ppm")
        with self._lock:
            call_ctx("agro_field_set_co2", self._live(), co2_ppm)

    def set_damage(self, **damage):
        """Damage the crop during the next step only: pests, diseases, hail or grazing.
        Keywords are the members of agro_crop_damage (field.h): ``leaf_pct``, ``stem_pct``,
        ``root_pct``, ``grain_pct``, ``plants_pct``, ``assimilate_pct`` (% of the organ at the
        end of the previous day, 0..100) and ``leaf_g_m2``, ``stem_g_m2``, ``root_g_m2``,
        ``grain_g_m2`` (g dry matter/m²), ``plants_m2`` (plants/m²); the others are 0.
        ``set_damage(leaf_pct=50)`` is a hail storm that strips half the leaf. Damage given twice
        before one step adds up; the event ``damage()`` does the same in a Season."""
        d = ctypes.byref(_crop_damage(damage))
        with self._lock:
            call_ctx("agro_field_set_damage", self._live(), d)

    def apply(self, event):
        """Apply a management event now (before the next step)."""
        e = ctypes.byref(as_struct(event, Event, "event"))
        with self._lock:
            call_ctx("agro_field_apply", self._live(), e)

    def step(self, day):
        """Advance one day with ``day`` (a WeatherDay): the first step any date, every later
        one the calendar day after the last step (AgrosimError AGRO_ERANGE otherwise)."""
        d = ctypes.byref(as_struct(day, WeatherDay, "day"))
        with self._lock:
            call_ctx("agro_field_step", self._live(), d)

    def step_series(self, weather, index):
        """Advance one day with day ``index`` (0-based) of ``weather`` (a Weather), checked as
        Season.run checks each day (agro_field_step_series): a day no run can use (a missing
        value, a value DSSAT stops on such as TMIN above TMAX) or a weather value the field
        refuses raises AgrosimError naming the weather file and the day's line
        ("FILE:LINE: SRAD: 2001-100: 60 outside [0, 50]"), where ``step(weather[index])``
        names no file; an index outside the series raises AgrosimError AGRO_ERANGE naming
        ``index``. The days follow the calendar as for :meth:`step`."""
        _check_weather(weather)
        index = as_int(index, "index")
        with self._lock, weather._region.lock:
            call_ctx("agro_field_step_series", self._live(), weather._live(), index)

    @property
    def daily(self):
        """FieldDaily snapshot after the last step (a fresh copy)."""
        out = FieldDaily()
        with self._lock:
            call("agro_field_get_daily", self._live(), ctypes.byref(out))
        return out

    @property
    def summary(self):
        """SeasonSummary so far (a fresh copy)."""
        out = SeasonSummary()
        with self._lock:
            call("agro_field_get_summary", self._live(), ctypes.byref(out))
        return out

    def seedbed(self, sw_depth_cm=30.0):
        """The automatic-sowing tests on the state after the last step (DSSAT AUTPLT):
        (plant-available water of the top ``sw_depth_cm`` as % of DUL - LL, soil temperature
        of the layer at 10 cm in °C). ``sw_depth_cm`` in (0, 1000] (SEEDBED_MAX_DEPTH_CM); a
        depth below the profile is divided by the whole depth, as DSSAT AUTPLT does."""
        aw, ts = ctypes.c_double(), ctypes.c_double()
        depth = as_float(sw_depth_cm, "sw_depth_cm")
        with self._lock:
            r = lib.fn("agro_field_seedbed")(self._live(), depth, ctypes.byref(aw),
                                             ctypes.byref(ts))
        if r == AGRO_ERANGE:  # the call takes no context: name the argument here
            raise AgrosimError(r, "sw_depth_cm: %g cm outside (0, %g]" % (depth, SEEDBED_MAX_DEPTH_CM),
                               "agro_field_seedbed")
        if r:
            raise AgrosimError(r, function="agro_field_seedbed")
        return aw.value, ts.value

    @property
    def tillage_counts(self):
        """(passes that acted, passes skipped because TILOP048.SDA lacks their implement, the
        implement number of the last one skipped or 0) so far (agro_field_tillage_counts)."""
        a, b, c = ctypes.c_int32(), ctypes.c_int32(), ctypes.c_int32()
        with self._lock:
            call("agro_field_tillage_counts", self._live(), ctypes.byref(a), ctypes.byref(b),
                 ctypes.byref(c))
        return a.value, b.value, c.value

    @property
    def mature(self):
        """True once the crop reached physiological maturity or was harvested."""
        with self._lock:
            r = lib.fn("agro_field_crop_mature")(self._live())
        if r < 0:
            raise AgrosimError(r, function="agro_field_crop_mature")
        return bool(r)


class Season:
    """A complete season specification (agro_season_spec) run by the library's runner.

    ``Season(soil, cultivar, start=(year, doy), events=[...], options=None,
    end=(year, doy) or None, days_after_maturity=0, sowing_window=None)``; ``run(weather)``
    returns ``(summary, daily)`` with daily a numpy structured array (or list of FieldDaily).

    ``sowing_window`` sows automatically (DSSAT AUTPLT): a dict with ``last`` = (year, doy)
    of the window's last day (the SOW event's date opens it) and optionally ``forced``,
    ``sw_depth_cm``, ``sw_min_pct``, ``sw_max_pct``, ``tsoil_min_C``, ``tsoil_max_C``
    (defaults 0, 30 cm, 40 %, 100 %, 10 °C, 40 °C; see agro_sowing_window in field.h).
    """

    def __init__(self, soil, cultivar, start, events=(), options=None, end=None,
                 days_after_maturity=0, sowing_window=None):
        spec = SeasonSpec()
        call("agro_season_spec_init", ctypes.byref(spec))
        spec.soil = as_struct(soil, SoilProfileStruct, "soil")
        if options is not None:
            spec.options = as_struct(options, FieldOptionsStruct, "options")
        spec.cultivar = _cultivar_struct(cultivar)
        spec.start_year, spec.start_doy = _year_doy(start, "start")
        if end is not None:
            spec.end_year, spec.end_doy = _year_doy(end, "end")
        spec.days_after_maturity = as_int(days_after_maturity, "days_after_maturity")
        events = list(events)
        if len(events) > SEASON_MAX_EVENTS:
            raise AgrosimError(-13, "%d events: a season holds %d at most"
                               % (len(events), SEASON_MAX_EVENTS))
        for i, e in enumerate(events):
            spec.events[i] = as_struct(e, Event, "events[%d]" % i)
        spec.n_events = len(events)
        if sowing_window is not None:
            w = dict(sowing_window)
            spec.sowing_window.enabled = 1
            if "last" not in w:
                raise ValueError("sowing_window: 'last' = (year, doy) of the window's last day "
                                 "is required")
            spec.sowing_window.last_year, spec.sowing_window.last_doy = _year_doy(
                w.pop("last"), "sowing_window.last")
            spec.sowing_window.forced = int(as_bool(w.pop("forced", False), "sowing_window.forced"))
            for k, v in w.items():
                getattr(spec.sowing_window, k)  # AttributeError names a bad key
                setattr(spec.sowing_window, k, as_float(v, "sowing_window." + k))
        self.spec = spec

    @property
    def events(self):
        return [self.spec.events[i] for i in range(self.spec.n_events)]

    def steps(self, weather, max_days=2000):
        """Step the same season from Python, one :class:`Field` step per day.

        A generator: it yields the Field after each daily step (read ``f.daily``, or apply
        extra management with ``f.apply``); after the last day ``f.summary`` is final. It
        follows the library's runner (lib/field/season.c, lib/field/schedule.c): events apply
        before the step of their day in list order, SOW through sow_maize with the season's
        cultivar (an automatic window's SOW first, on the first day its seedbed tests hold);
        events timed after sowing follow the actual sowing day; HARVEST at the end of its
        day; without HARVEST the run stops ``days_after_maturity`` days after maturity; an end
        date or a window closing unsown stops it too (the field never saw a crop then: only
        the runner's summary says crop_failed = CROP_NOT_SOWN). The season is checked first as
        :meth:`run` checks it (agro_season_spec_check): an event the runner refuses is refused
        here, not skipped. Each day is checked and stepped as :meth:`run` does it
        (:meth:`Field.step_series`): a day it refuses raises AgrosimError with the same message,
        naming the weather file and line; a day missing from the weather and an event the field
        refuses raise run's status and message too ("weather: no weather for the start day
        2001-060", "events[5] on 2001-080: SOW: a crop is already in the field").
        """
        spec = self.spec
        call_ctx("agro_season_spec_check", ctypes.byref(spec))
        events = self.events
        win = spec.sowing_window
        start = (spec.start_year, spec.start_doy)
        has_harvest = any(e.type == EVENT_HARVEST for e in events)
        has_end = spec.end_year != 0 or spec.end_doy != 0
        auto = next((i for i, e in enumerate(events) if e.type == EVENT_SOW), None) \
            if win.enabled else None
        first = last = None
        if auto is not None:
            first = days_between(start, (events[auto].year, events[auto].doy))
            last = days_between(start, (win.last_year, win.last_doy))
        # timed events as (run day, list index), in the order lib/field/schedule.c keeps them
        order = sorted((days_between(start, (e.year, e.doy)), i) for i, e in enumerate(events)
                       if e.timing == TIMING_DATE and i != auto
                       and 1 <= e.doy <= days_in_year(e.year))
        if order and order[0][0] < 0:
            e = events[order[0][1]]
            raise AgrosimError(-8, "event %d (type %d) on %d-%03d is before the start %d-%03d"
                               % (order[0][1], e.type, e.year, e.doy, start[0], start[1]))
        nxt = 0
        sown = closed = False

        def time_after_sowing(step):
            nonlocal sown
            sown = True
            order[nxt:] = sorted(order[nxt:] + [(step + e.days_after_sowing, i)
                                                for i, e in enumerate(events)
                                                if e.timing == TIMING_AFTER_SOWING])

        _check_weather(weather)
        max_days = as_int(max_days, "max_days", 1)
        y, d = start
        try:
            idx = weather.find(y, d)
        except AgrosimError as e:
            if e.name != "AGRO_ENOTFOUND":
                raise
            # Season.run's message (lib/field/season.c, agro_season_run), not the lookup's
            raise AgrosimError(e.status, "weather: no weather for the start day %d-%03d" % (y, d),
                               e.function) from None
        n_days = len(weather)
        f = Field(spec.soil, spec.options)
        since_mature = -1
        for step in range(max_days):
            today = []
            if auto is not None and not sown and not closed and first <= step <= last:
                aw, ts = f.seedbed(win.sw_depth_cm)
                ok = win.tsoil_min_C <= ts <= win.tsoil_max_C and (
                    not spec.options.water_limited or win.sw_min_pct <= aw <= win.sw_max_pct)
                if ok or (win.forced and step == last):
                    time_after_sowing(step)
                    today.append(auto)
                elif step == last:
                    closed = True
            while nxt < len(order) and order[nxt][0] == step:
                i = order[nxt][1]
                nxt += 1
                if events[i].type == EVENT_SOW and not sown:
                    time_after_sowing(step)
                today.append(i)
            harvest_today = False
            for i in today:
                if events[i].type == EVENT_HARVEST:
                    harvest_today = True
                    continue
                e = _dated(events[i], y, d)  # an event after sowing has no date of its own
                try:
                    if e.type == EVENT_SOW:
                        f.sow_maize(spec.cultivar, e)
                    else:
                        f.apply(e)
                except AgrosimError as err:
                    if f._h is None:  # the caller closed the Field: the closed-object error
                        raise
                    # Season.run names the event and the day before the field's refusal
                    # (lib/field/season.c, agro_season_run)
                    raise AgrosimError(err.status, "events[%d] on %d-%03d: %s"
                                       % (i, y, d, err.message), err.function) from None
            # (a copy of the day: the generator holds no view of the series between steps,
            # where the caller may close it; closed, it raises "already closed")
            if idx >= n_days or weather._date(idx) != (y, d):
                raise AgrosimError(-6, "weather: no weather for %d-%03d (needed by the season)"
                                   % (y, d))
            f.step_series(weather, idx)  # a refused day names its weather file and line
            yield f
            stop = closed
            if harvest_today:
                f.apply(harvest(y, d))
                stop = True
            if f.mature:
                since_mature += 1
                if not has_harvest and since_mature >= spec.days_after_maturity:
                    stop = True
            if has_end and (y, d) == (spec.end_year, spec.end_doy):
                stop = True
            if stop:
                return
            idx += 1
            y, d = date_add(y, d, 1)
        raise AgrosimError(-13, "no stop within %d days" % max_days)

    def run(self, weather, max_days=1000, numpy=None):
        """Run with ``weather`` (a Weather); returns (SeasonSummary, daily records)."""
        _check_weather(weather)
        max_days = as_int(max_days, "max_days", 1)
        summary = SeasonSummary()
        daily = (FieldDaily * max_days)()
        n = ctypes.c_int32()
        with weather._region.lock:
            call_ctx("agro_season_run", ctypes.byref(self.spec), weather._live(), ctypes.byref(summary), daily,
                     max_days, ctypes.byref(n))
        return summary, records(daily, n.value, numpy)
