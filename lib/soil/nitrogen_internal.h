/* Internal (not installed): soil mineral N step for a caller that owns its rates struct and
 * keeps per-layer constants, e.g. the field. */
#ifndef AGROSIM_SOIL_NITROGEN_INTERNAL_H
#define AGROSIM_SOIL_NITROGEN_INTERNAL_H

#include "agrosim/soil_nitrogen.h"

/* Constants of the oxidised surface layer (lib/soil/oxlayer.c, DSSAT OXLAYER.for). */
typedef struct agro_ox_consts {
    double bd1, dlayr1_cm, oxlt_cm; /* BD1, DLAYR(1), OXLT */
    double oxfac, fac1_full;        /* ppm per kg N/ha of the ox layer and of layer 1 */
    double ph1, cec1, ak;           /* PH(1), SURCEC, AK of the ox layer's urea hydrolysis */
    double ll1, dul1, sat1;         /* LL(1), DUL(1), SAT(1) */
} agro_ox_consts;

/* One day of the oxidised layer: new ox pools and indices, the day's flows, kg N/ha. */
typedef struct agro_ox_result {
    double ox_urea, ox_nh4, ox_no3, algact, oxni, oxph;
    double volatilised, hydrolysed, nitrified;
} agro_ox_result;

void agro_ox_consts_init(const agro_soil_n_params *p, const agro_soil_water_params *wp,
                         agro_ox_consts *c);
/* DSSAT OXLAYER's RATE step on layer 1's urea, NH4 and NO3 (in/out, kg N/ha; the ox pools and
 * indices from @p s), with start-of-day SW1 @p sw1 and layer 1's temperature @p st1. Changes
 * only layer 1 and @p out; the caller commits out's pools to the state. */
void agro_ox_step(const agro_ox_consts *c, const agro_soil_n_state *s,
                  const agro_soil_n_drivers *d, double sw1, double st1, double *urea1,
                  double *nh4_1, double *no3_1, agro_ox_result *out);

/* Per-layer factors of agro_soil_n_step that depend on the parameters only; computed once
 * by agro_soil_n_consts_init (the public step computes them on every call). */
typedef struct agro_soil_n_consts {
    int32_t n_layers;
    double ph_nitrif[AGRO_SOIL_MAX_LAYERS]; /* PHFACT of nitrification (DSSAT SOILNI.for) */
    double ph_min[AGRO_SOIL_MAX_LAYERS];    /* PHMIN = pH/3 − 1.1 in [0, 1] (SoilOrg.for) */
    double no3_soln[AGRO_SOIL_MAX_LAYERS];  /* FRAC_SOLN = 1/(1 + BD·ADCOEF/DUL) (NFLUX.for) */
    /* water factor WFSOM: air-dry content AD, 1/(DUL − AD) and 0.5/(SAT − DUL) */
    double wf_ad[AGRO_SOIL_MAX_LAYERS];
    double wf_inv_dry[AGRO_SOIL_MAX_LAYERS];
    double wf_half_inv_wet[AGRO_SOIL_MAX_LAYERS];
    double inv_sat[AGRO_SOIL_MAX_LAYERS];   /* 1/SAT, for the water-filled pore fraction */
    double denit_cw_per_kg_c[AGRO_SOIL_MAX_LAYERS]; /* 0.0031·KG2PPM of CW, ppm per kg C/ha */
    double oc_pct_per_kg_c[AGRO_SOIL_MAX_LAYERS];   /* 1E-4·KG2PPM: SSOMC kg C/ha → OC % */
    agro_ox_consts ox;                              /* the oxidised surface layer */
} agro_soil_n_consts;

/* Fill @p k from validated params (the water params give DUL). */
void agro_soil_n_consts_init(const agro_soil_n_params *p, const agro_soil_water_params *wp,
                             agro_soil_n_consts *k);

/* agro_soil_n_add_residue_lignin without its checks of one application (mass <= 100000 kg/ha,
 * N <= 10 %, the lignin fraction): for the surface mulch a tillage incorporates, which sums
 * applications that were each checked, so its mass may exceed one application's limit and its
 * N concentration, recomputed from the sums, may round above 10 % (docs/design/tillage.md §3.8). */
