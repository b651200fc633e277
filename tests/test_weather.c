/* Weather module: DSSAT .WTH and CSV readers, bad-input messages, the WGEN/SIMMETEO generator
 * and the FAO-56 solar helpers. */
#define _POSIX_C_SOURCE 200809L /* helpers/files.h */
#include <criterion/criterion.h>
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agrosim/agrosim.h"
#include "helpers/files.h"
#include "helpers/season.h"
#include "internal/weather.h"

#define WTH_DIR AGROSIM_VALIDATION_DIR "/dssat/Weather"
#define TMP_DIR AGROSIM_BINARY_DIR "/tests/weather_tmp"
#define SITES AGROSIM_SOURCE_DIR "/models/sites"

static agro_ctx *ctx;

static void setup(void)
{
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    mkdir(AGROSIM_BINARY_DIR "/tests", 0777);
    mkdir(TMP_DIR, 0777);
}
static void teardown(void) { agro_ctx_free(ctx); }

/* Write @p text to TMP_DIR/name; the path is returned in a static-per-call buffer. */
static const char *put(char *buf, size_t n, const char *name, const char *text)
{
    snprintf(buf, n, "%s/%s", TMP_DIR, name);
    FILE *fp = fopen(buf, "w");
    cr_assert_not_null(fp, "cannot write %s", buf);
    fputs(text, fp);
    fclose(fp);
    return buf;
}

static const char *message(void)
{
    static char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    return msg;
}

/* Load @p text as a .WTH (or .csv) file and expect status @p want with message
 * "<path>:<line>: <field>: <what>" (what is a prefix of the rest). */
static void expect_error(const char *name, const char *text, int want, int line, const char *field,
                         const char *what)
{
    char path[512], expect[1024];
    put(path, sizeof path, name, text);
    agro_weather *w = (agro_weather *)0x1;
    int rc = agro_weather_load(ctx, path, &w);
    cr_assert_eq(rc, want, "%s: status %d, expected %d (%s)", name, rc, want, message());
    cr_expect_null(w, "no series on failure");
    if (line > 0 && field && field[0])
        snprintf(expect, sizeof expect, "%s:%d: %s: %s", path, line, field, what);
    else if (line > 0)
        snprintf(expect, sizeof expect, "%s:%d: %s", path, line, what);
    else
        snprintf(expect, sizeof expect, "%s: %s", path, what);
    cr_expect(strncmp(message(), expect, strlen(expect)) == 0, "message\n  \"%s\"\nexpected to start with\n  \"%s\"",
              message(), expect);
}

#define HDR "*WEATHER : test\n@ INSI      LAT     LONG  ELEV   TAV   AMP REFHT WNDHT\n  TEST   -6.820   37.670   500  25.0   5.0   2.0   2.0\n@DATE  SRAD  TMAX  TMIN  RAIN\n"

TestSuite(weather, .init = setup, .fini = teardown);
TestSuite(solar, .init = setup, .fini = teardown);
TestSuite(generator, .init = setup, .fini = teardown);
TestSuite(site, .init = setup, .fini = teardown);

/* A day its year lacks is no day of the series: the serial day count made (2001, 366) the index
   of 2002-001, (2002, 0) that of 2001-365 and (2001, 400) that of 2002-035. */
Test(weather, find_refuses_a_day_its_year_lacks_instead_of_wrapping_it)
{
    agro_weather *w;
    cr_assert_eq(helper_morogoro_weather(ctx, 2001, &w), AGRO_OK); /* 2001-001 to 2002-365 */
    const int32_t bad[][2] = {{2001, 366}, {2002, 0}, {2001, 400}, {2002, -1}, {2001, INT32_MAX}};
    for (int k = 0; k < 5; k++) {
        int32_t idx = -7;
        cr_expect_eq(agro_weather_find(w, bad[k][0], bad[k][1], &idx), AGRO_ERANGE, "%d-%d", (int)bad[k][0],
                     (int)bad[k][1]);
        cr_expect_eq(idx, -7, "%d-%d gave index %d", (int)bad[k][0], (int)bad[k][1], (int)idx);
    }
    int32_t idx = -7;
    cr_expect_eq(agro_weather_find(w, 2001, 365, &idx), AGRO_OK);
    cr_expect_eq(idx, 364);
    cr_expect_eq(agro_weather_find(w, 2002, 1, &idx), AGRO_OK);
    cr_expect_eq(idx, 365);
    cr_expect_eq(agro_weather_find(w, 2003, 1, &idx), AGRO_ENOTFOUND);
    agro_weather_free(w);
    /* day 366 of a leap year is a day */
    cr_assert_eq(helper_morogoro_weather(ctx, 2004, &w), AGRO_OK);
    cr_expect_eq(agro_weather_find(w, 2004, 366, &idx), AGRO_OK);
    cr_expect_eq(idx, 365);
    agro_weather_free(w);
}

Test(weather, every_validation_file_loads)
{
    DIR *dir = opendir(WTH_DIR);
    cr_assert_not_null(dir, "validation folder %s", WTH_DIR);
    struct dirent *e;
    int files = 0;
    while ((e = readdir(dir))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".WTH") != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", WTH_DIR, e->d_name);
        agro_weather *w = NULL;
        int rc = agro_weather_load_wth(ctx, path, &w);
        cr_expect_eq(rc, AGRO_OK, "%s: %s", e->d_name, message());
        if (rc)
            continue;
        agro_weather_info in;
        agro_weather_get_info(w, &in);
        cr_expect_gt(in.n_days, 100, "%s", e->d_name);
        cr_expect(isfinite(in.tav_C) && isfinite(in.amp_C), "%s: TAV/AMP", e->d_name);
        /* loaded values obey the physical checks */
        const agro_weather_day *d = agro_weather_days(w);
        for (int32_t i = 0; i < in.n_days; i++) {
            cr_expect(!(d[i].rain_mm < 0.0) && !(d[i].srad_MJ_m2_d < 0.0), "%s day %d",
                      e->d_name, i);
            cr_expect(!(d[i].tmin_C > d[i].tmax_C), "%s day %d", e->d_name, i);
        }
        files++;
        agro_weather_free(w);
    }
    closedir(dir);
    cr_expect_eq(files, 43, "expected the 43 shared weather files, found %d", files);
}

Test(weather, reads_header_columns_and_days)
{
    agro_weather *w;
    cr_assert_eq(agro_weather_load(ctx, WTH_DIR "/UFGA8201.WTH", &w), AGRO_OK, "%s", message());
    agro_weather_info in;
    agro_weather_get_info(w, &in);
    char st[16];
    agro_weather_get_station(w, st, sizeof st);
    cr_expect_str_eq(st, "UFGA");
    cr_expect_float_eq(in.latitude_deg, 29.63, 1e-9);
    cr_expect_float_eq(in.longitude_deg, -82.37, 1e-9);
    cr_expect_float_eq(in.elevation_m, 10.0, 1e-9);
    cr_expect_float_eq(in.tav_C, 20.9, 1e-9);
    cr_expect_float_eq(in.amp_C, 13.0, 1e-9);
    cr_expect_float_eq(in.refht_m, 2.0, 1e-9);
    cr_expect_float_eq(in.wndht_m, 3.0, 1e-9);
    cr_expect_eq(in.n_days, 365);
    cr_expect(in.first_year == 1982 && in.first_doy == 1 && in.last_year == 1982 &&
              in.last_doy == 365);
    cr_expect_eq(in.n_missing, 0);
    agro_weather_day d;
    cr_assert_eq(agro_weather_get_day(w, 0, &d), AGRO_OK);
    /* 82001   5.9  24.4  15.6  19.0              12.4 */
    cr_expect(d.srad_MJ_m2_d == 5.9 && d.tmax_C == 24.4 && d.tmin_C == 15.6 && d.rain_mm == 19.0);
    cr_expect_float_eq(d.par_mol_m2_d, 12.4, 1e-12);
    cr_expect(isnan(d.tdew_C) && isnan(d.wind_km_d), "columns absent from the file are NaN");
    int32_t idx;
    cr_expect_eq(agro_weather_find(w, 1982, 365, &idx), AGRO_OK);
    cr_expect_eq(idx, 364);
    cr_expect_eq(agro_weather_find(w, 1983, 1, &idx), AGRO_ENOTFOUND);
    cr_expect_eq(agro_weather_get_day(w, 365, &d), AGRO_ERANGE);
    cr_expect_eq(agro_weather_check(ctx, w, 0, 365), AGRO_OK);
    agro_weather_free(w);
    agro_weather_free(NULL);
}

Test(weather, four_digit_years_and_two_digit_pivot)
{
    agro_weather *w;
    cr_assert_eq(agro_weather_load_wth(ctx, WTH_DIR "/GAGR9626.WTH", &w), AGRO_OK, "%s", message());
    agro_weather_info in;
    agro_weather_get_info(w, &in);
    cr_expect(in.first_year == 1996 && in.first_doy == 1);
    cr_expect(in.last_year == 2021);
    cr_expect_eq(in.n_days, 9296);
    cr_expect_eq(agro_weather_check(ctx, w, 0, in.n_days), AGRO_OK, "%s", message());
    agro_weather_free(w);

    /* YY <= 35 is 20YY, YY > 35 is 19YY (DSSAT Y2K_DOY) */
    char p[512];
    put(p, sizeof p, "pivot35.WTH", HDR "35365   1.0  20.0  10.0   0.0\n");
    cr_assert_eq(agro_weather_load_wth(ctx, p, &w), AGRO_OK, "%s", message());
    cr_expect_eq(agro_weather_days(w)[0].year, 2035);
    agro_weather_free(w);
    put(p, sizeof p, "pivot36.WTH", HDR "36001   1.0  20.0  10.0   0.0\n");
    cr_assert_eq(agro_weather_load_wth(ctx, p, &w), AGRO_OK, "%s", message());
    cr_expect_eq(agro_weather_days(w)[0].year, 1936);
    agro_weather_free(w);
    /* a YYDDD series running through the turn of the century stays in order */
    put(p, sizeof p, "y2k.WTH", HDR "99365   1.0  20.0  10.0   0.0\n00001   1.0  20.0  10.0   0.0\n");
    cr_assert_eq(agro_weather_load_wth(ctx, p, &w), AGRO_OK, "%s", message());
    cr_expect_eq(agro_weather_check(ctx, w, 0, 2), AGRO_OK, "%s", message());
    agro_weather_free(w);
}

/* DSSAT's IpWRec reads a YYDDD file through Y2K_DOYW (ModuleDefs/DATES.for): each line stays in
   the century of the line before and moves to the next only after a year xx99. The reader used
   to apply the cross-over year to every line, so a file running from 2035 into 2036 was refused
   as going backwards (36001 read as 1936). */
Test(weather, yyddd_years_keep_the_century_of_the_line_before_as_dssat)
{
    char p[512];
    agro_weather *w;
    put(p, sizeof p, "cross35.WTH",
        HDR "35364   1.0  20.0  10.0   0.0\n35365   1.0  20.0  10.0   0.0\n"
            "36001   1.0  20.0  10.0   0.0\n");
    cr_assert_eq(agro_weather_load_wth(ctx, p, &w), AGRO_OK, "%s", message());
    cr_expect_eq(agro_weather_days(w)[1].year, 2035);
    cr_expect(agro_weather_days(w)[2].year == 2036 && agro_weather_days(w)[2].doy == 1);
    cr_expect_eq(agro_weather_check(ctx, w, 0, 3), AGRO_OK, "%s", message());
    agro_weather_free(w);
    /* a file of the 1930s whose first line is after the cross-over: the years run on from 1936 */
    put(p, sizeof p, "from36.WTH",
        HDR "36366   1.0  20.0  10.0   0.0\n37001   1.0  20.0  10.0   0.0\n");
    cr_assert_eq(agro_weather_load_wth(ctx, p, &w), AGRO_OK, "%s", message());
    cr_expect(agro_weather_days(w)[0].year == 1936 && agro_weather_days(w)[1].year == 1937);
    agro_weather_free(w);
    /* after 99 the next century, whatever year follows (a gap, refused only by the check) */
    put(p, sizeof p, "y2kgap.WTH",
        HDR "99365   1.0  20.0  10.0   0.0\n01001   1.0  20.0  10.0   0.0\n");
    cr_assert_eq(agro_weather_load_wth(ctx, p, &w), AGRO_OK, "%s", message());
    cr_expect_eq(agro_weather_days(w)[1].year, 2001);
    cr_expect_eq(agro_weather_check(ctx, w, 0, 2), AGRO_EORDER);
    agro_weather_free(w);
    /* a year that goes back without passing 99 stays in its century, and so goes backwards, as
       DSSAT stops on it (IpWRec error 8), where the cross-over alone read 01001 as 2001 */
    expect_error("back98.WTH",
                 HDR "98365   1.0  20.0  10.0   0.0\n01001   1.0  20.0  10.0   0.0\n",
                 AGRO_EORDER, 6, "DATE",
                 "date 1901-001 goes backwards (previous data line 5 has 1998-365): a YYDDD year "
                 "stays in the century of the line before");
    /* a 7-digit line sets the century for the YYDDD lines after it */
    put(p, sizeof p, "mixed.WTH",
        "@  DATE  SRAD  TMAX  TMIN  RAIN\n2035365   1.0  20.0  10.0   0.0\n"
        "  36001   1.0  20.0  10.0   0.0\n");
    cr_assert_eq(agro_weather_load_wth(ctx, p, &w), AGRO_OK, "%s", message());
    cr_expect_eq(agro_weather_days(w)[1].year, 2036);
    agro_weather_free(w);
}

/* For a run, DSSAT's IpWRec places a YYDDD file's first record in the century of the
   simulation start, one century earlier when that puts it after the start (Y2K_DOYW), not by the
   cross-over year: a file of the 1930s drives a 1936 season. The DSSAT runner loads its files so
   (agro_weather_load_wth_near, with the first day it needs); they were read by the cross-over
   year, 30001 as 2030, and a 1936 season found no weather. */
