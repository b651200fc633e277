/*
 * libFuzzer harness: scenario JSON, agro_scenario_load_text (the text up to its first NUL, as a
 * file read stops there) with the example folder examples/morogoro as base for relative paths,
 * so the weather, soil and cultivar files a scenario names are really loaded. What loads must
 * report at least one run of at least one day, and the run table must be readable. Of the
 * seasons (all of them cost seconds per input) the first run is simulated, and the summary CSV
 * is written through agro_outfile_create + agro_output_write_csv_to + agro_outfile_commit and
 * read back: the header and one row of as many cells, the row naming the run's field and
 * intervention, its yield the summary's to the CSV's 6 significant digits. Then the daily CSV
 * (agro_output_daily_csv_flags + agro_daily_csv_create + agro_output_append_daily_csv +
 * agro_daily_csv_commit; the columns by layer for inputs of odd length), after the other runs
 * too when there are at most FULL_RUNS: a scenario without daily records is refused naming
 * report.daily by the flags and the append and leaves no file; results in part are refused
 * naming the first run not simulated and the committed file holds the header alone; results in
 * full give one row per simulated day of every run, in run order, labelled with the run's field,
 * intervention, member, treatment number and season, its DAS and YEAR the records'.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include "fuzz_common.h"

#define NAME "fuzz-scenario.json"
/* results of more daily records than this are not made (n_runs x max_days records) */
#define MAX_RECORDS 20000
/* every run is simulated, for a daily CSV of the whole results, up to this many (a run costs
   milliseconds) */
#define FULL_RUNS 4

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

/* Column @p name of header line @p head, or -1. */
static int csv_column(const char *head, const char *name)
{
    char cell[64];
    const int n = csv_cells(head, 0, cell, sizeof cell);
    for (int k = 0; k < n; k++) {
        csv_cells(head, k, cell, sizeof cell);
        if (strcmp(cell, name) == 0)
            return k;
    }
    return -1;
}

/* The integer of cell @p k of @p line, which must be one. */
static long csv_int(const char *line, int k, const char *what)
{
    char cell[64], *end;
    csv_cells(line, k, cell, sizeof cell);
    const long v = strtol(cell, &end, 10);
    FUZZ_REQUIRE(cell[0] && !*end, "%s cell \"%s\" is not an integer", what, cell);
    return v;
}

/* The daily CSV of @p res (docs/scenario.md, "Daily CSV") written and read back (the header
   comment's oracle); @p layers adds AGRO_DAILY_CSV_LAYERS. */