void agro_soil_n_add_residue_unchecked(const agro_soil_n_params *p, agro_soil_n_state *s,
                                       double kg_dm_ha, double n_pct, double depth_cm, double lig);

/* The mineral N of a tillage day before the mixing (agro_soil_n_mix_unchecked), kg N/ha per
 * layer: what the fresh organic matter reads (DSSAT SoilOrg runs before SoilNi mixes), and
 * NH4(L), NO3(L) of SOILNI.for, which nitrification and denitrification read (quirk Q22 of
 * docs/design/tillage.md: set before SoilMix, so the rates use the unmixed amounts). */
typedef struct agro_soil_n_premix {
    double om_min[AGRO_SOIL_MAX_LAYERS];
    double no3[AGRO_SOIL_MAX_LAYERS];
    double nh4[AGRO_SOIL_MAX_LAYERS];
} agro_soil_n_premix;

/* Mix the mineral N (NO3, NH4, urea) of @p s over @p depth_cm with @p pct % (DSSAT SOILNI.for
 * RATE: SoilMix of SNO3, SNH4, UREA with TILMIX over TILDEP, the day's fertiliser included and
 * so integrated, quirk Q23), after filling @p pm with the pre-mixing amounts for the day's
 * agro_soil_n_step_reuse. @p r: the rates the last step and uptake removal left. The oxidised
 * layer's pools are left as they are (DSSAT's OXLAYR is not mixed), at most layer 1's. */
void agro_soil_n_mix_unchecked(const agro_soil_n_params *p, agro_soil_n_state *s,
                               const agro_soil_n_rates *r, double depth_cm, double pct,
                               agro_soil_n_premix *pm);

/* agro_soil_n_step (agro_soil_n_step_century when @p om is not NULL) without zeroing all of @p r first (only the entries of the n layers and
 * the totals are written) and with the per-layer constants @p k (NULL: computed per call); @p pm (NULL but on a tillage
 * day) the mineral N before that day's mixing. @p up_top (NULL but under Suleiman-Ritchie):
 * per layer, the upward water flow out of the layer across its top, mm, that moves its NO3
 * and urea up instead of @p wr's upflow_mm (the drainage stays flux_mm + upflow_mm); entry 0
 * moves nothing (NFLUX.for: no NUP(1)).
 * Same results, and the same contents of @p r as agro_soil_n_step when @p r was zeroed once
 * (e.g. calloc) and is filled only by this function with params of the same layers (and
 * @p up_top NULL). */
int agro_soil_n_step_reuse(agro_ctx *ctx, const agro_soil_n_params *p,
                           const agro_soil_water_params *wp, const agro_soil_water_state *ws,
                           const agro_soil_water_rates *wr, agro_soil_n_state *s,
                           const agro_soil_n_drivers *d, agro_soil_n_rates *r,
                           const agro_soil_n_consts *k, const agro_century_rates *om,
                           const agro_soil_n_premix *pm, const double *up_top);

/* agro_soil_n_uptake_capacity and agro_soil_n_uptake_potential_maize, the per-call check of
   @p p's and @p wp's ranges only with @p check_params (the public entries pass 1). The field
   passes 0: its params come from agro_soil_n_params_from_profile and
   agro_soil_water_params_from_profile and its tillage, which keep their ranges (as
   agro_soil_water_step_reuse skips the water check). */
int agro_soil_n_uptake_capacity_checking(agro_ctx *ctx, const agro_soil_n_params *p,
                                         const agro_soil_water_params *wp,
                                         const agro_soil_n_state *s,
                                         const agro_soil_water_state *ws, const double *rlv_cm_cm3,
                                         double *out_no3_kg_ha, double *out_nh4_kg_ha,
                                         int check_params);
int agro_soil_n_uptake_potential_maize_checking(agro_ctx *ctx, const agro_soil_n_params *p,
                                                const agro_soil_water_params *wp,
                                                const agro_soil_n_state *s,
                                                const agro_soil_water_state *ws,
                                                const double *rlv_cm_cm3, const double *shf,
                                                double *out_no3_kg_ha, double *out_nh4_kg_ha,
                                                int check_params);

