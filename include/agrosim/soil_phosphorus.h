/**
 * @file soil_phosphorus.h
 * @brief Soil phosphorus: inorganic labile, active and stable P inside and outside the soil
 *        volume the roots reach, and the P of the fresh organic matter and humus.
 *
 * DSSAT-CSM 4.8's "simple soil P model" (Dzotsi et al. 2010, Nutr. Cycl. Agroecosyst.
 * 86:111–129; Soil/Inorganic_P/SoilPi.for, SoilPi_init.for) with the organic P of the
 * CERES-Godwin organic matter (SoilOrg.for, SoilOrg_init.for): labile P is initialised from a
 * soil-test P by soil type and extraction method (Sharpley et al. 1984, 1989), active and
 * stable P from it; each day first-order flows move P labile ↔ active ↔ stable, organic
 * matter releases or immobilises P, fertiliser enters the labile and active pools by an
 * availability index, and the crop takes up the soluble part of the labile P in the root zone.
 * Equations, DSSAT's quirks and what agrosim fixes: docs/model.md §5.11 and
 * docs/design/phosphorus.md. All amounts are kg P/ha; concentrations mg P/kg soil.
 */
#ifndef AGROSIM_SOIL_PHOSPHORUS_H
#define AGROSIM_SOIL_PHOSPHORUS_H

#include "agrosim/core.h"
#include "agrosim/soil.h"
#include "agrosim/soil_century.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Soil layer types of the P model (DSSAT SOILDYN.for SoilLayerClass). */
enum {
    AGRO_SOIL_P_UNKNOWN = 0,            /**< CEC or clay not known */
    AGRO_SOIL_P_CALCAREOUS = 1,         /**< CaCO3 above 0.15 % */
    AGRO_SOIL_P_SLIGHTLY_WEATHERED = 2, /**< CEC/(clay/100) above 16 cmol/kg */
    AGRO_SOIL_P_HIGHLY_WEATHERED = 3,   /**< CEC/(clay/100) at most 16 cmol/kg */
    AGRO_SOIL_P_ANDISOL = 4             /**< volcanic soils (not detected from a profile) */
};

/** Per-layer constants of the P model, fixed for a season (agro_soil_p_init). A caller may
 *  change them; the calls that read them refuse values outside their ranges (agro_soil_p_step,
 *  agro_soil_p_root_volume and the entries agro_soil_p_state lists). */
typedef struct agro_soil_p_params {
    int32_t n_layers;                 /**< layers used; one past the profile's, its layers after it unfilled (0), is refused naming n_layers */
    int32_t method;                   /**< soil-test method, SMPX number (soil.h p_method) */
    int32_t layer_type[AGRO_SOIL_MAX_LAYERS]; /**< AGRO_SOIL_P_* */
    double kg_ha_per_ppm[AGRO_SOIL_MAX_LAYERS]; /**< BD·DLAYR/10: kg P/ha per mg P/kg, (0, 1325] (BD at most
                                                     2.65 g/cm³, a layer at most 5000 cm); 1e6·kg_ha_per_ppm
                                                     is the layer's soil mass, the most a pool may hold; a pool
                                                     above it is refused naming kg_ha_per_ppm when it is not the
                                                     0.1·BD·thickness_cm of a BD in (0.001, 2.65] */
    double thickness_cm[AGRO_SOIL_MAX_LAYERS];  /**< layer thickness, cm, (0, 5000] and at least
                                                     ::AGRO_SOIL_MIN_LAYER_CM (less 1e-9 cm):
                                                     "layer 4 thickness_cm: must be at least
                                                     0.001 cm, ... (1e-06)" */
    double depth_cm[AGRO_SOIL_MAX_LAYERS];      /**< depth of the layer bottom, cm, (0, 5000] */
    double pai[AGRO_SOIL_MAX_LAYERS];           /**< P availability index, 0.1–0.99 */
    double k_lab2act[AGRO_SOIL_MAX_LAYERS];     /**< labile → active, 1/d */
    double k_act2lab[AGRO_SOIL_MAX_LAYERS];     /**< active → labile, 1/d */
    double k_act2sta[AGRO_SOIL_MAX_LAYERS];     /**< active → stable, 1/d */
    double k_sta2act[AGRO_SOIL_MAX_LAYERS];     /**< stable → active, 1/d */
    double frac_soln[AGRO_SOIL_MAX_LAYERS];     /**< fraction of labile P in solution before the texture and water factors */
    double tex_fac[AGRO_SOIL_MAX_LAYERS];       /**< texture factor of the soluble fraction, 0.25 + 0.25·SAT/LL */
    double ll[AGRO_SOIL_MAX_LAYERS];            /**< lower limit, cm³/cm³, for the water factor SW/LL */
    double caco3_pct[AGRO_SOIL_MAX_LAYERS];     /**< CaCO3, % (NaN unknown), for the fertiliser index */
    double clay_pct[AGRO_SOIL_MAX_LAYERS];      /**< clay, % */
    double ph[AGRO_SOIL_MAX_LAYERS];            /**< pH in water */
    double base_sum_cmol_kg[AGRO_SOIL_MAX_LAYERS]; /**< sum of bases, cmol/kg (NaN unknown) */
} agro_soil_p_params;

