/* CERES-Maize: cultivar readers, helper equations, and whole-season behaviour (phenology
 * against observed anthesis, density response). */
#define _POSIX_C_SOURCE 200809L /* mkdtemp in helpers/files.h */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers/files.h"
#include "agrosim/agrosim.h"
#include "agrosim/field.h"
#include "maize/maize_internal.h"
#include "weather/solar_internal.h"

#define GENO AGROSIM_VALIDATION_DIR "/dssat/Genotype/"
#define CUL GENO "MZCER048.CUL"
#define ECO GENO "MZCER048.ECO"

static agro_ctx *ctx;
static void setup(void) { cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK); }
static void teardown(void) { agro_ctx_free(ctx); }

static void message(char *buf, size_t n) { agro_ctx_message(ctx, buf, n); }

TestSuite(maize_cultivar, .init = setup, .fini = teardown);

Test(maize_cultivar, dssat_cultivar_and_ecotype_are_read_by_column_name) {
    agro_maize_cultivar c;
    cr_assert_eq(agro_maize_cultivar_load_dssat(ctx, CUL, ECO, "IB0035", &c), AGRO_OK);
    /* MZCER048.CUL: IB0035 McCurdy 84aa . IB0001 259.0 1.193 947.1 924.3 8.168 43.00 */
    cr_expect_float_eq(c.p1_Cd, 259.0, 1e-9);
    cr_expect_float_eq(c.p2_d_per_h, 1.193, 1e-9);
    cr_expect_float_eq(c.p5_Cd, 947.1, 1e-9);
    cr_expect_float_eq(c.g2_kernels, 924.3, 1e-9);
    cr_expect_float_eq(c.g3_mg_d, 8.168, 1e-9);
    cr_expect_float_eq(c.phint_Cd, 43.0, 1e-9);
    /* ecotype IB0001 */
    cr_expect_float_eq(c.tbase_C, 8.0, 1e-9);
    cr_expect_float_eq(c.topt_C, 34.0, 1e-9);
    cr_expect_float_eq(c.p20_h, 12.5, 1e-9);
    cr_expect_float_eq(c.dsgft_Cd, 170.0, 1e-9);
    cr_expect_float_eq(c.rue_g_MJ, 4.2, 1e-9);
    cr_expect_float_eq(c.gdde_Cd_cm, 6.0, 1e-9);
}

Test(maize_cultivar, unknown_cultivar_names_file_and_id) {
    agro_maize_cultivar c;
    cr_assert_eq(agro_maize_cultivar_load_dssat(ctx, CUL, ECO, "XX9999", &c), AGRO_ENOTFOUND);
    char m[AGRO_MESSAGE_MAX];
    message(m, sizeof m);
    cr_expect(strstr(m, "MZCER048.CUL") != NULL, "%s", m);
    cr_expect(strstr(m, "XX9999") != NULL, "%s", m);
}

#define MAIZE_TMP AGROSIM_BINARY_DIR "/tests/maize_tmp"

/* Copy @p src to MAIZE_TMP/@p name with the first @p from replaced by @p to (@p to_len bytes, so
 * it may hold a NUL); the path goes to @p out. */
static const char *patched_copy(char *out, size_t n, const char *src, const char *name,
                                const char *from, const char *to, size_t to_len) {
    mkdir(AGROSIM_BINARY_DIR "/tests", 0777);
    mkdir(MAIZE_TMP, 0777);
    snprintf(out, n, "%s", helper_patched_copy(MAIZE_TMP, src, name, from, to, to_len));
    return out;
}

/* Found by tests/test_input_mutations.c. An ecotype value out of range used to be reported as
 * an error of the .CUL file without a line; a value longer than 31 characters was cut to its
 * first 31 ("000…0015.0" read as CDAY 0); a value shifted into its neighbour's column silently
 * dropped one of the two; a NUL byte ended the line there; an unknown ecotype named only the
 * .ECO file, not the cultivar line that names it. */
Test(maize_cultivar, bad_values_name_their_own_file_line_and_column) {
    agro_maize_cultivar c;
    char m[AGRO_MESSAGE_MAX], cul[512], eco[512];
    /* ECO line 23: IB0001 GENERIC MIDWEST1    8.0 34.0  34.0  12.5 ... 0.85   6.0  15.0 */
    patched_copy(eco, sizeof eco, ECO, "R.ECO", "MIDWEST1    8.0", "MIDWEST1   -1.0", 15);
    cr_expect_eq(agro_maize_cultivar_load_dssat(ctx, CUL, eco, "IB0035", &c), AGRO_ERANGE);
    message(m, sizeof m);
    cr_expect(strstr(m, "R.ECO:23: TBASE: IB0001: value -1 outside [0, 15]") != NULL, "%s", m);

    const char *longer = "0.85   6.0  000000000000000000000000000000000015.0";
    patched_copy(eco, sizeof eco, ECO, "L.ECO", "0.85   6.0  15.0", longer, strlen(longer));
    cr_expect_eq(agro_maize_cultivar_load_dssat(ctx, CUL, eco, "IB0035", &c), AGRO_EFORMAT);
    message(m, sizeof m);
    cr_expect(strstr(m, "L.ECO:23: CDAY: value longer than 31 characters") != NULL, "%s", m);

    patched_copy(eco, sizeof eco, ECO, "T.ECO", "0.85   6.0  15.0", "0.85   6.0  15.0 16.0", 21);
    cr_expect_eq(agro_maize_cultivar_load_dssat(ctx, CUL, eco, "IB0035", &c), AGRO_EFORMAT);
    message(m, sizeof m);
    cr_expect(strstr(m, "T.ECO:23: CDAY: two values under this column ('15.0' and '16.0')") != NULL,
              "%s", m);

    patched_copy(eco, sizeof eco, ECO, "N.ECO", "0.85   6.0  15.0", "0.85   6.0  1\0005.0", 16);
    cr_expect_eq(agro_maize_cultivar_load_dssat(ctx, CUL, eco, "IB0035", &c), AGRO_EFORMAT);
    message(m, sizeof m);
    cr_expect(strstr(m, "N.ECO:23: NUL byte at column") != NULL, "%s", m);

    /* CUL line 98: IB0035 McCurdy 84aa . IB0001 259.0 ... */
    patched_copy(cul, sizeof cul, CUL, "E.CUL", ". IB0001 259.0", ". IB0999 259.0", 14);
    cr_expect_eq(agro_maize_cultivar_load_dssat(ctx, cul, ECO, "IB0035", &c), AGRO_ENOTFOUND);
    message(m, sizeof m);
    cr_expect(strstr(m, "E.CUL:98: ECO#: IB0035: ecotype 'IB0999' not found in") != NULL, "%s", m);
    cr_expect(strstr(m, "MZCER048.ECO") != NULL, "%s", m);
}

/* The shared .CUL and .ECO copied to MAIZE_TMP/EOL.CUL and EOL.ECO (paths to @p cul and @p eco,
 * @p n bytes each) with line end @p k (helper_eol). */
static void eol_copies(char *cul, char *eco, size_t n, int k) {
    mkdir(AGROSIM_BINARY_DIR "/tests", 0777);
    mkdir(MAIZE_TMP, 0777);
    snprintf(cul, n, "%s", helper_eol_copy(MAIZE_TMP, CUL, "EOL.CUL", NULL, NULL, helper_eol(k)));
    snprintf(eco, n, "%s", helper_eol_copy(MAIZE_TMP, ECO, "EOL.ECO", NULL, NULL, helper_eol(k)));
}

/* A .CUL or .ECO file saved with classic Mac OS line ends (a lone CR) read as one line, so no
 * cultivar or ecotype was found: LF, CRLF and a lone CR now each end a line, CRLF once. The three
 * forms load the same coefficients bit for bit, and an error is on the same line in each. */
Test(maize_cultivar, cul_and_eco_files_read_alike_with_lf_crlf_or_lone_cr_line_ends) {
    static const char *const ids[] = {"PC0001", "IB0035", "IB0171"};
    agro_maize_cultivar lf[3];
    char cul[512], eco[512], m[AGRO_MESSAGE_MAX];
    for (int k = 0; k < 3; k++) {
        eol_copies(cul, eco, sizeof cul, k);
        for (int i = 0; i < 3; i++) {
            agro_maize_cultivar c;
            memset(&c, 0, sizeof c);
            cr_assert_eq(agro_maize_cultivar_load_dssat(ctx, cul, eco, ids[i], &c), AGRO_OK,
                         "eol %d %s", k, ids[i]);
            if (k == 0)
                lf[i] = c;
            else
                cr_expect(memcmp(&c, &lf[i], sizeof c) == 0, "eol %d: %s differs", k, ids[i]);
        }
    }
    cr_expect_float_eq(lf[2].p2_d_per_h, 0.5, 1e-12);
    /* CUL line 151: IB0171 AG9010 . IB0001 196.0 0.500 ...;
     * ECO line 23: IB0001 GENERIC MIDWEST1 8.0 34.0 ... */
    static const struct {
        const char *file, *from, *to, *want;
    } bad[] = {
        {CUL, ". IB0001 196.0 0.500", ". IB0001 196.0 x.500",
         "EOL.CUL:151: P2: not a number ('x.500')"},
        {ECO, "MIDWEST1    8.0 34.0", "MIDWEST1    8.0 3x.0",
         "EOL.ECO:23: TOPT: not a number ('3x.0')"},
    };
    for (int b = 0; b < 2; b++) {
        char first[AGRO_MESSAGE_MAX] = "";
        for (int k = 0; k < 3; k++) {
            eol_copies(cul, eco, sizeof cul, k);
            helper_eol_copy(MAIZE_TMP, bad[b].file, b == 0 ? "EOL.CUL" : "EOL.ECO", bad[b].from,
                            bad[b].to, helper_eol(k));
            agro_maize_cultivar c;
            cr_expect_eq(agro_maize_cultivar_load_dssat(ctx, cul, eco, "IB0171", &c), AGRO_EFORMAT,
                         "case %d eol %d", b, k);
            message(m, sizeof m);
            if (k == 0) {
                cr_expect(strstr(m, bad[b].want) != NULL, "case %d: %s", b, m);
                snprintf(first, sizeof first, "%s", m);
            } else {
                cr_expect_str_eq(m, first, "case %d eol %d", b, k);
            }
        }
    }
}

