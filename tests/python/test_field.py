"""A field stepped day by day from Python equals the library's season runner."""
import ctypes
import math
import os

import pytest

import agrosim
from agrosim import testing

GENOTYPE = os.path.join(testing.validation_dir(), "dssat", "Genotype")
SOIL = os.path.join(testing.source_dir(), "models", "soils", "morogoro_sandy_clay_loam.json")
SITE = os.path.join(testing.source_dir(), "models", "sites", "morogoro.json")


@pytest.fixture(scope="module")
def inputs():
    cul = agrosim.MaizeCultivar.load_dssat(os.path.join(GENOTYPE, "MZCER048.CUL"),
                                           os.path.join(GENOTYPE, "MZCER048.ECO"), "IB0059")
    soil = agrosim.SoilProfile.load_json(SOIL)
    weather = agrosim.Weather.generate(SITE, years=2, seed=7, first_year=2001)
    return cul, soil, weather


def _bytes(s):
    return ctypes.string_at(ctypes.addressof(s), ctypes.sizeof(s))


def _diff(a, b):
    """Fields that differ (NaN equals NaN), for a readable failure."""
    out = []
    for k, va in a.to_dict().items():
        vb = getattr(b, k)
        vb = list(vb) if isinstance(vb, ctypes.Array) else vb
        same = (va == vb) or (isinstance(va, float) and math.isnan(va) and math.isnan(vb))
        if not same:
            out.append((k, va, vb))
    return out


def _season(inputs, **kw):
    cul, soil, weather = inputs
    opts = agrosim.field_options(latitude_deg=weather.info.latitude_deg,
                                 **kw.pop("options", {}))
    events = [agrosim.residue(2001, 62, kg_ha=1500, n_pct=0.8, depth_cm=10),
              agrosim.sow(2001, 67, density_pl_m2=5.3, row_spacing_cm=75, depth_cm=5),
              agrosim.weeds_emerge(2001, 75, density_pl_m2=40),
              agrosim.fertilise(2001, 95, kg_n_ha=40, depth_cm=5, nh4_fraction=0.5),
              agrosim.weed(2001, 100, fraction_removed=0.9)] + kw.pop("extra", [])
    return agrosim.Season(soil, cul, start=(2001, 60), events=events, options=opts, **kw)


def _window_season(inputs, **window):
    """Sowing in a window from day 67 to 120 with a wet-seedbed test (80-100 % of the
    available water in the top 30 cm) on a dry start; weeds, fertiliser and weeding after
    sowing."""
    cul, soil, weather = inputs
    sp = soil.struct
    opts = agrosim.field_options(
        latitude_deg=weather.info.latitude_deg,
        sw=[sp.ll[i] + 0.3 * (sp.dul[i] - sp.ll[i]) for i in range(sp.n_layers)])
    events = [agrosim.sow(2001, 67, density_pl_m2=5.3, row_spacing_cm=75, depth_cm=5),
              agrosim.after_sowing(agrosim.weeds_emerge(0, 0, density_pl_m2=40), 8),
              agrosim.after_sowing(agrosim.fertilise(0, 0, kg_n_ha=40), 0),
              agrosim.after_sowing(agrosim.weed(0, 0, fraction_removed=0.9), 33)]
    win = dict(last=(2001, 120), sw_min_pct=80.0)
    win.update(window)
    return agrosim.Season(soil, cul, start=(2001, 60), events=events, options=opts,
                          days_after_maturity=2, sowing_window=win)


@pytest.mark.parametrize("variant", ["maturity", "harvest", "end_date", "window", "unsown"])
def test_stepping_day_by_day_equals_the_season_runner(inputs, variant):
    if variant in ("window", "unsown"):
        season = _window_season(inputs, **({"tsoil_min_C": 45.0, "tsoil_max_C": 50.0}
                                           if variant == "unsown" else {}))
    else:
        kw = {"maturity": {"days_after_maturity": 3},
              "harvest": {"extra": [agrosim.harvest(2001, 200)]},
              "end_date": {"end": (2001, 150)}}[variant]
        season = _season(inputs, **kw)
    summary, daily = season.run(inputs[2], numpy=False)
    assert len(daily) == summary.n_days > 60
    stepped = []
    f = None
    for f in season.steps(inputs[2]):
        stepped.append(f.daily)
    assert len(stepped) == len(daily)
    for k, (a, b) in enumerate(zip(stepped, daily)):
        assert _bytes(a) == _bytes(b), (k, _diff(a, b)[:5])
    if variant == "unsown":
        # the field never saw a crop; the runner's summary says why
        assert _diff(f.summary, summary) == [("crop_failed", 0, agrosim.field.CROP_NOT_SOWN)]
        assert summary.crop_failed == agrosim.field.CROP_NOT_SOWN
        assert (daily[-1].year, daily[-1].doy) == (2001, 120)
        assert summary.hwam_kg_ha == 0 and summary.nicm_kg_ha == 0
        return
    assert _bytes(f.summary) == _bytes(summary), _diff(f.summary, summary)[:5]
    if variant == "window":
        # sown after the window opened, on the first morning the seedbed passed the tests
        assert summary.sowing_year == 2001 and 67 < summary.sowing_doy <= 120
        assert summary.nicm_kg_ha == 40 and summary.weeds_biomass_removed_kg_ha > 0
        return
    # the season is a real one: the crop grew
    assert max(d.lai_crop for d in daily) > 0.5
    assert summary.sowing_year == 2001 and summary.sowing_doy == 67
    if variant == "maturity":
        assert summary.maturity_dap > summary.anthesis_dap > 0
        assert summary.hwam_kg_ha > 0
    if variant == "harvest":
        assert (daily[-1].year, daily[-1].doy) == (2001, 200)
    if variant == "end_date":
        assert (daily[-1].year, daily[-1].doy) == (2001, 150)


