/* CERES-Maize roots: rooting depth advance and root length density per layer (Jones & Kiniry
 * 1986; DSSAT-CSM MZ_ROOTS.for / MZ_AG_RootGro: RLNEW = GRORT·PLTPOP·RLWR, distribution by
 * SRGF, water and N factors, 0.5 %/d turnover). */
#include <math.h>

#include "maize/maize_internal.h"

void maize_roots(const maize_species *sp, maize_state *s, const double *thick,
                 const double *depth, const double *srgf, const double *ll, const double *dul,
                 const double *sat, const double *sw, const double *no3_ppm, const double *nh4_ppm,
                 int32_t n, double max_depth_cm, int32_t n_limited) {
    if (s->stage < 1 || s->stage > 6 || s->pltpop <= 0.0) return;
    if (s->stage_changed == 1) {
        /* emergence: roots in the layers down to the seed (RLV = 0.2·PLTPOP/DLAYR) */
        s->rtdep = s->sdepth_cm;
        double top = 0.0;
        for (int32_t l = 0; l < n; l++) {
            s->rlv[l] = 0.0;
            if (top < s->rtdep) {
                double f = depth[l] > s->rtdep ? (s->rtdep - top) / thick[l] : 1.0;
                s->rlv[l] = 0.20 * s->pltpop / thick[l] * f;
            }
            top = depth[l];
        }
    }
    double rlnew = s->grort * s->pltpop * sp->rlwr; /* cm root / cm² soil / d */
    double rldf[AGRO_SOIL_MAX_LAYERS];
    double cumdep = 0.0, swdf = 1.0;
    int32_t l = -1;
    while (cumdep < s->rtdep && l < n - 1) {
        l++;
        cumdep += thick[l];
        double esw = dul[l] - ll[l];
        swdf = (sw[l] - ll[l] < 0.25 * esw) ? fmax(4.0 * (sw[l] - ll[l]) / esw, 0.0) : 1.0;
        double rnfac = 1.0;
        if (n_limited) {
            rnfac = 1.0 - 1.17 * exp(-0.15 * (no3_ppm[l] + nh4_ppm[l]));
            if (rnfac < 0.01) rnfac = 0.01;
        }
        rldf[l] = fmin(swdf, rnfac) * srgf[l] * thick[l];
    }
    if (l < 0) return;
    int32_t l1 = l;
    /* root survival when the deepest rooted layer is waterlogged (RTEXF 0.1, MZ_ROOTS) */
    double swexf = 1.0;
    if (sat[l1] - sw[l1] < sp->pormin) swexf = fmin((sat[l1] - sw[l1]) / sp->pormin, 1.0);
    double rtsurv = fmin(1.0, 1.0 - 0.1 * (1.0 - swexf));
    /* root front: 0.1 (early) or 0.2 cm per °C·d, slowed by SRGF and water (MZ_ROOTS) */
    double shf = srgf[l1];
    double adv = s->cumdtt < 275.0 ? 0.1 : 0.2;
    s->rtdep += s->dtt * adv * sqrt(fmax(shf * fmin(s->swfac_today * 2.0, swdf), 0.0));
    if (s->rtdep > max_depth_cm) s->rtdep = max_depth_cm;
    rldf[l1] *= 1.0 - (cumdep - s->rtdep) / thick[l1];
    if (rldf[l1] < 0.0) rldf[l1] = 0.0;
    double trldf = 0.0;
    for (int32_t k = 0; k <= l1; k++) trldf += rldf[k];
    (void)depth;
    if (rlnew > 0.0 && trldf >= rlnew * 1e-5 && trldf > 0.0) {
        for (int32_t k = 0; k <= l1; k++) {
            double v = s->rlv[k] + rldf[k] / trldf * rlnew / thick[k] - 0.005 * s->rlv[k];
            s->rlv[k] = fmin(fmax(v * rtsurv, 0.0), 4.0);
        }
    }
}