Test(maize_cultivar, missing_file_is_an_io_error) {
    agro_maize_cultivar c;
    cr_expect_eq(agro_maize_cultivar_load_dssat(ctx, "/nonexistent/X.CUL", ECO, "IB0035", &c), AGRO_EIO);
}

Test(maize_cultivar, json_cultivar_matches_the_dssat_line_it_cites) {
    agro_maize_cultivar j, d;
    char name[128];
    cr_assert_eq(agro_maize_cultivar_load_json(ctx, AGROSIM_SOURCE_DIR "/models/cultivars/maize_h613_hybrid.json",
                                               &j, name, sizeof name), AGRO_OK);
    cr_assert_eq(agro_maize_cultivar_load_dssat(ctx, CUL, ECO, "KY0008", &d), AGRO_OK);
    cr_expect(memcmp(&j, &d, sizeof j) == 0, "JSON H613 differs from MZCER048.CUL KY0008");
    cr_expect(strstr(name, "H613") != NULL);
    /* a name that does not fit the caller's buffer is an error naming the key, as for soils
       (it was cut silently; found by probing the public API) */
    char small[3];
    cr_expect_eq(agro_maize_cultivar_load_json(ctx, AGROSIM_SOURCE_DIR "/models/cultivars/maize_h613_hybrid.json",
                                               &j, small, sizeof small), AGRO_ERANGE);
    char m[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, m, sizeof m);
    cr_expect(strstr(m, "name") != NULL, "%s", m);
}

