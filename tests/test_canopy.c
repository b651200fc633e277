/* Canopy: the light and supply sharing between the canopies of one field do not depend on the
 * order in which the canopies are listed. A permutation of the canopies permutes the outputs
 * bit for bit, for every public canopy function and the field's second round of the water
 * sharing; the sums are those the docs claim; bad input is named. (The behaviour of each form
 * is tested in tests/test_weeds.c, suite canopy.) */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "agrosim/agrosim.h"
#include "helpers/permutations.h"
#include "helpers/refusal.h"
#include "internal/canopy_share.h"

static agro_ctx *ctx;
static void setup(void) { cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK); }
static void teardown(void) { agro_ctx_free(ctx); }

#define NMAX AGRO_CANOPY_MAX
#define TRIALS 1500

static uint64_t rng_state;
static uint64_t next_u64(void) { return helper_splitmix64(&rng_state); }
static double uniform(void) { return (double)(next_u64() >> 11) * 0x1.0p-53; }
static size_t pick(size_t n) { return (size_t)(next_u64() % n); }

/* Values with ties: a quarter from a short list, so that canopies often share a value */
static double draw_k(void)
{
    static const double tie[3] = {0.0, 0.5, 0.65};
    return pick(3) == 0 ? tie[pick(3)] : 1.5 * uniform();
}
static double draw_lai(void)
{
    static const double tie[3] = {0.0, 1.0, 2.5};
    return pick(3) == 0 ? tie[pick(3)] : 6.0 * uniform();
}
/* heights: 0 and under the 1 mm floor, equal, closer than the 1e-9 m merge tolerance (and
   chains of such), or anything up to 3 m */
static double draw_height(void)
{
    static const double base[2] = {1.0, 2.0};
    switch (pick(4)) {
    case 0: return pick(2) ? 0.0 : 5e-4;
    case 1: return base[pick(2)] + (double)pick(4) * 4e-10;
    case 2: return base[pick(2)] - (double)pick(3) * 7e-10;
    default: return 3.0 * uniform();
    }
}
static double draw_amount(void)
{
    static const double tie[3] = {0.0, 1.0, 2.0};
    return pick(3) == 0 ? tie[pick(3)] : 4.0 * uniform();
}

TestSuite(canopy_order, .init = setup, .fini = teardown);

/* Three canopies 0.8e-9 m apart in height: the rule "a top within 1e-9 m of a boundary is that
 * boundary" took the first listed as the boundary, so that listed 1, 1 - 1.6e-9, 1 - 0.8e-9 they
 * made two layers and listed 1 - 0.8e-9 first one. Merged by their sorted heights (each within
 * 1e-9 m of the next), the three are one height in any order: the mixed canopy, exactly. */
Test(canopy_order, a_chain_of_near_equal_heights_is_one_height_in_any_order)
{
    const double k[3] = {0.6, 0.5, 0.7}, lai[3] = {3.0, 2.0, 1.0};
    const double h[3] = {1.0, 1.0 - 1.6e-9, 1.0 - 0.8e-9};
    double mixed[3], base[3];
    cr_assert_eq(agro_canopy_mixed_interception(ctx, k, lai, 3, mixed), AGRO_OK);
    cr_assert_eq(agro_canopy_layered_interception(ctx, k, lai, h, 3, base), AGRO_OK);
    for (size_t i = 0; i < 3; i++)
        cr_expect_eq(base[i], mixed[i], "canopy %zu: %.17g, mixed %.17g", i, base[i], mixed[i]);
    size_t perm[24][NMAX];
    const size_t np = helper_permutations(3, perm);
    for (size_t p = 0; p < np; p++) {
        double kp[3], lp[3], hp[3], out[3];
        helper_permute(k, perm[p], 3, kp);
        helper_permute(lai, perm[p], 3, lp);
        helper_permute(h, perm[p], 3, hp);
        cr_assert_eq(agro_canopy_layered_interception(ctx, kp, lp, hp, 3, out), AGRO_OK);
        const int bad = helper_first_mismatch(base, out, perm[p], 3);
        cr_expect(bad < 0, "order %zu %zu %zu: canopy %zu got %.17g, listed first %.17g", perm[p][0],
                  perm[p][1], perm[p][2], bad < 0 ? 0 : perm[p][bad], bad < 0 ? 0.0 : out[bad],
                  bad < 0 ? 0.0 : base[perm[p][bad]]);
    }
}

