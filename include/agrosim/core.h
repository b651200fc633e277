/**
 * @file core.h
 * @brief Status codes, the error context, version and shared units/dates of agrosim.
 *
 * Every public function returns an int: 0 (AGRO_OK) or a negative AGRO_E* code.
 * Functions that can fail on user input take an ::agro_ctx as first argument; the
 * context keeps the detailed message (file, line, field, offending value) of the
 * last failure. One context per thread: there is no global mutable state. The context
 * may be NULL: every function then returns the same status and the message is dropped.
 * A context also carries a cancel request (agro_ctx_cancel()), which another thread or a
 * signal handler may set while the owner's call runs, so that a long call stops cleanly.
 */
#ifndef AGROSIM_CORE_H
#define AGROSIM_CORE_H

#include <stddef.h>
#include <stdint.h>

#if defined(AGROSIM_BUILDING)
#define AGRO_API __attribute__((visibility("default")))
#else
#define AGRO_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Status codes (0 or negative). */
enum {
    AGRO_OK = 0,
    AGRO_EINVAL = -1,      /**< invalid argument (NULL pointer, bad size) */
    AGRO_ENOMEM = -2,      /**< out of memory */
    AGRO_EIO = -3,         /**< file cannot be opened, read or written */
    AGRO_EFORMAT = -4,     /**< malformed content: syntax, truncated line, non-numeric field */
    AGRO_ERANGE = -5,      /**< value outside its physical or documented range */
    AGRO_ENOTFOUND = -6,   /**< identifier (soil profile, cultivar, treatment) not found */
    AGRO_EMISSING = -7,    /**< required value, key or column missing */
    AGRO_EORDER = -8,      /**< dates or depths out of order or duplicated */
    AGRO_EKEY = -9,        /**< unknown key in a parameter file */
    AGRO_ESTATE = -10,     /**< call not valid in the object's current state */
    AGRO_ENUMERIC = -11,   /**< numerical failure (non-finite value, solver error) */
    AGRO_EHDF5 = -12,      /**< HDF5 library error */
    AGRO_ELIMIT = -13,     /**< a fixed capacity (layers, canopies, events) was exceeded */
    AGRO_ECANCELED = -14   /**< stopped by a cancel request (agro_ctx_cancel()) */
};

/** Length of the buffer needed for the longest detailed message, including the NUL. */
#define AGRO_MESSAGE_MAX 1024

/** Opaque error context; create one per thread. */
typedef struct agro_ctx agro_ctx;

/** Allocate a context into *@p out, which the caller frees with agro_ctx_free().
 *  @return AGRO_OK; AGRO_EINVAL for a NULL @p out; AGRO_ENOMEM. */
AGRO_API int agro_ctx_create(agro_ctx **out);
/** Free a context; NULL is a no-op. */
AGRO_API void agro_ctx_free(agro_ctx *ctx);
/** Status of the last failure recorded in @p ctx (AGRO_OK if none; AGRO_EINVAL for a NULL
 *  @p ctx). */
AGRO_API int agro_ctx_status(const agro_ctx *ctx);
/**
 * Copy the detailed message of the last failure ("FILE:LINE: FIELD: what") into @p buf
 * (always NUL-terminated; cut to fit @p n bytes, between UTF-8 characters, so that a cut message
 * stays valid UTF-8: up to 3 bytes fewer than @p n − 1). A message longer than the context
 * holds (AGRO_MESSAGE_MAX − 1 bytes) is cut there the same way. LINE counts from 1 as an editor
 * shows the file: a line ends in LF, CRLF or a lone CR (docs/formats.md, "Line ends"). A FILE
 * longer than 400 bytes is shown as its first 120 and last 277 bytes around "..." (up to 3 bytes
 * fewer at either cut, which falls between UTF-8 characters), so that what follows it fits in
 * AGRO_MESSAGE_MAX.
 * @return AGRO_OK or AGRO_EINVAL.
 */
AGRO_API int agro_ctx_message(const agro_ctx *ctx, char *buf, size_t n);
/** Forget the last failure. A pending cancel request stays (agro_ctx_cancel_reset() drops it):
 *  a request made from another thread or a signal handler is not lost when the owner clears a
 *  message before its next call. */
