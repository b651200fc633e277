/*
 * One management event for the tests that build their own: @p type on @p year-@p doy with
 * @p amount (its unit is the type's, agro_event.amount), every other member 0. Header-only.
 */
#ifndef AGROSIM_TESTS_HELPERS_EVENT_H
#define AGROSIM_TESTS_HELPERS_EVENT_H

#include <string.h>

#include "agrosim/field.h"

static inline agro_event helper_event(int32_t type, int32_t year, int32_t doy, double amount)
{
    agro_event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    e.year = year;
    e.doy = doy;
    e.amount = amount;
    return e;
}

#endif
