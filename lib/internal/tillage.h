/* Private to the library: DSSAT-CSM 4.8 tillage implements (TILOP048.SDA compiled in), the
 * per-pass depth rule of TILLAGE.for, and the mixing rule SoilMixing/SoilMix that every
 * module applies on a tillage day (docs/design/tillage.md §1.3, §1.4, §3.5). */
#ifndef AGROSIM_INTERNAL_TILLAGE_H
#define AGROSIM_INTERNAL_TILLAGE_H

#include <stdint.h>

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
    double cn2t_pct;     /* CN2T, % (not simulated in this phase) */
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

/* Queue a tillage for the next agro_century_step: depth TILDEP (cm) and RINP (%). */
struct agro_century_state;
struct agro_century_params;
void agro_century_till_unchecked(struct agro_century_state *s, double depth_cm, double pct);
/* The tests' view: the incorporation and mixing such a tillage makes before the day's
   decomposition, applied to @p s now. */
void agro_century_till_now_unchecked(const struct agro_century_params *p, struct agro_century_state *s,
                                     double depth_cm, double pct);

#endif
