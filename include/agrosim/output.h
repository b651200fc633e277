/**
 * @file output.h
 * @brief Results files: HDF5 (daily series and a compound summary table) and the summary CSV.
 *
 * HDF5 layout (docs/scenario.md, "HDF5 results"):
 *  - root attributes `agrosim_version`, `created_utc` (ISO 8601; the environment's
 *    SOURCE_DATE_EPOCH when set, so the same results make the same bytes), `scenario_name`,
 *    `scenario_text` (the scenario JSON as read), `n_runs`, `n_fields`, `n_interventions`,
 *    `n_members`, `n_seasons`, `baseline_intervention`, `bag_kg`, `area_ha`,
 *    `grain_moisture_pct`;
 *  - `/summary`: compound table, one row per field × intervention × member × season with
 *    ICASA-style names (HWAM, ADAT, MDAT, LAIX, CWAM, HWUM, H#AM, …);
 *  - `/interventions`, `/fields`: names (string datasets) indexed by the summary columns;
 *  - `/daily` (attribute `layout`, this layout in a sentence), its groups
 *    `/daily/<field>/<component>/<variable>`: float64 (n_runs_of_field, max_days) datasets,
 *    chunked and deflate-compressed, with `units` and `long_name` attributes (ICASA names:
 *    LAID, CWAD, GWAD, SWTD, …), NaN after the last simulated day of a run and where a value
 *    does not exist that day (e.g. the seed-depth soil temperature TSSD before sowing); the
 *    variables by soil layer (maize/RLV; soil/SW, BD, SAT, TS, and NI and NH, nitrate and
 *    ammonium N in µg N/g of dry soil, DSSAT SoilNi.OUT's NI#D and NH#D) are
 *    (n_runs_of_field, max_days, n_layers), with the layers' bottoms in
 *    `/daily/<field>/layer_bottom_cm`;
 *  - missing values in `/summary`: −1 in an integer column (a day or date not reached), NaN
 *    in a float column.
 * Strings and link names are UTF-8; objects carry no modification times. Threads may write
 * files at once when HDF5 is built thread-safe (H5_HAVE_THREADSAFE, as Debian's; CMake warns
 * when it is not: then one writer at a time).
 * The file is built in memory, written to a temporary name in the same folder, put on the disk
 * (fsync) and renamed at the end, so an interrupted run or a crash never leaves a file that
 * looks complete; a write error (ENOSPC, EFBIG) is AGRO_EIO naming the file and the system's
 * reason, and leaves no file. Every writer of this header does the same. A cancel request on the
 * context (agro_ctx_cancel(), e.g. from a Ctrl-C handler) stops a scenario writer before it
 * starts, before each run's daily rows and each HDF5 daily variable, and before the HDF5 file's
 * rename: AGRO_ECANCELED, the temporary file removed (a daily CSV's by agro_daily_csv_free()),
 * the old file kept; the `_commit` calls do not check it. A symbolic link as
 * the path stays a link: the file it points to is replaced. A regular file replaced keeps its
 * permission bits (rwx of owner, group and others, as GNU `sed -i` keeps them), not its owner
 * or its hard links: the rename puts a new file under the name, and another name of the old
 * file keeps the old content. agro_outfile gives a caller's own files the same writing.
 * The results writers refuse a path that names one of the scenario's inputs
 * (agro_scenario_find_input); agro_output_check makes their checks without writing.
 */
#ifndef AGROSIM_OUTPUT_H
#define AGROSIM_OUTPUT_H

#include <stdio.h>