/* Random canopies (ties, zero LAI, heights under 1 mm and within the merge tolerance, one
 * canopy up to AGRO_CANOPY_MAX): every order gives each canopy the same bits. The sums of k·L
 * were taken in the listed order, so that three or more canopies got shares that differed in
 * the last bits with their order (two cannot: a + b is b + a). */
Test(canopy_order, every_permutation_permutes_the_interception_bit_for_bit)
{
    rng_state = 20261202u;
    size_t perm[24][NMAX];
    size_t bad_mixed = 0, bad_layered = 0, cases = 0;
    char first[256] = "";
    for (size_t n = 1; n <= NMAX; n++) {
        const size_t np = helper_permutations(n, perm);
        for (int t = 0; t < TRIALS; t++) {
            double k[NMAX], lai[NMAX], h[NMAX], fm[NMAX], fl[NMAX];
            for (size_t i = 0; i < n; i++) {
                k[i] = draw_k();
                lai[i] = draw_lai();
                h[i] = draw_height();
            }
            cr_assert_eq(agro_canopy_mixed_interception(ctx, k, lai, n, fm), AGRO_OK);
            cr_assert_eq(agro_canopy_layered_interception(ctx, k, lai, h, n, fl), AGRO_OK);
            for (size_t p = 1; p < np; p++) {
                double kp[NMAX], lp[NMAX], hp[NMAX], om[NMAX], ol[NMAX];
                helper_permute(k, perm[p], n, kp);
                helper_permute(lai, perm[p], n, lp);
                helper_permute(h, perm[p], n, hp);
                cr_assert_eq(agro_canopy_mixed_interception(ctx, kp, lp, n, om), AGRO_OK);
                cr_assert_eq(agro_canopy_layered_interception(ctx, kp, lp, hp, n, ol), AGRO_OK);
                const int bm = helper_first_mismatch(fm, om, perm[p], n);
                const int bl = helper_first_mismatch(fl, ol, perm[p], n);
                cases++;
                if (bm >= 0 && !bad_mixed++ && !first[0])
                    snprintf(first, sizeof first, "mixed, %zu canopies: canopy %zu %.17g, listed in order %.17g",
                             n, perm[p][bm], om[bm], fm[perm[p][bm]]);
                if (bl >= 0 && !bad_layered++ && !first[0])
                    snprintf(first, sizeof first, "layered, %zu canopies: canopy %zu %.17g, listed in order %.17g",
                             n, perm[p][bl], ol[bl], fl[perm[p][bl]]);
            }
        }
    }
    cr_expect(bad_mixed == 0 && bad_layered == 0, "of %zu orders, mixed %zu and layered %zu differ; first: %s",
              cases, bad_mixed, bad_layered, first);
}

/* What the header and docs/model.md §1 claim of the sums: each fraction in 0..1; the mixed form
 * intercepts F = 1 − exp(−Σ k·L) in all, and so does the layered form (its layers multiply the
 * transmissions: the same total, shared otherwise); equal heights give the mixed form, bit for
 * bit (the layered share was rint·(k·L)/Σ where the mixed is F·k·L/Σ, a rounding apart). */
