"""ctypes mirrors of the public C structs, field for field, in declaration order.

Each class names its C struct in ``_cname_``; :data:`STRUCTS` maps the name used by the
library's ``agro_sizeof_<name>()`` to the class, so a layout change in a header is caught at
import instead of silently shifting fields.
"""
import ctypes

D = ctypes.c_double
I = ctypes.c_int32

#: AGRO_SOIL_MAX_LAYERS in soil.h
SOIL_MAX_LAYERS = 40


class _Struct(ctypes.Structure):
    """Base: dict conversion and a readable repr."""

    def to_dict(self):
        out = {}
        for name, typ in self._fields_:
            v = getattr(self, name)
            if isinstance(v, ctypes.Array):
                v = list(v)
            elif isinstance(v, ctypes.Structure):
                v = v.to_dict()
            out[name] = v
        return out

    def __repr__(self):
        items = []
        for name, _ in self._fields_:
            v = getattr(self, name)
            if isinstance(v, ctypes.Array):
                v = "[%d values]" % len(v)
            items.append("%s=%r" % (name, v))
        return "%s(%s)" % (type(self).__name__, ", ".join(items))


class WeatherDay(_Struct):
    """agro_weather_day (weather.h): one day of weather; optional fields NaN when absent."""
    _cname_ = "weather_day"
    _fields_ = [
        ("year", I), ("doy", I),
        ("srad_MJ_m2_d", D), ("tmax_C", D), ("tmin_C", D), ("rain_mm", D),
        ("tdew_C", D), ("wind_km_d", D), ("rhum_pct", D), ("par_mol_m2_d", D),
        ("vprs_kPa", D),
    ]


class WeatherInfo(_Struct):
    """agro_weather_info (weather.h): station metadata and series summary."""
    _cname_ = "weather_info"
    _fields_ = [
        ("latitude_deg", D), ("longitude_deg", D), ("elevation_m", D), ("tav_C", D),
        ("amp_C", D), ("refht_m", D), ("wndht_m", D),
        ("n_days", I), ("n_missing", I),
        ("first_year", I), ("first_doy", I), ("last_year", I), ("last_doy", I),
    ]


class Site(_Struct):
    """agro_site (weather.h): monthly climate normals, the weather generator's input."""
    _cname_ = "site"
    _fields_ = [
        ("latitude_deg", D), ("longitude_deg", D), ("elevation_m", D), ("krs", D),
        ("tmax_C", D * 12), ("tmin_C", D * 12), ("rain_mm", D * 12), ("rain_days", D * 12),
        ("srad_MJ_m2_d", D * 12),
    ]


_L = SOIL_MAX_LAYERS


class SoilProfileStruct(_Struct):
    """agro_soil_profile (soil.h): plain layered data, top layer first, n_layers used."""
    _cname_ = "soil_profile"
    _fields_ = [
        ("albedo", D), ("evap_limit_mm", D), ("drainage_rate_d", D),
        ("runoff_curve_number", D), ("mineralisation_factor", D), ("photosynthesis_factor", D),
        ("latitude_deg", D), ("longitude_deg", D),
        ("n_layers", I), ("reserved", I),
        ("depth_cm", D * _L), ("ll", D * _L), ("dul", D * _L), ("sat", D * _L),
        ("root_growth_factor", D * _L), ("ksat_cm_h", D * _L), ("bulk_density_g_cm3", D * _L),
        ("organic_carbon_pct", D * _L), ("clay_pct", D * _L), ("silt_pct", D * _L),
        ("stones_pct", D * _L), ("total_n_pct", D * _L), ("ph_water", D * _L),
    ]


#: layered fields of the soil profile (arrays of SOIL_MAX_LAYERS, n_layers used)
SOIL_LAYER_FIELDS = [n for n, t in SoilProfileStruct._fields_ if issubclass(t, ctypes.Array)]

SoilProfile = SoilProfileStruct


def _doubles(*names):
    return [(n, D) for n in names]


class MaizeCultivar(_Struct):
    """agro_maize_cultivar (maize.h): DSSAT MZCER048 cultivar + ecotype coefficients."""
    _cname_ = "maize_cultivar"
    _fields_ = _doubles("p1_Cd", "p2_d_per_h", "p5_Cd", "g2_kernels", "g3_mg_d", "phint_Cd",
                        "tbase_C", "topt_C", "ropt_C", "p20_h", "djti_d", "gdde_Cd_cm",
                        "dsgft_Cd", "rue_g_MJ", "kcan", "tsen_C", "cday_d")


