/* Weed canopy growth: thermal time, leaf area (thermal-time phase, then SLA × leaf weight),
 * RUE growth on intercepted PAR, partitioning, N demand, roots, weeding (structure after
 * INTERCOM, Kropff & van Laar 1993; parameter meanings in weeds.h). */
#include <math.h>
#include <string.h>

#include "weeds/weeds_internal.h"

/* Critical N concentration (g N/g) at total weed dry matter @p w_g_m2: a·W^-0.5 above
 * 1 t/ha, a below (Greenwood et al. 1990, Ann. Bot. 66:425–436). */
static double weed_n_crit(const agro_weed_params *p, double w_g_m2) {
    double w_t_ha = w_g_m2 * 0.01;
    return w_t_ha > 1.0 ? p->n_crit_1t / sqrt(w_t_ha) : p->n_crit_1t;
}

void weed_clear(weed_state *w) {
    memset(w, 0, sizeof *w);
    w->nfac = w->swfac = 1.0;
}

/* Leaf area index of the canopy, m²/m²: the per-plant logistic in thermal time, capped by SLA ×
 * leaf weight */
static double weed_leaf_area(const agro_weed_params *p, const weed_state *w) {
    double la = p->max_leaf_area_cm2 / (1.0 + exp(-(w->tt - p->tt_half_Cd) / p->tt_slope_Cd));
    double lai_t = w->density * la * 1e-4;
    double lai_c = p->sla_m2_g * w->wleaf;
    return lai_t < lai_c ? lai_t : lai_c;
}

/* Root length above the front, spread in proportion to the soil root growth factor SRGF, the
 * weighting CERES gives new maize root length (MZ_ROOTGR RLDF = WR·DLAYR), so both canopies
 * explore the topsoil alike; rlv in cm root per cm³ */
static void weed_spread_roots(const agro_weed_params *p, weed_state *w, const double *thick,
                              const double *srgf, int32_t n) {
    double rl_total = w->wroot * p->rlv_per_g_cm_g * 1e-4; /* cm root / cm² soil */
    double top = 0.0, wsum = 0.0;
    for (int32_t l = 0; l < n; l++) {
        double bottom = top + thick[l];
        double f = 0.0;
        if (top < w->root_depth_cm) f = bottom <= w->root_depth_cm ? 1.0 : (w->root_depth_cm - top) / thick[l];
        w->rlv[l] = srgf[l] * f; /* weight per cm of layer, normalised below */
        wsum += w->rlv[l] * thick[l];
        top = bottom;
    }
    double scale = wsum > 0.0 ? rl_total / wsum : 0.0;
    for (int32_t l = 0; l < n; l++) w->rlv[l] *= scale;
}

/* The canopy is gone: clear it, keeping the season's totals (weeding, seed N, senesced N, the
 * largest biomass) that the field's N balance and summary read. */
static void weed_end(weed_state *w) {
    double keep_removed = w->removed_kg_ha, keep_n = w->removed_n_kg_ha;
    double keep_seed = w->seed_n_kg_ha, keep_max = w->max_biomass_kg_ha;
    double keep_sen = w->senesced_n_kg_ha;
    weed_clear(w);
    w->removed_kg_ha = keep_removed;
    w->removed_n_kg_ha = keep_n;
    w->seed_n_kg_ha = keep_seed;
    w->senesced_n_kg_ha = keep_sen;
    w->max_biomass_kg_ha = keep_max;
}

/* Tops (@p tops_g) and roots (@p roots_g, g DM/m²) of dead or weeded plants holding @p n_kg kg N/ha
 * into @p out. The weed N is one pool at one concentration (weeds.h), so tops and roots carry it in
 * proportion to their dry matter (agrosim's own: the weed model has no organ N). The roots go to
 * the layers in proportion to their length there, rlv·thickness, as APSIM-Classic's
 * crop_root_incorp passes a crop's roots to the soil FOM ("based on root length distribution");
 * without root length (none spread yet) all to the top layer. */
static void weed_litter_add(weed_litter *out, const weed_state *w, double tops_g, double roots_g,
                            double n_kg, const double *thick, int32_t n) {
    const double all = tops_g + roots_g;
    const double n_roots = all > 0.0 ? n_kg * roots_g / all : 0.0;
    out->tops_kg_ha += tops_g * 10.0; /* g/m² → kg/ha */
    out->tops_n_kg_ha += n_kg - n_roots;
    if (!(roots_g > 0.0) || n < 1) return;
    double rl = 0.0;
    for (int32_t l = 0; l < n; l++) rl += w->rlv[l] * thick[l];
    for (int32_t l = 0; l < n; l++) {
        const double share = rl > 0.0 ? w->rlv[l] * thick[l] / rl : (l == 0 ? 1.0 : 0.0);
        out->roots_kg_ha[l] += roots_g * 10.0 * share;
        out->roots_n_kg_ha[l] += n_roots * share;
    }
}