def test_numpy_daily_equals_the_struct_list(inputs):
    np = pytest.importorskip("numpy")
    season = _season(inputs, days_after_maturity=0)
    s1, lst = season.run(inputs[2], numpy=False)
    s2, arr = season.run(inputs[2], numpy=True)
    assert _bytes(s1) == _bytes(s2)
    assert arr.dtype.names[:3] == ("year", "doy", "das")
    assert np.array_equal(arr["lai_crop"], [d.lai_crop for d in lst])
    assert np.array_equal(arr["sw"][10], list(lst[10].sw))


def test_the_n_stress_option_reaches_the_crop_from_stage_3_on(inputs):
    """FieldOptions.crop_n_stress_method sits where field.h has it: DSSAT-CSM 4.8's N factor
    changes the season from tassel initiation (stage 3) on, not before; a bad value is named."""
    base = _season(inputs, days_after_maturity=0).run(inputs[2], numpy=False)
    d48 = _season(inputs, days_after_maturity=0, options={
        "crop_n_stress_method": agrosim.field.CROP_N_STRESS_DSSAT48}).run(inputs[2], numpy=False)
    first3 = next(k for k, d in enumerate(base[1]) if d.stage == 3)
    assert all(_bytes(a) == _bytes(b) for a, b in zip(base[1][:first3], d48[1][:first3]))
    assert d48[0].hwam_kg_ha != base[0].hwam_kg_ha
    with pytest.raises(agrosim.AgrosimError, match="crop_n_stress_method"):
        _season(inputs, options={"crop_n_stress_method": 2}).run(inputs[2])


def test_bad_weather_day_is_refused_with_the_field_named(inputs):
    cul, soil, weather = inputs
    f = agrosim.Field(soil, agrosim.field_options())
    day = weather[0]
    day.tmin_C, day.tmax_C = 30.0, 20.0
    with pytest.raises(agrosim.AgrosimError) as ei:
        f.step(day)
    assert ei.value.status < 0
    assert "tmin" in ei.value.message.lower() or "tmax" in ei.value.message.lower()


def test_sowing_twice_is_a_state_error(inputs):
    cul, soil, weather = inputs
    f = agrosim.Field(soil)
    f.sow_maize(cul, agrosim.sow(2001, 1, 5.3, 75, 5))
    f.step(weather[0])
    with pytest.raises(agrosim.AgrosimError) as ei:
        f.sow_maize(cul, agrosim.sow(2001, 2, 5.3, 75, 5))
    assert ei.value.name == "AGRO_ESTATE"


def test_an_event_before_the_start_is_refused(inputs):
    cul, soil, weather = inputs
    season = agrosim.Season(soil, cul, start=(2001, 60),
                            events=[agrosim.sow(2001, 50, 5.3, 75, 5)])
    with pytest.raises(agrosim.AgrosimError) as ei:
        season.run(weather)
    assert ei.value.name == "AGRO_EORDER" and "before the start" in ei.value.message


def test_root_residue_event_reaches_the_soil_and_the_n_balance_closes(inputs):
    e = agrosim.root_residue(2001, 60, kg_ha=2000, n_pct=4.0)
    assert (e.type, e.year, e.doy, e.amount, e.n_pct) == (8, 2001, 60, 2000.0, 4.0)
    assert agrosim.field.EVENT_NAMES[agrosim.field.EVENT_ROOT_RESIDUE] == "root_residue"
    _, base_daily = _season(inputs, end=(2001, 75)).run(inputs[2], numpy=False)
    roots, daily = _season(inputs, end=(2001, 75), extra=[e]).run(inputs[2], numpy=False)
    assert roots.n_balance_error_kg_ha < 1e-6
    # 80 kg N at C:N 10 decomposing in the warm wet season: more mineral N by sowing
    day = 67 - 60
    assert (daily[day].no3_kg_ha + daily[day].nh4_kg_ha
            > base_daily[day].no3_kg_ha + base_daily[day].nh4_kg_ha + 1.0)
    cul, soil, weather = inputs
    f = agrosim.Field(soil)
    with pytest.raises(agrosim.AgrosimError) as ei:
        f.apply(agrosim.root_residue(2001, 60, kg_ha=100, n_pct=12))
    assert ei.value.name == "AGRO_ERANGE" and "RCN" in ei.value.message


