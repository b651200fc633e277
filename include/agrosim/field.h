/**
 * @file field.h
 * @brief A field: one soil profile (water, mineral N, temperature) shared by several
 *        canopies (canopy 0 = the crop, canopy 1 = weeds), management events applied between
 *        daily steps, and a season runner.
 *
 * Loop: agro_field_create → (agro_field_apply / agro_field_sow_maize)* and agro_field_step
 * (a day of one's own) or agro_field_step_series (day i of a loaded series, refusals naming its
 * file and line) once per day, on consecutive calendar days → agro_field_get_daily /
 * agro_field_get_summary. All state lives in the
 * handle (no globals): many fields can run side by side, one per thread.
 *
 * Yield-gap decomposition: switch off water, nitrogen or weed limitation with the options
 * flags (potential = all off; water-limited; water+N-limited; actual = all on).
 */
#ifndef AGROSIM_FIELD_H
#define AGROSIM_FIELD_H

#include "agrosim/core.h"
#include "agrosim/soil.h"
#include "agrosim/soil_century.h"
#include "agrosim/weather.h"
#include "agrosim/maize.h"
#include "agrosim/weeds.h"
#include "agrosim/canopy.h"
#include "agrosim/soil_temp.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Canopy indices of a field. */
enum {
    AGRO_CANOPY_CROP = 0,  /**< the main crop (maize) */
    AGRO_CANOPY_WEEDS = 1  /**< the weed flora */
};

/**
 * Damage to the crop during one day: pests, diseases, hail or grazing (DSSAT-CSM's pest
 * coupling points, Plant/Generic-Pest PESTCP.for, with the maize codes of MZCER048.PST:
 * percentages per day and absolute amounts per day). Give it with agro_field_set_damage()
 * before the step of the day it happens; all members 0 is no damage. Members add up within an
 * organ (a percentage and an absolute amount of leaf both remove leaf).
 */
typedef struct agro_crop_damage {
    double leaf_pct;       /**< leaf mass removed, % of the leaf mass (PLMD, PLAD), 0..100; green
                                leaf area goes in proportion */
    double stem_pct;       /**< stem mass removed, % (PSMD), 0..100 */
    double root_pct;       /**< root mass removed, % (PRTD), 0..100; root length density of every
                                layer goes in proportion */
    double grain_pct;      /**< grain mass removed, % (PSDD), 0..100; kernels in proportion, kernel
                                weight unchanged */
    double plants_pct;     /**< plants killed, % of the population (PWPD), 0..100; with no plant
                                left the crop ends that day as failed (crop_failed 1) */
    double assimilate_pct; /**< the day's assimilate (CH2O) lost, % (PASM), 0..100 */
    double leaf_g_m2;      /**< leaf dry matter removed, g/m²/d (ALMD, ALAD) */
    double stem_g_m2;      /**< stem dry matter removed, g/m²/d (ASMD) */
    double root_g_m2;      /**< root dry matter removed, g/m²/d (ARTD) */
    double grain_g_m2;     /**< grain dry matter removed, g/m²/d (ASDD) */
    double plants_m2;      /**< plants killed, plants/m²/d (NWPD) */
} agro_crop_damage;

/** The most water one IRRIGATE event may bring, mm. */
#define AGRO_IRRIGATION_EVENT_MAX_MM 500.0

/** Management event types (agro_event.type). */
enum {
    AGRO_EVENT_SOW = 1,          /**< sow the crop: density, row spacing, depth (cultivar given separately) */
    AGRO_EVENT_FERTILISE = 2,    /**< mineral N: amount kg N/ha, depth cm, nh4_fraction, urea_fraction (rest NO3) */
    AGRO_EVENT_IRRIGATE = 3,     /**< irrigation: amount mm (0..500 per event, at most 2000 on one day) */
    AGRO_EVENT_WEED = 4,         /**< weeding: amount = fraction (0..1) of weed biomass, LAI and density removed; the weeded plants stay on the field as residue unless carried_off */
    AGRO_EVENT_HARVEST = 5,      /**< harvest the crop (ends the crop; summary frozen) */
    AGRO_EVENT_WEEDS_EMERGE = 6, /**< a weed cohort emerges: density_pl_m2 */
    /** add residue: amount kg dry matter/ha with n_pct % N; depth_cm 0 = surface mulch (soil
     *  cover only: CERES surface residue does not decompose until incorporated, DSSAT
     *  SoilOrg.for), depth_cm > 0 = incorporated to that depth as fresh organic matter that
     *  decomposes and releases or immobilises N (agro_soil_n_add_residue) */
    AGRO_EVENT_RESIDUE = 7,
    /** add root residue (the previous crop's roots and nodules, DSSAT ICRT + ICND): amount kg
     *  dry matter/ha with n_pct % N as fresh organic matter over the whole profile, its
     *  concentration falling exponentially with depth (agro_soil_n_add_root_residue, DSSAT
     *  SoilOrg_init.for); depth_cm is not used */
    AGRO_EVENT_ROOT_RESIDUE = 8,
    /** damage the crop during the day's step: @ref agro_event.damage (pests, diseases, hail,
     *  grazing; agro_field_set_damage) */
    AGRO_EVENT_DAMAGE = 9,
    /** a tillage pass (DSSAT-CSM 4.8 TILLAGE.for, docs/design/tillage.md): @ref
     *  agro_event.implement names the DSSAT TILOP048.SDA implement (TI003 → 3), depth_cm the
     *  pass depth, cm (X-file TDEP, ≥ 0; shallower than the implement scales its sub-layers,
     *  more than 0.5 cm deeper is cut to its depth; 0 does nothing). Before the day's step the
     *  soil water, mineral N, the organic matter (CERES: RINP % of the surface mulch into fresh
     *  organic matter; CENTURY: surface litter and SOM1) and P outside the root zone are mixed
     *  over the depth with the implement's MIXT (DSSAT SoilMixing). Several passes on one day
     *  mix once, with the largest depth, MIXT and RINP. At the end of the day's soil processes
     *  (so the day's own runoff and drainage see the old values) the passes, in order, change
     *  each layer's bulk density, saturation and Ksat and the curve number (DSSAT TillEvent);
     *  rain and irrigation recover them (DSSAT SOILDYN). The layers keep their thickness. An
     *  implement missing from TILOP048.SDA (TI021, TI027–TI030, TI040) does nothing, as in
     *  DSSAT, and is counted (agro_field_tillage_counts). */
    AGRO_EVENT_TILL = 10
};

