/* Internal (not installed): soil water step for a caller that owns its rates struct, e.g.
 * the field. */
#ifndef AGROSIM_SOIL_WATER_INTERNAL_H
#define AGROSIM_SOIL_WATER_INTERNAL_H

#include "agrosim/soil_water.h"

/* What the water step reads of its params that changes only with them, per layer: SAT, DUL
 * and LL in mm of water and DUL + 0.003 (INFIL.for, SATFLO.for), mm; the thickness in cm and
 * DUL − LL; per pair of layers l, l + 1 (UP_FLOW, WBSUBS.for): ES·DL summed over the two and
 * their thickness. Filled by agro_soil_water_consts_init, again whenever the params
 * change (the public steps fill it on every call). */
typedef struct agro_soil_water_consts {
    int32_t n_layers;
    double wsat_mm[AGRO_SOIL_MAX_LAYERS], wdul_mm[AGRO_SOIL_MAX_LAYERS];
    double wll_mm[AGRO_SOIL_MAX_LAYERS], wdrain_mm[AGRO_SOIL_MAX_LAYERS];
    double dl_cm[AGRO_SOIL_MAX_LAYERS], es[AGRO_SOIL_MAX_LAYERS];
    double pair_es_dl[AGRO_SOIL_MAX_LAYERS], pair_dl[AGRO_SOIL_MAX_LAYERS];
} agro_soil_water_consts;

void agro_soil_water_consts_init(const agro_soil_water_params *p, agro_soil_water_consts *k);

/* AGRO_SOIL_MIN_LAYER_CM, less the profile checks' 1e-9 cm allowance, in mm as thickness_mm:
 * the thinnest layer the checks of caller-filled water params take, so that what
 * agro_soil_water_params_from_profile gives is never refused */
#define WATER_MIN_LAYER_MM (10.0 * (AGRO_SOIL_MIN_LAYER_CM - 1e-9))

/* The ranges of a caller-filled agro_soil_water_params (0 <= LL < DUL < SAT <= 1, thickness in
 * [WATER_MIN_LAYER_MM, 50000] mm, ...), naming the first value outside them and its layer; the
 * layer count is the caller's to check. For the public functions of other modules that read
 * these params (the N step and uptake divide by DUL − LL, SAT − DUL, SAT and the thickness). */
int agro_soil_water_params_check(agro_ctx *ctx, const agro_soil_water_params *p);

/* agro_soil_water_step without zeroing all of @p r first: only what the step computes is
 * written (entries it never sets, e.g. upflow below the last layer, are left alone). Same
 * results and the same contents of @p r as agro_soil_water_step when @p r was zeroed once
 * (e.g. calloc) and is filled only by this function with the same params. The params are not
 * checked (agro_soil_water_step checks them every day): the field's come from
 * agro_soil_water_params_from_profile and its tillage, which keep them in range. */
int agro_soil_water_step_reuse(agro_ctx *ctx, const agro_soil_water_params *p,
                               const agro_soil_water_consts *k, agro_soil_water_state *s,
                               const agro_soil_water_drivers *d, agro_soil_water_rates *r);

/* The exponent of ROOTWU's uptake per root length above which it is held at RWUMX (see
 * agro_root_water_uptake_capacity_pormin_unchecked), for @p p's RWUMX: a log that the field,
 * whose RWUMX is fixed at create, takes once instead of every day. */
double agro_root_water_uptake_x_held(const agro_soil_water_params *p);

/* agro_pet_priestley_taylor without its checks, for the field: the weather passed the field's
 * own check (check_weather: finite, SRAD <= 50, TMAX >= -60, TMIN >= -70, TMIN <= TMAX, within
 * these ones), the albedo is agro_soil_surface_albedo's of a soil albedo checked at create and
 * the LAI the one the soil temperature's drivers check first (agro_soil_temp_day_begin).
 * Returns EO, mm/d. */
double agro_pet_priestley_taylor_unchecked(const agro_weather_day *w, double soil_albedo,
                                           double lai);

/* agro_transpiration_co2_ratio_c4 in two parts for the field, whose CO2 changes only through
 * agro_field_set_co2: the canopy resistance RLC at a CO2 (checked by the caller), taken when
 * the CO2 is set, and the day's ratio from it, with finite @p tavg_C and @p lai. */
double agro_transpiration_c4_canopy_resistance(double co2_ppm);
double agro_transpiration_co2_ratio_c4_rlc(double rlc, double tavg_C, double wind_km_d, double lai);

/* agro_root_water_uptake_capacity_pormin without its checks, for the field, whose root length,
 * counters, params and contents are the model's own (the public function checks every input
 * of every layer each call, about a twentieth of the field's water step); @p x_held is
 * agro_root_water_uptake_x_held(p). */
void agro_root_water_uptake_capacity_pormin_unchecked(const agro_soil_water_params *p,
                                                      const agro_soil_water_state *s,
                                                      const double *rlv_cm_cm3, double pormin,
                                                      double x_held, double *tss_d,
                                                      double *out_mm);

#endif