#include "agrosim/core.h"
#include "agrosim/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Atomic output file: the writing of this header's writers, for a caller's own file (the
 * agrosim tool writes its CSV files so). agro_outfile_create() makes a temporary file
 * `<target>.partial-<pid>-<k>` in the target's folder (O_EXCL, so two writers of one name never
 * share one; mode 0666 less the umask, as fopen() gives, or the permission bits of the regular
 * file it replaces, given at the commit; the target's name cut short when the
 * temporary name would pass NAME_MAX, 255 bytes, so every name the folder takes can be written)
 * and opens it; the caller writes it
 * through agro_outfile_stream(); agro_outfile_commit() flushes and closes it, puts it on the
 * disk (fsync), renames it over the target and syncs the folder, so that a reader, or a crash,
 * sees the old file or the whole new one, never a part of it; agro_outfile_free() removes a
 * file not committed, leaving the old one.
 *
 * The target is @p path, or the file @p path links to when it is a symbolic link (resolved
 * again at the commit; the link stays a link). A @p path that exists and is not a regular file
 * (/dev/null, a FIFO, a terminal), and a link to nothing, are written in place: the commit then
 * only flushes and closes the stream (opening a FIFO waits for its reader).
 *
 * A failure returns the status with the context's message naming @p path and the system's
 * reason, and leaves errno at that reason (ENOSPC, EACCES, ENAMETOOLONG …; EINVAL for a bad
 * call), for a caller that words its own message.
 */
typedef struct agro_outfile agro_outfile;

/** Start an output file for @p path, whose folder must exist (agro_output_mkdirs()).
 *  AGRO_EINVAL for a NULL @p out, a NULL or empty @p path or one of 4096 bytes or more;
 *  AGRO_ENOMEM; AGRO_EIO when the file cannot be created (a read-only folder; a folder, or a
 *  name ending in '/', which names one: "Is a directory"). */
AGRO_API int agro_outfile_create(agro_ctx *ctx, const char *path, agro_outfile **out);
/** The stream to write into, owned by @p of (not to be closed by the caller); NULL after the
 *  commit and for a NULL @p of. The one `FILE *` of the API, for C callers that format text:
 *  the caller and the library must share one C library. */
AGRO_API FILE *agro_outfile_stream(agro_outfile *of);
/** Flush and close the stream, then fsync, rename into place and fsync the folder (not for a
 *  file written in place). AGRO_EIO naming the path and the reason on a write error found now
 *  (ENOSPC, EFBIG) or a failed rename: the temporary file is removed and the old target kept.
 *  AGRO_ESTATE when already committed; AGRO_EINVAL for a NULL @p of. Free @p of either way. */
AGRO_API int agro_outfile_commit(agro_ctx *ctx, agro_outfile *of);
/** Free @p of; a file not committed is closed and its temporary file removed (what was written
 *  in place stays written). NULL is allowed. */
AGRO_API void agro_outfile_free(agro_outfile *of);

/** Flag of agro_output_check(): every run of the results must have been simulated
 *  (agro_output_write_hdf5() and agro_output_append_daily_csv() refuse results in part). */
#define AGRO_OUTPUT_CHECK_ALL_RUNS 1

/**
 * What a results writer refuses before it writes @p path, checked without creating a file or a
 * folder, so that a caller who makes the output's folders first (agro_output_mkdirs(), as
 * `agrosim run` and the Python binding do) leaves none for a call that is refused:
 * AGRO_EINVAL for a NULL argument, results not made for @p sc, or a @p path that names one of
 * the scenario's inputs (agro_scenario_find_input(): the message names @p path, the key and
 * the input, `out.csv: would replace the scenario's input soil.file ("soil.json")`); with
 * @p flags AGRO_OUTPUT_CHECK_ALL_RUNS, AGRO_ESTATE naming the first run not simulated.
 */
AGRO_API int agro_output_check(agro_ctx *ctx, const agro_scenario *sc, const agro_results *res,
                               const char *path, int32_t flags);