/** Crop N uptake methods (agro_field_options.crop_n_uptake_method). */
enum {
    /** DSSAT-CSM NUPTAK.for, the generic routine (CROPGRO): uptake per unit root length
     *  (agro_soil_n_uptake_capacity) */
    AGRO_CROP_N_UPTAKE_GENERIC = 0,
    /** DSSAT-CSM 4.8 MZ_NUPTAK.for, CERES-Maize's own routine: potential saturating with root
     *  length, linear in concentration (agro_soil_n_uptake_potential_maize) */
    AGRO_CROP_N_UPTAKE_CERES_MAIZE = 1
};

/** Crop N stress forms (agro_field_options.crop_n_stress_method): how the N factor NFAC of
 *  MZ_NFACTO is taken from tassel initiation to the start of grain fill (docs/model.md §6.7). */
enum {
    /** older CERES-Maize (still in DSSAT-CSM's Aloha_NFACTO): NFAC = 1 − 1.8·exp(−3.5·NFAC) in
     *  stages 3–4, which caps a well-fed crop at 0.946 and eases a short one's stress */
    AGRO_CROP_N_STRESS_STAGE_TRANSFORM = 0,
    /** DSSAT-CSM 4.8 MZ_NFACTO: the same NFAC in every stage (the transform commented out,
     *  "10/02.2007 JIL") */
    AGRO_CROP_N_STRESS_DSSAT48 = 1
};

/** Soil organic matter models (agro_field_options.soil_om_method). */
enum {
    /** CERES-Godwin (DSSAT SoilOrg, MESOM = G): fresh organic matter in three pools and one
     *  humus pool (soil_nitrogen.h); surface residue is cover only */
    AGRO_SOIL_OM_CERES = 0,
    /** DSSAT-CENTURY (MESOM = P; soil_century.h): surface and soil litter, SOM1–3 with C, N and
     *  P; surface residue decomposes */
    AGRO_SOIL_OM_CENTURY = 1
};

/** Largest number of events of a season specification. */
#define AGRO_SEASON_MAX_EVENTS 64

/** Deepest soil layer the seedbed water test reads (agro_sowing_window.sw_depth_cm,
 *  agro_field_seedbed), cm. DSSAT AUTPLT.for reads PH2OD as F5.0 and lets it reach below the
 *  profile (the water is still divided by the whole depth); 10 m is below any soil profile. */
#define AGRO_SEEDBED_MAX_DEPTH_CM 1000.0

/** Largest day length multiplier of agro_field_set_daylength_change: the result is clamped to
 *  24 h, and 24 × any day of 1 h or more already reaches it. */
#define AGRO_DAYLENGTH_MAX_MULTIPLIER 24.0

/**
 * Field options. Start from agro_field_options_default() and change what you need.
 * Arrays are per soil layer (after the profile's own layering); a NaN entry means
 * "use the default" (sw: DUL; NO3 1 ppm; NH4 0.5 ppm).
 */
typedef struct agro_field_options {
    double latitude_deg;       /**< site latitude for photoperiod, decimal degrees (north +) */
    double co2_ppm;            /**< atmospheric CO₂, ppm, 0..5000 (CERES CO2X/CO2Y effect on RUE, 0 at 0 ppm; TRATIO on transpiration) */
    double residue_kg_ha;      /**< initial surface residue, kg dry matter/ha (no N: tilled in, it ties up soil N; an initial RESIDUE event carries its n_pct) */
    double tav_C;              /**< long-term mean air temperature (DSSAT TAV) for soil temperature, °C, in [−40, 50] (NaN is AGRO_ERANGE naming options.tav_C): set it from agro_weather_info (default 25 is a placeholder) */
    double amp_C;              /**< annual amplitude of monthly means (DSSAT AMP), °C, in [0, 80] (NaN is AGRO_ERANGE naming options.amp_C): set it from agro_weather_info (default 5 is a placeholder) */
    /** height of the wind measurement (DSSAT WNDHT), m, in [0.01, 100]: the day's wind run is
     *  scaled to 2 m by (2/h)^0.2 for the CO₂ transpiration ratio (DSSAT WEATHR.for); set it
     *  from agro_weather_info.wndht_m (default 2) */
    double wind_height_m;
    int32_t water_limited;     /**< 1: water balance limits growth; 0: crop never water-stressed */
    int32_t nitrogen_limited;  /**< 1: mineral N limits growth; 0: crop never N-stressed */
    int32_t weeds_limited;     /**< 1: weeds compete; 0: weed events ignored (weed-free) */
    /** AGRO_SOIL_TEMP_STEMP (default, DSSAT METMP = D), AGRO_SOIL_TEMP_EPIC (DSSAT METMP = E)
     *  or AGRO_SOIL_TEMP_NUMERICAL (soil_temp.h). With NUMERICAL the modelled temperature at
     *  sowing depth (daily min/max) drives germination → emergence (so film and residue change
     *  emergence); with STEMP or EPIC, which give daily means only, emergence uses DSSAT's
     *  soil-surface estimate from air temperature and SRAD. EPIC's cover is the standing
     *  biomass of crop and weeds plus the surface mulch, its wet days those with rain or
     *  irrigation. */
    int32_t soil_temp_method;
    int32_t cover;             /**< surface cover, AGRO_COVER_* of soil_temp.h (bare, residue, film); with residue the soil temperature follows the field's mulch, a mulch above 50 t/ha as 50 t/ha (its effect is saturated there) */
    int32_t seed;              /**< seed for stochastic processes (reserved: the current processes are deterministic) */
    /** soil evaporation method, AGRO_SOIL_EVAP_* of soil_water.h: Ritchie two-stage with
     *  UP_FLOW (default; DSSAT MESEV = R) or Suleiman–Ritchie (DSSAT-CSM 4.8's own default,
     *  MESEV = S; docs/model.md §9.1 says why it is not the default here) */
    int32_t soil_evap_method;
    /** crop N uptake, AGRO_CROP_N_UPTAKE_*: DSSAT's generic NUPTAK (default) or CERES-Maize's
     *  MZ_NUPTAK (docs/model.md §9.1) */
    int32_t crop_n_uptake_method;
    /** 1: soil and crop phosphorus are simulated and P stress limits the crop (soil_phosphorus.h;
     *  the soil profile needs extractable_p_mg_kg and p_method); 0 (default): no P limitation,
     *  fertiliser and residue P are ignored (DSSAT PHOSP = N). The weeds take no P. */
    int32_t phosphorus_limited;
    /** soil organic matter, AGRO_SOIL_OM_*: CERES-Godwin (default) or CENTURY. With CENTURY
     *  the surface residue is a RESIDUE event (residue_kg_ha must be 0), the previous crop's
     *  residues are events with agro_event.initial = 1, and CENTURY starts at the first step
     *  (DSSAT SoilCNPinit_C) */
    int32_t soil_om_method;
    /** land use before the simulation, AGRO_FIELD_HISTORY_* of soil_century.h (DSSAT FLHST):
     *  with CENTURY it sets the stable SOM fraction of the layers down to 40 cm without a
     *  measured stable_c_pct (SOMFR048.SDA); 0 (none, the default) leaves Adiku's regression.
     *  Refused with CERES, which has no stable pool to set. */
    int32_t field_history;
    int32_t field_history_years; /**< years under that management (DSSAT FHDUR), ≥ 0; 101 and more: steady state */
    /** 1: the previous crop was a grass or grass fallow (DSSAT PCR BM, BH, BR, G0, G1, GW): with
     *  CENTURY and phosphorus_limited, 6 % of the organic P starts in SOM1 instead of 3 %
     *  (DSSAT SOMINIT_C); no effect without P. Refused with CERES. */
    int32_t previous_crop_grass;
    /** 1 (default): surface residue acts as DSSAT-CSM 4.8's mulch (INFIL R, S or M): it
     *  intercepts rain, raises the runoff threshold, evaporates before the soil and shades it,
     *  and brightens the surface for PET (agro_soil_water_drivers, agro_soil_surface_albedo).
     *  0: no mulch effects (DSSAT INFIL N); the residue still feeds the organic matter. */
    int32_t mulch_effects;
    /** STEMP's surface term, AGRO_STEMP_SURFACE_* of soil_temp.h: the mean air temperature
     *  (default, DSSAT-CSM 4.8.2, METMP = D) or the albedo-weighted radiative estimate of DSSAT
     *  up to 4.8.0. Ignored by the numerical and EPIC methods. */
    int32_t soil_temp_surface;
    /** crop N stress form in stages 3–4, AGRO_CROP_N_STRESS_*: the older CERES-Maize transform
     *  (default) or DSSAT-CSM 4.8's untransformed NFAC (docs/model.md §9.1, an owner decision) */
    int32_t crop_n_stress_method;
    double sw[AGRO_SOIL_MAX_LAYERS];         /**< initial volumetric water, cm³/cm³ (NaN: DUL) */
    double no3_ppm[AGRO_SOIL_MAX_LAYERS];    /**< initial nitrate, mg N/kg soil (NaN: 1) */
    double nh4_ppm[AGRO_SOIL_MAX_LAYERS];    /**< initial ammonium, mg N/kg soil (NaN: 0.5) */
    agro_weed_params weeds;    /**< weed flora parameters (canopy 1) */
    /** the initial surface residue (residue_kg_ha) as mulch: area per mass, cm²/g; extinction
     *  coefficient; water held at saturation, kg/kg (DSSAT RESCH048.SDA AM, EXTFAC, WATFAC of
     *  the previous crop). 0: the generic crop residue RE001 (37, 0.80, 3.8) */
    double residue_area_cm2_g, residue_extinction, residue_water_kg_kg;
} agro_field_options;

