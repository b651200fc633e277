/* A daily weather series: storage, accessors, summary (TAV/AMP) and the pre-run check. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal/c_locale.h"
#include "internal/error.h"
#include "internal/json.h"
#include "internal/weather.h"
#include "weather/weather_impl.h"

int64_t wx_serial(int32_t year, int32_t doy)
{
    int64_t p = (int64_t)year - 1;
    return p * 365 + p / 4 - p / 100 + p / 400 + doy;
}

void wx_day_init(agro_weather_day *d)
{
    memset(d, 0, sizeof *d);
    d->srad_MJ_m2_d = d->tmax_C = d->tmin_C = d->rain_mm = NAN;
    d->tdew_C = d->wind_km_d = d->rhum_pct = d->par_mol_m2_d = d->vprs_kPa = NAN;
}

int wx_alloc(agro_ctx *ctx, const char *source, int32_t cap, agro_weather **out)
{
    agro_weather *w = calloc(1, sizeof *w);
    if (cap < 16)
        cap = 16;
    if (w) {
        w->days = malloc((size_t)cap * sizeof *w->days);
        w->line = malloc((size_t)cap * sizeof *w->line);
        w->flags = malloc((size_t)cap * sizeof *w->flags);
    }
    if (!w || !w->days || !w->line || !w->flags) {
        agro_weather_free(w);
        return agro_fail(ctx, AGRO_ENOMEM, source, 0, NULL, "out of memory");
    }
    w->cap = cap;
    snprintf(w->source, sizeof w->source, "%s", source ? source : "");
    w->info.latitude_deg = w->info.longitude_deg = w->info.elevation_m = NAN;
    w->info.tav_C = w->info.amp_C = NAN;
    w->tav_given_C = w->amp_given_C = NAN;
    /* DSSAT defaults when the file gives no measurement heights (IPWTH: REFHT 1.5, WNDHT 2.0) */
    w->info.refht_m = 1.5;
    w->info.wndht_m = 2.0;
    *out = w;
    return AGRO_OK;
}

int wx_read_start(agro_ctx *ctx, const char *path, agro_weather **out, size_t bytes_per_day,
                  char **text, size_t *size, agro_weather **w)
{
    if (!out)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL, "no output pointer");
    *out = NULL;
    *text = NULL;
    *size = 0;
    /* a request made before the load reads nothing (a file of 250 MB takes a while to read) */
    int rc = agro_check_cancel(ctx, path, "before reading");
    if (!rc)
        rc = agro_read_file(ctx, path, text, size);
    if (rc)
        return rc;
    *w = NULL;
    size_t guess = *size / bytes_per_day + 16;
    rc = wx_alloc(ctx, path, (int32_t)(guess < INT32_MAX ? guess : 1024), w);
    if (rc) {
        free(*text);
        *text = NULL;
    }
    return rc;
}

int wx_cancel_check(agro_ctx *ctx, const char *path, long lno)
{
    if (!agro_ctx_cancelled(ctx))
        return AGRO_OK;
    return agro_fail(ctx, AGRO_ECANCELED, path, 0, NULL,
                     "cancelled before line %ld (agro_ctx_cancel)", lno + 1);
}

int wx_set_station(agro_ctx *ctx, agro_weather *w, const char *name, size_t len, const char *file,
                   long line, const char *field)
{
    if (len >= sizeof w->station)
        return agro_fail(ctx, AGRO_ERANGE, file, line, field,
                         "station name of %zu characters: at most %d", len,
                         AGRO_WEATHER_STATION_MAX - 1);
    memcpy(w->station, name, len);
    w->station[len] = '\0';
    return AGRO_OK;
}

int wx_read_done(agro_ctx *ctx, agro_weather *w, const char *path, agro_weather **out)
{
    if (!w->station[0]) {
        const char *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        int rc = wx_set_station(ctx, w, base, strcspn(base, "."), path, 0, "station");
        if (rc) {
            agro_weather_free(w);
            return rc;
        }
    }
    wx_finish(w);
    *out = w;
    return AGRO_OK;
}

