/* CERES-Maize plant state and processes (private to the library). One process per file:
 * phenology.c, growth.c (leaf area, biomass, partitioning, grain), nitrogen.c, roots.c. */
#ifndef AGROSIM_MAIZE_INTERNAL_H
#define AGROSIM_MAIZE_INTERNAL_H

#include <math.h>

#include "agrosim/field.h"
#include "agrosim/maize.h"
#include "agrosim/soil.h"
#include "weather/solar_internal.h"

/* Species constants of MZCER048.SPE (DSSAT-CSM 4.8), cited where they are used. */
typedef struct maize_species {
    double prftc[4];   /* PRFTC: TBASE, TOP1, TOP2, TMAX of photosynthesis response, °C */
    double rgfil[4];   /* RGFIL: same for relative grain fill rate, °C */
    double parsr;      /* PARSR: PAR / solar radiation */
    double fslfw, fslfn; /* leaf senescence under full water / N stress, 1/d */
    double rsgr, rsgrt, carbot; /* early maturity triggers */
    double dsgt, dget, swcg;    /* germination failure days, emergence failure °C·d, SWCG cm³/cm³ */
    double stmwte, rtwte, lfwte, seedrve, leafnoe, plae; /* emergence initial conditions */
    double tmnc, tance, rcnp, rance, ctcnp1, ctcnp2;     /* nitrogen parameters */
    double pormin, rwumx, rlwr, rwuep1;                   /* root parameters */
    double kep;        /* extinction coefficient for ET partition */
    /* phosphorus (MZCER048.SPE *PHOSPHORUS CONTENT, g P/g, at emergence, end of leaf growth,
       maturity; phosphorus.c) */
    double pc_shut_opt[3], pc_root_opt[3], pc_shel_opt[3], pc_seed_opt[3];
    double pc_shut_min[3], pc_root_min[3], pc_shel_min[3];
    double n2p_min[3];                 /* minimum vegetative N:P ratio */
    double srat_photo, srat_part;      /* SRATPHOTO, SRATPART: P stress thresholds */
    double frac_p_mobil;               /* FracPMobil: P mined from shoot/root/shell per day */
    double root_radius_m;              /* ROOTRAD: soil cylinder around roots that gives P, m */
    double fslfp;                      /* FSLFP: leaf senescence under full P stress, 1/d */
    double root_lignin_frac;           /* PLIGRT: lignin fraction of dead roots, for CENTURY */
} maize_species;

void maize_species_default(maize_species *sp);

/* PCO2, the CO2 factor of RUE at @p co2 ppm (DSSAT MZCER048.SPE CO2X/CO2Y, TABEX) */
double maize_pco2_effect(double co2);

/* Daily drivers of the plant, prepared by the field. */
typedef struct maize_drivers {
    double tmax, tmin, srad;
    double pco2; /* CO2 factor of RUE, maize_pco2_effect of the field's CO2 (set with it) */
    /* day length and photoperiod (FAO-56 eq. 34; civil twilight) are computed by phenology on
     * the days it reads them, from the field's latitude terms and the day of year */
    const agro_solar_lat *solar;
    int32_t doy;
    double dayl_offset_h, dayl_mult; /* day length change: offset + mult × computed, h (DSSAT EDAY) */
    double seed_soil_temp_mean, seed_soil_temp_min, seed_soil_temp_max; /* °C at sowing depth */
    double snow_mm;              /* snow store after the day's snowfall and melt (DSSAT SNOW), mm */
    double par_frac_intercepted; /* fraction of incident PAR the crop intercepts (mixed canopy) */
    double lai_other;            /* LAI of the field's other canopies (weeds), m²/m²: 0 weed-free */
    double swfac, turfac;        /* water stress (1 = none) */
    double seed_temp_from_model; /* 1: seed-depth temperature from the soil model drives emergence */
    double seed_layer_sw_ok;     /* 1 if the seed layer is moist enough to germinate */
    double seed_layer_dry;       /* 1 if water is simulated and the seed layer is at or below LL */
    double n_limited;            /* 1 if N stress applies */
    int32_t n_stage_transform;   /* 1: NFAC transformed in stages 3–4 (AGRO_CROP_N_STRESS_*) */
    double p_limited;            /* 1 if P stress applies (the P stress factors of the state) */
    double slpf;                 /* soil photosynthesis factor SLPF, 0..1 */
    double asm_loss;             /* fraction of the day's assimilate lost to damage (PASM), 0..1 */
} maize_drivers;

