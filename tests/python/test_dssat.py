"""DSSAT experiments from Python give what `agrosim validate` / `run-dssat` give in C."""
import csv
import ctypes
import math
import os
import subprocess

import pytest

import agrosim
from agrosim import testing

DATA = os.path.join(testing.validation_dir(), "dssat")
MAIZE = os.path.join(DATA, "Maize")


@pytest.fixture(scope="module")
def ufga():
    with agrosim.DssatExperiment(os.path.join(MAIZE, "UFGA8201.MZX")) as x:
        yield x


def test_experiment_reads_code_treatments_and_text(ufga):
    assert ufga.code == "UFGA8201"
    assert ufga.crop == "MZ"
    assert ufga.treatments == [1, 2, 3, 4, 5, 6]
    assert ufga.text(4, agrosim.dssat.TEXT_CULTIVAR_ID) == "IB0035"
    assert ufga.text(4, agrosim.dssat.TEXT_SOIL_ID) == "IBMZ910014"


def test_run_matches_the_cli_validate_row(ufga, tmp_path):
    out = tmp_path / "v.csv"
    subprocess.run([os.environ["AGROSIM"], "validate", "--data", DATA, "--crop", "maize",
                    "--csv", str(out)], check=True, stdout=subprocess.DEVNULL)
    row = next(r for r in csv.DictReader(open(out)) if r["experiment"] == "UFGA8201"
               and r["treatment"] == "4")
    r = ufga.run(4, DATA)
    assert "%.0f" % r.yield_kg_ha == row["sim_yield_kg_ha"]
    assert str(r.anthesis_dap) == row["sim_anthesis_dap"]
    assert str(r.maturity_dap) == row["sim_maturity_dap"]
    r2, daily = ufga.run_daily(4, DATA, numpy=False)
    assert r2.yield_kg_ha == r.yield_kg_ha
    assert daily[-1].grain_kg_ha == pytest.approx(r.summary.hwam_kg_ha, rel=0.02)


