/*
 * DSSAT soil file (.SOL) reader. Format: DSSAT v4.8 soil data file description
 * (Hoogenboom et al., DSSAT-CSM documentation "Soil data file", ICASA standards):
 *   *ID  SOURCE TEXTURE DEPTH DESCRIPTION        one profile until the next '*' line
 *   @SITE COUNTRY LAT LONG SCS FAMILY            site line
 *   @ SCOM SALB SLU1 SLDR SLRO SLNF SLPF ...      surface line
 *   @ SLB SLMH SLLL SDUL SSAT SRGF SSKS ...       layer table (more tables may follow)
 * Every value is found under its header name: each whitespace-separated field goes to the
 * header name it overlaps most (DSSAT writes values right-aligned under their names, and text
 * fields such as SITE may hold spaces); a column no field overlaps takes the field at its
 * position when the line has exactly as many fields as the header. -99 means unknown.
 * SMPX on the surface line is a text code (SA002 → p_method 2); CACO3 and SLCA are different
 * columns (calcium carbonate, g/kg, and exchangeable Ca), told apart by name.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal/c_locale.h"
#include "internal/error.h"
#include "internal/json.h"
#include "internal/soil_profile.h"
#include "internal/text.h"

#define MAX_COLS 64
#define MAX_TOKENS 128
#define NAME_LEN 16

typedef struct span {
    int start, end; /* [start, end) columns within the line */
} span;

typedef struct header {
    int n;
    char name[MAX_COLS][NAME_LEN];
    span at[MAX_COLS];
    long line;
} header;

typedef struct fields {
    int n;
    span at[MAX_TOKENS];
    int col_of[MAX_TOKENS]; /* header column each token overlaps most, -1 if none */
    int same_count;         /* as many tokens as header columns */
} fields;

typedef struct reader {
    agro_ctx *ctx;
    const char *path;
    long line;      /* current line number */
    const char *s;  /* current line text (not NUL-terminated: len) */
    int len;
} reader;

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static void split(const char *s, int len, span *at, int *n, int max)
{
    *n = 0;
    int i = 0;
    while (i < len && *n < max) {
        while (i < len && is_ws(s[i]))
            i++;
        if (i >= len)
            break;
        int b = i;
        while (i < len && !is_ws(s[i]))
            i++;
        at[*n].start = b;
        at[*n].end = i;
        (*n)++;
    }
}

static int parse_header(const reader *r, header *h)
{
    span tok[MAX_COLS + 1];
    int n = 0, names_end = r->len;
    /* a '!' ends the header names, as in DSSAT's PARSE_HEADERS: a comment naming a column
       (SLB ...) must not become one */
    for (int i = 1; i < names_end; i++)
        if (r->s[i] == '!') {
            names_end = i;
            break;
        }
    split(r->s, names_end, tok, &n, MAX_COLS + 1);
    h->n = 0;
    h->line = r->line;
    for (int k = 0; k < n && h->n < MAX_COLS; k++) {
        int b = tok[k].start, e = tok[k].end;
        if (r->s[b] == '@')
            b++;
        if (b >= e)
            continue;
        int len = e - b < NAME_LEN - 1 ? e - b : NAME_LEN - 1;
        memcpy(h->name[h->n], r->s + b, (size_t)len);
        h->name[h->n][len] = '\0';
        h->at[h->n].start = b;
        h->at[h->n].end = e;
        h->n++;
    }
    /* a name written twice: its values were read from the first column and the second one's
       dropped (DSSAT reads the tiers by position, so it reads both) */
    for (int a = 0; a < h->n; a++)
        for (int b = a + 1; b < h->n; b++)
            if (strcmp(h->name[a], h->name[b]) == 0)
                return agro_fail(r->ctx, AGRO_EFORMAT, r->path, r->line, h->name[b],
                                 "column named twice in the header (columns %d and %d)", a + 1,
                                 b + 1);
    return AGRO_OK;
}

static int col_index(const header *h, const char *name)
{
    for (int k = 0; k < h->n; k++)
        if (strcmp(h->name[k], name) == 0)
            return k;
    return -1;
}