/** Soil P pools. "rts": the soil volume in contact with roots; "out": the rest of the layer.
 *  agro_soil_p_init() fills it and the P functions keep it; a caller may change it between
 *  calls. agro_soil_p_step() and agro_soil_p_step_century(), and agro_soil_p_fertilise(),
 *  agro_soil_p_add_organic(), agro_soil_p_root_volume(), agro_soil_p_take_up() and
 *  agro_soil_p_set_saturation() after their own arguments and with the params' ranges first, check, on every call and before anything
 *  changes, roots_seen 0 or 1, each layer's pools (lab_*, act_*, sta_*, fom_p, humus_p), fert_broadcast,
 *  fert_banded and uptake_pending finite, >= 0 and at most the layer's soil mass
 *  (1e6·kg_ha_per_ppm, kg/ha), uptake_pending also at most the layer's labile P
 *  (lab_rts + lab_out, which the step takes it from), frac_rts and frac_rts_prev in [0, 1], and initial_kg_ha, the
 *  cum_* totals and max_abs_balance_error_kg_ha finite: AGRO_ERANGE, or AGRO_ENUMERIC for a
 *  non-finite value, naming the member and its layer ("layer 1 humus_p: state must be ..."). */
typedef struct agro_soil_p_state {
    int32_t n_layers;                 /**< layers used */
    int32_t roots_seen;               /**< 1: the crop's roots have reached the soil this season (agro_soil_p_root_volume); 0 or 1, checked as the other members */
    double lab_rts[AGRO_SOIL_MAX_LAYERS]; /**< labile P in the root zone, kg P/ha */
    double lab_out[AGRO_SOIL_MAX_LAYERS]; /**< labile P outside it, kg P/ha */
    double act_rts[AGRO_SOIL_MAX_LAYERS]; /**< active P in the root zone, kg P/ha */
    double act_out[AGRO_SOIL_MAX_LAYERS]; /**< active P outside it, kg P/ha */
    double sta_rts[AGRO_SOIL_MAX_LAYERS]; /**< stable P in the root zone, kg P/ha */
    double sta_out[AGRO_SOIL_MAX_LAYERS]; /**< stable P outside it, kg P/ha */
    double frac_rts[AGRO_SOIL_MAX_LAYERS];      /**< fraction of the layer's volume in the root zone, 0..1, never falls in a season */
    double frac_rts_prev[AGRO_SOIL_MAX_LAYERS]; /**< frac_rts at the last step */
    double fom_p[AGRO_SOIL_MAX_LAYERS];   /**< P in the fresh organic matter, kg P/ha */
    double humus_p[AGRO_SOIL_MAX_LAYERS]; /**< P in the humus, kg P/ha */
    double avail[AGRO_SOIL_MAX_LAYERS];   /**< soluble labile P in the root zone: what roots can take, kg P/ha */
    double uptake_pending[AGRO_SOIL_MAX_LAYERS]; /**< crop uptake recorded since the last step, removed by the next step, kg P/ha */
    double fert_broadcast[AGRO_SOIL_MAX_LAYERS]; /**< fertiliser P spread through the layer, waiting for the next step, kg P/ha */
    double fert_banded[AGRO_SOIL_MAX_LAYERS];    /**< fertiliser P placed in the root zone (bands), waiting for the next step, kg P/ha */
    double initial_kg_ha;             /**< total soil P at initialisation */
    double cum_fertiliser_kg_ha;      /**< fertiliser P applied */
    double cum_organic_in_kg_ha;      /**< P added with residues and dead roots */
    double cum_uptake_kg_ha;          /**< crop uptake */
    double cum_mineralised_kg_ha;     /**< organic P mineralised (gross, into the labile pools) */
    double cum_immobilised_kg_ha;     /**< labile P immobilised by organic matter */
    double max_abs_balance_error_kg_ha; /**< largest daily balance error so far */
    /** net P that organic matter outside this state gave it, kg P/ha: CENTURY's mineralised
     *  less immobilised P (agro_soil_p_step_century); 0 with this state's own FOM and humus
     *  P (agro_soil_p_step), whose flows stay inside the total */
    double cum_om_external_kg_ha;
} agro_soil_p_state;

