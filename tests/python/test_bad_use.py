"""Bad use of the binding: wrong arguments and wrong object life-cycles get a Python exception
that names the argument (and the file), never a crash, a silently different result or a file
written somewhere else (docs/python.md, "Errors")."""
import os
import shutil

import pytest

import agrosim
from agrosim import testing

DATA = os.path.join(testing.validation_dir(), "dssat")
WTH = os.path.join(DATA, "Weather", "UFGA8201.WTH")
SOL = os.path.join(DATA, "Soil", "SOIL.SOL")
SITE = os.path.join(testing.source_dir(), "models", "sites", "morogoro.json")


@pytest.fixture(scope="module")
def weather():
    return agrosim.Weather.generate(SITE, years=1, seed=3)


def test_a_nul_byte_in_a_path_is_refused_instead_of_cutting_the_name(tmp_path, weather):
    """C strings end at NUL: "w.csv\\0.bak" used to write (and replace) w.csv, and a reader
    silently read the file named by the part before the NUL."""
    target = tmp_path / "w.csv"
    with pytest.raises(ValueError, match="path: embedded NUL"):
        weather.write_csv(str(target) + "\0.bak")
    assert not target.exists() and os.listdir(tmp_path) == []
    wth = tmp_path / "UFGA8201.WTH"
    shutil.copy(WTH, wth)
    with pytest.raises(ValueError, match="NUL"):
        agrosim.Weather.load(str(wth) + "\0.junk")
    with pytest.raises(ValueError, match="empty path"):
        agrosim.Weather.load("")
    with pytest.raises(TypeError, match="path: expected a path"):
        agrosim.Weather.load(None)


def test_a_nul_byte_in_an_id_or_a_text_is_refused():
    with pytest.raises(ValueError, match="profile_id: embedded NUL"):
        agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014\0xx")
    with pytest.raises(ValueError, match="cover: embedded NUL"):
        agrosim.soil_temp.options(cover="bare\0junk")
    with pytest.raises(ValueError, match="station: embedded NUL"):
        agrosim.Weather.generate(SITE, years=1, seed=3, station="A\0B")
    with pytest.raises(ValueError, match="text: embedded NUL"):
        agrosim.Scenario.from_text('{"schema_version": 1}\0 trailing')
    with pytest.raises(TypeError, match="profile_id: expected str"):
        agrosim.SoilProfile.load_dssat(SOL, None)


def test_a_full_disk_is_reported_with_the_file_and_the_reason(weather):
    """/dev/full fails every write with ENOSPC: the weather CSV writer said only "write error"."""
    with pytest.raises(agrosim.AgrosimError) as ei:
        weather.write_csv("/dev/full")
    assert ei.value.name == "AGRO_EIO"
    assert "/dev/full" in ei.value.message and "No space left on device" in ei.value.message


def test_weather_closed_while_iterated_is_an_error_not_freed_memory(weather):
    """Iterating a Weather, or Season.steps, read the library's day array in place: closing the
    Weather meanwhile freed it, and the next days were read from freed memory."""
    w = agrosim.Weather.generate(SITE, years=1, seed=5)
    it = iter(w)
    next(it)
    w.close()
    with pytest.raises(agrosim.AgrosimError, match="weather series already closed"):
        next(it)
    w = agrosim.Weather.generate(SITE, years=1, seed=5)
    soil = agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014")
    cul = agrosim.MaizeCultivar.load_dssat(os.path.join(DATA, "Genotype", "MZCER048.CUL"),
                                           os.path.join(DATA, "Genotype", "MZCER048.ECO"),
                                           "IB0059")
    season = agrosim.Season(soil, cul, start=(2001, 50), events=[agrosim.sow(2001, 57, 5, 75)])
    steps = season.steps(w)
    next(steps)
    w.close()
    with pytest.raises(agrosim.AgrosimError, match="weather series already closed"):
        next(steps)
    with pytest.raises(agrosim.AgrosimError, match="weather series already closed"):
        season.run(w)
    with pytest.raises(TypeError, match="weather: expected agrosim.Weather"):
        season.run("UFGA8201.WTH")


def test_an_object_is_true_open_or_closed_as_a_file_is():
    """bool() of a closed Weather raised "weather series already closed": without a __bool__,
    Python's truth falls back on __len__, which reads the series, so ``if w:`` raised where a
    closed file and the binding's other closed objects are true. Every owner of a C object is
    now true, open or closed; a use of it, len() of a closed Weather included, still raises."""
    soil = agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014")
    sc = agrosim.Scenario.load(os.path.join(testing.source_dir(), "examples", "morogoro",
                                            "morogoro.json"))
    w = agrosim.Weather.generate(SITE, years=1, seed=5)
    objects = [w, agrosim.Field(soil), agrosim.SoilTemperature(soil, latitude_deg=-6.8),
               sc.results(), sc, agrosim.DssatExperiment(os.path.join(DATA, "Maize",
                                                                      "UFGA8201.MZX")),
               agrosim.Context()]
    for o in objects:
        assert bool(o) is True, o
        o.close()
        assert bool(o) is True, type(o).__name__
        assert (o if o else None) is o
    with pytest.raises(agrosim.AgrosimError, match="weather series already closed"):
        len(w)
    f = open(WTH)
    f.close()
    assert bool(f) is True  # the convention followed


def test_a_closed_soil_temperature_model_says_so(weather):
    st = agrosim.SoilTemperature(agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014"),
                                 latitude_deg=-6.8)
    st.close()
    with pytest.raises(agrosim.AgrosimError, match="soil temperature model already closed"):
        st.step(weather[0])
    with pytest.raises(agrosim.AgrosimError, match="soil temperature model already closed"):
        st.at(5.0)


