/*
 * Validation statistics, DSSAT reference figures, and DSSAT standard data tables
 * (fertiliser N composition, atmospheric CO2 record).
 */
#include <math.h>
#include <string.h>

#include "agrosim/dssat.h"
#include "internal/error.h"

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
    double so = 0, ss = 0;
    int32_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(obs[i]) || !isfinite(sim[i]))
            continue;
        so += obs[i];
        ss += sim[i];
        m++;
    }
    if (m == 0)
        return AGRO_OK;
    double om = so / m, sm = ss / m;
    double sse = 0, pot = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(obs[i]) || !isfinite(sim[i]))
            continue;
        double e = sim[i] - obs[i];
        sse += e * e;
        /* Willmott (1981) potential error: (|P − Ō| + |O − Ō|)² */
        double p = fabs(sim[i] - om) + fabs(obs[i] - om);
        pot += p * p;
    }
    out->n = m;
    out->obs_mean = om;
    out->sim_mean = sm;
    out->rmse = sqrt(sse / m);                     /* RMSE = sqrt(Σ(P−O)²/n) */
    out->nrmse = om != 0 ? out->rmse / om : NAN;   /* normalised by the observed mean */
    out->bias = sm - om;                           /* mean(P − O) */
    out->willmott_d = pot > 0 ? 1.0 - sse / pot : 1.0; /* d = 1 − Σ(P−O)² / Σ(|P−Ō|+|O−Ō|)² */
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

/* Mauna Loa CO2, ppm: the mid-year (day 196/197) value of each year 1960–2021 from DSSAT-CSM
 * Data/StandardData/CO2048.WDA (Keeling et al. 2001, Scripps in-situ record). DSSAT's CO2
 * option 'M' steps through the file's monthly records day by day (CO2VAL); the season here
 * takes the planting year's mid-year value, within 1–2 ppm of it. */
static const double co2_midyear[] = {
    316.98, 317.68, 318.51, 319.06, 319.56, 320.10, 321.41, 322.14, 323.14, 324.69, /* 1960 */
    325.71, 326.33, 327.54, 329.77, 330.32, 331.21, 332.21, 334.00, 335.61, 336.95, /* 1970 */
    338.78, 340.00, 341.14, 342.89, 344.57, 345.92, 347.17, 348.99, 351.33, 352.79, /* 1980 */
    354.03, 355.49, 356.20, 356.90, 358.75, 360.85, 362.53, 363.72, 366.65, 368.24, /* 1990 */
    369.42, 370.98, 373.07, 375.67, 377.38, 379.69, 381.80, 383.62, 385.49, 387.46, /* 2000 */
    389.96, 391.74, 394.06, 396.72, 398.78, 400.95, 404.31, 406.55, 408.60, 411.52, /* 2010 */
    414.02, 416.18,                                                                 /* 2020 */
};

double agro_dssat_co2_ppm(int32_t year)
{
    const int32_t first = 1960;
    const int32_t n = (int32_t)(sizeof co2_midyear / sizeof co2_midyear[0]);
    if (year < first)
        return co2_midyear[0];
    if (year < first + n)
        return co2_midyear[year - first];
    /* beyond the record: the 2011–2021 mean growth, (416.18 − 391.74)/10 ppm per year */
    double slope = (co2_midyear[n - 1] - co2_midyear[n - 11]) / 10.0;
    return co2_midyear[n - 1] + slope * (year - (first + n - 1));
}

size_t agro_sizeof_fit_stats(void) { return sizeof(agro_fit_stats); }
size_t agro_sizeof_dssat_fertiliser_n(void) { return sizeof(agro_dssat_fertiliser_n); }
size_t agro_sizeof_dssat_site(void) { return sizeof(agro_dssat_site); }
size_t agro_sizeof_dssat_result(void) { return sizeof(agro_dssat_result); }