/** Whether the writers of this header (and agro_outfile) can make a file by the name @p path,
 *  checked without creating a file or a folder, so that a caller who makes the output's folders
 *  first (agro_output_mkdirs(), as `agrosim` and the Python binding do) leaves none for a name
 *  that would be refused: AGRO_EINVAL naming @p path, errno ENAMETOOLONG, "file name too long"
 *  for a name of PATH_MAX (4096) bytes or more, a part of it (a folder's or the file's name)
 *  longer than NAME_MAX (255) bytes, or a name whose temporary name
 *  `<name>.partial-<pid>-<k>` would pass 4095 bytes; AGRO_EIO, errno EISDIR, "cannot create:
 *  Is a directory" for a name that can only be a folder's (ending in "/", or whose last part
 *  is "." or ".."); AGRO_EINVAL for a NULL or empty @p path.
 *  A name written in place (an existing FIFO or device, a link to nothing) has no temporary
 *  name; a symbolic link's is made beside the file it points to, as the writers make it. */
AGRO_API int agro_output_check_name(agro_ctx *ctx, const char *path);
/** *@p same = 1 when a write to @p a would end in the file @p b names, else 0: one name, two
 *  names of one existing file (the same st_dev and st_ino: through symbolic links, "..", hard
 *  links), or, when one does not exist yet, one name once the folders a write makes
 *  (agro_output_mkdirs()) exist (each name read from the left: a part that exists resolved,
 *  its links followed, a missing one taken by name, "." dropped and ".." taking back the
 *  folder before it, so "new/../link/x.csv" is x.csv of the folder "link" names) and a
 *  symbolic link as the last part followed, also one to nothing (the write creates the file
 *  it names). The test `agrosim` makes between its outputs and inputs.
 *  AGRO_EINVAL for a NULL argument. */
AGRO_API int agro_output_same_file(const char *a, const char *b, int32_t *same);

/** Write every run of @p res to the HDF5 file @p path (created or replaced atomically).
 *  AGRO_EINVAL when @p res was not made for @p sc (agro_results_create), as for the CSV, and
 *  for a @p path naming one of the scenario's inputs (agro_output_check());
 *  AGRO_ESTATE naming the first run not simulated (a range not run, or the run that failed and
 *  those after it in a failed agro_scenario_run): results in part are refused, not written. */
AGRO_API int agro_output_write_hdf5(agro_ctx *ctx, const agro_scenario *sc,
                                    const agro_results *res, const char *path);
/**
 * Write the summary CSV: one row per field × intervention × member × season, columns
 * `field,intervention,member,season,year,crop,yield_kg_ha,anthesis_dap,maturity_dap,…`
 * (docs/scenario.md lists them all). Column groups of other field kinds (intercrop,
 * mushroom) appear only when the scenario has such fields. Only simulated runs have rows: a run
 * not simulated (a range not run, or the run that failed and those after it in a failed
 * agro_scenario_run) is left out with no mark, unlike agro_output_write_hdf5, which refuses
 * such results; compare the rows with agro_scenario_info.n_runs, or write only after a run
 * that succeeded. AGRO_ESTATE when no run has been simulated; AGRO_EINVAL for results not made
 * for @p sc and for a @p path naming one of the scenario's inputs (agro_output_check()).
 */
AGRO_API int agro_output_write_csv(agro_ctx *ctx, const agro_scenario *sc,
                                   const agro_results *res, const char *path);
/**
 * Write the summary CSV of agro_output_write_csv() into @p of (agro_outfile_create()) and flush
 * it, so that a write error (a full disk) is AGRO_EIO now; the file is not committed: the caller
 * renames it into place with agro_outfile_commit(), e.g. only after the HDF5 file is written, so
 * that a failure of either leaves both old files, or drops it with agro_outfile_free().
 * AGRO_ESTATE when no run has been simulated or @p of is already committed.
 */
AGRO_API int agro_output_write_csv_to(agro_ctx *ctx, const agro_scenario *sc,
                                      const agro_results *res, agro_outfile *of);

