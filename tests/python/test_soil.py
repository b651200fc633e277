"""Soil profiles through the binding: same layers as the CLI, errors with the library message."""
import json
import math
import os

import pytest

import agrosim
from agrosim import testing

SOIL_DIR = os.path.join(testing.validation_dir(), "dssat", "Soil")
GOROKA_SOIL = os.path.join(testing.source_dir(), "models", "soils", "goroka_clay_loam.json")
GOROKA_SITE = os.path.join(testing.source_dir(), "models", "sites", "goroka.json")
CLI_LAYER_KEYS = {"depth_cm": "depth_cm", "ll": "ll", "dul": "dul", "sat": "sat",
                  "bulk_density": "bulk_density_g_cm3",
                  "organic_carbon_pct": "organic_carbon_pct", "clay_pct": "clay_pct",
                  "silt_pct": "silt_pct", "ksat_cm_h": "ksat_cm_h",
                  "root_growth_factor": "root_growth_factor"}


def _same(a, b):
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    return b is not None and math.isclose(a, b, rel_tol=1e-8, abs_tol=1e-10)


def _cli_soil(*args):
    return json.loads(testing.run_cli("soil", *args, "--json").stdout)


def test_dssat_profile_matches_the_cli_layer_by_layer():
    path = os.path.join(SOIL_DIR, "SOIL.SOL")
    p = agrosim.SoilProfile.load_dssat(path, "IBMZ910014")
    assert p.n_layers > 3
    assert list(p.depth_cm) == sorted(p.depth_cm)
    cli = _cli_soil(path, "IBMZ910014")
    assert cli["id"] == "IBMZ910014"
    assert _same(p.albedo, cli["albedo"])
    assert _same(p.runoff_curve_number, cli["runoff_curve_number"])
    assert len(cli["layers"]) == p.n_layers
    for i, layer in enumerate(cli["layers"]):
        for ck, pk in CLI_LAYER_KEYS.items():
            assert _same(p.layer(pk, numpy=False)[i], layer[ck]), (i, ck)


def test_json_profile_loads_and_validates():
    path = os.path.join(testing.source_dir(), "models", "soils",
                        "morogoro_sandy_clay_loam.json")
    p = agrosim.SoilProfile.load_json(path)
    assert p.name == "MOROGORO_SCL"
    p.validate()
    q = agrosim.SoilProfile.load(path)
    assert bytes(q.struct) == bytes(p.struct)
    n = p.n_layers
    p.subdivide(5.0)
    assert p.n_layers >= n
    assert all(p.thickness_cm(i) <= 5.0 + 1e-9 for i in range(p.n_layers))


def test_dssat_layering_follows_lyrset2():
    p = agrosim.SoilProfile.load_dssat(os.path.join(SOIL_DIR, "SOIL.SOL"), "IBMZ910014")
    p.relayer_dssat()
    assert [p.struct.depth_cm[i] for i in range(p.n_layers)] == [5, 15, 30, 45, 60, 90, 120,
                                                                  150, 180]
    with pytest.raises(agrosim.AgrosimError) as ei:
        p.relayer_dssat(4)
    assert ei.value.name == "AGRO_ERANGE" and "MESOL" in ei.value.message


def test_unknown_profile_id_names_the_file_and_the_id():
    path = os.path.join(SOIL_DIR, "SOIL.SOL")
    with pytest.raises(agrosim.AgrosimError) as ei:
        agrosim.SoilProfile.load_dssat(path, "XXNOTHERE1")
    assert ei.value.name == "AGRO_ENOTFOUND"
    assert path in ei.value.message and "XXNOTHERE1" in ei.value.message


def test_an_unknown_json_key_is_rejected_naming_key_and_line(tmp_path):
    src = os.path.join(testing.source_dir(), "models", "soils", "morogoro_sandy_clay_loam.json")
    doc = json.load(open(src))
    doc["surface"]["albedoo"] = 0.1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, indent=2))
    line = next(i + 1 for i, l in enumerate(bad.read_text().splitlines()) if "albedoo" in l)
    with pytest.raises(agrosim.AgrosimError) as ei:
        agrosim.SoilProfile.load_json(bad)
    e = ei.value
    assert e.name == "AGRO_EKEY"
    assert e.message.startswith("%s:%d:" % (bad, line)), e.message
    assert "albedoo" in e.message


