/*
 * Soil profiles built in code, shared by the soil tests and the soil water benchmark.
 * Header-only (static inline): each test file and benchmark is its own executable.
 */
#ifndef AGROSIM_TESTS_HELPERS_SOIL_H
#define AGROSIM_TESTS_HELPERS_SOIL_H

#include <math.h>
#include <string.h>

#include "agrosim/soil.h"

/* A 10-layer loam (values typical of DSSAT generic loams, SOIL.SOL IB00000005). */
static inline agro_soil_profile helper_loam_10_layers(void)
{
    agro_soil_profile p;
    memset(&p, 0, sizeof p);
    p.albedo = 0.13;
    p.evap_limit_mm = 6.0;
    p.drainage_rate_d = 0.4;
    p.runoff_curve_number = 76.0;
    p.mineralisation_factor = 1.0;
    p.photosynthesis_factor = 1.0;
    p.n_layers = 10;
    const double depth[10] = {5, 15, 30, 45, 60, 80, 100, 120, 150, 180};
    for (int i = 0; i < 10; i++) {
        p.depth_cm[i] = depth[i];
        p.ll[i] = 0.10 + 0.005 * i;
        p.dul[i] = 0.26 + 0.003 * i;
        p.sat[i] = 0.40;
        p.root_growth_factor[i] = exp(-0.02 * depth[i]);
        p.ksat_cm_h[i] = 1.5;
        p.bulk_density_g_cm3[i] = 1.35;
        p.organic_carbon_pct[i] = 1.2 * exp(-0.02 * depth[i]);
        p.total_n_pct[i] = NAN;
        p.ph_water[i] = 6.5;
    }
    return p;
}

/* An 8-layer loam with a 15 cm top layer, BD 1.2 g/cm³, OC 1·e^(−0.02·depth) %, pH 6.5: the
 * soil N tests' profile (CEC unknown). */
static inline agro_soil_profile helper_loam_8_layers(void)
{
    agro_soil_profile p;
    memset(&p, 0, sizeof p);
    p.albedo = 0.13;
    p.evap_limit_mm = 6.0;
    p.drainage_rate_d = 0.5;
    p.runoff_curve_number = 70.0;
    p.mineralisation_factor = 1.0;
    p.photosynthesis_factor = 1.0;
    p.n_layers = 8;
    const double depth[8] = {15, 30, 45, 60, 90, 120, 150, 180};
    for (int i = 0; i < 8; i++) {
        p.depth_cm[i] = depth[i];
        p.ll[i] = 0.10;
        p.dul[i] = 0.25;
        p.sat[i] = 0.38;
        p.ksat_cm_h[i] = 2.0;
        p.bulk_density_g_cm3[i] = 1.2;
        p.organic_carbon_pct[i] = 1.0 * exp(-0.02 * depth[i]);
        p.total_n_pct[i] = NAN;
        p.ph_water[i] = 6.5;
        p.cec_cmol_kg[i] = NAN;
    }
    return p;
}

#endif
