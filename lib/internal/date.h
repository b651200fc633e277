/* Private to the library: the shape of dates written as text. */
#ifndef AGROSIM_INTERNAL_DATE_H
#define AGROSIM_INTERNAL_DATE_H

#include <stdint.h>

#include "agrosim/core.h"

/* 1 if @p doy is a day of @p year and the year is one the library dates (1-9999), else 0: day
 * 0, day 366 of a common year or a year-0 number are mistakes, never dates to skip. */
static inline int agro_calendar_day(int32_t year, int32_t doy)
{
    return year >= 1 && year <= 9999 && doy >= 1 && doy <= agro_days_in_year(year);
}

/* 1 if @p s has exactly the shape of @p pattern, where '9' stands for one ASCII digit and any
 * other character for itself ("9999-99-99" an ISO date, "--99-99" a yearly day); else 0.
 * sscanf's %d alone also takes a sign or blanks ("2001-+1-01", " 201-01-01"). */
int agro_text_has_shape(const char *s, const char *pattern);

#endif
