/* CERES-Maize phenology: thermal time, stages 7→8→9→1…6, leaf number at tassel initiation,
 * kernel number and barrenness at the end of stage 4 (Jones & Kiniry 1986; DSSAT-CSM 4.8
 * MZ_PHENOL.for, equations rewritten from the published model). */
#include <math.h>
#include <string.h>

#include "internal/error.h"
#include "maize/maize_internal.h"

/* MZCER048.SPE (DSSAT-CSM 4.8 Genotype/MZCER048.SPE) values. */
void maize_species_default(maize_species *sp) {
    const double prftc[4] = {6.2, 16.5, 33.0, 44.0};  /* PRFTC */
    const double rgfil[4] = {5.5, 16.0, 27.0, 35.0};  /* RGFIL (susceptible line, the active one) */
    memcpy(sp->prftc, prftc, sizeof prftc);
    memcpy(sp->rgfil, rgfil, sizeof rgfil);
    sp->parsr = 0.50;
    sp->fslfw = 0.050;
    sp->fslfn = 0.050;
    sp->rsgr = 0.1;
    sp->rsgrt = 5.0;
    sp->carbot = 7.0;
    sp->dsgt = 21.0;
    sp->dget = 150.0;
    sp->swcg = 0.02;
    sp->stmwte = 0.20;
    sp->rtwte = 0.20;
    sp->lfwte = 0.20;
    sp->seedrve = 0.20;
    sp->leafnoe = 1.0;
    sp->plae = 1.0;
    sp->tmnc = 0.00450;
    sp->tance = 0.0440;
    sp->rcnp = 0.01060;
    sp->rance = 0.0220;
    sp->ctcnp1 = 1.52;
    sp->ctcnp2 = 0.160;
    sp->pormin = 0.05;
    sp->rwumx = 0.03;
    sp->rlwr = 0.98;
    sp->rwuep1 = 1.50;
    sp->kep = 0.68;
    /* *PHOSPHORUS CONTENT (optimum shoot P % 0.684 − 0.108X and 0.238 − 0.0056X, Jones 1983;
       minimum 60 % of it, Daroub et al. 2003) */
    const double shut_opt[3] = {0.0070, 0.0025, 0.0020}, root_opt[3] = {0.00041, 0.00041, 0.00041};
    const double shel_opt[3] = {0.0050, 0.0050, 0.0005}, seed_opt[3] = {0.0035, 0.0035, 0.0035};
    const double shut_min[3] = {0.0040, 0.0015, 0.0010}, root_min[3] = {0.00020, 0.00020, 0.00020};
    const double shel_min[3] = {0.0025, 0.0025, 0.00025}, n2p_min[3] = {4.2, 2.7, 2.1};
    memcpy(sp->pc_shut_opt, shut_opt, sizeof shut_opt);
    memcpy(sp->pc_root_opt, root_opt, sizeof root_opt);
    memcpy(sp->pc_shel_opt, shel_opt, sizeof shel_opt);
    memcpy(sp->pc_seed_opt, seed_opt, sizeof seed_opt);
    memcpy(sp->pc_shut_min, shut_min, sizeof shut_min);
    memcpy(sp->pc_root_min, root_min, sizeof root_min);
    memcpy(sp->pc_shel_min, shel_min, sizeof shel_min);
    memcpy(sp->n2p_min, n2p_min, sizeof n2p_min);
    sp->srat_photo = 0.80;
    sp->srat_part = 1.00;
    sp->frac_p_mobil = 0.10;
    sp->root_radius_m = 0.0028;
    sp->fslfp = 0.050; /* *STRESS RESPONSE FSLFP */
    sp->root_lignin_frac = 0.070; /* PLIGRT, MZCER048.SPE */
}

/* DSSAT CURV('LIN', x1..x4): 0 below x1, rises to 1 at x2, 1 to x3, falls to 0 at x4. */
double maize_curv_lin(const double *c, double x) {
    if (x <= c[0] || x >= c[3]) return 0.0;
    if (x < c[1]) return (x - c[0]) / (c[1] - c[0]);
    if (x <= c[2]) return 1.0;
    return (c[3] - x) / (c[3] - c[2]);
}

