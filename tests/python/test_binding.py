"""The ctypes binding itself: loading, struct layouts, status codes, error context."""
import ctypes
import os
import shlex
import shutil
import subprocess
import sys

import pytest

import agrosim
from agrosim import _lib, _structs, testing


def test_library_is_the_one_named_by_agrosim_lib():
    env = os.environ.get("AGROSIM_LIB")
    assert env, "AGROSIM_LIB is not set (ctest sets it to the built libagrosim.so)"
    assert os.path.samefile(agrosim.lib.path, env)


def test_every_exported_struct_size_matches_its_ctypes_mirror():
    assert _structs.STRUCTS
    for cname, cls in _structs.STRUCTS.items():
        sym = "agro_sizeof_" + cname
        assert hasattr(agrosim.lib.cdll, sym), "%s does not export %s" % (agrosim.lib.path, sym)
        f = getattr(agrosim.lib.cdll, sym)
        f.restype = ctypes.c_size_t
        f.argtypes = []
        assert f() == ctypes.sizeof(cls) == agrosim.lib.layouts[cname], cname
    assert set(agrosim.lib.layouts) == set(_structs.STRUCTS)


def test_every_member_of_every_mirror_sits_at_its_c_offset(tmp_path):
    """A member in the wrong place keeps the struct's size (two int32 swapped, an int32 moved
    into padding), so the size check above cannot see it: compile offsetof() of every member
    the mirrors declare against the headers and compare with ctypes' offsets."""
    cc = shlex.split(os.environ.get("CC", "")) or [shutil.which("cc")]
    assert cc[0], "no C compiler (cc) to read the headers' offsets with"
    src = os.environ.get("AGROSIM_SOURCE_DIR",
                         os.path.join(os.path.dirname(__file__), "..", ".."))
    lines = ["#include <stddef.h>", "#include <stdio.h>", '#include "agrosim/agrosim.h"',
             "int main(void)", "{"]
    members = []
    for cname, cls in _structs.STRUCTS.items():
        for f in cls._fields_:
            members.append((cname, f[0], getattr(cls, f[0]).offset))
            lines.append('    printf("%%zu\\n", offsetof(agro_%s, %s));' % (cname, f[0]))
    lines += ["    return 0;", "}"]
    (tmp_path / "offsets.c").write_text("\n".join(lines) + "\n")
    exe = str(tmp_path / "offsets")
    # the sanitizer pass preloads libasan for python; the compiler and the helper need none
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    subprocess.run(cc + ["-std=c11", "-I", os.path.join(src, "include"),
                    str(tmp_path / "offsets.c"), "-o", exe], check=True, env=env)
    got = [int(x) for x in subprocess.run([exe], check=True, capture_output=True, text=True,
                                          env=env).stdout.split()]
    assert len(got) == len(members) > 800
    bad = ["%s.%s: C %d, Python %d" % (c, m, o_c, o_py)
           for (c, m, o_py), o_c in zip(members, got) if o_c != o_py]
    assert not bad, bad
    # docs/python.md gives the count this test checks (it read 882 for 890 before)
    said = "%d members of %d structs" % (len(members), len(_structs.STRUCTS))
    with open(os.path.join(src, "docs", "python.md"), encoding="utf-8") as f:
        assert said in " ".join(f.read().split()), "docs/python.md should say: " + said


def test_a_wrong_layout_is_refused_with_a_clear_error(monkeypatch):
    cname = "weather_day"
    good = _structs.STRUCTS[cname]

    class Shorter(ctypes.Structure):
        _fields_ = good._fields_[:-1]

    monkeypatch.setitem(_structs.STRUCTS, cname, Shorter)
    with pytest.raises(agrosim.LayoutMismatch, match=cname):
        agrosim.lib._check_layouts()


def test_every_declared_function_is_exported_and_bound():
    for name, (res, args) in _lib.FUNCTIONS.items():
        f = agrosim.lib.fn(name)
        assert f.restype is res and f.argtypes == args, name


