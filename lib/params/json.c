#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal/error.h"
#include "internal/json.h"
#include "internal/text.h"

/* Largest file read whole, bytes: 1 GiB (10,000 generated years of weather CSV, the
 * weather-gen maximum, are ~0.2 GiB). */
#define AGRO_READ_FILE_MAX ((size_t)1 << 30)

/* Refuse a text holding a NUL byte (AGRO_EFORMAT naming @p path, its line and column): text
 * readers split lines with string functions, which would silently drop or cut what follows. */
static int check_text(agro_ctx *ctx, const char *path, const char *text, size_t len)
{
    const char *nul = memchr(text, '\0', len);
    if (!nul)
        return AGRO_OK;
    const size_t off = (size_t)(nul - text);
    size_t ls;
    const long line = agro_text_line_of(text, len, off, &ls);
    return agro_fail(ctx, AGRO_EFORMAT, path, line, NULL, "NUL byte at column %zu: not a text file",
                     off - ls + 1);
}

int agro_read_file(agro_ctx *ctx, const char *path, char **text, size_t *len)
{
    if (!path || !text)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "no file name given");
    FILE *fp = fopen(path, "rb");
    char eb[AGRO_ERRNO_TEXT_MAX];
    if (!fp)
        return agro_fail(ctx, AGRO_EIO, path, 0, NULL, "cannot open: %s",
                         agro_errno_text(errno, eb, sizeof eb));
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(fp);
        return agro_fail(ctx, AGRO_ENOMEM, path, 0, NULL, "out of memory");
    }
    for (;;) {
        if (cap - n < 2048) {
            if (cap >= AGRO_READ_FILE_MAX) { /* e.g. /dev/zero: fail before memory runs out */
                free(buf);
                fclose(fp);
                return agro_fail(ctx, AGRO_ELIMIT, path, 0, NULL, "file larger than %u MiB",
                                 (unsigned)(AGRO_READ_FILE_MAX >> 20));
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                fclose(fp);
                return agro_fail(ctx, AGRO_ENOMEM, path, 0, NULL, "out of memory");
            }
            buf = nb;
            cap *= 2;
        }
        errno = 0;
        size_t got = fread(buf + n, 1, cap - n - 1, fp);
        n += got;
        if (got == 0)
            break;
    }
    /* the cause (a folder: EISDIR) is taken before fclose can change errno */
    const int err = ferror(fp), cause = errno;
    fclose(fp);
    if (err) {
        free(buf);
        if (!cause)
            return agro_fail(ctx, AGRO_EIO, path, 0, NULL, "read error");
        return agro_fail(ctx, AGRO_EIO, path, 0, NULL, "read error: %s",
                         agro_errno_text(cause, eb, sizeof eb));
    }
    buf[n] = '\0';
    /* a UTF-8 byte-order mark (Windows editors write one) is not text: DSSAT reads past it, and
       cJSON and the table readers would take it for content */
    if (n >= 3 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB &&
        (unsigned char)buf[2] == 0xBF) {
        memmove(buf, buf + 3, n - 2);
        n -= 3;
    }
    int rc = check_text(ctx, path, buf, n);
    if (rc) {
        free(buf);
        return rc;
    }
    *text = buf;
    if (len)
        *len = n;
    return AGRO_OK;
}

/* The arrays and objects open at @p off of a text that parsed up to there. */
static long depth_at(const char *text, size_t off)
{
    long depth = 0;
    int in_string = 0;
    for (size_t i = 0; i < off && text[i]; i++) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\' && text[i + 1])
                i++;
            else if (c == '"')
                in_string = 0;
        } else if (c == '"')
            in_string = 1;
        else if (c == '[' || c == '{')
            depth++;
        else if (c == ']' || c == '}')
            depth--;
    }
    return depth;
}

/* The offset of the first escape "\u0000" inside a string of a text that parsed, or -1: cJSON
 * decodes it into the C string it hands out, which ends there, so "plot\u0000x" was the name
 * "plot" and "--03-15\u0000x" the date "--03-15", with no word (a key too). */
