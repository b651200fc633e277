/* Phosphorus: the soil P model (initialisation by soil type and soil test, the flows between
 * pools, root zone, fertiliser, organic P, balance), the maize plant P (stress factors), and
 * whole seasons in a field and through the DSSAT runner (GHWA0401, N × P). */
#define _POSIX_C_SOURCE 200809L /* helpers/files.h */
#include <criterion/criterion.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "agrosim/agrosim.h"
#include "field/field_internal.h"
#include "internal/soil_profile.h"
#include "maize/maize_internal.h"
#include "helpers/files.h"
#include "helpers/season.h"
#include "helpers/refusal.h"

#define V AGROSIM_VALIDATION_DIR "/dssat"

static agro_ctx *ctx;
static void setup(void) { cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK); }
static void teardown(void) { agro_ctx_free(ctx); }
static const char *msg(void) { return helper_message(ctx); }

/* A sandy loam like GHWA040001 (CEC 1 cmol/kg over 7.5 % clay: highly weathered), Bray No. 1
 * P of @p bray mg/kg in every layer. */
static agro_soil_profile sandy(double bray)
{
    agro_soil_profile p;
    agro_soil_profile_clear(&p);
    p.albedo = 0.13;
    p.evap_limit_mm = 6.0;
    p.drainage_rate_d = 0.5;
    p.runoff_curve_number = 70.0;
    p.n_layers = 6;
    p.p_method = 2; /* SA002, Bray No. 1 */
    const double depth[6] = {5, 15, 30, 45, 60, 90};
    for (int i = 0; i < 6; i++) {
        p.depth_cm[i] = depth[i];
        p.ll[i] = 0.08;
        p.dul[i] = 0.20;
        p.sat[i] = 0.36;
        p.root_growth_factor[i] = exp(-0.02 * depth[i]);
        p.bulk_density_g_cm3[i] = 1.54;
        p.organic_carbon_pct[i] = 0.49;
        p.clay_pct[i] = 7.5;
        p.cec_cmol_kg[i] = 1.0;
        p.ph_water[i] = 6.3;
        p.extractable_p_mg_kg[i] = bray;
    }
    return p;
}

TestSuite(soil_p, .init = setup, .fini = teardown);

/* Labile P from Bray No. 1 on a highly weathered layer (0.41·P + 5.55 for P in (1, 6.29]),
 * the availability index −0.30·log10(clay) + 0.68, the rate constants, active = labile·
 * k_lab2act/k_act2lab = 3·labile/PAI and stable = 4·active, by hand (DSSAT SoilPi_init.for). */
Test(soil_p, initial_pools_follow_the_soil_test_and_soil_type)
{
    agro_soil_profile pr = sandy(2.3);
    agro_soil_p_params p;
    agro_soil_p_state s;
    cr_assert_eq(agro_soil_p_init(ctx, &pr, &p, &s), AGRO_OK, "%s", msg());
    cr_expect_eq(p.layer_type[0], AGRO_SOIL_P_HIGHLY_WEATHERED);
    const double lab = 0.41 * 2.3 + 5.55, pai = -0.30 * log10(7.5) + 0.68;
    const double k1 = sqrt((1 - pai) / pai) * 0.03, k2 = k1 / 3 * pai;
    const double kpp = 1.54 * 5.0 / 10.0; /* kg/ha per mg/kg of the 5 cm top layer */
    cr_expect_float_eq(p.pai[0], pai, 1e-12);
    cr_expect_float_eq(p.k_lab2act[0], k1, 1e-15);
    cr_expect_float_eq(p.k_act2lab[0], k2, 1e-15);
    cr_expect_float_eq(p.k_act2sta[0], exp(-1.77 * pai - 7.05), 1e-15);
    cr_expect_float_eq(s.lab_out[0], lab * kpp, 1e-12);
    cr_expect_float_eq(s.act_out[0], lab * 3.0 / pai * kpp, 1e-9);
    cr_expect_float_eq(s.sta_out[0], 4.0 * s.act_out[0], 1e-9);
    cr_expect_eq(s.lab_rts[0], 0.0, "no root zone before roots");
    cr_expect_float_eq(p.frac_soln[0], 0.015, 1e-15); /* highly weathered */
    /* humus P from pH and organic C where SLPO is unknown: 200·e^(−1.85((pH−3)/6)²)·
       (1 − e^(−0.35·OC)) mg/kg (SoilOrg_init.for) */
    const double x = (6.3 - 3.0) / 6.0;
    cr_expect_float_eq(s.humus_p[0], 200.0 * exp(-1.85 * x * x) * (1 - exp(-0.35 * 0.49)) * kpp, 1e-9);
    /* calcareous (CaCO3 > 0.15 %) and slightly weathered (CEC per clay > 16) layers */
    pr.caco3_g_kg[0] = 5.0;  /* 0.5 % */
    pr.cec_cmol_kg[1] = 20.0; /* 267 cmol/kg clay */
    cr_assert_eq(agro_soil_p_init(ctx, &pr, &p, &s), AGRO_OK, "%s", msg());
    cr_expect_eq(p.layer_type[0], AGRO_SOIL_P_CALCAREOUS);
    cr_expect_eq(p.layer_type[1], AGRO_SOIL_P_SLIGHTLY_WEATHERED);
    cr_expect_float_eq(s.lab_out[0], (1.81 * 2.3 + 1.88) * kpp, 1e-12);
    cr_expect_float_eq(p.pai[0], -0.0058 * 0.5 + 0.60, 1e-12);
}

/* Missing soil test, unknown method and a method without an equation for the soil type are
 * errors naming the DSSAT field (and layer), as DSSAT stops. */
Test(soil_p, missing_or_unusable_soil_tests_are_named)
{
    agro_soil_p_params p;
    agro_soil_p_state s;
    agro_soil_profile pr = sandy(2.3);
    pr.extractable_p_mg_kg[3] = NAN;
    cr_expect_eq(agro_soil_p_init(ctx, &pr, &p, &s), AGRO_EMISSING);
    cr_expect(strstr(msg(), "SLPX") && strstr(msg(), "layer 4"), "%s", msg());
    pr = sandy(2.3);
    pr.p_method = 0;
    cr_expect_eq(agro_soil_p_init(ctx, &pr, &p, &s), AGRO_EMISSING);
    cr_expect(strstr(msg(), "SMPX") != NULL, "%s", msg());
    pr.p_method = 13; /* Mehlich 3: no equation in DSSAT 4.8 */
    cr_expect_eq(agro_soil_p_init(ctx, &pr, &p, &s), AGRO_ERANGE);
    cr_expect(strstr(msg(), "SMPX") != NULL, "%s", msg());
}

/* A soil test missing in a deep layer, or a method without an equation for a deep layer's soil
 * type, leaves the caller's params and state as they were: agro_soil_p_init zeroed both and
 * filled the layers above the bad one before it found the bad one. */
Test(soil_p, a_soil_test_refused_in_a_deep_layer_leaves_params_and_state_unchanged)
{
    agro_soil_p_params p;
    agro_soil_p_state s;
    agro_soil_profile pr = sandy(2.3);
    cr_assert_eq(agro_soil_p_init(ctx, &pr, &p, &s), AGRO_OK, "%s", msg());
    const agro_soil_p_params keep_p = p;
    const agro_soil_p_state keep_s = s;
    pr = sandy(4.0); /* other pools in every layer */
    pr.extractable_p_mg_kg[5] = NAN;
    cr_expect_eq(agro_soil_p_init(ctx, &pr, &p, &s), AGRO_EMISSING);
    cr_expect(strstr(msg(), "SLPX") && strstr(msg(), "layer 6"), "%s", msg());
    cr_expect(memcmp(&keep_p, &p, sizeof p) == 0, "params changed by a refused profile (SLPX)");
    cr_expect(memcmp(&keep_s, &s, sizeof s) == 0, "state changed by a refused profile (SLPX)");
    /* Mehlich 3 (no equation in DSSAT 4.8): refused at layer 1, after both were zeroed */
    pr = sandy(4.0);
    pr.p_method = 13;
    cr_expect_eq(agro_soil_p_init(ctx, &pr, &p, &s), AGRO_ERANGE);
    cr_expect(memcmp(&keep_p, &p, sizeof p) == 0, "params changed by a refused profile (SMPX)");
    cr_expect(memcmp(&keep_s, &s, sizeof s) == 0, "state changed by a refused profile (SMPX)");
}

/* agro_soil_p_init refuses @p pr with @p status, naming @p name, and leaves params and state as
 * they were */
static void expect_refused_unchanged(const agro_soil_profile *pr, int status, const char *name,
                                     double v)
{
    agro_soil_p_params p, p0;
    agro_soil_p_state s, s0;
    memset(&p0, 0x5a, sizeof p0);
    memset(&s0, 0x5a, sizeof s0);
    memcpy(&p, &p0, sizeof p);
    memcpy(&s, &s0, sizeof s);
    cr_expect_eq(agro_soil_p_init(ctx, pr, &p, &s), status, "%s = %g: %s", name, v, msg());
    cr_expect(strstr(msg(), name) != NULL, "%s", msg());
    cr_expect(memcmp(&p, &p0, sizeof p) == 0 && memcmp(&s, &s0, sizeof s) == 0,
              "%s: params or state changed", name);
}

/* A layer thinner than AGRO_SOIL_MIN_LAYER_CM is refused by agro_soil_p_init naming its SLB, as
 * the water, N and CENTURY constructors refuse it (it was taken: 1e-12 cm below 5 cm). */
Test(soil_p, a_layer_thinner_than_the_minimum_is_named_by_its_slb)
{
    static const double thin[] = {1e-12, 1e-6, 0.0009};
    for (size_t t = 0; t < sizeof thin / sizeof thin[0]; t++) {
        agro_soil_profile pr = sandy(4.0);
        pr.depth_cm[1] = pr.depth_cm[0] + thin[t];
        expect_refused_unchanged(&pr, AGRO_ERANGE, "layer 2 SLB: the layer from 5 to ", thin[t]);
    }
    agro_soil_profile pr = sandy(4.0);
    pr.depth_cm[1] = pr.depth_cm[0] + 0.001;
    agro_soil_p_params p;
    agro_soil_p_state s;
    cr_expect_eq(agro_soil_p_init(ctx, &pr, &p, &s), AGRO_OK, "%s", msg());
}

/* A profile the pools cannot be made from is refused, naming the DSSAT field and the layer,
 * before params or state change (found by an independent review: depths 10, 5, 60 gave
 * negative pools, NaN depth or infinite BD NaN pools, LL or SAT NaN a NaN available P with
 * the step OK, OC -3 % humus P -327 kg/ha, and LL 0 an infinite texture factor that also
 * passed agro_field_create); agro_soil_p_set_saturation refuses an LL of 0 in the params. */
Test(soil_p, a_profile_without_thickness_mass_ll_sat_or_carbon_is_refused_by_field_and_layer)
{
    static const struct {
        int what, layer;
        double v;
        int status;
        const char *name;
    } cases[] = {
        {0, 1, 3.0, AGRO_EORDER, "layer 2 SLB"},     /* depths 5, 3, 30 ... */
        {0, 0, 0.0, AGRO_EORDER, "layer 1 SLB"},     /* no thickness */
        {0, 0, NAN, AGRO_ENUMERIC, "layer 1 SLB"},
        {1, 2, INFINITY, AGRO_ENUMERIC, "layer 3 SBDM"},
        {1, 2, -1.3, AGRO_ERANGE, "layer 3 SBDM"},
        {2, 0, 0.0, AGRO_ERANGE, "layer 1 SLLL"},
        {2, 3, NAN, AGRO_ENUMERIC, "layer 4 SLLL"},
        {3, 0, NAN, AGRO_ENUMERIC, "layer 1 SSAT"},
        {3, 5, 0.05, AGRO_ERANGE, "layer 6 SSAT"},    /* below LL 0.08 */
        {4, 0, -3.0, AGRO_ERANGE, "layer 1 SLOC"},
        {4, 4, INFINITY, AGRO_ENUMERIC, "layer 5 SLOC"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        agro_soil_profile pr = sandy(2.3);
        double *field[5] = {pr.depth_cm, pr.bulk_density_g_cm3, pr.ll, pr.sat, pr.organic_carbon_pct};
        field[cases[k].what][cases[k].layer] = cases[k].v;
        expect_refused_unchanged(&pr, cases[k].status, cases[k].name, cases[k].v);
    }
    agro_soil_p_params p;
    agro_soil_p_state s;
    /* unknown bulk density and organic C still take the defaults */
    agro_soil_profile pr = sandy(2.3);
    pr.bulk_density_g_cm3[0] = NAN;
    pr.organic_carbon_pct[0] = NAN;
    cr_expect_eq(agro_soil_p_init(ctx, &pr, &p, &s), AGRO_OK, "%s", msg());
    cr_expect_float_eq(p.kg_ha_per_ppm[0], 1.2 * 5.0 / 10.0, 1e-12);

    /* a field with the P model: LL 0 was taken (the water model allows it) */
    pr = sandy(2.3);
    pr.ll[0] = 0.0;
    agro_field_options o;
    agro_field_options_default(&o);
    o.phosphorus_limited = 1;
    agro_field *f = NULL;
    cr_expect_eq(agro_field_create(ctx, &pr, &o, &f), AGRO_ERANGE);
    cr_expect(strstr(msg(), "layer 1 SLLL") != NULL, "%s", msg());
    agro_field_free(f);

    /* agro_soil_p_set_saturation with an LL of 0 in the params */
    pr = sandy(2.3);
    cr_assert_eq(agro_soil_p_init(ctx, &pr, &p, &s), AGRO_OK, "%s", msg());
    double sat[6], sw[6];
    for (int i = 0; i < 6; i++) {
        sat[i] = 0.40;
        sw[i] = 0.15;
    }
    p.ll[2] = 0.0;
    const agro_soil_p_params p0 = p;
    const agro_soil_p_state s0 = s;
    cr_expect_eq(agro_soil_p_set_saturation(ctx, &p, &s, sat, sw, 6), AGRO_ERANGE);
    cr_expect(strstr(msg(), "layer 3 SLLL") != NULL, "%s", msg());
    cr_expect(memcmp(&p, &p0, sizeof p) == 0 && memcmp(&s, &s0, sizeof s) == 0, "params or state changed");
    p.ll[2] = NAN;
    cr_expect_eq(agro_soil_p_set_saturation(ctx, &p, &s, sat, sw, 6), AGRO_ENUMERIC);
    cr_expect(isfinite(p.tex_fac[0]) && isfinite(p.tex_fac[2]));
}

static void drivers_at(agro_soil_p_drivers *d, double sw)
{
    memset(d, 0, sizeof *d);
    for (int i = 0; i < AGRO_SOIL_MAX_LAYERS; i++) d->sw[i] = sw;
}

/* Soil tests and chemistry no soil has (found by a review: SLPX 1e300, clay -5 %, CaCO3 -20 %,
 * EXK -50 cmol/kg were taken, and the step took SW 7) are refused by agro_soil_p_init with
 * AGRO_ERANGE (AGRO_ENUMERIC if not finite) naming the DSSAT field and the layer, in the
 * bounds of the soil file checks (agro_soil_check), with params and state left as they were;
 * unknown (NaN) values still take their defaults. A method without an equation for the soil
 * type now leaves them as they were too, and agro_soil_p_step refuses an SW above 1. */
Test(soil_p, soil_chemistry_and_water_no_soil_has_are_refused_by_field_and_layer)
{
    static const struct {
        int what, layer;
        double v;
        int status;
        const char *name;
    } cases[] = {
        {0, 3, 1e300, AGRO_ERANGE, "layer 4 SLPX"},
        {0, 0, -1.0, AGRO_ERANGE, "layer 1 SLPX"},
        {0, 1, INFINITY, AGRO_ENUMERIC, "layer 2 SLPX"},
        {1, 1, -5.0, AGRO_ERANGE, "layer 2 SLCL"},
        {1, 2, 130.0, AGRO_ERANGE, "layer 3 SLCL"},
        {2, 0, -200.0, AGRO_ERANGE, "layer 1 CACO3"}, /* -20 % */
        {3, 2, -50.0, AGRO_ERANGE, "layer 3 SLKE"},
        {4, 4, -1.0, AGRO_ERANGE, "layer 5 SLBS"},
        {5, 5, 1e9, AGRO_ERANGE, "layer 6 SCEC"},
        {6, 0, -INFINITY, AGRO_ENUMERIC, "layer 1 SLPO"},
        {7, 1, 14.5, AGRO_ERANGE, "layer 2 SLHW"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        agro_soil_profile pr = sandy(2.3);
        double *field[8] = {pr.extractable_p_mg_kg, pr.clay_pct, pr.caco3_g_kg, pr.exch_k_cmol_kg,
                            pr.base_sum_cmol_kg, pr.cec_cmol_kg, pr.organic_p_mg_kg, pr.ph_water};
        field[cases[k].what][cases[k].layer] = cases[k].v;
        expect_refused_unchanged(&pr, cases[k].status, cases[k].name, cases[k].v);
    }
    /* (a method with no equation for the soil type: a_soil_test_refused_in_a_deep_layer_…) */
    /* unknown chemistry (NaN) and the bounds themselves are taken */
    agro_soil_p_params p;
    agro_soil_p_state s;
    agro_soil_profile pr = sandy(2.3);
    pr.clay_pct[0] = pr.caco3_g_kg[0] = pr.exch_k_cmol_kg[0] = NAN;
    pr.clay_pct[1] = 100.0;
    pr.caco3_g_kg[1] = 0.0;
    pr.extractable_p_mg_kg[2] = 0.0;
    cr_assert_eq(agro_soil_p_init(ctx, &pr, &p, &s), AGRO_OK, "%s", msg());
    cr_expect_float_eq(p.clay_pct[0], 30.0, 1e-12); /* DSSAT SOILDYN's default */

    /* the step: SW 7 in layer 3 */
    agro_soil_p_drivers d;
    drivers_at(&d, 0.15);
    d.sw[2] = 7.0;
    const agro_soil_p_state before = s;
    cr_expect_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_ERANGE);
    cr_expect(strstr(msg(), "layer 3 sw") != NULL, "%s", msg());
    cr_expect_eq(memcmp(&before, &s, sizeof s), 0, "a refused step changed the state");
    d.sw[2] = 1.0;
    cr_expect_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_OK, "%s", msg());
}

