/*
 * Validation statistics, DSSAT reference figures, and DSSAT standard data tables
 * (fertiliser N composition, atmospheric CO2 record).
 */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "agrosim/core.h"
#include "agrosim/dssat.h"
#include "internal/error.h"

/* Power-of-two scale for values whose largest magnitude has binary exponent @p exponent: 0
   (unscaled, the arithmetic of ordinary values exactly) while squares and sums of up to 2^31 terms
   stay normal doubles, else the exponent + 1, which brings the largest to below 1. A scale by 2^k
   is exact, so a scaled sum, square root or ratio is the unscaled one's rounding. */
static int fit_scale(int exponent, int hi)
{
    return exponent >= -480 && exponent <= hi ? 0 : exponent + 1;
}

/* Binary exponent of @p a - @p b (@p a != @p b), also where the difference overflows */
static int diff_exponent(double a, double b)
{
    double d = a - b;
    return isfinite(d) ? ilogb(d) : ilogb(ldexp(a, -1) - ldexp(b, -1)) + 1;
}

/* (@p a - @p b) * 2^-k, also where a - b overflows */
static double diff_scaled(double a, double b, int k)
{
    double d = a - b;
    return isfinite(d) ? ldexp(d, -k) : ldexp(ldexp(a, -1) - ldexp(b, -1), 1 - k);
}

/* (@p a / @p b) * 2^k (@p b != 0), also where a / b alone would overflow or underflow */
static double ratio_scaled(double a, double b, int k)
{
    if (k == 0)
        return a / b;
    int ea, eb;
    double fa = frexp(a, &ea), fb = frexp(b, &eb);
    return ldexp(fa / fb, ea - eb + k);
}

