/* Internal (not installed): the field's calls of the P model on values the model itself made.
 * The public agro_soil_p_take_up and agro_soil_p_root_volume check their arguments and refuse a
 * negative or non-finite value; the crop's own uptake and roots come from the same model, whose
 * rounding may leave a layer a few 1e-17 below zero, and are taken as they are, as DSSAT does. */
#ifndef AGROSIM_SOIL_PHOSPHORUS_INTERNAL_H
#define AGROSIM_SOIL_PHOSPHORUS_INTERNAL_H

#include "agrosim/soil_phosphorus.h"

void agro_soil_p_root_volume_unchecked(const agro_soil_p_params *p, agro_soil_p_state *s,
                                       const double *rlv, double root_depth_cm,
                                       double pltpop_m2, double row_spacing_cm,
                                       double root_radius_m);
void agro_soil_p_take_up_unchecked(const agro_soil_p_params *p, agro_soil_p_state *s,
                                   const double *kg_p_ha);
/* agro_soil_p_fertilise and agro_soil_p_add_organic for the field's own state (the dead roots'
 * P each day of P uptake, a residue's, a fertiliser's): the arguments checked as there, the
 * params and state not, as the field's steps skip the public steps' state check. */
int agro_soil_p_fertilise_field(agro_ctx *ctx, const agro_soil_p_params *p, agro_soil_p_state *s,
                                int32_t layer, double kg_p_ha, double band_fraction);
int agro_soil_p_add_organic_field(agro_ctx *ctx, const agro_soil_p_params *p, agro_soil_p_state *s,
                                  int32_t layer, double kg_p_ha);
/* agro_soil_p_step and agro_soil_p_step_century for the field's own state, which the steps keep
 * in range: the params, drivers and CENTURY rates checked as they check them, the state not. */
int agro_soil_p_step_field(agro_ctx *ctx, const agro_soil_p_params *p, agro_soil_p_state *s,
                           const agro_soil_p_drivers *d, agro_soil_p_rates *r);
int agro_soil_p_step_century_field(agro_ctx *ctx, const agro_soil_p_params *p,
                                   agro_soil_p_state *s, const agro_soil_p_drivers *d,
                                   const agro_century_rates *om, agro_soil_p_rates *r);
/* agro_soil_p_set_saturation for the field's own params and state (a tillage pass or its
 * settling changed SAT): the arguments checked as there, the params and state not. */
int agro_soil_p_set_saturation_field(agro_ctx *ctx, agro_soil_p_params *p, agro_soil_p_state *s,
                                     const double *sat, const double *sw, size_t n);
/* The day's step of a tillage day (agro_soil_p_step, or agro_soil_p_step_century with @p om):
 * the pools outside the root zone, with the day's root-zone transfer and fertiliser, mixed
 * with @p mix_pct % over @p depth_cm before the organic release and the flows, which read the
 * pre-mixing pools (SoilPi.for RATE; docs/design/tillage.md Q23, Q26). The tillage depth and
 * percentage are the field's, taken unchecked; @p om is checked as agro_soil_p_step_century
 * checks it, the state as agro_soil_p_step_field does not. */
int agro_soil_p_step_tilled_unchecked(agro_ctx *ctx, const agro_soil_p_params *p,
                                      agro_soil_p_state *s, const agro_soil_p_drivers *d,
                                      const agro_century_rates *om, double depth_cm,
                                      double mix_pct, agro_soil_p_rates *r);

#endif
