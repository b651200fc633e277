"""DSSAT experiments from Python: read an X file, run its treatments, read the observations.

As ``agrosim run-dssat`` and ``agrosim validate`` do (docs/validation.md)::

    x = agrosim.DssatExperiment("../shared/validation/dssat/Maize/UFGA8201.MZX")
    r = x.run(4, "../shared/validation/dssat")          # DssatResult: yield, ADAT, MDAT, summary
    r, daily = x.run_daily(4, "../shared/validation/dssat")   # + one FieldDaily per day
    x.write_daily_csv("daily.csv", "../shared/validation/dssat")  # as run-dssat --daily
    obs = x.observed("../shared/validation/dssat/Maize/UFGA8201.MZA")
    days = x.timeseries("../shared/validation/dssat/Maize/UFGA8201.MZT")
    x.ignored(4)       # inputs read but not simulated: ["MESEV=S (Suleiman-Ritchie soil evaporation) run ..."]
    agrosim.fit_stats([o.yield_kg_ha for o in obs], [...])

The experiment is read once; every run re-reads its weather, soil and cultivar files from the
data folder (sub-folders Weather/, Soil/, Genotype/).
"""
import ctypes
import os

from ._core import (STATUS_NAMES, AgrosimError, _Owned, as_bool, as_double_array, as_int, call,
                    call_ctx, encode_path, encode_text)
from ._lib import lib
from ._structs import (DssatObserved, DssatObservedDay, DssatResult, DssatRunOptions,
                       DssatTreatment, FieldDaily, FitStats)
from .field import records
from .scenario import DAILY_CSV_LAYERS, _make_folders

# AGRO_DSSAT_TEXT_* of dssat.h
TEXT_NAME, TEXT_CROP, TEXT_CULTIVAR_ID, TEXT_CULTIVAR_NAME = 0, 1, 2, 3
TEXT_WEATHER_STATION, TEXT_SOIL_ID, TEXT_FIELD_ID, TEXT_PREVIOUS_CROP = 4, 5, 6, 7
# AGRO_DSSAT_VAR_* of dssat.h
VAR_YIELD, VAR_ANTHESIS, VAR_MATURITY = 0, 1, 2
# AGRO_DSSAT_IGNORED_* of dssat.h: bits of DssatTreatment.ignored
IGNORED_CENTURY, IGNORED_PEST_DAMAGE, IGNORED_POTASSIUM = 1, 2, 4
IGNORED_TILLAGE, IGNORED_CHEMICALS, IGNORED_SOIL_EVAPORATION = 8, 16, 32
IGNORED_AUTO_FERTILISER, IGNORED_SOIL_TEMPERATURE, IGNORED_DAYCENT_GHG = 64, 128, 256
IGNORED_AUTO_RESIDUE, IGNORED_METHODS, IGNORED_WATER_TABLE = 512, 1024, 2048
IGNORED_UNORDERED_ROWS = 4096
IGNORED_ALL = 8191

#: rows read from one observation file (the shared A files have at most 9, T files ~400)
MAX_OBSERVED = 4000
# days of one season write_daily_csv holds, as run-dssat --daily (cli/cmd_run_dssat.c's
# MAX_DAILY: a start months before planting plus the crop)
_DAILY_DAYS = 3000
# the longest input file name agro_dssat_inputs_get gives, with its NUL
_PATH_MAX = 4096


