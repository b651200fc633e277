/*
 * Run one treatment of a DSSAT experiment: find and read its inputs in a DSSAT data folder
 * (Weather/, Soil/, Genotype/), map it to a field season and step the field day by day.
 *
 * The day loop follows agro_season_run (events on their dates before that day's step; stop at
 * harvest, maturity or the end date) and adds what DSSAT experiments need on top: weather
 * chained over several yearly .WTH files, environment modifications (growth chambers), and
 * automatic irrigation (DSSAT IRRIG.for: A, F, E, T by growth-stage rows, P, W).
 */
#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "agrosim/dssat.h"
#include "agrosim/soil_water.h"
#include "internal/c_locale.h"
#include "internal/dssat.h"
#include "internal/error.h"
#include "internal/schedule.h"
#include "internal/weather.h"

#define MAX_WTH 8
#define PATH_MAX_LEN 4096

typedef struct wth_chain {
    agro_weather *w[MAX_WTH];
    char path[MAX_WTH][PATH_MAX_LEN];
    int n;
} wth_chain;

static void chain_free(wth_chain *c)
{
    for (int i = 0; i < c->n; i++)
        agro_weather_free(c->w[i]);
    c->n = 0;
}

static int file_exists(const char *p)
{
    FILE *fp = fopen(p, "rb");
    if (!fp)
        return 0;
    fclose(fp);
    return 1;
}

static int chain_has(const wth_chain *c, const char *path)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->path[i], path) == 0)
            return 1;
    return 0;
}

/* The files a chain_load opens or probes, for agro_dssat_weather_inputs: @p in NULL for a
 * run; @p rc the first failure to list one (AGRO_ENOMEM), which ends the load */
typedef struct wth_probes {
    agro_dssat_inputs *in;
    int rc;
} wth_probes;

/* @p path listed in @p pr (when given) before the chain opens it, whether it exists or not */
static int probed(wth_probes *pr, const char *path)
{
    if (pr && !pr->rc)
        pr->rc = agro_dssat_inputs_add_file(NULL, pr->in, path, AGRO_DSSAT_INPUT_WEATHER);
    return pr ? pr->rc : AGRO_OK;
}

/* @p near: the first day the run needs from the file, which places a YYDDD file's years
 * (agro_weather_load_wth_near) */
static int chain_add(agro_ctx *ctx, wth_chain *c, const char *path, int32_t near,
                     wth_probes *pr)
{
    if (chain_has(c, path) || c->n >= MAX_WTH)
        return AGRO_OK;
    if (probed(pr, path))
        return pr->rc;
    int rc = agro_weather_load_wth_near(ctx, path, near, &c->w[c->n]);
    if (rc)
        return rc;
    snprintf(c->path[c->n], PATH_MAX_LEN, "%s", path);
    c->n++;
    return AGRO_OK;
}

static int chain_covers(const wth_chain *c, int32_t year, int32_t doy)
{
    int32_t idx;
    for (int i = 0; i < c->n; i++)
        if (agro_weather_find(c->w[i], year, doy, &idx) == AGRO_OK)
            return 1;
    return 0;
}

int agro_dssat_wth_file_covers(const char *nm, const char *wsta, int32_t y)
{
    if (strlen(nm) != 12 || strlen(wsta) < 4 || agro_ascii_ncasecmp(nm, wsta, 4) != 0 ||
        agro_ascii_casecmp(nm + 8, ".WTH") != 0 || !isdigit((unsigned char)nm[4]) ||
        !isdigit((unsigned char)nm[5]) || !isdigit((unsigned char)nm[6]) ||
        !isdigit((unsigned char)nm[7]))
        return 0;
    int yy = (nm[4] - '0') * 10 + (nm[5] - '0');
    int nn = (nm[6] - '0') * 10 + (nm[7] - '0');
    /* the file's first year in the century that puts it at or before y, as its records are
       placed (agro_weather_load_wth_near) */
    int y0 = (int)(y / 100 * 100) + yy;
    if (y0 > y)
        y0 -= 100;
    return y <= y0 + (nn > 0 ? nn : 1) - 1;
}

/*
 * Weather for station @p wsta from @p first to @p last (YEARDOY): DSSAT names files
 * SSSSYYNN.WTH (station, two-digit year of the first day, number of years); an 8-character
 * WSTA is a complete name. Years that have no file are left out: the loop fails only if the
 * season actually needs a missing day.
 */
static int chain_load(agro_ctx *ctx, wth_chain *c, const char *dir, const char *wsta,
                      int32_t first, int32_t last, wth_probes *pr)
{
    char path[PATH_MAX_LEN];
    int rc;
    size_t wl = strlen(wsta);
    if (wl < 4)
        return agro_fail(ctx, AGRO_EMISSING, NULL, 0, "WSTA",
                         "weather station code \"%s\" is shorter than 4 characters", wsta);
    if (wl >= 8) {
        snprintf(path, sizeof path, "%s/%.8s.WTH", dir, wsta);
        if (probed(pr, path))
            return pr->rc;
        if (file_exists(path) && (rc = chain_add(ctx, c, path, first, pr)))
            return rc;
    }
    for (int32_t y = first / 1000; y <= last / 1000; y++) {
        const int32_t near = y == first / 1000 ? first : y * 1000 + 1;
        if (chain_covers(c, y, near % 1000))
            continue;
        snprintf(path, sizeof path, "%s/%.4s%02d01.WTH", dir, wsta, (int)(y % 100));
        if (probed(pr, path))
            return pr->rc;
        if (file_exists(path)) {
            if ((rc = chain_add(ctx, c, path, near, pr)))
                return rc;
            continue;
        }
        /* a multi-year file of the station, SSSSYYNN.WTH covering years YY .. YY+NN-1 */
        DIR *d = opendir(dir);
        if (!d)
            return agro_fail(ctx, AGRO_EIO, dir, 0, NULL, "cannot open the weather folder");
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (!agro_dssat_wth_file_covers(de->d_name, wsta, y))
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            if (chain_has(c, path))
                continue;
            if ((rc = chain_add(ctx, c, path, near, pr))) {
                closedir(d);
                return rc;
            }
            if (chain_covers(c, y, near % 1000))
                break;
        }
        closedir(d);
    }
    if (c->n == 0)
        return agro_fail(ctx, AGRO_ENOTFOUND, dir, 0, "WSTA",
                         "no weather file for station %s (looked for %.4s%02d01.WTH)", wsta,
                         wsta, (int)((first / 1000) % 100));
    return AGRO_OK;
}

/* The weather of (year, doy), and the series and index it is read from (*@p src, *@p index),
 * for a message about the day: AGRO_ENOTFOUND when no file has it; a day missing a required
 * value (-99 in the file) fails here naming the .WTH file, line and column, not later as a
 * non-finite driver of the field. */
