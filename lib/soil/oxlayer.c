/*
 * The oxidised surface layer of an upland soil: NH3 volatilisation, urea hydrolysis and
 * nitrification in the top OXLT cm of layer 1 where fertiliser left on the surface lies, and
 * the diffusion of urea, NO3 and NH4 between it and the rest of layer 1.
 *
 * Sources: DSSAT-CSM 4.8 OXLAYER.for (U. Singh; commit a48329f, read at 12ac5b3) as SoilNi.for
 * calls it for non-flooded soils (commit 7841e3c: "This needs to be called from NTRANS for
 * upland cases, too"), EQUIL2.for with AMTHERM (6da6537), Fert_Place.for (0b26a04: ADDOX*,
 * UNINCO); the ammonia routine of the CERES-Rice flood chemistry (Godwin & Singh 1998,
 * "Nitrogen balance and crop response to nitrogen in upland and lowland cropping systems", in
 * Tsuji, Hoogenboom & Thornton (eds) Understanding Options for Agricultural Production,
 * 55–77). docs/design/oxlayer.md lists every equation with its Fortran line and the quirks
 * kept.
 */
#include <math.h>

#include "soil/nitrogen_internal.h"

/* FPI, the cap of the biological activity factor ELAG (OXLAYER.for SEASINIT) */
#define OX_FPI 0.5
/* diffusion coefficients in water AQDC, 1E-5 cm²/s, and the fraction in solution FIS of
   urea, NO3, NH4 (EQUIL2.for) */
static const double OX_AQDC[3] = {1.8, 1.8, 0.8};
static const double OX_FIS[3] = {0.9, 0.9, 1.0};

/* NH4 adsorption isotherm AMTHERM (EQUIL2.for, U. Singh): ln[soln] = B·ln[soil] − 1.83,
 * B = max(4.1 − min(4, 0.225·CEC^0.65), 0.001), [soil] = ppm/14·BD. Returns the solution
 * concentration (SOILC; 0 with no NH4) and writes the buffer power BP = max([soil]/[soln], 1)
 * to @p bp when the soil holds NH4, or BP1 + 1 = 30·(1 − exp(−0.065·CEC)) + 1 when it holds
 * none and @p bp_when_empty is set (KFLAG 2; with KFLAG 1 the caller's value stays). The IBP
 * limit of AMTHERM changes only a local and is left out. */
static double amtherm(double ppm, double bd, double cec, double *bp, int bp_when_empty)
{
    double effc = 0.225 * pow(cec, 0.65);
    if (effc > 4.0) effc = 4.0;
    double b = 4.1 - effc;
    if (b < 0.001) b = 0.001;
    double c = ppm / 14.0 * bd;
    if (c > -0.1 && c < 1e-6) c = 0.0;
    if (c < 1e-5 && c > 1e-6) c = 0.0;
    if (fabs(c) < 1e-6) {
        if (bp_when_empty) *bp = 30.0 * (1.0 - exp(-0.065 * cec)) + 1.0;
        return 0.0;
    }
    const double soln = exp(b * log(c) - 1.83);
    double soilc = soln * 14.0;
    if (soilc > ppm) soilc = ppm;
    double bpx = c / soln;
    *bp = bpx > 1.0 ? bpx : 1.0;
    return soilc;
}

/* EQUIL2.for for a non-flooded soil: species @p isi (0 urea, 1 NO3, 2 NH4) moves by diffusion
 * between the oxidised layer (*ox, kg N/ha) and the rest of layer 1 (*total − *ox), over
 * @p nsteps steps a day (IHDAY). *total, layer 1's pool, is kept except for the clamps at 0. */
