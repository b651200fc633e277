/*
 * Soil temperature with depth and time.
 *
 * Numerical method: 1-D heat conduction dT/dt = (1/C) d/dz(λ dT/dz) by finite volumes on a
 * geometric grid (node 0 at the surface), θ-weighted in time (θ = 0.5 Crank–Nicolson, 0.6 as
 * in Campbell 1985 / APSIM SoilTemperature.cs, 1 fully implicit), sub-daily steps.
 * Thermal properties from water content, bulk density, clay and organic carbon (Campbell 1985;
 * de Vries 1963). Surface boundary: the diurnal air temperature wave (Campbell & Norman 1998),
 * a radiative excess (DSSAT STEMP.for) spread over daylight by solar elevation, canopy shading,
 * the STEMP_EPIC cover lag for residue/biomass, and a plastic-film warming term (BRIEF §5.5).
 *
 * The tridiagonal system is solved with our own (twisted) Thomas sweep on arrays allocated at
 * create:
 * gsl_linalg_solve_tridiag / _symm_tridiag call malloc on every call (checked in GSL 2.7
 * linalg/tridiag.c), which the no-allocation-in-step rule forbids; tests check the sweep
 * against gsl_linalg_solve_symm_tridiag.
 *
 * STEMP method: DSSAT STEMP.for (EPIC heritage), damped annual cosine plus the deviation of the
 * 5-day running mean surface temperature, implemented from the equations in BRIEF §5.4. The
 * surface term is the mean air temperature, as DSSAT-CSM 4.8.2 (METMP = D), or on request the
 * albedo-weighted radiative estimate of DSSAT up to 4.8.0 (options.stemp_surface).
 *
 * EPIC method: DSSAT STEMP_EPIC.for (METMP = E), in temp_epic.c; this file validates its drivers
 * and dispatches to it (state in st->epic).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agrosim/soil_temp.h"
#include "agrosim/soil_water.h"
#include "internal/error.h"
#include "internal/soil_temp_epic.h"
#include "soil_temp_internal.h"

#define PI 3.14159265358979323846
#define SECONDS_PER_DAY 86400.0

/* Plastic-film surface warming, °C at the soil surface, open sky, cool soil.
 * Day peak: clear +6 (top of "+1–6 °C by day", S67); black +4 (black film warms the soil less
 * than clear, Ham et al. 1993 JASHS 118:188 [S69]; "up to +5.6 °C at 5 cm" [S68]).
 * Night: +1.5 clear, +1.0 black ("only +1–2 °C at night", S67). */
#define FILM_CLEAR_DAY_C 6.0
#define FILM_CLEAR_NIGHT_C 1.5
#define FILM_BLACK_DAY_C 4.0
#define FILM_BLACK_NIGHT_C 1.0
/* Warming shrinks where bare soil is already warm (negative correlation, HortTechnology 25:162
 * [S70]); the linear form and its end points (full at ≤ 15 °C, none at ≥ 35 °C daily mean bare
 * surface) are our assumption, not a fitted value. */
#define FILM_FULL_BELOW_C 15.0
#define FILM_NONE_ABOVE_C 35.0
/* The temperatures a state may hold, °C: every node, the initial value and a prescribed
 * surface. The weather-driven surface is held to them too (agro_soil_temp_step refuses a day
 * beyond), so every state the model makes can be set again (agro_soil_temp_set_nodes). The
 * model's own surface peak reaches about 90 °C on the hottest desert days (50/25 °C air,
 * 30 MJ/m²; bare soil has been measured at 70–80 °C, Mildrexler et al. 2011, BAMS 92:855);
 * the lower bound is below the coldest air measured (−89.2 °C, Vostok). */
#define STATE_MIN_C (-90.0)
#define STATE_MAX_C 150.0
/* Calls of SOILT at season initialisation (STEMP.for SEASINIT, DO I = 1, 8) */
#define STEMP_INIT_CALLS 8
/* Radiation reaching the soil under a canopy: Beer's law exp(−k·LAI), k = 0.5 (Ritchie 1972 soil
 * evaporation under a canopy uses the same form). */
#define CANOPY_K 0.5

/* Linear interpolation between nodes a and b = a + 1 with weight f, precomputed for a fixed
 * depth; exact = 1 returns v[a] (depth at or beyond the grid ends). */
typedef struct lerp_t {
    int32_t a, b, exact;
    double f;
} lerp_t;

struct agro_soil_temp {
    agro_soil_temp_options opt;
    agro_soil_profile prof;
    int32_t n;       /* nodes */
    int32_t nsteps;  /* sub-steps per day */
    double dt;       /* s */
    int32_t lo, hi;  /* range of unknown nodes */
    int32_t cover;
    double residue_t_ha;
    int32_t days;        /* days stepped */
    int32_t props_ok;    /* properties and factorisation current */
    int32_t *layer;      /* soil layer of each node */
    /* grid and properties */
    double *z, *dz, *vol, *lam, *cap, *K, *thf, *m;
    /* state and workspaces */
    double *T, *Tsave, *diag, *off, *w, *bp /* 1/pivot */, *rhs, *ts;
    /* per sub-step k (end time th = 24·(k+1)/ns h), fixed at create: cos of the hour angle
     * cos(π(th − 12)/12) and the Campbell & Norman air-temperature shape Γ(th) */
    double *hcos, *gamma;
    /* daily statistics per node */
    double *sum, *dmean, *dmin, *dmax;
    double sw[AGRO_SOIL_MAX_LAYERS];
    /* Cover lag (DSSAT STEMP_EPIC's X2_PREV): the air-based daily surface means (cover_mean of
     * surface_from_weather) of the last five days, newest first, and how many are filled (0
     * before the first day). Today's value waits in cover_today until the day's step has
     * succeeded. */
    double cover_hist[5];
    int32_t cover_n;
    double cover_today;
    /* STEMP state */
    double tma[5], atot;
    int32_t stemp_init;
    double st_alx, st_dt, st_dd_mm;
    double st_dt_init; /* st_dt after SEASINIT's 8 calls, before the first day's own (DT) */
    double st_cos_alx, st_sin_alx; /* cos and sin of st_alx, for the layer means */
    /* Constants of the profile, computed once at create (they were per-day work). */
    lerp_t lerp_a[AGRO_SOIL_MAX_LAYERS];   /* layer top */
    lerp_t lerp_b[AGRO_SOIL_MAX_LAYERS];   /* layer bottom (clipped at the grid bottom) */
    int32_t node0[AGRO_SOIL_MAX_LAYERS];   /* first node strictly below the layer top */
    int32_t node1[AGRO_SOIL_MAX_LAYERS];   /* first node at or below the clipped bottom */
    int32_t below_grid[AGRO_SOIL_MAX_LAYERS]; /* layer top at or below the grid bottom */
    double layer_bot_m[AGRO_SOIL_MAX_LAYERS]; /* layer bottom clipped at the grid bottom, m */
    double stemp_mid_cm[AGRO_SOIL_MAX_LAYERS]; /* STEMP evaluation depth (DSSAT DSMID), cm */
    /* The mid-depths as whole multiples of one unit (stemp_unit_cm > 0; 0: not commensurate):
     * stemp_step[L] = (mid[L] − mid[L−1])/unit, so the layer means need one exp and one
     * sin/cos pair per day instead of one of each per layer (see stemp_layer_means). */
    double stemp_unit_cm;
    int32_t stemp_step[AGRO_SOIL_MAX_LAYERS];
    double thick_cm[AGRO_SOIL_MAX_LAYERS];  /* layer thickness, cm */
    double stemp_tll, stemp_cumdpt_mm, stemp_ww, stemp_b, stemp_dp_mm; /* STEMP profile terms */
    /* EPIC method (temp_epic.c): profile constants and the state kept between days */
    epic_profile epic_p;
    epic_state epic;
    /* θ-scheme coefficients of the day, from update_properties: explicit interface conductance
     * (1 − θ_f)·K and the implicit boundary couplings θ_f·K at the top and bottom. */
    double *kex;
    double ktop, kbot;
    /* twisted ("burn at both ends") factorisation: rows lo..mid−1 eliminated downwards, rows
     * hi..mid+1 upwards, meeting at row mid; w = elimination multipliers, bp = reciprocal
     * pivots, cb = back-substitution coefficients already divided by the pivot, wlp/wup = the
     * two multipliers of the meeting row */
    double *cb;
    int32_t mid;
    double wlp, wup;
};

static double interp(const agro_soil_temp *st, const double *v, double z);

int agro_soil_temp_options_default(agro_soil_temp_options *o)
{
    if (!o)
        return AGRO_EINVAL;
    memset(o, 0, sizeof *o);
    o->method = AGRO_SOIL_TEMP_NUMERICAL;
    o->cover = AGRO_COVER_BARE;
    o->residue_t_ha = 0.0;
    o->max_depth_m = 3.0;
    o->top_layer_m = 0.005;
    o->n_nodes = 40;
    o->steps_per_day = 48;
    o->lower_boundary = AGRO_SOIL_TEMP_BOTTOM_TAV;
    o->upper_boundary = AGRO_SOIL_TEMP_TOP_WEATHER;
    o->theta_weight = 0.6; /* Campbell 1985 / APSIM SoilTemperature.cs */
    o->tav_C = 20.0;
    o->amp_C = 5.0;
    o->initial_C = NAN;
    o->conductivity_W_m_K = NAN;
    o->heat_capacity_J_m3_K = NAN;
    o->stemp_surface = AGRO_STEMP_SURFACE_AIR;
    return AGRO_OK;
}

static int bad_range(agro_ctx *ctx, const char *field, double v, double lo, double hi)
{
    return agro_fail(ctx, AGRO_ERANGE, NULL, 0, field, "%g outside [%g, %g]", v, lo, hi);
}

/* In range (and finite): the success test of every check, no formatting. */
static inline int in_range(double v, double lo, double hi)
{
    return isfinite(v) && v >= lo && v <= hi;
}

static int check_num(agro_ctx *ctx, const char *field, double v, double lo, double hi)
{
    if (!in_range(v, lo, hi))
        return bad_range(ctx, field, v, lo, hi);
    return AGRO_OK;
}

/* Range check of element @p i of an array field: the name "NAME[i]" is formatted only when
 * the check fails (no string work on the success path of create or step). */
static int check_elem(agro_ctx *ctx, const char *name, int32_t i, double v, double lo, double hi)
{
    if (in_range(v, lo, hi))
        return AGRO_OK;
    char field[64];
    snprintf(field, sizeof field, "%s[%d]", name, (int)i);
    return bad_range(ctx, field, v, lo, hi);
}

