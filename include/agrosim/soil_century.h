/**
 * @file soil_century.h
 * @brief Soil organic matter after CENTURY (DSSAT-CSM 4.8 "MESOM = P"; Gijsman et al. 2002,
 *        Agron. J. 94:462–474; Parton et al. 1987, 1994): surface and soil litter (metabolic,
 *        structural with its lignin) and three soil organic matter pools (SOM1 active/microbial,
 *        SOM2 slow, SOM3 passive), each with its C, N and P, decomposing at first-order rates
 *        modified by temperature, water, texture, lignin and tillage; new organic matter forms
 *        at C:N and C:P ratios set by the mineral N and labile P of the layer.
 *
 * The alternative to the CERES-Godwin organic matter of soil_nitrogen.h (fresh organic matter
 * in three pools and one humus pool). Layer index 0 of every array here is the **surface**
 * (litter and surface microbes on top of the soil); indices 1..n_layers are the soil layers
 * 1..n of soil_nitrogen.h (its index 0..n−1). C, N and P are kg/ha of the element.
 *
 * Usage: agro_century_init() once (it needs the residues of the previous crop at hand: their
 * root C comes out of the soil organic C, DSSAT SoilCNPinit_C); agro_century_add_residue() and
 * agro_century_add_senesced() between steps queue organic inputs for the next step; each day
 * agro_century_step() with the start-of-day mineral N and labile P, which returns the day's
 * mineralisation and immobilisation per layer. agro_soil_n_step_century() and
 * agro_soil_p_step_century() apply them to the mineral pools in DSSAT's order (SoilNi,
 * SoilPi: the surface acts on soil layer 1; an immobilisation a layer cannot meet moves to the
 * next layer).
 *
 * Equations, parameter values (SOMFX048.SDA, DSSAT 4.8.5.0) and the DSSAT quirks reproduced or
 * fixed: docs/model.md §5.12 and docs/design/century_init.md, century_daily.md,
 * century_inputs.md.
 */
#ifndef AGROSIM_SOIL_CENTURY_H
#define AGROSIM_SOIL_CENTURY_H

#include "agrosim/core.h"
#include "agrosim/soil.h"
#include "agrosim/soil_water.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Length of the CENTURY arrays: the surface (index 0) and the soil layers 1..n. */
#define AGRO_CENTURY_LAYERS (AGRO_SOIL_MAX_LAYERS + 1)

/** Per-layer constants fixed at initialisation (texture terms of SOMINIT_C; sand and clay as
 *  fractions 0..1 of the soil, SLCL/100 and 1 − (SLCL + SLSI)/100). */
typedef struct agro_century_params {
    int32_t n_layers;          /**< soil layers (1..AGRO_SOIL_MAX_LAYERS) */
    int32_t elements;          /**< 1: C and N; 2: C, N and P */
    double thickness_cm[AGRO_CENTURY_LAYERS]; /**< DLAYR of soil layer L (index 0 unused), cm */
    double bottom_cm[AGRO_CENTURY_LAYERS];    /**< depth of the bottom of soil layer L, cm */
    double kg_ha_per_ppm[AGRO_CENTURY_LAYERS];/**< BD·DLAYR·0.1: kg/ha per mg/kg of soil layer L */
    double txs1[AGRO_CENTURY_LAYERS];  /**< texture multiplier of SOM1 decay, 0.25 + 0.75·sand */
    double co2s1[AGRO_CENTURY_LAYERS]; /**< respired fraction of SOM1 decay, 0.17 + 0.68·sand */
    double s1s3[AGRO_CENTURY_LAYERS];  /**< fraction of SOM1 decay to SOM3, 0.003 + 0.032·clay */
    double s2s3[AGRO_CENTURY_LAYERS];  /**< fraction of SOM2 decay to SOM3, 0.003 + 0.009·clay */
} agro_century_params;

/** Maximum number of soil disturbances remembered at once (each lasts 30 days). */
#define AGRO_CENTURY_MAX_DISTURB 16

/** Organic matter waiting for the next step (kg/ha of C, N, P; lignin as C). */
typedef struct agro_century_input {
    double c[AGRO_CENTURY_LAYERS];
    double n[AGRO_CENTURY_LAYERS];
    double p[AGRO_CENTURY_LAYERS];
    double lignin_c[AGRO_CENTURY_LAYERS];
} agro_century_input;