Test(weather, a_run_places_a_yyddd_file_by_the_day_it_needs_as_dssat)
{
    char p[512];
    agro_weather *w;
    static const struct {
        const char *lines;
        int32_t near, year0, year1;
    } cases[] = {
        {"30001   1.0  20.0  10.0   0.0\n30002   1.0  20.0  10.0   0.0\n", 1936100, 1930, 1930},
        {"30001   1.0  20.0  10.0   0.0\n30002   1.0  20.0  10.0   0.0\n", 2032100, 2030, 2030},
        {"30001   1.0  20.0  10.0   0.0\n30002   1.0  20.0  10.0   0.0\n", 0, 2030, 2030},
        {"82056   1.0  20.0  10.0   0.0\n82057   1.0  20.0  10.0   0.0\n", 1882056, 1882, 1882},
        /* the first record after the start: one century earlier, as IpWRec */
        {"82057   1.0  20.0  10.0   0.0\n82058   1.0  20.0  10.0   0.0\n", 1982056, 1882, 1882},
        {"99365   1.0  20.0  10.0   0.0\n00001   1.0  20.0  10.0   0.0\n", 1999365, 1999, 2000},
        {"35365   1.0  20.0  10.0   0.0\n36001   1.0  20.0  10.0   0.0\n", 2035365, 2035, 2036},
        /* a later yearly file of a run: the century of the first day it is needed for */
        {"36001   1.0  20.0  10.0   0.0\n36002   1.0  20.0  10.0   0.0\n", 2036001, 2036, 2036},
        /* four-digit years are read as written */
        {"1882056   1.0  20.0  10.0   0.0\n", 2036001, 1882, 1882},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char text[1024];
        snprintf(text, sizeof text, "%s%s",
                 cases[k].year0 == 1882 && strncmp(cases[k].lines, "1882", 4) == 0
                     ? "@  DATE  SRAD  TMAX  TMIN  RAIN\n"
                     : "@DATE  SRAD  TMAX  TMIN  RAIN\n",
                 cases[k].lines);
        put(p, sizeof p, "near.WTH", text);
        cr_assert_eq(agro_weather_load_wth_near(ctx, p, cases[k].near, &w), AGRO_OK, "%zu: %s", k,
                     message());
        const agro_weather_day *d = agro_weather_days(w);
        const int32_t n = agro_weather_n_days(w);
        cr_expect(d[0].year == cases[k].year0 && d[n - 1].year == cases[k].year1,
                  "case %zu: %d..%d, expected %d..%d", k, (int)d[0].year, (int)d[n - 1].year,
                  (int)cases[k].year0, (int)cases[k].year1);
        agro_weather_free(w);
    }
}

Test(weather, columns_in_any_order_by_header_name)
{
    char p[512];
    put(p, sizeof p, "order.WTH",
        "@ INSI      LAT     LONG  ELEV   TAV   AMP REFHT WNDHT\n"
        "  ORDR   10.000   20.000   100  20.0   4.0 -99.0 -99.0\n"
        "@DATE  RAIN  TMIN  TDEW  SRAD  TMAX  WIND  RHUM  VPRS   PAR\n"
        "20001   3.5  12.0   9.0  18.5  25.0 150.0  70.0  1.20  40.0\n");
    agro_weather *w;
    cr_assert_eq(agro_weather_load_wth(ctx, p, &w), AGRO_OK, "%s", message());
    agro_weather_day d = agro_weather_days(w)[0];
    cr_expect(d.year == 2020 && d.doy == 1);
    cr_expect(d.rain_mm == 3.5 && d.tmin_C == 12.0 && d.tdew_C == 9.0 && d.srad_MJ_m2_d == 18.5 &&
              d.tmax_C == 25.0 && d.wind_km_d == 150.0 && d.rhum_pct == 70.0 &&
              d.vprs_kPa == 1.2 && d.par_mol_m2_d == 40.0);
    agro_weather_info in;
    agro_weather_get_info(w, &in);
    cr_expect(in.refht_m == 1.5 && in.wndht_m == 2.0, "-99 heights take the DSSAT defaults");
    agro_weather_free(w);
}

Test(weather, missing_required_value_loads_but_cannot_drive_a_run)
{
    agro_weather *w;
    const char *path = WTH_DIR "/IUAF9901.WTH";
    cr_assert_eq(agro_weather_load_wth(ctx, path, &w), AGRO_OK, "%s", message());
    agro_weather_info in;
    agro_weather_get_info(w, &in);
    cr_expect_eq(in.n_missing, 1);
    int32_t i;
    cr_assert_eq(agro_weather_find(w, 1999, 22, &i), AGRO_OK);
    cr_expect(isnan(agro_weather_days(w)[i].tmin_C), "a missing value is never used as a number");
    cr_expect_eq(agro_weather_check(ctx, w, 0, in.n_days), AGRO_EMISSING);
    char expect[512];
    snprintf(expect, sizeof expect, "%s:27: TMIN: missing value on 1999-01-22", path);
    cr_expect(strncmp(message(), expect, strlen(expect)) == 0, "%s", message());
    /* a season after the bad day is fine */
    cr_expect_eq(agro_weather_check(ctx, w, 100, 150), AGRO_OK, "%s", message());
    cr_expect_eq(agro_weather_check(ctx, w, 300, 100), AGRO_ERANGE);
    agro_weather_free(w);
}

/* DSSAT-CSM 4.8's DailyWeatherCheck runs a day of SRAD below 0.1 MJ/m2/d with 0.1 (a warning,
   IPWTH_alt.for): the reader stores 0.1 and counts it; 0.1 and above are read as they are.
   NCCL8801.WTH has two such days (SRAD 0 on 1988-01-03 and 01-20). */
Test(weather, srad_below_0_1_is_read_as_0_1_as_dssat_runs_it)
{
    char p[512];
    put(p, sizeof p, "dark.WTH",
        HDR "78025   0.0  -2.0  -9.9   0.0\n78026  0.05   1.0  -3.0   0.0\n"
            "78027   0.1   2.0  -1.0   0.0\n78028   0.5   2.0  -1.0   0.0\n");
    agro_weather *w;
    cr_assert_eq(agro_weather_load_wth(ctx, p, &w), AGRO_OK, "%s", message());
    const double want[4] = {0.1, 0.1, 0.1, 0.5};
    for (int i = 0; i < 4; i++)
        cr_expect_eq(agro_weather_days(w)[i].srad_MJ_m2_d, want[i], "day %d: SRAD %g, expected %g",
                     i, agro_weather_days(w)[i].srad_MJ_m2_d, want[i]);
    agro_weather_info in;
    agro_weather_get_info(w, &in);
    cr_expect_eq(in.n_substituted, 2);
    cr_expect_eq(in.n_missing, 0);
    cr_expect_eq(agro_weather_check(ctx, w, 0, 4), AGRO_OK, "%s", message());
    agro_weather_free(w);
    cr_assert_eq(agro_weather_load_wth(ctx, WTH_DIR "/NCCL8801.WTH", &w), AGRO_OK, "%s", message());
    agro_weather_get_info(w, &in);
    cr_expect_eq(in.n_substituted, 2);
    int32_t i;
    cr_assert_eq(agro_weather_find(w, 1988, 3, &i), AGRO_OK);
    cr_expect_eq(agro_weather_days(w)[i].srad_MJ_m2_d, 0.1);
    agro_weather_free(w);
    /* agrosim's own CSV keeps what it reads */
    put(p, sizeof p, "dark.csv", "date,srad_MJ_m2_d,tmax_C,tmin_C,rain_mm\n1978-01-25,0,-2,-9.9,0\n");
    cr_assert_eq(agro_weather_load_csv(ctx, p, &w), AGRO_OK, "%s", message());
    cr_expect_eq(agro_weather_days(w)[0].srad_MJ_m2_d, 0.0);
    agro_weather_get_info(w, &in);
    cr_expect_eq(in.n_substituted, 0);
    agro_weather_free(w);
}

/* A message about one day of a series names where that day comes from: the file and the line
   of a day read from a .WTH or CSV file (comment, header and blank lines counted), the station
   and the date of a generated day, which has no file. */
Test(weather, day_source_names_the_file_and_line_or_the_generated_station)
{
    char p[512], want[600], src[AGRO_WEATHER_SOURCE_MAX];
    put(p, sizeof p, "where.WTH", HDR "01001  20.0  30.0  20.0   0.0\n\n01002  60.0  30.0  20.0   0.0\n");
    agro_weather *w;
    cr_assert_eq(agro_weather_load_wth(ctx, p, &w), AGRO_OK, "%s", message());
    cr_expect_eq(agro_weather_day_source(w, 1, src, sizeof src), AGRO_OK);
    snprintf(want, sizeof want, "%s:7", p);
    cr_expect_str_eq(src, want);
    /* an index outside the series, a buffer too small, no buffer */
    cr_expect_eq(agro_weather_day_source(w, 2, src, sizeof src), AGRO_ERANGE);
    cr_expect_str_eq(src, "");
    cr_expect_eq(agro_weather_day_source(w, -1, src, sizeof src), AGRO_ERANGE);
    char small[8];
    cr_expect_eq(agro_weather_day_source(w, 0, small, sizeof small), AGRO_ERANGE);
    cr_expect_eq(strncmp(small, p, sizeof small - 1), 0, "%s", small);
    cr_expect_eq(agro_weather_day_source(w, 0, NULL, 10), AGRO_EINVAL);
    cr_expect_eq(agro_weather_day_source(w, 0, src, 0), AGRO_EINVAL);
    cr_expect_eq(agro_weather_day_source(NULL, 0, src, sizeof src), AGRO_EINVAL);
    agro_weather_free(w);
    put(p, sizeof p, "where.csv",
        "# station=X\ndate,srad_MJ_m2_d,tmax_C,tmin_C,rain_mm\n2001-01-01,20,30,20,0\n"
        "# a comment\n2001-01-02,60,30,20,0\n");
    cr_assert_eq(agro_weather_load_csv(ctx, p, &w), AGRO_OK, "%s", message());
    cr_expect_eq(agro_weather_day_source(w, 1, src, sizeof src), AGRO_OK);
    snprintf(want, sizeof want, "%s:5", p);
    cr_expect_str_eq(src, want);
    agro_weather_free(w);
    cr_assert_eq(helper_morogoro_weather(ctx, 2002, &w), AGRO_OK, "%s", message());
    cr_expect_eq(agro_weather_day_source(w, 99, src, sizeof src), AGRO_OK);
    cr_expect_str_eq(src, "generated weather, station MOROGORO, 2002-100");
    agro_weather_free(w);
}

/* DSSAT-CSM 4.8's DailyWeatherCheck stops on a day whose TMAX and TMIN both round to 0.00 C
   (error 4, its pattern of a missing pair), but only on a day it simulates: the file loads, the
   values stay, agro_weather_check refuses that day by file, line and columns. 0.00 with -0.10
   is a real day. */
Test(weather, tmax_and_tmin_both_0_00_cannot_drive_a_run)
{
    char p[512];
    put(p, sizeof p, "zero.WTH",
        HDR "78025   3.0   0.0  -0.1   0.0\n78026   3.0   0.0   0.0   0.0\n"
            "78027   3.0 0.004-0.004   0.0\n78028   3.0   0.5  -0.5   0.0\n");
    agro_weather *w;
    cr_assert_eq(agro_weather_load_wth(ctx, p, &w), AGRO_OK, "%s", message());
    cr_expect_eq(agro_weather_days(w)[1].tmax_C, 0.0);
    cr_expect_eq(agro_weather_check(ctx, w, 0, 1), AGRO_OK, "%s", message());
    cr_expect_eq(agro_weather_check(ctx, w, 3, 1), AGRO_OK, "%s", message());
    char expect[640];
    snprintf(expect, sizeof expect, "%s:6: TMAX, TMIN: both 0.00 C on 1978-01-26", p);
    cr_expect_eq(agro_weather_check(ctx, w, 0, 4), AGRO_ERANGE);
    cr_expect(strncmp(message(), expect, strlen(expect)) == 0, "%s", message());
    snprintf(expect, sizeof expect, "%s:7: TMAX, TMIN: both 0.00 C on 1978-01-27", p);
    cr_expect_eq(agro_weather_check(ctx, w, 2, 2), AGRO_ERANGE);
    cr_expect(strncmp(message(), expect, strlen(expect)) == 0, "%s", message());
    agro_weather_free(w);
}

/* A day with a value DSSAT stops on and a missing one is refused for the value (AGRO_ERANGE), not
   the missing one: agrosim soil-temperature runs a day whose rain is missing (as 0) and refuses
   only AGRO_ERANGE, so a missing RAIN hid a 0.00 C pair (which ran as a day at 0 C), a crossed
   pair or a bad SRAD from it. */
Test(weather, a_value_dssat_stops_on_is_refused_before_a_missing_rain)
{
    char p[512];
    put(p, sizeof p, "badmiss.WTH",
        HDR "78025   3.0   0.0   0.0 -99.0\n78026   3.0  10.0  20.0 -99.0\n"
            "78027  -5.0  25.0  15.0 -99.0\n78028 -99.0  10.0  20.0   0.0\n"
            "78029   3.0  25.0  15.0 -99.0\n");
    agro_weather *w;
    cr_assert_eq(agro_weather_load_wth(ctx, p, &w), AGRO_OK, "%s", message());
    static const char *const want[4] = {":5: TMAX, TMIN: both 0.00 C on 1978-01-25",
                                        ":6: TMIN: above TMAX (20 > 10 C) on 1978-01-26",
                                        ":7: SRAD: -5 MJ/m2/d outside [0, 100] on 1978-01-27",
                                        ":8: TMIN: above TMAX (20 > 10 C) on 1978-01-28"};
    for (int i = 0; i < 4; i++) {
        char expect[640];
        snprintf(expect, sizeof expect, "%s%s", p, want[i]);
        cr_expect_eq(agro_weather_check(ctx, w, i, 1), AGRO_ERANGE, "day %d: %s", i, message());
        cr_expect(strncmp(message(), expect, strlen(expect)) == 0, "day %d: %s", i, message());
    }
    /* a day missing only its rain stays a missing value */
    char expect[640];
    snprintf(expect, sizeof expect, "%s:9: RAIN: missing value on 1978-01-29", p);
    cr_expect_eq(agro_weather_check(ctx, w, 4, 1), AGRO_EMISSING, "%s", message());
    cr_expect(strncmp(message(), expect, strlen(expect)) == 0, "%s", message());
    agro_weather_free(w);
}

/* DSSAT-CSM 4.8 reads a weather file's days unchecked (IPWTH_alt.for IpWRec) and its
   DailyWeatherCheck stops a run on SRAD below 0 or above 100 MJ/m2/d (error 2), RAIN below 0 (3)
   or TMAX below TMIN (6) only on a day it simulates: the file loads with the values as read, the
   day is counted in n_bad_days, and agro_weather_check refuses it by file, line and column(s)
   while the days around it drive runs. Such a file was refused whole at load. TAV and AMP
   computed from the days leave a crossed pair out, as a missing one. */
