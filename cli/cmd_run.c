/* agrosim run SCENARIO.json -o RESULTS.h5 [--summary SUMMARY.csv] [--daily DAILY.csv [--layers]]
 * [--quiet] */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "agrosim/output.h"
#include "agrosim/scenario.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The summary and daily CSV files, then the results file: the CSV files are written under
 * temporary names and renamed into place only after the results file, so that a failure of any
 * before then leaves every old file (a summary on a full disk used to fail after the results
 * file had been replaced): both CSV writers flush their rows before the HDF5 file is written,
 * so their commits only sync and rename. A CSV file that is a device or a FIFO is written in
 * place, still first. @p daily_flags: agro_daily_csv_create's. 0, or 1 after one stderr line. */
static int write_outputs(agro_ctx *ctx, const agro_scenario *sc, const agro_results *res,
                         const char *out, const char *summary, const char *daily,
                         int32_t daily_flags)
{
    cli_out so;
    agro_daily_csv *dc = NULL;
    int rc;
    if (summary && !cli_out_open(&so, summary, "summary CSV"))
        return 1;
    /* the folder was made by cli_out_check before the runs */
    if ((daily && ((rc = agro_daily_csv_create(ctx, daily, daily_flags, &dc)) ||
                   (rc = agro_output_append_daily_csv(ctx, sc, res, dc)))) ||
        (summary && (rc = agro_output_write_csv_to(ctx, sc, res, so.of))) ||
        (rc = agro_output_write_hdf5(ctx, sc, res, out)) ||
        (dc && (rc = agro_daily_csv_commit(ctx, dc)))) {
        agro_daily_csv_free(dc);
        if (summary)
            cli_out_close(&so, 0);
        return cli_report(ctx, rc);
    }
    agro_daily_csv_free(dc);
    return summary ? cli_out_close(&so, 1) : 0;
}

/* a ratio of the table: two decimals, "inf" (grain where the baseline has none), or "-"
   (undefined) */
static void put_ratio(char *buf, size_t n, double r)
{
    if (isfinite(r))
        snprintf(buf, n, "%.2f", r);
    else
        snprintf(buf, n, "%s", r > 0 ? "inf" : "-");
}

static void progress(int32_t done, int32_t total, double elapsed)
{
    const int width = 30;
    int fill = total > 0 ? (int)((double)width * done / total) : width;
    fprintf(stderr, "\r[");
    for (int i = 0; i < width; i++)
        fputc(i < fill ? '#' : ' ', stderr);
    fprintf(stderr, "] %d/%d runs  %.1f s", (int)done, (int)total, elapsed);
    fflush(stderr);
}

