/* The reference maize season of the field tests: Morogoro long rains, hybrid H613 at
 * 5.3 pl/m², 40 kg N/ha, 25 weeds/m² weeded once at 4 weeks. Returns a status (no Criterion
 * asserts) so threads can build it too. */
#ifndef AGROSIM_TEST_HELPERS_SEASON_H
#define AGROSIM_TEST_HELPERS_SEASON_H

#include <string.h>

#include "agrosim/agrosim.h"

static inline void helper_add_event(agro_season_spec *s, int32_t type, int32_t doy, double amount,
                                    double density)
{
    agro_event *e = &s->events[s->n_events++];
    memset(e, 0, sizeof *e);
    e->type = type;
    e->year = s->start_year;
    e->doy = doy;
    e->amount = amount;
    e->density_pl_m2 = density;
    e->row_spacing_cm = 75;
    e->depth_cm = 5;
    e->nh4_fraction = 0.5;
}

/* @p years years of weather generated from the Morogoro site from @p year, seed @p seed. */
static inline int helper_morogoro_generated(agro_ctx *ctx, const char *station, int32_t year,
                                            int32_t years, uint64_t seed, agro_weather **w)
{
    agro_site site;
    int st = agro_site_load(ctx, AGROSIM_SOURCE_DIR "/models/sites/morogoro.json", &site, NULL, 0);
    return st ? st : agro_weather_generate(ctx, &site, station, year, years, seed, w);
}

/* Two years of generated Morogoro weather from @p year, seeded by the year. */
static inline int helper_morogoro_weather(agro_ctx *ctx, int32_t year, agro_weather **w)
{
    return helper_morogoro_generated(ctx, "MOROGORO", year, 2, (uint64_t)year, w);
}

static inline int helper_morogoro_spec(agro_ctx *ctx, agro_season_spec *s, int32_t year)
{
    char name[64];
    int st = agro_season_spec_init(s);
    if (!st)
        st = agro_soil_load_json(ctx, AGROSIM_SOURCE_DIR "/models/soils/morogoro_sandy_clay_loam.json",
                                 &s->soil);
    if (!st)
        st = agro_maize_cultivar_load_json(ctx, AGROSIM_SOURCE_DIR "/models/cultivars/maize_h613_hybrid.json",
                                           &s->cultivar, name, sizeof name);
    if (st)
        return st;
    s->options.latitude_deg = -6.82;
    for (int l = 0; l < s->soil.n_layers; l++) {
        s->options.no3_ppm[l] = 3.0;
        s->options.nh4_ppm[l] = 1.0;
    }
    s->start_year = year;
    s->start_doy = 60;
    s->days_after_maturity = 5;
    helper_add_event(s, AGRO_EVENT_SOW, 75, 0.0, 5.3);
    helper_add_event(s, AGRO_EVENT_FERTILISE, 75, 40.0, 0.0);
    helper_add_event(s, AGRO_EVENT_WEEDS_EMERGE, 78, 0.0, 25.0);
    helper_add_event(s, AGRO_EVENT_WEED, 103, 0.9, 0.0);
    return AGRO_OK;
}

#endif
