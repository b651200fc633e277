"""Objects used from several threads (docs/python.md, "Threads"): ctypes runs a C call without
the GIL, so close() in one thread could free the C object under a call running in another (a
use after free), and two calls on one Field ran inside it at once. A C function is replaced
here by a stand-in that holds its call until the test lets it go, so that what another thread
does meanwhile is seen in a fixed order, without timing; the stand-ins never reach the library
after a free. An asynchronous exception (KeyboardInterrupt) is raised at each point of a call
or close() where CPython can raise one, through the opcode trace, not a signal's timing."""
import ctypes
import os
import subprocess
import sys
import threading

import pytest

import agrosim
from agrosim import testing
from agrosim._lib import lib

DATA = os.path.join(testing.validation_dir(), "dssat")
SOL = os.path.join(DATA, "Soil", "SOIL.SOL")
WTH = os.path.join(DATA, "Weather", "UFGA8201.WTH")
MZX = os.path.join(DATA, "Maize", "UFGA8201.MZX")
SITE = os.path.join(testing.source_dir(), "models", "sites", "morogoro.json")
MOROGORO = os.path.join(testing.source_dir(), "examples", "morogoro", "morogoro.json")
TIMEOUT = 30  # s: only reached when something that should happen does not
# how long a thread is given to get past a call that should make it wait: with the regions it
# waits until it is let go and the test passes whatever the timing; without them it is done
# within this time and the test fails
HELD = 0.1


class Held:
    """Stand-in for C function ``name``: logs "NAME start", holds each call until ``go`` is
    set (after ``meet`` callers, when given, are inside at once), logs "NAME end" and returns
    ``result``."""

    def __init__(self, monkeypatch, name, log, result=0, meet=None):
        self.name, self.log, self.result = name, log, result
        self.inside, self.go = threading.Event(), threading.Event()
        self.barrier = threading.Barrier(meet, timeout=TIMEOUT) if meet else None
        monkeypatch.setitem(lib._fns, name, self)

    def __call__(self, *args):
        self.log.append(self.name + " start")
        if self.barrier is not None:
            self.barrier.wait()
        self.inside.set()
        assert self.go.wait(TIMEOUT)
        self.log.append(self.name + " end")
        return self.result


def _logged_free(obj, log):
    """Log when ``obj``'s C object is freed (and free it)."""
    free = obj._free

    def logged(h):
        log.append("free")
        free(h)
    obj._free = logged


def _start(fn, *args):
    errors = []

    def run():
        try:
            fn(*args)
        except BaseException as e:  # kept for the test to look at
            errors.append(e)
    t = threading.Thread(target=run)
    t.errors = errors
    t.start()
    return t


def _field():
    soil = agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014")
    return agrosim.Field(soil, agrosim.field_options(latitude_deg=29.6))


def _day():
    d = agrosim.WeatherDay()
    d.year, d.doy, d.srad_MJ_m2_d, d.tmax_C, d.tmin_C, d.rain_mm = 2001, 60, 15, 28, 15, 0
    return d


def _owners():
    """(object, its call, the C function the call makes, how a call after close() is refused)
    for every kind of owner of a C object."""
    sc = agrosim.Scenario.load(MOROGORO)
    soil = agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014")
    return [
        (_field(), lambda f: f.step(_day()), "agro_field_step", "field already closed"),
        (agrosim.SoilTemperature(soil), lambda s: s.step(_day()), "agro_soil_temp_step",
         "soil temperature model already closed"),
        (agrosim.Weather.load(WTH), lambda w: w.find(1982, 60), "agro_weather_find",
         "weather series already closed"),
        (sc, lambda s: s.run_info(0), "agro_scenario_run_info", "scenario already closed"),
        (sc.results(), lambda r: r.run_info(0), "agro_results_run_info", "results already closed"),
        (agrosim.DssatExperiment(MZX), lambda x: x.treatment(1), "agro_dssat_treatment_get",
         "DSSAT experiment already closed"),
        (agrosim.Context(), lambda c: c.message(), "agro_ctx_message",
         "error context already closed"),
    ]


@pytest.mark.parametrize("k", range(7), ids=["Field", "SoilTemperature", "Weather", "Scenario",
                                             "Results", "DssatExperiment", "Context"])
def test_close_waits_for_the_call_in_flight_then_frees(monkeypatch, k):
    """close() freed the C object at once, under the call another thread was running in it
    (ASan: heap-use-after-free in agro_field_step, agro_season_run, agro_scenario_run_range).
    Now it waits for the call to return, then frees; a call after that raises."""
    obj, use, name, closed = _owners()[k]
    log = []
    _logged_free(obj, log)
    held = Held(monkeypatch, name, log)
    caller = _start(use, obj)
    assert held.inside.wait(TIMEOUT)
    closer = _start(obj.close)
    closer.join(HELD)
    assert closer.is_alive(), "close() returned with a call in flight: %s" % log
    held.go.set()
    caller.join(TIMEOUT)
    closer.join(TIMEOUT)
    assert not caller.is_alive() and not closer.is_alive()
    assert caller.errors == [] and closer.errors == []
    assert log == [name + " start", name + " end", "free"]
    with pytest.raises(agrosim.AgrosimError, match=closed) as ei:
        use(obj)
    assert ei.value.name == "AGRO_ESTATE"
    obj.close()
    assert log.count("free") == 1


