/* Private to lib/weather: the layout of a weather series and helpers shared by its readers,
 * writer and generator. */
#ifndef AGROSIM_WEATHER_IMPL_H
#define AGROSIM_WEATHER_IMPL_H

#include "agrosim/weather.h"

/* Bits of agro_weather.flags[i]: a required value of day i is missing in the source. The day
 * stays in the series (the value is NaN), is counted in n_missing, and agro_weather_check
 * refuses it, so a model can never step on it by accident. */
enum {
    WX_MISSING_SRAD = 1,
    WX_MISSING_TMAX = 2,
    WX_MISSING_TMIN = 4,
    WX_MISSING_RAIN = 8,
    /* the .WTH reader raised SRAD below 0.1 MJ/m2/d to 0.1, as DSSAT does (counted in
       n_substituted; the day drives runs) */
    WX_RAISED_SRAD = 16,
    /* .WTH TMAX and TMIN both 0.00 C: DSSAT's pattern of a missing pair (DailyWeatherCheck
       error 4); the values stay, agro_weather_check refuses the day */
    WX_ZERO_TEMPERATURES = 32,
    /* .WTH values DailyWeatherCheck stops on (errors 2, 3 and 6): SRAD below 0 or above 100
       MJ/m2/d, RAIN below 0, TMIN above TMAX; the values stay as read, agro_weather_check
       refuses the day */
    WX_BAD_SRAD = 64,
    WX_NEGATIVE_RAIN = 128,
    WX_TMIN_ABOVE_TMAX = 256,
    /* an optional value no air or sky has, in a .WTH or CSV day: WIND, PAR or VPRS below 0
       (other than a missing code), RHUM outside 0..100 %. DSSAT does not stop on it (WEATHR takes a wind run <= 0 as
       none); the field's step refuses it, so agro_weather_check refuses the day first, naming
       its line and column, as it does a missing value */
    WX_BAD_OPTIONAL = 512,
    /* a day counted in agro_weather_info.n_bad_days */
    WX_BAD_DAY = WX_ZERO_TEMPERATURES | WX_BAD_SRAD | WX_NEGATIVE_RAIN | WX_TMIN_ABOVE_TMAX,
    /* a day agro_weather_check refuses */
    WX_REFUSED = WX_MISSING_SRAD | WX_MISSING_TMAX | WX_MISSING_TMIN | WX_MISSING_RAIN | WX_BAD_DAY |
                 WX_BAD_OPTIONAL
};

struct agro_weather {
    char station[AGRO_WEATHER_STATION_MAX];
    char source[512];         /* file the series came from ("" when generated) */
    agro_weather_info info;
    double tav_given_C;       /* TAV and AMP as the source gave them, before wx_finish computes */
    double amp_given_C;       /* missing ones from the days; NaN when absent or -99 */
    int32_t n, cap;
    agro_weather_day *days;   /* n days, strictly increasing dates */
    int32_t *line;            /* source line of each day (0 when generated) */
    int32_t *flags;           /* WX_* bits of each day */
    int32_t csv;              /* read from a CSV file: its column names and units in messages */
};

/* Start a reader: check @p out (set to NULL), read @p path whole into *text (size *size, the
 * caller frees it) and allocate *w with room for size / @p bytes_per_day days. AGRO_ECANCELED,
 * nothing read, when a cancel request is pending on @p ctx. */
int wx_read_start(agro_ctx *ctx, const char *path, agro_weather **out, size_t bytes_per_day,
                  char **text, size_t *size, agro_weather **w);
/* The readers' cancel point: every WX_CANCEL_LINES lines of the file (@p lno 0, before the first
 * line, included), AGRO_ECANCELED "FILE: cancelled before line N (agro_ctx_cancel)" when a cancel
 * request is pending on @p ctx, else AGRO_OK; wx_cancel_check makes the check at any @p lno. One
 * atomic load per 4096 lines, the line count tested inline: a 9000-year file (3.3 million lines,
 * about 15 s) stops within a few milliseconds, and the parse runs the same instructions (callgrind:
 * +0.0002 % on a 100-year file). */
#define WX_CANCEL_LINES 4096
int wx_cancel_check(agro_ctx *ctx, const char *path, long lno);
static inline int wx_cancel_point(agro_ctx *ctx, const char *path, long lno)
{
    return lno % WX_CANCEL_LINES ? AGRO_OK : wx_cancel_check(ctx, path, lno);
}
/* End a reader: a series without a station is named after the file (no folder, no extension;
 * AGRO_ERANGE, the series freed, if that name does not fit); wx_finish, then hand the series
 * to *out. */
int wx_read_done(agro_ctx *ctx, agro_weather *w, const char *path, agro_weather **out);
/* Set the station name of @p w to @p name: AGRO_ERANGE naming @p file, @p line and @p field
 * when it is longer than AGRO_WEATHER_STATION_MAX - 1 characters (nothing is cut). */
int wx_set_station(agro_ctx *ctx, agro_weather *w, const char *name, size_t len, const char *file,
                   long line, const char *field);
/* A new empty series that can hold @p cap days without reallocating. */
int wx_alloc(agro_ctx *ctx, const char *source, int32_t cap, agro_weather **out);
/* Append a day (grows the arrays); the caller has validated it. */
int wx_push(agro_ctx *ctx, agro_weather *w, const agro_weather_day *d, int32_t line, int32_t flags);
/* Fill n_days, first/last dates and, where they are NaN, TAV and AMP from the data. */
void wx_finish(agro_weather *w);
/* TAV = mean of the monthly mean temperatures sum_C[m]/count[m], AMP = warmest minus coldest
 * (DSSAT .WTH header definitions), months with count 0 left out: into *tav_C and *amp_C when a
 * month has data; the number of months used. */
int wx_tav_amp(const double sum_C[12], const double count[12], double *tav_C, double *amp_C);
/* A day with every optional field NaN. */
void wx_day_init(agro_weather_day *d);
/* Serial day number (days since 0001-01-01) for date comparisons. */
int64_t wx_serial(int32_t year, int32_t doy);
/* The required columns (radiation, maximum and minimum temperature, rain) and the date as each
 * format's header names them, for messages: [0] a DSSAT .WTH, [1] agrosim's CSV (series.c). */
extern const char *const wx_required_names[2][4];
extern const char *const wx_date_name[2];
/* Checks shared by the readers: finite values, non-negative rain/radiation, tmin <= tmax.
 * @p what names the source columns (DSSAT or CSV) for the message. */
int wx_check_values(agro_ctx *ctx, const char *file, long line, const agro_weather_day *d,
                    const char *const names[4]);

#endif
