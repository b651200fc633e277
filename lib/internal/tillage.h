/* Private to the library: DSSAT-CSM 4.8 tillage implements (TILOP048.SDA compiled in), the
 * per-pass depth rule of TILLAGE.for, and the mixing rule SoilMixing/SoilMix that every
 * module applies on a tillage day (docs/design/tillage.md §1.3, §1.4, §3.5). */
#ifndef AGROSIM_INTERNAL_TILLAGE_H
#define AGROSIM_INTERNAL_TILLAGE_H

#include <stdint.h>

#include "agrosim/soil.h"

/* Most implement sub-layers of a TILOP048.SDA row (TI042 has 3). */
#define AGRO_TILL_MAX_SUB 3

/* One implement of TILOP048.SDA: CN2T, SBDT, SKST percent changes; RINP, SSDT, MIXT, HPAN
 * percentages; sub-layer k covers (bottom_cm[k-1], bottom_cm[k]], bottom_cm[-1] = 0. */
typedef struct agro_till_implement {
    int32_t code; /* TIxxx → xxx */
    double cn2t_pct, rinp_pct, ssdt_pct, mixt_pct, hpan_pct;
    int32_t n_sub;
    double bottom_cm[AGRO_TILL_MAX_SUB], sbdt_pct[AGRO_TILL_MAX_SUB], skst_pct[AGRO_TILL_MAX_SUB];
} agro_till_implement;

/* One X-file pass after TILLAGE.for INIT's depth rule: the implement's values with its
 * sub-layer depths scaled by TDEP/DEP(NLYRS) when TDEP is shallower (scaled 1), or TDEP cut to
 * the implement's depth when deeper by more than 0.5 cm (capped 1). */
typedef struct agro_till_pass {
    double depth_cm;     /* TDEP after the rule, cm */
    double mix_pct;      /* MIXT, % */
    double incorp_pct;   /* RINP, % */
    double cn2t_pct;     /* CN2T, % */
    int32_t n_sub;
    int32_t scaled, capped;
    double bottom_cm[AGRO_TILL_MAX_SUB], sbdt_pct[AGRO_TILL_MAX_SUB], skst_pct[AGRO_TILL_MAX_SUB];
} agro_till_pass;

/* The TILOP048.SDA row of implement @p code (TI003 → 3), NULL when the file has none (TI021,
 * TI027–TI030, TI040, …: DSSAT then skips the pass, Q3). */
const agro_till_implement *agro_till_implement_find(int32_t code);

/* The pass of implement @p code at X-file depth @p tdep_cm (>= 0). 0 and @p out filled; -1
 * for an unknown implement (out untouched). A pass acts only when out->depth_cm > 0
 * (TILLAGE.for RATE: TDEP(I) .GT. 0.0). */
int agro_till_pass_resolve(int32_t code, double tdep_cm, agro_till_pass *out);

/* DSSAT SoilMixing (Soil/SoilUtilities/SoilMixing.for cdb6f534): @p v[l] (an amount per layer,
 * kg/ha or mm) of the @p n layers of @p thick_cm cm; @p pct % of the part of each layer above
 * @p depth_cm is pooled and spread back by thickness over 0..depth; the rest stays. The depth
 * is clamped to the profile (quirk Q27 fixed: DSSAT loses mass below a shallow profile), so
 * the total is conserved. Nothing changes for depth <= 0 or pct <= 0. */
void agro_soil_mix(const double *thick_cm, int32_t n, double depth_cm, double pct, double *v);

/* Most passes one day may hold (DSSAT's TillType says "max 3" and enforces nothing). */
#define AGRO_TILL_MAX_PASSES_DAY 16

/* The soil properties tillage changes, on agrosim's fixed layers (DSSAT SOILDYN.for 014bdeed
 * with TillEvent.for 1a6f1ce9; docs/design/tillage.md §3.1–3.3): the untilled base values
 * (the soil file's: agrosim has no §3.4 SOM rule, so BD_SOM = BD_INIT), the values in use, the
 * tilled values of the last tillage day and the recovery state. ksat in mm/d, 0 unknown
 * (DSSAT −99); thickness in cm. */