static void print_table(const agro_scenario *sc, const agro_results *res)
{
    agro_scenario_info info;
    agro_scenario_get_info(sc, &info);
    char name[AGRO_SCENARIO_NAME_MAX], base[256];
    agro_scenario_name(sc, name, sizeof name);
    agro_scenario_intervention_name(sc, info.baseline, base, sizeof base);
    const char *unit = fabs(info.area_ha - 1.0) < 1e-12 ? "ha" : "acre";
    printf("scenario %s: %d season(s) x %d weather member(s); grain yield, dry matter\n", name,
           (int)info.n_seasons, (int)info.n_members);
    if (info.grain_moisture_pct > 0.0)
        printf("bags of %g kg of grain at %g %% moisture per %s", info.bag_kg,
               info.grain_moisture_pct, unit);
    else
        printf("bags of %g kg of dry grain per %s", info.bag_kg, unit);
    printf("; ratio = median / median of \"%s\"; paired = median over seasons of the "
           "per-season ratio\n",
           base);
    for (int32_t f = 0; f < info.n_fields; f++) {
        char fname[AGRO_SCENARIO_NAME_MAX];
        agro_scenario_field_name(sc, f, fname, sizeof fname);
        printf("\nfield %s\n", fname);
        printf("%-24s %8s %15s %10s %15s %7s %7s\n", "intervention", "t/ha", "10-90% t/ha",
               unit[0] == 'a' ? "bags/acre" : "bags/ha", "10-90% bags", "ratio", "paired");
        for (int32_t i = 0; i < info.n_interventions; i++) {
            char iname[256];
            agro_yield_stats st;
            agro_scenario_intervention_name(sc, i, iname, sizeof iname);
            if (agro_results_yield_stats(res, f, i, &st))
                continue;
            char r1[16], r2[16], a[32], b[32];
            put_ratio(r1, sizeof r1, st.ratio_median);
            put_ratio(r2, sizeof r2, st.ratio_paired_median);
            snprintf(a, sizeof a, "%.2f-%.2f", st.p10_kg_ha / 1000.0, st.p90_kg_ha / 1000.0);
            snprintf(b, sizeof b, "%.1f-%.1f", st.p10_bags, st.p90_bags);
            printf("%-24s %8.2f %15s %10.1f %15s %7s %7s\n", iname, st.median_kg_ha / 1000.0, a,
                   st.median_bags, b, r1, r2);
            if (st.n_not_sown > 0)
                printf("%-24s   %d of %d runs not sown (the sowing window closed first), "
                       "counted as 0\n",
                       "", (int)st.n_not_sown, (int)st.n);
        }
    }
}

