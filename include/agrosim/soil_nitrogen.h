/**
 * @file soil_nitrogen.h
 * @brief Soil mineral nitrogen by layer (CERES-family): NO3, NH4 and urea pools, soil organic
 *        N and C (humus), fresh organic matter (crop residue, green manure) with its N,
 *        fertiliser and residue events, first-order humus mineralisation, FOM decomposition with
 *        N release or immobilisation, urea hydrolysis, nitrification, denitrification, NO3 and
 *        urea leaching with the water fluxes of soil_water.h (NO3 retarded by anion
 *        adsorption, SADC), crop uptake capacity per layer.
 *
 * Pools are kg N/ha per layer. ppm (mg N/kg soil) converts as kg/ha = ppm·BD·dz_cm·0.1.
 * Usage: agro_soil_n_params_from_profile() once; agro_soil_n_state_init() with ppm per layer;
 * agro_soil_n_fertilise(), agro_soil_n_add_residue() and agro_soil_n_add_root_residue() for
 * events between steps; each day, after the water step, agro_soil_n_step() with the day's
 * water rates and the crop's uptake per layer. The balance initial + fertiliser + residue N
 * − leaching − uptake − denitrification − final (NO3 + NH4 + urea + humus + fresh organic N)
 * closes to rounding every day.
 *
 * Sources: Godwin & Jones 1991 "Nitrogen dynamics in soil-plant systems" (Modeling Plant and
 * Soil Systems, Agron. Monogr. 31, 287–321); Godwin & Singh 1998 (Understanding Options for
 * Agricultural Production, 55–77); DSSAT-CSM NTRANS.for, SOILNI, NUPTAK (MZ_NUPTAK.for);
 * DSSAT-CSM SoilOrg.for (FOM pools and decomposition), SoilOrg_init.for (root residue
 * distribution), IPSOIL.for (residue defaults), NFLUX.for (anion adsorption ADCOEF, Bowen et
 * al. 1993 Agron. J. 85:153–159); DSSAT-CSM 4.8 Denit_Ceres.for (denitrification, Godwin &
 * Jones 1991 with the soluble-carbon CW of Rolston et al. 1980) and SOILNI.for (urea
 * hydrolysis).
 */
#ifndef AGROSIM_SOIL_NITROGEN_H
#define AGROSIM_SOIL_NITROGEN_H

#include "agrosim/core.h"
#include "agrosim/soil.h"
#include "agrosim/soil_century.h"
#include "agrosim/soil_water.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Nitrogen parameters of a layered profile. agro_soil_n_params_from_profile() fills them; a
 *  caller may change them between calls. agro_soil_n_state_init(), agro_soil_n_step() and
 *  agro_soil_n_step_century() check, on every call, the ranges given below (all values finite):
 *  outside one they change nothing and return AGRO_ERANGE, or AGRO_ENUMERIC for a non-finite
 *  value, naming the field and, for a per-layer one, its layer ("layer 3 kg_ha_per_ppm"). The
 *  residue fractions are checked by the residue events that read them. */
