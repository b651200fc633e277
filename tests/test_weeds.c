/* Weeds: Cousens yield-loss helpers, light and resource sharing between canopies, weed
 * parameter files, the weed canopy competing with maize in a Morogoro season, and a weed
 * cohort past its life span. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "agrosim/agrosim.h"
#include "agrosim/field.h"
#include "internal/canopy_share.h"
#include "helpers/season.h"
#include "helpers/permutations.h"
#include "helpers/refusal.h"
#include "weeds/weeds_internal.h"

static agro_ctx *ctx;
static void setup(void) { cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK); }
static void teardown(void) { agro_ctx_free(ctx); }

TestSuite(cousens);

Test(cousens, hyperbola_starts_at_slope_i_and_saturates_at_a) {
    double l;
    cr_assert_eq(agro_cousens_yield_loss(NULL, 10.0, 50.0, 0.0, &l), AGRO_OK);
    cr_expect_float_eq(l, 0.0, 1e-12);
    cr_assert_eq(agro_cousens_yield_loss(NULL, 10.0, 50.0, 0.01, &l), AGRO_OK);
    cr_expect(fabs(l / 0.01 - 10.0) < 0.05, "initial slope %g", l / 0.01);
    cr_assert_eq(agro_cousens_yield_loss(NULL, 10.0, 50.0, 5.0, &l), AGRO_OK);
    cr_expect_float_eq(l, 25.0, 1e-12); /* I·D = A: half of A */
    cr_assert_eq(agro_cousens_yield_loss(NULL, 10.0, 50.0, 1e6, &l), AGRO_OK);
    cr_expect(l < 50.0 && l > 49.9);
    cr_expect_eq(agro_cousens_yield_loss(NULL, 10.0, 0.0, 1.0, &l), AGRO_EINVAL);
    cr_expect_eq(agro_cousens_yield_loss(NULL, 10.0, 50.0, -1.0, &l), AGRO_EINVAL);
    cr_expect_eq(agro_cousens_yield_loss(NULL, NAN, 50.0, 1.0, &l), AGRO_EINVAL);
}

/* At densities whose product with I passes the double range the loss is A, the hyperbola's
 * limit, not NaN (found by probing the public API) */
Test(cousens, an_overflowing_density_gives_the_maximum_loss) {
    double loss = -1.0;
    cr_assert_eq(agro_cousens_yield_loss(NULL, 1e200, 50.0, 1e200, &loss), AGRO_OK);
    cr_expect_eq(loss, 50.0);
    cr_assert_eq(agro_cousens1987_yield_loss(NULL, 1e200, 0.1, 50.0, 1e200, 5.0, &loss), AGRO_OK);
    cr_expect_eq(loss, 50.0);
    const double i[2] = {1e200, 1.0}, d[2] = {1e200, 10.0};
    cr_assert_eq(agro_cousens_yield_loss_multi(NULL, i, d, 2, 60.0, &loss), AGRO_OK);
    cr_expect_eq(loss, 60.0);
}

/* A maximum loss A so small that I·D/A overflows still saturates at A: the hyperbola gave 0
 * (I·D/(1 + inf)) for A = 1e-300 % (found by a random probe of the accepted ranges). */
Test(cousens, a_tiny_maximum_loss_is_still_the_limit) {
    double loss = -1.0;
    cr_assert_eq(agro_cousens_yield_loss(NULL, 10.0, 1e-300, 1e9, &loss), AGRO_OK);
    cr_expect_float_eq(loss, 1e-300, 1e-310, "loss %g", loss);
    cr_assert_eq(agro_cousens1987_yield_loss(NULL, 10.0, 0.1, 1e-300, 1e9, 5.0, &loss), AGRO_OK);
    cr_expect_float_eq(loss, 1e-300, 1e-310, "loss %g", loss);
    const double i[2] = {10.0, 1.0}, d[2] = {1e9, 10.0};
    cr_assert_eq(agro_cousens_yield_loss_multi(NULL, i, d, 2, 1e-300, &loss), AGRO_OK);
    cr_expect_float_eq(loss, 1e-300, 1e-310, "loss %g", loss);
}

/* No weeds (b·D = 0) cost nothing even where exp(c·T) underflows: the form was 0/0, NaN with
 * AGRO_OK; with weeds there, the underflow is the asymptote a. */
Test(cousens, no_weeds_cost_nothing_where_the_exponential_underflows) {
    double loss = -1.0;
    cr_assert_eq(agro_cousens1987_yield_loss(NULL, 0.0, 1.0, 50.0, 10.0, -800.0, &loss), AGRO_OK);
    cr_expect_eq(loss, 0.0, "b = 0: loss %g", loss);
    cr_assert_eq(agro_cousens1987_yield_loss(NULL, 2.0, 1.0, 50.0, 0.0, -800.0, &loss), AGRO_OK);
    cr_expect_eq(loss, 0.0, "D = 0: loss %g", loss);
    cr_assert_eq(agro_cousens1987_yield_loss(NULL, 2.0, 1.0, 50.0, 10.0, -800.0, &loss), AGRO_OK);
    cr_expect_eq(loss, 50.0, "exp underflows: loss %g", loss);
}

Test(cousens, later_emerging_weeds_cost_less) {
    double l0, l1, l2, ref;
    cr_assert_eq(agro_cousens1987_yield_loss(NULL, 10.0, 0.1, 50.0, 20.0, 0.0, &l0), AGRO_OK);
    cr_assert_eq(agro_cousens_yield_loss(NULL, 10.0, 50.0, 20.0, &ref), AGRO_OK);
    cr_expect_float_eq(l0, ref, 1e-12); /* T = 0 is the 1985 form */
    cr_assert_eq(agro_cousens1987_yield_loss(NULL, 10.0, 0.1, 50.0, 20.0, 14.0, &l1), AGRO_OK);
    cr_assert_eq(agro_cousens1987_yield_loss(NULL, 10.0, 0.1, 50.0, 20.0, 28.0, &l2), AGRO_OK);
    cr_expect(l0 > l1 && l1 > l2);
}

Test(cousens, species_add_up) {
    double i[2] = {5.0, 10.0}, d[2] = {4.0, 1.0}, l, ref;
    cr_assert_eq(agro_cousens_yield_loss_multi(NULL, i, d, 2, 60.0, &l), AGRO_OK);
    cr_assert_eq(agro_cousens_yield_loss(NULL, 30.0, 60.0, 1.0, &ref), AGRO_OK);
    cr_expect_float_eq(l, ref, 1e-12);
    cr_expect_eq(agro_cousens_yield_loss_multi(NULL, i, d, 0, 60.0, &l), AGRO_EINVAL);
}

/* The multi-species loss does not depend on the order of the species: every permutation of 1-4
 * species (ties, zeros, products up to 2000 %) gives the same bits, and so do the reversed and
 * a rotated list of up to 12. Σ I·D was summed in the listed order, so that three species or
 * more gave losses that differed in the last bits with their order. */
Test(cousens, every_order_of_the_species_gives_the_same_loss_bit_for_bit) {
    uint64_t rng = 1985u;
#define DRAW(scale) ((double)(helper_splitmix64(&rng) >> 11) * 0x1.0p-53 * (scale))
#define TIE_OR(ties, scale) (helper_splitmix64(&rng) % 3 == 0 ? (ties)[helper_splitmix64(&rng) % 3] : DRAW(scale))
    static const double i_tie[3] = {0.0, 0.5, 2.0}, d_tie[3] = {0.0, 10.0, 25.0};
    size_t perm[24][AGRO_CANOPY_MAX], bad = 0, cases = 0;
    char first[200] = "";
    for (size_t n = 1; n <= AGRO_CANOPY_MAX; n++) {
        const size_t np = helper_permutations(n, perm);
        for (int t = 0; t < 2000; t++) {
            double i[AGRO_CANOPY_MAX], d[AGRO_CANOPY_MAX], base, loss;
            for (size_t j = 0; j < n; j++) {
                i[j] = TIE_OR(i_tie, 20.0);
                d[j] = TIE_OR(d_tie, 100.0);
            }
            const double a = 1.0 + DRAW(99.0);
            cr_assert_eq(agro_cousens_yield_loss_multi(NULL, i, d, n, a, &base), AGRO_OK);
            for (size_t p = 1; p < np; p++) {
                double ip[AGRO_CANOPY_MAX], dp[AGRO_CANOPY_MAX];
                helper_permute(i, perm[p], n, ip);
                helper_permute(d, perm[p], n, dp);
                cr_assert_eq(agro_cousens_yield_loss_multi(NULL, ip, dp, n, a, &loss), AGRO_OK);
                cases++;
                if (memcmp(&loss, &base, sizeof loss) != 0 && !bad++)
                    snprintf(first, sizeof first, "%zu species, A %.17g: %.17g, listed in order %.17g", n, a,
                             loss, base);
            }
        }
    }
    cr_expect(bad == 0, "of %zu orders %zu differ; first: %s", cases, bad, first);
    /* more species than canopies: no bound on n */
    for (size_t n = 5; n <= 12; n++) {
        double i[12], d[12], ir[12], dr[12], io[12], dd[12], l, lr, lo;
        for (size_t j = 0; j < n; j++) {
            i[j] = DRAW(20.0);
            d[j] = DRAW(100.0);
        }
        for (size_t j = 0; j < n; j++) {
            ir[j] = i[n - 1 - j];
            dr[j] = d[n - 1 - j];
            io[j] = i[(j + 3) % n];
            dd[j] = d[(j + 3) % n];
        }
        cr_assert_eq(agro_cousens_yield_loss_multi(NULL, i, d, n, 100.0, &l), AGRO_OK);
        cr_assert_eq(agro_cousens_yield_loss_multi(NULL, ir, dr, n, 100.0, &lr), AGRO_OK);
        cr_assert_eq(agro_cousens_yield_loss_multi(NULL, io, dd, n, 100.0, &lo), AGRO_OK);
        cr_expect(memcmp(&l, &lr, sizeof l) == 0 && memcmp(&l, &lo, sizeof l) == 0,
                  "%zu species: %.17g, reversed %.17g, rotated %.17g", n, l, lr, lo);
    }
#undef TIE_OR
#undef DRAW
}

