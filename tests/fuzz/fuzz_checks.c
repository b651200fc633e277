/*
 * libFuzzer harness: the checking functions that take an agro_ctx and name a refused argument
 * and element (CHANGELOG "more functions take an agro_ctx"): canopy interception (mixed,
 * layered), supply sharing, water stress factors, PET partition, the Cousens forms, the
 * CERES-Maize kernel number and the fit statistics, called with decoded arguments that reach
 * every refusal: negative, zero, huge, infinite and NaN values, bad counts.
 * Oracle, from each function's header: a refusal is one of its documented statuses with a
 * message, the same status with a NULL context; an argument set the header accepts is not
 * refused; what is accepted gives finite results within the documented bounds (fractions
 * 0..1 summing to at most 1, a share at most the demand and the supply, factors 0..1,
 * EOS + EOP = EO).
 */
#define _POSIX_C_SOURCE 200809L
#include "fuzz_common.h"

typedef struct fuzz_in {
    const uint8_t *p;
    size_t n;
} fuzz_in;

static unsigned in_u8(fuzz_in *d)
{
    if (!d->n)
        return 0;
    d->n--;
    return *d->p++;
}

/* A tag byte, then: one of the values where the checks sit, a scaled value in [-1, 1000] or
   the raw bits of a double. An exhausted input gives 0. */
static double in_double(fuzz_in *d)
{
    static const double special[16] = {0.0,  -0.0,   1.0,    -1.0,    0.5,    1e-300, 1e300, -1e300,
                                       1e308, 100.0, 100.5,  4.0,     0.65,   0.0,    0.0,   0.0};
    unsigned t = in_u8(d);
    if (t < 16) {
        if (t == 13)
            return INFINITY;
        if (t == 14)
            return -INFINITY;
        if (t == 15)
            return NAN;
        return special[t];
    }
    if (t < 200) {
        unsigned v = in_u8(d) | in_u8(d) << 8;
        return -1.0 + 1001.0 * (double)v / 65535.0;
    }
    uint64_t bits = 0;
    for (int i = 0; i < 8; i++)
        bits |= (uint64_t)in_u8(d) << (8 * i);
    double x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

static int ok_ge0(double x)
{
    return isfinite(x) && x >= 0.0;
}

/* a refusal: a documented status @p a or @p b with a message; the same with a NULL context */
static void refusal(agro_ctx *ctx, int rc, int rc_null, int a, int b, const char *fn)
{
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    FUZZ_REQUIRE(rc == a || rc == b, "%s: status %d (%s)", fn, rc, msg);
    FUZZ_REQUIRE(msg[0] != '\0', "%s: status %d without a message", fn, rc);
    FUZZ_REQUIRE(rc_null == rc, "%s: status %d, with a NULL context %d", fn, rc, rc_null);
}

#define CHECK_NULL_SAME(fn, rc, rc_null) \
    FUZZ_REQUIRE((rc) == (rc_null), "%s: status %d, with a NULL context %d", fn, rc, rc_null)

/* what a refused call must leave in its outputs (the header: "on error the outputs are
   unchanged") */
#define UNTOUCHED (-7.25)
static int untouched(const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] != UNTOUCHED) return 0;
    return 1;
}

