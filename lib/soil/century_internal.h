/* Internal to the soil modules that read CENTURY's daily rates (soil N and soil P) and to the
 * field, which steps CENTURY. */
#ifndef AGROSIM_SOIL_CENTURY_INTERNAL_H
#define AGROSIM_SOIL_CENTURY_INTERNAL_H

#include <stdint.h>

#include "agrosim/core.h"
#include "agrosim/soil_century.h"

/* The @p k rate arrays @p rates (named @p names) of an agro_century_rates, layers 0 (the
 * surface) to @p n: each value finite and >= 0, else AGRO_ERANGE (AGRO_ENUMERIC if not finite)
 * naming the array, the layer and the value. @p n < 0 checks nothing (the caller's layer count
 * is refused later by its step). */
int agro_century_rates_check(agro_ctx *ctx, int32_t n, const double *const *rates,
                             const char *const *names, int k);

/* The caller's values agro_century_init takes from the profile @p pr (thickness, SBDM, SLCL,
 * SLSI, SLOC, SASC with SASC at most a measured SLOC) and the initial mineral N and organic P of
 * each of its layers (1..AGRO_SOIL_MAX_LAYERS, not checked here), refused as agro_century_init
 * refuses them: the field checks them at create, where the caller's values enter, although
 * CENTURY starts at its first step. */
int agro_century_profile_check(agro_ctx *ctx, const agro_soil_profile *pr, const double *no3_kg_ha,
                               const double *nh4_kg_ha, const double *organic_p_kg_ha,
                               int32_t elements);

/* agro_century_step for the field's own params and state, which only agro_century_init, the step
 * and the checked additions change: the drivers, the water limits and the step count checked as
 * the public step checks them, the params and the state not (a CENTURY season took 18 % more
 * instructions with them, bench/README). */
int agro_century_step_field(agro_ctx *ctx, const agro_century_params *p,
                            const agro_soil_water_params *wp, const agro_soil_water_state *ws,
                            const agro_century_drivers *d, agro_century_state *s,
                            agro_century_rates *r);

/* agro_century_add_residue, _add_residue_layers and _add_senesced for the field's own params,
 * which only agro_century_init fills: the arguments and layer counts checked as the public
 * entries check them, the params not (the field queues senesced roots every day). */
int agro_century_add_residue_field(agro_ctx *ctx, const agro_century_params *p,
                                   agro_century_state *s, double kg_dm_ha, double n_pct,
                                   double p_pct, double lignin_frac, double depth_cm);
int agro_century_add_residue_layers_field(agro_ctx *ctx, const agro_century_params *p,
                                          agro_century_state *s, const double *kg_dm_ha,
                                          double n_pct, double p_pct, double lignin_frac);
int agro_century_add_senesced_field(agro_ctx *ctx, const agro_century_params *p,
                                    agro_century_state *s, int32_t layer, double kg_dm_ha,
                                    double n_kg_ha, double p_kg_ha, double lignin_frac);

#endif