/** CENTURY state: pools per layer (index 0 = surface), carried ratios, pending inputs. Every
 *  pool (som*_c/_n/_p, metab_*, struc_*, lig_c) is the element's mass, kg C, N or P per ha. */
typedef struct agro_century_state {
    int32_t n_layers;          /**< soil layers */
    int32_t elements;          /**< 1: N; 2: N and P */
    double som1_c[AGRO_CENTURY_LAYERS], som1_n[AGRO_CENTURY_LAYERS], som1_p[AGRO_CENTURY_LAYERS];
    double som2_c[AGRO_CENTURY_LAYERS], som2_n[AGRO_CENTURY_LAYERS]; /**< soil layers only */
    double som3_c[AGRO_CENTURY_LAYERS], som3_n[AGRO_CENTURY_LAYERS]; /**< soil layers only */
    /** SOM2 and SOM3 together for P (DSSAT SOM23C, SOM23E(P)); soil layers only */
    double som23_c[AGRO_CENTURY_LAYERS], som23_p[AGRO_CENTURY_LAYERS];
    double metab_c[AGRO_CENTURY_LAYERS], metab_n[AGRO_CENTURY_LAYERS], metab_p[AGRO_CENTURY_LAYERS];
    double struc_c[AGRO_CENTURY_LAYERS], struc_n[AGRO_CENTURY_LAYERS], struc_p[AGRO_CENTURY_LAYERS];
    double lig_c[AGRO_CENTURY_LAYERS];  /**< lignin C of the structural litter */
    double frlstr[AGRO_CENTURY_LAYERS]; /**< lignin fraction of structural litter (surface: set at initialisation only, as DSSAT) */
    /** C:E of new surface SOM1 (N, P) and of SOM2 (N) / SOM23 (P) formed from surface SOM1,
     *  kept from day to day when there is nothing to recompute them from */
    double ces1_surface[2], ces21_surface_n, ces23_surface_p;
    /** decomposition factor DEFAC of soil layer 1 at the previous step (0 before the first),
     *  which the surface microbes (SOM1) decompose by: DSSAT's SOMDEC_C reads DEFAC(1) for the
     *  surface before CENTURY's layer loop has computed today's */
    double defac1_prev;
    /** disturbances (incorporated residue): last day (day count of agro_century_step) and
     *  depth, cm; the running maximum depth and end of DSSAT's loop */
    int32_t disturb_end[AGRO_CENTURY_MAX_DISTURB];
    double disturb_depth_cm[AGRO_CENTURY_MAX_DISTURB];
    int32_t n_disturb, disturb_end_max;
    double disturb_depth_max_cm;
    int32_t day;               /**< steps taken, 0..INT32_MAX − 31 (agro_century_step refuses others) */
    int32_t pending_disturb;   /**< 1: the queued application has a soil part (starts a disturbance) */
    double pending_depth_cm;   /**< incorporation depth of the queued application, cm */
    agro_century_input applied;    /**< residue applied since the last step (RPLACE_C) */
    agro_century_input senesced;   /**< plant matter senesced since the last step (SENESADD_C) */
    /** cumulative: inputs (applied + senesced + initial residue), kg/ha */
    double cum_input_c, cum_input_n, cum_input_p;
    double cum_co2_c;          /**< C respired, kg C/ha */
    /** gross mineralisation and immobilisation since initialisation, kg N/ha and kg P/ha */
    double cum_mineralised_n, cum_immobilised_n, cum_mineralised_p, cum_immobilised_p;
    double initial_c, initial_n, initial_p;  /**< organic pools after initialisation, kg/ha */
    double max_abs_balance_error; /**< largest daily C, N or P balance error of the pools, kg/ha */
    /** a tillage for the next step (the field's AGRO_EVENT_TILL, docs/design/tillage.md
     *  §3.9): depth TILDEP, cm, and RINP, %, for INCORPOR_C and SoilMix; 0: none */
    double till_depth_cm, till_pct;
} agro_century_state;

