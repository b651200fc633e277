/**
 * @file weather.h
 * @brief Daily weather: DSSAT .WTH and CSV readers, a stochastic generator (WGEN/SIMMETEO
 *        family) driven by monthly climate normals, and solar helpers (FAO-56).
 */
#ifndef AGROSIM_WEATHER_H
#define AGROSIM_WEATHER_H

#include "agrosim/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One day of weather. Optional fields are NaN when the source does not provide them. */
typedef struct agro_weather_day {
    int32_t year;        /**< calendar year */
    int32_t doy;         /**< day of year, 1..366 */
    double srad_MJ_m2_d; /**< global solar radiation, MJ/m²/d */
    double tmax_C;       /**< maximum air temperature, °C */
    double tmin_C;       /**< minimum air temperature, °C */
    double rain_mm;      /**< precipitation, mm/d */
    double tdew_C;       /**< dew-point temperature, °C (optional, NaN if absent) */
    double wind_km_d;    /**< wind run at WNDHT, km/d (optional) */
    double rhum_pct;     /**< mean relative humidity, % (optional) */
    double par_mol_m2_d; /**< photosynthetically active radiation, mol/m²/d (optional) */
    double vprs_kPa;     /**< vapour pressure, kPa (optional) */
} agro_weather_day;

/** Station metadata and a summary of a loaded series. */
typedef struct agro_weather_info {
    double latitude_deg;  /**< decimal degrees, north positive */
    double longitude_deg; /**< decimal degrees, east positive */
    double elevation_m;   /**< m above sea level (NaN if unknown) */
    double tav_C;         /**< long-term mean air temperature, °C (computed from the days if absent;
                               20, DSSAT IPWTH's default, when no day has TMAX and TMIN; for
                               generated weather the site normals' mean) */
    double amp_C;         /**< amplitude of monthly means (max - min), °C (computed if absent;
                               5, DSSAT IPWTH's default, when no day has TMAX and TMIN; for
                               generated weather the site normals') */
    double refht_m;       /**< height of temperature measurement, m */
    double wndht_m;       /**< height of wind measurement, m */
    int32_t n_days;       /**< number of days in the series */
    int32_t n_missing;    /**< number of missing daily values (-99, NA, unreadable) in the file */
    int32_t first_year;   /**< calendar year of the first day */
    int32_t first_doy;    /**< day of year (1..366) of the first day */
    int32_t last_year;    /**< calendar year of the last day */
    int32_t last_doy;     /**< day of year (1..366) of the last day */
    int32_t n_substituted; /**< values the reader replaced as DSSAT does (.WTH: SRAD below
                                0.1 MJ/m²/d run as 0.1, DailyWeatherCheck); 0 for CSV */
    int32_t n_bad_days;    /**< .WTH days loaded with values DSSAT's DailyWeatherCheck stops on
                                (SRAD outside 0..100 MJ/m²/d, RAIN below 0, TMIN above TMAX,
                                TMAX and TMIN both 0.00 °C), kept as read:
                                agro_weather_check() refuses them; 0 for CSV */
} agro_weather_info;

/** Opaque daily weather series (one station). Nothing changes it after it is loaded or
 *  generated: several threads may read one series at once (several fields or seasons driven
 *  by it), as long as none frees it meanwhile. */
typedef struct agro_weather agro_weather;

/** Bytes of a station name with its NUL: names of up to 255 characters (a file name's length,
 *  so a series named after its file always fits). A longer name (WTH INSI, CSV `# station=`,
 *  the @p station of agro_weather_generate) is AGRO_ERANGE naming the file, line and field,
 *  never cut. */
#define AGRO_WEATHER_STATION_MAX 256

