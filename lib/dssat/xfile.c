/*
 * DSSAT experiment (X) and end-of-season observation (A) file readers.
 *
 * Both formats are tables under `@` header lines inside `*` sections (DSSAT v4.8 file
 * conventions, ICASA data standards). Columns are located by the header token names, not by
 * fixed Fortran formats: each whitespace-separated data token goes to the header column it
 * overlaps most (numbers are right-aligned under their header, texts left-aligned); a token
 * that overlaps no header belongs to the nearest header (the right one on a tie), so tokens
 * beyond the last header extend the last (text) column. Texts with spaces (TNAME, CNAME …)
 * are joined. This reads every X file of the DSSAT 4.8 example set and tolerates columns
 * shifted by a character or two.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "agrosim/dssat.h"
#include "agrosim/soil_century.h"
#include "internal/c_locale.h"
#include "internal/dssat.h"
#include "internal/error.h"
#include "internal/json.h"
#include "internal/text.h"

#define XMAXCOL 40
#define XNAME 24

enum {
    SEC_NONE = 0,
    SEC_DETAILS,
    SEC_GENERAL,
    SEC_TREATMENTS,
    SEC_CULTIVARS,
    SEC_FIELDS,
    SEC_SOIL_ANALYSIS,
    SEC_INITIAL,
    SEC_PLANTING,
    SEC_IRRIGATION,
    SEC_FERTILIZERS,
    SEC_RESIDUES,
    SEC_CHEMICALS,
    SEC_TILLAGE,
    SEC_ENVIRONMENT,
    SEC_HARVEST,
    SEC_CONTROLS,
    SEC_DATA,       /* A file table */
    SEC_OTHER
};

typedef struct xhdr {
    int section;
    long line;
    int ncol;
    char name[XMAXCOL][XNAME];
    int beg[XMAXCOL], end[XMAXCOL]; /* 0-based inclusive columns of the header tokens */
} xhdr;

typedef struct xrow {
    int section;
    int hdr;      /* index into headers */
    long line;
    int level;    /* value of the first column (level / treatment number), -1 if not integer */
    char *cell[XMAXCOL];
    /* environment modifications: raw tokens after the level */
    int ntok;
    char *tok[24];
} xrow;

typedef struct xtrt {
    int32_t number, rotation, option, component;
    int32_t levels[13];
    long line;
    char name[64];
} xtrt;

struct agro_dssat_exp {
    char *path;
    char code[16];
    char crop[4];
    long code_line; /* line of the "*EXP..." line that gave the code (0: none) */
    char *arena; /* cell strings */
    size_t arena_len, arena_cap;
    xhdr *hdr;
    int nhdr, caphdr;
    xrow *row;
    int nrow, caprow;
    xtrt *trt;
    int ntrt;
    /* DSSAT's FirstWeatherDate (YEARDOY) of the weather file a treatment's dates are read
       against, 0 for none: set only on a copy (agro_dssat_treatment_get_weather) */
    int32_t first_weather_date;
};

static const char *const level_names[13] = {"CU", "FL", "SA", "IC", "MP", "MI", "MF",
                                            "MR", "MC", "MT", "ME", "MH", "SM"};

/* ------------------------------------------------------------------------------------ */
/* small helpers                                                                         */

static int section_of(const char *s)
{
    static const struct { const char *prefix; int id; } map[] = {
        {"EXP.DETAILS", SEC_DETAILS},      {"GENERAL", SEC_GENERAL},
        {"TREATMENTS", SEC_TREATMENTS},    {"CULTIVARS", SEC_CULTIVARS},
        {"FIELDS", SEC_FIELDS},            {"SOIL ANALYSIS", SEC_SOIL_ANALYSIS},
        {"INITIAL CONDITIONS", SEC_INITIAL}, {"PLANTING", SEC_PLANTING},
        {"IRRIGATION", SEC_IRRIGATION},    {"FERTILIZER", SEC_FERTILIZERS},
        {"RESIDUES", SEC_RESIDUES},        {"CHEMICAL", SEC_CHEMICALS},
        {"TILLAGE", SEC_TILLAGE},          {"ENVIRONMENT", SEC_ENVIRONMENT},
        {"HARVEST", SEC_HARVEST},          {"SIMULATION", SEC_CONTROLS},
        {"EXP", SEC_DATA}, /* A files: "*EXP. DATA (A):", "*EXP.DATA (A):", "*EXP:" */
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strncmp(s, map[i].prefix, strlen(map[i].prefix)) == 0)
            return map[i].id;
    return SEC_OTHER;
}

static char *arena_add(struct agro_dssat_exp *x, const char *s, size_t n)
{
    if (x->arena_len + n + 1 > x->arena_cap) {
        /* cells point into the arena by offset until the end of parsing (see fix_cells) */
        size_t cap = x->arena_cap ? x->arena_cap : 8192;
        while (cap < x->arena_len + n + 1)
            cap *= 2;
        char *na = realloc(x->arena, cap);
        if (!na)
            return NULL;
        x->arena = na;
        x->arena_cap = cap;
    }
    char *dst = x->arena + x->arena_len;
    memcpy(dst, s, n);
    dst[n] = '\0';
    x->arena_len += n + 1;
    /* store the offset + 1 (0 stays "no cell") as a pointer-sized integer */
    return (char *)(uintptr_t)(dst - x->arena + 1);
}

static void fix_cells(struct agro_dssat_exp *x)
{
    for (int r = 0; r < x->nrow; r++) {
        for (int c = 0; c < XMAXCOL; c++)
            if (x->row[r].cell[c])
                x->row[r].cell[c] = x->arena + ((uintptr_t)x->row[r].cell[c] - 1);
        for (int t = 0; t < x->row[r].ntok; t++)
            x->row[r].tok[t] = x->arena + ((uintptr_t)x->row[r].tok[t] - 1);
    }
}

/* Missing: empty, -99 (with or without decimals), or a lone "." (not measured: several DSSAT
 * observation files, e.g. IUAM9001.SBT, UFGA8701.SBT, write missing cells as "."). */
static int is_missing_text(const char *s)
{
    return !s || !*s || strcmp(s, "-99") == 0 || strcmp(s, "-99.") == 0 ||
           strcmp(s, "-99.0") == 0 || strcmp(s, ".") == 0;
}

/* Parse a number; missing (-99, ".", empty) gives NaN. Returns 0 or -1 (not a number). */
static int parse_number(const char *s, double *v)
{
    if (is_missing_text(s)) {
        *v = NAN;
        return 0;
    }
    char *end;
    double d = agro_strtod(s, &end);
    if (end == s || *end != '\0' || !isfinite(d))
        return -1;
    /* DSSAT writes missing as -99 with varying decimals */
    *v = (fabs(d + 99.0) < 1e-9) ? NAN : d;
    return 0;
}

/* DSSAT date YYDDD or YYYYDDD to YEARDOY; 0 for missing (-99, 0). Returns 0, -1 (malformed),
 * -2 (a day of year its year does not have: 0, or 366 of a common year; *out holds the
 * year * 1000 + day for the message) or -3 (more than 99 years after @p fwd). @p fwd: the first
 * day of a four-digit-year weather file (DSSAT's FirstWeatherDate), 0 for none. */
static int parse_date(const char *s, int32_t fwd, int32_t *out)
{
    *out = 0;
    if (is_missing_text(s))
        return 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || v < 0)
        return -1;
    if (v == 0)
        return 0;
    size_t digits = strlen(s);
    long year, doy = v % 1000;
    if (digits <= 5 && fwd > 0 && v <= 99365) {
        /* DSSAT's Y4K_DOY with a FirstWeatherDate: the date in the hundred years from the
           weather file's first day, an error past its 99th year (ModuleDefs/DATES.for) */
        long d = fwd / 100000 * 100000L + v;
        if (d < fwd)
            d = (fwd + 99000L) / 100000 * 100000L + v;
        *out = (int32_t)d;
        if (d > fwd + 99000L)
            return -3;
        year = d / 1000;
    } else if (digits <= 5) {
        long yy = v / 1000;
        year = yy <= 35 ? 2000 + yy : 1900 + yy; /* DSSAT Y4K_DOY cross-over year */
    } else if (digits == 7 && v >= 1000) {
        year = v / 1000; /* not year 0 ("0000100"): the library dates years 1-9999 */
    } else {
        return -1;
    }
    *out = (int32_t)(year * 1000 + doy);
    if (doy == 0 || doy > agro_days_in_year((int32_t)year))
        return -2;
    return 0;
}

/* A date with day of year 0 ("77000"): DSSAT's placeholder in irrigation rows, never reached. */
static int is_day_zero(const char *s)
{
    int32_t d;
    return s && parse_date(s, 0, &d) == -2 && d % 1000 == 0;
}

/* The message for parse_date's status @p bad on cell @p name holding @p s (*@p d its date). */
static int bad_date(agro_ctx *ctx, const char *path, long line, const char *name, const char *s,
                    int bad, int32_t d, int32_t fwd)
{
    if (bad == -3)
        return agro_fail(ctx, AGRO_ERANGE, path, line, name,
                         "%s is %d-%03d, more than 99 years after the first day of the weather "
                         "file (%d-%03d), where DSSAT's Y4K_DOY stops; write it as YYYYDDD",
                         s, (int)(d / 1000), (int)(d % 1000), (int)(fwd / 1000),
                         (int)(fwd % 1000));
    if (bad == -2)
        return agro_fail(ctx, AGRO_ERANGE, path, line, name,
                         "day of year %d does not exist in %d (%s)", (int)(d % 1000),
                         (int)(d / 1000), s);
    return agro_fail(ctx, AGRO_EFORMAT, path, line, name, "not a YYDDD or YYYYDDD date (%s)",
                     s ? s : "");
}

/* "FE005" -> 5, "IBI01" -> 1, "1" -> 1: letters then digits; missing -> @p missing. */
static int parse_code(const char *s, int32_t missing, int32_t *out)
{
    *out = missing;
    if (is_missing_text(s))
        return 0;
    size_t k = 0;
    while (isalpha((unsigned char)s[k]))
        k++;
    /* old (DSSAT v3) files write the bare number: "1" for FE001 */
    if ((k != 0 && k < 2) || !isdigit((unsigned char)s[k]))
        return -1;
    char *end;
    long v = strtol(s + k, &end, 10);
    if (*end != '\0' || v < 0 || v > INT32_MAX)
        return -1;
    *out = (int32_t)v;
    return 0;
}

/* ------------------------------------------------------------------------------------ */
/* table parsing                                                                         */

static void strip_dots(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '.')
        s[--n] = '\0';
    size_t k = 0;
    while (s[k] == '.')
        k++;
    if (k)
        memmove(s, s + k, strlen(s + k) + 1);
}

static int add_header(agro_ctx *ctx, struct agro_dssat_exp *x, int section, const char *line,
                      long lineno)
{
    if (x->nhdr == x->caphdr) {
        int cap = x->caphdr ? 2 * x->caphdr : 32;
        xhdr *nh = realloc(x->hdr, (size_t)cap * sizeof *nh);
        if (!nh)
            return agro_fail(ctx, AGRO_ENOMEM, x->path, lineno, NULL, "out of memory");
        x->hdr = nh;
        x->caphdr = cap;
    }
    xhdr *h = &x->hdr[x->nhdr];
    memset(h, 0, sizeof *h);
    h->section = section;
    h->line = lineno;
    int i = 1; /* skip '@' */
    int len = (int)strlen(line);
    /* the token glued to '@' (e.g. "@N", "@TRNO") is the first column */
    int first = 1;
    while (i < len) {
        if (isspace((unsigned char)line[i])) {
            i++;
            first = 0;
            continue;
        }
        int b = i;
        while (i < len && !isspace((unsigned char)line[i]))
            i++;
        if (h->ncol == XMAXCOL)
            return agro_fail(ctx, AGRO_ELIMIT, x->path, lineno, NULL,
                             "more than %d columns in a header", XMAXCOL);
        for (int k = b; k < i; k++)
            if (!isgraph((unsigned char)line[k]) || (unsigned char)line[k] >= 0x80)
                return agro_fail(ctx, AGRO_EFORMAT, x->path, lineno, NULL,
                                 "column name with a byte 0x%02x that is not printable ASCII "
                                 "at column %d", (unsigned)(unsigned char)line[k], k + 1);
        int c = h->ncol++;
        int n = i - b < XNAME - 1 ? i - b : XNAME - 1;
        memcpy(h->name[c], line + b, (size_t)n);
        h->name[c][n] = '\0';
        strip_dots(h->name[c]);
        h->beg[c] = first ? 0 : b;
        h->end[c] = i - 1;
        first = 0;
    }
    /* a name written twice in a table of the X file that is read: a value was looked up under
       the first column and the second column's dropped (PPOP twice: the emerged population PPOE
       of the second unread), where DSSAT, reading by position, reads both. Not in the A and T
       files (SEC_DATA), which DSSAT reads by header name (READA) and whose own data repeat
       "-99" as a header (Maize/GHWA0401.MZA: six of them); nor for a name that is no column
       name (starts with no letter, "-99"), which nothing looks up. */
    for (int a = 0; section != SEC_GENERAL && section != SEC_DETAILS && section != SEC_OTHER &&
                    section != SEC_DATA && a < h->ncol;
         a++)
        for (int b = a + 1; isalpha((unsigned char)h->name[a][0]) && b < h->ncol; b++)
            if (strcmp(h->name[a], h->name[b]) == 0)
                return agro_fail(ctx, AGRO_EFORMAT, x->path, lineno, h->name[b],
                                 "column named twice in the header (columns %d and %d)", a + 1,
                                 b + 1);
    x->nhdr++;
    return AGRO_OK;
}

static int hcol(const xhdr *h, const char *name)
{
    for (int c = 0; c < h->ncol; c++)
        if (strcmp(h->name[c], name) == 0)
            return c;
    return -1;
}

static int add_row(agro_ctx *ctx, struct agro_dssat_exp *x, int section, int hdr,
                   const char *line, long lineno)
{
    if (x->nrow == x->caprow) {
        int cap = x->caprow ? 2 * x->caprow : 256;
        xrow *nr = realloc(x->row, (size_t)cap * sizeof *nr);
        if (!nr)
            return agro_fail(ctx, AGRO_ENOMEM, x->path, lineno, NULL, "out of memory");
        x->row = nr;
        x->caprow = cap;
    }
    xrow *r = &x->row[x->nrow];
    memset(r, 0, sizeof *r);
    r->section = section;
    r->hdr = hdr;
    r->line = lineno;
    r->level = -1;
    const xhdr *h = &x->hdr[hdr];

    /* gather cell texts in a local buffer per column, then store */
    char cellbuf[XMAXCOL][256];
    int celllen[XMAXCOL];
    memset(celllen, 0, sizeof celllen);
    int len = (int)strlen(line);
    int i = 0;
    while (i < len) {
        if (isspace((unsigned char)line[i])) {
            i++;
            continue;
        }
        int b = i;
        while (i < len && !isspace((unsigned char)line[i]))
            i++;
        int e = i - 1;
        /* raw tokens (environment modifications are read token by token) */
        if (r->ntok < 24) {
            char *p = arena_add(x, line + b, (size_t)(i - b));
            if (!p)
                return agro_fail(ctx, AGRO_ENOMEM, x->path, lineno, NULL, "out of memory");
            r->tok[r->ntok++] = p;
        }
        int best = -1, best_ov = 0;
        for (int c = 0; c < h->ncol; c++) {
            int lo = b > h->beg[c] ? b : h->beg[c];
            int hi = e < h->end[c] ? e : h->end[c];
            int ov = hi - lo + 1;
            if (ov > best_ov) {
                best_ov = ov;
                best = c;
            }
        }
        if (best < 0) {
            /* in a gap: the nearest header; on a tie the right one (right alignment) */
            int best_d = 1 << 30;
            for (int c = 0; c < h->ncol; c++) {
                int d = b > h->end[c] ? b - h->end[c] : h->beg[c] - e;
                if (d <= best_d) {
                    best_d = d;
                    best = c;
                }
            }
        }
        if (best < 0)
            continue; /* header without columns */
        int n = i - b;
        if (celllen[best] + n + 2 >= (int)sizeof cellbuf[0])
            return agro_fail(ctx, AGRO_EFORMAT, x->path, lineno, h->name[best],
                             "value too long");
        if (celllen[best] > 0)
            cellbuf[best][celllen[best]++] = ' ';
        memcpy(cellbuf[best] + celllen[best], line + b, (size_t)n);
        celllen[best] += n;
    }
    for (int c = 0; c < h->ncol; c++) {
        if (celllen[c] == 0)
            continue;
        char *p = arena_add(x, cellbuf[c], (size_t)celllen[c]);
        if (!p)
            return agro_fail(ctx, AGRO_ENOMEM, x->path, lineno, NULL, "out of memory");
        r->cell[c] = p;
    }
    x->nrow++;
    return AGRO_OK;
}

