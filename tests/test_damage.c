/* Crop damage (agro_field_set_damage): each coupling point removes what it names from the
 * plant of the day before, on the days the crop grows, with its N, and the balances close.
 * Each damaged run is compared with its undamaged twin, identical up to the damage day.
 * grosub_days: the edge days on which MZ_GROSUB runs, or skips, its damage and N uptake. */
#define _POSIX_C_SOURCE 200809L /* helpers/files.h */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "agrosim/agrosim.h"
#include "helpers/files.h"
#include "helpers/season.h"
#include "maize/maize_internal.h"

static agro_ctx *ctx;
static void setup(void) { cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK); }
static void teardown(void) { agro_ctx_free(ctx); }

static const char *msg(void) { return helper_message(ctx); }

#define MAX_DAYS 260

typedef struct run {
    agro_season_summary sum;
    agro_field_daily day[MAX_DAYS];
    int32_t n;
} run;

static agro_season_spec S;
static run twin, hit;
/* the day index from which every night is 4 C, at or below the cultivar's TSEN (6 C), so the
   crop fails CDAY (15) nights later (MZ_GROSUB's ICOLD); -1: the generated weather */
static int32_t cold_from = -1;
/* 1: P simulated, on the Morogoro layers with 10 mg/kg Bray P */
static int p_on = 0;
/* the cultivar's CDAY, days (0: the cultivar's own, 15) */
static double cday = 0.0;
/* the day index from which every day is 6.5 C, night and day: no cold night (TSEN 6 C), but a
   relative grain fill rate RGFILL below RSGR, so that grain fill ends early (-1: none) */
static int32_t chill_from = -1;
/* a second damage, given before the step of day index second_at (NULL: none) */
static const agro_crop_damage *second = NULL;
static int32_t second_at = -1;

/* The Morogoro reference season of 2002 (helpers/season.h) by hand, with @p dmg given
 * @p calls times before the step of day index @p at (-1: never); the season ends at maturity
 * + 5 days. */
static void run_season_calls(const agro_crop_damage *dmg, int32_t at, int calls, run *r)
{
    agro_weather *w;
    cr_assert_eq(helper_morogoro_weather(ctx, 2002, &w), AGRO_OK);
    cr_assert_eq(helper_morogoro_spec(ctx, &S, 2002), AGRO_OK);
    if (cday > 0.0) S.cultivar.cday_d = cday;
    if (p_on) {
        S.options.phosphorus_limited = 1;
        S.soil.p_method = 2; /* SA002, Bray No. 1 */
        for (int32_t l = 0; l < S.soil.n_layers; l++) S.soil.extractable_p_mg_kg[l] = 10.0;
    }
    agro_field *f;
    cr_assert_eq(agro_field_create(ctx, &S.soil, &S.options, &f), AGRO_OK);
    int32_t idx;
    cr_assert_eq(agro_weather_find(w, 2002, 60, &idx), AGRO_OK);
    const agro_weather_day *days = agro_weather_days(w);
    int32_t after = -1;
    r->n = 0;
    for (int32_t i = 0; i < MAX_DAYS && after < 5; i++) {
        agro_weather_day cold = days[idx + i];
        if (cold_from >= 0 && i >= cold_from) cold.tmin_C = 4.0;
        if (chill_from >= 0 && i >= chill_from) cold.tmin_C = cold.tmax_C = 6.5;
        const agro_weather_day *d = &cold;
        for (int k = 0; k < S.n_events; k++) {
            if (S.events[k].doy != d->doy || S.events[k].year != d->year) continue;
            if (S.events[k].type == AGRO_EVENT_SOW)
                cr_assert_eq(agro_field_sow_maize(ctx, f, &S.events[k], &S.cultivar), AGRO_OK);
            else
                cr_assert_eq(agro_field_apply(ctx, f, &S.events[k]), AGRO_OK);
        }
        for (int k = 0; i == at && k < calls; k++)
            cr_assert_eq(agro_field_set_damage(ctx, f, dmg), AGRO_OK, "%s", msg());
        if (second && i == second_at)
            cr_assert_eq(agro_field_set_damage(ctx, f, second), AGRO_OK, "%s", msg());
        cr_assert_eq(agro_field_step(ctx, f, d), AGRO_OK, "%s", msg());
        cr_assert_eq(agro_field_get_daily(f, &r->day[r->n++]), AGRO_OK);
        if (after >= 0 || agro_field_crop_mature(f)) after++;
    }
    cr_assert_eq(agro_field_get_summary(f, &r->sum), AGRO_OK);
    agro_field_free(f);
    agro_weather_free(w);
}

static void run_season(const agro_crop_damage *dmg, int32_t at, run *r)
{
    run_season_calls(dmg, at, 1, r);
}

/* Day index of the twin at @p dap days after planting. */
static int32_t index_at_dap(int32_t dap)
{
    for (int32_t i = 0; i < twin.n; i++)
        if (twin.day[i].dap == dap) return i;
    cr_assert_fail("no day %d after planting", (int)dap);
    return -1;
}