/**
 * Load a DSSAT .WTH file.
 *
 * - Header `@ INSI LAT LONG ELEV TAV AMP REFHT WNDHT ...`: any subset and order; absent or
 *   -99 values: elevation NaN, TAV/AMP computed from the data, REFHT 1.5 m and WNDHT 2.0 m
 *   (the DSSAT defaults, IPWTH).
 * - Daily header `@DATE SRAD TMAX TMIN RAIN [DEWP|TDEW WIND PAR RHUM VPRS|VAPR ...]`: columns
 *   in any order, read by position under their header name as DSSAT does (fixed width, right
 *   aligned), so blank optional cells are absent (NaN). Unknown columns are ignored.
 * - Dates YYDDD or YYYYDDD. The first YYDDD line takes DSSAT's cross-over year (YY <= 35 →
 *   20YY, else 19YY; Y4K_DOY), every later one the century of the line before, the next
 *   century only after a year xx99 (DSSAT's Y2K_DOYW): 35365 then 36001 is 2036-001, 98365
 *   then 01001 goes backwards (1901). (The DSSAT runner places the first line by the season's
 *   start instead, as DSSAT's IpWRec; docs/formats.md.) Dates must increase strictly: a date
 *   that repeats or goes backwards is AGRO_EORDER naming the file, line and DATE (gaps are
 *   allowed; agro_weather_check() refuses them).
 * - Lines starting with `!`, `*`, `$` and blank lines are skipped. A line ends in LF, CRLF or
 *   a lone CR (a CR cannot stand inside a line); a trailing Ctrl-Z is ignored.
 * - Missing values: -99 (any value <= -99), and for quantities that cannot be negative (SRAD,
 *   RAIN, WIND, PAR, RHUM, VPRS) also the legacy all-nines fill -9.9. They are counted in
 *   agro_weather_info.n_missing and stored as NaN; an unreadable optional cell is treated the
 *   same way. A day missing a REQUIRED value stays in the series (the file loads), but
 *   agro_weather_check() fails on it, naming file, line and column.
 * - Substituted as DSSAT-CSM 4.8's DailyWeatherCheck does (Weather/IPWTH_alt.for): a SRAD below
 *   0.1 MJ/m²/d (0 on a dark day) is stored as 0.1, counted in agro_weather_info.n_substituted.
 * - Loaded but refused by agro_weather_check(), as DSSAT reads the records unchecked and its
 *   DailyWeatherCheck stops only on a day it simulates: a day with SRAD below 0 or above
 *   100 MJ/m²/d, RAIN below 0, TMIN above TMAX (values kept as read), or TMAX and TMIN both
 *   rounding to 0.00 °C (DSSAT's pattern of a missing pair); counted in
 *   agro_weather_info.n_bad_days, and left out of a TAV and AMP computed from the days when
 *   the pair is crossed or both 0.00 °C.
 * - Errors (AGRO_E*, message "FILE:LINE: FIELD: what (value)"): missing/empty file, no daily
 *   header or a required column absent, truncated line, non-numeric or non-finite required
 *   value, impossible date, date going backwards or repeated, station value out of range.
 * - These are DSSAT's limits. A field's step takes less (agro_field_step: SRAD at most
 *   50 MJ/m²/d, TMAX −60..70 °C, TMIN −70..60 °C, RAIN at most 2000 mm, WIND, PAR, VPRS ≥ 0,
 *   RHUM 0..100 %): such a day loads, and a run that reaches it stops naming this file and the
 *   day's line (agro_weather_day_source; docs/formats.md "Weather values a run refuses").
 * - On success *@p out is a new series the caller owns and frees with agro_weather_free();
 *   on failure it is NULL. AGRO_EINVAL for a NULL @p out or @p path.
 * - A cancel request on @p ctx (agro_ctx_cancel()) is checked before the file is read and every
 *   4096 lines while it is parsed (a 9000-year file takes seconds): AGRO_ECANCELED, "FILE:
 *   cancelled before reading" or "FILE: cancelled before line N", no series, nothing kept.
 */
