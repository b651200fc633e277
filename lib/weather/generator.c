/*
 * Stochastic daily weather from monthly normals: the WGEN generator (Richardson & Wright 1984)
 * with the SIMMETEO parameter estimates (Geng et al. 1986; Pickering et al. 1988) as coded in
 * DSSAT Weather/WGEN.for (SIMMIN, WGENGN). Differences from DSSAT, each chosen so that the
 * generated monthly means reproduce the normals:
 *  - monthly values are interpolated to days with a mean-preserving piecewise-linear curve
 *    (node values solved so each calendar month averages to its normal; Rymes & Myers 2001,
 *    Solar Energy 71:225) instead of DSSAT's linear interpolation + correction factors;
 *  - wet/dry shifts of Tmax and radiation use the day's own wet-day fraction, so the
 *    month mean of Tmax equals the normal whatever the rain season;
 *  - the day's radiation mean is shifted so that the expected draw after its clip to
 *    [0.2·Rso, Rso] equals the day's normal (DSSAT's WGENGN clips without a correction, which
 *    lowered Morogoro's Nov–Mar and Goroka's months by 1.3–2.7 %: 3000 years gave January
 *    19.32 against 19.81 MJ/m2/d at Morogoro, 20.07 against 20.53 at Goroka, now 19.77 and
 *    20.56; docs/model.md §2);
 *  - the radiation CV is 0.24 on dry days and 0.48 on wet days all year (DSSAT's SRDCVF and
 *    SRWCVF vary them with the season);
 *  - rain occurrence and mean wet-day depth are interpolated as wet-day fraction and mean
 *    daily rain (their product is the expected daily rain);
 *  - radiation normals absent: Hargreaves from the interpolated temperatures (FAO-56 eq. 50),
 *    capped by clear-sky radiation (FAO-56 eq. 37).
 * Random numbers come from a private GSL mt19937 seeded with the caller's seed folded to the
 * 32 bits that generator takes (seed_fold: seeds below 2^32 are used as given).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "internal/error.h"
#include "weather/weather_impl.h"

/* WGEN serial/cross correlation of (Tmax, Tmin, radiation) residuals: X_t = A X_{t-1} + B e_t
 * (Richardson 1981, Water Resour Res 17:182; DSSAT WGENGN DATA A, B) */
static const double WG_A[3][3] = {{0.567, 0.086, -0.002}, {0.253, 0.504, -0.050},
                                  {-0.006, -0.039, 0.244}};
static const double WG_B[3][3] = {{0.781, 0.0, 0.0}, {0.328, 0.637, 0.0}, {0.238, -0.341, 0.873}};

/* Node values v of a cyclic piecewise-linear curve through month centres whose average over
 * each month equals y: (v[m-1] + 6 v[m] + v[m+1]) / 8 = y[m] (Rymes & Myers 2001). Jacobi
 * iteration converges geometrically (ratio 1/3). */
static void mean_preserving_nodes(const double y[12], double v[12])
{
    double t[12];
    memcpy(v, y, 12 * sizeof *v);
    for (int it = 0; it < 80; it++) {
        for (int m = 0; m < 12; m++)
            t[m] = (8.0 * y[m] - v[(m + 11) % 12] - v[(m + 1) % 12]) / 6.0;
        memcpy(v, t, sizeof t);
    }
}

/* Value of the interpolating curve at month coordinate x in [0, 12) (month m spans [m, m+1)). */
static double interp(const double v[12], double x)
{
    double u = x - 0.5; /* node k sits at k + 0.5 */
    int k = (int)floor(u);
    double f = u - k;
    int a = (k % 12 + 12) % 12, b = (a + 1) % 12;
    return v[a] + (v[b] - v[a]) * f;
}

static const int month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

/* Nodes for a quantity held to [@p lo, @p hi] (the wet-day fraction to [0, 1]): clamping the
 * mean-preserving curve (Rymes & Myers 2001) adds mass next to a dry month and removes it from
 * the middle of a month wet (nearly) every day, so the targets are corrected until the clamped
 * curve's daily values average to the normals again. A normal beyond the bounds gets the bound,
 * the closest the clamped curve reaches. Each month's step is its error over the share of its
 * days inside (lo, hi), where the clamped mean moves with the month's own target (a Newton step
 * on that diagonal): unit steps left errors of 0.5-0.7 days after 60 sweeps around an all-wet
 * month between two dry ones; these converged to 1e-9 within 374 sweeps for 6000 random sites
 * of dry, all-wet and intermediate months. Where no day is clamped the share is 1 and a sweep is
 * the plain fixed-point one. */
