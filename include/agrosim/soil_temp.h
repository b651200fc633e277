/**
 * @file soil_temp.h
 * @brief Soil temperature with depth and time: a numerical 1-D heat-conduction model
 *        (Campbell 1985 properties, implicit/Crank–Nicolson finite volumes on a geometric grid,
 *        sub-daily steps) with bare, residue, canopy and plastic-film surface boundaries, the
 *        DSSAT STEMP damped-annual-cosine model, and DSSAT's EPIC soil temperature (STEMP_EPIC).
 *
 * Life cycle: agro_soil_temp_options_default() → edit options → agro_soil_temp_create() →
 * agro_soil_temp_step() once per day → read agro_soil_temp_at() / _layer_means() / _surface().
 * The cover (film laid or removed, residue) may change between days with
 * agro_soil_temp_set_cover(). No allocation happens after create.
 *
 * Surface (numerical, weather top): Campbell & Norman air-temperature wave + the STEMP radiative
 * excess (TMAX − TAVG)·√(0.03·SRAD) spread over daylight, shaded by exp(−0.5·LAI) and by the
 * residue cover fraction, its daily mean weighted by the EPIC cover factor toward yesterday's
 * five-day mean of itself (DSSAT STEMP_EPIC's X2_PREV), plus
 * film warming (clear: +6 °C day peak / +1.5 night; black: +4 / +1; reduced under a canopy and
 * over warm soil). Soil water is the caller's (drivers.sw, NaN = DUL).
 *
 * Depths are positive downwards from the soil surface. Temperatures in °C.
 */
#ifndef AGROSIM_SOIL_TEMP_H
#define AGROSIM_SOIL_TEMP_H

#include "agrosim/core.h"
#include "agrosim/soil.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Method: numerical heat conduction (default). */
#define AGRO_SOIL_TEMP_NUMERICAL 0
/** Method: DSSAT STEMP damped annual cosine with the 5-day running mean (daily means only). */
#define AGRO_SOIL_TEMP_STEMP 1
/** Method: DSSAT-CSM 4.8's EPIC soil temperature (STEMP_EPIC.for, METMP = E; Potter & Williams
 *  1994): lagged layer temperatures from a wet/dry-day surface term, a 30-day wet-day record and
 *  the cover of biomass, mulch and snow (daily means only; docs/model.md §4.4). Reads the drivers
 *  canopy_t_ha, mulch_t_ha, water_input_mm and snow_mm; not latitude, day of year, SRAD, LAI or
 *  options.amp_C. */
#define AGRO_SOIL_TEMP_EPIC 2

/** STEMP surface term (options.stemp_surface): the daily mean air temperature, TAVG. DSSAT-CSM's
 *  default since 4.8.2 (STEMP.for SOILT, METMP = D, "Kimball method", DSSAT PR #296, 2023); the
 *  DSSAT 4.8.2 cultivar coefficients (MZCER048.CUL, SBGRO048.ECO) were recalibrated for it. */
#define AGRO_STEMP_SURFACE_AIR 0
/** STEMP surface term: (1 − albedo)·(TAVG + (TMAX − TAVG)·√(0.03·SRAD)) + albedo·yesterday's
 *  term, the soil file's albedo (DSSAT-CSM up to 4.8.0; 2–6 °C warmer in sunny weather). */
#define AGRO_STEMP_SURFACE_ALBEDO 1

/** Surface cover: bare soil. */
#define AGRO_COVER_BARE 0
/** Surface cover: crop residue / organic mulch of options.residue_t_ha. */
#define AGRO_COVER_RESIDUE 1
/** Surface cover: clear (transparent) polyethylene film. */
#define AGRO_COVER_FILM_CLEAR 2
/** Surface cover: black polyethylene film. */
#define AGRO_COVER_FILM_BLACK 3

/** Lower boundary: temperature held at the site's mean annual air temperature (TAV). */
#define AGRO_SOIL_TEMP_BOTTOM_TAV 0
/** Lower boundary: no heat flux (insulated). */
#define AGRO_SOIL_TEMP_BOTTOM_ZERO_FLUX 1

/** Upper boundary: surface temperature from daily weather and cover (default). */
#define AGRO_SOIL_TEMP_TOP_WEATHER 0
/** Upper boundary: no heat flux (closed column; for checks and buried bodies). */
#define AGRO_SOIL_TEMP_TOP_ZERO_FLUX 1
/** Upper boundary: surface temperature given by the caller (agro_soil_temp_step_surface()). */
#define AGRO_SOIL_TEMP_TOP_PRESCRIBED 2

/** Largest number of grid nodes (surface node included). */
#define AGRO_SOIL_TEMP_MAX_NODES 200
/** Largest number of sub-daily steps. */
#define AGRO_SOIL_TEMP_MAX_STEPS_PER_DAY 1440