/* The sandy column at Bray 4 mg/kg in @p s, and in @p twin the same column after one step
 * with the drivers @p d (SW 0.15, no organic matter flows): the baseline a test compares a
 * step with one more input against. */
/* The P model of the sandy column at Bray 4 mg/kg, with drivers at SW 0.15 and nothing else */
static void start_sandy(agro_soil_p_params *p, agro_soil_p_state *s, agro_soil_p_drivers *d)
{
    agro_soil_profile pr = sandy(4.0);
    cr_assert_eq(agro_soil_p_init(ctx, &pr, p, s), AGRO_OK, "%s", msg());
    drivers_at(d, 0.15);
}

static void start_with_twin(agro_soil_p_params *p, agro_soil_p_state *s, agro_soil_p_state *twin,
                            agro_soil_p_drivers *d)
{
    start_sandy(p, s, d);
    *twin = *s;
    cr_assert_eq(agro_soil_p_step(ctx, p, twin, d, NULL), AGRO_OK);
}

/* Without roots or inputs the step only moves P between pools: labile and active start at
 * their equilibrium and stay there; stable starts at 4 × active, off its own equilibrium
 * (k_act2sta/k_sta2act × active), and moves toward it; the total is conserved. */
Test(soil_p, flows_conserve_p_and_keep_labile_active_equilibrium)
{
    agro_soil_p_params p;
    agro_soil_p_state s;
    agro_soil_p_drivers d;
    start_sandy(&p, &s, &d);
    const double total0 = agro_soil_p_total_kg_ha(&s), sta0 = s.sta_out[2];
    const double sta_eq = p.k_act2sta[2] / p.k_sta2act[2] * s.act_out[2];
    const double ratio0 = s.act_out[2] / s.lab_out[2];
    agro_soil_p_rates r;
    for (int day = 0; day < 365; day++)
        cr_assert_eq(agro_soil_p_step(ctx, &p, &s, &d, &r), AGRO_OK, "%s", msg());
    cr_expect(fabs(agro_soil_p_total_kg_ha(&s) - total0) < 1e-9, "total %g -> %g", total0,
              agro_soil_p_total_kg_ha(&s));
    cr_expect(fabs(agro_soil_p_balance_kg_ha(&s)) < 1e-9);
    cr_expect((s.sta_out[2] - sta0) * (sta_eq - sta0) > 0.0,
              "stable P must move toward its equilibrium: %g -> %g (equilibrium %g)", sta0,
              s.sta_out[2], sta_eq);
    cr_expect(s.act_out[2] / s.lab_out[2] < ratio0 * 1.02 && s.act_out[2] / s.lab_out[2] > ratio0 * 0.98,
              "labile/active left their equilibrium: %g vs %g", s.act_out[2] / s.lab_out[2], ratio0);
    cr_expect_eq(agro_soil_p_available_kg_ha(&s), 0.0, "nothing available without roots");
    /* the inorganic P is the three pools in and outside the root zone of every layer */
    double inorganic = 0.0;
    for (int i = 0; i < s.n_layers; i++)
        inorganic += s.lab_rts[i] + s.lab_out[i] + s.act_rts[i] + s.act_out[i] + s.sta_rts[i] +
                     s.sta_out[i];
    cr_expect_float_eq(agro_soil_p_inorganic_kg_ha(&s), inorganic, 1e-9 * inorganic);
    cr_expect_gt(inorganic, 0.0);
    cr_expect(isnan(agro_soil_p_inorganic_kg_ha(NULL)));
    /* a state whose layer count cannot index its arrays is no profile: NaN, not a read past
       them (found by probing the public API) */
    agro_soil_p_state bad = s;
    for (int32_t n = 0; n < 2; n++) {
        bad.n_layers = n ? AGRO_SOIL_MAX_LAYERS + 1 : INT32_MAX;
        cr_expect(isnan(agro_soil_p_inorganic_kg_ha(&bad)) && isnan(agro_soil_p_available_kg_ha(&bad)) &&
                  isnan(agro_soil_p_labile_kg_ha(&bad)) && isnan(agro_soil_p_total_kg_ha(&bad)) &&
                  isnan(agro_soil_p_balance_kg_ha(&bad)));
    }
}

/* With CENTURY the organic P lives outside the state (soil_century.h): what it releases net
 * into the labile P, or takes from it, is an input of the state's balance, which closes to
 * rounding (before 2026-11-30 agro_soil_p_balance_kg_ha left it out and was off by the net
 * release, -1.31 kg P/ha over a season in a field). The immobilisation no labile P can meet
 * never reached the state and is not counted. */
Test(soil_p, the_balance_counts_what_century_organic_matter_gives_and_takes)
{
    agro_soil_p_params p;
    agro_soil_p_state s;
    agro_soil_p_drivers d;
    start_sandy(&p, &s, &d);
    agro_century_rates om;
    agro_soil_p_rates r;
    /* more immobilisation than the profile's labile P (at its start, in equilibrium with the
       active P): what is met leaves the state, the rest is unmet */
    memset(&om, 0, sizeof om);
    om.immobilised_p[1] = 1e4;
    const double labile0 = agro_soil_p_labile_kg_ha(&s);
    cr_assert_eq(agro_soil_p_step_century(ctx, &p, &s, &d, &om, &r), AGRO_OK, "%s", msg());
    cr_expect_float_eq(r.immobilised_kg_ha, labile0, 1e-9 * labile0);
    cr_expect_float_eq(r.unmet_immobilised_kg_ha, 1e4 - labile0, 1e-9);
    cr_expect(fabs(agro_soil_p_balance_kg_ha(&s)) < 1e-9, "balance %g after %g kg P/ha immobilised",
              agro_soil_p_balance_kg_ha(&s), r.immobilised_kg_ha);
    /* then a release, 0.07 kg P/ha a day (less what the emptied labile P cannot give to the
       immobilisation at first) for 100 days */
    memset(&om, 0, sizeof om);
    om.mineralised_p[0] = 0.03; /* the surface's, into layer 1 */
    om.mineralised_p[1] = 0.05;
    om.immobilised_p[2] = 0.02;
    om.mineralised_p[3] = 0.01;
    double net = 0.0;
    for (int day = 0; day < 100; day++) {
        cr_assert_eq(agro_soil_p_step_century(ctx, &p, &s, &d, &om, &r), AGRO_OK, "%s", msg());
        net += r.mineralised_kg_ha - r.immobilised_kg_ha;
    }
    cr_expect_gt(net, 5.0, "%g kg P/ha released net", net);
    cr_expect(fabs(agro_soil_p_balance_kg_ha(&s)) < 1e-9, "balance %g after %g kg P/ha released",
              agro_soil_p_balance_kg_ha(&s), net);
    cr_expect_lt(s.max_abs_balance_error_kg_ha, 1e-9);
    /* a rate that is no rate is refused, naming its array, with the state kept */
    const agro_soil_p_state kept = s;
    om.immobilised_p[2] = NAN;
    cr_expect_eq(agro_soil_p_step_century(ctx, &p, &s, &d, &om, &r), AGRO_ENUMERIC);
    cr_expect(strstr(msg(), "immobilised_p") && strstr(msg(), "layer 2"), "%s", msg());
    om.immobilised_p[2] = 0.02;
    om.mineralised_p[1] = -1.0;
    cr_expect_eq(agro_soil_p_step_century(ctx, &p, &s, &d, &om, &r), AGRO_ERANGE);
    cr_expect(strstr(msg(), "mineralised_p") && strstr(msg(), "layer 1"), "%s", msg());
    cr_expect(memcmp(&s, &kept, sizeof s) == 0, "state changed by refused CENTURY rates");
}

/* A CENTURY immobilisation of 99 % of a layer's labile P on a day its labile P is above the
 * equilibrium with the active P (20 kg P/ha of fertiliser the day before) empties the labile
 * pool: the day's net labile → active flow takes only what the immobilisation left, the layer's
 * inorganic P falls by just the immobilised P and the balance closes. Before 2026-11-30 the
 * flow, k × the day's starting pool, took 0.33 kg P/ha from the 0.22 left and the step failed
 * with AGRO_ENUMERIC ("layer 2 labile P: P pool would become (-0.114827)"); DSSAT's PCHECK
 * would set the pool to 0 and create the P. */
Test(soil_p, a_century_immobilisation_of_nearly_all_labile_p_above_equilibrium_empties_it)
{
    agro_soil_p_params p;
    agro_soil_p_state s;
    agro_soil_p_drivers d;
    start_sandy(&p, &s, &d);
    agro_century_rates om;
    memset(&om, 0, sizeof om);
    agro_soil_p_rates r;
    const int32_t L = 1;
    cr_assert_eq(agro_soil_p_fertilise(ctx, &p, &s, L, 20.0, 0.0), AGRO_OK);
    cr_assert_eq(agro_soil_p_step_century(ctx, &p, &s, &d, &om, &r), AGRO_OK, "%s", msg());
    const double lab = s.lab_rts[L] + s.lab_out[L];
    const double eq = (s.act_rts[L] + s.act_out[L]) * p.k_act2lab[L] / p.k_lab2act[L];
    cr_assert_gt(lab, 1.5 * eq, "labile %g kg P/ha, at equilibrium %g", lab, eq);
    const double inorganic0 = agro_soil_p_inorganic_kg_ha(&s);
    om.immobilised_p[L + 1] = 0.99 * lab; /* (CENTURY's layers count from the surface, 0) */
    cr_assert_eq(agro_soil_p_step_century(ctx, &p, &s, &d, &om, &r), AGRO_OK, "%s", msg());
    cr_expect_float_eq(r.immobilised[L], 0.99 * lab, 1e-12);
    cr_expect_eq(r.unmet_immobilised_kg_ha, 0.0);
    cr_expect(s.lab_rts[L] + s.lab_out[L] >= 0.0 && s.lab_rts[L] + s.lab_out[L] < 1e-9,
              "labile P %g kg P/ha", s.lab_rts[L] + s.lab_out[L]);
    cr_expect_float_eq(agro_soil_p_inorganic_kg_ha(&s), inorganic0 - 0.99 * lab, 1e-9,
                       "inorganic P %.9g -> %.9g kg P/ha with %.9g immobilised", inorganic0,
                       agro_soil_p_inorganic_kg_ha(&s), 0.99 * lab);
    cr_expect(fabs(agro_soil_p_balance_kg_ha(&s)) < 1e-9, "balance %g", agro_soil_p_balance_kg_ha(&s));
    cr_expect_lt(s.max_abs_balance_error_kg_ha, 1e-9);
    /* and the next day starts from the emptied pool: the active P gives some back */
    memset(&om, 0, sizeof om);
    cr_assert_eq(agro_soil_p_step_century(ctx, &p, &s, &d, &om, &r), AGRO_OK, "%s", msg());
    cr_expect_gt(s.lab_rts[L] + s.lab_out[L], 0.0);
}

/* Roots make a root zone (5 × 5 cm per plant, then RLV·π·r²) that takes its share of every
 * pool; the available P is the soluble share of the root-zone labile P; the crop's uptake
 * leaves it at the next step. */
