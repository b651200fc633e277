/* DSSAT .WTH reader (format: DSSAT v4 weather file documentation; reading rules of
 * DSSAT Weather/IPWTH_alt.for: columns located by their header name, values right-aligned
 * under it, -99 = missing, a YYDDD file's years by DATES.for's Y4K_DOY and Y2K_DOYW). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal/c_locale.h"
#include "internal/error.h"
#include "internal/json.h"
#include "internal/text.h"
#include "internal/weather.h"
#include "weather/weather_impl.h"

#define WTH_MAXCOL 32

typedef struct column {
    char name[16];
    size_t start, end; /* cell = line[start, end) */
} column;

typedef struct header {
    column col[WTH_MAXCOL];
    int n;
} header;

/* what each daily column feeds */
enum { C_IGNORE, C_DATE, C_SRAD, C_TMAX, C_TMIN, C_RAIN, C_TDEW, C_WIND, C_PAR, C_RHUM, C_VPRS };

static int column_kind(const char *name)
{
    static const struct {
        const char *name;
        int kind;
    } map[] = {{"DATE", C_DATE}, {"SRAD", C_SRAD}, {"TMAX", C_TMAX}, {"TMIN", C_TMIN},
               {"RAIN", C_RAIN}, {"DEWP", C_TDEW}, {"TDEW", C_TDEW}, {"WIND", C_WIND},
               {"PAR", C_PAR},   {"RHUM", C_RHUM}, {"VPRS", C_VPRS}, {"VAPR", C_VPRS}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(name, map[i].name) == 0)
            return map[i].kind;
    return C_IGNORE;
}

/* Split an '@' line into names; each column spans from the end of the previous name to the
 * end of its own (DSSAT right-aligns values under their header). */
static int parse_header(agro_ctx *ctx, const char *file, long lno, const char *line, size_t len,
                        header *h)
{
    h->n = 0;
    size_t i = 1, prev_end = 0;
    while (i < len) {
        while (i < len && isspace((unsigned char)line[i]))
            i++;
        if (i >= len)
            break;
        size_t s = i;
        while (i < len && !isspace((unsigned char)line[i]))
            i++;
        if (h->n == WTH_MAXCOL)
            return agro_fail(ctx, AGRO_ELIMIT, file, lno, NULL,
                             "more than %d columns in header", WTH_MAXCOL);
        column *c = &h->col[h->n++];
        size_t k = i - s < sizeof c->name - 1 ? i - s : sizeof c->name - 1;
        for (size_t j = 0; j < k; j++)
            c->name[j] = (char)agro_ascii_upper((unsigned char)line[s + j]);
        c->name[k] = '\0';
        c->start = prev_end;
        c->end = i;
        prev_end = i;
    }
    for (int a = 0; a < h->n; a++)
        for (int b = a + 1; b < h->n; b++)
            if (strcmp(h->col[a].name, h->col[b].name) == 0)
                return agro_fail(ctx, AGRO_EFORMAT, file, lno, h->col[b].name,
                                 "column named twice in header");
    return AGRO_OK;
}

static int find_col(const header *h, const char *name)
{
    for (int i = 0; i < h->n; i++)
        if (strcmp(h->col[i].name, name) == 0)
            return i;
    return -1;
}

/* Trimmed cell text of column @p c in @p line (may be empty) into @p buf; returns the cell's
 * whole length, which is >= n when it did not fit (the caller refuses it, never uses it cut). */
static size_t cell_text(const char *line, size_t len, const column *c, char *buf, size_t n)
{
    size_t s = c->start < len ? c->start : len, e = c->end < len ? c->end : len;
    while (s < e && isspace((unsigned char)line[s]))
        s++;
    while (e > s && isspace((unsigned char)line[e - 1]))
        e--;
    size_t k = e - s < n - 1 ? e - s : n - 1;
    memcpy(buf, line + s, k);
    buf[k] = '\0';
    return e - s;
}

/* A cell too long for its buffer: no number is that long, and a station name has its limit. */
static int cell_too_long(agro_ctx *ctx, const char *file, long lno, const char *name, size_t len)
{
    return agro_fail(ctx, AGRO_EFORMAT, file, lno, name, "cell of %zu characters is too long for a number", len);
}

/* Parse a whole cell as a number: 0 ok, 1 empty, -1 not a number. */
static int parse_number(const char *txt, double *v)
{
    if (!txt[0])
        return 1;
    char *end;
    *v = agro_strtod(txt, &end);
    return (end == txt || *end) ? -1 : 0;
}