static void bounded_nodes(const double y[12], double lo, double hi, double v[12])
{
    double goal[12], target[12];
    for (int m = 0; m < 12; m++)
        goal[m] = fmin(fmax(y[m], lo), hi);
    memcpy(target, goal, sizeof target);
    for (int it = 0; it < 1000; it++) {
        mean_preserving_nodes(target, v);
        double worst = 0.0;
        for (int m = 0; m < 12; m++) {
            double sum = 0.0;
            int inside = 0;
            for (int d = 1; d <= month_days[m]; d++) {
                double x = interp(v, m + (d - 0.5) / month_days[m]);
                sum += fmin(fmax(x, lo), hi);
                inside += x > lo && x < hi;
            }
            double err = goal[m] - sum / month_days[m];
            /* a month clamped on every day steps as if one day were inside */
            target[m] += err / ((inside > 0 ? inside : 1) / (double)month_days[m]);
            worst = fmax(worst, fabs(err));
        }
        if (worst < 1e-9 * (1.0 + fabs(goal[0])))
            break;
    }
}

/* SIMMETEO gamma parameters of the wet-day depth for a mean wet-day depth rwet (mm):
 * beta = max(-2.16 + 1.83 RWET, 0.01), alpha = RWET / beta clamped to [0.01, 0.998] (SIMMIN) */
static void gamma_params(double rwet, double *alpha, double *beta)
{
    *beta = fmax(-2.16 + 1.83 * rwet, 0.01);
    *alpha = fmin(fmax(rwet / *beta, 0.01), 0.998);
}

/* Lowest mean wet-day depth used (mm): below ~1.2 mm the clamped SIMMETEO gamma mean vanishes. */
#define RWET_MIN 1.5

/* Expected rain of month @p m (0-based, common year), mm: sum_d PW_d * E[depth_d], the smooth
 * mean wet-day depth curve scaled by @p c (E[depth] = alpha beta, below RWET where SIMMETEO
 * clamps alpha). Non-decreasing in c: R = max(c RWET_d, RWET_MIN) and alpha beta =
 * min(R, 0.998 (1.83 R - 2.16)) both are. */
static double month_rain_expected(int m, double c, const double v_rwet[12], const double v_pw[12])
{
    double expect = 0.0;
    for (int d = 1; d <= month_days[m]; d++) {
        double x = m + (d - 0.5) / month_days[m], a, b;
        double pw = fmin(fmax(interp(v_pw, x), 0.0), 1.0);
        gamma_params(fmax(c * interp(v_rwet, x), RWET_MIN), &a, &b);
        expect += pw * a * b;
    }
    return expect;
}

/* Per-month factors on the smooth mean wet-day depth curve so that each month's expected
 * total sum_d PW_d * E[depth_d] equals its normal. Piecewise-constant monthly corrections are
 * what DSSAT's WGEN does too (WGENPM adds the monthly correction factor CF). */
static void rwet_scales(const double rain[12], const double v_rwet[12], const double v_pw[12],
                        double scale[12])
{
    for (int m = 0; m < 12; m++) {
        /* February normals cover 28.25 days on average; a 28-day February gets 28/28.25 */
        double want = rain[m] * month_days[m] / (m == 1 ? 28.25 : month_days[m]);
        double c = 1.0;
        int settled = !(want > 1e-9);
        for (int it = 0; it < 60 && !settled; it++) {
            double expect = month_rain_expected(m, c, v_rwet, v_pw);
            if (expect < 1e-9) {
                settled = 1; /* no wet days possible: the month stays dry */
                break;
            }
            double f = want / expect;
            c *= f;
            settled = fabs(f - 1.0) < 1e-10;
        }
        /* Where alpha is clamped (RWET below ~2.6 mm) the expected depth 0.998 (1.83 R - 2.16)
           rises faster than R: above twice as fast below R = 2.36 mm, and there c <- c want /
           expect overshoots into a two-cycle (a month of 0.1 mm on 0.05 wet days ended at
           c = 1, 25 % short, or at 1.34, 34 % over, by the parity of the 60 sweeps). The
           expectation is monotone in c, so bisection finds the factor. */
        if (!settled) {
            double lo = 0.0, hi = 1.0;
            while (month_rain_expected(m, hi, v_rwet, v_pw) < want && hi < 1e6)
                hi *= 2.0;
            for (int it = 0; it < 200 && hi - lo > 1e-14 * hi; it++) {
                double mid = 0.5 * (lo + hi);
                if (month_rain_expected(m, mid, v_rwet, v_pw) < want)
                    lo = mid;
                else
                    hi = mid;
            }
            c = hi;
        }
        scale[m] = c;
    }
}

