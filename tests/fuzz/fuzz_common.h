/*
 * Shared part of the libFuzzer harnesses (tests/fuzz/README.md): the input bytes go to a file
 * in a private temporary folder (the readers take paths), each call gets a fresh agro_ctx, and
 * the oracle of tests/test_input_mutations.c is applied: a loader returns AGRO_OK or a negative
 * AGRO_E* status whose context message is not empty and names the file; what loads is sane.
 * A broken oracle aborts, which libFuzzer reports as a crash with the input saved.
 * Define _POSIX_C_SOURCE 200809L before the first #include.
 */
#ifndef AGROSIM_FUZZ_COMMON_H
#define AGROSIM_FUZZ_COMMON_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agrosim/agrosim.h"

/* The private folder of this process, made once and removed at exit. */
static char fuzz_dir[64];

static inline void fuzz_dir_remove(void)
{
    /* the harnesses write a fixed, small set of names (fuzz_write) */
    static const char *const names[] = {"input.MZX", "SOIL.SOL", "INPUT.WTH", "input.csv",
                                        "MZCER048.CUL", "MZCER048.ECO", "input.json",
                                        "IUAF9901.MZA", "IUAF9901.MZT", "summary.csv",
                                        "daily.csv"};
    char p[128];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", fuzz_dir, names[i]);
        unlink(p);
    }
    rmdir(fuzz_dir);
}

static inline const char *fuzz_tmpdir(void)
{
    if (!fuzz_dir[0]) {
        snprintf(fuzz_dir, sizeof fuzz_dir, "/tmp/agrosim_fuzz_XXXXXX");
        if (!mkdtemp(fuzz_dir)) {
            perror("mkdtemp");
            abort();
        }
        atexit(fuzz_dir_remove);
    }
    return fuzz_dir;
}

/* Write @p n bytes to <tmpdir>/@p name; the path goes to @p path (@p np bytes). */
static inline void fuzz_write(const char *name, const uint8_t *data, size_t n, char *path, size_t np)
{
    snprintf(path, np, "%s/%s", fuzz_tmpdir(), name);
    FILE *fp = fopen(path, "wb");
    if (!fp || fwrite(data, 1, n, fp) != n || fclose(fp) != 0) {
        perror(path);
        abort();
    }
}

/* Abort with a message: libFuzzer saves the input as a crash. */
#define FUZZ_REQUIRE(cond, ...)                                                          \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            fprintf(stderr, "fuzz oracle: %s:%d: %s: ", __FILE__, __LINE__, #cond);       \
            fprintf(stderr, __VA_ARGS__);                                                \
            fputc('\n', stderr);                                                         \
            abort();                                                                     \
        }                                                                                \
    } while (0)

/*
 * A failed load: an AGRO_E* status and a non-empty message naming @p file (or @p other when
 * not NULL: a call reading two files may name either).
 */
static inline void fuzz_expect_error(agro_ctx *ctx, int rc, const char *file, const char *other)
{
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    FUZZ_REQUIRE(rc < 0 && rc >= AGRO_ELIMIT, "status %d (%s)", rc, msg);
    FUZZ_REQUIRE(msg[0] != '\0', "status %d with an empty message", rc);
    if (file)
        FUZZ_REQUIRE(strstr(msg, file) || (other && strstr(msg, other)),
                     "message names neither %s nor %s: %s", file, other ? other : "-", msg);
}

/* A double the API documents as "NaN when missing": never infinite. */
#define FUZZ_NAN_OR_FINITE(v) FUZZ_REQUIRE(!isinf(v), "%s = %g", #v, (double)(v))
#define FUZZ_FINITE(v) FUZZ_REQUIRE(isfinite(v), "%s = %g", #v, (double)(v))

static inline agro_ctx *fuzz_ctx(void)
{
    agro_ctx *ctx = NULL;
    if (agro_ctx_create(&ctx) != AGRO_OK)
        abort();
    return ctx;
}

/* A loaded soil profile: values finite or documented NaN, and it passes agro_soil_validate. */
static inline void fuzz_check_soil(agro_ctx *ctx, const agro_soil_profile *s)
{
    FUZZ_REQUIRE(s->n_layers >= 1 && s->n_layers <= AGRO_SOIL_MAX_LAYERS, "%d layers",
                 (int)s->n_layers);
    FUZZ_FINITE(s->albedo);
    FUZZ_FINITE(s->evap_limit_mm);
    FUZZ_FINITE(s->drainage_rate_d);
    FUZZ_FINITE(s->runoff_curve_number);
    FUZZ_FINITE(s->mineralisation_factor);
    FUZZ_FINITE(s->photosynthesis_factor);
    FUZZ_NAN_OR_FINITE(s->latitude_deg);
    FUZZ_NAN_OR_FINITE(s->longitude_deg);
    for (int i = 0; i < s->n_layers; i++) {
        FUZZ_FINITE(s->depth_cm[i]);
        FUZZ_FINITE(s->ll[i]);
        FUZZ_FINITE(s->dul[i]);
        FUZZ_FINITE(s->sat[i]);
        FUZZ_FINITE(s->root_growth_factor[i]);
        FUZZ_FINITE(s->stones_pct[i]);
        FUZZ_NAN_OR_FINITE(s->ksat_cm_h[i]);
        FUZZ_NAN_OR_FINITE(s->bulk_density_g_cm3[i]);
        FUZZ_NAN_OR_FINITE(s->organic_carbon_pct[i]);
        FUZZ_NAN_OR_FINITE(s->clay_pct[i]);
        FUZZ_NAN_OR_FINITE(s->silt_pct[i]);
        FUZZ_NAN_OR_FINITE(s->total_n_pct[i]);
        FUZZ_NAN_OR_FINITE(s->ph_water[i]);
        FUZZ_NAN_OR_FINITE(s->cec_cmol_kg[i]);
        FUZZ_NAN_OR_FINITE(s->extractable_p_mg_kg[i]);
        FUZZ_NAN_OR_FINITE(s->organic_p_mg_kg[i]);
    }
    int rc = agro_soil_validate(ctx, s, "loaded");
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    FUZZ_REQUIRE(rc == AGRO_OK, "loaded profile fails validation: %s", msg);
}

