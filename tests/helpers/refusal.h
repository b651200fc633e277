/* Shared by the tests that check what a refused call says: the status and the message the
 * error context holds. Header-only, included by each test executable. */
#ifndef AGROSIM_TEST_HELPERS_REFUSAL_H
#define AGROSIM_TEST_HELPERS_REFUSAL_H

#include <criterion/criterion.h>
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

#endif