double agro_maize_prft(double tmax_C, double tmin_C) {
    /* MZ_GROSUB: PRFT = CURV('LIN', PRFTC, 0.25·TMIN + 0.75·TMAX), MZCER048.SPE PRFTC */
    const double prftc[4] = {6.2, 16.5, 33.0, 44.0};
    double v = maize_curv_lin(prftc, 0.25 * tmin_C + 0.75 * tmax_C);
    return v < 0.0 ? 0.0 : (v > 1.0 ? 1.0 : v);
}

double agro_maize_lifac(double row_spacing_cm, double plants_m2) {
    /* MZ_GROSUB: LIFAC = 1.5 − 0.768·((ROWSPC·0.01)²·PLTPOP)^0.1 */
    if (!(row_spacing_cm > 0.0) || !(plants_m2 > 0.0)) return NAN;
    return 1.5 - 0.768 * pow(row_spacing_cm * 0.01 * row_spacing_cm * 0.01 * plants_m2, 0.1);
}

/* sin(3.14/12·i), i = 1..24: the hourly sine of MZ_PHENOL (which uses 3.14 for π), as the C
 * library (glibc) computes it: hexadecimal literals of the exact double values, so the
 * results are bit-identical to calling sin() each hour. Constant table, no state. */
static const double maize_hour_sine[24] = {
    0x1.08e640abf15f7p-2, /* sin(3.14/12·1) = 0.25869084405380199 */
    0x1.ffc3bbd97b95ap-2, /* sin(3.14/12·2) = 0.4997701026431024 */
    0x1.69e4fd79ac742p-1, /* sin(3.14/12·3) = 0.70682518110536585 */
    0x1.bb44dfa99ea1dp-1, /* sin(3.14/12·4) = 0.86575983949234436 */
    0x1.ee774a37f2989p-1, /* sin(3.14/12·5) = 0.965753859834238 */
    0x1.fffff55c67bb1p-1, /* sin(3.14/12·6) = 0.99999968293183461 */
    0x1.eead4aceba7bfp-1, /* sin(3.14/12·7) = 0.9661658646921224 */
    0x1.bbad33aacd329p-1, /* sin(3.14/12·8) = 0.86655580005626576 */
    0x1.6a788a9fa3126p-1, /* sin(3.14/12·9) = 0.70795090864843213 */
    0x1.009698a22fa4bp-1, /* sin(3.14/12·10) = 0.50114895801363823 */
    0x1.0a797590f68bdp-2, /* sin(3.14/12·11) = 0.26022895524296158 */
    0x1.a18120c2c1a74p-10, /* sin(3.14/12·12) = 0.0015926529164872723 */
    -0x1.0752dfbdd1e02p-2, /* sin(3.14/12·13) = -0.25715207668369555 */
    -0x1.fe59f15bdb4f6p-2, /* sin(3.14/12·14) = -0.49838997958325082 */
    -0x1.6951342ade9fbp-1, /* sin(3.14/12·15) = -0.7056976606684765 */
    -0x1.badc41f89bd7fp-1, /* sin(3.14/12·16) = -0.86496168288969943 */
    -0x1.ee40f76e97b62p-1, /* sin(3.14/12·17) = -0.96533940529830553 */
    -0x1.ffffa03fa83acp-1, /* sin(3.14/12·18) = -0.99999714638771797 */
    -0x1.eee2f929f53edp-1, /* sin(3.14/12·19) = -0.96657541882688991 */
    -0x1.bc153deacfbbep-1, /* sin(3.14/12·20) = -0.86734956256247364 */
    -0x1.6b0bdb843b423p-1, /* sin(3.14/12·21) = -0.7090748404422168 */
    -0x1.014b28b0380fep-1, /* sin(3.14/12·22) = -0.50252654219732995 */
    -0x1.0c0c7e29da786p-2, /* sin(3.14/12·23) = -0.2617664063496864 */
    -0x1.a180fe0f105a7p-9, /* sin(3.14/12·24) = -0.0031853017931388786 */
};

/* Thermal time from a daily range with a 24-h sine when outside [TBASE, DOPT]
 * (MZ_PHENOL, CIMMYT 1998 method). */
