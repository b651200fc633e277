/* POSIX strerror_r in its portable XSI form (int result), not the GNU char* one. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agrosim/soil.h"
#include "internal/c_locale.h"
#include "internal/error.h"
#include "internal/text.h"
#include "agrosim_version_gen.h"

/* agro_ctx_cancel is called from signal handlers: an atomic int that is always lock-free is
 * async-signal-safe (C11 7.14.1.1), one that takes a lock is not */
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "agro_ctx_cancel needs a lock-free atomic int");

struct agro_ctx {
    int status;
    atomic_int cancel; /* 1 after agro_ctx_cancel, until agro_ctx_cancel_reset */
    char message[AGRO_MESSAGE_MAX];
};

int agro_ctx_create(agro_ctx **out)
{
    if (!out)
        return AGRO_EINVAL;
    /* GSL's error handler (whose default aborts) is left as the host program set it: the
     * library calls no GSL function that reports through it (weather/generator.c). */
    *out = calloc(1, sizeof **out);
    if (!*out)
        return AGRO_ENOMEM;
    atomic_init(&(*out)->cancel, 0);
    return AGRO_OK;
}

void agro_ctx_cancel(agro_ctx *ctx)
{
    if (ctx)
        atomic_store(&ctx->cancel, 1);
}

int agro_ctx_cancelled(const agro_ctx *ctx)
{
    /* C11's atomic_load takes a pointer to non-const */
    return ctx ? atomic_load(&((agro_ctx *)ctx)->cancel) != 0 : 0;
}

void agro_ctx_cancel_reset(agro_ctx *ctx)
{
    if (ctx)
        atomic_store(&ctx->cancel, 0);
}

int agro_check_cancel(agro_ctx *ctx, const char *file, const char *what)
{
    if (!agro_ctx_cancelled(ctx))
        return AGRO_OK;
    return agro_fail(ctx, AGRO_ECANCELED, file, 0, NULL, "cancelled %s (agro_ctx_cancel)", what);
}

void agro_ctx_free(agro_ctx *ctx) { free(ctx); }

const char *agro_errno_text(int errnum, char *buf, size_t n)
{
    if (!buf || n == 0)
        return "";
    /* strerror() may use a static buffer shared by all threads; strerror_r fills ours. Its
     * failure (unknown value, buffer too small) falls back to glibc's strerror wording. */
    if (strerror_r(errnum, buf, n) != 0)
        snprintf(buf, n, "Unknown error %d", errnum);
    return buf;
}

int agro_ctx_status(const agro_ctx *ctx) { return ctx ? ctx->status : AGRO_EINVAL; }

/* A message that filled the context's buffer was (or may have been) cut there: end it between
 * UTF-8 characters. */
static void message_cut(agro_ctx *ctx)
{
    const size_t len = strlen(ctx->message);
    if (len == sizeof ctx->message - 1)
        ctx->message[agro_utf8_cut(ctx->message, len)] = '\0';
}

int agro_ctx_message(const agro_ctx *ctx, char *buf, size_t n)
{
    if (!buf || n == 0)
        return AGRO_EINVAL;
    if (!ctx) {
        buf[0] = '\0'; /* always terminated, as documented */
        return AGRO_EINVAL;
    }
    size_t len = strlen(ctx->message);
    if (len >= n) /* cut to fit, between UTF-8 characters */
        len = agro_utf8_cut(ctx->message, n - 1);
    memcpy(buf, ctx->message, len);
    buf[len] = '\0';
    return AGRO_OK;
}

void agro_ctx_clear(agro_ctx *ctx)
{
    if (ctx) {
        ctx->status = AGRO_OK;
        ctx->message[0] = '\0';
    }
}

/* A name (a file, a message prefix) longer than this is shown as its first NAME_HEAD and last
 * NAME_TAIL bytes around "...": a path of 4000 bytes filled the message, and the reason after it
 * ("cannot create: No such file or directory") was cut off. The tail keeps a file's own name
 * (up to 255 bytes) and the folder above it. */
#define NAME_SHOWN_MAX 400
#define NAME_HEAD 120
#define NAME_TAIL (NAME_SHOWN_MAX - NAME_HEAD - 3)

