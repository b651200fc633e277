/* Summary CSV: one row per field × intervention × member × season (docs/scenario.md). */
#include <stdio.h>

#include "internal/c_locale.h"
#include "internal/error.h"
#include "internal/file.h"
#include "output_impl.h"

static int write_csv(agro_ctx *ctx, const agro_scenario *sc, const agro_results *res,
                     agro_outfile *of)
{
    const char *path = agro_outfile_path(of);
    agro_scenario_info info;
    int rc = out_check(ctx, sc, res, path, &info);
    if (rc)
        return rc;
    FILE *fp = agro_outfile_stream(of);
    if (!fp)
        return agro_fail(ctx, AGRO_ESTATE, path, 0, NULL, "output file already committed");
    /* every field is a crop field in this version: groups RUN and CROP are present */
    fputs("field,intervention", fp);
    for (size_t k = 0; k < out_n_summary_columns; k++)
        fprintf(fp, ",%s", out_summary_columns[k].csv);
    fputc('\n', fp);
    int written = 0;
    for (int32_t r = 0; r < info.n_runs; r++) {
        agro_run_info ri;
        agro_season_summary s;
        agro_results_run_info(res, r, &ri);
        if (!ri.done || agro_results_get_summary(res, r, &s))
            continue;
        char fname[AGRO_SCENARIO_NAME_MAX], iname[AGRO_SCENARIO_NAME_MAX * 4];
        agro_scenario_field_name(sc, ri.field, fname, sizeof fname);
        agro_scenario_intervention_name(sc, ri.intervention, iname, sizeof iname);
        fprintf(fp, "%s,%s", fname, iname);
        for (size_t k = 0; k < out_n_summary_columns; k++) {
            const out_column *c = &out_summary_columns[k];
            fputc(',', fp);
            out_put_summary_value(fp, c, out_column_value(c, &info, &ri, &s));
        }
        fputc('\n', fp);
        written++;
    }
    if (written == 0)
        return agro_fail(ctx, AGRO_ESTATE, path, 0, NULL, "no run has been simulated");
    return agro_outfile_check(ctx, of, 1);
}

/* numbers with '.' whatever the host's locale (internal/c_locale.h) */
AGRO_API int agro_output_write_csv_to(agro_ctx *ctx, const agro_scenario *sc,
                                      const agro_results *res, agro_outfile *of)
{
    if (!of)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL output file");
    agro_c_locale l;
    agro_c_locale_begin(&l);
    const int rc = write_csv(ctx, sc, res, of);
    agro_c_locale_end(&l);
    return rc;
}

int agro_output_write_csv(agro_ctx *ctx, const agro_scenario *sc, const agro_results *res,
                          const char *path)
{
    /* the arguments first: refused ones make no temporary file */
    agro_scenario_info info;
    agro_outfile *of = NULL;
    int rc = out_check(ctx, sc, res, path, &info);
    if (!rc)
        rc = agro_outfile_create(ctx, path, &of);
    if (!rc)
        rc = agro_output_write_csv_to(ctx, sc, res, of);
    if (!rc)
        rc = agro_outfile_commit(ctx, of);
    agro_outfile_free(of);
    return rc;
}