AGRO_API int agro_weather_load_wth(agro_ctx *ctx, const char *path, agro_weather **out);
/**
 * Load the agrosim CSV format (docs/formats.md, "Weather CSV"): header line with columns
 * `date,srad_MJ_m2_d,tmax_C,tmin_C,rain_mm` in any order and optional `wind_m_s,rhum_pct,
 * tdew_C,par_mol_m2_d,vprs_kPa`; date as ISO YYYY-MM-DD; `#` comment lines may carry
 * `# latitude_deg=..`, `# longitude_deg=..`, `# elevation_m=..`, `# station=..`; lines end in
 * LF, CRLF or a lone CR, as in the .WTH reader. Missing
 * values (empty, NA, <= -99) follow the same policy as agro_weather_load_wth(); errors too, and
 * besides them TMIN > TMAX, negative rain and SRAD outside 0..100 refuse the file at load (the
 * .WTH reader defers them to agro_weather_check() as DSSAT does; this is agrosim's own format,
 * where such a value is a mistake of whatever wrote the file: docs/formats.md). *@p out as
 * agro_weather_load_wth() gives it (the caller's, freed with agro_weather_free(); NULL on failure),
 * and a cancel request stops it as it stops agro_weather_load_wth() (AGRO_ECANCELED).
 */
AGRO_API int agro_weather_load_csv(agro_ctx *ctx, const char *path, agro_weather **out);
/** Load by extension: .WTH/.wth/.WTG/.wtg → DSSAT, .csv/.CSV → CSV; other names: AGRO_EFORMAT;
 *  AGRO_EINVAL for a NULL @p path or @p out. *@p out as the reader gives it (freed with
 *  agro_weather_free(); NULL on failure). */
AGRO_API int agro_weather_load(agro_ctx *ctx, const char *path, agro_weather **out);
/** Free; NULL is a no-op. */
AGRO_API void agro_weather_free(agro_weather *w);

/** Copy the station metadata and series summary into @p out. AGRO_EINVAL on NULL. */
AGRO_API int agro_weather_get_info(const agro_weather *w, agro_weather_info *out);
/** Station code/name (NUL-terminated); AGRO_EINVAL for a NULL @p w or @p buf or @p n 0;
 *  AGRO_ERANGE when @p n is too small for it (an AGRO_WEATHER_STATION_MAX buffer always holds
 *  it), @p buf then holds as much as fits. */
AGRO_API int agro_weather_get_station(const agro_weather *w, char *buf, size_t n);
/** Day @p index (0-based). AGRO_EINVAL for a NULL argument; AGRO_ERANGE outside the series. */
AGRO_API int agro_weather_get_day(const agro_weather *w, int32_t index, agro_weather_day *out);
/** Index of (year, doy); AGRO_EINVAL for a NULL argument; AGRO_ERANGE for a @p doy its year
 *  lacks (0, 366 of a common year, 400: never the index of the day it would wrap onto);
 *  AGRO_ENOTFOUND if the series does not contain it. */
AGRO_API int agro_weather_find(const agro_weather *w, int32_t year, int32_t doy, int32_t *index);
/** Bytes of the text agro_weather_day_source() writes, with its NUL: a buffer of this size always
 *  holds it (a file name of up to 511 characters and its line, or a station name of up to 255). */
#define AGRO_WEATHER_SOURCE_MAX 640
/**
 * Where day @p index of @p w comes from, for a message about that day: "FILE:LINE" for a day read
 * from a file (the file as the reader was given it; LINE from 1), "generated weather, station
 * NAME, YYYY-DDD" for a day of agro_weather_generate(). A field refuses some days that the
 * readers load (agro_field_step: SRAD above 50 MJ/m²/d, TMAX outside −60..70 °C, rain above
 * 2000 mm …) and its message names the value and the date but no file; the runners
 * (agro_season_run, the DSSAT runner, scenarios) put this text before it, and a program that
 * steps a field through a series itself can do the same.
 * @return AGRO_OK; AGRO_EINVAL for a NULL @p w or @p buf or @p n 0; AGRO_ERANGE for an
 *         @p index outside the series (@p buf then empty) or a @p buf too small for the text
 *         (it then holds as much as fits).
 */