/* The DSSAT missing code is -99; older files also fill non-negative quantities with the
 * all-nines pattern -9.9 (UCEA7801.WTH, SRAD on 78025). Temperatures of -9.9 are real. */
static int is_missing_code(const char *txt, double v, int nonneg)
{
    if (v <= -99.0)
        return 1;
    if (!nonneg || v >= 0.0)
        return 0;
    int digits = 0;
    for (const char *p = txt; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            if (*p != '9')
                return 0;
            digits++;
        }
    }
    return digits > 0;
}

typedef struct reader {
    agro_ctx *ctx;
    const char *file;
    agro_weather *w;
    int32_t near; /* YEARDOY the first YYDDD line is at or before (0: the cross-over year) */
} reader;

static int read_site(reader *r, const header *h, const char *line, size_t len, long lno)
{
    agro_weather_info *in = &r->w->info;
    char txt[AGRO_WEATHER_STATION_MAX];
    for (int i = 0; i < h->n; i++) {
        const column *c = &h->col[i];
        const size_t n = cell_text(line, len, c, txt, sizeof txt);
        if (strcmp(c->name, "INSI") == 0) {
            int rc = wx_set_station(r->ctx, r->w, txt, n, r->file, lno, "INSI");
            if (rc)
                return rc;
            continue;
        }
        double *dst = NULL, lo = -1e9, hi = 1e9;
        if (strcmp(c->name, "LAT") == 0)
            dst = &in->latitude_deg, lo = -90, hi = 90;
        else if (strcmp(c->name, "LONG") == 0)
            dst = &in->longitude_deg, lo = -180, hi = 360;
        else if (strcmp(c->name, "ELEV") == 0)
            dst = &in->elevation_m, lo = -500, hi = 9000;
        else if (strcmp(c->name, "TAV") == 0)
            dst = &in->tav_C, lo = -60, hi = 60;
        else if (strcmp(c->name, "AMP") == 0)
            dst = &in->amp_C, lo = 0, hi = 80;
        else if (strcmp(c->name, "REFHT") == 0)
            dst = &in->refht_m, lo = 0, hi = 100;
        else if (strcmp(c->name, "WNDHT") == 0)
            dst = &in->wndht_m, lo = 0, hi = 100;
        if (!dst)
            continue; /* CO2 and other station values are not used */
        if (n >= 64)
            return cell_too_long(r->ctx, r->file, lno, c->name, n);
        double v;
        int rc = parse_number(txt, &v);
        if (rc == 1)
            continue; /* blank: absent */
        if (rc < 0)
            return agro_fail(r->ctx, AGRO_EFORMAT, r->file, lno, c->name,
                             "not a number (\"%s\")", txt);
        if (!isfinite(v))
            return agro_fail(r->ctx, AGRO_ENUMERIC, r->file, lno, c->name,
                             "non-finite value (\"%s\")", txt);
        /* -99 = missing: keep the default (NaN, computed TAV/AMP, DSSAT heights). A longitude
         * of -99 is a real place (DSSAT itself flags a missing XLONG as <= -999). */
        if (dst == &in->longitude_deg ? v <= -999.0 : v <= -99.0)
            continue;
        /* DSSAT replaces non-positive heights by its defaults (IPWTH) */
        if ((dst == &in->refht_m || dst == &in->wndht_m) && v <= 0.0)
            continue;
        if (v < lo || v > hi)
            return agro_fail(r->ctx, AGRO_ERANGE, r->file, lno, c->name,
                             "value %g outside [%g, %g]", v, lo, hi);
        *dst = v;
    }
    return AGRO_OK;
}