/* Split the text into lines and build headers and rows. */
static int parse_tables(agro_ctx *ctx, struct agro_dssat_exp *x, char *text, size_t len)
{
    int section = SEC_NONE, hdr = -1;
    long lineno = 0;
    char *p = text, *const text_end = text + len;
    while (p < text_end) {
        size_t n;
        char *next = p + agro_text_line(p, (size_t)(text_end - p), &n);
        p[n] = '\0';
        lineno++;
        /* Ctrl-Z end-of-file mark of old DOS editors */
        while (n > 0 && (p[n - 1] == '\x1a' || isspace((unsigned char)p[n - 1])))
            p[--n] = '\0';
        for (size_t k = 0; k < n; k++)
            if (p[k] == '\t')
                p[k] = ' ';
        size_t lead = 0;
        while (p[lead] == ' ')
            lead++;
        if (n == 0 || p[lead] == '\0') {
            /* blank */
        } else if (p[0] == '!' || p[lead] == '!') {
            /* comment */
        } else if (p[0] == '*') {
            section = section_of(p + 1);
            hdr = -1;
            if (section == SEC_DETAILS || section == SEC_DATA) {
                /* "*EXP.DETAILS: UFGA8201MZ title" / "*EXP. DATA (A): UFGA8201MZ title" */
                const char *c = strchr(p, ':');
                if (c) {
                    c++;
                    while (*c == ' ')
                        c++;
                    char id[32];
                    size_t k = 0;
                    while (c[k] && !isspace((unsigned char)c[k]) && k < sizeof id - 1) {
                        id[k] = c[k];
                        k++;
                    }
                    id[k] = '\0';
                    if (k >= 10) {
                        memcpy(x->code, id, 8);
                        x->code[8] = '\0';
                        x->code_line = lineno;
                        x->crop[0] = id[8];
                        x->crop[1] = id[9];
                        x->crop[2] = '\0';
                    }
                }
            }
        } else if (section == SEC_NONE) {
            /* a table before any '*' section line would belong to no section and be skipped
             * without a word (a mangled first line of an A file drops every row) */
            return agro_fail(ctx, AGRO_EFORMAT, x->path, lineno, NULL,
                             "table line before the first '*' section line");
        } else if (p[0] == '@') {
            int rc = add_header(ctx, x, section, p, lineno);
            if (rc)
                return rc;
            hdr = x->nhdr - 1;
        } else if (section != SEC_GENERAL && section != SEC_DETAILS && section != SEC_OTHER) {
            if (hdr < 0)
                return agro_fail(ctx, AGRO_EFORMAT, x->path, lineno, NULL,
                                 "data line before any '@' header line");
            int rc = add_row(ctx, x, section, hdr, p, lineno);
            if (rc)
                return rc;
        }
        p = next;
    }
    fix_cells(x);
    /* levels: the first column of every row. A row without one would belong to no level and
     * be dropped without a word (a stray character before the number, a mangled '@' header),
     * so it is an error. */
    for (int r = 0; r < x->nrow; r++) {
        xrow *row = &x->row[r];
        const char *s = row->cell[0];
        const char *col = x->hdr[row->hdr].name[0];
        if (!s)
            return agro_fail(ctx, AGRO_EFORMAT, x->path, row->line, col,
                             "no level number under the first column");
        char *end;
        long v = strtol(s, &end, 10);
        if (end == s || *end != '\0' || v < INT32_MIN || v > INT32_MAX)
            return agro_fail(ctx, AGRO_EFORMAT, x->path, row->line, col,
                             "level number expected in the first column (%s)", s);
        row->level = (int)v;
    }
    return AGRO_OK;
}

/* ------------------------------------------------------------------------------------ */
/* typed access to rows                                                                  */

static const char *cell_of(const struct agro_dssat_exp *x, const xrow *r, const char *name)
{
    int c = hcol(&x->hdr[r->hdr], name);
    return c < 0 ? NULL : r->cell[c];
}

/* The cell as a message shows it: "" for a column the row's header does not have (a null
 * pointer must not reach "%s") */
static const char *cell_text(const struct agro_dssat_exp *x, const xrow *r, const char *name)
{
    const char *s = cell_of(x, r, name);
    return s ? s : "";
}

static int get_num(agro_ctx *ctx, const struct agro_dssat_exp *x, const xrow *r,
                   const char *name, double *v)
{
    const char *s = cell_of(x, r, name);
    if (parse_number(s, v))
        return agro_fail(ctx, AGRO_EFORMAT, x->path, r->line, name, "not a number (%s)", s);
    return AGRO_OK;
}

/* A non-negative integer (level, count); missing gives @p missing. */
static int get_count(agro_ctx *ctx, const struct agro_dssat_exp *x, const xrow *r,
                     const char *name, int32_t missing, int32_t *v)
{
    double d;
    int rc = get_num(ctx, x, r, name, &d);
    if (rc)
        return rc;
    if (!isfinite(d)) {
        *v = missing;
        return AGRO_OK;
    }
    if (d < 0 || d > INT32_MAX || d != floor(d))
        return agro_fail(ctx, AGRO_EFORMAT, x->path, r->line, name,
                         "must be a non-negative integer (%g)", d);
    *v = (int32_t)d;
    return AGRO_OK;
}

static int get_date(agro_ctx *ctx, const struct agro_dssat_exp *x, const xrow *r,
                    const char *name, int32_t *v)
{
    const char *s = cell_of(x, r, name);
    int bad = parse_date(s, x->first_weather_date, v);
    if (bad) {
        int32_t d = *v;
        *v = 0;
        return bad_date(ctx, x->path, r->line, name, s, bad, d, x->first_weather_date);
    }
    return AGRO_OK;
}

/* An event's IDATE, FDATE, RDATE or HDATE: a date (YYDDD, YYYYDDD; 0 when missing), or with the
 * option 'D' days after planting (DSSAT reads them as plain integers, Fert_Place.for and
 * IRRIG.for; -1 when missing, since day 0 is the planting day). */
static int get_event_day(agro_ctx *ctx, const struct agro_dssat_exp *x, const xrow *r,
                         const char *name, int32_t mode, int32_t *v)
{
    if (mode != 'D')
        return get_date(ctx, x, r, name, v);
    double d;
    const int bad = parse_number(cell_of(x, r, name), &d);
    if (bad || (isfinite(d) && (d < 0 || d > 3660 || d != floor(d))))
        return agro_fail(ctx, AGRO_EFORMAT, x->path, r->line, name,
                         "option D: days after planting must be an integer in 0..3660 (%s)",
                         cell_of(x, r, name));
    *v = isfinite(d) ? (int32_t)d : -1;
    return AGRO_OK;
}

static int get_code(agro_ctx *ctx, const struct agro_dssat_exp *x, const xrow *r,
                    const char *name, int32_t missing, int32_t *v)
{
    const char *s = cell_of(x, r, name);
    if (parse_code(s, missing, v))
        return agro_fail(ctx, AGRO_EFORMAT, x->path, r->line, name,
                         "not a DSSAT code like FE005 (%s)", s);
    return AGRO_OK;
}

/* A one-character option (Y, N, M, R …) as its upper-case ASCII code; missing leaves *v as it
 * is (the caller's default). Anything longer is an error, not its first letter: a value glued
 * to a neighbour or shifted under the wrong column must not pass as an option. */
static int get_letter(agro_ctx *ctx, const struct agro_dssat_exp *x, const xrow *r,
                      const char *name, int32_t *v)
{
    const char *s = cell_of(x, r, name);
    if (is_missing_text(s))
        return AGRO_OK;
    if (s[1] != '\0' || !isalnum((unsigned char)s[0]))
        return agro_fail(ctx, AGRO_EFORMAT, x->path, r->line, name,
                         "expected a one-letter option (%s)", s);
    *v = (int32_t)(unsigned char)agro_ascii_upper((unsigned char)s[0]);
    return AGRO_OK;
}

/* Rows of @p section at @p level whose header has column @p col. */
static int find_rows(const struct agro_dssat_exp *x, int section, const char *col, int level,
                     const xrow **out, int max)
{
    int n = 0;
    for (int r = 0; r < x->nrow; r++) {
        const xrow *row = &x->row[r];
        if (row->section != section || row->level != level)
            continue;
        if (hcol(&x->hdr[row->hdr], col) < 0)
            continue;
        if (n < max)
            out[n] = row;
        n++;
    }
    return n;
}

static const xrow *find_row(const struct agro_dssat_exp *x, int section, const char *col,
                            int level)
{
    const xrow *r = NULL;
    return find_rows(x, section, col, level, &r, 1) > 0 ? r : NULL;
}

/* 1 when the text did not fit @p n (@p dst then holds it truncated) */
static int copy_text(char *dst, size_t n, const char *s)
{
    if (!dst || n == 0)
        return 0;
    const int w = snprintf(dst, n, "%s", s && !is_missing_text(s) ? s : "");
    return w < 0 || (size_t)w >= n;
}

/* ------------------------------------------------------------------------------------ */
/* treatments                                                                            */

static int read_treatments(agro_ctx *ctx, struct agro_dssat_exp *x)
{
    int n = 0;
    for (int r = 0; r < x->nrow; r++)
        if (x->row[r].section == SEC_TREATMENTS)
            n++;
    if (n == 0)
        return agro_fail(ctx, AGRO_EMISSING, x->path, 0, "*TREATMENTS",
                         "no treatment found");
    x->trt = calloc((size_t)n, sizeof *x->trt);
    if (!x->trt)
        return agro_fail(ctx, AGRO_ENOMEM, x->path, 0, NULL, "out of memory");
    for (int r = 0; r < x->nrow; r++) {
        const xrow *row = &x->row[r];
        if (row->section != SEC_TREATMENTS)
            continue;
        xtrt *t = &x->trt[x->ntrt];
        const xhdr *h = &x->hdr[row->hdr];
        if (hcol(h, "CU") < 0 || hcol(h, "SM") < 0)
            return agro_fail(ctx, AGRO_EFORMAT, x->path, h->line, "*TREATMENTS",
                             "header lacks the factor-level columns CU..SM");
        if (row->level < 1)
            return agro_fail(ctx, AGRO_EFORMAT, x->path, row->line, "N",
                             "treatment number must be a positive integer (%s)",
                             row->cell[0] ? row->cell[0] : "");
        t->number = row->level;
        t->line = row->line;
        const char *rot[3] = {"R", "O", "C"};
        int32_t *dst[3] = {&t->rotation, &t->option, &t->component};
        for (int k = 0; k < 3; k++) {
            int rc = get_count(ctx, x, row, rot[k], 0, dst[k]);
            if (rc)
                return rc;
        }
        for (int k = 0; k < 13; k++) {
            /* DSSAT's fixed-format READ pads a short line with blanks and reads them as level
               0 (IPEXP), so a treatment line cut after MP ran without its fertiliser and its
               simulation controls, without a word; every DSSAT-written line has all 13 */
            if (!cell_of(x, row, level_names[k]))
                return agro_fail(ctx, AGRO_EMISSING, x->path, row->line, level_names[k],
                                 "treatment %d: no factor level under this column (a line cut "
                                 "short?); write 0 for none", (int)row->level);
            int rc = get_count(ctx, x, row, level_names[k], 0, &t->levels[k]);
            if (rc)
                return rc;
        }
        (void)copy_text(t->name, sizeof t->name, cell_of(x, row, "TNAME"));
        for (int k = 0; k < x->ntrt; k++)
            if (x->trt[k].number == t->number)
                return agro_fail(ctx, AGRO_EORDER, x->path, row->line, "N",
                                 "treatment %d defined twice (first on line %ld)",
                                 (int)t->number, x->trt[k].line);
        x->ntrt++;
    }
    return AGRO_OK;
}

static const xtrt *find_trt(const struct agro_dssat_exp *x, int32_t number)
{
    for (int k = 0; k < x->ntrt; k++)
        if (x->trt[k].number == number)
            return &x->trt[k];
    return NULL;
}

static int missing_level(agro_ctx *ctx, const struct agro_dssat_exp *x, const xtrt *t, int k,
                         const char *section)
{
    return agro_fail(ctx, AGRO_ENOTFOUND, x->path, t->line, level_names[k],
                     "treatment %d names level %d but %s has no such level", (int)t->number,
                     (int)t->levels[k], section);
}

/* AGRO_ELIMIT "more than MAX WHAT" at the first row past @p max when @p n rows were found. */
static int too_many_rows(agro_ctx *ctx, const struct agro_dssat_exp *x, const xrow *const *rows,
                         int n, int max, const char *col, const char *what)
{
    if (n > max)
        return agro_fail(ctx, AGRO_ELIMIT, x->path, rows[max]->line, col, "more than %d %s", max,
                         what);
    return AGRO_OK;
}

/*
 * The *n event rows (rows with column @p col) of treatment level t->levels[@p k] of a section:
 * at least one, else the level is missing from @p section_name, and at most @p max. @p ev holds
 * room for max + 1 rows.
 */
static int event_rows(agro_ctx *ctx, const struct agro_dssat_exp *x, const xtrt *t, int k,
                      int section, const char *section_name, const char *col, int max,
                      const char *what, const xrow **ev, int *n)
{
    *n = find_rows(x, section, col, t->levels[k], ev, max + 1);
    if (*n == 0)
        return missing_level(ctx, x, t, k, section_name);
    return too_many_rows(ctx, x, ev, *n, max, col, what);
}

/*
 * The automatic-irrigation rows (IMDEP header) of simulation-controls level @p lv: DSSAT 4.8
 * reads every row of the level, one per growth stage, with the water available (AVWAT, -99
 * none) and the minimum interval (IFREQ, blank 0) after IREFF (InputModule IPEXP.for; used
 * by IRRIG.for). The first row also fills the auto_irr_* fields. (The runner checks the
 * stages of later rows, which only IRRIG A, F, E and T read.)
 */