typedef struct agro_soil_n_params {
    int32_t n_layers;          /**< number of layers (1..AGRO_SOIL_MAX_LAYERS); one past the profile's, its layers after it unfilled (0), is refused naming n_layers */
    int32_t reserved;          /**< padding, 0 */
    double mineralisation_factor; /**< SLNF, multiplier of the mineralisation rate, 0..1 */
    double humus_min_rate_d;   /**< DMINR, first-order humus mineralisation rate, 1/d (0..1) */
    double reserved_d;         /**< reserved, 0 */
    double thickness_cm[AGRO_SOIL_MAX_LAYERS];    /**< layer thickness, cm (0, 5000]: a profile's deepest bottom;
                                                       and at least ::AGRO_SOIL_MIN_LAYER_CM (less
                                                       1e-9 cm), "layer 4 thickness_cm: must be at
                                                       least 0.001 cm, ... (1e-06)" */
    double bulk_density_g_cm3[AGRO_SOIL_MAX_LAYERS]; /**< SBDM, g/cm³ (0, 2.65]: quartz, as agro_soil_validate */
    double kg_ha_per_ppm[AGRO_SOIL_MAX_LAYERS];   /**< BD·dz_cm·0.1, (kg N/ha)/ppm (0, 1325]: the largest
                                                       BD·dz_cm·0.1 of those ranges; 1e6·kg_ha_per_ppm is the
                                                       layer's soil mass, kg/ha, the most any pool may hold */
    double organic_n_kg_ha[AGRO_SOIL_MAX_LAYERS]; /**< total soil N of the layer (SLNI, or SLOC/10 when
                                                       SLNI is unknown), kg N/ha; the initial humus N
                                                       derives from it (agro_soil_n_state_init); >= 0,
                                                       at most the layer's soil mass */
    double ph[AGRO_SOIL_MAX_LAYERS];              /**< SLHW, pH in water (7 if unknown, at most 1 or above
                                                       10, DSSAT SOILDYN.for); checked 0..14 */
    /* the decay rates are at most 1/d: the factors that multiply them are at most 1, so at
       most a whole pool decomposes in a day */
    double fom_rate_carb_d;    /**< RDCHO, potential decay rate of FOM carbohydrate, 1/d (0..1) */
    double fom_rate_cell_d;    /**< RDCEL, potential decay rate of FOM cellulose, 1/d (0..1) */
    double fom_rate_lign_d;    /**< RDLIG, potential decay rate of FOM lignin, 1/d (0..1) */
    double residue_frac_carb;  /**< PRCHO, carbohydrate fraction of added residue, 0..1 */
    double residue_frac_cell;  /**< PRCEL, cellulose fraction of added residue, 0..1 */
    double residue_frac_lign;  /**< PRLIG, lignin fraction of added residue, 0..1 (sum of the three = 1) */
    /** SADC, anion adsorption coefficient per layer, cm³ water/g soil (0..10; 0 = none): the mobile
     *  NO3 fraction is 1/(1 + BD·SADC/DUL) (DSSAT NFLUX.for) */
    double anion_adsorption_cm3_g[AGRO_SOIL_MAX_LAYERS];
    /** initial humus (stable organic) C per layer, SSOMC = SLOC %·BD·dz_cm·1000, kg C/ha
     *  (DSSAT SoilOrg_init.for); drives the soluble carbon of denitrification and the urea
     *  hydrolysis rate; >= 0, at most the layer's soil mass */
    double organic_c_kg_ha[AGRO_SOIL_MAX_LAYERS];
    /** 1 where organic_n_kg_ha comes from a measured SLNI, 0 where it is SLOC/10 */
    int32_t total_n_known[AGRO_SOIL_MAX_LAYERS];
    /** OXLT, thickness of the oxidised surface layer of fertiliser left on the surface,
     *  max(0.001, 0.5 − 0.1·OC1) cm with OC1 the SLOC % of layer 1 (DSSAT OXLAYER.for), so
     *  checked in [0.001, 0.5]; layer 1's thickness_cm must be more (the layer is its top) */
    double ox_thickness_cm;
    /** SLOC of layer 1, % (0..60): the oxidised layer's urea hydrolysis rate AK = 0.25 + 0.075·OC1 */
    double surface_oc_pct;
    /** SCEC of layer 1 (DSSAT SURCEC), cmol/kg; 15.5 when unknown (NaN) or 0 (DSSAT SOILDYN.for): the
     *  NH4 adsorption isotherm of the oxidised layer (EQUIL2.for AMTHERM); (0, 1000] */
    double surface_cec_cmol_kg;
} agro_soil_n_params;

/** Nitrogen state: pools per layer and cumulative totals, kg N/ha. agro_soil_n_state_init()
 *  fills it and the steps and events keep it; a caller may change it between calls.
 *  agro_soil_n_step() and agro_soil_n_step_century(), and the events and uptake entries that
 *  take a state (agro_soil_n_fertilise*, agro_soil_n_add_*residue*, agro_soil_n_add_senesced,
 *  agro_soil_n_uptake_capacity, agro_soil_n_uptake_potential_maize, after their own arguments
 *  and with the params' ranges first, as the steps check them) check, on every call and before
 *  anything changes, what the steps read: each layer's pools (no3, nh4, urea, org_n, org_c,
 *  fom_n, fom_carb, fom_cell, fom_lign and the *_added_today) finite, >= 0 and at most the
 *  layer's soil mass (1e6·kg_ha_per_ppm, kg/ha), denit_wet_days finite and >= 0, urea_age_d in
 *  [−1, 21], ox_active 0 or 1, ox_fert_type in [0, 999], and while ox_active is set (for
 *  agro_soil_n_fertilise_surface, which sets it, always) the oxidised layer's pools in [0,
 *  layer 1's soil mass], ox_algact in [0.05, 1], ox_ni in [0, 1], ox_ph in [0, 14] and
 *  ox_days_since_fert in [0, 1e9]; initial_kg_ha, the cum_* totals and
 *  max_abs_balance_error_kg_ha finite. Outside one they return AGRO_ERANGE, or AGRO_ENUMERIC
 *  for a non-finite value, naming the member and, for a
 *  per-layer one, its layer ("layer 3 org_c_kg_ha"). */
