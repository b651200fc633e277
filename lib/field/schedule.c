/* Event schedule of a season run: calendar events, events after the actual sowing, automatic
 * sowing in a window (DSSAT AUTPLT.for). See lib/internal/schedule.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal/date.h"
#include "internal/error.h"
#include "internal/schedule.h"
#include "field/field_internal.h"

/* Put event @p i into the timed order at run day @p day, after the events of the same day that
 * come earlier in the list and before those later in it. */
static void insert(agro_schedule *s, int32_t i, int32_t day) {
    s->at[i] = day;
    int32_t j = s->n++;
    for (; j > s->next; j--) {
        const int32_t o = s->order[j - 1];
        if (s->at[o] < day || (s->at[o] == day && o < i)) break;
        s->order[j] = o;
    }
    s->order[j] = i;
}

static int check_window(agro_ctx *ctx, const agro_season_spec *spec, agro_schedule *s) {
    const agro_sowing_window *w = &spec->sowing_window;
    if (w->enabled != 0 && w->enabled != 1)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "sowing_window.enabled", "must be 0 or 1 (got %d)", (int)w->enabled);
    if (!w->enabled) return AGRO_OK;
    if (w->forced != 0 && w->forced != 1)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "sowing_window.forced", "must be 0 or 1 (got %d)", (int)w->forced);
    if (!(isfinite(w->sw_depth_cm) && w->sw_depth_cm > 0.0 && w->sw_depth_cm <= AGRO_SEEDBED_MAX_DEPTH_CM))
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "sowing_window.sw_depth_cm", "value %g outside (0, %g] cm", w->sw_depth_cm,
                         AGRO_SEEDBED_MAX_DEPTH_CM);
    if (!(isfinite(w->sw_min_pct) && isfinite(w->sw_max_pct) && w->sw_min_pct >= 0.0 &&
          w->sw_min_pct <= w->sw_max_pct && w->sw_max_pct <= 100.0))
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "sowing_window.sw_min_pct",
                         "available-water limits %g..%g %% must satisfy 0 <= min <= max <= 100", w->sw_min_pct, w->sw_max_pct);
    if (!(isfinite(w->tsoil_min_C) && isfinite(w->tsoil_max_C) && w->tsoil_min_C >= -50.0 &&
          w->tsoil_min_C <= w->tsoil_max_C && w->tsoil_max_C <= 80.0))
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "sowing_window.tsoil_min_C",
                         "soil temperature limits %g..%g °C must satisfy -50 <= min <= max <= 80", w->tsoil_min_C, w->tsoil_max_C);
    int32_t n_sow = 0;
    for (int32_t i = 0; i < spec->n_events; i++)
        if (spec->events[i].type == AGRO_EVENT_SOW) {
            n_sow++;
            s->auto_sow = i;
        }
    if (n_sow != 1)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "sowing_window", "automatic sowing needs exactly one SOW event (%d given)", (int)n_sow);
    const agro_event *e = &spec->events[s->auto_sow];
    if (e->timing != AGRO_TIMING_DATE)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "sowing_window", "the SOW event opens the window: it needs a calendar date");
    if (agro_days_between(spec->start_year, spec->start_doy, e->year, e->doy, &s->window_first) != AGRO_OK ||
        agro_days_between(spec->start_year, spec->start_doy, w->last_year, w->last_doy, &s->window_last) != AGRO_OK ||
        w->last_doy < 1 || w->last_doy > agro_days_in_year(w->last_year) || s->window_last < s->window_first)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "sowing_window.last_doy",
                         "window %d-%03d .. %d-%03d: the last day must be a real day on or after the first (the SOW event)",
                         (int)e->year, (int)e->doy, (int)w->last_year, (int)w->last_doy);
    return AGRO_OK;
}