static const char *write_tmp(const char *name, const char *text) {
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", AGROSIM_BINARY_DIR, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

Test(maize_cultivar, json_errors_name_the_key) {
    agro_maize_cultivar c;
    char m[AGRO_MESSAGE_MAX];
    const char *p = write_tmp("maize_bad_key.json",
                              "{\"schema_version\":1,\"name\":\"x\",\"crop\":\"maize\",\"source\":\"t\",\n"
                              "\"p1_Cd\":200,\"p2_d_per_h\":0.5,\"p5_Cd\":700,\"g2_kernels\":800,\n"
                              "\"g3_mg_d\":9,\"phint_Cd\":45,\"p9\":3}\n");
    cr_expect_eq(agro_maize_cultivar_load_json(ctx, p, &c, NULL, 0), AGRO_EKEY);
    message(m, sizeof m);
    cr_expect(strstr(m, "p9") != NULL, "%s", m);
    p = write_tmp("maize_bad_range.json",
                  "{\"schema_version\":1,\"name\":\"x\",\"crop\":\"maize\",\"source\":\"t\",\n"
                  "\"p1_Cd\":200,\"p2_d_per_h\":0.5,\"p5_Cd\":700,\"g2_kernels\":-800,\n"
                  "\"g3_mg_d\":9,\"phint_Cd\":45}\n");
    cr_expect_eq(agro_maize_cultivar_load_json(ctx, p, &c, NULL, 0), AGRO_ERANGE);
    message(m, sizeof m);
    cr_expect(strstr(m, "g2_kernels") != NULL && strstr(m, ":2:") != NULL, "%s", m);
}

/* MZ_PHENOL caps GPP at G2 and then floors it at 51: a G2 of 50.5, accepted, gave 51 kernels per
   plant, more than the cultivar's potential (a random probe of the maize module) */
Test(maize_cultivar, a_g2_below_the_kernel_floor_of_51_is_refused) {
    agro_maize_cultivar c;
    char m[AGRO_MESSAGE_MAX];
    cr_assert_eq(agro_maize_cultivar_load_dssat(ctx, CUL, ECO, "IB0059", &c), AGRO_OK);
    c.g2_kernels = 50.5;
    cr_expect_eq(agro_maize_cultivar_validate(ctx, &c, "test"), AGRO_ERANGE);
    message(m, sizeof m);
    cr_expect(strstr(m, "G2") != NULL && strstr(m, "[51, 2000]") != NULL, "%s", m);
    c.g2_kernels = 51.0;
    cr_expect_eq(agro_maize_cultivar_validate(ctx, &c, "test"), AGRO_OK);
}

/* MZ_PHENOL (RUNINIT) reads an .ECO TSEN below 1e-6 as 6 °C and a negative CDAY as 15 d, DSSAT's
   missing -99 among them: agrosim refused -99 ("outside [-10, 20]") and ran a TSEN of 0 or -5
   as written, where DSSAT runs the same file with 6 */
Test(maize_cultivar, an_eco_tsen_below_1e_6_is_6_and_a_negative_cday_15_as_in_dssat) {
    agro_maize_cultivar c;
    char eco[512];
    static const struct { const char *tsen_cday; double tsen, cday; } cases[] = {
        {"  -99   -99", 6.0, 15.0}, {"    0  -1.0", 6.0, 15.0}, {"   -5    20", 6.0, 20.0},
        {"  0.5   2.0", 0.5, 2.0},  {"  1e-7  15", 6.0, 15.0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        /* ECO line 23: IB0001 GENERIC MIDWEST1 ... 0.85   6.0  15.0 */
        char with[64];
        snprintf(with, sizeof with, "0.85 %s", cases[i].tsen_cday);
        patched_copy(eco, sizeof eco, ECO, "S.ECO", "0.85   6.0  15.0", with, strlen(with));
        char m[AGRO_MESSAGE_MAX];
        const int st = agro_maize_cultivar_load_dssat(ctx, CUL, eco, "IB0035", &c);
        message(m, sizeof m);
        cr_assert_eq(st, AGRO_OK, "'%s': %s", cases[i].tsen_cday, m);
        cr_expect_eq(c.tsen_C, cases[i].tsen, "TSEN of '%s': %g", cases[i].tsen_cday, c.tsen_C);
        cr_expect_eq(c.cday_d, cases[i].cday, "CDAY of '%s': %g", cases[i].tsen_cday, c.cday_d);
    }
}

/* ICOLD >= CDAY fails the crop (MZ_GROSUB) and ICOLD is 0 after a warm night: a CDAY of 0,
   accepted, failed every crop "from cold" on its emergence day at TMIN 18 C */
Test(maize_cultivar, a_cday_below_one_day_is_refused) {
    agro_maize_cultivar c;
    char m[AGRO_MESSAGE_MAX];
    cr_assert_eq(agro_maize_cultivar_load_dssat(ctx, CUL, ECO, "IB0059", &c), AGRO_OK);
    c.cday_d = 0.0;
    cr_expect_eq(agro_maize_cultivar_validate(ctx, &c, "test"), AGRO_ERANGE);
    message(m, sizeof m);
    cr_expect(strstr(m, "CDAY") != NULL && strstr(m, "[1, 100]") != NULL, "%s", m);
    c.cday_d = 1.0;
    cr_expect_eq(agro_maize_cultivar_validate(ctx, &c, "test"), AGRO_OK);
}

/* MZ_PHENOL starts effective grain fill at DSGFT after silking and ends it at 0.95·P5: DSGFT 400
   with P5 200, both in their ranges, left one day of grain fill and 137 kg/ha */
Test(maize_cultivar, a_dsgft_not_below_0_95_p5_is_refused_by_validate_and_the_readers) {
    agro_maize_cultivar c;
    char m[AGRO_MESSAGE_MAX];
    cr_assert_eq(agro_maize_cultivar_load_dssat(ctx, CUL, ECO, "IB0059", &c), AGRO_OK);
    c.p5_Cd = 200.0;
    c.dsgft_Cd = 190.0; /* = 0.95·P5 */
    cr_expect_eq(agro_maize_cultivar_validate(ctx, &c, "test"), AGRO_ERANGE);
    message(m, sizeof m);
    cr_expect(strstr(m, "DSGFT") != NULL && strstr(m, "0.95*P5 = 190") != NULL, "%s", m);
    c.dsgft_Cd = 189.0;
    cr_expect_eq(agro_maize_cultivar_validate(ctx, &c, "test"), AGRO_OK);
    const char *p = write_tmp("maize_dsgft.json",
                              "{\"schema_version\":1,\"name\":\"x\",\"crop\":\"maize\",\"source\":\"t\",\n"
                              "\"p1_Cd\":200,\"p2_d_per_h\":0.5,\"p5_Cd\":300,\"g2_kernels\":800,\n"
                              "\"g3_mg_d\":9,\"phint_Cd\":45,\n\"dsgft_Cd\":290}\n");
    cr_expect_eq(agro_maize_cultivar_load_json(ctx, p, &c, NULL, 0), AGRO_ERANGE);
    message(m, sizeof m);
    cr_expect(strstr(m, ":4:") != NULL && strstr(m, "dsgft_Cd") != NULL, "%s", m);
}

Test(maize_cultivar, validation_rejects_non_finite_coefficients) {
    agro_maize_cultivar c;
    cr_assert_eq(agro_maize_cultivar_load_dssat(ctx, CUL, ECO, "IB0059", &c), AGRO_OK);
    c.g3_mg_d = NAN;
    cr_expect_eq(agro_maize_cultivar_validate(ctx, &c, "test"), AGRO_ERANGE);
}

TestSuite(maize_equations);

Test(maize_equations, lifac_matches_the_brief_values) {
    /* BRIEF §1.2 [derived]: 0.643 at 0.75 m rows and 5.3 pl/m², 0.619 at 7, 0.597 at 9 */
    cr_expect(fabs(agro_maize_lifac(75.0, 5.3) - 0.643) < 0.001);
    cr_expect(fabs(agro_maize_lifac(75.0, 7.0) - 0.619) < 0.001);
    cr_expect(fabs(agro_maize_lifac(75.0, 9.0) - 0.597) < 0.001);
    cr_expect(isnan(agro_maize_lifac(0.0, 5.0)));
}

Test(maize_equations, kernel_number_is_clamped_and_barren_at_high_density) {
    double gpp, ears;
    /* ample growth: capped at G2, one ear per plant */
    cr_assert_eq(agro_maize_kernel_number(NULL, 800.0, 200.0, 10.0, 6.0, &gpp, &ears), AGRO_OK);
    cr_expect_float_eq(gpp, 800.0, 1e-9);
    cr_expect_float_eq(ears, 6.0, 1e-9);
    /* PSKER = 3 g/plant/d · 1000 · 3.4/5 = 2040 mg → GPP = 800·2040/7200 + 50 = 276.7 */
    cr_assert_eq(agro_maize_kernel_number(NULL, 800.0, 30.0, 10.0, 6.0, &gpp, &ears), AGRO_OK);
    cr_expect(fabs(gpp - (800.0 * 2040.0 / 7200.0 + 50.0)) < 1e-9);
    cr_expect_float_eq(ears, 6.0, 1e-9);
    /* same plant growth at 14 pl/m² (> 12, GPP < G2/2): high-density barrenness */
    cr_assert_eq(agro_maize_kernel_number(NULL, 800.0, 30.0, 10.0, 14.0, &gpp, &ears), AGRO_OK);
    cr_expect(ears < 14.0);
    /* starving plants: GPP floor 51 and stress barrenness (GPP < 0.15·G2) */
    cr_assert_eq(agro_maize_kernel_number(NULL, 800.0, 0.0, 10.0, 6.0, &gpp, &ears), AGRO_OK);
    cr_expect_float_eq(gpp, 51.0, 1e-9);
    cr_expect(ears < 6.0 && ears > 0.0);
    cr_expect_eq(agro_maize_kernel_number(NULL, 800.0, 1.0, 0.0, 6.0, &gpp, &ears), AGRO_EINVAL);
}

/* The status alone did not say which argument was refused. */
Test(maize_equations, kernel_number_refusals_name_the_argument, .init = setup, .fini = teardown) {
    double gpp, ears;
    char m[AGRO_MESSAGE_MAX];
    cr_expect_eq(agro_maize_kernel_number(ctx, 800.0, 1.0, 0.0, 6.0, &gpp, &ears), AGRO_EINVAL);
    agro_ctx_message(ctx, m, sizeof m);
    cr_expect(strstr(m, "idurp_d: must be finite and > 0 d (0)") != NULL, "%s", m);
    cr_expect_eq(agro_maize_kernel_number(ctx, NAN, 1.0, 10.0, 6.0, &gpp, &ears), AGRO_EINVAL);
    agro_ctx_message(ctx, m, sizeof m);
    cr_expect(strstr(m, "g2: must be finite and >= 51 kernels/plant, the floor of GPP (nan)") != NULL,
              "%s", m);
    /* below the floor of 51 the kernels were more than G2 (51 for 50.5) */
    cr_expect_eq(agro_maize_kernel_number(ctx, 50.5, 0.0, 10.0, 6.0, &gpp, &ears), AGRO_EINVAL);
    cr_expect_eq(agro_maize_kernel_number(ctx, 800.0, -1.0, 10.0, 6.0, &gpp, &ears), AGRO_EINVAL);
    agro_ctx_message(ctx, m, sizeof m);
    cr_expect(strstr(m, "sump_g_plant: must be finite and >= 0 g/plant (-1)") != NULL, "%s", m);
    cr_expect_eq(agro_maize_kernel_number(ctx, 800.0, 1.0, 10.0, -6.0, &gpp, &ears), AGRO_EINVAL);
    agro_ctx_message(ctx, m, sizeof m);
    cr_expect(strstr(m, "plants_m2: must be finite and >= 0 plants/m2 (-6)") != NULL, "%s", m);
    cr_expect_eq(agro_maize_kernel_number(ctx, 800.0, 1.0, 10.0, 6.0, &gpp, NULL), AGRO_EINVAL);
    agro_ctx_message(ctx, m, sizeof m);
    cr_expect(strstr(m, "ears_m2: NULL argument") != NULL, "%s", m);
    agro_ctx_clear(ctx);
    cr_assert_eq(agro_maize_kernel_number(ctx, 800.0, 30.0, 10.0, 6.0, &gpp, &ears), AGRO_OK);
    cr_expect_eq(agro_ctx_status(ctx), AGRO_OK);
}

Test(maize_equations, thermal_time_follows_the_ceres_cardinal_temperatures) {
    agro_maize_cultivar c;
    memset(&c, 0, sizeof c);
    agro_maize_ecotype_default(&c);
    /* below base: nothing; in range after the 10th leaf: mean − TBASE */
    cr_expect_float_eq(agro_maize_thermal_time(&c, 7.0, 2.0, 20.0, 12.0, 12.0, 0), 0.0, 1e-12);
    cr_expect_float_eq(agro_maize_thermal_time(&c, 30.0, 20.0, 20.0, 12.0, 12.0, 0), 17.0, 1e-12);
    /* above the optimum all day: DOPT − TBASE */
    cr_expect_float_eq(agro_maize_thermal_time(&c, 44.0, 36.0, 20.0, 12.0, 12.0, 0), 26.0, 1e-12);
    /* hot afternoons are clipped: less than the plain mean */
    double hot = agro_maize_thermal_time(&c, 42.0, 26.0, 20.0, 12.0, 12.0, 0);
    cr_expect(hot < 34.0 - 8.0 + 1e-9 && hot > 20.0, "dtt %g", hot);
    /* young plants (≤ 10 leaves) use the warmer soil-surface estimate */
    cr_expect(agro_maize_thermal_time(&c, 30.0, 15.0, 25.0, 12.0, 3.0, 0) >
              agro_maize_thermal_time(&c, 30.0, 15.0, 25.0, 12.0, 12.0, 0));
    /* a cold night can hold that estimate's day part (TDSOIL) below TBASE although the maximum
       is above it: nothing for the young plant, some hours for the older one (MZ_PHENOL) */
    cr_expect_eq(agro_maize_thermal_time(&c, 9.0, -5.0, 10.0, 12.0, 3.0, 0), 0.0);
    cr_expect_gt(agro_maize_thermal_time(&c, 9.0, -5.0, 10.0, 12.0, 12.0, 0), 0.0);
}

/* This call takes no context, so NaN is its refusal: a NaN temperature fell through the
   cardinal-temperature comparisons and read as 0 °C·d, a day without development. */
Test(maize_equations, thermal_time_of_a_non_finite_argument_is_nan) {
    agro_maize_cultivar c;
    memset(&c, 0, sizeof c);
    agro_maize_ecotype_default(&c);
    const double args[5] = {30.0, 20.0, 20.0, 12.0, 3.0};
    const double bad[3] = {NAN, INFINITY, -INFINITY};
    for (int i = 0; i < 5; i++)
        for (int k = 0; k < 3; k++) {
            double a[5];
            memcpy(a, args, sizeof a);
            a[i] = bad[k];
            const double tt = agro_maize_thermal_time(&c, a[0], a[1], a[2], a[3], a[4], 0);
            cr_expect(isnan(tt), "argument %d = %g gave %g", i + 1, bad[k], tt);
        }
    cr_expect(isnan(agro_maize_thermal_time(NULL, 30.0, 20.0, 20.0, 12.0, 3.0, 0)));
    cr_expect(isfinite(agro_maize_thermal_time(&c, 30.0, 20.0, 20.0, 12.0, 3.0, 0)));
}

/* A TMIN above TMAX is no day (agro_weather_check and the field refuse it, DSSAT's weather check
   stops on it): NaN, as for a non-finite argument. MZ_PHENOL, which does not swap them, took
   TMIN 1e6 as a day above the optimum, 26 °C·d; TMIN equal to TMAX is a day. */
Test(maize_equations, thermal_time_of_a_tmin_above_tmax_is_nan) {
    agro_maize_cultivar c;
    memset(&c, 0, sizeof c);
    agro_maize_ecotype_default(&c);
    const double tmin[3] = {1e6, 30.5, 20.0 + 1e-9};
    for (int k = 0; k < 3; k++)
        for (int leaves = 3; leaves <= 12; leaves += 9) {
            const double tt = agro_maize_thermal_time(&c, 20.0, tmin[k], 20.0, 12.0, leaves, 0);
            cr_expect(isnan(tt), "tmin %g, tmax 20, %d leaves: %g", tmin[k], leaves, tt);
        }
    cr_expect_float_eq(agro_maize_thermal_time(&c, 20.0, 20.0, 20.0, 12.0, 12.0, 0), 12.0, 1e-12);
}

Test(maize_equations, prft_is_zero_outside_and_one_on_the_plateau) {
    cr_expect_float_eq(agro_maize_prft(6.0, 2.0), 0.0, 1e-12);
    cr_expect_float_eq(agro_maize_prft(28.0, 18.0), 1.0, 1e-12);
    cr_expect(agro_maize_prft(45.0, 40.0) < 0.2);
}

/* ---------------------------------------------------------------- whole seasons */

/* UFGA8201 (Gainesville 1982, McCurdy 84aa): inputs of the X file, irrigated (16 irrigations,
 * else the one of the rainfed treatments) and with high N (6 applications, else the 3 of the
 * low-N treatments). */
static void ufga_spec(agro_season_spec *s, agro_weather **w, int irrigated, int high_n, double pop) {
    agro_season_spec_init(s);
    cr_assert_eq(agro_soil_load_dssat(ctx, AGROSIM_VALIDATION_DIR "/dssat/Soil/SOIL.SOL", "IBMZ910014", &s->soil), AGRO_OK);
    cr_assert_eq(agro_maize_cultivar_load_dssat(ctx, CUL, ECO, "IB0035", &s->cultivar), AGRO_OK);
    cr_assert_eq(agro_weather_load_wth(ctx, AGROSIM_VALIDATION_DIR "/dssat/Weather/UFGA8201.WTH", w), AGRO_OK);
    s->options.latitude_deg = 29.63;
    static const double icbl[8] = {5, 15, 30, 60, 90, 120, 150, 180};
    static const double sh2o[8] = {.086, .086, .086, .086, .076, .076, .13, .258};
    for (int l = 0; l < s->soil.n_layers; l++) {
        int k = 0;
        while (k < 7 && s->soil.depth_cm[l] > icbl[k]) k++;
        s->options.sw[l] = sh2o[k] < s->soil.ll[l] ? s->soil.ll[l] : sh2o[k];
        s->options.no3_ppm[l] = 0.1;
        s->options.nh4_ppm[l] = 0.5;
    }
    s->start_year = 1982;
    s->start_doy = 56;
    agro_event *e = &s->events[s->n_events++];
    memset(e, 0, sizeof *e);
    e->type = AGRO_EVENT_SOW;
    e->year = 1982;
    e->doy = 57;
    e->density_pl_m2 = pop;
    e->row_spacing_cm = 61;
    e->depth_cm = 7;
    static const int idate[16] = {63, 77, 94, 107, 111, 122, 126, 129, 132, 134, 137, 141, 148, 158, 161, 162};
    static const double iamt[16] = {13, 10, 10, 13, 18, 25, 25, 13, 15, 19, 20, 20, 15, 19, 4, 25};
    static const int fdate_hi[6] = {74, 89, 102, 118, 127, 137};
    static const double famt_hi[6] = {56, 52, 75, 37, 55, 126};
    static const int fdate_lo[3] = {97, 102, 137};
    static const double famt_lo[3] = {27, 35, 54};
    int ni = irrigated ? 16 : 1, nf = high_n ? 6 : 3;
    for (int i = 0; i < ni; i++) {
        e = &s->events[s->n_events++];
        memset(e, 0, sizeof *e);
        e->type = AGRO_EVENT_IRRIGATE;
        e->year = 1982;
        e->doy = idate[i];
        e->amount = iamt[i];
    }
    for (int i = 0; i < nf; i++) {
        e = &s->events[s->n_events++];
        memset(e, 0, sizeof *e);
        e->type = AGRO_EVENT_FERTILISE;
        e->year = 1982;
        e->doy = high_n ? fdate_hi[i] : fdate_lo[i];
        e->amount = high_n ? famt_hi[i] : famt_lo[i];
        e->depth_cm = 10;
        e->nh4_fraction = 0.5;
    }
}

TestSuite(maize_season, .init = setup, .fini = teardown);

Test(maize_season, anthesis_and_maturity_of_ufga8201_are_within_three_days) {
    static agro_season_spec s;
    agro_weather *w;
    ufga_spec(&s, &w, 1, 1, 7.2);
    agro_season_summary sm;
    cr_assert_eq(agro_season_run(ctx, &s, w, &sm, NULL, 0, NULL), AGRO_OK);
    /* observed (UFGA8201.MZA): ADAT 82132 = 75 DAP, MDAT 82185 = 128 DAP */
    cr_expect(abs(sm.anthesis_dap - 75) <= 3, "anthesis %d DAP", sm.anthesis_dap);
    cr_expect(abs(sm.maturity_dap - 128) <= 3, "maturity %d DAP", sm.maturity_dap);
    /* observed HWAM 11881 kg/ha for the irrigated high-N treatment; within the 15 % yield
     * nRMSE the validation set must meet (docs/validation.md) */
    cr_log_info("ADAT %d DAP, MDAT %d DAP, HWAM %.0f kg/ha", sm.anthesis_dap, sm.maturity_dap, sm.hwam_kg_ha);
    cr_expect(fabs(sm.hwam_kg_ha - 11881.0) / 11881.0 < 0.15, "HWAM %g", sm.hwam_kg_ha);
    cr_expect(sm.hwum_g > 0.15 && sm.hwum_g < 0.45, "HWUM %g", sm.hwum_g);
    agro_weather_free(w);
}

Test(maize_season, irrigation_and_nitrogen_raise_yield_and_n_uptake) {
    static agro_season_spec s;
    agro_weather *w;
    agro_season_summary dry_lo, wet_lo, wet_hi;
    ufga_spec(&s, &w, 0, 0, 7.2);
    cr_assert_eq(agro_season_run(ctx, &s, w, &dry_lo, NULL, 0, NULL), AGRO_OK);
    agro_weather_free(w);
    ufga_spec(&s, &w, 1, 0, 7.2);
    cr_assert_eq(agro_season_run(ctx, &s, w, &wet_lo, NULL, 0, NULL), AGRO_OK);
    agro_weather_free(w);
    ufga_spec(&s, &w, 1, 1, 7.2);
    cr_assert_eq(agro_season_run(ctx, &s, w, &wet_hi, NULL, 0, NULL), AGRO_OK);
    agro_weather_free(w);
    cr_log_info("HWAM %.0f / %.0f / %.0f kg/ha, N uptake %.0f / %.0f / %.0f kg/ha, mean NDEF1 "
                "%.3f / %.3f / %.3f (rainfed low N / irrigated low N / irrigated high N)",
                dry_lo.hwam_kg_ha, wet_lo.hwam_kg_ha, wet_hi.hwam_kg_ha, dry_lo.nucm_kg_ha,
                wet_lo.nucm_kg_ha, wet_hi.nucm_kg_ha, dry_lo.nstress_mean, wet_lo.nstress_mean,
                wet_hi.nstress_mean);
    /* water: the rainfed crop on this sand is water-limited (observed 2929 against 6850 kg/ha) */
    cr_expect(wet_lo.hwam_kg_ha > 2.0 * dry_lo.hwam_kg_ha);
    /* nitrogen at the same water: more yield and uptake, less N stress (observed 11881 against
     * 6850 kg/ha) */
    cr_expect(wet_hi.hwam_kg_ha > 1.2 * wet_lo.hwam_kg_ha);
    cr_expect(wet_hi.nucm_kg_ha > wet_lo.nucm_kg_ha + 50.0);
    cr_expect(wet_lo.nstress_mean < wet_hi.nstress_mean);
}

/* Yields of the UFGA8201 season (McCurdy 84aa hybrid, Gainesville 1982 weather) without water
 * or N limitation at the densities of @p pops; returns the index of the highest yield. */
static int density_sweep(const double *pops, int n, double *y) {
    static agro_season_spec s;
    int best = 0;
    for (int i = 0; i < n; i++) {
        agro_weather *w;
        ufga_spec(&s, &w, 1, 1, pops[i]);
        s.options.water_limited = 0;
        s.options.nitrogen_limited = 0;
        agro_season_summary sm;
        cr_assert_eq(agro_season_run(ctx, &s, w, &sm, NULL, 0, NULL), AGRO_OK);
        agro_weather_free(w);
        y[i] = sm.hwam_kg_ha;
        if (y[i] > y[best]) best = i;
    }
    return best;
}

/* Density: yield per area rises, then falls once plants are too small to set kernels (CERES
 * kernel number from plant growth over stage 4, high-population barrenness). */
Test(maize_season, yield_rises_then_falls_with_density) {
    static const double pops[] = {2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 20};
    const int n = (int)(sizeof pops / sizeof pops[0]);
    double y[16];
    int best = density_sweep(pops, n, y);
    cr_expect(y[4] > 1.2 * y[0], "no rise: %g at 2, %g at 6", y[0], y[4]);
    cr_expect(y[n - 1] < 0.9 * y[best], "no fall: %g at 20 vs best %g", y[n - 1], y[best]);
    /* With no water or N limit the validated CERES form keeps gaining up to the 12 pl/m²
     * barrenness threshold of MZ_PHENOL: kernels/m² = 0.0944·G2·CGR + 50·density grows with
     * density at a saturated crop growth rate. The one density experiment with observations
     * (IUAF9901, 224 kg N/ha: +23 % from 4.7 to 7.5 pl/m²) supports an optimum above 7.5
     * there. Published PGR-threshold forms (Andrade et al. 1999; CERES-IXIM MZ_IX_KNUMBER)
     * put the optimum at CGR / 2.3–2.6 g/plant/d ≈ 14–17 pl/m² at these growth rates and
     * raised the validation nRMSE (17.8 % and 31 %); see the maize2 report. */
    cr_expect(pops[best] >= 9.0 && pops[best] <= 14.0, "optimum at %g pl/m2", pops[best]);
}

/* Mean yield over six generated Morogoro long-rains seasons (rainfed, sandy clay loam, low
 * mineral N, weed-free) of the East African hybrid H6 at each density of @p pops with
 * @p n_kg_ha fertiliser N at sowing; returns the index of the highest mean yield. */
static int morogoro_density_sweep(const double *pops, int n, double n_kg_ha, double *y) {
    static agro_season_spec s;
    agro_site site;
    char name[64];
    cr_assert_eq(agro_site_load(ctx, AGROSIM_SOURCE_DIR "/models/sites/morogoro.json", &site, name, sizeof name), AGRO_OK);
    for (int i = 0; i < n; i++) y[i] = 0.0;
    for (int32_t year = 2001; year <= 2006; year++) {
        agro_weather *w;
        cr_assert_eq(agro_weather_generate(ctx, &site, "MOROGORO", year, 1, (uint64_t)year, &w), AGRO_OK);
        for (int i = 0; i < n; i++) {
            agro_season_spec_init(&s);
            cr_assert_eq(agro_soil_load_json(ctx, AGROSIM_SOURCE_DIR "/models/soils/morogoro_sandy_clay_loam.json", &s.soil), AGRO_OK);
            cr_assert_eq(agro_maize_cultivar_load_json(ctx, AGROSIM_SOURCE_DIR "/models/cultivars/maize_h6_hybrid.json",
                                                       &s.cultivar, name, sizeof name), AGRO_OK);
            s.options.latitude_deg = site.latitude_deg;
            for (int l = 0; l < s.soil.n_layers; l++) {
                s.options.no3_ppm[l] = 3.0;
                s.options.nh4_ppm[l] = 1.0;
            }
            s.start_year = year;
            s.start_doy = 60;
            agro_event *e = &s.events[s.n_events++];
            memset(e, 0, sizeof *e);
            e->type = AGRO_EVENT_SOW;
            e->year = year;
            e->doy = 74;
            e->density_pl_m2 = pops[i];
            e->row_spacing_cm = 75;
            e->depth_cm = 5;
            if (n_kg_ha > 0.0) {
                e = &s.events[s.n_events++];
                memset(e, 0, sizeof *e);
                e->type = AGRO_EVENT_FERTILISE;
                e->year = year;
                e->doy = 74;
                e->amount = n_kg_ha;
                e->depth_cm = 5;
                e->nh4_fraction = 0.5;
            }
            agro_season_summary sm;
            cr_assert_eq(agro_season_run(ctx, &s, w, &sm, NULL, 0, NULL), AGRO_OK);
            y[i] += sm.hwam_kg_ha / 6.0;
        }
        agro_weather_free(w);
    }
    int best = 0;
    for (int i = 1; i < n; i++)
        if (y[i] > y[best]) best = i;
    return best;
}

/* Rainfed, low-input conditions put the optimum at low density (BRIEF §1.4: 5–7 pl/m² under
 * rainfed low input; Eswatini best at 4.44 of 4.44–5.71) through N per plant: without
 * fertiliser the per-plant N and growth rate at silking fall with density (CERES N
 * dilution); with 120 kg N/ha the optimum moves up. (With 50 kg N/ha the curve is flat
 * between 3 and 6 pl/m², so its argmax is not asserted.) Only the upper end of the
 * unfertilised optimum is asserted: the sweep starts at 2 pl/m², and the model's curve is flat
 * from 2 to 3 (within 0.6 %), below the 4.4–7 of the sources above, a known gap
 * (docs/validation.md, "Known gap: the density optimum"). The lower bound of 3 pl/m² held
 * until the emergence day's assimilate (2026-11-30, thirty-third session; docs/model.md §6.3)
 * moved the sweep's optimum from 3 (3821 kg/ha, 3793 at 2) to 2 (3859, 3836 at 3), as
 * DSSAT-CSM 4.8's N factor (crop_n_stress_method DSSAT48, owner decision D1) or its
 * evaporation and N uptake had each done before. */
Test(maize_season, optimum_density_is_low_without_fertiliser_and_rises_with_nitrogen) {
    static const double pops[] = {2, 3, 4, 5, 6, 7, 8, 9, 10, 12};
    const int n = (int)(sizeof pops / sizeof pops[0]);
    double y0[10], y120[10];
    int b0 = morogoro_density_sweep(pops, n, 0.0, y0);
    int b120 = morogoro_density_sweep(pops, n, 120.0, y120);
    cr_log_info("optimum %g pl/m2 (%.0f kg/ha) without N, %g (%.0f) with 120 kg N/ha", pops[b0],
                y0[b0], pops[b120], y120[b120]);
    cr_expect(pops[b0] <= 6.0, "optimum without fertiliser at %g pl/m2", pops[b0]);
    cr_expect(pops[b120] > pops[b0] + 2.0, "optima %g and %g pl/m2", pops[b0], pops[b120]);
    cr_expect(y0[n - 1] < 0.97 * y0[b0], "no fall without N: %g vs %g", y0[n - 1], y0[b0]);
}

/* Median yield (kg/ha) of intervention @p name in @p res of scenario @p sc. */
static double median_of(const agro_scenario *sc, const agro_results *res, const char *name) {
    agro_scenario_info info;
    cr_assert_eq(agro_scenario_get_info(sc, &info), AGRO_OK);
    for (int32_t i = 0; i < info.n_interventions; i++) {
        char buf[64];
        cr_assert_eq(agro_scenario_intervention_name(sc, i, buf, sizeof buf), AGRO_OK);
        if (strcmp(buf, name) != 0) continue;
        agro_yield_stats st;
        cr_assert_eq(agro_results_yield_stats(res, 0, i, &st), AGRO_OK);
        return st.median_kg_ha;
    }
    cr_assert_fail("no intervention %s", name);
    return NAN;
}

/* The hybrid under good rainfed conditions (120 kg N/ha, weed-free, 30 Morogoro long-rains
 * seasons of examples/morogoro/density.json): yield rises then falls with density and the
 * optimum of the median lies in 5–9 pl/m² (BRIEF §1.4: 7–9 under good water and N; issue 4).
 * The curve is flat near its top (within 0.5 % from 7 to 10 pl/m², optimum 8, on 2026-11-29), so a
 * failure here may be a small shift along that plateau: read the printed curve. Without a
 * water limit the optimum is 12 pl/m², a known gap (docs/validation.md). */
Test(maize_season, fertilised_hybrid_optimum_lies_in_5_to_9_plants_per_m2) {
    agro_scenario *sc;
    cr_assert_eq(agro_scenario_load(ctx, AGROSIM_SOURCE_DIR "/examples/morogoro/density.json", &sc),
                 AGRO_OK);
    agro_results *res;
    cr_assert_eq(agro_results_create(ctx, sc, &res), AGRO_OK);
    int rc = agro_scenario_run(ctx, sc, res);
    char msg[AGRO_MESSAGE_MAX];
    message(msg, sizeof msg);
    cr_assert_eq(rc, AGRO_OK, "%s", msg);
    static const double pops[] = {2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14};
    const int n = (int)(sizeof pops / sizeof pops[0]);
    double y[11];
    int best = 0;
    char curve[512] = "", name[32];
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof name, "N120+d%g", pops[i]);
        y[i] = median_of(sc, res, name);
        if (y[i] > y[best]) best = i;
        size_t len = strlen(curve);
        snprintf(curve + len, sizeof curve - len, " %g:%.0f", pops[i], y[i]);
    }
    cr_log_info("N120 rainfed medians (pl/m2:kg/ha):%s", curve);
    cr_expect(y[3] > 1.2 * y[0], "no rise from 2 to 5 pl/m2:%s", curve);
    cr_expect(y[n - 1] < 0.9 * y[best], "no fall at 14 pl/m2:%s", curve);
    cr_expect(pops[best] >= 5.0 && pops[best] <= 9.0, "optimum at %g pl/m2:%s", pops[best], curve);
    agro_results_free(res);
    agro_scenario_free(sc);
}

