/*
 * `agrosim validate --data DIR --crop maize --csv OUT.csv`: run every treatment of every
 * experiment in DIR/Maize, write simulated and observed values to a CSV, and print RMSE,
 * nRMSE, bias and Willmott's d for yield, anthesis and maturity over the treatments that have
 * observations (the calibration set), beside DSSAT's own figures on the same set.
 *
 * A treatment that fails is reported on one stderr line and keeps its CSV row with empty
 * simulated values; the run goes on. After the statistics, the inputs that the simulated
 * treatments read but do not simulate are noted on stderr, per experiment (cli_dssat_notes).
 * `--evaporation mesev` follows the X file's MESEV (S: Suleiman–Ritchie) and `--n-uptake
 * ceres-maize` uses MZ_NUPTAK and `--n-stress dssat-4.8` MZ_NFACTO's untransformed N factor,
 * the DSSAT 4.8 methods that are options here (docs/model.md §9.1); `--stemp-surface albedo`
 * gives STEMP the surface term of DSSAT up to 4.8.0. Exit
 * status: 0 when at least one treatment ran, 1 when nothing ran (or the CSV cannot be written),
 * 2 on a usage error, also an output that names a file the runs read or look for (an X, A or T
 * file of DIR/Maize, or a weather, soil or genotype file they name: agro_dssat_inputs_add),
 * refused before any folder or file is made.
 */
#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands.h"

#define USAGE cli_synopsis("validate")
#define MAX_FILES 256
#define MAX_OBS 200
#define MAX_ROWS 4096
#define MAX_OBS_DAYS 4000 /* in-season observation rows of one T file */
#define MAX_DAYS 1500     /* simulated days of one treatment */
#define MAX_TS 40000      /* in-season pairs per variable */

/* yield, anthesis, maturity (the CSV), then the yield components HWUM, H#AM, CWAM,
 * LAIX (optional components CSV) */
enum { NV = 7, NV_MAIN = 3 };
typedef struct row {
    char exp[16];
    int file; /* index of the X file, so that two files with one code are noted apart */
    int trt;
    int32_t ignored; /* its notes, cli_dssat_shown_flags, if it ran (0 if it failed) */
    double pop;
    double sim[NV], obs[NV];
} row;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Experiment files with extension @p ext (case-insensitive) in @p dir, sorted by name. */
static int list_files(const char *dir, const char *ext, char **names, int max)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    size_t el = strlen(ext);
    struct dirent *de;
    while ((de = readdir(d)) != NULL && n < max) {
        size_t len = strlen(de->d_name);
        if (len <= el || strcasecmp(de->d_name + len - el, ext) != 0)
            continue;
        names[n] = malloc(len + 1);
        if (!names[n])
            break;
        memcpy(names[n], de->d_name, len + 1);
        n++;
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], cmp_str);
    return n;
}

/* @p xpath with its extension replaced by @p ext (".MZA"), or by the lower-case @p ext when
 * only that exists; 0 when one of them exists, -1 otherwise. */
static int sibling_file(const char *xpath, const char *ext, char *out, size_t n)
{
    size_t el = strlen(ext), xl = strlen(xpath);
    if (xl < el || xl >= n)
        return -1;
    memcpy(out, xpath, xl + 1);
    memcpy(out + xl - el, ext, el);
    for (int pass = 0; pass < 2; pass++) {
        FILE *f = fopen(out, "r");
        if (f) {
            fclose(f);
            return 0;
        }
        for (size_t k = xl - el + 1; k < xl; k++) /* then .mza */
            out[k] = (char)tolower((unsigned char)out[k]);
    }
    return -1;
}

static void csv_num(FILE *f, double v, const char *fmt)
{
    if (isfinite(v))
        fprintf(f, fmt, v);
}

