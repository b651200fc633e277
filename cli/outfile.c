/* The tool's own output files (validate's CSV files, run's summary CSV): the library's atomic
 * output files (agro_outfile, agrosim/output.h), so that a failed run leaves the old file, two
 * runs writing the same name do not mix, a FIFO or device is written in place and a symbolic
 * link stays a link, as for the library's writers; here the folder is made first and every
 * failure is one stderr line naming the file, what it holds and the system's reason. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "agrosim/output.h"

/* Whether the writers can make a file by the name @p path (agro_output_check_name): 0, else
 * -1 for a name that can only be a folder's, after the writers' own stderr line ("cannot
 * write: Is a directory", what they say of an existing folder), else 1 with the reason in
 * @p ctx. */
static int out_name_refused(agro_ctx *ctx, const char *path)
{
    if (agro_output_check_name(ctx, path) == AGRO_OK)
        return 0;
    if (errno != EISDIR)
        return 1;
    fprintf(stderr, "agrosim: %s: cannot write: %s\n", path, strerror(EISDIR));
    return -1;
}

int cli_out_names(const char *cmd, const char *const *flags, const char *const *paths, int n)
{
    agro_ctx *ctx = NULL;
    if (agro_ctx_create(&ctx))
        return cli_report(NULL, AGRO_ENOMEM);
    int status = 0;
    for (int k = 0; k < n && !status; k++) {
        const int refused = paths[k] ? out_name_refused(ctx, paths[k]) : 0;
        if (refused > 0) {
            char msg[AGRO_MESSAGE_MAX];
            agro_ctx_message(ctx, msg, sizeof msg);
            status = cli_usage("%s: %s: %s", cmd, flags[k], msg);
        } else if (refused < 0) {
            status = 1;
        }
    }
    agro_ctx_free(ctx);
    return status;
}

int cli_make_parent(const char *path)
{
    agro_ctx *ctx = NULL;
    if (agro_ctx_create(&ctx))
        return cli_report(NULL, AGRO_ENOMEM);
    /* a name no writer can make (too long, too long for its temporary name, a folder's name:
       "out.h5/" would make the folder out.h5, then fail with EISDIR) is refused before its
       folders are made, not after */
    int rc = out_name_refused(ctx, path);
    if (rc) {
        if (rc > 0)
            cli_report(ctx, AGRO_EINVAL);
        agro_ctx_free(ctx);
        return 1;
    }
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path); /* fits: checked above */
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir) {
        agro_ctx_free(ctx);
        return 0;
    }
    *slash = '\0';
    rc = agro_output_mkdirs(ctx, dir);
    if (rc)
        cli_report(ctx, rc);
    agro_ctx_free(ctx);
    return rc ? 1 : 0;
}

static int out_failed(const char *path, const char *what, int e)
{
    if (cli_interrupted()) /* EINTR of a FIFO's open: the signal is the reason (signals.c) */
        return 1;
    fprintf(stderr, "agrosim: %s: cannot write the %s: %s\n", path, what, strerror(e));
    return 1;
}

FILE *cli_out_open(cli_out *o, const char *path, const char *what)
{
    o->path = path;
    o->what = what;
    o->of = NULL;
    if (cli_make_parent(path))
        return NULL;
    /* the message is the tool's, with the reason the library leaves in errno */
    if (agro_outfile_create(NULL, path, &o->of)) {
        out_failed(path, what, errno);
        return NULL;
    }
    return agro_outfile_stream(o->of);
}

int cli_out_close(cli_out *o, int keep)
{
    const int rc = keep ? agro_outfile_commit(NULL, o->of) : AGRO_OK;
    const int e = errno;
    agro_outfile_free(o->of);
    o->of = NULL;
    return rc ? out_failed(o->path, o->what, e) : 0;
}

int cli_out_check(const char *path, const char *what)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return out_failed(path, what, EISDIR);
        if (!S_ISREG(st.st_mode))
            return 0; /* written in place; opening a FIFO here would wait for its reader */
    } else if (lstat(path, &st) == 0) {
        /* a link to nothing is written in place: opening it would create the file it names */
        return cli_make_parent(path);
    }
    cli_out o;
    if (!cli_out_open(&o, path, what)) /* makes the folder, as the write will */
        return 1;
    return cli_out_close(&o, 0);
}