/* An observed emergence delay on the SOW event replaces the simulated emergence; the DSSAT
   runner does not pass EDATE on, because DSSAT-CSM 4.8's maize ignores it. */
Test(maize_season, observed_emergence_date_is_used_for_emergence) {
    static agro_season_spec s;
    agro_weather *w;
    agro_season_summary free_, forced;
    ufga_spec(&s, &w, 1, 1, 7.2);
    cr_assert_eq(agro_season_run(ctx, &s, w, &free_, NULL, 0, NULL), AGRO_OK);
    s.events[0].emergence_delay_d = free_.emergence_dap + 4;
    cr_assert_eq(agro_season_run(ctx, &s, w, &forced, NULL, 0, NULL), AGRO_OK);
    cr_expect_eq(forced.emergence_dap, free_.emergence_dap + 4);
    cr_expect(forced.anthesis_dap > free_.anthesis_dap, "later emergence did not delay silking: %d vs %d DAP", forced.anthesis_dap, free_.anthesis_dap);
    agro_weather_free(w);
    /* SIAZ9501 plants on 95137 with EDATE 95145 (8 DAP): MZ_PHENOL overwrites YREMRG with -99,
       so the crop emerges after P9 °C·d, on day 7 */
    agro_dssat_exp *x;
    cr_assert_eq(agro_dssat_exp_load(ctx, AGROSIM_VALIDATION_DIR "/dssat/Maize/SIAZ9501.MZX", &x), AGRO_OK);
    agro_dssat_result r;
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 1, AGROSIM_VALIDATION_DIR "/dssat", &r), AGRO_OK);
    cr_expect_eq(r.summary.emergence_dap, 7);
    agro_dssat_exp_free(x);
}

