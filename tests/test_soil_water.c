/* Tests of the layered soil water balance, root water uptake, stress factors and PET. */
#include <criterion/criterion.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "agrosim/soil.h"
#include "agrosim/soil_water.h"
#include "agrosim/weather.h"
#include "helpers/soil.h"
#include "helpers/refusal.h"
#include "soil/water_internal.h"

static agro_soil_water_drivers no_drivers(void)
{
    agro_soil_water_drivers d;
    memset(&d, 0, sizeof d);
    return d;
}

/* Water parameters of the 10-layer test loam (helpers/soil.h). */
static agro_soil_water_params loam_params(void)
{
    agro_soil_profile pr = helper_loam_10_layers();
    agro_soil_water_params p;
    cr_assert_eq(agro_soil_water_params_from_profile(NULL, &pr, &p), 0);
    return p;
}

/* Water parameters of the test loam with a thick (20 cm) top layer, so that soil evaporation is
 * not limited by its water. */
static agro_soil_water_params thick_top_loam_params(void)
{
    agro_soil_profile pr = helper_loam_10_layers();
    pr.depth_cm[0] = 20.0;
    pr.depth_cm[1] = 30.0;
    pr.depth_cm[2] = 40.0;
    agro_soil_water_params p;
    cr_assert_eq(agro_soil_water_params_from_profile(NULL, &pr, &p), 0);
    return p;
}

static double layer_top_cm(const agro_soil_water_params *p, int i)
{
    return i == 0 ? 0.0 : p->depth_cm[i - 1];
}

Test(soil_water_params, derives_thickness_and_rejects_bad_layers)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    agro_soil_profile pr = helper_loam_10_layers();
    agro_soil_water_params p;
    cr_assert_eq(agro_soil_water_params_from_profile(ctx, &pr, &p), 0);
    cr_assert_float_eq(p.thickness_mm[0], 50.0, 1e-12);
    cr_assert_float_eq(p.thickness_mm[9], 300.0, 1e-12);
    cr_assert_float_eq(p.ksat_mm_d[0], 1.5 * 240.0, 1e-12);

    char msg[AGRO_MESSAGE_MAX];
    agro_soil_profile bad = helper_loam_10_layers();
    bad.dul[2] = bad.ll[2];
    cr_assert_eq(agro_soil_water_params_from_profile(ctx, &bad, &p), AGRO_ERANGE);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert(strstr(msg, "layer 3 SDUL") != NULL, "message: %s", msg);

    bad = helper_loam_10_layers();
    bad.sat[4] = NAN;
    cr_assert_eq(agro_soil_water_params_from_profile(ctx, &bad, &p), AGRO_ENUMERIC);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert(strstr(msg, "layer 5 SSAT") != NULL, "message: %s", msg);

    bad = helper_loam_10_layers();
    bad.depth_cm[3] = bad.depth_cm[2];
    cr_assert_eq(agro_soil_water_params_from_profile(ctx, &bad, &p), AGRO_EORDER);

    bad = helper_loam_10_layers();
    bad.runoff_curve_number = 120.0;
    cr_assert_eq(agro_soil_water_params_from_profile(ctx, &bad, &p), AGRO_ERANGE);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert(strstr(msg, "SLRO") != NULL, "message: %s", msg);

    bad = helper_loam_10_layers();
    bad.drainage_rate_d = -0.1;
    cr_assert_eq(agro_soil_water_params_from_profile(ctx, &bad, &p), AGRO_ERANGE);

    /* SLU1: the profile's documented 0..50 mm, as agro_soil_validate (this module took 100) */
    bad = helper_loam_10_layers();
    bad.evap_limit_mm = 60.0;
    cr_assert_eq(agro_soil_water_params_from_profile(ctx, &bad, &p), AGRO_ERANGE);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert(strstr(msg, "SLU1") && strstr(msg, "[0, 50] mm"), "message: %s", msg);
    cr_assert_eq(agro_soil_validate(ctx, &bad, "loam"), AGRO_ERANGE);
    bad.evap_limit_mm = 50.0;
    cr_assert_eq(agro_soil_water_params_from_profile(ctx, &bad, &p), AGRO_OK);

    agro_soil_water_state s;
    double sw[10];
    for (int i = 0; i < 10; i++) sw[i] = 0.2;
    cr_assert_eq(agro_soil_water_params_from_profile(ctx, &pr, &p), 0);
    sw[6] = 0.45; /* above SAT */
    cr_assert_eq(agro_soil_water_state_init(ctx, &p, sw, &s), AGRO_ERANGE);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert(strstr(msg, "layer 7 SW") != NULL, "message: %s", msg);
    agro_ctx_free(ctx);
}

/* A layer thinner than AGRO_SOIL_MIN_LAYER_CM is refused by agro_soil_water_params_from_profile
 * naming its SLB, the member a profile's caller sets, and the params stay as they were: a layer 1
 * of 1e-300 cm made params whose Suleiman–Ritchie coefficient at its mid-depth was infinite,
 * refused by agro_soil_water_state_init as "layer 1 esr_coef_dry: must be finite and >= 0 (inf)",
 * and thinner layers below it were taken. A layer of the minimum passes, its depths rounded. */
Test(soil_water_params, a_layer_thinner_than_the_minimum_is_named_by_its_slb)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    static const int32_t layer[] = {0, 1, 5, 9};
    static const double thin[] = {1e-300, 1e-12, 1e-6, 0.0009};
    for (size_t k = 0; k < sizeof layer / sizeof layer[0]; k++) {
        for (size_t t = 0; t < sizeof thin / sizeof thin[0]; t++) {
            agro_soil_profile pr = helper_loam_10_layers();
            const int32_t l = layer[k];
            const double top = l ? pr.depth_cm[l - 1] : 0.0;
            pr.depth_cm[l] = top + thin[t];
            if (pr.depth_cm[l] == top)
                continue; /* 1e-300 below 5 cm is 5 cm: out of order, named as such */
            agro_soil_water_params p, p0;
            memset(&p, 0x5a, sizeof p);
            p0 = p;
            char want[128];
            snprintf(want, sizeof want, "layer %d SLB: the layer from %.15g to %.15g cm is ", (int)l + 1,
                     top, pr.depth_cm[l]);
            helper_expect_refusal(ctx, agro_soil_water_params_from_profile(ctx, &pr, &p), AGRO_ERANGE,
                                  want);
            cr_expect(memcmp(&p, &p0, sizeof p) == 0, "layer %d, %g cm: params written", (int)l + 1,
                      thin[t]);
        }
    }
    /* 0.001 cm below 45 cm: 45.001 - 45 is 0.00099999999999767 in doubles */
    agro_soil_profile pr = helper_loam_10_layers();
    pr.depth_cm[4] = 45.001;
    agro_soil_water_params p;
    agro_soil_water_state s;
    cr_expect_eq(agro_soil_water_params_from_profile(ctx, &pr, &p), AGRO_OK);
    cr_expect_eq(agro_soil_water_state_init(ctx, &p, NULL, &s), AGRO_OK);
    pr.depth_cm[0] = 0.001;
    cr_expect_eq(agro_soil_water_params_from_profile(ctx, &pr, &p), AGRO_OK);
    cr_expect_eq(agro_soil_water_state_init(ctx, &p, NULL, &s), AGRO_OK);
    agro_ctx_free(ctx);
}

/* Params filled by hand with a layer thinner than AGRO_SOIL_MIN_LAYER_CM, which
 * agro_soil_water_params_from_profile refuses: agro_soil_water_state_init took a thickness_mm of
 * 1e-5 mm (1e-6 cm) in layer 4, or of 1e-300 mm, with AGRO_OK, as its check asked only > 0. It
 * refuses it naming the member and layer, the state untouched, with the profile checks' 1e-9 cm
 * allowance (1e-8 mm), so that what the constructor gives is never refused. */
Test(soil_water_params, state_init_refuses_a_hand_filled_layer_thinner_than_the_minimum)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    const agro_soil_water_params p0 = loam_params();
    static const int32_t layer[] = {0, 3, 9};
    static const double thin_mm[] = {1e-5, 0.005, 0.0099};
    for (size_t k = 0; k < sizeof layer / sizeof layer[0]; k++) {
        for (size_t t = 0; t < sizeof thin_mm / sizeof thin_mm[0]; t++) {
            const int32_t l = layer[k];
            agro_soil_water_params p = p0;
            p.thickness_mm[l] = thin_mm[t];
            p.depth_cm[l] = layer_top_cm(&p, l) + thin_mm[t] / 10.0;
            agro_soil_water_state s, s0;
            memset(&s, 0x5a, sizeof s);
            s0 = s;
            char want[256];
            helper_min_layer_message(want, sizeof want, (int)l, "thickness_mm", 0.01, "mm",
                                     thin_mm[t]);
            helper_expect_refusal(ctx, agro_soil_water_state_init(ctx, &p, NULL, &s), AGRO_ERANGE,
                                  want);
            cr_expect(memcmp(&s, &s0, sizeof s) == 0, "layer %d, %g mm: state written", (int)l + 1,
                      thin_mm[t]);
        }
    }
    /* a thickness alone, its depths left as they were */
    agro_soil_water_params p = p0;
    p.thickness_mm[5] = 1e-300;
    agro_soil_water_state s;
    helper_expect_refusal(ctx, agro_soil_water_state_init(ctx, &p, NULL, &s), AGRO_ERANGE,
                          "layer 6 thickness_mm: must be at least 0.01 mm");
    /* the minimum, and the minimum less the allowance, are taken */
    p = p0;
    p.thickness_mm[5] = 10.0 * AGRO_SOIL_MIN_LAYER_CM;
    p.depth_cm[5] = p.depth_cm[4] + AGRO_SOIL_MIN_LAYER_CM;
    cr_expect_eq(agro_soil_water_state_init(ctx, &p, NULL, &s), AGRO_OK);
    p.thickness_mm[5] = 10.0 * (AGRO_SOIL_MIN_LAYER_CM - 1e-9);
    cr_expect_eq(agro_soil_water_state_init(ctx, &p, NULL, &s), AGRO_OK);
    agro_ctx_free(ctx);
}

/* The same hand-filled layer after the state was made: agro_soil_water_step, compute and
 * integrate took a thickness_mm of 1e-5 mm (1e-6 cm) in layer 4, or of 1e-300 mm, with AGRO_OK,
 * as their every-call check of the params asked only > 0 (the thirty-seventh session refused it
 * at state_init alone). Each refuses it as state_init does, naming the member and layer, the
 * state untouched; the minimum, and the minimum less the allowance, are taken. */
Test(soil_water_params, the_steps_refuse_a_hand_filled_layer_thinner_than_the_minimum)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    const agro_soil_water_params p0 = loam_params();
    agro_soil_water_state s0;
    cr_assert_eq(agro_soil_water_state_init(ctx, &p0, NULL, &s0), AGRO_OK);
    agro_soil_water_drivers d = no_drivers();
    d.rain_mm = 10.0;
    d.eos_mm = 3.0;
    static const int32_t layer[] = {0, 3, 9};
    static const double thin_mm[] = {1e-300, 1e-5, 0.005, 0.0099};
    for (size_t k = 0; k < sizeof layer / sizeof layer[0]; k++) {
        for (size_t t = 0; t < sizeof thin_mm / sizeof thin_mm[0]; t++) {
            const int32_t l = layer[k];
            agro_soil_water_params p = p0;
            p.thickness_mm[l] = thin_mm[t];
            char want[256];
            helper_min_layer_message(want, sizeof want, (int)l, "thickness_mm", 0.01, "mm",
                                     thin_mm[t]);
            agro_soil_water_state s = s0;
            agro_soil_water_rates r;
            memset(&r, 0, sizeof r);
            helper_expect_refusal(ctx, agro_soil_water_step(ctx, &p, &s, &d, &r), AGRO_ERANGE,
                                  want);
            helper_expect_refusal(ctx, agro_soil_water_compute(ctx, &p, &s, &d, &r), AGRO_ERANGE,
                                  want);
            memset(&r, 0, sizeof r);
            helper_expect_refusal(ctx, agro_soil_water_integrate(ctx, &p, &s, &r), AGRO_ERANGE,
                                  want);
            cr_expect(memcmp(&s, &s0, sizeof s) == 0, "layer %d, %g mm: state written", (int)l + 1,
                      thin_mm[t]);
        }
    }
    static const double taken_mm[] = {10.0 * AGRO_SOIL_MIN_LAYER_CM,
                                      10.0 * (AGRO_SOIL_MIN_LAYER_CM - 1e-9)};
    for (size_t t = 0; t < 2; t++) {
        agro_soil_water_params p = p0;
        p.thickness_mm[5] = taken_mm[t];
        p.depth_cm[5] = p.depth_cm[4] + taken_mm[t] / 10.0;
        agro_soil_water_state s;
        cr_assert_eq(agro_soil_water_state_init(ctx, &p, NULL, &s), AGRO_OK);
        agro_soil_water_rates r;
        cr_expect_eq(agro_soil_water_step(ctx, &p, &s, &d, &r), AGRO_OK, "%g mm", taken_mm[t]);
    }
    agro_ctx_free(ctx);
}

/* A profile refused in a deep layer (or by its last layer's SSKS) leaves the caller's params as
 * they were: the function used to zero them and fill the layers above the bad one first. */
Test(soil_water_params, a_refused_profile_leaves_the_callers_params_unchanged)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    agro_soil_profile other = helper_loam_10_layers();
    other.runoff_curve_number = 60.0;
    agro_soil_water_params p;
    cr_assert_eq(agro_soil_water_params_from_profile(ctx, &other, &p), AGRO_OK);
    const agro_soil_water_params keep = p;
    agro_soil_profile bad = helper_loam_10_layers();
    bad.sat[8] = bad.dul[8]; /* layer 9 */
    cr_expect_eq(agro_soil_water_params_from_profile(ctx, &bad, &p), AGRO_ERANGE);
    cr_expect(memcmp(&keep, &p, sizeof p) == 0, "params changed by a profile refused for SSAT");
    bad = helper_loam_10_layers();
    bad.ksat_cm_h[9] = INFINITY;
    cr_expect_eq(agro_soil_water_params_from_profile(ctx, &bad, &p), AGRO_ENUMERIC);
    cr_expect(memcmp(&keep, &p, sizeof p) == 0, "params changed by a profile refused for SSKS");
    bad.ksat_cm_h[9] = 1.5;
    cr_expect_eq(agro_soil_water_params_from_profile(ctx, &bad, &p), AGRO_OK);
    cr_expect_float_eq(p.curve_number, 76.0, 1e-12);
    agro_ctx_free(ctx);
}

