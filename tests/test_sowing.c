/* Events timed after sowing and automatic sowing in a window (DSSAT AUTPLT.for). */
#define _POSIX_C_SOURCE 200809L /* helpers/files.h */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "agrosim/agrosim.h"
#include "helpers/files.h"
#include "helpers/season.h"

static agro_ctx *ctx;
static void setup(void) { cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK); }
static void teardown(void) { agro_ctx_free(ctx); }

static const char *msg(void) { return helper_message(ctx); }

static agro_weather *morogoro_weather(int32_t year) {
    agro_weather *w;
    cr_assert_eq(helper_morogoro_weather(ctx, year, &w), AGRO_OK);
    return w;
}

/* The reference season (tests/helpers/season.h: SOW and 40 kg N on day 75, weeds on 78, one
 * weeding on 103) with every event but the sowing timed after it. */
static void relative_spec(agro_season_spec *s, int32_t year) {
    cr_assert_eq(helper_morogoro_spec(ctx, s, year), AGRO_OK);
    for (int i = 0; i < s->n_events; i++) {
        agro_event *e = &s->events[i];
        if (e->type == AGRO_EVENT_SOW) continue;
        e->timing = AGRO_TIMING_AFTER_SOWING;
        e->days_after_sowing = e->doy - 75;
        e->year = e->doy = 0; /* ignored */
    }
}

/* The first run day from @p first on whose morning the window's tests hold, stepping the soil
 * alone (nothing grows before sowing); -1 if none up to @p last. */
static int32_t first_ready_day(const agro_season_spec *s, const agro_weather *w, int32_t first,
                               int32_t last) {
    agro_field *f;
    cr_assert_eq(agro_field_create(ctx, &s->soil, &s->options, &f), AGRO_OK);
    int32_t idx;
    cr_assert_eq(agro_weather_find(w, s->start_year, s->start_doy, &idx), AGRO_OK);
    const agro_weather_day *days = agro_weather_days(w);
    const agro_sowing_window *win = &s->sowing_window;
    int32_t found = -1;
    for (int32_t step = 0; step <= last && found < 0; step++) {
        double aw, ts;
        cr_assert_eq(agro_field_seedbed(f, win->sw_depth_cm, &aw, &ts), AGRO_OK);
        if (step >= first && aw >= win->sw_min_pct && aw <= win->sw_max_pct &&
            ts >= win->tsoil_min_C && ts <= win->tsoil_max_C)
            found = step;
        cr_assert_eq(agro_field_step(ctx, f, &days[idx + step]), AGRO_OK);
    }
    agro_field_free(f);
    return found;
}

TestSuite(sowing, .init = setup, .fini = teardown);

Test(sowing, events_after_a_dated_sowing_equal_the_same_events_on_dates) {
    static agro_season_spec dated, rel;
    agro_weather *w = morogoro_weather(2002);
    cr_assert_eq(helper_morogoro_spec(ctx, &dated, 2002), AGRO_OK);
    relative_spec(&rel, 2002);
    agro_season_summary a, b;
    cr_assert_eq(agro_season_run(ctx, &dated, w, &a, NULL, 0, NULL), AGRO_OK, "%s", msg());
    cr_assert_eq(agro_season_run(ctx, &rel, w, &b, NULL, 0, NULL), AGRO_OK, "%s", msg());
    cr_expect(memcmp(&a, &b, sizeof a) == 0);
    cr_expect_float_eq(b.nicm_kg_ha, 40.0, 1e-12);
    cr_expect(b.weeds_biomass_removed_kg_ha > 0.0);
    agro_weather_free(w);
}

