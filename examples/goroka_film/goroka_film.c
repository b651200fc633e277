/*
 * Goroka ditch-and-film question: how warm is the soil from 5 cm to 1.5 m under plastic film?
 *
 * Weather: 4 years generated from the Goroka climate normals (models/sites/goroka.json, seed 1);
 * the first year is a spin-up, the next 3 are reported. Soil: the Goroka clay loam
 * (models/soils/goroka_clay_loam.json), water held at the drained upper limit. Covers: bare,
 * clear film, black film. Printed: mean, minimum and maximum of the DAILY MEAN temperature at
 * 5, 50 and 150 cm, for the numerical model with its bottom held at TAV (3 m) and with a
 * zero-flux bottom.
 *
 * Usage: goroka_film [MODELS_DIR]
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "agrosim/agrosim.h"

static int fail(agro_ctx *ctx, int rc)
{
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    fprintf(stderr, "goroka_film: %s\n", msg[0] ? msg : agro_strerror(rc));
    agro_ctx_free(ctx);
    return 1;
}

int main(int argc, char **argv)
{
    const char *models = argc > 1 ? argv[1] : AGROSIM_MODELS_DIR;
    char path[1024];
    agro_ctx *ctx;
    if (agro_ctx_create(&ctx))
        return 1;
    agro_site site;
    char station[64];
    agro_weather *w = NULL;
    agro_soil_profile soil;
    int rc;
    snprintf(path, sizeof path, "%s/sites/goroka.json", models);
    if ((rc = agro_site_load(ctx, path, &site, station, sizeof station)))
        return fail(ctx, rc);
    if ((rc = agro_weather_generate(ctx, &site, station, 2001, 4, 1, &w)))
        return fail(ctx, rc);
    snprintf(path, sizeof path, "%s/soils/goroka_clay_loam.json", models);
    if ((rc = agro_soil_load(ctx, path, NULL, &soil)))
        return fail(ctx, rc);
    agro_weather_info info;
    agro_weather_get_info(w, &info);
    const agro_weather_day *days = agro_weather_days(w);
    int32_t spin_days;
    agro_days_between(2001, 1, 2002, 1, &spin_days);

    const double depths[3] = {5.0, 50.0, 150.0};
    const int32_t covers[3] = {AGRO_COVER_BARE, AGRO_COVER_FILM_CLEAR, AGRO_COVER_FILM_BLACK};
    const int32_t bottoms[2] = {AGRO_SOIL_TEMP_BOTTOM_TAV, AGRO_SOIL_TEMP_BOTTOM_ZERO_FLUX};
    printf("# Goroka, generated weather seed 1 (TAV %.2f C, AMP %.2f C), %s, water at DUL\n",
           info.tav_C, info.amp_C, "goroka_clay_loam");
    printf("# daily mean soil temperature over %d days after a %d-day spin-up\n",
           (int)(info.n_days - spin_days), (int)spin_days);
    printf("%-10s %-10s %8s %8s %8s %8s\n", "bottom", "cover", "depth_cm", "mean_C", "min_C",
           "max_C");
    for (int b = 0; b < 2; b++) {
        for (int c = 0; c < 3; c++) {
            agro_soil_temp_options opt;
            agro_soil_temp_options_default(&opt);
            opt.cover = covers[c];
            opt.lower_boundary = bottoms[b];
            opt.tav_C = info.tav_C;
            opt.amp_C = info.amp_C;
            agro_soil_temp *st = NULL;
            if ((rc = agro_soil_temp_create(ctx, &soil, &opt, &st)))
                return fail(ctx, rc);
            agro_soil_temp_drivers d;
            memset(&d, 0, sizeof d);
            for (int i = 0; i < AGRO_SOIL_MAX_LAYERS; i++)
                d.sw[i] = NAN; /* water held at DUL */
            d.latitude_deg = info.latitude_deg;
            double sum[3] = {0, 0, 0}, lo[3] = {INFINITY, INFINITY, INFINITY};
            double hi[3] = {-INFINITY, -INFINITY, -INFINITY};
            for (int32_t i = 0; i < info.n_days; i++) {
                d.year = days[i].year;
                d.doy = days[i].doy;
                d.tmax_C = days[i].tmax_C;
                d.tmin_C = days[i].tmin_C;
                d.srad_MJ_m2_d = days[i].srad_MJ_m2_d;
                if ((rc = agro_soil_temp_step(ctx, st, &d))) {
                    agro_soil_temp_free(st);
                    return fail(ctx, rc);
                }
                if (i < spin_days)
                    continue;
                for (int k = 0; k < 3; k++) {
                    double m;
                    agro_soil_temp_at(st, depths[k], &m, NULL, NULL);
                    sum[k] += m;
                    lo[k] = m < lo[k] ? m : lo[k];
                    hi[k] = m > hi[k] ? m : hi[k];
                }
            }
            for (int k = 0; k < 3; k++)
                printf("%-10s %-10s %8.0f %8.2f %8.2f %8.2f\n",
                       b ? "zero-flux" : "tav", agro_cover_name(covers[c]), depths[k],
                       sum[k] / (info.n_days - spin_days), lo[k], hi[k]);
            agro_soil_temp_free(st);
        }
    }
    agro_weather_free(w);
    agro_ctx_free(ctx);
    return 0;
}