static int fill_auto_irrigation(agro_ctx *ctx, const struct agro_dssat_exp *x, int lv,
                                agro_dssat_treatment *o)
{
    const xrow *rows[AGRO_DSSAT_MAX_AUTO_IRR_ROWS + 1];
    int n = find_rows(x, SEC_CONTROLS, "IMDEP", lv, rows, AGRO_DSSAT_MAX_AUTO_IRR_ROWS + 1);
    int rc;
    if ((rc = too_many_rows(ctx, x, rows, n, AGRO_DSSAT_MAX_AUTO_IRR_ROWS, "IMDEP",
                            "automatic irrigation rows")))
        return rc;
    for (int k = 0; k < n; k++) {
        const xrow *r = rows[k];
        int32_t stage = -1, method = 0, freq = 0;
        double depth, lo, hi, amount, eff, water;
        if ((rc = get_num(ctx, x, r, "IMDEP", &depth)) ||
            (rc = get_num(ctx, x, r, "ITHRL", &lo)) || (rc = get_num(ctx, x, r, "ITHRU", &hi)) ||
            (rc = get_code(ctx, x, r, "IROFF", -1, &stage)) ||
            (rc = get_code(ctx, x, r, "IMETH", 0, &method)) ||
            (rc = get_num(ctx, x, r, "IRAMT", &amount)) ||
            (rc = get_num(ctx, x, r, "IREFF", &eff)) ||
            (rc = get_num(ctx, x, r, "AVWAT", &water)) ||
            (rc = get_count(ctx, x, r, "IFREQ", 0, &freq)))
            return rc;
        if (isfinite(water) && water < 0)
            return agro_fail(ctx, AGRO_EFORMAT, x->path, r->line, "AVWAT",
                             "water available for irrigation must be >= 0 mm or -99 (%g)", water);
        if (k == 0) {
            o->auto_irr_depth_cm = depth;
            o->auto_irr_threshold_pct = lo;
            o->auto_irr_target_pct = hi;
            o->auto_irr_end_stage = stage;
            o->auto_irr_method = method;
            o->auto_irr_amount_mm = amount;
            o->auto_irr_efficiency = eff;
        }
        o->auto_irr_row_stage[k] = stage;
        o->auto_irr_row_interval_d[k] = freq;
        o->auto_irr_row_depth_cm[k] = depth;
        o->auto_irr_row_threshold_pct[k] = lo;
        o->auto_irr_row_target_pct[k] = hi;
        o->auto_irr_row_amount_mm[k] = amount;
        o->auto_irr_row_efficiency[k] = eff;
        o->auto_irr_row_water_mm[k] = water;
    }
    o->n_auto_irr_rows = n;
    return AGRO_OK;
}

/* A METHODS column that IPSIM reduces to two values: @p keep when the file says so, else the
 * default already in @p v (an absent column or blank included). */
static int method_letter(agro_ctx *ctx, const struct agro_dssat_exp *x, int lv, const char *col,
                         int32_t keep, int32_t *v)
{
    const xrow *r = find_row(x, SEC_CONTROLS, col, lv);
    int32_t c = 0;
    int rc = r ? get_letter(ctx, x, r, col, &c) : AGRO_OK;
    if (rc == AGRO_OK && c == keep)
        *v = keep;
    return rc;
}

static int fill_controls(agro_ctx *ctx, const struct agro_dssat_exp *x, const xtrt *t,
                         agro_dssat_treatment *o)
{
    int lv = t->levels[12];
    const xrow *r;
    int rc;
    o->water = 'Y';
    o->nitrogen = 'Y';
    o->plant_mode = 'R';
    o->irrig_mode = 'R';
    o->fert_mode = 'R';
    o->residue_mode = 'R';
    o->harvest_mode = 'M';
    o->co2_option = 'M';
    o->evap_method = 'S';
    o->infil_method = 'S';
    o->temp_method = 'D';
    o->ghg_method = '0';
    o->pet_method = 'R';
    o->weather_method = 'M';
    o->start_mode = 'S';
    o->soil_layering = 2;
    o->n_years = 1;
    if (lv == 0)
        return AGRO_OK; /* DSSAT default controls; SDATE falls back to the planting date */
    if (!(r = find_row(x, SEC_CONTROLS, "SDATE", lv)))
        return missing_level(ctx, x, t, 12, "*SIMULATION CONTROLS");
    o->line_controls = (int32_t)r->line;
    if ((rc = get_date(ctx, x, r, "SDATE", &o->start_date)))
        return rc;
    if ((rc = get_count(ctx, x, r, "NYERS", 1, &o->n_years)))
        return rc;
    if ((rc = get_letter(ctx, x, r, "START", &o->start_mode)))
        return rc;
    /* SMODEL: DSSAT runs the model the X file names when it is one of the crop's (IPSIM.for
       MODEL_NAME, ValidModel: MZCER or MZIXM for maize; anything else falls back to MZCER) */
    const char *smodel = cell_of(x, r, "SMODEL");
    if (smodel && agro_ascii_ncasecmp(smodel, "MZIXM", 5) == 0)
        return agro_fail(ctx, AGRO_ERANGE, x->path, r->line, "SMODEL",
                         "%s: DSSAT would run the IXIM maize model (MZIXM048.CUL); agrosim "
                         "simulates CERES-Maize only (SMODEL blank or MZCER)", smodel);
    /* PHOSP … TILL, MESOM are kept as written (0 when absent): agro_dssat_treatment.ignored
     * reads them */
    if ((r = find_row(x, SEC_CONTROLS, "WATER", lv)) &&
        ((rc = get_letter(ctx, x, r, "WATER", &o->water)) ||
         (rc = get_letter(ctx, x, r, "NITRO", &o->nitrogen)) ||
         (rc = get_letter(ctx, x, r, "CO2", &o->co2_option)) ||
         (rc = get_letter(ctx, x, r, "PHOSP", &o->phosphorus)) ||
         (rc = get_letter(ctx, x, r, "POTAS", &o->potassium)) ||
         (rc = get_letter(ctx, x, r, "DISES", &o->diseases)) ||
         (rc = get_letter(ctx, x, r, "CHEM", &o->chemicals)) ||
         (rc = get_letter(ctx, x, r, "TILL", &o->tillage))))
        return rc;
    /* no water balance, no N or P balance (DSSAT IPSIM: ISWWAT N sets ISWNIT and ISWPHO N) */
    if (o->water == 'N') {
        o->nitrogen = 'N';
        if (o->phosphorus)
            o->phosphorus = 'N';
    }
    if ((r = find_row(x, SEC_CONTROLS, "MESOM", lv)) &&
        (rc = get_letter(ctx, x, r, "MESOM", &o->som_method)))
        return rc;
    /* NSWIT 5, 6 and 8 switch off nitrification, denitrification and NH3 volatilisation from
       the soil in DSSAT-CSM 4.8 (SoilNi.for, Denit_Ceres.for, OXLAYER.for), which agrosim always
       simulates; 7 (floodwater NH3) acts only on a flood, which agrosim does not simulate
       (AGRO_DSSAT_IGNORED_WATER_TABLE); other numbers change nothing in DSSAT */
    if ((r = find_row(x, SEC_CONTROLS, "NSWIT", lv))) {
        int32_t nswit = 1;
        if ((rc = get_count(ctx, x, r, "NSWIT", 1, &nswit)))
            return rc;
        static const char *const off[] = {"nitrification", "denitrification", "",
                                          "NH3 volatilisation from the soil"};
        if (o->nitrogen != 'N' && (nswit == 5 || nswit == 6 || nswit == 8))
            return agro_fail(ctx, AGRO_ERANGE, x->path, r->line, "NSWIT",
                             "%d switches off %s in DSSAT-CSM 4.8; agrosim simulates every N "
                             "process (NSWIT 1)", (int)nswit, off[nswit - 5]);
    }
    /* INFIL as written: a blank is no mulch effects (DSSAT IPSIM does not replace it) */
    if ((r = find_row(x, SEC_CONTROLS, "INFIL", lv))) {
        o->infil_method = 0;
        if ((rc = get_letter(ctx, x, r, "INFIL", &o->infil_method)))
            return rc;
    }
    if ((r = find_row(x, SEC_CONTROLS, "MESEV", lv))) {
        if ((rc = get_letter(ctx, x, r, "MESEV", &o->evap_method)))
            return rc;
        if (o->evap_method != 'S' && o->evap_method != 'R')
            return agro_fail(ctx, AGRO_EFORMAT, x->path, r->line, "MESEV",
                             "soil evaporation method must be S or R (%c)", (char)o->evap_method);
    }
    /* EVAPO and WTHER as written (a blank keeps DSSAT's R and M): the runner simulates R and M
       only, and notes any other letter (AGRO_DSSAT_IGNORED_METHODS) */
    if ((r = find_row(x, SEC_CONTROLS, "EVAPO", lv)) &&
        ((rc = get_letter(ctx, x, r, "EVAPO", &o->pet_method)) ||
         (rc = get_letter(ctx, x, r, "WTHER", &o->weather_method))))
        return rc;
    /* METMP, MEGHG: IPSIM keeps E and 1 and makes every other letter D and 0 */
    if ((rc = method_letter(ctx, x, lv, "METMP", 'E', &o->temp_method)) ||
        (rc = method_letter(ctx, x, lv, "MEGHG", '1', &o->ghg_method)))
        return rc;
    if ((r = find_row(x, SEC_CONTROLS, "MESOL", lv))) {
        int32_t c = 0;
        if ((rc = get_letter(ctx, x, r, "MESOL", &c)))
            return rc;
        if (c) {
            if (c < '1' || c > '3')
                return agro_fail(ctx, AGRO_EFORMAT, x->path, r->line, "MESOL",
                                 "soil layering method must be 1, 2 or 3 (%c)", (char)c);
            o->soil_layering = c - '0';
        }
    }
    if ((r = find_row(x, SEC_CONTROLS, "PLANT", lv)) &&
        ((rc = get_letter(ctx, x, r, "PLANT", &o->plant_mode)) ||
         (rc = get_letter(ctx, x, r, "IRRIG", &o->irrig_mode)) ||
         (rc = get_letter(ctx, x, r, "FERTI", &o->fert_mode)) ||
         (rc = get_letter(ctx, x, r, "RESID", &o->residue_mode)) ||
         (rc = get_letter(ctx, x, r, "HARVS", &o->harvest_mode))))
        return rc;
    if ((r = find_row(x, SEC_CONTROLS, "PFRST", lv))) {
        if ((rc = get_date(ctx, x, r, "PFRST", &o->plant_first)) ||
            (rc = get_date(ctx, x, r, "PLAST", &o->plant_last)) ||
            (rc = get_num(ctx, x, r, "PH2OL", &o->plant_h2o_low_pct)) ||
            (rc = get_num(ctx, x, r, "PH2OU", &o->plant_h2o_high_pct)) ||
            (rc = get_num(ctx, x, r, "PH2OD", &o->plant_h2o_depth_cm)) ||
            (rc = get_num(ctx, x, r, "PSTMX", &o->plant_tmax_C)) ||
            (rc = get_num(ctx, x, r, "PSTMN", &o->plant_tmin_C)))
            return rc;
    }
    if ((rc = fill_auto_irrigation(ctx, x, lv, o)))
        return rc;
    if ((r = find_row(x, SEC_CONTROLS, "NMDEP", lv))) {
        if ((rc = get_num(ctx, x, r, "NMDEP", &o->auto_n_depth_cm)) ||
            (rc = get_num(ctx, x, r, "NMTHR", &o->auto_n_threshold_pct)) ||
            (rc = get_num(ctx, x, r, "NAMNT", &o->auto_n_amount_kg_ha)) ||
            (rc = get_code(ctx, x, r, "NCODE", 0, &o->auto_n_material)))
            return rc;
    }
    if ((r = find_row(x, SEC_CONTROLS, "HFRST", lv))) {
        /* HFRST is DSSAT's HDLAY, days after maturity (IPEXP reads it as an integer) */
        if ((rc = get_count(ctx, x, r, "HFRST", 0, &o->harvest_first)) ||
            (rc = get_date(ctx, x, r, "HLAST", &o->harvest_last)) ||
            (rc = get_num(ctx, x, r, "HPCNP", &o->harvest_pct_product)) ||
            (rc = get_num(ctx, x, r, "HPCNR", &o->harvest_pct_residue)))
            return rc;
    }
    return AGRO_OK;
}

/* Residue chemistry of the previous crop by crop code CR, in file order: RCN, RCP (N and P of
 * its roots, %), SCN, SCP (of its shoots, %), PRLIG (lignin fraction of its roots, which DSSAT's
 * CENTURY also gives the initial shoot residue) (DSSAT-CSM Data/StandardData/RESCH048.SDA,
 * @VERSION 4.8.5.0; 2024-12-01) */
enum { RES_RCN, RES_RCP, RES_SCN, RES_SCP, RES_PRLIG, RES_N };
static const struct {
    char crop[3];
    double v[RES_N];
} residue_by_crop[] = {
    /* decomposed crop residue */
    {"DC", {0.25, 0.02, 0.40, 0.04, 0.30}},
    /* legumes */
    {"CP", {0.75, 0.06, 1.20, 0.27, 0.18}}, {"MC", {2.00, 0.18, 3.00, 0.70, 0.12}},
    {"PN", {0.75, 0.06, 1.20, 0.25, 0.18}}, {"PP", {2.00, 0.18, 3.60, 0.25, 0.25}},
    {"SB", {0.75, 0.18, 1.20, 0.70, 0.21}}, {"AL", {2.40, 0.06, 3.60, 0.21, 0.10}},
    {"CH", {0.75, 0.06, 1.20, 0.25, 0.18}}, {"FB", {1.20, 0.09, 1.90, 0.40, 0.15}},
    {"PE", {1.20, 0.09, 1.90, 0.40, 0.13}},
    /* cereals */
    {"ML", {0.90, 0.16, 1.10, 0.32, 0.10}}, {"MZ", {0.90, 0.16, 1.10, 0.32, 0.10}},
    {"SG", {0.90, 0.10, 1.10, 0.20, 0.10}}, {"WH", {0.50, 0.08, 0.59, 0.16, 0.10}},
    {"BA", {1.50, 0.27, 1.90, 0.54, 0.06}}, {"RI", {0.60, 0.10, 0.75, 0.10, 0.07}},
    /* grasses */
    {"BH", {0.90, 0.06, 1.10, 0.13, 0.11}}, {"BG", {0.90, 0.06, 1.10, 0.13, 0.11}},
    {"SI", {0.90, 0.06, 1.10, 0.13, 0.16}}, {"BR", {0.90, 0.06, 1.10, 0.13, 0.08}},
    /* other: bush fallow, sugarcane, pineapple, cassava */
    {"BF", {0.90, 0.09, 1.10, 0.19, 0.24}}, {"SC", {0.30, 0.01, 0.34, 0.03, 0.11}},
    {"PI", {0.90, 0.04, 0.88, 0.08, 0.15}}, {"CS", {1.59, 0.15, 1.56, 0.10, 0.15}},
};
/* the file's first row, RE001 "Generic crop residue" (RESCH048.SDA, as above) */
static const double residue_generic[RES_N] = {0.90, 0.09, 1.10, 0.20, 0.15};

/* Residue types of RESCH048.SDA (as above), in file order: RETYP number, crop code CR ("" for
 * "--"), AM (cm²/g), WATFAC (kg/kg), EXTFAC, PSLIG, SCN %, SCP %, PRLIG (sub-surface lignin
 * fraction; -99 in the file for the manures and compost) */
