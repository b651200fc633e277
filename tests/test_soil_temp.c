/* Soil temperature: analytical checks (daily and annual wave), energy conservation, no
 * oscillation for large steps, solver against GSL, cover effects, STEMP, EPIC (STEMP_EPIC)
 * against a transcription of the Fortran, and every error path. */
#include <criterion/criterion.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multifit.h>
#include <math.h>
#include <string.h>

#include "agrosim/soil_temp.h"
#include "internal/soil_temp_epic.h"
#include "soil/soil_temp_internal.h"

#define PI 3.14159265358979323846

/* A clay-loam-like profile, 5 layers to 150 cm (values typical of DSSAT generic soils). */
static void clay_loam(agro_soil_profile *p)
{
    memset(p, 0, sizeof *p);
    p->albedo = 0.13;
    p->n_layers = 5;
    const double depth[] = {15, 30, 60, 100, 150};
    for (int i = 0; i < 5; i++) {
        p->depth_cm[i] = depth[i];
        p->ll[i] = 0.22;
        p->dul[i] = 0.36;
        p->sat[i] = 0.46;
        p->bulk_density_g_cm3[i] = 1.25 + 0.05 * i;
        p->organic_carbon_pct[i] = 2.0 / (1 + i);
        p->clay_pct[i] = 32.0;
        p->silt_pct[i] = 35.0;
    }
}

static agro_soil_temp *make(agro_ctx *ctx, const agro_soil_temp_options *o)
{
    agro_soil_profile p;
    clay_loam(&p);
    agro_soil_temp *st = NULL;
    int rc = agro_soil_temp_create(ctx, &p, o, &st);
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert_eq(rc, AGRO_OK, "create: %s", msg);
    return st;
}

/* Fit y = a + b·t + c·sin(ωt) + d·cos(ωt); return amplitude and phase (y ∝ sin(ωt + phase)). */
static void fit_wave(const double *t, const double *y, size_t n, double omega, double *amp,
                     double *phase)
{
    gsl_matrix *X = gsl_matrix_alloc(n, 4);
    gsl_vector *Y = gsl_vector_alloc(n), *c = gsl_vector_alloc(4);
    gsl_matrix *cov = gsl_matrix_alloc(4, 4);
    gsl_multifit_linear_workspace *ws = gsl_multifit_linear_alloc(n, 4);
    double chisq;
    for (size_t i = 0; i < n; i++) {
        gsl_matrix_set(X, i, 0, 1.0);
        gsl_matrix_set(X, i, 1, t[i] / 1e6);
        gsl_matrix_set(X, i, 2, sin(omega * t[i]));
        gsl_matrix_set(X, i, 3, cos(omega * t[i]));
        gsl_vector_set(Y, i, y[i]);
    }
    gsl_multifit_linear(X, Y, c, cov, &chisq, ws);
    double s = gsl_vector_get(c, 2), k = gsl_vector_get(c, 3);
    *amp = sqrt(s * s + k * k);
    *phase = atan2(k, s);
    gsl_multifit_linear_free(ws);
    gsl_matrix_free(X);
    gsl_matrix_free(cov);
    gsl_vector_free(Y);
    gsl_vector_free(c);
}

/* Drive a constant-property column with T_s = 20 + A·sin(ωt), then compare amplitude ratio and
 * phase lag at the node nearest the damping depth with e^(−z/d) and z/(ωd). */
static void analytical_check(double kappa, double period_s, double depth_m, int32_t n_nodes,
                             double top_m, int32_t steps_per_day, int spin_periods)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    o.upper_boundary = AGRO_SOIL_TEMP_TOP_PRESCRIBED;
    o.lower_boundary = AGRO_SOIL_TEMP_BOTTOM_ZERO_FLUX;
    o.max_depth_m = depth_m;
    o.n_nodes = n_nodes;
    o.top_layer_m = top_m;
    o.steps_per_day = steps_per_day;
    o.theta_weight = 0.5;
    o.heat_capacity_J_m3_K = 2.0e6;
    o.conductivity_W_m_K = kappa * 2.0e6;
    o.initial_C = 20.0;
    o.tav_C = 20.0;
    agro_soil_temp *st = make(ctx, &o);

    const double omega = 2.0 * PI / period_s, A = 8.0;
    const double d = sqrt(2.0 * kappa / omega);
    double z[AGRO_SOIL_TEMP_MAX_NODES], T[AGRO_SOIL_TEMP_MAX_NODES];
    agro_soil_temp_node_depths(st, z, AGRO_SOIL_TEMP_MAX_NODES);
    int j = 1;
    for (int i = 1; i < n_nodes; i++)
        if (fabs(z[i] - d) < fabs(z[j] - d))
            j = i;
    cr_assert(fabs(z[j] - d) < 0.1 * d, "grid has a node near d = %g m (%g)", d, z[j]);

    const double dt = 86400.0 / steps_per_day;
    const long per_period = lround(period_s / dt);
    const long total = per_period * (spin_periods + 1);
    double *ts = malloc(sizeof(double) * (size_t)per_period);
    double *ys = malloc(sizeof(double) * (size_t)per_period);
    double *y0 = malloc(sizeof(double) * (size_t)per_period);
    for (long k = 1; k <= total; k++) {
        double t = (double)k * dt;
        double surf = 20.0 + A * sin(omega * t);
        cr_assert_eq(agro_soil_temp_substep(ctx, st, surf), AGRO_OK);
        if (k > total - per_period) {
            long i = k - (total - per_period) - 1;
            agro_soil_temp_node_temperatures(st, T, AGRO_SOIL_TEMP_MAX_NODES);
            ts[i] = t;
            ys[i] = T[j];
            y0[i] = T[0];
        }
    }
    double a0, p0, aj, pj;
    fit_wave(ts, y0, (size_t)per_period, omega, &a0, &p0);
    fit_wave(ts, ys, (size_t)per_period, omega, &aj, &pj);
    double lag = p0 - pj;
    while (lag < 0)
        lag += 2 * PI;
    double ratio_num = aj / a0, ratio_ana = exp(-z[j] / d);
    double lag_num_s = lag / omega, lag_ana_s = z[j] / (omega * d);
    cr_log_info("z = %g m, d = %g m: ratio %.5f (analytical %.5f), lag %.1f s (analytical %.1f s)",
                z[j], d, ratio_num, ratio_ana, lag_num_s, lag_ana_s);
    cr_expect(fabs(ratio_num / ratio_ana - 1.0) < 0.02,
              "amplitude ratio %g vs analytical %g at z = %g m (d = %g m)", ratio_num, ratio_ana,
              z[j], d);
    cr_expect(fabs(lag_num_s / lag_ana_s - 1.0) < 0.02,
              "phase lag %g s vs analytical %g s at z = %g m", lag_num_s, lag_ana_s, z[j]);
    free(ts);
    free(ys);
    free(y0);
    agro_soil_temp_free(st);
    agro_ctx_free(ctx);
}

Test(soil_temp, daily_wave_matches_analytical_amplitude_and_phase_at_damping_depth)
{
    /* κ = 5e-7 m²/s: d = 11.7 cm (BRIEF §5.1 table) */
    analytical_check(5e-7, 86400.0, 2.0, 120, 0.002, 288, 12);
}

Test(soil_temp, annual_wave_matches_analytical_amplitude_and_phase_at_damping_depth)
{
    /* κ = 1e-7 m²/s: d = 1.0 m; 10 m column, 4 steps a day, 4 years spin-up */
    analytical_check(1e-7, 365.0 * 86400.0, 10.0, 120, 0.01, 4, 4);
}

Test(soil_temp, closed_column_conserves_energy)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    o.upper_boundary = AGRO_SOIL_TEMP_TOP_ZERO_FLUX;
    o.lower_boundary = AGRO_SOIL_TEMP_BOTTOM_ZERO_FLUX;
    o.steps_per_day = 24;
    agro_soil_temp *st = make(ctx, &o); /* Campbell properties vary with layer */
    int32_t n = agro_soil_temp_n_nodes(st);
    double T[AGRO_SOIL_TEMP_MAX_NODES], z[AGRO_SOIL_TEMP_MAX_NODES];
    agro_soil_temp_node_depths(st, z, (size_t)n);
    for (int i = 0; i < n; i++)
        T[i] = 10.0 + 25.0 * exp(-z[i] / 0.2) + 3.0 * sin(7.0 * z[i]);
    cr_assert_eq(agro_soil_temp_set_nodes(ctx, st, T, (size_t)n), AGRO_OK);
    double h0, h1;
    agro_soil_temp_heat_content(st, &h0);
    agro_soil_temp_drivers d;
    memset(&d, 0, sizeof d);
    for (int i = 0; i < AGRO_SOIL_MAX_LAYERS; i++)
        d.sw[i] = NAN;
    for (int day = 0; day < 60; day++)
        cr_assert_eq(agro_soil_temp_step_surface(ctx, st, &d, NULL, 0), AGRO_OK);
    agro_soil_temp_heat_content(st, &h1);
    cr_expect(fabs(h1 - h0) <= 1e-10 * fabs(h0), "heat %.12g J/m2 became %.12g", h0, h1);
    /* and heat really moved: the top cooled toward the column mean */
    agro_soil_temp_node_temperatures(st, T, (size_t)n);
    cr_expect(T[0] < 30.0, "surface node still %g", T[0]);
    agro_soil_temp_free(st);
    agro_ctx_free(ctx);
}

Test(soil_temp, one_step_per_day_after_a_step_change_does_not_oscillate)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    o.upper_boundary = AGRO_SOIL_TEMP_TOP_PRESCRIBED;
    o.steps_per_day = 1;
    o.theta_weight = 0.5; /* plain Crank–Nicolson would ring at these step sizes */
    o.initial_C = 20.0;
    o.tav_C = 20.0;
    agro_soil_temp *st = make(ctx, &o);
    int32_t n = agro_soil_temp_n_nodes(st);
    double T[AGRO_SOIL_TEMP_MAX_NODES];
    double surf = 40.0;
    /* the step change: surface already at 40 °C over a soil at 20 °C */
    for (int i = 0; i < n; i++)
        T[i] = i == 0 ? 40.0 : 20.0;
    cr_assert_eq(agro_soil_temp_set_nodes(ctx, st, T, (size_t)n), AGRO_OK);
    for (int day = 0; day < 10; day++) {
        cr_assert_eq(agro_soil_temp_step_surface(ctx, st, NULL, &surf, 1), AGRO_OK);
        agro_soil_temp_node_temperatures(st, T, (size_t)n);
        for (int i = 1; i < n; i++) {
            cr_assert(T[i] >= 20.0 - 1e-9 && T[i] <= 40.0 + 1e-9, "day %d node %d: %g outside [20,40]",
                      day, i, T[i]);
            cr_assert(T[i] <= T[i - 1] + 1e-9, "day %d: node %d (%g) warmer than node above (%g)",
                      day, i, T[i], T[i - 1]);
        }
    }
    cr_expect(T[1] > 30.0, "heat entered the soil (%g)", T[1]);
    agro_soil_temp_free(st);
    agro_ctx_free(ctx);
}