/** The previous crop's residues at initialisation (DSSAT INITIAL CONDITIONS, SoilCNPinit_C). */
typedef struct agro_century_initial_residue {
    double surface_kg_ha;      /**< shoot residue left on the surface, kg DM/ha */
    double incorporated_kg_ha; /**< shoot residue incorporated, kg DM/ha */
    double incorporation_depth_cm; /**< spread evenly by depth down to here (at least layer 1) */
    double shoot_n_pct, shoot_p_pct; /**< N and P of the shoot residue, % of DM */
    double roots_kg_ha;        /**< roots and nodules of the previous crop, kg DM/ha (spread as exp(−3·z/DEPMAX)·BD·DLAYR) */
    double roots_n_pct, roots_p_pct; /**< N and P of roots + nodules, % of DM */
    double lignin_frac;        /**< lignin fraction of all of it (DSSAT PRLIG of the previous crop), 0..1 */
    int32_t grass_previous;    /**< 1: previous crop a grass or fallow (BM, BH, BR, G0, G1, GW): 6 % of organic P in SOM1 instead of 3 % */
    int32_t reserved;          /**< padding, 0 */
} agro_century_initial_residue;

/**
 * The field's land use before the simulation (DSSAT X-file FIELDS FLHST; the stable SOM
 * fractions of SOMFR048.SDA, DSSAT-CSM 4.8.5.0), for the initial SOM3 of the layers down to
 * 40 cm without a measured stable C.
 */
enum {
    AGRO_FIELD_HISTORY_NONE = 0,  /**< none: measured stable C, else Adiku's regression */
    AGRO_FIELD_HISTORY_FH101 = 1, /**< cultivated with good management, initially cultivated land (44 % stable C) */
    AGRO_FIELD_HISTORY_FH102 = 2, /**< cultivated with poor management, initially cultivated land */
    AGRO_FIELD_HISTORY_FH201 = 3, /**< cultivated with good management, initially grassland or forest (34 % stable C) */
    AGRO_FIELD_HISTORY_FH202 = 4, /**< cultivated with poor management, initially grassland or forest */
    AGRO_FIELD_HISTORY_FH301 = 5, /**< cultivated with good management, initially degraded */
    AGRO_FIELD_HISTORY_FH302 = 6  /**< cultivated with poor management, initially degraded (no change) */
};

/**
 * Stable fraction (SOM3 share of soil organic C) that field history @p history (AGRO_FIELD_HISTORY_*,
 * not NONE) after @p years years (≥ 0; 101 and more: steady state) gives a layer of texture
 * @p texture (AGRO_TEXTURE_* of soil.h) from @p top_cm to @p bottom_cm deep (DSSAT SOMFRAC_INIT:
 * the 0–20 cm value above 20 cm, the 20–40 cm value below, by thickness across 20 cm;
 * between the tabulated 0, 5, 10, 20, 60 years and steady state (100) linearly).
 * @return the fraction, 0..1; NaN when the history does not apply: NONE or unknown history or
 *         texture, negative years, or a layer whose bottom lies deeper than 40 cm.
 */
AGRO_API double agro_century_history_stable_frac(int32_t history, int32_t years, int32_t texture,
                                                 double top_cm, double bottom_cm);

/** Daily drivers of agro_century_step. */
typedef struct agro_century_drivers {
    double soil_temp_C[AGRO_SOIL_MAX_LAYERS]; /**< soil temperature of soil layers 1..n (index 0..n−1), °C */
    double mineral_n_kg_ha[AGRO_SOIL_MAX_LAYERS]; /**< NO3 + NH4 at the start of the day as DSSAT's CENTURY reads them (AMINRL: before yesterday's plant uptake leaves), kg N/ha */
    double labile_p_kg_ha[AGRO_SOIL_MAX_LAYERS];  /**< labile inorganic P at the start of the day, kg P/ha (elements = 2) */
} agro_century_drivers;

/** One day of CENTURY: per layer (index 0 = surface) and totals. */
typedef struct agro_century_rates {
    double mineralised_n[AGRO_CENTURY_LAYERS];  /**< gross N mineralised (DSSAT MNR(L,N)), kg N/ha */
    double immobilised_n[AGRO_CENTURY_LAYERS];  /**< gross N immobilised, direct absorption by new residue included (IMM(L,N)), kg N/ha */
    double mineralised_p[AGRO_CENTURY_LAYERS];  /**< MNR(L,P), kg P/ha */
    double immobilised_p[AGRO_CENTURY_LAYERS];  /**< IMM(L,P), kg P/ha */
    double co2_c[AGRO_CENTURY_LAYERS];          /**< C respired, kg C/ha */
    /** soil organic C (SOM1 + SOM2 + SOM3) and litter C of soil layers 1..n at the START of
     *  the day (DSSAT SSOMC, LITC of yesterday's integration), for the soluble C of
     *  denitrification and the urea hydrolysis rate, kg C/ha (index 0 = surface) */
    double som_c[AGRO_CENTURY_LAYERS];
    double litter_c[AGRO_CENTURY_LAYERS];
    double mineralised_n_kg_ha, immobilised_n_kg_ha, mineralised_p_kg_ha, immobilised_p_kg_ha;
    double co2_c_kg_ha;        /**< total C respired */
    double mulch_kg_ha;        /**< surface organic matter after the step, 1.9·SOM1C(0) + 2.5·litter C(0), kg DM/ha (DSSAT MULCHMASS) */
    double balance_error;      /**< largest |C, N or P| change of the pools not explained by inputs, CO2 and mineral flows, kg/ha */
    double reserved;           /**< padding, 0 */
} agro_century_rates;

