/* agrosim soil-temperature: run the soil temperature model over a weather series and report the
 * range of daily mean temperatures at chosen depths after a one-year spin-up.
 *
 *   agrosim soil-temperature --weather W --soil FILE [ID] --cover bare|residue|film-clear|film-black
 *       --years N [--depths-cm 5,50,150] [--json] [--seed S]
 *       [--method numerical|stemp|epic] [--bottom tav|zero-flux] [--residue-t-ha R]
 *       [--stemp-surface air|albedo]
 *
 * W is a .WTH or .csv series, or a site JSON from which N+1 years are generated (seed S, default
 * 1, starting 2001). With a series the first year is the spin-up and the next N years are
 * reported; a series shorter than N+1 years but at least N years long is spun up by running its
 * first year twice. Soil water is held at the drained upper limit (DUL) of each layer: this
 * command runs no water balance. Statistics (mean, min, max) are over the daily means. The EPIC
 * method sees the series' rain as its wet days and the residue (cover residue) as its mulch.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

#define MAX_DEPTHS 32

/* One stderr line; @p status 1 (bad input) or 2 (an option value the command line gets
   wrong: a usage error, as in every command) */
static int complain(int status, const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, status == 2 ? "agrosim: usage: " : "agrosim: ");
    fprintf(stderr, fmt, a, b);
    fprintf(stderr, "\n");
    return status;
}
static int bad(const char *fmt, const char *a, const char *b) { return complain(1, fmt, a, b); }
static int bad_option(const char *fmt, const char *a, const char *b) { return complain(2, fmt, a, b); }

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    if (n < m)
        return 0;
    for (size_t i = 0; i < m; i++) {
        char c = s[n - m + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != suffix[i])
            return 0;
    }
    return 1;
}

static int parse_depths(const char *arg, double *out, int *n)
{
    char buf[512];
    if (strlen(arg) >= sizeof buf)
        return -1;
    strcpy(buf, arg);
    *n = 0;
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        char *end;
        errno = 0;
        double v = strtod(tok, &end);
        if (errno || end == tok || *end != '\0' || !isfinite(v) || v < 0.0 || *n >= MAX_DEPTHS)
            return -1;
        out[(*n)++] = v;
    }
    return *n > 0 ? 0 : -1;
}