/** Daily drivers of the P step. */
typedef struct agro_soil_p_drivers {
    double sw[AGRO_SOIL_MAX_LAYERS]; /**< volumetric water at the end of the day, cm³/cm³ */
    /** the day's decomposition of the soil N step (agro_soil_n_rates fom_frac, humus_frac,
     *  fom_n_decomposed, immobilisation), which the organic P follows */
    double fom_frac[AGRO_SOIL_MAX_LAYERS];
    double humus_frac[AGRO_SOIL_MAX_LAYERS];
    double fom_n_decomposed[AGRO_SOIL_MAX_LAYERS]; /**< kg N/ha */
    double n_immobilised[AGRO_SOIL_MAX_LAYERS];    /**< kg N/ha */
} agro_soil_p_drivers;

/** Rates of one P step, kg P/ha (per layer and totals). */
typedef struct agro_soil_p_rates {
    double uptake_kg_ha;        /**< crop uptake removed */
    double fertiliser_kg_ha;    /**< fertiliser P that entered the pools */
    double mineralised_kg_ha;   /**< organic P mineralised into the labile pools */
    double immobilised_kg_ha;   /**< labile P immobilised */
    double lab_to_act_kg_ha;    /**< net labile → active */
    double act_to_sta_kg_ha;    /**< net active → stable */
    double balance_error_kg_ha; /**< the day's balance error */
    double unmet_immobilised_kg_ha; /**< agro_soil_p_step_century: CENTURY immobilisation no layer's labile P could meet */
    double mineralised[AGRO_SOIL_MAX_LAYERS]; /**< per layer */
    double immobilised[AGRO_SOIL_MAX_LAYERS]; /**< per layer */
} agro_soil_p_rates;

/**
 * Initialise the P model of profile @p pr (soil.h P chemistry): layer types, labile P from the soil test
 * (extractable_p_mg_kg by p_method), the availability index and rate constants, active and
 * stable P at equilibrium with labile (stable = 4 × active), humus P from organic_p_mg_kg or,
 * where unknown, DSSAT's estimate from pH and organic C. Missing pH, CEC, clay and bulk density
 * take DSSAT SOILDYN's defaults (7.0, 15.5 cmol/kg, 30 %, 1.2 g/cm³); missing (NaN) organic C
 * gives no humus P estimate.
 * @return AGRO_OK; naming the field and the layer: AGRO_EORDER (AGRO_ENUMERIC if not finite)
 *         for depths that do not increase downwards from 0 (SLB), AGRO_ERANGE naming SLB for a
 *         layer thinner than ::AGRO_SOIL_MIN_LAYER_CM, AGRO_ERANGE (AGRO_ENUMERIC)
 *         for a bulk density outside (0, 2.65] g/cm³ (SBDM), a lower limit outside (0, 1)
 *         (SLLL), a saturation outside (SLLL, 1] (SSAT), an organic C outside [0, 60] %
 *         (SLOC), and, in the bounds of agro_soil_validate, a soil-test P outside [0, 5000]
 *         mg/kg (SLPX), clay outside [0, 100] % (SLCL), CaCO3 outside [0, 1000] g/kg (CACO3),
 *         exchangeable K outside [0, 100] cmol/kg (SLKE), sum of bases or CEC outside [0, 500]
 *         cmol/kg (SLBS, SCEC), organic P outside [0, 10000] mg/kg (SLPO) or pH outside
 *         [2, 12] (SLHW) (NaN: unknown, the default or DSSAT's estimate stands);
 *         AGRO_EMISSING naming SLPX (and the layer) when a layer has no soil-test P (NaN) or
 *         SMPX when the method is unknown; AGRO_ERANGE naming SMPX when the method has no
 *         equation for the layer's soil type (as DSSAT stops); AGRO_EINVAL for NULL. On any
 *         failure @p p and @p s are left as they were.
 */
AGRO_API int agro_soil_p_init(agro_ctx *ctx, const agro_soil_profile *pr,
                              agro_soil_p_params *p, agro_soil_p_state *s);

/**
 * Apply @p kg_p_ha fertiliser P to layer @p layer, for the next step. @p band_fraction 0:
 * spread through the layer (broadcast); > 0: in a band that occupies that fraction of the
 * layer's volume (DSSAT: 5 cm over the row spacing, RootSoilVol.for), which joins the root
 * zone at once. AGRO_ERANGE for amounts outside [0, 5000] kg P/ha or fractions outside [0, 1];
 * then @p p and @p s as agro_soil_p_state says (nothing added).
 */