Test(canopy_order, interception_sums_to_beers_law_and_equal_heights_are_the_mixed_form)
{
    rng_state = 7u;
    size_t bad_total = 0, bad_equal = 0, cases = 0;
    char first[256] = "";
    for (size_t n = 1; n <= NMAX; n++)
        for (int t = 0; t < TRIALS; t++) {
            double k[NMAX], lai[NMAX], h[NMAX], heq[NMAX], fm[NMAX], fl[NMAX], fe[NMAX];
            const double hh = draw_height();
            double kl = 0.0;
            for (size_t i = 0; i < n; i++) {
                k[i] = draw_k();
                lai[i] = draw_lai();
                h[i] = draw_height();
                heq[i] = hh;
                kl += k[i] * lai[i];
            }
            cr_assert_eq(agro_canopy_mixed_interception(ctx, k, lai, n, fm), AGRO_OK);
            cr_assert_eq(agro_canopy_layered_interception(ctx, k, lai, h, n, fl), AGRO_OK);
            cr_assert_eq(agro_canopy_layered_interception(ctx, k, lai, heq, n, fe), AGRO_OK);
            const double beer = 1.0 - exp(-kl);
            double sm = 0.0, sl = 0.0;
            for (size_t i = 0; i < n; i++) {
                cr_expect(fm[i] >= 0.0 && fm[i] <= 1.0 && fl[i] >= 0.0 && fl[i] <= 1.0,
                          "canopy %zu: mixed %.17g, layered %.17g", i, fm[i], fl[i]);
                if (lai[i] == 0.0 || k[i] == 0.0) cr_expect(fm[i] == 0.0 && fl[i] == 0.0 && fe[i] == 0.0);
                sm += fm[i];
                sl += fl[i];
                if (memcmp(&fe[i], &fm[i], sizeof(double)) != 0 && !bad_equal++)
                    snprintf(first, sizeof first, "equal heights %g, %zu canopies: canopy %zu %.17g, mixed %.17g",
                             hh, n, i, fe[i], fm[i]);
            }
            cases++;
            if ((fabs(sm - beer) > 1e-12 || fabs(sl - beer) > 1e-12) && !bad_total++)
                snprintf(first, sizeof first, "%zu canopies: mixed %.17g, layered %.17g, 1 - exp(-sum kL) %.17g",
                         n, sm, sl, beer);
        }
    cr_expect(bad_total == 0 && bad_equal == 0, "of %zu cases, %zu totals off Beer's law, %zu equal-height "
              "cases off the mixed form; first: %s", cases, bad_total, bad_equal, first);
}

/* The largest of the sums of @p f in every order of adding them (n <= NMAX) */
static double largest_sum_in_any_order(const double *f, size_t n)
{
    size_t perm[24][NMAX];
    const size_t np = helper_permutations(n, perm);
    double most = 0.0;
    for (size_t p = 0; p < np; p++) {
        double t = 0.0;
        for (size_t i = 0; i < n; i++) t += f[perm[p][i]];
        if (t > most) most = t;
    }
    return most;
}

/* Fractions of the incoming light never add up to more than 1, in any order of adding them, and
 * each is in 0..1, for small and large k·L alike: where Σ k·L passes about 37, exp(−Σ k·L)
 * leaves 1 − exp(−Σ k·L) at 1, and the rounded shares summed to up to 1 + 2^-52 (three canopies
 * of k·L 30, 32 and 0.3, added as listed: 1.0000000000000002). */