static void rel_eq(double got, double want, double tol, const char *what)
{
    cr_expect(fabs(got - want) <= tol * fabs(want), "%s: %.9g, expected %.9g", what, got, want);
}

TestSuite(damage, .init = setup, .fini = teardown);

Test(damage, bad_values_are_errors_naming_the_member)
{
    agro_field *f;
    agro_soil_profile soil;
    cr_assert_eq(agro_soil_load_json(ctx, AGROSIM_SOURCE_DIR "/models/soils/morogoro_sandy_clay_loam.json", &soil), AGRO_OK);
    cr_assert_eq(agro_field_create(ctx, &soil, NULL, &f), AGRO_OK);
    agro_crop_damage d;
    memset(&d, 0, sizeof d);
    cr_expect_eq(agro_field_set_damage(ctx, NULL, &d), AGRO_EINVAL);
    cr_expect_eq(agro_field_set_damage(ctx, f, NULL), AGRO_EINVAL);
    cr_expect_eq(agro_field_set_damage(ctx, f, &d), AGRO_OK);
    d.leaf_pct = -1.0;
    cr_expect_eq(agro_field_set_damage(ctx, f, &d), AGRO_ERANGE);
    cr_expect(strstr(msg(), "leaf_pct") != NULL, "%s", msg());
    d.leaf_pct = 0.0;
    d.plants_pct = 100.5;
    cr_expect_eq(agro_field_set_damage(ctx, f, &d), AGRO_ERANGE);
    cr_expect(strstr(msg(), "plants_pct") != NULL, "%s", msg());
    /* just above 100: the message shows by how much (it said "damage 100 % above 100 %") */
    d.plants_pct = 0.0;
    d.leaf_pct = 100.0000001;
    cr_expect_eq(agro_field_set_damage(ctx, f, &d), AGRO_ERANGE);
    cr_expect(strstr(msg(), "leaf_pct") && strstr(msg(), "100.0000001"), "%s", msg());
    d.leaf_pct = 0.0;
    d.plants_pct = 100.0; /* every plant: allowed */
    cr_expect_eq(agro_field_set_damage(ctx, f, &d), AGRO_OK);
    d.grain_g_m2 = NAN;
    cr_expect_eq(agro_field_set_damage(ctx, f, &d), AGRO_ERANGE);
    cr_expect(strstr(msg(), "grain_g_m2") != NULL, "%s", msg());
    d.grain_g_m2 = 1e6; /* more than there is: takes what there is */
    cr_expect_eq(agro_field_set_damage(ctx, f, &d), AGRO_OK);
    cr_expect_eq(agro_sizeof_crop_damage(), sizeof(agro_crop_damage));
    agro_field_free(f);
}

Test(damage, leaf_damage_takes_yesterdays_leaf_share_with_its_area_and_n)
{
    const agro_crop_damage none = {0}, half = {.leaf_pct = 50.0};
    run_season(&none, -1, &twin);
    const int32_t at = index_at_dap(40);
    run_season(&half, at, &hit);
    for (int32_t i = 0; i < at; i++)
        cr_assert(memcmp(&hit.day[i], &twin.day[i], sizeof hit.day[i]) == 0, "day %d differs", (int)i);
    const agro_field_daily *y = &twin.day[at - 1], *t = &twin.day[at], *h = &hit.day[at];
    /* the same growth that day, then half of yesterday's leaf mass off */
    rel_eq(h->leaf_kg_ha, t->leaf_kg_ha - 0.5 * y->leaf_kg_ha, 1e-9, "leaf");
    rel_eq(h->lai_crop, t->lai_crop * h->leaf_kg_ha / t->leaf_kg_ha, 1e-9, "green leaf area");
    rel_eq(h->stem_kg_ha, t->stem_kg_ha, 1e-12, "stem");
    cr_expect_lt(h->crop_tops_n_kg_ha, t->crop_tops_n_kg_ha);
    rel_eq(hit.sum.damage_dm_kg_ha, 0.5 * y->leaf_kg_ha, 1e-9, "damage dry matter");
    cr_expect_gt(hit.sum.damage_n_kg_ha, 0.0);
    cr_expect_lt(hit.sum.n_balance_error_kg_ha, 1e-6);
    cr_expect_lt(hit.sum.water_balance_error_mm, 1e-6);
    cr_expect_lt(hit.sum.hwam_kg_ha, twin.sum.hwam_kg_ha);
    cr_expect_eq(twin.sum.damage_dm_kg_ha, 0.0);
    cr_expect_eq(twin.sum.damage_n_kg_ha, 0.0);
}