static int chain_day(agro_ctx *ctx, const wth_chain *c, int32_t year, int32_t doy,
                     agro_weather_day *out, const agro_weather **src, int32_t *index)
{
    int32_t idx;
    for (int i = 0; i < c->n; i++)
        if (agro_weather_find(c->w[i], year, doy, &idx) == AGRO_OK) {
            *src = c->w[i];
            *index = idx;
            /* only a day the reader flagged can fail the check (as agro_season_run) */
            int rc = (agro_weather_flags(c->w[i])[idx] & AGRO_WEATHER_REFUSED)
                         ? agro_weather_check(ctx, c->w[i], idx, 1) : AGRO_OK;
            return rc ? rc : agro_weather_get_day(c->w[i], idx, out);
        }
    return AGRO_ENOTFOUND;
}

/* internal/dssat.h */
int agro_dssat_first_weather_path(const char *dir, const char *wsta, int32_t date, char *path,
                                  size_t n)
{
    const size_t wl = strlen(wsta);
    if (wl < 4 || date <= 0)
        return -1;
    int k;
    if (wl >= 8)
        k = snprintf(path, n, "%s/%.8s.WTH", dir, wsta);
    else
        k = snprintf(path, n, "%s/%.4s%02d01.WTH", dir, wsta, (int)((date / 1000) % 100));
    return k < 0 || (size_t)k >= n ? -1 : 0;
}

/*
 * DSSAT's FirstWeatherDate for station @p wsta and a season starting on @p date (MAKEFILEW,
 * InputModule): the first date of the weather file named from the station and the two-digit
 * year (an 8-character WSTA names the file itself), when that file has a "$WEATHER" line
 * before its daily header and the line after that header starts with a seven-digit date; 0
 * otherwise, as DSSAT's -99 (the cross-over year then places the X file's YYDDD dates). DSSAT
 * reads the seven columns as a number whatever they hold, blanks ignored; only a seven-digit
 * date is taken here.
 */
int32_t agro_dssat_first_weather_date(const char *dir, const char *wsta, int32_t date)
{
    char path[PATH_MAX_LEN], line[512];
    if (agro_dssat_first_weather_path(dir, wsta, date, path, sizeof path))
        return 0;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    int32_t fwd = 0;
    int dollar = 0, at_start = 1, header = 0;
    while (fgets(line, sizeof line, fp)) {
        const int starts = at_start;
        at_start = strchr(line, '\n') != NULL;
        if (!starts)
            continue; /* the rest of a long line */
        if (header) {
            int k = 0;
            while (k < 7 && isdigit((unsigned char)line[k]))
                k++;
            if (k == 7 && !isdigit((unsigned char)line[7]))
                fwd = (int32_t)strtol(line, NULL, 10);
            break;
        }
        if (!dollar)
            dollar = strstr(line, "$WEATHER") != NULL;
        else if (line[0] == '@' && strstr(line, "DATE"))
            header = 1;
    }
    fclose(fp);
    return fwd > 1000 && fwd % 1000 >= 1 && fwd % 1000 <= 366 ? fwd : 0;
}

/* DSSAT environment modification of @p v (WTHMOD.for WTHSET): A adds @p x, S subtracts it, M
 * multiplies by it, R replaces; an A or S of 1e-5 or less, an M within 1e-5 of 1, a missing
 * value or no code leave @p v as it is. *@p changed is set when it acts, as WTHMOD applies its
 * limits only to what it changed. */
static double modify(double v, int32_t code, double x, int *changed)
{
    if (!isfinite(x))
        return v;
    if ((code == 'A' || code == 'S') && fabs(x) > 1e-5) {
        *changed = 1;
        return code == 'A' ? v + x : v - x;
    }
    if (code == 'M' && fabs(x - 1.0) > 1e-5) {
        *changed = 1;
        return v * x;
    }
    if (code == 'R') {
        *changed = 1;
        return x;
    }
    return v;
}

/* The environment-modification row in force on day @p yd, -1 if none: the row before the first
 * one, in file order, dated after the day (DSSAT WTHMOD.for RATE: "repeat until a WM date
 * precedes today's date"), the latest ODATE on or before it when the rows are in date order
 * (AGRO_DSSAT_IGNORED_UNORDERED_ROWS when not). */
static int active_envmod(const agro_dssat_treatment *t, int32_t yd)
{
    int i = 0;
    while (i < t->n_envmods && t->env_date[i] <= yd)
        i++;
    return i - 1;
}

/* EDAY of row @p k as an offset and a multiplier of the day length, (0, 1) for no change;
 * a change needs A/S ≠ 0, M ≠ 1 or R (DSSAT WTHMOD.for WTHSET). */
static void daylength_change(const agro_dssat_treatment *t, int k, double *offset_h,
                             double *mult)
{
    *offset_h = 0.0;
    *mult = 1.0;
    if (k < 0)
        return;
    const int32_t code = t->env_code[k][AGRO_DSSAT_ENV_DAYLENGTH];
    const double x = t->env_value[k][AGRO_DSSAT_ENV_DAYLENGTH];
    if (!isfinite(x))
        return;
    if (code == 'A' && fabs(x) > 1e-5)
        *offset_h = x;
    else if (code == 'S' && fabs(x) > 1e-5)
        *offset_h = -x;
    else if (code == 'M' && fabs(x - 1.0) > 1e-5)
        *mult = x;
    else if (code == 'R')
        *offset_h = x, *mult = 0.0;
}

/* The weather of day @p yd under the modification in force (DSSAT WTHMOD.for RATE, then its
 * DailyWeatherCheck, DSSAT-CSM 4.8 Weather/IPWTH_alt.for 16d9caf): a changed SRAD is at least
 * 0.1 MJ/m2/d (WTHMOD's HOLD = AMAX1(0.05, HOLD), which DailyWeatherCheck raises to 0.1) and a
 * changed rain at least 0; refused, as DailyWeatherCheck ends DSSAT's run there: a changed SRAD
 * above 100 MJ/m2/d (error 72), a changed TMAX or TMIN that leaves TMAX below TMIN (76; WTHMOD's
 * swap of a crossed pair is commented out) or both round to 0.00 C (74). TMAX within 0.05 C of
 * TMIN only draws a warning in 4.8 ("was ErrCode = 5"), and runs. *@p modified is set when a
 * value of the day changed (for the message of a day the field refuses). */