typedef struct agro_soil_n_state {
    int32_t n_layers;          /**< number of layers */
    int32_t reserved;          /**< padding, 0 */
    double no3_kg_ha[AGRO_SOIL_MAX_LAYERS];   /**< nitrate N, kg N/ha */
    double nh4_kg_ha[AGRO_SOIL_MAX_LAYERS];   /**< ammonium N, kg N/ha */
    double org_n_kg_ha[AGRO_SOIL_MAX_LAYERS]; /**< soil organic (humus) N, kg N/ha */
    double initial_kg_ha;          /**< mineral + organic N at initialisation, kg N/ha */
    double cum_fertiliser_kg_ha;   /**< fertiliser N applied, kg N/ha */
    double cum_mineralisation_kg_ha; /**< gross mineralisation (humus + FOM → NH4), kg N/ha */
    double cum_nitrification_kg_ha;  /**< NH4 → NO3, kg N/ha */
    double cum_leaching_kg_ha;     /**< NO3 and urea leached out of the profile bottom, kg N/ha
                                        (the sum of rates.leaching_kg_ha; DSSAT TLeachD) */
    double cum_uptake_kg_ha;       /**< crop uptake (NO3 + NH4), kg N/ha */
    double max_abs_balance_error_kg_ha; /**< largest |daily balance error| so far */
    double fom_carb_kg_ha[AGRO_SOIL_MAX_LAYERS]; /**< FOM carbohydrate pool, kg dry matter/ha */
    double fom_cell_kg_ha[AGRO_SOIL_MAX_LAYERS]; /**< FOM cellulose pool, kg dry matter/ha */
    double fom_lign_kg_ha[AGRO_SOIL_MAX_LAYERS]; /**< FOM lignin pool, kg dry matter/ha */
    double fom_n_kg_ha[AGRO_SOIL_MAX_LAYERS];    /**< N in fresh organic matter (FON), kg N/ha */
    double cum_residue_dm_kg_ha;   /**< residue dry matter added to the soil, kg/ha */
    double cum_residue_n_kg_ha;    /**< residue N added to the soil, kg N/ha */
    double cum_immobilisation_kg_ha; /**< mineral N immobilised by decomposing FOM, kg N/ha */
    double cum_fom_decomposed_kg_ha; /**< FOM dry matter decomposed, kg/ha */
    double cum_denitrification_kg_ha; /**< NO3 lost to denitrification (DSSAT NDNC), kg N/ha */
    double cum_hydrolysis_kg_ha;   /**< urea hydrolysed to NH4, kg N/ha */
    /** days since the last urea application (DSSAT IUON/IUOF): urea hydrolyses while this is
     *  in [0, 21); at 21 the urea left turns into NH4 at once and it becomes −1 (no urea
     *  active). agro_soil_n_state_init sets −1. */
    double urea_age_d;
    /** N that the organic matter (CENTURY, or the CERES fresh organic matter) immobilised but
     *  no layer's mineral N could give (DSSAT SoilNi carries it down and drops it below the
     *  profile; the step counts it here), kg N/ha. The CERES FOM meets it when the mineral N it
     *  read (the previous day's end, as SoilOrg reads it) exceeds what the pools now hold. */
    double cum_om_unmet_kg_ha;
    double urea_kg_ha[AGRO_SOIL_MAX_LAYERS];  /**< urea N (fertiliser not yet hydrolysed), kg N/ha */
    double org_c_kg_ha[AGRO_SOIL_MAX_LAYERS]; /**< humus C (DSSAT SSOMC), kg C/ha */
    /** consecutive days each layer has been wetter than DUL, at least 5 °C and with NO3 above
     *  0.01 ppm (DSSAT DLAG); denitrification starts on the 5th such day, d */
    double denit_wet_days[AGRO_SOIL_MAX_LAYERS];
    /** NO3, urea and NH4 N fertilised since the last step, kg N/ha: DSSAT adds the day's
     *  fertiliser to the day's change (DLTSNO3, DLTUREA, DLTSNH4), so NFLUX does not move it
     *  on the day it is applied and nitrification and denitrification compute their rates
     *  without it (NH4(L), NO3(L) of SOILNI.for 7841e3c); the step clears them */
    double no3_added_today[AGRO_SOIL_MAX_LAYERS];
    double urea_added_today[AGRO_SOIL_MAX_LAYERS];
    double nh4_added_today[AGRO_SOIL_MAX_LAYERS];
    /** The oxidised surface layer (DSSAT-CSM 4.8 OXLAYER.for, docs/design/oxlayer.md): the
     *  top OXLT cm of layer 1, where fertiliser left on the surface lies and NH3 volatilises.
     *  Its urea, NH4 and NO3 are part of layer 1's pools (not extra N), kg N/ha (OXU, OXH4,
     *  OXN3); agro_soil_n_state_init starts them at layer 1's × OXLT/DLAYR1 */
    double ox_urea_kg_ha, ox_nh4_kg_ha, ox_no3_kg_ha;
    double ox_algact;        /**< ALGACT, biological activity index of the layer, 0.05..1 (0.1 at start) */
    double ox_ni;            /**< OXNI, its N index, 0..1 (0.05 at start) */
    double ox_ph;            /**< OXPH, its pH (layer 1's at start; raised by urea hydrolysis) */
    /** days since the last fertiliser event (DSSAT LFD10 = application day + 10: twelve
     *  two-hour steps while this is below 10, one step after); 1e9 before any */
    double ox_days_since_fert;
    double cum_volatilisation_kg_ha; /**< NH3 volatilised from the oxidised layer (DSSAT TOTAML, AMLC), kg N/ha */
    /** 1 from the first fertiliser left (partly) on the surface on (DSSAT UNINCO: the mixing
     *  efficiency below 0.98; it stays set for the season); 0: the layer is not simulated;
     *  no other value */
    int32_t ox_active;
    /** FERCH048 material number of the last fertiliser (FE001 → 1; 0 unknown; DSSAT FERTYPE):
     *  fertilisers 0–3, 8 and 11–50 keep the pH shift of the layer at 0.6 where its NH4 is not
     *  above its NO3. agro_soil_n_fertilise_surface sets it; the field sets it for every
     *  application, incorporated ones too, as DSSAT's Fert_Place does; 0..999 */
    int32_t ox_fert_type;
} agro_soil_n_state;