/* Plant state, per plant unless marked /m² or kg/ha. */
typedef struct maize_state {
    int32_t stage, ndas, idurp, icold, nwsd, emat, cmat, failed;
    int32_t leafno, n_layers;
    int32_t emerged_day, silking_day, maturity_day, sown_day; /* days since field start, -1 */
    int32_t stage_changed; /* new stage entered today (stage number) or 0 */
    int32_t dap;           /* days after planting of the last phenology call (0 on the sowing day) */
    int32_t forced_emergence_dap; /* observed emergence day after planting (DSSAT EDATE), 0: none */
    int32_t reserved;
    double pltpop, rowspc_cm, sdepth_cm, sdepth_layer;
    double lifac;                /* CERES light extinction for this row spacing and population */
    double dtt, sumdtt, cumdtt, sumdtt_2, p3, p9, tlno, sind, xstage, xnti;
    double cumph, xn, ti;
    double pla, senla, slan, lai, maxlai, stg2cls, cum_leaf_senes;
    double lfwt, stmwt, earwt, grnwt, rtwt, seedrv, swmin, swmax, sump, cumdtteg;
    double gpp, ears, carbo, pcarb, grort, grolf, grostm, groear, grogrn, prft;
    double stovn, rootn, grainn, tanc, ranc, vanc, vmnc, tcnp, tmnc;
    double nfac, agefac, nstres, ndef3;
    double pdwi, pgrort;         /* potential top / root growth for N demand, g/plant/d */
    double n_demand_kg_ha;       /* today's total N demand, kg N/ha */
    double n_seed_kg_ha;         /* N brought in by the seed at emergence, kg N/ha */
    double n_senesced_kg_ha;     /* N of the dead roots passed to the soil's fresh organic matter, kg N/ha */
    double cum_n_uptake_kg_ha;   /* cumulative N uptake, kg N/ha */
    double rtdep;                /* rooting depth, cm */
    double rlv[AGRO_SOIL_MAX_LAYERS];
    double tss[AGRO_SOIL_MAX_LAYERS];     /* days waterlogged, MZ_GROSUB's count (SATFAC) */
    double tss_rwu[AGRO_SOIL_MAX_LAYERS]; /* days waterlogged, ROOTWU's own count (root water uptake) */
    double swfac_sum, nstres_sum, stress_days;
    double turfac_today, tempm_today, swfac_today;
    double tndem, rndem;         /* today's tops / root N demand, g N/plant */ /* drivers kept for the grain N step */
    /* 1 on a day with N demand but no potential uptake in any layer: MZ_NUPTAK returns before
       its closing RANC (set by the caller of maize_n_demand, read and cleared by
       maize_integrate) */
    int32_t n_supply_none;
    /* 1: maize_integrate leaves the organs as they are today. MZ_GROSUB returns before its
       state variables in stage 6, on the maturity day and in stage 5 with PLTPOP <= 0.01
       (set by maize_growth), and MZ_CERES no longer calls it once mature (set by
       maize_integrate on the day the crop is mature). After maize_growth on a day of stages
       1-5, 0 also says MZ_GROSUB reaches its pest damage and MZ_NUPTAK, which precede its
       state variables (the field reads it so) */
    int32_t integrate_stop;
    double ptf;                  /* tops/(tops + roots) after the last integration (MZ_GROSUB PTF) */
    double asm_lost;             /* assimilate lost to damage today, g CH2O/plant */
    /* phosphorus (phosphorus.c; DSSAT P_Ceres, P_Plant), kg P/ha */
    double veg_frac, seed_frac;  /* VegFrac: emergence → silking, SeedFrac: silking → maturity, 0..1 */
    double p_shut, p_root, p_shel, p_seed; /* P in shoot (leaf + stem), roots, shell (ear − grain), grain */
    double p_mob_shut, p_mob_root, p_mob_shel; /* P_Demand's mobilisation pools */
    double p_mine_shut, p_mine_root, p_mine_shel; /* mining shares kept from the last day they were defined */
    double p_c_shut, p_c_root, p_c_shel, p_c_seed; /* P concentrations at the last step, g P/g */
    double p_cveg;               /* P % of shoot + roots at the last step */
    double pstres1, pstres2;     /* P stress on photosynthesis / on expansion and partitioning, 1 = none */
    double p_cum_leaf_senes;     /* CumLeafSenes at the last P step, kg/ha */
    double p_seed_kg_ha;         /* P the plant was given at emergence */
    double p_senesced_surface_kg_ha; /* P of senesced leaves (kept on the plant until harvest) */
    double pstres1_sum;          /* Σ PStres1 over the stress days (summary mean) */
    double stovwt;               /* DSSAT's STOVWT: LFWT + STMWT as of the last integration, g/plant */
} maize_state;