int cmd_run(int argc, char **argv)
{
    const char *scenario = NULL, *out = NULL, *summary = NULL, *daily = NULL;
    const char *out_flag = NULL, *summary_flag = NULL, *daily_flag = NULL; /* cli_once */
    int quiet = 0, layers = 0; /* --layers: the daily CSV's columns by soil layer */
    for (int i = 1; i < argc; i++) {
        if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) && i + 1 < argc) {
            if (cli_once("run", argv[i], &out_flag, argv[i + 1]))
                return 2;
            out = argv[++i];
        } else if (strcmp(argv[i], "--summary") == 0 && i + 1 < argc) {
            if (cli_once("run", argv[i], &summary_flag, argv[i + 1]))
                return 2;
            summary = argv[++i];
        } else if (strcmp(argv[i], "--daily") == 0 && i + 1 < argc) {
            if (cli_once("run", argv[i], &daily_flag, argv[i + 1]))
                return 2;
            daily = argv[++i];
        } else if (strcmp(argv[i], "--layers") == 0) {
            layers = 1;
        } else if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0) {
            quiet = 1;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return cli_usage("run: unknown or incomplete option \"%s\" (%s)", argv[i],
                             cli_synopsis("run"));
        } else if (!scenario) {
            scenario = argv[i];
        } else {
            return cli_usage("run: one scenario file only (\"%s\" is extra)", argv[i]);
        }
    }
    if (!scenario || !out)
        return cli_usage("%s", cli_synopsis("run"));
    if (layers && !daily)
        return cli_usage("run: --layers adds columns to the --daily file: give --daily D.csv");
    /* the CSV files are renamed into place after the HDF5 file and would replace it, or each
       other */
    if (summary && cli_same_file(out, summary))
        return cli_usage("run: -o and --summary name the same file \"%s\"", summary);
    if (daily && cli_same_file(out, daily))
        return cli_usage("run: -o and --daily name the same file \"%s\"", daily);
    if (daily && summary && cli_same_file(daily, summary))
        return cli_usage("run: --daily and --summary name the same file \"%s\"", daily);
    /* nor may one replace the scenario it was made from (a slip of tab completion,
       --summary s.json, lost the scenario to the CSV) */
    const char *const outs[3][2] = {{"-o", out}, {"--summary", summary}, {"--daily", daily}};
    for (int k = 0; k < 3; k++)
        if (outs[k][1] && cli_same_file(scenario, outs[k][1]))
            return cli_usage("run: %s names the scenario file \"%s\"", outs[k][0], outs[k][1]);

    /* a name no writer can make (too long, or too long for its temporary name): a usage error
       before any work, and before the folders of another output are made */
    {
        const char *const flags[3] = {outs[0][0], outs[1][0], outs[2][0]};
        const char *const paths[3] = {outs[0][1], outs[1][1], outs[2][1]};
        const int refused = cli_out_names("run", flags, paths, 3);
        if (refused)
            return refused;
    }

    agro_ctx *ctx = NULL;
    if (agro_ctx_create(&ctx))
        return cli_report(NULL, AGRO_ENOMEM);
    /* Ctrl-C cancels the runs and the writers (signals.c): no file is replaced */
    cli_signals_watch(ctx);
    agro_scenario *sc = NULL;
    agro_results *res = NULL;
    int status = 1, rc;
    int32_t daily_flags = 0;
    double t0 = now_s();
    /* a scenario without daily records is refused before its runs, naming report.daily */
    if ((rc = agro_scenario_load(ctx, scenario, &sc)) ||
        (daily && (rc = agro_output_daily_csv_flags(ctx, sc, &daily_flags))) ||
        (rc = agro_results_create(ctx, sc, &res))) {
        cli_report(ctx, rc);
        goto done;
    }
    if (layers)
        daily_flags |= AGRO_DAILY_CSV_LAYERS;
    /* nor a file the scenario loaded (its weather, site, soil, cultivar or weed parameter
       file): `-o soil.json` or `--summary weather.csv` lost that input to the results (exit
       0); the library's writers refuse it too, but only after the runs. The scenario file
       itself, input 0, was refused above by the same test (agro_output_same_file). */
    for (int k = 0; k < 3; k++) {
        int32_t at = -1;
        char in[4096], key[256];
        if (outs[k][1] && agro_scenario_find_input(sc, outs[k][1], &at) == AGRO_OK && at >= 0 &&
            agro_scenario_input(sc, at, in, sizeof in, key, sizeof key) == AGRO_OK) {
            status = cli_usage("run: %s names the scenario's input %s (\"%s\")", outs[k][0], key,
                               in);
            goto done;
        }
    }
    /* an unwritable target (a read-only folder, a folder as the file) is found now, not after
       every run has been simulated; missing folders are made */
    if (cli_out_check(out, "results file") || (summary && cli_out_check(summary, "summary CSV")) ||
        (daily && cli_out_check(daily, "daily CSV")))
        goto done;
    agro_scenario_info info;
    agro_scenario_get_info(sc, &info);
    /* the bar appears only for runs longer than a second, and only on a terminal */
    int tty = !quiet && isatty(STDERR_FILENO);
    int shown = 0;
    int32_t step = info.n_runs / 100 > 0 ? info.n_runs / 100 : 1;
    for (int32_t r = 0; r < info.n_runs; r += step) {
        int32_t n = r + step <= info.n_runs ? step : info.n_runs - r;
        if ((rc = agro_scenario_run_range(ctx, sc, res, r, n))) {
            if (shown)
                fputc('\n', stderr);
            cli_report(ctx, rc);
            goto done;
        }
        double el = now_s() - t0;
        if (tty && (shown || el > 1.0)) {
            progress(r + n, info.n_runs, el);
            shown = 1;
        }
    }
    if (shown)
        fputc('\n', stderr);
    if (write_outputs(ctx, sc, res, out, summary, daily, daily_flags))
        goto done;
    print_table(sc, res);
    if (!quiet)
        fprintf(stderr, "agrosim: %d runs in %.2f s; wrote %s%s%s%s%s\n", (int)info.n_runs,
                now_s() - t0, out, summary ? " and " : "", summary ? summary : "",
                daily ? " and " : "", daily ? daily : "");
    status = 0;
done:
    agro_results_free(res);
    agro_scenario_free(sc);
    cli_signals_watch(NULL);
    agro_ctx_free(ctx);
    return status;
}