/**
 * Daily CSV: the daily records of one or more runs in one long table, one row per run and
 * day, as DSSAT's PlantGro.OUT and SoilWat.OUT hold them but with a single header
 * (docs/validation.md, "Season summaries and daily output"). Columns: `RUN,TRNO,SEASON`,
 * then the scalar daily variables of the HDF5 file under their ICASA/DSSAT names
 * (`YEAR,DOY,DAS,DAP,GSTD,L#SD,LAID,CWAD,…`; the weed columns, when asked for, as
 * `weeds.LAID` …). With ::AGRO_DAILY_CSV_LAYERS the variables by soil layer follow, one
 * column per layer under DSSAT's names: `RL1D…` root length density (cm/cm³, CERES-Maize's
 * PlantGro.OUT), `SW1D…` volumetric soil water (cm³/cm³, SoilWat.OUT), `BD1…` bulk density
 * (g/cm³) and `SAT1…` saturated water content (cm³/cm³, SoilDyn.OUT), `ST1D…` soil
 * temperature (°C; SoilTemp.OUT's TS1D…, named after STEMP's array ST because `TS5D` is
 * already the scalar temperature at 5 cm), then `NI1D…` nitrate and `NH1D…` ammonium N
 * (µg N/g of dry soil, ppm, SoilNi.OUT: the layer's kg N/ha times KG2PPM). Layer k is the
 * k-th layer, top first, of the profile the run simulates (for a DSSAT treatment, its .SOL
 * profile as MESOL re-layers it). Each variable has ::AGRO_SOIL_MAX_LAYERS columns, whatever
 * the runs' profiles, so that the header can be written at create, before any run is known,
 * and the runs of different profiles in one file share it: a run's cells past its last layer
 * (its records' n_layers) are empty. DSSAT writes at most 10 layers in PlantGro.OUT,
 * SoilTemp.OUT and SoilNi.OUT (20 in SoilWat.OUT); agrosim's profiles may have up to
 * ::AGRO_SOIL_MAX_LAYERS. Values that are not finite are empty cells. The file is written
 * under a temporary name and renamed by agro_daily_csv_commit(), so an interrupted writer
 * leaves no file.
 */
typedef struct agro_daily_csv agro_daily_csv;

/** Flags of agro_daily_csv_create(). */
enum {
    /** also write the weed canopy's columns (weeds.LAID, weeds.CWAD, …) */
    AGRO_DAILY_CSV_WEEDS = 1,
    /** also write the variables by soil layer (RL1D…, SW1D…, BD1…, SAT1…, ST1D…, NI1D…,
     *  NH1D…), after the others */
    AGRO_DAILY_CSV_LAYERS = 2
};

/** Start a daily CSV at @p path (the header is written now). AGRO_EINVAL for NULL
 *  arguments or unknown @p flags, AGRO_EIO naming @p path if it cannot be created. */
AGRO_API int agro_daily_csv_create(agro_ctx *ctx, const char *path, int32_t flags,
                                   agro_daily_csv **out);
/**
 * Append the @p n_days records @p days of one run, labelled @p run (e.g. the experiment
 * code; quoted when it holds a comma, quote or line break), treatment @p treatment and
 * season @p season. AGRO_EINVAL for NULL arguments or @p n_days < 0, and, with
 * ::AGRO_DAILY_CSV_LAYERS, for a record whose n_layers is outside 0..::AGRO_SOIL_MAX_LAYERS
 * (naming it; nothing of the call is written); AGRO_ESTATE after a commit or an earlier write
 * error.
 */
AGRO_API int agro_daily_csv_append(agro_ctx *ctx, agro_daily_csv *w, const char *run,
                                   int32_t treatment, int32_t season,
                                   const agro_field_daily *days, int32_t n_days);
/** Finish the file and rename it to its path. AGRO_EIO naming the path on a write error
 *  (the partial file is removed); AGRO_ESTATE if already committed. */
AGRO_API int agro_daily_csv_commit(agro_ctx *ctx, agro_daily_csv *w);
/** Free @p w; a file not committed is removed. NULL is allowed. */
AGRO_API void agro_daily_csv_free(agro_daily_csv *w);

