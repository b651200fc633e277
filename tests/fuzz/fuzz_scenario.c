/*
 * libFuzzer harness: scenario JSON, agro_scenario_load_text (the text up to its first NUL, as a
 * file read stops there) with the example folder examples/morogoro as base for relative paths,
 * so the weather, soil and cultivar files a scenario names are really loaded. What loads must
 * report at least one run of at least one day, and the run table must be readable. Running the
 * seasons is left out: it costs seconds per input.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include "fuzz_common.h"

#define NAME "fuzz-scenario.json"

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
    }
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
    free(text);
    return 0;
}