Test(damage, killed_plants_lower_the_population_not_the_survivors)
{
    const agro_crop_damage none = {0}, half = {.plants_pct = 50.0};
    run_season(&none, -1, &twin);
    const int32_t at = index_at_dap(30);
    run_season(&half, at, &hit);
    const agro_field_daily *t = &twin.day[at], *h = &hit.day[at];
    rel_eq(h->leaf_kg_ha, 0.5 * t->leaf_kg_ha, 1e-9, "leaf");
    rel_eq(h->root_kg_ha, 0.5 * t->root_kg_ha, 1e-6, "roots");
    rel_eq(h->lai_crop, 0.5 * t->lai_crop, 1e-9, "LAI");
    rel_eq(hit.sum.population_pl_m2, 0.5 * twin.sum.population_pl_m2, 1e-12, "population");
    /* the survivors grow into the gap: the field loses less than half */
    cr_expect(hit.sum.hwam_kg_ha < twin.sum.hwam_kg_ha && hit.sum.hwam_kg_ha > 0.5 * twin.sum.hwam_kg_ha,
              "%g vs %g kg/ha", hit.sum.hwam_kg_ha, twin.sum.hwam_kg_ha);
    cr_expect_lt(hit.sum.n_balance_error_kg_ha, 1e-6);
}

/* Fraction of PAR the crop intercepts on a morning with crop LAI @p lai_c at a light extinction
 * of @p k_crop, beside the weeds of @p d (the mixed canopy of field.c). */
static double crop_interception(double k_crop, const agro_field_daily *d)
{
    const double k[2] = {k_crop, S.options.weeds.k_par}, lai[2] = {d->lai_crop, d->lai_weeds};
    double fi[2];
    cr_assert_eq(agro_canopy_mixed_interception(NULL, k, lai, 2, fi), AGRO_OK);
    return fi[0];
}

Test(damage, the_thinned_stand_intercepts_light_as_one_of_its_new_density)
{
    /* MZ_GROSUB computes LIFAC every day from the current PLTPOP: after half the plants die
       the extinction coefficient is that of the halved population */
    const agro_crop_damage none = {0}, half = {.plants_pct = 50.0};
    run_season(&none, -1, &twin);
    const int32_t at = index_at_dap(40);
    run_season(&half, at, &hit);
    double row = 0.0, pop = 0.0;
    for (int k = 0; k < S.n_events; k++)
        if (S.events[k].type == AGRO_EVENT_SOW) {
            row = S.events[k].row_spacing_cm;
            pop = S.events[k].density_pl_m2;
        }
    cr_assert(row > 0.0 && pop > 0.0);
    const double k_full = agro_maize_lifac(row, pop), k_half = agro_maize_lifac(row, 0.5 * pop);
    cr_assert_gt(k_half, k_full + 0.03); /* a sparser stand, a steeper Beer's law */
    /* the morning after: today's LAI (the survivors') under the new LIFAC */
    rel_eq(twin.day[at + 1].fi_crop, crop_interception(k_full, &twin.day[at]), 1e-9,
           "undamaged interception");
    rel_eq(hit.day[at + 1].fi_crop, crop_interception(k_half, &hit.day[at]), 1e-9,
           "interception of the thinned stand");
    cr_expect_lt(hit.sum.n_balance_error_kg_ha, 1e-6);
}

Test(damage, grain_damage_takes_kernels_and_keeps_their_weight)
{
    const agro_crop_damage none = {0}, half = {.grain_pct = 50.0};
    run_season(&none, -1, &twin);
    const int32_t at = index_at_dap(twin.sum.anthesis_dap + 30);
    run_season(&half, at, &hit);
    const agro_field_daily *y = &twin.day[at - 1], *t = &twin.day[at], *h = &hit.day[at];
    cr_assert_gt(y->grain_kg_ha, 0.0);
    rel_eq(h->grain_kg_ha, t->grain_kg_ha - 0.5 * y->grain_kg_ha, 1e-9, "grain");
    rel_eq(h->kernels_m2, t->kernels_m2 * h->grain_kg_ha / t->grain_kg_ha, 1e-9, "kernels");
    rel_eq(hit.sum.damage_dm_kg_ha, 0.5 * y->grain_kg_ha, 1e-9, "damage dry matter");
    cr_expect_lt(hit.sum.hwam_kg_ha, 0.75 * twin.sum.hwam_kg_ha);
    cr_expect_lt(hit.sum.n_balance_error_kg_ha, 1e-6);
}

Test(damage, root_damage_cuts_root_mass_and_length)
{
    const agro_crop_damage none = {0}, half = {.root_pct = 50.0};
    run_season(&none, -1, &twin);
    const int32_t at = index_at_dap(40);
    run_season(&half, at, &hit);
    const agro_field_daily *y = &twin.day[at - 1], *t = &twin.day[at], *h = &hit.day[at];
    /* RTWT + 0.5·GRORT − 0.005·RTWT after the damage: 0.995 of the removed half is missing */
    rel_eq(h->root_kg_ha, t->root_kg_ha - 0.995 * 0.5 * y->root_kg_ha, 1e-6, "roots");
    double rl_t = 0.0, rl_h = 0.0;
    for (int32_t l = 0; l < t->n_layers; l++) {
        rl_t += t->rlv[l];
        rl_h += h->rlv[l];
    }
    cr_expect(rl_h < 0.6 * rl_t, "root length %g vs %g", rl_h, rl_t);
    cr_expect_lt(hit.sum.n_balance_error_kg_ha, 1e-6);
}

