"""Scenario files (factorial ensembles of interventions × weather members) and their results.

    sc = Scenario.load("examples/morogoro/morogoro.json")
    res = sc.run()                      # every run, through the library
    res.write_hdf5("results/morogoro.h5"); res.write_csv("results/summary.csv")
    res.write_daily_csv("results/daily.csv")   # every simulated day (agrosim run --daily)
    res.yield_stats(field=0, intervention=1).median_kg_ha
    rows = res.summary_rows()           # one dict per run: field, intervention, member, ...
"""
import ctypes
import os
import threading

from . import _arrays
from ._core import (STATUS_NAMES, AgrosimError, _Owned, as_bool, as_int, call, call_ctx,
                    encode_path, encode_text)
from ._lib import lib
from ._structs import FieldDaily, RunInfo, ScenarioInfo, SeasonSummary, YieldStats
from .field import records

NAME_MAX = 64  # AGRO_SCENARIO_NAME_MAX
PATH_MAX = 4096  # the longest input file name a scenario keeps, with its NUL
# AGRO_OUTPUT_CHECK_ALL_RUNS of output.h: agro_output_check refuses results in part
OUTPUT_CHECK_ALL_RUNS = 1
# AGRO_DAILY_CSV_* of output.h: the flags of a daily CSV (agro_daily_csv_create)
DAILY_CSV_WEEDS, DAILY_CSV_LAYERS = 1, 2
CROP_NAMES = {1: "maize"}


def _string(fn, *args, size=NAME_MAX * 4):
    buf = ctypes.create_string_buffer(size)
    call(fn, *(args + (buf, len(buf))))
    return buf.value.decode("utf-8", "replace")


def _run_outside(run, n_runs):
    """What an agro_*_run_info failure means: the only argument it can refuse is the run."""
    return "run %d outside the scenario's runs 0 to %d" % (run, n_runs - 1)