Test(weather, a_value_dssat_stops_on_loads_and_only_its_day_is_refused)
{
    char p[512];
    put(p, sizeof p, "badday.WTH",
        "@ INSI      LAT     LONG  ELEV   TAV   AMP\n  BADD   10.000   20.000   100   -99   -99\n"
        "@DATE  SRAD  TMAX  TMIN  RAIN\n"
        "20001  10.0  25.0  15.0   1.0\n20002  10.0   5.0  45.0   1.0\n20003  -2.5  25.0  15.0   0.0\n"
        "20004 120.0  25.0  15.0  -3.0\n20005  10.0  25.0  15.0   1.0\n");
    agro_weather *w;
    cr_assert_eq(agro_weather_load_wth(ctx, p, &w), AGRO_OK, "%s", message());
    agro_weather_info in;
    agro_weather_get_info(w, &in);
    cr_expect_eq(in.n_days, 5);
    cr_expect_eq(in.n_bad_days, 3);
    cr_expect_eq(in.n_missing, 0);
    cr_expect_eq(in.n_substituted, 0, "a negative SRAD is not raised to 0.1");
    const agro_weather_day *d = agro_weather_days(w);
    cr_expect(d[1].tmax_C == 5.0 && d[1].tmin_C == 45.0, "the values stay as read");
    cr_expect_eq(d[2].srad_MJ_m2_d, -2.5);
    cr_expect(d[3].srad_MJ_m2_d == 120.0 && d[3].rain_mm == -3.0);
    /* all in January: the four good days' mean 20 C; with the crossed pair it would be 21 */
    cr_expect_float_eq(in.tav_C, 20.0, 1e-12);
    cr_expect_float_eq(in.amp_C, 0.0, 1e-12);
    cr_expect_eq(agro_weather_check(ctx, w, 0, 1), AGRO_OK, "%s", message());
    cr_expect_eq(agro_weather_check(ctx, w, 4, 1), AGRO_OK, "%s", message());
    char expect[1024];
    cr_expect_eq(agro_weather_check(ctx, w, 0, 5), AGRO_ERANGE);
    snprintf(expect, sizeof expect, "%s:5: TMIN: above TMAX (45 > 5 C) on 2020-01-02: DSSAT stops", p);
    cr_expect(strncmp(message(), expect, strlen(expect)) == 0, "%s", message());
    cr_expect_eq(agro_weather_check(ctx, w, 2, 3), AGRO_ERANGE);
    snprintf(expect, sizeof expect, "%s:6: SRAD: -2.5 MJ/m2/d outside [0, 100] on 2020-01-03", p);
    cr_expect(strncmp(message(), expect, strlen(expect)) == 0, "%s", message());
    cr_expect_eq(agro_weather_check(ctx, w, 3, 1), AGRO_ERANGE);
    snprintf(expect, sizeof expect,
             "%s:7: SRAD, RAIN: SRAD 120 MJ/m2/d outside [0, 100], RAIN negative (-3 mm) on "
             "2020-01-04",
             p);
    cr_expect(strncmp(message(), expect, strlen(expect)) == 0, "%s", message());
    agro_weather_free(w);
    /* a day whose every check fails names each column */
    put(p, sizeof p, "allbad.WTH", HDR "20001  -1.0  10.0  20.0  -1.0\n");
    cr_assert_eq(agro_weather_load_wth(ctx, p, &w), AGRO_OK, "%s", message());
    cr_expect_eq(agro_weather_check(ctx, w, 0, 1), AGRO_ERANGE);
    snprintf(expect, sizeof expect,
             "%s:5: SRAD, TMIN, RAIN: SRAD -1 MJ/m2/d outside [0, 100], TMIN above TMAX (20 > 10 "
             "C), RAIN negative (-1 mm) on 2020-01-01",
             p);
    cr_expect(strncmp(message(), expect, strlen(expect)) == 0, "%s", message());
    agro_weather_free(w);
}

Test(weather, legacy_fill_nines_and_flags)
{
    agro_weather *w;
    /* UCEA7801: SRAD -9.9 on 78025 is a fill code, not a negative radiation */
    cr_assert_eq(agro_weather_load_wth(ctx, WTH_DIR "/UCEA7801.WTH", &w), AGRO_OK, "%s", message());
    int32_t i;
    agro_weather_find(w, 1978, 25, &i);
    cr_expect(isnan(agro_weather_days(w)[i].srad_MJ_m2_d));
    agro_weather_info in;
    agro_weather_get_info(w, &in);
    cr_expect_eq(in.n_missing, 1);
    agro_weather_free(w);
    /* ... while -9.9 C is a real temperature */
    char p[512];
    put(p, sizeof p, "cold.WTH", HDR "78025   3.0  -2.0  -9.9   0.0\n");
    cr_assert_eq(agro_weather_load_wth(ctx, p, &w), AGRO_OK, "%s", message());
    cr_expect_float_eq(agro_weather_days(w)[0].tmin_C, -9.9, 1e-12);
    agro_weather_free(w);
    /* UFGA7601: a quality letter after PAR is ignored, the value under the header is read */
    cr_assert_eq(agro_weather_load_wth(ctx, WTH_DIR "/UFGA7601.WTH", &w), AGRO_OK, "%s", message());
    cr_expect_float_eq(agro_weather_days(w)[0].par_mol_m2_d, 50.0, 1e-12);
    agro_weather_free(w);
    /* GHWA0301: optional columns left blank are absent, not missing */
    cr_assert_eq(agro_weather_load_wth(ctx, WTH_DIR "/GHWA0301.WTH", &w), AGRO_OK, "%s", message());
    agro_weather_get_info(w, &in);
    cr_expect_eq(in.n_missing, 0);
    cr_expect(isnan(agro_weather_days(w)[0].tdew_C));
    agro_weather_free(w);
}

Test(weather, tav_and_amp_computed_when_absent)
{
    char p[512];
    /* January: mean (10+0)/2 = 5 C; February: (30+10)/2 = 20 C -> TAV 12.5, AMP 15 */
    put(p, sizeof p, "tavamp.WTH",
        "@ INSI      LAT     LONG  ELEV   TAV   AMP\n"
        "  TAVA   10.000   20.000   100   -99   -99\n"
        "@DATE  SRAD  TMAX  TMIN  RAIN\n"
        "21031  10.0  10.0   0.0   0.0\n21032  10.0  30.0  10.0   0.0\n21033  10.0  30.0  10.0   0.0\n");
    agro_weather *w;
    cr_assert_eq(agro_weather_load_wth(ctx, p, &w), AGRO_OK, "%s", message());
    agro_weather_info in;
    agro_weather_get_info(w, &in);
    cr_expect_float_eq(in.tav_C, 12.5, 1e-12);
    cr_expect_float_eq(in.amp_C, 15.0, 1e-12);
    agro_weather_free(w);
}

Test(weather, bad_wth_input_is_reported_with_file_line_and_field)
{
    char p[512];
    snprintf(p, sizeof p, "%s/no_such_file.WTH", TMP_DIR);
    agro_weather *w;
    cr_expect_eq(agro_weather_load_wth(ctx, p, &w), AGRO_EIO);
    cr_expect(strstr(message(), "no_such_file.WTH: cannot open") != NULL, "%s", message());

    expect_error("empty.WTH", "", AGRO_EFORMAT, 0, NULL, "empty file");
    expect_error("comments.WTH", "*WEATHER\n! nothing here\n\n", AGRO_EFORMAT, 0, NULL, "empty file");
    expect_error("truncated.WTH", HDR "20001  10.0  25.0  15.0   1.0\n20002  10.0  25.0\n",
                 AGRO_EFORMAT, 6, "TMIN", "truncated line");
    expect_error("nonnum.WTH", HDR "20001  10.0  2x.0  15.0   1.0\n", AGRO_EFORMAT, 5, "TMAX",
                 "not a number (\"2x.0\")");
    /* C99's hexadecimal floats are no number in a DSSAT file ("0x19" read as 25 before) */
    expect_error("hex.WTH", HDR "20001  10.0  0x19  15.0   1.0\n", AGRO_EFORMAT, 5, "TMAX",
                 "not a number (\"0x19\")");
    expect_error("nan.WTH", HDR "20001  10.0   nan  15.0   1.0\n", AGRO_ENUMERIC, 5, "TMAX",
                 "non-finite value");
    expect_error("inf.WTH", HDR "20001  10.0  25.0  15.0   inf\n", AGRO_ENUMERIC, 5, "RAIN",
                 "non-finite value");
    expect_error("backwards.WTH",
                 HDR "20010  10.0  25.0  15.0   1.0\n20011  10.0  25.0  15.0   1.0\n"
                     "20009  10.0  25.0  15.0   1.0\n",
                 AGRO_EORDER, 7, "DATE", "date 2020-009 goes backwards");
    expect_error("duplicate.WTH",
                 HDR "20010  10.0  25.0  15.0   1.0\n20010  10.0  25.0  15.0   1.0\n", AGRO_EORDER,
                 6, "DATE", "date 2020-010 repeated");
    expect_error("baddoy.WTH", HDR "21366  10.0  25.0  15.0   0.0\n", AGRO_ERANGE, 5, "DATE",
                 "day of year 366 does not exist in 2021");
    expect_error("baddate.WTH", HDR "2001   10.0  25.0  15.0   0.0\n", AGRO_EFORMAT, 5, "DATE",
                 "expected YYDDD or YYYYDDD");
    /* day 0 of a year, and year 0, which the reader used to load as 0000-04-09 */
    expect_error("doy0.WTH", HDR "21000  10.0  25.0  15.0   0.0\n", AGRO_ERANGE, 5, "DATE",
                 "day of year 0 does not exist in 2021");
    expect_error("year0.WTH",
                 "@  DATE  SRAD  TMAX  TMIN  RAIN\n0000100  10.0  25.0  15.0   0.0\n",
                 AGRO_ERANGE, 2, "DATE", "year 0 is not a year of the calendar (\"0000100\")");
    /* a YYYYDDD date under a 5-wide "@DATE": it read "20200" as the date and refused the SRAD
       cell "10  10.0", naming SRAD */
    expect_error("wide_date.WTH", HDR "2020010  10.0  25.0  15.0   0.0\n", AGRO_EFORMAT, 5, "DATE",
                 "the date runs past its header's last column (5)");
    /* a number wider than its column: "119.55" under the 6-wide RAIN loaded as 119 mm (the
       "55" after the last column dropped); under SRAD the "2" of "10.02" went to TMAX */
    expect_error("wide_rain.WTH", HDR "20001  10.0  25.0  15.0  119.55\n", AGRO_EFORMAT, 5,
                 "RAIN", "the value runs past its header's last column (29)");
    expect_error("wide_srad.WTH", HDR "20001  10.02 25.0  15.0   1.0\n", AGRO_EFORMAT, 5, "SRAD",
                 "the value runs past its header's last column (11)");
    /* ... but a value written full width under its own name ("%6.2f": -10.25 then 100.25, no
       blank between) is the next column's, and loads (it was refused as TMIN running on) */
    {
        char path[512];
        put(path, sizeof path, "full.WTH", HDR "20001 10.00 25.00-10.25100.25\n");
        agro_weather *wf = NULL;
        cr_assert_eq(agro_weather_load(ctx, path, &wf), AGRO_OK, "%s", message());
        agro_weather_day d;
        cr_assert_eq(agro_weather_get_day(wf, 0, &d), AGRO_OK);
        cr_expect(d.tmin_C == -10.25 && d.rain_mm == 100.25, "tmin %g rain %g", d.tmin_C, d.rain_mm);
        agro_weather_free(wf);
    }
    expect_error("leap7.WTH",
                 "@  DATE  SRAD  TMAX  TMIN  RAIN\n2021366  10.0  25.0  15.0   0.0\n",
                 AGRO_ERANGE, 2, "DATE", "day of year 366 does not exist in 2021 (\"2021366\")");
    expect_error("nocol.WTH", "@DATE  SRAD  TMAX  RAIN\n20001  10.0  25.0   0.0\n", AGRO_EMISSING,
                 1, "TMIN", "required column missing");
    expect_error("noheader.WTH", "20001  10.0  25.0  15.0   0.0\n", AGRO_EFORMAT, 1, "",
                 "data line before the daily header");
    expect_error("badlat.WTH",
                 "@ INSI      LAT     LONG\n  BADL  123.000   20.000\n@DATE  SRAD  TMAX  TMIN  RAIN\n",
                 AGRO_ERANGE, 2, "LAT", "value 123 outside [-90, 90]");
}

/* Found by tests/test_input_mutations.c: a NUL byte inside a cell used to end the number there
 * ("25.3" with a NUL after "2" loaded as 2 mm of rain); a file holding one is refused. */
Test(weather, nul_byte_is_refused_with_file_and_line)
{
    static const char wth[] = HDR "82001   5.9  24.4  15.6  19.0\n82002   9.8  26.1  15.0   2\0005.3\n";
    static const char csv[] = "date,srad_MJ_m2_d,tmax_C,tmin_C,rain_mm\n1982-01-01,5.9,24.4,15.6,2\0005.3\n";
    const struct {
        const char *name, *text;
        size_t n;
        int line;
    } files[2] = {{"nul.WTH", wth, sizeof wth - 1, 6}, {"nul.csv", csv, sizeof csv - 1, 2}};
    for (int k = 0; k < 2; k++) {
        char path[512], expect[600];
        snprintf(path, sizeof path, "%s/%s", TMP_DIR, files[k].name);
        FILE *fp = fopen(path, "wb");
        cr_assert_not_null(fp);
        cr_assert_eq(fwrite(files[k].text, 1, files[k].n, fp), files[k].n);
        fclose(fp);
        agro_weather *w = NULL;
        cr_expect_eq(agro_weather_load(ctx, path, &w), AGRO_EFORMAT, "%s: %s", files[k].name,
                     message());
        cr_expect_null(w);
        snprintf(expect, sizeof expect, "%s:%d: NUL byte at column", path, files[k].line);
        cr_expect(strstr(message(), expect) != NULL, "%s", message());
    }
}

/* @p w written as TMP_DIR/@p name and loaded again */
static agro_weather *through_csv(const agro_weather *w, const char *name)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", TMP_DIR, name);
    cr_assert_eq(agro_weather_write_csv(ctx, w, p), AGRO_OK, "%s", message());
    agro_weather *back = NULL;
    cr_assert_eq(agro_weather_load(ctx, p, &back), AGRO_OK, "%s", message());
    return back;
}

/* An optional value no air or sky has (a negative wind run, PAR or vapour pressure, a relative
 * humidity outside 0..100 %) loaded and passed agro_weather_check: only the field's step refused
 * it, naming the date but no file. The readers keep such a day as read (DSSAT does not stop on
 * it) and agro_weather_check refuses it naming the file, the line and the column, in the file's
 * unit; a negative missing code (-9.9) stays missing, other days stay runnable, and the day
 * stays refused through the CSV. DSSAT's own LUGO files hold dew points up to 7.3 C above TMAX,
 * which pass. */
