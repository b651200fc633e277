/* DSSAT-CSM 4.8 tillage implements and the per-pass depth rule (docs/design/tillage.md §1.3,
 * Appendix A). */
#include <math.h>
#include <stddef.h>

#include "internal/tillage.h"

/* source: DSSAT-CSM Data/StandardData/TILOP048.SDA, "DSSAT v4.8.5.0; 2024-12-01", repository
 * DSSAT/dssat-csm-os commit 4744cc40, every implement in file order (TI021, TI027–TI030 and
 * TI040 are not in the file). Columns: code, CN2T, RINP, SSDT, MIXT, HPAN, sub-layers, then per
 * sub-layer SLB (bottom, cm), SBDT, SKST. */
static const agro_till_implement tilop048[] = {
    {1, -5, 20, 20, 25, 0, 3, {8, 30, 35}, {-10, -10, 5}, {10, 10, -10}},      /* V-Ripper */
    {2, -10, 50, 40, 45, 0, 3, {8, 30, 45}, {-10, -15, 5}, {10, 20, -10}},     /* Subsoiler */
    {3, -10, 95, 100, 90, 0, 2, {15, 20, 0}, {-10, 5, 0}, {10, -5, 0}},        /* Moldboard plow 20 cm depth */
    {4, -10, 30, 100, 40, 0, 1, {15, 0, 0}, {-20, 0, 0}, {20, 0, 0}},          /* Chisel plow, sweeps */
    {5, -10, 40, 100, 30, 0, 1, {15, 0, 0}, {-20, 0, 0}, {20, 0, 0}},          /* Chisel plow, straight point */
    {6, -10, 55, 100, 50, 0, 2, {10, 15, 0}, {-10, 5, 0}, {10, -10, 0}},       /* Chisel plow, twisted shovels */
    {7, -10, 70, 100, 85, 0, 1, {10, 0, 0}, {-10, 0, 0}, {20, 0, 0}},          /* Disk plow */
    {8, -10, 70, 100, 60, 0, 1, {10, 0, 0}, {-10, 0, 0}, {20, 0, 0}},          /* Disk, 1-way */
    {9, -10, 50, 100, 55, 0, 1, {7.5, 0, 0}, {-5, 0, 0}, {5, 0, 0}},           /* Disk, tandem */
    {10, -10, 10, 85, 60, 0, 1, {10, 0, 0}, {-5, 0, 0}, {5, 0, 0}},            /* Disk, double disk */
    {11, -10, 25, 100, 30, 0, 1, {10, 0, 0}, {-10, 0, 0}, {5, 0, 0}},          /* Cultivator, field */
    {12, 0, 20, 85, 25, 0, 1, {2.5, 0, 0}, {-10, 0, 0}, {15, 0, 0}},           /* Cultivator, row */
    {13, -5, 60, 90, 25, 0, 1, {3, 0, 0}, {-10, 0, 0}, {10, 0, 0}},            /* Cultivator, ridge till */
    {14, -10, 20, 100, 25, 0, 1, {2.5, 0, 0}, {-10, 0, 0}, {10, 0, 0}},        /* Harrow, spike */
    {15, -5, 15, 100, 20, 0, 1, {2.5, 0, 0}, {-10, 0, 0}, {10, 0, 0}},         /* Harrow, tine */
    {16, 0, 80, 100, 15, 0, 1, {4, 0, 0}, {10, 0, 0}, {-5, 0, 0}},             /* Lister */
    {17, 5, 50, 100, 60, 0, 1, {5, 0, 0}, {10, 0, 0}, {-5, 0, 0}},             /* Bedder */
    {18, -10, 20, 20, 25, 0, 1, {7.5, 0, 0}, {5, 0, 0}, {-5, 0, 0}},           /* Blade cultivator */
    {19, -5, 20, 15, 10, 0, 1, {5, 0, 0}, {5, 0, 0}, {-5, 0, 0}},              /* Fertilizer applicator, anhydr */
    {20, 0, 50, 40, 10, 0, 1, {15, 0, 0}, {5, 0, 0}, {-5, 0, 0}},              /* Manure injector */
    {22, -10, 25, 100, 70, 0, 1, {5, 0, 0}, {5, 0, 0}, {-5, 0, 0}},            /* Mulch treader */
    {23, 5, 20, 100, 20, 0, 1, {4, 0, 0}, {10, 0, 0}, {-5, 0, 0}},             /* Plank */
    {24, 5, 40, 100, 30, 0, 1, {4, 0, 0}, {10, 0, 0}, {-5, 0, 0}},             /* Roller packer */
    {25, 0, 10, 85, 15, 0, 1, {5, 0, 0}, {-5, 0, 0}, {5, 0, 0}},               /* Drill, double-disk */
    {26, 0, 30, 100, 10, 0, 1, {10, 0, 0}, {-5, 0, 0}, {5, 0, 0}},             /* Drill, deep furrow */
    {31, 0, 20, 60, 10, 0, 1, {5, 0, 0}, {1, 0, 0}, {-2, 0, 0}},               /* Drill, no-till */
    {32, 0, 90, 20, 5, 0, 1, {5, 0, 0}, {1, 0, 0}, {-2, 0, 0}},                /* Drill, no-till, into sod */
    {33, 0, 10, 15, 10, 0, 1, {5, 0, 0}, {5, 0, 0}, {0, 0, 0}},                /* Planter, row */
    {34, 0, 15, 15, 5, 0, 1, {5, 0, 0}, {5, 0, 0}, {0, 0, 0}},                 /* Planter, no-till */
    {35, 0, 10, 10, 0, 0, 1, {5, 0, 0}, {0, 0, 0}, {0, 0, 0}},                 /* Planting stick (hand) */
    {36, 0, 15, 15, 0, 0, 1, {5, 0, 0}, {0, 0, 0}, {0, 0, 0}},                 /* Matraca hand planter */
    {37, -5, 10, 100, 30, 0, 1, {2.5, 0, 0}, {-5, 0, 0}, {5, 0, 0}},           /* Rod weeder */
    {38, -10, 20, 20, 30, 0, 1, {2.5, 0, 0}, {-10, 0, 0}, {10, 0, 0}},         /* Rotary hoe */
    {39, -10, 20, 100, 40, 0, 2, {5, 15, 0}, {20, 5, 0}, {-5, -5, 0}},         /* Roller harrow, cultipacker */
    {41, -10, 95, 100, 90, 0, 2, {20, 25, 0}, {-10, 5, 0}, {10, -5, 0}},       /* Moldboard plow 25 cm */
    {42, -10, 95, 100, 90, 0, 3, {5, 15, 30}, {-10, -5, 10}, {10, 5, -5}},     /* Moldboard plow 30 cm */
    {43, -10, 10, 10, 5, 0, 2, {10, 20, 0}, {2, 10, 0}, {0, -5, 0}},           /* Wide-blade sweep plow 20 cm */
};