/** A management event (plain data, ctypes/HDF5 friendly). Unused fields are ignored. */
typedef struct agro_event {
    int32_t type;           /**< AGRO_EVENT_* */
    int32_t year;           /**< calendar year of the event */
    int32_t doy;            /**< day of year; the event applies before that day's step */
    /** the canopy the event is meant for, AGRO_CANOPY_CROP (0) or AGRO_CANOPY_WEEDS (1); the
     *  field reads the type to know what an event acts on, so this is informational, but any
     *  other value is AGRO_ERANGE naming "canopy" (agro_field_apply, agro_field_sow_maize,
     *  agro_season_run) */
    int32_t canopy;
    double amount;          /**< kg N/ha (FERTILISE), mm (IRRIGATE), fraction removed (WEED), kg dry matter/ha (RESIDUE, ROOT_RESIDUE) */
    double depth_cm;        /**< sowing (0..30], fertiliser placement (0..100) or residue incorporation (0..1000) depth, cm */
    double density_pl_m2;   /**< plants/m² (SOW: crop at emergence; WEEDS_EMERGE: weeds) */
    /** row spacing, cm (SOW), (0, 300] and narrow enough for a CERES light extinction LIFAC
     *  above 0: (row m)²·plants/m² below (1.5/0.768)^10 ≈ 808, 284 cm at 100 plants/m² */
    double row_spacing_cm;
    /** SOW: observed emergence this many days after sowing (DSSAT EDATE; 0 = simulate
     *  emergence from thermal time). WEEDS_EMERGE: informational delay vs crop emergence, d. */
    double emergence_delay_d;
    double nh4_fraction;    /**< FERTILISE: fraction of N as NH4, 0..1 (NO3 = 1 − nh4_fraction − urea_fraction) */
    double n_pct;           /**< RESIDUE, ROOT_RESIDUE: N concentration of the residue dry matter, 0..10 % */
    /** FERTILISE: fraction of N as urea, 0..1 with nh4_fraction + urea_fraction <= 1 (default
     *  0); urea hydrolyses to NH4 over the following days (agro_soil_n_fertilise_urea) */
    double urea_fraction;
    /** AGRO_TIMING_DATE (0): on year/doy. AGRO_TIMING_AFTER_SOWING: @ref days_after_sowing
     *  days after the day the crop is actually sown (year/doy ignored), which moves with an
     *  automatic sowing window; the run ignores the event if the crop is never sown. */
    int32_t timing;
    int32_t days_after_sowing; /**< d ≥ 0, with AGRO_TIMING_AFTER_SOWING (0 = the sowing day, after the sowing) */
    agro_crop_damage damage;   /**< DAMAGE: what the day's damage removes */
    double p_kg_ha;            /**< FERTILISE: fertiliser P, kg P/ha (0..5000; used with phosphorus_limited) */
    /** FERTILISE: 0 spreads the P through the layer at depth_cm; > 0 places it in a band that
     *  occupies this fraction of the layer's volume, 0..1 (DSSAT: 5 cm over the row spacing) */
    double p_band_fraction;
    double p_pct;              /**< RESIDUE, ROOT_RESIDUE: P concentration of the residue dry matter, 0..5 % */
    /** RESIDUE, ROOT_RESIDUE: lignin fraction of the residue dry matter, 0..1, used by CENTURY
     *  and by the CERES fresh organic matter in the soil (its carbohydrate and cellulose share
     *  the rest 2 : 7, DSSAT IPSOIL.for). 0: the residue type's (CENTURY PSLIG, CERES PRLIG;
     *  see residue_type), else 0.10 */
    double lignin_frac;
    /** RESIDUE, ROOT_RESIDUE: 1 = the previous crop's residue of the initial conditions (DSSAT
     *  ICRES, ICRT); under CENTURY its root C comes out of the soil organic C when CENTURY
     *  starts at the first step, so it must come before that step; the amounts of one kind
     *  (surface, incorporated, roots) add up to at most 100000 kg/ha under CENTURY (the event
     *  passing it is AGRO_ERANGE naming "amount"). 0 = an application. Any other value is
     *  AGRO_ERANGE naming "initial". */
    int32_t initial;
    /** RESIDUE: DSSAT RESCH048.SDA residue type (RE001 → 1, RE203 maize → 203; 0 = none).
     *  With lignin_frac 0 it gives the lignin: PSLIG for CENTURY, PRLIG for the CERES fresh
     *  organic matter, as DSSAT (OM_Place.for, SoilOrg.for, IPSOIL.for). ROOT_RESIDUE: 0. */
    int32_t residue_type;
    /** RESIDUE on the surface, as mulch: area per mass, cm²/g (0..10000); extinction coefficient
     *  (0..10); water held at saturation, kg/kg (0..100) (DSSAT RESCH048.SDA AM, EXTFAC, WATFAC
     *  of the residue type). 0: the generic crop residue RE001 (37, 0.80, 3.8). A mulch keeps
     *  one set, each addition blended in by mass (DSSAT SoilOrg.for, RPLACE_C.for). */
    double mulch_area_cm2_g, mulch_extinction, mulch_water_kg_kg;
    /** FERTILISE at depth_cm 0: 0 (default) = left on the surface, not incorporated (DSSAT
     *  AP001, AP003, AP011), so its N also lies in the oxidised surface layer where NH3
     *  volatilises (agro_soil_n_fertilise_surface); 1 = worked into layer 1 (DSSAT AP002 with
     *  FDEP 0). Deeper placements are incorporated whatever this says. */
    int32_t incorporated;
    /** FERTILISE: FERCH048 material number (FE001 ammonium nitrate → 1, FE005 urea → 5; 0
     *  unknown, 0..999); the oxidised layer's pH shift depends on it (DSSAT FERTYPE) */
    int32_t fert_material;
    /** TILL: DSSAT TILOP048.SDA implement number, 1..998 (TI003 moldboard plough → 3; DSSAT
     *  IPTILL refuses other numbers) */
    int32_t implement;
    /** WEED: 0 (default) = the weeded plants are left on the field, their tops as surface
     *  residue (mulch) and their roots as fresh organic matter in the layers they grew in; 1 =
     *  the tops (and their N) are carried off the field (fodder, burnt elsewhere), the roots stay
     *  in the soil all the same (docs/model.md §7) */
    int32_t carried_off;
} agro_event;