/* A seed sown too deep runs out of reserves before it emerges: MZ_PHENOL ends the crop when
 * P9 = 45 + GDDE·SDEPTH exceeds DGET = 150 °C·d (MZCER048.SPE), so half a centimetre above that
 * depth the crop emerges and half a centimetre below it the season ends failed, without yield. */
Test(maize_season, a_seed_sown_below_its_reserve_depth_fails_to_emerge) {
    static agro_season_spec s;
    agro_weather *w;
    agro_season_summary ok, deep;
    ufga_spec(&s, &w, 1, 1, 7.2);
    const double edge = (150.0 - 45.0) / s.cultivar.gdde_Cd_cm;
    cr_assert(edge + 0.5 <= 30.0, "GDDE %g puts the edge at %g cm", s.cultivar.gdde_Cd_cm, edge);
    s.events[0].depth_cm = edge - 0.5;
    cr_assert_eq(agro_season_run(ctx, &s, w, &ok, NULL, 0, NULL), AGRO_OK);
    s.events[0].depth_cm = edge + 0.5;
    cr_assert_eq(agro_season_run(ctx, &s, w, &deep, NULL, 0, NULL), AGRO_OK);
    agro_weather_free(w);
    cr_expect_eq(ok.crop_failed, 0);
    cr_expect_gt(ok.emergence_dap, 0);
    cr_expect_gt(ok.hwam_kg_ha, 1000.0);
    cr_expect_eq(deep.crop_failed, 1, "sown at %g cm", edge + 0.5);
    cr_expect_eq(deep.hwam_kg_ha, 0.0);
    cr_expect_leq(deep.emergence_dap, 0, "emerged on DAP %d", deep.emergence_dap);
}

