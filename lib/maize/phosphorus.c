/* CERES-Maize plant phosphorus: P in shoot, roots, shell and grain, demand to optimum
 * concentrations that fall with development, uptake of the soluble root-zone P, mining for the
 * grain, and the two P stress factors (DSSAT-CSM 4.8 Plant/Generic-PlantP P_Ceres.for,
 * P_Plant.for, PPlantSubs.for P_Demand and P_Partition, P_Uptake.for; Daroub et al. 2003;
 * MZCER048.SPE *PHOSPHORUS CONTENT). Specification and DSSAT's quirks:
 * docs/design/phosphorus.md Part C; the choices made here: docs/model.md §6.10. */
#include <math.h>

#include "maize/maize_internal.h"

/* min and max of finite values (fmin/fmax are libm calls here: NaN handling) */
static inline double minv(double a, double b) { return a < b ? a : b; }
static inline double maxv(double a, double b) { return a > b ? a : b; }

/* Organ masses, kg/ha: shoot = leaf + stem, roots, shell = ear − grain, grain (P_Ceres from
 * WTLF, STMWTO, RTWTO, PODWT − SDWT, SDWT with PODWT = EARWT·EARS, SDWT = GRNWT·EARS). */
typedef struct organs {
    double shut, root, shel, seed;
} organs;

static organs masses(const maize_state *s)
{
    organs m;
    m.shut = (s->lfwt + s->stmwt) * s->pltpop * 10.0;
    m.root = s->rtwt * s->pltpop * 10.0;
    m.shel = (s->earwt - s->grnwt) * s->ears * 10.0;
    m.seed = s->grnwt * s->ears * 10.0;
    if (m.shel < 0.0) m.shel = 0.0;
    return m;
}

/* A table value at the day's stage: from point 1 to 2 through VegFrac, 2 to 3 through SeedFrac
 * (PPlantSubs.for PValue), at least 0. */
static double pvalue(const double *a, double vf, double sf)
{
    double v;
    if (vf < 1e-5) v = a[0];
    else if (vf < 1.0) v = a[0] - (a[0] - a[1]) * vf;
    else if (sf < 1.0) v = a[1] - (a[1] - a[2]) * sf;
    else v = a[2];
    return v > 0.0 ? v : 0.0;
}

static double conc(double p, double m) { return m > 0.0 ? p / m : 0.0; }

void maize_p_stage_fractions(const agro_maize_cultivar *c, maize_state *s)
{
    /* VegFrac: emergence → silking, SeedFrac: silking → maturity. MZ_PHENOL sets them in the
       block of the stage the day began in, before or as that block changes the stage, and this
       runs after the day's change: so the block is the one of the stage left today. None on
       the emergence day (MZ_PHENOL.for ISTAGE 9 returns first) nor on a failed germination or
       emergence (ISTAGE 8, 9) */
    const int32_t ch = s->stage_changed;
    int32_t block = s->stage;
    if (ch == AGRO_MAIZE_STAGE_MATURE) block = s->failed ? AGRO_MAIZE_STAGE_SOWN : 6;
    else if (ch == 1) block = AGRO_MAIZE_STAGE_GERMINATED;
    else if (ch >= 2 && ch <= 6) block = ch - 1;
    const double juv = c->p1_Cd + 25.0 * (c->topt_C - c->tbase_C); /* DOPT is TOPT before silking */
    switch (block) {
    case 1: /* assigned, not the MAX of stage 2 (MZ_PHENOL.for ISTAGE 1) */
        if (juv > 0.0) s->veg_frac = s->sumdtt / juv;
        break;
    case 2: {
        /* the MAX with SUMDTT/(P1 + 25·(DOPT − TBASE)) every day of stage 2, tassel initiation's
           included, whose SUMDTT is SUMDTT_2 now (MZ_PHENOL.for ISTAGE 2) */
        const double sum = ch == 3 ? s->sumdtt_2 : s->sumdtt;
        if (juv > 0.0 && sum / juv > s->veg_frac) s->veg_frac = sum / juv;
        if (ch == 3) { /* then SUMDTT_2/(SUMDTT_2 + P3 + DSGFT) (MZ_PHENOL.for ISTAGE 2 → 3) */
            const double v = s->sumdtt_2 / (s->sumdtt_2 + s->p3 + c->dsgft_Cd);
            if (v > s->veg_frac) s->veg_frac = v;
        }
        break;
    }
    case 3:
        if (ch == 4) { /* 1 at silking, SeedFrac left as it was (MZ_PHENOL.for ISTAGE 3 → 4) */
            s->veg_frac = 1.0;
        } else { /* (MZ_PHENOL.for ISTAGE 3) */
            const double v = (s->sumdtt + s->sumdtt_2) / (s->sumdtt_2 + s->p3);
            if (v > s->veg_frac) s->veg_frac = v;
        }
        break;
    case 4:
    case 5:
    case 6: /* VegFrac left at silking's 1 (MZ_PHENOL.for ISTAGE 4, 5, 6) */
        s->seed_frac = c->p5_Cd > 0.0 ? s->sumdtt / c->p5_Cd : 0.0;
        if (ch == AGRO_MAIZE_STAGE_MATURE) s->seed_frac = 1.0; /* (MZ_PHENOL.for ISTAGE 6 → 10) */
        break;
    default: /* sown, germinated, fallow, mature: untouched (MZ_PHENOL.for ISTAGE 7-10) */
        break;
    }
}