/** Timing of an @ref agro_event. */
enum {
    AGRO_TIMING_DATE = 0,          /**< on the event's year and day of year */
    AGRO_TIMING_AFTER_SOWING = 1   /**< days_after_sowing days after the actual sowing */
};

/**
 * Automatic sowing (DSSAT AUTPLT.for, X-file PLANT = A or F; the "sowing rule" of APSIM
 * users). The SOW event's date opens the window; from that day to last_year/last_doy the crop
 * is sown, before the day's step, on the first day on which, at the end of the previous day,
 *  - the plant-available water of the top sw_depth_cm is within [sw_min_pct, sw_max_pct] %
 *    of DUL − LL (DSSAT PH2OD, PH2OL, PH2OU; not tested when water is not limiting), and
 *  - the soil temperature of the layer at 10 cm is within [tsoil_min_C, tsoil_max_C]
 *    (PSTMN, PSTMX).
 * If the window closes without those conditions the crop is sown on its last day when
 * @ref forced is 1 (DSSAT 'F'), and otherwise the season ends there unsown (summary
 * crop_failed = AGRO_CROP_NOT_SOWN, yield 0).
 */
typedef struct agro_sowing_window {
    int32_t enabled;           /**< 0: sow on the SOW event's date; 1: automatic in the window */
    int32_t last_year, last_doy; /**< last day of the window (PLAST) */
    int32_t forced;            /**< 1: sow on the last day if the conditions never held */
    double sw_depth_cm;        /**< PH2OD: soil depth over which the water is tested, cm, in
                                    (0, AGRO_SEEDBED_MAX_DEPTH_CM] */
    double sw_min_pct, sw_max_pct; /**< PH2OL, PH2OU: plant-available water, % of DUL − LL (0..100) */
    double tsoil_min_C, tsoil_max_C; /**< PSTMN, PSTMX: soil temperature at 10 cm, °C */
} agro_sowing_window;