static const struct {
    int32_t code;
    char crop[3];
    double am, watfac, extfac, pslig, scn, scp, prlig;
} residue_by_type[] = {
    {1, "", 37, 3.8, 0.80, 0.10, 1.10, 0.20, 0.15},
    {101, "", 32, 3.8, 0.50, 0.12, 1.20, 0.25, 0.18},
    {201, "", 37, 3.5, 0.85, 0.08, 1.10, 0.32, 0.10},
    {301, "", 40, 3.5, 0.80, 0.07, 1.10, 0.13, 0.11},
    {999, "DC", 32, 3.8, 0.80, 0.20, 0.40, 0.04, 0.30},
    {2, "", 70, 3.8, 0.50, 0.08, 4.00, 0.25, -99},
    {3, "", 10, 3.8, 0.80, 0.07, 4.80, 0.67, -99},
    {4, "", 140, 3.8, 0.50, 0.02, 5.00, 1.60, -99},
    {5, "", 32, 3.8, 0.80, 0.10, 1.00, 0.17, -99},
    {6, "", 4, 1.0, 0.94, 0.20, 0.40, 0.04, -99},
    {102, "CP", 32, 3.8, 0.50, 0.12, 1.20, 0.27, 0.18},
    {103, "MC", 32, 3.8, 0.50, 0.08, 3.00, 0.70, 0.12},
    {104, "PN", 32, 3.8, 0.50, 0.12, 1.20, 0.25, 0.18},
    {105, "PP", 32, 3.8, 0.50, 0.16, 3.60, 0.25, 0.25},
    {106, "SB", 32, 3.8, 0.50, 0.13, 1.20, 0.70, 0.21},
    {107, "AL", 32, 3.8, 0.50, 0.08, 3.60, 0.21, 0.10},
    {108, "CH", 32, 3.8, 0.50, 0.12, 1.20, 0.25, 0.18},
    {109, "FB", 32, 3.8, 0.50, 0.10, 1.90, 0.40, 0.15},
    {110, "PE", 32, 3.8, 0.50, 0.09, 1.90, 0.40, 0.13},
    {111, "", 69, 3.8, 0.50, 0.08, 3.20, 0.60, 0.12},
    {202, "ML", 30, 3.5, 0.85, 0.09, 1.10, 0.32, 0.10},
    {203, "MZ", 30, 3.5, 0.86, 0.10, 1.10, 0.32, 0.10},
    {204, "SG", 30, 3.5, 0.85, 0.06, 1.10, 0.20, 0.10},
    {205, "WH", 45, 5.0, 0.85, 0.06, 0.59, 0.16, 0.10},
    {206, "BA", 40, 3.8, 0.85, 0.03, 1.90, 0.54, 0.06},
    {207, "RI", 40, 3.8, 0.85, 0.04, 0.75, 0.10, 0.07},
    {208, "", 42, 3.8, 0.81, 0.03, 2.00, 0.55, 0.06},
    {302, "BH", 40, 3.5, 0.80, 0.07, 1.10, 0.13, 0.11},
    {303, "BG", 40, 3.5, 0.80, 0.07, 1.10, 0.13, 0.11},
    {304, "SI", 40, 3.5, 0.80, 0.10, 1.10, 0.13, 0.16},
    {305, "BR", 40, 3.5, 0.80, 0.05, 1.10, 0.13, 0.08},
    {306, "", 40, 3.5, 0.80, 0.10, 1.10, 0.13, 0.16},
    {401, "BF", 40, 3.5, 0.80, 0.16, 1.10, 0.19, 0.24},
    {402, "SC", 40, 3.5, 0.80, 0.07, 0.34, 0.03, 0.11},
    {403, "PI", 30, 3.5, 0.80, 0.10, 0.88, 0.08, 0.15},
    {404, "CS", 32, 2.7, 0.80, 0.17, 1.56, 0.10, 0.15},
};

/* Row of residue type @p code; an unknown code gives the first row, RE001 (DSSAT IPSOIL). */
static size_t residue_type_row(int32_t code)
{
    for (size_t i = 0; i < sizeof residue_by_type / sizeof residue_by_type[0]; i++)
        if (residue_by_type[i].code == code)
            return i;
    return 0;
}

int agro_dssat_residue_type_known(int32_t code)
{
    for (size_t i = 0; i < sizeof residue_by_type / sizeof residue_by_type[0]; i++)
        if (residue_by_type[i].code == code)
            return 1;
    return 0;
}

void agro_dssat_residue_type(int32_t code, double *pslig, double *scn_pct, double *scp_pct)
{
    const size_t k = residue_type_row(code);
    *pslig = residue_by_type[k].pslig;
    *scn_pct = residue_by_type[k].scn;
    *scp_pct = residue_by_type[k].scp;
}

double agro_dssat_residue_type_prlig(int32_t code)
{
    /* CERES SoilOrg.for takes IPSOIL's PRLIG of the applied residue type; where the file has
       none (-99) DSSAT-CSM 4.8 IPSOIL.for gives the row's PSLIG */
    const size_t k = residue_type_row(code);
    return residue_by_type[k].prlig < 0.0 ? residue_by_type[k].pslig : residue_by_type[k].prlig;
}

void agro_dssat_residue_mulch(int32_t code, double *am_cm2_g, double *extfac, double *watfac_kg_kg)
{
    const size_t k = residue_type_row(code);
    *am_cm2_g = residue_by_type[k].am;
    *extfac = residue_by_type[k].extfac;
    *watfac_kg_kg = residue_by_type[k].watfac;
}

/* Mulch properties of previous crop @p pcr: the first row whose CR equals it; blank, missing or
 * unknown: RE001 (DSSAT IPSOIL by crop, SoilOrg_init.for). */
static void residue_mulch_of_crop(const char *pcr, agro_dssat_treatment *o)
{
    size_t k = 0;
    if (!is_missing_text(pcr))
        for (size_t i = 0; i < sizeof residue_by_type / sizeof residue_by_type[0]; i++)
            if (strcmp(pcr, residue_by_type[i].crop) == 0) {
                k = i;
                break;
            }
    o->ic_residue_area_cm2_g = residue_by_type[k].am;
    o->ic_residue_extinction = residue_by_type[k].extfac;
    o->ic_residue_water_kg_kg = residue_by_type[k].watfac;
}

/* Value @p k (RES_*) of previous crop @p pcr: the first RESCH048 row whose CR equals it; blank,
 * missing or unknown: the first row of the file, as DSSAT IPSOIL falls back to it. */
static double residue_value(const char *pcr, int k)
{
    if (!is_missing_text(pcr))
        for (size_t i = 0; i < sizeof residue_by_crop / sizeof residue_by_crop[0]; i++)
            if (strcmp(pcr, residue_by_crop[i].crop) == 0)
                return residue_by_crop[i].v[k];
    return residue_generic[k];
}

/* The SA level's layers (SABL and the columns this model uses), NaN where -99. */
static int fill_soil_analysis(agro_ctx *ctx, const struct agro_dssat_exp *x, const xtrt *t,
                              agro_dssat_treatment *o)
{
    int lv = t->levels[2];
    if (lv == 0)
        return AGRO_OK;
    const xrow *rows[AGRO_DSSAT_MAX_LAYERS + 1];
    int n = find_rows(x, SEC_SOIL_ANALYSIS, "SABL", lv, rows, AGRO_DSSAT_MAX_LAYERS + 1);
    if (n == 0 && !find_row(x, SEC_SOIL_ANALYSIS, "SADAT", lv))
        return missing_level(ctx, x, t, 2, "*SOIL ANALYSIS");
    int rc;
    if ((rc = too_many_rows(ctx, x, rows, n, AGRO_DSSAT_MAX_LAYERS, "SABL",
                            "soil-analysis layers")))
        return rc;
    for (int i = 0; i < n; i++) {
        if ((rc = get_num(ctx, x, rows[i], "SABL", &o->sa_depth_cm[i])) ||
            (rc = get_num(ctx, x, rows[i], "SADM", &o->sa_bulk_density_g_cm3[i])) ||
            (rc = get_num(ctx, x, rows[i], "SAOC", &o->sa_organic_carbon_pct[i])) ||
            (rc = get_num(ctx, x, rows[i], "SANI", &o->sa_total_n_pct[i])) ||
            (rc = get_num(ctx, x, rows[i], "SAPHW", &o->sa_ph_water[i])) ||
            (rc = get_num(ctx, x, rows[i], "SAPX", &o->sa_extractable_p_mg_kg[i])) ||
            (rc = get_num(ctx, x, rows[i], "SASC", &o->sa_stable_c_pct[i])))
            return rc;
        if (!isfinite(o->sa_depth_cm[i]) || o->sa_depth_cm[i] <= 0)
            return agro_fail(ctx, AGRO_EMISSING, x->path, rows[i]->line, "SABL",
                             "layer depth missing or not positive");
        if (i > 0 && o->sa_depth_cm[i] <= o->sa_depth_cm[i - 1])
            return agro_fail(ctx, AGRO_EORDER, x->path, rows[i]->line, "SABL",
                             "layer depths must increase (%g after %g)", o->sa_depth_cm[i],
                             o->sa_depth_cm[i - 1]);
    }
    o->sa_n_layers = n;
    /* the extraction method of SAPX on the level's SADAT line (SA002 Bray No. 1 …); other
       codes (IB001, the "not recorded" of many files) leave it unknown */
    const xrow *h = find_row(x, SEC_SOIL_ANALYSIS, "SADAT", lv);
    const char *m = h ? cell_of(x, h, "SMPX") : NULL;
    o->sa_p_method = 0;
    if (m && (m[0] == 'S' || m[0] == 's') && (m[1] == 'A' || m[1] == 'a')) {
        int32_t v;
        if (parse_code(m, 0, &v) == 0 && v >= 1 && v <= 15)
            o->sa_p_method = v;
    }
    return AGRO_OK;
}

static int fill_initial(agro_ctx *ctx, const struct agro_dssat_exp *x, const xtrt *t,
                        agro_dssat_treatment *o)
{
    int lv = t->levels[3];
    if (lv == 0)
        return AGRO_OK;
    const xrow *r = find_row(x, SEC_INITIAL, "ICDAT", lv);
    if (!r)
        return missing_level(ctx, x, t, 3, "*INITIAL CONDITIONS");
    o->line_initial = (int32_t)r->line;
    int rc;
    if ((rc = get_date(ctx, x, r, "ICDAT", &o->ic_date)) ||
        (rc = get_num(ctx, x, r, "ICRT", &o->ic_root_kg_ha)) ||
        (rc = get_num(ctx, x, r, "ICND", &o->ic_nodule_kg_ha)) ||
        (rc = get_num(ctx, x, r, "ICRN", &o->ic_rhizobia_number)) ||
        (rc = get_num(ctx, x, r, "ICRE", &o->ic_rhizobia_effect)) ||
        (rc = get_num(ctx, x, r, "ICWD", &o->ic_water_table_cm)) ||
        (rc = get_num(ctx, x, r, "ICRES", &o->ic_residue_kg_ha)) ||
        (rc = get_num(ctx, x, r, "ICREN", &o->ic_residue_n_pct)) ||
        (rc = get_num(ctx, x, r, "ICREP", &o->ic_residue_p_pct)) ||
        (rc = get_num(ctx, x, r, "ICRIP", &o->ic_residue_incorporation_pct)) ||
        (rc = get_num(ctx, x, r, "ICRID", &o->ic_residue_depth_cm)))
        return rc;
    o->ic_root_n_pct = residue_value(cell_of(x, r, "PCR"), RES_RCN);
    o->ic_root_p_pct = residue_value(cell_of(x, r, "PCR"), RES_RCP);
    o->ic_shoot_n_pct = residue_value(cell_of(x, r, "PCR"), RES_SCN);
    o->ic_shoot_p_pct = residue_value(cell_of(x, r, "PCR"), RES_SCP);
    o->ic_lignin_frac = residue_value(cell_of(x, r, "PCR"), RES_PRLIG);
    residue_mulch_of_crop(cell_of(x, r, "PCR"), o);
    /* SOMINIT_C's SELECT CASE(PCR) for the microbial share of organic P */
    static const char *const grasses[] = {"BM", "BH", "BR", "G0", "G1", "GW"};
    const char *pcr = cell_of(x, r, "PCR");
    for (size_t k = 0; pcr && k < sizeof grasses / sizeof grasses[0]; k++)
        if (strcmp(pcr, grasses[k]) == 0)
            o->ic_previous_grass = 1;
    const xrow *rows[AGRO_DSSAT_MAX_LAYERS + 1];
    int n = find_rows(x, SEC_INITIAL, "ICBL", lv, rows, AGRO_DSSAT_MAX_LAYERS + 1);
    if ((rc = too_many_rows(ctx, x, rows, n, AGRO_DSSAT_MAX_LAYERS, "ICBL",
                            "initial-condition layers")))
        return rc;
    for (int i = 0; i < n; i++) {
        o->line_ic[i] = (int32_t)rows[i]->line;
        if ((rc = get_num(ctx, x, rows[i], "ICBL", &o->ic_depth_cm[i])) ||
            (rc = get_num(ctx, x, rows[i], "SH2O", &o->ic_sw[i])) ||
            (rc = get_num(ctx, x, rows[i], "SNH4", &o->ic_nh4_ppm[i])) ||
            (rc = get_num(ctx, x, rows[i], "SNO3", &o->ic_no3_ppm[i])))
            return rc;
        if (!isfinite(o->ic_depth_cm[i]) || o->ic_depth_cm[i] <= 0)
            return agro_fail(ctx, AGRO_EMISSING, x->path, rows[i]->line, "ICBL",
                             "layer depth missing or not positive");
        if (i > 0 && o->ic_depth_cm[i] <= o->ic_depth_cm[i - 1])
            return agro_fail(ctx, AGRO_EORDER, x->path, rows[i]->line, "ICBL",
                             "layer depths must increase (%g after %g)", o->ic_depth_cm[i],
                             o->ic_depth_cm[i - 1]);
        if (isfinite(o->ic_sw[i]) && (o->ic_sw[i] < 0 || o->ic_sw[i] > 1))
            return agro_fail(ctx, AGRO_ERANGE, x->path, rows[i]->line, "SH2O",
                             "volumetric water outside 0..1 (%g)", o->ic_sw[i]);
        if ((isfinite(o->ic_nh4_ppm[i]) && o->ic_nh4_ppm[i] < 0) ||
            (isfinite(o->ic_no3_ppm[i]) && o->ic_no3_ppm[i] < 0))
            return agro_fail(ctx, AGRO_ERANGE, x->path, rows[i]->line, "SNO3",
                             "negative mineral N");
    }
    o->ic_n_layers = n;
    return AGRO_OK;
}

static int fill_planting(agro_ctx *ctx, const struct agro_dssat_exp *x, const xtrt *t,
                         agro_dssat_treatment *o)
{
    int lv = t->levels[4];
    o->plants_sown_m2 = o->plants_emerged_m2 = NAN;
    o->row_spacing_cm = o->row_direction_deg = o->sowing_depth_cm = NAN;
    if (lv == 0)
        return AGRO_OK;
    const xrow *r = find_row(x, SEC_PLANTING, "PDATE", lv);
    if (!r)
        return missing_level(ctx, x, t, 4, "*PLANTING DETAILS");
    o->line_planting = (int32_t)r->line;
    int rc;
    if ((rc = get_date(ctx, x, r, "PDATE", &o->plant_date)) ||
        (rc = get_date(ctx, x, r, "EDATE", &o->emergence_date)) ||
        (rc = get_num(ctx, x, r, "PPOP", &o->plants_sown_m2)) ||
        (rc = get_num(ctx, x, r, "PPOE", &o->plants_emerged_m2)) ||
        (rc = get_num(ctx, x, r, "PLRS", &o->row_spacing_cm)) ||
        (rc = get_num(ctx, x, r, "PLRD", &o->row_direction_deg)) ||
        (rc = get_num(ctx, x, r, "PLDP", &o->sowing_depth_cm)))
        return rc;
    if (o->plant_date == 0)
        return agro_fail(ctx, AGRO_EMISSING, x->path, r->line, "PDATE", "planting date missing");
    if ((rc = get_letter(ctx, x, r, "PLME", &o->plant_method)) ||
        (rc = get_letter(ctx, x, r, "PLDS", &o->plant_distribution)))
        return rc;
    /* IPPLNT_Inp stops on transplanting (PLME T) with a negative or missing (-99) transplant
       weight PLWT, its error 18, for every crop but rice; a blank reads as 0 there. (CERES-Maize
       itself does not use PLME or PLWT.) */
    double plwt = 0.0;
    const char *plwt_text = cell_of(x, r, "PLWT");
    if (o->plant_method == 'T' && plwt_text && strcmp(plwt_text, ".") != 0) {
        if ((rc = get_num(ctx, x, r, "PLWT", &plwt)))
            return rc;
        if (!(plwt >= 0.0)) /* negative, or NaN: -99 */
            return agro_fail(ctx, AGRO_EMISSING, x->path, r->line, "PLWT",
                             "transplanting (PLME T) needs the transplant weight PLWT, kg/ha "
                             "(%s); DSSAT's IPPLNT_Inp stops on it too", plwt_text);
    }
    return AGRO_OK;
}

/* The planting day a run starts on (START P, or no SDATE): the window's first day with
 * automatic planting, else PDATE. */