/* Split a data line and assign each field to a header column. */
static void parse_fields(const reader *r, const header *h, fields *f)
{
    int len = r->len;
    for (int i = 0; i < len; i++)
        if (r->s[i] == '!') { /* trailing comment */
            len = i;
            break;
        }
    split(r->s, len, f->at, &f->n, MAX_TOKENS);
    f->same_count = f->n == h->n;
    for (int k = 0; k < f->n; k++) {
        int best = -1, best_overlap = 0;
        for (int c = 0; c < h->n; c++) {
            int lo = f->at[k].start > h->at[c].start ? f->at[k].start : h->at[c].start;
            int hi = f->at[k].end < h->at[c].end ? f->at[k].end : h->at[c].end;
            if (hi - lo > best_overlap) {
                best_overlap = hi - lo;
                best = c;
            }
        }
        f->col_of[k] = best;
    }
}

/* Token index holding column c, or -1. */
static int token_of(const fields *f, int c)
{
    for (int k = 0; k < f->n; k++)
        if (f->col_of[k] == c)
            return k;
    /* misaligned line: fall back to the position when the counts agree and the token at that
     * position does not belong to another column */
    if (f->same_count && c < f->n && f->col_of[c] < 0)
        return c;
    return -1;
}

enum { REQUIRED = 1, OPTIONAL = 0 };

/* Copy field @p k of the line into @p buf (@p n bytes, cut to fit, NUL-terminated); returns
 * its length. */
static int token_text(const reader *r, const fields *f, int k, char *buf, size_t n)
{
    int len = f->at[k].end - f->at[k].start;
    if (len >= (int)n)
        len = (int)n - 1;
    memcpy(buf, r->s + f->at[k].start, (size_t)len);
    buf[len] = '\0';
    return len;
}

/*
 * Read the number under column @p name. Absent column or -99: NaN (error if required).
 * A field that is not a number is an error.
 */
static int get_number(const reader *r, const header *h, const fields *f, const char *name,
                      int required, double *out)
{
    *out = NAN;
    int c = col_index(h, name);
    if (c < 0) {
        if (required)
            return agro_fail(r->ctx, AGRO_EMISSING, r->path, h->line, name,
                             "required column %s missing from the header", name);
        return AGRO_OK;
    }
    int k = token_of(f, c);
    if (k < 0) {
        if (required)
            return agro_fail(r->ctx, AGRO_EFORMAT, r->path, r->line, name,
                             "truncated line: no value under column %s", name);
        return AGRO_OK;
    }
    char buf[64];
    /* never a number read cut: the first 63 characters of 70 zeros and a 2 are 0 */
    if (token_text(r, f, k, buf, sizeof buf) != f->at[k].end - f->at[k].start)
        return agro_fail(r->ctx, AGRO_EFORMAT, r->path, r->line, name,
                         "value of %d characters is too long for a number (\"%.20s...\")",
                         f->at[k].end - f->at[k].start, buf);
    char *end = NULL;
    double v = agro_strtod(buf, &end);
    if (end == buf || *end != '\0' || !isfinite(v))
        return agro_fail(r->ctx, AGRO_EFORMAT, r->path, r->line, name, "not a number (\"%s\")", buf);
    if (fabs(v + 99.0) < 0.5) { /* DSSAT missing value -99 (also -99.0, -99.9) */
        if (required)
            return agro_fail(r->ctx, AGRO_EMISSING, r->path, r->line, name,
                             "required value is missing (-99)");
        return AGRO_OK;
    }
    *out = v;
    return AGRO_OK;
}

/*
 * Read SMPX, the extraction method of SLPX (DSSAT-CSM 4.8 SoilPi_init.for), into @p out as the
 * number of its code: SA001..SA015 give 1..15; an absent column or value, -99, and codes of
 * other families, such as the IBSNAT placeholder IB001 that DSSAT's tools write when no method
 * is recorded (also seen cut to IB00 or B001 in shipped files), give 0 (unknown). Anything else,
 * including an SA code outside SA001..SA015, is a format error.
 */