static long nul_escape_at(const char *text)
{
    int in_string = 0;
    for (size_t i = 0; text[i]; i++) {
        const char c = text[i];
        if (!in_string) {
            in_string = c == '"';
        } else if (c == '"') {
            in_string = 0;
        } else if (c == '\\' && text[i + 1]) {
            if (text[i + 1] == 'u' && strncmp(text + i + 2, "0000", 4) == 0)
                return (long)i;
            i++;
        }
    }
    return -1;
}

int agro_json_open_text(agro_ctx *ctx, const char *name, const char *text, agro_json_file *f)
{
    if (!f || !text)
        return agro_fail(ctx, AGRO_EINVAL, name, 0, NULL, "no JSON text");
    memset(f, 0, sizeof *f);
    f->path = name;
    size_t len = strlen(text);
    f->text = malloc(len + 1);
    if (!f->text)
        return agro_fail(ctx, AGRO_ENOMEM, name, 0, NULL, "out of memory");
    memcpy(f->text, text, len + 1);
    const char *end = NULL;
    f->root = cJSON_ParseWithOpts(f->text, &end, 1);
    if (!f->root) {
        size_t off = end ? (size_t)(end - f->text) : 0;
        int status = AGRO_EFORMAT;
        if (strspn(f->text, " \t\r\n") == len) {
            /* nothing to point at: no line */
            agro_fail(ctx, status, name, 0, NULL, "empty file, expected a JSON object");
            free(f->text);
            f->text = NULL;
            return status;
        }
        /* an error at the end of a text ending in a line end (it stops early) is on its last
         * line, not on the line after it */
        const int at_end = off >= len;
        if (at_end && off > 0 && f->text[off - 1] == '\n')
            off--;
        if (at_end && off > 0 && f->text[off - 1] == '\r')
            off--;
        size_t ls;
        const long line = agro_text_line_of(f->text, len, off, &ls);
        /* cJSON refuses an array or object opened deeper than CJSON_NESTING_LIMIT (Debian's
           libcjson 1.7.15 keeps the header's 1000) and stops on its bracket, which alone reads
           as a syntax error */
        if (!at_end && (f->text[off] == '[' || f->text[off] == '{') &&
            depth_at(f->text, off) >= CJSON_NESTING_LIMIT)
            agro_fail(ctx, status, name, line, NULL,
                      "JSON nested deeper than %d levels (arrays and objects inside one another) "
                      "at column %zu",
                      CJSON_NESTING_LIMIT, off - ls + 1);
        else
            agro_fail(ctx, status, name, line, NULL, "%s at column %zu",
                      at_end ? "JSON syntax error: the text ends too early" : "JSON syntax error",
                      off - ls + 1);
        free(f->text);
        f->text = NULL;
        return status;
    }
    const long nul = nul_escape_at(f->text);
    if (nul >= 0) {
        size_t ls;
        const long line = agro_text_line_of(f->text, len, (size_t)nul, &ls);
        agro_fail(ctx, AGRO_EFORMAT, name, line, NULL,
                  "\\u0000 (a NUL character) in a string at column %zu: the string would end "
                  "there, so agrosim refuses it",
                  (size_t)nul - ls + 1);
        agro_json_close(f);
        return AGRO_EFORMAT;
    }
    return AGRO_OK;
}

int agro_json_open(agro_ctx *ctx, const char *path, agro_json_file *f)
{
    char *text = NULL;
    size_t len = 0;
    int rc = agro_read_file(ctx, path, &text, &len);
    if (rc)
        return rc;
    rc = agro_json_open_text(ctx, path, text, f);
    free(text);
    return rc;
}

void agro_json_close(agro_json_file *f)
{
    if (!f)
        return;
    cJSON_Delete(f->root);
    free(f->text);
    f->root = NULL;
    f->text = NULL;
}

/* ---- locating a JSON path in the text (the text has already parsed, so it is valid) ---- */

typedef struct scan {
    const char *s;
    size_t i;
    const char *target;
    long found;
} scan;

/* Whitespace as cJSON skips it (every byte from 1 to 32, control characters included), so the
 * scan keeps in step with the parse. */
static void skip_ws(scan *sc)
{
    while (sc->s[sc->i] && (unsigned char)sc->s[sc->i] <= 32)
        sc->i++;
}

