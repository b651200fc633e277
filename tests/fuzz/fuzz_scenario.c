/*
 * libFuzzer harness: scenario JSON, agro_scenario_load_text (the text up to its first NUL, as a
 * file read stops there) with the example folder examples/morogoro as base for relative paths,
 * so the weather, soil and cultivar files a scenario names are really loaded. What loads must
 * report at least one run of at least one day, and the run table must be readable. Of the
 * seasons (all of them cost seconds per input) the first run is simulated, and the summary CSV
 * is written through agro_outfile_create + agro_output_write_csv_to + agro_outfile_commit and
 * read back: the header and one row of as many cells, the row naming the run's field and
 * intervention, its yield the summary's to the CSV's 6 significant digits.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include "fuzz_common.h"

#define NAME "fuzz-scenario.json"
/* results of more daily records than this are not made (n_runs x max_days records) */
#define MAX_RECORDS 20000

static char LINE[2][65536];

/* The cells of one CSV line (the writer quotes nothing: names hold no ',' '"' or control
   characters, scenario.md): their count, and cell @p k copied into @p out. */
static int csv_cells(const char *line, int k, char *out, size_t n)
{
    int c = 0;
    size_t used = 0;
    out[0] = '\0';
    for (const char *p = line; *p && *p != '\n'; p++) {
        if (*p == ',') {
            c++;
            continue;
        }
        if (c == k && used + 1 < n) {
            out[used++] = *p;
            out[used] = '\0';
        }
    }
    return c + 1;
}

static void run_first_and_write_csv(agro_ctx *ctx, const agro_scenario *sc, const agro_scenario_info *in)
{
    if (getenv("FUZZ_SCENARIO_DEBUG"))
        fprintf(stderr, "fuzz_scenario: %d runs of %d days%s\n", (int)in->n_runs, (int)in->max_days,
                (int64_t)in->n_runs * in->max_days > MAX_RECORDS ? ": too many records to run the first" : "");
    if ((int64_t)in->n_runs * in->max_days > MAX_RECORDS)
        return;
    agro_results *res = NULL;
    agro_ctx_clear(ctx);
    FUZZ_REQUIRE(agro_results_create(ctx, sc, &res) == AGRO_OK, "results of %d runs of %d days",
                 (int)in->n_runs, (int)in->max_days);
    char path[128], cell[256], name[1024];
    snprintf(path, sizeof path, "%s/summary.csv", fuzz_tmpdir());
    agro_ctx_clear(ctx);
    int rc = agro_scenario_run_range(ctx, sc, res, 0, 1);
    agro_outfile *of = NULL;
    agro_ctx_clear(ctx);
    FUZZ_REQUIRE(agro_outfile_create(ctx, path, &of) == AGRO_OK, "outfile %s", path);
    FUZZ_REQUIRE(agro_outfile_stream(of) != NULL, "no stream");
    agro_ctx_clear(ctx);
    int wc = agro_output_write_csv_to(ctx, sc, res, of);
    if (getenv("FUZZ_SCENARIO_DEBUG"))
        fprintf(stderr, "fuzz_scenario: run 0: %d, CSV: %d\n", rc, wc);
    if (rc) { /* a refused run: an error with a message, and nothing to write */
        fuzz_expect_error(ctx, wc, path, NULL);
        FUZZ_REQUIRE(wc == AGRO_ESTATE, "CSV of no simulated run: %d", wc);
        agro_outfile_free(of);
        unlink(path);
        agro_results_free(res);
        return;
    }
    FUZZ_REQUIRE(wc == AGRO_OK, "write_csv_to: %d", wc);
    agro_ctx_clear(ctx);
    FUZZ_REQUIRE(agro_outfile_commit(ctx, of) == AGRO_OK, "commit");
    agro_outfile_free(of);
    agro_run_info ri;
    agro_season_summary s;
    FUZZ_REQUIRE(agro_results_run_info(res, 0, &ri) == AGRO_OK && ri.done && ri.n_days >= 1 &&
                     ri.n_days <= in->max_days, "run 0: done %d, %d days", (int)ri.done, (int)ri.n_days);
    FUZZ_REQUIRE(agro_results_get_summary(res, 0, &s) == AGRO_OK, "summary of run 0");
    FUZZ_REQUIRE(isfinite(s.hwam_kg_ha) && s.hwam_kg_ha >= 0.0, "HWAM %g", s.hwam_kg_ha);
    FILE *fp = fopen(path, "r");
    FUZZ_REQUIRE(fp != NULL, "committed %s not there", path);
    int lines = 0;
    while (lines < 2 && fgets(LINE[lines], sizeof LINE[lines], fp))
        lines++;
    FUZZ_REQUIRE(lines == 2 && fgetc(fp) == EOF, "summary CSV of one run: not a header and one row");
    fclose(fp);
    unlink(path);
    const int nh = csv_cells(LINE[0], 0, cell, sizeof cell);
    FUZZ_REQUIRE(csv_cells(LINE[1], 0, cell, sizeof cell) == nh, "row of %d cells, header of %d",
                 csv_cells(LINE[1], 0, cell, sizeof cell), nh);
    agro_scenario_field_name(sc, ri.field, name, sizeof name);
    FUZZ_REQUIRE(strcmp(cell, name) == 0, "field cell \"%s\", field \"%s\"", cell, name);
    agro_scenario_intervention_name(sc, ri.intervention, name, sizeof name);
    csv_cells(LINE[1], 1, cell, sizeof cell);
    FUZZ_REQUIRE(strcmp(cell, name) == 0, "intervention cell \"%s\", intervention \"%s\"", cell, name);
    for (int k = 0; k < nh; k++) {
        csv_cells(LINE[0], k, cell, sizeof cell);
        if (strcmp(cell, "yield_kg_ha") != 0)
            continue;
        csv_cells(LINE[1], k, cell, sizeof cell);
        const double y = strtod(cell, NULL);
        FUZZ_REQUIRE(fabs(y - s.hwam_kg_ha) <= 5e-6 * s.hwam_kg_ha + 1e-300, "yield cell %s, HWAM %.17g",
                     cell, s.hwam_kg_ha);
    }
    agro_results_free(res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    agro_ctx *ctx = fuzz_ctx();
    agro_scenario *sc = NULL;
    int rc = agro_scenario_load_text(ctx, NAME, text, AGROSIM_SOURCE_DIR "/examples/morogoro",
                                     &sc);
    if (rc) {
        FUZZ_REQUIRE(sc == NULL, "output set on failure");
        /* the scenario or a file it names */
        fuzz_expect_error(ctx, rc, NULL, NULL);
    } else {
        agro_scenario_info in;
        FUZZ_REQUIRE(agro_scenario_get_info(sc, &in) == AGRO_OK, "info");
        FUZZ_REQUIRE(in.n_runs >= 1 && in.max_days >= 1, "%d runs of %d days", (int)in.n_runs,
                     (int)in.max_days);
        agro_run_info ri;
        FUZZ_REQUIRE(agro_scenario_run_info(sc, 0, &ri) == AGRO_OK, "run 0");
        FUZZ_REQUIRE(agro_scenario_run_info(sc, in.n_runs - 1, &ri) == AGRO_OK, "last run");
        agro_soil_profile soil;
        if (agro_scenario_soil(sc, &soil) == AGRO_OK)
            fuzz_check_soil(ctx, &soil);
        run_first_and_write_csv(ctx, sc, &in);
    }
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
    free(text);
    return 0;
}