/** Daily inputs of the N step. */
typedef struct agro_soil_n_drivers {
    double soil_temp_C[AGRO_SOIL_MAX_LAYERS];  /**< soil temperature per layer, °C */
    double uptake_no3_kg_ha[AGRO_SOIL_MAX_LAYERS]; /**< crop NO3 uptake requested, kg N/ha/d */
    double uptake_nh4_kg_ha[AGRO_SOIL_MAX_LAYERS]; /**< crop NH4 uptake requested, kg N/ha/d */
    /* the oxidised surface layer's weather (DSSAT OXLAYER.for; read while ox_active) */
    double srad_MJ_m2_d;   /**< solar radiation, MJ/m²/d (0..60) */
    double tmax_C, tmin_C; /**< air temperature extremes, °C (−60..70) */
    double lai;            /**< leaf area index shading the surface (DSSAT XHLAI), m²/m² (0..30) */
    double surface_albedo; /**< albedo of the soil surface with mulch (DSSAT MSALB), 0..1 */
    /** soil evaporation, mm/d (0..50); DSSAT passes yesterday's ES (SoilNi runs before SPAM) */
    double soil_evap_mm;
} agro_soil_n_drivers;

/** N fluxes of one day, kg N/ha/d. */
typedef struct agro_soil_n_rates {
    double mineralisation_kg_ha;   /**< total gross mineralisation (humus + FOM), >= 0 */
    double nitrification_kg_ha;    /**< total nitrification */
    double leaching_kg_ha;         /**< NO3 and urea out of the bottom of the profile */
    double uptake_kg_ha;           /**< total actual uptake */
    double balance_error_kg_ha;    /**< day's balance error (mineral + organic) */
    double om_unmet_immobilisation_kg_ha; /**< the day's organic-matter immobilisation no layer could meet (CENTURY's, or the CERES FOM's) */
    double mineralisation[AGRO_SOIL_MAX_LAYERS]; /**< per layer */
    double nitrification[AGRO_SOIL_MAX_LAYERS];  /**< per layer */
    double no3_flux[AGRO_SOIL_MAX_LAYERS];       /**< net NO3 moving down across the bottom of layer i */
    double uptake_no3[AGRO_SOIL_MAX_LAYERS];     /**< actual NO3 uptake per layer */
    double uptake_nh4[AGRO_SOIL_MAX_LAYERS];     /**< actual NH4 uptake per layer */
    double immobilisation_kg_ha;   /**< mineral N immobilised by decomposing FOM, total */
    double fom_decomposed_kg_ha;   /**< FOM dry matter decomposed, kg/ha/d */
    double immobilisation[AGRO_SOIL_MAX_LAYERS]; /**< per layer (net = mineralisation − immobilisation) */
    double denitrification_kg_ha;  /**< NO3 denitrified, total */
    double hydrolysis_kg_ha;       /**< urea hydrolysed to NH4, total */
    double denitrification[AGRO_SOIL_MAX_LAYERS]; /**< per layer */
    double hydrolysis[AGRO_SOIL_MAX_LAYERS];      /**< per layer */
    double urea_flux[AGRO_SOIL_MAX_LAYERS];       /**< net urea moving down across the bottom of layer i */
    /* the decomposition fractions of the day per layer, for the organic P that follows the
       same organic matter (DSSAT SoilOrg.for FOMFRAC, HUMFRAC; agro_soil_p_step) */
    double fom_frac[AGRO_SOIL_MAX_LAYERS];         /**< fraction of the fresh organic matter decomposed, after the N limit (FOMFRAC) */
    double humus_frac[AGRO_SOIL_MAX_LAYERS];       /**< fraction of the humus mineralised (HUMFRAC) */
    double fom_n_decomposed[AGRO_SOIL_MAX_LAYERS]; /**< FOM N decomposed, FOMFRAC·FON, kg N/ha */
    double volatilisation_kg_ha;  /**< NH3 volatilised from the oxidised surface layer (DSSAT AMLOSS) */
    double ox_hydrolysis_kg_ha;   /**< urea hydrolysed in the oxidised layer (part of layer 1's hydrolysis) */
    double ox_nitrification_kg_ha; /**< NH4 nitrified in the oxidised layer (DSSAT OXRNTRF; part of layer 1's nitrification) */
} agro_soil_n_rates;