/* @p name into @p out (NAME_SHOWN_MAX + 1 bytes), its middle elided when too long; the cuts fall
 * between UTF-8 characters, so that the message stays valid text. */
static const char *shown_name(const char *name, char out[NAME_SHOWN_MAX + 1])
{
    const size_t len = strlen(name);
    if (len <= NAME_SHOWN_MAX)
        return name;
    size_t head = NAME_HEAD, tail = len - NAME_TAIL;
    while (head > 0 && ((unsigned char)name[head] & 0xC0) == 0x80)
        head--;
    while (tail < len && ((unsigned char)name[tail] & 0xC0) == 0x80)
        tail++;
    snprintf(out, NAME_SHOWN_MAX + 1, "%.*s...%s", (int)head, name, name + tail);
    return out;
}

int agro_fail(agro_ctx *ctx, int status, const char *file, long line, const char *field,
              const char *fmt, ...)
{
    if (!ctx)
        return status;
    ctx->status = status;
    /* the numbers of a message as the files write them, whatever the host's LC_NUMERIC */
    agro_c_locale l;
    agro_c_locale_begin(&l);
    size_t used = 0;
    int k = 0;
    char shown[NAME_SHOWN_MAX + 1];
    if (file)
        file = shown_name(file, shown);
    if (file && line > 0)
        k = snprintf(ctx->message, sizeof ctx->message, "%s:%ld: ", file, line);
    else if (file)
        k = snprintf(ctx->message, sizeof ctx->message, "%s: ", file);
    if (k > 0)
        used = (size_t)k < sizeof ctx->message ? (size_t)k : sizeof ctx->message - 1;
    if (field && used < sizeof ctx->message) {
        k = snprintf(ctx->message + used, sizeof ctx->message - used, "%s: ", field);
        if (k > 0)
            used += (size_t)k;
    }
    if (used < sizeof ctx->message) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(ctx->message + used, sizeof ctx->message - used, fmt, ap);
        va_end(ap);
    }
    agro_c_locale_end(&l);
    message_cut(ctx);
    return status;
}

int agro_fail_layer(agro_ctx *ctx, int status, int32_t layer, const char *what, const char *text,
                    double value)
{
    char field[64];
    snprintf(field, sizeof field, "layer %d %s", (int)layer + 1, what);
    return agro_fail(ctx, status, NULL, 0, field, "%s (%g)", text, value);
}

/* why AGRO_SOIL_MIN_LAYER_CM is the floor, in every refusal of a layer below it */
#define THIN_WHY                                                                              \
    "the thinnest the soil models take (DSSAT OXLAYER's floor on OXLT, the thinnest soil "   \
    "layer DSSAT computes with)"

int agro_fail_thin(agro_ctx *ctx, const char *file, long line, const char *field,
                   const char *lead, double bottom_cm, double top_cm)
{
    /* 15 digits: a bottom 1e-6 cm below 45 cm is not printed as 45 */
    return agro_fail(ctx, AGRO_ERANGE, file, line, field,
                     "%sthe layer from %.15g to %.15g cm is %g cm thick, thinner than %g cm, " THIN_WHY,
                     lead, top_cm, bottom_cm, bottom_cm - top_cm, AGRO_SOIL_MIN_LAYER_CM);
}

int agro_fail_below_min_layer(agro_ctx *ctx, int32_t layer, const char *member, double min,
                              const char *unit, double value)
{
    char text[192];
    agro_snprintf_c(text, sizeof text, "must be at least %g %s, " THIN_WHY, min, unit);
    if (layer >= 0)
        return agro_fail_layer(ctx, AGRO_ERANGE, layer, member, text, value);
    return agro_fail(ctx, AGRO_ERANGE, NULL, 0, member, "%s (%g)", text, value);
}

int agro_fail_thin_at(agro_ctx *ctx, const char *file, long line, const char *field,
                      int32_t layer, double bottom_cm, double top_cm)
{
    char lead[32];
    snprintf(lead, sizeof lead, "layer %d: ", (int)layer + 1);
    return agro_fail_thin(ctx, file, line, field, lead, bottom_cm, top_cm);
}

