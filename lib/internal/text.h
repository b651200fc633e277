/* Private to the library: where the lines of a text file end, for every reader that splits a file
 * into lines or names a line in its messages. A line ends at LF, at CRLF (one line end: DOS and
 * Windows) or at a lone CR (classic Mac OS), as editors show them, so that a file reads the same
 * and its messages name the same lines whichever of the three it was saved with (docs/formats.md,
 * "Line ends"). A CR therefore cannot stand inside a line: it ends it (CR CR LF is a line and an
 * empty one). */
#ifndef AGROSIM_INTERNAL_TEXT_H
#define AGROSIM_INTERNAL_TEXT_H

#include <stddef.h>

/* The line starting at @p s, within the @p n bytes from @p s: its length without its line end
 * goes to *@p len, and the bytes it takes with its line end (LF, CRLF or CR; none for a last line
 * without one) are returned, so that the next line starts that far on (0 when @p n is 0). A NUL
 * byte among the @p n ends no line; a NUL must follow them (at s[n] or later), as it does in the
 * readers' texts (agro_read_file), since the search may read up to it. */
size_t agro_text_line(const char *s, size_t n, size_t *len);

/* The line (1-based) holding byte @p off of the @p n bytes of @p text (NUL-terminated as for
 * agro_text_line), a line end counting as part of the line it ends (@p off == @p n: the line of a
 * byte added at the end); the offset where that line starts goes to *@p start unless NULL. */
long agro_text_line_of(const char *text, size_t n, size_t off, size_t *start);

/* The length of the first @p len bytes of @p s without the last UTF-8 character when a cut at
 * @p len left it incomplete (its lead byte kept, not all its continuation bytes), so that text cut
 * to fit a buffer (a message, a JSON path) ends between characters and stays valid UTF-8: a cut
 * "é" left a lone 0xC3, which a UTF-8 decoder refuses or shows as U+FFFD. Bytes that were not
 * valid UTF-8 before the cut are left as they are. */
size_t agro_utf8_cut(const char *s, size_t len);

#endif
