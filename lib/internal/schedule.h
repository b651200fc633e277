/* Private to the library: the event schedule of one season run. Events dated by calendar or
 * by days after the actual sowing, and the automatic sowing window (DSSAT AUTPLT.for), in one
 * place for agro_season_run and the DSSAT experiment runner, so both apply events alike. */
#ifndef AGROSIM_INTERNAL_SCHEDULE_H
#define AGROSIM_INTERNAL_SCHEDULE_H

#include <stdint.h>

#include "agrosim/field.h"

typedef struct agro_schedule {
    const agro_season_spec *spec;
    int32_t at[AGRO_SEASON_MAX_EVENTS];    /* run day of each event (0 = start day) */
    int32_t order[AGRO_SEASON_MAX_EVENTS]; /* timed events by (run day, list index) */
    int32_t n, next;                       /* timed events; first one not yet returned */
    int32_t auto_sow;                      /* list index of the automatic SOW event, or -1 */
    int32_t window_first, window_last;     /* run days of the sowing window */
    int32_t checked;                       /* last run day the window was tested */
    int32_t sown;                          /* a SOW event was returned */
    int32_t closed;                        /* the window closed without sowing */
    int32_t has_sow, has_harvest;
} agro_schedule;

/* Check the spec's events and window (errors name the event or window field) and time the
 * dated events from spec->start_year/start_doy. Events dated before the start are an
 * AGRO_EORDER error; a day of year the calendar does not have never comes up. */
int agro_schedule_init(agro_ctx *ctx, const agro_season_spec *spec, agro_schedule *s);

/* The list index of the next event to apply before the step of run day @p step, or -1 when
 * the day has none left. Call until -1 each day, in day order. The automatic SOW event comes
 * first on the day its seedbed tests hold on @p f (the state after yesterday's step); a
 * returned SOW times the events dated after sowing. After the window's last day without
 * sowing, s->closed is 1 and the run should end with that day. */
int32_t agro_schedule_next(agro_schedule *s, const agro_field *f, int32_t step);

/* Apply event @p i of the spec dated @p year/@p doy (today): an automatic sowing happens on
 * a day of the window and an event after sowing has no date of its own. SOW goes through
 * agro_field_sow_maize with the spec's cultivar. (The runners harvest at the end of the day
 * themselves.) */
int agro_schedule_apply(agro_ctx *ctx, agro_field *f, const agro_schedule *s, int32_t i,
                        int32_t year, int32_t doy);

/* The field of @p spec (its soil and options), with its tillage state reserved when one of the
 * spec's events tills, so that no pass allocates in the middle of the run: how both runners
 * make their field. *out is NULL on error. */
int agro_schedule_field_create(agro_ctx *ctx, const agro_season_spec *spec, agro_field **out);

/* After agro_field_step(ctx, @p f, @p day) failed with @p status, where @p day is day @p index
 * of @p w or the DSSAT runner's modified copy of it: when the field refused the day on one of
 * its weather values, its message is prefixed with where the day comes from
 * (agro_weather_day_source: the file and line, or the generated series' station and date) and
 * @p note when not NULL ("FILE:LINE (NOTE): FIELD: ..."); a day that agro_weather_check
 * refuses (a missing value) gets that check's message instead, as the other runners give it.
 * Any other refusal is left as it is. Returns @p status (agro_weather_check's for a missing
 * value). Only this failure path formats text: the runners' days stay free of it. */
int agro_schedule_step_refused(agro_ctx *ctx, const agro_field *f, const agro_weather_day *day,
                               const agro_weather *w, int32_t index, const char *note, int status);

#endif