void maize_p_emerge(const maize_species *sp, maize_state *s)
{
    /* the plant starts at the optimum concentrations of the first point; this P comes with
       the seed, not from the soil (P_Ceres EMERG). Called on the emerged plant, before the
       day's growth, as MZ_GROSUB's emergence block calls it */
    const organs m = masses(s);
    s->p_c_shut = sp->pc_shut_opt[0];
    s->p_c_root = sp->pc_root_opt[0];
    s->p_c_shel = sp->pc_shel_opt[0];
    s->p_c_seed = sp->pc_seed_opt[0];
    s->p_shut = s->p_c_shut * m.shut;
    s->p_root = s->p_c_root * m.root;
    s->p_shel = s->p_c_shel * m.shel;
    s->p_seed = s->p_c_seed * m.seed;
    s->p_seed_kg_ha = s->p_shut + s->p_root + s->p_shel + s->p_seed;
    s->p_mob_shut = s->p_mob_root = s->p_mob_shel = 0.0;
    s->p_cum_leaf_senes = s->cum_leaf_senes;
    s->pstres1 = s->pstres2 = 1.0;
}

double maize_p_total(const maize_state *s) { return s->p_shut + s->p_root + s->p_shel + s->p_seed; }

double maize_p_remove(maize_state *s, double shut_kg_ha, double root_kg_ha, double seed_kg_ha,
                      double shel_kg_ha)
{
    /* damage removes P at the organs' concentrations of the last step (P_Ceres PestP) */
    double take[4] = {shut_kg_ha * s->p_c_shut, root_kg_ha * s->p_c_root,
                      seed_kg_ha * s->p_c_seed, shel_kg_ha * s->p_c_shel};
    double *pool[4] = {&s->p_shut, &s->p_root, &s->p_seed, &s->p_shel};
    double total = 0.0;
    for (int k = 0; k < 4; k++) {
        double t = take[k] > 0.0 ? take[k] : 0.0;
        if (t > *pool[k]) t = *pool[k];
        *pool[k] -= t;
        total += t;
    }
    return total;
}

