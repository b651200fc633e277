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
/** Thinnest layer the soil models take, cm: DSSAT-CSM's floor on the oxidised surface layer,
 *  OXLT = max(0.001, 0.5 − 0.1·OC1) (OXLAYER.for), the thinnest soil layer it computes with.
 *  The water, N, P and CENTURY constructors refuse a thinner layer naming its SLB, the soil
 *  temperature's (agro_soil_temp_create) naming its depth_cm (1e-9 cm is allowed for the
 *  rounding of the depths: 45.001 below 45 is 0.00099999999999767 cm); agro_soil_validate()
 *  and the readers refuse one too, agro_soil_subdivide() makes none, and
 *  agro_soil_water_state_init() and agro_soil_n_state_init() refuse one in params filled by
 *  hand (thickness_mm, thickness_cm). */
#define AGRO_SOIL_MIN_LAYER_CM 0.001

/** A soil profile: plain data, arrays indexed by layer (top first), n_layers used. */
typedef struct agro_soil_profile {
    double albedo;               /**< SALB, fraction */
    double evap_limit_mm;        /**< SLU1, stage-1 soil evaporation limit, mm */
    double drainage_rate_d;      /**< SLDR, fraction of excess drained per day */
    double runoff_curve_number;  /**< SLRO, SCS curve number */
    /** SLNF, 0..1, multiplies humus mineralisation (0: none; agro_soil_profile_clear sets 1) */
    double mineralisation_factor;
    /** SLPF, 0..1, multiplies daily assimilation (0: none; agro_soil_profile_clear sets 1; the
     *  .SOL reader reads a value below 1e-4 or missing as 1, as DSSAT does) */
    double photosynthesis_factor;
    double latitude_deg;         /**< site latitude, degrees north (NaN if unknown) */
    double longitude_deg;        /**< site longitude, degrees east (NaN if unknown) */
    int32_t n_layers;            /**< layers in use, 1..AGRO_SOIL_MAX_LAYERS */
    /** SMPX, the method of extractable_p_mg_kg as the number of its DSSAT code SA0nn (1 Olsen,
     *  2 Bray No. 1, 3 Bray No. 2, 4 Mehlich I, 5 anion-exchange resin, 6 Truog, 7 Mehlich I
     *  1:10, 8 Colwell, 9 water, 10 IFDC Pi strip, 13 Mehlich 3, 14 Morgan, 15 NH4OAc); 0 if
     *  unknown (DSSAT-CSM 4.8 SoilPi_init.for; docs/design/phosphorus.md) */
    int32_t p_method;
    double depth_cm[AGRO_SOIL_MAX_LAYERS];        /**< SLB, depth of layer bottom, cm */
    double ll[AGRO_SOIL_MAX_LAYERS];              /**< SLLL, lower limit, cm³/cm³ */
    double dul[AGRO_SOIL_MAX_LAYERS];             /**< SDUL, drained upper limit, cm³/cm³ */
    double sat[AGRO_SOIL_MAX_LAYERS];             /**< SSAT, saturation, cm³/cm³ */
    double root_growth_factor[AGRO_SOIL_MAX_LAYERS]; /**< SRGF, 0..1 */
    double ksat_cm_h[AGRO_SOIL_MAX_LAYERS];       /**< SSKS, cm/h (NaN if unknown) */
    double bulk_density_g_cm3[AGRO_SOIL_MAX_LAYERS]; /**< SBDM, g/cm³ (NaN if unknown) */
    double organic_carbon_pct[AGRO_SOIL_MAX_LAYERS]; /**< SLOC, % (NaN if unknown) */
    double clay_pct[AGRO_SOIL_MAX_LAYERS];        /**< SLCL, % (NaN if unknown) */
    double silt_pct[AGRO_SOIL_MAX_LAYERS];        /**< SLSI, % (NaN if unknown) */
    double stones_pct[AGRO_SOIL_MAX_LAYERS];      /**< SLCF, % coarse fraction (0 if unknown) */
    double total_n_pct[AGRO_SOIL_MAX_LAYERS];     /**< SLNI, % (NaN if unknown) */
    double ph_water[AGRO_SOIL_MAX_LAYERS];        /**< SLHW, pH in water (NaN if unknown) */
    /** SADC, anion (nitrate) adsorption coefficient, cm³ water/g soil; 0 = no adsorption,
     *  NaN if unknown (treated as 0). Retards NO3 leaching in variable-charge soils (DSSAT
     *  NFLUX.for ADCOEF; Bowen et al. 1993 Agron. J. 85:153–159). */
    double anion_adsorption_cm3_g[AGRO_SOIL_MAX_LAYERS];
    /* soil chemistry read for the P model (DSSAT second-tier columns; NaN if unknown) */
    double cec_cmol_kg[AGRO_SOIL_MAX_LAYERS];         /**< SCEC, cation exchange capacity, cmol/kg */
    double caco3_g_kg[AGRO_SOIL_MAX_LAYERS];          /**< CACO3, calcium carbonate, g/kg (DSSAT SOILDYN: /10 → %) */
    double base_sum_cmol_kg[AGRO_SOIL_MAX_LAYERS];    /**< SLBS, sum of exchangeable bases, cmol/kg */
    double exch_k_cmol_kg[AGRO_SOIL_MAX_LAYERS];      /**< SLKE, exchangeable K, cmol/kg */
    double extractable_p_mg_kg[AGRO_SOIL_MAX_LAYERS]; /**< SLPX, extractable P by method p_method, mg P/kg */
    double organic_p_mg_kg[AGRO_SOIL_MAX_LAYERS];     /**< SLPO, organic P, mg P/kg */
    /** stable (passive) organic C, % of soil (DSSAT soil analysis SASC; NaN if unknown): the
     *  SOM3 of the CENTURY organic matter (soil_century.h); SOL files do not carry it */
    double stable_c_pct[AGRO_SOIL_MAX_LAYERS];
} agro_soil_profile;