Test(damage, a_full_assimilate_loss_stops_the_days_growth)
{
    const agro_crop_damage none = {0}, all = {.assimilate_pct = 100.0};
    run_season(&none, -1, &twin);
    const int32_t at = index_at_dap(40);
    run_season(&all, at, &hit);
    const agro_field_daily *y = &twin.day[at - 1], *t = &twin.day[at], *h = &hit.day[at];
    cr_expect_gt(t->biomass_kg_ha, y->biomass_kg_ha);
    cr_expect(h->biomass_kg_ha <= y->biomass_kg_ha, "grew %g → %g", y->biomass_kg_ha, h->biomass_kg_ha);
    cr_expect_gt(hit.sum.damage_dm_kg_ha, 0.0);
    cr_expect_eq(hit.sum.damage_n_kg_ha, 0.0);
    /* the next day grows again */
    cr_expect_gt(hit.day[at + 1].biomass_kg_ha, h->biomass_kg_ha);
}

Test(damage, damage_on_days_the_crop_does_not_grow_is_dropped)
{
    const agro_crop_damage none = {0}, all = {.leaf_pct = 100.0, .plants_pct = 100.0};
    run_season(&none, -1, &twin);
    run_season(&all, 5, &hit); /* before sowing */
    cr_expect(memcmp(&hit.sum, &twin.sum, sizeof hit.sum) == 0);
    run_season(&all, index_at_dap(0), &hit); /* the sowing day: not emerged */
    cr_expect(memcmp(&hit.sum, &twin.sum, sizeof hit.sum) == 0);
    run_season(&all, twin.n - 3, &hit); /* after maturity */
    cr_expect(memcmp(&hit.sum, &twin.sum, sizeof hit.sum) == 0);
}

Test(damage, killing_every_plant_ends_the_crop_as_failed)
{
    const agro_crop_damage none = {0}, all = {.plants_m2 = 50.0};
    run_season(&none, -1, &twin);
    const int32_t at = index_at_dap(60);
    run_season(&all, at, &hit);
    cr_expect_eq(hit.sum.crop_failed, 1);
    cr_expect_eq(hit.sum.maturity_dap, 60);
    cr_expect_eq(hit.sum.hwam_kg_ha, 0.0);
    cr_expect_eq(hit.sum.population_pl_m2, 0.0);
    cr_expect_eq(twin.sum.crop_failed, 0);
    /* the whole standing crop left the field, with all its N */
    const agro_field_daily *y = &twin.day[at - 1];
    cr_expect_gt(hit.sum.damage_dm_kg_ha, y->biomass_kg_ha);
    rel_eq(hit.sum.damage_n_kg_ha, hit.day[at - 1].crop_n_kg_ha, 0.05, "N removed");
    cr_expect_lt(hit.sum.n_balance_error_kg_ha, 1e-6);
}

Test(damage, a_damage_event_equals_the_call_and_two_calls_add_up)
{
    const agro_crop_damage half = {.leaf_pct = 50.0}, quarter = {.leaf_pct = 25.0};
    const int32_t at = 115 - 60; /* 40 days after sowing on day 75 */
    run_season(&half, at, &twin);
    /* the same damage as an event of the season runner */
    agro_weather *w;
    cr_assert_eq(helper_morogoro_weather(ctx, 2002, &w), AGRO_OK);
    cr_assert_eq(helper_morogoro_spec(ctx, &S, 2002), AGRO_OK);
    S.days_after_maturity = 5;
    agro_event *e = &S.events[S.n_events++];
    memset(e, 0, sizeof *e);
    e->type = AGRO_EVENT_DAMAGE;
    e->year = 2002;
    e->doy = 115;
    e->damage = half;
    agro_season_summary sum;
    cr_assert_eq(agro_season_run(ctx, &S, w, &sum, NULL, 0, NULL), AGRO_OK, "%s", msg());
    cr_expect(memcmp(&sum, &twin.sum, sizeof sum) == 0, "%g vs %g kg/ha", sum.hwam_kg_ha,
              twin.sum.hwam_kg_ha);
    agro_weather_free(w);
    /* two quarters of yesterday's leaf on one day are half of it */
    run_season_calls(&quarter, at, 2, &hit);
    rel_eq(hit.day[at].leaf_kg_ha, twin.day[at].leaf_kg_ha, 1e-12, "leaf after two quarters");
}

/* fuzz_season finding: damage that takes the whole stover (leaf and stem) left its N at
 * stovn − stovn·w/stov, which rounds to −1e-17..−1e-16 instead of 0 (0.1 − 0.1·3/3 =
 * −1.4e-17), and the daily crop tops N below 0. The stover keeps the share (stov − w)/stov of
 * its N: exactly 0 when all of it goes. */
