/*
 * Benchmark: nanoseconds per simulated day of the layered water balance (10 layers, with
 * Priestley–Taylor PET, partition, root uptake capacity and uptake) and of the soil N step,
 * single thread, no output inside the loop. Weather: UFGA8201.WTH from the shared DSSAT
 * validation folder (read once, before timing).
 *
 *   bench_soil_water [REPEATS]      (default 400 years of 365 days)
 */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "agrosim/soil.h"
#include "agrosim/soil_nitrogen.h"
#include "agrosim/soil_water.h"
#include "agrosim/weather.h"
#include "../tests/helpers/soil.h"
#include "bench_args.h"
#include "bench_clock.h"

int main(int argc, char **argv)
{
    static const char usage[] = "bench_soil_water [REPEATS] (passes of 365 days, default 400)";
    long repeats = 400;
    const int rc = bench_one_count_args(argc, argv, "bench_soil_water", usage, "REPEATS", &repeats);
    if (rc)
        return rc == 1 ? 0 : rc;
    agro_ctx *ctx;
    if (agro_ctx_create(&ctx) != 0) return 1;
    char path[1024], msg[AGRO_MESSAGE_MAX];
    snprintf(path, sizeof path, "%s/dssat/Weather/UFGA8201.WTH", AGROSIM_VALIDATION_DIR);
    agro_weather *w;
    if (agro_weather_load(ctx, path, &w) != 0) {
        agro_ctx_message(ctx, msg, sizeof msg);
        fprintf(stderr, "bench_soil_water: %s\n", msg);
        return 1;
    }
    agro_weather_info info;
    agro_weather_get_info(w, &info);
    const agro_weather_day *days = agro_weather_days(w);
    int n_days = info.n_days < 365 ? info.n_days : 365;

    agro_soil_profile pr = helper_loam_10_layers();
    agro_soil_water_params wp;
    agro_soil_water_state ws;
    agro_soil_water_rates wr;
    agro_soil_n_params np;
    agro_soil_n_state ns;
    agro_soil_n_rates nr;
    if (agro_soil_water_params_from_profile(ctx, &pr, &wp) != 0 ||
        agro_soil_n_params_from_profile(ctx, &pr, &np) != 0) {
        agro_ctx_message(ctx, msg, sizeof msg);
        fprintf(stderr, "bench_soil_water: %s\n", msg);
        return 1;
    }
    double rlv[AGRO_SOIL_MAX_LAYERS];
    for (int i = 0; i < wp.n_layers; i++) rlv[i] = 1.5 * exp(-wp.depth_cm[i] / 50.0);

    /* --- water balance day (PET + partition + uptake capacity + step) --- */
    /* every repeat (one pass over the weather) is a timing block; the fastest block is
       reported (shared machine: the minimum is the least disturbed estimate) */
    double t_water = INFINITY, checksum = 0.0;
    long n_sim = 0;
    for (int rep = 0; rep < repeats; rep++) {
        agro_soil_water_state_init(ctx, &wp, NULL, &ws);
        double t0 = now_s();
        for (int k = 0; k < n_days; k++) {
            const double lai = 3.0 * (0.5 + 0.5 * sin(6.2831853 * k / 365.0));
            double eo, eos, eop, cap[AGRO_SOIL_MAX_LAYERS];
            agro_pet_priestley_taylor(ctx, &days[k], wp.albedo, lai, &eo);
            agro_pet_partition(ctx, eo, lai, AGRO_KEP_MAIZE, &eos, &eop);
            agro_root_water_uptake_capacity(ctx, &wp, &ws, rlv, cap);
            double trwup = 0.0;
            for (int i = 0; i < wp.n_layers; i++) trwup += cap[i];
            const double scale = trwup > eop ? eop / trwup : 1.0;
            agro_soil_water_drivers d;
            memset(&d, 0, sizeof d);
            d.rain_mm = days[k].rain_mm;
            d.eos_mm = eos;
            for (int i = 0; i < wp.n_layers; i++) d.uptake_mm[i] = cap[i] * scale;
            if (agro_soil_water_step(ctx, &wp, &ws, &d, &wr) != 0) return 1;
        }
        const double t = now_s() - t0;
        if (t < t_water) t_water = t;
        n_sim += n_days;
        checksum += agro_soil_water_total_mm(&wp, &ws);
    }
    const double ns_water = 1e9 * t_water / (double)n_days;

    /* --- N step: the same pass is timed with (A) and without (B) the N calls after each
           water step; N = fastest A − fastest B (no clock call inside the loop) --- */
    double t_a = INFINITY, t_b = INFINITY;
    for (int rep = 0; rep < repeats; rep++) {
        for (int with_n = 0; with_n < 2; with_n++) {
            agro_soil_water_state_init(ctx, &wp, NULL, &ws);
            agro_soil_n_state_init(ctx, &np, NULL, NULL, &ns);
            agro_soil_n_fertilise(ctx, &np, &ns, 100.0, 5.0, 0.5);
            double t0 = now_s();
            for (int k = 0; k < n_days; k++) {
                agro_soil_water_drivers d;
                memset(&d, 0, sizeof d);
                d.rain_mm = days[k].rain_mm;
                d.eos_mm = 3.0;
                agro_soil_water_step(ctx, &wp, &ws, &d, &wr);
                agro_soil_n_drivers nd;
                memset(&nd, 0, sizeof nd);
                const double tav = 0.5 * (days[k].tmax_C + days[k].tmin_C);
                for (int i = 0; i < np.n_layers; i++) nd.soil_temp_C[i] = tav;
                if (!with_n) continue;
                agro_soil_n_uptake_capacity(ctx, &np, &wp, &ns, &ws, rlv, nd.uptake_no3_kg_ha,
                                                 nd.uptake_nh4_kg_ha);
                if (agro_soil_n_step(ctx, &np, &wp, &ws, &wr, &ns, &nd, &nr) != 0) return 1;
            }
            const double t = now_s() - t0;
            if (with_n && t < t_a) t_a = t;
            if (!with_n && t < t_b) t_b = t;
            if (with_n) checksum += agro_soil_n_mineral_kg_ha(&ns);
        }
    }
    const double ns_n = 1e9 * (t_a - t_b) / (double)n_days;

    printf("bench_soil_water: %d layers, %ld simulated days\n", wp.n_layers, n_sim);
    printf("  water balance day (PT PET + partition + uptake capacity + step): %.0f ns/day\n",
           ns_water);
    printf("  soil N day (uptake capacity + step, A − B):                      %.0f ns/day\n",
           ns_n);
    printf("  max |daily water balance error| %.2e mm, checksum %.6g\n",
           ws.max_abs_balance_error_mm, checksum);
    printf("  compiler flags: %s\n", AGROSIM_C_FLAGS);
    printf("RESULT bench_soil_water layers=%d water_ns_day=%.1f n_ns_day=%.1f\n", wp.n_layers,
           ns_water, ns_n);
#if defined(__OPTIMIZE__)
    printf("  compiler: %s, optimised build\n", __VERSION__);
#else
    printf("  compiler: %s, NOT optimised\n", __VERSION__);
#endif
    agro_weather_free(w);
    agro_ctx_free(ctx);
    return 0;
}