/* In-season (T file) pairs per variable: tops CWAD, LAI LAID, grain GWAD, tops N CNAD. */
enum { NTS = 4 };
static const char *const TS_NAME[NTS] = {"CWAD", "LAID", "GWAD", "CNAD"};
typedef struct ts_pairs {
    int n[NTS];
    double *obs[NTS], *sim[NTS]; /* MAX_TS each */
} ts_pairs;

/* Pair each in-season observation of treatment @p number with the simulated day of the same
 * date after planting (dates the run did not reach, or before planting, are left out); each
 * pair is also written to @p tsf when not NULL. */
static void add_series(const agro_dssat_observed_day *od, int32_t nday, int32_t number,
                       const agro_field_daily *daily, int32_t ndaily, const char *code,
                       ts_pairs *ts, FILE *tsf)
{
    for (int32_t j = 0; j < nday; j++) {
        if (od[j].treatment != number)
            continue;
        const agro_field_daily *d = NULL;
        for (int32_t i = 0; i < ndaily && !d; i++)
            if (daily[i].year * 1000 + daily[i].doy == od[j].date && daily[i].dap >= 1)
                d = &daily[i];
        if (!d)
            continue;
        const double ob[NTS] = {od[j].tops_kg_ha, od[j].lai, od[j].grain_kg_ha,
                                od[j].tops_n_kg_ha};
        const double sm[NTS] = {d->biomass_kg_ha, d->lai_crop, d->grain_kg_ha,
                                d->crop_tops_n_kg_ha};
        for (int v = 0; v < NTS; v++) {
            if (!isfinite(ob[v]) || ts->n[v] >= MAX_TS)
                continue;
            ts->obs[v][ts->n[v]] = ob[v];
            ts->sim[v][ts->n[v]] = sm[v];
            ts->n[v]++;
            if (tsf)
                fprintf(tsf, "%s,%d,%d,%d,%s,%.6g,%.6g\n", code, (int)number, (int)od[j].date,
                        (int)d->dap, TS_NAME[v], sm[v], ob[v]);
        }
    }
}

static void print_stats(const char *label, const double *obs, const double *sim, int n,
                        const char *crop, int32_t var, int decimals)
{
    agro_fit_stats s, ref;
    agro_fit_stats_compute(NULL, obs, sim, (size_t)n, &s); /* cannot fail: local arrays */
    int have_ref = agro_dssat_reference_stats(crop, var, &ref) == AGRO_OK;
    printf("%-24s %4d %9.*f %8.*f %6.1f%% %+8.*f %6.3f", label, (int)s.n, decimals, s.obs_mean,
           decimals, s.rmse, 100.0 * s.nrmse, decimals, s.bias, s.willmott_d);
    /* DSSAT's figures belong to the README's calibration set: printed beside ours only when the
       observations here are that set (same pairs, same observed mean to the reference's
       rounding, half a unit of its last printed digit); the set is whatever experiments of DIR
       have an A file, so an added one changes it */
    const double half_digit = 0.5 * pow(10.0, -decimals) * (1.0 + 1e-9);
    const int same_set = have_ref && s.n == ref.n && fabs(s.obs_mean - ref.obs_mean) <= half_digit;
    if (same_set)
        printf("   | %4d %9.*f %8.*f %6.1f%% %+8.*f %6.3f", (int)ref.n, decimals, ref.obs_mean,
               decimals, ref.rmse, 100.0 * ref.nrmse, decimals, ref.bias, ref.willmott_d);
    else if (have_ref)
        printf("   | another set: DSSAT's figures are for n %d, observed mean %.*f", (int)ref.n, decimals,
               ref.obs_mean);
    printf("\n");
}