/* The cohort's plants are dead: all its matter and N to @p out as litter, counted as senesced N
 * (remobilised leaf N included), and the canopy cleared, its totals kept */
static void weed_die(weed_state *w, const double *thick, int32_t n, weed_litter *out) {
    w->senesced_n_kg_ha += w->n_kg_ha;
    weed_litter_add(out, w, w->wleaf + w->wstem, w->wroot, w->n_kg_ha, thick, n);
    weed_end(w);
}

void weed_emerge(const agro_weed_params *p, weed_state *w, double density, const double *thick,
                 const double *srgf, int32_t n, weed_litter *out) {
    memset(out, 0, sizeof *out);
    if (density <= 0.0) return;
    /* the flora has one thermal age, and a mature stand neither grows nor takes N: a flush
       joining it would never grow and would die with it, so the stand ends here, as at LAI 0.01
       (agrosim's own rule), and the flush starts anew at TT 0 */
    if (w->active && w->tt > p->tt_life_Cd) weed_die(w, thick, n, out);
    double seed = density * p->seedling_g; /* g/m² */
    w->wleaf += seed * 0.5;
    w->wstem += seed * 0.25;
    w->wroot += seed * 0.25;
    double n_add = seed * p->n_crit_1t * 10.0; /* g/m² → kg/ha */
    w->n_kg_ha += n_add;
    w->seed_n_kg_ha += n_add;
    if (!w->active) {
        w->tt = 0.0;
        w->root_depth_cm = 5.0;
    }
    w->density += density;
    w->active = 1;
    /* the seedlings' leaves and roots act from the day they emerge, as the crop's do (CERES
       gives the emerging maize its first leaf area and root length the same day) */
    w->lai = weed_leaf_area(p, w);
    weed_spread_roots(p, w, thick, srgf, n);
}

void weed_remove(weed_state *w, double f, const double *thick, int32_t n, weed_litter *out) {
    memset(out, 0, sizeof *out);
    if (!w->active || f <= 0.0) return;
    if (f > 1.0) f = 1.0;
    /* fewer than 1e-6 plants/m² left: the canopy is cleared, all of it weeded */
    if (w->density * (1.0 - f) < 1e-6) f = 1.0;
    double above = (w->wleaf + w->wstem) * 10.0 * f;
    w->removed_kg_ha += above;
    w->removed_n_kg_ha += w->n_kg_ha * f;
    weed_litter_add(out, w, (w->wleaf + w->wstem) * f, w->wroot * f, w->n_kg_ha * f, thick, n);
    if (f >= 1.0) {
        weed_end(w);
        return;
    }
    w->n_kg_ha *= 1.0 - f;
    w->density *= 1.0 - f;
    w->wleaf *= 1.0 - f;
    w->wstem *= 1.0 - f;
    w->wroot *= 1.0 - f;
    w->lai *= 1.0 - f;
    for (int i = 0; i < AGRO_SOIL_MAX_LAYERS; i++) w->rlv[i] *= 1.0 - f;
}

void weed_phenology(const agro_weed_params *p, weed_state *w, double tmax, double tmin) {
    w->dtt = 0.0;
    if (!w->active) return;
    double t = 0.5 * (tmax + tmin);
    if (t > 30.0) t = 30.0; /* plateau above 30 °C (assumption) */
    w->dtt = t > p->tbase_C ? t - p->tbase_C : 0.0;
    w->tt += w->dtt;
}

void weed_growth(const agro_weed_params *p, weed_state *w, double ipar, double tfac,
                 int n_limited) {
    w->growth_g_m2 = 0.0;
    w->n_demand_kg_ha = 0.0;
    if (!w->active) return;
    /* mature weeds stop growing and ask no N, so their roots take none (agrosim's own: the
       demand serves growth towards the critical concentration, and growth has stopped) */
    if (w->tt > p->tt_life_Cd) return;
    /* N acts on growth through the CERES photosynthesis mapping of NFAC (MZ_NFACTO NSTRES),
     * the same as for the crop, so neither canopy is favoured by its stress form */
    double nstres = w->nfac > 0.5 ? 0.4 * w->nfac + 0.6 : 1.2 * w->nfac + 0.2;
    double stress = fmin(fmin(w->swfac, nstres), tfac);
    w->growth_g_m2 = p->rue_g_MJ * ipar * (stress > 0.0 ? stress : 0.0);
    /* new dry matter needs at least the structural N concentration: no growth that would
     * dilute the weed N below n_conc_min (mass balance; with N switched off the weeds, like the
     * crop, are not N-limited and take no soil N, so no cap) */
    if (n_limited) {
        double w_now = w->wleaf + w->wstem + w->wroot;
        double g_max = w->n_kg_ha * 0.1 / p->n_conc_min - w_now; /* g/m² */
        if (w->growth_g_m2 > g_max) w->growth_g_m2 = g_max > 0.0 ? g_max : 0.0;
    }
    double wtot = w->wleaf + w->wstem + w->wroot + w->growth_g_m2;
    double dem = wtot * weed_n_crit(p, wtot) * 10.0 - w->n_kg_ha; /* kg N/ha to reach Nc */
    w->n_demand_kg_ha = dem > 0.0 ? dem : 0.0;
}