/** Derive N parameters from a profile (validating BD > 0, organic C/N >= 0). Organic N is
 *  SLNI when known, else SLOC/10 (C:N of 10); organic C is SLOC. SADC copies to anion_adsorption_cm3_g (unknown
 *  = 0; negative is an error). SCEC of layer 1 NaN (unknown) or 0 gives 15.5; outside [0, 1000]
 *  cmol/kg it is AGRO_ERANGE naming layer 1 SCEC. SLHW unknown (NaN), at most 1 or above 10
 *  gives pH 7 (DSSAT SOILDYN); an infinite SLHW is AGRO_ERANGE naming it. A layer 1 no thicker
 *  than the oxidised layer at its top, OXLT = max(0.001, 0.5 − 0.1·OC1) cm, is AGRO_ERANGE naming
 *  layer 1 SLB ("layer 1 SLB: the layer's thickness must be more than OXLT 0.4 cm, ..."); a
 *  deeper layer thinner than ::AGRO_SOIL_MIN_LAYER_CM is AGRO_ERANGE naming its SLB (both as
 *  agro_soil_validate() also refuses them). Rates default to the CERES values, FOM rates and residue
 *  composition to DSSAT IPSOIL.for (RDCHO 0.2, RDCEL 0.05, RDLIG 0.0095 /d; 0.2/0.7/0.1).
 *  Errors name the field and layer; @p out is unchanged on an error. */
AGRO_API int agro_soil_n_params_from_profile(agro_ctx *ctx, const agro_soil_profile *profile,
                                             agro_soil_n_params *out);

/** Initialise pools from NO3 and NH4 concentrations, ppm per layer (n_layers values each,
 *  >= 0; NULL = 0). Organic N and C from the params, which are checked first (their ranges
 *  in agro_soil_n_params, and a thickness_cm of at least ::AGRO_SOIL_MIN_LAYER_CM, less the
 *  1e-9 cm the profile checks allow, as agro_soil_n_params_from_profile() gives it: "layer 4
 *  thickness_cm: must be at least 0.001 cm, the thinnest the soil models take ... (1e-06)",
 *  as the steps, events and uptake entries check it); no urea (urea_age_d = −1). @return AGRO_OK;
 *  AGRO_EINVAL for NULL; AGRO_ERANGE / AGRO_ENUMERIC naming the field and layer. */
AGRO_API int agro_soil_n_state_init(agro_ctx *ctx, const agro_soil_n_params *p,
                                    const double *no3_ppm, const double *nh4_ppm,
                                    agro_soil_n_state *out);

/** Apply a fertiliser event: @p kg_n_ha (>= 0) placed in the layer holding @p depth_cm
 *  (0 = surface, goes to layer 1), @p no3_fraction (0..1) as NO3, rest NH4. Same as
 *  agro_soil_n_fertilise_urea() with no urea. @p p and @p s are checked after the arguments,
 *  as agro_soil_n_state says (AGRO_ERANGE/ENUMERIC naming the field or member, nothing added). */
AGRO_API int agro_soil_n_fertilise(agro_ctx *ctx, const agro_soil_n_params *p,
                                   agro_soil_n_state *s, double kg_n_ha, double depth_cm,
                                   double no3_fraction);

/**
 * Apply a fertiliser event with a urea share: @p kg_n_ha (>= 0) placed in the layer holding
 * @p depth_cm (as agro_soil_n_fertilise), @p no3_fraction as NO3, @p urea_fraction into the
 * layer's urea pool, the rest as NH4 (each fraction in [0, 1], their sum at most 1, else
 * AGRO_ERANGE naming no3_fraction or urea_fraction). Urea reaches NH4 by hydrolysis over the
 * following days (agro_soil_n_step); a urea share > 0 restarts the 21-day urea clock
 * (urea_age_d = 0). @p p and @p s are checked after the arguments, as agro_soil_n_state says,
 * before anything is added (a NaN urea clock was reset to 0 and no longer seen).
 */
AGRO_API int agro_soil_n_fertilise_urea(agro_ctx *ctx, const agro_soil_n_params *p,
                                        agro_soil_n_state *s, double kg_n_ha, double depth_cm,
                                        double no3_fraction, double urea_fraction);

/**
 * Apply fertiliser left on the soil surface, not incorporated (DSSAT AP001, AP003 and AP011 on
 * a field without floodwater; Fert_Place.for FertApply): @p kg_n_ha (0..5000) goes to layer 1
 * as agro_soil_n_fertilise_urea() at depth 0 does, and also into the oxidised surface layer
 * (ADDOXH4, ADDOXN3, ADDOXU), which from now on is simulated every day (UNINCO): NH3
 * volatilises from it (agro_soil_n_step; docs/design/oxlayer.md). @p material is the FERCH048
 * number of the fertiliser (FE001 → 1; 0 unknown, 0..999).
 * @return as agro_soil_n_fertilise_urea, which checks the oxidised layer's members of @p s
 *         whether it is active yet or not; AGRO_ERANGE naming FMCD for @p material.
 */
AGRO_API int agro_soil_n_fertilise_surface(agro_ctx *ctx, const agro_soil_n_params *p,
                                           agro_soil_n_state *s, double kg_n_ha,
                                           double no3_fraction, double urea_fraction,
                                           int32_t material);

/**
 * Add fresh organic matter (crop residue, green manure, roots): @p kg_dm_ha (0..100000 kg dry
 * matter/ha) with @p n_pct (0..10 % N) spread over the layers down to @p depth_cm in proportion
 * to the layer thickness inside that depth (DSSAT SoilOrg.for residue incorporation; depth
 * 0 = all in layer 1; deeper than the profile = whole profile). Split into carbohydrate,
 * cellulose and lignin by the params' residue fractions. Adds to cum_residue_*. @p p and @p s
 * are checked after the arguments, as agro_soil_n_state says, before anything is added.
 */