/* Per-treatment simulated and observed yield components (empty cells where missing). */
static int write_components(const char *path, const row *rows, int nrows)
{
    static const char *const names[NV - NV_MAIN] = {"kernel_weight_g", "kernels_m2",
                                                    "tops_kg_ha", "lai_max"};
    static const char *const fmts[NV - NV_MAIN] = {"%.3f", "%.0f", "%.0f", "%.2f"};
    cli_out co;
    FILE *f = cli_out_open(&co, path, "components CSV file");
    if (!f)
        return 1;
    fprintf(f, "experiment,treatment,population_pl_m2");
    for (int v = 0; v < NV - NV_MAIN; v++)
        fprintf(f, ",sim_%s,obs_%s", names[v], names[v]);
    fputc('\n', f);
    for (int i = 0; i < nrows; i++) {
        fprintf(f, "%s,%d,", rows[i].exp, rows[i].trt);
        csv_num(f, rows[i].pop, "%.2f");
        for (int v = NV_MAIN; v < NV; v++) {
            fputc(',', f);
            csv_num(f, rows[i].sim[v], fmts[v - NV_MAIN]);
            fputc(',', f);
            csv_num(f, rows[i].obs[v], fmts[v - NV_MAIN]);
        }
        fputc('\n', f);
    }
    return cli_out_close(&co, 1);
}

/* The stderr notes of every experiment file (its rows are consecutive): inputs
 * that its simulated treatments read but do not simulate. */
static void print_notes(const row *rows, int nrows)
{
    int32_t number[MAX_ROWS], flags[MAX_ROWS];
    for (int i = 0; i < nrows;) {
        int n = 0, j = i;
        for (; j < nrows && rows[j].file == rows[i].file; j++, n++) {
            number[n] = rows[j].trt;
            flags[n] = rows[j].ignored;
        }
        cli_dssat_notes(rows[i].exp, number, flags, n);
        i = j;
    }
}

static void free_files(char **files, int nf)
{
    for (int i = 0; i < nf; i++)
        free(files[i]);
}

/* The run's work buffers (each NULL or allocated) and its context, on every way out. */
static void free_work(agro_ctx *ctx, row *rows, agro_dssat_observed *obs,
                      agro_dssat_observed_day *obs_day, agro_field_daily *daily, double *ts_buf,
                      agro_dssat_treatment *trt)
{
    free(rows);
    free(obs);
    free(obs_day);
    free(daily);
    free(ts_buf);
    free(trt);
    cli_signals_watch(NULL);
    agro_ctx_free(ctx);
}