Test(weather, an_optional_value_no_air_has_is_refused_by_the_check_naming_line_and_column)
{
    char p[512];
    put(p, sizeof p, "optional.WTH",
        "@ INSI      LAT     LONG  ELEV   TAV   AMP REFHT WNDHT\n"
        "  OPTV   10.000   20.000   100  20.0   4.0 -99.0 -99.0\n"
        "@DATE  SRAD  TMAX  TMIN  RAIN  DEWP  WIND   PAR  VPRS  RHUM\n"
        "20001  18.5  25.0  12.0   0.0  31.0  -9.9  40.0  1.20  70.0\n"
        "20002  18.5  25.0  12.0   0.0   9.0  -3.0  40.0  1.20  70.0\n"
        "20003  18.5  25.0  12.0   0.0   9.0 150.0  -0.5  1.20  70.0\n"
        "20004  18.5  25.0  12.0   0.0   9.0 150.0  40.0 -0.10  70.0\n"
        "20005  18.5  25.0  12.0   0.0   9.0 150.0  40.0  1.20 100.5\n"
        "20006  18.5  25.0  12.0   0.0   9.0 150.0  40.0  1.20  70.0\n");
    agro_weather *w;
    cr_assert_eq(agro_weather_load_wth(ctx, p, &w), AGRO_OK, "%s", message());
    cr_expect_eq(agro_weather_check(ctx, w, 0, 1), AGRO_OK, "-9.9 is missing, a high dew point passes: %s", message());
    cr_expect(isnan(agro_weather_days(w)[0].wind_km_d));
    cr_expect_eq(agro_weather_check(ctx, w, 5, 1), AGRO_OK, "%s", message());
    static const char *const want[4] = {
        ":5: WIND: negative (-3) on 2020-01-02: no wind run is below 0",
        ":6: PAR: negative (-0.5) on 2020-01-03: no PAR is below 0",
        ":7: VPRS: negative (-0.1) on 2020-01-04: no vapour pressure is below 0",
        ":8: RHUM: 100.5 % outside [0, 100] on 2020-01-05: no relative humidity is"};
    char expect[1024];
    for (int k = 0; k < 4; k++) {
        cr_expect_eq(agro_weather_check(ctx, w, 1 + k, 1), AGRO_ERANGE, "day %d", 1 + k);
        snprintf(expect, sizeof expect, "%s%s", p, want[k]);
        cr_expect(strncmp(message(), expect, strlen(expect)) == 0, "%s\nexpected %s", message(), expect);
    }
    /* through the CSV the day stays refused, named in the CSV's column and unit (m/s) */
    agro_weather *back = through_csv(w, "optional.csv");
    cr_expect_eq(agro_weather_check(ctx, back, 1, 1), AGRO_ERANGE);
    cr_expect(strstr(message(), ": wind_m_s: negative (-0.0347222) on 2020-01-02") != NULL, "%s", message());
    cr_expect_eq(agro_weather_check(ctx, back, 4, 1), AGRO_ERANGE);
    cr_expect(strstr(message(), ": rhum_pct: 100.5 % outside [0, 100]") != NULL, "%s", message());
    cr_expect_eq(agro_weather_check(ctx, back, 5, 1), AGRO_OK, "%s", message());
    agro_weather_free(back);
    agro_weather_free(w);
}

/* A .WTH day agro_weather_check refuses for its values (TMIN above TMAX, SRAD outside 0..100,
   negative rain, TMAX and TMIN both 0.00 C) is written to the CSV with NA for those values: the
   CSV loads (it refused the crossed pair at load) and the day stays refused, as a missing one
   (the 0.00 C pair read back as a day that runs); every other value is written as before. */
Test(weather, a_wth_day_the_check_refuses_stays_refused_through_csv)
{
    char p[512];
    put(p, sizeof p, "badcsv.WTH",
        HDR "20001  10.0  25.0  15.0   1.0\n20002  10.0  15.0  25.0   1.0\n20003  10.0   0.0   0.0   2.0\n"
            "20004 120.0  25.0  15.0  -3.0\n20005  10.0  25.0  15.0   1.0\n");
    agro_weather *w;
    cr_assert_eq(agro_weather_load_wth(ctx, p, &w), AGRO_OK, "%s", message());
    agro_weather *c = through_csv(w, "badcsv.csv");
    cr_assert_not_null(c);
    agro_weather_info in;
    agro_weather_get_info(c, &in);
    cr_expect_eq(in.n_days, 5);
    cr_expect_eq(in.n_missing, 6);
    cr_expect_eq(in.n_bad_days, 0);
    const agro_weather_day *a = agro_weather_days(w), *b = agro_weather_days(c);
    cr_expect(isnan(b[1].tmax_C) && isnan(b[1].tmin_C) && b[1].srad_MJ_m2_d == 10.0 && b[1].rain_mm == 1.0);
    cr_expect(isnan(b[2].tmax_C) && isnan(b[2].tmin_C) && b[2].rain_mm == 2.0);
    cr_expect(isnan(b[3].srad_MJ_m2_d) && isnan(b[3].rain_mm) && b[3].tmax_C == 25.0 && b[3].tmin_C == 15.0);
    for (int i = 0; i < 5; i += 4)
        cr_expect(memcmp(&a[i], &b[i], sizeof a[i]) == 0, "day %d written as it was", i);
    for (int i = 1; i < 4; i++)
        cr_expect_eq(agro_weather_check(ctx, c, i, 1), AGRO_EMISSING, "day %d: %s", i, message());
    cr_expect_eq(agro_weather_check(ctx, c, 4, 1), AGRO_OK, "%s", message());
    agro_weather_free(c);
    agro_weather_free(w);
}

Test(weather, csv_round_trip_and_metadata)
{
    agro_weather *w, *back;
    cr_assert_eq(agro_weather_load(ctx, WTH_DIR "/UFQU7901.WTH", &w), AGRO_OK, "%s", message());
    back = through_csv(w, "ufqu.csv");
    char p[512];
    agro_weather_info a, b;
    agro_weather_get_info(w, &a);
    agro_weather_get_info(back, &b);
    cr_expect_eq(a.n_days, b.n_days);
    cr_expect(a.latitude_deg == b.latitude_deg && a.longitude_deg == b.longitude_deg);
    cr_expect(isnan(b.elevation_m), "unknown elevation stays unknown");
    char s1[16], s2[16];
    agro_weather_get_station(w, s1, sizeof s1);
    agro_weather_get_station(back, s2, sizeof s2);
    cr_expect_str_eq(s1, s2);
    const agro_weather_day *x = agro_weather_days(w), *y = agro_weather_days(back);
    for (int32_t i = 0; i < a.n_days; i++) {
        cr_expect(x[i].year == y[i].year && x[i].doy == y[i].doy);
        cr_expect(x[i].srad_MJ_m2_d == y[i].srad_MJ_m2_d && x[i].tmax_C == y[i].tmax_C &&
                  x[i].tmin_C == y[i].tmin_C && x[i].rain_mm == y[i].rain_mm, "day %d", i);
        cr_expect(isnan(y[i].wind_km_d) == isnan(x[i].wind_km_d));
        if (isfinite(x[i].par_mol_m2_d))
            cr_expect_float_eq(y[i].par_mol_m2_d, x[i].par_mol_m2_d, 1e-9);
    }
    agro_weather_free(w);
    agro_weather_free(back);

    /* hand-written file: any column order, wind in m/s, comments and metadata */
    put(p, sizeof p, "hand.csv",
        "# a comment line\n# station=HAND\n# latitude_deg=-6.5\n# elevation_m=1200\n"
        "tmin_C,date,rain_mm,wind_m_s,srad_MJ_m2_d,tmax_C\n"
        "15.0,2020-02-28,0.0,2.0,20.0,28.0\n16.0,2020-02-29,12.5,,18.0,26.0\n"
        "16.5,2020-03-01,NA,1.0,19.0,27.0\n");
    cr_assert_eq(agro_weather_load(ctx, p, &w), AGRO_OK, "%s", message());
    agro_weather_get_info(w, &a);
    agro_weather_get_station(w, s1, sizeof s1);
    cr_expect_str_eq(s1, "HAND");
    cr_expect(a.latitude_deg == -6.5 && a.elevation_m == 1200.0 && isnan(a.longitude_deg));
    cr_expect(a.n_days == 3 && a.first_doy == 59 && a.last_doy == 61);
    cr_expect_eq(a.n_missing, 1, "NA rain is counted, the empty wind cell is just absent");
    x = agro_weather_days(w);
    cr_expect_float_eq(x[0].wind_km_d, 172.8, 1e-9);
    cr_expect(isnan(x[1].wind_km_d) && x[1].rain_mm == 12.5 && isnan(x[2].rain_mm));
    cr_expect_eq(agro_weather_check(ctx, w, 0, 3), AGRO_EMISSING);
    cr_expect(strstr(message(), "hand.csv:8: rain_mm: missing value on 2020-03-01") != NULL, "%s",
              message());
    agro_weather_free(w);
}

/* Every column and the header's TAV and AMP survive a CSV round trip: LUGO9301's dew point and
 * wind, a hand-written humidity and vapour pressure; the given TAV and AMP, not the ones the
 * days would give (the DSSAT runner reads the given ones) */
Test(weather, csv_round_trip_keeps_every_column_and_the_given_tav_and_amp)
{
    agro_weather *w, *back;
    cr_assert_eq(agro_weather_load(ctx, WTH_DIR "/LUGO9301.WTH", &w), AGRO_OK, "%s", message());
    back = through_csv(w, "lugo.csv");
    agro_weather_info a, b;
    agro_weather_get_info(w, &a);
    agro_weather_get_info(back, &b);
    cr_expect(a.tav_C == b.tav_C && a.amp_C == b.amp_C, "TAV %g, %g; AMP %g, %g", a.tav_C, b.tav_C, a.amp_C, b.amp_C);
    double tav, amp;
    agro_weather_given_tav_amp(back, &tav, &amp);
    cr_expect(tav == a.tav_C && amp == a.amp_C, "given %g %g", tav, amp);
    const agro_weather_day *x = agro_weather_days(w), *y = agro_weather_days(back);
    int wind = 0, rhum = 0, tdew = 0;
    for (int32_t i = 0; i < a.n_days; i++) {
        /* km/d written as m/s: equal to rounding */
        cr_expect(isnan(x[i].wind_km_d) ? isnan(y[i].wind_km_d)
                                        : fabs(y[i].wind_km_d - x[i].wind_km_d) <= 1e-14 * x[i].wind_km_d,
                  "day %d wind %.17g, %.17g", i, x[i].wind_km_d, y[i].wind_km_d);
        cr_expect(isnan(x[i].rhum_pct) ? isnan(y[i].rhum_pct) : y[i].rhum_pct == x[i].rhum_pct, "day %d", i);
        cr_expect(isnan(x[i].tdew_C) ? isnan(y[i].tdew_C) : y[i].tdew_C == x[i].tdew_C, "day %d", i);
        wind += isfinite(x[i].wind_km_d);
        rhum += isfinite(x[i].rhum_pct);
        tdew += isfinite(x[i].tdew_C);
    }
    cr_expect(wind > 300 && rhum == 0 && tdew > 300, "LUGO9301 gives %d, %d, %d days", wind, rhum, tdew);
    agro_weather_free(w);
    agro_weather_free(back);

    /* the days give another TAV; a series without a given one writes none and computes it again */
    char p[512];
    put(p, sizeof p, "vprs.csv",
        "date,srad_MJ_m2_d,tmax_C,tmin_C,rain_mm,vprs_kPa,rhum_pct\n2020-01-01,20,30,20,0,2.1,80\n"
        "2020-07-01,20,20,10,0,1.2,65.5\n");
    cr_assert_eq(agro_weather_load(ctx, p, &w), AGRO_OK, "%s", message());
    back = through_csv(w, "vprs_back.csv");
    agro_weather_given_tav_amp(back, &tav, &amp);
    cr_expect(isnan(tav) && isnan(amp));
    agro_weather_get_info(back, &b);
    cr_expect(b.tav_C == 20.0 && b.amp_C == 10.0, "computed %g %g", b.tav_C, b.amp_C);
    y = agro_weather_days(back);
    cr_expect(y[0].vprs_kPa == 2.1 && y[1].vprs_kPa == 1.2 && y[0].rhum_pct == 80.0 && y[1].rhum_pct == 65.5);
    agro_weather_free(w);
    agro_weather_free(back);
}

/* Seeds 2^32 apart give different weather (GSL's mt19937 keeps 32 bits of its seed: the high
 * half is folded in), and a series may end in year 9999 (an independent review found both) */
Test(weather, seeds_2_to_the_32_apart_differ_and_a_series_may_end_in_9999)
{
    agro_site site;
    char name[64];
    cr_assert_eq(agro_site_load(ctx, AGROSIM_SOURCE_DIR "/models/sites/morogoro.json", &site, name, sizeof name),
                 AGRO_OK, "%s", message());
    agro_weather *a, *b;
    cr_assert_eq(agro_weather_generate(ctx, &site, "M", 2001, 1, 1, &a), AGRO_OK, "%s", message());
    cr_assert_eq(agro_weather_generate(ctx, &site, "M", 2001, 1, (1ull << 32) + 1, &b), AGRO_OK, "%s", message());
    const agro_weather_day *x = agro_weather_days(a), *y = agro_weather_days(b);
    int same = 0;
    for (int i = 0; i < 365; i++) same += x[i].tmax_C == y[i].tmax_C;
    cr_expect_lt(same, 10, "%d of 365 days alike", same);
    agro_weather_free(a);
    agro_weather_free(b);
    cr_expect_eq(agro_weather_generate(ctx, &site, "M", 9999, 1, 1, &a), AGRO_OK, "%s", message());
    agro_weather_free(a);
    cr_expect_eq(agro_weather_generate(ctx, &site, "M", 9999, 2, 1, &a), AGRO_ERANGE);
}

/* 1 if the 365 days of two one-year series have the same TMAX, TMIN and RAIN bit for bit */
static int same_series(const agro_weather *a, const agro_weather *b)
{
    const agro_weather_day *x = agro_weather_days(a), *y = agro_weather_days(b);
    for (int i = 0; i < 365; i++)
        if (x[i].tmax_C != y[i].tmax_C || x[i].tmin_C != y[i].tmin_C || x[i].rain_mm != y[i].rain_mm)
            return 0;
    return 1;
}

