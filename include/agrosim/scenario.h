/**
 * @file scenario.h
 * @brief Scenario files (JSON, docs/scenario.md): site and weather, soil, fields with their
 *        canopies and management calendar, seasons, and factorial ensembles of named
 *        interventions × weather members. Loading, running and the results of a run.
 *
 * The run order is fixed: run = ((field·n_interventions + intervention)·n_members + member)
 * ·n_seasons + season. Each run is one season of one field under one intervention and one
 * weather member; its results are a season summary and a daily series (field.h structs).
 * The caller drives a run (agro_scenario_run_range), so it can show progress between calls.
 */
#ifndef AGROSIM_SCENARIO_H
#define AGROSIM_SCENARIO_H

#include "agrosim/core.h"
#include "agrosim/field.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Version of the scenario format this library reads (`"schema_version"` key). */
#define AGRO_SCENARIO_SCHEMA_VERSION 1
/** Longest name (field, canopy, intervention, level), including the NUL. */
#define AGRO_SCENARIO_NAME_MAX 64

/** Opaque loaded scenario: parsed, validated, with its weather, soil and cultivars loaded. */
typedef struct agro_scenario agro_scenario;
/** Opaque results of the runs of a scenario (summaries and daily series). */
typedef struct agro_results agro_results;

/** Field types of the scenario format (the `type` key of `fields[]`). */
enum {
    AGRO_FIELD_TYPE_CROP = 1 /**< open field with crop and weed canopies */
};

/** Sizes of a loaded scenario. */
typedef struct agro_scenario_info {
    int32_t n_fields;        /**< number of fields */
    int32_t n_interventions; /**< intervention combinations (product of factor levels) */
    int32_t n_members;       /**< weather ensemble members */
    int32_t n_seasons;       /**< seasons (years) per member */
    int32_t n_runs;          /**< n_fields · n_interventions · n_members · n_seasons */
    int32_t max_days;        /**< longest season simulated, d (length of each daily series) */
    int32_t baseline;        /**< index of the reference intervention for ratios */
    int32_t first_year;      /**< calendar year of the first season */
    double bag_kg;           /**< grain mass of one reporting bag, kg (BRIEF §6: 100) */
    double area_ha;          /**< reporting area unit, ha (1 acre = 0.4047 ha) */
    /** moisture of the bagged grain, % of wet mass: bags = HWAM (dry) / (1 − moisture/100) ·
     *  area_ha / bag_kg (0: bags of dry matter, as HWAM) */
    double grain_moisture_pct;
} agro_scenario_info;

/** Where one run sits in the factorial design. */
typedef struct agro_run_info {
    int32_t run;          /**< run index */
    int32_t field;        /**< field index */
    int32_t intervention; /**< intervention combination index */
    int32_t member;       /**< weather member index (0-based) */
    int32_t season;       /**< season index (0-based) */
    int32_t year;         /**< calendar year in which the season starts */
    int32_t start_doy;    /**< day of year the simulation of the season starts */
    int32_t n_days;       /**< days simulated (0 before the run is done) */
    int32_t done;         /**< 1 once the run has been simulated */
    int32_t crop;         /**< code of the main crop: 1 maize */
} agro_run_info;

/** Yield statistics of one field × intervention over all members and seasons. */
typedef struct agro_yield_stats {
    int32_t field;            /**< field index */
    int32_t intervention;     /**< intervention index */
    int32_t n;                /**< number of runs included */
    int32_t n_not_sown;       /**< runs of those whose automatic sowing window closed unsown (yield 0) */
    double mean_kg_ha;        /**< mean grain yield (HWAM), kg/ha dry */
    double median_kg_ha;      /**< median grain yield, kg/ha */
    double p10_kg_ha;         /**< 10th percentile, kg/ha (linear interpolation, type 7) */
    double p90_kg_ha;         /**< 90th percentile, kg/ha */
    double min_kg_ha;         /**< smallest yield, kg/ha */
    double max_kg_ha;         /**< largest yield, kg/ha */
    double median_bags;       /**< median in bags per reporting area (bag_kg, area_ha) */
    double p10_bags;          /**< 10th percentile, bags per reporting area */
    double p90_bags;          /**< 90th percentile, bags per reporting area */
    double ratio_median;      /**< median of this / median of the baseline intervention
                                   (over all its runs done; NaN when that median is 0) */
    double ratio_paired_median; /**< median over paired member-seasons of yield / baseline
                                     yield: a season where both are 0 is left out, one where
                                     only the baseline is 0 counts as +inf (so the median is
                                     +inf if that happens in half of them); NaN if no season
                                     is left */
} agro_yield_stats;

