/* The CSV files of single runs (output.h): the daily CSV (the scalar daily variables of
 * out_daily_vars, then, when asked for, its variables by soil layer, one row per run and day)
 * and the season CSV (the crop columns of out_summary_columns, one row per run), both written
 * under one header for all runs, where DSSAT repeats a header block per run in PlantGro.OUT
 * and lists runs in Summary.OUT. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal/c_locale.h"
#include "internal/error.h"
#include "internal/file.h"
#include "internal/results.h"
#include "output_impl.h"

/* A CSV file written under a temporary name and renamed into place by its commit
 * (agro_outfile), with the state its writer's calls are checked against. */
typedef struct csv_file {
    agro_outfile *of;
    FILE *fp;         /* the stream of of */
    const char *path; /* of's path, for the messages */
    int failed;       /* a write failed: only freeing is left */
    int committed;
} csv_file;

static int csv_open(agro_ctx *ctx, csv_file *f, const char *path)
{
    int rc = agro_outfile_create(ctx, path, &f->of);
    if (rc)
        return rc;
    f->fp = agro_outfile_stream(f->of);
    f->path = agro_outfile_path(f->of);
    return AGRO_OK;
}

/* Arguments checked by the caller: AGRO_ESTATE after a commit or a write error. */
static int csv_writable(agro_ctx *ctx, const csv_file *f)
{
    if (f->committed || f->failed)
        return agro_fail(ctx, AGRO_ESTATE, f->path, 0, NULL,
                         f->committed ? "CSV file already committed"
                                      : "CSV file had a write error");
    return AGRO_OK;
}

/* @p flush: write the buffered rows out too, so that their write error is this call's */
static int csv_check_rows(agro_ctx *ctx, csv_file *f, int flush)
{
    int rc = agro_outfile_check(ctx, f->of, flush);
    if (rc)
        f->failed = 1;
    return rc;
}

static int csv_commit(agro_ctx *ctx, csv_file *f)
{
    if (f->committed)
        return agro_fail(ctx, AGRO_ESTATE, f->path, 0, NULL, "CSV file already committed");
    f->committed = 1; /* either way the writer is finished */
    f->fp = NULL;
    return agro_outfile_commit(ctx, f->of);
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

/* The first three cells of a row: run label, treatment, season. */
static void put_run(FILE *fp, const char *run, int32_t treatment, int32_t season)
{
    put_text(fp, run);
    fprintf(fp, ",%d,%d", (int)treatment, (int)season);
}

/* ---- daily CSV ---- */

struct agro_daily_csv {
    csv_file f;
    int32_t flags;
};

/* A scalar column of the file; the layered variables come after them (put_layers). */
static int wanted(const out_daily_var *v, int32_t flags)
{
    if (v->layered)
        return 0;
    return strcmp(v->component, "weeds") != 0 || (flags & AGRO_DAILY_CSV_WEEDS);
}

/* Every layered variable has a column per possible layer, so one header, written before any
   run is known, fits the runs of every profile (output.h). */
enum { LAYER_COLUMNS = AGRO_SOIL_MAX_LAYERS };

/* The header of the layered variables: each one's pattern with '#' as the layer number. */
static void put_layer_header(FILE *fp)
{
    for (size_t k = 0; k < out_n_daily_vars; k++) {
        const char *pat = out_daily_vars[k].layered;
        if (!pat)
            continue;
        for (int l = 1; l <= LAYER_COLUMNS; l++) {
            fputc(',', fp);
            for (const char *c = pat; *c; c++) {
                if (*c == '#')
                    fprintf(fp, "%d", l);
                else
                    fputc(*c, fp);
            }
        }
    }
}

/* The layered cells of record @p day: its n_layers (0..LAYER_COLUMNS, checked) have values,
   the cells past them are empty, as a value that is not finite is. */
static void put_layers(FILE *fp, const agro_field_daily *day)
{
    const char *rec = (const char *)day;
    for (size_t k = 0; k < out_n_daily_vars; k++) {
        const out_daily_var *v = &out_daily_vars[k];
        if (!v->layered)
            continue;
        for (int32_t l = 0; l < LAYER_COLUMNS; l++) {
            fputc(',', fp);
            if (l >= day->n_layers)
                continue;
            double x;
            memcpy(&x, rec + v->offset + (size_t)l * sizeof x, sizeof x);
            if (v->type == OUT_PERCENT)
                x *= 100.0;
            if (isfinite(x))
                fprintf(fp, "%.6g", x);
        }
    }
}

AGRO_API int agro_daily_csv_create(agro_ctx *ctx, const char *path, int32_t flags,
                                   agro_daily_csv **out)
{
    if (!path || !out)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL, "NULL file name or output handle");
    *out = NULL;
    if (flags & ~(int32_t)(AGRO_DAILY_CSV_WEEDS | AGRO_DAILY_CSV_LAYERS))
        return agro_fail(ctx, AGRO_EINVAL, path, 0, "flags", "unknown daily CSV flags 0x%x",
                         (unsigned)flags);
    agro_daily_csv *w = calloc(1, sizeof *w);
    if (!w)
        return agro_fail(ctx, AGRO_ENOMEM, path, 0, NULL, "out of memory");
    int rc = csv_open(ctx, &w->f, path);
    if (rc) {
        free(w);
        return rc;
    }
    w->flags = flags;
    FILE *fp = w->f.fp;
    fputs("RUN,TRNO,SEASON", fp);
    for (size_t k = 0; k < out_n_daily_vars; k++) {
        const out_daily_var *v = &out_daily_vars[k];
        if (!wanted(v, flags))
            continue;
        /* the weed canopy shares the crop's ICASA names (LAID, CWAD …): prefixed as in the
           HDF5 path /daily/<field>/weeds/<name> */
        if (strcmp(v->component, "weeds") == 0)
            fprintf(fp, ",weeds.%s", v->name);
        else
            fprintf(fp, ",%s", v->name);
    }
    if (flags & AGRO_DAILY_CSV_LAYERS)
        put_layer_header(fp);
    fputc('\n', fp);
    *out = w;
    return AGRO_OK;
}