/* The drivers of a phenology day at latitude @p lat (day @p doy; °C, °C, MJ/m²/d), the rest 0
   and the day length as computed. */
static maize_drivers phenology_day(const agro_solar_lat *lat, int32_t doy, double tmax,
                                   double tmin, double srad) {
    maize_drivers d;
    memset(&d, 0, sizeof d);
    d.tmax = tmax;
    d.tmin = tmin;
    d.srad = srad;
    d.solar = lat;
    d.doy = doy;
    d.dayl_mult = 1.0;
    d.pco2 = 1.0; /* RUE without a CO2 effect */
    return d;
}

/* Cultivar IB0035 of the shared MZCER048 files and the default species, the set-up of the
   single-day growth and N tests. */
static void load_ib0035(agro_maize_cultivar *c, maize_species *sp) {
    cr_assert_eq(agro_maize_cultivar_load_dssat(ctx, CUL, ECO, "IB0035", c), AGRO_OK);
    maize_species_default(sp);
}

/* MZ_PHENOL switches from the soil-surface estimate to air temperature on the integer LEAFNO
 * of the previous growth step (LEAFNO.LE.10), not on XN: at XN 10.5 the growing point still
 * counts as below ground. Hot day (TMAX 38 > TOPT): the surface estimate caps TDSOIL at DOPT,
 * the air form integrates the sine wave, so the two differ. */
Test(maize_season, thermal_time_switches_on_the_integer_leaf_number) {
    agro_maize_cultivar c;
    maize_species sp;
    load_ib0035(&c, &sp);
    agro_solar_lat lat;
    agro_solar_lat_init(29.6, &lat);
    maize_drivers d = phenology_day(&lat, 150, 38.0, 22.0, 25.0);
    static maize_state s;
    maize_state_clear(&s, 1);
    s.stage = 1;
    s.xn = 10.5;
    s.leafno = 10;
    s.sumdtt = 0.0;
    (void)maize_phenology(&c, &sp, &d, &s);
    double dayl = 0.0;
    agro_solar_day_lengths(&lat, 150, &dayl, NULL);
    const double surface = agro_maize_thermal_time(&c, 38.0, 22.0, 25.0, dayl, 10.0, 0);
    const double air = agro_maize_thermal_time(&c, 38.0, 22.0, 25.0, dayl, 11.0, 0);
    cr_assert(fabs(surface - air) > 0.05, "the two forms must differ here: %g %g", surface, air);
    cr_expect_float_eq(s.dtt, surface, 1e-12, "LEAFNO 10 at XN 10.5: %g, surface %g, air %g",
                       s.dtt, surface, air);
}

/* Under snow MZ_PHENOL takes, while LEAFNO <= 10, the mean crown temperature instead of the
 * soil-surface estimate: TMIN below 0 °C rises to 2 + TMIN·(0.4 + 0.0018·(XS − 15)²) with
 * XS = min(SNOW, 15) mm. At 5 mm of snow, TMIN −1 °C gives 1.42 °C, so DTT = (1.42 + 20)/2 − 8
 * = 2.71 °C·d (the surface estimate gives 3.37); 30 mm counts as 15: (1.6 + 20)/2 − 8 = 2.8. */
Test(maize_season, thermal_time_under_snow_uses_the_crown_temperature) {
    agro_maize_cultivar c;
    cr_assert_eq(agro_maize_cultivar_load_dssat(ctx, CUL, ECO, "IB0035", &c), AGRO_OK);
    cr_assert_float_eq(c.tbase_C, 8.0, 1e-12);
    maize_species sp;
    maize_species_default(&sp);
    agro_solar_lat lat;
    agro_solar_lat_init(42.0, &lat);
    maize_drivers d = phenology_day(&lat, 120, 20.0, -1.0, 15.0);
    const double snow[2] = {5.0, 30.0}, want[2] = {2.71, 2.8};
    for (int i = 0; i < 2; i++) {
        d.snow_mm = snow[i];
        static maize_state s;
        maize_state_clear(&s, 1);
        s.stage = 1;
        s.xn = 3.5;
        s.leafno = 3;
        (void)maize_phenology(&c, &sp, &d, &s);
        cr_expect_float_eq(s.dtt, want[i], 1e-12, "%g mm of snow: DTT %g, want %g", snow[i], s.dtt,
                           want[i]);
    }
    /* without snow, the soil-surface estimate, as before */
    d.snow_mm = 0.0;
    static maize_state s;
    maize_state_clear(&s, 1);
    s.stage = 1;
    s.leafno = 3;
    (void)maize_phenology(&c, &sp, &d, &s);
    double dayl = 0.0;
    agro_solar_day_lengths(&lat, 120, &dayl, NULL);
    cr_expect_float_eq(s.dtt, agro_maize_thermal_time(&c, 20.0, -1.0, 15.0, dayl, 3.0, 0), 1e-12);
}

/* MZ_PHENOL ISTAGE 8 counts a day whose seed layer is at or below LL and fails the crop on the
 * DSGT-th (21) such day before it asks whether SWSD (0.65 of the seed layer's water above LL
 * + 0.35 of the next layer's) reaches SWCG: 20 dry days, then a 21st on which only the layer
 * below is wet, is a failure, not a germination. A seed layer above LL germinates, whatever
 * the count. */
Test(maize_season, germination_fails_on_the_dsgt_th_dry_day_even_if_swsd_suffices) {
    agro_maize_cultivar c;
    maize_species sp;
    load_ib0035(&c, &sp);
    cr_assert_float_eq(sp.dsgt, 21.0, 1e-12);
    agro_solar_lat lat;
    agro_solar_lat_init(29.6, &lat);
    maize_drivers d = phenology_day(&lat, 100, 30.0, 18.0, 20.0);
    const double depth[2] = {10.0, 30.0};
    for (int wet_layer = 0; wet_layer < 2; wet_layer++) {
        static maize_state s;
        maize_sow(&s, 7.2, 76.0, 5.0, depth, 2);
        d.seed_layer_dry = 1.0;
        d.seed_layer_sw_ok = 0.0;
        for (int day = 0; day <= 20; day++) (void)maize_phenology(&c, &sp, &d, &s);
        cr_assert_eq(s.stage, AGRO_MAIZE_STAGE_SOWN, "20 dry days: stage %d", (int)s.stage);
        /* day 21: SWSD >= SWCG; the seed layer itself dry (the layer below wet) or wet */
        d.seed_layer_dry = wet_layer ? 0.0 : 1.0;
        d.seed_layer_sw_ok = 1.0;
        (void)maize_phenology(&c, &sp, &d, &s);
        if (wet_layer) {
            cr_expect_eq(s.stage, AGRO_MAIZE_STAGE_GERMINATED, "seed layer above LL: stage %d",
                         (int)s.stage);
        } else {
            cr_expect_eq(s.stage, AGRO_MAIZE_STAGE_MATURE, "21st dry day: stage %d", (int)s.stage);
            cr_expect_eq(s.failed, 1);
            cr_expect_float_eq(s.pltpop, 0.0, 1e-12);
        }
    }
}

TestSuite(maize_nitrogen, .init = setup, .fini = teardown);

/* A plant in grain fill (stage 5) at 7.2 pl/m² with 20 g/plant of roots holding @p rootn g N,
   the species' defaults in @p sp. */
static void grain_fill_plant(maize_species *sp, maize_state *s, double rootn) {
    maize_species_default(sp);
    maize_state_clear(s, 1);
    s->stage = 5;
    s->pltpop = 7.2;
    s->rtwt = 20.0;
    s->rootn = rootn;
}

/* grain_fill_plant with RANC 0.5 %, XSTAGE 6, TCNP 1.5 %, 100 g/plant of stover holding
   @p stovn g N and PDWI 2 g/plant (the N-demand tests' plant). */
static void grain_fill_stover(maize_species *sp, maize_state *s, double stovn) {
    grain_fill_plant(sp, s, 0.1);
    s->xstage = 6.0;
    s->tcnp = 0.015;
    s->stovwt = 100.0;
    s->stovn = stovn;
    s->pdwi = 2.0;
}

/* MZ_NFACTO's N factor: NFAC = 1 - (TCNP - TANC)/(TCNP - TMNC); the older CERES-Maize form
   transforms it to 1 - 1.8 exp(-3.5 NFAC) in stages 3-4 only (DSSAT-CSM Aloha_NFACTO), DSSAT-CSM
   4.8's MZ_NFACTO never; AGEFAC = NFAC, NSTRES and NDEF3 follow from it. */
