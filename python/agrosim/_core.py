"""Status codes, the AgrosimError exception and the per-thread error context."""
import ctypes
import math
import operator
import os
import threading
import weakref

from ._lib import lib
from ._structs import _checked_float, _is_bool

#: status codes of core.h
STATUS_NAMES = {
    0: "AGRO_OK", -1: "AGRO_EINVAL", -2: "AGRO_ENOMEM", -3: "AGRO_EIO", -4: "AGRO_EFORMAT",
    -5: "AGRO_ERANGE", -6: "AGRO_ENOTFOUND", -7: "AGRO_EMISSING", -8: "AGRO_EORDER",
    -9: "AGRO_EKEY", -10: "AGRO_ESTATE", -11: "AGRO_ENUMERIC", -12: "AGRO_EHDF5",
    -13: "AGRO_ELIMIT", -14: "AGRO_ECANCELED",
}
globals().update({v: k for k, v in STATUS_NAMES.items()})

#: AGRO_MESSAGE_MAX in core.h
MESSAGE_MAX = 1024


def strerror(status):
    """The library's static description of a status code."""
    return lib.fn("agro_strerror")(as_int(status, "status")).decode("utf-8", "replace")


class AgrosimError(Exception):
    """A failed library call.

    Attributes: ``status`` (negative AGRO_E* code), ``name`` ("AGRO_EFORMAT"), ``message``
    (the library's detailed "FILE:LINE: FIELD: what" text, or its strerror text when the call
    takes no context), ``function`` (the C function that failed).
    """

    def __init__(self, status, message=None, function=None):
        self.status = int(status)
        self.name = STATUS_NAMES.get(self.status, "AGRO_E?")
        self.message = message if message else strerror(self.status)
        self.function = function
        super().__init__(self.message)

    def __str__(self):
        return "%s (%s)" % (self.message, self.name)

    def __reduce__(self):
        # status, message and function survive pickling (multiprocessing sends exceptions
        # between processes; the default would call AgrosimError(message))
        return (self.__class__, (self.status, self.message, self.function))