@pytest.mark.parametrize("cover,method", [("bare", "numerical"), ("film-clear", "numerical"),
                                          ("residue", "epic")])
def test_soil_temperature_reproduces_the_cli(cover, method):
    """One spin-up year then one reported year of generated Goroka weather, as the
    `agrosim soil-temperature` command does it (cli/cmd_soil_temperature.c); with EPIC the
    residue (the command's default 3 t/ha) is its mulch and the rain its wet days."""
    site, soil_path = GOROKA_SITE, GOROKA_SOIL
    cli = _cli_soil_temperature(site, soil_path, cover, method)
    w = agrosim.Weather.generate(site, years=2, seed=1, first_year=2001)
    info = w.info
    soil = agrosim.SoilProfile.load(soil_path)
    residue = 3.0 if cover == "residue" else 0.0
    codes = {"numerical": agrosim.soil_temp.METHOD_NUMERICAL,
             "epic": agrosim.soil_temp.METHOD_EPIC}
    st = agrosim.SoilTemperature(soil, agrosim.soil_temp.options(
        cover=cover, tav_C=info.tav_C, amp_C=info.amp_C, residue_t_ha=residue,
        method=codes[method]), latitude_deg=info.latitude_deg)
    depths = [5.0, 50.0, 150.0]
    means = {z: [] for z in depths}
    for i, day in enumerate(w):
        st.step(day, mulch_t_ha=residue)
        if i >= 365:
            for z in depths:
                means[z].append(st.at(z)[0])
    assert [d["depth_cm"] for d in cli["depths"]] == depths
    for d in cli["depths"]:
        m = means[d["depth_cm"]]
        assert math.isclose(sum(m) / len(m), d["mean_C"], rel_tol=1e-9), d
        assert math.isclose(min(m), d["min_C"], rel_tol=1e-9), d
        assert math.isclose(max(m), d["max_C"], rel_tol=1e-9), d
    # deeper soil swings less than the surface layer
    spread = {z: max(v) - min(v) for z, v in means.items()}
    assert spread[150.0] < spread[5.0]


def _cli_soil_temperature(site, soil_path, cover, method="numerical"):
    r = testing.run_cli("soil-temperature", "--weather", site, "--soil", soil_path, "--cover",
                        cover, "--years", "1", "--depths-cm", "5,50,150", "--json",
                        "--method", method)
    return json.loads(r.stdout)


def test_texture_classes_of_the_wa_profile():
    """DSSAT's TEXTURECLASS through the binding: GHWA040001 (Wa, Ghana) from a loamy sand on top
    to a clay at 90 cm, by its SLCL and SLSI."""
    p = agrosim.SoilProfile.load_dssat(os.path.join(SOIL_DIR, "GH.SOL"), "GHWA040001")
    s = agrosim.soil
    assert p.texture_classes() == [s.TEXTURE_LOAMY_SAND, s.TEXTURE_LOAMY_SAND,
                                   s.TEXTURE_SANDY_LOAM, s.TEXTURE_SANDY_CLAY, s.TEXTURE_CLAY]
    assert s.texture_class(30, 30) == s.TEXTURE_CLAY_LOAM
    assert s.texture_class(float("nan"), 10) == s.TEXTURE_UNKNOWN


