/* Private: the second round of the per-layer resource sharing between two canopies
 * (lib/canopy/share.c), used by the field step. */
#ifndef AGROSIM_INTERNAL_CANOPY_SHARE_H
#define AGROSIM_INTERNAL_CANOPY_SHARE_H

#include <stdint.h>

#include "agrosim/soil.h"

/* Longest list: two entries per soil layer (the field passes one per layer, for water). */
#define CANOPY_SHARE_MAX (2 * AGRO_SOIL_MAX_LAYERS)

/* Canopy a and b hold the shares @p up_a, @p up_b (n ≤ CANOPY_SHARE_MAX entries, one per
 * layer) of a supply split in proportion to the capacities @p cap_a, @p cap_b. What a canopy
 * will not use (its total above keep·its demand) is moved to the other, entry by entry up to
 * that canopy's capacity, until its unmet demand is covered. */
void canopy_offer_surplus(const double *cap_a, double *up_a, double dem_a, const double *cap_b,
                          double *up_b, double dem_b, double keep, int32_t n);

#endif