class _Owned:
    """Base of the classes that own a C object: ``self._h`` (None once closed) is released
    with ``self._free`` by close(), at the end of a ``with`` block, or when collected.

    ctypes runs a C call without the GIL, so another thread can close the object while a call
    on it is running, and two threads can be inside calls on it at once. Every call on the C
    object therefore runs inside a region of the object, a ``with`` statement on a lock that
    the call holds for its whole C call, the handle read inside it with ``self._live()``:

    - ``_shared`` False (Field, SoilTemperature, Context: the C object has no lock and every
      call may change it): ``with self._lock:``; calls on one object run one at a time, in
      whatever order the threads come. A Context's library calls made for its thread
      (call_ctx) hold ``self._call`` instead (``_calls_outside_lock``), so that cancel(),
      under ``self._lock``, does not wait for them; close() waits for them (``_regions``).
    - ``_shared`` True (Weather, Scenario, DssatExperiment: C objects that several threads may
      use at once): ``with self._region.lock:``, the calling thread's own lock for this object
      (an RLock made at its first call there), so threads do not wait for each other.
    - ``_conflict`` set (Results: a read and a run, or two runs of one run, may not overlap): a
      new lock per call, ``with lk:``, then ``self._admit(lk, token)`` waits while a call it
      conflicts with is in flight and counts this one.

    close() takes the handle, waits for the regions in flight by taking their locks in turn
    (each ``with r: pass``), then frees the C object; a call that starts once close() has
    begun raises the closed-object error (AGRO_ESTATE, "``_what`` already closed"), as every
    call after close() does. Waiting is the contract rather than an error because close() is
    also the end of a ``with`` block: a call that raced with it would
    otherwise turn a correct program's exit into an exception that depends on timing.

    Nothing is undone by Python code on the way out: a region is a lock taken and given back
    by a lock's own C ``__enter__``/``__exit__``, so a KeyboardInterrupt (any asynchronous
    exception, which CPython raises only at a function's start and after a call or a backward
    jump) cannot land between taking it and the ``with`` that gives it back. A count undone
    in a Python ``__exit__`` could be interrupted at that ``__exit__``'s start, and the call
    stayed counted: close() waited forever. A Results call listed by ``_admit`` is never taken
    off the list by itself: it is over once its lock is free. The lists (``_held``,
    ``_calls``) change under ``self._lock`` only, so no count depends on the GIL either. No
    region runs code of the caller's (a callback, a yield), so close() from the thread
    that is inside a call cannot happen, and it cannot wait for itself. The collector's
    ``__del__`` frees the C object without waiting: no call is in flight on an object it frees.
    ``_what`` names the object in that error."""

    _what = "object"
    _h = None  # an instance without a handle of its own: closed, or its constructor failed
    _shared = False
    _calls_outside_lock = False  # Context: call_ctx's calls hold ``_call``, not ``_lock``
    _conflict = None  # (token, token) -> True when two calls of a shared object may not overlap

    def close(self):
        lock = self.__dict__.get("_lock")
        if lock is None:  # its constructor failed before it owned a handle
            return
        h = None
        try:
            with lock:
                # the handle moves from the instance to this frame with no point between
                # where CPython raises an asynchronous exception (loads and stores only), so
                # it is in one of the two; of two threads closing at once, one takes it
                h, self._h = self._h, None
                regions = (self._regions() if h is not None and
                           (self._shared or self._calls_outside_lock) else ())
            # a call on an object that is not shared holds the lock for its whole C call
            for r in regions:
                with r:  # that call has returned (or had not started: it then sees no handle)
                    pass
        except BaseException:
            # interrupted before the calls in flight returned (or while it waited for the
            # lock, the handle not taken): the object stays open, for a later close() or the
            # collector; a handler's first instructions are no point where CPython raises, so
            # the handle is put back whatever comes next
            if h is not None:
                self._h, h = h, None
            raise
        finally:
            if h is not None and h.value:  # a ctypes function: freed before any check
                self._free(h)

    def __del__(self):
        # the collector frees an object no call is in flight on (a call holds a reference to
        # it), so nothing is waited for, and the handle goes from the object to its free with
        # no point between where CPython raises an asynchronous exception: close() has such
        # points, where an interrupt put the handle back into an object nothing frees after
        # (the collector ignores the exception and drops the object), leaking the C object
        h, self._h = self._h, None
        if h is not None and h.value:
            self._free(h)

    def __bool__(self):
        # true open or closed, as a closed file is: ``if w:`` must not raise, and without
        # this Python's truth fell back on Weather's __len__, whose read raised once closed
        return True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _own(self, handle, maker=None):
        """Take ``handle`` (a ctypes.c_void_p from the library) as this object's C object;
        anything else (a path given to the constructor) is a TypeError naming ``maker``."""
        if not isinstance(handle, ctypes.c_void_p):
            raise TypeError("%s(...) takes a handle from the library, not %s: use %s"
                            % (type(self).__name__, type(handle).__name__, maker))
        self._lock = threading.Lock()
        if self._shared:
            if self._conflict is None:
                self._held = []  # weak references to the region locks of the calling threads
                self._region = _ThreadRegion(self._lock, self._held)
            else:
                self._calls = []  # (token, lock) of the calls admitted (some may have returned)
        self._h = handle

    # a copy would share the C object and free it twice; pickling cannot carry it
    def __copy__(self):
        raise TypeError("%s cannot be copied: it owns a C object (load or create another)" % self._what)

    def __deepcopy__(self, memo):
        return self.__copy__()

    def __reduce__(self):
        raise TypeError("%s cannot be pickled: it owns a C object" % self._what)

    def _closed_error(self):
        return AgrosimError(-10, "%s already closed" % self._what)

    def _live(self):
        """The handle, for a call made inside a region (``self._lock``, ``self._region.lock``
        or an admitted call's lock); raises once closed. Read before the region, it may be
        freed before the call (tests/python/test_threads.py closes the object at every read)."""
        h = self._h
        if h is None:
            raise self._closed_error()
        return h

    # the raw handle for the caller's own ctypes calls (the ``handle`` properties): nothing
    # keeps another thread from closing the object under such a call
    _handle = _live

    def _regions(self):
        """The locks of the calls that may be in flight on a shared object, for close() (under
        ``self._lock``, the handle taken: a call that has not taken its lock yet sees none)."""
        if self._conflict is not None:
            return [lk for _, lk in self._calls]
        return [r for r in (w() for w in self._held) if r is not None]

    def _admit(self, lk, token):
        """The handle for a call of an object with ``_conflict``, made inside ``with lk:`` (a
        new lock, held for the whole call): waits while a call it conflicts with is in flight,
        then lists this one with ``lk``. A call is never taken off the list: it has returned
        once its lock is free, however it left."""
        while True:
            with self._lock:
                h = self._live()
                calls = self._calls
                calls[:] = [c for c in calls if c[1].locked()]
                busy = [lk2 for token2, lk2 in calls if self._conflict(token2, token)]
                if not busy:
                    calls.append((token, lk))
                    return h
            for b in busy:
                with b:  # that call has returned
                    pass


