/* Maize cultivar coefficients: DSSAT MZCER048.CUL/.ECO readers (columns found by header
 * name), JSON cultivar files, validation against the documented MZCER048 ranges. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agrosim/maize.h"
#include "internal/c_locale.h"
#include "internal/error.h"
#include "internal/json.h"
#include "internal/text.h"

/* DSSAT MZCER048.ECO "DFAULT" ecotype (DSSAT-CSM 4.8 Genotype/MZCER048.ECO). */
int agro_maize_ecotype_default(agro_maize_cultivar *c) {
    if (!c) return AGRO_EINVAL;
    c->tbase_C = 8.0;
    c->topt_C = 34.0;
    c->ropt_C = 34.0;
    c->p20_h = 12.5;
    c->djti_d = 4.0;
    c->gdde_Cd_cm = 6.0;
    c->dsgft_Cd = 170.0;
    c->rue_g_MJ = 4.2;
    c->kcan = 0.85;
    c->tsen_C = 6.0;
    c->cday_d = 15.0;
    return AGRO_OK;
}

size_t agro_sizeof_maize_cultivar(void) { return sizeof(agro_maize_cultivar); }

typedef struct coef_range {
    const char *name;
    size_t offset;
    double lo, hi;
} coef_range;

/* Ranges: physically plausible bounds. The MZCER048.CUL MINIMA/MAXIMA lines (P1 5–450,
 * P2 0–2, P5 580–999, G2 248–990, G3 5–16.5, PHINT 38–75) are calibration bounds that several
 * shipped cultivars exceed (e.g. G2 1170, G3 4.8), so they are widened here; MZCER048.ECO
 * documents no ranges. */
static const coef_range RANGES[] = {
    {"P1", offsetof(agro_maize_cultivar, p1_Cd), 1.0, 1000.0},
    {"P2", offsetof(agro_maize_cultivar, p2_d_per_h), 0.0, 5.0},
    {"P5", offsetof(agro_maize_cultivar, p5_Cd), 200.0, 2000.0},
    /* from 51: MZ_PHENOL floors the kernels per plant at 51 after capping them at G2, so a G2
       below 51 set more kernels than the cultivar's potential */
    {"G2", offsetof(agro_maize_cultivar, g2_kernels), 51.0, 2000.0},
    {"G3", offsetof(agro_maize_cultivar, g3_mg_d), 1.0, 30.0},
    {"PHINT", offsetof(agro_maize_cultivar, phint_Cd), 20.0, 120.0},
    {"TBASE", offsetof(agro_maize_cultivar, tbase_C), 0.0, 15.0},
    {"TOPT", offsetof(agro_maize_cultivar, topt_C), 20.0, 45.0},
    {"ROPT", offsetof(agro_maize_cultivar, ropt_C), 20.0, 45.0},
    {"P20", offsetof(agro_maize_cultivar, p20_h), 8.0, 20.0},
    {"DJTI", offsetof(agro_maize_cultivar, djti_d), 1.0, 30.0},
    {"GDDE", offsetof(agro_maize_cultivar, gdde_Cd_cm), 1.0, 30.0},
    {"DSGFT", offsetof(agro_maize_cultivar, dsgft_Cd), 50.0, 400.0},
    {"RUE", offsetof(agro_maize_cultivar, rue_g_MJ), 0.5, 8.0},
    {"KCAN", offsetof(agro_maize_cultivar, kcan), 0.1, 1.5},
    {"TSEN", offsetof(agro_maize_cultivar, tsen_C), -10.0, 20.0},
    /* from 1: MZ_GROSUB fails the crop once ICOLD >= CDAY, and ICOLD is 0 after a warm night,
       so a CDAY below 1 killed every crop on its emergence day whatever the weather */
    {"CDAY", offsetof(agro_maize_cultivar, cday_d), 1.0, 100.0},
};
#define N_RANGES (sizeof RANGES / sizeof RANGES[0])