/** Daily snapshot of a field (after the step of day year/doy). */
typedef struct agro_field_daily {
    int32_t year, doy;       /**< date of the step */
    int32_t das;             /**< days after the simulation start (first step = 1) */
    int32_t dap;             /**< days after planting (0 on the sowing day, -1 before) */
    int32_t stage;           /**< AGRO_MAIZE_STAGE_* of the crop */
    int32_t n_layers;        /**< soil layers used in the arrays below */
    double leaf_number;      /**< leaf tips appeared, leaves/plant */
    double lai_crop;         /**< crop leaf area index, m²/m² */
    double lai_weeds;        /**< weed leaf area index, m²/m² */
    double biomass_kg_ha;    /**< crop above-ground dry matter, kg/ha (CWAD) */
    double grain_kg_ha;      /**< crop grain dry matter, kg/ha (GWAD) */
    double leaf_kg_ha, stem_kg_ha, ear_kg_ha, root_kg_ha; /**< crop organ dry matter, kg/ha */
    double kernels_m2;       /**< kernels per m² (0 before the end of stage 4) */
    double root_depth_cm;    /**< crop rooting depth, cm */
    double weeds_biomass_kg_ha; /**< weed above-ground dry matter, kg/ha */
    double weeds_density_m2; /**< living weed plants/m² */
    double gdd_Cd;           /**< crop thermal time today, °C·d */
    double cum_gdd_Cd;       /**< crop thermal time since germination (CUMDTT), °C·d */
    double fi_crop;          /**< fraction of PAR intercepted by the crop */
    double fi_weeds;         /**< fraction of PAR intercepted by the weeds */
    double swfac;            /**< crop water stress on photosynthesis (1 = none) */
    double turfac;           /**< crop water stress on expansion (1 = none) */
    double nstress;          /**< crop N stress on photosynthesis NDEF1 (1 = none) */
    double sw_total_mm;      /**< soil water in the profile, mm */
    double pesw_mm;          /**< plant-extractable soil water (above LL), mm */
    double rain_mm;          /**< precipitation today (the weather's), mm; on snow days it is
                                  stored as snow_mm, and its melt reaches the soil later */
    double irrigation_mm;    /**< irrigation today, mm */
    double runoff_mm;        /**< runoff today, mm */
    double drainage_mm;      /**< drainage below the profile today, mm */
    double soil_evap_mm;     /**< soil evaporation today, mm */
    double transp_crop_mm;   /**< crop transpiration today, mm */
    double transp_weeds_mm;  /**< weed transpiration today, mm */
    double pet_mm;           /**< potential evapotranspiration today, mm */
    double transp_pot_mm;    /**< potential transpiration of the canopies today (DSSAT EOP, after
                                  the CO2 ratio), mm */
    double crop_n_kg_ha;     /**< N in crop (tops + roots), kg N/ha */
    double crop_tops_n_kg_ha; /**< N in crop tops (stover + grain), kg N/ha (DSSAT CNAD) */
    double crop_n_uptake_kg_ha; /**< cumulative crop N uptake since sowing, kg N/ha */
    double weeds_n_kg_ha;    /**< N in weeds, kg N/ha */
    double no3_kg_ha;        /**< soil nitrate in the profile, kg N/ha */
    double nh4_kg_ha;        /**< soil ammonium in the profile, kg N/ha */
    double n_leached_kg_ha;  /**< nitrate and urea leached below the profile today, kg N/ha */
    double urea_kg_ha;       /**< fertiliser urea not yet hydrolysed in the profile, kg N/ha (DSSAT NURTD) */
    double n_denitrified_kg_ha; /**< cumulative denitrification since the start, kg N/ha (DSSAT NDNC) */
    double soil_temp_5cm_C;  /**< soil temperature at 5 cm, °C */
    double soil_temp_seed_C; /**< soil temperature at the sowing depth, °C; NaN with no crop in
                                  the field (before sowing, after a harvest) */
    double pstres1;          /**< crop P stress on photosynthesis (1 = none, also without P) */
    double pstres2;          /**< crop P stress on expansion and partitioning (1 = none) */
    double crop_p_kg_ha;     /**< P in the crop, kg P/ha (0 without P) */
    double soil_p_avail_kg_ha;  /**< soluble root-zone P the roots can take, kg P/ha */
    double soil_p_labile_kg_ha; /**< labile inorganic P of the profile, kg P/ha */
    /** organic C of the soil layers (SOCD): humus + 40 % of the fresh organic matter (CERES),
     *  or SOM1 + SOM2 + SOM3 + litter (CENTURY), kg C/ha */
    double soil_org_c_kg_ha;
    /** surface residue (MWAD), kg dry matter/ha: what was put there (CERES), or the decaying
     *  surface litter and microbes, 1.9·SOM1 C + 2.5·litter C (CENTURY) */
    double mulch_kg_ha;
    double sw[AGRO_SOIL_MAX_LAYERS]; /**< volumetric water per layer, cm³/cm³ */
    double rlv[AGRO_SOIL_MAX_LAYERS]; /**< crop root length density per layer, cm/cm³ */
    double soil_temp_C[AGRO_SOIL_MAX_LAYERS]; /**< daily mean soil temperature of each layer
                                               *   (depth-weighted over the layer, same layers
                                               *   as sw), °C; NaN before the first step */
    double mulch_cover;      /**< fraction of the surface the mulch covers for tomorrow (MCFD), 0..1 */
    double mulch_water_mm;   /**< water held by the mulch (MWTD), mm */
    double mulch_evap_mm;    /**< evaporation from the mulch today (DSSAT EM), mm */
    /** snow water on the ground at the end of the day (DSSAT SNOW), mm: precipitation on days
     *  with TMAX <= 1 °C; it melts into the soil at TMAX + 0.4·rain mm a day on warmer days */
    double snow_mm;
    /** runoff curve number in use from the next day (DSSAT SoilDyn.OUT ROCN): the soil's, or as
     *  tillage changed it and rain recovers it */
    double curve_number;
    /** cumulative rain energy since the last tillage (DSSAT SoilDyn.OUT SUMKE), 0 untilled: a
     *  dimensionless index, 0.00217 per mm of rain and irrigation on uncovered soil (TILLAGE) */
    double till_sumke;
    /** bulk density of each layer, g/cm³ (DSSAT SoilDyn.OUT BD): the soil's, or as tillage
     *  changed it (the layers keep their thickness and soil mass) */
    double bulk_density_g_cm3[AGRO_SOIL_MAX_LAYERS];
    /** saturated water content of each layer in use from the next day, cm³/cm³ (DSSAT
     *  SoilDyn.OUT SAT) */
    double sat[AGRO_SOIL_MAX_LAYERS];
    /** nitrate N of each layer, µg N/g dry soil (ppm), as DSSAT's SoilNi.OUT NI1D… gives it:
     *  the layer's nitrate in kg N/ha times KG2PPM = 1/(0.1·BD·thickness), with the bulk
     *  density and thickness of the profile (the layer's soil mass, which tillage does not
     *  change: docs/model.md §8.1). Summed as no3_ppm[l]·0.1·BD·thickness over the n_layers,
     *  it is no3_kg_ha. */
    double no3_ppm[AGRO_SOIL_MAX_LAYERS];
    /** ammonium N of each layer, µg N/g dry soil (ppm; SoilNi.OUT NH1D…), converted as
     *  no3_ppm; summed the same way it is nh4_kg_ha */
    double nh4_ppm[AGRO_SOIL_MAX_LAYERS];
} agro_field_daily;

/** Season summary with ICASA/DSSAT meanings. Where not reached: dates and DAPs −1;
 *  population_pl_m2, hwum_g and the three stress means NaN; amounts (HWAM, CWAM, LAIX,
 *  uptake, water and N totals) 0, what a crop that has not grown has. */