/* Layer @p i's water limit @p lo_name = @p lo at most the next one up, @p hi_name = @p hi */
static int check_limits_order(agro_ctx *ctx, const char *lo_name, const char *hi_name,
                              const char *what, int32_t i, double lo, double hi)
{
    if (lo <= hi)
        return AGRO_OK;
    char field[64];
    snprintf(field, sizeof field, "%s[%d]", lo_name, (int)i);
    return agro_fail(ctx, AGRO_ERANGE, NULL, 0, field,
                     "%s %g above %s[%d] %g (LL <= DUL <= SAT)", what, lo, hi_name, (int)i, hi);
}

static int check_options(agro_ctx *ctx, const agro_soil_temp_options *o)
{
    int rc;
    if (o->method != AGRO_SOIL_TEMP_NUMERICAL && o->method != AGRO_SOIL_TEMP_STEMP &&
        o->method != AGRO_SOIL_TEMP_EPIC)
        return bad_range(ctx, "options.method", o->method, 0, 2);
    if (o->cover < AGRO_COVER_BARE || o->cover > AGRO_COVER_FILM_BLACK)
        return bad_range(ctx, "options.cover", o->cover, 0, 3);
    if ((rc = check_num(ctx, "options.residue_t_ha", o->residue_t_ha, 0.0, 50.0)))
        return rc;
    if ((rc = check_num(ctx, "options.max_depth_m", o->max_depth_m, 2.0, 20.0)))
        return rc;
    if ((rc = check_num(ctx, "options.top_layer_m", o->top_layer_m, 1e-4, 0.5)))
        return rc;
    if (o->n_nodes < 5 || o->n_nodes > AGRO_SOIL_TEMP_MAX_NODES)
        return bad_range(ctx, "options.n_nodes", o->n_nodes, 5, AGRO_SOIL_TEMP_MAX_NODES);
    if (o->steps_per_day < 1 || o->steps_per_day > AGRO_SOIL_TEMP_MAX_STEPS_PER_DAY)
        return bad_range(ctx, "options.steps_per_day", o->steps_per_day, 1,
                         AGRO_SOIL_TEMP_MAX_STEPS_PER_DAY);
    if (o->lower_boundary != AGRO_SOIL_TEMP_BOTTOM_TAV &&
        o->lower_boundary != AGRO_SOIL_TEMP_BOTTOM_ZERO_FLUX)
        return bad_range(ctx, "options.lower_boundary", o->lower_boundary, 0, 1);
    if (o->upper_boundary < AGRO_SOIL_TEMP_TOP_WEATHER ||
        o->upper_boundary > AGRO_SOIL_TEMP_TOP_PRESCRIBED)
        return bad_range(ctx, "options.upper_boundary", o->upper_boundary, 0, 2);
    if (o->method != AGRO_SOIL_TEMP_NUMERICAL && o->upper_boundary != AGRO_SOIL_TEMP_TOP_WEATHER)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "options.upper_boundary",
                         "the %s method needs the weather upper boundary (%d)",
                         o->method == AGRO_SOIL_TEMP_STEMP ? "STEMP" : "EPIC",
                         (int)o->upper_boundary);
    if (o->stemp_surface != AGRO_STEMP_SURFACE_AIR && o->stemp_surface != AGRO_STEMP_SURFACE_ALBEDO)
        return bad_range(ctx, "options.stemp_surface", o->stemp_surface, 0, 1);
    if ((rc = check_num(ctx, "options.theta_weight", o->theta_weight, 0.5, 1.0)))
        return rc;
    if ((rc = check_num(ctx, "options.tav_C", o->tav_C, -40.0, 50.0)))
        return rc;
    if ((rc = check_num(ctx, "options.amp_C", o->amp_C, 0.0, 80.0)))
        return rc;
    if (!isnan(o->initial_C) && (rc = check_num(ctx, "options.initial_C", o->initial_C, STATE_MIN_C, STATE_MAX_C)))
        return rc;
    if (!isnan(o->conductivity_W_m_K) &&
        (rc = check_num(ctx, "options.conductivity_W_m_K", o->conductivity_W_m_K, 1e-3, 10.0)))
        return rc;
    if (!isnan(o->heat_capacity_J_m3_K) &&
        (rc = check_num(ctx, "options.heat_capacity_J_m3_K", o->heat_capacity_J_m3_K, 1e4, 1e7)))
        return rc;
    return AGRO_OK;
}

/* Wilting point (1500 kPa water), m³/m³, Saxton & Rawls 2006 SSSAJ 70:1569 eq. 1; sand and clay
 * as fractions, organic matter in %. */
static double saxton_rawls_ll(double sand, double clay, double om)
{
    double t = -0.024 * sand + 0.487 * clay + 0.006 * om + 0.005 * sand * om - 0.013 * clay * om +
               0.068 * sand * clay + 0.031;
    return t + (0.14 * t - 0.02);
}

/* Fill the properties the model needs but DSSAT files often leave unknown (NaN):
 * bulk density = 2.65·(1 − SAT) (SAT taken as total porosity, particle density 2.65 g/cm³);
 * organic carbon = 0 (no organic heat capacity); clay from LL by inverting Saxton & Rawls 2006
 * eq. 1 (sand = 100 − clay − silt, or half of the non-clay part when silt is unknown).
 * Clay feeds only the conductivity of the numerical method: with @p need_clay = 0 (STEMP) the
 * 60-step inversion per layer is skipped and the clay stays unknown (see check_profile). */
static void fill_unknown(agro_soil_profile *p, int need_clay)
{
    for (int32_t i = 0; i < p->n_layers; i++) {
        if (isnan(p->bulk_density_g_cm3[i]) && isfinite(p->sat[i]))
            p->bulk_density_g_cm3[i] = 2.65 * (1.0 - p->sat[i]);
        if (isnan(p->organic_carbon_pct[i]))
            p->organic_carbon_pct[i] = 0.0;
        if (isnan(p->clay_pct[i]) && isfinite(p->ll[i]) && need_clay) {
            double om = 1.724 * p->organic_carbon_pct[i];
            om = om > 8.0 ? 8.0 : om; /* range of the regression data */
            double silt = isfinite(p->silt_pct[i]) ? p->silt_pct[i] / 100.0 : NAN;
            double a = 0.01, b = 0.9;
            for (int it = 0; it < 60; it++) {
                double c = 0.5 * (a + b);
                double sand = isnan(silt) ? 0.5 * (1.0 - c) : 1.0 - c - silt;
                if (sand < 0.0)
                    sand = 0.0;
                if (saxton_rawls_ll(sand, c, om) < p->ll[i])
                    a = c;
                else
                    b = c;
            }
            p->clay_pct[i] = 50.0 * (a + b);
        }
    }
}

/* @p need_clay = 0: a clay left unknown where LL is known passes (the estimate fill_unknown
 * skipped always lies in [1, 90] %, so the outcome of the check is the same). */
static int check_profile(agro_ctx *ctx, const agro_soil_profile *p, int need_clay)
{
    int rc;
    if (p->n_layers < 1 || p->n_layers > AGRO_SOIL_MAX_LAYERS)
        return bad_range(ctx, "n_layers", p->n_layers, 1, AGRO_SOIL_MAX_LAYERS);
    if (!isfinite(p->albedo) || p->albedo < 0.0 || p->albedo > 1.0)
        return bad_range(ctx, "albedo", p->albedo, 0.0, 1.0);
    double top = 0.0;
    for (int32_t i = 0; i < p->n_layers; i++) {
        /* a depth that is not a number is out of range, not out of order */
        if (!isfinite(p->depth_cm[i]) || p->depth_cm[i] <= top) {
            char field[64];
            snprintf(field, sizeof field, "depth_cm[%d]", (int)i);
            return agro_fail(ctx, !isfinite(p->depth_cm[i]) || p->depth_cm[i] < 0.0 ? AGRO_ERANGE
                                                                                    : AGRO_EORDER,
                             NULL, 0, field, "layer bottom %g cm must be deeper than %g cm",
                             p->depth_cm[i], top);
        }
        /* the floor the water, N, P and CENTURY constructors hold (AGRO_SOIL_MIN_LAYER_CM, less
           1e-9 cm for the rounding of the depths), named by the member as the depths above and
           agro_soil_validate name it: a layer of 1e-6 cm made a model that stepped */
        if (p->depth_cm[i] - top < AGRO_SOIL_MIN_LAYER_CM - 1e-9) {
            char field[64];
            snprintf(field, sizeof field, "depth_cm[%d]", (int)i);
            return agro_fail_thin_at(ctx, NULL, 0, field, i, p->depth_cm[i], top);
        }
        top = p->depth_cm[i];
        /* LL and SAT first, and a silt where known: fill_unknown takes an infinite one for an
           unknown one, so the bulk density or clay it leaves unfilled was named instead, and an
           infinite silt passed as unknown */
        if ((rc = check_elem(ctx, "ll", i, p->ll[i], 0.0, 1.0)) ||
            (rc = check_elem(ctx, "dul", i, p->dul[i], 0.0, 1.0)) ||
            (rc = check_elem(ctx, "sat", i, p->sat[i], 0.0, 1.0)) ||
            (rc = isnan(p->silt_pct[i]) ? AGRO_OK
                                        : check_elem(ctx, "silt_pct", i, p->silt_pct[i], 0.0, 100.0)) ||
            (rc = check_elem(ctx, "bulk_density_g_cm3", i, p->bulk_density_g_cm3[i], 0.1, 2.65)) ||
            (rc = (!need_clay && isnan(p->clay_pct[i]) && isfinite(p->ll[i]))
                      ? AGRO_OK
                      : check_elem(ctx, "clay_pct", i, p->clay_pct[i], 0.0, 100.0)) ||
            (rc = check_elem(ctx, "organic_carbon_pct", i, p->organic_carbon_pct[i], 0.0, 60.0)))
            return rc;
        /* LL <= DUL <= SAT (agrosim's own check: the limits' meaning, Ritchie 1998; a swapped
           pair reached DUL's default water and SAT's bulk density unnoticed; nothing divides) */
        if ((rc = check_limits_order(ctx, "ll", "dul", "lower limit", i, p->ll[i], p->dul[i])) ||
            (rc = check_limits_order(ctx, "dul", "sat", "drained upper limit", i, p->dul[i],
                                     p->sat[i])))
            return rc;
    }
    return AGRO_OK;
}

/* Thickness-weighted mean bulk density of the profile, g/cm³: STEMP.for's ABD = Σ BD·DLAYR /
 * DS(NLAYR), summed top down. */
static double profile_mean_bd(const agro_soil_profile *p)
{
    double tbd = 0.0, top = 0.0;
    for (int32_t L = 0; L < p->n_layers; L++) {
        tbd += p->bulk_density_g_cm3[L] * (p->depth_cm[L] - top);
        top = p->depth_cm[L];
    }
    return tbd / top;
}

