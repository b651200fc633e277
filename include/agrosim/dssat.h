/**
 * @file dssat.h
 * @brief DSSAT experiments: the experiment ("X") file reader (`*.MZX`, `*.SBX`, …), the
 *        end-of-season observation ("A") file reader, the mapping of a treatment to a field
 *        season (::agro_season_spec), a treatment runner, and validation statistics.
 *
 * Formats follow the DSSAT v4.8 file conventions (ICASA data standards; DSSAT-CSM
 * `InputModule` readers): sections start with `*`, column headers with `@`, comments with
 * `!`; columns are located by the header names (not by fixed positions); `-99` is missing.
 * Dates are `YYDDD` (two-digit year: ≤ 35 → 20YY, else 19YY, DSSAT Y4K_DOY) or `YYYYDDD`;
 * a day of year 0 or past its year's end is AGRO_ERANGE naming the file, line and column
 * (docs/formats.md, "DSSAT X file dates").
 *
 * In the structs below dates are **YEARDOY integers** (year × 1000 + day of year, e.g.
 * 1982057), 0 when absent; missing numbers are NaN; DSSAT codes such as `FE005`, `AP002`,
 * `IR001`, `RE001`, `GS000` are stored as their number (5, 2, 1, 1, 0), 0 when absent (growth
 * stages GSxxx: -1 when absent); one-letter options (`Y`, `N`, `R`, `A`, `M`, …) are stored
 * as their ASCII code, 0 when absent.
 */
#ifndef AGROSIM_DSSAT_H
#define AGROSIM_DSSAT_H

#include "agrosim/core.h"
#include "agrosim/field.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Largest number of initial-condition layers of one treatment. */
#define AGRO_DSSAT_MAX_LAYERS 30
/** Largest number of irrigation events of one treatment. */
#define AGRO_DSSAT_MAX_IRRIGATIONS 150
/** Largest number of fertiliser applications of one treatment. */
#define AGRO_DSSAT_MAX_FERTILISERS 30
/** Largest number of residue applications of one treatment. */
#define AGRO_DSSAT_MAX_RESIDUES 10
/** Largest number of tillage passes of one treatment (DSSAT's NAPPL is 9000). */
#define AGRO_DSSAT_MAX_TILLAGE 20
/** Largest number of harvest records of one treatment. */
#define AGRO_DSSAT_MAX_HARVESTS 10
/** Largest number of environment-modification records of one treatment. */
#define AGRO_DSSAT_MAX_ENVMODS 10
/** Largest number of automatic-irrigation rows (growth stages) of one treatment (DSSAT's 20). */
#define AGRO_DSSAT_MAX_AUTO_IRR_ROWS 20
/** Environment modification variables, in X-file column order (EDAY … EWIND). */
enum {
    AGRO_DSSAT_ENV_DAYLENGTH = 0, /**< EDAY, h */
    AGRO_DSSAT_ENV_SRAD = 1,      /**< ERAD, MJ/m²/d */
    AGRO_DSSAT_ENV_TMAX = 2,      /**< EMAX, °C */
    AGRO_DSSAT_ENV_TMIN = 3,      /**< EMIN, °C */
    AGRO_DSSAT_ENV_RAIN = 4,      /**< ERAIN, mm */
    AGRO_DSSAT_ENV_CO2 = 5,       /**< ECO2, ppm */
    AGRO_DSSAT_ENV_DEW = 6,       /**< EDEW, °C */
    AGRO_DSSAT_ENV_WIND = 7,      /**< EWIND, km/d */
    AGRO_DSSAT_ENV_N = 8
};

/** Text attributes of a treatment (agro_dssat_treatment_text). */
enum {
    AGRO_DSSAT_TEXT_NAME = 0,        /**< TNAME, treatment name */
    AGRO_DSSAT_TEXT_CROP = 1,        /**< CR of the cultivar, e.g. "MZ" */
    AGRO_DSSAT_TEXT_CULTIVAR_ID = 2, /**< INGENO, e.g. "IB0035" */
    AGRO_DSSAT_TEXT_CULTIVAR_NAME = 3, /**< CNAME */
    AGRO_DSSAT_TEXT_WEATHER_STATION = 4, /**< WSTA, e.g. "UFGA" or "IBWA8302" */
    AGRO_DSSAT_TEXT_SOIL_ID = 5,     /**< ID_SOIL, e.g. "IBMZ910014" */
    AGRO_DSSAT_TEXT_FIELD_ID = 6,    /**< ID_FIELD */
    AGRO_DSSAT_TEXT_PREVIOUS_CROP = 7 /**< PCR of the initial conditions, e.g. "MZ" */
};

/**
 * Inputs of a treatment that are read but not simulated (agro_dssat_treatment.ignored). The
 * results of such a treatment differ from DSSAT's by what the input would have done; callers
 * show them (the CLI prints a note on stderr). Each bit is set only when the treatment
 * actually asks for the input, as DSSAT reads it.
 */
enum {
    /** Not set since 2026-11-29 (the bit keeps its value so that the others keep theirs):
     *  MESOM = 'P' now runs the DSSAT-CENTURY organic matter (agro_field_options
     *  soil_om_method). It used to mean that CENTURY was asked for and CERES ran instead. */
    AGRO_DSSAT_IGNORED_CENTURY = 1 << 0,
    /** DISES = 'Y' without a T file beside the X file (IUAF9902.MZX: IUAF9902.MZT): no pest
     *  and damage progress to apply, so the crop grows undamaged (DSSAT stops with an error).
     *  With the T file the runner applies its pest columns (agro_dssat_pest_load). */
    AGRO_DSSAT_IGNORED_PEST_DAMAGE = 1 << 1,
    /** POTAS = 'Y': no K balance, so no K limitation (FAMK and soil K unused); or PHOSP = 'H':
     *  the P model starts from the soil-test P, not from Hedley fractions. (PHOSP = 'Y' is
     *  simulated: soil_phosphorus.h.) */
    AGRO_DSSAT_IGNORED_POTASSIUM = 1 << 2,
    /** MT level > 0 and TILL 'Y' or 'R' (or no simulation-controls level, where DSSAT tills by
     *  default; a blank or absent TILL in a present level is 'N' to DSSAT): the runner turns
     *  the passes into AGRO_EVENT_TILL, which mixes, incorporates and changes bulk density,
     *  saturation, Ksat and the curve number with their recovery with rain, on agrosim's fixed
     *  layers (docs/model.md §8.1). Still not simulated: the layer thickness changes (DSSAT's
     *  moving layers), texture mixing (docs/design/tillage.md §3.2.4), K, the SOM rule of the
     *  base properties (tillage.md §3.4)
     *  and the irrigation method that decides what counts as TIL_IRR (every irrigation counts
     *  here); so the bit stays one. */
    AGRO_DSSAT_IGNORED_TILLAGE = 1 << 3,
    /** MC level > 0 and CHEM = 'Y': chemical applications are not simulated. */
    AGRO_DSSAT_IGNORED_CHEMICALS = 1 << 4,
    /** MESEV = 'S' (DSSAT 4.8's default, also when the column is absent): the Suleiman–Ritchie
     *  soil evaporation is not used; the runner keeps Ritchie's two-stage evaporation with
     *  UP_FLOW (MESEV = R; the method is available as AGRO_SOIL_EVAP_SULEIMAN_RITCHIE,
     *  docs/model.md §9.1 says why it is not the default). */
    AGRO_DSSAT_IGNORED_SOIL_EVAPORATION = 1 << 5,
    /** FERTI = 'A' or 'F': no automatic N fertiliser is applied (NMDEP, NMTHR, NAMNT, NCODE
     *  unused). DSSAT 4.8 applies none either: its automatic N routine in Fert_Place.for is
     *  commented out, so the results match DSSAT's; the note tells the user. */
    AGRO_DSSAT_IGNORED_AUTO_FERTILISER = 1 << 6,
    /** No longer set: METMP = 'E' (METHODS row, DSSAT 4.8) now runs the EPIC soil temperature
     *  (AGRO_SOIL_TEMP_EPIC, DSSAT STEMP_EPIC). Kept, with its description, for the ABI; it once
     *  meant that the runner kept DSSAT's STEMP for E. */
    AGRO_DSSAT_IGNORED_SOIL_TEMPERATURE = 1 << 7,
    /** MEGHG = '1' (METHODS row, DSSAT 4.8): DayCent's denitrification and N2O (Denit_DayCent)
     *  are not simulated; the runner keeps CERES denitrification (Denit_Ceres, MEGHG = 0). */
    AGRO_DSSAT_IGNORED_DAYCENT_GHG = 1 << 8,
    /** RESID = 'A' with residue rows: DSSAT's automatic residue application (OM_Place.for, at
     *  the automatic-management row's RTIME days after planting) is not simulated; R and D are. */
    AGRO_DSSAT_IGNORED_AUTO_RESIDUE = 1 << 9,
    /** EVAPO other than R (METHODS row: FAO-56 and DSSAT's other potential ET methods; the
     *  runner's is Priestley–Taylor, EVAPO R), WTHER other than M (generated or simulated
     *  weather; the runner reads the measured .WTH), or CO2 = W (CO2 from the weather file; the
     *  runner uses the monthly records of option M). */
    AGRO_DSSAT_IGNORED_METHODS = 1 << 10,
    /** With the water balance on, ICWD > 0 (DSSAT WaterTable.f90 saturates the soil below that
     *  initial water table and lets capillary rise feed the profile) or a kept irrigation row
     *  IR007-IR011 (a managed water table depth, percolation, bunds, puddling, a constant flood
     *  depth: IRRIG.for, FLOOD_IRRIG), or FLDD > 0 (tile drains at that depth: WATBAL's
     *  TILEDRAIN.for drains the saturated layers above them): no water table, no flooding and
     *  no tile drainage are simulated; the profile drains freely and those rows add no water. */
    AGRO_DSSAT_IGNORED_WATER_TABLE = 1 << 11,
    /** Reported rows out of date order within their level: DSSAT's daily scans go through the
     *  rows in file order and stop at the first one dated after the day (IRRIG.for under
     *  IRRIG R and D, Fert_Place.for, OM_Place.for), so an irrigation (IR001-IR006),
     *  fertiliser or residue row that follows a later-dated row is never applied; under IRRIG
     *  P and W a row dated after the last row is not (the automatic part runs from the day
     *  after the last row's date); and the environment modification in force is the row before
     *  the first one dated after the day (WTHMOD.for). The runner does the same, so the results
     *  are DSSAT's; the bit tells that rows were skipped or take effect in file order. */
    AGRO_DSSAT_IGNORED_UNORDERED_ROWS = 1 << 12,
    /** All bits defined above. */
    AGRO_DSSAT_IGNORED_ALL = (1 << 13) - 1
};

