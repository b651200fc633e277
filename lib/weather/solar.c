/* Solar geometry helpers: FAO-56 (Allen et al. 1998) chapter 3, equations 21-25 and 34. */
#include <math.h>

#include "agrosim/weather.h"
#include "weather/solar_internal.h"

#define PI 3.14159265358979323846

/* Solar declination, rad (FAO-56 eq. 24). */
static double declination(int32_t doy) { return 0.409 * sin(2.0 * PI * doy / 365.0 - 1.39); }

/* Hour angle (rad) at which the sun's centre is @p alt_deg above the horizon, from the sine
 * and cosine of latitude and declination; clamped for the polar day/night (generalises
 * FAO-56 eq. 25, which is the case alt = 0). */
static inline double hour_angle_sc(double sin_phi, double cos_phi, double sin_dec, double cos_dec,
                                   double alt_deg)
{
    double c = (sin(alt_deg * PI / 180.0) - sin_phi * sin_dec) / (cos_phi * cos_dec);
    if (c >= 1.0)
        return 0.0;
    if (c <= -1.0)
        return PI;
    return acos(c);
}

static double hour_angle(double lat_deg, int32_t doy, double alt_deg)
{
    double phi = lat_deg * PI / 180.0, dec = declination(doy);
    return hour_angle_sc(sin(phi), cos(phi), sin(dec), cos(dec), alt_deg);
}

/* A latitude on the globe and a day of some year: the formulas are periodic in the day, so day
   0 or 400 gave another day's value without a word. */
static int solar_args_ok(double latitude_deg, int32_t doy)
{
    return isfinite(latitude_deg) && latitude_deg >= -90.0 && latitude_deg <= 90.0 && doy >= 1 &&
           doy <= 366;
}

double agro_daylength_h(double latitude_deg, int32_t doy)
{
    if (!solar_args_ok(latitude_deg, doy))
        return NAN;
    return 24.0 / PI * hour_angle(latitude_deg, doy, 0.0); /* FAO-56 eq. 34 */
}

double agro_photoperiod_h(double latitude_deg, int32_t doy)
{
    if (!solar_args_ok(latitude_deg, doy))
        return NAN;
    /* civil twilight: sun 6 degrees below the horizon (CERES photoperiod, DSSAT TWILIGHT/DAYLEN) */
    return 24.0 / PI * hour_angle(latitude_deg, doy, -6.0);
}

void agro_solar_lat_init(double latitude_deg, agro_solar_lat *out)
{
    double phi = latitude_deg * PI / 180.0;
    out->valid = isfinite(latitude_deg) && latitude_deg >= -90.0 && latitude_deg <= 90.0;
    out->sin_phi = sin(phi);
    out->cos_phi = cos(phi);
}

void agro_solar_day_lengths(const agro_solar_lat *lat, int32_t doy, double *daylength_h,
                            double *photoperiod_h)
{
    if (!lat->valid) {
        if (daylength_h) *daylength_h = NAN;
        if (photoperiod_h) *photoperiod_h = NAN;
        return;
    }
    /* the same operations as agro_daylength_h and agro_photoperiod_h, with the latitude
       terms computed once and the declination shared (identical results); an output not
       asked for saves its acos */
    double dec = declination(doy), sd = sin(dec), cd = cos(dec);
    if (daylength_h)
        *daylength_h = 24.0 / PI * hour_angle_sc(lat->sin_phi, lat->cos_phi, sd, cd, 0.0);
    if (photoperiod_h)
        *photoperiod_h = 24.0 / PI * hour_angle_sc(lat->sin_phi, lat->cos_phi, sd, cd, -6.0);
}

double agro_extraterrestrial_radiation(double latitude_deg, int32_t doy)
{
    if (!solar_args_ok(latitude_deg, doy))
        return NAN;
    const double gsc = 0.0820; /* solar constant, MJ/m2/min (FAO-56) */
    double phi = latitude_deg * PI / 180.0, dec = declination(doy);
    double dr = 1.0 + 0.033 * cos(2.0 * PI * doy / 365.0); /* FAO-56 eq. 23 */
    double ws = hour_angle(latitude_deg, doy, 0.0);        /* FAO-56 eq. 25 */
    /* FAO-56 eq. 21 */
    double ra = 24.0 * 60.0 / PI * gsc * dr *
                (ws * sin(phi) * sin(dec) + cos(phi) * cos(dec) * sin(ws));
    return ra > 0.0 ? ra : 0.0;
}