static int32_t planting_start(const agro_dssat_treatment *o)
{
    const int autoplant = o->plant_mode == 'A' || o->plant_mode == 'F';
    return autoplant && o->plant_first ? o->plant_first : o->plant_date;
}

/* The simulation start, YRSIM: SDATE, or by START (IPEXP: P sets YRSIM = YRPLT; E sets
 * YRSIM = YRPLT = IEMRG; I moves it back to ICDAT when ICDAT is earlier than SDATE); without
 * SDATE the planting date, never ICDAT. Resolved before the events, which IPMAN checks
 * against it. */
static int resolve_start(agro_ctx *ctx, const struct agro_dssat_exp *x, agro_dssat_treatment *o)
{
    if (o->start_mode == 'I') {
        /* DSSAT IPEXP: the start moves back to ICDAT when ICDAT is given and earlier than SDATE
           (YRIC < YRSIM and YRIC > 0); otherwise SDATE stays */
        if (o->ic_date > 0 && (o->start_date <= 0 || o->ic_date < o->start_date))
            o->start_date = o->ic_date;
        else if (o->start_date <= 0)
            return agro_fail(ctx, AGRO_EMISSING, x->path, o->line_controls, "START",
                             "START = I starts the simulation on the initial-conditions date, "
                             "but the treatment gives neither ICDAT nor SDATE");
    } else if (o->start_mode == 'P') {
        o->start_date = planting_start(o);
    } else if (o->start_mode == 'E') {
        if (o->emergence_date <= 0)
            return agro_fail(ctx, AGRO_EMISSING, x->path, o->line_controls, "START",
                             "START = E starts the simulation on the emergence date, but the "
                             "planting level gives no EDATE");
        o->start_date = o->plant_date = o->emergence_date;
    }
    /* no SDATE (-99, or no simulation-controls level): the planting date, DSSAT IPSIM (no SM
       level: YRSIM = YRPLT) and IPEXP (ISIMI S with YRSIM < 0: YRSIM = YRPLT), never ICDAT;
       with automatic planting the window's first day, as START = P */
    if (o->start_date == 0)
        o->start_date = planting_start(o);
    return AGRO_OK;
}

/* IPMAN (IPIRR, IPFERT, IPRES) stops on an event dated before the simulation start when the
 * option is R (reported dates); DSSAT would never reach that day. */
static int check_after_start(agro_ctx *ctx, const struct agro_dssat_exp *x, const xrow *r,
                             const char *field, const char *what, int32_t mode, int32_t day,
                             int32_t start)
{
    if (mode != 'R' || day >= start)
        return AGRO_OK;
    return agro_fail(ctx, AGRO_EORDER, x->path, r->line, field,
                     "%s on %d, before the simulation start %d", what, (int)day, (int)start);
}

/* An amount or depth @p v of column @p col that DSSAT's readers stop on when missing (-99) or
 * outside 0..@p hi: AGRO_EMISSING or AGRO_ERANGE, "WHAT missing or outside 0..HI UNIT (CELL)"
 * and @p note. */
static int check_in_range(agro_ctx *ctx, const struct agro_dssat_exp *x, const xrow *r,
                          const char *col, double v, double hi, const char *what,
                          const char *unit, const char *note)
{
    if (v >= 0 && v <= hi)
        return AGRO_OK;
    return agro_fail(ctx, isfinite(v) ? AGRO_ERANGE : AGRO_EMISSING, x->path, r->line, col,
                     "%s missing or outside 0..%g %s (%s)%s", what, hi, unit,
                     cell_text(x, r, col), note);
}

static int fill_irrigation(agro_ctx *ctx, const struct agro_dssat_exp *x, const xtrt *t,
                           agro_dssat_treatment *o)
{
    int lv = t->levels[5];
    o->irr_efficiency = o->irr_depth_cm = o->irr_threshold_pct = NAN;
    o->irr_end_pct = o->irr_amount_mm = NAN;
    o->irr_end_stage = -1;
    if (lv == 0)
        return AGRO_OK;
    const xrow *r = find_row(x, SEC_IRRIGATION, "EFIR", lv);
    const xrow *ev[AGRO_DSSAT_MAX_IRRIGATIONS + 1];
    int n = find_rows(x, SEC_IRRIGATION, "IDATE", lv, ev, AGRO_DSSAT_MAX_IRRIGATIONS + 1);
    if (!r && n == 0)
        return missing_level(ctx, x, t, 5, "*IRRIGATION AND WATER MANAGEMENT");
    int rc;
    if (r) {
        if ((rc = get_num(ctx, x, r, "EFIR", &o->irr_efficiency)) ||
            (rc = get_num(ctx, x, r, "IDEP", &o->irr_depth_cm)) ||
            (rc = get_num(ctx, x, r, "ITHR", &o->irr_threshold_pct)) ||
            (rc = get_num(ctx, x, r, "IEPT", &o->irr_end_pct)) ||
            (rc = get_code(ctx, x, r, "IOFF", -1, &o->irr_end_stage)) ||
            (rc = get_code(ctx, x, r, "IAME", 0, &o->irr_method)) ||
            (rc = get_num(ctx, x, r, "IAMT", &o->irr_amount_mm)))
            return rc;
    }
    if ((rc = too_many_rows(ctx, x, ev, n, AGRO_DSSAT_MAX_IRRIGATIONS, "IDATE", "irrigations")))
        return rc;
    const int days = o->irrig_mode == 'D';
    int k = 0;
    for (int i = 0; i < n; i++) {
        int32_t d, op;
        double v;
        /* day 0 ("77000"): a placeholder row, dropped below */
        d = 0;
        if (!(o->irrig_mode != 'D' && is_day_zero(cell_of(x, ev[i], "IDATE"))) &&
            (rc = get_event_day(ctx, x, ev[i], "IDATE", o->irrig_mode, &d)))
            return rc;
        /* DSSAT's IPIRR stops on a row of the treatment's level with a missing IDATE
           (IDLAPL < 0, its error 10, under every IRRIG option); with IRRIG D the day of any
           spelling of -99 that get_event_day reads as missing ("-99.00") is -1 */
        if (is_missing_text(cell_of(x, ev[i], "IDATE")) || (days && d < 0))
            return agro_fail(ctx, AGRO_EMISSING, x->path, ev[i]->line, "IDATE",
                             "irrigation date or day missing (DSSAT stops on it too)");
        if ((rc = get_code(ctx, x, ev[i], "IROP", 0, &op)) ||
            (rc = get_num(ctx, x, ev[i], "IRVAL", &v)))
            return rc;
        const int no_day = !days && d == 0; /* "77000" */
        if (!no_day && !cell_of(x, ev[i], "IRVAL"))
            return agro_fail(ctx, AGRO_EMISSING, x->path, ev[i]->line, "IRVAL",
                             "irrigation amount missing (truncated line?)");
        /* IPIRR's error 12: IROP must be IR001–IR011, a missing one too */
        if (op < 1 || op > 11) {
            const char *c = cell_of(x, ev[i], "IROP");
            return agro_fail(ctx, AGRO_ERANGE, x->path, ev[i]->line, "IROP",
                             "irrigation operation %s is not one of IR001-IR011",
                             c ? c : "(missing)");
        }
        if (no_day || !isfinite(v))
            continue; /* placeholders ("77000 IR001 0", IRVAL -99): DSSAT applies an event
                       * only on a real date and with an amount */
        if (v < 0)
            return agro_fail(ctx, AGRO_ERANGE, x->path, ev[i]->line, "IRVAL",
                             "negative irrigation amount (%g)", v);
        if ((rc = check_after_start(ctx, x, ev[i], "IDATE", "irrigation", o->irrig_mode, d,
                                    o->start_date)))
            return rc;
        o->irr_date[k] = d;
        o->irr_operation[k] = op;
        o->irr_value_mm[k] = v;
        o->line_irrigation[k] = (int32_t)ev[i]->line;
        k++;
    }
    o->n_irrigations = k;
    return AGRO_OK;
}

static int fill_fertilisers(agro_ctx *ctx, const struct agro_dssat_exp *x, const xtrt *t,
                            agro_dssat_treatment *o)
{
    int lv = t->levels[6];
    if (lv == 0)
        return AGRO_OK;
    const xrow *ev[AGRO_DSSAT_MAX_FERTILISERS + 1];
    int n;
    int rc = event_rows(ctx, x, t, 6, SEC_FERTILIZERS, "*FERTILIZERS", "FDATE",
                        AGRO_DSSAT_MAX_FERTILISERS, "fertiliser applications", ev, &n);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++) {
        o->line_fertiliser[i] = (int32_t)ev[i]->line;
        if ((rc = get_event_day(ctx, x, ev[i], "FDATE", o->fert_mode, &o->fert_date[i])) ||
            (rc = get_code(ctx, x, ev[i], "FMCD", 0, &o->fert_material[i])) ||
            (rc = get_code(ctx, x, ev[i], "FACD", 0, &o->fert_method[i])) ||
            (rc = get_num(ctx, x, ev[i], "FDEP", &o->fert_depth_cm[i])) ||
            (rc = get_num(ctx, x, ev[i], "FAMN", &o->fert_n_kg_ha[i])) ||
            (rc = get_num(ctx, x, ev[i], "FAMP", &o->fert_p_kg_ha[i])) ||
            (rc = get_num(ctx, x, ev[i], "FAMK", &o->fert_k_kg_ha[i])))
            return rc;
        if (o->fert_mode == 'D' ? o->fert_date[i] < 0 : o->fert_date[i] == 0)
            return agro_fail(ctx, AGRO_EMISSING, x->path, ev[i]->line, "FDATE",
                             "fertiliser date missing");
        if ((rc = check_after_start(ctx, x, ev[i], "FDATE", "fertiliser", o->fert_mode,
                                    o->fert_date[i], o->start_date)))
            return rc;
        if (!cell_of(x, ev[i], "FAMN"))
            return agro_fail(ctx, AGRO_EMISSING, x->path, ev[i]->line, "FAMN",
                             "N amount missing (truncated line?)");
        /* IPFERT stops on ANFER < 0 or > 99999 (error 12): a missing (-99) N amount too, even
           on a row that brings only K (it used to be taken as no N); on DFERT < 0 or > 99999,
           so a missing (-99) depth too */
        if ((rc = check_in_range(ctx, x, ev[i], "FAMN", o->fert_n_kg_ha[i], 99999, "N amount",
                                 "kg N/ha",
                                 "; DSSAT's IPFERT stops on it too (write 0 for a row without N)")) ||
            (rc = check_in_range(ctx, x, ev[i], "FDEP", o->fert_depth_cm[i], 99999,
                                 "fertiliser depth", "cm", "")))
            return rc;
    }
    o->n_fertilisers = n;
    return AGRO_OK;
}

static int fill_residues(agro_ctx *ctx, const struct agro_dssat_exp *x, const xtrt *t,
                         agro_dssat_treatment *o)
{
    int lv = t->levels[7];
    if (lv == 0)
        return AGRO_OK;
    const xrow *ev[AGRO_DSSAT_MAX_RESIDUES + 1];
    int n;
    int rc = event_rows(ctx, x, t, 7, SEC_RESIDUES, "*RESIDUES AND ORGANIC FERTILIZER", "RDATE",
                        AGRO_DSSAT_MAX_RESIDUES, "residue applications", ev, &n);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++) {
        o->line_residue[i] = (int32_t)ev[i]->line;
        if ((rc = get_event_day(ctx, x, ev[i], "RDATE", o->residue_mode, &o->res_date[i])) ||
            (rc = get_code(ctx, x, ev[i], "RCOD", 0, &o->res_material[i])) ||
            (rc = get_num(ctx, x, ev[i], "RAMT", &o->res_amount_kg_ha[i])) ||
            (rc = get_num(ctx, x, ev[i], "RESN", &o->res_n_pct[i])) ||
            (rc = get_num(ctx, x, ev[i], "RESP", &o->res_p_pct[i])) ||
            (rc = get_num(ctx, x, ev[i], "RINP", &o->res_incorporation_pct[i])) ||
            (rc = get_num(ctx, x, ev[i], "RDEP", &o->res_depth_cm[i])))
            return rc;
        /* IPRES stops on RESDAY < 0 whatever RESID says, so a missing date too */
        if (o->residue_mode == 'D' ? o->res_date[i] < 0 : o->res_date[i] == 0)
            return agro_fail(ctx, AGRO_EMISSING, x->path, ev[i]->line, "RDATE",
                             "residue application date missing");
        /* IPRES (DSSAT 4.8.2 on) stops on a residue code without a number 1..998 (error 4) and
           on an amount missing or outside 0..99999 kg/ha (error 11): the row was skipped, or
           read as RE001 */
        if (o->res_material[i] < 1 || o->res_material[i] > 998)
            return agro_fail(ctx, o->res_material[i] ? AGRO_ERANGE : AGRO_EMISSING, x->path,
                             ev[i]->line, "RCOD", "residue code missing or not RE001..RE998 (%s)",
                             cell_text(x, ev[i], "RCOD"));
        if ((rc = check_in_range(ctx, x, ev[i], "RAMT", o->res_amount_kg_ha[i], 99999,
                                 "residue amount", "kg/ha", "")) ||
            (rc = check_after_start(ctx, x, ev[i], "RDATE", "residue application",
                                    o->residue_mode, o->res_date[i], o->start_date)))
            return rc;
    }
    o->n_residues = n;
    return AGRO_OK;
}

/* The tillage passes of the MT level, read and checked as DSSAT's IPTILL does whatever TILL
 * says: a date, an implement number 1..998 and a depth of at least 0 cm, rounded to 0.1 cm as
 * DSSAT's input file carries it (docs/design/tillage.md §1.1, Q32, Q33), on or after the
 * simulation start (resolve_start). */
static int fill_tillage(agro_ctx *ctx, const struct agro_dssat_exp *x, const xtrt *t,
                        agro_dssat_treatment *o)
{
    int lv = t->levels[9];
    if (lv == 0)
        return AGRO_OK;
    const xrow *ev[AGRO_DSSAT_MAX_TILLAGE + 1];
    int n;
    int rc = event_rows(ctx, x, t, 9, SEC_TILLAGE, "*TILLAGE", "TDATE", AGRO_DSSAT_MAX_TILLAGE,
                        "tillage passes", ev, &n);
    if (rc)
        return rc;
    const int32_t start = o->start_date;
    for (int i = 0; i < n; i++) {
        double d;
        o->line_tillage[i] = (int32_t)ev[i]->line;
        if ((rc = get_date(ctx, x, ev[i], "TDATE", &o->till_date[i])) ||
            (rc = get_code(ctx, x, ev[i], "TIMPL", 0, &o->till_implement[i])) ||
            (rc = get_num(ctx, x, ev[i], "TDEP", &d)))
            return rc;
        if (o->till_date[i] == 0)
            return agro_fail(ctx, AGRO_EMISSING, x->path, ev[i]->line, "TDATE", "tillage date missing");
        if (o->till_date[i] < start)
            return agro_fail(ctx, AGRO_EORDER, x->path, ev[i]->line, "TDATE",
                             "tillage on %d, before the simulation start %d", (int)o->till_date[i],
                             (int)start);
        /* statuses as the residue code's (RCOD): missing or outside the range, not the text's
           format, which get_code refuses */
        if (o->till_implement[i] < 1 || o->till_implement[i] > 998)
            return agro_fail(ctx, o->till_implement[i] ? AGRO_ERANGE : AGRO_EMISSING, x->path,
                             ev[i]->line, "TIMPL", "tillage implement missing or not TI001..TI998 (%s)",
                             cell_text(x, ev[i], "TIMPL"));
        if ((rc = check_in_range(ctx, x, ev[i], "TDEP", d, 1000.0, "tillage depth", "cm", "")))
            return rc;
        o->till_depth_cm[i] = round(d * 10.0) / 10.0;
    }
    o->n_tillage = n;
    return AGRO_OK;
}