/**
 * The flags of agro_daily_csv_create() for the daily CSV of the runs of scenario @p sc
 * (agro_output_append_daily_csv()): ::AGRO_DAILY_CSV_WEEDS when a field of @p sc has a weed
 * canopy (the variables of the HDF5 file's `/daily/<field>/weeds`, which that file holds, as 0,
 * for a field without weeds too), else 0; a caller adds
 * ::AGRO_DAILY_CSV_LAYERS for the columns by soil layer. AGRO_EINVAL for NULL arguments;
 * AGRO_ESTATE, naming the scenario file, the line and `report.daily`, when the scenario keeps
 * no daily records (`"report": {"daily": false}`), so that a caller can refuse before it runs
 * the scenario (`agrosim run --daily` does).
 */
AGRO_API int agro_output_daily_csv_flags(agro_ctx *ctx, const agro_scenario *sc,
                                         int32_t *flags);
/**
 * Append the daily records of every run of @p res to @p w, in run order (the HDF5 file's
 * `/summary` rows), one row per run and simulated day, labelled as the summary CSV identifies
 * the run (docs/scenario.md, "Daily CSV"): `RUN` = `<field>/<intervention>/<member>` (the
 * summary CSV's field, intervention and member; names hold no '/'), `TRNO` = the number, from 1,
 * of the field × intervention × member combination in run order (a treatment, as DSSAT numbers
 * them), `SEASON` = the season index from 0 (the summary CSV's season), so that the run index
 * is (TRNO − 1)·n_seasons + SEASON. AGRO_EINVAL for NULL arguments or results made for another
 * scenario; AGRO_ESTATE as agro_output_daily_csv_flags() when the scenario keeps no daily
 * records, and naming the first run not simulated (results in part are refused, as by
 * agro_output_write_hdf5()): then nothing is written; the statuses of
 * agro_daily_csv_append() otherwise. The rows are flushed to the file before it returns, so a
 * write error (a full disk, a file size limit) is AGRO_EIO here rather than at
 * agro_daily_csv_commit(), which is left to put the file on the disk and rename it: a caller
 * can write its other files between the two (agrosim run does) and keep every old one.
 */
AGRO_API int agro_output_append_daily_csv(agro_ctx *ctx, const agro_scenario *sc,
                                          const agro_results *res, agro_daily_csv *w);

/**
 * Season CSV: one row per run with its season summary, as DSSAT's Summary.OUT lists its runs
 * (docs/validation.md, "Season summaries and daily output"). Columns: `RUN,TRNO,SEASON`,
 * then the crop columns of the HDF5 `/summary` table under their ICASA names
 * (`HWAM,ADAP,MDAP,EDAP,PDAT,ADAT,MDAT,HDAT,PLPOP,…,NBAL`; the bags column of scenarios is
 * left out). Stages not reached and values that are not finite are empty cells. Created,
 * appended, committed and freed as the daily CSV, with the same statuses.
 */
typedef struct agro_season_csv agro_season_csv;

/** Start a season CSV at @p path (the header is written now). */
AGRO_API int agro_season_csv_create(agro_ctx *ctx, const char *path, agro_season_csv **out);
/** Append the summary @p s of one run, labelled as in agro_daily_csv_append(). */
AGRO_API int agro_season_csv_append(agro_ctx *ctx, agro_season_csv *w, const char *run,
                                    int32_t treatment, int32_t season,
                                    const agro_season_summary *s);
/** Finish the file and rename it to its path (as agro_daily_csv_commit()). */
AGRO_API int agro_season_csv_commit(agro_ctx *ctx, agro_season_csv *w);
/** Free @p w; a file not committed is removed. NULL is allowed. */
AGRO_API void agro_season_csv_free(agro_season_csv *w);

/** Create folder @p path and its parents if they do not exist (mode 0777 & ~umask). */
AGRO_API int agro_output_mkdirs(agro_ctx *ctx, const char *path);

#ifdef __cplusplus
}
#endif
#endif
