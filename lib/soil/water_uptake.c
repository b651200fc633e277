/*
 * Root water uptake capacity per layer and the CERES water stress factors.
 *
 * Sources: DSSAT-CSM v4.8 SPAM/ROOTWU.for (J.T. Ritchie); Ritchie 1998 "Soil water balance
 * and plant water stress" (Understanding Options for Agricultural Production, 41–54);
 * Jones & Kiniry 1986 CERES-Maize (SWFAC, TURFAC with RWUEP1, DSSAT MZCER048.SPE).
 */
#include <math.h>
#include <stdio.h>

#include "agrosim/soil_water.h"
#include "internal/error.h"
#include "water_internal.h"

AGRO_API int agro_root_water_uptake_capacity(agro_ctx *ctx, const agro_soil_water_params *p,
                                             const agro_soil_water_state *s,
                                             const double *rlv_cm_cm3, double *out_mm)
{
    /* PORMIN 0: no waterlogging cut, the counters stay 0 (ROOTWU.for, PORMIN < 1.E-6) */
    double tss[AGRO_SOIL_MAX_LAYERS] = {0};
    return agro_root_water_uptake_capacity_pormin(ctx, p, s, rlv_cm_cm3, 0.0, tss, out_mm);
}

/* The first refused layer input of agro_root_water_uptake_capacity_pormin, named (only called
   when the branch-free pass found one): the first non-finite value of any layer
   (AGRO_ENUMERIC) or, with all finite, the first value out of range (AGRO_ERANGE). */
static int uptake_layer_refusal(agro_ctx *ctx, const agro_soil_water_params *p,
                                const agro_soil_water_state *s, const double *rlv_cm_cm3,
                                const double *tss_d)
{
    static const char *const name[6] = {"tss_d", "rlv_cm_cm3", "p->ll", "p->sat",
                                        "p->thickness_mm", "s->sw"};
    for (int32_t i = 0; i < p->n_layers; i++) {
        const double v[6] = {tss_d[i], rlv_cm_cm3[i], p->ll[i], p->sat[i], p->thickness_mm[i], s->sw[i]};
        for (int k = 0; k < 6; k++)
            if (!isfinite(v[k]))
                return agro_fail_element(ctx, AGRO_ENUMERIC, name[k], (size_t)i, "must be finite", v[k]);
    }
    for (int32_t i = 0; i < p->n_layers; i++) {
        const double ll = p->ll[i], sat = p->sat[i], dz = p->thickness_mm[i];
        if (!(tss_d[i] >= 0.0 && tss_d[i] <= 1e9))
            return agro_fail_element(ctx, AGRO_ERANGE, "tss_d", (size_t)i,
                                     "waterlogged-day counter must be in [0, 1e9] d", tss_d[i]);
        if (!(rlv_cm_cm3[i] >= 0.0 && rlv_cm_cm3[i] <= 1e9))
            return agro_fail_element(ctx, AGRO_ERANGE, "rlv_cm_cm3", (size_t)i,
                                     "root length density must be in [0, 1e9] cm/cm3", rlv_cm_cm3[i]);
        if (!(ll >= 0.0 && ll < 1.0))
            return agro_fail_element(ctx, AGRO_ERANGE, "p->ll", (size_t)i,
                                     "lower limit must be in [0, 1)", ll);
        if (!(sat > ll && sat <= 1.0))
            return agro_fail_element(ctx, AGRO_ERANGE, "p->sat", (size_t)i,
                                     "saturation must be above the lower limit and <= 1", sat);
        if (!(dz > 0.0 && dz <= 50000.0))
            return agro_fail_element(ctx, AGRO_ERANGE, "p->thickness_mm", (size_t)i,
                                     "thickness must be in (0, 50000] mm", dz);
        if (dz < WATER_MIN_LAYER_MM) {
            char element[32];
            snprintf(element, sizeof element, "p->thickness_mm[%d]", (int)i);
            return agro_fail_below_min_layer(ctx, -1, element, 10.0 * AGRO_SOIL_MIN_LAYER_CM, "mm",
                                             dz);
        }
        if (!(s->sw[i] >= 0.0 && s->sw[i] <= 1.0))
            return agro_fail_element(ctx, AGRO_ERANGE, "s->sw", (size_t)i,
                                     "water content must be in [0, 1]", s->sw[i]);
    }
    return AGRO_ERANGE; /* not reached: the caller's pass found a refused value */
}