static int fill_harvest(agro_ctx *ctx, const struct agro_dssat_exp *x, const xtrt *t,
                        agro_dssat_treatment *o)
{
    int lv = t->levels[11];
    /* HARVS R, D and G harvest on the harvest level's rows: without one DSSAT stops (IPHAR
       error 1) where the crop would otherwise run to maturity unnoticed */
    if (lv == 0 && o->harvest_mode && strchr("RDG", (int)o->harvest_mode))
        return agro_fail(ctx, AGRO_EMISSING, x->path, t->line, "MH",
                         "treatment %d: HARVS %c harvests on the dates of a harvest level, but "
                         "the treatment has none (MH 0)",
                         (int)t->number, (char)o->harvest_mode);
    if (lv == 0)
        return AGRO_OK;
    const xrow *ev[AGRO_DSSAT_MAX_HARVESTS + 1];
    int n;
    int rc = event_rows(ctx, x, t, 11, SEC_HARVEST, "*HARVEST DETAILS", "HDATE",
                        AGRO_DSSAT_MAX_HARVESTS, "harvests", ev, &n);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++) {
        o->line_harvest[i] = (int32_t)ev[i]->line;
        if ((rc = get_event_day(ctx, x, ev[i], "HDATE", o->harvest_mode, &o->harv_date[i])) ||
            (rc = get_code(ctx, x, ev[i], "HSTG", -1, &o->harv_stage[i])) ||
            (rc = get_num(ctx, x, ev[i], "HPC", &o->harv_pct[i])))
            return rc;
    }
    o->n_harvests = n;
    return AGRO_OK;
}

/* "R  16 R18.7 R  25 ..." : a letter (A, S, M, R) and a number per variable, glued or not. */
static int fill_envmods(agro_ctx *ctx, const struct agro_dssat_exp *x, const xtrt *t,
                        agro_dssat_treatment *o)
{
    int lv = t->levels[10];
    if (lv == 0)
        return AGRO_OK;
    const xrow *ev[AGRO_DSSAT_MAX_ENVMODS + 1];
    int n;
    int rc = event_rows(ctx, x, t, 10, SEC_ENVIRONMENT, "*ENVIRONMENT MODIFICATIONS", "ODATE",
                        AGRO_DSSAT_MAX_ENVMODS, "environment modifications", ev, &n);
    if (rc)
        return rc;
    static const char *const names[AGRO_DSSAT_ENV_N] = {"EDAY", "ERAD", "EMAX", "EMIN",
                                                        "ERAIN", "ECO2", "EDEW", "EWIND"};
    for (int i = 0; i < n; i++) {
        const xrow *r = ev[i];
        o->line_envmod[i] = (int32_t)r->line;
        int bad = r->ntok < 2 ? -1 : parse_date(r->tok[1], x->first_weather_date, &o->env_date[i]);
        if (bad)
            return bad_date(ctx, x->path, r->line, "ODATE", r->ntok > 1 ? r->tok[1] : "", bad,
                            o->env_date[i], x->first_weather_date);
        int v = 0, k = 2;
        while (v < AGRO_DSSAT_ENV_N && k < r->ntok) {
            const char *s = r->tok[k];
            char code = (char)agro_ascii_upper((unsigned char)s[0]);
            if (!strchr("ASMR", code) || !isalpha((unsigned char)s[0]))
                return agro_fail(ctx, AGRO_EFORMAT, x->path, r->line, names[v],
                                 "expected A, S, M or R before the value (%s)", s);
            const char *num = s + 1;
            if (*num == '\0') {
                k++;
                if (k >= r->ntok)
                    return agro_fail(ctx, AGRO_EMISSING, x->path, r->line, names[v],
                                     "value missing after %c", code);
                num = r->tok[k];
            }
            double val;
            if (parse_number(num, &val))
                return agro_fail(ctx, AGRO_EFORMAT, x->path, r->line, names[v],
                                 "not a number (%s)", num);
            o->env_code[i][v] = code;
            o->env_value[i][v] = val;
            v++;
            k++;
        }
    }
    o->n_envmods = n;
    return AGRO_OK;
}

/* FLHST and FHDUR of the field's second row. DSSAT's IPFLD reads FHDUR as an integer (I6) in
 * every run, so a fraction or a word stops it and a blank is 0 years; SOMFRAC_INIT then uses
 * the history only for CENTURY, and a negative duration (-99) means none (DSSAT's default
 * fractions). */
static int fill_field_history(agro_ctx *ctx, const struct agro_dssat_exp *x, const xtrt *t,
                              agro_dssat_treatment *o)
{
    static const char *const codes[] = {"FH101", "FH102", "FH201", "FH202", "FH301", "FH302"};
    o->field_history = AGRO_FIELD_HISTORY_NONE;
    o->field_history_years = 0;
    const xrow *fc = find_row(x, SEC_FIELDS, "XCRD", t->levels[1]);
    if (!fc)
        return AGRO_OK;
    const char *dur = cell_of(x, fc, "FHDUR");
    double d = 0.0; /* blank or no column: 0 years */
    if (dur && *dur) {
        if (parse_number(dur, &d) || (isfinite(d) && (d != floor(d) || d > 999999.0)))
            return agro_fail(ctx, AGRO_EFORMAT, x->path, fc->line, "FHDUR",
                             "years of the field history must be a whole number (%s)", dur);
        if (!isfinite(d)) d = -99.0;
    }
    const char *h = cell_of(x, fc, "FLHST");
    if (o->som_method != 'P' || is_missing_text(h))
        return AGRO_OK;
    int32_t k = 0;
    for (int i = 0; i < 6; i++)
        if (agro_ascii_casecmp(h, codes[i]) == 0)
            k = AGRO_FIELD_HISTORY_FH101 + i;
    if (!k)
        return agro_fail(ctx, AGRO_EFORMAT, x->path, fc->line, "FLHST",
                         "'%s' is not a field history of SOMFR048.SDA (FH101, FH102, FH201, FH202, "
                         "FH301, FH302)", h);
    if (d >= 0.0) {
        o->field_history = k;
        o->field_history_years = (int32_t)d;
    }
    return AGRO_OK;
}

/* The AGRO_DSSAT_IGNORED_* bits: inputs that DSSAT would use for this treatment and that
 * agro_dssat_season_spec and the runner do not (see dssat.h for each). The switches follow
 * DSSAT's reading: MGMTOPS calls TILLAGE when ISWTIL is Y or R, and IPSIM reads a blank TILL
 * as N but takes Y without a simulation-controls level (docs/design/tillage.md §1.2); IPCHEM
 * applies chemicals only when CHEM is 'Y'. */
int agro_dssat_treatment_tills(const agro_dssat_treatment *t)
{
    /* TILL Y or R (Q1: R acts as Y), or no simulation-controls level (IPSIM defaults ISWTIL to
       Y); a blank or absent TILL in a present level is N (docs/design/tillage.md §1.2) */
    const int on = t->tillage == 'Y' || t->tillage == 'R' || (t->tillage == 0 && t->levels[12] == 0);
    return t->levels[9] > 0 && on;
}

int agro_dssat_irrigation_is_water(const agro_dssat_treatment *t, int32_t i)
{
    return t->irr_operation[i] >= 1 && t->irr_operation[i] <= 6; /* IRRIG.for CASE (1:6) */
}

int agro_dssat_row_reached(const agro_dssat_treatment *t, int32_t kind, int32_t i)
{
    const int32_t *day;
    int32_t n, mode;
    if (kind == 'I')
        day = t->irr_date, n = t->n_irrigations, mode = t->irrig_mode;
    else if (kind == 'F')
        day = t->fert_date, n = t->n_fertilisers, mode = t->fert_mode;
    else if (kind == 'R')
        day = t->res_date, n = t->n_residues, mode = t->residue_mode;
    else
        return 1;
    if (i < 0 || i >= n)
        return 0;
    if (kind == 'I' && (mode == 'P' || mode == 'W')) {
        /* IRRIG.for CASE ('P', 'W'): every row dated YRDOY while YRDOY <= JULAPL(NAPW), the
           last row's date; after it AUTO, for good */
        int32_t last = -1;
        for (int32_t j = 0; j < n; j++)
            if (agro_dssat_irrigation_is_water(t, j))
                last = j;
        return last < 0 || day[i] <= day[last];
    }
    if (mode != 'R' && mode != 'D')
        return 1;
    /* R and D: EXIT at the first row dated after today (YEARDOY or days after planting) */
    for (int32_t j = 0; j < i; j++)
        if ((kind != 'I' || agro_dssat_irrigation_is_water(t, j)) && day[j] > day[i])
            return 0;
    return 1;
}

/* Rows whose date order matters to DSSAT: a reported row it never reaches
 * (agro_dssat_row_reached), or environment modifications not in date order, whose row in
 * force WTHMOD.for takes by file order. */
static int unordered_rows(const agro_dssat_treatment *o)
{
    const int im = o->irrig_mode;
    if (im == 'R' || im == 'D' || im == 'P' || im == 'W')
        for (int32_t i = 0; i < o->n_irrigations; i++)
            if (agro_dssat_irrigation_is_water(o, i) && !agro_dssat_row_reached(o, 'I', i))
                return 1;
    for (int32_t i = 0; i < o->n_fertilisers; i++)
        if (!agro_dssat_row_reached(o, 'F', i))
            return 1;
    for (int32_t i = 0; i < o->n_residues; i++)
        if (!agro_dssat_row_reached(o, 'R', i))
            return 1;
    for (int32_t i = 1; i < o->n_envmods; i++)
        if (o->env_date[i] < o->env_date[i - 1])
            return 1;
    return 0;
}

static void fill_ignored(const struct agro_dssat_exp *x, agro_dssat_treatment *o,
                         double tile_depth_cm)
{
    int32_t f = 0;
    if (o->diseases == 'Y') {
        /* the damage comes from the T file beside the X file (the runner applies it) */
        char tp[1024];
        FILE *fp = agro_dssat_tfile_path(x, tp, sizeof tp) == 0 ? fopen(tp, "rb") : NULL;
        if (fp)
            fclose(fp);
        else
            f |= AGRO_DSSAT_IGNORED_PEST_DAMAGE;
    }
    if (o->potassium == 'Y' || o->phosphorus == 'H')
        f |= AGRO_DSSAT_IGNORED_POTASSIUM;
    /* the runner applies the passes (AGRO_EVENT_TILL: mixing, incorporation, BD, SAT, Ksat,
       curve number and their recovery), not DSSAT's moving layers, texture mixing or the
       irrigation method that decides what counts as TIL_IRR */
    if (agro_dssat_treatment_tills(o))
        f |= AGRO_DSSAT_IGNORED_TILLAGE;
    if (o->levels[8] > 0 && o->chemicals == 'Y')
        f |= AGRO_DSSAT_IGNORED_CHEMICALS;
    if (o->evap_method != 'R')
        f |= AGRO_DSSAT_IGNORED_SOIL_EVAPORATION;
    if (o->fert_mode == 'A' || o->fert_mode == 'F')
        f |= AGRO_DSSAT_IGNORED_AUTO_FERTILISER;
    /* METMP = E runs the EPIC soil temperature (AGRO_SOIL_TEMP_EPIC): no longer flagged; the
       bit AGRO_DSSAT_IGNORED_SOIL_TEMPERATURE stays defined (and described) for the ABI */
    if (o->ghg_method == '1')
        f |= AGRO_DSSAT_IGNORED_DAYCENT_GHG;
    if (o->residue_mode == 'A' && o->n_residues > 0)
        f |= AGRO_DSSAT_IGNORED_AUTO_RESIDUE;
    if (o->pet_method != 'R' || o->weather_method != 'M' || o->co2_option == 'W')
        f |= AGRO_DSSAT_IGNORED_METHODS;
    /* a water table (ICWD > 0: WaterTable.f90 at the season's start; IR007), flooding (IR008-
       IR011: FLOOD_IRRIG), which IRRIG.for reads whatever IRRIG says, or tile drains (FLDD > 0:
       WATBAL calls TILEDRAIN.for, which drains the saturated layers above the drain) */
    if (o->water != 'N') {
        int wt = (isfinite(o->ic_water_table_cm) && o->ic_water_table_cm > 0) ||
                 tile_depth_cm > 0;
        for (int i = 0; i < o->n_irrigations; i++)
            wt |= o->irr_operation[i] >= 7 && o->irr_operation[i] <= 11;
        if (wt)
            f |= AGRO_DSSAT_IGNORED_WATER_TABLE;
    }
    if (unordered_rows(o))
        f |= AGRO_DSSAT_IGNORED_UNORDERED_ROWS;
    o->ignored = f;
}

int agro_dssat_ignored_describe(int32_t flags, char *buf, size_t n)
{
    /* one sentence per bit, in bit order: the DSSAT column, then what is done instead */
    static const char *const text[] = {
        "MESOM=P (CENTURY soil organic matter) run with the CERES-Godwin model",
        "DISES=Y (pest and disease damage) not applied: no T file with the damage beside the "
        "X file, so the crop grows undamaged",
        "POTAS=Y (K balance) not simulated: no K limitation (or PHOSP=H: P starts from the "
        "soil-test P, not from Hedley fractions)",
        "tillage (MT level): its layer thickness changes (DSSAT's moving layers), texture "
        "mixing and TIL_IRR's irrigation-method rule (its mixing, residue incorporation, BD, "
        "SAT, Ksat and curve number are simulated, on fixed layers)",
        "chemical applications (MC level) not simulated",
        "MESEV=S (Suleiman-Ritchie soil evaporation) run with Ritchie's two-stage evaporation "
        "and UP_FLOW",
        "FERTI=A/F (automatic N fertiliser) not applied, as in DSSAT 4.8, whose automatic N "
        "routine is disabled",
        "METMP=E (EPIC soil temperature) run with DSSAT's STEMP",
        "MEGHG=1 (DayCent denitrification and N2O) run with CERES denitrification",
        "RESID=A (automatic residue application) not applied",
        "EVAPO other than R run with Priestley-Taylor potential ET, WTHER other than M with the "
        "measured weather file, or CO2=W with the monthly CO2 records of option M",
        "ICWD>0 (initial water table), IR007-IR011 rows (water table depth, percolation, "
        "bunds, puddling, flood depth) or FLDD>0 (tile drains) not simulated: no water table, "
        "flooding or tile drainage",
        "irrigation, fertiliser, residue or environment modification rows out of date order: "
        "as in DSSAT, a row after a later-dated row of its level is not applied (IRRIG P/W: a "
        "row dated after the last one), and the modification in force is taken in file order",
    };
    _Static_assert(sizeof text / sizeof text[0] == 13 && AGRO_DSSAT_IGNORED_ALL == (1 << 13) - 1,
                   "one sentence per AGRO_DSSAT_IGNORED_* bit");
    if (!buf || n == 0)
        return AGRO_EINVAL;
    buf[0] = '\0';
    if (flags & ~(int32_t)AGRO_DSSAT_IGNORED_ALL)
        return AGRO_ERANGE;
    size_t len = 0;
    for (size_t b = 0; b < sizeof text / sizeof text[0]; b++) {
        if (!(flags & (1 << b)))
            continue;
        int w = snprintf(buf + len, n - len, "%s%s", len ? "; " : "", text[b]);
        if (w < 0 || (size_t)w >= n - len)
            return AGRO_ELIMIT; /* snprintf left the truncated text NUL-terminated */
        len += (size_t)w;
    }
    return AGRO_OK;
}