/* 1 when effective grain fill would end before it begins: MZ_PHENOL starts it at SUMDTT >=
   DSGFT after silking and ends it at 0.95·P5, so a DSGFT at or above 0.95·P5 left one day of
   grain fill (DSGFT 400 with P5 200: 137 kg/ha where the cultivar's phases allow 8 t/ha) */
static int grain_fill_inverted(const agro_maize_cultivar *c) {
    return !(c->dsgft_Cd < 0.95 * c->p5_Cd);
}
#define GRAIN_FILL_MSG "DSGFT %g C.d is not below 0.95*P5 = %g C.d: effective grain fill " \
                       "(stage 5) would end before it begins"

int agro_maize_cultivar_validate(agro_ctx *ctx, const agro_maize_cultivar *c, const char *name) {
    if (!c) return agro_fail(ctx, AGRO_EINVAL, name, 0, NULL, "NULL cultivar");
    for (size_t i = 0; i < N_RANGES; i++) {
        double v = *(const double *)((const char *)c + RANGES[i].offset);
        if (!isfinite(v) || v < RANGES[i].lo || v > RANGES[i].hi)
            return agro_fail(ctx, AGRO_ERANGE, name, 0, RANGES[i].name,
                             "value %g outside [%g, %g]", v, RANGES[i].lo, RANGES[i].hi);
    }
    if (grain_fill_inverted(c))
        return agro_fail(ctx, AGRO_ERANGE, name, 0, "DSGFT", GRAIN_FILL_MSG, c->dsgft_Cd,
                         0.95 * c->p5_Cd);
    return AGRO_OK;
}

/* ---------------------------------------------------------------- DSSAT column files */

#define MAXTOK 40
typedef struct tok {
    int start, end; /* [start, end) byte columns */
    char text[32];
    int too_long;   /* the token has more characters than text can hold */
} tok;

static int tokenize(const char *line, int len, tok *t, int max) {
    int n = 0, i = 0;
    while (i < len && n < max) {
        while (i < len && (line[i] == ' ' || line[i] == '\t')) i++;
        if (i >= len) break;
        int s = i;
        while (i < len && line[i] != ' ' && line[i] != '\t') i++;
        t[n].start = s;
        t[n].end = i;
        int k = i - s;
        t[n].too_long = k > 31;
        if (k > 31) k = 31;
        memcpy(t[n].text, line + s, (size_t)k);
        t[n].text[k] = '\0';
        n++;
    }
    return n;
}

/*
 * Find record @p id in a DSSAT column file whose header starts with @p hdr_tag ("@VAR#" or
 * "@ECO#"). The header's second token is a free-text name column; every later header token
 * names a right-aligned column. Each data token after the name is given to the header column
 * whose end is nearest to the token's end (DSSAT files are not always exactly aligned).
 * Values of the wanted @p cols (n_cols names) are returned as strings in @p vals; a wanted
 * column that two tokens claim (a shifted line) or a value longer than 31 characters is an
 * AGRO_EFORMAT error, so no value is silently dropped or cut.
 */