Test(soil_water_step, bad_drivers_fail_with_named_field_and_leave_state_untouched)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    agro_soil_water_params p = loam_params();
    agro_soil_water_state s, s0;
    agro_soil_water_rates r;
    cr_assert_eq(agro_soil_water_state_init(ctx, &p, NULL, &s), 0);
    s0 = s;
    char msg[AGRO_MESSAGE_MAX];

    agro_soil_water_drivers d = no_drivers();
    d.rain_mm = NAN;
    cr_assert_eq(agro_soil_water_step(ctx, &p, &s, &d, &r), AGRO_ENUMERIC);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert(strstr(msg, "rain_mm") != NULL, "message: %s", msg);

    /* an evaporation method that is neither (params filled by hand) is refused, not run as
       Ritchie's (found by probing the public API) */
    d = no_drivers();
    agro_soil_water_params pm = p;
    pm.evap_method = 99;
    cr_assert_eq(agro_soil_water_step(ctx, &pm, &s, &d, &r), AGRO_ERANGE);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert(strstr(msg, "evap_method") != NULL, "message: %s", msg);

    d = no_drivers();
    d.irrigation_mm = -3.0;
    cr_assert_eq(agro_soil_water_step(ctx, &p, &s, &d, &r), AGRO_ERANGE);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert(strstr(msg, "irrigation_mm") != NULL, "message: %s", msg);

    d = no_drivers();
    d.eos_mm = INFINITY;
    cr_assert_eq(agro_soil_water_step(ctx, &p, &s, &d, &r), AGRO_ENUMERIC);

    d = no_drivers();
    d.uptake_mm[2] = NAN;
    cr_assert_eq(agro_soil_water_step(ctx, &p, &s, &d, &r), AGRO_ENUMERIC);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert(strstr(msg, "layer 3 uptake_mm") != NULL, "message: %s", msg);

    d = no_drivers();
    d.cover_fraction = 1.5;
    cr_assert_eq(agro_soil_water_step(ctx, &p, &s, &d, &r), AGRO_ERANGE);

    cr_assert_eq(memcmp(&s, &s0, sizeof s), 0, "state changed by a failed step");
    for (int i = 0; i < p.n_layers; i++) cr_assert(isfinite(s.sw[i]));
    agro_ctx_free(ctx);
}

Test(soil_water_runoff, runoff_rises_with_curve_number_and_wetness)
{
    agro_soil_profile pr = helper_loam_10_layers();
    double prev = -1.0;
    const double cns[4] = {60.0, 70.0, 80.0, 90.0};
    for (int k = 0; k < 4; k++) {
        pr.runoff_curve_number = cns[k];
        agro_soil_water_params p;
        agro_soil_water_state s;
        agro_soil_water_rates r;
        cr_assert_eq(agro_soil_water_params_from_profile(NULL, &pr, &p), 0);
        cr_assert_eq(agro_soil_water_state_init(NULL, &p, NULL, &s), 0);
        agro_soil_water_drivers d = no_drivers();
        d.rain_mm = 80.0;
        cr_assert_eq(agro_soil_water_compute(NULL, &p, &s, &d, &r), 0);
        cr_assert_gt(r.runoff_mm, prev, "CN %g: runoff %g not above %g", cns[k], r.runoff_mm, prev);
        cr_assert_float_eq(r.runoff_mm + r.infiltration_mm, 80.0, 1e-9);
        prev = r.runoff_mm;
    }
    /* a drier top soil abstracts more rain before runoff starts */
    pr.runoff_curve_number = 80.0;
    agro_soil_water_params p;
    agro_soil_water_state wet, dry;
    agro_soil_water_rates rw, rd;
    cr_assert_eq(agro_soil_water_params_from_profile(NULL, &pr, &p), 0);
    double sw[10];
    for (int i = 0; i < 10; i++) sw[i] = p.sat[i] - 0.01;
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw, &wet), 0);
    for (int i = 0; i < 10; i++) sw[i] = p.ll[i];
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw, &dry), 0);
    agro_soil_water_drivers d = no_drivers();
    d.rain_mm = 50.0;
    cr_assert_eq(agro_soil_water_compute(NULL, &p, &wet, &d, &rw), 0);
    cr_assert_eq(agro_soil_water_compute(NULL, &p, &dry, &d, &rd), 0);
    cr_assert_gt(rw.runoff_mm, rd.runoff_mm);
}

Test(soil_water_drainage, no_drainage_when_every_layer_is_at_or_below_dul)
{
    agro_soil_water_params p = loam_params();
    agro_soil_water_state s;
    agro_soil_water_rates r;
    double sw[10];
    for (int i = 0; i < 10; i++) sw[i] = p.ll[i] + (0.5 + 0.05 * i) * (p.dul[i] - p.ll[i]);
    sw[9] = p.dul[9];
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw, &s), 0);
    agro_soil_water_drivers d = no_drivers();
    d.eos_mm = 3.0;
    for (int day = 0; day < 30; day++) {
        cr_assert_eq(agro_soil_water_step(NULL, &p, &s, &d, &r), 0);
        cr_assert_eq(r.drainage_mm, 0.0, "day %d drainage %g", day, r.drainage_mm);
        for (int i = 0; i < 10; i++) cr_assert_leq(s.sw[i], p.dul[i] + 1e-12);
    }
    /* a wet profile drains, less each day (SWCON recession), until every layer is within
       0.003 of DUL, where SATFLO stops (DSSAT SATFLO.for: SW >= DUL + 0.003) */
    for (int i = 0; i < 10; i++) sw[i] = p.sat[i];
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw, &s), 0);
    d = no_drivers();
    double last = INFINITY;
    int days = 0;
    for (int day = 0; day < 60; day++) {
        cr_assert_eq(agro_soil_water_step(NULL, &p, &s, &d, &r), 0);
        cr_assert_leq(r.drainage_mm, last + 1e-12);
        last = r.drainage_mm;
        if (r.drainage_mm > 0.0) days = day + 1;
    }
    cr_expect(days >= 5 && days < 60, "drained on %d days", days);
    cr_expect_eq(last, 0.0);
    for (int i = 0; i < 10; i++) {
        cr_expect_geq(s.sw[i], p.dul[i], "layer %d", i);
        cr_expect_lt(s.sw[i], p.dul[i] + 0.003, "layer %d", i);
    }
}

Test(soil_water_drainage, ksat_limits_flow_and_excess_backs_up_to_runoff)
{
    agro_soil_profile pr = helper_loam_10_layers();
    for (int i = 3; i < 10; i++) pr.ksat_cm_h[i] = 0.01; /* 2.4 mm/d below 30 cm */
    agro_soil_water_params p;
    agro_soil_water_state s;
    agro_soil_water_rates r;
    cr_assert_eq(agro_soil_water_params_from_profile(NULL, &pr, &p), 0);
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, NULL, &s), 0);
    agro_soil_water_drivers d = no_drivers();
    d.rain_mm = 150.0;
    for (int day = 0; day < 5; day++) {
        cr_assert_eq(agro_soil_water_step(NULL, &p, &s, &d, &r), 0);
        for (int i = 0; i < 10; i++) {
            cr_assert_leq(s.sw[i], p.sat[i] + 1e-12);
            /* saturated part of the flux (net flux plus unsaturated upward flow) */
            cr_assert_leq(r.flux_mm[i] + r.upflow_mm[i],
                          (p.ksat_mm_d[i] > 0 ? p.ksat_mm_d[i] : INFINITY) + 1e-9);
        }
        cr_assert_lt(fabs(r.balance_error_mm), 1e-9);
    }
    /* after five 150 mm days over a 2.4 mm/d layer, the top layers are saturated and the
       day's rain mostly runs off */
    cr_assert_float_eq(s.sw[0], p.sat[0], 1e-9);
    cr_assert_gt(r.runoff_mm, 100.0);
}

Test(soil_water_evaporation, stage_two_follows_sqrt_time)
{
    agro_soil_water_params p = thick_top_loam_params();
    agro_soil_water_state s;
    agro_soil_water_rates r;
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, NULL, &s), 0);
    cr_assert_float_eq(s.sumes1_mm, 0.0, 1e-12);
    agro_soil_water_drivers d = no_drivers();
    d.eos_mm = 8.0;
    /* day 1: 6 mm of stage 1 then 40 % of the 2 mm overshoot cut (Ritchie 1972) */
    cr_assert_eq(agro_soil_water_step(NULL, &p, &s, &d, &r), 0);
    cr_assert_float_eq(r.evaporation_mm, 8.0 - 0.4 * 2.0, 1e-9);
    cr_assert_float_eq(s.sumes1_mm, 6.0, 1e-12);
    double prev = r.evaporation_mm;
    for (int day = 2; day <= 20; day++) {
        double t_before = s.t_stage2_d;
        cr_assert_eq(agro_soil_water_step(NULL, &p, &s, &d, &r), 0);
        /* daily stage-2 evaporation is the increment of 3.5 √t */
        double expect = 3.5 * sqrt(t_before + 1.0) - 3.5 * sqrt(t_before);
        cr_assert_float_eq(r.evaporation_mm, expect, 1e-9, "day %d: %g vs %g", day,
                           r.evaporation_mm, expect);
        cr_assert_float_eq(s.sumes2_mm, 3.5 * sqrt(s.t_stage2_d), 1e-9);
        cr_assert_lt(r.evaporation_mm, prev);
        prev = r.evaporation_mm;
    }
    /* rain refills stage 1: full potential rate again */
    d.rain_mm = 30.0;
    cr_assert_eq(agro_soil_water_step(NULL, &p, &s, &d, &r), 0);
    cr_assert_float_eq(r.evaporation_mm, 8.0 - 0.4 * (8.0 - (6.0 - 0.0)), 1e-6);
}

Test(soil_water_evaporation, film_cover_suppresses_evaporation_and_can_shed_rain)
{
    agro_soil_water_params p = thick_top_loam_params();
    agro_soil_water_state bare, film;
    agro_soil_water_rates rb, rf;
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, NULL, &bare), 0);
    film = bare;
    agro_soil_water_drivers d = no_drivers();
    d.eos_mm = 5.0;
    agro_soil_water_drivers df = d;
    df.cover_fraction = 0.8;
    df.cover_evap_suppression = 1.0;
    for (int day = 0; day < 20; day++) {
        cr_assert_eq(agro_soil_water_step(NULL, &p, &bare, &d, &rb), 0);
        cr_assert_eq(agro_soil_water_step(NULL, &p, &film, &df, &rf), 0);
        cr_assert_float_eq(rf.evaporation_mm, 0.2 * rb.evaporation_mm, 1e-9);
    }
    cr_assert_gt(agro_soil_water_total_mm(&p, &film), agro_soil_water_total_mm(&p, &bare) + 10.0);
    /* rain on a film that does not lead it into the holes runs off */
    df = no_drivers();
    df.rain_mm = 10.0;
    df.cover_fraction = 0.6;
    df.cover_runoff_fraction = 1.0;
    cr_assert_eq(agro_soil_water_compute(NULL, &p, &film, &df, &rf), 0);
    cr_assert_geq(rf.runoff_mm, 6.0 - 1e-12);
    cr_assert_float_eq(rf.runoff_mm + rf.infiltration_mm, 10.0, 1e-12);
}

Test(soil_water_upflow, dry_topsoil_draws_water_up_from_wet_subsoil)
{
    agro_soil_water_params p = loam_params();
    agro_soil_water_state s;
    agro_soil_water_rates r;
    double sw[10];
    for (int i = 0; i < 10; i++) sw[i] = i < 3 ? p.ll[i] + 0.01 : p.dul[i];
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw, &s), 0);
    agro_soil_water_drivers d = no_drivers();
    double top0 = (s.sw[0] + s.sw[1] + s.sw[2]);
    for (int day = 0; day < 10; day++) {
        cr_assert_eq(agro_soil_water_step(NULL, &p, &s, &d, &r), 0);
        cr_assert_eq(r.evaporation_mm, 0.0);
        cr_assert_eq(r.drainage_mm, 0.0);
        cr_assert_lt(fabs(r.balance_error_mm), 1e-12);
        for (int i = 0; i < 10; i++) {
            cr_assert_geq(s.sw[i], p.ll[i] - 1e-12);
            cr_assert_leq(s.sw[i], p.dul[i] + 1e-12);
        }
    }
    cr_assert_gt(s.sw[0] + s.sw[1] + s.sw[2], top0 + 0.02, "upward flow too small");
    cr_assert_lt(s.sw[3], p.dul[3]);
}

/* DSSAT WATBAL.for (0b7c8bb) INTEGR stores every content as ANINT(SW·1e6)/1e6. A layer at LL fed
 * less than 0.5e-6 cm³/cm³ a day of unsaturated flow (UP_FLOW) from a layer just above LL keeps
 * LL, day after day, so ROOTWU takes nothing from it. Kept unrounded, the trickle adds up and,
 * after two days, the layer reads 1e-6 above LL: ROOTWU then credits its roots with the full
 * uptake rate of a layer at LL + 1e-6 (0.028 mm/d here), which in a long drought (UFGA8201
 * rainfed, N off) raised the yield 1.4 % above DSSAT's. The water the rounding removes is a term
 * of the balance, which still closes. */
Test(soil_water_upflow, a_trickle_below_the_stored_precision_leaves_a_layer_at_ll)
{
    agro_soil_profile pr = helper_loam_10_layers();
    for (int i = 0; i < 10; i++) {
        pr.ll[i] = 0.10;
        pr.dul[i] = 0.25;
    }
    agro_soil_water_params p;
    cr_assert_eq(agro_soil_water_params_from_profile(NULL, &pr, &p), 0);
    double sw[10], rlv[10], cap[10];
    for (int i = 0; i < 10; i++) {
        sw[i] = p.ll[i];
        rlv[i] = 1.0;
    }
    sw[3] = p.ll[3] + 1e-4; /* feeds 30–45 cm above and 45–60 cm below with ~4e-7 a day */
    agro_soil_water_state s;
    agro_soil_water_rates r;
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw, &s), 0);
    agro_soil_water_drivers d = no_drivers();
    double rounding = 0.0;
    for (int day = 0; day < 10; day++) {
        cr_assert_eq(agro_soil_water_step(NULL, &p, &s, &d, &r), 0);
        cr_assert_gt(r.upflow_mm[2], 0.0, "day %d: no flow from 45 cm into 30–45 cm", day);
        cr_assert_lt(r.upflow_mm[2] / p.thickness_mm[2], 0.5e-6, "day %d: flow not a trickle", day);
        for (int i = 0; i < 10; i++)
            cr_assert_lt(fabs(s.sw[i] * 1e6 - round(s.sw[i] * 1e6)), 1e-6,
                         "day %d layer %d: content %.12f not stored to 1e-6", day, i + 1, s.sw[i]);
        cr_assert_eq(s.sw[2], p.ll[2], "day %d: 30–45 cm at %.9f, LL %.3f", day, s.sw[2], p.ll[2]);
        cr_assert_eq(agro_root_water_uptake_capacity(NULL, &p, &s, rlv, cap), 0);
        cr_assert_eq(cap[2], 0.0, "day %d: uptake capacity %g mm at LL", day, cap[2]);
        cr_assert_lt(r.rounding_mm, 0.0, "day %d: the rounding removes the trickle", day);
        cr_assert_lt(fabs(r.balance_error_mm), 1e-12, "day %d: %g mm", day, r.balance_error_mm);
        rounding += r.rounding_mm;
    }
    cr_assert_float_eq(s.cum_rounding_mm, rounding, 1e-15);
    cr_assert_lt(fabs(agro_soil_water_balance_mm(&p, &s)), 1e-12);
}