int agro_dssat_treatment_get(agro_ctx *ctx, const agro_dssat_exp *x, int32_t number,
                             agro_dssat_treatment *o)
{
    if (!x || !o)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL experiment or output");
    const xtrt *t = find_trt(x, number);
    if (!t)
        return agro_fail(ctx, AGRO_ENOTFOUND, x->path, 0, "TRNO",
                         "treatment %d is not in the experiment", (int)number);
    memset(o, 0, sizeof *o);
    o->number = t->number;
    o->rotation = t->rotation;
    o->option = t->option;
    o->crop_component = t->component;
    memcpy(o->levels, t->levels, sizeof o->levels);
    o->line = (int32_t)t->line;
    o->latitude_deg = o->longitude_deg = o->elevation_m = o->soil_depth_cm = NAN;
    o->ic_root_kg_ha = o->ic_nodule_kg_ha = o->ic_root_n_pct = o->ic_rhizobia_number = NAN;
    o->ic_root_p_pct = o->ic_shoot_n_pct = o->ic_shoot_p_pct = o->ic_lignin_frac = NAN;
    o->ic_rhizobia_effect = o->ic_water_table_cm = o->ic_residue_kg_ha = NAN;
    o->ic_residue_n_pct = o->ic_residue_p_pct = NAN;
    o->ic_residue_incorporation_pct = o->ic_residue_depth_cm = NAN;
    o->ic_residue_area_cm2_g = o->ic_residue_extinction = o->ic_residue_water_kg_kg = NAN;
    o->plant_h2o_low_pct = o->plant_h2o_high_pct = o->plant_h2o_depth_cm = NAN;
    o->plant_tmax_C = o->plant_tmin_C = NAN;
    o->auto_irr_depth_cm = o->auto_irr_threshold_pct = o->auto_irr_target_pct = NAN;
    o->auto_irr_amount_mm = o->auto_irr_efficiency = NAN;
    o->auto_irr_end_stage = -1;
    o->auto_n_depth_cm = o->auto_n_threshold_pct = o->auto_n_amount_kg_ha = NAN;
    o->harvest_pct_product = o->harvest_pct_residue = NAN;

    /* cultivar and field must exist when named */
    if (t->levels[0] > 0 && !find_row(x, SEC_CULTIVARS, "INGENO", t->levels[0]))
        return missing_level(ctx, x, t, 0, "*CULTIVARS");
    if (t->levels[1] == 0)
        return agro_fail(ctx, AGRO_EMISSING, x->path, t->line, "FL",
                         "treatment %d has no field level", (int)t->number);
    const xrow *fr = find_row(x, SEC_FIELDS, "ID_SOIL", t->levels[1]);
    if (!fr)
        return missing_level(ctx, x, t, 1, "*FIELDS");
    o->line_field = (int32_t)fr->line;
    int rc;
    double tile_depth_cm; /* FLDD: depth of the tile drains, cm (IPFLD; -99 or 0: none) */
    if ((rc = get_num(ctx, x, fr, "SLDP", &o->soil_depth_cm)) ||
        (rc = get_num(ctx, x, fr, "FLDD", &tile_depth_cm)))
        return rc;
    const xrow *fc = find_row(x, SEC_FIELDS, "XCRD", t->levels[1]);
    if (fc) {
        if ((rc = get_num(ctx, x, fc, "XCRD", &o->longitude_deg)) ||
            (rc = get_num(ctx, x, fc, "YCRD", &o->latitude_deg)) ||
            (rc = get_num(ctx, x, fc, "ELEV", &o->elevation_m)))
            return rc;
        /* many files fill unknown coordinates with 0 */
        if (o->latitude_deg == 0 && o->longitude_deg == 0)
            o->latitude_deg = o->longitude_deg = NAN;
    }
    if ((rc = fill_controls(ctx, x, t, o)) || (rc = fill_initial(ctx, x, t, o)) ||
        (rc = fill_planting(ctx, x, t, o)) || (rc = resolve_start(ctx, x, o)) ||
        (rc = fill_irrigation(ctx, x, t, o)) ||
        (rc = fill_fertilisers(ctx, x, t, o)) || (rc = fill_residues(ctx, x, t, o)) ||
        (rc = fill_harvest(ctx, x, t, o)) || (rc = fill_envmods(ctx, x, t, o)) ||
        (rc = fill_soil_analysis(ctx, x, t, o)) || (rc = fill_field_history(ctx, x, t, o)) ||
        (rc = fill_tillage(ctx, x, t, o)))
        return rc;
    fill_ignored(x, o, tile_depth_cm);
    return AGRO_OK;
}

int agro_dssat_treatment_get_weather(agro_ctx *ctx, const agro_dssat_exp *x, int32_t number,
                                     int32_t first_weather_date, agro_dssat_treatment *o)
{
    if (!x)
        return agro_dssat_treatment_get(ctx, x, number, o);
    struct agro_dssat_exp v = *x; /* a view: the same rows, read against the weather file */
    v.first_weather_date = first_weather_date;
    return agro_dssat_treatment_get(ctx, &v, number, o);
}

int agro_dssat_treatment_text(const agro_dssat_exp *x, int32_t number, int32_t which,
                              char *buf, size_t n)
{
    if (!x || !buf || n == 0)
        return AGRO_EINVAL;
    buf[0] = '\0';
    const xtrt *t = find_trt(x, number);
    if (!t)
        return AGRO_ENOTFOUND;
    const xrow *r = NULL;
    switch (which) {
    case AGRO_DSSAT_TEXT_NAME:
        return copy_text(buf, n, t->name) ? AGRO_ELIMIT : AGRO_OK;
    case AGRO_DSSAT_TEXT_CROP:
    case AGRO_DSSAT_TEXT_CULTIVAR_ID:
    case AGRO_DSSAT_TEXT_CULTIVAR_NAME:
        r = find_row(x, SEC_CULTIVARS, "INGENO", t->levels[0]);
        return r && copy_text(buf, n, cell_of(x, r, which == AGRO_DSSAT_TEXT_CROP ? "CR"
                                                    : which == AGRO_DSSAT_TEXT_CULTIVAR_ID ? "INGENO"
                                                                                            : "CNAME"))
                   ? AGRO_ELIMIT
                   : AGRO_OK;
    case AGRO_DSSAT_TEXT_PREVIOUS_CROP:
        r = find_row(x, SEC_INITIAL, "ICDAT", t->levels[3]);
        return r && copy_text(buf, n, cell_of(x, r, "PCR")) ? AGRO_ELIMIT : AGRO_OK;
    case AGRO_DSSAT_TEXT_WEATHER_STATION:
    case AGRO_DSSAT_TEXT_SOIL_ID:
    case AGRO_DSSAT_TEXT_FIELD_ID:
        r = find_row(x, SEC_FIELDS, "ID_SOIL", t->levels[1]);
        return r && copy_text(buf, n, cell_of(x, r, which == AGRO_DSSAT_TEXT_WEATHER_STATION ? "WSTA"
                                                    : which == AGRO_DSSAT_TEXT_SOIL_ID ? "ID_SOIL"
                                                                                        : "ID_FIELD"))
                   ? AGRO_ELIMIT
                   : AGRO_OK;
    default:
        return AGRO_EINVAL;
    }
}

/* ------------------------------------------------------------------------------------ */
/* load / free                                                                           */

static struct agro_dssat_exp *exp_new(const char *path)
{
    struct agro_dssat_exp *x = calloc(1, sizeof *x);
    if (!x)
        return NULL;
    x->path = malloc(strlen(path) + 1);
    if (!x->path) {
        free(x);
        return NULL;
    }
    strcpy(x->path, path);
    return x;
}

void agro_dssat_exp_free(agro_dssat_exp *x)
{
    if (!x)
        return;
    free(x->path);
    free(x->arena);
    free(x->hdr);
    free(x->row);
    free(x->trt);
    free(x);
}

static int parse_file(agro_ctx *ctx, const char *path, struct agro_dssat_exp **out)
{
    *out = NULL;
    char *text = NULL;
    size_t len = 0;
    int rc = agro_read_file(ctx, path, &text, &len);
    if (rc)
        return rc;
    struct agro_dssat_exp *x = exp_new(path);
    if (!x) {
        free(text);
        return agro_fail(ctx, AGRO_ENOMEM, path, 0, NULL, "out of memory");
    }
    if (len == 0) {
        free(text);
        agro_dssat_exp_free(x);
        return agro_fail(ctx, AGRO_EFORMAT, path, 0, NULL, "empty file");
    }
    rc = parse_tables(ctx, x, text, len);
    free(text);
    if (rc) {
        agro_dssat_exp_free(x);
        return rc;
    }
    *out = x;
    return AGRO_OK;
}

int agro_dssat_exp_load(agro_ctx *ctx, const char *path, agro_dssat_exp **out)
{
    if (!out)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL, "NULL output");
    *out = NULL; /* on every error, as documented */
    struct agro_dssat_exp *x;
    int rc = parse_file(ctx, path, &x);
    if (rc)
        return rc;
    if ((rc = read_treatments(ctx, x))) {
        agro_dssat_exp_free(x);
        return rc;
    }
    /* resolve every treatment now so that a bad file fails at load, naming the line */
    agro_dssat_treatment *t = malloc(sizeof *t);
    if (!t) {
        agro_dssat_exp_free(x);
        return agro_fail(ctx, AGRO_ENOMEM, path, 0, NULL, "out of memory");
    }
    for (int k = 0; k < x->ntrt && rc == 0; k++)
        rc = agro_dssat_treatment_get(ctx, x, x->trt[k].number, t);
    free(t);
    if (rc) {
        agro_dssat_exp_free(x);
        return rc;
    }
    if (!x->code[0]) {
        /* no "*EXP.DETAILS: CODE" line: use the file name (UFGA8201.MZX) */
        const char *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        size_t k = 0;
        while (base[k] && base[k] != '.' && k < 8) {
            x->code[k] = base[k];
            k++;
        }
        x->code[k] = '\0';
        const char *dot = strrchr(base, '.');
        if (dot && strlen(dot) >= 3) {
            x->crop[0] = (char)agro_ascii_upper((unsigned char)dot[1]);
            x->crop[1] = (char)agro_ascii_upper((unsigned char)dot[2]);
            x->crop[2] = '\0';
        }
    }
    *out = x;
    return AGRO_OK;
}

int agro_dssat_exp_n_treatments(const agro_dssat_exp *x, int32_t *n)
{
    if (!x || !n)
        return AGRO_EINVAL;
    *n = x->ntrt;
    return AGRO_OK;
}

int agro_dssat_exp_treatment_number(const agro_dssat_exp *x, int32_t index, int32_t *number)
{
    if (!x || !number)
        return AGRO_EINVAL;
    if (index < 0 || index >= x->ntrt)
        return AGRO_ERANGE;
    *number = x->trt[index].number;
    return AGRO_OK;
}

int agro_dssat_exp_code(const agro_dssat_exp *x, char *code, size_t n, char *crop,
                        size_t n_crop)
{
    if (!x)
        return AGRO_EINVAL;
    const int cut = copy_text(code, n, x->code) | copy_text(crop, n_crop, x->crop);
    return cut ? AGRO_ELIMIT : AGRO_OK;
}

const char *agro_dssat_exp_path(const agro_dssat_exp *x) { return x ? x->path : ""; }

/* ------------------------------------------------------------------------------------ */
/* A file: end-of-season observations                                                    */

/* DSSAT READA_Dates: a value below 1000 is a day of year in the simulation-start year, or
 * in the next year when it is not after the start day. */
static int obs_date(const char *s, int32_t start_date, int32_t fwd, int32_t *out)
{
    *out = 0;
    if (is_missing_text(s))
        return 0;
    double v;
    if (parse_number(s, &v))
        return -1;
    if (!isfinite(v) || v <= 0)
        return 0;
    if (v >= 1e7 || v != floor(v))
        return -1; /* not YYDDD, YYYYDDD or a day of year */
    long iv = (long)v;
    if (iv < 1000) {
        int32_t sy = start_date / 1000, sd = start_date % 1000;
        int32_t y = iv > sd ? sy : sy + 1;
        if (iv > agro_days_in_year(y))
            return -1;
        *out = y * 1000 + (int32_t)iv;
        return 0;
    }
    char buf[16];
    snprintf(buf, sizeof buf, "%ld", iv);
    if (strlen(buf) < 5) {
        snprintf(buf, sizeof buf, "%05ld", iv);
    }
    if (parse_date(buf, fwd, out)) {
        *out = 0;
        return -1;
    }
    return 0;
}

static int days_from(int32_t from, int32_t to)
{
    int32_t d = 0;
    agro_days_between(from / 1000, from % 1000, to / 1000, to % 1000, &d);
    return d;
}

/* An observation file (A or T) being read for experiment x: its tables and a scratch
 * treatment for the dates. */
typedef struct obs_file {
    struct agro_dssat_exp *a;
    agro_dssat_treatment *t;
} obs_file;

/* A number of column @p name that must not be negative (missing stays NaN). */
static int get_nonneg(agro_ctx *ctx, const struct agro_dssat_exp *a, const xrow *row,
                      const char *name, double *v)
{
    int rc = get_num(ctx, a, row, name, v);
    if (rc == 0 && isfinite(*v) && *v < 0)
        rc = agro_fail(ctx, AGRO_ERANGE, a->path, row->line, name, "negative value (%g)", *v);
    return rc;
}

/* The DATE of a T-file row (obs_date), which must be there: AGRO_EFORMAT "not a date" naming
 * the row otherwise. */
static int obs_row_date(agro_ctx *ctx, const char *path, const obs_file *f, const xrow *row,
                        int32_t *date)
{
    const char *sd = cell_text(f->a, row, "DATE");
    if (obs_date(sd, f->t->start_date, f->a->first_weather_date, date) || *date == 0)
        return agro_fail(ctx, AGRO_EFORMAT, path, row->line, "DATE", "not a date (%s)", sd);
    return AGRO_OK;
}

static void obs_close(obs_file *f)
{
    free(f->t);
    agro_dssat_exp_free(f->a);
    f->t = NULL;
    f->a = NULL;
}

/* Two experiment codes are the same, case ignored. */
static int same_code(const char *a, const char *b)
{
    return strlen(a) == strlen(b) && agro_ascii_casecmp(a, b) == 0;
}

static int obs_open(agro_ctx *ctx, const char *path, const agro_dssat_exp *x, const void *out,
                    int32_t max, int32_t *n, obs_file *f)
{
    f->a = NULL;
    f->t = NULL;
    if (!x || !out || !n || max < 0)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL, "NULL argument");
    *n = 0;
    int rc = parse_file(ctx, path, &f->a);
    if (rc)
        return rc;
    /* the observations of another experiment would be matched to this one's treatments by
       number alone. DSSAT reads FILEA, the X file's name with the A extension, whatever its
       "*EXP. DATA (A): UFGA8201MZ" line says (DSSAT's own Maize/BRPI0202.MZA reads BRPI2002MZ
       there): a file whose name's first 8 characters (as for X files) are the experiment's
       code is its file; another is taken when its *EXP line gives that code */
    char named[16];
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const size_t nb = strcspn(base, ".");
    snprintf(named, sizeof named, "%.*s", (int)(nb < 8 ? nb : 8), base);
    const char *const own = f->a->code;
    if (!same_code(named, x->code) && !(own[0] && same_code(own, x->code))) {
        if (own[0])
            rc = agro_fail(ctx, AGRO_EINVAL, path, f->a->code_line, "EXP",
                           "observations of experiment %s (its *EXP line; %s by its file name), "
                           "not of %s", own, named, x->code);
        else
            rc = agro_fail(ctx, AGRO_EINVAL, path, 0, "EXP",
                           "observations of experiment %s (its file name), not of %s", named,
                           x->code);
        obs_close(f);
        return rc;
    }
    if (!(f->t = malloc(sizeof *f->t))) {
        obs_close(f);
        return agro_fail(ctx, AGRO_ENOMEM, path, 0, NULL, "out of memory");
    }
    f->a->first_weather_date = x->first_weather_date; /* its dates read as the X file's */
    return AGRO_OK;
}

/* 1 when @p row is a data row (TRNO, and @p need when not NULL) of a treatment that @p x
 * defines, with f->t resolved to it; 0 to skip the row (DSSAT compares only the treatments it
 * simulates); an error status for a bad treatment number. */
