/*
 * Potential evapotranspiration: Priestley–Taylor as DSSAT PETPT, FAO-56 Penman–Monteith
 * reference ET0, and the partition of PET into soil evaporation and transpiration.
 *
 * Sources: DSSAT-CSM v4.8 SPAM/PET.for (PETPT, Ritchie 1985/1998), SPAM/SOILEV.for (PSE),
 * SPAM/TRANS.for; Priestley & Taylor 1972 Mon. Weather Rev. 100:81–92; Allen, Pereira,
 * Raes & Smith 1998, FAO Irrigation and Drainage Paper 56 (equation numbers below).
 */
#include <math.h>

#include "agrosim/soil_water.h"
#include "internal/error.h"
#include "water_internal.h"

static int finite_or_fail(agro_ctx *ctx, const char *field, double v)
{
    if (!isfinite(v))
        return agro_fail(ctx, AGRO_ENUMERIC, NULL, 0, field, "non-finite value (%g)", v);
    return AGRO_OK;
}

/* The weather readers' limits (DSSAT DailyWeatherCheck: SRAD 0..100, TMIN <= TMAX) and air
 * temperatures a day can have, so that no finite input gives an infinite PET; both PET methods. */
static int check_weather_ranges(agro_ctx *ctx, const agro_weather_day *w)
{
    if (w->srad_MJ_m2_d < 0.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "SRAD", "negative radiation (%g)",
                         w->srad_MJ_m2_d);
    if (w->srad_MJ_m2_d > 100.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "SRAD", "radiation %g MJ/m2/d above 100",
                         w->srad_MJ_m2_d);
    if (w->tmax_C < -90.0 || w->tmax_C > 70.0 || w->tmin_C < -90.0 || w->tmin_C > w->tmax_C)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "TMIN",
                         "temperatures TMIN %g, TMAX %g C outside -90 <= TMIN <= TMAX <= 70",
                         w->tmin_C, w->tmax_C);
    return AGRO_OK;
}

AGRO_API int agro_pet_priestley_taylor(agro_ctx *ctx, const agro_weather_day *w,
                                       double soil_albedo, double lai, double *eo_mm)
{
    if (w == NULL || eo_mm == NULL)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "pet", "NULL argument");
    int st;
    if ((st = finite_or_fail(ctx, "SRAD", w->srad_MJ_m2_d)) != 0) return st;
    if ((st = finite_or_fail(ctx, "TMAX", w->tmax_C)) != 0) return st;
    if ((st = finite_or_fail(ctx, "TMIN", w->tmin_C)) != 0) return st;
    if ((st = finite_or_fail(ctx, "SALB", soil_albedo)) != 0) return st;
    if ((st = finite_or_fail(ctx, "LAI", lai)) != 0) return st;
    if ((st = check_weather_ranges(ctx, w)) != 0) return st;
    if (soil_albedo < 0.0 || soil_albedo > 1.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "SALB", "albedo outside [0, 1] (%g)",
                         soil_albedo);
    if (lai < 0.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "LAI", "negative leaf area index (%g)", lai);
    *eo_mm = agro_pet_priestley_taylor_unchecked(w, soil_albedo, lai);
    return AGRO_OK;
}

double agro_pet_priestley_taylor_unchecked(const agro_weather_day *w, double soil_albedo,
                                           double lai)
{
    const double tmax = w->tmax_C, tmin = w->tmin_C;
    /* daytime temperature weighting TD = 0.6 TMAX + 0.4 TMIN (DSSAT PETPT) */
    const double td = 0.60 * tmax + 0.40 * tmin;
    /* surface albedo from soil (SALB) to crop (0.23) with LAI (DSSAT PETPT) */
    const double albedo = lai <= 0.0 ? soil_albedo : 0.23 - (0.23 - soil_albedo) * exp(-0.75 * lai);
    /* radiation in langley/d (1 MJ/m² = 23.923 cal/cm²) */
    const double slang = w->srad_MJ_m2_d * 23.923;
    /* equilibrium evaporation, mm/d (Priestley & Taylor 1972 as fitted in DSSAT PETPT) */
    const double eeq = slang * (2.04e-4 - 1.83e-4 * albedo) * (td + 29.0);
    double eo = eeq * 1.1;
    /* advection above 35 °C and reduced demand below 5 °C (DSSAT PETPT) */
    if (tmax > 35.0)
        eo = eeq * ((tmax - 35.0) * 0.05 + 1.1);
    else if (tmax < 5.0)
        eo = eeq * 0.01 * exp(0.18 * (tmax + 20.0));
    /* DSSAT floor of 0.0001 mm/d */
    return eo > 0.0001 ? eo : 0.0001;
}