def test_urea_fertiliser_goes_to_the_urea_pool_and_the_n_balance_closes(inputs):
    e = agrosim.fertilise(2001, 95, kg_n_ha=40, depth_cm=5, nh4_fraction=0.0, urea_fraction=1.0)
    assert (e.nh4_fraction, e.urea_fraction) == (0.0, 1.0)
    assert agrosim.fertilise(2001, 95, kg_n_ha=40).urea_fraction == 0.0
    summary, daily = _season(inputs, extra=[e], end=(2001, 140)).run(inputs[2], numpy=False)
    assert summary.n_balance_error_kg_ha < 1e-6
    day = 95 - 60  # the step of the fertiliser day
    assert (daily[day].year, daily[day].doy) == (2001, 95)
    assert daily[day - 1].urea_kg_ha == 0.0 and 0.0 < daily[day].urea_kg_ha < 40.0
    assert all(d.urea_kg_ha == 0.0 for d in daily[day + 21:])
    assert summary.ndnc_kg_ha == daily[-1].n_denitrified_kg_ha >= 0.0
    cul, soil, weather = inputs
    f = agrosim.Field(soil)
    with pytest.raises(agrosim.AgrosimError) as ei:
        f.apply(agrosim.fertilise(2001, 60, 40, nh4_fraction=0.7, urea_fraction=0.5))
    assert ei.value.name == "AGRO_ERANGE" and "urea_fraction" in ei.value.message


def test_surface_urea_volatilises_and_incorporated_urea_does_not(inputs):
    kw = dict(kg_n_ha=60, depth_cm=0, nh4_fraction=0.0, urea_fraction=1.0)
    sfc = agrosim.fertilise(2001, 95, material="FE005", **kw)
    inc = agrosim.fertilise(2001, 95, material=5, incorporated=True, **kw)
    assert (sfc.incorporated, sfc.fert_material) == (0, 5)
    assert (inc.incorporated, inc.fert_material) == (1, 5)
    assert agrosim.fertilise(2001, 95, kg_n_ha=40).incorporated == 0
    s1, _ = _season(inputs, extra=[sfc], end=(2001, 140)).run(inputs[2], numpy=False)
    s2, _ = _season(inputs, extra=[inc], end=(2001, 140)).run(inputs[2], numpy=False)
    assert s1.amlc_kg_ha > 1.0 and s2.amlc_kg_ha == 0.0
    assert s1.n_balance_error_kg_ha < 1e-6 and s2.n_balance_error_kg_ha < 1e-6
    with pytest.raises(ValueError):
        agrosim.fertilise(2001, 95, 40, material="urea")
    with pytest.raises(ValueError):
        agrosim.fertilise(2001, 95, 40, material="fe005")  # codes are upper case, as in JSON
    with pytest.raises(ValueError):
        agrosim.fertilise(2001, 95, 40, material=999)  # not in FERCH048


def test_fertiliser_material_gives_the_default_shares_as_the_scenario_key():
    urea = agrosim.fertilise(2001, 95, 46, material="FE005")  # urea: all its N as urea
    assert (urea.urea_fraction, urea.nh4_fraction, urea.fert_material) == (1.0, 0.0, 5)
    an = agrosim.fertilise(2001, 95, 34, material="FE001")  # ammonium nitrate: half NH4
    assert (an.urea_fraction, an.nh4_fraction) == (0.0, 0.5)
    given = agrosim.fertilise(2001, 95, 46, material="FE005", urea_fraction=0.5, nh4_fraction=0.2)
    assert (given.urea_fraction, given.nh4_fraction) == (0.5, 0.2)
    plain = agrosim.fertilise(2001, 95, 40, urea_fraction=0.6)
    assert (plain.urea_fraction, plain.nh4_fraction) == (0.6, 0.2)
    assert agrosim.fertilise(2001, 95, 40).nh4_fraction == 0.5


def test_unknown_field_option_is_a_python_error():
    with pytest.raises(AttributeError):
        agrosim.field_options(no_such_option=1)


def test_cultivar_files_load_and_the_h6_json_matches_dssat_ib0059():
    import glob
    folder = os.path.join(testing.source_dir(), "models", "cultivars")
    files = sorted(glob.glob(os.path.join(folder, "*.json")))
    assert len(files) >= 2, "no cultivar files in %s" % folder
    for p in files:
        c = agrosim.MaizeCultivar.load_json(p)
        c.validate()
        assert c.name
    a = agrosim.MaizeCultivar.load_json(os.path.join(folder, "maize_h6_hybrid.json"))
    b = agrosim.MaizeCultivar.load_dssat(os.path.join(GENOTYPE, "MZCER048.CUL"),
                                         os.path.join(GENOTYPE, "MZCER048.ECO"), "IB0059")
    for k in ("p1_Cd", "p2_d_per_h", "p5_Cd", "g2_kernels", "g3_mg_d", "phint_Cd"):
        assert getattr(a, k) == getattr(b, k), k


