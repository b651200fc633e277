"""Daily weather: DSSAT .WTH / CSV files, site normals and the weather generator."""
import ctypes
import math
import operator

from . import _arrays
from ._core import (AgrosimError, _Owned, _StructView, as_float, as_int, call, call_ctx, encode_path,
                    encode_text, iso_date)
from ._lib import lib
from ._structs import Site as SiteStruct
from ._structs import WeatherDay, WeatherInfo, _is_bool

#: columns of a day (agro_weather_day), in order
DAY_FIELDS = [name for name, _ in WeatherDay._fields_]
#: AGRO_WEATHER_STATION_MAX of weather.h: station names up to 255 characters (longer: an error)
STATION_MAX = 256
#: AGRO_WEATHER_SOURCE_MAX of weather.h: room for Weather.day_source's text
SOURCE_MAX = 640


class Site(_StructView):
    """Monthly climate normals of a site (agro_site) and its station name."""

    _struct_type_ = SiteStruct

    def __init__(self, struct, name):
        self.struct = struct
        self.name = name

    @classmethod
    def load(cls, path):
        """Load a site JSON file (models/sites/*.json)."""
        s = SiteStruct()
        name = ctypes.create_string_buffer(256)
        call_ctx("agro_site_load", encode_path(path), ctypes.byref(s), name, len(name))
        return cls(s, name.value.decode("utf-8", "replace"))

    def __getattr__(self, key):
        if key != "struct" and key in dict(SiteStruct._fields_):
            v = getattr(self.struct, key)
            return list(v) if isinstance(v, ctypes.Array) else v
        raise AttributeError(key)