/** Configuration of a soil temperature model (plain data; start from the defaults). */
typedef struct agro_soil_temp_options {
    int32_t method;          /**< AGRO_SOIL_TEMP_NUMERICAL, _STEMP or _EPIC */
    int32_t cover;           /**< AGRO_COVER_* */
    double residue_t_ha;     /**< surface residue / mulch dry matter, t/ha (0..50) */
    double max_depth_m;      /**< depth of the bottom node, m (2..20; default 3) */
    double top_layer_m;      /**< thickness of the first grid cell, m (1e-4..0.5; default 0.005) */
    /** grid nodes incl. the surface node (5..AGRO_SOIL_TEMP_MAX_NODES; default 40). With
     *  top_layer_m and max_depth_m it must give a geometric grid whose cells grow by a ratio
     *  of 0.5..2 (else AGRO_ERANGE on options.top_layer_m): with the default 5 mm cell and
     *  3 m, at least 11 nodes. */
    int32_t n_nodes;
    int32_t steps_per_day;   /**< sub-daily time steps (1..AGRO_SOIL_TEMP_MAX_STEPS_PER_DAY; default 48) */
    int32_t lower_boundary;  /**< AGRO_SOIL_TEMP_BOTTOM_* (default TAV) */
    int32_t upper_boundary;  /**< AGRO_SOIL_TEMP_TOP_* (default WEATHER) */
    double theta_weight;     /**< implicit weight, 0.5 (Crank–Nicolson) .. 1 (fully implicit); default 0.6 (APSIM/Campbell) */
    double tav_C;            /**< site mean annual air temperature TAV, °C (initial and bottom value) */
    double amp_C;            /**< site annual amplitude TAMP (max − min monthly mean), °C (STEMP) */
    double initial_C;        /**< initial temperature of every node, °C, −90..150 (NaN: tav_C) */
    double conductivity_W_m_K;  /**< if finite, override: uniform thermal conductivity, W/m/K */
    double heat_capacity_J_m3_K;/**< if finite, override: uniform volumetric heat capacity, J/m³/K */
    int32_t stemp_surface;   /**< STEMP only: AGRO_STEMP_SURFACE_AIR (default, DSSAT 4.8.2) or _ALBEDO (DSSAT 4.8.0) */
} agro_soil_temp_options;

/** One day of drivers for agro_soil_temp_step(). */
typedef struct agro_soil_temp_drivers {
    int32_t year;            /**< calendar year */
    int32_t doy;             /**< day of year, 1..366 */
    double tmax_C;           /**< daily maximum air temperature, °C */
    double tmin_C;           /**< daily minimum air temperature, °C */
    double srad_MJ_m2_d;     /**< global solar radiation, MJ/m²/d */
    double latitude_deg;     /**< site latitude, degrees north positive */
    double lai;              /**< leaf area index of the canopy above the soil, m²/m² (0 if none) */
    double canopy_t_ha;      /**< standing above-ground biomass, t/ha (EPIC cover weight of the daily surface mean; 0 if none) */
    double sw[AGRO_SOIL_MAX_LAYERS]; /**< volumetric water content of each soil layer, cm³/cm³ (NaN: DUL) */
    /* EPIC method only (read and checked only by AGRO_SOIL_TEMP_EPIC): */
    double mulch_t_ha;       /**< surface mulch / residue dry matter, t/ha (0..100; DSSAT MULCHMASS; EPIC ignores options.residue_t_ha) */
    double water_input_mm;   /**< rain + irrigation of the day, mm (0..2000; the wet-day record, > 1e-6 mm is wet) */
    double snow_mm;          /**< snow water on the ground, mm (0..10000; 0 if none) */
} agro_soil_temp_drivers;

/** Opaque soil temperature model of one soil column. */
typedef struct agro_soil_temp agro_soil_temp;

/** Fill @p o with defaults (numerical, bare, 40 nodes to 3 m, 48 steps/day, θ = 0.6, TAV bottom,
 *  tav_C = 20, amp_C = 5, no overrides, STEMP surface AGRO_STEMP_SURFACE_AIR). */
AGRO_API int agro_soil_temp_options_default(agro_soil_temp_options *o);