int wx_push(agro_ctx *ctx, agro_weather *w, const agro_weather_day *d, int32_t line, int32_t flags)
{
    if (w->n == w->cap) {
        if (w->cap > INT32_MAX / 2)
            return agro_fail(ctx, AGRO_ELIMIT, w->source, line, NULL, "too many days");
        int32_t cap = w->cap * 2;
        agro_weather_day *nd = realloc(w->days, (size_t)cap * sizeof *nd);
        if (nd)
            w->days = nd;
        int32_t *nl = nd ? realloc(w->line, (size_t)cap * sizeof *nl) : NULL;
        if (nl)
            w->line = nl;
        int32_t *nf = nl ? realloc(w->flags, (size_t)cap * sizeof *nf) : NULL;
        if (!nf)
            return agro_fail(ctx, AGRO_ENOMEM, w->source, line, NULL, "out of memory");
        w->flags = nf;
        w->cap = cap;
    }
    w->days[w->n] = *d;
    w->line[w->n] = line;
    w->flags[w->n] = flags;
    w->n++;
    return AGRO_OK;
}

void wx_finish(agro_weather *w)
{
    agro_weather_info *in = &w->info;
    in->n_days = w->n;
    if (w->n > 0) {
        in->first_year = w->days[0].year;
        in->first_doy = w->days[0].doy;
        in->last_year = w->days[w->n - 1].year;
        in->last_doy = w->days[w->n - 1].doy;
    }
    w->tav_given_C = in->tav_C;
    w->amp_given_C = in->amp_C;
    if (isfinite(in->tav_C) && isfinite(in->amp_C))
        return;
    /* TAV = annual mean of monthly mean temperatures, AMP = warmest minus coldest monthly mean
     * (definitions of the DSSAT .WTH header, DSSAT weather file documentation; the CLIMATE
     * utility computes them the same way from daily (TMAX+TMIN)/2). Months without data are
     * left out. */
    double sum[12] = {0}, cnt[12] = {0};
    for (int32_t i = 0; i < w->n; i++) {
        const agro_weather_day *d = &w->days[i];
        /* a pair agro_weather_check refuses (crossed, or both 0.00 C: DSSAT's pattern of a
           missing pair) is left out as a missing one is */
        if (!isfinite(d->tmax_C) || !isfinite(d->tmin_C) ||
            (w->flags[i] & (WX_TMIN_ABOVE_TMAX | WX_ZERO_TEMPERATURES)))
            continue;
        int32_t m = 1;
        agro_doy_to_date(d->year, d->doy, &m, NULL);
        sum[m - 1] += 0.5 * (d->tmax_C + d->tmin_C);
        cnt[m - 1] += 1.0;
    }
    double tav = NAN, amp = NAN;
    const int nm = wx_tav_amp(sum, cnt, &tav, &amp);
    /* No day with both TMAX and TMIN: nothing to compute from, so DSSAT's substitutes for a
     * missing TAV and TAMP, 20 and 5 degC (DSSAT-CSM Weather/IPWTH_alt.for, commit 014bdee),
     * never NaN. Such a series loads, but agro_weather_check refuses every day of it. */
    if (!isfinite(in->tav_C))
        in->tav_C = nm ? tav : 20.0;
    if (!isfinite(in->amp_C))
        in->amp_C = nm ? amp : 5.0;
}

int wx_tav_amp(const double sum_C[12], const double count[12], double *tav_C, double *amp_C)
{
    double tav = 0.0, lo = INFINITY, hi = -INFINITY;
    int nm = 0;
    for (int m = 0; m < 12; m++) {
        if (count[m] <= 0.0)
            continue;
        double mean = sum_C[m] / count[m];
        tav += mean;
        nm++;
        lo = fmin(lo, mean);
        hi = fmax(hi, mean);
    }
    if (nm) {
        *tav_C = tav / nm;
        *amp_C = hi - lo;
    }
    return nm;
}

/* a column is named as the file names it: a .WTH's header, or agrosim's CSV header */
const char *const wx_required_names[2][4] = {{"SRAD", "TMAX", "TMIN", "RAIN"},
                                             {"srad_MJ_m2_d", "tmax_C", "tmin_C", "rain_mm"}};
const char *const wx_date_name[2] = {"DATE", "date"};

