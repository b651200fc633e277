/*
 * Mutation tests of every input reader: "bad input gets a clear error, never a crash, never
 * silent garbage". Each test reads real input files by path (the shared DSSAT validation set,
 * models/, examples/), derives mutants from them deterministically in memory (systematic
 * enumeration with fixed strides, no random numbers), writes each mutant to a file in a private
 * temporary folder and calls the public loader on it.
 *
 * Mutation operators (text): truncation at many offsets (also in the middle of numbers), deletion
 * and duplication of a line, replacement of a numeric token by -99, 0, -1, 1e308, nan, inf, abc,
 * the empty string and very long number strings, swap of two adjacent characters, insertion of
 * a 0x00 or 0xff byte. JSON also: a value of another type (number → string, object → array
 * …), a key deleted, an unknown key added, a key given twice, deep nesting.
 *
 * Oracle: the loader returns AGRO_OK or a negative AGRO_E* status. On failure the context
 * message is not empty, names the file, and every "FILE:LINE:" it holds has 1 <= LINE <= the
 * number of lines of the mutant. On success the loaded values are sane (finite, NaN only where
 * the API documents NaN for a missing value, within the documented checks), and a season run
 * from them fails with such a message or ends with finite summary numbers (yield >= 0). A
 * mutant that only respells a number (same value, more digits) must load the same values or
 * fail. Runs under AddressSanitizer/UBSan catch crashes, memory errors and leaks.
 * Coverage-guided fuzzing of the same readers with this oracle: tests/fuzz/ (README.md there);
 * what it found is pinned by the "fuzz_*" tests at the end of this file.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, symlink */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <cjson/cJSON.h>
#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agrosim/agrosim.h"
#include "helpers/files.h"

#define DSSAT AGROSIM_VALIDATION_DIR "/dssat"
#define MAIZE DSSAT "/Maize"
#define MODELS AGROSIM_SOURCE_DIR "/models"

/* ---------------------------------------------------------------------------------------- */
/* files and folders                                                                         */

typedef struct text {
    char *p;
    size_t n;
} text;

static text read_all(const char *path)
{
    FILE *fp = fopen(path, "rb");
    cr_assert_not_null(fp, "cannot open %s", path);
    text t = {NULL, 0};
    size_t cap = 1 << 16;
    t.p = malloc(cap);
    cr_assert_not_null(t.p);
    size_t got;
    while ((got = fread(t.p + t.n, 1, cap - t.n - 1, fp)) > 0) {
        t.n += got;
        if (cap - t.n < 2) {
            cap *= 2;
            t.p = realloc(t.p, cap);
            cr_assert_not_null(t.p);
        }
    }
    fclose(fp);
    t.p[t.n] = '\0';
    return t;
}

static void write_all(const char *path, const char *p, size_t n)
{
    unlink(path); /* may be a symbolic link to a shared original: never write through it */
    FILE *fp = fopen(path, "wb");
    cr_assert_not_null(fp, "cannot write %s", path);
    cr_assert_eq(fwrite(p, 1, n, fp), n);
    cr_assert_eq(fclose(fp), 0);
}

/* Lines of a text as an editor counts them (a last line without '\n' counts). */
static long count_lines(const char *p, size_t n)
{
    long k = 0;
    for (size_t i = 0; i < n; i++)
        k += p[i] == '\n';
    if (n > 0 && p[n - 1] != '\n')
        k++;
    return k;
}

/*
 * A DSSAT data folder @p root/{Weather,Soil,Genotype} whose files are symbolic links to the
 * shared originals, so one of them can be replaced by a mutant.
 */
static void make_data_dir(const char *root)
{
    static const char *const sub[] = {"Weather", "Soil", "Genotype"};
    for (size_t k = 0; k < 3; k++) {
        char src[1024], dst[1024];
        snprintf(dst, sizeof dst, "%s/%s", root, sub[k]);
        cr_assert_eq(mkdir(dst, 0700), 0, "%s", dst);
        snprintf(src, sizeof src, "%s/%s", DSSAT, sub[k]);
        DIR *d = opendir(src);
        cr_assert_not_null(d, "%s", src);
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.')
                continue;
            char from[1024], to[1024];
            snprintf(from, sizeof from, "%s/%s", src, e->d_name);
            snprintf(to, sizeof to, "%s/%s", dst, e->d_name);
            cr_assert_eq(symlink(from, to), 0, "%s", to);
        }
        closedir(d);
    }
}

/* ---------------------------------------------------------------------------------------- */
/* the oracle                                                                                */

typedef struct checker {
    agro_ctx *ctx;
    const char *reader; /* name in assertion messages */
    const char *what;   /* description of the current mutant */
    long failures;      /* mutants that failed to load (for the log) */
    long loaded;        /* mutants that loaded */
    int same;           /* the mutant carries the original's content (a byte inserted, a number
                           respelled): it must fail or load exactly what the original loads */
    int positional;     /* a DSSAT column format: values belong to the header they sit under,
                           so an inserted printable byte may shift a value into its neighbour's
                           column (as in DSSAT's own fixed-format reading); only an inserted
                           NUL, which is no character, must keep the content */
} checker;

static const char *message(const checker *c)
{
    static char buf[AGRO_MESSAGE_MAX];
    agro_ctx_message(c->ctx, buf, sizeof buf);
    return buf;
}

/*
 * A failed call: a negative AGRO_E* status and a non-empty message that names @p file (any of
 * the @p n_files names when several files are involved: the first one given must appear if
 * @p must_name) with lines inside the mutant @p p (@p n bytes) wherever it names a line of
 * @p file.
 */
static void expect_error(checker *c, int rc, const char *file, const char *p, size_t n,
                         int must_name)
{
    const char *msg = message(c);
    cr_expect(rc < 0 && rc >= AGRO_ELIMIT, "%s [%s]: status %d is not an AGRO_E* code (%s)",
              c->reader, c->what, rc, msg);
    cr_expect(msg[0] != '\0', "%s [%s]: status %d with an empty message", c->reader, c->what, rc);
    if (!file)
        return;
    const char *hit = strstr(msg, file);
    if (must_name)
        cr_expect(hit != NULL, "%s [%s]: message does not name %s: %s", c->reader, c->what, file,
                  msg);
    long lines = count_lines(p, n);
    size_t fl = strlen(file);
    for (; hit; hit = strstr(hit + 1, file)) {
        const char *q = hit + fl;
        if (*q != ':' || !isdigit((unsigned char)q[1]))
            continue;
        long line = strtol(q + 1, NULL, 10);
        cr_expect(line >= 1 && line <= lines,
                  "%s [%s]: message names line %ld of a %ld-line file: %s", c->reader, c->what,
                  line, lines, msg);
    }
}