int agro_fail_layer_thin(agro_ctx *ctx, int32_t layer, double bottom_cm, double top_cm)
{
    char field[64];
    snprintf(field, sizeof field, "layer %d SLB", (int)layer + 1);
    return agro_fail_thin(ctx, NULL, 0, field, "", bottom_cm, top_cm);
}

int agro_fail_top_oxlt(agro_ctx *ctx, const char *file, long line, const char *field,
                       const char *lead, double oxlt_cm, double oc1_pct, double bottom_cm)
{
    return agro_fail(ctx, AGRO_ERANGE, file, line, field,
                     "%sthe layer's thickness must be more than OXLT %g cm, the oxidised layer at "
                     "its top (DSSAT OXLAYER OXLT = max(0.001, 0.5 - 0.1*OC1), OC1 layer 1's "
                     "organic C, %g %%) (%g)",
                     lead, oxlt_cm, oc1_pct, bottom_cm);
}

int agro_fail_layer_range(agro_ctx *ctx, int32_t layer, const char *what, const char *text,
                          double value)
{
    return agro_fail_layer(ctx, agro_range_status(value), layer, what, text, value);
}

int agro_fail_element(agro_ctx *ctx, int status, const char *array, size_t index,
                      const char *text, double value)
{
    if (!ctx)
        return status;
    char field[80];
    snprintf(field, sizeof field, "%s[%zu]", array ? array : "?", index);
    return agro_fail(ctx, status, NULL, 0, field, "%s (%g)", text, value);
}

int agro_fail_unfilled_layers(agro_ctx *ctx, int32_t from, int32_t n, const double *a,
                              const double *b, const double *c, const char *names)
{
    if (from < 1 || from >= n)
        return AGRO_OK;
    for (int32_t i = from; i < n; i++)
        if (a[i] != 0.0 || b[i] != 0.0 || c[i] != 0.0)
            return AGRO_OK;
    return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "n_layers",
                     "must be the profile's %d layers: layers %d..%d are unfilled (%s 0) (%d)",
                     (int)from, (int)from + 1, (int)n, names, (int)n);
}

int agro_check_layer_count(agro_ctx *ctx, int32_t n)
{
    if (n < 1 || n > AGRO_SOIL_MAX_LAYERS)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "n_layers", "must be 1..%d (%d)",
                         AGRO_SOIL_MAX_LAYERS, (int)n);
    return AGRO_OK;
}

void agro_fail_prefix(agro_ctx *ctx, const char *prefix)
{
    if (!ctx || !prefix)
        return;
    char tmp[AGRO_MESSAGE_MAX], shown[NAME_SHOWN_MAX + 1];
    snprintf(tmp, sizeof tmp, "%s: %s", shown_name(prefix, shown), ctx->message);
    memcpy(ctx->message, tmp, sizeof tmp);
    message_cut(ctx);
}

const char *agro_strerror(int status)
{
    switch (status) {
    case AGRO_OK: return "success";
    case AGRO_EINVAL: return "invalid argument";
    case AGRO_ENOMEM: return "out of memory";
    case AGRO_EIO: return "input/output error";
    case AGRO_EFORMAT: return "malformed input";
    case AGRO_ERANGE: return "value out of range";
    case AGRO_ENOTFOUND: return "identifier not found";
    case AGRO_EMISSING: return "required value missing";
    case AGRO_EORDER: return "values out of order or duplicated";
    case AGRO_EKEY: return "unknown key";
    case AGRO_ESTATE: return "operation not valid in the current state";
    case AGRO_ENUMERIC: return "numerical failure";
    case AGRO_EHDF5: return "HDF5 error";
    case AGRO_ELIMIT: return "capacity exceeded";
    case AGRO_ECANCELED: return "cancelled";
    default: return "unknown status";
    }
}

const char *agro_version(void) { return AGROSIM_VERSION_STRING; }

int agro_version_numbers(int32_t *major, int32_t *minor, int32_t *patch)
{
    if (major) *major = AGROSIM_VERSION_MAJOR;
    if (minor) *minor = AGROSIM_VERSION_MINOR;
    if (patch) *patch = AGROSIM_VERSION_PATCH;
    return AGRO_OK;
}