Test(maize_nitrogen, stage_transform_acts_in_stages_3_and_4_only) {
    static maize_state s;
    maize_state_clear(&s, 1);
    s.tcnp = 0.03;
    s.tmnc = 0.01;
    s.tanc = 0.02; /* NFAC 0.5 */
    for (int32_t stage = 1; stage <= 6; stage++) {
        s.stage = stage;
        maize_n_factors(&s, 0);
        cr_expect_float_eq(s.nfac, 0.5, 1e-15, "stage %d without the transform: %g", stage, s.nfac);
        cr_expect_float_eq(s.nstres, 0.8, 1e-15, "NSTRES %g", s.nstres);
        maize_n_factors(&s, 1);
        const double want = (stage == 3 || stage == 4) ? 1.0 - 1.8 * exp(-1.75) : 0.5;
        cr_expect_float_eq(s.nfac, want, 1e-15, "stage %d with the transform: %g, want %g", stage,
                           s.nfac, want);
        cr_expect_float_eq(s.agefac, want, 1e-15, "AGEFAC %g", s.agefac);
        cr_expect_float_eq(s.ndef3, 0.2 + want, 1e-15, "NDEF3 %g", s.ndef3);
    }
    /* a well-fed crop: 1 without the transform, 1 - 1.8 exp(-3.5) = 0.946 with it */
    s.stage = 3;
    s.tanc = 0.035;
    maize_n_factors(&s, 0);
    cr_expect_eq(s.nfac, 1.0);
    cr_expect_eq(s.nstres, 1.0);
    maize_n_factors(&s, 1);
    cr_expect_float_eq(s.nfac, 1.0 - 1.8 * exp(-3.5), 1e-15, "NFAC %g", s.nfac);
}

/* MZ_NUPTAK.for (lpmorenoc 52d6198) starts from RANC = ROOTN/RTWT of today's pools, so the RMNC
   floor the grain N put on RANC does not lower the root demand; a day without potential growth
   (PDWI = 0) counts PDWI = 1 g/plant in DNG = PDWI·TCNP. */
Test(maize_nitrogen, demand_starts_from_the_pools_and_counts_pdwi_zero_as_one) {
    maize_species sp;
    static maize_state s;
    grain_fill_stover(&sp, &s, 1.2); /* TANC 1.2 %: tops demand STOVWT·(TCNP − TANC) = 0.3 g/plant */
    s.ranc = 0.75 * sp.rcnp;         /* as the grain N floors it */
    s.pgrort = 0.0;
    const double dem = maize_n_demand(&sp, &s);
    const double rndem = 20.0 * (sp.rcnp - 0.005);
    const double tndem = 100.0 * (0.015 - 0.012) + 2.0 * 0.015;
    cr_expect_float_eq(s.ranc, 0.005, 1e-15, "RANC %g", s.ranc);
    cr_expect_float_eq(s.rndem, rndem, 1e-12, "RNDEM %g, want %g", s.rndem, rndem);
    cr_expect_float_eq(dem, (tndem + rndem) * 72.0, 1e-9, "demand %g", dem);
    s.pdwi = 0.0;
    (void)maize_n_demand(&sp, &s);
    cr_expect_float_eq(s.tndem, 100.0 * (0.015 - 0.012) + 1.0 * 0.015, 1e-12, "TNDEM %g", s.tndem);
}

/* MZ_NUPTAK.for leaves RANC = ROOTN/(RTWT − 0.01·RTWT) on the root weight before the day's
   growth, which the next day's grain N reads (NPOOL2, the RMNC floor). */
Test(maize_nitrogen, closing_root_n_concentration_is_on_yesterdays_roots_less_one_percent) {
    maize_species sp;
    static maize_state s;
    grain_fill_plant(&sp, &s, 0.2);
    s.grort = 2.0;
    maize_integrate(&sp, &s);
    cr_expect_float_eq(s.rtwt, 20.0 + 1.0 - 0.1, 1e-12, "RTWT %g", s.rtwt);
    cr_expect_float_eq(s.ranc, 0.2 / 19.8, 1e-15, "RANC %g, want %g", s.ranc, 0.2 / 19.8);
}

/* MZ_NUPTAK.for returns (IF (TRNU .EQ. 0.0) RETURN) on a day with demand but no potential
   uptake, before the closing RANC statement: RANC stays ROOTN/RTWT of its first statement. */
Test(maize_nitrogen, no_potential_uptake_leaves_root_n_concentration_open) {
    maize_species sp;
    static maize_state s;
    grain_fill_plant(&sp, &s, 0.2);
    s.xstage = 5.0;
    s.tcnp = 0.015;
    s.stovwt = 100.0;
    s.stovn = 1.2;
    s.grort = 2.0;
    cr_assert_gt(maize_n_demand(&sp, &s), 0.0);
    s.n_supply_none = 1;
    maize_integrate(&sp, &s);
    cr_expect_float_eq(s.rtwt, 20.0 + 1.0 - 0.1, 1e-12, "RTWT %g", s.rtwt);
    cr_expect_float_eq(s.ranc, 0.2 / 20.0, 1e-15, "RANC %g, want %g", s.ranc, 0.2 / 20.0);
}

/* The drivers of one warm, bright day for maize_growth (30/20 °C, 20 MJ/m²/d, half the PAR
   intercepted) with the water factors and the N switch given. */
static maize_drivers warm_day(double swfac, double n_limited) {
    maize_drivers d;
    memset(&d, 0, sizeof d);
    d.tmax = 30.0;
    d.tmin = 20.0;
    d.srad = 20.0;
    d.swfac = d.turfac = swfac;
    d.slpf = 1.0;
    d.par_frac_intercepted = 0.5;
    d.n_limited = n_limited;
    d.pco2 = 1.0; /* RUE without a CO2 effect */
    return d;
}

/* MZ_GROSUB.for (27d3955) sets TMNC = (1.25 − 0.2·XSTAGE)/100 only while XSTAGE < 4 (a SAVEd
   variable): after that it keeps the last value, not the species' 0.45 %. */
Test(maize_nitrogen, minimum_tops_n_keeps_its_last_value_after_xstage_4) {
    agro_maize_cultivar c;
    maize_species sp;
    load_ib0035(&c, &sp);
    maize_drivers d = warm_day(1.0, 1.0);
    static maize_state s;
    maize_state_clear(&s, 1);
    s.stage = 3;
    s.pltpop = 7.2;
    s.lfwt = s.stmwt = 20.0;
    s.stovwt = 40.0;
    s.stovn = 0.8;
    s.tanc = 0.02;
    s.pla = 5000.0;
    s.xn = s.cumph = 15.0;
    s.tlno = 20.0;
    s.p3 = 400.0;
    s.sumdtt = 380.0;
    s.rtwt = 10.0;
    const double sat = 0.4, sw = 0.2, thick = 10.0;
    s.xstage = 3.9;
    maize_growth(&c, &sp, &d, &s, &sat, &sw, &thick);
    cr_expect_float_eq(s.tmnc, (1.25 - 0.2 * 3.9) / 100.0, 1e-15, "TMNC %g", s.tmnc);
    s.xstage = 4.05;
    maize_growth(&c, &sp, &d, &s, &sat, &sw, &thick);
    cr_expect_float_eq(s.tmnc, (1.25 - 0.2 * 3.9) / 100.0, 1e-15, "TMNC %g after XSTAGE 4", s.tmnc);
}

/* MZ_PHENOL's SEASINIT sets XSTAGE = 0.1 and its stage 1 sets SUMDTT/P1 from the day after
   emergence, so the emergence day's critical and minimum tops N concentrations (MZ_GROSUB) are
   TCNP = exp(CTCNP1 − 0.1·CTCNP2)/100 and TMNC = (1.25 − 0.02)/100. Until 2026-11-30 (thirty-third
   session) XSTAGE started at 0 and that day read exp(CTCNP1)/100 and 1.25 %. */
Test(maize_nitrogen, the_emergence_day_reads_xstage_0_1) {
    agro_maize_cultivar c;
    maize_species sp;
    load_ib0035(&c, &sp);
    agro_solar_lat lat;
    agro_solar_lat_init(29.6, &lat);
    maize_drivers d = phenology_day(&lat, 100, 30.0, 18.0, 20.0);
    d.seed_layer_sw_ok = 1.0;
    d.swfac = d.turfac = d.slpf = 1.0;
    d.n_limited = 1.0;
    d.par_frac_intercepted = 0.001;
    const double depth[2] = {10.0, 30.0};
    static maize_state s;
    maize_sow(&s, 7.2, 76.0, 5.0, depth, 2);
    for (int day = 0; day < 20 && s.stage != 1; day++) (void)maize_phenology(&c, &sp, &d, &s);
    cr_assert_eq(s.stage_changed, 1, "the crop did not emerge (stage %d)", (int)s.stage);
    maize_emerge(&sp, &s);
    /* (one value per soil layer the crop was sown into) */
    const double sat[2] = {0.4, 0.4}, sw[2] = {0.2, 0.2}, thick[2] = {10.0, 20.0};
    maize_growth(&c, &sp, &d, &s, sat, sw, thick);
    cr_expect_float_eq(s.tcnp, exp(sp.ctcnp1 - sp.ctcnp2 * 0.1) / 100.0, 1e-15, "TCNP %g", s.tcnp);
    cr_expect_float_eq(s.tmnc, (1.25 - 0.2 * 0.1) / 100.0, 1e-15, "TMNC %g", s.tmnc);
    (void)maize_phenology(&c, &sp, &d, &s); /* the next day: SUMDTT/P1 */
    cr_expect_float_eq(s.xstage, s.sumdtt / c.p1_Cd, 1e-15, "XSTAGE %g", s.xstage);
}

/* MZ_NUPTAK.for (lpmorenoc 52d6198) sums the tops and root demands as they are: tops above their
   critical concentration (TNDEM < 0) lower the plant's demand, the uptake is shared as
   TNDEM/NDEM and RNDEM/NDEM (DSTOVN, DROOTN), so the stover gives N to the roots, and a day
   whose sum is not positive takes up nothing (ANDEM <= 0). */
