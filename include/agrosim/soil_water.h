/**
 * @file soil_water.h
 * @brief Layered soil water balance (DSSAT/CERES Ritchie "tipping bucket"), potential
 *        evapotranspiration (Priestley–Taylor, FAO-56 Penman–Monteith), root water uptake
 *        capacity and water stress factors.
 *
 * Usage: derive ::agro_soil_water_params from a soil profile once, initialise an
 * ::agro_soil_water_state, then each day fill ::agro_soil_water_drivers (rain, irrigation,
 * potential soil evaporation, root uptake per layer decided by the caller) and call
 * agro_soil_water_step() (or agro_soil_water_compute() followed by agro_soil_water_integrate()).
 * All fluxes of a day are computed from the start-of-day state and applied once, so the
 * balance  initial + rain + irrigation + rounding − runoff − drainage − evaporation −
 * transpiration − final closes to rounding error every day, "rounding" being the water the
 * storage of each content to 1e-6 cm³/cm³ adds or removes (DSSAT WATBAL.for stores SW so).
 * No allocation, I/O or string work happens in a step.
 *
 * Sources: DSSAT-CSM WATBAL.for, RUNOFF.for, INFIL.for, SATFLO.for, SOILEV.for, UP_FLOW.for,
 * ESR_SoilEvap.for (Suleiman & Ritchie 2003, option), ROOTWU.for,
 * PET.for (Jones et al. 2003); Ritchie 1972 (Water Resour. Res. 8:1204) and Ritchie 1998
 * "Soil water balance and plant water stress" (Understanding Options for Agricultural
 * Production, Kluwer, pp. 41–54); Allen et al. 1998 FAO-56.
 */
#ifndef AGROSIM_SOIL_WATER_H
#define AGROSIM_SOIL_WATER_H

#include "agrosim/core.h"
#include "agrosim/soil.h"
#include "agrosim/weather.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Default maximum root water uptake per unit root length, cm³ water/cm root/d
 *  (CERES ROOTWU RWUMX; DSSAT MZCER048.SPE value for maize). */
#define AGRO_RWUMX_DEFAULT 0.03
/** The most water one day may bring, mm: agro_soil_water_step's limit of the rain and of the
 *  irrigation, and the field's of their sum. */
#define AGRO_DAY_WATER_MAX_MM 2000.0
/** Ratio of root water uptake to potential transpiration below which leaf expansion is
 *  reduced (CERES RWUEP1, DSSAT MZCER048.SPE). */
#define AGRO_RWUEP1_DEFAULT 1.5
/** Default extinction coefficient for partitioning PET to soil evaporation
 *  (EOS = EO·exp(−KEP·LAI); DSSAT MZCER048.SPE KEP for maize). */
#define AGRO_KEP_MAIZE 0.68

/** Soil evaporation methods (agro_soil_water_params.evap_method; DSSAT MESEV). */
enum {
    /** Ritchie (1972) two-stage evaporation from layer 1 plus the UP_FLOW redistribution
     *  between layers (DSSAT SOILEV.for and WATBAL.for, MESEV = R) */
    AGRO_SOIL_EVAP_RITCHIE = 0,
    /** Suleiman & Ritchie (2003) / Ritchie et al. (2009): every layer evaporates in
     *  proportion to its water above air dry (0.3·LL) with depth-dependent coefficients for
     *  wet, intermediate and dry profiles, replacing SOILEV and UP_FLOW (DSSAT-CSM 4.8
     *  ESR_SoilEvap.for, MESEV = S, the DSSAT 4.8 default) */
    AGRO_SOIL_EVAP_SULEIMAN_RITCHIE = 1
};

