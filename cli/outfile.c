/* The tool's own output files (validate's CSV files): written to a private temporary file in
 * the target's folder and renamed into place when complete, so that a failed run leaves the
 * old file and two runs writing the same name do not mix; a target that exists and is not a
 * regular file (a FIFO, /dev/full) is written in place, since renaming over it would replace
 * it. Every failure is one stderr line naming the file and the system's reason. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"

FILE *cli_out_open(cli_out *o, const char *path, const char *what)
{
    struct stat st;
    o->path = path;
    o->what = what;
    o->in_place = stat(path, &st) == 0 && !S_ISREG(st.st_mode);
    FILE *f = NULL;
    if (o->in_place) {
        snprintf(o->tmp, sizeof o->tmp, "%s", path);
        f = fopen(path, "w");
    } else {
        /* O_EXCL: a name no other writer holds; 0666 less the umask, as fopen would give */
        int fd = -1;
        errno = EEXIST;
        for (int i = 0; i < 1000 && fd < 0 && errno == EEXIST; i++) {
            if ((size_t)snprintf(o->tmp, sizeof o->tmp, "%s.partial-%ld-%d", path, (long)getpid(),
                                 i) >= sizeof o->tmp) {
                errno = ENAMETOOLONG;
                break;
            }
            fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        }
        if (fd >= 0 && !(f = fdopen(fd, "w"))) {
            int e = errno;
            close(fd);
            remove(o->tmp);
            errno = e;
        }
    }
    if (!f)
        fprintf(stderr, "agrosim: %s: cannot write the %s: %s\n", path, what, strerror(errno));
    return f;
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
    FILE *f = cli_out_open(&o, path, what);
    return f ? cli_out_close(&o, f, 0) : 1;
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
    if (!e && keep && !o->in_place && rename(o->tmp, o->path) != 0)
        e = errno;
    if ((e || !keep) && !o->in_place)
        remove(o->tmp);
    if (e) {
        fprintf(stderr, "agrosim: %s: cannot write the %s: %s\n", o->path, o->what, strerror(e));
        return 1;
    }
    return 0;
}