static int find_record(agro_ctx *ctx, const char *path, const char *hdr_tag, const char *id,
                       const char *const *cols, int n_cols, char vals[][32], long *line_out) {
    char *text = NULL;
    size_t size = 0;
    int status = agro_read_file(ctx, path, &text, &size);
    if (status) return status;
    tok hdr[MAXTOK];
    int n_hdr = 0;
    int colidx[16];
    long lineno = 0;
    int found = 0;
    size_t tag_len = strlen(hdr_tag);
    for (const char *line = text; line < text + size;) {
        size_t line_len;
        const char *next = line + agro_text_line(line, (size_t)(text + size - line), &line_len);
        int len = (int)line_len;
        lineno++;
        if ((size_t)len >= tag_len && strncmp(line, hdr_tag, tag_len) == 0) {
            n_hdr = tokenize(line, len, hdr, MAXTOK);
            for (int k = 0; k < n_cols; k++) {
                colidx[k] = -1;
                for (int j = 2; j < n_hdr; j++)
                    if (strcmp(hdr[j].text, cols[k]) == 0) colidx[k] = j;
            }
            line = next;
            continue;
        }
        if (n_hdr < 3 || len == 0 || line[0] == '!' || line[0] == '*' || line[0] == '@' ||
            line[0] == '$') {
            line = next;
            continue;
        }
        tok dt[MAXTOK];
        int nd = tokenize(line, len, dt, MAXTOK);
        if (nd < 1 || dt[0].too_long || strcmp(dt[0].text, id) != 0) {
            line = next;
            continue;
        }
        for (int k = 0; k < n_cols; k++) {
            if (colidx[k] < 0) {
                status = agro_fail(ctx, AGRO_EMISSING, path, lineno, cols[k],
                                   "column missing from the header");
                goto done;
            }
        }
        /* data tokens after the name column */
        int name_end = hdr[2].start; /* the first value column starts after the name */
        for (int k = 0; k < n_cols; k++) vals[k][0] = '\0';
        for (int j = 1; j < nd; j++) {
            if (dt[j].start < name_end - 1 && dt[j].end <= name_end) continue;
            int best = -1, bestd = 1 << 30;
            for (int h = 2; h < n_hdr; h++) {
                int dd = abs(hdr[h].end - dt[j].end);
                if (dd < bestd) { bestd = dd; best = h; }
            }
            for (int k = 0; k < n_cols; k++) {
                if (colidx[k] != best) continue;
                if (dt[j].too_long) {
                    status = agro_fail(ctx, AGRO_EFORMAT, path, lineno, cols[k],
                                       "value longer than 31 characters ('%s...')", dt[j].text);
                    goto done;
                }
                if (vals[k][0] != '\0') {
                    status = agro_fail(ctx, AGRO_EFORMAT, path, lineno, cols[k],
                                       "two values under this column ('%s' and '%s'): "
                                       "values shifted out of their columns?",
                                       vals[k], dt[j].text);
                    goto done;
                }
                snprintf(vals[k], 32, "%s", dt[j].text);
            }
        }
        found = 1;
        if (line_out) *line_out = lineno;
        break;
    }
    if (!found)
        status = agro_fail(ctx, AGRO_ENOTFOUND, path, 0, hdr_tag + 1, "ID '%s' not found", id);
done:
    free(text);
    return status;
}

static int parse_num(agro_ctx *ctx, const char *path, long line, const char *col, const char *s,
                     double *out) {
    char *end = NULL;
    if (!s[0]) return agro_fail(ctx, AGRO_EMISSING, path, line, col, "no value");
    double v = agro_strtod(s, &end);
    if (end == s || *end != '\0' || !isfinite(v))
        return agro_fail(ctx, AGRO_EFORMAT, path, line, col, "not a number ('%s')", s);
    if (v <= -99.0) return agro_fail(ctx, AGRO_EMISSING, path, line, col, "missing value (%s)", s);
    *out = v;
    return AGRO_OK;
}

/* 1 for a number at or below DSSAT's missing value -99, as parse_num refuses it */
static int dssat_missing(const char *s) {
    char *end = NULL;
    const double v = agro_strtod(s, &end);
    return end != s && *end == '\0' && v <= -99.0;
}

/* Range check of RANGES[@p first .. @p last) naming the file and line the values came from. */
static int check_ranges(agro_ctx *ctx, const agro_maize_cultivar *c, size_t first, size_t last,
                        const char *path, long line, const char *id) {
    for (size_t i = first; i < last; i++) {
        double v = *(const double *)((const char *)c + RANGES[i].offset);
        if (!isfinite(v) || v < RANGES[i].lo || v > RANGES[i].hi)
            return agro_fail(ctx, AGRO_ERANGE, path, line, RANGES[i].name,
                             "%s: value %g outside [%g, %g]", id, v, RANGES[i].lo, RANGES[i].hi);
    }
    return AGRO_OK;
}