def test_cultivar_range_error_names_the_coefficient():
    b = agrosim.MaizeCultivar.load_dssat(os.path.join(GENOTYPE, "MZCER048.CUL"),
                                         os.path.join(GENOTYPE, "MZCER048.ECO"), "IB0059")
    b.g3_mg_d = 99.0
    with pytest.raises(agrosim.AgrosimError) as ei:
        b.validate()
    assert ei.value.name == "AGRO_ERANGE" and "g3" in ei.value.message.lower()
    with pytest.raises(AttributeError):
        b.no_such_coefficient = 1.0


def test_daylength_change_reaches_the_library_and_bad_values_are_refused(inputs):
    cul, soil, weather = inputs
    f = agrosim.Field(soil)
    f.set_daylength_change(16.0, 0.0)      # a 16 h growth chamber (DSSAT EDAY R 16)
    f.set_daylength_change()               # back to the astronomical day length
    with pytest.raises(agrosim.AgrosimError) as ei:
        f.set_daylength_change(0.0, -1.0)
    assert ei.value.name == "AGRO_ERANGE" and "multiplier" in ei.value.message


def test_seedbed_reports_the_automatic_sowing_tests(inputs):
    cul, soil, weather = inputs
    sp = soil.struct
    f = agrosim.Field(soil, agrosim.field_options(
        sw=[sp.ll[i] + 0.5 * (sp.dul[i] - sp.ll[i]) for i in range(sp.n_layers)]))
    aw, ts = f.seedbed(30)
    assert aw == pytest.approx(50.0) and ts == pytest.approx(25.0)
    with pytest.raises(agrosim.AgrosimError):
        f.seedbed(0)
    e = agrosim.after_sowing(agrosim.fertilise(2001, 70, kg_n_ha=20), 12)
    assert (e.timing, e.days_after_sowing, e.amount) == (agrosim.field.TIMING_AFTER_SOWING, 12, 20)


def _hail_field(inputs, damage_dap, **damage):
    """Katumani-class field sown 2001-067, stepped to maturity + 2 d; ``damage`` given before
    the step of ``damage_dap`` days after sowing (none when empty)."""
    cul, soil, weather = inputs
    f = agrosim.Field(soil, agrosim.field_options(latitude_deg=weather.info.latitude_deg))
    first = [i for i in range(len(weather)) if (weather[i].year, weather[i].doy) == (2001, 60)][0]
    after = -1
    for i in range(first, first + 250):
        day = weather[i]
        if (day.year, day.doy) == (2001, 67):
            f.sow_maize(cul, agrosim.sow(2001, 67, density_pl_m2=5.3, row_spacing_cm=75))
        if damage and (day.year, day.doy) == (2001, 67 + damage_dap):
            f.set_damage(**damage)
        f.step(day)
        if after >= 0 or f.mature:
            after += 1
        if after >= 2:
            break
    return f.summary


def _co2_field(inputs, opts_co2, set_co2):
    """A field sown 2001-067 stepped 60 days with FieldOptions.co2_ppm ``opts_co2`` and, when
    ``set_co2`` is given, Field.set_co2(``set_co2``) before the first step; its daily record."""
    cul, soil, weather = inputs
    f = agrosim.Field(soil, agrosim.field_options(latitude_deg=weather.info.latitude_deg,
                                                  co2_ppm=opts_co2))
    if set_co2 is not None:
        f.set_co2(set_co2)
    first = weather.find(2001, 60)
    for i in range(first, first + 60):
        if (weather[i].year, weather[i].doy) == (2001, 67):
            f.sow_maize(cul, agrosim.sow(2001, 67, density_pl_m2=5.3, row_spacing_cm=75))
        f.step_series(weather, i)
    return f.daily


def test_set_co2_equals_the_option_and_changes_the_crop(inputs):
    """Field.set_co2 binds agro_field_set_co2: set before the first step it runs as the
    option does, bit for bit; another CO2 changes the crop; a CO2 outside 0..5000 is refused
    naming co2_ppm."""
    by_option = _co2_field(inputs, 700.0, None)
    by_call = _co2_field(inputs, 380.0, 700.0)
    at_380 = _co2_field(inputs, 380.0, None)
    assert _bytes(by_call) == _bytes(by_option), _diff(by_call, by_option)
    assert _bytes(at_380) != _bytes(by_option)
    f = agrosim.Field(inputs[1], agrosim.field_options())
    with pytest.raises(agrosim.AgrosimError) as e:
        f.set_co2(6000.0)
    assert e.value.name == "AGRO_ERANGE" and "co2_ppm" in e.value.message


