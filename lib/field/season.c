/* Season runner: apply the events (dated, after sowing, automatic sowing), step a field
 * through the weather, stop at harvest, at maturity + margin, at an end date or when an
 * automatic sowing window closes unsown. Its day, checked and named by the weather file and
 * line on a refusal, is agro_field_step_series, public for those who step a field themselves. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "agrosim/field.h"
#include "internal/date.h"
#include "internal/error.h"
#include "internal/schedule.h"
#include "internal/weather.h"
#include "field/field_internal.h"

/* Hard limit on the length of one run, days (about five years). */
#define SEASON_MAX_DAYS 2000

/* The checks of @p spec before a season's first day; @p sched gets its schedule. */
static int spec_check(agro_ctx *ctx, const agro_season_spec *spec, agro_schedule *sched) {
    if (spec->n_events < 0 || spec->n_events > AGRO_SEASON_MAX_EVENTS)
        return agro_fail(ctx, AGRO_ELIMIT, NULL, 0, "n_events", "value %d outside [0, %d]", (int)spec->n_events, AGRO_SEASON_MAX_EVENTS);
    if (spec->days_after_maturity < 0 || spec->days_after_maturity > 365)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "days_after_maturity", "value %d outside [0, 365]", (int)spec->days_after_maturity);
    if (!agro_calendar_day(spec->start_year, spec->start_doy))
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "start_doy", "start date %d-%03d is impossible", (int)spec->start_year, (int)spec->start_doy);
    const int has_end = spec->end_year != 0 || spec->end_doy != 0;
    /* the events by day of the run (list order within a day), so that a day looks at its own
     * events only; events after sowing and automatic sowing are timed as the run goes */
    int st = agro_schedule_init(ctx, spec, sched);
    if (st) return st;
    if (!has_end && !sched->has_sow && !sched->has_harvest)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "events", "no SOW or HARVEST event and no end date: the run would not stop");
    if (has_end) {
        int32_t span;
        if (agro_days_between(spec->start_year, spec->start_doy, spec->end_year, spec->end_doy, &span) != AGRO_OK || span < 0)
            return agro_fail(ctx, AGRO_EORDER, NULL, 0, "end_doy", "end %d-%03d before start %d-%03d", (int)spec->end_year,
                             (int)spec->end_doy, (int)spec->start_year, (int)spec->start_doy);
    }
    return AGRO_OK;
}

/* Day @p index of @p w (its @p days and reader @p flags) on @p f: agro_field_step_series after
 * its argument checks, and agro_season_run's day with the arrays looked up once (a call of the
 * public function a day cost agro_season_run 52 instructions, +6.8 k a 130-day season). */
static inline int series_day(agro_ctx *ctx, agro_field *f, const agro_weather *w,
                             const agro_weather_day *days, const int32_t *flags, int32_t index) {
    /* each day passes agro_weather_check before the field sees it, as DSSAT checks each day it
       simulates (DailyWeatherCheck): a missing value or one DSSAT stops on, which the .WTH
       reader loads, is refused naming the weather file and line (the check is called only on a
       flagged day: 54 instructions a day otherwise) */
    int st;
    if ((flags[index] & AGRO_WEATHER_REFUSED) && (st = agro_weather_check(ctx, w, index, 1))) return st;
    /* a refused weather value: name the day's file and line (or generated station), on this
       failure path only */
    if ((st = agro_field_step(ctx, f, &days[index]))) st = agro_schedule_step_refused(ctx, f, &days[index], w, index, NULL, st);
    return st;
}

int agro_field_step_series(agro_ctx *ctx, agro_field *f, const agro_weather *w, int32_t index) {
    if (!f || !w) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL argument to agro_field_step_series");
    const int32_t n = agro_weather_n_days(w);
    if (index < 0 || index >= n)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "index", "day %d outside the series (%d days: 0 to %d)", (int)index, (int)n, (int)n - 1);
    return series_day(ctx, f, w, agro_weather_days(w), agro_weather_flags(w), index);
}

int agro_season_spec_check(agro_ctx *ctx, const agro_season_spec *spec) {
    if (!spec) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL argument to agro_season_spec_check");
    agro_schedule sched;
    int st = spec_check(ctx, spec, &sched);
    if (st) return st;
    /* what the run checks later: the soil and options when it creates the field, the cultivar
       when a SOW event sows it */
    agro_field *f = NULL;
    if ((st = agro_field_create(ctx, &spec->soil, &spec->options, &f))) return st;
    agro_field_free(f);
    return sched.has_sow ? agro_maize_cultivar_validate(ctx, &spec->cultivar, "cultivar") : AGRO_OK;
}

