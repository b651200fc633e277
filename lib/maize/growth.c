/* CERES-Maize growth: photosynthesis (RUE on intercepted PAR with PRFT, SWFAC, NSTRES), leaf
 * appearance and expansion, partitioning to leaf, stem, ear, grain and root, grain fill from
 * G3 and temperature, leaf senescence, cold and drought failure (Jones & Kiniry 1986; DSSAT-CSM
 * 4.8 MZ_GROSUB.for; equations rewritten from the published model). */
#include <math.h>

#include "maize/maize_internal.h"

/* CO2 effect on RUE: DSSAT MZCER048.SPE CO2X/CO2Y table, linear interpolation (TABEX). */
double maize_pco2_effect(double co2) {
    static const double x[10] = {0, 220, 280, 330, 400, 490, 570, 750, 990, 9999};
    static const double y[10] = {0.00, 0.85, 0.95, 1.00, 1.02, 1.04, 1.05, 1.06, 1.07, 1.08};
    /* the table's own first point: no CO2, no assimilation (0 ppm ran as 1.0, 330 ppm's,
       while 1e-300 ppm gave 0) */
    if (!(co2 > 0.0)) return y[0];
    for (int i = 1; i < 10; i++)
        if (co2 <= x[i]) return y[i - 1] + (y[i] - y[i - 1]) * (co2 - x[i - 1]) / (x[i] - x[i - 1]);
    return y[9];
}

/* x^(1/4) and x^1.25 of the leaf weight–area relations from square roots: pow costs several
 * times more, and these forms are within 3e-16 relative of the exact power (x ≥ 0; NaN for
 * x < 0, as pow) */
static double root4(double x) { return sqrt(sqrt(x)); }
static double pow_1_25(double x) { return x * sqrt(sqrt(x)); }

static double minv(double a, double b) { return a < b ? a : b; }
static double maxv(double a, double b) { return a > b ? a : b; }

/* The emerged plant (MZ_GROSUB on the day STGDOY(9), MZCER048.SPE *EMERGENCE values). The
 * field calls it on the emergence day before the day's light interception, which sees this
 * leaf area, as MZ_GROSUB sets it before its IPAR. */
void maize_emerge(const maize_species *sp, maize_state *s) {
    s->stmwt = sp->stmwte;
    s->rtwt = sp->rtwte;
    s->lfwt = sp->lfwte;
    s->seedrv = sp->seedrve;
    s->leafno = (int32_t)sp->leafnoe;
    s->pla = sp->plae;
    s->senla = 0.0;
    s->lai = s->pltpop * s->pla * 0.0001;
    s->cumph = 0.514;
    s->tanc = sp->tance;
    s->ranc = sp->rance;
    s->rootn = s->ranc * s->rtwt;
    s->stovn = (s->lfwt + s->stmwt) * s->tanc;
    s->stovwt = s->lfwt + s->stmwt;
    s->grainn = 0.0;
    /* N carried by the seed into the plant, kg N/ha */
    s->n_seed_kg_ha = (s->rootn + s->stovn) * s->pltpop * 10.0;
}

