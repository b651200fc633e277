/* `agrosim run-dssat EXP.MZX --data DIR [--trt N] [--summary S.csv] [--daily D.csv [--layers]]
 * [--evaporation ritchie|mesev] [--n-uptake generic|ceres-maize]
 * [--n-stress stage-transform|dssat-4.8] [--stemp-surface air|albedo]`:
 * run the treatments of a DSSAT experiment and print treatment, cultivar, population, yield and
 * phenology as a table; with --summary and --daily, also write the season summary and every
 * simulated day of every treatment and season (agro_season_csv, agro_daily_csv; --layers adds
 * the soil layers' columns to the daily file); then note on stderr the inputs those treatments
 * read but do not simulate (cli_dssat_notes). An output naming the X file or a file the runs
 * read (weather, soil, genotype, the A and T files: agro_dssat_inputs_add) is a usage error,
 * before any folder or file is made. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

#define USAGE cli_synopsis("run-dssat")

static void print_dap(int32_t v)
{
    if (v >= 0)
        printf(" %12d", (int)v);
    else
        printf(" %12s", "-");
}

int cmd_run_dssat(int argc, char **argv)
{
    const char *xpath = NULL, *data = NULL, *daily_path = NULL, *season_path = NULL;
    long trt = 0;
    const char *data_flag = NULL, *daily_flag = NULL, *season_flag = NULL, *trt_flag = NULL;
    int layers = 0; /* --layers: the daily CSV's columns by soil layer */
    agro_dssat_run_options opt;
    agro_dssat_run_options_default(&opt);
    cli_dssat_methods_seen methods_seen = {0};
    for (int i = 1; i < argc; i++) {
        const int m = cli_dssat_method_option("run-dssat", argc, argv, &i, &opt, &methods_seen);
        if (m < 0)
            return 2;
        if (m > 0)
            continue;
        if (strcmp(argv[i], "--data") == 0 && i + 1 < argc) {
            if (cli_once("run-dssat", argv[i], &data_flag, argv[i + 1]))
                return 2;
            data = argv[++i];
        } else if (strcmp(argv[i], "--daily") == 0 && i + 1 < argc) {
            if (cli_once("run-dssat", argv[i], &daily_flag, argv[i + 1]))
                return 2;
            daily_path = argv[++i];
        } else if (strcmp(argv[i], "--layers") == 0) {
            layers = 1;
        } else if (strcmp(argv[i], "--summary") == 0 && i + 1 < argc) {
            if (cli_once("run-dssat", argv[i], &season_flag, argv[i + 1]))
                return 2;
            season_path = argv[++i];
        } else if (strcmp(argv[i], "--trt") == 0 && i + 1 < argc) {
            if (cli_once("run-dssat", argv[i], &trt_flag, argv[i + 1]))
                return 2;
            char *end;
            errno = 0;
            trt = strtol(argv[++i], &end, 10);
            if (*end || errno || trt < 1 || trt > INT32_MAX)
                return cli_usage("%s: --trt needs a positive treatment number (%s)", USAGE,
                                 argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage("%s: unknown or incomplete option %s", USAGE, argv[i]);
        } else if (!xpath) {
            xpath = argv[i];
        } else {
            return cli_usage("%s: one experiment file only", USAGE);
        }
    }
    if (!xpath || !data)
        return cli_usage("%s", USAGE);
    if (layers && !daily_path)
        return cli_usage("%s: --layers adds columns to the --daily file: give --daily D.csv",
                         USAGE);
    if (daily_path && season_path && cli_same_file(daily_path, season_path))
        return cli_usage("%s: --daily and --summary name the same file \"%s\"", USAGE, daily_path);
    /* nor may one replace the experiment file it was made from */
    if (daily_path && cli_same_file(xpath, daily_path))
        return cli_usage("%s: --daily names the experiment file \"%s\"", USAGE, daily_path);
    if (season_path && cli_same_file(xpath, season_path))
        return cli_usage("%s: --summary names the experiment file \"%s\"", USAGE, season_path);
    /* a name no writer can make, before any folder of either file is made */
    {
        const char *const flags[2] = {"--daily", "--summary"};
        const char *const paths[2] = {daily_path, season_path};
        const int refused = cli_out_names("run-dssat", flags, paths, 2);
        if (refused)
            return refused;
    }

    agro_ctx *ctx = NULL;
    if (agro_ctx_create(&ctx))
        return cli_report(NULL, AGRO_ENOMEM);
    agro_dssat_exp *x = NULL;
    int rc = agro_dssat_exp_load(ctx, xpath, &x);
    if (rc) {
        cli_report(ctx, rc);
        agro_ctx_free(ctx);
        return 1;
    }
    int32_t n = 0;
    agro_dssat_exp_n_treatments(x, &n);
    char code[16], crop[8];
    agro_dssat_exp_code(x, code, sizeof code, crop, sizeof crop);
    if (trt) {
        agro_dssat_treatment *t = malloc(sizeof *t);
        rc = t ? agro_dssat_treatment_get(ctx, x, (int32_t)trt, t) : AGRO_ENOMEM;
        free(t);
        if (rc) {
            cli_report(ctx, rc);
            agro_dssat_exp_free(x);
            agro_ctx_free(ctx);
            return 1;
        }
    }

    /* nor a file the runs read or look for: the weather, soil and genotype files of DIR, the
       A and T files beside the X file (agro_dssat_inputs_add), before any folder is made */
    agro_dssat_inputs *in = NULL;
    /* the list loads the runs' weather files as they do: Ctrl-C stops it at their cancel
       points (a 9000-year .WTH file took 9 s) */
    cli_signals_watch(ctx);
    if (!(rc = agro_dssat_inputs_create(ctx, &in)))
        rc = agro_dssat_inputs_add(ctx, in, x, (int32_t)trt, data);
    cli_signals_watch(NULL); /* before any return frees ctx; watched again for the runs */
    if (rc) {
        cli_report(ctx, rc);
        agro_dssat_inputs_free(in);
        agro_dssat_exp_free(x);
        agro_ctx_free(ctx);
        return 1;
    }
    {
        const char *const flags[2] = {"--summary", "--daily"};
        const char *const paths[2] = {season_path, daily_path};
        const int refused =
            cli_dssat_refuse_inputs("run-dssat", "the experiment's", in, flags, paths, 2);
        agro_dssat_inputs_free(in);
        if (refused) {
            agro_dssat_exp_free(x);
            agro_ctx_free(ctx);
            return refused;
        }
    }

    /* the AGRO_DSSAT_IGNORED_* flags of the treatments that ran, noted after the table */
    agro_dssat_treatment *tr = malloc(sizeof *tr);
    int32_t *note_number = malloc(sizeof(int32_t) * (size_t)(n > 0 ? n : 1));
    int32_t *note_flags = malloc(sizeof(int32_t) * (size_t)(n > 0 ? n : 1));
    /* --daily: one buffer for the longest season DSSAT's runs need (a start months before
       planting plus the crop), reused by every treatment and season */
    enum { MAX_DAILY = 3000 };
    agro_field_daily *days = daily_path ? malloc(sizeof *days * MAX_DAILY) : NULL;
    if (!tr || !note_number || !note_flags || (daily_path && !days)) {
        free(tr);
        free(note_number);
        free(note_flags);
        free(days);
        agro_dssat_exp_free(x);
        agro_ctx_free(ctx);
        return cli_report(NULL, AGRO_ENOMEM);
    }
    agro_daily_csv *dcsv = NULL;
    agro_season_csv *scsv = NULL;
    /* the output folders are made, as `run` makes them; cli_make_parent says why it cannot */
    const int made = (!daily_path || !cli_make_parent(daily_path)) &&
                     (!season_path || !cli_make_parent(season_path));
    if (!made || (daily_path && (rc = agro_daily_csv_create(ctx, daily_path,
                                                          layers ? AGRO_DAILY_CSV_LAYERS : 0,
                                                          &dcsv))) ||
        (season_path && (rc = agro_season_csv_create(ctx, season_path, &scsv)))) {
        if (made)
            cli_report(ctx, rc);
        agro_daily_csv_free(dcsv);
        free(tr);
        free(note_number);
        free(note_flags);
        free(days);
        agro_dssat_exp_free(x);
        agro_ctx_free(ctx);
        return 1;
    }
    int csv_failed = 0; /* a results file could not be written: reported once */
    int n_notes = 0;

    printf("experiment %s (%s)\n", code, xpath);
    printf("%4s %-8s %-24s %10s %12s %12s %12s\n", "TRT", "CULTIVAR", "NAME", "POP_pl_m2",
           "YIELD_kg_ha", "ANTHESIS_DAP", "MATURITY_DAP");
    int ran = 0, failed = 0;
    char first_err[AGRO_MESSAGE_MAX]; /* the first failure, reported once at the end */
    first_err[0] = '\0';
    /* Ctrl-C cancels the treatments (signals.c): the loops stop, the CSV files are dropped */
    cli_signals_watch(ctx);
    int cancelled = 0;
    for (int32_t k = 0; k < n && !cancelled; k++) {
        int32_t number;
        agro_dssat_exp_treatment_number(x, k, &number);
        if (trt && number != trt)
            continue;
        char cul[16], tcrop[8], name[64];
        agro_dssat_treatment_text(x, number, AGRO_DSSAT_TEXT_CULTIVAR_ID, cul, sizeof cul);
        agro_dssat_treatment_text(x, number, AGRO_DSSAT_TEXT_CROP, tcrop, sizeof tcrop);
        agro_dssat_treatment_text(x, number, AGRO_DSSAT_TEXT_NAME, name, sizeof name);
        if (!trt && strcmp(tcrop, "MZ") != 0) {
            /* fallow or another crop in a maize experiment: not simulated, not an error */
            printf("%4d %-8s %-24.24s   (crop %s not simulated)\n", (int)number, cul, name,
                   tcrop[0] ? tcrop : "none");
            continue;
        }
        /* a multi-year run (NYERS > 1): one row per season, each named by its year */
        int32_t n_seasons = 1;
        if (agro_dssat_treatment_get(ctx, x, number, tr) == AGRO_OK && tr->n_years > 1)
            n_seasons = tr->n_years;
        int ok = 0;
        for (int32_t season = 0; season < n_seasons; season++) {
            agro_dssat_result r;
            agro_ctx_clear(ctx);
            opt.season = season;
            int32_t n_days = 0;
            rc = agro_dssat_run_treatment_opts(ctx, x, number, data, &opt, &r, days,
                                               days ? MAX_DAILY : 0, days ? &n_days : NULL);
            if (rc == AGRO_ECANCELED) {
                cancelled = 1;
                break;
            }
            if (!rc && !csv_failed &&
                ((dcsv && agro_daily_csv_append(ctx, dcsv, code, number, season, days, n_days)) ||
                 (scsv && agro_season_csv_append(ctx, scsv, code, number, season, &r.summary)))) {
                cli_report(ctx, AGRO_EIO); /* the writer's message names the file */
                csv_failed = 1;
            }
            if (rc) {
                if (!failed) {
                    agro_ctx_message(ctx, first_err, sizeof first_err);
                    if (!first_err[0])
                        snprintf(first_err, sizeof first_err, "%s", agro_strerror(rc));
                }
                failed++;
                continue;
            }
            ran++;
            ok = 1;
            char label[64];
            if (n_seasons > 1)
                snprintf(label, sizeof label, "season %d (%d)", (int)season + 1,
                         (int)(tr->start_date ? tr->start_date / 1000 + season
                                              : r.summary.sowing_year));
            printf("%4d %-8s %-24.24s %10.2f %12.0f", (int)number, cul,
                   n_seasons > 1 ? label : name, r.population_pl_m2, r.yield_kg_ha);
            print_dap(r.anthesis_dap);
            print_dap(r.maturity_dap);
            printf("\n");
            if (tr->plant_mode == 'A' || tr->plant_mode == 'F') {
                if (r.summary.crop_failed == AGRO_CROP_NOT_SOWN)
                    printf("%4s automatic planting (PLANT %c): not planted, the window "
                           "closed on %d\n", "", (char)tr->plant_mode,
                           (int)(tr->plant_last + 1000 * season));
                else
                    printf("%4s automatic planting (PLANT %c): planted %04d-%03d\n", "",
                           (char)tr->plant_mode, (int)r.summary.sowing_year,
                           (int)r.summary.sowing_doy);
            }
        }
        opt.season = 0;
        if (ok) { /* the treatment ran, so it resolved */
            note_number[n_notes] = number;
            note_flags[n_notes++] = cli_dssat_shown_flags(tr, &opt);
        }
    }
    /* the table first, then the notes, on a terminal that shows both */
    const int stdout_failed = cli_flush_stdout();
    cli_dssat_notes(code, note_number, note_flags, n_notes);
    /* nothing ran: no files; interrupted: none renamed into place, the old files stay */
    if (!csv_failed && ran > 0 && !cancelled && !cli_interrupted()) {
        agro_ctx_clear(ctx);
        if ((dcsv && (rc = agro_daily_csv_commit(ctx, dcsv))) ||
            (scsv && (rc = agro_season_csv_commit(ctx, scsv)))) {
            cli_report(ctx, rc);
            csv_failed = 1;
        }
    }
    agro_daily_csv_free(dcsv);
    agro_season_csv_free(scsv);
    free(days);
    free(tr);
    free(note_number);
    free(note_flags);
    cli_signals_watch(NULL);
    /* one stderr line: the first failure, with the count when several treatments failed;
       none when interrupted, the signal being the reason (signals.c) */
    if (!cli_interrupted()) {
        if (failed == 1)
            fprintf(stderr, "agrosim: %s\n", first_err);
        else if (failed > 1)
            fprintf(stderr, "agrosim: %s (%d of %d simulated treatments failed)\n", first_err,
                    failed, failed + ran);
        if (ran == 0 && failed == 0)
            fprintf(stderr, "agrosim: %s: no maize treatment to simulate\n", xpath);
    }
    agro_dssat_exp_free(x);
    agro_ctx_free(ctx);
    /* exit 1 when a requested treatment failed, nothing could be run or a results file could
       not be written */
    return (failed > 0 || ran == 0 || csv_failed || stdout_failed) ? 1 : 0;
}