static void equil2(const agro_ox_consts *c, double sw1, int isi, double nsteps, double *ox,
                   double *total)
{
    double oxs = *ox, ss = *total;
    /* the ox concentration is raised to layer 1's, computed with the whole layer (SPPM uses
       FAC1 before FAC1 is reset to the thinner rest of the layer) */
    double oxc = oxs * c->oxfac;
    const double sppm_full = ss * c->fac1_full;
    const double dlayr1 = c->dlayr1_cm - c->oxlt_cm;
    const double fac1 = 1.0 / (c->bd1 * 0.1 * dlayr1);
    if (sppm_full > oxc) {
        oxc = sppm_full;
        oxs = oxc / c->oxfac;
    }
    const double volsw = dlayr1 * sw1 * 1e5, volox = c->oxlt_cm * sw1 * 1e5;
    if (oxs < 1e-10) oxs = 0.0;
    if (ss - oxs < 0.0) { /* SMIN = 0, OXMIN = 0 (upland) */
        oxs = ss;
        ss = 0.0;
        if (oxs < 0.0) oxs = 0.0;
    } else {
        ss -= oxs;
    }
    oxc = oxs * c->oxfac;
    const double sppm = ss * fac1;
    double oxsc = volox > 0.0 ? oxs * OX_FIS[isi] / volox * 1e6 : 0.0;
    double bps = 1.0, soilc;
    if (isi == 2) {
        soilc = amtherm(sppm, c->bd1, c->cec1, &bps, 0);
        double bpoxl = 1.0;
        oxsc = amtherm(oxc, c->bd1, c->cec1, &bpoxl, 1);
        if (bpoxl < bps) bps = bpoxl;
    } else {
        double sspp = ss * OX_FIS[isi];
        if (sspp < 1e-6) sspp = 0.0;
        soilc = volsw > 0.0 ? sspp / volsw * 1e6 : 0.0;
    }
    if (soilc < 0.0) soilc = 0.0;
    /* half the rest of the layer less half the ox layer apart (EQUIL2.for DELX) */
    const double delx = dlayr1 * 0.5 - c->oxlt_cm * 0.5;
    const double delc = soilc - oxsc;
    /* effective diffusion coefficient DE = AQDC·1E-5·√SW1·SW1/BP, cm²/s */
    const double de = OX_AQDC[isi] * 1e-5 * sqrt(sw1 > 0.0 ? sw1 : 0.0) * sw1 / bps;
    double diffn = 0.0;
    if (fabs(delc) > 1e-10 && fabs(de) > 1e-10 && delx > 0.0)
        diffn = delc / delx * de * 360.0 * 24.0 / nsteps;
    if (diffn < 1e-10) { /* from the ox layer to the rest of the layer */
        if (diffn + oxs < 1e-6) diffn = -oxs;
    } else if (diffn > ss) {
        diffn = ss;
    }
    ss -= diffn;
    if (-ss > 1e-10) ss = 0.0;
    oxs += diffn;
    if (-oxs > 1e-10) oxs = 0.0;
    *ox = oxs;
    *total = ss + oxs;
}

void agro_ox_consts_init(const agro_soil_n_params *p, const agro_soil_water_params *wp,
                         agro_ox_consts *c)
{
    c->bd1 = p->bulk_density_g_cm3[0];
    c->dlayr1_cm = p->thickness_cm[0];
    c->oxlt_cm = p->ox_thickness_cm;
    /* OXFAC = 1/(BD1·OXLT·0.1), ppm of the ox layer per kg N/ha; FAC1 the same for layer 1 */
    c->oxfac = 1.0 / (c->bd1 * c->oxlt_cm * 0.1);
    c->fac1_full = 1.0 / (c->bd1 * 0.1 * c->dlayr1_cm);
    c->ph1 = p->ph[0];
    c->cec1 = p->surface_cec_cmol_kg;
    /* potential urea hydrolysis AK = 0.25 + 0.075·OC1 in [0.25, 1] (OXLAYER.for) */
    double ak = 0.25 + 0.075 * p->surface_oc_pct;
    c->ak = ak < 0.25 ? 0.25 : (ak > 1.0 ? 1.0 : ak);
    c->ll1 = wp->ll[0];
    c->dul1 = wp->dul[0];
    c->sat1 = wp->sat[0];
}