AGRO_API int agro_soil_n_add_residue(agro_ctx *ctx, const agro_soil_n_params *p,
                                     agro_soil_n_state *s, double kg_dm_ha, double n_pct,
                                     double depth_cm);

/**
 * Add root residue (the previous crop's roots and nodules) as fresh organic matter:
 * @p kg_dm_ha (0..100000 kg dry matter/ha, field ICRT in errors) with @p n_pct (0..10 % N,
 * field RCN) spread over the whole profile as DSSAT initialises it (SoilOrg_init.for): layer L
 * gets the share WRN(L)/ΣWRN with WRN(L) = exp(−3·z(L)/DEPMAX)·BD(L)·DLAYR(L), z(L) the
 * layer's mid-depth and DEPMAX the depth of the profile bottom, cm (so the residue
 * concentration per kg of soil falls exponentially with depth). Split into carbohydrate,
 * cellulose and lignin by the params' residue fractions. Adds to cum_residue_*. A layer with
 * thickness or bulk density <= 0 is an error (AGRO_ERANGE naming the layer); then @p p and
 * @p s are checked as agro_soil_n_state says, before anything is added.
 */
AGRO_API int agro_soil_n_add_root_residue(agro_ctx *ctx, const agro_soil_n_params *p,
                                          agro_soil_n_state *s, double kg_dm_ha, double n_pct);

/**
 * agro_soil_n_add_residue() and agro_soil_n_add_root_residue() with the residue's own lignin
 * fraction @p lignin_frac (0..1, field PRLIG in errors) in place of the params'
 * residue_frac_lign, as DSSAT's CERES organic matter takes the lignin PRLIG of the residue type
 * or previous crop (IPSOIL, RESCH048.SDA; SoilOrg.for, SoilOrg_init.for). The rest, 1 −
 * @p lignin_frac, goes to carbohydrate and cellulose in the ratio of the params' fractions
 * (DSSAT-CSM 4.8 IPSOIL.for rescales PRCHO 0.20 and PRCEL 0.70 by (1 − PRLIG)/0.9).
 */
AGRO_API int agro_soil_n_add_residue_lignin(agro_ctx *ctx, const agro_soil_n_params *p,
                                            agro_soil_n_state *s, double kg_dm_ha, double n_pct,
                                            double depth_cm, double lignin_frac);
AGRO_API int agro_soil_n_add_root_residue_lignin(agro_ctx *ctx, const agro_soil_n_params *p,
                                                 agro_soil_n_state *s, double kg_dm_ha,
                                                 double n_pct, double lignin_frac);

/**
 * One daily N step after the water step of the same day (@p p checked first, every call: the
 * ranges of agro_soil_n_params, with one branch-free pass that names the field only on
 * failure; then @p wp, as agro_soil_water_step checks it, e.g. "layer 2 sat: saturation must
 * be in (dul, 1] (0.25)"): @p ws is the water state AFTER integration and @p wr that day's water rates
 * (their flux_mm moves NO3 between layers with the CERES fraction flux/(sw·dz + flux) of the
 * mobile NO3, 1/(1 + BD·SADC/DUL) of the layer's NO3; urea moves the same way, all of it in
 * solution; an upward upflow_mm[i] moves layer i's NO3 into layer i − 1, DSSAT's form for
 * Ritchie's UP_FLOW. Under Suleiman–Ritchie agro_field moves it instead with the previous
 * day's flow out of each layer across its top, as DSSAT does: docs/model.md §5.7). Fresh organic matter
 * decomposes (CERES: temperature, water and C:N factors), releasing N to NH4 or immobilising
 * mineral N (NH4 first) when its N is below 2 %. Urea hydrolyses to NH4 (DSSAT SOILNI.for) and
 * NO3 denitrifies in layers wetter than DUL from the 5th wet day on (DSSAT Denit_Ceres.for).
 * Once fertiliser has been left on the surface (agro_soil_n_fertilise_surface), layer 1's
 * oxidised surface layer loses NH3 every day (DSSAT OXLAYER.for; @p d's weather fields,
 * checked in range, AGRO_ERANGE/ENUMERIC naming them; docs/design/oxlayer.md).
 * The temperature, water and pH factors read the water content at the start of the day,
 * ws->sw − wr->dsw, as DSSAT's SoilOrg and SoilNi do (they run before WATBAL integrates), and
 * @p d's soil_temp_C, which the field gives as the previous day's (DSSAT's SOIL RATE runs before
 * STEMP; docs/model.md §5.2). Each layer's organic matter meets the pools by its net release
 * (NH4; a net immobilisation takes NH4 first, then NO3). The fresh organic matter's C:N factor
 * and immobilisation limit read the mineral N as DSSAT's SoilOrg does, as SoilNi's last
 * integration left it (SOIL.for runs SoilOrg before SoilNi): the pools before @p d's uptake
 * leaves them (SoilNi's UNO3/UNH4, the plants' uptake of the previous day), without the
 * fertiliser applied since the last step (no3_added_today, nh4_added_today). A net
 * immobilisation larger than the pools now hold takes what they hold and is carried to the
 * next layer (SoilNi's residual NNOM); what no layer can give is counted in
 * om_unmet_immobilisation_kg_ha.
 * Uptake requests are clipped to the pools. A non-finite flux_mm, upflow_mm or dsw of @p wr,
 * or sw of @p ws, is AGRO_ENUMERIC naming the layer, that field and its value; a water content
 * sw, or a start-of-day content sw − dsw, outside [0, 1] is AGRO_ERANGE naming the layer and
 * sw (or dsw). @p s is checked on entry as agro_soil_n_state says, naming the member a caller
 * set ("layer 2 fom_carb_kg_ha: state must be finite, >= 0 and ..."), and changes nothing. A day
 * that would still leave a pool non-finite or negative (NO3, NH4, urea, FON, the FOM
 * carbohydrate, cellulose and lignin; humus N and C non-finite) is AGRO_ENUMERIC naming the
 * layer, the pool's state field and its value, and changes nothing.
 */
