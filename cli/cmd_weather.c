/* `agrosim weather` (summary of a .WTH or CSV file) and `agrosim weather-gen` (generate
 * weather from a site's monthly normals into the CSV format). */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

static void iso_date(int32_t year, int32_t doy, char *buf, size_t n)
{
    int32_t m = 0, d = 0;
    agro_doy_to_date(year, doy, &m, &d);
    snprintf(buf, n, "%04d-%02d-%02d", year, m, d);
}

int cmd_weather(int argc, char **argv)
{
    const char *path = NULL;
    int json = 0, strict = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (strcmp(argv[i], "--strict") == 0)
            strict = 1;
        else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage("%s: unknown option %s", cli_synopsis("weather"), argv[i]);
        else if (!path)
            path = argv[i];
        else
            return cli_usage("%s: one file only", cli_synopsis("weather"));
    }
    if (!path)
        return cli_usage("%s", cli_synopsis("weather"));
    agro_ctx *ctx = NULL;
    if (agro_ctx_create(&ctx))
        return cli_report(NULL, AGRO_ENOMEM);
    cli_signals_watch(ctx); /* Ctrl-C stops the load of a long file (signals.c) */
    agro_weather *w = NULL;
    int rc = agro_weather_load(ctx, path, &w);
    agro_weather_info in;
    if (rc == AGRO_OK)
        rc = agro_weather_get_info(w, &in);
    /* --strict: every day must be usable by a simulation (no missing required value, no value
       DSSAT stops on, no gap) */
    if (rc == AGRO_OK && strict)
        rc = agro_weather_check(ctx, w, 0, in.n_days);
    if (rc) {
        cli_report(ctx, rc);
        agro_weather_free(w);
        cli_signals_watch(NULL);
        agro_ctx_free(ctx);
        return 1;
    }
    const agro_weather_day *days = agro_weather_days(w);
    double s[3] = {0, 0, 0}, rain = 0.0;
    int32_t c[3] = {0, 0, 0};
    for (int32_t i = 0; i < in.n_days; i++) {
        const double v[3] = {days[i].srad_MJ_m2_d, days[i].tmax_C, days[i].tmin_C};
        for (int k = 0; k < 3; k++)
            if (isfinite(v[k]))
                s[k] += v[k], c[k]++;
        if (isfinite(days[i].rain_mm))
            rain += days[i].rain_mm;
    }
    char station[AGRO_WEATHER_STATION_MAX], first[16], last[16];
    agro_weather_get_station(w, station, sizeof station);
    iso_date(in.first_year, in.first_doy, first, sizeof first);
    iso_date(in.last_year, in.last_doy, last, sizeof last);
    double mean[3];
    for (int k = 0; k < 3; k++)
        mean[k] = c[k] ? s[k] / c[k] : NAN;
    if (json) {
        printf("{\"station\": ");
        cli_json_string(stdout, station);
        printf(", \"latitude\": ");
        cli_json_number(stdout, in.latitude_deg);
        printf(", \"longitude\": ");
        cli_json_number(stdout, in.longitude_deg);
        printf(", \"elevation_m\": ");
        cli_json_number(stdout, in.elevation_m);
        printf(", \"tav_C\": ");
        cli_json_number(stdout, in.tav_C);
        printf(", \"amp_C\": ");
        cli_json_number(stdout, in.amp_C);
        printf(", \"days\": %d, \"first_date\": \"%s\", \"last_date\": \"%s\"", in.n_days, first,
               last);
        printf(", \"mean_srad_MJ_m2_d\": ");
        cli_json_number(stdout, mean[0]);
        printf(", \"mean_tmax_C\": ");
        cli_json_number(stdout, mean[1]);
        printf(", \"mean_tmin_C\": ");
        cli_json_number(stdout, mean[2]);
        printf(", \"total_rain_mm\": ");
        cli_json_number(stdout, rain);
        printf(", \"missing_values\": %d, \"substituted_values\": %d, \"bad_days\": %d}\n",
               in.n_missing, in.n_substituted, in.n_bad_days);
    } else {
        printf("station        %s\n", station);
        printf("location       %.3f N  %.3f E  %.0f m\n", in.latitude_deg, in.longitude_deg,
               in.elevation_m);
        printf("TAV / AMP      %.1f C / %.1f C\n", in.tav_C, in.amp_C);
        printf("days           %d (%s .. %s)\n", in.n_days, first, last);
        printf("mean SRAD      %.2f MJ/m2/d\n", mean[0]);
        printf("mean TMAX/TMIN %.2f / %.2f C\n", mean[1], mean[2]);
        printf("total rain     %.1f mm\n", rain);
        printf("missing values %d\n", in.n_missing);
        printf("substituted    %d (SRAD below 0.1 MJ/m2/d read as 0.1, as DSSAT does)\n",
               in.n_substituted);
        /* loaded as DSSAT loads them; the means above include their values as read */
        printf("bad days       %d (a value DSSAT stops on: no run can use them, --strict names "
               "the first)\n",
               in.n_bad_days);
    }
    agro_weather_free(w);
    cli_signals_watch(NULL);
    agro_ctx_free(ctx);
    return 0;
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