int agro_fit_stats_compute(agro_ctx *ctx, const double *obs, const double *sim, size_t n,
                           agro_fit_stats *out)
{
    if (!out || (n > 0 && (!obs || !sim)))
        return !out ? agro_fail(ctx, AGRO_EINVAL, NULL, 0, "out", "NULL argument")
                    : agro_fail(ctx, AGRO_EINVAL, NULL, 0, !obs ? "obs" : "sim",
                                "NULL array with n = %zu", n);
    out->n = 0;
    out->obs_mean = out->sim_mean = out->rmse = out->nrmse = NAN;
    out->bias = out->willmott_d = NAN;
    /* the pairs are counted in agro_fit_stats.n, an int32 (a public struct: widening it would
       change its layout), and fit_scale keeps sums of up to 2^31 terms normal: more elements
       than that are refused before any is read (2^31 + 1 zero pairs gave n -2147483647 with
       AGRO_OK, the count past INT32_MAX being undefined behaviour) */
    if (n > (size_t)INT32_MAX)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "n",
                         "must be at most %d elements, the pairs agro_fit_stats.n counts (%zu)",
                         (int)INT32_MAX, n);
    /* NaN is a missing value (validate's unobserved pairs); an infinity is no value to compare */
    double amax = 0;
    int32_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (isinf(obs[i]) || isinf(sim[i]))
            return agro_fail_element(ctx, AGRO_ERANGE, isinf(obs[i]) ? "obs" : "sim", i,
                                     "infinite (a missing value is NaN, which is skipped)",
                                     isinf(obs[i]) ? obs[i] : sim[i]);
        if (isnan(obs[i]) || isnan(sim[i]))
            continue;
        amax = fmax(amax, fmax(fabs(obs[i]), fabs(sim[i])));
        m++;
    }
    if (m == 0)
        return AGRO_OK;
    /* values near the ends of the double range (1e200, 1e-200) are summed, squared and compared
       at a scale where the sums and squares are representable: without it RMSE was inf and d NaN */
    const int ka = amax > 0 ? fit_scale(ilogb(amax), 480) : 0;
    double so = 0, ss = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(obs[i]) || isnan(sim[i]))
            continue;
        so += ldexp(obs[i], -ka);
        ss += ldexp(sim[i], -ka);
    }
    double om = so / m, sm = ss / m; /* the means at scale 2^-ka */
    int emax = INT_MIN, pmax = INT_MIN;
    for (size_t i = 0; i < n; i++) {
        if (isnan(obs[i]) || isnan(sim[i]))
            continue;
        int x = sim[i] != obs[i] ? diff_exponent(sim[i], obs[i]) : INT_MIN;
        emax = x > emax ? x : emax;
        double p = fabs(ldexp(sim[i], -ka) - om) + fabs(ldexp(obs[i], -ka) - om);
        x = p > 0 ? ilogb(p) : INT_MIN;
        pmax = x > pmax ? x : pmax;
    }
    const int ke = emax == INT_MIN ? 0 : fit_scale(emax, 490);
    const int kp = pmax == INT_MIN ? 0 : fit_scale(pmax, 490);
    double sse = 0, pot = 0; /* at scales 4^-ke and 4^-(ka + kp) */
    for (size_t i = 0; i < n; i++) {
        if (isnan(obs[i]) || isnan(sim[i]))
            continue;
        double e = diff_scaled(sim[i], obs[i], ke);
        sse += e * e;
        /* Willmott (1981) potential error: (|P − Ō| + |O − Ō|)² */
        double p = ldexp(fabs(ldexp(sim[i], -ka) - om) + fabs(ldexp(obs[i], -ka) - om), -kp);
        pot += p * p;
    }
    const double rmse = sqrt(sse / m);             /* RMSE = sqrt(Σ(P−O)²/n), at scale 2^-ke */
    const double st[3] = {ldexp(rmse, ke), ldexp(sm - om, ka), /* bias = mean(P − O) */
                          om != 0 ? ratio_scaled(rmse, om, ke - ka) : NAN}; /* RMSE / Ō */
    static const char *const name[3] = {"RMSE", "bias", "nRMSE"};
    for (int k = 0; k < 3; k++)
        if (isinf(st[k]))
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "out",
                             "the %s of these %d pairs is beyond the range of a double", name[k],
                             (int)m);
    out->n = m;
    out->obs_mean = ldexp(om, ka);
    out->sim_mean = ldexp(sm, ka);
    out->rmse = st[0];
    out->nrmse = st[2];                            /* normalised by the observed mean */
    out->bias = st[1];
    /* d = 1 − Σ(P−O)² / Σ(|P−Ō|+|O−Ō|)² */
    out->willmott_d = pot > 0 ? 1.0 - ldexp(sse / pot, 2 * (ke - ka - kp)) : 1.0;
    /* Σ(P−O)² ≤ Σ(|P−Ō|+|O−Ō|)² term by term, so d ≥ 0; equal sums (every P on the other side
       of Ō from its O) may round to a ratio of 1 + 2e-16 */
    if (out->willmott_d < 0.0)
        out->willmott_d = 0.0;
    return AGRO_OK;
}

/* DSSAT-CSM 4.8.2 with the shipped coefficients on the calibration set of the shared data
 * (source: ../shared/validation/README.md, "What DSSAT itself reaches on the calibration
 * set"). Columns: n, observed mean, RMSE, nRMSE (fraction), bias, d. */
static const struct {
    const char *crop;
    int32_t var;
    int32_t n;
    double obs_mean, rmse, nrmse, bias, d;
} reference[] = {
    {"MZ", AGRO_DSSAT_VAR_YIELD, 27, 6658, 948, 0.142, 11, 0.974},
    {"MZ", AGRO_DSSAT_VAR_ANTHESIS, 23, 76.5, 1.5, 0.019, -0.1, 0.966},
    {"MZ", AGRO_DSSAT_VAR_MATURITY, 23, 136.5, 8.0, 0.058, -2.0, 0.862},
    {"SB", AGRO_DSSAT_VAR_YIELD, 57, 2833, 352, 0.124, 24, 0.960},
    {"SB", AGRO_DSSAT_VAR_ANTHESIS, 49, 50.3, 1.9, 0.038, 0.0, 0.994},
    {"SB", AGRO_DSSAT_VAR_MATURITY, 49, 120.1, 6.2, 0.052, -2.3, 0.973},
};

