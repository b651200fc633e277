/* The oxidised surface layer of fertiliser left on the surface: NH3 volatilisation (DSSAT-CSM
 * 4.8 OXLAYER.for as SoilNi.for calls it on upland soils; docs/design/oxlayer.md). */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "agrosim/field.h"
#include "agrosim/soil.h"
#include "agrosim/soil_nitrogen.h"
#include "agrosim/soil_water.h"
#include "helpers/soil_n.h"

/* the soil of these tests (helpers/soil.h) */
static agro_soil_profile loam(void) { return helper_loam_8_layers(); }

typedef helper_n_column column;

static void column_init(column *c) { helper_n_column_init(c, NULL, NULL); }

/* weather of the hand-computed day: 20 °C all day, 20 MJ/m², ES 3 mm yesterday, bare */
static void drivers(agro_soil_n_drivers *nd, double temp_C)
{
    memset(nd, 0, sizeof *nd);
    for (int i = 0; i < 8; i++) nd->soil_temp_C[i] = temp_C;
    nd->srad_MJ_m2_d = 20.0;
    nd->tmax_C = nd->tmin_C = temp_C;
    nd->lai = 0.0;
    nd->surface_albedo = 0.13;
    nd->soil_evap_mm = 3.0;
}

/* a day without water movement */
static int still_day(agro_ctx *ctx, column *c, const agro_soil_n_drivers *nd, agro_soil_n_rates *nr)
{
    agro_soil_water_rates wr;
    memset(&wr, 0, sizeof wr);
    return agro_soil_n_step(ctx, &c->np, &c->wp, &c->ws, &wr, &c->ns, nd, nr);
}

Test(soil_oxlayer, params_follow_oxlayer_and_soildyn)
{
    column c;
    column_init(&c);
    /* OXLT = 0.5 − 0.1·OC1; CEC unknown: 15.5 */
    cr_assert_float_eq(c.np.ox_thickness_cm, 0.5 - 0.1 * exp(-0.3), 1e-12);
    cr_assert_float_eq(c.np.surface_cec_cmol_kg, 15.5, 1e-12);
    cr_assert_eq(c.ns.ox_active, 0);
    cr_assert_float_eq(c.ns.ox_algact, 0.1, 1e-12);
    cr_assert_float_eq(c.ns.ox_ni, 0.05, 1e-12);
    cr_assert_float_eq(c.ns.ox_ph, 6.5, 1e-12);
}

/* One day in the one-step mode (the 10th day after the fertiliser and later, ALGACT < 0.2):
   the NH3 loss and the ox layer's nitrification of step I = 6 by hand, before the diffusion
   of that step (docs/design/oxlayer.md, "one day by hand"). */