/** Soil hydraulic parameters of a layered profile (derived from ::agro_soil_profile). */
typedef struct agro_soil_water_params {
    int32_t n_layers;       /**< number of layers used (1..AGRO_SOIL_MAX_LAYERS) */
    int32_t evap_method;    /**< soil evaporation: AGRO_SOIL_EVAP_RITCHIE (0) or AGRO_SOIL_EVAP_SULEIMAN_RITCHIE (DSSAT MESEV R / S) */
    double albedo;          /**< SALB, bare soil albedo, fraction */
    double u_mm;            /**< SLU1, upper limit of stage-1 soil evaporation, mm */
    double swcon_d;         /**< SLDR, fraction of water above DUL drained per day, 1/d */
    double curve_number;    /**< SLRO, SCS runoff curve number (AMC II), 1..100 */
    double smx_mm;          /**< SCS maximum retention S = 254·(100/CN − 1) from the curve number, mm */
    double rwumx_cm3_cm_d;  /**< RWUMX, max uptake per root length, cm³/cm/d (settable) */
    double evap_ll_factor;  /**< SWEF: layer 1 can dry by evaporation to SWEF·LL(1), fraction */
    /** Suleiman–Ritchie: layer-1 water content below which a wet profile evaporates as an
     *  intermediate one, 0.275·DUL1 + 1.165·DUL1² + 1.2·DUL1^3.75·z1 (z1 its mid-depth, cm),
     *  cm³/cm³ (DSSAT-CSM 4.8 ESR_SoilEvap.for, JTR 2008) */
    double esr_wet_threshold;
    double depth_cm[AGRO_SOIL_MAX_LAYERS];     /**< depth of layer bottom, cm */
    double thickness_mm[AGRO_SOIL_MAX_LAYERS]; /**< layer thickness, mm */
    double ll[AGRO_SOIL_MAX_LAYERS];           /**< lower limit, cm³/cm³ */
    double dul[AGRO_SOIL_MAX_LAYERS];          /**< drained upper limit, cm³/cm³ */
    double sat[AGRO_SOIL_MAX_LAYERS];          /**< saturation, cm³/cm³ */
    double ksat_mm_d[AGRO_SOIL_MAX_LAYERS];    /**< saturated conductivity, mm/d (<= 0: unknown, not limiting) */
    /** weight of each layer in the runoff's wetness index SWABI (DSSAT RNOFF.for): 0.15 for
     *  layers 1 and 2, 0.30 for layer 1 of a one-layer profile, 0 below, fraction */
    double wet_weight[AGRO_SOIL_MAX_LAYERS];
    /** Suleiman–Ritchie evaporation coefficient of each layer for a dry profile,
     *  (0.5 + 0.24·DUL)·z^(−2.04 + 0.20·DUL) with z the layer's mid-depth in cm, 1/d
     *  (DSSAT-CSM 4.8 ESR_SoilEvap.for) */
    double esr_coef_dry[AGRO_SOIL_MAX_LAYERS];
    /** ... for a wet profile, 0.26·z^(−0.70), 1/d (ESR_SoilEvap.for) */
    double esr_coef_wet[AGRO_SOIL_MAX_LAYERS];
} agro_soil_water_params;

/** Soil water state: water content per layer, evaporation stage, cumulative totals.
 *  agro_soil_water_state_init() fills it and the steps keep it; a caller may change it between
 *  calls. agro_soil_water_compute(), agro_soil_water_integrate() and agro_soil_water_step()
 *  check the totals of the balance (initial_mm, the cum_* totals, max_abs_balance_error_mm)
 *  finite: AGRO_ENUMERIC naming the member ("cum_rain_mm: state total must be finite (nan)"),
 *  nothing changed. */