def test_calls_on_one_field_run_one_at_a_time(monkeypatch):
    """field.h: "many fields can run side by side, one per thread", each field from one thread
    at a time. A thread reading ``daily`` while another stepped read the C field in the middle
    of the step (half of a day); a second step ran inside the first. Calls on one Field now run
    one after the other."""
    f = _field()
    log = []
    held = Held(monkeypatch, "agro_field_step", log)
    real_daily = lib.fn("agro_field_get_daily")

    def daily(*args):
        log.append("daily")
        return real_daily(*args)
    monkeypatch.setitem(lib._fns, "agro_field_get_daily", daily)
    stepper = _start(f.step, _day())
    assert held.inside.wait(TIMEOUT)
    reader = _start(lambda: f.daily)
    second = _start(f.step, _day())
    reader.join(HELD)
    assert reader.is_alive(), "daily read inside a step: %s" % log
    held.go.set()
    for t in (stepper, reader, second):
        t.join(TIMEOUT)
        assert not t.is_alive() and t.errors == []
    # the second step and the read each ran after the first step, never inside it
    assert log[:2] == ["agro_field_step start", "agro_field_step end"]
    assert sorted(log[2:]) == ["agro_field_step end", "agro_field_step start", "daily"]
    assert log.index("agro_field_step end", 2) == log.index("agro_field_step start", 2) + 1
    f.close()


def test_threads_use_one_weather_at_once_and_close_waits_for_all(monkeypatch):
    """A Weather is read by many threads at once (weather.h): two Season runs on one series are
    both inside agro_season_run together (they meet at a barrier there). close() waits for
    both, and a call starting once close() is waiting raises at once instead of waiting too."""
    w = agrosim.Weather.load(WTH)
    cul = agrosim.MaizeCultivar.load_dssat(os.path.join(DATA, "Genotype", "MZCER048.CUL"),
                                           os.path.join(DATA, "Genotype", "MZCER048.ECO"),
                                           "IB0063")
    season = agrosim.Season(agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014"), cul,
                            start=(1982, 57), events=[agrosim.sow(1982, 57, 7.2, 61)])
    log = []
    _logged_free(w, log)
    held = Held(monkeypatch, "agro_season_run", log, meet=2)
    runs = [_start(season.run, w) for _ in range(2)]
    assert held.inside.wait(TIMEOUT)
    # close() takes the handle, then lists the regions in flight to wait for them: noted, so
    # that the call below surely starts once close() has taken the handle
    waiting = threading.Event()
    regions = w._regions

    def noted_regions():
        try:
            return regions()
        finally:
            waiting.set()
    w._regions = noted_regions
    closer = _start(w.close)
    closer.join(HELD)
    assert closer.is_alive(), "close() returned with two runs in flight: %s" % log
    assert waiting.wait(TIMEOUT)
    with pytest.raises(agrosim.AgrosimError, match="weather series already closed"):
        len(w)
    assert log == ["agro_season_run start"] * 2
    held.go.set()
    for t in runs + [closer]:
        t.join(TIMEOUT)
        assert not t.is_alive() and t.errors == []
    assert log == ["agro_season_run start"] * 2 + ["agro_season_run end"] * 2 + ["free"]


def test_a_scenario_is_kept_open_while_its_results_run(monkeypatch):
    """The C results read their scenario: Scenario.close() while Results.run_range ran in
    another thread freed the scenario under the run (ASan: heap-use-after-free in
    agro_field_step called from agro_scenario_run_range). It now waits for the run; the
    results refuse to run afterwards."""
    sc = agrosim.Scenario.load(MOROGORO)
    res = sc.results()
    log = []
    _logged_free(sc, log)
    held = Held(monkeypatch, "agro_scenario_run_range", log)
    run = _start(res.run_range, 0, 4)
    assert held.inside.wait(TIMEOUT)
    closer = _start(sc.close)
    closer.join(HELD)
    assert closer.is_alive(), "the scenario was freed under its results' run: %s" % log
    held.go.set()
    for t in (run, closer):
        t.join(TIMEOUT)
        assert not t.is_alive() and t.errors == []
    assert log == ["agro_scenario_run_range start", "agro_scenario_run_range end", "free"]
    with pytest.raises(agrosim.AgrosimError, match="their scenario was closed"):
        res.run_range(0, 1)
    res.close()


def test_results_read_whole_runs_and_overlapping_runs_wait(monkeypatch):
    """scenario.h: threads may run disjoint runs into one results at once, and read them only
    after the runs returned. Disjoint run_range calls still go together (they meet inside);
    a read, and a run_range of runs another is running, now wait for them, where they read
    runs half written or wrote one run from two threads."""
    sc = agrosim.Scenario.load(MOROGORO)
    res = sc.results()
    log = []
    held = Held(monkeypatch, "agro_scenario_run_range", log, meet=2)
    real_info = lib.fn("agro_results_run_info")

    def info(*args):
        log.append("read")
        return real_info(*args)
    monkeypatch.setitem(lib._fns, "agro_results_run_info", info)
    runs = [_start(res.run_range, 0, 2), _start(res.run_range, 2, 2)]
    assert held.inside.wait(TIMEOUT)
    held.barrier = None  # later runs do not wait for a partner
    reader = _start(res.run_info, 1)
    overlapping = _start(res.run_range, 1, 2)
    reader.join(HELD)
    overlapping.join(HELD)
    assert reader.is_alive() and overlapping.is_alive(), log
    assert log == ["agro_scenario_run_range start"] * 2
    held.go.set()
    for t in runs + [reader, overlapping]:
        t.join(TIMEOUT)
        assert not t.is_alive() and t.errors == []
    assert log[:4] == ["agro_scenario_run_range start"] * 2 + ["agro_scenario_run_range end"] * 2
    assert sorted(log[4:]) == ["agro_scenario_run_range end", "agro_scenario_run_range start",
                               "read"]
    res.close()
    sc.close()


