/**
 * @file maize.h
 * @brief CERES-Maize (Jones & Kiniry 1986; DSSAT-CSM MZCER048) cultivar coefficients, their
 *        readers (DSSAT MZCER048.CUL/.ECO by column header, agrosim JSON) and the pure
 *        CERES helper equations (light interception, kernel number, temperature responses).
 *
 * The daily maize model itself runs inside an ::agro_field (field.h); a field owns the plant
 * state. Growth stages follow DSSAT's ISTAGE numbering (AGRO_MAIZE_STAGE_*).
 */
#ifndef AGROSIM_MAIZE_H
#define AGROSIM_MAIZE_H

#include "agrosim/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/** CERES-Maize growth stages (DSSAT ISTAGE numbering, MZ_PHENOL.for). */
enum {
    AGRO_MAIZE_STAGE_EMERGENCE_TO_END_JUVENILE = 1, /**< emergence → end of juvenile phase */
    AGRO_MAIZE_STAGE_INDUCTIVE = 2,         /**< end juvenile → tassel initiation (photoperiod) */
    AGRO_MAIZE_STAGE_TI_TO_SILKING = 3,     /**< tassel initiation → silking (75 % silking) */
    AGRO_MAIZE_STAGE_SILKING_TO_GRAIN_FILL = 4, /**< silking → start of effective grain fill */
    AGRO_MAIZE_STAGE_GRAIN_FILL = 5,        /**< effective grain filling (ends at 95 % of P5) */
    AGRO_MAIZE_STAGE_END_GRAIN_FILL = 6,    /**< end of effective grain fill → physiological maturity */
    AGRO_MAIZE_STAGE_FALLOW = 7,            /**< no crop (before sowing or after harvest) */
    AGRO_MAIZE_STAGE_SOWN = 8,              /**< sowing → germination */
    AGRO_MAIZE_STAGE_GERMINATED = 9,        /**< germination → emergence */
    AGRO_MAIZE_STAGE_MATURE = 10            /**< physiologically mature (or crop failed); harvest pending */
};

/**
 * Maize cultivar and ecotype coefficients, DSSAT MZCER048 meanings and units.
 * Cultivar (.CUL): P1..PHINT. Ecotype (.ECO): tbase..cday.
 */
typedef struct agro_maize_cultivar {
    double p1_Cd;      /**< P1: thermal time emergence → end of juvenile phase, °C·d above TBASE */
    double p2_d_per_h; /**< P2: photoperiod sensitivity, days delay of tassel initiation per hour above P20 */
    double p5_Cd;      /**< P5: thermal time silking → physiological maturity, °C·d above TBASE */
    double g2_kernels; /**< G2: potential kernels per plant */
    double g3_mg_d;    /**< G3: potential kernel filling rate, mg/kernel/d */
    double phint_Cd;   /**< PHINT: phyllochron interval, °C·d per leaf tip */
    double tbase_C;    /**< TBASE: base temperature for development, °C */
    double topt_C;     /**< TOPT: optimum temperature for development before silking (DOPT in
                            stages 1–3, MZ_PHENOL), °C */
    double ropt_C;     /**< ROPT: optimum temperature for development from silking on (DOPT in
                            stages 4–6, MZ_PHENOL; MZCER048.ECO "reproductive stages"), °C */
    double p20_h;      /**< P20: critical photoperiod above which development slows, h */
    double djti_d;     /**< DJTI: minimum days end of juvenile → tassel initiation, d */
    double gdde_Cd_cm; /**< GDDE: thermal time per cm of sowing depth for emergence, °C·d/cm */
    double dsgft_Cd;   /**< DSGFT: thermal time silking → effective grain filling, °C·d */
    double rue_g_MJ;   /**< RUE: radiation use efficiency, g dry matter per MJ PAR */
    double kcan;       /**< KCAN: canopy light extinction coefficient for PAR (ET partition) */
    double tsen_C;     /**< TSEN: critical temperature below which leaf damage occurs, °C */
    double cday_d;     /**< CDAY: days to full cold damage, d */
} agro_maize_cultivar;

/**
 * Read cultivar @p cultivar_id from a DSSAT maize cultivar file (MZCER048.CUL) and its
 * ecotype from @p eco_path (MZCER048.ECO). Columns are located by the `@VAR#` / `@ECO#`
 * header names, not by position; a line ends in LF, CRLF or a lone CR (a CR cannot stand
 * inside a line). An unknown cultivar or ecotype ID is an AGRO_ENOTFOUND error naming the file
 * and the ID.
 * @return AGRO_OK, AGRO_EIO, AGRO_EFORMAT (file:line:column), AGRO_ENOTFOUND, AGRO_ERANGE.
 */