Test(maize_nitrogen, negative_tops_demand_offsets_the_roots_and_moves_stover_n_to_them) {
    maize_species sp;
    static maize_state s;
    grain_fill_stover(&sp, &s, 1.6); /* TANC 1.6 %: STOVWT·(TCNP − TANC) = −0.1 g/plant; DNG 0.03 */
    s.pgrort = 0.0;
    const double tndem = 100.0 * (0.015 - 0.016) + 2.0 * 0.015;
    const double rndem = 20.0 * (sp.rcnp - 0.005);
    cr_assert_lt(tndem, 0.0);
    cr_assert_gt(tndem + rndem, 0.0, "the test needs a positive sum (RCNP %g)", sp.rcnp);
    const double dem = maize_n_demand(&sp, &s);
    cr_expect_float_eq(s.tndem, tndem, 1e-12, "TNDEM %g", s.tndem);
    cr_expect_float_eq(dem, (tndem + rndem) * 72.0, 1e-9, "demand %g, want %g", dem,
                       (tndem + rndem) * 72.0);
    /* all of it taken up: the stover loses TNDEM/NDEM of it, the roots gain the rest */
    const double stovn0 = s.stovn, rootn0 = s.rootn, trnu = tndem + rndem;
    maize_n_take(&s, dem);
    cr_expect_float_eq(s.stovn - stovn0, tndem, 1e-12, "stover N change %g, want %g",
                       s.stovn - stovn0, tndem);
    cr_expect_float_eq(s.rootn - rootn0, rndem, 1e-12, "root N change %g, want %g",
                       s.rootn - rootn0, rndem);
    cr_expect_float_eq(s.stovn + s.rootn - stovn0 - rootn0, trnu, 1e-12, "N taken up");
    /* tops far above TCNP: the sum is negative and there is no demand */
    s.stovn = 3.0;
    s.ranc = 0.0;
    cr_expect_eq(maize_n_demand(&sp, &s), 0.0);
}

/* A transfer between the pools stops at the giving pool's N: DSSAT lets MZ_NUPTAK's share
   (DSTOVN = TNDEM/NDEM·TRNU) overdraw STOVN and then holds STOVN at 0 in MZ_GROSUB, which creates
   N; here the stover gives what it holds, the roots take the rest, and the plant gains exactly
   the uptake. The same the other way round for the roots. */
Test(maize_nitrogen, a_transfer_between_tops_and_roots_stops_at_the_givers_n) {
    static maize_state s;
    maize_state_clear(&s, 1);
    s.pltpop = 5.0;
    s.stovn = 0.01; /* g N/plant */
    s.rootn = 0.05;
    s.tndem = -0.5; /* tops far above TCNP: they would give 0.5 g */
    s.rndem = 0.6;
    maize_n_take(&s, 1.0); /* 1 kg N/ha = 0.02 g/plant; DSTOVN = −0.5/0.1·0.02 = −0.1 g */
    cr_expect_eq(s.stovn, 0.0, "stover N %g", s.stovn);
    cr_expect_float_eq(s.rootn, 0.05 + 0.01 + 0.02, 1e-15, "root N %g", s.rootn);
    s.stovn = 0.2;
    s.rootn = 0.01;
    s.tndem = 0.6;
    s.rndem = -0.5;
    maize_n_take(&s, 1.0);
    cr_expect_eq(s.rootn, 0.0, "root N %g", s.rootn);
    cr_expect_float_eq(s.stovn, 0.2 + 0.01 + 0.02, 1e-15, "stover N %g", s.stovn);
}

/* On a grain-fill day without assimilation (CARBO <= 1e-4) MZ_GROSUB.for (27d3955) assigns GRORT
   only when the CARBOT count ends the stage, so yesterday's root growth stands (the caller's
   SAVEd variable) and RTWT, MZ_ROOTGR and the N demand use it; on the day the count reaches
   CARBOT it is 0, as on a day with assimilation whose grain outgrows it. */
Test(maize_nitrogen, grain_fill_day_without_assimilation_keeps_yesterdays_root_growth) {
    agro_maize_cultivar c;
    maize_species sp;
    load_ib0035(&c, &sp);
    maize_drivers d = warm_day(0.0, 0.0); /* no water: CARBO = 0 */
    static maize_state s;
    maize_state_clear(&s, 1);
    s.stage = 5;
    s.pltpop = 7.2;
    s.lfwt = 20.0;
    s.stmwt = 60.0;
    s.swmin = 40.0;
    s.swmax = 70.0;
    s.pla = 5000.0;
    s.sumdtt = 300.0;
    s.gpp = 500.0;
    s.rtwt = 30.0;
    s.grort = 0.3;  /* yesterday's GRORT = ½·(CARBO − GROGRN) */
    s.grogrn = 2.0; /* yesterday's grain growth, kept today */
    const double sat = 0.4, sw = 0.1, thick = 10.0;
    maize_growth(&c, &sp, &d, &s, &sat, &sw, &thick);
    cr_expect_eq(s.carbo, 0.0);
    cr_expect_eq(s.cmat, 1);
    cr_expect_float_eq(s.grort, 0.3, 1e-15, "GRORT %g kept", s.grort);
    cr_expect_float_eq(s.grogrn, 2.0, 1e-15, "GROGRN %g kept", s.grogrn);
    cr_expect_float_eq(s.stmwt, 58.0, 1e-12, "STMWT %g pays the grain", s.stmwt);
    /* PDWI and PGRORT split PCARB with CARBO counted as 0.001 (MZ_GROSUB) */
    cr_expect_float_eq(s.pgrort, s.pcarb * 0.3 / 0.001, 1e-9, "PGRORT %g", s.pgrort);
    /* the count reaches CARBOT: the stage ends and GRORT is 0 */
    s.cmat = (int32_t)sp.carbot - 1;
    maize_growth(&c, &sp, &d, &s, &sat, &sw, &thick);
    cr_expect_eq(s.grort, 0.0, "GRORT %g on the CARBOT day", s.grort);
    cr_expect_float_eq(s.sumdtt, c.p5_Cd, 1e-12, "SUMDTT %g", s.sumdtt);
}

/* MZ_GROSUB.for (27d3955) calls MZ_NFACTO for ISTAGE < 7 before its stage loop, whose stage-6
   branch returns: in stage 6 the N stress factors are the day's, from TANC against that day's
   TCNP, not yesterday's. Until 2026-11-30 they kept the value of the last day of grain fill,
   which the daily NSTD and the season's mean N stress then reported (here 1.0 against 0.58). */
Test(maize_nitrogen, n_stress_factors_are_the_day_s_in_stage_6) {
    agro_maize_cultivar c;
    maize_species sp;
    load_ib0035(&c, &sp);
    maize_drivers d = warm_day(1.0, 1.0);
    static maize_state s;
    maize_state_clear(&s, 1);
    s.stage = 6;
    s.pltpop = 7.2;
    s.lfwt = 20.0, s.stmwt = 60.0, s.stovwt = 80.0, s.rtwt = 30.0;
    s.xstage = 10.0;
    s.tanc = 0.006;  /* TANC below the day's TCNP, exp(1.52 − 0.16·10)/100 = 0.00923 */
    s.tmnc = 0.0045; /* kept from XSTAGE 4 */
    s.nfac = s.agefac = s.nstres = s.ndef3 = 1.0; /* the last day of grain fill's */
    const double sat = 0.4, sw = 0.2, thick = 10.0;
    maize_growth(&c, &sp, &d, &s, &sat, &sw, &thick);
    const double tcnp = exp(sp.ctcnp1 - sp.ctcnp2 * 10.0) / 100.0;
    const double nfac = 1.0 - (tcnp - 0.006) / (tcnp - 0.0045);
    cr_expect_float_eq(s.tcnp, tcnp, 1e-15, "TCNP %g", s.tcnp);
    cr_expect_float_eq(s.nfac, nfac, 1e-12, "NFAC %g, the day's %g", s.nfac, nfac);
    cr_expect_float_eq(s.nstres, nfac > 0.5 ? 0.4 * nfac + 0.6 : 1.2 * nfac + 0.2, 1e-12,
                       "NSTRES %g", s.nstres);
    cr_expect_eq(s.carbo, 0.0, "no growth in stage 6 (CARBO %g)", s.carbo);
}

/* MZ_GROSUB.for (27d3955) returns before its state variables in stage 6 and on the maturity
   day (MDATE = YRDOY), and MZ_CERES.for calls it in stages 1-6 only: the roots stop turning
   over (RTWT = RTWT + 0.5·GRORT − 0.005·RTWT) at the end of effective grain fill, and a mature
   crop waiting for its harvest keeps its roots. */
Test(maize_nitrogen, roots_stop_turning_over_at_the_end_of_grain_fill) {
    agro_maize_cultivar c;
    maize_species sp;
    load_ib0035(&c, &sp);
    maize_drivers d = warm_day(1.0, 1.0);
    static maize_state s;
    maize_state_clear(&s, 1);
    s.stage = 6;
    s.stage_changed = 6;
    s.pltpop = 7.2;
    s.lfwt = 20.0;
    s.stmwt = 60.0;
    s.stovwt = 80.0;
    s.stovn = 0.6;
    s.rtwt = 30.0;
    s.rootn = 0.2;
    const double sat = 0.4, sw = 0.2, thick = 10.0;
    for (int day = 0; day < 3; day++) { /* stage 6 */
        maize_growth(&c, &sp, &d, &s, &sat, &sw, &thick);
        maize_integrate(&sp, &s);
        s.stage_changed = 0;
    }
    cr_expect_eq(s.rtwt, 30.0, "RTWT %g in stage 6", s.rtwt);
    s.stage = s.stage_changed = AGRO_MAIZE_STAGE_MATURE; /* the maturity day */
    maize_growth(&c, &sp, &d, &s, &sat, &sw, &thick);
    maize_integrate(&sp, &s);
    for (int day = 0; day < 20; day++) maize_integrate(&sp, &s); /* waiting for the harvest */
    cr_expect_eq(s.rtwt, 30.0, "RTWT %g once mature", s.rtwt);
    cr_expect_eq(s.ptf, 0.0, "PTF %g: no integration since", s.ptf);
}