Test(soil_p, root_zone_supply_and_uptake)
{
    agro_soil_profile pr = sandy(4.0);
    agro_soil_p_params p;
    agro_soil_p_state s;
    cr_assert_eq(agro_soil_p_init(ctx, &pr, &p, &s), AGRO_OK);
    double rlv[AGRO_SOIL_MAX_LAYERS] = {0.5, 0.3, 0.1, 0, 0, 0};
    const double lab1 = s.lab_out[1];
    /* first roots at 20 cm, 5 plants/m², 75 cm rows: layer 1 (5 cm) gets 0.05·0.05·5 =
       0.0125, capped by 0.05/0.75 = 0.067; layer 3 only down to 20 cm */
    agro_soil_p_root_volume(ctx, &p, &s, rlv, 20.0, 5.0, 75.0, 0.0028);
    cr_expect_float_eq(s.frac_rts[0], 0.0125, 1e-15);
    cr_expect_float_eq(s.frac_rts[2], 0.0125 * 5.0 / 15.0, 1e-15);
    cr_expect_eq(s.frac_rts[3], 0.0);
    agro_soil_p_drivers d;
    drivers_at(&d, 0.16);
    cr_assert_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_OK);
    /* the root zone took 1.25 % of layer 2's pools (before the day's flows) */
    cr_expect(fabs(s.lab_rts[1] - 0.0125 * lab1) < 0.01 * 0.0125 * lab1, "%g vs %g", s.lab_rts[1],
              0.0125 * lab1);
    /* available = root-zone labile × min(1, 0.015 × (0.25 + 0.25·SAT/LL) × max(SW/LL, 0.85)) */
    const double share = 0.015 * (0.25 + 0.25 * 0.36 / 0.08) * (0.16 / 0.08);
    cr_expect_float_eq(s.avail[1], s.lab_rts[1] * share, 1e-12);
    /* later days: the cylinders of the roots, RLV·π·r²·1e4 */
    rlv[0] = 2.0;
    rlv[1] = rlv[2] = 0.0; /* (layers 2 and 3 keep their root zone: it never falls) */
    agro_soil_p_root_volume(ctx, &p, &s, rlv, 20.0, 5.0, 75.0, 0.0028);
    cr_expect_float_eq(s.frac_rts[0], 2.0 * 3.14159265358979323846 * 0.0028 * 0.0028 * 1e4, 1e-12);
    /* uptake of half the available P in layer 2 */
    double up[AGRO_SOIL_MAX_LAYERS] = {0};
    up[1] = 0.5 * s.avail[1];
    const double lab_rts = s.lab_rts[1];
    agro_soil_p_take_up(ctx, &p, &s, up);
    agro_soil_p_rates r;
    cr_assert_eq(agro_soil_p_step(ctx, &p, &s, &d, &r), AGRO_OK, "%s", msg());
    cr_expect_float_eq(r.uptake_kg_ha, up[1], 1e-15);
    cr_expect(s.lab_rts[1] < lab_rts - 0.9 * up[1], "the uptake came off the root zone");
    cr_expect(fabs(agro_soil_p_balance_kg_ha(&s)) < 1e-9, "balance %g", agro_soil_p_balance_kg_ha(&s));
}

/* The sandy column at Bray 4 mg/kg with its first roots (RLV 0.5, 0.3, 0.1 cm/cm³ down to
 * 20 cm, 5 plants/m² in 75-cm rows) after one step at SW 0.16 (@p d). */
static void rooted_sandy(agro_soil_profile *pr, agro_soil_p_params *p, agro_soil_p_state *s,
                         double *rlv, agro_soil_p_drivers *d)
{
    *pr = sandy(4.0);
    cr_assert_eq(agro_soil_p_init(ctx, pr, p, s), AGRO_OK);
    const double first[3] = {0.5, 0.3, 0.1};
    for (int i = 0; i < AGRO_SOIL_MAX_LAYERS; i++) rlv[i] = i < 3 ? first[i] : 0.0;
    agro_soil_p_root_volume(ctx, p, s, rlv, 20.0, 5.0, 75.0, 0.0028);
    drivers_at(d, 0.16);
    cr_assert_eq(agro_soil_p_step(ctx, p, s, d, NULL), AGRO_OK, "%s", msg());
}

/* A new SAT (tillage loosens the soil, rain settles it) gives the texture factor 0.25 +
 * 0.25·SAT/LL and the root zone's available P at once, as DSSAT's SoilPi INTEGR computes them
 * after SOILDYN's; the old SAT brings back the same numbers; bad values change nothing. */
Test(soil_p, a_new_saturation_sets_the_texture_factor_and_the_available_p)
{
    agro_soil_profile pr;
    agro_soil_p_params p;
    agro_soil_p_state s;
    double rlv[AGRO_SOIL_MAX_LAYERS];
    agro_soil_p_drivers d;
    rooted_sandy(&pr, &p, &s, rlv, &d);
    const agro_soil_p_params p0 = p;
    const agro_soil_p_state s0 = s;
    double sat[6] = {0.44, 0.40, 0.36, 0.36, 0.36, 0.36};
    cr_assert_eq(agro_soil_p_set_saturation(ctx, &p, &s, sat, d.sw, 6), AGRO_OK, "%s", msg());
    for (int i = 0; i < 6; i++) {
        const double tex = 0.25 + 0.25 * sat[i] / 0.08;
        cr_expect_float_eq(p.tex_fac[i], tex, 1e-15, "layer %d", i + 1);
        cr_expect_float_eq(s.avail[i], s.lab_rts[i] * fmin(1.0, 0.015 * tex * (0.16 / 0.08)), 1e-15,
                           "layer %d", i + 1);
    }
    cr_expect_gt(s.avail[0], 1.1 * s0.avail[0], "a looser layer 1 holds more P in solution");
    cr_expect_eq(s.lab_rts[0], s0.lab_rts[0], "the pools do not move");
    for (int i = 0; i < 6; i++) sat[i] = pr.sat[i];
    cr_assert_eq(agro_soil_p_set_saturation(ctx, &p, &s, sat, d.sw, 6), AGRO_OK);
    cr_expect(memcmp(&p, &p0, sizeof p) == 0, "the soil's SAT gives the initial parameters");
    cr_expect(memcmp(s.avail, s0.avail, sizeof s.avail) == 0);
    sat[2] = 1.2;
    cr_expect_eq(agro_soil_p_set_saturation(ctx, &p, &s, sat, d.sw, 6), AGRO_ERANGE);
    cr_expect(strstr(msg(), "layer 3 SAT") != NULL, "%s", msg());
    sat[2] = 0.36;
    double sw[6] = {0.16, 0.16, 0.16, NAN, 0.16, 0.16};
    cr_expect_eq(agro_soil_p_set_saturation(ctx, &p, &s, sat, sw, 6), AGRO_ERANGE);
    cr_expect(strstr(msg(), "layer 4 SW") != NULL, "%s", msg());
    cr_expect_eq(agro_soil_p_set_saturation(ctx, &p, &s, sat, sw, 5), AGRO_EINVAL);
    cr_expect_eq(agro_soil_p_set_saturation(ctx, &p, NULL, sat, sw, 6), AGRO_EINVAL);
    cr_expect(memcmp(&p, &p0, sizeof p) == 0, "refused values change nothing");
}

/* agro_soil_p_set_saturation's own refusals name the argument or member, as the other public P
 * entries do: a state of other layers than the params was named as n ("n: 6 layers given, the
 * P model has 6"), a NULL argument as none. */
Test(soil_p, set_saturation_names_a_null_argument_and_a_state_of_other_layers)
{
    agro_soil_profile pr;
    agro_soil_p_params p;
    agro_soil_p_state s;
    double rlv[AGRO_SOIL_MAX_LAYERS];
    agro_soil_p_drivers d;
    rooted_sandy(&pr, &p, &s, rlv, &d);
    double sat[6] = {0.40, 0.40, 0.40, 0.40, 0.40, 0.40};
    s.n_layers = 5;
    cr_expect_eq(agro_soil_p_set_saturation(ctx, &p, &s, sat, d.sw, 6), AGRO_EINVAL);
    cr_expect(strstr(msg(), "n_layers: P params have 6 layers, P state 5") != NULL, "%s", msg());
    s.n_layers = 6;
    cr_expect_eq(agro_soil_p_set_saturation(ctx, &p, &s, sat, d.sw, 5), AGRO_EINVAL);
    cr_expect(strstr(msg(), "n: 5 layers given, the P model has 6") != NULL, "%s", msg());
    const double *const arrays[2] = {sat, d.sw};
    static const char *const names[4] = {"p", "s", "sat", "sw"};
    for (int k = 0; k < 4; k++) {
        cr_expect_eq(agro_soil_p_set_saturation(ctx, k == 0 ? NULL : &p, k == 1 ? NULL : &s,
                                                k == 2 ? NULL : arrays[0],
                                                k == 3 ? NULL : arrays[1], 6),
                     AGRO_EINVAL);
        char want[32];
        snprintf(want, sizeof want, "%s: NULL argument", names[k]);
        cr_expect(strstr(msg(), want) != NULL, "%s: %s", names[k], msg());
    }
}

/* agro_soil_p_set_saturation checks a caller's params and state as the other public P entries
 * do, after its own arguments and before anything changes: a NaN FracPSoln or labile P gave a
 * NaN available P with AGRO_OK, an n_layers of 0 did nothing with AGRO_OK and one of 41 wrote
 * past the layers. The texture factor it replaces is not held against it. */
Test(soil_p, set_saturation_checks_a_caller_params_and_state_naming_the_member)
{
    agro_soil_profile pr;
    agro_soil_p_params p;
    agro_soil_p_state s;
    double rlv[AGRO_SOIL_MAX_LAYERS];
    agro_soil_p_drivers d;
    rooted_sandy(&pr, &p, &s, rlv, &d);
    cr_assert_gt(s.frac_rts[1], 1e-5, "layers 1-3 have roots");
    double sat[AGRO_SOIL_MAX_LAYERS + 1];
    for (int i = 0; i <= AGRO_SOIL_MAX_LAYERS; i++) sat[i] = 0.40;
    static const struct {
        int what, layer; /* 0 frac_soln, 1 lab_rts, 2 n_layers (p and s) */
        double v;
        int status;
        const char *name;
    } cases[] = {
        {0, 1, NAN, AGRO_ENUMERIC, "layer 2 frac_soln"},
        {0, 0, -0.5, AGRO_ERANGE, "layer 1 frac_soln"},
        {1, 2, NAN, AGRO_ENUMERIC, "layer 3 lab_rts"},
        {1, 0, -1.0, AGRO_ERANGE, "layer 1 lab_rts"},
        {2, 0, 0, AGRO_EINVAL, "p->n_layers"},
        {2, 0, AGRO_SOIL_MAX_LAYERS + 1, AGRO_EINVAL, "p->n_layers"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        agro_soil_p_params q = p;
        agro_soil_p_state t = s;
        size_t n = 6;
        if (cases[k].what == 0) q.frac_soln[cases[k].layer] = cases[k].v;
        if (cases[k].what == 1) t.lab_rts[cases[k].layer] = cases[k].v;
        if (cases[k].what == 2) q.n_layers = t.n_layers = (int32_t)cases[k].v, n = (size_t)cases[k].v;
        const agro_soil_p_params q0 = q;
        const agro_soil_p_state t0 = t;
        cr_expect_eq(agro_soil_p_set_saturation(ctx, &q, &t, sat, d.sw, n), cases[k].status,
                     "case %zu: %s", k, msg());
        cr_expect(strstr(msg(), cases[k].name) != NULL, "case %zu: %s", k, msg());
        cr_expect(memcmp(&q, &q0, sizeof q) == 0 && memcmp(&t, &t0, sizeof t) == 0,
                  "case %zu: params or state changed", k);
    }
    /* the texture factor is what the call sets: a NaN one is replaced, not refused */
    p.tex_fac[0] = NAN;
    cr_expect_eq(agro_soil_p_set_saturation(ctx, &p, &s, sat, d.sw, 6), AGRO_OK, "%s", msg());
    cr_expect_float_eq(p.tex_fac[0], 0.25 + 0.25 * 0.40 / 0.08, 1e-15);
    cr_expect(isfinite(s.avail[0]) && s.avail[0] > 0.0);
}

/* A root zone that fills its layer (FracRts > 0.99 is 1, RootSoilVol) moves the rest of the
 * layer in; the emptied zone has no flows of its own (SoilPi computes a zone's flows only
 * when its fraction is above 1e-5), so no pool goes below zero and the balance closes. */
Test(soil_p, a_root_zone_that_fills_its_layer_takes_all_of_it)
{
    agro_soil_profile pr;
    agro_soil_p_params p;
    agro_soil_p_state s;
    double rlv[AGRO_SOIL_MAX_LAYERS];
    agro_soil_p_drivers d;
    rooted_sandy(&pr, &p, &s, rlv, &d);
    const double total1 = s.lab_rts[0] + s.lab_out[0] + s.act_rts[0] + s.act_out[0] +
                          s.sta_rts[0] + s.sta_out[0];
    rlv[0] = 5.0; /* 5·π·(2.8 mm)²·1e4 > 1 */
    agro_soil_p_root_volume(ctx, &p, &s, rlv, 20.0, 5.0, 75.0, 0.0028);
    cr_assert_eq(s.frac_rts[0], 1.0);
    cr_assert_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_OK, "%s", msg());
    cr_expect(s.lab_out[0] == 0.0 && s.act_out[0] == 0.0 && s.sta_out[0] == 0.0,
              "rest of layer 1: %g %g %g", s.lab_out[0], s.act_out[0], s.sta_out[0]);
    const double total2 = s.lab_rts[0] + s.act_rts[0] + s.sta_rts[0];
    cr_expect(fabs(total2 - total1) < 1e-6 * total1, "layer 1 P %g -> %g", total1, total2);
    cr_expect(fabs(agro_soil_p_balance_kg_ha(&s)) < 1e-9, "balance %g", agro_soil_p_balance_kg_ha(&s));
    cr_assert_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_OK, "%s", msg());
    cr_expect(s.lab_out[0] == 0.0 && s.act_out[0] == 0.0 && s.sta_out[0] == 0.0);
}

/* A band over more than 0.99 of its layer makes all of it root zone, as roots filling more than
 * 0.99 of it do: a band of 0.99995 left a rest of the layer of 5e-5 whose flows, k × its pools
 * before 0.99995 of them moved into the band, took more than the rest held, and the step failed
 * with AGRO_ENUMERIC ("layer 1 stable P: P pool would become (-0.0014)"; fuzz_season) */
Test(soil_p, a_band_over_nearly_all_its_layer_makes_all_of_it_root_zone)
{
    agro_soil_p_params p;
    agro_soil_p_state s;
    agro_soil_p_drivers d;
    start_sandy(&p, &s, &d);
    cr_assert_eq(agro_soil_p_fertilise(ctx, &p, &s, 0, 5000.0, 0.0), AGRO_OK);
    for (int day = 0; day < 30; day++)
        cr_assert_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_OK, "%s", msg());
    cr_assert_eq(agro_soil_p_fertilise(ctx, &p, &s, 0, 5000.0, 0.99995), AGRO_OK);
    cr_expect_eq(s.frac_rts[0], 1.0);
    cr_assert_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_OK, "%s", msg());
    cr_expect(s.lab_out[0] == 0.0 && s.act_out[0] == 0.0 && s.sta_out[0] == 0.0,
              "rest of layer 1: %g %g %g", s.lab_out[0], s.act_out[0], s.sta_out[0]);
    cr_expect(fabs(agro_soil_p_balance_kg_ha(&s)) < 1e-9, "balance %g", agro_soil_p_balance_kg_ha(&s));
}

/* Fertiliser: the availability index −0.19·log10(clay) + 0.70 of a highly weathered layer
 * goes to labile P, the rest to active; broadcast P spreads over the zones by volume, banded
 * P goes to the band, which joins the root zone. */
