/*
 * EPIC soil temperature as DSSAT-CSM 4.8 runs it with METMP = E (SPAM/STEMP_EPIC.for at
 * dssat-csm-os 88e5998: STEMP_EPIC and SOILT_EPIC; Potter & Williams 1994, Agron. J.
 * 86:1006–1011). Specification, line by line, and the quirks kept or not:
 * docs/design/stemp_epic.md. Daily means per layer only; the caller (temp_model.c) validates
 * the inputs, and nothing here allocates, prints or formats.
 */
#include <math.h>
#include <string.h>

#include "internal/soil_temp_epic.h"

/* ST lag, EPIC PARM(15) (SOILT_EPIC LAG = 0.5) */
#define EPIC_LAG 0.5
/* Calls of SOILT_EPIC at season initialisation (STEMP_EPIC SEASINIT, DO I = 1, 8) */
#define EPIC_INIT_CALLS 8
/* Initial wet-day fraction (STEMP_EPIC SEASINIT WFT = 0.1) */
#define EPIC_INIT_WFT 0.1

void agro_epic_profile_init(epic_profile *p, const agro_soil_profile *prof)
{
    memset(p, 0, sizeof *p);
    p->n_layers = prof->n_layers;
    double top = 0.0, cum = 0.0, tbd = 0.0, tll = 0.0;
    for (int32_t L = 0; L < prof->n_layers; L++) {
        const double dl = prof->depth_cm[L] - top; /* DLAYR, cm */
        top = prof->depth_cm[L];
        p->thick_cm[L] = dl;
        p->dsmid_mm[L] = cum + dl * 5.0; /* DSMID = CUMDPT + DLAYR·5, mm (STEMP_EPIC SEASINIT) */
        cum += dl * 10.0;                /* CUMDPT += DLAYR·10, mm */
        tbd += prof->bulk_density_g_cm3[L] * dl; /* TBD = Σ BD·DLAYR */
        tll += prof->ll[L] * dl;                 /* TLL = Σ LL·DLAYR, cm */
    }
    p->cumdpt_mm = cum;
    p->tll_cm = tll;
    agro_stemp_damping_terms(tbd / top, &p->dp_mm, &p->ww, &p->b); /* ABD = TBD/DS(NLAYR) */
}

void agro_stemp_damping_terms(double abd, double *dp_mm, double *ww, double *b)
{
    const double fx = abd / (abd + 686.0 * exp(-5.63 * abd)); /* FX (STEMP.for, STEMP_EPIC.for) */
    *dp_mm = 1000.0 + 2500.0 * fx;                            /* DP = 1000 + 2500·FX, mm */
    *ww = 0.356 - 0.144 * abd;                                /* WW = 0.356 − 0.144·ABD */
    *b = log(500.0 / *dp_mm);                                 /* B = ln(500/DP) */
}

void agro_epic_reset(epic_state *s)
{
    memset(s, 0, sizeof *s); /* X2_PREV = 0: the SAVEd local's value at its first use (Q2) */
}

/* Cover factor, Potter & Williams 1994 eq. 4 as STEMP_EPIC codes it: BCV = max(BCV1, BCV2),
 * BCV1 = CV/(CV + exp(5.3396 − 2.3951·CV)) of biomass + mulch CV (t/ha), BCV2 =
 * SNOW/(SNOW + exp(2.303 − 0.2197·SNOW)) of snow water (mm). */
static double cover_factor(double cv_t_ha, double snow_mm)
{
    const double bcv1 = cv_t_ha / (cv_t_ha + exp(5.3396 - 2.3951 * cv_t_ha));
    const double bcv2 = snow_mm / (snow_mm + exp(2.303 - 0.2197 * snow_mm));
    return bcv1 > bcv2 ? bcv1 : bcv2;
}

