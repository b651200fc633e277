/**
 * @file canopy.h
 * @brief Light sharing between several canopies in one field (crops and weeds).
 *
 * Homogeneous mixed canopy (Beer's law; Keating & Carberry 1993; BRIEF §3.2 item 1):
 * total interception F = 1 − exp(−Σ k_i·L_i), canopy i receives F·k_i·L_i / Σ k_j·L_j;
 * layered canopy by height (APSIM MicroClimate; BRIEF §3.2 item 2) for canopies of different
 * heights (a crop over its weeds, an intercrop).
 *
 * None of these functions depends on the order in which the canopies are listed: a permutation
 * of the canopies permutes the outputs, bit for bit (the sums over the canopies are taken in
 * ascending order). Only which bad element a refusal names follows the order (the first).
 *
 * On error the outputs are unchanged: nothing is written until every input and every sum that
 * could overflow has passed, so a refused call leaves the caller's array as it was.
 */
#ifndef AGROSIM_CANOPY_H
#define AGROSIM_CANOPY_H

#include "agrosim/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Largest number of canopies (crops + weeds) in one field. */
#define AGRO_CANOPY_MAX 4

/**
 * Fractions of incident radiation intercepted by each of @p n canopies of a mixed canopy.
 * @param ctx       error context (may be NULL): a refusal names the argument and element,
 *                  e.g. "lai[1]: leaf area index must be finite and >= 0 (-0.5)"
 * @param k         extinction coefficients (≥ 0), n values
 * @param lai       leaf area indices, m²/m² (≥ 0), n values
 * @param n         number of canopies (1..AGRO_CANOPY_MAX)
 * @param frac_out  out: intercepted fraction of each canopy (0..1); Σ = 1 − exp(−Σ k·L) to
 *                  rounding and never above 1: the exact sum of the fractions is at most 1, so
 *                  adding them in any order gives at most 1 (where Σ k·L passes about 37 and
 *                  1 − exp(−Σ k·L) rounds to 1, the fractions are lowered by an ulp or two if
 *                  their rounded shares add up to more); unchanged on error
 * @return AGRO_OK, AGRO_EINVAL (NULL, bad n, negative or non-finite input, or a Σ k·L that
 *         overflows).
 */
AGRO_API int agro_canopy_mixed_interception(agro_ctx *ctx, const double *k, const double *lai,
                                            size_t n, double *frac_out);

/**
 * Fractions of incident radiation intercepted by each of @p n canopies of different heights,
 * layered canopy of APSIM MicroClimate (BRIEF §3.2 item 2): each canopy's leaf area is spread
 * uniformly from the ground to its height; the air space is cut into layers at the canopy
 * heights; from the top down a layer intercepts R_in·(1 − exp(−Σ k_j·L_j,layer)), shared by
 * k_j·L_j,layer, and passes the rest down. The total is the mixed canopy's, 1 − exp(−Σ k·L);
 * the taller canopies take more of it. Equal heights give agro_canopy_mixed_interception, bit
 * for bit.
 *
 * Near-equal heights: tops within 1e-9 m of each other are one height. The tops of the
 * canopies with leaf area are sorted; going down, a top within 1e-9 m of the next higher one
 * joins that one's group, and every canopy of a group takes the group's highest top as its
 * height. A group spans at most 1e-9 m per member after the first (3e-9 m for four canopies),
 * and no top rises by more; the layers follow from the heights alone, whatever the order of the
 * canopies. Canopies without leaf area cut no layer.
 * @param ctx       error context (may be NULL): a refusal names the argument and element
 * @param k         extinction coefficients (≥ 0), n values
 * @param lai       leaf area indices, m²/m² (≥ 0), n values
 * @param height_m  canopy heights, m (≥ 0; a canopy with leaf area and a height below 1 mm is
 *                  treated as 1 mm tall), n values
 * @param n         number of canopies (1..AGRO_CANOPY_MAX)
 * @param frac_out  out: intercepted fraction of each canopy (0..1); Σ = 1 − exp(−Σ k·L) to
 *                  rounding and never above 1, as for agro_canopy_mixed_interception; unchanged
 *                  on error
 * @return AGRO_OK, AGRO_EINVAL (NULL, bad n, negative or non-finite input, or a layer's Σ k·L
 *         that overflows).
 */
AGRO_API int agro_canopy_layered_interception(agro_ctx *ctx, const double *k,
                                              const double *lai, const double *height_m,
                                              size_t n, double *frac_out);

/**
 * Share a resource supply (water or nitrogen) between canopies in proportion to their uptake
 * capacities, never giving a canopy more than its demand; what one canopy leaves is offered
 * to the others (water: Ritchie-type supply/demand; N: DSSAT NUPTAK capacity). The field
 * shares layer by layer with its own code (docs/model.md §1, "What the canopies share and how").
 * @param ctx        error context (may be NULL): a refusal names the argument and element,
 *                   e.g. "capacity[0]: uptake capacity must be finite and >= 0 (nan)"
 * @param demand     demand of each canopy (≥ 0), any unit
 * @param capacity   uptake capacity of each canopy from the soil (≥ 0), same unit
 * @param supply     what the soil can give in total (≥ 0)
 * @param n          number of canopies (1..AGRO_CANOPY_MAX)
 * @param take_out   out: amount each canopy takes (≤ demand and ≤ capacity; Σ ≤ supply to
 *                   rounding, all of it when the canopies want more); unchanged on error
 * @return AGRO_OK, AGRO_EINVAL (NULL, bad n, negative or non-finite input, or demands or
 *         capacities whose sum overflows).
 */
AGRO_API int agro_canopy_share_supply(agro_ctx *ctx, const double *demand,
                                      const double *capacity, double supply, size_t n,
                                      double *take_out);

#ifdef __cplusplus
}
#endif
#endif