/* A 1 cm layer at SAT between two dry ones gives water upwards (into the 5 cm layer above) and
 * downwards (into the 1 cm layer below). DSSAT's UP_FLOW caps both flows by the same
 * start-of-day water above LL, so the layer gave 1.06 + 3.35 mm of its 3.35 mm and the day failed
 * ("layer 2 SW: water content would become (-0.0058)"). Each flow is now capped by the layer's
 * running water above LL (docs/model.md §9.1): it ends at LL, and the balance closes. */
Test(soil_water_upflow, a_thin_layer_gives_no_more_than_its_water_above_ll)
{
    agro_soil_profile pr = helper_loam_10_layers();
    pr.n_layers = 4;
    const double depth[4] = {5, 6, 7, 50};
    for (int i = 0; i < 4; i++) {
        pr.depth_cm[i] = depth[i];
        pr.ll[i] = 0.10;
        pr.dul[i] = 0.30;
        pr.sat[i] = 0.45;
        pr.ksat_cm_h[i] = NAN;
    }
    pr.drainage_rate_d = 0.1;
    agro_soil_water_params p;
    cr_assert_eq(agro_soil_water_params_from_profile(NULL, &pr, &p), 0);
    const double sw0[4] = {0.10, 0.45, 0.10, 0.10};
    agro_soil_water_state s;
    agro_soil_water_rates r;
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw0, &s), 0);
    agro_soil_water_drivers d = no_drivers();
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    int st = agro_soil_water_step(ctx, &p, &s, &d, &r);
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert_eq(st, 0, "step failed: %s", msg);
    cr_assert_gt(r.upflow_mm[0], 0.0, "no flow up into layer 1");
    cr_assert_lt(r.upflow_mm[1], 0.0, "no flow down into layer 3");
    for (int i = 0; i < 4; i++)
        cr_assert_geq(s.sw[i], p.ll[i] - 1e-12, "layer %d below LL: %.6f", i + 1, s.sw[i]);
    cr_assert_float_eq(s.sw[1], p.ll[1], 1e-6, "layer 2 gives all it has above LL: %.6f", s.sw[1]);
    cr_assert_lt(fabs(r.balance_error_mm), 1e-12);
    agro_ctx_free(ctx);
}

/* DSSAT WATBAL.for: runoff is taken from rain only; irrigation enters at its effective amount. */
Test(soil_water_step, irrigation_infiltrates_without_runoff_rain_can_run_off)
{
    agro_soil_water_params p = loam_params();
    agro_soil_water_state a, b;
    agro_soil_water_rates ra, rb;
    double sw[10];
    for (int i = 0; i < 10; i++) sw[i] = p.dul[i];
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw, &a), 0);
    b = a;
    agro_soil_water_drivers da = no_drivers(), db = no_drivers();
    da.rain_mm = 80.0;
    da.eos_mm = db.eos_mm = 4.0;
    db.irrigation_mm = 80.0;
    cr_assert_eq(agro_soil_water_step(NULL, &p, &a, &da, &ra), 0);
    cr_assert_eq(agro_soil_water_step(NULL, &p, &b, &db, &rb), 0);
    cr_expect_gt(ra.runoff_mm, 1.0, "80 mm of rain on a wet soil runs off (got %g)", ra.runoff_mm);
    cr_expect_eq(rb.runoff_mm, 0.0);
    cr_expect_gt(agro_soil_water_total_mm(&p, &b), agro_soil_water_total_mm(&p, &a));
    cr_assert_float_eq(b.cum_irrigation_mm, 80.0, 1e-15);
    cr_assert_float_eq(a.cum_rain_mm, 80.0, 1e-15);
    cr_assert_lt(fabs(agro_soil_water_balance_mm(&p, &a)), 1e-9);
    cr_assert_lt(fabs(agro_soil_water_balance_mm(&p, &b)), 1e-9);
}

Test(soil_water_uptake, capacity_rises_with_water_and_roots_and_stops_at_ll)
{
    agro_soil_water_params p = loam_params();
    agro_soil_water_state s;
    double rlv[10], cap[10], cap2[10];
    for (int i = 0; i < 10; i++) rlv[i] = 1.0;
    double sw[10];
    for (int i = 0; i < 10; i++) sw[i] = p.ll[i];
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw, &s), 0);
    cr_assert_eq(agro_root_water_uptake_capacity(NULL, &p, &s, rlv, cap), 0);
    for (int i = 0; i < 10; i++) cr_assert_eq(cap[i], 0.0);

    double prev = 0.0;
    for (double f = 0.1; f <= 1.0001; f += 0.1) {
        for (int i = 0; i < 10; i++) sw[i] = p.ll[i] + f * (p.dul[i] - p.ll[i]);
        cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw, &s), 0);
        cr_assert_eq(agro_root_water_uptake_capacity(NULL, &p, &s, rlv, cap), 0);
        cr_assert_geq(cap[3], prev);
        /* never above RWUMX·RLV·dz nor the extractable water */
        double dz_cm = p.thickness_mm[3] / 10.0;
        cr_assert_leq(cap[3], p.rwumx_cm3_cm_d * rlv[3] * dz_cm * 10.0 + 1e-12);
        cr_assert_leq(cap[3], (sw[3] - p.ll[3]) * p.thickness_mm[3] + 1e-12);
        prev = cap[3];
    }
    for (int i = 0; i < 10; i++) rlv[i] = 0.2;
    cr_assert_eq(agro_root_water_uptake_capacity(NULL, &p, &s, rlv, cap2), 0);
    cr_assert_lt(cap2[3], cap[3]);
    rlv[0] = NAN;
    cr_assert_eq(agro_root_water_uptake_capacity(NULL, &p, &s, rlv, cap2), AGRO_ENUMERIC);
    rlv[0] = -1.0;
    cr_assert_eq(agro_root_water_uptake_capacity(NULL, &p, &s, rlv, cap2), AGRO_ERANGE);
}

/* ROOTWU's waterlogging cut (DSSAT ROOTWU.for f9ddfd9): with SAT − SW below PORMIN the first two
 * days keep the full rate, the third and later cut it to RWUMX·(SAT − SW)/PORMIN; a layer
 * without roots keeps its count; a drained layer resets it; PORMIN 0 never cuts. */
Test(soil_water_uptake, waterlogged_layers_lose_uptake_after_two_days)
{
    agro_soil_water_params p = loam_params();
    agro_soil_water_state s;
    const double pormin = 0.05;
    double rlv[10], sw[10], tss[10] = {0}, cap[10], ref[10];
    for (int i = 0; i < 10; i++) {
        rlv[i] = i == 5 ? 0.0 : 1.0;
        /* 0.01 of air-filled pores: SWEXF = 0.2 */
        sw[i] = p.sat[i] - 0.01;
    }
    sw[4] = p.dul[4]; /* a drained layer */
    cr_assert_gt(p.sat[4] - p.dul[4], pormin, "the test loam drains to more than PORMIN of air");
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw, &s), 0);
    cr_assert_eq(agro_root_water_uptake_capacity(NULL, &p, &s, rlv, ref), 0);
    for (int day = 1; day <= 4; day++) {
        cr_assert_eq(agro_root_water_uptake_capacity_pormin(NULL, &p, &s, rlv, pormin, tss, cap), 0);
        for (int i = 0; i < 10; i++) {
            const double dz_cm = p.thickness_mm[i] / 10.0;
            if (i == 5) {
                cr_assert_eq(tss[i], 0.0, "no roots: the count is not touched");
                cr_assert_eq(cap[i], 0.0);
            } else if (i == 4) {
                cr_assert_eq(tss[i], 0.0, "drained: no count");
                cr_assert_eq(cap[i], ref[i]);
            } else {
                cr_assert_eq(tss[i], (double)day);
                /* the saturated loam takes up RWUMX per root length without the cut */
                cr_assert_float_eq(ref[i], p.rwumx_cm3_cm_d * dz_cm * 10.0, 1e-12);
                const double want = day <= 2 ? ref[i] : p.rwumx_cm3_cm_d * 0.2 * dz_cm * 10.0;
                cr_assert_float_eq(cap[i], want, 1e-9, "layer %d day %d: %g, want %g", i, day,
                                   cap[i], want);
            }
        }
    }
    /* a layer drained after four days starts again from 0 */
    sw[0] = p.dul[0];
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw, &s), 0);
    cr_assert_eq(agro_root_water_uptake_capacity_pormin(NULL, &p, &s, rlv, pormin, tss, cap), 0);
    cr_assert_eq(tss[0], 0.0);
    cr_assert_eq(tss[1], 5.0);
    /* roots at a layer held at saturation: SWEXF 0, nothing taken */
    sw[1] = p.sat[1];
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw, &s), 0);
    cr_assert_eq(agro_root_water_uptake_capacity_pormin(NULL, &p, &s, rlv, pormin, tss, cap), 0);
    cr_assert_eq(cap[1], 0.0);
    /* PORMIN 0 (flooded rice in DSSAT): counters reset, the rate of the function without it */
    cr_assert_eq(agro_root_water_uptake_capacity_pormin(NULL, &p, &s, rlv, 0.0, tss, cap), 0);
    cr_assert_eq(agro_root_water_uptake_capacity(NULL, &p, &s, rlv, ref), 0);
    for (int i = 0; i < 10; i++) {
        cr_assert_eq(cap[i], ref[i]);
        if (i != 5) cr_assert_eq(tss[i], 0.0);
    }
    /* bad arguments */
    cr_assert_eq(agro_root_water_uptake_capacity_pormin(NULL, &p, &s, rlv, NAN, tss, cap), AGRO_ENUMERIC);
    cr_assert_eq(agro_root_water_uptake_capacity_pormin(NULL, &p, &s, rlv, -0.1, tss, cap), AGRO_ERANGE);
    tss[2] = -1.0;
    cr_assert_eq(agro_root_water_uptake_capacity_pormin(NULL, &p, &s, rlv, pormin, tss, cap), AGRO_ERANGE);
    cr_assert_eq(agro_root_water_uptake_capacity_pormin(NULL, &p, &s, rlv, pormin, NULL, cap), AGRO_EINVAL);
}

Test(soil_water_uptake, stress_factors_follow_supply_demand_ratio)
{
    double sw, tu;
    cr_assert_eq(agro_water_stress_factors(NULL, 6.0, 4.0, 1.5, &sw, &tu), 0);
    cr_assert_float_eq(sw, 1.0, 1e-12);
    cr_assert_float_eq(tu, 1.0, 1e-12);
    cr_assert_eq(agro_water_stress_factors(NULL, 3.0, 4.0, 1.5, &sw, &tu), 0);
    cr_assert_float_eq(sw, 0.75, 1e-12);
    cr_assert_float_eq(tu, 0.5, 1e-12);
    cr_assert_eq(agro_water_stress_factors(NULL, 0.0, 0.0, 1.5, &sw, &tu), 0);
    cr_assert_float_eq(sw, 1.0, 1e-12);
    cr_assert_eq(agro_water_stress_factors(NULL, NAN, 1.0, 1.5, &sw, &tu), AGRO_ENUMERIC);
    cr_assert_eq(agro_water_stress_factors(NULL, 1.0, 1.0, 0.0, &sw, &tu), AGRO_ERANGE);
}

Test(pet, priestley_taylor_matches_dssat_petpt_equations)
{
    agro_weather_day w;
    memset(&w, 0, sizeof w);
    w.srad_MJ_m2_d = 20.0;
    w.tmax_C = 30.0;
    w.tmin_C = 20.0;
    double eo;
    cr_assert_eq(agro_pet_priestley_taylor(NULL, &w, 0.15, 0.0, &eo), 0);
    /* TD = 26, EEQ = 20·23.923·(2.04e-4 − 1.83e-4·0.15)·55, EO = 1.1·EEQ */
    double eeq = 20.0 * 23.923 * (2.04e-4 - 1.83e-4 * 0.15) * 55.0;
    cr_assert_float_eq(eo, 1.1 * eeq, 1e-12);
    /* a full canopy (albedo → 0.23) lowers EO; continuity at 35 °C; hot days raise EO */
    double eo_crop, eo_a, eo_b, eo_hot;
    cr_assert_eq(agro_pet_priestley_taylor(NULL, &w, 0.15, 6.0, &eo_crop), 0);
    cr_assert_lt(eo_crop, eo);
    w.tmax_C = 35.0;
    cr_assert_eq(agro_pet_priestley_taylor(NULL, &w, 0.15, 0.0, &eo_a), 0);
    w.tmax_C = 35.0 + 1e-9;
    cr_assert_eq(agro_pet_priestley_taylor(NULL, &w, 0.15, 0.0, &eo_b), 0);
    cr_assert_float_eq(eo_a, eo_b, 1e-6);
    w.tmax_C = 40.0;
    cr_assert_eq(agro_pet_priestley_taylor(NULL, &w, 0.15, 0.0, &eo_hot), 0);
    cr_assert_gt(eo_hot / eo_a, 1.2);
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    /* finite but impossible days are refused, not turned into an infinite PET (found by
       probing the public API): the weather readers' limits */
    const double bad[3][3] = {{20.0, 1e306, 1e306}, {20.0, 20.0, 30.0}, {150.0, 30.0, 20.0}};
    for (int k = 0; k < 3; k++) {
        agro_weather_day b = w;
        b.srad_MJ_m2_d = bad[k][0];
        b.tmax_C = bad[k][1];
        b.tmin_C = bad[k][2];
        cr_expect_eq(agro_pet_priestley_taylor(ctx, &b, 0.15, 0.0, &eo), AGRO_ERANGE, "case %d", k);
    }
    w.srad_MJ_m2_d = NAN;
    cr_assert_eq(agro_pet_priestley_taylor(ctx, &w, 0.15, 0.0, &eo), AGRO_ENUMERIC);
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert(strstr(msg, "SRAD") != NULL, "message: %s", msg);
    agro_ctx_free(ctx);
}

/* FAO-56 Example 18 (Uccle, 6 July, 50°48'N, 100 m): Tmax 21.5, Tmin 12.3, ea 1.409 kPa,
   u2 2.078 m/s, Rs 22.07 MJ/m²/d → ET0 = 3.9 mm/d; the humidity as VPRS only */