static int apply_envmods(agro_ctx *ctx, const agro_dssat_treatment *t, int k, int32_t yd,
                         agro_weather_day *w, const char *xname, int *modified)
{
    *modified = 0;
    if (k < 0)
        return AGRO_OK;
    const int32_t *c = t->env_code[k];
    const double *x = t->env_value[k];
    int srad = 0, tmax = 0, tmin = 0, rain = 0, other = 0;
    w->srad_MJ_m2_d = modify(w->srad_MJ_m2_d, c[AGRO_DSSAT_ENV_SRAD], x[AGRO_DSSAT_ENV_SRAD], &srad);
    if (srad)
        w->srad_MJ_m2_d = fmax(w->srad_MJ_m2_d, 0.1);
    w->tmax_C = modify(w->tmax_C, c[AGRO_DSSAT_ENV_TMAX], x[AGRO_DSSAT_ENV_TMAX], &tmax);
    w->tmin_C = modify(w->tmin_C, c[AGRO_DSSAT_ENV_TMIN], x[AGRO_DSSAT_ENV_TMIN], &tmin);
    w->rain_mm = modify(w->rain_mm, c[AGRO_DSSAT_ENV_RAIN], x[AGRO_DSSAT_ENV_RAIN], &rain);
    if (rain)
        w->rain_mm = fmax(w->rain_mm, 0.0);
    if (isfinite(w->tdew_C))
        w->tdew_C = modify(w->tdew_C, c[AGRO_DSSAT_ENV_DEW], x[AGRO_DSSAT_ENV_DEW], &other);
    if (isfinite(w->wind_km_d))
        w->wind_km_d = modify(w->wind_km_d, c[AGRO_DSSAT_ENV_WIND], x[AGRO_DSSAT_ENV_WIND], &other);
    *modified = srad | tmax | tmin | rain | other;
    const int32_t line = t->line_envmod[k] ? t->line_envmod[k] : t->line;
    if ((tmax || tmin) && w->tmax_C < w->tmin_C)
        return agro_fail(ctx, AGRO_ERANGE, xname, line,
                         tmax && tmin ? "EMAX, EMIN" : tmin ? "EMIN" : "EMAX",
                         "treatment %d on %d-%03d: the modified TMAX %g C is below TMIN %g C; "
                         "DSSAT's WTHMOD ends the run on such a day (DailyWeatherCheck)",
                         (int)t->number, (int)(yd / 1000), (int)(yd % 1000), w->tmax_C, w->tmin_C);
    if ((tmax || tmin) && fabs(w->tmax_C) * 100.0 < 0.5 && fabs(w->tmin_C) * 100.0 < 0.5)
        return agro_fail(ctx, AGRO_ERANGE, xname, line,
                         tmax && tmin ? "EMAX, EMIN" : tmin ? "EMIN" : "EMAX",
                         "treatment %d on %d-%03d: the modified TMAX and TMIN are both 0.00 C; "
                         "DSSAT's WTHMOD ends the run on such a day (DailyWeatherCheck)",
                         (int)t->number, (int)(yd / 1000), (int)(yd % 1000));
    if (srad && w->srad_MJ_m2_d > 100.0)
        return agro_fail(ctx, AGRO_ERANGE, xname, line, "ERAD",
                         "treatment %d on %d-%03d: the modified SRAD %g MJ/m2/d is above 100; "
                         "DSSAT's WTHMOD ends the run on such a day (DailyWeatherCheck)",
                         (int)t->number, (int)(yd / 1000), (int)(yd % 1000), w->srad_MJ_m2_d);
    return AGRO_OK;
}

/* One row of automatic irrigation, DSSAT IRRIG.for with its defaults for missing values. */
typedef struct auto_irr_row {
    int32_t stage;      /* rows k >= 1: STGDOY index of the stage whose end starts the row */
    int32_t interval_d; /* IFREQ: days from one irrigation to the next, at least (0 none) */
    double depth_cm;    /* IMDEP, cm; E, T: the accumulated ET that triggers, mm */
    double threshold;   /* ITHRL, % of capacity */
    double target;      /* ITHRU, % of capacity (A, P); % of the accumulated ET (E) */
    double amount_mm;   /* IRAMT (F, T, W) */
    double efficiency;  /* agro_dssat_irrigation_efficiency */
    double water_mm;    /* AVWAT, mm (INFINITY: no limit) */
} auto_irr_row;

/* Automatic irrigation of a treatment: settings and the state DSSAT keeps from day to day. */
typedef struct auto_irr {
    int on;
    int mode;         /* IRRIG: A, F, E, T (by stage rows, AVWAT, IFREQ), P, W (first row) */
    int by_rows;      /* A, F, E, T: stage rows, AVWAT, IFREQ (auto_irr_by_rows) */
    int fixed;        /* F, T, W: a fixed amount (IRAMT) */
    int plus_5mm;     /* A: the refill plus 5 mm for the day's ET; P refills without it */
    int after_sowing; /* P, W: only from the planting day on */
    int32_t after_yd; /* P, W: only after the last reported irrigation (YEARDOY) */
    int n_rows;
    int seasonal;     /* AVWAT of the first row alone limits the whole season */
    auto_irr_row row[AGRO_DSSAT_MAX_AUTO_IRR_ROWS];
    /* state */
    int cur;                 /* row in use (IRINC − 1) */
    double season_used_mm;   /* TOTIR */
    double stage_used_mm;    /* GSWatUsed */
    double accum_et_mm;      /* ACCUM_ET */
    int32_t days_since;      /* DaysSinceIrrig */
} auto_irr;

/* Row @p k: its value where given (> 0 or as DSSAT tests it), else DSSAT's defaults
 * (IRRIG.for CASE ('A', 'F', 'E', 'T')): 30, 50, 100 %, 0 mm. The irrigation level's IDEP,
 * ITHR, IEPT, IAMT play no part: IRRIG.for reads them for R and D only, and DSSAT's input
 * module (IPSIM, IPIRR) never copies them into the automatic rows. P and W (@p pw) take the
 * first row as it is (CASE ('P', 'W') has none of the defaults): a missing IMDEP is the top
 * three soil layers (INIT: DSOIL = DLAYR(1) + DLAYR(2) + DLAYR(3)), a missing ITHRL (-99 %)
 * is never reached, a missing ITHRU refills nothing; a missing IRAMT under W is refused by
 * auto_irr_check, as under F and T (DSSAT would apply -99 mm). */
static auto_irr_row auto_irr_row_of(const agro_dssat_treatment *t, int k, int pw)
{
    const int first = k == 0;
    const double d = first ? t->auto_irr_depth_cm : t->auto_irr_row_depth_cm[k];
    const double lo = first ? t->auto_irr_threshold_pct : t->auto_irr_row_threshold_pct[k];
    const double hi = first ? t->auto_irr_target_pct : t->auto_irr_row_target_pct[k];
    const double amt = first ? t->auto_irr_amount_mm : t->auto_irr_row_amount_mm[k];
    auto_irr_row r;
    r.stage = k < t->n_auto_irr_rows ? t->auto_irr_row_stage[k] : 0;
    r.interval_d = k < t->n_auto_irr_rows ? t->auto_irr_row_interval_d[k] : 0;
    r.depth_cm = isfinite(d) && d >= 1 ? d : 30.0;
    r.threshold = isfinite(lo) && lo >= 1 ? lo : 50.0;
    r.target = isfinite(hi) && hi >= r.threshold ? hi : 100.0;
    r.amount_mm = isfinite(amt) && amt > 0 ? amt : 0.0;
    if (pw) {
        r.depth_cm = isfinite(d) && d > 0 ? d : NAN; /* NaN: the top three layers */
        r.threshold = isfinite(lo) ? lo : -99.0;
        r.target = isfinite(hi) ? hi : -99.0;
    }
    r.efficiency = agro_dssat_irrigation_efficiency(t, k);
    double w = k < t->n_auto_irr_rows ? t->auto_irr_row_water_mm[k] : NAN;
    r.water_mm = isfinite(w) ? w : INFINITY;
    return r;
}