Test(soil_temp, thomas_sweep_agrees_with_gsl_tridiagonal_solver)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    o.upper_boundary = AGRO_SOIL_TEMP_TOP_ZERO_FLUX;
    o.lower_boundary = AGRO_SOIL_TEMP_BOTTOM_ZERO_FLUX;
    o.theta_weight = 1.0;
    o.conductivity_W_m_K = 1.2;
    o.heat_capacity_J_m3_K = 2.5e6;
    o.steps_per_day = 24;
    agro_soil_temp *st = make(ctx, &o);
    size_t n = (size_t)agro_soil_temp_n_nodes(st);
    double z[AGRO_SOIL_TEMP_MAX_NODES], T[AGRO_SOIL_TEMP_MAX_NODES], T1[AGRO_SOIL_TEMP_MAX_NODES];
    agro_soil_temp_node_depths(st, z, n);
    for (size_t i = 0; i < n; i++)
        T[i] = 15.0 + 10.0 * cos(3.0 * z[i]);
    agro_soil_temp_set_nodes(ctx, st, T, n);
    cr_assert_eq(agro_soil_temp_substep(ctx, st, 0.0), AGRO_OK);
    agro_soil_temp_node_temperatures(st, T1, n);
    /* the same fully implicit system assembled here and solved by GSL */
    const double dt = 3600.0;
    gsl_vector *diag = gsl_vector_alloc(n), *off = gsl_vector_alloc(n - 1);
    gsl_vector *b = gsl_vector_alloc(n), *x = gsl_vector_alloc(n);
    for (size_t i = 0; i < n; i++) {
        double up = i > 0 ? z[i] - z[i - 1] : 0.0, dn = i + 1 < n ? z[i + 1] - z[i] : 0.0;
        double m = o.heat_capacity_J_m3_K * 0.5 * (up + dn) / dt;
        double kl = i > 0 ? o.conductivity_W_m_K / up : 0.0;
        double kr = i + 1 < n ? o.conductivity_W_m_K / dn : 0.0;
        gsl_vector_set(diag, i, m + kl + kr);
        if (i + 1 < n)
            gsl_vector_set(off, i, -kr);
        gsl_vector_set(b, i, m * T[i]);
    }
    cr_assert_eq(gsl_linalg_solve_symm_tridiag(diag, off, b, x), 0);
    for (size_t i = 0; i < n; i++)
        cr_expect(fabs(gsl_vector_get(x, i) - T1[i]) < 1e-9, "node %zu: %g vs GSL %g", i, T1[i],
                  gsl_vector_get(x, i));
    gsl_vector_free(diag);
    gsl_vector_free(off);
    gsl_vector_free(b);
    gsl_vector_free(x);
    agro_soil_temp_free(st);
    agro_ctx_free(ctx);
}

/* A synthetic tropical highland year (Goroka-like normals, BRIEF §5.6) as daily drivers. */
static void tropical_day(agro_soil_temp_drivers *d, int doy, double lai)
{
    memset(d, 0, sizeof *d);
    d->year = 2001;
    d->doy = doy;
    d->tmax_C = 26.5 + 0.6 * cos(2 * PI * (doy - 340) / 365.0);
    d->tmin_C = 15.6 + 0.6 * cos(2 * PI * (doy - 30) / 365.0);
    d->srad_MJ_m2_d = 19.0 + 1.5 * cos(2 * PI * (doy - 330) / 365.0);
    d->latitude_deg = -6.08;
    d->lai = lai;
    for (int i = 0; i < AGRO_SOIL_MAX_LAYERS; i++)
        d->sw[i] = NAN;
}

static double mean_at_5cm_over_year_surface(int32_t cover, double lai, int32_t method,
                                            int32_t surface)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    o.cover = cover;
    o.method = method;
    o.stemp_surface = surface;
    o.tav_C = 21.0;
    o.amp_C = 1.6;
    agro_soil_temp *st = make(ctx, &o);
    agro_soil_temp_drivers d;
    double sum = 0.0;
    for (int y = 0; y < 2; y++) {
        for (int doy = 1; doy <= 365; doy++) {
            tropical_day(&d, doy, lai);
            cr_assert_eq(agro_soil_temp_step(ctx, st, &d), AGRO_OK);
            double mn, lo, hi;
            cr_assert_eq(agro_soil_temp_at(st, 5.0, &mn, &lo, &hi), AGRO_OK);
            cr_assert(isfinite(mn) && lo <= mn + 1e-12 && mn <= hi + 1e-12, "%g %g %g", lo, mn, hi);
            if (y == 1)
                sum += mn;
        }
    }
    agro_soil_temp_free(st);
    agro_ctx_free(ctx);
    return sum / 365.0;
}

static double mean_at_5cm_over_year(int32_t cover, double lai, int32_t method)
{
    return mean_at_5cm_over_year_surface(cover, lai, method, AGRO_STEMP_SURFACE_AIR);
}

Test(soil_temp, film_warms_the_topsoil_less_under_a_canopy_and_clear_more_than_black)
{
    double bare = mean_at_5cm_over_year(AGRO_COVER_BARE, 0.0, AGRO_SOIL_TEMP_NUMERICAL);
    double clear = mean_at_5cm_over_year(AGRO_COVER_FILM_CLEAR, 0.0, AGRO_SOIL_TEMP_NUMERICAL);
    double black = mean_at_5cm_over_year(AGRO_COVER_FILM_BLACK, 0.0, AGRO_SOIL_TEMP_NUMERICAL);
    double bare_lai = mean_at_5cm_over_year(AGRO_COVER_BARE, 3.0, AGRO_SOIL_TEMP_NUMERICAL);
    double clear_lai = mean_at_5cm_over_year(AGRO_COVER_FILM_CLEAR, 3.0, AGRO_SOIL_TEMP_NUMERICAL);
    cr_log_info("5 cm annual mean: bare %.2f clear %.2f black %.2f; LAI 3: bare %.2f clear %.2f",
                bare, clear, black, bare_lai, clear_lai);
    cr_expect(clear - bare > 1.0 && clear - bare < 5.0, "clear film warming %g °C", clear - bare);
    cr_expect(black > bare && black < clear, "black %g between bare %g and clear %g", black, bare,
              clear);
    cr_expect(clear_lai - bare_lai < clear - bare, "canopy reduces film warming");
    cr_expect(bare_lai < bare, "a canopy shades the soil");
    /* STEMP gives the same sign of the film effect with either surface term. With DSSAT 4.8.0's
       radiative surface term it lies near the numerical model (which carries a radiative excess
       too); with DSSAT 4.8.2's it lies near the mean air temperature (TAV 21 °C here). */
    double sbare = mean_at_5cm_over_year(AGRO_COVER_BARE, 0.0, AGRO_SOIL_TEMP_STEMP);
    double sclear = mean_at_5cm_over_year(AGRO_COVER_FILM_CLEAR, 0.0, AGRO_SOIL_TEMP_STEMP);
    double abare = mean_at_5cm_over_year_surface(AGRO_COVER_BARE, 0.0, AGRO_SOIL_TEMP_STEMP,
                                                 AGRO_STEMP_SURFACE_ALBEDO);
    double aclear = mean_at_5cm_over_year_surface(AGRO_COVER_FILM_CLEAR, 0.0, AGRO_SOIL_TEMP_STEMP,
                                                  AGRO_STEMP_SURFACE_ALBEDO);
    cr_log_info("STEMP 5 cm, air surface: bare %.2f clear %.2f; albedo surface: bare %.2f clear %.2f",
                sbare, sclear, abare, aclear);
    cr_expect(sclear > sbare && fabs(sbare - 21.0) < 0.5, "STEMP (air) bare %g clear %g", sbare,
              sclear);
    cr_expect(aclear > abare && fabs(abare - bare) < 3.0,
              "STEMP (albedo) bare %g clear %g (numerical %g)", abare, aclear, bare);
    cr_expect(abare > sbare + 1.0, "the radiative surface term warms the soil: %g vs %g", abare,
              sbare);
}

/* DSSAT-CSM 4.8.2 STEMP (METMP D): the surface term is the day's mean air temperature, so with
 * TAV equal to it and no annual amplitude every layer settles at it, however bright the day;
 * DSSAT 4.8.0's term adds (1 − albedo)·(TMAX − TAVG)·√(0.03·SRAD) on top. */
Test(soil_temp, stemp_surface_term_is_the_mean_air_temperature_or_the_radiative_estimate)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    const double tmax = 30.0, tmin = 20.0, srad = 25.0;
    double at20[2];
    for (int k = 0; k < 2; k++) {
        agro_soil_temp_options o;
        agro_soil_temp_options_default(&o);
        o.method = AGRO_SOIL_TEMP_STEMP;
        o.stemp_surface = k == 0 ? AGRO_STEMP_SURFACE_AIR : AGRO_STEMP_SURFACE_ALBEDO;
        o.tav_C = 25.0;
        o.amp_C = 0.0;
        agro_soil_temp *st = make(ctx, &o);
        agro_soil_temp_drivers d;
        for (int day = 0; day < 60; day++) {
            tropical_day(&d, 100 + day, 0.0);
            d.tmax_C = tmax;
            d.tmin_C = tmin;
            d.srad_MJ_m2_d = srad;
            cr_assert_eq(agro_soil_temp_step(ctx, st, &d), AGRO_OK);
        }
        double mn, lo, hi;
        cr_assert_eq(agro_soil_temp_at(st, 20.0, &mn, &lo, &hi), AGRO_OK);
        at20[k] = mn;
        agro_soil_temp_free(st);
    }
    cr_expect(fabs(at20[0] - 25.0) < 1e-9, "air surface: %.12g °C at 20 cm, mean air 25", at20[0]);
    /* the steady surface term is TAVG + (TMAX − TAVG)·√(0.03·SRAD), 6.1 °C above TAVG here; 20 cm
       sees it damped by exp(−200 mm/DD) */
    const double excess = (tmax - 25.0) * sqrt(0.03 * srad);
    cr_expect(at20[1] > 25.0 + 0.3 * excess && at20[1] < 25.0 + excess,
              "albedo surface: %g °C at 20 cm (excess at the surface %g)", at20[1], excess);
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    o.method = AGRO_SOIL_TEMP_STEMP;
    o.stemp_surface = 2;
    agro_soil_profile p;
    clay_loam(&p);
    agro_soil_temp *bad = (agro_soil_temp *)0x1;
    cr_expect_eq(agro_soil_temp_create(ctx, &p, &o, &bad), AGRO_ERANGE);
    cr_expect_null(bad);
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect(strstr(msg, "stemp_surface") != NULL, "%s", msg);
    agro_ctx_free(ctx);
}