static int get_p_method(const reader *r, const header *h, const fields *f, int32_t *out)
{
    *out = 0;
    int c = col_index(h, "SMPX");
    int k = c < 0 ? -1 : token_of(f, c);
    if (k < 0)
        return AGRO_OK;
    char buf[32];
    const int len = token_text(r, f, k, buf, sizeof buf);
    char *end = NULL;
    double v = agro_strtod(buf, &end);
    if (end != buf && *end == '\0' && fabs(v + 99.0) < 0.5)
        return AGRO_OK; /* -99: unknown */
    int letters = 0, digits = 0;
    while (letters < len && isupper((unsigned char)buf[letters]))
        letters++;
    while (letters + digits < len && isdigit((unsigned char)buf[letters + digits]))
        digits++;
    const int code = letters >= 1 && digits >= 1 && letters + digits == len && len <= 5;
    const int sa = len >= 2 && buf[0] == 'S' && buf[1] == 'A';
    if (code && !sa)
        return AGRO_OK; /* another code family (IB001 ...): no P extraction method given */
    long n = code && letters == 2 ? strtol(buf + 2, NULL, 10) : 0;
    if (n < 1 || n > 15)
        return agro_fail(r->ctx, AGRO_EFORMAT, r->path, r->line, "SMPX",
                         "P extraction method must be a code SA001..SA015 or -99 (\"%s\")", buf);
    *out = (int32_t)n;
    return AGRO_OK;
}

/* Advance to the next line of the buffer; returns 0 at the end. */
static int next_line(reader *r, const char **cursor, const char *end)
{
    if (*cursor >= end)
        return 0;
    size_t len;
    r->s = *cursor;
    *cursor += agro_text_line(r->s, (size_t)(end - r->s), &len);
    r->len = (int)len;
    r->line++;
    return 1;
}

static int blank(const reader *r)
{
    for (int i = 0; i < r->len; i++)
        if (!is_ws(r->s[i]))
            return 0;
    return 1;
}

/* Does the '*' line hold profile @p id (the word right after the star)? */
static int is_profile(const reader *r, const char *id)
{
    size_t n = strlen(id);
    if (r->len < 1 || r->s[0] != '*' || (size_t)(r->len - 1) < n)
        return 0;
    if (memcmp(r->s + 1, id, n) != 0)
        return 0;
    return (size_t)(r->len - 1) == n || is_ws(r->s[1 + n]);
}

enum { SEC_NONE, SEC_SITE, SEC_SURFACE, SEC_LAYERS, SEC_OTHER };

typedef struct parse_state {
    int section;
    int rows;          /* data lines read in the current section */
    int table;         /* layer table index: 0 first, 1.. later ones */
    int row_in_table;
    header h;
} parse_state;

static int read_layer_row(reader *r, parse_state *st, agro_soil_profile *p, soil_origin *o)
{
    fields f;
    parse_fields(r, &st->h, &f);
    if (f.n == 0)
        return AGRO_OK;
    double d;
    int rc = get_number(r, &st->h, &f, "SLB", REQUIRED, &d);
    if (rc)
        return rc;
    int i;
    if (st->table == 0) {
        if (p->n_layers >= AGRO_SOIL_MAX_LAYERS)
            return agro_fail(r->ctx, AGRO_ELIMIT, r->path, r->line, "SLB",
                             "more than %d layers", AGRO_SOIL_MAX_LAYERS);
        i = p->n_layers++;
        p->depth_cm[i] = d;
        o->layer_line[i] = r->line;
        if ((rc = get_number(r, &st->h, &f, "SLLL", REQUIRED, &p->ll[i])) ||
            (rc = get_number(r, &st->h, &f, "SDUL", REQUIRED, &p->dul[i])) ||
            (rc = get_number(r, &st->h, &f, "SSAT", REQUIRED, &p->sat[i])) ||
            (rc = get_number(r, &st->h, &f, "SRGF", REQUIRED, &p->root_growth_factor[i])))
            return rc;
    } else {
        /* a later table (SLPX, SLPT ...): its rows must be layers of the first table */
        i = st->row_in_table;
        if (i >= p->n_layers || fabs(p->depth_cm[i] - d) > 1e-6)
            return agro_fail(r->ctx, AGRO_EFORMAT, r->path, r->line, "SLB",
                             "layer %d of this table (bottom %g cm) does not match layer %d of "
                             "the first layer table", i + 1, d, i + 1);
    }
    st->row_in_table++;
    /* optional columns may sit in any table */
    static const char *const names[] = {"SSKS", "SBDM", "SLOC", "SLCL", "SLSI", "SLCF", "SLNI", "SLHW",
                                        "SADC", "SCEC", "CACO3", "SLBS", "SLKE", "SLPX", "SLPO"};
    double *dst[] = {&p->ksat_cm_h[i],  &p->bulk_density_g_cm3[i], &p->organic_carbon_pct[i],
                     &p->clay_pct[i],   &p->silt_pct[i],           &p->stones_pct[i],
                     &p->total_n_pct[i], &p->ph_water[i], &p->anion_adsorption_cm3_g[i],
                     &p->cec_cmol_kg[i], &p->caco3_g_kg[i], &p->base_sum_cmol_kg[i],
                     &p->exch_k_cmol_kg[i], &p->extractable_p_mg_kg[i], &p->organic_p_mg_kg[i]};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        if (col_index(&st->h, names[k]) < 0)
            continue;
        double v;
        if ((rc = get_number(r, &st->h, &f, names[k], OPTIONAL, &v)))
            return rc;
        if (k == 1 && v <= 0.0)
            v = NAN; /* SBDM 0.00 is written for "not measured" in DSSAT files */
        if (st->table > 0 && isnan(v))
            continue; /* a later table does not erase what the first one gave */
        if (k == 5 && isnan(v))
            v = 0.0; /* unknown coarse fraction: none */
        *dst[k] = v;
        /* the checks name the line the value is on: this table's row, not the first table's */
        const int q = agro_soil_quantity(names[k], SOIL_NAMES_DSSAT);
        if (q >= 0)
            o->value_line[i][q] = st->table > 0 ? r->line : 0;
    }
    return AGRO_OK;
}