/* A double the API documents as "NaN when missing": NaN or finite, never infinite. */
#define EXPECT_NAN_OR_FINITE(c, v) \
    cr_expect(!isinf(v), "%s [%s]: %s = %g", (c)->reader, (c)->what, #v, (double)(v))
/* A double that must hold a value. */
#define EXPECT_FINITE(c, v) \
    cr_expect(isfinite(v), "%s [%s]: %s = %g", (c)->reader, (c)->what, #v, (double)(v))

static int valid_yeardoy(int32_t d)
{
    if (d == 0)
        return 1;
    int32_t y = d / 1000, doy = d % 1000;
    return y >= 1800 && y <= 2200 && doy >= 1 && doy <= agro_days_in_year(y);
}

/* A season summary: finite yield >= 0; every other number finite or NaN ("not reached"). */
static void check_summary(checker *c, const agro_season_summary *s)
{
    cr_expect(isfinite(s->hwam_kg_ha) && s->hwam_kg_ha >= 0.0, "%s [%s]: yield %g", c->reader,
              c->what, s->hwam_kg_ha);
    const double v[] = {s->population_pl_m2, s->hwum_g, s->hnam_m2, s->kernels_per_plant,
                        s->ears_m2, s->cwam_kg_ha, s->laix, s->hiam, s->leaf_number,
                        s->nucm_kg_ha, s->cnam_kg_ha, s->gnam_kg_ha, s->prcm_mm, s->ircm_mm,
                        s->etcm_mm, s->epcm_mm, s->escm_mm, s->drcm_mm, s->rocm_mm, s->nlcm_kg_ha,
                        s->nicm_kg_ha, s->weeds_biomass_max_kg_ha, s->weeds_biomass_removed_kg_ha,
                        s->swfac_mean, s->nstress_mean};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        cr_expect(!isinf(v[i]) && !(v[i] < -1e-6 && i != 0),
                  "%s [%s]: summary value %zu = %g", c->reader, c->what, i, v[i]);
    EXPECT_FINITE(c, s->prcm_mm);
    EXPECT_FINITE(c, s->etcm_mm);
    EXPECT_FINITE(c, s->water_balance_error_mm);
    EXPECT_FINITE(c, s->n_balance_error_kg_ha);
    cr_expect(s->n_days >= 1, "%s [%s]: %d days simulated", c->reader, c->what, (int)s->n_days);
}

/* ---------------------------------------------------------------------------------------- */
/* text mutants                                                                              */

typedef void (*mutant_fn)(checker *c, const char *p, size_t n, void *user);

typedef struct span {
    size_t b, e; /* [b, e) */
} span;

/* Numeric tokens of @p t inside [lo, hi): whitespace- (and JSON-punctuation-) separated words
 * that strtod reads whole. JSON strings are skipped when @p json. */
static size_t numeric_tokens(const text *t, size_t lo, size_t hi, int json, span *out, size_t max)
{
    size_t k = 0, i = lo;
    const char *delim = json ? " \t\r\n,:[]{}\"" : " \t\r\n,";
    while (i < hi) {
        char ch = t->p[i];
        if (json && ch == '"') {
            /* skip the string */
            i++;
            while (i < hi && t->p[i] != '"') {
                if (t->p[i] == '\\')
                    i++;
                i++;
            }
            i++;
            continue;
        }
        if (strchr(delim, ch) || ch == '\0') {
            i++;
            continue;
        }
        size_t b = i;
        while (i < hi && t->p[i] && !strchr(delim, t->p[i]))
            i++;
        char buf[64];
        size_t len = i - b;
        if (len == 0 || len >= sizeof buf)
            continue;
        memcpy(buf, t->p + b, len);
        buf[len] = '\0';
        char *end;
        strtod(buf, &end);
        if (end != buf && *end == '\0' && (isdigit((unsigned char)buf[0]) || buf[0] == '-' ||
                                           buf[0] == '.')) {
            if (k < max)
                out[k] = (span){b, i};
            k++;
        }
    }
    return k < max ? k : max;
}

/* Lines (with their '\n') of @p t that start inside [lo, hi). */
static size_t line_spans(const text *t, size_t lo, size_t hi, span *out, size_t max)
{
    size_t k = 0, b = 0;
    for (size_t i = 0; i <= t->n; i++) {
        if (i == t->n || t->p[i] == '\n') {
            size_t e = i < t->n ? i + 1 : i;
            if (e > b && b >= lo && b < hi && k < max)
                out[k++] = (span){b, e};
            b = e;
        }
    }
    return k;
}

/* Index @p i of @p k evenly spread picks among @p n (all of them when k >= n). */
static size_t pick(size_t i, size_t k, size_t n)
{
    return k >= n ? i : (size_t)((double)i * (double)n / (double)k);
}

static size_t min_size(size_t a, size_t b) { return a < b ? a : b; }

typedef struct mut_limits {
    size_t truncations, lines, tokens, swaps, inserts;
} mut_limits;

static const mut_limits LIMITS_SMALL = {40, 30, 24, 30, 12};
static const mut_limits LIMITS_LARGE = {60, 50, 40, 40, 16};

/* Emit the mutant made of the three pieces a + b + c. */
static long emit3(checker *c, mutant_fn fn, void *user, const char *a, size_t na, const char *b,
                  size_t nb, const char *cc, size_t nc, const char *what)
{
    char *m = malloc(na + nb + nc + 1);
    cr_assert_not_null(m);
    memcpy(m, a, na);
    memcpy(m + na, b, nb);
    memcpy(m + na + nb, cc, nc);
    m[na + nb + nc] = '\0';
    c->what = what;
    fn(c, m, na + nb + nc, user);
    free(m);
    return 1;
}

/* Replacements of a numeric token. */
static const char *const REPLACEMENTS[] = {
    "-99", "0", "-1", "1e308", "nan", "inf", "abc", "",
    /* very long number strings: overflow, leading zeros beyond every fixed buffer, underflow */
    "9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999",
    "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
    "0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
};
#define N_REPLACEMENTS (sizeof REPLACEMENTS / sizeof REPLACEMENTS[0])

/*
 * Every text mutant of @p t whose change lies in [lo, hi), within @p lim; @p fn checks each.
 * @return the number of mutants.
 */
/* AGROSIM_MUTATION_SCALE=k (an integer, default 1) multiplies every limit: a deeper search by
 * hand; the default keeps the test within seconds. */
static size_t scale(void)
{
    const char *e = getenv("AGROSIM_MUTATION_SCALE");
    long k = e ? strtol(e, NULL, 10) : 1;
    return k >= 1 && k <= 1000 ? (size_t)k : 1;
}

static long text_mutants(checker *c, const text *t, size_t lo, size_t hi, int json,
                         mut_limits lim, mutant_fn fn, void *user)
{
    const size_t k_scale = scale();
    lim.truncations *= k_scale;
    lim.lines *= k_scale;
    lim.tokens *= k_scale;
    lim.swaps *= k_scale;
    lim.inserts *= k_scale;
    long count = 0;
    char what[160];
    if (hi > t->n)
        hi = t->n;
    const size_t width = hi - lo;
    enum { MAXSPAN = 20000 };
    span *tok = malloc(MAXSPAN * sizeof *tok), *ln = malloc(MAXSPAN * sizeof *ln);
    cr_assert(tok && ln);
    size_t ntok = numeric_tokens(t, lo, hi, json, tok, MAXSPAN);
    size_t nln = line_spans(t, lo, hi, ln, MAXSPAN);

    /* truncation: evenly spread offsets, and in the middle of numbers */
    for (size_t i = 0, k = min_size(lim.truncations, width); i < k; i++) {
        size_t off = lo + pick(i, k, width);
        snprintf(what, sizeof what, "truncated at byte %zu", off);
        count += emit3(c, fn, user, t->p, off, "", 0, "", 0, what);
    }
    for (size_t i = 0, k = min_size(lim.tokens / 2, ntok); i < k; i++) {
        const span *s = &tok[pick(i, k, ntok)];
        if (s->e - s->b < 2)
            continue;
        size_t off = s->b + (s->e - s->b) / 2;
        snprintf(what, sizeof what, "truncated mid-number at byte %zu", off);
        count += emit3(c, fn, user, t->p, off, "", 0, "", 0, what);
    }
    /* one line deleted, one line duplicated */
    for (size_t i = 0, k = min_size(lim.lines, nln); i < k; i++) {
        const span *s = &ln[pick(i, k, nln)];
        snprintf(what, sizeof what, "line at byte %zu deleted", s->b);
        count += emit3(c, fn, user, t->p, s->b, "", 0, t->p + s->e, t->n - s->e, what);
        snprintf(what, sizeof what, "line at byte %zu duplicated", s->b);
        count += emit3(c, fn, user, t->p, s->e, t->p + s->b, s->e - s->b, t->p + s->e,
                       t->n - s->e, what);
    }
    /* a numeric token replaced */
    for (size_t i = 0, k = min_size(lim.tokens, ntok); i < k; i++) {
        const span *s = &tok[pick(i, k, ntok)];
        for (size_t r = 0; r < N_REPLACEMENTS; r++) {
            snprintf(what, sizeof what, "number at byte %zu (%.*s) replaced by \"%.12s\"", s->b,
                     (int)(s->e - s->b), t->p + s->b, REPLACEMENTS[r]);
            count += emit3(c, fn, user, t->p, s->b, REPLACEMENTS[r], strlen(REPLACEMENTS[r]),
                           t->p + s->e, t->n - s->e, what);
        }
    }
    /* two adjacent characters swapped */
    for (size_t i = 0, k = width > 1 ? min_size(lim.swaps, width - 1) : 0; i < k; i++) {
        size_t off = lo + pick(i, k, width - 1);
        if (off + 1 >= t->n || t->p[off] == t->p[off + 1])
            continue;
        char sw[2] = {t->p[off + 1], t->p[off]};
        snprintf(what, sizeof what, "bytes %zu and %zu swapped", off, off + 1);
        count += emit3(c, fn, user, t->p, off, sw, 2, t->p + off + 2, t->n - off - 2, what);
    }
    /* a NUL or 0xff byte inserted: not content, so the original's values or an error */
    for (size_t i = 0, k = min_size(lim.inserts, width + 1); i < k; i++) {
        size_t off = lo + pick(i, k, width + 1);
        static const char bytes[2] = {'\0', (char)0xff};
        for (int b = 0; b < 2; b++) {
            c->same = b == 0 || !c->positional;
            snprintf(what, sizeof what, "byte 0x%02x inserted at %zu", (unsigned)(b ? 0xff : 0),
                     off);
            count += emit3(c, fn, user, t->p, off, &bytes[b], 1, t->p + off, t->n - off, what);
        }
    }
    c->same = 0;
    free(tok);
    free(ln);
    return count;
}

/*
 * Respellings of numbers that keep their value: "5.9" as "0000…05.9" (leading zeros, for
 * formats that read numbers whole), or with trailing zeros after the decimals (JSON).
 * The reader must read the same value or fail; @p fn gets @p user with the mutant.
 */
static long respell_mutants(checker *c, const text *t, size_t lo, size_t hi, int json,
                            size_t max, mutant_fn fn, void *user)
{
    enum { MAXSPAN = 20000 };
    span *tok = malloc(MAXSPAN * sizeof *tok);
    cr_assert_not_null(tok);
    size_t ntok = numeric_tokens(t, lo, hi > t->n ? t->n : hi, json, tok, MAXSPAN);
    long count = 0;
    char what[160], rep[160];
    c->same = 1;
    for (size_t i = 0, k = min_size(max, ntok); i < k; i++) {
        const span *s = &tok[pick(i, k, ntok)];
        int len = (int)(s->e - s->b);
        const char *num = t->p + s->b;
        if (json) {
            /* trailing zeros: 12 → 12.000…, 0.5 → 0.5000…; exponents are left alone */
            if (memchr(num, 'e', (size_t)len) || memchr(num, 'E', (size_t)len))
                continue;
            snprintf(rep, sizeof rep, "%.*s%s00000000000000000000", len, num,
                     memchr(num, '.', (size_t)len) ? "" : ".");
        } else {
            if (num[0] == '-')
                snprintf(rep, sizeof rep, "-0000000000000000000000000000000000000%.*s", len - 1,
                         num + 1);
            else
                snprintf(rep, sizeof rep, "0000000000000000000000000000000000000%.*s", len, num);
        }
        snprintf(what, sizeof what, "number at byte %zu (%.*s) respelled \"%s\"", s->b, len, num,
                 rep);
        count += emit3(c, fn, user, t->p, s->b, rep, strlen(rep), t->p + s->e, t->n - s->e, what);
    }
    c->same = 0;
    free(tok);
    return count;
}

/* ---------------------------------------------------------------------------------------- */
/* JSON tree mutants                                                                          */

typedef struct jwalk {
    int target, index;
    cJSON *found, *parent;
} jwalk;

static void jfind(jwalk *w, cJSON *node, cJSON *parent)
{
    if (w->found)
        return;
    if (w->index++ == w->target) {
        w->found = node;
        w->parent = parent;
        return;
    }
    for (cJSON *ch = node->child; ch; ch = ch->next)
        jfind(w, ch, node);
}

static int jcount(const cJSON *node)
{
    int n = 1;
    for (const cJSON *ch = node->child; ch; ch = ch->next)
        n += jcount(ch);
    return n;
}

/* Text of @p depth nested arrays around 1. */
static char *deep_text(int depth)
{
    char *s = malloc((size_t)depth * 2 + 2);
    cr_assert_not_null(s);
    for (int i = 0; i < depth; i++)
        s[i] = '[';
    s[depth] = '1';
    for (int i = 0; i < depth; i++)
        s[depth + 1 + i] = ']';
    s[2 * depth + 1] = '\0';
    return s;
}

enum {
    JOP_DELETE,
    JOP_TO_STRING,
    JOP_TO_ARRAY,
    JOP_TO_OBJECT,
    JOP_TO_NULL,
    JOP_TO_NUMBER,
    JOP_ADD_KEY,
    JOP_DEEP_50,
    JOP_DEEP_2000,
    JOP_NUM_NEG99,
    JOP_NUM_ZERO,
    JOP_NUM_NEG1,
    JOP_NUM_HUGE,
    JOP_NUM_FRACTION,
    JOP_DUP_KEY,
    JOP_N
};
static const char *const JOP_NAMES[JOP_N] = {
    "deleted", "as a string", "as an array", "as an object", "as null", "as a number",
    "with an unknown key added", "nested 50 deep", "nested 2000 deep", "set to -99",
    "set to 0", "set to -1", "set to 1e308", "set to 0.5", "key given twice"};

/* Apply @p op to node @p k of a fresh parse of @p src; NULL if it does not apply. */
static char *json_mutant(const char *src, int k, int op)
{
    cJSON *root = cJSON_Parse(src);
    cr_assert_not_null(root);
    jwalk w = {k, 0, NULL, NULL};
    jfind(&w, root, NULL);
    cJSON *node = w.found, *parent = w.parent, *rep = NULL;
    char *out = NULL;
    int numeric = cJSON_IsNumber(node);
    switch (op) {
    case JOP_DELETE:
        if (parent) {
            cJSON_Delete(cJSON_DetachItemViaPointer(parent, node));
            out = cJSON_Print(root);
        }
        break;
    case JOP_TO_STRING:
        if (numeric) {
            char num[64];
            snprintf(num, sizeof num, "%.17g", node->valuedouble);
            rep = cJSON_CreateString(num);
        } else if (!cJSON_IsString(node)) {
            rep = cJSON_CreateString("x");
        }
        break;
    case JOP_TO_ARRAY: rep = cJSON_IsArray(node) ? NULL : cJSON_CreateArray(); break;
    case JOP_TO_OBJECT: rep = cJSON_IsObject(node) ? NULL : cJSON_CreateObject(); break;
    case JOP_TO_NULL: rep = cJSON_IsNull(node) ? NULL : cJSON_CreateNull(); break;
    case JOP_TO_NUMBER: rep = numeric ? NULL : cJSON_CreateNumber(1.0); break;
    case JOP_ADD_KEY:
        if (cJSON_IsObject(node)) {
            cJSON_AddNumberToObject(node, "zz_unknown_key", 1.0);
            out = cJSON_Print(root);
        }
        break;
    case JOP_DEEP_50:
    case JOP_DEEP_2000: {
        char *d = deep_text(op == JOP_DEEP_50 ? 50 : 2000);
        rep = cJSON_CreateRaw(d);
        free(d);
        break;
    }
    case JOP_NUM_NEG99:
    case JOP_NUM_ZERO:
    case JOP_NUM_NEG1:
    case JOP_NUM_HUGE:
    case JOP_NUM_FRACTION:
        if (numeric) {
            static const double vals[] = {-99.0, 0.0, -1.0, 1e308, 0.5};
            rep = cJSON_CreateNumber(vals[op - JOP_NUM_NEG99]);
        }
        break;
    case JOP_DUP_KEY:
        if (parent && cJSON_IsObject(parent) && node->string) {
            cJSON *copy = cJSON_Duplicate(node, 1);
            cJSON_AddItemToObject(parent, node->string, copy);
            out = cJSON_Print(root);
        }
        break;
    default: break;
    }
    if (rep) {
        if (parent) {
            cJSON_ReplaceItemViaPointer(parent, node, rep);
            out = cJSON_Print(root);
        } else {
            out = cJSON_Print(rep);
            cJSON_Delete(rep);
        }
    }
    cJSON_Delete(root);
    return out;
}

/* Every JSON tree mutant of @p src (nodes spread evenly, at most @p max_nodes of them). */
static long json_mutants(checker *c, const text *src, int max_nodes, mutant_fn fn, void *user)
{
    cJSON *root = cJSON_Parse(src->p);
    cr_assert_not_null(root, "%s: original is not JSON", c->reader);
    int n = jcount(root);
    cJSON_Delete(root);
    long count = 0;
    char what[160];
    max_nodes *= (int)scale();
    int k_max = max_nodes < n ? max_nodes : n;
    for (int i = 0; i < k_max; i++) {
        int k = (int)pick((size_t)i, (size_t)k_max, (size_t)n);
        for (int op = 0; op < JOP_N; op++) {
            char *m = json_mutant(src->p, k, op);
            if (!m)
                continue;
            snprintf(what, sizeof what, "JSON node %d %s", k, JOP_NAMES[op]);
            c->what = what;
            long loaded = c->loaded;
            fn(c, m, strlen(m), user);
            /* a key given twice: one of the values would be ignored without a word */
            if (op == JOP_DUP_KEY)
                cr_expect_eq(c->loaded, loaded, "%s [%s]: loaded", c->reader, c->what);
            count++;
            free(m);
        }
    }
    return count;
}

/* ---------------------------------------------------------------------------------------- */
/* DSSAT experiment (X) files                                                                 */

static agro_dssat_treatment TRT; /* large: keep off the stack */

static void check_treatment(checker *c, const agro_dssat_treatment *t)
{
    /* dates: YEARDOY or 0 */
    const int32_t dates[] = {t->start_date, t->plant_first, t->plant_last, t->harvest_first,
                             t->harvest_last, t->ic_date, t->plant_date, t->emergence_date};
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++)
        cr_expect(valid_yeardoy(dates[i]), "%s [%s]: date %zu = %d", c->reader, c->what, i,
                  (int)dates[i]);
    for (int k = 0; k < 13; k++)
        cr_expect(t->levels[k] >= 0, "%s [%s]: level %d = %d", c->reader, c->what, k,
                  (int)t->levels[k]);
    cr_expect(t->n_years >= 0, "%s [%s]: NYERS %d", c->reader, c->what, (int)t->n_years);
    cr_expect(t->ic_n_layers >= 0 && t->ic_n_layers <= AGRO_DSSAT_MAX_LAYERS &&
                  t->sa_n_layers >= 0 && t->sa_n_layers <= AGRO_DSSAT_MAX_LAYERS &&
                  t->n_irrigations >= 0 && t->n_irrigations <= AGRO_DSSAT_MAX_IRRIGATIONS &&
                  t->n_fertilisers >= 0 && t->n_fertilisers <= AGRO_DSSAT_MAX_FERTILISERS &&
                  t->n_residues >= 0 && t->n_residues <= AGRO_DSSAT_MAX_RESIDUES &&
                  t->n_harvests >= 0 && t->n_harvests <= AGRO_DSSAT_MAX_HARVESTS &&
                  t->n_envmods >= 0 && t->n_envmods <= AGRO_DSSAT_MAX_ENVMODS,
              "%s [%s]: event counts out of range", c->reader, c->what);
    /* every number: a value or NaN (missing), never infinite */
    const double scalars[] = {
        t->plant_h2o_low_pct, t->plant_h2o_high_pct, t->plant_h2o_depth_cm, t->plant_tmax_C,
        t->plant_tmin_C, t->auto_irr_depth_cm, t->auto_irr_threshold_pct, t->auto_irr_target_pct,
        t->auto_irr_amount_mm, t->auto_irr_efficiency, t->auto_n_depth_cm,
        t->auto_n_threshold_pct, t->auto_n_amount_kg_ha, t->harvest_pct_product,
        t->harvest_pct_residue, t->latitude_deg, t->longitude_deg, t->elevation_m,
        t->soil_depth_cm, t->ic_root_kg_ha, t->ic_nodule_kg_ha, t->ic_root_n_pct,
        t->ic_rhizobia_number, t->ic_rhizobia_effect, t->ic_water_table_cm, t->ic_residue_kg_ha,
        t->ic_residue_n_pct, t->ic_residue_p_pct, t->ic_residue_incorporation_pct,
        t->ic_residue_depth_cm, t->plants_sown_m2, t->plants_emerged_m2, t->row_spacing_cm,
        t->row_direction_deg, t->sowing_depth_cm, t->irr_efficiency, t->irr_depth_cm,
        t->irr_threshold_pct, t->irr_end_pct, t->irr_amount_mm};
    for (size_t i = 0; i < sizeof scalars / sizeof scalars[0]; i++)
        cr_expect(!isinf(scalars[i]), "%s [%s]: treatment value %zu = %g", c->reader, c->what, i,
                  scalars[i]);
    for (int i = 0; i < t->ic_n_layers; i++) {
        EXPECT_FINITE(c, t->ic_depth_cm[i]);
        EXPECT_NAN_OR_FINITE(c, t->ic_sw[i]);
        EXPECT_NAN_OR_FINITE(c, t->ic_nh4_ppm[i]);
        EXPECT_NAN_OR_FINITE(c, t->ic_no3_ppm[i]);
    }
    for (int i = 0; i < t->sa_n_layers; i++) {
        EXPECT_FINITE(c, t->sa_depth_cm[i]);
        EXPECT_NAN_OR_FINITE(c, t->sa_bulk_density_g_cm3[i]);
        EXPECT_NAN_OR_FINITE(c, t->sa_organic_carbon_pct[i]);
        EXPECT_NAN_OR_FINITE(c, t->sa_total_n_pct[i]);
        EXPECT_NAN_OR_FINITE(c, t->sa_ph_water[i]);
    }
    for (int i = 0; i < t->n_irrigations; i++) {
        cr_expect(valid_yeardoy(t->irr_date[i]) && t->irr_date[i] != 0, "%s [%s]: IDATE %d",
                  c->reader, c->what, (int)t->irr_date[i]);
        cr_expect(isfinite(t->irr_value_mm[i]) && t->irr_value_mm[i] >= 0.0,
                  "%s [%s]: IRVAL %g", c->reader, c->what, t->irr_value_mm[i]);
    }
    for (int i = 0; i < t->n_fertilisers; i++) {
        cr_expect(valid_yeardoy(t->fert_date[i]) && t->fert_date[i] != 0, "%s [%s]: FDATE %d",
                  c->reader, c->what, (int)t->fert_date[i]);
        EXPECT_NAN_OR_FINITE(c, t->fert_depth_cm[i]);
        EXPECT_NAN_OR_FINITE(c, t->fert_n_kg_ha[i]);
        EXPECT_NAN_OR_FINITE(c, t->fert_p_kg_ha[i]);
        EXPECT_NAN_OR_FINITE(c, t->fert_k_kg_ha[i]);
    }
    for (int i = 0; i < t->n_residues; i++) {
        cr_expect(valid_yeardoy(t->res_date[i]), "%s [%s]: RDATE %d", c->reader, c->what,
                  (int)t->res_date[i]);
        EXPECT_NAN_OR_FINITE(c, t->res_amount_kg_ha[i]);
        EXPECT_NAN_OR_FINITE(c, t->res_n_pct[i]);
        EXPECT_NAN_OR_FINITE(c, t->res_incorporation_pct[i]);
        EXPECT_NAN_OR_FINITE(c, t->res_depth_cm[i]);
    }
    for (int i = 0; i < t->n_harvests; i++) {
        cr_expect(valid_yeardoy(t->harv_date[i]), "%s [%s]: HDATE %d", c->reader, c->what,
                  (int)t->harv_date[i]);
        EXPECT_NAN_OR_FINITE(c, t->harv_pct[i]);
    }
    for (int i = 0; i < t->n_envmods; i++) {
        cr_expect(valid_yeardoy(t->env_date[i]), "%s [%s]: ODATE %d", c->reader, c->what,
                  (int)t->env_date[i]);
        for (int v = 0; v < AGRO_DSSAT_ENV_N; v++)
            EXPECT_NAN_OR_FINITE(c, t->env_value[i][v]);
    }
}

/* Run treatment @p number of @p x with the data folder @p data; check the result or the error. */
static void check_run(checker *c, const agro_dssat_exp *x, int32_t number, const char *data,
                      const char *file, const char *p, size_t n)
{
    agro_dssat_result res;
    agro_ctx_clear(c->ctx);
    int rc = agro_dssat_run_treatment(c->ctx, x, number, data, &res);
    if (rc == AGRO_OK) {
        check_summary(c, &res.summary);
        cr_expect(isfinite(res.yield_kg_ha) && res.yield_kg_ha >= 0.0, "%s [%s]: yield %g",
                  c->reader, c->what, res.yield_kg_ha);
    } else {
        /* the run names the experiment or the input that failed; lines of the mutant in range */
        expect_error(c, rc, file, p, n, 0);
        const char *msg = message(c);
        cr_expect(strstr(msg, agro_dssat_exp_path(x)) || strstr(msg, data),
                  "%s [%s]: run error names neither the experiment nor the data: %s", c->reader,
                  c->what, msg);
    }
}

typedef struct xfile_case {
    const char *path;         /* where the mutant is written */
    const char *data;         /* DSSAT data folder for the runs */
    agro_dssat_treatment *ref; /* the original's treatments (NULL until it is loaded) */
    int32_t n_ref;
} xfile_case;

static void check_xfile(checker *c, const char *p, size_t n, void *user)
{
    xfile_case *xc = user;
    write_all(xc->path, p, n);
    agro_dssat_exp *x = NULL;
    agro_ctx_clear(c->ctx);
    int rc = agro_dssat_exp_load(c->ctx, xc->path, &x);
    if (rc) {
        cr_expect_null(x);
        expect_error(c, rc, xc->path, p, n, 1);
        c->failures++;
        return;
    }
    c->loaded++;
    int32_t nt = 0;
    agro_dssat_exp_n_treatments(x, &nt);
    cr_expect_gt(nt, 0, "%s [%s]: loaded without treatments", c->reader, c->what);
    int keep = !xc->ref;
    if (keep) {
        xc->ref = calloc((size_t)nt, sizeof *xc->ref);
        cr_assert_not_null(xc->ref);
        xc->n_ref = nt;
    }
    if (c->same)
        cr_expect_eq(nt, xc->n_ref, "%s [%s]: %d treatments, the original has %d", c->reader,
                     c->what, (int)nt, (int)xc->n_ref);
    for (int32_t i = 0; i < nt; i++) {
        int32_t number;
        cr_assert_eq(agro_dssat_exp_treatment_number(x, i, &number), AGRO_OK);
        rc = agro_dssat_treatment_get(c->ctx, x, number, &TRT);
        cr_expect_eq(rc, AGRO_OK, "%s [%s]: treatment %d: %s", c->reader, c->what, (int)number,
                     message(c));
        if (rc != AGRO_OK)
            continue;
        check_treatment(c, &TRT);
        if (keep)
            xc->ref[i] = TRT;
        else if (c->same && i < xc->n_ref)
            cr_expect(memcmp(&TRT, &xc->ref[i], sizeof TRT) == 0,
                      "%s [%s]: treatment %d differs from the original's", c->reader, c->what,
                      (int)number);
    }
    /* a season from the first and the last treatment */
    int32_t first = 0, last = 0;
    agro_dssat_exp_treatment_number(x, 0, &first);
    agro_dssat_exp_treatment_number(x, nt - 1, &last);
    check_run(c, x, first, xc->data, xc->path, p, n);
    if (last != first)
        check_run(c, x, last, xc->data, xc->path, p, n);
    agro_dssat_exp_free(x);
}

static void xfile_mutations(const char *name, mut_limits lim)
{
    char dir[256], path[512], data[512], src[512];
    helper_tmpdir_create(dir, sizeof dir, "mut_x");
    snprintf(path, sizeof path, "%s/%s", dir, name);
    snprintf(data, sizeof data, "%s/data", dir);
    cr_assert_eq(mkdir(data, 0700), 0);
    make_data_dir(data);
    snprintf(src, sizeof src, "%s/%s", MAIZE, name);
    text t = read_all(src);
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    checker c = {ctx, name, "original", 0, 0, 0, 1};
    xfile_case xc = {path, data, NULL, 0};
    check_xfile(&c, t.p, t.n, &xc);
    cr_assert_eq(c.loaded, 1, "%s: the original must load: %s", name, message(&c));
    long n = text_mutants(&c, &t, 0, t.n, 0, lim, check_xfile, &xc);
    cr_log_info("%s: %ld mutants (%ld loaded, %ld refused)", name, n, c.loaded - 1, c.failures);
    free(xc.ref);
    agro_ctx_free(ctx);
    free(t.p);
    helper_tmpdir_remove(dir);
}

Test(input_mutations, dssat_x_file_ufga8201) { xfile_mutations("UFGA8201.MZX", LIMITS_LARGE); }
Test(input_mutations, dssat_x_file_ghwa0401) { xfile_mutations("GHWA0401.MZX", LIMITS_LARGE); }

/* ---------------------------------------------------------------------------------------- */
/* DSSAT observation files (A and T)                                                          */

enum { MAXOBS = 2000 };

typedef struct obs_case {
    const char *path;
    const agro_dssat_exp *x;
    int timeseries;
    int have_ref;                       /* the original's rows are kept below */
    int32_t n_ref;
    agro_dssat_observed a_ref[MAXOBS];
    agro_dssat_observed_day t_ref[MAXOBS];
} obs_case;

static void check_obs(checker *c, const char *p, size_t n, void *user)
{
    obs_case *oc = user;
    write_all(oc->path, p, n);
    agro_ctx_clear(c->ctx);
    int32_t count = -1;
    int rc;
    if (oc->timeseries) {
        static agro_dssat_observed_day o[MAXOBS];
        rc = agro_dssat_timeseries_load(c->ctx, oc->path, oc->x, o, MAXOBS, &count);
        if (rc == AGRO_OK) {
            cr_expect(count >= 0 && count <= MAXOBS);
            for (int32_t i = 0; i < count; i++) {
                cr_expect(o[i].treatment >= 1 && valid_yeardoy(o[i].date) && o[i].date != 0,
                          "%s [%s]: row %d: treatment %d date %d", c->reader, c->what, (int)i,
                          (int)o[i].treatment, (int)o[i].date);
                const double v[4] = {o[i].tops_kg_ha, o[i].lai, o[i].grain_kg_ha,
                                     o[i].tops_n_kg_ha};
                for (int k = 0; k < 4; k++)
                    cr_expect(isnan(v[k]) || (isfinite(v[k]) && v[k] >= 0.0),
                              "%s [%s]: row %d value %d = %g", c->reader, c->what, (int)i, k,
                              v[k]);
            }
            if (!oc->have_ref)
                memcpy(oc->t_ref, o, (size_t)count * sizeof *o);
            else if (c->same)
                cr_expect(count == oc->n_ref &&
                              memcmp(o, oc->t_ref, (size_t)count * sizeof *o) == 0,
                          "%s [%s]: rows differ from the original's", c->reader, c->what);
        }
    } else {
        static agro_dssat_observed o[MAXOBS];
        rc = agro_dssat_observed_load(c->ctx, oc->path, oc->x, o, MAXOBS, &count);
        if (rc == AGRO_OK) {
            cr_expect(count >= 0 && count <= MAXOBS);
            for (int32_t i = 0; i < count; i++) {
                cr_expect(o[i].treatment >= 1 && valid_yeardoy(o[i].anthesis_date) &&
                              valid_yeardoy(o[i].maturity_date),
                          "%s [%s]: row %d: treatment %d dates %d %d", c->reader, c->what, (int)i,
                          (int)o[i].treatment, (int)o[i].anthesis_date, (int)o[i].maturity_date);
                const double v[5] = {o[i].yield_kg_ha, o[i].kernel_weight_g, o[i].kernels_m2,
                                     o[i].tops_kg_ha, o[i].lai_max};
                for (int k = 0; k < 5; k++)
                    cr_expect(isnan(v[k]) || (isfinite(v[k]) && v[k] >= 0.0),
                              "%s [%s]: row %d value %d = %g", c->reader, c->what, (int)i, k,
                              v[k]);
                EXPECT_NAN_OR_FINITE(c, o[i].anthesis_dap);
                EXPECT_NAN_OR_FINITE(c, o[i].maturity_dap);
            }
            if (!oc->have_ref)
                memcpy(oc->a_ref, o, (size_t)count * sizeof *o);
            else if (c->same)
                cr_expect(count == oc->n_ref &&
                              memcmp(o, oc->a_ref, (size_t)count * sizeof *o) == 0,
                          "%s [%s]: rows differ from the original's", c->reader, c->what);
        }
    }
    if (rc) {
        expect_error(c, rc, oc->path, p, n, 1);
        c->failures++;
    } else {
        c->loaded++;
        if (!oc->have_ref) {
            oc->have_ref = 1;
            oc->n_ref = count;
        }
    }
}

static void obs_mutations(const char *name, int timeseries, mut_limits lim)
{
    char dir[256], path[512];
    helper_tmpdir_create(dir, sizeof dir, "mut_obs");
    snprintf(path, sizeof path, "%s/%s", dir, name);
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    agro_dssat_exp *x = NULL;
    cr_assert_eq(agro_dssat_exp_load(ctx, MAIZE "/UFGA8201.MZX", &x), AGRO_OK);
    char src[512];
    snprintf(src, sizeof src, "%s/%s", MAIZE, name);
    text t = read_all(src);
    checker c = {ctx, name, "original", 0, 0, 0, 1};
    obs_case *oc = calloc(1, sizeof *oc);
    cr_assert_not_null(oc);
    oc->path = path;
    oc->x = x;
    oc->timeseries = timeseries;
    check_obs(&c, t.p, t.n, oc);
    cr_assert_eq(c.loaded, 1, "%s: the original must load: %s", name, message(&c));
    long n = text_mutants(&c, &t, 0, t.n, 0, lim, check_obs, oc);
    free(oc);
    cr_log_info("%s: %ld mutants (%ld loaded, %ld refused)", name, n, c.loaded - 1, c.failures);
    agro_dssat_exp_free(x);
    agro_ctx_free(ctx);
    free(t.p);
    helper_tmpdir_remove(dir);
}

/* The pest and damage columns of a T file (DISES = Y), for treatment 3 of IUAF9902 (planted
 * 1999-147): levels sorted by distinct date, finite, >= 0, percentages <= 100; the day's
 * damage from them finite and within the same bounds. */
typedef struct pest_case {
    const char *path;
    const agro_dssat_exp *x;
    int have_ref;
    agro_dssat_pest ref;
} pest_case;

static void check_pest(checker *c, const char *p, size_t n, void *user)
{
    pest_case *pc = user;
    static agro_dssat_pest got;
    write_all(pc->path, p, n);
    agro_ctx_clear(c->ctx);
    int rc = agro_dssat_pest_load(c->ctx, pc->path, pc->x, 3, &got);
    if (rc) {
        expect_error(c, rc, pc->path, p, n, 1);
        c->failures++;
        return;
    }
    c->loaded++;
    for (int k = 0; k < AGRO_DSSAT_PEST_N; k++) {
        cr_expect(got.n_obs[k] >= 0 && got.n_obs[k] <= AGRO_DSSAT_MAX_PEST_OBS);
        for (int32_t i = 0; i < got.n_obs[k]; i++) {
            const double v = got.value[k][i];
            cr_expect(valid_yeardoy(got.date[k][i]) && got.date[k][i] > 1999147 &&
                          (i == 0 || got.date[k][i] > got.date[k][i - 1]),
                      "%s [%s]: code %d obs %d date %d", c->reader, c->what, k, (int)i,
                      (int)got.date[k][i]);
            cr_expect(isfinite(v) && v >= 0.0 && (k > AGRO_DSSAT_PEST_PASM || v <= 100.0),
                      "%s [%s]: code %d obs %d level %g", c->reader, c->what, k, (int)i, v);
        }
    }
    for (int32_t d = 1999180; d <= 1999215; d += 5) {
        agro_crop_damage dmg;
        cr_assert_eq(agro_dssat_pest_damage(&got, d, &dmg), AGRO_OK);
        const double *v = &dmg.leaf_pct;
        for (size_t k = 0; k < sizeof dmg / sizeof *v; k++)
            cr_expect(isfinite(v[k]) && v[k] >= 0.0 && (k >= 6 || v[k] <= 100.0),
                      "%s [%s]: damage member %d on %d = %g", c->reader, c->what, (int)k,
                      (int)d, v[k]);
    }
    if (!pc->have_ref) {
        pc->ref = got;
        pc->have_ref = 1;
    } else if (c->same) {
        cr_expect(memcmp(&got, &pc->ref, sizeof got) == 0,
                  "%s [%s]: levels differ from the original's", c->reader, c->what);
    }
}

Test(input_mutations, dssat_t_file_pest_columns)
{
    static const char src[] =
        "*EXP. DATA (T): IUAF9902MZ pest progress\n"
        "\n"
        "@TRNO   DATE  PLAD  PSMD  PASM  NWPD\n"
        "     3 99140  50.0   -99   -99   -99\n"
        "     3 99190  10.0   5.0   0.0   -99\n"
        "     3 99200  40.0   -99  30.0   1.5\n"
        "     3 99200  20.0   -99  30.0   -99\n"
        "     3 99210   0.0   5.0  50.0   0.0\n"
        "     2 99201   -99   -99   -99   3.7\n";
    char dir[256], path[512];
    helper_tmpdir_create(dir, sizeof dir, "mut_pest");
    snprintf(path, sizeof path, "%s/IUAF9902.MZT", dir);
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    agro_dssat_exp *x = NULL;
    cr_assert_eq(agro_dssat_exp_load(ctx, MAIZE "/IUAF9902.MZX", &x), AGRO_OK);
    text t = {malloc(sizeof src), sizeof src - 1};
    cr_assert_not_null(t.p);
    memcpy(t.p, src, sizeof src);
    checker c = {ctx, "IUAF9902.MZT (pest)", "original", 0, 0, 0, 1};
    pest_case *pc = calloc(1, sizeof *pc);
    cr_assert_not_null(pc);
    pc->path = path;
    pc->x = x;
    check_pest(&c, t.p, t.n, pc);
    cr_assert_eq(c.loaded, 1, "the original must load: %s", message(&c));
    cr_expect_eq(pc->ref.n_obs[AGRO_DSSAT_PEST_PLAD], 3);
    long n = text_mutants(&c, &t, 0, t.n, 0, LIMITS_LARGE, check_pest, pc);
    free(pc);
    cr_log_info("pest columns: %ld mutants (%ld loaded, %ld refused)", n, c.loaded - 1, c.failures);
    agro_dssat_exp_free(x);
    agro_ctx_free(ctx);
    free(t.p);
    helper_tmpdir_remove(dir);
}

Test(input_mutations, dssat_a_file) { obs_mutations("UFGA8201.MZA", 0, LIMITS_SMALL); }
Test(input_mutations, dssat_t_file) { obs_mutations("UFGA8201.MZT", 1, LIMITS_LARGE); }

/* ---------------------------------------------------------------------------------------- */
/* DSSAT soil (.SOL), weather (.WTH), cultivar (.CUL/.ECO): loaded alone, then in a run        */

typedef struct data_case {
    int kind;           /* 0 SOL, 1 WTH, 2 CUL, 3 ECO */
    const char *path;   /* the mutant inside data/<folder>/ */
    const char *data;   /* the data folder */
    const char *soil_id;
    const agro_dssat_exp *x;
    int32_t treatment;
    int have_ref; /* the original's values are kept below */
    agro_soil_profile soil_ref;
    agro_maize_cultivar cultivar_ref;
    agro_weather_day *weather_ref;
    int32_t n_weather_ref;
} data_case;

static void check_soil_values(checker *c, const agro_soil_profile *s)
{
    cr_expect(s->n_layers >= 1 && s->n_layers <= AGRO_SOIL_MAX_LAYERS);
    EXPECT_FINITE(c, s->albedo);
    EXPECT_FINITE(c, s->evap_limit_mm);
    EXPECT_FINITE(c, s->drainage_rate_d);
    EXPECT_FINITE(c, s->runoff_curve_number);
    EXPECT_FINITE(c, s->mineralisation_factor);
    EXPECT_FINITE(c, s->photosynthesis_factor);
    EXPECT_NAN_OR_FINITE(c, s->latitude_deg);
    EXPECT_NAN_OR_FINITE(c, s->longitude_deg);
    for (int i = 0; i < s->n_layers && i < AGRO_SOIL_MAX_LAYERS; i++) {
        EXPECT_FINITE(c, s->depth_cm[i]);
        EXPECT_FINITE(c, s->ll[i]);
        EXPECT_FINITE(c, s->dul[i]);
        EXPECT_FINITE(c, s->sat[i]);
        EXPECT_FINITE(c, s->root_growth_factor[i]);
        EXPECT_FINITE(c, s->stones_pct[i]);
        EXPECT_NAN_OR_FINITE(c, s->ksat_cm_h[i]);
        EXPECT_NAN_OR_FINITE(c, s->bulk_density_g_cm3[i]);
        EXPECT_NAN_OR_FINITE(c, s->organic_carbon_pct[i]);
        EXPECT_NAN_OR_FINITE(c, s->clay_pct[i]);
        EXPECT_NAN_OR_FINITE(c, s->silt_pct[i]);
        EXPECT_NAN_OR_FINITE(c, s->total_n_pct[i]);
        EXPECT_NAN_OR_FINITE(c, s->ph_water[i]);
        EXPECT_NAN_OR_FINITE(c, s->anion_adsorption_cm3_g[i]);
        EXPECT_NAN_OR_FINITE(c, s->cec_cmol_kg[i]);
        EXPECT_NAN_OR_FINITE(c, s->caco3_g_kg[i]);
        EXPECT_NAN_OR_FINITE(c, s->base_sum_cmol_kg[i]);
        EXPECT_NAN_OR_FINITE(c, s->exch_k_cmol_kg[i]);
        EXPECT_NAN_OR_FINITE(c, s->extractable_p_mg_kg[i]);
        EXPECT_NAN_OR_FINITE(c, s->organic_p_mg_kg[i]);
    }
    cr_expect(s->p_method >= 0 && s->p_method <= 15, "%s [%s]: p_method %d", c->reader, c->what,
              (int)s->p_method);
    /* what the reader accepted passes the documented physical checks */
    int rc = agro_soil_validate(c->ctx, s, "loaded");
    cr_expect_eq(rc, AGRO_OK, "%s [%s]: loaded profile fails validation: %s", c->reader, c->what,
                 message(c));
}

static void check_weather_series(checker *c, const agro_weather *w, const char *file)
{
    agro_weather_info in;
    cr_assert_eq(agro_weather_get_info(w, &in), AGRO_OK);
    cr_expect(in.n_days >= 1);
    EXPECT_NAN_OR_FINITE(c, in.latitude_deg);
    EXPECT_NAN_OR_FINITE(c, in.longitude_deg);
    EXPECT_NAN_OR_FINITE(c, in.elevation_m);
    EXPECT_FINITE(c, in.tav_C);
    EXPECT_FINITE(c, in.amp_C);
    EXPECT_FINITE(c, in.refht_m);
    EXPECT_FINITE(c, in.wndht_m);
    const agro_weather_day *d = agro_weather_days(w);
    for (int32_t i = 0; i < in.n_days; i++) {
        cr_expect(d[i].doy >= 1 && d[i].doy <= agro_days_in_year(d[i].year),
                  "%s [%s]: day %d: %d-%d", c->reader, c->what, (int)i, (int)d[i].year,
                  (int)d[i].doy);
        const double req[4] = {d[i].srad_MJ_m2_d, d[i].tmax_C, d[i].tmin_C, d[i].rain_mm};
        int missing = 0;
        for (int k = 0; k < 4; k++) {
            EXPECT_NAN_OR_FINITE(c, req[k]);
            missing |= isnan(req[k]);
        }
        EXPECT_NAN_OR_FINITE(c, d[i].tdew_C);
        EXPECT_NAN_OR_FINITE(c, d[i].wind_km_d);
        EXPECT_NAN_OR_FINITE(c, d[i].rhum_pct);
        EXPECT_NAN_OR_FINITE(c, d[i].par_mol_m2_d);
        EXPECT_NAN_OR_FINITE(c, d[i].vprs_kPa);
        /* a required value may be NaN only as a counted missing value that the pre-run check
         * refuses, naming file and line */
        if (missing) {
            cr_expect_gt(in.n_missing, 0, "%s [%s]: day %d NaN but no missing value counted",
                         c->reader, c->what, (int)i);
            agro_ctx_clear(c->ctx);
            int rc = agro_weather_check(c->ctx, w, i, 1);
            cr_expect_eq(rc, AGRO_EMISSING, "%s [%s]: day %d has a NaN required value but the "
                         "check gives %d", c->reader, c->what, (int)i, rc);
            cr_expect(strstr(message(c), file) != NULL, "%s [%s]: %s", c->reader, c->what,
                      message(c));
        } else if (req[0] < 0.0 || req[0] > 100.0 || req[3] < 0.0 || req[2] > req[1]) {
            /* a value DSSAT's DailyWeatherCheck stops on: loaded (.WTH), counted, and refused
             * by the pre-run check naming the file */
            cr_expect_gt(in.n_bad_days, 0, "%s [%s]: day %d: a bad value but no bad day counted",
                         c->reader, c->what, (int)i);
            agro_ctx_clear(c->ctx);
            int rc = agro_weather_check(c->ctx, w, i, 1);
            cr_expect_eq(rc, AGRO_ERANGE, "%s [%s]: day %d has a value DSSAT stops on but the "
                         "check gives %d", c->reader, c->what, (int)i, rc);
            cr_expect(strstr(message(c), file) != NULL, "%s [%s]: %s", c->reader, c->what,
                      message(c));
        }
    }
}

static int same_value(double a, double b) { return a == b || (isnan(a) && isnan(b)); }

/*
 * Day @p d holds what @p ref holds. An optional value may be missing instead: the .WTH
 * reader documents an unreadable optional cell (a byte glued to it) as missing.
 */
static int same_weather_day(const agro_weather_day *d, const agro_weather_day *ref)
{
    const double opt[5][2] = {{d->tdew_C, ref->tdew_C},
                              {d->wind_km_d, ref->wind_km_d},
                              {d->rhum_pct, ref->rhum_pct},
                              {d->par_mol_m2_d, ref->par_mol_m2_d},
                              {d->vprs_kPa, ref->vprs_kPa}};
    for (int k = 0; k < 5; k++)
        if (!same_value(opt[k][0], opt[k][1]) && !isnan(opt[k][0]))
            return 0;
    return d->year == ref->year && d->doy == ref->doy &&
           same_value(d->srad_MJ_m2_d, ref->srad_MJ_m2_d) && same_value(d->tmax_C, ref->tmax_C) &&
           same_value(d->tmin_C, ref->tmin_C) && same_value(d->rain_mm, ref->rain_mm);
}

static void check_data_file(checker *c, const char *p, size_t n, void *user)
{
    data_case *dc = user;
    write_all(dc->path, p, n);
    agro_ctx_clear(c->ctx);
    int rc, same = 1;
    if (dc->kind == 0) {
        agro_soil_profile s;
        rc = agro_soil_load_dssat(c->ctx, dc->path, dc->soil_id, &s);
        if (rc == AGRO_OK) {
            check_soil_values(c, &s);
            if (!dc->have_ref)
                dc->soil_ref = s;
            same = memcmp(&s, &dc->soil_ref, sizeof s) == 0;
        }
    } else if (dc->kind == 1) {
        agro_weather *w = NULL;
        rc = agro_weather_load_wth(c->ctx, dc->path, &w);
        if (rc == AGRO_OK) {
            check_weather_series(c, w, dc->path);
            agro_weather_info in;
            agro_weather_get_info(w, &in);
            size_t size = (size_t)in.n_days * sizeof(agro_weather_day);
            if (!dc->have_ref) {
                dc->weather_ref = malloc(size);
                cr_assert_not_null(dc->weather_ref);
                memcpy(dc->weather_ref, agro_weather_days(w), size);
                dc->n_weather_ref = in.n_days;
            }
            same = in.n_days == dc->n_weather_ref;
            for (int32_t i = 0; same && i < in.n_days; i++)
                same = same_weather_day(&agro_weather_days(w)[i], &dc->weather_ref[i]);
        } else {
            cr_expect_null(w);
        }
        agro_weather_free(w);
    } else {
        char cul[512], eco[512];
        snprintf(cul, sizeof cul, "%s/Genotype/MZCER048.CUL", dc->data);
        snprintf(eco, sizeof eco, "%s/Genotype/MZCER048.ECO", dc->data);
        agro_maize_cultivar cv;
        rc = agro_maize_cultivar_load_dssat(c->ctx, cul, eco, "IB0035", &cv);
        if (rc == AGRO_OK) {
            cr_expect_eq(agro_maize_cultivar_validate(c->ctx, &cv, "loaded"), AGRO_OK,
                         "%s [%s]: %s", c->reader, c->what, message(c));
            if (!dc->have_ref)
                dc->cultivar_ref = cv;
            same = memcmp(&cv, &dc->cultivar_ref, sizeof cv) == 0;
            cr_expect(!c->same || same,
                      "%s [%s]: other coefficients than the original's (P1 %g/%g PHINT %g/%g "
                      "TSEN %g/%g CDAY %g/%g)",
                      c->reader, c->what, cv.p1_Cd, dc->cultivar_ref.p1_Cd, cv.phint_Cd,
                      dc->cultivar_ref.phint_Cd, cv.tsen_C, dc->cultivar_ref.tsen_C, cv.cday_d,
                      dc->cultivar_ref.cday_d);
        }
    }
    if (rc) {
        /* a record or profile that the mutant lost is AGRO_ENOTFOUND without a line */
        expect_error(c, rc, dc->path, p, n, 1);
        c->failures++;
        return;
    }
    dc->have_ref = 1;
    c->loaded++;
    cr_expect(!c->same || same, "%s [%s]: other values than the original's", c->reader, c->what);
    check_run(c, dc->x, dc->treatment, dc->data, dc->path, p, n);
}

/* The byte range of the lines of @p t from the one starting with @p first_line_prefix to the
 * next line starting with '*' (a DSSAT record or profile). */
static span record_range(const text *t, const char *first_line_prefix)
{
    size_t pl = strlen(first_line_prefix);
    for (size_t i = 0; i < t->n; i = (size_t)(strchr(t->p + i, '\n') - t->p) + 1) {
        if (strncmp(t->p + i, first_line_prefix, pl) == 0) {
            size_t e = i + 1;
            while (e < t->n && !(t->p[e] == '*' && t->p[e - 1] == '\n'))
                e++;
            return (span){i, e};
        }
        if (!strchr(t->p + i, '\n'))
            break;
    }
    cr_assert_fail("\"%s\" not found", first_line_prefix);
    return (span){0, 0};
}

/* The last number of the last line of @p r (a DSSAT record line). */
static span last_number(const text *t, span r)
{
    size_t e = r.e;
    while (e > r.b && isspace((unsigned char)t->p[e - 1]))
        e--;
    size_t b = e;
    while (b > r.b && !isspace((unsigned char)t->p[b - 1]))
        b--;
    cr_assert(e > b);
    return (span){b, e};
}

static void data_mutations(int kind, const char *folder, const char *name,
                           span (*range)(const text *),
                           mut_limits lim)
{
    char dir[256], data[512], path[512], src[512];
    helper_tmpdir_create(dir, sizeof dir, "mut_data");
    snprintf(data, sizeof data, "%s/data", dir);
    cr_assert_eq(mkdir(data, 0700), 0);
    make_data_dir(data);
    snprintf(path, sizeof path, "%s/%s/%s", data, folder, name);
    snprintf(src, sizeof src, "%s/%s/%s", DSSAT, folder, name);
    text t = read_all(src);
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    agro_dssat_exp *x = NULL;
    cr_assert_eq(agro_dssat_exp_load(ctx, MAIZE "/UFGA8201.MZX", &x), AGRO_OK);
    checker c = {ctx, name, "original", 0, 0, 0, 1};
    data_case *dc = calloc(1, sizeof *dc);
    cr_assert_not_null(dc);
    dc->kind = kind;
    dc->path = path;
    dc->data = data;
    dc->soil_id = "IBMZ910014";
    dc->x = x;
    dc->treatment = 1;
    check_data_file(&c, t.p, t.n, dc);
    cr_assert_eq(c.loaded, 1, "%s: the original must load: %s", name, message(&c));
    span r = range ? range(&t) : (span){0, t.n};
    long n = text_mutants(&c, &t, r.b, r.e, 0, lim, check_data_file, dc);
    long resp = 0;
    if (kind >= 2) {
        /* the last number of the record respelled with leading zeros: its column stays the
         * last one whatever its width */
        span last = last_number(&t, r);
        resp = respell_mutants(&c, &t, last.b, last.e, 0, 1, check_data_file, dc);
    }
    cr_log_info("%s: %ld mutants + %ld respelled (%ld loaded, %ld refused)", name, n, resp,
                c.loaded - 1, c.failures);
    free(dc->weather_ref);
    free(dc);
    agro_dssat_exp_free(x);
    agro_ctx_free(ctx);
    free(t.p);
    helper_tmpdir_remove(dir);
}

static span soil_range(const text *t) { return record_range(t, "*IBMZ910014"); }

Test(input_mutations, dssat_soil_profile)
{
    data_mutations(0, "Soil", "SOIL.SOL", soil_range, LIMITS_LARGE);
}

Test(input_mutations, dssat_weather)
{
    data_mutations(1, "Weather", "UFGA8201.WTH", NULL, LIMITS_LARGE);
}

/* The MZCER048.CUL lines of the cultivar UFGA8201 grows, and the header above them. */
static span cul_range(const text *t)
{
    const char *rec = strstr(t->p, "\nIB0035");
    cr_assert_not_null(rec);
    const char *hdr = rec;
    while (hdr > t->p && strncmp(hdr, "\n@VAR#", 6) != 0)
        hdr--;
    const char *end = strchr(rec + 1, '\n');
    return (span){(size_t)(hdr - t->p) + 1, (size_t)(end - t->p) + 1};
}

/* The MZCER048.ECO header and the ecotype IB0035 names (IB0001). */
static span eco_range(const text *t)
{
    const char *hdr = strstr(t->p, "@ECO#");
    const char *rec = strstr(t->p, "\nIB0001");
    cr_assert(hdr && rec);
    const char *end = strchr(rec + 1, '\n');
    return (span){(size_t)(hdr - t->p), (size_t)(end - t->p) + 1};
}

Test(input_mutations, dssat_cultivar)
{
    data_mutations(2, "Genotype", "MZCER048.CUL", cul_range, LIMITS_SMALL);
}

Test(input_mutations, dssat_ecotype)
{
    data_mutations(3, "Genotype", "MZCER048.ECO", eco_range, LIMITS_SMALL);
}

/* ---------------------------------------------------------------------------------------- */
/* weather CSV                                                                                */

typedef struct csv_case {
    const char *path;
    const agro_weather *ref; /* for respelled numbers: the values to find again */
} csv_case;

static void check_csv(checker *c, const char *p, size_t n, void *user)
{
    const csv_case *cc = user;
    write_all(cc->path, p, n);
    agro_weather *w = NULL;
    agro_ctx_clear(c->ctx);
    int rc = agro_weather_load_csv(c->ctx, cc->path, &w);
    if (rc) {
        cr_expect_null(w);
        expect_error(c, rc, cc->path, p, n, 1);
        c->failures++;
        return;
    }
    c->loaded++;
    check_weather_series(c, w, cc->path);
    if (c->same) {
        agro_weather_info a, b;
        agro_weather_get_info(w, &a);
        agro_weather_get_info(cc->ref, &b);
        cr_expect(a.n_days == b.n_days &&
                      memcmp(agro_weather_days(w), agro_weather_days(cc->ref),
                             (size_t)a.n_days * sizeof(agro_weather_day)) == 0,
                  "%s [%s]: other values than the original", c->reader, c->what);
    }
    agro_weather_free(w);
}

Test(input_mutations, weather_csv)
{
    char dir[256], path[512];
    helper_tmpdir_create(dir, sizeof dir, "mut_csv");
    snprintf(path, sizeof path, "%s/UFGA8201.csv", dir);
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    /* the CSV form of a real station file, as agrosim writes it */
    agro_weather *ref = NULL;
    cr_assert_eq(agro_weather_load_wth(ctx, DSSAT "/Weather/UFGA8201.WTH", &ref), AGRO_OK);
    cr_assert_eq(agro_weather_write_csv(ctx, ref, path), AGRO_OK);
    text t = read_all(path);
    agro_weather *orig = NULL;
    cr_assert_eq(agro_weather_load_csv(ctx, path, &orig), AGRO_OK);
    checker c = {ctx, "weather CSV", "original", 0, 0, 0, 0};
    csv_case cc = {path, orig};
    long n = text_mutants(&c, &t, 0, t.n, 0, LIMITS_LARGE, check_csv, &cc);
    long r = respell_mutants(&c, &t, 0, t.n, 0, 40, check_csv, &cc);
    cr_log_info("weather CSV: %ld mutants + %ld respelled (%ld loaded, %ld refused)", n, r,
                c.loaded, c.failures);
    agro_weather_free(orig);
    agro_weather_free(ref);
    agro_ctx_free(ctx);
    free(t.p);
    helper_tmpdir_remove(dir);
}

/* ---------------------------------------------------------------------------------------- */
/* JSON parameter files                                                                       */

enum { J_SOIL, J_SITE, J_CULTIVAR, J_WEEDS };

typedef union json_out {
    agro_soil_profile soil;
    agro_site site;
    agro_maize_cultivar cultivar;
    agro_weed_params weeds;
} json_out;

typedef struct json_case {
    int kind;
    const char *path;
    json_out ref; /* what the original loads */
} json_case;

static void check_json(checker *c, const char *p, size_t n, void *user)
{
    json_case *jc = user;
    write_all(jc->path, p, n);
    agro_ctx_clear(c->ctx);
    int rc;
    json_out *out = calloc(1, sizeof *out);
    cr_assert_not_null(out);
    size_t size = 0;
    if (jc->kind == J_SOIL) {
        agro_soil_profile *s = &out->soil;
        size = sizeof *s;
        rc = agro_soil_load_json(c->ctx, jc->path, s);
        if (rc == AGRO_OK)
            check_soil_values(c, s);
    } else if (jc->kind == J_SITE) {
        agro_site *s = &out->site;
        size = sizeof *s;
        char name[64];
        rc = agro_site_load(c->ctx, jc->path, s, name, sizeof name);
        if (rc == AGRO_OK) {
            EXPECT_FINITE(c, s->latitude_deg);
            EXPECT_FINITE(c, s->longitude_deg);
            EXPECT_FINITE(c, s->elevation_m);
            EXPECT_FINITE(c, s->krs);
            for (int m = 0; m < 12; m++) {
                EXPECT_FINITE(c, s->tmax_C[m]);
                EXPECT_FINITE(c, s->tmin_C[m]);
                EXPECT_FINITE(c, s->rain_mm[m]);
                EXPECT_FINITE(c, s->rain_days[m]);
                EXPECT_NAN_OR_FINITE(c, s->srad_MJ_m2_d[m]);
            }
            /* two generated years must be a valid series */
            agro_weather *w = NULL;
            int g = agro_weather_generate(c->ctx, s, name, 2001, 2, 7, &w);
            cr_expect_eq(g, AGRO_OK, "%s [%s]: generator: %s", c->reader, c->what, message(c));
            if (g == AGRO_OK) {
                agro_weather_info in;
                agro_weather_get_info(w, &in);
                cr_expect_eq(agro_weather_check(c->ctx, w, 0, in.n_days), AGRO_OK,
                             "%s [%s]: generated weather: %s", c->reader, c->what, message(c));
                check_weather_series(c, w, jc->path);
            }
            agro_weather_free(w);
        }
    } else if (jc->kind == J_CULTIVAR) {
        agro_maize_cultivar *cv = &out->cultivar;
        size = sizeof *cv;
        char name[64];
        rc = agro_maize_cultivar_load_json(c->ctx, jc->path, cv, name, sizeof name);
        if (rc == AGRO_OK)
            cr_expect_eq(agro_maize_cultivar_validate(c->ctx, cv, "loaded"), AGRO_OK,
                         "%s [%s]: %s", c->reader, c->what, message(c));
    } else {
        agro_weed_params *wp = &out->weeds;
        size = sizeof *wp;
        rc = agro_weed_params_load_json(c->ctx, jc->path, wp);
        if (rc == AGRO_OK)
            cr_expect_eq(agro_weed_params_validate(c->ctx, wp), AGRO_OK, "%s [%s]: %s",
                         c->reader, c->what, message(c));
    }
    if (rc) {
        expect_error(c, rc, jc->path, p, n, 1);
        c->failures++;
    } else {
        c->loaded++;
        if (c->same)
            cr_expect(memcmp(out, &jc->ref, size) == 0, "%s [%s]: other values than the original",
                      c->reader, c->what);
    }
    free(out);
}

static void json_file_mutations(int kind, const char *label, const text *t, const char *name)
{
    char dir[256], path[512];
    helper_tmpdir_create(dir, sizeof dir, "mut_json");
    snprintf(path, sizeof path, "%s/%s", dir, name);
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    json_case *jc = calloc(1, sizeof *jc);
    cr_assert_not_null(jc);
    jc->kind = kind;
    jc->path = path;
    checker c = {ctx, label, "original", 0, 0, 0, 0};
    check_json(&c, t->p, t->n, jc);
    cr_assert_eq(c.loaded, 1, "%s: the original must load: %s", label, message(&c));
    /* what the original loads, for the mutants that must load the same */
    agro_ctx_clear(ctx);
    int rc;
    if (kind == J_SOIL)
        rc = agro_soil_load_json(ctx, path, &jc->ref.soil);
    else if (kind == J_SITE)
        rc = agro_site_load(ctx, path, &jc->ref.site, NULL, 0);
    else if (kind == J_CULTIVAR)
        rc = agro_maize_cultivar_load_json(ctx, path, &jc->ref.cultivar, NULL, 0);
    else
        rc = agro_weed_params_load_json(ctx, path, &jc->ref.weeds);
    cr_assert_eq(rc, AGRO_OK);
    long n = text_mutants(&c, t, 0, t->n, 1, LIMITS_SMALL, check_json, jc);
    long tree = json_mutants(&c, t, 60, check_json, jc);
    long r = respell_mutants(&c, t, 0, t->n, 1, 30, check_json, jc);
    cr_log_info("%s: %ld text + %ld JSON-tree + %ld respelled mutants (%ld loaded, %ld refused)",
                label, n, tree, r, c.loaded, c.failures);
    free(jc);
    agro_ctx_free(ctx);
    helper_tmpdir_remove(dir);
}

Test(input_mutations, json_soil)
{
    text t = read_all(MODELS "/soils/morogoro_sandy_clay_loam.json");
    json_file_mutations(J_SOIL, "soil JSON", &t, "soil.json");
    free(t.p);
}

Test(input_mutations, json_site)
{
    text t = read_all(MODELS "/sites/morogoro.json");
    json_file_mutations(J_SITE, "site JSON", &t, "site.json");
    free(t.p);
}

Test(input_mutations, json_cultivar)
{
    text t = read_all(MODELS "/cultivars/maize_h6_hybrid.json");
    json_file_mutations(J_CULTIVAR, "cultivar JSON", &t, "cultivar.json");
    free(t.p);
}

/* No weed parameter file ships with the models: the file is the defaults of weeds.h written
 * with every key, as a user would write one. */
Test(input_mutations, json_weeds)
{
    agro_weed_params d;
    agro_weed_params_default(&d);
    char buf[4096];
    snprintf(buf, sizeof buf,
             "{\n  \"schema_version\": 1,\n  \"name\": \"generic tropical annual weeds\",\n"
             "  \"source\": \"agro_weed_params_default (lib/weeds/weeds.c)\",\n"
             "  \"tbase_C\": %.17g,\n  \"rue_g_MJ\": %.17g,\n  \"k_par\": %.17g,\n"
             "  \"sla_m2_g\": %.17g,\n  \"leaf_frac\": %.17g,\n  \"root_frac\": %.17g,\n"
             "  \"max_leaf_area_cm2\": %.17g,\n  \"tt_half_Cd\": %.17g,\n"
             "  \"tt_slope_Cd\": %.17g,\n  \"seedling_g\": %.17g,\n"
             "  \"root_depth_rate_cm_Cd\": %.17g,\n  \"max_root_depth_cm\": %.17g,\n"
             "  \"tt_life_Cd\": %.17g,\n  \"n_crit_1t\": %.17g,\n  \"n_conc_min\": %.17g,\n"
             "  \"rlv_per_g_cm_g\": %.17g\n}\n",
             d.tbase_C, d.rue_g_MJ, d.k_par, d.sla_m2_g, d.leaf_frac, d.root_frac,
             d.max_leaf_area_cm2, d.tt_half_Cd, d.tt_slope_Cd, d.seedling_g,
             d.root_depth_rate_cm_Cd, d.max_root_depth_cm, d.tt_life_Cd, d.n_crit_1t,
             d.n_conc_min, d.rlv_per_g_cm_g);
    text t = {buf, strlen(buf)};
    json_file_mutations(J_WEEDS, "weed JSON", &t, "weeds.json");
}

/* ---------------------------------------------------------------------------------------- */
/* scenario JSON                                                                              */

#define SCENARIO_DIR AGROSIM_SOURCE_DIR "/examples/morogoro"

typedef struct scenario_case {
    const char *name; /* the name given to agro_scenario_load_text, used in messages */
} scenario_case;

static void check_scenario(checker *c, const char *p, size_t n, void *user)
{
    const scenario_case *sc = user;
    n = strlen(p); /* the loader reads the text up to its first NUL byte */
    agro_scenario *s = NULL;
    agro_ctx_clear(c->ctx);
    /* the text as read from a file stops at a NUL byte: give the loader the same */
    int rc = agro_scenario_load_text(c->ctx, sc->name, p, SCENARIO_DIR, &s);
    if (rc) {
        cr_expect_null(s);
        expect_error(c, rc, sc->name, p, n, 0);
        /* the scenario or a file it names (site, soil, cultivar) */
        const char *msg = message(c);
        cr_expect(strstr(msg, sc->name) || strstr(msg, MODELS) || strstr(msg, SCENARIO_DIR),
                  "%s [%s]: message names no file: %s", c->reader, c->what, msg);
        c->failures++;
        return;
    }
    c->loaded++;
    agro_scenario_info in;
    cr_assert_eq(agro_scenario_get_info(s, &in), AGRO_OK);
    cr_expect(in.n_runs >= 1 && in.max_days >= 1, "%s [%s]: %d runs of %d days", c->reader,
              c->what, (int)in.n_runs, (int)in.max_days);
    agro_results *res = NULL;
    rc = agro_results_create(c->ctx, s, &res);
    cr_expect_eq(rc, AGRO_OK, "%s [%s]: %s", c->reader, c->what, message(c));
    if (rc == AGRO_OK) {
        /* the first and the last run */
        const int32_t runs[2] = {0, in.n_runs - 1};
        for (int k = 0; k < (in.n_runs > 1 ? 2 : 1); k++) {
            agro_ctx_clear(c->ctx);
            rc = agro_scenario_run_range(c->ctx, s, res, runs[k], 1);
            if (rc == AGRO_OK) {
                agro_season_summary sum;
                cr_assert_eq(agro_results_get_summary(res, runs[k], &sum), AGRO_OK);
                check_summary(c, &sum);
            } else {
                expect_error(c, rc, sc->name, p, n, 0);
            }
        }
    }
    agro_results_free(res);
    agro_scenario_free(s);
}

Test(input_mutations, scenario_json)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    text t = read_all(SCENARIO_DIR "/morogoro.json");
    checker c = {ctx, "scenario JSON", "original", 0, 0, 0, 0};
    scenario_case sc = {"mutant-morogoro.json"};
    check_scenario(&c, t.p, t.n, &sc);
    cr_assert_eq(c.loaded, 1, "the original scenario must load: %s", message(&c));
    long n = text_mutants(&c, &t, 0, t.n, 1, LIMITS_SMALL, check_scenario, &sc);
    long tree = json_mutants(&c, &t, 40, check_scenario, &sc);
    cr_log_info("scenario JSON: %ld text + %ld JSON-tree mutants (%ld loaded, %ld refused)", n,
                tree, c.loaded - 1, c.failures);
    agro_ctx_free(ctx);
    free(t.p);
}

