/* Summary CSV: one row per field × intervention × member × season (docs/scenario.md). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal/c_locale.h"
#include "internal/error.h"
#include "internal/file.h"
#include "output_impl.h"

static int write_csv(agro_ctx *ctx, const agro_scenario *sc, const agro_results *res,
                     const char *path)
{
    agro_scenario_info info;
    char tmp[4200];
    int rc = out_begin(ctx, sc, res, path, &info, tmp, sizeof tmp);
    if (rc)
        return rc;
    FILE *fp = fopen(tmp, "w");
    if (!fp) {
        char eb[AGRO_ERRNO_TEXT_MAX];
        rc = agro_fail(ctx, AGRO_EIO, path, 0, NULL, "cannot create: %s",
                       agro_errno_text(errno, eb, sizeof eb));
        agro_file_discard(tmp, path);
        return rc;
    }
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
    if (written == 0) {
        fclose(fp);
        agro_file_discard(tmp, path);
        return agro_fail(ctx, AGRO_ESTATE, path, 0, NULL, "no run has been simulated");
    }
    return agro_file_finish(ctx, fp, 0, tmp, path);
}

/* numbers with '.' whatever the host's locale (internal/c_locale.h) */
int agro_output_write_csv(agro_ctx *ctx, const agro_scenario *sc, const agro_results *res,
                          const char *path)
{
    agro_c_locale l;
    agro_c_locale_begin(&l);
    const int rc = write_csv(ctx, sc, res, path);
    agro_c_locale_end(&l);
    return rc;
}
