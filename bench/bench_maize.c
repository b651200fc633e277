/* Benchmark: one CERES-Maize season in a field with soil water, mineral N and soil
 * temperature (DSSAT STEMP), single thread, no daily output. Reports µs per season and ns per
 * field-day. Inputs: UFGA8201 (Gainesville 1982, irrigated, high N) from the shared DSSAT set.
 * Usage: bench_maize [N_SEASONS] [--numerical] [--phosphorus] [--century] (numerical =
 * finite-volume soil temperature; phosphorus = the soil and crop P model on, with a soil test of
 * Bray No. 1 8 mg/kg in every layer set for the run, since the profile has none: it measures the
 * cost, not a field; century = the CENTURY organic matter instead of CERES-Godwin, with the
 * experiment's initial residues, 100 kg/ha of roots at 0.9 % N and 1000 kg/ha of shoots left on
 * the surface at 0.8 % N).
 * Every season is timed alone; the median is reported, with the fastest season, the 90th
 * percentile and the share of a CPU the run had (below 0.9 the machine was busy). The last line
 * is machine-readable for bench/run_all.sh. */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agrosim/agrosim.h"
#include "agrosim/field.h"
#include "bench_args.h"
#include "bench_clock.h"

#define V AGROSIM_VALIDATION_DIR "/dssat/"

static int cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void add(agro_season_spec *s, int32_t type, int32_t doy, double amount) {
    agro_event *e = &s->events[s->n_events++];
    memset(e, 0, sizeof *e);
    e->type = type;
    e->year = 1982;
    e->doy = doy;
    e->amount = amount;
    e->depth_cm = 10.0;
    e->nh4_fraction = 0.5;
}

