/* Private to the library: numbers in files use '.' as decimal mark (docs/formats.md) whatever
 * locale the host program set (a GTK or Qt program, Python's locale.setlocale). libc's strtod
 * and printf follow LC_NUMERIC, so a German host read "29.638" as 29 and wrote "2104,95" into
 * a comma-separated file. */
#ifndef AGROSIM_INTERNAL_C_LOCALE_H
#define AGROSIM_INTERNAL_C_LOCALE_H

#include <stddef.h>

#include "agrosim/core.h"

/* strtod in the "C" locale, whatever the thread's or the process's locale, of decimal numbers
 * only: a hexadecimal float ("0x1p3") converts nothing (*end = s), as for any text that is not a
 * number. */
double agro_strtod(const char *s, char **end);

/* The calling thread's locale while a writer formats numbers: begin switches this thread (only)
 * to "C", end restores what it had. Pairs must nest; no allocation (glibc's "C" object is
 * static). */
typedef struct agro_c_locale {
    void *saved; /* locale_t of the thread before begin */
} agro_c_locale;
void agro_c_locale_begin(agro_c_locale *l);
void agro_c_locale_end(agro_c_locale *l);

/* snprintf in the "C" locale (agro_c_locale_begin/end around it), for the numbers of a message:
 * a host under a German locale read "outside [0, 1] (-0,5)" for a file's "-0.5". */
int agro_snprintf_c(char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Letters of the file formats (codes, column names, file names) are ASCII and compared as such:
 * toupper and strcasecmp follow LC_CTYPE, and under tr_TR toupper('i') is 'i', so a "tmin"
 * column was not TMIN. */
static inline int agro_ascii_upper(int c) { return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c; }
/* strcasecmp / strncasecmp of ASCII letters, in any locale. */
int agro_ascii_casecmp(const char *a, const char *b);
int agro_ascii_ncasecmp(const char *a, const char *b, size_t n);

#endif