typedef struct agro_season_summary {
    int32_t sowing_year, sowing_doy;       /**< PDAT: the day of the first step after the sowing
                                                (−1 before it, on a field that has not stepped) */
    int32_t emergence_dap;                 /**< EDAT as days after planting */
    int32_t anthesis_dap;                  /**< ADAT (silking) as days after planting */
    int32_t anthesis_year, anthesis_doy;   /**< ADAT as date */
    int32_t maturity_dap;                  /**< MDAT (physiological maturity) as DAP */
    int32_t maturity_year, maturity_doy;   /**< MDAT as date */
    int32_t harvest_year, harvest_doy;     /**< HDAT */
    int32_t crop_failed;                   /**< 1 if the crop did not emerge or died; AGRO_CROP_NOT_SOWN (2) if an automatic sowing window closed without sowing */
    int32_t n_days;                        /**< days simulated */
    double population_pl_m2;               /**< PLPOP at the end of the season: at emergence less the plants damage killed, plants/m² */
    double hwam_kg_ha;                     /**< HWAM: grain yield at harvest/maturity, kg/ha dry */
    double hwum_g;                         /**< HWUM: unit kernel weight, g dry/kernel */
    double hnam_m2;                        /**< H#AM: kernels per m² */
    double kernels_per_plant;              /**< GPP: kernels per ear-bearing plant (H#AM = GPP × EARS) */
    double ears_m2;                        /**< EARS: ears per m² (after barrenness) */
    double cwam_kg_ha;                     /**< CWAM: tops dry weight at maturity, kg/ha */
    double laix;                           /**< LAIX: maximum crop LAI, m²/m² */
    double hiam;                           /**< HIAM: harvest index, grain/tops */
    double leaf_number;                    /**< final leaf number, leaves/plant */
    double nucm_kg_ha;                     /**< NUCM: cumulative crop N uptake, kg N/ha */
    double cnam_kg_ha;                     /**< CNAM: tops N at maturity, kg N/ha */
    double gnam_kg_ha;                     /**< GNAM: grain N at maturity, kg N/ha */
    double prcm_mm;                        /**< PRCM: rain over the simulation, mm */
    double ircm_mm;                        /**< IRCM: irrigation, mm */
    double etcm_mm;                        /**< ETCM: evapotranspiration (soil and mulch evaporation + all canopies, as DSSAT), mm */
    double epcm_mm;                        /**< EPCM: transpiration of the present crop, mm */
    double escm_mm;                        /**< ESCM: soil evaporation with the mulch's included (DSSAT ESCM), mm */
    double drcm_mm;                        /**< DRCM: drainage below the profile, mm */
    double rocm_mm;                        /**< ROCM: runoff, mm */
    double nlcm_kg_ha;                     /**< NLCM: nitrate (and urea) leached, kg N/ha */
    double ndnc_kg_ha;                     /**< NDNC: cumulative denitrification, kg N/ha */
    double nicm_kg_ha;                     /**< NICM: fertiliser N applied, kg N/ha */
    double weeds_biomass_max_kg_ha;        /**< largest weed above-ground biomass, kg/ha */
    double weeds_biomass_removed_kg_ha;    /**< weed tops removed from the weed canopy by weedings (left on the field as mulch or carried off), kg/ha */
    double swfac_mean;                     /**< mean SWFAC from emergence to maturity */
    double nstress_mean;                   /**< mean NDEF1 from emergence to maturity */
    double damage_dm_kg_ha;                /**< present crop's dry matter removed by damage
                                                *   (agro_field_set_damage: organs, killed
                                                *   plants and lost assimilate), kg/ha */
    double damage_n_kg_ha;                 /**< crop N removed with it, kg N/ha */
    double water_balance_error_mm;         /**< |initial + in − out − final| over the run, mm */
    double n_balance_error_kg_ha;          /**< same for mineral + crop + weed N, kg N/ha */
    double picm_kg_ha;                     /**< PICM: fertiliser P applied, kg P/ha */
    double pupc_kg_ha;                     /**< PUPC: crop P uptake, kg P/ha (0 without P) */
    double cpam_kg_ha;                     /**< crop P at maturity (or harvest), kg P/ha */
    double pstress_mean;                   /**< mean PStres1 from emergence to maturity (1 without P) */
    double p_balance_error_kg_ha;          /**< |initial + in − out − final| for soil + crop P, kg P/ha */
    double amlc_kg_ha;                     /**< AMLC: NH3 volatilised from fertiliser left on the surface, kg N/ha (DSSAT TOTAML) */
} agro_season_summary;

/** agro_season_summary.crop_failed when the automatic sowing window closed unsown. */
#define AGRO_CROP_NOT_SOWN 2

/** A complete season: soil, options, start, events and end. */
typedef struct agro_season_spec {
    agro_soil_profile soil;        /**< soil profile (validated at run) */
    agro_field_options options;    /**< field options */
    agro_maize_cultivar cultivar;  /**< maize cultivar used by the SOW event(s) */
    int32_t start_year, start_doy; /**< first simulated day */
    int32_t end_year, end_doy;     /**< last day to simulate if reached first (0,0: none) */
    int32_t days_after_maturity;   /**< stop this many days after physiological maturity when no HARVEST event (≥ 0) */
    int32_t n_events;              /**< events used in @ref events */
    agro_event events[AGRO_SEASON_MAX_EVENTS]; /**< management events, any order */
    /** automatic sowing of the (single) SOW event (agro_sowing_window_default: disabled) */
    agro_sowing_window sowing_window;
} agro_season_spec;

/** Opaque field handle. */
typedef struct agro_field agro_field;

/** Defaults: water, N and weeds limited; DSSAT STEMP soil temperature; bare soil; CO₂ 380 ppm;
 *  TAV 25 °C, AMP 5 °C; latitude 0; NaN initial arrays; default weed flora.
 *  @return AGRO_OK; AGRO_EINVAL for a NULL @p o. */
AGRO_API int agro_field_options_default(agro_field_options *o);
/** Disabled window with the criteria of the DSSAT example experiments: 30 cm, 40–100 % of
 *  the available water, 10–40 °C at 10 cm; forced 0. @return AGRO_OK; AGRO_EINVAL for NULL. */
AGRO_API int agro_sowing_window_default(agro_sowing_window *w);
/** Zeroed spec with default options, DFAULT-ecotype cultivar unset, days_after_maturity 0,
 *  and agro_sowing_window_default (disabled). @return AGRO_OK; AGRO_EINVAL for NULL. */
AGRO_API int agro_season_spec_init(agro_season_spec *s);

/** Create a field on @p soil (copied) with @p options (copied; NULL: defaults); *@p out is
 *  NULL on failure. The soil is checked first as agro_soil_validate() checks it, every member
 *  whether or not a process of the field reads it ("root_growth_factor[0]: layer 1 (bottom 5
 *  cm): value required (nan)"; a layer thinner than ::AGRO_SOIL_MIN_LAYER_CM: "depth_cm[4]:
 *  layer 5: the layer from 45 to 45.000001 cm is 1e-06 cm thick, thinner than 0.001 cm, ..."),
 *  then by each process; under CENTURY also as agro_century_init
 *  will check it at the first step, where CENTURY starts (a stable C SASC above the layer's
 *  organic C SLOC: "layer 2 SASC: stable C above the layer's organic C SLOC 0.8 % (0.85)";
 *  the initial NO3 and NH4 at most 1e6 kg N/ha, the organic P 1e7 kg P/ha a layer).
 *  @return AGRO_OK; AGRO_EINVAL for a NULL
 *  @p soil or @p out; a status naming the soil's or options' field that is wrong
 *  (AGRO_EMISSING, AGRO_ERANGE, AGRO_ENUMERIC, AGRO_EORDER ...); AGRO_ENOMEM. */
AGRO_API int agro_field_create(agro_ctx *ctx, const agro_soil_profile *soil,
                               const agro_field_options *options, agro_field **out);
/** Free; NULL is a no-op. */
AGRO_API void agro_field_free(agro_field *f);