static void interception(agro_ctx *ctx, fuzz_in *d, int layered)
{
    double k[AGRO_CANOPY_MAX + 1], lai[AGRO_CANOPY_MAX + 1], h[AGRO_CANOPY_MAX + 1];
    double f[AGRO_CANOPY_MAX + 1], g[AGRO_CANOPY_MAX + 1];
    size_t n = in_u8(d) % (AGRO_CANOPY_MAX + 2); /* 0 and AGRO_CANOPY_MAX + 1 refused */
    int valid = n >= 1 && n <= AGRO_CANOPY_MAX;
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        k[i] = in_double(d);
        lai[i] = in_double(d);
        h[i] = in_double(d);
        valid &= ok_ge0(k[i]) && ok_ge0(lai[i]) && (!layered || ok_ge0(h[i]));
        sum += k[i] * lai[i];
    }
    const char *fn = layered ? "layered interception" : "mixed interception";
    for (size_t i = 0; i < AGRO_CANOPY_MAX + 1; i++) f[i] = g[i] = UNTOUCHED;
    int rc = layered ? agro_canopy_layered_interception(ctx, k, lai, h, n, f)
                     : agro_canopy_mixed_interception(ctx, k, lai, n, f);
    int rc_null = layered ? agro_canopy_layered_interception(NULL, k, lai, h, n, g)
                          : agro_canopy_mixed_interception(NULL, k, lai, n, g);
    if (rc) {
        refusal(ctx, rc, rc_null, AGRO_EINVAL, AGRO_EINVAL, fn);
        /* refused only for a documented reason: a bad n or input, or a sum k·L (a layer's
           is a part of the whole) that overflows */
        FUZZ_REQUIRE(!valid || !isfinite(sum), "%s: %zu canopies of finite k, LAI >= 0, sum kL %g refused", fn,
                     n, sum);
        FUZZ_REQUIRE(untouched(f, AGRO_CANOPY_MAX + 1), "%s: refused, and the outputs written", fn);
        return;
    }
    CHECK_NULL_SAME(fn, rc, rc_null);
    FUZZ_REQUIRE(valid, "%s: accepted a bad argument", fn);
    double t = 0.0;
    for (size_t i = 0; i < n; i++) {
        FUZZ_REQUIRE(isfinite(f[i]) && f[i] >= 0.0 && f[i] <= 1.0, "%s: frac[%zu] = %.17g", fn, i, f[i]);
        t += f[i];
    }
    /* (exactly: the header promises no more than 1 in any order of adding them) */
    FUZZ_REQUIRE(t <= 1.0, "%s: fractions sum to %.17g", fn, t);
}

static void share(agro_ctx *ctx, fuzz_in *d)
{
    double dem[AGRO_CANOPY_MAX + 1], cap[AGRO_CANOPY_MAX + 1], take[AGRO_CANOPY_MAX + 1], t2[AGRO_CANOPY_MAX + 1];
    size_t n = in_u8(d) % (AGRO_CANOPY_MAX + 2);
    double supply = in_double(d);
    int valid = n >= 1 && n <= AGRO_CANOPY_MAX && ok_ge0(supply);
    double sd = 0.0, sc = 0.0;
    for (size_t i = 0; i < n; i++) {
        dem[i] = in_double(d);
        cap[i] = in_double(d);
        valid &= ok_ge0(dem[i]) && ok_ge0(cap[i]);
        sd += dem[i];
        sc += cap[i];
    }
    for (size_t i = 0; i < AGRO_CANOPY_MAX + 1; i++) take[i] = t2[i] = UNTOUCHED;
    int rc = agro_canopy_share_supply(ctx, dem, cap, supply, n, take);
    int rc_null = agro_canopy_share_supply(NULL, dem, cap, supply, n, t2);
    if (rc) {
        refusal(ctx, rc, rc_null, AGRO_EINVAL, AGRO_EINVAL, "share supply");
        FUZZ_REQUIRE(!valid || !isfinite(sd) || !isfinite(sc), "share supply: valid arguments refused");
        FUZZ_REQUIRE(untouched(take, AGRO_CANOPY_MAX + 1), "share supply: refused, and the outputs written");
        return;
    }
    CHECK_NULL_SAME("share supply", rc, rc_null);
    FUZZ_REQUIRE(valid, "share supply: accepted a bad argument");
    double t = 0.0;
    for (size_t i = 0; i < n; i++) {
        FUZZ_REQUIRE(isfinite(take[i]) && take[i] >= 0.0 && take[i] <= dem[i] * (1.0 + 1e-12),
                     "share supply: take[%zu] = %.17g, demand %.17g", i, take[i], dem[i]);
        t += take[i];
    }
    FUZZ_REQUIRE(t <= supply * (1.0 + 1e-12) + 1e-300, "share supply: %.17g taken of %.17g", t, supply);
}