static void write_daily_csv(agro_ctx *ctx, const agro_scenario *sc, const agro_results *res,
                            const agro_scenario_info *in, int layers)
{
    char path[128], msg[AGRO_MESSAGE_MAX], want[1024], name[1024];
    snprintf(path, sizeof path, "%s/daily.csv", fuzz_tmpdir());
    int32_t flags = -1, first_missing = -1, n_days0 = 0;
    for (int32_t r = in->n_runs - 1; r >= 0; r--) {
        agro_run_info ri;
        FUZZ_REQUIRE(agro_results_run_info(res, r, &ri) == AGRO_OK, "run info %d", (int)r);
        if (!ri.done)
            first_missing = r;
    }
    const agro_field_daily *days0 = agro_results_daily_view(res, 0, &n_days0);
    agro_ctx_clear(ctx);
    const int fc = agro_output_daily_csv_flags(ctx, sc, &flags);
    agro_daily_csv *w = NULL;
    if (fc) { /* "report": {"daily": false}: both calls refuse, naming the key */
        fuzz_expect_error(ctx, fc, NAME, NULL);
        agro_ctx_message(ctx, msg, sizeof msg);
        FUZZ_REQUIRE(fc == AGRO_ESTATE && strstr(msg, ": report.daily: "), "flags: %d %s", fc, msg);
        FUZZ_REQUIRE(days0 == NULL, "daily records of run 0 where the flags say there are none");
        agro_ctx_clear(ctx);
        FUZZ_REQUIRE(agro_daily_csv_create(ctx, path, 0, &w) == AGRO_OK, "create %s", path);
        agro_ctx_clear(ctx);
        const int ac = agro_output_append_daily_csv(ctx, sc, res, w);
        fuzz_expect_error(ctx, ac, NAME, NULL);
        agro_ctx_message(ctx, msg, sizeof msg);
        FUZZ_REQUIRE(ac == AGRO_ESTATE && strstr(msg, ": report.daily: "), "append: %d %s", ac,
                     msg);
        agro_daily_csv_free(w);
        FUZZ_REQUIRE(access(path, F_OK) != 0, "a refused daily CSV left %s", path);
        if (getenv("FUZZ_SCENARIO_DEBUG"))
            fprintf(stderr, "fuzz_scenario: daily CSV: no daily records\n");
        return;
    }
    FUZZ_REQUIRE((flags & ~(int32_t)AGRO_DAILY_CSV_WEEDS) == 0, "flags 0x%x", (unsigned)flags);
    FUZZ_REQUIRE(first_missing == 0 || days0 != NULL, "run 0 simulated without daily records");
    if (layers)
        flags |= AGRO_DAILY_CSV_LAYERS;
    agro_ctx_clear(ctx);
    FUZZ_REQUIRE(agro_daily_csv_create(ctx, path, flags, &w) == AGRO_OK, "create %s", path);
    agro_ctx_clear(ctx);
    const int ac = agro_output_append_daily_csv(ctx, sc, res, w);
    if (first_missing >= 0) { /* results in part: refused, nothing written */
        fuzz_expect_error(ctx, ac, path, NULL);
        agro_ctx_message(ctx, msg, sizeof msg);
        snprintf(want, sizeof want, "run %d has not been simulated", (int)first_missing);
        FUZZ_REQUIRE(ac == AGRO_ESTATE && strstr(msg, want), "append: %d %s, want %s", ac, msg,
                     want);
    } else {
        agro_ctx_message(ctx, msg, sizeof msg);
        FUZZ_REQUIRE(ac == AGRO_OK, "append of %d runs: %d %s", (int)in->n_runs, ac, msg);
    }
    agro_ctx_clear(ctx);
    FUZZ_REQUIRE(agro_daily_csv_commit(ctx, w) == AGRO_OK, "commit %s", path);
    agro_daily_csv_free(w);

    FILE *fp = fopen(path, "r");
    FUZZ_REQUIRE(fp != NULL, "committed %s not there", path);
    FUZZ_REQUIRE(fgets(LINE[0], sizeof LINE[0], fp) && strchr(LINE[0], '\n'), "no header");
    const int nh = csv_cells(LINE[0], 0, name, sizeof name);
    FUZZ_REQUIRE(strncmp(LINE[0], "RUN,TRNO,SEASON,", 16) == 0, "header %.60s", LINE[0]);
    const int das = csv_column(LINE[0], "DAS"), year = csv_column(LINE[0], "YEAR");
    FUZZ_REQUIRE(das > 2 && year > 2, "header without DAS or YEAR");
    FUZZ_REQUIRE((csv_column(LINE[0], "weeds.LAID") > 0) == !!(flags & AGRO_DAILY_CSV_WEEDS),
                 "weed columns against flags 0x%x", (unsigned)flags);
    FUZZ_REQUIRE((csv_column(LINE[0], "RL1D") > 0) == layers &&
                     (!layers || csv_column(LINE[0], "NH40D") == nh - 1),
                 "layer columns against layers %d (%d columns)", layers, nh);
    int32_t run = 0, day = 0, n_days = 0;
    long rows = 0, total = 0;
    const agro_field_daily *days = NULL;
    for (int32_t r = 0; r < in->n_runs && first_missing < 0; r++) {
        agro_run_info ri;
        agro_results_run_info(res, r, &ri);
        total += ri.n_days;
    }
    while (fgets(LINE[1], sizeof LINE[1], fp)) {
        FUZZ_REQUIRE(strchr(LINE[1], '\n'), "row %ld longer than %zu bytes", rows, sizeof LINE[1]);
        FUZZ_REQUIRE(first_missing < 0, "rows written for results in part (run %d missing)",
                     (int)first_missing);
        while (day == n_days) { /* the next run with days */
            FUZZ_REQUIRE(run < in->n_runs, "row %ld past the last run's days", rows);
            days = agro_results_daily_view(res, run, &n_days);
            FUZZ_REQUIRE(days && n_days >= 1, "run %d: %d daily records", (int)run, (int)n_days);
            day = 0;
            run++;
        }
        agro_run_info ri;
        agro_results_run_info(res, run - 1, &ri);
        FUZZ_REQUIRE(csv_cells(LINE[1], 0, name, sizeof name) == nh, "row %ld: cells against %d",
                     rows, nh);
        char field[AGRO_SCENARIO_NAME_MAX], trt[AGRO_SCENARIO_NAME_MAX * 4];
        agro_scenario_field_name(sc, ri.field, field, sizeof field);
        FUZZ_REQUIRE(agro_scenario_intervention_name(sc, ri.intervention, trt, sizeof trt) ==
                         AGRO_OK, "intervention %d's name", (int)ri.intervention);
        snprintf(want, sizeof want, "%s/%s/%d", field, trt, (int)ri.member);
        FUZZ_REQUIRE(strcmp(name, want) == 0, "row %ld (run %d): RUN %s, want %s", rows,
                     (int)run - 1, name, want);
        /* the design's combination, not the run index: field, intervention, member */
        const long trno = 1 + ((long)ri.field * in->n_interventions + ri.intervention) *
                                  in->n_members + ri.member;
        FUZZ_REQUIRE(csv_int(LINE[1], 1, "TRNO") == trno && csv_int(LINE[1], 2, "SEASON") ==
                         ri.season, "row %ld (run %d): TRNO %ld SEASON %ld, want %ld %d", rows,
                     (int)run - 1, csv_int(LINE[1], 1, "TRNO"), csv_int(LINE[1], 2, "SEASON"),
                     trno, (int)ri.season);
        FUZZ_REQUIRE(csv_int(LINE[1], das, "DAS") == days[day].das &&
                         csv_int(LINE[1], year, "YEAR") == days[day].year,
                     "row %ld (run %d day %d): DAS, YEAR not the records'", rows, (int)run - 1,
                     (int)day);
        day++;
        rows++;
    }
    fclose(fp);
    unlink(path);
    FUZZ_REQUIRE(rows == total && day == n_days, "%ld rows, the runs have %ld days", rows, total);
    if (getenv("FUZZ_SCENARIO_DEBUG"))
        fprintf(stderr, "fuzz_scenario: daily CSV: %s, %ld rows of %d runs, flags 0x%x\n",
                first_missing >= 0 ? "results in part" : "whole", rows, (int)in->n_runs,
                (unsigned)flags);
}

static void run_first_and_write_csv(agro_ctx *ctx, const agro_scenario *sc, const agro_scenario_info *in,
                                    int layers)
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
        write_daily_csv(ctx, sc, res, in, layers);
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
    /* a refused later run leaves results in part, which the daily CSV refuses */
    if (in->n_runs > 1 && in->n_runs <= FULL_RUNS) {
        agro_ctx_clear(ctx);
        rc = agro_scenario_run_range(ctx, sc, res, 1, in->n_runs - 1);
        if (rc)
            fuzz_expect_error(ctx, rc, NULL, NULL);
    }
    write_daily_csv(ctx, sc, res, in, layers);
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
        run_first_and_write_csv(ctx, sc, &in, (int)(size & 1));
    }
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
    free(text);
    return 0;
}
