/* Sharing light, water and nitrogen between canopies of one field: mixed (Beer's law on the
 * summed k·L) and height-layered (APSIM MicroClimate) light interception, supply sharing. */
#include <float.h>
#include <math.h>
#include <stdio.h>

#include "agrosim/canopy.h"
#include "internal/error.h"
#include "internal/sum.h"

/* The refusals of the canopy functions, each naming the argument (called only on failure). */
static int fail_null(agro_ctx *ctx, const char *arg)
{
    return agro_fail(ctx, AGRO_EINVAL, NULL, 0, arg, "NULL array");
}

static int fail_count(agro_ctx *ctx, size_t n)
{
    return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n", "number of canopies must be 1..%d (%zu)",
                     AGRO_CANOPY_MAX, n);
}

/* element @p i of @p arg (@p what it holds) is negative or not finite */
static int fail_value(agro_ctx *ctx, const char *arg, size_t i, const char *what, double v)
{
    char text[96];
    snprintf(text, sizeof text, "%s must be finite and >= 0", what);
    return agro_fail_element(ctx, AGRO_EINVAL, arg, i, text, v);
}

/* Σ a + b of two doubles, exact: s = fl(a + b) and the rounding error e, a + b = s + e (Knuth's
 * TwoSum; round to nearest, no overflow) */
static void two_sum(double a, double b, double *s, double *e)
{
    *s = a + b;
    const double bb = *s - a;
    *e = (a - (*s - bb)) + (b - bb);
}

/* Whether the exact sum of the @p n fractions (0..1, n <= AGRO_CANOPY_MAX) exceeds 1: the sum
 * minus 1 as a nonoverlapping expansion (Shewchuk 1997, Grow-Expansion), whose sign is that of
 * its largest nonzero component. Exact, so no order of the fractions can change the answer. */
__attribute__((cold, noinline)) static int sum_exceeds_one(const double *f, size_t n)
{
    double e[AGRO_CANOPY_MAX + 1] = {-1.0};
    size_t m = 1;
    for (size_t i = 0; i < n; i++) {
        double q = f[i];
        for (size_t j = 0; j < m; j++) two_sum(q, e[j], &q, &e[j]);
        e[m++] = q;
    }
    for (size_t j = m; j-- > 0;)
        if (e[j] != 0.0) return e[j] > 0.0;
    return 0;
}

/* Fractions of the incident light that add up to at most 1, exactly (so in any order of adding
 * them): Beer's law gives F <= 1, but each share F·k·L/Σ k·L is rounded, and where Σ k·L passes
 * about 37 F rounds to 1 and the rounded shares summed to 1 + 2 ulp. Only then is each fraction
 * lowered by one ulp at a time until the exact sum is 1 or less (a few ulp at most; every
 * fraction alike, so that the order of the canopies changes no bit); a sum within 1 keeps its
 * bits, as the field's two canopies do. */
static inline void cap_at_one(double *f, size_t n)
{
    /* the plain sum of n terms in [0, 1] is within (n - 1)·2^-53·Σ of the exact one (Higham 2002,
       Accuracy and Stability of Numerical Algorithms, §4.2), so one below 1 - n·2^-52 proves the
       exact sum below 1 without the expansion: the field's every day */
    double plain = 0.0;
    for (size_t i = 0; i < n; i++) plain += f[i];
    if (plain <= 1.0 - (double)n * DBL_EPSILON) return;
    while (sum_exceeds_one(f, n))
        for (size_t i = 0; i < n; i++) f[i] = nextafter(f[i], 0.0);
}