int wx_check_values(agro_ctx *ctx, const char *file, long line, const agro_weather_day *d,
                    const char *const names[4])
{
    /* Plausibility limits of DSSAT DailyWeatherCheck: 0 <= SRAD <= 100, RAIN >= 0, TMIN <= TMAX */
    if (isfinite(d->srad_MJ_m2_d) && (d->srad_MJ_m2_d < 0.0 || d->srad_MJ_m2_d > 100.0))
        return agro_fail(ctx, AGRO_ERANGE, file, line, names[0],
                         "solar radiation %g MJ/m2/d outside [0, 100]", d->srad_MJ_m2_d);
    if (isfinite(d->rain_mm) && d->rain_mm < 0.0)
        return agro_fail(ctx, AGRO_ERANGE, file, line, names[3], "negative rainfall (%g mm)",
                         d->rain_mm);
    if (isfinite(d->tmax_C) && isfinite(d->tmin_C) && d->tmin_C > d->tmax_C)
        return agro_fail(ctx, AGRO_ERANGE, file, line, names[2],
                         "minimum temperature %g C above maximum %g C", d->tmin_C, d->tmax_C);
    return AGRO_OK;
}

void agro_weather_free(agro_weather *w)
{
    if (!w)
        return;
    free(w->days);
    free(w->line);
    free(w->flags);
    free(w);
}

int agro_weather_get_info(const agro_weather *w, agro_weather_info *out)
{
    if (!w || !out)
        return AGRO_EINVAL;
    *out = w->info;
    return AGRO_OK;
}

_Static_assert((int)WX_REFUSED == (int)AGRO_WEATHER_REFUSED, "internal/weather.h's refusal mask");

const int32_t *agro_weather_flags(const agro_weather *w) { return w->flags; }
int32_t agro_weather_n_days(const agro_weather *w) { return w->n; }

void agro_weather_given_tav_amp(const agro_weather *w, double *tav_C, double *amp_C)
{
    *tav_C = w->tav_given_C;
    *amp_C = w->amp_given_C;
}

int agro_weather_get_station(const agro_weather *w, char *buf, size_t n)
{
    if (!w || !buf || n == 0)
        return AGRO_EINVAL;
    /* (a size_t count: (int)n is negative for a buffer of more than INT_MAX bytes) */
    const int k = snprintf(buf, n, "%s", w->station);
    return k >= 0 && (size_t)k < n ? AGRO_OK : AGRO_ERANGE;
}

int agro_weather_get_day(const agro_weather *w, int32_t index, agro_weather_day *out)
{
    if (!w || !out)
        return AGRO_EINVAL;
    if (index < 0 || index >= w->n)
        return AGRO_ERANGE;
    *out = w->days[index];
    return AGRO_OK;
}

const agro_weather_day *agro_weather_days(const agro_weather *w) { return w ? w->days : NULL; }

int agro_weather_day_source(const agro_weather *w, int32_t index, char *buf, size_t n)
{
    if (!w || !buf || n == 0)
        return AGRO_EINVAL;
    if (index < 0 || index >= w->n) {
        buf[0] = '\0';
        return AGRO_ERANGE;
    }
    /* a series read from a file keeps its name and each day's line; a generated one has
       neither (source "", line 0), and its station and the date say which day it is */
    const agro_weather_day *d = &w->days[index];
    const int k = w->source[0] && w->line[index] > 0
                      ? snprintf(buf, n, "%s:%d", w->source, (int)w->line[index])
                  : w->source[0] ? snprintf(buf, n, "%s", w->source)
                                 : snprintf(buf, n, "generated weather, station %s, %04d-%03d",
                                            w->station, (int)d->year, (int)d->doy);
    return k >= 0 && (size_t)k < n ? AGRO_OK : AGRO_ERANGE;
}