def test_hail_at_silking_costs_more_than_at_the_seedling_stage_and_keeps_the_balance(inputs):
    base = _hail_field(inputs, 0)
    silking = base.anthesis_dap
    early = _hail_field(inputs, 20, leaf_pct=50)
    at_silking = _hail_field(inputs, silking, leaf_pct=50)
    assert base.damage_dm_kg_ha == 0.0
    assert at_silking.damage_dm_kg_ha > early.damage_dm_kg_ha > 0.0
    assert at_silking.hwam_kg_ha < early.hwam_kg_ha <= base.hwam_kg_ha
    assert at_silking.n_balance_error_kg_ha < 1e-6
    with pytest.raises(agrosim.AgrosimError) as ei:
        _hail_field(inputs, 20, leaf_pct=120)
    assert ei.value.name == "AGRO_ERANGE" and "leaf_pct" in ei.value.message
    with pytest.raises(TypeError):
        _hail_field(inputs, 20, leaves_pct=10)


def test_a_damage_event_in_a_season_equals_set_damage_on_that_day(inputs):
    base, _ = _season(inputs).run(inputs[2], numpy=False)
    e = agrosim.damage(2001, 67 + 45, leaf_pct=50, plants_m2=1.0)
    assert e.type == agrosim.field.EVENT_DAMAGE and e.damage.leaf_pct == 50.0
    assert agrosim.field.EVENT_NAMES[e.type] == "damage"
    hit, _ = _season(inputs, extra=[e]).run(inputs[2], numpy=False)
    assert hit.hwam_kg_ha < base.hwam_kg_ha
    assert abs(hit.population_pl_m2 - (base.population_pl_m2 - 1.0)) < 1e-9
    assert hit.damage_dm_kg_ha > 0.0 and hit.n_balance_error_kg_ha < 1e-6
    with pytest.raises(TypeError):
        agrosim.damage(2001, 100, leaf=50)


def test_phosphorus_from_python_fertiliser_p_lifts_a_p_stressed_crop():
    """FieldOptions.phosphorus_limited on a soil with a soil-test P (GH.SOL GHWA020001,
    Bray No. 1), with and without banded fertiliser P: the P goes in, the stress eases, the
    yield rises, and the P balance closes."""
    dssat = os.path.join(testing.validation_dir(), "dssat")
    soil = agrosim.SoilProfile.load_dssat(os.path.join(dssat, "Soil", "GH.SOL"), "GHWA020001")
    assert soil.struct.p_method == 2
    cul = agrosim.MaizeCultivar.load_dssat(os.path.join(GENOTYPE, "MZCER048.CUL"),
                                           os.path.join(GENOTYPE, "MZCER048.ECO"), "GH0010")
    weather = agrosim.Weather.load(os.path.join(dssat, "Weather", "GHWA0401.WTH"))
    opts = agrosim.field_options(latitude_deg=10.0, phosphorus_limited=1,
                                 no3_ppm=[5] * soil.struct.n_layers)

    def run(kg_p):
        events = [agrosim.sow(2004, 172, density_pl_m2=5.3, row_spacing_cm=75, depth_cm=4),
                  agrosim.fertilise(2004, 170, kg_n_ha=0, depth_cm=10, kg_p_ha=kg_p,
                                    p_band_fraction=0.05 / 0.75),
                  agrosim.fertilise(2004, 192, kg_n_ha=90)]
        season = agrosim.Season(soil, cul, start=(2004, 153), events=events, options=opts)
        return season.run(weather, numpy=False)

    s0, d0 = run(0.0)
    s1, d1 = run(26.0)
    assert s1.picm_kg_ha == pytest.approx(26.0) and s0.picm_kg_ha == 0.0
    assert s1.hwam_kg_ha > 1.2 * s0.hwam_kg_ha, (s0.hwam_kg_ha, s1.hwam_kg_ha)
    assert s1.pstress_mean > s0.pstress_mean
    assert max(d.crop_p_kg_ha for d in d1) > max(d.crop_p_kg_ha for d in d0)
    assert s0.p_balance_error_kg_ha < 1e-6 and s1.p_balance_error_kg_ha < 1e-6