Test(soil_temp, stemp_first_day_runs_seasinit_and_the_day_s_own_update)
{
    /* DSSAT runs STEMP's SEASINIT (SOILT 8 times) and the first day's RATE (SOILT once more) on
     * the same day (CSM.for: YRDOY = YRSIM for both). With the albedo surface term and the same
     * weather every call, TMA(1) after k updates is u_k = X − a^k·(X − TAVG), X = TAVG + (TMAX −
     * TAVG)·√(0.03·SRAD), a = albedo, and TMA holds u_k..u_(k−4). With AMP 0, the surface is
     * ATOT/5: after the first day (k = 9) X − (X − TAVG)·(a⁵ + … + a⁹)/5. Eight updates leave
     * it 2.5e-4 °C lower. */
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    o.method = AGRO_SOIL_TEMP_STEMP;
    o.stemp_surface = AGRO_STEMP_SURFACE_ALBEDO;
    o.tav_C = 20.0;
    o.amp_C = 0.0;
    agro_soil_temp *st = make(ctx, &o);
    agro_soil_temp_drivers d;
    tropical_day(&d, 100, 0.0);
    d.tmax_C = 30.0;
    d.tmin_C = 20.0;
    d.srad_MJ_m2_d = 25.0;
    cr_assert_eq(agro_soil_temp_step(ctx, st, &d), AGRO_OK);
    const double a = 0.13; /* clay_loam's albedo */
    const double x = 25.0 + 5.0 * sqrt(0.03 * 25.0);
    double sum = 0.0;
    for (int k = 5; k <= 9; k++)
        sum += pow(a, k);
    const double expect = x - (x - 25.0) * sum / 5.0;
    double s;
    cr_assert_eq(agro_soil_temp_surface(st, &s, NULL, NULL), AGRO_OK);
    cr_expect(fabs(s - expect) < 1e-9, "first-day surface %.12g, 9 updates give %.12g", s, expect);
    /* SEASINIT's profile, which the first day's soil N reads, has the surface of 8 updates: with
       AMP 0 a layer is TAV + DT·exp(ZD), the same ZD on both, so its excess over TAV scales with
       the surface's */
    double sum8 = 0.0;
    for (int k = 4; k <= 8; k++)
        sum8 += pow(a, k);
    const double s8 = x - (x - 25.0) * sum8 / 5.0;
    double day[8], init[8];
    cr_assert_eq(agro_soil_temp_layer_means(st, day, 8), AGRO_OK);
    cr_assert_eq(agro_soil_temp_seasinit_layer_means(st, init, 8), AGRO_OK);
    for (int L = 0; L < 5; L++)
        cr_expect(fabs((init[L] - 20.0) - (day[L] - 20.0) * (s8 - 20.0) / (expect - 20.0)) < 1e-9,
                  "layer %d: SEASINIT %.12g, the day %.12g", L, init[L], day[L]);
    cr_expect_lt(init[0], day[0] - 1e-4);
    agro_soil_temp_free(st);
    agro_ctx_free(ctx);
}

Test(soil_temp, residue_damps_the_daily_range_at_5cm)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    double range[2];
    for (int c = 0; c < 2; c++) {
        agro_soil_temp_options o;
        agro_soil_temp_options_default(&o);
        o.cover = c ? AGRO_COVER_RESIDUE : AGRO_COVER_BARE;
        o.residue_t_ha = 4.0;
        o.tav_C = 21.0;
        agro_soil_temp *st = make(ctx, &o);
        agro_soil_temp_drivers d;
        for (int doy = 1; doy <= 30; doy++) {
            tropical_day(&d, doy, 0.0);
            cr_assert_eq(agro_soil_temp_step(ctx, st, &d), AGRO_OK);
        }
        double lo, hi;
        agro_soil_temp_at(st, 5.0, NULL, &lo, &hi);
        range[c] = hi - lo;
        agro_soil_temp_free(st);
    }
    cr_log_info("daily range at 5 cm: bare %.2f, residue 4 t/ha %.2f", range[0], range[1]);
    cr_expect(range[1] < 0.5 * range[0], "residue range %g vs bare %g", range[1], range[0]);
    cr_expect(range[0] > 1.0, "bare soil has a daily wave at 5 cm (%g)", range[0]);
    agro_ctx_free(ctx);
}

static void expect_message(agro_ctx *ctx, const char *needle)
{
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect(strstr(msg, needle) != NULL, "message '%s' should name '%s'", msg, needle);
}

Test(soil_temp, non_finite_drivers_are_errors_and_never_reach_the_outputs)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    agro_soil_temp *st = make(ctx, &o);
    agro_soil_temp_drivers d;
    tropical_day(&d, 10, 0.0);
    cr_assert_eq(agro_soil_temp_step(ctx, st, &d), AGRO_OK);
    double before;
    agro_soil_temp_at(st, 5.0, &before, NULL, NULL);

    tropical_day(&d, 11, 0.0);
    d.tmax_C = NAN;
    cr_expect_eq(agro_soil_temp_step(ctx, st, &d), AGRO_ERANGE);
    expect_message(ctx, "tmax_C");
    tropical_day(&d, 11, 0.0);
    d.srad_MJ_m2_d = INFINITY;
    cr_expect_eq(agro_soil_temp_step(ctx, st, &d), AGRO_ERANGE);
    expect_message(ctx, "srad_MJ_m2_d");
    tropical_day(&d, 11, 0.0);
    d.sw[2] = -INFINITY;
    cr_expect_eq(agro_soil_temp_step(ctx, st, &d), AGRO_ERANGE);
    expect_message(ctx, "sw[2]");
    tropical_day(&d, 11, 0.0);
    d.lai = NAN;
    cr_expect_eq(agro_soil_temp_step(ctx, st, &d), AGRO_ERANGE);
    expect_message(ctx, "lai");
    tropical_day(&d, 11, 0.0);
    d.tmin_C = 30.0;
    cr_expect_eq(agro_soil_temp_step(ctx, st, &d), AGRO_ERANGE);
    expect_message(ctx, "tmin_C");

    double after, lo, hi;
    agro_soil_temp_at(st, 5.0, &after, &lo, &hi);
    cr_expect_eq(after, before, "failed steps leave the state unchanged");
    int32_t n = agro_soil_temp_n_nodes(st);
    double T[AGRO_SOIL_TEMP_MAX_NODES];
    agro_soil_temp_node_temperatures(st, T, (size_t)n);
    for (int i = 0; i < n; i++)
        cr_assert(isfinite(T[i]));
    cr_expect_eq(agro_soil_temp_at(st, NAN, &after, NULL, NULL), AGRO_ERANGE);
    cr_expect_eq(agro_soil_temp_at(st, 400.0, &after, NULL, NULL), AGRO_ERANGE);
    agro_soil_temp_free(st);
    agro_ctx_free(ctx);
}

Test(soil_temp, prescribed_surface_must_be_finite)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    o.upper_boundary = AGRO_SOIL_TEMP_TOP_PRESCRIBED;
    o.steps_per_day = 2;
    agro_soil_temp *st = make(ctx, &o);
    double s[2] = {20.0, NAN};
    cr_expect_eq(agro_soil_temp_step_surface(ctx, st, NULL, s, 2), AGRO_ERANGE);
    expect_message(ctx, "surface_C");
    cr_expect_eq(agro_soil_temp_substep(ctx, st, INFINITY), AGRO_ERANGE);
    cr_expect_eq(agro_soil_temp_step_surface(ctx, st, NULL, s, 1), AGRO_EINVAL);
    agro_soil_temp_drivers d;
    tropical_day(&d, 1, 0.0);
    cr_expect_eq(agro_soil_temp_step(ctx, st, &d), AGRO_ESTATE);
    agro_soil_temp_free(st);
    agro_ctx_free(ctx);
}

static void expect_create_fails(agro_soil_profile *p, const agro_soil_temp_options *o, int status,
                                const char *field)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp *st = (agro_soil_temp *)0x1;
    cr_expect_eq(agro_soil_temp_create(ctx, p, o, &st), status, "field %s", field);
    cr_expect_null(st);
    expect_message(ctx, field);
    agro_ctx_free(ctx);
}

/* Water limits in the wrong order (LL above DUL, DUL above SAT) were accepted, each value being
 * inside 0..1: DUL is the default water content and SAT fills an unknown bulk density, so a
 * swapped pair went into the heat capacity unnoticed. Equal limits pass; the fills (NaN bulk
 * density from SAT) do not hide the check. */
Test(soil_temp, water_limits_out_of_order_are_errors_naming_the_layer)
{
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    agro_soil_profile p;
    clay_loam(&p);
    p.ll[2] = p.dul[2] + 0.05;
    expect_create_fails(&p, &o, AGRO_ERANGE, "ll[2]");
    clay_loam(&p);
    p.dul[0] = p.sat[0] + 0.01;
    expect_create_fails(&p, &o, AGRO_ERANGE, "dul[0]");
    clay_loam(&p);
    p.bulk_density_g_cm3[3] = NAN; /* filled from SAT */
    p.sat[3] = p.dul[3] - 0.02;
    expect_create_fails(&p, &o, AGRO_ERANGE, "dul[3]");
    o.method = AGRO_SOIL_TEMP_STEMP; /* every method reads DUL as its default water */
    clay_loam(&p);
    p.ll[1] = 0.9;
    expect_create_fails(&p, &o, AGRO_ERANGE, "ll[1]");
    clay_loam(&p);
    p.ll[1] = p.dul[1];
    p.sat[1] = p.dul[1];
    agro_soil_temp *st = NULL;
    cr_expect_eq(agro_soil_temp_create(NULL, &p, &o, &st), AGRO_OK, "equal limits");
    agro_soil_temp_free(st);
}

/* An infinite LL, SAT or silt was taken for an unknown one by the fills: an infinite silt passed
 * (the clay estimate took the silt as unknown), and an infinite SAT or LL named the bulk density
 * or clay left unfilled. A layer bottom that is not a number was "out of order" (AGRO_EORDER). */
Test(soil_temp, an_infinite_value_the_fills_read_is_named_not_taken_as_unknown)
{
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    agro_soil_profile p;
    clay_loam(&p);
    p.clay_pct[2] = NAN; /* filled from LL and silt */
    p.silt_pct[2] = INFINITY;
    expect_create_fails(&p, &o, AGRO_ERANGE, "silt_pct[2]: inf outside [0, 100]");
    p.silt_pct[2] = 130.0;
    expect_create_fails(&p, &o, AGRO_ERANGE, "silt_pct[2]: 130 outside [0, 100]");
    clay_loam(&p);
    p.bulk_density_g_cm3[1] = NAN; /* filled from SAT */
    p.sat[1] = INFINITY;
    expect_create_fails(&p, &o, AGRO_ERANGE, "sat[1]: inf outside [0, 1]");
    clay_loam(&p);
    p.clay_pct[4] = NAN; /* filled from LL */
    p.ll[4] = -INFINITY;
    expect_create_fails(&p, &o, AGRO_ERANGE, "ll[4]: -inf outside [0, 1]");
    const double depth[2] = {NAN, INFINITY};
    for (int k = 0; k < 2; k++) {
        clay_loam(&p);
        p.depth_cm[1] = depth[k];
        expect_create_fails(&p, &o, AGRO_ERANGE, "depth_cm[1]");
    }
    clay_loam(&p);
    p.silt_pct[2] = NAN; /* unknown silt still passes */
    agro_soil_temp *st = NULL;
    cr_expect_eq(agro_soil_temp_create(NULL, &p, &o, &st), AGRO_OK);
    agro_soil_temp_free(st);
}