/**
 * Create a model for @p profile with @p opt. Unknown (NaN) layer values are filled: bulk density
 * = 2.65·(1 − SAT), organic carbon = 0, clay from LL (Saxton & Rawls 2006 eq. 1 inverted).
 * LL, DUL and SAT are required (no fill). Then validated: depths increasing, every layer at
 * least ::AGRO_SOIL_MIN_LAYER_CM thick (1e-9 cm allowed for the rounding of the depths), LL/DUL/SAT
 * 0–1 with LL ≤ DUL ≤ SAT (checked first: the fills read them), silt 0–100 % where known, bulk
 * density 0.1–2.65 g/cm³, clay 0–100 %, organic carbon 0–60 % in every layer, albedo 0–1.
 * STEMP and EPIC also refuse a thickness-weighted mean bulk density of 0.356/0.144 = 2.4722
 * g/cm³ or more (naming bulk_density_g_cm3), where their WW = 0.356 − 0.144·ABD is not
 * positive and the damping depth can come out NaN.
 * @return AGRO_OK; AGRO_EINVAL for a NULL argument; AGRO_ERANGE (also for a depth that is not
 *         finite, and for a layer thinner than ::AGRO_SOIL_MIN_LAYER_CM, named by its depth_cm as
 *         agro_soil_validate names it: "depth_cm[1]: layer 2: the layer from 15 to 15.0005 cm is
 *         0.0005 cm thick, thinner than 0.001 cm, ..."), AGRO_EORDER for a layer no deeper than
 *         the one above, each naming the field (e.g. "bulk_density_g_cm3[2]"; "ll[0]" for an LL
 *         above DUL, "dul[0]" for a DUL above SAT) and value; *out is NULL on error.
 */
AGRO_API int agro_soil_temp_create(agro_ctx *ctx, const agro_soil_profile *profile,
                                   const agro_soil_temp_options *opt, agro_soil_temp **out);
/** Free; NULL is a no-op. */
AGRO_API void agro_soil_temp_free(agro_soil_temp *st);

/** Change the surface cover between days (e.g. film laid or removed); @p residue_t_ha, t/ha
 *  (0..50). @return AGRO_OK; AGRO_EINVAL for a NULL @p st; AGRO_ERANGE naming cover or
 *  residue_t_ha (NaN included). */
AGRO_API int agro_soil_temp_set_cover(agro_ctx *ctx, agro_soil_temp *st, int32_t cover,
                                      double residue_t_ha);
/**
 * Change the layers' bulk density, g/cm³ (@p n = the profile's layers), from the next step on:
 * a tillage pass loosens the soil, rain settles it again (DSSAT SOILDYN). The numerical model's
 * conductivity and heat capacity read the new values. DSSAT STEMP and EPIC read their profile
 * mean ABD = Σ BD·DLAYR / Σ DLAYR, which STEMP.for and STEMP_EPIC.for recompute every day.
 * @p thickness_cm weights that mean (DSSAT thickens a loosened layer, keeping its soil mass);
 * NULL: the profile's own thicknesses. The evaluation depths, the profile depth and its lower
 * limit stay the profile's. @return AGRO_EINVAL for NULL @p st or @p bd_g_cm3 or another
 * @p n; AGRO_ERANGE naming the element for a density outside 0.1–2.65 or a thickness outside
 * 3.7736e-5–100 000 cm, the low end a layer of ::AGRO_SOIL_MIN_LAYER_CM (less the 1e-9 cm the
 * profile checks allow) compacted, its mass kept, from 0.1 to 2.65 g/cm³, and (STEMP and EPIC)
 * naming bd_g_cm3 for a mean ABD of 2.4722 g/cm³ or more, as create (nothing changed).
 */
AGRO_API int agro_soil_temp_set_bulk_density(agro_ctx *ctx, agro_soil_temp *st,
                                             const double *bd_g_cm3, const double *thickness_cm,
                                             size_t n);
/** Set every node to @p T_C, °C, in [−90, 150] as every state temperature (also resets the STEMP running mean, the EPIC state and the
 *  numerical model's five-day cover memory: the next day initialises them again, as the first
 *  day does). */
AGRO_API int agro_soil_temp_set_uniform(agro_ctx *ctx, agro_soil_temp *st, double T_C);

/** Set the node temperatures, °C, each in [−90, 150] (n = n_nodes; e.g. to restore a saved
 *  state: every state the model makes is in that range, see agro_soil_temp_step). A TAV bottom
 *  node keeps tav_C. The five-day memory of the cover lag, weather rather than soil, stays. */
AGRO_API int agro_soil_temp_set_nodes(agro_ctx *ctx, agro_soil_temp *st, const double *T_C,
                                      size_t n);

/**
 * Advance one day. Non-finite or out-of-range drivers → AGRO_ERANGE naming the field; the state
 * is left unchanged. So is a day whose weather-driven surface temperature (numerical method)
 * would leave [−90, 150] °C (about 90 °C on the hottest desert days; beyond, the weather is
 * not weather, e.g. 70/−60 °C air), so that every state can be set again with
 * agro_soil_temp_set_nodes. Not valid with upper_boundary = PRESCRIBED.
 */