class _ThreadRegion(threading.local):
    """``lock``: the calling thread's region lock on one shared object, made and listed for
    close() at the thread's first call on it (the list drops the locks of threads that ended).
    An RLock: a thread's calls on one object nest (a Results read asks its Scenario's size)."""

    def __init__(self, owner_lock, held):
        lock = threading.RLock()
        with owner_lock:
            held[:] = [w for w in held if w() is not None]
            held.append(weakref.ref(lock))
        self.lock = lock


class Context(_Owned):
    """An agro_ctx: receives the detailed message of the last failure. Freed by close(), at
    the end of a ``with`` block or when collected; like the other owners of a C object it
    cannot be copied or pickled (a copy shared the agro_ctx, and both freed it). Its calls run
    one at a time, and close() waits for the one in flight."""

    _what = "error context"

    _calls_outside_lock = True

    def __init__(self):
        h = ctypes.c_void_p()
        # the region of the library calls made through call_ctx by the thread that owns the
        # context: cancel() (self._lock) does not wait for them, close() does (_regions)
        self._call = threading.Lock()
        self._free = lib.fn("agro_ctx_free")
        st = lib.fn("agro_ctx_create")(ctypes.byref(h))
        if st != 0:
            raise AgrosimError(st, function="agro_ctx_create")
        self._own(h)

    handle = property(_Owned._handle)

    def _regions(self):
        return [self._call]

    def message(self):
        buf = ctypes.create_string_buffer(MESSAGE_MAX)
        with self._lock:
            lib.fn("agro_ctx_message")(self._live(), buf, len(buf))
        return buf.value.decode("utf-8", "replace")

    def status(self):
        with self._lock:
            return lib.fn("agro_ctx_status")(self._live())

    def clear(self):
        """Forget the last failure (a pending cancel request stays: :meth:`cancel_reset`)."""
        with self._lock:
            lib.fn("agro_ctx_clear")(self._live())

    def cancel(self):
        """Ask the calls that use this context to stop (agro_ctx_cancel): the long ones
        (``Results.run_range``, ``Scenario.run``, the writers, ``Weather.generate``, a DSSAT
        treatment's run, ``Weather.load`` and ``Scenario.load`` of a long weather file) raise
        AgrosimError AGRO_ECANCELED at their next cancel point, between two runs, years,
        treatments or 4096 lines of a weather file, and leave no temporary file; so do later
        calls, until :meth:`cancel_reset`. Made for another thread: it takes no lock and does
        not wait for the call in flight (docs/python.md, "Stopping a long call")."""
        # agro_ctx_cancel is the one call another thread may make while the owner's call runs
        # self._lock keeps close() from freeing the context under this call; the call in flight
        # does not hold it (call_ctx), so cancel() does not wait for it
        with self._lock:
            lib.fn("agro_ctx_cancel")(self._live())

    @property
    def cancelled(self):
        """True while a cancel request is pending (agro_ctx_cancelled)."""
        with self._lock:
            return bool(lib.fn("agro_ctx_cancelled")(self._live()))

    def cancel_reset(self):
        """Drop a pending cancel request, so that the calls on this context run again."""
        with self._lock:
            lib.fn("agro_ctx_cancel_reset")(self._live())


class _StructView:
    """Base of the wrappers that stand for a struct (``self.struct``, of ``_struct_type_``) and
    carry a ``name``: an assignment to a struct field goes to the struct, through its checks;
    the arrays read back are copies, so assign a whole array, not an element."""

    _struct_type_ = None

    def __setattr__(self, key, value):
        if key in ("struct", "name"):
            object.__setattr__(self, key, value)
        elif key in dict(self._struct_type_._fields_):
            setattr(self.struct, key, value)
        else:
            raise AttributeError("%s has no field %r" % (type(self).__name__, key))


_tls = threading.local()