static auto_irr auto_irr_settings(const agro_dssat_treatment *t)
{
    auto_irr a;
    memset(&a, 0, sizeof a);
    a.days_since = 999; /* DSSAT's start value: no irrigation yet */
    const int m = t->irrig_mode;
    if (m != 'A' && m != 'F' && m != 'E' && m != 'T' && m != 'P' && m != 'W')
        return a;
    a.on = 1;
    a.mode = m;
    a.by_rows = m == 'A' || m == 'F' || m == 'E' || m == 'T';
    a.fixed = m == 'F' || m == 'T' || m == 'W';
    a.plus_5mm = m == 'A';
    if (m == 'P' || m == 'W') {
        /* DSSAT turns the automatic part on after the last reported irrigation and never
           without one; IR001-IR006 are irrigations (IRRIG.for CASE (1:6): JULAPL, NAPW) */
        a.after_sowing = 1;
        a.on = 0;
        for (int i = 0; i < t->n_irrigations; i++)
            if (agro_dssat_irrigation_is_water(t, i)) {
                a.on = 1;
                a.after_yd = t->irr_date[i];
            }
    }
    /* P and W read the first row only (IRRIG.for INIT); A, F, E, T every row */
    a.n_rows = (m == 'P' || m == 'W' || t->n_auto_irr_rows < 1) ? 1 : t->n_auto_irr_rows;
    if (a.n_rows > AGRO_DSSAT_MAX_AUTO_IRR_ROWS)
        a.n_rows = AGRO_DSSAT_MAX_AUTO_IRR_ROWS;
    int limits = 0;
    for (int k = 0; k < a.n_rows; k++) {
        a.row[k] = auto_irr_row_of(t, k, m == 'P' || m == 'W');
        limits += isfinite(a.row[k].water_mm);
    }
    /* one AVWAT, on the first row: a seasonal limit; otherwise per stage (IRRIG.for) */
    a.seasonal = limits == 1 && isfinite(a.row[0].water_mm);
    return a;
}

/* The day steps on which the crop left each growth stage: DSSAT's STGDOY, which automatic
 * irrigation rows (IROFF) and the harvest at a stage (HARVS G) read. */
typedef struct stage_track {
    int32_t last;     /* stage after the last step seen */
    int32_t left[16]; /* step of the day the crop left stage i; INT32_MAX not yet */
} stage_track;

static void stage_track_init(stage_track *st)
{
    st->last = AGRO_MAIZE_STAGE_FALLOW;
    for (int i = 0; i < 16; i++)
        st->left[i] = INT32_MAX;
    st->left[14] = -1; /* STGDOY(14) = YRSIM: before the first day */
}

/* After the step of day @p step the crop is in stage @p to: every stage passed since the last
 * step (CERES-Maize order 7 sowing, 8, 9, 1 … 6 maturity) was left on that day. */
static void stage_track_update(stage_track *st, int32_t to, int32_t step)
{
    static const int32_t order[] = {7, 8, 9, 1, 2, 3, 4, 5, 6, 10};
    enum { N_ORDER = sizeof order / sizeof order[0] };
    int i = 0, j = 0;
    while (i < N_ORDER && order[i] != st->last)
        i++;
    while (j < N_ORDER && order[j] != to)
        j++;
    for (; i < j && i < N_ORDER - 1; i++)
        if (st->left[order[i]] == INT32_MAX)
            st->left[order[i]] = step;
    st->last = to;
}

/*
 * DSSAT SWDEFICIT (IRRIG.for): available water fraction ATHETA in the top depth_cm and the
 * deficit to refill it to target % of capacity. When ATHETA ≤ threshold % the irrigation is
 * the fixed amount (F, W), or the deficit×10 + 5 mm (A; the 5 mm cover one day's
 * evapotranspiration), or the deficit×10 alone (P).
 */
static double auto_irr_amount(const auto_irr *a, const auto_irr_row *r,
                              const agro_soil_profile *soil, const agro_field_daily *d)
{
    double wet = 0, avail = 0, top = 0;
    const int32_t n3 = soil->n_layers < 3 ? soil->n_layers : 3;
    const double depth = isnan(r->depth_cm) && n3 > 0 ? soil->depth_cm[n3 - 1] : r->depth_cm;
    for (int L = 0; L < d->n_layers && L < soil->n_layers && top < depth; L++) {
        double bot = soil->depth_cm[L];
        double dz = (bot < depth ? bot : depth) - top;
        wet += (soil->dul[L] - soil->ll[L]) * dz;
        avail += (d->sw[L] - soil->ll[L]) * dz;
        top = bot;
    }
    if (wet <= 0)
        return 0;
    double theta = avail / wet;
    if (theta > r->threshold * 0.01)
        return 0;
    if (a->fixed)
        return r->amount_mm;
    double deficit_cm = wet * r->target * 0.01 - avail;
    if (deficit_cm < 0)
        deficit_cm = 0;
    return deficit_cm * 10.0 + (a->plus_5mm ? 5.0 : 0.0);
}

/*
 * Today's automatic irrigation under A, F, E, T (DSSAT IRRIG.for, the rate step), mm applied
 * before efficiency. @p d is yesterday's record: DSSAT's IRRIG reads the EOP, EVAP and RUNOFF
 * that its SPAM and WATBAL stored the day before. NULL before the first step and after
 * maturity: no irrigation, though the rows still move on. @p rain_mm is today's rain.
 * The row moves on the day after the crop leaves the next row's stage, one row per day; the
 * water left is AVWAT less what the season (one AVWAT) or the row's stage used; IFREQ days
 * must pass after an irrigation; E and T sum EOP + EVAP − (rain − runoff), at least 0, and
 * irrigate when the sum passes IMDEP mm: its ITHRU % (E) or IRAMT (T).
 */
static double auto_irr_by_rows(auto_irr *a, const stage_track *st,
                               const agro_soil_profile *soil, const agro_field_daily *d,
                               double rain_mm, int32_t step)
{
    /* DSSAT's IRRIG runs before the day's phenology: a stage left on a day counts the next */
    if (a->cur + 1 < a->n_rows) {
        int32_t s = a->row[a->cur + 1].stage;
        if (step > st->left[s]) {
            a->cur++;
            a->stage_used_mm = 0.0;
        }
    }
    if (!d)
        return 0.0; /* outside the simulation start .. maturity window (or no record yet) */
    const auto_irr_row *r = &a->row[a->cur];
    double left = a->seasonal ? a->row[0].water_mm - a->season_used_mm
                              : r->water_mm - a->stage_used_mm;
    if (left < 1e-5 || a->days_since < r->interval_d)
        return 0.0;
    double mm = 0.0;
    if (a->mode == 'A' || a->mode == 'F') {
        mm = auto_irr_amount(a, r, soil, d);
    } else {
        /* IRRIG.for: EOP + EVAP, which holds the mulch's evaporation (SPAM.for) */
        a->accum_et_mm += d->transp_pot_mm + d->soil_evap_mm + d->mulch_evap_mm -
                          (rain_mm - d->runoff_mm);
        if (a->accum_et_mm < 0.0)
            a->accum_et_mm = 0.0;
        if (a->accum_et_mm > r->depth_cm)
            mm = a->fixed ? r->amount_mm : a->accum_et_mm * r->target * 0.01;
    }
    return mm > left ? left : mm;
}