class DssatExperiment(_Owned):
    """An agro_dssat_exp: a parsed DSSAT experiment (X) file.

    The C experiment never changes after loading: several threads may run its treatments and
    read it at once. close() waits for the calls in flight to return."""

    _what = "DSSAT experiment"
    _shared = True

    def __init__(self, path):
        h = ctypes.c_void_p()
        call_ctx("agro_dssat_exp_load", encode_path(path), ctypes.byref(h))
        self._free = lib.fn("agro_dssat_exp_free")
        self._own(h)

    @property
    def code(self):
        """Experiment code, e.g. "UFGA8201"."""
        return self._code()[0]

    @property
    def crop(self):
        """Crop code of the file, e.g. "MZ"."""
        return self._code()[1]

    def _code(self):
        code, crop = ctypes.create_string_buffer(16), ctypes.create_string_buffer(8)
        with self._region.lock:
            h = self._live()
            call("agro_dssat_exp_code", h, code, 16, crop, 8)
        return code.value.decode(), crop.value.decode()

    @property
    def treatments(self):
        """Treatment numbers (N column) in file order."""
        n = ctypes.c_int32()
        out = []
        with self._region.lock:
            h = self._live()
            call("agro_dssat_exp_n_treatments", h, ctypes.byref(n))
            for k in range(n.value):
                t = ctypes.c_int32()
                call("agro_dssat_exp_treatment_number", h, k, ctypes.byref(t))
                out.append(t.value)
        return out

    def text(self, treatment, which=TEXT_NAME):
        """A text attribute (TEXT_*) of a treatment: name, crop, cultivar, station, soil…"""
        buf = ctypes.create_string_buffer(256)
        number, code = as_int(treatment, "treatment"), as_int(which, "which")
        with self._region.lock:
            h = self._live()
            call("agro_dssat_treatment_text", h, number, code, buf, 256,
                 about=lambda st: self._text_refused(st, treatment, which))
        return buf.value.decode("utf-8", "replace")

    def _text_refused(self, st, treatment, which):
        name = STATUS_NAMES.get(st)
        if name == "AGRO_ENOTFOUND":
            return "treatment %d is not in the experiment (it has %s)" % (treatment,
                                                                          self.treatments)
        if name == "AGRO_ELIMIT":
            return "text %d of treatment %d is longer than 255 bytes" % (which, treatment)
        return "%r is not a text attribute (TEXT_*)" % (which,)

    def treatment(self, number):
        """The treatment's inputs, factor levels resolved: a DssatTreatment."""
        t = DssatTreatment()
        number = as_int(number, "number")
        with self._region.lock:
            h = self._live()
            call_ctx("agro_dssat_treatment_get", h, number, ctypes.byref(t))
        return t

    def inputs(self, data, treatment=None):
        """The files a run of ``treatment`` (None: every maize treatment, those run-dssat
        runs) with the data folder ``data`` reads or looks for, as (kind, path) pairs: kind
        "experiment file", "weather file", "soil file", "cultivar file", "ecotype file",
        "species file", "observation file (A)" or "time-series file (T)", the path as the run
        opens it (agro_dssat_inputs_add, docs/validation.md). write_daily_csv refuses to
        replace any of them."""
        with self._region.lock:
            h = self._live()
            return self._inputs(h, [0] if treatment is None else
                                [as_int(treatment, "treatment")], encode_path(data, "data"))

    @staticmethod
    def _inputs(h, numbers, data, path=None):
        """The (kind, path) pairs of ``numbers``' runs; with ``path`` (encoded), the pair that
        names the same file as it, or None."""
        lst = ctypes.c_void_p()
        call_ctx("agro_dssat_inputs_create", ctypes.byref(lst))
        free = lib.fn("agro_dssat_inputs_free")
        try:
            for number in numbers:
                call_ctx("agro_dssat_inputs_add", lst, h, number, data)
            n, kind = ctypes.c_int32(), ctypes.c_int32()
            buf = ctypes.create_string_buffer(_PATH_MAX)
            indices = None
            if path is not None:
                at = ctypes.c_int32()
                call("agro_dssat_inputs_find", lst, path, ctypes.byref(at))
                indices = [at.value] if at.value >= 0 else []
            else:
                call("agro_dssat_inputs_n", lst, ctypes.byref(n))
                indices = range(n.value)
            out = []
            for i in indices:
                call("agro_dssat_inputs_get", lst, i, buf, _PATH_MAX, ctypes.byref(kind))
                out.append((lib.fn("agro_dssat_input_kind_name")(kind.value).decode(),
                            os.fsdecode(buf.value)))
            if path is not None:
                return out[0] if out else None
            return out
        finally:
            free(lst)

    def ignored(self, treatment):
        """Inputs of a treatment that are read but not simulated: one sentence per input
        (AGRO_DSSAT_IGNORED_* bit, in bit order), [] when every input is used."""
        return describe_ignored(self.treatment(treatment).ignored)

    def run(self, treatment, data, evaporation="ritchie", n_uptake="generic", season=0,
            stemp_surface="air", n_stress="stage-transform"):
        """Simulate one treatment with the DSSAT data folder ``data``: a DssatResult.
        ``evaporation="mesev"`` follows the X file's MESEV (S: Suleiman-Ritchie),
        ``n_uptake="ceres-maize"`` uses MZ_NUPTAK and ``n_stress="dssat-4.8"`` MZ_NFACTO's
        N factor without the older stage 3-4 transform: the DSSAT 4.8 methods that are options
        here (docs/model.md 9.1). ``season`` (0 .. NYERS - 1) picks the year of a multi-year
        run: every date moves on by that many years. ``stemp_surface="albedo"`` gives STEMP
        the surface term of DSSAT up to 4.8.0 ("air", the default, is DSSAT 4.8.2's)."""
        return self._run(treatment, data, evaporation, n_uptake, 0, season, stemp_surface,
                         n_stress)[0]

    def run_daily(self, treatment, data, max_days=1500, numpy=None, evaporation="ritchie",
                  n_uptake="generic", season=0, stemp_surface="air", n_stress="stage-transform"):
        """As run(), plus the daily records (numpy structured array, or list of FieldDaily)."""
        max_days = as_int(max_days, "max_days", 1)
        r, daily, n = self._run(treatment, data, evaporation, n_uptake, max_days, season,
                                stemp_surface, n_stress)
        return r, records(daily, n, numpy)

    def write_daily_csv(self, path, data, treatment=None, layers=False, evaporation="ritchie",
                        n_uptake="generic", stemp_surface="air", n_stress="stage-transform"):
        """Run the treatments and write every simulated day of each into one CSV, the file of
        ``agrosim run-dssat X --data DATA --daily PATH`` (``--trt`` for ``treatment``,
        ``--layers`` when ``layers``, the methods as run()'s): RUN the experiment code, TRNO the
        treatment, SEASON from 0, every season of a multi-year (NYERS > 1) run; without
        ``treatment``, those of a crop other than maize are left out, as run-dssat leaves them.
        Its missing folders are made. A failure raises and leaves no file, where run-dssat
        writes the treatments that ran. A ``path`` naming a file the runs read (inputs(): the X,
        A, T, weather, soil or genotype files, through links and ".." alike) raises
        AgrosimError AGRO_EINVAL before any folder is made, as run-dssat refuses it."""
        opt = self._options(evaporation, n_uptake, 0, stemp_surface, n_stress)
        p, data = encode_path(path), encode_path(data, "data")
        layers = as_bool(layers, "layers")
        if treatment is None:
            numbers = [t for t in self.treatments if self.text(t, TEXT_CROP) == "MZ"]
            if not numbers:
                raise AgrosimError(-6, "%s: no maize treatment to simulate" % self.code)
        else:
            numbers = [as_int(treatment, "treatment")]
        runs = [(t, max(1, self.treatment(t).n_years)) for t in numbers]
        label = encode_text(self.code, "code")
        r, n = DssatResult(), ctypes.c_int32()
        days = (FieldDaily * _DAILY_DAYS)()
        w = ctypes.c_void_p()
        # fetched before the try, so that the finally is one call, with no point before it
        # where an interrupt could skip the free
        free = lib.fn("agro_daily_csv_free")
        with self._region.lock:
            h = self._live()
            # no input of the runs replaced (run-dssat's refusal), before any folder is made
            hit = self._inputs(h, numbers, data, p)
            if hit is not None:
                raise AgrosimError(-1, "%s: would replace the experiment's %s (\"%s\")"
                                   % (path, hit[0], hit[1]), "agro_dssat_inputs_find")
            _make_folders(p)
            try:
                call_ctx("agro_daily_csv_create", p, DAILY_CSV_LAYERS if layers else 0,
                         ctypes.byref(w))
                for number, n_seasons in runs:
                    for season in range(n_seasons):
                        opt.season = season
                        call_ctx("agro_dssat_run_treatment_opts", h, number, data,
                                 ctypes.byref(opt), ctypes.byref(r), days, _DAILY_DAYS,
                                 ctypes.byref(n))
                        call_ctx("agro_daily_csv_append", w, label, number, season, days,
                                 n.value)
                call_ctx("agro_daily_csv_commit", w)
            finally:
                free(w)  # removes the file under its temporary name unless committed

    def _options(self, evaporation, n_uptake, season, stemp_surface, n_stress):
        """The DssatRunOptions of run()'s keyword arguments; ValueError naming a bad one."""
        opt = DssatRunOptions()
        call("agro_dssat_run_options_default", ctypes.byref(opt))
        methods = {"ritchie": 0, "mesev": 1}
        uptakes = {"generic": 0, "ceres-maize": 1}
        if evaporation not in methods or n_uptake not in uptakes:
            raise ValueError("evaporation must be one of %s and n_uptake one of %s"
                             % (sorted(methods), sorted(uptakes)))
        surfaces = {"air": 0, "albedo": 1}
        if stemp_surface not in surfaces:
            raise ValueError("stemp_surface must be one of %s" % sorted(surfaces))
        opt.follow_mesev, opt.crop_n_uptake_method = methods[evaporation], uptakes[n_uptake]
        opt.soil_temp_surface = surfaces[stemp_surface]
        stresses = {"stage-transform": 0, "dssat-4.8": 1}
        if n_stress not in stresses:
            raise ValueError("n_stress must be one of %s" % sorted(stresses))
        opt.crop_n_stress_method = stresses[n_stress]
        opt.season = as_int(season, "season")
        return opt

    def _run(self, treatment, data, evaporation, n_uptake, max_days, season, stemp_surface,
             n_stress):
        treatment = as_int(treatment, "treatment")
        max_days = as_int(max_days, "max_days", 0)
        opt = self._options(evaporation, n_uptake, season, stemp_surface, n_stress)
        r = DssatResult()
        daily = (FieldDaily * max_days)() if max_days else None
        n = ctypes.c_int32()
        data = encode_path(data, "data")
        with self._region.lock:
            h = self._live()
            call_ctx("agro_dssat_run_treatment_opts", h, treatment, data, ctypes.byref(opt),
                     ctypes.byref(r), daily, max_days, ctypes.byref(n))
        return r, daily, n.value

    def observed(self, path):
        """End-of-season observations (A file) of this experiment's treatments; another kind
        of file (the T file, the X file) raises AgrosimError AGRO_EFORMAT."""
        return self._load("agro_dssat_observed_load", DssatObserved, path)

    def timeseries(self, path):
        """In-season observations (T file): CWAD, LAID, GWAD, CNAD by treatment and date; a
        file with no dated table (the A file, the X file) raises AgrosimError AGRO_EFORMAT."""
        return self._load("agro_dssat_timeseries_load", DssatObservedDay, path)

    def _load(self, fn, cls, path):
        buf = (cls * MAX_OBSERVED)()
        n = ctypes.c_int32()
        path = encode_path(path)
        with self._region.lock:
            h = self._live()
            call_ctx(fn, path, h, buf, MAX_OBSERVED, ctypes.byref(n))
        return list(buf[:n.value])