typedef struct agro_soil_water_state {
    int32_t n_layers;            /**< number of layers (copy of params) */
    int32_t reserved;            /**< padding, 0 */
    double sw[AGRO_SOIL_MAX_LAYERS]; /**< volumetric water content, cm³/cm³ */
    double sumes1_mm;            /**< SUMES1, cumulative stage-1 soil evaporation, mm */
    double sumes2_mm;            /**< SUMES2, cumulative stage-2 soil evaporation, mm */
    double t_stage2_d;           /**< T, days since stage-2 evaporation began, d */
    double initial_mm;           /**< profile water at initialisation, mm */
    double cum_rain_mm;          /**< cumulative rain, mm */
    double cum_irrigation_mm;    /**< cumulative irrigation, mm */
    double cum_runoff_mm;        /**< cumulative runoff, mm */
    double cum_infiltration_mm;  /**< cumulative infiltration, mm */
    double cum_drainage_mm;      /**< cumulative drainage out of the profile bottom, mm */
    double cum_evaporation_mm;   /**< cumulative soil evaporation, mm */
    double cum_transpiration_mm; /**< cumulative root water uptake (transpiration), mm */
    double max_abs_balance_error_mm; /**< largest |daily balance error| so far, mm */
    /** water held by the surface mulch (DSSAT MULCHWAT), mm over the whole field; part of the
     *  balance (agro_soil_water_mulch_init) */
    double mulch_water_mm;
    /** yesterday's mulch evaporation (DSSAT MULCH%MULCHEVAP), mm: the rain the mulch takes
     *  counts on it evaporating again (MULCHWAT.for DEFICIT) */
    double mulch_evap_prev_mm;
    double cum_mulch_evaporation_mm;  /**< cumulative evaporation from the mulch, mm */
    /** cumulative water brought by residue laid wet on the surface (DSSAT RESWATADD), plus the
     *  mulch's water at initialisation, mm */
    double cum_mulch_water_added_mm;
    /** cumulative water added by storing the contents to 1e-6 cm³/cm³ (rates.rounding_mm), mm;
     *  part of the balance */
    double cum_rounding_mm;
} agro_soil_water_state;

/** Daily inputs of the water balance. */
typedef struct agro_soil_water_drivers {
    double rain_mm;            /**< precipitation reaching the ground as water (rain, or DSSAT WATAVL: rain + snowmelt, 0 on a snow day; the field computes it), mm/d (>= 0) */
    double irrigation_mm;      /**< irrigation applied at the surface, mm/d (>= 0) */
    double eos_mm;             /**< potential soil evaporation EOS, mm/d (>= 0; see agro_pet_partition()) */
    /** Fraction of the surface covered by plastic film or mulch, 0..1. Rain falling on the
     *  film is shed to the open strips and planting holes, so infiltration at field scale is
     *  unchanged (documented simplification); only soil evaporation is cut. */
    double cover_fraction;
    /** Fraction of soil evaporation suppressed under the cover, 0..1 (1 = impermeable film;
     *  BRIEF §5.5: film keeps 0–25 cm soil water > 50 % higher in drought). */
    double cover_evap_suppression;
    /** Fraction of the rain and irrigation falling on the cover that is lost as runoff,
     *  0..1 (0 = shed into open strips/planting holes and infiltrated; 1 = DSSAT RNOFF
     *  plastic-mulch treatment, runoff += WATAVL·PMFRACTION). */
    double cover_runoff_fraction;
    double uptake_mm[AGRO_SOIL_MAX_LAYERS]; /**< root water uptake requested per layer, mm/d (>= 0) */
    /** Surface mulch of crop residue (DSSAT-CSM 4.8 INFIL R/S/M: MULCHWAT.for, MULCHEVAP.for,
     *  RNOFF.for): it intercepts rain, raises the runoff threshold and evaporates before the
     *  soil. 0 = no mulch, or mulch effects off (DSSAT INFIL N); the four members below are
     *  then not read. Mass at the start of the day, kg dry matter/ha (0..1e6). */
    double mulch_kg_ha;
    double mulch_cover;        /**< fraction of the surface it covers (agro_mulch_cover()), 0..1 */
    double mulch_area_cm2_g;   /**< its area per mass (DSSAT MULCH_AM, RESCH048.SDA AM), cm²/g, > 0 */
    double mulch_extinction;   /**< its extinction coefficient for evaporative demand (MUL_EXTFAC), > 0 */
    double mulch_water_kg_kg;  /**< water it holds at saturation (MUL_WATFAC), kg/kg dry matter, >= 0 */
    /** residue laid on the surface since the last step (DSSAT NEWMULCH), kg dry matter/ha:
     *  it arrives holding half its capacity, mulch_water_kg_kg·1e-4·mm per kg/ha / 2 */
    double new_mulch_kg_ha;
} agro_soil_water_drivers;