def test_a_library_without_a_declared_function_is_refused_at_import(monkeypatch):
    monkeypatch.setitem(_lib.FUNCTIONS, "agro_no_such_function", (ctypes.c_int, []))
    with pytest.raises(agrosim.LibraryMismatch, match="agro_no_such_function"):
        _lib._Library()


def test_a_struct_without_its_sizeof_is_refused_at_import(monkeypatch):
    class Unknown(ctypes.Structure):
        _fields_ = [("x", ctypes.c_double)]

    monkeypatch.setitem(_structs.STRUCTS, "no_such_struct", Unknown)
    with pytest.raises(agrosim.LayoutMismatch, match="agro_sizeof_no_such_struct"):
        agrosim.lib._check_layouts()


def test_every_c_function_the_package_calls_is_declared():
    import re
    pkg = os.path.dirname(agrosim.__file__)
    used = set()
    for fn in os.listdir(pkg):
        if fn.endswith(".py") and fn != "_lib.py":
            src = open(os.path.join(pkg, fn)).read()
            used |= set(re.findall(r'"(agro_[a-z0-9_]+)"', src))
    used = {u for u in used if not u.startswith("agro_sizeof_")}
    assert used, "no calls found"
    assert used <= set(_lib.FUNCTIONS), sorted(used - set(_lib.FUNCTIONS))
    for name in used:
        f = agrosim.lib.fn(name)
        assert f.argtypes is not None, name


def test_version_matches_the_cli():
    out = testing.run_cli("--version").stdout
    assert out.strip() == "agrosim " + agrosim.version()
    assert ".".join(map(str, agrosim.version_numbers())) == agrosim.version()


def test_status_names_and_strerror_come_from_the_library():
    assert agrosim.strerror(0) == "success"
    assert agrosim.strerror(agrosim._core.AGRO_EFORMAT) == "malformed input"
    e = agrosim.AgrosimError(-6)
    assert e.status == -6 and e.name == "AGRO_ENOTFOUND"
    assert "identifier not found" in str(e)


def test_dates_round_trip_through_the_library():
    assert agrosim.date_to_doy(2024, 3, 1) == 61
    assert agrosim.date_to_doy(2023, 3, 1) == 60
    assert agrosim.doy_to_date(2024, 366) == (12, 31)
    assert agrosim.iso_date(2001, 32) == "2001-02-01"
    with pytest.raises(agrosim.AgrosimError) as ei:
        agrosim.date_to_doy(2023, 2, 29)
    assert ei.value.name == "AGRO_ERANGE"


def test_a_missing_library_path_gives_a_clear_import_error(tmp_path):
    env = dict(os.environ, AGROSIM_LIB=str(tmp_path / "nope.so"))
    r = subprocess.run([sys.executable, "-c", "import agrosim"], capture_output=True, text=True,
                       env=env)
    assert r.returncode != 0
    assert "LibraryNotFound" in r.stderr and "AGROSIM_LIB" in r.stderr


def _header_structs(include_dir):
    """typedef struct agro_x {...} agro_x; of the public headers → [(name, ctype, count)]."""
    import re
    out = {}
    for fn in sorted(os.listdir(include_dir)):
        if not fn.endswith(".h"):
            continue
        src = open(os.path.join(include_dir, fn)).read()
        src = re.sub(r"/\*.*?\*/", "", src, flags=re.S)
        src = re.sub(r"//[^\n]*", "", src)
        for m in re.finditer(r"typedef struct (\w+) \{(.*?)\}\s*(\w+);", src, re.S):
            fields = []
            for decl in m.group(2).split(";"):
                decl = decl.strip()
                if not decl:
                    continue
                ctype, rest = decl.split(None, 1)
                for v in rest.split(","):
                    v = v.strip()
                    a = re.match(r"(\w+)\s*((?:\[\w+\])+)$", v)
                    if a:
                        dims = re.findall(r"\[(\w+)\]", a.group(2))
                        fields.append((a.group(1), ctype, dims))
                    else:
                        fields.append((v, ctype, None))
            out[m.group(1)] = (fn, fields)
    return out