def test_results_refuse_to_read_a_closed_scenario():
    """The C results read their scenario (agro_results_yield_stats): after Scenario.close(),
    Results.yield_stats read freed memory and returned numbers."""
    import json
    doc = json.load(open(os.path.join(testing.source_dir(), "examples", "morogoro",
                                      "morogoro.json")))
    doc["seasons"]["count"] = 1
    doc["weather"]["generate"]["years"] = 1
    sc = agrosim.Scenario.from_text(json.dumps(doc), name="small", base_dir=os.path.join(
        testing.source_dir(), "examples", "morogoro"))
    res = sc.run()
    assert res.yield_stats(0, 0).n == 1
    with pytest.raises(KeyError, match="None"):  # numpy's d[None] gave a (1, n) array
        res.daily_series(0, None)
    sc.close()
    for read in (lambda: res.yield_stats(0, 0), lambda: res.summary(0),
                 lambda: res.write_csv("never.csv")):
        with pytest.raises(agrosim.AgrosimError, match="scenario (was|already) closed"):
            read()
    res.close()


def test_an_integer_outside_int32_is_refused_not_wrapped(weather):
    """ctypes passes an int that does not fit an int32_t wrapped: find(2001, 2**32 + 60)
    found day 60, date_to_doy(2**32 + 2001, ...) answered for 2001, a negative seed became
    2**64 - 1. Now a ValueError names the argument."""
    with pytest.raises(ValueError, match="doy: 4294967356 outside"):
        weather.find(2001, 2**32 + 60)
    with pytest.raises(ValueError, match="year"):
        agrosim.date_to_doy(2**32 + 2001, 3, 1)
    with pytest.raises(ValueError, match="seed: -1 outside"):
        agrosim.Weather.generate(SITE, years=1, seed=-1)
    with pytest.raises(ValueError, match="doy"):
        agrosim.sow(2001, 2**32 + 60, 5.0, 75.0)
    with pytest.raises(ValueError, match="field_history_years"):
        agrosim.field_options(field_history_years=2**32)
    with pytest.raises(ValueError, match="doy: 0 outside 1..366"):
        agrosim.daylength_h(-6.8, 0)
    with pytest.raises(ValueError, match="latitude_deg"):
        agrosim.photoperiod_h(float("nan"), 100)
    with pytest.raises(ValueError, match="doy: 1.5 is not an integer"):
        agrosim.irrigate(2001, 1.5, 10)


def test_a_wrong_type_for_a_number_names_the_argument():
    """float("abc") / int(None) said only "could not convert string to float" or
    "int() argument must be ...", and float("5") was silently accepted."""
    with pytest.raises(TypeError, match="density_pl_m2: expected a number, not str"):
        agrosim.sow(2001, 60, "5", 75)
    with pytest.raises(TypeError, match="kg_n_ha: expected a number, not NoneType"):
        agrosim.fertilise(2001, 60, None)
    with pytest.raises(TypeError, match="latitude_deg: expected a number"):
        agrosim.field_options(latitude_deg="north")
    with pytest.raises(TypeError, match=r"sw\[1\]: expected a number"):
        agrosim.field_options(sw=[0.2, None])
    with pytest.raises(TypeError, match="start: expected \\(year, doy\\)"):
        agrosim.Season(agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014"), agrosim.MaizeCultivar(),
                       start=2001)
    with pytest.raises(TypeError, match="g2_kernels: expected a number"):
        agrosim.MaizeCultivar().g2_kernels = "800"


def test_out_of_range_helpers_raise_instead_of_returning_nan():
    soil = agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014")
    with pytest.raises(IndexError, match="layer -1 outside the profile"):
        soil.thickness_cm(-1)
    with pytest.raises(ValueError, match="row_spacing_cm"):
        agrosim.maize_lifac(0, 5)
    assert agrosim.maize_lifac(75, 5) > 0


def test_the_field_refuses_nonsense_it_used_to_accept(weather):
    """Residue on the surface with a NaN or negative N % (unchecked unless incorporated), and a
    day with negative wind or 150 % relative humidity (optional values, unchecked when present),
    were accepted by agro_field_apply / agro_field_step."""
    soil = agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014")
    f = agrosim.Field(soil, agrosim.field_options(latitude_deg=-6.8))
    for n_pct in (float("nan"), -5.0, 50.0):
        with pytest.raises(agrosim.AgrosimError, match="n_pct") as ei:
            f.apply(agrosim.residue(2001, 1, 2000, n_pct))
        assert ei.value.name == "AGRO_ERANGE"
    for field, value, name in (("wind_km_d", -5.0, "WIND"), ("rhum_pct", 150.0, "RHUM"),
                               ("vprs_kPa", -1.0, "VPRS")):
        day = weather[0]
        setattr(day, field, value)
        with pytest.raises(agrosim.AgrosimError, match=name):
            f.step(day)
    f.step(weather[0])  # the same day with its own values is fine