AGRO_API double agro_soil_surface_albedo(double soil_albedo, double sw1, double dul1,
                                         double mulch_cover)
{
    /* (a cover outside [0, 1] is no fraction: 1.5 gave 0.633, −1 a negative albedo) */
    if (!isfinite(soil_albedo) || !isfinite(sw1) || !isfinite(dul1) || !(mulch_cover >= 0.0) ||
        !(mulch_cover <= 1.0))
        return NAN;
    /* wetter soil is darker (DSSAT SOILDYN.for ALBEDO_avg, CHP 2006); with DUL1 at 0.03 the
       quotient's limit */
    const double span = dul1 - 0.03;
    double ff = span != 0.0 ? (sw1 - 0.03) / span : (sw1 > 0.03 ? 2.0 : 0.0);
    if (ff < 0.0) ff = 0.0;
    if (ff > 2.0) ff = 2.0;
    const double swalb = soil_albedo * (1.0 - 0.45 * ff);
    /* the mulch's own albedo, 0.45 (DSSAT MULCHLAYER.for) */
    return mulch_cover * 0.45 + (1.0 - mulch_cover) * swalb;
}

/* Saturation vapour pressure, kPa (FAO-56 eq. 11) */
static double esat_kpa(double t_C) { return 0.6108 * exp(17.27 * t_C / (t_C + 237.3)); }