AGRO_API int agro_soil_temp_step(agro_ctx *ctx, agro_soil_temp *st,
                                 const agro_soil_temp_drivers *d);
/**
 * Advance one day (numerical method only) with the surface temperature given at the end of each
 * sub-step: @p surface_C[k], k = 0..n−1, n = steps_per_day (ignored with a ZERO_FLUX top).
 * Soil water from @p d->sw (d may be NULL: DUL everywhere). For checks and for bodies whose
 * surface temperature comes from another model (a ditch, a bag).
 */
AGRO_API int agro_soil_temp_step_surface(agro_ctx *ctx, agro_soil_temp *st,
                                         const agro_soil_temp_drivers *d,
                                         const double *surface_C, size_t n);

/**
 * Advance ONE sub-step (86400/steps_per_day s, numerical method) with surface temperature
 * @p surface_C, °C (ignored with a ZERO_FLUX top; in [−90, 150] otherwise, as every
 * prescribed surface), soil water at the
 * values of the last day (DUL before any day). Daily statistics are not updated. For hourly
 * coupling and for checks against analytical solutions.
 */
AGRO_API int agro_soil_temp_substep(agro_ctx *ctx, agro_soil_temp *st, double surface_C);

/**
 * Daily mean, minimum and maximum temperature of the last day at @p depth_cm (0 to the grid's
 * max_depth_m for the numerical model; STEMP and EPIC also down to the profile bottom),
 * linear interpolation between grid nodes (min/max interpolate the nodes' extremes). Any
 * output pointer may be NULL. STEMP: min = max = mean. EPIC: linear between the surface
 * temperature (0 cm) and the layer mid-depth values, the deepest layer's below; min = max = mean.
 * @return AGRO_OK; AGRO_EINVAL for a NULL @p st; AGRO_ERANGE for a depth outside that range or
 *         not finite (no context: the status is all there is).
 */
AGRO_API int agro_soil_temp_at(const agro_soil_temp *st, double depth_cm, double *mean_C,
                               double *min_C, double *max_C);
/** Daily mean temperature of each soil layer of the profile (depth-weighted; STEMP at the layer
 *  mid-depth; EPIC its layer value ST), °C; n ≥ n_layers. @return AGRO_OK; AGRO_EINVAL for NULL
 *  or a smaller @p n. */
AGRO_API int agro_soil_temp_layer_means(const agro_soil_temp *st, double *out_C, size_t n);
/** Daily mean, min and max surface (0 cm) temperature of the last day, °C (agro_soil_temp_at at
 *  0 cm, with its statuses). */
AGRO_API int agro_soil_temp_surface(const agro_soil_temp *st, double *mean_C, double *min_C,
                                    double *max_C);
/** Number of grid nodes (surface included); 0 for NULL. */
AGRO_API int32_t agro_soil_temp_n_nodes(const agro_soil_temp *st);
/** Node depths, m (n ≥ n_nodes). @return AGRO_OK; AGRO_EINVAL for NULL or a smaller @p n. */
AGRO_API int agro_soil_temp_node_depths(const agro_soil_temp *st, double *out_m, size_t n);
/** Current (end of last sub-step) node temperatures, °C (n ≥ n_nodes). @return AGRO_OK;
 *  AGRO_EINVAL for NULL or a smaller @p n. */
AGRO_API int agro_soil_temp_node_temperatures(const agro_soil_temp *st, double *out_C, size_t n);
/** Heat stored in the column relative to 0 °C, J/m² (Σ C_i·T_i·Δz_i, current properties).
 *  @return AGRO_OK; AGRO_EINVAL for NULL. */
AGRO_API int agro_soil_temp_heat_content(const agro_soil_temp *st, double *J_m2);

/**
 * Fraction of bare-soil evaporation remaining under @p cover when a fraction @p covered (0..1)
 * of the surface is covered: 1 − covered·f_m, f_m = 1 for plastic films and 0.5 for organic
 * mulch (FAO AquaCrop reference manual, mulches). Bare: 1. For the water balance model; the
 * field uses it for film only, and models residue as DSSAT's mulch (agro_soil_water_drivers).
 */
AGRO_API double agro_cover_evaporation_factor(int32_t cover, double covered);

/** Parse "bare", "residue", "film-clear", "film-black" into AGRO_COVER_*; AGRO_EINVAL if unknown. */
AGRO_API int agro_cover_from_name(const char *name, int32_t *cover);
/** Name of a cover constant ("bare", …; "unknown" for others). */
AGRO_API const char *agro_cover_name(int32_t cover);

AGRO_API size_t agro_sizeof_soil_temp_options(void);
AGRO_API size_t agro_sizeof_soil_temp_drivers(void);

#ifdef __cplusplus
}
#endif
#endif