static agro_weather_day fao56_example_18(void)
{
    agro_weather_day w;
    memset(&w, 0, sizeof w);
    w.year = 2025;
    w.doy = 187;
    w.tmax_C = 21.5;
    w.tmin_C = 12.3;
    w.srad_MJ_m2_d = 22.07;
    w.tdew_C = w.rhum_pct = w.par_mol_m2_d = NAN;
    w.vprs_kPa = 1.409;
    w.wind_km_d = 2.078 * 86.4;
    return w;
}

Test(pet, penman_monteith_reproduces_fao56_example_18)
{
    agro_weather_day w = fao56_example_18();
    double et0;
    cr_assert_eq(agro_pet_penman_monteith(NULL, &w, 50.8, 100.0, 2.0, &et0), 0);
    cr_assert_float_eq(et0, 3.9, 0.06, "ET0 %g", et0);
    /* wind measured at 10 m gives the same ET0 when scaled to 2 m (FAO-56 eq. 47) */
    double et10;
    w.wind_km_d = 2.078 * 86.4 * log(67.8 * 10.0 - 5.42) / log(67.8 * 2.0 - 5.42);
    cr_assert_eq(agro_pet_penman_monteith(NULL, &w, 50.8, 100.0, 10.0, &et10), 0);
    cr_assert_float_eq(et10, et0, 1e-9);

    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    w.wind_km_d = NAN;
    cr_assert_eq(agro_pet_penman_monteith(ctx, &w, 50.8, 100.0, 2.0, &et0), AGRO_EMISSING);
    w.wind_km_d = 150.0;
    w.vprs_kPa = NAN;
    cr_assert_eq(agro_pet_penman_monteith(ctx, &w, 50.8, 100.0, 2.0, &et0), AGRO_EMISSING);
    w.tmax_C = INFINITY;
    w.vprs_kPa = 1.4;
    cr_assert_eq(agro_pet_penman_monteith(ctx, &w, 50.8, 100.0, 2.0, &et0), AGRO_ENUMERIC);
    agro_ctx_free(ctx);
}

/* The humidity of Example 18 given as a dew point (FAO-56 eq. 14, ea = e°(Tdew)) or as a mean
   relative humidity (eq. 19, ea = RHmean/100·es) gives the same ET0 as the vapour pressure; the
   dew point comes first, then VPRS, then RHUM; out-of-range inputs are named. */
Test(pet, penman_monteith_takes_the_humidity_as_dew_point_or_relative_humidity)
{
    agro_weather_day w = fao56_example_18();
    double et_vp, et;
    cr_assert_eq(agro_pet_penman_monteith(NULL, &w, 50.8, 100.0, 2.0, &et_vp), AGRO_OK);
    /* e°(T) = 0.6108 exp(17.27 T/(T + 237.3)) solved for T at 1.409 kPa */
    const double x = log(1.409 / 0.6108);
    w.tdew_C = 237.3 * x / (17.27 - x);
    w.vprs_kPa = 5.0; /* ignored: the dew point comes first */
    cr_assert_eq(agro_pet_penman_monteith(NULL, &w, 50.8, 100.0, 2.0, &et), AGRO_OK);
    cr_expect_float_eq(et, et_vp, 1e-9, "ET0 %g from the dew point, %g from VPRS", et, et_vp);
    const double es = 0.5 * (0.6108 * exp(17.27 * 21.5 / (21.5 + 237.3)) +
                             0.6108 * exp(17.27 * 12.3 / (12.3 + 237.3)));
    w.tdew_C = w.vprs_kPa = NAN;
    w.rhum_pct = 100.0 * 1.409 / es;
    cr_assert_eq(agro_pet_penman_monteith(NULL, &w, 50.8, 100.0, 2.0, &et), AGRO_OK);
    cr_expect_float_eq(et, et_vp, 1e-9, "ET0 %g from RHUM %g %%, %g from VPRS", et, w.rhum_pct,
                       et_vp);
    /* drier air, more ET0 */
    w.rhum_pct = 40.0;
    cr_assert_eq(agro_pet_penman_monteith(NULL, &w, 50.8, 100.0, 2.0, &et), AGRO_OK);
    cr_expect_gt(et, et_vp + 0.3);

    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    char msg[AGRO_MESSAGE_MAX];
    const struct {
        double rhum, srad, lat;
        int32_t doy;
        const char *field;
    } bad[] = {{120.0, 22.07, 50.8, 187, "RHUM"}, {70.0, -1.0, 50.8, 187, "SRAD"},
               {70.0, 22.07, 95.0, 187, "latitude_deg"}, {70.0, 22.07, 50.8, 367, "doy"}};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        w.rhum_pct = bad[k].rhum;
        w.srad_MJ_m2_d = bad[k].srad;
        w.doy = bad[k].doy;
        et = -1.0;
        cr_expect_eq(agro_pet_penman_monteith(ctx, &w, bad[k].lat, 100.0, 2.0, &et), AGRO_ERANGE,
                     "%s", bad[k].field);
        agro_ctx_message(ctx, msg, sizeof msg);
        cr_expect(strstr(msg, bad[k].field) != NULL, "%s: %s", bad[k].field, msg);
        cr_expect_eq(et, -1.0, "%s: the result was written", bad[k].field);
    }
    agro_ctx_free(ctx);
}

/* DSSAT TRATIO for maize (C4) by hand at 25 °C and 1 m/s: 1 at 330 ppm, about 0.95 at 800 ppm;
 * bare soil and bad inputs. */
Test(pet, transpiration_co2_ratio_follows_dssat_tratio)
{
    cr_expect_float_eq(agro_transpiration_co2_ratio_c4(330.0, 25.0, 86.4, 3.0), 1.0, 1e-15);
    const double rl = (1.0 / (0.0328 - 5.49e-5 * 330.0 + 2.96e-8 * 330.0 * 330.0) + 10.0) / 1.44;
    const double rlc = (1.0 / (0.0328 - 5.49e-5 * 800.0 + 2.96e-8 * 800.0 * 800.0) + 10.0) / 1.44;
    const double vpsat = 610.78 * exp(17.269 * 25.0 / 262.3);
    const double delta = 18.0 * (2501.0 - 2.373 * 25.0) * vpsat / (8.314 * 298.0 * 298.0) / 100.0;
    const double gamma = 1013.0 * 1.005 / ((2500.9 - 2.345 * 25.0) * 0.622);
    const double want = (delta + gamma * (1.0 + rl / 208.0)) / (delta + gamma * (1.0 + rlc / 208.0));
    const double got = agro_transpiration_co2_ratio_c4(800.0, 25.0, 86.4, 3.0);
    cr_expect_float_eq(got, want, 1e-12);
    cr_expect(got > 0.93 && got < 0.96, "TRATIO at 800 ppm %g", got);
    /* more wind, larger share of the canopy resistance: a stronger CO2 effect; missing wind is
       DSSAT's 86.4 km/d */
    cr_expect_lt(agro_transpiration_co2_ratio_c4(800.0, 25.0, 400.0, 3.0), got);
    cr_expect_float_eq(agro_transpiration_co2_ratio_c4(800.0, 25.0, NAN, 3.0), got, 1e-15);
    cr_expect_float_eq(agro_transpiration_co2_ratio_c4(800.0, 25.0, 86.4, 0.005), 1.0, 1e-15);
    cr_expect(isnan(agro_transpiration_co2_ratio_c4(NAN, 25.0, 86.4, 3.0)));
    cr_expect(isnan(agro_transpiration_co2_ratio_c4(-1.0, 25.0, 86.4, 3.0)));
    cr_expect(isnan(agro_transpiration_co2_ratio_c4(5001.0, 25.0, 86.4, 3.0)));
    /* the field accepts 0 ppm: stomata wide open, more transpiration, still finite */
    const double at0 = agro_transpiration_co2_ratio_c4(0.0, 25.0, 86.4, 3.0);
    cr_expect(isfinite(at0) && at0 > 1.0, "TRATIO at 0 ppm %g", at0);
}

Test(pet, partition_conserves_pet_and_shades_the_soil)
{
    double eos, eop;
    cr_assert_eq(agro_pet_partition(NULL, 6.0, 0.0, AGRO_KEP_MAIZE, &eos, &eop), 0);
    cr_assert_float_eq(eos, 6.0, 1e-12);
    cr_assert_float_eq(eop, 0.0, 1e-12);
    cr_assert_eq(agro_pet_partition(NULL, 6.0, 3.0, AGRO_KEP_MAIZE, &eos, &eop), 0);
    cr_assert_float_eq(eos + eop, 6.0, 1e-12);
    cr_assert_float_eq(eos, 6.0 * exp(-0.68 * 3.0), 1e-12);
    cr_assert_eq(agro_pet_partition(NULL, NAN, 3.0, AGRO_KEP_MAIZE, &eos, &eop), AGRO_ENUMERIC);
    cr_assert_eq(agro_pet_partition(NULL, 1.0, -3.0, AGRO_KEP_MAIZE, &eos, &eop), AGRO_ERANGE);
}

/* Whole-year balance on shared DSSAT weather and soils, bare and with a synthetic crop
   whose LAI and roots follow a fixed seasonal shape. */
static void run_season(const char *wth, const char *sol, const char *id, int with_crop,
                       int subdivide, int32_t evap_method)
{
    char path[1024];
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    agro_soil_profile pr;
    snprintf(path, sizeof path, "%s/dssat/Soil/%s", AGROSIM_VALIDATION_DIR, sol);
    int st = agro_soil_load_dssat(ctx, path, id, &pr);
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert_eq(st, 0, "%s %s: %s", sol, id, msg);
    if (subdivide) cr_assert_eq(agro_soil_subdivide(ctx, &pr, 10.0), 0);
    agro_weather *w;
    snprintf(path, sizeof path, "%s/dssat/Weather/%s", AGROSIM_VALIDATION_DIR, wth);
    st = agro_weather_load(ctx, path, &w);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert_eq(st, 0, "%s: %s", wth, msg);
    agro_weather_info info;
    cr_assert_eq(agro_weather_get_info(w, &info), 0);
    const agro_weather_day *days = agro_weather_days(w);

    agro_soil_water_params p;
    agro_soil_water_state s;
    agro_soil_water_rates r;
    st = agro_soil_water_params_from_profile(ctx, &pr, &p);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert_eq(st, 0, "%s: %s", id, msg);
    p.evap_method = evap_method;
    double sw0[AGRO_SOIL_MAX_LAYERS];
    for (int i = 0; i < p.n_layers; i++) sw0[i] = p.ll[i] + 0.5 * (p.dul[i] - p.ll[i]);
    cr_assert_eq(agro_soil_water_state_init(ctx, &p, sw0, &s), 0);

    int n_days = info.n_days < 365 ? info.n_days : 365;
    double max_err = 0.0, total_drain = 0.0, total_rain = 0.0;
    for (int k = 0; k < n_days; k++) {
        const agro_weather_day *day = &days[k];
        /* synthetic crop: LAI bell between day 60 and 180, roots deepening 1.5 cm/d */
        double lai = 0.0, root_depth = 0.0;
        if (with_crop && k >= 60 && k <= 180) {
            double x = (k - 60) / 120.0;
            lai = 4.5 * sin(3.14159265358979323846 * x);
            root_depth = fmin(1.5 * (k - 60), 150.0);
        }
        double eo, eos, eop;
        cr_assert_eq(agro_pet_priestley_taylor(ctx, day, p.albedo, lai, &eo), 0);
        cr_assert_eq(agro_pet_partition(NULL, eo, lai, AGRO_KEP_MAIZE, &eos, &eop), 0);
        agro_soil_water_drivers d = no_drivers();
        d.rain_mm = day->rain_mm;
        d.irrigation_mm = (k % 30 == 15 && with_crop) ? 25.0 : 0.0;
        d.eos_mm = eos;
        if (root_depth > 0.0) {
            double rlv[AGRO_SOIL_MAX_LAYERS], cap[AGRO_SOIL_MAX_LAYERS];
            for (int i = 0; i < p.n_layers; i++) {
                double mid = 0.5 * (layer_top_cm(&p, i) + p.depth_cm[i]);
                rlv[i] = mid < root_depth ? 2.0 * exp(-mid / 40.0) : 0.0;
            }
            cr_assert_eq(agro_root_water_uptake_capacity(NULL, &p, &s, rlv, cap), 0);
            double trwup = 0.0;
            for (int i = 0; i < p.n_layers; i++) trwup += cap[i];
            double scale = trwup > eop ? eop / trwup : 1.0;
            for (int i = 0; i < p.n_layers; i++) d.uptake_mm[i] = cap[i] * scale;
        }
        st = agro_soil_water_step(ctx, &p, &s, &d, &r);
        agro_ctx_message(ctx, msg, sizeof msg);
        cr_assert_eq(st, 0, "day %d: %s", k, msg);
        for (int i = 0; i < p.n_layers; i++) {
            cr_assert(s.sw[i] >= 0.0, "day %d layer %d sw %g < 0", k, i, s.sw[i]);
            cr_assert(s.sw[i] <= p.sat[i] + 1e-12, "day %d layer %d sw %g > SAT %g", k, i,
                      s.sw[i], p.sat[i]);
        }
        cr_assert_geq(r.runoff_mm, 0.0);
        cr_assert_geq(r.drainage_mm, 0.0);
        cr_assert_geq(r.evaporation_mm, 0.0);
        cr_assert_leq(r.evaporation_mm, eos + 1e-12);
        if (fabs(r.balance_error_mm) > max_err) max_err = fabs(r.balance_error_mm);
        total_drain += r.drainage_mm;
        total_rain += day->rain_mm;
    }
    cr_assert_lt(max_err, 1e-9, "%s %s: daily balance error %g mm", wth, id, max_err);
    cr_assert_lt(fabs(agro_soil_water_balance_mm(&p, &s)), 1e-9 * n_days,
                 "cumulative balance %g mm", agro_soil_water_balance_mm(&p, &s));
    cr_assert_float_eq(s.cum_rain_mm, total_rain, 1e-6);
    cr_assert_float_eq(s.cum_drainage_mm, total_drain, 1e-6);
    if (with_crop) cr_assert_gt(s.cum_transpiration_mm, 50.0, "%s: transpiration %g", wth,
                                s.cum_transpiration_mm);
    cr_assert_gt(s.cum_evaporation_mm, 50.0);
    agro_weather_free(w);
    agro_ctx_free(ctx);
}

Test(soil_water_season, balance_closes_every_day_gainesville)
{
    for (int32_t m = 0; m <= 1; m++) {
        run_season("UFGA8201.WTH", "SOIL.SOL", "IBMZ910014", 0, 0, m);
        run_season("UFGA8201.WTH", "SOIL.SOL", "IBMZ910014", 1, 0, m);
    }
}