AGRO_API int agro_pet_penman_monteith(agro_ctx *ctx, const agro_weather_day *w,
                                      double latitude_deg, double elevation_m,
                                      double wind_height_m, double *eto_mm)
{
    if (w == NULL || eto_mm == NULL)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "pet", "NULL argument");
    int st;
    if ((st = finite_or_fail(ctx, "SRAD", w->srad_MJ_m2_d)) != 0) return st;
    if ((st = finite_or_fail(ctx, "TMAX", w->tmax_C)) != 0) return st;
    if ((st = finite_or_fail(ctx, "TMIN", w->tmin_C)) != 0) return st;
    if ((st = finite_or_fail(ctx, "latitude_deg", latitude_deg)) != 0) return st;
    if (fabs(latitude_deg) > 90.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "latitude_deg", "outside [-90, 90] (%g)",
                         latitude_deg);
    if (w->doy < 1 || w->doy > 366)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "doy", "day of year outside 1..366 (%d)",
                         (int)w->doy);
    if ((st = check_weather_ranges(ctx, w)) != 0) return st;
    /* (NaN: sea level, documented; the pressure of eq. 7 vanishes at 45 km) */
    if (isinf(elevation_m) || elevation_m < -1000.0 || elevation_m > 9000.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "elevation_m", "outside [-1000, 9000] m (%g)",
                         elevation_m);
    /* eq. 47 needs ln(67.8 z − 5.42) > 0, z > 0.095 m (at 0.085 m ET0 came out 0, below 0.08 m
       NaN): a measurement height from 0.1 m (NaN or <= 0: 2 m, documented) */
    if (isinf(wind_height_m) || (wind_height_m > 0.0 && wind_height_m < 0.1) ||
        wind_height_m > 100.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "wind_height_m",
                         "outside [0.1, 100] m (%g)", wind_height_m);
    /* missing-data rule: no wind or no humidity → the caller uses Priestley–Taylor */
    if (isnan(w->wind_km_d))
        return agro_fail(ctx, AGRO_EMISSING, NULL, 0, "WIND", "wind run missing");
    if (isnan(w->tdew_C) && isnan(w->vprs_kPa) && isnan(w->rhum_pct))
        return agro_fail(ctx, AGRO_EMISSING, NULL, 0, "TDEW",
                         "no humidity (TDEW, VPRS or RHUM) available");
    if (!isfinite(w->wind_km_d) || w->wind_km_d < 0.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "WIND", "invalid wind run (%g)", w->wind_km_d);

    const double z = isfinite(elevation_m) ? elevation_m : 0.0;
    const double h = (isfinite(wind_height_m) && wind_height_m > 0.0) ? wind_height_m : 2.0;
    const double tmax = w->tmax_C, tmin = w->tmin_C;
    const double tmean = 0.5 * (tmax + tmin);                        /* FAO-56 eq. 9 */
    const double pres = 101.3 * pow((293.0 - 0.0065 * z) / 293.0, 5.26); /* eq. 7, kPa */
    const double gamma = 0.665e-3 * pres;                            /* eq. 8, kPa/°C */
    const double es = 0.5 * (esat_kpa(tmax) + esat_kpa(tmin));       /* eq. 12 */
    const double delta = 4098.0 * esat_kpa(tmean) / ((tmean + 237.3) * (tmean + 237.3)); /* eq. 13 */
    double ea;
    if (isfinite(w->tdew_C)) {
        /* the air cannot hold more vapour than at the day's maximum temperature */
        if (w->tdew_C < -90.0 || w->tdew_C > w->tmax_C)
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "TDEW",
                             "dew point %g C outside [-90, TMAX %g]", w->tdew_C, w->tmax_C);
        ea = esat_kpa(w->tdew_C);                                    /* eq. 14 */
    } else if (isfinite(w->vprs_kPa)) {
        ea = w->vprs_kPa;
    } else {
        if (!isfinite(w->rhum_pct) || w->rhum_pct < 0.0 || w->rhum_pct > 100.0)
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "RHUM", "relative humidity outside "
                             "[0, 100] (%g)", w->rhum_pct);
        ea = w->rhum_pct / 100.0 * es;                               /* eq. 19 */
    }
    if (ea < 0.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "VPRS", "negative vapour pressure (%g)", ea);
    /* wind at 2 m from wind run at height h (eq. 47), m/s */
    const double uz = w->wind_km_d / 86.4;
    const double u2 = uz * 4.87 / log(67.8 * h - 5.42);
    /* radiation terms, MJ/m²/d */
    const double ra = agro_extraterrestrial_radiation(latitude_deg, w->doy); /* eq. 21 */
    const double rso = (0.75 + 2e-5 * z) * ra;                       /* eq. 37 */
    const double rns = (1.0 - 0.23) * w->srad_MJ_m2_d;               /* eq. 38 */
    double rel = rso > 0.0 ? w->srad_MJ_m2_d / rso : 1.0;
    if (rel > 1.0) rel = 1.0;
    const double tk4 = 0.5 * (pow(tmax + 273.16, 4.0) + pow(tmin + 273.16, 4.0));
    const double rnl = 4.903e-9 * tk4 * (0.34 - 0.14 * sqrt(ea)) * (1.35 * rel - 0.35); /* eq. 39 */
    const double rn = rns - rnl;                                     /* eq. 40 */
    const double g = 0.0;                                            /* eq. 42, daily */
    double et0 = (0.408 * delta * (rn - g) + gamma * 900.0 / (tmean + 273.0) * u2 * (es - ea)) /
                 (delta + gamma * (1.0 + 0.34 * u2));                /* eq. 6 */
    if (!isfinite(et0))
        return agro_fail(ctx, AGRO_ENUMERIC, NULL, 0, "ET0", "non-finite result (%g)", et0);
    *eto_mm = et0 > 0.0 ? et0 : 0.0;
    return AGRO_OK;
}