def test_every_public_struct_is_mirrored_field_by_field():
    src = os.environ.get("AGROSIM_SOURCE_DIR",
                         os.path.join(os.path.dirname(__file__), "..", ".."))
    headers = _header_structs(os.path.join(src, "include", "agrosim"))
    assert "agro_weather_day" in headers
    scalar = {"double": ctypes.c_double, "int32_t": ctypes.c_int32}
    for tag, (fn, fields) in headers.items():
        cls = _structs.C_TAGS.get(tag)
        assert cls is not None, "%s (%s) has no ctypes mirror in agrosim._structs" % (tag, fn)
        py = cls._fields_
        assert [f[0] for f in py] == [f[0] for f in fields], tag
        for (name, typ), (_, ctype, dims) in zip(py, fields):
            base, ndim = typ, 0
            while issubclass(base, ctypes.Array):
                base, ndim = base._type_, ndim + 1
            assert ndim == len(dims or ()), (tag, name, dims)
            want = scalar.get(ctype) or _structs.C_TAGS.get(ctype)
            assert want is not None, (tag, name, ctype)
            assert base is want, (tag, name, ctype)


def test_the_bindings_copies_of_the_header_constants_agree():
    """Limits and enum constants the binding repeats from the C headers (a #define or an enum
    has no symbol to read) are the headers' own: a limit changed in C alone would make Python
    check the wrong range, or tell its users the wrong one (SOIL_MIN_LAYER_CM, which only C
    checks); a flag, status or code changed in C alone would pass the library another request
    (DAILY_CSV_LAYERS) or name another status."""
    import re
    from agrosim import _core, dssat, field, scenario, soil, weather
    src = os.environ.get("AGROSIM_SOURCE_DIR",
                         os.path.join(os.path.dirname(__file__), "..", ".."))
    defines = {}
    inc = os.path.join(src, "include", "agrosim")
    for name in os.listdir(inc):
        with open(os.path.join(inc, name), encoding="utf-8") as fh:
            text = fh.read()
        for m in re.finditer(r"^#define (AGRO_\w+) ([0-9.]+)\s*$", text, re.M):
            defines[m.group(1)] = float(m.group(2))
        # an enum member "AGRO_X = 3," / "= -10" / "= 1 << 4" / "= (1 << 13) - 1", its value
        # the same in Python as in C
        for m in re.finditer(r"^\s*(AGRO_\w+) = ([-0-9 ()<]+?),?\s*(?:/\*.*)?$", text, re.M):
            defines[m.group(1)] = eval(m.group(2), {"__builtins__": {}})
    enums = {v: k for k, v in _core.STATUS_NAMES.items()}
    enums.update({"AGRO_" + n: getattr(scenario, n) for n in dir(scenario)
                  if n.startswith("DAILY_CSV_")})
    enums.update({"AGRO_DSSAT_" + n: getattr(dssat, n) for n in dir(dssat)
                  if re.match(r"(TEXT|VAR|IGNORED)_[A-Z_]+$", n)})
    assert len(enums) == 15 + 2 + 8 + 3 + 14, sorted(enums)
    for c_name, py_value in enums.items():
        assert c_name in defines, c_name
        assert defines[c_name] == py_value, (c_name, defines[c_name], py_value)
    pairs = {"AGRO_SOIL_MAX_LAYERS": _structs.SOIL_MAX_LAYERS,
             "AGRO_SOIL_MIN_LAYER_CM": soil.SOIL_MIN_LAYER_CM,
             "AGRO_SEASON_MAX_EVENTS": _structs.SEASON_MAX_EVENTS,
             "AGRO_MESSAGE_MAX": _core.MESSAGE_MAX,
             "AGRO_SEEDBED_MAX_DEPTH_CM": field.SEEDBED_MAX_DEPTH_CM,
             "AGRO_DAYLENGTH_MAX_MULTIPLIER": field.DAYLENGTH_MAX_MULTIPLIER,
             "AGRO_WEATHER_STATION_MAX": weather.STATION_MAX,
             "AGRO_WEATHER_SOURCE_MAX": weather.SOURCE_MAX}
    for c_name, py_value in pairs.items():
        assert c_name in defines, c_name
        assert defines[c_name] == py_value, (c_name, defines[c_name], py_value)