int agro_weather_find(const agro_weather *w, int32_t year, int32_t doy, int32_t *index)
{
    if (!w || !index)
        return AGRO_EINVAL;
    /* the serial day count wraps such a day onto another: (2001, 366) is 2002-001's */
    if (doy < 1 || doy > agro_days_in_year(year))
        return AGRO_ERANGE;
    int64_t key = wx_serial(year, doy);
    int32_t lo = 0, hi = w->n - 1;
    /* dates increase strictly, and usually by one day: try the direct offset first */
    if (w->n > 0) {
        int64_t off = key - wx_serial(w->days[0].year, w->days[0].doy);
        if (off >= 0 && off < w->n && w->days[off].year == year && w->days[off].doy == doy) {
            *index = (int32_t)off;
            return AGRO_OK;
        }
    }
    while (lo <= hi) {
        int32_t mid = lo + (hi - lo) / 2;
        int64_t s = wx_serial(w->days[mid].year, w->days[mid].doy);
        if (s == key) {
            *index = mid;
            return AGRO_OK;
        }
        if (s < key)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return AGRO_ENOTFOUND;
}

/* The refusal of day @p i of @p w for its values (WX_BAD_SRAD, WX_NEGATIVE_RAIN,
 * WX_TMIN_ABOVE_TMAX): every bad column named, with its value and the date. */
__attribute__((cold, noinline)) static int bad_values(agro_ctx *ctx, const char *file,
                                                      const agro_weather *w, int32_t i)
{
    const agro_weather_day *d = &w->days[i];
    const int32_t f = w->flags[i];
    int32_t mo = 0, dd = 0;
    agro_doy_to_date(d->year, d->doy, &mo, &dd);
    const int several = ((f & WX_BAD_SRAD) != 0) + ((f & WX_TMIN_ABOVE_TMAX) != 0) +
                            ((f & WX_NEGATIVE_RAIN) != 0) > 1;
    char fields[32] = "", what[256] = "";
    size_t nf = 0, nw = 0;
    if (f & WX_BAD_SRAD) {
        nf += (size_t)snprintf(fields + nf, sizeof fields - nf, "SRAD");
        nw += (size_t)agro_snprintf_c(what + nw, sizeof what - nw, "%s%g MJ/m2/d outside [0, 100]",
                               several ? "SRAD " : "", d->srad_MJ_m2_d);
    }
    if (f & WX_TMIN_ABOVE_TMAX) {
        nf += (size_t)snprintf(fields + nf, sizeof fields - nf, "%sTMIN", nf ? ", " : "");
        nw += (size_t)agro_snprintf_c(what + nw, sizeof what - nw, "%s%sabove TMAX (%g > %g C)",
                               nw ? ", " : "", several ? "TMIN " : "", d->tmin_C, d->tmax_C);
    }
    if (f & WX_NEGATIVE_RAIN) {
        nf += (size_t)snprintf(fields + nf, sizeof fields - nf, "%sRAIN", nf ? ", " : "");
        nw += (size_t)agro_snprintf_c(what + nw, sizeof what - nw, "%s%snegative (%g mm)", nw ? ", " : "",
                               several ? "RAIN " : "", d->rain_mm);
    }
    return agro_fail(ctx, AGRO_ERANGE, file, w->line[i], fields,
                     "%s on %04d-%02d-%02d: DSSAT stops on such a day (its DailyWeatherCheck)",
                     what, d->year, mo, dd);
}

/* The refusal of day @p i of @p w, one of whose WX_REFUSED bits is set: a value DSSAT stops on,
 * then an optional value no air has (AGRO_ERANGE), before a missing one (AGRO_EMISSING), so a
 * caller that runs a day without its rain, as agrosim soil-temperature does, is not handed a
 * crossed or 0.00 C pair, a bad SRAD or a negative wind behind a missing RAIN. */
__attribute__((cold, noinline)) static int refused_day(agro_ctx *ctx, const char *file,
                                                       const agro_weather *w, int32_t i)
{
    static const int req_bit[4] = {WX_MISSING_SRAD, WX_MISSING_TMAX, WX_MISSING_TMIN,
                                   WX_MISSING_RAIN};
    const agro_weather_day *d = &w->days[i];
    int32_t mo = 0, dd = 0;
    agro_doy_to_date(d->year, d->doy, &mo, &dd);
    if (w->flags[i] & (WX_BAD_SRAD | WX_NEGATIVE_RAIN | WX_TMIN_ABOVE_TMAX))
        return bad_values(ctx, file, w, i);
    if (w->flags[i] & WX_ZERO_TEMPERATURES)
        return agro_fail(ctx, AGRO_ERANGE, file, w->line[i], "TMAX, TMIN",
                         "both 0.00 C on %04d-%02d-%02d: DSSAT stops on such a day (its "
                         "DailyWeatherCheck, error 4: the pattern of a missing pair)",
                         d->year, mo, dd);
    if (w->flags[i] & WX_BAD_OPTIONAL) {
        static const char *const names[2][4] = {{"WIND", "PAR", "VPRS", "RHUM"},
                                                {"wind_m_s", "par_mol_m2_d", "vprs_kPa", "rhum_pct"}};
        const char *const *name = names[w->csv != 0];
        /* the wind in the file's unit: km/d in a .WTH, m/s in a CSV (1 m/s = 86.4 km/d) */
        const double v[4] = {w->csv ? d->wind_km_d / 86.4 : d->wind_km_d, d->par_mol_m2_d,
                             d->vprs_kPa, d->rhum_pct};
        int k = 0;
        while (k < 3 && !(v[k] < 0.0))
            k++;
        return agro_fail(ctx, AGRO_ERANGE, file, w->line[i], name[k],
                         k < 3 ? "negative (%g) on %04d-%02d-%02d: no %s is below 0"
                               : "%g %% outside [0, 100] on %04d-%02d-%02d: no %s is",
                         v[k], d->year, mo, dd,
                         k == 0 ? "wind run" : k == 1 ? "PAR" : k == 2 ? "vapour pressure"
                                                                        : "relative humidity");
    }
    int k = 0;
    while (k < 3 && !(w->flags[i] & req_bit[k]))
        k++;
    return agro_fail(ctx, AGRO_EMISSING, file, w->line[i], wx_required_names[w->csv != 0][k],
                     "missing value on %04d-%02d-%02d: this day cannot drive a simulation",
                     d->year, mo, dd);
}

int agro_weather_check(agro_ctx *ctx, const agro_weather *w, int32_t first, int32_t n)
{
    if (!w)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "no weather series");
    const char *file = w->source[0] ? w->source : w->station;
    if (first < 0 || n < 0 || first > w->n - n)
        return agro_fail(ctx, AGRO_ERANGE, file, 0, NULL,
                         "days %d..%lld requested but the series has %d days", first,
                         (long long)first + n - 1, w->n);
    /* one test of a day's refusal bits: a runner checks every day it steps */
    for (int32_t i = first; i < first + n; i++) {
        if (w->flags[i] & WX_REFUSED)
            return refused_day(ctx, file, w, i);
        if (i > first) {
            const agro_weather_day *d = &w->days[i];
            const agro_weather_day *p = &w->days[i - 1];
            if (wx_serial(d->year, d->doy) != wx_serial(p->year, p->doy) + 1) {
                int32_t mo = 0, dd = 0; /* for the message only */
                agro_doy_to_date(d->year, d->doy, &mo, &dd);
                return agro_fail(ctx, AGRO_EORDER, file, w->line[i], wx_date_name[w->csv != 0],
                                 "gap in the series: %04d-%02d-%02d follows day %d of %d", d->year,
                                 mo, dd, p->doy, p->year);
            }
        }
    }
    return AGRO_OK;
}

size_t agro_sizeof_weather_day(void) { return sizeof(agro_weather_day); }
size_t agro_sizeof_weather_info(void) { return sizeof(agro_weather_info); }
size_t agro_sizeof_site(void) { return sizeof(agro_site); }

int agro_weather_load(agro_ctx *ctx, const char *path, agro_weather **out)
{
    if (!out)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL, "no output pointer");
    *out = NULL;
    if (!path)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "no file name given");
    size_t len = strlen(path);
    const char *dot = strrchr(path, '.');
    if (dot && (strcmp(dot, ".csv") == 0 || strcmp(dot, ".CSV") == 0))
        return agro_weather_load_csv(ctx, path, out);
    /* .WTG: DSSAT's generated-weather files share the .WTH format */
    if (dot && len >= 4 &&
        (strcmp(dot, ".WTH") == 0 || strcmp(dot, ".wth") == 0 || strcmp(dot, ".WTG") == 0 ||
         strcmp(dot, ".wtg") == 0))
        return agro_weather_load_wth(ctx, path, out);
    return agro_fail(ctx, AGRO_EFORMAT, path, 0, NULL,
                     "unknown weather file type (expected .WTH, .WTG or .csv)");
}
