/* The tool's own output files (validate's CSV files): written to a private temporary file in
 * the target's folder, put on the disk and renamed into place when complete, so that a failed
 * run leaves the old file and two runs writing the same name do not mix; a target that exists
 * and is not a regular file (a FIFO, /dev/full) is written in place, since renaming over it
 * would replace it, and a symbolic link stays a link (the file it points to is replaced), as
 * the library's writers do (lib/core/file.c). Every failure is one stderr line naming the file
 * and the system's reason. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "agrosim/output.h"

int cli_make_parent(const char *path)
{
    char dir[PATH_MAX];
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir) {
        fprintf(stderr, "agrosim: %s: cannot write: %s\n", path, strerror(ENAMETOOLONG));
        return 1;
    }
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return 0;
    *slash = '\0';
    agro_ctx *ctx = NULL;
    if (agro_ctx_create(&ctx))
        return cli_report(NULL, AGRO_ENOMEM);
    int rc = agro_output_mkdirs(ctx, dir);
    if (rc)
        cli_report(ctx, rc);
    agro_ctx_free(ctx);
    return rc ? 1 : 0;
}

/* Resolve @p path into @p o (its folder made, a link followed) and, unless the target is
 * written in place, create the temporary file: its descriptor into *fd. 0, or -1 with errno
 * (*reported set to 1 when cli_make_parent has printed its own message). */
static int out_prepare(cli_out *o, const char *path, const char *what, int *fd, int *reported)
{
    struct stat st;
    o->path = path;
    o->what = what;
    o->target = path;
    *fd = -1;
    *reported = 0;
    if (cli_make_parent(path)) {
        *reported = 1;
        return -1;
    }
    /* a link is followed to the file it points to; one that points nowhere is written in
       place, which creates that file */
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
        o->target = realpath(path, o->real);
    o->in_place = !o->target || (stat(path, &st) == 0 && !S_ISREG(st.st_mode));
    if (o->in_place) {
        snprintf(o->tmp, sizeof o->tmp, "%s", path);
        return 0;
    }
    /* O_EXCL: a name no other writer holds; 0666 less the umask, as fopen would give */
    errno = EEXIST;
    for (int i = 0; i < 1000 && *fd < 0 && errno == EEXIST; i++) {
        if ((size_t)snprintf(o->tmp, sizeof o->tmp, "%s.partial-%ld-%d", o->target,
                             (long)getpid(), i) >= sizeof o->tmp) {
            errno = ENAMETOOLONG;
            break;
        }
        *fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    }
    return *fd >= 0 ? 0 : -1;
}

static int out_failed(const cli_out *o, int e)
{
    fprintf(stderr, "agrosim: %s: cannot write the %s: %s\n", o->path, o->what, strerror(e));
    return 1;
}

FILE *cli_out_open(cli_out *o, const char *path, const char *what)
{
    int fd, reported;
    FILE *f = NULL;
    if (out_prepare(o, path, what, &fd, &reported) == 0) {
        f = o->in_place ? fopen(path, "w") : fdopen(fd, "w");
        if (!f && !o->in_place) {
            int e = errno;
            close(fd);
            remove(o->tmp);
            errno = e;
        }
    }
    if (!f && !reported)
        out_failed(o, errno);
    return f;
}

int cli_out_stage(cli_out *o, const char *path, const char *what)
{
    int fd, reported;
    if (out_prepare(o, path, what, &fd, &reported) != 0)
        return reported ? 1 : out_failed(o, errno);
    if (fd >= 0)
        close(fd);
    return 0;
}

int cli_out_commit(cli_out *o)
{
    if (o->in_place)
        return 0;
    /* on the disk before the rename, so that a crash cannot leave the name on a partial file */
    int e = 0, fd = open(o->tmp, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0)
        e = errno;
    if (fd >= 0)
        close(fd);
    if (!e && rename(o->tmp, o->target) != 0)
        e = errno;
    if (e) {
        remove(o->tmp);
        return out_failed(o, e);
    }
    return 0;
}

void cli_out_discard(cli_out *o)
{
    if (!o->in_place)
        remove(o->tmp);
}

int cli_out_check(const char *path, const char *what)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (!S_ISDIR(st.st_mode))
            return 0; /* written in place; opening a FIFO here would wait for its reader */
        fprintf(stderr, "agrosim: %s: cannot write the %s: %s\n", path, what, strerror(EISDIR));
        return 1;
    }
    cli_out o;
    if (cli_out_stage(&o, path, what)) /* makes the folder, as the write will */
        return 1;
    cli_out_discard(&o);
    return 0;
}

int cli_out_close(cli_out *o, FILE *f, int keep)
{
    /* the flush first: after a failed write it fails again and gives the reason (ENOSPC),
       where the stream's error flag alone gives none (as agro_file_close in the library) */
    errno = 0;
    int e = fflush(f) != 0 ? (errno ? errno : EIO) : 0;
    if (!e && ferror(f))
        e = EIO;
    if (fclose(f) != 0 && !e)
        e = errno ? errno : EIO;
    if (e || !keep) {
        cli_out_discard(o);
        return e ? out_failed(o, e) : 0;
    }
    return cli_out_commit(o);
}