const agro_till_implement *agro_till_implement_find(int32_t code) {
    for (size_t k = 0; k < sizeof tilop048 / sizeof tilop048[0]; k++)
        if (tilop048[k].code == code) return &tilop048[k];
    return NULL;
}

int agro_till_pass_resolve(int32_t code, double tdep_cm, agro_till_pass *out) {
    const agro_till_implement *im = agro_till_implement_find(code);
    if (!im) return -1; /* Q3: NLYRS = 0, the pass never acts (TILLAGE.for RATE) */
    out->mix_pct = im->mixt_pct;
    out->incorp_pct = im->rinp_pct;
    out->cn2t_pct = im->cn2t_pct;
    out->n_sub = im->n_sub;
    out->scaled = out->capped = 0;
    const double dmax = im->bottom_cm[im->n_sub - 1];
    /* TILLAGE.for INIT: TDEP < DEP(NLYRS) scales every sub-layer by TDEP/DEP(NLYRS); TDEP deeper
       by more than 0.5 cm is cut to DEP(NLYRS); within 0.5 cm it is kept */
    const double factor = tdep_cm < dmax ? tdep_cm / dmax : 1.0;
    out->scaled = tdep_cm < dmax;
    out->capped = tdep_cm - dmax > 0.5;
    out->depth_cm = out->capped ? dmax : tdep_cm;
    for (int32_t k = 0; k < AGRO_TILL_MAX_SUB; k++) {
        out->bottom_cm[k] = k < im->n_sub ? im->bottom_cm[k] * factor : 0.0;
        out->sbdt_pct[k] = im->sbdt_pct[k];
        out->skst_pct[k] = im->skst_pct[k];
    }
    return 0;
}