/** Fluxes of one day (all mm/d). */
typedef struct agro_soil_water_rates {
    double runoff_mm;          /**< surface runoff (SCS curve number) */
    double infiltration_mm;    /**< water entering layer 1 */
    double drainage_mm;        /**< drainage out of the bottom of the profile */
    double evaporation_mm;     /**< actual soil evaporation: from layer 1 (Ritchie), from every
                                    layer (Suleiman–Ritchie) */
    double transpiration_mm;   /**< actual root water uptake, sum over layers */
    double upflux_mm;          /**< total upward unsaturated flow between layers */
    double balance_error_mm;   /**< initial + inputs − outputs − final of this day, mm */
    double potential_evaporation_mm; /**< the EOS the day's evaporation is capped at, mm: after cover suppression (Ritchie), uncut (Suleiman–Ritchie, whose cover cuts each layer's share) */
    /** Net downward flux across the bottom of layer i (saturated drainage minus upward
     *  flow), mm; flux_mm[n-1] is the profile drainage. */
    double flux_mm[AGRO_SOIL_MAX_LAYERS];
    double upflow_mm[AGRO_SOIL_MAX_LAYERS]; /**< unsaturated flow from layer i+1 into i, mm (negative: downward) */
    double uptake_mm[AGRO_SOIL_MAX_LAYERS]; /**< actual root water uptake per layer (<= requested), mm */
    /** change of volumetric water content, cm³/cm³: from the fluxes (compute), then the day's
     *  actual change, the storage to 1e-6 included (integrate), so sw − dsw is the start-of-day
     *  content */
    double dsw[AGRO_SOIL_MAX_LAYERS];
    double rain_mm;            /**< rain of the day (copied from the drivers), mm */
    double irrigation_mm;      /**< irrigation of the day (copied from the drivers), mm */
    double sumes1_next_mm;     /**< SUMES1 after today's evaporation (applied by integrate), mm */
    double sumes2_next_mm;     /**< SUMES2 after today's evaporation (applied by integrate), mm */
    double t_stage2_next_d;    /**< T after today's evaporation (applied by integrate), d */
    /** water the storage of the contents to 1e-6 cm³/cm³ added (negative: removed) when
     *  integrate applied the day, mm; a term of the balance (DSSAT WATBAL.for INTEGR) */
    double rounding_mm;
    double mulch_interception_mm;  /**< rain taken up by the mulch (DSSAT MULWATADD), mm */
    double mulch_evaporation_mm;   /**< evaporation from the mulch (DSSAT EM), mm */
    double mulch_water_added_mm;   /**< water brought by new residue (DSSAT RESWATADD), mm */
} agro_soil_water_rates;

/**
 * Derive water parameters from a soil profile, validating every layer (0 <= LL < DUL < SAT
 * <= 1, thickness at least ::AGRO_SOIL_MIN_LAYER_CM, else AGRO_ERANGE naming the layer's SLB,
 * 0 < SLDR <= 1, 1 <= CN <= 100, 0 <= SLU1 <= 50 mm, albedo in [0,1]).
 * SSKS NaN or <= 0 (unknown) does not limit drainage.
 * Errors name the layer and field; @p out is unchanged on an error. RWUMX is set to
 * ::AGRO_RWUMX_DEFAULT.
 * @return AGRO_OK; AGRO_EINVAL for NULL; AGRO_ERANGE (AGRO_ENUMERIC for a non-finite value).
 */
AGRO_API int agro_soil_water_params_from_profile(agro_ctx *ctx, const agro_soil_profile *profile,
                                                 agro_soil_water_params *out);