/* The day's bookkeeping after @p mm were applied (IRRIG.for, the integration step). */
static void auto_irr_integrate(auto_irr *a, double mm)
{
    if (mm > 1e-5) {
        a->season_used_mm += mm;
        a->stage_used_mm += mm;
        a->days_since = 1;
        a->accum_et_mm = 0.0;
    } else {
        a->days_since++;
    }
}

/* YEARDOY @p yd @p years later (0, no date, stays 0); day 366 of a leap year becomes 365 in
 * a common one (DSSAT adds the years to the year part). */
static int32_t later_years(int32_t yd, int32_t years)
{
    if (yd <= 0)
        return yd;
    int32_t y = yd / 1000 + years, d = yd % 1000;
    if (d > agro_days_in_year(y))
        d = agro_days_in_year(y);
    return y * 1000 + d;
}

/* Season @p k of a multi-year (NYERS) run: every date of the treatment @p k years on (DSSAT
 * seasonal runs shift SDATE, planting, its window, the reported events and the harvest
 * window by MULTI − 1 years); days after planting (option D) stay as they are. */
static void shift_years(agro_dssat_treatment *t, int32_t k)
{
    t->start_date = later_years(t->start_date, k);
    t->plant_date = later_years(t->plant_date, k);
    t->emergence_date = later_years(t->emergence_date, k);
    t->plant_first = later_years(t->plant_first, k);
    t->plant_last = later_years(t->plant_last, k);
    t->harvest_last = later_years(t->harvest_last, k);
    t->ic_date = later_years(t->ic_date, k);
    if (t->irrig_mode != 'D')
        for (int i = 0; i < t->n_irrigations; i++)
            t->irr_date[i] = later_years(t->irr_date[i], k);
    if (t->fert_mode != 'D')
        for (int i = 0; i < t->n_fertilisers; i++)
            t->fert_date[i] = later_years(t->fert_date[i], k);
    if (t->harvest_mode != 'D')
        for (int i = 0; i < t->n_harvests; i++)
            t->harv_date[i] = later_years(t->harv_date[i], k);
    if (t->residue_mode != 'D')
        for (int i = 0; i < t->n_residues; i++)
            t->res_date[i] = later_years(t->res_date[i], k);
    for (int i = 0; i < t->n_envmods; i++)
        t->env_date[i] = later_years(t->env_date[i], k);
    /* TILLAGE.for INIT: (YR + MULTI − 1)·1000 + IDATE */
    for (int i = 0; i < t->n_tillage; i++)
        t->till_date[i] = later_years(t->till_date[i], k);
}

/* The rows as the options that read them need them: a fixed amount under F, T, W; under A,
 * F, E, T a later row starting at a stage CERES-Maize dates (STGDOY 1-9) or the simulation
 * start (14): DSSAT would index its stage dates with anything else, GS000 included, and
 * never switch, or read past them. */
static int auto_irr_check(agro_ctx *ctx, const agro_dssat_treatment *t, const auto_irr *ai,
                          const char *xname)
{
    for (int k = 0; ai->on && k < ai->n_rows; k++) {
        const auto_irr_row *r = &ai->row[k];
        if (ai->fixed && !(r->amount_mm > 0))
            return agro_fail(ctx, AGRO_EMISSING, xname, t->line_controls, "IRAMT",
                             "IRRIG %c irrigates a fixed amount: IRAMT of automatic irrigation "
                             "row %d must be > 0 mm (treatment %d)",
                             (char)t->irrig_mode, k + 1, (int)t->number);
        /* one application of a fixed amount is one irrigation event (at most
           AGRO_IRRIGATION_EVENT_MAX_MM): say so before the run, not at the first irrigation */
        if (ai->fixed && r->amount_mm * r->efficiency > AGRO_IRRIGATION_EVENT_MAX_MM)
            return agro_fail(ctx, AGRO_ERANGE, xname, t->line_controls, "IRAMT",
                             "IRAMT %g mm of automatic irrigation row %d (times IREFF %g) is more "
                             "than one irrigation of %g mm (treatment %d)",
                             r->amount_mm, k + 1, r->efficiency, AGRO_IRRIGATION_EVENT_MAX_MM,
                             (int)t->number);
        if (ai->by_rows && k > 0 && !((r->stage >= 1 && r->stage <= 9) || r->stage == 14))
            return agro_fail(ctx, AGRO_ERANGE, xname, t->line_controls, "IROFF",
                             "automatic irrigation row %d must name the growth stage it starts "
                             "at: GS001-GS009 (CERES-Maize STGDOY) or GS014 (simulation start), "
                             "not stage %d (treatment %d)",
                             k + 1, (int)r->stage, (int)t->number);
    }
    return AGRO_OK;
}

/*
 * Harvest at the end of day step @p step under HARVS A or G (DSSAT AUTHAR.for, after the
 * day's growth). G: the day the crop leaves stage HSTG. A: from the day after maturity plus
 * HFRST days (HDLAY) on, once the plant-available water of the top PH2OD is within PH2OL ..
 * PH2OU % (the planting limits; any day without a water balance); after HLAST (or at once
 * without one) it harvests regardless, as DSSAT's "conditions not met" end.
 */
static int auto_harvest_today(const agro_dssat_treatment *t, const agro_season_spec *s,
                              const stage_track *st, const agro_field *f, int32_t step,
                              int32_t yd)
{
    if (t->harvest_mode == 'G')
        return t->n_harvests > 0 && t->harv_stage[0] >= 1 && t->harv_stage[0] <= 9 &&
               st->left[t->harv_stage[0]] == step;
    if (t->harvest_mode != 'A')
        return 0;
    const int32_t mature = st->left[AGRO_MAIZE_STAGE_END_GRAIN_FILL];
    if (mature == INT32_MAX || step <= mature || step < mature + t->harvest_first)
        return 0;
    if (t->harvest_last <= 0 || yd > t->harvest_last)
        return 1;
    if (!s->options.water_limited)
        return 1;
    /* DSSAT reads a missing limit as -99, which no water content meets */
    const double lo = isfinite(t->plant_h2o_low_pct) ? t->plant_h2o_low_pct : -99.0;
    const double hi = isfinite(t->plant_h2o_high_pct) ? t->plant_h2o_high_pct : -99.0;
    double aw = 0.0, ts = 0.0;
    if (agro_field_seedbed(f, t->plant_h2o_depth_cm, &aw, &ts) != AGRO_OK)
        return 0;
    return aw >= lo && aw <= hi;
}