/* A loaded weather series: valid dates; a NaN required value only as a counted missing value
 * that agro_weather_check refuses naming @p file. */
static inline void fuzz_check_weather(agro_ctx *ctx, const agro_weather *w, const char *file)
{
    agro_weather_info in;
    FUZZ_REQUIRE(agro_weather_get_info(w, &in) == AGRO_OK, "info");
    FUZZ_REQUIRE(in.n_days >= 1, "%d days", (int)in.n_days);
    FUZZ_NAN_OR_FINITE(in.latitude_deg);
    FUZZ_NAN_OR_FINITE(in.longitude_deg);
    FUZZ_NAN_OR_FINITE(in.elevation_m);
    FUZZ_FINITE(in.tav_C);
    FUZZ_FINITE(in.amp_C);
    FUZZ_FINITE(in.refht_m);
    FUZZ_FINITE(in.wndht_m);
    const agro_weather_day *d = agro_weather_days(w);
    for (int32_t i = 0; i < in.n_days; i++) {
        FUZZ_REQUIRE(d[i].doy >= 1 && d[i].doy <= agro_days_in_year(d[i].year), "day %d: %d-%d",
                     (int)i, (int)d[i].year, (int)d[i].doy);
        const double req[4] = {d[i].srad_MJ_m2_d, d[i].tmax_C, d[i].tmin_C, d[i].rain_mm};
        int missing = 0;
        for (int k = 0; k < 4; k++) {
            FUZZ_NAN_OR_FINITE(req[k]);
            missing |= isnan(req[k]);
        }
        FUZZ_NAN_OR_FINITE(d[i].tdew_C);
        FUZZ_NAN_OR_FINITE(d[i].wind_km_d);
        FUZZ_NAN_OR_FINITE(d[i].rhum_pct);
        FUZZ_NAN_OR_FINITE(d[i].par_mol_m2_d);
        FUZZ_NAN_OR_FINITE(d[i].vprs_kPa);
        if (missing) {
            FUZZ_REQUIRE(in.n_missing > 0, "day %d NaN but no missing value counted", (int)i);
            agro_ctx_clear(ctx);
            int rc = agro_weather_check(ctx, w, i, 1);
            /* weather.h and refused_day (lib/weather/series.c): a value DSSAT stops on or an
               optional value no air has is refused (AGRO_ERANGE) before a missing one */
            const int bad = req[0] < 0.0 || req[0] > 100.0 || req[3] < 0.0 || req[2] > req[1] ||
                            (fabs(req[1]) < 0.005 && fabs(req[2]) < 0.005) ||
                            d[i].wind_km_d < 0.0 || d[i].par_mol_m2_d < 0.0 ||
                            d[i].vprs_kPa < 0.0 || d[i].rhum_pct < 0.0 || d[i].rhum_pct > 100.0;
            FUZZ_REQUIRE(rc == AGRO_EMISSING || (bad && rc == AGRO_ERANGE),
                         "day %d: NaN required value, check gives %d", (int)i, rc);
            fuzz_expect_error(ctx, rc, file, NULL);
        } else if (req[0] < 0.0 || req[0] > 100.0 || req[3] < 0.0 || req[2] > req[1]) {
            /* a value DSSAT's DailyWeatherCheck stops on: loaded (.WTH), counted, refused */
            FUZZ_REQUIRE(in.n_bad_days > 0, "day %d: a bad value but no bad day counted", (int)i);
            agro_ctx_clear(ctx);
            int rc = agro_weather_check(ctx, w, i, 1);
            FUZZ_REQUIRE(rc == AGRO_ERANGE, "day %d: a value DSSAT stops on, check gives %d",
                         (int)i, rc);
            fuzz_expect_error(ctx, rc, file, NULL);
        }
    }
    /* the whole series: AGRO_OK or an error naming the file */
    agro_ctx_clear(ctx);
    int rc = agro_weather_check(ctx, w, 0, in.n_days);
    if (rc)
        fuzz_expect_error(ctx, rc, file, NULL);
}

#endif