/* The value of the 4 hex digits at @p p, or -1. */
static long hex4(const char *p)
{
    long v = 0;
    for (int k = 0; k < 4; k++) {
        const char c = p[k];
        const int d = c >= '0' && c <= '9'   ? c - '0'
                      : c >= 'a' && c <= 'f' ? c - 'a' + 10
                      : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                             : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Append @p b to @p out (@p n bytes, @p k used), keeping room for the NUL. */
static void put_byte(char *out, size_t n, size_t *k, unsigned b)
{
    if (out && *k + 1 < n)
        out[(*k)++] = (char)b;
}

/* Step over a string; with @p out, its value decoded as cJSON decodes it (escapes, \uXXXX and
 * surrogate pairs as UTF-8), so that a key spelt with an escape ("x\u0067") is found by the key
 * cJSON gives it. */
static void skip_string(scan *sc, char *out, size_t n)
{
    size_t k = 0;
    sc->i++; /* opening quote */
    while (sc->s[sc->i] && sc->s[sc->i] != '"') {
        const char c = sc->s[sc->i];
        if (c != '\\' || !sc->s[sc->i + 1]) {
            put_byte(out, n, &k, (unsigned char)c);
            sc->i++;
            continue;
        }
        const char e = sc->s[sc->i + 1];
        sc->i += 2;
        if (e != 'u') {
            static const char from[] = "bfnrt", to[] = "\b\f\n\r\t";
            const char *f = strchr(from, e);
            put_byte(out, n, &k, (unsigned char)(f && e ? to[f - from] : e));
            continue;
        }
        long u = hex4(sc->s + sc->i);
        if (u < 0)
            continue; /* not valid JSON, which has parsed: not reached */
        sc->i += 4;
        if (u >= 0xD800 && u <= 0xDBFF && sc->s[sc->i] == '\\' && sc->s[sc->i + 1] == 'u') {
            const long lo = hex4(sc->s + sc->i + 2);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                sc->i += 6;
            }
        }
        if (u < 0x80) {
            put_byte(out, n, &k, (unsigned)u);
        } else if (u < 0x800) {
            put_byte(out, n, &k, 0xC0 | (unsigned)(u >> 6));
            put_byte(out, n, &k, 0x80 | (unsigned)(u & 0x3F));
        } else if (u < 0x10000) {
            put_byte(out, n, &k, 0xE0 | (unsigned)(u >> 12));
            put_byte(out, n, &k, 0x80 | (unsigned)((u >> 6) & 0x3F));
            put_byte(out, n, &k, 0x80 | (unsigned)(u & 0x3F));
        } else {
            put_byte(out, n, &k, 0xF0 | (unsigned)(u >> 18));
            put_byte(out, n, &k, 0x80 | (unsigned)((u >> 12) & 0x3F));
            put_byte(out, n, &k, 0x80 | (unsigned)((u >> 6) & 0x3F));
            put_byte(out, n, &k, 0x80 | (unsigned)(u & 0x3F));
        }
    }
    if (sc->s[sc->i] == '"')
        sc->i++;
    if (out)
        out[k] = '\0';
}

/* A node's path cut to its buffer (@p size bytes; a key of more than 255 bytes) ends between UTF-8
 * characters, as the messages that name it do: the scan below and the nodes cut the same text the
 * same way, so that the cut path is still found on its line. */
static void path_cut(char *path, size_t size)
{
    const size_t len = strlen(path);
    if (len == size - 1)
        path[agro_utf8_cut(path, len)] = '\0';
}

static void scan_value(scan *sc, const char *path)
{
    skip_ws(sc);
    if (!sc->found && strcmp(path, sc->target) == 0)
        sc->found = agro_text_line_of(sc->s, strlen(sc->s), sc->i, NULL);
    char c = sc->s[sc->i];
    /* a node's path cut as agro_json_node cuts it, so that a path of a long key (over 255 bytes)
       is found as the node gives it */
    char sub[sizeof ((agro_json_node *)0)->jpath];
    if (c == '{') {
        sc->i++;
        for (;;) {
            skip_ws(sc);
            if (sc->s[sc->i] == '}' || !sc->s[sc->i]) {
                if (sc->s[sc->i]) sc->i++;
                return;
            }
            char key[sizeof sub];
            skip_string(sc, key, sizeof key);
            skip_ws(sc);
            if (sc->s[sc->i] == ':')
                sc->i++;
            snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", key);
            path_cut(sub, sizeof sub);
            scan_value(sc, sub);
            skip_ws(sc);
            if (sc->s[sc->i] == ',')
                sc->i++;
        }
    } else if (c == '[') {
        sc->i++;
        for (int k = 0;; k++) {
            skip_ws(sc);
            if (sc->s[sc->i] == ']' || !sc->s[sc->i]) {
                if (sc->s[sc->i]) sc->i++;
                return;
            }
            snprintf(sub, sizeof sub, "%s[%d]", path, k);
            path_cut(sub, sizeof sub);
            scan_value(sc, sub);
            skip_ws(sc);
            if (sc->s[sc->i] == ',')
                sc->i++;
        }
    } else if (c == '"') {
        skip_string(sc, NULL, 0);
    } else {
        /* a scalar; a byte the scan does not expect here (the text is valid JSON, but the scan
         * must end on any text) is stepped over, so every call moves on and the loops above
         * terminate */
        const size_t start = sc->i;
        while (sc->s[sc->i] && (unsigned char)sc->s[sc->i] > 32 && !strchr(",]}", sc->s[sc->i]))
            sc->i++;
        if (sc->i == start && sc->s[sc->i])
            sc->i++;
    }
}

long agro_json_line(const agro_json_file *f, const char *jpath)
{
    if (!f || !f->text || !jpath)
        return 0;
    scan sc = {f->text, 0, jpath, 0};
    if (strncmp(f->text, "\xEF\xBB\xBF", 3) == 0)
        sc.i = 3; /* a UTF-8 byte-order mark, which cJSON skips too */
    scan_value(&sc, "");
    return sc.found;
}

/* ---- nodes ---- */

int agro_json_fail(agro_ctx *ctx, const agro_json_node *node, int status, const char *fmt, ...)
{
    char text[AGRO_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    long line = agro_json_line(node->file, node->jpath);
    return agro_fail(ctx, status, node->file->path, line, node->jpath[0] ? node->jpath : "(root)",
                     "%s", text);
}

int agro_json_root(agro_ctx *ctx, const agro_json_file *f, agro_json_node *out)
{
    out->file = f;
    out->item = f->root;
    out->jpath[0] = '\0';
    if (!cJSON_IsObject(f->root))
        return agro_json_fail(ctx, out, AGRO_EFORMAT, "expected a JSON object at the top level");
    return AGRO_OK;
}

static void child_path(agro_json_node *out, const agro_json_node *parent, const char *key)
{
    snprintf(out->jpath, sizeof out->jpath, "%s%s%s", parent->jpath, parent->jpath[0] ? "." : "",
             key);
    path_cut(out->jpath, sizeof out->jpath);
}

int agro_json_get(agro_ctx *ctx, const agro_json_node *obj, const char *key, int required,
                  agro_json_node *out)
{
    out->file = obj->file;
    child_path(out, obj, key);
    out->item = cJSON_GetObjectItemCaseSensitive(obj->item, key);
    if (!out->item) {
        if (required)
            return agro_json_fail(ctx, obj, AGRO_EMISSING, "required key \"%s\" is missing", key);
        return 1;
    }
    return AGRO_OK;
}

int agro_json_at(const agro_json_node *arr, int i, agro_json_node *out)
{
    out->file = arr->file;
    snprintf(out->jpath, sizeof out->jpath, "%s[%d]", arr->jpath, i);
    path_cut(out->jpath, sizeof out->jpath);
    out->item = cJSON_GetArrayItem(arr->item, i);
    return out->item ? AGRO_OK : AGRO_ENOTFOUND;
}

int agro_json_array_size(agro_ctx *ctx, const agro_json_node *arr, int *n)
{
    if (!cJSON_IsArray(arr->item))
        return agro_json_fail(ctx, arr, AGRO_EFORMAT, "expected an array");
    *n = cJSON_GetArraySize(arr->item);
    return AGRO_OK;
}

int agro_json_check_unique(agro_ctx *ctx, const agro_json_node *obj)
{
    if (!cJSON_IsObject(obj->item))
        return agro_json_fail(ctx, obj, AGRO_EFORMAT, "expected an object");
    for (const cJSON *it = obj->item->child; it; it = it->next)
        for (const cJSON *prev = obj->item->child; prev != it; prev = prev->next)
            if (strcmp(prev->string, it->string) == 0) {
                agro_json_node dup;
                dup.file = obj->file;
                child_path(&dup, obj, it->string);
                dup.item = it;
                return agro_json_fail(ctx, &dup, AGRO_EKEY,
                                      "key \"%s\" given twice (only one value can hold)",
                                      it->string);
            }
    return AGRO_OK;
}

/* Edit distance of @p a and @p b (insertions, deletions, substitutions and swaps of two
 * neighbours, each 1: the optimal string alignment distance), or a large value when either has
 * more than 63 bytes. */
static size_t key_distance(const char *a, const char *b)
{
    enum { KMAX = 64 };
    const size_t na = strlen(a), nb = strlen(b);
    if (na >= KMAX || nb >= KMAX)
        return (size_t)-1;
    size_t d[KMAX][KMAX];
    for (size_t i = 0; i <= na; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= nb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= na; i++)
        for (size_t j = 1; j <= nb; j++) {
            size_t v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < v)
                v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[na][nb];
}

/* The allowed key a misspelt @p key was most likely meant to be: one edit away (two for a key of
 * 6 bytes or more), or NULL. */
static const char *nearest_key(const char *key, const char *const *allowed, size_t n_allowed)
{
    const size_t limit = strlen(key) >= 6 ? 2 : 1;
    size_t best = limit + 1;
    const char *found = NULL;
    for (size_t k = 0; k < n_allowed; k++) {
        const size_t dk = key_distance(key, allowed[k]);
        if (dk < best) {
            best = dk;
            found = allowed[k];
        }
    }
    return found;
}

int agro_json_check_keys(agro_ctx *ctx, const agro_json_node *obj, const char *const *allowed,
                         size_t n_allowed)
{
    if (!cJSON_IsObject(obj->item))
        return agro_json_fail(ctx, obj, AGRO_EFORMAT, "expected an object");
    const cJSON *it = NULL;
    cJSON_ArrayForEach(it, obj->item)
    {
        int ok = 0;
        for (size_t k = 0; k < n_allowed && !ok; k++)
            ok = strcmp(it->string, allowed[k]) == 0;
        if (!ok) {
            agro_json_node bad;
            bad.file = obj->file;
            child_path(&bad, obj, it->string);
            bad.item = it;
            const char *near = nearest_key(it->string, allowed, n_allowed);
            if (near)
                return agro_json_fail(ctx, &bad, AGRO_EKEY,
                                      "unknown key \"%s\" (did you mean \"%s\"?)", it->string,
                                      near);
            return agro_json_fail(ctx, &bad, AGRO_EKEY, "unknown key \"%s\"", it->string);
        }
    }
    /* a key given twice: lookups find the first, so the second would be ignored */
    return agro_json_check_unique(ctx, obj);
}

int agro_json_number(agro_ctx *ctx, const agro_json_node *obj, const char *key, int required,
                     double def, double min, double max, double *out)
{
    agro_json_node n;
    int rc = agro_json_get(ctx, obj, key, required, &n);
    if (rc < 0)
        return rc;
    if (rc > 0) {
        *out = def;
        return AGRO_OK;
    }
    if (!cJSON_IsNumber(n.item))
        return agro_json_fail(ctx, &n, AGRO_EFORMAT, "expected a number");
    double v = n.item->valuedouble;
    if (!isfinite(v) || v < min || v > max)
        return agro_json_fail(ctx, &n, AGRO_ERANGE, "value %g outside [%g, %g]", v, min, max);
    *out = v;
    return AGRO_OK;
}

int agro_json_int(agro_ctx *ctx, const agro_json_node *obj, const char *key, int required,
                  int def, int min, int max, int *out)
{
    agro_json_node n;
    int rc = agro_json_get(ctx, obj, key, required, &n);
    if (rc < 0)
        return rc;
    if (rc > 0) {
        *out = def;
        return AGRO_OK;
    }
    if (!cJSON_IsNumber(n.item))
        return agro_json_fail(ctx, &n, AGRO_EFORMAT, "expected a number");
    /* integers in full: %g showed 2147483648 against a maximum 2147483647 as "value 2.14748e+09
       outside [0, 2.14748e+09]" */
    const double v = n.item->valuedouble;
    const int whole = v == floor(v) && fabs(v) < 1e17;
    if (!isfinite(v) || v < min || v > max) {
        if (whole)
            return agro_json_fail(ctx, &n, AGRO_ERANGE, "value %.0f outside [%d, %d]", v, min,
                                  max);
        return agro_json_fail(ctx, &n, AGRO_ERANGE, "value %g outside [%d, %d]", v, min, max);
    }
    if (!whole)
        return agro_json_fail(ctx, &n, AGRO_EFORMAT, "expected an integer, got %g", v);
    *out = (int)v;
    return AGRO_OK;
}

int agro_json_string(agro_ctx *ctx, const agro_json_node *obj, const char *key, int required,
                     const char *def, char *buf, size_t n)
{
    agro_json_node s;
    int rc = agro_json_get(ctx, obj, key, required, &s);
    if (rc < 0)
        return rc;
    if (rc > 0) {
        snprintf(buf, n, "%s", def ? def : "");
        return AGRO_OK;
    }
    if (!cJSON_IsString(s.item))
        return agro_json_fail(ctx, &s, AGRO_EFORMAT, "expected a string");
    if (strlen(s.item->valuestring) >= n)
        return agro_json_fail(ctx, &s, AGRO_ERANGE,
                              "string of %zu bytes, longer than %zu (UTF-8 takes 2 to 4 bytes for a "
                              "character outside ASCII)",
                              strlen(s.item->valuestring), n - 1);
    snprintf(buf, n, "%s", s.item->valuestring);
    return AGRO_OK;
}

/* The string at @p key into *@p s: AGRO_OK, 1 when an optional key is absent, or the failure
   (a required key missing, a value that is not a string) */
static int string_node(agro_ctx *ctx, const agro_json_node *obj, const char *key, int required,
                       agro_json_node *s)
{
    int rc = agro_json_get(ctx, obj, key, required, s);
    if (rc)
        return rc;
    if (!cJSON_IsString(s->item))
        return agro_json_fail(ctx, s, AGRO_EFORMAT, "expected a string");
    return AGRO_OK;
}

int agro_json_source(agro_ctx *ctx, const agro_json_node *obj, const char *key, int required)
{
    agro_json_node s;
    int rc = string_node(ctx, obj, key, required, &s);
    if (rc)
        return rc < 0 ? rc : AGRO_OK;
    /* read in place, not into a buffer: a citation has no length limit; white space as ASCII
       has it, whatever the host's locale */
    const char *v = s.item->valuestring;
    if (v[strspn(v, " \t\n\r\f\v")] != '\0')
        return AGRO_OK;
    return agro_json_fail(ctx, &s, AGRO_EMISSING, "empty source: say where the values come from");
}

int agro_json_text(agro_ctx *ctx, const agro_json_node *obj, const char *key)
{
    agro_json_node s;
    const int rc = string_node(ctx, obj, key, 0, &s);
    return rc < 0 ? rc : AGRO_OK;
}

int agro_json_number_array(agro_ctx *ctx, const agro_json_node *obj, const char *key,
                           int required, double min, double max, double *out, size_t n)
{
    agro_json_node a;
    int rc = agro_json_get(ctx, obj, key, required, &a);
    if (rc)
        return rc < 0 ? rc : AGRO_OK;
    int size = 0;
    if ((rc = agro_json_array_size(ctx, &a, &size)))
        return rc;
    if ((size_t)size != n)
        return agro_json_fail(ctx, &a, AGRO_EFORMAT, "expected %zu values, got %d", n, size);
    for (int i = 0; i < size; i++) {
        agro_json_node e;
        agro_json_at(&a, i, &e);
        if (!cJSON_IsNumber(e.item))
            return agro_json_fail(ctx, &e, AGRO_EFORMAT, "expected a number");
        double v = e.item->valuedouble;
        if (!isfinite(v) || v < min || v > max)
            return agro_json_fail(ctx, &e, AGRO_ERANGE, "value %g outside [%g, %g]", v, min, max);
        out[i] = v;
    }
    return AGRO_OK;
}
