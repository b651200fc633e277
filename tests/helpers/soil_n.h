/*
 * The soil column of the soil N tests: the 8-layer loam of helpers/soil.h with its water and N
 * parameters and states. Header-only (static inline); uses Criterion's assertions.
 */
#ifndef AGROSIM_TESTS_HELPERS_SOIL_N_H
#define AGROSIM_TESTS_HELPERS_SOIL_N_H

#include <criterion/criterion.h>

#include "agrosim/soil_nitrogen.h"
#include "agrosim/soil_water.h"
#include "soil.h"

typedef struct {
    agro_soil_profile pr;
    agro_soil_water_params wp;
    agro_soil_water_state ws;
    agro_soil_n_params np;
    agro_soil_n_state ns;
} helper_n_column;

/* The loam at DUL with NO3 and NH4 (ppm per layer; NULL: the state's defaults). */
static inline void helper_n_column_init(helper_n_column *c, const double *no3_ppm,
                                        const double *nh4_ppm)
{
    c->pr = helper_loam_8_layers();
    cr_assert_eq(agro_soil_water_params_from_profile(NULL, &c->pr, &c->wp), 0);
    cr_assert_eq(agro_soil_water_state_init(NULL, &c->wp, NULL, &c->ws), 0);
    cr_assert_eq(agro_soil_n_params_from_profile(NULL, &c->pr, &c->np), 0);
    cr_assert_eq(agro_soil_n_state_init(NULL, &c->np, no3_ppm, nh4_ppm, &c->ns), 0);
}

#endif