Test(soil_p, fertiliser_enters_labile_and_active_by_the_index)
{
    agro_soil_p_params p;
    agro_soil_p_state s, s0;
    agro_soil_p_drivers d;
    start_with_twin(&p, &s, &s0, &d); /* s0: the same day unfertilised */
    cr_assert_eq(agro_soil_p_fertilise(ctx, &p, &s, 1, 20.0, 0.0), AGRO_OK);
    cr_assert_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_OK);
    const double f = -0.19 * log10(7.5) + 0.70;
    cr_expect_float_eq(s.lab_out[1] - s0.lab_out[1], 20.0 * f, 1e-9);
    cr_expect_float_eq(s.act_out[1] - s0.act_out[1], 20.0 * (1 - f), 1e-9);
    /* banded at 5 cm over 75 cm rows */
    s = s0;
    cr_assert_eq(agro_soil_p_fertilise(ctx, &p, &s, 0, 10.0, 0.05 / 0.75), AGRO_OK);
    cr_expect_float_eq(s.frac_rts[0], 0.05 / 0.75, 1e-15);
    cr_assert_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_OK);
    cr_expect(s.lab_rts[0] > 10.0 * f, "the band's P is in the root zone: %g", s.lab_rts[0]);
    cr_expect(fabs(agro_soil_p_balance_kg_ha(&s)) < 1e-9);
    cr_expect_eq(agro_soil_p_fertilise(ctx, &p, &s, 0, -1.0, 0.0), AGRO_ERANGE);
    cr_expect_eq(agro_soil_p_fertilise(ctx, &p, &s, 0, 1.0, 1.5), AGRO_ERANGE);
    cr_expect_eq(agro_soil_p_fertilise(ctx, &p, &s, 6, 1.0, 0.0), AGRO_EINVAL);
    /* bad drivers are named and change nothing */
    agro_soil_p_state before = s;
    d.humus_frac[2] = 1.5;
    cr_expect_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_ERANGE);
    cr_expect(strstr(msg(), "humus_frac") && strstr(msg(), "layer 3"), "%s", msg());
    d.humus_frac[2] = 0.0;
    d.sw[4] = NAN;
    cr_expect_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_ENUMERIC);
    cr_expect(strstr(msg(), "sw") != NULL, "%s", msg());
    cr_expect_eq(memcmp(&before, &s, sizeof s), 0, "a refused step changed the state");
}

/* Organic P follows the decomposition of the N step: humus loses HUMFRAC of its P to labile P;
 * fresh organic matter immobilises 0.10 × the N it immobilises, at most the labile P. */
Test(soil_p, organic_p_follows_the_organic_matter)
{
    agro_soil_p_params p;
    agro_soil_p_state s, s0;
    agro_soil_p_drivers d;
    start_with_twin(&p, &s, &s0, &d); /* s0: the same day without organic P flows */
    d.humus_frac[0] = 1e-3;
    agro_soil_p_rates r;
    cr_assert_eq(agro_soil_p_step(ctx, &p, &s, &d, &r), AGRO_OK);
    const double released = 1e-3 * s0.humus_p[0]; /* (s0's humus did not change) */
    cr_expect_float_eq(r.mineralised[0], released, 1e-12);
    cr_expect_float_eq(s.lab_out[0] - s0.lab_out[0], released, 1e-12);
    /* immobilisation by fresh organic matter */
    cr_assert_eq(agro_soil_p_add_organic(ctx, &p, &s, 2, 3.0), AGRO_OK);
    drivers_at(&d, 0.15);
    d.n_immobilised[2] = 5.0;
    cr_assert_eq(agro_soil_p_step(ctx, &p, &s, &d, &r), AGRO_OK);
    cr_expect_float_eq(r.immobilised[2], 0.5, 1e-12);
    cr_expect_float_eq(s.fom_p[2], 3.5, 1e-12);
    cr_expect(fabs(agro_soil_p_balance_kg_ha(&s)) < 1e-9);
}

/* A fuzz finding (fuzz_season, thirty-first session): root residues of 14 t/ha with 6.6 % N and
 * 3.3 % P, over 50 t/ha of initial roots with 10 % N, made new humus (N:P 10) ask more labile P
 * than the whole column held; the shortfall came back out of the deepest layer's organic P
 * alone, below zero ("layer 8 organic P: organic P pool would become (-1.95194)", AGRO_ENUMERIC).
 * The layers above gained at least the shortfall: it now comes out of them too, deepest first,
 * and the step conserves P. */
Test(soil_p, an_immobilisation_no_layer_can_meet_never_takes_organic_p_below_zero)
{
    agro_soil_p_params p;
    agro_soil_p_state s;
    agro_soil_p_drivers d;
    start_sandy(&p, &s, &d);
    double lab = 0.0, org_deep = s.fom_p[5] + s.humus_p[5];
    for (int i = 0; i < 6; i++) lab += s.lab_rts[i] + s.lab_out[i];
    const double total0 = agro_soil_p_total_kg_ha(&s);
    /* new humus of 50 000 kg N/ha of decomposed fresh matter: 1000 kg P/ha */
    d.fom_n_decomposed[0] = 50000.0;
    cr_assert(1000.0 > lab + org_deep, "the case needs a shortfall above the deepest organic P");
    agro_soil_p_rates r;
    cr_assert_eq(agro_soil_p_step(ctx, &p, &s, &d, &r), AGRO_OK, "%s", msg());
    for (int i = 0; i < 6; i++)
        cr_expect(s.fom_p[i] >= 0.0 && s.humus_p[i] >= 0.0 && s.lab_rts[i] >= 0.0 && s.lab_out[i] >= 0.0,
                  "layer %d: fresh %g, humus %g, labile %g + %g", i + 1, s.fom_p[i], s.humus_p[i],
                  s.lab_rts[i], s.lab_out[i]);
    cr_expect(fabs(agro_soil_p_total_kg_ha(&s) - total0) < 1e-9, "total %g -> %g", total0,
              agro_soil_p_total_kg_ha(&s));
    cr_expect(fabs(agro_soil_p_balance_kg_ha(&s)) < 1e-9, "balance %g", agro_soil_p_balance_kg_ha(&s));
}

TestSuite(maize_p, .init = setup, .fini = teardown);

/* The P stress factors from the shoot P concentration: ratio (C − Cmin)/(Copt − Cmin), PStres1
 * = ratio/0.8 below 0.8, PStres2 = ratio below 1 (P_Plant; MZCER048.SPE SRATPHOTO, SRATPART). */
Test(maize_p, stress_factors_from_the_shoot_concentration)
{
    maize_species sp;
    maize_species_default(&sp);
    maize_state s;
    maize_state_clear(&s, 2);
    s.stage = 1;
    s.pltpop = 5.0;
    s.lfwt = s.stmwt = 1.0; /* shoot 100 kg/ha */
    s.rtwt = 0.4;
    s.veg_frac = 0.5; /* Copt = 0.00475, Cmin = 0.00275 */
    s.p_cum_leaf_senes = s.cum_leaf_senes = 0.0;
    const double copt = 0.0070 - (0.0070 - 0.0025) * 0.5, cmin = 0.0040 - (0.0040 - 0.0015) * 0.5;
    double avail[2] = {0, 0}, dead[2] = {0, 0}, up[2], dp[2];
    s.p_shut = 100.0 * (cmin + 0.6 * (copt - cmin)); /* ratio 0.6 */
    s.p_root = 0.4 * 5 * 10 * 0.00041;
    maize_p_step(&sp, &s, avail, dead, 2, 1, up, dp);
    cr_expect_float_eq(s.pstres1, 0.6 / 0.8, 1e-9);
    cr_expect_float_eq(s.pstres2, 0.6, 1e-9);
    s.p_shut = 100.0 * copt; /* at the optimum: no stress */
    maize_p_step(&sp, &s, avail, dead, 2, 1, up, dp);
    cr_expect_float_eq(s.pstres1, 1.0, 1e-12);
    cr_expect_float_eq(s.pstres2, 1.0, 1e-12);
    /* a demand met by the available P of rooted layers, in proportion to it */
    s.p_shut = 100.0 * cmin;
    s.rlv[0] = 1.0;
    avail[0] = 0.1;
    avail[1] = 5.0; /* layer 2 has no roots */
    maize_p_step(&sp, &s, avail, dead, 2, 1, up, dp);
    cr_expect_float_eq(up[0], 0.1, 1e-12);
    cr_expect_eq(up[1], 0.0);
}

/* A whole season on the sandy soil: with little soil P (Bray 0.2 mg/kg, labile 1.2 mg/kg) the
 * crop is P-stressed and yields less
 * than with the same field and P not simulated; with ample P it yields as without the P model
 * within 2 %; soil + crop P closes to 1e-6 kg P/ha. */
static void sandy_season(agro_season_spec *s, agro_weather **w, double bray, int p_on)
{
    agro_season_spec_init(s);
    s->soil = sandy(bray);
    cr_assert_eq(agro_maize_cultivar_load_dssat(ctx, V "/Genotype/MZCER048.CUL", V "/Genotype/MZCER048.ECO",
                                                "IB0035", &s->cultivar), AGRO_OK);
    cr_assert_eq(agro_weather_load_wth(ctx, V "/Weather/UFGA8201.WTH", w), AGRO_OK);
    s->options.latitude_deg = 29.63;
    s->options.water_limited = 0;
    s->options.phosphorus_limited = p_on;
    for (int l = 0; l < s->soil.n_layers; l++) {
        s->options.no3_ppm[l] = 10.0;
        s->options.nh4_ppm[l] = 1.0;
    }
    s->start_year = 1982;
    s->start_doy = 56;
    agro_event *e = &s->events[s->n_events++];
    memset(e, 0, sizeof *e);
    e->type = AGRO_EVENT_SOW;
    e->year = 1982;
    e->doy = 57;
    e->density_pl_m2 = 5.0;
    e->row_spacing_cm = 75;
    e->depth_cm = 5;
    e = &s->events[s->n_events++];
    memset(e, 0, sizeof *e);
    e->type = AGRO_EVENT_FERTILISE;
    e->year = 1982;
    e->doy = 80;
    e->amount = 150.0;
    e->depth_cm = 5;
    e->nh4_fraction = 0.5;
}

Test(maize_p, low_soil_p_limits_the_crop_and_the_balance_closes)
{
    static agro_season_spec s;
    agro_weather *w;
    agro_season_summary off, low, high;
    sandy_season(&s, &w, 0.2, 0);
    cr_assert_eq(agro_season_run(ctx, &s, w, &off, NULL, 0, NULL), AGRO_OK, "%s", msg());
    agro_weather_free(w);
    sandy_season(&s, &w, 0.2, 1);
    cr_assert_eq(agro_season_run(ctx, &s, w, &low, NULL, 0, NULL), AGRO_OK, "%s", msg());
    agro_weather_free(w);
    sandy_season(&s, &w, 80.0, 1);
    cr_assert_eq(agro_season_run(ctx, &s, w, &high, NULL, 0, NULL), AGRO_OK, "%s", msg());
    agro_weather_free(w);
    cr_log_info("yield %.0f (no P model), %.0f (Bray 0.2), %.0f (Bray 80) kg/ha; PSTAV %.2f, %.2f; "
                "uptake %.1f, %.1f kg P/ha", off.hwam_kg_ha, low.hwam_kg_ha, high.hwam_kg_ha,
                low.pstress_mean, high.pstress_mean, low.pupc_kg_ha, high.pupc_kg_ha);
    cr_expect(low.hwam_kg_ha < 0.8 * off.hwam_kg_ha, "no P limitation on Bray 0.2: %g vs %g",
              low.hwam_kg_ha, off.hwam_kg_ha);
    cr_expect(low.pstress_mean < 0.9);
    cr_expect(fabs(high.hwam_kg_ha - off.hwam_kg_ha) < 0.02 * off.hwam_kg_ha,
              "ample P: %g vs %g", high.hwam_kg_ha, off.hwam_kg_ha);
    cr_expect(high.pupc_kg_ha > low.pupc_kg_ha);
    cr_expect(low.p_balance_error_kg_ha < 1e-6 && high.p_balance_error_kg_ha < 1e-6, "%g %g",
              low.p_balance_error_kg_ha, high.p_balance_error_kg_ha);
    cr_expect_eq(off.pupc_kg_ha, 0.0);
    cr_expect_float_eq(off.pstress_mean, 1.0, 1e-12);
    /* N not simulated: the N:P check of P_Uptake stays out (DSSAT's PCNVEG is 0 then), so
       ample P gives the yield of no P model again */
    agro_season_summary off_n, high_n;
    sandy_season(&s, &w, 80.0, 0);
    s.options.nitrogen_limited = 0;
    cr_assert_eq(agro_season_run(ctx, &s, w, &off_n, NULL, 0, NULL), AGRO_OK, "%s", msg());
    agro_weather_free(w);
    sandy_season(&s, &w, 80.0, 1);
    s.options.nitrogen_limited = 0;
    cr_assert_eq(agro_season_run(ctx, &s, w, &high_n, NULL, 0, NULL), AGRO_OK, "%s", msg());
    agro_weather_free(w);
    cr_expect(fabs(high_n.hwam_kg_ha - off_n.hwam_kg_ha) < 0.02 * off_n.hwam_kg_ha,
              "N off, ample P: %g vs %g", high_n.hwam_kg_ha, off_n.hwam_kg_ha);
}

/* The Bray 0.2 sandy season twice: undamaged (twin, st) and with @p dmg at 45 days after its
 * 1982-057 sowing (hit, sh; nh days), k the index of the damage day. */
enum { TWIN_DAYS = 200 };
typedef struct damage_twins {
    agro_field_daily twin[TWIN_DAYS], hit[TWIN_DAYS];
    agro_season_summary st, sh;
    int32_t nh;
    int k;
} damage_twins;

static void damaged_twin(damage_twins *t, int nitrogen_limited, const agro_crop_damage *dmg)
{
    static agro_season_spec s;
    agro_weather *w;
    sandy_season(&s, &w, 0.2, 1);
    s.options.nitrogen_limited = nitrogen_limited;
    int32_t nt;
    cr_assert_eq(agro_season_run(ctx, &s, w, &t->st, t->twin, TWIN_DAYS, &nt), AGRO_OK, "%s", msg());
    agro_event *e = &s.events[s.n_events++];
    memset(e, 0, sizeof *e);
    e->type = AGRO_EVENT_DAMAGE;
    e->year = 1982;
    e->doy = 57 + 45;
    e->damage = *dmg;
    cr_assert_eq(agro_season_run(ctx, &s, w, &t->sh, t->hit, TWIN_DAYS, &t->nh), AGRO_OK, "%s", msg());
    agro_weather_free(w);
    t->k = 0;
    while (t->k < t->nh && !(t->hit[t->k].year == 1982 && t->hit[t->k].doy == 57 + 45)) t->k++;
}

/* Damage takes the P of the organs it removes at their concentrations (P_Ceres PestP): on the day
 * half the stems go, the crop holds less P than its undamaged twin by at least half of the
 * removed share of its mass, and the P balance (which counts the removed P as lost) closes. On
 * Bray 0.2 the uptake is what the soil supplies, the same in both runs that day; with ample P
 * the demand-led uptake would make the removed P up at once and hide it from the crop's P. */
