"""Helpers shared by the binding's tests and examples: where the repo, the CLI and the
validation data are, and running the CLI. Environment first (set by ctest), then the
source tree layout."""
import os
import subprocess

from ._core import as_bool
from ._lib import lib

_HERE = os.path.dirname(os.path.abspath(__file__))


def source_dir():
    """The agrosim source tree (AGROSIM_SOURCE_DIR, else two folders above the package)."""
    return os.environ.get("AGROSIM_SOURCE_DIR") or os.path.dirname(os.path.dirname(_HERE))


def validation_dir():
    """The shared DSSAT validation folder (AGROSIM_VALIDATION_DIR, else <repo>/../shared/...)."""
    return os.environ.get("AGROSIM_VALIDATION_DIR") or os.path.join(
        source_dir(), "..", "shared", "validation")


def cli_path():
    """The agrosim command-line tool: AGROSIM, else next to the loaded library's build tree."""
    env = os.environ.get("AGROSIM")
    if env:
        return env
    build = os.path.dirname(os.path.dirname(os.path.realpath(lib.path)))
    for cand in (os.path.join(build, "cli", "agrosim"),
                 os.path.join(source_dir(), "build", "cli", "agrosim")):
        if os.path.exists(cand):
            return cand
    return "agrosim"


def run_cli(*args, check=True):
    """Run the CLI; returns the CompletedProcess (text mode). ``check`` (True/False): raise
    RuntimeError when it fails."""
    check = as_bool(check, "check")
    r = subprocess.run([cli_path()] + [os.fspath(a) for a in args], capture_output=True,
                       text=True)
    if check and r.returncode != 0:
        raise RuntimeError("agrosim %s failed (%d): %s" % (" ".join(map(str, args)),
                                                           r.returncode, r.stderr.strip()))
    return r

