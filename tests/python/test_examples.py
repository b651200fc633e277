"""The Python examples run with this interpreter and print their committed expected output.

Tolerance: integers (days, DAP, counts) and words must be equal; a printed decimal may differ
from the expected file by one unit of its last printed digit (a value rounded for printing can
land on the other side of a rounding boundary with another libm), as tests/cli/run.sh allows
for the CLI's table. Regenerate an expected file after a deliberate model change with
``examples/python/season_steps.py --no-timing > examples/python/season_steps.out`` (and
``examples/python/weeds_nitrogen.py > examples/python/weeds_nitrogen.out``,
``examples/python/hail.py > examples/python/hail.out``,
``examples/python/phosphorus_wa.py > examples/python/phosphorus_wa.out``).
"""
import math
import os
import re
import subprocess
import sys

from agrosim import testing

EXAMPLES = os.path.join(testing.source_dir(), "examples")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _run_example(tmp_path, script, *args):
    """Run an example with this interpreter and the binding under test; returns stdout.
    The working folder is tmp_path and no bytecode is written: nothing lands in the tree."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    r = subprocess.run([sys.executable, script] + [str(a) for a in args], capture_output=True,
                       text=True, env=env, cwd=str(tmp_path), timeout=60)
    assert r.returncode == 0, "%s failed (%d): %s" % (script, r.returncode, r.stderr)
    return r.stdout


def _words(line):
    # "1.58-2.23" is two numbers; keep the dash as its own word
    return line.replace("-", " - ").split()


def _compare(got, expected_path):
    """Compare printed text with an expected file, word by word (see module docstring)."""
    want = open(expected_path).read().splitlines()
    lines = got.splitlines()
    assert len(lines) == len(want), "%d lines, %s has %d:\n%s" % (len(lines), expected_path,
                                                                  len(want), got)
    for k, (g, w) in enumerate(zip(lines, want), 1):
        gw, ww = _words(g), _words(w)
        assert len(gw) == len(ww), "line %d: %r, want %r" % (k, g, w)
        for i, (a, b) in enumerate(zip(gw, ww)):
            if a == b:
                continue
            ok = False
            if NUMBER.match(a) and NUMBER.match(b) and "." in b:
                ulp = 10.0 ** -(len(b) - b.index(".") - 1)
                ok = abs(float(a) - float(b)) <= 1.0001 * ulp
            assert ok, "line %d word %d: got %r, want %r (%s)\n%s" % (k, i + 1, a, b,
                                                                      expected_path, g)


SEASON_LINE = re.compile(r"^season of (\d+) days: yield (\d+) kg/ha \(runner\) and (\d+) kg/ha "
                         r"\(stepped\), anthesis (\d+) DAP, maturity (\d+) DAP$")


def test_season_steps_prints_its_expected_output(tmp_path):
    """examples/python/season_steps.py --no-timing against season_steps.out: season length,
    anthesis and maturity (days) exact; the yields are printed rounded to 1 kg/ha, so they may
    differ from the file by 1 kg/ha, and the runner's and the stepped yield must be equal."""
    script = os.path.join(EXAMPLES, "python", "season_steps.py")
    expected = os.path.join(EXAMPLES, "python", "season_steps.out")
    got = _run_example(tmp_path, script, "--no-timing")
    want = open(expected).read()
    g, w = SEASON_LINE.match(got.rstrip("\n")), SEASON_LINE.match(want.rstrip("\n"))
    assert w, "%s does not hold the expected line: %r" % (expected, want)
    assert g and got.count("\n") == 1, "unexpected output:\n%s" % got
    n, y_run, y_step, adap, mdap = map(int, g.groups())
    wn, wy, _, wadap, wmdap = map(int, w.groups())
    assert (n, adap, mdap) == (wn, wadap, wmdap), (got, want)
    assert y_run == y_step, got
    assert abs(y_run - wy) <= 1, (got, want)
    assert y_run > 1000  # a real season, not an empty one


def test_season_steps_timing_mode_prints_both_timings(tmp_path):
    script = os.path.join(EXAMPLES, "python", "season_steps.py")
    out = _run_example(tmp_path, script, "2").splitlines()
    assert len(out) == 3 and SEASON_LINE.match(out[0]), out
    assert re.match(r"^library runner +\d+\.\d{3} ms/season$", out[1]), out
    assert re.match(r"^Python stepping +\d+\.\d{3} ms/season \(\d+\.\d us/day", out[2]), out
    assert _run_example(tmp_path, script, "0").splitlines() == out[:1]