/**
 * Initialise the state. @p sw_initial (n_layers values, cm³/cm³, each in [0, SAT]) may be
 * NULL: the profile starts at DUL. The evaporation stage sums start from the deficit of
 * layer 1 below DUL (DSSAT SOILEV.for initialisation).
 * @return AGRO_OK; AGRO_EINVAL for NULL; AGRO_ERANGE / AGRO_ENUMERIC naming the layer for a
 *         content or a parameter outside its range (those of agro_soil_water_compute()), and
 *         AGRO_ERANGE for a thickness_mm below 10·::AGRO_SOIL_MIN_LAYER_CM = 0.01 mm (less 1e-8
 *         mm, the profile checks' 1e-9 cm), which agro_soil_water_params_from_profile() never
 *         gives ("layer 4 thickness_mm: must be at least 0.01 mm, the thinnest the soil models
 *         take ... (1e-05)"), as agro_soil_water_compute() and the steps check it.
 */
AGRO_API int agro_soil_water_state_init(agro_ctx *ctx, const agro_soil_water_params *p,
                                        const double *sw_initial, agro_soil_water_state *out);

/**
 * Compute the day's fluxes from the start-of-day state @p s (not modified): SCS runoff
 * with antecedent wetness, infiltration and cascading drainage limited by SWCON and KSAT,
 * two-stage Ritchie evaporation, root uptake (clipped at LL), upward unsaturated flow.
 * Non-finite or negative drivers → AGRO_ENUMERIC/AGRO_ERANGE naming the field. The params
 * (which a caller may fill by hand) must lie in the ranges agro_soil_water_params_from_profile()
 * gives (0 <= ll < dul < sat <= 1, 0 < thickness_mm <= 50000 and at least
 * 10·::AGRO_SOIL_MIN_LAYER_CM = 0.01 mm less 1e-8 mm, the profile checks' 1e-9 cm, as
 * agro_soil_water_state_init() refuses it ("layer 4 thickness_mm: must be at least 0.01 mm, the
 * thinnest the soil models take ... (1e-05)"), depth_cm increasing to 5000,
 * ksat_mm_d finite, 0 < swcon_d <= 1, 0 <= u_mm <= 50, 0 <= smx_mm <= 25146, 0 <= evap_ll_factor
 * <= 1, wet_weight in [0, 1], the Suleiman–Ritchie coefficients finite and >= 0): otherwise
 * AGRO_ENUMERIC/AGRO_ERANGE naming the member (and layer). agro_soil_water_state_init() and
 * agro_soil_water_integrate() check them too. The state's totals must be finite
 * (agro_soil_water_state), else AGRO_ENUMERIC naming the member.
 */
AGRO_API int agro_soil_water_compute(agro_ctx *ctx, const agro_soil_water_params *p,
                                     const agro_soil_water_state *s,
                                     const agro_soil_water_drivers *d,
                                     agro_soil_water_rates *r);

/** Apply @p r (from agro_soil_water_compute()) to @p s once: water contents, stored to
 *  1e-6 cm³/cm³ as DSSAT's WATBAL stores SW, evaporation stage accumulators and cumulative
 *  totals; stores the day's rounding, actual change (dsw) and balance error in @p r.
 *  Every flux of @p r must be finite and >= 0 (rain and irrigation <= 2000 mm, the others
 *  <= 1e6 mm): otherwise AGRO_ENUMERIC/AGRO_ERANGE naming it ("rates.runoff_mm"), @p s unchanged;
 *  and so for a total of @p s that is not finite (agro_soil_water_state), naming it. */
AGRO_API int agro_soil_water_integrate(agro_ctx *ctx, const agro_soil_water_params *p,
                                       agro_soil_water_state *s, agro_soil_water_rates *r);

/** agro_soil_water_compute() then agro_soil_water_integrate(). */
AGRO_API int agro_soil_water_step(agro_ctx *ctx, const agro_soil_water_params *p,
                                  agro_soil_water_state *s, const agro_soil_water_drivers *d,
                                  agro_soil_water_rates *r);

/** Total water held in the profile, mm (NaN for NULL or a layer count outside
 *  1..AGRO_SOIL_MAX_LAYERS or differing between @p p and @p s; same for the next two). */
AGRO_API double agro_soil_water_total_mm(const agro_soil_water_params *p,
                                         const agro_soil_water_state *s);