class Weather(_Owned):
    """An opaque agro_weather series, read-only from Python.

    ``len(w)`` days; ``w[i]`` is an :class:`agrosim.WeatherDay` (a copy);
    ``w.column("tmax_C")`` is a numpy array (or a list without numpy); ``w.info`` the
    :class:`agrosim.WeatherInfo`; ``w.summary()`` the same numbers as ``agrosim weather --json``.

    The C series never changes after loading, so several threads may read one Weather, or
    drive their own Fields and Seasons with it, at once. close() waits for the calls in flight
    (a Season.run of another thread) to return; a call from then on raises "weather series
    already closed".
    """

    _what = "weather series"
    _shared = True

    def __init__(self, handle):
        self._free = lib.fn("agro_weather_free")
        self._own(handle, "Weather.load(path) or Weather.generate(...)")

    handle = property(_Owned._handle)

    # -- construction -------------------------------------------------------------------
    @classmethod
    def load(cls, path, format=None):
        """Load a DSSAT .WTH or agrosim CSV file (``format`` "wth"/"csv", default by extension)."""
        name = {None: "agro_weather_load", "wth": "agro_weather_load_wth",
                "csv": "agro_weather_load_csv"}.get(format)
        if name is None:
            raise ValueError("format must be None, 'wth' or 'csv', not %r" % (format,))
        h = ctypes.c_void_p()
        call_ctx(name, encode_path(path), ctypes.byref(h))
        return cls(h)

    @classmethod
    def generate(cls, site, years, seed, first_year=2001, station=None):
        """Generate ``years`` years from 1 January ``first_year`` (WGEN/SIMMETEO).

        ``site``: a :class:`Site` or the path of a site JSON file. The same seed gives the
        same series, bit for bit; ``seed`` is 0 .. 2**64 - 1, folded to the 32 bits of GSL's
        mt19937 (0 is GSL's default seed 4357; agro_weather_generate in weather.h).
        """
        if not isinstance(site, Site):
            site = Site.load(site)
        if station is None:
            station = site.name
        h = ctypes.c_void_p()
        call_ctx("agro_weather_generate", ctypes.byref(site.struct), encode_text(station, "station"),
                 as_int(first_year, "first_year"), as_int(years, "years"),
                 ctypes.c_uint64(as_int(seed, "seed", 0, 2**64 - 1)), ctypes.byref(h))
        return cls(h)

    # -- reading ------------------------------------------------------------------------
    @property
    def info(self):
        with self._region.lock:
            return _info(self._live())

    @property
    def station(self):
        with self._region.lock:
            return _station(self._live())

    def _day_index(self, i):
        """Day index i (negative from the end) checked against the series; a bool is a
        TypeError (operator.index(True) is 1, and numpy takes a bool index as a mask)."""
        if _is_bool(i):
            raise TypeError("day index: expected an integer, not bool")
        i = operator.index(i)
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("day %d outside the series (%d days)" % (i, n))
        return i

    def day_source(self, i):
        """Where day i comes from, for a message about it: "FILE:LINE" for a day read from a file,
        "generated weather, station NAME, YYYY-DDD" for a generated day
        (agro_weather_day_source)."""
        i = self._day_index(i)
        buf = ctypes.create_string_buffer(SOURCE_MAX)
        with self._region.lock:
            h = self._live()
            call("agro_weather_day_source", h, int(i), buf, len(buf))
        return buf.value.decode("utf-8", "replace")

    def __len__(self):
        return self.info.n_days

    def __getitem__(self, i):
        return self._day(self._day_index(i))

    def _day(self, i):
        """A copy of day ``i`` (0 <= i < len(self))."""
        d = WeatherDay()
        with self._region.lock:
            h = self._live()
            call("agro_weather_get_day", h, i, ctypes.byref(d))
        return d

    def _date(self, i):
        """(year, doy) of day ``i`` (0 <= i < len(self))."""
        d = self._day(i)
        return d.year, d.doy

    def __iter__(self):
        # a copy of each day, made when it is asked for: between two days the caller may
        # close the series (the next day then raises "already closed")
        for i in range(len(self)):
            yield self._day(i)

    def find(self, year, doy):
        """0-based index of (year, doy); AgrosimError(AGRO_ENOTFOUND) if absent, AGRO_ERANGE
        for a day its year lacks (day 366 of a common year)."""
        idx = ctypes.c_int32()
        y, d = as_int(year, "year"), as_int(doy, "doy")
        with self._region.lock:
            h = self._live()
            call("agro_weather_find", h, y, d, ctypes.byref(idx),
                 about=lambda st: self._not_found(year, doy))
        return idx.value

    def check(self, first=0, n=None):
        """Check that days ``first`` .. ``first + n - 1`` (default: to the end) can drive a run
        (agro_weather_check): every required value present, no value DSSAT stops on, no gap.
        Raises AgrosimError naming the file, line and column of the first day that cannot; call
        it before stepping a Field day by day with Field.step (Season.run, Season.steps,
        Field.step_series and the runners check each day for you)."""
        first = as_int(first, "first")
        if n is None:
            n = len(self) - first
        n = as_int(n, "n")
        with self._region.lock:
            h = self._live()
            call_ctx("agro_weather_check", h, first, n)

    def _not_found(self, year, doy):
        i = self.info
        return "year %d, day %d is not in the series (%d day %d to %d day %d)" % (
            year, doy, i.first_year, i.first_doy, i.last_year, i.last_doy)

    def _days(self):
        """A copy of every day, as a ctypes array (one copy of the library's contiguous array,
        made inside a call: a view of it would dangle once another thread closed the series)."""
        with self._region.lock:
            h = self._live()
            info = WeatherInfo()
            call("agro_weather_get_info", h, ctypes.byref(info))
            n = info.n_days
            out = (WeatherDay * n)()
            p = lib.fn("agro_weather_days")(h)
            if not p:
                raise AgrosimError(-1, "agro_weather_days returned NULL")
            ctypes.memmove(out, p, ctypes.sizeof(out))
        return out

    def column(self, name, numpy=None):
        """One field of every day (e.g. "tmax_C", "rain_mm", "year"), copied out."""
        if name not in DAY_FIELDS:
            raise KeyError("%r is not a weather field (%s)" % (name, ", ".join(DAY_FIELDS)))
        want = _arrays.want_numpy(numpy)
        arr = self._days()
        if want:
            np = _arrays.np
            rec = np.frombuffer(arr, dtype=np.dtype(WeatherDay), count=len(arr))
            return rec[name].copy()
        return [getattr(d, name) for d in arr]

    def to_numpy(self):
        """A numpy structured array (a copy) with the fields of agro_weather_day."""
        np = _arrays.np
        if np is None:
            raise ImportError("numpy is not installed")
        arr = self._days()
        return np.frombuffer(arr, dtype=np.dtype(WeatherDay), count=len(arr)).copy()

    def columns(self, numpy=None):
        """Dict name -> column, for every field of a day."""
        return {n: self.column(n, numpy) for n in DAY_FIELDS}

    def write_csv(self, path):
        """Write the series in the agrosim CSV format."""
        p = encode_path(path)
        with self._region.lock:
            h = self._live()
            call_ctx("agro_weather_write_csv", h, p)

    def summary(self):
        """Summary with the keys and meaning of ``agrosim weather FILE --json``."""
        info = self.info
        arr = self._days()
        n = len(arr)

        def mean(key):
            return math.fsum(getattr(d, key) for d in arr) / n if n else float("nan")

        def num(v):
            return None if v is None or not math.isfinite(v) else v

        return {
            "station": self.station,
            "latitude": num(info.latitude_deg),
            "longitude": num(info.longitude_deg),
            "elevation_m": num(info.elevation_m),
            "tav_C": num(info.tav_C),
            "amp_C": num(info.amp_C),
            "days": info.n_days,
            "first_date": iso_date(info.first_year, info.first_doy),
            "last_date": iso_date(info.last_year, info.last_doy),
            "mean_srad_MJ_m2_d": mean("srad_MJ_m2_d"),
            "mean_tmax_C": mean("tmax_C"),
            "mean_tmin_C": mean("tmin_C"),
            "total_rain_mm": math.fsum(d.rain_mm for d in arr),
            "missing_values": info.n_missing,
            "substituted_values": info.n_substituted,
            "bad_days": info.n_bad_days,
        }

    def __repr__(self):
        # a repr must not raise (a debugger or a log line shows objects another thread may
        # close): both reads in one region, which close() waits for, and the closed form when
        # close() took the handle before it
        region = self.__dict__.get("_region")
        if region is None:  # its constructor failed before it owned a handle
            return "<agrosim.Weather closed>"
        with region.lock:
            h = self._h  # read once: close() takes it before it waits for this region
            if h is None:
                return "<agrosim.Weather closed>"
            i, station = _info(h), _station(h)
        return "<agrosim.Weather %s %d days %s..%s>" % (
            station, i.n_days, iso_date(i.first_year, i.first_doy),
            iso_date(i.last_year, i.last_doy))