/* STEMP's and EPIC's water term WC = PESW/(WW·CUMDPT)·10 needs WW = 0.356 − 0.144·ABD > 0
 * (STEMP.for, STEMP_EPIC.for; EPIC SOLT): at a profile mean bulk density ABD of 0.356/0.144 =
 * 2.4722 g/cm³ or more it turns sign, and where WC reaches −1 the damping depth underflows to
 * 0 and every layer is NaN (a step that succeeded). The source has no bound; the layers'
 * 0.1–2.65 g/cm³ lets such a mean through, so these methods refuse it. @p field names the
 * densities (the profile's or agro_soil_temp_set_bulk_density's). */
static int check_stemp_mean_bd(agro_ctx *ctx, const char *field, double abd)
{
    double dp, ww, b;
    agro_stemp_damping_terms(abd, &dp, &ww, &b);
    if (ww > 0.0)
        return AGRO_OK;
    return agro_fail(ctx, AGRO_ERANGE, NULL, 0, field,
                     "profile mean %g g/cm3 is at or above %.4f, where STEMP's and EPIC's "
                     "WW = 0.356 - 0.144*ABD is not positive (the damping depth's water term "
                     "is undefined); the numerical method takes it",
                     abd, 0.356 / 0.144);
}

/* Thermal conductivity, W/m/K: Campbell 1985 (Soil Physics with BASIC eq. 4.20, 4.27) as in
 * APSIM SoilTemperature.cs; bd in g/cm³, clay as a mass fraction, theta in m³/m³. */
static double campbell_conductivity(double bd, double clay_frac, double theta)
{
    double c1 = 0.65 - 0.78 * bd + 0.6 * bd * bd;
    double c2 = 1.06 * bd;
    double c3 = 1.0 + 2.6 / sqrt(clay_frac < 0.005 ? 0.005 : clay_frac); /* floor: no clay → ∞ */
    double c4 = 0.03 + 0.1 * bd * bd;
    double x = c3 * theta;
    return c1 + c2 * theta - (c1 - c4) * exp(-(x * x) * (x * x));
}

/* Volumetric heat capacity, J/m³/K: de Vries 1963 sum of constituents with Moene & van Dam 2014
 * Table 2.2 values (mineral 2.39e6 at particle density 2.65, organic matter 2.47e6 at 1.3 g/cm³,
 * water 4.18e6); organic matter = 1.724 × organic carbon (van Bemmelen factor). */
static double devries_heat_capacity(double bd, double oc_pct, double theta)
{
    /* at most the whole solid: the accepted OC reaches 60 %, past van Bemmelen's 100/1.724 = 58 % */
    double om_mass = fmin(1.724 * oc_pct / 100.0, 1.0);
    double x_om = bd * om_mass / 1.3;
    double x_min = bd * (1.0 - om_mass) / 2.65;
    return 2.39e6 * x_min + 2.47e6 * x_om + 4.18e6 * theta;
}

/* Properties at every node from the water content of its soil layer; interface conductances,
 * interface θ-weights and the LU factorisation of the day's matrix. No allocation. */
static void update_properties(agro_soil_temp *st)
{
    const agro_soil_temp_options *o = &st->opt;
    const int32_t n = st->n;
    /* properties depend on the layer only: evaluated once per layer, then copied to its nodes */
    double lamL[AGRO_SOIL_MAX_LAYERS], capL[AGRO_SOIL_MAX_LAYERS];
    for (int32_t L = 0; L < st->prof.n_layers; L++) {
        double bd = st->prof.bulk_density_g_cm3[L];
        double theta = st->sw[L];
        /* STEMP and EPIC never read the conductivity (and may have left clay unknown) */
        lamL[L] = o->method != AGRO_SOIL_TEMP_NUMERICAL ? NAN
                  : isnan(o->conductivity_W_m_K)
                      ? campbell_conductivity(bd, st->prof.clay_pct[L] / 100.0, theta)
                      : o->conductivity_W_m_K;
        capL[L] = isnan(o->heat_capacity_J_m3_K)
                      ? devries_heat_capacity(bd, st->prof.organic_carbon_pct[L], theta)
                      : o->heat_capacity_J_m3_K;
    }
    for (int32_t i = 0; i < n; i++) {
        int32_t L = st->layer[i];
        st->lam[i] = lamL[L];
        st->cap[i] = capL[L];
        st->m[i] = st->cap[i] * st->vol[i] / st->dt;
    }
    if (o->method != AGRO_SOIL_TEMP_NUMERICAL)
        return; /* STEMP and EPIC never solve the grid: only the heat capacities (heat content) count */
    /* Conductance between nodes i and i+1 (two half cells in series), W/m²/K. */
    for (int32_t i = 0; i < n - 1; i++)
        st->K[i] = 1.0 / (0.5 * st->dz[i] / st->lam[i] + 0.5 * st->dz[i] / st->lam[i + 1]);
    /* Interface weights: at least the user's θ, and large enough that every node keeps a
     * non-negative explicit coefficient m_i − Σ(1−θ_f)K ≥ 0 (discrete maximum principle of the
     * θ-scheme), so large steps cannot oscillate; the flux stays one value per interface, so
     * energy is conserved exactly. */
    for (int32_t i = 0; i < n - 1; i++) {
        double kl = (i > 0 ? st->K[i - 1] : 0.0) + st->K[i];
        double kr = st->K[i] + (i + 1 < n - 1 ? st->K[i + 1] : 0.0);
        double need_l = 1.0 - st->m[i] / kl;
        double need_r = 1.0 - st->m[i + 1] / kr;
        double th = o->theta_weight;
        if (need_l > th)
            th = need_l;
        if (need_r > th)
            th = need_r;
        st->thf[i] = th > 1.0 ? 1.0 : th;
    }
    /* Explicit parts of the interface fluxes and the implicit boundary couplings, used by
     * every sub-step of the day (same products as written out per sub-step before). */
    for (int32_t i = 0; i < n - 1; i++)
        st->kex[i] = (1.0 - st->thf[i]) * st->K[i];
    st->ktop = st->thf[0] * st->K[0];
    st->kbot = st->thf[n - 2] * st->K[n - 2];
    /* Matrix rows lo..hi (symmetric): diag and super-diagonal (off[i] couples i and i+1). */
    for (int32_t i = st->lo; i <= st->hi; i++) {
        double d = st->m[i];
        if (i > 0)
            d += st->thf[i - 1] * st->K[i - 1];
        if (i < n - 1)
            d += st->thf[i] * st->K[i];
        st->diag[i] = d;
        st->off[i] = i < n - 1 ? -st->thf[i] * st->K[i] : 0.0;
    }
    /* Twisted Thomas factorisation, done once per day (the matrix is symmetric and diagonally
     * dominant, so every pivot is positive): Gaussian elimination from the top row down to
     * row p − 1 and from the bottom row up to row p + 1, the two meeting at p = mid (van der
     * Vorst 1987, "Large tridiagonal and block tridiagonal linear systems on vector and
     * parallel computers", Parallel Comput. 5:45–54, "burn at both ends"). Each sub-step then
     * runs two independent recurrences of half the length instead of one, which halves the
     * latency-bound sweeps. Reciprocal pivots and pivot-scaled back-substitution coefficients
     * leave only multiplications and one subtraction on each recurrence. */
    const int32_t lo = st->lo, hi = st->hi, p = (lo + hi) / 2; /* hi − lo ≥ 2 since n ≥ 5 */
    const double *dg = st->diag, *of = st->off;
    double *w = st->w, *bp = st->bp, *cb = st->cb;
    st->mid = p;
    bp[lo] = 1.0 / dg[lo];
    for (int32_t i = lo + 1; i < p; i++) {
        w[i] = of[i - 1] * bp[i - 1];
        bp[i] = 1.0 / (dg[i] - w[i] * of[i - 1]);
    }
    bp[hi] = 1.0 / dg[hi];
    for (int32_t i = hi - 1; i > p; i--) {
        w[i] = of[i] * bp[i + 1];
        bp[i] = 1.0 / (dg[i] - w[i] * of[i]);
    }
    st->wlp = of[p - 1] * bp[p - 1];
    st->wup = of[p] * bp[p + 1];
    bp[p] = 1.0 / (dg[p] - st->wlp * of[p - 1] - st->wup * of[p]);
    /* back substitution T_i = y_i/piv_i − (off_i/piv_i)·T_(i±1) */
    for (int32_t i = lo; i < p; i++)
        cb[i] = of[i] * bp[i];
    for (int32_t i = p + 1; i <= hi; i++)
        cb[i] = of[i - 1] * bp[i];
    st->props_ok = 1;
}

/* Daily statistics of node i (running sum, minimum, maximum). */
static inline void stat_node(double *restrict sum, double *restrict dmin, double *restrict dmax,
                             int32_t i, double t)
{
    sum[i] += t;
    /* select forms (compiled to min/max instructions, no branch to mispredict) */
    dmin[i] = t < dmin[i] ? t : dmin[i];
    dmax[i] = t > dmax[i] ? t : dmax[i];
}

/* One θ-scheme sub-step with the surface at @p ts_new (Dirichlet top) — no allocation.
 * Right-hand side e_i = m_i·T_i − Σ (1 − θ_f)·K_f·(T_i − T_neighbour) (+ θ_f·K_f·T_boundary on
 * the rows next to a fixed boundary), then the sweeps of the twisted factorisation
 * (update_properties): downward elimination of rows lo..p−1 and upward elimination of rows
 * hi..p+1 run side by side, the meeting row p is solved, and the back substitution runs
 * outwards from p in both directions. The sweeps are serial recurrences (latency-bound), so
 * the independent work rides along: e_i is formed inside the elimination and, with @p stats,
 * the daily sum/min/max of each node are updated in the back substitution. The first rows
 * of each half carry the boundary terms (lo = 0: closed top, one neighbour; lo = 1: fixed
 * surface; likewise at the bottom), interior rows are branch-free. */