static void scalars(agro_ctx *ctx, fuzz_in *d, unsigned which)
{
    double a = in_double(d), b = in_double(d), c = in_double(d), x = in_double(d), y = in_double(d);
    double o1 = NAN, o2 = NAN, p1, p2;
    int rc, rc_null;
    switch (which) {
    case 0: /* water stress factors: TRWUP, EP >= 0, RWUEP1 > 0, finite */
        rc = agro_water_stress_factors(ctx, a, b, c, &o1, &o2);
        rc_null = agro_water_stress_factors(NULL, a, b, c, &p1, &p2);
        if (rc) {
            refusal(ctx, rc, rc_null, AGRO_ENUMERIC, AGRO_ERANGE, "water stress factors");
            FUZZ_REQUIRE(!(ok_ge0(a) && ok_ge0(b) && isfinite(c) && c > 0.0), "stress factors: valid refused");
            return;
        }
        CHECK_NULL_SAME("water stress factors", rc, rc_null);
        FUZZ_REQUIRE(ok_ge0(a) && ok_ge0(b) && isfinite(c) && c > 0.0, "stress factors: accepted %g %g %g", a, b, c);
        FUZZ_REQUIRE(o1 >= 0.0 && o1 <= 1.0 && o2 >= 0.0 && o2 <= 1.0, "SWFAC %g TURFAC %g", o1, o2);
        break;
    case 1: /* PET partition: EO, LAI >= 0, KEP > 0, finite */
        rc = agro_pet_partition(ctx, a, b, c, &o1, &o2);
        rc_null = agro_pet_partition(NULL, a, b, c, &p1, &p2);
        if (rc) {
            refusal(ctx, rc, rc_null, AGRO_ENUMERIC, AGRO_ERANGE, "PET partition");
            FUZZ_REQUIRE(!(ok_ge0(a) && ok_ge0(b) && isfinite(c) && c > 0.0), "PET partition: valid refused");
            return;
        }
        CHECK_NULL_SAME("PET partition", rc, rc_null);
        FUZZ_REQUIRE(ok_ge0(o1) && ok_ge0(o2) && fabs(o1 + o2 - a) <= 1e-12 * a,
                     "PET partition of %.17g: EOS %.17g EOP %.17g", a, o1, o2);
        break;
    case 2: /* Cousens 1985: I, D finite >= 0, 0 < A <= 100 */
        rc = agro_cousens_yield_loss(ctx, a, b, c, &o1);
        rc_null = agro_cousens_yield_loss(NULL, a, b, c, &p1);
        if (rc) {
            refusal(ctx, rc, rc_null, AGRO_EINVAL, AGRO_ERANGE, "Cousens");
            FUZZ_REQUIRE(!(ok_ge0(a) && isfinite(b) && b > 0.0 && b <= 100.0 && ok_ge0(c)),
                         "Cousens: valid I %g A %g D %g refused", a, b, c);
            return;
        }
        CHECK_NULL_SAME("Cousens", rc, rc_null);
        /* at most A, to rounding: x/(1 + x/A) for x/A beyond 1e16 */
        FUZZ_REQUIRE(isfinite(o1) && o1 >= 0.0 && o1 <= b * (1.0 + 1e-15), "Cousens loss %.17g of A %.17g", o1, b);
        break;
    case 3: /* Cousens 1987: the header gives no ranges, only a finite loss when accepted */
        rc = agro_cousens1987_yield_loss(ctx, a, b, c, x, y, &o1);
        rc_null = agro_cousens1987_yield_loss(NULL, a, b, c, x, y, &p1);
        if (rc) {
            refusal(ctx, rc, rc_null, AGRO_EINVAL, AGRO_ERANGE, "Cousens 1987");
            return;
        }
        CHECK_NULL_SAME("Cousens 1987", rc, rc_null);
        FUZZ_REQUIRE(isfinite(o1), "Cousens 1987 loss %g", o1);
        break;
    default: /* kernel number: G2 finite >= 51; IDURP finite > 0; SUMP, population finite >= 0 */
        rc = agro_maize_kernel_number(ctx, a, b, c, x, &o1, &o2);
        rc_null = agro_maize_kernel_number(NULL, a, b, c, x, &p1, &p2);
        if (rc) {
            refusal(ctx, rc, rc_null, AGRO_EINVAL, AGRO_EINVAL, "kernel number");
            FUZZ_REQUIRE(!(isfinite(a) && a >= 51.0 && ok_ge0(b) && isfinite(c) && c > 0.0 && ok_ge0(x)),
                         "kernel number: valid G2 %g SUMP %g IDURP %g pop %g refused", a, b, c, x);
            return;
        }
        CHECK_NULL_SAME("kernel number", rc, rc_null);
        FUZZ_REQUIRE(ok_ge0(o1) && ok_ge0(o2) && o1 <= a, "kernel number: GPP %g ears %g G2 %g", o1,
                     o2, a);
        break;
    }
}

