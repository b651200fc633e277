/* Atomic file writes: a temporary file beside the target, renamed into place when complete. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agrosim/output.h"
#include "internal/error.h"
#include "internal/file.h"

/* The file a write to @p path ends in: the file a symbolic link points to (renaming over the
 * link would replace it with a plain file), @p path itself otherwise. NULL for a link that
 * points nowhere (or through too many links), which is then written in place: opening it
 * creates the file it names. */
static const char *file_target(const char *path, char buf[PATH_MAX])
{
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
        return path;
    return realpath(path, buf);
}

/* Fail with @p status naming @p path: "@p what: <the system's text of @p e>" for AGRO_EIO, @p what
 * alone otherwise; errno is left at @p e, so that a caller can word its own message with the
 * reason (the tool's "cannot write the CSV file: No space left on device"). */
static int file_fail(agro_ctx *ctx, int status, const char *path, int e, const char *what)
{
    char eb[AGRO_ERRNO_TEXT_MAX];
    if (status == AGRO_EIO)
        agro_fail(ctx, status, path, 0, NULL, "%s: %s", what, agro_errno_text(e, eb, sizeof eb));
    else
        agro_fail(ctx, status, path, 0, NULL, "%s", what);
    errno = e;
    return status;
}

/* Temporary name number @p i of the target @p target: "<target>.partial-<pid>-<i>", the last
 * part of <target> cut short (between UTF-8 characters) when the name would pass NAME_MAX, into
 * @p tmp (@p n bytes); snprintf's count (>= n: it did not fit). */
static int tmp_name_build(const char *target, int i, char *tmp, size_t n)
{
    const char *slash = strrchr(target, '/');
    const size_t base = slash ? (size_t)(slash + 1 - target) : 0, name_len = strlen(target + base);
    char suffix[48];
    const int ks = snprintf(suffix, sizeof suffix, ".partial-%ld-%d", (long)getpid(), i);
    /* a name of up to NAME_MAX bytes is legal, but its temporary name would pass NAME_MAX
       (ENAMETOOLONG for a target that can be written): the name is shortened to make room
       (O_EXCL keeps two such names apart) */
    size_t keep = name_len;
    if (name_len <= NAME_MAX && name_len + (size_t)ks > NAME_MAX) {
        keep = NAME_MAX - (size_t)ks;
        while (keep > 0 && ((unsigned char)target[base + keep] & 0xC0) == 0x80)
            keep--; /* between UTF-8 characters */
    }
    return snprintf(tmp, n, "%.*s%s", (int)(base + keep), target, suffix);
}

int agro_file_tmp_name(agro_ctx *ctx, const char *path, char *tmp, size_t n)
{
    /* "" would make the temporary file ".partial-<pid>" in the working folder, and the
       final rename fail with a message naming no file */
    if (!path || !path[0])
        return file_fail(ctx, AGRO_EINVAL, NULL, EINVAL, "empty output file name");
    /* "out.h5/" names a folder, as an existing folder is refused below: its temporary name
       would be a file inside it ("No such file or directory") */
    if (path[strlen(path) - 1] == '/')
        return file_fail(ctx, AGRO_EIO, path, EISDIR, "cannot create");
    /* a target that exists and is not a regular file (/dev/null, a FIFO, a terminal) is written
       directly: renaming over it would replace the device with a plain file */
    char buf[PATH_MAX];
    const char *target = file_target(path, buf);
    struct stat st;
    if (!target || (stat(target, &st) == 0 && !S_ISREG(st.st_mode))) {
        int k = snprintf(tmp, n, "%s", path);
        if (k < 0 || (size_t)k >= n)
            return file_fail(ctx, AGRO_EINVAL, path, ENAMETOOLONG, "file name too long");
        return AGRO_OK;
    }
    /* else a new file in the same folder as the target, so the final rename() is atomic on one
       file system; created here with O_EXCL, so two writers of one process (say the daily and
       the season CSV given the same name) never share one temporary file */
    for (int i = 0; i < 1000; i++) {
        const int k = tmp_name_build(target, i, tmp, n);
        if (k < 0 || (size_t)k >= n)
            return file_fail(ctx, AGRO_EINVAL, path, ENAMETOOLONG, "file name too long");
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            close(fd);
            return AGRO_OK;
        }
        if (errno != EEXIST)
            return file_fail(ctx, AGRO_EIO, path, errno, "cannot create");
    }
    agro_fail(ctx, AGRO_EIO, path, 0, NULL, "cannot create: 1000 temporary files exist");
    errno = EEXIST;
    return AGRO_EIO;
}