AGRO_API int agro_root_water_uptake_capacity_pormin(agro_ctx *ctx,
                                                    const agro_soil_water_params *p,
                                                    const agro_soil_water_state *s,
                                                    const double *rlv_cm_cm3, double pormin,
                                                    double *tss_d, double *out_mm)
{
    if (p == NULL || s == NULL || rlv_cm_cm3 == NULL || tss_d == NULL || out_mm == NULL)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0,
                         !p ? "p" : !s ? "s" : !rlv_cm_cm3 ? "rlv_cm_cm3" : !tss_d ? "tss_d" : "out_mm",
                         "NULL argument");
    if (p->n_layers < 1 || p->n_layers > AGRO_SOIL_MAX_LAYERS || s->n_layers != p->n_layers)
        return p->n_layers < 1 || p->n_layers > AGRO_SOIL_MAX_LAYERS
                   ? agro_fail(ctx, AGRO_EINVAL, NULL, 0, "p->n_layers", "must be 1..%d (%d)",
                               AGRO_SOIL_MAX_LAYERS, (int)p->n_layers)
                   : agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers",
                               "water params have %d layers, water state %d", (int)p->n_layers,
                               (int)s->n_layers);
    const double rwumx = p->rwumx_cm3_cm_d;
    if (!isfinite(rwumx) || rwumx < 0.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "p->rwumx_cm3_cm_d",
                         "maximum uptake per root length must be finite and >= 0 (%g)", rwumx);
    if (!isfinite(pormin))
        return agro_fail(ctx, AGRO_ENUMERIC, NULL, 0, "pormin", "must be finite (%g)", pormin);
    if (pormin < 0.0 || pormin > 1.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "pormin", "must be in [0, 1] cm3/cm3 (%g)",
                         pormin);
    /* every input checked before any output is written (a bad RLV in a deep layer left the
       counters of the layers above updated): one branch-free pass (a comparison with NaN is
       false), the loop that tells NaN from range only on failure. LL in [0, 1), SAT in (LL, 1],
       the thickness from the soil models' floor to 50000 mm, as agro_soil_water_params_from_profile
       gives them (a NaN LL gave 0 capacity, a negative thickness a negative one), the contents in
       [0, 1] */
    int ok = 1;
    for (int32_t i = 0; i < p->n_layers; i++)
        ok &= (tss_d[i] >= 0.0) & (tss_d[i] <= 1e9) & (rlv_cm_cm3[i] >= 0.0) &
              (rlv_cm_cm3[i] <= 1e9) & (p->ll[i] >= 0.0) & (p->ll[i] < 1.0) &
              (p->sat[i] > p->ll[i]) & (p->sat[i] <= 1.0) &
              (p->thickness_mm[i] >= WATER_MIN_LAYER_MM) & (p->thickness_mm[i] <= 50000.0) &
              (s->sw[i] >= 0.0) & (s->sw[i] <= 1.0);
    if (!ok) return uptake_layer_refusal(ctx, p, s, rlv_cm_cm3, tss_d);
    agro_root_water_uptake_capacity_pormin_unchecked(p, s, rlv_cm_cm3, pormin,
                                                     agro_root_water_uptake_x_held(p), tss_d, out_mm);
    return AGRO_OK;
}

/* ROOTWU constants SWCON1 = 1.32e-3 and SWCON3 = 7.01 (DSSAT ROOTWU.for) */
#define SWCON1 1.32e-3
#define SWCON3 7.01

double agro_root_water_uptake_x_held(const agro_soil_water_params *p)
{
    /* Above this exponent x the uptake per root length is held at RWUMX whatever the root
       density: with RLV > 1e-5 the denominator is below DEN_MAX = SWCON3 − ln 1e-5, so
       SWCON1·e^x/DEN > RWUMX once x > ln(RWUMX·DEN_MAX/SWCON1); the margin of 1e-6 in x
       (relative 1e-6 in e^x) dwarfs the rounding of the comparison, so skipping the exp and
       log there gives the same RWUMX as computing them. */
    return log(p->rwumx_cm3_cm_d * (SWCON3 - log(1e-5)) / SWCON1) + 1e-6;
}