static int check_site(agro_ctx *ctx, const agro_site *s, const char *station)
{
    const char *f = station && station[0] ? station : "site";
    if (!isfinite(s->latitude_deg) || fabs(s->latitude_deg) > 90.0)
        return agro_fail(ctx, AGRO_ERANGE, f, 0, "latitude_deg", "latitude %g outside [-90, 90]",
                         s->latitude_deg);
    /* a site filled in code: an elevation of 1e6 m made clear-sky radiation (FAO-56 eq. 37)
       159 MJ/m2/d and a normal tmax of 1e6 C days of 6e5 C. The site file's ranges for the
       location and rain (agro_site_load); temperatures within +-90 C, wider than the file's, so
       that a program may generate days hotter than a field takes (its TMAX -60..70 C) */
    if (!(s->longitude_deg >= -180.0 && s->longitude_deg <= 180.0))
        return agro_fail(ctx, AGRO_ERANGE, f, 0, "longitude_deg", "longitude %g outside [-180, 180]",
                         s->longitude_deg);
    if (!(s->elevation_m >= -500.0 && s->elevation_m <= 9000.0))
        return agro_fail(ctx, AGRO_ERANGE, f, 0, "elevation_m", "elevation %g m outside [-500, 9000]",
                         s->elevation_m);
    if (!isfinite(s->krs) || s->krs <= 0.0 || s->krs > 0.3)
        return agro_fail(ctx, AGRO_ERANGE, f, 0, "krs", "Hargreaves coefficient %g outside (0, 0.3]",
                         s->krs);
    for (int m = 0; m < 12; m++) {
        if (!isfinite(s->tmax_C[m]) || !isfinite(s->tmin_C[m]) || s->tmin_C[m] > s->tmax_C[m])
            return agro_fail(ctx, AGRO_ERANGE, f, 0, "tmin_C",
                             "month %d: tmin %g / tmax %g not finite or tmin > tmax", m + 1,
                             s->tmin_C[m], s->tmax_C[m]);
        if (!(s->tmax_C[m] >= -90.0 && s->tmax_C[m] <= 90.0))
            return agro_fail(ctx, AGRO_ERANGE, f, 0, "tmax_C", "month %d: tmax %g C outside [-90, 90]", m + 1,
                             s->tmax_C[m]);
        if (!(s->tmin_C[m] >= -90.0 && s->tmin_C[m] <= 90.0))
            return agro_fail(ctx, AGRO_ERANGE, f, 0, "tmin_C", "month %d: tmin %g C outside [-90, 90]", m + 1,
                             s->tmin_C[m]);
        if (!(s->rain_mm[m] >= 0.0 && s->rain_mm[m] <= 3000.0))
            return agro_fail(ctx, AGRO_ERANGE, f, 0, "rain_mm", "month %d: rain %g mm outside [0, 3000]", m + 1,
                             s->rain_mm[m]);
        if (!isfinite(s->rain_days[m]) || s->rain_days[m] < 0.0 || s->rain_days[m] > 31.0)
            return agro_fail(ctx, AGRO_ERANGE, f, 0, "rain_days", "month %d: %g wet days", m + 1,
                             s->rain_days[m]);
        if ((s->rain_mm[m] > 0.0) != (s->rain_days[m] > 0.0))
            return agro_fail(ctx, AGRO_ERANGE, f, 0, "rain_days",
                             "month %d: %g mm of rain on %g wet days", m + 1, s->rain_mm[m],
                             s->rain_days[m]);
        if (!isnan(s->srad_MJ_m2_d[m]) && !(s->srad_MJ_m2_d[m] > 0.0 && s->srad_MJ_m2_d[m] < 50.0))
            return agro_fail(ctx, AGRO_ERANGE, f, 0, "srad_MJ_m2_d",
                             "month %d: radiation %g MJ/m2/d", m + 1, s->srad_MJ_m2_d[m]);
    }
    return AGRO_OK;
}