int cmd_validate(int argc, char **argv)
{
    const char *data = NULL, *crop_name = NULL, *csv = NULL, *comp_csv = NULL, *ts_csv = NULL;
    const char *data_flag = NULL, *crop_flag = NULL, *csv_flag = NULL, *comp_flag = NULL,
               *ts_flag = NULL; /* cli_once */
    agro_dssat_run_options opt;
    agro_dssat_run_options_default(&opt);
    cli_dssat_methods_seen methods_seen = {0};
    for (int i = 1; i < argc; i++) {
        const int m = cli_dssat_method_option("validate", argc, argv, &i, &opt, &methods_seen);
        if (m < 0)
            return 2;
        if (m > 0)
            continue;
        if (strcmp(argv[i], "--data") == 0 && i + 1 < argc) {
            if (cli_once("validate", argv[i], &data_flag, argv[i + 1]))
                return 2;
            data = argv[++i];
        } else if (strcmp(argv[i], "--crop") == 0 && i + 1 < argc) {
            if (cli_once("validate", argv[i], &crop_flag, argv[i + 1]))
                return 2;
            crop_name = argv[++i];
        } else if (strcmp(argv[i], "--csv") == 0 && i + 1 < argc) {
            if (cli_once("validate", argv[i], &csv_flag, argv[i + 1]))
                return 2;
            csv = argv[++i];
        } else if (strcmp(argv[i], "--components") == 0 && i + 1 < argc) {
            if (cli_once("validate", argv[i], &comp_flag, argv[i + 1]))
                return 2;
            comp_csv = argv[++i];
        } else if (strcmp(argv[i], "--timeseries") == 0 && i + 1 < argc) {
            if (cli_once("validate", argv[i], &ts_flag, argv[i + 1]))
                return 2;
            ts_csv = argv[++i];
        } else {
            return cli_usage("%s: unknown or incomplete argument %s", USAGE, argv[i]);
        }
    }
    if (!data || !crop_name || !csv)
        return cli_usage("%s", USAGE);
    /* of two names for one file the second file written would replace the first */
    const char *const outs[3] = {csv, comp_csv, ts_csv};
    static const char *const flags[3] = {"--csv", "--components", "--timeseries"};
    for (int a = 0; a < 3; a++)
        for (int b = a + 1; b < 3; b++)
            if (outs[a] && outs[b] && cli_same_file(outs[a], outs[b]))
                return cli_usage("validate: %s and %s name the same file \"%s\"", flags[a],
                                 flags[b], outs[b]);
    /* a name no writer can make, before any folder of the three files is made */
    const int bad_name = cli_out_names("validate", flags, outs, 3);
    if (bad_name)
        return bad_name;
    if (strcmp(crop_name, "maize") != 0) /* an option value: a usage error, as the others */
        return cli_usage("--crop %s: only maize is simulated (CERES-Maize)", crop_name);
    const char *folder = "Maize", *xext = ".MZX", *aext = ".MZA", *text_ext = ".MZT", *crop = "MZ";

    char dir[4096];
    snprintf(dir, sizeof dir, "%s/%s", data, folder);
    char *files[MAX_FILES];
    int nf = list_files(dir, xext, files, MAX_FILES);
    if (nf < 0) {
        fprintf(stderr, "agrosim: %s: cannot open the experiment folder\n", dir);
        return 1;
    }
    if (nf == 0) {
        fprintf(stderr, "agrosim: %s: no %s experiment file\n", dir, xext);
        return 1;
    }

    /* no output may replace or create a file the runs read or look for: every X file of the
       folder, the A and T files beside them, and the weather, soil and genotype files of DIR
       that their treatments name (agro_dssat_inputs_add); checked before any folder is made */
    {
        agro_ctx *cctx = NULL;
        agro_dssat_inputs *in = NULL;
        int rc = agro_ctx_create(&cctx) ? AGRO_ENOMEM : agro_dssat_inputs_create(cctx, &in);
        /* the lists load the runs' weather files as they do: Ctrl-C stops them at their
           cancel points */
        cli_signals_watch(cctx);
        for (int fi = 0; fi < nf && !rc; fi++) {
            char xpath[4352], sib[4352];
            snprintf(xpath, sizeof xpath, "%s/%s", dir, files[fi]);
            rc = agro_dssat_inputs_add_file(cctx, in, xpath, AGRO_DSSAT_INPUT_EXPERIMENT);
            if (!rc && sibling_file(xpath, text_ext, sib, sizeof sib) == 0)
                rc = agro_dssat_inputs_add_file(cctx, in, sib, AGRO_DSSAT_INPUT_TIMESERIES);
            if (!rc && sibling_file(xpath, aext, sib, sizeof sib) == 0)
                rc = agro_dssat_inputs_add_file(cctx, in, sib, AGRO_DSSAT_INPUT_OBSERVED);
            agro_dssat_exp *x = NULL;
            if (!rc && agro_dssat_exp_load(cctx, xpath, &x) == AGRO_OK) /* else reported below */
                rc = agro_dssat_inputs_add(cctx, in, x, 0, data);
            agro_dssat_exp_free(x);
            if (cctx && !rc)
                agro_ctx_clear(cctx);
        }
        const int refused =
            rc ? cli_report(cctx, rc)
               : cli_dssat_refuse_inputs("validate", "a DSSAT input, the", in, flags, outs, 3);
        cli_signals_watch(NULL);
        agro_dssat_inputs_free(in);
        agro_ctx_free(cctx);
        if (refused) {
            free_files(files, nf);
            return rc ? 1 : 2;
        }
    }

    /* every CSV file through cli_out: renamed into place when complete (outfile.c) */
    cli_out csv_out, ts_out;
    FILE *out = cli_out_open(&csv_out, csv, "CSV file");
    if (!out) {
        free_files(files, nf);
        return 1;
    }
    fprintf(out, "experiment,treatment,cultivar,population_pl_m2,sim_yield_kg_ha,"
                 "sim_anthesis_dap,sim_maturity_dap,obs_yield_kg_ha,obs_anthesis_dap,"
                 "obs_maturity_dap\n");

    agro_ctx *ctx = NULL;
    if (agro_ctx_create(&ctx)) {
        cli_out_close(&csv_out, 0);
        free_files(files, nf);
        return cli_report(NULL, AGRO_ENOMEM);
    }
    row *rows = calloc(MAX_ROWS, sizeof *rows);
    agro_dssat_observed *obs = calloc(MAX_OBS, sizeof *obs);
    agro_dssat_observed_day *obs_day = calloc(MAX_OBS_DAYS, sizeof *obs_day);
    agro_field_daily *daily = calloc(MAX_DAYS, sizeof *daily);
    double *ts_buf = calloc((size_t)MAX_TS * 2 * NTS, sizeof *ts_buf);
    agro_dssat_treatment *trt = malloc(sizeof *trt);
    FILE *tsf = ts_csv ? cli_out_open(&ts_out, ts_csv, "time-series CSV file") : NULL;
    ts_pairs ts = {{0}, {NULL}, {NULL}};
    if (!rows || !obs || !obs_day || !daily || !ts_buf || !trt || (ts_csv && !tsf)) {
        cli_out_close(&csv_out, 0);
        if (tsf)
            cli_out_close(&ts_out, 0);
        free_work(ctx, rows, obs, obs_day, daily, ts_buf, trt);
        free_files(files, nf);
        return (ts_csv && !tsf) ? 1 : cli_report(NULL, AGRO_ENOMEM);
    }
    for (int v = 0; v < NTS; v++) {
        ts.obs[v] = ts_buf + (size_t)(2 * v) * MAX_TS;
        ts.sim[v] = ts_buf + (size_t)(2 * v + 1) * MAX_TS;
    }
    if (tsf)
        fprintf(tsf, "experiment,treatment,date,dap,variable,sim,obs\n");
    int nrows = 0, ran = 0, failed = 0, skipped = 0, n_exp_obs = 0;
    /* Ctrl-C cancels the treatments (signals.c): the loops stop, the CSV files are dropped */
    cli_signals_watch(ctx);
    int cancelled = 0;
    for (int fi = 0; fi < nf && !cancelled; fi++) {
        char xpath[4352], apath[4352];
        snprintf(xpath, sizeof xpath, "%s/%s", dir, files[fi]);
        agro_dssat_exp *x = NULL;
        agro_ctx_clear(ctx);
        int rc = agro_dssat_exp_load(ctx, xpath, &x);
        if (rc) {
            cli_report(ctx, rc);
            failed++;
            continue;
        }
        char code[16];
        agro_dssat_exp_code(x, code, sizeof code, NULL, 0);
        /* observations: same name with the A extension, and the T extension for the season */
        int32_t nobs = 0, nday = 0;
        if (sibling_file(xpath, text_ext, apath, sizeof apath) == 0) {
            agro_ctx_clear(ctx);
            if ((rc = agro_dssat_timeseries_load(ctx, apath, x, obs_day, MAX_OBS_DAYS, &nday))) {
                cli_report(ctx, rc);
                nday = 0;
            }
        }
        if (sibling_file(xpath, aext, apath, sizeof apath) == 0) {
            agro_ctx_clear(ctx);
            if ((rc = agro_dssat_observed_load(ctx, apath, x, obs, MAX_OBS, &nobs))) {
                cli_report(ctx, rc);
                nobs = 0;
            } else if (nobs > 0) {
                n_exp_obs++;
            }
        }
        int32_t nt = 0;
        agro_dssat_exp_n_treatments(x, &nt);
        for (int32_t k = 0; k < nt; k++) {
            int32_t number;
            agro_dssat_exp_treatment_number(x, k, &number);
            char tcrop[8], cul[16];
            agro_dssat_treatment_text(x, number, AGRO_DSSAT_TEXT_CROP, tcrop, sizeof tcrop);
            agro_dssat_treatment_text(x, number, AGRO_DSSAT_TEXT_CULTIVAR_ID, cul, sizeof cul);
            if (strcmp(tcrop, crop) != 0) {
                skipped++; /* fallow or another crop: nothing to compare */
                continue;
            }
            agro_dssat_result r;
            agro_ctx_clear(ctx);
            int32_t ndaily = 0;
            rc = agro_dssat_run_treatment_opts(ctx, x, number, data, &opt, &r, daily, MAX_DAYS,
                                               &ndaily);
            if (rc == AGRO_ECANCELED) {
                cancelled = 1;
                break;
            }
            double sim[NV] = {NAN, NAN, NAN, NAN, NAN, NAN, NAN};
            double pop = r.population_pl_m2;
            int32_t ignored = 0;
            if (rc) {
                cli_report(ctx, rc);
                failed++;
            } else {
                ran++;
                sim[0] = r.yield_kg_ha;
                sim[1] = r.anthesis_dap >= 0 ? (double)r.anthesis_dap : NAN;
                sim[2] = r.maturity_dap >= 0 ? (double)r.maturity_dap : NAN;
                sim[3] = r.summary.hwum_g;
                sim[4] = r.summary.hnam_m2;
                sim[5] = r.summary.cwam_kg_ha;
                sim[6] = r.summary.laix;
                add_series(obs_day, nday, number, daily, ndaily, code, &ts, tsf);
                /* the treatment just ran, so it resolves */
                if (agro_dssat_treatment_get(ctx, x, number, trt) == AGRO_OK)
                    ignored = cli_dssat_shown_flags(trt, &opt);
            }
            /* a treatment may have rows in several tables of the A file (one with HWAM,
               another with ADAT and MDAT), or replicate rows: each value comes from the first
               row that gives it, as DSSAT's READA reads a treatment's first row */
            double ob[NV] = {NAN, NAN, NAN, NAN, NAN, NAN, NAN};
            for (int32_t j = 0; j < nobs; j++)
                if (obs[j].treatment == number) {
                    const double v[NV] = {obs[j].yield_kg_ha,     obs[j].anthesis_dap,
                                          obs[j].maturity_dap,    obs[j].kernel_weight_g,
                                          obs[j].kernels_m2,      obs[j].tops_kg_ha,
                                          obs[j].lai_max};
                    for (int c = 0; c < NV; c++)
                        if (isfinite(v[c]) && !isfinite(ob[c]))
                            ob[c] = v[c];
                }
            fprintf(out, "%s,%d,%s,", code, (int)number, cul);
            csv_num(out, pop, "%.2f");
            for (int v = 0; v < 6; v++) { /* simulated, then observed: yield, anthesis, maturity */
                fputc(',', out);
                csv_num(out, v < NV_MAIN ? sim[v] : ob[v - NV_MAIN], "%.0f");
            }
            fputc('\n', out);
            if (nrows < MAX_ROWS) {
                snprintf(rows[nrows].exp, sizeof rows[nrows].exp, "%s", code);
                rows[nrows].file = fi;
                rows[nrows].trt = (int)number;
                rows[nrows].ignored = ignored;
                rows[nrows].pop = pop;
                for (int v = 0; v < NV; v++) {
                    rows[nrows].sim[v] = sim[v];
                    rows[nrows].obs[v] = ob[v];
                }
                nrows++;
            }
        }
        agro_dssat_exp_free(x);
    }
    free_files(files, nf);
    int status = ran > 0 ? 0 : 1;
    double *o = NULL;
    /* interrupted: nothing is renamed into place, the old files stay */
    if (cancelled || cli_interrupted()) {
        cli_out_close(&csv_out, 0);
        status = 1;
        goto done;
    }
    if (cli_out_close(&csv_out, 1)) {
        status = 1;
        goto done;
    }
    if (tsf) {
        tsf = NULL; /* closed here, not again at done */
        if (cli_out_close(&ts_out, 1))
            status = 1;
    }

    /* statistics over the treatments that have observations */
    const int nr1 = nrows > 0 ? nrows : 1;
    o = malloc(sizeof(double) * (size_t)nr1 * 2 * NV);
    if (!o) {
        status = cli_report(NULL, AGRO_ENOMEM);
        goto done;
    }
    double *s = o + NV * nr1;
    for (int v = 0; v < NV; v++)
        for (int i = 0; i < nrows; i++) {
            o[v * nr1 + i] = rows[i].obs[v];
            s[v * nr1 + i] = rows[i].sim[v];
        }
    printf("%d treatments simulated, %d failed, %d non-maize skipped; CSV: %s\n", ran, failed,
           skipped, csv);
    /* the method options as flags, so that the figures below say how they were made */
    char methods[256];
    cli_dssat_method_flags(&opt, methods, sizeof methods);
    printf("methods: %s\n", methods);
    printf("calibration set: %d experiments with observations (simulated - observed)\n",
           n_exp_obs);
    printf("%-24s %4s %9s %8s %7s %8s %6s   | DSSAT-CSM 4.8.2 on the same set\n", "variable",
           "n", "obs_mean", "RMSE", "nRMSE", "bias", "d");
    print_stats("grain yield (kg/ha)", o, s, nrows, crop, AGRO_DSSAT_VAR_YIELD, 0);
    print_stats("anthesis (DAP)", o + nr1, s + nr1, nrows, crop, AGRO_DSSAT_VAR_ANTHESIS, 1);
    print_stats("maturity (DAP)", o + 2 * nr1, s + 2 * nr1, nrows, crop,
                AGRO_DSSAT_VAR_MATURITY, 1);
    /* DSSAT's figures for the components and the season are not in the shared README */
    printf("yield components (where observed):\n");
    print_stats("kernel weight (g)", o + 3 * nr1, s + 3 * nr1, nrows, crop, -1, 3);
    print_stats("kernels (1/m2)", o + 4 * nr1, s + 4 * nr1, nrows, crop, -1, 0);
    print_stats("tops at maturity (kg/ha)", o + 5 * nr1, s + 5 * nr1, nrows, crop, -1, 0);
    print_stats("max LAI (m2/m2)", o + 6 * nr1, s + 6 * nr1, nrows, crop, -1, 2);
    printf("in season (T files, every observed date after planting that the run reached):\n");
    print_stats("tops CWAD (kg/ha)", ts.obs[0], ts.sim[0], ts.n[0], crop, -1, 0);
    print_stats("LAI LAID (m2/m2)", ts.obs[1], ts.sim[1], ts.n[1], crop, -1, 2);
    print_stats("grain GWAD (kg/ha)", ts.obs[2], ts.sim[2], ts.n[2], crop, -1, 0);
    print_stats("tops N CNAD (kg/ha)", ts.obs[3], ts.sim[3], ts.n[3], crop, -1, 1);
    /* the statistics first, then the notes, on a terminal that shows both */
    if (cli_flush_stdout())
        status = 1;
    print_notes(rows, nrows);
    if (comp_csv && write_components(comp_csv, rows, nrows))
        status = 1;
done:
    if (tsf)
        cli_out_close(&ts_out, 0);
    free(o);
    free_work(ctx, rows, obs, obs_day, daily, ts_buf, trt);
    return status;
}