/**
 * Everything the X file says about one treatment, its factor levels resolved. Numbers only
 * (ctypes/HDF5 friendly); texts via agro_dssat_treatment_text().
 */
typedef struct agro_dssat_treatment {
    int32_t number;          /**< N: treatment number */
    int32_t rotation;        /**< R: rotation component */
    int32_t option;          /**< O: option */
    int32_t crop_component;  /**< C: crop component */
    int32_t levels[13];      /**< CU FL SA IC MP MI MF MR MC MT ME MH SM factor levels (0 = none) */
    int32_t line;            /**< line of the treatment in the X file */
    int32_t line_planting;   /**< line of the planting level (0 if none) */
    int32_t line_initial;    /**< line of the initial-conditions level (0 if none) */
    int32_t line_controls;   /**< line of the simulation-controls level (0 if none) */
    int32_t line_field;      /**< line of the field level */

    /* ---- simulation controls (SM level) ---- */
    int32_t start_date;      /**< YEARDOY, first simulated day: SDATE, or as START moves it (start_mode); without SDATE the planting date (DSSAT IPSIM/IPEXP) */
    int32_t n_years;         /**< NYERS: seasons of a multi-year run (agro_dssat_run_options.season) */
    int32_t water;           /**< WATER option (ASCII: 'Y' simulate water balance, 'N' no water stress) */
    int32_t nitrogen;        /**< NITRO option ('Y'/'N'; 'N' whenever WATER is 'N', as DSSAT IPSIM) */
    int32_t co2_option;      /**< CO2 option (ASCII, e.g. 'M' measured record) */
    int32_t phosphorus;      /**< PHOSP option ('Y' simulate the P balance; 0 absent = DSSAT 'N') */
    int32_t potassium;       /**< POTAS option ('Y' simulate the K balance; 0 absent = DSSAT 'N') */
    int32_t diseases;        /**< DISES option ('Y' apply the pest and damage progress of the T file; 0 absent = 'N') */
    int32_t chemicals;       /**< CHEM option ('Y' apply the chemicals of the MC level; 0 absent = 'N') */
    int32_t tillage;         /**< TILL option ('N' ignore the tillage of the MT level; 0 absent: DSSAT tills) */
    int32_t som_method;      /**< MESOM (METHODS row): 'G' CERES-Godwin, 'P' DSSAT-CENTURY (Parton); 0 absent = 'G' */
    int32_t evap_method;     /**< MESEV (METHODS row): 'S' Suleiman–Ritchie soil evaporation (DSSAT 4.8 default, also when absent), 'R' Ritchie two-stage */
    int32_t soil_layering;   /**< MESOL (METHODS row): 1 LYRSET, 2 LYRSET2 (DSSAT default, also when absent), 3 the soil file's layers (agro_soil_relayer_dssat) */
    int32_t plant_mode;      /**< PLANT: 'R' reported date, 'A' automatic */
    int32_t irrig_mode;      /**< IRRIG: 'R' reported dates, 'D' reported days after planting, 'A' automatic
                                  (refill), 'F' automatic fixed amount, 'E'/'T' automatic when the
                                  evapotranspiration since the last irrigation passes IMDEP mm (a share
                                  of it / a fixed amount), 'P'/'W' reported through the last reported
                                  day then automatic refill/fixed amount, 'N' none */
    int32_t fert_mode;       /**< FERTI: 'R' reported dates, 'D' days after planting, 'A'/'F' automatic
                                  (inactive in DSSAT 4.8: AGRO_DSSAT_IGNORED_AUTO_FERTILISER), 'N' none */
    int32_t residue_mode;    /**< RESID: 'R', 'A', 'N' */
    int32_t harvest_mode;    /**< HARVS: 'M' at maturity, 'R' reported date, 'D' days after planting, 'A' automatic
                                  after maturity (HFRST, HLAST, PH2OL..PH2OU), 'G' when the crop leaves stage HSTG */
    int32_t plant_first, plant_last; /**< PFRST, PLAST automatic planting window, YEARDOY */
    double plant_h2o_low_pct, plant_h2o_high_pct, plant_h2o_depth_cm; /**< PH2OL, PH2OU %, PH2OD cm */
    double plant_tmax_C, plant_tmin_C; /**< PSTMX, PSTMN: soil temperature window, °C */
    double auto_irr_depth_cm;     /**< IMDEP: management depth for automatic irrigation, cm */
    double auto_irr_threshold_pct;/**< ITHRL: irrigate when available water < this % of capacity */
    double auto_irr_target_pct;   /**< ITHRU: refill to this % of capacity */
    int32_t auto_irr_end_stage;   /**< IROFF growth stage number (GS000 → 0) */
    int32_t auto_irr_method;      /**< IMETH operation code number (IR001 → 1) */
    double auto_irr_amount_mm;    /**< IRAMT: fixed amount per automatic irrigation, mm */
    double auto_irr_efficiency;   /**< IREFF: application efficiency, fraction */
    double auto_n_depth_cm, auto_n_threshold_pct, auto_n_amount_kg_ha; /**< NMDEP cm, NMTHR %, NAMNT kg N/ha */
    int32_t auto_n_material;      /**< NCODE fertiliser material number */
    int32_t harvest_first;   /**< HFRST: HARVS A harvests from this many days after maturity on (DSSAT HDLAY), d */
    int32_t harvest_last;    /**< HLAST: HARVS A harvests by the day after this, YEARDOY (0 none: at once) */
    double harvest_pct_product, harvest_pct_residue; /**< HPCNP, HPCNR, % */

    /* ---- field (FL level) ---- */
    double latitude_deg;     /**< YCRD, decimal degrees (NaN if absent or 0-filled) */
    double longitude_deg;    /**< XCRD, decimal degrees */
    double elevation_m;      /**< ELEV, m */
    double soil_depth_cm;    /**< SLDP, cm */
    /** FLHST as AGRO_FIELD_HISTORY_* of soil_century.h (FH101 → 1 … FH302 → 6). Used only with
     *  MESOM = P, as DSSAT's SOMFRAC_INIT; NONE when FLHST is missing or FHDUR negative (−99;
     *  DSSAT then uses its default fractions); an unknown code is an error. */
    int32_t field_history;
    /** FHDUR, whole years (a blank is 0, as DSSAT's integer read; a fraction is an error) */
    int32_t field_history_years;

    /* ---- initial conditions (IC level; none when levels[3] == 0) ---- */
    int32_t ic_date;         /**< ICDAT, YEARDOY */
    int32_t ic_n_layers;     /**< layers in the ic_* arrays */
    double ic_root_kg_ha;    /**< ICRT: root weight of the previous crop, kg/ha */
    double ic_nodule_kg_ha;  /**< ICND: nodule weight of the previous crop, kg/ha */
    /** RCN of the previous crop PCR: N content of its root residue, % (DSSAT RESCH048.SDA via
     *  IPSOIL: the first row whose CR is PCR; PCR blank, -99 or not in the file: the generic
     *  RE001 value, 0.90 %); NaN without an initial-conditions level */
    double ic_root_n_pct;
    /** RCP of the previous crop, P content of its root residue, %, looked up as RCN (RESCH048.SDA;
     *  generic RE001 0.09 %); NaN without an initial-conditions level */
    double ic_root_p_pct;
    double ic_rhizobia_number, ic_rhizobia_effect; /**< ICRN, ICRE, dimensionless */
    double ic_water_table_cm;/**< ICWD, cm */
    double ic_residue_kg_ha; /**< ICRES: surface residue of the previous crop, kg dry matter/ha */
    double ic_residue_n_pct; /**< ICREN, % */
    double ic_residue_p_pct; /**< ICREP, % */
    double ic_residue_incorporation_pct; /**< ICRIP, % incorporated */
    double ic_residue_depth_cm;          /**< ICRID, cm */
    double ic_depth_cm[AGRO_DSSAT_MAX_LAYERS]; /**< ICBL: depth of layer bottom, cm */
    double ic_sw[AGRO_DSSAT_MAX_LAYERS];       /**< SH2O: volumetric water, cm³/cm³ */
    double ic_nh4_ppm[AGRO_DSSAT_MAX_LAYERS];  /**< SNH4: ammonium, mg N/kg soil */
    double ic_no3_ppm[AGRO_DSSAT_MAX_LAYERS];  /**< SNO3: nitrate, mg N/kg soil */

    /* ---- soil analysis (SA level; sa_n_layers = 0 when levels[2] == 0) ---- */
    int32_t sa_n_layers;     /**< layers in the sa_* arrays */
    int32_t sa_p_method;     /**< SMPX of the SA level as its SA0nn number (soil.h p_method; 0 missing or not SA) */
    double sa_depth_cm[AGRO_DSSAT_MAX_LAYERS];           /**< SABL: depth of layer bottom, cm */
    double sa_bulk_density_g_cm3[AGRO_DSSAT_MAX_LAYERS]; /**< SADM, g/cm³ (NaN missing) */
    double sa_organic_carbon_pct[AGRO_DSSAT_MAX_LAYERS]; /**< SAOC, % (NaN missing) */
    double sa_total_n_pct[AGRO_DSSAT_MAX_LAYERS];        /**< SANI, % (NaN missing) */
    double sa_ph_water[AGRO_DSSAT_MAX_LAYERS];           /**< SAPHW, pH in water (NaN missing) */
    double sa_extractable_p_mg_kg[AGRO_DSSAT_MAX_LAYERS]; /**< SAPX, extractable P by SMPX, mg P/kg (NaN missing) */

    /* ---- planting (MP level; none when levels[4] == 0) ---- */
    int32_t plant_date;      /**< PDATE, YEARDOY */
    int32_t emergence_date;  /**< EDATE, YEARDOY (0 if not given): observed emergence; DSSAT-CSM 4.8's maize does not use it (MZ_PHENOL resets YREMRG), only START = E does */
    double plants_sown_m2;   /**< PPOP: plant population at seeding, plants/m² */
    double plants_emerged_m2;/**< PPOE: plant population at emergence, plants/m² */
    int32_t plant_method;    /**< PLME (ASCII, 'S' dry seed …) */
    int32_t plant_distribution; /**< PLDS (ASCII, 'R' rows, 'H' hills …) */
    double row_spacing_cm;   /**< PLRS, cm; NaN when missing (the runner then plants at 100/√PLTPOP cm, IPPLNT_Inp) */
    double row_direction_deg;/**< PLRD, degrees from north */
    double sowing_depth_cm;  /**< PLDP, cm */

    /* ---- irrigation (MI level) ---- */
    double irr_efficiency;   /**< EFIR: application efficiency, fraction */
    double irr_depth_cm;     /**< IDEP: management depth, cm */
    double irr_threshold_pct;/**< ITHR, % */
    double irr_end_pct;      /**< IEPT, % */
    int32_t irr_end_stage;   /**< IOFF stage number */
    int32_t irr_method;      /**< IAME operation code number */
    double irr_amount_mm;    /**< IAMT, mm */
    int32_t n_irrigations;   /**< events below */
    int32_t irr_date[AGRO_DSSAT_MAX_IRRIGATIONS];      /**< IDATE, YEARDOY; days after planting when irrig_mode is 'D' */
    int32_t irr_operation[AGRO_DSSAT_MAX_IRRIGATIONS]; /**< IROP code number (IR001 → 1) */
    double irr_value_mm[AGRO_DSSAT_MAX_IRRIGATIONS];   /**< IRVAL, mm */

    /* ---- fertilisers (MF level) ---- */
    int32_t n_fertilisers;   /**< number of fertiliser applications below (0..AGRO_DSSAT_MAX_FERTILISERS) */
    int32_t fert_date[AGRO_DSSAT_MAX_FERTILISERS];     /**< FDATE, YEARDOY; days after planting when fert_mode is 'D' */
    int32_t fert_material[AGRO_DSSAT_MAX_FERTILISERS]; /**< FMCD number (FE005 urea → 5) */
    int32_t fert_method[AGRO_DSSAT_MAX_FERTILISERS];   /**< FACD number (AP002 → 2; 0 absent) */
    double fert_depth_cm[AGRO_DSSAT_MAX_FERTILISERS];  /**< FDEP, cm */
    double fert_n_kg_ha[AGRO_DSSAT_MAX_FERTILISERS];   /**< FAMN, kg N/ha */
    double fert_p_kg_ha[AGRO_DSSAT_MAX_FERTILISERS];   /**< FAMP, kg P/ha */
    double fert_k_kg_ha[AGRO_DSSAT_MAX_FERTILISERS];   /**< FAMK, kg K/ha */

    /* ---- residues and organic fertiliser (MR level) ---- */
    int32_t n_residues;      /**< number of residue applications below */
    int32_t res_date[AGRO_DSSAT_MAX_RESIDUES];         /**< RDATE, YEARDOY */
    int32_t res_material[AGRO_DSSAT_MAX_RESIDUES];     /**< RCOD number (RE001 → 1) */
    double res_amount_kg_ha[AGRO_DSSAT_MAX_RESIDUES];  /**< RAMT, kg dry matter/ha */
    double res_n_pct[AGRO_DSSAT_MAX_RESIDUES];         /**< RESN, % */
    double res_incorporation_pct[AGRO_DSSAT_MAX_RESIDUES]; /**< RINP, % */
    double res_depth_cm[AGRO_DSSAT_MAX_RESIDUES];      /**< RDEP, cm */

    /* ---- harvest (MH level) ---- */
    int32_t n_harvests;      /**< number of harvest rows below */
    int32_t harv_date[AGRO_DSSAT_MAX_HARVESTS];        /**< HDATE, YEARDOY (0 missing); days after planting (-1 missing) when harvest_mode is 'D' */
    int32_t harv_stage[AGRO_DSSAT_MAX_HARVESTS];       /**< HSTG number (GS006 → 6) */
    double harv_pct[AGRO_DSSAT_MAX_HARVESTS];          /**< HPC, % of product harvested */

    /* ---- environment modifications (ME level) ---- */
    int32_t n_envmods;       /**< number of environment modification rows below */
    int32_t env_date[AGRO_DSSAT_MAX_ENVMODS];          /**< ODATE, YEARDOY */
    int32_t env_code[AGRO_DSSAT_MAX_ENVMODS][AGRO_DSSAT_ENV_N]; /**< 'A' add, 'S' subtract, 'M' multiply, 'R' replace, 0 none */
    double env_value[AGRO_DSSAT_MAX_ENVMODS][AGRO_DSSAT_ENV_N]; /**< value per variable (AGRO_DSSAT_ENV_*) */

    /* ---- what the runner reads but does not simulate ---- */
    int32_t ignored;         /**< AGRO_DSSAT_IGNORED_* bits: inputs of this treatment that the runner
                                  (agro_dssat_season_spec, agro_dssat_run_treatment) does not
                                  simulate; 0 when every input is used (agro_dssat_ignored_describe) */

    /* ---- automatic irrigation by growth stage (SM level; DSSAT 4.8 IRRIG.for) ---- */
    /** IRRIGATION rows of the simulation-controls level (0 when it has none). Row 0 repeats
     *  the auto_irr_* values above (the runner reads those for it) and applies from the
     *  simulation start; row k ≥ 1 takes over
     *  (IRRIG A, F, E, T) from the day after the crop leaves DSSAT growth stage
     *  auto_irr_row_stage[k] (STGDOY), one row per day, in order. */
    int32_t n_auto_irr_rows;
    /** IROFF as a DSSAT stage number (GS001 → 1; CERES-Maize STGDOY index: 7 sowing,
     *  8 germination, 9 emergence, 1 end juvenile, 2 tassel initiation, 3 silking, 4 start of
     *  grain fill, 5 end of effective grain fill, 6 maturity, 14 simulation start) */
    int32_t auto_irr_row_stage[AGRO_DSSAT_MAX_AUTO_IRR_ROWS];
    /** IFREQ: days that must pass from one automatic irrigation to the next (0: no limit) */
    int32_t auto_irr_row_interval_d[AGRO_DSSAT_MAX_AUTO_IRR_ROWS];
    /** IMDEP: management depth, cm; under IRRIG E and T the accumulated evapotranspiration
     *  minus net rain that triggers an irrigation, mm (NaN: DSSAT's 30) */
    double auto_irr_row_depth_cm[AGRO_DSSAT_MAX_AUTO_IRR_ROWS];
    double auto_irr_row_threshold_pct[AGRO_DSSAT_MAX_AUTO_IRR_ROWS]; /**< ITHRL, % of capacity */
    /** ITHRU: refill to this % of capacity (A); under E the % of the accumulated ET applied */
    double auto_irr_row_target_pct[AGRO_DSSAT_MAX_AUTO_IRR_ROWS];
    double auto_irr_row_amount_mm[AGRO_DSSAT_MAX_AUTO_IRR_ROWS];     /**< IRAMT, mm (F, T, W) */
    double auto_irr_row_efficiency[AGRO_DSSAT_MAX_AUTO_IRR_ROWS];    /**< IREFF, fraction */
    /** AVWAT: water available for irrigation, mm (NaN: no limit); over the whole season when
     *  only the first row gives it, else for the stage of each row that gives it */
    double auto_irr_row_water_mm[AGRO_DSSAT_MAX_AUTO_IRR_ROWS];

    /** SASC of the soil analysis: stable organic C, % (NaN missing), the SOM3 of the CENTURY
     *  organic matter (MESOM = P); by the sa_depth_cm layers */
    double sa_stable_c_pct[AGRO_DSSAT_MAX_LAYERS];
    /** SCN, SCP of the previous crop PCR: N and P of its shoot residue, % (RESCH048.SDA, as
     *  ic_root_n_pct), the defaults and bounds of ICREN, ICREP under CENTURY; NaN without an
     *  initial-conditions level */
    double ic_shoot_n_pct, ic_shoot_p_pct;
    /** PRLIG of the previous crop: lignin fraction of its roots, which DSSAT's CENTURY gives all
     *  the initial residue (RESCH048.SDA); NaN without an initial-conditions level */
    double ic_lignin_frac;
    double res_p_pct[AGRO_DSSAT_MAX_RESIDUES];         /**< RESP, % (NaN missing) */
    /** 1: the previous crop PCR is a grass (BM, BH, BR, G0, G1, GW), for which DSSAT's CENTURY
     *  puts 6 % of the organic P in SOM1 instead of 3 % (SOMINIT_C); 0 otherwise */
    int32_t ic_previous_grass;
    /* ---- tillage (MT level): read and checked as DSSAT's IPTILL does, whatever TILL says;
       when DSSAT tills, the runner applies them as AGRO_EVENT_TILL (mixing, incorporation, BD,
       SAT, Ksat, curve number and their recovery, on fixed layers; AGRO_DSSAT_IGNORED_TILLAGE
       for what is left) ---- */
    int32_t n_tillage;       /**< tillage passes below, in file order */
    int32_t till_date[AGRO_DSSAT_MAX_TILLAGE];      /**< TDATE, YEARDOY, not before the simulation start */
    int32_t till_implement[AGRO_DSSAT_MAX_TILLAGE]; /**< TIMPL number, 1..998 (TI003 → 3; TILOP048.SDA) */
    double till_depth_cm[AGRO_DSSAT_MAX_TILLAGE];   /**< TDEP, cm ≥ 0, rounded to 0.1 cm as DSSAT's input file carries it */
    /** INFIL (METHODS row): 'R', 'S' or 'M' simulate the surface mulch (DSSAT-CSM 4.8: all
     *  three alike), anything else, a blank included, does not (DSSAT IPSIM); 'S' without a
     *  simulation-controls level */
    int32_t infil_method;
    /** METMP (METHODS row, DSSAT 4.8): 'E' EPIC soil temperature (run as AGRO_SOIL_TEMP_EPIC),
     *  'D' DSSAT's STEMP for every other letter, a blank or an absent column (IPSIM) */
    int32_t temp_method;
    /** AM, EXTFAC, WATFAC of the previous crop PCR (RESCH048.SDA, as ic_root_n_pct): its
     *  residue's area per mass, cm²/g, extinction coefficient, and water held at saturation,
     *  kg/kg, for the initial surface residue as mulch; NaN without an initial-conditions level */
    double ic_residue_area_cm2_g, ic_residue_extinction, ic_residue_water_kg_kg;
    /** MEGHG (METHODS row, DSSAT 4.8): '1' DayCent denitrification and N2O
     *  (AGRO_DSSAT_IGNORED_DAYCENT_GHG), '0' CERES (Denit_Ceres) for every other letter, a blank
     *  or an absent column (IPSIM) */
    int32_t ghg_method;
    /** START (GENERAL row of the simulation controls; IPEXP, INPUT_SUB): 'S' the simulation
     *  starts on SDATE (default), 'P' on the planting date (the window's first day with
     *  automatic planting), 'E' on EDATE, which becomes the planting date as well, 'I' on ICDAT;
     *  start_date holds the result */
    int32_t start_mode;
    /** X-file line of each event row above, index for index with the arrays they belong to
     *  (irr_date, fert_date, res_date, harv_date, till_date), so that an error found when the
     *  row becomes an event names the row's line, not the treatment's */
    int32_t line_irrigation[AGRO_DSSAT_MAX_IRRIGATIONS];
    int32_t line_fertiliser[AGRO_DSSAT_MAX_FERTILISERS];
    int32_t line_residue[AGRO_DSSAT_MAX_RESIDUES];
    int32_t line_harvest[AGRO_DSSAT_MAX_HARVESTS];
    int32_t line_tillage[AGRO_DSSAT_MAX_TILLAGE];
    /** EVAPO and WTHER of the METHODS row as written ('R' and 'M' when absent, DSSAT's
     *  defaults): anything else is run as R and M (AGRO_DSSAT_IGNORED_METHODS) */
    int32_t pet_method, weather_method;
    /** X-file line of each environment modification row (env_date), so that a day the
     *  modification leaves impossible names its row */
    int32_t line_envmod[AGRO_DSSAT_MAX_ENVMODS];
    /** X-file line of each initial-condition layer row (ic_depth_cm), so that a value the
     *  mapping onto the soil layers refuses names its row */
    int32_t line_ic[AGRO_DSSAT_MAX_LAYERS];
} agro_dssat_treatment;

