/**
 * @file soil.h
 * @brief Soil profiles: DSSAT .SOL and JSON readers, validation, layer subdivision.
 */
#ifndef AGROSIM_SOIL_H
#define AGROSIM_SOIL_H

#include "agrosim/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Largest number of soil layers a profile (after subdivision) may hold. */
#define AGRO_SOIL_MAX_LAYERS 40

/** A soil profile: plain data, arrays indexed by layer (top first), n_layers used. */
typedef struct agro_soil_profile {
    double albedo;               /**< SALB, fraction */
    double evap_limit_mm;        /**< SLU1, stage-1 soil evaporation limit, mm */
    double drainage_rate_d;      /**< SLDR, fraction of excess drained per day */
    double runoff_curve_number;  /**< SLRO, SCS curve number */
    double mineralisation_factor;/**< SLNF, 0..1 */
    double photosynthesis_factor;/**< SLPF, 0..1 */
    double latitude_deg, longitude_deg; /**< site of the profile (NaN if unknown) */
    int32_t n_layers;
    int32_t reserved;
    double depth_cm[AGRO_SOIL_MAX_LAYERS];        /**< SLB, depth of layer bottom, cm */
    double ll[AGRO_SOIL_MAX_LAYERS];              /**< SLLL, lower limit, cm³/cm³ */
    double dul[AGRO_SOIL_MAX_LAYERS];             /**< SDUL, drained upper limit, cm³/cm³ */
    double sat[AGRO_SOIL_MAX_LAYERS];             /**< SSAT, saturation, cm³/cm³ */
    double root_growth_factor[AGRO_SOIL_MAX_LAYERS]; /**< SRGF, 0..1 */
    double ksat_cm_h[AGRO_SOIL_MAX_LAYERS];       /**< SSKS, cm/h (NaN if unknown) */
    double bulk_density_g_cm3[AGRO_SOIL_MAX_LAYERS]; /**< SBDM, g/cm³ */
    double organic_carbon_pct[AGRO_SOIL_MAX_LAYERS]; /**< SLOC, % */
    double clay_pct[AGRO_SOIL_MAX_LAYERS];        /**< SLCL, % */
    double silt_pct[AGRO_SOIL_MAX_LAYERS];        /**< SLSI, % */
    double stones_pct[AGRO_SOIL_MAX_LAYERS];      /**< SLCF, % coarse fraction (0 if unknown) */
    double total_n_pct[AGRO_SOIL_MAX_LAYERS];     /**< SLNI, % (NaN if unknown) */
    double ph_water[AGRO_SOIL_MAX_LAYERS];        /**< SLHW (NaN if unknown) */
} agro_soil_profile;

/** Load profile @p id from a DSSAT .SOL file. AGRO_ENOTFOUND if the ID is not in the file. */
AGRO_API int agro_soil_load_dssat(agro_ctx *ctx, const char *path, const char *id,
                                  agro_soil_profile *out);
/** Load a JSON soil file (JSON, in models/soils/). */
AGRO_API int agro_soil_load_json(agro_ctx *ctx, const char *path, agro_soil_profile *out);
/** Check physical consistency (depths increasing, 0 <= LL < DUL < SAT <= 1, ranges). */
AGRO_API int agro_soil_validate(agro_ctx *ctx, const agro_soil_profile *p, const char *name);
/** Split every layer thicker than @p max_thickness_cm into equal sublayers. */
AGRO_API int agro_soil_subdivide(agro_ctx *ctx, agro_soil_profile *p, double max_thickness_cm);
/** Thickness of layer @p i, cm. */
AGRO_API double agro_soil_layer_thickness_cm(const agro_soil_profile *p, int32_t i);

AGRO_API size_t agro_sizeof_soil_profile(void);

#ifdef __cplusplus
}
#endif
#endif