Test(soil_water_season, balance_closes_every_day_waipio)
{
    for (int32_t m = 0; m <= 1; m++) {
        run_season("IBWA8302.WTH", "SOIL.SOL", "IBMZ910013", 0, 0, m);
        run_season("IBWA8302.WTH", "SOIL.SOL", "IBMZ910013", 1, 1, m);
    }
}

Test(soil_water_season, balance_closes_every_day_spain)
{
    for (int32_t m = 0; m <= 1; m++) {
        run_season("SIAZ9501.WTH", "SI.SOL", "SIAZ950001", 0, 1, m);
        run_season("SIAZ9501.WTH", "SI.SOL", "SIAZ950001", 1, 0, m);
    }
}

/* Suleiman-Ritchie evaporation (DSSAT-CSM 4.8 ESR_SoilEvap.for) on the 10-layer loam: the
   coefficients of the three profile states by hand, and what every layer gives. */
Test(soil_water_evaporation, suleiman_ritchie_coefficients_and_layer_shares)
{
    agro_soil_water_params p = loam_params();
    agro_soil_water_state s;
    agro_soil_water_rates r;
    cr_expect_eq(p.evap_method, AGRO_SOIL_EVAP_RITCHIE, "Ritchie unless asked");
    /* layer 1 (0-5 cm, mid-depth 2.5 cm, DUL 0.26): dry (0.5 + 0.24 DUL)·z^(-2.04 + 0.2 DUL);
       wet 0.26·z^-0.7; the wet-profile threshold 0.275 DUL + 1.165 DUL² + 1.2 DUL^3.75·z */
    cr_expect_float_eq(p.esr_coef_dry[0], (0.5 + 0.24 * 0.26) * pow(2.5, -2.04 + 0.2 * 0.26), 1e-12);
    cr_expect_float_eq(p.esr_coef_wet[0], 0.26 * pow(2.5, -0.70), 1e-12);
    cr_expect_float_eq(p.esr_wet_threshold,
                       0.275 * 0.26 + 1.165 * 0.26 * 0.26 + 1.2 * pow(0.26, 3.75) * 2.5, 1e-12);
    p.evap_method = AGRO_SOIL_EVAP_SULEIMAN_RITCHIE;
    /* dry profile (every layer between LL and DUL), no rain: layer i gives
       (SW - 0.3 LL)·coef_dry[i]·dz, the deep layers almost nothing */
    double sw[10];
    for (int i = 0; i < 10; i++) sw[i] = p.ll[i] + 0.5 * (p.dul[i] - p.ll[i]);
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw, &s), 0);
    agro_soil_water_drivers d = no_drivers();
    d.eos_mm = 20.0; /* not limiting */
    cr_assert_eq(agro_soil_water_compute(NULL, &p, &s, &d, &r), 0);
    double want = 0.0, l1 = (sw[0] - 0.3 * p.ll[0]) * p.esr_coef_dry[0] * p.thickness_mm[0];
    for (int i = 0; i < 10; i++) want += (sw[i] - 0.3 * p.ll[i]) * p.esr_coef_dry[i] * p.thickness_mm[i];
    cr_expect_float_eq(r.evaporation_mm, want, 1e-12);
    cr_expect(l1 > 0.5 * want, "layer 1 gives most: %g of %g mm", l1, want);
    /* what leaves layer 2 and below crosses the bottom of layer 1 upwards; layer 1 changes by
       its own share only */
    cr_expect_float_eq(r.upflow_mm[0], want - l1, 1e-12);
    cr_expect_float_eq(r.dsw[0] * p.thickness_mm[0], -l1, 1e-12);
    cr_expect_float_eq(r.drainage_mm, 0.0, 1e-15);
    /* limited to the potential: every layer scaled alike */
    d.eos_mm = 0.5 * want;
    cr_assert_eq(agro_soil_water_compute(NULL, &p, &s, &d, &r), 0);
    cr_expect_float_eq(r.evaporation_mm, 0.5 * want, 1e-12);
    cr_expect_float_eq(r.dsw[0] * p.thickness_mm[0], -0.5 * l1, 1e-12);
    /* wet profile (a layer within 100 cm above DUL, layer 1 wetter than the threshold): the wet
       coefficients */
    for (int i = 0; i < 10; i++) sw[i] = p.dul[i];
    sw[3] = p.dul[3] + 0.001; /* 30-45 cm: below DUL + 0.003, so it does not drain */
    sw[0] = p.dul[0];
    cr_assert(sw[0] > p.esr_wet_threshold, "layer 1 %g above the threshold %g", sw[0], p.esr_wet_threshold);
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw, &s), 0);
    d.eos_mm = 100.0;
    cr_assert_eq(agro_soil_water_compute(NULL, &p, &s, &d, &r), 0);
    want = 0.0;
    for (int i = 0; i < 10; i++) want += (sw[i] - 0.3 * p.ll[i]) * p.esr_coef_wet[i] * p.thickness_mm[i];
    cr_expect_float_eq(r.evaporation_mm, want, 1e-12);
    /* intermediate (wet, but layer 1 below the threshold): 0.011 at every depth */
    sw[0] = 0.9 * p.esr_wet_threshold;
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw, &s), 0);
    cr_assert_eq(agro_soil_water_compute(NULL, &p, &s, &d, &r), 0);
    want = 0.0;
    for (int i = 0; i < 10; i++) want += (sw[i] - 0.3 * p.ll[i]) * 0.011 * p.thickness_mm[i];
    cr_expect_float_eq(r.evaporation_mm, want, 1e-12);
    /* a half cover halves every layer's share, and the cap stays the uncut EOS
       (ESR_SoilEvap.for: (1 − PMFRACTION) on each layer, RedFac = EOS/ES): with EOS between
       the cut and the uncut total the day gives EOS */
    d.cover_fraction = 1.0;
    d.cover_evap_suppression = 0.5;
    d.eos_mm = 0.75 * want;
    cr_assert_eq(agro_soil_water_compute(NULL, &p, &s, &d, &r), 0);
    cr_expect_float_eq(r.evaporation_mm, 0.5 * want, 1e-12);
    cr_expect_float_eq(r.potential_evaporation_mm, 0.75 * want, 1e-12);
    d.eos_mm = 0.25 * want;
    cr_assert_eq(agro_soil_water_compute(NULL, &p, &s, &d, &r), 0);
    cr_expect_float_eq(r.evaporation_mm, 0.25 * want, 1e-12);
    /* a full film cover stops it */
    d.eos_mm = 100.0;
    d.cover_evap_suppression = 1.0;
    cr_assert_eq(agro_soil_water_compute(NULL, &p, &s, &d, &r), 0);
    cr_expect_float_eq(r.evaporation_mm, 0.0, 1e-15);
}

/* Suleiman-Ritchie on a day without demand (SPAM.for: UPFLOW = 0 when EOS_SOIL <= 1e-6): the
   step that reuses its rates (the field's) gives no upward flow, as the public step does, and
   not the day before's, which the N step would move NO3 with. */
Test(soil_water_evaporation, suleiman_ritchie_without_demand_leaves_no_upward_flow_of_the_day_before)
{
    agro_soil_water_params p = loam_params();
    p.evap_method = AGRO_SOIL_EVAP_SULEIMAN_RITCHIE;
    agro_soil_water_consts k;
    agro_soil_water_consts_init(&p, &k);
    double sw[10];
    for (int i = 0; i < 10; i++) sw[i] = p.ll[i] + 0.5 * (p.dul[i] - p.ll[i]);
    agro_soil_water_state s, s2;
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw, &s), 0);
    static agro_soil_water_rates r, r2;
    memset(&r, 0, sizeof r);
    agro_soil_water_drivers d = no_drivers();
    d.eos_mm = 5.0;
    cr_assert_eq(agro_soil_water_step_reuse(NULL, &p, &k, &s, &d, &r), 0);
    cr_assert(r.upflow_mm[0] > 0.0, "the first day moves water up: %g mm", r.upflow_mm[0]);
    d.eos_mm = 0.0;
    s2 = s;
    cr_assert_eq(agro_soil_water_step_reuse(NULL, &p, &k, &s, &d, &r), 0);
    cr_assert_eq(agro_soil_water_step(NULL, &p, &s2, &d, &r2), 0);
    cr_expect_float_eq(r.evaporation_mm, 0.0, 1e-15);
    for (int i = 0; i < 10; i++) {
        cr_expect_eq(r.upflow_mm[i], 0.0, "layer %d: %g mm up on a day without evaporation", i + 1,
                     r.upflow_mm[i]);
        cr_expect_eq(r.upflow_mm[i], r2.upflow_mm[i], "layer %d", i + 1);
        cr_expect_eq(r.flux_mm[i], r2.flux_mm[i], "layer %d", i + 1);
    }
}

/* On a day without rain a layer below DUL first fills to DUL from what drains into it, and
   passes on only the rest (DSSAT SATFLO.for HOLD). */
Test(soil_water_drainage, a_dry_layer_holds_what_drains_into_it)
{
    agro_soil_water_params p = loam_params();
    agro_soil_water_state s;
    agro_soil_water_rates r;
    double sw[10];
    for (int i = 0; i < 10; i++) sw[i] = p.dul[i];
    sw[0] = p.sat[0];               /* layer 1 saturated */
    sw[1] = p.dul[1] - 0.01;        /* layer 2 0.01 cm³/cm³ below DUL: holds 1 mm */
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw, &s), 0);
    agro_soil_water_drivers d = no_drivers();
    cr_assert_eq(agro_soil_water_compute(NULL, &p, &s, &d, &r), 0);
    const double out1 = p.swcon_d * (p.sat[0] - p.dul[0]) * p.thickness_mm[0];
    const double hold2 = 0.01 * p.thickness_mm[1];
    /* UP_FLOW runs on the same day from the start-of-day gradient (WATBAL.for: UP_FLOW after
       SATFLO, on SW before the day's drainage); flux_mm holds both, upflow_mm its part */
    cr_expect_float_eq(r.flux_mm[0] + r.upflow_mm[0], out1, 1e-12);
    cr_expect_float_eq(r.flux_mm[1] + r.upflow_mm[1], out1 - hold2, 1e-12);
    cr_expect_float_eq(r.dsw[1] * p.thickness_mm[1], hold2 - r.upflow_mm[0] + r.upflow_mm[1],
                       1e-12);
}

/* Deterministic pseudo-random numbers in [0, 1) (64-bit LCG, Knuth MMIX constants). */
static double lcg(uint64_t *x)
{
    *x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*x >> 11) * (1.0 / 9007199254740992.0);
}

Test(soil_water_random, random_profiles_and_drivers_keep_every_invariant)
{
    uint64_t seed = 12345;
    for (int prof = 0; prof < 25; prof++) {
        agro_soil_profile pr;
        memset(&pr, 0, sizeof pr);
        pr.albedo = 0.05 + 0.3 * lcg(&seed);
        pr.evap_limit_mm = 2.0 + 10.0 * lcg(&seed);
        pr.drainage_rate_d = 0.05 + 0.9 * lcg(&seed);
        pr.runoff_curve_number = 40.0 + 58.0 * lcg(&seed);
        pr.n_layers = 1 + (int32_t)(lcg(&seed) * 20.0);
        double depth = 0.0;
        for (int i = 0; i < pr.n_layers; i++) {
            depth += 2.0 + 40.0 * lcg(&seed);
            pr.depth_cm[i] = depth;
            pr.ll[i] = 0.02 + 0.3 * lcg(&seed);
            pr.dul[i] = pr.ll[i] + 0.02 + 0.2 * lcg(&seed);
            pr.sat[i] = pr.dul[i] + 0.01 + 0.2 * lcg(&seed);
            if (pr.sat[i] > 0.95) pr.sat[i] = 0.95;
            pr.ksat_cm_h[i] = lcg(&seed) < 0.3 ? NAN : 0.01 + 10.0 * lcg(&seed);
        }
        agro_soil_water_params p;
        agro_soil_water_state s;
        agro_soil_water_rates r;
        cr_assert_eq(agro_soil_water_params_from_profile(NULL, &pr, &p), 0, "profile %d", prof);
        /* every other profile evaporates by the Suleiman-Ritchie method */
        if (prof % 2) p.evap_method = AGRO_SOIL_EVAP_SULEIMAN_RITCHIE;
        double sw0[AGRO_SOIL_MAX_LAYERS];
        for (int i = 0; i < p.n_layers; i++) sw0[i] = p.sat[i] * lcg(&seed);
        cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw0, &s), 0);
        for (int day = 0; day < 200; day++) {
            agro_soil_water_drivers d = no_drivers();
            double u = lcg(&seed);
            d.rain_mm = u < 0.6 ? 0.0 : (u < 0.95 ? 30.0 * lcg(&seed) : 250.0 * lcg(&seed));
            d.irrigation_mm = lcg(&seed) < 0.05 ? 50.0 * lcg(&seed) : 0.0;
            d.eos_mm = 12.0 * lcg(&seed);
            d.cover_fraction = lcg(&seed) < 0.3 ? lcg(&seed) : 0.0;
            d.cover_evap_suppression = lcg(&seed);
            d.cover_runoff_fraction = lcg(&seed);
            if (prof % 3 == 0) { /* a surface mulch, now and then topped up */
                d.mulch_kg_ha = 8000.0 * lcg(&seed);
                d.mulch_area_cm2_g = 4.0 + 140.0 * lcg(&seed);
                d.mulch_cover = agro_mulch_cover(d.mulch_kg_ha, d.mulch_area_cm2_g);
                d.mulch_extinction = 0.5 + 0.5 * lcg(&seed);
                d.mulch_water_kg_kg = 5.0 * lcg(&seed);
                d.new_mulch_kg_ha = lcg(&seed) < 0.1 ? 0.3 * d.mulch_kg_ha : 0.0;
            }
            for (int i = 0; i < p.n_layers; i++)
                d.uptake_mm[i] = lcg(&seed) < 0.5 ? 5.0 * lcg(&seed) : 0.0;
            cr_assert_eq(agro_soil_water_step(NULL, &p, &s, &d, &r), 0, "profile %d day %d",
                         prof, day);
            cr_assert_lt(fabs(r.balance_error_mm), 1e-9, "profile %d day %d error %g", prof,
                         day, r.balance_error_mm);
            cr_assert_geq(r.runoff_mm, 0.0);
            cr_assert_geq(r.infiltration_mm, -1e-12);
            cr_assert_geq(r.drainage_mm, 0.0);
            cr_assert_geq(r.evaporation_mm, 0.0);
            cr_assert_leq(r.evaporation_mm, r.potential_evaporation_mm + 1e-12);
            cr_assert_geq(r.mulch_interception_mm, 0.0);
            cr_assert_leq(r.mulch_interception_mm, d.rain_mm * d.mulch_cover + 1e-12);
            cr_assert_geq(r.mulch_evaporation_mm, 0.0);
            cr_assert_leq(r.evaporation_mm + r.mulch_evaporation_mm, d.eos_mm + 1e-12);
            cr_assert_geq(s.mulch_water_mm, 0.0);
            for (int i = 0; i < p.n_layers; i++) {
                cr_assert(isfinite(s.sw[i]));
                cr_assert_geq(s.sw[i], 0.0, "profile %d day %d layer %d", prof, day, i);
                cr_assert_leq(s.sw[i], p.sat[i] + 1e-12, "profile %d day %d layer %d", prof,
                              day, i);
                cr_assert_leq(r.uptake_mm[i], d.uptake_mm[i] + 1e-15);
            }
        }
        cr_assert_lt(fabs(agro_soil_water_balance_mm(&p, &s)), 1e-8);
    }
}