Test(canopy_order, fractions_never_sum_above_one_where_beers_law_saturates)
{
    rng_state = 3700u;
    size_t bad = 0, cases = 0, saturated = 0;
    char first[256] = "";
    for (size_t n = 1; n <= NMAX; n++)
        for (int t = 0; t < 4 * TRIALS; t++) {
            double k[NMAX], lai[NMAX], h[NMAX], fm[NMAX], fl[NMAX], kl = 0.0;
            for (size_t i = 0; i < n; i++) {
                k[i] = draw_k();
                /* Σ k·L from 0 to about 360 (a third of the canopies up to LAI 60), and now and
                   then far beyond */
                const size_t kind = pick(8);
                lai[i] = kind < 5 ? draw_lai() : kind < 7 ? 60.0 * uniform() : ldexp(uniform(), (int)pick(200));
                h[i] = draw_height();
                kl += k[i] * lai[i];
            }
            cr_assert_eq(agro_canopy_mixed_interception(ctx, k, lai, n, fm), AGRO_OK);
            cr_assert_eq(agro_canopy_layered_interception(ctx, k, lai, h, n, fl), AGRO_OK);
            cases++;
            saturated += 1.0 - exp(-kl) == 1.0;
            const double sm = largest_sum_in_any_order(fm, n), sl = largest_sum_in_any_order(fl, n);
            int ok = sm <= 1.0 && sl <= 1.0;
            for (size_t i = 0; i < n; i++) ok &= fm[i] >= 0.0 && fm[i] <= 1.0 && fl[i] >= 0.0 && fl[i] <= 1.0;
            if (!ok && !bad++)
                snprintf(first, sizeof first, "%zu canopies, sum kL %.17g: mixed sum %.17g, layered sum %.17g", n,
                         kl, sm, sl);
        }
    cr_expect(saturated > cases / 4, "only %zu of %zu cases with 1 - exp(-sum kL) = 1", saturated, cases);
    cr_expect(bad == 0, "of %zu cases (%zu saturated) %zu above 1; first: %s", cases, saturated, bad, first);
    /* the case of the comment, to the bit */
    const double k[3] = {1.0, 1.0, 1.0}, lai[3] = {30.0, 32.0, 0.3};
    double f[3];
    cr_assert_eq(agro_canopy_mixed_interception(ctx, k, lai, 3, f), AGRO_OK);
    cr_expect(largest_sum_in_any_order(f, 3) <= 1.0, "%a + %a + %a", f[0], f[1], f[2]);
}

/* The supply sharing: every order gives each canopy the same bits, no canopy more than its
 * demand or capacity, all of a short supply given and no more (to rounding), each want met
 * when the supply covers them all. */
Test(canopy_order, every_permutation_permutes_the_supply_shares_bit_for_bit)
{
    rng_state = 44u;
    size_t perm[24][NMAX];
    size_t bad_order = 0, bad_sum = 0, cases = 0;
    char first[256] = "";
    for (size_t n = 1; n <= NMAX; n++) {
        const size_t np = helper_permutations(n, perm);
        for (int t = 0; t < TRIALS; t++) {
            double dem[NMAX], cap[NMAX], take[NMAX], want = 0.0;
            for (size_t i = 0; i < n; i++) {
                dem[i] = draw_amount();
                cap[i] = draw_amount();
                want += fmin(dem[i], cap[i]);
            }
            /* short, just short, exactly enough, or ample */
            const double supply = pick(4) == 0 ? want : want * (pick(2) ? uniform() : 1.0 + uniform());
            cr_assert_eq(agro_canopy_share_supply(ctx, dem, cap, supply, n, take), AGRO_OK);
            double got = 0.0;
            for (size_t i = 0; i < n; i++) {
                cr_expect(take[i] >= 0.0 && take[i] <= fmin(dem[i], cap[i]),
                          "canopy %zu: %.17g of demand %.17g, capacity %.17g", i, take[i], dem[i], cap[i]);
                if (supply >= want) /* (Σ want to rounding: the function sums in its own order) */
                    cr_expect(fabs(take[i] - fmin(dem[i], cap[i])) <= 1e-12 * want, "canopy %zu: %.17g of %.17g",
                              i, take[i], fmin(dem[i], cap[i]));
                got += take[i];
            }
            cases++;
            if ((got > supply * (1.0 + 1e-12) || (supply < want && got < supply * (1.0 - 1e-12))) && !bad_sum++)
                snprintf(first, sizeof first, "%zu canopies: %.17g given of %.17g (wanted %.17g)", n, got,
                         supply, want);
            for (size_t p = 1; p < np; p++) {
                double dp[NMAX], cp[NMAX], out[NMAX];
                helper_permute(dem, perm[p], n, dp);
                helper_permute(cap, perm[p], n, cp);
                cr_assert_eq(agro_canopy_share_supply(ctx, dp, cp, supply, n, out), AGRO_OK);
                const int b = helper_first_mismatch(take, out, perm[p], n);
                if (b >= 0 && !bad_order++ && !first[0])
                    snprintf(first, sizeof first, "%zu canopies, supply %.17g: canopy %zu %.17g, listed in "
                             "order %.17g", n, supply, perm[p][b], out[b], take[perm[p][b]]);
            }
        }
    }
    cr_expect(bad_order == 0 && bad_sum == 0, "of %zu cases, %zu orders differ, %zu sums off; first: %s", cases,
              bad_order, bad_sum, first);
}

