/*
 * Read-only views of a field's daily state for the tests (not part of the public API).
 */
#ifndef AGROSIM_FIELD_INTERNAL_H
#define AGROSIM_FIELD_INTERNAL_H

#include "agrosim/field.h"
#include "agrosim/soil_century.h"
#include "agrosim/soil_nitrogen.h"
#include "agrosim/soil_phosphorus.h"

/* The field's CERES soil N state (pools, fresh organic matter, cumulative inputs), and the
   rates of its last N step (the NO3 and urea moved across each layer's bottom among them). */
const agro_soil_n_state *agro_field_soil_n_unchecked(const agro_field *f);
const agro_soil_n_rates *agro_field_soil_n_rates_unchecked(const agro_field *f);

/* The field's soil P state (meaningful with phosphorus_limited) and CENTURY organic matter
   state (NULL unless AGRO_SOIL_OM_CENTURY and started, at the first step), per layer: the
   fuzz harness checks them */
const agro_soil_p_state *agro_field_soil_p_unchecked(const agro_field *f);
const agro_century_state *agro_field_century_unchecked(const agro_field *f);

/* N of the crop's (and the weeds') dead roots of the last plant integration that the CERES fresh organic
   matter has not taken yet (it takes them at the next step, after that step's decomposition:
   DSSAT SoilOrg.for 07c41ff adds SENESCE to DLTFPOOL/DLTFON at RATE and to FPOOL/FON at
   INTEGR), kg N/ha over the layers; layer by layer into @p by_layer_kg_ha unless NULL. */
double agro_field_pending_root_n_unchecked(const agro_field *f, double *by_layer_kg_ha);

/* N on the CERES surface mulch (surface residue events and weed tops; a tillage incorporates
   it), kg N/ha; into @p pending_kg_ha unless NULL the N of the weeds' dead leaves of the last
   plant integration that the mulch takes at the next step (as the dead roots above). */
double agro_field_mulch_n_unchecked(const agro_field *f, double *pending_kg_ha);

/* 1 when agro_field_step refuses @p w on one of the day's weather values (its check before
   anything of the day happens, with the irrigation applied for the day so far), else 0; the
   runners ask it on their failure path only, to name where the day comes from. */
int agro_field_weather_refused(const agro_field *f, const agro_weather_day *w);

/* Reserve the memory of the tillage state now when one of the season's @p n events tills: the
   first pass then takes it instead of allocating in the middle of the run. */
int agro_field_till_reserve(agro_ctx *ctx, agro_field *f, const agro_event *events, int32_t n);

/* The tests' view of a tillage day: run the mixing and incorporation of the passes applied
   since the last step now, as the next step would before its processes (all but the water's),
   and give the CERES mulch's N left, kg N/ha. */
int agro_field_till_soil_unchecked(agro_ctx *ctx, agro_field *f, double *mulch_n_kg_ha);

/* The field's tillage soil-property state (NULL before a pass acted), the water parameters in
   use (SAT, Ksat, curve number change with tillage) and the N step's per-layer constants. */
struct agro_till_soil;
struct agro_soil_n_consts;
struct agro_soil_water_params;
const struct agro_till_soil *agro_field_till_state_unchecked(const agro_field *f);
const struct agro_soil_water_params *agro_field_water_params_unchecked(const agro_field *f);
const struct agro_soil_n_consts *agro_field_n_consts_unchecked(const agro_field *f);
/* The P model's parameters in use (the texture factor follows the tilled SAT) and the soil
   temperature model. */
const agro_soil_p_params *agro_field_soil_p_params_unchecked(const agro_field *f);
/* The field's crop (lib/maize/maize_internal.h), as the last step left it. */
struct maize_state;
const struct maize_state *agro_field_crop_unchecked(const agro_field *f);
struct agro_soil_temp;
const struct agro_soil_temp *agro_field_soil_temp_unchecked(const agro_field *f);
/* The soil temperatures, per layer, °C, that the last step's soil N (and CENTURY) read. */
const double *agro_field_soil_n_temp_unchecked(const agro_field *f);

#endif