/**
 * Load and validate a scenario file. Paths inside it are relative to the file's folder.
 * Every error names the file, the line and the JSON path of the bad value
 * (`fields[1].management[3].date`). Weather, soil and cultivar files are loaded here.
 * @return AGRO_OK, *@p out a scenario the caller frees with agro_scenario_free() (after any
 *         agro_results made for it); or an AGRO_E* code with the message in @p ctx.
 */
AGRO_API int agro_scenario_load(agro_ctx *ctx, const char *path, agro_scenario **out);
/**
 * Load a scenario from a text. @p name is used in messages; relative paths are resolved
 * against @p base_dir (NULL: the current directory). @return and *@p out as
 * agro_scenario_load().
 */
AGRO_API int agro_scenario_load_text(agro_ctx *ctx, const char *name, const char *text,
                                     const char *base_dir, agro_scenario **out);
/** Free a scenario; NULL is a no-op. */
AGRO_API void agro_scenario_free(agro_scenario *sc);

/** Sizes and reporting settings of @p sc. */
AGRO_API int agro_scenario_get_info(const agro_scenario *sc, agro_scenario_info *out);
/**
 * Reporting bags per reporting area for 1 kg/ha of dry grain (HWAM): area_ha / (bag_kg ·
 * (1 − grain_moisture_pct/100)); the bags hold grain at the report's moisture. NaN for a NULL
 * or unusable @p info.
 */
AGRO_API double agro_scenario_bags_per_kg_ha(const agro_scenario_info *info);
/** Name of field @p i (NUL-terminated, truncated to @p n without a word; an
 *  AGRO_SCENARIO_NAME_MAX buffer always holds it). @return AGRO_OK; AGRO_EINVAL for NULL,
 *  @p n 0 or an @p i outside 0..n_fields − 1. */
AGRO_API int agro_scenario_field_name(const agro_scenario *sc, int32_t i, char *buf, size_t n);
/** Name of intervention @p i: its level names joined by "+" (e.g. "package+N50"; "default"
 *  without factors). @return AGRO_OK; AGRO_EINVAL for NULL, @p n 0 or an @p i outside
 *  0..n_interventions − 1; AGRO_ERANGE when the name does not fit @p buf. */
AGRO_API int agro_scenario_intervention_name(const agro_scenario *sc, int32_t i, char *buf,
                                             size_t n);
/** Name of the scenario (its `name` key). */
AGRO_API int agro_scenario_name(const agro_scenario *sc, char *buf, size_t n);
/** The soil profile every field of the scenario runs on (its layers are the layers of the
 *  per-layer daily series, e.g. /daily/<field>/soil/SW and TS). */
AGRO_API int agro_scenario_soil(const agro_scenario *sc, agro_soil_profile *out);
/** Length in bytes of the scenario text (without the NUL). */
AGRO_API size_t agro_scenario_text_length(const agro_scenario *sc);
/** Copy the scenario text (as read) into @p buf (NUL-terminated, truncated to @p n). */
AGRO_API int agro_scenario_text(const agro_scenario *sc, char *buf, size_t n);
/** Number of input files @p sc was loaded from into *@p n: the scenario file (when loaded with
 *  agro_scenario_load()) and every file the scenario names (weather `file`, the generator's
 *  `site`, soil `file`, cultivar `file`, `dssat_cul` and `dssat_eco`, weed `params_file`, in
 *  the fields and in the interventions' levels), once per key that names it.
 *  @return AGRO_OK; AGRO_EINVAL for NULL. */
AGRO_API int agro_scenario_n_inputs(const agro_scenario *sc, int32_t *n);
/** Input @p i (0..n_inputs − 1): the file's name as it was opened (relative to the working
 *  folder of the load) into @p path, and the JSON path of the key that names it
 *  (`soil.file`, `fields[0].canopies[0].cultivar.file`; "" for the scenario file itself) into
 *  @p key, each NUL-terminated (@p key may be NULL). @return AGRO_OK; AGRO_EINVAL for NULL,
 *  @p n_path 0 or an @p i outside the inputs; AGRO_ERANGE when a name does not fit. */
AGRO_API int agro_scenario_input(const agro_scenario *sc, int32_t i, char *path, size_t n_path,
                                 char *key, size_t n_key);