class WeedParams(_Struct):
    """agro_weed_params (weeds.h): generic weed flora canopy."""
    _cname_ = "weed_params"
    _fields_ = _doubles("tbase_C", "rue_g_MJ", "k_par", "sla_m2_g", "leaf_frac", "root_frac",
                        "max_leaf_area_cm2", "tt_half_Cd", "tt_slope_Cd", "seedling_g",
                        "root_depth_rate_cm_Cd", "max_root_depth_cm", "tt_life_Cd",
                        "n_conc_max", "n_conc_min", "rlv_per_g_cm_g")


class SoilWaterParams(_Struct):
    """agro_soil_water_params (soil_water.h)."""
    _cname_ = "soil_water_params"
    _fields_ = [("n_layers", I), ("reserved", I)] + _doubles(
        "albedo", "u_mm", "swcon_d", "curve_number", "smx_mm", "rwumx_cm3_cm_d",
        "evap_ll_factor", "reserved_d") + [
        (n, D * _L) for n in ("depth_cm", "thickness_mm", "ll", "dul", "sat", "ksat_mm_d",
                              "wet_weight")]


class SoilWaterState(_Struct):
    """agro_soil_water_state (soil_water.h)."""
    _cname_ = "soil_water_state"
    _fields_ = [("n_layers", I), ("reserved", I), ("sw", D * _L)] + _doubles(
        "sumes1_mm", "sumes2_mm", "t_stage2_d", "initial_mm", "cum_rain_mm",
        "cum_irrigation_mm", "cum_runoff_mm", "cum_infiltration_mm", "cum_drainage_mm",
        "cum_evaporation_mm", "cum_transpiration_mm", "max_abs_balance_error_mm")


class SoilWaterDrivers(_Struct):
    """agro_soil_water_drivers (soil_water.h)."""
    _cname_ = "soil_water_drivers"
    _fields_ = _doubles("rain_mm", "irrigation_mm", "eos_mm", "cover_fraction",
                        "cover_evap_suppression", "cover_runoff_fraction") + [("uptake_mm", D * _L)]


class SoilWaterRates(_Struct):
    """agro_soil_water_rates (soil_water.h)."""
    _cname_ = "soil_water_rates"
    _fields_ = _doubles("runoff_mm", "infiltration_mm", "drainage_mm", "evaporation_mm",
                        "transpiration_mm", "upflux_mm", "balance_error_mm",
                        "potential_evaporation_mm") + [
        (n, D * _L) for n in ("flux_mm", "upflow_mm", "uptake_mm", "dsw")] + _doubles(
        "rain_mm", "irrigation_mm", "sumes1_next_mm", "sumes2_next_mm", "t_stage2_next_d",
        "reserved2")


class SoilNParams(_Struct):
    """agro_soil_n_params (soil_nitrogen.h)."""
    _cname_ = "soil_n_params"
    _fields_ = [("n_layers", I), ("reserved", I)] + _doubles(
        "mineralisation_factor", "humus_min_rate_d", "nitrif_max_ppm_d", "nitrif_half_ppm",
        "reserved_d") + [(n, D * _L) for n in ("thickness_cm", "bulk_density_g_cm3",
                                               "kg_ha_per_ppm", "organic_n_kg_ha", "ph")]


class SoilNState(_Struct):
    """agro_soil_n_state (soil_nitrogen.h)."""
    _cname_ = "soil_n_state"
    _fields_ = [("n_layers", I), ("reserved", I)] + [
        (n, D * _L) for n in ("no3_kg_ha", "nh4_kg_ha", "org_n_kg_ha")] + _doubles(
        "initial_kg_ha", "cum_fertiliser_kg_ha", "cum_mineralisation_kg_ha",
        "cum_nitrification_kg_ha", "cum_leaching_kg_ha", "cum_uptake_kg_ha",
        "max_abs_balance_error_kg_ha")


class SoilNDrivers(_Struct):
    """agro_soil_n_drivers (soil_nitrogen.h)."""
    _cname_ = "soil_n_drivers"
    _fields_ = [(n, D * _L) for n in ("soil_temp_C", "uptake_no3_kg_ha", "uptake_nh4_kg_ha")]


class SoilNRates(_Struct):
    """agro_soil_n_rates (soil_nitrogen.h)."""
    _cname_ = "soil_n_rates"
    _fields_ = _doubles("mineralisation_kg_ha", "nitrification_kg_ha", "leaching_kg_ha",
                        "uptake_kg_ha", "balance_error_kg_ha", "reserved") + [
        (n, D * _L) for n in ("mineralisation", "nitrification", "no3_flux", "uptake_no3",
                              "uptake_nh4")]