/** Opaque, parsed X file. */
typedef struct agro_dssat_exp agro_dssat_exp;

/**
 * Read a DSSAT experiment file (any crop). Every section that carries simulation inputs is
 * parsed; malformed numbers, dates or codes fail with "FILE:LINE: COLUMN: what (value)". A line
 * ends in LF, CRLF or a lone CR (a CR cannot stand inside a line), here and in the A and T
 * files the readers below take; a trailing Ctrl-Z is ignored. A column named twice in an `@`
 * header of a section that is read (all but *EXP.DETAILS and *GENERAL) is AGRO_EFORMAT naming
 * the line and column, as DSSAT reads these tables by position; a name that starts with no
 * letter ("-99") is no column name and may repeat. The A and T files, which DSSAT reads by
 * header name, may repeat a name (DSSAT's Maize/GHWA0401.MZA has six "-99"): the first such
 * column is read. A treatment line with no value under one
 * of the factor-level columns CU ... SM (a line cut short, which DSSAT reads as level 0) is
 * AGRO_EMISSING naming the line and the column; 0 is written for no level.
 * @return AGRO_OK, AGRO_EIO, AGRO_EFORMAT, AGRO_EMISSING (no *TREATMENTS, a factor level
 *         missing), AGRO_ELIMIT;
 *         @p out is NULL on error, else an experiment the caller frees with agro_dssat_exp_free().
 */
