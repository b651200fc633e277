/*
 * libFuzzer harness: DSSAT observation readers for IUAF9901 (shared X file, four treatments).
 * Built three times: FUZZ_OBS_A fuzzes the end-of-season file (agro_dssat_observed_load,
 * fuzz_dssat_a), FUZZ_OBS_PEST the pest columns of a time-series file (agro_dssat_pest_load for
 * every treatment, then agro_dssat_pest_damage on days around the season, fuzz_dssat_pest), else
 * the in-season observations of a time-series file (agro_dssat_timeseries_load, fuzz_dssat_t).
 * Oracle: an error names the file; what loads belongs to a treatment of the experiment, carries
 * a valid YEARDOY and values that are NaN (missing) or finite and not negative; damage levels
 * stay within the reader's documented bounds.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include "fuzz_common.h"

#define XFILE AGROSIM_VALIDATION_DIR "/dssat/Maize/IUAF9901.MZX"
enum { MAX_ROWS = 64 };

static const agro_dssat_exp *experiment(void)
{
    static agro_dssat_exp *x;
    if (!x) {
        agro_ctx *ctx = fuzz_ctx();
        if (agro_dssat_exp_load(ctx, XFILE, &x) != AGRO_OK) {
            char msg[AGRO_MESSAGE_MAX];
            agro_ctx_message(ctx, msg, sizeof msg);
            fprintf(stderr, "fuzz_dssat_obs: %s\n", msg);
            abort();
        }
        agro_ctx_free(ctx);
    }
    return x;
}

static int32_t n_treatments(const agro_dssat_exp *x)
{
    int32_t n = 0;
    if (agro_dssat_exp_n_treatments(x, &n) != AGRO_OK)
        abort();
    return n;
}

static int32_t treatment_number(const agro_dssat_exp *x, int32_t i)
{
    int32_t t = 0;
    if (agro_dssat_exp_treatment_number(x, i, &t) != AGRO_OK)
        abort();
    return t;
}

#ifndef FUZZ_OBS_PEST
static int defines_treatment(const agro_dssat_exp *x, int32_t trno)
{
    for (int32_t i = 0; i < n_treatments(x); i++)
        if (treatment_number(x, i) == trno)
            return 1;
    return 0;
}
#endif

static void check_date(int32_t d, int may_be_zero)
{
    if (may_be_zero && d == 0)
        return;
    int32_t doy = d % 1000;
    FUZZ_REQUIRE(d >= 1000 && doy >= 1 && doy <= 366, "YEARDOY %d", (int)d);
}

#define FUZZ_MISSING_OR_NONNEG(v) \
    FUZZ_REQUIRE(isnan(v) || (isfinite(v) && (v) >= 0), "%s = %g", #v, (double)(v))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const agro_dssat_exp *x = experiment();
    char path[128];
    agro_ctx *ctx = fuzz_ctx();
#if defined(FUZZ_OBS_A)
    fuzz_write("IUAF9901.MZA", data, size, path, sizeof path);
    agro_dssat_observed rows[MAX_ROWS];
    int32_t n = -1;
    int rc = agro_dssat_observed_load(ctx, path, x, rows, MAX_ROWS, &n);
    if (rc) {
        fuzz_expect_error(ctx, rc, path, NULL);
    } else {
        FUZZ_REQUIRE(n >= 0 && n <= MAX_ROWS, "n = %d", (int)n);
        for (int32_t i = 0; i < n; i++) {
            const agro_dssat_observed *o = &rows[i];
            FUZZ_REQUIRE(defines_treatment(x, o->treatment), "treatment %d", (int)o->treatment);
            check_date(o->anthesis_date, 1);
            check_date(o->maturity_date, 1);
            FUZZ_NAN_OR_FINITE(o->yield_kg_ha);
            FUZZ_NAN_OR_FINITE(o->anthesis_dap);
            FUZZ_NAN_OR_FINITE(o->maturity_dap);
            FUZZ_NAN_OR_FINITE(o->kernel_weight_g);
            FUZZ_NAN_OR_FINITE(o->kernels_m2);
            FUZZ_NAN_OR_FINITE(o->tops_kg_ha);
            FUZZ_NAN_OR_FINITE(o->lai_max);
        }
    }
#elif defined(FUZZ_OBS_PEST)
    fuzz_write("IUAF9901.MZT", data, size, path, sizeof path);
    static agro_dssat_pest p; /* 42 kB: not on the stack */
    for (int32_t i = 0; i < n_treatments(x); i++) {
        int32_t trno = treatment_number(x, i);
        agro_ctx_clear(ctx);
        int rc = agro_dssat_pest_load(ctx, path, x, trno, &p);
        if (rc) {
            fuzz_expect_error(ctx, rc, path, NULL);
            break;
        }
        for (int c = 0; c < AGRO_DSSAT_PEST_N; c++) {
            FUZZ_REQUIRE(p.n_obs[c] >= 0 && p.n_obs[c] <= AGRO_DSSAT_MAX_PEST_OBS, "n_obs %d",
                         (int)p.n_obs[c]);
            for (int32_t k = 0; k < p.n_obs[c]; k++) {
                check_date(p.date[c][k], 0);
                if (k)
                    FUZZ_REQUIRE(p.date[c][k] > p.date[c][k - 1], "dates not ascending");
                FUZZ_REQUIRE(isfinite(p.value[c][k]) && p.value[c][k] >= 0 &&
                                 p.value[c][k] <= (c < AGRO_DSSAT_PEST_ALMD ? 100.0
                                                                            : AGRO_DSSAT_PEST_MAX_ABS),
                             "code %d level %g", c, p.value[c][k]);
            }
        }
        /* 1999: the season of IUAF9901 and the days around it */
        for (int32_t doy = 100; doy <= 366; doy += 3) {
            agro_crop_damage d;
            FUZZ_REQUIRE(agro_dssat_pest_damage(&p, 1999000 + doy, &d) == AGRO_OK, "damage");
            FUZZ_FINITE(d.leaf_pct);
            FUZZ_FINITE(d.stem_pct);
            FUZZ_FINITE(d.root_pct);
            FUZZ_FINITE(d.grain_pct);
            FUZZ_FINITE(d.plants_pct);
            FUZZ_FINITE(d.assimilate_pct);
            FUZZ_FINITE(d.leaf_g_m2);
            FUZZ_FINITE(d.stem_g_m2);
            FUZZ_FINITE(d.root_g_m2);
            FUZZ_FINITE(d.grain_g_m2);
            FUZZ_FINITE(d.plants_m2);
            FUZZ_REQUIRE(d.leaf_pct >= 0 && d.leaf_pct <= 100, "leaf_pct %g", d.leaf_pct);
        }
    }
#else
    fuzz_write("IUAF9901.MZT", data, size, path, sizeof path);
    static agro_dssat_observed_day rows[4 * MAX_ROWS];
    int32_t n = -1;
    int rc = agro_dssat_timeseries_load(ctx, path, x, rows, 4 * MAX_ROWS, &n);
    if (rc) {
        fuzz_expect_error(ctx, rc, path, NULL);
    } else {
        FUZZ_REQUIRE(n >= 0 && n <= 4 * MAX_ROWS, "n = %d", (int)n);
        for (int32_t i = 0; i < n; i++) {
            const agro_dssat_observed_day *o = &rows[i];
            FUZZ_REQUIRE(defines_treatment(x, o->treatment), "treatment %d", (int)o->treatment);
            check_date(o->date, 0);
            FUZZ_MISSING_OR_NONNEG(o->tops_kg_ha);
            FUZZ_MISSING_OR_NONNEG(o->lai);
            FUZZ_MISSING_OR_NONNEG(o->grain_kg_ha);
            FUZZ_MISSING_OR_NONNEG(o->tops_n_kg_ha);
        }
    }
#endif
    agro_ctx_free(ctx);
    return 0;
}