void agro_ox_step(const agro_ox_consts *c, const agro_soil_n_state *s,
                  const agro_soil_n_drivers *d, double sw1, double st1, double *urea1,
                  double *nh4_1, double *no3_1, agro_ox_result *out)
{
    const double pi = 3.141593;
    /* the day's ox pools: yesterday's plus the day's surface fertiliser (already in them),
       the concentrations taken before they are limited to layer 1's pools */
    double oxu = s->ox_urea_kg_ha, oxh4 = s->ox_nh4_kg_ha, oxn3 = s->ox_no3_kg_ha;
    double oxh4c = oxh4 * c->oxfac;
    const double oxn3c = oxn3 * c->oxfac;
    double turea = *urea1, tnh4 = *nh4_1, tno3 = *no3_1;
    out->volatilised = out->hydrolysed = out->nitrified = 0.0;
    /* DailyCalc: one step from the 10th day after the last fertiliser (LFD10), else twelve */
    int daily = !(s->ox_days_since_fert < 10.0);
    if (oxu > turea) oxu = turea;
    if (oxh4 > tnh4) oxh4 = tnh4;
    if (oxn3 > tno3) oxn3 = tno3;
    /* light at the soil surface SURAD = SRAD·(1 − MSALB)·exp(−0.85·XHLAI), MJ/m²/d, and its
       index OXALI = 1 − exp(−SURAD/10); ALI = OXALI only when SW1 = SAT1 (algae) */
    const double surad = d->srad_MJ_m2_d * (1.0 - d->surface_albedo) * exp(-0.85 * d->lai);
    const double oxali = 1.0 - exp(-surad / 10.0);
    const double ali = sw1 == c->sat1 ? oxali : 1.0;
    /* temperature index STI = (ST1 − 15)·0.1 below 30 °C, 1 − (ST1 − 30)·0.05 above, at most 1 */
    double sti = st1 < 30.0 ? (st1 - 15.0) * 0.1 : 1.0 - (st1 - 30.0) * 0.05;
    if (sti > 1.0) sti = 1.0;
    /* water index SWI = (SAT1 − DUL1)/(SAT1 − SW1) below DUL1, else 1 */
    const double swi = (sw1 < c->dul1 && c->sat1 > sw1) ? (c->sat1 - c->dul1) / (c->sat1 - sw1) : 1.0;
    /* biological and chemical activity ALGACT = ELAG·(4 − ALGACT)·ALGACT, ELAG the smallest of
       OXNI, FPI, ALI, STI, SWI; at most ALI under LAI > 1.5; in [0.05, 1] */
    double oxni = s->ox_ni;
    double elag = oxni;
    if (OX_FPI < elag) elag = OX_FPI;
    if (ali < elag) elag = ali;
    if (sti < elag) elag = sti;
    if (swi < elag) elag = swi;
    double algact = elag * (4.0 - s->ox_algact) * s->ox_algact;
    if (d->lai > 1.5 && algact > ali) algact = ali;
    if (algact > 1.0) algact = 1.0;
    if (algact < 0.05) algact = 0.05;
    /* evaporation of the peak hour AMPES = 0.38·ES */
    const double es = d->soil_evap_mm;
    const double ampes = 0.38 * es;
    if (algact >= 0.2) daily = 0;
    const int ist = daily ? 6 : 1, ihr = daily ? 6 : 12;
    const double nsteps = daily ? 1.0 : 12.0;
    /* fertilisers 0–3, 8, 11–50 (SELECT CASE FERTYPE) hold the pH shift at 0.6 where the
       layer's NH4 is not above its NO3 */
    const int32_t ft = s->ox_fert_type;
    const int ft_shift = (ft >= 0 && ft <= 3) || ft == 8 || (ft >= 11 && ft <= 50);
    /* urea hydrolysis water factor: MF = (SW1 − LL1/2)/(DUL1 − LL1/2) ≥ 0, SWF = MF + 0.2, 1 at
       DUL and above, in [0, 1] */
    double mf = (sw1 - c->ll1 * 0.5) / (c->dul1 - c->ll1 * 0.5);
    if (mf < 0.0) mf = 0.0;
    double swf = sw1 >= c->dul1 ? 1.0 : mf + 0.2;
    if (swf > 1.0) swf = 1.0;
    if (swf < 0.0) swf = 0.0;
    /* nitrification water factor WF2 of WFP = SW1/SAT1 (Gilmour 1984, as SoilNi.for) */
    const double wfp = sw1 / c->sat1;
    double wf2 = sw1 > c->dul1 ? -2.5 * wfp + 2.55 : (wfp > 0.4 ? 1.0 : 3.15 * wfp - 0.1);
    if (wf2 < 0.0) wf2 = 0.0;
    if (wf2 > 1.0) wf2 = 1.0;
    const double ualgct = 0.25 * algact;
    const double akx = c->ak > ualgct ? c->ak : ualgct;
    double oxph = s->ox_ph, oxph1 = c->ph1, hes = 0.0, oxh3c = 0.0;
    for (int i = ist; i <= ihr; i++) {
        const int k = i > 6 ? i - 6 : 7 - i;
        /* hourly surface temperature STEMP = TMIN + HTMFAC·(TMAX + 2 − TMIN) */
        const double htmfac = 0.931 + 0.114 * k - 0.0703 * k * k + 0.0053 * k * k * k;
        const double stemp = d->tmin_C + htmfac * (d->tmax_C + 2.0 - d->tmin_C);
        /* hourly evaporation HES = AMPES·sin(π·I/12) + 0.08 (kept for I = 7..9), at least ES/24 */
        if (i <= 6 || i > 9) hes = ampes * sin(pi * i / 12.0) + 0.08;
        hes = fabs(hes);
        if (hes < es / 24.0) hes = es / 24.0;
        /* N index OXNI = (OXH4C + OXN3C)/10 + 0.1 at I = 6, at most 1 */
        if (i == 6) oxni = (oxh4c + oxn3c) / 10.0 + 0.10;
        if (oxni > 1.0) oxni = 1.0;
        double phshift = 0.75 + 2.0 * algact;
        if (ft_shift && oxh4c <= oxn3c) phshift = 0.6;
        /* urea hydrolysis OXUHYDR = max(AK, 0.25·ALGACT)·min(SWF, TEMPFU)·OXU per step, TEMPFU =
           0.04·STEMP − 0.2 in [0, 1]; at most layer 1's urea */
        double tempfu = 0.04 * stemp - 0.2;
        if (tempfu > 1.0) tempfu = 1.0;
        if (tempfu < 0.0) tempfu = 0.0;
        double uh = akx * (swf < tempfu ? swf : tempfu) * oxu;
        if (uh > turea) uh = turea;
        oxu -= uh;
        oxh4 += uh;
        turea -= uh;
        tnh4 += uh;
        out->hydrolysed += uh;
        /* pH of the layer: OXPH1 = pH1 + PHSHIFT·sin(3.1412·I/12) (kept for I > 6), at least
           7.2 when MF > 1.5; hydrolysis raises it by OXALI·(10 − PHOXUHY)/10, PHOXUHY =
           min(10, −log10(molar urea-N hydrolysed)); OXPH in [pH1, 9] (min 9 first) */
        if (i <= 6) oxph1 = c->ph1 + phshift * sin(3.1412 * i / 12.0);
        if (mf > 1.5 && oxph1 < 7.2) oxph1 = 7.2;
        if (uh > 0.001) {
            const double oxuhydm = uh * c->oxfac * 0.001 / 14.0;
            double phoxuhy = -log10(oxuhydm);
            if (phoxuhy > 10.0) phoxuhy = 10.0;
            oxph = oxph1 + oxali * (10.0 - phoxuhy) / 10.0;
        }
        if (oxph > 9.0) oxph = 9.0;
        if (oxph < c->ph1) oxph = c->ph1;
        /* NH3 in solution OXH3C = OXH4C/(1 + 10^(0.09018 + 2729.92/TK − OXPH)), ppm (kept for
           I > 6 unless it reaches OXH4C); 0 below 1E-5; at most the layer's NH4 */
        const double tk = stemp + 273.15;
        oxh4c = oxh4 * c->oxfac;
        if (i <= 6 || oxh3c >= oxh4c)
            oxh3c = oxh4c / (1.0 + pow(10.0, 0.09018 + 2729.92 / tk - oxph));
        if (oxh3c <= 0.00001 && oxh3c > 0.0) oxh3c = 0.0;
        double oxh3 = oxh3c / c->oxfac;
        if (oxh3 > oxh4) {
            oxh3 = oxh4;
            oxh3c = oxh3 * c->oxfac;
        }
        /* wind term WIND = 7.15·HES; Henry's constant ln HK = 158.559 − 8621.06/TK −
           25.6767·ln TK + 0.035388·TK; NH3 partial pressure OXH3P = 10·(OXH3C·0.001/14)/HK;
           loss AMLOS1 = 0.0012·OXH3P + 0.0014·WIND + 0.00086·OXH3P²·WIND kg N/ha per step
           when OXH3P > 0, at most the layer's NH4 */
        const double wind = 7.15 * hes;
        const double hk = exp(158.559 - 8621.06 / tk - 25.6767 * log(tk) + 0.035388 * tk);
        const double oxh3p = 10.0 * (oxh3c * 0.001 / 14.0) / hk;
        double aml = oxh3p > 0.0 ? 0.0012 * oxh3p + 0.0014 * wind + 0.00086 * oxh3p * oxh3p * wind
                                 : 0.0;
        if (aml > oxh4) aml = oxh4;
        out->volatilised += aml;
        oxh4 -= aml;
        oxh4c = oxh4 * c->oxfac;
        tnh4 -= aml;
        /* nitrification in the layer: RNTRFI = min(TFACTOR·WF2·PHFACT/13, 0.9), TFACTOR =
           exp(21.4 − 6572/TK), PHFACT = 0.3·OXPH − 1.8 in [0, 1]; HOXRNT = RNTRFI·OXH4·OXLT/
           DLAYR1, at most the layer's NH4, 0 below 1E-5 */
        double phfact = 0.3 * oxph - 1.8;
        if (phfact > 1.0) phfact = 1.0;
        if (phfact < 0.0) phfact = 0.0;
        double rntrfi = exp(-6572.0 / tk + 21.4) * wf2 * phfact / 13.0;
        if (rntrfi > 0.9) rntrfi = 0.9;
        double hox = rntrfi * oxh4 * c->oxlt_cm / c->dlayr1_cm;
        if (oxh4 < 0.0) oxh4 = 0.0;
        if (oxh4 - hox <= 0.0) hox = oxh4;
        if (hox > -0.00001 && hox < 0.00001) hox = 0.0;
        if (hox > oxh4) hox = oxh4;
        tnh4 -= hox;
        tno3 += hox;
        oxh4 -= hox;
        oxn3 += hox;
        out->nitrified += hox;
        /* diffusion between the ox layer and the rest of layer 1 (EQUIL2.for) */
        equil2(c, sw1, 0, nsteps, &oxu, &turea);
        equil2(c, sw1, 1, nsteps, &oxn3, &tno3);
        equil2(c, sw1, 2, nsteps, &oxh4, &tnh4);
    }
    /* layer 1 and the ox layer at the end of the day, at least 0 */
    *urea1 = turea > 0.0 ? turea : 0.0;
    *nh4_1 = tnh4 > 0.0 ? tnh4 : 0.0;
    *no3_1 = tno3 > 0.0 ? tno3 : 0.0;
    out->ox_urea = oxu > 0.0 ? oxu : 0.0;
    out->ox_nh4 = oxh4 > 0.0 ? oxh4 : 0.0;
    out->ox_no3 = oxn3 > 0.0 ? oxn3 : 0.0;
    out->algact = algact;
    out->oxni = oxni;
    out->oxph = oxph;
}