int agro_schedule_init(agro_ctx *ctx, const agro_season_spec *spec, agro_schedule *s) {
    memset(s, 0, sizeof *s);
    s->spec = spec;
    s->auto_sow = -1;
    s->checked = -1;
    int st = check_window(ctx, spec, s);
    if (st) return st;
    for (int32_t i = 0; i < spec->n_events; i++) {
        const agro_event *e = &spec->events[i];
        /* every event's values now, not when (or whether) the season reaches it */
        if ((st = agro_event_check(ctx, e))) {
            char where[48];
            snprintf(where, sizeof where, "event %d (type %d)", (int)i, (int)e->type);
            agro_fail_prefix(ctx, where);
            return st;
        }
        if (e->type == AGRO_EVENT_SOW) s->has_sow = 1;
        if (e->type == AGRO_EVENT_HARVEST) s->has_harvest = 1;
        if (e->timing == AGRO_TIMING_AFTER_SOWING) {
            if (e->days_after_sowing < 0 || e->days_after_sowing > 3660)
                return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "days_after_sowing",
                                 "event %d (type %d): value %d outside [0, 3660]", (int)i, (int)e->type, (int)e->days_after_sowing);
            if (e->type == AGRO_EVENT_SOW)
                return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "timing", "event %d: a SOW event cannot be timed after sowing", (int)i);
            continue; /* timed when the crop is sown */
        }
        if (e->timing != AGRO_TIMING_DATE)
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "timing", "event %d: value %d is not an AGRO_TIMING_*", (int)i, (int)e->timing);
        /* a day that is not in its year (day 0, day 366 of a common year, "day 430 of 2001") is
           a mistake, not a date after the season: refused, never silently skipped */
        if (!agro_calendar_day(e->year, e->doy))
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "events", "event %d (type %d): %d-%03d is not a day of the calendar",
                             (int)i, (int)e->type, (int)e->year, (int)e->doy);
        int32_t day;
        if (agro_days_between(spec->start_year, spec->start_doy, e->year, e->doy, &day) != AGRO_OK || day < 0)
            return agro_fail(ctx, AGRO_EORDER, NULL, 0, "events", "event %d (type %d) on %d-%03d is before the start %d-%03d",
                             (int)i, (int)e->type, (int)e->year, (int)e->doy, (int)spec->start_year, (int)spec->start_doy);
        if (i == s->auto_sow) continue; /* sown by the window's tests */
        insert(s, i, day);
    }
    return AGRO_OK;
}

/* DSSAT AUTPLT: soil temperature and plant-available water within their limits. */
static int seedbed_ready(const agro_season_spec *spec, const agro_field *f) {
    const agro_sowing_window *w = &spec->sowing_window;
    double aw = 0.0, ts = 0.0;
    if (agro_field_seedbed(f, w->sw_depth_cm, &aw, &ts) != AGRO_OK) return 0;
    if (!(ts >= w->tsoil_min_C && ts <= w->tsoil_max_C)) return 0;
    return !spec->options.water_limited || (aw >= w->sw_min_pct && aw <= w->sw_max_pct);
}

static void time_after_sowing(agro_schedule *s, int32_t step) {
    s->sown = 1;
    for (int32_t i = 0; i < s->spec->n_events; i++) {
        const agro_event *e = &s->spec->events[i];
        if (e->timing == AGRO_TIMING_AFTER_SOWING) insert(s, i, step + e->days_after_sowing);
    }
}

int32_t agro_schedule_next(agro_schedule *s, const agro_field *f, int32_t step) {
    if (s->auto_sow >= 0 && !s->sown && !s->closed && s->checked < step &&
        step >= s->window_first && step <= s->window_last) {
        s->checked = step;
        if (seedbed_ready(s->spec, f) || (s->spec->sowing_window.forced && step == s->window_last)) {
            time_after_sowing(s, step);
            return s->auto_sow;
        }
        if (step == s->window_last) s->closed = 1;
    }
    if (s->next < s->n && s->at[s->order[s->next]] == step) {
        const int32_t i = s->order[s->next++];
        if (s->spec->events[i].type == AGRO_EVENT_SOW && !s->sown) time_after_sowing(s, step);
        return i;
    }
    return -1;
}

int agro_schedule_apply(agro_ctx *ctx, agro_field *f, const agro_schedule *s, int32_t i,
                        int32_t year, int32_t doy) {
    agro_event today = s->spec->events[i];
    today.year = year;
    today.doy = doy;
    return today.type == AGRO_EVENT_SOW ? agro_field_sow_maize(ctx, f, &today, &s->spec->cultivar)
                                        : agro_field_apply(ctx, f, &today);
}

int agro_schedule_field_create(agro_ctx *ctx, const agro_season_spec *spec, agro_field **out) {
    *out = NULL;
    agro_field *f = NULL;
    int st = agro_field_create(ctx, &spec->soil, &spec->options, &f);
    if (st) return st;
    if ((st = agro_field_till_reserve(ctx, f, spec->events, spec->n_events))) {
        agro_field_free(f);
        return st;
    }
    *out = f;
    return AGRO_OK;
}

int agro_schedule_step_refused(agro_ctx *ctx, const agro_field *f, const agro_weather_day *day,
                               const agro_weather *w, int32_t index, const char *note, int status) {
    if (!agro_field_weather_refused(f, day)) return status;
    const int missing = agro_weather_check(ctx, w, index, 1);
    if (missing) return missing;
    char src[AGRO_WEATHER_SOURCE_MAX], where[AGRO_MESSAGE_MAX];
    agro_weather_day_source(w, index, src, sizeof src);
    if (note) snprintf(where, sizeof where, "%s (%s)", src, note);
    agro_fail_prefix(ctx, note ? where : src);
    return status;
}