def test_a_struct_of_the_wrong_kind_is_a_type_error_naming_the_argument(weather):
    """A FieldDaily given as the day raised ctypes.ArgumentError (not a TypeError), a dict as
    the options byref()'s TypeError that names no argument."""
    soil = agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014")
    f = agrosim.Field(soil)
    with pytest.raises(TypeError, match="day: expected agrosim.WeatherDay, not FieldDaily"):
        f.step(agrosim.FieldDaily())
    with pytest.raises(TypeError, match="options: expected agrosim.FieldOptions, not dict"):
        agrosim.Field(soil, {"latitude_deg": 10})
    with pytest.raises(TypeError, match="cultivar: expected agrosim.MaizeCultivar, not WeedParams"):
        f.sow_maize(agrosim.WeedParams.default(), agrosim.sow(2001, 60, 5, 75))
    with pytest.raises(TypeError, match="event: expected agrosim.Event, not str"):
        f.apply("irrigate")
    with pytest.raises(TypeError, match="day: expected agrosim.WeatherDay"):
        agrosim.SoilTemperature(soil).step({"year": 2001})
    with pytest.raises(TypeError, match=r"events\[1\]: expected agrosim.Event"):
        agrosim.Season(soil, agrosim.MaizeCultivar(), start=(2001, 50),
                       events=[agrosim.sow(2001, 60, 5, 75), None])


def test_field_steps_follow_the_calendar(weather):
    """Field.step took days repeated, out of order or after a gap: the field keeps the date of
    its last step and wants the day after it (the first step any date)."""
    soil = agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014")
    f = agrosim.Field(soil, agrosim.field_options(latitude_deg=-6.8))
    f.step(weather[10])
    d0 = weather[10]
    for day in (weather[10], weather[9], weather[12]):
        with pytest.raises(agrosim.AgrosimError, match="expected %d-%03d" % agrosim.date_add(
                d0.year, d0.doy, 1)) as ei:
            f.step(day)
        assert ei.value.name == "AGRO_ERANGE"
        assert "%d-%03d given" % (day.year, day.doy) in ei.value.message
    f.step(weather[11])
    assert f.daily.das == 2 and (f.daily.year, f.daily.doy) == (weather[11].year, weather[11].doy)


def test_daylength_multiplier_and_seedbed_depth_have_an_upper_bound():
    """set_daylength_change(multiplier=1e19) and seedbed(sw_depth_cm=1e19) were accepted."""
    soil = agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014")
    f = agrosim.Field(soil)
    with pytest.raises(agrosim.AgrosimError, match=r"multiplier.*outside \[0, 24\]") as ei:
        f.set_daylength_change(multiplier=1e19)
    assert ei.value.name == "AGRO_ERANGE"
    f.set_daylength_change(0.0, 24.0)
    with pytest.raises(agrosim.AgrosimError, match=r"sw_depth_cm: 1e\+19 cm outside \(0, 1000\]") as ei:
        f.seedbed(sw_depth_cm=1e19)
    assert ei.value.name == "AGRO_ERANGE"
    with pytest.raises(agrosim.AgrosimError, match="sw_depth_cm"):
        f.seedbed(sw_depth_cm=-1)
    aw, _ = f.seedbed(sw_depth_cm=1000)
    assert 0.0 < aw < 100.0  # the profile's water divided by 10 m, as DSSAT AUTPLT


def test_an_event_for_a_canopy_the_field_does_not_have_is_refused():
    """An irrigation with canopy 7 was accepted: agro_event.canopy is crop (0) or weeds (1)."""
    soil = agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014")
    f = agrosim.Field(soil)
    e = agrosim.irrigate(2001, 60, 20)
    e.canopy = 7
    with pytest.raises(agrosim.AgrosimError, match="canopy: value 7 is not a canopy") as ei:
        f.apply(e)
    assert ei.value.name == "AGRO_ERANGE"
    e.canopy = agrosim.field.CANOPY_CROP
    f.apply(e)


def test_a_long_station_name_is_kept_whole_or_refused(tmp_path):
    """Station names longer than 63 characters were cut without a word."""
    for n in (100, 300):
        p = tmp_path / "w.csv"
        p.write_text("# station=%s\ndate,srad_MJ_m2_d,tmax_C,tmin_C,rain_mm\n2001-01-01,20,30,20,0\n"
                     % ("S" * n))
        if n < 256:
            assert agrosim.Weather.load(str(p)).station == "S" * n
        else:
            with pytest.raises(agrosim.AgrosimError, match=r"w\.csv:1: station: station name of 300 "
                                                           r"characters: at most 255") as ei:
                agrosim.Weather.load(str(p))
            assert ei.value.name == "AGRO_ERANGE"
    with pytest.raises(agrosim.AgrosimError, match="station: station name of 256 characters"):
        agrosim.Weather.generate(SITE, years=1, seed=3, station="G" * 256)
    assert agrosim.Weather.generate(SITE, years=1, seed=3, station="G" * 255).station == "G" * 255


def test_a_yes_no_argument_takes_a_bool_or_0_1_only():
    """fertilise(incorporated="no") was true (a non-empty str), and so were "false", 2 and 0.5
    for every yes/no argument."""
    for bad in ("no", "false", 2, 0.5, -1, None, [0]):
        with pytest.raises(TypeError, match="incorporated: expected True/False"):
            agrosim.fertilise(2001, 60, 50, depth_cm=0, incorporated=bad)
        with pytest.raises(TypeError, match="initial: expected True/False"):
            agrosim.residue(2001, 60, 1000, 1.0, initial=bad)
        with pytest.raises(TypeError, match="initial: expected True/False"):
            agrosim.root_residue(2001, 60, 1000, 1.0, initial=bad)
        if bad is not None:
            with pytest.raises(TypeError, match="numpy: expected True/False"):
                agrosim.Weather.generate(SITE, years=1, seed=3).column("tmax_C", numpy=bad)
    soil = agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014")
    cul = agrosim.MaizeCultivar.load_json(os.path.join(testing.source_dir(), "models", "cultivars",
                                                       "maize_h613_hybrid.json"))
    with pytest.raises(TypeError, match="sowing_window.forced: expected True/False"):
        agrosim.Season(soil, cul, start=(2001, 1), events=[agrosim.sow(2001, 60, 5, 75)],
                       sowing_window=dict(last=(2001, 90), forced="no"))
    for good, want in ((True, 1), (False, 0), (1, 1), (0, 0)):
        assert agrosim.fertilise(2001, 60, 50, incorporated=good).incorporated == want
        assert agrosim.residue(2001, 60, 1000, 1.0, initial=good).initial == want
    assert agrosim.Weather.generate(SITE, years=1, seed=3).column("tmax_C", numpy=0).__class__ is list


