#include <stdint.h>

#include "agrosim/core.h"
#include "internal/date.h"

static const int32_t month_start[2][13] = {
    {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365},
    {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366}};

int agro_is_leap_year(int32_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int agro_days_in_year(int32_t y) { return agro_is_leap_year(y) ? 366 : 365; }

int agro_date_to_doy(int32_t year, int32_t month, int32_t day, int32_t *doy)
{
    if (!doy)
        return AGRO_EINVAL;
    if (month < 1 || month > 12 || day < 1)
        return AGRO_ERANGE;
    int leap = agro_is_leap_year(year);
    if (day > month_start[leap][month] - month_start[leap][month - 1])
        return AGRO_ERANGE;
    *doy = month_start[leap][month - 1] + day;
    return AGRO_OK;
}

int agro_doy_to_date(int32_t year, int32_t doy, int32_t *month, int32_t *day)
{
    int leap = agro_is_leap_year(year);
    if (doy < 1 || doy > month_start[leap][12])
        return AGRO_ERANGE;
    int m = 1;
    while (doy > month_start[leap][m])
        m++;
    if (month) *month = m;
    if (day) *day = doy - month_start[leap][m - 1];
    return AGRO_OK;
}

/* Floor division (C's '/' truncates toward zero, wrong for the years before 1). */
static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Days since 0001-01-01 (proleptic Gregorian), for differences only. */
static int64_t serial_day(int32_t y, int32_t doy)
{
    int64_t p = (int64_t)y - 1;
    return p * 365 + floor_div(p, 4) - floor_div(p, 100) + floor_div(p, 400) + doy;
}

int agro_days_between(int32_t y1, int32_t d1, int32_t y2, int32_t d2, int32_t *days)
{
    if (!days)
        return AGRO_EINVAL;
    if (d1 < 1 || d1 > agro_days_in_year(y1) || d2 < 1 || d2 > agro_days_in_year(y2))
        return AGRO_ERANGE; /* a day the calendar lacks (day 0, day 366 of a common year) */
    int64_t diff = serial_day(y2, d2) - serial_day(y1, d1);
    if (diff > INT32_MAX || diff < INT32_MIN)
        return AGRO_ERANGE; /* about ±5.9 million years: no int32_t day count */
    *days = (int32_t)diff;
    return AGRO_OK;
}

/* Days in a 400-year Gregorian cycle: the calendar repeats after it. */
#define DAYS_PER_400_YEARS 146097

int agro_date_add(int32_t *year, int32_t *doy, int32_t n)
{
    if (!year || !doy || *doy < 1 || *doy > agro_days_in_year(*year))
        return AGRO_EINVAL;
    /* 64-bit so *doy + n cannot overflow; whole 400-year cycles first, so a large n costs
     * at most ~400 iterations of the year loops */
    int64_t y = *year, d = (int64_t)*doy + n;
    int64_t cycles = (d - 1) / DAYS_PER_400_YEARS;
    y += 400 * cycles;
    d -= cycles * DAYS_PER_400_YEARS;
    if (y < INT32_MIN + 401 || y > INT32_MAX - 401)
        return AGRO_ERANGE;
    while (d > agro_days_in_year((int32_t)y)) {
        d -= agro_days_in_year((int32_t)y);
        y++;
    }
    while (d < 1) {
        y--;
        d += agro_days_in_year((int32_t)y);
    }
    *year = (int32_t)y;
    *doy = (int32_t)d;
    return AGRO_OK;
}

int agro_text_has_shape(const char *s, const char *pattern)
{
    for (; *pattern; s++, pattern++) {
        if (*pattern == '9' ? !(*s >= '0' && *s <= '9') : *s != *pattern)
            return 0;
    }
    return *s == '\0';
}