#if defined(__GNUC__)
#define ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define ALWAYS_INLINE inline
#endif
/* always inlined, so each caller gets a copy specialised for its constant @p stats */
static ALWAYS_INLINE void substep_impl(agro_soil_temp *st, double ts_new, const int stats)
{
    const int32_t n = st->n, lo = st->lo, hi = st->hi, p = st->mid;
    double *restrict T = st->T;
    double *restrict rhs = st->rhs;
    const double *restrict m = st->m, *restrict kex = st->kex;
    const double *restrict w = st->w, *restrict bp = st->bp, *restrict cb = st->cb;
    double *restrict sum = st->sum, *restrict dmin = st->dmin, *restrict dmax = st->dmax;
    const double tb = st->opt.tav_C;
#define ROW(i) (m[i] * T[i] - kex[(i) - 1] * (T[i] - T[(i) - 1]) - kex[i] * (T[i] - T[(i) + 1]))
    double y, z;
    if (lo == 0)
        y = m[0] * T[0] - kex[0] * (T[0] - T[1]);
    else
        y = ROW(1) + st->ktop * ts_new;
    if (hi == n - 1)
        z = m[n - 1] * T[n - 1] - kex[n - 2] * (T[n - 1] - T[n - 2]);
    else
        z = ROW(n - 2) + st->kbot * tb;
    rhs[lo] = y;
    rhs[hi] = z;
    /* the lower half has hi − p rows, the upper p − lo (equal, or one fewer) */
    const int32_t nt = p - lo, nb = hi - p;
    int32_t j;
    for (j = 1; j < nt; j++) {
        const int32_t it = lo + j, ib = hi - j;
        y = ROW(it) - w[it] * y;
        z = ROW(ib) - w[ib] * z;
        rhs[it] = y;
        rhs[ib] = z;
    }
    if (nb > nt) {
        const int32_t ib = hi - j;
        z = ROW(ib) - w[ib] * z;
        rhs[ib] = z;
    }
    const double tp = (ROW(p) - st->wlp * y - st->wup * z) * bp[p];
#undef ROW
    T[p] = tp;
    if (stats)
        stat_node(sum, dmin, dmax, p, tp);
    double tu = tp, td = tp;
    for (j = 1; j <= nt; j++) {
        const int32_t it = p - j, ib = p + j;
        tu = rhs[it] * bp[it] - cb[it] * tu;
        td = rhs[ib] * bp[ib] - cb[ib] * td;
        T[it] = tu;
        T[ib] = td;
        if (stats) {
            stat_node(sum, dmin, dmax, it, tu);
            stat_node(sum, dmin, dmax, ib, td);
        }
    }
    if (nb > nt) {
        const int32_t ib = p + j;
        td = rhs[ib] * bp[ib] - cb[ib] * td;
        T[ib] = td;
        if (stats)
            stat_node(sum, dmin, dmax, ib, td);
    }
    if (lo == 1) {
        T[0] = ts_new;
        if (stats)
            stat_node(sum, dmin, dmax, 0, ts_new);
    }
    if (hi == n - 2) {
        T[n - 1] = tb;
        if (stats)
            stat_node(sum, dmin, dmax, n - 1, tb);
    }
}

static void substep(agro_soil_temp *st, double ts_new) { substep_impl(st, ts_new, 0); }

/* Solve h·(r^N − 1)/(r − 1) = D for the geometric ratio r (bisection). */
static int grid_ratio(double h, int32_t N, double D, double *r)
{
    double a = 0.5, b = 2.0;
#define GSUM(q) (fabs((q) - 1.0) < 1e-12 ? h * N : h * (pow((q), N) - 1.0) / ((q) - 1.0))
    if (GSUM(a) > D || GSUM(b) < D)
        return -1;
    for (int it = 0; it < 200; it++) {
        double c = 0.5 * (a + b);
        double a0 = a, b0 = b;
        if (GSUM(c) < D)
            a = c;
        else
            b = c;
        if (a == a0 && b == b0)
            break; /* a fixed point of the bisection map: more iterations change nothing */
    }
#undef GSUM
    *r = 0.5 * (a + b);
    return 0;
}

void agro_soil_temp_free(agro_soil_temp *st)
{
    if (!st)
        return;
    free(st->layer);
    free(st->z); /* all double arrays live in one block starting at z */
    free(st);
}

/* The cover lag forgets the weather: the first day after it lags toward its own mean. */
static void reset_cover_lag(agro_soil_temp *st)
{
    st->cover_n = 0;
    st->cover_today = NAN;
}

/* After a successful day: today's air-based surface mean joins the five-day memory
 * (STEMP_EPIC: TMA(1) = X2). */
static void commit_cover_lag(agro_soil_temp *st)
{
    for (int k = 4; k > 0; k--)
        st->cover_hist[k] = st->cover_hist[k - 1];
    st->cover_hist[0] = st->cover_today;
    if (st->cover_n < 5)
        st->cover_n++;
}

/* The lagged term: the mean of the memory (X2_AVG of yesterday, STEMP_EPIC's X2_PREV), or
 * @p today before the first day. */
static double cover_lag(const agro_soil_temp *st, double today)
{
    if (st->cover_n == 0)
        return today;
    double sum = 0.0;
    for (int32_t k = 0; k < st->cover_n; k++)
        sum += st->cover_hist[k];
    return sum / st->cover_n;
}

static void reset_stats(agro_soil_temp *st)
{
    for (int32_t i = 0; i < st->n; i++) {
        st->dmean[i] = st->T[i];
        st->dmin[i] = st->T[i];
        st->dmax[i] = st->T[i];
    }
}

/* Interpolation weights at depth z (m), the same arithmetic as interp(). */
static lerp_t make_lerp(const agro_soil_temp *st, double z)
{
    const int32_t n = st->n;
    lerp_t l = {0, 0, 1, 0.0};
    if (z <= 0.0)
        return l;
    if (z >= st->z[n - 1]) {
        l.a = l.b = n - 1;
        return l;
    }
    int32_t a = 0, b = n - 1;
    while (b - a > 1) {
        int32_t c = (a + b) / 2;
        if (st->z[c] <= z)
            a = c;
        else
            b = c;
    }
    l.a = a;
    l.b = b;
    l.exact = 0;
    l.f = (z - st->z[a]) / (st->z[b] - st->z[a]);
    return l;
}

static inline double lerp(const lerp_t *l, const double *v)
{
    return l->exact ? v[l->a] : v[l->a] + l->f * (v[l->b] - v[l->a]);
}

/* Largest unit (from a short list of round lengths) of which every STEMP mid-depth is a whole
 * multiple; DSSAT depths are whole centimetres, so the mid-depths are multiples of 0.5 cm at
 * worst. The multiples are taken within 1e-9 relative (the mid-depths are sums of rounded
 * metre values, e.g. 50·(0.05 + 0.15) = 10.000000000000002); none fits within 1024 units of
 * the deepest mid-depth: stemp_unit_cm = 0 (direct evaluation per layer). */
static void precompute_stemp_steps(agro_soil_temp *st)
{
    static const double units[] = {10.0, 5.0, 2.5, 2.0, 1.0, 0.5, 0.25, 0.2, 0.1};
    const int32_t nl = st->prof.n_layers;
    st->stemp_unit_cm = 0.0;
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
        double prev = 0.0;
        int ok = 1;
        for (int32_t L = 0; L < nl && ok; L++) {
            const double q = st->stemp_mid_cm[L] / units[k];
            const double m = nearbyint(q);
            /* the rounding error of exp(δ), cos δ, sin δ grows m-fold in the m-th power:
               m <= 1024 keeps it below ~2e-13 relative (≈ 1e-14 for whole-cm DSSAT layers) */
            ok = fabs(q - m) <= 1e-9 * (q > 1.0 ? q : 1.0) && m >= prev && m <= 1024.0;
            if (ok)
                st->stemp_step[L] = (int32_t)(m - prev);
            prev = m;
        }
        if (ok) {
            st->stemp_unit_cm = units[k];
            return;
        }
    }
}

/* Everything of the layer means and of STEMP that depends only on the profile and the grid
 * (it was recomputed every day): node ranges and end weights of each layer, the STEMP
 * evaluation depths and the profile sums of bulk density and LL (same arithmetic, same
 * summation order as the per-day code it replaces, so results are bit-identical). */
static void precompute_layers(agro_soil_temp *st)
{
    const agro_soil_profile *p = &st->prof;
    const double zmax = st->opt.max_depth_m;
    double top = 0.0, tll = 0.0;
    for (int32_t L = 0; L < p->n_layers; L++) {
        double a = top / 100.0, b = p->depth_cm[L] / 100.0;
        double thick = p->depth_cm[L] - top; /* cm */
        top = p->depth_cm[L];
        st->thick_cm[L] = thick;
        tll += p->ll[L] * thick;
        /* DSSAT evaluates STEMP at layer mid-points (DSMID), at any depth: the formula is
           analytic, and the numerical grid's max_depth_m does not bound it */
        st->stemp_mid_cm[L] = 50.0 * (a + b);
        st->below_grid[L] = a >= zmax;
        double bb = b < zmax ? b : zmax;
        st->layer_bot_m[L] = bb;
        if (st->n == 0)
            continue; /* no grid: the node ranges and weights stay 0 (nothing reads them) */
        st->lerp_a[L] = make_lerp(st, a);
        st->lerp_b[L] = make_lerp(st, bb);
        int32_t i = 0;
        while (i < st->n && st->z[i] <= a)
            i++;
        st->node0[L] = i;
        while (i < st->n && st->z[i] < bb)
            i++;
        st->node1[L] = i;
    }
    precompute_stemp_steps(st);
    /* STEMP.for profile terms (see stemp_day), from the mean bulk density */
    agro_stemp_damping_terms(profile_mean_bd(p), &st->stemp_dp_mm, &st->stemp_ww, &st->stemp_b);
    st->stemp_tll = tll;
    st->stemp_cumdpt_mm = top * 10.0;
}

/* @p grid: build the numerical method's node grid for a daily-mean method (STEMP, EPIC) too,
   as the public create does (its node accessors answer for every method); the numerical
   method always gets it */