/* @p prev is the day of the data line before, or NULL on the first one. */
static int parse_date(reader *r, const char *txt, long lno, const agro_weather_day *prev,
                      int32_t *year, int32_t *doy, int *carried)
{
    size_t n = strlen(txt);
    int ok = (n == 5 || n == 7);
    for (size_t i = 0; ok && i < n; i++)
        ok = isdigit((unsigned char)txt[i]) != 0;
    if (!ok)
        return agro_fail(r->ctx, txt[0] ? AGRO_EFORMAT : AGRO_EMISSING, r->file, lno, "DATE",
                         "expected YYDDD or YYYYDDD (\"%s\")", txt);
    long v = strtol(txt, NULL, 10);
    int32_t y = (int32_t)(v / 1000), d = (int32_t)(v % 1000);
    if (n == 5) {
        /* the first line by the cross-over year of Y4K_DOY (ModuleDefs/DATES.for), every later
           one in the century of the line before, the next century only after a year xx99
           (Y2K_DOYW, as IpWRec reads a YYDDD file): 35365 then 36001 is 2036, not 1936 */
        const int32_t yy = y, pivot = yy + (yy <= 35 ? 2000 : 1900);
        y = pivot;
        if (!prev && r->near > 0) {
            /* IpWRec: the century of the simulation start, one less when that puts the first
               record after it (a later yearly file: the century of its first day, Y2K_DOYW) */
            y = r->near / 100000 * 100 + yy;
            if (y * 1000L + d > r->near)
                y -= 100;
        } else if (prev) {
            y = prev->year / 100 * 100 + yy;
            if (yy < prev->year % 100 && prev->year % 100 == 99)
                y += 100;
        }
        *carried = y != pivot;
    }
    if (y < 1) /* "0000100": the library dates years 1-9999 (internal/date.h) */
        return agro_fail(r->ctx, AGRO_ERANGE, r->file, lno, "DATE",
                         "year 0 is not a year of the calendar (\"%s\")", txt);
    if (d < 1 || d > agro_days_in_year(y))
        return agro_fail(r->ctx, AGRO_ERANGE, r->file, lno, "DATE",
                         "day of year %d does not exist in %d (\"%s\")", d, y, txt);
    *year = y;
    *doy = d;
    return AGRO_OK;
}

/* Whether the characters right after column @p i's last one are one value that ends exactly at
 * the next column's last character: that column's value written full width, with no blank
 * before it, not a number of column @p i running on. */
static int fills_next(const header *h, int i, const char *line, size_t len)
{
    if (i + 1 >= h->n)
        return 0;
    size_t e = h->col[i].end;
    while (e < len && !isspace((unsigned char)line[e]))
        e++;
    return e == h->col[i + 1].end;
}

