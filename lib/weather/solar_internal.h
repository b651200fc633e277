/* Internal (not installed): day length and photoperiod for many days at one latitude, with
 * the latitude terms computed once. Results are bit-identical to agro_daylength_h and
 * agro_photoperiod_h. No global state: the caller owns the agro_solar_lat value. */
#ifndef AGROSIM_SOLAR_INTERNAL_H
#define AGROSIM_SOLAR_INTERNAL_H

#include <stdint.h>

typedef struct agro_solar_lat {
    double sin_phi, cos_phi; /* sine and cosine of the latitude */
    int valid;               /* latitude finite and within [-90, 90] */
} agro_solar_lat;

/* Precompute the latitude terms (decimal degrees, north +). */
void agro_solar_lat_init(double latitude_deg, agro_solar_lat *out);
/* Day length (sun's centre above the horizon, FAO-56 eq. 34) and photoperiod (civil
 * twilight, sun 6° below), h, for day of year @p doy; NaN for an invalid latitude. Either
 * output may be NULL (not computed). */
void agro_solar_day_lengths(const agro_solar_lat *lat, int32_t doy, double *daylength_h,
                            double *photoperiod_h);

#endif