static int run_days(agro_ctx *ctx, const agro_dssat_treatment *t, const agro_season_spec *s,
                    const wth_chain *wc, const agro_dssat_pest *pest, const char *xname,
                    agro_dssat_result *res, agro_field_daily *daily, int32_t max_days,
                    int32_t *n_days)
{
    int32_t nd = 0;
    agro_field *f = NULL;
    int rc = agro_schedule_field_create(ctx, s, &f);
    if (rc)
        return rc;
    auto_irr ai = auto_irr_settings(t);
    if ((rc = auto_irr_check(ctx, t, &ai, xname))) {
        agro_field_free(f);
        return rc;
    }
    const int auto_harvest = t->harvest_mode == 'A' || t->harvest_mode == 'G';
    const int co2_by_day = t->co2_option != 'D'; /* M, and W run as M */
    /* the last step's record and the stages passed, for automatic irrigation and harvest */
    agro_field_daily dd;
    int have = 0;
    stage_track st;
    stage_track_init(&st);
    /* DSSAT's IRRIG already acts on the first day, on the initial soil water */
    if (ai.on && agro_field_get_daily(f, &dd) == AGRO_OK)
        have = dd.n_layers == s->soil.n_layers;
    int32_t y = s->start_year, d = s->start_doy;
    int32_t end = s->end_year * 1000 + s->end_doy;
    int32_t n_auto = 0, since_mature = -1;
    agro_schedule sched; /* the events as agro_season_run applies them (automatic planting) */
    if ((rc = agro_schedule_init(ctx, s, &sched))) {
        agro_fail_prefix(ctx, xname);
        agro_field_free(f);
        return rc;
    }
    for (int32_t step = 0;; step++) {
        int32_t yd = y * 1000 + d;
        int harvest = 0;
        for (int32_t i; rc == 0 && (i = agro_schedule_next(&sched, f, step)) >= 0;) {
            if (s->events[i].type == AGRO_EVENT_HARVEST)
                harvest = 1; /* at the end of the day, as agro_season_run does */
            else
                rc = agro_schedule_apply(ctx, f, &sched, i, y, d);
        }
        if (rc)
            break;
        agro_weather_day w;
        const agro_weather *wsrc = NULL;
        int32_t widx = 0;
        if ((rc = chain_day(ctx, wc, y, d, &w, &wsrc, &widx)) == AGRO_ENOTFOUND) {
            rc = agro_fail(ctx, AGRO_ENOTFOUND, xname, t->line_field, "WSTA",
                           "no weather for %d day %d (treatment %d needs it)", (int)y, (int)d,
                           (int)t->number);
            break;
        }
        if (rc)
            break;
        /* (before the irrigation: E and T read the day's rain) */
        const int env_k = active_envmod(t, yd); /* the modification in force today, -1 none */
        int modified = 0;
        if ((rc = apply_envmods(ctx, t, env_k, yd, &w, xname, &modified)))
            break;
        if (ai.on) {
            const int growing = have && !agro_field_crop_mature(f);
            double mm = 0.0;
            if (ai.by_rows) {
                mm = auto_irr_by_rows(&ai, &st, &s->soil, growing ? &dd : NULL, w.rain_mm, step);
                auto_irr_integrate(&ai, mm);
            } else if (growing && (!ai.after_sowing || sched.sown) && yd > ai.after_yd) {
                mm = auto_irr_amount(&ai, &ai.row[0], &s->soil, &dd);
            }
            if (mm > 0) {
                /* DSSAT has no upper bound on a computed amount (a refill of a deep IMDEP): it is
                   applied as events of at most the field's AGRO_IRRIGATION_EVENT_MAX_MM, which
                   the field adds up */
                double left = mm * ai.row[ai.cur].efficiency;
                while (left > 0.0 && !rc) {
                    agro_event e;
                    memset(&e, 0, sizeof e);
                    e.type = AGRO_EVENT_IRRIGATE;
                    e.year = y;
                    e.doy = d;
                    e.amount = left > AGRO_IRRIGATION_EVENT_MAX_MM ? AGRO_IRRIGATION_EVENT_MAX_MM : left;
                    left -= e.amount;
                    rc = agro_field_apply(ctx, f, &e);
                }
                if (rc)
                    break;
                n_auto++;
            }
        }
        if (co2_by_day || t->n_envmods > 0) {
            /* CO2 option M: the day's record of CO2048.WDA (CO2VAL RATE); ECO2 of the row in
               force that day modifies it (DSSAT WTHMOD.for applies the dated rows to CO2 as
               to the weather); none before the first ODATE */
            const double base = co2_by_day ? agro_dssat_co2_ppm_on(y, d) : s->options.co2_ppm;
            int changed = 0;
            const double co2 = env_k < 0 ? base
                                     : modify(base, t->env_code[env_k][AGRO_DSSAT_ENV_CO2],
                                              t->env_value[env_k][AGRO_DSSAT_ENV_CO2], &changed);
            if ((rc = agro_field_set_co2(ctx, f, co2))) {
                agro_fail(ctx, rc, xname, t->line, "ECO2", "treatment %d: CO2 %g ppm on %d: outside [0, 5000]",
                          (int)t->number, co2, (int)yd);
                break;
            }
        }
        if (t->n_envmods > 0) {
            double off, mult;
            daylength_change(t, env_k, &off, &mult);
            if ((rc = agro_field_set_daylength_change(ctx, f, off, mult))) {
                agro_fail(ctx, rc, xname, t->line, "EDAY", "treatment %d: day length change %g + %g x (h): the offset must be in [-24, 24] h, "
                          "the multiplier in [0, %g]", (int)t->number, off, mult, AGRO_DAYLENGTH_MAX_MULTIPLIER);
                break;
            }
        }
        if (pest) {
            /* DISES = Y: the day's damage from the T file (PEST, LINDM), converted on
             * yesterday's plant as PESTCP does */
            agro_crop_damage dmg;
            agro_dssat_pest_damage(pest, yd, &dmg);
            const agro_crop_damage none = {0};
            if (memcmp(&dmg, &none, sizeof dmg) != 0 &&
                (rc = agro_field_set_damage(ctx, f, &dmg))) {
                agro_fail_prefix(ctx, xname);
                break;
            }
        }
        if ((rc = agro_field_step(ctx, f, &w))) {
            /* a refused weather value: name the .WTH file and line of the day, and the
               environment modification that changed it */
            char note[600];
            if (modified)
                snprintf(note, sizeof note, "as changed by the environment modification at %s:%d",
                         xname, (int)(t->line_envmod[env_k] ? t->line_envmod[env_k] : t->line));
            rc = agro_schedule_step_refused(ctx, f, &w, wsrc, widx, modified ? note : NULL, rc);
            break;
        }
        if (ai.on || auto_harvest) {
            if ((rc = agro_field_get_daily(f, &dd)))
                break;
            have = dd.n_layers > 0;
            if (ai.on && have && dd.n_layers != s->soil.n_layers) {
                rc = agro_fail(ctx, AGRO_ESTATE, xname, t->line_controls, "IRRIG",
                               "automatic irrigation needs the field layers (%d) to match "
                               "the soil profile layers (%d)",
                               (int)dd.n_layers, (int)s->soil.n_layers);
                break;
            }
            stage_track_update(&st, dd.stage, step);
            if (auto_harvest_today(t, s, &st, f, step, yd))
                harvest = 1;
        }
        if (daily) {
            if (nd >= max_days) {
                rc = agro_fail(ctx, AGRO_ELIMIT, xname, t->line, NULL,
                               "treatment %d runs longer than %d days of daily output",
                               (int)t->number, (int)max_days);
                break;
            }
            agro_field_get_daily(f, &daily[nd]);
        }
        nd++;
        if (harvest) {
            agro_event h;
            memset(&h, 0, sizeof h);
            h.type = AGRO_EVENT_HARVEST;
            h.year = y;
            h.doy = d;
            rc = agro_field_apply(ctx, f, &h);
            break;
        }
        /* without a harvest event the season stops days_after_maturity after maturity;
           HARVS A harvests later, in its window */
        if (agro_field_crop_mature(f) && t->harvest_mode != 'A') {
            since_mature++;
            if (!sched.has_harvest && since_mature >= s->days_after_maturity)
                break;
        }
        if (yd == end || sched.closed) /* DSSAT AUTPLT ends an unplanted season with PLAST */
            break;
        agro_date_add(&y, &d, 1);
    }
    if (rc == 0) {
        rc = agro_field_get_summary(f, &res->summary);
        if (sched.closed)
            res->summary.crop_failed = AGRO_CROP_NOT_SOWN;
        if (rc)
            rc = agro_fail(ctx, rc, xname, t->line, NULL, "no season summary (treatment %d)",
                           (int)t->number);
    }
    res->auto_irrigations = n_auto;
    if (n_days)
        *n_days = nd;
    agro_field_free(f);
    return rc;
}