/* Daily generator parameters from the interpolated normals. */
typedef struct dayparm {
    double pw, rwet, tmax, tmin, srad, rso;
} dayparm;

typedef struct gen {
    double v_tmax[12], v_tmin[12], v_srad[12], v_pw[12], v_rwet[12], rwet_scale[12];
    int have_srad;
    double tdiff, sdiff;     /* SIMMETEO wet/dry contrasts: Tmax, C; radiation, MJ/m2/d */
    double krs, lat, elev;
    double x2_sd;            /* stationary standard deviation of the radiation residual x[2] */
    double srad_shift[2][366]; /* shift of each day's radiation mean, MJ/m2/d: [leap][doy - 1] */
} gen;

static void day_parm(const gen *g, int32_t year, int32_t doy, dayparm *p)
{
    int32_t m = 1, d = 1;
    agro_doy_to_date(year, doy, &m, &d);
    int nd = month_days[m - 1] + (m == 2 && agro_is_leap_year(year));
    double x = (m - 1) + (d - 0.5) / nd;
    p->tmax = interp(g->v_tmax, x);
    p->tmin = interp(g->v_tmin, x);
    p->pw = fmin(fmax(interp(g->v_pw, x), 0.0), 1.0);
    p->rwet = fmax(g->rwet_scale[m - 1] * interp(g->v_rwet, x), RWET_MIN);
    double ra = agro_extraterrestrial_radiation(g->lat, doy);
    p->rso = (0.75 + 2e-5 * (isfinite(g->elev) ? g->elev : 0.0)) * ra; /* FAO-56 eq. 37 */
    if (g->have_srad)
        p->srad = interp(g->v_srad, x);
    else /* Hargreaves radiation, FAO-56 eq. 50 */
        p->srad = g->krs * sqrt(fmax(p->tmax - p->tmin, 0.0)) * ra;
    p->srad = fmin(fmax(p->srad, 0.0), p->rso);
}

/* Standard deviation of the radiation residual x[2] of X_t = A X_{t-1} + B e_t in its
 * stationary state: the covariance solves S = A S A' + v B B' (Richardson 1981), with v the
 * variance of a standard normal truncated to |e| <= 2.5, 1 - 2 c phi(c) / (2 Phi(c) - 1) at
 * c = 2.5 (the truncated normal: Johnson, Kotz & Balakrishnan 1994, vol. 1, ch. 13). 0.954,
 * not 1: the truncation narrows the residuals, and with them the tail the clip cuts. */
static double radiation_residual_sd(void)
{
    const double c = 2.5;
    double v = 1.0 - 2.0 * c * gsl_ran_ugaussian_pdf(c) / (1.0 - 2.0 * gsl_cdf_ugaussian_Q(c));
    double bb[3][3], s[3][3] = {{0.0}}, as[3][3], t[3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            bb[i][j] = 0.0;
            for (int k = 0; k < 3; k++)
                bb[i][j] += WG_B[i][k] * WG_B[j][k];
        }
    /* A's spectral radius is about 0.6: 200 sweeps leave < 1e-40 of the first term */
    for (int it = 0; it < 200; it++) {
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) {
                as[i][j] = 0.0;
                for (int k = 0; k < 3; k++)
                    as[i][j] += WG_A[i][k] * s[k][j];
            }
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) {
                t[i][j] = v * bb[i][j];
                for (int k = 0; k < 3; k++)
                    t[i][j] += as[i][k] * WG_A[j][k];
            }
        memcpy(s, t, sizeof s);
    }
    return sqrt(s[2][2]);
}

/* Mean of a wet or dry day's radiation draw before its clip, the day's mean shifted by @p shift
 * (MJ/m2/d): PW wet + (1 - PW) dry = normal + shift (SIMMETEO wet/dry means, with the day's own
 * PW), raised to 0.2 Rso (WGENGN) */