int cmd_weather_gen(int argc, char **argv)
{
    const char *use = cli_synopsis("weather-gen");
    const char *site_path = NULL, *out = NULL, *years_s = NULL, *seed_s = NULL, *fy_s = NULL;
    /* the spelling each option was first given as (cli_once) */
    const char *years_flag = NULL, *seed_flag = NULL, *out_flag = NULL, *fy_flag = NULL;
    for (int i = 1; i < argc; i++) {
        const char **dst = NULL, **seen = NULL;
        if (strcmp(argv[i], "--years") == 0) {
            dst = &years_s;
            seen = &years_flag;
        } else if (strcmp(argv[i], "--seed") == 0) {
            dst = &seed_s;
            seen = &seed_flag;
        } else if (strcmp(argv[i], "--out") == 0) {
            dst = &out;
            seen = &out_flag;
        } else if (strcmp(argv[i], "--first-year") == 0) {
            dst = &fy_s;
            seen = &fy_flag;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage("%s: unknown option %s", use, argv[i]);
        } else if (!site_path) {
            site_path = argv[i];
            continue;
        } else {
            return cli_usage("%s: one site file only", use);
        }
        if (i + 1 >= argc)
            return cli_usage("%s: %s needs a value", use, argv[i]);
        if (cli_once("weather-gen", argv[i], seen, argv[i + 1]))
            return 2;
        *dst = argv[++i];
    }
    if (!site_path || !years_s || !seed_s || !out)
        return cli_usage("%s", use);
    /* the weather would replace the site it was generated from */
    if (cli_same_file(site_path, out))
        return cli_usage("weather-gen: --out names the site file \"%s\"", out);
    /* a name the writer cannot make (too long, or too long for its temporary name): refused
       now, not after the years are generated and its folders made */
    {
        static const char *const flags[1] = {"--out"};
        const char *const paths[1] = {out};
        const int refused = cli_out_names("weather-gen", flags, paths, 1);
        if (refused)
            return refused;
    }
    long years = 0, first_year = 2001;
    /* option values the command line gets wrong are usage errors (exit 2), as in every
       command */
    if (parse_long(years_s, 1, 10000, &years))
        return cli_usage("--years: expected a whole number of years in [1, 10000] (\"%s\")",
                         years_s);
    if (fy_s && parse_long(fy_s, 1, 9999 - years, &first_year))
        return cli_usage("--first-year: expected a year in [1, %ld] (\"%s\")", 9999 - years, fy_s);
    unsigned long long seed = 0;
    if (cli_parse_seed(seed_s, &seed))
        return cli_usage("--seed: expected an integer from 0 to 18446744073709551615 (2^64 - 1) "
                         "(\"%s\")", seed_s);
    agro_ctx *ctx = NULL;
    if (agro_ctx_create(&ctx))
        return cli_report(NULL, AGRO_ENOMEM);
    cli_signals_watch(ctx); /* Ctrl-C cancels the years and the writer (signals.c) */
    agro_site site;
    char name[64];
    agro_weather *w = NULL;
    int rc = agro_site_load(ctx, site_path, &site, name, sizeof name);
    if (rc == AGRO_OK)
        rc = agro_weather_generate(ctx, &site, name, (int32_t)first_year, (int32_t)years,
                                   (uint64_t)seed, &w);
    if (rc == AGRO_OK && cli_make_parent(out)) {
        agro_weather_free(w);
        cli_signals_watch(NULL);
        agro_ctx_free(ctx);
        return 1;
    }
    if (rc == AGRO_OK)
        rc = agro_weather_write_csv(ctx, w, out);
    if (rc) {
        cli_report(ctx, rc);
        agro_weather_free(w);
        cli_signals_watch(NULL);
        agro_ctx_free(ctx);
        return 1;
    }
    agro_weather_info in;
    agro_weather_get_info(w, &in);
    printf("wrote %d days of %s weather (%ld years from %ld, seed %llu) to %s\n", in.n_days, name,
           years, first_year, seed, out);
    agro_weather_free(w);
    cli_signals_watch(NULL);
    agro_ctx_free(ctx);
    return 0;
}