int main(int argc, char **argv) {
    static const char usage[] =
        "bench_maize [SEASONS] [--numerical] [--phosphorus] [--century] (SEASONS default 2000)";
    long n_arg = 2000;
    int numerical = 0, phosphorus = 0, century = 0, counts = 0;
    for (int i = 1; i < argc; i++) {
        int rc = 0;
        if (bench_is_help(argv[i])) {
            printf("usage: %s\n", usage);
            return 0;
        } else if (strcmp(argv[i], "--numerical") == 0) {
            numerical = 1;
        } else if (strcmp(argv[i], "--phosphorus") == 0) {
            phosphorus = 1;
        } else if (strcmp(argv[i], "--century") == 0) {
            century = 1;
        } else if (bench_is_option(argv[i])) {
            rc = bench_usage_error("bench_maize", usage, "unknown option", argv[i]);
        } else if (counts++) {
            rc = bench_usage_error("bench_maize", usage, "one SEASONS only, not also", argv[i]);
        } else {
            rc = bench_count("bench_maize", usage, "SEASONS", argv[i], &n_arg);
        }
        if (rc)
            return rc;
    }
    const int n = (int)n_arg;
    agro_ctx *ctx;
    if (agro_ctx_create(&ctx)) return 1;
    static agro_season_spec s;
    agro_season_spec_init(&s);
    agro_weather *w = NULL;
    char msg[AGRO_MESSAGE_MAX];
    if (agro_soil_load_dssat(ctx, V "Soil/SOIL.SOL", "IBMZ910014", &s.soil) ||
        agro_maize_cultivar_load_dssat(ctx, V "Genotype/MZCER048.CUL", V "Genotype/MZCER048.ECO", "IB0035", &s.cultivar) ||
        agro_weather_load_wth(ctx, V "Weather/UFGA8201.WTH", &w)) {
        agro_ctx_message(ctx, msg, sizeof msg);
        fprintf(stderr, "bench_maize: %s\n", msg);
        return 1;
    }
    s.options.latitude_deg = 29.63;
    if (numerical) s.options.soil_temp_method = AGRO_SOIL_TEMP_NUMERICAL;
    if (phosphorus) {
        s.options.phosphorus_limited = 1;
        s.soil.p_method = 2;
        for (int l = 0; l < s.soil.n_layers; l++) s.soil.extractable_p_mg_kg[l] = 8.0;
    }
    s.start_year = 1982;
    s.start_doy = 56;
    if (century) { /* UFGA8201's initial conditions: ICRT 100, ICRES 1000 at ICREN 0.8 */
        s.options.soil_om_method = AGRO_SOIL_OM_CENTURY;
        const double amt[2] = {1000, 100}, npct[2] = {0.8, 0.9};
        for (int k = 0; k < 2; k++) {
            agro_event *r = &s.events[s.n_events++];
            memset(r, 0, sizeof *r);
            r->type = k ? AGRO_EVENT_ROOT_RESIDUE : AGRO_EVENT_RESIDUE;
            r->year = 1982;
            r->doy = 56;
            r->amount = amt[k];
            r->n_pct = npct[k];
            r->initial = 1;
        }
    }
    agro_event *e = &s.events[s.n_events++];
    memset(e, 0, sizeof *e);
    e->type = AGRO_EVENT_SOW;
    e->year = 1982;
    e->doy = 57;
    e->density_pl_m2 = 7.2;
    e->row_spacing_cm = 61;
    e->depth_cm = 7;
    static const int idate[16] = {63, 77, 94, 107, 111, 122, 126, 129, 132, 134, 137, 141, 148, 158, 161, 162};
    static const double iamt[16] = {13, 10, 10, 13, 18, 25, 25, 13, 15, 19, 20, 20, 15, 19, 4, 25};
    for (int i = 0; i < 16; i++) add(&s, AGRO_EVENT_IRRIGATE, idate[i], iamt[i]);
    static const int fdate[6] = {74, 89, 102, 118, 127, 137};
    static const double famt[6] = {56, 52, 75, 37, 55, 126};
    for (int i = 0; i < 6; i++) add(&s, AGRO_EVENT_FERTILISE, fdate[i], famt[i]);

    agro_season_summary sm;
    int32_t nd = 0;
    /* warm-up */
    if (agro_season_run(ctx, &s, w, &sm, NULL, 0, &nd)) {
        agro_ctx_message(ctx, msg, sizeof msg);
        fprintf(stderr, "bench_maize: %s\n", msg);
        return 1;
    }
    /* Each season is timed on its own (a season takes ~0.15 ms, the clock ~30 ns): a season
       that another process interrupted is one slow sample among n, where a block of hundreds
       of seasons was almost always interrupted on a shared machine and its best could double.
       The thread's CPU time beside the wall time says how much of a CPU the run had. */
    double *us = malloc((size_t)n * sizeof *us);
    if (!us) return 1;
    double checksum = 0.0;
    const double cpu0 = cpu_s(), wall0 = now_s();
    for (int i = 0; i < n; i++) {
        double t0 = now_s();
        if (agro_season_run(ctx, &s, w, &sm, NULL, 0, &nd)) {
            agro_ctx_message(ctx, msg, sizeof msg);
            fprintf(stderr, "bench_maize: %s\n", msg);
            return 1;
        }
        us[i] = (now_s() - t0) * 1e6;
        checksum += sm.hwam_kg_ha;
    }
    const double cpu_share = (cpu_s() - cpu0) / (now_s() - wall0);
    qsort(us, (size_t)n, sizeof *us, cmp_double);
    const double us_min = us[0], us_median = us[n / 2], us_p90 = us[(int)(0.9 * (n - 1))];
    printf("bench_maize: %d seasons of %d field-days (soil temperature %s%s%s)\n", n, (int)nd,
           numerical ? "numerical" : "DSSAT STEMP", phosphorus ? ", phosphorus" : "",
           century ? ", CENTURY" : "");
    printf("  %.1f us per season (median), %.0f ns per field-day; fastest %.1f, 90th percentile "
           "%.1f us\n", us_median, us_median * 1e3 / nd, us_min, us_p90);
    printf("  the run had %.2f of a CPU%s\n", cpu_share,
           cpu_share < 0.9 ? " (less than 0.9: the machine is busy, the figures are high)" : "");
    /* every digit of the last season's yield: a speed change that must keep the bits shows a
       change in the last one, which 6 digits of the sum of n equal seasons would hide */
    printf("  yield %.0f kg/ha (%.17g), checksum %.6g\n", sm.hwam_kg_ha, sm.hwam_kg_ha, checksum);
    printf("  compiler flags: %s\n", AGROSIM_C_FLAGS);
    printf("RESULT bench_maize method=%s%s%s days=%d us_season=%.2f ns_day=%.1f us_season_min=%.2f "
           "us_season_p90=%.2f cpu_share=%.2f\n",
           numerical ? "numerical" : "stemp", phosphorus ? "+p" : "", century ? "+century" : "",
           (int)nd, us_median, us_median * 1e3 / nd, us_min, us_p90, cpu_share);
    free(us);
    agro_weather_free(w);
    agro_ctx_free(ctx);
    return 0;
}
