/*
 * Thread safety and reproducibility (README: "same inputs and seed, same bits; no global mutable
 * state; thread-safe"): four POSIX threads, each with its own agro_ctx, generate weather, run maize
 * seasons and scenario run ranges (into their own results, and disjoint ranges into one shared
 * results) and write the results files of one results object at the same time; their results
 * must be bit-identical to the same work done serially in the main thread, and a failure in one
 * thread must leave its message in that thread's context only. Threads never call Criterion
 * asserts (they are not thread-safe); they record statuses and results, and the main thread
 * checks them after joining. CI runs these under ThreadSanitizer too (AGROSIM_SANITIZE_THREAD),
 * which sees a race that the bit comparison may miss.
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agrosim/agrosim.h"
#include "helpers/season.h"
#include "agrosim/field.h"
#include "agrosim/scenario.h"

#define N_THREADS 4
#define N_YEARS 3
#define MAX_DAYS 400
#define SITE AGROSIM_SOURCE_DIR "/models/sites/morogoro.json"
#define SCENARIO AGROSIM_SOURCE_DIR "/examples/morogoro/morogoro.json"

/* Every thread waits here so the work really overlaps. */
static pthread_barrier_t start_line;

/* Runs @p fn on each of the N_THREADS jobs of @p size bytes at @p jobs at once (they meet at
 * start_line) and waits for them all. */
static void run_at_once(void *(*fn)(void *), void *jobs, size_t size)
{
    pthread_t tid[N_THREADS];
    cr_assert_eq(pthread_barrier_init(&start_line, NULL, N_THREADS), 0);
    for (int i = 0; i < N_THREADS; i++)
        cr_assert_eq(pthread_create(&tid[i], NULL, fn, (char *)jobs + (size_t)i * size), 0);
    for (int i = 0; i < N_THREADS; i++)
        cr_assert_eq(pthread_join(tid[i], NULL), 0);
    pthread_barrier_destroy(&start_line);
}

/* One generated-weather + maize-season job (the season of tests/test_field.c, year 2001). */
typedef struct weather_job {
    uint64_t seed;
    int century; /* CENTURY organic matter on the previous crop's residues */
    int status; /* first failing status, AGRO_OK if none */
    int32_t n_weather;
    agro_weather_day *weather; /* malloc'd copy of the generated series */
    agro_season_summary summary;
    agro_field_daily *daily; /* MAX_DAYS snapshots */
    int32_t n_days;
} weather_job;

static int weather_work(agro_ctx *ctx, weather_job *j)
{
    agro_site site;
    char name[64];
    agro_weather *w = NULL;
    agro_weather_info info;
    agro_season_spec *s = malloc(sizeof *s);
    int st = s ? AGRO_OK : AGRO_ENOMEM;
    if (st == AGRO_OK)
        st = agro_site_load(ctx, SITE, &site, name, sizeof name);
    if (st == AGRO_OK)
        st = agro_weather_generate(ctx, &site, "MOROGORO", 2001, N_YEARS, j->seed, &w);
    if (st == AGRO_OK)
        st = agro_weather_get_info(w, &info);
    if (st == AGRO_OK) {
        j->n_weather = info.n_days;
        j->weather = malloc((size_t)info.n_days * sizeof *j->weather);
        if (!j->weather)
            st = AGRO_ENOMEM;
        else
            memcpy(j->weather, agro_weather_days(w), (size_t)info.n_days * sizeof *j->weather);
    }
    if (st == AGRO_OK)
        st = helper_morogoro_spec(ctx, s, 2001);
    if (st == AGRO_OK && j->century) {
        s->options.soil_om_method = AGRO_SOIL_OM_CENTURY;
        helper_add_event(s, AGRO_EVENT_RESIDUE, s->start_doy, 3000.0, 0.0);
        helper_add_event(s, AGRO_EVENT_ROOT_RESIDUE, s->start_doy, 800.0, 0.0);
        for (int k = s->n_events - 2; k < s->n_events; k++) {
            s->events[k].depth_cm = 0.0;
            s->events[k].n_pct = 0.9;
            s->events[k].lignin_frac = 0.07;
            s->events[k].initial = 1;
        }
    }
    if (st == AGRO_OK) {
        j->daily = calloc(MAX_DAYS, sizeof *j->daily);
        st = j->daily ? AGRO_OK : AGRO_ENOMEM;
    }
    if (st == AGRO_OK) {
        memset(&j->summary, 0, sizeof j->summary);
        st = agro_season_run(ctx, s, w, &j->summary, j->daily, MAX_DAYS, &j->n_days);
    }
    agro_weather_free(w);
    free(s);
    return st;
}