AGRO_API int agro_pet_partition(agro_ctx *ctx, double eo_mm, double lai, double kep,
                                double *eos_mm, double *eop_mm)
{
    if (!isfinite(eo_mm) || !isfinite(lai) || !isfinite(kep)) {
        const char *name = !isfinite(eo_mm) ? "eo_mm" : !isfinite(lai) ? "lai" : "kep";
        const double v = !isfinite(eo_mm) ? eo_mm : !isfinite(lai) ? lai : kep;
        return agro_fail(ctx, AGRO_ENUMERIC, NULL, 0, name, "must be finite (%g)", v);
    }
    if (eo_mm < 0.0) return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "eo_mm", "must be >= 0 mm/d (%g)", eo_mm);
    if (lai < 0.0) return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "lai", "must be >= 0 m2/m2 (%g)", lai);
    if (kep <= 0.0) return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "kep", "must be > 0 (%g)", kep);
    /* energy reaching the soil: EOS = EO·exp(−KEP·LAI) (DSSAT SOILEV.for PSE with KSEVAP);
       transpiration demand EOP = EO·(1 − exp(−KEP·LAI)) (DSSAT TRANS.for, FDINT) */
    const double f = exp(-kep * lai);
    if (eos_mm) *eos_mm = eo_mm * f;
    if (eop_mm) *eop_mm = eo_mm * (1.0 - f);
    return AGRO_OK;
}

/* Leaf stomatal resistance of a C4 crop at CO2 @p c, s/m: Allen (1986) eq. 7 for maize plus the
   boundary-layer resistance RB = 10 s/m (DSSAT TRANS.for TRATIO) */
static double c4_leaf_resistance(double c) { return 1.0 / (0.0328 - 5.49e-5 * c + 2.96e-8 * c * c) + 10.0; }

/* canopy resistance at the FAO-56 reference LAI 2.88 (RL = RLF/(0.5·2.88)), CHP/JWJ 2011 in
   TRANS.for */
double agro_transpiration_c4_canopy_resistance(double co2_ppm)
{
    return c4_leaf_resistance(co2_ppm) / 1.44;
}

AGRO_API double agro_transpiration_co2_ratio_c4(double co2_ppm, double tavg_C, double wind_km_d,
                                                double lai)
{
    if (!isfinite(co2_ppm) || !isfinite(tavg_C) || !isfinite(lai) || co2_ppm < 0.0 ||
        co2_ppm > 5000.0)
        return NAN;
    return agro_transpiration_co2_ratio_c4_rlc(agro_transpiration_c4_canopy_resistance(co2_ppm),
                                               tavg_C, wind_km_d, lai);
}

double agro_transpiration_co2_ratio_c4_rlc(double rlc, double tavg_C, double wind_km_d, double lai)
{
    if (lai < 0.01) return 1.0;
    const double windsp = isfinite(wind_km_d) && wind_km_d > 0.0 ? wind_km_d : 86.4;
    /* RL at 330 ppm; aerodynamic resistance RA = 208/u (FAO-56), CHP/JWJ 2011 in TRANS.for */
    const double rl = agro_transpiration_c4_canopy_resistance(330.0);
    const double ra = 208.0 / (windsp / 86.4);
    /* Δ = VPSLOP/100 hPa/K: VPSLOP = 18·(2501 − 2.373·T)·VPSAT/(8.314·(T + 273)²) Pa/K with
       VPSAT = 610.78·exp(17.269·T/(T + 237.3)) Pa (Brutsaert 1982; DSSAT HMET.for); γ =
       1013·1.005/(0.622·LHV), LHV = 2500.9 − 2.345·T (TRANS.for) */
    const double vpsat = 610.78 * exp(17.269 * tavg_C / (tavg_C + 237.3));
    const double delta = 18.0 * (2501.0 - 2.373 * tavg_C) * vpsat /
                         (8.314 * (tavg_C + 273.0) * (tavg_C + 273.0)) / 100.0;
    const double lhv = 2500.9 - 2.345 * tavg_C;
    const double gamma = 1013.0 * 1.005 / (lhv * 0.622);
    return (delta + gamma * (1.0 + rl / ra)) / (delta + gamma * (1.0 + rlc / ra));
}