int agro_maize_cultivar_load_dssat(agro_ctx *ctx, const char *cul_path, const char *eco_path,
                                   const char *cultivar_id, agro_maize_cultivar *out) {
    if (!cul_path || !eco_path || !cultivar_id || !out)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL argument");
    static const char *const cul_cols[] = {"ECO#", "P1", "P2", "P5", "G2", "G3", "PHINT"};
    char v[16][32];
    long line = 0;
    int st = find_record(ctx, cul_path, "@VAR#", cultivar_id, cul_cols, 7, v, &line);
    if (st) return st;
    agro_maize_cultivar c;
    memset(&c, 0, sizeof c);
    double *dst[6] = {&c.p1_Cd, &c.p2_d_per_h, &c.p5_Cd, &c.g2_kernels, &c.g3_mg_d, &c.phint_Cd};
    for (int k = 0; k < 6; k++)
        if ((st = parse_num(ctx, cul_path, line, cul_cols[k + 1], v[k + 1], dst[k]))) return st;
    char eco[32];
    snprintf(eco, sizeof eco, "%s", v[0]);
    static const char *const eco_cols[] = {"TBASE", "TOPT", "ROPT", "P20", "DJTI", "GDDE",
                                           "DSGFT", "RUE", "KCAN", "TSEN", "CDAY"};
    long eline = 0;
    st = find_record(ctx, eco_path, "@ECO#", eco, eco_cols, 11, v, &eline);
    if (st == AGRO_ENOTFOUND) /* the ecotype is named on the cultivar's line: point there */
        return agro_fail(ctx, st, cul_path, line, "ECO#", "%s: ecotype '%s' not found in %s",
                         cultivar_id, eco, eco_path);
    if (st) return st;
    agro_maize_ecotype_default(&c);
    double *edst[11] = {&c.tbase_C, &c.topt_C, &c.ropt_C, &c.p20_h, &c.djti_d, &c.gdde_Cd_cm,
                        &c.dsgft_Cd, &c.rue_g_MJ, &c.kcan, &c.tsen_C, &c.cday_d};
    for (int k = 0; k < 11; k++) {
        /* TSEN and CDAY are optional in DSSAT (MZ_PHENOL defaults 6 °C and 15 d), blank or
           missing (-99) */
        if (k >= 9 && (v[k][0] == '\0' || dssat_missing(v[k]))) continue;
        if ((st = parse_num(ctx, eco_path, eline, eco_cols[k], v[k], edst[k]))) return st;
    }
    /* as MZ_PHENOL reads them (RUNINIT): a TSEN below 1e-6 (DSSAT's missing -99 among them) is
       6 °C and a negative CDAY 15 d, so an .ECO file runs with the values DSSAT runs it with */
    if (c.tsen_C < 1e-6) c.tsen_C = 6.0;
    if (c.cday_d < 0.0) c.cday_d = 15.0;
    /* the cultivar coefficients (RANGES[0..6)) come from the .CUL line, the others from the
     * .ECO line: name the file and line a bad value is on */
    if ((st = check_ranges(ctx, &c, 0, 6, cul_path, line, cultivar_id)) ||
        (st = check_ranges(ctx, &c, 6, N_RANGES, eco_path, eline, eco)))
        return st;
    if (grain_fill_inverted(&c)) /* the ecotype's DSGFT against the cultivar's P5 */
        return agro_fail(ctx, AGRO_ERANGE, eco_path, eline, "DSGFT",
                         "%s with cultivar %s: " GRAIN_FILL_MSG, eco, cultivar_id, c.dsgft_Cd,
                         0.95 * c.p5_Cd);
    *out = c;
    return AGRO_OK;
}

