/* CERES-Maize nitrogen: stress factors from tops N concentration (MZ_NFACTO), N demand of tops
 * and roots (MZ_NUPTAK), uptake allocation and grain N with remobilisation (MZ_GROSUB stage 5)
 * (Jones & Kiniry 1986; Godwin & Jones 1991; DSSAT-CSM 4.8). */
#include <math.h>

#include "maize/maize_internal.h"

void maize_n_factors(maize_state *s, int32_t stage_transform) {
    /* NFAC = 1 − (TCNP − TANC)/(TCNP − TMNC) (CERES NFACTO) */
    double nfac = 1.0 - (s->tcnp - s->tanc) / (s->tcnp - s->tmnc);
    if (nfac > 1.0) nfac = 1.0;
    /* older CERES-Maize NFACTO (DSSAT-CSM Aloha_NFACTO keeps it); DSSAT-CSM 4.8 MZ_NFACTO has it
       commented out (10/02/2007 JIL), so AGRO_CROP_N_STRESS_DSSAT48 skips it */
    if (stage_transform && (s->stage == 3 || s->stage == 4)) nfac = 1.0 - 1.80 * exp(-3.5 * nfac);
    if (nfac < 0.001) nfac = 0.001;
    s->nfac = nfac;
    s->agefac = nfac > 1.0 ? 1.0 : nfac;               /* leaf expansion */
    s->ndef3 = nfac < 0.8 ? 0.2 + nfac : 1.0;           /* kernels per plant */
    if (s->ndef3 > 1.0) s->ndef3 = 1.0;
    s->nstres = nfac > 0.5 ? nfac * 0.4 + 0.6 : nfac * 1.2 + 0.2; /* photosynthesis */
    if (s->nstres > 1.0) s->nstres = 1.0;
}

double maize_n_demand(const maize_species *sp, maize_state *s) {
    s->n_demand_kg_ha = 0.0;
    /* asked on the days MZ_GROSUB reaches MZ_NUPTAK (the field's test): stages 1-5, the day
       the crop fails in maize_growth included, whose stage is then AGRO_MAIZE_STAGE_MATURE */
    if (s->pltpop <= 0.0) return 0.0;
    double stovwt = s->stovwt; /* yesterday's (MZ_GROSUB updates STOVWT after MZ_NUPTAK) */
    /* TANC and RANC from today's pools (MZ_NUPTAK's first statements): the RMNC floor that the
       grain N put on RANC does not reach the root demand */
    if (stovwt > 0.0) s->tanc = s->stovn / stovwt;
    if (s->rtwt > 0.0) s->ranc = s->rootn / s->rtwt;
    /* tops: restore the critical concentration and supply new growth, DNG = PDWI·TCNP,
       none up to XSTAGE 1.2; a day without potential growth (PDWI = 0) counts PDWI = 1 g/plant
       (MZ_NUPTAK.for: IF (PDWI .EQ. 0.0) PDWI = 1.0) */
    const double pdwi = s->pdwi == 0.0 ? 1.0 : s->pdwi;
    const double dng = s->xstage <= 1.2 ? 0.0 : pdwi * s->tcnp;
    /* either may be negative (tops above TCNP, roots above RCNP, or a negative PDWI on a
       grain-fill day that kept yesterday's GRORT): the plant's demand is their sum, and a day
       whose sum is not positive takes up nothing (MZ_NUPTAK.for, lpmorenoc 52d6198: NDEM =
       TNDEM + RNDEM, IF (ANDEM .LE. 0.0) TRNU = 0) */
    const double tndem = stovwt * (s->tcnp - s->tanc) + dng;
    const double rndem = s->rtwt * (sp->rcnp - s->ranc) + s->pgrort * sp->rcnp;
    s->tndem = tndem;
    s->rndem = rndem;
    const double andem = (tndem + rndem) * s->pltpop * 10.0; /* g/plant → kg/ha */
    s->n_demand_kg_ha = andem > 0.0 ? andem : 0.0;
    return s->n_demand_kg_ha;
}

void maize_n_take(maize_state *s, double uptake_kg_ha) {
    if (uptake_kg_ha <= 0.0 || s->pltpop <= 0.0) return;
    double trnu = uptake_kg_ha / (s->pltpop * 10.0); /* g N/plant */
    /* DSTOVN = TNDEM/NDEM·TRNU, DROOTN = RNDEM/NDEM·TRNU (MZ_NUPTAK.for, lpmorenoc 52d6198):
       with a negative TNDEM the stover gives N to the roots, and the other way round. DSSAT
       then holds STOVN at 0 (MZ_GROSUB: STOVN = MAX(0.0, STOVN)), which creates N; here the
       transfer stops at the pool's N, so the plant's N balance stays exact */
    const double tot = s->tndem + s->rndem;
    const double ftop = tot > 0.0 ? s->tndem / tot : 1.0;
    double dtop = trnu * ftop, droot = trnu - dtop;
    if (s->stovn + dtop < 0.0) {
        dtop = -s->stovn;
        droot = trnu - dtop;
    } else if (s->rootn + droot < 0.0) {
        droot = -s->rootn;
        dtop = trnu - droot;
    }
    s->stovn += dtop;
    s->rootn += droot;
    s->cum_n_uptake_kg_ha += uptake_kg_ha;
}