class SoilTempOptions(_Struct):
    """agro_soil_temp_options (soil_temp.h)."""
    _cname_ = "soil_temp_options"
    _fields_ = [("method", I), ("cover", I)] + _doubles(
        "residue_t_ha", "max_depth_m", "top_layer_m") + [
        ("n_nodes", I), ("steps_per_day", I), ("lower_boundary", I), ("upper_boundary", I)] + \
        _doubles("theta_weight", "tav_C", "amp_C", "initial_C", "conductivity_W_m_K",
                 "heat_capacity_J_m3_K")


class SoilTempDrivers(_Struct):
    """agro_soil_temp_drivers (soil_temp.h)."""
    _cname_ = "soil_temp_drivers"
    _fields_ = [("year", I), ("doy", I)] + _doubles(
        "tmax_C", "tmin_C", "srad_MJ_m2_d", "latitude_deg", "lai", "canopy_t_ha") + [
        ("sw", D * _L)]


#: AGRO_SEASON_MAX_EVENTS in field.h
SEASON_MAX_EVENTS = 64


class FieldOptions(_Struct):
    """agro_field_options (field.h)."""
    _cname_ = "field_options"
    _fields_ = _doubles("latitude_deg", "co2_ppm", "residue_kg_ha", "tav_C", "amp_C") + [
        ("water_limited", I), ("nitrogen_limited", I), ("weeds_limited", I),
        ("soil_temp_method", I), ("cover", I), ("seed", I),
        ("sw", D * _L), ("no3_ppm", D * _L), ("nh4_ppm", D * _L), ("weeds", WeedParams)]


class Event(_Struct):
    """agro_event (field.h): a management event."""
    _cname_ = "event"
    _fields_ = [("type", I), ("year", I), ("doy", I), ("canopy", I)] + _doubles(
        "amount", "depth_cm", "density_pl_m2", "row_spacing_cm", "emergence_delay_d",
        "nh4_fraction")


class FieldDaily(_Struct):
    """agro_field_daily (field.h): snapshot of a field after a daily step."""
    _cname_ = "field_daily"
    _fields_ = [(n, I) for n in ("year", "doy", "das", "dap", "stage", "n_layers")] + _doubles(
        "leaf_number", "lai_crop", "lai_weeds", "biomass_kg_ha", "grain_kg_ha", "leaf_kg_ha",
        "stem_kg_ha", "ear_kg_ha", "root_kg_ha", "kernels_m2", "root_depth_cm",
        "weeds_biomass_kg_ha", "weeds_density_m2", "gdd_Cd", "cum_gdd_Cd", "fi_crop",
        "fi_weeds", "swfac", "turfac", "nstress", "sw_total_mm", "pesw_mm", "rain_mm",
        "irrigation_mm", "runoff_mm", "drainage_mm", "soil_evap_mm", "transp_crop_mm",
        "transp_weeds_mm", "pet_mm", "crop_n_kg_ha", "crop_n_uptake_kg_ha", "weeds_n_kg_ha",
        "no3_kg_ha", "nh4_kg_ha", "n_leached_kg_ha", "soil_temp_5cm_C",
        "soil_temp_seed_C") + [("sw", D * _L), ("rlv", D * _L)]


class SeasonSummary(_Struct):
    """agro_season_summary (field.h): ICASA/DSSAT-style season results."""
    _cname_ = "season_summary"
    _fields_ = [(n, I) for n in (
        "sowing_year", "sowing_doy", "emergence_dap", "anthesis_dap", "anthesis_year",
        "anthesis_doy", "maturity_dap", "maturity_year", "maturity_doy", "harvest_year",
        "harvest_doy", "crop_failed", "n_days")] + _doubles(
        "population_pl_m2", "hwam_kg_ha", "hwum_g", "hnam_m2", "kernels_per_plant", "ears_m2",
        "cwam_kg_ha", "laix", "hiam", "leaf_number", "nucm_kg_ha", "cnam_kg_ha", "gnam_kg_ha",
        "prcm_mm", "ircm_mm", "etcm_mm", "epcm_mm", "escm_mm", "drcm_mm", "rocm_mm",
        "nlcm_kg_ha", "nicm_kg_ha", "weeds_biomass_max_kg_ha", "weeds_biomass_removed_kg_ha",
        "swfac_mean", "nstress_mean", "water_balance_error_mm", "n_balance_error_kg_ha")


class SeasonSpec(_Struct):
    """agro_season_spec (field.h): a complete season for agro_season_run."""
    _cname_ = "season_spec"
    _fields_ = [("soil", SoilProfileStruct), ("options", FieldOptions),
                ("cultivar", MaizeCultivar)] + [
        (n, I) for n in ("start_year", "start_doy", "end_year", "end_doy",
                         "days_after_maturity", "n_events")] + [
        ("events", Event * SEASON_MAX_EVENTS)]