def test_residue_type_reaches_the_event_and_bad_codes_are_refused(inputs):
    """residue(residue_type=...) takes "RE203" or 203; the field then gives the CERES organic
    matter the type's PRLIG (RE001: 0.15, against the 0.10 of no type), so the mineral N after an
    incorporation differs; an unknown number is refused naming residue_type."""
    cul, soil, weather = inputs
    assert agrosim.residue(2001, 1, 1000, 1.0, residue_type="RE203").residue_type == 203
    assert agrosim.residue(2001, 1, 1000, 1.0, residue_type=1).residue_type == 1
    with pytest.raises(ValueError):
        agrosim.residue(2001, 1, 1000, 1.0, residue_type="maize")
    n = []
    for rt in (0, 1):
        f = agrosim.Field(soil, agrosim.field_options(latitude_deg=weather.info.latitude_deg))
        f.apply(agrosim.residue(2001, 1, kg_ha=3000, n_pct=0.8, depth_cm=15, residue_type=rt))
        for i in range(30):
            f.step(weather[i])
        n.append(f.daily.no3_kg_ha + f.daily.nh4_kg_ha)
    assert abs(n[1] - n[0]) > 0.01, n
    with pytest.raises(ValueError, match="residue_type"):  # refused when the event is made
        agrosim.residue(2001, 1, kg_ha=3000, n_pct=0.8, residue_type=7)
    f = agrosim.Field(soil, agrosim.field_options(latitude_deg=weather.info.latitude_deg))
    e = agrosim.residue(2001, 1, kg_ha=3000, n_pct=0.8)
    e.residue_type = 7  # and by the field, for an event made by hand
    with pytest.raises(agrosim.AgrosimError, match="residue_type"):
        f.apply(e)


def test_surface_residue_is_a_mulch_with_its_types_properties(inputs):
    """residue(..., depth_cm=0) with maize residue's RESCH048 properties (RE203) acts as DSSAT's
    mulch from the next day: its cover 1 - exp(-30e-5 * 3000) shows in the daily record, the
    mulch holds water after rain and evaporates; field_options(mulch_effects=0) keeps the mass
    but no mulch."""
    cul, soil, weather = inputs
    for effects in (1, 0):
        f = agrosim.Field(soil, agrosim.field_options(latitude_deg=weather.info.latitude_deg,
                                                      mulch_effects=effects))
        f.apply(agrosim.residue(2001, 1, kg_ha=3000, n_pct=1.1, mulch_area_cm2_g=30,
                                mulch_extinction=0.86, mulch_water_kg_kg=3.5))
        em = 0.0
        for i in range(60):
            f.step(weather[i])
            em += f.daily.mulch_evap_mm
        d = f.daily
        assert d.mulch_kg_ha == 3000.0
        if effects:
            assert abs(d.mulch_cover - (1.0 - math.exp(-30e-5 * 3000))) < 1e-12
            assert em > 0.5 and 0.0 <= d.mulch_water_mm <= 3.5e-4 * 3000 * 1.5
        else:
            assert d.mulch_cover == 0.0 and em == 0.0 and d.mulch_water_mm == 0.0
        assert abs(f.summary.water_balance_error_mm) < 1e-9


def test_weeded_weeds_stay_on_the_field_unless_carried_off(inputs):
    """weed(...) leaves the weeded plants on the field: their tops are mulch from the next day;
    weed(..., carried_off=True) takes the tops away (docs/model.md §7). Both close the N
    balance; carried_off takes a yes/no only."""
    mulch = {}
    for off in (False, True):
        season = _season(inputs, days_after_maturity=0,
                         extra=[agrosim.weed(2001, 120, fraction_removed=1.0, carried_off=off)])
        summary, daily = season.run(inputs[2], numpy=False)
        assert summary.n_balance_error_kg_ha < 1e-6
        day = [d for d in daily if d.doy == 121][0]
        mulch[off] = day.mulch_kg_ha
    assert mulch[False] > mulch[True] + 1.0, mulch
    assert agrosim.weed(2001, 100, 0.9, carried_off=True).carried_off == 1
    assert agrosim.weed(2001, 100, 0.9).carried_off == 0
    with pytest.raises(TypeError):
        agrosim.weed(2001, 100, 0.9, carried_off="yes")


def test_till_event_is_checked_at_creation_and_mixes_the_mulch_in(inputs):
    """till("TI003", 20) is checked where it is made; on a field it buries 95 % of the surface
    mulch (TI003's RINP) the next step, as DSSAT's SoilOrg does; an implement TILOP048.SDA lacks
    (TI021) does nothing and is counted."""
    cul, soil, weather = inputs
    e = agrosim.till(2001, 1, "TI003", 20)
    assert (e.type, e.implement, e.depth_cm) == (agrosim.field.EVENT_TILL, 3, 20.0)
    assert agrosim.field.EVENT_NAMES[agrosim.field.EVENT_TILL] == "till"
    assert agrosim.till(2001, 1, 41, 25).implement == 41
    with pytest.raises(ValueError):
        agrosim.till(2001, 1, "plough", 20)
    with pytest.raises(agrosim.AgrosimError) as ei:
        agrosim.till(2001, 1, "TI003", -1)
    assert ei.value.name == "AGRO_ERANGE" and "depth_cm" in ei.value.message
    with pytest.raises(agrosim.AgrosimError) as ei:
        agrosim.till(2001, 1, 999, 20)
    assert "implement" in ei.value.message
    f = agrosim.Field(soil, agrosim.field_options(latitude_deg=weather.info.latitude_deg))
    f.apply(agrosim.residue(2001, 1, kg_ha=2000, n_pct=0.8, initial=True))
    f.step(weather[0])
    f.apply(agrosim.till(2001, 2, "TI021", 20))
    f.apply(agrosim.till(2001, 2, "TI003", 20))
    f.step(weather[1])
    assert f.daily.mulch_kg_ha == pytest.approx(100.0, abs=1e-9)
    assert f.tillage_counts == (1, 1, 21)
    assert f.summary.n_balance_error_kg_ha < 1e-6


