"""Scenarios through the binding and the results files of `agrosim run`:
the Python example reproduces the CLI's numbers, the HDF5 file opens with h5py with the
documented layout, and the plotting script turns it into PNGs."""
import csv
import math
import os
import subprocess
import sys

import pytest

import agrosim
from agrosim import testing

SCENARIO = os.path.join(testing.source_dir(), "examples", "morogoro", "morogoro.json")
EXAMPLE = os.path.join(testing.source_dir(), "examples", "python", "morogoro.py")
PLOT = os.path.join(testing.source_dir(), "examples", "plot_results.py")



@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    """`agrosim run` of the Morogoro scenario: (stdout, h5 path, csv path)."""
    d = tmp_path_factory.mktemp("cli")
    h5, summ = d / "morogoro.h5", d / "summary.csv"
    r = testing.run_cli("run", SCENARIO, "-o", h5, "--summary", summ, "--quiet")
    return r.stdout, h5, summ


@pytest.fixture(scope="module")
def py_run(tmp_path_factory):
    """The binding's run of the same scenario: (Scenario, Results)."""
    sc = agrosim.Scenario.load(SCENARIO)
    return sc, sc.run()


def _require(module, package):
    """Import a module the results-file tests and examples/plot_results.py need (h5py and
    matplotlib are optional for the binding, not for these); fail naming the Debian package."""
    import importlib
    try:
        return importlib.import_module(module)
    except ImportError as e:
        pytest.fail("%s is needed to test the results file and examples/plot_results.py "
                    "(apt-get install %s; tools/setup-debian.sh does): %s" % (module, package, e))