Test(soil_oxlayer, one_day_of_volatilisation_by_hand)
{
    column c;
    column_init(&c);
    cr_assert_float_eq(c.ws.sw[0], 0.25, 1e-12); /* at DUL */
    /* 60 kg NH4-N/ha ammonium sulfate (FE002) on the surface */
    cr_assert_eq(agro_soil_n_fertilise_surface(NULL, &c.np, &c.ns, 60.0, 0.0, 0.0, 2), 0);
    cr_assert_float_eq(c.ns.nh4_kg_ha[0], 60.0, 1e-12);
    cr_assert_float_eq(c.ns.ox_nh4_kg_ha, 60.0, 1e-12);
    cr_assert_eq(c.ns.ox_active, 1);
    c.ns.ox_days_since_fert = 10.0; /* LFD10 reached: one step */
    agro_soil_n_drivers nd;
    drivers(&nd, 20.0);
    agro_soil_n_rates nr;
    cr_assert_eq(still_day(NULL, &c, &nd, &nr), 0);

    const double oxlt = 0.5 - 0.1 * exp(-0.3), oxfac = 1.0 / (1.2 * oxlt * 0.1);
    /* I = 6: K = 1, HTMFAC = 0.931 + 0.114 − 0.0703 + 0.0053 = 0.98, STEMP = 20 + 0.98·2 */
    const double stemp = 20.0 + 0.98 * 2.0, tk = stemp + 273.15;
    cr_assert_float_eq(stemp, 21.96, 1e-12);
    /* NH3 in solution at pH 6.5: 1.6917 ppm of 1173.9 ppm NH4 */
    const double oxh4c = 60.0 * oxfac;
    const double oxh3c = oxh4c / (1.0 + pow(10.0, 0.09018 + 2729.92 / tk - 6.5));
    cr_assert_float_eq(oxh3c, 1.6917, 1e-3);
    /* Henry's constant 0.0019440, NH3 pressure 0.6216 */
    const double hk = exp(158.559 - 8621.06 / tk - 25.6767 * log(tk) + 0.035388 * tk);
    cr_assert_float_eq(hk, 0.0019440, 1e-7);
    const double oxh3p = 10.0 * oxh3c * 0.001 / 14.0 / hk;
    cr_assert_float_eq(oxh3p, 0.6216, 1e-4);
    /* HES = 0.38·ES·sin(π/2) + 0.08 = 1.22 mm/h, WIND = 7.15·HES = 8.723 */
    const double wind = 7.15 * (0.38 * 3.0 + 0.08);
    const double aml = 0.0012 * oxh3p + 0.0014 * wind + 0.00086 * oxh3p * oxh3p * wind;
    cr_assert_float_eq(aml, 0.015857, 2e-6);
    cr_assert_float_eq(nr.volatilisation_kg_ha, aml, 1e-12, "%.15g vs %.15g", nr.volatilisation_kg_ha, aml);
    /* nitrification in the ox layer: RNTRFI = exp(21.4 − 6572/TK)·WF2·PHFACT/13, WF2 = 1
       (WFP 0.66), PHFACT = 0.3·6.5 − 1.8 = 0.15; HOXRNT = RNTRFI·OXH4·OXLT/DLAYR1 */
    const double rntrfi = exp(21.4 - 6572.0 / tk) * 1.0 * 0.15 / 13.0;
    const double hox = rntrfi * (60.0 - aml) * oxlt / 15.0;
    cr_assert_float_eq(hox, 0.008237, 2e-6);
    cr_assert_float_eq(nr.ox_nitrification_kg_ha, hox, 1e-12);
    cr_assert_float_eq(c.ns.cum_volatilisation_kg_ha, aml, 1e-15);
    cr_assert_lt(fabs(nr.balance_error_kg_ha), 1e-12);
    cr_assert_lt(fabs(agro_soil_n_balance_kg_ha(&c.ns)), 1e-9);
}

/* Nothing volatilises without a fertiliser left on the surface: none applied, or applied
   incorporated (at depth 0 through agro_soil_n_fertilise_urea, or deeper): UNINCO unset. */
Test(soil_oxlayer, no_loss_without_surface_fertiliser)
{
    for (int k = 0; k < 3; k++) {
        column c;
        column_init(&c);
        if (k == 1) cr_assert_eq(agro_soil_n_fertilise_urea(NULL, &c.np, &c.ns, 100.0, 0.0, 0.5, 0.0), 0);
        if (k == 2) cr_assert_eq(agro_soil_n_fertilise_urea(NULL, &c.np, &c.ns, 100.0, 10.0, 0.0, 1.0), 0);
        agro_soil_n_drivers nd;
        drivers(&nd, 25.0);
        agro_soil_n_rates nr;
        for (int d = 0; d < 30; d++) {
            cr_assert_eq(still_day(NULL, &c, &nd, &nr), 0);
            cr_assert_eq(nr.volatilisation_kg_ha, 0.0);
            cr_assert_eq(nr.ox_nitrification_kg_ha, 0.0);
        }
        cr_assert_eq(c.ns.ox_active, 0);
        cr_assert_eq(c.ns.cum_volatilisation_kg_ha, 0.0);
        cr_assert_lt(fabs(agro_soil_n_balance_kg_ha(&c.ns)), 1e-9);
    }
}