static double dtt_range(double tmax, double tmin, double tbase, double dopt) {
    if (tmax < tbase) return 0.0;
    if (tmin > dopt) return dopt - tbase;
    if (tmin < tbase || tmax > dopt) {
        double dtt = 0.0;
        for (int i = 1; i <= 24; i++) {
            double th = 0.5 * (tmax + tmin) + 0.5 * (tmax - tmin) * maize_hour_sine[i - 1];
            if (th < tbase) th = tbase;
            if (th > dopt) th = dopt;
            dtt += (th - tbase) / 24.0;
        }
        return dtt;
    }
    return 0.5 * (tmax + tmin) - tbase;
}

/* Crown temperature of a day extreme under XS mm of snow (0 < XS <= 15): above the air's below
 * 0 °C, as the snow pack insulates the growing point (MZ_PHENOL TEMPCN, TEMPCX) */
static double crown_temp(double t, double xs) {
    return t < 0.0 ? 2.0 + t * (0.4 + 0.0018 * (xs - 15.0) * (xs - 15.0)) : t;
}

/* DTT of a day; @p snow_mm the snow store, which replaces the soil-surface estimate by the mean
 * crown temperature while the growing point is below the surface (MZ_PHENOL) */
static double thermal_time(const agro_maize_cultivar *c, double tmax, double tmin, double srad,
                           double dayl, double leaf_number, int32_t after_silking, double snow_mm) {
    double tbase = c->tbase_C;
    double dopt = after_silking ? c->ropt_C : c->topt_C; /* DOPT: ROPT after silking */
    double dtt;
    if (tmax < tbase) {
        dtt = 0.0;
    } else if (tmin > dopt) {
        dtt = dopt - tbase;
    } else if (leaf_number <= 10.0 && snow_mm > 0.0) {
        /* under snow: mean crown temperature, XS = min(SNOW, 15) mm (MZ_PHENOL) */
        const double xs = snow_mm < 15.0 ? snow_mm : 15.0;
        dtt = 0.5 * (crown_temp(tmin, xs) + crown_temp(tmax, xs)) - tbase;
    } else if (leaf_number <= 10.0) {
        /* growing point below the surface: soil-surface temperature estimate (MZ_PHENOL) */
        double acoef = 0.01061 * srad + 0.5902;
        double tdsoil = acoef * tmax + (1.0 - acoef) * tmin;
        double tnsoil = 0.36354 * tmax + 0.63646 * tmin;
        if (tdsoil < tbase) {
            dtt = 0.0;
        } else {
            if (tnsoil < tbase) tnsoil = tbase;
            if (tdsoil > dopt) tdsoil = dopt;
            double tmsoil = tdsoil * (dayl / 24.0) + tnsoil * ((24.0 - dayl) / 24.0);
            dtt = tmsoil < tbase ? 0.5 * (tbase + tdsoil) - tbase : 0.5 * (tnsoil + tdsoil) - tbase;
            if (dtt > dopt - tbase) dtt = dopt - tbase;
        }
    } else {
        dtt = dtt_range(tmax, tmin, tbase, dopt);
    }
    return dtt > 0.0 ? dtt : 0.0;
}

double agro_maize_thermal_time(const agro_maize_cultivar *c, double tmax, double tmin,
                               double srad, double dayl, double leaf_number,
                               int32_t after_silking) {
    /* the cardinal-temperature comparisons are false for a NaN, which then read as 0 °C·d; a
       TMIN above TMAX is no day (DSSAT's DailyWeatherCheck stops on it, agro_weather_check and
       the field refuse it), which MZ_PHENOL would read as a day above the optimum */
    if (!c || !isfinite(tmax) || !isfinite(tmin) || !isfinite(srad) || !isfinite(dayl) ||
        !isfinite(leaf_number) || tmin > tmax)
        return NAN;
    return thermal_time(c, tmax, tmin, srad, dayl, leaf_number, after_silking, 0.0);
}

