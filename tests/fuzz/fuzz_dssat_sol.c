/*
 * libFuzzer harness: DSSAT soil (.SOL) profile reader, agro_soil_load_dssat. The profile asked
 * for is the first "*ID" line of the input that is not "*SOILS" (IBMZ910014 when there is none),
 * so the fuzzer can reach every profile of the seed files. A loaded profile must pass
 * agro_soil_validate and survive the DSSAT relayering (agro_soil_relayer_dssat, MESOL 1 and 2)
 * and agro_soil_subdivide (5 cm).
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <ctype.h>

#include "fuzz_common.h"

static void profile_id(const uint8_t *data, size_t size, char *id, size_t n)
{
    snprintf(id, n, "IBMZ910014");
    for (size_t i = 0; i < size; i++) {
        if (data[i] == '*' && (i == 0 || data[i - 1] == '\n') &&
            !(size - i >= 6 && memcmp(data + i, "*SOILS", 6) == 0)) {
            size_t k = 0;
            for (size_t j = i + 1; j < size && k + 1 < n && !isspace(data[j]) && data[j]; j++)
                id[k++] = (char)data[j];
            id[k] = '\0';
            return;
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128], id[16];
    fuzz_write("SOIL.SOL", data, size, path, sizeof path);
    profile_id(data, size, id, sizeof id);
    agro_ctx *ctx = fuzz_ctx();
    agro_soil_profile s;
    int rc = agro_soil_load_dssat(ctx, path, id, &s);
    if (rc) {
        fuzz_expect_error(ctx, rc, path, NULL);
        agro_ctx_free(ctx);
        return 0;
    }
    fuzz_check_soil(ctx, &s);
    for (int32_t mesol = 1; mesol <= 2; mesol++) {
        agro_soil_profile r = s;
        agro_ctx_clear(ctx);
        rc = agro_soil_relayer_dssat(ctx, &r, mesol);
        if (rc)
            fuzz_expect_error(ctx, rc, NULL, NULL);
        else
            fuzz_check_soil(ctx, &r);
    }
    agro_soil_profile d = s;
    agro_ctx_clear(ctx);
    rc = agro_soil_subdivide(ctx, &d, 5.0);
    if (rc)
        fuzz_expect_error(ctx, rc, NULL, NULL);
    else
        fuzz_check_soil(ctx, &d);
    agro_ctx_free(ctx);
    return 0;
}