static int parse_profile(reader *r, const char **cursor, const char *end, agro_soil_profile *p,
                         soil_origin *o)
{
    parse_state st;
    memset(&st, 0, sizeof st);
    st.section = SEC_NONE;
    st.table = -1;
    int have_surface = 0;
    int rc;
    long start_line = r->line;
    const char *prev = *cursor;
    while (next_line(r, cursor, end)) {
        if (r->len > 0 && r->s[0] == '*') { /* next profile: give the line back */
            *cursor = prev;
            r->line--;
            break;
        }
        prev = *cursor;
        if (r->len > 0 && r->s[0] == '!')
            continue;
        if (blank(r))
            continue;
        if (r->s[0] == '@') {
            if ((rc = parse_header(r, &st.h)))
                return rc;
            st.rows = 0;
            if (col_index(&st.h, "SLB") >= 0) {
                st.section = SEC_LAYERS;
                st.table++;
                st.row_in_table = 0;
                if (st.table == 0) {
                    static const char *const req[] = {"SLLL", "SDUL", "SSAT", "SRGF"};
                    for (size_t k = 0; k < 4; k++)
                        if (col_index(&st.h, req[k]) < 0)
                            return agro_fail(r->ctx, AGRO_EMISSING, r->path, r->line, req[k],
                                             "required column %s missing from the layer header",
                                             req[k]);
                }
            } else if (col_index(&st.h, "SALB") >= 0) {
                st.section = SEC_SURFACE;
            } else if (col_index(&st.h, "SITE") >= 0 || col_index(&st.h, "LAT") >= 0) {
                st.section = SEC_SITE;
            } else {
                st.section = SEC_OTHER;
            }
            continue;
        }
        if (st.section == SEC_NONE)
            return agro_fail(r->ctx, AGRO_EFORMAT, r->path, r->line, NULL,
                             "data line before any @ header line");
        fields f;
        if (st.section == SEC_SITE || st.section == SEC_SURFACE) {
            parse_fields(r, &st.h, &f);
            if (f.n == 0)
                continue; /* only a comment, as a layer row of only a comment */
            /* one line each: DSSAT stops at a second site line (IPSOIL_Inp error 3) and takes the
               last of several surface lines, where the first was taken here without a word */
            if (st.rows++ > 0)
                return agro_fail(r->ctx, AGRO_EFORMAT, r->path, r->line, st.h.name[0],
                                 "a second data line under the %s header of line %ld, which "
                                 "takes one", st.section == SEC_SITE ? "site" : "surface",
                                 st.h.line);
        }
        if (st.section == SEC_SITE) {
            o->site_line = r->line;
            if ((rc = get_number(r, &st.h, &f, "LAT", OPTIONAL, &p->latitude_deg)) ||
                (rc = get_number(r, &st.h, &f, "LONG", OPTIONAL, &p->longitude_deg)))
                return rc;
        } else if (st.section == SEC_SURFACE) {
            o->surface_line = r->line;
            have_surface = 1;
            if ((rc = get_number(r, &st.h, &f, "SALB", REQUIRED, &p->albedo)) ||
                (rc = get_number(r, &st.h, &f, "SLU1", OPTIONAL, &p->evap_limit_mm)) ||
                (rc = get_number(r, &st.h, &f, "SLDR", OPTIONAL, &p->drainage_rate_d)) ||
                (rc = get_number(r, &st.h, &f, "SLRO", REQUIRED, &p->runoff_curve_number)) ||
                (rc = get_number(r, &st.h, &f, "SLNF", OPTIONAL, &p->mineralisation_factor)) ||
                (rc = get_number(r, &st.h, &f, "SLPF", OPTIONAL, &p->photosynthesis_factor)) ||
                (rc = get_p_method(r, &st.h, &f, &p->p_method)))
                return rc;
            if (isnan(p->mineralisation_factor))
                p->mineralisation_factor = 1.0; /* DSSAT: no mineralisation limitation */
            if (isnan(p->photosynthesis_factor))
                p->photosynthesis_factor = 1.0; /* DSSAT: no photosynthesis limitation */
        } else if (st.section == SEC_LAYERS) {
            if ((rc = read_layer_row(r, &st, p, o)))
                return rc;
        }
    }
    if (!have_surface)
        return agro_fail(r->ctx, AGRO_EMISSING, r->path, start_line, "SALB",
                         "profile has no surface line (@ SCOM SALB SLU1 SLDR SLRO ...)");
    if (p->n_layers == 0)
        return agro_fail(r->ctx, AGRO_EMISSING, r->path, start_line, "SLB",
                         "profile has no layer table (@ SLB SLMH SLLL SDUL SSAT ...)");
    if (st.table > 0 && st.row_in_table != p->n_layers && st.row_in_table != 0)
        return agro_fail(r->ctx, AGRO_EFORMAT, r->path, r->line, "SLB",
                         "last layer table has %d rows, the first has %d", st.row_in_table,
                         (int)p->n_layers);
    return AGRO_OK;
}