static int obs_row(agro_ctx *ctx, const char *path, obs_file *f, const xrow *row,
                   const agro_dssat_exp *x, const char *need)
{
    const xhdr *h = &f->a->hdr[row->hdr];
    if (hcol(h, "TRNO") < 0 || (need && hcol(h, need) < 0))
        return 0;
    if (row->level < 1)
        return agro_fail(ctx, AGRO_EFORMAT, path, row->line, "TRNO", "not a treatment number (%s)",
                         row->cell[0] ? row->cell[0] : "");
    if (!find_trt(x, row->level))
        return 0;
    int rc = agro_dssat_treatment_get(ctx, x, row->level, f->t);
    return rc ? rc : 1;
}

/* The line of the first header of @p a that has column @p col (and @p also when not NULL),
 * 0 when none: which kind of observation file @p a is (an A file's tables have TRNO and no
 * DATE; a T file's have both). */
static long obs_table_line(const struct agro_dssat_exp *a, const char *col, const char *also)
{
    for (int r = 0; r < a->nrow; r++) {
        const xhdr *h = &a->hdr[a->row[r].hdr];
        if (hcol(h, col) >= 0 && (!also || hcol(h, also) >= 0))
            return a->row[r].line;
    }
    return 0;
}

int agro_dssat_observed_load(agro_ctx *ctx, const char *path, const agro_dssat_exp *x,
                             agro_dssat_observed *out, int32_t max, int32_t *n)
{
    obs_file f;
    int rc = obs_open(ctx, path, x, out, max, n, &f);
    if (rc)
        return rc;
    struct agro_dssat_exp *a = f.a;
    const agro_dssat_treatment *t = f.t;
    /* another kind of file named after the experiment read as no observation, or as rows of
       missing values: the X file (no TRNO table), the T file (dated rows) */
    const long dated = obs_table_line(a, "TRNO", "DATE");
    if (dated || !obs_table_line(a, "TRNO", NULL)) {
        rc = dated ? agro_fail(ctx, AGRO_EFORMAT, path, dated, "DATE",
                               "a table of dated rows (in-season observations, a T file's); an A "
                               "file has one row per treatment and no DATE")
                   : agro_fail(ctx, AGRO_EFORMAT, path, 0, "TRNO",
                               "no table with a TRNO column: not a DSSAT A file");
        obs_close(&f);
        return rc;
    }
    int count = 0;
    for (int r = 0; r < a->nrow && rc == 0; r++) {
        const xrow *row = &a->row[r];
        int want = obs_row(ctx, path, &f, row, x, NULL);
        if (want <= 0) {
            rc = want;
            continue;
        }
        if (count >= max) {
            rc = agro_fail(ctx, AGRO_ELIMIT, path, row->line, "TRNO",
                           "more than %d observed treatments", (int)max);
            break;
        }
        agro_dssat_observed *o = &out[count];
        o->treatment = row->level;
        double hwam, hwah;
        if ((rc = get_num(ctx, a, row, "HWAM", &hwam)) ||
            (rc = get_num(ctx, a, row, "HWAH", &hwah)))
            break;
        o->yield_kg_ha = isfinite(hwam) ? hwam : hwah;
        if (isfinite(o->yield_kg_ha) && o->yield_kg_ha < 0) {
            rc = agro_fail(ctx, AGRO_ERANGE, path, row->line, "HWAM", "negative yield (%g)",
                           o->yield_kg_ha);
            break;
        }
        /* yield components, for the component statistics of `agrosim validate` */
        static const char *const comp[4] = {"HWUM", "H#AM", "CWAM", "LAIX"};
        double *dst[4] = {&o->kernel_weight_g, &o->kernels_m2, &o->tops_kg_ha, &o->lai_max};
        for (int c = 0; c < 4 && rc == 0; c++)
            rc = get_nonneg(ctx, a, row, comp[c], dst[c]);
        if (rc)
            break;
        const char *sa = cell_of(a, row, "ADAT"), *sm = cell_of(a, row, "MDAT");
        if (obs_date(sa, t->start_date, a->first_weather_date, &o->anthesis_date)) {
            rc = agro_fail(ctx, AGRO_EFORMAT, path, row->line, "ADAT", "not a date (%s)", sa);
            break;
        }
        if (obs_date(sm, t->start_date, a->first_weather_date, &o->maturity_date)) {
            rc = agro_fail(ctx, AGRO_EFORMAT, path, row->line, "MDAT", "not a date (%s)", sm);
            break;
        }
        o->anthesis_dap = o->maturity_dap = NAN;
        if (t->plant_date && o->anthesis_date)
            o->anthesis_dap = days_from(t->plant_date, o->anthesis_date);
        if (t->plant_date && o->maturity_date)
            o->maturity_dap = days_from(t->plant_date, o->maturity_date);
        count++;
    }
    obs_close(&f);
    if (rc == 0)
        *n = count;
    return rc;
}

/* ------------------------------------------------------------------------------------ */
/* T file: in-season observations                                                        */

int agro_dssat_timeseries_load(agro_ctx *ctx, const char *path, const agro_dssat_exp *x,
                               agro_dssat_observed_day *out, int32_t max, int32_t *n)
{
    obs_file f;
    int rc = obs_open(ctx, path, x, out, max, n, &f);
    if (rc)
        return rc;
    struct agro_dssat_exp *a = f.a;
    static const char *const col[4] = {"CWAD", "LAID", "GWAD", "CNAD"};
    /* an A file (or the X file) named after the experiment read as no observation */
    if (!obs_table_line(a, "TRNO", "DATE")) {
        rc = agro_fail(ctx, AGRO_EFORMAT, path, 0, "DATE",
                       "no table with TRNO and DATE columns: not a DSSAT T file");
        obs_close(&f);
        return rc;
    }
    int count = 0;
    for (int r = 0; r < a->nrow && rc == 0; r++) {
        const xrow *row = &a->row[r];
        int want = obs_row(ctx, path, &f, row, x, "DATE");
        if (want <= 0) {
            rc = want;
            continue;
        }
        double v[4];
        int any = 0;
        for (int c = 0; c < 4 && rc == 0; c++) {
            rc = get_nonneg(ctx, a, row, col[c], &v[c]);
            any |= isfinite(v[c]);
        }
        if (rc)
            break;
        if (!any)
            continue; /* a soil water or nitrate table */
        int32_t date = 0;
        if ((rc = obs_row_date(ctx, path, &f, row, &date)))
            break;
        if (count >= max) {
            rc = agro_fail(ctx, AGRO_ELIMIT, path, row->line, "TRNO",
                           "more than %d observed rows", (int)max);
            break;
        }
        agro_dssat_observed_day *o = &out[count++];
        o->treatment = row->level;
        o->date = date;
        o->tops_kg_ha = v[0];
        o->lai = v[1];
        o->grain_kg_ha = v[2];
        o->tops_n_kg_ha = v[3];
    }
    obs_close(&f);
    if (rc == 0)
        *n = count;
    return rc;
}

/* ------------------------------------------------------------------------------------ */
/* T file: pest and damage progress (DISES = Y)                                           */

int agro_dssat_tfile_path(const agro_dssat_exp *x, char *buf, size_t n)
{
    /* DSSAT names it after the X file with the extension's last letter T (FILET) */
    const char *p = agro_dssat_exp_path(x);
    const size_t len = p ? strlen(p) : 0;
    if (len < 2 || len >= n || (p[len - 1] != 'X' && p[len - 1] != 'x'))
        return -1;
    memcpy(buf, p, len + 1);
    buf[len - 1] = p[len - 1] == 'X' ? 'T' : 't';
    return 0;
}

/* The T-file headers of the maize pest codes, in AGRO_DSSAT_PEST_* order (MZCER048.PST). */
static const char *const pest_code[AGRO_DSSAT_PEST_N] = {
    "PLMD", "PLAD", "PSMD", "PRTD", "PSDD", "PWPD", "PASM",
    "ALMD", "ALAD", "ASMD", "ARTD", "ASDD", "NWPD"};

const char *agro_dssat_pest_code(int32_t code)
{
    return code >= 0 && code < AGRO_DSSAT_PEST_N ? pest_code[code] : NULL;
}

/* Sort one code's observations by date and average those of the same date (IPPROG). */
static void pest_merge(int32_t *date, double *value, int32_t *n)
{
    for (int32_t i = 1; i < *n; i++) /* insertion sort: a few dozen rows */
        for (int32_t j = i; j > 0 && date[j - 1] > date[j]; j--) {
            int32_t d = date[j];
            double v = value[j];
            date[j] = date[j - 1];
            value[j] = value[j - 1];
            date[j - 1] = d;
            value[j - 1] = v;
        }
    int32_t m = 0;
    for (int32_t i = 0; i < *n;) {
        int32_t j = i;
        double sum = 0.0;
        for (; j < *n && date[j] == date[i]; j++)
            sum += value[j];
        date[m] = date[i];
        value[m] = sum / (double)(j - i);
        m++;
        i = j;
    }
    *n = m;
}

int agro_dssat_pest_load_weather(agro_ctx *ctx, const char *path, const agro_dssat_exp *x,
                                 int32_t treatment, int32_t first_weather_date,
                                 agro_dssat_pest *out)
{
    if (!x)
        return agro_dssat_pest_load(ctx, path, x, treatment, out);
    struct agro_dssat_exp v = *x; /* as agro_dssat_treatment_get_weather */
    v.first_weather_date = first_weather_date;
    return agro_dssat_pest_load(ctx, path, &v, treatment, out);
}

int agro_dssat_pest_load(agro_ctx *ctx, const char *path, const agro_dssat_exp *x,
                         int32_t treatment, agro_dssat_pest *out)
{
    int32_t dummy = 0;
    obs_file f;
    int rc = obs_open(ctx, path, x, out, 0, &dummy, &f);
    if (rc)
        return rc;
    memset(out, 0, sizeof *out);
    out->treatment = treatment;
    struct agro_dssat_exp *a = f.a;
    /* one treatment: its dates are resolved once (a treatment x does not define has none) */
    if (!find_trt(x, treatment) || (rc = agro_dssat_treatment_get(ctx, x, treatment, f.t))) {
        obs_close(&f);
        return rc;
    }
    /* IPPROG keeps the days after planting (automatic planting: after the window's first day,
     * the earliest it can be) */
    const int32_t plant = f.t->plant_date ? f.t->plant_date : f.t->plant_first;
    for (int r = 0; r < a->nrow && rc == 0; r++) {
        const xrow *row = &a->row[r];
        const xhdr *h = &a->hdr[row->hdr];
        int any = 0;
        for (int c = 0; c < AGRO_DSSAT_PEST_N && !any; c++)
            any = hcol(h, pest_code[c]) >= 0;
        if (!any || hcol(h, "TRNO") < 0 || hcol(h, "DATE") < 0 || row->level != treatment)
            continue;
        int32_t date = 0;
        if ((rc = obs_row_date(ctx, path, &f, row, &date)))
            break;
        if (plant && days_from(plant, date) <= 0)
            continue;
        for (int c = 0; c < AGRO_DSSAT_PEST_N && rc == 0; c++) {
            double v;
            if ((rc = get_nonneg(ctx, a, row, pest_code[c], &v)) || !isfinite(v))
                continue;
            if (c <= AGRO_DSSAT_PEST_PASM && v > 100.0) {
                rc = agro_fail(ctx, AGRO_ERANGE, path, row->line, pest_code[c],
                               "damage %g %% per day above 100 %%", v);
                break;
            }
            /* absolute amounts: a day's damage beyond 10 kg/m² of dry matter (or 10000
               plants/m²) is no crop's; bounded, the interpolation stays finite */
            if (c > AGRO_DSSAT_PEST_PASM && v > AGRO_DSSAT_PEST_MAX_ABS) {
                rc = agro_fail(ctx, AGRO_ERANGE, path, row->line, pest_code[c],
                               "damage %g per m2 per day above %g", v,
                               (double)AGRO_DSSAT_PEST_MAX_ABS);
                break;
            }
            int32_t *n = &out->n_obs[c];
            if (*n >= AGRO_DSSAT_MAX_PEST_OBS) {
                rc = agro_fail(ctx, AGRO_ELIMIT, path, row->line, pest_code[c],
                               "more than %d observations of treatment %d",
                               AGRO_DSSAT_MAX_PEST_OBS, (int)treatment);
                break;
            }
            out->date[c][*n] = date;
            out->value[c][*n] = v;
            (*n)++;
        }
    }
    obs_close(&f);
    if (rc == 0)
        for (int c = 0; c < AGRO_DSSAT_PEST_N; c++)
            pest_merge(out->date[c], out->value[c], &out->n_obs[c]);
    return rc;
}

int agro_dssat_pest_damage(const agro_dssat_pest *p, int32_t date, agro_crop_damage *out)
{
    if (!p || !out)
        return AGRO_EINVAL;
    memset(out, 0, sizeof *out);
    /* a struct the caller filled: counts that index the arrays, and the values the reader
       accepts (0..100 % per day, 0..AGRO_DSSAT_PEST_MAX_ABS per m² per day) */
    for (int c = 0; c < AGRO_DSSAT_PEST_N; c++) {
        if (p->n_obs[c] < 0 || p->n_obs[c] > AGRO_DSSAT_MAX_PEST_OBS)
            return AGRO_ERANGE;
        const double hi = c <= AGRO_DSSAT_PEST_PASM ? 100.0 : (double)AGRO_DSSAT_PEST_MAX_ABS;
        for (int32_t j = 0; j < p->n_obs[c]; j++)
            if (!(p->value[c][j] >= 0.0 && p->value[c][j] <= hi))
                return AGRO_ERANGE;
    }
    double level[AGRO_DSSAT_PEST_N];
    for (int c = 0; c < AGRO_DSSAT_PEST_N; c++) {
        /* LINDM: 0 before the first observation and after the last, linear between */
        const int32_t n = p->n_obs[c];
        const int32_t *d = p->date[c];
        const double *v = p->value[c];
        level[c] = 0.0;
        if (n < 1 || date < d[0] || date > d[n - 1])
            continue;
        int32_t j = 0;
        while (j + 1 < n && d[j + 1] <= date)
            j++;
        if (d[j] == date || j + 1 >= n) {
            level[c] = v[j];
            continue;
        }
        const double span = days_from(d[j], d[j + 1]), t = days_from(d[j], date);
        level[c] = v[j] + (v[j + 1] - v[j]) * t / span;
    }
    /* coupling points (MZCER048.PST): leaf mass and leaf area both remove leaf mass */
    out->leaf_pct = fmin(100.0, level[AGRO_DSSAT_PEST_PLMD] + level[AGRO_DSSAT_PEST_PLAD]);
    out->stem_pct = level[AGRO_DSSAT_PEST_PSMD];
    out->root_pct = level[AGRO_DSSAT_PEST_PRTD];
    out->grain_pct = level[AGRO_DSSAT_PEST_PSDD];
    out->plants_pct = level[AGRO_DSSAT_PEST_PWPD];
    out->assimilate_pct = level[AGRO_DSSAT_PEST_PASM];
    out->leaf_g_m2 = level[AGRO_DSSAT_PEST_ALMD] + level[AGRO_DSSAT_PEST_ALAD];
    out->stem_g_m2 = level[AGRO_DSSAT_PEST_ASMD];
    out->root_g_m2 = level[AGRO_DSSAT_PEST_ARTD];
    out->grain_g_m2 = level[AGRO_DSSAT_PEST_ASDD];
    out->plants_m2 = level[AGRO_DSSAT_PEST_NWPD];
    return AGRO_OK;
}

int agro_dssat_pest_any(const agro_dssat_pest *p)
{
    int any = 0;
    for (int c = 0; p && c < AGRO_DSSAT_PEST_N; c++)
        any |= p->n_obs[c] > 0;
    return any;
}

size_t agro_sizeof_dssat_pest(void) { return sizeof(agro_dssat_pest); }

size_t agro_sizeof_dssat_treatment(void) { return sizeof(agro_dssat_treatment); }
size_t agro_sizeof_dssat_observed_day(void) { return sizeof(agro_dssat_observed_day); }
size_t agro_sizeof_dssat_observed(void) { return sizeof(agro_dssat_observed); }