AGRO_API int agro_soil_p_fertilise(agro_ctx *ctx, const agro_soil_p_params *p,
                                   agro_soil_p_state *s, int32_t layer, double kg_p_ha,
                                   double band_fraction);

/** Add @p kg_p_ha of organic P (residue, dead roots) to the fresh organic matter of layer
 *  @p layer. AGRO_ERANGE for amounts outside [0, 5000]; then @p p and @p s as
 *  agro_soil_p_state says (nothing added). */
AGRO_API int agro_soil_p_add_organic(agro_ctx *ctx, const agro_soil_p_params *p,
                                     agro_soil_p_state *s, int32_t layer, double kg_p_ha);

/**
 * The root zone of the day (DSSAT RootSoilVol.for): on the first day with roots, a 5 × 5 cm
 * column per plant down to @p root_depth_cm, at most 5 cm across the row (@p row_spacing_cm);
 * afterwards each layer's fraction grows to RLV·π·r² (@p rlv cm/cm³, @p root_radius_m), to 1
 * above 0.99, and never falls. No roots (ΣRLV < 1e-5): nothing changes.
 * @return AGRO_OK; AGRO_EINVAL (NULL, or params and state that disagree on their layers);
 *         AGRO_ERANGE (AGRO_ENUMERIC if not finite) naming the layer for a params thickness_cm
 *         or depth_cm outside (0, 5000] cm, or a thickness_cm below ::AGRO_SOIL_MIN_LAYER_CM
 *         (less 1e-9 cm; "layer 4 thickness_cm: must be at least 0.001 cm, the thinnest the soil
 *         models take ... (1e-06)"), as agro_soil_p_fertilise(), agro_soil_p_add_organic(),
 *         agro_soil_p_take_up() and agro_soil_p_set_saturation() check it too; AGRO_ERANGE
 *         for an RLV, depth, population, spacing or radius that is negative or not finite
 *         (nothing changes). @p ctx (may be NULL) gets a message naming the argument,
 *         for @p rlv with the layer index from 0: "rlv[2]: root length density must be finite
 *         and >= 0 cm/cm3 (inf)"; then @p p and @p s as agro_soil_p_state says.
 */
AGRO_API int agro_soil_p_root_volume(agro_ctx *ctx, const agro_soil_p_params *p,
                                     agro_soil_p_state *s, const double *rlv,
                                     double root_depth_cm, double pltpop_m2,
                                     double row_spacing_cm, double root_radius_m);

/** Record the crop's uptake @p kg_p_ha per layer, removed from the labile P at the next step
 *  (DSSAT SoilPi takes the previous day's PUptake). @return AGRO_OK; AGRO_EINVAL (NULL, or
 *  layers that disagree); AGRO_ERANGE for an uptake that is negative or not finite (nothing is
 *  recorded: it made the cumulative uptake NaN). @p ctx (may be NULL) gets a message naming
 *  the layer index from 0: "kg_p_ha[1]: P uptake must be finite and >= 0 kg/ha (-5)"; then
 *  @p p and @p s as agro_soil_p_state says; then AGRO_ERANGE, naming the element, for an
 *  uptake that with the uptake_pending already recorded is more than the layer's labile P
 *  (lab_rts + lab_out, 1e-9 kg/ha allowed), which the step takes it from: "kg_p_ha[1]: P
 *  uptake with the 0 kg/ha recorded since the last step must be at most layer 2's labile P
 *  (lab_rts + lab_out), 11.07 kg/ha, ... (1000)". Nothing is recorded on a refusal. */
AGRO_API int agro_soil_p_take_up(agro_ctx *ctx, const agro_soil_p_params *p,
                                 agro_soil_p_state *s, const double *kg_p_ha);

/**
 * One day: uptake removal, the root zone's growth, fertiliser, organic P, the flows between
 * the pools, then the soluble and available P. @p r may be NULL.
 * @return AGRO_OK; AGRO_EINVAL for NULL or mismatched layers; AGRO_ERANGE (AGRO_ENUMERIC if
 *         not finite) naming the field and layer for params outside the ranges that
 *         agro_soil_p_init gives them and a caller's edit may leave: k_lab2act, k_act2lab,
 *         k_act2sta, k_sta2act and frac_soln in [0, 1], kg_ha_per_ppm in (0, 1325], tex_fac >= 0.25,
 *         ll in (0, 1), clay_pct in [0, 100] %, ph in [0, 14], caco3_pct in [0, 100] % and
 *         base_sum_cmol_kg in [0, 500] cmol/kg (these two NaN: unknown); AGRO_ERANGE or
 *         AGRO_ENUMERIC naming the driver and layer for a negative or non-finite driver (or an
 *         SW or a fraction above 1, or a fom_n_decomposed or n_immobilised above the layer's
 *         soil mass), before anything changes; for @p s outside the ranges agro_soil_p_state
 *         gives, naming the member and layer, before anything changes; AGRO_ENUMERIC naming the
 *         pool and layer when a pool would still become negative or non-finite. On any failure @p s is left as it
 *         was (the day is computed aside and written only when every layer's pools are valid).
 */