/** Longest soil profile identifier, including the NUL (DSSAT IDs have 10 characters). */
#define AGRO_SOIL_ID_MAX 32

/**
 * Load profile @p id from a DSSAT .SOL file. Columns are read by header name, `-99` means
 * unknown: SLB, SLLL, SDUL, SSAT, SRGF, SALB, SLRO are required; SSKS, SBDM (also
 * when <= 0), SLOC, SLCL, SLSI, SLNI, SLHW, SADC, SCEC, CACO3, SLBS, SLKE, SLPX, SLPO, LAT, LONG
 * load as NaN; SLCF as 0; SLNF, SLPF as 1; SMPX as p_method (SA001..SA015; -99 and other code
 * families such as IB001: 0). Then DSSAT-CSM 4.8's corrections apply (docs/formats.md, "DSSAT
 * .SOL profiles"): SLU1 and SLDR unknown or below 1e-4 are 6 mm and 0.25 /d, SLRO above 0 is
 * clamped to 25..98, SALB or SLRO not above 0 is AGRO_ERANGE. A line ends in LF, CRLF or a lone
 * CR (a CR cannot stand inside a line). The profile is checked as by agro_soil_validate(), with
 * the file line of the offending value in messages.
 * @return AGRO_OK; AGRO_EIO (file), AGRO_ENOTFOUND (no profile @p id), AGRO_EFORMAT
 *         (non-numeric field, truncated line), AGRO_EMISSING, AGRO_EORDER, AGRO_ERANGE,
 *         AGRO_ELIMIT (more than ::AGRO_SOIL_MAX_LAYERS layers).
 */
AGRO_API int agro_soil_load_dssat(agro_ctx *ctx, const char *path, const char *id,
                                  agro_soil_profile *out);
/**
 * Load profile @p id from the DSSAT soil folder @p dir the way DSSAT looks it up (IPEXP,
 * IPSOIL_Inp): from `SOIL.SOL` when it holds the profile, else from `XX.SOL` where XX are the
 * first two letters of the ID.
 * @return as agro_soil_load_dssat(); AGRO_ENOTFOUND names both files when neither has it.
 */
AGRO_API int agro_soil_load_dssat_dir(agro_ctx *ctx, const char *dir, const char *id,
                                      agro_soil_profile *out);
