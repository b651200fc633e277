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

#endif