def _rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def test_python_example_prints_the_cli_table_and_writes_the_same_summary(cli_run, tmp_path):
    stdout, _, cli_csv = cli_run
    py_csv = tmp_path / "py.csv"
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    r = subprocess.run([sys.executable, EXAMPLE, SCENARIO, "--summary", str(py_csv)],
                       capture_output=True, text=True, env=env, cwd=str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert r.stdout == stdout
    assert "baseline" in stdout
    assert open(py_csv).read() == open(cli_csv).read()


def test_binding_results_equal_the_cli_summary_csv(cli_run, py_run):
    _, _, cli_csv = cli_run
    sc, res = py_run
    rows = _rows(cli_csv)
    mine = res.summary_rows()
    assert len(rows) == len(mine) == sc.info.n_runs
    for cli, py in zip(sorted(rows, key=lambda r: (r["field"], r["intervention"],
                                                   int(r["member"]), int(r["season"]))),
                       sorted(mine, key=lambda r: (r["field"], r["intervention"],
                                                   r["member"], r["season"]))):
        for key in ("field", "intervention"):
            assert cli[key] == py[key]
        assert int(cli["member"]) == py["member"] and int(cli["season"]) == py["season"]
        y = float(cli["yield_kg_ha"])
        assert math.isclose(y, py["hwam_kg_ha"], rel_tol=1e-6, abs_tol=0.01), (cli, py)
        for ck, pk in (("anthesis_dap", "anthesis_dap"), ("maturity_dap", "maturity_dap")):
            v = cli[ck]
            want = py[pk]
            if v in ("", "NA", "nan", "-1"):
                assert want < 0, (ck, v, want)
            else:
                assert int(float(v)) == want, (ck, v, want)


def test_yield_stats_follow_from_the_run_summaries(py_run):
    sc, res = py_run
    info = sc.info
    for f in range(info.n_fields):
        for i in range(info.n_interventions):
            ys = sorted(res.summary(r).hwam_kg_ha for r in range(info.n_runs)
                        if res.run_info(r).field == f and res.run_info(r).intervention == i)
            st = res.yield_stats(f, i)
            assert st.n == len(ys) == info.n_members * info.n_seasons
            mid = len(ys) // 2
            med = ys[mid] if len(ys) % 2 else 0.5 * (ys[mid - 1] + ys[mid])
            assert math.isclose(st.median_kg_ha, med, rel_tol=1e-12, abs_tol=1e-9)
            assert st.min_kg_ha == ys[0] and st.max_kg_ha == ys[-1]
            wet = med / (1.0 - info.grain_moisture_pct / 100.0)  # grain at the bag's moisture
            assert math.isclose(st.median_bags, wet / info.bag_kg * info.area_ha, rel_tol=1e-9)


def test_results_file_has_the_documented_layout(cli_run, py_run):
    h5py = _require("h5py", "python3-h5py")
    np = _require("numpy", "python3-numpy")
    _, h5path, _ = cli_run
    sc, res = py_run
    info = sc.info
    with h5py.File(h5path, "r") as h5:
        for a in ("agrosim_version", "created_utc", "scenario_text"):
            assert a in h5.attrs, a
        v = h5.attrs["agrosim_version"]
        assert (v.decode() if isinstance(v, bytes) else str(v)) == agrosim.version()
        text = h5.attrs["scenario_text"]
        assert (text.decode() if isinstance(text, bytes) else str(text)) == sc.text
        summary = h5["summary"][()]
        assert len(summary) == info.n_runs
        for col in ("HWAM", "ADAT", "MDAT", "LAIX"):
            assert col in summary.dtype.names, col
        yields = np.sort(summary["HWAM"])
        assert np.allclose(yields, sorted(res.summary(r).hwam_kg_ha for r in range(info.n_runs)))
        assert "daily" in h5
        per_field = info.n_interventions * info.n_members * info.n_seasons
        for f, fname in enumerate(sc.field_names):
            g = h5["daily"][fname]
            rows = g["run_index"][()]
            assert len(rows) == per_field
            n_days = g["n_days"][()]
            series = []
            g.visititems(lambda n, o: series.append(o)
                         if isinstance(o, h5py.Dataset) and "/" in n else None)
            assert series, fname
            for d in series:
                assert "units" in d.attrs and "long_name" in d.attrs, d.name
                assert d.ndim in (2, 3) and d.shape[:2] == (per_field, info.max_days), d.name
                assert d.compression == "gzip" and d.chunks is not None, d.name
                # several runs per chunk (zlib's set-up per chunk made one run per chunk slow),
                # a power of two dividing the 64-row writes or all the runs, at most 1 MiB
                rows_c = d.chunks[0]
                assert d.chunks[1:] == d.shape[1:], d.name
                assert rows_c == per_field or (rows_c < per_field and 64 % rows_c == 0), d.name
                assert rows_c * np.prod(d.shape[1:]) * 8 <= 1 << 20 or rows_c == 1, d.name
                assert rows_c == per_field or 2 * rows_c * np.prod(d.shape[1:]) * 8 > 1 << 20 \
                    or rows_c == 64, d.name
            # the file holds the binding's daily series, row by row, NaN after the last day
            lai = g["maize/LAID"][()]
            for k in (0, len(rows) // 2, len(rows) - 1):
                run = int(rows[k])
                mine = res.daily(run, numpy=True)
                assert n_days[k] == len(mine) == res.run_info(run).n_days
                assert np.array_equal(lai[k, :len(mine)], mine["lai_crop"])
                assert np.isnan(lai[k, len(mine):]).all()
            # soil temperature by layer: shaped like the layered soil water, the binding's
            # per-layer daily means (FieldDaily.soil_temp_C) row by row
            ts, sw = g["soil/TS"], g["soil/SW"]
            assert ts.ndim == 3 and ts.shape == sw.shape, (ts.shape, sw.shape)
            assert ts.attrs["units"] in ("degC", b"degC")
            nl = ts.shape[2]
            assert nl > 1
            # the depth of each layer of that third axis, strictly increasing, in cm
            depth = g["layer_bottom_cm"]
            assert depth.shape == (nl,) and depth.attrs["units"] in ("cm", b"cm")
            assert np.all(np.diff(depth[()]) > 0) and depth[0] > 0
            for k in (0, len(rows) - 1):
                run = int(rows[k])
                mine = res.daily(run, numpy=True)
                assert np.array_equal(ts[k, :len(mine), :], mine["soil_temp_C"][:, :nl])
                assert np.isnan(ts[k, len(mine):, :]).all()


def test_plot_script_turns_the_results_into_pngs(cli_run, tmp_path):
    _require("matplotlib", "python3-matplotlib")
    _require("h5py", "python3-h5py")
    _, h5path, _ = cli_run
    r = subprocess.run([sys.executable, PLOT, str(h5path), "-o", str(tmp_path / "png")],
                       capture_output=True, text=True, cwd=str(tmp_path),
                       env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))
    assert r.returncode == 0, r.stderr
    pngs = r.stdout.split()
    # the Morogoro scenario reports yields, LAI/biomass and soil temperature per field, and
    # has no mushrooms: exactly these plots, all inside the output folder
    sc = agrosim.Scenario.load(SCENARIO)
    want = {"%s_%s.png" % (kind, f) for f in sc.field_names
            for kind in ("yield", "season", "soil_temperature")}
    assert sorted(os.path.basename(p) for p in pngs) == sorted(want), (pngs, r.stderr)
    assert all(os.path.dirname(p) == str(tmp_path / "png") for p in pngs), pngs
    for p in pngs:
        with open(p, "rb") as f:
            assert f.read(8) == b"\x89PNG\r\n\x1a\n"
        assert os.path.getsize(p) > 10000


def test_plot_script_gives_each_field_its_own_pngs_whatever_its_name(tmp_path):
    """Field names are any UTF-8 text (docs/scenario.md): the script's file names keep their
    letters of any script, and add the field's index when two names still give one text, so
    that no field's plots replace another's. Before, "Feld ä" and "Feld ü" both wrote
    yield_Feld_.png (the second replaced the first, and the script listed both paths)."""
    _require("matplotlib", "python3-matplotlib")
    _require("h5py", "python3-h5py")
    import copy
    import json
    doc = json.load(open(SCENARIO))
    doc["seasons"]["count"] = 1
    doc["weather"]["generate"]["years"] = 1
    names = ["Feld ä", "Feld ü", "Feld_ä"]
    plot = doc["fields"][0]
    doc["fields"] = []
    for n in names:
        f = copy.deepcopy(plot)
        f["name"] = n
        doc["fields"].append(f)
    sc = agrosim.Scenario.from_text(json.dumps(doc), name="fields.json",
                                    base_dir=os.path.dirname(SCENARIO))
    assert sc.field_names == names
    h5path = tmp_path / "fields.h5"
    sc.run().write_hdf5(str(h5path))
    r = subprocess.run([sys.executable, PLOT, str(h5path), "-o", str(tmp_path / "png")],
                       capture_output=True, text=True, cwd=str(tmp_path),
                       env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))
    assert r.returncode == 0, r.stderr
    pngs = [os.path.basename(p) for p in r.stdout.split()]
    stems = ["Feld_ä_0", "Feld_ü", "Feld_ä_2"]
    want = {"%s_%s.png" % (kind, f) for f in stems
            for kind in ("yield", "season", "soil_temperature")}
    assert sorted(pngs) == sorted(want), (pngs, r.stderr)
    assert sorted(os.listdir(tmp_path / "png")) == sorted(want)


def test_an_output_path_ending_in_a_slash_is_refused_and_makes_no_folder(py_run, tmp_path):
    """"out.h5/" names a folder: each writer raises AGRO_EIO "Is a directory" and makes no
    folder. Before, the binding made the file's "folder" (out.h5, and new above it) before the
    library refused the name, and left them behind empty; "new/." and "new/.." left new."""
    _, res = py_run
    for write, name in ((res.write_hdf5, "r.h5/"), (res.write_csv, "s.csv/"),
                        (res.write_daily_csv, "d.csv/"), (res.write_csv, "."),
                        (res.write_hdf5, "..")):
        with pytest.raises(agrosim.AgrosimError) as ei:
            write(str(tmp_path / "new") + "/" + name)
        assert ei.value.status == -3 and "Is a directory" in ei.value.message, ei.value.message
    assert os.listdir(tmp_path) == []


def test_plot_script_refuses_a_file_that_is_not_hdf5(tmp_path):
    _require("matplotlib", "python3-matplotlib")
    _require("h5py", "python3-h5py")
    bad = tmp_path / "x.h5"
    bad.write_text("not hdf5")
    r = subprocess.run([sys.executable, PLOT, str(bad), "-o", str(tmp_path)],
                       capture_output=True, text=True)
    assert r.returncode == 1 and "cannot open" in r.stderr