int agro_dssat_reference_stats(const char *crop, int32_t variable, agro_fit_stats *out)
{
    if (!crop || !out)
        return AGRO_EINVAL;
    for (size_t i = 0; i < sizeof reference / sizeof reference[0]; i++) {
        if (strcmp(reference[i].crop, crop) != 0 || reference[i].var != variable)
            continue;
        out->n = reference[i].n;
        out->obs_mean = reference[i].obs_mean;
        out->sim_mean = reference[i].obs_mean + reference[i].bias;
        out->rmse = reference[i].rmse;
        out->nrmse = reference[i].nrmse;
        out->bias = reference[i].bias;
        out->willmott_d = reference[i].d;
        return AGRO_OK;
    }
    return AGRO_ENOTFOUND;
}

/* N composition of DSSAT fertiliser materials, % of total N as NO3, NH4, urea
 * (DSSAT-CSM Data/StandardData/FERCH048.SDA, v4.8.0.5, 2021-04-23). */
static const struct {
    int32_t code;
    double no3, nh4, urea;
} fertilisers[] = {
    {1, 50, 50, 0},      /* ammonium nitrate */
    {2, 0, 100, 0},      /* ammonium sulfate */
    {3, 33, 67, 0},      /* ammonium nitrate sulfate */
    {4, 0, 100, 0},      /* anhydrous ammonia */
    {5, 0, 0, 100},      /* urea */
    {6, 0, 100, 0},      /* diammonium phosphate */
    {7, 0, 100, 0},      /* monoammonium phosphate */
    {8, 100, 0, 0},      /* calcium nitrate */
    {9, 0, 100, 0},      /* aqua ammonia */
    {10, 28, 28, 44},    /* urea ammonium nitrate */
    {11, 50, 50, 0},     /* calcium ammonium nitrate */
    {12, 0, 100, 0},     /* ammonium polyphosphate */
    {13, 0, 0, 0},       /* single super phosphate (no N) */
    {14, 0, 0, 0},       /* triple super phosphate */
    {15, 0, 0, 0},       /* liquid phosphoric acid */
    {16, 0, 0, 0},       /* potassium chloride */
    {17, 100, 0, 0},     /* potassium nitrate */
    {18, 0, 0, 0},       /* potassium sulfate */
    {19, 0, 0, 100},     /* urea super granules */
    {20, 0, 0, 0},       /* dolomitic limestone */
    {21, 0, 0, 0},       /* rock phosphate */
    {22, 0, 0, 0},       /* calcitic limestone */
    {23, 0, 50, 50},     /* urea ammonium sulfate */
    {24, 0, 0, 0},       /* rhizobium */
    {26, 0, 0, 0},       /* calcium hydroxide */
    {27, 50, 50, 0},     /* NPK - ammonium nitrate */
    {28, 0, 0, 100},     /* NPK - urea */
    {29, 25, 25, 50},    /* NPK - ammonium nitrate urea */
    {36, 28.1, 28.1, 43.8}, /* 32 % UAN */
    {37, 28.0, 28.0, 44.0}, /* 30 % UAN */
    {38, 28.6, 28.5, 42.9}, /* 28 % UAN */
    {39, 50, 50, 0},     /* 21 % AN solution */
    {40, 50, 50, 0},     /* 19 % AN solution */
    {41, 50, 50, 0},     /* ammonium nitrate limestone */
    {42, 0, 100, 0},     /* ammoniated super phosphate */
    {43, 50, 50, 0},     /* ammonium phosphate nitrate */
    {44, 0, 100, 0},     /* ammonium phosphate sulfate */
    {45, 28, 28, 44},    /* urea ammonium phosphate */
    {46, 0, 0, 100},     /* urea phosphate */
    {50, 2, 98, 0},      /* calcium cyanamide */
    {51, 20, 0, 80},     /* calcium nitrate-urea */
    {55, 100, 0, 0},     /* sodium nitrate */
    {56, 100, 0, 0},     /* magnesium nitrate */
    {57, 0, 100, 0},     /* ammonium thiosulfate */
    {58, 0, 100, 0},     /* ammonium polysulfide */
    {59, 0, 100, 0},     /* ammonium sulfate solution */
    {60, 25, 75, 0},     /* ammonium sulfate-nitrate */
    {61, 0, 100, 0},     /* ferrous ammonium sulfate */
    {62, 0, 100, 0},     /* liquid ammonium polyphosphate */
    {63, 100, 0, 0},     /* nitric phosphate */
    {64, 100, 0, 0},     /* nitric acid */
    {65, 0, 0, 100},     /* urea solution */
    {66, 0, 100, 0},     /* zinc ammonium sulfate solution */
    {67, 0, 100, 0},     /* zinc manganese ammonium sulfate */
    {68, 0, 100, 0},     /* ammonium metaphosphate */
    {69, 0, 100, 0},     /* ammonium phosphate */
    {70, 100, 0, 0},     /* potassium-sodium nitrate */
};

