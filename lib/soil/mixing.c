/* The soil mixing rule of a tillage day (DSSAT-CSM 4.8 SoilMixing, Soil/SoilUtilities/
 * SoilMixing.for cdb6f534; docs/design/tillage.md §3.5). */
#include "agrosim/soil.h"
#include "internal/tillage.h"

void agro_soil_mix(const double *thick_cm, int32_t n, double depth_cm, double pct, double *v) {
    if (!(depth_cm > 0.0) || !(pct > 0.0) || n < 1) return;
    double profile = 0.0;
    for (int32_t l = 0; l < n; l++) profile += thick_cm[l];
    /* Q27 fixed: a depth below the profile is the profile (DSSAT's Σz < TDEP loses mass) */
    const double t = depth_cm < profile ? depth_cm : profile;
    const double f = pct / 100.0;
    double z[AGRO_SOIL_MAX_LAYERS], sum = 0.0, top = 0.0;
    int32_t nt = 0;
    for (int32_t l = 0; l < n && l < AGRO_SOIL_MAX_LAYERS; l++) {
        const double bottom = top + thick_cm[l];
        /* ZLYR: the part of the layer above the depth (SoilMixing.for: DLAYR, or DLAYR −
           (CUMDEP − TDEP) for the layer that holds it) */
        z[l] = (bottom < t ? bottom : t) - top;
        top = bottom;
        if (!(z[l] > 0.0)) break;
        /* AMT_2B_MIXED = VALUE_IN·ZLYR/DLAYR·MIXPCT/100 */
        const double a = v[l] * (z[l] / thick_cm[l]) * f;
        v[l] -= a; /* AMT_UNMIXED */
        sum += a;
        nt = l + 1;
        if (bottom >= t) break;
    }
    /* VALUE_MIXED = SUMMIXED·ZLYR/TDEP + AMT_UNMIXED: spread back by thickness */
    for (int32_t l = 0; l < nt; l++) v[l] += sum * z[l] / t;
}