AGRO_API int agro_weather_day_source(const agro_weather *w, int32_t index, char *buf, size_t n);
/** Direct read-only access to the contiguous day array (agro_weather_info.n_days long, in date
 *  order), owned by @p w: valid until agro_weather_free(@p w). NULL for a NULL @p w. */
AGRO_API const agro_weather_day *agro_weather_days(const agro_weather *w);
/** Write the series in the agrosim CSV format (to a temporary file renamed into place); a .WTH
 *  value agro_weather_check() refuses is written NA, so its day loads and stays refused.
 *  @return AGRO_OK; AGRO_EINVAL for a NULL @p w or @p path; AGRO_EIO naming the file and the
 *  system's reason (the old file, if any, is kept); AGRO_ECANCELED, the old file kept and no
 *  temporary file left, when a cancel request is pending on @p ctx (agro_ctx_cancel()) before
 *  the write, before a year's rows (a row of 1 January) or before the rename. */
AGRO_API int agro_weather_write_csv(agro_ctx *ctx, const agro_weather *w, const char *path);
/**
 * Check that days [@p first, @p first + @p n) can drive a simulation: every required value
 * (SRAD, TMAX, TMIN, RAIN) present, no .WTH day with a value DSSAT's DailyWeatherCheck stops on
 * (SRAD outside 0..100, RAIN below 0, TMIN above TMAX, TMAX and TMIN both 0.00 °C), no day
 * (.WTH or CSV) with an optional value no air has (WIND, PAR or VPRS below 0, RHUM outside
 * 0..100 %, which the field's step refuses too; a dew point above TMAX passes, as in DSSAT's own
 * files), and the dates consecutive. Call it before stepping a model over a season (DSSAT checks each simulated
 * day the same way, DailyWeatherCheck); agro_season_run and the scenario and DSSAT runners
 * call it on the days they run. The field's narrower ranges are not checked here:
 * agro_field_step applies them (agro_weather_day_source names a refused day's line).
 * @return AGRO_OK, AGRO_ERANGE (range outside the series, or a bad value naming every bad
 *         column: "FILE:LINE: TMIN: above TMAX (12.3 > 10.1 C) on 1999-01-22: ...",
 *         "FILE:LINE: TMAX, TMIN: both 0.00 C on ...", "FILE:LINE: WIND: negative (-3) on
 *         2020-01-02: no wind run is below 0", a CSV's column and unit: "wind_m_s"), AGRO_EMISSING (a required value missing:
 *         "FILE:LINE: TMIN: missing value on 1999-01-22") or AGRO_EORDER (a gap).
 */
AGRO_API int agro_weather_check(agro_ctx *ctx, const agro_weather *w, int32_t first, int32_t n);

/** Monthly climate normals of a site (the generator's input). */
typedef struct agro_site {
    double latitude_deg;       /**< decimal degrees, north positive */
    double longitude_deg;      /**< decimal degrees, east positive */
    double elevation_m;        /**< m above sea level (clear-sky radiation, FAO-56 eq. 37) */
    double krs;                /**< Hargreaves radiation coefficient, °C^−0.5 (0.16 inland, 0.19 coastal; FAO-56 eq. 50) */
    double tmax_C[12];         /**< monthly mean daily maximum, °C */
    double tmin_C[12];         /**< monthly mean daily minimum, °C */
    double rain_mm[12];        /**< monthly total precipitation, mm */
    double rain_days[12];      /**< mean number of wet days per month */
    double srad_MJ_m2_d[12];   /**< monthly mean radiation, MJ/m²/d (NaN: Hargreaves from T) */
} agro_site;

/**
 * Load a site file (JSON, models/sites/, format in docs/formats.md "Site JSON"). The station
 * name (at most 63 characters in the file) is copied into @p name (@p n bytes, may be NULL/0;
 * AGRO_ERANGE naming "station" if it does not fit: 64 bytes always do). Unknown keys, missing `source`
 * strings and out-of-range values fail with "FILE:LINE: json.path: what".
 * @return AGRO_OK; AGRO_EINVAL for a NULL @p out; the reader's AGRO_EIO, AGRO_EFORMAT,
 *         AGRO_EKEY, AGRO_EMISSING or AGRO_ERANGE naming the file, line and JSON path.
 */