Test(damage, taking_the_whole_stover_leaves_exactly_no_stover_n)
{
    maize_state s;
    maize_state_clear(&s, 3);
    s.stage = 3;
    s.pltpop = 7.0;
    s.stmwt = 3.0;
    s.stovn = 0.1;
    maize_damage m;
    memset(&m, 0, sizeof m);
    m.stem_g = 3.0;
    double dm, n;
    maize_damage_apply(&s, &m, &dm, &n);
    cr_expect(s.stovn == 0.0 && s.stmwt == 0.0, "stem only: stover N %g, stem %g", s.stovn, s.stmwt);
    cr_expect_float_eq(n, 0.1 * 7.0 * 10.0, 1e-12);
    cr_expect_float_eq(dm, 3.0 * 7.0 * 10.0, 1e-12);
    /* leaf, then stem (the order of maize_damage_apply): the stem step sees the stover as stem */
    s.stage = 3;
    s.lfwt = 1.7;
    s.stmwt = 3.0;
    s.stovn = 0.1;
    m.leaf_g = 1.7;
    maize_damage_apply(&s, &m, &dm, &n);
    cr_expect(s.stovn == 0.0 && s.lfwt == 0.0 && s.stmwt == 0.0, "leaf and stem: stover N %g", s.stovn);
    /* a part: the stover keeps its share */
    s.stage = 3;
    s.lfwt = 1.7;
    s.stmwt = 3.0;
    s.stovn = 0.1;
    memset(&m, 0, sizeof m);
    m.stem_g = 1.0;
    maize_damage_apply(&s, &m, &dm, &n);
    cr_expect_float_eq(s.stovn, 0.1 * 3.7 / 4.7, 1e-15);
}

/* A fuzz finding (fuzz_season, thirty-first session): a leaf damage of 99.98 % in stage 4, then
 * the day's senescence took LFWT to −0.29 g before maize_integrate clamps it; a stem damage
 * that day took the whole stem, and the stover kept (stov − w)/stov < 0 of its N: crop N
 * −0.40 kg/ha. The negative leaf holds no stover N. */
Test(damage, a_leaf_senesced_below_zero_is_no_stover_when_the_stem_goes)
{
    maize_state s;
    maize_state_clear(&s, 3);
    s.stage = 4;
    s.pltpop = 5.3;
    s.lfwt = -0.292804742;
    s.stmwt = 45.0224159;
    s.stovn = 1.14244222;
    maize_damage m;
    memset(&m, 0, sizeof m);
    m.stem_g = 141.314;
    double dm, n;
    maize_damage_apply(&s, &m, &dm, &n);
    cr_expect(s.stovn == 0.0 && s.stmwt == 0.0, "whole stem: stover N %g, stem %g", s.stovn, s.stmwt);
    cr_expect_float_eq(n, 1.14244222 * 5.3 * 10.0, 1e-12);
    /* a part of the stem: the stem holds all the stover N, and keeps its share of it */
    s.stage = 4;
    s.lfwt = -0.3;
    s.stmwt = 45.0;
    s.stovn = 1.2;
    m.stem_g = 15.0;
    maize_damage_apply(&s, &m, &dm, &n);
    cr_expect_float_eq(s.stovn, 1.2 * 30.0 / 45.0, 1e-15);
}

/* The days MZ_GROSUB.for (27d3955) goes on past its stage loop to its pest damage, MZ_NUPTAK and
 * state variables: stages 1-5, the day the crop fails in it (cold, drought: ISTAGE = 6 and MDATE
 * set, then the rest of the routine) included, stage 5 with PLTPOP <= 0.01 (RETURN) not. */
TestSuite(grosub_days, .init = setup, .fini = teardown);

/* Index of the day @p r's crop failed or matured (maturity_dap). */
static int32_t failure_index(const run *r)
{
    for (int32_t i = 0; i < r->n; i++)
        if (r->day[i].dap == r->sum.maturity_dap) return i;
    cr_assert_fail("no day %d after planting", (int)r->sum.maturity_dap);
    return -1;
}

/* twin: the undamaged Morogoro season; hit: the same with cold nights from 30 days after
   planting, until the crop fails from cold, with the P model on if @p with_p. Returns the index
   of hit's failure day. */
static int32_t run_cold_failure(int with_p)
{
    const agro_crop_damage none = {0};
    run_season(&none, -1, &twin);
    cold_from = index_at_dap(30);
    p_on = with_p;
    run_season(&none, -1, &hit);
    p_on = 0;
    cold_from = -1;
    return failure_index(&hit);
}

/* MZ_GROSUB sets ISTAGE = 6 and MDATE on the CDAY-th cold night and goes on to MZ_NUPTAK that
   day; agrosim's crop, mature (failed) after maize_growth, took up nothing on it. */