def _in_a_child(code):
    """Run ``code`` in a fresh interpreter (same environment): reading freed memory can crash
    the process, which would take pytest with it."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)


def test_a_weather_read_whole_is_not_freed_under_the_copy():
    """Weather.column, to_numpy, summary and the iteration read the library's day array in
    place through a view; a close() in another thread while a view was read freed the days
    under it. The days are now copied inside a call, which close() waits for."""
    r = _in_a_child(
        "import threading, agrosim\n"
        "from agrosim._lib import lib\n"
        "w = agrosim.Weather.generate(%r, years=20, seed=3)\n"  # days past the mmap threshold
        "want = w.column('tmax_C', numpy=False)\n"
        "days, go, inside = lib._fns['agro_weather_days'], threading.Event(), threading.Event()\n"
        "def held(h):\n"
        "    inside.set()\n"
        "    assert go.wait(30)\n"
        "    return days(h)\n"
        "lib._fns['agro_weather_days'] = held\n"
        "got = []\n"
        "t = threading.Thread(target=lambda: got.append(w.column('tmax_C', numpy=False)))\n"
        "t.start()\n"
        "assert inside.wait(30)\n"
        "c = threading.Thread(target=w.close)\n"
        "c.start()\n"
        "c.join(%r)\n"
        "go.set()\n"
        "t.join(30)\n"
        "c.join(30)\n"
        "print('same' if got == [want] else 'different')\n" % (SITE, HELD))
    assert r.returncode == 0 and r.stdout == "same\n", (r.stdout, r.stderr[-3000:])


def test_fields_stepped_on_one_weather_closed_meanwhile():
    """Four threads step their own Fields on one Weather (Field.step_series) and the main
    thread closes the Weather while they do: each either ends its days or stops with "weather
    series already closed", never inside freed days (ASan: heap-use-after-free in
    agro_field_step called from agro_field_step_series)."""
    r = _in_a_child(
        "import threading, agrosim\n"
        "w = agrosim.Weather.generate(%r, years=20, seed=3)\n"
        "soil = agrosim.SoilProfile.load_dssat(%r, 'IBMZ910014')\n"
        "opts = agrosim.field_options(latitude_deg=w.info.latitude_deg)\n"
        "n = len(w)\n"
        "started = threading.Barrier(5)\n"
        "ends = []\n"
        "def work():\n"
        "    f = agrosim.Field(soil, opts)\n"
        "    started.wait()\n"
        "    try:\n"
        "        for i in range(n):\n"
        "            f.step_series(w, i)\n"
        "        ends.append('all days')\n"
        "    except agrosim.AgrosimError as e:\n"
        "        ends.append(e.message)\n"
        "ts = [threading.Thread(target=work) for _ in range(4)]\n"
        "[t.start() for t in ts]\n"
        "started.wait()\n"
        "w.close()\n"
        "[t.join() for t in ts]\n"
        "assert set(ends) <= {'all days', 'weather series already closed'}, ends\n"
        "print(len(ends))\n" % (SITE, SOL))
    assert r.returncode == 0 and r.stdout == "4\n", (r.stdout, r.stderr[-3000:])


def test_an_owner_is_still_freed_with_its_last_reference():
    """The regions must not tie an object to itself: a reference cycle would leave the C object
    (a series of many years, a scenario's results) to the cyclic collector instead of freeing
    it when the last reference goes."""
    import gc
    import weakref
    owners = _owners()
    refs = [weakref.ref(o[0]) for o in owners]
    enabled = gc.isenabled()
    gc.disable()
    try:
        del owners
        assert [r() for r in refs] == [None] * len(refs)
    finally:
        if enabled:
            gc.enable()


# -- asynchronous exceptions --------------------------------------------------------------------
# CPython runs a signal handler (so raises a KeyboardInterrupt, or whatever a handler raises)
# only at a Python function's start (RESUME) and after a CALL, CALL_FUNCTION_EX or backward
# jump (CHECK_EVAL_BREAKER in Python 3.11 and 3.12). _interrupted() raises Interrupt at the
# k-th such point of a call, in every Python frame the call runs, through the opcode trace: the
# same exception at the same instruction, where a signal would need a timing no test controls.
# It also stops after a CALL of a Python function, where CPython does not: more points, not
# fewer.
_CHECKS = {"CALL", "CALL_FUNCTION_EX", "JUMP_BACKWARD"}


STAND_INS = ("logged", "listed")


class Interrupt(BaseException):
    """What a signal handler raises, as KeyboardInterrupt (not an Exception)."""


def _interrupted(fn, k):
    """fn() with Interrupt raised at its k-th point where CPython handles a signal (None:
    never); the number of such points it passed."""
    import dis
    count, last, mine = [0], {}, set()

    def point():
        count[0] += 1
        if count[0] - 1 == k:
            raise Interrupt(k)

    def local(frame, event, arg):
        if event == "opcode":
            if last.get(frame) in _CHECKS:
                point()
            last[frame] = dis.opname[frame.f_code.co_code[frame.f_lasti]]
        return local

    def start(frame, event, arg):
        # the test's own stand-ins (and what they call) are not the package's bookkeeping
        if event != "call" or frame.f_back in mine or (frame.f_code.co_filename == __file__
                                                        and frame.f_code.co_name in STAND_INS):
            if event == "call":
                mine.add(frame)
            return None
        frame.f_trace_opcodes, frame.f_trace_lines = True, False
        point()
        return local

    sys.settrace(start)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count[0]


def _returns(fn):
    """fn() in a daemon thread has returned within TIMEOUT (a hung one is left behind)."""
    t = threading.Thread(target=fn, daemon=True)
    t.start()
    t.join(TIMEOUT)
    return not t.is_alive()


def _kinds():
    """(make an object, a call on it, how a call after close() is refused) for each kind of
    owner, Results with a read and a run."""
    def results():
        return agrosim.Scenario.load(MOROGORO).results()
    return [
        (_field, lambda f: f.daily, "field already closed"),
        (lambda: agrosim.SoilTemperature(agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014")),
         lambda s: s.step(_day()), "soil temperature model already closed"),
        (lambda: agrosim.Weather.load(WTH), lambda w: w.find(1982, 60),
         "weather series already closed"),
        (lambda: agrosim.Scenario.load(MOROGORO), lambda s: s.run_info(0),
         "scenario already closed"),
        (results, lambda r: r.run_info(0), "results already closed"),
        (results, lambda r: r.run_range(0, 1), "results already closed"),
        (lambda: agrosim.DssatExperiment(MZX), lambda x: x.treatment(1),
         "DSSAT experiment already closed"),
        (agrosim.Context, lambda c: c.message(), "error context already closed"),
    ]


# the C function each call of _kinds() makes
CALLED = ["agro_field_get_daily", "agro_soil_temp_step", "agro_weather_find",
          "agro_scenario_run_info", "agro_results_run_info", "agro_scenario_run_range",
          "agro_dssat_treatment_get", "agro_ctx_message"]
KINDS = ["Field", "SoilTemperature", "Weather", "Scenario", "Results.read", "Results.run",
         "DssatExperiment", "Context"]


def _in_flight(monkeypatch, k):
    """(object of kind ``k`` whose C object's free is logged, its call, how a call after
    close() is refused, the log, the Held stand-in of the call, the thread inside that call)."""
    make, use, closed = _kinds()[k]
    obj = make()
    log = []
    _logged_free(obj, log)
    held = Held(monkeypatch, CALLED[k], log)
    caller = _start(use, obj)
    assert held.inside.wait(TIMEOUT)
    return obj, use, closed, log, held, caller


@pytest.mark.parametrize("k", range(len(KINDS)), ids=KINDS)
def test_an_interrupt_anywhere_in_a_call_leaves_no_call_in_flight(k):
    """A KeyboardInterrupt landing inside the bookkeeping of a call on a Weather, Scenario,
    DssatExperiment or Results (the start of the region's __exit__, before it uncounted the
    call) left the call counted: close() then waited for it forever, and for Results a later
    call conflicting with it too. At every point where an interrupt can land, the object now
    takes further calls and closes, freeing its C object once."""
    import gc
    make, use, closed = _kinds()[k]
    obj = make()
    n = _interrupted(lambda: use(obj), None)
    obj.close()
    assert n > 5
    for point in range(n):
        obj = make()
        log = []
        _logged_free(obj, log)
        gc.collect()  # no other object's __del__ inside the traced call
        try:
            _interrupted(lambda: use(obj), point)
        except Interrupt:
            pass
        assert _returns(lambda: use(obj)), "a call after an interrupt at point %d hung" % point
        assert _returns(obj.close), "close() after an interrupt at point %d hung" % point
        assert log == ["free"], point
        with pytest.raises(agrosim.AgrosimError, match=closed):
            use(obj)


@pytest.mark.parametrize("k", range(len(KINDS)), ids=KINDS)
def test_an_interrupt_in_close_leaves_the_object_freed_or_open(monkeypatch, k):
    """close() took the handle out of the object, then could be interrupted before it freed
    it: the C object leaked, and the object was closed for every later call. Interrupted at
    any point, with a call in flight in another thread, close() now either frees the C object
    once or leaves the object open and usable, for a later close() to free."""
    point, points = 0, None
    while points is None or point < points:
        assert point < 500, "close() never ran to its end"
        obj, use, closed, log, held, caller = _in_flight(monkeypatch, k)
        regions = getattr(obj, "_regions", None) if obj._shared else None
        if regions is not None:
            def listed():  # the call in flight returns once close() has taken the handle
                try:
                    return regions()
                finally:
                    held.go.set()
            obj._regions = listed
        else:  # close() waits for it on the object's lock, before anything else
            held.go.set()
        try:
            points = _interrupted(obj.close, point)
            interrupted = False
        except Interrupt:
            interrupted = True
        held.go.set()
        caller.join(TIMEOUT)
        assert not caller.is_alive() and caller.errors == []
        monkeypatch.undo()
        if interrupted and "free" not in log:
            use(obj)  # still open
            assert _returns(obj.close), point
        assert log.count("free") == 1, (point, log)
        with pytest.raises(agrosim.AgrosimError, match=closed):
            use(obj)
        point += 1


class _InterruptedLock:
    """A lock whose acquire gives up with Interrupt, as a lock's blocking acquire does when a
    signal handler raises while it waits."""

    def __init__(self, lock):
        self.lock = lock

    def __enter__(self):
        raise Interrupt("while waiting for the lock")

    def __exit__(self, *exc):
        self.lock.release()


SHARED = [k for k, name in enumerate(KINDS) if name not in ("Field", "SoilTemperature", "Context")]


@pytest.mark.parametrize("k", SHARED, ids=[KINDS[k] for k in SHARED])
def test_an_interrupt_while_close_waits_for_a_call_in_flight_frees_nothing_under_it(monkeypatch, k):
    """close() interrupted while it waits for another thread's call in flight on a shared
    object (a region lock's blocking acquire gives up when a signal handler raises) has taken
    the handle: it must put it back and free nothing, the call still running in the C object.
    The interrupts of the test above land only where the call has returned (after a region's
    __exit__), so a close() that freed on the way out instead was not seen."""
    obj, use, closed, log, held, caller = _in_flight(monkeypatch, k)
    regions = obj._regions
    obj._regions = lambda: [_InterruptedLock(r) for r in regions()]
    with pytest.raises(Interrupt):
        obj.close()
    del obj._regions
    assert "free" not in log, "freed under the call in flight: %s" % log
    held.go.set()
    caller.join(TIMEOUT)
    assert not caller.is_alive() and caller.errors == []
    monkeypatch.undo()
    use(obj)  # still open
    obj.close()
    assert log == [CALLED[k] + " start", CALLED[k] + " end", "free"]
    with pytest.raises(agrosim.AgrosimError, match=closed):
        use(obj)


@pytest.mark.parametrize("k", range(len(KINDS)), ids=KINDS)
def test_an_interrupt_while_close_waits_for_the_lock_leaves_the_object_open(monkeypatch, k):
    """close() interrupted while it waited for the object's lock (a Field's call in flight holds
    it) has not taken the handle: the object stays open and usable, and a later close() frees
    it once (close() must not put back a handle it never took, which would close it for good
    and leak the C object)."""
    obj, use, closed, log, held, caller = _in_flight(monkeypatch, k)
    obj._lock = _InterruptedLock(obj._lock)
    with pytest.raises(Interrupt):
        obj.close()
    obj._lock = obj._lock.lock
    held.go.set()
    caller.join(TIMEOUT)
    assert not caller.is_alive() and caller.errors == []
    monkeypatch.undo()
    assert "free" not in log
    use(obj)  # still open
    obj.close()
    assert log.count("free") == 1
    with pytest.raises(agrosim.AgrosimError, match=closed):
        use(obj)


def test_a_results_read_asking_its_scenario_inside_returns():
    """A Results read whose refusal asks its Scenario (summary of a run not simulated: the
    message reads run_info and the scenario's size) makes calls on both inside its own: the
    calling thread's region on the Scenario must let the same thread in again (an RLock), or
    the read waits for itself forever."""
    sc = agrosim.Scenario.load(MOROGORO)
    res = sc.results()
    errors = []

    def read():
        try:
            res.summary(0)
        except agrosim.AgrosimError as e:
            errors.append(e.message)
    assert _returns(read), "a Results read asking its Scenario inside waited for itself"
    assert len(errors) == 1 and "not been simulated" in errors[0], errors
    res.close()
    sc.close()


def test_calls_that_have_returned_are_not_waited_for_nor_kept():
    """A Results call stays listed after it returns (its lock free) until the next call drops
    it; a run_range after reads must not wait for them forever, and the list must not grow
    with every call. A Weather lists the region lock of each thread that called it, weakly:
    the threads that have ended must not stay listed either."""
    sc = agrosim.Scenario.load(MOROGORO)
    res = sc.results()
    for _ in range(20):
        res.run_info(0)
    assert len(res._calls) <= 1, len(res._calls)
    assert _returns(lambda: res.run_range(0, 1)), "a run_range waited for reads that returned"
    res.close()
    sc.close()
    w = agrosim.Weather.load(WTH)
    for _ in range(20):
        t = threading.Thread(target=lambda: w.find(1982, 60))
        t.start()
        t.join(TIMEOUT)
    w.find(1982, 60)
    assert len(w._held) <= 2, len(w._held)
    w.close()


@pytest.mark.parametrize("k", range(len(KINDS)), ids=KINDS)
def test_an_interrupt_in_the_collectors_close_past_its_first_line_frees_the_object(k):
    """The collector's close() (__del__) interrupted at a point of close() put the handle back
    into the object (or had not taken it), and the collector ignores the exception and drops
    the object: the C object leaked. No call can be in flight on an object the collector frees,
    so __del__ now frees the handle without waiting: interrupted anywhere past its first line,
    it has freed the C object once; at its first line it has taken nothing."""
    make, use, closed = _kinds()[k]
    point, points = 0, None
    while points is None or point < points:
        assert point < 500, "__del__ never ran to its end"
        obj = make()
        log = []
        _logged_free(obj, log)
        try:
            points = _interrupted(obj.__del__, point)
        except Interrupt:
            pass
        if point == 0:
            assert log == []
            use(obj)  # still open
            obj.close()
        assert log == ["free"], (point, log)
        with pytest.raises(agrosim.AgrosimError, match=closed):
            use(obj)
        point += 1


# -- the handle read inside the region ----------------------------------------------------------
# A call must read its object's handle (``self._live()``, ``self._h``) inside its region: read
# before it, a close() in another thread between the read and the region frees the C object
# and the call passes the freed pointer to C. The tests above hold the C call itself and close
# meanwhile, so a read made before the region goes unseen. Here every read of a handle is a
# point where another thread closes the object: ``_h`` becomes a property whose getter starts
# close() there and lets the call go on once close() has either freed the C object or must wait
# for a lock the call holds (the locks say so themselves: no timing). The call must then end
# normally or with the closed-object error, and no freed handle may reach a C function (the
# stand-ins refuse it rather than pass it on). Every public member of every kind is found by
# introspection; one that needs arguments must be given them in REGION_ARGS.


class UsedAfterFree(BaseException):
    """A C function was called with a handle its object had freed (never passed on)."""


class _ReadTrial:
    """What one run of a member sees: the read sites found (``site`` None) or the one where
    the object is closed, the handles freed, the freed handles that reached C."""

    def __init__(self, site=None):
        self.site, self.sites, self.closed_handle = site, [], None
        self.caller = threading.current_thread()
        self.closer, self.closer_errors = None, []
        self.waits = threading.Event()  # close() has returned, or must wait for a lock
        self.freed, self.used_freed = [], []


_TRIAL = [None]


class _SaysWhenCloseWaits:
    """A threading lock that sets the trial's ``waits`` when the closing thread has to wait
    for it (a call in flight holds it)."""

    def __init__(self, lock):
        self._l = lock

    def acquire(self, blocking=True, timeout=-1):
        if self._l.acquire(False):
            return True
        if not blocking:
            return False
        t = _TRIAL[0]
        if t is not None and threading.current_thread() is t.closer:
            t.waits.set()
        return self._l.acquire(True, timeout)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self._l.release()

    def release(self):
        self._l.release()

    def locked(self):
        return self._l.locked()


class _Threading:
    """The ``threading`` of the package's modules during the test: its locks say when close()
    waits; everything else is threading's own."""

    def Lock(self):
        return _SaysWhenCloseWaits(threading.Lock())

    def RLock(self):
        return _SaysWhenCloseWaits(threading.RLock())

    def __getattr__(self, name):
        return getattr(threading, name)


def _read_handle(obj):
    """``obj._h`` through the trial: a read site of the calling thread, found or closed at."""
    from agrosim import _core
    h = obj.__dict__.get("_h")
    t = _TRIAL[0]
    if t is None or h is None or threading.current_thread() is not t.caller:
        return h
    f = sys._getframe(1)  # the reader
    if f.f_code is _core._Owned._live.__code__:
        f = f.f_back
    # close() and the collector are the closing itself; call_ctx's context is the calling
    # thread's own, which no other thread reaches (_core.call_ctx)
    if f.f_code.co_name in ("close", "__del__") or obj is getattr(_core._tls, "ctx", None):
        return h
    site = "%s:%d (%s) reads a %s's handle" % (os.path.basename(f.f_code.co_filename),
                                                f.f_lineno, f.f_code.co_name, type(obj).__name__)
    if t.site is None:
        if site not in t.sites:
            t.sites.append(site)
    elif site == t.site and t.closed_handle is None:
        t.closed_handle = h

        def close():
            try:
                obj.close()
            except BaseException as e:  # kept for the test to look at
                t.closer_errors.append(e)
            finally:
                t.waits.set()
        t.closer = threading.Thread(target=close)
        t.closer.start()
        assert t.waits.wait(TIMEOUT), "close() neither returned nor waited for a lock"
    return h


def _set_handle(obj, h):
    from agrosim import _core
    if h is not None and not hasattr(h, "reads"):
        # the C objects this one reads (a Results' Scenario): freed, they are used through it
        h.reads = [o.__dict__["_h"] for o in vars(obj).values()
                   if isinstance(o, _core._Owned) and o.__dict__.get("_h") is not None]
    obj.__dict__["_h"] = h


def _checked_c_function(name, fn):
    """``fn`` (a C function) refusing a handle that was freed, and noting the handles freed."""
    frees = name.endswith("_free")

    def c_function(*args):
        t = _TRIAL[0]
        if t is not None:
            handles = [a for a in args if isinstance(a, ctypes.c_void_p)]
            used = handles if frees else handles + [r for h in handles
                                                    for r in getattr(h, "reads", ())]
            if any(h is g for h in used for g in t.freed):
                t.used_freed.append(name)
                raise UsedAfterFree(name)
        r = fn(*args)
        if t is not None and frees:
            t.freed.extend(handles)  # kept alive, so that no other handle takes its id
        return r
    return c_function


class _Kit:
    """Fresh objects of every kind for one trial (each trial closes one of them)."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.soil = agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014")
        self.cultivar = agrosim.MaizeCultivar.load_dssat(
            os.path.join(DATA, "Genotype", "MZCER048.CUL"),
            os.path.join(DATA, "Genotype", "MZCER048.ECO"), "IB0063")
        self.weather = agrosim.Weather.load(WTH)

    def make(self, kind):
        if kind == "Field":
            return agrosim.Field(self.soil, agrosim.field_options(latitude_deg=29.6))
        if kind == "SoilTemperature":
            return agrosim.SoilTemperature(self.soil)
        if kind == "Weather":
            return self.weather
        if kind in ("Scenario", "Results"):
            import json
            with open(MOROGORO) as f:
                d = json.load(f)
            d["weather"]["generate"]["years"] = d["seasons"]["count"] = 1  # two runs
            self.scenario = agrosim.Scenario.from_text(json.dumps(d),
                                                       base_dir=os.path.dirname(MOROGORO))
            return self.scenario if kind == "Scenario" else self.scenario.run()
        if kind == "DssatExperiment":
            return agrosim.DssatExperiment(MZX)
        if kind == "Context":
            return agrosim.Context()
        assert kind == "Season"
        return agrosim.Season(self.soil, self.cultivar, start=(1982, 57),
                              events=[agrosim.sow(1982, 57, 7.2, 61)])


REGION_KINDS = ["Field", "SoilTemperature", "Weather", "Scenario", "Results", "DssatExperiment",
                "Context", "Season"]

# the arguments of the members that need some (kit -> args); a member with none needed is
# called without
REGION_ARGS = {
    "Field.sow_maize": lambda k: (k.cultivar, agrosim.sow(2001, 60, 7.2, 61)),
    "Field.set_cultivar": lambda k: (k.cultivar,),
    "Field.set_co2": lambda k: (400.0,),
    "Field.apply": lambda k: (agrosim.irrigate(2001, 60, 10.0),),
    "Field.step": lambda k: (_day(),),
    "Field.step_series": lambda k: (k.weather, 0),
    "SoilTemperature.step": lambda k: (_day(),),
    "SoilTemperature.set_cover": lambda k: ("film-clear",),
    "SoilTemperature.set_bulk_density": lambda k: ([1.3] * k.soil.n_layers,),
    "SoilTemperature.at": lambda k: (10.0,),
    "Weather.__getitem__": lambda k: (0,),
    "Weather.day_source": lambda k: (0,),
    "Weather.find": lambda k: (1982, 60),
    "Weather.column": lambda k: ("tmax_C",),
    "Weather.write_csv": lambda k: (os.path.join(k.tmp, "w.csv"),),
    "Scenario.run_info": lambda k: (0,),
    "Results.run_range": lambda k: (0, 1),
    "Results.run_info": lambda k: (0,),
    "Results.summary": lambda k: (0,),
    "Results.daily": lambda k: (0,),
    "Results.daily_series": lambda k: (0, "lai_crop"),
    "Results.yield_stats": lambda k: (0, 0),
    "Results.write_hdf5": lambda k: (os.path.join(k.tmp, "r.h5"),),
    "Results.write_csv": lambda k: (os.path.join(k.tmp, "r.csv"),),
    "Results.write_daily_csv": lambda k: (os.path.join(k.tmp, "d.csv"),),
    "DssatExperiment.text": lambda k: (1,),
    "DssatExperiment.treatment": lambda k: (1,),
    "DssatExperiment.ignored": lambda k: (1,),
    "DssatExperiment.inputs": lambda k: (DATA, 1),
    "DssatExperiment.run": lambda k: (1, DATA),
    "DssatExperiment.run_daily": lambda k: (1, DATA),
    # one treatment: the trial runs it again at each of its handle reads
    "DssatExperiment.write_daily_csv": lambda k: (os.path.join(k.tmp, "x.csv"), DATA, 1),
    "DssatExperiment.observed": lambda k: (MZX[:-1] + "A",),
    "DssatExperiment.timeseries": lambda k: (MZX[:-1] + "T",),
    "Season.run": lambda k: (k.weather,),
    "Season.steps": lambda k: (k.weather,),
}
# members that read no handle: a Season's events are its own struct
REGION_NO_HANDLE = {"Season.events"}
# close() itself and the object protocol around it (tested above; bool(), which reads no handle,
# in test_bad_use.py)
REGION_LIFECYCLE = {"__init__", "__del__", "__enter__", "__exit__", "__copy__", "__deepcopy__",
                    "__reduce__", "close", "__bool__"}


def _members(cls):
    """The public members of ``cls`` (methods and properties, with the special methods the
    package defines: len(), [], iteration, repr()), but its constructors (class and static
    methods make a new object) and close()."""
    import inspect
    out = []
    for name in dir(cls):
        if name in REGION_LIFECYCLE:
            continue
        if name.startswith("_"):
            owner = next(c for c in cls.__mro__ if name in vars(c))
            if not (name.startswith("__") and owner.__module__.startswith("agrosim")):
                continue
        attr = inspect.getattr_static(cls, name)
        if isinstance(attr, property) or inspect.isfunction(attr):
            out.append(name)
    return out


def _use(kit, obj, kind, name):
    """Call member ``name`` of ``obj`` as a user would; an iterator is iterated to its end."""
    import inspect
    attr = inspect.getattr_static(type(obj), name)
    if isinstance(attr, property):
        return getattr(obj, name)
    key = "%s.%s" % (kind, name)
    args = REGION_ARGS[key](kit) if key in REGION_ARGS else ()
    r = getattr(obj, name)(*args)
    if inspect.isgenerator(r):
        r = list(r)
    return r


def _watch_handle_reads(monkeypatch):
    """Every read of an owner's handle goes through the trial (``_read_handle``), the package's
    locks say when close() waits for them, and every C function refuses a freed handle."""
    from agrosim import _core, scenario
    monkeypatch.setattr(_core._Owned, "_h", property(_read_handle, _set_handle))
    monkeypatch.setattr(_core, "threading", _Threading())
    monkeypatch.setattr(scenario, "threading", _Threading())
    for name, fn in list(lib._fns.items()):
        monkeypatch.setitem(lib._fns, name, _checked_c_function(name, fn))


def _trial(tmp_path, kind, use, site=None):
    """``use(kit, obj)`` on a fresh object of ``kind`` (under ``_watch_handle_reads``): with
    ``site`` None the trial lists the handle reads it makes (``trial.sites``); else another
    thread closes the object at that read. (trial, the object, what ``use`` returned or the
    AgrosimError or UsedAfterFree it raised once the object was closed)."""
    import gc
    if site is not None:
        gc.collect()  # no collector's free of an earlier trial's object in this one
    kit = _Kit(str(tmp_path))
    obj = kit.make(kind)
    trial = _TRIAL[0] = _ReadTrial(site)
    try:
        try:
            outcome = use(kit, obj)
        except (agrosim.AgrosimError, UsedAfterFree) as e:
            if site is None:
                raise
            outcome = e
        if trial.closer is not None:  # it frees once the call has returned
            trial.closer.join(TIMEOUT)
    finally:
        _TRIAL[0] = None
    return trial, obj, outcome


def _closing_failures(trial, where):
    """What went wrong in a trial that closed its object at a read: the read not made again,
    close() not returning or raising, a freed handle reaching C, the C object not freed once."""
    if trial.closed_handle is None:
        return ["%s: that read did not happen again" % where]
    assert not trial.closer.is_alive(), "%s: close() never returned" % where
    out = []
    if trial.used_freed:
        out.append("%s: the freed handle reached %s" % (where, trial.used_freed))
    if trial.closer_errors:
        out.append("%s: close() raised %r" % (where, trial.closer_errors))
    frees = sum(h is trial.closed_handle for h in trial.freed)
    if frees != 1:
        out.append("%s: the C object was freed %d times" % (where, frees))
    return out


@pytest.mark.parametrize("kind", REGION_KINDS)
def test_no_call_reads_a_handle_before_its_region(monkeypatch, tmp_path, kind):
    """A call that read its object's handle before taking its region (``h = self._live()``
    one line above ``with self._region.lock:``) passed C a pointer that a close() in another
    thread could free in between; no test saw it. Each member of each kind is run once to find
    where it reads a handle, then once per such read with the object closed from another
    thread right there: the call then either still holds its region (close() waits for it) or
    raises the closed-object error, and no freed handle reaches C."""
    import inspect
    _watch_handle_reads(monkeypatch)
    cls = getattr(agrosim, kind)
    members = _members(cls)
    needs = ["%s.%s" % (kind, n) for n in members
             if not isinstance(inspect.getattr_static(cls, n), property)
             and any(p.default is p.empty and p.kind in (p.POSITIONAL_ONLY,
                                                         p.POSITIONAL_OR_KEYWORD)
                     for p in list(inspect.signature(getattr(cls, n)).parameters.values())[1:])]
    missing = [k for k in needs if k not in REGION_ARGS]
    assert not missing, "give these members their arguments in REGION_ARGS: %s" % missing
    failures, trials = [], 0
    for name in members:
        key = "%s.%s" % (kind, name)
        if name == "to_numpy" and not agrosim.HAVE_NUMPY:
            continue

        def use(kit, obj):
            return _use(kit, obj, kind, name)
        sites = _trial(tmp_path, kind, use)[0].sites
        assert (not sites) == (key in REGION_NO_HANDLE), \
            "%s reads %s handle (list it in REGION_NO_HANDLE if it makes no C call on one)" % (
                key, "no" if not sites else "a")
        for site in sites:
            trials += 1
            trial, _, outcome = _trial(tmp_path, kind, use, site)
            where = "%s, closed where %s" % (key, site)
            failures += _closing_failures(trial, where)
            if trial.closed_handle is not None and not trial.used_freed and isinstance(
                    outcome, BaseException) and not (
                    isinstance(outcome, agrosim.AgrosimError) and outcome.name == "AGRO_ESTATE"
                    and ("already closed" in outcome.message
                         or "scenario was closed" in outcome.message)):
                failures.append("%s: raised %r" % (where, outcome))
    assert not failures, "%d of %d closes failed:\n%s" % (len(failures), trials,
                                                          "\n".join(failures))


@pytest.mark.parametrize("kind", REGION_KINDS)
def test_repr_of_an_object_closed_meanwhile_does_not_raise(monkeypatch, tmp_path, kind):
    """repr() (and str()) must not raise, whatever another thread does: a debugger or a log
    line shows objects that may be closed meanwhile. Weather's repr() checked ``self._h``, then
    read the series in regions of its own (info, then station): closed by another thread in
    between, it raised "weather series already closed". Closed at each of its handle reads, it
    gives the open form or the closed one, and the closed one afterwards."""
    from agrosim import _core
    _watch_handle_reads(monkeypatch)
    failures, trials = [], 0
    for show in (repr, str):
        def use(kit, obj):
            return show(obj)
        first, obj, shown = _trial(tmp_path, kind, use)
        if isinstance(obj, _core._Owned):  # a Season owns no C object
            obj.close()
        forms = (shown, show(obj))  # open, closed
        own = type(obj).__repr__ is not object.__repr__
        assert not own or "closed" in forms[1], "%s of a closed %s: %r" % (show.__name__, kind,
                                                                           forms[1])
        for site in first.sites:
            trials += 1
            trial, obj, outcome = _trial(tmp_path, kind, use, site)
            where = "%s(%s), closed where %s" % (show.__name__, kind, site)
            failures += _closing_failures(trial, where)
            if trial.closed_handle is None or trial.used_freed:
                continue
            if isinstance(outcome, BaseException):
                failures.append("%s: raised %r" % (where, outcome))
            elif own and outcome not in forms:
                failures.append("%s: gave %r, neither %r nor %r" % ((where, outcome) + forms))
            elif own and show(obj) != forms[1]:
                failures.append("%s: gave %r once closed" % (where, show(obj)))
    assert not failures, "%d of %d closes failed:\n%s" % (len(failures), trials,
                                                          "\n".join(failures))


def test_an_interrupt_anywhere_in_a_run_leaves_its_results_on_the_exception():
    """Scenario.run(progress=..., chunk=...) interrupted at each point where CPython raises a
    KeyboardInterrupt (its own code, its results' calls, the progress callback): from the point
    its results exist on, the exception carries them (``results``) and how many runs are done
    (``runs_done``, as run_info tells them: runs 0 .. runs_done - 1), a count Python's own
    would get wrong where the interrupt lands after a chunk's C call has returned. Before, the
    results went with run()'s frame at every point."""
    import json
    doc = json.load(open(MOROGORO))
    doc["weather"]["generate"]["years"] = doc["seasons"]["count"] = 2  # 4 runs
    sc = agrosim.Scenario.from_text(json.dumps(doc), "small.json", os.path.dirname(MOROGORO))
    kept = []  # the finished run's results, so that no __del__ runs inside the trace

    def run():
        kept.append(sc.run(progress=lambda done, total: None, chunk=1))

    import gc
    import traceback
    gc.disable()  # the collector's __del__ of an earlier point's objects would pass points too
    try:
        points = _interrupted(run, None)
        kept.pop().close()
        carried = []
        for point in range(points):
            with pytest.raises(Interrupt) as ei:
                _interrupted(run, point)
            e = ei.value
            # past run()'s return (a point of run() above) the results are the caller's
            in_run = any(f.name == "run" and f.filename == agrosim.scenario.__file__
                         for f in traceback.extract_tb(e.__traceback__))
            carried.append(hasattr(e, "results") if in_run else None)
            if carried[-1]:
                with e.results as res:
                    done = [res.run_info(r).done for r in range(res.n_runs)]
                assert done == [1] * e.runs_done + [0] * (4 - e.runs_done), (point, done)
            del e, ei
            gc.collect()
    finally:
        gc.enable()
    # none before Scenario.results() has returned, every one after until run() returns
    first = carried.index(True)
    assert first > 0 and not any(carried[:first]), carried
    assert all(c is not False for c in carried[first:]), carried
    # the wrapper's own points: its start, sc.run()'s return and the append
    assert [k for k, c in enumerate(carried) if c is None] == [0, points - 2, points - 1]
    sc.close()
