/*
 * libFuzzer harness: DSSAT maize cultivar and ecotype readers, agro_maize_cultivar_load_dssat.
 * Built twice: FUZZ_ECO fuzzes the ecotype file (MZCER048.ECO) with the shared MZCER048.CUL
 * (fuzz_dssat_eco), else the cultivar file with the shared MZCER048.ECO (fuzz_dssat_cul). The
 * cultivar asked for is IB0035 (UFGA8201's); a loaded cultivar must pass
 * agro_maize_cultivar_validate.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include "fuzz_common.h"

#define GENOTYPE AGROSIM_VALIDATION_DIR "/dssat/Genotype"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128];
#ifdef FUZZ_ECO
    fuzz_write("MZCER048.ECO", data, size, path, sizeof path);
    const char *cul = GENOTYPE "/MZCER048.CUL", *eco = path;
#else
    fuzz_write("MZCER048.CUL", data, size, path, sizeof path);
    const char *cul = path, *eco = GENOTYPE "/MZCER048.ECO";
#endif
    agro_ctx *ctx = fuzz_ctx();
    agro_maize_cultivar cv;
    int rc = agro_maize_cultivar_load_dssat(ctx, cul, eco, "IB0035", &cv);
    if (rc) {
        fuzz_expect_error(ctx, rc, path, NULL);
    } else {
        agro_ctx_clear(ctx);
        rc = agro_maize_cultivar_validate(ctx, &cv, "loaded");
        char msg[AGRO_MESSAGE_MAX];
        agro_ctx_message(ctx, msg, sizeof msg);
        FUZZ_REQUIRE(rc == AGRO_OK, "loaded cultivar fails validation: %s", msg);
    }
    agro_ctx_free(ctx);
    return 0;
}