Test(soil_temp, layer_properties_out_of_range_are_errors_naming_the_field)
{
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    agro_soil_profile p;
    clay_loam(&p);
    p.bulk_density_g_cm3[1] = 3.4;
    expect_create_fails(&p, &o, AGRO_ERANGE, "bulk_density_g_cm3[1]");
    /* a layer count the arrays cannot hold, checked before anything reads them (it overflowed
       a stack copy; found by probing the public API) */
    agro_soil_temp *st = (agro_soil_temp *)0x1; /* NULL on every error, a NULL profile too */
    cr_expect_eq(agro_soil_temp_create(NULL, NULL, &o, &st), AGRO_EINVAL);
    cr_expect_null(st);
    const int32_t counts[3] = {0, AGRO_SOIL_MAX_LAYERS + 1, INT32_MAX};
    for (int k = 0; k < 3; k++) {
        clay_loam(&p);
        p.n_layers = counts[k];
        expect_create_fails(&p, &o, AGRO_ERANGE, "n_layers");
    }
    clay_loam(&p);
    p.clay_pct[3] = 120.0;
    expect_create_fails(&p, &o, AGRO_ERANGE, "clay_pct[3]");
    clay_loam(&p);
    p.organic_carbon_pct[0] = 75.0;
    expect_create_fails(&p, &o, AGRO_ERANGE, "organic_carbon_pct[0]");
    clay_loam(&p);
    p.sat[2] = NAN;
    p.bulk_density_g_cm3[2] = NAN; /* cannot be filled from SAT: SAT is named, the cause */
    expect_create_fails(&p, &o, AGRO_ERANGE, "sat[2]");
    clay_loam(&p);
    p.depth_cm[0] = -5.0;
    expect_create_fails(&p, &o, AGRO_ERANGE, "depth_cm[0]");
    clay_loam(&p);
    p.depth_cm[2] = 20.0;
    expect_create_fails(&p, &o, AGRO_EORDER, "depth_cm[2]");
    clay_loam(&p);
    p.dul[4] = 1.3;
    expect_create_fails(&p, &o, AGRO_ERANGE, "dul[4]");
    clay_loam(&p);
    o.max_depth_m = 1.0;
    expect_create_fails(&p, &o, AGRO_ERANGE, "options.max_depth_m");
    agro_soil_temp_options_default(&o);
    o.n_nodes = 3;
    expect_create_fails(&p, &o, AGRO_ERANGE, "options.n_nodes");
    agro_soil_temp_options_default(&o);
    o.theta_weight = 0.3;
    expect_create_fails(&p, &o, AGRO_ERANGE, "options.theta_weight");
    agro_soil_temp_options_default(&o);
    o.tav_C = NAN;
    expect_create_fails(&p, &o, AGRO_ERANGE, "options.tav_C");
}

/* A layer thinner than AGRO_SOIL_MIN_LAYER_CM is refused as the water, N, P and CENTURY
 * constructors refuse it, named by its depth_cm as the other depth errors here and
 * agro_soil_validate name it: every method, with and without the grid (the field's), took a
 * layer 1 of 1e-300 cm or a deeper one of 1e-6 or 0.0005 cm and stepped. The 1e-9 cm allowed for
 * the rounding of the depths (45.001 below 45) and the minimum itself pass. */
Test(soil_temp, a_layer_thinner_than_the_minimum_is_refused_naming_its_depth)
{
    const int32_t methods[3] = {AGRO_SOIL_TEMP_NUMERICAL, AGRO_SOIL_TEMP_STEMP,
                                AGRO_SOIL_TEMP_EPIC};
    for (int m = 0; m < 3; m++) {
        for (int grid = 0; grid < 2; grid++) {
            agro_soil_temp_options o;
            agro_soil_temp_options_default(&o);
            o.method = methods[m];
            for (int k = 0; k < 5; k++) {
                agro_soil_profile p;
                clay_loam(&p);
                const char *want = NULL;
                int ok = 0;
                if (k == 0) {
                    p.depth_cm[0] = 1e-300;
                    want = "depth_cm[0]: layer 1: the layer from 0 to 1e-300 cm is 1e-300 cm "
                           "thick, thinner than 0.001 cm";
                } else if (k == 1) {
                    p.depth_cm[1] = 15.000001;
                    want = "depth_cm[1]: layer 2: the layer from 15 to 15.000001 cm is 1e-06 cm "
                           "thick, thinner than 0.001 cm";
                } else if (k == 2) { /* a last layer, below the profile's 150 cm */
                    p.n_layers = 6;
                    p.depth_cm[5] = 150.0005;
                    p.ll[5] = p.ll[4];
                    p.dul[5] = p.dul[4];
                    p.sat[5] = p.sat[4];
                    p.bulk_density_g_cm3[5] = p.bulk_density_g_cm3[4];
                    p.organic_carbon_pct[5] = p.organic_carbon_pct[4];
                    p.clay_pct[5] = p.clay_pct[4];
                    p.silt_pct[5] = p.silt_pct[4];
                    want = "depth_cm[5]: layer 6: the layer from 150 to 150.0005 cm is";
                } else if (k == 3) { /* 0.00099999999999767 cm: within the rounding allowed */
                    p.depth_cm[2] = 45.0;
                    p.depth_cm[3] = 45.001;
                    ok = 1;
                } else {
                    p.depth_cm[0] = AGRO_SOIL_MIN_LAYER_CM;
                    ok = 1;
                }
                agro_ctx *ctx;
                agro_ctx_create(&ctx);
                agro_soil_temp *st = (agro_soil_temp *)0x1;
                int rc = grid ? agro_soil_temp_create(ctx, &p, &o, &st)
                              : agro_soil_temp_create_no_grid(ctx, &p, &o, &st);
                char msg[AGRO_MESSAGE_MAX];
                agro_ctx_message(ctx, msg, sizeof msg);
                if (ok) {
                    cr_expect_eq(rc, AGRO_OK, "method %d grid %d case %d: %s", (int)o.method, grid,
                                 k, msg);
                    agro_soil_temp_free(st);
                } else {
                    cr_expect_eq(rc, AGRO_ERANGE, "method %d grid %d case %d", (int)o.method, grid,
                                 k);
                    cr_expect_null(st);
                    cr_expect(strstr(msg, want) != NULL,
                              "method %d grid %d: message '%s' should read '%s'", (int)o.method,
                              grid, msg, want);
                    if (rc == AGRO_OK)
                        agro_soil_temp_free(st);
                }
                agro_ctx_free(ctx);
            }
        }
    }
}

Test(soil_temp, layer_means_average_the_profile_and_stemp_decays_to_tav)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    o.tav_C = 21.0;
    agro_soil_temp *st = make(ctx, &o);
    agro_soil_temp_drivers d;
    for (int doy = 1; doy <= 60; doy++) {
        tropical_day(&d, doy, 0.0);
        cr_assert_eq(agro_soil_temp_step(ctx, st, &d), AGRO_OK);
    }
    double lm[5], top, bottom;
    cr_assert_eq(agro_soil_temp_layer_means(st, lm, 5), AGRO_OK);
    agro_soil_temp_at(st, 0.0, &top, NULL, NULL);
    agro_soil_temp_at(st, 150.0, &bottom, NULL, NULL);
    for (int i = 0; i < 5; i++)
        cr_expect(lm[i] >= fmin(top, bottom) - 0.5 && lm[i] <= fmax(top, bottom) + 0.5,
                  "layer %d mean %g outside surface %g .. 150 cm %g", i, lm[i], top, bottom);
    agro_soil_temp_free(st);

    o.method = AGRO_SOIL_TEMP_STEMP;
    o.amp_C = 6.0;
    st = make(ctx, &o);
    tropical_day(&d, 15, 0.0);
    cr_assert_eq(agro_soil_temp_step(ctx, st, &d), AGRO_OK);
    double s5, s300;
    agro_soil_temp_at(st, 5.0, &s5, NULL, NULL);
    agro_soil_temp_at(st, 300.0, &s300, NULL, NULL);
    cr_expect(fabs(s300 - 21.0) < fabs(s5 - 21.0), "STEMP damps with depth: %g vs %g", s300, s5);
    agro_soil_temp_free(st);
    agro_ctx_free(ctx);
}

Test(soil_temp, cover_helpers)
{
    int32_t c;
    cr_expect_eq(agro_cover_from_name("film-clear", &c), AGRO_OK);
    cr_expect_eq(c, AGRO_COVER_FILM_CLEAR);
    cr_expect_eq(agro_cover_from_name("plastic", &c), AGRO_EINVAL);
    cr_expect_str_eq(agro_cover_name(AGRO_COVER_FILM_BLACK), "film-black");
    cr_expect_float_eq(agro_cover_evaporation_factor(AGRO_COVER_FILM_BLACK, 0.8), 0.2, 1e-12);
    cr_expect_float_eq(agro_cover_evaporation_factor(AGRO_COVER_RESIDUE, 1.0), 0.5, 1e-12);
    cr_expect_float_eq(agro_cover_evaporation_factor(AGRO_COVER_BARE, 1.0), 1.0, 1e-12);
    cr_expect(isnan(agro_cover_evaporation_factor(AGRO_COVER_FILM_CLEAR, 1.5)));
    cr_expect_eq(agro_sizeof_soil_temp_options(), sizeof(agro_soil_temp_options));
    cr_expect_eq(agro_sizeof_soil_temp_drivers(), sizeof(agro_soil_temp_drivers));
}

static double t5_after_30_days(const agro_soil_profile *p)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    o.tav_C = 21.0;
    agro_soil_temp *st = NULL;
    cr_assert_eq(agro_soil_temp_create(ctx, p, &o, &st), AGRO_OK);
    agro_soil_temp_drivers d;
    double lo = 0.0, hi = 0.0;
    for (int doy = 1; doy <= 30; doy++) {
        tropical_day(&d, doy, 0.0);
        cr_assert_eq(agro_soil_temp_step(ctx, st, &d), AGRO_OK);
    }
    agro_soil_temp_at(st, 5.0, NULL, &lo, &hi);
    agro_soil_temp_free(st);
    agro_ctx_free(ctx);
    return hi - lo;
}

Test(soil_temp, unknown_clay_and_bulk_density_are_filled_from_ll_and_sat)
{
    /* Goroka clay loam top layer: clay 30 %, silt 37 %, OC 3 %, LL 0.203 (Saxton & Rawls 2006),
     * SAT 0.524 and BD 1.26 (models/soils/goroka_clay_loam.json) */
    agro_soil_profile known;
    clay_loam(&known);
    for (int i = 0; i < known.n_layers; i++) {
        known.clay_pct[i] = 30.0;
        known.silt_pct[i] = 37.0;
        known.organic_carbon_pct[i] = 3.0;
        known.ll[i] = 0.203;
        known.sat[i] = 0.524;
        known.bulk_density_g_cm3[i] = 2.65 * (1.0 - 0.524);
    }
    agro_soil_profile unknown = known;
    for (int i = 0; i < unknown.n_layers; i++) {
        unknown.clay_pct[i] = NAN;
        unknown.bulk_density_g_cm3[i] = NAN;
    }
    double r_known = t5_after_30_days(&known), r_unknown = t5_after_30_days(&unknown);
    cr_expect(fabs(r_known - r_unknown) < 0.05 * r_known,
              "daily range at 5 cm: known clay %g, clay from LL %g", r_known, r_unknown);
    /* and clay matters where it should (Campbell: in moist-but-not-wet soil): at θ = 0.10 a
     * low-clay soil conducts much better, so the 5 cm wave differs */
    agro_soil_profile dry = known, sandy;
    for (int i = 0; i < dry.n_layers; i++) {
        dry.ll[i] = 0.05;
        dry.dul[i] = 0.10;
    }
    sandy = dry;
    for (int i = 0; i < sandy.n_layers; i++)
        sandy.clay_pct[i] = 3.0;
    double r_dry = t5_after_30_days(&dry), r_sandy = t5_after_30_days(&sandy);
    cr_expect(fabs(r_sandy - r_dry) > 0.05 * r_dry, "clay 30 %% range %g vs clay 3 %% range %g",
              r_dry, r_sandy);
}

/* One day of constant weather: 30/20 °C, no radiation (no radiative excess), no leaf area, so
 * only the EPIC cover weight of @p canopy_t_ha acts. */
static void still_day(agro_soil_temp_drivers *d, int doy, double tmax, double canopy_t_ha)
{
    tropical_day(d, doy, 0.0);
    d->tmax_C = tmax;
    d->tmin_C = tmax - 10.0;
    d->srad_MJ_m2_d = 0.0;
    d->canopy_t_ha = canopy_t_ha;
}

/* A full cover (BCV ≈ 1) lags the surface toward the recent weather (DSSAT STEMP_EPIC's
 * X2_PREV), it does not hold the soil at whatever it had: the lag toward the model's own 10 cm
 * temperature kept 5 cm at its starting 10 °C for a year under 25 °C air. */
