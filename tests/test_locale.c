/*
 * Numbers in files are read and written with '.' whatever locale the host program set
 * (docs/formats.md). A GTK or Qt program, or Python's locale.setlocale, switches LC_NUMERIC to
 * the user's locale; under de_DE libc's strtod stopped at the '.' of "29.638" and printf wrote
 * "2104,95" into comma-separated files. ctest builds the de_DE.UTF-8 locale into the build folder
 * (localedef, Debian's `locales`) and points LOCPATH at it.
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agrosim/agrosim.h"
#include "helpers/season.h"

#define DATA AGROSIM_VALIDATION_DIR "/dssat"
#define MAX_DAYS 400

static agro_ctx *ctx;
static char msg[AGRO_MESSAGE_MAX];

static void setup(void) { cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK); }
static void teardown(void) { agro_ctx_free(ctx); }

static const char *message(void)
{
    agro_ctx_message(ctx, msg, sizeof msg);
    return msg;
}

/* The whole process in locale @p name, as a host program that called setlocale(LC_ALL, "")
 * would be. */
static void go_locale(const char *name)
{
    cr_assert_not_null(setlocale(LC_ALL, name),
                       "%s not found (LOCPATH=%s): ctest makes it with localedef", name,
                       getenv("LOCPATH") ? getenv("LOCPATH") : "unset");
}

/* German; asserts the locale really writes a decimal comma, or the tests below would prove
 * nothing. */
static void go_german(void)
{
    go_locale("de_DE.UTF-8");
    char b[16];
    snprintf(b, sizeof b, "%.1f", 1.5);
    cr_assert_str_eq(b, "1,5");
}

/* The same station, position and days, bit for bit. */
static void expect_same_weather(const agro_weather *got, const agro_weather *want)
{
    agro_weather_info a, b;
    agro_weather_get_info(want, &a);
    agro_weather_get_info(got, &b);
    cr_assert_eq(b.n_days, a.n_days);
    cr_expect_eq(b.latitude_deg, a.latitude_deg);
    cr_expect(memcmp(agro_weather_days(got), agro_weather_days(want),
                     (size_t)a.n_days * sizeof(agro_weather_day)) == 0, "the days differ");
}

/* A message gives its numbers as the files write them: under de_DE a host read "(-0,5)" for a
   value that came as -0.5, and "LL 0,35 must be below ... DUL 0,3". */
Test(locale, messages_give_numbers_with_a_decimal_point_under_a_decimal_comma_locale,
     .init = setup, .fini = teardown)
{
    go_german();
    const double k[2] = {0.65, 0.7}, lai[2] = {1.0, -0.5};
    double frac[2];
    cr_assert_eq(agro_canopy_mixed_interception(ctx, k, lai, 2, frac), AGRO_EINVAL);
    cr_expect(strstr(message(), "(-0.5)") != NULL, "%s", message());
    agro_soil_profile p;
    cr_assert_eq(agro_soil_load_json(
                     ctx, AGROSIM_SOURCE_DIR "/models/soils/morogoro_sandy_clay_loam.json", &p),
                 AGRO_OK, "%s", message());
    p.ll[0] = p.dul[0] + 0.05;
    cr_assert_neq(agro_soil_validate(ctx, &p, "p"), AGRO_OK);
    cr_expect(strstr(message(), "LL 0.") != NULL && strstr(message(), "0,") == NULL, "%s",
              message());
}

/* One DSSAT treatment: the X file, .SOL, .CUL/.ECO and .WTH readers all parse decimals. */
static void run_ufga8201(agro_dssat_result *r, agro_field_daily *daily, int32_t *n)
{
    agro_dssat_exp *x = NULL;
    cr_assert_eq(agro_dssat_exp_load(ctx, DATA "/Maize/UFGA8201.MZX", &x), AGRO_OK, "%s",
                 message());
    cr_assert_eq(agro_dssat_run_treatment_daily(ctx, x, 1, DATA, r, daily, MAX_DAYS, n), AGRO_OK,
                 "%s", message());
    agro_dssat_exp_free(x);
}

Test(locale, dssat_files_read_the_same_under_a_decimal_comma_locale, .init = setup,
     .fini = teardown)
{
    static agro_field_daily c_days[MAX_DAYS], de_days[MAX_DAYS];
    agro_dssat_result c_res, de_res;
    int32_t c_n = 0, de_n = 0;
    memset(&c_res, 0, sizeof c_res);
    memset(&de_res, 0, sizeof de_res);
    run_ufga8201(&c_res, c_days, &c_n);
    go_german();
    run_ufga8201(&de_res, de_days, &de_n);
    cr_expect_eq(de_n, c_n);
    cr_expect(memcmp(&de_res, &c_res, sizeof c_res) == 0, "yield %g under de_DE, %g under C",
              de_res.yield_kg_ha, c_res.yield_kg_ha);
    cr_expect(memcmp(de_days, c_days, (size_t)c_n * sizeof c_days[0]) == 0);
}

/* Lines of @p path: the number of comma-separated fields of each must equal the header's. */
static int fields_per_line_agree(const char *path, int *n_lines)
{
    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp, "%s", path);
    char line[1 << 16];
    int header = -1, ok = 1;
    *n_lines = 0;
    while (fgets(line, sizeof line, fp)) {
        if (line[0] == '#')
            continue;
        int k = 1;
        for (const char *c = line; *c; c++)
            k += *c == ',';
        if (header < 0)
            header = k;
        else if (k != header)
            ok = 0;
        ++*n_lines;
    }
    fclose(fp);
    return ok;
}