/* ---------------------------------------------------------------------------------------- */
/* regressions found by the coverage-guided fuzzing of tests/fuzz/ (README.md there)          */

/*
 * fuzz_dssat_wth: a weather file whose only day lacks TMIN (-193 <= -99 is a missing value) and
 * whose header gives no TAV/AMP loaded with TAV and AMP NaN: there is no month to compute them
 * from. They are DSSAT's substitutes 20 and 5 degC (IPWTH_alt.for) instead; the day stays a
 * counted missing value that the pre-run check refuses, naming the file. Same for the CSV reader.
 */
Test(input_mutations, fuzz_weather_without_a_tmax_tmin_pair)
{
    static const char wth[] = "*WEATHER : ELORA,O*QNAD7.3\n"
                              "@DATE  SRAD  TMAX  TMIN  RAIN\n"
                              "78001   1.8  -9.1 -193  12.";
    static const char csv[] = "date,srad_MJ_m2_d,tmax_C,tmin_C,rain_mm\n"
                              "2001-01-01,10,NA,12,0\n"
                              "2001-01-02,11,25,NA,0\n";
    char dir[256];
    helper_tmpdir_create(dir, sizeof dir, "fuzz_wth");
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    checker c = {ctx, "fuzz regression", "weather without a TMAX/TMIN pair", 0, 0, 0, 0};
    for (int k = 0; k < 2; k++) {
        char path[600];
        snprintf(path, sizeof path, "%s", helper_write_file(dir, k ? "T.csv" : "T.WTH",
                                                            k ? csv : wth));
        agro_weather *w = NULL;
        agro_ctx_clear(ctx);
        int rc = k ? agro_weather_load_csv(ctx, path, &w) : agro_weather_load_wth(ctx, path, &w);
        cr_assert_eq(rc, AGRO_OK, "%s: %s", path, message(&c));
        agro_weather_info in;
        cr_assert_eq(agro_weather_get_info(w, &in), AGRO_OK);
        cr_expect_eq(in.n_days, k ? 2 : 1);
        cr_expect_eq(in.n_missing, k ? 2 : 1);
        cr_expect(in.tav_C == 20.0 && in.amp_C == 5.0, "%s: TAV %g AMP %g", path, in.tav_C,
                  in.amp_C);
        check_weather_series(&c, w, path);
        agro_weather_free(w);
    }
    agro_ctx_free(ctx);
    helper_tmpdir_remove(dir);
}