int agro_season_run(agro_ctx *ctx, const agro_season_spec *spec, const agro_weather *w,
                    agro_season_summary *summary, agro_field_daily *daily, int32_t max_days,
                    int32_t *n_days) {
    if (!spec || !w || !summary)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL argument to agro_season_run");
    if (n_days) *n_days = 0;
    if (daily && max_days < 1)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "max_days", "must be >= 1 with a daily buffer (got %d)", (int)max_days);
    const int has_end = spec->end_year != 0 || spec->end_doy != 0;
    agro_schedule sched;
    int st = spec_check(ctx, spec, &sched);
    if (st) return st;
    int32_t idx;
    if (agro_weather_find(w, spec->start_year, spec->start_doy, &idx) != AGRO_OK)
        return agro_fail(ctx, AGRO_ENOTFOUND, NULL, 0, "weather", "no weather for the start day %d-%03d", (int)spec->start_year, (int)spec->start_doy);
    agro_weather_info info;
    agro_weather_get_info(w, &info);
    const agro_weather_day *days = agro_weather_days(w);
    const int32_t *wflags = agro_weather_flags(w);

    agro_field *f = NULL;
    st = agro_schedule_field_create(ctx, spec, &f);
    if (st) return st;
    int32_t y = spec->start_year, d = spec->start_doy, year_len = agro_days_in_year(y);
    int32_t since_mature = -1, nd = 0;
    int stop = 0;
    for (int32_t step = 0; step < SEASON_MAX_DAYS && !stop; step++) {
        int harvest_today = 0;
        for (int32_t i; (i = agro_schedule_next(&sched, f, step)) >= 0;) {
            const agro_event *e = &spec->events[i];
            if (e->type == AGRO_EVENT_HARVEST) {
                harvest_today = 1; /* harvest at the end of the day */
                continue;
            }
            st = agro_schedule_apply(ctx, f, &sched, i, y, d);
            if (st) {
                char pre[64];
                snprintf(pre, sizeof pre, "events[%d] on %d-%03d", (int)i, (int)y, (int)d);
                agro_fail_prefix(ctx, pre);
                goto done;
            }
        }
        if (idx >= info.n_days || days[idx].year != y || days[idx].doy != d) {
            st = agro_fail(ctx, AGRO_ENOTFOUND, NULL, 0, "weather", "no weather for %d-%03d (needed by the season)", (int)y, (int)d);
            goto done;
        }
        if ((st = series_day(ctx, f, w, days, wflags, idx))) goto done; /* agro_field_step_series */
        if (daily) {
            if (nd >= max_days) {
                st = agro_fail(ctx, AGRO_ELIMIT, NULL, 0, "max_days", "season longer than the daily buffer (%d days)", (int)max_days);
                goto done;
            }
            agro_field_get_daily(f, &daily[nd]);
        }
        nd++;
        if (harvest_today) {
            agro_event h;
            memset(&h, 0, sizeof h);
            h.type = AGRO_EVENT_HARVEST;
            h.year = y;
            h.doy = d;
            if ((st = agro_field_apply(ctx, f, &h))) goto done;
            stop = 1;
        }
        if (agro_field_crop_mature(f)) {
            since_mature++;
            if (!sched.has_harvest && since_mature >= spec->days_after_maturity) stop = 1;
        }
        if (has_end && y == spec->end_year && d == spec->end_doy) stop = 1;
        if (sched.closed) stop = 1; /* DSSAT AUTPLT: the season ends with the window */
        idx++;
        if (++d > year_len) {
            y++;
            d = 1;
            year_len = agro_days_in_year(y);
        }
    }
    if (!stop) {
        st = agro_fail(ctx, AGRO_ELIMIT, NULL, 0, "season", "no stop within %d days", SEASON_MAX_DAYS);
        goto done;
    }
    st = agro_field_get_summary(f, summary);
    if (sched.closed) summary->crop_failed = AGRO_CROP_NOT_SOWN;
    if (n_days) *n_days = nd;
done:
    agro_field_free(f);
    return st;
}
