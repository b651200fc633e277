"""Optional numpy: results come back as numpy arrays when numpy is importable, else lists."""
from ._core import as_bool

try:
    import numpy as np
except ImportError:  # numpy is optional
    np = None

HAVE_NUMPY = np is not None


def want_numpy(flag):
    """Resolve a user's ``numpy=`` argument (None: numpy if available; else True/False, 0/1:
    anything else is a TypeError naming ``numpy``)."""
    flag = as_bool(flag, "numpy", allow_none=True)
    if flag is None:
        return HAVE_NUMPY
    if flag and not HAVE_NUMPY:
        raise ImportError("numpy=True requested but numpy is not installed")
    return flag


def vector(values, numpy=None, dtype=float):
    """A 1-D sequence as numpy array (numpy=None/True with numpy present) or list."""
    if want_numpy(numpy):
        return np.asarray(values, dtype=dtype)
    return [dtype(v) for v in values]