Test(locale, csv_writers_write_a_decimal_point_under_a_decimal_comma_locale, .init = setup,
     .fini = teardown)
{
    static agro_field_daily days[MAX_DAYS];
    agro_dssat_result r;
    int32_t n = 0;
    run_ufga8201(&r, days, &n);
    go_german();
    const char *season = AGROSIM_BINARY_DIR "/test_locale_season.csv";
    const char *daily = AGROSIM_BINARY_DIR "/test_locale_daily.csv";
    agro_season_csv *s = NULL;
    agro_daily_csv *d = NULL;
    cr_assert_eq(agro_season_csv_create(ctx, season, &s), AGRO_OK, "%s", message());
    cr_assert_eq(agro_season_csv_append(ctx, s, "UFGA8201", 1, 1, &r.summary), AGRO_OK);
    cr_assert_eq(agro_season_csv_commit(ctx, s), AGRO_OK, "%s", message());
    agro_season_csv_free(s);
    cr_assert_eq(agro_daily_csv_create(ctx, daily, 0, &d), AGRO_OK, "%s", message());
    cr_assert_eq(agro_daily_csv_append(ctx, d, "UFGA8201", 1, 1, days, n), AGRO_OK);
    cr_assert_eq(agro_daily_csv_commit(ctx, d), AGRO_OK, "%s", message());
    agro_daily_csv_free(d);
    int lines = 0;
    cr_expect(fields_per_line_agree(season, &lines), "%s: a row has more fields than its header",
              season);
    cr_expect_eq(lines, 2);
    cr_expect(fields_per_line_agree(daily, &lines), "%s: a row has more fields than its header",
              daily);
    cr_expect_eq(lines, n + 1);
    remove(season);
    remove(daily);

    /* the scenario summary CSV, from two runs of a scenario */
    agro_scenario *sc = NULL;
    agro_results *res = NULL;
    cr_assert_eq(agro_scenario_load(ctx, AGROSIM_SOURCE_DIR "/examples/morogoro/morogoro.json", &sc),
                 AGRO_OK, "%s", message());
    cr_assert_eq(agro_results_create(ctx, sc, &res), AGRO_OK);
    cr_assert_eq(agro_scenario_run_range(ctx, sc, res, 0, 2), AGRO_OK, "%s", message());
    const char *summary = AGROSIM_BINARY_DIR "/test_locale_summary.csv";
    cr_assert_eq(agro_output_write_csv(ctx, sc, res, summary), AGRO_OK, "%s", message());
    cr_expect(fields_per_line_agree(summary, &lines), "%s: a row has more fields than its header",
              summary);
    cr_expect_eq(lines, 3);
    remove(summary);
    agro_results_free(res);
    agro_scenario_free(sc);
}

Test(locale, a_weather_csv_written_and_read_under_a_decimal_comma_locale_is_exact,
     .init = setup, .fini = teardown)
{
    agro_weather *w = NULL, *back = NULL;
    cr_assert_eq(helper_morogoro_generated(ctx, "MOROGORO", 2001, 1, 7, &w), AGRO_OK, "%s",
                 message());
    go_german();
    const char *path = AGROSIM_BINARY_DIR "/test_locale_weather.csv";
    cr_assert_eq(agro_weather_write_csv(ctx, w, path), AGRO_OK, "%s", message());
    int rc = agro_weather_load_csv(ctx, path, &back);
    cr_assert_eq(rc, AGRO_OK, "%s", message());
    expect_same_weather(back, w);
    remove(path);
    agro_weather_free(w);
    agro_weather_free(back);
}

/* Column names and codes are ASCII, matched whatever the letters of the host's locale: under
 * tr_TR toupper('i') is 'i', and a weather file whose header says "tmin" had no TMIN column. */
Test(locale, lower_case_weather_columns_read_the_same_under_turkish_letters, .init = setup,
     .fini = teardown)
{
    FILE *in = fopen(DATA "/Weather/UFGA8201.WTH", "r");
    cr_assert_not_null(in);
    const char *path = AGROSIM_BINARY_DIR "/test_locale_lower.WTH";
    FILE *out = fopen(path, "w");
    cr_assert_not_null(out);
    char line[512];
    while (fgets(line, sizeof line, in)) {
        if (strncmp(line, "@DATE", 5) == 0)
            for (char *c = line + 1; *c; c++)
                if (*c >= 'A' && *c <= 'Z')
                    *c = (char)(*c - 'A' + 'a');
        fputs(line, out);
    }
    fclose(in);
    fclose(out);
    agro_weather *c_w = NULL, *tr_w = NULL;
    cr_assert_eq(agro_weather_load(ctx, path, &c_w), AGRO_OK, "%s", message());
    go_locale("tr_TR.UTF-8");
    int rc = agro_weather_load(ctx, path, &tr_w);
    cr_assert_eq(rc, AGRO_OK, "%s", message());
    expect_same_weather(tr_w, c_w);
    agro_weather_free(c_w);
    agro_weather_free(tr_w);
    remove(path);
}