/**
 * Sow maize: @p sow is an AGRO_EVENT_SOW (density_pl_m2 > 0, row_spacing_cm > 0, depth_cm
 * > 0), @p cultivar its coefficients. The crop is sown now, before the field's next step,
 * whatever the event's year and doy say (they must only be a possible date): to sow on a given
 * day, call this just before that day's step (agro_season_run does so on the event's date).
 * After a HARVEST the field can be sown again. The summary then starts over for the new crop.
 * Its rain, irrigation and fertiliser totals and its water, N and P balances still cover the
 * whole simulation.
 * @return AGRO_OK; AGRO_EINVAL for a NULL argument or an event that is not SOW; AGRO_ESTATE
 *         if a crop is already growing; AGRO_ERANGE naming the event's or cultivar's field.
 */
AGRO_API int agro_field_sow_maize(agro_ctx *ctx, agro_field *f, const agro_event *sow,
                                  const agro_maize_cultivar *cultivar);
/**
 * Apply a management event now (before the next step). SOW needs a cultivar: use
 * agro_field_sow_maize (apply returns AGRO_ESTATE for SOW unless agro_field_set_cultivar
 * was called). Bad values → AGRO_ERANGE naming the field.
 * @return AGRO_OK; AGRO_EINVAL for a NULL argument or an unknown type; AGRO_ERANGE naming the
 *         member; AGRO_ESTATE for a SOW without a cultivar or with a crop growing, and under
 *         CENTURY an initial residue after the first step; AGRO_ELIMIT for more residue
 *         applications before CENTURY starts or tillage passes on one day than the field
 *         keeps; AGRO_ENOMEM.
 */
AGRO_API int agro_field_apply(agro_ctx *ctx, agro_field *f, const agro_event *e);
/**
 * Check the values of event @p e without a field: its canopy and the ranges of the members its
 * type uses, exactly as agro_field_apply and agro_field_sow_maize check them before acting (not
 * its date, which depends on its timing). agro_season_run checks every event of its spec this
 * way before the first day, so that an event the season never reaches (dated after the crop's
 * end) is no unchecked mistake. @return AGRO_OK; AGRO_EINVAL for NULL or an unknown type;
 * AGRO_ERANGE naming the member otherwise.
 */
AGRO_API int agro_event_check(agro_ctx *ctx, const agro_event *e);
/** Set the cultivar that a later AGRO_EVENT_SOW applied with agro_field_apply uses.
 *  @return AGRO_OK; AGRO_EINVAL for NULL; AGRO_ERANGE naming the coefficient (as
 *  agro_maize_cultivar_validate). */
AGRO_API int agro_field_set_cultivar(agro_ctx *ctx, agro_field *f,
                                     const agro_maize_cultivar *cultivar);
/**
 * Set the atmospheric CO₂ from the next step on, ppm (0..5000, as agro_field_options.co2_ppm):
 * a CO₂ that changes during a run, as DSSAT's dated ECO2 environment modifications.
 * @return AGRO_EINVAL for NULL; AGRO_ERANGE naming co2_ppm otherwise.
 */
AGRO_API int agro_field_set_co2(agro_ctx *ctx, agro_field *f, double co2_ppm);
/**
 * Change the day length the crop sees, as a growth-chamber environment modification (DSSAT
 * EDAY, WTHMOD.for): from the next step on, day length and photoperiod (with twilight) are
 * @p offset_h + @p multiplier × their astronomical values, h, clamped to [0, 24]. (0, 1) is
 * no change; a replacement by X hours is (X, 0). @return AGRO_ERANGE naming the argument for a
 * non-finite value, |offset| > 24 h or a multiplier outside [0, AGRO_DAYLENGTH_MAX_MULTIPLIER]
 * (24: DSSAT's EDAY M has no limit of its own, but the clamp makes any larger multiplier the
 * same as 24 on every day of 1 h or more).
 */
AGRO_API int agro_field_set_daylength_change(agro_ctx *ctx, agro_field *f, double offset_h,
                                             double multiplier);
/**
 * Damage the crop during the next agro_field_step (only that one; an AGRO_EVENT_DAMAGE event
 * does the same, and damage given twice before one step adds up). The percentages apply to
 * the organs as they stand now, at the end of the previous day, as DSSAT's PESTCP converts
 * them; the mass is removed after that day's growth and before its N uptake (MZ_GROSUB), with
 * the N it holds (organ N in proportion). The assimilate loss cuts that day's assimilate
 * before it is partitioned. Damage has effect only from emergence to the end of effective
 * grain fill (CERES stage 5), when the crop grows, the day it fails from cold or drought
 * included; on other days, the last days before physiological maturity and grain-fill days
 * with 0.01 plants/m² or fewer included, only the root length goes (by the root and killed
 * plants' shares; DSSAT's ROOTDM), the mass and the plants stay, as in DSSAT. A
 * steady PASM of p % removes p % of each day's assimilate here; DSSAT takes it from the
 * previous day's already reduced value (p/(1 + p/100) % at steady state).
 * @return AGRO_EINVAL for NULL; AGRO_ERANGE naming the member for a value that is not finite,
 *         negative, or a percentage above 100.
 */
AGRO_API int agro_field_set_damage(agro_ctx *ctx, agro_field *f, const agro_crop_damage *d);
/** Advance one day with the weather @p w (must be finite, tmin ≤ tmax, SRAD 0..50 MJ/m²/d, TMAX
 *  −60..70 °C, TMIN −70..60 °C, rain 0..2000 mm and rain + the day's irrigation at most 2000 mm;
 *  the optional values NaN or finite and possible: wind, PAR, vapour pressure ≥ 0, RH in
 *  [0, 100] %; and, with the numerical soil temperature, a surface temperature in its state
 *  range, agro_soil_temp_step). The field keeps the date of its last step: the first step
 *  after agro_field_create takes any possible date (year 1..9999, a day of that year), every
 *  later one must be the calendar day after the last step. A day repeated, out of order or
 *  after a gap returns AGRO_ERANGE naming the given and the expected date. Every refused day
 *  (a date, a weather value, the water of the day) is refused before anything of it happens:
 *  the field is as it was, and the day can be given again. A refused weather value is named by
 *  its DSSAT column and the date, "SRAD: 2001-100: 60 outside [0, 50]": the day carries no
 *  file, so the runners put the day's file and line before it (agro_weather_day_source; the
 *  readers load such days, docs/formats.md "Weather values a run refuses"), as
 *  agro_field_step_series does for a day of a loaded series.
 *  @return AGRO_OK; AGRO_EINVAL for a NULL @p f or @p w; AGRO_ERANGE for a date or weather value
 *  refused as above; AGRO_ENUMERIC (or AGRO_ERANGE) naming the process and value when one of the
 *  day's soil steps refuses its state (the field is then as it was). */