/* A seed of 2^32 or more draws none of the series of the seeds below 2^32 near it, and the
 * members of an ensemble (seed + m) stay distinct across a multiple of 2^32. The high half XORed
 * into the low one made seed 2^32 + m the series of seed m XOR 1 and 2^33 + m that of m XOR 2
 * (seed 2^32 + 1 that of seed 0): scenarios seeded 0, 2^32 and 2^33 drew the same members. */
Test(weather, seeds_above_2_to_the_32_draw_no_series_of_the_small_seeds)
{
    agro_site site;
    char name[64];
    cr_assert_eq(agro_site_load(ctx, AGROSIM_SOURCE_DIR "/models/sites/morogoro.json", &site, name, sizeof name),
                 AGRO_OK, "%s", message());
    enum { N = 8 };
    const uint64_t base[3] = {0, UINT64_C(1) << 32, UINT64_C(1) << 33};
    agro_weather *w[3][N];
    for (int k = 0; k < 3; k++)
        for (int m = 0; m < N; m++)
            cr_assert_eq(agro_weather_generate(ctx, &site, "M", 2001, 1, base[k] + (uint64_t)m, &w[k][m]),
                         AGRO_OK, "%s", message());
    for (int k = 1; k < 3; k++)
        for (int m = 0; m < N; m++)
            for (int j = 0; j < N; j++)
                cr_expect_not(same_series(w[k][m], w[0][j]), "seed %llu draws the series of seed %d",
                              (unsigned long long)(base[k] + (uint64_t)m), j);
    /* an ensemble across 2^32: members 2^32 - 4 .. 2^32 + 3, all distinct */
    agro_weather *e[N];
    for (int m = 0; m < N; m++)
        cr_assert_eq(agro_weather_generate(ctx, &site, "M", 2001, 1, UINT64_C(4294967292) + (uint64_t)m, &e[m]),
                     AGRO_OK, "%s", message());
    for (int m = 0; m < N; m++)
        for (int j = 0; j < m; j++)
            cr_expect_not(same_series(e[m], e[j]), "members %d and %d alike", j, m);
    for (int m = 0; m < N; m++) {
        agro_weather_free(e[m]);
        for (int k = 0; k < 3; k++)
            agro_weather_free(w[k][m]);
    }
}

/* A generated series written to CSV loads again bit for bit, so a season run from the file is
 * the season run from the generator */
Test(weather, a_generated_series_round_trips_through_csv_bit_for_bit)
{
    agro_weather *w, *back;
    cr_assert_eq(helper_morogoro_generated(ctx, "MOROGORO", 2001, 3, 7, &w), AGRO_OK, "%s", message());
    back = through_csv(w, "generated.csv");
    agro_weather_info a, b;
    agro_weather_get_info(w, &a);
    agro_weather_get_info(back, &b);
    cr_assert_eq(a.n_days, b.n_days);
    const agro_weather_day *x = agro_weather_days(w), *y = agro_weather_days(back);
    int differ = 0;
    for (int32_t i = 0; i < a.n_days; i++)
        differ += x[i].srad_MJ_m2_d != y[i].srad_MJ_m2_d || x[i].tmax_C != y[i].tmax_C ||
                  x[i].tmin_C != y[i].tmin_C || x[i].rain_mm != y[i].rain_mm;
    cr_expect_eq(differ, 0, "%d of %d days differ", differ, a.n_days);
    cr_expect(a.tav_C == b.tav_C && a.amp_C == b.amp_C);
    agro_weather_free(w);
    agro_weather_free(back);
}

#define CSVH "date,srad_MJ_m2_d,tmax_C,tmin_C,rain_mm\n"

Test(weather, bad_csv_input_is_reported_with_file_line_and_field)
{
    expect_error("empty.csv", "", AGRO_EFORMAT, 0, NULL, "empty file");
    expect_error("unknown.csv", "date,srad_MJ_m2_d,tmax_C,tmin_C,rain_mm,sunshine_h\n",
                 AGRO_EKEY, 1, "sunshine_h", "unknown column");
    expect_error("nocol.csv", "date,srad_MJ_m2_d,tmax_C,rain_mm\n", AGRO_EMISSING, 1, "tmin_C",
                 "required column missing");
    expect_error("trunc.csv", CSVH "2020-01-01,20,30,20,0\n2020-01-02,20,30\n", AGRO_EFORMAT, 3,
                 "tmin_C", "truncated line: 3 of 5 fields");
    expect_error("extra.csv", CSVH "2020-01-01,20,30,20,0,7\n", AGRO_EFORMAT, 2, "",
                 "too many fields");
    expect_error("nonnum.csv", CSVH "2020-01-01,20,thirty,20,0\n", AGRO_EFORMAT, 2, "tmax_C",
                 "not a number (\"thirty\")");
    expect_error("nan.csv", CSVH "2020-01-01,NaN,30,20,0\n", AGRO_ENUMERIC, 2, "srad_MJ_m2_d",
                 "non-finite value");
    expect_error("date.csv", CSVH "2020-13-01,20,30,20,0\n", AGRO_ERANGE, 2, "date",
                 "no such date");
    expect_error("date2.csv", CSVH "01/02/2020,20,30,20,0\n", AGRO_EFORMAT, 2, "date",
                 "expected YYYY-MM-DD");
    /* sscanf's %d alone took a sign or a blank inside the date */
    expect_error("date3.csv", CSVH "2020-+1-01,20,30,20,0\n", AGRO_EFORMAT, 2, "date",
                 "expected YYYY-MM-DD");
    expect_error("date4.csv", CSVH " 202-01-01,20,30,20,0\n", AGRO_EFORMAT, 2, "date",
                 "expected YYYY-MM-DD");
    expect_error("back.csv", CSVH "2020-01-02,20,30,20,0\n2020-01-01,20,30,20,0\n", AGRO_EORDER,
                 3, "date", "date goes backwards");
    expect_error("dup.csv", CSVH "2020-01-02,20,30,20,0\n2020-01-02,20,30,20,0\n", AGRO_EORDER, 3,
                 "date", "date repeated");
    expect_error("year0.csv", CSVH "0000-04-09,20,30,20,0\n", AGRO_ERANGE, 2, "date",
                 "year 0 is not a year of the calendar");
    expect_error("tmin.csv", CSVH "2020-01-02,20,20,30,0\n", AGRO_ERANGE, 2, "tmin_C",
                 "minimum temperature 30 C above maximum 20 C");
    expect_error("rain.csv", CSVH "2020-01-02,20,30,20,-1\n", AGRO_ERANGE, 2, "rain_mm",
                 "negative rainfall");
    expect_error("srad.csv", CSVH "2020-01-02,-1,30,20,1\n", AGRO_ERANGE, 2, "srad_MJ_m2_d",
                 "solar radiation -1 MJ/m2/d");
    expect_error("meta.csv", "# latitude_deg=north\n" CSVH, AGRO_EFORMAT, 1, "latitude_deg",
                 "not a number");
    expect_error("suffix.txt", CSVH, AGRO_EFORMAT, 0, NULL, "unknown weather file type");
}

/* A series loaded from @p path with what tells its days apart: the days, info, station, flags and
   each day's "FILE:LINE". */
typedef struct loaded_series {
    agro_weather_info info;
    agro_weather_day *days;
    int32_t *flags;
    char (*source)[AGRO_WEATHER_SOURCE_MAX];
    char station[AGRO_WEATHER_STATION_MAX];
} loaded_series;

static void load_series(const char *path, loaded_series *s)
{
    agro_weather *w = NULL;
    cr_assert_eq(agro_weather_load(ctx, path, &w), AGRO_OK, "%s", message());
    memset(&s->info, 0, sizeof s->info);
    agro_weather_get_info(w, &s->info);
    const size_t n = (size_t)s->info.n_days;
    s->days = malloc(n * sizeof *s->days);
    s->flags = malloc(n * sizeof *s->flags);
    s->source = calloc(n, sizeof *s->source);
    cr_assert(s->days && s->flags && s->source);
    memcpy(s->days, agro_weather_days(w), n * sizeof *s->days);
    memcpy(s->flags, agro_weather_flags(w), n * sizeof *s->flags);
    for (int32_t i = 0; i < s->info.n_days; i++)
        cr_assert_eq(agro_weather_day_source(w, i, s->source[i], sizeof s->source[i]), AGRO_OK);
    cr_assert_eq(agro_weather_get_station(w, s->station, sizeof s->station), AGRO_OK);
    agro_weather_free(w);
}

static void free_series(loaded_series *s)
{
    free(s->days);
    free(s->flags);
    free(s->source);
}

/* @p src saved with LF, CRLF and lone-CR line ends loads to the same series bit for bit, each day
   on the same line; with @p from replaced by @p to, each form is refused with the same message,
   which names line @p line and holds @p what. */
static void expect_line_ends_alike(const char *src, const char *name, const char *from,
                                   const char *to, int line, const char *what)
{
    loaded_series lf;
    for (int k = 0; k < 3; k++) {
        const char *p = helper_eol_copy(TMP_DIR, src, name, NULL, NULL, helper_eol(k));
        loaded_series s;
        load_series(p, &s);
        if (k == 0) {
            lf = s;
            cr_assert_gt(lf.info.n_days, 300, "%s", name);
            continue;
        }
        const size_t n = (size_t)lf.info.n_days;
        cr_expect_eq(s.info.n_days, lf.info.n_days, "%s eol %d: %d days, LF %d", name, k,
                     (int)s.info.n_days, (int)lf.info.n_days);
        if (s.info.n_days == lf.info.n_days) {
            cr_expect(memcmp(&s.info, &lf.info, sizeof s.info) == 0, "%s eol %d: info", name, k);
            cr_expect(memcmp(s.days, lf.days, n * sizeof *s.days) == 0, "%s eol %d: days", name, k);
            cr_expect(memcmp(s.flags, lf.flags, n * sizeof *s.flags) == 0, "%s eol %d", name, k);
            for (size_t i = 0; i < n; i++)
                cr_expect_str_eq(s.source[i], lf.source[i], "%s eol %d day %zu", name, k, i);
        }
        cr_expect_str_eq(s.station, lf.station, "%s eol %d", name, k);
        free_series(&s);
    }
    free_series(&lf);
    char want[600], first[AGRO_MESSAGE_MAX] = "";
    for (int k = 0; k < 3; k++) {
        const char *p = helper_eol_copy(TMP_DIR, src, name, from, to, helper_eol(k));
        agro_weather *w = NULL;
        cr_expect_eq(agro_weather_load(ctx, p, &w), AGRO_EFORMAT, "%s eol %d: %s", name, k,
                     message());
        agro_weather_free(w);
        if (k == 0) {
            snprintf(want, sizeof want, "%s:%d: %s", p, line, what);
            cr_expect(strstr(message(), want) == message(), "%s\nnot %s", message(), want);
            snprintf(first, sizeof first, "%s", message());
        } else {
            cr_expect_str_eq(message(), first, "%s eol %d", name, k);
        }
    }
}

/* A .WTH or CSV file saved with classic Mac OS line ends (a lone CR) read as one line ("empty
   file" for a .WTH), and one with mixed ends lost the lines a CR ended without a word (243 of
   the 365 days of UFGA8201.WTH loaded, a bad value among them passed): LF, CRLF and a lone CR
   now each end a line, CRLF once. */
Test(weather, a_wth_or_csv_file_reads_alike_with_lf_crlf_or_lone_cr_line_ends)
{
    expect_line_ends_alike(WTH_DIR "/UFGA8201.WTH", "eol.WTH", "82030  12.5", "82030  x2.5", 35,
                           "SRAD: not a number (\"x2.5\")");
    agro_weather *w;
    cr_assert_eq(helper_morogoro_generated(ctx, "MOROGORO", 2001, 2, 7, &w), AGRO_OK, "%s",
                 message());
    char csv[512];
    snprintf(csv, sizeof csv, "%s/eol_source.csv", TMP_DIR);
    cr_assert_eq(agro_weather_write_csv(ctx, w, csv), AGRO_OK, "%s", message());
    agro_weather_free(w);
    expect_line_ends_alike(csv, "eol.csv", "2001-01-05,", "2001-01-05,x", 15,
                           "srad_MJ_m2_d: not a number");
}

/* ---- solar helpers ---------------------------------------------------------------------- */

/* These take no context: NaN is their only refusal. Day 0 read as day 365 and day 400 as day 35
   (the formulas are periodic in the day), so a caller's off-by-one gave another day's value. */
Test(solar, a_day_of_year_outside_1_to_366_is_nan)
{
    const int32_t bad[] = {0, -1, 367, 400, INT32_MIN, INT32_MAX};
    for (int k = 0; k < 6; k++) {
        cr_expect(isnan(agro_daylength_h(45.0, bad[k])), "day %d", (int)bad[k]);
        cr_expect(isnan(agro_photoperiod_h(45.0, bad[k])), "day %d", (int)bad[k]);
        cr_expect(isnan(agro_extraterrestrial_radiation(45.0, bad[k])), "day %d", (int)bad[k]);
    }
    const int32_t good[] = {1, 365, 366};
    for (int k = 0; k < 3; k++) {
        cr_expect(isfinite(agro_daylength_h(45.0, good[k])), "day %d", (int)good[k]);
        cr_expect(isfinite(agro_photoperiod_h(45.0, good[k])), "day %d", (int)good[k]);
        cr_expect(isfinite(agro_extraterrestrial_radiation(45.0, good[k])), "day %d", (int)good[k]);
    }
}

Test(solar, fao56_worked_examples)
{
    /* FAO-56 example 8: Ra at 20 S on 3 September (day 246) = 32.2 MJ/m2/d */
    cr_expect_float_eq(agro_extraterrestrial_radiation(-20.0, 246), 32.2, 0.05);
    /* FAO-56 example 9: N at 20 S on 3 September = 11.7 h */
    cr_expect_float_eq(agro_daylength_h(-20.0, 246), 11.7, 0.05);
    /* equator: 12 h all year; civil twilight adds about 2 x 24 min */
    cr_expect_float_eq(agro_daylength_h(0.0, 80), 12.0, 1e-9);
    double pp = agro_photoperiod_h(0.0, 80);
    cr_expect(pp > 12.7 && pp < 12.9, "photoperiod at the equator %g h", pp);
    /* polar day and night, Ra never negative */
    cr_expect_float_eq(agro_daylength_h(80.0, 172), 24.0, 1e-9);
    cr_expect_float_eq(agro_daylength_h(80.0, 355), 0.0, 1e-9);
    cr_expect_float_eq(agro_extraterrestrial_radiation(80.0, 355), 0.0, 1e-12);
    for (int32_t doy = 1; doy <= 365; doy += 7) {
        cr_expect_geq(agro_photoperiod_h(45.0, doy), agro_daylength_h(45.0, doy));
        /* hemispheres mirror each other half a year apart (to within the orbit eccentricity) */
        cr_expect_float_eq(agro_daylength_h(30.0, doy) + agro_daylength_h(-30.0, doy), 24.0, 1e-9);
    }
    cr_expect(isnan(agro_daylength_h(95.0, 1)));
}