static double srad_draw_mean(const gen *g, const dayparm *p, double shift, int wet)
{
    double sr = wet ? p->srad + shift - (1.0 - p->pw) * g->sdiff
                    : p->srad + shift + p->pw * g->sdiff;
    return fmax(sr, 0.2 * p->rso);
}

/* SIMMETEO radiation CV: 0.24 on dry days, 0.48 on wet days (BRIEF 5.6) */
static double srad_cv(int wet)
{
    return wet ? 0.48 : 0.24;
}

/* Mean of clip(mu + s Z, a, b) for Z standard normal, the doubly censored normal (Greene,
 * Econometric Analysis, 7th ed., §19.3): a Phi(al) + b Q(be) + mu (Phi(be) - Phi(al))
 * + s (phi(al) - phi(be)), al = (a - mu)/s, be = (b - mu)/s; *dmu and *ds get its slopes in mu
 * (Phi(be) - Phi(al)) and in s (phi(al) - phi(be)). */
static double clipped_normal_mean(double mu, double s, double a, double b, double *dmu, double *ds)
{
    if (!(s > 0.0)) {
        *dmu = mu > a && mu < b;
        *ds = 0.0;
        return fmin(fmax(mu, a), b);
    }
    double al = (a - mu) / s, be = (b - mu) / s;
    double pa = gsl_cdf_ugaussian_P(al), qb = gsl_cdf_ugaussian_Q(be);
    double fa = gsl_ran_ugaussian_pdf(al), fb = gsl_ran_ugaussian_pdf(be);
    *dmu = 1.0 - pa - qb;
    *ds = fa - fb;
    return a * pa + b * qb + mu * (1.0 - pa - qb) + s * (fa - fb);
}

/* Expected radiation of a day after the clip to [0.2 Rso, Rso], its mean shifted by @p shift:
 * wet and dry draws weighted by PW (the SIMMETEO chain's stationary wet fraction), each
 * clipped normal with sd CV * mean * sd(x[2]); *slope gets its derivative in the shift. */
static double srad_expected(const gen *g, const dayparm *p, double shift, double *slope)
{
    double e = 0.0, de = 0.0, a = 0.2 * p->rso;
    for (int wet = 0; wet <= 1; wet++) {
        double weight = wet ? p->pw : 1.0 - p->pw;
        if (weight <= 0.0)
            continue;
        double mu = srad_draw_mean(g, p, shift, wet), k = srad_cv(wet) * g->x2_sd, dmu, ds;
        e += weight * clipped_normal_mean(mu, k * mu, a, p->rso, &dmu, &ds);
        if (mu > a) /* a mean held at 0.2 Rso does not move with the shift */
            de += weight * (dmu + k * ds);
    }
    *slope = de;
    return e;
}

/* Shift of the day's radiation mean that makes the expected clipped draw equal the day's
 * normal: the expectation rises with the shift, so a safeguarded Newton iteration in a bracket
 * finds it. Where the clip cannot reach the normal, the closest reachable: a normal below the
 * lowest mean the clip allows gets the shift that holds both draws' means at 0.2 Rso (any lower
 * gives the same); one above the highest, 0.988 Rso (PW 1) to 0.999 Rso (PW 0), which the
 * wet draws' lower tail keeps below Rso however high their mean, gets the largest shift
 * searched, 10 Rso, whose mean is within 0.5 % of that highest. The iteration starts from
 * @p guess, the day before's shift (the shifts change little from day to day). */
static double srad_shift(const gen *g, const dayparm *p, double guess)
{
    if (!(p->rso > 0.0))
        return 0.0; /* polar night: every draw is 0 */
    /* an unreachable normal drives the bisection to the bound it lies beyond */
    double slope, lo = 0.2 * p->rso - p->srad - p->pw * g->sdiff, hi = 10.0 * p->rso;
    double c = guess > lo && guess < hi ? guess : fmin(fmax(0.0, lo), hi);
    for (int it = 0; it < 100 && hi - lo > 1e-12 * p->rso; it++) {
        double f = srad_expected(g, p, c, &slope) - p->srad;
        if (fabs(f) <= 1e-10 * p->rso) /* under 5e-9 MJ/m2/d: Rso < 50 */
            break;
        if (f < 0.0)
            lo = c;
        else
            hi = c;
        double next = slope > 0.0 ? c - f / slope : 0.5 * (lo + hi);
        c = next > lo && next < hi ? next : 0.5 * (lo + hi);
    }
    return c;
}