def test_a_bad_scenario_value_names_its_json_path(tmp_path):
    import json
    doc = json.load(open(SCENARIO))
    text = json.dumps(doc, indent=2)
    # an unknown top-level key must be refused with file, line and key
    doc["seasonz"] = 3
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, indent=2))
    with pytest.raises(agrosim.AgrosimError) as ei:
        agrosim.Scenario.from_text(bad.read_text(), name=str(bad),
                                   base_dir=os.path.dirname(SCENARIO))
    assert "seasonz" in ei.value.message and ei.value.message.startswith(str(bad) + ":")
    sc = agrosim.Scenario.from_text(text, name="ok", base_dir=os.path.dirname(SCENARIO))
    assert sc.info.n_runs > 0


def test_progress_callback_and_chunked_runs_give_the_same_numbers(py_run):
    sc, res = py_run
    seen = []
    res2 = sc.run(progress=lambda done, total: seen.append((done, total)), chunk=7)
    n = sc.info.n_runs
    assert seen[-1] == (n, n) and len(seen) == -(-n // 7)
    assert all(b[0] > a[0] for a, b in zip(seen, seen[1:]))
    for r in range(n):
        assert res2.summary(r).hwam_kg_ha == res.summary(r).hwam_kg_ha


def test_threads_running_disjoint_ranges_into_one_results_give_the_serial_numbers(py_run):
    """docs/python.md: run_range of disjoint runs into one Results from several threads is
    allowed (ctypes lets go of the GIL in the C call, so they overlap); every run's summary
    and daily series equal the serial run's, byte for byte."""
    import threading
    sc, res = py_run
    n = sc.info.n_runs
    shared = sc.results()
    errors = []

    def work(k):
        try:
            for first in range(k * 3, n, 12):  # interleaved chunks of 3 runs, 4 threads
                shared.run_range(first, min(3, n - first))
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    for r in range(n):
        assert bytes(shared.summary(r)) == bytes(res.summary(r)), "run %d" % r
        a, b = shared.daily(r, numpy=False), res.daily(r, numpy=False)
        assert len(a) == len(b) > 0 and all(bytes(x) == bytes(y) for x, y in zip(a, b)), "run %d" % r


def test_century_organic_matter_runs_with_its_residues():
    """"soil_organic_matter": "century" with the previous crop's residues (initial) and a mulch
    applied at sowing: the runs close their N balance, the mulch decays, and the yields differ
    from CERES-Godwin's (the same scenario otherwise)."""
    import json
    doc = json.load(open(SCENARIO))
    doc["seasons"]["count"] = 3
    doc["weather"]["generate"]["years"] = 3
    field = doc["fields"][0]
    field["options"]["soil_organic_matter"] = "century"
    field["management"] += [
        {"event": "residue", "days_after_start": 0, "amount_kg_ha": 2000, "n_pct": 0.8,
         "lignin_frac": 0.10, "initial": True},
        {"event": "root_residue", "days_after_start": 0, "amount_kg_ha": 600, "n_pct": 0.9},
        {"event": "residue", "days_after_sowing": 0, "amount_kg_ha": 3000, "n_pct": 1.1},
    ]
    sc = agrosim.Scenario.from_text(json.dumps(doc), name="century",
                                    base_dir=os.path.dirname(SCENARIO))
    res = sc.run()
    field["options"]["soil_organic_matter"] = "ceres"
    ref = agrosim.Scenario.from_text(json.dumps(doc), name="ceres",
                                     base_dir=os.path.dirname(SCENARIO)).run()
    differ = with_mulch = 0
    for run in range(sc.info.n_runs):
        s = res.summary(run)
        assert s.n_balance_error_kg_ha < 1e-6, (run, s.n_balance_error_kg_ha)
        assert s.hwam_kg_ha > 0
        daily = res.daily(run, numpy=False)
        mulch = [d.mulch_kg_ha for d in daily]
        # the package's management replaces the field's: no residues there, only the mulch of
        # its weeded weeds, from the first weeding on
        if mulch[0] > 0:
            assert mulch[0] > 1500 and mulch[-1] < 0.8 * max(mulch), (mulch[0], max(mulch), mulch[-1])
            with_mulch += 1
        assert all(d.soil_org_c_kg_ha > 0 for d in daily)
        differ += abs(s.hwam_kg_ha - ref.summary(run).hwam_kg_ha) > 1.0
    assert differ > 0 and with_mulch == 3, (differ, with_mulch)
    # an unknown model is refused with its JSON path
    field["options"]["soil_organic_matter"] = "parton"
    with pytest.raises(agrosim.AgrosimError) as ei:
        agrosim.Scenario.from_text(json.dumps(doc), name="bad", base_dir=os.path.dirname(SCENARIO))
    assert "soil_organic_matter" in ei.value.message


def test_century_field_history_sets_the_stable_organic_matter():
    """"field_history" (DSSAT FLHST) under CENTURY: a field cultivated from grassland for
    five years (FH201: 42-58 % of the carbon stable in the top 40 cm, against Adiku's
    regression) has another N supply, so every yield moves; unknown codes are refused with the
    key named, and CERES refuses a history."""
    import json
    doc = json.load(open(SCENARIO))
    doc["seasons"]["count"] = 2
    doc["weather"]["generate"]["years"] = 2
    opts = doc["fields"][0]["options"]
    opts["soil_organic_matter"] = "century"

    def run(doc):
        sc = agrosim.Scenario.from_text(json.dumps(doc), name="h",
                                        base_dir=os.path.dirname(SCENARIO))
        res = sc.run()
        return [res.summary(r).hwam_kg_ha for r in range(sc.info.n_runs)]
    ref = run(doc)
    opts["field_history"], opts["field_history_years"] = "FH201", 5
    hist = run(doc)
    assert all(abs(h - r) > 1.0 for h, r in zip(hist, ref)), (hist, ref)
    opts["field_history"] = "FH999"
    with pytest.raises(agrosim.AgrosimError) as ei:
        run(doc)
    assert "field_history" in ei.value.message
    opts["field_history"], opts["soil_organic_matter"] = "FH201", "ceres"
    with pytest.raises(agrosim.AgrosimError) as ei:
        run(doc)
    assert "field_history" in ei.value.message
    # so does a grass before the crop (DSSAT PCR BR …), which CENTURY takes
    del opts["field_history"]
    opts["previous_crop_grass"] = True
    with pytest.raises(agrosim.AgrosimError) as ei:
        run(doc)
    assert "previous_crop_grass" in ei.value.message
    opts["soil_organic_matter"] = "century"
    assert len(run(doc)) == len(ref)


def test_surface_residue_acts_as_dssat_mulch():
    """A maize residue (residue_type RE203: AM 30 cm2/g, WATFAC 3.5, EXTFAC 0.86) left on the
    surface of the baseline field is DSSAT's mulch: its cover and water show in the daily
    records, it evaporates, and the season's water balance still closes; "mulch_effects": false
    (DSSAT INFIL N) leaves only the mass. An unknown residue type is refused with its key."""
    import json
    doc = json.load(open(SCENARIO))
    doc["seasons"]["count"] = 2
    doc["weather"]["generate"]["years"] = 2
    field = doc["fields"][0]
    field["options"]["residue_kg_ha"] = 3000
    field["options"]["residue_type"] = "RE203"

    def run(doc):
        sc = agrosim.Scenario.from_text(json.dumps(doc), name="m",
                                        base_dir=os.path.dirname(SCENARIO))
        return sc, sc.run()
    sc, res = run(doc)
    cover = 1.0 - math.exp(-30e-5 * 3000.0)
    for r in range(sc.info.n_runs):
        daily = res.daily(r, numpy=False)
        assert abs(daily[0].mulch_cover - cover) < 1e-12, daily[0].mulch_cover
        assert sum(d.mulch_evap_mm for d in daily) > 1.0
        assert max(d.mulch_water_mm for d in daily) <= 3.5e-4 * 3000 * 1.5
        assert res.summary(r).water_balance_error_mm < 1e-6
    field["options"]["mulch_effects"] = False
    sc, res = run(doc)
    daily = res.daily(0, numpy=False)
    assert daily[0].mulch_cover == 0.0 and daily[0].mulch_kg_ha == 3000.0
    assert all(d.mulch_evap_mm == 0.0 for d in daily)
    # a residue event of another type (bark, RE006: AM 4 cm2/g) is mulch from the day after
    field["options"]["mulch_effects"] = True
    del field["options"]["residue_kg_ha"], field["options"]["residue_type"]
    field["management"].append({"event": "residue", "days_after_start": 0, "amount_kg_ha": 5000,
                                "residue_type": "RE006"})
    sc, res = run(doc)
    daily = res.daily(0, numpy=False)
    assert daily[0].mulch_evap_mm == 0.0 and daily[0].mulch_kg_ha == 5000.0
    assert abs(daily[0].mulch_cover - (1.0 - math.exp(-4e-5 * 5000))) < 1e-12
    assert daily[1].mulch_water_mm > 0.0
    field["management"][-1]["residue_type"] = "RE777"
    with pytest.raises(agrosim.AgrosimError) as ei:
        run(doc)
    assert "residue_type" in ei.value.message and "RE777" in ei.value.message


def test_results_say_why_a_run_has_no_summary_or_daily_series(tmp_path):
    # A run not yet simulated, and a scenario whose "report" turns the daily series off, used
    # to raise "agro_results_get_daily: operation not valid in the current state" for both:
    # the message now names the run and the reason (AGRO_ESTATE either way).
    import json
    doc = json.load(open(SCENARIO))
    doc["seasons"]["count"] = 2
    doc.setdefault("report", {})["daily"] = False
    sc = agrosim.Scenario.from_text(json.dumps(doc), name="nodaily.json",
                                    base_dir=os.path.dirname(SCENARIO))
    res = sc.results()
    with pytest.raises(agrosim.AgrosimError) as ei:
        res.summary(1)
    assert ei.value.name == "AGRO_ESTATE" and "run 1" in ei.value.message
    assert "not been simulated" in ei.value.message
    with pytest.raises(agrosim.AgrosimError) as ei:
        res.daily(1)
    assert ei.value.name == "AGRO_ESTATE" and "not been simulated" in ei.value.message
    res.run_range(0, sc.info.n_runs)
    assert res.summary(1).hwam_kg_ha > 0
    with pytest.raises(agrosim.AgrosimError) as ei:
        res.daily(1)
    assert ei.value.name == "AGRO_ESTATE" and "run 1" in ei.value.message
    assert '"daily": false' in ei.value.message
    res.close()
    sc.close()


def test_results_writers_create_missing_folders_as_agrosim_run_does(py_run, tmp_path):
    """``agrosim run -o results/x.h5`` creates results/; Results.write_hdf5 and write_csv
    failed with "cannot create" there, so the python.md example needed the folder made first."""
    _, res = py_run
    h5 = tmp_path / "a" / "b" / "r.h5"
    csv = tmp_path / "c" / "s.csv"
    res.write_hdf5(h5)
    res.write_csv(str(csv))
    assert h5.stat().st_size > 0
    assert csv.read_text().startswith("field,intervention,member,season,")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(agrosim.AgrosimError):
        res.write_csv(blocker / "s.csv")  # a file where a folder should be: an error, not a crash


def _small(daily=True, seasons=2):
    """morogoro.json with ``seasons`` generated seasons (4 runs for 2: two interventions, weeds
    in its field), its daily records kept or not (``"report": {"daily": ...}``)."""
    import json
    doc = json.load(open(SCENARIO))
    doc["weather"]["generate"]["years"] = doc["seasons"]["count"] = seasons
    doc["report"]["daily"] = daily
    return doc


@pytest.fixture(scope="module")
def small_scenario(tmp_path_factory):
    """_small() as a file that `agrosim run` reads too: in examples/morogoro/ of a folder
    beside a link to the repository's models/, so that its relative paths hold."""
    import json
    d = tmp_path_factory.mktemp("small")
    (d / "models").symlink_to(os.path.join(testing.source_dir(), "models"))
    (d / "examples" / "morogoro").mkdir(parents=True)
    path = d / "examples" / "morogoro" / "small.json"
    path.write_text(json.dumps(_small(), indent=1))
    return path


def test_results_write_the_daily_csv_of_agrosim_run(small_scenario, tmp_path):
    """Results.write_daily_csv writes the file of `agrosim run --daily` byte for byte: the
    scenario's flags (its weed columns), run labels, one row per run and simulated day; with
    layers=True that of `--daily --layers`, the 280 columns by soil layer after the others."""
    cli = [tmp_path / "cli.csv", tmp_path / "cli_layers.csv"]
    for k, extra in enumerate(([], ["--layers"])):
        testing.run_cli("run", small_scenario, "-o", tmp_path / ("r%d.h5" % k), "--daily", cli[k],
                        "--quiet", *extra)
    mine = [tmp_path / "new" / "d.csv", tmp_path / "d_layers.csv"]
    with agrosim.Scenario.load(small_scenario) as sc, sc.run() as res:
        assert sc.info.n_runs == 4
        res.write_daily_csv(mine[0])  # a PathLike, its folder made
        res.write_daily_csv(str(mine[1]), layers=True)
        n_days = sum(res.run_info(r).n_days for r in range(sc.info.n_runs))
    assert mine[0].read_bytes() == cli[0].read_bytes()
    assert mine[1].read_bytes() == cli[1].read_bytes()
    rows = mine[0].read_text().splitlines()
    head = rows[0].split(",")
    assert head[:6] == ["RUN", "TRNO", "SEASON", "YEAR", "DOY", "DAS"] and "weeds.LAID" in head
    assert len(rows) == 1 + n_days and rows[1].startswith("plot/baseline/0,1,0,")
    layered = [r.split(",") for r in mine[1].read_text().splitlines()]
    assert len(layered[0]) == len(head) + 280
    assert (layered[0][len(head)], layered[0][-1]) == ("RL1D", "NH40D")
    assert [r[:len(head)] for r in layered] == [r.split(",") for r in rows]


def test_results_refuse_a_daily_csv_without_its_records_and_leave_no_file(tmp_path):
    """A scenario with "report": {"daily": false} is refused as `agrosim run --daily` refuses
    it, AGRO_ESTATE naming the file, line and report.daily, before any folder is made; results
    run in part are refused naming the first run not simulated, the file under its temporary
    name removed."""
    import json
    base = os.path.dirname(SCENARIO)
    with agrosim.Scenario.from_text(json.dumps(_small(daily=False), indent=1), "nodaily.json",
                                    base) as sc, sc.run() as res:
        with pytest.raises(agrosim.AgrosimError) as ei:
            res.write_daily_csv(tmp_path / "new" / "d.csv")
    e = ei.value
    assert e.name == "AGRO_ESTATE" and e.function == "agro_output_daily_csv_flags"
    assert e.message.startswith("nodaily.json:") and ": report.daily: " in e.message, e.message
    with agrosim.Scenario.from_text(json.dumps(_small()), "part.json", base) as sc, \
            sc.results() as res:
        res.run_range(0, 1)
        with pytest.raises(agrosim.AgrosimError) as ei:
            res.write_daily_csv(tmp_path / "d.csv")
    assert ei.value.name == "AGRO_ESTATE" and "run 1 has not been simulated" in ei.value.message
    assert os.listdir(tmp_path) == []


def test_a_daily_csv_interrupted_while_written_leaves_no_file(monkeypatch, tmp_path):
    """The writer is freed on every way out of write_daily_csv, an exception of Python's
    (KeyboardInterrupt) between its create and its commit too: the file under its temporary
    name is removed, and the next write succeeds."""
    import json
    from agrosim._lib import lib
    with agrosim.Scenario.from_text(json.dumps(_small(seasons=1)), "one.json",
                                    os.path.dirname(SCENARIO)) as sc, sc.run() as res:
        def interrupted(*args):
            assert len(os.listdir(tmp_path)) == 1  # the file under its temporary name
            raise KeyboardInterrupt
        monkeypatch.setitem(lib._fns, "agro_output_append_daily_csv", interrupted)
        with pytest.raises(KeyboardInterrupt):
            res.write_daily_csv(tmp_path / "d.csv")
        assert os.listdir(tmp_path) == []
        monkeypatch.undo()
        res.write_daily_csv(tmp_path / "d.csv")
    assert os.listdir(tmp_path) == ["d.csv"]


def test_a_closed_results_or_scenario_writes_no_daily_csv(tmp_path):
    """write_daily_csv of closed results, or of results whose scenario was closed, raises the
    closed-object error (AGRO_ESTATE), as write_csv does, and writes nothing; a path or layers
    of the wrong kind is refused before anything is written."""
    import json
    sc = agrosim.Scenario.from_text(json.dumps(_small(seasons=1)), "one.json",
                                    os.path.dirname(SCENARIO))
    res = sc.run()
    with pytest.raises(TypeError, match="layers"):
        res.write_daily_csv(tmp_path / "d.csv", layers="yes")
    with pytest.raises(ValueError, match="NUL"):
        res.write_daily_csv(str(tmp_path / "d.csv") + "\0.bak")
    with pytest.raises(TypeError, match="path"):
        res.write_daily_csv(None)
    res.close()
    with pytest.raises(agrosim.AgrosimError, match="results already closed") as ei:
        res.write_daily_csv(tmp_path / "d.csv")
    assert ei.value.name == "AGRO_ESTATE"
    res = sc.run()
    sc.close()
    with pytest.raises(agrosim.AgrosimError, match="their scenario was closed") as ei:
        res.write_daily_csv(tmp_path / "d.csv")
    assert ei.value.name == "AGRO_ESTATE"
    res.close()
    assert os.listdir(tmp_path) == []


def test_every_key_the_scenario_reader_takes_is_documented_with_its_range():
    """docs/scenario.md names every key the scenario reader (lib/scenario/parse.c) accepts and,
    beside it, the range the reader checks: a bound changed in one place alone (a residue's
    depth_cm read in [0, 300] where the doc said 0-1000) would refuse documented input or take
    what the doc refuses. Reads the calls with literal bounds; the others say so below."""
    import re
    src = testing.source_dir()
    with open(os.path.join(src, "lib", "scenario", "parse.c"), encoding="utf-8") as fh:
        code = fh.read()
    with open(os.path.join(src, "lib", "scenario", "scenario_impl.h"), encoding="utf-8") as fh:
        limits = dict(re.findall(r"#define (SC_\w+) (\d+)", fh.read()))
    with open(os.path.join(src, "docs", "scenario.md"), encoding="utf-8") as fh:
        doc = fh.read()
    # how the doc writes a bound that is not a plain number
    spelled = {"2147483647": "2³¹ − 1", "SEED_MAX": "2⁵³ − 1"}
    # the doc's words for a range the reader checks beyond its literal bounds
    worded = {"sw_cm3_cm3": "from half its LL to its SAT",
              "schema_version": "| `schema_version` | required | `1` |"}

    def num(v):
        v = limits.get(v, v)
        if v in spelled:
            return spelled[v]
        return ("%g" % float(v)).replace("-", "−")

    ranged = set()
    calls = re.findall(r'agro_json_(?:number|int)\(ctx,\s*&?\w+,\s*"(\w+)",\s*\w+,'
                       r'\s*(?:[^,()]|\([^()]*\))+,\s*([-\w.]+),\s*([-\w.]+),', code)
    calls += re.findall(r'layer_values\(ctx, sc, obj, "(\w+)", ([-\d.]+), ([-\d.]+),', code)
    calls += [(k, "0", hi) for k, hi in
              re.findall(r'amount_key = "(\w+)";\s+amax = ([\d.]+);', code)]
    assert len(calls) > 35, calls
    missing = []
    for key, lo, hi in calls:
        ranged.add(key)
        if key in worded:
            ok = worded[key] in " ".join(doc.split())
        else:
            # the whole range: 0-500 is not the start of 0-50000
            form = r"(?<![\d.])%s(?:–| to )%s(?![\d]|\.\d)" % (re.escape(num(lo)),
                                                          re.escape(num(hi)))
            ok = any(re.search(form, doc[m.end():m.end() + 200]) for m in
                     re.finditer(re.escape("`%s`" % key), doc))
        if not ok:
            missing.append("%s [%s, %s]" % (key, lo, hi))
    assert not missing, "docs/scenario.md lacks these ranges beside the key: %s" % missing
    # every key of every object: the keys the reader checks for (agro_json_check_keys)
    keys = set()
    for body in re.findall(r"static const char \*const \w+\[\] = \{(.*?)\};", code, re.S):
        keys |= set(re.findall(r'"([^"]+)"', body))
    # named in the text, or in an example of the JSON ("site": ...)
    undocumented = [k for k in sorted(keys) if "`%s`" % k not in doc and '"%s"' % k not in doc and
                    not (re.fullmatch(r"FH\d{3}", k) and "`FH101` … `FH302`" in doc)]
    assert not undocumented, "docs/scenario.md does not name: %s" % undocumented


def test_the_results_file_holds_what_docs_scenario_md_lists(cli_run):
    """docs/scenario.md ("HDF5 results") lists the root attributes, the /summary columns and
    attributes and the daily variables of each component: the file holds exactly those (a column or variable
    added to lib/output alone would be undocumented; one the doc keeps after it went, a name
    no reader finds)."""
    import re
    h5py = _require("h5py", "python3-h5py")
    _, h5path, _ = cli_run
    with open(os.path.join(testing.source_dir(), "docs", "scenario.md"), encoding="utf-8") as f:
        doc = f.read().split("\n## HDF5 results\n", 1)[1].split("\n## ", 1)[0]

    def names(text):
        return set(re.findall(r"`([A-Z][A-Z0-9#%_]*)`", text))

    root = re.search(r"^\| `/` attributes \|(.*)\|$", doc, re.M).group(1)
    run = re.search(r"^\| `/summary` \|(.*)\|$", doc, re.M).group(1)
    run_attrs = re.search(r"^\| `/summary` attributes \|(.*)\|$", doc, re.M).group(1)
    summary = doc.split("\nSummary columns:\n", 1)[1].split("\nDaily components", 1)[0]
    daily = doc.split("\nDaily components", 1)[1].split("\nBeside the components", 1)[0]
    # a bullet per component: "- `maize`: `GSTD`, ..." up to the next bullet
    parts = dict(re.findall(r"^- `(\w+)`: (.*?)(?=^- |\Z)", daily, re.M | re.S))
    # the DSSAT names of the layered columns of other files (TS1D ... TSnD, NI1D), quoted beside
    layer_columns = re.compile(r"^[A-Z]+(\d+|n)D$")
    with h5py.File(h5path, "r") as h5:
        attrs = set(re.findall(r"`([a-z_]+)`", root))
        assert attrs == set(h5.attrs), (attrs ^ set(h5.attrs))
        cols = set(h5["summary"].dtype.names)
        said = set(re.findall(r"`([a-z_]+)`", run_attrs))
        assert said == set(h5["summary"].attrs), said ^ set(h5["summary"].attrs)
        # the column arrays describe the columns from MEMBER on, in order
        first = list(h5["summary"].dtype.names).index("MEMBER")
        listed = [c.decode() if isinstance(c, bytes) else c
                  for c in h5["summary"].attrs["column_names"]]
        assert listed == list(h5["summary"].dtype.names)[first:]
        said = names(run) | names(summary)
        assert cols <= said, "columns the doc does not list: %s" % sorted(cols - said)
        daily_names = set().union(*(names(v) for v in parts.values()))
        assert said - cols <= daily_names, "listed, not written: %s" % sorted(
            said - cols - daily_names)
        # the file's top-level objects, the attributes of /daily and the datasets beside the
        # components of a field are those the doc names (/daily's `layout` was not)
        top = set(re.findall(r"`/(\w+)`", doc))
        assert top == set(h5), top ^ set(h5)
        daily_attrs = re.search(r"^\| `/daily` attribute \|(.*)\|$", doc, re.M).group(1)
        said = set(re.findall(r"`([a-z_]+)`", daily_attrs))
        assert said == set(h5["daily"].attrs), said ^ set(h5["daily"].attrs)
        g = h5["daily"]["plot"]
        beside = doc.split("\nBeside the components", 1)[1].split("\n\n", 1)[0]
        said = set(re.findall(r"`([a-z_]+)`", beside))
        have = {k for k in g if isinstance(g[k], h5py.Dataset)}
        assert said == have, said ^ have
        assert set(parts) == {k for k in g if isinstance(g[k], h5py.Group)}, sorted(parts)
        for comp, text in parts.items():
            have, listed = set(g[comp]), names(text)
            gone = {n for n in listed - have if not layer_columns.match(n)}
            assert have <= listed and not gone, (comp, sorted(have - listed), sorted(gone))


def test_docs_python_md_names_every_public_method_of_scenario_and_results():
    """Every public attribute of Scenario and Results is named in docs/python.md (from_text,
    results and daily_series were not)."""
    import re
    with open(os.path.join(testing.source_dir(), "docs", "python.md"), encoding="utf-8") as f:
        doc = f.read()
    missing = ["%s.%s" % (cls.__name__, n) for cls in (agrosim.Scenario, agrosim.Results)
               for n in dir(cls) if not n.startswith("_") and
               not re.search(r"[.`]%s\b" % re.escape(n), doc)]
    assert not missing, missing


def test_refused_writes_of_results_in_part_make_no_folder(tmp_path):
    """write_hdf5 and write_daily_csv refuse results run in part (AGRO_ESTATE naming the first
    run not simulated) before the output's missing folders are made: agro_output_check runs
    first. Before, the binding made new/ and left it behind empty, the library refusing only
    once it wrote."""
    import json
    with agrosim.Scenario.from_text(json.dumps(_small()), "part.json",
                                    os.path.dirname(SCENARIO)) as sc, sc.results() as res:
        res.run_range(0, 1)
        for write, name in ((res.write_hdf5, "r.h5"), (res.write_daily_csv, "d.csv")):
            with pytest.raises(agrosim.AgrosimError) as ei:
                write(tmp_path / "new" / "deeper" / name)
            assert os.listdir(tmp_path) == [], name  # no folder made
            e = ei.value
            assert e.name == "AGRO_ESTATE" and "run 1 has not been simulated" in e.message, e
        res.write_csv(tmp_path / "new" / "s.csv")  # the summary CSV takes results in part
    assert os.listdir(tmp_path) == ["new"] and os.listdir(tmp_path / "new") == ["s.csv"]


def test_an_output_name_too_long_is_refused_before_any_folder_is_made(tmp_path):
    """A name whose parts (2040 folders a/a/.../x) fit in 4095 bytes but whose temporary name
    <name>.partial-<pid>-<k> does not, and one with a part of 300 bytes: every results writer
    and Dssat.write_daily_csv raise AGRO_EINVAL "file name too long" with no folder made. They
    made the 2040 folders (or those above the long part), then failed in the library."""
    import json
    data = os.path.join(testing.validation_dir(), "dssat")
    names = ["a/" * 2040 + "x.csv", "b/" + "w" * 300 + "/x.csv"]
    with agrosim.Scenario.from_text(json.dumps(_small()), "long.json",
                                    os.path.dirname(SCENARIO)) as sc, sc.run() as res, \
            agrosim.DssatExperiment(os.path.join(data, "Maize", "UFGA8201.MZX")) as x:
        writers = (res.write_hdf5, res.write_csv, res.write_daily_csv,
                   lambda p: x.write_daily_csv(p, data, treatment=1))
        for name in names:
            for write in writers:
                with pytest.raises(agrosim.AgrosimError) as ei:
                    write(str(tmp_path) + "/" + name)
                e = ei.value
                assert e.name == "AGRO_EINVAL" and "file name too long" in e.message, e
                assert os.listdir(tmp_path) == [], write  # no folder made


def test_results_writers_refuse_to_replace_an_input_of_the_scenario(tmp_path):
    """Scenario.inputs lists the files a scenario was loaded from with the key naming each,
    and every writer refuses a path naming one of them (AGRO_EINVAL naming the key), however
    spelt, before any folder or file is made: the input keeps its text. Before, write_csv over
    the soil file replaced it with the summary."""
    import json
    import shutil
    doc = _small()
    models = os.path.join(testing.source_dir(), "models")
    shutil.copy(os.path.join(models, "sites", "morogoro.json"), tmp_path / "site.json")
    shutil.copy(os.path.join(models, "soils", "morogoro_sandy_clay_loam.json"),
                tmp_path / "soil.json")
    doc["weather"]["generate"]["site"] = "site.json"
    doc["soil"]["file"] = "soil.json"
    scen = tmp_path / "in.json"
    scen.write_text(json.dumps(doc).replace('"../../models/', '"%s/' % models))
    (tmp_path / "link.json").symlink_to("soil.json")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with agrosim.Scenario.load(scen) as sc, sc.run() as res:
        inputs = dict(sc.inputs)
        assert inputs[""] == str(scen)
        assert inputs["weather.generate.site"] == str(tmp_path / "site.json")
        assert inputs["soil.file"] == str(tmp_path / "soil.json")
        assert "fields[0].canopies[0].cultivar.file" in inputs, inputs
        for name, key in (("soil.json", "soil.file"), ("new/../site.json", "weather.generate.site"),
                          ("link.json", "soil.file"), ("in.json", "scenario file")):
            for write in (res.write_hdf5, res.write_csv, res.write_daily_csv):
                with pytest.raises(agrosim.AgrosimError) as ei:
                    write(str(tmp_path) + "/" + name)
                e = ei.value
                assert e.name == "AGRO_EINVAL" and "would replace the" in e.message, e
                assert key in e.message, e.message
    assert sorted(os.listdir(tmp_path)) == sorted(before)  # no folder made (new/)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def _cancelled(step, after_reset=None):
    """``step(box)`` over and over in a worker thread until a Context.cancel() from this thread
    stops it: only a cancel ends the loop, so it lands during a call whenever it comes. The
    worker's ``box``: "error" the AgrosimError that ended it, "pending" whether its context
    still held the request, "after_reset" what ``after_reset()`` gave once it was reset."""
    import threading
    box, ready = {}, threading.Event()

    def work():
        box["ctx"] = ctx = agrosim.context()
        ready.set()
        try:
            while True:
                step(box)
        except agrosim.AgrosimError as e:
            box["error"] = e
            box["pending"] = ctx.cancelled
            ctx.cancel_reset()
            box["after_reset"] = after_reset() if after_reset else None

    t = threading.Thread(target=work, daemon=True)  # a broken cancel must not hang the exit
    t.start()
    assert ready.wait(60)
    box["ctx"].cancel()
    t.join(300)
    assert not t.is_alive(), "the worker's run was not cancelled"
    return box


def test_a_cancel_from_another_thread_stops_a_run_between_two_runs(py_run):
    """Context.cancel() from another thread stops the worker's run_range between two runs
    (AGRO_ECANCELED); the worker's context keeps the request until cancel_reset()."""
    sc, _ = py_run

    def step(box):
        box["res"] = res = sc.results()
        res.run_range(0, res.n_runs)

    box = _cancelled(step, lambda: sc.results().run_range(0, 1))
    e = box["error"]
    assert e.name == "AGRO_ECANCELED" and e.status == -14, e
    assert "cancelled before run" in e.message, e.message
    assert box["pending"] is True
    assert box["after_reset"] is None  # the reset context runs again
    box["res"].close()


def _check_part(res, full, runs_done, tmp_path):
    """``res``, results of runs 0 .. runs_done - 1 only: run_info tells which runs are done,
    those have the full run's summaries, and the writers of whole results refuse them."""
    n = res.n_runs
    assert 0 < runs_done < n, runs_done
    assert [res.run_info(r).done for r in range(n)] == [1] * runs_done + [0] * (n - runs_done)
    for r in range(runs_done):
        assert res.summary(r).hwam_kg_ha == full.summary(r).hwam_kg_ha
    for write, name in ((res.write_hdf5, "r.h5"), (res.write_daily_csv, "d.csv")):
        with pytest.raises(agrosim.AgrosimError) as ei:
            write(tmp_path / name)
        e = ei.value
        assert e.name == "AGRO_ESTATE", e
        assert "run %d has not been simulated" % runs_done in e.message, e.message
        assert "%d of the %d runs done" % (runs_done, n) in e.message, e.message
    assert os.listdir(tmp_path) == []
    res.write_csv(tmp_path / "s.csv")  # the summary CSV has a row per run done
    assert len(_rows(tmp_path / "s.csv")) == runs_done


def test_a_run_interrupted_in_its_progress_callback_keeps_the_runs_done(py_run, tmp_path):
    """A KeyboardInterrupt (Ctrl-C) raised in Scenario.run's progress callback comes out of
    run() as itself, its traceback through the callback, carrying the results of the runs done
    (``results``, ``runs_done``). Before, those results were lost with run()'s frame."""
    import traceback
    sc, full = py_run

    def progress(done, total):
        if done >= 21:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt) as ei:
        sc.run(progress=progress, chunk=7)
    e = ei.value
    assert type(e) is KeyboardInterrupt
    assert traceback.extract_tb(e.__traceback__)[-1].name == "progress"
    assert e.runs_done == 21
    with e.results as res:
        _check_part(res, full, 21, tmp_path)