/* Materials whose FertP or FertK column is above 0 or "var" (FERCH048.SDA as above, commit
 * 63f46dd): what DSSAT's FERTILIZERTYPE (FertType_mod.for, HASE_check) calls HASP and HASK. */
static const int32_t fert_with_p[] = {6, 7, 12, 13, 14, 15, 21, 27, 28, 29, 42, 43, 44, 45, 46, 62, 63, 68, 69};
static const int32_t fert_with_k[] = {16, 17, 18, 27, 28, 29, 70};

static int listed(const int32_t *list, size_t n, int32_t material)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == material)
            return 1;
    return 0;
}

void agro_dssat_fertiliser_carries(int32_t material, int *has_p, int *has_k)
{
    *has_p = listed(fert_with_p, sizeof fert_with_p / sizeof fert_with_p[0], material);
    *has_k = listed(fert_with_k, sizeof fert_with_k / sizeof fert_with_k[0], material);
}

int agro_dssat_fertiliser_composition(int32_t material, agro_dssat_fertiliser_n *out)
{
    if (!out)
        return AGRO_EINVAL;
    for (size_t i = 0; i < sizeof fertilisers / sizeof fertilisers[0]; i++) {
        if (fertilisers[i].code != material)
            continue;
        out->no3_fraction = fertilisers[i].no3 / 100.0;
        out->nh4_fraction = fertilisers[i].nh4 / 100.0;
        out->urea_fraction = fertilisers[i].urea / 100.0;
        return AGRO_OK;
    }
    return AGRO_ENOTFOUND;
}

/* Mauna Loa CO2, ppm: the monthly records of DSSAT-CSM Data/StandardData/CO2048.WDA (v4.8.0.1,
 * 2021-05-06; Keeling et al. 2001, Scripps in-situ record), by year from 1958 and month, each
 * dated the 15th (February the 14th: day 15, 45, 74/75, ...); NAN where the file has -99.99,
 * which CO2VAL skips. */