static void *weather_thread(void *arg)
{
    weather_job *j = arg;
    agro_ctx *ctx = NULL;
    pthread_barrier_wait(&start_line);
    j->status = agro_ctx_create(&ctx);
    if (j->status == AGRO_OK)
        j->status = weather_work(ctx, j);
    agro_ctx_free(ctx);
    return NULL;
}

static void weather_job_free(weather_job *j)
{
    free(j->weather);
    free(j->daily);
}

static void expect_same_job(const weather_job *a, const weather_job *b, const char *what)
{
    cr_assert_eq(a->n_weather, b->n_weather, "%s: weather length", what);
    cr_expect_eq(memcmp(a->weather, b->weather, (size_t)a->n_weather * sizeof *a->weather), 0,
                 "%s: weather days differ", what);
    cr_expect_eq(memcmp(&a->summary, &b->summary, sizeof a->summary), 0, "%s: season summary differs", what);
    cr_assert_eq(a->n_days, b->n_days, "%s: season length", what);
    cr_expect_eq(memcmp(a->daily, b->daily, (size_t)a->n_days * sizeof *a->daily), 0,
                 "%s: daily snapshots differ", what);
}

Test(threads, weather_and_seasons_in_parallel_match_serial_bit_for_bit)
{
    /* Threads 0 and 2 share a seed; 1 and 3 use others; 3 runs the CENTURY organic matter. */
    const uint64_t seeds[N_THREADS] = {11, 22, 11, 33};
    weather_job par[N_THREADS], ser[N_THREADS];
    memset(par, 0, sizeof par);
    memset(ser, 0, sizeof ser);
    for (int i = 0; i < N_THREADS; i++) {
        par[i].seed = ser[i].seed = seeds[i];
        par[i].century = ser[i].century = i == 3;
    }
    run_at_once(weather_thread, par, sizeof par[0]);

    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    for (int i = 0; i < N_THREADS; i++) {
        cr_assert_eq(par[i].status, AGRO_OK, "thread %d: %s", i, agro_strerror(par[i].status));
        ser[i].status = weather_work(ctx, &ser[i]);
        cr_assert_eq(ser[i].status, AGRO_OK);
        cr_assert_gt(par[i].n_days, 100, "thread %d: the season ran", i);
        char what[32];
        snprintf(what, sizeof what, "thread %d vs serial", i);
        expect_same_job(&par[i], &ser[i], what);
    }
    agro_ctx_free(ctx);
    /* Same seed, same bits across threads; another seed, another series and season. */
    expect_same_job(&par[0], &par[2], "threads 0 and 2 (equal seeds)");
    cr_expect_neq(memcmp(par[0].weather, par[1].weather, (size_t)par[0].n_weather * sizeof *par[0].weather), 0);
    cr_expect_neq(par[0].summary.hwam_kg_ha, par[1].summary.hwam_kg_ha);
    /* (CERES keeps a surface residue as it is; CENTURY's decays) */
    const double m0 = par[3].daily[0].mulch_kg_ha, m1 = par[3].daily[par[3].n_days - 1].mulch_kg_ha;
    cr_expect(m0 > 2000.0 && m1 < 0.8 * m0, "thread 3 ran CENTURY: mulch %g, then %g kg/ha", m0, m1);
    for (int i = 0; i < N_THREADS; i++) {
        weather_job_free(&par[i]);
        weather_job_free(&ser[i]);
    }
}