void maize_kernels(double g2, double sump, double idurp, double pltpop, double *gpp_out,
                   double *ears_out) {
    /* MZ_PHENOL end of stage 4: PSKER mg CH2O/plant/d from the mean plant growth over stage 4 */
    double psker = idurp > 0.0 ? sump * 1000.0 / idurp * 3.4 / 5.0 : 0.0;
    double gpp = g2 * psker / 7200.0 + 50.0; /* kernels/plant */
    if (gpp > g2) gpp = g2;
    if (gpp < 51.0) gpp = 51.0;
    double ears = pltpop;
    if (gpp < 0.15 * g2) {
        /* stress barrenness: smooth reduction of ear number */
        ears = pltpop * pow(gpp / (0.15 * g2), 0.33);
    } else if (pltpop > 12.0 && gpp < 0.5 * g2) {
        /* high-population barrenness (CIMMYT, US & JTR revision) */
        double barfac = 0.0085 * (1.0 - gpp / g2) * pow(pltpop, 1.5);
        ears = pltpop * pow(gpp / (0.5 * g2), barfac);
    }
    *gpp_out = gpp;
    *ears_out = ears > 0.0 ? ears : 0.0;
}

int agro_maize_kernel_number(agro_ctx *ctx, double g2, double sump_g_plant, double idurp_d,
                             double plants_m2, double *kernels_per_plant, double *ears_m2) {
    if (!kernels_per_plant || !ears_m2)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, !kernels_per_plant ? "kernels_per_plant" : "ears_m2",
                         "NULL argument");
    /* GPP is capped at G2 and then floored at 51 (MZ_PHENOL): a smaller G2 gave 51 kernels */
    if (!(isfinite(g2) && g2 >= 51.0))
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "g2",
                         "must be finite and >= 51 kernels/plant, the floor of GPP (%g)", g2);
    if (!(isfinite(sump_g_plant) && sump_g_plant >= 0.0))
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "sump_g_plant", "must be finite and >= 0 g/plant (%g)",
                         sump_g_plant);
    if (!(isfinite(idurp_d) && idurp_d > 0.0))
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "idurp_d", "must be finite and > 0 d (%g)", idurp_d);
    if (!(isfinite(plants_m2) && plants_m2 >= 0.0))
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "plants_m2", "must be finite and >= 0 plants/m2 (%g)",
                         plants_m2);
    maize_kernels(g2, sump_g_plant, idurp_d, plants_m2, kernels_per_plant, ears_m2);
    return AGRO_OK;
}

void maize_state_clear(maize_state *s, int32_t n_layers) {
    memset(s, 0, sizeof *s);
    s->stage = AGRO_MAIZE_STAGE_FALLOW;
    s->n_layers = n_layers;
    s->emerged_day = s->silking_day = s->maturity_day = s->sown_day = -1;
    s->swfac_sum = s->nstres_sum = s->stress_days = 0.0;
    s->nfac = s->agefac = s->nstres = s->ndef3 = 1.0;
    s->pstres1 = s->pstres2 = 1.0;
}

void maize_sow(maize_state *s, double pltpop, double rowspc_cm, double sdepth_cm,
               const double *depth_cm, int32_t n_layers) {
    maize_state_clear(s, n_layers);
    s->pltpop = pltpop;
    s->rowspc_cm = rowspc_cm;
    s->sdepth_cm = sdepth_cm;
    s->lifac = agro_maize_lifac(rowspc_cm, pltpop);
    s->stage = AGRO_MAIZE_STAGE_SOWN;
    /* XSTAGE starts at 0.1 (MZ_PHENOL SEASINIT) and stage 1 sets it from the day after
       emergence: the emergence day's TCNP and TMNC (MZ_GROSUB) read 0.1 */
    s->xstage = 0.1;
    s->rtdep = sdepth_cm; /* roots start at the seed (DSSAT MZ_ROOTGR: ISTAGE 7, 8 RTDEP = SDEPTH) */
    s->dap = -1;
    int32_t l0 = 0;
    while (l0 < n_layers - 1 && sdepth_cm >= depth_cm[l0]) l0++; /* layer holding the seed */
    s->sdepth_layer = (double)l0;
}

/* @p h clamped to a day, 0..24 h (NaN, a length not needed today, stays NaN) */
static double hours_in_day(double h) { return h < 0.0 ? 0.0 : (h > 24.0 ? 24.0 : h); }