typedef struct agro_till_soil {
    int32_t n_layers;
    int32_t tilled;                       /* TILLED: some layer's BD still >= 0.01 from base */
    double cn_init, cn, cn_tilled;        /* SCS curve number: CN_INIT, CN, CN_TILLED */
    double sumke;                         /* SUMKE, cumulative rain energy since the tillage */
    double kechge[AGRO_SOIL_MAX_LAYERS + 1]; /* KECHGE(0..NLAYR): effect still present, 0..1 */
    double bd_init[AGRO_SOIL_MAX_LAYERS], sat_init[AGRO_SOIL_MAX_LAYERS];
    double sc_init[AGRO_SOIL_MAX_LAYERS], dl_init[AGRO_SOIL_MAX_LAYERS];
    double ds_init[AGRO_SOIL_MAX_LAYERS];
    double bd[AGRO_SOIL_MAX_LAYERS], sat[AGRO_SOIL_MAX_LAYERS], sc[AGRO_SOIL_MAX_LAYERS];
    /* DLAYR as DSSAT would have it (DLAYR_SOM·BD_SOM/BD while tilled), for the recovery's
       mid-depths only: agrosim's layers keep their thickness */
    double dl[AGRO_SOIL_MAX_LAYERS];
    double bd_tilled[AGRO_SOIL_MAX_LAYERS], sat_tilled[AGRO_SOIL_MAX_LAYERS];
    double sc_tilled[AGRO_SOIL_MAX_LAYERS];
    /* lowest tilled SAT a layer may take, cm³/cm³ (0 after agro_till_soil_init; the field sets
       DUL + 0.01: compaction would take DSSAT's SAT below DUL, or below 0 when passes compound) */
    double sat_min[AGRO_SOIL_MAX_LAYERS];
} agro_till_soil;

/* Untilled state of @p n layers of @p thick_cm cm with bulk density @p bd (g/cm³), saturation
 * @p sat, Ksat @p ksat_mm_d (<= 0 unknown) and curve number @p cn. */
void agro_till_soil_init(agro_till_soil *t, int32_t n, const double *thick_cm, const double *bd,
                         const double *sat, const double *ksat_mm_d, double cn);

/* Range of a tilled bulk density, g/cm³: the soil checks' (agro_soil_validate, SBDM) */
#define AGRO_TILL_BD_MIN 0.1
#define AGRO_TILL_BD_MAX 2.65

/* DSSAT TillEvent (SOILDYN RATE of a tillage day): the @p n_pass passes of the day in order
 * applied to the base values, each limited by the values in use (Q7, Q8, Q10, Q11, Q30), the
 * bulk density held within AGRO_TILL_BD_MIN..MAX (DSSAT has no bound);
 * writes t->bd_tilled, sat_tilled, sc_tilled, cn_tilled and, if not NULL, the expanded layer
 * bottoms @p ds_cm (cm; DS_TILLED). The values in use are not changed. */
void agro_till_event(agro_till_soil *t, const agro_till_pass *pass, int32_t n_pass, double *ds_cm);

/* DSSAT SOILDYN INTEGR: on a tillage day (@p tillage_day) the tilled values become the values
 * in use (SUMKE = 0, TILLED); then, if @p water_mm (rain + counting irrigation, mm) > 0 and the
 * soil is tilled, the recovery of §3.3 with the mulch cover @p soilcov (0..1) and the organic
 * C @p oc_pct (% per layer, litter C included). Returns 1 when the values in use changed. */
int agro_till_integrate(agro_till_soil *t, int tillage_day, double water_mm, double soilcov,
                        const double *oc_pct);

/* Queue a tillage for the next agro_century_step: depth TILDEP (cm) and RINP (%). */
struct agro_century_state;
struct agro_century_params;
void agro_century_till_unchecked(struct agro_century_state *s, double depth_cm, double pct);
/* The tests' view: the incorporation and mixing such a tillage makes before the day's
   decomposition, applied to @p s now. */
void agro_century_till_now_unchecked(const struct agro_century_params *p, struct agro_century_state *s,
                                     double depth_cm, double pct);

#endif