def test_steps_refuse_what_run_refuses(inputs):
    """Season.steps checks the season as Season.run does (agro_season_spec_check): an event on
    a day the calendar lacks used to be skipped silently by steps, and an event timed before
    sowing stuck in its queue and held back every later event."""
    cul, soil, weather = inputs
    bad = _season(inputs, extra=[agrosim.irrigate(2001, 400, mm=10)])
    with pytest.raises(agrosim.AgrosimError) as ran:
        bad.run(weather)
    with pytest.raises(agrosim.AgrosimError) as stepped:
        next(bad.steps(weather))
    assert stepped.value.status == ran.value.status and stepped.value.name == "AGRO_ERANGE"
    assert stepped.value.message == ran.value.message, (stepped.value.message, ran.value.message)
    with pytest.raises(ValueError, match="days"):
        agrosim.after_sowing(agrosim.irrigate(0, 0, mm=10), -3)


def test_assimilate_lost_on_the_first_day_of_grain_fill_does_not_raise_the_yield():
    """MZ_GROSUB caps the kernels per plant by N stress and the mobile N on the first day of
    grain fill only when the grain grows that day: a day's assimilate lost to damage on that day
    left them uncapped, and the yield rose by a fifth (608 -> 1155 kernels/m2). agrosim caps
    whatever the sink (docs/model.md section 9.1)."""
    src = testing.source_dir()
    cul = agrosim.MaizeCultivar.load_json(os.path.join(src, "models", "cultivars",
                                                       "maize_h6_hybrid.json"))
    soil = agrosim.SoilProfile.load_json(os.path.join(src, "models", "soils",
                                                      "morogoro_sandy_clay_loam.json"))
    weather = agrosim.Weather.generate(os.path.join(src, "models", "sites", "morogoro.json"),
                                       years=1, seed=7, first_year=2001)

    def run(events):
        o = agrosim.field_options(latitude_deg=weather.info.latitude_deg)
        sow = agrosim.sow(2001, 74, density_pl_m2=5.3, row_spacing_cm=75, depth_cm=5)
        return agrosim.Season(soil, cul, start=(2001, 60), options=o, days_after_maturity=0,
                              events=[sow] + list(events)).run(weather, numpy=False)

    base, days = run([])
    fill = next(d.doy for d in days if d.stage == 5)
    for doy in (fill - 1, fill):
        hit, _ = run([agrosim.damage(2001, doy, assimilate_pct=100)])
        assert hit.hnam_m2 <= base.hnam_m2 * 1.01, (doy, hit.hnam_m2, base.hnam_m2)
        assert hit.hwam_kg_ha <= base.hwam_kg_ha * 1.01, (doy, hit.hwam_kg_ha, base.hwam_kg_ha)


def test_a_season_day_the_field_refuses_names_its_weather_file_and_line(inputs, tmp_path):
    """SRAD 60 MJ/m2/d loads (DSSAT's limit is 100) but the field refuses it (above 50): the
    season runner's error names the weather file and the line of that day."""
    weather = inputs[2]
    p = tmp_path / "bright.csv"
    weather.write_csv(p)
    lines = p.read_text().splitlines()
    n = next(i for i, l in enumerate(lines) if l.startswith("2001-04-10,"))
    cells = lines[n].split(",")
    cells[1] = "60"
    lines[n] = ",".join(cells)
    p.write_text("\n".join(lines) + "\n")
    with pytest.raises(agrosim.AgrosimError) as ei:
        _season(inputs).run(agrosim.Weather.load(p))
    assert ei.value.name == "AGRO_ERANGE"
    assert ei.value.message == "%s:%d: SRAD: 2001-100: 60 outside [0, 50]" % (p, n + 1), \
        ei.value.message


def _wth_with_day(weather, path, when, values):
    """Write ``weather`` to ``path`` as a .WTH, day i on line 5 + i, with the SRAD, TMAX, TMIN
    and RAIN of day ``when`` (year, doy) replaced by ``values``."""
    rows = ["*WEATHER : test", "@ INSI      LAT     LONG  ELEV   TAV   AMP REFHT WNDHT",
            "  MORO   -6.820   37.670   500  25.0   5.0   2.0   2.0", "@DATE  SRAD  TMAX  TMIN  RAIN"]
    for d in weather:
        v = values if (d.year, d.doy) == when else (d.srad_MJ_m2_d, d.tmax_C, d.tmin_C, d.rain_mm)
        rows.append("%02d%03d%6.1f%6.1f%6.1f%6.1f" % ((d.year % 100, d.doy) + tuple(v)))
    path.write_text("\n".join(rows) + "\n")