AGRO_API int agro_dssat_exp_load(agro_ctx *ctx, const char *path, agro_dssat_exp **out);
/** Free; NULL is a no-op. */
AGRO_API void agro_dssat_exp_free(agro_dssat_exp *x);
/** Number of treatments. @return AGRO_OK; AGRO_EINVAL for NULL. */
AGRO_API int agro_dssat_exp_n_treatments(const agro_dssat_exp *x, int32_t *n);
/** Treatment number (N) of the treatment at @p index (0-based, file order). @return AGRO_OK;
 *  AGRO_EINVAL for NULL; AGRO_ERANGE for an @p index outside 0..n − 1. */
AGRO_API int agro_dssat_exp_treatment_number(const agro_dssat_exp *x, int32_t index,
                                             int32_t *number);
/** Experiment code from `*EXP.DETAILS:` (e.g. "UFGA8201"), and the crop code ("MZ") if @p crop;
 *  AGRO_ELIMIT when one does not fit its buffer (it then holds the truncated text). */
AGRO_API int agro_dssat_exp_code(const agro_dssat_exp *x, char *code, size_t n, char *crop,
                                 size_t n_crop);
/** Path the experiment was read from, owned by @p x: valid until agro_dssat_exp_free(@p x);
 *  "" (static) for a NULL @p x. */