/* A disjoint range of runs of one shared (read-only) scenario into the thread's own results. */
typedef struct range_job {
    const agro_scenario *sc;
    int32_t first, count;
    int status;
    agro_results *res;
} range_job;

static void *range_thread(void *arg)
{
    range_job *j = arg;
    agro_ctx *ctx = NULL;
    pthread_barrier_wait(&start_line);
    j->status = agro_ctx_create(&ctx);
    if (j->status == AGRO_OK)
        j->status = agro_results_create(ctx, j->sc, &j->res);
    if (j->status == AGRO_OK)
        j->status = agro_scenario_run_range(ctx, j->sc, j->res, j->first, j->count);
    agro_ctx_free(ctx);
    return NULL;
}

Test(threads, scenario_run_ranges_in_parallel_match_a_serial_run)
{
    agro_ctx *ctx;
    agro_scenario *sc;
    agro_results *serial;
    agro_scenario_info info;
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    cr_assert_eq(agro_scenario_load(ctx, SCENARIO, &sc), AGRO_OK);
    cr_assert_eq(agro_scenario_get_info(sc, &info), AGRO_OK);
    cr_assert_geq(info.n_runs, N_THREADS);

    range_job jobs[N_THREADS];
    for (int i = 0; i < N_THREADS; i++) {
        jobs[i].sc = sc;
        jobs[i].first = info.n_runs * i / N_THREADS;
        jobs[i].count = info.n_runs * (i + 1) / N_THREADS - jobs[i].first;
        jobs[i].status = AGRO_OK;
        jobs[i].res = NULL;
    }
    run_at_once(range_thread, jobs, sizeof jobs[0]);

    cr_assert_eq(agro_results_create(ctx, sc, &serial), AGRO_OK);
    cr_assert_eq(agro_scenario_run(ctx, sc, serial), AGRO_OK);
    int32_t compared = 0;
    for (int i = 0; i < N_THREADS; i++) {
        cr_assert_eq(jobs[i].status, AGRO_OK, "thread %d: %s", i, agro_strerror(jobs[i].status));
        for (int32_t r = jobs[i].first; r < jobs[i].first + jobs[i].count; r++) {
            agro_season_summary a, b;
            memset(&a, 0, sizeof a);
            memset(&b, 0, sizeof b);
            cr_assert_eq(agro_results_get_summary(jobs[i].res, r, &a), AGRO_OK);
            cr_assert_eq(agro_results_get_summary(serial, r, &b), AGRO_OK);
            cr_expect_eq(memcmp(&a, &b, sizeof a), 0, "run %d: summary differs", r);
            int32_t na = 0, nb = 0;
            const agro_field_daily *da = agro_results_daily_view(jobs[i].res, r, &na);
            const agro_field_daily *db = agro_results_daily_view(serial, r, &nb);
            cr_assert_eq(na, nb, "run %d: season length", r);
            if (da || db) {
                cr_assert(da && db, "run %d: daily output on one side only", r);
                cr_expect_eq(memcmp(da, db, (size_t)na * sizeof *da), 0, "run %d: daily differs", r);
            }
            compared++;
        }
        /* Runs outside the thread's range were not touched. */
        int32_t outside = jobs[i].first > 0 ? 0 : jobs[i].count;
        agro_season_summary none;
        cr_expect_eq(agro_results_get_summary(jobs[i].res, outside, &none), AGRO_ESTATE);
        agro_results_free(jobs[i].res);
    }
    cr_expect_eq(compared, info.n_runs);
    agro_results_free(serial);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
}

