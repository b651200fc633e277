"""Weather through the binding: same numbers as the CLI, errors carry the library's message."""
import glob
import json
import math
import os
import re

import pytest

import agrosim
from agrosim import testing

WEATHER = os.path.join(testing.validation_dir(), "dssat", "Weather")


def cli_json(*args):
    return json.loads(testing.run_cli(*args).stdout)


def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            return a is None and b is None
        return math.isclose(a, b, rel_tol=1e-8, abs_tol=1e-8)
    return a == b


@pytest.mark.parametrize("name", ["UFGA8201.WTH", "IBWA8302.WTH", "CLMO8501.WTH"])
def test_weather_file_has_the_same_summary_as_the_cli(name):
    path = os.path.join(WEATHER, name)
    py = agrosim.Weather.load(path).summary()
    cli = cli_json("weather", path, "--json")
    assert set(py) <= set(cli), set(py) - set(cli)
    for k in py:
        assert same(py[k], cli[k]), (k, py[k], cli[k])
    assert py["days"] == len(agrosim.Weather.load(path)) > 0


def test_every_validation_weather_file_loads_with_consistent_days():
    files = sorted(glob.glob(os.path.join(WEATHER, "*.WTH")))
    assert files, WEATHER
    for p in files:
        w = agrosim.Weather.load(p)
        info = w.info
        assert len(w) == info.n_days > 0
        first, last = w[0], w[-1]
        assert (first.year, first.doy) == (info.first_year, info.first_doy)
        assert (last.year, last.doy) == (info.last_year, info.last_doy)
        assert w.find(last.year, last.doy) == info.n_days - 1


def test_columns_match_day_by_day_access_with_and_without_numpy():
    w = agrosim.Weather.load(os.path.join(WEATHER, "UFGA8201.WTH"))
    lst = w.column("tmax_C", numpy=False)
    assert isinstance(lst, list) and len(lst) == len(w)
    assert [d.tmax_C for d in w] == lst
    assert w[100].rain_mm == w.column("rain_mm", numpy=False)[100]
    if agrosim.HAVE_NUMPY:
        arr = w.column("tmax_C")
        assert arr.tolist() == lst
        rec = w.to_numpy()
        assert rec["doy"].tolist() == w.column("doy", numpy=False)
    else:  # numpy is optional: without it the default is a list, numpy=True is refused
        assert w.column("tmax_C") == lst
        with pytest.raises(ImportError):
            w.column("tmax_C", numpy=True)
    with pytest.raises(KeyError):
        w.column("no_such_field")
    with pytest.raises(IndexError):
        w[len(w)]


def test_a_bad_weather_file_raises_the_library_message_with_file_line_field(tmp_path):
    good = open(os.path.join(WEATHER, "UFGA8201.WTH")).read().splitlines()
    # break the TMAX of the 5th data line: the library must name file, line and column
    hdr = next(i for i, l in enumerate(good) if l.startswith("@DATE"))
    line_no = hdr + 1 + 5
    cols = good[hdr].split()
    line = good[line_no - 1]
    # splice "abc" in place of the TMAX value, keeping every column where it was
    m = list(re.finditer(r"\S+", line))[cols.index("TMAX")]
    good[line_no - 1] = line[:m.start()] + "abc".rjust(m.end() - m.start()) + line[m.end():]
    bad = tmp_path / "BADX8201.WTH"
    bad.write_text("\n".join(good) + "\n")
    with pytest.raises(agrosim.AgrosimError) as ei:
        agrosim.Weather.load(bad)
    e = ei.value
    assert e.status == agrosim._core.AGRO_EFORMAT, e
    assert e.message.startswith("%s:%d:" % (bad, line_no)), e.message
    assert "TMAX" in e.message and "abc" in e.message, e.message