AGRO_API const char *agro_dssat_exp_path(const agro_dssat_exp *x);
/**
 * Resolve treatment @p number (N column) into @p out, with out->ignored naming the inputs
 * that the runner reads but does not simulate (AGRO_DSSAT_IGNORED_*). A factor level that the
 * treatment names but the section lacks is AGRO_ENOTFOUND naming the treatment line and the
 * factor; a malformed soil-analysis value is AGRO_EFORMAT naming its line and column.
 */
AGRO_API int agro_dssat_treatment_get(agro_ctx *ctx, const agro_dssat_exp *x, int32_t number,
                                      agro_dssat_treatment *out);
/**
 * Describe the AGRO_DSSAT_IGNORED_* bits of @p flags in words, one sentence per bit in bit
 * order joined by "; " (e.g. "MESOM=P (CENTURY soil organic matter) run with the CERES-Godwin
 * model"); "" for 0. @return AGRO_OK; AGRO_EINVAL for a NULL or 0-size @p buf; AGRO_ERANGE
 * for a bit that is not defined (@p buf then ""); AGRO_ELIMIT when the text does not fit
 * (@p buf holds the truncated, NUL-terminated text).
 */
AGRO_API int agro_dssat_ignored_describe(int32_t flags, char *buf, size_t n);
/** Text attribute @p which (AGRO_DSSAT_TEXT_*) of treatment @p number ("" if absent);
 *  AGRO_ELIMIT when it does not fit @p buf (which then holds it truncated). */
AGRO_API int agro_dssat_treatment_text(const agro_dssat_exp *x, int32_t number, int32_t which,
                                       char *buf, size_t n);

/** Fertiliser material N composition (DSSAT FERCH048.SDA), fractions of total N. */
typedef struct agro_dssat_fertiliser_n {
    double no3_fraction;  /**< nitrate-N share */
    double nh4_fraction;  /**< ammonium-N share */
    double urea_fraction; /**< urea-N share */
} agro_dssat_fertiliser_n;
/** N composition of material FE<@p material>; AGRO_ENOTFOUND for an unknown code. */
AGRO_API int agro_dssat_fertiliser_composition(int32_t material, agro_dssat_fertiliser_n *out);

/** 1 when DSSAT's RESCH048.SDA (@VERSION 4.8.5.0) has residue type RE<@p code> (RE001 → 1,
 *  RE203 maize → 203, RE999 decomposed crop residue → 999), else 0. agro_field_apply and the
 *  scenario loader refuse other codes; the X-file runner gives an unknown RCOD RE001's
 *  properties, as DSSAT's IPSOIL does. */
AGRO_API int agro_dssat_residue_type_known(int32_t code);

/** Site data that do not come from the X file (from the weather file). */
typedef struct agro_dssat_site {
    double latitude_deg; /**< weather station latitude, decimal degrees */
    double tav_C;        /**< long-term mean temperature, °C (NaN: field default) */
    double amp_C;        /**< annual amplitude of monthly means, °C (NaN: field default) */
    double co2_ppm;      /**< atmospheric CO₂ for the season, ppm (NaN: the CO2 option's: 380 for D, for M
                              agro_dssat_co2_ppm_on of the start day, which the runner then
                              follows day by day) */
    double wind_height_m; /**< WNDHT of the weather file, m (NaN or <= 0: the field default, 2 m) */
} agro_dssat_site;

/**
 * Map a treatment to a field season: soil @p soil and cultivar @p cultivar (already read),
 * initial water/NO3/NH4 from the initial-condition layers (depth-weighted onto the soil
 * layers), sowing on PDATE at PPOE (PPOP when PPOE is absent), row spacing PLRS and depth
 * PLDP, reported irrigation (IRVAL × EFIR, else × the automatic IREFF; IRRIG = P, W:
 * × IREFF, the runner adds the automatic part), fertiliser N per material (FERCH048) and
 * method (surface / incorporated over FDEP / deep at FDEP), irrigation, fertiliser and
 * harvest by days after planting (option D: events with AGRO_TIMING_AFTER_SOWING), residues
 * (RESIDUE events), the previous crop's surface residue ICRES (cover, and RESIDUE
 * incorporated to ICRID) and roots and nodules ICRT + ICND (one ROOT_RESIDUE event on the
 * start day at 100·(ICRT·RCN/100 + 0.30/6.25·ICND)/(ICRT + ICND) % N, RCN = ic_root_n_pct),
 * harvest (HARVS R, D; the runner harvests under A and G), start SDATE and end a year after
 * planting (under HARVS A the day after HLAST where later). Water and N limitation follow
 * WATER/NITRO. Weeds are off.
 * @p xname names the X file in messages. Every event is checked as agro_event_check does; a
 * value it refuses is its status, naming the X file, the row's line (the treatment's when
 * @p t holds no row lines), the row's kind and date, and the member
 * ("UFGA8201.MZX:103: fertiliser on 1982-137: amount: ...").
 * A soil layer whose mapped initial water is above 0.75 (water simulated) or whose NH4 or NO3
 * is above 100 ppm (N simulated) is refused with AGRO_ERANGE naming the IC row (line_ic), as
 * DSSAT's IPSLIN stops on it. A date it reads as YEARDOY (start_date, plant_date, the planting
 * window, harvest_last under HARVS A, rows taken by date) that is not a day of the calendar
 * (years 1-9999) is AGRO_ERANGE naming the row's line and column ("X.MZX:104: FDATE: ..."), and
 * so is a day counted after planting (option D: IDATE, FDATE, RDATE, the HARVS D HDATE) that is
 * negative or after the run's last day (a year after the earliest planting, or the day after
 * HLAST), an initial-condition bottom (ICBL) that is not finite or not below the row above, and
 * an infinite amount, depth, efficiency, control, site or initial value, or an applied
 * environment modification (FAMN, IRVAL, RAMT, EFIR, SH2O, PH2OL, YCRD, ERAD, ...; NaN, DSSAT's
 * -99, stays missing): AGRO_ERANGE naming the column and the row's line, or the
 * row's index where the struct has no line for it ("FAMN: row 1: infinite value (inf)").
 * @return AGRO_OK, AGRO_EMISSING (no planting), AGRO_ERANGE, AGRO_ELIMIT (more events than
 * AGRO_SEASON_MAX_EVENTS).
 */
AGRO_API int agro_dssat_season_spec(agro_ctx *ctx, const agro_dssat_treatment *t,
                                    const agro_soil_profile *soil,
                                    const agro_maize_cultivar *cultivar,
                                    const agro_dssat_site *site, const char *xname,
                                    agro_season_spec *spec);