class ScenarioInfo(_Struct):
    """agro_scenario_info (scenario.h)."""
    _cname_ = "scenario_info"
    _fields_ = [(n, I) for n in ("n_fields", "n_interventions", "n_members", "n_seasons",
                                 "n_runs", "max_days", "baseline", "first_year")] + \
        _doubles("bag_kg", "area_ha")


class RunInfo(_Struct):
    """agro_run_info (scenario.h)."""
    _cname_ = "run_info"
    _fields_ = [(n, I) for n in ("run", "field", "intervention", "member", "season", "year",
                                 "start_doy", "n_days", "done", "crop")]


class YieldStats(_Struct):
    """agro_yield_stats (scenario.h)."""
    _cname_ = "yield_stats"
    _fields_ = [("field", I), ("intervention", I), ("n", I), ("reserved", I)] + _doubles(
        "mean_kg_ha", "median_kg_ha", "p10_kg_ha", "p90_kg_ha", "min_kg_ha", "max_kg_ha",
        "median_bags", "p10_bags", "p90_bags", "ratio_median", "ratio_paired_median")


# ---- dssat.h (DSSAT experiment files and validation) -------------------------------------
DSSAT_MAX_LAYERS = 30
DSSAT_MAX_IRRIGATIONS = 150
DSSAT_MAX_FERTILISERS = 30
DSSAT_MAX_RESIDUES = 10
DSSAT_MAX_HARVESTS = 10
DSSAT_MAX_ENVMODS = 10
DSSAT_ENV_N = 8  # AGRO_DSSAT_ENV_N

class DssatTreatment(_Struct):
    """agro_dssat_treatment (dssat.h)."""
    _cname_ = "dssat_treatment"
    _fields_ = [
        ("number", I),
        ("rotation", I),
        ("option", I),
        ("crop_component", I),
        ("levels", I * 13),
        ("line", I),
        ("line_planting", I),
        ("line_initial", I),
        ("line_controls", I),
        ("line_field", I),
        ("start_date", I),
        ("n_years", I),
        ("water", I),
        ("nitrogen", I),
        ("co2_option", I),
        ("plant_mode", I),
        ("irrig_mode", I),
        ("fert_mode", I),
        ("residue_mode", I),
        ("harvest_mode", I),
        ("plant_first", I),
        ("plant_last", I),
        ("plant_h2o_low_pct", D),
        ("plant_h2o_high_pct", D),
        ("plant_h2o_depth_cm", D),
        ("plant_tmax_C", D),
        ("plant_tmin_C", D),
        ("auto_irr_depth_cm", D),
        ("auto_irr_threshold_pct", D),
        ("auto_irr_target_pct", D),
        ("auto_irr_end_stage", I),
        ("auto_irr_method", I),
        ("auto_irr_amount_mm", D),
        ("auto_irr_efficiency", D),
        ("auto_n_depth_cm", D),
        ("auto_n_threshold_pct", D),
        ("auto_n_amount_kg_ha", D),
        ("auto_n_material", I),
        ("harvest_first", I),
        ("harvest_last", I),
        ("harvest_pct_product", D),
        ("harvest_pct_residue", D),
        ("latitude_deg", D),
        ("longitude_deg", D),
        ("elevation_m", D),
        ("soil_depth_cm", D),
        ("ic_date", I),
        ("ic_n_layers", I),
        ("ic_root_kg_ha", D),
        ("ic_nodule_kg_ha", D),
        ("ic_rhizobia_number", D),
        ("ic_rhizobia_effect", D),
        ("ic_water_table_cm", D),
        ("ic_residue_kg_ha", D),
        ("ic_residue_n_pct", D),
        ("ic_residue_p_pct", D),
        ("ic_residue_incorporation_pct", D),
        ("ic_residue_depth_cm", D),
        ("ic_depth_cm", D * DSSAT_MAX_LAYERS),
        ("ic_sw", D * DSSAT_MAX_LAYERS),
        ("ic_nh4_ppm", D * DSSAT_MAX_LAYERS),
        ("ic_no3_ppm", D * DSSAT_MAX_LAYERS),
        ("plant_date", I),
        ("emergence_date", I),
        ("plants_sown_m2", D),
        ("plants_emerged_m2", D),
        ("plant_method", I),
        ("plant_distribution", I),
        ("row_spacing_cm", D),
        ("row_direction_deg", D),
        ("sowing_depth_cm", D),
        ("irr_efficiency", D),
        ("irr_depth_cm", D),
        ("irr_threshold_pct", D),
        ("irr_end_pct", D),
        ("irr_end_stage", I),
        ("irr_method", I),
        ("irr_amount_mm", D),
        ("n_irrigations", I),
        ("irr_date", I * DSSAT_MAX_IRRIGATIONS),
        ("irr_operation", I * DSSAT_MAX_IRRIGATIONS),
        ("irr_value_mm", D * DSSAT_MAX_IRRIGATIONS),
        ("n_fertilisers", I),
        ("fert_date", I * DSSAT_MAX_FERTILISERS),
        ("fert_material", I * DSSAT_MAX_FERTILISERS),
        ("fert_method", I * DSSAT_MAX_FERTILISERS),
        ("fert_depth_cm", D * DSSAT_MAX_FERTILISERS),
        ("fert_n_kg_ha", D * DSSAT_MAX_FERTILISERS),
        ("fert_p_kg_ha", D * DSSAT_MAX_FERTILISERS),
        ("fert_k_kg_ha", D * DSSAT_MAX_FERTILISERS),
        ("n_residues", I),
        ("res_date", I * DSSAT_MAX_RESIDUES),
        ("res_material", I * DSSAT_MAX_RESIDUES),
        ("res_amount_kg_ha", D * DSSAT_MAX_RESIDUES),
        ("res_n_pct", D * DSSAT_MAX_RESIDUES),
        ("res_incorporation_pct", D * DSSAT_MAX_RESIDUES),
        ("res_depth_cm", D * DSSAT_MAX_RESIDUES),
        ("n_harvests", I),
        ("harv_date", I * DSSAT_MAX_HARVESTS),
        ("harv_stage", I * DSSAT_MAX_HARVESTS),
        ("harv_pct", D * DSSAT_MAX_HARVESTS),
        ("n_envmods", I),
        ("env_date", I * DSSAT_MAX_ENVMODS),
        ("env_code", (I * DSSAT_ENV_N * DSSAT_MAX_ENVMODS)),
        ("env_value", (D * DSSAT_ENV_N * DSSAT_MAX_ENVMODS)),
    ]


