/* Benchmark: one CERES-Maize season in a field with soil water, mineral N and soil
 * temperature (DSSAT STEMP), single thread, no daily output. Reports µs per season and ns per
 * field-day. Inputs: UFGA8201 (Gainesville 1982, irrigated, high N) from the shared DSSAT set.
 * Usage: bench_maize [N_SEASONS] [--numerical] [--phosphorus] [--century] (numerical =
 * finite-volume soil temperature; phosphorus = the soil and crop P model on, with a soil test of
 * Bray No. 1 8 mg/kg in every layer set for the run, since the profile has none: it measures the
 * cost, not a field; century = the CENTURY organic matter instead of CERES-Godwin, with the
 * experiment's initial residues, 100 kg/ha of roots at 0.9 % N and 1000 kg/ha of shoots left on
 * the surface at 0.8 % N).
 * The seasons run in 7 equal blocks; the fastest block is reported (the machine is shared, the
 * minimum is the least disturbed estimate) beside the median block. The last line is
 * machine-readable for bench/run_all.sh. */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agrosim/agrosim.h"
#include "agrosim/field.h"
#include "bench_clock.h"

#define V AGROSIM_VALIDATION_DIR "/dssat/"

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
    int n = argc > 1 && argv[1][0] != '-' ? atoi(argv[1]) : 2000;
    int numerical = 0, phosphorus = 0, century = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--numerical") == 0) numerical = 1;
        if (strcmp(argv[i], "--phosphorus") == 0) phosphorus = 1;
        if (strcmp(argv[i], "--century") == 0) century = 1;
    }
    if (n < 1) n = 1;
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
    double checksum = 0.0;
    enum { BLOCKS = 7 };
    double block_us[BLOCKS];
    int per = n / BLOCKS > 0 ? n / BLOCKS : 1;
    for (int b = 0; b < BLOCKS; b++) {
        double t0 = now_s();
        for (int i = 0; i < per; i++) {
            if (agro_season_run(ctx, &s, w, &sm, NULL, 0, &nd)) {
                agro_ctx_message(ctx, msg, sizeof msg);
                fprintf(stderr, "bench_maize: %s\n", msg);
                return 1;
            }
            checksum += sm.hwam_kg_ha;
        }
        block_us[b] = (now_s() - t0) / per * 1e6;
    }
    /* sort the block times (insertion sort, 7 values) */
    for (int i = 1; i < BLOCKS; i++)
        for (int j = i; j > 0 && block_us[j] < block_us[j - 1]; j--) {
            double t = block_us[j];
            block_us[j] = block_us[j - 1];
            block_us[j - 1] = t;
        }
    double us_season = block_us[0], us_median = block_us[BLOCKS / 2];
    printf("bench_maize: %d seasons of %d field-days (soil temperature %s%s%s)\n", per * BLOCKS,
           (int)nd, numerical ? "numerical" : "DSSAT STEMP", phosphorus ? ", phosphorus" : "",
           century ? ", CENTURY" : "");
    printf("  %.1f us per season, %.0f ns per field-day (best of %d blocks; median %.1f us)\n",
           us_season, us_season * 1e3 / nd, BLOCKS, us_median);
    printf("  yield %.0f kg/ha, checksum %.6g\n", sm.hwam_kg_ha, checksum);
    printf("  compiler flags: %s\n", AGROSIM_C_FLAGS);
    printf("RESULT bench_maize method=%s%s%s days=%d us_season=%.2f ns_day=%.1f us_season_median=%.2f\n",
           numerical ? "numerical" : "stemp", phosphorus ? "+p" : "", century ? "+century" : "", (int)nd, us_season,
           us_season * 1e3 / nd, us_median);
    agro_weather_free(w);
    agro_ctx_free(ctx);
    return 0;
}