/**
 * Load a JSON soil file (format in docs/formats.md, "Soil JSON"; examples in models/soils/).
 * Unknown keys, values out of range and physically inconsistent layers are errors naming the
 * file, line and JSON path.
 * @return AGRO_OK; AGRO_EINVAL for a NULL @p path or @p out; AGRO_EIO, AGRO_EFORMAT, AGRO_EKEY,
 *         AGRO_EMISSING, AGRO_ERANGE, AGRO_EORDER, AGRO_ELIMIT as the reader finds them.
 */
AGRO_API int agro_soil_load_json(agro_ctx *ctx, const char *path, agro_soil_profile *out);
/**
 * Copy the `id` of a JSON soil file into @p buf (NUL-terminated, at most @p n bytes).
 * @return AGRO_OK, or the error of reading/parsing the file (@p buf then empty); AGRO_ERANGE if
 * @p n is too small (@p buf then holds the first n − 1 bytes).
 */
AGRO_API int agro_soil_json_id(agro_ctx *ctx, const char *path, char *buf, size_t n);
/**
 * Load a profile from either format, chosen by the file extension: `.json` files go through
 * agro_soil_load_json() (then @p id may be NULL; if given it must equal the file's `id`,
 * else AGRO_ENOTFOUND), any other file through agro_soil_load_dssat() (@p id required:
 * AGRO_EINVAL naming ID without it). @return AGRO_OK; AGRO_EINVAL for a NULL @p path or
 * @p out; otherwise the status of the reader it chose.
 */
AGRO_API int agro_soil_load(agro_ctx *ctx, const char *path, const char *id,
                            agro_soil_profile *out);
/**
 * Check physical consistency: 1..::AGRO_SOIL_MAX_LAYERS layers; depths positive and strictly
 * increasing, every layer at least ::AGRO_SOIL_MIN_LAYER_CM thick and layer 1 thicker than
 * OXLT = max(0.001, 0.5 − 0.1·OC1) cm (AGRO_ERANGE naming the layer's depth_cm: "depth_cm[4]:
 * layer 5: the layer from 45 to 45.0005 cm is 0.0005 cm thick, ..."); 0 <= LL < DUL < SAT <= 1; SRGF in [0,1]; albedo, SLDR, SLNF, SLPF in [0,1];
 * SLU1 in [0,50] mm; curve number in (0,100]; where known (finite): bulk density
 * 0.1..2.65 g/cm³, organic carbon 0..60 %, clay and silt 0..100 % with clay + silt <= 100,
 * KSAT 0..1000 cm/h, total N 0..10 %, pH 2..12, coarse fraction 0..100 %.
 * Messages read "NAME: FIELD: what (value)" with @p name (may be NULL) in place of a file.
 * @return AGRO_OK; AGRO_EINVAL for a NULL @p p; AGRO_ERANGE (a value outside its range, an
 *         infinite one included: "outside [0, 1] (inf)", "layer depth must be finite"),
 *         AGRO_EORDER (depths), AGRO_EMISSING (no layer, a required value or a layer depth
 *         NaN: "value required (nan)") or AGRO_ELIMIT (more than ::AGRO_SOIL_MAX_LAYERS
 *         layers) naming the field.
 */
AGRO_API int agro_soil_validate(agro_ctx *ctx, const agro_soil_profile *p, const char *name);
/**
 * Split every layer thicker than @p max_thickness_cm into the smallest number of equal
 * sublayers no thicker than it; each sublayer keeps the properties of its parent layer. It
 * makes no layer agro_soil_validate() refuses: a split that would make one thinner than
 * ::AGRO_SOIL_MIN_LAYER_CM (less the 1e-9 cm allowed for rounding), or a new layer 1 no thicker
 * than its OXLT = max(0.001, 0.5 − 0.1·OC1) cm, is refused, not made with fewer, thicker pieces
 * (DSSAT has no finer split: LMATCH.for's LYRSET and LYRSET2 make layers of 2 cm or more of any
 * profile deeper than that).
 * @p p is left unchanged on error.
 * @return AGRO_OK; AGRO_EINVAL (NULL @p p, @p max_thickness_cm not a positive finite number,
 *         n_layers outside 1..::AGRO_SOIL_MAX_LAYERS); AGRO_ERANGE naming max_thickness_cm for
 *         a @p max_thickness_cm below ::AGRO_SOIL_MIN_LAYER_CM ("max_thickness_cm: must be at
 *         least 0.001 cm, ...") or a split as above ("max_thickness_cm: splitting layer 3 (20 to
 *         20.0016 cm) into 2 layers of at most 0.0015 cm: the layer from 20 to 20.0008 cm is
 *         0.0008 cm thick, thinner than 0.001 cm, ...", "... layer 1 ...: the layer's thickness
 *         must be more than OXLT 0.5 cm, ..."); AGRO_EORDER for depths not increasing;
 *         AGRO_ELIMIT if the result would exceed ::AGRO_SOIL_MAX_LAYERS layers.
 */