/* ---- generator ------------------------------------------------------------------------------ */

static void monthly(const agro_weather *w, double tx[12], double tn[12], double sr[12],
                    double rain[12], double wet[12], double *annual)
{
    double n[12] = {0};
    agro_weather_info in;
    agro_weather_get_info(w, &in);
    for (int m = 0; m < 12; m++)
        tx[m] = tn[m] = sr[m] = rain[m] = wet[m] = 0.0;
    const agro_weather_day *d = agro_weather_days(w);
    for (int32_t i = 0; i < in.n_days; i++) {
        int32_t m, dd;
        agro_doy_to_date(d[i].year, d[i].doy, &m, &dd);
        m--;
        n[m]++;
        tx[m] += d[i].tmax_C;
        tn[m] += d[i].tmin_C;
        sr[m] += d[i].srad_MJ_m2_d;
        rain[m] += d[i].rain_mm;
        wet[m] += d[i].rain_mm > 0.0;
    }
    double years = in.last_year - in.first_year + 1;
    *annual = 0.0;
    for (int m = 0; m < 12; m++) {
        tx[m] /= n[m];
        tn[m] /= n[m];
        sr[m] /= n[m];
        rain[m] /= years;
        wet[m] /= years;
        *annual += rain[m];
    }
}

/* Hargreaves radiation normals (k 0.16) derived independently in the science brief §5.6 */
static const double brief_rs_goroka[12] = {20.5, 19.9, 19.5, 19.0, 17.2, 16.4,
                                           16.5, 18.1, 19.2, 20.8, 20.6, 20.5};
static const double brief_rs_morogoro[12] = {19.8, 20.0, 19.2, 16.6, 15.5, 16.3,
                                             16.8, 18.3, 20.8, 21.2, 20.6, 19.8};

static void check_site_climate(const char *file, const double *brief_rs)
{
    agro_site site;
    char name[64];
    cr_assert_eq(agro_site_load(ctx, file, &site, name, sizeof name), AGRO_OK, "%s", message());
    agro_weather *w;
    cr_assert_eq(agro_weather_generate(ctx, &site, name, 2001, 100, 20240611u, &w), AGRO_OK, "%s",
                 message());
    agro_weather_info in;
    agro_weather_get_info(w, &in);
    cr_expect_eq(in.n_days, 36524);
    cr_expect_eq(agro_weather_check(ctx, w, 0, in.n_days), AGRO_OK, "%s", message());
    double tx[12], tn[12], sr[12], rain[12], wet[12], annual, normal = 0.0, sr_dev = 0.0;
    monthly(w, tx, tn, sr, rain, wet, &annual);
    for (int m = 0; m < 12; m++) {
        normal += site.rain_mm[m];
        sr_dev += (sr[m] - brief_rs[m]) / 12.0;
        cr_expect(fabs(tx[m] - site.tmax_C[m]) <= 0.5, "%s month %d Tmax %.2f vs %.2f", name,
                  m + 1, tx[m], site.tmax_C[m]);
        cr_expect(fabs(tn[m] - site.tmin_C[m]) <= 0.5, "%s month %d Tmin %.2f vs %.2f", name,
                  m + 1, tn[m], site.tmin_C[m]);
        /* tolerance: 15 % or 10 mm, whichever is larger */
        double tol = fmax(0.15 * site.rain_mm[m], 10.0);
        cr_expect(fabs(rain[m] - site.rain_mm[m]) <= tol, "%s month %d rain %.1f vs %.1f mm",
                  name, m + 1, rain[m], site.rain_mm[m]);
        cr_expect(fabs(wet[m] - site.rain_days[m]) <= fmax(0.1 * site.rain_days[m], 1.0),
                  "%s month %d wet days %.1f vs %.1f", name, m + 1, wet[m], site.rain_days[m]);
        /* sampling noise: over 300 other seeds of 100 years a month departs by up to 3.3 % */
        cr_expect(fabs(sr[m] - brief_rs[m]) <= 0.035 * brief_rs[m],
                  "%s month %d radiation %.2f vs Hargreaves %.2f", name, m + 1, sr[m], brief_rs[m]);
    }
    /* the year's radiation keeps its normal through the clip to [0.2 Rso, Rso]: over 300 other
       seeds the mean of the twelve months departs by up to 0.14 MJ/m2/d (sd 0.04-0.05); without
       the shift of the day's mean it was 0.27 (Morogoro) and 0.38 (Goroka) low */
    cr_expect(fabs(sr_dev) <= 0.15, "%s radiation %+.3f MJ/m2/d from Hargreaves' over the year",
              name, sr_dev);
    cr_expect(fabs(annual - normal) <= 0.05 * normal, "%s annual rain %.1f vs %.1f", name, annual,
              normal);
    /* TAV of the generated series is the mean of the monthly normals */
    double tav = 0.0;
    for (int m = 0; m < 12; m++)
        tav += (site.tmax_C[m] + site.tmin_C[m]) / 24.0;
    cr_expect(fabs(in.tav_C - tav) < 0.3, "TAV %.2f vs %.2f", in.tav_C, tav);
    /* every generated day is physically valid and below clear-sky radiation */
    const agro_weather_day *d = agro_weather_days(w);
    for (int32_t i = 0; i < in.n_days; i++) {
        double rso = (0.75 + 2e-5 * site.elevation_m) *
                     agro_extraterrestrial_radiation(site.latitude_deg, d[i].doy);
        cr_assert(d[i].tmin_C < d[i].tmax_C && d[i].rain_mm >= 0.0 && d[i].srad_MJ_m2_d > 0.0 &&
                      d[i].srad_MJ_m2_d <= rso + 1e-9,
                  "%s day %d", name, i);
    }
    agro_weather_free(w);
}

/* TAV and AMP of generated weather are the site normals' (DSSAT's WGEN reads them from the
   climate file's header), whatever the years drawn and the seed: computed from the drawn days,
   one Morogoro year gave AMP 6.7 against the normals' 5.35, and every season's soil
   temperature moved with the scenario's generate.years. */
Test(generator, tav_and_amp_are_the_site_normals_whatever_the_years_drawn)
{
    agro_site site;
    cr_assert_eq(agro_site_load(ctx, AGROSIM_SOURCE_DIR "/models/sites/morogoro.json", &site, NULL,
                                0),
                 AGRO_OK, "%s", message());
    double sum = 0.0, lo = INFINITY, hi = -INFINITY;
    for (int m = 0; m < 12; m++) {
        const double mean = 0.5 * (site.tmax_C[m] + site.tmin_C[m]);
        sum += mean;
        lo = fmin(lo, mean);
        hi = fmax(hi, mean);
    }
    const int32_t years[] = {1, 2, 30};
    for (int k = 0; k < 3; k++)
        for (uint64_t seed = 1; seed <= 3; seed++) {
            agro_weather *w = NULL;
            cr_assert_eq(agro_weather_generate(ctx, &site, "MOROGORO", 2001, years[k], seed, &w),
                         AGRO_OK, "%s", message());
            agro_weather_info in;
            agro_weather_get_info(w, &in);
            cr_expect_float_eq(in.tav_C, sum / 12.0, 1e-12, "%d years seed %d: TAV %g",
                               (int)years[k], (int)seed, in.tav_C);
            cr_expect_float_eq(in.amp_C, hi - lo, 1e-12, "%d years seed %d: AMP %g",
                               (int)years[k], (int)seed, in.amp_C);
            agro_weather_free(w);
        }
}

Test(generator, hundred_years_of_goroka_reproduce_the_normals, .timeout = 30)
{
    check_site_climate(SITES "/goroka.json", brief_rs_goroka);
}

Test(generator, hundred_years_of_morogoro_reproduce_the_normals, .timeout = 30)
{
    check_site_climate(SITES "/morogoro.json", brief_rs_morogoro);
}

/* Each month's radiation of 2000 generated years against Hargreaves' (FAO-56 eq. 50) from the
   month's normal temperatures and each day's Ra: the draw clipped to [0.2 Rso, Rso] lowered
   eight of Morogoro's months (November to March by 0.40-0.55 MJ/m2/d) and all of Goroka's
   (0.25-0.53) by more than 0.15, which the shift of the day's mean corrects. The day's
   interpolated normals average to this within 0.015, and a month of 2000 years has a sampling
   sd of 0.02-0.04 MJ/m2/d. */
static void check_month_radiation(const char *file)
{
    agro_site site;
    char name[64];
    cr_assert_eq(agro_site_load(ctx, file, &site, name, sizeof name), AGRO_OK, "%s", message());
    agro_weather *w;
    cr_assert_eq(agro_weather_generate(ctx, &site, name, 4001, 2000, 11u, &w), AGRO_OK, "%s",
                 message());
    agro_weather_info in;
    agro_weather_get_info(w, &in);
    const agro_weather_day *d = agro_weather_days(w);
    double sr[12] = {0}, ra[12] = {0}, n[12] = {0};
    for (int32_t i = 0; i < in.n_days; i++) {
        int32_t m, dd;
        agro_doy_to_date(d[i].year, d[i].doy, &m, &dd);
        sr[m - 1] += d[i].srad_MJ_m2_d;
        ra[m - 1] += agro_extraterrestrial_radiation(site.latitude_deg, d[i].doy);
        n[m - 1]++;
    }
    for (int m = 0; m < 12; m++) {
        double hargreaves = site.krs * sqrt(site.tmax_C[m] - site.tmin_C[m]) * ra[m] / n[m];
        cr_expect(fabs(sr[m] / n[m] - hargreaves) <= 0.15,
                  "%s month %d radiation %.3f vs Hargreaves %.3f MJ/m2/d", name, m + 1,
                  sr[m] / n[m], hargreaves);
    }
    agro_weather_free(w);
}

Test(generator, the_clip_of_the_radiation_draw_keeps_each_months_normal, .timeout = 30)
{
    check_month_radiation(SITES "/morogoro.json");
    check_month_radiation(SITES "/goroka.json");
}

/* A radiation normal the clip cannot reach gets the nearest mean it allows: at or above Rso
   (normals of 49 MJ/m2/d, which the day's normal caps at Rso) a month reaches 0.99 of its Rso
   (0.83-0.90 without the shift); below the lowest mean the clip allows (1 MJ/m2/d) both draws'
   means are held at 0.2 Rso, which gives at most 0.2 Rso (1 + 0.48 sd(x) phi(0)) = 0.236 Rso
   (0.26-0.31 Rso without). */
Test(generator, a_radiation_normal_beyond_the_clip_gets_the_nearest_mean_it_allows, .timeout = 30)
{
    agro_site site;
    char name[64];
    cr_assert_eq(agro_site_load(ctx, SITES "/morogoro.json", &site, name, sizeof name), AGRO_OK,
                 "%s", message());
    const double normal[2] = {49.0, 1.0};
    for (int k = 0; k < 2; k++) {
        for (int m = 0; m < 12; m++)
            site.srad_MJ_m2_d[m] = normal[k];
        agro_weather *w;
        cr_assert_eq(agro_weather_generate(ctx, &site, name, 2001, 100, 5u, &w), AGRO_OK, "%s",
                     message());
        agro_weather_info in;
        agro_weather_get_info(w, &in);
        const agro_weather_day *d = agro_weather_days(w);
        double sr[12] = {0}, rso[12] = {0};
        for (int32_t i = 0; i < in.n_days; i++) {
            int32_t m, dd;
            agro_doy_to_date(d[i].year, d[i].doy, &m, &dd);
            sr[m - 1] += d[i].srad_MJ_m2_d;
            rso[m - 1] += (0.75 + 2e-5 * site.elevation_m) *
                          agro_extraterrestrial_radiation(site.latitude_deg, d[i].doy);
        }
        for (int m = 0; m < 12; m++) {
            double f = sr[m] / rso[m];
            if (k == 0)
                cr_expect(f >= 0.98 && f <= 1.0, "normal %g: month %d radiation %.4f of Rso",
                          normal[k], m + 1, f);
            else
                cr_expect(f >= 0.2 && f <= 0.2 * 1.18, "normal %g: month %d radiation %.4f of Rso",
                          normal[k], m + 1, f);
        }
        agro_weather_free(w);
    }
}

/* Measured monthly radiation normals, when a site gives all twelve, replace Hargreaves: 100
   generated years of Morogoro with normals 2 MJ/m²/d below Hargreaves' reproduce the given
   normals, not Hargreaves', to the sampling noise of the two sites' tests above (3.5 % a month,
   0.15 MJ/m2/d over the year; over 300 other seeds up to 3.35 % and 0.13). */
Test(generator, given_radiation_normals_replace_hargreaves, .timeout = 30)
{
    agro_site site;
    char name[64];
    cr_assert_eq(agro_site_load(ctx, SITES "/morogoro.json", &site, name, sizeof name), AGRO_OK,
                 "%s", message());
    for (int m = 0; m < 12; m++) site.srad_MJ_m2_d[m] = brief_rs_morogoro[m] - 2.0;
    agro_weather *w;
    cr_assert_eq(agro_weather_generate(ctx, &site, name, 2001, 100, 7u, &w), AGRO_OK, "%s",
                 message());
    double tx[12], tn[12], sr[12], rain[12], wet[12], annual, sr_dev = 0.0;
    monthly(w, tx, tn, sr, rain, wet, &annual);
    for (int m = 0; m < 12; m++) {
        cr_expect(fabs(sr[m] - site.srad_MJ_m2_d[m]) <= 0.035 * site.srad_MJ_m2_d[m],
                  "month %d radiation %.2f vs the given %.2f (Hargreaves %.2f)", m + 1, sr[m],
                  site.srad_MJ_m2_d[m], brief_rs_morogoro[m]);
        sr_dev += (sr[m] - site.srad_MJ_m2_d[m]) / 12.0;
    }
    cr_expect(fabs(sr_dev) <= 0.15, "radiation %+.3f MJ/m2/d from the given normals over the year",
              sr_dev);
    agro_weather_free(w);
}

/* Months of light rain, 2 mm a wet day, keep their totals: there SIMMETEO clamps the gamma
   shape alpha at 0.998, the expected depth 0.998 (1.83 R - 2.16) rises faster than the mean
   depth R, and the fixed-point iteration of the monthly depth factor settled in a two-cycle
   whose 60th sweep left each month at 15.0 mm of its 20 (annual 180 of 240 mm). 200 years: a
   month's total has a sampling sd of about 0.7 mm (3.5 %). */
