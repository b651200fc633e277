/* Shared by the tests that check what a refused call says: the status and the message the
 * error context holds. Header-only, included by each test executable. */
#ifndef AGROSIM_TEST_HELPERS_REFUSAL_H
#define AGROSIM_TEST_HELPERS_REFUSAL_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "agrosim/core.h"

/* @p st is @p want and the message in @p ctx holds @p needle; the context is cleared after. */
static inline void helper_expect_refusal(agro_ctx *ctx, int st, int want, const char *needle)
{
    char m[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, m, sizeof m);
    cr_expect_eq(st, want, "status %d, want %d (%s)", st, want, m);
    cr_expect(strstr(m, needle) != NULL, "message \"%s\" lacks \"%s\"", m, needle);
    agro_ctx_clear(ctx);
}

/* Into @p buf (@p n bytes), the refusal of a layer thinner than the soil models' floor
 * (agro_fail_below_min_layer, lib/core/error.c) for @p member of soil layer @p layer (0-based;
 * named "layer N member"), or for @p member alone when @p layer is negative: "layer 4
 * thickness_cm: must be at least 0.001 cm, the thinnest the soil models take (...) (1e-06)".
 * The words are written out here, not taken from the library, so that a change to them fails. */
static inline void helper_min_layer_message(char *buf, size_t n, int layer, const char *member,
                                            double min, const char *unit, double value)
{
    char who[96];
    if (layer >= 0)
        snprintf(who, sizeof who, "layer %d %s", layer + 1, member);
    else
        snprintf(who, sizeof who, "%s", member);
    snprintf(buf, n,
             "%s: must be at least %g %s, the thinnest the soil models take (DSSAT OXLAYER's "
             "floor on OXLT, the thinnest soil layer DSSAT computes with) (%g)",
             who, min, unit, value);
}

#endif