AGRO_API void agro_ctx_clear(agro_ctx *ctx);

/**
 * Ask the calls that use @p ctx to stop: the one in progress and every later one, until
 * agro_ctx_cancel_reset(). The one call that may be made on a context from another thread, or
 * from a signal handler, while its owner uses it: it only stores into a lock-free atomic flag
 * of the context (async-signal-safe; it neither allocates, locks nor prints). The caller keeps
 * @p ctx alive until no thread or handler can call it any more. NULL is a no-op.
 *
 * The long calls check the flag at points between units of work, never inside a daily step:
 * agro_scenario_run_range() before each run, agro_dssat_run_treatment*() before the season,
 * agro_weather_generate() before each year, the weather readers (agro_weather_load*(), so also
 * agro_scenario_load() and a DSSAT treatment's run, which load weather files) before they read
 * and every 4096 lines of the file, and the results writers of output.h
 * (agro_output_write_hdf5(), agro_output_write_csv*(), agro_output_append_daily_csv()) before
 * they start, before each run's rows or each daily variable, and before the HDF5 file's rename,
 * as agro_weather_write_csv() before it starts, before each year's rows and before the
 * rename. A call that finds the request returns ::AGRO_ECANCELED with the message
 * "FILE: cancelled ...": the runs done so far stay in their
 * results (the writers refuse results in part), the writer's temporary file
 * `<target>.partial-<pid>-<k>` is removed and the target left as it was. A writer whose
 * handle the caller holds (agro_daily_csv, agro_season_csv, agro_outfile) is dropped by its
 * `_free`, which removes the temporary file; their `_commit` does not check the flag: once a
 * caller has renamed one file of a set into place it may finish the others.
 */
AGRO_API void agro_ctx_cancel(agro_ctx *ctx);
/** 1 when a cancel request is pending on @p ctx (agro_ctx_cancel()), else 0 (also for NULL). */
AGRO_API int agro_ctx_cancelled(const agro_ctx *ctx);
/** Drop a pending cancel request, so that the calls on @p ctx run again. NULL is a no-op. */
AGRO_API void agro_ctx_cancel_reset(agro_ctx *ctx);

/** English description of a status code: a static string, never NULL, not to be freed. */
AGRO_API const char *agro_strerror(int status);
/** Library version string "MAJOR.MINOR.PATCH" (static, not to be freed). */
AGRO_API const char *agro_version(void);
/** Library version as numbers; any pointer may be NULL. @return AGRO_OK. */
AGRO_API int agro_version_numbers(int32_t *major, int32_t *minor, int32_t *patch);

/** Day of year (1..366) of a calendar date; AGRO_ERANGE for an impossible date, AGRO_EINVAL for a NULL @p doy. */
AGRO_API int agro_date_to_doy(int32_t year, int32_t month, int32_t day, int32_t *doy);
/** Calendar month (1..12) and day (1..31) of a (year, day of year); either pointer may be NULL.
 *  @return AGRO_OK; AGRO_ERANGE for a @p doy outside 1..agro_days_in_year(@p year). */
AGRO_API int agro_doy_to_date(int32_t year, int32_t doy, int32_t *month, int32_t *day);
/** 1 if @p year is a leap year, else 0. */
AGRO_API int agro_is_leap_year(int32_t year);
/** Days in @p year (365 or 366). */
AGRO_API int agro_days_in_year(int32_t year);
/** Signed number of days from (y1,d1) to (y2,d2), into *@p days; AGRO_EINVAL for a NULL
 *  @p days, AGRO_ERANGE for a day of year its year lacks (0, 366 of a common year) or a count
 *  that does not fit an int32_t. */
AGRO_API int agro_days_between(int32_t y1, int32_t d1, int32_t y2, int32_t d2, int32_t *days);
/** Advance (year, doy) by @p n days (n may be negative); AGRO_EINVAL for an impossible
 *  @p doy, AGRO_ERANGE for some results within 400 years of the int32_t year limits (never for
 *  one further from them; none overflows). */
AGRO_API int agro_date_add(int32_t *year, int32_t *doy, int32_t n);

#ifdef __cplusplus
}
#endif
#endif