/** Plant-extractable water above LL in the profile, mm. */
AGRO_API double agro_soil_water_extractable_mm(const agro_soil_water_params *p,
                                               const agro_soil_water_state *s);
/** Cumulative balance: initial + rain + irrigation + water of new mulch − runoff − drainage −
 *  soil and mulch evaporation − transpiration − current (profile and mulch), mm (0 up to
 *  rounding). */
AGRO_API double agro_soil_water_balance_mm(const agro_soil_water_params *p,
                                           const agro_soil_water_state *s);

/**
 * Fraction of the surface a mulch covers, 1 − exp(−AM·1e-5·M) (DSSAT-CSM 4.8 MULCHLAYER.for;
 * Gregory 1982). @p mulch_kg_ha dry matter, kg/ha (>= 0); @p area_cm2_g its area per mass, cm²/g
 * (> 0). NaN for a negative or non-finite argument.
 */
AGRO_API double agro_mulch_cover(double mulch_kg_ha, double area_cm2_g);

/**
 * Start the mulch's water balance as DSSAT does at the start of a season (MULCHWAT.for): the
 * mulch holds half its capacity, 0.5·@p water_kg_kg·1e-4·@p mulch_kg_ha mm, counted as water
 * added (cum_mulch_water_added_mm) so the balance closes. Call after agro_soil_water_state_init.
 * @return AGRO_OK; AGRO_EINVAL for a NULL @p s; AGRO_ERANGE naming mulch_kg_ha (0..1e6 kg/ha)
 *         or mulch_water_kg_kg (0..100 kg/kg) outside its range, AGRO_ENUMERIC if not finite.
 */
AGRO_API int agro_soil_water_mulch_init(agro_ctx *ctx, agro_soil_water_state *s,
                                        double mulch_kg_ha, double water_kg_kg);

/**
 * Root water uptake capacity per layer (DSSAT-CSM ROOTWU, Ritchie 1998): for each layer
 * with RLV > 0 and SW > LL, uptake per root length
 * u = min(1.32e-3·exp(min(SWCON2·(SW−LL), 40))/(7.01 − ln RLV), RWUMX) cm³/cm/d with
 * SWCON2 = 120 − 250·LL (45 when LL > 0.30); capacity = u·RLV·dz, not bounded by the layer's
 * extractable water (SW−LL)·dz: DSSAT's TRWUP is the sum of these, and the uptake itself is
 * clipped at LL later (XTRACT, agro_soil_water_step). @p rlv_cm_cm3: root length density per layer,
 * cm/cm³ (n_layers values, >= 0). @p out_mm: capacity per layer, mm/d. Checks and statuses as
 * agro_root_water_uptake_capacity_pormin; @p ctx (may be NULL) gets the message.
 */
AGRO_API int agro_root_water_uptake_capacity(agro_ctx *ctx, const agro_soil_water_params *p,
                                             const agro_soil_water_state *s,
                                             const double *rlv_cm_cm3, double *out_mm);

/**
 * agro_root_water_uptake_capacity with ROOTWU's cut in waterlogged layers (DSSAT-CSM ROOTWU.for):
 * in each layer with RLV > 1e-5 and SW > LL, @p tss_d (n_layers counters, days, >= 0; the
 * caller keeps them between days, 0 at the start of a season) counts the consecutive calls
 * with SAT − SW < @p pormin, cm³/cm³ (0..1; below 1e-6 no cut, the counters are reset) and is
 * reset otherwise; after more than 2 such days u <= RWUMX·max(0, min(1, (SAT − SW)/PORMIN)).
 * Layers without roots or at LL keep their counters. Every input is checked before any output
 * is written: AGRO_ENUMERIC for a non-finite RLV, counter, LL, SAT, thickness or content,
 * AGRO_ERANGE for one out of range (a negative counter or RLV, LL outside [0, 1), SAT outside
 * (LL, 1], thickness outside (0, 50000] mm or below 10·::AGRO_SOIL_MIN_LAYER_CM = 0.01 mm
 * less 1e-8 mm, as the water params' checks refuse it, a content outside [0, 1]); @p tss_d and
 * @p out_mm are then unchanged. @p ctx (may be NULL) gets a message naming the argument and
 * the layer index from 0, e.g. "rlv_cm_cm3[4]: root length density must be in [0, 1e9] cm/cm3
 * (-1)", "p->sat[2]: must be finite (nan)" or "p->thickness_mm[3]: must be at least 0.01 mm,
 * the thinnest the soil models take ... (1e-05)" (the first non-finite value of any layer,
 * else the first value out of range).
 */