static int read_day(reader *r, const header *h, const int *kind, const char *line, size_t len,
                    long lno)
{
    agro_weather_day d;
    wx_day_init(&d);
    int32_t flags = 0;
    int carried = 0; /* a YYDDD year whose century came from the line before, not the cross-over */
    char txt[64];
    for (int i = 0; i < h->n; i++) {
        const column *c = &h->col[i];
        if (kind[i] == C_IGNORE)
            continue;
        const size_t n = cell_text(line, len, c, txt, sizeof txt);
        if (n >= sizeof txt)
            return cell_too_long(r->ctx, r->file, lno, c->name, n);
        if (kind[i] == C_DATE) {
            /* a date that runs on past its header's last column: "2001015" under "@DATE" gave
               "20010" and an SRAD of "15  25.1", refused naming SRAD */
            if (c->end < len && c->end > 0 && !isspace((unsigned char)line[c->end]) &&
                !isspace((unsigned char)line[c->end - 1]))
                return agro_fail(r->ctx, AGRO_EFORMAT, r->file, lno, c->name,
                                 "the date runs past its header's last column (%zu): values "
                                 "are right-aligned under their names, so a YYYYDDD date needs "
                                 "a 7-wide header such as \"@  DATE\"",
                                 c->end);
            const agro_weather_day *prev = r->w->n > 0 ? &r->w->days[r->w->n - 1] : NULL;
            int rc = parse_date(r, txt, lno, prev, &d.year, &d.doy, &carried);
            if (rc)
                return rc;
            continue;
        }
        /* a number that runs on past its header's last column: the cell holds its first part
           only ("119.55" under a 6-wide RAIN read as 119 mm, the rest dropped after the last
           column or taken by the next, optional, column as unreadable), as DSSAT's reads by
           header position would cut it; a letter there (the quality flag "50.0N" of
           UFGA7601.WTH) is no part of the number and stays ignored. Nor is the next column's
           own value when it fills that column to its last character ("-10.25100.25" under
           "  TMIN  RAIN" as "%6.2f" writes them), which DSSAT and this reader read right. */
        if (c->end < len && c->end > 0 && !isspace((unsigned char)line[c->end - 1]) &&
            (isdigit((unsigned char)line[c->end]) || line[c->end] == '.') &&
            !fills_next(h, i, line, len))
            return agro_fail(r->ctx, AGRO_EFORMAT, r->file, lno, c->name,
                             "the value runs past its header's last column (%zu): values are "
                             "right-aligned under their names, and the part under the name "
                             "(\"%s\") is not the whole number",
                             c->end, txt);
        int required = kind[i] >= C_SRAD && kind[i] <= C_RAIN;
        double v = NAN;
        int rc = parse_number(txt, &v);
        if (rc == 1) {
            if (required)
                return agro_fail(r->ctx, AGRO_EFORMAT, r->file, lno, c->name,
                                 len < c->end ? "truncated line: no value in this column"
                                              : "empty cell: no value in this column");
            continue;
        }
        if (rc < 0) {
            if (required)
                return agro_fail(r->ctx, AGRO_EFORMAT, r->file, lno, c->name,
                                 "not a number (\"%s\")", txt);
            /* unreadable optional cell (e.g. a quality flag glued to it): missing, as DSSAT */
            r->w->info.n_missing++;
            continue;
        }
        if (!isfinite(v))
            return agro_fail(r->ctx, AGRO_ENUMERIC, r->file, lno, c->name,
                             "non-finite value (\"%s\")", txt);
        int nonneg = kind[i] != C_TMAX && kind[i] != C_TMIN && kind[i] != C_TDEW;
        if (is_missing_code(txt, v, nonneg)) {
            r->w->info.n_missing++;
            if (required)
                flags |= kind[i] == C_SRAD ? WX_MISSING_SRAD
                         : kind[i] == C_TMAX ? WX_MISSING_TMAX
                         : kind[i] == C_TMIN ? WX_MISSING_TMIN
                                             : WX_MISSING_RAIN;
            continue;
        }
        switch (kind[i]) {
        case C_SRAD: d.srad_MJ_m2_d = v; break;
        case C_TMAX: d.tmax_C = v; break;
        case C_TMIN: d.tmin_C = v; break;
        case C_RAIN: d.rain_mm = v; break;
        case C_TDEW: d.tdew_C = v; break;
        case C_WIND: d.wind_km_d = v; break;
        case C_PAR: d.par_mol_m2_d = v; break;
        case C_RHUM: d.rhum_pct = v; break;
        case C_VPRS: d.vprs_kPa = v; break;
        default: break;
        }
    }
    /* DSSAT reads the daily records unchecked ("Data will be checked for errors when used",
       IPWTH_alt.for 16d9caf IpWRec) and its DailyWeatherCheck stops a run only on a day it
       simulates: SRAD < 0 or > 100 (error 2), RAIN < 0 (3), TMAX < TMIN (6). The file loads,
       the values stay as read, and agro_weather_check refuses the day, as it does a missing
       value, so a bad day years before a season does not stop that season. (NaN compares
       false: a missing value is flagged above, not here.) */
    if (d.srad_MJ_m2_d < 0.0 || d.srad_MJ_m2_d > 100.0)
        flags |= WX_BAD_SRAD;
    if (d.rain_mm < 0.0)
        flags |= WX_NEGATIVE_RAIN;
    if (d.tmin_C > d.tmax_C)
        flags |= WX_TMIN_ABOVE_TMAX;
    /* optional values no air or sky has (a negative -9.9 is a missing code, above): kept as
       read and refused by agro_weather_check, as the field's step would refuse the day */
    if (d.wind_km_d < 0.0 || d.par_mol_m2_d < 0.0 || d.vprs_kPa < 0.0 || d.rhum_pct < 0.0 ||
        d.rhum_pct > 100.0)
        flags |= WX_BAD_OPTIONAL;
    /* DSSAT runs a day of less than 0.1 MJ/m2/d with 0.1 and a warning (DSSAT-CSM 4.8
       Weather/IPWTH_alt.for 16d9caf, DailyWeatherCheck: IF (SRAD .LT. 0.1) SRAD = 0.1, after
       its errors), so a file's dark days drive agrosim as they drive DSSAT */
    if (d.srad_MJ_m2_d >= 0.0 && d.srad_MJ_m2_d < 0.1) {
        d.srad_MJ_m2_d = 0.1;
        flags |= WX_RAISED_SRAD;
        r->w->info.n_substituted++;
    }
    /* DSSAT stops on a day whose TMAX and TMIN both round to 0.00 C (DailyWeatherCheck error 4:
       NINT(TMAX*100) = 0 and NINT(TMIN*100) = 0), but only on a day it simulates (IpWRec: "Data
       will be checked for errors when used"), so the file loads and agro_weather_check refuses
       the day, as it does a missing value */
    if (fabs(d.tmax_C) * 100.0 < 0.5 && fabs(d.tmin_C) * 100.0 < 0.5)
        flags |= WX_ZERO_TEMPERATURES;
    if (flags & WX_BAD_DAY)
        r->w->info.n_bad_days++;
    if (r->w->n > 0) {
        const agro_weather_day *p = &r->w->days[r->w->n - 1];
        int64_t a = wx_serial(p->year, p->doy), b = wx_serial(d.year, d.doy);
        if (b == a)
            return agro_fail(r->ctx, AGRO_EORDER, r->file, lno, "DATE",
                             "date %d-%03d repeated (previous data line %d)", d.year, d.doy,
                             r->w->line[r->w->n - 1]);
        if (b < a)
            return agro_fail(r->ctx, AGRO_EORDER, r->file, lno, "DATE",
                             "date %d-%03d goes backwards (previous data line %d has %d-%03d)%s",
                             d.year, d.doy, r->w->line[r->w->n - 1], p->year, p->doy,
                             carried ? ": a YYDDD year stays in the century of the line before "
                                       "and moves to the next only after a year xx99, as "
                                       "DSSAT's Y2K_DOYW reads it"
                                     : "");
    }
    return wx_push(r->ctx, r->w, &d, (int32_t)lno, flags);
}