def test_a_run_cancelled_from_another_thread_keeps_the_runs_done(py_run, tmp_path):
    """Context.cancel() from another thread during Scenario.run() (one run_range, no progress
    callback): the AgrosimError AGRO_ECANCELED carries the results of the runs done before the
    cancel point, as many as its message says."""
    import re
    sc, full = py_run
    box = _cancelled(lambda box: sc.run().close())
    e = box["error"]
    assert e.name == "AGRO_ECANCELED", e
    m = re.search(r"cancelled before run (\d+) .*: (\d+) of the (\d+) run\(s\) from run 0 done",
                  e.message)
    assert m and m.group(1) == m.group(2) and int(m.group(3)) == sc.info.n_runs, e.message
    assert e.runs_done == int(m.group(2))
    with e.results as res:
        if 0 < e.runs_done:  # a cancel between two calls stops the next one before its run 0
            _check_part(res, full, e.runs_done, tmp_path)
        else:
            assert not any(res.run_info(r).done for r in range(res.n_runs))


def test_a_pending_cancel_leaves_the_old_files(py_run, tmp_path):
    """A cancel request pending on the calling thread's context: every writer raises
    AGRO_ECANCELED, the old files stay byte for byte and no temporary file is left."""
    sc, res = py_run
    paths = [tmp_path / "r.h5", tmp_path / "s.csv", tmp_path / "d.csv"]
    for p in paths:
        p.write_bytes(b"old\n")
    ctx = agrosim.context()
    ctx.cancel()
    try:
        for write, p in zip((res.write_hdf5, res.write_csv, res.write_daily_csv), paths):
            with pytest.raises(agrosim.AgrosimError) as e:
                write(p)
            assert e.value.name == "AGRO_ECANCELED", e.value
    finally:
        ctx.cancel_reset()
    assert [p.read_bytes() for p in paths] == [b"old\n"] * 3
    assert sorted(os.listdir(tmp_path)) == ["d.csv", "r.h5", "s.csv"]