/**
 * Put the treatment's soil analysis (SA level) into @p soil as DSSAT does (IPSLAN.for): each
 * of SADM, SAOC, SANI, SAPHW, SAPX and SASC whose first SA layer has a value is mapped onto the
 * soil layers as depth-weighted means of the SA layers they overlap (LMATCH.for; a soil layer
 * touching a missing value, or lying below the last SA layer, keeps its .SOL value) and
 * replaces bulk density (if > 0), organic carbon, total N and extractable P (if ≥ 0) and pH
 * (if > 0). SAPX brings the level's extraction method SMPX with it; SASC, which has no .SOL
 * column, becomes the profile's stable organic C (CENTURY's SOM3). SAPHB and SAKE have no
 * counterpart in this model and are not read. The runner calls
 * it through agro_dssat_soil_prepare before agro_dssat_season_spec. No SA level: nothing
 * changes. @return AGRO_OK, AGRO_EINVAL (NULL), AGRO_ERANGE (an applied value out of range,
 * naming the column; an SABL bottom that is not finite or not below the row above, or an
 * infinite SA value, naming the column and the row: "SABL: soil-analysis row 2: ...", where
 * NaN is missing).
 */
AGRO_API int agro_dssat_soil_analysis_apply(agro_ctx *ctx, const agro_dssat_treatment *t,
                                            agro_soil_profile *soil);

/**
 * Make @p soil (as loaded from the .SOL file) the profile DSSAT simulates for treatment @p t:
 * the soil analysis (agro_dssat_soil_analysis_apply), then the layering of MESOL
 * (agro_soil_relayer_dssat; DSSAT's default LYRSET2 when the X file has none), then, with water
 * simulated, an organic C that is missing or below 0.001 % estimated from clay and silt as
 * (0.15·(clay + silt) + 0.69)/10 % (DSSAT SOILDYN.for; missing clay or silt 30 %). The runner
 * (agro_dssat_run_treatment) calls it before agro_dssat_season_spec; callers that build the
 * season themselves should too. @return as the two functions.
 */
AGRO_API int agro_dssat_soil_prepare(agro_ctx *ctx, const agro_dssat_treatment *t,
                                     agro_soil_profile *soil);

/** Mid-year atmospheric CO₂ (ppm) of @p year: the July record of DSSAT's CO2048.WDA for
 *  1960-2021, 1960's before, extrapolated at the 2011-2021 growth after. */
AGRO_API double agro_dssat_co2_ppm(int32_t year);
/** Atmospheric CO₂ (ppm) on day @p doy of @p year as DSSAT's CO2 option 'M' gives it
 *  (CO2VAL.for): the latest monthly record of CO2048.WDA (v4.8.0.1, 1958-074 to 2022-015) on
 *  or before that day; the first record before it, the last one after. */
AGRO_API double agro_dssat_co2_ppm_on(int32_t year, int32_t doy);

/** Result of one simulated treatment. */
typedef struct agro_dssat_result {
    int32_t treatment;           /**< treatment number */
    int32_t anthesis_dap;        /**< simulated silking, days after planting (-1 not reached) */
    int32_t maturity_dap;        /**< simulated physiological maturity, DAP (-1 not reached) */
    int32_t auto_irrigations;    /**< automatic irrigations applied */
    double population_pl_m2;     /**< plants/m²: the season's final population
                                      (summary.population_pl_m2, PPOE less the plants damage
                                      killed) when above 0, else the sowing density (PPOE, or
                                      PPOP when PPOE is absent) */
    double yield_kg_ha;          /**< simulated grain yield HWAM, kg/ha dry */
    agro_season_summary summary; /**< full season summary */
} agro_dssat_result;

/**
 * Run treatment @p number of @p x with the DSSAT data folder @p data_dir (sub-folders
 * Weather/, Soil/, Genotype/): weather WSTA[YY01].WTH covering SDATE to the end of the
 * season (several yearly files are chained), soil ID_SOIL from Soil/XX.SOL or any *.SOL,
 * cultivar INGENO from Genotype/MZCER048.CUL/.ECO. Environment modifications (ERAD, EMAX,
 * EMIN, ERAIN, ECO2) are applied to the weather and automatic irrigation (IRRIG = A) is
 * simulated from the soil water in IMDEP. Only maize (CR = MZ) is simulated; other crops
 * give AGRO_ENOTFOUND naming the crop. agro_dssat_inputs_add() lists the files a run reads
 * or looks for, so that a writer can refuse to replace them.
 */
AGRO_API int agro_dssat_run_treatment(agro_ctx *ctx, const agro_dssat_exp *x, int32_t number,
                                      const char *data_dir, agro_dssat_result *out);
/**
 * agro_dssat_run_treatment() that also writes one ::agro_field_daily per simulated day into
 * @p daily (up to @p max_days; AGRO_ELIMIT if the run is longer) and their number into
 * @p n_days. @p daily may be NULL.
 */
AGRO_API int agro_dssat_run_treatment_daily(agro_ctx *ctx, const agro_dssat_exp *x,
                                            int32_t number, const char *data_dir,
                                            agro_dssat_result *out, agro_field_daily *daily,
                                            int32_t max_days, int32_t *n_days);

/** How the runner treats the methods DSSAT-CSM 4.8 uses and agrosim offers as options
 *  (docs/model.md §9.1). Start from agro_dssat_run_options_default(). */
typedef struct agro_dssat_run_options {
    /** 0 (default): Ritchie's evaporation whatever MESEV says (MESEV S stays flagged in
     *  agro_dssat_treatment.ignored); 1: follow MESEV, S giving the Suleiman–Ritchie method */
    int32_t follow_mesev;
    /** crop N uptake, AGRO_CROP_N_UPTAKE_* of field.h (default generic; DSSAT 4.8's
     *  CERES-Maize uses AGRO_CROP_N_UPTAKE_CERES_MAIZE) */
    int32_t crop_n_uptake_method;
    /** season of a multi-year run, 0 .. NYERS − 1 (default 0, the experiment's own year):
     *  every date of the treatment moves on by that many years, its initial conditions are
     *  set again and the weather comes from those years, as DSSAT's seasonal runs (NYERS > 1;
     *  day 366 becomes 365 in a common year). AGRO_ERANGE naming "season" beyond NYERS − 1. */
    int32_t season;
    /** STEMP's surface term, AGRO_STEMP_SURFACE_* of soil_temp.h (default AIR, DSSAT-CSM 4.8.2's
     *  METMP D; ALBEDO reproduces DSSAT up to 4.8.0) */
    int32_t soil_temp_surface;
    /** crop N stress form in stages 3–4, AGRO_CROP_N_STRESS_* of field.h (default the older
     *  CERES-Maize transform; DSSAT-CSM 4.8 uses AGRO_CROP_N_STRESS_DSSAT48) */
    int32_t crop_n_stress_method;
} agro_dssat_run_options;

/** Fill @p o with the defaults (what agro_dssat_run_treatment uses). AGRO_EINVAL for NULL. */
AGRO_API int agro_dssat_run_options_default(agro_dssat_run_options *o);

/**
 * agro_dssat_run_treatment_daily() with run options @p opt (NULL: the defaults).
 * @return as agro_dssat_run_treatment_daily(); AGRO_ERANGE naming the field for options
 *         outside their values. Each of the three runners returns AGRO_ECANCELED, naming the
 *         X file and the treatment, before the season when a cancel request is pending on
 *         @p ctx (agro_ctx_cancel()): the cancel point of a caller's loop over treatments.
 */
AGRO_API int agro_dssat_run_treatment_opts(agro_ctx *ctx, const agro_dssat_exp *x,
                                           int32_t number, const char *data_dir,
                                           const agro_dssat_run_options *opt,
                                           agro_dssat_result *out, agro_field_daily *daily,
                                           int32_t max_days, int32_t *n_days);

/** Kinds of the input files of a DSSAT run (agro_dssat_inputs_get). */
enum {
    AGRO_DSSAT_INPUT_EXPERIMENT = 0, /**< the X file */
    AGRO_DSSAT_INPUT_OBSERVED = 1,   /**< the end-of-season observation file (A) beside it */
    AGRO_DSSAT_INPUT_TIMESERIES = 2, /**< the time-series file (T) beside it */
    AGRO_DSSAT_INPUT_WEATHER = 3,    /**< a weather file (.WTH) in Weather/ */
    AGRO_DSSAT_INPUT_SOIL = 4,       /**< a soil file (.SOL) in Soil/ */
    AGRO_DSSAT_INPUT_CULTIVAR = 5,   /**< Genotype/MZCER048.CUL */
    AGRO_DSSAT_INPUT_ECOTYPE = 6,    /**< Genotype/MZCER048.ECO */
    AGRO_DSSAT_INPUT_SPECIES = 7,    /**< Genotype/MZCER048.SPE */
    AGRO_DSSAT_INPUT_N = 8
};