/**
 * Initialise CENTURY for profile @p pr (BD, DLAYR, organic C, total N, clay, silt, stable C
 * stable_c_pct where measured) with the initial mineral N @p no3_kg_ha and @p nh4_kg_ha per
 * layer (kg N/ha: the organic N is SLNI less them, and new residue absorbs some directly), the
 * organic P
 * @p organic_p_kg_ha per layer (kg P/ha, the P model's estimate of SLPO; NULL when only N is
 * simulated, elements = 1) and the previous crop's residues @p res (NULL = none).
 * - soil organic C per layer = SLOC·BD·DLAYR·1000 − the C of the roots placed there, at
 *   least 0 (DSSAT SoilCNPinit_C: roots richer in C than the layer leave it no SOM);
 * - SOM3 fraction: stable_c_pct/SOC where measured; else, in the layers down to 40 cm, that of
 *   the field history @p field_history after @p history_years years
 *   (agro_century_history_stable_frac; AGRO_FIELD_HISTORY_NONE: none); else the regression of
 *   Adiku ((0.15·(clay + silt) + 0.69)/10 % of stable C); at most 0.98; SOM1 = 5 % of the
 *   rest, SOM2 the rest (DSSAT SOMFRAC_INIT);
 * - SOM N from total N at CENTURY's C:N limits (default C:N 10, 17, 7 for all layers when any
 *   layer lacks SLNI or falls outside them, as DSSAT SOMINIT_C);
 * - SOM P: 3 % (6 % after grass) of the organic P in SOM1, the rest in SOM23, within C:P
 *   30–150 and 100–400;
 * - the residues go to metabolic and structural litter by their lignin:N (PARTIT_C).
 * Missing (NaN) clay or silt count as 30 %, clay first, each at most 100 − the other (DSSAT
 * SOILDYN). Missing (NaN) or zero organic C (below 0.001 %) is estimated by Adiku's regression,
 * (0.15·(clay + silt) + 0.69)/10 % (DSSAT SOILDYN replaces only a zero or missing SLOC).
 * @return AGRO_OK; AGRO_EINVAL (NULL, layers, elements not 1 or 2); AGRO_ERANGE naming the
 *         field and layer: SLOC negative, infinite or above 60 %, SLCL or SLSI outside
 *         0..100 % or together above 100 %, SLB of a layer thinner than ::AGRO_SOIL_MIN_LAYER_CM
 *         or thicker than 1e6 cm (AGRO_EORDER naming SLB for depths that do not increase), SBDM, NO3, NH4 or SLPO negative or too large, SASC outside 0..60 % or above the layer's SLOC (when SLOC is measured,
 *         i.e. not missing or zero); AGRO_ENUMERIC naming the field and layer: SLB,
 *         SBDM, NO3, NH4, SLPO or SASC not finite (SASC NaN is unknown); AGRO_ERANGE naming field_history / history_years
 *         (unknown history, negative years); AGRO_ERANGE / AGRO_ENUMERIC naming a member of
 *         @p res outside its range / not finite. Nothing changes on an error.
 */
AGRO_API int agro_century_init(agro_ctx *ctx, const agro_soil_profile *pr,
                               const double *no3_kg_ha, const double *nh4_kg_ha,
                               const double *organic_p_kg_ha,
                               const agro_century_initial_residue *res, int32_t field_history,
                               int32_t history_years, int32_t elements,
                               agro_century_params *p, agro_century_state *s);