Test(soil_temp, a_dense_canopy_lags_the_weather_and_does_not_hold_the_soil_at_its_start)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    o.tav_C = 10.0;
    o.amp_C = 0.0;
    agro_soil_temp *bare = make(ctx, &o), *covered = make(ctx, &o);
    agro_soil_temp_drivers d;
    double tb = NAN, tc = NAN;
    for (int doy = 1; doy <= 60; doy++) {
        still_day(&d, doy, 30.0, 0.0);
        cr_assert_eq(agro_soil_temp_step(ctx, bare, &d), AGRO_OK);
        still_day(&d, doy, 30.0, 10.0);
        cr_assert_eq(agro_soil_temp_step(ctx, covered, &d), AGRO_OK);
    }
    agro_soil_temp_at(bare, 5.0, &tb, NULL, NULL);
    agro_soil_temp_at(covered, 5.0, &tc, NULL, NULL);
    cr_expect(tc > 20.0 && fabs(tc - tb) < 0.5, "5 cm after 60 days: %g covered, %g bare", tc, tb);
    /* one day 10 °C hotter: the bare surface takes it, the covered one lags (yesterday's
     * five-day mean) */
    double sb0 = NAN, sc0 = NAN, sb1 = NAN, sc1 = NAN;
    agro_soil_temp_surface(bare, &sb0, NULL, NULL);
    agro_soil_temp_surface(covered, &sc0, NULL, NULL);
    still_day(&d, 61, 40.0, 0.0);
    cr_assert_eq(agro_soil_temp_step(ctx, bare, &d), AGRO_OK);
    still_day(&d, 61, 40.0, 10.0);
    cr_assert_eq(agro_soil_temp_step(ctx, covered, &d), AGRO_OK);
    agro_soil_temp_surface(bare, &sb1, NULL, NULL);
    agro_soil_temp_surface(covered, &sc1, NULL, NULL);
    cr_expect(sb1 - sb0 > 9.0, "bare surface mean %g -> %g", sb0, sb1);
    cr_expect(sc1 - sc0 < 0.5, "covered surface mean %g -> %g", sc0, sc1);
    /* the next ordinary day the hot day is one of the five the cover remembers */
    still_day(&d, 62, 30.0, 10.0);
    cr_assert_eq(agro_soil_temp_step(ctx, covered, &d), AGRO_OK);
    double sc2 = NAN;
    agro_soil_temp_surface(covered, &sc2, NULL, NULL);
    cr_expect(sc2 - sc0 > 1.5 && sc2 - sc0 < 2.5, "covered surface mean the day after: %g -> %g",
              sc0, sc2);
    agro_soil_temp_free(bare);
    agro_soil_temp_free(covered);

    /* under a dense canopy the diurnal wave is small (Beer's law on the radiation) */
    agro_soil_temp_options_default(&o);
    o.tav_C = 21.0;
    agro_soil_temp *st = make(ctx, &o);
    double lo = NAN, hi = NAN;
    for (int doy = 1; doy <= 30; doy++) {
        tropical_day(&d, doy, 4.0);
        d.canopy_t_ha = 10.0;
        cr_assert_eq(agro_soil_temp_step(ctx, st, &d), AGRO_OK);
    }
    agro_soil_temp_at(st, 5.0, NULL, &lo, &hi);
    cr_expect(hi - lo < 2.0, "little daily wave under a dense canopy (%g)", hi - lo);
    agro_soil_temp_free(st);
    agro_ctx_free(ctx);
}

/* STEMP layer means step the depth wave from layer to layer (one exp and one sin/cos a day);
 * they must equal STEMP evaluated directly at each layer mid-depth (DSSAT DSMID) to rounding,
 * for whole-centimetre layers (the stepped path) and for layers that share no round unit (the
 * direct path), over a year of days. */
Test(soil_temp, stemp_layer_means_equal_the_direct_form_at_mid_depths)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    o.method = AGRO_SOIL_TEMP_STEMP;
    o.tav_C = 21.0;
    o.amp_C = 8.0;
    static const double whole_cm[8] = {5, 15, 30, 45, 60, 90, 120, 180};
    static const double odd_cm[5] = {3.3, 17.1, 41.7, 88.9, 143.3};
    /* below the numerical grid's 3 m: STEMP is analytic and DSSAT evaluates it at DSMID there
       too (mid-depths 300 and 375 cm were both taken at 300 cm, and 375 cm was refused) */
    static const double deep_cm[8] = {15, 30, 60, 100, 150, 250, 350, 400};
    for (int variant = 0; variant < 3; variant++) {
        agro_soil_profile p;
        clay_loam(&p);
        p.n_layers = variant == 1 ? 5 : 8;
        for (int i = 0; i < p.n_layers; i++) {
            p.depth_cm[i] = variant == 0 ? whole_cm[i] : variant == 1 ? odd_cm[i] : deep_cm[i];
            p.ll[i] = 0.22, p.dul[i] = 0.36, p.sat[i] = 0.46;
            p.bulk_density_g_cm3[i] = 1.3;
            p.organic_carbon_pct[i] = 1.0;
            p.clay_pct[i] = 32.0, p.silt_pct[i] = 35.0;
        }
        agro_soil_temp *st = NULL;
        cr_assert_eq(agro_soil_temp_create(ctx, &p, &o, &st), AGRO_OK);
        agro_soil_temp_drivers d;
        double worst = 0.0;
        for (int doy = 1; doy <= 365; doy++) {
            tropical_day(&d, doy, doy > 200 ? 3.0 : 0.0);
            cr_assert_eq(agro_soil_temp_step(ctx, st, &d), AGRO_OK);
            double lm[8];
            cr_assert_eq(agro_soil_temp_layer_means(st, lm, 8), AGRO_OK);
            double top = 0.0;
            for (int i = 0; i < p.n_layers; i++) {
                double direct;
                cr_assert_eq(agro_soil_temp_at(st, 0.5 * (top + p.depth_cm[i]), &direct, NULL, NULL), AGRO_OK);
                worst = fmax(worst, fabs(lm[i] - direct) / fabs(direct));
                top = p.depth_cm[i];
            }
        }
        cr_expect(worst < 1e-12, "layer means differ from the direct form by %g relative (variant %d)",
                  worst, variant);
        if (variant == 2) {
            double lm[8];
            agro_soil_temp_layer_means(st, lm, 8);
            cr_expect_neq(lm[6], lm[5], "the layers at 300 and 375 cm share a temperature");
        }
        agro_soil_temp_free(st);
    }
    agro_ctx_free(ctx);
}

/* ---- EPIC (DSSAT STEMP_EPIC.for, METMP = E; docs/design/stemp_epic.md) ----
 * Reference numbers: a line-by-line Python transcription of SPAM/STEMP_EPIC.for (dssat-csm-os
 * 88e5998: SEASINIT with 8 SOILT_EPIC calls, then RATE; X2_PREV = 0 at the first call), written
 * from the Fortran, not from the C, run with /usr/bin/python3 in double precision:
 *   tavg = (tmax+tmin)/2
 *   SEASINIT: tma = [tavg]*5; st = [tavg]*n; wet = [0]*30; ndays = 0
 *             bcv0 = bcv(mulch, snow); 8 × soilt(bcv0, wet_day=0, wft=0.1)
 *   RATE:     ndays += 1 (or shift wet left at 30); wet[ndays-1] = rain+irr > 1e-6
 *             wft = sum(wet)/ndays; soilt(bcv(biomass+mulch, snow), wet[ndays-1], wft)
 *   soilt:    wc = max(.01,pesw)/(ww*cumdpt)*10; dd = exp(b*((1-wc)/(1+wc))**2)*dp
 *             x2 = wft*(tavg-tmin)+tmin if wet else wft*(tmax-tavg)+tavg+2
 *             tma[0] = x2; tma[4..1] = tma[3..0]; x2avg = sum(tma)/5
 *             x3 = (1-bcv)*x2avg + bcv*x2prev; srf = min(x2avg, x3); x1 = tav - x3
 *             st[l] = .5*st[l] + .5*(f*x1 + x3), f = zd/(zd+exp(-.8669-2.0775*zd)), zd = dsmid_mm/dd
 *             x2prev = x2avg
 * Profile: layers 0–10, 10–30, 30–60 cm; BD 1.3, 1.4, 1.5; LL .10, .12, .14; TAV 20 °C. */
static void epic_profile3(agro_soil_profile *p)
{
    memset(p, 0, sizeof *p);
    p->albedo = 0.13;
    p->n_layers = 3;
    const double depth[] = {10, 30, 60}, bd[] = {1.3, 1.4, 1.5}, ll[] = {0.10, 0.12, 0.14};
    for (int i = 0; i < 3; i++) {
        p->depth_cm[i] = depth[i];
        p->bulk_density_g_cm3[i] = bd[i];
        p->ll[i] = ll[i];
        p->dul[i] = ll[i] + 0.15;
        p->sat[i] = 0.45;
        p->organic_carbon_pct[i] = 1.0;
        p->clay_pct[i] = 20.0;
        p->silt_pct[i] = 30.0;
    }
}

static agro_soil_temp *make_epic(agro_ctx *ctx)
{
    agro_soil_profile p;
    epic_profile3(&p);
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    o.method = AGRO_SOIL_TEMP_EPIC;
    o.tav_C = 20.0;
    agro_soil_temp *st = NULL;
    int rc = agro_soil_temp_create(ctx, &p, &o, &st);
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert_eq(rc, AGRO_OK, "create: %s", msg);
    return st;
}

static void epic_day(agro_soil_temp_drivers *d, int doy, double tmax, double tmin,
                     const double sw[3], double water_mm, double biomass_t_ha, double mulch_t_ha)
{
    memset(d, 0, sizeof *d);
    d->year = 2001;
    d->doy = doy;
    d->tmax_C = tmax;
    d->tmin_C = tmin;
    d->srad_MJ_m2_d = 20.0;
    d->latitude_deg = 30.0;
    for (int i = 0; i < AGRO_SOIL_MAX_LAYERS; i++)
        d->sw[i] = i < 3 && sw ? sw[i] : NAN;
    d->water_input_mm = water_mm;
    d->canopy_t_ha = biomass_t_ha;
    d->mulch_t_ha = mulch_t_ha;
}

static void expect_epic(const agro_soil_temp *st, double srf, const double lay[3], const char *what)
{
    double s, m[3];
    cr_assert_eq(agro_soil_temp_surface(st, &s, NULL, NULL), AGRO_OK);
    cr_assert_eq(agro_soil_temp_layer_means(st, m, 3), AGRO_OK);
    cr_expect(fabs(s - srf) < 1e-10, "%s: surface %.15g, Fortran %.15g", what, s, srf);
    for (int L = 0; L < 3; L++)
        cr_expect(fabs(m[L] - lay[L]) < 1e-10, "%s: layer %d %.15g, Fortran %.15g", what, L, m[L],
                  lay[L]);
}

