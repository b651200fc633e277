/* Crop damage by pests, diseases, hail or grazing at DSSAT-CSM's coupling points (Boote et al.
 * 1983, Phytopathology 73:1581; DSSAT-CSM 4.8 Plant/Generic-Pest PESTCP.for, VEGDM.for,
 * ROOTDM.for, SEEDDM.for and the maize application in MZ_GROSUB.for). */
#include <math.h>

#include "maize/maize_internal.h"

static double clamp01(double x) { return x < 0.0 ? 0.0 : (x > 1.0 ? 1.0 : x); }

void maize_damage_convert(const maize_state *s, const agro_crop_damage *d, maize_damage *out) {
    /* PESTCP: a percentage of yesterday's organ mass; an absolute amount per m² over the
     * population (per ear for grain, whose weight GRNWT is per ear: YIELD = GRNWT·EARS) */
    const double pop = s->pltpop > 0.0 ? s->pltpop : 0.0, ears = s->ears > 0.0 ? s->ears : pop;
    out->leaf_g = s->lfwt * d->leaf_pct / 100.0 + (pop > 0.0 ? d->leaf_g_m2 / pop : 0.0);
    out->stem_g = s->stmwt * d->stem_pct / 100.0 + (pop > 0.0 ? d->stem_g_m2 / pop : 0.0);
    out->root_g = s->rtwt * d->root_pct / 100.0 + (pop > 0.0 ? d->root_g_m2 / pop : 0.0);
    out->grain_g = s->grnwt * d->grain_pct / 100.0 + (ears > 0.0 ? d->grain_g_m2 / ears : 0.0);
    out->plants_frac = clamp01(d->plants_pct / 100.0 + (pop > 0.0 ? d->plants_m2 / pop : 0.0));
    out->asm_frac = clamp01(d->assimilate_pct / 100.0);
}

/* Remove @p w g of an organ of mass @p *mass holding @p *n g N; returns what was removed. */
static double take(double *mass, double *n, double w) {
    if (!(*mass > 0.0) || !(w > 0.0)) return 0.0;
    if (w > *mass) w = *mass;
    const double f = w / *mass;
    *n -= *n * f;
    *mass -= w;
    return w;
}