/* Damage of one day (agro_crop_damage) per plant, converted on the state at the end of the
 * previous day (PESTCP). */
typedef struct maize_damage {
    double leaf_g, stem_g, root_g; /* g dry matter/plant */
    double grain_g;                /* g dry matter/ear (GRNWT basis) */
    double plants_frac;            /* fraction of the plants killed, 0..1 */
    double asm_frac;               /* fraction of the day's assimilate lost, 0..1 */
} maize_damage;

/* Convert @p d on today's (end of day) state @p s for tomorrow's step. */
void maize_damage_convert(const maize_state *s, const agro_crop_damage *d, maize_damage *out);
/* Apply @p m after the day's growth, on a day MZ_GROSUB reaches its pest damage (the caller
 * decides: stages 1-5 and the day the crop fails in maize_growth, not stage 5 at
 * PLTPOP <= 0.01): writes the dry matter removed, with the assimilate maize_growth took off
 * (s->asm_lost), and the N, kg/ha. */
void maize_damage_apply(maize_state *s, const maize_damage *m, double *dm_kg_ha,
                        double *n_kg_ha);
/* The root length @p m cuts on a day MZ_GROSUB does not reach its damage (the crop present in
 * any other stage): RLV only, by the root damage's share of the root mass and the killed
 * plants' share; no mass, N or plant goes. */
void maize_damage_root_length(maize_state *s, const maize_damage *m);

/* Fallow state (no crop). */
void maize_state_clear(maize_state *s, int32_t n_layers);
/* Sow: stage 8 from the next phenology call; seed layer index from depths. */
void maize_sow(maize_state *s, double pltpop, double rowspc_cm, double sdepth_cm,
               const double *depth_cm, int32_t n_layers);

/* Phenology of one day (MZ_PHENOL): updates dtt, sums and stage; kernel number at the end of
 * stage 4. Returns the stage reached. */
int32_t maize_phenology(const agro_maize_cultivar *c, const maize_species *sp,
                        const maize_drivers *d, maize_state *s);
/* The emerged plant: organ weights, leaf area and N of the emergence day (MZ_GROSUB,
 * MZCER048.SPE *EMERGENCE), before that day's light interception and maize_growth. */
void maize_emerge(const maize_species *sp, maize_state *s);
/* Growth of one day (MZ_GROSUB): biomass, leaf area, partitioning, grain, senescence; on the
 * emergence day after maize_emerge. Writes s->pdwi/pgrort for the N demand. */
void maize_growth(const agro_maize_cultivar *c, const maize_species *sp, const maize_drivers *d,
                  maize_state *s, const double *sat, const double *sw, const double *thick_cm);
/* Organ weights after the day's N uptake (MZ_GROSUB state update, root turnover). */
void maize_integrate(const maize_species *sp, maize_state *s);
/* N stress factors from tops N concentration (MZ_NFACTO). */
void maize_n_factors(maize_state *s, int32_t stage_transform);
/* Crop N demand, kg N/ha/d (MZ_NUPTAK), on a day MZ_GROSUB reaches MZ_NUPTAK (the caller
 * decides: stages 1-5 and the day the crop fails in maize_growth, not stage 5 at
 * PLTPOP <= 0.01). */