class DssatFertiliserN(_Struct):
    """agro_dssat_fertiliser_n (dssat.h)."""
    _cname_ = "dssat_fertiliser_n"
    _fields_ = [
        ("no3_fraction", D),
        ("nh4_fraction", D),
        ("urea_fraction", D),
    ]


class DssatSite(_Struct):
    """agro_dssat_site (dssat.h)."""
    _cname_ = "dssat_site"
    _fields_ = [
        ("latitude_deg", D),
        ("tav_C", D),
        ("amp_C", D),
        ("co2_ppm", D),
    ]


class DssatResult(_Struct):
    """agro_dssat_result (dssat.h)."""
    _cname_ = "dssat_result"
    _fields_ = [
        ("treatment", I),
        ("anthesis_dap", I),
        ("maturity_dap", I),
        ("auto_irrigations", I),
        ("population_pl_m2", D),
        ("yield_kg_ha", D),
        ("summary", SeasonSummary),
    ]


class DssatObserved(_Struct):
    """agro_dssat_observed (dssat.h)."""
    _cname_ = "dssat_observed"
    _fields_ = [
        ("treatment", I),
        ("anthesis_date", I),
        ("maturity_date", I),
        ("yield_kg_ha", D),
        ("anthesis_dap", D),
        ("maturity_dap", D),
    ]


class FitStats(_Struct):
    """agro_fit_stats (dssat.h)."""
    _cname_ = "fit_stats"
    _fields_ = [
        ("n", I),
        ("obs_mean", D),
        ("sim_mean", D),
        ("rmse", D),
        ("nrmse", D),
        ("bias", D),
        ("willmott_d", D),
    ]


STRUCTS = {cls._cname_: cls for cls in (
    WeatherDay, WeatherInfo, Site, SoilProfileStruct, MaizeCultivar, WeedParams,
    SoilWaterParams, SoilWaterState, SoilWaterDrivers, SoilWaterRates, SoilNParams, SoilNState,
    SoilNDrivers, SoilNRates, SoilTempOptions, SoilTempDrivers, FieldOptions, Event, FieldDaily,
    SeasonSummary, SeasonSpec, ScenarioInfo, RunInfo, YieldStats, DssatTreatment,
    DssatFertiliserN, DssatSite, DssatResult, DssatObserved, FitStats)}

#: C struct tag -> class, for the header cross-check in the tests
C_TAGS = {"agro_" + k: v for k, v in STRUCTS.items()}