def _info(h):
    """The WeatherInfo of series ``h`` (a handle read inside its region)."""
    out = WeatherInfo()
    call("agro_weather_get_info", h, ctypes.byref(out))
    return out


def _station(h):
    """The station name of series ``h`` (a handle read inside its region)."""
    buf = ctypes.create_string_buffer(STATION_MAX)
    call("agro_weather_get_station", h, buf, len(buf))
    return buf.value.decode("utf-8", "replace")


def _lat_doy(latitude_deg, doy):
    """The arguments of the solar helpers, checked: they return NaN (for a latitude off the
    globe or a day of year outside 1..366) instead of an error."""
    lat = as_float(latitude_deg, "latitude_deg")
    if not (math.isfinite(lat) and -90.0 <= lat <= 90.0):
        raise ValueError("latitude_deg: %r outside [-90, 90]" % (latitude_deg,))
    return lat, as_int(doy, "doy", 1, 366)


def daylength_h(latitude_deg, doy):
    """Astronomical day length, h (FAO-56 eq. 34)."""
    return lib.fn("agro_daylength_h")(*_lat_doy(latitude_deg, doy))


def extraterrestrial_radiation(latitude_deg, doy):
    """Extraterrestrial radiation Ra, MJ/m²/d (FAO-56 eq. 21)."""
    return lib.fn("agro_extraterrestrial_radiation")(*_lat_doy(latitude_deg, doy))


def photoperiod_h(latitude_deg, doy):
    """Day length including civil twilight, h (CERES photoperiod)."""
    return lib.fn("agro_photoperiod_h")(*_lat_doy(latitude_deg, doy))