def test_a_bool_where_a_number_is_expected_is_refused(weather):
    """operator.index(True) is 1 and float(True) 1.0, so sow(density_pl_m2=True),
    Weather.generate(years=True) or a struct field set to False went on silently as 1 or 0: a
    bool (numpy's too) where a number is expected is now a TypeError naming the argument, while
    the yes/no arguments and the yes/no struct fields still take True/False."""
    np = pytest.importorskip("numpy")
    soil = agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014")
    for yes in (True, False, np.True_, np.bool_(False)):
        cases = (
            (lambda: agrosim.sow(2001, 60, yes, 75), "density_pl_m2: expected a number, not bool"),
            (lambda: agrosim.irrigate(2001, 60, yes), "mm: expected a number, not bool"),
            (lambda: agrosim.sow(yes, 60, 5, 75), "year: expected an integer, not bool"),
            (lambda: agrosim.Weather.generate(SITE, years=yes, seed=3),
             "years: expected an integer, not bool"),
            (lambda: agrosim.Weather.generate(SITE, years=1, seed=yes),
             "seed: expected an integer"),
            (lambda: agrosim.date_to_doy(2001, yes, 1), "month: expected an integer, not bool"),
            (lambda: weather.find(2001, yes), "doy: expected an integer, not bool"),
            (lambda: weather[yes], "day index: expected an integer, not bool"),
            (lambda: agrosim.field_options(co2_ppm=yes), "co2_ppm: expected a number, not bool"),
            (lambda: agrosim.field_options(field_history_years=yes),
             "field_history_years: expected an integer, not bool"),
            (lambda: agrosim.field_options(sw=[0.2, yes]), r"sw\[1\]: expected a number, not bool"),
            (lambda: agrosim.soil_temp.options(n_nodes=yes), "n_nodes: expected an integer"),
            (lambda: agrosim.fit_stats([1.0, yes], [1.0, 2.0]),
             r"observed\[1\]: expected a number, not bool"),
            (lambda: agrosim.residue(2001, 60, 1000, 1.0, residue_type=yes),
             "residue_type: expected an integer, not bool"),
            (lambda: agrosim.after_sowing(agrosim.irrigate(2001, 60, 10), yes),
             "days: expected an integer, not bool"),
            (lambda: agrosim.maize_lifac(75, yes), "plants_m2: expected a number, not bool"),
            (lambda: soil.thickness_cm(yes), "i: expected an integer, not bool"),
        )
        for make, message in cases:
            with pytest.raises(TypeError, match=message):
                make()
        # struct fields, whole arrays and elements: a double or a count set to a bool
        day, cul = agrosim.WeatherDay(), agrosim.MaizeCultivar()
        n, p = agrosim._structs.SoilNParams(), agrosim._structs.SoilPParams()
        sets = ((day, "tmax_C", r"WeatherDay\.tmax_C: expected a number, not bool"),
                (day, "doy", r"WeatherDay\.doy: expected an integer \(int32_t\), not bool"),
                (cul, "g2_kernels", r"g2_kernels: expected a number, not bool"),
                (n, "ph", r"SoilNParams\.ph\[0\]: expected a number, not bool"),
                (p, "layer_type", r"SoilPParams\.layer_type\[0\]: expected an integer"))
        for obj, name, message in sets:
            with pytest.raises(TypeError, match=message):
                setattr(obj, name, [yes] if name in ("ph", "layer_type") else yes)
        with pytest.raises(TypeError, match=r"SoilNParams\.ph\[3\]: expected a number, not bool"):
            n.ph[3] = yes
        with pytest.raises(TypeError, match=r"SoilPParams\.layer_type\[3\]: expected an integer"):
            p.layer_type[3] = yes
        assert (day.doy, day.tmax_C, n.ph[3], p.layer_type[3]) == (0, 0.0, 0.0, 0)  # unchanged
    # yes/no values keep taking a bool: the arguments, the struct fields (array elements of
    # total_n_known too), and field_options' flags, which refuse other numbers
    assert agrosim.field_options(water_limited=False, mulch_effects=np.False_).water_limited == 0
    opts = agrosim.field_options(nitrogen_limited=0, phosphorus_limited=True)
    assert (opts.nitrogen_limited, opts.phosphorus_limited) == (0, 1)
    with pytest.raises(TypeError, match="water_limited: expected True/False"):
        agrosim.field_options(water_limited=2)
    opts, e = agrosim.field_options(), agrosim.irrigate(2001, 60, 10)
    opts.weeds_limited, opts.previous_crop_grass, e.incorporated = False, np.True_, True
    assert (opts.weeds_limited, opts.previous_crop_grass, e.incorporated) == (0, 1, 1)
    n = agrosim._structs.SoilNParams()
    n.total_n_known[2], n.total_n_known[3:5] = True, (np.True_, False)
    assert list(n.total_n_known[:5]) == [0, 0, 1, 1, 0]
    assert agrosim.fertilise(2001, 60, 50, incorporated=np.True_).incorporated == 1
    assert isinstance(weather.column("tmax_C", numpy=False), list)


