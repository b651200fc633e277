/* Daily CSV: the scalar daily variables of out_daily_vars, one row per run and day (output.h).
 * One header for all runs, where DSSAT repeats a header block per run in PlantGro.OUT. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal/error.h"
#include "internal/file.h"
#include "output_impl.h"

struct agro_daily_csv {
    FILE *fp;
    int32_t flags;
    int failed;    /* a write failed: only agro_daily_csv_free() is left to call */
    int committed;
    char path[4096];
    char tmp[4200];
};

static int wanted(const out_daily_var *v, int32_t flags)
{
    if (v->layered)
        return 0;
    return strcmp(v->component, "weeds") != 0 || (flags & AGRO_DAILY_CSV_WEEDS);
}

/* Write @p s as one CSV field, quoted (RFC 4180) when it holds a separator, quote or break. */
static void put_text(FILE *fp, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

AGRO_API int agro_daily_csv_create(agro_ctx *ctx, const char *path, int32_t flags,
                                   agro_daily_csv **out)
{
    if (!path || !out)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL, "NULL file name or output handle");
    *out = NULL;
    if (flags & ~(int32_t)AGRO_DAILY_CSV_WEEDS)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, "flags", "unknown daily CSV flags 0x%x",
                         (unsigned)flags);
    if (strlen(path) >= sizeof((agro_daily_csv *)0)->path)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL, "file name too long");
    agro_daily_csv *w = calloc(1, sizeof *w);
    if (!w)
        return agro_fail(ctx, AGRO_ENOMEM, path, 0, NULL, "out of memory");
    int rc = agro_file_tmp_name(ctx, path, w->tmp, sizeof w->tmp);
    if (rc) {
        free(w);
        return rc;
    }
    memcpy(w->path, path, strlen(path) + 1);
    w->flags = flags;
    w->fp = fopen(w->tmp, "w");
    if (!w->fp) {
        char eb[AGRO_ERRNO_TEXT_MAX];
        rc = agro_fail(ctx, AGRO_EIO, path, 0, NULL, "cannot create: %s",
                       agro_errno_text(errno, eb, sizeof eb));
        free(w);
        return rc;
    }
    fputs("RUN,TRNO,SEASON", w->fp);
    for (size_t k = 0; k < out_n_daily_vars; k++) {
        const out_daily_var *v = &out_daily_vars[k];
        if (!wanted(v, flags))
            continue;
        /* the weed canopy shares the crop's ICASA names (LAID, CWAD …): prefixed as in the
           HDF5 path /daily/<field>/weeds/<name> */
        if (strcmp(v->component, "weeds") == 0)
            fprintf(w->fp, ",weeds.%s", v->name);
        else
            fprintf(w->fp, ",%s", v->name);
    }
    fputc('\n', w->fp);
    *out = w;
    return AGRO_OK;
}

AGRO_API int agro_daily_csv_append(agro_ctx *ctx, agro_daily_csv *w, const char *run,
                                   int32_t treatment, int32_t season,
                                   const agro_field_daily *days, int32_t n_days)
{
    if (!w || !run || (!days && n_days > 0))
        return agro_fail(ctx, AGRO_EINVAL, w ? w->path : NULL, 0, NULL,
                         "NULL writer, run label or records");
    if (n_days < 0)
        return agro_fail(ctx, AGRO_EINVAL, w->path, 0, "n_days", "negative number of days %d",
                         (int)n_days);
    if (w->committed || w->failed)
        return agro_fail(ctx, AGRO_ESTATE, w->path, 0, NULL,
                         w->committed ? "daily CSV already committed"
                                      : "daily CSV had a write error");
    FILE *fp = w->fp;
    for (int32_t d = 0; d < n_days; d++) {
        const char *rec = (const char *)&days[d];
        put_text(fp, run);
        fprintf(fp, ",%d,%d", (int)treatment, (int)season);
        for (size_t k = 0; k < out_n_daily_vars; k++) {
            const out_daily_var *v = &out_daily_vars[k];
            if (!wanted(v, w->flags))
                continue;
            fputc(',', fp);
            if (v->type == OUT_INT) {
                int32_t x;
                memcpy(&x, rec + v->offset, sizeof x);
                fprintf(fp, "%d", (int)x);
            } else {
                double x;
                memcpy(&x, rec + v->offset, sizeof x);
                if (isfinite(x))
                    fprintf(fp, "%.6g", x);
            }
        }
        fputc('\n', fp);
    }
    if (ferror(fp)) {
        w->failed = 1;
        return agro_fail(ctx, AGRO_EIO, w->path, 0, NULL, "write error");
    }
    return AGRO_OK;
}

AGRO_API int agro_daily_csv_commit(agro_ctx *ctx, agro_daily_csv *w)
{
    if (!w)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL daily CSV writer");
    if (w->committed)
        return agro_fail(ctx, AGRO_ESTATE, w->path, 0, NULL, "daily CSV already committed");
    int bad = w->failed || ferror(w->fp);
    if (fclose(w->fp) != 0)
        bad = 1;
    w->fp = NULL;
    w->committed = 1; /* either way the writer is finished */
    if (bad) {
        remove(w->tmp);
        return agro_fail(ctx, AGRO_EIO, w->path, 0, NULL, "write error");
    }
    return agro_file_commit(ctx, w->tmp, w->path);
}

AGRO_API void agro_daily_csv_free(agro_daily_csv *w)
{
    if (!w)
        return;
    if (w->fp) { /* never committed: leave no partial file */
        fclose(w->fp);
        remove(w->tmp);
    }
    free(w);
}