int cmd_soil_temperature(int argc, char **argv)
{
    const char *weather_path = NULL, *soil_path = NULL, *soil_id = NULL, *cover_name = "bare";
    const char *depth_arg = "5,50,150", *method_name = "numerical", *bottom_name = "tav",
               *surface_name = "air";
    long years = -1;
    unsigned long long seed = 1;
    double residue = 3.0;
    int json = 0;
    /* the spelling each value option was first given as (cli_once) */
    const char *weather_flag = NULL, *soil_flag = NULL, *cover_flag = NULL, *years_flag = NULL,
               *depths_flag = NULL, *seed_flag = NULL, *method_flag = NULL, *bottom_flag = NULL,
               *surface_flag = NULL, *residue_flag = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has_val = i + 1 < argc;
        if (strcmp(a, "--json") == 0) {
            json = 1;
        } else if (strcmp(a, "--weather") == 0 && has_val) {
            if (cli_once("soil-temperature", a, &weather_flag, argv[i + 1]))
                return 2;
            weather_path = argv[++i];
        } else if (strcmp(a, "--soil") == 0 && has_val) {
            if (cli_once("soil-temperature", a, &soil_flag, argv[i + 1]))
                return 2;
            soil_path = argv[++i];
            /* (an option is not the ID: a single-dash one was taken as the ID and not found) */
            if (i + 1 < argc && argv[i + 1][0] != '-')
                soil_id = argv[++i];
        } else if (strcmp(a, "--cover") == 0 && has_val) {
            if (cli_once("soil-temperature", a, &cover_flag, argv[i + 1]))
                return 2;
            cover_name = argv[++i];
        } else if (strcmp(a, "--years") == 0 && has_val) {
            if (cli_once("soil-temperature", a, &years_flag, argv[i + 1]))
                return 2;
            char *end;
            errno = 0;
            years = strtol(argv[++i], &end, 10);
            if (errno || *end || years < 1 || years > 200)
                return bad_option("--years: '%s' is not a whole number of years in 1..200%s", argv[i], "");
        } else if (strcmp(a, "--depths-cm") == 0 && has_val) {
            if (cli_once("soil-temperature", a, &depths_flag, argv[i + 1]))
                return 2;
            depth_arg = argv[++i];
        } else if (strcmp(a, "--seed") == 0 && has_val) {
            if (cli_once("soil-temperature", a, &seed_flag, argv[i + 1]))
                return 2;
            unsigned long long v = 0;
            if (cli_parse_seed(argv[++i], &v))
                return bad_option("--seed: '%s' is not an integer from 0 to 18446744073709551615 (2^64 - 1)%s",
                                  argv[i], "");
            seed = v;
        } else if (strcmp(a, "--method") == 0 && has_val) {
            if (cli_once("soil-temperature", a, &method_flag, argv[i + 1]))
                return 2;
            method_name = argv[++i];
        } else if (strcmp(a, "--bottom") == 0 && has_val) {
            if (cli_once("soil-temperature", a, &bottom_flag, argv[i + 1]))
                return 2;
            bottom_name = argv[++i];
        } else if (strcmp(a, "--stemp-surface") == 0 && has_val) {
            if (cli_once("soil-temperature", a, &surface_flag, argv[i + 1]))
                return 2;
            surface_name = argv[++i];
        } else if (strcmp(a, "--residue-t-ha") == 0 && has_val) {
            if (cli_once("soil-temperature", a, &residue_flag, argv[i + 1]))
                return 2;
            char *end;
            residue = strtod(argv[++i], &end);
            if (*end || !isfinite(residue) || residue < 0.0 || residue > 50.0)
                return bad_option("--residue-t-ha: '%s' is not a mass in 0..50 t/ha%s", argv[i], "");
        } else {
            return cli_usage("%s (unexpected '%s')", cli_synopsis("soil-temperature"), a);
        }
    }
    if (!weather_path || !soil_path || years < 1)
        return cli_usage("soil-temperature needs --weather W, --soil FILE [ID] and --years N");

    int32_t cover;
    if (agro_cover_from_name(cover_name, &cover) != AGRO_OK)
        return bad_option("--cover: unknown cover '%s' (bare|residue|film-clear|film-black)%s", cover_name,
                   "");
    double depths[MAX_DEPTHS];
    int n_depths;
    if (parse_depths(depth_arg, depths, &n_depths))
        return bad_option("--depths-cm: '%s' is not a comma-separated list of depths >= 0 cm%s", depth_arg,
                   "");

    agro_soil_temp_options opt;
    agro_soil_temp_options_default(&opt);
    opt.cover = cover;
    opt.residue_t_ha = cover == AGRO_COVER_RESIDUE ? residue : 0.0;
    if (strcmp(method_name, "numerical") == 0)
        opt.method = AGRO_SOIL_TEMP_NUMERICAL;
    else if (strcmp(method_name, "stemp") == 0)
        opt.method = AGRO_SOIL_TEMP_STEMP;
    else if (strcmp(method_name, "epic") == 0)
        opt.method = AGRO_SOIL_TEMP_EPIC;
    else
        return bad_option("--method: unknown method '%s' (numerical|stemp|epic)%s", method_name, "");
    if (strcmp(surface_name, "air") == 0)
        opt.stemp_surface = AGRO_STEMP_SURFACE_AIR;
    else if (strcmp(surface_name, "albedo") == 0)
        opt.stemp_surface = AGRO_STEMP_SURFACE_ALBEDO;
    else
        return bad_option("--stemp-surface: unknown surface term '%s' (air|albedo)%s", surface_name, "");
    if (strcmp(bottom_name, "tav") == 0)
        opt.lower_boundary = AGRO_SOIL_TEMP_BOTTOM_TAV;
    else if (strcmp(bottom_name, "zero-flux") == 0)
        opt.lower_boundary = AGRO_SOIL_TEMP_BOTTOM_ZERO_FLUX;
    else
        return bad_option("--bottom: unknown lower boundary '%s' (tav|zero-flux)%s", bottom_name, "");
    for (int k = 0; k < n_depths; k++) {
        if (depths[k] > opt.max_depth_m * 100.0) {
            char v[64];
            snprintf(v, sizeof v, "%g", depths[k]);
            return bad_option("--depths-cm: %s cm is below the model's bottom (%s cm)", v, "300");
        }
    }

    agro_ctx *ctx = NULL;
    if (agro_ctx_create(&ctx) != AGRO_OK)
        return bad("%s%s", "out of memory", "");
    /* Ctrl-C stops the load of a long weather file or the generated years (signals.c) */
    cli_signals_watch(ctx);
    int rc, status = 1;
    agro_weather *w = NULL;
    agro_soil_temp *st = NULL;
    double *sum = NULL, *lo = NULL, *hi = NULL;
    agro_soil_profile prof;

    if ((rc = agro_soil_load(ctx, soil_path, soil_id, &prof))) {
        cli_report(ctx, rc);
        goto done;
    }
    if (ends_with(weather_path, ".json")) {
        agro_site site;
        char station[64];
        if ((rc = agro_site_load(ctx, weather_path, &site, station, sizeof station)) ||
            (rc = agro_weather_generate(ctx, &site, station, 2001, (int32_t)years + 1, seed, &w))) {
            cli_report(ctx, rc);
            goto done;
        }
    } else if ((rc = agro_weather_load(ctx, weather_path, &w))) {
        cli_report(ctx, rc);
        goto done;
    }
    agro_weather_info info;
    agro_weather_get_info(w, &info);
    double lat = isfinite(info.latitude_deg) ? info.latitude_deg : prof.latitude_deg;
    if (!isfinite(lat)) {
        bad("%s: no latitude in the weather file or the soil profile%s", weather_path, "");
        goto done;
    }
    if (!isfinite(info.tav_C) || !isfinite(info.amp_C)) {
        bad("%s: cannot determine TAV/AMP of the weather series%s", weather_path, "");
        goto done;
    }
    opt.tav_C = info.tav_C;
    opt.amp_C = info.amp_C;

    /* Days of the spin-up year and of the N reported years, by the calendar. */
    int32_t y0 = info.first_year, d0 = info.first_doy, spin_days, run_days;
    agro_days_between(y0, d0, y0 + 1, d0, &spin_days);
    agro_days_between(y0 + 1, d0, y0 + 1 + (int32_t)years, d0, &run_days);
    int32_t spin_start = 0, run_start = spin_days;
    if (info.n_days < spin_days + run_days) {
        /* Too short for its own spin-up year: spin up on its first year, report from day 0. */
        agro_days_between(y0, d0, y0 + (int32_t)years, d0, &run_days);
        if (info.n_days < run_days) {
            char need[64];
            snprintf(need, sizeof need, "%d days, need %d for --years %ld", (int)info.n_days,
                     (int)run_days, years);
            bad("%s: weather series has %s", weather_path, need);
            goto done;
        }
        spin_days = info.n_days < 365 ? info.n_days : 365;
        run_start = 0;
    }
    if ((rc = agro_soil_temp_create(ctx, &prof, &opt, &st))) {
        cli_report(ctx, rc);
        goto done;
    }
    sum = calloc((size_t)n_depths, sizeof(double));
    lo = malloc(sizeof(double) * (size_t)n_depths);
    hi = malloc(sizeof(double) * (size_t)n_depths);
    if (!sum || !lo || !hi) {
        bad("%s%s", "out of memory", "");
        goto done;
    }
    for (int k = 0; k < n_depths; k++) {
        lo[k] = INFINITY;
        hi[k] = -INFINITY;
    }
    const agro_weather_day *days = agro_weather_days(w);
    agro_soil_temp_drivers drv;
    memset(&drv, 0, sizeof drv);
    for (int i = 0; i < AGRO_SOIL_MAX_LAYERS; i++)
        drv.sw[i] = NAN; /* soil water held at DUL */
    drv.latitude_deg = lat;
    drv.mulch_t_ha = opt.residue_t_ha; /* EPIC's mulch: the residue cover */
    for (int32_t pass = 0; pass < 2; pass++) {
        int32_t start = pass ? run_start : spin_start, count = pass ? run_days : spin_days;
        for (int32_t i = start; i < start + count; i++) {
            const agro_weather_day *day = &days[i];
            /* a value DSSAT stops on, or TMAX and TMIN both 0.00 C, which the .WTH reader loads,
               is refused naming the file, line and column (AGRO_ERANGE, which the check gives
               before a missing value), and so is a missing SRAD, TMAX or TMIN (AGRO_EMISSING:
               the drivers would refuse a NaN as 'nan outside [0, 50]'); a missing rain alone
               runs as 0 (EPIC's wet days) */
            const int wrc = agro_weather_check(ctx, w, i, 1);
            if (wrc && !(wrc == AGRO_EMISSING && isfinite(day->srad_MJ_m2_d) &&
                         isfinite(day->tmax_C) && isfinite(day->tmin_C))) {
                cli_report(ctx, wrc);
                goto done;
            }
            drv.year = day->year;
            drv.doy = day->doy;
            drv.tmax_C = day->tmax_C;
            drv.tmin_C = day->tmin_C;
            drv.srad_MJ_m2_d = day->srad_MJ_m2_d;
            drv.water_input_mm = isfinite(day->rain_mm) ? day->rain_mm : 0.0; /* EPIC's wet days */
            if ((rc = agro_soil_temp_step(ctx, st, &drv))) {
                /* the day's file and line (a site's generated day: its station and date) */
                char src[AGRO_WEATHER_SOURCE_MAX];
                agro_weather_day_source(w, i, src, sizeof src);
                char msg[AGRO_MESSAGE_MAX];
                agro_ctx_message(ctx, msg, sizeof msg);
                if (ends_with(weather_path, ".json"))
                    fprintf(stderr, "agrosim: %s: %s: %s\n", weather_path, src, msg);
                else
                    fprintf(stderr, "agrosim: %s: day %d-%03d: %s\n", src, (int)day->year,
                            (int)day->doy, msg);
                goto done;
            }
            if (!pass)
                continue;
            for (int k = 0; k < n_depths; k++) {
                double m;
                agro_soil_temp_at(st, depths[k], &m, NULL, NULL);
                sum[k] += m;
                if (m < lo[k])
                    lo[k] = m;
                if (m > hi[k])
                    hi[k] = m;
            }
        }
    }
    if (json) {
        printf("{\"cover\": ");
        cli_json_string(stdout, agro_cover_name(cover));
        printf(", \"depths\": [");
        for (int k = 0; k < n_depths; k++) {
            printf("%s{\"depth_cm\": ", k ? ", " : "");
            cli_json_number(stdout, depths[k]);
            printf(", \"mean_C\": ");
            cli_json_number(stdout, sum[k] / run_days);
            printf(", \"min_C\": ");
            cli_json_number(stdout, lo[k]);
            printf(", \"max_C\": ");
            cli_json_number(stdout, hi[k]);
            printf("}");
        }
        printf("]}\n");
    } else {
        printf("cover %s, %d days after a %d-day spin-up; daily mean soil temperature, °C\n",
               agro_cover_name(cover), (int)run_days, (int)spin_days);
        printf("%10s %8s %8s %8s\n", "depth_cm", "mean", "min", "max");
        for (int k = 0; k < n_depths; k++)
            printf("%10g %8.2f %8.2f %8.2f\n", depths[k], sum[k] / run_days, lo[k], hi[k]);
    }
    status = 0;
done:
    free(sum);
    free(lo);
    free(hi);
    agro_soil_temp_free(st);
    agro_weather_free(w);
    cli_signals_watch(NULL);
    agro_ctx_free(ctx);
    return status;
}
