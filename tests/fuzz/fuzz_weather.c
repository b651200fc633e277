/*
 * libFuzzer harness: weather readers. Built twice: FUZZ_WEATHER_CSV selects the CSV reader
 * (agro_weather_load_csv, fuzz_weather_csv), else the DSSAT .WTH reader (agro_weather_load_wth,
 * fuzz_dssat_wth). A loaded series must hold valid dates, finite or documented-NaN values, and
 * pass agro_weather_check or fail it naming the file.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128];
    agro_ctx *ctx = fuzz_ctx();
    agro_weather *w = NULL;
#ifdef FUZZ_WEATHER_CSV
    fuzz_write("input.csv", data, size, path, sizeof path);
    int rc = agro_weather_load_csv(ctx, path, &w);
#else
    fuzz_write("INPUT.WTH", data, size, path, sizeof path);
    int rc = agro_weather_load_wth(ctx, path, &w);
#endif
    if (rc) {
        FUZZ_REQUIRE(w == NULL, "output set on failure");
        fuzz_expect_error(ctx, rc, path, NULL);
    } else {
        fuzz_check_weather(ctx, w, path);
    }
    agro_weather_free(w);
    agro_ctx_free(ctx);
    return 0;
}