Test(grosub_days, a_crop_failing_from_cold_takes_up_n_on_its_last_day)
{
    const int32_t k = run_cold_failure(0);
    cr_assert_eq(hit.sum.maturity_dap, 30 + 14, "failed %d days after planting", hit.sum.maturity_dap);
    cr_assert_eq(hit.sum.crop_failed, 1);
    cr_assert_lt(hit.sum.maturity_dap, twin.sum.anthesis_dap);
    const double before = hit.day[k - 1].crop_n_uptake_kg_ha - hit.day[k - 2].crop_n_uptake_kg_ha;
    const double last = hit.day[k].crop_n_uptake_kg_ha - hit.day[k - 1].crop_n_uptake_kg_ha;
    cr_log_info("N uptake %.4f kg/ha the day before the failure, %.4f on it", before, last);
    cr_expect_gt(before, 0.0);
    cr_expect_gt(last, 0.0, "no N uptake on the day the crop failed (%g kg/ha)", last);
    /* and none after it */
    cr_expect_eq(hit.day[hit.n - 1].crop_n_uptake_kg_ha, hit.day[k].crop_n_uptake_kg_ha);
    cr_expect_lt(hit.sum.n_balance_error_kg_ha, 1e-6);
}

/* In stage 5 MZ_GROSUB returns at once when PLTPOP <= 0.01 (IF (PLTPOP .LE. 0.01) RETURN), before
   MZ_NUPTAK: a stand thinned to 0.0053 plants/m² by a damage takes up nothing from the next day
   on. agrosim skipped the growth and the integration, but asked N for a PDWI counted as 1 g. */
Test(grosub_days, no_n_uptake_in_grain_fill_at_0_01_plants_per_m2_or_fewer)
{
    const agro_crop_damage none = {0}, thin = {.plants_pct = 99.9};
    run_season(&none, -1, &twin);
    const int32_t at = index_at_dap(twin.sum.anthesis_dap + 25);
    cr_assert_eq(twin.day[at].stage, 5);
    run_season(&thin, at, &hit);
    cr_assert_lt(hit.sum.population_pl_m2, 0.01);
    cr_assert_eq(hit.day[at + 1].stage, 5);
    const double then = hit.day[at].crop_n_uptake_kg_ha, next = hit.day[at + 5].crop_n_uptake_kg_ha;
    cr_expect_eq(next, then, "N uptake %g kg/ha in the 5 days after the thinning", next - then);
    cr_expect_lt(hit.sum.n_balance_error_kg_ha, 1e-6);
}

/* MZ_GROSUB applies the day's pest damage after its failure tests, so a damage on the day the
   crop fails from cold takes its share; agrosim dropped it (the crop was mature after
   maize_growth). */
Test(grosub_days, damage_on_the_day_the_crop_fails_is_applied)
{
    const agro_crop_damage none = {0}, half = {.leaf_pct = 50.0};
    run_season(&none, -1, &twin);
    cold_from = index_at_dap(30);
    run_season(&none, -1, &twin);
    const int32_t k = failure_index(&twin);
    run_season(&half, k, &hit);
    cold_from = -1;
    cr_assert_eq(hit.sum.maturity_dap, twin.sum.maturity_dap);
    const agro_field_daily *y = &twin.day[k - 1], *t = &twin.day[k], *h = &hit.day[k];
    rel_eq(hit.sum.damage_dm_kg_ha, 0.5 * y->leaf_kg_ha, 1e-9, "damage dry matter");
    rel_eq(h->leaf_kg_ha, t->leaf_kg_ha - 0.5 * y->leaf_kg_ha, 1e-9, "leaf");
    cr_expect_gt(hit.sum.damage_n_kg_ha, 0.0);
    cr_expect_lt(hit.sum.n_balance_error_kg_ha, 1e-6);
}

/* ... and returns before it in grain fill once PLTPOP <= 0.01: a damage then is dropped. */
Test(grosub_days, damage_in_grain_fill_at_0_01_plants_per_m2_or_fewer_is_dropped)
{
    const agro_crop_damage none = {0}, thin = {.plants_pct = 99.9}, half = {.leaf_pct = 50.0};
    run_season(&none, -1, &twin);
    const int32_t at = index_at_dap(twin.sum.anthesis_dap + 25);
    run_season(&thin, at, &twin);
    cr_assert_lt(twin.sum.population_pl_m2, 0.01);
    cr_assert_eq(twin.day[at + 2].stage, 5);
    second = &half;
    second_at = at + 2;
    run_season(&thin, at, &hit);
    second = NULL;
    cr_expect_eq(hit.sum.damage_dm_kg_ha, twin.sum.damage_dm_kg_ha, "damage %g kg/ha more",
                 hit.sum.damage_dm_kg_ha - twin.sum.damage_dm_kg_ha);
    cr_expect_eq(hit.day[at + 2].leaf_kg_ha, twin.day[at + 2].leaf_kg_ha);
}

/* The season's stress means average the days of stages 1-6 after the day's growth: the day the
   crop fails is not one of them, as DSSAT's Overview counts it in no row (ISTAGE is 6 at its
   OUTPUT, and with harvest at maturity the season row ends that day: docs/model.md §6.5). */