/** Which input of @p sc a write to @p path would replace: *@p index its number (for
 *  agro_scenario_input()), or −1 for none, by the test of agro_output_same_file() (output.h):
 *  one file through symbolic links, "..", hard links, or, for a file not yet made, one name.
 *  Each input is compared by its absolute name at the load, so a caller who changed the
 *  working folder since still finds it (@p path is taken from the working folder now).
 *  The results writers refuse such a path (agro_output_check()). @return AGRO_OK; AGRO_EINVAL
 *  for NULL. */
AGRO_API int agro_scenario_find_input(const agro_scenario *sc, const char *path, int32_t *index);
/** Where run @p run sits in the design (field, intervention, member, season, year; n_days and
 *  done are 0: agro_results_run_info has them). @return AGRO_OK; AGRO_EINVAL for NULL or a
 *  @p run outside 0..n_runs − 1. */
AGRO_API int agro_scenario_run_info(const agro_scenario *sc, int32_t run, agro_run_info *out);

/** Allocate results for every run of @p sc (daily storage of n_runs × max_days). The results
 *  refer to @p sc (agro_results_yield_stats reads it): free them before the scenario. */
AGRO_API int agro_results_create(agro_ctx *ctx, const agro_scenario *sc, agro_results **out);
/** Free results; NULL is a no-op. */
AGRO_API void agro_results_free(agro_results *res);

/**
 * Simulate runs [@p first, @p first + @p count) of @p sc into @p res. Runs are independent
 * (own weather member, own field state), so any order or split gives the same numbers.
 * Threads (each with its own @p ctx) may run disjoint ranges into one @p res at once; read
 * @p res only after they have returned (there is no lock: a progress display that reads it
 * meanwhile races with the writers). Before each run it checks for a cancel request on @p ctx
 * (agro_ctx_cancel(), from another thread or a signal handler): AGRO_ECANCELED, "FILE:
 * cancelled before run N ...", the runs before N done and whole, none after.
 */
AGRO_API int agro_scenario_run_range(agro_ctx *ctx, const agro_scenario *sc, agro_results *res,
                                     int32_t first, int32_t count);
/** Simulate every run of @p sc into @p res. */
AGRO_API int agro_scenario_run(agro_ctx *ctx, const agro_scenario *sc, agro_results *res);

/** Run bookkeeping of run @p run (n_days, done). @return AGRO_OK; AGRO_EINVAL for NULL or a
 *  @p run outside 0..n_runs − 1. */
AGRO_API int agro_results_run_info(const agro_results *res, int32_t run, agro_run_info *out);
/** Season summary of run @p run (AGRO_EINVAL for NULL or a run outside 0..n_runs − 1,
 *  AGRO_ESTATE if the run has not been simulated). */
AGRO_API int agro_results_get_summary(const agro_results *res, int32_t run,
                                      agro_season_summary *out);
/**
 * Daily snapshots of run @p run: copies min(n_days, @p max_days) days into @p out and the
 * number of simulated days into @p n_days.
 * @return AGRO_OK; AGRO_EINVAL for NULL results, a run outside 0..n_runs − 1 or a negative
 *         @p max_days; AGRO_ESTATE when the run has not been simulated or the scenario's
 *         daily output is off (`"report": {"daily": false}`; agro_results_run_info tells which).
 */
AGRO_API int agro_results_get_daily(const agro_results *res, int32_t run, agro_field_daily *out,
                                    int32_t max_days, int32_t *n_days);
/**
 * Read-only view of the daily snapshots of run @p run (no copy): NULL when the run has not
 * been simulated or daily output is off; @p n_days receives the number of simulated days.
 * Valid until agro_results_free().
 */
AGRO_API const agro_field_daily *agro_results_daily_view(const agro_results *res, int32_t run,
                                                         int32_t *n_days);
/** Yield statistics of one field × intervention over every member and season. @return AGRO_OK;
 *  AGRO_EINVAL for NULL or an index outside the design; AGRO_ESTATE when none of its runs has
 *  been simulated; AGRO_ENOMEM. */
AGRO_API int agro_results_yield_stats(const agro_results *res, int32_t field,
                                      int32_t intervention, agro_yield_stats *out);

AGRO_API size_t agro_sizeof_scenario_info(void);
AGRO_API size_t agro_sizeof_run_info(void);
AGRO_API size_t agro_sizeof_yield_stats(void);

#ifdef __cplusplus
}
#endif
#endif