double maize_p_kill(maize_state *s, double k)
{
    /* by share, not by the dead plants' mass at the last concentration: that mass includes
       the day's growth, which has taken up no P yet */
    if (!(k > 0.0)) return 0.0;
    if (k > 1.0) k = 1.0;
    /* (the senesced leaves stay on the plant until harvest, P_Ceres: the dead plants' go with
       them, agrosim's rule, or the survivors would keep their P) */
    double *pool[5] = {&s->p_shut, &s->p_root, &s->p_seed, &s->p_shel, &s->p_senesced_surface_kg_ha};
    double total = 0.0;
    for (int j = 0; j < 5; j++) {
        const double t = *pool[j] * k;
        *pool[j] -= t;
        total += t;
    }
    /* the rest of the crop's P state that is per hectare, not per plant, shrinks with the
       stand (agrosim's rule; P_Ceres keeps CumLeafSenesY and the pools): P_Demand's
       mobilisation pools (a record of the organs' P above the optimum, not P of their own: no
       balance term), and CumLeafSenes at the last step, scaled as maize_damage_apply scales
       CumLeafSenes, so the next step's SenSurf is the survivors' new senescence and the dead
       plants' senesced-leaf P does not come back to the survivors' shoot as a negative SenSurf */
    const double keep = 1.0 - k;
    s->p_mob_shut *= keep;
    s->p_mob_root *= keep;
    s->p_mob_shel *= keep;
    s->p_cum_leaf_senes *= keep;
    return total;
}

/* One organ's self-offset against its own mobilisation pool (P_Demand): the pool's P that is
 * above the minimum first meets the organ's own demand. */
static void self_offset(double *pool, double *dem, double *today, double p, double pmin)
{
    *today = minv(*pool, p - pmin);
    if (*dem >= *today) {
        *pool -= *today;
        *dem -= *today;
        *today = 0.0;
    } else {
        *pool -= *dem;
        *today -= *dem;
        *dem = 0.0;
    }
}

/* Move P from a source's mobilisable amount to a sink's demand (P_Demand transfers). */
static void transfer(double *today_src, double *dem_sink, double *dp_src, double *dp_sink)
{
    if (*today_src > 1e-5 && *dem_sink > 1e-5) {
        const double a = minv(*dem_sink, *today_src);
        *dp_sink += a;
        *dp_src -= a;
        *dem_sink -= a;
        *today_src -= a;
    }
}