Test(grosub_days, the_stress_means_skip_the_day_the_crop_fails)
{
    const int32_t k = run_cold_failure(1);
    cr_assert_eq(hit.sum.crop_failed, 1);
    cr_assert_eq(hit.day[k].stage, AGRO_MAIZE_STAGE_MATURE);
    double sw = 0.0, ns = 0.0, ps = 0.0;
    int n = 0, e = -1;
    for (int32_t i = 0; i < hit.n; i++) {
        if (hit.day[i].stage < 1 || hit.day[i].stage > 6) continue;
        if (e < 0) e = i;
        sw += hit.day[i].swfac;
        ns += hit.day[i].nstress;
        ps += hit.day[i].pstres1;
        n++;
    }
    cr_assert_eq(n, k - e, "%d days counted, emergence to the day before the failure %d", n, k - e);
    cr_expect_float_eq(hit.sum.swfac_mean, sw / n, 1e-12);
    cr_expect_float_eq(hit.sum.nstress_mean, ns / n, 1e-12);
    cr_expect_float_eq(hit.sum.pstress_mean, ps / n, 1e-12);
}

/* DSSAT's pest module cuts the root length whatever MZ_GROSUB does: MZ_CERES calls PEST, whose
   ROOTDM takes RLV off by the root damage's share of the root mass and the killed plants'
   share, before MZ_GROSUB, which in stage 6 returns before its own damage. On a stage-6 day half
   the root mass eaten, or half the plants killed, halves RLV in every layer, and leaves the mass
   and the stand (and so the grain) as they were. agrosim dropped the whole damage. */
Test(grosub_days, root_length_is_cut_in_stage_6)
{
    const agro_crop_damage none = {0}, roots = {.root_pct = 50.0}, plants = {.plants_pct = 50.0};
    run_season(&none, -1, &twin);
    int32_t k = -1; /* the second day of stage 6 */
    for (int32_t i = 1; i < twin.n && k < 0; i++)
        if (twin.day[i].stage == 6 && twin.day[i - 1].stage == 6) k = i;
    cr_assert_gt(k, 0, "no stage 6");
    const agro_crop_damage *dmg[2] = {&roots, &plants};
    for (int j = 0; j < 2; j++) {
        run_season(dmg[j], k, &hit);
        const agro_field_daily *t = &twin.day[k], *h = &hit.day[k];
        cr_assert_eq(h->stage, 6);
        int rooted = 0;
        for (int32_t l = 0; l < t->n_layers; l++) {
            rooted += t->rlv[l] > 0.0;
            cr_expect(fabs(h->rlv[l] - 0.5 * t->rlv[l]) <= 1e-12 * t->rlv[l],
                      "%s: layer %d RLV %.9g, undamaged %.9g", j ? "plants" : "roots", (int)l, h->rlv[l],
                      t->rlv[l]);
        }
        cr_assert_gt(rooted, 2);
        cr_log_info("%s: EPCM %.3f mm (undamaged %.3f), WSPAV %.5f (%.5f)", j ? "plants" : "roots",
                    hit.sum.epcm_mm, twin.sum.epcm_mm, hit.sum.swfac_mean, twin.sum.swfac_mean);
        cr_expect_eq(h->root_kg_ha, t->root_kg_ha);
        cr_expect_eq(h->biomass_kg_ha, t->biomass_kg_ha);
        cr_expect_eq(hit.sum.population_pl_m2, twin.sum.population_pl_m2);
        cr_expect_eq(hit.sum.hwam_kg_ha, twin.sum.hwam_kg_ha);
        cr_expect_eq(hit.sum.damage_dm_kg_ha, 0.0);
        cr_expect_lt(hit.sum.n_balance_error_kg_ha, 1e-6);
    }
}

/* MZ_GROSUB calls P_Ceres after its state variables, the day the crop fails included: the P
   uptake runs that day. agrosim's P step waited for stages 1-5, and the crop's P stood still. */
Test(grosub_days, p_uptake_runs_on_the_day_the_crop_fails)
{
    const int32_t k = run_cold_failure(1);
    cr_assert_eq(hit.sum.maturity_dap, 30 + 14);
    const double before = hit.day[k - 1].crop_p_kg_ha - hit.day[k - 2].crop_p_kg_ha;
    const double last = hit.day[k].crop_p_kg_ha - hit.day[k - 1].crop_p_kg_ha;
    cr_log_info("crop P %+.5f kg/ha the day before the failure, %+.5f on it", before, last);
    cr_expect_gt(before, 0.0);
    cr_expect_gt(last, 0.0, "the crop's P did not change on the day it failed (%g kg/ha)", last);
    cr_expect_lt(hit.sum.p_balance_error_kg_ha, 1e-6);
}

/* Up to its failure tests, the day the crop fails is a day like the others: MZ_GROSUB goes on
   with the same N and P, and P_Ceres's VegFrac and SeedFrac are MZ_PHENOL's of that morning.
   A crop whose CDAY is one day longer, and so does not fail that day, grows, takes up N and P
   the same. agrosim's P read the fractions after maize_growth: a failed crop's are those of
   maturity (1 and 1), whose lower optimum P concentrations cut the day's P uptake. */