Test(maize_p, damage_removes_the_p_of_the_removed_organs_and_the_balance_closes)
{
    static damage_twins t;
    const agro_crop_damage half_stems = {.stem_pct = 50.0};
    damaged_twin(&t, 1, &half_stems);
    const agro_field_daily *twin = t.twin, *hit = t.hit;
    const int k = t.k, nh = t.nh;
    cr_assert_lt(k, nh);
    cr_assert_gt(twin[k].crop_p_kg_ha, 0.1, "the crop holds P by DAP 45");
    const double removed = twin[k].stem_kg_ha - hit[k].stem_kg_ha;
    const double mass = twin[k].biomass_kg_ha + twin[k].root_kg_ha;
    cr_assert_gt(removed, 0.3 * twin[k].stem_kg_ha, "stem %g -> %g kg/ha", twin[k].stem_kg_ha,
                 hit[k].stem_kg_ha);
    const double dp = twin[k].crop_p_kg_ha - hit[k].crop_p_kg_ha;
    cr_expect_gt(dp, 0.5 * twin[k].crop_p_kg_ha * removed / mass,
                 "crop P %g -> %g kg P/ha for %g of %g kg/ha removed", twin[k].crop_p_kg_ha,
                 hit[k].crop_p_kg_ha, removed, mass);
    for (int i = 0; i < k; i++)
        cr_expect_eq(hit[i].crop_p_kg_ha, twin[i].crop_p_kg_ha, "day %d before the damage", i);
    cr_expect(t.sh.p_balance_error_kg_ha < 1e-6, "PBAL %g", t.sh.p_balance_error_kg_ha);
    cr_expect_lt(t.sh.hwam_kg_ha, t.st.hwam_kg_ha);
}

/* Killed plants take the P they held, the killed share of every organ's P, and a survivor keeps
 * its own (docs/model.md §6.9). Before 2026-11-30 their P was priced at yesterday's
 * concentration times today's mass, which includes the day's growth that has no P yet: half
 * the plants killed took 55 % of the crop's P. On Bray 0.2 with N not simulated the day's
 * uptake is the soil's supply in both runs and no root dies for N, so the damaged crop ends the
 * day short of its twin by the P of the dead plants, less the half of the day's senesced-leaf
 * P that the dead plants no longer shed from the survivors' shoot (since 2026-11-30; a few
 * 1e-6 kg P/ha, below 1e-4 of the crop's P: the test above checks it exactly). */
Test(maize_p, killed_plants_take_their_share_of_the_crop_p_and_no_more)
{
    static damage_twins t;
    const agro_crop_damage half_plants = {.plants_pct = 50.0};
    damaged_twin(&t, 0, &half_plants);
    const agro_field_daily *twin = t.twin, *hit = t.hit;
    const int k = t.k, nh = t.nh;
    cr_assert(k > 0 && k < nh);
    cr_assert_gt(twin[k - 1].crop_p_kg_ha, 0.1, "the crop holds P by DAP 44");
    cr_assert_gt(twin[k].biomass_kg_ha, twin[k - 1].biomass_kg_ha, "the crop grows that day");
    const double lost = twin[k].crop_p_kg_ha - hit[k].crop_p_kg_ha;
    const double half = 0.5 * twin[k - 1].crop_p_kg_ha;
    cr_expect(lost <= half && lost >= half - 1e-4 * twin[k - 1].crop_p_kg_ha,
              "half the plants killed took %.9g kg P/ha, half the crop's %.9g", lost, half);
    cr_expect(t.sh.p_balance_error_kg_ha < 1e-6, "PBAL %g", t.sh.p_balance_error_kg_ha);
}

/* Half the plants killed in grain fill (stage 4) take half of every P pool the crop keeps per
 * hectare: the organs' P, the P of the senesced leaves still on the plants, P_Demand's
 * mobilisation pools; CumLeafSenes and its record at the last P step shrink with the stand, so
 * the next step, with no new senescence, moves no P between the survivors' shoot and their
 * senesced leaves. Before 2026-11-30 the dead plants' senesced leaves stayed with the
 * survivors, and the next day CumLeafSenes fell with PLTPOP and the step handed their P back
 * to the survivors' shoot: here all 0.011 kg P/ha of it, the survivors' shoot P 6.575 -> 6.586
 * with nothing taken up, where they keep 0.0055 kg P/ha of senesced-leaf P. */
Test(maize_p, killed_plants_take_their_senesced_leaves_and_mobilisable_p)
{
    maize_species sp;
    maize_species_default(&sp);
    maize_state s;
    maize_state_clear(&s, 2);
    s.stage = 4;
    s.pltpop = s.ears = 5.0;
    s.lfwt = 20.0, s.stmwt = 30.0, s.rtwt = 10.0, s.earwt = 40.0, s.grnwt = 0.0; /* g/plant */
    s.pla = 6000.0;
    s.senla = 1000.0;
    s.veg_frac = 1.0;
    s.seed_frac = 0.2;
    s.slan = 400.0;
    s.stg2cls = 0.8;
    s.cum_leaf_senes = s.slan / 600.0 * s.pltpop * 10.0 + s.stg2cls; /* growth.c, stage 4 */
    s.p_cum_leaf_senes = s.cum_leaf_senes;
    s.p_shut = 5.0;  /* 2500 kg/ha at 0.0020 */
    s.p_root = 0.15; /* 500 kg/ha */
    s.p_shel = 8.0;  /* 2000 kg/ha at 0.0040 */
    s.p_c_shut = 0.0020, s.p_c_root = 0.0003, s.p_c_shel = 0.0040;
    s.p_senesced_surface_kg_ha = 0.011;
    s.p_mob_shut = 0.2, s.p_mob_root = 0.01, s.p_mob_shel = 0.3;
    const double organs0 = maize_p_total(&s), sen0 = s.p_senesced_surface_kg_ha;

    const maize_damage half = {.plants_frac = 0.5};
    double dm, dn;
    maize_damage_apply(&s, &half, &dm, &dn);
    cr_assert_float_eq(s.pltpop, 2.5, 1e-12);
    const double lost = maize_p_kill(&s, 0.5);
    cr_expect_float_eq(lost, 0.5 * (organs0 + sen0), 1e-12, "killed plants took %.9g kg P/ha", lost);
    cr_expect_float_eq(s.p_senesced_surface_kg_ha, 0.5 * sen0, 1e-15);
    cr_expect_float_eq(maize_p_total(&s) + s.p_senesced_surface_kg_ha + lost, organs0 + sen0, 1e-12,
                       "the crop's P and the P lost must add up to the P before");
    cr_expect_float_eq(s.p_mob_shut, 0.1, 1e-15);
    cr_expect_float_eq(s.p_mob_root, 0.005, 1e-15);
    cr_expect_float_eq(s.p_mob_shel, 0.15, 1e-15);

    /* the next day: the survivors senesce no more leaf (SLAN as it was), take up nothing */
    s.cum_leaf_senes = s.slan / 600.0 * s.pltpop * 10.0 + s.stg2cls; /* growth.c, stage 4 */
    const double organs1 = maize_p_total(&s);
    double avail[2] = {0, 0}, dead[2] = {0, 0}, up[2], dp[2];
    cr_expect_eq(maize_p_step(&sp, &s, avail, dead, 2, 0, up, dp), 0.0);
    cr_expect_float_eq(s.p_senesced_surface_kg_ha, 0.5 * sen0, 1e-15,
                       "senesced-leaf P %.6g kg P/ha (the survivors' %.6g)",
                       s.p_senesced_surface_kg_ha, 0.5 * sen0);
    cr_expect_float_eq(maize_p_total(&s), organs1, 1e-12, "the survivors' P %.9g -> %.9g kg P/ha",
                       organs1, maize_p_total(&s));
}

/* Grain fill after a damage that left the shoot no mass but 0.032 kg P/ha (fuzz_season, thirty-first
 * session): P_Demand moves all of it to the grain, and P_Partition's mining, priced on the P
 * before that move, asks the shoot for more. The grain gets only what the organs had, and the
 * crop's P is what it was, nothing being taken up. Before 2026-11-30 the shoot's P went below
 * 0, was floored there, and the grain kept the difference: here 0.0032 kg P/ha from nothing
 * (4.5e-4 in the fuzz season). */
Test(maize_p, mining_never_takes_more_than_an_organ_holds_after_the_day_s_transfers)
{
    maize_species sp;
    maize_species_default(&sp);
    maize_state s;
    maize_state_clear(&s, 2);
    s.stage = 5;
    s.pltpop = s.ears = 5.0;
    s.lfwt = s.stmwt = s.rtwt = 0.0; /* g/plant: shoot and roots eaten */
    s.grnwt = 5.2;                   /* 260 kg/ha of grain */
    s.earwt = 5.2 + 59.0;            /* 2950 kg/ha of shell */
    s.veg_frac = 1.0;
    s.seed_frac = 0.5; /* shell optimum 0.00275, minimum 0.001375 */
    s.p_shut = 0.0322589;
    s.p_mob_shut = 1.0; /* a record above the shoot's P: all of it moves to the grain */
    s.p_shel = 8.0;     /* below the shell's optimum: no shell P to move */
    s.p_seed = 0.455;   /* grain demand 260·0.0035 − 0.455 = 0.455, mostly mined */
    const double before = maize_p_total(&s) + s.p_senesced_surface_kg_ha;
    double avail[2] = {0, 0}, dead[2] = {0, 0}, up[2], dp[2];
    cr_assert_eq(maize_p_step(&sp, &s, avail, dead, 2, 0, up, dp), 0.0);
    cr_expect(s.p_shut >= 0.0 && s.p_root >= 0.0 && s.p_shel >= 0.0, "shoot %g, roots %g, shell %g",
              s.p_shut, s.p_root, s.p_shel);
    cr_expect(s.p_seed > 0.455 + 0.0322589, "the grain got the shoot's P and some mined: %.9g", s.p_seed);
    const double after = maize_p_total(&s) + s.p_senesced_surface_kg_ha;
    cr_expect(fabs(after - before) < 1e-12, "the crop's P %.12g -> %.12g kg P/ha with nothing taken up",
              before, after);
}

/* MZ_GROSUB calls P_Ceres with EMERG in its emergence block, before the day's growth, on the
 * emerged plant's weights (LFWTE, STMWTE, RTWTE): the plant starts with the optimum P of those,
 * and the day's growth asks the soil for its own. agrosim set the P after maize_growth, on a leaf
 * that had grown that day. The leaf changes on its emergence day only with a fast phyllochron
 * (TI >= 2.49, DTT/PHINT >= 1.73: never with MZCER048's cultivars, DTT <= 26 C.d and PHINT >= 38),
 * as here with PHINT 20 on hot days (DTT 42 C.d): the seed gave 0.152904 kg P/ha, 0.00016 more
 * than DSSAT's 0.152746. */
Test(maize_p, the_emerged_plant_starts_with_the_optimum_p_of_its_emergence_weights)
{
    static agro_season_spec S;
    agro_weather *w;
    cr_assert_eq(helper_morogoro_weather(ctx, 2002, &w), AGRO_OK);
    cr_assert_eq(helper_morogoro_spec(ctx, &S, 2002), AGRO_OK);
    S.cultivar.phint_Cd = 20.0;
    S.cultivar.tbase_C = 0.0;
    S.cultivar.topt_C = S.cultivar.ropt_C = 45.0;
    S.options.phosphorus_limited = 1;
    S.soil.p_method = 2; /* SA002, Bray No. 1 */
    for (int32_t l = 0; l < S.soil.n_layers; l++) S.soil.extractable_p_mg_kg[l] = 10.0;
    agro_field *f;
    cr_assert_eq(agro_field_create(ctx, &S.soil, &S.options, &f), AGRO_OK, "%s", msg());
    int32_t idx;
    cr_assert_eq(agro_weather_find(w, 2002, 60, &idx), AGRO_OK);
    const agro_weather_day *days = agro_weather_days(w);
    maize_species sp;
    maize_species_default(&sp);
    const maize_state *c = agro_field_crop_unchecked(f);
    int emerged = 0;
    for (int32_t i = 0; i < 60 && !emerged; i++) {
        agro_weather_day d = days[idx + i];
        d.tmin_C = d.tmax_C = 42.0;
        for (int k = 0; k < S.n_events; k++) {
            if (S.events[k].doy != d.doy || S.events[k].year != d.year) continue;
            if (S.events[k].type == AGRO_EVENT_SOW)
                cr_assert_eq(agro_field_sow_maize(ctx, f, &S.events[k], &S.cultivar), AGRO_OK, "%s", msg());
            else
                cr_assert_eq(agro_field_apply(ctx, f, &S.events[k]), AGRO_OK, "%s", msg());
        }
        cr_assert_eq(agro_field_step(ctx, f, &d), AGRO_OK, "%s", msg());
        emerged = c->stage == AGRO_MAIZE_STAGE_EMERGENCE_TO_END_JUVENILE;
    }
    cr_assert(emerged, "no emergence in 60 days");
    cr_assert_gt(fabs(c->lfwt - sp.lfwte), 1e-5, "the leaf did not grow on its emergence day (%g g)", c->lfwt);
    const double opt = 10.0 * c->pltpop *
                       (sp.pc_shut_opt[0] * (sp.lfwte + sp.stmwte) + sp.pc_root_opt[0] * sp.rtwte);
    cr_expect(fabs(c->p_seed_kg_ha - opt) <= 1e-12 * opt, "seed P %.9g kg P/ha, the emerged plant's optimum %.9g",
              c->p_seed_kg_ha, opt);
    agro_field_free(f);
    agro_weather_free(w);
}

/* One day of MZ_PHENOL's P fractions: the stage after the day's phenology, the stage entered
 * today (0: none) and the SUMDTT left by it. */
static void fractions_day(const agro_maize_cultivar *c, maize_state *s, int32_t stage,
                          int32_t changed, double sumdtt)
{
    s->stage = stage;
    s->stage_changed = changed;
    s->sumdtt = sumdtt;
    maize_p_stage_fractions(c, s);
}

/* VegFrac and SeedFrac day by day from emergence to maturity, set in the block of the stage the
 * day began in (MZ_PHENOL.for ISTAGE 1-6; by hand, P1 + 25·(DOPT − TBASE) = 200 + 25·26 = 850):
 * none on the emergence day (ISTAGE 9 returns first; agrosim gave SUMDTT/850 of the day's
 * leftover), a stage-1 value assigned, not a MAX, the stage-2 MAX with SUMDTT/850 also on the
 * day of tassel initiation (agrosim took only SUMDTT_2/(SUMDTT_2 + P3 + DSGFT), smaller here),
 * and SeedFrac left at 0 on the day of silking (agrosim set SUMDTT/P5). A failed emergence
 * (DSSAT's ISTAGE 9 → 6) sets neither (agrosim set both to 1). */