void agro_file_discard(const char *tmp, const char *path)
{
    if (strcmp(tmp, path) != 0)
        remove(tmp);
}

/* The data of @p name on the disk (fsync), so that a crash after the rename cannot leave the
 * new name on an empty or partial file; 0 or the errno. */
static int file_sync(const char *name)
{
    int fd = open(name, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    int e = fsync(fd) != 0 ? errno : 0;
    close(fd);
    return e;
}

int agro_file_commit(agro_ctx *ctx, const char *tmp, const char *path)
{
    if (strcmp(tmp, path) == 0)
        return AGRO_OK; /* written in place (not a regular file) */
    char buf[PATH_MAX];
    int e = file_sync(tmp);
    if (e) {
        remove(tmp);
        return file_fail(ctx, AGRO_EIO, path, e, "write error");
    }
    /* the temporary file sits beside the file a link points to (agro_file_tmp_name) */
    const char *target = file_target(path, buf);
    /* a file replaced keeps its permission bits, as GNU sed -i keeps them: the temporary file
       was created 0666 & ~umask, so a results file the user had made private (0600) came back
       readable by all (0644), and a read-only one (0444) writable. Its owner and its other
       names (hard links) are not kept: the rename puts a new file under the name. */
    struct stat st;
    if (target && stat(target, &st) == 0 && S_ISREG(st.st_mode) &&
        chmod(tmp, st.st_mode & (S_IRWXU | S_IRWXG | S_IRWXO)) != 0) {
        e = errno;
        remove(tmp);
        return file_fail(ctx, AGRO_EIO, path, e, "cannot give the new file the old file's mode");
    }
    if (!target || rename(tmp, target) != 0) {
        e = target ? errno : ENOENT;
        remove(tmp);
        return file_fail(ctx, AGRO_EIO, path, e, "cannot rename the temporary file");
    }
    /* and the new name itself: the folder's entry (a failure here loses nothing written) */
    if (target == buf || snprintf(buf, sizeof buf, "%s", target) < (int)sizeof buf) {
        char *slash = strrchr(buf, '/');
        if (slash)
            *(slash == buf ? slash + 1 : slash) = '\0';
        int dfd = open(slash ? buf : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
    }
    return AGRO_OK;
}

int agro_file_close(FILE *fp)
{
    errno = 0;
    int e = fflush(fp) != 0 ? (errno ? errno : EIO) : 0;
    if (!e && ferror(fp))
        e = EIO;
    if (fclose(fp) != 0 && !e)
        e = errno ? errno : EIO;
    return e;
}

int agro_file_finish(agro_ctx *ctx, FILE *fp, int err, const char *tmp, const char *path)
{
    const int ec = agro_file_close(fp);
    /* the most specific reason: the caller's own (EFBIG from fwrite, where the close then only
       sees the stream's error flag, EIO), else the close's, else the caller's generic EIO */
    const int e = err && err != EIO ? err : ec ? ec : err;
    if (e) {
        agro_file_discard(tmp, path);
        return file_fail(ctx, AGRO_EIO, path, e, "write error");
    }
    return agro_file_commit(ctx, tmp, path);
}

int agro_file_write_all(agro_ctx *ctx, const char *tmp, const char *path, const void *buf,
                        size_t n)
{
    FILE *fp = fopen(tmp, "wb");
    if (!fp)
        return file_fail(ctx, AGRO_EIO, path, errno, "cannot create");
    errno = 0;
    const int e = n > 0 && fwrite(buf, 1, n, fp) != n ? (errno ? errno : EIO) : 0;
    return agro_file_finish(ctx, fp, e, tmp, path);
}

/* ---- which file a write ends in (agro_file_same) ---- */

/* Folder @p dir as the system will find it once agro_output_mkdirs has made its missing
   parts: read from the left, each part that exists resolved (realpath: its links followed),
   a missing one taken by name (a folder mkdirs makes, so no link), "." dropped and ".." taking
   back the folder before it; into @p out (PATH_MAX bytes), 0 when it does not fit. A part
   after a ".." is looked up again, so that "new/../link/x" finds the folder the link names, as
   the system does once "new" is made (a resolved prefix with the rest applied by name had
   kept "link" unresolved). A loop, not a recursion by part: a name of 2000 parts had
   overflowed the stack. */
static int folder_resolved(const char *dir, char *out)
{
    if (realpath(dir, out))
        return 1;
    if (dir[0] == '/')
        snprintf(out, PATH_MAX, "/");
    else if (!realpath(".", out))
        return 0; /* the working folder removed */
    size_t used = strlen(out);
    for (const char *p = dir; *p;) {
        while (*p == '/')
            p++;
        const char *name = p;
        while (*p && *p != '/')
            p++;
        const size_t name_len = (size_t)(p - name);
        if (name_len == 0 || (name_len == 1 && name[0] == '.'))
            continue;
        if (name_len == 2 && name[0] == '.' && name[1] == '.') {
            char *last = strrchr(out, '/'); /* out is resolved: its parent by name */
            *(last == out ? last + 1 : last) = '\0';
            used = strlen(out);
            continue;
        }
        if (used + 1 + name_len >= PATH_MAX)
            return 0;
        if (used > 1)
            out[used++] = '/';
        memcpy(out + used, name, name_len);
        out[used += name_len] = '\0';
        char real[PATH_MAX];
        if (realpath(out, real)) { /* a part that exists: a link followed */
            memcpy(out, real, strlen(real) + 1);
            used = strlen(out);
        }
    }
    return 1;
}

/* The file a write to @p path ends in, into @p out (PATH_MAX bytes): its folder resolved
   (folder_resolved), and a symbolic link as the last part followed, also one to nothing (a
   writer opens it and creates the file it names, or renames over the file it names); 0 when
   it does not fit or the links loop */
static int resolved(const char *path, char *out)
{
    char cur[PATH_MAX], dir[PATH_MAX];
    if (snprintf(cur, sizeof cur, "%s", path) >= (int)sizeof cur)
        return 0;
    for (int hops = 0; hops < 40; hops++) {
        const char *slash = strrchr(cur, '/');
        const char *base = slash ? slash + 1 : cur;
        if (!slash)
            snprintf(dir, sizeof dir, ".");
        else if (slash == cur)
            snprintf(dir, sizeof dir, "/");
        else
            snprintf(dir, sizeof dir, "%.*s", (int)(slash - cur), cur);
        char real[PATH_MAX];
        if (!folder_resolved(dir, real) ||
            snprintf(out, PATH_MAX, "%s%s%s", real, strcmp(real, "/") ? "/" : "", base) >=
                PATH_MAX)
            return 0;
        struct stat st;
        char link[PATH_MAX];
        ssize_t k;
        if (lstat(out, &st) != 0 || !S_ISLNK(st.st_mode) ||
            (k = readlink(out, link, sizeof link - 1)) < 0)
            return 1;
        link[k] = '\0';
        if (link[0] == '/')
            snprintf(cur, sizeof cur, "%s", link);
        else if (snprintf(cur, sizeof cur, "%s/%s", real, link) >= (int)sizeof cur)
            return 0;
    }
    return 0;
}

int agro_file_same(const char *a, const char *b)
{
    struct stat sa, sb;
    if (strcmp(a, b) == 0)
        return 1;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    /* one of them does not exist yet, so it is one file only as two spellings of one name:
       x.csv, ./x.csv, dir/../x.csv, new/./x.csv in a folder the write makes, a link to x.csv
       (also a link to nothing: the write creates or replaces the file it names) */
    char ra[PATH_MAX], rb[PATH_MAX];
    return resolved(a, ra) && resolved(b, rb) && strcmp(ra, rb) == 0;
}

int agro_file_absolute(const char *path, char *out, size_t n)
{
    char real[PATH_MAX];
    if (!realpath(path, real))
        return 0;
    const size_t len = strlen(real);
    if (len >= n)
        return 0;
    memcpy(out, real, len + 1);
    return 1;
}

AGRO_API int agro_output_check_name(agro_ctx *ctx, const char *path)
{
    if (!path || !path[0])
        return file_fail(ctx, AGRO_EINVAL, NULL, EINVAL, "empty output file name");
    /* "out.csv/", "new/." and "new/.." name a folder, never a file: the writers refuse them
       ("Is a directory"), but only after agro_output_mkdirs had made "new" (or out.csv), and
       a command's earlier outputs had made theirs */
    const char *last = strrchr(path, '/');
    last = last ? last + 1 : path;
    if (!last[0] || strcmp(last, ".") == 0 || strcmp(last, "..") == 0)
        return file_fail(ctx, AGRO_EIO, path, EISDIR, "cannot create");
    const size_t len = strlen(path);
    if (len >= PATH_MAX)
        return file_fail(ctx, AGRO_EINVAL, path, ENAMETOOLONG,
                         "file name too long (at most 4095 bytes)");
    /* a part longer than a folder entry can be: agro_output_mkdirs made the folders above it,
       then failed */
    for (const char *p = path; *p;) {
        const size_t part = strcspn(p, "/");
        if (part > NAME_MAX) {
            char what[96];
            snprintf(what, sizeof what, "file name too long (a part of %zu bytes, at most %d)",
                     part, NAME_MAX);
            return file_fail(ctx, AGRO_EINVAL, path, ENAMETOOLONG, what);
        }
        p += part + (p[part] == '/');
    }
    /* the writers write "<name>.partial-<pid>-<k>" first: a name that fits with no room for
       that suffix made its folders, then failed "file name too long" */
    char buf[PATH_MAX], tmp[PATH_MAX];
    const char *target = file_target(path, buf);
    struct stat st;
    if (!target || (stat(target, &st) == 0 && !S_ISREG(st.st_mode)))
        return AGRO_OK; /* written in place (agro_file_tmp_name) */
    const int k = tmp_name_build(target, 0, tmp, sizeof tmp);
    if (k < 0 || (size_t)k >= sizeof tmp) {
        char what[128];
        snprintf(what, sizeof what, "file name too long (its temporary name "
                 "<name>.partial-<pid>-<k> would have %d bytes, at most %d)", k, PATH_MAX - 1);
        return file_fail(ctx, AGRO_EINVAL, path, ENAMETOOLONG, what);
    }
    return AGRO_OK;
}

AGRO_API int agro_output_same_file(const char *a, const char *b, int32_t *same)
{
    if (!a || !b || !same)
        return AGRO_EINVAL;
    *same = agro_file_same(a, b);
    return AGRO_OK;
}

/* ---- the public atomic output file (output.h): the functions above behind one handle ---- */

struct agro_outfile {
    FILE *fp;  /* the stream on tmp; NULL once committed */
    int err;   /* errno of a failed write found by agro_outfile_check, 0 if none */
    char path[PATH_MAX];
    char tmp[PATH_MAX + 64]; /* "<target>.partial-<pid>-<k>" (agro_file_tmp_name), or path */
};

AGRO_API int agro_outfile_create(agro_ctx *ctx, const char *path, agro_outfile **out)
{
    if (!out)
        return file_fail(ctx, AGRO_EINVAL, path, EINVAL, "NULL output file handle");
    *out = NULL;
    if (path && strlen(path) >= PATH_MAX)
        return file_fail(ctx, AGRO_EINVAL, path, ENAMETOOLONG, "file name too long");
    agro_outfile *of = malloc(sizeof *of);
    if (!of)
        return file_fail(ctx, AGRO_ENOMEM, path, ENOMEM, "out of memory");
    int rc = agro_file_tmp_name(ctx, path, of->tmp, sizeof of->tmp);
    if (rc) {
        const int e = errno;
        free(of);
        errno = e;
        return rc;
    }
    of->fp = fopen(of->tmp, "w");
    if (!of->fp) {
        const int e = errno;
        agro_file_discard(of->tmp, path);
        free(of);
        return file_fail(ctx, AGRO_EIO, path, e, "cannot create");
    }
    of->err = 0;
    memcpy(of->path, path, strlen(path) + 1);
    *out = of;
    return AGRO_OK;
}

AGRO_API FILE *agro_outfile_stream(agro_outfile *of)
{
    return of ? of->fp : NULL;
}

AGRO_API int agro_outfile_commit(agro_ctx *ctx, agro_outfile *of)
{
    if (!of)
        return file_fail(ctx, AGRO_EINVAL, NULL, EINVAL, "NULL output file");
    if (!of->fp)
        return file_fail(ctx, AGRO_ESTATE, of->path, EINVAL, "output file already committed");
    FILE *fp = of->fp;
    of->fp = NULL; /* either way the file is finished */
    return agro_file_finish(ctx, fp, of->err, of->tmp, of->path);
}

AGRO_API void agro_outfile_free(agro_outfile *of)
{
    if (!of)
        return;
    if (of->fp) {
        fclose(of->fp);
        agro_file_discard(of->tmp, of->path);
    }
    free(of);
}

const char *agro_outfile_path(const agro_outfile *of)
{
    return of->path;
}

int agro_outfile_check(agro_ctx *ctx, agro_outfile *of, int flush)
{
    if (!of->fp)
        return file_fail(ctx, AGRO_ESTATE, of->path, EINVAL, "output file already committed");
    if (!flush && !ferror(of->fp))
        return AGRO_OK;
    /* a failed write's errno may be overwritten since: flushing (again) gives the reason */
    errno = 0;
    if (fflush(of->fp) == 0 && !ferror(of->fp))
        return AGRO_OK;
    of->err = errno ? errno : EIO;
    return file_fail(ctx, AGRO_EIO, of->path, of->err, "write error");
}