AGRO_API int agro_soil_n_step(agro_ctx *ctx, const agro_soil_n_params *p,
                              const agro_soil_water_params *wp, const agro_soil_water_state *ws,
                              const agro_soil_water_rates *wr, agro_soil_n_state *s,
                              const agro_soil_n_drivers *d, agro_soil_n_rates *r);

/**
 * agro_soil_n_step with the organic matter of CENTURY (soil_century.h) instead of this state's
 * fresh organic matter and humus: @p om, the same day's agro_century_step, gives each layer's
 * gross mineralisation and immobilisation (index 0 the surface, which acts on layer 1). After
 * the day's urea hydrolysis the net goes to NH4, or is taken from NH4, then NO3; what a layer
 * cannot give moves to the next, and what no layer can give is counted in
 * om_unmet_immobilisation_kg_ha (DSSAT SoilNi.for). The soluble C of denitrification and the
 * urea hydrolysis rate use om's start-of-day SOM and litter C. The state's humus and fresh
 * organic matter are left as they are (zero when CENTURY owns the organic matter), so
 * agro_soil_n_balance_kg_ha() does not cover the organic N then.
 */
AGRO_API int agro_soil_n_step_century(agro_ctx *ctx, const agro_soil_n_params *p,
                                      const agro_soil_water_params *wp,
                                      const agro_soil_water_state *ws,
                                      const agro_soil_water_rates *wr, agro_soil_n_state *s,
                                      const agro_soil_n_drivers *d, const agro_century_rates *om,
                                      agro_soil_n_rates *r);

/**
 * N uptake capacity per layer of the DSSAT-CSM CROPGRO form (NUPTAK.for, used by the grain
 * legumes) with the water factor NUPTAK.for had before DSSAT 4.7 (its "FO/KJB - Change for
 * Cotton" line, still in the file as a comment): RFAC = RLV·SMDFR²·DLAYR·100, SMDFR from
 * (SW−LL)/(DUL−LL) in [0, 1]; DSSAT 4.8 uses √SMDFR with SMDFR at least 0.1 instead
 * (docs/model.md §5.8 has the measured difference). Times 0.006 mg N/cm root/d (RTNO3, RTNH4
 * of SBGRO048.SPE) and the concentration factors 1 − exp(−0.08·ppm) (0 below 0.04), root
 * length density @p rlv_cm_cm3 in cm/cm³. Outputs kg N/ha/d per layer,
 * never more than the pool above 0.25 mg/kg NO3 and 0.5 mg/kg NH4. CERES-Maize uses
 * agro_soil_n_uptake_potential_maize() instead.
 * @return AGRO_OK; AGRO_EINVAL (NULL, layer counts), AGRO_ENUMERIC (non-finite RLV),
 *         AGRO_ERANGE (RLV < 0); AGRO_ERANGE/ENUMERIC for @p p or @p wp outside their ranges,
 *         as agro_soil_n_step and agro_soil_water_step check them; @p ctx (may be NULL) gets a message naming the argument and
 *         the layer index from 0, e.g. "rlv_cm_cm3[2]: root length density must be >= 0
 *         cm/cm3 (-1)". Nothing is written on a refusal. @p s is
 *         checked first as agro_soil_n_state says (a NaN or 1e300 pool gave a NaN or
 *         meaningless capacity with AGRO_OK).
 */
AGRO_API int agro_soil_n_uptake_capacity(agro_ctx *ctx, const agro_soil_n_params *p,
                                         const agro_soil_water_params *wp,
                                         const agro_soil_n_state *s,
                                         const agro_soil_water_state *ws,
                                         const double *rlv_cm_cm3, double *out_no3_kg_ha,
                                         double *out_nh4_kg_ha);

