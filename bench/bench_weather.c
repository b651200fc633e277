/* Benchmark: time to load a one-year DSSAT .WTH file (and to generate one year of weather).
 * Usage: bench_weather [FILE.WTH] [REPEATS] */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "agrosim/agrosim.h"
#include "bench_args.h"
#include "bench_clock.h"

int main(int argc, char **argv)
{
    static const char usage[] = "bench_weather [FILE.WTH] [REPEATS] (default the shared "
                                "UFGA8201.WTH, 2000 loads)";
    const char *path = AGROSIM_VALIDATION_DIR "/dssat/Weather/UFGA8201.WTH";
    long repeats = 2000;
    if (argc > 1 && bench_is_help(argv[1])) {
        printf("usage: %s\n", usage);
        return 0;
    }
    if (argc > 3)
        return bench_usage_error("bench_weather", usage, "one FILE.WTH and REPEATS only, not also",
                                 argv[3]);
    for (int i = 1; i < argc; i++)
        if (bench_is_option(argv[i]))
            return bench_usage_error("bench_weather", usage, "unknown option", argv[i]);
    if (argc > 1)
        path = argv[1];
    if (argc > 2 && bench_count("bench_weather", usage, "REPEATS", argv[2], &repeats))
        return 2;
    agro_ctx *ctx;
    if (agro_ctx_create(&ctx))
        return 1;
    agro_weather *w = NULL;
    char msg[AGRO_MESSAGE_MAX];
    /* warm the page cache and check the file once */
    if (agro_weather_load(ctx, path, &w)) {
        agro_ctx_message(ctx, msg, sizeof msg);
        fprintf(stderr, "bench_weather: %s\n", msg);
        agro_ctx_free(ctx);
        return 1;
    }
    agro_weather_info in;
    agro_weather_get_info(w, &in);
    agro_weather_free(w);

    double t0 = now_s();
    for (long i = 0; i < repeats; i++) {
        if (agro_weather_load(ctx, path, &w))
            return 1;
        agro_weather_free(w);
    }
    double per_load = (now_s() - t0) / (double)repeats;

    agro_site site;
    char name[64];
    double per_gen_year = -1.0;
    if (agro_site_load(ctx, AGROSIM_SOURCE_DIR "/models/sites/morogoro.json", &site, name,
                       sizeof name) == AGRO_OK) {
        long gen_repeats = repeats / 10 > 0 ? repeats / 10 : 1;
        t0 = now_s();
        for (long i = 0; i < gen_repeats; i++) {
            if (agro_weather_generate(ctx, &site, name, 2001, 1, (uint64_t)i, &w))
                return 1;
            agro_weather_free(w);
        }
        per_gen_year = (now_s() - t0) / (double)gen_repeats;
    }
#ifdef __OPTIMIZE__
    const int optimised = 1;
#else
    const int optimised = 0;
#endif
    printf("agrosim %s, C flags: \"%s\", compiler %s, optimised %s\n", agro_version(),
           AGROSIM_C_FLAGS, __VERSION__, optimised ? "yes" : "no");
    printf("file: %s (%d days)\n", path, in.n_days);
    printf("load .WTH: %.1f us per load, %.3f us per day (%ld loads)\n", per_load * 1e6,
           per_load * 1e6 / in.n_days, repeats);
    if (per_gen_year >= 0.0)
        printf("generate 1 year (Morogoro, WGEN/SIMMETEO): %.1f us\n", per_gen_year * 1e6);
    agro_ctx_free(ctx);
    return 0;
}
