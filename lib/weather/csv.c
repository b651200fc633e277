/* The agrosim weather CSV format (docs/formats.md, "Weather CSV"): reader and writer. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal/c_locale.h"
#include "internal/date.h"
#include "internal/error.h"
#include "internal/file.h"
#include "internal/json.h"
#include "internal/text.h"
#include "weather/weather_impl.h"

#define CSV_MAXCOL 16
#define KMD_PER_MS 86.4 /* 1 m/s = 86.4 km/d */

enum { K_DATE, K_SRAD, K_TMAX, K_TMIN, K_RAIN, K_WIND, K_RHUM, K_TDEW, K_PAR, K_VPRS, K_N };

static const char *const col_names[K_N] = {"date",     "srad_MJ_m2_d", "tmax_C",       "tmin_C",
                                           "rain_mm",  "wind_m_s",     "rhum_pct",     "tdew_C",
                                           "par_mol_m2_d", "vprs_kPa"};

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = '\0';
    return s;
}

/* Split @p line in place at commas; returns the number of fields (or -1 if > max). */
static int split(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        if (n == max)
            return -1;
        char *c = strchr(p, ',');
        if (c)
            *c = '\0';
        f[n++] = trim(p);
        if (!c)
            break;
        p = c + 1;
    }
    return n;
}

/* "# key=value" metadata comments */
static int read_meta(agro_ctx *ctx, const char *file, long lno, char *text, agro_weather *w)
{
    char *eq = strchr(text, '=');
    if (!eq)
        return AGRO_OK; /* free comment */
    *eq = '\0';
    char *key = trim(text), *val = trim(eq + 1);
    if (strcmp(key, "station") == 0)
        return wx_set_station(ctx, w, val, strlen(val), file, lno, "station");
    double *dst = NULL, lo = 0, hi = 0;
    if (strcmp(key, "latitude_deg") == 0)
        dst = &w->info.latitude_deg, lo = -90, hi = 90;
    else if (strcmp(key, "longitude_deg") == 0)
        dst = &w->info.longitude_deg, lo = -180, hi = 360;
    else if (strcmp(key, "elevation_m") == 0)
        dst = &w->info.elevation_m, lo = -500, hi = 9000;
    else if (strcmp(key, "tav_C") == 0)
        dst = &w->info.tav_C, lo = -60, hi = 60;
    else if (strcmp(key, "amp_C") == 0)
        dst = &w->info.amp_C, lo = 0, hi = 80;
    else if (strcmp(key, "refht_m") == 0)
        dst = &w->info.refht_m, lo = 0.01, hi = 100;
    else if (strcmp(key, "wndht_m") == 0)
        dst = &w->info.wndht_m, lo = 0.01, hi = 100;
    if (!dst)
        return AGRO_OK; /* other comments with '=' are free text */
    char *end;
    double v = agro_strtod(val, &end);
    if (end == val || *end)
        return agro_fail(ctx, AGRO_EFORMAT, file, lno, key, "not a number (\"%s\")", val);
    if (!isfinite(v) || v < lo || v > hi)
        return agro_fail(ctx, AGRO_ERANGE, file, lno, key, "value %g outside [%g, %g]", v, lo, hi);
    *dst = v;
    return AGRO_OK;
}