AGRO_API int agro_site_load(agro_ctx *ctx, const char *path, agro_site *out, char *name, size_t n);
/**
 * Generate @p n_years (1..10000) of daily weather starting on 1 January of @p first_year with
 * the WGEN/SIMMETEO method (DSSAT WGEN.for): Markov-chain rain occurrence (PDW = 0.75 PW),
 * gamma rain depths, Tmax/Tmin/radiation residuals with the WGEN lag-1 serial and cross
 * correlation, wet/dry-day means. Monthly normals are interpolated to days by a
 * mean-preserving curve so the generated monthly means reproduce them; without radiation
 * normals, radiation is Hargreaves (FAO-56 eq. 50) capped at clear-sky Rso. Only SRAD, TMAX,
 * TMIN and RAIN are generated (optional fields NaN); the info's TAV and AMP are the normals'
 * (agro_weather_info), as DSSAT's WGEN reads a climate file's. @p seed feeds a private GSL mt19937
 * stream: the same seed gives the same bits. mt19937 takes a 32-bit seed: one below 2^32 is
 * used as given (0 is GSL's default seed 4357, so seeds 0 and 4357 give the same series), one
 * above is its low half plus a hash of its high half (MurmurHash3's fmix32), mod 2^32, so
 * consecutive seeds give distinct series and k·2^32 + m not that of m (there are 2^32 series:
 * far-apart seeds may share one; 2^32 gives that of 1364076727). @p station
 * names the series (NULL or "": "GEN"; more than 255 characters: AGRO_ERANGE naming "station").
 * @return AGRO_OK, *@p out a new series the caller frees with agro_weather_free(); AGRO_EINVAL
 *         for a NULL @p site or @p out; AGRO_ERANGE naming the site field (and month) outside its
 *         range, "years" or "first_year"; AGRO_EMISSING; AGRO_ENOMEM. A site filled in code is held
 *         to the ranges of a site file for its location and rain (latitude −90..90, longitude
 *         −180..180, elevation −500..9000 m, rain 0..3000 mm and 0..31 wet days a month, rain and
 *         wet days both 0 or both > 0), tmin <= tmax within ±90 °C (a site file's −70..60: wider,
 *         so that a program may generate days a field refuses), krs (0, 0.3] and radiation
 *         normals in (0, 50) MJ/m²/d or all NaN. AGRO_ECANCELED, no series, when a cancel
 *         request is pending on @p ctx before a year (agro_ctx_cancel()).
 */
AGRO_API int agro_weather_generate(agro_ctx *ctx, const agro_site *site, const char *station,
                                   int32_t first_year, int32_t n_years, uint64_t seed,
                                   agro_weather **out);

/** Astronomical day length, h (FAO-56 eq. 34); 0 or 24 in polar night/day; NaN if |lat| > 90
 *  or not finite, or @p doy outside 1..366. */
AGRO_API double agro_daylength_h(double latitude_deg, int32_t doy);
/** Extraterrestrial radiation Ra, MJ/m²/d (FAO-56 eqs. 21-25), for latitude in degrees (north +);
 *  NaN if |lat| > 90 or not finite, or @p doy outside 1..366. */
AGRO_API double agro_extraterrestrial_radiation(double latitude_deg, int32_t doy);
/** Day length including civil twilight (sun 6° below horizon), h — CERES photoperiod; NaN if
 *  |lat| > 90 or not finite, or @p doy outside 1..366. */
AGRO_API double agro_photoperiod_h(double latitude_deg, int32_t doy);

/** sizeof(agro_weather_day), bytes, for binding layout checks. */
AGRO_API size_t agro_sizeof_weather_day(void);
/** sizeof(agro_weather_info), bytes. */
AGRO_API size_t agro_sizeof_weather_info(void);
/** sizeof(agro_site), bytes. */
AGRO_API size_t agro_sizeof_site(void);

#ifdef __cplusplus
}
#endif
#endif
