/**
 * @file weeds.h
 * @brief Weeds: parameters of the simple weed canopy that competes with a crop inside an
 *        ::agro_field (light by relative k·LAI, water and N by uptake share), and the
 *        empirical yield-loss helpers of Cousens (1985) and Cousens et al. (1987).
 */
#ifndef AGROSIM_WEEDS_H
#define AGROSIM_WEEDS_H

#include "agrosim/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Parameters of a generic weed flora (one canopy). Growth: RUE on intercepted PAR; leaf area
 * the lesser of a per-plant logistic in thermal time and SLA × leaf biomass. N stress
 * acts on growth through the CERES photosynthesis factor of the N concentration (as for the
 * crop), and no growth dilutes the weed N below @c n_conc_min. Root length is spread over the
 * layers above the root front in proportion to the soil root growth factor (as CERES spreads
 * new maize roots).
 */
typedef struct agro_weed_params {
    double tbase_C;          /**< base temperature for weed development, °C */
    double rue_g_MJ;         /**< radiation use efficiency, g dry matter per MJ intercepted PAR */
    double k_par;            /**< extinction coefficient for PAR of the weed canopy */
    double sla_m2_g;         /**< specific leaf area, m² leaf per g leaf dry matter */
    double leaf_frac;        /**< fraction of new weed biomass allocated to leaves (0..1) */
    double root_frac;        /**< fraction of new weed biomass allocated to roots (0..1) */
    double max_leaf_area_cm2;/**< asymptotic leaf area per weed plant in the logistic phase, cm² */
    double tt_half_Cd;       /**< thermal time from weed emergence to half of max leaf area, °C·d */
    double tt_slope_Cd;      /**< logistic slope scale of leaf area vs thermal time, °C·d */
    double seedling_g;       /**< dry weight of one weed seedling at emergence, g/plant */
    double root_depth_rate_cm_Cd; /**< root front advance, cm per °C·d */
    double max_root_depth_cm;/**< maximum weed rooting depth, cm */
    double tt_life_Cd;       /**< thermal time from emergence to weed maturity, °C·d: growth and N
                                  uptake stop, the green leaves die (3 %/d, faster when shaded) and
                                  the cohort ends at LAI 0.01 (docs/model.md §7) */
    double n_crit_1t;        /**< critical N concentration of weed biomass up to 1 t/ha, g N/g;
                                  above 1 t/ha it falls as W^-0.5 (Greenwood et al. 1990) */
    double n_conc_min;       /**< minimum (structural) N concentration of weed biomass, g N/g;
                                  growth stops rather than dilute the weed N below it */
    double rlv_per_g_cm_g;   /**< root length per root dry weight, cm/g */
} agro_weed_params;

/** Fill @p p with the default generic tropical annual weed flora (sources in weeds.c). */
AGRO_API int agro_weed_params_default(agro_weed_params *p);
/** Load weed parameters from JSON (unknown keys rejected, ranges checked). */
AGRO_API int agro_weed_params_load_json(agro_ctx *ctx, const char *path, agro_weed_params *out);
/** Check ranges of @p p (AGRO_ERANGE naming the field). */
AGRO_API int agro_weed_params_validate(agro_ctx *ctx, const agro_weed_params *p);

/*
 * The Cousens functions return AGRO_OK, or AGRO_EINVAL for a NULL pointer or an argument out of
 * its range; @p ctx (may be NULL) then gets a message naming the argument (an array's element
 * index from 0) and its value, e.g. "a_pct: must be in (0, 100] % (150)". On error the output is
 * unchanged: every argument is checked before @p loss_pct is written.
 */

/**
 * Cousens (1985) rectangular hyperbola: yield loss (%) = I·D / (1 + I·D/A).
 * @param ctx              error context (may be NULL)
 * @param i_pct_per_plant  I, % loss per weed/m² as D → 0 (finite, >= 0)
 * @param a_pct            A, maximum loss, % (0 < A <= 100)
 * @param density_m2       D, weed density, plants/m² (finite, >= 0)
 * @param loss_pct         out: yield loss, % of weed-free yield
 */
AGRO_API int agro_cousens_yield_loss(agro_ctx *ctx, double i_pct_per_plant, double a_pct,
                                     double density_m2, double *loss_pct);
/**
 * Cousens et al. (1987) emergence-time form: loss (%) = b·D / (exp(c·T) + b·D/a).
 * @param ctx              error context (may be NULL)
 * @param b_pct_per_plant  b, % loss per weed/m² at T = 0
 * @param c_per_d          c, rate of decline of competitiveness with later emergence, 1/d
 * @param a_pct            a, maximum loss, %
 * @param density_m2       D, weeds/m²
 * @param t_emergence_d    T, weed emergence minus crop emergence, d (positive = later)
 * @param loss_pct         out: yield loss, %
 */
AGRO_API int agro_cousens1987_yield_loss(agro_ctx *ctx, double b_pct_per_plant, double c_per_d,
                                         double a_pct, double density_m2, double t_emergence_d,
                                         double *loss_pct);
/** Multi-species additive Cousens form: loss = ΣI_j·D_j / (1 + ΣI_j·D_j/A), over @p n >= 1
 *  species; a refused element is named "density_m2[2]: ..." (the first bad one listed). The
 *  order of the species changes no bit of the loss: Σ I_j·D_j is taken in ascending order of
 *  the terms, without a workspace; beyond 8 species in a time that grows as n² (meant for a
 *  few species). */
AGRO_API int agro_cousens_yield_loss_multi(agro_ctx *ctx, const double *i_pct_per_plant,
                                           const double *density_m2, size_t n, double a_pct,
                                           double *loss_pct);

AGRO_API size_t agro_sizeof_weed_params(void);

#ifdef __cplusplus
}
#endif
#endif
