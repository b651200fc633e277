/* DSSAT experiments: X- and A-file readers, treatment → season mapping, the runner,
 * validation statistics and every error path. Expected values are read by hand from the
 * shared DSSAT files (../shared/validation/dssat). */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <criterion/criterion.h>
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agrosim/agrosim.h"
#include "internal/dssat.h"
#include "helpers/files.h"

#define DSSAT AGROSIM_VALIDATION_DIR "/dssat"
#define MAIZE DSSAT "/Maize"

static agro_ctx *ctx;
static char tmpdir[256];
static agro_dssat_treatment T; /* large: keep off the stack */
static agro_season_spec S;

static void setup(void)
{
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    helper_tmpdir_create(tmpdir, sizeof tmpdir, "dssat");
}

static void teardown(void)
{
    agro_ctx_free(ctx);
    helper_tmpdir_remove(tmpdir);
}

static const char *msg(void) { return helper_message(ctx); }

static agro_dssat_exp *load(const char *path)
{
    agro_dssat_exp *x = NULL;
    int rc = agro_dssat_exp_load(ctx, path, &x);
    cr_assert_eq(rc, AGRO_OK, "%s: %s", path, msg());
    return x;
}

/* Copy @p src to tmpdir/@p name with the first @p from (NULL: nothing) replaced by @p to. */
static const char *patched(const char *src, const char *name, const char *from, const char *to)
{
    return helper_patched_copy(tmpdir, src, name, from, to, to ? strlen(to) : 0);
}

/* @p path must not load: @p status, and @p text in the message. */
static void expect_load_error(const char *path, int status, const char *text)
{
    agro_dssat_exp *x = NULL;
    cr_expect_eq(agro_dssat_exp_load(ctx, path, &x), status, "%s", path);
    cr_expect(strstr(msg(), text) != NULL, "\"%s\" not in: %s", text, msg());
    cr_expect_null(x);
    agro_dssat_exp_free(x);
}

static const char *write_text(const char *name, const char *text)
{
    return helper_write_file(tmpdir, name, text);
}

/* ------------------------------------------------------------------------------------ */
TestSuite(dssat_xfile, .init = setup, .fini = teardown);

static int load_all(const char *dir, const char *ext)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "%s", dir);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 4 || strcasecmp(e->d_name + len - 4, ext) != 0)
            continue;
        char p[700];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        agro_dssat_exp *x = load(p);
        int32_t nt = 0;
        agro_dssat_exp_n_treatments(x, &nt);
        cr_expect_gt(nt, 0, "%s has no treatment", p);
        for (int32_t k = 0; k < nt; k++) {
            int32_t num;
            cr_assert_eq(agro_dssat_exp_treatment_number(x, k, &num), AGRO_OK);
            cr_expect_eq(agro_dssat_treatment_get(ctx, x, num, &T), AGRO_OK, "%s: %s", p, msg());
        }
        char code[16], crop[8];
        agro_dssat_exp_code(x, code, sizeof code, crop, sizeof crop);
        cr_expect_eq(strncmp(code, e->d_name, 8), 0, "code %s vs file %s", code, e->d_name);
        agro_dssat_exp_free(x);
        n++;
    }
    closedir(d);
    return n;
}

Test(dssat_xfile, every_maize_and_soybean_experiment_parses)
{
    cr_expect_geq(load_all(MAIZE, ".MZX"), 12);
    cr_expect_geq(load_all(DSSAT "/Soybean", ".SBX"), 35);
}

Test(dssat_xfile, ufga8201_treatment_4_matches_the_file)
{
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    int32_t n;
    agro_dssat_exp_n_treatments(x, &n);
    cr_expect_eq(n, 6);
    char code[16], crop[8];
    agro_dssat_exp_code(x, code, sizeof code, crop, sizeof crop);
    cr_expect_str_eq(code, "UFGA8201");
    cr_expect_str_eq(crop, "MZ");
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 4, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.levels[0], 1); /* CU */
    cr_expect_eq(T.levels[5], 2); /* MI */
    cr_expect_eq(T.levels[6], 2); /* MF */
    cr_expect_eq(T.levels[12], 1); /* SM */
    cr_expect_eq(T.start_date, 1982056);
    cr_expect_eq(T.water, 'Y');
    cr_expect_eq(T.nitrogen, 'Y');
    cr_expect_eq(T.irrig_mode, 'R');
    cr_expect_eq(T.harvest_mode, 'M');
    cr_expect_eq(T.harvest_last, 1983057);
    cr_expect_float_eq(T.auto_irr_depth_cm, 30, 1e-9);
    cr_expect_eq(T.auto_irr_method, 1);
    /* planting */
    cr_expect_eq(T.plant_date, 1982057);
    cr_expect_eq(T.emergence_date, 0);
    cr_expect_float_eq(T.plants_sown_m2, 7.2, 1e-9);
    cr_expect_float_eq(T.plants_emerged_m2, 7.2, 1e-9);
    cr_expect_float_eq(T.row_spacing_cm, 61, 1e-9);
    cr_expect_float_eq(T.sowing_depth_cm, 7, 1e-9);
    cr_expect_eq(T.plant_method, 'S');
    cr_expect_eq(T.plant_distribution, 'R');
    /* initial conditions: 8 layers, the commented-out DSSAT35 block ignored */
    cr_expect_eq(T.ic_date, 1982056);
    cr_expect_eq(T.ic_n_layers, 8);
    cr_expect_float_eq(T.ic_depth_cm[7], 180, 1e-9);
    cr_expect_float_eq(T.ic_sw[7], 0.258, 1e-9);
    cr_expect_float_eq(T.ic_nh4_ppm[4], 0.6, 1e-9);
    cr_expect_float_eq(T.ic_no3_ppm[0], 0.1, 1e-9);
    cr_expect_float_eq(T.ic_residue_kg_ha, 1000, 1e-9);
    cr_expect_float_eq(T.ic_residue_n_pct, 0.8, 1e-9);
    /* irrigation level 2: 16 events */
    cr_expect_float_eq(T.irr_efficiency, 1, 1e-9);
    cr_expect_eq(T.n_irrigations, 16);
    cr_expect_eq(T.irr_date[0], 1982063);
    cr_expect_float_eq(T.irr_value_mm[0], 13, 1e-9);
    cr_expect_eq(T.irr_date[15], 1982162);
    cr_expect_float_eq(T.irr_value_mm[15], 25, 1e-9);
    cr_expect_eq(T.irr_operation[15], 1);
    /* fertiliser level 2: 6 applications of ammonium nitrate, broadcast */
    cr_expect_eq(T.n_fertilisers, 6);
    cr_expect_eq(T.fert_date[5], 1982137);
    cr_expect_eq(T.fert_material[5], 1);
    cr_expect_eq(T.fert_method[5], 1);
    cr_expect_float_eq(T.fert_depth_cm[5], 10, 1e-9);
    cr_expect_float_eq(T.fert_n_kg_ha[5], 126, 1e-9);
    /* field */
    /* read as written: this file puts the latitude under XCRD (the runner takes the
     * latitude from the weather file) */
    cr_expect_float_eq(T.longitude_deg, 29.638, 1e-9);
    cr_expect_float_eq(T.latitude_deg, -82.3689, 1e-9);
    cr_expect_float_eq(T.soil_depth_cm, 180, 1e-9);
    char buf[64];
    agro_dssat_treatment_text(x, 4, AGRO_DSSAT_TEXT_NAME, buf, sizeof buf);
    cr_expect_str_eq(buf, "IRRIGATED HIGH NITROGEN");
    agro_dssat_treatment_text(x, 4, AGRO_DSSAT_TEXT_CULTIVAR_ID, buf, sizeof buf);
    cr_expect_str_eq(buf, "IB0035");
    agro_dssat_treatment_text(x, 4, AGRO_DSSAT_TEXT_CULTIVAR_NAME, buf, sizeof buf);
    cr_expect_str_eq(buf, "McCurdy 84aa");
    /* a text that does not fit says so (it was cut silently; found by probing the API) */
    char small[4];
    cr_expect_eq(agro_dssat_treatment_text(x, 4, AGRO_DSSAT_TEXT_CULTIVAR_NAME, small, sizeof small), AGRO_ELIMIT);
    cr_expect_str_eq(small, "McC");
    cr_expect_eq(agro_dssat_exp_code(x, small, sizeof small, NULL, 0), AGRO_ELIMIT);
    agro_dssat_treatment_text(x, 4, AGRO_DSSAT_TEXT_WEATHER_STATION, buf, sizeof buf);
    cr_expect_str_eq(buf, "UFGA");
    agro_dssat_treatment_text(x, 4, AGRO_DSSAT_TEXT_SOIL_ID, buf, sizeof buf);
    cr_expect_str_eq(buf, "IBMZ910014");
    agro_dssat_treatment_text(x, 4, AGRO_DSSAT_TEXT_FIELD_ID, buf, sizeof buf);
    cr_expect_str_eq(buf, "UFGA0002");
    agro_dssat_exp_free(x);
}

/* A date of an X file whose day of year is 0, or past its year's end (366 of a common year), is
   refused naming the file, line and column, as the .WTH reader refuses it. Day 0 was read as
   "no date": an SDATE of 82000 silently started the run on the planting date, an ODATE of 82000
   or an EDATE of 82000 silently vanished. The irrigation placeholder "77000" (UFGA7601.SBX) stays
   a row DSSAT never reaches, dropped. */
Test(dssat_xfile, a_day_of_year_0_or_past_the_year_end_is_refused_naming_row_and_column)
{
    const char *src = MAIZE "/UFGA8201.MZX";
    static const struct {
        const char *from, *to, *want;
    } bad[] = {
        {"     S 82056  2150", "     S 82000  2150",
         ":113: SDATE: day of year 0 does not exist in 1982 (82000)"},
        {" 1 82057   -99", " 1 82057 82000", ":56: EDATE: day of year 0 does not exist in 1982"},
        {" 1 82057   -99", " 1 1983366 -99",
         ":56: PDATE: day of year 366 does not exist in 1983 (1983366)"},
        {" 1 82097 FE001", " 1 99366 FE001",
         ":101: FDATE: day of year 366 does not exist in 1999 (99366)"},
        {" 1 82097 FE001", " 1 82000 FE001", ":101: FDATE: day of year 0 does not exist in 1982"},
    };
    for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++) {
        agro_dssat_exp *x = NULL;
        cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "Z.MZX", bad[b].from, bad[b].to), &x),
                     AGRO_ERANGE, "%s: %s", bad[b].to, msg());
        cr_expect(strstr(msg(), bad[b].want) != NULL, "%s", msg());
        agro_dssat_exp_free(x);
    }
    /* year 0, which loaded as a date before the library's calendar */
    agro_dssat_exp *x = NULL;
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "Z.MZX", " 1 82097 FE001",
                                                  " 1 0000097 FE001"), &x),
                 AGRO_EFORMAT, "%s", msg());
    cr_expect(strstr(msg(), ":101: FDATE: not a YYDDD or YYYYDDD date (0000097)") != NULL, "%s",
              msg());
    agro_dssat_exp_free(x);
    /* the leap day of a leap year is a date; the irrigation placeholder loads and is dropped */
    x = NULL;
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "Z.MZX", " 1 82057   -99", " 1 84366   -99"),
                                     &x),
                 AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
    x = load(DSSAT "/Soybean/UFGA7601.SBX");
    static agro_dssat_treatment t;
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &t), AGRO_OK, "%s", msg());
    cr_expect_eq(t.n_irrigations, 4, "the 77000 row is dropped");
    agro_dssat_exp_free(x);
    /* an A file's ADAT of day 0 was no observation; it is not a date */
    x = load(src);
    agro_dssat_observed o[8];
    int32_t n = -1;
    cr_expect_eq(agro_dssat_observed_load(ctx, patched(MAIZE "/UFGA8201.MZA", "Z.MZA",
                                                       "   132   185  1.80  69.5",
                                                       " 82000   185  1.80  69.5"),
                                          x, o, 8, &n),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "Z.MZA:8: ADAT: not a date (82000)") != NULL, "%s", msg());
    agro_dssat_exp_free(x);
}

Test(dssat_xfile, levels_resolve_per_treatment_and_years_cross)
{
    agro_dssat_exp *x = load(MAIZE "/IBWA8301.MZX");
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.n_fertilisers, 0); /* MF 0 */
    cr_expect_eq(T.n_irrigations, 24);
    cr_expect_eq(T.irr_date[6], 1983364);
    cr_expect_eq(T.irr_date[7], 1984006); /* YYDDD across the new year */
    cr_expect_float_eq(T.ic_no3_ppm[0], 3.6, 1e-9);
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 5, &T), AGRO_OK, "%s", msg());
    cr_expect_float_eq(T.ic_no3_ppm[0], 5.2, 1e-9); /* IC level 5 */
    cr_expect_eq(T.n_fertilisers, 3);
    cr_expect_eq(T.fert_material[0], 5);
    cr_expect_eq(T.fert_method[0], 0); /* FACD -99 */
    cr_expect_float_eq(T.fert_n_kg_ha[2], 17, 1e-9);
    cr_expect_eq(T.fert_date[2], 1984041);
    char buf[32];
    agro_dssat_treatment_text(x, 5, AGRO_DSSAT_TEXT_CULTIVAR_ID, buf, sizeof buf);
    cr_expect_str_eq(buf, "IB0060");
    agro_dssat_treatment_text(x, 5, AGRO_DSSAT_TEXT_WEATHER_STATION, buf, sizeof buf);
    cr_expect_str_eq(buf, "IBWA8302");
    agro_dssat_exp_free(x);

    /* 00120 is 2000 (DSSAT cross-over year 35); EDATE given; PPOE differs from PPOP */
    x = load(MAIZE "/IUAF9901.MZX");
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 3, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.plant_first, 2000120);
    cr_expect_float_eq(T.plants_sown_m2, 8, 1e-9);
    cr_expect_float_eq(T.plants_emerged_m2, 7.6, 1e-9);
    cr_expect_eq(T.harvest_mode, 'R');
    cr_expect_eq(T.n_harvests, 1);
    cr_expect_eq(T.harv_date[0], 1999304);
    cr_expect_eq(T.harv_stage[0], 0);
    cr_expect(isnan(T.latitude_deg));
    agro_dssat_exp_free(x);
    x = load(MAIZE "/SIAZ9501.MZX");
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.emergence_date, 1995145);
    cr_expect_float_eq(T.irr_depth_cm, 30, 1e-9);
    cr_expect_eq(T.fert_method[0], 2);
    agro_dssat_exp_free(x);
}

Test(dssat_xfile, controls_environment_and_residues)
{
    agro_dssat_exp *x = load(MAIZE "/GAGR0201.MZX");
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 2, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.irrig_mode, 'A');
    cr_expect_eq(T.n_envmods, 1);
    cr_expect_eq(T.env_date[0], 2002303);
    cr_expect_eq(T.env_code[0][AGRO_DSSAT_ENV_DAYLENGTH], 'R');
    cr_expect_float_eq(T.env_value[0][AGRO_DSSAT_ENV_DAYLENGTH], 16, 1e-9);
    cr_expect_float_eq(T.env_value[0][AGRO_DSSAT_ENV_SRAD], 18.7, 1e-9); /* "R18.7" glued */
    cr_expect_float_eq(T.env_value[0][AGRO_DSSAT_ENV_TMAX], 35, 1e-9);
    cr_expect_float_eq(T.env_value[0][AGRO_DSSAT_ENV_TMIN], 25, 1e-9);
    cr_expect_eq(T.env_code[0][AGRO_DSSAT_ENV_RAIN], 'A');
    cr_expect_float_eq(T.env_value[0][AGRO_DSSAT_ENV_CO2], 400, 1e-9);
    cr_expect_eq(T.irr_date[0], 0); /* the "-99 -99" placeholder is no event */
    cr_expect_eq(T.n_irrigations, 0);
    cr_expect_eq(T.ic_n_layers, 8);
    cr_expect(isnan(T.ic_no3_ppm[5]));
    agro_dssat_exp_free(x);

    x = load(MAIZE "/EBPL8501.MZX");
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 2, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.n_residues, 1);
    cr_expect_float_eq(T.res_amount_kg_ha[0], 5590, 1e-9);
    cr_expect_float_eq(T.res_n_pct[0], 3.33, 1e-9);
    cr_expect_float_eq(T.res_depth_cm[0], 20, 1e-9);
    cr_expect(isnan(T.res_incorporation_pct[0]));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 3, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.levels[4], 0);  /* fallow: no planting */
    cr_expect_eq(T.harvest_mode, 'R'); /* simulation controls level 2 */
    char buf[8];
    agro_dssat_treatment_text(x, 3, AGRO_DSSAT_TEXT_CROP, buf, sizeof buf);
    cr_expect_str_eq(buf, "FA");
    agro_dssat_exp_free(x);
}

/* ---- inputs read but not simulated (agro_dssat_treatment.ignored) ---- */

/* Flags of treatment @p number of the experiment at @p path. */
/* The ignored bits of treatment @p number, without the soil evaporation bit that every shipped
 * X file sets (MESEV S; tested on its own in methods_row_gives_evaporation_and_layering). */
static int32_t ignored_of(const char *path, int32_t number)
{
    agro_dssat_exp *x = load(path);
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, number, &T), AGRO_OK, "%s: %s", path, msg());
    agro_dssat_exp_free(x);
    return T.ignored & ~AGRO_DSSAT_IGNORED_SOIL_EVAPORATION;
}

Test(dssat_xfile, ignored_inputs_are_flagged_per_treatment)
{
    /* GHWA0401: MESOM P, PHOSP Y (CENTURY with its SA levels' SAOC, SASC and SAPX, ICRT
       150..1373 and the P are simulated) */
    agro_dssat_exp *x = load(MAIZE "/GHWA0401.MZX");
    for (int32_t k = 1; k <= 9; k++) {
        cr_assert_eq(agro_dssat_treatment_get(ctx, x, k, &T), AGRO_OK, "%s", msg());
        cr_expect_eq(T.ignored, AGRO_DSSAT_IGNORED_SOIL_EVAPORATION,
                     "GHWA0401 treatment %d: 0x%x", (int)k, (unsigned)T.ignored);
    }
    /* SASC of the SA level (stable C, %), and the previous maize's shoot N and P and lignin
       (RESCH048 RE203: SCN 1.10 %, SCP 0.32 %, PRLIG 0.10) */
    cr_expect_float_eq(T.sa_stable_c_pct[0], 0.47, 1e-12);
    cr_expect_float_eq(T.sa_stable_c_pct[4], 0.33, 1e-12);
    cr_expect_float_eq(T.ic_shoot_n_pct, 1.10, 1e-12);
    cr_expect_float_eq(T.ic_shoot_p_pct, 0.32, 1e-12);
    cr_expect_float_eq(T.ic_lignin_frac, 0.10, 1e-12);
    cr_expect_eq(T.som_method, 'P');
    cr_expect_eq(T.phosphorus, 'Y');
    cr_expect_eq(T.potassium, 'N');
    cr_expect_eq(T.diseases, 'N');
    cr_expect_eq(T.chemicals, 'N');
    cr_expect_eq(T.tillage, 'N');
    cr_expect_float_eq(T.ic_root_kg_ha, 1373, 1e-9);
    agro_dssat_exp_free(x);

    /* UFGA8201: every option N but TILL, MESOM G, no SA/MT/MC level; ICRT 100 is simulated */
    cr_expect_eq(ignored_of(MAIZE "/UFGA8201.MZX", 1), 0);
    cr_expect_float_eq(T.ic_root_kg_ha, 100, 1e-9);
    cr_expect_eq(T.som_method, 'G');
    cr_expect_eq(T.tillage, 'Y');
    cr_expect_eq(T.phosphorus, 'N');
    /* LQPI1602 (soybean, Hungary): four passes of its MT level, read but not simulated */
    cr_expect(ignored_of(DSSAT "/Soybean/LQPI1602.SBX", 1) & AGRO_DSSAT_IGNORED_TILLAGE);
    cr_expect_eq(T.n_tillage, 4);
    cr_expect_eq(T.till_date[0], 2016290);
    cr_expect_eq(T.till_implement[0], 10);
    cr_expect_float_eq(T.till_depth_cm[0], 45.0, 1e-12);
    cr_expect_eq(T.till_implement[3], 14);
    cr_expect_float_eq(T.till_depth_cm[3], 15.0, 1e-12);
    /* BRPI0202: ICRT -99, nothing else asked for */
    cr_expect_eq(ignored_of(MAIZE "/BRPI0202.MZX", 5), 0);
    /* IUAF9902 (pest damage examples): DISES Y */
    for (int32_t k = 1; k <= 7; k++)
        cr_expect(ignored_of(MAIZE "/IUAF9902.MZX", k) & AGRO_DSSAT_IGNORED_PEST_DAMAGE,
                  "IUAF9902 treatment %d", (int)k);
    cr_expect_eq(T.diseases, 'Y');
    /* GAGR0201 (growth chamber): EDAY R 16 h (simulated); SA 0 (its SA section is all -99);
       ICRT 0 */
    for (int32_t k = 1; k <= 6; k++)
        cr_expect_eq(ignored_of(MAIZE "/GAGR0201.MZX", k), 0,
                     "GAGR0201 treatment %d: 0x%x", (int)k, (unsigned)T.ignored);
    /* EBPL8501: controls level 2 (fallow treatments 3, 4) is MESOM P, level 1 MESOM G */
    x = load(MAIZE "/EBPL8501.MZX");
    for (int32_t k = 1; k <= 4; k++) {
        cr_assert_eq(agro_dssat_treatment_get(ctx, x, k, &T), AGRO_OK, "%s", msg());
        cr_expect_eq(T.levels[12], k <= 2 ? 1 : 2);
        cr_expect_eq(T.som_method, k <= 2 ? 'G' : 'P', "EBPL8501 treatment %d", (int)k);
        /* ICRT 1000 and 200 simulated; level 2 asks for Ritchie evaporation (MESEV R) and
           CENTURY (MESOM P), both simulated */
        cr_expect_eq(T.ignored, k <= 2 ? AGRO_DSSAT_IGNORED_SOIL_EVAPORATION : 0,
                     "EBPL8501 treatment %d: 0x%x", (int)k, (unsigned)T.ignored);
        cr_expect_eq(T.evap_method, k <= 2 ? 'S' : 'R');
    }
    agro_dssat_exp_free(x);
}

/* METHODS row: MESEV (S flagged, R not; absent = DSSAT's S) and MESOL (absent = 2), with
 * values outside DSSAT's options named by file, line and column. */
Test(dssat_xfile, methods_row_gives_evaporation_and_layering)
{
    const char *src = MAIZE "/GAGR0201.MZX";
    agro_dssat_exp *x = load(src);
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.evap_method, 'S');
    cr_expect_eq(T.soil_layering, 2);
    cr_expect_eq(T.ignored, AGRO_DSSAT_IGNORED_SOIL_EVAPORATION, "0x%x", (unsigned)T.ignored);
    agro_dssat_exp_free(x);
    /* the METHODS line of GAGR0201: ... MESOM G, MESEV S, MESOL 2 */
    const char *row = "C     R     1     G     S     2";
    const char *r3 = patched(src, "M1.MZX", row, "C     R     1     G     R     3");
    x = load(r3);
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.evap_method, 'R');
    cr_expect_eq(T.soil_layering, 3);
    cr_expect_eq(T.ignored, 0, "0x%x", (unsigned)T.ignored);
    agro_dssat_exp_free(x);
    x = (agro_dssat_exp *)0x1; /* set to NULL on error, whatever it held (found by probing the API) */
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "M2.MZX", row, "C     R     1     G     X     2"), &x),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "M2.MZX:") != NULL && strstr(msg(), "MESEV") != NULL, "%s", msg());
    cr_expect_null(x);
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "M3.MZX", row, "C     R     1     G     S     4"), &x),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "M3.MZX:") != NULL && strstr(msg(), "MESOL") != NULL, "%s", msg());
    cr_expect_null(x);
}

/* The initial residue's N and P concentrations become a RESIDUE event's: beyond its limits (10 %
   N, 5 % P) the run stops naming the IC line, the P no more silently taken as 0 */
Test(dssat_xfile, an_initial_residue_beyond_the_event_limits_is_refused_with_its_line)
{
    const char *src = MAIZE "/UFGA8201.MZX"; /* ICRES 1000 kg/ha at 0.8 % N, ICRIP 100 */
    const char *row = " 1    MZ 82056   100     0     1     1   -99  1000    .8     0   100    15 -99";
    static const struct { const char *to, *name, *want; } cases[2] = {
        {" 1    MZ 82056   100     0     1     1   -99  1000    12     0   100    15 -99", "IN.MZX",
         "IN.MZX:34: residue on 1982-056: n_pct: residue N 12 % outside [0, 10]"},
        {" 1    MZ 82056   100     0     1     1   -99  1000    .8     6   100    15 -99", "IP.MZX",
         "IP.MZX:34: residue on 1982-056: p_pct"},
    };
    for (int k = 0; k < 2; k++) {
        agro_dssat_exp *x = load(patched(src, cases[k].name, row, cases[k].to));
        agro_dssat_result r;
        cr_expect_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &r), AGRO_ERANGE, "%s", cases[k].name);
        cr_expect(strstr(msg(), cases[k].want) != NULL, "%s", msg());
        agro_dssat_exp_free(x);
    }
}

/* IPMAN stops on an event dated before the simulation start under R (IPIRR, IPFERT, IPRES):
   refused with the line and field, not dropped */
Test(dssat_xfile, reported_events_before_the_start_are_refused)
{
    const char *src = MAIZE "/UFGA8201.MZX"; /* SDATE 82056, IRRIG R, FERTI R */
    agro_dssat_exp *x = NULL;
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "E1.MZX", " 1 82063 IR001", " 1 82050 IR001"), &x),
                 AGRO_EORDER);
    cr_expect(strstr(msg(), "E1.MZX:62: IDATE: irrigation on 1982050, before the simulation start 1982056") != NULL,
              "%s", msg());
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "E2.MZX", " 1 82097 FE001", " 1 82055 FE001"), &x),
                 AGRO_EORDER);
    cr_expect(strstr(msg(), "E2.MZX:101: FDATE: fertiliser on 1982055, before the simulation start 1982056") != NULL,
              "%s", msg());
    /* a missing depth stops IPFERT (DFERT < 0) */
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "E6.MZX", " 1 82097 FE001 AP001    10", " 1 82097 FE001 AP001   -99"), &x),
                 AGRO_EMISSING);
    cr_expect(strstr(msg(), "E6.MZX:101: FDEP: fertiliser depth missing") != NULL, "%s", msg());
    cr_expect_null(x);
    /* on the start day itself: accepted */
    x = load(patched(src, "E3.MZX", " 1 82097 FE001", " 1 82056 FE001"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.fert_date[0], 1982056);
    agro_dssat_exp_free(x);
    /* under P (reported, then automatic) IPIRR lets it pass; the runner drops it, as DSSAT
       never reaches that day */
    char p4[600];
    snprintf(p4, sizeof p4, "%s", patched(src, "E4.MZX", " 1 82063 IR001", " 1 82050 IR001"));
    x = load(patched(p4, "E5.MZX", "R     R     R     N     M", "R     P     R     N     M"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.irrig_mode, 'P');
    cr_expect_eq(T.irr_date[0], 1982050);
    agro_dssat_exp_free(x);
}

/* A tillage header without the TIMPL or TDEP column: the refusal shows the cell as empty, as the
   fertiliser and residue refusals do (it printed a null pointer, "((null))") */
Test(dssat_xfile, a_tillage_row_without_an_implement_or_depth_column_is_refused_without_a_null_cell)
{
    char p[600];
    snprintf(p, sizeof p, "%s",
             patched(MAIZE "/GAGR0201.MZX", "T0.MZX",
                     "400 ppm           1  1  0  1  1  0  1  0  0  0  1",
                     "400 ppm           1  1  1  1  1  0  1  0  1  1  1"));
    expect_load_error(patched(p, "T1.MZX", "@T TDATE TIMPL  TDEP TNAME\n 1 02303 TI001   -99 -99",
                              "@T TDATE TIMPL TNAME\n 1 02303 TI001 -99"),
                      AGRO_EMISSING, "T1.MZX:94: TDEP: tillage depth missing or outside 0..1000 cm ()");
    cr_expect(strstr(msg(), "null") == NULL, "%s", msg());
    expect_load_error(patched(p, "T2.MZX", "@T TDATE TIMPL  TDEP TNAME\n 1 02303 TI001   -99 -99",
                              "@T TDATE  TDEP TNAME\n 1 02303    15 -99"),
                      AGRO_EMISSING, "T2.MZX:94: TIMPL: tillage implement missing or not TI001..TI998 ()");
    cr_expect(strstr(msg(), "null") == NULL, "%s", msg());
}

Test(dssat_xfile, ignored_flags_follow_the_levels_and_switches)
{
    const char *src = MAIZE "/GAGR0201.MZX";
    char p1[600], p2[600];
    /* naming the all -99 SA level, the tillage level and an (absent) chemicals level: the SA
       level gives no value and TILL, CHEM are N, so nothing more is flagged. The file's
       tillage row has no depth (-99), which stops DSSAT's IPTILL whatever TILL says */
    agro_dssat_exp *x = NULL;
    snprintf(p1, sizeof p1, "%s",
             patched(src, "S0.MZX", "400 ppm           1  1  0  1  1  0  1  0  0  0  1",
                     "400 ppm           1  1  1  1  1  0  1  0  1  1  1"));
    cr_expect_eq(agro_dssat_exp_load(ctx, p1, &x), AGRO_EMISSING);
    cr_expect(strstr(msg(), "S0.MZX:94: TDEP: tillage depth missing") != NULL, "%s", msg());
    snprintf(p1, sizeof p1, "%s", patched(p1, "S1.MZX", "TI001   -99", "TI003  15.04"));
    cr_expect_eq(ignored_of(p1, 1), 0, "0x%x", (unsigned)T.ignored);
    cr_expect_eq(T.levels[2], 1);
    cr_expect_eq(T.levels[9], 1);
    /* the pass, read as IPTILL does: TDEP through DSSAT's input file at 0.1 cm */
    cr_expect_eq(T.n_tillage, 1);
    cr_expect_eq(T.till_date[0], 2002303);
    cr_expect_eq(T.till_implement[0], 3);
    cr_expect_float_eq(T.till_depth_cm[0], 15.0, 1e-12);
    /* a pass before the simulation start (SDATE 02274) and an implement out of range */
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(p1, "S8.MZX", " 1 02303 TI003", " 1 02270 TI003"), &x),
                 AGRO_EORDER);
    cr_expect(strstr(msg(), "S8.MZX:94: TDATE: tillage on 2002270, before the simulation start 2002274") != NULL,
              "%s", msg());
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(p1, "S9.MZX", " 1 02303 TI003", " 1 02303 TI999"), &x),
                 AGRO_ERANGE);
    cr_expect(strstr(msg(), "S9.MZX:94: TIMPL: tillage implement missing or not TI001..TI998 (TI999)") != NULL,
              "%s", msg());
    /* a missing implement (-99) is AGRO_EMISSING, as a missing residue code */
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(p1, "S10.MZX", " 1 02303 TI003", " 1 02303   -99"), &x),
                 AGRO_EMISSING);
    cr_expect(strstr(msg(), "S10.MZX:94: TIMPL") != NULL, "%s", msg());
    cr_expect_null(x);
    /* one soil-analysis value (simulated, not flagged; kept in the treatment), then TILL,
       CHEM switched on */
    snprintf(p2, sizeof p2, "%s", patched(p1, "S2.MZX", " 1    15   -99   -99", " 1    15   -99   1.2"));
    cr_expect_eq(ignored_of(p2, 1), 0);
    cr_expect_eq(T.sa_n_layers, 1);
    cr_expect_float_eq(T.sa_depth_cm[0], 15, 1e-12);
    cr_expect_float_eq(T.sa_organic_carbon_pct[0], 1.2, 1e-12);
    cr_expect(isnan(T.sa_bulk_density_g_cm3[0]) && isnan(T.sa_total_n_pct[0]));
    cr_expect_eq(ignored_of(p2, 2), 0); /* SA 0 */
    cr_expect_eq(T.sa_n_layers, 0);
    const char *p3 = patched(p2, "S3.MZX", "N     N     N     N     N     N     M",
                             "N     N     N     N     Y     Y     M");
    cr_expect_eq(ignored_of(p3, 1),
                 AGRO_DSSAT_IGNORED_TILLAGE | AGRO_DSSAT_IGNORED_CHEMICALS,
                 "0x%x", (unsigned)T.ignored);
    cr_expect_eq(T.chemicals, 'Y');
    cr_expect_eq(T.tillage, 'Y');
    /* DSSAT tills with TILL R as with Y, and with any other letter not at all (MGMTOPS's
       INDEX('YR', ISWTIL)) */
    cr_expect_eq(ignored_of(patched(p2, "S4.MZX", "N     N     N     N     N     N     M",
                                    "N     N     N     N     N     R     M"), 1),
                 AGRO_DSSAT_IGNORED_TILLAGE, "0x%x", (unsigned)T.ignored);
    cr_expect_eq(ignored_of(patched(p2, "S5.MZX", "N     N     N     N     N     N     M",
                                    "N     N     N     N     N           M"), 1),
                 0, "0x%x", (unsigned)T.ignored);
    cr_expect_eq(T.tillage, 0); /* a blank TILL in a present controls level: N to IPSIM */
    cr_expect_eq(ignored_of(patched(p2, "S6.MZX", "N     N     N     N     N     N     M",
                                    "N     N     N     N     N     X     M"), 1),
                 0, "0x%x", (unsigned)T.ignored);
    /* without a simulation-controls level IPSIM's default is TILL Y */
    cr_expect_eq(ignored_of(patched(p2, "S7.MZX", "400 ppm           1  1  1  1  1  0  1  0  1  1  1  1  1",
                                    "400 ppm           1  1  1  1  1  0  1  0  1  1  1  1  0"), 1),
                 AGRO_DSSAT_IGNORED_TILLAGE, "0x%x", (unsigned)T.ignored);
    /* ICRT > 0 (simulated, so not flagged) and POTAS Y */
    cr_expect_eq(ignored_of(patched(src, "R.MZX", "    SB 02303     0", "    SB 02303   250"), 1),
                 0);
    cr_expect_eq(ignored_of(patched(src, "K.MZX", "N     N     N     N     N     N     M",
                                    "N     N     Y     N     N     N     M"), 1),
                 AGRO_DSSAT_IGNORED_POTASSIUM);
    cr_expect_eq(T.potassium, 'Y');
    /* a malformed soil-analysis value names its line and column */
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(p1, "B.MZX", " 1    15   -99   -99", " 1    15   -99   x.2"), &x),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "B.MZX:55: SAOC") != NULL, "%s", msg());
    cr_expect_null(x);
}

/* DSSAT 4.8 simulates a water table (ICWD > 0 at the start, WaterTable.f90; IR007 rows) and
 * flooding (IR008-IR011, FLOOD_IRRIG) that agrosim does not: flagged, with the water balance */
Test(dssat_xfile, water_table_and_flood_rows_are_flagged)
{
    const char *src = MAIZE "/UFGA8201.MZX";
    cr_expect_eq(ignored_of(src, 3), 0);
    const char *ic = " 1    MZ 82056   100     0     1     1   -99  1000";
    const char *w = patched(src, "WT.MZX", ic, " 1    MZ 82056   100     0     1     1   120  1000");
    cr_expect_eq(ignored_of(w, 1), AGRO_DSSAT_IGNORED_WATER_TABLE);
    cr_expect_float_eq(T.ic_water_table_cm, 120.0, 1e-12);
    /* a water-table depth row among trt 3's irrigations (level 2); IR001-IR006 are not flagged */
    const char *r = patched(src, "IR7.MZX", " 2 82063 IR001    13", " 2 82063 IR007    80");
    cr_expect_eq(ignored_of(r, 3), AGRO_DSSAT_IGNORED_WATER_TABLE);
    cr_expect_eq(ignored_of(patched(src, "IR6.MZX", " 2 82063 IR001    13", " 2 82063 IR006    13"), 3), 0);
    /* without the water balance DSSAT has no water table either */
    cr_expect_eq(ignored_of(patched(w, "WTN.MZX",
                                    " 1 OP              Y     Y     N     N     N     N     N     Y     M",
                                    " 1 OP              N     N     N     N     N     N     N     Y     M"), 1),
                 0);
}

/* DSSAT 4.8 drains the saturated layers above tile drains at FLDD cm (WATBAL calls
 * TILEDRAIN.for whenever FLDD > 0), which agrosim does not simulate: flagged with the water
 * table bit, with the water balance only */
Test(dssat_xfile, tile_drains_are_flagged_with_the_water_balance)
{
    const char *src = MAIZE "/UFGA8201.MZX";
    const char *fl = "-99     0 DR000     0     0";
    const char *t = patched(src, "TD.MZX", fl, "-99     0 DR002    90  1000");
    cr_expect_eq(ignored_of(t, 3), AGRO_DSSAT_IGNORED_WATER_TABLE, "0x%x", (unsigned)T.ignored);
    cr_expect_eq(ignored_of(patched(src, "TD0.MZX", fl, "-99     0 DR002   -99  1000"), 3), 0);
    const char *on = "Y     Y     N     N     N     N     N     Y     M";
    const char *off = "N     N     N     N     N     N     N     Y     M";
    cr_expect_eq(ignored_of(patched(t, "TDN.MZX", on, off), 3), 0);
    /* a word where the drain depth stands stops DSSAT's IPFLD (F5.0) and agrosim alike */
    expect_load_error(patched(src, "TDX.MZX", fl, "-99     0 DR002  deep  1000"), AGRO_EFORMAT,
                      "TDX.MZX:28: FLDD: not a number (deep)");
    char buf[2048];
    cr_expect_eq(agro_dssat_ignored_describe(AGRO_DSSAT_IGNORED_WATER_TABLE, buf, sizeof buf),
                 AGRO_OK);
    cr_expect(strstr(buf, "FLDD>0 (tile drains)") != NULL, "%s", buf);
}

/* Simulation controls that make DSSAT run another model or switch N processes off are refused,
 * naming the line and column, rather than run as CERES-Maize with every N process */
Test(dssat_xfile, ixim_model_and_n_process_switches_are_refused)
{
    const char *src = MAIZE "/UFGA8201.MZX";
    const char *ge = "IRRIGATION, GAINESVI";
    expect_load_error(patched(src, "IX.MZX", ge, "IRRIGATION, GAINESVI mzixm048"), AGRO_ERANGE,
                      "IX.MZX:113: SMODEL: mzixm048: DSSAT would run the IXIM maize");
    /* MZCER, or a name DSSAT's ValidModel refuses (it then runs its default, MZCER) */
    agro_dssat_exp_free(load(patched(src, "CE.MZX", ge, "IRRIGATION, GAINESVI MZCER048")));
    agro_dssat_exp_free(load(patched(src, "XX.MZX", ge, "IRRIGATION, GAINESVI SBGRO048")));
    const char *me = "R     R     1     G     S     2";
    expect_load_error(patched(src, "N5.MZX", me, "R     R     5     G     S     2"), AGRO_ERANGE,
                      "N5.MZX:117: NSWIT: 5 switches off nitrification in DSSAT-CSM 4.8");
    expect_load_error(patched(src, "N6.MZX", me, "R     R     6     G     S     2"), AGRO_ERANGE,
                      "NSWIT: 6 switches off denitrification");
    expect_load_error(patched(src, "N8.MZX", me, "R     R     8     G     S     2"), AGRO_ERANGE,
                      "NSWIT: 8 switches off NH3 volatilisation from the soil");
    /* 0 (DSSAT makes it 1 with N on), 7 (floodwater only) and a blank change nothing */
    const char *const ok[] = {"R     R     0     G     S     2", "R     R     7     G     S     2",
                              "R     R           G     S     2"};
    for (int k = 0; k < 3; k++)
        cr_expect_eq(ignored_of(patched(src, "NOK.MZX", me, ok[k]), 1), 0, "%s", ok[k]);
    /* without the N balance the switch has nothing to switch off */
    const char *p = patched(src, "N5N.MZX", me, "R     R     5     G     S     2");
    cr_expect_eq(ignored_of(patched(p, "N5NN.MZX", "Y     Y     N     N     N     N     N     Y",
                                    "Y     N     N     N     N     N     N     Y"), 1),
                 0);
}

/* IPPLNT_Inp stops on transplanting (PLME T) without a transplant weight (PLWT -99 or
 * negative, its error 18); a blank PLWT reads as 0 there */
Test(dssat_xfile, transplanting_without_a_transplant_weight_is_refused)
{
    const char *src = MAIZE "/UFGA8201.MZX";
    const char *pl = "7.2     S     R    61     0     7   -99";
    expect_load_error(patched(src, "T1.MZX", pl, "7.2     T     R    61     0     7   -99"),
                      AGRO_EMISSING,
                      "T1.MZX:56: PLWT: transplanting (PLME T) needs the transplant weight");
    expect_load_error(patched(src, "T2.MZX", pl, "7.2     T     R    61     0     7    -5"),
                      AGRO_EMISSING, "T2.MZX:56: PLWT");
    const char *t3 = patched(src, "T3.MZX", pl, "7.2     T     R    61     0     7    20");
    cr_expect_eq(ignored_of(t3, 1), 0);
    cr_expect_eq(T.plant_method, 'T');
    const char *t4 = patched(src, "T4.MZX", pl, "7.2     T     R    61     0     7      ");
    cr_expect_eq(ignored_of(t4, 1), 0);
}

Test(dssat_xfile, ignored_flags_are_described_in_words)
{
    char buf[2048];
    cr_expect_eq(agro_dssat_ignored_describe(AGRO_DSSAT_IGNORED_CENTURY, buf, sizeof buf), AGRO_OK);
    cr_expect_str_eq(buf, "MESOM=P (CENTURY soil organic matter) run with the CERES-Godwin model");
    cr_expect_eq(agro_dssat_ignored_describe(0, buf, sizeof buf), AGRO_OK);
    cr_expect_str_eq(buf, "");
    /* every bit has its own sentence naming the DSSAT input; two bits are joined by "; " */
    static const char *const names[13] = {"MESOM", "DISES", "POTAS", "MT level", "MC level",
                                          "MESEV", "FERTI", "METMP", "MEGHG", "RESID", "EVAPO",
                                          "ICWD", "date order"};
    for (int b = 0; b < 13; b++) {
        cr_expect_eq(agro_dssat_ignored_describe(1 << b, buf, sizeof buf), AGRO_OK);
        cr_expect(strstr(buf, names[b]) != NULL && strstr(buf, "; ") == NULL, "bit %d: %s", b, buf);
    }
    cr_expect_eq(agro_dssat_ignored_describe(AGRO_DSSAT_IGNORED_POTASSIUM |
                                                 AGRO_DSSAT_IGNORED_CHEMICALS,
                                             buf, sizeof buf),
                 AGRO_OK);
    cr_expect(strncmp(buf, "POTAS", 5) == 0 && strstr(buf, "Hedley fractions); chemical") != NULL, "%s", buf);
    cr_expect_eq(agro_dssat_ignored_describe(AGRO_DSSAT_IGNORED_ALL, buf, sizeof buf), AGRO_OK);
    /* truncation: ELIMIT, the text cut and NUL-terminated */
    char tiny[8];
    memset(tiny, 'x', sizeof tiny);
    cr_expect_eq(agro_dssat_ignored_describe(AGRO_DSSAT_IGNORED_CENTURY, tiny, sizeof tiny),
                 AGRO_ELIMIT);
    cr_expect_str_eq(tiny, "MESOM=P");
    /* unknown bits, bad buffers */
    cr_expect_eq(agro_dssat_ignored_describe(1 << 13, buf, sizeof buf), AGRO_ERANGE);
    cr_expect_eq(agro_dssat_ignored_describe(1 << 14, buf, sizeof buf), AGRO_ERANGE);
    cr_expect_str_eq(buf, "");
    cr_expect_eq(agro_dssat_ignored_describe(INT32_MIN | AGRO_DSSAT_IGNORED_CENTURY, buf, sizeof buf),
                 AGRO_ERANGE);
    cr_expect_eq(agro_dssat_ignored_describe(AGRO_DSSAT_IGNORED_CENTURY, NULL, 10), AGRO_EINVAL);
    cr_expect_eq(agro_dssat_ignored_describe(AGRO_DSSAT_IGNORED_CENTURY, buf, 0), AGRO_EINVAL);
}

Test(dssat_xfile, bad_files_fail_with_file_line_and_column)
{
    agro_dssat_exp *x = NULL;
    cr_expect_eq(agro_dssat_exp_load(ctx, MAIZE "/NOPE.MZX", &x), AGRO_EIO);
    cr_expect_null(x);
    cr_expect_eq(agro_dssat_exp_load(ctx, write_text("E.MZX", ""), &x), AGRO_EFORMAT);
    cr_expect(strstr(msg(), "empty") != NULL, "%s", msg());
    cr_expect_eq(agro_dssat_exp_load(ctx, write_text("N.MZX", "*CULTIVARS\n@C CR INGENO\n 1 MZ IB0035\n"), &x),
                 AGRO_EMISSING);
    cr_expect(strstr(msg(), "TREATMENTS") != NULL, "%s", msg());
    cr_expect_eq(agro_dssat_exp_load(ctx, write_text("H.MZX", "*TREATMENTS\n 1 1 0 0 X 1 1\n"), &x),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), ":2:") != NULL, "%s", msg());

    const char *src = MAIZE "/UFGA8201.MZX";
    /* non-numeric population on the planting line (line 56) */
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "P.MZX", "   7.2   7.2", "   7.x   7.2"), &x),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "P.MZX:56: PPOP: not a number (7.x)") != NULL, "%s", msg());
    /* impossible date */
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "D.MZX", " 1 82057   -99", " 1 82400   -99"), &x),
                 AGRO_ERANGE);
    cr_expect(strstr(msg(), ":56: PDATE: day of year 400 does not exist in 1982 (82400)") != NULL,
              "%s", msg());
    /* a treatment names a fertiliser level that does not exist */
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "L.MZX", "HIGH NITROGEN      1  1  0  1  1  1  2",
                                                  "HIGH NITROGEN      1  1  0  1  1  1  3"),
                                     &x),
                 AGRO_ENOTFOUND);
    cr_expect(strstr(msg(), "L.MZX:16: MF") != NULL, "%s", msg());
    /* truncated irrigation line */
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "I.MZX", " 2 82077 IR001    10", " 2 82077"), &x),
                 AGRO_EMISSING);
    cr_expect(strstr(msg(), "I.MZX:67: IRVAL") != NULL, "%s", msg());
    /* a missing irrigation date or operation in a used level: DSSAT's IPIRR stops (its
       errors 10 and 12), so this is no placeholder to drop or water to apply */
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "I2.MZX", " 2 82077 IR001    10", " 2   -99 IR001    10"), &x),
                 AGRO_EMISSING);
    cr_expect(strstr(msg(), "I2.MZX:67: IDATE") != NULL, "%s", msg());
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "I3.MZX", " 2 82077 IR001    10", " 2 82077   -99    10"), &x),
                 AGRO_ERANGE);
    cr_expect(strstr(msg(), "I3.MZX:67: IROP: irrigation operation -99") != NULL, "%s", msg());
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "I4.MZX", " 2 82077 IR001    10", " 2 82077 IR012    10"), &x),
                 AGRO_ERANGE);
    cr_expect(strstr(msg(), "I4.MZX:67: IROP") != NULL, "%s", msg());
    /* initial layers out of order */
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "O.MZX", " 1    30  .086", " 1    10  .086"), &x),
                 AGRO_EORDER);
    cr_expect(strstr(msg(), "ICBL") != NULL, "%s", msg());
    /* duplicated treatment number */
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "T.MZX", " 2 1 0 0 RAINFED HIGH", " 1 1 0 0 RAINFED HIGH"), &x),
                 AGRO_EORDER);
    cr_expect(strstr(msg(), ":16: N") != NULL, "%s", msg());
    cr_expect_null(x);
    /* a column named twice in a table that is read: the second PPOP (PPOE's values) was
       dropped and PPOE missing, the run went on with the sown population */
    expect_load_error(patched(src, "CT.MZX", "PPOP  PPOE", "PPOP  PPOP"), AGRO_EFORMAT,
                      "CT.MZX:55: PPOP: column named twice in the header (columns 4 and 5)");
    /* a treatment line cut after MP: its MI ... SM were read as 0, and treatment 2 ran without
       its fertiliser and its simulation controls */
    expect_load_error(patched(src, "TL.MZX",
                              "RAINFED HIGH NITROGEN      1  1  0  1  1  1  2  0  0  0  0  0  1",
                              "RAINFED HIGH NITROGEN      1  1  0  1  1"),
                      AGRO_EMISSING,
                      "TL.MZX:16: MI: treatment 2: no factor level under this column (a line cut "
                      "short?); write 0 for none");
    /* ... not in *GENERAL, whose tables are not read */
    x = load(patched(src, "CG.MZX", "PAREA  PRNO", "PAREA PAREA"));
    agro_dssat_exp_free(x);
    /* ... nor for "-99" as a header, no column name, which nothing reads */
    x = load(patched(src, "C9.MZX", "PAGE  PENV", " -99   -99"));
    agro_dssat_exp_free(x);
    /* unknown treatment number */
    x = load(src);
    cr_expect_eq(agro_dssat_treatment_get(ctx, x, 9, &T), AGRO_ENOTFOUND);
    cr_expect(strstr(msg(), "treatment 9") != NULL, "%s", msg());
    agro_dssat_exp_free(x);
    agro_dssat_exp_free(NULL);
}

/* Copy @p src to tmpdir/@p name with byte @p byte inserted before the first @p before. */
static const char *with_byte(const char *src, const char *name, const char *before, char byte)
{
    char to[256];
    size_t k = strlen(before);
    cr_assert_lt(k, sizeof to - 1);
    to[0] = byte;
    memcpy(to + 1, before, k);
    return helper_patched_copy(tmpdir, src, name, before, to, k + 1);
}

/* Found by tests/test_input_mutations.c: inputs that used to load with some of their content
 * dropped or misread without a word, or cast out-of-range numbers (undefined behaviour). */
Test(dssat_xfile, corrupt_lines_are_refused_not_skipped)
{
    const char *src = MAIZE "/UFGA8201.MZX";
    agro_dssat_exp *x = NULL;
    /* a NUL byte used to end the text there: the harvest controls (line 133) were lost */
    cr_expect_eq(agro_dssat_exp_load(ctx, with_byte(src, "Z.MZX", " 1 HA ", '\0'), &x),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "Z.MZX:133: NUL byte at column 1") != NULL, "%s", msg());
    /* a row without a level number used to belong to no level: the irrigation was dropped */
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "V.MZX", " 2 82077 IR001", "x2 82077 IR001"), &x),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "V.MZX:67: I: level number expected in the first column (x2)") != NULL,
              "%s", msg());
    /* a mangled '@' line used to become a row of no level, and the rows under it went to the
     * previous table's columns */
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "W.MZX", "@N IRRIGATION  IMDEP", "x@N IRRIGATION  IMDEP"), &x),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "W.MZX:126: N: level number expected") != NULL, "%s", msg());
    /* a column name with a control byte used to make its column unknown, its values missing */
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "C.MZX", "@N IRRIGATION  IMDEP", "@N IRRIGATION  IM\x01" "EP"), &x),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "C.MZX:126: column name with a byte 0x01") != NULL, "%s", msg());
    /* an option glued to its neighbour used to be read as its first letter */
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "Y.MZX", " 1 OP              Y     Y", " 1 OP              YN    Y"), &x),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "Y.MZX:115: WATER: expected a one-letter option (YN)") != NULL, "%s",
              msg());
    /* levels and NYERS beyond int32_t used to be cast (undefined behaviour) */
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "F.MZX", "NITROGEN       1  1  0  1  1  1  1",
                                                  "NITROGEN       1  1  0  1  1  1 3e9"), &x),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "F.MZX:15: MF: must be a non-negative integer (3e+09)") != NULL, "%s",
              msg());
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "G.MZX", " 1 GE              1     1",
                                                  " 1 GE          1e308     1"), &x),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "G.MZX:113: NYERS: must be a non-negative integer") != NULL, "%s", msg());
    /* a DOS end-of-file mark (Ctrl-Z, UFGA8201.MZX line 136) is no row */
    x = load(src);
    agro_dssat_exp_free(x);
    x = NULL;

    /* an A file whose section line is mangled used to load with no rows at all */
    x = load(src);
    agro_dssat_observed o[8];
    int32_t n = -1;
    cr_expect_eq(agro_dssat_observed_load(ctx, patched(MAIZE "/UFGA8201.MZA", "A.MZA", "*EXP. DATA",
                                                       "x*EXP. DATA"), x, o, 8, &n),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "A.MZA:1: table line before the first '*' section line") != NULL, "%s",
              msg());
    /* an observed date of 1e308 used to be cast to long (undefined behaviour) */
    cr_expect_eq(agro_dssat_observed_load(ctx, patched(MAIZE "/UFGA8201.MZA", "B.MZA", "   132   185  1.80  69.5",
                                                       " 1e308   185  1.80  69.5"), x, o, 8, &n),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "B.MZA:8: ADAT: not a date (1e308)") != NULL, "%s", msg());
    /* replicate rows of a treatment that differ: DSSAT reads the file (READA takes the first
       row), so it loads, each row an entry in file order; it was refused "observed twice" */
    cr_assert_eq(agro_dssat_observed_load(ctx, patched(MAIZE "/UFGA8201.MZA", "T2.MZA",
                                                       "     2 3130. 0.209", "     1 3130. 0.209"),
                                          x, o, 8, &n),
                 AGRO_OK, "%s", msg());
    cr_assert_eq(n, 6);
    cr_expect(o[0].treatment == 1 && o[0].yield_kg_ha == 2929);
    cr_expect(o[1].treatment == 1 && o[1].yield_kg_ha == 3130);
    /* "-99" written as a header six times, as in DSSAT's own Maize/GHWA0401.MZA: DSSAT reads
       the A file by header name, and the file loads (it was refused, "column named twice") */
    cr_assert_eq(agro_dssat_observed_load(
                     ctx,
                     write_text("UFGA8201.MZA",
                                "*EXP. DATA (A): UFGA8201MZ\n"
                                "@TRNO   HWAM  CWAM  ADAT   -99   -99   -99   -99   -99   -99\n"
                                "     1  2929  5532   132   -99   -99   -99   -99   -99   -99\n"),
                     x, o, 8, &n),
                 AGRO_OK, "%s", msg());
    cr_expect(n == 1 && o[0].yield_kg_ha == 2929 && o[0].tops_kg_ha == 5532);
    /* ... while a treatment's values may come from rows of two tables, each giving its own */
    cr_assert_eq(agro_dssat_observed_load(
                     ctx,
                     write_text("UFGA8201.MZA", "*EXP. DATA (A): UFGA8201MZ\n@TRNO   HWAM\n     1  2929.\n"
                                                "@TRNO   ADAT  MDAT   HWAM\n     1    132   185  2929.\n"),
                     x, o, 8, &n),
                 AGRO_OK, "%s", msg());
    cr_expect_eq(n, 2);
    agro_dssat_observed_day od[4];
    cr_expect_eq(agro_dssat_timeseries_load(ctx, write_text("D.MZT", "*EXP:UFGA8201MZ\n@TRNO   DATE  CWAD\n     1 1e308   500\n"),
                                            x, od, 4, &n),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "D.MZT:3: DATE: not a date (1e308)") != NULL, "%s", msg());
    agro_dssat_exp_free(x);
}

/* The experiment, A and T files of UFGA8201 copied to tmpdir with line end @p k (helper_eol), the
   first @p from of the file ending in @p ext ("MZX", "MZA", "MZT"; NULL: none) replaced by
   @p to; the X file is loaded into *@p x, and its A and T files into @p o and @p od (@p n_o,
   @p n_od rows, each memset first so that the padding compares): the status of the first file
   that fails, or AGRO_OK. */
static int load_eol_copies(int k, const char *ext, const char *from, const char *to,
                           agro_dssat_exp **x, agro_dssat_observed *o, int32_t *n_o,
                           agro_dssat_observed_day *od, int32_t *n_od)
{
    static const char *const exts[3] = {"MZX", "MZA", "MZT"};
    char path[3][700];
    for (int f = 0; f < 3; f++) {
        char src[600], name[32];
        snprintf(src, sizeof src, "%s/UFGA8201.%s", MAIZE, exts[f]);
        snprintf(name, sizeof name, "UFGA8201.%s", exts[f]);
        const int here = ext && strcmp(ext, exts[f]) == 0;
        snprintf(path[f], sizeof path[f], "%s",
                 helper_eol_copy(tmpdir, src, name, here ? from : NULL, here ? to : NULL,
                                 helper_eol(k)));
    }
    memset(o, 0, 20 * sizeof *o);
    memset(od, 0, 200 * sizeof *od);
    int rc = agro_dssat_exp_load(ctx, path[0], x);
    if (!rc)
        rc = agro_dssat_observed_load(ctx, path[1], *x, o, 20, n_o);
    if (!rc)
        rc = agro_dssat_timeseries_load(ctx, path[2], *x, od, 200, n_od);
    return rc;
}

/* An X, A or T file saved with classic Mac OS line ends (a lone CR) read as one line ("no
   treatment found", "not a DSSAT A file"), and one with mixed ends was refused on a line where
   no error was: LF, CRLF and a lone CR now each end a line, CRLF once. Each form gives the same
   treatments (their lines included) and observations bit for bit, and an error on the same
   line. */
Test(dssat_xfile, x_a_and_t_files_read_alike_with_lf_crlf_or_lone_cr_line_ends)
{
    static agro_dssat_treatment lf_t[6], t;
    static agro_dssat_observed o[2][20];
    static agro_dssat_observed_day od[2][200];
    int32_t n_o[2], n_od[2];
    for (int k = 0; k < 3; k++) {
        agro_dssat_exp *x = NULL;
        const int j = k > 0;
        cr_assert_eq(load_eol_copies(k, NULL, NULL, NULL, &x, o[j], &n_o[j], od[j], &n_od[j]),
                     AGRO_OK, "eol %d: %s", k, msg());
        int32_t nt = 0;
        cr_assert_eq(agro_dssat_exp_n_treatments(x, &nt), AGRO_OK);
        cr_expect_eq(nt, 6, "eol %d: %d treatments", k, (int)nt);
        for (int32_t i = 0; i < nt && i < 6; i++) {
            agro_dssat_treatment *got = k == 0 ? &lf_t[i] : &t;
            memset(got, 0, sizeof *got);
            cr_assert_eq(agro_dssat_treatment_get(ctx, x, i + 1, got), AGRO_OK, "%s", msg());
            if (k > 0)
                cr_expect(memcmp(got, &lf_t[i], sizeof t) == 0, "eol %d: treatment %d differs", k,
                          (int)i + 1);
        }
        agro_dssat_exp_free(x);
        if (k == 0)
            continue;
        cr_expect_eq(n_o[1], n_o[0], "eol %d", k);
        cr_expect_eq(n_od[1], n_od[0], "eol %d", k);
        cr_expect(memcmp(o[1], o[0], sizeof o[0]) == 0, "eol %d: A file differs", k);
        cr_expect(memcmp(od[1], od[0], sizeof od[0]) == 0, "eol %d: T file differs", k);
    }
    cr_expect_eq(lf_t[0].line_planting, 56);
    cr_expect_eq(n_o[0], 6);
    cr_expect_gt(n_od[0], 50);
    static const struct {
        const char *ext, *from, *to, *want;
    } bad[] = {
        {"MZX", " 1 82057   -99", " 1 8Z057   -99",
         "UFGA8201.MZX:56: PDATE: not a YYDDD or YYYYDDD date (8Z057)"},
        {"MZA", "     1 2929. 0.218", "     1 abcd. 0.218",
         "UFGA8201.MZA:8: HWAM: not a number (abcd.)"},
        {"MZT", "     1 82103   341", "     1 8Z103   341",
         "UFGA8201.MZT:14: DATE: not a date (8Z103)"},
    };
    for (int b = 0; b < 3; b++) {
        char first[AGRO_MESSAGE_MAX] = "";
        for (int k = 0; k < 3; k++) {
            agro_dssat_exp *x = NULL;
            cr_expect_eq(load_eol_copies(k, bad[b].ext, bad[b].from, bad[b].to, &x, o[0], &n_o[0],
                                         od[0], &n_od[0]),
                         AGRO_EFORMAT, "%s eol %d: %s", bad[b].ext, k, msg());
            agro_dssat_exp_free(x);
            if (k == 0) {
                cr_expect(strstr(msg(), bad[b].want) != NULL, "%s: %s", bad[b].ext, msg());
                snprintf(first, sizeof first, "%s", msg());
            } else {
                cr_expect_str_eq(msg(), first, "%s eol %d", bad[b].ext, k);
            }
        }
    }
}

/* ------------------------------------------------------------------------------------ */
TestSuite(dssat_observed, .init = setup, .fini = teardown);

Test(dssat_observed, dates_become_days_after_planting)
{
    agro_dssat_observed o[20];
    int32_t n = 0;
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    cr_assert_eq(agro_dssat_observed_load(ctx, MAIZE "/UFGA8201.MZA", x, o, 20, &n), AGRO_OK, "%s", msg());
    cr_expect_eq(n, 6);
    cr_expect_eq(o[0].treatment, 1);
    cr_expect_float_eq(o[0].yield_kg_ha, 2929, 1e-9);
    cr_expect_eq(o[0].anthesis_date, 1982132); /* "132": day of the start year */
    cr_expect_float_eq(o[0].anthesis_dap, 75, 1e-9);
    cr_expect_float_eq(o[0].maturity_dap, 128, 1e-9);
    cr_expect_float_eq(o[3].yield_kg_ha, 11881, 1e-9);
    agro_dssat_exp_free(x);

    /* "48" is not after the start day 326 of 1983, so it is day 48 of 1984 */
    x = load(MAIZE "/IBWA8301.MZX");
    cr_assert_eq(agro_dssat_observed_load(ctx, MAIZE "/IBWA8301.MZA", x, o, 20, &n), AGRO_OK, "%s", msg());
    cr_expect_eq(o[0].anthesis_date, 1984048);
    cr_expect_float_eq(o[0].anthesis_dap, 79, 1e-9);
    cr_expect_float_eq(o[0].maturity_dap, 139, 1e-9);
    agro_dssat_exp_free(x);

    /* 1984 is a leap year: 84361 → 85076 is 81 days */
    x = load(MAIZE "/EBPL8501.MZX");
    cr_assert_eq(agro_dssat_observed_load(ctx, MAIZE "/EBPL8501.MZA", x, o, 20, &n), AGRO_OK, "%s", msg());
    cr_expect_float_eq(o[1].anthesis_dap, 81, 1e-9);
    cr_expect_float_eq(o[1].maturity_dap, 161, 1e-9);
    agro_dssat_exp_free(x);

    /* all -99: missing, not zero */
    x = load(MAIZE "/FLSC8101.MZX");
    cr_assert_eq(agro_dssat_observed_load(ctx, MAIZE "/FLSC8101.MZA", x, o, 20, &n), AGRO_OK, "%s", msg());
    cr_expect_eq(n, 2);
    cr_expect(isnan(o[1].yield_kg_ha) && isnan(o[1].anthesis_dap) && isnan(o[1].maturity_dap));
    cr_expect_eq(o[1].anthesis_date, 0);
    agro_dssat_exp_free(x);
}

/* Every experiment of the shared set (maize and soybean, calibration and held-out) loads with
 * its A and T files where they exist: the held-out experiments and the soybean set use the
 * same readers. */
Test(dssat_observed, every_shipped_experiment_and_observation_file_loads)
{
    static agro_dssat_observed a[400];
    static agro_dssat_observed_day t[2000];
    const char *dirs[] = {MAIZE, DSSAT "/Soybean"};
    int n_x = 0, n_obs = 0;
    for (int k = 0; k < 2; k++) {
        DIR *d = opendir(dirs[k]);
        cr_assert_not_null(d, "%s", dirs[k]);
        struct dirent *e;
        while ((e = readdir(d))) {
            size_t len = strlen(e->d_name);
            if (len < 5 || toupper((unsigned char)e->d_name[len - 1]) != 'X') continue;
            char path[600];
            snprintf(path, sizeof path, "%s/%s", dirs[k], e->d_name);
            agro_dssat_exp *x = NULL;
            cr_assert_eq(agro_dssat_exp_load(ctx, path, &x), AGRO_OK, "%s", msg());
            n_x++;
            for (int w = 0; w < 2; w++) {
                char obs[600];
                snprintf(obs, sizeof obs, "%s", path);
                obs[strlen(obs) - 1] = w == 0 ? 'A' : 'T';
                if (access(obs, R_OK) != 0) continue;
                int32_t n = 0;
                int rc = w == 0 ? agro_dssat_observed_load(ctx, obs, x, a, 400, &n)
                                : agro_dssat_timeseries_load(ctx, obs, x, t, 2000, &n);
                cr_expect_eq(rc, AGRO_OK, "%s", msg());
                cr_expect_gt(n, 0, "%s: no rows", obs);
                n_obs++;
            }
            agro_dssat_exp_free(x);
        }
        closedir(d);
    }
    /* the shared set: 12 maize and 35 soybean experiments, 52 A and T files */
    cr_expect_eq(n_x, 47);
    cr_expect_eq(n_obs, 52);
}

/* The experiment's other files read as the wrong kind: the T file as an A file gave one row of
   missing values per dated row, the X file as an A file and the A file as a T file no rows, each
   without a word (found by a probe of the Python package) */
Test(dssat_observed, a_file_of_the_wrong_kind_is_refused_naming_what_it_is)
{
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    agro_dssat_observed o[200];
    agro_dssat_observed_day d[400];
    int32_t n = -1;
    cr_expect_eq(agro_dssat_observed_load(ctx, MAIZE "/UFGA8201.MZT", x, o, 200, &n), AGRO_EFORMAT);
    cr_expect(strstr(msg(), "UFGA8201.MZT:") != NULL && strstr(msg(), ": DATE: a table of dated rows") != NULL,
              "%s", msg());
    cr_expect_eq(n, 0);
    cr_expect_eq(agro_dssat_observed_load(ctx, MAIZE "/UFGA8201.MZX", x, o, 200, &n), AGRO_EFORMAT);
    cr_expect(strstr(msg(), "UFGA8201.MZX: TRNO: no table with a TRNO column: not a DSSAT A file") != NULL,
              "%s", msg());
    cr_expect_eq(agro_dssat_timeseries_load(ctx, MAIZE "/UFGA8201.MZA", x, d, 400, &n), AGRO_EFORMAT);
    cr_expect(strstr(msg(), "UFGA8201.MZA: DATE: no table with TRNO and DATE columns: not a DSSAT T file") != NULL,
              "%s", msg());
    /* the right kinds still read */
    cr_expect_eq(agro_dssat_observed_load(ctx, MAIZE "/UFGA8201.MZA", x, o, 200, &n), AGRO_OK, "%s", msg());
    cr_expect_eq(n, 6);
    cr_expect_eq(agro_dssat_timeseries_load(ctx, MAIZE "/UFGA8201.MZT", x, d, 400, &n), AGRO_OK, "%s", msg());
    cr_expect_gt(n, 0);
    agro_dssat_exp_free(x);
}

Test(dssat_observed, calibration_set_matches_the_readme_counts_and_means)
{
    /* README: 27 observed yields (mean 6658), 23 anthesis (76.5) and maturity (136.5) DAP */
    const char *names[] = {"UFGA8201", "IBWA8301", "SIAZ9501", "EBPL8501", "FLSC8101", "IUAF9901"};
    double sy = 0, sa = 0, sm = 0;
    int ny = 0, na = 0, nm = 0;
    for (int i = 0; i < 6; i++) {
        char xp[600], ap[600];
        snprintf(xp, sizeof xp, MAIZE "/%s.MZX", names[i]);
        snprintf(ap, sizeof ap, MAIZE "/%s.MZA", names[i]);
        agro_dssat_exp *x = load(xp);
        agro_dssat_observed o[20];
        int32_t n = 0;
        cr_assert_eq(agro_dssat_observed_load(ctx, ap, x, o, 20, &n), AGRO_OK, "%s", msg());
        for (int k = 0; k < n; k++) {
            if (isfinite(o[k].yield_kg_ha)) { sy += o[k].yield_kg_ha; ny++; }
            if (isfinite(o[k].anthesis_dap)) { sa += o[k].anthesis_dap; na++; }
            if (isfinite(o[k].maturity_dap)) { sm += o[k].maturity_dap; nm++; }
        }
        agro_dssat_exp_free(x);
    }
    cr_expect_eq(ny, 27);
    cr_expect_eq(na, 23);
    cr_expect_eq(nm, 23);
    cr_expect_float_eq(sy / ny, 6658, 0.5);
    cr_expect_float_eq(sa / na, 76.5, 0.05);
    cr_expect_float_eq(sm / nm, 136.5, 0.05);
}

Test(dssat_observed, hwah_replaces_missing_hwam_and_errors_name_the_line)
{
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    agro_dssat_observed o[4];
    int32_t n = 0;
    const char *a = write_text("A.MZA", "*EXP. DATA (A): UFGA8201MZ\n"
                                        "@TRNO   HWAH  ADAT  MDAT\n"
                                        "     2  3100  82132 82185\n");
    cr_assert_eq(agro_dssat_observed_load(ctx, a, x, o, 4, &n), AGRO_OK, "%s", msg());
    cr_expect_eq(n, 1);
    cr_expect_float_eq(o[0].yield_kg_ha, 3100, 1e-9);
    cr_expect_float_eq(o[0].anthesis_dap, 75, 1e-9);
    /* a treatment the X file does not define is left out, as DSSAT does */
    a = write_text("B.MZA", "*EXP:UFGA8201MZ\n@TRNO   HWAM\n     9  3100\n     1  2900\n");
    cr_expect_eq(agro_dssat_observed_load(ctx, a, x, o, 4, &n), AGRO_OK, "%s", msg());
    cr_expect_eq(n, 1);
    cr_expect_eq(o[0].treatment, 1);
    a = write_text("D.MZA", "*EXP:UFGA8201MZ\n@TRNO   HWAM\n     x  3100\n");
    cr_expect_eq(agro_dssat_observed_load(ctx, a, x, o, 4, &n), AGRO_EFORMAT);
    cr_expect(strstr(msg(), "D.MZA:3: TRNO") != NULL, "%s", msg());
    a = write_text("C.MZA", "*EXP. DATA (A): UFGA8201MZ\n@TRNO   HWAM\n     1  31x0\n");
    cr_expect_eq(agro_dssat_observed_load(ctx, a, x, o, 4, &n), AGRO_EFORMAT);
    cr_expect(strstr(msg(), "C.MZA:3: HWAM") != NULL, "%s", msg());
    cr_expect_eq(agro_dssat_observed_load(ctx, MAIZE "/UFGA8201.MZA", x, o, 2, &n), AGRO_ELIMIT);
    agro_dssat_exp_free(x);
}

/* In-season observations (T file): every table with TRNO and DATE; soil water tables (no
 * CWAD/LAID/GWAD/CNAD) are left out; -99 is missing; errors name the file, line and column. */
Test(dssat_observed, time_series_rows_keep_crop_variables_and_errors_name_the_line)
{
    static agro_dssat_observed_day o[400];
    int32_t n = 0;
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    cr_assert_eq(agro_dssat_timeseries_load(ctx, MAIZE "/UFGA8201.MZT", x, o, 400, &n), AGRO_OK, "%s", msg());
    /* first table: 13 dates for treatment 1; "82089" → 1982089 */
    cr_expect_eq(o[1].treatment, 1);
    cr_expect_eq(o[1].date, 1982089);
    cr_expect_float_eq(o[1].tops_kg_ha, 88, 1e-9);
    cr_expect_float_eq(o[1].lai, 0.17, 1e-9);
    cr_expect_float_eq(o[1].grain_kg_ha, 0, 1e-9);
    cr_expect_float_eq(o[1].tops_n_kg_ha, 3.2, 1e-9);
    cr_expect(isnan(o[7].tops_n_kg_ha), "82152 has CNAD -99"); /* 82152 row */
    for (int32_t k = 0; k < n; k++)
        cr_expect(isfinite(o[k].tops_kg_ha) || isfinite(o[k].lai) || isfinite(o[k].grain_kg_ha) ||
                      isfinite(o[k].tops_n_kg_ha),
                  "row %d has no crop variable", (int)k);
    int32_t n_all = n;
    cr_expect(n_all > 13 * 4, "%d rows", (int)n_all);
    cr_expect_eq(agro_dssat_timeseries_load(ctx, MAIZE "/UFGA8201.MZT", x, o, 5, &n), AGRO_ELIMIT);

    const char *t = write_text("A.MZT", "*EXP. DATA (T): UFGA8201MZ\n"
                                        "@TRNO   DATE  CWAD  LAID\n"
                                        "     1 82100   500  1.10\n"
                                        "     9 82100   500  1.10\n"
                                        "@TRNO   DATE  SW1D\n"
                                        "     1 82100 0.120\n");
    cr_assert_eq(agro_dssat_timeseries_load(ctx, t, x, o, 400, &n), AGRO_OK, "%s", msg());
    cr_expect_eq(n, 1, "treatment 9 and the soil water row are left out: %d rows", (int)n);
    cr_expect(isnan(o[0].grain_kg_ha));
    t = write_text("B.MZT", "*EXP:UFGA8201MZ\n@TRNO   DATE  CWAD\n     1 82x00   500\n");
    cr_expect_eq(agro_dssat_timeseries_load(ctx, t, x, o, 400, &n), AGRO_EFORMAT);
    cr_expect(strstr(msg(), "B.MZT:3: DATE") != NULL, "%s", msg());
    t = write_text("C.MZT", "*EXP:UFGA8201MZ\n@TRNO   DATE  LAID\n     1 82100  -1.0\n");
    cr_expect_eq(agro_dssat_timeseries_load(ctx, t, x, o, 400, &n), AGRO_ERANGE);
    cr_expect(strstr(msg(), "C.MZT:3: LAID") != NULL, "%s", msg());
    /* a lone "." is a cell not measured, as in IUAM9001.SBT and UFGA8701.SBT: missing, not an
       error and not 0 */
    t = write_text("E.MZT", "*EXP:UFGA8201MZ\n@TRNO   DATE  CWAD  LAID\n     1 82100   500     .\n");
    cr_assert_eq(agro_dssat_timeseries_load(ctx, t, x, o, 400, &n), AGRO_OK, "%s", msg());
    cr_expect(n == 1 && o[0].tops_kg_ha == 500.0 && isnan(o[0].lai));
    agro_dssat_exp_free(x);
}

/* ------------------------------------------------------------------------------------ */
TestSuite(dssat_stats);

Test(dssat_stats, hand_computed_example)
{
    /* errors 1, 0, 1, −1: RMSE = √(3/4); Ō = 2.5; bias = 0.25;
     * (|P−Ō|+|O−Ō|)² = 4 + 1 + 4 + 4 = 13, d = 1 − 3/13 */
    const double obs[] = {1, 2, 3, 4, NAN}, sim[] = {2, 2, 4, 3, 7};
    agro_fit_stats s;
    cr_assert_eq(agro_fit_stats_compute(NULL, obs, sim, 5, &s), AGRO_OK);
    cr_expect_eq(s.n, 4);
    cr_expect_float_eq(s.obs_mean, 2.5, 1e-12);
    cr_expect_float_eq(s.sim_mean, 2.75, 1e-12);
    cr_expect_float_eq(s.rmse, sqrt(0.75), 1e-12);
    cr_expect_float_eq(s.nrmse, sqrt(0.75) / 2.5, 1e-12);
    cr_expect_float_eq(s.bias, 0.25, 1e-12);
    cr_expect_float_eq(s.willmott_d, 1.0 - 3.0 / 13.0, 1e-12);
}

/* Every simulated value on the other side of the observed mean from its observation: the two sums
 * of d are equal, and these three pairs rounded d to -2.2e-16, below its 0..1 (fuzz_checks). */
Test(dssat_stats, d_of_opposite_errors_is_zero_not_below)
{
    const double obs[] = {0.32877704330197399, 0.23142795228931493, 0.074160969850682171};
    const double sim[] = {0.062909082669151295, 0.20252130802345242, 0.39024883640638874};
    agro_fit_stats s;
    cr_assert_eq(agro_fit_stats_compute(NULL, obs, sim, 3, &s), AGRO_OK);
    cr_expect(s.willmott_d >= 0.0 && s.willmott_d < 1e-12, "d %g", s.willmott_d);
}

Test(dssat_stats, perfect_agreement_and_no_pairs)
{
    const double v[] = {5, 7, 9};
    agro_fit_stats s;
    agro_fit_stats_compute(NULL, v, v, 3, &s);
    cr_expect_float_eq(s.rmse, 0, 1e-15);
    cr_expect_float_eq(s.willmott_d, 1, 1e-15);
    const double none[] = {NAN, NAN};
    agro_fit_stats_compute(NULL, none, v, 2, &s);
    cr_expect_eq(s.n, 0);
    cr_expect(isnan(s.rmse) && isnan(s.willmott_d));
    cr_expect_eq(agro_fit_stats_compute(NULL, NULL, v, 2, &s), AGRO_EINVAL);
}

/* The status alone did not say which argument was NULL. */
Test(dssat_stats, refusals_name_the_argument, .init = setup, .fini = teardown)
{
    const double v[] = {5, 7, 9};
    agro_fit_stats s;
    cr_expect_eq(agro_fit_stats_compute(ctx, v, NULL, 3, &s), AGRO_EINVAL);
    cr_expect(strstr(msg(), "sim: NULL array with n = 3") != NULL, "%s", msg());
    cr_expect_eq(agro_fit_stats_compute(ctx, NULL, v, 3, &s), AGRO_EINVAL);
    cr_expect(strstr(msg(), "obs: NULL array with n = 3") != NULL, "%s", msg());
    cr_expect_eq(agro_fit_stats_compute(ctx, v, v, 3, NULL), AGRO_EINVAL);
    cr_expect(strstr(msg(), "out: NULL argument") != NULL, "%s", msg());
    agro_ctx_clear(ctx);
    cr_expect_eq(agro_fit_stats_compute(ctx, NULL, NULL, 0, &s), AGRO_OK, "no pairs, no arrays");
    cr_expect_eq(agro_ctx_status(ctx), AGRO_OK);
}

/* More elements than agro_fit_stats.n (int32) can count are refused naming n, before any is
 * read: 2^31 + 1 pairs of zeros gave n -2147483647 with AGRO_OK, the count past INT32_MAX being
 * undefined behaviour. The call is told of 2^31 + 1 elements in one page of zeros with an
 * unreadable page after it, so that without the check it reads into that page and the test
 * crashes at once; 16 GiB of address space mapped for them failed the test under a ulimit -v
 * (mmap ENOMEM) and took 30 s to fail without the check. */
Test(dssat_stats, more_pairs_than_the_count_holds_are_refused_naming_n, .init = setup,
     .fini = teardown)
{
    const size_t n = (size_t)INT32_MAX + 2;
    const size_t page = (size_t)sysconf(_SC_PAGESIZE);
    /* (/dev/zero, as POSIX before 2024 has no anonymous mapping) */
    const int fd = open("/dev/zero", O_RDONLY);
    cr_assert(fd >= 0);
    double *v = mmap(NULL, 2 * page, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    cr_assert(v != MAP_FAILED, "two pages of zeros");
    cr_assert_eq(mprotect((char *)v + page, page, PROT_NONE), 0, "the guard page");
    agro_fit_stats s;
    s.n = 7;
    cr_expect_eq(agro_fit_stats_compute(ctx, v, v, n, &s), AGRO_ERANGE, "n %d: %s", (int)s.n, msg());
    cr_expect(strstr(msg(), "n: must be at most 2147483647 elements") != NULL, "%s", msg());
    cr_expect(strstr(msg(), "(2147483649)") != NULL, "%s", msg());
    cr_expect(s.n == 0 && isnan(s.rmse), "out as with no pair");
    munmap(v, 2 * page);
}

/* Values near the ends of the double range: the squares overflowed (1e200: RMSE inf, d NaN) or
 * underflowed (1e-200: RMSE 0, d 1), with AGRO_OK. The statistics scale with the values, so the
 * hand example times 2^±600 must give its figures times 2^±600 exactly, and its figures times
 * 1e200 to rounding; an infinite value is refused naming the element, NaN stays missing. */
Test(dssat_stats, values_near_the_ends_of_the_double_range_give_their_statistics, .init = setup,
     .fini = teardown)
{
    const double obs[] = {1, 2, 3, 4, NAN}, sim[] = {2, 2, 4, 3, 7};
    agro_fit_stats s0, s;
    cr_assert_eq(agro_fit_stats_compute(ctx, obs, sim, 5, &s0), AGRO_OK);
    const int shift[] = {600, -600, 1000, -1000};
    for (size_t k = 0; k < sizeof shift / sizeof shift[0]; k++) {
        double o[5], p[5];
        for (int i = 0; i < 5; i++)
            o[i] = ldexp(obs[i], shift[k]), p[i] = ldexp(sim[i], shift[k]);
        cr_assert_eq(agro_fit_stats_compute(ctx, o, p, 5, &s), AGRO_OK, "2^%d: %s", shift[k], msg());
        cr_expect_eq(s.n, 4);
        cr_expect(s.obs_mean == ldexp(s0.obs_mean, shift[k]) && s.sim_mean == ldexp(s0.sim_mean, shift[k]),
                  "2^%d: means %g %g", shift[k], s.obs_mean, s.sim_mean);
        cr_expect(s.rmse == ldexp(s0.rmse, shift[k]), "2^%d: RMSE %g", shift[k], s.rmse);
        cr_expect(s.bias == ldexp(s0.bias, shift[k]), "2^%d: bias %g", shift[k], s.bias);
        cr_expect(s.nrmse == s0.nrmse && s.willmott_d == s0.willmott_d, "2^%d: nRMSE %g, d %g",
                  shift[k], s.nrmse, s.willmott_d);
    }
    double o[4], p[4];
    for (int i = 0; i < 4; i++)
        o[i] = obs[i] * 1e200, p[i] = sim[i] * 1e200;
    cr_assert_eq(agro_fit_stats_compute(ctx, o, p, 4, &s), AGRO_OK, "%s", msg());
    cr_expect(fabs(s.rmse / 1e200 - sqrt(0.75)) < 1e-15, "RMSE %g", s.rmse);
    cr_expect(fabs(s.willmott_d - (1.0 - 3.0 / 13.0)) < 1e-15, "d %g", s.willmott_d);
    /* two values whose difference overflows: errors of 3e308 have an RMSE of 3e308, which no double holds */
    const double big_o[] = {-1.5e308, 1.5e308}, big_p[] = {1.5e308, -1.5e308};
    cr_expect_eq(agro_fit_stats_compute(ctx, big_o, big_p, 2, &s), AGRO_ERANGE);
    cr_expect(strstr(msg(), "the RMSE of these 2 pairs is beyond the range of a double") != NULL, "%s", msg());
    cr_expect(s.n == 0 && isnan(s.rmse) && isnan(s.willmott_d), "refused statistics are left as none");
    /* ... where one of them over three pairs is representable */
    const double half_o[] = {-1.5e308, 1.5e308, 0.0}, half_p[] = {1.5e308, -1.5e308, 0.0};
    const double half_p2[] = {1.5e308, 1.5e308, 0.0};
    cr_expect_eq(agro_fit_stats_compute(ctx, half_o, half_p2, 3, &s), AGRO_OK, "%s", msg());
    cr_expect(fabs(s.rmse / (sqrt(3.0) * 1e308) - 1.0) < 1e-15, "RMSE %g", s.rmse); /* 3e308 / sqrt(3) */
    cr_expect_eq(agro_fit_stats_compute(ctx, half_o, half_p, 3, &s), AGRO_ERANGE);
    /* an error of 1e-300 beside a perfect pair: its square underflowed, RMSE 0 */
    const double mix_o[] = {1, 1e-300}, mix_p[] = {1, 2e-300};
    cr_assert_eq(agro_fit_stats_compute(ctx, mix_o, mix_p, 2, &s), AGRO_OK);
    cr_expect(fabs(s.rmse / (1e-300 / sqrt(2.0)) - 1.0) < 1e-15, "RMSE %g", s.rmse);
    /* an infinity is no value: refused naming the element, even beside a missing (NaN) one */
    const double inf_o[] = {1, NAN, 3}, inf_p[] = {2, INFINITY, -INFINITY};
    cr_expect_eq(agro_fit_stats_compute(ctx, inf_o, inf_p, 3, &s), AGRO_ERANGE);
    cr_expect(strstr(msg(), "sim[1]: infinite (a missing value is NaN, which is skipped) (inf)") != NULL,
              "%s", msg());
    cr_expect(s.n == 0 && isnan(s.rmse), "refused statistics are left as none");
    const double one_o[] = {5}, one_p[] = {3};
    cr_assert_eq(agro_fit_stats_compute(ctx, one_o, one_p, 1, &s), AGRO_OK);
    cr_expect(s.n == 1 && s.rmse == 2 && s.bias == -2 && s.willmott_d == 0, "one pair: RMSE %g, d %g",
              s.rmse, s.willmott_d);
}

Test(dssat_stats, reference_figures_and_standard_tables)
{
    agro_fit_stats r;
    cr_assert_eq(agro_dssat_reference_stats("MZ", AGRO_DSSAT_VAR_YIELD, &r), AGRO_OK);
    cr_expect_eq(r.n, 27);
    cr_expect_float_eq(r.rmse, 948, 1e-9);
    cr_assert_eq(agro_dssat_reference_stats("MZ", AGRO_DSSAT_VAR_ANTHESIS, &r), AGRO_OK);
    cr_expect_float_eq(r.rmse, 1.5, 1e-9);
    cr_expect_eq(agro_dssat_reference_stats("WH", AGRO_DSSAT_VAR_YIELD, &r), AGRO_ENOTFOUND);

    agro_dssat_fertiliser_n f;
    cr_assert_eq(agro_dssat_fertiliser_composition(1, &f), AGRO_OK);
    cr_expect_float_eq(f.no3_fraction, 0.5, 1e-12);
    cr_expect_float_eq(f.nh4_fraction, 0.5, 1e-12);
    cr_assert_eq(agro_dssat_fertiliser_composition(5, &f), AGRO_OK);
    cr_expect_float_eq(f.urea_fraction, 1, 1e-12);
    cr_assert_eq(agro_dssat_fertiliser_composition(10, &f), AGRO_OK);
    cr_expect_float_eq(f.no3_fraction + f.nh4_fraction + f.urea_fraction, 1, 1e-12);
    cr_expect_eq(agro_dssat_fertiliser_composition(999, &f), AGRO_ENOTFOUND);

    cr_expect_float_eq(agro_dssat_co2_ppm(1982), 341.14, 1e-9);
    cr_expect_lt(agro_dssat_co2_ppm(1990), agro_dssat_co2_ppm(2000));
    cr_expect_gt(agro_dssat_co2_ppm(2030), agro_dssat_co2_ppm(2021));
    /* CO2VAL's option M by day: the latest monthly record of CO2048.WDA on or before the day,
       dated the 15th (February the 14th, day 45; March 15 is day 75 in a leap year) */
    cr_expect_float_eq(agro_dssat_co2_ppm_on(1982, 44), 340.61, 1e-9);
    cr_expect_float_eq(agro_dssat_co2_ppm_on(1982, 45), 340.72, 1e-9);
    cr_expect_float_eq(agro_dssat_co2_ppm_on(1982, 196), 341.14, 1e-9);
    cr_expect_float_eq(agro_dssat_co2_ppm_on(1984, 74), 343.96, 1e-9);
    cr_expect_float_eq(agro_dssat_co2_ppm_on(1984, 75), 344.09, 1e-9);
    cr_expect_float_eq(agro_dssat_co2_ppm_on(1983, 10), 341.65, 1e-9); /* 1982's December */
    /* before the first record (1958, day 74) the first one, after the last (2022, day 15) the
       last one: CO2VAL neither extrapolates nor reads the -99.99 months */
    cr_expect_float_eq(agro_dssat_co2_ppm_on(1950, 100), 314.91, 1e-9);
    cr_expect_float_eq(agro_dssat_co2_ppm_on(1958, 73), 314.91, 1e-9);
    cr_expect_float_eq(agro_dssat_co2_ppm_on(2022, 200), 417.67, 1e-9);
    cr_expect_float_eq(agro_dssat_co2_ppm_on(2035, 1), 417.67, 1e-9);
    for (int32_t y = 1960; y <= 2021; y++) /* the July record is the mid-year value */
        cr_expect_float_eq(agro_dssat_co2_ppm_on(y, 200), agro_dssat_co2_ppm(y), 1e-12, "%d", (int)y);
}

/* ------------------------------------------------------------------------------------ */
TestSuite(dssat_spec, .init = setup, .fini = teardown);

static void hand_soil(agro_soil_profile *p)
{
    memset(p, 0, sizeof *p);
    p->albedo = 0.14;
    p->evap_limit_mm = 5;
    p->drainage_rate_d = 0.6;
    p->runoff_curve_number = 60;
    p->mineralisation_factor = 1;
    p->photosynthesis_factor = 1;
    p->latitude_deg = p->longitude_deg = NAN;
    p->n_layers = 3;
    const double depth[] = {10, 30, 60};
    for (int i = 0; i < 3; i++) {
        p->depth_cm[i] = depth[i];
        p->ll[i] = 0.2;
        p->dul[i] = 0.35;
        p->sat[i] = 0.5;
        p->root_growth_factor[i] = 1;
        p->ksat_cm_h[i] = NAN;
        p->bulk_density_g_cm3[i] = 1.1;
        p->organic_carbon_pct[i] = 1;
    }
}

static void hand_cultivar(agro_maize_cultivar *c)
{
    memset(c, 0, sizeof *c);
    c->p1_Cd = 200;
    c->p2_d_per_h = 0.5;
    c->p5_Cd = 800;
    c->g2_kernels = 700;
    c->g3_mg_d = 8.5;
    c->phint_Cd = 40;
    agro_maize_ecotype_default(c);
}

/* Treatment 1 of X file @p path into T, with the hand soil and cultivar and a site: the
   inputs of agro_dssat_season_spec for a test that changes members of a treatment */
static void treatment1_inputs(const char *path, agro_soil_profile *soil, agro_maize_cultivar *cv,
                              agro_dssat_site *site)
{
    hand_soil(soil);
    hand_cultivar(cv);
    *site = (agro_dssat_site){27.0, 26.0, 2.0, NAN, NAN};
    agro_dssat_exp *x = load(path);
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
}

/* Treatment 1 of X file @p path into T and its season (hand soil and cultivar) into S. */
static void treatment1_season(const char *path, const char *xname)
{
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    agro_dssat_site site;
    treatment1_inputs(path, &soil, &cv, &site);
    cr_assert_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, xname, &S), AGRO_OK, "%s", msg());
}

/* PLRS missing: IPPLNT_Inp plants at 100/sqrt(PLTPOP) cm (PLTPOP = PPOE, else PPOP) with a
   warning; the band of banded P fertiliser (0.05 m/ROWSPC) follows the same spacing */
Test(dssat_spec, missing_row_spacing_is_dssat_default)
{
    const char *row = " 1 04169   -99     5     5     S     R    75";
    treatment1_season(patched(MAIZE "/GHWA0401.MZX", "RS0.MZX", row, " 1 04169   -99     5     4     S     R   -99"),
                      "RS0.MZX");
    cr_expect(isnan(T.row_spacing_cm), "%g", T.row_spacing_cm); /* the file's value stays */
    cr_expect_eq(S.events[0].type, AGRO_EVENT_SOW);
    cr_expect_float_eq(S.events[0].row_spacing_cm, 50.0, 1e-12); /* 100/sqrt(4) */
    /* PPOE missing: PPOP; treatment 2 has SSP banded at 10 cm (AP004) */
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    hand_soil(&soil);
    hand_cultivar(&cv);
    agro_dssat_site site = {27.0, 26.0, 2.0, NAN, NAN};
    agro_dssat_exp *x = load(patched(MAIZE "/GHWA0401.MZX", "RS1.MZX", row, " 1 04169   -99    16   -99     S     R   -99"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 2, &T), AGRO_OK, "%s", msg());
    cr_assert_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "RS1.MZX", &S), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
    int bands = 0;
    for (int32_t i = 0; i < S.n_events; i++) {
        if (S.events[i].type == AGRO_EVENT_SOW)
            cr_expect_float_eq(S.events[i].row_spacing_cm, 25.0, 1e-12);
        if (S.events[i].type == AGRO_EVENT_FERTILISE && S.events[i].p_kg_ha > 0) {
            cr_expect_float_eq(S.events[i].p_band_fraction, 0.2, 1e-12); /* 0.05/0.25 */
            bands++;
        }
    }
    cr_expect(bands > 0);
    /* IPPLNT_Inp also stops on a sowing depth beyond 100 cm and an unknown PLME */
    x = load(patched(MAIZE "/GHWA0401.MZX", "RS2.MZX", row, " 1 04169   -99     5     5     X     R    75"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "RS2.MZX", &S), AGRO_EFORMAT);
    cr_expect(strstr(msg(), "RS2.MZX:") != NULL && strstr(msg(), "PLME") != NULL, "%s", msg());
    agro_dssat_exp_free(x);
    x = load(patched(MAIZE "/GHWA0401.MZX", "RS3.MZX", " 1 04169   -99     5     5     S     R    75     0     5",
                     " 1 04169   -99     5     5     S     R    75     0   101"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "RS3.MZX", &S), AGRO_ERANGE);
    cr_expect(strstr(msg(), "RS3.MZX:") != NULL && strstr(msg(), "PLDP") != NULL, "%s", msg());
    agro_dssat_exp_free(x);
}

/* Three X-file inputs the other tests leave alone, on UFGA8201 treatment 1: CO2 option D is
   DSSAT's fixed 380 ppm (CO2BAS of CO2048.WDA) where M follows the year's measured series;
   initial water above saturation is held at SAT; an irrigation row of IR007-IR011 (water table,
   bunds: paddy only) is no water (IRRIG.for applies IR001-IR006). */
Test(dssat_spec, co2_option_d_saturated_initial_water_and_paddy_irrigation_codes)
{
    int irrigations = 0;
    treatment1_season(MAIZE "/UFGA8201.MZX", "UFGA8201.MZX");
    const double co2_m = S.options.co2_ppm, sw1 = S.options.sw[0];
    for (int32_t i = 0; i < S.n_events; i++) irrigations += S.events[i].type == AGRO_EVENT_IRRIGATE;
    /* M: the record in force on the start day, 82056 (CO2VAL SEASINIT) */
    cr_expect_float_eq(co2_m, agro_dssat_co2_ppm_on(1982, 56), 1e-12, "CO2 M: %g ppm", co2_m);
    cr_expect_eq(irrigations, 1);
    cr_expect_float_eq(sw1, 0.086, 1e-12, "SH2O .086, above layer 1's air-dry 0.3·LL: %g", sw1);
    const char *p1 = patched(MAIZE "/UFGA8201.MZX", "C1.MZX",
                             " 1 OP              Y     Y     N     N     N     N     N     Y     M",
                             " 1 OP              Y     Y     N     N     N     N     N     Y     D");
    /* 0.7: above the hand soil's SAT, below IPSLIN's limit of 0.75 */
    const char *p2 = patched(p1, "C2.MZX", " 1     5  .086    .5    .1", " 1     5    .7    .5    .1");
    const char *p3 = patched(p2, "C3.MZX", " 1    15  .086    .5    .1", " 1    15    .7    .5    .1");
    const char *p4 = patched(p3, "C4.MZX", " 1 82063 IR001    13", " 1 82063 IR007    13");
    treatment1_season(p4, "C4.MZX");
    cr_expect_eq(S.options.co2_ppm, 380.0);
    cr_expect_eq(S.options.sw[0], 0.5, "SW %g above SAT 0.5", S.options.sw[0]);
    irrigations = 0;
    for (int32_t i = 0; i < S.n_events; i++) irrigations += S.events[i].type == AGRO_EVENT_IRRIGATE;
    cr_expect_eq(irrigations, 0, "IR007 applied as water");
}

/* A treatment struct whose row counts cannot index its arrays (a caller may fill it) is
   refused naming the count, not read past its arrays (found by probing the public API) */
Test(dssat_spec, row_counts_outside_the_arrays_are_refused)
{
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    agro_dssat_site site;
    treatment1_inputs(MAIZE "/UFGA8201.MZX", &soil, &cv, &site);
    static agro_dssat_treatment bad;
    bad = T;
    bad.n_fertilisers = AGRO_DSSAT_MAX_FERTILISERS + 1;
    cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE);
    cr_expect(strstr(msg(), "n_fertilisers") != NULL, "%s", msg());
    bad = T;
    bad.ic_n_layers = -1;
    cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE);
    cr_expect(strstr(msg(), "ic_n_layers") != NULL, "%s", msg());
    cr_expect_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "X.MZX", &S), AGRO_OK, "%s", msg());
}

/* A date of a treatment struct (a caller may fill it) that is not a day of the calendar is
   refused by agro_dssat_season_spec naming the X-file row and column: day 0 was counted as
   "not before the start" and left to agro_season_run, which named only the event's index, and
   a year-0 YEARDOY (90) was taken as a row before the start and dropped without a word (found
   by probing the public API with mutated treatments) */
Test(dssat_spec, a_date_that_is_not_a_day_of_the_calendar_is_refused_naming_its_row)
{
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    agro_dssat_site site;
    treatment1_inputs(MAIZE "/UFGA8201.MZX", &soil, &cv, &site);
    cr_assert_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "X.MZX", &S), AGRO_OK, "%s", msg());
    static agro_dssat_treatment bad;
    static const int32_t dates[] = {1982000, 1982366, 9999999, 90, -1};
    for (size_t k = 0; k < sizeof dates / sizeof dates[0]; k++) {
        bad = T;
        bad.fert_date[0] = dates[k];
        char line[32];
        snprintf(line, sizeof line, "X.MZX:%d: FDATE", (int)T.line_fertiliser[0]);
        cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE,
                     "FDATE %d", (int)dates[k]);
        cr_expect(strstr(msg(), line) != NULL && strstr(msg(), "not a YEARDOY day") != NULL, "%s", msg());
        bad = T;
        bad.irr_date[0] = dates[k];
        cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE,
                     "IDATE %d", (int)dates[k]);
        cr_expect(strstr(msg(), "IDATE") != NULL, "%s", msg());
    }
    bad = T;
    bad.start_date = 1983366; /* 1983 is a common year */
    cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE);
    cr_expect(strstr(msg(), "SDATE") != NULL && strstr(msg(), "1983366") != NULL, "%s", msg());
    bad = T;
    bad.plant_date = 1982400;
    cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE);
    cr_expect(strstr(msg(), "PDATE") != NULL, "%s", msg());
    /* a reported harvest on day 0 of its year: named, not "on or before planting" */
    bad = T;
    bad.harvest_mode = 'R';
    bad.n_harvests = 1;
    bad.harv_date[0] = 1982000;
    cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE);
    cr_expect(strstr(msg(), "HDATE") != NULL && strstr(msg(), "not a YEARDOY day") != NULL, "%s", msg());
}

/* A day counted after planting (option D) out of the season, negative or beyond the run's end
 * (a year after planting here), passed agro_dssat_season_spec: agro_season_run refused a negative
 * one naming only the event's index, and one beyond the end was never reached, without a word.
 * Now AGRO_ERANGE naming the X file, the row's line and its column; 0 and the last day pass. */
Test(dssat_spec, a_day_after_planting_outside_the_season_is_refused_naming_its_row)
{
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    agro_dssat_site site;
    treatment1_inputs(MAIZE "/UFGA8201.MZX", &soil, &cv, &site);
    cr_assert(T.n_fertilisers > 0 && T.n_irrigations > 0);
    static agro_dssat_treatment bad;
    static const struct {
        int32_t dap;
        int ok;
    } cases[] = {{-1, 0}, {-99, 0}, {366, 0}, {3000, 0}, {0, 1}, {365, 1}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const int want = cases[k].ok ? AGRO_OK : AGRO_ERANGE;
        char line[48];
        bad = T;
        bad.fert_mode = 'D';
        bad.fert_date[0] = cases[k].dap;
        for (int i = 1; i < bad.n_fertilisers; i++)
            bad.fert_date[i] = 365;
        cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), want,
                     "FDATE %d: %s", (int)cases[k].dap, msg());
        snprintf(line, sizeof line, "X.MZX:%d: FDATE: fertiliser %d days", (int)T.line_fertiliser[0],
                 (int)cases[k].dap);
        if (!cases[k].ok)
            cr_expect(strstr(msg(), line) != NULL && strstr(msg(), "outside the season (0 to 365") != NULL,
                      "%s", msg());
        bad = T;
        bad.irrig_mode = 'D';
        for (int i = 0; i < bad.n_irrigations; i++)
            bad.irr_date[i] = 200;
        bad.irr_date[bad.n_irrigations - 1] = cases[k].dap;
        cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), want,
                     "IDATE %d: %s", (int)cases[k].dap, msg());
        snprintf(line, sizeof line, "X.MZX:%d: IDATE: irrigation %d days",
                 (int)T.line_irrigation[T.n_irrigations - 1], (int)cases[k].dap);
        if (!cases[k].ok)
            cr_expect(strstr(msg(), line) != NULL, "%s", msg());
    }
    /* a harvest (HARVS D) beyond the end: the season ended without it */
    bad = T;
    bad.harvest_mode = 'D';
    bad.n_harvests = 1;
    bad.harv_date[0] = 400;
    cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE);
    cr_expect(strstr(msg(), "HDATE: harvest 400 days after planting is outside the season") != NULL, "%s", msg());
}

/* A treatment filled in code: NaN or unordered initial-condition (ICBL) and soil-analysis
 * (SABL) bottoms were mapped by LMATCH without a word (finite results, closed balances), and an
 * infinite amount was taken as missing, as NaN (DSSAT's -99) is: a fertiliser, irrigation or
 * residue value tested with isfinite(). Each is AGRO_ERANGE naming the column and the row, its
 * X-file line where the struct has one, its index where it has none; NaN stays missing. */
Test(dssat_spec, odd_ic_and_sa_depths_and_infinite_amounts_are_refused_naming_the_row)
{
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    agro_dssat_site site;
    treatment1_inputs(MAIZE "/UFGA8201.MZX", &soil, &cv, &site);
    cr_assert(T.ic_n_layers >= 3 && T.n_fertilisers > 0 && T.n_irrigations > 0, "%d IC layers", (int)T.ic_n_layers);
    static agro_dssat_treatment bad;
    char want[128];
    const double depth[3] = {NAN, INFINITY, 0.0}; /* 0.0: not below the row above */
    for (int k = 0; k < 3; k++) {
        bad = T;
        bad.ic_depth_cm[1] = k == 2 ? bad.ic_depth_cm[0] : depth[k];
        cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE, "case %d", k);
        snprintf(want, sizeof want, "X.MZX:%d: ICBL: initial-condition row 2: layer bottom", (int)T.line_ic[1]);
        cr_expect(strstr(msg(), want) != NULL, "%s", msg());
    }
    bad = T;
    bad.fert_n_kg_ha[0] = INFINITY;
    cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE);
    snprintf(want, sizeof want, "X.MZX:%d: FAMN: infinite value (inf)", (int)T.line_fertiliser[0]);
    cr_expect(strstr(msg(), want) != NULL, "%s", msg());
    bad.line_fertiliser[0] = 0; /* filled in code: the row's index */
    cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE);
    cr_expect(strstr(msg(), "FAMN: row 1: infinite value (inf)") != NULL, "%s", msg());
    bad = T;
    bad.irr_value_mm[T.n_irrigations - 1] = -INFINITY;
    cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE);
    cr_expect(strstr(msg(), "IRVAL: infinite value (-inf)") != NULL, "%s", msg());
    bad = T;
    bad.irr_efficiency = INFINITY; /* was read as missing: 1 */
    cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE);
    cr_expect(strstr(msg(), "EFIR: infinite value") != NULL, "%s", msg());
    /* a residue row of infinite amount was dropped as a missing one; NaN still is */
    bad = T;
    bad.residue_mode = 'R';
    bad.n_residues = 1;
    bad.res_date[0] = T.plant_date;
    bad.res_amount_kg_ha[0] = INFINITY;
    bad.res_n_pct[0] = bad.res_p_pct[0] = bad.res_incorporation_pct[0] = bad.res_depth_cm[0] = NAN;
    cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE);
    cr_expect(strstr(msg(), "RAMT: row 1: infinite value (inf)") != NULL, "%s", msg());
    bad.res_amount_kg_ha[0] = NAN;
    cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_OK, "%s", msg());
    /* soil analysis: bottoms finite and increasing, no infinite value */
    bad = T;
    bad.sa_n_layers = 2;
    const double sa_depth[3][2] = {{20.0, 10.0}, {NAN, 30.0}, {20.0, 20.0}};
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < 2; i++) {
            bad.sa_depth_cm[i] = sa_depth[k][i];
            bad.sa_bulk_density_g_cm3[i] = bad.sa_organic_carbon_pct[i] = bad.sa_total_n_pct[i] = NAN;
            bad.sa_ph_water[i] = bad.sa_extractable_p_mg_kg[i] = bad.sa_stable_c_pct[i] = NAN;
        }
        agro_soil_profile p = soil;
        cr_expect_eq(agro_dssat_soil_prepare(ctx, &bad, &p), AGRO_ERANGE, "case %d", k);
        snprintf(want, sizeof want, "SABL: soil-analysis row %d: layer bottom", k == 1 ? 1 : 2);
        cr_expect(strstr(msg(), want) != NULL, "%s", msg());
    }
    bad.sa_depth_cm[0] = 10.0;
    bad.sa_depth_cm[1] = 30.0;
    bad.sa_organic_carbon_pct[1] = INFINITY;
    agro_soil_profile p = soil;
    cr_expect_eq(agro_dssat_soil_prepare(ctx, &bad, &p), AGRO_ERANGE);
    cr_expect(strstr(msg(), "SAOC: soil-analysis row 2: infinite value (inf)") != NULL, "%s", msg());
    bad.sa_organic_carbon_pct[1] = NAN; /* missing: the profile's value stays */
    p = soil;
    cr_expect_eq(agro_dssat_soil_prepare(ctx, &bad, &p), AGRO_OK, "%s", msg());
}

/* The controls, field and environment-modification values of a treatment filled in code: an
 * infinite one (PH2OL, an automatic-irrigation row's IRAMT, YCRD, an ERAD replaced) was read
 * as missing or passed on; each is AGRO_ERANGE naming its column, the row's index where the row
 * has no line of its own. A modification's value with no code is never read and passes. */
Test(dssat_spec, infinite_controls_field_and_environment_values_are_refused_naming_the_column)
{
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    agro_dssat_site site;
    treatment1_inputs(MAIZE "/UFGA8201.MZX", &soil, &cv, &site);
    static agro_dssat_treatment bad;
    char want[128];
    bad = T;
    bad.plant_h2o_low_pct = INFINITY;
    cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE);
    snprintf(want, sizeof want, "X.MZX:%d: PH2OL: infinite value (inf)", (int)T.line_controls);
    cr_expect(strstr(msg(), want) != NULL, "%s", msg());
    bad = T;
    bad.n_auto_irr_rows = 2;
    for (int i = 0; i < 2; i++) {
        bad.auto_irr_row_depth_cm[i] = bad.auto_irr_row_threshold_pct[i] = NAN;
        bad.auto_irr_row_target_pct[i] = bad.auto_irr_row_efficiency[i] = NAN;
        bad.auto_irr_row_water_mm[i] = bad.auto_irr_row_amount_mm[i] = NAN;
    }
    bad.auto_irr_row_amount_mm[1] = -INFINITY;
    cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE);
    cr_expect(strstr(msg(), "IRAMT: row 2: infinite value (-inf)") != NULL, "%s", msg());
    /* with one row too: the level has an IMDEP of its own on the same line */
    bad.n_auto_irr_rows = 1;
    bad.auto_irr_row_depth_cm[0] = INFINITY;
    cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE);
    cr_expect(strstr(msg(), "IMDEP: row 1: infinite value (inf)") != NULL, "%s", msg());
    bad = T;
    bad.latitude_deg = INFINITY;
    cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE);
    snprintf(want, sizeof want, "X.MZX:%d: YCRD: infinite value (inf)", (int)T.line_field);
    cr_expect(strstr(msg(), want) != NULL, "%s", msg());
    bad = T;
    bad.n_envmods = 1;
    bad.env_date[0] = T.plant_date;
    bad.line_envmod[0] = 0;
    for (int v = 0; v < AGRO_DSSAT_ENV_N; v++) {
        bad.env_code[0][v] = 0;
        bad.env_value[0][v] = INFINITY; /* no code: never read */
    }
    cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_OK, "%s", msg());
    bad.env_code[0][AGRO_DSSAT_ENV_SRAD] = 'R';
    cr_expect_eq(agro_dssat_season_spec(ctx, &bad, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE);
    cr_expect(strstr(msg(), "ERAD: environment modification row 1: infinite value (inf)") != NULL, "%s", msg());
}

/* A fertiliser row of K without its N amount (FE017 with FAMN -99, FAMK 20) stops DSSAT's
   IPFERT (error 12, ANFER < 0) and is an error naming FAMN here (it was taken as a day without
   N); with FAMN 0 it is a fertiliser day that applies no N. An initial residue incorporation
   above 100 % (ICRIP 150) is all of it (SoilOrg_init: RESINC at most the residue), as ICRIP 100 */
Test(dssat_spec, a_missing_fertiliser_n_and_an_incorporation_above_100_percent)
{
    expect_load_error(patched(MAIZE "/UFGA8201.MZX", "M0.MZX",
                              " 1 82097 FE001 AP001    10    27     0     0",
                              " 1 82097 FE017 AP001    10   -99     0    20"),
                      AGRO_EMISSING, ": FAMN: N amount missing");
    cr_expect(strstr(msg(), "M0.MZX:") != NULL, "%s", msg());
    treatment1_season(patched(MAIZE "/UFGA8201.MZX", "M1.MZX", " 1 82097 FE001 AP001    10    27     0     0",
                              " 1 82097 FE017 AP001    10     0     0    20"),
                      "M1.MZX");
    double n97 = 0.0, n_all = 0.0;
    int day97 = 0;
    for (int32_t i = 0; i < S.n_events; i++)
        if (S.events[i].type == AGRO_EVENT_FERTILISE) {
            n_all += S.events[i].amount;
            if (S.events[i].doy == 97) n97 += S.events[i].amount, day97++;
        }
    cr_expect_gt(day97, 0, "the K row is a fertiliser day");
    cr_expect_eq(n97, 0.0, "%g kg N/ha on 82097", n97);
    cr_expect_float_eq(n_all, 35.0 + 54.0, 1e-9, "the other two dressings: %g", n_all);
    treatment1_season(MAIZE "/UFGA8201.MZX", "UFGA8201.MZX");
    static agro_season_spec all;
    all = S;
    treatment1_season(patched(MAIZE "/UFGA8201.MZX", "M2.MZX", "  1000    .8     0   100    15",
                              "  1000    .8     0   150    15"),
                      "M2.MZX");
    cr_expect(memcmp(&S, &all, sizeof S) == 0, "ICRIP 150 and 100 give different seasons");
    cr_expect_eq(S.options.residue_kg_ha, 0.0, "surface residue %g kg/ha", S.options.residue_kg_ha);
}

/* Fertiliser worked in deeper than the profile (FDEP 200 cm on the 60-cm hand soil): DSSAT's
   PROF spreads it by thickness over FDEP and leaves the part below the bottom out of the soil;
   agrosim puts that part in the last layer, so every kilogram applied reaches the soil. */
Test(dssat_spec, fertiliser_below_the_profile_stays_in_the_last_layer)
{
    treatment1_season(patched(MAIZE "/UFGA8201.MZX", "F1.MZX", " 1 82097 FE001 AP001    10    27",
                              " 1 82097 FE001 AP002   200    27"),
                      "F1.MZX");
    double n = 0.0, deepest = 0.0, n_deepest = 0.0;
    for (int32_t i = 0; i < S.n_events; i++) {
        const agro_event *e = &S.events[i];
        if (e->type != AGRO_EVENT_FERTILISE || e->doy != 97) continue;
        n += e->amount;
        if (e->depth_cm > deepest) deepest = e->depth_cm, n_deepest = e->amount;
    }
    cr_expect_float_eq(n, 27.0, 1e-9, "%g kg N/ha of 27 applied", n);
    cr_expect_eq(deepest, 60.0, "deepest placement %g cm", deepest);
    /* the last layer (30-60 cm) holds its own 30/200 and the 140/200 below the bottom */
    cr_expect_float_eq(n_deepest, 27.0 * 170.0 / 200.0, 1e-9, "%g kg N/ha at 60 cm", n_deepest);
}

/* Without IC layers the soil starts at DUL; its mineral N is 0 without an IC level (IPSLIN
   returns -99, INSOIL makes it 0) and 0.01 ppm with a level that has no layer rows (IPSLIN's
   bounds after LMATCH left every layer -99) */
Test(dssat_spec, initial_n_without_ic_layers_follows_ipslin_and_insoil)
{
    const char *src = MAIZE "/UFGA8201.MZX";
    const char *trt = " 1 1 0 0 RAINFED LOW NITROGEN       1  1  0  1";
    treatment1_season(patched(src, "IC0.MZX", trt, " 1 1 0 0 RAINFED LOW NITROGEN       1  1  0  0"),
                      "IC0.MZX");
    cr_expect_eq(T.ic_n_layers, 0);
    for (int L = 0; L < 3; L++) {
        cr_expect(isnan(S.options.sw[L])); /* the field's default, DUL */
        cr_expect_float_eq(S.options.no3_ppm[L], 0.0, 1e-12);
        cr_expect_float_eq(S.options.nh4_ppm[L], 0.0, 1e-12);
    }
    /* the level's layer rows taken away: IC level 1 with no @C ICBL rows */
    const char *rows = " 1     5  .086    .5    .1\n 1    15  .086    .5    .1\n 1    30  .086    .5    .1\n"
                       " 1    60  .086    .5    .1\n 1    90  .076    .6    .1\n 1   120  .076    .5    .1\n"
                       " 1   150   .13    .5    .1\n 1   180  .258    .5    .1\n";
    treatment1_season(patched(src, "IC1.MZX", rows, ""), "IC1.MZX");
    cr_expect_eq(T.ic_n_layers, 0);
    cr_expect_eq(T.levels[3], 1);
    cr_expect_float_eq(S.options.no3_ppm[0], 0.01, 1e-12);
    cr_expect_float_eq(S.options.nh4_ppm[2], 0.01, 1e-12);
}

/* HARVS R: IPHAR skips a harvest row dated before the simulation start, so the season ends on
   the last row after it (GHWA0401: SDATE 03283, HDATE 04294) */
Test(dssat_spec, harvest_rows_before_the_start_are_skipped)
{
    const char *row = " 1 04294 GS006     H     A   100     0 MAIZE";
    treatment1_season(patched(MAIZE "/GHWA0401.MZX", "H0.MZX", row,
                              " 1 04294 GS006     H     A   100     0 MAIZE\n"
                              " 1 03200 GS006     H     A   100     0 MAIZE"),
                      "H0.MZX");
    cr_expect_eq(T.n_harvests, 2);
    int n = 0;
    for (int32_t i = 0; i < S.n_events; i++)
        if (S.events[i].type == AGRO_EVENT_HARVEST) {
            cr_expect_eq(S.events[i].year, 2004);
            cr_expect_eq(S.events[i].doy, 294);
            n++;
        }
    cr_expect_eq(n, 1);
}

/* AUTHAR ends a HARVS R season on HDATE(NHAR): one on or before the planting day ends it
 * before the crop grows, and is refused, not skipped for a run to maturity */
Test(dssat_spec, harvest_date_on_or_before_planting_is_an_error)
{
    const char *row = " 1 99304 GS000   -99   -99   -99   -99 ";
    const char *dates[] = {" 1 99140 GS000   -99   -99   -99   -99 ",
                           " 1 99147 GS000   -99   -99   -99   -99 "};
    for (int k = 0; k < 2; k++) {
        agro_dssat_exp *x = load(patched(MAIZE "/IUAF9901.MZX", k ? "H1.MZX" : "H0.MZX", row, dates[k]));
        agro_dssat_result r;
        cr_expect_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &r), AGRO_EORDER, "%s", msg());
        cr_expect(strstr(msg(), ":61: HDATE: HARVS R") != NULL, "%s", msg());
        agro_dssat_exp_free(x);
    }
    /* the day after planting is a harvest */
    agro_dssat_exp *x = load(patched(MAIZE "/IUAF9901.MZX", "H2.MZX", row,
                                     " 1 99148 GS000   -99   -99   -99   -99 "));
    agro_dssat_result r;
    cr_expect_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &r), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
}

/* FLHST and FHDUR (GHWA0401: FH301, 0 years), read for CENTURY only, as DSSAT's SOMFRAC_INIT;
 * a missing duration means no history, an unknown code is named */
Test(dssat_spec, field_history_is_read_for_century)
{
    const char *src = MAIZE "/GHWA0401.MZX";
    agro_dssat_exp *x = load(src);
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.field_history, AGRO_FIELD_HISTORY_FH301);
    cr_expect_eq(T.field_history_years, 0);
    /* the season's field options carry it to CENTURY */
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    hand_soil(&soil);
    hand_cultivar(&cv);
    agro_dssat_site site = {27.0, 26.0, 2.0, NAN, NAN};
    cr_assert_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "GHWA0401.MZX", &S), AGRO_OK, "%s", msg());
    cr_expect_eq(S.options.soil_om_method, AGRO_SOIL_OM_CENTURY);
    cr_expect_eq(S.options.field_history, AGRO_FIELD_HISTORY_FH301);
    cr_expect_eq(T.ic_previous_grass, 0); /* PCR MZ */
    cr_expect_eq(S.options.previous_crop_grass, 0);
    agro_dssat_exp_free(x);
    /* a Brachiaria fallow before the crop (PCR BR): SOMINIT_C's 6 % microbial P */
    x = load(patched(src, "R.MZX", " 1    MZ 03283", " 1    BR 03283"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.ic_previous_grass, 1);
    cr_assert_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "R.MZX", &S), AGRO_OK, "%s", msg());
    cr_expect_eq(S.options.previous_crop_grass, 1);
    agro_dssat_exp_free(x);
    x = load(patched(src, "Y.MZX", "FH301     0", "FH102    12"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.field_history, AGRO_FIELD_HISTORY_FH102);
    cr_expect_eq(T.field_history_years, 12);
    agro_dssat_exp_free(x);
    /* a blank FHDUR is 0 years (DSSAT reads it as an integer, I6) */
    x = load(patched(src, "B.MZX", "FH301     0", "FH202"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.field_history, AGRO_FIELD_HISTORY_FH202);
    cr_expect_eq(T.field_history_years, 0);
    agro_dssat_exp_free(x);
    /* a fraction or a word stops DSSAT's read of FHDUR in any run */
    x = NULL;
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "F.MZX", "FH301     0", "FH102  11.6"), &x), AGRO_EFORMAT);
    cr_expect(strstr(msg(), "F.MZX:43: FHDUR: years of the field history must be a whole number (11.6)") != NULL,
              "%s", msg());
    cr_expect_null(x);
    x = load(patched(src, "M.MZX", "FH301     0", "FH301   -99"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.field_history, AGRO_FIELD_HISTORY_NONE);
    agro_dssat_exp_free(x);
    x = load(patched(src, "G.MZX", "0     P     S     2", "0     G     S     2"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.som_method, 'G');
    cr_expect_eq(T.field_history, AGRO_FIELD_HISTORY_NONE);
    agro_dssat_exp_free(x);
    const char *g = patched(src, "G.MZX", "0     P     S     2", "0     G     S     2");
    x = NULL;
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(g, "W.MZX", "FH301     0", "FH301   xyz"), &x), AGRO_EFORMAT);
    cr_expect(strstr(msg(), "W.MZX:43: FHDUR") != NULL, "%s", msg());
    cr_expect_null(x);
    x = NULL;
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(src, "U.MZX", "FH301     0", "FH999     0"), &x),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "U.MZX:43: FLHST: 'FH999' is not a field history") != NULL, "%s", msg());
    cr_expect_null(x);
}

/* INFIL (GHWA0401: S) switches the surface mulch on; N or a blank switches it off, as DSSAT's
 * IPSIM reads it. The previous crop PCR MZ gives the initial residue RESCH048's maize row RE203
 * (AM 30 cm2/g, EXTFAC 0.86, WATFAC 3.5), on the options and on CENTURY's initial surface event. */
Test(dssat_spec, infil_and_the_previous_crops_mulch_are_read)
{
    const char *src = MAIZE "/GHWA0401.MZX";
    treatment1_season(src, "GHWA0401.MZX");
    cr_expect_eq(T.infil_method, 'S');
    cr_expect_float_eq(T.ic_residue_area_cm2_g, 30.0, 1e-12);
    cr_expect_float_eq(T.ic_residue_extinction, 0.86, 1e-12);
    cr_expect_float_eq(T.ic_residue_water_kg_kg, 3.5, 1e-12);
    cr_expect_eq(S.options.mulch_effects, 1);
    cr_expect_float_eq(S.options.residue_area_cm2_g, 30.0, 1e-12);
    int surface = 0;
    for (int i = 0; i < S.n_events; i++) {
        const agro_event *e = &S.events[i];
        if (e->type != AGRO_EVENT_RESIDUE || e->depth_cm > 0.0) continue;
        surface++;
        cr_expect_float_eq(e->amount, 1512.0, 1e-9); /* ICRES, ICRIP 0 */
        cr_expect(e->initial);
        cr_expect_float_eq(e->mulch_area_cm2_g, 30.0, 1e-12);
        cr_expect_float_eq(e->mulch_extinction, 0.86, 1e-12);
        cr_expect_float_eq(e->mulch_water_kg_kg, 3.5, 1e-12);
    }
    cr_expect_eq(surface, 1);
    /* INFIL N: no mulch effects */
    treatment1_season(patched(src, "N.MZX", "E     R     S     C     R     0", "E     R     N     C     R     0"),
                      "N.MZX");
    cr_expect_eq(T.infil_method, 'N');
    cr_expect_eq(S.options.mulch_effects, 0);
    /* a blank INFIL is not replaced: no mulch effects either */
    treatment1_season(patched(src, "K.MZX", "E     R     S     C     R     0", "E     R           C     R     0"),
                      "K.MZX");
    cr_expect_eq(T.infil_method, 0);
    cr_expect_eq(S.options.mulch_effects, 0);
    /* an unknown previous crop takes the generic residue RE001 (37, 0.80, 3.8), as IPSOIL */
    treatment1_season(patched(src, "Q.MZX", " 1    MZ 03283", " 1    XX 03283"), "Q.MZX");
    cr_expect_float_eq(T.ic_residue_area_cm2_g, 37.0, 1e-12);
    cr_expect_float_eq(T.ic_residue_extinction, 0.80, 1e-12);
    cr_expect_float_eq(T.ic_residue_water_kg_kg, 3.8, 1e-12);
    cr_expect_float_eq(S.options.residue_area_cm2_g, 37.0, 1e-12);
    /* a residue application left on the surface (no RINP, no RDEP: IPRES's 0 % incorporated)
       carries its type's properties: maize residue RE203 (BRPI0202 given its residue level 1,
       RESID R, and 3 t/ha of RE203 there) */
    const char *a = patched(MAIZE "/BRPI0202.MZX", "A.MZX", " 1 02060 RE001     0", " 1 02060 RE203  3000");
    a = patched(a, "A.MZX", "AG9010 - Rainfed           1  1  0  1  1  0  1  0",
                "AG9010 - Rainfed           1  1  0  1  1  0  1  1");
    a = patched(a, "A.MZX", " 1 MA              R     R     R     N", " 1 MA              R     R     R     R");
    treatment1_season(a, "A.MZX");
    int found = 0;
    for (int i = 0; i < S.n_events; i++) {
        const agro_event *e = &S.events[i];
        if (e->type != AGRO_EVENT_RESIDUE || e->initial) continue;
        found++;
        cr_expect_float_eq(e->amount, 3000.0, 1e-9);
        cr_expect_float_eq(e->depth_cm, 0.0, 1e-15);
        cr_expect_float_eq(e->mulch_area_cm2_g, 30.0, 1e-12);
        cr_expect_float_eq(e->mulch_extinction, 0.86, 1e-12);
        cr_expect_float_eq(e->mulch_water_kg_kg, 3.5, 1e-12);
    }
    cr_expect_eq(found, 1);
}

/* Everything for IBWA8301 treatment 3 checked against values worked out by hand. */
Test(dssat_spec, ibwa8301_treatment_3_maps_to_the_season_by_hand)
{
    agro_dssat_exp *x = load(MAIZE "/IBWA8301.MZX");
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 3, &T), AGRO_OK, "%s", msg());
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    hand_soil(&soil);
    hand_cultivar(&cv);
    agro_dssat_site site = {21.0, 24.0, 3.0, NAN, NAN};
    cr_assert_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "IBWA8301.MZX", &S), AGRO_OK,
                 "%s", msg());
    cr_expect_eq(S.start_year, 1983);
    cr_expect_eq(S.start_doy, 326);
    cr_expect_float_eq(S.cultivar.g2_kernels, 700, 1e-12);
    cr_expect_float_eq(S.soil.depth_cm[2], 60, 1e-12);
    cr_expect_float_eq(S.options.latitude_deg, 21.0, 1e-12);
    cr_expect_float_eq(S.options.tav_C, 24.0, 1e-12);
    cr_expect_float_eq(S.options.co2_ppm, 343.53, 1e-9); /* Mauna Loa, the record of 1983-11-15 in force on the start day */
    cr_expect_eq(S.options.water_limited, 1);
    cr_expect_eq(S.options.nitrogen_limited, 1);
    cr_expect_eq(S.options.weeds_limited, 0);
    /* ICRES 2000 kg/ha, ICRIP 100 %: all incorporated, no surface mulch */
    cr_expect_float_eq(S.options.residue_kg_ha, 0, 1e-12);
    /* IC layers 5,15,30,50,70,… onto soil layers 0–10, 10–30, 30–60 (depth-weighted):
     * sw: .26; (.26·5 + .30·15)/20 = .29; (.37·20 + .32·10)/30 = .35333
     * NO3: (4.3·5 + 2.9·5)/10 = 3.6; (2.9·5 + 1.6·15)/20 = 1.925; (.3·20 + .1·10)/30 = .23333
     * NH4: 2.1; (2.1·5 + 2.2·15)/20 = 2.175; (1·20 + .8·10)/30 = .93333 */
    cr_expect_float_eq(S.options.sw[0], 0.26, 1e-12);
    cr_expect_float_eq(S.options.sw[1], 0.29, 1e-12);
    cr_expect_float_eq(S.options.sw[2], 0.35333333333333, 1e-9);
    cr_expect_float_eq(S.options.no3_ppm[0], 3.6, 1e-12);
    cr_expect_float_eq(S.options.no3_ppm[1], 1.925, 1e-12);
    cr_expect_float_eq(S.options.no3_ppm[2], 0.23333333333333, 1e-9);
    cr_expect_float_eq(S.options.nh4_ppm[1], 2.175, 1e-12);
    cr_expect_float_eq(S.options.nh4_ppm[2], 0.93333333333333, 1e-9);
    cr_expect(isnan(S.options.sw[3]));
    /* events: sow, 24 irrigations, urea 83333 (no FACD: AP001, on the surface, although FDEP
     * says 15 cm; DSSAT IPFERT), 84006 and 84041, ICRES, ICRT */
    cr_assert_eq(S.n_events, 1 + 24 + 1 + 1 + 1 + 1 + 1);
    /* last: the previous maize crop's roots, ICRT 200 kg/ha (ICND 0) at RCN 0.90 %, on the
       start day (DSSAT SoilOrg_init.for; RESCH048.SDA MZ) */
    const agro_event *roots = &S.events[S.n_events - 1];
    cr_expect_eq(roots->type, AGRO_EVENT_ROOT_RESIDUE);
    cr_expect_eq(roots->year, S.start_year);
    cr_expect_eq(roots->doy, S.start_doy);
    cr_expect_float_eq(roots->amount, 200, 1e-12);
    cr_expect_float_eq(roots->n_pct, 0.9, 1e-12);
    /* before it: ICRES 2000 kg/ha at ICREN 0.53 %, ICRIP 100 % to ICRID 30 cm, on the start
       day (DSSAT SoilOrg_init.for) */
    const agro_event *r = &S.events[S.n_events - 2];
    cr_expect_eq(r->type, AGRO_EVENT_RESIDUE);
    cr_expect_eq(r->year, S.start_year);
    cr_expect_eq(r->doy, S.start_doy);
    cr_expect_float_eq(r->amount, 2000, 1e-12);
    cr_expect_float_eq(r->depth_cm, 30, 1e-12);
    cr_expect_float_eq(r->n_pct, 0.53, 1e-12);
    cr_expect_float_eq(S.options.residue_kg_ha, 0, 1e-12);
    const agro_event *e = &S.events[0];
    cr_expect_eq(e->type, AGRO_EVENT_SOW);
    cr_expect_eq(e->year, 1983);
    cr_expect_eq(e->doy, 334);
    cr_expect_float_eq(e->density_pl_m2, 5.8, 1e-12);
    cr_expect_float_eq(e->row_spacing_cm, 75, 1e-12);
    cr_expect_float_eq(e->depth_cm, 5, 1e-12);
    e = &S.events[1];
    cr_expect_eq(e->type, AGRO_EVENT_IRRIGATE);
    cr_expect_eq(e->doy, 337);
    cr_expect_float_eq(e->amount, 43, 1e-12);
    e = &S.events[24];
    cr_expect_eq(e->year, 1984);
    cr_expect_eq(e->doy, 88);
    cr_expect_float_eq(e->amount, 12, 1e-12);
    e = &S.events[25];
    cr_expect_eq(e->type, AGRO_EVENT_FERTILISE);
    cr_expect_eq(e->doy, 333);
    cr_expect_float_eq(e->amount, 67, 1e-12);
    cr_expect_float_eq(e->depth_cm, 0, 1e-12);
    /* urea (FE005) goes to the urea pool, not NH4 (DSSAT Fert_Place ADDUREA) */
    cr_expect_float_eq(e->nh4_fraction, 0, 1e-12);
    cr_expect_float_eq(e->urea_fraction, 1, 1e-12);
    e = &S.events[26];
    cr_expect_eq(e->type, AGRO_EVENT_FERTILISE);
    cr_expect_eq(e->year, 1984);
    cr_expect_eq(e->doy, 6);
    cr_expect_float_eq(e->amount, 67, 1e-12);
    cr_expect_float_eq(e->depth_cm, 0, 1e-12);
    /* harvest at maturity (HARVS M): no harvest event; HLAST 84334 bounds the season */
    for (int i = 0; i < S.n_events; i++)
        cr_expect_neq(S.events[i].type, AGRO_EVENT_HARVEST);
    cr_expect_eq(S.end_year, 1984);
    cr_expect_eq(S.end_doy, 334);
    agro_dssat_exp_free(x);
}

/* Treatment @p trt of @p x into T and its season, on the hand-made soil and cultivar, into S. */
static void hand_season_spec(const agro_dssat_exp *x, int32_t trt, const char *xname)
{
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, trt, &T), AGRO_OK, "%s", msg());
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    hand_soil(&soil);
    hand_cultivar(&cv);
    agro_dssat_site site = {21.0, 24.0, 3.0, NAN, NAN};
    cr_assert_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, xname, &S), AGRO_OK, "%s",
                 msg());
}

/* How DSSAT reads what the IBWA8301 spec test above does not cover (IPSLIN, LMATCH, IPWBAL,
 * IPFERT, IRRIG.for): the initial conditions cut at 30 cm leave the 30-60 cm layer at DUL and
 * 0.01 ppm; water below LL is raised to LL, in layer 1 only to air dry (0.3 LL); a -99 NO3 in
 * an IC layer the soil layer overlaps is missing too; AP006 adds no fertiliser (but is a fertiliser
 * day); IR006 is water. */
Test(dssat_spec, initial_conditions_fertiliser_methods_and_irrigation_ops_as_dssat_reads_them)
{
    const char *deep = "\n 3    50   .37     1    .3\n 3    70   .32    .8    .1\n 3    90   .29    .3    .1\n 3   110   .32    .1    .1";
    char p[512];
    snprintf(p, sizeof p, "%s", patched(MAIZE "/IBWA8301.MZX", "I1.MZX", deep, ""));
    snprintf(p, sizeof p, "%s", patched(p, "I2.MZX", " 3     5   .26   2.1   4.3", " 3     5   .10   2.1   -99"));
    snprintf(p, sizeof p, "%s", patched(p, "I3.MZX", " 3    15   .26   2.1   2.9", " 3    15   .10   2.1   2.9"));
    snprintf(p, sizeof p, "%s", patched(p, "I4.MZX", " 3    30    .3   2.2   1.6", " 3    30    .1   2.2   1.6"));
    snprintf(p, sizeof p, "%s", patched(p, "I5.MZX", " 3 84041 FE005   -99     5    67", " 3 84041 FE005 AP006     5    67"));
    agro_dssat_exp *x = load(patched(p, "I6.MZX", " 1 83339 IR001    22", " 1 83339 IR006    22"));
    hand_season_spec(x, 3, "I6.MZX");
    /* layer 1 (0-10 cm): (.10·5 + .10·5)/10 = .10, below LL .2 but above air dry .06: kept;
       its NO3 overlaps a -99: 0.01 ppm; NH4 (2.1·5 + 2.1·5)/10 = 2.1 */
    cr_expect_float_eq(S.options.sw[0], 0.10, 1e-12);
    cr_expect_float_eq(S.options.no3_ppm[0], 0.01, 1e-12);
    cr_expect_float_eq(S.options.nh4_ppm[0], 2.1, 1e-12);
    /* layer 2 (10-30 cm): (.10·5 + .1·15)/20 = .10 < LL: raised to LL */
    cr_expect_float_eq(S.options.sw[1], 0.2, 1e-12);
    /* layer 3 (30-60 cm) starts at the deepest IC depth: DUL and 0.01 ppm */
    cr_expect_float_eq(S.options.sw[2], 0.35, 1e-12);
    cr_expect_float_eq(S.options.no3_ppm[2], 0.01, 1e-12);
    cr_expect_float_eq(S.options.nh4_ppm[2], 0.01, 1e-12);
    int fert = 0, fert_n = 0, irr22 = 0;
    for (int i = 0; i < S.n_events; i++) {
        const agro_event *e = &S.events[i];
        fert += e->type == AGRO_EVENT_FERTILISE;
        fert_n += e->type == AGRO_EVENT_FERTILISE && e->amount > 0;
        irr22 += e->type == AGRO_EVENT_IRRIGATE && e->year == 1983 && e->doy == 339 &&
                 fabs(e->amount - 22.0) < 1e-12;
    }
    /* (the AP006 day is still a fertiliser day: an event without N, FERTDAY and FERTYPE) */
    cr_expect_eq(fert_n, 2, "AP006 adds no N: %d fertiliser events with N", fert_n);
    cr_expect_eq(fert, 3, "%d fertiliser events", fert);
    cr_expect_eq(irr22, 1, "IR006 is applied as water");
    agro_dssat_exp_free(x);
}

/* RESID D: residue RDATE days after planting (OM_Place.for); RESID A is flagged, not applied;
 * START I starts on ICDAT. */
Test(dssat_spec, residue_option_d_and_a_and_start_i)
{
    const char *mgmt = " 1 MA              R     R     R     R     M";
    char p[512];
    snprintf(p, sizeof p, "%s", patched(MAIZE "/EBPL8501.MZX", "D1.MZX", mgmt, " 1 MA              R     R     R     D     M"));
    /* the fallow treatments' controls (SM 2) share MR level 1, whose date becomes a day count:
       under R that is a missing date, which stops IPRES (and this reader) */
    snprintf(p, sizeof p, "%s", patched(p, "D0.MZX", " 2 MA              R     R     R     R     R",
                                        " 2 MA              R     R     R     D     R"));
    snprintf(p, sizeof p, "%s", patched(p, "D2.MZX", " 2 84357 RE001  5590", " 2     2 RE001  5590"));
    snprintf(p, sizeof p, "%s", patched(p, "D3.MZX", " 1 84357 RE001     0", " 1     0 RE001     0"));
    agro_dssat_exp *x = NULL;
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(p, "D5.MZX", " 2 MA              R     R     R     D     R",
                                                  " 2 MA              R     R     R     R     R"), &x),
                 AGRO_EMISSING);
    cr_expect(strstr(msg(), "D5.MZX:76: RDATE: residue application date missing") != NULL, "%s", msg());
    x = load(patched(p, "D4.MZX", " 3 84357 RE001  5520", " 3     2 RE001  5520"));
    hand_season_spec(x, 2, "D4.MZX");
    cr_expect_eq(T.ignored & AGRO_DSSAT_IGNORED_AUTO_RESIDUE, 0);
    int found = 0;
    for (int i = 0; i < S.n_events; i++) {
        const agro_event *e = &S.events[i];
        if (e->type != AGRO_EVENT_RESIDUE || e->initial) continue;
        found++;
        cr_expect_eq(e->timing, AGRO_TIMING_AFTER_SOWING);
        cr_expect_eq(e->days_after_sowing, 2);
        cr_expect_float_eq(e->amount, 5590, 1e-9);
    }
    cr_expect_eq(found, 1);
    agro_dssat_result r;
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 2, DSSAT, &r), AGRO_OK, "%s", msg());
    cr_expect_lt(r.summary.n_balance_error_kg_ha, 1e-6);
    agro_dssat_exp_free(x);
    x = load(patched(MAIZE "/EBPL8501.MZX", "A1.MZX", mgmt, " 1 MA              R     R     R     A     M"));
    hand_season_spec(x, 2, "A1.MZX");
    cr_expect(T.ignored & AGRO_DSSAT_IGNORED_AUTO_RESIDUE, "0x%x", (unsigned)T.ignored);
    for (int i = 0; i < S.n_events; i++)
        cr_expect(!(S.events[i].type == AGRO_EVENT_RESIDUE && !S.events[i].initial));
    agro_dssat_exp_free(x);
    /* START I moves the start back to ICDAT (82056) only when ICDAT comes before SDATE (DSSAT
       IPEXP: YRIC < YRSIM and YRIC > 0) */
    x = load(patched(MAIZE "/UFGA8201.MZX", "I.MZX", " 1 GE              1     1     S 82056",
                     " 1 GE              1     1     I 82070"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.start_date, 1982056, "START I: ICDAT 82056, before SDATE 82070");
    agro_dssat_exp_free(x);
    x = load(patched(MAIZE "/UFGA8201.MZX", "I2.MZX", " 1 GE              1     1     S 82056",
                     " 1 GE              1     1     I 82040"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.start_date, 1982040, "START I: SDATE 82040 stays, ICDAT 82056 is later");
    agro_dssat_exp_free(x);
}

/* What DSSAT's IPSIM and IPEXP make of the simulation controls: without SDATE (-99) or without a
   controls level the run starts on the planting date (82057), not on ICDAT (82056; GHWA0401's
   ICDAT lies 8 months before its planting); WATER N turns the N and P balances off, so N never
   limits (UFGA8201 trt 1 yielded 6203 kg/ha with N stress and no water balance, 11857 without) */
Test(dssat_spec, no_sdate_starts_at_planting_and_no_water_balance_means_no_n_balance)
{
    static const struct {
        const char *name, *from, *to;
    } no_sdate[2] = {
        {"S99.MZX", " 1 GE              1     1     S 82056", " 1 GE              1     1     S   -99"},
        {"SM0.MZX", " 1 1 0 0 RAINFED LOW NITROGEN       1  1  0  1  1  1  1  0  0  0  0  0  1",
         " 1 1 0 0 RAINFED LOW NITROGEN       1  1  0  1  1  1  1  0  0  0  0  0  0"},
    };
    agro_dssat_exp *x = NULL;
    for (int k = 0; k < 2; k++) { /* SDATE -99; no controls level */
        x = load(patched(MAIZE "/UFGA8201.MZX", no_sdate[k].name, no_sdate[k].from, no_sdate[k].to));
        cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
        cr_expect_eq(T.start_date, 1982057, "%s: the planting date", no_sdate[k].name);
        agro_dssat_exp_free(x);
    }
    x = load(patched(MAIZE "/UFGA8201.MZX", "WN.MZX",
                     " 1 OP              Y     Y     N     N     N     N     N     Y     M",
                     " 1 OP              N     Y     N     Y     N     N     N     Y     M"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.nitrogen, 'N', "NITRO Y under WATER N");
    cr_expect_eq(T.phosphorus, 'N', "PHOSP Y under WATER N");
    agro_dssat_result wn, nn;
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &wn), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
    x = load(patched(MAIZE "/UFGA8201.MZX", "NN.MZX",
                     " 1 OP              Y     Y     N     N     N     N     N     Y     M",
                     " 1 OP              N     N     N     N     N     N     N     Y     M"));
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &nn), AGRO_OK, "%s", msg());
    cr_expect_eq(wn.yield_kg_ha, nn.yield_kg_ha, "WATER N NITRO Y runs as WATER N NITRO N");
    cr_expect_gt(wn.yield_kg_ha, 10000.0);
    agro_dssat_exp_free(x);
}

Test(dssat_spec, materials_methods_efficiency_and_harvest)
{
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    hand_soil(&soil);
    hand_cultivar(&cv);
    agro_dssat_site site = {29.6, NAN, NAN, 350, NAN};
    /* UFGA8201 trt 4: ammonium nitrate broadcast (AP001) stays at the surface, half NH4 */
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 4, &T), AGRO_OK);
    cr_assert_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "UFGA8201.MZX", &S), AGRO_OK, "%s", msg());
    cr_expect_eq(S.n_events, 1 + 16 + 6 + 1 + 1); /* + incorporated ICRES 1000 kg/ha, ICRT 100 */
    cr_expect_float_eq(S.options.co2_ppm, 350, 1e-12); /* the site's value wins */
    const agro_event *f = &S.events[17];
    cr_expect_eq(f->type, AGRO_EVENT_FERTILISE);
    cr_expect_float_eq(f->amount, 56, 1e-12);
    cr_expect_float_eq(f->depth_cm, 0, 1e-12);
    cr_expect_float_eq(f->nh4_fraction, 0.5, 1e-12);
    cr_expect_float_eq(f->urea_fraction, 0, 1e-12);
    /* IC 0–5 and 5–15 cm (.086) onto 0–10 cm */
    cr_expect_float_eq(S.options.sw[0], 0.086, 1e-12);
    agro_dssat_exp_free(x);

    /* BRPI0202 trt 5: EFIR 0.9 scales each irrigation; FE027 NPK at 5 cm banded beneath
     * (AP004) is incorporated over 0–5 cm; urea at 0 cm banded on surface (AP003) */
    x = load(MAIZE "/BRPI0202.MZX");
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 5, &T), AGRO_OK);
    cr_assert_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "BRPI0202.MZX", &S), AGRO_OK, "%s", msg());
    cr_expect_eq(S.events[1].type, AGRO_EVENT_IRRIGATE);
    cr_expect_float_eq(S.events[1].amount, 7 * 0.9, 1e-12);
    cr_expect_float_eq(S.events[0].density_pl_m2, 5, 1e-12); /* PPOE, not PPOP 7 */
    const agro_event *g = &S.events[1 + 30];
    cr_expect_eq(g->type, AGRO_EVENT_FERTILISE);
    cr_expect_float_eq(g->amount, 26, 1e-12);
    cr_expect_float_eq(g->depth_cm, 2.5, 1e-12);
    cr_expect_float_eq(g->nh4_fraction, 0.5, 1e-12);
    cr_expect_float_eq(g->urea_fraction, 0, 1e-12);
    cr_expect_float_eq(S.events[1 + 31].depth_cm, 0, 1e-12);
    cr_expect_float_eq(S.events[1 + 31].nh4_fraction, 0, 1e-12);
    cr_expect_float_eq(S.events[1 + 31].urea_fraction, 1, 1e-12);
    agro_dssat_exp_free(x);

    /* IUAF9901: HARVS R harvests on HDATE; anhydrous ammonia injected (AP009) at 20 cm; the
       previous crop's roots (ICRT 200) before the harvest */
    x = load(MAIZE "/IUAF9901.MZX");
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 2, &T), AGRO_OK);
    cr_assert_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "IUAF9901.MZX", &S), AGRO_OK, "%s", msg());
    cr_expect_eq(S.n_events, 4);
    cr_expect_float_eq(S.events[1].amount, 224, 1e-12);
    cr_expect_float_eq(S.events[1].depth_cm, 20, 1e-12);
    cr_expect_float_eq(S.events[1].nh4_fraction, 1, 1e-12);
    cr_expect_eq(S.events[2].type, AGRO_EVENT_ROOT_RESIDUE);
    cr_expect_float_eq(S.events[2].amount, 200, 1e-12);
    cr_expect_eq(S.events[3].type, AGRO_EVENT_HARVEST);
    cr_expect_eq(S.events[3].doy, 304);
    agro_dssat_exp_free(x);
}

/* A row that brings K, or P without the P model, is still a fertiliser day to DSSAT when its
 * material carries it (Fert_Place.for 0b26a04: FERPOT or FERPHOS above 1E-3 sets FERTDAY and
 * calls FertLayers; FERTYPE is the row's; FertType_mod.for HASP, HASK from FERCH048): the runner
 * gives it a FERTILISE event without N, which sets the oxidised layer's material, its 10-day
 * hourly steps and, on the surface, starts it. So is a row of N by AP006 or AP010, which
 * FertLayers places nowhere (CASE DEFAULT). A row of K on a material without K is nothing. */
Test(dssat_spec, a_row_of_k_or_of_p_without_the_p_model_is_a_fertiliser_day)
{
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    hand_soil(&soil);
    hand_cultivar(&cv);
    agro_dssat_site site = {29.6, NAN, NAN, 350, NAN};
    const char *rows[] = {" 2 82074 FE016 AP001    10     0     0    50     0     0   -99 -99",
                          " 2 82074 FE013 AP002    10     0    20     0     0     0   -99 -99",
                          " 2 82074 FE001 AP006    10    56     0     0     0     0   -99 -99",
                          " 2 82074 FE005 AP001    10     0     0    50     0     0   -99 -99"};
    const int32_t material[] = {16, 13, 1, 0};
    for (int k = 0; k < 4; k++) {
        char name[32];
        snprintf(name, sizeof name, "K%d.MZX", k);
        agro_dssat_exp *x = load(patched(MAIZE "/UFGA8201.MZX", name,
                                         " 2 82074 FE001 AP001    10    56     0     0     0     0   -99 -99",
                                         rows[k]));
        cr_assert_eq(agro_dssat_treatment_get(ctx, x, 4, &T), AGRO_OK);
        cr_assert_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, name, &S), AGRO_OK, "%s", msg());
        int found = 0;
        for (int i = 0; i < S.n_events; i++) {
            const agro_event *e = &S.events[i];
            if (e->type != AGRO_EVENT_FERTILISE || e->doy != 74) continue;
            found++;
            cr_expect_float_eq(e->amount, 0.0, 1e-12, "row %d: %g kg N/ha", k, e->amount);
            cr_expect_float_eq(e->p_kg_ha, 0.0, 1e-12, "row %d: %g kg P/ha", k, e->p_kg_ha);
            cr_expect_eq(e->fert_material, material[k]);
            cr_expect_eq(e->incorporated, k == 1 || k == 2, "row %d", k);
        }
        cr_expect_eq(found, k < 3 ? 1 : 0, "row %d: %d events on 82074", k, found);
        agro_dssat_exp_free(x);
    }
    /* with the P model, P on a material that carries none is refused (DSSAT warns and applies
       none) */
    char p[512];
    snprintf(p, sizeof p, "%s", patched(MAIZE "/UFGA8201.MZX", "P4.MZX",
                                        " 1 OP              Y     Y     N     N     N",
                                        " 1 OP              Y     Y     N     Y     N"));
    agro_dssat_exp *x = load(patched(p, "P5.MZX",
                                     " 2 82074 FE001 AP001    10    56     0",
                                     " 2 82074 FE001 AP001    10    56    20"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 4, &T), AGRO_OK);
    cr_expect_eq(T.phosphorus, 'Y');
    cr_expect_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "P5.MZX", &S), AGRO_ERANGE);
    cr_expect(strstr(msg(), "FAMP") && strstr(msg(), "FE001"), "%s", msg());
    agro_dssat_exp_free(x);
}

/* Partly mixed methods (DSSAT Fert_Place.for 0b26a04, FertLayers/FertApply): AP012–AP019 leave
 * 1 − FMIXEFF on the surface (top layer + oxidised layer, not incorporated) and put FMIXEFF in
 * the soil; spread over more than one layer with FMIXEFF < 0.95 the shares are rearranged
 * (1.2 × the top layer's, the second and third layers swap what is left). */
Test(dssat_spec, partly_mixed_methods_leave_a_share_on_the_surface)
{
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    hand_soil(&soil); /* layers 0-10, 10-30, 30-60 cm */
    hand_cultivar(&cv);
    agro_dssat_site site = {29.6, NAN, NAN, 350, NAN};
    char p[512];
    /* urea, AP014 (FMIXEFF 0.45) to 40 cm: PROF 0.25, 0.5, 0.25 -> 0.3, 0.25, 0.45 */
    snprintf(p, sizeof p, "%s", patched(MAIZE "/UFGA8201.MZX", "M1.MZX",
                                        " 2 82074 FE001 AP001    10    56",
                                        " 2 82074 FE005 AP014    40    56"));
    /* AP019 (FMIXEFF 0.95) at 5 cm: 5 % on the surface, the rest forced into the second layer */
    agro_dssat_exp *x = load(patched(p, "M2.MZX", " 2 82089 FE001 AP001    10    52",
                                     " 2 82089 FE001 AP019     5    52"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 4, &T), AGRO_OK);
    cr_assert_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "M2.MZX", &S), AGRO_OK, "%s", msg());
    cr_expect_eq(S.n_events, 1 + 16 + 6 + 1 + 1 + 3 + 1);
    const agro_event *f = &S.events[17];
    const double amount[] = {56 * 0.55, 56 * 0.45 * 0.3, 56 * 0.45 * 0.25, 56 * 0.45 * 0.45,
                             52 * 0.05, 52 * 0.95};
    const double depth[] = {0, 5, 20, 35, 0, 20};
    const int inc[] = {0, 1, 1, 1, 0, 1};
    double sum = 0;
    for (int i = 0; i < 6; i++) {
        cr_expect_eq(f[i].type, AGRO_EVENT_FERTILISE);
        cr_expect_float_eq(f[i].amount, amount[i], 1e-12, "event %d: %g kg N/ha, want %g", i,
                           f[i].amount, amount[i]);
        cr_expect_float_eq(f[i].depth_cm, depth[i], 1e-12, "event %d at %g cm", i, f[i].depth_cm);
        cr_expect_eq(f[i].incorporated, inc[i], "event %d", i);
        cr_expect_eq(f[i].fert_material, i < 4 ? 5 : 1);
        if (i < 4) {
            cr_expect_float_eq(f[i].urea_fraction, 1, 1e-12);
            sum += f[i].amount;
        }
    }
    cr_expect_float_eq(sum, 56, 1e-12, "nothing lost: %g", sum);
    agro_dssat_exp_free(x);

    /* the surface share volatilises: surface urea AP011 > AP014 (55 % on the surface) >
       AP002 (all worked in) */
    const char *meth[] = {"AP011", "AP014", "AP002"};
    double amlc[3];
    for (int k = 0; k < 3; k++) {
        char line[64], name[32];
        snprintf(line, sizeof line, " 2 82074 FE005 %s     5    56", meth[k]);
        snprintf(name, sizeof name, "V%d.MZX", k);
        x = load(patched(MAIZE "/UFGA8201.MZX", name, " 2 82074 FE001 AP001    10    56", line));
        agro_dssat_result r;
        cr_assert_eq(agro_dssat_run_treatment(ctx, x, 4, DSSAT, &r), AGRO_OK, "%s", msg());
        cr_expect_lt(fabs(r.summary.n_balance_error_kg_ha), 1e-6);
        amlc[k] = r.summary.amlc_kg_ha;
        agro_dssat_exp_free(x);
    }
    cr_expect_gt(amlc[0], amlc[1], "AP011 %g, AP014 %g kg N/ha", amlc[0], amlc[1]);
    cr_expect_gt(amlc[1], amlc[2], "AP014 %g, AP002 %g kg N/ha", amlc[1], amlc[2]);
}

Test(dssat_spec, unusable_treatments_are_refused)
{
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    hand_soil(&soil);
    hand_cultivar(&cv);
    agro_dssat_site site = {NAN, NAN, NAN, NAN, NAN};
    agro_dssat_exp *x = load(MAIZE "/EBPL8501.MZX");
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 3, &T), AGRO_OK);
    cr_expect_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "EBPL8501.MZX", &S), AGRO_EMISSING);
    cr_expect(strstr(msg(), "MP") != NULL, "%s", msg());
    /* EBPL8501 gives no coordinates and the site none: latitude is required */
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK);
    cr_expect_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "EBPL8501.MZX", &S), AGRO_EMISSING);
    cr_expect(strstr(msg(), "latitude") != NULL, "%s", msg());
    agro_dssat_exp_free(x);
    /* the simulation cannot start after planting */
    x = load(patched(MAIZE "/UFGA8201.MZX", "S.MZX", " 1 GE              1     1     S 82056",
                     " 1 GE              1     1     S 82060"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK);
    site.latitude_deg = 29.6;
    cr_expect_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "S.MZX", &S), AGRO_EORDER);
    cr_expect(strstr(msg(), "SDATE") != NULL, "%s", msg());
    agro_dssat_exp_free(x);
}

/* ------------------------------------------------------------------------------------ */
TestSuite(dssat_run, .init = setup, .fini = teardown);

Test(dssat_run, a_treatment_runs_end_to_end_with_phenology_in_order)
{
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    agro_dssat_result r;
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 4, DSSAT, &r), AGRO_OK, "%s", msg());
    cr_expect_eq(r.treatment, 4);
    cr_expect_float_eq(r.population_pl_m2, 7.2, 1e-9);
    cr_expect(isfinite(r.yield_kg_ha) && r.yield_kg_ha > 0);
    cr_expect_gt(r.anthesis_dap, 0);
    cr_expect_gt(r.maturity_dap, r.anthesis_dap);
    cr_expect_eq(r.summary.sowing_year, 1982);
    cr_expect_eq(r.summary.sowing_doy, 57);
    /* the 16 reported irrigations (249 mm) up to maturity are applied */
    cr_expect_gt(r.summary.ircm_mm, 100);
    cr_expect_eq(r.auto_irrigations, 0);
    agro_dssat_exp_free(x);
}

/* Found by tests/test_input_mutations.c: a -99 (missing) SRAD inside the season used to fail
 * in the field step as "weather: 1982-100: non-finite required value", naming neither the
 * weather file nor its line. */
/* The run options switch on the DSSAT 4.8 methods that are options here: MESEV S followed
 * gives the Suleiman-Ritchie evaporation, MZ_NUPTAK the CERES-Maize uptake; a file whose
 * MESEV is R runs alike either way; bad values are errors naming the field. */
Test(dssat_run, run_options_choose_the_dssat_48_methods)
{
    agro_dssat_run_options o;
    cr_assert_eq(agro_dssat_run_options_default(&o), AGRO_OK);
    cr_expect_eq(o.follow_mesev, 0);
    cr_expect_eq(o.crop_n_uptake_method, AGRO_CROP_N_UPTAKE_GENERIC);
    cr_expect_eq(o.crop_n_stress_method, AGRO_CROP_N_STRESS_STAGE_TRANSFORM);
    cr_expect_eq(agro_dssat_run_options_default(NULL), AGRO_EINVAL);
    cr_expect_eq(agro_sizeof_dssat_run_options(), sizeof(agro_dssat_run_options));
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    agro_dssat_result base, evap, nup, viaopt;
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &base), AGRO_OK, "%s", msg());
    cr_assert_eq(agro_dssat_run_treatment_opts(ctx, x, 1, DSSAT, &o, &viaopt, NULL, 0, NULL), AGRO_OK);
    cr_expect_eq(viaopt.yield_kg_ha, base.yield_kg_ha);
    o.follow_mesev = 1;
    cr_assert_eq(agro_dssat_run_treatment_opts(ctx, x, 1, DSSAT, &o, &evap, NULL, 0, NULL), AGRO_OK);
    cr_expect(evap.summary.escm_mm != base.summary.escm_mm, "soil evaporation %g vs %g",
              evap.summary.escm_mm, base.summary.escm_mm);
    o.follow_mesev = 0;
    o.crop_n_uptake_method = AGRO_CROP_N_UPTAKE_CERES_MAIZE;
    cr_assert_eq(agro_dssat_run_treatment_opts(ctx, x, 1, DSSAT, &o, &nup, NULL, 0, NULL), AGRO_OK);
    cr_expect(nup.summary.nucm_kg_ha != base.summary.nucm_kg_ha);
    /* bad values */
    o.crop_n_uptake_method = 7;
    cr_expect_eq(agro_dssat_run_treatment_opts(ctx, x, 1, DSSAT, &o, &nup, NULL, 0, NULL), AGRO_ERANGE);
    cr_expect(strstr(msg(), "crop_n_uptake_method") != NULL, "%s", msg());
    o.crop_n_uptake_method = 0;
    o.follow_mesev = 2;
    cr_expect_eq(agro_dssat_run_treatment_opts(ctx, x, 1, DSSAT, &o, &nup, NULL, 0, NULL), AGRO_ERANGE);
    cr_expect(strstr(msg(), "follow_mesev") != NULL, "%s", msg());
    o.follow_mesev = 0;
    o.crop_n_stress_method = 2;
    cr_expect_eq(agro_dssat_run_treatment_opts(ctx, x, 1, DSSAT, &o, &nup, NULL, 0, NULL), AGRO_ERANGE);
    cr_expect(strstr(msg(), "crop_n_stress_method") != NULL, "%s", msg());
    agro_dssat_exp_free(x);
    /* MESEV R: following it changes nothing */
    const char *r = patched(MAIZE "/UFGA8201.MZX", "R.MZX", "R     R     1     G     S     2",
                            "R     R     1     G     R     2");
    x = load(r);
    agro_dssat_result a, b;
    agro_dssat_run_options_default(&o);
    cr_assert_eq(agro_dssat_run_treatment_opts(ctx, x, 1, DSSAT, &o, &a, NULL, 0, NULL), AGRO_OK, "%s", msg());
    o.follow_mesev = 1;
    cr_assert_eq(agro_dssat_run_treatment_opts(ctx, x, 1, DSSAT, &o, &b, NULL, 0, NULL), AGRO_OK, "%s", msg());
    cr_expect_eq(a.summary.escm_mm, b.summary.escm_mm);
    cr_expect_eq(a.yield_kg_ha, base.yield_kg_ha);
    agro_dssat_exp_free(x);
}

/* UFGA8201 treatment 1 with one environment modification from the simulation start (ME level 1;
   EDAY ERAD EMAX EMIN ERAIN ECO2 EDEW EWIND as "X value" pairs) into @p r. */
static void ufga_envmod_rows(const char *name, const char *rows, agro_dssat_result *r)
{
    char env[2000];
    snprintf(env, sizeof env,
             "*ENVIRONMENT MODIFICATIONS\n"
             "@E ODATE EDAY  ERAD  EMAX  EMIN  ERAIN ECO2  EDEW  EWIND ENVNAME\n"
             "%s\n*SIMULATION CONTROLS", rows);
    const char *p1 = patched(MAIZE "/UFGA8201.MZX", "E0.MZX", "*SIMULATION CONTROLS", env);
    const char *p2 = patched(p1, name,
                             " 1 1 0 0 RAINFED LOW NITROGEN       1  1  0  1  1  1  1  0  0  0  0  0  1",
                             " 1 1 0 0 RAINFED LOW NITROGEN       1  1  0  1  1  1  1  0  0  0  1  0  1");
    agro_dssat_exp *x = load(p2);
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, r), AGRO_OK, "%s: %s", name, msg());
    agro_dssat_exp_free(x);
}

static void ufga_envmod(const char *name, const char *mods, agro_dssat_result *r)
{
    char row[200];
    snprintf(row, sizeof row, " 1 82056 %s test\n", mods);
    ufga_envmod_rows(name, row, r);
}

/* ECO2 acts from its row's ODATE, as the weather modifications (DSSAT WTHMOD.for): 700 ppm from
 * day 82110 on (a first row from the start changes nothing) grows a crop between the one at the
 * CO2 option's ppm all season and the one at 700 ppm all season. The first ECO2 row used to hold
 * for the whole season, whatever its date: the late change gave the unchanged crop. */
Test(dssat_run, a_dated_co2_change_acts_from_its_date)
{
    agro_dssat_result base, late, early;
    ufga_envmod("C1.MZX", "A   0 A   0 A   0 A   0 A 0.0 A   0 A   0 A   0", &base);
    ufga_envmod_rows("C2.MZX",
                     " 1 82056 A   0 A   0 A   0 A   0 A 0.0 A   0 A   0 A   0 test\n"
                     " 1 82110 A   0 A   0 A   0 A   0 A 0.0 R 700 A   0 A   0 test\n", &late);
    ufga_envmod("C3.MZX", "A   0 A   0 A   0 A   0 A 0.0 R 700 A   0 A   0", &early);
    cr_expect_gt(early.summary.cwam_kg_ha, base.summary.cwam_kg_ha, "700 ppm all season: tops %g vs %g",
                 early.summary.cwam_kg_ha, base.summary.cwam_kg_ha);
    cr_expect_gt(late.summary.cwam_kg_ha, base.summary.cwam_kg_ha + 1.0,
                 "700 ppm from 82110: tops %g vs %g without", late.summary.cwam_kg_ha, base.summary.cwam_kg_ha);
    cr_expect_lt(late.summary.cwam_kg_ha, early.summary.cwam_kg_ha - 1.0,
                 "700 ppm from 82110: tops %g vs %g all season", late.summary.cwam_kg_ha, early.summary.cwam_kg_ha);
}

/* EDAY (DSSAT WTHMOD.for WTHSET): A adds hours to the day length, S subtracts them, M multiplies
   it; IB0035 is photoperiod sensitive (P2 > 0) and Gainesville's spring days are above its
   P20, so a longer day delays silking and a shorter one brings it forward. A rain change that
   leaves a negative amount is no rain (WTHMOD): the season gets none and the rainfed crop
   yields less. */
Test(dssat_run, day_length_and_weather_modifications_reach_the_crop)
{
    agro_dssat_result base, longer, shorter, times, dry;
    ufga_envmod("E1.MZX", "A   0 A   0 A   0 A   0 A 0.0 A   0 A   0 A   0", &base);
    ufga_envmod("E2.MZX", "A   2 A   0 A   0 A   0 A 0.0 A   0 A   0 A   0", &longer);
    ufga_envmod("E3.MZX", "S   2 A   0 A   0 A   0 A 0.0 A   0 A   0 A   0", &shorter);
    ufga_envmod("E4.MZX", "M 1.2 A   0 A   0 A   0 A 0.0 A   0 A   0 A   0", &times);
    cr_assert_gt(base.anthesis_dap, 0);
    cr_expect_gt(longer.anthesis_dap, base.anthesis_dap, "EDAY A 2: %d vs %d DAP",
                 longer.anthesis_dap, base.anthesis_dap);
    cr_expect_lt(shorter.anthesis_dap, base.anthesis_dap, "EDAY S 2: %d vs %d DAP",
                  shorter.anthesis_dap, base.anthesis_dap);
    cr_expect_gt(times.anthesis_dap, base.anthesis_dap, "EDAY M 1.2: %d vs %d DAP",
                 times.anthesis_dap, base.anthesis_dap);
    ufga_envmod("E5.MZX", "A   0 A   0 A   0 A   0 S 200 A   0 A   0 A   0", &dry);
    cr_expect_eq(dry.summary.prcm_mm, 0.0, "rain less 200 mm: %g mm", dry.summary.prcm_mm);
    cr_expect_lt(dry.yield_kg_ha, base.yield_kg_ha);
    /* radiation at WTHMOD's floor of 0.1 MJ/m2/d (below): a dark season, next to no grain
       (1.8 kg/ha against 1529) */
    agro_dssat_result dark;
    ufga_envmod("E6.MZX", "A   0 S  50 A   0 A   0 A 0.0 A   0 A   0 A   0", &dark);
    cr_expect_lt(dark.yield_kg_ha, 0.005 * base.yield_kg_ha, "no light: %g kg/ha against %g",
                 dark.yield_kg_ha, base.yield_kg_ha);
}

/* The limits of WTHMOD.for and its DailyWeatherCheck (DSSAT-CSM 4.8) on what it changed: a
 * changed SRAD is at least 0.1 MJ/m2/d (WTHMOD's AMAX1(0.05, ...), which DailyWeatherCheck
 * raises to 0.1), so ERAD S 50, R 0 and R 0.05 run as R 0.1, to the last bit (the runner stopped
 * at 0.05, and before that at 0); refused, naming the row, as DailyWeatherCheck ends DSSAT's
 * run there: a changed TMAX below TMIN (error 76), both 0.00 C (74) or SRAD above 100 (72).
 * TMAX equal to TMIN only draws a warning in 4.8 and runs (the runner refused EMAX R 25 with
 * EMIN R 25, and before that ran them at their mean). */
Test(dssat_run, modified_weather_keeps_wthmod_limits)
{
    agro_dssat_result floor, minus, zero, half;
    ufga_envmod("W1.MZX", "A   0 R 0.1 A   0 A   0 A 0.0 A   0 A   0 A   0", &floor);
    ufga_envmod("W2.MZX", "A   0 S  50 A   0 A   0 A 0.0 A   0 A   0 A   0", &minus);
    ufga_envmod("W3.MZX", "A   0 R   0 A   0 A   0 A 0.0 A   0 A   0 A   0", &zero);
    ufga_envmod("W8.MZX", "A   0 R0.05 A   0 A   0 A 0.0 A   0 A   0 A   0", &half);
    cr_expect_eq(minus.summary.escm_mm, floor.summary.escm_mm, "ERAD S 50: %.9g vs R 0.1 %.9g mm",
                 minus.summary.escm_mm, floor.summary.escm_mm);
    cr_expect_eq(zero.summary.escm_mm, floor.summary.escm_mm, "ERAD R 0: %.9g vs R 0.1 %.9g mm",
                 zero.summary.escm_mm, floor.summary.escm_mm);
    cr_expect_eq(half.summary.escm_mm, floor.summary.escm_mm, "ERAD R 0.05: %.9g vs R 0.1 %.9g mm",
                 half.summary.escm_mm, floor.summary.escm_mm);
    cr_expect_eq(minus.summary.cwam_kg_ha, floor.summary.cwam_kg_ha);
    /* a minimum raised above the maximum, a maximum lowered below the minimum, both set to 0,
       radiation multiplied past 100 MJ/m2/d */
    static const struct {
        const char *mods, *field, *words;
    } bad[] = {
        {"A   0 A   0 A   0 A  20 A 0.0 A   0 A   0 A   0", ": EMIN: ", "below TMIN"},
        {"A   0 A   0 R   0 R   0 A 0.0 A   0 A   0 A   0", ": EMAX, EMIN: ", "both 0.00 C"},
        {"A   0 A   0 S  40 A   0 A 0.0 A   0 A   0 A   0", ": EMAX: ", "below TMIN"},
        {"A   0 M  10 A   0 A   0 A 0.0 A   0 A   0 A   0", ": ERAD: ", "above 100"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char name[16], row[200];
        snprintf(name, sizeof name, "W%d.MZX", (int)i + 4);
        snprintf(row, sizeof row, " 1 82056 %s test\n", bad[i].mods);
        char env[600];
        snprintf(env, sizeof env,
                 "*ENVIRONMENT MODIFICATIONS\n"
                 "@E ODATE EDAY  ERAD  EMAX  EMIN  ERAIN ECO2  EDEW  EWIND ENVNAME\n"
                 "%s\n*SIMULATION CONTROLS", row);
        const char *p1 = patched(MAIZE "/UFGA8201.MZX", "WB.MZX", "*SIMULATION CONTROLS", env);
        const char *p2 = patched(p1, name,
                                 " 1 1 0 0 RAINFED LOW NITROGEN       1  1  0  1  1  1  1  0  0  0  0  0  1",
                                 " 1 1 0 0 RAINFED LOW NITROGEN       1  1  0  1  1  1  1  0  0  0  1  0  1");
        agro_dssat_exp *x = load(p2);
        agro_dssat_result r;
        cr_expect_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &r), AGRO_ERANGE, "%s", bad[i].mods);
        cr_expect(strstr(msg(), bad[i].field) && strstr(msg(), bad[i].words) &&
                      strstr(msg(), "treatment 1 on 1982-056"),
                  "%s: %s", bad[i].mods, msg());
        cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
        char at[32];
        snprintf(at, sizeof at, ":%d: ", (int)T.line_envmod[0]);
        cr_expect(T.line_envmod[0] > 0 && strstr(msg(), at), "line %d: %s", (int)T.line_envmod[0], msg());
        agro_dssat_exp_free(x);
    }
    /* 0.1 C apart is a valid day, and so is TMAX = TMIN (a warning in DSSAT-CSM 4.8) */
    agro_dssat_result chamber, equal;
    ufga_envmod("W7.MZX", "A   0 A   0 R  25 R24.9 A 0.0 A   0 A   0 A   0", &chamber);
    cr_expect_gt(chamber.anthesis_dap, 0);
    ufga_envmod("W9.MZX", "A   0 A   0 R  25 R  25 A 0.0 A   0 A   0 A   0", &equal);
    cr_expect_gt(equal.anthesis_dap, 0);
}

/* The N factor in stages 3-4: the older CERES-Maize transform NFAC = 1 - 1.8 exp(-3.5 NFAC) (the
 * default) caps a well-fed crop at 0.946, so NSTRES = 0.4 NFAC + 0.6 stays at 0.978 from tassel
 * initiation to the start of grain fill; DSSAT-CSM 4.8's MZ_NFACTO, without it, reaches 1 there
 * and the crop yields more (UFGA8201 treatment 4: irrigated, 401 kg N/ha in six dressings).
 * Before stage 3 the two runs are identical. */
Test(dssat_run, the_n_stress_option_drops_the_stage_3_4_transform)
{
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    agro_dssat_run_options o;
    agro_dssat_run_options_default(&o);
    enum { MAX_DAYS = 400 };
    static agro_field_daily dt[MAX_DAYS], dd[MAX_DAYS];
    agro_dssat_result rt, rd;
    int32_t nt, nd;
    cr_assert_eq(agro_dssat_run_treatment_opts(ctx, x, 4, DSSAT, &o, &rt, dt, MAX_DAYS, &nt),
                 AGRO_OK, "%s", msg());
    o.crop_n_stress_method = AGRO_CROP_N_STRESS_DSSAT48;
    cr_assert_eq(agro_dssat_run_treatment_opts(ctx, x, 4, DSSAT, &o, &rd, dd, MAX_DAYS, &nd),
                 AGRO_OK, "%s", msg());
    const double cap = 0.4 * (1.0 - 1.8 * exp(-3.5)) + 0.6;
    double max_t = 0.0, max_d = 0.0;
    int days = 0, same_before = 1, seen3 = 0;
    for (int32_t i = 0; i < nt && i < nd; i++) {
        const int32_t st = dt[i].stage;
        if (st == AGRO_MAIZE_STAGE_TI_TO_SILKING || st == AGRO_MAIZE_STAGE_SILKING_TO_GRAIN_FILL) {
            seen3 = 1;
            days++;
            max_t = fmax(max_t, dt[i].nstress);
            max_d = fmax(max_d, dd[i].nstress);
        }
        if (!seen3 && memcmp(&dt[i], &dd[i], sizeof dt[i]) != 0)
            same_before = 0;
    }
    cr_expect_gt(days, 20, "%d days in stages 3-4", days);
    cr_expect_leq(max_t, cap + 1e-12, "NSTRES %.6f with the transform, cap %.6f", max_t, cap);
    cr_expect_eq(max_d, 1.0, "NSTRES %.6f without it", max_d);
    cr_expect(same_before, "the runs differ before stage 3");
    cr_expect_gt(rd.yield_kg_ha, rt.yield_kg_ha * 1.01, "yield %g without the transform, %g with it",
                 rd.yield_kg_ha, rt.yield_kg_ha);
    agro_dssat_exp_free(x);
}

/* A data folder tmpdir/data_NAME whose Soil and Genotype link the shared SOIL.SOL and
   MZCER048.CUL/.ECO and whose Weather is empty, for a test to write its .WTH at @p wth. */
typedef struct wth_folder {
    char data[300], sub[3][400], link[3][500], wth[500];
} wth_folder;

static void wth_folder_make(wth_folder *f, const char *name, const char *wth_name)
{
    static const char *const names[3] = {"Weather", "Soil", "Genotype"};
    snprintf(f->data, sizeof f->data, "%s/data_%s", tmpdir, name);
    cr_assert_eq(mkdir(f->data, 0700), 0);
    for (int k = 0; k < 3; k++) {
        snprintf(f->sub[k], sizeof f->sub[k], "%s/%s", f->data, names[k]);
        cr_assert_eq(mkdir(f->sub[k], 0700), 0);
    }
    snprintf(f->link[0], sizeof f->link[0], "%s/SOIL.SOL", f->sub[1]);
    snprintf(f->link[1], sizeof f->link[1], "%s/MZCER048.CUL", f->sub[2]);
    snprintf(f->link[2], sizeof f->link[2], "%s/MZCER048.ECO", f->sub[2]);
    cr_assert_eq(symlink(DSSAT "/Soil/SOIL.SOL", f->link[0]), 0);
    cr_assert_eq(symlink(DSSAT "/Genotype/MZCER048.CUL", f->link[1]), 0);
    cr_assert_eq(symlink(DSSAT "/Genotype/MZCER048.ECO", f->link[2]), 0);
    snprintf(f->wth, sizeof f->wth, "%s/%s", f->sub[0], wth_name);
}

static void wth_folder_remove(const wth_folder *f)
{
    unlink(f->wth);
    for (int k = 0; k < 3; k++)
        unlink(f->link[k]);
    for (int k = 2; k >= 0; k--)
        rmdir(f->sub[k]);
    rmdir(f->data);
}

/* Run UFGA8201 treatment 1 on a copy of the data folder whose UFGA8201.WTH has the line
   @p orig replaced by @p line; returns the runner's status. */
static int run_with_wth_line(const char *orig, const char *line, const char *name, agro_dssat_result *r)
{
    wth_folder f;
    wth_folder_make(&f, name, "UFGA8201.WTH");
    const char *p = patched(DSSAT "/Weather/UFGA8201.WTH", "UFGA8201.WTH", orig, line);
    cr_assert_eq(rename(p, f.wth), 0);
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    const int rc = agro_dssat_run_treatment(ctx, x, 1, f.data, r);
    agro_dssat_exp_free(x);
    wth_folder_remove(&f);
    return rc;
}

/* The same with line 105 (82100   3.8  23.9  10.6   3.6), 47 days after planting. */
static int run_with_wth_line_105(const char *line, const char *name, agro_dssat_result *r)
{
    return run_with_wth_line("82100   3.8  23.9  10.6   3.6", line, name, r);
}

Test(dssat_run, a_missing_weather_value_names_the_weather_file_line_and_column)
{
    agro_dssat_result r;
    cr_expect_eq(run_with_wth_line_105("82100 -99.0  23.9  10.6   3.6", "missing", &r), AGRO_EMISSING,
                 "%s", msg());
    cr_expect(strstr(msg(), "UFGA8201.MZX treatment 1: ") != NULL, "%s", msg());
    cr_expect(strstr(msg(), "UFGA8201.WTH:105: SRAD: missing value on 1982-04-10") != NULL, "%s",
              msg());
}

/* A season day of SRAD 0 runs as DSSAT-CSM 4.8 runs it, with 0.1 MJ/m2/d (DailyWeatherCheck),
   to the last bit; one whose TMAX and TMIN are both 0.0 ends the run as DSSAT's error 4 does,
   naming the weather file's line (1982-04-10, 47 days after planting). */
Test(dssat_run, season_days_follow_dssat_s_daily_weather_check)
{
    agro_dssat_result dark, dim, base;
    cr_assert_eq(run_with_wth_line_105("82100   0.0  23.9  10.6   3.6", "dark", &dark), AGRO_OK, "%s", msg());
    cr_assert_eq(run_with_wth_line_105("82100   0.1  23.9  10.6   3.6", "dim", &dim), AGRO_OK, "%s", msg());
    cr_assert_eq(run_with_wth_line_105("82100   3.8  23.9  10.6   3.6", "base", &base), AGRO_OK, "%s", msg());
    cr_expect_eq(dark.summary.cwam_kg_ha, dim.summary.cwam_kg_ha, "SRAD 0: tops %.9g vs SRAD 0.1 %.9g kg/ha",
                 dark.summary.cwam_kg_ha, dim.summary.cwam_kg_ha);
    cr_expect_eq(dark.yield_kg_ha, dim.yield_kg_ha);
    cr_expect_neq(dim.summary.cwam_kg_ha, base.summary.cwam_kg_ha, "the day is in the season");
    agro_dssat_result cold;
    cr_expect_eq(run_with_wth_line_105("82100   3.8   0.0   0.0   3.6", "cold", &cold), AGRO_ERANGE, "%s", msg());
    cr_expect(strstr(msg(), "UFGA8201.MZX treatment 1: ") != NULL, "%s", msg());
    cr_expect(strstr(msg(), "UFGA8201.WTH:105: TMAX, TMIN: both 0.00 C on 1982-04-10") != NULL, "%s",
              msg());
}

/* A season day that the .WTH reader loads (DSSAT's DailyWeatherCheck takes SRAD up to 100
   MJ/m2/d) but the field refuses (SRAD above 50, more than reaches the top of the atmosphere)
   stops the run naming the weather file, the line of that day and the value; the message named
   neither file nor line ("SRAD: 1982-100: 60 outside [0, 50]"). A value that an environment
   modification changed names the X file's row too. */
Test(dssat_run, a_season_day_the_field_refuses_names_the_weather_file_and_line)
{
    agro_dssat_result r;
    cr_expect_eq(run_with_wth_line_105("82100  60.0  23.9  10.6   3.6", "bright", &r), AGRO_ERANGE, "%s", msg());
    cr_expect(strstr(msg(), "UFGA8201.MZX treatment 1: ") != NULL, "%s", msg());
    cr_expect(strstr(msg(), "/data_bright/Weather/UFGA8201.WTH:105: SRAD: 1982-100: 60 outside [0, 50]") != NULL,
              "%s", msg());
    /* ERAD M 4 from the start: 14.8 MJ/m2/d on 1982-056 (line 61) becomes 59.2, which DSSAT
       runs (WTHMOD's limit is 100) and the field refuses */
    const char *p1 = patched(MAIZE "/UFGA8201.MZX", "RB.MZX", "*SIMULATION CONTROLS",
                             "*ENVIRONMENT MODIFICATIONS\n"
                             "@E ODATE EDAY  ERAD  EMAX  EMIN  ERAIN ECO2  EDEW  EWIND ENVNAME\n"
                             " 1 82056 A   0 M   4 A   0 A   0 A 0.0 A   0 A   0 A   0 test\n\n"
                             "*SIMULATION CONTROLS");
    const char *p2 = patched(p1, "R4.MZX",
                             " 1 1 0 0 RAINFED LOW NITROGEN       1  1  0  1  1  1  1  0  0  0  0  0  1",
                             " 1 1 0 0 RAINFED LOW NITROGEN       1  1  0  1  1  1  1  0  0  0  1  0  1");
    agro_dssat_exp *x = load(p2);
    cr_expect_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &r), AGRO_ERANGE, "%s", msg());
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    char want[1024];
    snprintf(want, sizeof want,
             "treatment 1: " DSSAT "/Weather/UFGA8201.WTH:61 (as changed by the environment "
             "modification at %s:%d): SRAD: 1982-056: 59.2 outside [0, 50]",
             p2, (int)T.line_envmod[0]);
    cr_expect(T.line_envmod[0] > 0 && strstr(msg(), want) != NULL, "want \"%s\" in: %s", want, msg());
    agro_dssat_exp_free(x);
}

/* DSSAT-CSM 4.8 checks a weather day only when it simulates it (IPWTH_alt.for IpWRec, then
   DailyWeatherCheck): a day of UFGA8201.WTH with TMIN above TMAX, SRAD outside 0..100 or
   negative rain before the simulation starts (1982-010) or after maturity (1982-300) leaves
   treatment 1 as it is, to the last bit; on a season day (1982-04-10) it ends the run naming the
   file, the line and the column. The file was refused at load. */
Test(dssat_run, a_bad_weather_day_stops_only_a_season_that_uses_it)
{
    agro_dssat_result base, r;
    cr_assert_eq(run_with_wth_line_105("82100   3.8  23.9  10.6   3.6", "wbase", &base), AGRO_OK, "%s", msg());
    static const struct {
        const char *orig, *bad;
    } outside[3] = {
        {"82010  12.0  14.4   1.1   0.0", "82010  12.0   1.1  14.4   0.0"},
        {"82010  12.0  14.4   1.1   0.0", "82010 120.0  14.4   1.1  -1.0"},
        {"82300  15.0  23.9   7.2   0.0", "82300  -1.0   7.2  23.9   0.0"},
    };
    for (int k = 0; k < 3; k++) {
        char name[16];
        snprintf(name, sizeof name, "wout%d", k);
        cr_assert_eq(run_with_wth_line(outside[k].orig, outside[k].bad, name, &r), AGRO_OK, "%s: %s", outside[k].bad, msg());
        cr_expect_eq(r.summary.cwam_kg_ha, base.summary.cwam_kg_ha, "%s", outside[k].bad);
        cr_expect_eq(r.yield_kg_ha, base.yield_kg_ha, "%s", outside[k].bad);
        cr_expect_eq(r.summary.n_days, base.summary.n_days, "%s", outside[k].bad);
    }
    static const struct {
        const char *line, *want;
    } inside[3] = {
        {"82100   3.8  10.6  23.9   3.6", "/Weather/UFGA8201.WTH:105: TMIN: above TMAX (23.9 > 10.6 C) on 1982-04-10"},
        {"82100 100.1  23.9  10.6   3.6", "/Weather/UFGA8201.WTH:105: SRAD: 100.1 MJ/m2/d outside [0, 100] on 1982-04-10"},
        {"82100   3.8  23.9  10.6  -3.6", "/Weather/UFGA8201.WTH:105: RAIN: negative (-3.6 mm) on 1982-04-10"},
    };
    for (int k = 0; k < 3; k++) {
        char name[16];
        snprintf(name, sizeof name, "win%d", k);
        cr_expect_eq(run_with_wth_line_105(inside[k].line, name, &r), AGRO_ERANGE, "%s: %s", inside[k].line, msg());
        cr_expect(strstr(msg(), "UFGA8201.MZX treatment 1: ") != NULL, "%s", msg());
        cr_expect(strstr(msg(), inside[k].want) != NULL, "want \"%s\" in: %s", inside[k].want, msg());
    }
}

/* UFGA8201.WTH rewritten with four-digit years, century @p cc (18 or 19: 1882 or 1982) and a
   first line @p title ("$WEATHER ..." or "*WEATHER ..."), as data folder tmpdir/data_@p name
   (Soil and Genotype linked); UFGA8201.MZX treatment 1 run on it into @p r. */
static int run_with_four_digit_weather(int cc, const char *title, const char *name,
                                       agro_dssat_result *r)
{
    char line[512];
    wth_folder f;
    wth_folder_make(&f, name, "UFGA8201.WTH");
    FILE *in = fopen(DSSAT "/Weather/UFGA8201.WTH", "r"), *out = fopen(f.wth, "w");
    cr_assert(in && out);
    fprintf(out, "%s\n", title);
    int first = 1;
    while (fgets(line, sizeof line, in)) {
        if (first) { /* the title line */
            first = 0;
            continue;
        }
        if (strncmp(line, "@DATE", 5) == 0)
            fprintf(out, "@  DATE%s", line + 5); /* the columns move two to the right */
        else if (isdigit((unsigned char)line[0]))
            fprintf(out, "%02d%s", cc, line);
        else
            fputs(line, out);
    }
    fclose(in);
    fclose(out);
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    const int rc = agro_dssat_run_treatment(ctx, x, 1, f.data, r);
    agro_dssat_exp_free(x);
    wth_folder_remove(&f);
    return rc;
}

/* DSSAT reads an X file's YYDDD dates against a weather file with four-digit years that starts
   with a "$WEATHER" line: MAKEFILEW takes its first date as FirstWeatherDate and Y4K_DOY places
   each date in the hundred years from it (ModuleDefs/DATES.for), not by the cross-over year. The
   runner read them by the cross-over year alone, so UFGA8201.MZX on a $WEATHER file of 1882 was
   sown in 1982 and found no weather. */
Test(dssat_run, yyddd_dates_follow_a_four_digit_weather_file_as_dssat)
{
    agro_dssat_result base, r;
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &base), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
    /* the same weather in four digits, 1982: the dates agree with the cross-over, the run too */
    cr_assert_eq(run_with_four_digit_weather(19, "$WEATHER DATA : Gainesville", "fwd19", &r),
                 AGRO_OK, "%s", msg());
    cr_expect_eq(r.summary.sowing_year, 1982);
    cr_expect_eq(r.yield_kg_ha, base.yield_kg_ha);
    cr_expect_eq(r.summary.n_days, base.summary.n_days);
    /* 1882: DSSAT sows in 1882 */
    cr_assert_eq(run_with_four_digit_weather(18, "$WEATHER DATA : Gainesville", "fwd18", &r),
                 AGRO_OK, "%s", msg());
    cr_expect_eq(r.summary.sowing_year, 1882);
    cr_expect_eq(r.summary.n_days, base.summary.n_days);
    /* without the "$WEATHER" line DSSAT keeps the cross-over year (FirstWeatherDate -99): 1982,
       which the file does not have */
    cr_expect_eq(run_with_four_digit_weather(18, "*WEATHER DATA : Gainesville", "fwd18s", &r),
                 AGRO_ENOTFOUND, "%s", msg());
    cr_expect(strstr(msg(), "1982") != NULL, "%s", msg());
    /* the reading itself: the hundred years from the first weather day, and past them the
       error DSSAT's Y4K_DOY stops on, naming the row and column */
    x = load(MAIZE "/UFGA8201.MZX");
    static agro_dssat_treatment t;
    cr_assert_eq(agro_dssat_treatment_get_weather(ctx, x, 1, 1882001, &t), AGRO_OK, "%s", msg());
    cr_expect(t.start_date == 1882056 && t.plant_date == 1882057 && t.fert_date[0] == 1882097);
    cr_assert_eq(agro_dssat_treatment_get_weather(ctx, x, 1, 1836001, &t), AGRO_OK, "%s", msg());
    cr_expect_eq(t.plant_date, 1882057);
    cr_assert_eq(agro_dssat_treatment_get_weather(ctx, x, 1, 1885001, &t), AGRO_OK, "%s", msg());
    cr_expect_eq(t.plant_date, 1982057, "before the first day: the next century");
    cr_expect_eq(agro_dssat_treatment_get_weather(ctx, x, 1, 1883001, &t), AGRO_ERANGE);
    cr_expect(strstr(msg(), "UFGA8201.MZX:113: SDATE: 82056 is 1982-056, more than 99 years "
                            "after the first day of the weather file (1883-001)") != NULL,
              "%s", msg());
    agro_dssat_exp_free(x);
}

/* DSSAT's IpWRec places a YYDDD weather file's first record in the century of the simulation
   start (one earlier when that puts it after the start), not by the cross-over year. The runner
   read a file of 1935-1982 as 2035-2082, so UFGA8201.MZX (1982) found no weather in it. */
Test(dssat_run, a_yyddd_weather_file_from_before_the_cross_over_drives_a_later_season)
{
    agro_dssat_result base, r;
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &base), AGRO_OK, "%s", msg());
    /* UFGA8201.WTH with the years 1935-1981 put before 1982, each a copy of 1982's days */
    char line[512];
    wth_folder f;
    wth_folder_make(&f, "y1935", "UFGA8201.WTH");
    static char days[366][128];
    int nd = 0;
    FILE *in = fopen(DSSAT "/Weather/UFGA8201.WTH", "r"), *out = fopen(f.wth, "w");
    cr_assert(in && out);
    while (fgets(line, sizeof line, in)) {
        if (isdigit((unsigned char)line[0]) && nd < 366)
            snprintf(days[nd++], sizeof days[0], "%s", line + 5);
        else if (!isdigit((unsigned char)line[0]))
            fputs(line, out); /* headers: the days follow them */
    }
    cr_assert_eq(nd, 365);
    for (int y = 1935; y <= 1982; y++)
        for (int d = 1; d <= agro_days_in_year(y); d++)
            fprintf(out, "%02d%03d%s", y % 100, d, days[d <= 365 ? d - 1 : 364]);
    fclose(in);
    fclose(out);
    const int rc = agro_dssat_run_treatment(ctx, x, 1, f.data, &r);
    cr_expect_eq(rc, AGRO_OK, "%s", msg());
    if (rc == AGRO_OK) {
        cr_expect_eq(r.summary.sowing_year, 1982);
        cr_expect_eq(r.yield_kg_ha, base.yield_kg_ha, "the same days give the same season");
        cr_expect_eq(r.summary.n_days, base.summary.n_days);
    }
    agro_dssat_exp_free(x);
    wth_folder_remove(&f);
}

Test(dssat_run, weather_chains_across_yearly_files)
{
    /* EBPL8501 starts 1984-357 on EBCH8401.WTH and grows into 1985 (EBCH8501.WTH) */
    agro_dssat_exp *x = load(MAIZE "/EBPL8501.MZX");
    agro_dssat_result r;
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &r), AGRO_OK, "%s", msg());
    cr_expect_gt(r.summary.n_days, 100);
    cr_expect_eq(r.summary.sowing_year, 1984);
    /* the fallow treatment is not maize */
    cr_expect_eq(agro_dssat_run_treatment(ctx, x, 3, DSSAT, &r), AGRO_ENOTFOUND);
    cr_expect(strstr(msg(), "FA") != NULL, "%s", msg());
    /* a data folder without the inputs */
    cr_expect_neq(agro_dssat_run_treatment(ctx, x, 1, tmpdir, &r), AGRO_OK);
    cr_expect(strstr(msg(), tmpdir) != NULL, "%s", msg());
    agro_dssat_exp_free(x);
}

Test(dssat_run, automatic_irrigation_refills_the_profile)
{
    /* IUAF9901 with IRRIG switched from N to A: the runner irrigates by itself */
    const char *p = patched(MAIZE "/IUAF9901.MZX", "A.MZX", " 1 MA              R     N",
                            " 1 MA              R     A");
    agro_dssat_exp *x = load(p);
    agro_dssat_result r;
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 4, DSSAT, &r), AGRO_OK, "%s", msg());
    cr_expect_gt(r.auto_irrigations, 0);
    cr_expect_gt(r.summary.ircm_mm, 0);
    agro_dssat_exp_free(x);
    x = load(MAIZE "/IUAF9901.MZX");
    agro_dssat_result r0;
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 4, DSSAT, &r0), AGRO_OK, "%s", msg());
    cr_expect_eq(r0.auto_irrigations, 0);
    cr_expect_float_eq(r0.summary.ircm_mm, 0, 1e-12);
    agro_dssat_exp_free(x);
}

/* The soil profile the runner simulates for treatment @p trt of @p x (read into T). */
static void prepared_soil(agro_dssat_exp *x, int32_t trt, agro_soil_profile *soil)
{
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, trt, &T), AGRO_OK);
    char sid[16];
    agro_dssat_treatment_text(x, trt, AGRO_DSSAT_TEXT_SOIL_ID, sid, sizeof sid);
    cr_assert_eq(agro_soil_load_dssat_dir(ctx, DSSAT "/Soil", sid, soil), AGRO_OK, "%s", msg());
    cr_assert_eq(agro_dssat_soil_prepare(ctx, &T, soil), AGRO_OK, "%s", msg());
}

/* DSSAT's SOILDYN (7841e3c) estimates an organic C that is missing or below 0.001 % from the
 * texture, (0.15·(clay + silt) + 0.69)/10 %, missing clay and silt counting as 30 %, when water
 * is simulated; every process reads it. IBMZ910014 has no texture: 0.969 %. */
Test(dssat_soil, missing_organic_carbon_is_estimated_from_texture_as_soildyn_does)
{
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 3, &T), AGRO_OK);
    char sid[16];
    agro_dssat_treatment_text(x, 3, AGRO_DSSAT_TEXT_SOIL_ID, sid, sizeof sid);
    agro_soil_profile soil, kept;
    cr_assert_eq(agro_soil_load_dssat_dir(ctx, DSSAT "/Soil", sid, &soil), AGRO_OK, "%s", msg());
    kept = soil;
    for (int32_t l = 0; l < soil.n_layers; l++) soil.organic_carbon_pct[l] = l % 2 ? NAN : 0.0;
    agro_soil_profile dry = soil;
    cr_assert_eq(agro_dssat_soil_prepare(ctx, &T, &soil), AGRO_OK, "%s", msg());
    for (int32_t l = 0; l < soil.n_layers; l++)
        cr_expect_float_eq(soil.organic_carbon_pct[l], (0.15 * 60.0 + 0.69) / 10.0, 1e-12, "layer %d", l);
    /* the profile's own values are kept */
    cr_assert_eq(agro_dssat_soil_prepare(ctx, &T, &kept), AGRO_OK, "%s", msg());
    cr_expect_float_eq(kept.organic_carbon_pct[0], 2.0, 1e-12);
    /* without water DSSAT estimates nothing */
    T.water = 'N';
    cr_assert_eq(agro_dssat_soil_prepare(ctx, &T, &dry), AGRO_OK, "%s", msg());
    cr_expect(!(dry.organic_carbon_pct[0] >= 1e-3));
    agro_dssat_exp_free(x);
}

/* UFGA8201's irrigation and fertiliser levels written as days after planting (PDATE 82057):
 * the same schedule as its dates, the dated rows moved under a section the reader skips. */
static const char *ufga8201_days_after_planting(const char *mgmt)
{
    static char path[512];
    char a[512], b[512];
    snprintf(a, sizeof a, "%s",
             patched(MAIZE "/UFGA8201.MZX", "D1.MZX", "*IRRIGATION AND WATER MANAGEMENT\n",
                     "*IRRIGATION AND WATER MANAGEMENT\n"
                     "@I  EFIR  IDEP  ITHR  IEPT  IOFF  IAME  IAMT IRNAME\n"
                     " 1     1   -99   -99   -99   -99   -99   -99 -99\n"
                     "@I IDATE  IROP IRVAL\n"
                     " 1     6 IR001    13\n"
                     "@I  EFIR  IDEP  ITHR  IEPT  IOFF  IAME  IAMT IRNAME\n"
                     " 2     1   -99   -99   -99   -99   -99   -99 -99\n"
                     "@I IDATE  IROP IRVAL\n"
                     " 2     6 IR001    13\n 2    20 IR001    10\n 2    37 IR001    10\n"
                     " 2    50 IR001    13\n 2    54 IR001    18\n 2    65 IR001    25\n"
                     " 2    69 IR001    25\n 2    72 IR001    13\n 2    75 IR001    15\n"
                     " 2    77 IR001    19\n 2    80 IR001    20\n 2    84 IR001    20\n"
                     " 2    91 IR001    15\n 2   101 IR001    19\n 2   104 IR001     4\n"
                     " 2   105 IR001    25\n"
                     "@I  EFIR  IDEP  ITHR  IEPT  IOFF  IAME  IAMT IRNAME\n"
                     " 3     1   -99   -99   -99   -99   -99   -99 -99\n"
                     "@I IDATE  IROP IRVAL\n"
                     " 3     6 IR001    13\n 3    20 IR001    10\n 3    37 IR001    10\n"
                     " 3    50 IR001    13\n 3    54 IR001    18\n 3    76 IR001    30\n"
                     " 3    77 IR001     4\n 3    80 IR001    20\n 3    84 IR001    20\n"
                     " 3    91 IR001    15\n 3   101 IR001    19\n 3   104 IR001     4\n"
                     " 3   105 IR001    25\n"
                     "\n*OLD IRRIGATION (dates)\n"));
    snprintf(b, sizeof b, "%s",
             patched(a, "D2.MZX", "*FERTILIZERS (INORGANIC)\n",
                     "*FERTILIZERS (INORGANIC)\n"
                     "@F FDATE  FMCD  FACD  FDEP  FAMN  FAMP  FAMK  FAMC  FAMO  FOCD FERNAME\n"
                     " 1    40 FE001 AP001    10    27     0     0     0     0   -99 -99\n"
                     " 1    45 FE001 AP001    10    35     0     0     0     0   -99 -99\n"
                     " 1    80 FE001 AP001    10    54     0     0     0     0   -99 -99\n"
                     " 2    17 FE001 AP001    10    56     0     0     0     0   -99 -99\n"
                     " 2    32 FE001 AP001    10    52     0     0     0     0   -99 -99\n"
                     " 2    45 FE001 AP001    10    75     0     0     0     0   -99 -99\n"
                     " 2    61 FE001 AP001    10    37     0     0     0     0   -99 -99\n"
                     " 2    70 FE001 AP001    10    55     0     0     0     0   -99 -99\n"
                     " 2    80 FE001 AP001    10   126     0     0     0     0   -99 -99\n"
                     "\n*OLD FERTILIZERS (dates)\n"));
    snprintf(path, sizeof path, "%s",
             patched(b, "D3.MZX", " 1 MA              R     R     R     N     M", mgmt));
    return path;
}

Test(dssat_run, events_by_days_after_planting_match_their_dates)
{
    /* IRRIG = D and FERTI = D (DSSAT IRRIG.for, Fert_Place.for: DAP == IDATE, FDATE) on the
       days the dates name: every treatment the same to the bit */
    const char *d = ufga8201_days_after_planting(" 1 MA              R     D     D     N     M");
    agro_dssat_exp *xr = load(MAIZE "/UFGA8201.MZX");
    agro_dssat_exp *xd = load(d);
    for (int32_t k = 1; k <= 6; k++) {
        agro_dssat_result r, rd;
        cr_assert_eq(agro_dssat_treatment_get(ctx, xd, k, &T), AGRO_OK, "%s", msg());
        cr_expect_eq(T.irrig_mode, 'D');
        cr_expect_eq(T.fert_mode, 'D');
        cr_assert_eq(agro_dssat_run_treatment(ctx, xr, k, DSSAT, &r), AGRO_OK, "%s", msg());
        cr_assert_eq(agro_dssat_run_treatment(ctx, xd, k, DSSAT, &rd), AGRO_OK, "%s", msg());
        cr_expect_gt(rd.summary.ircm_mm, 0, "treatment %d", (int)k);
        cr_expect_eq(memcmp(&r.summary, &rd.summary, sizeof r.summary), 0,
                     "treatment %d: HWAM %g vs %g, irrigation %g vs %g mm, N leached %g vs %g", (int)k,
                     r.summary.hwam_kg_ha, rd.summary.hwam_kg_ha, r.summary.ircm_mm, rd.summary.ircm_mm,
                     r.summary.nlcm_kg_ha, rd.summary.nlcm_kg_ha);
    }
    agro_dssat_exp_free(xr);
    agro_dssat_exp_free(xd);

    /* with automatic planting the days follow the day the crop was actually sown */
    char dc[512];
    snprintf(dc, sizeof dc, "%s", d);
    const char *a = patched(dc, "DA.MZX", " 1 MA              R     D", " 1 MA              A     D");
    agro_dssat_exp *x = load(a);
    static agro_field_daily day[400];
    int32_t nd = 0;
    agro_dssat_result r;
    cr_assert_eq(agro_dssat_run_treatment_daily(ctx, x, 4, DSSAT, &r, day, 400, &nd), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
    int32_t sow = -1;
    agro_days_between(1982, 56, r.summary.sowing_year, r.summary.sowing_doy, &sow); /* SDATE 82056 */
    cr_assert(sow >= 0 && sow != 1 && sow + 6 < nd, "sown on run day %d", (int)sow);
    int32_t first = -1;
    for (int32_t i = 0; i < nd && first < 0; i++)
        if (day[i].irrigation_mm > 0)
            first = i;
    cr_expect_eq(first, sow + 6, "first irrigation on run day %d, sown on %d", (int)first, (int)sow);
    cr_expect_float_eq(day[sow + 6].irrigation_mm, 13.0, 1e-12);
}

/* IRRIG = D: a missing irrigation day is an error naming the row in every spelling of -99,
 * as under IRRIG = R; "-99.00" and "-9.9E1" (read as missing by the number parser, not by the
 * missing-text test) were kept as an irrigation on day -1 after planting (fuzz_dssat_x) */
Test(dssat_xfile, a_missing_irrigation_day_under_irrig_d_is_an_error)
{
    char d[512], file[32];
    snprintf(d, sizeof d, "%s", ufga8201_days_after_planting(" 1 MA              R     D     D     N     M"));
    static const char *const missing[3] = {"-99", "-99.00", "-9.9E1"};
    for (int k = 0; k < 3; k++) {
        char row[64], text[128];
        snprintf(row, sizeof row, " 2 %5s IR001    10\n 2    37", missing[k]);
        snprintf(file, sizeof file, "DM%d.MZX", k);
        snprintf(text, sizeof text, "%s:", file);
        const char *path = patched(d, file, " 2    20 IR001    10\n 2    37", row);
        agro_dssat_exp *x = NULL;
        cr_expect_eq(agro_dssat_exp_load(ctx, path, &x), AGRO_EMISSING, "IDATE %s", missing[k]);
        cr_expect(strstr(msg(), text) != NULL && strstr(msg(), ": IDATE: irrigation date or day missing"),
                  "IDATE %s: %s", missing[k], msg());
        cr_expect_null(x);
        agro_dssat_exp_free(x);
    }
}

Test(dssat_run, harvest_by_days_after_planting_matches_its_date)
{
    /* IUAF9901 harvests on 99304, 157 days after PDATE 99147: HARVS = D with HDATE 157 */
    char a[512];
    snprintf(a, sizeof a, "%s",
             patched(MAIZE "/IUAF9901.MZX", "H1.MZX", " 1 99304 GS000", " 1   157 GS000"));
    char d[512];
    snprintf(d, sizeof d, "%s",
             patched(a, "H2.MZX", " 1 MA              R     N     R     R     R",
                     " 1 MA              R     N     R     R     D"));
    agro_dssat_exp *xr = load(MAIZE "/IUAF9901.MZX");
    agro_dssat_exp *xd = load(d);
    agro_dssat_result r, rd;
    cr_assert_eq(agro_dssat_run_treatment(ctx, xr, 2, DSSAT, &r), AGRO_OK, "%s", msg());
    cr_assert_eq(agro_dssat_run_treatment(ctx, xd, 2, DSSAT, &rd), AGRO_OK, "%s", msg());
    cr_expect_eq(memcmp(&r.summary, &rd.summary, sizeof r.summary), 0, "%d vs %d days",
                 (int)r.summary.n_days, (int)rd.summary.n_days);
    agro_dssat_exp_free(xd);
    /* HARVS = R ends on the last row (DSSAT HDATE(NHAR)): an earlier first row changes nothing,
       an earlier last row ends the season 24 days sooner */
    for (int last = 0; last < 2; last++) {
        xd = load(patched(MAIZE "/IUAF9901.MZX", "H5.MZX", " 1 99304 GS000   -99   -99   -99   -99 \n",
                          last ? " 1 99304 GS000   -99   -99   -99   -99 \n 1 99280 GS000   -99   -99   -99   -99 \n"
                               : " 1 99280 GS000   -99   -99   -99   -99 \n 1 99304 GS000   -99   -99   -99   -99 \n"));
        cr_assert_eq(agro_dssat_run_treatment(ctx, xd, 2, DSSAT, &rd), AGRO_OK, "%s", msg());
        cr_expect_eq(rd.summary.n_days, r.summary.n_days - (last ? 24 : 0), "%d vs %d days",
                     (int)rd.summary.n_days, (int)r.summary.n_days);
        agro_dssat_exp_free(xd);
    }
    /* day 0 would harvest before the crop grows; a date under option D is no day count */
    xd = load(patched(d, "H3.MZX", " 1   157 GS000", " 1     0 GS000"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, xd, 2, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(agro_dssat_run_treatment(ctx, xd, 2, DSSAT, &rd), AGRO_ERANGE);
    cr_expect(strstr(msg(), "HDATE") != NULL, "%s", msg());
    agro_dssat_exp_free(xd);
    /* and no day at all is missing, not a run to maturity */
    xd = load(patched(d, "H6.MZX", " 1   157 GS000", " 1   -99 GS000"));
    cr_expect_eq(agro_dssat_run_treatment(ctx, xd, 2, DSSAT, &rd), AGRO_EMISSING);
    cr_expect(strstr(msg(), "HDATE") != NULL, "%s", msg());
    agro_dssat_exp_free(xd);
    xd = NULL;
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(d, "H4.MZX", " 1   157 GS000", " 1 99304 GS000"), &xd),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "H4.MZX:61: HDATE") != NULL && strstr(msg(), "99304") != NULL, "%s", msg());
    agro_dssat_exp_free(xd);
    agro_dssat_exp_free(xr);
}

/* The daily water stress factor is the day's also in stage 6, where the crop stops growing:
 * its mean over the crop's days is the season's WSPAV (EBPL8501 treatment 1, water-stressed
 * at the end of grain fill; the stage-6 days were a copy of the last stage-5 day's factor) */
Test(dssat_run, the_daily_water_stress_averages_to_the_seasons_through_stage_6)
{
    agro_dssat_exp *x = load(MAIZE "/EBPL8501.MZX");
    static agro_field_daily day[400];
    agro_dssat_result r;
    int32_t nd = 0;
    cr_assert_eq(agro_dssat_run_treatment_daily(ctx, x, 1, DSSAT, &r, day, 400, &nd), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
    double sum = 0.0;
    int n = 0, stage6 = 0, moved = 0;
    for (int32_t i = 1; i < nd; i++) {
        if (day[i].stage < 1 || day[i].stage > 6) continue;
        sum += day[i].swfac;
        n++;
        if (day[i].stage == 6) {
            stage6++;
            moved += day[i].swfac != day[i - 1].swfac; /* a stale copy would repeat the day before */
        }
    }
    cr_assert_gt(n, 0);
    cr_expect_float_eq(sum / n, r.summary.swfac_mean, 1e-12, "daily mean %.15g, WSPAV %.15g", sum / n,
                       r.summary.swfac_mean);
    cr_expect(stage6 > 0 && moved > 0, "%d stage-6 days, %d with a new factor", stage6, moved);
}

/* Run treatment @p trt of @p path with daily output into @p day (400 days); the number of
 * days with irrigation. */
static int32_t irrigation_days(const char *path, int32_t trt, agro_dssat_result *r,
                               agro_field_daily *day, int32_t *nd)
{
    agro_dssat_exp *x = load(path);
    cr_assert_eq(agro_dssat_run_treatment_daily(ctx, x, trt, DSSAT, r, day, 400, nd), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
    int32_t n = 0;
    for (int32_t i = 0; i < *nd; i++)
        n += day[i].irrigation_mm > 0;
    return n;
}

Test(dssat_run, fixed_and_reported_then_automatic_irrigation)
{
    /* IUAF9901 trt 4 is rainfed (IRRIG N); its automatic settings: IMDEP 30, ITHRL 50,
       ITHRU 100, IRAMT 10 mm, IREFF 1 */
    const char *mgmt = " 1 MA              R     N";
    static agro_field_daily day[400];
    int32_t nd = 0;
    agro_dssat_result r;
    char f[512];
    snprintf(f, sizeof f, "%s", patched(MAIZE "/IUAF9901.MZX", "F.MZX", mgmt, " 1 MA              R     F"));
    int32_t n = irrigation_days(f, 4, &r, day, &nd);
    cr_expect_gt(n, 0);
    cr_expect_eq(r.auto_irrigations, n);
    for (int32_t i = 0; i < nd; i++)
        if (day[i].irrigation_mm > 0)
            cr_expect_float_eq(day[i].irrigation_mm, 10.0, 1e-12, "run day %d", (int)i);
    /* F without a fixed amount is refused, naming IRAMT */
    agro_dssat_exp *x = load(patched(f, "F0.MZX", "IR001    10     1", "IR001   -99     1"));
    cr_expect_eq(agro_dssat_run_treatment(ctx, x, 4, DSSAT, &r), AGRO_EMISSING);
    cr_expect(strstr(msg(), "IRAMT") != NULL, "%s", msg());
    agro_dssat_exp_free(x);
}

Test(dssat_run, reported_then_automatic_irrigation)
{
    /* UFGA8201 trt 1 irrigates 13 mm on 82063 (run day 7) only. IRRIG = P and W (DSSAT
       IRRIG.for): that day as reported, then automatic from the planting day to maturity when
       the top IMDEP 30 cm hold ≤ ITHRL 50 % of their available water: P refills them to
       ITHRU 100 % (deficit × 10 mm, without A's 5 mm), W gives IRAMT 10 mm */
    static agro_field_daily rep[400], day[400];
    int32_t nr = 0, nd = 0;
    agro_dssat_result r, rp;
    const char *mgmt = " 1 MA              R     R";
    cr_assert_eq(irrigation_days(MAIZE "/UFGA8201.MZX", 1, &r, rep, &nr), 1);
    agro_soil_profile soil;
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    prepared_soil(x, 1, &soil);
    agro_dssat_exp_free(x);
    for (int w = 0; w < 2; w++) {
        const char *p = patched(MAIZE "/UFGA8201.MZX", w ? "W.MZX" : "P.MZX", mgmt,
                                w ? " 1 MA              R     W" : " 1 MA              R     P");
        int32_t n = irrigation_days(p, 1, &rp, day, &nd);
        cr_expect_gt(rp.auto_irrigations, 5, "%c: %d", w ? 'W' : 'P', (int)rp.auto_irrigations);
        cr_expect_eq(n, rp.auto_irrigations + 1);
        /* up to the reported day the run is the R run, to the bit */
        cr_expect_eq(memcmp(rep, day, 8 * sizeof day[0]), 0);
        cr_expect_float_eq(day[7].irrigation_mm, 13.0, 1e-12);
        for (int32_t i = 8; i < nd; i++) {
            if (!(day[i].irrigation_mm > 0))
                continue;
            double want = 10.0;
            if (!w) { /* refill of the top 30 cm from yesterday's water */
                double wet = 0, avail = 0, top = 0;
                for (int L = 0; L < soil.n_layers && top < 30.0; L++) {
                    double dz = fmin(soil.depth_cm[L], 30.0) - top;
                    wet += (soil.dul[L] - soil.ll[L]) * dz;
                    avail += (day[i - 1].sw[L] - soil.ll[L]) * dz;
                    top = soil.depth_cm[L];
                }
                cr_expect_leq(avail / wet, 0.5, "run day %d", (int)i);
                want = (wet - avail) * 10.0;
            }
            cr_expect_float_eq(day[i].irrigation_mm, want, 1e-9, "%c, run day %d", w ? 'W' : 'P', (int)i);
        }
        cr_expect_gt(rp.summary.hwam_kg_ha, r.summary.hwam_kg_ha + 2000.0, "%g vs rainfed %g",
                     rp.summary.hwam_kg_ha, r.summary.hwam_kg_ha);
    }
    /* P and W take the first automatic row as it is (IRRIG.for CASE ('P', 'W')): a missing
       ITHRL is never reached; a missing IMDEP is the top three layers, not A's 30 cm */
    const char *row = " 1 IR             30    50   100 GS000 IR001    10     1";
    const char *p = patched(MAIZE "/UFGA8201.MZX", "P.MZX", mgmt, " 1 MA              R     P");
    p = patched(p, "P1.MZX", row, " 1 IR             30   -99   100 GS000 IR001    10     1");
    cr_expect_eq(irrigation_days(p, 1, &rp, day, &nd), 1);
    cr_expect_eq(rp.auto_irrigations, 0);
    /* (with the soil file's own layers, MESOL 3, the third layer of IBMZ910014 ends at 30 cm
       too; IBSB910017's at 25 cm) */
    p = patched(MAIZE "/UFGA8201.MZX", "P.MZX", mgmt, " 1 MA              R     P");
    p = patched(p, "P2.MZX", row, " 1 IR            -99    50   100 GS000 IR001    10     1");
    p = patched(p, "P3.MZX", "R     1     G     S     2", "R     1     G     S     3");
    p = patched(p, "P4.MZX", "180  IBMZ910014", "180  IBSB910017");
    x = load(p);
    prepared_soil(x, 1, &soil);
    agro_dssat_exp_free(x);
    cr_assert_float_eq(soil.depth_cm[2], 25.0, 1e-9, "%g", soil.depth_cm[2]);
    int32_t n3 = irrigation_days(p, 1, &rp, day, &nd);
    cr_expect_gt(rp.auto_irrigations, 0);
    cr_expect_eq(n3, rp.auto_irrigations + 1);
    for (int32_t i = 8; i < nd; i++) {
        if (!(day[i].irrigation_mm > 0))
            continue;
        double wet = 0, avail = 0, top = 0;
        for (int L = 0; L < 3; L++) {
            double dz = soil.depth_cm[L] - top;
            wet += (soil.dul[L] - soil.ll[L]) * dz;
            avail += (day[i - 1].sw[L] - soil.ll[L]) * dz;
            top = soil.depth_cm[L];
        }
        cr_expect_float_eq(day[i].irrigation_mm, (wet - avail) * 10.0, 1e-9, "run day %d", (int)i);
    }
    /* DSSAT starts the automatic part only after a reported irrigation: none, none at all */
    x = load(patched(MAIZE "/IUAF9901.MZX", "W0.MZX", " 1 MA              R     N", " 1 MA              R     W"));
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 4, DSSAT, &rp), AGRO_OK, "%s", msg());
    cr_expect_eq(rp.auto_irrigations, 0);
    cr_expect_float_eq(rp.summary.ircm_mm, 0.0, 1e-12);
    agro_dssat_exp_free(x);
}

Test(dssat_run, reported_then_automatic_irrigation_counts_ir006_rows)
{
    /* IRRIG.for puts every IR001-IR006 row among the reported irrigations (CASE (1:6):
       JULAPL, NAPW) and turns P and W automatic after the last of them: a single IR006 row
       (a flood depth, applied as water on upland fields) switches them on as IR001 does */
    static agro_field_daily a[400], b[400];
    int32_t na = 0, nb = 0;
    agro_dssat_result ra, rb;
    const char *p = patched(MAIZE "/UFGA8201.MZX", "P.MZX", " 1 MA              R     R",
                            " 1 MA              R     P");
    irrigation_days(p, 1, &ra, a, &na);
    cr_assert_gt(ra.auto_irrigations, 5);
    p = patched(p, "P6.MZX", " 1 82063 IR001    13", " 1 82063 IR006    13");
    irrigation_days(p, 1, &rb, b, &nb);
    cr_expect_eq(rb.auto_irrigations, ra.auto_irrigations);
    cr_expect_eq(nb, na);
    cr_expect_float_eq(rb.summary.ircm_mm, ra.summary.ircm_mm, 1e-9, "%g vs %g",
                       rb.summary.ircm_mm, ra.summary.ircm_mm);
    cr_expect_float_eq(rb.summary.hwam_kg_ha, ra.summary.hwam_kg_ha, 1e-9);
}

static void spec_of(const char *path);

/* The N of the FERTILISE events of treatment 1 of @p path, mapped as spec_of does. */
static double spec_fertiliser_n(const char *path)
{
    spec_of(path);
    double n = 0;
    for (int i = 0; i < S.n_events; i++)
        if (S.events[i].type == AGRO_EVENT_FERTILISE)
            n += S.events[i].amount;
    return n;
}

/* DSSAT's daily scans of reported rows go through them in file order and stop at the first one
 * dated after the day (IRRIG.for EXIT LOOP1, Fert_Place.for EXIT FertLoop, OM_Place.for EXIT):
 * a row that follows a later-dated one is never applied. The runner skips it too, and flags the
 * treatment; it used to apply every row, whatever the order. */
Test(dssat_run, rows_after_a_later_dated_row_are_skipped_as_dssat_does)
{
    /* UFGA8201 trt 3 (MI 2): 82077 moved to 82100 puts it before the 82094 row, which IRRIG.for
       never reaches: 10 mm less; the moved row itself is applied */
    static agro_field_daily a[400], b[400];
    int32_t na = 0, nb = 0;
    agro_dssat_result ra, rb;
    irrigation_days(MAIZE "/UFGA8201.MZX", 3, &ra, a, &na);
    const char *p = patched(MAIZE "/UFGA8201.MZX", "O1.MZX", " 2 82077 IR001    10",
                            " 2 82100 IR001    10");
    irrigation_days(p, 3, &rb, b, &nb);
    cr_expect_float_eq(rb.summary.ircm_mm, ra.summary.ircm_mm - 10.0, 1e-9, "%g vs %g",
                       rb.summary.ircm_mm, ra.summary.ircm_mm);
    for (int32_t i = 0; i < nb; i++)
        if (b[i].year == 1982 && (b[i].doy == 94 || b[i].doy == 100))
            cr_expect_float_eq(b[i].irrigation_mm, b[i].doy == 100 ? 10.0 : 0.0, 1e-9, "day %d",
                               (int)b[i].doy);
    cr_expect_eq(ignored_of(p, 3) & AGRO_DSSAT_IGNORED_UNORDERED_ROWS,
                 AGRO_DSSAT_IGNORED_UNORDERED_ROWS);
    cr_expect_eq(ignored_of(MAIZE "/UFGA8201.MZX", 3) & AGRO_DSSAT_IGNORED_UNORDERED_ROWS, 0);
    /* fertiliser (trt 1: 27, 35, 54 kg N on 82097, 82102, 82137): the first moved to 82110
       hides the 82102 row from Fert_Place.for */
    const double n0 = spec_fertiliser_n(MAIZE "/UFGA8201.MZX");
    cr_expect_float_eq(n0, 116.0, 1e-9);
    p = patched(MAIZE "/UFGA8201.MZX", "O2.MZX", " 1 82097 FE001", " 1 82110 FE001");
    cr_expect_float_eq(spec_fertiliser_n(p), 116.0 - 35.0, 1e-9);
    cr_expect_eq(T.ignored & AGRO_DSSAT_IGNORED_UNORDERED_ROWS, AGRO_DSSAT_IGNORED_UNORDERED_ROWS);
    /* residues (OM_Place.for): of 82110, 82100, 82120 the second is never reached */
    spec_of(MAIZE "/UFGA8201.MZX");
    T.residue_mode = 'R';
    T.n_residues = 3;
    const int32_t rd[3] = {1982110, 1982100, 1982120};
    for (int k = 0; k < 3; k++) {
        T.res_date[k] = rd[k];
        T.res_material[k] = 1;
        T.res_amount_kg_ha[k] = 1000.0 * (k + 1);
        T.res_n_pct[k] = 1.0;
        T.res_p_pct[k] = 0.2;
        T.res_incorporation_pct[k] = 100.0;
        T.res_depth_cm[k] = 20.0;
        T.line_residue[k] = 0;
    }
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    hand_soil(&soil);
    hand_cultivar(&cv);
    agro_dssat_site site = {29.6, NAN, NAN, NAN, NAN};
    cr_assert_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "X.MZX", &S), AGRO_OK, "%s", msg());
    double res = 0;
    for (int i = 0; i < S.n_events; i++)
        if (S.events[i].type == AGRO_EVENT_RESIDUE && !S.events[i].initial)
            res += S.events[i].amount;
    cr_expect_float_eq(res, 1000.0 + 3000.0, 1e-9, "%g kg/ha", res);
}

/* IRRIG P and W scan every row while the day is on or before the last row's date, then run
 * automatically for good (IRRIG.for CASE ('P', 'W')): a row dated after the last row is never
 * applied. UFGA8201 trt 1 as P with a row of 13 mm on 82100 before its 82063 row irrigates as
 * without it. */
Test(dssat_run, reported_then_automatic_irrigation_skips_rows_after_the_last_date)
{
    static agro_field_daily a[400], b[400];
    int32_t na = 0, nb = 0;
    agro_dssat_result ra, rb;
    const char *p = patched(MAIZE "/UFGA8201.MZX", "PO.MZX", " 1 MA              R     R",
                            " 1 MA              R     P");
    irrigation_days(p, 1, &ra, a, &na);
    p = patched(p, "PO2.MZX", " 1 82063 IR001    13", " 1 82100 IR001    13\n 1 82063 IR001    13");
    irrigation_days(p, 1, &rb, b, &nb);
    cr_expect_eq(rb.auto_irrigations, ra.auto_irrigations);
    cr_expect_float_eq(rb.summary.ircm_mm, ra.summary.ircm_mm, 1e-9, "%g vs %g",
                       rb.summary.ircm_mm, ra.summary.ircm_mm);
    cr_expect_eq(ignored_of(p, 1) & AGRO_DSSAT_IGNORED_UNORDERED_ROWS,
                 AGRO_DSSAT_IGNORED_UNORDERED_ROWS);
}

/* WTHMOD.for takes the row before the first one, in file order, dated after the day: of a 700
 * ppm row on 82110 followed by a no-change row on 82056, the first is never in force (before
 * 82110 no row is; from 82110 on the second is). The runner took the latest ODATE on or before
 * the day, 700 ppm from 82110. */
Test(dssat_run, environment_modifications_take_effect_in_file_order)
{
    agro_dssat_result base, swapped;
    ufga_envmod("OE1.MZX", "A   0 A   0 A   0 A   0 A 0.0 A   0 A   0 A   0", &base);
    ufga_envmod_rows("OE2.MZX",
                     " 1 82110 A   0 A   0 A   0 A   0 A 0.0 R 700 A   0 A   0 test\n"
                     " 1 82056 A   0 A   0 A   0 A   0 A 0.0 A   0 A   0 A   0 test\n",
                     &swapped);
    cr_expect_float_eq(swapped.summary.cwam_kg_ha, base.summary.cwam_kg_ha, 1e-9, "%g vs %g",
                       swapped.summary.cwam_kg_ha, base.summary.cwam_kg_ha);
    char path[300];
    snprintf(path, sizeof path, "%s/OE2.MZX", tmpdir);
    cr_expect_eq(ignored_of(path, 1) & AGRO_DSSAT_IGNORED_UNORDERED_ROWS,
                 AGRO_DSSAT_IGNORED_UNORDERED_ROWS);
}

Test(dssat_run, automatic_irrigation_ignores_the_irrigation_level_settings)
{
    /* IRRIG.for reads the irrigation level's IDEP, ITHR, IAMT for R and D only, and DSSAT's
       input module never copies them into the automatic rows: under A a missing IMDEP and
       ITHRL are 30 cm and 50 %, whatever IDEP 10 and ITHR 90 say */
    static agro_field_daily a[400], b[400];
    int32_t na = 0, nb = 0;
    agro_dssat_result ra, rb;
    const char *mgmt = " 1 MA              R     R";
    const char *p = patched(MAIZE "/UFGA8201.MZX", "A.MZX", mgmt, " 1 MA              R     A");
    irrigation_days(p, 1, &ra, a, &na);
    cr_expect_gt(ra.auto_irrigations, 3);
    p = patched(p, "A1.MZX", " 1 IR             30    50   100 GS000 IR001    10     1",
                " 1 IR            -99   -99   100 GS000 IR001    10     1");
    p = patched(p, "A2.MZX", " 1     1   -99   -99   -99   -99   -99   -99 -99",
                " 1     1    10    90   -99   -99   -99   -99 -99");
    irrigation_days(p, 1, &rb, b, &nb);
    cr_expect_eq(nb, na);
    cr_expect_eq(rb.auto_irrigations, ra.auto_irrigations);
    cr_expect(memcmp(a, b, (size_t)na * sizeof a[0]) == 0, "the runs differ");
}

/* START (IPEXP): P starts on the planting date, E starts and plants on EDATE, which E needs */
Test(dssat_run, start_p_and_e_move_the_simulation_start)
{
    const char *row = " 1 GE              1     1     S 82056";
    agro_dssat_exp *x = load(patched(MAIZE "/UFGA8201.MZX", "P.MZX", row, " 1 GE              1     1     P 82056"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.start_mode, 'P');
    cr_expect_eq(T.start_date, T.plant_date, "%d vs %d", (int)T.start_date, (int)T.plant_date);
    agro_dssat_result r;
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &r), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
    /* E without an EDATE: the file does not load; the error names the line and START */
    x = NULL;
    cr_expect_eq(agro_dssat_exp_load(ctx, patched(MAIZE "/UFGA8201.MZX", "E.MZX", row,
                                                  " 1 GE              1     1     E 82056"), &x),
                 AGRO_EMISSING);
    cr_expect_null(x);
    cr_expect(strstr(msg(), "E.MZX:113: START") != NULL && strstr(msg(), "EDATE") != NULL, "%s",
              msg());
    /* SIAZ9501 with E: planting and start move to its EDATE 95145, so its urea of the planting
       day 95136 falls before the start, which IPFERT refuses (the YRSIM it checks is already
       IEMRG); moved to the new start, the file runs */
    char se[600];
    snprintf(se, sizeof se, "%s", patched(MAIZE "/SIAZ9501.MZX", "SE0.MZX", " 1 GE              1     1     S 95136",
                                          " 1 GE              1     1     E 95136"));
    x = NULL;
    cr_expect_eq(agro_dssat_exp_load(ctx, se, &x), AGRO_EORDER);
    cr_expect(strstr(msg(), "SE0.MZX:125: FDATE: fertiliser on 1995136, before the simulation start 1995145") != NULL,
              "%s", msg());
    cr_expect_null(x);
    x = load(patched(se, "SE.MZX", " 1 95136 FE005", " 1 95145 FE005"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.start_date, 1995145);
    cr_expect_eq(T.plant_date, 1995145);
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &r), AGRO_OK, "%s", msg());
    cr_expect(r.summary.emergence_dap > 0);
    agro_dssat_exp_free(x);
}

/* METMP and MEGHG (DSSAT 4.8's extended METHODS row): 1, DayCent's denitrification, is flagged
   and run as CERES denitrification; E, the EPIC soil temperature, runs AGRO_SOIL_TEMP_EPIC and is
   not flagged; D, 0 and the letters IPSIM turns into them give the season of a file without the
   columns */
Test(dssat_run, metmp_e_runs_epic_and_meghg_1_is_flagged_and_run_as_ceres)
{
    const char *row = "MESOM MESEV MESOL\n 1 ME              M     M     E     R     S     R     R     1     G     S     2";
    const char *with = "MESOM MESEV MESOL METMP MEGHG\n 1 ME              M     M     E     R     S     R     R     1     G     S     2     %c     %c";
    agro_dssat_result base, r;
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.temp_method, 'D');
    cr_expect_eq(T.ghg_method, '0');
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &base), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
    /* METMP D or an unknown letter with MEGHG 1 or 2: STEMP, the base season */
    const char letters[3] = {'D', 'Q', 'D'}, ghg[3] = {'1', '0', '2'};
    for (int k = 0; k < 3; k++) {
        char to[200];
        snprintf(to, sizeof to, with, letters[k], ghg[k]);
        x = load(patched(MAIZE "/UFGA8201.MZX", "M.MZX", row, to));
        cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
        cr_expect_eq(T.temp_method, 'D', "METMP %c: %c", letters[k], (char)T.temp_method);
        cr_expect_eq(T.ghg_method, k == 0 ? '1' : '0', "MEGHG %c: %c", ghg[k], (char)T.ghg_method);
        cr_expect_eq(T.ignored & AGRO_DSSAT_IGNORED_SOIL_TEMPERATURE, 0, "METMP %c: 0x%x",
                     letters[k], (unsigned)T.ignored);
        cr_expect_eq((T.ignored & AGRO_DSSAT_IGNORED_DAYCENT_GHG) != 0, k == 0, "MEGHG %c: 0x%x",
                     ghg[k], (unsigned)T.ignored);
        cr_assert_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &r), AGRO_OK, "%s", msg());
        cr_expect_eq(memcmp(&r.summary, &base.summary, sizeof r.summary), 0, "METMP %c: %g vs %g",
                     letters[k], r.summary.hwam_kg_ha, base.summary.hwam_kg_ha);
        agro_dssat_exp_free(x);
    }
    char buf[256];
    /* the bit is no longer set but keeps its sentence (ABI) */
    cr_assert_eq(agro_dssat_ignored_describe(AGRO_DSSAT_IGNORED_SOIL_TEMPERATURE, buf, sizeof buf), AGRO_OK);
    cr_expect(strstr(buf, "METMP=E") != NULL, "%s", buf);
    cr_assert_eq(agro_dssat_ignored_describe(AGRO_DSSAT_IGNORED_DAYCENT_GHG, buf, sizeof buf), AGRO_OK);
    cr_expect(strstr(buf, "MEGHG=1") != NULL, "%s", buf);
}

/* METMP = E: the season runs DSSAT's EPIC soil temperature. The layer temperatures change
   (STEMP_EPIC's surface term is warmer than TAVG on dry days and lags by half a day per day), the
   phenology does not (CERES-Maize's emergence uses the air-temperature surface estimate with
   either DSSAT method, and silking and maturity follow air temperature), and the run is
   bit-reproducible */
Test(dssat_run, metmp_e_changes_soil_temperature_not_phenology)
{
    const char *row = "MESOM MESEV MESOL\n 1 ME              M     M     E     R     S     R     R     1     G     S     2";
    const char *with = "MESOM MESEV MESOL METMP MEGHG\n 1 ME              M     M     E     R     S     R     R     1     G     S     2     E     0";
    enum { MAXD = 400 };
    static agro_field_daily dd[MAXD], de[MAXD], de2[MAXD];
    int32_t nd = 0, ne = 0, ne2 = 0;
    agro_dssat_result rd, re, re2;
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    cr_assert_eq(agro_dssat_run_treatment_daily(ctx, x, 1, DSSAT, &rd, dd, MAXD, &nd), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
    x = load(patched(MAIZE "/UFGA8201.MZX", "E.MZX", row, with));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.temp_method, 'E');
    cr_expect_eq(T.ignored & AGRO_DSSAT_IGNORED_SOIL_TEMPERATURE, 0, "0x%x", (unsigned)T.ignored);
    cr_assert_eq(agro_dssat_run_treatment_daily(ctx, x, 1, DSSAT, &re, de, MAXD, &ne), AGRO_OK, "%s", msg());
    cr_assert_eq(agro_dssat_run_treatment_daily(ctx, x, 1, DSSAT, &re2, de2, MAXD, &ne2), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
    cr_assert_eq(nd, ne);
    /* bit-reproducible */
    cr_expect_eq(ne2, ne);
    cr_expect_eq(memcmp(de, de2, sizeof de[0] * (size_t)ne), 0);
    cr_expect_eq(memcmp(&re.summary, &re2.summary, sizeof re.summary), 0);
    /* the soil temperature changes: mean |ΔT| of the top layer over the season ≥ 0.3 °C, and
       every value stays a plausible soil temperature */
    double sum = 0.0;
    for (int32_t i = 0; i < ne; i++) {
        sum += fabs(de[i].soil_temp_C[0] - dd[i].soil_temp_C[0]);
        cr_expect(de[i].soil_temp_C[0] > 5.0 && de[i].soil_temp_C[0] < 45.0, "day %d: %g", i,
                  de[i].soil_temp_C[0]);
    }
    cr_expect(sum / ne > 0.3, "mean |dT| %g", sum / ne);
    /* phenology: the same emergence, silking and maturity */
    cr_expect_eq(re.summary.emergence_dap, rd.summary.emergence_dap);
    cr_expect_eq(re.anthesis_dap, rd.anthesis_dap);
    cr_expect_eq(re.maturity_dap, rd.maturity_dap);
    /* yield within 15 % (the N mineralisation follows the soil temperature) */
    cr_expect(fabs(re.yield_kg_ha - rd.yield_kg_ha) < 0.15 * rd.yield_kg_ha, "%g vs %g",
              re.yield_kg_ha, rd.yield_kg_ha);
}

Test(dssat_run, automatic_fertiliser_applies_none_as_dssat_48)
{
    /* DSSAT 4.8 accepts FERTI = A and F but its automatic N routine (Fert_Place.for) is
       commented out: no fertiliser, the same season as FERTI = N, and the flag says so */
    const char *mgmt = " 1 MA              R     R     R     N     M";
    agro_dssat_result ra, rn;
    agro_dssat_exp *x = load(patched(MAIZE "/UFGA8201.MZX", "N.MZX", mgmt, " 1 MA              R     R     N     N     M"));
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 2, DSSAT, &rn), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
    for (int f = 0; f < 2; f++) {
        x = load(patched(MAIZE "/UFGA8201.MZX", "A.MZX", mgmt,
                         f ? " 1 MA              R     R     F     N     M" : " 1 MA              R     R     A     N     M"));
        cr_assert_eq(agro_dssat_treatment_get(ctx, x, 2, &T), AGRO_OK, "%s", msg());
        cr_expect(T.ignored & AGRO_DSSAT_IGNORED_AUTO_FERTILISER);
        cr_assert_eq(agro_dssat_run_treatment(ctx, x, 2, DSSAT, &ra), AGRO_OK, "%s", msg());
        cr_expect_eq(memcmp(&ra.summary, &rn.summary, sizeof ra.summary), 0, "%g vs %g kg/ha",
                     ra.summary.hwam_kg_ha, rn.summary.hwam_kg_ha);
        agro_dssat_exp_free(x);
    }
    char buf[512];
    cr_assert_eq(agro_dssat_ignored_describe(AGRO_DSSAT_IGNORED_AUTO_FERTILISER, buf, sizeof buf), AGRO_OK);
    cr_expect(strstr(buf, "FERTI=A/F") != NULL, "%s", buf);
    /* an irrigation option DSSAT does not have is refused, naming the column */
    x = load(patched(MAIZE "/UFGA8201.MZX", "Q.MZX", mgmt, " 1 MA              R     Q     R     N     M"));
    cr_expect_eq(agro_dssat_run_treatment(ctx, x, 2, DSSAT, &ra), AGRO_ERANGE);
    cr_expect(strstr(msg(), "IRRIG") != NULL && strstr(msg(), "'Q'") != NULL, "%s", msg());
    agro_dssat_exp_free(x);
}

/* IUAF9901 (rainfed treatment 4) under automatic irrigation option @p opt with the automatic
 * irrigation rows @p rows (each " 1 IR ..." line with AVWAT and IFREQ columns, joined by
 * newlines) in place of its single row; the file is written to tmpdir/@p name. */
static const char *iuaf_auto(const char *name, char opt, const char *rows)
{
    char mgmt[64], tmp[64];
    snprintf(mgmt, sizeof mgmt, " 1 MA              R     %c", opt);
    snprintf(tmp, sizeof tmp, "h_%s", name);
    const char *h = patched(MAIZE "/IUAF9901.MZX", tmp,
                            "@N IRRIGATION  IMDEP ITHRL ITHRU IROFF IMETH IRAMT IREFF",
                            "@N IRRIGATION  IMDEP ITHRL ITHRU IROFF IMETH IRAMT IREFF AVWAT IFREQ");
    snprintf(tmp, sizeof tmp, "r_%s", name);
    const char *r = patched(h, tmp, " 1 IR             30    50   100 GS000 IR001    10     1",
                            rows);
    return patched(r, name, " 1 MA              R     N", mgmt);
}

/* First run day on which the crop has left growth stage 3 (silking), -1 if never. */
static int32_t silking_day(const agro_field_daily *day, int32_t nd)
{
    for (int32_t i = 0; i < nd; i++)
        if (day[i].stage == AGRO_MAIZE_STAGE_SILKING_TO_GRAIN_FILL)
            return i;
    return -1;
}

Test(dssat_run, growth_stage_rows_switch_the_automatic_irrigation)
{
    /* DSSAT 4.8 IRRIG.for: row 2 takes over the day after the crop leaves its IROFF stage
       (STGDOY); with AVWAT 0 it has no water, so no irrigation from then on */
    static agro_field_daily one[400], two[400];
    int32_t n1 = 0, n2 = 0;
    agro_dssat_result r1, r2;
    const char *row1 = " 1 IR             30    50   100 GS000 IR001    10     1   -99     0";
    char rows[256];
    cr_assert_gt(irrigation_days(iuaf_auto("A1.MZX", 'A', row1), 4, &r1, one, &n1), 0);
    snprintf(rows, sizeof rows, "%s\n%s", row1,
             " 1 IR             30    50   100 GS003 IR001    10     1     0     0");
    const char *p2 = iuaf_auto("A2.MZX", 'A', rows);
    irrigation_days(p2, 4, &r2, two, &n2);
    /* both rows are read */
    agro_dssat_exp *x = load(p2);
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 4, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.n_auto_irr_rows, 2);
    cr_expect_eq(T.auto_irr_row_stage[0], 0);
    cr_expect_eq(T.auto_irr_row_stage[1], 3);
    cr_expect(isnan(T.auto_irr_row_water_mm[0]));
    cr_expect_float_eq(T.auto_irr_row_water_mm[1], 0.0, 1e-12);
    cr_expect_float_eq(T.auto_irr_depth_cm, 30.0, 1e-12);
    agro_dssat_exp_free(x);

    int32_t s = silking_day(one, n1);
    cr_assert_gt(s, 0);
    cr_assert_eq(silking_day(two, n2), s);
    /* the same run through the day the crop leaves stage 3 ... */
    cr_expect_eq(memcmp(one, two, (size_t)(s + 1) * sizeof one[0]), 0);
    /* ... then no irrigation, where the one-row run does irrigate */
    double after1 = 0, after2 = 0;
    for (int32_t i = s + 1; i < n1; i++)
        after1 += one[i].irrigation_mm;
    for (int32_t i = s + 1; i < n2; i++)
        after2 += two[i].irrigation_mm;
    cr_expect_gt(after1, 0.0);
    cr_expect_eq(after2, 0.0);
    cr_expect_lt(r2.auto_irrigations, r1.auto_irrigations);
}

Test(dssat_run, automatic_irrigation_water_limit_and_interval)
{
    static agro_field_daily free_[400], lim[400];
    int32_t nf = 0, nl = 0;
    agro_dssat_result r;
    irrigation_days(iuaf_auto("F1.MZX", 'A', " 1 IR             30    50   100 GS000 IR001    10     1   -99     0"),
                    4, &r, free_, &nf);
    double total = 0;
    int32_t gap = 1000, last = -1000;
    for (int32_t i = 0; i < nf; i++)
        if (free_[i].irrigation_mm > 0) {
            total += free_[i].irrigation_mm;
            gap = i - last < gap ? i - last : gap;
            last = i;
        }
    /* unlimited, the season takes more than 60 mm */
    cr_assert_gt(total, 60.0);
    cr_assert_lt(gap, 90);
    /* AVWAT 60 mm on the only row: a seasonal limit; IFREQ: at least the shortest unlimited
       interval + 3 days */
    const int32_t freq = gap + 3;
    char row[128];
    snprintf(row, sizeof row, " 1 IR             30    50   100 GS000 IR001    10     1    60 %5d", (int)freq);
    irrigation_days(iuaf_auto("L1.MZX", 'A', row), 4, &r, lim, &nl);
    double used = 0;
    last = -1000;
    for (int32_t i = 0; i < nl; i++)
        if (lim[i].irrigation_mm > 0) {
            cr_expect_geq(i - last, freq, "irrigations on run days %d and %d", (int)last, (int)i);
            last = i;
            used += lim[i].irrigation_mm;
        }
    cr_expect_gt(used, 0.0);
    cr_expect_leq(used, 60.0 + 1e-9);
}

/* Check an E or T run against DSSAT IRRIG.for's accumulation, recomputed from the daily
 * records: on each day after the first, while the crop is not mature, ACCUM_ET += yesterday's
 * EOP + EVAP − (today's rain − yesterday's runoff), at least 0; above @p thresh_mm it irrigates
 * @p pct % of it (E) or @p fixed_mm (T) and starts again from 0. Returns the irrigations. */
static int32_t check_et_irrigation(const agro_field_daily *day, int32_t nd, double thresh_mm,
                                   double pct, double fixed_mm)
{
    double acc = 0;
    int32_t n = 0;
    for (int32_t i = 1; i < nd; i++) {
        double want = 0;
        if (day[i - 1].stage != AGRO_MAIZE_STAGE_MATURE) {
            acc += day[i - 1].transp_pot_mm + day[i - 1].soil_evap_mm -
                   (day[i].rain_mm - day[i - 1].runoff_mm);
            if (acc < 0)
                acc = 0;
            if (acc > thresh_mm)
                want = fixed_mm > 0 ? fixed_mm : acc * pct * 0.01;
        }
        cr_expect_float_eq(day[i].irrigation_mm, want, 1e-9, "run day %d: %g mm, expected %g",
                           (int)i, day[i].irrigation_mm, want);
        if (want > 0) {
            acc = 0;
            n++;
        }
    }
    cr_expect_eq(day[0].irrigation_mm, 0.0);
    return n;
}

Test(dssat_run, evapotranspiration_based_automatic_irrigation)
{
    /* IRRIG E: IMDEP is the accumulated ET (mm) that triggers, ITHRU the % of it applied;
       T applies IRAMT instead */
    static agro_field_daily day[400];
    int32_t nd = 0;
    agro_dssat_result r;
    int32_t n = irrigation_days(iuaf_auto("E.MZX", 'E', " 1 IR             25    50    80 GS000 IR001    10     1   -99     0"),
                                4, &r, day, &nd);
    cr_expect_gt(n, 3);
    cr_expect_eq(check_et_irrigation(day, nd, 25.0, 80.0, 0.0), n);
    cr_expect_eq(r.auto_irrigations, n);
    n = irrigation_days(iuaf_auto("T.MZX", 'T', " 1 IR             25    50    80 GS000 IR001    20     1   -99     0"),
                        4, &r, day, &nd);
    cr_expect_gt(n, 3);
    cr_expect_eq(check_et_irrigation(day, nd, 25.0, 80.0, 20.0), n);
    /* the potential transpiration is in the record: positive once the canopy is up */
    double eop = 0;
    for (int32_t i = 0; i < nd; i++)
        eop += day[i].transp_pot_mm;
    cr_expect_gt(eop, 100.0);
}

Test(dssat_run, automatic_irrigation_rows_are_checked)
{
    agro_dssat_result r;
    const char *row1 = " 1 IR             30    50   100 GS000 IR001    10     1   -99     0";
    char rows[4096];
    /* a later row must name the stage it starts at */
    snprintf(rows, sizeof rows, "%s\n%s", row1, " 1 IR             30    50   100 GS000 IR001    10     1   -99     0");
    agro_dssat_exp *x = load(iuaf_auto("B1.MZX", 'A', rows));
    cr_expect_eq(agro_dssat_run_treatment(ctx, x, 4, DSSAT, &r), AGRO_ERANGE);
    cr_expect(strstr(msg(), "IROFF") != NULL && strstr(msg(), "row 2") != NULL, "%s", msg());
    agro_dssat_exp_free(x);
    /* ... under the options that read it: IRRIG R runs */
    x = load(iuaf_auto("B1R.MZX", 'R', rows));
    cr_expect_eq(agro_dssat_run_treatment(ctx, x, 4, DSSAT, &r), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
    x = NULL;
    /* negative water */
    cr_expect_eq(agro_dssat_exp_load(ctx, iuaf_auto("B2.MZX", 'A', " 1 IR             30    50   100 GS000 IR001    10     1    -5     0"), &x),
                 AGRO_EFORMAT);
    cr_expect(strstr(msg(), "B2.MZX:79: AVWAT") != NULL, "%s", msg());
    /* more rows than DSSAT's 20 */
    size_t k = 0;
    for (int i = 0; i < 21; i++)
        k += (size_t)snprintf(rows + k, sizeof rows - k, "%s%s", i ? "\n" : "",
                              i ? " 1 IR             30    50   100 GS001 IR001    10     1   -99     0" : row1);
    cr_expect_eq(agro_dssat_exp_load(ctx, iuaf_auto("B3.MZX", 'A', rows), &x), AGRO_ELIMIT);
    cr_expect(strstr(msg(), "B3.MZX:99: IMDEP") != NULL, "%s", msg());
    /* T on a row without a fixed amount */
    snprintf(rows, sizeof rows, "%s\n%s", row1, " 1 IR             30    50   100 GS003 IR001   -99     1   -99     0");
    x = load(iuaf_auto("B4.MZX", 'T', rows));
    cr_expect_eq(agro_dssat_run_treatment(ctx, x, 4, DSSAT, &r), AGRO_EMISSING);
    cr_expect(strstr(msg(), "IRAMT") != NULL && strstr(msg(), "row 2") != NULL, "%s", msg());
    agro_dssat_exp_free(x);
}

Test(dssat_run, multi_year_runs_move_every_date_on)
{
    /* SIAZ9501 with NYERS 2: season 0 is the experiment itself, season 1 the same management a
       year later on the 1996 weather (SIAZ9601.WTH), as DSSAT's seasonal runs */
    const char *p = patched(MAIZE "/SIAZ9501.MZX", "Y2.MZX", " 1 GE              1     1     S 95136",
                            " 1 GE              2     1     S 95136");
    agro_dssat_exp *x = load(p), *x0 = load(MAIZE "/SIAZ9501.MZX");
    agro_dssat_run_options o;
    agro_dssat_run_options_default(&o);
    cr_expect_eq(o.season, 0);
    agro_dssat_result r0, r, r1;
    cr_assert_eq(agro_dssat_run_treatment(ctx, x0, 8, DSSAT, &r0), AGRO_OK, "%s", msg());
    cr_assert_eq(agro_dssat_run_treatment_opts(ctx, x, 8, DSSAT, &o, &r, NULL, 0, NULL), AGRO_OK, "%s", msg());
    cr_expect_eq(memcmp(&r0.summary, &r.summary, sizeof r.summary), 0);
    o.season = 1;
    cr_assert_eq(agro_dssat_run_treatment_opts(ctx, x, 8, DSSAT, &o, &r1, NULL, 0, NULL), AGRO_OK, "%s", msg());
    cr_expect_eq(r1.summary.sowing_year, 1996);
    cr_expect_eq(r1.summary.sowing_doy, 137);
    /* every reported irrigation moves along (a date left in 1995 would be dropped as before
       the start), and so does the observed emergence (left behind, it would come before
       planting: an error) */
    cr_expect_float_eq(r1.summary.ircm_mm, r0.summary.ircm_mm, 1e-9);
    cr_expect(r1.summary.hwam_kg_ha > 0 && r1.summary.hwam_kg_ha != r0.summary.hwam_kg_ha,
              "1996 %g vs 1995 %g kg/ha", r1.summary.hwam_kg_ha, r0.summary.hwam_kg_ha);
    cr_log_info("SIAZ9501 trt 8: 1995 %.0f kg/ha, 1996 %.0f kg/ha", r0.summary.hwam_kg_ha,
                r1.summary.hwam_kg_ha);
    /* a season beyond NYERS − 1, or before 0, is refused naming the option */
    o.season = 2;
    cr_expect_eq(agro_dssat_run_treatment_opts(ctx, x, 8, DSSAT, &o, &r1, NULL, 0, NULL), AGRO_ERANGE);
    cr_expect(strstr(msg(), "season") != NULL && strstr(msg(), "NYERS = 2") != NULL, "%s", msg());
    o.season = 1;
    cr_expect_eq(agro_dssat_run_treatment_opts(ctx, x0, 8, DSSAT, &o, &r1, NULL, 0, NULL), AGRO_ERANGE);
    o.season = -1;
    cr_expect_eq(agro_dssat_run_treatment_opts(ctx, x, 8, DSSAT, &o, &r1, NULL, 0, NULL), AGRO_ERANGE);
    agro_dssat_exp_free(x);
    agro_dssat_exp_free(x0);
}

/* The A-file reader is crop-neutral: the soybean calibration set of the README (57 observed
 * yields, 49 R1 and 49 maturity dates, mean 2833 kg/ha, 50.3 and 120.1 DAP) comes out of the
 * 21 .SBA files read against their .SBX (three of them hold rows of treatments the X file
 * comments out, and two use the "*EXP:" / "*EXP.DATA" section spellings). */
Test(dssat_observed, soybean_calibration_set_matches_the_readme)
{
    DIR *d = opendir(DSSAT "/Soybean");
    cr_assert_not_null(d);
    struct dirent *e;
    double sy = 0, sa = 0, sm = 0;
    int ny = 0, na = 0, nm = 0, nf = 0;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 4 || strcasecmp(e->d_name + len - 4, ".SBA") != 0)
            continue;
        char xp[700], ap[700];
        snprintf(ap, sizeof ap, DSSAT "/Soybean/%s", e->d_name);
        snprintf(xp, sizeof xp, "%s", ap);
        xp[strlen(xp) - 1] = 'X';
        agro_dssat_exp *x = load(xp);
        agro_dssat_observed o[40];
        int32_t n = 0;
        cr_assert_eq(agro_dssat_observed_load(ctx, ap, x, o, 40, &n), AGRO_OK, "%s", msg());
        for (int k = 0; k < n; k++) {
            if (isfinite(o[k].yield_kg_ha)) { sy += o[k].yield_kg_ha; ny++; }
            if (isfinite(o[k].anthesis_dap)) { sa += o[k].anthesis_dap; na++; }
            if (isfinite(o[k].maturity_dap)) { sm += o[k].maturity_dap; nm++; }
        }
        agro_dssat_exp_free(x);
        nf++;
    }
    closedir(d);
    cr_expect_eq(nf, 21);
    cr_expect_eq(ny, 57);
    cr_expect_eq(na, 49);
    cr_expect_eq(nm, 49);
    cr_expect_float_eq(sy / ny, 2833, 0.5);
    cr_expect_float_eq(sa / na, 50.3, 0.05);
    cr_expect_float_eq(sm / nm, 120.1, 0.05);
}

/* The runner's day loop (needed for chained weather files, growth-chamber weather and
 * automatic irrigation) gives what agro_season_run gives on the same season. */
static double season_run_hwam(const char *xfile, int32_t trt, const char *wth, double tav_C,
                              double amp_C, agro_season_summary *out);

static void compare_with_season_run(const char *stock, int32_t trt, const char *wth)
{
    /* at a fixed CO2 (option D): under M the runner follows CO2048.WDA's monthly records day
       by day, which the season spec, one CO2 for the season, does not carry */
    char name[32];
    snprintf(name, sizeof name, "D%d.MZX", (int)trt);
    const char *xfile = patched(stock, name,
                                " 1 OP              Y     Y     N     N     N     N     N     Y     M",
                                " 1 OP              Y     Y     N     N     N     N     N     Y     D");
    agro_dssat_exp *x = load(xfile);
    agro_dssat_result r;
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, trt, DSSAT, &r), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
    agro_season_summary sum;
    season_run_hwam(xfile, trt, wth, NAN, NAN, &sum);
    cr_expect_float_eq(r.summary.hwam_kg_ha, sum.hwam_kg_ha, 1e-9);
    cr_expect_eq(r.summary.anthesis_dap, sum.anthesis_dap);
    cr_expect_eq(r.summary.maturity_dap, sum.maturity_dap);
    cr_expect_eq(r.summary.n_days, sum.n_days);
    cr_expect_float_eq(r.summary.ircm_mm, sum.ircm_mm, 1e-9);
    cr_expect_float_eq(r.summary.nlcm_kg_ha, sum.nlcm_kg_ha, 1e-9);
}

/* CO2 option M follows CO2048.WDA's monthly records day by day (CO2VAL RATE): UFGA8201 trt 1 as
 * it is grows the crop of a copy whose environment modifications replace the CO2 by the same
 * records on their dates (ECO2 R), to the last bit. The runner held the planting year's
 * mid-year value (341.14 ppm) all season. */
Test(dssat_run, co2_option_m_follows_the_monthly_records_day_by_day)
{
    agro_dssat_result m, rows;
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &m), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
    static const int32_t day[10] = {56, 74, 105, 135, 166, 196, 227, 258, 288, 319};
    char text[1200];
    size_t len = 0;
    for (int i = 0; i < 10; i++)
        len += (size_t)snprintf(text + len, sizeof text - len,
                                " 1 82%03d A   0 A   0 A   0 A   0 A 0.0 R%6.2f A   0 A   0 test\n",
                                (int)day[i], agro_dssat_co2_ppm_on(1982, day[i]));
    ufga_envmod_rows("CM.MZX", text, &rows);
    cr_assert_gt(m.summary.cwam_kg_ha, 0);
    cr_expect_eq(m.summary.cwam_kg_ha, rows.summary.cwam_kg_ha, "%.9g vs %.9g kg/ha",
                 m.summary.cwam_kg_ha, rows.summary.cwam_kg_ha);
    cr_expect_eq(m.summary.escm_mm, rows.summary.escm_mm);
}

Test(dssat_run, day_loop_matches_agro_season_run)
{
    compare_with_season_run(MAIZE "/UFGA8201.MZX", 4, DSSAT "/Weather/UFGA8201.WTH");
    compare_with_season_run(MAIZE "/IUAF9901.MZX", 2, DSSAT "/Weather/IUAF9901.WTH"); /* harvest */
    compare_with_season_run(MAIZE "/SIAZ9501.MZX", 8, DSSAT "/Weather/SIAZ9501.WTH");
}

/* agro_season_run on a DSSAT treatment with the given TAV and AMP (NaN: the weather's), its
   yield returned and its summary in *out. */
static double season_run_hwam(const char *xfile, int32_t trt, const char *wth, double tav_C,
                              double amp_C, agro_season_summary *out)
{
    agro_dssat_exp *x = load(xfile);
    agro_soil_profile soil;
    prepared_soil(x, trt, &soil);
    char cul[16];
    agro_dssat_treatment_text(x, trt, AGRO_DSSAT_TEXT_CULTIVAR_ID, cul, sizeof cul);
    agro_maize_cultivar cv;
    cr_assert_eq(agro_maize_cultivar_load_dssat(ctx, DSSAT "/Genotype/MZCER048.CUL",
                                                DSSAT "/Genotype/MZCER048.ECO", cul, &cv),
                 AGRO_OK, "%s", msg());
    agro_weather *w = NULL;
    cr_assert_eq(agro_weather_load_wth(ctx, wth, &w), AGRO_OK, "%s", msg());
    agro_weather_info in;
    agro_weather_get_info(w, &in);
    agro_dssat_site site = {in.latitude_deg, isnan(tav_C) ? in.tav_C : tav_C,
                            isnan(amp_C) ? in.amp_C : amp_C, NAN, in.wndht_m};
    cr_assert_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, xfile, &S), AGRO_OK, "%s", msg());
    int32_t nd = 0;
    cr_assert_eq(agro_season_run(ctx, &S, w, out, NULL, 0, &nd), AGRO_OK, "%s", msg());
    agro_weather_free(w);
    agro_dssat_exp_free(x);
    return out->hwam_kg_ha;
}

/* IBWA8302.WTH gives TAV and AMP as -99: DSSAT-CSM 4.8 (IPWTH_alt.for 014bdee) then uses 20 and
   5 degC for the soil temperature, not the values agro_weather_info computes from the days
   (about 23.5 and 2.8 for this Hawaiian winter). The runner's unfertilised IBWA8301 crop is the
   season run with 20 / 5, and differs from the one with the computed values (the warmer
   subsoil mineralises more N: 2132 against 2074 kg/ha with the season spec of the stock file; DSSAT-CSM
   4.8.6 1930). */
Test(dssat_run, missing_tav_and_amp_are_dssat_defaults_not_computed)
{
    /* at a fixed CO2 (option D), which the season spec carries as the runner applies it */
    const char *xf = patched(MAIZE "/IBWA8301.MZX", "TAV.MZX",
                             " 1 OP              Y     Y     N     N     N     N     N     Y     M",
                             " 1 OP              Y     Y     N     N     N     N     N     Y     D");
    agro_dssat_exp *x = load(xf);
    agro_dssat_result r;
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &r), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
    agro_weather *w = NULL;
    cr_assert_eq(agro_weather_load_wth(ctx, DSSAT "/Weather/IBWA8302.WTH", &w), AGRO_OK, "%s", msg());
    agro_weather_info in;
    agro_weather_get_info(w, &in);
    agro_weather_free(w);
    cr_expect_gt(in.tav_C, 21.0); /* computed from the days: the library's own fallback */
    agro_season_summary d, c;
    double hd = season_run_hwam(xf, 1, DSSAT "/Weather/IBWA8302.WTH", 20.0, 5.0, &d);
    double hc = season_run_hwam(xf, 1, DSSAT "/Weather/IBWA8302.WTH", NAN, NAN, &c);
    cr_expect_float_eq(r.summary.hwam_kg_ha, hd, 1e-9);
    cr_expect_float_eq(r.summary.nucm_kg_ha, d.nucm_kg_ha, 1e-9);
    cr_expect_neq(hc, hd, "computed %g, DSSAT defaults %g", hc, hd);
    /* the stock file (CO2 M, the season spec at its start day's record) shows the size */
    hd = season_run_hwam(MAIZE "/IBWA8301.MZX", 1, DSSAT "/Weather/IBWA8302.WTH", 20.0, 5.0, &d);
    hc = season_run_hwam(MAIZE "/IBWA8301.MZX", 1, DSSAT "/Weather/IBWA8302.WTH", NAN, NAN, &c);
    cr_expect_gt(fabs(hc - hd), 20.0, "computed %g, DSSAT defaults %g", hc, hd);
}

Test(dssat_spec, residues_map_to_incorporated_fresh_organic_matter_with_their_n)
{
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    hand_soil(&soil);
    hand_cultivar(&cv);
    agro_dssat_site site = {-15.59, NAN, NAN, NAN, NAN};
    /* EBPL8501 trt 2: mucuna 5590 kg/ha, RESN 3.33 %, RINP -99 with RDEP 20 cm: all of it
       incorporated to 20 cm (DSSAT IPRES: missing RINP = 100 % when a depth is given) */
    agro_dssat_exp *x = load(MAIZE "/EBPL8501.MZX");
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 2, &T), AGRO_OK, "%s", msg());
    cr_assert_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "EBPL8501.MZX", &S), AGRO_OK, "%s", msg());
    int found = 0;
    for (int i = 0; i < S.n_events; i++) {
        const agro_event *e = &S.events[i];
        if (e->type != AGRO_EVENT_RESIDUE || e->amount < 1000) continue;
        found++;
        cr_expect_float_eq(e->amount, 5590, 1e-9);
        cr_expect_float_eq(e->depth_cm, 20, 1e-12);
        cr_expect_float_eq(e->n_pct, 3.33, 1e-12);
        cr_expect_eq(e->year, 1984);
        cr_expect_eq(e->doy, 357);
    }
    cr_expect_eq(found, 1);
    /* RINP 40 % at 5 cm: 40 % goes at least 15 cm deep (IPRES), 60 % stays as surface mulch;
       RESN missing: SCN of the residue type, RE001 1.10 % (OM_Place, RESCH048.SDA), with its
       SCP 0.20 % for P; lignin under CERES (MESOM G): RE001's PRLIG 0.15 in the soil (SoilOrg.for
       IPSOIL(RESTYPE)), PSLIG 0.10 on the surface (a mulch CERES does not decompose) */
    T.res_incorporation_pct[0] = 40;
    T.res_depth_cm[0] = 5;
    T.res_n_pct[0] = NAN;
    cr_assert_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "EBPL8501.MZX", &S), AGRO_OK, "%s", msg());
    double inc = 0, surf = 0;
    for (int i = 0; i < S.n_events; i++) {
        const agro_event *e = &S.events[i];
        if (e->type != AGRO_EVENT_RESIDUE) continue;
        cr_expect_float_eq(e->n_pct, 1.10, 1e-12);
        cr_expect_float_eq(e->p_pct, 0.20, 1e-12);
        cr_expect_float_eq(e->lignin_frac, e->depth_cm > 0 ? 0.15 : 0.10, 1e-12);
        if (e->depth_cm > 0) {
            inc += e->amount;
            cr_expect_float_eq(e->depth_cm, 15, 1e-12);
        } else {
            surf += e->amount;
        }
    }
    cr_expect_float_eq(inc, 0.4 * 5590, 1e-9);
    cr_expect_float_eq(surf, 0.6 * 5590, 1e-9);
    /* soybean residue RE106: PRLIG 0.21; barnyard manure RE003 has no PRLIG (-99): its PSLIG
       0.07 (DSSAT-CSM 4.8 IPSOIL.for) */
    const int32_t types[2] = {106, 3};
    const double prlig[2] = {0.21, 0.07};
    for (int k = 0; k < 2; k++) {
        T.res_material[0] = types[k];
        cr_assert_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "EBPL8501.MZX", &S), AGRO_OK, "%s", msg());
        for (int i = 0; i < S.n_events; i++)
            if (S.events[i].type == AGRO_EVENT_RESIDUE && S.events[i].depth_cm > 0)
                cr_expect_float_eq(S.events[i].lignin_frac, prlig[k], 1e-12, "RE%03d", types[k]);
    }
    agro_dssat_exp_free(x);
}

/* The ROOT_RESIDUE events of a season spec: how many, and the last one in @p out. */
static int root_events(const agro_season_spec *s, agro_event *out)
{
    int n = 0;
    for (int i = 0; i < s->n_events; i++)
        if (s->events[i].type == AGRO_EVENT_ROOT_RESIDUE) {
            n++;
            *out = s->events[i];
        }
    return n;
}

/* Treatment 1 of the X file @p path (a patched UFGA8201 or GAGR0201) mapped to a season. */
static void spec_of(const char *path)
{
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    hand_soil(&soil);
    hand_cultivar(&cv);
    agro_dssat_site site = {29.6, NAN, NAN, NAN, NAN};
    agro_dssat_exp *x = load(path);
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_assert_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "X.MZX", &S), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
}

/* Treatment 1 of @p path must not map: AGRO_ERANGE naming @p field and the line of IC row
 * @p row (0-based), with @p text in the message. */
static void expect_ic_refused(const char *path, const char *field, int row, const char *text)
{
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    hand_soil(&soil);
    hand_cultivar(&cv);
    agro_dssat_site site = {29.6, NAN, NAN, NAN, NAN};
    agro_dssat_exp *x = load(path);
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE,
                 "%s", field);
    char at[64];
    snprintf(at, sizeof at, "X.MZX:%d: %s: ", (int)T.line_ic[row], field);
    cr_expect(T.line_ic[row] > 0 && strstr(msg(), at) && strstr(msg(), text), "%s: %s", at, msg());
    agro_dssat_exp_free(x);
}

/* DSSAT's IPSLIN maps the IC layers onto the soil layers (LMATCH) and then stops on a layer with
 * SH2O above 0.75 (water simulated) or SNH4 or SNO3 above 100 ppm (N simulated): the runner
 * refuses the same, naming the IC row, where it used to cap the water at SAT and take any N. A
 * row above the limit whose soil layer's mean is not passes, as in DSSAT. The hand soil's
 * layers end at 10, 30 and 60 cm; UFGA8201's IC rows at 5, 15, 30, 60 ... cm. */
Test(dssat_spec, initial_conditions_above_ipslin_limits_are_refused)
{
    const char *r1 = " 1     5  .086    .5    .1", *r2 = " 1    15  .086    .5    .1";
    const char *r3 = " 1    30  .086    .5    .1", *r4 = " 1    60  .086    .5    .1";
    /* 0.90 over 0-5 cm, 0.70 over 5-15: 0.80 over the 0-10 cm layer, named by the 0.90 row */
    const char *p = patched(MAIZE "/UFGA8201.MZX", "I1.MZX", r1, " 1     5   .90    .5    .1");
    spec_of(p); /* alone, 0.90 over 0-5 cm averages to 0.493 in the layer: it passes */
    cr_expect_float_eq(S.options.sw[0], 0.5 * (0.90 + 0.086), 1e-12);
    p = patched(p, "I2.MZX", r2, " 1    15   .70    .5    .1");
    expect_ic_refused(p, "SH2O", 0, "initial water 0.8 cm3/cm3 in soil layer 1 (0-10 cm");
    /* SNH4 150 ppm over 30-60 cm: soil layer 3 */
    p = patched(MAIZE "/UFGA8201.MZX", "I3.MZX", r4, " 1    60  .086   150    .1");
    expect_ic_refused(p, "SNH4", 3, "initial NH4 150 ppm in soil layer 3 (30-60 cm");
    /* SNO3 140 ppm over 15-30 cm: (5 x 0.1 + 15 x 140)/20 = 105.025 ppm in the 10-30 cm layer;
       at 120 ppm it is 90.025 and passes */
    p = patched(MAIZE "/UFGA8201.MZX", "I4.MZX", r3, " 1    30  .086    .5   140");
    expect_ic_refused(p, "SNO3", 2, "initial NO3 105.025 ppm in soil layer 2 (10-30 cm");
    p = patched(MAIZE "/UFGA8201.MZX", "I5.MZX", r3, " 1    30  .086    .5   120");
    spec_of(p);
    cr_expect_float_eq(S.options.no3_ppm[1], 90.025, 1e-9);
    /* the limits hold only for what is simulated: N off takes the 150 ppm, water off the 0.80 */
    p = patched(MAIZE "/UFGA8201.MZX", "I6.MZX", r4, " 1    60  .086   150    .1");
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    hand_soil(&soil);
    hand_cultivar(&cv);
    agro_dssat_site site = {29.6, NAN, NAN, NAN, NAN};
    agro_dssat_exp *x = load(p);
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    T.nitrogen = 'N';
    cr_expect_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "X.MZX", &S), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
    x = load(patched(patched(MAIZE "/UFGA8201.MZX", "I7.MZX", r1, " 1     5   .90    .5    .1"),
                     "I8.MZX", r2, " 1    15   .70    .5    .1"));
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    T.water = 'N';
    cr_expect_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "X.MZX", &S), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
}

Test(dssat_spec, previous_crop_roots_become_one_root_residue_event_at_rcn)
{
    const char *ufga = MAIZE "/UFGA8201.MZX";
    const char *row = " 1    MZ 82056   100     0";
    agro_event e;
    /* UFGA8201 trt 1: PCR MZ, ICRT 100, ICND 0: 100 kg/ha at RCN 0.90 % on SDATE 82056 */
    spec_of(ufga);
    cr_expect_float_eq(T.ic_root_n_pct, 0.90, 1e-12);
    char buf[8];
    agro_dssat_exp *x = load(ufga);
    cr_expect_eq(agro_dssat_treatment_text(x, 1, AGRO_DSSAT_TEXT_PREVIOUS_CROP, buf, sizeof buf), AGRO_OK);
    cr_expect_str_eq(buf, "MZ");
    agro_dssat_exp_free(x);
    cr_assert_eq(root_events(&S, &e), 1);
    cr_expect_float_eq(e.amount, 100, 1e-12);
    cr_expect_float_eq(e.n_pct, 0.90, 1e-12);
    /* CERES (MESOM G) as CENTURY: the previous crop's PRLIG, maize 0.10 (SoilOrg_init.for,
       IPSOIL(CROP=PREV_CROP)) */
    cr_expect_float_eq(e.lignin_frac, 0.10, 1e-12);
    cr_expect_eq(e.year, 1982);
    cr_expect_eq(e.doy, 56);
    cr_expect_eq(S.start_doy, 56);
    /* GAGR0201: ICRT 0, ICND 0: no event (its PCR SB still gives RCN 0.75 %) */
    spec_of(MAIZE "/GAGR0201.MZX");
    cr_expect_float_eq(T.ic_root_n_pct, 0.75, 1e-12);
    cr_expect_eq(root_events(&S, &e), 0);
    /* a soybean PCR takes the soybean row (0.75 %), one not in RESCH048 or -99 the generic
       RE001 row (0.90 %) */
    spec_of(patched(ufga, "SB.MZX", row, " 1    SB 82056   100     0"));
    cr_expect_float_eq(T.ic_root_n_pct, 0.75, 1e-12);
    cr_assert_eq(root_events(&S, &e), 1);
    cr_expect_float_eq(e.n_pct, 0.75, 1e-12);
    cr_expect_float_eq(e.lignin_frac, 0.21, 1e-12); /* soybean PRLIG (RESCH048 RE106) */
    spec_of(patched(ufga, "MC.MZX", row, " 1    MC 82056   100     0"));
    cr_expect_float_eq(T.ic_root_n_pct, 2.00, 1e-12); /* mucuna */
    spec_of(patched(ufga, "ZZ.MZX", row, " 1    ZZ 82056   100     0"));
    cr_expect_float_eq(T.ic_root_n_pct, 0.90, 1e-12);
    cr_assert_eq(root_events(&S, &e), 1);
    cr_expect_float_eq(e.lignin_frac, 0.15, 1e-12); /* RE001's PRLIG (IPSOIL: JJ = 1) */
    spec_of(patched(ufga, "WH.MZX", row, " 1    WH 82056   100     0"));
    cr_expect_float_eq(T.ic_root_n_pct, 0.50, 1e-12); /* not the generic value: the table is read */
    spec_of(patched(ufga, "NO.MZX", row, " 1   -99 82056   100     0"));
    cr_expect_float_eq(T.ic_root_n_pct, 0.90, 1e-12);
    cr_assert_eq(root_events(&S, &e), 1);
    cr_expect_float_eq(e.n_pct, 0.90, 1e-12);
    /* nodules ICND 50 at 0.30/6.25 = 4.8 % N with wheat roots: 150 kg at
       100·(100·0.50/100 + 0.048·50)/150 = 100·(0.5 + 2.4)/150 % */
    spec_of(patched(ufga, "ND.MZX", row, " 1    WH 82056   100    50"));
    cr_assert_eq(root_events(&S, &e), 1);
    cr_expect_float_eq(e.amount, 150, 1e-12);
    cr_expect_float_eq(e.n_pct, 100.0 * 2.9 / 150.0, 1e-12);
    /* negative or missing ICRT counts as 0: nodules alone; both missing: nothing */
    spec_of(patched(ufga, "NR.MZX", row, " 1    MZ 82056   -50    50"));
    cr_assert_eq(root_events(&S, &e), 1);
    cr_expect_float_eq(e.amount, 50, 1e-12);
    cr_expect_float_eq(e.n_pct, 4.8, 1e-12);
    spec_of(patched(ufga, "NN.MZX", row, " 1    MZ 82056   -99   -99"));
    cr_expect_eq(root_events(&S, &e), 0);
    /* a hand-made treatment whose RCN is unknown is refused rather than guessed */
    spec_of(ufga);
    T.ic_root_n_pct = NAN;
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    hand_soil(&soil);
    hand_cultivar(&cv);
    agro_dssat_site site = {29.6, NAN, NAN, NAN, NAN};
    cr_expect_eq(agro_dssat_season_spec(ctx, &T, &soil, &cv, &site, "X.MZX", &S), AGRO_ERANGE);
    cr_expect(strstr(msg(), "X.MZX:34: PCR") != NULL, "%s", msg());
}

Test(dssat_run, previous_crop_roots_hold_n_back_then_release_it)
{
    /* UFGA8201 trt 1 (no fertiliser, rainfed) with ICRT 100 kg/ha as in the file and with
       1500 kg/ha: roots at 0.9 % N (C:N 44) immobilise mineral N while their carbohydrate
       decomposes, then release it; the N balance stays closed */
    static agro_field_daily d1[400], d2[400];
    int32_t n1 = 0, n2 = 0;
    agro_dssat_result base, more;
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    cr_assert_eq(agro_dssat_run_treatment_daily(ctx, x, 1, DSSAT, &base, d1, 400, &n1), AGRO_OK,
                 "%s", msg());
    agro_dssat_exp_free(x);
    x = load(patched(MAIZE "/UFGA8201.MZX", "R.MZX", " 1    MZ 82056   100     0",
                     " 1    MZ 82056  1500     0"));
    cr_assert_eq(agro_dssat_run_treatment_daily(ctx, x, 1, DSSAT, &more, d2, 400, &n2), AGRO_OK,
                 "%s", msg());
    agro_dssat_exp_free(x);
    cr_expect_lt(base.summary.n_balance_error_kg_ha, 1e-6);
    cr_expect_lt(more.summary.n_balance_error_kg_ha, 1e-6);
    cr_assert(n1 > 40 && n2 > 40);
    double early1 = d1[10].no3_kg_ha + d1[10].nh4_kg_ha, early2 = d2[10].no3_kg_ha + d2[10].nh4_kg_ha;
    /* the release passes +1 kg N/ha on day 30 with DSSAT 4.8.0's warmer STEMP surface term and
       on day 35 with 4.8.2's (the default) */
    double late1 = d1[40].no3_kg_ha + d1[40].nh4_kg_ha, late2 = d2[40].no3_kg_ha + d2[40].nh4_kg_ha;
    cr_expect_lt(early2, early1 - 0.2, "day 10: %g with 1500 kg roots vs %g kg N/ha", early2, early1);
    cr_expect_gt(late2, late1 + 1.0, "day 40: %g with 1500 kg roots vs %g kg N/ha", late2, late1);
}

Test(dssat_run, ebpl8501_sadc_retards_leaching_and_mucuna_n_reaches_the_crop)
{
    /* EB.SOL EBMZ850001 has SADC up to 1.6 cm3/g in the subsoil; treatment 2 adds 186 kg N/ha
       of incorporated mucuna. Both seasons keep the field N balance closed. */
    agro_dssat_exp *x = load(MAIZE "/EBPL8501.MZX");
    agro_dssat_result r1, r2;
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &r1), AGRO_OK, "%s", msg());
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 2, DSSAT, &r2), AGRO_OK, "%s", msg());
    cr_expect_lt(r1.summary.n_balance_error_kg_ha, 1e-6);
    cr_expect_lt(r2.summary.n_balance_error_kg_ha, 1e-6);
    /* without adsorption about 195 of 200 kg N/ha of profile nitrate leach in 450 mm */
    cr_expect_lt(r1.summary.nlcm_kg_ha, 120.0, "leached %g kg N/ha", r1.summary.nlcm_kg_ha);
    cr_expect_gt(r2.summary.nucm_kg_ha, r1.summary.nucm_kg_ha + 20.0, "uptake %g vs %g kg N/ha",
                 r2.summary.nucm_kg_ha, r1.summary.nucm_kg_ha);
    cr_expect_gt(r2.yield_kg_ha, r1.yield_kg_ha);
    agro_dssat_exp_free(x);
}

/* The soil analysis enters the profile as DSSAT's IPSLAN/LMATCH put it: depth-weighted means of
 * the SA layers a soil layer overlaps; a layer touching a missing value, or below the last SA
 * layer, keeps its .SOL value; a column whose first SA layer is missing is not used at all. */
Test(dssat_spec, soil_analysis_replaces_profile_values_by_depth_weighted_means)
{
    agro_soil_profile soil;
    memset(&soil, 0, sizeof soil);
    soil.n_layers = 5;
    const double bottom[5] = {5, 15, 30, 60, 90};
    for (int l = 0; l < 5; l++) {
        soil.depth_cm[l] = bottom[l];
        soil.organic_carbon_pct[l] = 1.0;
        soil.bulk_density_g_cm3[l] = 1.5;
        soil.total_n_pct[l] = 0.1;
        soil.ph_water[l] = 6.0;
    }
    memset(&T, 0, sizeof T);
    T.sa_n_layers = 2;
    T.sa_depth_cm[0] = 10, T.sa_depth_cm[1] = 40;
    T.sa_organic_carbon_pct[0] = 2.0, T.sa_organic_carbon_pct[1] = 0.5;
    T.sa_bulk_density_g_cm3[0] = NAN, T.sa_bulk_density_g_cm3[1] = 1.2; /* first missing: unused */
    T.sa_total_n_pct[0] = 0.2, T.sa_total_n_pct[1] = NAN;
    T.sa_ph_water[0] = 7.0, T.sa_ph_water[1] = 5.0;
    cr_assert_eq(agro_dssat_soil_analysis_apply(ctx, &T, &soil), AGRO_OK, "%s", msg());
    const double oc[5] = {2.0, (2.0 * 5 + 0.5 * 5) / 10, 0.5, 0.5, 1.0};
    const double tn[5] = {0.2, 0.1, 0.1, 0.1, 0.1};
    const double ph[5] = {7.0, 6.0, 5.0, 5.0, 6.0};
    for (int l = 0; l < 5; l++) {
        cr_expect_float_eq(soil.organic_carbon_pct[l], oc[l], 1e-12, "OC layer %d: %g", l + 1,
                           soil.organic_carbon_pct[l]);
        cr_expect_float_eq(soil.total_n_pct[l], tn[l], 1e-12, "N layer %d", l + 1);
        cr_expect_float_eq(soil.ph_water[l], ph[l], 1e-12, "pH layer %d", l + 1);
        cr_expect_float_eq(soil.bulk_density_g_cm3[l], 1.5, 1e-12, "BD layer %d", l + 1);
    }
    /* no SA layers: nothing changes; an impossible value is refused naming its column */
    agro_soil_profile before = soil;
    T.sa_n_layers = 0;
    cr_expect_eq(agro_dssat_soil_analysis_apply(ctx, &T, &soil), AGRO_OK);
    cr_expect(memcmp(&before, &soil, sizeof soil) == 0);
    T.sa_n_layers = 2;
    T.sa_organic_carbon_pct[0] = 150.0;
    cr_expect_eq(agro_dssat_soil_analysis_apply(ctx, &T, &soil), AGRO_ERANGE);
    cr_expect(strstr(msg(), "SAOC") != NULL, "%s", msg());
    cr_expect_eq(agro_dssat_soil_analysis_apply(ctx, NULL, &soil), AGRO_EINVAL);

    /* GHWA0401 treatment 1 on its soil GHWA040001: SAOC 0.48/0.44/0.35/0.35/0.34 at 5/20/40/
       60/90 cm replaces SLOC 0.49/0.49/0.48/0.51/0.43; SLNI and pH stay (SANI, SAPHW -99) */
    agro_dssat_exp *x = load(MAIZE "/GHWA0401.MZX");
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
    cr_assert_eq(agro_soil_load_dssat_dir(ctx, DSSAT "/Soil", "GHWA040001", &soil), AGRO_OK, "%s", msg());
    cr_assert_eq(soil.n_layers, 5, "the test expects the .SOL layers 5/20/40/60/90 cm");
    const double sol_n[5] = {0.06, 0.06, 0.06, 0.04, 0.04};
    cr_assert_eq(agro_dssat_soil_analysis_apply(ctx, &T, &soil), AGRO_OK, "%s", msg());
    const double saoc[5] = {0.48, 0.44, 0.35, 0.35, 0.34};
    for (int l = 0; l < 5; l++) {
        cr_expect_float_eq(soil.organic_carbon_pct[l], saoc[l], 1e-9, "GHWA OC layer %d", l + 1);
        cr_expect_float_eq(soil.total_n_pct[l], sol_n[l], 1e-9, "GHWA N layer %d", l + 1);
    }
}

/* PLANT = A / F (DSSAT AUTPLT.for) on UFGA8201: the window PFRST 82050 .. PLAST 82064 opens
 * with the simulation start (82056); the runner sows on the first morning the seedbed tests
 * hold, as agro_season_run does with the same spec; impossible soil temperatures leave the
 * season unplanted, or planted on PLAST when forced. */
Test(dssat_run, automatic_planting_follows_the_window)
{
    const char *src = MAIZE "/UFGA8201.MZX";
    const char *mgmt = " 1 MA              R     R     R     N     M";
    /* (patched() returns one static path: keep copies) */
    char a[512], hot[512];
    snprintf(a, sizeof a, "%s", patched(src, "A.MZX", mgmt, " 1 MA              A     R     R     N     M"));
    compare_with_season_run(a, 4, DSSAT "/Weather/UFGA8201.WTH");
    agro_dssat_exp *x = load(a);
    agro_dssat_result r;
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 4, DSSAT, &r), AGRO_OK, "%s", msg());
    cr_expect(r.summary.sowing_year == 1982 && r.summary.sowing_doy >= 56 && r.summary.sowing_doy <= 64,
              "sown %d-%03d", (int)r.summary.sowing_year, (int)r.summary.sowing_doy);
    cr_expect(r.summary.crop_failed == 0 && r.summary.hwam_kg_ha > 5000.0, "%g", r.summary.hwam_kg_ha);
    agro_dssat_exp_free(x);

    const char *pl = " 1 PL          82050 82064    40   100    30    40    10";
    snprintf(hot, sizeof hot, "%s", patched(a, "H.MZX", pl, " 1 PL          82050 82064    40   100    30    50    45"));
    x = load(hot);
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 4, DSSAT, &r), AGRO_OK, "%s", msg());
    cr_expect_eq(r.summary.crop_failed, AGRO_CROP_NOT_SOWN);
    cr_expect_eq(r.summary.n_days, 64 - 56 + 1, "the season ends with PLAST (%d days)", (int)r.summary.n_days);
    cr_expect_float_eq(r.summary.hwam_kg_ha, 0.0, 1e-12);
    agro_dssat_exp_free(x);

    const char *forced = patched(hot, "F.MZX", " 1 MA              A", " 1 MA              F");
    x = load(forced);
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 4, DSSAT, &r), AGRO_OK, "%s", msg());
    cr_expect_eq(r.summary.sowing_doy, 64);
    cr_expect(r.summary.crop_failed == 0 && r.summary.hwam_kg_ha > 5000.0);
    agro_dssat_exp_free(x);

    /* a window without its criteria is refused naming the missing one */
    const char *bad = patched(a, "B.MZX", pl, " 1 PL          82050 82064   -99   100    30    40    10");
    x = load(bad);
    cr_expect_eq(agro_dssat_run_treatment(ctx, x, 4, DSSAT, &r), AGRO_EMISSING);
    cr_expect(strstr(msg(), "PH2OL") != NULL, "%s", msg());
    agro_dssat_exp_free(x);
}

/* IUAF9901 treatment 1 (HARVS R on 99304) with HARVS @p mode, its planting-controls row and
 * harvest-controls row replaced by @p pl and @p ha (NULL: kept), written to tmpdir/@p name. */
static const char *iuaf_harvest(const char *name, char mode, const char *pl, const char *ha)
{
    static char path[3][512];
    char mgmt[64], tmp[64];
    snprintf(mgmt, sizeof mgmt, " 1 MA              R     N     R     R     %c", mode);
    snprintf(tmp, sizeof tmp, "m_%s", name);
    snprintf(path[0], sizeof path[0], "%s",
             patched(MAIZE "/IUAF9901.MZX", tmp, " 1 MA              R     N     R     R     R", mgmt));
    snprintf(tmp, sizeof tmp, "p_%s", name);
    snprintf(path[1], sizeof path[1], "%s",
             patched(path[0], tmp, pl ? " 1 PL          00120 00200    25   100    30    40    10" : NULL, pl));
    snprintf(path[2], sizeof path[2], "%s",
             patched(path[1], name, ha ? " 1 HA              0 99334   100     0" : NULL, ha));
    return path[2];
}

/* Plant-available water of the top @p depth_cm as % of DUL − LL, from a daily record (DSSAT
 * AUTHAR's AVGSW, the AUTPLT form): Σ dz·max(SW − LL, 0)/(DUL − LL) / depth. */
static double avail_water_pct(const agro_soil_profile *soil, const agro_field_daily *d,
                              double depth_cm)
{
    double top = 0, sum = 0;
    for (int32_t l = 0; l < soil->n_layers && top < depth_cm; l++) {
        double bot = soil->depth_cm[l] < depth_cm ? soil->depth_cm[l] : depth_cm;
        double sw = d->sw[l] - soil->ll[l];
        sum += (bot - top) * (sw > 0 ? sw : 0) / (soil->dul[l] - soil->ll[l]);
        top = soil->depth_cm[l];
    }
    return 100.0 * sum / depth_cm;
}

static int32_t harvest_run(const char *path, agro_dssat_result *r, agro_field_daily *day)
{
    int32_t nd = 0;
    agro_dssat_exp *x = load(path);
    cr_assert_eq(agro_dssat_run_treatment_daily(ctx, x, 1, DSSAT, r, day, 400, &nd), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
    return nd;
}

Test(dssat_run, automatic_harvest_after_maturity_in_its_window)
{
    /* DSSAT AUTHAR.for, HARVS A: from the day after maturity + HFRST days, when the top PH2OD
       cm hold PH2OL..PH2OU % of their available water; past HLAST regardless */
    static agro_field_daily m[400], a[400];
    agro_dssat_result rm, ra;
    const int32_t nm = harvest_run(iuaf_harvest("M.MZX", 'M', NULL, NULL), &rm, m);
    const int32_t mat = nm - 1; /* HARVS M ends on the maturity day */
    cr_assert_eq(m[mat].stage, AGRO_MAIZE_STAGE_MATURE);
    cr_assert_neq(m[mat - 1].stage, AGRO_MAIZE_STAGE_MATURE);
    agro_soil_profile soil;
    agro_dssat_exp *x = load(MAIZE "/IUAF9901.MZX");
    prepared_soil(x, 1, &soil);
    agro_dssat_exp_free(x);

    struct {
        const char *pl, *ha;
        int32_t delay;       /* HFRST */
        int32_t forced_step; /* run day of the forced harvest, -1: by the water window */
    } c[] = {
        {NULL, NULL, 0, -1},
        {NULL, " 1 HA             12 99334   100     0", 12, -1},
        /* a window no water content meets (100..100 %) and HLAST 20 days after maturity:
           harvest the day after HLAST */
        {" 1 PL          00120 00200   100   100    30    40    10", NULL, 0, mat + 21},
        /* HLAST before maturity: the day after maturity */
        {NULL, " 1 HA              0 99200   100     0", 0, mat + 1},
    };
    char ha[64];
    for (int k = 0; k < 4; k++) {
        const char *hrow = c[k].ha;
        if (k == 2) {
            int32_t hl = m[mat].year * 1000 + m[mat].doy + 20; /* (no year end in between) */
            snprintf(ha, sizeof ha, " 1 HA              0 %5d   100     0", (int)(hl % 100000));
            hrow = ha;
        }
        char name[16];
        snprintf(name, sizeof name, "A%d.MZX", k);
        const int32_t na = harvest_run(iuaf_harvest(name, 'A', c[k].pl, hrow), &ra, a);
        const int32_t h = na - 1;
        /* the same crop; the season only ends later */
        cr_expect_eq(memcmp(a, m, (size_t)(mat + 1) * sizeof a[0]), 0, "case %d", k);
        cr_expect_eq(memcmp(&ra.summary.hwam_kg_ha, &rm.summary.hwam_kg_ha, sizeof(double)), 0,
                     "case %d: %g vs %g kg/ha", k, ra.summary.hwam_kg_ha, rm.summary.hwam_kg_ha);
        cr_expect_eq(ra.summary.maturity_doy, rm.summary.maturity_doy, "case %d", k);
        cr_expect_eq(ra.summary.harvest_year * 1000 + ra.summary.harvest_doy,
                     a[h].year * 1000 + a[h].doy, "case %d", k);
        if (c[k].forced_step >= 0) {
            cr_expect_eq(h, c[k].forced_step, "case %d: harvest on run day %d", k, (int)h);
            continue;
        }
        /* the first day after maturity, and from maturity + HFRST (HEARLY) on, whose water
           is in 25..100 % */
        const int32_t first = mat + (c[k].delay > 1 ? c[k].delay : 1);
        int32_t want = -1;
        for (int32_t i = first; i < na && want < 0; i++) {
            double aw = avail_water_pct(&soil, &a[i], 30.0);
            if (aw >= 25.0 && aw <= 100.0)
                want = i;
        }
        cr_expect_eq(h, want, "case %d: harvest on run day %d, expected %d (maturity %d)", k,
                     (int)h, (int)want, (int)mat);
        cr_expect_geq(h, first);
    }
}

Test(dssat_run, harvest_at_a_growth_stage)
{
    /* HARVS G: harvest the day the crop leaves stage HSTG of the first harvest row (AUTHAR:
       YRDOY = STGDOY(HSTG)); GS003 is silking */
    static agro_field_daily g[400];
    agro_dssat_result r;
    char p[512];
    snprintf(p, sizeof p, "%s", iuaf_harvest("G0.MZX", 'G', NULL, NULL));
    const int32_t n = harvest_run(patched(p, "G3.MZX", " 1 99304 GS000", " 1 99304 GS003"), &r, g);
    cr_expect_eq(g[n - 1].stage, AGRO_MAIZE_STAGE_SILKING_TO_GRAIN_FILL);
    cr_expect_eq(g[n - 2].stage, AGRO_MAIZE_STAGE_TI_TO_SILKING);
    cr_expect_eq(r.summary.harvest_doy, r.summary.anthesis_doy);
    cr_expect_eq(r.summary.harvest_year, r.summary.anthesis_year);
    /* without a stage it is an error naming HSTG; so is a HARVS option DSSAT lacks */
    agro_dssat_exp *x = load(p);
    cr_expect_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &r), AGRO_EMISSING);
    cr_expect(strstr(msg(), "HSTG") != NULL, "%s", msg());
    agro_dssat_exp_free(x);
    x = load(iuaf_harvest("X.MZX", 'X', NULL, NULL));
    cr_expect_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &r), AGRO_ERANGE);
    cr_expect(strstr(msg(), "HARVS") != NULL, "%s", msg());
    agro_dssat_exp_free(x);
}

Test(dssat_run, automatic_irrigation_acts_on_the_first_day)
{
    /* DSSAT's IRRIG tests the initial soil water on the simulation's first day (YRSIM): with
       ITHRL 99 % IUAF9901's initial profile (SH2O .189 in the top 20 cm) is dry enough (with
       the file's 50 % too), and F gives exactly IRAMT that day */
    static agro_field_daily day[400];
    int32_t nd = 0;
    agro_dssat_result r;
    irrigation_days(iuaf_auto("D1.MZX", 'F', " 1 IR             30    99   100 GS000 IR001    10     1   -99     0"),
                    4, &r, day, &nd);
    cr_expect_float_eq(day[0].irrigation_mm, 10.0, 1e-12);
    /* with ITHRL 10 % it does not */
    irrigation_days(iuaf_auto("D2.MZX", 'F', " 1 IR             30    10   100 GS000 IR001    10     1   -99     0"),
                    4, &r, day, &nd);
    cr_expect_eq(day[0].irrigation_mm, 0.0);
}

Test(dssat_run, irrigation_efficiency_as_dssat_reads_it)
{
    /* IRRIG.for: R and D take EFIR, 1 when it is missing (IPIRR), never the automatic row's
       IREFF; P and W take IREFF, never EFIR. UFGA8201 trt 1: EFIR 1, IREFF 1, 13 mm on 82063
       (run day 7) */
    static agro_field_daily base[400], day[400];
    int32_t nb = 0, nd = 0;
    agro_dssat_result r;
    cr_assert_eq(irrigation_days(MAIZE "/UFGA8201.MZX", 1, &r, base, &nb), 1);
    int32_t i = 0;
    while (i < nb && base[i].irrigation_mm == 0)
        i++;
    cr_assert_lt(i, nb);
    const char *efir = " 1     1   -99   -99   -99   -99   -99   -99 -99";
    const char *ireff = " 1 IR             30    50   100 GS000 IR001    10     1";
    char p[512];
    /* R without EFIR: × 1, whatever IREFF (0.5 here) says */
    snprintf(p, sizeof p, "%s", patched(MAIZE "/UFGA8201.MZX", "E1.MZX", efir, " 1   -99   -99   -99   -99   -99   -99   -99 -99"));
    irrigation_days(patched(p, "E2.MZX", ireff, " 1 IR             30    50   100 GS000 IR001    10    .5"), 1, &r, day, &nd);
    cr_expect_float_eq(day[i].irrigation_mm, base[i].irrigation_mm, 1e-12);
    cr_expect_float_eq(base[i].irrigation_mm, 13.0, 1e-12);
    /* R with EFIR 0.5: × 0.5 */
    irrigation_days(patched(MAIZE "/UFGA8201.MZX", "E6.MZX", efir, " 1    .5   -99   -99   -99   -99   -99   -99 -99"), 1, &r, day, &nd);
    cr_expect_float_eq(day[i].irrigation_mm, 0.5 * base[i].irrigation_mm, 1e-12);
    /* P with EFIR 0.5 and no IREFF: × 1 (through the reported day: same run) */
    snprintf(p, sizeof p, "%s", patched(MAIZE "/UFGA8201.MZX", "E3.MZX", efir, " 1    .5   -99   -99   -99   -99   -99   -99 -99"));
    snprintf(p, sizeof p, "%s", patched(p, "E4.MZX", ireff, " 1 IR             30    50   100 GS000 IR001    10   -99"));
    irrigation_days(patched(p, "E5.MZX", " 1 MA              R     R", " 1 MA              R     P"), 1, &r, day, &nd);
    cr_expect_float_eq(day[i].irrigation_mm, 13.0, 1e-12);
}

/* ------------------------------------------------------------------------------------ */
/* DISES = Y: pest and damage progress of the T file                                      */

TestSuite(dssat_pest, .init = setup, .fini = teardown);

/* tmpdir/data with Weather, Soil and Genotype linked to the shared folder and Maize holding
 * IUAF9902.MZX (linked) beside the T file @p tfile (written); returns the data folder. */
static const char *pest_data(const char *tfile, char *xpath, size_t n)
{
    static char data[300];
    char sub[400], link[500];
    snprintf(data, sizeof data, "%s/data", tmpdir);
    cr_assert_eq(mkdir(data, 0700), 0);
    static const char *const names[3] = {"Weather", "Soil", "Genotype"};
    for (int k = 0; k < 3; k++) {
        snprintf(link, sizeof link, "%s/%s", data, names[k]);
        snprintf(sub, sizeof sub, DSSAT "/%s", names[k]);
        cr_assert_eq(symlink(sub, link), 0);
    }
    snprintf(sub, sizeof sub, "%s/Maize", data);
    cr_assert_eq(mkdir(sub, 0700), 0);
    snprintf(xpath, n, "%s/IUAF9902.MZX", sub);
    cr_assert_eq(symlink(MAIZE "/IUAF9902.MZX", xpath), 0);
    if (tfile) {
        const char *p = write_text("IUAF9902.MZT", tfile);
        snprintf(link, sizeof link, "%s/IUAF9902.MZT", sub);
        cr_assert_eq(rename(p, link), 0);
    }
    return data;
}

static void pest_data_remove(void)
{
    char p[500];
    static const char *const names[5] = {"Weather", "Soil", "Genotype", "Maize/IUAF9902.MZX",
                                         "Maize/IUAF9902.MZT"};
    for (int k = 0; k < 5; k++) {
        snprintf(p, sizeof p, "%s/data/%s", tmpdir, names[k]);
        unlink(p);
    }
    snprintf(p, sizeof p, "%s/data/Maize", tmpdir);
    rmdir(p);
    snprintf(p, sizeof p, "%s/data", tmpdir);
    rmdir(p);
}

/* IUAF9902 is planted on 1999-147 */
static const char PEST_T[] =
    "*EXP. DATA (T): IUAF9902MZ synthetic pest progress\n"
    "\n"
    "@TRNO   DATE  PLAD  PLMD  NWPD\n"
    "     3 99140  50.0   -99   -99\n"  /* before planting: left out */
    "     3 99200  20.0   -99   -99\n"
    "     3 99190  10.0   -99   -99\n"  /* out of order */
    "     3 99200  40.0   -99   -99\n"  /* same date: averaged with 20 */
    "     3 99210   0.0   5.0   -99\n"
    "     7 99201   -99   -99   3.7\n"
    "\n"
    "@TRNO   DATE  CWAD\n"
    "     3 99200  1000\n";

Test(dssat_pest, t_file_levels_are_sorted_averaged_and_interpolated_as_lindm)
{
    char xp[600];
    pest_data(PEST_T, xp, sizeof xp);
    agro_dssat_exp *x = load(xp);
    char tp[700];
    snprintf(tp, sizeof tp, "%s/data/Maize/IUAF9902.MZT", tmpdir);
    static agro_dssat_pest p;
    cr_assert_eq(agro_dssat_pest_load(ctx, tp, x, 3, &p), AGRO_OK, "%s", msg());
    cr_expect_eq(p.treatment, 3);
    cr_assert_eq(p.n_obs[AGRO_DSSAT_PEST_PLAD], 3);
    cr_expect_eq(p.date[AGRO_DSSAT_PEST_PLAD][0], 1999190);
    cr_expect_eq(p.date[AGRO_DSSAT_PEST_PLAD][1], 1999200);
    cr_expect_float_eq(p.value[AGRO_DSSAT_PEST_PLAD][1], 30.0, 1e-12);
    cr_expect_eq(p.n_obs[AGRO_DSSAT_PEST_PLMD], 1);
    cr_expect_eq(p.n_obs[AGRO_DSSAT_PEST_NWPD], 0); /* treatment 7's */
    cr_expect_str_eq(agro_dssat_pest_code(AGRO_DSSAT_PEST_PLAD), "PLAD");
    cr_expect_null(agro_dssat_pest_code(AGRO_DSSAT_PEST_N));
    static const struct { int32_t date; double leaf; } want[] = {
        {1999189, 0}, {1999190, 10}, {1999195, 20}, {1999200, 30}, {1999205, 15},
        {1999210, 5}, {1999211, 0}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        agro_crop_damage d;
        cr_assert_eq(agro_dssat_pest_damage(&p, want[k].date, &d), AGRO_OK);
        cr_expect_float_eq(d.leaf_pct, want[k].leaf, 1e-12, "%d: %g", (int)want[k].date, d.leaf_pct);
        cr_expect_eq(d.plants_pct + d.stem_pct + d.leaf_g_m2, 0.0);
    }
    cr_assert_eq(agro_dssat_pest_load(ctx, tp, x, 7, &p), AGRO_OK, "%s", msg());
    agro_crop_damage d;
    agro_dssat_pest_damage(&p, 1999201, &d);
    cr_expect_float_eq(d.plants_m2, 3.7, 1e-12);
    agro_dssat_pest_damage(&p, 1999202, &d);
    cr_expect_eq(d.plants_m2, 0.0);
    /* a treatment without rows has no observations */
    cr_assert_eq(agro_dssat_pest_load(ctx, tp, x, 1, &p), AGRO_OK, "%s", msg());
    cr_expect_eq(agro_dssat_pest_any(&p), 0);
    cr_expect_eq(agro_dssat_pest_damage(NULL, 1999201, &d), AGRO_EINVAL);
    /* a struct filled by hand with a count past the arrays or a value the reader refuses (a
       NaN, a negative level, more than 100 % a day): an error, not a read past the arrays or
       a damage of -500 % (found by probing the public API) */
    static agro_dssat_pest bad;
    bad = p;
    bad.n_obs[AGRO_DSSAT_PEST_PLAD] = AGRO_DSSAT_MAX_PEST_OBS + 1;
    cr_expect_eq(agro_dssat_pest_damage(&bad, 1999201, &d), AGRO_ERANGE);
    const double refused[3] = {NAN, -500.0, 150.0};
    for (int k = 0; k < 3; k++) {
        bad = p;
        bad.n_obs[AGRO_DSSAT_PEST_PLAD] = 1;
        bad.date[AGRO_DSSAT_PEST_PLAD][0] = 1999201;
        bad.value[AGRO_DSSAT_PEST_PLAD][0] = refused[k];
        cr_expect_eq(agro_dssat_pest_damage(&bad, 1999201, &d), AGRO_ERANGE, "value %g", refused[k]);
        cr_expect_eq(d.leaf_pct, 0.0);
    }
    cr_expect_eq(agro_sizeof_dssat_pest(), sizeof(agro_dssat_pest));
    agro_dssat_exp_free(x);
    pest_data_remove();
}

Test(dssat_pest, bad_levels_name_the_file_line_and_code)
{
    agro_dssat_exp *x = load(MAIZE "/IUAF9902.MZX");
    static agro_dssat_pest p;
    const char *tp = write_text("NEG.MZT", "*EXP. DATA (T): IUAF9902MZ\n@TRNO   DATE  PLAD  PSMD\n"
                                           "     3 99200  10.0   -99\n     3 99201   -99  -5.0\n");
    cr_expect_eq(agro_dssat_pest_load(ctx, tp, x, 3, &p), AGRO_ERANGE);
    cr_expect(strstr(msg(), "NEG.MZT:4: PSMD") != NULL, "%s", msg());
    tp = write_text("BIG.MZT", "*EXP. DATA (T): IUAF9902MZ\n@TRNO   DATE  PWPD\n     3 99200 100.5\n");
    cr_expect_eq(agro_dssat_pest_load(ctx, tp, x, 3, &p), AGRO_ERANGE);
    cr_expect(strstr(msg(), "BIG.MZT:3: PWPD") != NULL, "%s", msg());
    tp = write_text("ABS.MZT", "*EXP. DATA (T): IUAF9902MZ\n@TRNO   DATE  ALMD\n     3 99200 1e308\n");
    cr_expect_eq(agro_dssat_pest_load(ctx, tp, x, 3, &p), AGRO_ERANGE);
    cr_expect(strstr(msg(), "ABS.MZT:3: ALMD") != NULL, "%s", msg());
    tp = write_text("DATE.MZT", "*EXP. DATA (T): IUAF9902MZ\n@TRNO   DATE  PLAD\n     3 99x00  10.0\n");
    cr_expect_eq(agro_dssat_pest_load(ctx, tp, x, 3, &p), AGRO_EFORMAT);
    cr_expect(strstr(msg(), "DATE.MZT:3: DATE") != NULL, "%s", msg());
    agro_dssat_exp_free(x);
}

Test(dssat_pest, dises_y_applies_the_t_file_beside_the_x_file)
{
    char xp[600];
    const char *data = pest_data(PEST_T, xp, sizeof xp);
    agro_dssat_exp *x = load(xp), *shared = load(MAIZE "/IUAF9902.MZX");
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 3, &T), AGRO_OK);
    cr_expect_eq(T.ignored & AGRO_DSSAT_IGNORED_PEST_DAMAGE, 0, "the T file is there");
    agro_dssat_result base, r1, r3, r7;
    cr_assert_eq(agro_dssat_run_treatment(ctx, shared, 1, DSSAT, &base), AGRO_OK, "%s", msg());
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 1, data, &r1), AGRO_OK, "%s", msg());
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 3, data, &r3), AGRO_OK, "%s", msg());
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 7, data, &r7), AGRO_OK, "%s", msg());
    /* treatment 1 has no rows: undamaged, as without the file */
    cr_expect_eq(r1.yield_kg_ha, base.yield_kg_ha);
    cr_expect_eq(r1.summary.damage_dm_kg_ha, 0.0);
    /* 3: up to 30 % of the leaf a day for three weeks around silking */
    cr_expect_lt(r3.yield_kg_ha, 0.95 * base.yield_kg_ha, "%g vs %g", r3.yield_kg_ha, base.yield_kg_ha);
    cr_expect_gt(r3.summary.damage_dm_kg_ha, 0.0);
    cr_expect_lt(r3.summary.n_balance_error_kg_ha, 1e-6);
    /* 7: 3.7 of 7.4 plants/m² die on one day */
    cr_expect_float_eq(r7.population_pl_m2, 3.7, 1e-9);
    cr_expect_lt(r7.yield_kg_ha, base.yield_kg_ha);
    agro_dssat_exp_free(x);
    agro_dssat_exp_free(shared);
    pest_data_remove();
}

/* The observations of another experiment used to be read as this one's (rows matched by
 * treatment number alone): FLSC8101.MZA given for UFGA8201 returned rows. An A or T file whose
 * experiment code (its *EXP line, else its file name) is not the experiment's is refused,
 * naming the file, the line and both codes; a copy under another name with the right *EXP line
 * still loads, and so does a file named after the experiment without a code on that line. */
Test(dssat_observed, observations_of_another_experiment_are_refused)
{
    agro_dssat_observed o[20];
    agro_dssat_observed_day od[400];
    int32_t n = -1;
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    cr_expect_eq(agro_dssat_observed_load(ctx, MAIZE "/FLSC8101.MZA", x, o, 20, &n), AGRO_EINVAL);
    cr_expect(strstr(msg(), "FLSC8101.MZA:1: EXP: observations of experiment FLSC8101") != NULL &&
              strstr(msg(), "not of UFGA8201") != NULL, "%s", msg());
    cr_expect_eq(n, 0, "no rows");
    cr_expect_eq(agro_dssat_timeseries_load(ctx, MAIZE "/IBWA8301.MZT", x, od, 400, &n), AGRO_EINVAL);
    cr_expect(strstr(msg(), "IBWA8301.MZT:1: EXP:") != NULL, "%s", msg());
    /* a file named otherwise is taken when its *EXP line gives the experiment's code */
    cr_expect_eq(agro_dssat_observed_load(ctx, patched(MAIZE "/UFGA8201.MZA", "obs.MZA", NULL, NULL), x, o, 20, &n),
                 AGRO_OK, "%s", msg());
    cr_expect_eq(n, 6);
    const char *rows = "@TRNO  HWAM\n     1  2929\n";
    char text[256];
    snprintf(text, sizeof text, "*EXP. DATA (A)\n%s", rows);
    cr_expect_eq(agro_dssat_observed_load(ctx, write_text("UFGA8201.MZA", text), x, o, 20, &n), AGRO_OK, "%s", msg());
    cr_expect_eq(n, 1);
    cr_expect_eq(agro_dssat_observed_load(ctx, write_text("OTHER.MZA", text), x, o, 20, &n), AGRO_EINVAL);
    cr_expect(strstr(msg(), "OTHER.MZA: EXP: observations of experiment OTHER (its file name), not of UFGA8201") != NULL,
              "%s", msg());
    /* a file named after the experiment is its file, whatever its *EXP line says (DSSAT reads
       it by name): a_file_named_after_the_experiment_is_its_file_whatever_its_exp_line */
    snprintf(text, sizeof text, "*EXP. DATA (A): UFGA8202MZ\n%s", rows);
    cr_expect_eq(agro_dssat_observed_load(ctx, write_text("OTHER.MZA", text), x, o, 20, &n), AGRO_EINVAL);
    cr_expect(strstr(msg(), "OTHER.MZA:1: EXP: observations of experiment UFGA8202 (its *EXP line") != NULL,
              "%s", msg());
    agro_dssat_exp_free(x);
}

/* The residue types the library knows are exactly the RETYP rows of DSSAT-CSM
 * Data/StandardData/RESCH048.SDA (@VERSION 4.8.5.0), RE999 "Decomposed crop residue" among
 * them; the field refuses any other code, naming the member. */
Test(dssat_xfile, residue_types_are_the_rows_of_resch048)
{
    static const int32_t file[] = {1,   101, 201, 301, 999, 2,   3,   4,   5,   6,   102, 103,
                                   104, 105, 106, 107, 108, 109, 110, 111, 202, 203, 204, 205,
                                   206, 207, 208, 302, 303, 304, 305, 306, 401, 402, 403, 404};
    int n = 0;
    for (int32_t c = -1; c <= 1000; c++) n += agro_dssat_residue_type_known(c);
    cr_expect_eq(n, (int)(sizeof file / sizeof file[0]));
    for (size_t k = 0; k < sizeof file / sizeof file[0]; k++)
        cr_expect(agro_dssat_residue_type_known(file[k]), "RE%03d", (int)file[k]);
}

/* An X file's management row with a value the field refuses names the X file, the row's own
 * line and what the row is (here the third fertiliser of treatment 1, FAMN 2500 kg N/ha, line
 * 103), not the season runner's index of the event among the treatment's ("event 4 (type 2)"),
 * which the X file does not show. A treatment struct filled without row lines falls back to
 * the treatment's line (15). */
Test(dssat_run, a_refused_management_value_names_the_x_file_line_not_an_event_index)
{
    const char *p = patched(MAIZE "/UFGA8201.MZX", "UFGA8201.MZX", " 1 82137 FE001 AP001    10    54",
                            " 1 82137 FE001 AP001    10  2500");
    agro_dssat_exp *x = load(p);
    agro_dssat_result r;
    cr_expect_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &r), AGRO_ERANGE);
    cr_expect(strstr(msg(), "UFGA8201.MZX:103: fertiliser on 1982-137: amount: fertiliser 2500 kg N/ha") != NULL,
              "%s", msg());
    cr_expect(strstr(msg(), "event 4") == NULL, "%s", msg());
    agro_dssat_treatment t;
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &t), AGRO_OK);
    cr_expect_eq(t.line_fertiliser[0], 101);
    cr_expect_eq(t.line_fertiliser[2], 103);
    cr_expect_eq(t.line, 15);
    memset(t.line_fertiliser, 0, sizeof t.line_fertiliser);
    agro_soil_profile soil;
    agro_maize_cultivar cv;
    hand_soil(&soil);
    hand_cultivar(&cv);
    agro_dssat_site site = {27.0, 26.0, 2.0, NAN, NAN};
    static agro_season_spec spec;
    cr_expect_eq(agro_dssat_season_spec(ctx, &t, &soil, &cv, &site, "UFGA8201.MZX", &spec), AGRO_ERANGE);
    cr_expect(strstr(msg(), "UFGA8201.MZX:15: fertiliser on 1982-137: amount:") != NULL, "%s", msg());
    agro_dssat_exp_free(x);
}

/* DSSAT reads the A (and T) file named after the X file whatever its *EXP line says, and
 * DSSAT's own data hold such a file: Maize/BRPI0202.MZA (dssat-csm-data 363c844) begins
 * "*EXP. DATA (A): BRPI2002MZ", a typo for BRPI0202. A file named after the experiment is
 * its file; one named otherwise is taken when its *EXP line gives the experiment's code, and
 * refused when neither does. */
Test(dssat_observed, a_file_named_after_the_experiment_is_its_file_whatever_its_exp_line)
{
    agro_dssat_observed o[20];
    int32_t n = -1;
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    const char *text = "*EXP. DATA (A): UFGA2018MZ MAIZE, A TYPO IN THE CODE\n@TRNO  HWAM\n     1  2929\n";
    cr_expect_eq(agro_dssat_observed_load(ctx, write_text("UFGA8201.MZA", text), x, o, 20, &n), AGRO_OK, "%s", msg());
    cr_expect_eq(n, 1);
    cr_expect_eq(agro_dssat_observed_load(ctx, write_text("ufga8201.mza", text), x, o, 20, &n), AGRO_OK, "%s", msg());
    cr_expect_eq(agro_dssat_observed_load(ctx, write_text("UFGA8202.MZA", text), x, o, 20, &n), AGRO_EINVAL);
    cr_expect(strstr(msg(), "UFGA8202.MZA:1: EXP: observations of experiment UFGA2018 (its *EXP line; UFGA8202 by its "
                            "file name), not of UFGA8201") != NULL,
              "%s", msg());
    cr_expect_eq(n, 0);
    agro_dssat_exp_free(x);
}

/* The MT level's passes become AGRO_EVENT_TILL events, in file order, when DSSAT tills (TILL Y
   or R; docs/design/tillage.md §1.2); with TILL N none (DSSAT never calls TILLAGE) */
Test(dssat_spec, tillage_rows_become_till_events_when_dssat_tills)
{
    const char *src = MAIZE "/GAGR0201.MZX";
    char p1[600];
    snprintf(p1, sizeof p1, "%s",
             patched(src, "TL0.MZX", "400 ppm           1  1  0  1  1  0  1  0  0  0  1",
                     "400 ppm           1  1  0  1  1  0  1  0  0  1  1"));
    snprintf(p1, sizeof p1, "%s", patched(p1, "TL1.MZX", "TI001   -99", "TI003  15.04"));
    const char *yes = patched(p1, "TL2.MZX", "N     N     N     N     N     N     M",
                              "N     N     N     N     N     Y     M");
    treatment1_season(yes, "TL2.MZX");
    int n = 0;
    for (int i = 0; i < S.n_events; i++) {
        if (S.events[i].type != AGRO_EVENT_TILL) continue;
        n++;
        cr_expect_eq(S.events[i].implement, 3);
        cr_expect_float_eq(S.events[i].depth_cm, 15.0, 1e-12);
        cr_expect_eq(S.events[i].year, 2002);
        cr_expect_eq(S.events[i].doy, 303);
    }
    cr_expect_eq(n, 1);
    /* the moving layers, texture mixing and the irrigation-method rule stay unsimulated: the
       bit stays set */
    cr_expect(T.ignored & AGRO_DSSAT_IGNORED_TILLAGE);
    treatment1_season(p1, "TL1.MZX");
    for (int i = 0; i < S.n_events; i++) cr_expect_neq(S.events[i].type, AGRO_EVENT_TILL);
    cr_expect_not(T.ignored & AGRO_DSSAT_IGNORED_TILLAGE);
}

/* Methods the runner replaces are noted, never silently: EVAPO other than R, WTHER other than M
   and CO2 W ran as R, M and M with only the MESEV note */
Test(dssat_spec, pet_weather_and_co2_methods_the_runner_replaces_are_noted)
{
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
    cr_expect_eq(T.ignored & AGRO_DSSAT_IGNORED_METHODS, 0);
    cr_expect(T.pet_method == 'R' && T.weather_method == 'M');
    agro_dssat_exp_free(x);
    static const struct {
        const char *from, *to, *name;
    } edits[] = {
        {" 1 ME              M     M     E     R", " 1 ME              M     M     E     F", "EF.MZX"},
        {" 1 ME              M     M     E     R", " 1 ME              G     M     E     R", "WG.MZX"},
        {"     N     Y     M\n", "     N     Y     W\n", "CW.MZX"},
    };
    for (size_t k = 0; k < sizeof edits / sizeof edits[0]; k++) {
        x = load(patched(MAIZE "/UFGA8201.MZX", edits[k].name, edits[k].from, edits[k].to));
        cr_assert_eq(agro_dssat_treatment_get(ctx, x, 1, &T), AGRO_OK, "%s", msg());
        cr_expect(T.ignored & AGRO_DSSAT_IGNORED_METHODS, "%s: 0x%x", edits[k].name,
                  (unsigned)T.ignored);
        agro_dssat_exp_free(x);
    }
}

/* HARVS R, D or G without a harvest level: DSSAT stops (IPHAR error 1); the crop ran to
   maturity unnoticed */
Test(dssat_spec, harvest_on_dates_without_a_harvest_level_is_an_error)
{
    expect_load_error(patched(MAIZE "/UFGA8201.MZX", "HR.MZX",
                              " 1 MA              R     R     R     N     M",
                              " 1 MA              R     R     R     N     R"),
                      AGRO_EMISSING, "HR.MZX:15: MH: treatment 1: HARVS R");
}

/* Automatic irrigation: a fixed IRAMT above one 500 mm irrigation is refused before the run,
   naming IRAMT (it stopped the run at the first irrigation with "amount: irrigation 600 mm
   outside [0, 500]"); a computed refill of a deep IMDEP above 500 mm is applied in full */
Test(dssat_spec, automatic_irrigation_amounts_above_500_mm)
{
    const char *f = patched(MAIZE "/UFGA8201.MZX", "IF.MZX", " 1 MA              R     R     R     N     M",
                            " 1 MA              R     F     R     N     M");
    agro_dssat_exp *x = load(patched(f, "IF600.MZX", " 1 IR             30    50   100 GS000 IR001    10     1",
                                     " 1 IR             30    50   100 GS000 IR001   600     1"));
    agro_dssat_result r;
    cr_expect_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &r), AGRO_ERANGE);
    cr_expect(strstr(msg(), "IRAMT: IRAMT 600 mm") != NULL, "%s", msg());
    agro_dssat_exp_free(x);
    /* IRRIG A refills the top IMDEP to ITHRU: 500 % of the capacity of 180 cm is 666 mm on
       the first irrigation day */
    f = patched(MAIZE "/UFGA8201.MZX", "IA.MZX", " 1 MA              R     R     R     N     M",
                " 1 MA              R     A     R     N     M");
    x = load(patched(f, "IA300.MZX", " 1 IR             30    50   100 GS000 IR001    10     1",
                     " 1 IR            180    90   500 GS000 IR001    10     1"));
    cr_assert_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &r), AGRO_OK, "%s", msg());
    cr_expect_gt(r.summary.ircm_mm, 0.0);
    cr_expect_lt(fabs(r.summary.water_balance_error_mm), 1e-6);
    agro_dssat_exp_free(x);
}

/* IPRES (DSSAT 4.8.2 on) stops on a residue row without a code number (error 4) or without an
   amount (error 11); the row was read as RE001, or skipped */
Test(dssat_spec, a_residue_row_without_code_or_amount_is_an_error)
{
    expect_load_error(patched(MAIZE "/EBPL8501.MZX", "R1.MZX", " 2 84357 RE001  5590",
                              " 2 84357   -99  5590"),
                      AGRO_EMISSING, ": RCOD: residue code missing");
    expect_load_error(patched(MAIZE "/EBPL8501.MZX", "R2.MZX", " 2 84357 RE001  5590",
                              " 2 84357 RE001   -99"),
                      AGRO_EMISSING, ": RAMT: residue amount missing");
}

/* A cancel request (agro_ctx_cancel) stops a treatment before its season: the cancel point of a
 * caller's loop over treatments (agrosim run-dssat, validate); agro_ctx_clear, which such a loop
 * calls before each treatment, keeps the request, agro_ctx_cancel_reset drops it. */
Test(dssat_run, a_cancel_request_stops_the_treatment_before_its_season)
{
    agro_dssat_exp *x = load(MAIZE "/IUAF9901.MZX");
    agro_dssat_result r;
    agro_ctx_cancel(ctx);
    agro_ctx_clear(ctx);
    cr_expect_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &r), AGRO_ECANCELED, "%s", msg());
    cr_expect(strstr(msg(), "IUAF9901.MZX: cancelled before treatment 1") != NULL, "%s", msg());
    cr_expect(isnan(r.yield_kg_ha));
    agro_ctx_cancel_reset(ctx);
    cr_expect_eq(agro_dssat_run_treatment(ctx, x, 1, DSSAT, &r), AGRO_OK, "%s", msg());
    agro_dssat_exp_free(x);
}

/* ---- the files a run reads (agro_dssat_inputs_*), which run-dssat and validate refuse to
 * write over ---- */

TestSuite(dssat_inputs, .init = setup, .fini = teardown);

/* the index of @p path in @p in by name (-1 if absent), and its kind into *@p kind */
static int32_t input_named(const agro_dssat_inputs *in, const char *path, int32_t *kind)
{
    int32_t n = 0;
    char p[4096];
    agro_dssat_inputs_n(in, &n);
    for (int32_t i = 0; i < n; i++)
        if (agro_dssat_inputs_get(in, i, p, sizeof p, kind) == AGRO_OK && strcmp(p, path) == 0)
            return i;
    return -1;
}

static void expect_input(const agro_dssat_inputs *in, const char *path, int32_t kind)
{
    int32_t k = -1;
    cr_expect_geq(input_named(in, path, &k), 0, "%s not listed", path);
    cr_expect_eq(k, kind, "%s: kind %d, not %d", path, (int)k, (int)kind);
}

Test(dssat_inputs, every_file_of_every_season_is_listed)
{
    /* SIAZ9501 with NYERS 3: its seasons run 1995, 1996 and 1997, each with the weather of
       its year and the next (planting + 365 days), so 1995 .. 1998 */
    const char *p = patched(MAIZE "/SIAZ9501.MZX", "Y3.MZX", " 1 GE              1     1     S 95136",
                            " 1 GE              3     1     S 95136");
    char xpath[600], path[4096];
    snprintf(xpath, sizeof xpath, "%s", p);
    agro_dssat_exp *x = load(xpath), *x0 = load(MAIZE "/SIAZ9501.MZX");
    agro_dssat_inputs *in = NULL, *in0 = NULL;
    cr_assert_eq(agro_dssat_inputs_create(ctx, &in), AGRO_OK);
    cr_assert_eq(agro_dssat_inputs_create(ctx, &in0), AGRO_OK);
    cr_assert_eq(agro_dssat_inputs_add(ctx, in, x, 8, DSSAT), AGRO_OK, "%s", msg());
    cr_assert_eq(agro_dssat_inputs_add(ctx, in0, x0, 8, DSSAT), AGRO_OK, "%s", msg());
    expect_input(in, xpath, AGRO_DSSAT_INPUT_EXPERIMENT);
    /* the A and T files by DSSAT's names, also when they do not exist (not yet made) */
    snprintf(path, sizeof path, "%s/Y3.MZA", tmpdir);
    expect_input(in, path, AGRO_DSSAT_INPUT_OBSERVED);
    snprintf(path, sizeof path, "%s/Y3.MZT", tmpdir);
    expect_input(in, path, AGRO_DSSAT_INPUT_TIMESERIES);
    expect_input(in0, MAIZE "/SIAZ9501.MZA", AGRO_DSSAT_INPUT_OBSERVED);
    /* and with the extension in lower case, which validate looks for when .MZA is not there */
    snprintf(path, sizeof path, "%s/Y3.mzt", tmpdir);
    expect_input(in, path, AGRO_DSSAT_INPUT_TIMESERIES);
    expect_input(in, DSSAT "/Genotype/MZCER048.CUL", AGRO_DSSAT_INPUT_CULTIVAR);
    expect_input(in, DSSAT "/Genotype/MZCER048.ECO", AGRO_DSSAT_INPUT_ECOTYPE);
    expect_input(in, DSSAT "/Genotype/MZCER048.SPE", AGRO_DSSAT_INPUT_SPECIES);
    expect_input(in, DSSAT "/Soil/SOIL.SOL", AGRO_DSSAT_INPUT_SOIL);
    expect_input(in, DSSAT "/Soil/SI.SOL", AGRO_DSSAT_INPUT_SOIL);
    static const char *const years[4] = {"95", "96", "97", "98"};
    for (int k = 0; k < 4; k++) {
        snprintf(path, sizeof path, DSSAT "/Weather/SIAZ%s01.WTH", years[k]);
        expect_input(in, path, AGRO_DSSAT_INPUT_WEATHER);
        /* the one-season run needs 1995 and 1996 only */
        cr_expect_eq(input_named(in0, path, NULL) >= 0, k < 2, "%s", path);
    }
    int32_t n = 0, n0 = 0;
    agro_dssat_inputs_n(in, &n);
    agro_dssat_inputs_n(in0, &n0);
    cr_expect_eq(n, 14, "%d inputs", (int)n);
    cr_expect_eq(n0, 12, "%d inputs", (int)n0);
    /* a name already listed is not added again */
    cr_assert_eq(agro_dssat_inputs_add(ctx, in, x, 8, DSSAT), AGRO_OK);
    agro_dssat_inputs_n(in, &n);
    cr_expect_eq(n, 14);
    agro_dssat_inputs_free(in);
    agro_dssat_inputs_free(in0);
    agro_dssat_exp_free(x);
    agro_dssat_exp_free(x0);
}

Test(dssat_inputs, multi_year_and_chained_weather_files_are_listed)
{
    agro_dssat_inputs *in = NULL;
    cr_assert_eq(agro_dssat_inputs_create(ctx, &in), AGRO_OK);
    /* GAGR0201 reads the multi-year file GAGR9626.WTH; EBPL8501 starts in December 1984 and
       reads EBCH8401.WTH and EBCH8501.WTH (every treatment: number 0) */
    agro_dssat_exp *g = load(MAIZE "/GAGR0201.MZX"), *e = load(MAIZE "/EBPL8501.MZX");
    cr_assert_eq(agro_dssat_inputs_add(ctx, in, g, 0, DSSAT), AGRO_OK, "%s", msg());
    cr_assert_eq(agro_dssat_inputs_add(ctx, in, e, 0, DSSAT), AGRO_OK, "%s", msg());
    expect_input(in, DSSAT "/Weather/GAGR9626.WTH", AGRO_DSSAT_INPUT_WEATHER);
    expect_input(in, DSSAT "/Weather/EBCH8401.WTH", AGRO_DSSAT_INPUT_WEATHER);
    expect_input(in, DSSAT "/Weather/EBCH8501.WTH", AGRO_DSSAT_INPUT_WEATHER);
    expect_input(in, DSSAT "/Soil/EB.SOL", AGRO_DSSAT_INPUT_SOIL);
    expect_input(in, MAIZE "/EBPL8501.MZT", AGRO_DSSAT_INPUT_TIMESERIES);
    cr_expect_eq(input_named(in, DSSAT "/Weather/UFGA8201.WTH", NULL), -1);
    agro_dssat_inputs_free(in);
    agro_dssat_exp_free(g);
    agro_dssat_exp_free(e);
}

/* The list loads the runs' weather files as they do (chain_load), so a cancel request stops it
 * at the readers' cancel points, as it stops a run: the load was made with no context, and
 * run-dssat went on 9 s after Ctrl-C to list a 9000-year .WTH file. A load that fails for
 * another reason (here no Weather folder) is the run's failure, not the list's: the caller's
 * message stays. */
Test(dssat_inputs, a_cancel_request_stops_the_weather_loads_of_the_list)
{
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    agro_dssat_inputs *in = NULL;
    cr_assert_eq(agro_dssat_inputs_create(ctx, &in), AGRO_OK);
    agro_ctx_cancel(ctx);
    cr_expect_eq(agro_dssat_inputs_add(ctx, in, x, 1, DSSAT), AGRO_ECANCELED);
    cr_expect(strstr(msg(), "UFGA8201.WTH: cancelled before reading (agro_ctx_cancel)") != NULL,
              "%s", msg());
    agro_ctx_cancel_reset(ctx);
    cr_expect_eq(agro_dssat_inputs_add(ctx, in, x, 1, DSSAT), AGRO_OK, "%s", msg());
    expect_input(in, DSSAT "/Weather/UFGA8201.WTH", AGRO_DSSAT_INPUT_WEATHER);
    cr_expect_eq(agro_dssat_inputs_add(ctx, in, x, 99, DSSAT), AGRO_ENOTFOUND);
    char before[AGRO_MESSAGE_MAX];
    snprintf(before, sizeof before, "%s", msg());
    cr_expect_eq(agro_dssat_inputs_add(ctx, in, x, 1, tmpdir), AGRO_OK, "%s", msg());
    cr_expect_str_eq(msg(), before);
    cr_expect_eq(agro_ctx_status(ctx), AGRO_ENOTFOUND);
    agro_dssat_inputs_free(in);
    agro_dssat_exp_free(x);
}

Test(dssat_inputs, find_sees_one_file_through_links_and_dot_dot)
{
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    agro_dssat_inputs *in = NULL;
    cr_assert_eq(agro_dssat_inputs_create(ctx, &in), AGRO_OK);
    cr_assert_eq(agro_dssat_inputs_add(ctx, in, x, 1, DSSAT), AGRO_OK, "%s", msg());
    char link[600], path[4096];
    int32_t at = -2, kind = -1;
    snprintf(link, sizeof link, "%s/soil.csv", tmpdir);
    cr_assert_eq(symlink(DSSAT "/Soil/SOIL.SOL", link), 0);
    cr_assert_eq(agro_dssat_inputs_find(in, link, &at), AGRO_OK);
    cr_assert_geq(at, 0);
    cr_expect_eq(agro_dssat_inputs_get(in, at, path, sizeof path, &kind), AGRO_OK);
    cr_expect_str_eq(path, DSSAT "/Soil/SOIL.SOL");
    cr_expect_eq(kind, AGRO_DSSAT_INPUT_SOIL);
    cr_expect_str_eq(agro_dssat_input_kind_name(kind), "soil file");
    cr_expect_eq(agro_dssat_inputs_find(in, DSSAT "/Soil/../Weather/./UFGA8201.WTH", &at), AGRO_OK);
    cr_assert_geq(at, 0);
    agro_dssat_inputs_get(in, at, path, sizeof path, &kind);
    cr_expect_eq(kind, AGRO_DSSAT_INPUT_WEATHER);
    cr_expect_str_eq(path, DSSAT "/Weather/UFGA8201.WTH");
    /* a name the run looks for that does not exist (UFGA8301.WTH: the season's second year),
       through a folder still to be made */
    cr_expect_eq(agro_dssat_inputs_find(in, DSSAT "/Weather/new/../UFGA8301.WTH", &at), AGRO_OK);
    cr_expect_geq(at, 0);
    /* other files are not inputs */
    snprintf(path, sizeof path, "%s/out.csv", tmpdir);
    cr_expect_eq(agro_dssat_inputs_find(in, path, &at), AGRO_OK);
    cr_expect_eq(at, -1);
    cr_expect_eq(agro_dssat_inputs_find(in, DSSAT "/Weather/EBCH8401.WTH", &at), AGRO_OK);
    cr_expect_eq(at, -1);
    agro_dssat_inputs_free(in);
    agro_dssat_exp_free(x);
}

Test(dssat_inputs, bad_arguments_are_refused)
{
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    agro_dssat_inputs *in = NULL;
    int32_t n = 0, at = 0, kind = 0;
    char path[8];
    cr_expect_eq(agro_dssat_inputs_create(ctx, NULL), AGRO_EINVAL);
    cr_assert_eq(agro_dssat_inputs_create(ctx, &in), AGRO_OK);
    cr_expect_eq(agro_dssat_inputs_add(ctx, in, x, 99, DSSAT), AGRO_ENOTFOUND);
    cr_expect(strstr(msg(), "UFGA8201.MZX") && strstr(msg(), "TRNO") &&
              strstr(msg(), "treatment 99"), "%s", msg());
    agro_dssat_inputs_n(in, &n);
    cr_expect_eq(n, 0);
    cr_expect_eq(agro_dssat_inputs_add(ctx, NULL, x, 0, DSSAT), AGRO_EINVAL);
    cr_expect_eq(agro_dssat_inputs_add(ctx, in, NULL, 0, DSSAT), AGRO_EINVAL);
    cr_expect_eq(agro_dssat_inputs_add(ctx, in, x, 0, NULL), AGRO_EINVAL);
    cr_expect_eq(agro_dssat_inputs_add_file(ctx, in, "a.WTH", AGRO_DSSAT_INPUT_N), AGRO_ERANGE);
    cr_expect(strstr(msg(), "kind") != NULL, "%s", msg());
    cr_expect_eq(agro_dssat_inputs_add_file(ctx, in, "a.WTH", -1), AGRO_ERANGE);
    cr_expect_eq(agro_dssat_inputs_add_file(ctx, in, NULL, 0), AGRO_EINVAL);
    cr_expect_eq(agro_dssat_inputs_add_file(ctx, in, "long-name.WTH", AGRO_DSSAT_INPUT_WEATHER),
                 AGRO_OK);
    cr_expect_eq(agro_dssat_inputs_n(NULL, &n), AGRO_EINVAL);
    cr_expect_eq(agro_dssat_inputs_n(in, NULL), AGRO_EINVAL);
    cr_expect_eq(agro_dssat_inputs_get(in, 0, path, sizeof path, &kind), AGRO_ERANGE);
    cr_expect_str_eq(path, "");
    cr_expect_eq(agro_dssat_inputs_get(in, 1, path, sizeof path, &kind), AGRO_EINVAL);
    cr_expect_eq(agro_dssat_inputs_get(in, -1, path, sizeof path, &kind), AGRO_EINVAL);
    cr_expect_eq(agro_dssat_inputs_get(in, 0, path, 0, &kind), AGRO_EINVAL);
    cr_expect_eq(agro_dssat_inputs_find(in, NULL, &at), AGRO_EINVAL);
    cr_expect_eq(agro_dssat_inputs_find(NULL, "x", &at), AGRO_EINVAL);
    cr_expect_null(agro_dssat_input_kind_name(AGRO_DSSAT_INPUT_N));
    cr_expect_str_eq(agro_dssat_input_kind_name(AGRO_DSSAT_INPUT_SPECIES), "species file");
    agro_dssat_inputs_free(in);
    agro_dssat_inputs_free(NULL);
    agro_dssat_exp_free(x);
}

Test(dssat_inputs, a_multi_year_file_of_a_four_letter_station_is_listed_when_it_covers_a_year)
{
    /* UFGA8201 (station UFGA, weather 1982-83) in a data folder with no UFGA8201.WTH but
       multi-year files: UFGA8102.WTH covers 1981-82, so the runner would chain it for 1982;
       UFGA7902.WTH (1979-80) and UFGB8102.WTH (another station) it would not open. Only the
       names matter here. */
    char dir[600], path[700];
    snprintf(dir, sizeof dir, "%s/data", tmpdir);
    cr_assert_eq(mkdir(dir, 0777), 0);
    snprintf(path, sizeof path, "%s/Weather", dir);
    cr_assert_eq(mkdir(path, 0777), 0);
    helper_write_file(path, "UFGA8102.WTH", "");
    helper_write_file(path, "UFGA7902.WTH", "");
    helper_write_file(path, "UFGB8102.WTH", "");
    agro_dssat_exp *x = load(MAIZE "/UFGA8201.MZX");
    agro_dssat_inputs *in = NULL;
    cr_assert_eq(agro_dssat_inputs_create(ctx, &in), AGRO_OK);
    cr_assert_eq(agro_dssat_inputs_add(ctx, in, x, 1, dir), AGRO_OK, "%s", msg());
    snprintf(path, sizeof path, "%s/Weather/UFGA8102.WTH", dir);
    expect_input(in, path, AGRO_DSSAT_INPUT_WEATHER);
    snprintf(path, sizeof path, "%s/Weather/UFGA8201.WTH", dir); /* by name, not there */
    expect_input(in, path, AGRO_DSSAT_INPUT_WEATHER);
    snprintf(path, sizeof path, "%s/Weather/UFGA7902.WTH", dir);
    cr_expect_eq(input_named(in, path, NULL), -1, "%s", path);
    snprintf(path, sizeof path, "%s/Weather/UFGB8102.WTH", dir);
    cr_expect_eq(input_named(in, path, NULL), -1, "%s", path);
    agro_dssat_inputs_free(in);
    agro_dssat_exp_free(x);
}
