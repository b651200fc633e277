/* Internal access to a weather series for the DSSAT runner (lib/dssat). */
#ifndef AGROSIM_INTERNAL_WEATHER_H
#define AGROSIM_INTERNAL_WEATHER_H

#include "agrosim/weather.h"

/* TAV and AMP (°C) as the file (or CSV keys) gave them: NaN when absent or -99, where
   agro_weather_info holds the values computed from the days. */
void agro_weather_given_tav_amp(const agro_weather *w, double *tav_C, double *amp_C);

#endif