AGRO_API int agro_root_water_uptake_capacity_pormin(agro_ctx *ctx,
                                                    const agro_soil_water_params *p,
                                                    const agro_soil_water_state *s,
                                                    const double *rlv_cm_cm3, double pormin,
                                                    double *tss_d, double *out_mm);

/**
 * CERES water stress factors from the total uptake capacity TRWUP (mm/d) and potential
 * transpiration EP (mm/d): SWFAC = min(1, TRWUP/EP) (photosynthesis), TURFAC =
 * min(1, TRWUP/(RWUEP1·EP)) (expansion). EP <= 0 gives 1 and 1. Either pointer may be NULL.
 * @return AGRO_OK; AGRO_ENUMERIC for a non-finite argument, AGRO_ERANGE for TRWUP or EP < 0 or
 *         RWUEP1 <= 0; @p ctx (may be NULL) gets a message naming it ("ep_mm: must be >= 0
 *         mm/d (-1)").
 */
AGRO_API int agro_water_stress_factors(agro_ctx *ctx, double trwup_mm, double ep_mm,
                                       double rwuep1, double *swfac, double *turfac);

/**
 * Priestley–Taylor potential evapotranspiration EO as DSSAT PETPT: albedo blended between
 * soil and crop (0.23) by LAI, EEQ from radiation and 0.6·TMAX + 0.4·TMIN, ×1.1, with the
 * hot (> 35 °C) and cold (< 5 °C) adjustments.
 * @return AGRO_OK; AGRO_EINVAL for a NULL @p w or @p eo_mm; AGRO_ENUMERIC for a non-finite SRAD,
 *         TMAX, TMIN, albedo or LAI; AGRO_ERANGE for SRAD outside 0..100 MJ/m²/d, temperatures
 *         outside −90 <= TMIN <= TMAX <= 70 °C, an albedo outside [0, 1] or a negative LAI.
 * @param soil_albedo bare soil albedo (SALB), fraction
 * @param lai leaf area index of the whole canopy, m²/m²
 * @param eo_mm output, mm/d
 */
AGRO_API int agro_pet_priestley_taylor(agro_ctx *ctx, const agro_weather_day *w,
                                       double soil_albedo, double lai, double *eo_mm);

/**
 * Albedo of the soil surface seen by PET (DSSAT-CSM 4.8 SOILDYN.for ALBEDO_avg, every day):
 * the soil darkens as its top layer wets, SWALB = SALB·(1 − 0.45·FF) with
 * FF = (SW1 − 0.03)/(DUL1 − 0.03) in [0, 2], and a mulch covering @p mulch_cover of it
 * shows its own albedo 0.45 (MULCHLAYER.for): MSALB = cover·0.45 + (1 − cover)·SWALB.
 * @param soil_albedo SALB of the soil file (moist soil), fraction
 * @param sw1 start-of-day water content of layer 1, cm³/cm³
 * @param dul1 drained upper limit of layer 1, cm³/cm³ (at 0.03 FF is 2 above 0.03, else 0)
 * @param mulch_cover fraction of the surface covered by mulch, 0..1 (0 without mulch effects)
 * @return MSALB, fraction; NaN for non-finite arguments or @p mulch_cover outside [0, 1]
 */
AGRO_API double agro_soil_surface_albedo(double soil_albedo, double sw1, double dul1,
                                         double mulch_cover);