/* AGRO_EINVAL naming record @p d's n_layers, which has no columns (failure path only). */
static int fail_n_layers(agro_ctx *ctx, const char *path, const char *run, int32_t d,
                         int32_t n_layers)
{
    char field[48];
    snprintf(field, sizeof field, "days[%d].n_layers", (int)d);
    return agro_fail(ctx, AGRO_EINVAL, path, 0, field,
                     "run %s: the layer columns hold 0 to %d soil layers (%d)", run,
                     LAYER_COLUMNS, (int)n_layers);
}

static int daily_append(agro_ctx *ctx, agro_daily_csv *w, const char *run,
                        int32_t treatment, int32_t season,
                        const agro_field_daily *days, int32_t n_days)
{
    if (!w || !run || (!days && n_days > 0))
        return agro_fail(ctx, AGRO_EINVAL, w ? w->f.path : NULL, 0, NULL,
                         "NULL writer, run label or records");
    if (n_days < 0)
        return agro_fail(ctx, AGRO_EINVAL, w->f.path, 0, "n_days", "negative number of days %d",
                         (int)n_days);
    int rc = csv_writable(ctx, &w->f);
    if (rc)
        return rc;
    /* checked before any row, so that a refused call writes nothing */
    if (w->flags & AGRO_DAILY_CSV_LAYERS)
        for (int32_t d = 0; d < n_days; d++)
            if (days[d].n_layers < 0 || days[d].n_layers > LAYER_COLUMNS)
                return fail_n_layers(ctx, w->f.path, run, d, days[d].n_layers);
    FILE *fp = w->f.fp;
    for (int32_t d = 0; d < n_days; d++) {
        const char *rec = (const char *)&days[d];
        put_run(fp, run, treatment, season);
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
                if (v->type == OUT_PERCENT)
                    x *= 100.0;
                if (isfinite(x))
                    fprintf(fp, "%.6g", x);
            }
        }
        if (w->flags & AGRO_DAILY_CSV_LAYERS)
            put_layers(fp, &days[d]);
        fputc('\n', fp);
    }
    return csv_check_rows(ctx, &w->f, 0);
}

/* numbers with '.' whatever the host's locale (internal/c_locale.h) */
AGRO_API int agro_daily_csv_append(agro_ctx *ctx, agro_daily_csv *w, const char *run,
                                   int32_t treatment, int32_t season,
                                   const agro_field_daily *days, int32_t n_days)
{
    agro_c_locale l;
    agro_c_locale_begin(&l);
    const int rc = daily_append(ctx, w, run, treatment, season, days, n_days);
    agro_c_locale_end(&l);
    return rc;
}

AGRO_API int agro_daily_csv_commit(agro_ctx *ctx, agro_daily_csv *w)
{
    if (!w)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL daily CSV writer");
    return csv_commit(ctx, &w->f);
}

AGRO_API void agro_daily_csv_free(agro_daily_csv *w)
{
    if (!w)
        return;
    agro_outfile_free(w->f.of); /* a file not committed is removed: no partial file is left */
    free(w);
}

/* ---- the daily CSV of a scenario's runs ---- */

AGRO_API int agro_output_daily_csv_flags(agro_ctx *ctx, const agro_scenario *sc, int32_t *flags)
{
    if (!sc || !flags)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL scenario or flags");
    const char *file;
    long line;
    if (!agro_scenario_keeps_daily(sc, &file, &line))
        return agro_fail(ctx, AGRO_ESTATE, file, line, "report.daily",
                         "the scenario keeps no daily records (\"daily\": false), so there is no "
                         "daily CSV to write: set it to true, the default");
    *flags = agro_scenario_has_weeds(sc) ? AGRO_DAILY_CSV_WEEDS : 0;
    return AGRO_OK;
}