def test_the_binding_works_without_numpy():
    """numpy is optional: block it and use the list interface."""
    wth = os.path.join(testing.validation_dir(), "dssat", "Weather", "UFGA8201.WTH")
    code = (
        "import sys; sys.modules['numpy'] = None\n"
        "import agrosim\n"
        "assert not agrosim.HAVE_NUMPY\n"
        "w = agrosim.Weather.load(%r)\n"
        "col = w.column('tmax_C')\n"
        "assert isinstance(col, list) and len(col) == len(w) and col[3] == w[3].tmax_C\n"
        "try:\n"
        "    w.column('tmax_C', numpy=True)\n"
        "except ImportError:\n"
        "    print('ok')\n" % wth)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"


def _copy_package(dest):
    """A copy of the agrosim package (without __pycache__) at dest/agrosim."""
    shutil.copytree(os.path.dirname(os.path.abspath(agrosim.__file__)),
                    os.path.join(dest, "agrosim"),
                    ignore=shutil.ignore_patterns("__pycache__"))


def _import_without_agrosim_lib(pythonpath, prelude=""):
    env = {k: v for k, v in os.environ.items() if k != "AGROSIM_LIB"}
    env["PYTHONPATH"] = str(pythonpath)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    code = prelude + "import agrosim; print(agrosim.lib.path)"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, cwd=str(pythonpath))


def test_without_agrosim_lib_the_build_tree_is_searched(tmp_path):
    """<repo>/python/agrosim finds <repo>/build/lib/libagrosim.so."""
    repo = tmp_path / "repo"
    _copy_package(repo / "python")
    built = repo / "build" / "lib" / "libagrosim.so"
    built.parent.mkdir(parents=True)
    built.symlink_to(os.path.realpath(agrosim.lib.path))
    r = _import_without_agrosim_lib(repo / "python")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(built)


def test_the_installed_package_finds_the_installed_library(tmp_path):
    """`cmake --install` into a fresh prefix: the package under share/agrosim/python loads the
    libagrosim.so.0 installed beside it, without AGROSIM_LIB or LD_LIBRARY_PATH."""
    build = os.environ.get("AGROSIM_BINARY_DIR")
    assert build, "AGROSIM_BINARY_DIR is not set (ctest sets it to the build folder)"
    prefix = tmp_path / "prefix"
    r = subprocess.run(["cmake", "--install", build, "--prefix", str(prefix)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    pkg = prefix / "share" / "agrosim" / "python"
    assert (pkg / "agrosim" / "__init__.py").is_file(), sorted(os.listdir(prefix))
    assert not list(pkg.rglob("__pycache__")), "__pycache__ was installed"
    installed = sorted(prefix.glob("lib*/**/libagrosim.so.0"))
    assert len(installed) == 1, installed
    env_ld = os.environ.get("LD_LIBRARY_PATH", "")
    assert str(prefix) not in env_ld
    r = _import_without_agrosim_lib(pkg)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(installed[0])


def test_a_package_outside_any_layout_names_the_places_it_tried(tmp_path):
    _copy_package(tmp_path / "loose")
    # as on a machine without a system-wide libagrosim
    no_system_lib = "import ctypes.util; ctypes.util.find_library = lambda name: None\n"
    r = _import_without_agrosim_lib(tmp_path / "loose", no_system_lib)
    assert r.returncode != 0, r.stdout
    assert "LibraryNotFound" in r.stderr and "AGROSIM_LIB" in r.stderr, r.stderr
    assert str(tmp_path / "build" / "lib" / "libagrosim.so") in r.stderr, r.stderr
    # ... and the system's search path, search step 4 of docs/python.md, which found nothing
    assert 'find_library("agrosim")): not found' in r.stderr, r.stderr