def context():
    """The calling thread's context (one per thread, as the C API requires): the binding's
    calls in this thread use it, so another thread stops them with ``context().cancel()`` made
    here and handed over (:meth:`Context.cancel`)."""
    c = getattr(_tls, "ctx", None)
    if c is None or c._h is None:
        c = _tls.ctx = Context()
    return c


def call_ctx(name, *args):
    """Call a function whose first argument is an agro_ctx; raise AgrosimError on failure."""
    while True:
        ctx = context()
        # the calling thread's own context, in the region of its calls (ctx._call, which only
        # this thread takes, so never waits), not under ctx._lock: another thread that was
        # handed it may cancel() meanwhile, and its close() waits for this call
        with ctx._call:
            h = ctx._h
            if h is None:
                continue  # closed by another thread since context(): the thread gets a new one
            lib.fn("agro_ctx_clear")(h)
            st = lib.fn(name)(h, *args)
            if st == 0:
                return st
            buf = ctypes.create_string_buffer(MESSAGE_MAX)
            lib.fn("agro_ctx_message")(h, buf, len(buf))
        raise AgrosimError(st, buf.value.decode("utf-8", "replace"), name)


def call(name, *args, about=None):
    """Call a function that returns a status but takes no context; raise AgrosimError on
    failure. Such a function has no room for a message, so ``about`` (a text, or a function of
    the status returning one) says which argument the status refers to."""
    st = lib.fn(name)(*args)
    if st != 0:
        text = "%s: %s" % (name, strerror(st))
        why = about(st) if callable(about) else about
        if why:
            text += ": " + why
        raise AgrosimError(st, text, name)
    return st


INT32_MIN, INT32_MAX = -2**31, 2**31 - 1


def as_int(value, what, lo=INT32_MIN, hi=INT32_MAX):
    """An integer argument for a C int32_t (or a narrower range [lo, hi]).

    ctypes wraps an int that does not fit without a word (2**32 + 1 becomes 1), and int()
    accepts "57" and cuts 57.9: here a str, None or other non-number raises TypeError, and NaN,
    a fraction or a value outside [lo, hi] raises ValueError, each naming ``what``. Integral
    floats (57.0) and numpy integers are accepted; a bool (numpy's too) is a TypeError, where
    operator.index(True) would pass it on as 1 (a yes/no argument goes through as_bool)."""
    if isinstance(value, (str, bytes)) or value is None or _is_bool(value):
        raise TypeError("%s: expected an integer, not %s" % (what, type(value).__name__))
    try:
        v = operator.index(value)
    except TypeError:
        try:
            f = float(value)
        except (TypeError, ValueError):
            raise TypeError("%s: expected an integer, not %s"
                            % (what, type(value).__name__)) from None
        if not math.isfinite(f) or f != math.floor(f):
            raise ValueError("%s: %r is not an integer" % (what, value)) from None
        v = int(f)
    if not lo <= v <= hi:
        raise ValueError("%s: %d outside %d..%d" % (what, v, lo, hi))
    return v


def as_bool(value, what, allow_none=False):
    """A yes/no argument: True/False (numpy's too) or the integers 0 and 1, as a bool.

    Python's truth would take "no", "false", 2 or 0.5 as true and pass them on silently:
    anything else raises TypeError naming ``what`` (None too, unless ``allow_none``, when it
    comes back as None for "automatic")."""
    if value is None and allow_none:
        return None
    if _is_bool(value):
        # numpy's scalar bool too: its __index__ is deprecated, so it must not reach
        # operator.index
        return bool(value)
    if not isinstance(value, (str, bytes)):
        try:
            v = operator.index(value)
        except TypeError:
            v = None
        if v in (0, 1):
            return bool(v)
    raise TypeError("%s: expected True/False (or 0/1), not %s %r"
                    % (what, type(value).__name__, value))


def as_float(value, what):
    """A number argument for a C double: TypeError naming ``what`` for a str, None, a bool
    (numpy's too) or other non-number (float() would accept "5.3", and True as 1.0); NaN and
    infinities pass on to the library, which checks ranges and names the field."""
    return _checked_float(value, what)  # the struct fields' check (one message for both)


def as_double_array(values, what):
    """(ctypes double array, length) of a sequence of numbers, each checked as as_float does
    and named ``what[i]``; at least one element, so an empty sequence still passes a pointer."""
    vals = [as_float(v, "%s[%d]" % (what, i)) for i, v in enumerate(values)]
    return (ctypes.c_double * max(len(vals), 1))(*vals), len(vals)