Test(generator, months_of_light_rain_keep_their_totals, .timeout = 30)
{
    agro_site site;
    char name[64];
    cr_assert_eq(agro_site_load(ctx, SITES "/morogoro.json", &site, name, sizeof name), AGRO_OK,
                 "%s", message());
    for (int m = 0; m < 12; m++) {
        site.rain_mm[m] = 20.0;
        site.rain_days[m] = 10.0;
    }
    agro_weather *w;
    cr_assert_eq(agro_weather_generate(ctx, &site, name, 2001, 200, 3u, &w), AGRO_OK, "%s",
                 message());
    double tx[12], tn[12], sr[12], rain[12], wet[12], annual;
    monthly(w, tx, tn, sr, rain, wet, &annual);
    for (int m = 0; m < 12; m++)
        cr_expect(fabs(rain[m] - 20.0) <= 2.4, "month %d rain %.2f vs 20 mm on %.2f wet days",
                  m + 1, rain[m], wet[m]);
    cr_expect(fabs(annual - 240.0) <= 0.04 * 240.0, "annual rain %.1f vs 240 mm", annual);
    agro_weather_free(w);
}

/* A month wet (nearly) every day beside a drier one keeps its wet days and its depth: its
   wet-day fraction curve rises above 1 in its middle, and the clamp to 1 cut it with nothing to
   make up for it (the correction covered the clamp at 0 only), so an all-wet January beside a
   dry February gave 26.6 of 31 wet days and a month of 30 beside one of 5 gave 28.4 (7000
   years), the monthly depth factor keeping the totals by raising the mean wet-day depth from
   10 to 11.8 and 10.6 mm. 200 years: the January wet-day count has a sampling sd of 0.12 days
   (the all-wet month's under 0.02: nearly every day is wet), to which SIMMETEO's Markov chain
   adds its lag of +0.10 days for the 30-day month; the total and the mean depth have sampling
   sds of 1.6-2.0 % (5-6 mm), so 0.5 days and 7 % are over 3 sds from what the generator should
   give. */
Test(generator, a_month_wet_every_day_keeps_its_wet_days_beside_a_dry_one, .timeout = 30)
{
    const double jan_days[2] = {31.0, 30.0}, feb_days[2] = {0.0, 5.0};
    for (int k = 0; k < 2; k++) {
        agro_site site;
        char name[64];
        cr_assert_eq(agro_site_load(ctx, SITES "/morogoro.json", &site, name, sizeof name),
                     AGRO_OK, "%s", message());
        site.rain_days[0] = jan_days[k];
        site.rain_mm[0] = 10.0 * jan_days[k];
        site.rain_days[1] = feb_days[k];
        site.rain_mm[1] = 10.0 * feb_days[k];
        agro_weather *w;
        cr_assert_eq(agro_weather_generate(ctx, &site, name, 2001, 200, 3u, &w), AGRO_OK, "%s",
                     message());
        double tx[12], tn[12], sr[12], rain[12], wet[12], annual;
        monthly(w, tx, tn, sr, rain, wet, &annual);
        cr_expect(fabs(wet[0] - jan_days[k]) <= 0.5, "January %.2f wet days of %g beside %g",
                  wet[0], jan_days[k], feb_days[k]);
        cr_expect(fabs(rain[0] - site.rain_mm[0]) <= 0.07 * site.rain_mm[0],
                  "January rain %.1f vs %g mm", rain[0], site.rain_mm[0]);
        cr_expect(fabs(rain[0] / wet[0] - 10.0) <= 0.7,
                  "January %.2f mm a wet day vs 10 (%g wet days beside %g)", rain[0] / wet[0],
                  jan_days[k], feb_days[k]);
        agro_weather_free(w);
    }
}

Test(generator, same_seed_same_bits_other_seed_other_weather)
{
    agro_site site;
    char name[64];
    cr_assert_eq(agro_site_load(ctx, SITES "/morogoro.json", &site, name, sizeof name), AGRO_OK);
    agro_weather *a, *b, *c;
    cr_assert_eq(agro_weather_generate(ctx, &site, name, 1990, 3, 7, &a), AGRO_OK);
    cr_assert_eq(agro_weather_generate(ctx, &site, name, 1990, 3, 7, &b), AGRO_OK);
    cr_assert_eq(agro_weather_generate(ctx, &site, name, 1990, 3, 8, &c), AGRO_OK);
    agro_weather_info in;
    agro_weather_get_info(a, &in);
    cr_expect_eq(in.n_days, 365 + 365 + 366);
    size_t bytes = (size_t)in.n_days * agro_sizeof_weather_day();
    cr_expect(memcmp(agro_weather_days(a), agro_weather_days(b), bytes) == 0);
    cr_expect(memcmp(agro_weather_days(a), agro_weather_days(c), bytes) != 0);
    int differ = 0;
    for (int32_t i = 0; i < in.n_days; i++)
        differ += agro_weather_days(a)[i].tmax_C != agro_weather_days(c)[i].tmax_C;
    cr_expect_gt(differ, in.n_days / 2, "another seed gives another series");
    char st[64];
    agro_weather_get_station(a, st, sizeof st);
    cr_expect_str_eq(st, "MOROGORO");
    agro_weather_free(a);
    agro_weather_free(b);
    agro_weather_free(c);
}

Test(generator, rejects_bad_site_and_arguments)
{
    agro_site site;
    char name[64];
    cr_assert_eq(agro_site_load(ctx, SITES "/goroka.json", &site, name, sizeof name), AGRO_OK);
    agro_weather *w;
    cr_expect_eq(agro_weather_generate(ctx, &site, name, 2001, 0, 1, &w), AGRO_ERANGE);
    cr_expect(strstr(message(), "years") != NULL, "%s", message());
    site.tmin_C[3] = site.tmax_C[3] + 1.0;
    cr_expect_eq(agro_weather_generate(ctx, &site, name, 2001, 1, 1, &w), AGRO_ERANGE);
    cr_expect(strstr(message(), "month 4") != NULL, "%s", message());
    /* rain without wet days (or wet days without rain) would be dropped silently */
    cr_assert_eq(agro_site_load(ctx, SITES "/goroka.json", &site, name, sizeof name), AGRO_OK);
    site.rain_days[6] = 0.0;
    cr_expect_eq(agro_weather_generate(ctx, &site, name, 2001, 1, 1, &w), AGRO_ERANGE);
    cr_expect(strstr(message(), "month 7") != NULL && strstr(message(), "rain_days") != NULL,
              "%s", message());
}

/* The last year of a range past INT32_MAX is named as it is: first_year + n_years - 1 in int
 * overflowed on the refusal's path (undefined behaviour; UBSan stopped the program) and read
 * -2147483647 in the message. */
Test(generator, a_first_year_near_int32_max_is_refused_naming_the_years)
{
    agro_site site;
    cr_assert_eq(agro_site_load(ctx, SITES "/goroka.json", &site, NULL, 0), AGRO_OK);
    agro_weather *w = NULL;
    cr_expect_eq(agro_weather_generate(ctx, &site, "G", INT32_MAX, 2, 1, &w), AGRO_ERANGE);
    cr_expect(w == NULL);
    cr_expect(strstr(message(), "first_year") && strstr(message(), "2147483647..2147483648"), "%s", message());
}

/* A site filled in code is held to the ranges of a site file for its location and rain, and its
 * temperature normals to +-90 C: an elevation of 1e6 m generated days of 159 MJ/m2/d (clear-sky
 * radiation grows with elevation), a normal tmax of 1e6 C days of 6e5 C, 1e6 mm of rain a month
 * days of 1e6 mm, and a NaN longitude went into the series' station data, all with AGRO_OK. */