void agro_root_water_uptake_capacity_pormin_unchecked(const agro_soil_water_params *p,
                                                      const agro_soil_water_state *s,
                                                      const double *rlv_cm_cm3, double pormin,
                                                      double x_held, double *tss_d,
                                                      double *out_mm)
{
    const double rwumx = p->rwumx_cm3_cm_d;
    const double swcon1 = SWCON1, swcon3 = SWCON3;
    for (int32_t i = 0; i < p->n_layers; i++) {
        const double rlv = rlv_cm_cm3[i];
        /* DSSAT stores SW to 1e-6 (WATBAL.for INTEGR: NewSW = ANINT(SW*1.E6)/1.E6), so a layer
           that uptake took to LL is at LL exactly when ROOTWU tests SW(L) .LE. LL(L). The water
           step stores the contents so too (agro_soil_water_integrate); reading them to 1e-6
           here also covers a state a caller set, which ROOTWU reads as DSSAT would hold it. */
        const double sw = nearbyint(s->sw[i] * 1e6) / 1e6, ll = p->ll[i];
        const double dz_cm = p->thickness_mm[i] / 10.0;
        double cap = 0.0;
        if (rlv > 1e-5 && sw > ll) {
            /* SWCON2 = 120 − 250·LL, 45 for LL > 0.30 (DSSAT ROOTWU.for) */
            const double swcon2 = ll > 0.30 ? 45.0 : 120.0 - 250.0 * ll;
            const double x = swcon2 * (sw - ll);
            double rwu = rwumx;
            if (!(x > x_held)) {
                /* the denominator is held at SWCON3 − ln SWCON3 when RLV > e^SWCON3
                   (ROOTWU.for) */
                const double den = rlv > exp(swcon3) ? swcon3 - log(swcon3) : swcon3 - log(rlv);
                /* uptake per root length, cm³/cm/d (Ritchie 1998 eq. for radial flow to
                   roots); exponent capped at 40 (an inline min: fmin is a library call) */
                rwu = swcon1 * exp(x < 40.0 ? x : 40.0) / den;
                if (rwu > rwumx) rwu = rwumx;
            }
            /* waterlogging: TSS counts the days the air-filled pore space SAT − SW has been
               below PORMIN (reset when it is not, or when PORMIN < 1e-6); after more than 2
               such days RWU <= RWUMX·SWEXF, SWEXF = max(0, (SAT − SW)/PORMIN) <= 1. Only a
               layer with roots above LL updates its count (DSSAT ROOTWU.for, f9ddfd9) */
            const double air = p->sat[i] - sw;
            tss_d[i] = air >= pormin || pormin < 1e-6 ? 0.0 : tss_d[i] + 1.0;
            if (tss_d[i] > 2.0) {
                double swexf = air / pormin;
                swexf = swexf > 0.0 ? (swexf < 1.0 ? swexf : 1.0) : 0.0;
                if (rwu > rwumx * swexf) rwu = rwumx * swexf;
            }
            /* cm/d over the layer → mm/d */
            cap = rwu * dz_cm * rlv * 10.0;
            /* not limited to the layer's water above LL: ROOTWU's TRWUP is the sum of these
               (DSSAT ROOTWU.for); the uptake itself is clipped at LL later (XTRACT) */
        }
        out_mm[i] = cap;
    }
}

AGRO_API int agro_water_stress_factors(agro_ctx *ctx, double trwup_mm, double ep_mm,
                                       double rwuep1, double *swfac, double *turfac)
{
    if (!isfinite(trwup_mm) || !isfinite(ep_mm) || !isfinite(rwuep1)) {
        const char *name = !isfinite(trwup_mm) ? "trwup_mm" : !isfinite(ep_mm) ? "ep_mm" : "rwuep1";
        const double v = !isfinite(trwup_mm) ? trwup_mm : !isfinite(ep_mm) ? ep_mm : rwuep1;
        return agro_fail(ctx, AGRO_ENUMERIC, NULL, 0, name, "must be finite (%g)", v);
    }
    if (trwup_mm < 0.0) return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "trwup_mm", "must be >= 0 mm/d (%g)", trwup_mm);
    if (ep_mm < 0.0) return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "ep_mm", "must be >= 0 mm/d (%g)", ep_mm);
    if (rwuep1 <= 0.0) return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "rwuep1", "must be > 0 (%g)", rwuep1);
    double sf = 1.0, tf = 1.0;
    if (ep_mm > 0.0) {
        /* SWFAC = TRWUP/EP (photosynthesis), TURFAC = TRWUP/(RWUEP1·EP) (expansion),
           both capped at 1 (CERES-Maize, Jones & Kiniry 1986; DSSAT MZ_GROSUB.for) */
        const double a = trwup_mm / ep_mm, b = trwup_mm / (rwuep1 * ep_mm);
        sf = a < 1.0 ? a : 1.0; /* = fmin(1, a) for finite a (both operands finite here) */
        tf = b < 1.0 ? b : 1.0;
    }
    if (swfac) *swfac = sf;
    if (turfac) *turfac = tf;
    return AGRO_OK;
}