double maize_root_senescence(maize_state *s, double ranc, const double *thick_cm,
                             int32_t n_layers, double *dm_kg_ha, double *n_kg_ha) {
    double trlv = 0.0;
    for (int32_t l = 0; l < n_layers; l++) {
        dm_kg_ha[l] = n_kg_ha[l] = 0.0;
        trlv += s->rlv[l] * thick_cm[l];
    }
    if (trlv <= 0.0 || ranc <= 0.0 || s->rtwt <= 0.0 || s->pltpop <= 0.0) return 0.0;
    /* TRNLOS = RANC·RTWT·0.005·PLTPOP, g N/m², by layer RLV·DLAYR/TRLV; dry matter ResE/RANC
       (MZ_NUPTAK.for, CHP/JIL 2006) */
    double trnlos = ranc * s->rtwt * 0.005 * s->pltpop;
    /* DSTOVN and DROOTN lose PTF and 1 − PTF of it (MZ_NUPTAK.for, JIL 2007); neither pool
       below 0 (DSSAT clamps STOVN at 0 afterwards; here the loss is cut so the N balance
       stays exact) */
    double from_tops = s->ptf * trnlos / s->pltpop, from_roots = (1.0 - s->ptf) * trnlos / s->pltpop;
    if (from_tops > s->stovn) from_tops = s->stovn > 0.0 ? s->stovn : 0.0;
    if (from_roots > s->rootn) from_roots = s->rootn > 0.0 ? s->rootn : 0.0;
    trnlos = (from_tops + from_roots) * s->pltpop;
    s->stovn -= from_tops;
    s->rootn -= from_roots;
    for (int32_t l = 0; l < n_layers; l++) {
        n_kg_ha[l] = trnlos * s->rlv[l] * thick_cm[l] / trlv * 10.0;
        dm_kg_ha[l] = n_kg_ha[l] / ranc;
    }
    s->n_senesced_kg_ha += trnlos * 10.0;
    return trnlos * 10.0;
}

void maize_grain_n(const maize_species *sp, maize_state *s) {
    /* grain N concentration 1–1.8 %, raised by heat, drought and N supply (MZ_GROSUB) */
    double sfac = 1.125 - 0.1250 * s->turfac_today;
    double tfac = 0.690 + 0.0125 * s->tempm_today;
    double gnp = (0.004 + 0.0130 * s->nfac) * (sfac > tfac ? sfac : tfac);
    double nsink = s->grogrn * gnp;
    /* MZ_GROSUB computes the pools and caps the kernels only when NSINK > 0; on a first day of
       grain fill without grain growth (a day's assimilate all lost to damage) DSSAT's order
       left the kernel number uncapped, and one such day raised the yield by a fifth. agrosim
       caps on that day whatever the sink (docs/model.md §9.1, a departure) */
    if (nsink == 0.0 && s->stage_changed != 5) return;
    double rmnc = 0.75 * sp->rcnp;
    double ranc = s->ranc < rmnc ? rmnc : s->ranc;
    double stovwt = s->stovwt; /* STOVWT of the last integration (MZ_GROSUB) */
    double vanc = stovwt > 0.0 ? s->stovn / stovwt : 0.0;
    if (vanc < s->vmnc) vanc = s->vmnc;
    double npool1 = stovwt * (vanc - s->vmnc);
    double npool2 = s->rtwt * (ranc - rmnc);
    double xnf = 0.15 + 0.25 * s->nfac;
    double tnlab = xnf * npool1, rnlab = xnf * npool2;
    double npool = tnlab + rnlab;
    if (s->stage_changed == 5) {
        /* kernels per plant capped by N stress and the mobile N pool */
        double cap = npool / (0.062 * 0.0095);
        double g = s->gpp * s->ndef3;
        s->gpp = g < cap ? g : cap;
        if (s->gpp < 0.0) s->gpp = 0.0;
    }
    if (nsink == 0.0) return;
    s->ranc = ranc;
    double nsdr = npool / nsink;
    if (nsdr < 1.0) nsink *= nsdr;
    if (nsink > tnlab) {
        s->stovn -= tnlab;
        s->rootn -= nsink - tnlab;
        if (s->rtwt > 0.0) s->ranc = s->rootn / s->rtwt;
    } else {
        s->stovn -= nsink;
    }
    s->grainn += nsink;
}