def test_observations_of_another_experiment_are_refused():
    """Dssat.observed(<another experiment's A file>) returned its rows as this experiment's."""
    maize = os.path.join(DATA, "Maize")
    with agrosim.DssatExperiment(os.path.join(maize, "UFGA8201.MZX")) as x:
        with pytest.raises(agrosim.AgrosimError, match=r"FLSC8101\.MZA:1: EXP: observations of "
                                                       r"experiment FLSC8101 .*not of UFGA8201") as ei:
            x.observed(os.path.join(maize, "FLSC8101.MZA"))
        assert ei.value.name == "AGRO_EINVAL"
        with pytest.raises(agrosim.AgrosimError, match="not of UFGA8201"):
            x.timeseries(os.path.join(maize, "IBWA8301.MZT"))
        assert len(x.observed(os.path.join(maize, "UFGA8201.MZA"))) == 6


def test_a_residue_type_is_checked_against_resch048_when_the_event_is_made(weather):
    """RE999 is RESCH048.SDA's "Decomposed crop residue" and is accepted; an unknown type was
    taken by residue() and refused only if the event was ever applied (never after a season's
    end), and "RE²03" raised int()'s ValueError naming nothing."""
    e = agrosim.residue(2001, 60, 1000, 1.0, residue_type="RE999")
    assert e.residue_type == 999
    soil = agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014")
    agrosim.Field(soil).apply(e)
    for bad in ("RE998", 998, 1000, -1, "RE000x"):
        with pytest.raises(ValueError, match="residue_type"):
            agrosim.residue(2001, 60, 1000, 1.0, residue_type=bad)
    with pytest.raises(ValueError, match=r"residue_type: 998 \(RE998\) is not a residue type of "
                                         r"DSSAT's RESCH048\.SDA"):
        agrosim.residue(2001, 60, 1000, 1.0, residue_type="re998")
    with pytest.raises(ValueError, match="residue_type 'RE²03'"):
        agrosim.residue(2001, 60, 1000, 1.0, residue_type="RE²03")
    assert agrosim.residue(2001, 60, 1000, 1.0, residue_type="re203").residue_type == 203
    # the C check stays for structs made by hand
    e.residue_type = 998
    with pytest.raises(agrosim.AgrosimError, match="residue_type"):
        agrosim.Field(soil).apply(e)


def test_struct_fields_set_from_python_are_checked_not_wrapped():
    """ctypes wrapped an integer set into a struct field (day.doy = 2**32 + 1 stored 1,
    soil.struct.n_layers = 2**32 + 3 stored 3), and took any attribute name (a misspelt field
    set nothing the library reads)."""
    day = agrosim.WeatherDay()
    with pytest.raises(OverflowError, match=r"WeatherDay\.doy: 4294967297 outside the int32_t "
                                            r"range"):
        day.doy = 2**32 + 1
    with pytest.raises(TypeError, match=r"WeatherDay\.doy: expected an integer \(int32_t\), "
                                        r"not float"):
        day.doy = 60.5
    with pytest.raises(TypeError, match=r"WeatherDay\.tmax_C: expected a number, not str"):
        day.tmax_C = "31"
    with pytest.raises(AttributeError, match="WeatherDay .agro_weather_day. has no field 'tmaxC'"):
        day.tmaxC = 31.0
    day.doy, day.tmax_C = 60, 31  # in range: stored
    assert (day.doy, day.tmax_C) == (60, 31.0)
    soil = agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014")
    n = soil.struct.n_layers
    with pytest.raises(OverflowError, match=r"n_layers: 4294967299 outside"):
        soil.struct.n_layers = 2**32 + 3
    assert soil.struct.n_layers == n  # unchanged
    with pytest.raises(OverflowError, match=r"Event\.doy"):
        agrosim.Event(type=3, doy=-2**31 - 1)
    # elements of integer arrays too
    p = agrosim._structs.SoilPParams()
    with pytest.raises(OverflowError, match=r"SoilPParams\.layer_type\[3\]"):
        p.layer_type[3] = 2**32
    t = agrosim._structs.DssatTreatment()
    with pytest.raises(TypeError, match=r"DssatTreatment\.env_code\[row\]\[0\]"):
        t.env_code[1][0] = "M"
    # and of double arrays: ctypes' own TypeError ("must be real number, not str") named
    # neither the struct nor the field
    n = agrosim._structs.SoilNParams()
    with pytest.raises(TypeError, match=r"SoilNParams\.ph\[3\]: expected a number, not str"):
        n.ph[3] = "x"
    with pytest.raises(TypeError, match=r"SoilNParams\.ph\[1\]: expected a number, not NoneType"):
        n.ph[0:2] = (6.0, None)
    with pytest.raises(TypeError, match=r"DssatTreatment\.env_value\[row\]\[2\]"):
        t.env_value[0][2] = "1.5"
    n.ph[3], n.ph[4], n.ph[5:7] = 6.5, 7, (5, 5.5)  # numbers, ints among them, are stored
    assert list(n.ph[3:7]) == [6.5, 7.0, 5.0, 5.5] and n.ph[0] == 0.0