/* Twelve two-hour steps a day for the 10 days after a fertiliser, one step from the 10th day
   on (DSSAT LFD10) while the layer's activity ALGACT stays below 0.2, as in a cool soil (STI =
   (ST − 15)·0.1 keeps it at its floor 0.05): the day's loss drops when the layer switches. In
   a warm soil ALGACT = ELAG·(4 − ALGACT)·ALGACT with ELAG = FPI = 0.5 climbs to 1 within a week
   and keeps the twelve steps (OXLAYER.for: ALGACT >= 0.2 clears DailyCalc). */
Test(soil_oxlayer, twelve_steps_for_ten_days_then_one_in_a_cool_soil)
{
    for (int warm = 0; warm < 2; warm++) {
        column c;
        column_init(&c);
        cr_assert_eq(agro_soil_n_fertilise_surface(NULL, &c.np, &c.ns, 100.0, 0.5, 0.0, 1), 0);
        agro_soil_n_drivers nd;
        drivers(&nd, warm ? 28.0 : 16.0);
        nd.tmin_C = warm ? 20.0 : 10.0;
        nd.tmax_C = warm ? 34.0 : 22.0;
        agro_soil_n_rates nr;
        double loss[14];
        for (int d = 0; d < 14; d++) {
            cr_assert_eq(still_day(NULL, &c, &nd, &nr), 0);
            loss[d] = nr.volatilisation_kg_ha;
            cr_assert_lt(fabs(nr.balance_error_kg_ha), 1e-9);
        }
        cr_assert_float_eq(c.ns.ox_days_since_fert, 14.0, 1e-12);
        if (warm) {
            cr_assert_float_eq(c.ns.ox_algact, 1.0, 1e-12);
        } else {
            cr_assert_float_eq(c.ns.ox_algact, 0.05, 1e-12);
            cr_assert_gt(loss[9], 3.0 * loss[10], "day 10 %g, day 11 %g", loss[9], loss[10]);
        }
        cr_assert_gt(loss[13], 0.0);
        cr_assert_lt(fabs(agro_soil_n_balance_kg_ha(&c.ns)), 1e-9);
    }
}

/* Urea hydrolysing in the layer raises its pH (OXPH up to 9) and loses far more NH3 than the
   same N as ammonium sulfate, whose layer stays at the soil's pH. */
Test(soil_oxlayer, surface_urea_loses_more_than_ammonium_sulfate)
{
    double cum[2];
    for (int k = 0; k < 2; k++) {
        column c;
        column_init(&c);
        cr_assert_eq(agro_soil_n_fertilise_surface(NULL, &c.np, &c.ns, 100.0, 0.0, k ? 1.0 : 0.0,
                                                   k ? 5 : 2), 0);
        agro_soil_n_drivers nd;
        drivers(&nd, 28.0);
        nd.tmin_C = 20.0;
        nd.tmax_C = 34.0;
        agro_soil_n_rates nr;
        for (int d = 0; d < 20; d++) {
            cr_assert_eq(still_day(NULL, &c, &nd, &nr), 0);
            cr_assert_lt(fabs(nr.balance_error_kg_ha), 1e-9);
            cr_assert_geq(c.ns.nh4_kg_ha[0], 0.0);
            cr_assert_geq(c.ns.urea_kg_ha[0], 0.0);
        }
        if (k == 0) cr_assert_float_eq(c.ns.ox_ph, 6.5, 1e-12);
        else cr_assert_gt(c.ns.ox_ph, 8.5);
        cum[k] = c.ns.cum_volatilisation_kg_ha;
        cr_assert_lt(fabs(agro_soil_n_balance_kg_ha(&c.ns)), 1e-9);
    }
    cr_assert_gt(cum[1], 10.0 * cum[0], "urea %g, ammonium sulfate %g", cum[1], cum[0]);
}

/* A season of rain and drying with two surface applications: the balance with the NH3 loss
   closes every day and no pool goes negative. */