void maize_growth(const agro_maize_cultivar *c, const maize_species *sp, const maize_drivers *d,
                  maize_state *s, const double *sat, const double *sw, const double *thick_cm) {
    /* GROGRN keeps yesterday's value on days without assimilation: DSSAT's SAVEd variable,
     * so grain keeps filling from stem reserves during short total stress (MZ_GROSUB) */
    double grogrn_prev = s->grogrn;
    /* GRORT too: MZ_GROSUB.for (27d3955) leaves it unassigned on a day of grain fill without
       assimilation until the CARBOT count ends the stage, so the caller's variable (MZ_CERES,
       SAVEd) keeps yesterday's root growth, which RTWT, MZ_ROOTGR and the N demand then use */
    const double grort_prev = s->grort;
    s->carbo = s->pcarb = s->grort = s->grolf = s->grostm = s->groear = s->grogrn = 0.0;
    s->asm_lost = 0.0;
    s->pdwi = s->pgrort = 0.0;
    /* MZ_GROSUB.for (27d3955) returns in stage 6 and on the maturity day (MDATE = YRDOY)
       before its state variables: no root turnover then. GRORT is 0 from stage 6 on, where
       MZ_CERES hands MZ_ROOTGR the last grain-fill day's (root length without root weight; a
       departure, docs/model.md §6.8) */
    s->integrate_stop = s->stage == 6 || s->stage == AGRO_MAIZE_STAGE_MATURE;
    if (s->stage < 1 || s->stage > 6 || s->pltpop <= 0.0) return;

    /* stage-start initialisations (MZ_GROSUB, STGDOY tests; emergence is maize_emerge) */
    switch (s->stage_changed) {
    case 3: s->ears = s->pltpop; break; /* tassel initiation: one ear per plant assumed */
    case 4: s->swmin = s->stmwt * 0.85; s->sump = 0.0; break; /* silking */
    case 5: s->swmax = s->stmwt; s->vanc = s->tanc; s->vmnc = s->tmnc; s->emat = 0; break;
    default: break;
    }
    if (s->stage_changed == AGRO_MAIZE_STAGE_MATURE) return; /* MZ_GROSUB: IF (MDATE == YRDOY) RETURN */

    /* critical and minimum N concentrations of tops (MZ_GROSUB, MZCER048.SPE CTCNP1/2) */
    s->tcnp = exp(sp->ctcnp1 - sp->ctcnp2 * s->xstage) / 100.0;
    /* TMNC follows the curve up to XSTAGE 4, then keeps its last value: MZ_GROSUB.for (27d3955)
       sets the SAVEd TMNC only IF (XSTAGE .LT. 4.0) (the species TMNC before the first day) */
    if (s->xstage < 4.0)
        s->tmnc = (1.25 - 0.200 * s->xstage) / 100.0;
    else if (s->tmnc <= 0.0)
        s->tmnc = sp->tmnc;
    if (d->n_limited > 0.5) {
        maize_n_factors(s, d->n_stage_transform);
    } else {
        s->nfac = s->agefac = s->nstres = s->ndef3 = 1.0;
    }
    /* the N factors are the day's in stage 6 too: MZ_GROSUB (27d3955) calls MZ_NFACTO for
       ISTAGE < 7 before its stage loop, whose stage-6 branch returns */
    if (s->stage == 6) return;
    double tempm = 0.5 * (d->tmax + d->tmin);
    double swfac = d->swfac;
    double turfac = maize_turfac_kept(d->turfac);
    s->swfac_today = swfac;
    s->turfac_today = turfac;

    /* waterlogging: days with air-filled porosity below PORMIN (MZ_GROSUB SATFAC) */
    double sumex = 0.0, sumrl = 0.0;
    for (int32_t l = 0; l < s->n_layers; l++) {
        s->tss[l] = (sat[l] - sw[l]) >= sp->pormin ? 0.0 : s->tss[l] + 1.0;
        double swexf = s->tss[l] > 2.0 ? maxv((sat[l] - sw[l]) / sp->pormin, 0.0) : 1.0;
        swexf = minv(swexf, 1.0);
        /* weighted by root length per layer, DLAYR·RLV (MZ_GROSUB SUMEX, SUMRL) */
        sumex += thick_cm[l] * s->rlv[l] * (1.0 - swexf);
        sumrl += thick_cm[l] * s->rlv[l];
    }
    double satfac = sumrl > 0.0 ? minv(maxv(sumex / sumrl, 0.0), 1.0) : 0.0;

    /* photosynthesis: PCARB = IPAR·RUE·PCO2 with IPAR per plant from the shared canopy */
    double par = d->srad * sp->parsr;
    double ipar = par / s->pltpop * d->par_frac_intercepted;
    s->pcarb = ipar * c->rue_g_MJ * d->pco2;
    s->prft = agro_maize_prft(d->tmax, d->tmin);
    /* P stress (P_Plant, MZ_GROSUB): PStres1 on photosynthesis and leaf senescence,
       PStres2 on leaf expansion, stem and ear growth; 1 when P is not simulated */
    const double pstres1 = d->p_limited > 0.5 ? s->pstres1 : 1.0;
    const double pstres2 = d->p_limited > 0.5 ? s->pstres2 : 1.0;
    double carbo = s->pcarb * minv(minv(minv(s->prft, swfac), s->nstres), pstres1) * d->slpf;
    carbo = maxv(carbo, 0.0);
    /* assimilate damage (PASM) comes off before partitioning (MZ_GROSUB after PCARB) */
    s->asm_lost = carbo * d->asm_loss;
    carbo -= s->asm_lost;

    /* leaf appearance (MZ_GROSUB): first 5 leaves appear faster (PC) */
    if (s->stage <= 3) {
        double pc = s->cumph < 5.0 ? 0.66 + 0.068 * s->cumph : 1.0;
        s->ti = s->dtt / (c->phint_Cd * pc);
        s->cumph += s->ti;
        s->xn = s->cumph + 1.0;
        s->leafno = (int32_t)s->xn;
    }
    /* min(TURFAC, 1−SATFAC, PStres2) */
    double expand = minv(minv(minv(turfac, 1.0 - satfac), 1.0), pstres2);
    double grolf = 0.0, grort = 0.0, grostm = 0.0, groear = 0.0, grogrn = 0.0;

    if (s->stage == 1) {
        double plag = 3.0 * s->xn * s->xn * s->ti * expand; /* cm²/plant/d */
        if (s->xn < 4.0) plag = 4.0 * s->xn * s->ti * expand;
        s->pla += plag;
        double xlfwt = maxv(pow_1_25(s->pla / 250.0), s->lfwt);
        grolf = xlfwt - s->lfwt;
        grort = carbo - grolf;
        if (grort <= 0.25 * carbo) {
            grort = carbo * 0.25;
            s->seedrv += carbo - grolf - grort; /* seed reserves cover the deficit */
            if (s->seedrv <= 0.0) {
                s->seedrv = 0.0;
                grolf = carbo * 0.75;
                s->pla = pow(s->lfwt + grolf, 0.8) * 267.0;
            }
        }
        s->lfwt += grolf;
        if (grolf > 0.0) s->slan = s->sumdtt * s->pla / 10000.0;
        s->lfwt -= s->slan / 600.0;
        s->cum_leaf_senes = s->slan / 600.0 * s->pltpop * 10.0;
    } else if (s->stage == 2) {
        double plag = 3.5 * s->xn * s->xn * s->ti * minv(s->agefac, expand);
        s->pla += plag;
        double xlfwt = pow_1_25(s->pla / 267.0);
        grolf = xlfwt - s->lfwt;
        if (grolf >= carbo * 0.75) {
            grolf = carbo * 0.75;
            s->pla = pow(s->lfwt + grolf, 0.8) * 267.0;
        }
        grort = carbo - grolf;
        s->lfwt += grolf;
        s->slan = s->sumdtt * s->pla / 10000.0;
        s->lfwt -= s->slan / 600.0;
        s->cum_leaf_senes = s->slan / 600.0 * s->pltpop * 10.0;
        s->stg2cls = s->cum_leaf_senes;
    } else if (s->stage == 3) {
        /* no new leaf tips while the last leaf expands */
        if (s->sumdtt > s->p3 - 2.0 * c->phint_Cd) s->cumph -= s->ti;
        s->xn = s->cumph + 1.0;
        s->leafno = (int32_t)s->xn;
        const double bsgdd = 250.0; /* ear growth starts BSGDD °C·d before silking */
        if (s->sumdtt >= s->p3 - bsgdd) {
            s->cumdtteg = s->sumdtt - (s->p3 - bsgdd);
            groear = (0.81 / (1.0 + exp(-0.02 * (s->cumdtteg - 210.0)))) * carbo;
        } else {
            s->cumdtteg = 0.0;
        }
        double f = minv(s->agefac, expand);
        double plag;
        if (s->xn < 12.0) {
            plag = 3.5 * s->xn * s->xn * s->ti * f;
            grolf = 0.00116 * plag * root4(s->pla);
            grostm = grolf * 0.0182 * (s->xn - s->xnti) * (s->xn - s->xnti);
        } else if (s->xn < s->tlno - 2.9999) {
            plag = 3.5 * 170.0 * s->ti * f;
            grolf = 0.00116 * plag * root4(s->pla);
            grostm = grolf * 0.0182 * (s->xn - s->xnti) * (s->xn - s->xnti);
        } else {
            plag = 170.0 * 3.5 / sqrt(maxv(s->xn + 3.0 - s->tlno, 1e-6)) * s->ti * f;
            grolf = 0.00116 * plag * root4(s->pla);
            grostm = 3.0 * 3.1 * s->ti * f;
        }
        if (grostm > groear) {
            grostm -= groear;
        } else {
            groear = grostm * 0.5;
            grostm *= 0.5;
        }
        grort = carbo - grolf - grostm - groear;
        if (grort <= 0.10 * carbo && turfac > 0.0) {
            double grf = (grolf > 0.0 || grostm > 0.0) ? carbo * 0.90 / (grostm + grolf + groear) : 1.0;
            grort = carbo * 0.10;
            grolf *= grf;
            grostm *= grf;
            groear *= grf;
        }
        s->pla = pow(maxv(s->lfwt + grolf, 0.0), 0.8) * 267.0;
        s->lfwt += grolf;
        s->slan = s->pla / 1000.0;
        s->lfwt -= s->slan / 600.0;
        s->stmwt += grostm;
        s->earwt += groear;
        s->cum_leaf_senes = s->slan / 600.0 * s->pltpop * 10.0 + s->stg2cls;
    } else if (s->stage == 4) {
        s->cumdtteg += s->dtt;
        groear = (0.81 / (1.0 + exp(-0.02 * (s->cumdtteg - 210.0)))) * carbo *
                 minv(s->agefac, expand);
        grort = carbo * 0.08;
        if (carbo > groear + grort) {
            grostm = carbo - groear - grort;
        } else {
            grort = (carbo - groear) * 0.5;
            grostm = (carbo - groear) * 0.5;
        }
        s->slan = s->pla * (0.05 + s->sumdtt / 200.0 * 0.05);
        s->lfwt -= s->slan / 600.0;
        s->earwt += groear;
        s->stmwt += grostm;
        s->sump += carbo; /* plant growth over stage 4 → kernel number */
        s->cum_leaf_senes = s->slan / 600.0 * s->pltpop * 10.0 + s->stg2cls;
    } else if (s->stage == 5) {
        if (s->pltpop <= 0.01) {
            s->integrate_stop = 1;
            return;
        }
        if (fabs(carbo) > 0.0001) {
            s->cmat = 0;
            const double r = s->sumdtt / c->p5_Cd;
            s->slan = s->pla * (0.1 + 0.60 * (r * r * r)); /* (SUMDTT/P5)³ */
            /* relative grain fill rate from mean temperature (MZCER048.SPE RGFIL) */
            double rgfill = minv(1.0, maxv(0.0, maize_curv_lin(sp->rgfil, tempm)));
            grogrn = rgfill * s->gpp * c->g3_mg_d * 0.001 * (0.45 + 0.55 * swfac);
            if (rgfill > sp->rsgr) {
                s->emat = 0;
            } else {
                s->emat++;
                if ((double)s->emat > sp->rsgrt) { /* grain fill stalled: mature early */
                    s->sumdtt = c->p5_Cd;
                    s->emat = 0;
                }
            }
        } else {
            grogrn = grogrn_prev;
            s->cmat++;
            /* yesterday's GRORT stands until the count forces maturity (MZ_GROSUB.for 27d3955:
               GRORT = 0 only in the CMAT >= CARBOT branch) */
            grort = grort_prev;
            if ((double)s->cmat >= sp->carbot) {
                s->sumdtt = c->p5_Cd;
                s->emat = 0;
                grort = 0.0;
            }
        }
        grostm = carbo - grogrn;
        if (grostm >= 0.0) {
            s->stmwt += grostm * 0.50;
            grort = grostm * 0.50;
        } else {
            /* stem reserves support grain fill down to SWMIN; GRORT as the branch above left it
               (0 on a day with assimilation) */
            s->stmwt += carbo - grogrn;
            if (s->stmwt <= s->swmin * 1.07) {
                s->stmwt += s->lfwt * 0.0050;
                if (s->stmwt < s->swmin) {
                    s->stmwt = s->swmin;
                    grogrn = carbo;
                }
            }
        }
        s->grogrn = grogrn;
        s->turfac_today = turfac;
        s->tempm_today = tempm;
        if (d->n_limited > 0.5) maize_grain_n(sp, s);
        s->grnwt += s->grogrn;
        s->earwt += s->grogrn;
        s->stmwt = minv(s->stmwt, s->swmax);
        grogrn = s->grogrn;
    }
    s->carbo = carbo;
    s->grolf = grolf;
    s->grostm = grostm;
    s->groear = groear;
    s->grogrn = grogrn;
    s->grort = grort;

    /* leaf senescence: water, N, shading, cold (MZ_GROSUB, MZCER048.SPE FSLFW/FSLFN) */
    double slfw = (1.0 - sp->fslfw) + sp->fslfw * swfac;
    double slfn = (1.0 - sp->fslfn) + sp->fslfn * s->agefac;
    /* shading counts the LAI of every canopy of the field (the crop's alone when weed-free) */
    const double lai_shade = s->lai + d->lai_other;
    double slfc = lai_shade > 4.0 ? 1.0 - 0.008 * (lai_shade - 4.0) : 1.0;
    double slft = d->tmin <= 6.0 ? maxv(0.0, 1.0 - 0.01 * (d->tmin - 6.0) * (d->tmin - 6.0)) : 1.0;
    double slfp = (1.0 - sp->fslfp) + sp->fslfp * pstres1;
    double plas = (s->pla - s->senla) * (1.0 - minv(minv(minv(slfw, slfc), minv(slft, slfn)), slfp));
    s->senla += plas;
    s->senla = maxv(s->senla, s->slan);
    s->senla = minv(s->senla, s->pla);
    s->lai = (s->pla - s->senla) * s->pltpop * 0.0001;

    /* cold and drought failure (MZ_GROSUB, ecotype TSEN/CDAY) */
    s->icold = d->tmin <= c->tsen_C ? s->icold + 1 : 0;
    s->nwsd = swfac > 0.1 ? 0 : s->nwsd + 1;
    if ((s->leafno > 4 && s->lai <= 0.0 && s->stage <= 4 && s->icold > 6) ||
        (double)s->icold >= c->cday_d || (s->lai <= 0.1 && s->stage < 4 && s->nwsd > 10)) {
        s->stage = AGRO_MAIZE_STAGE_MATURE;
        s->stage_changed = AGRO_MAIZE_STAGE_MATURE;
        s->failed = s->grnwt <= 0.0;
    }

    /* potential top and root growth for the N demand (MZ_GROSUB before MZ_NUPTAK) */
    if (carbo <= 0.0) carbo = 0.001;
    s->pdwi = s->pcarb * (1.0 - grort / carbo);
    s->pgrort = s->pcarb * grort / carbo;
}