/* Loads a scenario from a path (or, with text set, from that text under the name path). */
typedef struct load_job {
    const char *path;
    const char *text;
    int status;
    int ctx_status;
    char message[AGRO_MESSAGE_MAX];
    double first_yield_kg_ha;
} load_job;

static void *load_thread(void *arg)
{
    load_job *j = arg;
    agro_ctx *ctx = NULL;
    agro_scenario *sc = NULL;
    agro_results *res = NULL;
    pthread_barrier_wait(&start_line);
    j->status = agro_ctx_create(&ctx);
    if (j->status != AGRO_OK)
        return NULL;
    if (j->text)
        j->status = agro_scenario_load_text(ctx, j->path, j->text, NULL, &sc);
    else
        j->status = agro_scenario_load(ctx, j->path, &sc);
    if (j->status == AGRO_OK)
        j->status = agro_results_create(ctx, sc, &res);
    if (j->status == AGRO_OK)
        j->status = agro_scenario_run_range(ctx, sc, res, 0, 2);
    agro_season_summary s;
    if (j->status == AGRO_OK)
        j->status = agro_results_get_summary(res, 0, &s);
    j->first_yield_kg_ha = j->status == AGRO_OK ? s.hwam_kg_ha : -1.0;
    j->ctx_status = agro_ctx_status(ctx);
    agro_ctx_message(ctx, j->message, sizeof j->message);
    agro_results_free(res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
    return NULL;
}

Test(threads, a_failure_in_one_thread_stays_in_its_own_context)
{
    /* Thread 1 opens a missing file (strerror path), thread 3 parses broken JSON at line 2. */
    load_job jobs[N_THREADS] = {
        {.path = SCENARIO},
        {.path = "/nonexistent/agrosim_thread_1.json"},
        {.path = SCENARIO},
        {.path = "thread_3_text.json", .text = "{\n  \"schema_version\": ,\n}\n"},
    };
    run_at_once(load_thread, jobs, sizeof jobs[0]);

    for (int i = 0; i < N_THREADS; i += 2) {
        cr_expect_eq(jobs[i].status, AGRO_OK, "thread %d: %s", i, jobs[i].message);
        cr_expect_eq(jobs[i].ctx_status, AGRO_OK);
        cr_expect_str_empty(jobs[i].message, "thread %d holds someone's message: %s", i, jobs[i].message);
        cr_expect_gt(jobs[i].first_yield_kg_ha, 0.0);
    }
    cr_expect_eq(jobs[0].first_yield_kg_ha, jobs[2].first_yield_kg_ha);

    cr_expect_eq(jobs[1].status, AGRO_EIO);
    cr_expect_eq(jobs[1].ctx_status, AGRO_EIO);
    cr_expect(strstr(jobs[1].message, "/nonexistent/agrosim_thread_1.json") != NULL, "%s", jobs[1].message);
    cr_expect(strstr(jobs[1].message, "No such file or directory") != NULL, "%s", jobs[1].message);
    cr_expect(strstr(jobs[1].message, "thread_3") == NULL, "%s", jobs[1].message);

    cr_expect_neq(jobs[3].status, AGRO_OK);
    cr_expect_eq(jobs[3].ctx_status, jobs[3].status);
    cr_expect(strstr(jobs[3].message, "thread_3_text.json:2") != NULL, "%s", jobs[3].message);
    cr_expect(strstr(jobs[3].message, "thread_1") == NULL, "%s", jobs[3].message);
}

/* Every N_THREADS-th run, one run_range call each, into results shared by all the threads. */
typedef struct shared_job {
    const agro_scenario *sc;
    agro_results *res;
    int32_t first, n_runs;
    int status;
} shared_job;

static void *shared_thread(void *arg)
{
    shared_job *j = arg;
    agro_ctx *ctx = NULL;
    pthread_barrier_wait(&start_line);
    j->status = agro_ctx_create(&ctx);
    for (int32_t r = j->first; r < j->n_runs && j->status == AGRO_OK; r += N_THREADS)
        j->status = agro_scenario_run_range(ctx, j->sc, j->res, r, 1);
    agro_ctx_free(ctx);
    return NULL;
}

/* The one sharing scenario.h allows: threads running disjoint ranges into one agro_results at
 * once. Interleaved runs put neighbouring summaries, run records and daily blocks in the hands of
 * different threads at the same time (run under ThreadSanitizer by CI). */
Test(threads, disjoint_run_ranges_into_one_results_match_a_serial_run)
{
    agro_ctx *ctx;
    agro_scenario *sc;
    agro_results *shared, *serial;
    agro_scenario_info info;
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    cr_assert_eq(agro_scenario_load(ctx, SCENARIO, &sc), AGRO_OK);
    cr_assert_eq(agro_scenario_get_info(sc, &info), AGRO_OK);
    cr_assert_geq(info.n_runs, 2 * N_THREADS);
    cr_assert_eq(agro_results_create(ctx, sc, &shared), AGRO_OK);

    shared_job jobs[N_THREADS];
    for (int i = 0; i < N_THREADS; i++)
        jobs[i] = (shared_job){.sc = sc, .res = shared, .first = i, .n_runs = info.n_runs};
    run_at_once(shared_thread, jobs, sizeof jobs[0]);
    for (int i = 0; i < N_THREADS; i++)
        cr_assert_eq(jobs[i].status, AGRO_OK, "thread %d: %s", i, agro_strerror(jobs[i].status));

    cr_assert_eq(agro_results_create(ctx, sc, &serial), AGRO_OK);
    cr_assert_eq(agro_scenario_run(ctx, sc, serial), AGRO_OK);
    for (int32_t r = 0; r < info.n_runs; r++) {
        agro_run_info ia, ib;
        cr_assert_eq(agro_results_run_info(shared, r, &ia), AGRO_OK);
        cr_assert_eq(agro_results_run_info(serial, r, &ib), AGRO_OK);
        cr_expect_eq(memcmp(&ia, &ib, sizeof ia), 0, "run %d: run record differs", r);
        agro_season_summary a, b;
        memset(&a, 0, sizeof a);
        memset(&b, 0, sizeof b);
        cr_assert_eq(agro_results_get_summary(shared, r, &a), AGRO_OK, "run %d not done", r);
        cr_assert_eq(agro_results_get_summary(serial, r, &b), AGRO_OK);
        cr_expect_eq(memcmp(&a, &b, sizeof a), 0, "run %d: summary differs", r);
        int32_t na = 0, nb = 0;
        const agro_field_daily *da = agro_results_daily_view(shared, r, &na);
        const agro_field_daily *db = agro_results_daily_view(serial, r, &nb);
        cr_assert_eq(na, nb, "run %d: season length", r);
        cr_assert(da && db, "run %d: daily output missing", r);
        cr_expect_eq(memcmp(da, db, (size_t)na * sizeof *da), 0, "run %d: daily differs", r);
    }
    agro_results_free(serial);
    agro_results_free(shared);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
}

/* Writes the HDF5 file and the summary CSV of results that other threads read at the same time. */
typedef struct write_job {
    const agro_scenario *sc;
    const agro_results *res;
    char h5[300], csv[300];
    int status;
    char message[AGRO_MESSAGE_MAX];
} write_job;

static void *write_thread(void *arg)
{
    write_job *j = arg;
    agro_ctx *ctx = NULL;
    pthread_barrier_wait(&start_line);
    j->status = agro_ctx_create(&ctx);
    if (j->status == AGRO_OK)
        j->status = agro_output_write_hdf5(ctx, j->sc, j->res, j->h5);
    if (j->status == AGRO_OK)
        j->status = agro_output_write_csv(ctx, j->sc, j->res, j->csv);
    agro_ctx_message(ctx, j->message, sizeof j->message);
    agro_ctx_free(ctx);
    return NULL;
}

/* malloc'd bytes of @p path (NULL if unreadable), their count in @p n */
static unsigned char *file_bytes(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    unsigned char *b = NULL;
    long size = fseek(fp, 0, SEEK_END) == 0 ? ftell(fp) : -1;
    if (size > 0 && fseek(fp, 0, SEEK_SET) == 0 && (b = malloc((size_t)size)) &&
        fread(b, 1, (size_t)size, fp) != (size_t)size) {
        free(b);
        b = NULL;
    }
    fclose(fp);
    *n = size > 0 ? (size_t)size : 0;
    return b;
}

static void expect_same_file(const char *path, const char *ref)
{
    size_t n = 0, nr = 0;
    unsigned char *a = file_bytes(path, &n), *b = file_bytes(ref, &nr);
    cr_expect(a && b && n == nr && memcmp(a, b, n) == 0, "%s differs from %s", path, ref);
    free(a);
    free(b);
}

/* output.h: threads may write results files at once (HDF5 built thread-safe, as Debian's). Four
 * threads write the files of one results object that they all read; threads 0 and 1 write the
 * same two paths, whose atomic replacement must leave one whole file. Every file must hold the
 * bytes of the same files written alone (created_utc from SOURCE_DATE_EPOCH). */
Test(threads, results_files_written_at_once_match_files_written_alone)
{
    agro_ctx *ctx;
    agro_scenario *sc;
    agro_results *res;
    cr_assert_eq(agro_ctx_create(&ctx), AGRO_OK);
    cr_assert_eq(agro_scenario_load(ctx, SCENARIO, &sc), AGRO_OK);
    cr_assert_eq(agro_results_create(ctx, sc, &res), AGRO_OK);
    cr_assert_eq(agro_scenario_run(ctx, sc, res), AGRO_OK);
    char dir[256], h5[300], csv[300];
    snprintf(dir, sizeof dir, "%s/test_threads_%ld", AGROSIM_BINARY_DIR, (long)getpid());
    cr_assert_eq(agro_output_mkdirs(ctx, dir), AGRO_OK);
    /* set before the threads start: setenv is not safe beside the writers' getenv */
    cr_assert_eq(setenv("SOURCE_DATE_EPOCH", "1700000000", 1), 0);

    write_job jobs[N_THREADS];
    for (int i = 0; i < N_THREADS; i++) {
        memset(&jobs[i], 0, sizeof jobs[i]);
        jobs[i].sc = sc;
        jobs[i].res = res;
        snprintf(jobs[i].h5, sizeof jobs[i].h5, "%s/w%d.h5", dir, i < 2 ? 0 : i);
        snprintf(jobs[i].csv, sizeof jobs[i].csv, "%s/w%d.csv", dir, i < 2 ? 0 : i);
    }
    run_at_once(write_thread, jobs, sizeof jobs[0]);

    snprintf(h5, sizeof h5, "%s/alone.h5", dir);
    snprintf(csv, sizeof csv, "%s/alone.csv", dir);
    cr_assert_eq(agro_output_write_hdf5(ctx, sc, res, h5), AGRO_OK);
    cr_assert_eq(agro_output_write_csv(ctx, sc, res, csv), AGRO_OK);
    unsetenv("SOURCE_DATE_EPOCH");
    for (int i = 0; i < N_THREADS; i++) {
        cr_expect_eq(jobs[i].status, AGRO_OK, "thread %d: %s", i, jobs[i].message);
        expect_same_file(jobs[i].h5, h5);
        expect_same_file(jobs[i].csv, csv);
    }
    /* three of each file and nothing else: no temporary file left behind */
    char cmd[400];
    snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s' | sort | tr '\\n' ' ')\" = "
                              "'alone.csv alone.h5 w0.csv w0.h5 w2.csv w2.h5 w3.csv w3.h5 '", dir);
    cr_expect_eq(system(cmd), 0, "files other than the written ones in %s", dir);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
    agro_results_free(res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
}
