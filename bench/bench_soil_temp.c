/* Benchmark: nanoseconds per simulated day of the soil temperature model on its own grid.
 * Drivers are a precomputed synthetic tropical year (Goroka-like, BRIEF §5.6), so the timed
 * loop is the model's daily step only (no allocation inside it). Cases: the default numerical
 * grid (40 nodes to 3 m, 48 steps/day) with soil water fixed (factorisation reused) and with
 * water changing every day (properties and factorisation redone daily), 24 and 96 steps/day,
 * film cover, and the DSSAT STEMP method. Each day is step + layer means (what the field
 * does every day); the fastest simulated year is reported.
 * Usage: bench_soil_temp [years]   (default 20 simulated years per case) */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agrosim/agrosim.h"
#include "bench_args.h"
#include "bench_clock.h"

#define PI 3.14159265358979323846

static void profile(agro_soil_profile *p)
{
    memset(p, 0, sizeof *p);
    p->albedo = 0.12;
    p->n_layers = 8;
    const double depth[] = {5, 15, 30, 45, 60, 90, 120, 150};
    for (int i = 0; i < 8; i++) {
        p->depth_cm[i] = depth[i];
        p->ll[i] = 0.21;
        p->dul[i] = 0.35;
        p->sat[i] = 0.48;
        p->bulk_density_g_cm3[i] = 1.26 + 0.03 * i;
        p->organic_carbon_pct[i] = 3.0 / (1 + 0.5 * i);
        p->clay_pct[i] = 30 + i;
        p->silt_pct[i] = 36;
    }
}

static double run_case(const char *name, int32_t method, int32_t steps, int32_t cover,
                       int vary_water, int years, const agro_soil_temp_drivers *days)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_profile p;
    profile(&p);
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    o.method = method;
    o.steps_per_day = steps;
    o.cover = cover;
    o.tav_C = 21.0;
    o.amp_C = 1.6;
    agro_soil_temp *st;
    if (agro_soil_temp_create(ctx, &p, &o, &st)) {
        fprintf(stderr, "bench_soil_temp: create failed\n");
        exit(1);
    }
    double sink = 0.0, best = INFINITY;
    double layer_C[AGRO_SOIL_MAX_LAYERS];
    for (int y = 0; y < years; y++) {
        /* each simulated year is one timing block; the fastest block is reported (shared
         * machine: the minimum is the least disturbed estimate) */
        double t0 = now_s();
        for (int d = 0; d < 365; d++) {
            const agro_soil_temp_drivers *dr = &days[vary_water ? d : 365 + d];
            if (agro_soil_temp_step(ctx, st, dr)) {
                fprintf(stderr, "bench_soil_temp: step failed\n");
                exit(1);
            }
            /* the field reads the layer means every day (soil N needs them) */
            agro_soil_temp_layer_means(st, layer_C, AGRO_SOIL_MAX_LAYERS);
            sink += 1e-6 * layer_C[0];
        }
        double t = now_s() - t0;
        if (t < best)
            best = t;
        double m;
        agro_soil_temp_at(st, 5.0, &m, NULL, NULL);
        sink += m;
    }
    double ns = best * 1e9 / 365.0;
    printf("%-44s %5d %10.0f   (5 cm mean last day %.2f C)\n", name,
           method != AGRO_SOIL_TEMP_NUMERICAL ? 0 : agro_soil_temp_n_nodes(st), ns, sink / years);
    printf("RESULT bench_soil_temp case=\"%s\" ns_day=%.1f\n", name, ns);
    agro_soil_temp_free(st);
    agro_ctx_free(ctx);
    return ns;
}

int main(int argc, char **argv)
{
    static const char usage[] = "bench_soil_temp [YEARS] (simulated years per case, default 20)";
    long years_arg = 20;
    const int rc = bench_one_count_args(argc, argv, "bench_soil_temp", usage, "YEARS", &years_arg);
    if (rc)
        return rc == 1 ? 0 : rc;
    const int years = (int)years_arg;
    /* [0,365): water varying daily; [365,730): water at DUL (NaN) */
    agro_soil_temp_drivers *days = calloc(730, sizeof *days);
    if (!days)
        return 1;
    for (int k = 0; k < 730; k++) {
        int doy = k % 365 + 1;
        agro_soil_temp_drivers *d = &days[k];
        d->year = 2001;
        d->doy = doy;
        d->tmax_C = 26.5 + 2.0 * sin(2 * PI * doy / 9.0);
        d->tmin_C = 15.6 + 1.0 * cos(2 * PI * doy / 7.0);
        d->srad_MJ_m2_d = 19.0 + 5.0 * sin(2 * PI * doy / 5.0);
        d->latitude_deg = -6.08;
        d->water_input_mm = doy % 4 == 0 ? 6.0 : 0.0; /* EPIC's wet days */
        for (int i = 0; i < AGRO_SOIL_MAX_LAYERS; i++)
            d->sw[i] = k < 365 ? 0.30 + 0.04 * sin(2 * PI * (doy + 3 * i) / 11.0) : NAN;
    }
#ifdef __OPTIMIZE__
    const char *opt = "optimised";
#else
    const char *opt = "NOT optimised";
#endif
    printf("bench_soil_temp: %d simulated years per case\ncompiler: %s (%s)\ncompiler flags: %s\n",
           years, __VERSION__, opt, AGROSIM_C_FLAGS);
    printf("%-44s %5s %10s\n", "case", "nodes", "ns/day");
    run_case("numerical 48 steps/d, water fixed (DUL)", AGRO_SOIL_TEMP_NUMERICAL, 48,
             AGRO_COVER_BARE, 0, years, days);
    run_case("numerical 48 steps/d, water varies daily", AGRO_SOIL_TEMP_NUMERICAL, 48,
             AGRO_COVER_BARE, 1, years, days);
    run_case("numerical 24 steps/d, water varies daily", AGRO_SOIL_TEMP_NUMERICAL, 24,
             AGRO_COVER_BARE, 1, years, days);
    run_case("numerical 96 steps/d, water varies daily", AGRO_SOIL_TEMP_NUMERICAL, 96,
             AGRO_COVER_BARE, 1, years, days);
    run_case("numerical 48 steps/d, clear film, water fixed", AGRO_SOIL_TEMP_NUMERICAL, 48,
             AGRO_COVER_FILM_CLEAR, 0, years, days);
    run_case("DSSAT STEMP, water varies daily", AGRO_SOIL_TEMP_STEMP, 48, AGRO_COVER_BARE, 1,
             years, days);
    run_case("DSSAT EPIC (STEMP_EPIC), water varies daily", AGRO_SOIL_TEMP_EPIC, 48,
             AGRO_COVER_BARE, 1, years, days);
    free(days);
    return 0;
}
