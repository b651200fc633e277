/*
 * libFuzzer harness: JSON parameter readers. Built four times: FUZZ_JSON_CULTIVAR selects the
 * cultivar reader (agro_maize_cultivar_load_json, fuzz_cultivar_json; what loads must pass
 * agro_maize_cultivar_validate), FUZZ_JSON_SITE the weather-generator site reader
 * (agro_site_load, fuzz_site_json; a loaded site must generate a year of weather that passes
 * the weather checks), FUZZ_JSON_WEEDS the weed reader (agro_weed_params_load_json,
 * fuzz_weeds_json; what loads must pass agro_weed_params_validate), else the soil reader
 * (agro_soil_load_json, fuzz_soil_json; what loads must pass the soil checks, agro_soil_validate
 * among them).
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include "fuzz_common.h"

#if defined(FUZZ_JSON_CULTIVAR) || defined(FUZZ_JSON_SITE) || defined(FUZZ_JSON_WEEDS)
/* A loaded value's check (its status @p rc) must pass; @p what says which. */
static void require_ok(agro_ctx *ctx, int rc, const char *what)
{
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    FUZZ_REQUIRE(rc == AGRO_OK, "%s: %s", what, msg);
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128];
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
        require_ok(ctx, agro_maize_cultivar_validate(ctx, &cv, "loaded"),
                   "loaded cultivar fails validation");
    }
#elif defined(FUZZ_JSON_SITE)
    agro_site site;
    char name[64];
    int rc = agro_site_load(ctx, path, &site, name, sizeof name);
    if (rc) {
        fuzz_expect_error(ctx, rc, path, NULL);
    } else {
        FUZZ_REQUIRE(memchr(name, '\0', sizeof name) != NULL, "name not terminated");
        agro_weather *w = NULL;
        agro_ctx_clear(ctx);
        require_ok(ctx, agro_weather_generate(ctx, &site, "FUZZ", 2001, 1, 7, &w),
                   "a loaded site does not generate");
        fuzz_check_weather(ctx, w, path);
        agro_weather_free(w);
    }
#elif defined(FUZZ_JSON_WEEDS)
    agro_weed_params wp;
    int rc = agro_weed_params_load_json(ctx, path, &wp);
    if (rc) {
        fuzz_expect_error(ctx, rc, path, NULL);
    } else {
        agro_ctx_clear(ctx);
        require_ok(ctx, agro_weed_params_validate(ctx, &wp),
                   "loaded weed parameters fail validation");
    }
#else
    agro_soil_profile s;
    int rc = agro_soil_load_json(ctx, path, &s);
    if (rc)
        fuzz_expect_error(ctx, rc, path, NULL);
    else
        fuzz_check_soil(ctx, &s);
#endif
    agro_ctx_free(ctx);
    return 0;
}