static int temp_create(agro_ctx *ctx, const agro_soil_profile *profile,
                       const agro_soil_temp_options *opt, agro_soil_temp **out, int grid)
{
    int rc;
    if (out)
        *out = NULL; /* on every error, as documented */
    if (!profile || !opt || !out)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL argument to agro_soil_temp_create");
    /* the layer count indexes the profile's arrays: checked before the fill reads them */
    if ((rc = agro_check_layer_count(ctx, profile->n_layers)))
        return rc;
    agro_soil_profile filled = *profile;
    /* (an invalid method gets the full fill, then fails in check_options as before) */
    const int need_clay = opt->method != AGRO_SOIL_TEMP_STEMP && opt->method != AGRO_SOIL_TEMP_EPIC;
    fill_unknown(&filled, need_clay);
    if ((rc = check_options(ctx, opt)) || (rc = check_profile(ctx, &filled, need_clay)))
        return rc;
    if (!need_clay &&
        (rc = check_stemp_mean_bd(ctx, "bulk_density_g_cm3", profile_mean_bd(&filled))))
        return rc;
    profile = &filled;
    /* without a grid: no nodes (an empty range lo..hi) and no arrays, which only the numerical
       method's step and the node accessors read */
    const int32_t n = grid || opt->method == AGRO_SOIL_TEMP_NUMERICAL ? opt->n_nodes : 0;
    const int32_t ns = opt->steps_per_day;
    double ratio = 1.0;
    if (n > 0 && grid_ratio(opt->top_layer_m, n - 1, opt->max_depth_m, &ratio))
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "options.top_layer_m",
                         "no geometric grid of %d nodes from %g m cells reaches %g m",
                         (int)n, opt->top_layer_m, opt->max_depth_m);
    agro_soil_temp *st = calloc(1, sizeof *st);
    if (!st)
        return agro_fail(ctx, AGRO_ENOMEM, NULL, 0, NULL, "out of memory");
    if (n > 0) {
        size_t nn = (size_t)n;
        size_t total = 22 * nn + 3 * (size_t)ns;
        double *block = calloc(total, sizeof(double));
        st->layer = calloc(nn, sizeof(int32_t));
        if (!block || !st->layer) {
            free(block);
            free(st->layer);
            free(st);
            return agro_fail(ctx, AGRO_ENOMEM, NULL, 0, NULL, "out of memory");
        }
        double **arrays[] = {&st->z, &st->dz, &st->vol, &st->lam, &st->cap, &st->K, &st->thf,
                             &st->m, &st->T, &st->Tsave, &st->diag, &st->off, &st->w, &st->bp,
                             &st->rhs, &st->sum, &st->dmean, &st->dmin, &st->dmax, &st->kex, &st->cb};
        for (size_t k = 0; k < sizeof arrays / sizeof arrays[0]; k++)
            *arrays[k] = block + k * nn;
        st->ts = block + 22 * nn;
        st->hcos = st->ts + ns;
        st->gamma = st->hcos + ns;
    }
    /* (only the numerical method's weather boundary reads them: skipped for STEMP) */
    for (int32_t k = 0; k < ns && opt->method == AGRO_SOIL_TEMP_NUMERICAL; k++) {
        double th = 24.0 * (k + 1) / ns;
        st->hcos[k] = cos(PI * (th - 12.0) / 12.0);
        /* Diurnal air temperature, Campbell & Norman 1998 eq. 2.2:
         * Γ(t) = 0.44 − 0.46 sin(ωt + 0.9) + 0.11 sin(2ωt + 0.9), ω = π/12 h⁻¹. */
        double w = PI / 12.0;
        st->gamma[k] = 0.44 - 0.46 * sin(w * th + 0.9) + 0.11 * sin(2.0 * w * th + 0.9);
    }
    st->opt = *opt;
    st->prof = *profile;
    st->n = n;
    st->nsteps = ns;
    st->dt = SECONDS_PER_DAY / ns;
    st->cover = opt->cover;
    st->residue_t_ha = opt->residue_t_ha;
    st->lo = opt->upper_boundary == AGRO_SOIL_TEMP_TOP_ZERO_FLUX ? 0 : 1;
    st->hi = opt->lower_boundary == AGRO_SOIL_TEMP_BOTTOM_ZERO_FLUX ? n - 1 : n - 2;
    if (n == 0) { /* no nodes: an empty range */
        st->lo = 0;
        st->hi = -1;
    }
    /* Geometric grid: cell k is h·r^k thick; the last node sits exactly at max_depth_m. */
    if (n > 0) {
        st->z[0] = 0.0;
        for (int32_t k = 0; k < n - 1; k++) {
            st->dz[k] = opt->top_layer_m * pow(ratio, k);
            st->z[k + 1] = st->z[k] + st->dz[k];
        }
        st->z[n - 1] = opt->max_depth_m;
        st->dz[n - 2] = st->z[n - 1] - st->z[n - 2];
    }
    for (int32_t i = 0; i < n; i++) {
        double up = i > 0 ? st->dz[i - 1] : 0.0, dn = i < n - 1 ? st->dz[i] : 0.0;
        st->vol[i] = 0.5 * (up + dn);
        double zcm = st->z[i] * 100.0;
        int32_t L = 0;
        while (L < profile->n_layers - 1 && zcm >= profile->depth_cm[L])
            L++;
        st->layer[i] = L; /* below the profile the deepest layer continues */
    }
    for (int32_t L = 0; L < AGRO_SOIL_MAX_LAYERS; L++)
        st->sw[L] = L < profile->n_layers ? profile->dul[L] : 0.0;
    double t0 = isnan(opt->initial_C) ? opt->tav_C : opt->initial_C;
    for (int32_t i = 0; i < n; i++)
        st->T[i] = t0;
    if (st->hi == n - 2)
        st->T[n - 1] = opt->tav_C;
    precompute_layers(st);
    agro_epic_profile_init(&st->epic_p, profile);
    agro_epic_reset(&st->epic);
    update_properties(st);
    reset_stats(st);
    reset_cover_lag(st);
    *out = st;
    return AGRO_OK;
}

int agro_soil_temp_create(agro_ctx *ctx, const agro_soil_profile *profile,
                          const agro_soil_temp_options *opt, agro_soil_temp **out)
{
    return temp_create(ctx, profile, opt, out, 1);
}

int agro_soil_temp_create_no_grid(agro_ctx *ctx, const agro_soil_profile *profile,
                                  const agro_soil_temp_options *opt, agro_soil_temp **out)
{
    return temp_create(ctx, profile, opt, out, 0);
}

int agro_soil_temp_set_bulk_density(agro_ctx *ctx, agro_soil_temp *st, const double *bd_g_cm3,
                                    const double *thickness_cm, size_t n)
{
    if (!st || !bd_g_cm3)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL,
                         "NULL argument to agro_soil_temp_set_bulk_density");
    const int32_t nl = st->prof.n_layers;
    if (n != (size_t)nl)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n", "%zu layers given, the profile has %d", n,
                         (int)nl);
    int rc;
    /* the thinnest layer the field hands: one at the minimum a profile takes (less its rounding
       allowance) compacted, its mass kept, from the lightest bulk density to the densest
       (0.1 to 2.65 g/cm³; DSSAT SOILDYN's DLAYR·BD/BD_tilled); 1e-3 cm refused a layer of
       0.00099999999999767 cm or a compacted one, and the field kept the untilled mean */
    const double thinnest_cm = (AGRO_SOIL_MIN_LAYER_CM - 1e-9) * 0.1 / 2.65;
    for (int32_t L = 0; L < nl; L++) {
        if ((rc = check_elem(ctx, "bd_g_cm3", L, bd_g_cm3[L], 0.1, 2.65)) ||
            (thickness_cm &&
             (rc = check_elem(ctx, "thickness_cm", L, thickness_cm[L], thinnest_cm, 1e5))))
            return rc;
    }
    /* ABD = Σ BD·DLAYR / DS(NLAYR), which STEMP.for and STEMP_EPIC.for RATE recompute every day
       from SOILPROP; without thicknesses, the same sums as at create */
    double tbd = 0.0, ds = 0.0;
    for (int32_t L = 0; L < nl; L++) {
        const double th = thickness_cm ? thickness_cm[L] : st->thick_cm[L];
        tbd += bd_g_cm3[L] * th;
        ds += th;
    }
    if (!thickness_cm)
        ds = st->prof.depth_cm[nl - 1];
    if (st->opt.method != AGRO_SOIL_TEMP_NUMERICAL &&
        (rc = check_stemp_mean_bd(ctx, "bd_g_cm3", tbd / ds)))
        return rc;
    for (int32_t L = 0; L < nl; L++)
        st->prof.bulk_density_g_cm3[L] = bd_g_cm3[L];
    agro_stemp_damping_terms(tbd / ds, &st->stemp_dp_mm, &st->stemp_ww, &st->stemp_b);
    agro_stemp_damping_terms(tbd / ds, &st->epic_p.dp_mm, &st->epic_p.ww, &st->epic_p.b);
    st->props_ok = 0; /* the numerical model's conductivity and heat capacity */
    return AGRO_OK;
}

void agro_soil_temp_dp_unchecked(const agro_soil_temp *st, double *stemp_dp_mm, double *epic_dp_mm)
{
    *stemp_dp_mm = st->stemp_dp_mm;
    *epic_dp_mm = st->epic_p.dp_mm;
}

int agro_soil_temp_set_cover(agro_ctx *ctx, agro_soil_temp *st, int32_t cover, double residue_t_ha)
{
    if (!st)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL soil temperature model");
    if (cover < AGRO_COVER_BARE || cover > AGRO_COVER_FILM_BLACK)
        return bad_range(ctx, "cover", cover, 0, 3);
    int rc = check_num(ctx, "residue_t_ha", residue_t_ha, 0.0, 50.0);
    if (rc)
        return rc;
    st->cover = cover;
    st->residue_t_ha = residue_t_ha;
    return AGRO_OK;
}

int agro_soil_temp_set_uniform(agro_ctx *ctx, agro_soil_temp *st, double T_C)
{
    if (!st)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL soil temperature model");
    int rc = check_num(ctx, "T_C", T_C, STATE_MIN_C, STATE_MAX_C);
    if (rc)
        return rc;
    for (int32_t i = 0; i < st->n; i++)
        st->T[i] = T_C;
    if (st->hi == st->n - 2)
        st->T[st->n - 1] = st->opt.tav_C;
    st->stemp_init = 0;
    agro_epic_reset(&st->epic);
    reset_cover_lag(st);
    reset_stats(st);
    return AGRO_OK;
}

int agro_soil_temp_set_nodes(agro_ctx *ctx, agro_soil_temp *st, const double *T_C, size_t n)
{
    if (!st || !T_C || n != (size_t)st->n)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "T_C", "need %d node temperatures",
                         st ? (int)st->n : 0);
    for (int32_t i = 0; i < st->n; i++) {
        int rc = check_elem(ctx, "T_C", i, T_C[i], STATE_MIN_C, STATE_MAX_C);
        if (rc)
            return rc;
    }
    memcpy(st->T, T_C, sizeof(double) * n);
    if (st->hi == st->n - 2)
        st->T[st->n - 1] = st->opt.tav_C;
    reset_stats(st);
    return AGRO_OK;
}

/* Validate the day's drivers (everything a step reads) before touching the state: the weather
 * and cover drivers when @p need_weather, the water contents when @p need_sw. */