/* ---- soil-property effects and their recovery (docs/design/tillage.md §3.1–3.3) ---- */

#define TNL AGRO_SOIL_MAX_LAYERS
/* combined soil/implement layers of one pass: each soil layer, each sub-layer bottom and TDEP */
#define TNC (TNL + AGRO_TILL_MAX_SUB + 2)

void agro_till_soil_init(agro_till_soil *t, int32_t n, const double *thick_cm, const double *bd,
                         const double *sat, const double *ksat_mm_d, double cn) {
    t->n_layers = n;
    t->tilled = 0;
    t->cn_init = t->cn = t->cn_tilled = cn;
    t->sumke = 0.0;
    /* SOILDYN.for 014bdeed SEASINIT: KECHGE = 0 */
    for (int32_t l = 0; l <= n; l++) t->kechge[l] = 0.0;
    double ds = 0.0;
    for (int32_t l = 0; l < n; l++) {
        ds += thick_cm[l];
        t->ds_init[l] = ds;
        t->dl_init[l] = t->dl[l] = thick_cm[l];
        t->bd_init[l] = t->bd[l] = t->bd_tilled[l] = bd[l];
        t->sat_init[l] = t->sat[l] = t->sat_tilled[l] = sat[l];
        t->sc_init[l] = t->sc[l] = t->sc_tilled[l] = ksat_mm_d[l] > 0.0 ? ksat_mm_d[l] : 0.0;
        t->sat_min[l] = 0.0;
    }
}

/* implement sub-layer @p m of a pass; beyond its rows DSSAT's arrays hold 0 */
static double sub_at(const double *v, int32_t m, int32_t n_sub) { return m < n_sub ? v[m] : 0.0; }

/* DSSAT LMATCH (Soil/SoilUtilities/LMATCH.for 3cb1eff2): the mean of the @p nc combined layers
 * (bottoms @p dsi, values @p vi) over each of the @p n soil layers (bottoms @p dso), weighted
 * by the thickness each part has there; a layer any part of which is missing becomes missing
 * (@p unknown: a value <= 0 is missing, Ksat's −99, kept as 0 here). */
static void lmatch(int32_t nc, const double *dsi, const double *vi, int32_t n, const double *dso,
                   double *vs, int unknown) {
    int32_t k = 0;
    double zil = 0.0, zol = 0.0;
    for (int32_t l = 0; l < n; l++) {
        double sumz = 0.0, sumv = 0.0;
        int missing = 0;
        for (;;) {
            const double zt = fmax(zol, zil), zb = fmin(dso[l], dsi[k]);
            sumz += zb - zt;
            sumv += vi[k] * (zb - zt);
            if (unknown && !(vi[k] > 0.0) && zb > zt) missing = 1;
            if (dso[l] < dsi[k] || k == nc - 1) break;
            zil = dsi[k];
            k++;
        }
        vs[l] = sumz > 0.0 ? sumv / sumz : vi[k];
        if (missing) vs[l] = 0.0;
        zol = dso[l];
    }
}