static int parse_text(reader *r, char *text, size_t size)
{
    header site = {0}, daily = {0};
    int kind[WTH_MAXCOL] = {0};
    int state = 0; /* 0 none, 1 after site header, 2 after daily header */
    long lno = 0;
    int site_seen = 0, any_content = 0;
    char *p = text, *end = text + size;
    while (p < end) {
        /* the cancel point of a long file (a 9000-year one takes seconds): every few thousand
           lines, not per line */
        int rc = wx_cancel_point(r->ctx, r->file, lno);
        if (rc)
            return rc;
        size_t len;
        char *line = p;
        p += agro_text_line(p, (size_t)(end - p), &len);
        lno++;
        while (len > 0 && line[len - 1] == '\x1a')
            len--; /* Ctrl-Z end-of-file mark of old DOS editors */
        size_t k = 0;
        while (k < len && isspace((unsigned char)line[k]))
            k++;
        if (k == len || line[k] == '!' || line[0] == '*' || line[0] == '$')
            continue;
        any_content = 1;
        if (line[0] == '@') {
            header h;
            rc = parse_header(r->ctx, r->file, lno, line, len, &h);
            if (rc)
                return rc;
            if (find_col(&h, "DATE") >= 0) {
                daily = h;
                state = 2;
                const char *const *need = wx_required_names[0];
                for (int i = 0; i < 4; i++)
                    if (find_col(&daily, need[i]) < 0)
                        return agro_fail(r->ctx, AGRO_EMISSING, r->file, lno, need[i],
                                         "required column missing from the daily header");
                for (int i = 0; i < daily.n; i++)
                    kind[i] = column_kind(daily.col[i].name);
            } else if (find_col(&h, "INSI") >= 0 || find_col(&h, "LAT") >= 0) {
                site = h;
                state = 1;
            } else {
                return agro_fail(r->ctx, AGRO_EFORMAT, r->file, lno, h.n ? h.col[0].name : "@",
                                 "header line is neither a station header (@ INSI LAT ...) "
                                 "nor a daily header (@DATE SRAD ...)");
            }
            continue;
        }
        if (state == 1) {
            rc = read_site(r, &site, line, len, lno);
            if (rc)
                return rc;
            site_seen = 1;
            state = 0;
            continue;
        }
        if (state != 2)
            return agro_fail(r->ctx, AGRO_EFORMAT, r->file, lno, NULL,
                             "data line before the daily header (@DATE SRAD TMAX TMIN RAIN)");
        rc = read_day(r, &daily, kind, line, len, lno);
        if (rc)
            return rc;
    }
    if (!any_content)
        return agro_fail(r->ctx, AGRO_EFORMAT, r->file, 0, NULL, "empty file: no header, no data");
    if (daily.n == 0)
        return agro_fail(r->ctx, AGRO_EMISSING, r->file, lno, "DATE",
                         "no daily header (@DATE SRAD TMAX TMIN RAIN) in the file");
    if (r->w->n == 0)
        return agro_fail(r->ctx, AGRO_EMISSING, r->file, lno, "DATE", "no daily data lines");
    (void)site_seen;
    return AGRO_OK;
}

int agro_weather_load_wth_near(agro_ctx *ctx, const char *path, int32_t near, agro_weather **out)
{
    char *text;
    size_t size;
    agro_weather *w;
    /* one line per day plus a few header lines: size/40 is a generous first guess */
    int rc = wx_read_start(ctx, path, out, 40, &text, &size, &w);
    if (rc)
        return rc;
    reader r = {ctx, path, w, near > 0 ? near : 0};
    rc = parse_text(&r, text, size);
    free(text);
    if (rc) {
        agro_weather_free(w);
        return rc;
    }
    return wx_read_done(ctx, w, path, out); /* no INSI: the station is named after the file */
}

int agro_weather_load_wth(agro_ctx *ctx, const char *path, agro_weather **out)
{
    return agro_weather_load_wth_near(ctx, path, 0, out);
}