/**
 * Queue a residue application for the next step (DSSAT OM_Place → RPLACE_C): @p kg_dm_ha dry
 * matter with @p n_pct N, @p p_pct P and lignin fraction @p lignin_frac of the DM, on the
 * surface (@p depth_cm = 0) or spread evenly by depth down to @p depth_cm (a soil part starts
 * 30 days of faster decomposition down to that depth). Several applications before one step
 * add up, as in DSSAT. A soil application of 0.001 kg/ha or less is dropped, as OM_Place does
 * (RESSOL > 0.001), and not counted in the inputs (cum_input_*).
 * @return AGRO_OK; AGRO_EINVAL (NULL, params and state disagreeing on layers); AGRO_ERANGE
 *         naming amount, n_pct, p_pct, lignin_frac or depth_cm;
 *         AGRO_ERANGE / AGRO_ENUMERIC naming the layer and a member of @p p out of
 *         its range, as agro_century_step names it (thickness_cm, bottom_cm, txs1, co2s1,
 *         s1s3, s2s3; a layer thinner than ::AGRO_SOIL_MIN_LAYER_CM in the words of the
 *         water, N and P params' checks); nothing is queued on an error.
 */
AGRO_API int agro_century_add_residue(agro_ctx *ctx, const agro_century_params *p,
                                      agro_century_state *s, double kg_dm_ha, double n_pct,
                                      double p_pct, double lignin_frac, double depth_cm);

/**
 * Queue a residue spread over the soil layers as given, @p kg_dm_ha[0..n−1] dry matter in soil
 * layers 1..n (e.g. roots; no disturbance), with @p n_pct N, @p p_pct P and lignin fraction
 * @p lignin_frac of the DM, for the next step.
 * @return AGRO_OK; AGRO_EINVAL (NULL, params and state disagreeing on layers); AGRO_ERANGE
 *         naming amount (and its layer), n_pct, p_pct or lignin_frac;
 *         AGRO_ERANGE / AGRO_ENUMERIC naming the layer and a member of @p p out of
 *         its range, as agro_century_step names it (thickness_cm, bottom_cm, txs1, co2s1,
 *         s1s3, s2s3; a layer thinner than ::AGRO_SOIL_MIN_LAYER_CM in the words of the
 *         water, N and P params' checks); nothing is queued on an error.
 */
AGRO_API int agro_century_add_residue_layers(agro_ctx *ctx, const agro_century_params *p,
                                             agro_century_state *s, const double *kg_dm_ha,
                                             double n_pct, double p_pct, double lignin_frac);

/**
 * Queue plant matter senesced into soil layer @p layer (1..n) or onto the surface (0) for the
 * next step (DSSAT SENESADD_C, which adds yesterday's senescence): @p kg_dm_ha dry matter
 * holding @p n_kg_ha N and @p p_kg_ha P, with lignin fraction @p lignin_frac of the DM.
 * A layer below the profile (or negative) adds nothing: the step reads only layers 0..n.
 * @return AGRO_OK; AGRO_EINVAL (NULL, params and state disagreeing on layers, @p layer outside
 *         0..n); AGRO_ERANGE / AGRO_ENUMERIC naming kg_dm_ha (0..100000), n_kg_ha or p_kg_ha
 *         (0..10000) or lignin_frac (0..1) when negative, too large / not finite;
 *         AGRO_ERANGE / AGRO_ENUMERIC naming the layer and a member of @p p out of
 *         its range, as agro_century_step names it (thickness_cm, bottom_cm, txs1, co2s1,
 *         s1s3, s2s3; a layer thinner than ::AGRO_SOIL_MIN_LAYER_CM in the words of the
 *         water, N and P params' checks); nothing is queued on an error.
 */
AGRO_API int agro_century_add_senesced(agro_ctx *ctx, const agro_century_params *p,
                                       agro_century_state *s, int32_t layer, double kg_dm_ha,
                                       double n_kg_ha, double p_kg_ha, double lignin_frac);