/* No leaf area, or no extinction, intercepts nothing; all canopies at one height are one layer */
Test(canopy_order, no_leaf_area_intercepts_nothing_in_either_form)
{
    const double k[NMAX] = {0.6, 0.0, 0.7, 0.65}, lai0[NMAX] = {0.0, 0.0, 0.0, 0.0};
    const double h[NMAX] = {2.0, 0.0, 1.0, 1.0};
    double f[NMAX];
    cr_assert_eq(agro_canopy_mixed_interception(ctx, k, lai0, NMAX, f), AGRO_OK);
    for (size_t i = 0; i < NMAX; i++) cr_expect_eq(f[i], 0.0);
    cr_assert_eq(agro_canopy_layered_interception(ctx, k, lai0, h, NMAX, f), AGRO_OK);
    for (size_t i = 0; i < NMAX; i++) cr_expect_eq(f[i], 0.0);
    /* the k = 0 canopy takes no light but shades no layer away from the others either */
    const double lai[NMAX] = {1.0, 2.0, 1.5, 0.5};
    double fm[NMAX];
    cr_assert_eq(agro_canopy_layered_interception(ctx, k, lai, h, NMAX, f), AGRO_OK);
    cr_assert_eq(agro_canopy_mixed_interception(ctx, k, lai, NMAX, fm), AGRO_OK);
    cr_expect_eq(f[1], 0.0);
    cr_expect_eq(fm[1], 0.0);
    cr_expect_float_eq(f[0] + f[2] + f[3], 1.0 - exp(-(0.6 + 0.7 * 1.5 + 0.65 * 0.5)), 1e-12);
}

/* A refused call leaves the caller's output array as it was: each call below is made with
 * @p out holding a sentinel, which must be there still, bit for bit. */
#define SENTINEL (-7.25)
static void fill_sentinel(double *out)
{
    for (size_t i = 0; i < NMAX; i++) out[i] = SENTINEL;
}
static void expect_untouched(const double *out, const char *what)
{
    const double sentinel = SENTINEL;
    for (size_t i = 0; i < NMAX; i++)
        cr_expect(memcmp(&out[i], &sentinel, sizeof sentinel) == 0, "%s refused, and out[%zu] = %g", what, i,
                  out[i]);
}
/* @p call (with @p out as its output) refused, naming @p needle, and @p out as it was */
#define EXPECT_REFUSED_OUT_KEPT(call, out, needle)                                                  \
    do {                                                                                        \
        fill_sentinel(out);                                                                     \
        helper_expect_refusal(ctx, (call), AGRO_EINVAL, needle);                                \
        expect_untouched(out, needle);                                                          \
    } while (0)

/* Every argument, at every index, refused with AGRO_EINVAL and a message that names it:
 * negative, NaN and infinite values alike. The outputs stay as they were: the layered form
 * zeroed them up to the bad element (negative LAI at index 2: outputs 0 and 1 set to 0), and so
 * did the supply sharing. */