AGRO_API int agro_field_step(agro_ctx *ctx, agro_field *f, const agro_weather_day *w);
/**
 * Advance one day with day @p index (0-based) of the series @p w, checked as agro_season_run
 * checks each day it runs, for a program that steps a field day by day: a day the readers
 * loaded but agro_weather_check refuses (a missing SRAD, TMAX, TMIN or RAIN; a .WTH value
 * DSSAT's DailyWeatherCheck stops on: TMIN above TMAX, SRAD outside 0..100 MJ/m²/d, RAIN below
 * 0, TMAX and TMIN both 0.00 °C) is refused with that check's status and message
 * ("FILE:LINE: TMIN: above TMAX (23.9 > 10.6 C) on 1982-04-10: ...") before the field sees it;
 * the day then goes to agro_field_step, and a weather value the field refuses (SRAD above
 * 50 MJ/m²/d, TMAX outside −60..70 °C ...) gets where the day comes from before the field's
 * message, "FILE:LINE: SRAD: 1982-100: 60 outside [0, 50]" (agro_weather_day_source; a
 * generated day: "generated weather, station NAME, YYYY-DDD: ..."). Other refusals are
 * agro_field_step's own, a date out of order included (a gap in the series is one:
 * agro_weather_check over the days finds it first). A refused day leaves the field as it was.
 * No text is formatted on a day that runs.
 * @return AGRO_OK; AGRO_EINVAL for a NULL @p f or @p w; AGRO_ERANGE naming "index" for an
 *         @p index outside [0, n_days); AGRO_EMISSING or AGRO_ERANGE from agro_weather_check;
 *         otherwise agro_field_step's status.
 */
AGRO_API int agro_field_step_series(agro_ctx *ctx, agro_field *f, const agro_weather *w,
                                    int32_t index);
/**
 * Tillage passes so far (AGRO_EVENT_TILL): @p passes that acted (DSSAT TILLNO; depth > 0 and a
 * known implement), @p skipped passes whose implement TILOP048.SDA does not hold (DSSAT skips
 * them silently, quirk Q3), and the implement number of the last one skipped (0: none). Any
 * output pointer may be NULL. @return AGRO_EINVAL for a NULL field.
 */
AGRO_API int agro_field_tillage_counts(const agro_field *f, int32_t *passes, int32_t *skipped,
                                       int32_t *last_skipped_implement);
/** Snapshot of the state after the last step. @return AGRO_OK; AGRO_EINVAL for a NULL
 *  argument (no message: the call takes no context). */
AGRO_API int agro_field_get_daily(const agro_field *f, agro_field_daily *out);
/** Season summary so far (final after maturity/harvest). @return AGRO_OK; AGRO_EINVAL for a
 *  NULL argument. */
AGRO_API int agro_field_get_summary(const agro_field *f, agro_season_summary *out);
/** 1 if the crop reached physiological maturity (or was harvested), else 0 (0 for NULL). */
AGRO_API int agro_field_crop_mature(const agro_field *f);
/**
 * The seedbed tests of automatic sowing (DSSAT AUTPLT.for) on the state after the last step:
 * @p avail_water_pct = plant-available water of the top @p sw_depth_cm as % of DUL − LL
 * (Σ thickness·max(SW − LL, 0)/(DUL − LL) / depth, with the part of the layers above that
 * depth; a shallower profile is still divided by the whole depth, as in DSSAT),
 * @p soil_temp_10cm_C = mean temperature of the layer that holds 10 cm.
 * @return AGRO_EINVAL for NULL, AGRO_ERANGE for a depth outside (0, AGRO_SEEDBED_MAX_DEPTH_CM]
 *         cm (NaN included; this call takes no context, so the status is all there is).
 */
AGRO_API int agro_field_seedbed(const agro_field *f, double sw_depth_cm, double *avail_water_pct,
                                double *soil_temp_10cm_C);

/**
 * Every check agro_season_run makes of @p spec, without running it: before its first day (the
 * number of events, days_after_maturity, the start and end dates, the sowing window, each
 * event's values, dates and timing, and that the run would stop), the soil and options (as
 * agro_field_create) and, with a SOW event, the cultivar (as agro_maize_cultivar_validate);
 * not the weather. For callers that step a field through the spec's events themselves.
 * @return AGRO_OK or the status agro_season_run would give, the message naming the same
 * field (the run prefixes a cultivar's with the sowing event).
 */
AGRO_API int agro_season_spec_check(agro_ctx *ctx, const agro_season_spec *spec);

/**
 * Run one season: apply events on their dates (or days after the actual sowing), sow
 * automatically when spec->sowing_window is enabled, step day by day from the start with the
 * weather @p w, and stop at the HARVEST event, at maturity + days_after_maturity, at
 * end_year/end_doy, or at the close of an automatic sowing window without sowing, whichever
 * comes first. The window needs exactly one SOW event; its criteria are checked (AGRO_ERANGE
 * naming the field). An event dated before the start is AGRO_EORDER, one on a day that is not
 * in its year (day 0, day 366 of a common year) AGRO_ERANGE, both naming the event. Every
 * event's values are checked by agro_event_check before the first day (an error names the
 * event, "event 4 (type 2): amount: ..."); an event dated after the season ends is then not
 * applied. @p daily may be NULL; otherwise up to
 * @p max_days snapshots are written (AGRO_ELIMIT if the season is longer). Weather missing
 * for a needed day → AGRO_ENOTFOUND naming the date. A day that agro_field_step refuses on one
 * of its weather values (ranges narrower than the readers': SRAD above 50 MJ/m²/d, TMAX outside
 * −60..70 °C …) ends the run with that status and the field's message after where the day
 * comes from, "FILE:LINE: SRAD: 2001-100: 60 outside [0, 50]" (agro_weather_day_source; a
 * generated day: "generated weather, station NAME, YYYY-DDD: ..."); each day is first checked
 * with agro_weather_check: a day missing a required value ends the run with its AGRO_EMISSING
 * "FILE:LINE: SRAD: missing value on ...", a .WTH day with a value DSSAT stops on (TMIN above
 * TMAX, SRAD outside 0..100, RAIN below 0, TMAX and TMIN both 0.00 °C) with its AGRO_ERANGE.
 * (Each day is agro_field_step_series's.)
 */
AGRO_API int agro_season_run(agro_ctx *ctx, const agro_season_spec *spec,
                             const agro_weather *w, agro_season_summary *summary,
                             agro_field_daily *daily, int32_t max_days, int32_t *n_days);

AGRO_API size_t agro_sizeof_field_options(void);
AGRO_API size_t agro_sizeof_event(void);
AGRO_API size_t agro_sizeof_field_daily(void);
AGRO_API size_t agro_sizeof_season_summary(void);
AGRO_API size_t agro_sizeof_season_spec(void);
AGRO_API size_t agro_sizeof_sowing_window(void);
AGRO_API size_t agro_sizeof_crop_damage(void);

#ifdef __cplusplus
}
#endif
#endif
