/* CERES-Maize roots: rooting depth advance and root length density per layer (Jones & Kiniry
 * 1986; DSSAT-CSM MZ_ROOTS.for / MZ_AG_RootGro: RLNEW = GRORT·PLTPOP·RLWR, distribution by
 * SRGF, water and N factors, 0.5 %/d turnover). */
#include <math.h>

#include "maize/maize_internal.h"

void maize_roots(const maize_species *sp, maize_state *s, const double *thick,
                 const double *depth, const double *srgf, const double *ll, const double *dul,
                 const double *sat, const double *sw, const double *no3_kg_ha,
                 const double *nh4_kg_ha, const double *kg_ha_per_ppm, int32_t n,
                 double max_depth_cm, int32_t n_limited) {
    if (s->pltpop <= 0.0) return;
    if (s->stage == AGRO_MAIZE_STAGE_GERMINATED) {
        /* germination → emergence: the radicle front advances 0.15 cm per °C·d from the seed
         * (RTDEP = SDEPTH from sowing) on every day that ends in this stage, the germination
         * day included (DSSAT MZ_ROOTGR: IF (ISTAGE.EQ.9) RTDEP = RTDEP + 0.15*DTT) */
        s->rtdep += 0.15 * s->dtt;
        if (s->rtdep > max_depth_cm) s->rtdep = max_depth_cm;
        return;
    }
    if (s->stage < 1 || s->stage > 6) return;
    if (s->stage_changed == 1) {
        /* emergence: roots in the layers down to the depth the radicle reached since
         * germination, RLV = 0.2·PLTPOP/DLAYR, the deepest layer in proportion to the part
         * reached (DSSAT MZ_ROOTGR at STGDOY(9)) */
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
    /* no root growth today (GRORT <= 1e-4 g/plant/d): neither the front nor RLV moves
       (MZ_ROOTGR returns before both; DSSAT-CSM 4.8 MZ_ROOTS.for, as its AgMaize copy
       MZ_AG_RootGro.for) */
    if (s->grort <= 1e-4) return;
    double rlnew = s->grort * s->pltpop * sp->rlwr; /* cm root / cm² soil / d */
    double rldf[AGRO_SOIL_MAX_LAYERS];
    double cumdep = 0.0, swdf = 1.0;
    int32_t l = -1;
    while (cumdep < s->rtdep && l < n - 1) {
        l++;
        cumdep += thick[l];
        double esw = dul[l] - ll[l];
        /* (comparisons instead of fmin/fmax: all operands finite) */
        if (sw[l] - ll[l] < 0.25 * esw) {
            const double x = 4.0 * (sw[l] - ll[l]) / esw;
            swdf = x > 0.0 ? x : 0.0;
        } else {
            swdf = 1.0;
        }
        double rnfac = 1.0;
        if (n_limited) {
            /* mineral N in ppm of the rooted layers only (one division for both ions) */
            const double ppm = (no3_kg_ha[l] + nh4_kg_ha[l]) / kg_ha_per_ppm[l];
            /* below 1.1 ppm the factor is under 1 − 1.17·e^(−0.165) = 0.008 and so clamped to
               0.01: the exp is skipped there (same result) */
            if (ppm <= 1.1) {
                rnfac = 0.01;
            } else {
                rnfac = 1.0 - 1.17 * exp(-0.15 * ppm);
                if (rnfac < 0.01) rnfac = 0.01;
            }
        }
        rldf[l] = (swdf < rnfac ? swdf : rnfac) * srgf[l] * thick[l];
    }
    if (l < 0) return;
    int32_t l1 = l;
    /* root survival when the deepest rooted layer is waterlogged (RTEXF 0.1, MZ_ROOTS) */
    double swexf = 1.0;
    if (sat[l1] - sw[l1] < sp->pormin) {
        const double x = (sat[l1] - sw[l1]) / sp->pormin;
        swexf = x < 1.0 ? x : 1.0;
    }
    const double rs = 1.0 - 0.1 * (1.0 - swexf);
    double rtsurv = rs < 1.0 ? rs : 1.0;
    /* root front: 0.1 (early) or 0.2 cm per °C·d, slowed by SRGF and water (MZ_ROOTS) */
    double shf = srgf[l1];
    double adv = s->cumdtt < 275.0 ? 0.1 : 0.2;
    const double sw2 = s->swfac_today * 2.0;
    const double g = shf * (sw2 < swdf ? sw2 : swdf);
    s->rtdep += s->dtt * adv * sqrt(g > 0.0 ? g : 0.0);
    if (s->rtdep > max_depth_cm) s->rtdep = max_depth_cm;
    rldf[l1] *= 1.0 - (cumdep - s->rtdep) / thick[l1];
    if (rldf[l1] < 0.0) rldf[l1] = 0.0;
    double trldf = 0.0;
    for (int32_t k = 0; k <= l1; k++) trldf += rldf[k];
    (void)depth;
    if (rlnew > 0.0 && trldf >= rlnew * 1e-5 && trldf > 0.0) {
        const double per_rldf = rlnew / trldf; /* new root length per unit of RLDF */
        for (int32_t k = 0; k <= l1; k++) {
            double v = s->rlv[k] + rldf[k] * per_rldf / thick[k] - 0.005 * s->rlv[k];
            /* RLV kept to 1/1000 cm/cm3, truncated (MZ_ROOTS.for:
               RLV(L) = REAL(INT(RLV(L)*1000.))/1000.) */
            const double x = trunc(v * rtsurv * 1000.0) / 1000.0;
            s->rlv[k] = x > 0.0 ? (x < 4.0 ? x : 4.0) : 0.0;
        }
    }
}