Test(canopy_order, bad_values_are_refused_naming_the_argument_and_index)
{
    const double bad[3] = {-0.5, NAN, INFINITY};
    for (size_t n = 1; n <= NMAX; n++)
        for (size_t i = 0; i < n; i++)
            for (size_t b = 0; b < 3; b++) {
                double k[NMAX] = {0.6, 0.5, 0.7, 0.65}, lai[NMAX] = {1.0, 2.0, 0.0, 3.0};
                double h[NMAX] = {1.0, 2.0, 0.5, 1.0}, dem[NMAX] = {1.0, 2.0, 3.0, 0.0};
                double cap[NMAX] = {2.0, 1.0, 0.0, 4.0}, out[NMAX];
                char needle[64];
                const char *what[5] = {"k", "lai", "height_m", "demand", "capacity"};
                double *arg[5] = {k, lai, h, dem, cap};
                for (size_t a = 0; a < 5; a++) {
                    const double keep = arg[a][i];
                    arg[a][i] = bad[b];
                    snprintf(needle, sizeof needle, "%s[%zu]: ", what[a], i);
                    if (a < 2)
                        EXPECT_REFUSED_OUT_KEPT(agro_canopy_mixed_interception(ctx, k, lai, n, out), out, needle);
                    if (a < 3)
                        EXPECT_REFUSED_OUT_KEPT(agro_canopy_layered_interception(ctx, k, lai, h, n, out), out,
                                                needle);
                    else
                        EXPECT_REFUSED_OUT_KEPT(agro_canopy_share_supply(ctx, dem, cap, 1.0, n, out), out, needle);
                    arg[a][i] = keep;
                }
                double dem1[NMAX] = {1.0, 2.0, 3.0, 0.0}, cap1[NMAX] = {2.0, 1.0, 0.0, 4.0};
                EXPECT_REFUSED_OUT_KEPT(agro_canopy_share_supply(ctx, dem1, cap1, bad[b], n, out), out,
                                        "supply: must be finite and >= 0");
            }
}

/* Sums that overflow, found after every element passed, refused with the outputs as they were:
 * the mixed canopy's, the lower layer's under a top layer that intercepts (the layered form left
 * the top layer's share written, 0.45), and the capacities' (the supply sharing left all zeros);
 * and a bad count. */
Test(canopy_order, a_refused_sum_or_count_leaves_the_outputs_as_they_were)
{
    const double kbig[2] = {0.6, 1e200}, lbig[2] = {2.0, 1e200}, h2[2] = {2.0, 1.0};
    const double dem[2] = {1.0, 2.0}, cbig[2] = {1e308, 1e308};
    double out[NMAX];
    EXPECT_REFUSED_OUT_KEPT(agro_canopy_mixed_interception(ctx, kbig, lbig, 2, out), out, "overflows");
    EXPECT_REFUSED_OUT_KEPT(agro_canopy_layered_interception(ctx, kbig, lbig, h2, 2, out), out,
                            "in the layer 0..1 m overflows");
    EXPECT_REFUSED_OUT_KEPT(agro_canopy_share_supply(ctx, dem, cbig, 1.0, 2, out), out, "capacity: sum over");
    EXPECT_REFUSED_OUT_KEPT(agro_canopy_mixed_interception(ctx, kbig, lbig, 0, out), out, "n: ");
    EXPECT_REFUSED_OUT_KEPT(agro_canopy_layered_interception(ctx, kbig, lbig, h2, NMAX + 1, out), out, "n: ");
    EXPECT_REFUSED_OUT_KEPT(agro_canopy_share_supply(ctx, dem, cbig, 1.0, 0, out), out, "n: ");
}

/* The field's second round of the water sharing, canopy a and b swapped: the shares swap, bit
 * for bit, whatever the keep factor. With keep < 1 both canopies could hold more than keep ×
 * their demand and less than their demand; the one listed first then gave to the other, so
 * that (a, b) moved water from a to b and (b, a) from b to a. */