double maize_p_step(const maize_species *sp, maize_state *s, const double *avail,
                    const double *dead_roots_kg_ha, int32_t n_layers, int n_limited,
                    double *uptake, double *dead_root_p)
{
    const organs m = masses(s);
    for (int32_t l = 0; l < n_layers; l++) uptake[l] = dead_root_p[l] = 0.0;

    /* ---- senescence: leaf P at yesterday's shoot concentration (it stays with the crop until
       harvest), dead roots' P at the root concentration to the soil (P_Ceres) ---- */
    /* (CumLeafSenes can fall, when leaf area shrinks late in stage 3 or with damage: the P
       then goes back to the shoot, as in P_Ceres, at most what the senesced leaves hold) */
    const double sen_surf = s->cum_leaf_senes - s->p_cum_leaf_senes;
    s->p_cum_leaf_senes = s->cum_leaf_senes;
    const double sen_surf_p = sen_surf >= 0.0 ? minv(sen_surf * s->p_c_shut, s->p_shut)
                                              : maxv(sen_surf * s->p_c_shut, -s->p_senesced_surface_kg_ha);
    double sen_soil_p = 0.0;
    for (int32_t l = 0; l < n_layers; l++) {
        dead_root_p[l] = dead_roots_kg_ha[l] > 0.0 ? dead_roots_kg_ha[l] * s->p_c_root : 0.0;
        sen_soil_p += dead_root_p[l];
    }
    if (sen_soil_p > s->p_root) { /* never more than the roots hold */
        const double k = s->p_root > 0.0 ? s->p_root / sen_soil_p : 0.0;
        for (int32_t l = 0; l < n_layers; l++) dead_root_p[l] *= k;
        sen_soil_p = s->p_root;
    }
    s->p_shut -= sen_surf_p;
    s->p_root -= sen_soil_p;
    s->p_senesced_surface_kg_ha += sen_surf_p;

    /* ---- demand: every organ up to its optimum concentration (P_Demand) ---- */
    const double vf = s->veg_frac, sf = s->seed_frac;
    const double copt_shut = pvalue(sp->pc_shut_opt, vf, sf), cmin_shut = pvalue(sp->pc_shut_min, vf, sf);
    const double copt_root = pvalue(sp->pc_root_opt, vf, sf), cmin_root = pvalue(sp->pc_root_min, vf, sf);
    const double copt_shel = pvalue(sp->pc_shel_opt, vf, sf), cmin_shel = pvalue(sp->pc_shel_min, vf, sf);
    const double copt_seed = pvalue(sp->pc_seed_opt, vf, sf);
    const double n2p_min = pvalue(sp->n2p_min, vf, sf);
    const double pmin_shut = m.shut * cmin_shut, pmin_root = m.root * cmin_root;
    const double pmin_shel = m.shel * cmin_shel;
    double dem_shut = m.shut * copt_shut - s->p_shut;
    double dem_root = m.root * copt_root - s->p_root;
    double dem_shel = m.shel * copt_shel - s->p_shel;
    double dem_seed = maxv(0.0, m.seed * copt_seed - s->p_seed);
    /* P above the optimum is mobilisable (DSSAT adds it to the pool every day without taking
       it from the organ; kept as in P_Demand, docs/model.md §6.10) */
    if (dem_shut < 0.0) { s->p_mob_shut += -dem_shut; dem_shut = 0.0; }
    if (dem_root < 0.0) { s->p_mob_root += -dem_root; dem_root = 0.0; }
    if (dem_shel < 0.0) { s->p_mob_shel += -dem_shel; dem_shel = 0.0; }
    double t_shut, t_root, t_shel;
    self_offset(&s->p_mob_shut, &dem_shut, &t_shut, s->p_shut, pmin_shut);
    self_offset(&s->p_mob_root, &dem_root, &t_root, s->p_root, pmin_root);
    self_offset(&s->p_mob_shel, &dem_shel, &t_shel, s->p_shel, pmin_shel);
    double dp_shut = 0.0, dp_root = 0.0, dp_shel = 0.0, dp_seed = 0.0;
    transfer(&t_shut, &dem_seed, &dp_shut, &dp_seed);
    transfer(&t_shut, &dem_shel, &dp_shut, &dp_shel);
    transfer(&t_root, &dem_seed, &dp_root, &dp_seed);
    transfer(&t_root, &dem_shel, &dp_root, &dp_shel);
    transfer(&t_shel, &dem_seed, &dp_shel, &dp_seed);
    s->p_mob_shut += t_shut;
    s->p_mob_root += t_root;
    s->p_mob_shel += t_shel;
    const double total_dem = dem_shut + dem_root + dem_shel + dem_seed;

    /* ---- uptake: the soluble root-zone P of the rooted layers, at most the demand, each
       layer in proportion to its supply; less when the shoot N:P is below its minimum
       (P_Uptake) ---- */
    double got = 0.0;
    if (total_dem >= 1e-4) {
        double supply = 0.0;
        for (int32_t l = 0; l < n_layers; l++)
            if (s->rlv[l] > 1e-6) supply += avail[l];
        got = minv(supply, total_dem);
        if (got > 1e-5) {
            const double k = got / supply;
            for (int32_t l = 0; l < n_layers; l++)
                uptake[l] = s->rlv[l] > 1e-6 ? avail[l] * k : 0.0;
            /* (only with N simulated: without it the tops N is not kept up to date and
               DSSAT's PCNVEG is 0, so the check never acts) */
            const double stov = s->lfwt + s->stmwt;
            const double pcnveg = n_limited && stov > 0.0 ? s->stovn / stov * 100.0 : 0.0;
            const double n2p = s->p_cveg > 1e-6 ? pcnveg / s->p_cveg : -99.0;
            if (n2p > 1e-6 && n2p < n2p_min) {
                const double r = n2p / n2p_min;
                for (int32_t l = 0; l < n_layers; l++) uptake[l] *= r;
                got *= r;
            }
        } else {
            got = 0.0;
        }
    }

    /* ---- partition the uptake: grain first, then shell, then shoot and roots by demand;
       grain demand the uptake cannot meet is mined from the vegetative organs, at most
       FracPMobil of their P above the minimum (P_Partition) ---- */
    const double avail_mine = (s->p_shut + s->p_root + s->p_shel) - (pmin_shut + pmin_root + pmin_shel);
    const double mobil_max = maxv(0.0, sp->frac_p_mobil * avail_mine);
    if (avail_mine > 0.0) {
        s->p_mine_shut = (s->p_shut - pmin_shut) / avail_mine;
        s->p_mine_root = (s->p_root - pmin_root) / avail_mine;
        s->p_mine_shel = 1.0 - s->p_mine_shut - s->p_mine_root;
    }
    double left = got, mined = 0.0;
    if (dem_seed > 0.0 && dem_seed <= left) {
        dp_seed += dem_seed;
        left -= dem_seed;
    } else if (dem_seed > left) {
        mined = minv(dem_seed - left, mobil_max);
        dp_seed += left + mined;
        left = 0.0;
    }
    if (dem_shel > 0.0 && left > 0.0) {
        const double a = minv(dem_shel, left);
        dp_shel += a;
        left -= a;
    } else if (mined > 0.0) {
        dp_shel -= mined * s->p_mine_shel;
    }
    if (dem_shut + dem_root > 0.0 && left > 0.0) {
        dp_shut += left * dem_shut / (dem_shut + dem_root);
        dp_root += left * dem_root / (dem_shut + dem_root);
    } else if (mined > 0.0) {
        dp_shut -= mined * s->p_mine_shut;
        dp_root -= mined * s->p_mine_root;
    }
    /* The mining shares are priced on the organs' P before P_Demand's transfers (as in
       P_Partition), so an organ the transfers nearly emptied can be asked for more than it has
       left: the grain then gets only what the organ had. (P_Plant lets the organ's P go
       negative; the floor at 0 alone made the rest from nothing: 4.5e-4 kg P/ha when a
       damage left a shoot of no mass holding 0.032 kg P.) */
    double overdrawn = 0.0;
    double *pool[3] = {&s->p_shut, &s->p_root, &s->p_shel};
    const double dp[3] = {dp_shut, dp_root, dp_shel};
    for (int k = 0; k < 3; k++) {
        const double v = *pool[k] + dp[k];
        if (v < 0.0) overdrawn -= v;
        *pool[k] = maxv(v, 0.0);
    }
    s->p_seed = maxv(s->p_seed + dp_seed - overdrawn, 0.0);

    /* ---- concentrations and stress from the shoot: ratio = (C − Cmin)/(Copt − Cmin), PStres1
       below SRATPHOTO (photosynthesis, leaf senescence), PStres2 below SRATPART (expansion,
       stem and ear growth) (P_Plant) ---- */
    s->p_c_shut = conc(s->p_shut, m.shut);
    s->p_c_root = conc(s->p_root, m.root);
    s->p_c_shel = conc(s->p_shel, m.shel);
    s->p_c_seed = conc(s->p_seed, m.seed);
    if (m.shut + m.root > 1e-6)
        s->p_cveg = (s->p_shut + s->p_root) / (m.shut + m.root) * 100.0;
    const double span = copt_shut - cmin_shut;
    const double ratio = span > 0.0 ? minv(1.0, (s->p_c_shut - cmin_shut) / span) : 1.0;
    s->pstres1 = ratio >= sp->srat_photo ? 1.0 : (ratio > 1e-6 ? ratio / sp->srat_photo : 0.0);
    s->pstres2 = ratio >= sp->srat_part ? 1.0 : (ratio > 1e-6 ? ratio / sp->srat_part : 0.0);
    return got;
}