def describe_ignored(flags):
    """The IGNORED_* bits of ``flags`` in words: one sentence per bit, in bit order."""
    out = []
    buf = ctypes.create_string_buffer(512)
    flags = as_int(flags, "flags")
    for bit in range(32):
        if flags >> bit & 1:
            call("agro_dssat_ignored_describe", ctypes.c_int32(1 << bit).value, buf, 512,
                 about="flags: bit %d (%d) is no IGNORED_* bit (IGNORED_ALL is %d)"
                 % (bit, 1 << bit, IGNORED_ALL))
            out.append(buf.value.decode())
    return out


def fit_stats(observed, simulated):
    """RMSE, nRMSE, bias and Willmott's d over the pairs where neither value is NaN (missing).

    An infinite value raises AgrosimError (AGRO_ERANGE) naming its index."""
    obs, n = as_double_array(observed, "observed")
    sim, n_sim = as_double_array(simulated, "simulated")
    if n != n_sim:
        raise ValueError("observed and simulated differ in length (%d, %d)" % (n, n_sim))
    out = FitStats()
    call_ctx("agro_fit_stats_compute", obs, sim, n, ctypes.byref(out))
    return out


def reference_stats(crop, variable):
    """DSSAT-CSM 4.8.2's own statistics on the shared calibration set ("MZ"/"SB", VAR_*)."""
    out = FitStats()
    st = lib.fn("agro_dssat_reference_stats")(encode_text(crop, "crop"),
                                              as_int(variable, "variable"), ctypes.byref(out))
    if st != 0:
        raise AgrosimError(st, "no DSSAT reference figures for %s variable %d" % (crop, variable),
                           "agro_dssat_reference_stats")
    return out