/**
 * One day of CENTURY (DSSAT CENTURY.for RATE then INTEGR): the queued inputs are split into
 * metabolic and structural litter (with direct absorption of mineral N by new residue in the
 * soil), litter and SOM decompose with DEFAC (temperature after Lloyd & Taylor 1994, water
 * after DSSAT DECRAT_C; the surface uses soil layer 1's), immobilisation is limited to the
 * mineral N and labile P of layer 1, and the pools are integrated. @p ws gives SW at the start
 * of the day with @p wp its limits. @p r (required) receives the day's mineral flows.
 * @return AGRO_OK; AGRO_EINVAL (NULL; params, state and water disagreeing on layers or
 *         elements; n_disturb outside 0..AGRO_CENTURY_MAX_DISTURB, named); AGRO_ERANGE /
 *         AGRO_ENUMERIC naming the layer and a member of @p p a caller changed out of its range
 *         (thickness_cm from ::AGRO_SOIL_MIN_LAYER_CM, less 1e-9 cm, to 1e6 cm as
 *         agro_century_init takes it, a thinner layer named as the water, N and P params'
 *         checks name it: "layer 2 thickness_cm: must be at least 0.001 cm, the thinnest the
 *         soil models take ... (1e-06)"; bottom_cm the running sum
 *         of thickness_cm down to the layer, 1e-9 relative, as agro_century_init sets it; txs1,
 *         co2s1, s1s3, s2s3
 *         within what their texture lines give for sand and clay fractions in [0, 1]: 0.25..1,
 *         0.17..0.85, 0.003..0.035, 0.003..0.012), a driver and layer, the water limit (ll, dul
 *         or sat, with its value) that breaks 0 <= LL < DUL < SAT <= 1, a water content sw
 *         outside [0, SAT] (1e-9 tolerance), or a state (century_state) whose pool is not
 *         finite, below −0.001 kg/ha or above what its place can hold, or whose queued input is
 *         not finite, negative or takes the litter it joins (the element's metabolic and
 *         structural pools, or lig_c, plus the applied and senesced queue) above that bound (a
 *         soil layer: its soil mass at the density of quartz, 2.65e5 kg/ha per cm of
 *         thickness_cm; the surface: 1e6 kg/ha, the heaviest mulch the water model takes, and
 *         its microbes and litter as the mulch 1.9·som1_c + 2.5·(metab_c + struc_c), with the
 *         queued surface C as 2.5·C, at most 1e6 kg DM/ha), whose som23_c is not
 *         som2_c + som3_c (to 1e-6 relative), whose lignin fraction frlstr is outside [0, 1] or
 *         whose step count day is outside 0..INT32_MAX − 31, whose carried C:E ratio is
 *         outside what the model gives it (ces1_surface N 10..16, P 50..200; ces21_surface_n
 *         0 or 12..20, ces23_surface_p 0 or 100..400), whose disturbance within n_disturb ends
 *         outside 30..day + 30 or lies outside (0.001, 10000] cm, whose disturb_end_max is
 *         outside 0..day + 30 or disturb_depth_max_cm outside [0, 10000], whose pending_disturb
 *         is not 0 or 1 or pending_depth_cm outside [0, bottom_cm of the last layer], or whose
 *         cumulative totals, initial_c/n/p or max_abs_balance_error are not finite
 *         (AGRO_ENUMERIC) (all checked before anything changes, the member named). Like DSSAT (NCHECK_C) the step leaves the tiny negative pools rounding can
 *         make; −0.001 is NCHECK_C's warning level.
 */
AGRO_API int agro_century_step(agro_ctx *ctx, const agro_century_params *p,
                               const agro_soil_water_params *wp, const agro_soil_water_state *ws,
                               const agro_century_drivers *d, agro_century_state *s,
                               agro_century_rates *r);

/** Organic C of the surface and all soil layers (SOM + litter), kg C/ha (NaN for NULL). */
AGRO_API double agro_century_total_c_kg_ha(const agro_century_state *s);
/** Organic N of the surface and all soil layers (SOM + litter), kg N/ha. */
AGRO_API double agro_century_total_n_kg_ha(const agro_century_state *s);
/** Organic P (SOM1 + SOM23 + litter), kg P/ha. */
AGRO_API double agro_century_total_p_kg_ha(const agro_century_state *s);
/** N and P waiting in the queued inputs, kg/ha (they count as soil organic matter). */
AGRO_API double agro_century_pending_n_kg_ha(const agro_century_state *s);
AGRO_API double agro_century_pending_p_kg_ha(const agro_century_state *s);

AGRO_API size_t agro_sizeof_century_params(void);
AGRO_API size_t agro_sizeof_century_input(void);
AGRO_API size_t agro_sizeof_century_state(void);
AGRO_API size_t agro_sizeof_century_drivers(void);
AGRO_API size_t agro_sizeof_century_rates(void);
AGRO_API size_t agro_sizeof_century_initial_residue(void);

#ifdef __cplusplus
}
#endif
#endif