def test_a_new_bulk_density_acts_as_a_profile_loaded_with_it():
    """SoilTemperature.set_bulk_density: STEMP with new densities gives the temperatures of a
    profile made with them; a bad density is an error naming the element."""
    soil_path, site = GOROKA_SOIL, GOROKA_SITE
    w = list(agrosim.Weather.generate(site, years=1, seed=3, first_year=2001))[:40]
    soil = agrosim.SoilProfile.load(soil_path)
    n = soil.n_layers
    bd = [0.8 * soil.bulk_density_g_cm3[i] for i in range(n)]
    loose = agrosim.SoilProfile.load(soil_path)
    for i in range(n):
        loose.struct.bulk_density_g_cm3[i] = bd[i]
    opts = agrosim.soil_temp.options(method=agrosim.soil_temp.METHOD_STEMP)
    a = agrosim.SoilTemperature(soil, opts)
    b = agrosim.SoilTemperature(loose, opts)
    c = agrosim.SoilTemperature(soil, opts)
    a.set_bulk_density(bd)
    for day in w:
        a.step(day)
        b.step(day)
        c.step(day)
    assert a.at(30.0) == b.at(30.0)
    assert a.at(30.0) != c.at(30.0)
    bad = list(bd)
    bad[1] = 3.5
    with pytest.raises(agrosim.AgrosimError, match=r"bd_g_cm3\[1\]"):
        a.set_bulk_density(bad)
    with pytest.raises(agrosim.AgrosimError, match="layers given"):
        a.set_bulk_density(bd[:-1])
    with pytest.raises(ValueError, match="thickness_cm"):
        a.set_bulk_density(bd, thickness_cm=[10.0])
    with pytest.raises(TypeError, match=r"bd_g_cm3\[0\]"):
        a.set_bulk_density(["x"] + bd[1:])


def test_a_film_laid_between_days_warms_the_topsoil_as_one_laid_from_the_start():
    """SoilTemperature.set_cover: film laid after 20 bare days warms the topsoil, and the
    difference to a model with film from the start fades (to under 1 % of its size after the
    first week); unknown covers and bad amounts are errors naming them."""
    soil_path, site = GOROKA_SOIL, GOROKA_SITE
    w = list(agrosim.Weather.generate(site, years=1, seed=5, first_year=2001))
    soil = agrosim.SoilProfile.load(soil_path)
    opts = agrosim.soil_temp.options(method=agrosim.soil_temp.METHOD_NUMERICAL)
    laid = agrosim.SoilTemperature(soil, opts)
    bare = agrosim.SoilTemperature(soil, opts)
    film = agrosim.SoilTemperature(soil, agrosim.soil_temp.options(
        method=agrosim.soil_temp.METHOD_NUMERICAL, cover="film-clear"))
    early = None
    for i, day in enumerate(w[:220]):
        if i == 20:
            laid.set_cover("film-clear")
        for st in (laid, bare, film):
            st.step(day)
        if i == 27:
            early = abs(laid.at(30.0)[0] - film.at(30.0)[0])
    late = abs(laid.at(30.0)[0] - film.at(30.0)[0])
    assert early > 0.0 and late < 0.01 * early, (early, late)
    assert laid.at(5.0)[0] > bare.at(5.0)[0] + 0.5
    with pytest.raises(agrosim.AgrosimError, match="cover"):
        laid.set_cover("film-red")
    with pytest.raises(agrosim.AgrosimError, match="residue_t_ha"):
        laid.set_cover("residue", residue_t_ha=80.0)


def test_layer_means_and_surface_read_the_last_day():
    """SoilTemperature.layer_means and surface: one value per layer, STEMP's layer mean equal to
    its value at the layer's mid-depth; the surface is the profile read at 0 cm in every method,
    with a daily range in the numerical one."""
    soil = agrosim.SoilProfile.load(GOROKA_SOIL)
    days = list(agrosim.Weather.generate(GOROKA_SITE, years=1, seed=2, first_year=2001))[:30]
    st_ = agrosim.soil_temp
    for method in (st_.METHOD_STEMP, st_.METHOD_EPIC, st_.METHOD_NUMERICAL):
        st = agrosim.SoilTemperature(soil, st_.options(method=method))
        for day in days:
            st.step(day)
        assert st.surface() == st.at(0.0), method
        if method == st_.METHOD_NUMERICAL:
            mean, lo, hi = st.surface()
            assert lo < mean < hi
        if method == st_.METHOD_STEMP:
            means = list(st.layer_means(numpy=False))
            assert len(means) == soil.n_layers
            top = 0.0
            for i, m in enumerate(means):
                bottom = soil.struct.depth_cm[i]
                assert math.isclose(m, st.at(0.5 * (top + bottom))[0], abs_tol=1e-9), i
                top = bottom