/* The worked example of docs/design/mulch.md §13 (DSSAT MULCHWAT.for, MULCHEVAP.for, SPAM.for):
 * 3000 kg/ha of maize residue (RE203: AM 30 cm2/g, EXTFAC 0.86, WATFAC 3.5) on its first day,
 * holding half its 1.05 mm; 10 mm of rain, EOS 4 mm. */
Test(soil_water_mulch, dssat_worked_example_day_by_day)
{
    agro_soil_water_params p = thick_top_loam_params();
    agro_soil_water_state s;
    agro_soil_water_rates r;
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, NULL, &s), 0);
    cr_assert_eq(agro_soil_water_mulch_init(NULL, &s, 3000.0, 3.5), 0);
    cr_assert_float_eq(s.mulch_water_mm, 0.525, 1e-12);
    agro_soil_water_drivers d = no_drivers();
    d.mulch_kg_ha = 3000.0;
    d.mulch_area_cm2_g = 30.0;
    d.mulch_extinction = 0.86;
    d.mulch_water_kg_kg = 3.5;
    d.mulch_cover = agro_mulch_cover(3000.0, 30.0);
    cr_assert_float_eq(d.mulch_cover, 1.0 - exp(-0.9), 1e-15);
    cr_assert_float_eq(d.mulch_cover, 0.59343, 1e-5);
    d.rain_mm = 10.0;
    d.eos_mm = 4.0;
    cr_assert_eq(agro_soil_water_step(NULL, &p, &s, &d, &r), 0);
    /* the mulch takes its deficit, 1.050 − 0.525 mm, of the 5.93 mm falling on it */
    cr_assert_float_eq(r.mulch_interception_mm, 0.525, 1e-12);
    /* EM = min(EOS·(1 − e^(−0.86·MAI)), 0.85·0.525)·cover with MAI = 0.9/cover */
    cr_assert_float_eq(r.mulch_evaporation_mm, 0.85 * 0.525 * d.mulch_cover, 1e-12);
    cr_assert_float_eq(r.mulch_evaporation_mm, 0.26482, 1e-5);
    /* the soil is offered min(EOS − EM, shaded demand) − EM = 2.27043 − 0.26482 mm */
    cr_assert_float_eq(r.potential_evaporation_mm, 2.00561, 1e-5);
    cr_assert_float_eq(s.mulch_water_mm, 0.78518, 1e-5);
    cr_assert_lt(fabs(r.balance_error_mm), 1e-12);
    /* day 2, dry: the mulch loses 0.85·0.78518·cover, the soil gets 2.27043 − 0.39606 */
    d.rain_mm = 0.0;
    cr_assert_eq(agro_soil_water_step(NULL, &p, &s, &d, &r), 0);
    cr_assert_float_eq(r.mulch_interception_mm, 0.0, 1e-15);
    cr_assert_float_eq(r.mulch_evaporation_mm, 0.39606, 1e-5);
    cr_assert_float_eq(r.potential_evaporation_mm, 1.87437, 1e-5);
    cr_assert_float_eq(s.mulch_water_mm, 0.38912, 1e-5);
    /* new residue comes holding half its water; the balance counts it as an input */
    d.new_mulch_kg_ha = 1000.0;
    cr_assert_eq(agro_soil_water_step(NULL, &p, &s, &d, &r), 0);
    cr_assert_float_eq(r.mulch_water_added_mm, 0.5 * 3.5e-4 * 1000.0, 1e-12);
    cr_assert_lt(fabs(agro_soil_water_balance_mm(&p, &s)), 1e-10);
    cr_assert_float_eq(s.cum_mulch_water_added_mm, 0.525 + 0.175, 1e-12);
    /* rain again: the mulch takes MULCHSAT − (W + new water) + min(0.85·W, yesterday's EM), here
       without and then with new residue arriving the same day */
    d.new_mulch_kg_ha = 0.0;
    for (int k = 0; k < 2; k++) {
        d.rain_mm = 10.0;
        d.new_mulch_kg_ha = k ? 500.0 : 0.0;
        const double w = s.mulch_water_mm, em_prev = s.mulch_evap_prev_mm;
        const double add = 0.5 * 3.5e-4 * d.new_mulch_kg_ha;
        const double deficit = 3.5e-4 * 3000.0 - (w + add) + fmin(0.85 * w, em_prev);
        cr_assert_gt(em_prev, 0.0);
        cr_assert_eq(agro_soil_water_step(NULL, &p, &s, &d, &r), 0);
        cr_assert_float_eq(r.mulch_interception_mm, fmin(10.0 * d.mulch_cover, fmax(deficit, 0.0)), 1e-12,
                           "day %d: %g", k, r.mulch_interception_mm);
        cr_assert_float_eq(s.mulch_water_mm, w + r.mulch_interception_mm + add - r.mulch_evaporation_mm, 1e-12);
    }
}

/* Under a mulch the SCS initial abstraction rises from SWABI towards 0.6 in proportion to the
 * cover (DSSAT RNOFF.for), so less rain runs off; no mulch leaves the bare-soil runoff. */
Test(soil_water_mulch, mulch_raises_the_runoff_threshold)
{
    agro_soil_profile pr = helper_loam_10_layers();
    pr.runoff_curve_number = 85.0;
    agro_soil_water_params p;
    agro_soil_water_state s;
    agro_soil_water_rates bare, mul;
    cr_assert_eq(agro_soil_water_params_from_profile(NULL, &pr, &p), 0);
    double sw[10];
    for (int i = 0; i < 10; i++) sw[i] = p.sat[i] - 0.02;
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw, &s), 0);
    agro_soil_water_drivers d = no_drivers();
    d.rain_mm = 80.0;
    cr_assert_eq(agro_soil_water_compute(NULL, &p, &s, &d, &bare), 0);
    agro_soil_water_drivers m = d;
    m.mulch_kg_ha = 4000.0;
    m.mulch_area_cm2_g = 37.0;
    m.mulch_extinction = 0.80;
    m.mulch_water_kg_kg = 0.0; /* holds no water: runoff alone */
    m.mulch_cover = agro_mulch_cover(4000.0, 37.0);
    cr_assert_eq(agro_soil_water_compute(NULL, &p, &s, &m, &mul), 0);
    cr_assert_float_eq(mul.mulch_interception_mm, 0.0, 1e-15);
    /* a mulch that holds water takes its share before the runoff is worked out (RNOFF sees the
       rain the mulch let through) */
    agro_soil_water_state sw_ = s;
    agro_soil_water_drivers mw = m;
    agro_soil_water_rates rw;
    mw.mulch_water_kg_kg = 3.8;
    cr_assert_eq(agro_soil_water_compute(NULL, &p, &sw_, &mw, &rw), 0);
    cr_assert_float_eq(rw.mulch_interception_mm, 3.8e-4 * 4000.0, 1e-12); /* from dry: all it holds */
    {
        double sw0 = 0.0;
        for (int i = 0; i < 2; i++)
            sw0 += p.wet_weight[i] * (p.sat[i] - s.sw[i]) / (p.sat[i] - 0.5 * p.ll[i]);
        const double ia = sw0 + (0.6 - sw0) * m.mulch_cover, rain = 80.0 - 3.8e-4 * 4000.0;
        const double pb1 = rain - ia * p.smx_mm;
        cr_assert_float_eq(rw.runoff_mm, pb1 > 0.0 ? pb1 * pb1 / (rain + (1.0 - ia) * p.smx_mm) : 0.0, 1e-9);
        cr_assert_float_eq(rw.runoff_mm + rw.infiltration_mm + rw.mulch_interception_mm, 80.0, 1e-9);
    }
    const double smx = p.smx_mm;
    double swabi = 0.0;
    for (int i = 0; i < 2; i++)
        swabi += p.wet_weight[i] * (p.sat[i] - s.sw[i]) / (p.sat[i] - 0.5 * p.ll[i]);
    const double iabs = swabi + (0.6 - swabi) * m.mulch_cover;
    const double pb = 80.0 - iabs * smx;
    cr_assert_float_eq(mul.runoff_mm, pb > 0.0 ? pb * pb / (80.0 + (1.0 - iabs) * smx) : 0.0, 1e-9);
    const double pb0 = 80.0 - swabi * smx;
    cr_assert_float_eq(bare.runoff_mm, pb0 * pb0 / (80.0 + (1.0 - swabi) * smx), 1e-9);
    cr_assert_lt(mul.runoff_mm, 0.7 * bare.runoff_mm);
}

Test(soil_water_mulch, bad_mulch_drivers_are_named)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    agro_soil_water_params p = loam_params();
    agro_soil_water_state s;
    agro_soil_water_rates r;
    cr_assert_eq(agro_soil_water_state_init(ctx, &p, NULL, &s), 0);
    agro_soil_water_drivers d = no_drivers();
    d.mulch_kg_ha = 2000.0;
    d.mulch_cover = 0.5;
    d.mulch_extinction = 0.8;
    d.mulch_water_kg_kg = 3.8;
    char msg[AGRO_MESSAGE_MAX];
    cr_assert_eq(agro_soil_water_compute(ctx, &p, &s, &d, &r), AGRO_ERANGE); /* AM 0 */
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert(strstr(msg, "mulch_area_cm2_g") != NULL, "%s", msg);
    d.mulch_area_cm2_g = 37.0;
    d.mulch_cover = 1.5;
    cr_assert_eq(agro_soil_water_compute(ctx, &p, &s, &d, &r), AGRO_ERANGE);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert(strstr(msg, "mulch_cover") != NULL, "%s", msg);
    d.mulch_cover = 0.5;
    d.mulch_kg_ha = NAN;
    cr_assert_eq(agro_soil_water_compute(ctx, &p, &s, &d, &r), AGRO_ENUMERIC);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert(strstr(msg, "mulch_kg_ha") != NULL, "%s", msg);
    d.mulch_kg_ha = 2000.0;
    s.mulch_water_mm = NAN; /* a garbled state */
    cr_assert_eq(agro_soil_water_compute(ctx, &p, &s, &d, &r), AGRO_ENUMERIC);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert(strstr(msg, "mulch_water_mm") != NULL, "%s", msg);
    cr_assert_eq(agro_soil_water_mulch_init(ctx, &s, -1.0, 3.8), AGRO_ERANGE);
    cr_assert(isnan(agro_mulch_cover(-1.0, 30.0)));
    agro_ctx_free(ctx);
}

/* DSSAT ALBEDO_avg: SALB darkens by up to 45 % as the top layer wets to DUL (and 90 % at twice
 * DUL's water above 0.03); a mulch shows 0.45 on what it covers (§13 of docs/design/mulch.md). */
Test(pet, soil_albedo_darkens_with_water_and_brightens_under_mulch)
{
    cr_assert_float_eq(agro_soil_surface_albedo(0.13, 0.03, 0.30, 0.0), 0.13, 1e-15);
    cr_assert_float_eq(agro_soil_surface_albedo(0.13, 0.01, 0.30, 0.0), 0.13, 1e-15);
    cr_assert_float_eq(agro_soil_surface_albedo(0.13, 0.30, 0.30, 0.0), 0.13 * 0.55, 1e-15);
    cr_assert_float_eq(agro_soil_surface_albedo(0.13, 0.60, 0.30, 0.0), 0.13 * 0.10, 1e-15);
    cr_assert_float_eq(agro_soil_surface_albedo(0.13, 0.90, 0.30, 0.0), 0.13 * 0.10, 1e-15);
    const double cover = agro_mulch_cover(3000.0, 30.0);
    cr_assert_float_eq(agro_soil_surface_albedo(0.13, 0.30, 0.30, cover), 0.296, 5e-4);
    /* DUL1 at 0.03: the quotient's limit; below it DSSAT's clamp of the negative quotient */
    cr_assert_float_eq(agro_soil_surface_albedo(0.13, 0.20, 0.03, 0.0), 0.13 * 0.10, 1e-15);
    cr_assert_float_eq(agro_soil_surface_albedo(0.13, 0.02, 0.03, 0.0), 0.13, 1e-15);
    cr_assert_float_eq(agro_soil_surface_albedo(0.13, 0.02, 0.025, 0.0), 0.13 * 0.10, 1e-15);
    cr_assert_float_eq(agro_soil_surface_albedo(0.13, 0.20, 0.025, 0.0), 0.13, 1e-15);
    cr_assert(isnan(agro_soil_surface_albedo(NAN, 0.2, 0.3, 0.0)));
}

Test(soil_water_sizes, sizeof_functions_match_structs)
{
    cr_assert_eq(agro_sizeof_soil_water_params(), sizeof(agro_soil_water_params));
    cr_assert_eq(agro_sizeof_soil_water_state(), sizeof(agro_soil_water_state));
    cr_assert_eq(agro_sizeof_soil_water_drivers(), sizeof(agro_soil_water_drivers));
    cr_assert_eq(agro_sizeof_soil_water_rates(), sizeof(agro_soil_water_rates));
}

/* Public structs carry whatever the caller wrote: a layer count the arrays cannot hold is an
 * error (integrate) or NaN (the totals), never a read or write past the arrays. */
/* Rates a caller filled with huge finite values (0x7F bytes: 1.4e306) are refused, not
 * integrated into an infinite water content (found by probing the public API) */
Test(soil_water_step, huge_rates_are_refused_and_the_state_kept)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    agro_soil_water_params p = loam_params();
    agro_soil_water_state s;
    cr_assert_eq(agro_soil_water_state_init(ctx, &p, NULL, &s), 0);
    const agro_soil_water_state before = s;
    static agro_soil_water_rates r;
    memset(&r, 0x7F, sizeof r);
    cr_expect_eq(agro_soil_water_integrate(ctx, &p, &s, &r), AGRO_ERANGE);
    cr_expect(memcmp(&s, &before, sizeof s) == 0, "the state changed");
    cr_expect(isfinite(agro_soil_water_total_mm(&p, &s)));
    agro_ctx_free(ctx);
}

