/**
 * @file output.h
 * @brief Results files: HDF5 (daily series and a compound summary table) and the summary CSV.
 *
 * HDF5 layout (docs/scenario.md, "HDF5 results"):
 *  - root attributes `agrosim_version`, `created_utc` (ISO 8601), `scenario_name`,
 *    `scenario_text` (the scenario JSON as read), `n_runs`, `bag_kg`, `area_ha`, `grain_moisture_pct`;
 *  - `/summary`: compound table, one row per field × intervention × member × season with
 *    ICASA-style names (HWAM, ADAT, MDAT, LAIX, CWAM, HWUM, H#AM, …);
 *  - `/interventions`, `/fields`: names (string datasets) indexed by the summary columns;
 *  - `/daily/<field>/<component>/<variable>`: float64 (n_runs_of_field, n_days) datasets,
 *    chunked and deflate-compressed, with `units` and `long_name` attributes (ICASA names:
 *    LAID, CWAD, GWAD, SWTD, …), NaN after the last simulated day of a run.
 * The file is written to a temporary name in the same folder and renamed at the end, so an
 * interrupted run never leaves a file that looks complete.
 */
#ifndef AGROSIM_OUTPUT_H
#define AGROSIM_OUTPUT_H

#include "agrosim/core.h"
#include "agrosim/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Write every run of @p res to the HDF5 file @p path (created or replaced atomically). */
AGRO_API int agro_output_write_hdf5(agro_ctx *ctx, const agro_scenario *sc,
                                    const agro_results *res, const char *path);
/**
 * Write the summary CSV: one row per field × intervention × member × season, columns
 * `field,intervention,member,season,year,crop,yield_kg_ha,anthesis_dap,maturity_dap,…`
 * (docs/scenario.md lists them all). Column groups of other field kinds (intercrop,
 * mushroom) appear only when the scenario has such fields.
 */
AGRO_API int agro_output_write_csv(agro_ctx *ctx, const agro_scenario *sc,
                                   const agro_results *res, const char *path);

/** Create folder @p path and its parents if they do not exist (mode 0777 & ~umask). */
AGRO_API int agro_output_mkdirs(agro_ctx *ctx, const char *path);

#ifdef __cplusplus
}
#endif
#endif