def test_run_options_match_the_cli_and_reject_unknown_names(ufga, tmp_path):
    out = tmp_path / "v.csv"
    subprocess.run([os.environ["AGROSIM"], "validate", "--data", DATA, "--crop", "maize",
                    "--csv", str(out), "--evaporation", "mesev", "--n-uptake", "ceres-maize",
                    "--n-stress", "dssat-4.8"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    row = next(r for r in csv.DictReader(open(out)) if r["experiment"] == "UFGA8201"
               and r["treatment"] == "1")
    r = ufga.run(1, DATA, evaporation="mesev", n_uptake="ceres-maize", n_stress="dssat-4.8")
    assert "%.0f" % r.yield_kg_ha == row["sim_yield_kg_ha"]
    assert r.summary.escm_mm != ufga.run(1, DATA).summary.escm_mm
    assert r.yield_kg_ha != ufga.run(1, DATA, evaporation="mesev",
                                     n_uptake="ceres-maize").yield_kg_ha
    r2, daily = ufga.run_daily(1, DATA, numpy=False, evaporation="mesev", n_uptake="ceres-maize",
                               n_stress="dssat-4.8")
    assert r2.yield_kg_ha == r.yield_kg_ha and len(daily) == r.summary.n_days
    with pytest.raises(ValueError):
        ufga.run(1, DATA, evaporation="penman")
    with pytest.raises(ValueError):
        ufga.run(1, DATA, n_stress="ceres")


def test_stemp_surface_option_matches_the_cli(ufga, tmp_path):
    out = tmp_path / "v.csv"
    subprocess.run([os.environ["AGROSIM"], "validate", "--data", DATA, "--crop", "maize",
                    "--csv", str(out), "--stemp-surface", "albedo"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    row = next(r for r in csv.DictReader(open(out)) if r["experiment"] == "UFGA8201"
               and r["treatment"] == "3")
    r = ufga.run(3, DATA, stemp_surface="albedo")
    assert "%.0f" % r.yield_kg_ha == row["sim_yield_kg_ha"]
    _, warm = ufga.run_daily(3, DATA, numpy=False, stemp_surface="albedo")
    _, cool = ufga.run_daily(3, DATA, numpy=False)
    mean = lambda days: sum(d.soil_temp_5cm_C for d in days) / len(days)
    assert mean(warm) > mean(cool) + 0.5
    with pytest.raises(ValueError):
        ufga.run(1, DATA, stemp_surface="kimball")


def test_observations_and_fit_statistics(ufga):
    obs = ufga.observed(os.path.join(MAIZE, "UFGA8201.MZA"))
    assert [o.treatment for o in obs] == [1, 2, 3, 4, 5, 6]
    assert obs[3].yield_kg_ha == 11881 and obs[3].kernel_weight_g == pytest.approx(0.309)
    days = ufga.timeseries(os.path.join(MAIZE, "UFGA8201.MZT"))
    d = next(d for d in days if d.treatment == 1 and d.date == 1982089)
    assert (d.tops_kg_ha, d.lai, d.tops_n_kg_ha) == (88, pytest.approx(0.17), pytest.approx(3.2))
    sims = [ufga.run(o.treatment, DATA).yield_kg_ha for o in obs]
    st = agrosim.fit_stats([o.yield_kg_ha for o in obs], sims)
    assert st.n == 6
    rmse = math.sqrt(sum((s - o.yield_kg_ha) ** 2 for s, o in zip(sims, obs)) / 6)
    assert st.rmse == pytest.approx(rmse, rel=1e-12)
    ref = agrosim.reference_stats("MZ", agrosim.dssat.VAR_YIELD)
    assert (ref.n, round(ref.rmse)) == (27, 948)


def test_bad_inputs_raise_with_the_library_message(tmp_path):
    with pytest.raises(agrosim.AgrosimError) as e:
        agrosim.DssatExperiment(tmp_path / "missing.MZX")
    assert "missing.MZX" in str(e.value)
    with agrosim.DssatExperiment(os.path.join(MAIZE, "UFGA8201.MZX")) as x:
        with pytest.raises(agrosim.AgrosimError) as e:
            x.run(99, DATA)
        assert "99" in str(e.value)
        bad = tmp_path / "B.MZT"
        bad.write_text("*EXP:UFGA8201MZ\n@TRNO   DATE  CWAD\n     1 82x00   500\n")
        with pytest.raises(agrosim.AgrosimError) as e:
            x.timeseries(bad)
        assert "B.MZT:3: DATE" in str(e.value)
    with pytest.raises(ValueError):
        agrosim.fit_stats([1.0, 2.0], [1.0])
    empty = agrosim.fit_stats([], [])
    assert empty.n == 0 and math.isnan(empty.rmse)


def test_fit_stats_compute_takes_a_context_that_names_a_null_argument():
    """agro_fit_stats_compute takes an agro_ctx: a refusal carries the library's message."""
    with pytest.raises(agrosim.AgrosimError, match=r"obs: NULL array with n = 3") as ei:
        agrosim._core.call_ctx("agro_fit_stats_compute", None, None, 3,
                               ctypes.byref(agrosim._structs.FitStats()))
    assert ei.value.name == "AGRO_EINVAL" and ei.value.function == "agro_fit_stats_compute"


def test_ignored_inputs_are_listed_per_treatment():
    with agrosim.DssatExperiment(os.path.join(MAIZE, "GHWA0401.MZX")) as x:
        notes = x.ignored(5)
        # CENTURY (MESOM P) is simulated; only the evaporation method is noted
        assert notes == [
            "MESEV=S (Suleiman-Ritchie soil evaporation) run with Ritchie's two-stage "
            "evaporation and UP_FLOW",
        ]
        t = x.treatment(5)
        D = agrosim.dssat
        assert t.ignored == D.IGNORED_SOIL_EVAPORATION
        assert t.sa_stable_c_pct[0] == pytest.approx(0.47)
        # the METHODS row: Suleiman-Ritchie evaporation asked for, DSSAT's default layering
        assert (chr(t.evap_method), t.soil_layering) == ("S", 2)
        # its soil analysis (SAOC by layer) is kept and applied to the profile by the runner
        assert t.sa_n_layers == 5 and t.sa_organic_carbon_pct[2] == pytest.approx(0.35)
        assert (chr(t.som_method), chr(t.phosphorus), chr(t.potassium)) == ("P", "Y", "N")
        # the previous maize crop's roots are simulated: ICRT 1290 kg/ha at RCN 0.90 %
        assert t.ic_root_kg_ha == 1290
        assert t.ic_root_n_pct == pytest.approx(0.90)
        assert x.text(5, D.TEXT_PREVIOUS_CROP) == "MZ"
        with pytest.raises(agrosim.AgrosimError) as ei:
            x.ignored(10)
        assert ei.value.name == "AGRO_ENOTFOUND"
    with agrosim.DssatExperiment(os.path.join(DATA, "Maize", "BRPI0202.MZX")) as x:
        assert x.ignored(1) == [agrosim.dssat.describe_ignored(
            agrosim.dssat.IGNORED_SOIL_EVAPORATION)[0]]
    assert agrosim.dssat.describe_ignored(agrosim.dssat.IGNORED_TILLAGE)[0].startswith("tillage")
    assert agrosim.dssat.IGNORED_ALL == (1 << 13) - 1
    assert agrosim.dssat.describe_ignored(agrosim.dssat.IGNORED_UNORDERED_ROWS)[0].startswith("irrigation, fertiliser")
    assert agrosim.dssat.describe_ignored(agrosim.dssat.IGNORED_WATER_TABLE)[0].startswith("ICWD")
    assert agrosim.dssat.describe_ignored(agrosim.dssat.IGNORED_AUTO_FERTILISER)[0].startswith("FERTI=A/F")
    assert agrosim.dssat.describe_ignored(agrosim.dssat.IGNORED_SOIL_TEMPERATURE)[0].startswith("METMP=E")
    assert agrosim.dssat.describe_ignored(agrosim.dssat.IGNORED_DAYCENT_GHG)[0].startswith("MEGHG=1")
    assert agrosim.dssat.describe_ignored(agrosim.dssat.IGNORED_AUTO_RESIDUE)[0].startswith("RESID=A")
    assert agrosim.dssat.describe_ignored(agrosim.dssat.IGNORED_METHODS)[0].startswith("EVAPO")
    for bit in (13, 14):  # bits past the defined ones
        with pytest.raises(agrosim.AgrosimError) as ei:
            agrosim.dssat.describe_ignored(1 << bit)
        assert ei.value.name == "AGRO_ERANGE"


def test_multi_year_run_moves_the_season_on(tmp_path):
    # SIAZ9501 with NYERS 2: season 1 is 1996 on SIAZ9601.WTH; season 0 the experiment itself
    with open(os.path.join(MAIZE, "SIAZ9501.MZX"), encoding="latin-1") as f:
        text = f.read()
    ge = " 1 GE              1     1     S 95136"
    assert ge in text
    path = tmp_path / "SIAZ9501.MZX"
    path.write_text(text.replace(ge, " 1 GE              2     1     S 95136"), encoding="latin-1")
    with agrosim.DssatExperiment(str(path)) as x, \
            agrosim.DssatExperiment(os.path.join(MAIZE, "SIAZ9501.MZX")) as x0:
        assert x.treatment(8).n_years == 2
        first, later = x.run(8, DATA), x.run(8, DATA, season=1)
        assert first.summary.hwam_kg_ha == x0.run(8, DATA).summary.hwam_kg_ha
        assert (later.summary.sowing_year, later.summary.sowing_doy) == (1996, 137)
        assert later.summary.ircm_mm == pytest.approx(first.summary.ircm_mm)
        with pytest.raises(agrosim.AgrosimError) as ei:
            x.run(8, DATA, season=2)
        assert ei.value.name == "AGRO_ERANGE" and "season" in str(ei.value)


def test_et_based_irrigation_by_growth_stage_rows(tmp_path):
    # IUAF9901 treatment 4 (rainfed) under IRRIG E with two rows: 25 mm of accumulated ET
    # triggers 80 % of it; from the day after silking (GS003) AVWAT 0 stops irrigation
    with open(os.path.join(MAIZE, "IUAF9901.MZX"), encoding="latin-1") as f:
        text = f.read()
    head = "@N IRRIGATION  IMDEP ITHRL ITHRU IROFF IMETH IRAMT IREFF"
    row = " 1 IR             30    50   100 GS000 IR001    10     1"
    mgmt = " 1 MA              R     N"
    assert head in text and row in text and mgmt in text
    text = text.replace(head, head + " AVWAT IFREQ").replace(
        row, " 1 IR             25    50    80 GS000 IR001    10     1   -99     0\n"
             " 1 IR             25    50    80 GS003 IR001    10     1     0     0").replace(
        mgmt, " 1 MA              R     E")
    path = tmp_path / "IUAF9901.MZX"
    path.write_text(text, encoding="latin-1")
    with agrosim.DssatExperiment(str(path)) as x:
        t = x.treatment(4)
        assert t.n_auto_irr_rows == 2 and list(t.auto_irr_row_stage[:2]) == [0, 3]
        res, days = x.run_daily(4, DATA, numpy=False)
    irr = [d.irrigation_mm for d in days]
    assert res.auto_irrigations == sum(1 for v in irr if v > 0) > 0
    silk = next(i for i, d in enumerate(days) if d.stage == 4)
    assert silk > 0 and sum(irr[silk + 1:]) == 0.0
    # every irrigation is 80 % of more than 25 mm of EOP + EVAP − net rain
    assert all(v > 0.8 * 25.0 for v in irr if v > 0)
    assert sum(d.transp_pot_mm for d in days) > 100.0


def test_write_daily_csv_writes_the_file_of_run_dssat(ufga, tmp_path):
    """DssatExperiment.write_daily_csv writes the file of `agrosim run-dssat --daily` byte for
    byte: every maize treatment; one treatment (--trt) with the columns by soil layer
    (--layers) and DSSAT 4.8's methods; every season of a multi-year (NYERS 2) run."""
    mzx = os.path.join(MAIZE, "UFGA8201.MZX")
    methods = dict(evaporation="mesev", n_uptake="ceres-maize", n_stress="dssat-4.8",
                   stemp_surface="albedo")
    cli = [tmp_path / ("cli%d.csv" % k) for k in range(3)]
    testing.run_cli("run-dssat", mzx, "--data", DATA, "--daily", cli[0])
    testing.run_cli("run-dssat", mzx, "--data", DATA, "--trt", "4", "--daily", cli[1], "--layers",
                    *[a for k, v in methods.items() for a in ("--" + k.replace("_", "-"), v)])
    with open(os.path.join(MAIZE, "SIAZ9501.MZX"), encoding="latin-1") as f:
        text = f.read()
    ge = " 1 GE              1     1     S 95136"
    assert ge in text
    two = tmp_path / "SIAZ9501.MZX"
    two.write_text(text.replace(ge, " 1 GE              2     1     S 95136"), encoding="latin-1")
    testing.run_cli("run-dssat", two, "--data", DATA, "--trt", "8", "--daily", cli[2])
    mine = [tmp_path / "new" / "d.csv", tmp_path / "d4.csv", tmp_path / "d8.csv"]
    ufga.write_daily_csv(mine[0], DATA)  # a PathLike, its folder made
    ufga.write_daily_csv(str(mine[1]), DATA, treatment=4, layers=True, **methods)
    with agrosim.DssatExperiment(str(two)) as x:
        x.write_daily_csv(mine[2], DATA, treatment=8)
    for a, b in zip(mine, cli):
        assert a.read_bytes() == b.read_bytes(), a
    rows = [r.split(",") for r in mine[0].read_text().splitlines()]
    assert sorted({r[1] for r in rows[1:]}) == ["1", "2", "3", "4", "5", "6"]
    assert {r[0] for r in rows[1:]} == {"UFGA8201"}
    assert len(mine[1].read_text().splitlines()[0].split(",")) == len(rows[0]) + 280
    assert {r.split(",")[2] for r in mine[2].read_text().splitlines()[1:]} == {"0", "1"}


def test_write_daily_csv_leaves_no_file_when_a_treatment_fails(ufga, tmp_path, monkeypatch):
    """A treatment that fails (its weather not in the data folder), an exception of Python's
    while the file is written, an experiment without a maize treatment and a closed experiment
    raise and leave no file, where run-dssat writes the treatments that ran."""
    from agrosim._lib import lib
    out = tmp_path / "out"
    with pytest.raises(agrosim.AgrosimError) as ei:
        ufga.write_daily_csv(out / "d.csv", tmp_path / "nodata")
    assert ei.value.function == "agro_dssat_run_treatment_opts" and "UFGA8201" in str(ei.value)
    assert os.listdir(out) == []

    def interrupted(*args):
        assert len(os.listdir(out)) == 1  # the file under its temporary name
        raise KeyboardInterrupt
    monkeypatch.setitem(lib._fns, "agro_daily_csv_append", interrupted)
    with pytest.raises(KeyboardInterrupt):
        ufga.write_daily_csv(out / "d.csv", DATA, treatment=1)
    assert os.listdir(out) == []
    monkeypatch.undo()
    with open(os.path.join(MAIZE, "UFGA8201.MZX"), encoding="latin-1") as f:
        text = f.read()
    assert " 1 MZ IB0035" in text
    soy = tmp_path / "UFGA8201.MZX"
    soy.write_text(text.replace(" 1 MZ IB0035", " 1 SB IB0035"), encoding="latin-1")
    x = agrosim.DssatExperiment(str(soy))
    with pytest.raises(agrosim.AgrosimError, match="UFGA8201: no maize treatment") as ei:
        x.write_daily_csv(out / "d.csv", DATA)
    assert ei.value.name == "AGRO_ENOTFOUND"
    x.close()
    with pytest.raises(agrosim.AgrosimError, match="DSSAT experiment already closed"):
        x.write_daily_csv(out / "d.csv", DATA, treatment=1)
    assert os.listdir(out) == []


def test_write_daily_csv_refuses_to_replace_an_input_of_the_runs(tmp_path):
    """inputs() lists the files run-dssat reads; write_daily_csv refuses a path naming one
    (plainly, through a symbolic link, through a folder still to be made and ".."), as
    run-dssat --daily does, before any folder is made and leaving the file as it was. Works on a
    copy of the shared files (never on them)."""
    import shutil
    data = tmp_path / "data"
    for sub in ("Weather", "Soil", "Genotype"):
        shutil.copytree(os.path.join(DATA, sub), data / sub)
    (data / "Maize").mkdir()
    for ext in ("MZX", "MZA", "MZT"):
        shutil.copy(os.path.join(MAIZE, "UFGA8201." + ext), data / "Maize")
    for root, dirs, files in os.walk(data):  # the shared files are read-only
        for name in dirs + files:
            os.chmod(os.path.join(root, name), 0o755 if name in dirs else 0o644)
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    with agrosim.DssatExperiment(data / "Maize" / "UFGA8201.MZX") as x:
        inputs = x.inputs(data, treatment=1)
        assert ("soil file", os.path.join(str(data), "Soil", "SOIL.SOL")) in inputs
        assert ("weather file", os.path.join(str(data), "Weather", "UFGA8201.WTH")) in inputs
        assert ("cultivar file", os.path.join(str(data), "Genotype", "MZCER048.CUL")) in inputs
        assert ("observation file (A)", str(data / "Maize" / "UFGA8201.MZA")) in inputs
        assert {k for k, _ in x.inputs(data)} == {
            "experiment file", "observation file (A)", "time-series file (T)", "weather file",
            "soil file", "cultivar file", "ecotype file", "species file"}
        (tmp_path / "link.csv").symlink_to(data / "Genotype" / "MZCER048.ECO")
        for out, kind in [(data / "Soil" / "SOIL.SOL", "soil file"),
                          (tmp_path / "link.csv", "ecotype file"),
                          (data / "Weather" / "new" / ".." / "UFGA8201.WTH", "weather file"),
                          (data / "Maize" / "UFGA8201.MZT", "time-series file (T)")]:
            with pytest.raises(agrosim.AgrosimError, match="would replace the experiment's "
                               + kind.replace("(", r"\(").replace(")", r"\)")) as ei:
                x.write_daily_csv(out, data, treatment=1)
            assert ei.value.name == "AGRO_EINVAL"
        assert not (data / "Weather" / "new").exists()
        assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before
        x.write_daily_csv(tmp_path / "ok" / "d.csv", data, treatment=1)  # another file is written
        assert (tmp_path / "ok" / "d.csv").stat().st_size > 0
