/* strtod_l is a GNU (and POSIX 2024) extension; newlocale and uselocale are POSIX 2008. */
#define _GNU_SOURCE
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal/c_locale.h"

/* newlocale(LC_ALL_MASK, "C", 0) returns glibc's static "C" object (no allocation, nothing to
 * free); (locale_t)0 only on a failure that cannot happen for "C", and then the thread's own
 * locale is used, as plain strtod would. */
static locale_t c_locale(void) { return newlocale(LC_ALL_MASK, "C", (locale_t)0); }

double agro_strtod(const char *s, char **end)
{
    /* strtod also reads C99's hexadecimal floats ("0x1p3" is 8), which none of the file formats
       writes and DSSAT's Fortran READ refuses: no number, so a cell "0x10" is "not a number"
       rather than 16 */
    const char *t = s;
    while (*t == ' ' || (*t >= '\t' && *t <= '\r'))
        t++;
    if (*t == '+' || *t == '-')
        t++;
    if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
        if (end)
            *end = (char *)s;
        return 0.0;
    }
    locale_t c = c_locale();
    if (!c)
        return strtod(s, end);
    double v = strtod_l(s, end, c);
    freelocale(c);
    return v;
}

void agro_c_locale_begin(agro_c_locale *l)
{
    locale_t c = c_locale();
    l->saved = c ? (void *)uselocale(c) : NULL;
}

void agro_c_locale_end(agro_c_locale *l)
{
    if (!l->saved)
        return;
    locale_t c = uselocale((locale_t)l->saved);
    freelocale(c);
    l->saved = NULL;
}

int agro_snprintf_c(char *buf, size_t n, const char *fmt, ...)
{
    agro_c_locale l;
    agro_c_locale_begin(&l);
    va_list ap;
    va_start(ap, fmt);
    const int k = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    agro_c_locale_end(&l);
    return k;
}

int agro_ascii_ncasecmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const int ca = agro_ascii_upper((unsigned char)a[i]);
        const int cb = agro_ascii_upper((unsigned char)b[i]);
        if (ca != cb || ca == 0)
            return ca - cb;
    }
    return 0;
}

int agro_ascii_casecmp(const char *a, const char *b)
{
    return agro_ascii_ncasecmp(a, b, (size_t)-1);
}