Test(sowing, the_window_sows_on_the_first_ready_morning_and_the_events_follow) {
    static agro_season_spec s, dated;
    agro_weather *w = morogoro_weather(2003);
    relative_spec(&s, 2003);
    /* a dry start (30 % of the available water) and a wet seedbed (80-100 % in the top 30 cm)
     * make the crop wait for rain after the window opens on day 75 */
    for (int l = 0; l < s.soil.n_layers; l++)
        s.options.sw[l] = s.soil.ll[l] + 0.3 * (s.soil.dul[l] - s.soil.ll[l]);
    s.sowing_window.enabled = 1;
    s.sowing_window.last_year = 2003;
    s.sowing_window.last_doy = 140;
    s.sowing_window.sw_min_pct = 80.0;
    const int32_t first = 75 - 60, last = 140 - 60;
    const int32_t ready = first_ready_day(&s, w, first, last);
    cr_assert(ready > first && ready <= last, "the seedbed is ready on run day %d (window %d..%d)",
              (int)ready, (int)first, (int)last);
    agro_season_summary a, b;
    cr_assert_eq(agro_season_run(ctx, &s, w, &a, NULL, 0, NULL), AGRO_OK, "%s", msg());
    cr_expect_eq(a.sowing_year, 2003);
    cr_expect_eq(a.sowing_doy, 60 + ready);
    cr_log_info("seedbed ready on run day %d (window opens on day %d)", (int)ready, (int)first);
    cr_expect_eq(a.crop_failed, 0);
    /* the same season with everything dated from that day */
    cr_assert_eq(helper_morogoro_spec(ctx, &dated, 2003), AGRO_OK);
    dated.options = s.options;
    for (int i = 0; i < dated.n_events; i++) dated.events[i].doy += 60 + ready - 75;
    cr_assert_eq(agro_season_run(ctx, &dated, w, &b, NULL, 0, NULL), AGRO_OK, "%s", msg());
    cr_expect(memcmp(&a, &b, sizeof a) == 0, "HWAM %g vs %g", a.hwam_kg_ha, b.hwam_kg_ha);
    /* with water not limiting only the temperature is tested: sown when the window opens */
    s.options.water_limited = 0;
    cr_assert_eq(agro_season_run(ctx, &s, w, &a, NULL, 0, NULL), AGRO_OK, "%s", msg());
    cr_expect_eq(a.sowing_doy, 75);
    agro_weather_free(w);
}

Test(sowing, a_window_that_closes_unsown_ends_the_season_or_sows_when_forced) {
    static agro_season_spec s;
    agro_weather *w = morogoro_weather(2002);
    relative_spec(&s, 2002);
    s.sowing_window.enabled = 1;
    s.sowing_window.last_year = 2002;
    s.sowing_window.last_doy = 90;
    s.sowing_window.tsoil_min_C = 45.0; /* never that warm at 10 cm in Morogoro */
    s.sowing_window.tsoil_max_C = 50.0;
    agro_season_summary sm;
    int32_t nd = 0;
    cr_assert_eq(agro_season_run(ctx, &s, w, &sm, NULL, 0, &nd), AGRO_OK, "%s", msg());
    cr_expect_eq(sm.crop_failed, AGRO_CROP_NOT_SOWN);
    cr_expect_eq(nd, 90 - 60 + 1, "the season ends with the window (%d days)", (int)nd);
    cr_expect_float_eq(sm.hwam_kg_ha, 0.0, 1e-12);
    cr_expect_float_eq(sm.nicm_kg_ha, 0.0, 1e-12, "events after a sowing that never came");
    s.sowing_window.forced = 1; /* DSSAT 'F' */
    cr_assert_eq(agro_season_run(ctx, &s, w, &sm, NULL, 0, &nd), AGRO_OK, "%s", msg());
    cr_expect_eq(sm.sowing_doy, 90);
    cr_expect_eq(sm.crop_failed, 0);
    cr_expect(sm.hwam_kg_ha > 0.0 && sm.maturity_dap > 0);
    cr_expect_float_eq(sm.nicm_kg_ha, 40.0, 1e-12);
    agro_weather_free(w);
}