AGRO_API int agro_soil_subdivide(agro_ctx *ctx, agro_soil_profile *p, double max_thickness_cm);
/**
 * Re-layer @p p as DSSAT does before a simulation (X-file METHODS MESOL; DSSAT-CSM 4.8
 * Soil/SoilUtilities/LMATCH.for): 1 = LYRSET, fixed 5, 15, 30, 45, 60 cm then 30 cm layers;
 * 2 = LYRSET2 (DSSAT's default), 5 and 15 cm on top, then the file's layers split into 2–4
 * equal layers where thick; 3 = the file's layers unchanged. A profile shallower than a fixed
 * layer ends at its own bottom (DSSAT's layer reaches past it), a piece under 5 cm thinner than
 * ::AGRO_SOIL_MIN_LAYER_CM joining layer 1, so MESOL 1 and 2 make no layer thinner than that.
 * Each new layer takes the thickness-weighted mean of the properties of the layers it overlaps
 * (NaN if any of them is unknown). @p p is left unchanged on error (AGRO_EINVAL, AGRO_ERANGE
 * for another @p mesol, AGRO_EORDER, AGRO_ELIMIT beyond ::AGRO_SOIL_MAX_LAYERS layers).
 */
AGRO_API int agro_soil_relayer_dssat(agro_ctx *ctx, agro_soil_profile *p, int32_t mesol);
/** Thickness of layer @p i, cm (NaN if @p i is not a layer of @p p). */
AGRO_API double agro_soil_layer_thickness_cm(const agro_soil_profile *p, int32_t i);

/** USDA soil texture classes (agro_soil_texture_class), in the order of DSSAT's SOMFR048.SDA. */
enum {
    AGRO_TEXTURE_UNKNOWN = 0,       /**< no class: invalid fractions (DSSAT TEXTURECLASS stops the program) */
    AGRO_TEXTURE_SAND = 1,
    AGRO_TEXTURE_LOAMY_SAND = 2,
    AGRO_TEXTURE_SANDY_LOAM = 3,
    AGRO_TEXTURE_SILT_LOAM = 4,
    AGRO_TEXTURE_SILT = 5,
    AGRO_TEXTURE_LOAM = 6,
    AGRO_TEXTURE_SANDY_CLAY_LOAM = 7,
    AGRO_TEXTURE_SILTY_CLAY_LOAM = 8,
    AGRO_TEXTURE_CLAY_LOAM = 9,
    AGRO_TEXTURE_SANDY_CLAY = 10,
    AGRO_TEXTURE_SILTY_CLAY = 11,
    AGRO_TEXTURE_CLAY = 12
};
/**
 * USDA texture class (AGRO_TEXTURE_*) of a soil with @p clay_pct clay and @p silt_pct silt, %
 * (sand = 100 − clay − silt), by DSSAT-CSM 4.8's TEXTURECLASS (Gijsman, after the MUUF code of
 * Baumer & Rice 1988), boundaries included, computed in single precision as DSSAT's REALs (a
 * soil on a boundary, clay 7.3 % and silt 40.7 %, takes DSSAT's class). AGRO_TEXTURE_UNKNOWN for clay or silt outside
 * [0, 100], their sum above 100, and NaN (no valid soil on a 0.5 % grid is left unclassified).
 */
AGRO_API int32_t agro_soil_texture_class(double clay_pct, double silt_pct);

/** sizeof(agro_soil_profile), bytes, so bindings can check their mirror of the struct. */
AGRO_API size_t agro_sizeof_soil_profile(void);

#ifdef __cplusplus
}
#endif
#endif