AGRO_API int agro_maize_cultivar_load_dssat(agro_ctx *ctx, const char *cul_path,
                                            const char *eco_path, const char *cultivar_id,
                                            agro_maize_cultivar *out);
/**
 * Read a cultivar JSON file (models/cultivars/): keys p1_Cd, p2_d_per_h, p5_Cd, g2_kernels,
 * g3_mg_d, phint_Cd (required), ecotype keys as in ::agro_maize_cultivar (optional, MZCER048
 * DFAULT ecotype otherwise), plus "schema_version", "name", "crop", "source" (required).
 * The name goes into @p name (@p n bytes, may be NULL); a longer one is AGRO_ERANGE naming the
 * key, as the soil and site readers do.
 * @return AGRO_OK; AGRO_EINVAL for a NULL @p out; the reader's AGRO_EIO, AGRO_EFORMAT,
 *         AGRO_EKEY, AGRO_EMISSING or AGRO_ERANGE naming the file, line and key.
 */
AGRO_API int agro_maize_cultivar_load_json(agro_ctx *ctx, const char *path,
                                           agro_maize_cultivar *out, char *name, size_t n);
/** Check every coefficient against physically plausible ranges (wider than the MZCER048
 *  MINIMA/MAXIMA, which shipped cultivars exceed). @return AGRO_OK; AGRO_EINVAL for a NULL
 *  @p c; AGRO_ERANGE naming the coefficient and @p name. */
AGRO_API int agro_maize_cultivar_validate(agro_ctx *ctx, const agro_maize_cultivar *c,
                                          const char *name);
/** Fill the DSSAT DFAULT ecotype values (MZCER048.ECO) into tbase_C..cday_d of @p c.
 *  @return AGRO_OK; AGRO_EINVAL for a NULL @p c. */
AGRO_API int agro_maize_ecotype_default(agro_maize_cultivar *c);

/**
 * CERES-Maize light extinction from row spacing and population (MZ_GROSUB.for):
 * LIFAC = 1.5 − 0.768·((row spacing m)²·plants/m²)^0.1. @return LIFAC (dimensionless); NaN
 * unless both @p row_spacing_cm and @p plants_m2 are above 0.
 */
AGRO_API double agro_maize_lifac(double row_spacing_cm, double plants_m2);

/**
 * CERES-Maize kernel number and ears (MZ_PHENOL.for, stage 4 end): from the mean plant
 * growth rate over stage 4 @p sump_g_plant / @p idurp_d, potential kernels @p g2, and
 * population @p plants_m2; writes kernels per plant (GPP) and ears/m² (barrenness).
 * @return AGRO_OK, or AGRO_EINVAL for a NULL output, G2 not finite and >= 51 (GPP's floor, so
 *         that GPP <= G2), IDURP not finite and > 0, SUMP or
 *         the population not finite and >= 0; @p ctx (may be NULL) gets a message naming the
 *         argument: "idurp_d: must be finite and > 0 d (0)".
 */
AGRO_API int agro_maize_kernel_number(agro_ctx *ctx, double g2, double sump_g_plant,
                                      double idurp_d, double plants_m2,
                                      double *kernels_per_plant, double *ears_m2);

/** Relative photosynthesis response to daily temperature (MZ_GROSUB PRFT, 0..1). */
AGRO_API double agro_maize_prft(double tmax_C, double tmin_C);
/**
 * Daily thermal time for development, °C·d (DSSAT MZ_PHENOL, CIMMYT 1998 method): mean
 * temperature above TBASE with optimum TOPT (ROPT after silking, @p after_silking = 1); a
 * soil-surface temperature estimate from SRAD and day length while @p leaf_number ≤ 10; a
 * 24-hour sine interpolation when TMIN < TBASE or TMAX > the optimum. NaN for a NULL @p c, a
 * non-finite argument or @p tmin_C above @p tmax_C (this call takes no context; such a day is
 * refused by agro_weather_check and the field, as DSSAT's weather check stops on it).
 */
AGRO_API double agro_maize_thermal_time(const agro_maize_cultivar *c, double tmax_C,
                                        double tmin_C, double srad_MJ_m2_d,
                                        double daylength_h, double leaf_number,
                                        int32_t after_silking);

AGRO_API size_t agro_sizeof_maize_cultivar(void);

#ifdef __cplusplus
}
#endif
#endif