static int parse_iso_date(agro_ctx *ctx, const char *file, long lno, const char *t, int32_t *year,
                          int32_t *doy)
{
    int y, m, d;
    if (!agro_text_has_shape(t, "9999-99-99") || sscanf(t, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return agro_fail(ctx, t[0] ? AGRO_EFORMAT : AGRO_EMISSING, file, lno, "date",
                         "expected YYYY-MM-DD (\"%s\")", t);
    if (y < 1) /* the library dates years 1-9999 (internal/date.h) */
        return agro_fail(ctx, AGRO_ERANGE, file, lno, "date",
                         "year 0 is not a year of the calendar (\"%s\")", t);
    if (agro_date_to_doy(y, m, d, doy))
        return agro_fail(ctx, AGRO_ERANGE, file, lno, "date", "no such date (\"%s\")", t);
    *year = y;
    return AGRO_OK;
}

int agro_weather_load_csv(agro_ctx *ctx, const char *path, agro_weather **out)
{
    char *text;
    size_t size;
    agro_weather *w;
    int rc = wx_read_start(ctx, path, out, 30, &text, &size, &w);
    if (rc)
        return rc;
    w->csv = 1;
    int map[CSV_MAXCOL]; /* field index -> K_* */
    int ncol = 0, have[K_N] = {0};
    long lno = 0;
    char *p = text, *end = text + size;
    while (p < end && rc == AGRO_OK) {
        /* the cancel point of a long file, as the .WTH reader's (every few thousand lines) */
        if ((rc = wx_cancel_point(ctx, path, lno)))
            break;
        size_t len;
        char *line = p;
        p += agro_text_line(p, (size_t)(end - p), &len);
        line[len] = '\0';
        lno++;
        char *t = trim(line);
        if (!*t)
            continue;
        if (*t == '#') {
            rc = read_meta(ctx, path, lno, t + 1, w);
            continue;
        }
        char *f[CSV_MAXCOL];
        int nf = split(t, f, CSV_MAXCOL);
        if (ncol == 0) { /* header line */
            if (nf < 0) {
                rc = agro_fail(ctx, AGRO_EFORMAT, path, lno, NULL, "more than %d columns",
                               CSV_MAXCOL);
                break;
            }
            for (int i = 0; i < nf && rc == AGRO_OK; i++) {
                int k = -1;
                for (int j = 0; j < K_N; j++)
                    if (strcmp(f[i], col_names[j]) == 0)
                        k = j;
                if (k < 0)
                    rc = agro_fail(ctx, AGRO_EKEY, path, lno, f[i],
                                   "unknown column (known: date, srad_MJ_m2_d, tmax_C, tmin_C, "
                                   "rain_mm, wind_m_s, rhum_pct, tdew_C, par_mol_m2_d, vprs_kPa)");
                else if (have[k])
                    rc = agro_fail(ctx, AGRO_EFORMAT, path, lno, f[i], "column named twice");
                else
                    have[k] = 1, map[i] = k;
            }
            for (int k = K_DATE; k <= K_RAIN && rc == AGRO_OK; k++)
                if (!have[k])
                    rc = agro_fail(ctx, AGRO_EMISSING, path, lno, col_names[k],
                                   "required column missing from the header line");
            ncol = nf;
            continue;
        }
        if (nf != ncol) {
            rc = agro_fail(ctx, AGRO_EFORMAT, path, lno, nf >= 0 && nf < ncol ? col_names[map[nf]] : NULL,
                           nf >= 0 && nf < ncol ? "truncated line: %d of %d fields"
                                                : "too many fields (header has %d)",
                           nf >= 0 && nf < ncol ? nf : ncol, ncol);
            break;
        }
        agro_weather_day d;
        wx_day_init(&d);
        int32_t flags = 0;
        for (int i = 0; i < nf && rc == AGRO_OK; i++) {
            int k = map[i];
            const char *c = f[i];
            if (k == K_DATE) {
                rc = parse_iso_date(ctx, path, lno, c, &d.year, &d.doy);
                continue;
            }
            int required = k <= K_RAIN;
            double v = NAN;
            int missing = !c[0] || strcmp(c, "NA") == 0;
            if (!missing) {
                char *e;
                v = agro_strtod(c, &e);
                if (e == c || *e) {
                    rc = agro_fail(ctx, AGRO_EFORMAT, path, lno, col_names[k],
                                   "not a number (\"%s\")", c);
                    break;
                }
                if (!isfinite(v)) {
                    rc = agro_fail(ctx, AGRO_ENUMERIC, path, lno, col_names[k],
                                   "non-finite value (\"%s\")", c);
                    break;
                }
                missing = v <= -99.0; /* the DSSAT missing code is accepted here too */
            }
            if (missing) {
                /* an empty optional cell is simply absent; everything else is counted */
                if (required || c[0])
                    w->info.n_missing++;
                if (required)
                    flags |= k == K_SRAD ? WX_MISSING_SRAD
                             : k == K_TMAX ? WX_MISSING_TMAX
                             : k == K_TMIN ? WX_MISSING_TMIN
                                           : WX_MISSING_RAIN;
                continue;
            }
            switch (k) {
            case K_SRAD: d.srad_MJ_m2_d = v; break;
            case K_TMAX: d.tmax_C = v; break;
            case K_TMIN: d.tmin_C = v; break;
            case K_RAIN: d.rain_mm = v; break;
            case K_WIND: d.wind_km_d = v * KMD_PER_MS; break;
            case K_RHUM: d.rhum_pct = v; break;
            case K_TDEW: d.tdew_C = v; break;
            case K_PAR: d.par_mol_m2_d = v; break;
            case K_VPRS: d.vprs_kPa = v; break;
            default: break;
            }
        }
        /* an optional value no air or sky has, as the .WTH reader flags it: refused by
           agro_weather_check, so that a bad day outside a season does not stop it */
        if (d.wind_km_d < 0.0 || d.par_mol_m2_d < 0.0 || d.vprs_kPa < 0.0 || d.rhum_pct < 0.0 ||
            d.rhum_pct > 100.0)
            flags |= WX_BAD_OPTIONAL;
        if (rc)
            break;
        if ((rc = wx_check_values(ctx, path, lno, &d, wx_required_names[1])))
            break;
        if (w->n > 0) {
            const agro_weather_day *q = &w->days[w->n - 1];
            int64_t a = wx_serial(q->year, q->doy), b = wx_serial(d.year, d.doy);
            if (b <= a) {
                rc = agro_fail(ctx, AGRO_EORDER, path, lno, "date",
                               b == a ? "date repeated (previous data line %d)"
                                      : "date goes backwards (previous data line %d)",
                               w->line[w->n - 1]);
                break;
            }
        }
        rc = wx_push(ctx, w, &d, (int32_t)lno, flags);
    }
    free(text);
    if (rc == AGRO_OK && ncol == 0)
        rc = agro_fail(ctx, AGRO_EFORMAT, path, lno, NULL,
                       "empty file: no header line (date,srad_MJ_m2_d,tmax_C,tmin_C,rain_mm)");
    else if (rc == AGRO_OK && w->n == 0)
        rc = agro_fail(ctx, AGRO_EMISSING, path, lno, "date", "no data lines");
    if (rc) {
        agro_weather_free(w);
        return rc;
    }
    return wx_read_done(ctx, w, path, out);
}

/* @p v (finite) with the shorter of 15 and 17 significant digits that reads back as the same
   double, so a series written and loaded again is the same series (generated weather
   included) */
static const char *exact(char b[32], double v)
{
    snprintf(b, 32, "%.15g", v);
    if (agro_strtod(b, NULL) != v)
        snprintf(b, 32, "%.17g", v);
    return b;
}

static void put_value(FILE *fp, double v, int required)
{
    char b[32];
    if (isfinite(v))
        fprintf(fp, ",%s", exact(b, v));
    else
        fputs(required ? ",NA" : ",", fp);
}

/* a "# key=value" metadata line, when @p v is known */
static void put_meta(FILE *fp, const char *key, double v)
{
    char b[32];
    if (isfinite(v))
        fprintf(fp, "# %s=%s\n", key, exact(b, v));
}

static int write_csv(agro_ctx *ctx, const agro_weather *w, const char *path)
{
    if (!w || !path)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL, "no series or file name");
    char tmp[4096];
    int rc = agro_check_cancel(ctx, path, "before writing");
    if (!rc)
        rc = agro_file_tmp_name(ctx, path, tmp, sizeof tmp);
    if (rc)
        return rc;
    FILE *fp = fopen(tmp, "w");
    if (!fp) {
        char eb[AGRO_ERRNO_TEXT_MAX];
        rc = agro_fail(ctx, AGRO_EIO, path, 0, NULL, "cannot write: %s",
                       agro_errno_text(errno, eb, sizeof eb));
        agro_file_discard(tmp, path);
        return rc;
    }
    int opt[K_N] = {0};
    for (int32_t i = 0; i < w->n; i++) {
        const agro_weather_day *d = &w->days[i];
        opt[K_WIND] |= isfinite(d->wind_km_d);
        opt[K_RHUM] |= isfinite(d->rhum_pct);
        opt[K_TDEW] |= isfinite(d->tdew_C);
        opt[K_PAR] |= isfinite(d->par_mol_m2_d);
        opt[K_VPRS] |= isfinite(d->vprs_kPa);
    }
    const agro_weather_info *in = &w->info;
    fprintf(fp, "# agrosim weather CSV (docs/formats.md)\n# station=%s\n", w->station);
    put_meta(fp, "latitude_deg", in->latitude_deg);
    put_meta(fp, "longitude_deg", in->longitude_deg);
    put_meta(fp, "elevation_m", in->elevation_m);
    put_meta(fp, "refht_m", in->refht_m);
    put_meta(fp, "wndht_m", in->wndht_m);
    /* TAV and AMP only as the source gave them (a .WTH header): the DSSAT runner reads the
       given ones, not those computed from the days, and a computed pair is computed again */
    put_meta(fp, "tav_C", w->tav_given_C);
    put_meta(fp, "amp_C", w->amp_given_C);
    fputs("date,srad_MJ_m2_d,tmax_C,tmin_C,rain_mm", fp);
    for (int k = K_WIND; k < K_N; k++)
        if (opt[k])
            fprintf(fp, ",%s", col_names[k]);
    fputc('\n', fp);
    for (int32_t i = 0; i < w->n; i++) {
        const agro_weather_day *d = &w->days[i];
        /* the cancel point of a long series: before each year's rows */
        if (d->doy == 1 && (rc = agro_check_cancel(ctx, path, "while writing")))
            break;
        int32_t mo = 1, dd = 1;
        agro_doy_to_date(d->year, d->doy, &mo, &dd);
        fprintf(fp, "%04d-%02d-%02d", d->year, mo, dd);
        /* a .WTH value agro_weather_check refuses is written NA, so the day stays refused (as a
           missing value): the CSV reader refuses such values at load, and a pair at 0.00 C would
           read back as a day that runs */
        const int32_t f = w->flags[i];
        const int bad_pair = (f & (WX_TMIN_ABOVE_TMAX | WX_ZERO_TEMPERATURES)) != 0;
        put_value(fp, f & WX_BAD_SRAD ? NAN : d->srad_MJ_m2_d, 1);
        put_value(fp, bad_pair ? NAN : d->tmax_C, 1);
        put_value(fp, bad_pair ? NAN : d->tmin_C, 1);
        put_value(fp, f & WX_NEGATIVE_RAIN ? NAN : d->rain_mm, 1);
        if (opt[K_WIND])
            put_value(fp, d->wind_km_d / KMD_PER_MS, 0);
        if (opt[K_RHUM])
            put_value(fp, d->rhum_pct, 0);
        if (opt[K_TDEW])
            put_value(fp, d->tdew_C, 0);
        if (opt[K_PAR])
            put_value(fp, d->par_mol_m2_d, 0);
        if (opt[K_VPRS])
            put_value(fp, d->vprs_kPa, 0);
        fputc('\n', fp);
    }
    /* and the last, before the old file is replaced */
    if (!rc)
        rc = agro_check_cancel(ctx, path, "while writing");
    if (rc) {
        fclose(fp);
        agro_file_discard(tmp, path);
        return rc;
    }
    return agro_file_finish(ctx, fp, 0, tmp, path);
}

/* numbers with '.' whatever the host's locale (internal/c_locale.h) */
int agro_weather_write_csv(agro_ctx *ctx, const agro_weather *w, const char *path)
{
    agro_c_locale l;
    agro_c_locale_begin(&l);
    const int rc = write_csv(ctx, w, path);
    agro_c_locale_end(&l);
    return rc;
}