void maize_damage_apply(maize_state *s, const maize_damage *m, double *dm_kg_ha,
                        double *n_kg_ha) {
    *dm_kg_ha = *n_kg_ha = 0.0;
    /* (the caller applies it on the days MZ_GROSUB reaches its pest damage: stages 1-5, the day
       the crop fails in maize_growth, whose stage is then AGRO_MAIZE_STAGE_MATURE, included) */
    if (!(s->pltpop > 0.0)) return;
    const double n0 = s->stovn + s->rootn + s->grainn, pop0 = s->pltpop;
    double dm = 0.0;
    /* leaf and stem share the stover N (STOVN) by weight; green leaf area goes with the leaf
     * mass, PLA − (PLA − SENLA)·WLIDOT/LFWT (MZ_GROSUB) */
    if (m->leaf_g > 0.0 && s->lfwt > 0.0) {
        const double stov = s->lfwt + s->stmwt, w = fmin(m->leaf_g, s->lfwt);
        const double green = s->pla - s->senla;
        s->pla -= green * w / s->lfwt;
        /* (the share kept, (stov − w)/stov: 0 exactly when the whole stover goes, never below;
           stovn − stovn·w/stov could round to −1e-16) */
        s->stovn *= (stov - w) / stov;
        s->lfwt -= w;
        dm += w;
    }
    if (m->stem_g > 0.0 && s->stmwt > 0.0) {
        /* the day's senescence can leave LFWT below 0 until maize_integrate clamps it (MZ_GROSUB
           takes SLAN/600 off whatever leaf the damage left): such a leaf holds no stover N, and
           counted as negative stover it made the share kept, (stov − w)/stov, negative */
        const double stov = fmax(s->lfwt, 0.0) + s->stmwt, w = fmin(m->stem_g, s->stmwt);
        const double keep = 1.0 - w / s->stmwt;
        s->stovn *= (stov - w) / stov;
        s->stmwt -= w;
        /* the stem-reserve bounds of grain fill (SWMIN, SWMAX) shrink with the stem, so that
         * the floor at SWMIN does not give the eaten mass back */
        s->swmin *= keep;
        s->swmax *= keep;
        dm += w;
    }
    if (m->root_g > 0.0 && s->rtwt > 0.0) {
        const double before = s->rtwt, w = take(&s->rtwt, &s->rootn, m->root_g);
        const double keep = s->rtwt / before; /* ROOTDM: RLV in proportion to the mass */
        for (int32_t l = 0; l < s->n_layers; l++) s->rlv[l] *= keep;
        dm += w;
    }
    if (m->grain_g > 0.0 && s->grnwt > 0.0) {
        /* SEEDDM: kernels go with the mass, the weight per kernel stays */
        const double before = s->grnwt, w = take(&s->grnwt, &s->grainn, m->grain_g);
        s->gpp *= s->grnwt / before;
        s->earwt -= w;
        if (s->earwt < 0.0) s->earwt = 0.0;
        /* grain per ear over plants: GRNWT is per ear (YIELD = GRNWT·EARS) */
        dm += w * (s->ears > 0.0 ? s->ears / s->pltpop : 1.0);
    }
    double killed_dm = 0.0;
    if (m->plants_frac > 0.0) {
        /* PPLD: plants die whole; what each survivor holds is unchanged (PLTPOP, EARS and LAI
         * scale); their roots stop too, so root length density scales with them (PESTCP adds
         * the percentage to PRLV, ROOTDM takes it off RLV) */
        const double k = m->plants_frac;
        killed_dm = (s->lfwt + s->stmwt + s->earwt + s->rtwt) * s->pltpop * k;
        s->pltpop *= 1.0 - k;
        s->ears *= 1.0 - k;
        /* CumLeafSenes = SLAN/600·PLTPOP·10 + Stg2CLS, kg/ha (MZ_GROSUB), with Stg2CLS the
         * stand's at the end of stage 2: both per hectare, so the dead plants' share goes with
         * them (agrosim's rule; DSSAT keeps Stg2CLS, so CumLeafSenes falls the next day and
         * P_Ceres hands the dead plants' senesced-leaf P back to the survivors' shoot). Only the
         * crop's P reads them (maize_p_kill scales its own record). */
        s->cum_leaf_senes *= 1.0 - k;
        s->stg2cls *= 1.0 - k;
        for (int32_t l = 0; l < s->n_layers; l++) s->rlv[l] *= 1.0 - k;
        /* the thinned stand intercepts as one of its new density: LIFAC from today's PLTPOP,
         * as MZ_GROSUB computes it every day (DSSAT-CSM MZ_GROSUB.for, 27d3955) */
        if (s->pltpop > 0.0) s->lifac = agro_maize_lifac(s->rowspc_cm, s->pltpop);
        if (!(s->pltpop > 0.0)) { /* no plant left: the crop ends that day, failed */
            s->pltpop = s->ears = 0.0;
            s->stage = AGRO_MAIZE_STAGE_MATURE;
            s->stage_changed = AGRO_MAIZE_STAGE_MATURE;
            s->failed = 1;
        }
    }
    if (s->pla < s->senla) s->pla = s->senla;
    s->lai = (s->pla - s->senla) * s->pltpop * 0.0001;
    /* the assimilate maize_growth took off (PASM) counts for every plant of the morning */
    *dm_kg_ha = (dm + s->asm_lost) * pop0 * 10.0 + killed_dm * 10.0;
    *n_kg_ha = (n0 * pop0 - (s->stovn + s->rootn + s->grainn) * s->pltpop) * 10.0;
}

void maize_damage_root_length(maize_state *s, const maize_damage *m) {
    /* DSSAT's pest module cuts the root length whatever MZ_GROSUB does that day: MZ_CERES calls
       PEST, whose ROOTDM takes RLV off by PRTMD/100 + WRTMD/RTWT and by the killed plants' PRLV,
       before MZ_GROSUB, which returns before its own damage in stage 6 and in grain fill at
       PLTPOP <= 0.01 (and is not called from maturity) and so leaves the mass and the plants.
       The shares combine as in maize_damage_apply, the killed plants' of the roots left
       (ROOTDM adds them: docs/model.md §6.9) */
    double keep = 1.0 - m->plants_frac;
    if (m->root_g > 0.0 && s->rtwt > 0.0) keep *= m->root_g < s->rtwt ? 1.0 - m->root_g / s->rtwt : 0.0;
    if (keep < 1.0)
        for (int32_t l = 0; l < s->n_layers; l++) s->rlv[l] *= keep;
}