void weed_integrate(const agro_weed_params *p, weed_state *w, double n_up, double lai_field,
                    const double *thick, const double *srgf, int32_t n, double max_depth_cm,
                    weed_litter *out) {
    memset(out, 0, sizeof *out);
    if (!w->active) return;
    double g = w->growth_g_m2;
    w->wleaf += g * p->leaf_frac;
    w->wroot += g * p->root_frac;
    w->wstem += g * (1.0 - p->leaf_frac - p->root_frac);
    w->n_kg_ha += n_up;
    /* shaded lower leaves senesce, 0.008·(LAI − 4) of the leaves a day above a field LAI of 4:
     * the CERES light-competition senescence SLFC (MZ_GROSUB), on the LAI of all canopies */
    double fs = lai_field > 4.0 ? 0.008 * (lai_field - 4.0) : 0.0;
    const int mature = w->tt > p->tt_life_Cd;
    /* a mature cohort's green leaves die at a relative rate of 0.03/d (agrosim's own value, the
     * 3 %/d its LAI alone lost before; SUCROS's largest shading death rate RDRSHM and the low end
     * of LINTUL's RDRT 0.03–0.09/d; no weed value found), or faster when shaded: the larger of
     * the two rates, as SUCROS/INTERCOM take RDR = max(RDRDV, RDRSH) (Kropff & van Laar 1993) */
    if (mature && fs < 0.03) fs = 0.03;
    if (fs > 1.0) fs = 1.0;
    if (fs > 0.0) {
        /* leaf weight and leaf area die at the same relative rate (SUCROS/INTERCOM DLV =
         * WLVG·RDR, DLAI = LAI·RDR; APSIM-Classic leaf DM by senFract = dSLAI/(LAI + dLAI)), so the
         * two stay consistent; before maturity the LAI follows from the weight below */
        double dl = w->wleaf * fs;
        /* the dead leaves leave with the structural N concentration, the rest is remobilised
           (agrosim's rule for the shaded leaves, kept for all) */
        double dn = dl * p->n_conc_min * 10.0; /* g/m² → kg N/ha */
        if (dn > w->n_kg_ha) dn = w->n_kg_ha;
        w->wleaf -= dl;
        w->n_kg_ha -= dn;
        w->senesced_n_kg_ha += dn;
        /* they fall on the surface residue, as DSSAT's SoilOrg adds a crop's senesced matter
           SENESCE % ResWt(0) to the surface (DltSRF, DltSRFN) */
        out->tops_kg_ha += dl * 10.0;
        out->tops_n_kg_ha += dn;
        if (mature) w->lai *= 1.0 - fs;
    }
    double wtot = w->wleaf + w->wstem + w->wroot;
    /* N stress: linear from the minimum to the critical concentration, the CERES NFAC form
     * with the critical curve of Greenwood et al. (1990) */
    double crit = weed_n_crit(p, wtot);
    double conc = wtot > 0.0 ? w->n_kg_ha / (wtot * 10.0) : crit;
    double nf = crit > p->n_conc_min ? (conc - p->n_conc_min) / (crit - p->n_conc_min) : (conc >= crit ? 1.0 : 0.0);
    w->nfac = nf < 0.0 ? 0.0 : (nf > 1.0 ? 1.0 : nf);
    if (!mature) w->lai = weed_leaf_area(p, w);
    double above = (w->wleaf + w->wstem) * 10.0;
    if (above > w->max_biomass_kg_ha) w->max_biomass_kg_ha = above;
    /* roots: the front advances with thermal time */
    w->root_depth_cm += p->root_depth_rate_cm_Cd * w->dtt;
    double maxd = p->max_root_depth_cm < max_depth_cm ? p->max_root_depth_cm : max_depth_cm;
    if (w->root_depth_cm > maxd) w->root_depth_cm = maxd;
    weed_spread_roots(p, w, thick, srgf, n);
    /* a mature cohort whose green leaf area has gone ends, its plants dead, as APSIM-Classic
     * Plant kills a crop "because of total leaf senescence" (crop_failure_leaf_sen); "gone" is
     * agrosim's own LAI 0.01 (it intercepts 0.65 % of the light at k 0.65; DSSAT TRANS.for
     * takes LAI below 0.01 as no canopy for TRATIO), since the leaf area decays exponentially.
     * Its roots stop taking water and N with it. The dead stand is not harvested: its tops
     * (stems, the last leaves) go to the surface residue and its roots to the soil, as
     * APSIM-Classic Plant's end_crop puts the tops into the surface residue (crop_top_residue)
     * and the roots into the soil FOM (crop_root_incorp), its N with them (counted as senesced
     * N, remobilised leaf N included); the totals stay */
    if (mature && w->lai < 0.01) weed_die(w, thick, n, out);
}