def test_an_event_with_a_bad_value_fails_where_it_is_made():
    """The event helpers ran no check: irrigate(..., -5) or damage(leaf_pct=120) made an event
    that failed only when a field applied it, or never, when a season ended first. They now
    run agro_event_check, the field's own checks, naming the member."""
    cases = ((lambda: agrosim.irrigate(2001, 100, -5.0), "amount"),
             (lambda: agrosim.weed(2001, 100, 1.5), "amount"),
             (lambda: agrosim.sow(2001, 100, 0.0, 75.0), "density_pl_m2"),
             (lambda: agrosim.fertilise(2001, 100, 50.0, nh4_fraction=0.8, urea_fraction=0.5),
              "urea_fraction"),
             (lambda: agrosim.root_residue(2001, 100, 1000.0, 1.0, p_pct=9.0), "p_pct"),
             (lambda: agrosim.damage(2001, 100, leaf_pct=120.0), "leaf_pct"))
    for make, member in cases:
        with pytest.raises(agrosim.AgrosimError, match=member) as ei:
            make()
        assert ei.value.name == "AGRO_ERANGE"
    e = agrosim.irrigate(2001, 100, 20.0)  # good values still make an event
    assert e.amount == 20.0


def test_struct_array_fields_take_what_ctypes_took_checked():
    """What ctypes took for an array field still works after the checks came in: a ctypes
    array of the element type (an integer array field has its own checked type, which ctypes
    would refuse as "incompatible types"), the same array of another field, and a tuple shorter
    than the field, which sets the first elements and zeroes the rest as ctypes does (per-layer
    arrays given for a soil of fewer layers). More values than elements, or a bad element, is an
    error naming the field and no element changes; a row of a two-dimensional integer array
    raises the element's OverflowError or TypeError naming the row, not ctypes'
    RuntimeError."""
    import ctypes
    S = agrosim._structs
    p = S.SoilNParams()
    p.total_n_known = (ctypes.c_int32 * S.SOIL_MAX_LAYERS)(*range(S.SOIL_MAX_LAYERS))
    assert list(p.total_n_known) == list(range(S.SOIL_MAX_LAYERS))
    p.total_n_known = (1, 0, 1)
    assert list(p.total_n_known) == [1, 0, 1] + [0] * (S.SOIL_MAX_LAYERS - 3)
    p.ph = (6.0, 6.5)
    assert list(p.ph[:3]) == [6.0, 6.5, 0.0]
    p.ph = [5.5] * S.SOIL_MAX_LAYERS
    with pytest.raises(ValueError, match=r"SoilNParams\.ph: 41 values for 40 elements"):
        p.ph = [7.0] * (S.SOIL_MAX_LAYERS + 1)
    with pytest.raises(TypeError, match=r"SoilNParams\.ph\[1\]: expected a number, not str"):
        p.ph = (7.0, "7")
    with pytest.raises(OverflowError, match=r"SoilNParams\.total_n_known\[2\]: 4294967296"):
        p.total_n_known = (1, 1, 2**32)
    assert list(p.ph) == [5.5] * S.SOIL_MAX_LAYERS  # unchanged by the refused ones
    assert list(p.total_n_known[:3]) == [1, 0, 1]
    t = S.DssatTreatment()
    t.irr_date[0] = 1982057
    t.irr_operation = t.irr_date
    assert t.irr_operation[0] == 1982057
    n = len(t.env_code[0])
    with pytest.raises(OverflowError, match=r"DssatTreatment\.env_code\[0\]\[0\]"):
        t.env_code[0] = (2**33,) * n
    with pytest.raises(OverflowError, match=r"DssatTreatment\.env_code\[1\]\[0\]"):
        t.env_code = ((1,) * n, (2**33,) * n)
    t.env_code = ((1,) * n, (2,) * n)
    assert (t.env_code[0][0], t.env_code[1][n - 1], t.env_code[2][0]) == (1, 2, 0)


def test_a_numpy_2_bool_is_a_yes_no_value():
    """NumPy 2 names its scalar bool type numpy.bool (numpy/numpy#25080; numpy.bool_ before),
    and its __index__ has been deprecated since NumPy 1.14 (numpy/numpy#9685): as_bool knew a
    numpy bool by the name "bool_" alone and sent NumPy 2's to operator.index, where it warns
    today and raises once the deprecation ends. Stand-in: NumPy 2's type with the deprecation
    ended."""
    from agrosim._core import as_bool

    def no_index(self):
        raise TypeError("'numpy.bool' object cannot be interpreted as an integer")

    np2_bool = type("bool", (), {"__module__": "numpy", "__index__": no_index,
                                 "__init__": lambda self, v: setattr(self, "v", v),
                                 "__bool__": lambda self: self.v})
    assert as_bool(np2_bool(True), "incorporated") is True
    assert as_bool(np2_bool(False), "incorporated") is False
    assert agrosim.fertilise(2001, 60, 50, incorporated=np2_bool(True)).incorporated == 1
    np = pytest.importorskip("numpy")
    assert as_bool(np.True_, "x") is True and as_bool(np.bool_(False), "x") is False
    with pytest.raises(TypeError, match="x: expected True/False"):
        as_bool(np.float64(1.0), "x")