/** Opaque list of the files DSSAT runs read (agro_dssat_inputs_create). */
typedef struct agro_dssat_inputs agro_dssat_inputs;

/** An empty list of input files. @return AGRO_OK, AGRO_EINVAL for NULL, AGRO_ENOMEM. */
AGRO_API int agro_dssat_inputs_create(agro_ctx *ctx, agro_dssat_inputs **out);
/** Free a list; NULL is a no-op. */
AGRO_API void agro_dssat_inputs_free(agro_dssat_inputs *in);
/**
 * Add to @p in the files that agro_dssat_run_treatment_opts() of treatment @p number of @p x
 * (0: every maize treatment, CR = MZ, the ones `run-dssat` and `validate` run) with the data
 * folder @p data_dir reads, in every season of a multi-year (NYERS) run, and the names it
 * looks for, whether they exist or not, so that a writer can refuse to replace or create one
 * of them (the CLI's `run-dssat` and `validate` outputs): the X file; its A and T files (the X
 * file's name with the extension's last letter A or T, as DSSAT names them, and with that
 * extension all upper and all lower case: .MZA, .mza; validate reads them);
 * DATA_DIR/Genotype/MZCER048.CUL, .ECO and .SPE (the runner has the species values built in,
 * DSSAT reads the file); DATA_DIR/Soil/SOIL.SOL, and Soil/XX.SOL (XX the soil ID's first two
 * letters) when SOIL.SOL is missing or does not hold the profile; the weather files each
 * season opens or probes, found by the runner's own search (its files loaded here): the first
 * weather file (Weather/WSTA.WTH for an 8-character station, else SSSSYY01.WTH of the start
 * year), then for each year of the season's weather that no file read so far covers,
 * Weather/SSSSYY01.WTH and, when that is not there, the multi-year files SSSSYYNN.WTH it reads
 * for that year. The runner stops, and so does the list, after the X, A and T files for a
 * treatment that does not resolve (agro_dssat_treatment_get fails), and after the first
 * weather file for one of another crop or without planting. A name already in the list is not
 * added again.
 * @return AGRO_OK; AGRO_EINVAL for NULL; AGRO_ENOTFOUND for a @p number that @p x does not
 *         define (naming the X file and TRNO); AGRO_ENOMEM; AGRO_ECANCELED when a cancel
 *         request on @p ctx (agro_ctx_cancel()) stops a weather file's load. A weather file
 *         that fails to load for another reason ends the list there, as it ends the run, and
 *         leaves @p ctx's message as it was.
 */
AGRO_API int agro_dssat_inputs_add(agro_ctx *ctx, agro_dssat_inputs *in, const agro_dssat_exp *x,
                                   int32_t number, const char *data_dir);
/** Add one file @p path of kind @p kind (AGRO_DSSAT_INPUT_*) to @p in, e.g. an X file that did
 *  not load. @return AGRO_OK; AGRO_EINVAL for NULL; AGRO_ERANGE for an unknown kind;
 *  AGRO_ENOMEM. */
AGRO_API int agro_dssat_inputs_add_file(agro_ctx *ctx, agro_dssat_inputs *in, const char *path,
                                        int32_t kind);
/** Number of files in @p in into *@p n. @return AGRO_OK; AGRO_EINVAL for NULL. */
AGRO_API int agro_dssat_inputs_n(const agro_dssat_inputs *in, int32_t *n);
/** File @p i (0 .. n − 1, in the order added) of @p in: its name as the run opens it (DATA_DIR
 *  and the X file's path as given) into @p path, NUL-terminated, and its kind
 *  (AGRO_DSSAT_INPUT_*) into *@p kind (may be NULL). @return AGRO_OK; AGRO_EINVAL for NULL,
 *  @p n_path 0 or an @p i outside the list; AGRO_ERANGE when the name does not fit. */
AGRO_API int agro_dssat_inputs_get(const agro_dssat_inputs *in, int32_t i, char *path,
                                   size_t n_path, int32_t *kind);
/** Which file of @p in a write to @p path would replace or create: *@p index its number (for
 *  agro_dssat_inputs_get()), or −1 for none, by the test of agro_output_same_file() (output.h):
 *  one file through symbolic links, "..", hard links, or, for a file not yet made, one name.
 *  @return AGRO_OK; AGRO_EINVAL for NULL. */
AGRO_API int agro_dssat_inputs_find(const agro_dssat_inputs *in, const char *path,
                                    int32_t *index);
/** What an input of kind @p kind is, e.g. "soil file" (a static string); NULL if unknown. */
AGRO_API const char *agro_dssat_input_kind_name(int32_t kind);

/** Observed end-of-season values of one treatment (NaN where missing). */
typedef struct agro_dssat_observed {
    int32_t treatment;      /**< TRNO */
    int32_t anthesis_date;  /**< ADAT, YEARDOY (0 if missing) */
    int32_t maturity_date;  /**< MDAT, YEARDOY (0 if missing) */
    double yield_kg_ha;     /**< HWAM, or HWAH where HWAM is absent, kg/ha dry */
    double anthesis_dap;    /**< ADAT as days after the treatment's PDATE */
    double maturity_dap;    /**< MDAT as days after PDATE */
    double kernel_weight_g; /**< HWUM: unit grain weight, g dry/kernel (NaN if missing) */
    double kernels_m2;      /**< H#AM: grains per m² (NaN if missing) */
    double tops_kg_ha;      /**< CWAM: tops dry weight at maturity, kg/ha (NaN if missing) */
    double lai_max;         /**< LAIX: maximum leaf area index, m²/m² (NaN if missing) */
} agro_dssat_observed;

/**
 * Read an end-of-season observation file (`*.MZA`, `*.SBA`) for the experiment @p x. Dates of
 * 3 digits or fewer are days of year in the simulation-start year (the next year when not
 * after the start day, DSSAT READA_Dates). Rows are written in file order; rows of treatments
 * that @p x does not define are left out, as DSSAT compares only simulated treatments. The
 * file must be the experiment's: named after it (the file name's first 8 characters, as for X
 * files, are @p x's code: DSSAT reads the A file named after the X file whatever its *EXP
 * line says, and DSSAT's own BRPI0202.MZA reads BRPI2002MZ there), or, named otherwise, with
 * the code in its `*EXP. DATA (A): UFGA8201MZ` line; case ignored. Else AGRO_EINVAL naming the
 * file, that line, "EXP" and the codes (rows of another experiment would be matched by
 * treatment number alone). The T-file readers below check the same. A file of another kind is
 * AGRO_EFORMAT: a table with DATE (a T file's dated rows, line and "DATE" named) or no table
 * with TRNO (the X file; "TRNO"). A treatment may have rows in several tables (HWAM in one,
 * ADAT and MDAT in another) or several rows of one table (replicates): one entry each, in file
 * order. DSSAT's READA takes a treatment's first row, and so does `agrosim validate`: each
 * value from the first row that gives it.
 * @return AGRO_OK, AGRO_EIO, AGRO_EFORMAT (file:line: column), AGRO_ELIMIT, AGRO_EINVAL.
 */
AGRO_API int agro_dssat_observed_load(agro_ctx *ctx, const char *path, const agro_dssat_exp *x,
                                      agro_dssat_observed *out, int32_t max, int32_t *n);

/** Observed in-season values of one treatment on one date (`*.MZT`; NaN where missing). */
typedef struct agro_dssat_observed_day {
    int32_t treatment;   /**< TRNO */
    int32_t date;        /**< DATE as YEARDOY */
    double tops_kg_ha;   /**< CWAD: tops dry weight, kg/ha */
    double lai;          /**< LAID: leaf area index, m²/m² */
    double grain_kg_ha;  /**< GWAD: grain dry weight, kg/ha */
    double tops_n_kg_ha; /**< CNAD: N in tops, kg N/ha */
} agro_dssat_observed_day;

/**
 * Read the in-season observations of a time-series file (`*.MZT`, `*.SBT`) for the experiment
 * @p x: one row per treatment and date of every table that has TRNO and DATE, keeping CWAD,
 * LAID, GWAD and CNAD; rows with none of them (soil water or nitrate tables) are left out, as
 * are rows of treatments that @p x does not define. Dates as in agro_dssat_observed_load().
 * A file with no table of TRNO and DATE (an A file, the X file) is AGRO_EFORMAT naming "DATE".
 * @return AGRO_OK, AGRO_EIO, AGRO_EFORMAT (file:line: column), AGRO_ERANGE (negative value),
 *         AGRO_ELIMIT (more than @p max rows).
 */