Test(maize_p, stage_fractions_follow_mz_phenol_day_by_day)
{
    agro_maize_cultivar c;
    memset(&c, 0, sizeof c);
    c.p1_Cd = 200.0;
    c.tbase_C = 8.0;
    c.topt_C = 34.0;
    c.dsgft_Cd = 170.0;
    c.p5_Cd = 800.0;
    maize_state s;
    maize_state_clear(&s, 2);
    const double eps = 1e-12;
    fractions_day(&c, &s, 1, 1, 12.0); /* emergence, 12 C.d past P9 */
    cr_expect_eq(s.veg_frac, 0.0, "emergence day: VegFrac %.9g", s.veg_frac);
    fractions_day(&c, &s, 1, 0, 102.0);
    cr_expect_float_eq(s.veg_frac, 102.0 / 850.0, eps);
    fractions_day(&c, &s, 2, 2, 204.0); /* end of juvenile: stage 1's block, assigned */
    cr_expect_float_eq(s.veg_frac, 204.0 / 850.0, eps);
    fractions_day(&c, &s, 2, 0, 374.0);
    cr_expect_float_eq(s.veg_frac, 374.0 / 850.0, eps);
    s.sumdtt_2 = 391.0; /* tassel initiation: SUMDTT_2 = SUMDTT, SUMDTT = 0, P3 from TLNO */
    s.p3 = 605.0;
    fractions_day(&c, &s, 3, 3, 0.0);
    cr_assert_lt(391.0 / (391.0 + 605.0 + 170.0), 374.0 / 850.0);
    cr_expect_float_eq(s.veg_frac, 391.0 / 850.0, eps, "tassel initiation: VegFrac %.9g",
                       s.veg_frac);
    fractions_day(&c, &s, 3, 0, 200.0);
    cr_expect_float_eq(s.veg_frac, (200.0 + 391.0) / (391.0 + 605.0), eps);
    fractions_day(&c, &s, 4, 4, 16.0); /* silking, SUMDTT − P3 = 16 */
    cr_expect_eq(s.veg_frac, 1.0);
    cr_expect_eq(s.seed_frac, 0.0, "silking day: SeedFrac %.9g", s.seed_frac);
    fractions_day(&c, &s, 4, 0, 96.0);
    cr_expect_float_eq(s.seed_frac, 96.0 / 800.0, eps);
    fractions_day(&c, &s, 5, 5, 180.0);
    cr_expect_float_eq(s.seed_frac, 180.0 / 800.0, eps);
    fractions_day(&c, &s, 6, 6, 764.0);
    cr_expect_float_eq(s.seed_frac, 764.0 / 800.0, eps);
    fractions_day(&c, &s, 6, 0, 790.0);
    cr_expect_float_eq(s.seed_frac, 790.0 / 800.0, eps);
    cr_expect_eq(s.veg_frac, 1.0);
    fractions_day(&c, &s, AGRO_MAIZE_STAGE_MATURE, AGRO_MAIZE_STAGE_MATURE, 801.0);
    cr_expect_eq(s.seed_frac, 1.0);
    cr_expect_eq(s.veg_frac, 1.0);

    maize_state_clear(&s, 2);
    s.veg_frac = 0.5; /* larger than the day's ratio (set by hand): stage 1 assigns */
    fractions_day(&c, &s, 1, 0, 119.0);
    cr_expect_float_eq(s.veg_frac, 119.0 / 850.0, eps, "stage 1: VegFrac %.9g", s.veg_frac);

    maize_state_clear(&s, 2);
    s.failed = 1; /* no emergence: the seed ran out of reserves */
    fractions_day(&c, &s, AGRO_MAIZE_STAGE_MATURE, AGRO_MAIZE_STAGE_MATURE, 300.0);
    cr_expect(s.veg_frac == 0.0 && s.seed_frac == 0.0, "failed emergence: VegFrac %g, SeedFrac %g",
              s.veg_frac, s.seed_frac);
}

/* GHWA0401 (Wa, Ghana, 2004; N × P, banded single superphosphate): within each fertilised N
 * level the P-fertilised plots out-yield the P0 plot, as observed (DSSAT/dssat-csm-data
 * GHWA0401.MZA: 979 vs 2500 and 2208; 1896 vs 3938 and 4188 kg/ha); the summary counts the
 * 26 or 39 kg P/ha applied and the P balance closes. */
Test(maize_p, ghwa0401_p_fertiliser_raises_yield_within_each_n_level)
{
    agro_dssat_exp *x;
    cr_assert_eq(agro_dssat_exp_load(ctx, V "/Maize/GHWA0401.MZX", &x), AGRO_OK, "%s", msg());
    double y[10];
    for (int32_t t = 1; t <= 9; t++) {
        agro_dssat_result r;
        cr_assert_eq(agro_dssat_run_treatment(ctx, x, t, V, &r), AGRO_OK, "%s", msg());
        y[t] = r.yield_kg_ha;
        const double p_applied = (t - 1) % 3 == 0 ? 0.0 : ((t - 1) % 3 == 1 ? 26.0 : 39.0);
        cr_expect_float_eq(r.summary.picm_kg_ha, p_applied, 1e-9, "treatment %d", (int)t);
        cr_expect(r.summary.p_balance_error_kg_ha < 1e-6, "treatment %d: %g", (int)t,
                  r.summary.p_balance_error_kg_ha);
    }
    cr_log_info("GHWA0401 yields: N60 %.0f %.0f %.0f, N120 %.0f %.0f %.0f", y[4], y[5], y[6],
                y[7], y[8], y[9]);
    cr_expect(y[5] > 1.5 * y[4] && y[6] > 1.5 * y[4], "N60: %g %g %g", y[4], y[5], y[6]);
    cr_expect(y[8] > 1.5 * y[7] && y[9] > 1.5 * y[7], "N120: %g %g %g", y[7], y[8], y[9]);
    agro_dssat_exp_free(x);
}

/* Params or a state whose layer counts cannot index their arrays, or disagree, and values that
 * are not numbers: the calls that take them change nothing and say so (found by probing the
 * public API: they read and wrote past the arrays) */
Test(soil_p, bad_layer_counts_and_values_are_refused_and_change_nothing)
{
    agro_soil_profile pr = sandy(4.0);
    agro_soil_p_params p;
    agro_soil_p_state s;
    cr_assert_eq(agro_soil_p_init(ctx, &pr, &p, &s), AGRO_OK);
    const agro_soil_p_state before = s;
    double up[AGRO_SOIL_MAX_LAYERS] = {1.0, 1.0}, rlv[AGRO_SOIL_MAX_LAYERS] = {1.0, 1.0};
    agro_soil_p_params bad = p;
    bad.n_layers = INT32_MAX;
    cr_expect_eq(agro_soil_p_take_up(ctx, &bad, &s, up), AGRO_EINVAL);
    cr_expect(strstr(msg(), "p->n_layers: must be 1..40 (2147483647)") != NULL, "%s", msg());
    cr_expect_eq(agro_soil_p_root_volume(ctx, &bad, &s, rlv, 30.0, 5.0, 75.0, 2e-4), AGRO_EINVAL);
    cr_expect(strstr(msg(), "p->n_layers: must be 1..40 (2147483647)") != NULL, "%s", msg());
    cr_expect_eq(agro_soil_p_root_volume(ctx, &p, &s, NULL, 30.0, 5.0, 75.0, 2e-4), AGRO_EINVAL);
    cr_expect(strstr(msg(), "rlv: NULL") != NULL, "%s", msg());
    cr_expect_eq(agro_soil_p_fertilise(ctx, &bad, &s, 0, 10.0, 0.0), AGRO_EINVAL);
    cr_expect_eq(agro_soil_p_add_organic(ctx, &bad, &s, 0, 10.0), AGRO_EINVAL);
    bad.n_layers = p.n_layers - 1; /* params and state disagree */
    cr_expect_eq(agro_soil_p_fertilise(ctx, &bad, &s, 0, 10.0, 0.0), AGRO_EINVAL);
    cr_expect(strstr(msg(), "n_layers") != NULL, "%s", msg());
    cr_expect(memcmp(&s, &before, sizeof s) == 0, "the state changed");

    /* uptake and root-zone values that are not numbers were taken: {NaN, -5} made the
       cumulative uptake NaN with no status, and the next step blamed a pool */
    up[0] = NAN;
    up[1] = -5.0;
    cr_expect_eq(agro_soil_p_take_up(ctx, &p, &s, up), AGRO_ERANGE);
    cr_expect(strstr(msg(), "kg_p_ha[0]: P uptake must be finite and >= 0 kg/ha (nan)") != NULL,
              "%s", msg());
    up[0] = 0.5;
    cr_expect_eq(agro_soil_p_take_up(ctx, &p, &s, up), AGRO_ERANGE, "a negative uptake");
    cr_expect(strstr(msg(), "kg_p_ha[1]: P uptake must be finite and >= 0 kg/ha (-5)") != NULL,
              "%s", msg());
    cr_expect_eq(agro_soil_p_root_volume(ctx, &p, &s, rlv, NAN, 5.0, 75.0, 2e-4), AGRO_ERANGE);
    cr_expect(strstr(msg(), "root_depth_cm: must be finite and >= 0 (nan)") != NULL, "%s", msg());
    cr_expect_eq(agro_soil_p_root_volume(ctx, &p, &s, rlv, 30.0, 5.0, 75.0, -2e-4), AGRO_ERANGE);
    cr_expect(strstr(msg(), "root_radius_m: must be finite and >= 0 (-0.0002)") != NULL, "%s", msg());
    rlv[1] = INFINITY;
    cr_expect_eq(agro_soil_p_root_volume(ctx, &p, &s, rlv, 30.0, 5.0, 75.0, 2e-4), AGRO_ERANGE);
    cr_expect(strstr(msg(), "rlv[1]: root length density must be finite and >= 0 cm/cm3 (inf)") != NULL,
              "%s", msg());
    cr_expect(memcmp(&s, &before, sizeof s) == 0, "the state changed");
    up[1] = 0.25;
    rlv[1] = 1.0;
    cr_expect_eq(agro_soil_p_take_up(ctx, &p, &s, up), AGRO_OK);
    cr_expect_float_eq(s.cum_uptake_kg_ha, 0.75, 1e-15);
    cr_expect_eq(agro_soil_p_root_volume(ctx, &p, &s, rlv, 30.0, 5.0, 75.0, 2e-4), AGRO_OK);
}


/* A caller's P state is checked by both public steps before anything changes, each bad member
 * named by its state field: a NaN humus P was "labile P would become nan", a root-zone fraction
 * of NaN, inf or -1 ran under CENTURY, a pool of 1e300 and a day's decomposed FOM N of 1e300
 * (the P balance then 724 kg P/ha off) lost the balance to rounding with AGRO_OK, and a NaN
 * total made the balance NaN. */
Test(soil_p, a_caller_state_outside_its_ranges_is_refused_naming_the_member)
{
    static const struct {
        size_t offset; /* in agro_soil_p_state, of a double */
        double bad;
        int status;
        const char *want;
    } cases[] = {
        {offsetof(agro_soil_p_state, humus_p[0]), NAN, AGRO_ENUMERIC, "layer 1 humus_p: state must be"},
        {offsetof(agro_soil_p_state, humus_p[2]), 1e300, AGRO_ERANGE, "layer 3 humus_p: state must be"},
        {offsetof(agro_soil_p_state, lab_rts[1]), 1e300, AGRO_ERANGE, "layer 2 lab_rts"},
        {offsetof(agro_soil_p_state, sta_out[3]), -INFINITY, AGRO_ENUMERIC, "layer 4 sta_out"},
        {offsetof(agro_soil_p_state, fert_banded[0]), NAN, AGRO_ENUMERIC, "layer 1 fert_banded"},
        {offsetof(agro_soil_p_state, uptake_pending[1]), -1.0, AGRO_ERANGE, "layer 2 uptake_pending"},
        {offsetof(agro_soil_p_state, frac_rts[2]), NAN, AGRO_ENUMERIC, "layer 3 frac_rts: state fraction"},
        {offsetof(agro_soil_p_state, frac_rts[2]), INFINITY, AGRO_ENUMERIC, "layer 3 frac_rts"},
        {offsetof(agro_soil_p_state, frac_rts[2]), -1.0, AGRO_ERANGE, "layer 3 frac_rts"},
        {offsetof(agro_soil_p_state, frac_rts_prev[0]), 2.0, AGRO_ERANGE, "layer 1 frac_rts_prev"},
        {offsetof(agro_soil_p_state, initial_kg_ha), NAN, AGRO_ENUMERIC, "initial_kg_ha: state total"},
        {offsetof(agro_soil_p_state, cum_uptake_kg_ha), INFINITY, AGRO_ENUMERIC, "cum_uptake_kg_ha"},
        {offsetof(agro_soil_p_state, cum_om_external_kg_ha), -INFINITY, AGRO_ENUMERIC,
         "cum_om_external_kg_ha"},
    };
    agro_century_rates om;
    memset(&om, 0, sizeof om);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        for (int century = 0; century <= 1; century++) {
            agro_soil_p_params p;
            agro_soil_p_state s;
            agro_soil_p_drivers d;
            start_sandy(&p, &s, &d);
            memcpy((char *)&s + cases[k].offset, &cases[k].bad, sizeof cases[k].bad);
            const agro_soil_p_state before = s;
            const int st = century ? agro_soil_p_step_century(ctx, &p, &s, &d, &om, NULL)
                                   : agro_soil_p_step(ctx, &p, &s, &d, NULL);
            cr_expect_eq(st, cases[k].status, "%s (century %d): status %d (%s)", cases[k].want, century,
                         st, msg());
            cr_expect(strstr(msg(), cases[k].want) != NULL, "%s", msg());
            cr_expect(memcmp(&before, &s, sizeof s) == 0, "%s: the state changed", cases[k].want);
            agro_ctx_clear(ctx);
        }
    /* the drivers the humus P follows: at most the layer's soil mass of N */
    agro_soil_p_params p;
    agro_soil_p_state s;
    agro_soil_p_drivers d;
    start_sandy(&p, &s, &d);
    d.fom_n_decomposed[1] = 1e300;
    const agro_soil_p_state before = s;
    cr_expect_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_ERANGE, "%s", msg());
    cr_expect(strstr(msg(), "layer 2 fom_n_decomposed: must be at most the layer's soil mass") != NULL,
              "%s", msg());
    cr_expect(memcmp(&before, &s, sizeof s) == 0);
    agro_ctx_clear(ctx);
    d.fom_n_decomposed[1] = 0.0;
    d.n_immobilised[0] = INFINITY; /* (the drivers' own check: finite) */
    cr_expect_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_ENUMERIC, "%s", msg());
    agro_ctx_clear(ctx);
    d.n_immobilised[0] = 0.0;
    /* the largest decomposed N a layer can hold, with a CENTURY-free state: accepted, the balance
       closed */
    d.fom_n_decomposed[0] = 1e6 * p.kg_ha_per_ppm[0];
    cr_expect_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_OK, "%s", msg());
    cr_expect_lt(fabs(agro_soil_p_balance_kg_ha(&s)), 1e-3);
}

/* The entries a caller calls between steps with its own state (fertiliser, organic P, root
 * zone, uptake) check it as the steps do, before anything changes, naming the member: a NaN
 * pool or total took the addition with AGRO_OK (the next step named it, or a band of fertiliser
 * replaced a NaN root-zone fraction and hid it). The state agro_soil_p_init made passes. */
