/* Private to the library: write a file through a temporary file in the same folder, then rename
 * it into place, so a reader never sees a half-written file and a failure leaves none. The
 * public agro_outfile (output.h) is these functions behind one handle. A failure of any of them
 * leaves errno at the system's reason (ENAMETOOLONG for a name too long), which agro_outfile's
 * callers may word their own messages with. */
#ifndef AGROSIM_INTERNAL_FILE_H
#define AGROSIM_INTERNAL_FILE_H

#include <stddef.h>
#include <stdio.h>

#include "agrosim/core.h"
#include "agrosim/output.h"

/* A temporary file for @p path, its name into @p tmp (@p n bytes): "<path>.partial-<pid>-<k>"
 * (the last part of <path> cut short, between UTF-8 characters, when that would pass NAME_MAX),
 * created empty here (O_EXCL, k the first free number, so no two writers share one; remove it
 * with agro_file_discard if the write is abandoned), or @p path itself when it exists and is
 * not a regular file (/dev/null, a FIFO), which is then written in place. When @p path is a
 * symbolic link, "<path>" is the file it points to, so the link stays a link (a link to
 * nothing is written in place, which creates the file it names). AGRO_EINVAL naming
 * @p path when it does not fit and for an empty (or NULL) @p path; AGRO_EIO naming @p path and
 * the reason when the file cannot be created. */
int agro_file_tmp_name(agro_ctx *ctx, const char *path, char *tmp, size_t n);
/* Remove an unfinished @p tmp, unless it is @p path itself (written in place). */
void agro_file_discard(const char *tmp, const char *path);
/* Put the finished @p tmp on the disk (fsync) and rename it to @p path, or to the file @p path
 * links to; then sync the folder. On failure remove @p tmp and return AGRO_EIO naming @p path
 * and the system's reason. */
int agro_file_commit(agro_ctx *ctx, const char *tmp, const char *path);

/* Flush and close @p fp: 0, or the errno of the failure (EIO when the stream's error flag was
 * set by an earlier write and the flush gives no reason), so a caller can say why a write
 * failed ("No space left on device") instead of a bare "write error". */
int agro_file_close(FILE *fp);
/* Close @p fp, written to @p tmp, and commit it to @p path; on any failure (@p err, the
 * caller's errno of an earlier write, 0 if none; or one at the flush or close) remove @p tmp and
 * return AGRO_EIO naming @p path and the most specific reason ("write error: No space left on
 * device"). */
int agro_file_finish(agro_ctx *ctx, FILE *fp, int err, const char *tmp, const char *path);
/* Write the @p n bytes of @p buf to @p tmp and commit it to @p path (agro_file_commit). Any
 * failure (cannot create, short write, ENOSPC or EFBIG at the flush or close) removes @p tmp
 * and returns AGRO_EIO naming @p path and the system's reason. */
int agro_file_write_all(agro_ctx *ctx, const char *tmp, const char *path, const void *buf,
                        size_t n);

/* 1 when a write to @p a would end in the file @p b names, else 0: the same name; two names of
 * one existing file (st_dev and st_ino, through links, "..", hard links); or, when one does not
 * exist yet, one name once the folders a write makes (agro_output_mkdirs) exist, the longest
 * existing part of each resolved (realpath) and a symbolic link as the last part followed, also
 * one to nothing (the write creates the file it names). For the public agro_output_same_file
 * and the scenario's inputs (agro_scenario_find_input). */
int agro_file_same(const char *a, const char *b);
/* The absolute name of the existing @p path, its links followed (realpath), into @p out
 * (@p n bytes): 1, or 0 when it does not resolve or does not fit. */
int agro_file_absolute(const char *path, char *out, size_t n);

/* The path @p of was created for (agro_outfile_create), for messages. */
const char *agro_outfile_path(const agro_outfile *of);
/* Report a failed write to the stream of @p of now, not at the commit: when @p flush, after
 * writing out what is buffered (so a writer that stages a file can stop before its next one);
 * otherwise only when a write already failed (the stream's error flag). AGRO_EIO naming the path
 * and the system's reason ("write error: No space left on device"), which the commit then
 * repeats; AGRO_ESTATE after the commit. */
int agro_outfile_check(agro_ctx *ctx, agro_outfile *of, int flush);

#endif