def test_a_struct_subclass_keeps_its_own_attributes():
    """A name that is no field is a mistake (AttributeError) unless the class defines it: a
    subclass's property with a setter, or a class attribute it shadows, was refused as "no
    field" by the checked __setattr__ though Python and ctypes take them."""
    class Day(agrosim.WeatherDay):
        source = "generated"

        @property
        def tmean_C(self):
            return 0.5 * (self.tmax_C + self.tmin_C)

        @tmean_C.setter
        def tmean_C(self, v):
            half = 0.5 * (self.tmax_C - self.tmin_C)
            self.tmax_C, self.tmin_C = v + half, v - half

    d = Day(tmax_C=30.0, tmin_C=20.0)
    d.tmean_C = 26.0
    assert (d.tmax_C, d.tmin_C) == (31.0, 21.0)
    d.source = "station"
    assert d.source == "station" and Day.source == "generated"
    with pytest.raises(AttributeError, match="Day .agro_weather_day. has no field 'tmeanC'"):
        d.tmeanC = 26.0
    with pytest.raises(OverflowError, match=r"Day\.doy"):
        d.doy = 2**32


def test_an_object_that_owns_a_c_object_is_not_copied_or_pickled(weather):
    """A copy would share the C object and free it twice (a crash at exit); pickling cannot
    carry it."""
    import copy
    import pickle
    for f in (copy.copy, copy.deepcopy, pickle.dumps):
        with pytest.raises(TypeError, match="weather series cannot be"):
            f(weather)
    assert len(weather) == 365  # untouched


def test_an_agrosim_error_survives_pickling():
    """multiprocessing sends a worker's exception back pickled; it keeps its status, message
    and function (the default pickling called AgrosimError(message) and failed)."""
    import pickle
    e = agrosim.AgrosimError(-5, "s.json:3: seasons.count: outside [1, 1000]", "agro_scenario_load")
    back = pickle.loads(pickle.dumps(e))
    assert (back.status, back.name, back.message, back.function) == \
        (-5, "AGRO_ERANGE", e.message, "agro_scenario_load")


def test_a_path_given_to_a_handle_constructor_is_a_type_error():
    """Weather(path) and Scenario(path) used to take the path as a C handle (garbage read,
    or a crash); the error says which function loads the file."""
    with pytest.raises(TypeError, match=r"Weather\.load"):
        agrosim.Weather(WTH)
    with pytest.raises(TypeError, match=r"Scenario\.load"):
        agrosim.Scenario("morogoro.json")
    with pytest.raises(TypeError, match=r"Weather\.load"):
        agrosim.Weather(12345)


def test_soil_and_site_fields_set_from_python_reach_the_struct():
    """An assignment to a profile's or a site's field went to a Python attribute, the struct
    unchanged and the run the same; now it reaches the struct, through its checks."""
    soil = agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014")
    soil.albedo = 0.2
    assert soil.struct.albedo == 0.2 and soil.albedo == 0.2
    n = soil.n_layers
    soil.dul = [0.3] * n
    assert list(soil.struct.dul)[:n] == [0.3] * n
    with pytest.raises(AttributeError, match="no field 'albedoo'"):
        soil.albedoo = 0.2
    with pytest.raises(TypeError):
        soil.albedo = "high"
    site = agrosim.Site.load(SITE)
    site.tmax_C = [31.0] * 12
    assert list(site.struct.tmax_C) == [31.0] * 12
    with pytest.raises(AttributeError):
        site.tmaxx_C = 1.0


def test_a_call_without_a_context_says_which_argument_it_refused(weather):
    """Calls that take no agro_ctx return only a status; the error said "value out of range"
    without saying of what."""
    cases = [
        (lambda: agrosim.date_to_doy(2023, 2, 29), "year 2023, month 2, day 29 is not a calendar"),
        (lambda: agrosim.doy_to_date(2023, 366), "year 2023 has no day of year 366"),
        (lambda: agrosim.date_add(2023, 366, 1), "year 2023 has no day of year 366"),
        (lambda: agrosim._core.days_between((2023, 1), (2023, 366)),
         r"\(2023, 1\) to \(2023, 366\)"),
        (lambda: weather.find(1990, 1), "year 1990, day 1 is not in the series"),
    ]
    for fail, why in cases:
        with pytest.raises(agrosim.AgrosimError, match=why):
            fail()
    soil = agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014")
    st = agrosim.SoilTemperature(soil)
    with pytest.raises(agrosim.AgrosimError, match="depth_cm 301.0 outside 0 to .* 300 cm"):
        st.at(301.0)
    sc = agrosim.Scenario.load(os.path.join(testing.source_dir(), "examples", "morogoro",
                                            "morogoro.json"))
    res = sc.results()
    n = sc.info.n_runs
    for read in (sc.run_info, res.run_info, res.summary, res.daily):
        with pytest.raises(agrosim.AgrosimError, match="run %d outside the scenario's runs 0 to %d"
                           % (n, n - 1)):
            read(n)
    with pytest.raises(agrosim.AgrosimError, match="field 1, intervention 0: the scenario has "
                       "fields 0 to 0 and interventions 0 to 1"):
        res.yield_stats(1, 0)
    x = agrosim.DssatExperiment(os.path.join(DATA, "Maize", "UFGA8201.MZX"))
    with pytest.raises(agrosim.AgrosimError, match=r"treatment 99 is not in the experiment "
                       r"\(it has \[1, 2, 3, 4, 5, 6\]\)"):
        x.text(99)
    with pytest.raises(agrosim.AgrosimError, match="999 is not a text attribute"):
        x.text(1, 999)
    res.close()
    sc.close()