Test(soil_temp, epic_first_day_is_the_hand_computed_value)
{
    /* TMAX 30, TMIN 16 → TAVG 23; no rain, no cover, SW = DUL.
     * SEASINIT, 8 dry calls with WFT = 0.1: X2 = 0.1·(30 − 23) + 23 + 2 = 25.7, so TMA ends
     * (25.7 × 5). Day 1: WFT = 0/1 = 0, X2 = 23 + 2 = 25; TMA(1) = 25 and the shift copies it to
     * TMA(2): (25, 25, 25.7, 25.7, 25.7), X2_AVG = 127.1/5 = 25.42; BCV = 0 → X3 = SRFTEMP =
     * 25.42. Layers (Python transcription): 25.3366788189687, 24.7349828923335, 23.81719328989. */
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp *st = make_epic(ctx);
    double m0;
    agro_soil_temp_at(st, 5.0, &m0, NULL, NULL);
    cr_expect_eq(m0, 20.0, "before the first day: TAV");
    agro_soil_temp_drivers d;
    epic_day(&d, 100, 30.0, 16.0, NULL, 0.0, 0.0, 0.0);
    cr_assert_eq(agro_soil_temp_step(ctx, st, &d), AGRO_OK);
    const double lay[3] = {25.336678818968721, 24.734982892333484, 23.817193289889989};
    expect_epic(st, 25.42, lay, "day 1");
    /* depth readings: the surface, the layer mid-points (5, 20, 45 cm), linear between, the
       deepest layer's below */
    double a, lo, hi;
    agro_soil_temp_at(st, 0.0, &a, &lo, &hi);
    cr_expect(fabs(a - 25.42) < 1e-12 && lo == a && hi == a);
    agro_soil_temp_at(st, 5.0, &a, NULL, NULL);
    cr_expect(fabs(a - lay[0]) < 1e-12, "%g", a);
    agro_soil_temp_at(st, 2.5, &a, NULL, NULL);
    cr_expect(fabs(a - 0.5 * (25.42 + lay[0])) < 1e-12, "%g", a);
    agro_soil_temp_at(st, 20.0, &a, NULL, NULL);
    cr_expect(fabs(a - lay[1]) < 1e-12, "%g", a);
    agro_soil_temp_at(st, 150.0, &a, NULL, NULL);
    cr_expect(fabs(a - lay[2]) < 1e-12, "%g", a);
    agro_soil_temp_free(st);
    agro_ctx_free(ctx);
}

/* The profile SEASINIT leaves, which DSSAT's soil N reads on the first day (SOIL's RATE runs
 * before SPAM's): the transcription's 8 dry calls with WFT = 0.1 and X3 = 25.7, before the day's
 * own call. Before the first day: the initial temperature, as the layer means. */
Test(soil_temp, epic_keeps_the_seasinit_profile_for_the_first_days_soil_n)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp *st = make_epic(ctx);
    double m[3];
    cr_assert_eq(agro_soil_temp_seasinit_layer_means(st, m, 3), AGRO_OK);
    for (int L = 0; L < 3; L++) cr_expect_eq(m[L], 20.0, "before the first day: TAV");
    cr_expect_eq(agro_soil_temp_seasinit_layer_means(st, m, 2), AGRO_EINVAL);
    agro_soil_temp_drivers d;
    epic_day(&d, 100, 30.0, 16.0, NULL, 0.0, 0.0, 0.0);
    cr_assert_eq(agro_soil_temp_step(ctx, st, &d), AGRO_OK);
    const double init[3] = {25.455431798175965, 24.84099343625313, 23.903767314300232};
    const double lay[3] = {25.336678818968721, 24.734982892333484, 23.817193289889989};
    cr_assert_eq(agro_soil_temp_seasinit_layer_means(st, m, 3), AGRO_OK);
    for (int L = 0; L < 3; L++)
        cr_expect(fabs(m[L] - init[L]) < 1e-10, "layer %d %.15g, Fortran %.15g", L, m[L], init[L]);
    expect_epic(st, 25.42, lay, "day 1");
    agro_soil_temp_free(st);
    agro_ctx_free(ctx);
}

/* STEMP_EPIC's SEASINIT reads GET('WATER','SNOW') before WATBAL's RATE has run SNOWFALL and PUT
 * the first day's snow: it reads RUNINIT's SNOW = 0 (WATBAL.for). A first day with 50 mm of snow
 * (BCV ≈ 1 from it) initialises as a bare one, and only the day's own call sees the snow. */
Test(soil_temp, epic_seasinit_sees_no_snow)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp *st = make_epic(ctx), *bare = make_epic(ctx);
    agro_soil_temp_drivers d;
    epic_day(&d, 100, 30.0, 16.0, NULL, 0.0, 0.0, 0.0);
    cr_assert_eq(agro_soil_temp_step(ctx, bare, &d), AGRO_OK);
    d.snow_mm = 50.0;
    cr_assert_eq(agro_soil_temp_step(ctx, st, &d), AGRO_OK);
    const double init[3] = {25.455431798175965, 24.84099343625313, 23.903767314300232};
    double m[3], own[3], own_bare[3];
    cr_assert_eq(agro_soil_temp_seasinit_layer_means(st, m, 3), AGRO_OK);
    for (int L = 0; L < 3; L++)
        cr_expect(fabs(m[L] - init[L]) < 1e-10, "layer %d %.15g, Fortran %.15g", L, m[L], init[L]);
    agro_soil_temp_layer_means(st, own, 3);
    agro_soil_temp_layer_means(bare, own_bare, 3);
    cr_expect_gt(fabs(own[0] - own_bare[0]), 0.1, "the day's own call: snow %g, bare %g", own[0], own_bare[0]);
    agro_soil_temp_free(st);
    agro_soil_temp_free(bare);
    agro_ctx_free(ctx);
}

Test(soil_temp, epic_days_match_a_transcription_of_the_fortran)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    /* five days: drying soil, a wet day (12 mm), cover from day 3 (biomass + 2 t/ha mulch) */
    agro_soil_temp *st = make_epic(ctx);
    static const double tx[5] = {30, 28, 31, 25, 33}, tn[5] = {16, 18, 17, 15, 19};
    static const double sw[5][3] = {{0.25, 0.27, 0.29}, {0.22, 0.26, 0.29}, {0.20, 0.25, 0.28},
                                    {0.24, 0.26, 0.28}, {0.18, 0.24, 0.28}};
    static const double water[5] = {0, 12, 0, 3, 0}, bio[5] = {0, 0, 0.5, 1.0, 1.5},
                        mulch[5] = {0, 0, 2, 2, 2};
    static const double srf[5] = {25.420000000000002, 23.48, 23.842168341250165,
                                  21.766666666666666, 21.818006243014302};
    static const double lay[5][3] = {
        {25.336678818968721, 24.734982892333484, 23.817193289889989},
        {24.343378608478055, 23.8532095862289, 23.105587984993711},
        {24.020500157730414, 23.564845436717889, 22.870228287938708},
        {24.601189207788003, 24.080329097918728, 23.286165439810709},
        {23.175125730360829, 22.814291957431109, 22.264407973296478}};
    agro_soil_temp_drivers d;
    for (int i = 0; i < 5; i++) {
        epic_day(&d, 100 + i, tx[i], tn[i], sw[i], water[i], bio[i], mulch[i]);
        cr_assert_eq(agro_soil_temp_step(ctx, st, &d), AGRO_OK);
        char what[16];
        snprintf(what, sizeof what, "day %d", i + 1);
        expect_epic(st, srf[i], lay[i], what);
    }
    agro_soil_temp_free(st);

    /* forty days with 1.5 t/ha mulch from the start (SEASINIT's cover, X2_PREV = 0 at the first
       call), biomass growing 0.1 t/ha a day, every third day wet: the 30-day wet-day record fills
       and then slides (days 30, 31, 40: 10 wet days of 30) */
    st = make_epic(ctx);
    static const double sb[4] = {25.606308700783966, 19.901518525187832, 19.904159258726988,
                                 23.0297568159699};
    static const double lb[4][3] = {{25.499015181591361, 24.879059606518037, 23.933417870232681},
                                    {21.914232469376795, 21.69817077538098, 21.368603684334499},
                                    {20.910982481884858, 20.808158806398584, 20.651317956944837},
                                    {24.09057169915242, 23.628864009582465, 22.924603770984575}};
    int k = 0;
    for (int i = 1; i <= 40; i++) {
        epic_day(&d, 100 + i, 28.0 + 3.0 * sin(i / 5.0), 16.0 + 2.0 * cos(i / 7.0), NULL,
                 i % 3 == 0 ? 5.0 : 0.0, 0.1 * i, 1.5);
        cr_assert_eq(agro_soil_temp_step(ctx, st, &d), AGRO_OK);
        if (i == 1 || i == 30 || i == 31 || i == 40) {
            char what[16];
            snprintf(what, sizeof what, "B day %d", i);
            expect_epic(st, sb[k], lb[k], what);
            k++;
        }
    }
    agro_soil_temp_free(st);
    agro_ctx_free(ctx);
}

Test(soil_temp, epic_wet_days_cool_and_cover_lags_the_surface_term)
{
    /* Potter & Williams eqs. 1, 2 and 4: with the same air temperature a run of wet days
       (X2 between TMIN and TAVG) is cooler than a run of dry ones (X2 above TAVG, + 2); a heavy
       cover (BCV ≈ 1) drives the layers with yesterday's X2_AVG, so on the first cold day they
       stay warm, while SRFTEMP = min(X2_AVG, X3) takes the cold value either way */
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp *dry = make_epic(ctx), *wet = make_epic(ctx), *bare = make_epic(ctx),
                   *covered = make_epic(ctx);
    agro_soil_temp_drivers d;
    for (int i = 0; i < 20; i++) {
        epic_day(&d, 100 + i, 30.0, 16.0, NULL, 0.0, 0.0, 0.0);
        cr_assert_eq(agro_soil_temp_step(ctx, dry, &d), AGRO_OK);
        d.water_input_mm = 10.0;
        cr_assert_eq(agro_soil_temp_step(ctx, wet, &d), AGRO_OK);
        const double t = i < 19 ? 30.0 : 15.0; /* the last day is cold */
        epic_day(&d, 100 + i, t, t - 14.0, NULL, 0.0, 0.0, 0.0);
        cr_assert_eq(agro_soil_temp_step(ctx, bare, &d), AGRO_OK);
        d.mulch_t_ha = 8.0;
        cr_assert_eq(agro_soil_temp_step(ctx, covered, &d), AGRO_OK);
    }
    double a, b;
    agro_soil_temp_at(dry, 5.0, &a, NULL, NULL);
    agro_soil_temp_at(wet, 5.0, &b, NULL, NULL);
    cr_expect(b < a - 1.5, "wet %g, dry %g", b, a);
    agro_soil_temp_at(bare, 5.0, &a, NULL, NULL);
    agro_soil_temp_at(covered, 5.0, &b, NULL, NULL);
    cr_expect(b > a + 2.0, "covered %g, bare %g on the first cold day", b, a);
    agro_soil_temp_surface(bare, &a, NULL, NULL);
    agro_soil_temp_surface(covered, &b, NULL, NULL);
    cr_expect(fabs(a - 19.0) < 1e-12 && fabs(b - 19.0) < 1e-12,
              "SRFTEMP = X2_AVG = (2·10 + 3·25)/5: bare %g, covered %g", a, b);
    agro_soil_temp_free(dry);
    agro_soil_temp_free(wet);
    agro_soil_temp_free(bare);
    agro_soil_temp_free(covered);
    agro_ctx_free(ctx);
}

