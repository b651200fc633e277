/* Line ends of the text readers (internal/text.h). */
#include <string.h>

#include "internal/text.h"

size_t agro_text_line(const char *s, size_t n, size_t *len)
{
    /* strcspn (vectorised in glibc), not a loop over the bytes: the readers split whole files
       (validate reads SOIL.SOL for each treatment), and a loop cost 7 instructions a byte more
       than memchr for LF alone (a SOIL.SOL profile read 15.6 M -> 16.8 M; strcspn 15.7 M) */
    size_t i = 0;
    for (;;) {
        i += strcspn(s + i, "\r\n");
        if (i >= n) {
            i = n;
            break;
        }
        if (s[i] != '\0')
            break;
        i++; /* a NUL inside the text (refused by the readers, named by the JSON layer) */
    }
    *len = i;
    if (i == n)
        return i;
    return s[i] == '\r' && i + 1 < n && s[i + 1] == '\n' ? i + 2 : i + 1;
}

long agro_text_line_of(const char *text, size_t n, size_t off, size_t *start)
{
    long line = 1;
    size_t at = 0;
    while (at < n) {
        size_t len, step = agro_text_line(text + at, n - at, &len);
        if (off < at + step || step == len)
            break; /* on this line, or on the last one, which has no line end */
        at += step;
        line++;
    }
    if (start)
        *start = at;
    return line;
}

size_t agro_utf8_cut(const char *s, size_t len)
{
    size_t i = len, cont = 0;
    while (i > 0 && cont < 3 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) {
        i--;
        cont++;
    }
    if (i == 0)
        return len;
    const unsigned lead = (unsigned char)s[i - 1];
    const size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    return lead >= 0xC0 && cont + 1 < need ? i - 1 : len;
}
