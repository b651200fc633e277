/* Site files (models/sites/NAME.json): monthly climate normals for the weather generator. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal/error.h"
#include "internal/json.h"
#include "weather/weather_impl.h"

static int get_block(agro_ctx *ctx, const agro_json_node *root, const char *key, int required,
                     const char *const *keys, size_t nkeys, agro_json_node *out)
{
    int rc = agro_json_get(ctx, root, key, required, out);
    if (rc)
        return rc;
    if ((rc = agro_json_check_keys(ctx, out, keys, nkeys)))
        return rc;
    /* a block must say where its values come from (house rule) */
    return agro_json_source(ctx, out, "source", 1);
}

int agro_site_load(agro_ctx *ctx, const char *path, agro_site *out, char *name, size_t n)
{
    if (!out)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL, "no output site");
    agro_json_file f;
    int rc = agro_json_open(ctx, path, &f);
    if (rc)
        return rc;
    agro_site s;
    memset(&s, 0, sizeof s);
    char station[64] = "";
    agro_json_node root, loc, temp, rain, rad;
    static const char *const top[] = {"schema_version", "station", "description", "location",
                                      "temperature", "rainfall", "radiation"};
    static const char *const kloc[] = {"latitude_deg", "longitude_deg", "elevation_m", "source"};
    static const char *const ktemp[] = {"tmax_C", "tmin_C", "source"};
    static const char *const krain[] = {"rain_mm", "rain_days", "source"};
    static const char *const krad[] = {"krs", "srad_MJ_m2_d", "source"};
    int version = 0;
    if ((rc = agro_json_root(ctx, &f, &root)) ||
        (rc = agro_json_check_keys(ctx, &root, top, sizeof top / sizeof top[0])) ||
        (rc = agro_json_int(ctx, &root, "schema_version", 1, 0, 1, 1, &version)) ||
        (rc = agro_json_string(ctx, &root, "station", 1, NULL, station, sizeof station)) ||
        (rc = agro_json_text(ctx, &root, "description")))
        goto done;
    if ((rc = get_block(ctx, &root, "location", 1, kloc, 4, &loc)) ||
        (rc = agro_json_number(ctx, &loc, "latitude_deg", 1, 0, -90, 90, &s.latitude_deg)) ||
        (rc = agro_json_number(ctx, &loc, "longitude_deg", 1, 0, -180, 180, &s.longitude_deg)) ||
        (rc = agro_json_number(ctx, &loc, "elevation_m", 1, 0, -500, 9000, &s.elevation_m)))
        goto done;
    if ((rc = get_block(ctx, &root, "temperature", 1, ktemp, 3, &temp)) ||
        (rc = agro_json_number_array(ctx, &temp, "tmax_C", 1, -60, 60, s.tmax_C, 12)) ||
        (rc = agro_json_number_array(ctx, &temp, "tmin_C", 1, -70, 50, s.tmin_C, 12)))
        goto done;
    for (int m = 0; m < 12; m++) {
        if (s.tmin_C[m] > s.tmax_C[m]) {
            agro_json_node a, e;
            agro_json_get(ctx, &temp, "tmin_C", 1, &a);
            agro_json_at(&a, m, &e);
            rc = agro_json_fail(ctx, &e, AGRO_ERANGE, "month %d: tmin %g C above tmax %g C",
                                m + 1, s.tmin_C[m], s.tmax_C[m]);
            goto done;
        }
    }
    if ((rc = get_block(ctx, &root, "rainfall", 1, krain, 3, &rain)) ||
        (rc = agro_json_number_array(ctx, &rain, "rain_mm", 1, 0, 3000, s.rain_mm, 12)) ||
        (rc = agro_json_number_array(ctx, &rain, "rain_days", 1, 0, 31, s.rain_days, 12)))
        goto done;
    static const double mdays[12] = {31, 28.25, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 0; m < 12; m++) {
        if (s.rain_days[m] > mdays[m]) {
            agro_json_node a, e;
            agro_json_get(ctx, &rain, "rain_days", 1, &a);
            agro_json_at(&a, m, &e);
            rc = agro_json_fail(ctx, &e, AGRO_ERANGE, "month %d: %g wet days in a %g-day month",
                                m + 1, s.rain_days[m], mdays[m]);
            goto done;
        }
        /* rain needs wet days and wet days need rain: otherwise the generator would drop the
           month's rain (or its wet days) without a word */
        if ((s.rain_mm[m] > 0.0) != (s.rain_days[m] > 0.0)) {
            agro_json_node a, e;
            agro_json_get(ctx, &rain, "rain_days", 1, &a);
            agro_json_at(&a, m, &e);
            rc = agro_json_fail(ctx, &e, AGRO_ERANGE,
                                "month %d: %g mm of rain on %g wet days (give the mean number of "
                                "wet days, fractional if need be)",
                                m + 1, s.rain_mm[m], s.rain_days[m]);
            goto done;
        }
    }
    for (int m = 0; m < 12; m++)
        s.srad_MJ_m2_d[m] = NAN;
    s.krs = 0.16;
    rc = get_block(ctx, &root, "radiation", 0, krad, 3, &rad);
    if (rc < 0)
        goto done;
    if (rc == 0) {
        if ((rc = agro_json_number(ctx, &rad, "krs", 0, 0.16, 0.1, 0.25, &s.krs)) ||
            (rc = agro_json_number_array(ctx, &rad, "srad_MJ_m2_d", 0, 0.5, 45, s.srad_MJ_m2_d,
                                         12)))
            goto done;
    }
    rc = AGRO_OK;
    *out = s;
    if (name && n && (size_t)snprintf(name, n, "%s", station) >= n)
        rc = agro_fail(ctx, AGRO_ERANGE, path, 0, "station", "the station name (%zu characters) does not fit the caller's %zu bytes",
                       strlen(station), n);
done:
    agro_json_close(&f);
    return rc;
}