def as_struct(value, cls, what):
    """The ctypes struct ``cls`` of an argument: the value itself, or the ``struct`` of a
    wrapper (SoilProfile, MaizeCultivar, WeedParams). Anything else raises TypeError naming
    ``what`` (ctypes would raise its ArgumentError, or byref() a TypeError that names nothing)."""
    s = getattr(value, "struct", value)
    if not isinstance(s, cls):
        name = cls.__name__.replace("Struct", "")  # SoilProfileStruct: a SoilProfile will do
        raise TypeError("%s: expected agrosim.%s, not %s" % (what, name, type(value).__name__))
    return s


def encode_path(path, what="path"):
    """A filesystem path (str, bytes or os.PathLike) as bytes for a C string argument.

    A C string ends at its first NUL byte, so a path holding one would silently name another
    file ("out.csv\\0.bak" is "out.csv"): refused with ValueError, as Python's own file
    functions do, and so is an empty path; ``what`` names the argument in the message."""
    try:
        p = os.fsencode(os.fspath(path))
    except TypeError:
        raise TypeError("%s: expected a path (str, bytes or os.PathLike), not %s"
                        % (what, type(path).__name__)) from None
    if b"\0" in p:
        raise ValueError("%s: embedded NUL byte in %r" % (what, path))
    if not p:
        raise ValueError("%s: empty path" % what)
    return p


def encode_text(text, what):
    """A str argument (an ID, a name, JSON text) as UTF-8 bytes for a C string argument:
    TypeError for anything but str, ValueError for a NUL byte (C would cut the string there)."""
    if not isinstance(text, str):
        raise TypeError("%s: expected str, not %s" % (what, type(text).__name__))
    if "\0" in text:
        raise ValueError("%s: embedded NUL byte in %r" % (what, text))
    return text.encode("utf-8")


def version():
    """Library version string, e.g. "0.1.0"."""
    return lib.fn("agro_version")().decode()


def version_numbers():
    a, b, c = ctypes.c_int32(), ctypes.c_int32(), ctypes.c_int32()
    lib.fn("agro_version_numbers")(ctypes.byref(a), ctypes.byref(b), ctypes.byref(c))
    return (a.value, b.value, c.value)


def date_to_doy(year, month, day):
    """Day of year of a calendar date."""
    d = ctypes.c_int32()
    call("agro_date_to_doy", as_int(year, "year"), as_int(month, "month"), as_int(day, "day"),
         ctypes.byref(d),
         about="year %d, month %d, day %d is not a calendar date" % (year, month, day))
    return d.value


def doy_to_date(year, doy):
    """(month, day) of (year, day of year)."""
    m, d = ctypes.c_int32(), ctypes.c_int32()
    call("agro_doy_to_date", as_int(year, "year"), as_int(doy, "doy"), ctypes.byref(m),
         ctypes.byref(d), about="year %d has no day of year %d" % (year, doy))
    return m.value, d.value


def date_add(year, doy, n):
    """(year, doy) moved by n days."""
    y, d = ctypes.c_int32(as_int(year, "year")), ctypes.c_int32(as_int(doy, "doy"))
    call("agro_date_add", ctypes.byref(y), ctypes.byref(d), as_int(n, "n"),
         about=lambda st: ("year %d has no day of year %d" % (year, doy)
                           if STATUS_NAMES.get(st) == "AGRO_EINVAL"
                           else "%d days from (%d, %d) leave the years an int32_t holds"
                           % (n, year, doy)))
    return y.value, d.value


def days_between(a, b):
    """Days from (year, doy) ``a`` to (year, doy) ``b`` (negative if b is earlier)."""
    n = ctypes.c_int32()
    call("agro_days_between", as_int(a[0], "year"), as_int(a[1], "doy"), as_int(b[0], "year"),
         as_int(b[1], "doy"), ctypes.byref(n),
         about="(%d, %d) to (%d, %d): a day of year its year lacks, or more days than an "
               "int32_t holds" % (a[0], a[1], b[0], b[1]))
    return n.value


def days_in_year(year):
    """365 or 366."""
    return int(lib.fn("agro_days_in_year")(as_int(year, "year")))


def iso_date(year, doy):
    """ISO "YYYY-MM-DD" of (year, day of year)."""
    m, d = doy_to_date(year, doy)
    return "%04d-%02d-%02d" % (year, m, d)