Test(generator, a_site_filled_in_code_is_held_to_the_site_file_ranges)
{
    agro_site good;
    cr_assert_eq(agro_site_load(ctx, SITES "/goroka.json", &good, NULL, 0), AGRO_OK);
    static const struct {
        size_t off;
        double v;
        const char *name, *want;
    } cases[] = {
        {offsetof(agro_site, elevation_m), 1e6, "elevation_m", "elevation 1e+06 m outside [-500, 9000]"},
        {offsetof(agro_site, elevation_m), INFINITY, "elevation_m", "elevation inf m outside [-500, 9000]"},
        {offsetof(agro_site, longitude_deg), NAN, "longitude_deg", "longitude nan outside [-180, 180]"},
        {offsetof(agro_site, tmax_C) + 3 * sizeof(double), 1e6, "tmax_C", "month 4: tmax 1e+06 C outside [-90, 90]"},
        {offsetof(agro_site, tmin_C), -1e6, "tmin_C", "month 1: tmin -1e+06 C outside [-90, 90]"},
        {offsetof(agro_site, rain_mm) + 11 * sizeof(double), 1e6, "rain_mm", "month 12: rain 1e+06 mm outside [0, 3000]"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        agro_site site = good;
        memcpy((char *)&site + cases[i].off, &cases[i].v, sizeof(double));
        agro_weather *w = NULL;
        cr_expect_eq(agro_weather_generate(ctx, &site, "G", 2001, 1, 1, &w), AGRO_ERANGE, "%s %g", cases[i].name,
                     cases[i].v);
        cr_expect(w == NULL);
        agro_weather_free(w);
        cr_expect(strstr(message(), cases[i].name) && strstr(message(), cases[i].want), "%s", message());
    }
    /* the edges of the ranges generate */
    agro_site site = good;
    site.elevation_m = 9000;
    site.longitude_deg = -180;
    agro_weather *w = NULL;
    cr_expect_eq(agro_weather_generate(ctx, &site, "G", 2001, 1, 1, &w), AGRO_OK, "%s", message());
    agro_weather_free(w);
}

/* A site file whose month has rain but no wet days names the element and its line. */
Test(site, rain_without_wet_days_is_an_error)
{
    char p[512], expect[600];
    agro_site s;
    put(p, sizeof p, "nowetdays.json",
        "{\"schema_version\": 1, \"station\": \"X\",\n"
        " \"location\": {\"latitude_deg\": 1, \"longitude_deg\": 2, \"elevation_m\": 3, \"source\": \"t\"},\n"
        " \"temperature\": {\"tmax_C\": [30,30,30,30,30,30,30,30,30,30,30,30],\n"
        "   \"tmin_C\": [20,20,20,20,20,20,20,20,20,20,20,20], \"source\": \"t\"},\n"
        " \"rainfall\": {\"rain_mm\": [100,100,100,100,100,100,4,100,100,100,100,100],\n"
        "   \"rain_days\": [10,10,10,10,10,10,0,10,10,10,10,10], \"source\": \"t\"}}\n");
    cr_expect_eq(agro_site_load(ctx, p, &s, NULL, 0), AGRO_ERANGE);
    snprintf(expect, sizeof expect, "%s:6: rainfall.rain_days[6]", p);
    cr_expect(strncmp(message(), expect, strlen(expect)) == 0, "%s", message());
    cr_expect(strstr(message(), "month 7: 4 mm of rain on 0 wet days") != NULL, "%s", message());
}

Test(site, bad_site_files_name_the_key)
{
    char p[512], expect[600];
    agro_site s;
    put(p, sizeof p, "unknown.json",
        "{\"schema_version\": 1, \"station\": \"X\", \"altitude\": 3}\n");
    cr_expect_eq(agro_site_load(ctx, p, &s, NULL, 0), AGRO_EKEY);
    snprintf(expect, sizeof expect, "%s:1: altitude: unknown key \"altitude\"", p);
    cr_expect_str_eq(message(), expect);

    put(p, sizeof p, "nosource.json",
        "{\"schema_version\": 1, \"station\": \"X\",\n \"location\": {\"latitude_deg\": 1,\n"
        " \"longitude_deg\": 2, \"elevation_m\": 3}}\n");
    cr_expect_eq(agro_site_load(ctx, p, &s, NULL, 0), AGRO_EMISSING);
    snprintf(expect, sizeof expect, "%s:2: location: required key \"source\" is missing", p);
    cr_expect_str_eq(message(), expect);

    put(p, sizeof p, "range.json",
        "{\"schema_version\": 1, \"station\": \"X\",\n \"location\": {\"latitude_deg\": 100,\n"
        " \"longitude_deg\": 2, \"elevation_m\": 3, \"source\": \"test\"}}\n");
    cr_expect_eq(agro_site_load(ctx, p, &s, NULL, 0), AGRO_ERANGE);
    snprintf(expect, sizeof expect, "%s:2: location.latitude_deg", p);
    cr_expect(strncmp(message(), expect, strlen(expect)) == 0, "%s", message());

    put(p, sizeof p, "syntax.json", "{\"schema_version\": 1,\n \"station\": }\n");
    cr_expect_neq(agro_site_load(ctx, p, &s, NULL, 0), AGRO_OK);
    cr_expect(strstr(message(), "syntax.json:2") != NULL, "%s", message());
}

Test(weather, struct_sizes_for_bindings)
{
    cr_expect_eq(agro_sizeof_weather_day(), 2 * sizeof(int32_t) + 9 * sizeof(double));
    cr_expect_eq(agro_sizeof_site(), 4 * sizeof(double) + 5 * 12 * sizeof(double));
    /* eight counters and dates */
    cr_expect_eq(agro_sizeof_weather_info(), 7 * sizeof(double) + 8 * sizeof(int32_t));
}

Test(generator, rain_occurrence_follows_the_simmeteo_markov_chain)
{
    /* SIMMETEO: P(wet | dry yesterday) = 0.75 PW, so over wet-season months the ratio of the
     * realised P(wet | dry) to the realised wet fraction is 0.75, and P(wet | wet) exceeds PW */
    agro_site site;
    char name[64];
    cr_assert_eq(agro_site_load(ctx, SITES "/goroka.json", &site, name, sizeof name), AGRO_OK);
    agro_weather *w;
    cr_assert_eq(agro_weather_generate(ctx, &site, name, 2001, 60, 99, &w), AGRO_OK);
    agro_weather_info in;
    agro_weather_get_info(w, &in);
    const agro_weather_day *d = agro_weather_days(w);
    double n = 0, wet = 0, dry_prev = 0, wet_after_dry = 0, wet_prev = 0, wet_after_wet = 0;
    for (int32_t i = 1; i < in.n_days; i++) {
        int32_t m, dd;
        agro_doy_to_date(d[i].year, d[i].doy, &m, &dd);
        if (m != 1 && m != 2 && m != 3) /* the wet season: PW 0.68-0.85 */
            continue;
        int now = d[i].rain_mm > 0.0, before = d[i - 1].rain_mm > 0.0;
        n++;
        wet += now;
        if (before)
            wet_prev++, wet_after_wet += now;
        else
            dry_prev++, wet_after_dry += now;
    }
    double pw = wet / n, pdw = wet_after_dry / dry_prev, pww = wet_after_wet / wet_prev;
    cr_expect(fabs(pdw / pw - 0.75) < 0.05, "P(wet|dry)/P(wet) = %.3f", pdw / pw);
    cr_expect(pww > pw, "P(wet|wet) %.3f > P(wet) %.3f", pww, pw);
    /* wet days are cooler and darker than dry days (SIMMETEO wet/dry means) */
    double tx_w = 0, tx_d = 0, sr_w = 0, sr_d = 0, nw = 0, nd = 0;
    for (int32_t i = 0; i < in.n_days; i++) {
        if (d[i].rain_mm > 0.0)
            tx_w += d[i].tmax_C, sr_w += d[i].srad_MJ_m2_d, nw++;
        else
            tx_d += d[i].tmax_C, sr_d += d[i].srad_MJ_m2_d, nd++;
    }
    cr_expect(tx_w / nw < tx_d / nd - 0.5 && sr_w / nw < sr_d / nd - 2.0,
              "wet %.2f C %.2f MJ, dry %.2f C %.2f MJ", tx_w / nw, sr_w / nw, tx_d / nd, sr_d / nd);
    /* serial correlation of Tmax anomalies (WGEN lag-1 model: about 0.6) */
    double sxy = 0, sxx = 0, prev = NAN;
    for (int32_t i = 0; i < in.n_days; i++) {
        double a = d[i].tmax_C - site.tmax_C[0]; /* Goroka's Tmax hardly changes over the year */
        if (isfinite(prev))
            sxy += a * prev, sxx += a * a;
        prev = a;
    }
    double r1 = sxy / sxx;
    cr_expect(r1 > 0.4 && r1 < 0.8, "lag-1 autocorrelation of Tmax %.3f", r1);
    agro_weather_free(w);
}

/* A station name of @p len characters 'S' (a static buffer). */
static const char *long_name(size_t len)
{
    static char s[1024];
    cr_assert(len < sizeof s);
    memset(s, 'S', len);
    s[len] = '\0';
    return s;
}

/* Load @p text as @p name: the station name must be @p len characters of 'S' in full. */
static void expect_station(const char *name, const char *text, size_t len)
{
    char path[512], st[AGRO_WEATHER_STATION_MAX];
    agro_weather *w;
    cr_assert_eq(agro_weather_load(ctx, put(path, sizeof path, name, text), &w), AGRO_OK, "%s", message());
    cr_expect_eq(agro_weather_get_station(w, st, sizeof st), AGRO_OK);
    cr_expect_str_eq(st, long_name(len), "a %zu-character station name is kept whole", len);
    char small[16];
    cr_expect_eq(agro_weather_get_station(w, small, sizeof small), AGRO_ERANGE, "a buffer too small is an error");
    agro_weather_free(w);
}

/* Station names were cut to 63 characters without a word (WTH INSI, CSV "# station=", the
 * generator's argument): now up to 255 are kept whole and a longer one is an error naming the
 * file, line and field. */
Test(weather, a_long_station_name_is_kept_whole_or_refused_never_cut)
{
    char text[2048];
    for (size_t len = 100; len <= 300; len += 200) {
        /* the INSI column spans the header up to the end of its name (fixed width) */
        snprintf(text, sizeof text, "*WEATHER : test\n@%*s      LAT\n %s    -6.820\n@DATE  SRAD  TMAX  TMIN  RAIN\n"
                 "01001  20.0  30.0  20.0   0.0\n", (int)len + 1, "INSI", long_name(len));
        if (len < AGRO_WEATHER_STATION_MAX) expect_station("long_insi.WTH", text, len);
        else expect_error("long_insi.WTH", text, AGRO_ERANGE, 3, "INSI", "station name of 300 characters: at most 255");
        snprintf(text, sizeof text, "# station=%s\ndate,srad_MJ_m2_d,tmax_C,tmin_C,rain_mm\n2001-01-01,20,30,20,0\n",
                 long_name(len));
        if (len < AGRO_WEATHER_STATION_MAX) expect_station("long_station.csv", text, len);
        else expect_error("long_station.csv", text, AGRO_ERANGE, 1, "station", "station name of 300 characters: at most 255");
    }
    /* a number cell too long for the reader's buffer is refused, not read cut (a blank after
       SRAD's value: glued to it, the zeros would make SRAD's number run past its column) */
    snprintf(text, sizeof text, "*WEATHER : test\n@DATE  SRAD%70s  TMIN  RAIN\n01001  20.0 %.65d30.0  20.0   0.0\n",
             "TMAX", 0);
    expect_error("long_cell.WTH", text, AGRO_EFORMAT, 3, "TMAX", "cell of 69 characters is too long for a number");
    agro_site site;
    char name[AGRO_WEATHER_STATION_MAX];
    cr_assert_eq(agro_site_load(ctx, SITES "/goroka.json", &site, name, sizeof name), AGRO_OK);
    agro_weather *w = NULL;
    cr_expect_eq(agro_weather_generate(ctx, &site, long_name(300), 2001, 1, 1, &w), AGRO_ERANGE);
    cr_expect(strstr(message(), "station") != NULL && strstr(message(), "at most 255") != NULL, "%s", message());
    cr_expect_null(w);
    cr_assert_eq(agro_weather_generate(ctx, &site, long_name(255), 2001, 1, 1, &w), AGRO_OK, "%s", message());
    cr_expect_eq(agro_weather_get_station(w, name, sizeof name), AGRO_OK);
    cr_expect_eq(strlen(name), 255);
    agro_weather_free(w);
    /* the site loader refuses a name buffer too small for its station instead of cutting it */
    char tiny[4];
    cr_expect_eq(agro_site_load(ctx, SITES "/goroka.json", &site, tiny, sizeof tiny), AGRO_ERANGE);
    cr_expect(strstr(message(), "station") != NULL, "%s", message());
}

/* A buffer of more than INT_MAX bytes holds any station name: agro_weather_get_station compared
 * snprintf's count with (int)n, negative for such an n, and returned AGRO_ERANGE. The buffer is
 * only reserved (the pages snprintf does not touch are never used). */
Test(weather, a_station_buffer_larger_than_int_max_is_large_enough)
{
    agro_site site;
    char name[AGRO_WEATHER_STATION_MAX];
    cr_assert_eq(agro_site_load(ctx, SITES "/goroka.json", &site, name, sizeof name), AGRO_OK, "%s", message());
    agro_weather *w = NULL;
    cr_assert_eq(agro_weather_generate(ctx, &site, long_name(255), 2001, 1, 1, &w), AGRO_OK, "%s", message());
    const size_t n = (size_t)INT_MAX + 2;
    char *big = malloc(n);
    if (!big) {
        agro_weather_free(w);
        cr_skip_test("no %zu-byte buffer", n);
    }
    cr_expect_eq(agro_weather_get_station(w, big, n), AGRO_OK);
    cr_expect_eq(strlen(big), 255);
    free(big);
    agro_weather_free(w);
}

/* A NULL argument is named as what it is: a file name given with a NULL output pointer used to
 * be reported as "no file name given" by agro_weather_load (found by a consumer program written
 * from the headers, twenty-third session). */
Test(weather, a_null_argument_is_named_as_what_it_is)
{
    const char *wth = WTH_DIR "/UFGA8201.WTH";
    agro_weather *w = (agro_weather *)0x1;
    cr_expect_eq(agro_weather_load(ctx, wth, NULL), AGRO_EINVAL);
    cr_expect(strstr(message(), "no file name") == NULL && strstr(message(), "output") != NULL,
              "%s", message());
    cr_expect(strstr(message(), "UFGA8201.WTH") != NULL, "%s", message());
    cr_expect_eq(agro_weather_load(ctx, NULL, &w), AGRO_EINVAL);
    cr_expect(strstr(message(), "no file name") != NULL, "%s", message());
    cr_expect_null(w);
}

/* A cancel request (agro_ctx_cancel) stops the generator before its next year and the CSV
 * writer before it starts: AGRO_ECANCELED naming them, no series, the old file byte for byte
 * and no temporary file; agro_ctx_cancel_reset lets both run again. */
Test(generator, a_cancel_request_stops_the_years_and_the_csv_writer_leaves_the_old_file)
{
    agro_site site;
    char name[64];
    cr_assert_eq(agro_site_load(ctx, AGROSIM_SOURCE_DIR "/models/sites/morogoro.json", &site, name,
                                sizeof name), AGRO_OK, "%s", message());
    agro_weather *w = NULL;
    agro_ctx_cancel(ctx);
    cr_expect_eq(agro_weather_generate(ctx, &site, "M", 2001, 3, 1, &w), AGRO_ECANCELED, "%s",
                 message());
    cr_expect_null(w);
    cr_expect(strstr(message(), "M: cancelled before year 2001") != NULL, "%s", message());
    agro_ctx_cancel_reset(ctx);
    cr_assert_eq(agro_weather_generate(ctx, &site, "M", 2001, 3, 1, &w), AGRO_OK, "%s", message());

    char dir[512], path[600];
    snprintf(dir, sizeof dir, "%s/cancel", TMP_DIR);
    cr_assert_eq(agro_output_mkdirs(ctx, dir), AGRO_OK, "%s", message());
    snprintf(path, sizeof path, "%s/w.csv", dir);
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp);
    fputs("old\n", fp);
    fclose(fp);
    agro_ctx_cancel(ctx);
    cr_expect_eq(agro_weather_write_csv(ctx, w, path), AGRO_ECANCELED, "%s", message());
    char text[16] = {0};
    fp = fopen(path, "r");
    cr_assert_not_null(fp);
    cr_expect_eq(fread(text, 1, sizeof text - 1, fp), 4);
    fclose(fp);
    cr_expect_str_eq(text, "old\n");
    char cmd[700];
    snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s')\" = w.csv", dir);
    cr_expect_eq(system(cmd), 0, "a temporary file was left in %s", dir);
    agro_ctx_cancel_reset(ctx);
    cr_expect_eq(agro_weather_write_csv(ctx, w, path), AGRO_OK, "%s", message());
    agro_weather_free(w);
}

/* The readers' cancel points (agro_weather_load_wth, agro_weather_load_csv): a 9000-year file
 * took 15 s to load and a Ctrl-C waited for all of it. A request made before the load reads
 * nothing ("cancelled before reading"); one made while the file is read stops the parse
 * ("cancelled before line N"): AGRO_ECANCELED naming the file, no series (the ASan build finds
 * a leak), and after agro_ctx_cancel_reset the same file loads. */

/* The writer of a FIFO the reader loads: it writes the whole text, makes the cancel request and
 * only then closes, so that the reader, which reads to the end before it parses, parses with the
 * request pending; and its open returns only once the reader has opened the FIFO, after the
 * reader's check before reading. No timing is assumed. */
typedef struct fifo_feed {
    const char *path, *text;
    int written;
} fifo_feed;

static void *feed_and_cancel(void *arg)
{
    fifo_feed *f = arg;
    FILE *fp = fopen(f->path, "w");
    if (!fp)
        return NULL;
    f->written = fputs(f->text, fp) >= 0 && fflush(fp) == 0;
    agro_ctx_cancel(ctx);
    fclose(fp);
    return NULL;
}

static void expect_cancelled_while_read(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", TMP_DIR, name);
    remove(path);
    cr_assert_eq(mkfifo(path, 0600), 0, "mkfifo %s", path);
    fifo_feed f = {path, text, 0};
    pthread_t th;
    cr_assert_eq(pthread_create(&th, NULL, feed_and_cancel, &f), 0);
    agro_weather *w = (agro_weather *)0x1;
    const int rc = agro_weather_load(ctx, path, &w);
    pthread_join(th, NULL);
    cr_assert(f.written, "%s: the feeder could not write the FIFO", name);
    cr_expect_eq(rc, AGRO_ECANCELED, "%s: status %d (%s)", name, rc, message());
    cr_expect_null(w, "%s: a series after a cancelled load", name);
    char expect[700];
    snprintf(expect, sizeof expect, "%s: cancelled before line 1 (agro_ctx_cancel)", path);
    cr_expect_str_eq(message(), expect);
    agro_ctx_cancel_reset(ctx);
    remove(path);
}

Test(weather, a_cancel_request_stops_the_readers_before_reading_and_while_parsing)
{
    /* more lines than one cadence of the parse's cancel point */
    enum { N_DAYS = 3 * 365 };
    static char wth[64 * N_DAYS + 512], csv[96 * N_DAYS + 256];
    size_t nw = (size_t)snprintf(wth, sizeof wth, "%s", HDR);
    size_t nc = (size_t)snprintf(csv, sizeof csv, "date,srad_MJ_m2_d,tmax_C,tmin_C,rain_mm\n");
    for (int i = 0; i < N_DAYS; i++) {
        const int y = 2001 + i / 365, d = 1 + i % 365;
        int32_t m = 1, md = 1;
        agro_doy_to_date(y, d, &m, &md);
        nw += (size_t)snprintf(wth + nw, sizeof wth - nw, "%02d%03d  18.0  30.0  20.0   1.0\n",
                               y % 100, d);
        nc += (size_t)snprintf(csv + nc, sizeof csv - nc, "%04d-%02d-%02d,18,30,20,1\n", y, (int)m,
                               (int)md);
    }
    const char *const names[2] = {"cancel.WTH", "cancel.csv"};
    const char *const texts[2] = {wth, csv};
    for (int k = 0; k < 2; k++) {
        char path[512], expect[700];
        put(path, sizeof path, names[k], texts[k]);
        agro_weather *w = (agro_weather *)0x1;
        agro_ctx_cancel(ctx);
        cr_expect_eq(agro_weather_load(ctx, path, &w), AGRO_ECANCELED, "%s", message());
        cr_expect_null(w);
        snprintf(expect, sizeof expect, "%s: cancelled before reading (agro_ctx_cancel)", path);
        cr_expect_str_eq(message(), expect);
        /* and the format's own loader */
        w = (agro_weather *)0x1;
        cr_expect_eq(k == 0 ? agro_weather_load_wth(ctx, path, &w)
                            : agro_weather_load_csv(ctx, path, &w),
                     AGRO_ECANCELED, "%s", message());
        cr_expect_null(w);
        agro_ctx_cancel_reset(ctx);
        cr_assert_eq(agro_weather_load(ctx, path, &w), AGRO_OK, "%s", message());
        agro_weather_info in;
        agro_weather_get_info(w, &in);
        cr_expect_eq(in.n_days, N_DAYS);
        agro_weather_free(w);
        remove(path);
        expect_cancelled_while_read(names[k], texts[k]);
    }
}