Test(grosub_days, the_failure_day_takes_up_n_and_p_as_a_crop_that_goes_on)
{
    const agro_crop_damage none = {0};
    run_season(&none, -1, &twin);
    cold_from = index_at_dap(30);
    p_on = 1;
    cday = 16.0;
    run_season(&none, -1, &twin);
    cday = 0.0;
    run_season(&none, -1, &hit);
    p_on = 0;
    cold_from = -1;
    const int32_t k = failure_index(&hit);
    cr_assert_eq(hit.sum.crop_failed, 1);
    cr_assert_gt(twin.sum.maturity_dap, hit.sum.maturity_dap);
    const agro_field_daily *t = &twin.day[k], *h = &hit.day[k];
    cr_assert_lt(t->stage, 6);
    cr_expect_eq(h->crop_n_uptake_kg_ha, t->crop_n_uptake_kg_ha);
    cr_expect_eq(h->crop_n_kg_ha, t->crop_n_kg_ha);
    cr_expect_eq(h->biomass_kg_ha, t->biomass_kg_ha);
    cr_expect_eq(h->root_kg_ha, t->root_kg_ha);
    cr_expect(h->crop_p_kg_ha == t->crop_p_kg_ha, "crop P %.9g kg/ha on the failure day, %.9g in a crop that goes on",
              h->crop_p_kg_ha, t->crop_p_kg_ha);
}

/* MZ_GROSUB ends grain fill early (SUMDTT = P5) after RSGRT days of RGFILL <= RSGR, but P_Ceres
   reads the SeedFrac MZ_PHENOL computed that morning, SUMDTT/P5 < 1. agrosim read it after
   maize_growth, as 1: the optimum P concentrations of maturity, and the crop's P fell that day
   (-0.0018 kg P/ha) where it takes up 0.027 kg P/ha. */
Test(grosub_days, p_on_the_day_grain_fill_ends_early_reads_the_morning_s_seed_fraction)
{
    const agro_crop_damage none = {0};
    run_season(&none, -1, &twin);
    chill_from = index_at_dap(twin.sum.anthesis_dap + 20);
    p_on = 1;
    run_season(&none, -1, &hit);
    p_on = 0;
    chill_from = -1;
    int32_t k = -1; /* the last day of stage 5 */
    for (int32_t i = 1; i < hit.n; i++)
        if (hit.day[i - 1].stage == 5 && hit.day[i].stage == 6) k = i - 1;
    cr_assert_gt(k, 0);
    cr_assert_lt(hit.day[k].dap, twin.sum.maturity_dap - 10, "grain fill did not end early");
    const double dp = hit.day[k].crop_p_kg_ha - hit.day[k - 1].crop_p_kg_ha;
    cr_expect_gt(dp, 0.0, "crop P %+g kg/ha on the day grain fill ended", dp);
    cr_expect_lt(hit.sum.p_balance_error_kg_ha, 1e-6);
}

/* MZ_GROSUB keeps its state variables at or above 0 on the day damage kills every plant
   (LFWT = MAX(0.0, LFWT) whatever PLTPOP); maize_integrate returned before its clamps at
   PLTPOP 0, so a leaf that the damage had eaten the day before and the day's senescence took
   below 0 stayed at -0.03 g/plant and the daily leaf weight read -0 kg/ha (the random probe:
   19 such seasons in 20000) */
Test(damage, killing_every_plant_leaves_no_negative_organ)
{
    run_season(NULL, -1, &twin);
    agro_crop_damage leaf, kill;
    memset(&leaf, 0, sizeof leaf);
    memset(&kill, 0, sizeof kill);
    leaf.leaf_pct = 100.0;
    kill.plants_pct = 100.0;
    int32_t at = 0; /* a day of stage 4, whose senescence takes PLA·(0.05 + ...)/600 g of leaf */
    while (at < twin.n && twin.day[at].stage != 4) at++;
    at++;
    cr_assert(at + 1 < twin.n && twin.day[at + 1].stage == 4);
    second = &kill;
    second_at = at + 1;
    run_season(&leaf, at, &hit);
    second = NULL;
    second_at = -1;
    cr_assert_eq(hit.day[at + 1].stage, AGRO_MAIZE_STAGE_MATURE);
    for (int32_t i = 0; i < hit.n; i++) {
        const agro_field_daily *d = &hit.day[i];
        cr_expect(!signbit(d->leaf_kg_ha) && !signbit(d->stem_kg_ha) && !signbit(d->ear_kg_ha) &&
                      !signbit(d->root_kg_ha),
                  "day %d (DAP %d): leaf %g stem %g ear %g root %g kg/ha", (int)i, (int)d->dap,
                  d->leaf_kg_ha, d->stem_kg_ha, d->ear_kg_ha, d->root_kg_ha);
    }
}