static int check_drivers(agro_ctx *ctx, const agro_soil_temp *st, const agro_soil_temp_drivers *d,
                         int need_weather, int need_sw)
{
    int rc;
    if (need_weather) {
        if (d->doy < 1 || d->doy > 366)
            return bad_range(ctx, "doy", d->doy, 1, 366);
        /* one branch-free test of the six ranges (false for NaN and ±inf as well); the
           chain below, which names the first bad value, runs only when it fails */
        const int wok = (d->tmax_C >= SOIL_TEMP_TMAX_MIN_C) & (d->tmax_C <= SOIL_TEMP_TMAX_MAX_C) &
                        (d->tmin_C >= SOIL_TEMP_TMIN_MIN_C) & (d->tmin_C <= SOIL_TEMP_TMIN_MAX_C) &
                        (d->srad_MJ_m2_d >= 0.0) & (d->srad_MJ_m2_d <= SOIL_TEMP_SRAD_MAX) &
                        (d->latitude_deg >= -90.0) & (d->latitude_deg <= 90.0) & (d->lai >= 0.0) &
                        (d->lai <= 20.0) & (d->canopy_t_ha >= 0.0) & (d->canopy_t_ha <= 100.0);
        if (!wok &&
            ((rc = check_num(ctx, "tmax_C", d->tmax_C, SOIL_TEMP_TMAX_MIN_C, SOIL_TEMP_TMAX_MAX_C)) ||
            (rc = check_num(ctx, "tmin_C", d->tmin_C, SOIL_TEMP_TMIN_MIN_C, SOIL_TEMP_TMIN_MAX_C)) ||
            (rc = check_num(ctx, "srad_MJ_m2_d", d->srad_MJ_m2_d, 0.0, SOIL_TEMP_SRAD_MAX)) ||
            (rc = check_num(ctx, "latitude_deg", d->latitude_deg, -90.0, 90.0)) ||
            (rc = check_num(ctx, "lai", d->lai, 0.0, 20.0)) ||
            (rc = check_num(ctx, "canopy_t_ha", d->canopy_t_ha, 0.0, 100.0))))
            return rc;
        if (d->tmin_C > d->tmax_C)
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "tmin_C", "%g above tmax_C %g",
                             d->tmin_C, d->tmax_C);
        /* the EPIC method's own drivers, checked only where they are read */
        if (st->opt.method == AGRO_SOIL_TEMP_EPIC &&
            ((rc = check_num(ctx, "mulch_t_ha", d->mulch_t_ha, 0.0, 100.0)) ||
             (rc = check_num(ctx, "water_input_mm", d->water_input_mm, 0.0, AGRO_DAY_WATER_MAX_MM)) ||
             (rc = check_num(ctx, "snow_mm", d->snow_mm, 0.0, 10000.0))))
            return rc;
    }
    if (!need_sw)
        return AGRO_OK;
    /* a content NaN means DUL; any other outside [0, 1] (±inf included) fails: one
       branch-free pass (comparisons with NaN are false), the naming loop only on failure */
    int swbad = 0;
    for (int32_t L = 0; L < st->prof.n_layers; L++)
        swbad |= (d->sw[L] < 0.0) | (d->sw[L] > 1.0);
    for (int32_t L = 0; swbad && L < st->prof.n_layers; L++) {
        if (isnan(d->sw[L]))
            continue;
        if ((rc = check_elem(ctx, "sw", L, d->sw[L], 0.0, 1.0)))
            return rc;
    }
    return AGRO_OK;
}

/* Take the day's water contents; refactor only when they changed. */
static void take_water(agro_soil_temp *st, const agro_soil_temp_drivers *d)
{
    for (int32_t L = 0; L < st->prof.n_layers; L++) {
        double v = (d && !isnan(d->sw[L])) ? d->sw[L] : st->prof.dul[L];
        if (v != st->sw[L]) {
            st->sw[L] = v;
            st->props_ok = 0;
        }
    }
    if (!st->props_ok)
        update_properties(st);
}

/* Run the day's sub-steps with surface temperatures st->ts (or none for a closed top) and
 * keep daily statistics. Restores the state and fails if anything non-finite appears. */
static int run_day(agro_ctx *ctx, agro_soil_temp *st)
{
    const int32_t n = st->n;
    memcpy(st->Tsave, st->T, sizeof(double) * (size_t)n);
    for (int32_t i = 0; i < n; i++) {
        st->sum[i] = 0.0;
        st->dmin[i] = INFINITY;
        st->dmax[i] = -INFINITY;
    }
    for (int32_t k = 0; k < st->nsteps; k++)
        substep_impl(st, st->ts[k], 1); /* also accumulates sum/min/max of every node */
    for (int32_t i = 0; i < n; i++) {
        st->dmean[i] = st->sum[i] / st->nsteps;
        if (!isfinite(st->dmean[i])) {
            memcpy(st->T, st->Tsave, sizeof(double) * (size_t)n);
            reset_stats(st);
            return agro_fail(ctx, AGRO_ENUMERIC, NULL, 0, "soil temperature",
                             "non-finite temperature at node %d (%g m)", (int)i, st->z[i]);
        }
    }
    st->days++;
    return AGRO_OK;
}

/* Surface temperature at the end of each sub-step from the day's weather and the cover. */
static void surface_from_weather(agro_soil_temp *st, const agro_soil_temp_drivers *d)
{
    const int32_t ns = st->nsteps;
    const double tx = d->tmax_C, tn = d->tmin_C;
    const double tavg = 0.5 * (tx + tn);
    /* Radiative surface excess over mean air, daily mean, °C: DSSAT STEMP.for
     * TMA = TAVG + (TMAX − TAVG)·√(0.03·SRAD). */
    const double excess = (tx - tavg) * sqrt(0.03 * d->srad_MJ_m2_d);
    const double shade = exp(-CANOPY_K * d->lai);
    /* Solar elevation: declination FAO-56 eq. 24; sin β = sin φ sin δ + cos φ cos δ cos h. */
    const double phi = d->latitude_deg * PI / 180.0;
    const double decl = 0.409 * sin(2.0 * PI * d->doy / 365.0 - 1.39);
    const double ss = sin(phi) * sin(decl), cc = cos(phi) * cos(decl);
    double ssum = 0.0, smax = 0.0;
    for (int32_t k = 0; k < ns; k++) {
        double s = ss + cc * st->hcos[k]; /* hour-angle cosines fixed at create */
        s = s > 0.0 ? s : 0.0;
        st->ts[k] = s; /* temporarily the solar shape */
        ssum += s;
        if (s > smax)
            smax = s;
    }
    const double smean = ssum / ns;
    /* Daily bare-surface mean, for the film's warm-soil reduction. */
    double bare_mean = 0.0;
    const double mulch = st->cover == AGRO_COVER_RESIDUE ? st->residue_t_ha : 0.0;
    /* Fraction of soil covered by residue: 1 − exp(−A_m·M), A_m = 0.4 ha/t (APSIM
     * SurfaceOrganicMatter specific_area of maize residue 0.0004 ha/kg; Gregory 1982 form). The
     * mulch shades the soil and damps the diurnal wave by this fraction. */
    const double fmulch = 1.0 - exp(-0.4 * mulch);
    const double cv = d->canopy_t_ha + mulch;
    /* Cover weight, EPIC (Potter & Williams 1994 eq. 4; DSSAT STEMP_EPIC.for): surface =
     * (1 − BCV)·bare + BCV·lagged, BCV = CV/(CV + exp(5.3396 − 2.3951·CV)), CV = biomass +
     * mulch, t/ha. The lagged term is DSSAT's X2_PREV, yesterday's five-day mean of the
     * air-based surface term, not the paper's second soil layer: in a conduction model that
     * layer is the model's own output, and under a full cover (BCV → 1) the surface then held
     * whatever the soil had, whatever the weather (a review found a canopy of 10 t/ha kept
     * 5 cm at its starting 10 °C for a year under 25 °C air). */
    const double bcv = cv > 0.0 ? cv / (cv + exp(5.3396 - 2.3951 * cv)) : 0.0;
    double film_day = 0.0, film_night = 0.0;
    if (st->cover == AGRO_COVER_FILM_CLEAR) {
        film_day = FILM_CLEAR_DAY_C;
        film_night = FILM_CLEAR_NIGHT_C;
    } else if (st->cover == AGRO_COVER_FILM_BLACK) {
        film_day = FILM_BLACK_DAY_C;
        film_night = FILM_BLACK_NIGHT_C;
    }
    for (int32_t k = 0; k < ns; k++) {
        /* diurnal air temperature, Campbell & Norman 1998 eq. 2.2 (Γ fixed at create) */
        double tair = tn + (tx - tn) * st->gamma[k];
        double shape = smean > 0.0 ? st->ts[k] / smean : 1.0;
        double bare = tair + excess * shade * shape;
        bare_mean += bare;
        st->ts[k] = bare;
    }
    bare_mean /= ns;
    double fwarm = (FILM_NONE_ABOVE_C - bare_mean) / (FILM_NONE_ABOVE_C - FILM_FULL_BELOW_C);
    fwarm = fwarm < 0.0 ? 0.0 : (fwarm > 1.0 ? 1.0 : fwarm);
    /* the mulch removes its covered fraction of the radiative excess from the daily mean */
    const double cover_mean = bare_mean - fmulch * excess * shade;
    const double lag = cover_lag(st, cover_mean);
    const double lagged_mean = bcv * lag + (1.0 - bcv) * cover_mean;
    st->cover_today = cover_mean;
    for (int32_t k = 0; k < ns; k++) {
        /* the diurnal wave reaches the soil in proportion to the radiation that does (canopy
         * Beer's law, mulch cover fraction): our assumption, no sub-daily EPIC form exists */
        double t = lagged_mean + shade * (1.0 - fmulch) * (st->ts[k] - bare_mean);
        if (film_day > 0.0) {
            double s = ss + cc * st->hcos[k];
            double day = (s > 0.0 && smax > 0.0) ? s / smax : 0.0;
            /* Film warming: night value, rising with solar elevation to the day peak; reduced
             * under a canopy ("+1–5 °C under a crop canopy", S67) and over warm soil (S70). */
            t += shade * fwarm * (film_night + (film_day - film_night) * day);
        }
        st->ts[k] = t;
    }
}

/* Daily mean film warming of the daily-mean methods (STEMP, EPIC), °C; 0 without film.
 * An agrosim extension (DSSAT has no film term), from the film constants above. */
static double film_mean_warming(const agro_soil_temp *st, const agro_soil_temp_drivers *d)
{
    if (st->cover != AGRO_COVER_FILM_CLEAR && st->cover != AGRO_COVER_FILM_BLACK)
        return 0.0;
    const double tavg = 0.5 * (d->tmax_C + d->tmin_C);
    double day = st->cover == AGRO_COVER_FILM_CLEAR ? FILM_CLEAR_DAY_C : FILM_BLACK_DAY_C;
    double night = st->cover == AGRO_COVER_FILM_CLEAR ? FILM_CLEAR_NIGHT_C : FILM_BLACK_NIGHT_C;
    double bare = tavg + (d->tmax_C - tavg) * sqrt(0.03 * d->srad_MJ_m2_d);
    double fwarm = (FILM_NONE_ABOVE_C - bare) / (FILM_NONE_ABOVE_C - FILM_FULL_BELOW_C);
    fwarm = fwarm < 0.0 ? 0.0 : (fwarm > 1.0 ? 1.0 : fwarm);
    /* daily mean of night + (day − night)·sin β/sin β_max over a 12-h day ≈ night + (day −
     * night)·(2/π)/2 */
    return exp(-CANOPY_K * d->lai) * fwarm * (night + (day - night) / PI);
}