@pytest.mark.parametrize("values, want", [
    ((20, 20, 25, 0), "TMIN: above TMAX (25 > 20 C) on 2001-04-10"),
    ((20, 0, 0, 0), "TMAX, TMIN: both 0.00 C on 2001-04-10"),
    ((60, 30, 20, 0), "SRAD: 2001-100: 60 outside [0, 50]")])
def test_season_steps_refuse_a_day_as_run_does_naming_the_file_and_line(inputs, tmp_path,
                                                                        values, want):
    """Season.steps stepped each day with Field.step, which neither checked a day the .WTH
    reader loads and a run refuses (TMIN above TMAX: the field's message, naming no file; TMAX
    and TMIN both 0.00 C: run as a day at 0 C) nor named the file of a value the field refuses
    (SRAD 60): it now steps with Field.step_series and raises what Season.run raises, naming
    the weather file and the line of the day."""
    season = _season(inputs)
    p = tmp_path / "BADD0101.WTH"
    _wth_with_day(inputs[2], p, (2001, 100), values)
    with agrosim.Weather.load(p) as w:
        where = "%s:%d: " % (p, 5 + w.find(2001, 100))
        with pytest.raises(agrosim.AgrosimError) as ran:
            season.run(w)
        with pytest.raises(agrosim.AgrosimError) as stepped:
            for f in season.steps(w):
                pass
    assert stepped.value.name == ran.value.name == "AGRO_ERANGE"
    assert stepped.value.message == ran.value.message, (stepped.value.message,
                                                        ran.value.message)
    assert stepped.value.message.startswith(where + want), stepped.value.message
    assert (f.daily.year, f.daily.doy) == (2001, 99)  # the refused day left the field


@pytest.mark.parametrize("case, want", [
    ("start", ("AGRO_ENOTFOUND", "weather: no weather for the start day 2000-300")),
    ("end", ("AGRO_ENOTFOUND", "weather: no weather for 2003-001 (needed by the season)")),
    ("event", ("AGRO_ESTATE", "events[5] on 2001-080: SOW: a crop is already in the field"))])
def test_season_steps_refuse_a_season_day_with_the_message_of_run(inputs, case, want):
    """Season.steps gave its own message where Season.run stops on a day: a start day missing
    from the weather was the lookup's "agro_weather_find: identifier not found: year 2000, day
    300 is not in the series (...)", a later day missing lacked run's "weather: " and an event
    the field refuses (a second SOW) lacked run's "events[5] on 2001-080: "; both now raise
    run's status and message."""
    cul, soil, weather = inputs
    if case == "event":
        season = _season(inputs, extra=[agrosim.sow(2001, 80, 5.3, 75, 5)])
    else:
        y = 2000 if case == "start" else 2002
        season = agrosim.Season(soil, cul, start=(y, 300), events=[agrosim.sow(y, 310, 5.3, 75)],
                                options=agrosim.field_options(
                                    latitude_deg=weather.info.latitude_deg))
    with pytest.raises(agrosim.AgrosimError) as ran:
        season.run(weather)
    with pytest.raises(agrosim.AgrosimError) as stepped:
        for f in season.steps(weather):
            pass
    assert (ran.value.name, ran.value.message) == want
    assert (stepped.value.name, stepped.value.message) == want


def test_field_step_series_steps_as_step_does_and_names_a_bad_index(inputs):
    """Field.step_series(weather, i) on a day that runs is Field.step(weather[i]), bit for bit;
    an index outside the series is AGRO_ERANGE naming it, a day instead of a Weather a
    TypeError."""
    cul, soil, weather = inputs
    opts = agrosim.field_options(latitude_deg=weather.info.latitude_deg)
    by_day, by_series = agrosim.Field(soil, opts), agrosim.Field(soil, opts)
    for i in range(59, 90):
        if i == 66:
            for f in (by_day, by_series):
                f.sow_maize(cul, agrosim.sow(2001, 67, 5.3, 75, 5))
        by_day.step(weather[i])
        by_series.step_series(weather, i)
        assert _bytes(by_day.daily) == _bytes(by_series.daily), (i, _diff(by_day.daily,
                                                                          by_series.daily))
    n = len(weather)
    for i in (-1, n):
        with pytest.raises(agrosim.AgrosimError) as ei:
            by_series.step_series(weather, i)
        assert ei.value.name == "AGRO_ERANGE"
        assert ei.value.message == "index: day %d outside the series (%d days: 0 to %d)" % (
            i, n, n - 1)
    with pytest.raises(TypeError, match="weather: expected agrosim.Weather"):
        by_series.step_series(weather[90], 90)
    with pytest.raises(ValueError, match="index"):
        by_series.step_series(weather, 2**40)
    by_series.step_series(weather, 90)
    assert by_series.daily.doy == weather[90].doy
