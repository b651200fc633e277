/* Internal (not installed): soil water step for a caller that owns its rates struct, e.g.
 * the field. */
#ifndef AGROSIM_SOIL_WATER_INTERNAL_H
#define AGROSIM_SOIL_WATER_INTERNAL_H

#include "agrosim/soil_water.h"

/* agro_soil_water_step without zeroing all of @p r first: only what the step computes is
 * written (entries it never sets, e.g. upflow below the last layer, are left alone). Same
 * results and the same contents of @p r as agro_soil_water_step when @p r was zeroed once
 * (e.g. calloc) and is filled only by this function with the same params. */
int agro_soil_water_step_reuse(agro_ctx *ctx, const agro_soil_water_params *p,
                               agro_soil_water_state *s, const agro_soil_water_drivers *d,
                               agro_soil_water_rates *r);

#endif