int agro_canopy_mixed_interception(agro_ctx *ctx, const double *k, const double *lai, size_t n,
                                   double *frac_out) {
    if (!k) return fail_null(ctx, "k");
    if (!lai) return fail_null(ctx, "lai");
    if (!frac_out) return fail_null(ctx, "frac_out");
    if (n < 1 || n > AGRO_CANOPY_MAX) return fail_count(ctx, n);
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(k[i]) || k[i] < 0.0) return fail_value(ctx, "k", i, "extinction coefficient", k[i]);
        if (!isfinite(lai[i]) || lai[i] < 0.0) return fail_value(ctx, "lai", i, "leaf area index", lai[i]);
    }
    const double sum = agro_sum_ascending(k, lai, n);
    if (!isfinite(sum)) /* finite k and L whose products overflow: no share can be computed */
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "k, lai",
                         "sum of k[i]*lai[i] over %zu canopies overflows (%g)", n, sum);
    /* Beer's law on the summed k·L, shared by relative k·L (Keating & Carberry 1993) */
    double f = 1.0 - exp(-sum);
    double frac[AGRO_CANOPY_MAX];
    for (size_t i = 0; i < n; i++) frac[i] = sum > 0.0 ? f * k[i] * lai[i] / sum : 0.0;
    cap_at_one(frac, n);
    for (size_t i = 0; i < n; i++) frac_out[i] = frac[i];
    return AGRO_OK;
}

int agro_canopy_layered_interception(agro_ctx *ctx, const double *k, const double *lai,
                                     const double *h, size_t n, double *frac_out) {
    if (!k) return fail_null(ctx, "k");
    if (!lai) return fail_null(ctx, "lai");
    if (!h) return fail_null(ctx, "height_m");
    if (!frac_out) return fail_null(ctx, "frac_out");
    if (n < 1 || n > AGRO_CANOPY_MAX) return fail_count(ctx, n);
    /* (the fractions are summed here and copied out once every layer has passed: a layer's
       refusal left the layers above it written) */
    double top[AGRO_CANOPY_MAX], bound[AGRO_CANOPY_MAX], low[AGRO_CANOPY_MAX], frac[AGRO_CANOPY_MAX];
    size_t nb = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(k[i]) || k[i] < 0.0) return fail_value(ctx, "k", i, "extinction coefficient", k[i]);
        if (!isfinite(lai[i]) || lai[i] < 0.0) return fail_value(ctx, "lai", i, "leaf area index", lai[i]);
        if (!isfinite(h[i]) || h[i] < 0.0) return fail_value(ctx, "height_m", i, "canopy height in m", h[i]);
        frac[i] = 0.0;
        top[i] = h[i] > 1e-3 ? h[i] : 1e-3; /* leaves at ground level still form a layer */
        if (lai[i] <= 0.0) continue;
        /* the tops of the canopies with leaf area, highest first (insertion sort) */
        size_t b = nb++;
        for (; b > 0 && bound[b - 1] < top[i]; b--) bound[b] = bound[b - 1];
        bound[b] = top[i];
    }
    /* layer boundaries: the distinct tops (APSIM MicroClimate). Tops closer than 1e-9 m are one:
       going down the sorted tops, a top within 1e-9 m of the next higher one joins its group,
       whose boundary is its highest top. The groups follow from the sorted heights alone, so
       from no order of the canopies: the first canopy listed had set the boundary that the
       later ones within 1e-9 m of it joined, so that three tops 0.8e-9 m apart made one layer
       or two with their order. (The layers below test each top against the boundaries: a top
       1e-10 m under its boundary would fall out of every layer.) */
    size_t ng = 0;
    for (size_t b = 0; b < nb; b++) {
        if (ng > 0 && low[ng - 1] - bound[b] <= 1e-9) {
            low[ng - 1] = bound[b];
        } else {
            bound[ng] = bound[b];
            low[ng++] = bound[b];
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (lai[i] <= 0.0) continue;
        size_t g = 0;
        while (g + 1 < ng && top[i] < low[g]) g++; /* its group (each top is in one) */
        top[i] = bound[g];
    }
    double rad = 1.0; /* fraction of the incident radiation reaching the top of the layer */
    for (size_t l = 0; l < ng; l++) {
        double hi = bound[l], lo = l + 1 < ng ? bound[l + 1] : 0.0;
        double li[AGRO_CANOPY_MAX];
        for (size_t i = 0; i < n; i++) {
            /* leaf area of canopy i in [lo, hi]: uniform from the ground to its top; the
               layer's share of the height (at most 1) first, so that a finite LAI·height
               product that overflows refuses no finite layer k·L */
            li[i] = (lai[i] > 0.0 && top[i] >= hi) ? lai[i] * ((hi - lo) / top[i]) : 0.0;
        }
        const double sum = agro_sum_ascending(k, li, n);
        if (!isfinite(sum))
            return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "k, lai",
                             "sum of k[i]*lai[i] in the layer %g..%g m overflows (%g)", lo, hi, sum);
        if (sum <= 0.0) continue;
        /* R_int = R_in·(1 − exp(−Σ k_j·L_j,layer)), shared by k_j·L_j,layer; written as the
           mixed form's F·k·L/Σ, so that one layer (all tops one height) gives its bits */
        double rint = rad * (1.0 - exp(-sum));
        for (size_t i = 0; i < n; i++) frac[i] += rint * k[i] * li[i] / sum;
        rad -= rint;
    }
    cap_at_one(frac, n);
    for (size_t i = 0; i < n; i++) frac_out[i] = frac[i];
    return AGRO_OK;
}