void agro_till_event(agro_till_soil *t, const agro_till_pass *pass, int32_t n_pass, double *ds_cm) {
    const int32_t n = t->n_layers;
    const double tol = 0.5; /* TillEvent.for: tolerance for layer thicknesses, cm (Q30) */
    double xbd[TNL], xsat[TNL], xsc[TNL], xds[TNL], xcn = t->cn_init;
    /* X-values start from the base: BD_SOM, SAT_INIT, SWCN_INIT, CN_INIT, DS_SOM (Q8) */
    for (int32_t l = 0; l < n; l++) {
        xbd[l] = t->bd_init[l];
        xsat[l] = t->sat_init[l];
        xsc[l] = t->sc_init[l];
        xds[l] = t->ds_init[l];
    }
    for (int32_t i = 0; i < n_pass; i++) {
        const agro_till_pass *p = &pass[i];
        const int32_t nsub = p->n_sub;
        /* curve number, once per pass: CN2T > 0 raises it to at most 98 and never below today's
           CN, otherwise it lowers it, never above today's (TillEvent.for) */
        double cntemp = xcn * (1.0 + p->cn2t_pct / 100.0);
        cntemp = p->cn2t_pct > 0.0 ? fmax(t->cn, fmin(cntemp, 98.0)) : fmin(t->cn, cntemp);
        /* combined layers cut at every soil-layer bottom, sub-layer bottom and TDEP down to
           TDEP; the soil layers whole below it; each tilled part expands to THICK·XBD/BDt */
        double bdt[TNC], satt[TNC], sct[TNC], dst[TNC];
        int32_t m = 0, ns = 0, l = 0, till = 1;
        double prev = 0.0, cum = 0.0, tdep = p->depth_cm;
        for (; l < TNC && ns < n; l++) {
            double depth = xds[ns];
            if (till) {
                depth = fmin(depth, tdep);
                const double dm = sub_at(p->bottom_cm, m, nsub);
                if (dm > 0.0) depth = fmin(depth, dm);
            }
            const double thick = depth - prev;
            prev = depth;
            if (till) {
                const double sbdt = sub_at(p->sbdt_pct, m, nsub), skst = sub_at(p->skst_pct, m, nsub);
                /* BD from the base (or the day's previous pass), never moved against today's;
                   SAT = 0.95·(1 − BD/2.66), never lowered by loosening nor raised by
                   compaction (TillEvent.for; Q11) */
                const double b = xbd[ns] * (1.0 + sbdt / 100.0);
                bdt[l] = sbdt <= 0.0 ? fmin(t->bd[ns], b) : fmax(t->bd[ns], b);
                /* agrosim: within the soil checks' 0.1–2.65 g/cm³, which passes compounding
                   over days leave (a shallow pass before a deeper one: Q7, Q8; DSSAT has no
                   bound, docs/design/tillage.md §3.1.4); the thickness keeps the mass */
                bdt[l] = fmin(fmax(bdt[l], AGRO_TILL_BD_MIN), AGRO_TILL_BD_MAX);
                const double s = 0.95 * (1.0 - bdt[l] / 2.66);
                satt[l] = sbdt <= 0.0 ? fmax(t->sat[ns], s) : fmin(t->sat[ns], s);
                /* agrosim: not below the layer's floor (DUL + 0.01 in a field; DSSAT has none,
                   docs/model.md §9.1) */
                if (satt[l] < t->sat_min[ns]) satt[l] = t->sat_min[ns];
                /* Ksat where known, tested on the base of soil layer L with L the combined
                   index (Q10, reproduced); past the profile's layers on the soil layer's own
                   base, where DSSAT reads the −99 SOILDYN leaves beyond NLAYR and keeps a known
                   layer's part untilled (a departure, docs/design/tillage.md Q10) */
                const double scb = l < n ? t->sc_init[l] : t->sc_init[ns];
                if (scb > 0.0) {
                    const double c = xsc[ns] * (1.0 + skst / 100.0);
                    sct[l] = skst > 0.0 ? fmax(t->sc[ns], c) : fmin(t->sc[ns], c);
                } else {
                    sct[l] = t->sc_init[ns];
                }
                cum += thick * xbd[ns] / bdt[l];
                dst[l] = cum;
                /* boundaries within 0.5 cm snap (Q30) */
                if (fabs(xds[ns] - depth) < tol) xds[ns++] = dst[l];
                if (fabs(sub_at(p->bottom_cm, m, nsub) - depth) < tol) m++;
                if (fabs(tdep - depth) < tol) {
                    till = 0;
                    tdep = depth;
                }
            } else { /* below TDEP: today's values, shifted down */
                bdt[l] = t->bd[ns];
                satt[l] = t->sat[ns];
                sct[l] = t->sc[ns];
                cum += thick;
                dst[l] = cum;
                xds[ns++] = cum;
            }
        }
        /* back to the soil layers (LMATCH), the expanded depths as weights (§3.1.3) */
        lmatch(l, dst, bdt, n, xds, xbd, 0);
        lmatch(l, dst, satt, n, xds, xsat, 0);
        lmatch(l, dst, sct, n, xds, xsc, 1);
        xcn = cntemp; /* the next pass starts from this one's values (Q7) */
    }
    for (int32_t l = 0; l < n; l++) {
        t->bd_tilled[l] = xbd[l];
        t->sat_tilled[l] = xsat[l];
        t->sc_tilled[l] = xsc[l];
        if (ds_cm) ds_cm[l] = xds[l];
    }
    t->cn_tilled = xcn;
}