/* Integrate organ weights after N uptake (MZ_GROSUB state variables). */
void maize_integrate(const maize_species *sp, maize_state *s) {
    (void)sp;
    const int32_t n_supply_none = s->n_supply_none; /* today's mark, cleared for tomorrow */
    s->n_supply_none = 0;
    /* a mature crop is not integrated from the next day on: MZ_CERES.for (27d3955) calls
       MZ_GROSUB in stages 1-6 only. A crop that failed in today's maize_growth (cold,
       drought) is integrated today, as MZ_GROSUB goes on after setting MDATE */
    const int32_t stop = s->integrate_stop;
    s->integrate_stop = s->stage == AGRO_MAIZE_STAGE_MATURE;
    /* the day damage kills every plant is integrated too: MZ_GROSUB's state variables (the
       organs held at 0 or above) do not depend on PLTPOP */
    if (stop || s->stage < 1) return;
    /* RANC as MZ_NUPTAK leaves it for tomorrow's grain N: ROOTN/(RTWT − 0.01·RTWT), on the
       root weight before today's growth (MZ_NUPTAK.for, lpmorenoc 52d6198; the same statement
       in DSSAT's Aloha_NUPTAK.for). A day with demand (ANDEM > 0) but no potential uptake
       (TRNU = 0) returns before that statement (IF (TRNU .EQ. 0.0) RETURN): RANC stays
       ROOTN/RTWT, as maize_n_demand set it */
    if (s->rtwt > 0.0 && !n_supply_none) s->ranc = s->rootn / (s->rtwt - 0.01 * s->rtwt);
    /* RTWT = RTWT + 0.5·GRORT − 0.005·RTWT: roots lose 0.5 %/d; their N leaves in
       maize_root_senescence (MZ_GROSUB, MZ_NUPTAK) */
    s->rtwt += 0.5 * s->grort - 0.005 * s->rtwt;
    if (s->lfwt < 0.0) s->lfwt = 0.0;
    if (s->pla < 0.0) s->pla = 0.0;
    if (s->lai < 0.0) s->lai = 0.0;
    if (s->stmwt < 0.0) s->stmwt = 0.0;
    if (s->rtwt < 0.0) s->rtwt = 0.0;
    if (s->lai > s->maxlai) s->maxlai = s->lai;
    /* STOVWT = LFWT + STMWT only here, after MZ_NUPTAK: TANC stays STOVN over the stover
       weight before today's growth, as MZ_NUPTAK left it (MZ_GROSUB) */
    if (s->stovwt > 0.0) s->tanc = s->stovn / s->stovwt;
    s->stovwt = s->lfwt + s->stmwt;
    /* PTF = (LFWT + STMWT + EARWT)/(RTWT + LFWT + STMWT + EARWT), used by tomorrow's root
       senescence (MZ_GROSUB) */
    const double tops = s->lfwt + s->stmwt + s->earwt;
    s->ptf = tops + s->rtwt > 0.0 ? tops / (tops + s->rtwt) : 0.0;
}