/* DSSAT STEMP daily update (STEMP.for SOILT), with the film's mean warming added to the surface
 * term (STEMP has none; agrosim extension). */
static void stemp_day(agro_soil_temp *st, const agro_soil_temp_drivers *d)
{
    const agro_soil_profile *p = &st->prof;
    /* Profile terms, precomputed at create (precompute_layers): mean bulk density ABD,
     * FX = ABD/(ABD + 686·exp(−5.63·ABD)), DP = 1000 + 2500·FX mm, WW = 0.356 − 0.144·ABD,
     * B = ln(500/DP), TLL = Σ LL·dz cm, CUMDPT mm (STEMP.for). */
    double tsw = 0.0;
    for (int32_t L = 0; L < p->n_layers; L++)
        tsw += st->sw[L] * st->thick_cm[L];
    const double tll = st->stemp_tll;
    const double cumdpt = st->stemp_cumdpt_mm;                 /* mm */
    const double dp = st->stemp_dp_mm;                         /* mm */
    const double ww = st->stemp_ww;
    const double b = st->stemp_b;
    const double pesw = tsw - tll > 0.0 ? tsw - tll : 0.0;     /* cm */
    const double wc = (pesw > 0.01 ? pesw : 0.01) / (ww * cumdpt) * 10.0;
    const double q = (1.0 - wc) / (1.0 + wc);
    const double dd = exp(b * q * q) * dp;                     /* damping depth, mm */
    const double hday = d->latitude_deg < 0.0 ? 20.0 : 200.0;  /* hottest day of year */
    const double alx = (d->doy - hday) * 0.0174;
    const double tavg = 0.5 * (d->tmax_C + d->tmin_C);
    const double film = film_mean_warming(st, d);
    const double cos_alx = cos(alx);
    const double ta = st->opt.tav_C + st->opt.amp_C * cos_alx / 2.0;
    int32_t iters = 1;
    if (!st->stemp_init) {
        for (int k = 0; k < 5; k++)
            st->tma[k] = tavg;
        st->atot = 5.0 * tavg;
        /* STEMP.for SEASINIT calls SOILT 8 times and the first day's RATE once more: CSM.for
           runs SEASINIT and the first RATE on the same day, YRSIM (as temp_epic.c does) */
        iters = STEMP_INIT_CALLS + 1;
        st->stemp_init = 1;
    }
    for (int32_t it = 0; it < iters; it++) {
        st->atot -= st->tma[4];
        for (int k = 4; k > 0; k--)
            st->tma[k] = st->tma[k - 1];
        if (st->opt.stemp_surface == AGRO_STEMP_SURFACE_AIR) {
            /* DSSAT-CSM 4.8.2 STEMP.for SOILT, METMP = D ("Kimball method"): TMA(1) = TAVG */
            st->tma[0] = tavg + film;
        } else {
            /* DSSAT-CSM 4.8.0 STEMP.for SOILT: albedo-weighted mean with the radiative excess */
            const double alb = p->albedo;
            st->tma[0] = (1.0 - alb) *
                             (tavg + (d->tmax_C - tavg) * sqrt(0.03 * d->srad_MJ_m2_d) + film) +
                         alb * st->tma[0];
        }
        st->atot += st->tma[0];
        /* the profile SEASINIT leaves, which the first day's soil N reads (SOIL's RATE runs
           before SPAM's, CSM_Main LAND.for) */
        if (it == STEMP_INIT_CALLS - 1) st->st_dt_init = st->atot / 5.0 - ta;
    }
    st->st_alx = alx;
    st->st_cos_alx = cos_alx;
    st->st_sin_alx = sin(alx);
    st->st_dt = st->atot / 5.0 - ta;
    st->st_dd_mm = dd;
    st->days++;
}

/* STEMP.for SOILT's ST at @p depth_cm with the surface term @p dt (DT = ATOT/5 − TA). */
static double stemp_at_dt(const agro_soil_temp *st, double depth_cm, double dt)
{
    double zd = -depth_cm * 10.0 / st->st_dd_mm;
    return st->opt.tav_C + (st->opt.amp_C / 2.0 * cos(st->st_alx + zd) + dt) * exp(zd);
}

static double stemp_at(const agro_soil_temp *st, double depth_cm)
{
    return stemp_at_dt(st, depth_cm, st->st_dt);
}

int agro_soil_temp_day_begin(agro_ctx *ctx, agro_soil_temp *st, const agro_soil_temp_drivers *d)
{
    if (!st || !d)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL argument to agro_soil_temp_step");
    if (st->opt.upper_boundary != AGRO_SOIL_TEMP_TOP_WEATHER)
        return agro_fail(ctx, AGRO_ESTATE, NULL, 0, "options.upper_boundary",
                         "agro_soil_temp_step needs the weather upper boundary");
    int rc = check_drivers(ctx, st, d, 1, 0);
    if (rc || st->opt.method != AGRO_SOIL_TEMP_NUMERICAL)
        return rc;
    surface_from_weather(st, d); /* into the day's scratch; reads no soil water */
    for (int32_t k = 0; k < st->nsteps; k++)
        if (!(st->ts[k] >= STATE_MIN_C && st->ts[k] <= STATE_MAX_C))
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "surface temperature",
                             "%.1f C outside [%g, %g] from tmax %g, tmin %g C and srad %g MJ/m2: "
                             "weather beyond what the model takes",
                             st->ts[k], STATE_MIN_C, STATE_MAX_C, d->tmax_C, d->tmin_C,
                             d->srad_MJ_m2_d);
    return AGRO_OK;
}

/* (the water contents are checked by agro_soil_temp_step, not here: the field's own come from
   its water step, which keeps them in [0, 1], and testing them again every day was 0.7 % of a
   season's instructions) */
int agro_soil_temp_day_end(agro_ctx *ctx, agro_soil_temp *st, const agro_soil_temp_drivers *d)
{
    int rc;
    if (st->opt.method == AGRO_SOIL_TEMP_STEMP) {
        for (int32_t L = 0; L < st->prof.n_layers; L++)
            st->sw[L] = isnan(d->sw[L]) ? st->prof.dul[L] : d->sw[L];
        stemp_day(st, d);
        return AGRO_OK;
    }
    if (st->opt.method == AGRO_SOIL_TEMP_EPIC) {
        for (int32_t L = 0; L < st->prof.n_layers; L++)
            st->sw[L] = isnan(d->sw[L]) ? st->prof.dul[L] : d->sw[L];
        const epic_day_in in = {.tmax_C = d->tmax_C,
                                .tmin_C = d->tmin_C,
                                .tav_C = st->opt.tav_C,
                                .water_input_mm = d->water_input_mm,
                                .biomass_t_ha = d->canopy_t_ha,
                                .mulch_t_ha = d->mulch_t_ha,
                                .snow_mm = d->snow_mm,
                                .surface_extra_C = film_mean_warming(st, d)};
        agro_epic_day(&st->epic, &st->epic_p, st->sw, &in);
        st->days++;
        return AGRO_OK;
    }
    take_water(st, d);
    rc = run_day(ctx, st); /* on the surface agro_soil_temp_day_begin left in st->ts */
    if (rc == AGRO_OK)
        commit_cover_lag(st);
    return rc;
}

int agro_soil_temp_step(agro_ctx *ctx, agro_soil_temp *st, const agro_soil_temp_drivers *d)
{
    int rc = agro_soil_temp_day_begin(ctx, st, d);
    if (!rc) rc = check_drivers(ctx, st, d, 0, 1);
    return rc ? rc : agro_soil_temp_day_end(ctx, st, d);
}

/* A model that takes its surface from the caller (@p what: "a prescribed surface", "a sub-step"):
   the numerical method with a PRESCRIBED or ZERO_FLUX upper boundary. */
static int check_given_surface(agro_ctx *ctx, const agro_soil_temp *st, const char *what)
{
    if (!st)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL soil temperature model");
    if (st->opt.method != AGRO_SOIL_TEMP_NUMERICAL ||
        st->opt.upper_boundary == AGRO_SOIL_TEMP_TOP_WEATHER)
        return agro_fail(ctx, AGRO_ESTATE, NULL, 0, "options.upper_boundary",
                         "%s needs the numerical method and a PRESCRIBED or ZERO_FLUX upper "
                         "boundary", what);
    return AGRO_OK;
}

int agro_soil_temp_step_surface(agro_ctx *ctx, agro_soil_temp *st, const agro_soil_temp_drivers *d,
                                const double *surface_C, size_t n)
{
    int rc = check_given_surface(ctx, st, "a prescribed surface");
    if (rc)
        return rc;
    int closed = st->opt.upper_boundary == AGRO_SOIL_TEMP_TOP_ZERO_FLUX;
    if (!closed && (!surface_C || n != (size_t)st->nsteps))
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "surface_C",
                         "need %d surface temperatures, got %zu", (int)st->nsteps,
                         surface_C ? n : (size_t)0);
    if (d && (rc = check_drivers(ctx, st, d, 0, 1)))
        return rc;
    for (int32_t k = 0; k < st->nsteps; k++) {
        double v = closed ? st->T[0] : surface_C[k];
        if (!closed && (rc = check_num(ctx, "surface_C", v, STATE_MIN_C, STATE_MAX_C)))
            return rc;
        st->ts[k] = v;
    }
    take_water(st, d);
    return run_day(ctx, st); /* a given surface: no cover lag, its memory stays as it was */
}

int agro_soil_temp_substep(agro_ctx *ctx, agro_soil_temp *st, double surface_C)
{
    int rc = check_given_surface(ctx, st, "a sub-step");
    if (rc)
        return rc;
    int closed = st->opt.upper_boundary == AGRO_SOIL_TEMP_TOP_ZERO_FLUX;
    if (!closed && (rc = check_num(ctx, "surface_C", surface_C, STATE_MIN_C, STATE_MAX_C)))
        return rc;
    if (!st->props_ok)
        update_properties(st);
    memcpy(st->Tsave, st->T, sizeof(double) * (size_t)st->n);
    substep(st, closed ? st->T[0] : surface_C);
    for (int32_t i = 0; i < st->n; i++) {
        if (!isfinite(st->T[i])) {
            memcpy(st->T, st->Tsave, sizeof(double) * (size_t)st->n);
            return agro_fail(ctx, AGRO_ENUMERIC, NULL, 0, "soil temperature",
                             "non-finite temperature at node %d", (int)i);
        }
    }
    return AGRO_OK;
}