Test(sowing, bad_windows_and_timings_are_errors_naming_the_field) {
    static agro_season_spec s;
    agro_weather *w = morogoro_weather(2002);
    agro_season_summary sm;
    relative_spec(&s, 2002);
    s.events[1].days_after_sowing = -1;
    cr_expect_eq(agro_season_run(ctx, &s, w, &sm, NULL, 0, NULL), AGRO_ERANGE);
    cr_expect(strstr(msg(), "days_after_sowing") != NULL, "%s", msg());
    relative_spec(&s, 2002);
    s.events[1].timing = 7;
    cr_expect_eq(agro_season_run(ctx, &s, w, &sm, NULL, 0, NULL), AGRO_ERANGE);
    cr_expect(strstr(msg(), "timing") != NULL, "%s", msg());
    relative_spec(&s, 2002);
    s.events[0].timing = AGRO_TIMING_AFTER_SOWING;
    cr_expect_eq(agro_season_run(ctx, &s, w, &sm, NULL, 0, NULL), AGRO_EINVAL);
    cr_expect(strstr(msg(), "timing") != NULL, "%s", msg());

    relative_spec(&s, 2002);
    s.sowing_window.enabled = 1;
    s.sowing_window.last_year = 2002;
    s.sowing_window.last_doy = 70; /* before the SOW event that opens the window */
    cr_expect_eq(agro_season_run(ctx, &s, w, &sm, NULL, 0, NULL), AGRO_ERANGE);
    cr_expect(strstr(msg(), "sowing_window.last_doy") != NULL, "%s", msg());
    s.sowing_window.last_doy = 100;
    s.sowing_window.sw_min_pct = 90.0;
    s.sowing_window.sw_max_pct = 80.0;
    cr_expect_eq(agro_season_run(ctx, &s, w, &sm, NULL, 0, NULL), AGRO_ERANGE);
    cr_expect(strstr(msg(), "sowing_window.sw_min_pct") != NULL, "%s", msg());
    s.sowing_window.sw_max_pct = 100.0;
    s.sowing_window.sw_depth_cm = 0.0;
    cr_expect_eq(agro_season_run(ctx, &s, w, &sm, NULL, 0, NULL), AGRO_ERANGE);
    cr_expect(strstr(msg(), "sowing_window.sw_depth_cm") != NULL, "%s", msg());
    s.sowing_window.sw_depth_cm = 30.0;
    s.sowing_window.tsoil_min_C = NAN;
    cr_expect_eq(agro_season_run(ctx, &s, w, &sm, NULL, 0, NULL), AGRO_ERANGE);
    cr_expect(strstr(msg(), "sowing_window.tsoil_min_C") != NULL, "%s", msg());
    s.sowing_window.tsoil_min_C = 10.0;
    s.sowing_window.forced = 3;
    cr_expect_eq(agro_season_run(ctx, &s, w, &sm, NULL, 0, NULL), AGRO_ERANGE);
    cr_expect(strstr(msg(), "sowing_window.forced") != NULL, "%s", msg());
    s.sowing_window.forced = 0;
    helper_add_event(&s, AGRO_EVENT_SOW, 80, 0.0, 5.0);
    cr_expect_eq(agro_season_run(ctx, &s, w, &sm, NULL, 0, NULL), AGRO_EINVAL);
    cr_expect(strstr(msg(), "exactly one SOW") != NULL, "%s", msg());
    agro_weather_free(w);
}

Test(sowing, seedbed_reports_available_water_and_the_temperature_at_10_cm) {
    static agro_season_spec s;
    cr_assert_eq(helper_morogoro_spec(ctx, &s, 2002), AGRO_OK);
    for (int l = 0; l < s.soil.n_layers; l++)
        s.options.sw[l] = s.soil.ll[l] + 0.5 * (s.soil.dul[l] - s.soil.ll[l]);
    agro_field *f;
    cr_assert_eq(agro_field_create(ctx, &s.soil, &s.options, &f), AGRO_OK);
    double aw, ts;
    cr_assert_eq(agro_field_seedbed(f, 30.0, &aw, &ts), AGRO_OK);
    cr_expect_float_eq(aw, 50.0, 1e-9);
    cr_expect_float_eq(ts, s.options.tav_C, 1e-12, "before the first step: TAV");
    /* deeper than the profile: the missing soil counts as dry (DSSAT divides by PH2OD) */
    const double bottom = s.soil.depth_cm[s.soil.n_layers - 1];
    cr_assert_eq(agro_field_seedbed(f, 2.0 * bottom, &aw, &ts), AGRO_OK);
    cr_expect_float_eq(aw, 25.0, 1e-9);
    cr_expect_eq(agro_field_seedbed(f, 0.0, &aw, &ts), AGRO_ERANGE);
    cr_expect_eq(agro_field_seedbed(f, NAN, &aw, &ts), AGRO_ERANGE);
    /* the depth has the sowing window's bound (lib/field/schedule.c): 1e19 cm is nonsense */
    cr_expect_eq(agro_field_seedbed(f, AGRO_SEEDBED_MAX_DEPTH_CM, &aw, &ts), AGRO_OK);
    cr_expect_eq(agro_field_seedbed(f, 1e19, &aw, &ts), AGRO_ERANGE);
    cr_expect_eq(agro_field_seedbed(f, INFINITY, &aw, &ts), AGRO_ERANGE);
    cr_expect_eq(agro_field_seedbed(NULL, 30.0, &aw, &ts), AGRO_EINVAL);
    cr_expect_eq(agro_field_seedbed(f, 30.0, NULL, &ts), AGRO_EINVAL);
    agro_field_free(f);
    agro_sowing_window d;
    cr_assert_eq(agro_sowing_window_default(&d), AGRO_OK);
    cr_expect(d.enabled == 0 && d.forced == 0 && d.sw_depth_cm == 30.0 && d.sw_min_pct == 40.0 &&
              d.sw_max_pct == 100.0 && d.tsoil_min_C == 10.0 && d.tsoil_max_C == 40.0);
    cr_expect_eq(agro_sizeof_sowing_window(), sizeof(agro_sowing_window));
}