int agro_dssat_weather_span(const agro_dssat_treatment *t, int32_t *first, int32_t *last)
{
    /* the planting date, or the automatic-planting window's first day, bounds the weather */
    const int automatic = t->plant_mode == 'A' || t->plant_mode == 'F';
    const int32_t plant_date = automatic ? t->plant_first : t->plant_date;
    *first = *last = 0;
    if (t->levels[4] == 0 || plant_date == 0)
        return -1;
    *first = t->start_date ? t->start_date : plant_date;
    const int32_t latest = automatic && t->plant_last > plant_date ? t->plant_last : plant_date;
    int32_t y = latest / 1000, dd = latest % 1000;
    agro_date_add(&y, &dd, 365);
    *last = y * 1000 + dd;
    return 0;
}

/* internal/dssat.h */
int agro_dssat_weather_inputs(agro_ctx *ctx, agro_dssat_treatment *t, int32_t season,
                              const char *wdir, const char *wsta, agro_dssat_inputs *in)
{
    int32_t first, last;
    shift_years(t, season);
    if (strlen(wsta) < 4 || agro_dssat_weather_span(t, &first, &last))
        return AGRO_OK; /* the run fails before it looks for weather */
    wth_chain *c = calloc(1, sizeof *c);
    if (!c)
        return agro_fail(ctx, AGRO_ENOMEM, wdir, 0, NULL, "out of memory");
    wth_probes pr = {in, AGRO_OK};
    /* the run's own load, so that the files it reads follow from the same days found in the
       same files; a file that fails to load ends the run there, and so the list. With @p ctx,
       so that a cancel request stops the loads at the readers' cancel points (the list of a
       9000-year .WTH file kept run-dssat 9 s after Ctrl-C); any other failure is the run's,
       not the list's: the caller's message is kept */
    const int status0 = agro_ctx_status(ctx);
    char message0[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, message0, sizeof message0);
    const int rc = chain_load(ctx, c, wdir, wsta, first, last, &pr);
    chain_free(c);
    free(c);
    if (pr.rc)
        return agro_fail(ctx, pr.rc, wdir, 0, NULL, "out of memory");
    if (rc == AGRO_ECANCELED && agro_ctx_cancelled(ctx))
        return rc;
    if (rc) {
        agro_ctx_clear(ctx);
        if (status0)
            agro_fail(ctx, status0, NULL, 0, NULL, "%s", message0);
    }
    return AGRO_OK;
}

int agro_dssat_run_treatment(agro_ctx *ctx, const agro_dssat_exp *x, int32_t number,
                             const char *data_dir, agro_dssat_result *out)
{
    return agro_dssat_run_treatment_daily(ctx, x, number, data_dir, out, NULL, 0, NULL);
}

int agro_dssat_run_treatment_daily(agro_ctx *ctx, const agro_dssat_exp *x, int32_t number,
                                   const char *data_dir, agro_dssat_result *out,
                                   agro_field_daily *daily, int32_t max_days, int32_t *n_days)
{
    return agro_dssat_run_treatment_opts(ctx, x, number, data_dir, NULL, out, daily, max_days,
                                         n_days);
}

int agro_dssat_run_options_default(agro_dssat_run_options *o)
{
    if (!o)
        return AGRO_EINVAL;
    memset(o, 0, sizeof *o);
    o->follow_mesev = 0;
    o->crop_n_uptake_method = AGRO_CROP_N_UPTAKE_GENERIC;
    o->crop_n_stress_method = AGRO_CROP_N_STRESS_STAGE_TRANSFORM;
    o->soil_temp_surface = AGRO_STEMP_SURFACE_AIR;
    return AGRO_OK;
}

size_t agro_sizeof_dssat_run_options(void) { return sizeof(agro_dssat_run_options); }