/* DLAYR of a layer as DSSAT's SOILDYN INTEGR sets it: mass-conserving while its BD is at least
   0.01 g/cm³ from BD_SOM, the base thickness otherwise (Q12) */
static double dssat_thickness(const agro_till_soil *t, int32_t l) {
    return fabs(t->bd[l] - t->bd_init[l]) >= 0.01 ? t->dl_init[l] * t->bd_init[l] / t->bd[l]
                                                  : t->dl_init[l];
}

int agro_till_integrate(agro_till_soil *t, int tillage_day, double water_mm, double soilcov,
                        const double *oc_pct) {
    const int32_t n = t->n_layers;
    int changed = 0;
    if (tillage_day) { /* SOILDYN.for 014bdeed INTEGR, YRDOY = TILDATE */
        for (int32_t l = 0; l < n; l++) {
            t->bd[l] = t->bd_tilled[l];
            t->sat[l] = t->sat_tilled[l];
            t->sc[l] = t->sc_tilled[l];
            t->dl[l] = dssat_thickness(t, l);
        }
        t->cn = t->cn_tilled;
        t->sumke = 0.0;
        t->tilled = 1;
        changed = 1;
    }
    /* recovery on days with rain or counting irrigation only (Q14), the tillage day's too (Q19)
       (SOILDYN.for 014bdeed INTEGR, A. Andales and W.D. Batchelor) */
    if (!(water_mm > 0.0) || !t->tilled) return changed;
    t->tilled = 0;
    /* rain energy: SUMKE += 0.00217·(RAIN + TIL_IRR)·(1 − SOILCOV) */
    t->sumke += 0.00217 * water_mm * (1.0 - soilcov);
    /* RSTL = max(0, 30·(1 − 0.205·OC)); KECHGE(0) with layer 1's for the curve number (Q18) */
    const double rstl1 = fmax(0.0, 30.0 * (1.0 - 0.205 * oc_pct[0]));
    t->kechge[0] = exp(-rstl1 * t->sumke);
    t->cn = t->cn_init + (t->cn_tilled - t->cn_init) * t->kechge[0];
    double cum = 0.0;
    for (int32_t l = 0; l < n; l++) {
        /* mid-depth from the thicknesses at the start of the loop (DSSAT's, not the fixed) */
        const double mid = cum + t->dl[l] / 2.0;
        cum += t->dl[l];
        const double rstl = fmax(0.0, 30.0 * (1.0 - 0.205 * oc_pct[l]));
        const double k = exp(-rstl * t->sumke * exp(-0.05 * mid));
        t->kechge[l + 1] = k;
        t->bd[l] = t->bd_init[l] + (t->bd_tilled[l] - t->bd_init[l]) * k;
        t->sc[l] = t->sc_init[l] + (t->sc_tilled[l] - t->sc_init[l]) * k;
        t->sat[l] = t->sat_init[l] + (t->sat_tilled[l] - t->sat_init[l]) * k;
        if (fabs(t->bd[l] - t->bd_init[l]) >= 0.01) {
            t->tilled = 1;
            t->dl[l] = t->dl_init[l] * t->bd_init[l] / t->bd[l];
        } else { /* the layer snaps back whole: BD, DLAYR, SAT, SWCN */
            t->bd[l] = t->bd_init[l];
            t->dl[l] = t->dl_init[l];
            t->sat[l] = t->sat_init[l];
            t->sc[l] = t->sc_init[l];
        }
    }
    if (!t->tilled) { /* no layer still tilled: everything back, CN too (Q17) */
        for (int32_t l = 0; l < n; l++) {
            t->bd[l] = t->bd_init[l];
            t->dl[l] = t->dl_init[l];
            t->sat[l] = t->sat_init[l];
            t->sc[l] = t->sc_init[l];
        }
        t->cn = t->cn_init;
        t->sumke = 0.0;
    }
    return 1;
}