enum { CO2_FIRST_YEAR = 1958 };
static const double co2_monthly[][12] = {
    {    NAN,    NAN, 314.91, 314.99, 315.07, 315.15, 315.22, 315.29, 315.35, 315.41, 315.46, 315.52}, /* 1958 */
    { 315.57, 315.64, 315.70, 315.77, 315.85, 315.94, 316.03, 316.13, 316.22, 316.31, 316.40, 316.48}, /* 1959 */
    { 316.56, 316.64, 316.72, 316.80, 316.87, 316.93, 316.98, 317.02, 317.05, 317.08, 317.11, 317.15}, /* 1960 */
    { 317.20, 317.27, 317.34, 317.42, 317.50, 317.59, 317.68, 317.77, 317.85, 317.92, 317.99, 318.06}, /* 1961 */
    { 318.13, 318.20, 318.26, 318.33, 318.39, 318.45, 318.51, 318.56, 318.60, 318.64, 318.68, 318.72}, /* 1962 */
    { 318.76, 318.81, 318.86, 318.91, 318.97, 319.02, 319.06, 319.10, 319.15, 319.19, 319.23, 319.28}, /* 1963 */
    { 319.32, 319.37, 319.41, 319.45, 319.49, 319.53, 319.56, 319.59, 319.61, 319.62, 319.64, 319.66}, /* 1964 */
    { 319.69, 319.73, 319.77, 319.84, 319.91, 320.00, 320.10, 320.21, 320.33, 320.44, 320.55, 320.67}, /* 1965 */
    { 320.79, 320.91, 321.01, 321.12, 321.23, 321.32, 321.41, 321.49, 321.56, 321.62, 321.69, 321.75}, /* 1966 */
    { 321.80, 321.86, 321.91, 321.96, 322.02, 322.08, 322.14, 322.21, 322.28, 322.35, 322.42, 322.50}, /* 1967 */
    { 322.57, 322.65, 322.74, 322.83, 322.93, 323.03, 323.14, 323.26, 323.37, 323.49, 323.62, 323.75}, /* 1968 */
    { 323.89, 324.03, 324.16, 324.31, 324.44, 324.57, 324.69, 324.81, 324.91, 325.00, 325.08, 325.16}, /* 1969 */
    { 325.24, 325.33, 325.40, 325.48, 325.56, 325.63, 325.71, 325.77, 325.84, 325.89, 325.93, 325.97}, /* 1970 */
    { 326.01, 326.05, 326.09, 326.14, 326.20, 326.27, 326.33, 326.41, 326.48, 326.55, 326.62, 326.70}, /* 1971 */
    { 326.79, 326.88, 326.98, 327.10, 327.23, 327.38, 327.54, 327.72, 327.92, 328.11, 328.31, 328.51}, /* 1972 */
    { 328.72, 328.93, 329.11, 329.31, 329.48, 329.64, 329.77, 329.88, 329.96, 330.02, 330.05, 330.08}, /* 1973 */
    { 330.10, 330.13, 330.15, 330.19, 330.23, 330.27, 330.32, 330.37, 330.42, 330.48, 330.53, 330.59}, /* 1974 */
    { 330.67, 330.75, 330.83, 330.92, 331.02, 331.12, 331.21, 331.31, 331.40, 331.48, 331.57, 331.65}, /* 1975 */
    { 331.73, 331.81, 331.88, 331.96, 332.04, 332.12, 332.21, 332.30, 332.41, 332.52, 332.65, 332.79}, /* 1976 */
    { 332.95, 333.12, 333.28, 333.47, 333.65, 333.83, 334.00, 334.17, 334.32, 334.47, 334.61, 334.75}, /* 1977 */
    { 334.89, 335.02, 335.14, 335.27, 335.39, 335.50, 335.61, 335.71, 335.81, 335.90, 336.00, 336.10}, /* 1978 */
    { 336.21, 336.32, 336.43, 336.55, 336.68, 336.82, 336.95, 337.09, 337.24, 337.38, 337.54, 337.70}, /* 1979 */
    { 337.86, 338.03, 338.19, 338.35, 338.50, 338.65, 338.78, 338.92, 339.04, 339.15, 339.26, 339.36}, /* 1980 */
    { 339.47, 339.57, 339.66, 339.75, 339.83, 339.92, 340.00, 340.09, 340.19, 340.29, 340.40, 340.50}, /* 1981 */
    { 340.61, 340.72, 340.81, 340.90, 340.98, 341.06, 341.14, 341.22, 341.31, 341.40, 341.52, 341.65}, /* 1982 */
    { 341.80, 341.97, 342.14, 342.33, 342.52, 342.71, 342.89, 343.06, 343.23, 343.38, 343.53, 343.68}, /* 1983 */
    { 343.82, 343.96, 344.09, 344.22, 344.34, 344.46, 344.57, 344.69, 344.80, 344.92, 345.04, 345.16}, /* 1984 */
    { 345.28, 345.41, 345.52, 345.63, 345.73, 345.83, 345.92, 346.00, 346.09, 346.17, 346.26, 346.35}, /* 1985 */
    { 346.45, 346.56, 346.67, 346.79, 346.92, 347.05, 347.17, 347.30, 347.43, 347.56, 347.69, 347.82}, /* 1986 */
    { 347.96, 348.12, 348.27, 348.44, 348.61, 348.80, 348.99, 349.18, 349.38, 349.57, 349.77, 349.97}, /* 1987 */
    { 350.18, 350.39, 350.58, 350.78, 350.97, 351.16, 351.33, 351.50, 351.66, 351.80, 351.93, 352.05}, /* 1988 */
    { 352.17, 352.29, 352.38, 352.49, 352.59, 352.69, 352.79, 352.89, 352.99, 353.08, 353.18, 353.28}, /* 1989 */
    { 353.38, 353.49, 353.58, 353.69, 353.79, 353.91, 354.03, 354.16, 354.30, 354.44, 354.59, 354.73}, /* 1990 */
    { 354.88, 355.02, 355.14, 355.25, 355.35, 355.43, 355.49, 355.55, 355.61, 355.67, 355.73, 355.80}, /* 1991 */
    { 355.87, 355.94, 356.00, 356.06, 356.12, 356.16, 356.20, 356.23, 356.26, 356.29, 356.33, 356.37}, /* 1992 */
    { 356.43, 356.49, 356.55, 356.63, 356.71, 356.80, 356.90, 357.01, 357.14, 357.28, 357.43, 357.59}, /* 1993 */
    { 357.76, 357.93, 358.09, 358.26, 358.42, 358.59, 358.75, 358.93, 359.11, 359.29, 359.47, 359.65}, /* 1994 */
    { 359.84, 360.02, 360.18, 360.35, 360.52, 360.69, 360.85, 361.01, 361.17, 361.33, 361.49, 361.65}, /* 1995 */
    { 361.80, 361.95, 362.08, 362.20, 362.32, 362.43, 362.53, 362.62, 362.71, 362.79, 362.87, 362.95}, /* 1996 */
    { 363.03, 363.12, 363.21, 363.31, 363.43, 363.57, 363.72, 363.89, 364.10, 364.31, 364.56, 364.81}, /* 1997 */
    { 365.08, 365.35, 365.60, 365.88, 366.14, 366.40, 366.65, 366.88, 367.10, 367.29, 367.47, 367.62}, /* 1998 */
    { 367.75, 367.87, 367.95, 368.04, 368.11, 368.18, 368.24, 368.32, 368.39, 368.47, 368.56, 368.64}, /* 1999 */
    { 368.73, 368.83, 368.92, 369.03, 369.15, 369.28, 369.42, 369.56, 369.71, 369.85, 369.99, 370.12}, /* 2000 */
    { 370.25, 370.37, 370.48, 370.60, 370.72, 370.85, 370.98, 371.13, 371.28, 371.43, 371.60, 371.76}, /* 2001 */
    { 371.93, 372.10, 372.26, 372.45, 372.65, 372.86, 373.07, 373.30, 373.53, 373.76, 373.99, 374.22}, /* 2002 */
    { 374.44, 374.66, 374.85, 375.07, 375.27, 375.47, 375.67, 375.86, 376.04, 376.21, 376.37, 376.51}, /* 2003 */
    { 376.65, 376.78, 376.90, 377.02, 377.14, 377.26, 377.38, 377.52, 377.67, 377.83, 378.02, 378.20}, /* 2004 */
    { 378.41, 378.62, 378.82, 379.04, 379.26, 379.48, 379.69, 379.91, 380.12, 380.32, 380.52, 380.70}, /* 2005 */
    { 380.88, 381.06, 381.20, 381.36, 381.51, 381.65, 381.80, 381.94, 382.09, 382.24, 382.39, 382.54}, /* 2006 */
    { 382.69, 382.84, 382.99, 383.15, 383.30, 383.46, 383.62, 383.79, 383.95, 384.11, 384.26, 384.41}, /* 2007 */
    { 384.56, 384.70, 384.84, 384.99, 385.15, 385.32, 385.49, 385.66, 385.82, 385.98, 386.14, 386.29}, /* 2008 */
    { 386.44, 386.60, 386.75, 386.92, 387.09, 387.27, 387.46, 387.66, 387.88, 388.09, 388.31, 388.54}, /* 2009 */
    { 388.77, 388.99, 389.19, 389.40, 389.59, 389.78, 389.96, 390.13, 390.30, 390.45, 390.61, 390.74}, /* 2010 */
    { 390.88, 391.01, 391.13, 391.27, 391.42, 391.58, 391.74, 391.92, 392.10, 392.28, 392.47, 392.65}, /* 2011 */
    { 392.84, 393.03, 393.21, 393.42, 393.62, 393.84, 394.06, 394.30, 394.54, 394.78, 395.02, 395.25}, /* 2012 */
    { 395.49, 395.71, 395.91, 396.13, 396.33, 396.53, 396.72, 396.92, 397.11, 397.29, 397.47, 397.64}, /* 2013 */
    { 397.81, 397.98, 398.13, 398.30, 398.46, 398.62, 398.78, 398.94, 399.10, 399.26, 399.43, 399.59}, /* 2014 */
    { 399.77, 399.94, 400.11, 400.30, 400.50, 400.72, 400.95, 401.22, 401.50, 401.80, 402.11, 402.42}, /* 2015 */
    { 402.74, 403.04, 403.32, 403.60, 403.85, 404.09, 404.31, 404.54, 404.76, 404.97, 405.18, 405.37}, /* 2016 */
    { 405.56, 405.75, 405.90, 406.07, 406.23, 406.39, 406.55, 406.71, 406.86, 407.02, 407.17, 407.32}, /* 2017 */
    { 407.47, 407.63, 407.78, 407.96, 408.15, 408.37, 408.60, 408.86, 409.13, 409.39, 409.67, 409.92}, /* 2018 */
    { 410.18, 410.42, 410.63, 410.86, 411.08, 411.30, 411.52, 411.74, 411.96, 412.18, 412.40, 412.62}, /* 2019 */
    { 412.83, 413.04, 413.23, 413.43, 413.63, 413.83, 414.02, 414.22, 414.41, 414.60, 414.78, 414.95}, /* 2020 */
    { 415.13, 415.29, 415.45, 415.62, 415.79, 415.98, 416.18, 416.40, 416.64, 416.88, 417.14, 417.40}, /* 2021 */
    { 417.67,    NAN,    NAN,    NAN,    NAN,    NAN,    NAN,    NAN,    NAN,    NAN,    NAN,    NAN}, /* 2022 */
};
enum { CO2_YEARS = (int)(sizeof co2_monthly / sizeof co2_monthly[0]) };