class Scenario(_Owned):
    """A loaded and validated scenario (agro_scenario).

    The C scenario never changes after loading: several threads may run it (into their own
    Results, or disjoint runs of one) and read it at once. close() waits for the calls in
    flight, its Results' included, to return."""

    _what = "scenario"
    _shared = True

    def __init__(self, handle, path=None):
        self._free = lib.fn("agro_scenario_free")
        self.path = path
        self._own(handle, "Scenario.load(path)")

    @classmethod
    def load(cls, path):
        """Load a scenario JSON file; errors name file, line and JSON path."""
        h = ctypes.c_void_p()
        call_ctx("agro_scenario_load", encode_path(path), ctypes.byref(h))
        return cls(h, os.fspath(path))

    @classmethod
    def from_text(cls, text, name="<text>", base_dir=None):
        """Load a scenario from a JSON string; relative paths resolve against base_dir."""
        h = ctypes.c_void_p()
        call_ctx("agro_scenario_load_text", encode_text(name, "name"), encode_text(text, "text"),
                 encode_path(base_dir, "base_dir") if base_dir is not None else None,
                 ctypes.byref(h))
        return cls(h, None)

    handle = property(_Owned._handle)

    @property
    def info(self):
        out = ScenarioInfo()
        with self._region.lock:
            h = self._live()
            call("agro_scenario_get_info", h, ctypes.byref(out))
        return out

    @property
    def name(self):
        with self._region.lock:
            h = self._live()
            return _string("agro_scenario_name", h)

    @property
    def text(self):
        with self._region.lock:
            h = self._live()
            n = lib.fn("agro_scenario_text_length")(h)
            return _string("agro_scenario_text", h, size=n + 1)

    @property
    def field_names(self):
        n = self.info.n_fields
        with self._region.lock:
            h = self._live()
            return [_string("agro_scenario_field_name", h, i) for i in range(n)]

    @property
    def intervention_names(self):
        n = self.info.n_interventions
        with self._region.lock:
            h = self._live()
            return [_string("agro_scenario_intervention_name", h, i) for i in range(n)]

    @property
    def inputs(self):
        """The files the scenario was loaded from, as (key, path) pairs: the scenario file
        (key "", after Scenario.load) and every file it names, the key the JSON path that
        names it ("soil.file", "fields[0].canopies[0].cultivar.file") and the path as opened
        (agro_scenario_input). The results writers refuse to replace any of them."""
        n = ctypes.c_int32()
        path, key = ctypes.create_string_buffer(PATH_MAX), ctypes.create_string_buffer(256)
        out = []
        with self._region.lock:
            h = self._live()
            call("agro_scenario_n_inputs", h, ctypes.byref(n))
            for i in range(n.value):
                call("agro_scenario_input", h, i, path, len(path), key, len(key))
                out.append((key.value.decode("utf-8", "replace"), os.fsdecode(path.value)))
        return out

    def run_info(self, run):
        out = RunInfo()
        run = as_int(run, "run")
        with self._region.lock:
            h = self._live()
            call("agro_scenario_run_info", h, run, ctypes.byref(out),
                 about=lambda st: _run_outside(run, self.info.n_runs))
        return out

    def results(self):
        """Empty results for every run (see :meth:`Results.run_range`)."""
        h = ctypes.c_void_p()
        with self._region.lock:
            sc = self._live()
            call_ctx("agro_results_create", sc, ctypes.byref(h))
        return Results(h, self)

    def run(self, progress=None, chunk=None):
        """Simulate every run, in order; ``progress(done, total)`` is called between chunks of
        ``chunk`` runs if given (default: a hundredth of the runs).

        Runs done are kept when the call stops early: any exception raised out of run() once
        its results exist (a KeyboardInterrupt in ``progress`` or between chunks, AgrosimError
        AGRO_ECANCELED from :meth:`Context.cancel`, a failed run, ``progress``'s own) keeps its
        type and traceback, so ``except KeyboardInterrupt`` still catches it, and carries
        ``results``, the Results of the runs done, and ``runs_done``, how many (runs 0 to
        ``runs_done - 1``; None if the results can no longer be read, their Scenario closed
        meanwhile). ``results.run_info(run).done`` tells each run; the writers of whole results
        (write_hdf5, write_daily_csv) refuse results in part."""
        res = self.results()
        try:
            if progress is None:
                res.run_range(0, res.n_runs)
                return res
            total = self.info.n_runs
            chunk = max(1, total // 100) if chunk is None else as_int(chunk, "chunk", 1)
            done = 0
            while done < total:
                k = min(chunk, total - done)
                res.run_range(done, k)
                done += k
                progress(done, total)
            return res
        except BaseException as e:
            # stored before the count, the one call here: a second interrupt landing in it
            # still finds the results on the first exception (its __context__)
            e.results, e.runs_done = res, None
            e.runs_done = _runs_done(res)
            raise


class Results(_Owned):
    """Results of the runs of a scenario (agro_results); keeps its Scenario alive, and is
    usable only while that Scenario is open (the C results read it).

    Threads may run disjoint runs into one Results at once (:meth:`run_range`, as the C
    library allows); a run_range overlapping one in flight waits for it, a read (summary,
    daily, yield_stats, the writers) waits for the runs in flight and a run_range for the reads
    in flight, so a reader sees whole runs, where the C results have no lock. close() waits for
    the calls in flight to return; so does closing the Scenario meanwhile."""

    _what = "results"
    _shared = True

    @staticmethod
    def _conflict(a, b):
        # a read's token is None, a run_range's its runs (first, end): reads go together,
        # disjoint runs go together, anything else waits
        if a is None or b is None:
            return a is not b
        return a[0] < b[1] and b[0] < a[1]

    def __init__(self, handle, scenario):
        self._free = lib.fn("agro_results_free")
        self.scenario = scenario
        self._own(handle, "Scenario.run() or Scenario.results()")

    @property
    def handle(self):
        h = self._handle()
        if self.scenario._h is None:
            raise self._scenario_closed()
        return h

    @staticmethod
    def _scenario_closed():
        return AgrosimError(-10, "results: their scenario was closed (close the results first; "
                            "the library's results read the scenario)")

    def _handles(self, lk, runs=None):
        """(scenario handle, results handle) for a call on the results, made inside
        ``with self.scenario._region.lock, lk:`` (``lk`` a new lock), ``runs`` = (first, end)
        for a run_range: the scenario stays open, and the results, until that ``with`` ends."""
        self._live()
        sc = self.scenario._h
        if sc is None:
            raise self._scenario_closed()
        return sc, self._admit(lk, runs)

    def run_range(self, first, count):
        """Simulate runs ``first`` .. ``first + count - 1``; threads may run disjoint ranges
        into these results at once."""
        first, count = as_int(first, "first"), as_int(count, "count")
        lk = threading.Lock()
        with self.scenario._region.lock, lk:
            sc, h = self._handles(lk, (first, first + count))
            call_ctx("agro_scenario_run_range", sc, h, first, count)

    @property
    def n_runs(self):
        return self.scenario.info.n_runs

    def run_info(self, run):
        out = RunInfo()
        run = as_int(run, "run")
        lk = threading.Lock()
        with self.scenario._region.lock, lk:
            _, h = self._handles(lk)
            call("agro_results_run_info", h, run, ctypes.byref(out),
                 about=lambda st: _run_outside(run, self.n_runs))
        return out

    def _run_refused(self, st, run):
        if STATUS_NAMES.get(st) == "AGRO_EINVAL":
            return _run_outside(run, self.n_runs)
        return None

    def _why_not(self, e, run):
        """An AGRO_ESTATE of the results readers, which take no context, with its reason."""
        if e.status != -10:
            return e
        if not self.run_info(run).done:
            why = "run %d has not been simulated (run the scenario or run_range first)" % run
        else:
            why = ('run %d has no daily series: the scenario turns them off ("report": '
                   '{"daily": false})' % run)
        return AgrosimError(e.status, "%s: %s" % (e.function, why), e.function)

    def summary(self, run):
        """SeasonSummary of one run."""
        out = SeasonSummary()
        run = as_int(run, "run")
        lk = threading.Lock()
        with self.scenario._region.lock, lk:
            _, h = self._handles(lk)
            try:
                call("agro_results_get_summary", h, run, ctypes.byref(out),
                     about=lambda st: self._run_refused(st, run))
            except AgrosimError as e:
                raise self._why_not(e, run) from None
        return out

    def daily(self, run, numpy=None):
        """Daily snapshots of one run: numpy structured array or list of FieldDaily."""
        max_days = self.scenario.info.max_days
        buf = (FieldDaily * max(1, max_days))()
        n = ctypes.c_int32()
        run = as_int(run, "run")
        lk = threading.Lock()
        with self.scenario._region.lock, lk:
            _, h = self._handles(lk)
            try:
                call("agro_results_get_daily", h, run, buf, max_days, ctypes.byref(n),
                     about=lambda st: self._run_refused(st, run))
            except AgrosimError as e:
                raise self._why_not(e, run) from None
        return records(buf, min(n.value, max_days), numpy)

    def daily_series(self, run, name, numpy=None):
        """One variable of the daily snapshots of a run (e.g. "lai_crop")."""
        if not isinstance(name, str) or name not in dict(FieldDaily._fields_):
            raise KeyError("%r is not a FieldDaily field" % (name,))
        d = self.daily(run, numpy=numpy)
        if _arrays.want_numpy(numpy):
            return d[name].copy()
        return [getattr(x, name) for x in d]

    def yield_stats(self, field, intervention):
        """YieldStats of one field × intervention over every member and season."""
        out = YieldStats()
        info = self.scenario.info
        field, intervention = as_int(field, "field"), as_int(intervention, "intervention")
        lk = threading.Lock()
        with self.scenario._region.lock, lk:
            _, h = self._handles(lk)
            call("agro_results_yield_stats", h, field, intervention, ctypes.byref(out),
                 about=lambda st: ("field %d, intervention %d: the scenario has fields 0 to %d "
                                   "and interventions 0 to %d" % (field, intervention,
                                                                  info.n_fields - 1,
                                                                  info.n_interventions - 1)
                                   if STATUS_NAMES.get(st) == "AGRO_EINVAL" else
                                   "no run of field %d, intervention %d has been simulated (run "
                                   "the scenario or run_range first)" % (field, intervention)
                                   if STATUS_NAMES.get(st) == "AGRO_ESTATE" else None))
        return out

    def summary_rows(self):
        """One dict per run: the design (field, intervention, member, season, year) + summary."""
        fields = self.scenario.field_names
        interventions = self.scenario.intervention_names
        rows = []
        for r in range(self.n_runs):
            ri = self.run_info(r)
            row = {"run": r, "field": fields[ri.field],
                   "intervention": interventions[ri.intervention], "member": ri.member,
                   "season": ri.season, "year": ri.year,
                   "crop": CROP_NAMES.get(ri.crop, str(ri.crop))}
            row.update(self.summary(r).to_dict())
            rows.append(row)
        return rows

    def write_hdf5(self, path):
        """Write the HDF5 results file (atomically, through the library), creating its missing
        folders as ``agrosim run -o`` does. Results run in part (AGRO_ESTATE naming the first
        run not simulated) and a path naming one of the scenario's :attr:`Scenario.inputs`
        (AGRO_EINVAL) are refused before any folder or file is made."""
        p = encode_path(path)
        lk = threading.Lock()
        with self.scenario._region.lock, lk:
            sc, h = self._handles(lk)
            _checked_folders(sc, h, p, OUTPUT_CHECK_ALL_RUNS)
            call_ctx("agro_output_write_hdf5", sc, h, p)

    def write_csv(self, path):
        """Write the summary CSV (same columns as ``agrosim run --summary``), creating its
        missing folders as ``agrosim run`` does. Only simulated runs have rows (results run in
        part lose the others without a mark; write_hdf5 refuses them). A path naming one of the
        scenario's :attr:`Scenario.inputs` is refused (AGRO_EINVAL) before any folder or file
        is made."""
        p = encode_path(path)
        lk = threading.Lock()
        with self.scenario._region.lock, lk:
            sc, h = self._handles(lk)
            _checked_folders(sc, h, p, 0)
            call_ctx("agro_output_write_csv", sc, h, p)

    def write_daily_csv(self, path, layers=False):
        """Write the daily CSV, the file of ``agrosim run --daily`` (``--layers`` when
        ``layers``): every simulated day of every run, labelled RUN ``<field>/<intervention>/
        <member>``, TRNO and SEASON (docs/scenario.md, "Daily CSV"), with the weed columns when
        a field has weeds, creating its missing folders. A scenario with ``"report": {"daily":
        false}`` is refused (AgrosimError AGRO_ESTATE naming ``report.daily``) before any folder
        or file is made, and so are results run in part and a path naming one of the scenario's
        :attr:`Scenario.inputs`, as write_hdf5 refuses them; no file is left by a failure."""
        p = encode_path(path)
        layers = as_bool(layers, "layers")
        flags, w = ctypes.c_int32(), ctypes.c_void_p()
        # fetched before the try, so that the finally is one call, with no point before it
        # where an interrupt could skip the free
        free = lib.fn("agro_daily_csv_free")
        lk = threading.Lock()
        with self.scenario._region.lock, lk:
            sc, h = self._handles(lk)
            call_ctx("agro_output_daily_csv_flags", sc, ctypes.byref(flags))
            _checked_folders(sc, h, p, OUTPUT_CHECK_ALL_RUNS)
            try:
                call_ctx("agro_daily_csv_create", p,
                         flags.value | (DAILY_CSV_LAYERS if layers else 0), ctypes.byref(w))
                call_ctx("agro_output_append_daily_csv", sc, h, w)
                call_ctx("agro_daily_csv_commit", w)
            finally:
                free(w)  # removes the file under its temporary name unless committed


def _runs_done(res):
    """How many runs of ``res`` are simulated (from the library's run_info(r).done, which the
    C run sets after each whole run: counting in Python would miss a chunk whose run_range an
    interrupt ended after its C call had returned); None if ``res`` cannot be read."""
    try:
        return sum(res.run_info(r).done for r in range(res.n_runs))
    except AgrosimError:
        return None


def _checked_folders(sc, res, p, flags):
    """What the library's writer of results ``res`` of scenario ``sc`` would refuse for the
    output file at ``p`` (encoded), refused now (agro_output_check with ``flags``: results in
    part, a path naming one of the scenario's inputs), then the file's missing folders created
    (agro_output_mkdirs, as the CLI), so that a refused call leaves no new folder."""
    call_ctx("agro_output_check", sc, res, p, flags)
    _make_folders(p)


def _make_folders(p):
    """Create the missing folders of the output file at ``p`` (encoded), after checking that
    the writers can make a file by that name (agro_output_check_name: AgrosimError AGRO_EINVAL
    "file name too long" for a name, a part of it or its temporary name too long; AGRO_EIO
    "Is a directory" for a folder's name, ending in "/", "." or "..", whose "folder" would be
    the file's own name or hold it), with no folder made."""
    call_ctx("agro_output_check_name", p)
    parent = os.path.dirname(p)
    if parent:
        mkdirs(parent)


def mkdirs(path):
    """Create a folder and its parents (library helper)."""
    call_ctx("agro_output_mkdirs", encode_path(path))


def read_hdf5(path):
    """Open a results file with h5py (read-only); returns the h5py.File."""
    try:
        import h5py
    except ImportError as e:  # h5py is optional
        raise ImportError("reading results files needs h5py (Debian: python3-h5py)") from e
    return h5py.File(os.fspath(path), "r")