/**
 * Potential N uptake of a CERES-Maize root system per layer (DSSAT-CSM 4.8 MZ_NUPTAK.for, the
 * J.T. Ritchie 1994 form "like the soil water uptake"): RNO3U = RFAC·SMDFR·0.075·SHF·NO3·DLAYR
 * and RNH4U = RFAC·SMDFR·0.075·SHF·(NH4 − 0.5)·DLAYR, kg N/ha/d, with NO3 and NH4 in mg N/kg,
 * DLAYR in cm, RFAC = 1 − exp(−8·RLV), SMDFR = 1.5 − 6·((SW − LL)/(SAT − LL) − 0.5)² in [0, 1]
 * and SHF the layer's root growth factor @p shf (0..1). Layers without roots (@p rlv_cm_cm3
 * = 0) give 0. The potential is not limited to the pools: the caller scales it to the demand
 * (NUF = min(1, demand/ΣRNO3U + ΣRNH4U)) and then limits each layer to what lies above
 * 0.25 mg/kg NO3 and 0.5 mg/kg NH4, as MZ_NUPTAK does.
 * @return AGRO_OK; AGRO_EINVAL (NULL, layer counts), AGRO_ENUMERIC (non-finite RLV or SHF),
 *         AGRO_ERANGE (RLV < 0, SHF outside [0, 1]); AGRO_ERANGE/ENUMERIC for @p p or @p wp
 *         outside their ranges, as agro_soil_n_step and agro_soil_water_step check them; @p ctx (may be NULL) gets a message
 *         naming the argument and the layer index from 0, e.g. "shf[1]: root growth factor
 *         must be in [0, 1] (1.5)"; @p s checked first as agro_soil_n_state says. Nothing
 *         is written on a refusal.
 */
AGRO_API int agro_soil_n_uptake_potential_maize(agro_ctx *ctx, const agro_soil_n_params *p,
                                                const agro_soil_water_params *wp,
                                                const agro_soil_n_state *s,
                                                const agro_soil_water_state *ws,
                                                const double *rlv_cm_cm3, const double *shf,
                                                double *out_no3_kg_ha, double *out_nh4_kg_ha);

/**
 * Add senesced plant matter to the fresh organic matter of layer @p layer (0-based): @p kg_dm_ha
 * kg dry matter/ha holding @p n_kg_ha kg N/ha, split into the carbohydrate, cellulose and
 * lignin pools by the params' residue fractions (DSSAT SoilOrg.for adds SENESCE % ResWt(L)
 * and ResE(L,N) this way, e.g. the roots CERES-Maize loses each day). Counted as residue input
 * of the N balance. Checked as agro_soil_n_add_residue() checks a residue, and nothing is added
 * when a check fails.
 * @return AGRO_OK; AGRO_EINVAL (NULL, layer); AGRO_ENUMERIC / AGRO_ERANGE naming kg_dm_ha (not
 *         finite, outside 0..100000 kg/ha) or n_kg_ha (not finite, negative, above the dry
 *         matter); AGRO_ERANGE/ENUMERIC naming residue_frac_carb, _cell or _lign outside [0,
 *         1], or the three when they do not sum to 1; then @p p and @p s as agro_soil_n_state says.
 */
AGRO_API int agro_soil_n_add_senesced(agro_ctx *ctx, const agro_soil_n_params *p,
                                      agro_soil_n_state *s, int32_t layer, double kg_dm_ha,
                                      double n_kg_ha);

/** Mineral N (NO3 + NH4) in the profile, kg N/ha (NaN for NULL or a layer count outside
 *  1..AGRO_SOIL_MAX_LAYERS; same for the next four). */
AGRO_API double agro_soil_n_mineral_kg_ha(const agro_soil_n_state *s);
/** Fresh organic matter N (FON) in the profile, kg N/ha. */
AGRO_API double agro_soil_n_fom_n_kg_ha(const agro_soil_n_state *s);
/** Urea N in the profile, kg N/ha. */
AGRO_API double agro_soil_n_urea_kg_ha(const agro_soil_n_state *s);
/** Total soil N: mineral + urea + humus + fresh organic N, kg N/ha. */
AGRO_API double agro_soil_n_total_kg_ha(const agro_soil_n_state *s);
/** Cumulative N balance: initial + fertiliser + residue N + the organic matter's unmet
 *  immobilisation (cum_om_unmet_kg_ha) − leaching − uptake −
 *  denitrification − NH3 volatilisation − current total (mineral + urea + humus + FOM N),
 *  kg N/ha. */
AGRO_API double agro_soil_n_balance_kg_ha(const agro_soil_n_state *s);

/** sizeof(agro_soil_n_params), bytes, so bindings can check their mirror of the layout. */
AGRO_API size_t agro_sizeof_soil_n_params(void);
/** sizeof(agro_soil_n_state), bytes, so bindings can check their mirror of the layout. */
AGRO_API size_t agro_sizeof_soil_n_state(void);
/** sizeof(agro_soil_n_drivers), bytes, so bindings can check their mirror of the layout. */
AGRO_API size_t agro_sizeof_soil_n_drivers(void);
/** sizeof(agro_soil_n_rates), bytes, so bindings can check their mirror of the layout. */
AGRO_API size_t agro_sizeof_soil_n_rates(void);

#ifdef __cplusplus
}
#endif
#endif