/* Linear interpolation of a node array at depth z (m). */
static double interp(const agro_soil_temp *st, const double *v, double z)
{
    const int32_t n = st->n;
    if (z <= 0.0)
        return v[0];
    if (z >= st->z[n - 1])
        return v[n - 1];
    int32_t a = 0, b = n - 1;
    while (b - a > 1) {
        int32_t c = (a + b) / 2;
        if (st->z[c] <= z)
            a = c;
        else
            b = c;
    }
    double f = (z - st->z[a]) / (st->z[b] - st->z[a]);
    return v[a] + f * (v[b] - v[a]);
}

int agro_soil_temp_at(const agro_soil_temp *st, double depth_cm, double *mean_C, double *min_C,
                      double *max_C)
{
    if (!st)
        return AGRO_EINVAL;
    /* the numerical grid ends at max_depth_m; STEMP and EPIC answer down to the profile bottom */
    double deepest_cm = st->opt.max_depth_m * 100.0;
    const double bottom_cm = st->prof.depth_cm[st->prof.n_layers - 1];
    if (st->opt.method != AGRO_SOIL_TEMP_NUMERICAL && bottom_cm > deepest_cm)
        deepest_cm = bottom_cm;
    if (!isfinite(depth_cm) || depth_cm < 0.0 || depth_cm > deepest_cm + 1e-9)
        return AGRO_ERANGE;
    double mn, lo, hi;
    if (st->opt.method == AGRO_SOIL_TEMP_STEMP) {
        if (!st->stemp_init)
            mn = isnan(st->opt.initial_C) ? st->opt.tav_C : st->opt.initial_C;
        else
            mn = stemp_at(st, depth_cm);
        lo = hi = mn;
    } else if (st->opt.method == AGRO_SOIL_TEMP_EPIC) {
        if (!st->epic.init)
            mn = isnan(st->opt.initial_C) ? st->opt.tav_C : st->opt.initial_C;
        else
            mn = agro_epic_at(&st->epic, &st->epic_p, depth_cm);
        lo = hi = mn;
    } else {
        double z = depth_cm / 100.0;
        mn = interp(st, st->dmean, z);
        lo = interp(st, st->dmin, z);
        hi = interp(st, st->dmax, z);
    }
    if (mean_C)
        *mean_C = mn;
    if (min_C)
        *min_C = lo;
    if (max_C)
        *max_C = hi;
    return AGRO_OK;
}

int agro_soil_temp_surface(const agro_soil_temp *st, double *mean_C, double *min_C, double *max_C)
{
    return agro_soil_temp_at(st, 0.0, mean_C, min_C, max_C);
}

/* (a, c, s) to the power d: a^d and the rotation (c + i·s)^d, by repeated squaring. */
static void stemp_power(double a, double c, double s, int32_t d, double *pa, double *pc,
                        double *ps)
{
    double ra = 1.0, rc = 1.0, rs = 0.0;
    while (d > 0) {
        if (d & 1) {
            const double t = rc * c - rs * s;
            rs = rc * s + rs * c;
            rc = t;
            ra *= a;
        }
        d >>= 1;
        if (d) {
            const double t = c * c - s * s;
            s = 2.0 * c * s;
            c = t;
            a *= a;
        }
    }
    *pa = ra;
    *pc = rc;
    *ps = rs;
}

/* exp(x), cos x and sin x. DD >= 500 mm (STEMP: DD = DP·e^(B·Q²), B = ln(500/DP) < 0,
 * Q² <= 1) and the unit is at most 10 cm, so |x| <= 0.2 here; there the Taylor series to
 * x¹² (exp, cos) and x¹³ (sin) leave a remainder below 1e-17 relative, under the rounding
 * of the evaluation (≈ 1 ulp, as libm), at a fraction of the cost of three library calls.
 * Larger |x| (never from stemp_layer_means) go to libm. */
static void small_exp_cos_sin(double x, double *e, double *c, double *s)
{
    if (!(fabs(x) <= 0.25)) {
        *e = exp(x);
        *c = cos(x);
        *s = sin(x);
        return;
    }
    /* 1/k!, k = 0..13 */
    static const double f[14] = {1.0,
                                 1.0,
                                 1.0 / 2.0,
                                 1.0 / 6.0,
                                 1.0 / 24.0,
                                 1.0 / 120.0,
                                 1.0 / 720.0,
                                 1.0 / 5040.0,
                                 1.0 / 40320.0,
                                 1.0 / 362880.0,
                                 1.0 / 3628800.0,
                                 1.0 / 39916800.0,
                                 1.0 / 479001600.0,
                                 1.0 / 6227020800.0};
    double pe = f[12];
    for (int k = 11; k >= 1; k--)
        pe = pe * x + f[k];
    *e = 1.0 + pe * x;
    const double x2 = x * x;
    double pc = f[12], ps = f[13];
    for (int k = 10; k >= 2; k -= 2) {
        pc = -pc * x2 + f[k];
        ps = -ps * x2 + f[k + 1];
    }
    *c = 1.0 - pc * x2;
    *s = x - ps * x2 * x;
}

/* stemp_at at every layer mid-depth. With commensurate mid-depths (stemp_unit_cm > 0),
 * zd = −10·mid/DD is m·δ with δ = −10·unit/DD and m whole, so exp(zd) = exp(δ)^m and
 * cos(ALX + zd) = cos ALX·cos zd − sin ALX·sin zd with (cos zd, sin zd) the rotation by δ to
 * the power m, stepped from layer to layer: one exp and one cos/sin pair a day. The same
 * STEMP.for equation; the values differ from the direct form by rounding only (the error of
 * the day's exp(δ), cos δ, sin δ grows with m: ≤ 1e-14 relative for DSSAT profiles). */
static void stemp_layer_means(const agro_soil_temp *st, double dt, double *out_C)
{
    const int32_t nl = st->prof.n_layers;
    if (!(st->stemp_unit_cm > 0.0)) {
        for (int32_t L = 0; L < nl; L++)
            out_C[L] = stemp_at_dt(st, st->stemp_mid_cm[L], dt);
        return;
    }
    const double delta = -st->stemp_unit_cm * 10.0 / st->st_dd_mm;
    double a1, c1, s1;
    small_exp_cos_sin(delta, &a1, &c1, &s1);
    const double half_amp = st->opt.amp_C / 2.0, ca = st->st_cos_alx, sa = st->st_sin_alx;
    double A = 1.0, C = 1.0, S = 0.0;
    double pa = 1.0, pc = 1.0, ps = 0.0;
    int32_t prev = -1;
    for (int32_t L = 0; L < nl; L++) {
        const int32_t d = st->stemp_step[L];
        if (d != prev) {
            stemp_power(a1, c1, s1, d, &pa, &pc, &ps);
            prev = d;
        }
        const double t = C * pc - S * ps;
        S = C * ps + S * pc;
        C = t;
        A *= pa;
        out_C[L] = st->opt.tav_C + (half_amp * (ca * C - sa * S) + dt) * A;
    }
}

int agro_soil_temp_layer_means(const agro_soil_temp *st, double *out_C, size_t n)
{
    if (!st || !out_C || n < (size_t)st->prof.n_layers)
        return AGRO_EINVAL;
    /* layer geometry precomputed at create (precompute_layers) */
    const int32_t nl = st->prof.n_layers;
    if (st->opt.method == AGRO_SOIL_TEMP_STEMP) {
        /* DSSAT evaluates STEMP at layer mid-points (DSMID) */
        if (st->stemp_init) {
            stemp_layer_means(st, st->st_dt, out_C);
            return AGRO_OK;
        }
        for (int32_t L = 0; L < nl; L++)
            out_C[L] = isnan(st->opt.initial_C) ? st->opt.tav_C : st->opt.initial_C;
        return AGRO_OK;
    }
    if (st->opt.method == AGRO_SOIL_TEMP_EPIC) {
        /* EPIC's layer temperatures ST(L) (DSSAT evaluates them at DSMID) */
        for (int32_t L = 0; L < nl; L++)
            out_C[L] = st->epic.init ? st->epic.st_C[L]
                                     : isnan(st->opt.initial_C) ? st->opt.tav_C : st->opt.initial_C;
        return AGRO_OK;
    }
    const double *v = st->dmean, *z = st->z;
    double top = 0.0;
    for (int32_t L = 0; L < nl; L++) {
        const double a = top / 100.0;
        top = st->prof.depth_cm[L];
        if (st->below_grid[L]) {
            out_C[L] = v[st->n - 1];
            continue;
        }
        const double bb = st->layer_bot_m[L];
        /* exact integral of the piecewise-linear profile over [a, bb] */
        double acc = 0.0, zprev = a, vprev = lerp(&st->lerp_a[L], v);
        for (int32_t i = st->node0[L]; i < st->node1[L]; i++) {
            acc += 0.5 * (vprev + v[i]) * (z[i] - zprev);
            zprev = z[i];
            vprev = v[i];
        }
        double vb = lerp(&st->lerp_b[L], v);
        acc += 0.5 * (vprev + vb) * (bb - zprev);
        out_C[L] = acc / (bb - a);
    }
    return AGRO_OK;
}

int agro_soil_temp_seasinit_layer_means(const agro_soil_temp *st, double *out_C, size_t n)
{
    if (!st || !out_C || n < (size_t)st->prof.n_layers)
        return AGRO_EINVAL;
    if (st->opt.method == AGRO_SOIL_TEMP_STEMP && st->stemp_init) {
        stemp_layer_means(st, st->st_dt_init, out_C);
        return AGRO_OK;
    }
    if (st->opt.method == AGRO_SOIL_TEMP_EPIC && st->epic.init) {
        for (int32_t L = 0; L < st->prof.n_layers; L++)
            out_C[L] = st->epic.st_init_C[L];
        return AGRO_OK;
    }
    return agro_soil_temp_layer_means(st, out_C, n);
}

int32_t agro_soil_temp_n_nodes(const agro_soil_temp *st) { return st ? st->n : 0; }

int agro_soil_temp_node_depths(const agro_soil_temp *st, double *out_m, size_t n)
{
    if (!st || !out_m || n < (size_t)st->n)
        return AGRO_EINVAL;
    memcpy(out_m, st->z, sizeof(double) * (size_t)st->n);
    return AGRO_OK;
}

int agro_soil_temp_node_temperatures(const agro_soil_temp *st, double *out_C, size_t n)
{
    if (!st || !out_C || n < (size_t)st->n)
        return AGRO_EINVAL;
    memcpy(out_C, st->T, sizeof(double) * (size_t)st->n);
    return AGRO_OK;
}

int agro_soil_temp_heat_content(const agro_soil_temp *st, double *J_m2)
{
    if (!st || !J_m2)
        return AGRO_EINVAL;
    double h = 0.0;
    for (int32_t i = 0; i < st->n; i++)
        h += st->cap[i] * st->vol[i] * st->T[i];
    *J_m2 = h;
    return AGRO_OK;
}