/* A refused call leaves the caller's loss as it was, for each form and each refusal. */
Test(cousens, a_refused_call_leaves_the_loss_as_it_was) {
    const double sentinel = -7.25;
    double l = sentinel;
#define EXPECT_UNTOUCHED(call)                                                                      \
    do {                                                                                            \
        l = sentinel;                                                                               \
        cr_expect_eq((call), AGRO_EINVAL, #call);                                                   \
        cr_expect(memcmp(&l, &sentinel, sizeof l) == 0, "%s: refused, and the loss is %g", #call, l); \
    } while (0)
    EXPECT_UNTOUCHED(agro_cousens_yield_loss(NULL, NAN, 50.0, 1.0, &l));
    EXPECT_UNTOUCHED(agro_cousens_yield_loss(NULL, 0.5, 150.0, 1.0, &l));
    EXPECT_UNTOUCHED(agro_cousens_yield_loss(NULL, 0.5, 50.0, -1.0, &l));
    EXPECT_UNTOUCHED(agro_cousens1987_yield_loss(NULL, -1.0, 0.1, 50.0, 20.0, 0.0, &l));
    EXPECT_UNTOUCHED(agro_cousens1987_yield_loss(NULL, 10.0, INFINITY, 50.0, 20.0, 0.0, &l));
    EXPECT_UNTOUCHED(agro_cousens1987_yield_loss(NULL, 10.0, 0.1, 0.0, 20.0, 0.0, &l));
    EXPECT_UNTOUCHED(agro_cousens1987_yield_loss(NULL, 10.0, 0.1, 50.0, NAN, 0.0, &l));
    EXPECT_UNTOUCHED(agro_cousens1987_yield_loss(NULL, 10.0, 0.1, 50.0, 20.0, NAN, &l));
    const double i[4] = {5.0, 10.0, 2.0, 1.0}, d[4] = {4.0, 1.0, -2.0, 3.0}, ib[4] = {5.0, 10.0, 2.0, NAN};
    const double ok[4] = {4.0, 1.0, 2.0, 3.0};
    EXPECT_UNTOUCHED(agro_cousens_yield_loss_multi(NULL, i, d, 4, 60.0, &l));
    EXPECT_UNTOUCHED(agro_cousens_yield_loss_multi(NULL, ib, ok, 4, 60.0, &l));
    EXPECT_UNTOUCHED(agro_cousens_yield_loss_multi(NULL, i, ok, 4, 0.0, &l));
    EXPECT_UNTOUCHED(agro_cousens_yield_loss_multi(NULL, i, ok, 0, 60.0, &l));
    EXPECT_UNTOUCHED(agro_cousens_yield_loss_multi(NULL, NULL, ok, 4, 60.0, &l));
#undef EXPECT_UNTOUCHED
}

/* The status alone did not say which argument was out of its range. */
Test(cousens, refusals_name_the_argument_and_value, .init = setup, .fini = teardown) {
    double l;
    helper_expect_refusal(ctx, agro_cousens_yield_loss(ctx, 0.5, 150.0, 10.0, &l), AGRO_EINVAL,
                   "a_pct: must be in (0, 100] % (150)");
    helper_expect_refusal(ctx, agro_cousens_yield_loss(ctx, 0.5, 50.0, -3.0, &l), AGRO_EINVAL,
                   "density_m2: must be finite and >= 0 (-3)");
    helper_expect_refusal(ctx, agro_cousens_yield_loss(ctx, NAN, 50.0, 1.0, &l), AGRO_EINVAL,
                   "i_pct_per_plant: must be finite and >= 0 (nan)");
    helper_expect_refusal(ctx, agro_cousens_yield_loss(ctx, 0.5, 50.0, 1.0, NULL), AGRO_EINVAL,
                   "loss_pct: NULL argument");
    helper_expect_refusal(ctx, agro_cousens1987_yield_loss(ctx, 10.0, INFINITY, 50.0, 20.0, 0.0, &l),
                   AGRO_EINVAL, "c_per_d: must be finite (inf)");
    helper_expect_refusal(ctx, agro_cousens1987_yield_loss(ctx, 10.0, 0.1, 50.0, 20.0, NAN, &l),
                   AGRO_EINVAL, "t_emergence_d: must be finite (nan)");
    helper_expect_refusal(ctx, agro_cousens1987_yield_loss(ctx, -1.0, 0.1, 50.0, 20.0, 0.0, &l),
                   AGRO_EINVAL, "b_pct_per_plant: must be finite and >= 0 (-1)");
    double i[3] = {5.0, 10.0, 2.0}, d[3] = {4.0, 1.0, -2.0};
    helper_expect_refusal(ctx, agro_cousens_yield_loss_multi(ctx, i, d, 3, 60.0, &l), AGRO_EINVAL,
                   "density_m2[2]: weed density must be finite and >= 0 plants/m2 (-2)");
    i[1] = NAN;
    helper_expect_refusal(ctx, agro_cousens_yield_loss_multi(ctx, i, d, 3, 60.0, &l), AGRO_EINVAL,
                   "i_pct_per_plant[1]: loss per weed must be finite and >= 0 % (nan)");
    helper_expect_refusal(ctx, agro_cousens_yield_loss_multi(ctx, i, d, 0, 60.0, &l), AGRO_EINVAL,
                   "n: no species (0)");
    helper_expect_refusal(ctx, agro_cousens_yield_loss_multi(ctx, i, d, 3, 0.0, &l), AGRO_EINVAL,
                   "a_pct: must be in (0, 100] % (0)");
    cr_assert_eq(agro_cousens_yield_loss(ctx, 0.5, 50.0, 1.0, &l), AGRO_OK);
    cr_expect_eq(agro_ctx_status(ctx), AGRO_OK);
}

TestSuite(canopy);

Test(canopy, one_canopy_is_beers_law_and_shares_follow_k_lai) {
    double k[2] = {0.6, 0.8}, lai[2] = {3.0, 0.0}, f[2];
    cr_assert_eq(agro_canopy_mixed_interception(NULL, k, lai, 1, f), AGRO_OK);
    cr_expect_float_eq(f[0], 1.0 - exp(-1.8), 1e-12);
    lai[1] = 1.5;
    cr_assert_eq(agro_canopy_mixed_interception(NULL, k, lai, 2, f), AGRO_OK);
    cr_expect_float_eq(f[0] + f[1], 1.0 - exp(-(1.8 + 1.2)), 1e-12);
    cr_expect_float_eq(f[0] / f[1], 1.8 / 1.2, 1e-12);
    lai[1] = -1.0;
    cr_expect_eq(agro_canopy_mixed_interception(NULL, k, lai, 2, f), AGRO_EINVAL);
    cr_expect_eq(agro_canopy_mixed_interception(NULL, k, lai, AGRO_CANOPY_MAX + 1, f), AGRO_EINVAL);
}

Test(canopy, layered_canopy_conserves_beers_law_and_favours_the_taller_canopy) {
    double k[2] = {0.64, 0.65}, lai[2] = {2.0, 1.5}, h[2] = {2.0, 2.0}, fl[2], fm[2];
    /* equal heights: one layer, the mixed canopy */
    cr_assert_eq(agro_canopy_layered_interception(NULL, k, lai, h, 2, fl), AGRO_OK);
    cr_assert_eq(agro_canopy_mixed_interception(NULL, k, lai, 2, fm), AGRO_OK);
    cr_expect_float_eq(fl[0], fm[0], 1e-12);
    cr_expect_float_eq(fl[1], fm[1], 1e-12);
    /* a crop twice as tall as its weeds: same total (the layers multiply the transmissions)
     * but the crop's top half intercepts first */
    h[1] = 1.0;
    cr_assert_eq(agro_canopy_layered_interception(NULL, k, lai, h, 2, fl), AGRO_OK);
    cr_expect_float_eq(fl[0] + fl[1], 1.0 - exp(-(0.64 * 2.0 + 0.65 * 1.5)), 1e-12);
    cr_expect(fl[0] > fm[0] && fl[1] < fm[1], "crop %g vs %g, weeds %g vs %g", fl[0], fm[0], fl[1], fm[1]);
    /* top layer by hand: crop alone above 1 m with half its LAI */
    double top = 1.0 - exp(-0.64 * 1.0);
    double kl0 = 0.64 * 1.0, kl1 = 0.65 * 1.5, below = (1.0 - top) * (1.0 - exp(-(kl0 + kl1)));
    cr_expect_float_eq(fl[0], top + below * kl0 / (kl0 + kl1), 1e-12);
    /* weeds over a young crop: the weeds now take the larger share */
    h[0] = 0.2;
    h[1] = 0.5;
    lai[0] = lai[1] = 0.5;
    cr_assert_eq(agro_canopy_layered_interception(NULL, k, lai, h, 2, fl), AGRO_OK);
    cr_expect(fl[1] > fl[0]);
    /* no leaf area: nothing intercepted; bad input named by status */
    lai[0] = lai[1] = 0.0;
    cr_assert_eq(agro_canopy_layered_interception(NULL, k, lai, h, 2, fl), AGRO_OK);
    cr_expect(fl[0] == 0.0 && fl[1] == 0.0);
    h[0] = -1.0;
    cr_expect_eq(agro_canopy_layered_interception(NULL, k, lai, h, 2, fl), AGRO_EINVAL);
    h[0] = 1.0;
    cr_expect_eq(agro_canopy_layered_interception(NULL, k, lai, NULL, 2, fl), AGRO_EINVAL);
    cr_expect_eq(agro_canopy_layered_interception(NULL, k, lai, h, 0, fl), AGRO_EINVAL);
}

/* Two canopies whose heights differ by less than the 1e-9 m that makes them one layer boundary
 * share the light as one height does, in either order: the shorter one fell out of every
 * layer (0.8347 and 0, or 0.4863 and 0.4863 reversed). Finite values whose sums overflow are
 * refused: the shares were NaN, or 0 of a short supply, with AGRO_OK. */
Test(canopy, heights_within_the_merge_tolerance_are_one_height_and_overflows_are_refused) {
    const double k[2] = {0.6, 0.6}, lai[2] = {3.0, 3.0};
    const double h1[2] = {1.0, 1.0 - 5e-10}, h2[2] = {1.0 - 5e-10, 1.0}, heq[2] = {1.0, 1.0};
    double f1[2], f2[2], feq[2];
    cr_assert_eq(agro_canopy_layered_interception(NULL, k, lai, h1, 2, f1), AGRO_OK);
    cr_assert_eq(agro_canopy_layered_interception(NULL, k, lai, h2, 2, f2), AGRO_OK);
    cr_assert_eq(agro_canopy_layered_interception(NULL, k, lai, heq, 2, feq), AGRO_OK);
    for (int i = 0; i < 2; i++) {
        cr_expect_float_eq(f1[i], feq[i], 1e-8, "canopy %d: %g against %g at equal heights", i, f1[i], feq[i]);
        cr_expect_float_eq(f2[i], feq[i], 1e-8, "canopy %d reversed: %g against %g", i, f2[i], feq[i]);
    }
    const double kbig[2] = {1e200, 1.0}, lbig[2] = {1e200, 1.0};
    double fr[2];
    cr_expect_eq(agro_canopy_mixed_interception(NULL, kbig, lbig, 2, fr), AGRO_EINVAL);
    cr_expect_eq(agro_canopy_layered_interception(NULL, kbig, lbig, heq, 2, fr), AGRO_EINVAL);
    const double dem[2] = {1.0, 1.0}, cap[2] = {1e308, 1e308};
    double take[2];
    cr_expect_eq(agro_canopy_share_supply(NULL, dem, cap, 1.0, 2, take), AGRO_EINVAL);
}

/* A layer's k·L is refused only when it overflows itself: LAI 1e300 (k 153.2) spread over a
 * canopy 1e308 m tall intercepts all the light; the layer's leaf area was LAI·height / height,
 * whose product overflowed, and the call was refused (fuzz_checks) */
Test(canopy, a_finite_layer_kl_is_not_refused_for_an_overflowing_lai_times_height) {
    const double k[2] = {153.2, 0.5}, lai[2] = {1e300, 2.0}, h[2] = {1e308, 1.0};
    double f[2];
    cr_assert_eq(agro_canopy_layered_interception(NULL, k, lai, h, 1, f), AGRO_OK);
    cr_expect_eq(f[0], 1.0);
    /* under it, a short canopy gets nothing: the light is gone in the top layer */
    cr_assert_eq(agro_canopy_layered_interception(NULL, k, lai, h, 2, f), AGRO_OK);
    cr_expect_eq(f[0], 1.0);
    cr_expect_eq(f[1], 0.0);
}

/* A short supply is shared without more taken than there is when supply times capacity
 * passes the double range: 2e236 shared by a canopy of capacity 1e300 gave it 1e300, as
 * supply·capacity overflowed before the division by the capacities (fuzz_checks) */
Test(canopy, a_huge_capacity_takes_no_more_than_the_supply) {
    const double dem[3] = {1e300, 0.0, 1e300}, cap[3] = {1e300, 1e308, 0.0};
    double take[3];
    cr_assert_eq(agro_canopy_share_supply(NULL, dem, cap, 2e236, 3, take), AGRO_OK);
    cr_expect_eq(take[0], 2e236, "%.17g", take[0]);
    cr_expect_eq(take[1], 0.0);
    cr_expect_eq(take[2], 0.0);
}

Test(canopy, short_supply_is_shared_by_capacity_and_never_exceeds_demand) {
    double dem[2] = {4.0, 1.0}, cap[2] = {6.0, 2.0}, take[2];
    /* ample supply: each gets its demand */
    cr_assert_eq(agro_canopy_share_supply(NULL, dem, cap, 10.0, 2, take), AGRO_OK);
    cr_expect_float_eq(take[0], 4.0, 1e-12);
    cr_expect_float_eq(take[1], 1.0, 1e-12);
    /* short: 4 units split 3:1 by capacity, weeds capped at their demand 1 */
    cr_assert_eq(agro_canopy_share_supply(NULL, dem, cap, 4.0, 2, take), AGRO_OK);
    cr_expect_float_eq(take[0] + take[1], 4.0, 1e-12);
    cr_expect_float_eq(take[0], 3.0, 1e-12);
    cr_expect_float_eq(take[1], 1.0, 1e-12);
    /* very short: pure capacity proportion */
    cr_assert_eq(agro_canopy_share_supply(NULL, dem, cap, 2.0, 2, take), AGRO_OK);
    cr_expect_float_eq(take[0], 1.5, 1e-12);
    cr_expect_float_eq(take[1], 0.5, 1e-12);
    cr_expect_eq(agro_canopy_share_supply(NULL, dem, cap, -1.0, 2, take), AGRO_EINVAL);
}

/* The status alone did not say which canopy or argument was refused: the context names the
 * argument, the element and the value (index from 0, as in C and Python). */
Test(canopy, refusals_name_the_argument_element_and_value, .init = setup, .fini = teardown) {
    double k[2] = {0.6, 0.8}, lai[2] = {3.0, -0.5}, h[2] = {2.0, 1.0}, f[2];
    helper_expect_refusal(ctx, agro_canopy_mixed_interception(ctx, k, lai, 2, f), AGRO_EINVAL,
                   "lai[1]: leaf area index must be finite and >= 0 (-0.5)");
    helper_expect_refusal(ctx, agro_canopy_mixed_interception(ctx, k, lai, 5, f), AGRO_EINVAL,
                   "n: number of canopies must be 1..4 (5)");
    helper_expect_refusal(ctx, agro_canopy_mixed_interception(ctx, NULL, lai, 2, f), AGRO_EINVAL, "k: NULL");
    lai[1] = 1.0;
    k[0] = NAN;
    helper_expect_refusal(ctx, agro_canopy_mixed_interception(ctx, k, lai, 2, f), AGRO_EINVAL,
                   "k[0]: extinction coefficient must be finite and >= 0 (nan)");
    helper_expect_refusal(ctx, agro_canopy_layered_interception(ctx, k, lai, h, 2, f), AGRO_EINVAL, "k[0]: ");
    k[0] = 0.6;
    h[1] = -2.0;
    helper_expect_refusal(ctx, agro_canopy_layered_interception(ctx, k, lai, h, 2, f), AGRO_EINVAL,
                   "height_m[1]: canopy height in m must be finite and >= 0 (-2)");
    helper_expect_refusal(ctx, agro_canopy_layered_interception(ctx, k, lai, NULL, 2, f), AGRO_EINVAL,
                   "height_m: NULL");
    const double kbig[2] = {1e200, 1.0}, lbig[2] = {1e200, 1.0}, heq[2] = {1.0, 1.0};
    helper_expect_refusal(ctx, agro_canopy_mixed_interception(ctx, kbig, lbig, 2, f), AGRO_EINVAL,
                   "k, lai: sum of k[i]*lai[i] over 2 canopies overflows (inf)");
    helper_expect_refusal(ctx, agro_canopy_layered_interception(ctx, kbig, lbig, heq, 2, f), AGRO_EINVAL,
                   "k, lai: sum of k[i]*lai[i] in the layer 0..1 m overflows");
    double dem[2] = {4.0, 1.0}, cap[2] = {6.0, INFINITY}, take[2];
    helper_expect_refusal(ctx, agro_canopy_share_supply(ctx, dem, cap, 4.0, 2, take), AGRO_EINVAL,
                   "capacity[1]: uptake capacity must be finite and >= 0 (inf)");
    cap[1] = 2.0;
    dem[0] = -1.0;
    helper_expect_refusal(ctx, agro_canopy_share_supply(ctx, dem, cap, 4.0, 2, take), AGRO_EINVAL,
                   "demand[0]: demand must be finite and >= 0 (-1)");
    dem[0] = 4.0;
    helper_expect_refusal(ctx, agro_canopy_share_supply(ctx, dem, cap, NAN, 2, take), AGRO_EINVAL,
                   "supply: must be finite and >= 0 (nan)");
    const double cbig[2] = {1e308, 1e308};
    helper_expect_refusal(ctx, agro_canopy_share_supply(ctx, dem, cbig, 1.0, 2, take), AGRO_EINVAL,
                   "capacity: sum over 2 canopies overflows (inf)");
    /* a success leaves the context as it was */
    cr_assert_eq(agro_canopy_share_supply(ctx, dem, cap, 4.0, 2, take), AGRO_OK);
    cr_expect_eq(agro_ctx_status(ctx), AGRO_OK);
}

/* The field's second round of the per-layer sharing: a canopy's share beyond its demand goes to
 * the other canopy where that one has capacity left, until its unmet demand is covered. */
Test(canopy, a_share_one_canopy_cannot_use_goes_to_the_other) {
    /* two layers; supply 4 + 4 split 1:1 by capacity (cap 4 each side in each layer) */
    double cap_a[2] = {4.0, 4.0}, cap_b[2] = {8.0, 4.0};
    double up_a[2] = {2.0, 2.0}, up_b[2] = {2.0, 2.0};
    /* a needs 1 of its 4: 3 spare (1.5 per layer); b needs 6, has 4, room 6 and 2 */
    canopy_offer_surplus(cap_a, up_a, 1.0, cap_b, up_b, 6.0, 1.0, 2);
    cr_expect_float_eq(up_b[0] + up_b[1], 6.0, 1e-12, "b got %g + %g", up_b[0], up_b[1]);
    cr_expect_float_eq(up_a[0] + up_a[1], 2.0, 1e-12, "a kept %g + %g", up_a[0], up_a[1]);
    cr_expect_float_eq(up_a[0] + up_b[0] + up_a[1] + up_b[1], 8.0, 1e-12); /* nothing created */
    cr_expect_float_eq(up_b[0], 3.0, 1e-12); /* the spare of each layer, split 1.5:1.5 × 2/3 */
    cr_expect(up_b[0] <= cap_b[0] && up_b[1] <= cap_b[1]);
    /* the other way round (b has the surplus), and keep = 1.5 keeps 1.5 × the giver's demand */
    double ua[2] = {1.0, 1.0}, ub[2] = {3.0, 3.0}, ca[2] = {3.0, 3.0}, cb[2] = {3.0, 3.0};
    canopy_offer_surplus(ca, ua, 5.0, cb, ub, 2.0, 1.5, 2);
    cr_expect_float_eq(ub[0] + ub[1], 3.0, 1e-12, "b kept %g", ub[0] + ub[1]);
    cr_expect_float_eq(ua[0] + ua[1], 5.0, 1e-12, "a got %g", ua[0] + ua[1]);
    /* both short, or both with enough: nothing moves */
    double sa[1] = {2.0}, sb[1] = {2.0}, c1[1] = {5.0};
    canopy_offer_surplus(c1, sa, 3.0, c1, sb, 3.0, 1.0, 1);
    cr_expect(sa[0] == 2.0 && sb[0] == 2.0);
    canopy_offer_surplus(c1, sa, 1.0, c1, sb, 1.0, 1.0, 1);
    cr_expect(sa[0] == 2.0 && sb[0] == 2.0);
    /* no room at the receiver: nothing moves */
    double ra[1] = {2.0}, rb[1] = {2.0}, rca[1] = {2.0}, rcb[1] = {2.0};
    canopy_offer_surplus(rca, ra, 0.5, rcb, rb, 5.0, 1.0, 1);
    cr_expect(ra[0] == 2.0 && rb[0] == 2.0);
}

TestSuite(weed_params, .init = setup, .fini = teardown);

Test(weed_params, defaults_are_valid_and_bad_values_are_named) {
    agro_weed_params p;
    cr_assert_eq(agro_weed_params_default(&p), AGRO_OK);
    cr_expect_eq(agro_weed_params_validate(ctx, &p), AGRO_OK);
    p.sla_m2_g = 5.0;
    cr_expect_eq(agro_weed_params_validate(ctx, &p), AGRO_ERANGE);
    char m[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, m, sizeof m);
    cr_expect(strstr(m, "sla_m2_g") != NULL, "%s", m);
}

/* The N stress ramp runs from n_conc_min up to the critical concentration (n_crit_1t below
 * 1 t/ha): a minimum at or above it would invert the stress, so it is rejected. */
Test(weed_params, n_conc_min_must_lie_below_the_stress_ramp_top) {
    agro_weed_params p;
    cr_assert_eq(agro_weed_params_default(&p), AGRO_OK);
    p.n_crit_1t = 0.040;
    p.n_conc_min = 0.040;
    cr_expect_eq(agro_weed_params_validate(ctx, &p), AGRO_ERANGE);
    char m[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, m, sizeof m);
    cr_expect(strstr(m, "n_conc_min") != NULL, "%s", m);
    p.n_conc_min = 0.039;
    cr_expect_eq(agro_weed_params_validate(ctx, &p), AGRO_OK);
}

/* Write @p text to the file @p name of the build directory (a test input), its path into
   @p path. */
static void write_test_file(char *path, size_t size, const char *name, const char *text) {
    snprintf(path, size, "%s/%s", AGROSIM_BINARY_DIR, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

Test(weed_params, json_unknown_key_is_rejected) {
    char path[512];
    write_test_file(path, sizeof path, "weeds_bad.json",
                    "{\"schema_version\":1,\"source\":\"test\",\n\"rue_g_MJ\":2.5,\n\"leaf_area\":3}\n");
    agro_weed_params p;
    cr_expect_eq(agro_weed_params_load_json(ctx, path, &p), AGRO_EKEY);
    char m[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, m, sizeof m);
    cr_expect(strstr(m, "leaf_area") != NULL, "%s", m);
}

/* The checks between keys (leaf_frac + root_frac <= 1, n_conc_min < n_crit_1t) name the file, the
 * line of the key and the key, as every other error of the file does (docs/formats.md, "Weed
 * parameters JSON"); they used to give the file without a line ("w.json: leaf_frac: ..."). */
/* Write @p text to the build directory's file @p name, load it as weed parameters and expect
   AGRO_ERANGE with the message "PATH:LINE: KEY: ..." */
static void expect_range_error_at(const char *name, const char *text, int line, const char *key) {
    char path[512];
    write_test_file(path, sizeof path, name, text);
    agro_weed_params p;
    char m[AGRO_MESSAGE_MAX], want[600];
    cr_expect_eq(agro_weed_params_load_json(ctx, path, &p), AGRO_ERANGE);
    agro_ctx_message(ctx, m, sizeof m);
    snprintf(want, sizeof want, "%s:%d: %s: ", path, line, key);
    cr_expect(strncmp(m, want, strlen(want)) == 0, "%s", m);
}

Test(weed_params, json_checks_between_keys_name_the_line) {
    expect_range_error_at("weeds_sum.json",
                          "{\"schema_version\": 1, \"source\": \"test\",\n \"rue_g_MJ\": 2.5,\n"
                          " \"leaf_frac\": 0.8,\n \"root_frac\": 0.3}\n",
                          3, "leaf_frac");
    /* only root_frac given: its line */
    expect_range_error_at("weeds_sum.json",
                          "{\"schema_version\": 1, \"source\": \"test\",\n\n \"root_frac\": 0.6}\n", 3,
                          "root_frac");
    expect_range_error_at("weeds_sum.json",
                          "{\"schema_version\": 1, \"source\": \"test\",\n \"n_conc_min\": 0.045}\n", 2,
                          "n_conc_min");
}

/* ---------------------------------------------------------------- weeds in a field */

/* A Morogoro long-rains season (generated weather, sandy clay loam), improved hybrid at
 * 5.3 pl/m² in 75 cm rows with 50 kg N/ha; weeds emerge 3 days after sowing. */
typedef struct morogoro {
    agro_weather *w;
    agro_season_spec spec;
} morogoro;

static void morogoro_init(morogoro *m, int32_t year) {
    agro_site site;
    char name[64];
    cr_assert_eq(agro_site_load(ctx, AGROSIM_SOURCE_DIR "/models/sites/morogoro.json", &site, name, sizeof name), AGRO_OK);
    cr_assert_eq(agro_weather_generate(ctx, &site, "MOROGORO", year, 1, (uint64_t)year, &m->w), AGRO_OK);
    agro_season_spec *s = &m->spec;
    agro_season_spec_init(s);
    cr_assert_eq(agro_soil_load_json(ctx, AGROSIM_SOURCE_DIR "/models/soils/morogoro_sandy_clay_loam.json", &s->soil), AGRO_OK);
    char cname[64];
    cr_assert_eq(agro_maize_cultivar_load_json(ctx, AGROSIM_SOURCE_DIR "/models/cultivars/maize_h613_hybrid.json",
                                               &s->cultivar, cname, sizeof cname), AGRO_OK);
    s->options.latitude_deg = site.latitude_deg;
    for (int l = 0; l < s->soil.n_layers; l++) {
        s->options.no3_ppm[l] = 4.0;
        s->options.nh4_ppm[l] = 1.0;
    }
    s->start_year = year;
    s->start_doy = 60;
    s->days_after_maturity = 0;
    agro_event *e = &s->events[s->n_events++];
    memset(e, 0, sizeof *e);
    e->type = AGRO_EVENT_SOW;
    e->year = year;
    e->doy = 75;
    e->density_pl_m2 = 5.3;
    e->row_spacing_cm = 75;
    e->depth_cm = 5;
    e = &s->events[s->n_events++];
    memset(e, 0, sizeof *e);
    e->type = AGRO_EVENT_FERTILISE;
    e->year = year;
    e->doy = 75;
    e->amount = 50;
    e->depth_cm = 5;
    e->nh4_fraction = 0.5;
}

static void add_event(agro_season_spec *s, int32_t type, int32_t das, double amount, double density) {
    agro_event *e = &s->events[s->n_events++];
    memset(e, 0, sizeof *e);
    e->type = type;
    e->year = s->start_year;
    e->doy = 75 + das;
    e->amount = amount;
    e->density_pl_m2 = density;
}

/* Yield with weeds at @p density (0: none) and hand weedings (95 % removal) at @p days. */
static double yield_with(int32_t year, double density, const int *days, int n_days) {
    morogoro m;
    morogoro_init(&m, year);
    if (density > 0.0) add_event(&m.spec, AGRO_EVENT_WEEDS_EMERGE, 3, 0.0, density);
    for (int i = 0; i < n_days; i++) add_event(&m.spec, AGRO_EVENT_WEED, days[i], 0.95, 0.0);
    agro_season_summary sm;
    cr_assert_eq(agro_season_run(ctx, &m.spec, m.w, &sm, NULL, 0, NULL), AGRO_OK);
    agro_weather_free(m.w);
    cr_assert(sm.water_balance_error_mm < 1e-6 && sm.n_balance_error_kg_ha < 1e-6);
    return sm.hwam_kg_ha;
}

/* Mean yield loss (% of weed-free) over the 2001–2003 generated Morogoro seasons: single
 * seasons differ a lot (water competition decides in dry years), the facts are averages. */
static double mean_loss(double density, const int *days, int n_days) {
    double s = 0.0;
    for (int32_t year = 2001; year <= 2003; year++) {
        double free_ = yield_with(year, 0.0, NULL, 0);
        s += 100.0 * (1.0 - yield_with(year, density, days, n_days) / free_);
    }
    return s / 3.0;
}

TestSuite(weeds_in_field, .init = setup, .fini = teardown);

Test(weeds_in_field, unweeded_weeds_lower_yield_and_doubling_them_lowers_it_more) {
    for (int32_t year = 2001; year <= 2003; year++) {
        double free_ = yield_with(year, 0.0, NULL, 0);
        double w30 = yield_with(year, 30.0, NULL, 0);
        double w60 = yield_with(year, 60.0, NULL, 0);
        cr_log_info("%d: weed-free %.0f, 30 weeds %.0f, 60 weeds %.0f", (int)year, free_, w30, w60);
        cr_expect(w30 < 0.9 * free_, "%d: 30 weeds/m2 cost < 10 %%: %g vs %g", (int)year, w30, free_);
        cr_expect(w60 < w30, "%d: doubling weeds did not lower yield: %g vs %g", (int)year, w60, w30);
    }
}

/* BRIEF §2 [S22]: unweeded maize in Africa loses 50–80 %. High pressure here: 100 seedlings/m²
 * of the default flora emerging with the crop, never weeded. */
Test(weeds_in_field, unweeded_high_pressure_loses_fifty_to_eighty_percent) {
    double l = mean_loss(100.0, NULL, 0);
    cr_log_info("unweeded, 100 weeds/m2: mean loss %.1f %%", l);
    cr_expect(l >= 50.0 && l <= 80.0, "unweeded loss %.1f %% outside the 50-80 %% of S22", l);
}

/* Cousens consistency (BRIEF §2 suggested defaults I ≈ 2–10 %/pl m⁻², A ≈ 50–70 %): the loss
 * per weed at low density and the loss at a saturating density. */
Test(weeds_in_field, low_density_loss_per_weed_and_saturating_loss_follow_cousens_ranges) {
    double i_pct = mean_loss(2.0, NULL, 0) / 2.0;
    double a_pct = mean_loss(200.0, NULL, 0);
    double mid = mean_loss(20.0, NULL, 0);
    cr_log_info("I = %.1f %%/plant (D = 2), loss at 20/m2 %.1f %%, at 200/m2 %.1f %%", i_pct, mid, a_pct);
    cr_expect(i_pct >= 2.0 && i_pct <= 10.0, "I = %.2f %% per weed/m2", i_pct);
    cr_expect(a_pct >= 50.0 && a_pct <= 85.0, "loss at 200/m2 %.1f %%", a_pct);
    /* hyperbolic, not linear: 20 weeds cost less than 10 × the loss of 2 */
    cr_expect(mid < 10.0 * 2.0 * i_pct, "linear response: %g vs %g", mid, 20.0 * i_pct);
}

/* BRIEF §2 [S22, S24]: two hand weedings at 3 and 6 weeks ≈ weed-free; weeds that emerged with
 * the crop and were removed at V3–V4 (14–18 DAS here), the crop then kept clean, cost
 * almost nothing. */
Test(weeds_in_field, weeding_at_three_and_six_weeks_or_from_v3_v4_is_almost_weed_free) {
    static const int w3_6[2] = {21, 42};
    static const int v3[2] = {14, 35};
    static const int v4[2] = {18, 39};
    double l36 = mean_loss(100.0, w3_6, 2), lv3 = mean_loss(100.0, v3, 2), lv4 = mean_loss(100.0, v4, 2);
    cr_log_info("loss: weedings 21+42 DAS %.1f %%, 14+35 %.1f %%, 18+39 %.1f %%", l36, lv3, lv4);
    cr_expect(l36 < 5.0, "weedings at 3 and 6 weeks lost %.1f %%", l36);
    cr_expect(lv3 < 5.0 && lv4 < 5.0, "weeding from V3/V4 lost %.1f / %.1f %%", lv3, lv4);
}

/* Later and fewer weedings lower yield noticeably (BRIEF §2: CPWC 21–98 DAS; weeding once). */
Test(weeds_in_field, later_and_fewer_weedings_lower_yield_noticeably) {
    static const int timely[2] = {21, 42};
    static const int late[2] = {42, 63};
    static const int once_late[1] = {49};
    double l_t = mean_loss(100.0, timely, 2), l_l = mean_loss(100.0, late, 2);
    double l_o = mean_loss(100.0, once_late, 1), l_n = mean_loss(100.0, NULL, 0);
    cr_log_info("loss: timely %.1f %%, late %.1f %%, once late %.1f %%, none %.1f %%", l_t, l_l, l_o, l_n);
    cr_expect(l_l > l_t + 2.0, "late weedings %.1f %% vs timely %.1f %%", l_l, l_t);
    cr_expect(l_o > l_l + 2.0, "one late weeding %.1f %% vs two %.1f %%", l_o, l_l);
    cr_expect(l_n > l_o + 20.0, "no weeding %.1f %% vs one %.1f %%", l_n, l_o);
}

Test(weeds_in_field, weeds_off_flag_gives_the_weed_free_yield) {
    int32_t year = 2002;
    double free_ = yield_with(year, 0.0, NULL, 0);
    morogoro m;
    morogoro_init(&m, year);
    add_event(&m.spec, AGRO_EVENT_WEEDS_EMERGE, 3, 0.0, 50.0);
    m.spec.options.weeds_limited = 0;
    agro_season_summary sm;
    cr_assert_eq(agro_season_run(ctx, &m.spec, m.w, &sm, NULL, 0, NULL), AGRO_OK);
    agro_weather_free(m.w);
    cr_expect_float_eq(sm.hwam_kg_ha, free_, 1e-9);
    cr_expect_float_eq(sm.weeds_biomass_max_kg_ha, 0.0, 1e-12);
}

/* The Morogoro season of @p year (with its 50 kg N/ha unless @p fertilised is 0) with 100
 * weeds/m² emerging 3 days after sowing, never weeded, its days into @p days (400); the number
 * of days. */
static int32_t weedy_season(int32_t year, int fertilised, agro_field_daily *days) {
    morogoro m;
    morogoro_init(&m, year);
    if (!fertilised) m.spec.n_events = 1; /* sowing only */
    add_event(&m.spec, AGRO_EVENT_WEEDS_EMERGE, 3, 0.0, 100.0);
    agro_season_summary sm;
    int32_t nd = 0;
    cr_assert_eq(agro_season_run(ctx, &m.spec, m.w, &sm, days, 400, &nd), AGRO_OK);
    agro_weather_free(m.w);
    return nd;
}

/* A field whose canopies pass LAI 20 (weed parameters at the ends of their ranges: SLA 0.1 m2/g,
 * RUE 8 g/MJ, nine tenths of growth to leaves) runs its season under every soil temperature
 * method: the soil is given LAI 20 and 100 t/ha of canopy at most, beyond which its shade and
 * cover cannot change (agro_soil_temp_drivers), instead of the step failing on the soil's own
 * driver range (a fuzz finding). */
Test(weeds_in_field, a_canopy_beyond_lai_20_still_runs_under_every_soil_temperature_method) {
    static const int32_t methods[3] = {AGRO_SOIL_TEMP_STEMP, AGRO_SOIL_TEMP_EPIC, AGRO_SOIL_TEMP_NUMERICAL};
    for (int k = 0; k < 3; k++) {
        morogoro m;
        morogoro_init(&m, 2002);
        m.spec.options.soil_temp_method = methods[k];
        agro_weed_params *wp = &m.spec.options.weeds;
        wp->sla_m2_g = 0.1;
        wp->rue_g_MJ = 8.0;
        wp->leaf_frac = 0.9;
        wp->root_frac = 0.05;
        add_event(&m.spec, AGRO_EVENT_WEEDS_EMERGE, 3, 0.0, 10000.0);
        static agro_field_daily days[400];
        agro_season_summary sm;
        int32_t nd = 0;
        int st = agro_season_run(ctx, &m.spec, m.w, &sm, days, 400, &nd);
        char msg[AGRO_MESSAGE_MAX];
        agro_ctx_message(ctx, msg, sizeof msg);
        agro_weather_free(m.w);
        cr_assert_eq(st, AGRO_OK, "method %d: %s", (int)methods[k], msg);
        double lai_max = 0.0;
        for (int32_t i = 0; i < nd; i++)
            lai_max = fmax(lai_max, days[i].lai_crop + days[i].lai_weeds);
        cr_log_info("method %d: field LAI up to %.1f", (int)methods[k], lai_max);
        cr_expect_gt(lai_max, 30.0, "method %d: the canopies reached LAI %g only", (int)methods[k], lai_max);
    }
}

/* Seedlings act from the day they emerge, as the emerging crop does: on the first day with
 * weeds they intercept light and grow beyond their seed weight that day */
Test(weeds_in_field, weed_seedlings_intercept_light_and_grow_on_their_emergence_day) {
    agro_weed_params wp;
    agro_weed_params_default(&wp);
    static agro_field_daily days[400];
    const int32_t nd = weedy_season(2002, 1, days);
    int32_t i = 0;
    while (i < nd && days[i].weeds_density_m2 <= 0.0) i++;
    cr_assert_lt(i, nd, "the weeds never emerged");
    const double seed_tops = 100.0 * wp.seedling_g * 0.75 * 10.0; /* kg/ha: leaf + stem share */
    cr_expect_gt(days[i].fi_weeds, 0.0, "day %d: no light intercepted", (int)i);
    cr_expect_gt(days[i].weeds_biomass_kg_ha, seed_tops * 1.01, "day %d: tops %g kg/ha, seedlings %g", (int)i,
                 days[i].weeds_biomass_kg_ha, seed_tops);
}

/* Weed dry matter never outgrows its N: without fertiliser (N-starved weeds under a dense
 * hybrid) the weed N stays at or above the structural minimum n_conc_min of the weed dry
 * matter, here checked against the tops alone (a lower bound of the whole plant). */
Test(weeds_in_field, weed_n_never_falls_below_the_structural_minimum) {
    agro_weed_params wp;
    agro_weed_params_default(&wp);
    for (int32_t year = 2001; year <= 2003; year++) {
        static agro_field_daily days[400];
        const int32_t nd = weedy_season(year, 0, days);
        double worst = INFINITY, tops_max = 0.0;
        for (int32_t i = 0; i < nd; i++) {
            double tops = days[i].weeds_biomass_kg_ha;
            if (tops > tops_max) tops_max = tops;
            if (tops > 10.0 && days[i].weeds_n_kg_ha / tops < worst) worst = days[i].weeds_n_kg_ha / tops;
        }
        cr_log_info("%d: weed tops up to %.0f kg/ha, lowest N concentration %.4f", (int)year, tops_max, worst);
        /* guards that the check below is not vacuous: the weeds grew (N-starved, they reach only
           about 100 kg/ha in 2002) and their N was diluted close to the floor */
        cr_assert(tops_max > 50.0, "%d: the weeds did not grow (%g kg/ha)", (int)year, tops_max);
        cr_assert(worst < 1.5 * wp.n_conc_min, "%d: weed N %g never came near the floor %g",
                  (int)year, worst, wp.n_conc_min);
        cr_expect(worst >= wp.n_conc_min * (1.0 - 1e-9), "%d: weed N concentration %g below %g",
                  (int)year, worst, wp.n_conc_min);
    }
}

/* With N switched off neither canopy is N-limited: the weeds grow as far as light and water
 * let them (no structural-N cap, since they take no soil N) and still cost the crop yield. */
Test(weeds_in_field, weeds_grow_and_compete_with_nitrogen_switched_off) {
    for (int32_t year = 2001; year <= 2003; year++) {
        double y[2], wmax = 0.0;
        for (int k = 0; k < 2; k++) {
            morogoro m;
            morogoro_init(&m, year);
            m.spec.options.nitrogen_limited = 0;
            if (k == 1) add_event(&m.spec, AGRO_EVENT_WEEDS_EMERGE, 3, 0.0, 100.0);
            agro_season_summary sm;
            int st = agro_season_run(ctx, &m.spec, m.w, &sm, NULL, 0, NULL);
            char msg[AGRO_MESSAGE_MAX];
            agro_ctx_message(ctx, msg, sizeof msg);
            agro_weather_free(m.w);
            cr_assert_eq(st, AGRO_OK, "%d: %s", (int)year, msg);
            y[k] = sm.hwam_kg_ha;
            if (k == 1) wmax = sm.weeds_biomass_max_kg_ha;
        }
        cr_log_info("%d, N off: weed-free %.0f, 100 weeds/m2 %.0f kg/ha, weeds up to %.0f kg/ha",
                    (int)year, y[0], y[1], wmax);
        cr_expect(wmax > 1000.0, "%d: weeds reached only %g kg/ha with N off", (int)year, wmax);
        cr_expect(y[1] < 0.9 * y[0], "%d: weeds cost < 10 %% with N off: %g vs %g", (int)year, y[1], y[0]);
    }
}

/* core.h allows a NULL context (the same status, no message). The loader's naming of a check
 * between keys read the context's message back to find the key: with no context,
 * agro_ctx_message leaves the buffer unwritten and strstr read uninitialised stack memory
 * (valgrind memcheck: "Conditional jump or move depends on uninitialised value(s)" in strstr,
 * from agro_weed_params_load_json). It now names the line only when there is a context. */
Test(weed_params, a_check_between_keys_with_no_context_gives_the_status) {
    char path[512];
    write_test_file(path, sizeof path, "weeds_sum_noctx.json",
                    "{\"schema_version\": 1, \"source\": \"test\",\n \"leaf_frac\": 0.8,\n"
                    " \"root_frac\": 0.3}\n");
    agro_weed_params p;
    cr_expect_eq(agro_weed_params_load_json(NULL, path, &p), AGRO_ERANGE);
    cr_expect_eq(agro_weed_params_load_json(ctx, path, &p), AGRO_ERANGE);
    remove(path);
}

/* A weed flora that vanishes leaves the crop as it is alone: 1e-9 weeds/m² switched the crop to
 * the two-canopy water uptake, whose layers were capped at their water above LL, and a dry 1999
 * (30 % of the available water at the start) yielded 3956 kg/ha against 4071 without weeds. */
Test(weeds_in_field, a_vanishing_weed_flora_leaves_the_crop_as_it_is_alone) {
    static agro_season_spec s;
    for (int32_t year = 1998; year <= 1999; year++) {
        double hwam[2];
        for (int tiny = 0; tiny < 2; tiny++) {
            cr_assert_eq(helper_morogoro_spec(ctx, &s, year), AGRO_OK);
            for (int l = 0; l < s.soil.n_layers; l++)
                s.options.sw[l] = s.soil.ll[l] + 0.3 * (s.soil.dul[l] - s.soil.ll[l]);
            cr_assert_eq(s.events[2].type, AGRO_EVENT_WEEDS_EMERGE);
            s.events[2].density_pl_m2 = 1e-9;
            s.n_events = tiny ? 3 : 2; /* sowing, fertiliser, and the weeds or none */
            agro_weather *w;
            cr_assert_eq(helper_morogoro_generated(ctx, "MOROGORO", year, 2, (uint64_t)year * 7, &w), AGRO_OK);
            agro_season_summary sm;
            cr_assert_eq(agro_season_run(ctx, &s, w, &sm, NULL, 0, NULL), AGRO_OK);
            hwam[tiny] = sm.hwam_kg_ha;
            agro_weather_free(w);
        }
        cr_expect_float_eq(hwam[1], hwam[0], 0.01, "%d: %.3f kg/ha with 1e-9 weeds/m2, %.3f without",
                           (int)year, hwam[1], hwam[0]);
    }
}

TestSuite(weed_maturity, .init = setup, .fini = teardown);

/* A three-layer column (10, 20, 30 cm) and its root growth factors */
static const double col_thick[3] = {10.0, 20.0, 30.0}, col_srgf[3] = {1.0, 0.8, 0.5};

/* A cohort of 50 plants/m² on that column, grown to 100, 60 and 40 g/m² of leaves, stems and
 * roots holding 30 kg N/ha */
static void grown_cohort(agro_weed_params *p, weed_state *w)
{
    agro_weed_params_default(p);
    weed_clear(w);
    weed_litter none;
    weed_emerge(p, w, 50.0, col_thick, col_srgf, 3, &none);
    w->wleaf = 100.0;
    w->wstem = 60.0;
    w->wroot = 40.0;
    w->n_kg_ha = 30.0;
}

/* Past tt_life_Cd a cohort stops growing and its green leaves die: leaf weight and leaf area at
 * the same relative rate (SUCROS/INTERCOM), the dead leaves' N to the senesced pool, until the
 * leaf area is gone and the cohort ends, keeping its totals. Before, only the LAI decayed (3 %/d)
 * while the leaf weight and N stayed, and the cohort stayed active for ever. All the stand's dry
 * matter and N leave as litter for the soil: the dead leaves day by day to the surface, the
 * stems and last leaves to the surface and the roots by layer when it ends (before, none of it
 * left the weeds as matter: its N was counted lost). */
Test(weed_maturity, a_mature_cohort_loses_leaf_weight_and_n_with_its_leaf_area_and_then_ends) {
    const double *thick = col_thick, *srgf = col_srgf;
    agro_weed_params p;
    weed_state w;
    grown_cohort(&p, &w);
    /* just past its life span, its LAI below SLA × leaf weight (logistic-limited) */
    w.tt = p.tt_life_Cd + 1.0;
    w.lai = 0.8 * p.sla_m2_g * w.wleaf;
    w.removed_kg_ha = 12.0;
    w.removed_n_kg_ha = 0.4;
    w.max_biomass_kg_ha = 1600.0;
    const double ratio = w.lai / w.wleaf, n_all = w.n_kg_ha + w.senesced_n_kg_ha;
    const double seed_n = w.seed_n_kg_ha, dm_all = (w.wleaf + w.wstem + w.wroot) * 10.0;
    double tops = 0.0, tops_n = 0.0, roots = 0.0, roots_n = 0.0, roots_l[3] = {0.0, 0.0, 0.0};
    weed_litter lt;
    int day = 0;
    for (; day < 400 && w.active; day++) {
        const double lai_before = w.lai, n_before = w.n_kg_ha;
        weed_phenology(&p, &w, 30.0, 20.0);
        weed_growth(&p, &w, 5.0, 1.0, 1);
        cr_assert_eq(w.growth_g_m2, 0.0, "day %d: a mature cohort grew %g g/m2", day, w.growth_g_m2);
        cr_assert_eq(w.n_demand_kg_ha, 0.0, "day %d: a mature cohort asked for N", day);
        weed_integrate(&p, &w, 0.0, 2.0, thick, srgf, 3, 60.0, &lt);
        cr_assert_float_eq(w.n_kg_ha + w.senesced_n_kg_ha, n_all, 1e-9, "day %d: N not conserved", day);
        tops += lt.tops_kg_ha;
        tops_n += lt.tops_n_kg_ha;
        for (int l = 0; l < 3; l++) {
            roots += lt.roots_kg_ha[l];
            roots_n += lt.roots_n_kg_ha[l];
            roots_l[l] += lt.roots_kg_ha[l];
        }
        cr_assert_float_eq(tops_n + roots_n, w.senesced_n_kg_ha, 1e-9, "day %d: litter N %g, senesced N %g", day,
                           tops_n + roots_n, w.senesced_n_kg_ha);
        if (!w.active) break;
        cr_assert_eq(roots, 0.0, "day %d: roots left a living cohort", day);
        cr_assert_lt(w.lai, lai_before, "day %d: the leaf area did not fall", day);
        cr_assert_lt(w.n_kg_ha, n_before, "day %d: no N left with the dead leaves", day);
        cr_assert_float_eq(w.lai / w.wleaf, ratio, 1e-9 * ratio,
                           "day %d: LAI %g and leaf weight %g g/m2 went apart", day, w.lai, w.wleaf);
    }
    cr_log_info("mature cohort ended after %d days", day);
    /* from LAI 2.4 at 3 %/d to 0.01: ln(240)/0.03 = 183 days */
    cr_assert_eq(w.active, 0, "the cohort was still active after %d days (LAI %g)", day, w.lai);
    cr_expect(day >= 175 && day <= 190, "ended after %d days", day);
    cr_expect(w.density == 0.0 && w.lai == 0.0 && w.wleaf == 0.0 && w.wroot == 0.0 && w.rlv[0] == 0.0);
    cr_expect_float_eq(w.senesced_n_kg_ha, n_all, 1e-9);
    /* every gram left as litter: the roots (400 kg/ha) by layer in proportion to their length,
       which the cohort spread over its rooted layers by SRGF */
    cr_expect_float_eq(tops + roots, dm_all, 1e-9, "litter %g kg/ha of %g", tops + roots, dm_all);
    cr_expect_float_eq(roots, 400.0, 1e-9);
    cr_expect_float_eq(tops_n + roots_n, n_all, 1e-9);
    double rl = 0.0; /* the front is at the 60 cm bottom by then: SRGF·thickness weighs them */
    for (int l = 0; l < 3; l++) rl += srgf[l] * thick[l];
    for (int l = 0; l < 3; l++)
        cr_expect_float_eq(roots_l[l], roots * srgf[l] * thick[l] / rl, 1e-9, "layer %d: %g kg/ha", l, roots_l[l]);
    cr_expect_eq(w.seed_n_kg_ha, seed_n);
    cr_expect_eq(w.removed_kg_ha, 12.0);
    cr_expect_eq(w.removed_n_kg_ha, 0.4);
    cr_expect_eq(w.max_biomass_kg_ha, 1600.0);
}

/* A flush that emerges onto a mature stand grows from its own emergence: the stand, which no
 * longer grows or takes N, ends that day as it would at LAI 0.01 (all its matter and N to the
 * soil) and the flush starts at TT 0. Before, the flush joined the stand at its thermal age,
 * never grew, and died with it (on a Morogoro fallow, 30 weeds/m² emerging 195 days after the
 * first flush vanished 100 days later without having grown). */
Test(weed_maturity, a_flush_emerging_onto_a_mature_stand_grows_from_its_own_emergence) {
    agro_weed_params p;
    weed_state w;
    grown_cohort(&p, &w);
    w.tt = p.tt_life_Cd + 50.0;
    w.lai = 0.5;
    const double dm_old = (w.wleaf + w.wstem + w.wroot) * 10.0, n_old = w.n_kg_ha;
    const double sen0 = w.senesced_n_kg_ha, seed0 = w.seed_n_kg_ha;
    weed_litter ended;
    weed_emerge(&p, &w, 30.0, col_thick, col_srgf, 3, &ended);
    double dm = ended.tops_kg_ha, n_lt = ended.tops_n_kg_ha;
    for (int l = 0; l < 3; l++) {
        dm += ended.roots_kg_ha[l];
        n_lt += ended.roots_n_kg_ha[l];
    }
    cr_expect_float_eq(dm, dm_old, 1e-9, "litter %g kg/ha of the stand's %g", dm, dm_old);
    cr_expect_float_eq(n_lt, n_old, 1e-9, "litter N %g kg/ha of the stand's %g", n_lt, n_old);
    cr_expect_float_eq(w.senesced_n_kg_ha - sen0, n_old, 1e-9);
    cr_expect_eq(w.tt, 0.0, "the flush took the stand's thermal age %g", w.tt);
    cr_expect_eq(w.density, 30.0);
    const double seed = 30.0 * p.seedling_g; /* g/m² */
    cr_expect_float_eq(w.wleaf + w.wstem + w.wroot, seed, 1e-12);
    cr_expect_float_eq(w.n_kg_ha, w.seed_n_kg_ha - seed0, 1e-12);
    weed_litter lt;
    const double lai0 = w.lai;
    for (int day = 0; day < 20; day++) {
        weed_phenology(&p, &w, 30.0, 20.0);
        weed_growth(&p, &w, 5.0, 1.0, 1);
        cr_assert_gt(w.growth_g_m2, 0.0, "day %d: the flush did not grow", day);
        weed_integrate(&p, &w, w.n_demand_kg_ha, 0.5, col_thick, col_srgf, 3, 60.0, &lt);
    }
    cr_expect_gt(w.lai, 10.0 * lai0, "LAI %g after 20 days, %g at emergence", w.lai, lai0);
    /* a flush onto a stand that has not matured joins it, as before */
    grown_cohort(&p, &w);
    w.tt = 300.0;
    weed_emerge(&p, &w, 30.0, col_thick, col_srgf, 3, &ended);
    cr_expect(w.tt == 300.0 && w.density == 80.0 && ended.tops_kg_ha == 0.0 && ended.roots_kg_ha[0] == 0.0);
}

TestSuite(weeding, .init = setup, .fini = teardown);

/* A weeding takes fraction f of the plants' tops and roots out of the canopy as litter for the
 * field, the weed N with them in proportion to their dry matter (the flora has one N pool), the
 * roots over the layers in proportion to their length there (APSIM-Classic crop_root_incorp); a
 * complete weeding hands over the rest. Before, the weeded matter left the field. */
Test(weeding, the_weeded_tops_and_roots_leave_as_litter_with_their_n) {
    const double *thick = col_thick;
    agro_weed_params p;
    weed_state w;
    grown_cohort(&p, &w);
    /* 2 and 0.5 cm/cm³ in 10 and 20 cm: 20 and 10 cm/cm² of root length, 2/3 and 1/3 */
    w.rlv[0] = 2.0;
    w.rlv[1] = 0.5;
    w.rlv[2] = 0.0;
    weed_litter lt;
    weed_remove(&w, 0.5, thick, 3, &lt);
    cr_expect_float_eq(lt.tops_kg_ha, 800.0, 1e-9, "tops %g kg/ha", lt.tops_kg_ha);
    cr_expect_float_eq(lt.tops_n_kg_ha, 12.0, 1e-9, "tops N %g kg/ha", lt.tops_n_kg_ha); /* 15 × 160/200 */
    cr_expect_float_eq(lt.roots_kg_ha[0], 200.0 * 2.0 / 3.0, 1e-9);
    cr_expect_float_eq(lt.roots_kg_ha[1], 200.0 / 3.0, 1e-9);
    cr_expect_eq(lt.roots_kg_ha[2], 0.0);
    cr_expect_float_eq(lt.roots_n_kg_ha[0], 2.0, 1e-9);
    cr_expect_float_eq(lt.roots_n_kg_ha[1], 1.0, 1e-9);
    cr_expect_float_eq(w.n_kg_ha, 15.0, 1e-9);
    cr_expect_float_eq(w.removed_n_kg_ha, 15.0, 1e-9);
    cr_expect_float_eq(w.removed_kg_ha, 800.0, 1e-9);
    weed_remove(&w, 1.0, thick, 3, &lt);
    cr_expect_eq(w.active, 0);
    cr_expect_float_eq(lt.tops_kg_ha + lt.roots_kg_ha[0] + lt.roots_kg_ha[1], 1000.0, 1e-9);
    cr_expect_float_eq(lt.tops_n_kg_ha + lt.roots_n_kg_ha[0] + lt.roots_n_kg_ha[1], 15.0, 1e-9);
    cr_expect_float_eq(w.removed_n_kg_ha, 30.0, 1e-9);
    /* nothing to weed: no litter */
    weed_remove(&w, 1.0, thick, 3, &lt);
    cr_expect(lt.tops_kg_ha == 0.0 && lt.tops_n_kg_ha == 0.0 && lt.roots_kg_ha[0] == 0.0);
}

/* A weeding of fraction f takes f of the plants too, not only of their matter: a young cohort's
 * leaf area is the plants' logistic (INTERCOM), so plants left standing after a weeding would
 * give the weeded canopy back its leaf area at the next integration. (No test read the density:
 * a weeding that left it passed them all, the weeding-timing losses of 100 weeds/m² unchanged.) */
Test(weeding, a_weeding_takes_its_fraction_of_the_plants_and_their_leaf_area_stays_down) {
    agro_weed_params p;
    weed_state kept, weeded;
    grown_cohort(&p, &kept);
    kept.tt = 100.0; /* 4.6 cm² a plant: the logistic, not SLA × leaf weight, sets the LAI */
    kept.rlv[0] = 1.0;
    weeded = kept;
    weed_litter lt;
    weed_remove(&weeded, 0.9, col_thick, 3, &lt);
    cr_expect_float_eq(weeded.density, 5.0, 1e-12, "density %g plants/m2", weeded.density);
    cr_expect_float_eq(weeded.rlv[0], 0.1, 1e-12, "rlv %g", weeded.rlv[0]);
    kept.growth_g_m2 = weeded.growth_g_m2 = 0.0;
    kept.dtt = weeded.dtt = 0.0;
    weed_integrate(&p, &kept, 0.0, 0.0, col_thick, col_srgf, 3, 60.0, &lt);
    weed_integrate(&p, &weeded, 0.0, 0.0, col_thick, col_srgf, 3, 60.0, &lt);
    cr_assert_gt(kept.lai, 0.0);
    cr_expect(kept.lai < p.sla_m2_g * kept.wleaf, "the logistic does not bind (LAI %g)", kept.lai);
    cr_expect_float_eq(weeded.lai, 0.1 * kept.lai, 1e-12, "weeded LAI %g of %g", weeded.lai, kept.lai);
}

/* A weed stand left alone on a fallow Morogoro field matures, dies back and ends: from then on
 * it neither intercepts light nor transpires, the field's water and N balances close every day,
 * and the next year's flush grows from its own emergence. Before, the dead stand stayed for the
 * rest of the run, and a later flush joined it, mature at once, and never grew. */
Test(weeds_in_field, a_weed_stand_past_its_life_span_dies_and_a_later_flush_grows_anew) {
    static agro_season_spec s;
    cr_assert_eq(helper_morogoro_spec(ctx, &s, 2002), AGRO_OK);
    agro_weather *w;
    cr_assert_eq(helper_morogoro_generated(ctx, "MOROGORO", 2002, 2, 2002, &w), AGRO_OK);
    agro_field *f;
    cr_assert_eq(agro_field_create(ctx, &s.soil, &s.options, &f), AGRO_OK);
    int32_t idx;
    cr_assert_eq(agro_weather_find(w, 2002, 60, &idx), AGRO_OK);
    const agro_weather_day *days = agro_weather_days(w);
    /* the fertiliser and the weeds of the reference season (no maize) on day 15, 15 March; a
       second flush a year later */
    const int32_t first = 15, second = first + 365, n_days = 600;
    double tops_max = 0.0, tops_last = 0.0, transp_after = 0.0, transp_alive = 0.0, lai_second = 0.0;
    int32_t last_alive = -1;
    for (int32_t i = 0; i < n_days; i++) {
        const agro_weather_day *d = &days[idx + i];
        if (i == first) cr_assert_eq(agro_field_apply(ctx, f, &s.events[1]), AGRO_OK);
        if (i == first || i == second) {
            agro_event e = s.events[2];
            e.year = d->year;
            e.doy = d->doy;
            e.density_pl_m2 = 100.0;
            cr_assert_eq(agro_field_apply(ctx, f, &e), AGRO_OK);
        }
        cr_assert_eq(agro_field_step(ctx, f, d), AGRO_OK);
        agro_field_daily o;
        agro_season_summary sm;
        cr_assert_eq(agro_field_get_daily(f, &o), AGRO_OK);
        cr_assert_eq(agro_field_get_summary(f, &sm), AGRO_OK);
        cr_assert(sm.water_balance_error_mm < 1e-6 && sm.n_balance_error_kg_ha < 1e-6,
                  "day %d: water %g mm, N %g kg/ha", (int)i, sm.water_balance_error_mm, sm.n_balance_error_kg_ha);
        if (i >= second) {
            if (o.lai_weeds > lai_second) lai_second = o.lai_weeds;
        } else if (o.weeds_density_m2 > 0.0) {
            last_alive = i;
            tops_last = o.weeds_biomass_kg_ha;
            transp_alive += o.transp_weeds_mm;
            if (o.weeds_biomass_kg_ha > tops_max) tops_max = o.weeds_biomass_kg_ha;
        } else if (last_alive >= 0) {
            cr_assert(o.lai_weeds == 0.0 && o.weeds_n_kg_ha == 0.0, "day %d: LAI %g, N %g kg/ha of an ended stand",
                      (int)i, o.lai_weeds, o.weeds_n_kg_ha);
            /* (the day it ended its leaves still caught light and transpired: from the next on) */
            if (i > last_alive + 1) {
                transp_after += o.transp_weeds_mm;
                cr_assert_eq(o.fi_weeds, 0.0, "day %d: an ended stand caught light", (int)i);
            }
        }
    }
    agro_field_free(f);
    agro_weather_free(w);
    cr_log_info("weeds up to %.0f kg/ha, %.0f kg/ha on their last day %d; %.0f mm transpired alive; "
                "next year's flush up to LAI %.2f", tops_max, tops_last, (int)last_alive, transp_alive, lai_second);
    cr_assert_gt(tops_max, 1000.0, "the weeds did not grow (%g kg/ha)", tops_max);
    cr_assert(last_alive >= 0 && last_alive < second - 1, "the weed stand was still alive a year later");
    /* the dead leaves left: only the stems and the last green leaves stand at the end */
    cr_expect_lt(tops_last, 0.6 * tops_max, "tops %g of %g kg/ha on the last day", tops_last, tops_max);
    cr_expect_eq(transp_after, 0.0, "%g mm transpired after the stand ended", transp_after);
    cr_expect_gt(lai_second, 1.0, "next year's flush reached LAI %g only", lai_second);
}