def test_a_day_dssat_stops_on_loads_counted_in_bad_days_as_the_cli_counts_it(tmp_path):
    # TMIN above TMAX on the second day: DSSAT reads it unchecked and stops only on using it
    p = tmp_path / "BADD2001.WTH"
    p.write_text("@DATE  SRAD  TMAX  TMIN  RAIN\n20001  10.0  25.0  15.0   1.0\n"
                 "20002  10.0  15.0  25.0   1.0\n20003  10.0  25.0  15.0   1.0\n")
    w = agrosim.Weather.load(p)
    assert len(w) == 3 and w.info.n_bad_days == 1 and w.info.n_missing == 0
    assert (w[1].tmax_C, w[1].tmin_C) == (15.0, 25.0)
    py, cli = w.summary(), cli_json("weather", str(p), "--json")
    assert py["bad_days"] == cli["bad_days"] == 1
    assert all(same(py[k], cli[k]) for k in py), (py, cli)
    # Weather.check: the days around it can drive a run, the day itself cannot
    w.check(0, 1)
    w.check(2)
    with pytest.raises(agrosim.AgrosimError) as ei:
        w.check()
    assert ei.value.name == "AGRO_ERANGE", ei.value
    assert ei.value.message.startswith("%s:3: TMIN: above TMAX (25 > 15 C) on 2020-01-02" % p), ei.value.message
    with pytest.raises(agrosim.AgrosimError) as ei:
        w.check(2, 5)
    assert ei.value.name == "AGRO_ERANGE" and "requested but the series has 3 days" in ei.value.message


def test_a_missing_file_is_an_io_error_naming_it(tmp_path):
    p = tmp_path / "nope.WTH"
    with pytest.raises(agrosim.AgrosimError) as ei:
        agrosim.Weather.load(p)
    assert ei.value.name == "AGRO_EIO" and str(p) in ei.value.message


def test_generator_is_reproducible_and_matches_the_cli(tmp_path):
    site = os.path.join(testing.source_dir(), "models", "sites", "morogoro.json")
    a = agrosim.Weather.generate(site, years=2, seed=42)
    b = agrosim.Weather.generate(agrosim.Site.load(site), years=2, seed=42)
    c = agrosim.Weather.generate(site, years=2, seed=43)
    assert len(a) == 365 + 365
    assert a.column("rain_mm", numpy=False) == b.column("rain_mm", numpy=False)
    assert a.column("rain_mm", numpy=False) != c.column("rain_mm", numpy=False)
    out = tmp_path / "gen.csv"
    testing.run_cli("weather-gen", site, "--years", "2", "--seed", "42", "--out", out)
    cli = agrosim.Weather.load(out)
    assert len(cli) == len(a)
    for key in ("tmax_C", "tmin_C", "rain_mm", "srad_MJ_m2_d"):
        for x, y in zip(cli.column(key, numpy=False), a.column(key, numpy=False)):
            assert math.isclose(x, y, rel_tol=1e-6, abs_tol=0.06), key  # CSV rounding


def test_solar_helpers():
    # FAO-56 examples 8 and 9: 20°S, 3 September (doy 246): Ra = 32.2 MJ/m²/d, N = 11.7 h
    assert abs(agrosim.extraterrestrial_radiation(-20.0, 246) - 32.2) < 0.1
    assert abs(agrosim.daylength_h(-20.0, 246) - 11.7) < 0.05
    assert agrosim.photoperiod_h(-20.0, 246) > agrosim.daylength_h(-20.0, 246)


def test_each_thread_gets_its_own_error_message(tmp_path):
    import threading
    paths = [tmp_path / ("missing_%d.WTH" % k) for k in range(4)]
    bad = []

    def work(p):
        for _ in range(50):
            try:
                agrosim.Weather.load(p)
            except agrosim.AgrosimError as e:
                if str(p) not in e.message:
                    bad.append((p, e.message))

    threads = [threading.Thread(target=work, args=(p,)) for p in paths]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not bad, bad[:3]


def test_day_source_names_the_file_and_line_or_the_generated_station(tmp_path):
    p = tmp_path / "where.csv"
    p.write_text("# station=X\ndate,srad_MJ_m2_d,tmax_C,tmin_C,rain_mm\n"
                 "2001-01-01,20,30,20,0\n# a comment\n2001-01-02,60,30,20,0\n")
    w = agrosim.Weather.load(p)
    assert w.day_source(1) == "%s:5" % p
    assert w.day_source(-2) == "%s:3" % p
    with pytest.raises(IndexError):
        w.day_source(2)
    g = agrosim.Weather.generate(os.path.join(testing.source_dir(), "models", "sites",
                                              "morogoro.json"), years=1, seed=1, first_year=2002)
    assert g.day_source(99) == "generated weather, station MOROGORO, 2002-100"
