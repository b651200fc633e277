/*
 * libFuzzer harness: DSSAT experiment (X) file reader, agro_dssat_exp_load, then every
 * treatment resolved (agro_dssat_treatment_get) and the first one mapped to a season
 * (agro_dssat_soil_prepare + agro_dssat_season_spec) with a soil profile and cultivar read once
 * from the shared validation data (IBMZ910014, IB0035: the UFGA8201 inputs). An irrigation
 * row kept has a day, an amount and an IROP of IR001-IR011.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include "fuzz_common.h"

static agro_soil_profile SOIL;
static agro_maize_cultivar CULTIVAR;
static agro_dssat_treatment TRT;
static agro_season_spec SPEC;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    agro_ctx *ctx = fuzz_ctx();
    char msg[AGRO_MESSAGE_MAX];
    if (agro_soil_load_dssat(ctx, AGROSIM_VALIDATION_DIR "/dssat/Soil/SOIL.SOL", "IBMZ910014",
                             &SOIL) ||
        agro_maize_cultivar_load_dssat(ctx, AGROSIM_VALIDATION_DIR "/dssat/Genotype/MZCER048.CUL",
                                       AGROSIM_VALIDATION_DIR "/dssat/Genotype/MZCER048.ECO",
                                       "IB0035", &CULTIVAR)) {
        agro_ctx_message(ctx, msg, sizeof msg);
        fprintf(stderr, "fuzz_dssat_x: cannot read the shared inputs: %s\n", msg);
        abort();
    }
    agro_ctx_free(ctx);
    return 0;
}

static void check_treatment(const agro_dssat_treatment *t)
{
    for (int k = 0; k < 13; k++)
        FUZZ_REQUIRE(t->levels[k] >= 0, "level %d = %d", k, (int)t->levels[k]);
    FUZZ_REQUIRE(t->ic_n_layers >= 0 && t->ic_n_layers <= AGRO_DSSAT_MAX_LAYERS &&
                     t->sa_n_layers >= 0 && t->sa_n_layers <= AGRO_DSSAT_MAX_LAYERS &&
                     t->n_irrigations >= 0 && t->n_irrigations <= AGRO_DSSAT_MAX_IRRIGATIONS &&
                     t->n_fertilisers >= 0 && t->n_fertilisers <= AGRO_DSSAT_MAX_FERTILISERS &&
                     t->n_residues >= 0 && t->n_residues <= AGRO_DSSAT_MAX_RESIDUES &&
                     t->n_harvests >= 0 && t->n_harvests <= AGRO_DSSAT_MAX_HARVESTS &&
                     t->n_envmods >= 0 && t->n_envmods <= AGRO_DSSAT_MAX_ENVMODS,
                 "event counts out of range");
    for (int i = 0; i < t->ic_n_layers; i++) {
        FUZZ_FINITE(t->ic_depth_cm[i]);
        FUZZ_NAN_OR_FINITE(t->ic_sw[i]);
        FUZZ_NAN_OR_FINITE(t->ic_nh4_ppm[i]);
        FUZZ_NAN_OR_FINITE(t->ic_no3_ppm[i]);
    }
    for (int i = 0; i < t->sa_n_layers; i++)
        FUZZ_FINITE(t->sa_depth_cm[i]);
    /* an irrigation row kept is a real event: an amount, IROP IR001-IR011 and a day (DSSAT's
       IPIRR stops on a missing IDATE, error 10, and on another IROP, error 12): a YEARDOY, or
       with IRRIG D days after planting 0..3660 (get_event_day's range) */
    for (int i = 0; i < t->n_irrigations; i++) {
        FUZZ_REQUIRE(isfinite(t->irr_value_mm[i]) && t->irr_value_mm[i] >= 0.0, "IRVAL %g",
                     t->irr_value_mm[i]);
        FUZZ_REQUIRE(t->irr_operation[i] >= 1 && t->irr_operation[i] <= 11, "IROP %d",
                     (int)t->irr_operation[i]);
        const int32_t d = t->irr_date[i];
        if (t->irrig_mode == 'D')
            FUZZ_REQUIRE(d >= 0 && d <= 3660, "IRRIG D: IDATE %d", (int)d);
        else
            FUZZ_REQUIRE(d > 0 && d % 1000 >= 1 && d % 1000 <= agro_days_in_year(d / 1000),
                         "IRRIG %c: IDATE %d", (char)t->irrig_mode, (int)d);
    }
    for (int i = 0; i < t->n_fertilisers; i++)
        FUZZ_NAN_OR_FINITE(t->fert_n_kg_ha[i]);
    for (int i = 0; i < t->n_residues; i++)
        FUZZ_NAN_OR_FINITE(t->res_amount_kg_ha[i]);
    FUZZ_NAN_OR_FINITE(t->plants_sown_m2);
    FUZZ_NAN_OR_FINITE(t->plants_emerged_m2);
    FUZZ_NAN_OR_FINITE(t->row_spacing_cm);
    FUZZ_NAN_OR_FINITE(t->sowing_depth_cm);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128];
    fuzz_write("input.MZX", data, size, path, sizeof path);
    agro_ctx *ctx = fuzz_ctx();
    agro_dssat_exp *x = NULL;
    int rc = agro_dssat_exp_load(ctx, path, &x);
    if (rc) {
        FUZZ_REQUIRE(x == NULL, "output set on failure");
        fuzz_expect_error(ctx, rc, path, NULL);
        agro_ctx_free(ctx);
        return 0;
    }
    int32_t nt = 0;
    agro_dssat_exp_n_treatments(x, &nt);
    FUZZ_REQUIRE(nt > 0, "loaded without treatments");
    for (int32_t i = 0; i < nt; i++) {
        int32_t number;
        FUZZ_REQUIRE(agro_dssat_exp_treatment_number(x, i, &number) == AGRO_OK, "number %d",
                     (int)i);
        agro_ctx_clear(ctx);
        rc = agro_dssat_treatment_get(ctx, x, number, &TRT);
        if (rc) {
            /* documented: a factor level the section lacks, a malformed soil analysis */
            fuzz_expect_error(ctx, rc, path, NULL);
            continue;
        }
        check_treatment(&TRT);
        if (i != 0)
            continue;
        agro_soil_profile soil = SOIL;
        agro_ctx_clear(ctx);
        rc = agro_dssat_soil_prepare(ctx, &TRT, &soil);
        if (rc) {
            fuzz_expect_error(ctx, rc, NULL, NULL);
            continue;
        }
        const agro_dssat_site site = {29.63, 20.9, 13.1, NAN, 2.0};
        agro_ctx_clear(ctx);
        rc = agro_dssat_season_spec(ctx, &TRT, &soil, &CULTIVAR, &site, path, &SPEC);
        if (rc)
            fuzz_expect_error(ctx, rc, path, NULL);
    }
    agro_dssat_exp_free(x);
    agro_ctx_free(ctx);
    return 0;
}