Test(soil_temp, epic_is_bit_reproducible_and_set_uniform_restarts_it)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp *a = make_epic(ctx), *b = make_epic(ctx);
    agro_soil_temp_drivers d;
    double first[3], again[3];
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 1; i <= 400; i++) {
            epic_day(&d, 1 + (i - 1) % 365, 25.0 + 8.0 * sin(i / 58.0), 12.0 + 7.0 * sin(i / 58.0),
                     NULL, (i * 7) % 5 == 0 ? 4.0 : 0.0, i > 100 && i < 220 ? 0.05 * (i - 100) : 0.0,
                     0.8);
            cr_assert_eq(agro_soil_temp_step(ctx, a, &d), AGRO_OK);
            if (pass == 0)
                cr_assert_eq(agro_soil_temp_step(ctx, b, &d), AGRO_OK);
            double ma[3], mb[3];
            agro_soil_temp_layer_means(a, ma, 3);
            agro_soil_temp_layer_means(b, mb, 3);
            if (pass == 0)
                cr_assert_eq(memcmp(ma, mb, sizeof ma), 0, "day %d", i);
            if (i == 1)
                memcpy(pass ? again : first, ma, sizeof ma);
        }
        /* back to the state before SEASINIT: the next day initialises again */
        cr_assert_eq(agro_soil_temp_set_uniform(ctx, a, 20.0), AGRO_OK);
    }
    cr_expect_eq(memcmp(first, again, sizeof first), 0, "restart after set_uniform");
    agro_soil_temp_free(a);
    agro_soil_temp_free(b);
    agro_ctx_free(ctx);
}

Test(soil_temp, epic_bad_input_is_an_error_naming_the_field)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp *st = make_epic(ctx);
    agro_soil_temp_drivers d;
    epic_day(&d, 100, 30.0, 16.0, NULL, 0.0, 0.0, 0.0);
    cr_assert_eq(agro_soil_temp_step(ctx, st, &d), AGRO_OK);
    double before[3], after[3];
    agro_soil_temp_layer_means(st, before, 3);
    epic_day(&d, 101, 30.0, 16.0, NULL, 0.0, 0.0, NAN);
    cr_expect_eq(agro_soil_temp_step(ctx, st, &d), AGRO_ERANGE);
    expect_message(ctx, "mulch_t_ha");
    epic_day(&d, 101, 30.0, 16.0, NULL, -1.0, 0.0, 0.0);
    cr_expect_eq(agro_soil_temp_step(ctx, st, &d), AGRO_ERANGE);
    expect_message(ctx, "water_input_mm");
    epic_day(&d, 101, 30.0, 16.0, NULL, 0.0, 0.0, 0.0);
    d.snow_mm = INFINITY;
    cr_expect_eq(agro_soil_temp_step(ctx, st, &d), AGRO_ERANGE);
    expect_message(ctx, "snow_mm");
    epic_day(&d, 101, 30.0, 16.0, NULL, 0.0, -0.5, 0.0);
    cr_expect_eq(agro_soil_temp_step(ctx, st, &d), AGRO_ERANGE);
    expect_message(ctx, "canopy_t_ha");
    epic_day(&d, 101, 30.0, 16.0, (const double[3]){0.2, 1.5, 0.2}, 0.0, 0.0, 0.0);
    cr_expect_eq(agro_soil_temp_step(ctx, st, &d), AGRO_ERANGE);
    expect_message(ctx, "sw[1]");
    agro_soil_temp_layer_means(st, after, 3);
    cr_expect_eq(memcmp(before, after, sizeof before), 0, "failed steps leave the state unchanged");
    agro_soil_temp_free(st);

    /* the other methods never read the EPIC drivers */
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    o.method = AGRO_SOIL_TEMP_STEMP;
    st = make(ctx, &o);
    epic_day(&d, 101, 30.0, 16.0, NULL, NAN, 0.0, NAN);
    cr_expect_eq(agro_soil_temp_step(ctx, st, &d), AGRO_OK);
    agro_soil_temp_free(st);

    /* options: an unknown method, a non-weather top */
    agro_soil_profile p;
    epic_profile3(&p);
    agro_soil_temp_options_default(&o);
    o.method = 3;
    expect_create_fails(&p, &o, AGRO_ERANGE, "options.method");
    o.method = AGRO_SOIL_TEMP_EPIC;
    o.upper_boundary = AGRO_SOIL_TEMP_TOP_PRESCRIBED;
    expect_create_fails(&p, &o, AGRO_EINVAL, "options.upper_boundary");
    agro_ctx_free(ctx);
}

/* Run @p days tropical days (DUL water) and return the layer means of the last. */
static void run_days(agro_soil_temp *st, int days, double *out)
{
    agro_soil_temp_drivers d;
    for (int k = 0; k < days; k++) {
        tropical_day(&d, 60 + k, 0.0);
        cr_assert_eq(agro_soil_temp_step(NULL, st, &d), AGRO_OK);
    }
    cr_assert_eq(agro_soil_temp_layer_means(st, out, 5), AGRO_OK);
}

/* Organic matter is at most the whole solid: an organic carbon past 100/1.724 = 58 % (the
 * accepted range reaches 60 %) gives a pure organic soil, not a negative mineral fraction. */
Test(soil_temp, organic_carbon_past_an_all_organic_solid_is_an_all_organic_solid)
{
    double means[2][5];
    const double oc[2] = {58.5, 60.0};
    for (int k = 0; k < 2; k++) {
        agro_soil_profile p;
        clay_loam(&p);
        for (int i = 0; i < 5; i++)
            p.organic_carbon_pct[i] = oc[k];
        agro_soil_temp_options o;
        agro_soil_temp_options_default(&o);
        o.method = AGRO_SOIL_TEMP_NUMERICAL;
        agro_soil_temp *st = NULL;
        cr_assert_eq(agro_soil_temp_create(NULL, &p, &o, &st), AGRO_OK);
        run_days(st, 20, means[k]);
        agro_soil_temp_free(st);
    }
    for (int i = 0; i < 5; i++)
        cr_expect_eq(means[0][i], means[1][i], "layer %d: %.17g at OC 58.5 %%, %.17g at 60 %%",
                     i + 1, means[0][i], means[1][i]);
}

/* The default options with soil temperature method @p method. */
static agro_soil_temp_options with_method(int32_t method)
{
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    o.method = method;
    return o;
}

/* A new bulk density acts as a profile created with it would, in every method: STEMP and EPIC
 * through the profile mean ABD (STEMP.for and STEMP_EPIC.for recompute it every day), the
 * numerical model through its conductivity and heat capacity. The profile's own values change
 * nothing, to the bit. */
Test(soil_temp, a_new_bulk_density_acts_as_a_profile_created_with_it)
{
    const int32_t methods[3] = {AGRO_SOIL_TEMP_STEMP, AGRO_SOIL_TEMP_EPIC, AGRO_SOIL_TEMP_NUMERICAL};
    for (int m = 0; m < 3; m++) {
        const agro_soil_temp_options o = with_method(methods[m]);
        agro_soil_profile p, loose;
        clay_loam(&p);
        loose = p;
        const double bd[5] = {1.0, 1.1, 1.35, 1.4, 1.45};
        for (int i = 0; i < 5; i++)
            loose.bulk_density_g_cm3[i] = bd[i];
        agro_soil_temp *a, *b, *c, *same;
        cr_assert_eq(agro_soil_temp_create(NULL, &p, &o, &a), AGRO_OK);
        cr_assert_eq(agro_soil_temp_create(NULL, &loose, &o, &b), AGRO_OK);
        cr_assert_eq(agro_soil_temp_create(NULL, &p, &o, &c), AGRO_OK);
        cr_assert_eq(agro_soil_temp_create(NULL, &p, &o, &same), AGRO_OK);
        cr_assert_eq(agro_soil_temp_set_bulk_density(NULL, a, bd, NULL, 5), AGRO_OK);
        cr_assert_eq(agro_soil_temp_set_bulk_density(NULL, same, p.bulk_density_g_cm3, NULL, 5),
                     AGRO_OK);
        double ta[5], tb[5], tc[5], ts[5];
        run_days(a, 40, ta);
        run_days(b, 40, tb);
        run_days(c, 40, tc);
        run_days(same, 40, ts);
        double diff = 0.0;
        for (int i = 0; i < 5; i++) {
            cr_expect_eq(ta[i], tb[i], "method %d layer %d: %.17g vs %.17g", methods[m], i, ta[i], tb[i]);
            cr_expect_eq(ts[i], tc[i], "method %d layer %d", methods[m], i);
            diff = fmax(diff, fabs(ta[i] - tc[i]));
        }
        cr_expect_gt(diff, 1e-4, "method %d: the density changed nothing", methods[m]);
        agro_soil_temp_free(a);
        agro_soil_temp_free(b);
        agro_soil_temp_free(c);
        agro_soil_temp_free(same);
    }
}

/* With thicknesses, STEMP's and EPIC's ABD weights the layers by them: a profile whose every
 * layer has that mean gives the same temperatures. */
Test(soil_temp, the_profile_mean_weights_the_layers_by_the_given_thickness)
{
    const int32_t methods[2] = {AGRO_SOIL_TEMP_STEMP, AGRO_SOIL_TEMP_EPIC};
    for (int m = 0; m < 2; m++) {
        const agro_soil_temp_options o = with_method(methods[m]);
        agro_soil_profile p, flat;
        clay_loam(&p);
        flat = p;
        /* the first layer loosened by 20 % and thickened to keep its mass, as DSSAT's
           SOILDYN does: 15 cm at 1.25 → 18.75 cm at 1.0 */
        const double bd[5] = {1.0, 1.30, 1.35, 1.40, 1.45};
        const double th[5] = {18.75, 15, 30, 40, 50};
        double mass = 0.0, depth = 0.0;
        for (int i = 0; i < 5; i++) {
            mass += bd[i] * th[i];
            depth += th[i];
        }
        for (int i = 0; i < 5; i++)
            flat.bulk_density_g_cm3[i] = mass / depth;
        agro_soil_temp *a, *b;
        cr_assert_eq(agro_soil_temp_create(NULL, &p, &o, &a), AGRO_OK);
        cr_assert_eq(agro_soil_temp_create(NULL, &flat, &o, &b), AGRO_OK);
        cr_assert_eq(agro_soil_temp_set_bulk_density(NULL, a, bd, th, 5), AGRO_OK);
        double ta[5], tb[5];
        run_days(a, 40, ta);
        run_days(b, 40, tb);
        for (int i = 0; i < 5; i++)
            cr_expect_float_eq(ta[i], tb[i], 1e-12, "method %d layer %d", methods[m], i);
        agro_soil_temp_free(a);
        agro_soil_temp_free(b);
    }
}

Test(soil_temp, a_bad_bulk_density_is_an_error_naming_the_element_and_changes_nothing)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    o.method = AGRO_SOIL_TEMP_STEMP;
    agro_soil_temp *a = make(ctx, &o), *b = make(ctx, &o);
    double bd[5] = {1.2, 3.0, 1.3, 1.3, 1.3};
    const double th[5] = {15, 15, 30, 0.0, 50};
    cr_expect_eq(agro_soil_temp_set_bulk_density(ctx, a, bd, NULL, 5), AGRO_ERANGE);
    expect_message(ctx, "bd_g_cm3[1]");
    bd[1] = NAN;
    cr_expect_eq(agro_soil_temp_set_bulk_density(ctx, a, bd, NULL, 5), AGRO_ERANGE);
    expect_message(ctx, "bd_g_cm3[1]");
    bd[1] = 1.3;
    cr_expect_eq(agro_soil_temp_set_bulk_density(ctx, a, bd, th, 5), AGRO_ERANGE);
    expect_message(ctx, "thickness_cm[3]");
    /* below a layer of the minimum compacted from 0.1 to 2.65 g/cm³; that layer itself, and
       one of 0.00099999999999767 cm (40 to 40.001), pass (on another model: a is compared
       with b below) */
    const double thinnest = (AGRO_SOIL_MIN_LAYER_CM - 1e-9) * 0.1 / 2.65;
    const double th_low[5] = {15, 15, 30, 0.999 * thinnest, 50};
    cr_expect_eq(agro_soil_temp_set_bulk_density(ctx, a, bd, th_low, 5), AGRO_ERANGE);
    expect_message(ctx, "thickness_cm[3]");
    agro_soil_temp *c = make(ctx, &o);
    const double th_min[5] = {15, 15, thinnest, 40.001 - 40.0, 50};
    cr_expect_eq(agro_soil_temp_set_bulk_density(ctx, c, bd, th_min, 5), AGRO_OK);
    agro_soil_temp_free(c);
    cr_expect_eq(agro_soil_temp_set_bulk_density(ctx, a, bd, NULL, 4), AGRO_EINVAL);
    expect_message(ctx, "4 layers given, the profile has 5");
    cr_expect_eq(agro_soil_temp_set_bulk_density(ctx, a, NULL, NULL, 5), AGRO_EINVAL);
    cr_expect_eq(agro_soil_temp_set_bulk_density(ctx, NULL, bd, NULL, 5), AGRO_EINVAL);
    double ta[5], tb[5];
    run_days(a, 10, ta);
    run_days(b, 10, tb);
    for (int i = 0; i < 5; i++)
        cr_expect_eq(ta[i], tb[i], "layer %d", i);
    agro_soil_temp_free(a);
    agro_soil_temp_free(b);
    agro_ctx_free(ctx);
}