double maize_n_demand(const maize_species *sp, maize_state *s);
/* Distribute the N actually taken up (kg N/ha) to tops and roots (MZ_NUPTAK). */
void maize_n_take(maize_state *s, double uptake_kg_ha);
/* Root senescence N (MZ_NUPTAK, when N was demanded and taken up today): 0.5 % of the root
 * weight at @p ranc (root N concentration before today's uptake, g N/g) leaves the plant, spread
 * over the layers by root length RLV·DLAYR; the N comes off the tops by PTF and the roots by
 * 1 − PTF. Writes per layer the dry matter (N/RANC) and N, kg/ha, for the soil's fresh organic
 * matter, and returns the N, kg N/ha. */
double maize_root_senescence(maize_state *s, double ranc, const double *thick_cm,
                             int32_t n_layers, double *dm_kg_ha, double *n_kg_ha);
/* Grain N and N remobilisation during grain fill (MZ_GROSUB stage 5). */
void maize_grain_n(const maize_species *sp, maize_state *s);
/* Root depth and RLV (MZ_ROOTGR): the root front from germination on, RLV from emergence. */
void maize_roots(const maize_species *sp, maize_state *s, const double *thick_cm,
                 const double *depth_cm, const double *srgf, const double *ll,
                 const double *dul, const double *sat, const double *sw, const double *no3_kg_ha,
                 const double *nh4_kg_ha, const double *kg_ha_per_ppm, int32_t n_layers,
                 double max_depth_cm, int32_t n_limited);

/* VegFrac and SeedFrac for the P tables, after the day's phenology: MZ_PHENOL's rule of the stage
 * the day began in (none on the emergence day), with the day's thermal time. */
void maize_p_stage_fractions(const agro_maize_cultivar *c, maize_state *s);
/* P at emergence: the organs at their optimum concentrations of the first table point
 * (P_Ceres EMERG); PStres 1. */
void maize_p_emerge(const maize_species *sp, maize_state *s);
/*
 * The day's plant P (DSSAT P_Ceres → P_Plant: senescence, P_Demand, P_Uptake, P_Partition,
 * stress), after the day's organ weights and N. @p avail: soluble root-zone P per layer
 * (soil_phosphorus.h), @p dead_roots_kg_ha: root dry matter that died today per layer,
 * @p n_limited: N simulated (the N:P check needs it); writes
 * @p uptake and @p dead_root_p (kg P/ha per layer) for the soil. Returns the uptake, kg P/ha.
 */
double maize_p_step(const maize_species *sp, maize_state *s, const double *avail,
                    const double *dead_roots_kg_ha, int32_t n_layers, int n_limited,
                    double *uptake, double *dead_root_p);
/* P removed with organ mass lost to damage (kg/ha of leaf + stem, roots, grain, shell),
 * at the organs' concentrations before the loss; returns the P, kg P/ha. */
double maize_p_remove(maize_state *s, double shut_kg_ha, double root_kg_ha, double seed_kg_ha,
                      double shel_kg_ha);
/* P of the plants killed by damage: the share @p k (0..1) of every organ's P pool and of the
 * senesced leaves' P, what the dead plants held (what a survivor holds is unchanged); returns
 * the P, kg P/ha. The mobilisation pools and the last step's CumLeafSenes shrink by the same
 * share (call after maize_damage_apply, which scales CumLeafSenes). */
double maize_p_kill(maize_state *s, double k);
/* TURFAC as the crop keeps it, to 1/1000 (DSSAT MZ_GROSUB) */
static inline double maize_turfac_kept(double turfac) { return floor(turfac * 1000.0) / 1000.0; }
/* Crop P, kg P/ha. */
double maize_p_total(const maize_state *s);

/* Kernel number and ears (MZ_PHENOL end of stage 4), also public. */
void maize_kernels(double g2, double sump, double idurp, double pltpop, double *gpp,
                   double *ears);
/* DSSAT CURV('LIN') four-point response. */
double maize_curv_lin(const double *c4, double x);

#endif