static void multi(agro_ctx *ctx, fuzz_in *d)
{
    double i_[9], dens[9], o = NAN, p;
    size_t n = in_u8(d) % 9;
    double a = in_double(d);
    for (size_t k = 0; k < n; k++) {
        i_[k] = in_double(d);
        dens[k] = in_double(d);
    }
    int rc = agro_cousens_yield_loss_multi(ctx, i_, dens, n, a, &o);
    int rc_null = agro_cousens_yield_loss_multi(NULL, i_, dens, n, a, &p);
    if (rc) {
        refusal(ctx, rc, rc_null, AGRO_EINVAL, AGRO_ERANGE, "Cousens multi");
        FUZZ_REQUIRE(isnan(o), "Cousens multi: refused, and the loss written (%g)", o);
        return;
    }
    CHECK_NULL_SAME("Cousens multi", rc, rc_null);
    FUZZ_REQUIRE(n >= 1, "Cousens multi: %zu species accepted", n);
    FUZZ_REQUIRE(isfinite(o) && o >= 0.0 && o <= a * (1.0 + 1e-15), "Cousens multi loss %.17g of A %.17g", o, a);
}

static void fit(agro_ctx *ctx, fuzz_in *d)
{
    double obs[16], sim[16];
    size_t n = in_u8(d) % 17;
    int32_t pairs = 0, infinite = 0;
    for (size_t k = 0; k < n; k++) {
        obs[k] = in_double(d);
        sim[k] = in_double(d);
        pairs += !isnan(obs[k]) && !isnan(sim[k]);
        infinite += isinf(obs[k]) || isinf(sim[k]);
    }
    agro_fit_stats s, t;
    int rc = agro_fit_stats_compute(ctx, obs, sim, n, &s);
    int rc_null = agro_fit_stats_compute(NULL, obs, sim, n, &t);
    FUZZ_REQUIRE(rc == rc_null, "fit stats of %zu pairs: %d, %d", n, rc, rc_null);
    /* an infinite value is refused; finite ones only when a statistic is beyond a double */
    FUZZ_REQUIRE(infinite ? rc == AGRO_ERANGE : rc == AGRO_OK || rc == AGRO_ERANGE,
                 "fit stats of %zu pairs, %d with an infinity: %d", n, (int)infinite, rc);
    if (rc != AGRO_OK) {
        FUZZ_REQUIRE(s.n == 0 && isnan(s.rmse), "refused fit stats: n %d, RMSE %g", (int)s.n, s.rmse);
        return;
    }
    FUZZ_REQUIRE(s.n == pairs, "fit stats: n %d, %d pairs without NaN", (int)s.n, (int)pairs);
    if (pairs == 0)
        FUZZ_REQUIRE(isnan(s.rmse) && isnan(s.bias), "fit stats without a pair: RMSE %g", s.rmse);
    else /* every statistic finite (nRMSE NaN for an observed mean of 0); d in 0..1 (dssat.h) */
        FUZZ_REQUIRE(isfinite(s.rmse) && s.rmse >= 0.0 && isfinite(s.obs_mean) && isfinite(s.sim_mean) &&
                         isfinite(s.bias) && (isfinite(s.nrmse) || s.obs_mean == 0.0) &&
                         s.willmott_d >= 0.0 && s.willmott_d <= 1.0,
                     "fit stats: RMSE %g, means %g %g, d %g", s.rmse, s.obs_mean, s.sim_mean, s.willmott_d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_in d = {data, size};
    agro_ctx *ctx = fuzz_ctx();
    unsigned f = in_u8(&d) % 10;
    switch (f) {
    case 0:
    case 1:
        interception(ctx, &d, (int)f);
        break;
    case 2:
        share(ctx, &d);
        break;
    case 3:
        multi(ctx, &d);
        break;
    case 4:
        fit(ctx, &d);
        break;
    default:
        scalars(ctx, &d, f - 5);
        break;
    }
    agro_ctx_free(ctx);
    return 0;
}
