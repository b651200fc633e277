/* Internal access to a weather series for the runners (lib/dssat, lib/field). */
#ifndef AGROSIM_INTERNAL_WEATHER_H
#define AGROSIM_INTERNAL_WEATHER_H

#include "agrosim/weather.h"

/* TAV and AMP (°C) as the file (or CSV keys) gave them: NaN when absent or -99, where
   agro_weather_info holds the values computed from the days. */
void agro_weather_given_tav_amp(const agro_weather *w, double *tav_C, double *amp_C);

/* The flag word of each day of @p w (n_days of them): a day agro_weather_check refuses on its
   own values (a missing one, one DSSAT stops on, or an optional one no air has) has a bit of
   AGRO_WEATHER_REFUSED set, so a runner tests each day it steps without a call, and calls
   agro_weather_check for the message only on such a day. (lib/weather/weather_impl.h's WX_REFUSED, checked there.) */
enum { AGRO_WEATHER_REFUSED = 0x3ef };
const int32_t *agro_weather_flags(const agro_weather *w);
/* The number of days of @p w (agro_weather_info.n_days without copying the info). */
int32_t agro_weather_n_days(const agro_weather *w);

/* agro_weather_load_wth with the first YYDDD line placed as DSSAT's IpWRec places it for a run
 * (ModuleDefs/DATES.for Y2K_DOYW), not by the cross-over year: in the latest century that puts
 * it at or before @p near (YEARDOY), the first day the run needs from the file (the simulation
 * start: the century of the start, one less when that puts the line after it; a later yearly
 * file: the century of its first day). The lines after follow as agro_weather_load_wth's do.
 * @p near 0: agro_weather_load_wth. */
int agro_weather_load_wth_near(agro_ctx *ctx, const char *path, int32_t near, agro_weather **out);

#endif