/* What DSSAT-CSM 4.8 does with a profile's values before it simulates (IPSOIL_Inp: the
 * corrections it warns about; SOILDYN RUNINIT: the defaults), so that a profile DSSAT runs
 * runs here too, with DSSAT's values:
 *  - SLU1 missing or below 1e-4: 6 mm; SLDR missing or below 1e-4: 0.25 /d; SLRO above 0
 *    clamped to 25..98; SLNF outside 0..1 and SLPF below 1e-4: 1; SALB and SLRO not above 0
 *    are errors, as there;
 *  - per layer, LL, DUL and SAT closer than 0.01: SAT = DUL + 0.01, LL = DUL − 0.01 (an
 *    inversion by more than 1e-4 stays an error, as there); SSKS below 1e-4 unknown (before
 *    any re-layering, so a merged layer is unknown too); SBDM unknown: 1.2 g/cm³ (SOILDYN);
 *    pH not above 1 or above 10 unknown (7 where read, SOILDYN). */
static int dssat_input_rules(agro_ctx *ctx, agro_soil_profile *p, const soil_origin *o)
{
    if (!(p->albedo > 0.0))
        return agro_fail(ctx, AGRO_ERANGE, o->file, o->surface_line, "SALB",
                         "albedo must be above 0 (%g), as DSSAT requires", p->albedo);
    if (!(p->evap_limit_mm >= 1e-4)) p->evap_limit_mm = 6.0;
    if (!(p->drainage_rate_d >= 1e-4)) p->drainage_rate_d = 0.25;
    /* CN2 <= 0 stops IPSOIL_Inp (error 11) before SOILDYN's clamp: left for the range check */
    if (p->runoff_curve_number > 0.0 && p->runoff_curve_number < 25.0) p->runoff_curve_number = 25.0;
    if (p->runoff_curve_number > 98.0) p->runoff_curve_number = 98.0;
    if (!(p->mineralisation_factor >= 0.0 && p->mineralisation_factor <= 1.0)) p->mineralisation_factor = 1.0;
    if (!(p->photosynthesis_factor >= 1e-4)) p->photosynthesis_factor = 1.0;
    for (int32_t i = 0; i < p->n_layers && i < AGRO_SOIL_MAX_LAYERS; i++) {
        const double ll = p->ll[i], dul = p->dul[i], sat = p->sat[i];
        if (isfinite(dul) && isfinite(sat) && dul - sat <= 1e-4 && fabs(sat - dul) < 0.01)
            p->sat[i] = dul + 0.01;
        if (isfinite(ll) && isfinite(dul) && ll - dul <= 1e-4 && fabs(dul - ll) < 0.01)
            p->ll[i] = dul - 0.01;
        /* a pull past 0 or 1 is refused naming the values the file gives, not the pulled one */
        if (p->ll[i] < 0.0 && ll >= 0.0)
            return agro_fail(ctx, AGRO_ERANGE, o->file, o->layer_line[i], "SLLL",
                             "layer %d (bottom %g cm): LL %g and DUL %g are closer than 0.01, and "
                             "DSSAT's LL = DUL - 0.01 would be %g, below 0", (int)i + 1,
                             p->depth_cm[i], ll, dul, p->ll[i]);
        if (p->sat[i] > 1.0 && sat <= 1.0)
            return agro_fail(ctx, AGRO_ERANGE, o->file, o->layer_line[i], "SSAT",
                             "layer %d (bottom %g cm): SAT %g and DUL %g are closer than 0.01, and "
                             "DSSAT's SAT = DUL + 0.01 would be %g, above 1", (int)i + 1,
                             p->depth_cm[i], sat, dul, p->sat[i]);
        if (p->ksat_cm_h[i] < 1e-4) p->ksat_cm_h[i] = NAN;
        if (!(p->bulk_density_g_cm3[i] >= 0.001)) p->bulk_density_g_cm3[i] = 1.2;
        if (p->ph_water[i] <= 1.0 || p->ph_water[i] > 10.0) p->ph_water[i] = NAN;
    }
    return AGRO_OK;
}