/* Take the day's plant uptake (kg N/ha per layer, >= 0 and finite; at most what each layer
   holds is taken) out of the pools after agro_soil_n_step_reuse ran with no uptake: the
   uptake the plants computed from the pools the step left (DSSAT: from NO3_plant/NH4_plant at
   the plant's INTEGR, removed at SoilNi's next RATE). Writes the uptake entries of @p r and
   adds to the state's cumulative uptake. The next agro_soil_n_step_reuse adds those uptake
   entries back for the fresh organic matter's read of the mineral N (DSSAT SoilOrg reads NO3
   and NH4 before SoilNi's RATE takes yesterday's uptake out), so @p r must be the rates struct
   that step is given. */
void agro_soil_n_remove_uptake_unchecked(agro_soil_n_state *s, agro_soil_n_rates *r,
                                         const double *no3_kg_ha, const double *nh4_kg_ha);

/* Mineral N of each layer as DSSAT's CENTURY reads it in SOIL's RATE (AMINRL(L,N), kg N/ha):
   SoilNi's NO3 and NH4 of yesterday's INTEGR, before SoilNi's RATE takes out yesterday's plant
   uptake (SOIL.for 07c41ff calls CENTURY before SoilNi; SoilNi.for RATE "Update with
   yesterday's plant N uptake"), i.e. the pools plus the uptake that
   agro_soil_n_remove_uptake_unchecked last took out of them (@p r's uptake entries; 0 before
   the first removal). For a caller that runs CENTURY before agro_soil_n_step_reuse. */
void agro_soil_n_century_mineral_unchecked(const agro_soil_n_state *s,
                                           const agro_soil_n_rates *r, double *out_kg_ha);

/* The events for the field's own state: the public agro_soil_n_fertilise_urea,
   agro_soil_n_fertilise_surface, agro_soil_n_add_residue_lignin,
   agro_soil_n_add_root_residue_lignin and agro_soil_n_add_senesced with their arguments and
   layers checked as there, the params and state not (the field's steps keep them, as
   agro_soil_n_step_reuse skips the public steps' state check). */
int agro_soil_n_fertilise_urea_field(agro_ctx *ctx, const agro_soil_n_params *p,
                                     agro_soil_n_state *s, double kg_n_ha, double depth_cm,
                                     double no3_fraction, double urea_fraction);
int agro_soil_n_fertilise_surface_field(agro_ctx *ctx, const agro_soil_n_params *p,
                                        agro_soil_n_state *s, double kg_n_ha, double no3_fraction,
                                        double urea_fraction, int32_t material);
int agro_soil_n_add_residue_lignin_field(agro_ctx *ctx, const agro_soil_n_params *p,
                                         agro_soil_n_state *s, double kg_dm_ha, double n_pct,
                                         double depth_cm, double lignin_frac);
int agro_soil_n_add_root_residue_lignin_field(agro_ctx *ctx, const agro_soil_n_params *p,
                                              agro_soil_n_state *s, double kg_dm_ha, double n_pct,
                                              double lignin_frac);
int agro_soil_n_add_senesced_field(agro_ctx *ctx, const agro_soil_n_params *p,
                                   agro_soil_n_state *s, int32_t layer, double kg_dm_ha,
                                   double n_kg_ha);

/* agro_soil_n_add_senesced without the checks, for a caller that passes a valid layer and
   finite amounts >= 0 (the field's daily step). */
void agro_soil_n_add_senesced_unchecked(const agro_soil_n_params *p, agro_soil_n_state *s,
                                        int32_t layer, double kg_dm_ha, double n_kg_ha);

/* Share of an incorporated residue in each layer: the layer's thickness inside 0..@p depth_cm
 * over that depth (the whole residue in layer 1 at depth 0; the depth at most the profile's)
 * (DSSAT SoilOrg.for tillage incorporation FR). The N and the P of a residue follow it. */
void agro_soil_residue_shares(const agro_soil_n_params *p, double depth_cm, double *share);
/* Share of a root residue in each layer, exp(−3·mid-depth/DEPMAX)·BD·DLAYR normalised (DSSAT
 * SoilOrg_init.for WRN); AGRO_ERANGE/ENUMERIC naming the layer for thickness or bulk density
 * that are not > 0. */
int agro_soil_root_residue_shares(agro_ctx *ctx, const agro_soil_n_params *p, double *share);

#endif