int agro_dssat_run_treatment_opts(agro_ctx *ctx, const agro_dssat_exp *x, int32_t number,
                                  const char *data_dir, const agro_dssat_run_options *opt,
                                  agro_dssat_result *out, agro_field_daily *daily,
                                  int32_t max_days, int32_t *n_days)
{
    if (n_days)
        *n_days = 0;
    if (!x || !data_dir || !out || (daily && max_days < 0))
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL argument");
    agro_dssat_run_options o;
    agro_dssat_run_options_default(&o);
    if (opt)
        o = *opt;
    if (o.follow_mesev != 0 && o.follow_mesev != 1)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "follow_mesev", "must be 0 or 1 (got %d)",
                         (int)o.follow_mesev);
    /* (crop_n_uptake_method, crop_n_stress_method and soil_temp_surface are checked where the
     * field is made, naming them) */
    const char *xname = agro_dssat_exp_path(x);
    memset(out, 0, sizeof *out);
    out->treatment = number;
    out->anthesis_dap = out->maturity_dap = -1;
    out->yield_kg_ha = out->population_pl_m2 = NAN;
    /* the cancel point of a caller's loop over treatments and seasons (agrosim run-dssat,
       validate): before the season's files are read */
    if (agro_ctx_cancelled(ctx))
        return agro_fail(ctx, AGRO_ECANCELED, xname, 0, NULL,
                         "cancelled before treatment %d (agro_ctx_cancel)", (int)number);

    agro_dssat_treatment *t = malloc(sizeof *t);
    agro_season_spec *s = malloc(sizeof *s);
    agro_dssat_pest *pest = NULL;
    wth_chain *wc = calloc(1, sizeof *wc);
    int rc = AGRO_OK;
    if (!t || !s || !wc) {
        rc = agro_fail(ctx, AGRO_ENOMEM, xname, 0, NULL, "out of memory");
        goto done;
    }
    if ((rc = agro_dssat_treatment_get(ctx, x, number, t)))
        goto done;
    /* a weather file with four-digit years places the X file's YYDDD dates (DSSAT: MAKEFILEW
       sets FirstWeatherDate before IPEXP reads them through Y4K_DOY) */
    char wdir[PATH_MAX_LEN], station[16];
    snprintf(wdir, sizeof wdir, "%s/Weather", data_dir);
    agro_dssat_treatment_text(x, number, AGRO_DSSAT_TEXT_WEATHER_STATION, station, sizeof station);
    const int32_t fwd = agro_dssat_first_weather_date(wdir, station,
                                                      t->start_date ? t->start_date
                                                                    : t->plant_date);
    if (fwd > 0 && (rc = agro_dssat_treatment_get_weather(ctx, x, number, fwd, t)))
        goto done;
    const int32_t n_seasons = t->n_years > 1 ? t->n_years : 1;
    if (o.season < 0 || o.season >= n_seasons) {
        rc = agro_fail(ctx, AGRO_ERANGE, xname, t->line_controls, "season",
                       "treatment %d: season %d of a run of NYERS = %d seasons (0 .. %d)",
                       (int)number, (int)o.season, (int)n_seasons, (int)n_seasons - 1);
        goto done;
    }
    shift_years(t, o.season);

    char crop[8], cul[16], wsta[16], soil_id[16];
    agro_dssat_treatment_text(x, number, AGRO_DSSAT_TEXT_CROP, crop, sizeof crop);
    agro_dssat_treatment_text(x, number, AGRO_DSSAT_TEXT_CULTIVAR_ID, cul, sizeof cul);
    agro_dssat_treatment_text(x, number, AGRO_DSSAT_TEXT_WEATHER_STATION, wsta, sizeof wsta);
    agro_dssat_treatment_text(x, number, AGRO_DSSAT_TEXT_SOIL_ID, soil_id, sizeof soil_id);
    if (strcmp(crop, "MZ") != 0) {
        rc = agro_fail(ctx, AGRO_ENOTFOUND, xname, t->line, "CR",
                       "treatment %d grows crop \"%s\"; only maize (MZ) is simulated",
                       (int)number, crop);
        goto done;
    }
    /* the planting date, or the automatic-planting window's first day (checked in
     * agro_dssat_season_spec), bounds the weather */
    const int automatic = t->plant_mode == 'A' || t->plant_mode == 'F';
    const int32_t plant_date = automatic ? t->plant_first : t->plant_date;
    if (t->levels[4] == 0 || plant_date == 0) {
        rc = agro_fail(ctx, AGRO_EMISSING, xname, t->line, "MP",
                       "treatment %d has no planting", (int)number);
        goto done;
    }

    char path[PATH_MAX_LEN], eco[PATH_MAX_LEN];
    agro_maize_cultivar cv;
    snprintf(path, sizeof path, "%s/Genotype/MZCER048.CUL", data_dir);
    snprintf(eco, sizeof eco, "%s/Genotype/MZCER048.ECO", data_dir);
    if ((rc = agro_maize_cultivar_load_dssat(ctx, path, eco, cul, &cv)))
        goto inputs;

    agro_soil_profile soil;
    snprintf(path, sizeof path, "%s/Soil", data_dir);
    if ((rc = agro_soil_load_dssat_dir(ctx, path, soil_id, &soil)))
        goto inputs;
    if ((rc = agro_dssat_soil_prepare(ctx, t, &soil)))
        goto inputs;

    /* weather from the start to the end bound of the season */
    int32_t start, last;
    agro_dssat_weather_span(t, &start, &last);
    snprintf(path, sizeof path, "%s/Weather", data_dir);
    if ((rc = chain_load(ctx, wc, path, wsta, start, last, NULL)))
        goto inputs;
    agro_weather_info info;
    agro_weather_get_info(wc->w[0], &info);
    agro_dssat_site site;
    site.latitude_deg = info.latitude_deg;
    /* TAV and TAMP of the first file's header; missing (-99, absent) or not above 0 they are
       20 and 5 degC, not values computed from the days (DSSAT-CSM 4.8 Weather/IPWTH_alt.for
       014bdee: IF (TAV .LE. 0.0) TAV = 20.0; IF (TAMP .LE. 0.0) TAMP = 5.0) */
    double tav_given, amp_given;
    agro_weather_given_tav_amp(wc->w[0], &tav_given, &amp_given);
    site.tav_C = isfinite(tav_given) && tav_given > 0.0 ? tav_given : 20.0;
    site.amp_C = isfinite(amp_given) && amp_given > 0.0 ? amp_given : 5.0;
    site.wind_height_m = info.wndht_m;
    site.co2_ppm = NAN; /* the CO2 option's; ECO2 rows modify it from their dates (run_days) */

    if ((rc = agro_dssat_season_spec(ctx, t, &soil, &cv, &site, xname, s)))
        goto done;
    if (o.follow_mesev && t->evap_method != 'R')
        s->options.soil_evap_method = AGRO_SOIL_EVAP_SULEIMAN_RITCHIE;
    s->options.crop_n_uptake_method = o.crop_n_uptake_method;
    s->options.crop_n_stress_method = o.crop_n_stress_method;
    s->options.soil_temp_surface = o.soil_temp_surface;
    out->population_pl_m2 = s->events[0].density_pl_m2;
    /* DISES = Y: pest and damage progress of the T file, when there is one (without it the
     * treatment carries AGRO_DSSAT_IGNORED_PEST_DAMAGE) */
    if (t->diseases == 'Y' && agro_dssat_tfile_path(x, path, sizeof path) == 0 &&
        file_exists(path)) {
        if (!(pest = malloc(sizeof *pest))) {
            rc = agro_fail(ctx, AGRO_ENOMEM, xname, 0, NULL, "out of memory");
            goto done;
        }
        if ((rc = agro_dssat_pest_load_weather(ctx, path, x, number, fwd, pest)))
            goto inputs;
        for (int c = 0; c < AGRO_DSSAT_PEST_N; c++) /* seasons of a NYERS run (IPPROG MULTI) */
            for (int32_t k = 0; k < pest->n_obs[c]; k++)
                pest->date[c][k] = later_years(pest->date[c][k], o.season);
    }
    if ((rc = run_days(ctx, t, s, wc, pest && agro_dssat_pest_any(pest) ? pest : NULL, xname,
                       out, daily, max_days, n_days)))
        goto inputs;
    out->yield_kg_ha = out->summary.hwam_kg_ha;
    out->anthesis_dap = out->summary.anthesis_dap;
    out->maturity_dap = out->summary.maturity_dap;
    if (isfinite(out->summary.population_pl_m2) && out->summary.population_pl_m2 > 0)
        out->population_pl_m2 = out->summary.population_pl_m2;
    goto done;
inputs:
    /* errors of the input readers and of the field name their own file: say which
     * experiment and treatment needed it */
    {
        char pre[600];
        snprintf(pre, sizeof pre, "%s treatment %d", xname, (int)number);
        agro_fail_prefix(ctx, pre);
    }
done:
    if (wc)
        chain_free(wc);
    free(wc);
    free(pest);
    free(s);
    free(t);
    return rc;
}
