/* Internal (not installed): agro_soil_temp_step in two halves, so that the field can check a
 * day's weather-driven soil temperature before it changes anything else of the day (the water
 * balance runs in between, and the numerical model reads its end-of-day water). */
#ifndef AGROSIM_SOIL_TEMP_INTERNAL_H
#define AGROSIM_SOIL_TEMP_INTERNAL_H

#include "agrosim/soil_temp.h"

/* The weather the soil temperature models take (agro_soil_temp_step refuses a day beyond): air
 * temperatures, °C, and global radiation, MJ/m²/d. The field checks a day's weather against
 * them up front, so that it refuses the day before anything of it happens. */
#define SOIL_TEMP_TMAX_MIN_C (-60.0)
#define SOIL_TEMP_TMAX_MAX_C 70.0
#define SOIL_TEMP_TMIN_MIN_C (-70.0)
#define SOIL_TEMP_TMIN_MAX_C 60.0
#define SOIL_TEMP_SRAD_MAX 50.0

/* agro_soil_temp_create for a caller that reads only the layer means and agro_soil_temp_at (the
 * field): a daily-mean method (STEMP, EPIC) gets no numerical node grid, which its step never
 * reads (a bisection of some 55 pow calls, 39 more and 8 kB zeroed per create); such a model
 * has 0 nodes (agro_soil_temp_n_nodes) and no node arrays, so the node accessors (depths,
 * temperatures, set_nodes) are not for it. The numerical method gets its grid as usual. */
int agro_soil_temp_create_no_grid(agro_ctx *ctx, const agro_soil_profile *profile,
                                  const agro_soil_temp_options *opt, agro_soil_temp **out);

/* Check the day's weather and cover drivers of @p d (not its water contents) and, for the
 * numerical method, compute the day's surface temperatures and check them against the state
 * range. Changes no state: a failure leaves the model as it was. */
int agro_soil_temp_day_begin(agro_ctx *ctx, agro_soil_temp *st, const agro_soil_temp_drivers *d);
/* Advance the day on the drivers given to agro_soil_temp_day_begin (which must have succeeded
 * with the same weather) and the water contents of @p d, which the caller keeps in [0, 1] or
 * NaN (DUL): they are not checked here (agro_soil_temp_step checks them). */
int agro_soil_temp_day_end(agro_ctx *ctx, agro_soil_temp *st, const agro_soil_temp_drivers *d);

/* The layer means STEMP's or STEMP_EPIC's season initialisation left (SEASINIT: 8 calls of
 * SOILT or SOILT_EPIC with the first day's weather), before the first day's own update: what
 * DSSAT's soil N and organic matter read on the first day, SOIL's RATE running before SPAM's
 * (CSM_Main LAND.for). The numerical model, which has no such step, and a model before its
 * first day give agro_soil_temp_layer_means. AGRO_EINVAL as that function. */
int agro_soil_temp_seasinit_layer_means(const agro_soil_temp *st, double *out_C, size_t n);

#endif