/**
 * FAO-56 reference evapotranspiration ET0 (Allen et al. 1998 eq. 6) for grass. Needs wind
 * (wind_km_d) and humidity (tdew_C, vprs_kPa or rhum_pct); when wind or all humidity
 * fields are NaN returns AGRO_EMISSING (the caller falls back to Priestley–Taylor).
 * Weather outside the ranges of agro_pet_priestley_taylor() (SRAD 0..100 MJ/m²/d, −90 <= TMIN
 * <= TMAX <= 70 °C), a day of year outside 1..366, a latitude outside ±90° and a dew point above
 * TMAX → AGRO_ERANGE naming the field; a NULL @p w or @p eto_mm AGRO_EINVAL, a non-finite SRAD,
 * TMAX, TMIN or latitude AGRO_ENUMERIC.
 * @param latitude_deg site latitude, degrees (north positive)
 * @param elevation_m site elevation, m (NaN: 0; else −1000..9000, AGRO_ERANGE naming it)
 * @param wind_height_m measurement height of wind, m (NaN or <= 0: 2 m; else 0.1..100, as
 *        FAO-56 eq. 47 needs a height above 0.095 m: AGRO_ERANGE naming it)
 * @param eto_mm output, mm/d
 */
AGRO_API int agro_pet_penman_monteith(agro_ctx *ctx, const agro_weather_day *w,
                                      double latitude_deg, double elevation_m,
                                      double wind_height_m, double *eto_mm);

/**
 * Partition potential evapotranspiration by canopy cover: potential soil evaporation
 * EOS = EO·exp(−KEP·LAI) and potential transpiration EOP = EO·(1 − exp(−KEP·LAI))
 * (DSSAT SPAM PSE/TRANS with species KEP). Either output may be NULL.
 * @return AGRO_OK; AGRO_ENUMERIC for a non-finite argument, AGRO_ERANGE for EO or LAI < 0 or
 *         KEP <= 0; @p ctx (may be NULL) gets a message naming it ("lai: must be >= 0 m2/m2
 *         (-3)").
 */
AGRO_API int agro_pet_partition(agro_ctx *ctx, double eo_mm, double lai, double kep,
                                double *eos_mm, double *eop_mm);

/**
 * Relative transpiration of a C4 canopy (maize) at @p co2_ppm against 330 ppm, DSSAT TRATIO
 * (TRANS.for, Allen 1986 eq. 7 for the leaf stomatal resistance, FAO-56 canopy and
 * aerodynamic resistances): RLF = 1/(0.0328 − 5.49·10⁻⁵·C + 2.96·10⁻⁸·C²) + 10 s/m at C = 330
 * and at @p co2_ppm, RL = RLF/1.44, RA = 208/u with u the wind at 2 m in m/s (@p wind_km_d/86.4;
 * NaN or <= 0: 86.4 km/d, DSSAT's default), TRATIO = (Δ + γ(1 + RL/RA))/(Δ + γ(1 + RLC/RA)) with Δ
 * the slope of the saturation vapour pressure at @p tavg_C and γ the psychrometric constant.
 * 1 when @p lai < 0.01. Multiplies the potential transpiration (DSSAT TRANS: EOP = EO·FDINT·TRAT).
 * @return the ratio; NaN for non-finite CO2, temperature or LAI, or CO2 outside [0, 5000].
 */
AGRO_API double agro_transpiration_co2_ratio_c4(double co2_ppm, double tavg_C, double wind_km_d,
                                                double lai);

/** sizeof(agro_soil_water_params), bytes, so bindings can check their mirror of the layout. */
AGRO_API size_t agro_sizeof_soil_water_params(void);
/** sizeof(agro_soil_water_state), bytes, so bindings can check their mirror of the layout. */
AGRO_API size_t agro_sizeof_soil_water_state(void);
/** sizeof(agro_soil_water_drivers), bytes, so bindings can check their mirror of the layout. */
AGRO_API size_t agro_sizeof_soil_water_drivers(void);
/** sizeof(agro_soil_water_rates), bytes, so bindings can check their mirror of the layout. */
AGRO_API size_t agro_sizeof_soil_water_rates(void);

#ifdef __cplusplus
}
#endif
#endif