def test_closing_a_thread_context_from_another_thread_waits_for_its_call(tmp_path):
    """A thread's context handed to another thread (for cancel(), as docs/python.md shows) and
    closed there waits for the call in flight on it, as close() does for the other objects:
    it freed the agro_ctx under the call, which then wrote its message into freed memory and
    raised 'error context already closed' instead of its own failure. The worker's call is held
    inside C by a FIFO it reads (main opens the writing end once the worker has opened it)."""
    import threading
    fifo = str(tmp_path / "w.csv")
    os.mkfifo(fifo)
    box, ready = {}, threading.Event()

    def work():
        box["ctx"] = agrosim.context()
        ready.set()
        try:
            agrosim.Weather.load(fifo)
        except agrosim.AgrosimError as e:
            box["error"] = e

    t = threading.Thread(target=work, daemon=True)
    t.start()
    assert ready.wait(60)
    with open(fifo, "w") as f:  # returns once the worker's C call has the FIFO open
        closer = threading.Thread(target=box["ctx"].close, daemon=True)
        closer.start()
        # time for a close() that does not wait to free the context (no assertion on it)
        closer.join(2)
        f.write("not a weather file\n")
    t.join(300)
    closer.join(300)
    assert not t.is_alive() and not closer.is_alive()
    e = box["error"]
    assert e.name == "AGRO_EKEY" and fifo + ":1:" in e.message, e
    # the worker thread's next call would get a new context: this thread's own still works
    assert not agrosim.context().cancelled