AGRO_API int agro_output_append_daily_csv(agro_ctx *ctx, const agro_scenario *sc,
                                          const agro_results *res, agro_daily_csv *w)
{
    agro_scenario_info info;
    int32_t flags;
    if (!w)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL daily CSV writer");
    int rc = out_check(ctx, sc, res, w->f.path, &info);
    /* every run before any row, so that results in part write nothing */
    if (rc || (rc = agro_output_daily_csv_flags(ctx, sc, &flags)) ||
        (rc = out_check_all_runs(ctx, res, w->f.path, info.n_runs)))
        return rc;
    for (int32_t r = 0; r < info.n_runs && !rc; r++) {
        /* the cancel point: between runs (the caller's agro_daily_csv_free removes the file) */
        if ((rc = agro_check_cancel(ctx, w->f.path, "while writing")))
            break;
        agro_run_info ri;
        agro_results_run_info(res, r, &ri);
        /* the summary CSV's buffers (output/csv.c); the label holds both names, two '/' and
           an int32 member, so snprintf never cuts it */
        char field[AGRO_SCENARIO_NAME_MAX], trt[AGRO_SCENARIO_NAME_MAX * 4];
        char label[sizeof field + sizeof trt + 16];
        agro_scenario_field_name(sc, ri.field, field, sizeof field);
        agro_scenario_intervention_name(sc, ri.intervention, trt, sizeof trt);
        snprintf(label, sizeof label, "%s/%s/%d", field, trt, (int)ri.member);
        int32_t n_days = 0;
        const agro_field_daily *days = agro_results_daily_view(res, r, &n_days);
        rc = agro_daily_csv_append(ctx, w, label, 1 + r / info.n_seasons, ri.season, days,
                                   n_days);
    }
    /* the last rows out of the buffer too: a write error of the file's end (a full disk) is
       then found here, before a caller (agrosim run) replaces its other files, and not by the
       commit after them */
    return rc ? rc : csv_check_rows(ctx, &w->f, 1);
}

/* ---- season CSV ---- */

struct agro_season_csv {
    csv_file f;
};

/* The crop columns of the summary table; the bags column needs a scenario's report units. */
static int season_column(const out_column *c)
{
    return c->group == OUT_GROUP_CROP && c->src != OUT_SRC_BAGS;
}

AGRO_API int agro_season_csv_create(agro_ctx *ctx, const char *path, agro_season_csv **out)
{
    if (!path || !out)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL, "NULL file name or output handle");
    *out = NULL;
    agro_season_csv *w = calloc(1, sizeof *w);
    if (!w)
        return agro_fail(ctx, AGRO_ENOMEM, path, 0, NULL, "out of memory");
    int rc = csv_open(ctx, &w->f, path);
    if (rc) {
        free(w);
        return rc;
    }
    fputs("RUN,TRNO,SEASON", w->f.fp);
    for (size_t k = 0; k < out_n_summary_columns; k++)
        if (season_column(&out_summary_columns[k]))
            fprintf(w->f.fp, ",%s", out_summary_columns[k].icasa);
    fputc('\n', w->f.fp);
    *out = w;
    return AGRO_OK;
}

static int season_append(agro_ctx *ctx, agro_season_csv *w, const char *run,
                         int32_t treatment, int32_t season,
                         const agro_season_summary *s)
{
    if (!w || !run || !s)
        return agro_fail(ctx, AGRO_EINVAL, w ? w->f.path : NULL, 0, NULL,
                         "NULL writer, run label or summary");
    int rc = csv_writable(ctx, &w->f);
    if (rc)
        return rc;
    FILE *fp = w->f.fp;
    put_run(fp, run, treatment, season);
    for (size_t k = 0; k < out_n_summary_columns; k++) {
        const out_column *c = &out_summary_columns[k];
        if (!season_column(c))
            continue;
        fputc(',', fp);
        out_put_summary_value(fp, c, out_column_value(c, NULL, NULL, s));
    }
    fputc('\n', fp);
    return csv_check_rows(ctx, &w->f, 0);
}

/* numbers with '.' whatever the host's locale (internal/c_locale.h) */
AGRO_API int agro_season_csv_append(agro_ctx *ctx, agro_season_csv *w, const char *run,
                                    int32_t treatment, int32_t season,
                                    const agro_season_summary *s)
{
    agro_c_locale l;
    agro_c_locale_begin(&l);
    const int rc = season_append(ctx, w, run, treatment, season, s);
    agro_c_locale_end(&l);
    return rc;
}

AGRO_API int agro_season_csv_commit(agro_ctx *ctx, agro_season_csv *w)
{
    if (!w)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL season CSV writer");
    return csv_commit(ctx, &w->f);
}

AGRO_API void agro_season_csv_free(agro_season_csv *w)
{
    if (!w)
        return;
    agro_outfile_free(w->f.of); /* a file not committed is removed: no partial file is left */
    free(w);
}