def test_morogoro_example_prints_the_expected_table(tmp_path):
    """examples/python/morogoro.py against examples/morogoro/expected_table.txt (the answer
    file of `agrosim run`; test_scenario.py also checks it equals the CLI's output)."""
    script = os.path.join(EXAMPLES, "python", "morogoro.py")
    got = _run_example(tmp_path, script)
    _compare(got, os.path.join(EXAMPLES, "morogoro", "expected_table.txt"))
    assert not os.listdir(tmp_path), os.listdir(tmp_path)


def test_weeds_nitrogen_example_prints_its_expected_output(tmp_path):
    """examples/python/weeds_nitrogen.py against weeds_nitrogen.out: the weed losses with and
    without fertiliser that examples/morogoro/README.md and docs/model.md §7 quote."""
    script = os.path.join(EXAMPLES, "python", "weeds_nitrogen.py")
    _compare(_run_example(tmp_path, script),
             os.path.join(EXAMPLES, "python", "weeds_nitrogen.out"))
    assert not os.listdir(tmp_path), os.listdir(tmp_path)


def test_weeds_timing_example_prints_its_expected_output(tmp_path):
    """weeds_nitrogen.py --timing against weeds_timing.out: the losses after the weeding dates of
    BRIEF's field figures that docs/model.md §7 sets beside them."""
    script = os.path.join(EXAMPLES, "python", "weeds_nitrogen.py")
    _compare(_run_example(tmp_path, script, "--timing"),
             os.path.join(EXAMPLES, "python", "weeds_timing.out"))
    assert not os.listdir(tmp_path), os.listdir(tmp_path)


def test_hail_example_prints_its_expected_output(tmp_path):
    """examples/python/hail.py against hail.out: the hail losses beside the insurance chart
    that docs/model.md §6.9 quotes."""
    script = os.path.join(EXAMPLES, "python", "hail.py")
    _compare(_run_example(tmp_path, script), os.path.join(EXAMPLES, "python", "hail.out"))
    assert not os.listdir(tmp_path), os.listdir(tmp_path)


def test_phosphorus_wa_example_prints_its_expected_output(tmp_path):
    """examples/python/phosphorus_wa.py against phosphorus_wa.out: N x P on the Wa soil."""
    script = os.path.join(EXAMPLES, "python", "phosphorus_wa.py")
    _compare(_run_example(tmp_path, script), os.path.join(EXAMPLES, "python", "phosphorus_wa.out"))