/* SOILT_EPIC: one update of TMA, SRFTEMP, ST and X2_PREV. */
static void soilt_epic(epic_state *s, const epic_profile *p, double pesw_cm, double bcv,
                       const epic_day_in *in, int32_t wet_day, double wft)
{
    const double tavg = 0.5 * (in->tmax_C + in->tmin_C);
    /* WC = max(0.01, PESW)/(WW·CUMDPT)·10 (SOILT_EPIC; cm / mm · mm/cm) */
    const double wc = (pesw_cm > 0.01 ? pesw_cm : 0.01) / (p->ww * p->cumdpt_mm) * 10.0;
    const double q = (1.0 - wc) / (1.0 + wc);
    const double dd = exp(p->b * q * q) * p->dp_mm; /* DD = exp(B·((1−WC)/(1+WC))²)·DP, mm */
    double x2;
    if (wet_day > 0)
        x2 = wft * (tavg - in->tmin_C) + in->tmin_C; /* Potter & Williams 1994 eq. 2 */
    else
        x2 = wft * (in->tmax_C - tavg) + tavg + 2.0; /* eq. 1, radiation term dropped, +2 kept (Q4) */
    x2 += in->surface_extra_C;
    /* TMA(1) = X2, then TMA(K) = TMA(K−1) for K = 5..2: X2 lands in slots 1 and 2 (Q1) */
    s->tma_C[0] = x2;
    for (int k = 4; k > 0; k--)
        s->tma_C[k] = s->tma_C[k - 1];
    const double x2_avg = (s->tma_C[0] + s->tma_C[1] + s->tma_C[2] + s->tma_C[3] + s->tma_C[4]) /
                          5.0; /* X2_AVG = SUM(TMA)/5 (SOILT_EPIC) */
    const double x3 = (1.0 - bcv) * x2_avg + bcv * s->x2_prev_C; /* eq. 4 with X2_PREV for T(LID(2)) */
    s->srftemp_C = x2_avg < x3 ? x2_avg : x3;                    /* SRFTEMP = min(X2_AVG, X3) */
    const double x1 = in->tav_C - x3;                            /* eq. 6 (partial): X1 = TAV − X3 */
    for (int32_t L = 0; L < p->n_layers; L++) {
        const double zd = p->dsmid_mm[L] / dd;                   /* eq. 8: ZD = DSMID/DD */
        const double f = zd / (zd + exp(-0.8669 - 2.0775 * zd)); /* eq. 7 */
        s->st_C[L] = EPIC_LAG * s->st_C[L] + (1.0 - EPIC_LAG) * (f * x1 + x3); /* eq. 6 */
    }
    s->x2_prev_C = x2_avg; /* X2_PREV = X2_AVG */
    s->dd_mm = dd;
}

void agro_epic_day(epic_state *s, const epic_profile *p, const double *sw, const epic_day_in *in)
{
    /* PESW = max(0, Σ SW·DLAYR − TLL), cm (STEMP_EPIC, ISWWAT = Y; Q3, Q6) */
    double tsw = 0.0;
    for (int32_t L = 0; L < p->n_layers; L++)
        tsw += sw[L] * p->thick_cm[L];
    const double pesw = tsw - p->tll_cm > 0.0 ? tsw - p->tll_cm : 0.0;
    if (!s->init) {
        /* SEASINIT: TMA = TAVG (unrounded, Q7), ST = TAVG, WetDay = 0, NDays = 0, cover of the
         * mulch only, 8 calls dry with WFT = 0.1 (Q5). Its SNOW is 0: GET('WATER','SNOW') reads
         * what WATBAL's RUNINIT put (SNOW = 0), the day's SNOWFALL and PUT coming in WATBAL's
         * RATE (WATBAL.for; a sequence's later season would read the last day's) */
        const double tavg = 0.5 * (in->tmax_C + in->tmin_C);
        for (int k = 0; k < 5; k++)
            s->tma_C[k] = tavg;
        for (int32_t L = 0; L < p->n_layers; L++)
            s->st_C[L] = tavg;
        memset(s->wet, 0, sizeof s->wet);
        s->n_days = 0;
        const double bcv0 = cover_factor(in->mulch_t_ha, 0.0);
        for (int i = 0; i < EPIC_INIT_CALLS; i++)
            soilt_epic(s, p, pesw, bcv0, in, 0, EPIC_INIT_WFT);
        memcpy(s->st_init_C, s->st_C, sizeof s->st_init_C);
        s->init = 1;
    }
    /* RATE: 30-day wet-day record (rain + irrigation > 1e-6 mm), WFT = wet days / days */
    if (s->n_days == EPIC_WET_DAYS)
        memmove(s->wet, s->wet + 1, sizeof(int32_t) * (EPIC_WET_DAYS - 1));
    else
        s->n_days++;
    s->wet[s->n_days - 1] = in->water_input_mm > 1e-6 ? 1 : 0;
    int32_t n_wet = 0;
    for (int32_t i = 0; i < s->n_days; i++)
        n_wet += s->wet[i];
    const double wft = (double)n_wet / (double)s->n_days;
    /* CV = (BIOMAS + MULCHMASS)/1000, t/ha (STEMP_EPIC RATE) */
    const double bcv = cover_factor(in->biomass_t_ha + in->mulch_t_ha, in->snow_mm);
    soilt_epic(s, p, pesw, bcv, in, s->wet[s->n_days - 1], wft);
}

double agro_epic_at(const epic_state *s, const epic_profile *p, double depth_cm)
{
    const double z = depth_cm * 10.0; /* mm */
    double z0 = 0.0, t0 = s->srftemp_C;
    for (int32_t L = 0; L < p->n_layers; L++) {
        const double z1 = p->dsmid_mm[L], t1 = s->st_C[L];
        if (z <= z1)
            return t0 + (t1 - t0) * (z - z0) / (z1 - z0);
        z0 = z1;
        t0 = t1;
    }
    return t0;
}
