/*
 * Helpers shared by the Criterion test programs: a private temporary folder, files written
 * into it, and the message of an error context. Header-only (static inline): every test file is
 * its own executable. Define _POSIX_C_SOURCE 200809L (mkdtemp, lstat) before the first #include.
 */
#ifndef AGROSIM_TESTS_HELPERS_FILES_H
#define AGROSIM_TESTS_HELPERS_FILES_H

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agrosim/core.h"

/* Make a new folder /tmp/agrosim_<tag>_XXXXXX; its name goes to @p dir (@p n bytes). */
static inline void helper_tmpdir_create(char *dir, size_t n, const char *tag)
{
    snprintf(dir, n, "/tmp/agrosim_%s_XXXXXX", tag);
    cr_assert_not_null(mkdtemp(dir));
}

/* Remove @p dir and everything below it (files, symbolic links, folders). */
static inline void helper_tmpdir_remove(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char p[1024];
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            helper_tmpdir_remove(p);
        else
            unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

/* Write @p text to @p dir/@p name; the path is returned in a static buffer (until the next call). */
static inline const char *helper_write_file(const char *dir, const char *name, const char *text)
{
    static char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fputs(text, fp);
    fclose(fp);
    return path;
}

/* The text of @p path into @p buf (@p cap bytes; a larger file fails the test), NUL-terminated;
 * its length. */
static inline size_t helper_read_text(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    size_t n = fread(buf, 1, cap - 1, f);
    cr_assert(n < cap - 1 || fgetc(f) == EOF, "%s: more than %zu bytes", path, cap - 1);
    fclose(f);
    buf[n] = '\0';
    return n;
}

/*
 * Copy @p src to @p dir/@p name with the first @p from replaced by the @p to_len bytes of @p to
 * (which may hold a NUL); @p from NULL copies unchanged. The path is returned in a static buffer
 * (until the next call).
 */
static inline const char *helper_patched_copy(const char *dir, const char *src, const char *name,
                                              const char *from, const char *to, size_t to_len)
{
    static char path[600];
    static char text[200000];
    helper_read_text(src, text, sizeof text);
    const char *at = from ? strstr(text, from) : NULL;
    if (from)
        cr_assert_not_null(at, "\"%s\" not in %s", from, src);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *g = fopen(path, "wb");
    cr_assert_not_null(g, "%s", path);
    if (at) {
        fwrite(text, 1, (size_t)(at - text), g);
        fwrite(to, 1, to_len, g);
        fputs(at + strlen(from), g);
    } else {
        fputs(text, g);
    }
    fclose(g);
    return path;
}

/* Line end @p k of the three a text file is saved with: 0 LF (Unix), 1 CRLF (DOS, Windows), 2 a
 * lone CR (classic Mac OS), which the readers all take (lib/internal/text.h). */
static inline const char *helper_eol(int k)
{
    static const char *const eol[3] = {"\n", "\r\n", "\r"};
    return eol[k];
}

/*
 * Copy @p src to @p dir/@p name with the first @p from replaced by @p to (@p from NULL: copied
 * unchanged) and every line end of the result (LF, CRLF or a lone CR) written as @p eol, so that
 * the copies in the three forms hold the same lines. The path is returned in a static buffer
 * (until the next call).
 */
static inline const char *helper_eol_copy(const char *dir, const char *src, const char *name,
                                          const char *from, const char *to, const char *eol)
{
    const char *path = helper_patched_copy(dir, src, name, from, to, to ? strlen(to) : 0);
    static char text[200000];
    helper_read_text(path, text, sizeof text);
    FILE *g = fopen(path, "wb");
    cr_assert_not_null(g, "%s", path);
    for (const char *c = text; *c; c++) {
        if (*c == '\r' || *c == '\n') {
            fputs(eol, g);
            c += c[0] == '\r' && c[1] == '\n';
        } else {
            fputc(*c, g);
        }
    }
    cr_assert_eq(fclose(g), 0, "%s", path);
    return path;
}

/* The message recorded in @p ctx, in a static buffer (until the next call). */
static inline const char *helper_message(const agro_ctx *ctx)
{
    static char buf[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, buf, sizeof buf);
    return buf;
}

#endif