/*
 * fuzz_soil_json, fuzz_cultivar_json, fuzz_scenario: a control character where JSON allows
 * whitespace (cJSON skips every byte from 1 to 32) put the scan that finds the line of a JSON
 * path out of step with the parse, and on a '}' or ']' it then looped for ever: any error
 * message of any JSON file (soil, cultivar, site, weeds, scenario) hung the loader. The scan now
 * skips what cJSON skips and always moves on. Here: every indentation of a real soil file led
 * by control bytes, and an albedo out of range: the error names its line; the minimised fuzz
 * input (a 0x16 before a layer) fails at once. The timeout turns a hang into a failure.
 */
Test(input_mutations, fuzz_json_control_characters_as_whitespace, .timeout = 30)
{
    char dir[256];
    helper_tmpdir_create(dir, sizeof dir, "fuzz_json");
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    checker c = {ctx, "fuzz regression", "control bytes as JSON whitespace", 0, 0, 0, 0};
    text t = read_all(MODELS "/soils/morogoro_sandy_clay_loam.json");
    char *m = malloc(2 * t.n + 1);
    cr_assert_not_null(m);
    size_t k = 0;
    long line = 1, albedo_line = 0;
    for (size_t i = 0; i < t.n; i++) {
        if (i == 0 || t.p[i - 1] == '\n') {
            m[k++] = 0x16;
            m[k++] = 0x01;
        }
        if (strncmp(t.p + i, "\"albedo\": ", 10) == 0) {
            /* "albedo": 5.13 (a fraction: out of range) */
            memcpy(m + k, "\"albedo\": 5", 11);
            k += 11;
            i += 10 + 1; /* the value's "0" */
            albedo_line = line;
        }
        line += t.p[i] == '\n';
        m[k++] = t.p[i];
    }
    m[k] = '\0';
    cr_assert_gt(albedo_line, 0);
    const char *path = helper_write_file(dir, "soil.json", m);
    char p[600];
    snprintf(p, sizeof p, "%s", path);
    agro_soil_profile s;
    int rc = agro_soil_load_json(ctx, p, &s);
    expect_error(&c, rc, p, m, k, 1);
    char want[700];
    snprintf(want, sizeof want, "%s:%ld: surface.albedo", p, albedo_line);
    cr_expect(strstr(message(&c), want) != NULL, "wanted \"%s\" in: %s", want, message(&c));

    static const char fuzzed[] = "{\n \"name\": \"x\",\n  \"layers\": [\n   \x16{\"depth_bottom_cm\": 0, "
                                 "\"ll_cm3pct\": 0.036, \"ph_water\": 5.4}\n  ]\n}\n";
    snprintf(p, sizeof p, "%s", helper_write_file(dir, "fuzzed.json", fuzzed));
    agro_ctx_clear(ctx);
    rc = agro_soil_load_json(ctx, p, &s);
    expect_error(&c, rc, p, fuzzed, sizeof fuzzed - 1, 1);
    agro_maize_cultivar cv;
    agro_ctx_clear(ctx);
    rc = agro_maize_cultivar_load_json(ctx, p, &cv, NULL, 0);
    expect_error(&c, rc, p, fuzzed, sizeof fuzzed - 1, 1);
    agro_scenario *sc = NULL;
    agro_ctx_clear(ctx);
    rc = agro_scenario_load_text(ctx, "fuzzed-scenario.json", fuzzed, dir, &sc);
    cr_expect_null(sc);
    expect_error(&c, rc, "fuzzed-scenario.json", fuzzed, sizeof fuzzed - 1, 1);
    free(m);
    free(t.p);
    agro_ctx_free(ctx);
    helper_tmpdir_remove(dir);
}