/* @p need_year[k]: a common (k = 0) or leap (k = 1) year is generated, so its day table is
 * needed */
static int setup(agro_ctx *ctx, const agro_site *s, const char *station, const int need_year[2],
                 gen *g)
{
    int rc = check_site(ctx, s, station);
    if (rc)
        return rc;
    memset(g, 0, sizeof *g);
    g->krs = s->krs;
    g->lat = s->latitude_deg;
    g->elev = s->elevation_m;
    static const double mdays[12] = {31, 28.25, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    double pw[12], rwet[12], srad[12];
    int nsrad = 0, nwet = 0;
    double pwmn = 0.0, rwet_sum = 0.0;
    for (int m = 0; m < 12; m++) {
        int wet = s->rain_days[m] > 1e-4 && s->rain_mm[m] > 1e-4;
        /* SIMMETEO (SIMMIN): PW = wet days / days in month, RWET = rain / wet days; a month
         * without wet days is dry */
        pw[m] = wet ? s->rain_days[m] / mdays[m] : 0.0;
        rwet[m] = wet ? s->rain_mm[m] / s->rain_days[m] : NAN;
        if (wet)
            rwet_sum += rwet[m], nwet++;
        pwmn += pw[m] / 12.0;
        srad[m] = s->srad_MJ_m2_d[m];
        nsrad += isfinite(srad[m]);
    }
    /* dry months get the mean depth of the wet ones (only shapes the curve next to them) */
    for (int m = 0; m < 12; m++)
        if (isnan(rwet[m]))
            rwet[m] = nwet ? rwet_sum / nwet : RWET_MIN;
    if (nsrad != 0 && nsrad != 12)
        return agro_fail(ctx, AGRO_EMISSING, station, 0, "srad_MJ_m2_d",
                         "give all 12 monthly radiation normals or none (Hargreaves)");
    g->have_srad = nsrad == 12;
    mean_preserving_nodes(s->tmax_C, g->v_tmax);
    mean_preserving_nodes(s->tmin_C, g->v_tmin);
    bounded_nodes(pw, 0.0, 1.0, g->v_pw);
    mean_preserving_nodes(rwet, g->v_rwet);
    rwet_scales(s->rain_mm, g->v_rwet, g->v_pw, g->rwet_scale);
    if (g->have_srad)
        mean_preserving_nodes(srad, g->v_srad);
    /* SIMMETEO Tmax wet/dry contrast: TDIFF = |9.67 - 27.4 PDW| * 5/9 (F -> C), PDW = 0.75 PW */
    g->tdiff = fabs(9.67 - 27.4 * 0.75 * pwmn) * 5.0 / 9.0;
    /* SIMMETEO radiation contrast in langley: SDIFF = |410 - 3.21 LAT - 0.350 SAVG|,
     * 1 ly = 0.04189 MJ/m2 (SIMMIN) */
    double savg = 0.0;
    for (int32_t doy = 1; doy <= 365; doy++) {
        dayparm p;
        day_parm(g, 2001, doy, &p);
        savg += p.srad / 365.0;
    }
    g->sdiff = fabs(410.0 - 3.21 * s->latitude_deg - 0.350 * savg / 0.04189) * 0.04189;
    g->x2_sd = radiation_residual_sd();
    /* day_parm depends on the year only through February's length: one table per kind */
    for (int leap = 0; leap <= 1; leap++) {
        double c = 0.0;
        for (int32_t doy = 1; need_year[leap] && doy <= 365 + leap; doy++) {
            dayparm p;
            day_parm(g, leap ? 2000 : 2001, doy, &p);
            g->srad_shift[leap][doy - 1] = c = srad_shift(g, &p, c);
        }
    }
    return AGRO_OK;
}

/* Standard normal truncated to |e| <= 2.5, as WGENGN draws its residuals. */
static double trunc_normal(gsl_rng *r)
{
    for (;;) {
        double e = gsl_ran_gaussian(r, 1.0);
        if (fabs(e) <= 2.5)
            return e;
    }
}


/* gsl_rng_alloc reports an allocation failure through GSL's error handler, whose default aborts
 * the process and which is process-wide (turning it off would override a handler the host
 * program set). The same object made here fails with NULL instead: gsl_rng is the public pair
 * (type, state), its state type->size bytes, and gsl_rng_free frees both with free(). */
static gsl_rng *rng_alloc_quiet(const gsl_rng_type *type)
{
    gsl_rng *r = malloc(sizeof *r);
    if (!r)
        return NULL;
    r->type = type;
    r->state = calloc(1, type->size);
    if (!r->state) {
        free(r);
        return NULL;
    }
    return r; /* unseeded: the caller seeds it */
}

/* The 32 bits of mt19937's seed (gsl_rng_set keeps the low 32 of its unsigned long) for a 64-bit
 * seed: its low half plus the MurmurHash3 finaliser fmix32 (Appleby 2008, MurmurHash3.cpp) of its
 * high half, mod 2^32. fmix32 is a bijection with fmix32(0) = 0, so seeds below 2^32 are used as
 * given, seeds 2^32 apart differ, and consecutive seeds (a scenario's members, seed + m) stay
 * consecutive and distinct. The high half XORed into the low one (until the forty-third
 * session) made seed 2^32 the series of seed 1, and seed k 2^32 + m that of m XOR k: a scenario
 * seeded 2^32 or 2^33 drew the same 1000 weather members as one seeded 0, in another order. */
static uint32_t seed_fold(uint64_t seed)
{
    uint32_t h = (uint32_t)(seed >> 32);
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return (uint32_t)seed + h; /* unsigned: wraps mod 2^32 */
}

/* TAV and AMP (wx_tav_amp, the DSSAT .WTH/.CLI header's definitions, as wx_finish computes them
 * from days) of the site's normals, which the generated monthly means reproduce. */
static void site_tav_amp(const agro_site *site, double *tav_C, double *amp_C)
{
    double mean[12], one[12];
    for (int m = 0; m < 12; m++) {
        mean[m] = 0.5 * (site->tmax_C[m] + site->tmin_C[m]);
        one[m] = 1.0;
    }
    wx_tav_amp(mean, one, tav_C, amp_C);
}

int agro_weather_generate(agro_ctx *ctx, const agro_site *site, const char *station,
                          int32_t first_year, int32_t n_years, uint64_t seed, agro_weather **out)
{
    if (!site || !out)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "no site or output pointer");
    *out = NULL;
    if (n_years < 1 || n_years > 10000)
        return agro_fail(ctx, AGRO_ERANGE, station, 0, "years", "%d years outside [1, 10000]",
                         n_years);
    if (first_year < 1 || first_year > 10000 - n_years)
        return agro_fail(ctx, AGRO_ERANGE, station, 0, "first_year",
                         "years %d..%lld outside [1, 9999]", first_year,
                         (long long)first_year + n_years - 1); /* INT32_MAX + 1 overflowed int */
    int need_year[2] = {0, 0};
    for (int32_t y = first_year; y < first_year + n_years && !(need_year[0] && need_year[1]); y++)
        need_year[agro_is_leap_year(y) != 0] = 1;
    gen g;
    int rc = setup(ctx, site, station, need_year, &g);
    if (rc)
        return rc;
    agro_weather *w = NULL;
    rc = wx_alloc(ctx, "", n_years * 366, &w);
    if (rc)
        return rc;
    const char *name = station && station[0] ? station : "GEN";
    if ((rc = wx_set_station(ctx, w, name, strlen(name), NULL, 0, "station"))) {
        agro_weather_free(w);
        return rc;
    }
    w->info.latitude_deg = site->latitude_deg;
    w->info.longitude_deg = site->longitude_deg;
    w->info.elevation_m = site->elevation_m;
    /* TAV and AMP from the site's normals, as DSSAT's generator reads them from the climate
       file's header (WGEN.for WGENIN): the long-term values the soil temperature needs, the
       same whatever the years drawn (from the drawn days, a season's result moved with
       generate.years and one year overstated AMP by a quarter) */
    site_tav_amp(site, &w->info.tav_C, &w->info.amp_C);
    gsl_rng *r = rng_alloc_quiet(gsl_rng_mt19937);
    if (!r) {
        agro_weather_free(w);
        return agro_fail(ctx, AGRO_ENOMEM, station, 0, NULL, "cannot allocate the RNG");
    }
    /* mt19937 keeps 32 bits of its seed: fold the high half in (seed_fold) */
    gsl_rng_set(r, (unsigned long)seed_fold(seed));
    int wet_prev = 0;
    double xprev[3] = {0.0, 0.0, 0.0};
    for (int32_t y = first_year; y < first_year + n_years; y++) {
        /* the cancel point: between years (a day draws no check) */
        if (agro_ctx_cancelled(ctx)) {
            gsl_rng_free(r);
            agro_weather_free(w);
            return agro_fail(ctx, AGRO_ECANCELED, station, 0, NULL,
                             "cancelled before year %d (agro_ctx_cancel)", (int)y);
        }
        int32_t ndays = agro_days_in_year(y);
        for (int32_t doy = 1; doy <= ndays; doy++) {
            dayparm p;
            day_parm(&g, y, doy, &p);
            agro_weather_day d;
            wx_day_init(&d);
            d.year = y;
            d.doy = doy;
            /* rain occurrence: first-order Markov chain, PDW = 0.75 PW,
             * PWW = 1 - PDW (1 - PW) / PW (SIMMETEO, SIMMIN) */
            double pdw = 0.0, pww = 0.0;
            if (p.pw > 1e-6) {
                pdw = 0.75 * p.pw;
                pww = fmin(fmax(1.0 - pdw * (1.0 - p.pw) / p.pw, 0.0), 1.0);
            }
            double u = gsl_rng_uniform(r);
            int wet = wet_prev ? u < pww : u < pdw;
            d.rain_mm = 0.0;
            if (wet) {
                /* gamma depth (SIMMIN parameters); at least 0.1 mm on a wet day (WGENGN) */
                double alpha, beta;
                gamma_params(p.rwet, &alpha, &beta);
                d.rain_mm = fmax(gsl_ran_gamma(r, alpha, beta), 0.1);
            }
            /* residuals with lag-1 serial and cross correlation (WGENGN) */
            double e[3], x[3];
            for (int k = 0; k < 3; k++)
                e[k] = trunc_normal(r);
            for (int i = 0; i < 3; i++) {
                x[i] = 0.0;
                for (int j = 0; j < 3; j++)
                    x[i] += WG_A[i][j] * xprev[j] + WG_B[i][j] * e[j];
            }
            /* wet/dry means keep the day's mean: PW wet + (1 - PW) dry = normal; radiation's
             * shifted so that its clipped draw keeps it */
            double tx = wet ? p.tmax - (1.0 - p.pw) * g.tdiff : p.tmax + p.pw * g.tdiff;
            double sr = srad_draw_mean(&g, &p, g.srad_shift[agro_is_leap_year(y)][doy - 1], wet);
            /* SIMMETEO standard deviations: Tmax max(5.8 - 0.09 T, 0.5), Tmin
             * max(5.2 - 0.13 T, 0.5) (BRIEF 5.6) */
            double sx = fmax(5.8 - 0.09 * tx, 0.5), sn = fmax(5.2 - 0.13 * p.tmin, 0.5);
            double ss = srad_cv(wet) * sr;
            d.tmax_C = tx + sx * x[0];
            d.tmin_C = p.tmin + sn * x[1];
            /* radiation between 0.2 Rso and Rso (WGENGN bounds with FAO-56 clear-sky) */
            d.srad_MJ_m2_d = fmin(fmax(sr + ss * x[2], 0.2 * p.rso), p.rso);
            if (d.tmin_C > d.tmax_C) { /* WGENGN swaps a crossed pair */
                double t = d.tmax_C;
                d.tmax_C = d.tmin_C;
                d.tmin_C = t;
            }
            if (d.tmax_C - d.tmin_C < 0.1) /* WGENGN keeps at least 0.1 C apart */
                d.tmax_C = d.tmin_C + 0.1;
            wet_prev = wet;
            memcpy(xprev, x, sizeof x);
            rc = wx_push(ctx, w, &d, 0, 0);
            if (rc) {
                gsl_rng_free(r);
                agro_weather_free(w);
                return rc;
            }
        }
    }
    gsl_rng_free(r);
    wx_finish(w);
    *out = w;
    return AGRO_OK;
}