Test(soil_p, the_additions_root_zone_and_uptake_check_a_caller_state_naming_the_member)
{
    static const struct {
        size_t offset; /* in agro_soil_p_state, of a double */
        double bad;
        int status;
        const char *want;
    } cases[] = {
        {offsetof(agro_soil_p_state, humus_p[0]), NAN, AGRO_ENUMERIC, "layer 1 humus_p: state must be"},
        {offsetof(agro_soil_p_state, fom_p[1]), 1e300, AGRO_ERANGE, "layer 2 fom_p"},
        {offsetof(agro_soil_p_state, lab_out[3]), -1.0, AGRO_ERANGE, "layer 4 lab_out"},
        {offsetof(agro_soil_p_state, fert_banded[0]), NAN, AGRO_ENUMERIC, "layer 1 fert_banded"},
        {offsetof(agro_soil_p_state, uptake_pending[1]), INFINITY, AGRO_ENUMERIC, "layer 2 uptake_pending"},
        {offsetof(agro_soil_p_state, frac_rts[0]), NAN, AGRO_ENUMERIC, "layer 1 frac_rts: state fraction"},
        {offsetof(agro_soil_p_state, frac_rts_prev[2]), -1.0, AGRO_ERANGE, "layer 3 frac_rts_prev"},
        {offsetof(agro_soil_p_state, cum_fertiliser_kg_ha), NAN, AGRO_ENUMERIC, "cum_fertiliser_kg_ha"},
        {offsetof(agro_soil_p_state, cum_organic_in_kg_ha), INFINITY, AGRO_ENUMERIC, "cum_organic_in_kg_ha"},
        {offsetof(agro_soil_p_state, cum_uptake_kg_ha), -INFINITY, AGRO_ENUMERIC, "cum_uptake_kg_ha"},
    };
    double rlv[AGRO_SOIL_MAX_LAYERS], up[AGRO_SOIL_MAX_LAYERS];
    for (int i = 0; i < AGRO_SOIL_MAX_LAYERS; i++) {
        rlv[i] = 1.0;
        up[i] = 0.1;
    }
    for (size_t k = 0; k <= sizeof cases / sizeof cases[0]; k++)
        for (int call = 0; call < 4; call++) {
            agro_soil_p_params p;
            agro_soil_p_state s;
            agro_soil_p_drivers d;
            start_sandy(&p, &s, &d);
            const int good = k == sizeof cases / sizeof cases[0];
            if (!good) memcpy((char *)&s + cases[k].offset, &cases[k].bad, sizeof cases[k].bad);
            const agro_soil_p_state before = s;
            const int st = call == 0   ? agro_soil_p_fertilise(ctx, &p, &s, 0, 20.0, 0.1)
                           : call == 1 ? agro_soil_p_add_organic(ctx, &p, &s, 1, 2.0)
                           : call == 2 ? agro_soil_p_root_volume(ctx, &p, &s, rlv, 30.0, 5.0, 75.0, 2e-4)
                                       : agro_soil_p_take_up(ctx, &p, &s, up);
            if (good) {
                cr_expect_eq(st, AGRO_OK, "call %d: %s", call, msg());
                cr_expect_lt(fabs(agro_soil_p_balance_kg_ha(&s)), 1e-9, "call %d", call);
                continue;
            }
            cr_expect_eq(st, cases[k].status, "%s (call %d): status %d (%s)", cases[k].want, call, st, msg());
            cr_expect(strstr(msg(), cases[k].want) != NULL, "call %d: %s", call, msg());
            cr_expect(memcmp(&before, &s, sizeof s) == 0, "%s (call %d): the state changed", cases[k].want, call);
            agro_ctx_clear(ctx);
        }
}

/* The step takes a recorded uptake from the layer's labile P: 1e6 kg/ha, inside the soil-mass
 * bound, was refused by its effect ("labile P would become -982659"); the steps and the entries
 * that check the state name uptake_pending, nothing changed. All of the labile P runs. */
Test(soil_p, an_uptake_above_the_labile_p_is_named_not_by_its_effect)
{
    double up[AGRO_SOIL_MAX_LAYERS] = {0};
    agro_century_rates om;
    memset(&om, 0, sizeof om);
    for (int call = 0; call < 4; call++) {
        agro_soil_p_params p;
        agro_soil_p_state s;
        agro_soil_p_drivers d;
        start_sandy(&p, &s, &d);
        s.uptake_pending[1] = 1e6;
        cr_assert_lt(s.uptake_pending[1], 1e6 * p.kg_ha_per_ppm[1], "inside the soil mass");
        const agro_soil_p_state before = s;
        const int st = call == 0   ? agro_soil_p_step(ctx, &p, &s, &d, NULL)
                       : call == 1 ? agro_soil_p_step_century(ctx, &p, &s, &d, &om, NULL)
                       : call == 2 ? agro_soil_p_take_up(ctx, &p, &s, up)
                                   : agro_soil_p_fertilise(ctx, &p, &s, 0, 20.0, 0.0);
        cr_expect_eq(st, AGRO_ERANGE, "call %d: %s", call, msg());
        cr_expect(strstr(msg(), "layer 2 uptake_pending: state must be at most the layer's labile P") != NULL,
                  "call %d: %s", call, msg());
        cr_expect(memcmp(&before, &s, sizeof s) == 0, "call %d: the state changed", call);
        agro_ctx_clear(ctx);
    }
    agro_soil_p_params p;
    agro_soil_p_state s;
    agro_soil_p_drivers d;
    start_sandy(&p, &s, &d);
    s.uptake_pending[1] = s.lab_rts[1] + s.lab_out[1];
    s.cum_uptake_kg_ha = s.uptake_pending[1];
    cr_expect_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_OK, "%s", msg());
    cr_expect_lt(fabs(agro_soil_p_balance_kg_ha(&s)), 1e-6);
}

/* agro_soil_p_take_up refuses an uptake that, with what is already recorded, is more than the
 * layer's labile P, at the call that asks for it, naming the element: 1000 kg/ha in a layer of
 * 11 was recorded with AGRO_OK and the next step refused uptake_pending. Exactly the labile P
 * is taken, and the step then empties it with the balance closed. */
Test(soil_p, an_uptake_above_the_labile_p_is_refused_when_recorded_naming_the_element)
{
    agro_soil_p_params p;
    agro_soil_p_state s;
    agro_soil_p_drivers d;
    start_sandy(&p, &s, &d);
    const double lab = s.lab_rts[1] + s.lab_out[1];
    cr_assert(lab > 1.0 && lab < 100.0, "layer 2 labile P %g", lab);
    double up[AGRO_SOIL_MAX_LAYERS] = {0};
    up[1] = 1000.0;
    const agro_soil_p_state s0 = s;
    cr_expect_eq(agro_soil_p_take_up(ctx, &p, &s, up), AGRO_ERANGE, "%s", msg());
    cr_expect(strstr(msg(), "kg_p_ha[1]: P uptake with the 0 kg/ha recorded since the last step "
                            "must be at most layer 2's labile P (lab_rts + lab_out)") != NULL,
              "%s", msg());
    cr_expect(strstr(msg(), "(1000)") != NULL, "%s", msg());
    cr_expect(memcmp(&s, &s0, sizeof s) == 0, "nothing recorded");
    /* two calls that together ask for more: the second is refused, the first stays */
    up[1] = 0.75 * lab;
    cr_assert_eq(agro_soil_p_take_up(ctx, &p, &s, up), AGRO_OK, "%s", msg());
    const agro_soil_p_state s1 = s;
    cr_expect_eq(agro_soil_p_take_up(ctx, &p, &s, up), AGRO_ERANGE, "%s", msg());
    cr_expect(strstr(msg(), "kg_p_ha[1]") != NULL, "%s", msg());
    cr_expect(memcmp(&s, &s1, sizeof s) == 0, "nothing recorded");
    /* the rest of the labile P is taken, and the step removes all of it */
    up[1] = lab - s.uptake_pending[1];
    cr_assert_eq(agro_soil_p_take_up(ctx, &p, &s, up), AGRO_OK, "%s", msg());
    cr_assert_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_OK, "%s", msg());
    cr_expect_lt(fabs(agro_soil_p_balance_kg_ha(&s)), 1e-6);
}

/* A kg_ha_per_ppm that is no layer's 0.1·BD·thickness (BD in (0.001, 2.65]) and leaves a pool
 * above the soil mass it implies is named itself, as the N params' is: 1e-300 was named as the
 * first pool ("layer 3 lab_out: ... soil mass"). A pool above a soil mass that is the layer's own
 * is still named as the pool. */
Test(soil_p, a_kg_ha_per_ppm_no_layer_has_is_named_not_the_pool_it_spoils)
{
    agro_century_rates om;
    memset(&om, 0, sizeof om);
    for (int call = 0; call < 3; call++) {
        agro_soil_p_params p;
        agro_soil_p_state s;
        agro_soil_p_drivers d;
        start_sandy(&p, &s, &d);
        p.kg_ha_per_ppm[2] = 1e-300;
        const agro_soil_p_state before = s;
        const int st = call == 0   ? agro_soil_p_step(ctx, &p, &s, &d, NULL)
                       : call == 1 ? agro_soil_p_step_century(ctx, &p, &s, &d, &om, NULL)
                                   : agro_soil_p_add_organic(ctx, &p, &s, 0, 1.0);
        cr_expect_eq(st, AGRO_ERANGE, "call %d: %s", call, msg());
        cr_expect(strstr(msg(), "layer 3 kg_ha_per_ppm: must be 0.1·BD·thickness_cm") != NULL,
                  "call %d: %s", call, msg());
        cr_expect(memcmp(&before, &s, sizeof s) == 0, "call %d: the state changed", call);
        agro_ctx_clear(ctx);
    }
    agro_soil_p_params p;
    agro_soil_p_state s;
    agro_soil_p_drivers d;
    start_sandy(&p, &s, &d);
    s.humus_p[2] = 2e6 * p.kg_ha_per_ppm[2];
    cr_expect_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_ERANGE, "%s", msg());
    cr_expect(strstr(msg(), "layer 3 humus_p: state must be") != NULL, "%s", msg());
}

/* n_layers past the profile's, the layers after it unfilled (zero): the count is named, not the
 * first unfilled layer ("layer 9 kg_ha_per_ppm"); a filled layer that is wrong is still named. */
Test(soil_p, an_n_layers_past_the_profiles_is_named)
{
    agro_soil_p_params p;
    agro_soil_p_state s;
    agro_soil_p_drivers d;
    start_sandy(&p, &s, &d);
    const int32_t n = p.n_layers;
    p.n_layers = s.n_layers = AGRO_SOIL_MAX_LAYERS;
    const agro_soil_p_state before = s;
    cr_expect_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_ERANGE, "%s", msg());
    char want[96];
    snprintf(want, sizeof want, "n_layers: must be the profile's %d layers: layers %d..40 are unfilled",
             (int)n, (int)n + 1);
    cr_expect(strstr(msg(), want) != NULL, "%s", msg());
    cr_expect(memcmp(&before, &s, sizeof s) == 0);
    agro_ctx_clear(ctx);
    cr_expect_eq(agro_soil_p_add_organic(ctx, &p, &s, 0, 1.0), AGRO_ERANGE, "%s", msg());
    cr_expect(strstr(msg(), want) != NULL, "%s", msg());
    agro_ctx_clear(ctx);
    p.thickness_cm[n + 2] = 10.0; /* a layer past it filled: the first unfilled one is named */
    cr_expect_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_ERANGE, "%s", msg());
    char layer[48];
    snprintf(layer, sizeof layer, "layer %d kg_ha_per_ppm", (int)n + 1);
    cr_expect(strstr(msg(), layer) != NULL, "%s", msg());
}

/* roots_seen is a flag (RootSoilVol.for's first day with roots or a later one): 2 or -1 ran as
 * set; the steps and the root zone refuse it naming it, the state unchanged. */
Test(soil_p, the_roots_seen_flag_is_checked)
{
    double rlv[AGRO_SOIL_MAX_LAYERS];
    for (int i = 0; i < AGRO_SOIL_MAX_LAYERS; i++) rlv[i] = 1.0;
    static const int32_t bad[] = {2, -1, INT32_MIN};
    agro_century_rates om;
    memset(&om, 0, sizeof om);
    for (int v = 0; v < 3; v++)
        for (int call = 0; call < 3; call++) {
            agro_soil_p_params p;
            agro_soil_p_state s;
            agro_soil_p_drivers d;
            start_sandy(&p, &s, &d);
            s.roots_seen = bad[v];
            const agro_soil_p_state before = s;
            const int st = call == 0   ? agro_soil_p_step(ctx, &p, &s, &d, NULL)
                           : call == 1 ? agro_soil_p_step_century(ctx, &p, &s, &d, &om, NULL)
                                       : agro_soil_p_root_volume(ctx, &p, &s, rlv, 30.0, 5.0, 75.0, 2e-4);
            cr_expect_eq(st, AGRO_ERANGE, "call %d (%d): %s", call, (int)bad[v], msg());
            cr_expect(strstr(msg(), "roots_seen: state flag must be 0 or 1") != NULL, "%s", msg());
            cr_expect(memcmp(&before, &s, sizeof s) == 0, "call %d: the state changed", call);
            agro_ctx_clear(ctx);
        }
}

/* A step refused by a deep layer's pool leaves the whole state as it was (found by a review:
 * the pools were written layer by layer as they were checked, and the day's uptake, fertiliser
 * and organic P before them, so a refusal in layer 4 kept layers 1-3 at the next day, their
 * pending uptake and fertiliser spent). Here layer 4's active P has outflows of 1.2/d in all
 * (each rate in 0..1, the params' range), and the organic P of layer 6 of a state a caller
 * edited is below zero (now refused on entry, naming fom_p); with roots, a pending uptake and
 * fertiliser in the layers above, under both organic-matter models. */
Test(soil_p, a_step_refused_by_a_deep_layer_leaves_the_state_as_it_was)
{
    for (int century = 0; century <= 1; century++)
        for (int organic = 0; organic <= 1; organic++) {
            agro_soil_p_params p;
            agro_soil_p_state s;
            agro_soil_p_drivers d;
            start_sandy(&p, &s, &d);
            double rlv[AGRO_SOIL_MAX_LAYERS] = {0.5, 0.3, 0.1}, up[AGRO_SOIL_MAX_LAYERS] = {0.02, 0.01};
            cr_assert_eq(agro_soil_p_root_volume(ctx, &p, &s, rlv, 20.0, 5.0, 75.0, 0.0028), AGRO_OK);
            cr_assert_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_OK, "%s", msg());
            cr_assert_eq(agro_soil_p_take_up(ctx, &p, &s, up), AGRO_OK);
            cr_assert_eq(agro_soil_p_fertilise(ctx, &p, &s, 0, 15.0, 0.0), AGRO_OK);
            cr_assert_eq(agro_soil_p_fertilise(ctx, &p, &s, 1, 5.0, 0.2), AGRO_OK);
            cr_assert_eq(agro_soil_p_add_organic(ctx, &p, &s, 2, 3.0), AGRO_OK);
            d.n_immobilised[0] = 2.0;
            d.fom_frac[2] = 0.05;
            const char *want;
            int want_st = AGRO_ENUMERIC;
            if (organic) {
                s.fom_p[5] = -1.0;
                want = "layer 6 fom_p: state must be finite, >= 0";
                want_st = AGRO_ERANGE;
            } else {
                p.k_act2lab[3] = p.k_act2sta[3] = 0.6;
                want = "layer 4 active P: P pool would become";
            }
            agro_century_rates om;
            memset(&om, 0, sizeof om);
            om.mineralised_p[1] = 0.05;
            const agro_soil_p_state before = s;
            const int st = century ? agro_soil_p_step_century(ctx, &p, &s, &d, &om, NULL)
                                   : agro_soil_p_step(ctx, &p, &s, &d, NULL);
            cr_expect_eq(st, want_st, "century %d, organic %d: status %d (%s)", century,
                         organic, st, msg());
            cr_expect(strstr(msg(), want) != NULL, "%s", msg());
            cr_expect(memcmp(&before, &s, sizeof s) == 0,
                      "century %d, organic %d: the refused step changed the state (labile P of "
                      "layer 1 %.9g -> %.9g, pending uptake %g -> %g, fertiliser %g -> %g)",
                      century, organic, before.lab_rts[0] + before.lab_out[0],
                      s.lab_rts[0] + s.lab_out[0], before.uptake_pending[0], s.uptake_pending[0],
                      before.fert_broadcast[0], s.fert_broadcast[0]);
            agro_ctx_clear(ctx);
        }
}