def test_cousens_yield_loss_carries_the_librarys_message_naming_the_argument():
    """agro_cousens_yield_loss takes an agro_ctx: the exception carries the library's message,
    which names the refused argument and its value."""
    assert agrosim.cousens_yield_loss(10.0, 50.0, 5.0) == pytest.approx(25.0)
    cases = [
        ((0.5, 150.0, 10.0), r"a_pct: must be in \(0, 100\] % \(150\)"),
        ((0.5, 50.0, -3.0), r"density_m2: must be finite and >= 0 \(-3\)"),
        ((float("nan"), 50.0, 1.0), r"i_pct_per_plant: must be finite and >= 0 \(nan\)"),
    ]
    for args, why in cases:
        with pytest.raises(agrosim.AgrosimError, match=why) as ei:
            agrosim.cousens_yield_loss(*args)
        assert ei.value.name == "AGRO_EINVAL"
        assert ei.value.function == "agro_cousens_yield_loss"


def _in_a_child(code):
    """Run ``code`` in a fresh interpreter (same environment): a double free aborts the process,
    which would take pytest with it."""
    import subprocess
    import sys
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300)


def test_an_error_context_is_not_copied_or_pickled():
    """agrosim.Context owns an agro_ctx: copy.copy shared it and both copies freed it when
    collected ("free(): double free detected", the interpreter aborted); pickling raised
    ctypes' ValueError. Now it refuses both as the other owners of a C object do."""
    r = _in_a_child("import copy, agrosim\n"
                    "c = agrosim.Context()\n"
                    "for f in (copy.copy, copy.deepcopy):\n"
                    "    try:\n"
                    "        f(c)\n"
                    "    except TypeError as e:\n"
                    "        print(e)\n"
                    "del c\n")
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("error context cannot be copied") == 2
    import pickle
    with agrosim.Context() as c:
        assert c.status() == 0 and c.message() == ""
        with pytest.raises(TypeError, match="error context cannot be pickled"):
            pickle.dumps(c)
    with pytest.raises(agrosim.AgrosimError, match="error context already closed"):
        c.message()


def test_two_threads_closing_one_object_free_it_once():
    """close() read the handle, freed it and then cleared it; ctypes runs the free without the
    GIL, so a second thread closing the same object meanwhile read the handle still set and
    freed it again (heap corruption, the interpreter aborted within a few hundred tries)."""
    r = _in_a_child("import threading, agrosim\n"
                    "for k in range(300):\n"
                    "    w = agrosim.Weather.load(%r)\n"
                    "    go = threading.Barrier(4)\n"
                    "    def close():\n"
                    "        go.wait()\n"
                    "        w.close()\n"
                    "    ts = [threading.Thread(target=close) for _ in range(4)]\n"
                    "    [t.start() for t in ts]\n"
                    "    [t.join() for t in ts]\n"
                    "    try:\n"
                    "        len(w)\n"
                    "    except agrosim.AgrosimError as e:\n"
                    "        assert 'weather series already closed' in e.message\n"
                    "print('closed')\n" % WTH)
    assert r.returncode == 0 and r.stdout == "closed\n", r.stderr[-2000:]


def test_a_soil_layer_count_outside_the_arrays_is_refused_by_the_readers():
    """SoilProfile trimmed its layer arrays to struct.n_layers as set: 41 or 100 gave all 40
    layers and -3 gave 37, without a word; layers(), texture_classes() and repr() raised an
    IndexError naming nothing, and thickness_cm(39) returned NaN."""
    soil = agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014")
    for n in (41, 100, -3):
        soil.struct.n_layers = n
        for read in (lambda: soil.dul, lambda: soil.layer("ll", numpy=False), soil.layers,
                     soil.texture_classes, lambda: soil.thickness_cm(39),
                     lambda: soil.n_layers):
            with pytest.raises(ValueError, match=r"n_layers: %d outside 0\.\.40" % n):
                read()
        assert "n_layers %d outside 0..40" % n in repr(soil)
    soil.struct.n_layers = 3
    assert len(soil.dul) == 3 and len(soil.layers()) == 3 and len(soil.texture_classes()) == 3
    assert "3 layers to 30 cm" in repr(soil)
    assert agrosim.SoilProfile().layers() == [] and agrosim.SoilProfile().n_layers == 0


def test_more_refusals_name_what_they_refused(weather):
    """Four refusals named nothing: an int too large for a double ("int too large to convert to
    float"), SoilTemperature.step(sw=5) ("object of type 'int' has no len()"),
    describe_ignored(-1) ("value out of range"; bit 13 is the first that is no IGNORED_* bit)
    and yield_stats of results not run yet ("operation not valid in the current state")."""
    with pytest.raises(OverflowError, match="density_pl_m2: int too large for a double"):
        agrosim.sow(2001, 60, 10**400, 75)
    day = agrosim.WeatherDay()
    with pytest.raises(OverflowError, match=r"WeatherDay\.tmax_C: int too large"):
        day.tmax_C = 10**400
    st = agrosim.SoilTemperature(agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014"))
    for sw in (5, (x for x in [0.2]), "0.2"):
        with pytest.raises(TypeError, match="sw: expected a sequence of numbers"):
            st.step(weather[0], sw=sw)
    st.step(weather[0], sw=[0.2] * 3)
    with pytest.raises(agrosim.AgrosimError, match=r"flags: bit 13 \(8192\) is no IGNORED_\* bit"):
        agrosim.dssat.describe_ignored(-1)
    assert len(agrosim.dssat.describe_ignored(agrosim.dssat.IGNORED_ALL)) == 13
    sc = agrosim.Scenario.load(os.path.join(testing.source_dir(), "examples", "morogoro",
                                            "morogoro.json"))
    with sc.results() as res:
        with pytest.raises(agrosim.AgrosimError, match="no run of field 0, intervention 1 has "
                                                       "been simulated") as ei:
            res.yield_stats(0, 1)
        assert ei.value.name == "AGRO_ESTATE"
    sc.close()