/* Day of year of CO2048.WDA's record of month @p m (0-based) of @p year: the file dates them on
   the 15th, February's on the 14th (day 45) */
static int32_t co2_record_doy(int32_t year, int m)
{
    int32_t doy = 0;
    (void)agro_date_to_doy(year, m + 1, m == 1 ? 14 : 15, &doy); /* (a valid date) */
    return doy;
}

double agro_dssat_co2_ppm_on(int32_t year, int32_t doy)
{
    /* CO2VAL (SEASINIT, then RATE day by day): the latest record on or before the day; before
       the first record the first one (CO2 = FCO2(1)), after the last one the last one. The
       runner asks every day: the search starts at the day's own year and walks back, a few
       cells, instead of from 1958 */
    int32_t k = year - CO2_FIRST_YEAR;
    int m = 11;
    if (k >= CO2_YEARS)
        k = CO2_YEARS - 1;
    else if (k >= 0)
        while (m >= 0 && co2_record_doy(year, m) > doy)
            m--;
    for (; k >= 0; k--, m = 11)
        for (; m >= 0; m--)
            if (!isnan(co2_monthly[k][m]))
                return co2_monthly[k][m];
    /* before the first record */
    for (k = 0; k < CO2_YEARS; k++)
        for (m = 0; m < 12; m++)
            if (!isnan(co2_monthly[k][m]))
                return co2_monthly[k][m];
    return NAN;
}

double agro_dssat_co2_ppm(int32_t year)
{
    /* the July record (day 196/197) of 1960-2021, as this function gave before the monthly
       table: 1960's before, the 2011-2021 growth per year after */
    const int32_t lo = 1960, hi = 2021;
    if (year < lo)
        year = lo;
    if (year <= hi)
        return co2_monthly[year - CO2_FIRST_YEAR][6];
    const double last = co2_monthly[hi - CO2_FIRST_YEAR][6];
    const double slope = (last - co2_monthly[hi - 10 - CO2_FIRST_YEAR][6]) / 10.0;
    return last + slope * (year - hi);
}

size_t agro_sizeof_fit_stats(void) { return sizeof(agro_fit_stats); }
size_t agro_sizeof_dssat_fertiliser_n(void) { return sizeof(agro_dssat_fertiliser_n); }
size_t agro_sizeof_dssat_site(void) { return sizeof(agro_dssat_site); }
size_t agro_sizeof_dssat_result(void) { return sizeof(agro_dssat_result); }
