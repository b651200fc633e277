/* Internal error helpers: record a detailed message into a caller's context. */
#ifndef AGROSIM_INTERNAL_ERROR_H
#define AGROSIM_INTERNAL_ERROR_H

#include <math.h>

#include "agrosim/core.h"
#include "agrosim/soil.h"

/*
 * Record a failure and return @p status, so callers can write
 *   return agro_fail(ctx, AGRO_ERANGE, path, line, "TMIN", "tmin %g > tmax %g", a, b);
 * file may be NULL (no file involved), line <= 0 (no line), field may be NULL.
 * The stored message reads "FILE:LINE: FIELD: text". ctx may be NULL.
 */
int agro_fail(agro_ctx *ctx, int status, const char *file, long line, const char *field,
              const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Fail naming a soil layer: field "layer N WHAT" (N from 1), message "TEXT (VALUE)". */
int agro_fail_layer(agro_ctx *ctx, int status, int32_t layer, const char *what, const char *text,
                    double value);

/* The status of a value refused for its range: AGRO_ENUMERIC when it is not finite (NaN,
 * +-inf), else AGRO_ERANGE. */
static inline int agro_range_status(double value)
{
    return isfinite(value) ? AGRO_ERANGE : AGRO_ENUMERIC;
}

/* AGRO_ERANGE naming layer @p layer's "SLB" for a layer from @p top_cm to @p bottom_cm thinner
 * than AGRO_SOIL_MIN_LAYER_CM: its depths, thickness and the bound's source in the message. */
int agro_fail_layer_thin(agro_ctx *ctx, int32_t layer, double bottom_cm, double top_cm);

/* The same refusal where a profile is read or checked whole: @p file, @p line and @p field as
 * the origin names layer @p layer's bottom (a .SOL "SLB", a JSON "layers[i].depth_bottom_cm",
 * a struct "depth_cm[i]"), "layer N: the layer from ..." in the message. */
int agro_fail_thin_at(agro_ctx *ctx, const char *file, long line, const char *field,
                      int32_t layer, double bottom_cm, double top_cm);

/* The same refusal with the text after @p lead ("" or "layer N: " above; a caller's own
 * context, such as agro_soil_subdivide's split, otherwise). */
int agro_fail_thin(agro_ctx *ctx, const char *file, long line, const char *field,
                   const char *lead, double bottom_cm, double top_cm);

/* AGRO_ERANGE for a thickness @p value below @p min (AGRO_SOIL_MIN_LAYER_CM in @p unit) where no
 * depths are at hand: a hand-filled params member of layer @p layer ("layer 3 thickness_mm:
 * must be at least 0.01 mm, ... (1e-05)", as agro_fail_layer names it) or, for @p layer < 0, an
 * argument (@p member "max_thickness_cm"); the message says why the floor, as the others do. */
int agro_fail_below_min_layer(agro_ctx *ctx, int32_t layer, const char *member, double min,
                              const char *unit, double value);

/* AGRO_ERANGE for a layer 1 from 0 to @p bottom_cm no thicker than the oxidised layer at its
 * top, @p oxlt_cm from layer 1's organic C @p oc1_pct: @p file, @p line and @p field name its
 * bottom, the message's text after @p lead ("" or "layer 1: "). */
int agro_fail_top_oxlt(agro_ctx *ctx, const char *file, long line, const char *field,
                       const char *lead, double oxlt_cm, double oc1_pct, double bottom_cm);

/* agro_fail_layer for @p value outside its range, with the status agro_range_status(value). */
int agro_fail_layer_range(agro_ctx *ctx, int32_t layer, const char *what, const char *text,
                          double value);

/* Fail naming an element of an array argument: field "ARRAY[INDEX]" (INDEX from 0, as in C
 * and Python), message "TEXT (VALUE)". For the functions that check caller arrays. */
int agro_fail_element(agro_ctx *ctx, int status, const char *array, size_t index,
                      const char *text, double value);

/*
 * Text of errno value @p errnum written into @p buf (@p n bytes) and returned: the same words as
 * strerror(), but thread-safe (POSIX strerror_r, XSI form). Use a buffer of AGRO_ERRNO_TEXT_MAX.
 */
#define AGRO_ERRNO_TEXT_MAX 256
const char *agro_errno_text(int errnum, char *buf, size_t n);

/* 0 if 1 <= n <= AGRO_SOIL_MAX_LAYERS, else AGRO_ERANGE naming field "n_layers". */
int agro_check_layer_count(agro_ctx *ctx, int32_t n);

/* AGRO_ERANGE naming "n_layers" when layers @p from..@p n-1 (from >= 1) of the three per-layer
 * arrays @p a, @p b, @p c (called @p names in the message) are all exactly 0, as a params
 * constructor leaves the layers past its profile's: the count is what the caller set wrong, not
 * layer from+1's first member; AGRO_OK otherwise. For refusal paths (it scans to n). */
int agro_fail_unfilled_layers(agro_ctx *ctx, int32_t from, int32_t n, const double *a,
                              const double *b, const double *c, const char *names);

/* 0 if the bottom of profile layer @p layer, @p bottom_cm, is finite and below the layer's top
 * @p top_cm (the previous bottom, 0 for the first), else AGRO_EORDER (AGRO_ENUMERIC when not
 * finite) naming the layer's "SLB", as the water, N and P params read a profile. Inline: the
 * test is on every layer of every params made; the message only on the failure path. */
static inline int agro_check_layer_order(agro_ctx *ctx, int32_t layer, double bottom_cm,
                                         double top_cm)
{
    if (!isfinite(bottom_cm) || bottom_cm <= top_cm)
        return agro_fail_layer(ctx, isfinite(bottom_cm) ? AGRO_EORDER : AGRO_ENUMERIC, layer,
                               "SLB", "depth must increase downwards, cm", bottom_cm);
    return AGRO_OK;
}

/* agro_check_layer_order, and AGRO_ERANGE naming the layer's "SLB" for a layer thinner than
 * AGRO_SOIL_MIN_LAYER_CM (less 1e-9 cm for the rounding of the depths), before a constructor
 * derives from the thickness what would otherwise name the refusal (a layer 1 of 1e-300 cm gave
 * an infinite Suleiman–Ritchie coefficient, esr_coef_dry, named by the water state; a deeper one
 * of 1e-6 cm CENTURY's "thickness_cm", a member a profile has not). */
static inline int agro_check_layer_bottom(agro_ctx *ctx, int32_t layer, double bottom_cm,
                                          double top_cm)
{
    if (isfinite(bottom_cm) && bottom_cm - top_cm >= AGRO_SOIL_MIN_LAYER_CM - 1e-9)
        return AGRO_OK;
    int rc = agro_check_layer_order(ctx, layer, bottom_cm, top_cm);
    return rc ? rc : agro_fail_layer_thin(ctx, layer, bottom_cm, top_cm);
}

/* AGRO_OK, or AGRO_ECANCELED when a cancel request is pending on @p ctx (agro_ctx_cancel), with
 * the message "FILE: cancelled WHAT (agro_ctx_cancel)" (@p what: "before run 12"). The long
 * calls' cancel points, between runs, treatments, years or written variables: never in a daily
 * step. */
int agro_check_cancel(agro_ctx *ctx, const char *file, const char *what);

/* Prefix the context's current message with "prefix: " (e.g. a JSON path or scenario name). */
void agro_fail_prefix(agro_ctx *ctx, const char *prefix);

#endif