Test(soil_oxlayer, balance_closes_with_rain_and_surface_fertiliser)
{
    column c;
    column_init(&c);
    agro_soil_n_rates nr;
    double before_vol = 0.0;
    for (int d = 0; d < 120; d++) {
        if (d == 5) cr_assert_eq(agro_soil_n_fertilise_surface(NULL, &c.np, &c.ns, 60.0, 0.25, 0.5, 10), 0);
        if (d == 50) cr_assert_eq(agro_soil_n_fertilise_surface(NULL, &c.np, &c.ns, 80.0, 0.5, 0.0, 1), 0);
        agro_soil_water_drivers wd;
        memset(&wd, 0, sizeof wd);
        wd.rain_mm = d % 9 == 0 ? 30.0 : 0.0;
        wd.eos_mm = 4.0;
        agro_soil_water_rates wr;
        memset(&wr, 0, sizeof wr);
        const double es_yesterday = d > 0 ? 2.0 : 0.0;
        cr_assert_eq(agro_soil_water_step(NULL, &c.wp, &c.ws, &wd, &wr), 0);
        agro_soil_n_drivers nd;
        drivers(&nd, 18.0 + 0.1 * d);
        nd.tmin_C = 14.0;
        nd.tmax_C = 30.0;
        nd.lai = 0.03 * d;
        nd.soil_evap_mm = es_yesterday;
        cr_assert_eq(agro_soil_n_step(NULL, &c.np, &c.wp, &c.ws, &wr, &c.ns, &nd, &nr), 0);
        cr_assert_lt(fabs(nr.balance_error_kg_ha), 1e-9, "day %d: %g", d, nr.balance_error_kg_ha);
        cr_assert_geq(nr.volatilisation_kg_ha, 0.0);
        for (int i = 0; i < 8; i++) {
            cr_assert_geq(c.ns.nh4_kg_ha[i], 0.0);
            cr_assert_geq(c.ns.no3_kg_ha[i], 0.0);
            cr_assert_geq(c.ns.urea_kg_ha[i], 0.0);
        }
        cr_assert_geq(c.ns.cum_volatilisation_kg_ha, before_vol);
        before_vol = c.ns.cum_volatilisation_kg_ha;
    }
    cr_assert_gt(c.ns.cum_volatilisation_kg_ha, 0.0);
    cr_assert_lt(fabs(agro_soil_n_balance_kg_ha(&c.ns)), 1e-6);
}

Test(soil_oxlayer, bad_inputs_name_the_field)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    char msg[AGRO_MESSAGE_MAX];
    column c;
    column_init(&c);
    cr_assert_eq(agro_soil_n_fertilise_surface(ctx, &c.np, &c.ns, 50.0, 0.5, 0.0, -1), AGRO_ERANGE);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert(strstr(msg, "FMCD") != NULL, "message: %s", msg);
    cr_assert_eq(c.ns.ox_active, 0);
    cr_assert_eq(agro_soil_n_fertilise_surface(ctx, &c.np, &c.ns, NAN, 0.5, 0.0, 1), AGRO_ENUMERIC);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert(strstr(msg, "FAMN") != NULL, "message: %s", msg);
    cr_assert_eq(c.ns.ox_active, 0);
    const char *names[6] = {"srad_MJ_m2_d", "tmax_C", "tmin_C", "lai", "surface_albedo", "soil_evap_mm"};
    for (int j = 0; j < 6; j++) {
        agro_soil_n_drivers nd;
        drivers(&nd, 20.0);
        double *v[6] = {&nd.srad_MJ_m2_d, &nd.tmax_C, &nd.tmin_C, &nd.lai, &nd.surface_albedo, &nd.soil_evap_mm};
        *v[j] = j % 2 ? NAN : -100.0;
        agro_soil_n_rates nr;
        const agro_soil_n_state before = c.ns;
        cr_assert_eq(still_day(ctx, &c, &nd, &nr), j % 2 ? AGRO_ENUMERIC : AGRO_ERANGE);
        agro_ctx_message(ctx, msg, sizeof msg);
        cr_assert(strstr(msg, names[j]) != NULL, "message: %s", msg);
        cr_assert(memcmp(&before, &c.ns, sizeof before) == 0);
    }
    agro_soil_profile pr = loam();
    pr.cec_cmol_kg[0] = INFINITY;
    agro_soil_n_params np;
    cr_assert_eq(agro_soil_n_params_from_profile(ctx, &pr, &np), AGRO_ERANGE);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert(strstr(msg, "SCEC") != NULL, "message: %s", msg);
    agro_ctx_free(ctx);
}