int agro_canopy_share_supply(agro_ctx *ctx, const double *demand, const double *capacity,
                             double supply, size_t n, double *take_out) {
    if (!demand) return fail_null(ctx, "demand");
    if (!capacity) return fail_null(ctx, "capacity");
    if (!take_out) return fail_null(ctx, "take_out");
    if (n < 1 || n > AGRO_CANOPY_MAX) return fail_count(ctx, n);
    if (!isfinite(supply) || supply < 0.0)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "supply", "must be finite and >= 0 (%g)", supply);
    double want[AGRO_CANOPY_MAX];
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(demand[i]) || demand[i] < 0.0) return fail_value(ctx, "demand", i, "demand", demand[i]);
        if (!isfinite(capacity[i]) || capacity[i] < 0.0)
            return fail_value(ctx, "capacity", i, "uptake capacity", capacity[i]);
        /* each canopy can take what it needs up to its own uptake capacity */
        want[i] = demand[i] < capacity[i] ? demand[i] : capacity[i];
    }
    /* (every sum in ascending order, so that the shares do not depend on the canopies' order:
       summed as listed, three canopies or more got shares that differed in the last bits) */
    const double total = agro_sum_ascending(want, NULL, n),
                 capacity_sum = agro_sum_ascending(capacity, NULL, n);
    /* finite values whose sums overflow: no share can be computed (the capacities' sum is the
       divisor of the shares below; overflowed, every canopy got 0 of a short supply). The wanted
       total, term by term at most the capacities, overflows only with their sum. */
    if (!isfinite(capacity_sum))
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "capacity",
                         "sum over %zu canopies overflows (%g)", n, capacity_sum);
    if (total <= supply) {
        for (size_t i = 0; i < n; i++) take_out[i] = want[i];
        return AGRO_OK;
    }
    /* short supply: shares in proportion to uptake capacity, redistributing what a canopy
     * cannot use (water-filling over at most n rounds) */
    double left = supply, take[AGRO_CANOPY_MAX] = {0.0};
    int active[AGRO_CANOPY_MAX];
    for (size_t i = 0; i < n; i++) active[i] = want[i] > 0.0;
    for (size_t round = 0; round < n && left > 0.0; round++) {
        double part[AGRO_CANOPY_MAX]; /* the active canopies' capacities, then what is given */
        for (size_t i = 0; i < n; i++) part[i] = active[i] ? capacity[i] : 0.0;
        const double capsum = agro_sum_ascending(part, NULL, n);
        if (capsum <= 0.0) break;
        int saturated = 0;
        for (size_t i = 0; i < n; i++) {
            part[i] = 0.0;
            if (!active[i]) continue;
            /* the canopy's part of the capacities (at most 1) first: left·capacity could
               overflow for finite values and give a canopy more than the supply */
            double share = left * (capacity[i] / capsum);
            double room = want[i] - take[i];
            if (share >= room) {
                take[i] += room;
                part[i] = room;
                active[i] = 0;
                saturated = 1;
            }
        }
        const double given = agro_sum_ascending(part, NULL, n);
        if (!saturated) {
            for (size_t i = 0; i < n; i++)
                if (active[i]) take[i] += left * (capacity[i] / capsum);
            left = 0.0;
            break;
        }
        left -= given;
    }
    /* (written once all is checked: a refusal leaves the caller's array as it was) */
    for (size_t i = 0; i < n; i++) take_out[i] = take[i];
    return AGRO_OK;
}