/* Params a caller edits after agro_soil_p_init are checked by the calls that read them, as the
 * N and water steps check theirs (found by a review: a negative rate, a solubility of -1 or a
 * kg/ha per ppm of 0 were taken with status 0, giving negative or NaN available P): the step
 * refuses the chemistry and rates outside their ranges, the root zone the layer geometry,
 * naming the field and the layer, with the state unchanged; unknown CaCO3 and sum of bases
 * (NaN) and the bounds themselves are taken. */
Test(soil_p, params_edited_after_init_are_refused_by_field_and_layer)
{
    static const struct {
        const char *field;
        int layer;
        double v;
        int status;
        const char *want;
    } cases[] = {
        {"k_act2sta", 2, -0.5, AGRO_ERANGE, "layer 3 k_act2sta: P parameter must be in [0, 1] (-0.5)"},
        {"k_lab2act", 0, 1.5, AGRO_ERANGE, "layer 1 k_lab2act: P parameter must be in [0, 1] (1.5)"},
        {"k_sta2act", 5, NAN, AGRO_ENUMERIC, "layer 6 k_sta2act: P parameter must be in [0, 1] (nan)"},
        {"frac_soln", 1, -1.0, AGRO_ERANGE, "layer 2 frac_soln"},
        {"kg_ha_per_ppm", 3, 0.0, AGRO_ERANGE,
         "layer 4 kg_ha_per_ppm: P parameter must be in (0, 1325] (0)"},
        {"tex_fac", 0, INFINITY, AGRO_ENUMERIC, "layer 1 tex_fac"},
        {"ll", 4, 0.0, AGRO_ERANGE, "layer 5 ll: P parameter must be in (0, 1) (0)"},
        {"caco3_pct", 1, -3.0, AGRO_ERANGE,
         "layer 2 caco3_pct: P parameter must be in [0, 100] (NaN: unknown) (-3)"},
        {"clay_pct", 2, NAN, AGRO_ENUMERIC, "layer 3 clay_pct"},
        {"ph", 0, 15.0, AGRO_ERANGE, "layer 1 ph"},
        {"base_sum_cmol_kg", 5, -INFINITY, AGRO_ENUMERIC, "layer 6 base_sum_cmol_kg"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        agro_soil_p_params p;
        agro_soil_p_state s;
        agro_soil_p_drivers d;
        start_sandy(&p, &s, &d);
        double *field[] = {p.k_act2sta, p.k_lab2act, p.k_sta2act, p.frac_soln, p.kg_ha_per_ppm,
                           p.tex_fac, p.ll, p.caco3_pct, p.clay_pct, p.ph, p.base_sum_cmol_kg};
        field[k][cases[k].layer] = cases[k].v;
        const agro_soil_p_state before = s;
        agro_century_rates om;
        memset(&om, 0, sizeof om);
        for (int century = 0; century <= 1; century++) {
            const int st = century ? agro_soil_p_step_century(ctx, &p, &s, &d, &om, NULL)
                                   : agro_soil_p_step(ctx, &p, &s, &d, NULL);
            cr_expect_eq(st, cases[k].status, "%s = %g (century %d): status %d (%s)",
                         cases[k].field, cases[k].v, century, st, msg());
            cr_expect(strstr(msg(), cases[k].want) != NULL, "%s", msg());
            cr_expect(memcmp(&before, &s, sizeof s) == 0, "%s: the state changed", cases[k].field);
            agro_ctx_clear(ctx);
        }
    }
    /* the root zone reads the layers' geometry */
    agro_soil_p_params p;
    agro_soil_p_state s;
    agro_soil_p_drivers d;
    start_sandy(&p, &s, &d);
    const agro_soil_p_state before = s;
    double rlv[AGRO_SOIL_MAX_LAYERS] = {0.5, 0.3, 0.1};
    const double dz = p.thickness_cm[1];
    p.thickness_cm[1] = 0.0;
    cr_expect_eq(agro_soil_p_root_volume(ctx, &p, &s, rlv, 20.0, 5.0, 75.0, 0.0028), AGRO_ERANGE);
    cr_expect(strstr(msg(), "layer 2 thickness_cm: P parameter must be in (0, 5000] (0)") != NULL,
              "%s", msg());
    p.thickness_cm[1] = dz;
    p.depth_cm[2] = NAN;
    cr_expect_eq(agro_soil_p_root_volume(ctx, &p, &s, rlv, 20.0, 5.0, 75.0, 0.0028), AGRO_ENUMERIC);
    cr_expect(strstr(msg(), "layer 3 depth_cm") != NULL, "%s", msg());
    cr_expect(memcmp(&before, &s, sizeof s) == 0, "the root zone changed");
    p.depth_cm[2] = 30.0;
    /* unknown chemistry and the bounds are taken */
    p.caco3_pct[0] = p.base_sum_cmol_kg[0] = NAN;
    p.caco3_pct[1] = 100.0;
    p.k_lab2act[2] = 1.0;
    p.k_act2lab[2] = p.k_act2sta[2] = p.k_sta2act[2] = 0.0;
    p.ph[3] = 14.0;
    p.tex_fac[4] = 0.25;
    cr_expect_eq(agro_soil_p_root_volume(ctx, &p, &s, rlv, 20.0, 5.0, 75.0, 0.0028), AGRO_OK, "%s", msg());
    cr_expect_eq(agro_soil_p_fertilise(ctx, &p, &s, 0, 10.0, 0.0), AGRO_OK);
    cr_expect_eq(agro_soil_p_step(ctx, &p, &s, &d, NULL), AGRO_OK, "%s", msg());
    cr_expect(fabs(agro_soil_p_balance_kg_ha(&s)) < 1e-9, "balance %g", agro_soil_p_balance_kg_ha(&s));
}

/* The entries that read the layers' geometry (the root zone, and the additions, uptake and new
 * saturation, which check the params as a whole) took a caller's thickness_cm of 1e-6 cm (or of
 * 1e-300 cm) with AGRO_OK, their check asking only > 0, where agro_soil_p_init refuses such a
 * layer by its SLB. Each refuses it naming the member and layer in the words of the N and water
 * params' checks, with params and state untouched; 0 keeps its range message; the minimum, and
 * the minimum less the allowance, are taken. */
Test(soil_p, the_entries_reading_the_layers_refuse_one_thinner_than_the_minimum)
{
    double rlv[AGRO_SOIL_MAX_LAYERS], up[AGRO_SOIL_MAX_LAYERS], sat[AGRO_SOIL_MAX_LAYERS];
    for (int i = 0; i < AGRO_SOIL_MAX_LAYERS; i++) {
        rlv[i] = 1.0;
        up[i] = 0.01;
        sat[i] = 0.36;
    }
    static const int32_t layer[] = {0, 2, 5};
    static const double thin[] = {1e-300, 1e-6, 0.0005, 0.00099};
    for (size_t k = 0; k < sizeof layer / sizeof layer[0]; k++)
        for (size_t t = 0; t < sizeof thin / sizeof thin[0]; t++)
            for (int call = 0; call < 5; call++) {
                agro_soil_p_params p;
                agro_soil_p_state s;
                agro_soil_p_drivers d;
                start_sandy(&p, &s, &d);
                p.thickness_cm[layer[k]] = thin[t];
                const agro_soil_p_params p0 = p;
                const agro_soil_p_state s0 = s;
                const int st = call == 0   ? agro_soil_p_fertilise(ctx, &p, &s, 0, 20.0, 0.1)
                               : call == 1 ? agro_soil_p_add_organic(ctx, &p, &s, 1, 2.0)
                               : call == 2 ? agro_soil_p_root_volume(ctx, &p, &s, rlv, 30.0, 5.0,
                                                                     75.0, 2e-4)
                               : call == 3 ? agro_soil_p_take_up(ctx, &p, &s, up)
                                           : agro_soil_p_set_saturation(ctx, &p, &s, sat, d.sw, 6);
                char want[256];
                helper_min_layer_message(want, sizeof want, (int)layer[k], "thickness_cm", 0.001,
                                         "cm", thin[t]);
                cr_expect_eq(st, AGRO_ERANGE, "layer %d, %g cm, call %d: status %d (%s)",
                             (int)layer[k] + 1, thin[t], call, st, msg());
                cr_expect(strstr(msg(), want) != NULL, "call %d: %s", call, msg());
                cr_expect(memcmp(&p, &p0, sizeof p) == 0 && memcmp(&s, &s0, sizeof s) == 0,
                          "layer %d, %g cm, call %d: params or state changed", (int)layer[k] + 1,
                          thin[t], call);
                agro_ctx_clear(ctx);
            }
    agro_soil_p_params p;
    agro_soil_p_state s;
    agro_soil_p_drivers d;
    start_sandy(&p, &s, &d);
    p.thickness_cm[2] = 0.0;
    cr_expect_eq(agro_soil_p_root_volume(ctx, &p, &s, rlv, 30.0, 5.0, 75.0, 2e-4), AGRO_ERANGE);
    cr_expect(strstr(msg(), "layer 3 thickness_cm: P parameter must be in (0, 5000] (0)") != NULL,
              "%s", msg());
    agro_ctx_clear(ctx);
    static const double taken[] = {AGRO_SOIL_MIN_LAYER_CM, AGRO_SOIL_MIN_LAYER_CM - 1e-9};
    for (size_t t = 0; t < 2; t++) {
        start_sandy(&p, &s, &d);
        p.thickness_cm[2] = taken[t];
        cr_expect_eq(agro_soil_p_root_volume(ctx, &p, &s, rlv, 30.0, 5.0, 75.0, 2e-4), AGRO_OK,
                     "%g cm: %s", taken[t], msg());
    }
}

/* The weeds take up no P and their matter returns none (docs/model.md §7): on a weedy fallow
 * with P simulated (100 weeds/m² from April, 90 % weeded on day 45 and left on the field, the rest dying
 * later), the soil's P, the P model's pools with CENTURY's organic P under CENTURY, stays what
 * it was to rounding every day, while the weeded tops lie on the mulch and the roots and dead
 * leaves enter the organic matter; the field's P balance closes. Returning P with the weed
 * matter would create P (which PBAL would not see: the soil counts organic P in as a residue
 * input; 0.2 % P in the weeded roots made the soil P rise on the day of the weeding), taking
 * it up would remove P the balance does not count. */
Test(maize_p, weeds_take_no_p_and_return_none)
{
    for (int32_t om = AGRO_SOIL_OM_CERES; om <= AGRO_SOIL_OM_CENTURY; om++) {
        agro_soil_profile pr = sandy(4.0);
        agro_field_options o;
        agro_field_options_default(&o);
        o.latitude_deg = 29.63;
        o.phosphorus_limited = 1;
        o.soil_om_method = om;
        for (int l = 0; l < pr.n_layers; l++) o.no3_ppm[l] = 10.0;
        agro_field *f;
        cr_assert_eq(agro_field_create(ctx, &pr, &o, &f), AGRO_OK, "%s", msg());
        agro_weather *w;
        cr_assert_eq(agro_weather_load_wth(ctx, V "/Weather/UFGA8201.WTH", &w), AGRO_OK);
        int32_t idx;
        cr_assert_eq(agro_weather_find(w, 1982, 100, &idx), AGRO_OK);
        const agro_weather_day *days = agro_weather_days(w);
        const agro_soil_p_state *ps = agro_field_soil_p_unchecked(f);
        double soil_p0 = NAN, weeded, most = 0.0;
        for (int32_t i = 0; i < 150; i++) {
            const agro_weather_day *d = &days[idx + i];
            agro_event e;
            memset(&e, 0, sizeof e);
            e.year = d->year;
            e.doy = d->doy;
            e.canopy = AGRO_CANOPY_WEEDS;
            if (i == 1) {
                e.type = AGRO_EVENT_WEEDS_EMERGE;
                e.density_pl_m2 = 100.0;
                cr_assert_eq(agro_field_apply(ctx, f, &e), AGRO_OK, "%s", msg());
            } else if (i == 45) {
                e.type = AGRO_EVENT_WEED;
                e.amount = 0.9;
                cr_assert_eq(agro_field_apply(ctx, f, &e), AGRO_OK, "%s", msg());
            }
            cr_assert_eq(agro_field_step(ctx, f, d), AGRO_OK, "day %d: %s", (int)i, msg());
            const agro_century_state *cs = agro_field_century_unchecked(f);
            const double soil_p = agro_soil_p_total_kg_ha(ps) +
                                  (cs ? agro_century_total_p_kg_ha(cs) + agro_century_pending_p_kg_ha(cs) : 0.0);
            if (i == 0)
                soil_p0 = soil_p; /* (CENTURY takes over the humus P at the first step) */
            cr_assert_float_eq(soil_p, soil_p0, 1e-9 * soil_p0, "day %d (om %d): soil P %.12g, at the start %.12g",
                               (int)i, (int)om, soil_p, soil_p0);
            agro_field_daily day;
            cr_assert_eq(agro_field_get_daily(f, &day), AGRO_OK);
            if (day.weeds_biomass_kg_ha > most) most = day.weeds_biomass_kg_ha;
        }
        agro_season_summary sm;
        cr_assert_eq(agro_field_get_summary(f, &sm), AGRO_OK);
        weeded = sm.weeds_biomass_removed_kg_ha;
        double fom_p = 0.0;
        for (int l = 0; l < ps->n_layers; l++) fom_p += ps->fom_p[l];
        cr_log_info("om %d: weeds up to %.0f kg/ha, %.0f kg/ha weeded; soil P %.3f kg/ha; FOM P %.4f kg/ha; "
                    "PBAL %g", (int)om, most, weeded, soil_p0, fom_p, sm.p_balance_error_kg_ha);
        cr_expect_gt(most, 500.0, "the weeds grew to %g kg/ha only", most);
        cr_expect_gt(weeded, 100.0, "the weeding took %g kg/ha only", weeded);
        cr_expect_lt(sm.p_balance_error_kg_ha, 1e-6);
        if (om == AGRO_SOIL_OM_CERES) /* the P-free roots' FOM immobilises labile P with its N */
            cr_expect_gt(fom_p, 0.0);
        agro_weather_free(w);
        agro_field_free(f);
    }
}