/* ---------------------------------------------------------------- JSON */

int agro_maize_cultivar_load_json(agro_ctx *ctx, const char *path, agro_maize_cultivar *out,
                                  char *name, size_t n) {
    if (!path || !out) return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL, "NULL argument");
    agro_json_file f;
    int st = agro_json_open(ctx, path, &f);
    if (st) return st;
    agro_json_node root;
    static const char *const keys[] = {
        "schema_version", "name", "crop", "source", "dssat_id", "ecotype_source", "notes",
        "p1_Cd", "p2_d_per_h", "p5_Cd", "g2_kernels", "g3_mg_d", "phint_Cd", "tbase_C",
        "topt_C", "ropt_C", "p20_h", "djti_d", "gdde_Cd_cm", "dsgft_Cd", "rue_g_MJ", "kcan",
        "tsen_C", "cday_d"};
    agro_maize_cultivar c;
    memset(&c, 0, sizeof c);
    agro_maize_ecotype_default(&c);
    char buf[256];
    int ver = 0;
    if ((st = agro_json_root(ctx, &f, &root))) goto out;
    if ((st = agro_json_check_keys(ctx, &root, keys, sizeof keys / sizeof keys[0]))) goto out;
    if ((st = agro_json_int(ctx, &root, "schema_version", 1, 1, 1, 1, &ver))) goto out;
    if ((st = agro_json_string(ctx, &root, "crop", 1, NULL, buf, sizeof buf))) goto out;
    if (strcmp(buf, "maize") != 0) {
        agro_json_node cn;
        agro_json_get(ctx, &root, "crop", 1, &cn);
        st = agro_json_fail(ctx, &cn, AGRO_ERANGE, "crop must be \"maize\" (got \"%s\")", buf);
        goto out;
    }
    if ((st = agro_json_source(ctx, &root, "source", 1))) goto out;
    /* the documentation keys are strings too: a number there was ignored without a word */
    if ((st = agro_json_text(ctx, &root, "dssat_id")) ||
        (st = agro_json_text(ctx, &root, "ecotype_source")) ||
        (st = agro_json_text(ctx, &root, "notes")))
        goto out;
    if ((st = agro_json_string(ctx, &root, "name", 1, NULL, buf, sizeof buf))) goto out;
    if (name && n && (size_t)snprintf(name, n, "%s", buf) >= n) {
        agro_json_node nn;
        agro_json_get(ctx, &root, "name", 1, &nn);
        st = agro_json_fail(ctx, &nn, AGRO_ERANGE, "name longer than the %zu-byte buffer", n);
        goto out;
    }
    for (size_t i = 0; i < N_RANGES; i++) {
        static const char *const jkeys[N_RANGES] = {
            "p1_Cd", "p2_d_per_h", "p5_Cd", "g2_kernels", "g3_mg_d", "phint_Cd", "tbase_C",
            "topt_C", "ropt_C", "p20_h", "djti_d", "gdde_Cd_cm", "dsgft_Cd", "rue_g_MJ", "kcan",
            "tsen_C", "cday_d"};
        double *dst = (double *)((char *)&c + RANGES[i].offset);
        int required = i < 6;
        if ((st = agro_json_number(ctx, &root, jkeys[i], required, *dst, RANGES[i].lo,
                                   RANGES[i].hi, dst)))
            goto out;
    }
    if (grain_fill_inverted(&c)) {
        agro_json_node dn;
        if (agro_json_get(ctx, &root, "dsgft_Cd", 0, &dn) != AGRO_OK)
            agro_json_get(ctx, &root, "p5_Cd", 1, &dn); /* (checked above: present) */
        st = agro_json_fail(ctx, &dn, AGRO_ERANGE, GRAIN_FILL_MSG, c.dsgft_Cd, 0.95 * c.p5_Cd);
        goto out;
    }
    *out = c;
out:
    agro_json_close(&f);
    return st;
}