/* The totals of the balance a caller's state carries must be finite: a NaN or infinite one was
 * carried through every day with AGRO_OK and agro_soil_water_balance_mm returned NaN. Each of
 * compute, integrate and step names it and changes nothing; the state the steps keep passes. */
Test(soil_water_step, a_total_that_is_not_finite_is_refused_naming_it)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    agro_soil_water_params p = loam_params();
    agro_soil_water_state s0;
    cr_assert_eq(agro_soil_water_state_init(ctx, &p, NULL, &s0), 0);
    static const struct {
        size_t offset;
        const char *name;
    } totals[] = {
        {offsetof(agro_soil_water_state, initial_mm), "initial_mm"},
        {offsetof(agro_soil_water_state, cum_rain_mm), "cum_rain_mm"},
        {offsetof(agro_soil_water_state, cum_drainage_mm), "cum_drainage_mm"},
        {offsetof(agro_soil_water_state, cum_transpiration_mm), "cum_transpiration_mm"},
        {offsetof(agro_soil_water_state, cum_mulch_water_added_mm), "cum_mulch_water_added_mm"},
        {offsetof(agro_soil_water_state, cum_rounding_mm), "cum_rounding_mm"},
        {offsetof(agro_soil_water_state, max_abs_balance_error_mm), "max_abs_balance_error_mm"},
    };
    const double bad[3] = {NAN, INFINITY, -INFINITY};
    agro_soil_water_drivers d = no_drivers();
    d.rain_mm = 12.0;
    d.eos_mm = 3.0;
    for (size_t k = 0; k < sizeof totals / sizeof totals[0]; k++)
        for (int j = 0; j < 3; j++) {
            agro_soil_water_state s = s0;
            memcpy((char *)&s + totals[k].offset, &bad[j], sizeof bad[j]);
            const agro_soil_water_state before = s;
            agro_soil_water_rates r;
            helper_expect_refusal(ctx, agro_soil_water_step(ctx, &p, &s, &d, &r), AGRO_ENUMERIC, totals[k].name);
            helper_expect_refusal(ctx, agro_soil_water_compute(ctx, &p, &s, &d, &r), AGRO_ENUMERIC, totals[k].name);
            agro_soil_water_state clean = s0;
            cr_assert_eq(agro_soil_water_compute(ctx, &p, &clean, &d, &r), AGRO_OK);
            helper_expect_refusal(ctx, agro_soil_water_integrate(ctx, &p, &s, &r), AGRO_ENUMERIC, totals[k].name);
            cr_expect(memcmp(&s, &before, sizeof s) == 0, "%s: the state changed", totals[k].name);
        }
    agro_soil_water_state s = s0;
    agro_soil_water_rates r;
    cr_expect_eq(agro_soil_water_step(ctx, &p, &s, &d, &r), AGRO_OK);
    cr_expect_lt(fabs(agro_soil_water_balance_mm(&p, &s)), 1e-9);
    agro_ctx_free(ctx);
}

Test(soil_water_step, layer_counts_outside_the_arrays_are_rejected)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    static agro_soil_water_params p;
    static agro_soil_water_state s;
    static agro_soil_water_rates r;
    memset(&p, 0, sizeof p);
    memset(&s, 0, sizeof s);
    memset(&r, 0, sizeof r);
    const int32_t bad[3] = {0, -3, AGRO_SOIL_MAX_LAYERS + 1};
    for (int k = 0; k < 3; k++) {
        p.n_layers = s.n_layers = bad[k];
        cr_expect_eq(agro_soil_water_integrate(ctx, &p, &s, &r), AGRO_EINVAL, "n_layers %d", bad[k]);
        cr_expect(isnan(agro_soil_water_total_mm(&p, &s)), "n_layers %d", bad[k]);
        cr_expect(isnan(agro_soil_water_extractable_mm(&p, &s)), "n_layers %d", bad[k]);
        cr_expect(isnan(agro_soil_water_balance_mm(&p, &s)), "n_layers %d", bad[k]);
    }
    p.n_layers = 2;
    s.n_layers = 3;
    cr_expect(isnan(agro_soil_water_total_mm(&p, &s)));
    agro_ctx_free(ctx);
}

/* integrate took whatever rates it was given: a NaN runoff returned 0 with the cumulative runoff
 * and the balance error NaN while the largest error stayed 0 (NaN > max is false); a
 * transpiration of -50 mm and 1e300 mm of rain were added to the totals. Every flux must be
 * finite and >= 0, the failure names it and leaves the state as it was. */
Test(soil_water_step, integrate_refuses_non_finite_or_negative_fluxes)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    agro_soil_water_params p = loam_params();
    agro_soil_water_state s;
    cr_assert_eq(agro_soil_water_state_init(ctx, &p, NULL, &s), 0);
    const agro_soil_water_state before = s;
    char msg[AGRO_MESSAGE_MAX];
    struct { const char *name; size_t off; double bad; int status; } cases[] = {
        {"runoff_mm", offsetof(agro_soil_water_rates, runoff_mm), NAN, AGRO_ENUMERIC},
        {"transpiration_mm", offsetof(agro_soil_water_rates, transpiration_mm), -50.0, AGRO_ERANGE},
        {"rain_mm", offsetof(agro_soil_water_rates, rain_mm), 1e300, AGRO_ERANGE},
        {"drainage_mm", offsetof(agro_soil_water_rates, drainage_mm), INFINITY, AGRO_ENUMERIC},
        {"evaporation_mm", offsetof(agro_soil_water_rates, evaporation_mm), -1e-3, AGRO_ERANGE},
        {"mulch_evaporation_mm", offsetof(agro_soil_water_rates, mulch_evaporation_mm), NAN, AGRO_ENUMERIC},
        {"sumes2_next_mm", offsetof(agro_soil_water_rates, sumes2_next_mm), -1.0, AGRO_ERANGE},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        agro_soil_water_rates r;
        memset(&r, 0, sizeof r);
        memcpy((char *)&r + cases[k].off, &cases[k].bad, sizeof(double));
        cr_expect_eq(agro_soil_water_integrate(ctx, &p, &s, &r), cases[k].status, "%s", cases[k].name);
        agro_ctx_message(ctx, msg, sizeof msg);
        cr_expect(strstr(msg, cases[k].name) != NULL, "%s: message %s", cases[k].name, msg);
        cr_expect(memcmp(&s, &before, sizeof s) == 0, "%s: the state changed", cases[k].name);
    }
    /* zero rates integrate, and the balance closes */
    agro_soil_water_rates r;
    memset(&r, 0, sizeof r);
    cr_assert_eq(agro_soil_water_integrate(ctx, &p, &s, &r), 0);
    cr_expect_lt(s.max_abs_balance_error_mm, 1e-12);
    agro_ctx_free(ctx);
}

/* The header lets a caller fill the params by hand, but compute and step did not check them:
 * smx_mm -100 gave a runoff of -32 mm with status 0; SAT below DUL, swcon_d -0.5, u_mm -10 and
 * evap_ll_factor -3 were accepted; a zero thickness and swcon_d 5 were refused with a message
 * naming SW. Each is now refused naming the parameter (and layer), the state unchanged; so is
 * state_init. */
Test(soil_water_params, hand_filled_params_are_checked_by_compute_step_and_init)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    const agro_soil_water_params p0 = loam_params();
    agro_soil_water_state s0;
    cr_assert_eq(agro_soil_water_state_init(ctx, &p0, NULL, &s0), 0);
    agro_soil_water_drivers d = no_drivers();
    d.rain_mm = 30.0;
    d.eos_mm = 4.0;
    d.uptake_mm[0] = 1.0;
    char msg[AGRO_MESSAGE_MAX];
    struct { const char *name; size_t off; double bad; int status; const char *want; } cases[] = {
        {"smx_mm -100", offsetof(agro_soil_water_params, smx_mm), -100.0, AGRO_ERANGE, "smx_mm"},
        {"smx_mm NaN", offsetof(agro_soil_water_params, smx_mm), NAN, AGRO_ENUMERIC, "smx_mm"},
        {"swcon_d -0.5", offsetof(agro_soil_water_params, swcon_d), -0.5, AGRO_ERANGE, "swcon_d"},
        {"swcon_d 5", offsetof(agro_soil_water_params, swcon_d), 5.0, AGRO_ERANGE, "swcon_d"},
        {"u_mm -10", offsetof(agro_soil_water_params, u_mm), -10.0, AGRO_ERANGE, "u_mm"},
        {"evap_ll_factor -3", offsetof(agro_soil_water_params, evap_ll_factor), -3.0, AGRO_ERANGE, "evap_ll_factor"},
        {"sat[1] 0.2 < DUL", offsetof(agro_soil_water_params, sat) + 1 * sizeof(double), 0.2, AGRO_ERANGE, "layer 2 sat"},
        {"dul[0] 0.05 < LL", offsetof(agro_soil_water_params, dul), 0.05, AGRO_ERANGE, "layer 1 dul"},
        {"ll[2] NaN", offsetof(agro_soil_water_params, ll) + 2 * sizeof(double), NAN, AGRO_ENUMERIC, "layer 3 ll"},
        {"thickness_mm[1] 0", offsetof(agro_soil_water_params, thickness_mm) + 1 * sizeof(double), 0.0, AGRO_ERANGE, "layer 2 thickness_mm"},
        {"thickness_mm[1] -150", offsetof(agro_soil_water_params, thickness_mm) + 1 * sizeof(double), -150.0, AGRO_ERANGE, "layer 2 thickness_mm"},
        {"ksat_mm_d[0] NaN", offsetof(agro_soil_water_params, ksat_mm_d), NAN, AGRO_ENUMERIC, "layer 1 ksat_mm_d"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        agro_soil_water_params p = p0;
        memcpy((char *)&p + cases[k].off, &cases[k].bad, sizeof(double));
        agro_soil_water_state s = s0;
        agro_soil_water_rates r;
        cr_expect_eq(agro_soil_water_step(ctx, &p, &s, &d, &r), cases[k].status, "step, %s", cases[k].name);
        agro_ctx_message(ctx, msg, sizeof msg);
        cr_expect(strstr(msg, cases[k].want) != NULL, "step, %s: message %s", cases[k].name, msg);
        cr_expect(memcmp(&s, &s0, sizeof s) == 0, "step, %s: the state changed", cases[k].name);
        cr_expect_eq(agro_soil_water_compute(ctx, &p, &s, &d, &r), cases[k].status, "compute, %s", cases[k].name);
        memset(&r, 0, sizeof r);
        cr_expect_eq(agro_soil_water_integrate(ctx, &p, &s, &r), cases[k].status, "integrate, %s", cases[k].name);
        agro_soil_water_state si;
        cr_expect_eq(agro_soil_water_state_init(ctx, &p, NULL, &si), cases[k].status, "state_init, %s", cases[k].name);
        agro_ctx_message(ctx, msg, sizeof msg);
        cr_expect(strstr(msg, cases[k].want) != NULL, "state_init, %s: message %s", cases[k].name, msg);
    }
    agro_ctx_free(ctx);
}

/* The uptake capacity wrote the waterlogging counters of the layers above a bad RLV before
 * refusing it (partial output on failure), gave 0 capacity for a NaN LL and a negative one for
 * a negative thickness. Every input is checked before any output is written. */
Test(soil_water_uptake, capacity_checks_every_input_before_writing)
{
    agro_soil_water_params p = loam_params();
    agro_soil_water_state s;
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, NULL, &s), 0);
    s.sw[0] = p.sat[0];
    s.sw[1] = p.sat[1];
    double rlv[10], tss[10], out[10];
    for (int i = 0; i < 10; i++) {
        rlv[i] = 1.0;
        tss[i] = 5.0;
        out[i] = -9.0;
    }
    rlv[2] = -1.0;
    cr_assert_eq(agro_root_water_uptake_capacity_pormin(NULL, &p, &s, rlv, 0.05, tss, out), AGRO_ERANGE);
    for (int i = 0; i < 10; i++) {
        cr_expect_eq(tss[i], 5.0, "layer %d: counter changed to %g", i + 1, tss[i]);
        cr_expect_eq(out[i], -9.0, "layer %d: capacity written (%g)", i + 1, out[i]);
    }
    rlv[2] = 1.0;
    agro_soil_water_params q = p;
    q.ll[1] = NAN;
    cr_expect_eq(agro_root_water_uptake_capacity(NULL, &q, &s, rlv, out), AGRO_ENUMERIC);
    q = p;
    q.thickness_mm[1] = -100.0;
    cr_expect_eq(agro_root_water_uptake_capacity(NULL, &q, &s, rlv, out), AGRO_ERANGE);
    q = p;
    q.sat[4] = q.ll[4];
    cr_expect_eq(agro_root_water_uptake_capacity(NULL, &q, &s, rlv, out), AGRO_ERANGE);
    agro_soil_water_state t = s;
    t.sw[3] = NAN;
    cr_expect_eq(agro_root_water_uptake_capacity(NULL, &p, &t, rlv, out), AGRO_ENUMERIC);
    for (int i = 0; i < 10; i++) cr_expect_eq(out[i], -9.0, "layer %d: capacity written", i + 1);
    /* and valid input still gives capacities >= 0 */
    cr_assert_eq(agro_root_water_uptake_capacity(NULL, &p, &s, rlv, out), 0);
    for (int i = 0; i < 10; i++) cr_expect_geq(out[i], 0.0);
}

/* The uptake capacity read hand-filled params with a layer of 1e-5 mm (1e-6 cm) or 1e-300 mm
 * with AGRO_OK, its check asking only > 0: it refuses one below 10·AGRO_SOIL_MIN_LAYER_CM
 * (less the 1e-8 mm allowed) as the water params' checks do, naming the argument and its index
 * from 0 as its other refusals, with nothing written; the minimum, and the minimum less the
 * allowance, are taken. */