AGRO_API int agro_soil_p_step(agro_ctx *ctx, const agro_soil_p_params *p, agro_soil_p_state *s,
                              const agro_soil_p_drivers *d, agro_soil_p_rates *r);

/**
 * agro_soil_p_step with CENTURY's organic P (soil_century.h) instead of this state's FOM and
 * humus P: the net of @p om's mineralised and immobilised P of each layer (the surface's with
 * layer 1) enters or leaves the labile P; the fom_frac, humus_frac, fom_n_decomposed and
 * n_immobilised of @p d are not read; an immobilisation no layer can meet is counted in
 * unmet_immobilised_kg_ha (DSSAT SoilPi.for drops it).
 */
AGRO_API int agro_soil_p_step_century(agro_ctx *ctx, const agro_soil_p_params *p,
                                      agro_soil_p_state *s, const agro_soil_p_drivers *d,
                                      const agro_century_rates *om, agro_soil_p_rates *r);
/**
 * The layers' saturated water content changed (a tillage pass loosened the soil, rain settles
 * it: DSSAT SOILDYN): the texture factor of the soluble fraction, 0.25 + 0.25·SAT/LL, takes
 * @p sat, cm³/cm³, and the root zone's available P (@p s->avail) is recomputed with it at the
 * water contents @p sw, as DSSAT's SoilPi INTEGR does after SOILDYN INTEGR (SOIL.for calls
 * SOILDYN first, and SoilPi reads SOILPROP's SAT every day).
 * @return AGRO_OK; AGRO_EINVAL for NULL (named: "sat: NULL argument"), a params n_layers
 *         outside 1..AGRO_SOIL_MAX_LAYERS ("p->n_layers: must be 1..40 (41)"), a state of other
 *         layers ("n_layers: P params have 6 layers, P state 5") or @p n other than the layers
 *         ("n: 5 layers given, the P model has 6"); AGRO_ERANGE naming
 *         the layer for a SAT or SW outside 0–1 or a params LL (SLLL) outside (0, 1),
 *         AGRO_ENUMERIC for an LL that is not finite; then @p p, with the texture factor this
 *         call sets, and @p s as agro_soil_p_state says ("layer 2 frac_soln: P parameter must
 *         be in [0, 1] (nan)"). Nothing changes on a refusal.
 */
AGRO_API int agro_soil_p_set_saturation(agro_ctx *ctx, agro_soil_p_params *p,
                                        agro_soil_p_state *s, const double *sat, const double *sw,
                                        size_t n);
/* The five totals below are NaN for a NULL state or one whose n_layers is outside
 * 1..AGRO_SOIL_MAX_LAYERS (as the N and water totals). */
/** Inorganic P in the profile (labile + active + stable), kg P/ha. */
AGRO_API double agro_soil_p_inorganic_kg_ha(const agro_soil_p_state *s);
/** Available (soluble root-zone) P in the profile, kg P/ha. */
AGRO_API double agro_soil_p_available_kg_ha(const agro_soil_p_state *s);
/** Labile P in the profile, kg P/ha. */
AGRO_API double agro_soil_p_labile_kg_ha(const agro_soil_p_state *s);
/** All soil P (inorganic + organic + fertiliser waiting − uptake recorded), kg P/ha. */
AGRO_API double agro_soil_p_total_kg_ha(const agro_soil_p_state *s);
/** Initial + fertiliser + organic inputs + CENTURY's net release (cum_om_external_kg_ha)
 *  − uptake − total: 0 up to rounding. */
AGRO_API double agro_soil_p_balance_kg_ha(const agro_soil_p_state *s);

AGRO_API size_t agro_sizeof_soil_p_params(void);
AGRO_API size_t agro_sizeof_soil_p_state(void);
AGRO_API size_t agro_sizeof_soil_p_drivers(void);
AGRO_API size_t agro_sizeof_soil_p_rates(void);

#ifdef __cplusplus
}
#endif
#endif