def test_the_python_examples_refuse_an_argument_they_do_not_take(tmp_path):
    """Every example refuses an unknown option (argparse's usage error, exit 2, nothing on
    stdout) rather than run as if it had not been given, and answers --help with its usage."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    scripts = sorted(n for n in os.listdir(os.path.join(EXAMPLES, "python"))
                     if n.endswith(".py") and n != "morogoro_hybrid.py")
    assert "phosphorus_wa.py" in scripts, scripts
    for name in scripts:
        script = os.path.join(EXAMPLES, "python", name)
        r = subprocess.run([sys.executable, script, "--no-such-option"], capture_output=True,
                           text=True, env=env, cwd=str(tmp_path), timeout=60)
        assert r.returncode == 2 and r.stdout == "" and "usage: " + name in r.stderr, \
            "%s --no-such-option: exit %d, stdout %r, stderr %r" % (name, r.returncode,
                                                                   r.stdout[:200], r.stderr)
        out = _run_example(tmp_path, script, "--help")
        assert out.startswith("usage: " + name), "%s --help printed %r" % (name, out[:200])


def test_the_comparison_detects_a_changed_number(tmp_path):
    """The word-by-word comparison is not vacuous: one digit past the tolerance fails."""
    exp = tmp_path / "e.txt"
    exp.write_text("baseline 1.97 1.58-2.23 8.0 30\n")
    _compare("baseline 1.98 1.58-2.22 8.1 30\n", exp)
    for bad in ("baseline 1.99 1.58-2.23 8.0 30\n", "baseline 1.97 1.58-2.23 8.0 31\n",
                "package 1.97 1.58-2.23 8.0 30\n", "baseline 1.97 1.58-2.23 8.0\n"):
        try:
            _compare(bad, exp)
        except AssertionError:
            continue
        raise AssertionError("not detected: %r" % bad)


def test_plot_dssat_pairs_the_daily_csv_with_the_t_file_as_validate_does(tmp_path):
    """examples/plot_dssat.py on `run-dssat --daily`: a PNG, and per-variable statistics over
    all treatments equal to those of the pairs `agrosim validate --timeseries` writes for the
    same experiment (the daily CSV carries the values the validation compares)."""
    import csv
    import agrosim
    data = os.path.join(testing.validation_dir(), "dssat")
    x = os.path.join(data, "Maize", "UFGA8201.MZX")
    daily = tmp_path / "daily.csv"
    testing.run_cli("run-dssat", x, "--data", data, "--daily", daily)
    ts = tmp_path / "ts.csv"
    testing.run_cli("validate", "--data", data, "--crop", "maize", "--csv", tmp_path / "v.csv",
                    "--timeseries", ts)
    out = _run_example(tmp_path, os.path.join(EXAMPLES, "plot_dssat.py"), daily, "--x", x,
                       "-o", tmp_path / "png")
    png = tmp_path / "png" / "UFGA8201_inseason.png"
    assert png.exists() and png.stat().st_size > 10000, out
    pooled = {}
    for line in out.splitlines():
        w = line.split()
        if len(w) == 8 and w[0] == "UFGA8201" and w[1] == "all":
            pooled[w[2]] = (int(w[3]), float(w[4]), float(w[6]))
    assert sorted(pooled) == ["CNAD", "CWAD", "GWAD", "LAID"], out
    pairs = [r for r in csv.DictReader(open(ts)) if r["experiment"] == "UFGA8201"]
    for var, (n, rmse, bias) in pooled.items():
        obs = [float(r["obs"]) for r in pairs if r["variable"] == var]
        sim = [float(r["sim"]) for r in pairs if r["variable"] == var]
        st = agrosim.fit_stats(obs, sim)
        assert n == st.n, (var, n, st.n)
        # validate prints 4 significant digits and plot_dssat.py 3: compare within those (the
        # bias is a mean of differences, so it also carries the rounding of the pairs' sim
        # values, up to half a unit of their 4th digit, which counts when the bias is near 0)
        half_units = sum(0.5 * 10.0 ** (math.floor(math.log10(abs(v))) - 3)
                         for v in sim if v != 0.0) / len(sim)
        assert abs(rmse - st.rmse) <= 0.006 * st.rmse, (var, rmse, st.rmse)
        assert abs(bias - st.bias) <= 0.006 * abs(st.bias) + half_units + 0.01, (var, bias,
                                                                                   st.bias)


def test_plot_dssat_names_a_csv_that_is_not_a_daily_csv(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    x = os.path.join(testing.validation_dir(), "dssat", "Maize", "UFGA8201.MZX")
    r = subprocess.run([sys.executable, os.path.join(EXAMPLES, "plot_dssat.py"), str(bad),
                        "--x", x], capture_output=True, text=True, cwd=str(tmp_path))
    assert r.returncode != 0 and "not a daily CSV" in r.stderr and "bad.csv" in r.stderr, r.stderr


def test_plot_dssat_without_a_t_file_draws_the_simulated_series_alone(tmp_path):
    data = os.path.join(testing.validation_dir(), "dssat")
    x = os.path.join(data, "Maize", "GAGR0201.MZX")  # no GAGR0201.MZT in the shared folder
    daily = tmp_path / "daily.csv"
    testing.run_cli("run-dssat", x, "--data", data, "--daily", daily)
    r = subprocess.run([sys.executable, os.path.join(EXAMPLES, "plot_dssat.py"), str(daily),
                        "--x", x, "-o", str(tmp_path)], capture_output=True, text=True,
                       cwd=str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert "no " in r.stderr and "GAGR0201.MZT" in r.stderr, r.stderr
    assert (tmp_path / "GAGR0201_inseason.png").exists()
    assert [l for l in r.stdout.splitlines() if l.startswith("GAGR0201")] == [], r.stdout
    # an --obs file named by the user must exist
    r = subprocess.run([sys.executable, os.path.join(EXAMPLES, "plot_dssat.py"), str(daily),
                        "--x", x, "--obs", str(tmp_path / "none.MZT"), "-o", str(tmp_path)],
                       capture_output=True, text=True, cwd=str(tmp_path))
    assert r.returncode != 0 and "none.MZT" in r.stderr, r.stderr