int agro_soil_load_dssat(agro_ctx *ctx, const char *path, const char *id, agro_soil_profile *out)
{
    if (!path || !id || !out)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, "ID", "no soil file, profile ID or output given");
    if (!id[0] || strlen(id) >= AGRO_SOIL_ID_MAX)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, "ID", "profile ID must have 1 to %d characters",
                         AGRO_SOIL_ID_MAX - 1);
    for (const char *c = id; *c; c++)
        if (isspace((unsigned char)*c))
            return agro_fail(ctx, AGRO_EINVAL, path, 0, "ID", "profile ID \"%s\" contains a space", id);
    char *text = NULL;
    size_t len = 0;
    int rc = agro_read_file(ctx, path, &text, &len);
    if (rc)
        return rc;
    if (len == 0 || strspn(text, " \t\r\n") == len) {
        free(text);
        return agro_fail(ctx, AGRO_EFORMAT, path, 0, NULL, "empty file");
    }
    reader r = {ctx, path, 0, NULL, 0};
    const char *cursor = text, *end = text + len;
    agro_soil_profile p;
    agro_soil_profile_clear(&p);
    soil_origin o;
    memset(&o, 0, sizeof o);
    o.file = path;
    o.names = SOIL_NAMES_DSSAT;
    rc = AGRO_ENOTFOUND;
    while (next_line(&r, &cursor, end)) {
        if (is_profile(&r, id)) {
            rc = parse_profile(&r, &cursor, end, &p, &o);
            break;
        }
    }
    free(text);
    if (rc == AGRO_ENOTFOUND)
        return agro_fail(ctx, AGRO_ENOTFOUND, path, 0, "ID", "soil profile \"%s\" not found", id);
    if (rc)
        return rc;
    if ((rc = dssat_input_rules(ctx, &p, &o)) || (rc = agro_soil_check(ctx, &p, &o)))
        return rc;
    *out = p;
    return AGRO_OK;
}
