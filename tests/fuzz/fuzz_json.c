/*
 * libFuzzer harness: JSON parameter readers. Built twice: FUZZ_JSON_CULTIVAR selects the
 * cultivar reader (agro_maize_cultivar_load_json, fuzz_cultivar_json; what loads must pass
 * agro_maize_cultivar_validate), else the soil reader (agro_soil_load_json, fuzz_soil_json; what
 * loads must pass the soil checks, agro_soil_validate among them).
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128], msg[AGRO_MESSAGE_MAX];
    fuzz_write("input.json", data, size, path, sizeof path);
    agro_ctx *ctx = fuzz_ctx();
#ifdef FUZZ_JSON_CULTIVAR
    agro_maize_cultivar cv;
    char name[64];
    int rc = agro_maize_cultivar_load_json(ctx, path, &cv, name, sizeof name);
    if (rc) {
        fuzz_expect_error(ctx, rc, path, NULL);
    } else {
        FUZZ_REQUIRE(memchr(name, '\0', sizeof name) != NULL, "name not terminated");
        agro_ctx_clear(ctx);
        rc = agro_maize_cultivar_validate(ctx, &cv, "loaded");
        agro_ctx_message(ctx, msg, sizeof msg);
        FUZZ_REQUIRE(rc == AGRO_OK, "loaded cultivar fails validation: %s", msg);
    }
#else
    agro_soil_profile s;
    int rc = agro_soil_load_json(ctx, path, &s);
    if (rc)
        fuzz_expect_error(ctx, rc, path, NULL);
    else
        fuzz_check_soil(ctx, &s);
    (void)msg;
#endif
    agro_ctx_free(ctx);
    return 0;
}