AGRO_API int agro_dssat_timeseries_load(agro_ctx *ctx, const char *path, const agro_dssat_exp *x,
                                        agro_dssat_observed_day *out, int32_t max, int32_t *n);

/** Pest and damage codes of the T file for CERES-Maize (DSSAT MZCER048.PST; all with
 *  coefficient 1): percentages per day first, then absolute amounts per day. */
enum {
    AGRO_DSSAT_PEST_PLMD = 0, /**< % leaf mass destroyed per day */
    AGRO_DSSAT_PEST_PLAD = 1, /**< % leaf area destroyed per day (leaf mass in proportion) */
    AGRO_DSSAT_PEST_PSMD = 2, /**< % stem mass destroyed per day */
    AGRO_DSSAT_PEST_PRTD = 3, /**< % root mass destroyed per day */
    AGRO_DSSAT_PEST_PSDD = 4, /**< % seed (grain) mass destroyed per day */
    AGRO_DSSAT_PEST_PWPD = 5, /**< % whole plants destroyed per day */
    AGRO_DSSAT_PEST_PASM = 6, /**< % assimilate reduction per day */
    AGRO_DSSAT_PEST_ALMD = 7, /**< leaf mass destroyed, g/m²/d */
    AGRO_DSSAT_PEST_ALAD = 8, /**< leaf destroyed, g/m²/d (the unit MZCER048.PST gives) */
    AGRO_DSSAT_PEST_ASMD = 9, /**< stem mass destroyed, g/m²/d */
    AGRO_DSSAT_PEST_ARTD = 10, /**< root mass destroyed, g/m²/d */
    AGRO_DSSAT_PEST_ASDD = 11, /**< seed mass destroyed, g/m²/d */
    AGRO_DSSAT_PEST_NWPD = 12, /**< whole plants destroyed, plants/m²/d */
    AGRO_DSSAT_PEST_N = 13
};
/** Largest number of observation dates of one pest code of one treatment. */
#define AGRO_DSSAT_MAX_PEST_OBS 400
/** Largest level of an absolute pest code (g/m²/d or plants/m²/d) that the T-file reader
 *  accepts. */
#define AGRO_DSSAT_PEST_MAX_ABS 10000

/** The pest and damage progress of one treatment (T file, DISES = Y): per code, observation
 *  dates (YEARDOY, ascending, distinct) and levels (unit of the code). */
typedef struct agro_dssat_pest {
    int32_t treatment;                /**< TRNO */
    int32_t n_obs[AGRO_DSSAT_PEST_N]; /**< observations of each code (0: code absent) */
    int32_t date[AGRO_DSSAT_PEST_N][AGRO_DSSAT_MAX_PEST_OBS]; /**< YEARDOY */
    double value[AGRO_DSSAT_PEST_N][AGRO_DSSAT_MAX_PEST_OBS]; /**< %/d, g/m²/d or plants/m²/d */
} agro_dssat_pest;

/** T-file header of pest code @p code (AGRO_DSSAT_PEST_*), e.g. "PLAD" (a static string);
 *  NULL if unknown. */
AGRO_API const char *agro_dssat_pest_code(int32_t code);

/**
 * Read the pest and damage columns (AGRO_DSSAT_PEST_*) of treatment @p treatment from the
 * time-series file @p path of experiment @p x, as DSSAT's IPPROG does for DISES = Y: rows on
 * or before the planting date are left out (automatic planting: the window's first day),
 * missing values (-99) too; rows of one date are averaged. A file without pest columns gives
 * no observations. Dates as in agro_dssat_observed_load().
 * @return AGRO_OK, AGRO_EIO, AGRO_EFORMAT (file:line: column), AGRO_ERANGE (a negative level,
 *         a percentage above 100 or an absolute level above AGRO_DSSAT_PEST_MAX_ABS, naming
 *         file, line and code), AGRO_ELIMIT.
 */
AGRO_API int agro_dssat_pest_load(agro_ctx *ctx, const char *path, const agro_dssat_exp *x,
                                  int32_t treatment, agro_dssat_pest *out);
/**
 * The damage of day @p date (YEARDOY) from @p p, DSSAT's LINDM: each code's level is 0 before
 * its first observation and after its last, and linear in time between two observations
 * (their own value on their dates); the codes go to the coupling points of MZCER048.PST
 * (PLMD and PLAD add up to leaf_pct, capped at 100). Each level is a rate applied in full on
 * its day: PLAD 0, 50, 0 on three days removes 50 % of the leaf once.
 * @return AGRO_OK, AGRO_EINVAL for NULL, AGRO_ERANGE for a count outside
 *         0..AGRO_DSSAT_MAX_PEST_OBS or a value the T-file reader refuses (not in 0..100 % per
 *         day, or 0..AGRO_DSSAT_PEST_MAX_ABS per m² per day; @p out all 0).
 */
AGRO_API int agro_dssat_pest_damage(const agro_dssat_pest *p, int32_t date,
                                    agro_crop_damage *out);
/** 1 if @p p holds any observation, else 0. */
AGRO_API int agro_dssat_pest_any(const agro_dssat_pest *p);

/** Goodness of fit of simulated against observed values. */
typedef struct agro_fit_stats {
    int32_t n;         /**< pairs used (both finite); agro_fit_stats_compute takes at most INT32_MAX elements */
    double obs_mean;   /**< mean observed */
    double sim_mean;   /**< mean simulated */
    double rmse;       /**< root mean square error, units of the variable */
    double nrmse;      /**< RMSE / observed mean, fraction */
    double bias;       /**< mean(sim − obs) */
    double willmott_d; /**< Willmott (1981) index of agreement, 0..1 */
} agro_fit_stats;

/**
 * Statistics over the pairs where neither @p obs[i] nor @p sim[i] is NaN (a missing value). With
 * no pair, out->n = 0 and the statistics are NaN. Any finite values are taken, 1e-300 to 1e308:
 * sums and squares are formed at a power-of-two scale where they are representable, so the
 * figures are those of ordinary arithmetic to the last bit. @return AGRO_OK, AGRO_EINVAL (NULL
 * @p out, or NULL @p obs or @p sim with @p n > 0; @p ctx, which may be NULL, gets a message
 * naming it: "sim: NULL array with n = 5") or AGRO_ERANGE (an infinite value, named:
 * "obs[3]: infinite (a missing value is NaN, which is skipped) (inf)"; an RMSE, nRMSE or bias
 * beyond the range of a double, such as errors of ±3e308; or @p n above INT32_MAX, the most
 * pairs out->n counts, refused before any element is read: "n: must be at most 2147483647
 * elements, ..."), which leaves @p out as with no pair.
 */
AGRO_API int agro_fit_stats_compute(agro_ctx *ctx, const double *obs, const double *sim,
                                    size_t n, agro_fit_stats *out);

/** Variables of the DSSAT reference figures. */
enum {
    AGRO_DSSAT_VAR_YIELD = 0,    /**< grain yield, kg/ha */
    AGRO_DSSAT_VAR_ANTHESIS = 1, /**< anthesis (R1 for soybean), DAP */
    AGRO_DSSAT_VAR_MATURITY = 2  /**< physiological maturity, DAP */
};
/**
 * What DSSAT-CSM 4.8.2 itself reaches on the calibration set of the shared validation data
 * (crop "MZ" or "SB", variable AGRO_DSSAT_VAR_*). AGRO_ENOTFOUND for other combinations.
 */
AGRO_API int agro_dssat_reference_stats(const char *crop, int32_t variable, agro_fit_stats *out);

AGRO_API size_t agro_sizeof_dssat_treatment(void);
AGRO_API size_t agro_sizeof_dssat_fertiliser_n(void);
AGRO_API size_t agro_sizeof_dssat_site(void);
AGRO_API size_t agro_sizeof_dssat_result(void);
AGRO_API size_t agro_sizeof_dssat_observed(void);
AGRO_API size_t agro_sizeof_dssat_observed_day(void);
AGRO_API size_t agro_sizeof_fit_stats(void);
AGRO_API size_t agro_sizeof_dssat_run_options(void);
AGRO_API size_t agro_sizeof_dssat_pest(void);

#ifdef __cplusplus
}
#endif
#endif