int32_t maize_phenology(const agro_maize_cultivar *c, const maize_species *sp,
                        const maize_drivers *d, maize_state *s) {
    s->stage_changed = 0;
    if (s->stage == AGRO_MAIZE_STAGE_FALLOW || s->stage == AGRO_MAIZE_STAGE_MATURE) {
        s->dtt = 0.0;
        return s->stage;
    }
    s->dap++;
    int after_silking = s->stage > 3 && s->stage <= 6;
    const int seed = s->stage == AGRO_MAIZE_STAGE_SOWN || s->stage == AGRO_MAIZE_STAGE_GERMINATED;
    /* MZ_PHENOL tests the integer LEAFNO = INT(XN) of the previous growth step (LEAFNO.LE.10:
       the soil-surface estimate while the growing point is below ground), not XN */
    const double leaf_number = seed ? 0.0 : (double)s->leafno;
    /* each of day length and photoperiod costs an acos (and both the declination), so they
     * are computed only on the days that read them: thermal time reads the day length while
     * the growing point is below the surface (≤ 10 leaves), induction the photoperiod */
    const int want_dayl = leaf_number <= 10.0 && !(seed && d->seed_temp_from_model > 0.5);
    const int want_twil = s->stage == 2;
    double dayl = NAN, twil = NAN;
    if (want_dayl || want_twil) {
        agro_solar_day_lengths(d->solar, d->doy, want_dayl ? &dayl : NULL, want_twil ? &twil : NULL);
        if (d->dayl_offset_h != 0.0 || d->dayl_mult != 1.0) {
            /* environment modification of the day length, applied to DAYL and TWILEN alike
             * (DSSAT WTHMOD.for) */
            dayl = hours_in_day(d->dayl_offset_h + d->dayl_mult * dayl);
            twil = hours_in_day(d->dayl_offset_h + d->dayl_mult * twil);
        }
    }
    if (seed) {
        if (d->seed_temp_from_model > 0.5) {
            /* seed in the soil: thermal time from the modelled temperature at sowing depth */
            s->dtt = dtt_range(d->seed_soil_temp_max, d->seed_soil_temp_min, c->tbase_C, c->topt_C);
            if (s->dtt < 0.0) s->dtt = 0.0;
        } else {
            /* DSSAT: soil-surface temperature estimated from air temperature and SRAD */
            s->dtt = thermal_time(c, d->tmax, d->tmin, d->srad, dayl, 0.0, 0, d->snow_mm);
        }
    } else {
        s->dtt = thermal_time(c, d->tmax, d->tmin, d->srad, dayl, leaf_number, after_silking,
                              d->snow_mm);
    }
    s->sumdtt += s->dtt;
    s->cumdtt += s->dtt;

    switch (s->stage) {
    case AGRO_MAIZE_STAGE_SOWN: /* sowing → germination: moist seed layer (MZ_PHENOL ISTAGE 8) */
        if (s->dap == 0) {
            /* sowing day: DSSAT only records the sowing (ISTAGE 7 → 8) */
            s->sumdtt = s->cumdtt = 0.0;
            return s->stage;
        }
        s->ndas++;
        /* no germination within DSGT days; MZ_PHENOL counts a day with the seed layer at or
           below LL before it asks whether SWSD is enough, so the DSGT-th such day fails even
           when the layer below would let the seed germinate */
        if (d->seed_layer_dry > 0.5 && (double)s->ndas >= sp->dsgt) {
            s->stage = AGRO_MAIZE_STAGE_MATURE;
            s->failed = 1;
            s->pltpop = 0.0;
            s->stage_changed = AGRO_MAIZE_STAGE_MATURE;
            return s->stage;
        }
        if (d->seed_layer_sw_ok < 0.5) return s->stage;
        s->stage = AGRO_MAIZE_STAGE_GERMINATED;
        s->stage_changed = AGRO_MAIZE_STAGE_GERMINATED;
        s->cumdtt = 0.0;
        s->sumdtt = 0.0;
        s->p9 = 45.0 + c->gdde_Cd_cm * s->sdepth_cm; /* P9 = 45 + GDDE·SDEPTH */
        return s->stage;
    case AGRO_MAIZE_STAGE_GERMINATED: /* germination → emergence after P9 °C·d */
        s->ndas++;
        if (s->forced_emergence_dap > 0) {
            /* observed emergence date given (DSSAT YREMRG from EDATE) */
            if (s->dap < s->forced_emergence_dap) return s->stage;
        } else if (s->sumdtt < s->p9) {
            return s->stage;
        }
        if (s->p9 > sp->dget) { /* seed ran out of reserves (deep sowing) */
            s->stage = AGRO_MAIZE_STAGE_MATURE;
            s->failed = 1;
            s->pltpop = 0.0;
            s->stage_changed = AGRO_MAIZE_STAGE_MATURE;
            return s->stage;
        }
        s->stage = 1;
        s->stage_changed = 1;
        s->sumdtt = s->forced_emergence_dap > 0 ? 0.0 : s->sumdtt - s->p9;
        s->tlno = 30.0;
        return s->stage;
    case 1: /* emergence → end juvenile after P1 */
        s->ndas++;
        s->xstage = s->sumdtt / c->p1_Cd;
        if (s->sumdtt < c->p1_Cd) return s->stage;
        s->stage = 2;
        s->stage_changed = 2;
        s->sind = 0.0;
        /* DSSAT starts the photoperiod induction of stage 2 on the following day's call, so
         * return here rather than run today's induction */
        return s->stage;
    case 2: { /* end juvenile → tassel initiation: photoperiod induction */
        s->ndas++;
        s->xstage = 1.0 + 0.5 * s->sind;
        double ratein = twil > c->p20_h
                            ? 1.0 / (c->djti_d + c->p2_d_per_h * (twil - c->p20_h))
                            : 1.0 / c->djti_d;
        s->sind += ratein; /* PDTT = 1 (one day) */
        if (s->sind < 1.0) return s->stage;
        s->stage = 3;
        s->stage_changed = 3;
        /* total leaf number and thermal time to silking (CIMMYT 1999) */
        s->tlno = s->sumdtt / (c->phint_Cd * 0.5) + 5.0;
        s->p3 = (s->tlno + 0.5) * c->phint_Cd - s->sumdtt;
        s->xnti = s->xn;
        s->sumdtt_2 = s->sumdtt;
        s->sumdtt = 0.0;
        return s->stage;
    }
    case 3: /* tassel initiation → silking after P3 */
        s->ndas++;
        s->xstage = 1.5 + 3.0 * s->sumdtt / s->p3;
        if (s->sumdtt < s->p3) return s->stage;
        s->stage = 4;
        s->stage_changed = 4;
        s->sumdtt -= s->p3;
        s->idurp = 0;
        return s->stage;
    case 4: /* silking → effective grain fill after DSGFT; kernel number */
        s->ndas++;
        s->idurp++;
        s->xstage = 4.5 + 5.5 * s->sumdtt / (c->p5_Cd * 0.95);
        if (s->sumdtt < c->dsgft_Cd) return s->stage;
        maize_kernels(c->g2_kernels, s->sump, (double)s->idurp, s->pltpop, &s->gpp, &s->ears);
        s->stage = 5;
        s->stage_changed = 5;
        return s->stage;
    case 5: /* effective grain fill, ends at 95 % of P5 */
        s->ndas++;
        s->xstage = 4.5 + 5.5 * s->sumdtt / c->p5_Cd;
        if (s->sumdtt < c->p5_Cd * 0.95) return s->stage;
        s->stage = 6;
        s->stage_changed = 6;
        return s->stage;
    case 6: /* end effective grain fill → physiological maturity at P5 */
        if (s->dtt < 2.0) s->sumdtt = c->p5_Cd; /* cold: mature now (MZ_PHENOL) */
        if (s->sumdtt < c->p5_Cd) return s->stage;
        s->stage = AGRO_MAIZE_STAGE_MATURE;
        s->stage_changed = AGRO_MAIZE_STAGE_MATURE;
        s->dtt = 0.0;
        return s->stage;
    default:
        return s->stage;
    }
}