/* STEMP's and EPIC's WW = 0.356 − 0.144·ABD is not positive for a profile mean bulk density of
 * 2.4722 g/cm³ or more, which the layers' 0.1–2.65 let through: at 2.5 g/cm³ and a water
 * content that makes WC = −1 the damping depth underflowed and both methods stepped with
 * AGRO_OK to NaN in every layer. They refuse such a mean, at create and as a new density; the
 * numerical method, which has no WW, takes it, and a mean just below passes and stays finite. */
Test(soil_temp, a_mean_bulk_density_without_a_positive_ww_is_refused_by_stemp_and_epic)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    const int32_t methods[3] = {AGRO_SOIL_TEMP_STEMP, AGRO_SOIL_TEMP_EPIC, AGRO_SOIL_TEMP_NUMERICAL};
    for (int m = 0; m < 3; m++) {
        const agro_soil_temp_options o = with_method(methods[m]);
        const double bds[2] = {2.5, 2.47};
        for (int k = 0; k < 2; k++) {
            agro_soil_profile p;
            clay_loam(&p);
            for (int i = 0; i < 5; i++) {
                p.bulk_density_g_cm3[i] = bds[k];
                p.ll[i] = 0.05;
                p.dul[i] = 0.10;
                p.sat[i] = 0.12;
            }
            agro_soil_temp *st = NULL;
            const int rc = agro_soil_temp_create(ctx, &p, &o, &st);
            if (k == 0 && methods[m] != AGRO_SOIL_TEMP_NUMERICAL) {
                cr_expect_eq(rc, AGRO_ERANGE, "method %d, mean %g g/cm3", methods[m], bds[k]);
                expect_message(ctx, "bulk_density_g_cm3");
                expect_message(ctx, "2.4722");
                cr_expect_null(st);
                agro_soil_temp_free(st);
                continue;
            }
            cr_assert_eq(rc, AGRO_OK, "method %d, mean %g g/cm3", methods[m], bds[k]);
            /* WC = PESW/(WW·CUMDPT)·10 = −1 at 2.5 g/cm³: PESW = 0.004·1500/10 = 0.6 cm */
            agro_soil_temp_drivers d;
            tropical_day(&d, 100, 0.0);
            for (int i = 0; i < 5; i++)
                d.sw[i] = 0.05 + 0.6 / 150.0;
            cr_assert_eq(agro_soil_temp_step(ctx, st, &d), AGRO_OK);
            double t[5];
            cr_assert_eq(agro_soil_temp_layer_means(st, t, 5), AGRO_OK);
            for (int i = 0; i < 5; i++)
                cr_expect(isfinite(t[i]), "method %d, mean %g: layer %d %g", methods[m], bds[k],
                          i, t[i]);
            /* a new density with that mean: refused by STEMP and EPIC, nothing changed */
            const double dense[5] = {2.5, 2.5, 2.5, 2.5, 2.5};
            const int rs = agro_soil_temp_set_bulk_density(ctx, st, dense, NULL, 5);
            if (methods[m] == AGRO_SOIL_TEMP_NUMERICAL) {
                cr_expect_eq(rs, AGRO_OK);
            } else {
                cr_expect_eq(rs, AGRO_ERANGE, "method %d", methods[m]);
                expect_message(ctx, "bd_g_cm3");
                double dp_stemp, dp_epic, dp0, dp1, ww, b;
                agro_soil_temp_dp_unchecked(st, &dp_stemp, &dp_epic);
                agro_stemp_damping_terms(2.47, &dp0, &ww, &b);
                agro_stemp_damping_terms(2.5, &dp1, &ww, &b);
                cr_expect(dp0 != dp1);
                cr_expect_eq(dp_stemp, dp0, "method %d: DP %.17g, not %.17g", methods[m],
                             dp_stemp, dp0);
                cr_expect_eq(dp_epic, dp0, "method %d", methods[m]);
            }
            agro_soil_temp_free(st);
        }
    }
    agro_ctx_free(ctx);
}

/* Every state the model makes can be set again: a hot desert day puts the surface node near
 * 90 °C, above the −60..80 °C that agro_soil_temp_set_nodes took, so a saved state could not
 * be restored. Weather beyond what the model takes (70/−60 °C air under 50 MJ/m², a surface
 * of about 270 °C) is refused with the state unchanged, so no state leaves the range. */
Test(soil_temp, every_state_the_model_makes_can_be_set_again)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    o.tav_C = 30.0;
    o.amp_C = 10.0;
    agro_soil_temp *st = make(ctx, &o);
    agro_soil_temp_drivers d;
    tropical_day(&d, 172, 0.0);
    d.latitude_deg = 25.0;
    d.tmax_C = 48.0;
    d.tmin_C = 18.0;
    d.srad_MJ_m2_d = 33.0;
    for (int k = 0; k < 10; k++)
        cr_assert_eq(agro_soil_temp_step(ctx, st, &d), AGRO_OK);
    double mean, mn, mx;
    agro_soil_temp_surface(st, &mean, &mn, &mx);
    cr_assert_gt(mx, 80.0, "the desert surface peaks at %.1f C", mx);
    const int32_t n = agro_soil_temp_n_nodes(st);
    double T[AGRO_SOIL_TEMP_MAX_NODES], T2[AGRO_SOIL_TEMP_MAX_NODES];
    cr_assert_eq(agro_soil_temp_node_temperatures(st, T, (size_t)n), AGRO_OK);
    double hottest = T[0];
    for (int32_t i = 1; i < n; i++)
        hottest = T[i] > hottest ? T[i] : hottest;
    int rc = agro_soil_temp_set_nodes(ctx, st, T, (size_t)n);
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect_eq(rc, AGRO_OK, "a state the model made (hottest node %.1f C): %s", hottest, msg);
    /* beyond the weather the model takes: refused, naming the surface, the state unchanged */
    d.tmax_C = 70.0;
    d.tmin_C = -60.0;
    d.srad_MJ_m2_d = 50.0;
    cr_expect_eq(agro_soil_temp_step(ctx, st, &d), AGRO_ERANGE);
    expect_message(ctx, "surface temperature");
    cr_assert_eq(agro_soil_temp_node_temperatures(st, T2, (size_t)n), AGRO_OK);
    cr_expect_eq(memcmp(T, T2, sizeof(double) * (size_t)n), 0, "a refused day changed the state");
    /* and the setters take the state range, not more */
    cr_expect_eq(agro_soil_temp_set_uniform(ctx, st, 150.0), AGRO_OK);
    cr_expect_eq(agro_soil_temp_set_uniform(ctx, st, 151.0), AGRO_ERANGE);
    cr_expect_eq(agro_soil_temp_set_uniform(ctx, st, -91.0), AGRO_ERANGE);
    agro_soil_temp_free(st);
    agro_ctx_free(ctx);
}

/* The field's models are made without the numerical grid (agro_soil_temp_create_no_grid): a
 * daily-mean method gives the same layer means and depth temperatures, bit for bit, as one
 * made with it, through set_bulk_density too; it has no nodes; the numerical method keeps
 * its grid. */
Test(soil_temp, a_model_without_the_grid_gives_the_same_daily_means)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_soil_profile p;
    clay_loam(&p);
    const int32_t methods[2] = {AGRO_SOIL_TEMP_STEMP, AGRO_SOIL_TEMP_EPIC};
    for (int m = 0; m < 2; m++) {
        agro_soil_temp_options o;
        agro_soil_temp_options_default(&o);
        o.method = methods[m];
        agro_soil_temp *a = NULL, *b = NULL;
        cr_assert_eq(agro_soil_temp_create(ctx, &p, &o, &a), AGRO_OK);
        cr_assert_eq(agro_soil_temp_create_no_grid(ctx, &p, &o, &b), AGRO_OK);
        cr_expect_eq(agro_soil_temp_n_nodes(a), o.n_nodes);
        cr_expect_eq(agro_soil_temp_n_nodes(b), 0);
        const double bd[5] = {1.1, 1.2, 1.3, 1.4, 1.5};
        agro_soil_temp_drivers d;
        for (int i = 1; i <= 400; i++) {
            const double sw[3] = {0.25 + 0.1 * sin(i / 9.0), 0.3, 0.33};
            epic_day(&d, 1 + (i - 1) % 365, 25.0 + 8.0 * sin(i / 58.0), 12.0 + 7.0 * sin(i / 58.0),
                     sw, (i * 7) % 5 == 0 ? 4.0 : 0.0, i > 100 && i < 220 ? 0.05 * (i - 100) : 0.0,
                     0.8);
            if (i == 200) {
                cr_assert_eq(agro_soil_temp_set_bulk_density(ctx, a, bd, NULL, 5), AGRO_OK);
                cr_assert_eq(agro_soil_temp_set_bulk_density(ctx, b, bd, NULL, 5), AGRO_OK);
            }
            cr_assert_eq(agro_soil_temp_step(ctx, a, &d), AGRO_OK);
            cr_assert_eq(agro_soil_temp_step(ctx, b, &d), AGRO_OK);
            double ma[5], mb[5], ta[2], tb[2];
            agro_soil_temp_layer_means(a, ma, 5);
            agro_soil_temp_layer_means(b, mb, 5);
            agro_soil_temp_at(a, 5.0, &ta[0], NULL, NULL);
            agro_soil_temp_at(b, 5.0, &tb[0], NULL, NULL);
            agro_soil_temp_at(a, 150.0, &ta[1], NULL, NULL);
            agro_soil_temp_at(b, 150.0, &tb[1], NULL, NULL);
            cr_assert_eq(memcmp(ma, mb, sizeof ma), 0, "method %d, day %d", (int)o.method, i);
            cr_assert_eq(memcmp(ta, tb, sizeof ta), 0, "method %d, day %d", (int)o.method, i);
        }
        agro_soil_temp_free(a);
        agro_soil_temp_free(b);
    }
    agro_soil_temp_options o;
    agro_soil_temp_options_default(&o);
    agro_soil_temp *c = NULL;
    cr_assert_eq(agro_soil_temp_create_no_grid(ctx, &p, &o, &c), AGRO_OK);
    cr_expect_eq(agro_soil_temp_n_nodes(c), o.n_nodes);
    agro_soil_temp_free(c);
    agro_ctx_free(ctx);
}
