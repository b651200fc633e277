/* Internal to the soil modules that read CENTURY's daily rates (soil N and soil P). */
#ifndef AGROSIM_SOIL_CENTURY_INTERNAL_H
#define AGROSIM_SOIL_CENTURY_INTERNAL_H

#include <stdint.h>

#include "agrosim/core.h"

/* The @p k rate arrays @p rates (named @p names) of an agro_century_rates, layers 0 (the
 * surface) to @p n: each value finite and >= 0, else AGRO_ERANGE (AGRO_ENUMERIC if not finite)
 * naming the array, the layer and the value. @p n < 0 checks nothing (the caller's layer count
 * is refused later by its step). */
int agro_century_rates_check(agro_ctx *ctx, int32_t n, const double *const *rates,
                             const char *const *names, int k);

#endif