Test(canopy_order, the_second_round_of_the_water_sharing_is_symmetric)
{
    rng_state = 1993u;
    enum { NL = 3 };
    static const double keeps[3] = {0.5, 1.0, 1.5};
    size_t bad = 0, cases = 0;
    char first[256] = "";
    for (int t = 0; t < 3 * TRIALS; t++) {
        double ca[NL], cb[NL], ua[NL], ub[NL], va[NL], vb[NL];
        for (int l = 0; l < NL; l++) {
            ca[l] = draw_amount();
            cb[l] = draw_amount();
            ua[l] = va[l] = ca[l] * uniform();
            ub[l] = vb[l] = cb[l] * uniform();
        }
        const double da = 3.0 * draw_amount(), db = 3.0 * draw_amount(), keep = keeps[pick(3)];
        canopy_offer_surplus(ca, ua, da, cb, ub, db, keep, NL);
        canopy_offer_surplus(cb, vb, db, ca, va, da, keep, NL);
        cases++;
        for (int l = 0; l < NL; l++)
            if ((memcmp(&ua[l], &va[l], sizeof(double)) || memcmp(&ub[l], &vb[l], sizeof(double))) && !bad++)
                snprintf(first, sizeof first, "keep %g, layer %d: a %.17g and %.17g, b %.17g and %.17g", keep, l,
                         ua[l], va[l], ub[l], vb[l]);
    }
    cr_expect(bad == 0, "of %zu cases %zu differ; first: %s", cases, bad, first);
    /* both short of their demand and above half of it: nothing moves */
    double ca[1] = {5.0}, cb[1] = {5.0}, ua[1] = {2.0}, ub[1] = {3.0};
    canopy_offer_surplus(ca, ua, 3.0, cb, ub, 4.0, 0.5, 1);
    cr_expect(ua[0] == 2.0 && ub[0] == 3.0, "a %g, b %g", ua[0], ub[0]);
}

/* A NULL array, and a count of 0 or above AGRO_CANOPY_MAX, are refused naming the argument */
Test(canopy_order, null_arrays_and_bad_counts_are_refused_naming_the_argument)
{
    const double k[2] = {0.6, 0.5}, lai[2] = {1.0, 2.0}, h[2] = {1.0, 2.0};
    const double dem[2] = {1.0, 2.0}, cap[2] = {2.0, 1.0};
    double out[NMAX + 1];
    helper_expect_refusal(ctx, agro_canopy_mixed_interception(ctx, NULL, lai, 2, out), AGRO_EINVAL, "k: NULL");
    helper_expect_refusal(ctx, agro_canopy_mixed_interception(ctx, k, NULL, 2, out), AGRO_EINVAL, "lai: NULL");
    helper_expect_refusal(ctx, agro_canopy_mixed_interception(ctx, k, lai, 2, NULL), AGRO_EINVAL,
                          "frac_out: NULL");
    helper_expect_refusal(ctx, agro_canopy_layered_interception(ctx, NULL, lai, h, 2, out), AGRO_EINVAL,
                          "k: NULL");
    helper_expect_refusal(ctx, agro_canopy_layered_interception(ctx, k, NULL, h, 2, out), AGRO_EINVAL,
                          "lai: NULL");
    helper_expect_refusal(ctx, agro_canopy_layered_interception(ctx, k, lai, NULL, 2, out), AGRO_EINVAL,
                          "height_m: NULL");
    helper_expect_refusal(ctx, agro_canopy_layered_interception(ctx, k, lai, h, 2, NULL), AGRO_EINVAL,
                          "frac_out: NULL");
    helper_expect_refusal(ctx, agro_canopy_share_supply(ctx, NULL, cap, 1.0, 2, out), AGRO_EINVAL, "demand: NULL");
    helper_expect_refusal(ctx, agro_canopy_share_supply(ctx, dem, NULL, 1.0, 2, out), AGRO_EINVAL,
                          "capacity: NULL");
    helper_expect_refusal(ctx, agro_canopy_share_supply(ctx, dem, cap, 1.0, 2, NULL), AGRO_EINVAL,
                          "take_out: NULL");
    const size_t bad_n[2] = {0, NMAX + 1};
    for (size_t b = 0; b < 2; b++) {
        char needle[64];
        snprintf(needle, sizeof needle, "n: number of canopies must be 1..%d (%zu)", NMAX, bad_n[b]);
        helper_expect_refusal(ctx, agro_canopy_mixed_interception(ctx, k, lai, bad_n[b], out), AGRO_EINVAL, needle);
        helper_expect_refusal(ctx, agro_canopy_layered_interception(ctx, k, lai, h, bad_n[b], out), AGRO_EINVAL,
                              needle);
        helper_expect_refusal(ctx, agro_canopy_share_supply(ctx, dem, cap, 1.0, bad_n[b], out), AGRO_EINVAL,
                              needle);
    }
}