Test(soil_water_uptake, capacity_refuses_a_layer_thinner_than_the_minimum)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    const agro_soil_water_params p0 = loam_params();
    agro_soil_water_state s;
    cr_assert_eq(agro_soil_water_state_init(NULL, &p0, NULL, &s), 0);
    static const int32_t layer[] = {0, 4, 9};
    static const double thin_mm[] = {1e-300, 1e-5, 0.005, 0.0099};
    for (size_t k = 0; k < sizeof layer / sizeof layer[0]; k++) {
        for (size_t t = 0; t < sizeof thin_mm / sizeof thin_mm[0]; t++) {
            const int32_t l = layer[k];
            agro_soil_water_params p = p0;
            p.thickness_mm[l] = thin_mm[t];
            double rlv[10], tss[10], out[10];
            for (int i = 0; i < 10; i++) rlv[i] = 1.0, tss[i] = 5.0, out[i] = -9.0;
            char element[32], want[256];
            snprintf(element, sizeof element, "p->thickness_mm[%d]", (int)l);
            helper_min_layer_message(want, sizeof want, -1, element, 0.01, "mm", thin_mm[t]);
            helper_expect_refusal(ctx, agro_root_water_uptake_capacity(ctx, &p, &s, rlv, out),
                                  AGRO_ERANGE, want);
            const int st = agro_root_water_uptake_capacity_pormin(ctx, &p, &s, rlv, 0.05, tss, out);
            helper_expect_refusal(ctx, st, AGRO_ERANGE, want);
            for (int i = 0; i < 10; i++) {
                cr_expect_eq(tss[i], 5.0, "layer %d: counter changed to %g", i + 1, tss[i]);
                cr_expect_eq(out[i], -9.0, "layer %d: capacity written (%g)", i + 1, out[i]);
            }
        }
    }
    static const double taken_mm[] = {10.0 * AGRO_SOIL_MIN_LAYER_CM,
                                      10.0 * (AGRO_SOIL_MIN_LAYER_CM - 1e-9)};
    for (size_t t = 0; t < 2; t++) {
        agro_soil_water_params p = p0;
        p.thickness_mm[4] = taken_mm[t];
        double rlv[10], out[10];
        for (int i = 0; i < 10; i++) rlv[i] = 1.0;
        cr_expect_eq(agro_root_water_uptake_capacity(ctx, &p, &s, rlv, out), AGRO_OK, "%g mm",
                     taken_mm[t]);
    }
    agro_ctx_free(ctx);
}

/* The refusals of the uptake capacity, the stress factors and the PET partition name the
 * argument (an array's layer index from 0) and the value: the status alone did not say which. */

Test(soil_water_uptake, refusals_name_the_argument_layer_and_value)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    agro_soil_water_params p = loam_params();
    agro_soil_water_state s;
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, NULL, &s), 0);
    double rlv[10], tss[10], out[10];
    for (int i = 0; i < 10; i++) rlv[i] = 1.0, tss[i] = 0.0;
    rlv[4] = -1.0;
    helper_expect_refusal(ctx, agro_root_water_uptake_capacity(ctx, &p, &s, rlv, out), AGRO_ERANGE,
                   "rlv_cm_cm3[4]: root length density must be in [0, 1e9] cm/cm3 (-1)");
    /* a non-finite value anywhere is named before a range refusal above it */
    agro_soil_water_params q = p;
    q.sat[7] = NAN;
    helper_expect_refusal(ctx, agro_root_water_uptake_capacity(ctx, &q, &s, rlv, out), AGRO_ENUMERIC,
                   "p->sat[7]: must be finite (nan)");
    rlv[4] = 1.0;
    q = p;
    q.thickness_mm[1] = -100.0;
    helper_expect_refusal(ctx, agro_root_water_uptake_capacity(ctx, &q, &s, rlv, out), AGRO_ERANGE,
                   "p->thickness_mm[1]: thickness must be in (0, 50000] mm (-100)");
    q = p;
    q.sat[4] = q.ll[4];
    helper_expect_refusal(ctx, agro_root_water_uptake_capacity(ctx, &q, &s, rlv, out), AGRO_ERANGE,
                   "p->sat[4]: saturation must be above the lower limit and <= 1");
    tss[9] = -2.0;
    helper_expect_refusal(ctx, agro_root_water_uptake_capacity_pormin(ctx, &p, &s, rlv, 0.05, tss, out),
                   AGRO_ERANGE, "tss_d[9]: waterlogged-day counter must be in [0, 1e9] d (-2)");
    tss[9] = 0.0;
    helper_expect_refusal(ctx, agro_root_water_uptake_capacity_pormin(ctx, &p, &s, rlv, 1.5, tss, out),
                   AGRO_ERANGE, "pormin: must be in [0, 1] cm3/cm3 (1.5)");
    helper_expect_refusal(ctx, agro_root_water_uptake_capacity_pormin(ctx, &p, &s, rlv, 0.05, NULL, out),
                   AGRO_EINVAL, "tss_d: NULL argument");
    agro_soil_water_state t = s;
    t.n_layers = 9;
    helper_expect_refusal(ctx, agro_root_water_uptake_capacity(ctx, &p, &t, rlv, out), AGRO_EINVAL,
                   "n_layers: water params have 10 layers, water state 9");
    double sw, tu;
    helper_expect_refusal(ctx, agro_water_stress_factors(ctx, 1.0, NAN, 1.5, &sw, &tu), AGRO_ENUMERIC,
                   "ep_mm: must be finite (nan)");
    helper_expect_refusal(ctx, agro_water_stress_factors(ctx, 1.0, 2.0, 0.0, &sw, &tu), AGRO_ERANGE,
                   "rwuep1: must be > 0 (0)");
    helper_expect_refusal(ctx, agro_water_stress_factors(ctx, -1.0, 2.0, 1.5, &sw, &tu), AGRO_ERANGE,
                   "trwup_mm: must be >= 0 mm/d (-1)");
    double eos, eop;
    helper_expect_refusal(ctx, agro_pet_partition(ctx, 5.0, -3.0, AGRO_KEP_MAIZE, &eos, &eop), AGRO_ERANGE,
                   "lai: must be >= 0 m2/m2 (-3)");
    helper_expect_refusal(ctx, agro_pet_partition(ctx, INFINITY, 3.0, AGRO_KEP_MAIZE, &eos, &eop),
                   AGRO_ENUMERIC, "eo_mm: must be finite (inf)");
    helper_expect_refusal(ctx, agro_pet_partition(ctx, 5.0, 3.0, 0.0, &eos, &eop), AGRO_ERANGE,
                   "kep: must be > 0 (0)");
    /* successes leave the context clear */
    cr_assert_eq(agro_root_water_uptake_capacity(ctx, &p, &s, rlv, out), 0);
    cr_assert_eq(agro_pet_partition(ctx, 5.0, 3.0, AGRO_KEP_MAIZE, &eos, &eop), 0);
    cr_assert_eq(agro_water_stress_factors(ctx, 1.0, 2.0, 1.5, &sw, &tu), 0);
    cr_expect_eq(agro_ctx_status(ctx), AGRO_OK);
    agro_ctx_free(ctx);
}

/* FAO-56 eq. 47 divides by ln(67.8 z − 5.42), which is <= 0 below z = 0.095 m: at 0.085 m ET0
 * came out 0 with status 0. The weather ranges Priestley–Taylor refuses (TMIN > TMAX, SRAD 500)
 * and a dew point above TMAX were accepted, and an elevation of 1e6 m failed as "ET0". Each is
 * now refused naming its field, the result not written; NaN and <= 0 heights still mean 2 m. */
Test(pet, penman_monteith_refuses_low_wind_heights_and_bad_weather_naming_them)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    agro_weather_day w;
    memset(&w, 0, sizeof w);
    w.year = 2001;
    w.doy = 100;
    w.srad_MJ_m2_d = 20.0;
    w.tmax_C = 30.0;
    w.tmin_C = 18.0;
    w.tdew_C = 15.0;
    w.wind_km_d = 150.0;
    w.rhum_pct = NAN;
    w.vprs_kPa = NAN;
    w.par_mol_m2_d = NAN;
    double et0 = -1.0, et = -1.0;
    cr_assert_eq(agro_pet_penman_monteith(ctx, &w, -6.8, 500.0, 2.0, &et0), 0);
    cr_assert_eq(agro_pet_penman_monteith(ctx, &w, -6.8, 500.0, NAN, &et), 0);
    cr_expect_float_eq(et, et0, 1e-15);
    cr_assert_eq(agro_pet_penman_monteith(ctx, &w, -6.8, 500.0, 0.0, &et), 0);
    cr_expect_float_eq(et, et0, 1e-15);
    cr_assert_eq(agro_pet_penman_monteith(ctx, &w, -6.8, 500.0, 0.1, &et), 0);
    cr_expect(isfinite(et) && et > et0, "ET0 %g at 0.1 m", et);
    char msg[AGRO_MESSAGE_MAX];
    struct { const char *what; agro_weather_day w; double elev, height; const char *field; } bad[6];
    for (int k = 0; k < 6; k++) {
        bad[k].w = w;
        bad[k].elev = 500.0;
        bad[k].height = 2.0;
    }
    bad[0].what = "wind height 0.085 m"; bad[0].height = 0.085; bad[0].field = "wind_height_m";
    bad[1].what = "wind height 0.05 m"; bad[1].height = 0.05; bad[1].field = "wind_height_m";
    bad[2].what = "TMIN 35 > TMAX 20"; bad[2].w.tmin_C = 35.0; bad[2].w.tmax_C = 20.0; bad[2].field = "TMIN";
    bad[3].what = "SRAD 500"; bad[3].w.srad_MJ_m2_d = 500.0; bad[3].field = "SRAD";
    bad[4].what = "TDEW 40 > TMAX 30"; bad[4].w.tdew_C = 40.0; bad[4].field = "TDEW";
    bad[5].what = "elevation 1e6 m"; bad[5].elev = 1e6; bad[5].field = "elevation_m";
    for (int k = 0; k < 6; k++) {
        et = -1.0;
        cr_expect_eq(agro_pet_penman_monteith(ctx, &bad[k].w, -6.8, bad[k].elev, bad[k].height, &et),
                     AGRO_ERANGE, "%s", bad[k].what);
        agro_ctx_message(ctx, msg, sizeof msg);
        cr_expect(strstr(msg, bad[k].field) != NULL, "%s: %s", bad[k].what, msg);
        cr_expect_eq(et, -1.0, "%s: the result was written (%g)", bad[k].what, et);
    }
    agro_ctx_free(ctx);
}

/* A mulch cover outside [0, 1] gave an albedo (1.5 → 0.633, −1 → −0.28); it is NaN now, as for a
 * non-finite argument. */
Test(pet, soil_albedo_is_nan_for_a_cover_outside_zero_to_one)
{
    cr_expect(isnan(agro_soil_surface_albedo(0.13, 0.2, 0.25, 1.5)));
    cr_expect(isnan(agro_soil_surface_albedo(0.13, 0.2, 0.25, -1.0)));
    cr_expect(isnan(agro_soil_surface_albedo(0.13, 0.2, 0.25, NAN)));
    cr_expect_float_eq(agro_soil_surface_albedo(0.13, 0.2, 0.25, 1.0), 0.45, 1e-15);
    cr_expect(isfinite(agro_soil_surface_albedo(0.13, 0.2, 0.25, 0.0)));
}

/* SOILEV is told WINF = WATAVL − RUNOFF + IRRAMT (DSSAT WATBAL.for, SPAM.for), the infiltration
 * before INFIL backs up what a KSAT-limited layer cannot take. On a crusted soil (2 cm top layer,
 * SSKS 0.01 cm/h) in stage 2 (SUMES2 10 mm), 40 mm of rain restart stage 1 in DSSAT: WINF is
 * about 31 mm. Given the ~5 mm that entered after the back-up, agrosim stayed in stage 2. */
Test(soil_water_evaporation, rain_on_a_crust_restarts_stage_one_from_dssat_winf)
{
    agro_soil_profile pr = helper_loam_10_layers();
    pr.depth_cm[0] = 2.0;
    pr.ksat_cm_h[0] = 0.01;
    agro_soil_water_params p;
    cr_assert_eq(agro_soil_water_params_from_profile(NULL, &pr, &p), 0);
    agro_soil_water_state s;
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, NULL, &s), 0);
    s.sumes1_mm = p.u_mm;
    s.sumes2_mm = 10.0;
    s.t_stage2_d = (10.0 / 3.5) * (10.0 / 3.5);
    agro_soil_water_drivers d = no_drivers();
    d.rain_mm = 40.0;
    d.eos_mm = 5.0;
    agro_soil_water_rates r;
    cr_assert_eq(agro_soil_water_compute(NULL, &p, &s, &d, &r), 0);
    cr_assert_lt(r.infiltration_mm, 10.0, "the crust let %g mm in", r.infiltration_mm);
    cr_assert_gt(d.rain_mm - r.runoff_mm, 0.0);
    cr_expect_eq(r.sumes2_next_mm, 0.0, "still in stage 2: SUMES2 %g", r.sumes2_next_mm);
    cr_expect_lt(r.sumes1_next_mm, p.u_mm, "SUMES1 %g", r.sumes1_next_mm);
    cr_expect_eq(r.t_stage2_next_d, 0.0);
}

/* SPAM.for calls SOILEV only when EOS_SOIL > 1e-6: a rain day without demand leaves the stage
 * sums as they were (agrosim reset SUMES1 6 → 0 and SUMES2 10 → 0). UP_FLOW, which WATBAL calls
 * whatever the demand, still runs, also when a mulch takes all the demand (it was skipped). */
Test(soil_water_evaporation, no_demand_leaves_the_stage_sums_and_upflow_still_runs)
{
    agro_soil_water_params p = loam_params();
    agro_soil_water_state s;
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, NULL, &s), 0);
    s.sumes1_mm = p.u_mm;
    s.sumes2_mm = 10.0;
    s.t_stage2_d = (10.0 / 3.5) * (10.0 / 3.5);
    agro_soil_water_drivers d = no_drivers();
    d.rain_mm = 20.0;
    agro_soil_water_rates r;
    cr_assert_eq(agro_soil_water_compute(NULL, &p, &s, &d, &r), 0);
    cr_expect_eq(r.evaporation_mm, 0.0);
    cr_expect_eq(r.sumes1_next_mm, s.sumes1_mm, "SUMES1 %g", r.sumes1_next_mm);
    cr_expect_eq(r.sumes2_next_mm, s.sumes2_mm, "SUMES2 %g", r.sumes2_next_mm);
    cr_expect_eq(r.t_stage2_next_d, s.t_stage2_d, "T %g", r.t_stage2_next_d);

    /* dry topsoil over wet subsoil under a mulch that takes all of EOS = 1 mm */
    double sw[10];
    for (int i = 0; i < 10; i++) sw[i] = i < 3 ? p.ll[i] + 0.01 : p.dul[i];
    cr_assert_eq(agro_soil_water_state_init(NULL, &p, sw, &s), 0);
    cr_assert_eq(agro_soil_water_mulch_init(NULL, &s, 10000.0, 3.5), 0);
    d = no_drivers();
    d.eos_mm = 1.0;
    d.mulch_kg_ha = 10000.0;
    d.mulch_area_cm2_g = 30.0;
    d.mulch_cover = agro_mulch_cover(10000.0, 30.0);
    d.mulch_extinction = 0.86;
    d.mulch_water_kg_kg = 3.5;
    cr_assert_eq(agro_soil_water_compute(NULL, &p, &s, &d, &r), 0);
    cr_assert_gt(r.mulch_evaporation_mm, 0.0);
    cr_expect_eq(r.evaporation_mm, 0.0);
    cr_expect_gt(r.upflux_mm, 0.0, "no upward flow under a mulch that took the demand");
}
