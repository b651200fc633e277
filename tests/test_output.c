/* Results files: the HDF5 file read back with the HDF5 API, the summary CSV, atomic writes. */
#define _POSIX_C_SOURCE 200809L /* setenv */
#include <criterion/criterion.h>
/* Debian installs the serial HDF5 headers under hdf5/serial; the tests' include path does not
 * carry HDF5's folder, so fall back to the full path. */
#if __has_include(<hdf5.h>)
#include <hdf5.h>
#else
#include <hdf5/serial/hdf5.h>
#endif
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <pthread.h>
#include <unistd.h>

#include "agrosim/agrosim.h"
#include "internal/error.h"
#include "internal/file.h"

#define MODELS AGROSIM_SOURCE_DIR "/models"
#define GENO AGROSIM_VALIDATION_DIR "/dssat/Genotype"

static const char *scenario_text =
    "{\"schema_version\": 1, \"name\": \"out\",\n"
    " \"weather\": {\"generate\": {\"site\": \"" MODELS "/sites/morogoro.json\", \"seed\": 3, "
    "\"first_year\": 2001, \"years\": 3}},\n"
    " \"soil\": {\"file\": \"" MODELS "/soils/morogoro_sandy_clay_loam.json\"},\n"
    " \"seasons\": {\"first_year\": 2001, \"count\": 3, \"start\": \"--03-01\", \"max_days\": 180},\n"
    " \"fields\": [\n"
    "  {\"name\": \"north\", \"type\": \"crop\", \"canopies\": [\n"
    "   {\"name\": \"maize\", \"crop\": \"maize\", \"cultivar\": {\"dssat_cul\": \"" GENO
    "/MZCER048.CUL\", \"dssat_eco\": \"" GENO "/MZCER048.ECO\", \"id\": \"KY0014\"},\n"
    "    \"sowing\": {\"date\": \"--03-15\", \"density_pl_m2\": 2.2, \"row_spacing_cm\": 67, "
    "\"depth_cm\": 5}},\n"
    "   {\"name\": \"weeds\", \"crop\": \"weeds\", \"cohorts\": [{\"days_after_sowing\": 7, "
    "\"density_pl_m2\": 40}]}],\n"
    "   \"management\": [{\"event\": \"weed\", \"days_after_sowing\": 40, \"fraction_removed\": "
    "0.9}]},\n"
    "  {\"name\": \"south\", \"type\": \"crop\", \"canopies\": [\n"
    "   {\"name\": \"maize\", \"crop\": \"maize\", \"cultivar\": {\"dssat_cul\": \"" GENO
    "/MZCER048.CUL\", \"dssat_eco\": \"" GENO "/MZCER048.ECO\", \"id\": \"IB0059\"},\n"
    "    \"sowing\": {\"date\": \"--03-20\", \"density_pl_m2\": 5, \"row_spacing_cm\": 75, "
    "\"depth_cm\": 5}}]}],\n"
    " \"ensemble\": {\"interventions\": [{\"name\": \"baseline\"}, {\"name\": \"fert\", "
    "\"management\": [{\"event\": \"fertilise\", \"days_after_sowing\": 21, \"n_kg_ha\": 40}]}]}\n"
    "}\n";

static agro_ctx *ctx;
static agro_scenario *sc;
static agro_results *res;
static char dir[256];

static void setup(void)
{
    agro_ctx_create(&ctx);
    int rc = agro_scenario_load_text(ctx, "out.json", scenario_text, NULL, &sc);
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert_eq(rc, AGRO_OK, "%s", msg);
    cr_assert_eq(agro_results_create(ctx, sc, &res), AGRO_OK);
    rc = agro_scenario_run(ctx, sc, res);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert_eq(rc, AGRO_OK, "%s", msg);
    snprintf(dir, sizeof dir, "%s/test_output_%ld", AGROSIM_BINARY_DIR, (long)getpid());
}

static void teardown_objects(void)
{
    agro_results_free(res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
    res = NULL;
    sc = NULL;
    ctx = NULL;
}

static void teardown(void)
{
    teardown_objects();
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
}

static char *read_string_attr(hid_t loc, const char *name)
{
    hid_t a = H5Aopen(loc, name, H5P_DEFAULT);
    cr_assert_geq(a, 0, "attribute %s missing", name);
    hid_t t = H5Aget_type(a);
    char *out = NULL;
    if (H5Tis_variable_str(t) > 0) {
        char *v = NULL;
        hid_t mt = H5Tcopy(H5T_C_S1);
        H5Tset_size(mt, H5T_VARIABLE);
        H5Tset_cset(mt, H5Tget_cset(t));
        cr_assert_geq(H5Aread(a, mt, &v), 0);
        out = malloc(strlen(v) + 1);
        memcpy(out, v, strlen(v) + 1);
        H5free_memory(v);
        H5Tclose(mt);
    } else {
        size_t n = H5Tget_size(t);
        out = calloc(n + 1, 1);
        H5Aread(a, t, out);
    }
    H5Tclose(t);
    H5Aclose(a);
    return out;
}

Test(output, hdf5_file_has_root_attributes_summary_and_daily_shapes, .init = setup,
     .fini = teardown)
{
    char path[400];
    snprintf(path, sizeof path, "%s/sub/folder/r.h5", dir);
    char parent[400];
    snprintf(parent, sizeof parent, "%s/sub/folder", dir);
    cr_assert_eq(agro_output_mkdirs(ctx, parent), AGRO_OK);
    int rc = agro_output_write_hdf5(ctx, sc, res, path);
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert_eq(rc, AGRO_OK, "%s", msg);

    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    cr_assert_geq(f, 0);
    char *v = read_string_attr(f, "agrosim_version");
    cr_expect_str_eq(v, agro_version());
    free(v);
    v = read_string_attr(f, "created_utc");
    cr_expect_eq(strlen(v), 20u, "%s", v);
    cr_expect_eq(v[4], '-');
    cr_expect_eq(v[19], 'Z');
    free(v);
    v = read_string_attr(f, "scenario_text");
    cr_expect_str_eq(v, scenario_text);
    free(v);

    /* /summary: one row per field × intervention × member × season */
    hid_t d = H5Dopen2(f, "summary", H5P_DEFAULT);
    cr_assert_geq(d, 0);
    hid_t sp = H5Dget_space(d);
    hsize_t n = 0;
    H5Sget_simple_extent_dims(sp, &n, NULL);
    cr_expect_eq(n, 2u * 2u * 1u * 3u);
    hid_t ft = H5Dget_type(d);
    cr_expect_eq(H5Tget_class(ft), H5T_COMPOUND);
    const char *need[] = {"FIELD", "INTERVENTION", "MEMBER", "SEASON", "HWAM", "ADAP", "MDAP",
                          "ADAT", "MDAT", "LAIX", "CWAM"};
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
        cr_expect_geq(H5Tget_member_index(ft, need[i]), 0, "member %s", need[i]);
    /* read HWAM back and compare with the in-memory results */
    hid_t mt = H5Tcreate(H5T_COMPOUND, sizeof(double));
    H5Tinsert(mt, "HWAM", 0, H5T_NATIVE_DOUBLE);
    double hwam[12];
    cr_assert_geq(H5Dread(d, mt, H5S_ALL, H5S_ALL, H5P_DEFAULT, hwam), 0);
    for (int r = 0; r < 12; r++) {
        agro_season_summary s;
        agro_results_get_summary(res, r, &s);
        cr_expect_eq(hwam[r], s.hwam_kg_ha, "run %d", r);
    }
    H5Tclose(mt);
    H5Tclose(ft);
    H5Sclose(sp);
    H5Dclose(d);

    /* daily: (runs of the field, days) with units and long_name; layered: third axis */
    d = H5Dopen2(f, "daily/south/maize/LAID", H5P_DEFAULT);
    cr_assert_geq(d, 0);
    sp = H5Dget_space(d);
    hsize_t dims[3];
    cr_expect_eq(H5Sget_simple_extent_ndims(sp), 2);
    H5Sget_simple_extent_dims(sp, dims, NULL);
    cr_expect(dims[0] == 6 && dims[1] == 180, "%llu x %llu", (unsigned long long)dims[0],
              (unsigned long long)dims[1]);
    hid_t pl = H5Dget_create_plist(d);
    cr_expect_eq(H5Pget_layout(pl), H5D_CHUNKED);
    int has_deflate = 0;
    for (int i = 0; i < H5Pget_nfilters(pl); i++) {
        unsigned flags;
        size_t ne = 0;
        char fname[32];
        unsigned filter_config;
        if (H5Pget_filter2(pl, (unsigned)i, &flags, &ne, NULL, sizeof fname, fname,
                           &filter_config) == H5Z_FILTER_DEFLATE)
            has_deflate = 1;
    }
    cr_expect(has_deflate);
    H5Pclose(pl);
    v = read_string_attr(d, "units");
    cr_expect_str_eq(v, "m2/m2");
    free(v);
    v = read_string_attr(d, "long_name");
    cr_expect(strlen(v) > 5);
    free(v);
    /* south rows are runs 6..11: compare the longest run's day 50 and its NaN padding */
    double *lai = malloc(6 * 180 * sizeof *lai);
    H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, lai);
    agro_field_daily days[180];
    int32_t nd = 0, best = 0, best_nd = -1;
    for (int32_t i = 0; i < 6; i++) {
        agro_results_get_daily(res, 6 + i, days, 0, &nd);
        if (nd > best_nd) {
            best_nd = nd;
            best = i;
        }
    }
    agro_results_get_daily(res, 6 + best, days, 180, &nd);
    cr_assert_gt(nd, 50);
    const double *row = lai + (size_t)best * 180;
    cr_expect_eq(row[50], days[50].lai_crop, "%.17g vs %.17g", row[50], days[50].lai_crop);
    cr_expect_eq(row[nd - 1], days[nd - 1].lai_crop);
    cr_expect(nd == 180 || isnan(row[nd]), "n_days %d", nd);
    H5Sclose(sp);
    H5Dclose(d);
    /* LI%D in percent (DSSAT's %-names), from the fraction of the records */
    d = H5Dopen2(f, "daily/south/maize/LI%D", H5P_DEFAULT);
    cr_assert_geq(d, 0);
    v = read_string_attr(d, "units");
    cr_expect_str_eq(v, "%");
    free(v);
    H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, lai);
    cr_expect_gt(days[50].fi_crop, 0.0);
    cr_expect_eq(row[50], 100.0 * days[50].fi_crop);
    free(lai);
    H5Dclose(d);
    d = H5Dopen2(f, "daily/north/soil/SW", H5P_DEFAULT);
    cr_assert_geq(d, 0);
    sp = H5Dget_space(d);
    cr_expect_eq(H5Sget_simple_extent_ndims(sp), 3);
    H5Sget_simple_extent_dims(sp, dims, NULL);
    cr_expect(dims[0] == 6 && dims[1] == 180 && dims[2] == (hsize_t)days[0].n_layers);
    H5Sclose(sp);
    H5Dclose(d);
    /* soil temperature by layer: same shape as SW, the snapshot's layer means row by row,
     * NaN after the last day; daily means swing less with depth (heat-wave damping) */
    d = H5Dopen2(f, "daily/south/soil/TS", H5P_DEFAULT);
    cr_assert_geq(d, 0);
    sp = H5Dget_space(d);
    cr_expect_eq(H5Sget_simple_extent_ndims(sp), 3);
    H5Sget_simple_extent_dims(sp, dims, NULL);
    int32_t nl = days[0].n_layers;
    cr_assert(dims[0] == 6 && dims[1] == 180 && dims[2] == (hsize_t)nl, "%llu x %llu x %llu",
              (unsigned long long)dims[0], (unsigned long long)dims[1],
              (unsigned long long)dims[2]);
    cr_assert_gt(nl, 2);
    v = read_string_attr(d, "units");
    cr_expect_str_eq(v, "degC");
    free(v);
    v = read_string_attr(d, "long_name");
    cr_expect(strstr(v, "soil temperature") != NULL, "%s", v);
    free(v);
    double *ts = malloc(6 * 180 * (size_t)nl * sizeof *ts);
    cr_assert_not_null(ts);
    cr_assert_geq(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, ts), 0);
    const double *trow = ts + (size_t)best * 180 * (size_t)nl; /* days[] holds run 6 + best */
    double sum[2] = {0, 0}, sum2[2] = {0, 0};
    for (int32_t t = 0; t < nd; t++) {
        for (int32_t l = 0; l < nl; l++) {
            double x = trow[(size_t)t * (size_t)nl + (size_t)l];
            cr_expect_eq(x, days[t].soil_temp_C[l], "day %d layer %d", t, l);
            cr_expect(isfinite(x) && x > 0.0 && x < 60.0, "day %d layer %d: %g", t, l, x);
        }
        for (int k = 0; k < 2; k++) {
            double x = days[t].soil_temp_C[k ? nl - 1 : 0];
            sum[k] += x;
            sum2[k] += x * x;
        }
    }
    if (nd < 180)
        cr_expect(isnan(trow[(size_t)nd * (size_t)nl]));
    double var_top = sum2[0] / nd - (sum[0] / nd) * (sum[0] / nd);
    double var_bottom = sum2[1] / nd - (sum[1] / nd) * (sum[1] / nd);
    cr_expect_lt(var_bottom, var_top, "variance of daily means: top %g, bottom %g", var_top,
                 var_bottom);
    free(ts);
    H5Sclose(sp);
    H5Dclose(d);
    /* nitrate and ammonium by layer (SoilNi.OUT's NI#D, NH#D), ppm: the records' values row by
       row in the shape of TS */
    static const char *const nvar[2] = {"daily/south/soil/NI", "daily/south/soil/NH"};
    double *nv = malloc(6 * 180 * (size_t)nl * sizeof *nv);
    cr_assert_not_null(nv);
    for (int k = 0; k < 2; k++) {
        d = H5Dopen2(f, nvar[k], H5P_DEFAULT);
        cr_assert_geq(d, 0, "%s", nvar[k]);
        sp = H5Dget_space(d);
        cr_expect_eq(H5Sget_simple_extent_ndims(sp), 3);
        H5Sget_simple_extent_dims(sp, dims, NULL);
        cr_expect(dims[0] == 6 && dims[1] == 180 && dims[2] == (hsize_t)nl, "%s", nvar[k]);
        v = read_string_attr(d, "units");
        cr_expect_str_eq(v, "ug[N]/g");
        free(v);
        cr_assert_geq(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, nv), 0);
        const double *nrow = nv + (size_t)best * 180 * (size_t)nl;
        double most = 0.0;
        for (int32_t t = 0; t < nd; t++)
            for (int32_t l = 0; l < nl; l++) {
                const double x = nrow[(size_t)t * (size_t)nl + (size_t)l];
                cr_expect_eq(x, k ? days[t].nh4_ppm[l] : days[t].no3_ppm[l], "%s day %d layer %d",
                             nvar[k], t, l);
                most = fmax(most, x);
            }
        cr_expect_gt(most, 0.0, "%s all 0", nvar[k]);
        if (nd < 180)
            cr_expect(isnan(nrow[(size_t)nd * (size_t)nl]));
        H5Sclose(sp);
        H5Dclose(d);
    }
    free(nv);
    cr_expect_gt(H5Lexists(f, "daily/north/weeds", H5P_DEFAULT), 0);
    cr_expect_gt(H5Lexists(f, "daily/north/run_index", H5P_DEFAULT), 0);
    H5Fclose(f);

    /* nothing but the result is left in the folder */
    char tmp[500];
    snprintf(tmp, sizeof tmp, "ls -A '%s/sub/folder' | grep -v '^r.h5$' | wc -l | grep -qx 0",
             dir);
    cr_expect_eq(system(tmp), 0, "temporary files left behind");
}

Test(output, csv_has_one_row_per_run_and_the_required_columns, .init = setup, .fini = teardown)
{
    char path[400];
    cr_assert_eq(agro_output_mkdirs(ctx, dir), AGRO_OK);
    snprintf(path, sizeof path, "%s/s.csv", dir);
    cr_assert_eq(agro_output_write_csv(ctx, sc, res, path), AGRO_OK);
    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp);
    char line[4096];
    cr_assert_not_null(fgets(line, sizeof line, fp));
    const char *head = "field,intervention,member,season,year,crop,yield_kg_ha,anthesis_dap,"
                       "maturity_dap,";
    cr_expect_eq(strncmp(line, head, strlen(head)), 0, "%s", line);
    cr_expect(strstr(line, ",lai_max,") && strstr(line, ",biomass_kg_ha,") &&
              strstr(line, ",rain_mm,"));
    int rows = 0, fert_south = 0;
    while (fgets(line, sizeof line, fp)) {
        rows++;
        if (strncmp(line, "south,fert,0,", 13) == 0)
            fert_south++;
    }
    fclose(fp);
    cr_expect_eq(rows, 12);
    cr_expect_eq(fert_south, 3);
}

/* A target that is not a regular file is written in place: the summary CSV to /dev/null
 * succeeds and /dev/null stays a character device (a temporary file renamed over it would
 * replace the device with a plain file, or fail for want of rights in /dev). */
Test(output, csv_to_dev_null_is_written_in_place, .init = setup, .fini = teardown)
{
    struct stat st;
    cr_assert_eq(stat("/dev/null", &st), 0);
    cr_assert(S_ISCHR(st.st_mode), "/dev/null is not a character device before the test");
    char msg[AGRO_MESSAGE_MAX];
    int rc = agro_output_write_csv(ctx, sc, res, "/dev/null");
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect_eq(rc, AGRO_OK, "%s", msg);
    agro_season_csv *w = NULL;
    cr_assert_eq(agro_season_csv_create(ctx, "/dev/null", &w), AGRO_OK);
    cr_expect_eq(agro_season_csv_commit(ctx, w), AGRO_OK);
    agro_season_csv_free(w);
    cr_assert_eq(stat("/dev/null", &st), 0);
    cr_expect(S_ISCHR(st.st_mode), "/dev/null was replaced by a plain file");
}

/* A symbolic link as the output stays a link, and the file it points to gets the results: the
 * rename of the temporary file used to replace the link with a plain file. A link to nothing is
 * written through, which creates the file it names. Every writer goes through the same commit
 * (lib/core/file.c); the HDF5 writer and the summary CSV stand for them. */
Test(output, a_symbolic_link_as_output_stays_a_link, .init = setup, .fini = teardown)
{
    cr_assert_eq(agro_output_mkdirs(ctx, dir), AGRO_OK);
    char real[400], link[400], dangling_to[400], dangling[400], msg[AGRO_MESSAGE_MAX];
    snprintf(real, sizeof real, "%s/real.h5", dir);
    snprintf(link, sizeof link, "%s/link.h5", dir);
    snprintf(dangling_to, sizeof dangling_to, "%s/made.csv", dir);
    snprintf(dangling, sizeof dangling, "%s/dangling.csv", dir);
    FILE *fp = fopen(real, "w");
    cr_assert_not_null(fp);
    fputs("old", fp);
    fclose(fp);
    cr_assert_eq(symlink("real.h5", link), 0);
    cr_assert_eq(symlink("made.csv", dangling), 0);
    int rc = agro_output_write_hdf5(ctx, sc, res, link);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect_eq(rc, AGRO_OK, "%s", msg);
    rc = agro_output_write_csv(ctx, sc, res, dangling);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect_eq(rc, AGRO_OK, "%s", msg);
    struct stat st;
    cr_assert_eq(lstat(link, &st), 0);
    cr_expect(S_ISLNK(st.st_mode), "the link %s was replaced by a plain file", link);
    cr_assert_eq(stat(real, &st), 0);
    cr_expect_gt(st.st_size, 1000, "the file the link points to holds %ld bytes", (long)st.st_size);
    cr_expect_gt(H5Fis_hdf5(real), 0, "%s is not an HDF5 file", real);
    cr_assert_eq(lstat(dangling, &st), 0);
    cr_expect(S_ISLNK(st.st_mode), "the link %s was replaced by a plain file", dangling);
    cr_assert_eq(stat(dangling_to, &st), 0, "%s was not created", dangling_to);
    cr_expect_gt(st.st_size, 0);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "ls '%s' | grep -q partial", dir);
    cr_expect_neq(system(cmd), 0, "a temporary file was left in %s", dir);
}

Test(output, failed_write_leaves_no_file, .init = setup, .fini = teardown)
{
    int rc = agro_output_write_hdf5(ctx, sc, res, "/nonexistent-folder/x/r.h5");
    cr_expect_eq(rc, AGRO_EIO);
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect(strstr(msg, "/nonexistent-folder/x/r.h5") != NULL, "%s", msg);
    cr_expect_eq(agro_output_write_csv(ctx, sc, res, "/nonexistent-folder/x/s.csv"), AGRO_EIO);
    /* a file in the way of a folder */
    cr_assert_eq(agro_output_mkdirs(ctx, dir), AGRO_OK);
    char file[400], sub[420];
    snprintf(file, sizeof file, "%s/plain", dir);
    FILE *fp = fopen(file, "w");
    fclose(fp);
    snprintf(sub, sizeof sub, "%s/inner", file);
    cr_expect_eq(agro_output_mkdirs(ctx, sub), AGRO_EIO);
    /* unsimulated results are refused, and nothing is created */
    agro_results *empty = NULL;
    agro_results_create(ctx, sc, &empty);
    char path[400];
    snprintf(path, sizeof path, "%s/empty.h5", dir);
    cr_expect_eq(agro_output_write_hdf5(ctx, sc, empty, path), AGRO_ESTATE);
    struct stat st;
    cr_expect_neq(stat(path, &st), 0);
    agro_results_free(empty);
}

/* Write the results with @p writer (0 HDF5, 1 summary CSV) to @p path in a child process whose
 * files may not grow beyond @p fsize_limit bytes (0: no limit; SIGXFSZ ignored, so a write
 * beyond it fails with EFBIG) and whose stderr goes to @p err_path. The child exits with
 * 10 + the status's magnitude after checking that the message names @p path and holds
 * @p reason; the parent returns the child's wait status, so a crash in the child (as in HDF5's
 * clean-up at exit) is seen as a signal. */
static int write_in_child(int writer, const char *path, long fsize_limit, const char *reason,
                          const char *err_path)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        if (!freopen(err_path, "w", stderr))
            _exit(2);
        if (fsize_limit > 0) {
            signal(SIGXFSZ, SIG_IGN);
            struct rlimit rl = {(rlim_t)fsize_limit, (rlim_t)fsize_limit};
            if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
                _exit(3);
        }
        int rc = writer == 0 ? agro_output_write_hdf5(ctx, sc, res, path)
                             : agro_output_write_csv(ctx, sc, res, path);
        char msg[AGRO_MESSAGE_MAX];
        agro_ctx_message(ctx, msg, sizeof msg);
        int code = rc != 0 && (!strstr(msg, path) || !strstr(msg, reason))
                       ? 4 /* the message does not name the file and the reason */
                       : 10 - rc;
        teardown_objects(); /* nothing left for LeakSanitizer to report on stderr */
        exit(code); /* exit(), not _exit(): the libraries' atexit clean-up runs */
    }
    int ws = 0;
    waitpid(pid, &ws, 0);
    return ws;
}

/* 1 when file @p path holds nothing but what a sanitizer says of a forked child ("==pid==
 * Running thread ... was not suspended. False leaks are possible.", lines starting "=="). */
static int printed_nothing(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return 0;
    char line[512];
    int clean = 1;
    while (fgets(line, sizeof line, fp))
        if (line[0] != '\n' && strncmp(line, "==", 2) != 0)
            clean = 0;
    fclose(fp);
    return clean;
}

/* A disk that fills up (ENOSPC on /dev/full, EFBIG past RLIMIT_FSIZE) is an AGRO_EIO naming the
 * file and the system's reason; the process lives on, HDF5 prints nothing, and no file or
 * temporary file is left. The CSV writers said only "write error". The HDF5 writer used to let HDF5 write the file itself: a write that
 * failed inside H5Dclose/H5Fclose left the file half-closed, and the process crashed in HDF5's
 * clean-up at exit (SIGSEGV in H5F__close_cb); on /dev/full H5Fcreate failed ("folder missing
 * or not writable?") and HDF5 printed "infinite loop closing library" at exit. */
Test(output, a_full_disk_is_an_error_naming_the_file_and_leaves_nothing,
     .init = setup, .fini = teardown)
{
    cr_assert_eq(agro_output_mkdirs(ctx, dir), AGRO_OK);
    char err[400], path[400], cmd[900];
    snprintf(err, sizeof err, "%s/stderr.txt", dir);
    struct stat st;
    const char *names[2] = {"r.h5", "s.csv"};
    for (int writer = 0; writer < 2; writer++) {
        int ws = write_in_child(writer, "/dev/full", 0, "No space left on device", err);
        cr_expect(WIFEXITED(ws), "writer %d on /dev/full: killed by signal %d", writer,
                  WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
        cr_expect(WIFEXITED(ws) && WEXITSTATUS(ws) == 10 - AGRO_EIO,
                  "writer %d on /dev/full: exit %d (4: message without file and reason)",
                  writer, WIFEXITED(ws) ? WEXITSTATUS(ws) : -1);
        cr_expect(printed_nothing(err), "writer %d printed on stderr", writer);
        /* 20 kB: the summary CSV's header fits, the HDF5 file does not */
        snprintf(path, sizeof path, "%s/%s", dir, names[writer]);
        ws = write_in_child(writer, path, writer == 0 ? 20000 : 200, "File too large", err);
        cr_expect(WIFEXITED(ws), "writer %d past RLIMIT_FSIZE: killed by signal %d", writer,
                  WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
        cr_expect(WIFEXITED(ws) && WEXITSTATUS(ws) == 10 - AGRO_EIO,
                  "writer %d past RLIMIT_FSIZE: exit %d", writer,
                  WIFEXITED(ws) ? WEXITSTATUS(ws) : -1);
        cr_expect(printed_nothing(err), "writer %d printed on stderr", writer);
        cr_expect_neq(stat(path, &st), 0, "%s was left behind", path);
        remove(err);
        snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", dir);
        cr_expect_eq(system(cmd), 0, "a temporary file was left in %s", dir);
    }
}

/* The writers read the runs of the results through the scenario's design: results made for
 * another scenario object (here a second load of the same text) are refused, and nothing is
 * written. They used to be written against whatever design the other scenario had (with more
 * runs, the CSV writer read run bookkeeping that agro_results_run_info never filled in). */
Test(output, results_of_another_scenario_are_refused, .init = setup, .fini = teardown)
{
    agro_scenario *other = NULL;
    cr_assert_eq(agro_scenario_load_text(ctx, "other.json", scenario_text, NULL, &other),
                 AGRO_OK);
    cr_assert_eq(agro_output_mkdirs(ctx, dir), AGRO_OK);
    char path[400], msg[AGRO_MESSAGE_MAX];
    struct stat st;
    for (int writer = 0; writer < 2; writer++) {
        snprintf(path, sizeof path, "%s/other.%s", dir, writer ? "csv" : "h5");
        int rc = writer ? agro_output_write_csv(ctx, other, res, path)
                        : agro_output_write_hdf5(ctx, other, res, path);
        agro_ctx_message(ctx, msg, sizeof msg);
        cr_expect_eq(rc, AGRO_EINVAL, "writer %d: %d %s", writer, rc, msg);
        cr_expect(strstr(msg, path) && strstr(msg, "another scenario"), "%s", msg);
        cr_expect_neq(stat(path, &st), 0, "%s written", path);
    }
    agro_scenario_free(other);
}

/* An empty file name is refused by every writer before anything is written. It used to create
 * ".partial-<pid>" in the working folder (left there by the daily and season CSVs until their
 * commit) and to fail at the rename with "cannot rename the temporary file". */
Test(output, an_empty_file_name_is_refused_by_every_writer, .init = setup, .fini = teardown)
{
    char tmp[64], msg[AGRO_MESSAGE_MAX];
    snprintf(tmp, sizeof tmp, ".partial-%ld", (long)getpid());
    struct stat st;
    agro_daily_csv *d = NULL;
    agro_season_csv *s = NULL;
    int rc[4] = {agro_output_write_hdf5(ctx, sc, res, ""), agro_output_write_csv(ctx, sc, res, ""),
                 agro_daily_csv_create(ctx, "", 0, &d), agro_season_csv_create(ctx, "", &s)};
    for (int k = 0; k < 4; k++)
        cr_expect_eq(rc[k], AGRO_EINVAL, "writer %d: %d", k, rc[k]);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect(strstr(msg, "empty output file name"), "%s", msg);
    cr_expect_null(d);
    cr_expect_null(s);
    cr_expect_neq(stat(tmp, &st), 0, "%s left in the working folder", tmp);
    agro_daily_csv_free(d);
    agro_season_csv_free(s);
    remove(tmp);
}

/* A name ending in '/' names a folder, as an existing folder does: every writer refuses it with
 * "Is a directory". Before, the temporary name was a file inside that folder, so a writer said
 * "No such file or directory" (and the Python binding, which makes the file's folders first,
 * left an empty folder named after the file). */
Test(output, a_name_ending_in_a_slash_is_refused_as_a_folder_by_every_writer, .init = setup,
     .fini = teardown)
{
    cr_assert_eq(agro_output_mkdirs(ctx, dir), AGRO_OK);
    char path[320], msg[AGRO_MESSAGE_MAX];
    snprintf(path, sizeof path, "%s/x.out/", dir);
    agro_daily_csv *d = NULL;
    agro_season_csv *s = NULL;
    agro_outfile *of = NULL;
    int rc[5] = {agro_output_write_hdf5(ctx, sc, res, path),
                 agro_output_write_csv(ctx, sc, res, path), agro_daily_csv_create(ctx, path, 0, &d),
                 agro_season_csv_create(ctx, path, &s), agro_outfile_create(ctx, path, &of)};
    for (int k = 0; k < 5; k++) {
        cr_expect_eq(rc[k], AGRO_EIO, "writer %d: %d", k, rc[k]);
    }
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect(strstr(msg, "x.out/: cannot create: Is a directory"), "%s", msg);
    cr_expect_null(d);
    cr_expect_null(s);
    cr_expect_null(of);
    struct stat st;
    char made[320];
    snprintf(made, sizeof made, "%s/x.out", dir);
    cr_expect_neq(stat(made, &st), 0, "%s was made", made);
}

/* Load scenario @p text (named @p name in messages) and run it into new results. */
static void load_and_run(agro_ctx *c, const char *name, const char *text, agro_scenario **s,
                         agro_results **r)
{
    char msg[AGRO_MESSAGE_MAX];
    int rc = agro_scenario_load_text(c, name, text, NULL, s);
    agro_ctx_message(c, msg, sizeof msg);
    cr_assert_eq(rc, AGRO_OK, "%s", msg);
    cr_assert_eq(agro_results_create(c, *s, r), AGRO_OK);
    cr_assert_eq(agro_scenario_run(c, *s, *r), AGRO_OK);
}

Test(output, daily_output_can_be_switched_off)
{
    agro_ctx *c;
    agro_ctx_create(&c);
    /* same scenario with "report": {"daily": false} */
    const char *tail = "}\n";
    size_t n = strlen(scenario_text);
    char *text = malloc(n + 64);
    memcpy(text, scenario_text, n + 1);
    char *end = strrchr(text, '}');
    snprintf(end, 64, ",\n \"report\": {\"daily\": false}\n%s", tail);
    agro_scenario *s = NULL;
    agro_results *r = NULL;
    load_and_run(c, "nodaily.json", text, &s, &r);
    int32_t nd = -1;
    cr_expect_eq(agro_results_get_daily(r, 0, NULL, 0, &nd), AGRO_ESTATE);
    cr_expect_null(agro_results_daily_view(r, 0, &nd));
    char path[300];
    snprintf(path, sizeof path, "%s/test_output_nodaily_%ld.h5", AGROSIM_BINARY_DIR, (long)getpid());
    cr_assert_eq(agro_output_write_hdf5(c, s, r, path), AGRO_OK);
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    cr_assert_geq(f, 0);
    cr_expect_gt(H5Lexists(f, "summary", H5P_DEFAULT), 0);
    cr_expect_eq(H5Lexists(f, "daily", H5P_DEFAULT), 0);
    H5Fclose(f);
    remove(path);
    agro_results_free(r);
    agro_scenario_free(s);
    free(text);
    agro_ctx_free(c);
}

/* A fresh folder @p d (@p n bytes) under the build tree for one test, named by @p tag. */
static void make_test_dir(agro_ctx *c, char *d, size_t n, const char *tag)
{
    snprintf(d, n, "%s/test_%s_%ld", AGROSIM_BINARY_DIR, tag, (long)getpid());
    cr_assert_eq(agro_output_mkdirs(c, d), AGRO_OK);
}

static void remove_test_dir(const char *d)
{
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", d);
    cr_expect_eq(system(cmd), 0);
}

/* Split CSV line @p line (no quotes in it) into at most @p max fields; returns their number. */
static int split_csv(char *line, char **f, int max)
{
    int n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    for (char *p = line; n < max;) {
        f[n++] = p;
        char *c = strchr(p, ',');
        if (!c)
            break;
        *c = '\0';
        p = c + 1;
    }
    return n;
}

static int column_of(char **head, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(head[i], name) == 0)
            return i;
    return -1;
}

/* The daily CSV holds every record of every run under one header; its columns carry the
 * record members they name (CNAD the tops N as DSSAT's CNAD, TNAD tops and roots), a NaN is an
 * empty cell, and a label with a comma is quoted. */
Test(output, daily_csv_rows_carry_the_records_they_name)
{
    agro_ctx *c;
    agro_ctx_create(&c);
    char d[256], path[400];
    make_test_dir(c, d, sizeof d, "daily");
    snprintf(path, sizeof path, "%s/daily.csv", d);
    static agro_field_daily days[3];
    memset(days, 0, sizeof days);
    for (int i = 0; i < 3; i++) {
        days[i].year = 1982;
        days[i].doy = 100 + i;
        days[i].das = i + 1;
        days[i].dap = i - 1;
        days[i].biomass_kg_ha = 1000.25 * (i + 1);
        days[i].crop_tops_n_kg_ha = 11.5 + i;
        days[i].crop_n_kg_ha = 20.5 + i;
        days[i].lai_weeds = 0.5;
        days[i].fi_crop = 0.25 * i; /* a fraction, written in percent */
        days[i].soil_temp_seed_C = NAN;
    }
    agro_daily_csv *w;
    cr_assert_eq(agro_daily_csv_create(c, path, 0, &w), AGRO_OK);
    cr_assert_eq(agro_daily_csv_append(c, w, "UFGA8201", 4, 0, days, 3), AGRO_OK);
    cr_assert_eq(agro_daily_csv_append(c, w, "a,b", 1, 2, days, 1), AGRO_OK);
    cr_assert_eq(agro_daily_csv_append(c, w, "none", 1, 0, days, 0), AGRO_OK);
    struct stat st;
    cr_expect_neq(stat(path, &st), 0, "the file appears before the commit");
    cr_assert_eq(agro_daily_csv_commit(c, w), AGRO_OK);
    agro_daily_csv_free(w);

    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp);
    static char head_line[8192], line[8192];
    char *head[128], *f[128];
    cr_assert_not_null(fgets(head_line, sizeof head_line, fp));
    int nh = split_csv(head_line, head, 128);
    cr_expect_str_eq(head[0], "RUN");
    cr_expect_str_eq(head[1], "TRNO");
    cr_expect_str_eq(head[2], "SEASON");
    cr_expect_str_eq(head[3], "YEAR");
    cr_expect_str_eq(head[6], "DAP");
    const int cwad = column_of(head, nh, "CWAD"), cnad = column_of(head, nh, "CNAD"),
              tnad = column_of(head, nh, "TNAD"), tssd = column_of(head, nh, "TSSD"),
              doy = column_of(head, nh, "DOY"), li = column_of(head, nh, "LI%D");
    cr_assert(cwad > 0 && cnad > 0 && tnad > 0 && tssd > 0 && doy > 0 && li > 0);
    cr_expect_eq(column_of(head, nh, "weeds.LAID"), -1, "weed columns without the flag");
    cr_expect_eq(column_of(head, nh, "SW"), -1, "layered variables are not written");
    int rows = 0;
    while (fgets(line, sizeof line, fp)) {
        if (rows == 3) { /* the quoted label */
            cr_expect_eq(strncmp(line, "\"a,b\",1,2,1982,100,", 19), 0, "%s", line);
            rows++;
            continue;
        }
        int n = split_csv(line, f, 128);
        cr_assert_eq(n, nh, "row %d has %d fields, the header %d", rows, n, nh);
        cr_expect_str_eq(f[0], "UFGA8201");
        cr_expect_eq(atoi(f[1]), 4);
        cr_expect_eq(atoi(f[doy]), 100 + rows);
        cr_expect_eq(atoi(f[6]), rows - 1);
        cr_expect_float_eq(atof(f[cwad]), 1000.25 * (rows + 1), 1e-9);
        cr_expect_float_eq(atof(f[cnad]), 11.5 + rows, 1e-12);
        cr_expect_float_eq(atof(f[tnad]), 20.5 + rows, 1e-12);
        cr_expect_float_eq(atof(f[li]), 25.0 * rows, 1e-12, "LI%%D in %%, as DSSAT");
        cr_expect_str_eq(f[tssd], "", "NaN is an empty cell");
        rows++;
    }
    fclose(fp);
    cr_expect_eq(rows, 4);

    /* the weed columns on request */
    cr_assert_eq(agro_daily_csv_create(c, path, AGRO_DAILY_CSV_WEEDS, &w), AGRO_OK);
    cr_assert_eq(agro_daily_csv_append(c, w, "x", 1, 0, days, 1), AGRO_OK);
    cr_assert_eq(agro_daily_csv_commit(c, w), AGRO_OK);
    agro_daily_csv_free(w);
    fp = fopen(path, "r");
    cr_assert_not_null(fp);
    cr_assert_not_null(fgets(head_line, sizeof head_line, fp));
    nh = split_csv(head_line, head, 128);
    const int wl = column_of(head, nh, "weeds.LAID");
    cr_assert(wl > 0);
    cr_assert_not_null(fgets(line, sizeof line, fp));
    cr_assert_eq(split_csv(line, f, 128), nh);
    cr_expect_str_eq(f[wl], "0.5");
    fclose(fp);
    remove_test_dir(d);
    agro_ctx_free(c);
}

/* With AGRO_DAILY_CSV_LAYERS the variables by soil layer follow the scalar columns, which stay
 * as without it: AGRO_SOIL_MAX_LAYERS columns of each under DSSAT's names (RL#D of PlantGro.OUT,
 * SW#D of SoilWat.OUT, BD# and SAT# of SoilDyn.OUT, ST#D for SoilTemp.OUT's TS#D, then NI#D
 * and NH#D of SoilNi.OUT, so that the blocks before them keep their columns), each cell the
 * record's value written as the scalar columns are (%.6g), and empty past the run's last layer,
 * so that runs of profiles with different layer counts share the header. */
Test(output, daily_csv_layers_give_each_layer_of_each_run_under_dssat_names)
{
    enum { NL = AGRO_SOIL_MAX_LAYERS, NV = 7, MAXF = 400 };
    agro_ctx *c;
    agro_ctx_create(&c);
    char d[256], path[400], plain[400];
    make_test_dir(c, d, sizeof d, "daily_layers");
    snprintf(path, sizeof path, "%s/layers.csv", d);
    snprintf(plain, sizeof plain, "%s/plain.csv", d);
    /* run 0: 3 layers; run 1: every layer the struct has; each value with more digits than the
       file keeps, so that a cell must be the record's value as %.6g writes it */
    static agro_field_daily days[2][2];
    memset(days, 0, sizeof days);
    const int32_t nl[2] = {3, NL};
    for (int r = 0; r < 2; r++)
        for (int i = 0; i < 2; i++) {
            agro_field_daily *x = &days[r][i];
            x->year = 2004;
            x->doy = 150 + i;
            x->das = i + 1;
            x->n_layers = nl[r];
            x->biomass_kg_ha = 123.456789 * (i + 1);
            x->soil_temp_seed_C = NAN;
            for (int l = 0; l < NL; l++) {
                /* values past n_layers too: they must not be written */
                x->rlv[l] = 0.3651234567 / (l + 1) + 1e-3 * i + r;
                x->sw[l] = 0.1234567891 + 0.001 * l + 0.01 * i;
                x->bulk_density_g_cm3[l] = 1.5412345 + 0.01 * l;
                x->sat[l] = 0.38312345 - 0.001 * l;
                x->soil_temp_C[l] = 26.53291234 + 0.1 * l - i;
                x->no3_ppm[l] = 12.3456789 / (l + 1) + i;
                x->nh4_ppm[l] = 0.98765432 + 0.01 * l + r;
            }
        }
    days[0][1].soil_temp_C[1] = NAN; /* a value that is not finite: an empty cell */
    agro_daily_csv *w;
    cr_assert_eq(agro_daily_csv_create(c, path, AGRO_DAILY_CSV_LAYERS, &w), AGRO_OK);
    cr_assert_eq(agro_daily_csv_append(c, w, "GHWA0401", 4, 0, days[0], 2), AGRO_OK);
    cr_assert_eq(agro_daily_csv_append(c, w, "GHWA0401", 7, 0, days[1], 2), AGRO_OK);
    cr_assert_eq(agro_daily_csv_commit(c, w), AGRO_OK);
    agro_daily_csv_free(w);
    cr_assert_eq(agro_daily_csv_create(c, plain, 0, &w), AGRO_OK);
    cr_assert_eq(agro_daily_csv_append(c, w, "GHWA0401", 4, 0, days[0], 2), AGRO_OK);
    cr_assert_eq(agro_daily_csv_append(c, w, "GHWA0401", 7, 0, days[1], 2), AGRO_OK);
    cr_assert_eq(agro_daily_csv_commit(c, w), AGRO_OK);
    agro_daily_csv_free(w);

    FILE *fp = fopen(path, "r"), *fq = fopen(plain, "r");
    cr_assert(fp && fq);
    static char head_line[16384], line[16384], pline[16384], phead[16384];
    static char *head[MAXF], *f[MAXF], *ph[MAXF];
    cr_assert_not_null(fgets(head_line, sizeof head_line, fp));
    cr_assert_not_null(fgets(phead, sizeof phead, fq));
    /* the scalar columns first, as the file without the flag has them */
    cr_expect_eq(strncmp(head_line, phead, strlen(phead) - 1), 0, "the scalar columns moved");
    cr_expect_eq(head_line[strlen(phead) - 1], ',');
    const int np = split_csv(phead, ph, MAXF);
    const int nh = split_csv(head_line, head, MAXF);
    cr_assert_eq(nh, np + NV * NL, "%d columns, %d scalar", nh, np);
    /* the layered columns: each variable's NL columns in a block, layer 1 first */
    static const char *const pat[NV][2] = {
        {"RL", "D"}, {"SW", "D"}, {"BD", ""}, {"SAT", ""}, {"ST", "D"}, {"NI", "D"}, {"NH", "D"}};
    int col[NV];
    for (int v = 0; v < NV; v++) {
        char name[16];
        snprintf(name, sizeof name, "%s1%s", pat[v][0], pat[v][1]);
        col[v] = column_of(head, nh, name);
        cr_assert(col[v] >= np, "no column %s after the scalars", name);
        cr_expect_eq(col[v], np + v * NL, "%s is not block %d", name, v + 1);
        for (int l = 0; l < NL; l++) {
            snprintf(name, sizeof name, "%s%d%s", pat[v][0], l + 1, pat[v][1]);
            cr_expect_str_eq(head[col[v] + l], name);
        }
    }
    cr_expect_eq(column_of(head, nh, "TS1D"), -1, "the layer temperature is ST#D: TS5D is the "
                 "scalar temperature at 5 cm");
    int ts5 = 0;
    for (int i = 0; i < nh; i++)
        ts5 += strcmp(head[i], "TS5D") == 0;
    cr_expect_eq(ts5, 1, "TS5D named %d times", ts5);

    for (int r = 0; r < 2; r++)
        for (int i = 0; i < 2; i++) {
            const agro_field_daily *x = &days[r][i];
            cr_assert_not_null(fgets(line, sizeof line, fp));
            cr_assert_not_null(fgets(pline, sizeof pline, fq));
            cr_expect_eq(strncmp(line, pline, strlen(pline) - 1), 0,
                         "run %d day %d: the scalar cells differ from the file without layers", r,
                         i);
            cr_assert_eq(split_csv(line, f, MAXF), nh, "run %d day %d: fields", r, i);
            const double *val[NV] = {x->rlv, x->sw, x->bulk_density_g_cm3, x->sat,
                                     x->soil_temp_C, x->no3_ppm, x->nh4_ppm};
            for (int v = 0; v < NV; v++)
                for (int l = 0; l < NL; l++) {
                    char want[32] = "";
                    if (l < x->n_layers && isfinite(val[v][l]))
                        snprintf(want, sizeof want, "%.6g", val[v][l]);
                    cr_expect_str_eq(f[col[v] + l], want, "run %d day %d %s layer %d", r, i,
                                     head[col[v]], l + 1);
                }
        }
    cr_expect_null(fgets(line, sizeof line, fp), "a row too many");
    fclose(fp);
    fclose(fq);

    /* a record whose layers have no columns: refused naming it, and nothing of the call is
       written (the file ends with the rows before it) */
    char msg[AGRO_MESSAGE_MAX];
    cr_assert_eq(agro_daily_csv_create(c, path, AGRO_DAILY_CSV_LAYERS, &w), AGRO_OK);
    cr_assert_eq(agro_daily_csv_append(c, w, "a", 1, 0, days[0], 1), AGRO_OK);
    days[1][1].n_layers = NL + 1;
    cr_expect_eq(agro_daily_csv_append(c, w, "b", 2, 0, days[1], 2), AGRO_EINVAL);
    agro_ctx_message(c, msg, sizeof msg);
    cr_expect(strstr(msg, path) && strstr(msg, "days[1].n_layers") && strstr(msg, "(41)"), "%s",
              msg);
    days[1][1].n_layers = -1;
    cr_expect_eq(agro_daily_csv_append(c, w, "b", 2, 0, days[1], 2), AGRO_EINVAL);
    days[1][1].n_layers = 0; /* no layer: every layered cell empty */
    cr_expect_eq(agro_daily_csv_append(c, w, "c", 3, 0, &days[1][1], 1), AGRO_OK);
    cr_assert_eq(agro_daily_csv_commit(c, w), AGRO_OK);
    agro_daily_csv_free(w);
    fp = fopen(path, "r");
    cr_assert_not_null(fp);
    int rows = 0;
    cr_assert_not_null(fgets(head_line, sizeof head_line, fp));
    while (fgets(line, sizeof line, fp)) {
        cr_expect(line[0] == (rows == 0 ? 'a' : 'c'), "row %d: %.20s", rows, line);
        if (line[0] == 'c') {
            cr_assert_eq(split_csv(line, f, MAXF), nh);
            for (int k = np; k < nh; k++)
                cr_expect_str_eq(f[k], "", "%s of a record of 0 layers", head[k]);
        }
        rows++;
    }
    cr_expect_eq(rows, 2);
    fclose(fp);
    remove_test_dir(d);
    agro_ctx_free(c);
}

/* Bad calls get a status and a message naming the file; a writer freed before its commit
 * leaves nothing behind. */
Test(output, daily_csv_refuses_bad_calls_and_leaves_no_partial_file)
{
    agro_ctx *c;
    agro_ctx_create(&c);
    char d[256], path[400], msg[AGRO_MESSAGE_MAX];
    make_test_dir(c, d, sizeof d, "daily_bad");
    snprintf(path, sizeof path, "%s/daily.csv", d);
    agro_daily_csv *w = NULL;
    cr_expect_eq(agro_daily_csv_create(c, "/nonexistent-folder/x/d.csv", 0, &w), AGRO_EIO);
    agro_ctx_message(c, msg, sizeof msg);
    cr_expect(strstr(msg, "/nonexistent-folder/x/d.csv") != NULL, "%s", msg);
    cr_expect_null(w);
    cr_expect_eq(agro_daily_csv_create(c, path, 8, &w), AGRO_EINVAL);
    cr_expect_eq(agro_daily_csv_create(c, NULL, 0, &w), AGRO_EINVAL);
    cr_expect_eq(agro_daily_csv_create(c, path, 0, NULL), AGRO_EINVAL);

    static agro_field_daily day;
    memset(&day, 0, sizeof day);
    cr_assert_eq(agro_daily_csv_create(c, path, 0, &w), AGRO_OK);
    cr_expect_eq(agro_daily_csv_append(c, w, NULL, 1, 0, &day, 1), AGRO_EINVAL);
    cr_expect_eq(agro_daily_csv_append(c, w, "x", 1, 0, NULL, 1), AGRO_EINVAL);
    cr_expect_eq(agro_daily_csv_append(c, w, "x", 1, 0, &day, -1), AGRO_EINVAL);
    agro_ctx_message(c, msg, sizeof msg);
    cr_expect(strstr(msg, "n_days") && strstr(msg, path), "%s", msg);
    cr_expect_eq(agro_daily_csv_append(c, w, "x", 1, 0, &day, 1), AGRO_OK);
    agro_daily_csv_free(w); /* no commit */
    struct stat st;
    cr_expect_neq(stat(path, &st), 0, "uncommitted file exists");
    char cmd[400];
    snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", d);
    cr_expect_eq(system(cmd), 0, "a partial file was left in %s", d);

    /* after the commit: no more rows, no second commit */
    cr_assert_eq(agro_daily_csv_create(c, path, 0, &w), AGRO_OK);
    cr_assert_eq(agro_daily_csv_commit(c, w), AGRO_OK);
    cr_expect_eq(agro_daily_csv_append(c, w, "x", 1, 0, &day, 1), AGRO_ESTATE);
    cr_expect_eq(agro_daily_csv_commit(c, w), AGRO_ESTATE);
    agro_daily_csv_free(w);
    cr_expect_eq(stat(path, &st), 0, "committed file missing");

    /* a full disk: the commit, or the append whose rows fill stdio's buffer, says which file
       and why */
    cr_assert_eq(agro_daily_csv_create(c, "/dev/full", 0, &w), AGRO_OK);
    cr_expect_eq(agro_daily_csv_append(c, w, "x", 1, 0, &day, 1), AGRO_OK);
    cr_expect_eq(agro_daily_csv_commit(c, w), AGRO_EIO);
    agro_ctx_message(c, msg, sizeof msg);
    cr_expect(strstr(msg, "/dev/full") && strstr(msg, "No space left on device"), "%s", msg);
    agro_daily_csv_free(w);
    cr_assert_eq(agro_daily_csv_create(c, "/dev/full", 0, &w), AGRO_OK);
    int rc = AGRO_OK;
    for (int k = 0; k < 300 && rc == AGRO_OK; k++)
        rc = agro_daily_csv_append(c, w, "x", 1, 0, &day, 1);
    cr_expect_eq(rc, AGRO_EIO);
    agro_ctx_message(c, msg, sizeof msg);
    cr_expect(strstr(msg, "/dev/full") && strstr(msg, "No space left on device"), "%s", msg);
    cr_expect_eq(agro_daily_csv_append(c, w, "x", 1, 0, &day, 1), AGRO_ESTATE);
    agro_daily_csv_free(w);
    agro_daily_csv_free(NULL);
    remove_test_dir(d);
    agro_ctx_free(c);
}

/* Two writers of one process given the same file name (run-dssat --daily F --summary F) each
 * have their own temporary file: both commits succeed and the last one's complete file is
 * what remains. They used to share "<path>.partial-<pid>": the first commit renamed it, the
 * second writer's rows went into the renamed file and its own commit failed. */
Test(output, two_writers_of_one_file_do_not_share_a_temporary_file)
{
    agro_ctx *c;
    agro_ctx_create(&c);
    char d[256], path[400], line[256];
    make_test_dir(c, d, sizeof d, "two_writers");
    snprintf(path, sizeof path, "%s/same.csv", d);
    static agro_field_daily day;
    static agro_season_summary s;
    memset(&day, 0, sizeof day);
    memset(&s, 0, sizeof s);
    agro_daily_csv *dw = NULL;
    agro_season_csv *sw = NULL;
    cr_assert_eq(agro_daily_csv_create(c, path, 0, &dw), AGRO_OK);
    cr_assert_eq(agro_season_csv_create(c, path, &sw), AGRO_OK);
    for (int k = 0; k < 300; k++) /* beyond stdio's buffer: rows reach the files */
        cr_assert_eq(agro_daily_csv_append(c, dw, "daily", 1, 0, &day, 1), AGRO_OK);
    cr_assert_eq(agro_season_csv_append(c, sw, "season", 1, 0, &s), AGRO_OK);
    cr_expect_eq(agro_daily_csv_commit(c, dw), AGRO_OK);
    char msg[AGRO_MESSAGE_MAX];
    int rc = agro_season_csv_commit(c, sw);
    agro_ctx_message(c, msg, sizeof msg);
    cr_expect_eq(rc, AGRO_OK, "%s", msg);
    agro_daily_csv_free(dw);
    agro_season_csv_free(sw);
    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp);
    int n = 0, daily_rows = 0;
    while (fgets(line, sizeof line, fp)) {
        n++;
        daily_rows += strncmp(line, "daily,", 6) == 0;
    }
    fclose(fp);
    cr_expect_eq(n, 2, "%d lines: not the season CSV alone", n);
    cr_expect_eq(daily_rows, 0, "%d daily rows in the season CSV", daily_rows);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s')\" = same.csv", d);
    cr_expect_eq(system(cmd), 0, "a temporary file was left in %s", d);
    remove_test_dir(d);
    agro_ctx_free(c);
}

/* The season CSV holds one row per run under the summary's ICASA names, without the
 * scenario's bags column; a stage not reached is an empty cell. */
Test(output, season_csv_rows_carry_the_summaries_they_name)
{
    agro_ctx *c;
    agro_ctx_create(&c);
    char d[256], path[400], msg[AGRO_MESSAGE_MAX];
    make_test_dir(c, d, sizeof d, "season");
    snprintf(path, sizeof path, "%s/season.csv", d);
    agro_season_summary s[2];
    memset(s, 0, sizeof s);
    s[0].hwam_kg_ha = 11387.25;
    s[0].anthesis_dap = 77;
    s[0].anthesis_year = 1982;
    s[0].anthesis_doy = 134;
    s[0].maturity_dap = 128;
    s[1].hwam_kg_ha = 0.0;
    s[1].anthesis_dap = -1; /* not reached */
    s[1].anthesis_year = -1;
    s[1].anthesis_doy = -1;
    s[1].maturity_dap = -1;
    s[1].crop_failed = 1;
    s[1].hwum_g = NAN;
    agro_season_csv *w;
    cr_assert_eq(agro_season_csv_create(c, path, &w), AGRO_OK);
    cr_assert_eq(agro_season_csv_append(c, w, "UFGA8201", 4, 0, &s[0]), AGRO_OK);
    cr_assert_eq(agro_season_csv_append(c, w, "UFGA8201", 5, 1, &s[1]), AGRO_OK);
    cr_expect_eq(agro_season_csv_append(c, w, "x", 1, 0, NULL), AGRO_EINVAL);
    cr_assert_eq(agro_season_csv_commit(c, w), AGRO_OK);
    cr_expect_eq(agro_season_csv_append(c, w, "x", 1, 0, &s[0]), AGRO_ESTATE);
    cr_expect_eq(agro_season_csv_commit(c, w), AGRO_ESTATE);
    agro_season_csv_free(w);

    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp);
    static char head_line[8192], line[8192];
    char *head[128], *f[128];
    cr_assert_not_null(fgets(head_line, sizeof head_line, fp));
    int nh = split_csv(head_line, head, 128);
    cr_expect_str_eq(head[3], "HWAM");
    const int adap = column_of(head, nh, "ADAP"), adat = column_of(head, nh, "ADAT"),
              mdap = column_of(head, nh, "MDAP"), fail = column_of(head, nh, "FAIL"),
              hwum = column_of(head, nh, "HWUM");
    cr_assert(adap > 0 && adat > 0 && mdap > 0 && fail > 0 && hwum > 0);
    cr_expect_eq(column_of(head, nh, "HBAG"), -1);
    cr_expect_eq(column_of(head, nh, "MEMBER"), -1);
    cr_assert_not_null(fgets(line, sizeof line, fp));
    cr_assert_eq(split_csv(line, f, 128), nh);
    cr_expect_str_eq(f[0], "UFGA8201");
    cr_expect_str_eq(f[3], "11387.2");
    cr_expect_str_eq(f[adap], "77");
    cr_expect_str_eq(f[adat], "1982134");
    cr_expect_str_eq(f[mdap], "128");
    cr_assert_not_null(fgets(line, sizeof line, fp));
    cr_assert_eq(split_csv(line, f, 128), nh);
    cr_expect(atoi(f[1]) == 5 && atoi(f[2]) == 1);
    cr_expect_str_eq(f[3], "0");
    cr_expect_str_eq(f[adap], "");
    cr_expect_str_eq(f[adat], "");
    cr_expect_str_eq(f[mdap], "");
    cr_expect_str_eq(f[hwum], "");
    cr_expect_str_eq(f[fail], "1");
    cr_expect_null(fgets(line, sizeof line, fp));
    fclose(fp);

    cr_expect_eq(agro_season_csv_create(c, "/nonexistent-folder/x/s.csv", &w), AGRO_EIO);
    agro_ctx_message(c, msg, sizeof msg);
    cr_expect(strstr(msg, "/nonexistent-folder/x/s.csv") != NULL, "%s", msg);
    cr_assert_eq(agro_season_csv_create(c, path, &w), AGRO_OK);
    cr_assert_eq(agro_season_csv_append(c, w, "x", 1, 0, &s[0]), AGRO_OK);
    agro_season_csv_free(w); /* no commit: the old file stays as it was */
    fp = fopen(path, "r");
    cr_assert_not_null(fp);
    int lines = 0;
    while (fgets(line, sizeof line, fp))
        lines++;
    fclose(fp);
    cr_expect_eq(lines, 3, "an uncommitted writer replaced the file");
    remove_test_dir(d);
    agro_ctx_free(c);
}

/* Bytes of @p path into a malloc'd buffer, its size into @p n. */
static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    cr_assert_not_null(fp, "%s", path);
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    rewind(fp);
    unsigned char *b = malloc((size_t)size);
    cr_assert_eq(fread(b, 1, (size_t)size, fp), (size_t)size);
    fclose(fp);
    *n = (size_t)size;
    return b;
}

static hsize_t chunk_rows(hid_t f, const char *name)
{
    hid_t d = H5Dopen2(f, name, H5P_DEFAULT);
    cr_assert_geq(d, 0, "%s", name);
    hid_t pl = H5Dget_create_plist(d);
    hsize_t ch[3] = {0, 0, 0};
    cr_assert_geq(H5Pget_chunk(pl, 3, ch), 2, "%s is not chunked", name);
    H5Pclose(pl);
    H5Dclose(d);
    return ch[0];
}

/* A daily chunk holds 64 runs (zlib sets up a stream per chunk: one run per chunk made the
 * HDF5 writing 85 % of `agrosim run` for morogoro.json), fewer where 64 would pass 1 MiB
 * (halved: 32 runs × 300 days × 8 layers is 600 kB), and a field of fewer runs fills one chunk.
 * The rows read back are those of the results, across the chunk boundaries. */
Test(output, daily_chunks_hold_several_runs_and_at_most_1_mib)
{
    agro_ctx *c;
    agro_ctx_create(&c);
    const char *text =
        "{\"schema_version\": 1, \"name\": \"chunks\",\n"
        " \"weather\": {\"generate\": {\"site\": \"" MODELS "/sites/morogoro.json\", \"seed\": 5, "
        "\"first_year\": 2001, \"years\": 34}},\n"
        " \"soil\": {\"file\": \"" MODELS "/soils/morogoro_sandy_clay_loam.json\"},\n"
        " \"seasons\": {\"first_year\": 2001, \"count\": 33, \"start\": \"--03-01\", \"max_days\": 300},\n"
        " \"fields\": [{\"name\": \"plot\", \"type\": \"crop\", \"canopies\": [\n"
        "   {\"name\": \"maize\", \"crop\": \"maize\", \"cultivar\": {\"dssat_cul\": \"" GENO
        "/MZCER048.CUL\", \"dssat_eco\": \"" GENO "/MZCER048.ECO\", \"id\": \"KY0014\"},\n"
        "    \"sowing\": {\"date\": \"--03-15\", \"density_pl_m2\": 2.2, \"row_spacing_cm\": 67, "
        "\"depth_cm\": 5}}]}],\n"
        " \"ensemble\": {\"interventions\": [{\"name\": \"a\"}, {\"name\": \"b\", \"management\": "
        "[{\"event\": \"fertilise\", \"days_after_sowing\": 21, \"n_kg_ha\": 40}]}]}\n"
        "}\n";
    agro_scenario *s = NULL;
    agro_results *r = NULL;
    load_and_run(c, "chunks.json", text, &s, &r);
    char msg[AGRO_MESSAGE_MAX];
    char p[300];
    snprintf(p, sizeof p, "%s/test_output_chunks_%ld.h5", AGROSIM_BINARY_DIR, (long)getpid());
    int rc = agro_output_write_hdf5(c, s, r, p);
    agro_ctx_message(c, msg, sizeof msg);
    cr_assert_eq(rc, AGRO_OK, "%s", msg);

    hid_t f = H5Fopen(p, H5F_ACC_RDONLY, H5P_DEFAULT);
    cr_assert_geq(f, 0);
    cr_expect_eq(chunk_rows(f, "daily/plot/maize/LAID"), 64u, "66 runs of 300 days: 64 per chunk");
    cr_expect_eq(chunk_rows(f, "daily/plot/maize/RLV"), 32u, "(64 × 300 × 8 layers would be 1.2 MiB)");
    /* the last two runs sit in a second, partly filled chunk */
    hid_t d = H5Dopen2(f, "daily/plot/maize/LAID", H5P_DEFAULT);
    double *lai = malloc(66 * 300 * sizeof *lai);
    cr_assert_geq(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, lai), 0);
    for (int run = 62; run < 66; run++) {
        int32_t nd = 0;
        const agro_field_daily *days = agro_results_daily_view(r, run, &nd);
        cr_assert(days && nd > 60, "run %d has %d days", run, (int)nd);
        cr_expect_eq(lai[run * 300 + 60], days[60].lai_crop, "run %d day 60", run);
    }
    free(lai);
    H5Dclose(d);
    H5Fclose(f);
    unlink(p);
    agro_results_free(r);
    agro_scenario_free(s);
    agro_ctx_free(c);
}

/* The same results make the same bytes (no object modification times; created_utc from
 * SOURCE_DATE_EPOCH), names are UTF-8 where HDF5 records an encoding, and a scenario text
 * longer than an object header (64 KiB) is still the root attribute `scenario_text`. */
Test(output, hdf5_is_byte_reproducible_utf8_named_and_keeps_a_long_text_as_an_attribute)
{
    agro_ctx *c;
    agro_ctx_create(&c);
    const char *from = "\"north\"", *to = "\"parcelle \xc3\xa9t\xc3\xa9\"";
    size_t n = strlen(scenario_text), pad = 70000;
    char *text = malloc(n + pad + 64);
    const char *at = strstr(scenario_text, from);
    size_t head = (size_t)(at - scenario_text);
    memcpy(text, scenario_text, head);
    strcpy(text + head, to);
    strcat(text, at + strlen(from));
    char *end = strrchr(text, '}');
    memset(end, ' ', pad); /* JSON whitespace: the text is kept as read */
    strcpy(end + pad, "}\n");
    agro_scenario *s = NULL;
    agro_results *r = NULL;
    load_and_run(c, "utf8.json", text, &s, &r);
    char msg[AGRO_MESSAGE_MAX];
    char p1[300], p2[300];
    snprintf(p1, sizeof p1, "%s/test_output_repro1_%ld.h5", AGROSIM_BINARY_DIR, (long)getpid());
    snprintf(p2, sizeof p2, "%s/test_output_repro2_%ld.h5", AGROSIM_BINARY_DIR, (long)getpid());
    cr_assert_eq(setenv("SOURCE_DATE_EPOCH", "1700000000", 1), 0);
    int rc = agro_output_write_hdf5(c, s, r, p1);
    agro_ctx_message(c, msg, sizeof msg);
    cr_assert_eq(rc, AGRO_OK, "%s", msg);
    sleep(2); /* a clock-based stamp anywhere in the file would now differ */
    cr_assert_eq(agro_output_write_hdf5(c, s, r, p2), AGRO_OK);
    size_t n1, n2;
    unsigned char *b1 = slurp(p1, &n1), *b2 = slurp(p2, &n2);
    cr_expect(n1 == n2 && memcmp(b1, b2, n1) == 0, "two writes of the same results differ");
    free(b1);
    free(b2);

    hid_t f = H5Fopen(p1, H5F_ACC_RDONLY, H5P_DEFAULT);
    cr_assert_geq(f, 0);
    char *v = read_string_attr(f, "created_utc");
    cr_expect_str_eq(v, "2023-11-14T22:13:20Z");
    free(v);
    v = read_string_attr(f, "scenario_text");
    cr_expect_str_eq(v, text);
    free(v);
    cr_expect_eq(H5Lexists(f, "scenario_text", H5P_DEFAULT), 0, "no dataset of that name");
    hid_t d = H5Dopen2(f, "fields", H5P_DEFAULT);
    hid_t t = H5Dget_type(d);
    cr_expect_eq(H5Tget_cset(t), H5T_CSET_UTF8);
    H5Tclose(t);
    H5Dclose(d);
    d = H5Dopen2(f, "summary", H5P_DEFAULT);
    t = H5Dget_type(d);
    hid_t member = H5Tget_member_type(t, (unsigned)H5Tget_member_index(t, "FIELD"));
    cr_expect_eq(H5Tget_cset(member), H5T_CSET_UTF8);
    H5Tclose(member);
    H5Tclose(t);
    H5Dclose(d);
    H5L_info_t li;
    cr_assert_geq(H5Lget_info(f, "daily/parcelle \xc3\xa9t\xc3\xa9", &li, H5P_DEFAULT), 0);
    cr_expect_eq(li.cset, H5T_CSET_UTF8);
    H5Fclose(f);
    remove(p1);
    remove(p2);
    unsetenv("SOURCE_DATE_EPOCH");
    agro_results_free(r);
    agro_scenario_free(s);
    agro_ctx_free(c);
    free(text);
}

/* ---- agro_outfile: the atomic output file of the library's writers, for a caller's files ---- */

/* The text of the file @p path as a string (the test frees it). */
static char *slurp_text(const char *path)
{
    size_t n;
    unsigned char *b = slurp(path, &n);
    char *s = malloc(n + 1);
    cr_assert_not_null(s);
    if (n)
        memcpy(s, b, n);
    s[n] = '\0';
    free(b);
    return s;
}

/* Whether folder @p d holds a temporary file of a writer ("…partial-…"). */
static int has_partial(const char *d)
{
    char cmd[400];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -q partial", d);
    return system(cmd) == 0;
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp, "%s", path);
    fputs(text, fp);
    fclose(fp);
}

/* Until the commit the target keeps its old text, whole, while the new one grows in a
 * temporary file beside it; the commit puts the whole new text in place at once. Through a
 * symbolic link the file it points to is replaced and the link stays a link. The stream is
 * gone after the commit, and a second commit is refused. */
Test(output, outfile_commit_replaces_the_target_whole_and_follows_a_link)
{
    agro_ctx *c;
    agro_ctx_create(&c);
    char d[256], real[400], link[400], msg[AGRO_MESSAGE_MAX];
    make_test_dir(c, d, sizeof d, "outfile_commit");
    snprintf(real, sizeof real, "%s/real.csv", d);
    snprintf(link, sizeof link, "%s/link.csv", d);
    write_file(real, "old\n");
    cr_assert_eq(symlink("real.csv", link), 0);

    agro_outfile *of = NULL;
    int rc = agro_outfile_create(c, link, &of);
    agro_ctx_message(c, msg, sizeof msg);
    cr_assert_eq(rc, AGRO_OK, "%s", msg);
    FILE *fp = agro_outfile_stream(of);
    cr_assert_not_null(fp);
    for (int k = 0; k < 2000; k++) /* 20 kB: beyond stdio's buffer, rows reach the disk */
        fprintf(fp, "row %5d\n", k);
    cr_assert_eq(fflush(fp), 0);
    char *before = slurp_text(real);
    cr_expect_str_eq(before, "old\n", "the target changed before the commit");
    free(before);
    cr_expect(has_partial(d), "no temporary file beside the target while writing");

    rc = agro_outfile_commit(c, of);
    agro_ctx_message(c, msg, sizeof msg);
    cr_expect_eq(rc, AGRO_OK, "%s", msg);
    struct stat st;
    cr_assert_eq(lstat(link, &st), 0);
    cr_expect(S_ISLNK(st.st_mode), "the link %s was replaced by a plain file", link);
    cr_assert_eq(stat(real, &st), 0);
    cr_expect_eq(st.st_size, 2000 * 10, "the file the link points to holds %ld bytes",
                 (long)st.st_size);
    char *after = slurp_text(link);
    cr_expect_eq(strncmp(after, "row     0\n", 10), 0);
    cr_expect_str_eq(after + 1999 * 10, "row  1999\n");
    free(after);
    cr_expect_not(has_partial(d), "a temporary file was left in %s", d);

    cr_expect_null(agro_outfile_stream(of), "a stream after the commit");
    cr_expect_eq(agro_outfile_commit(c, of), AGRO_ESTATE);
    agro_outfile_free(of);
    remove_test_dir(d);
    agro_ctx_free(c);
}

/* Freed without a commit (the caller gave up), the file keeps its old text and no temporary
 * file is left, however much was written. */
Test(output, outfile_freed_uncommitted_leaves_the_old_file)
{
    agro_ctx *c;
    agro_ctx_create(&c);
    char d[256], path[400];
    make_test_dir(c, d, sizeof d, "outfile_discard");
    snprintf(path, sizeof path, "%s/keep.csv", d);
    write_file(path, "old\n");
    agro_outfile *of = NULL;
    cr_assert_eq(agro_outfile_create(c, path, &of), AGRO_OK);
    for (int k = 0; k < 2000; k++)
        fprintf(agro_outfile_stream(of), "row %5d\n", k);
    cr_assert_eq(fflush(agro_outfile_stream(of)), 0);
    agro_outfile_free(of);
    char *text = slurp_text(path);
    cr_expect_str_eq(text, "old\n", "an uncommitted file replaced the old one");
    free(text);
    cr_expect_not(has_partial(d), "a temporary file was left in %s", d);
    /* a new file freed uncommitted leaves nothing */
    snprintf(path, sizeof path, "%s/new.csv", d);
    cr_assert_eq(agro_outfile_create(c, path, &of), AGRO_OK);
    fputs("x\n", agro_outfile_stream(of));
    agro_outfile_free(of);
    struct stat st;
    cr_expect_neq(stat(path, &st), 0, "%s exists", path);
    cr_expect_not(has_partial(d), "a temporary file was left in %s", d);
    agro_outfile_free(NULL);
    remove_test_dir(d);
    agro_ctx_free(c);
}

/* Every failure names the file and the system's reason, and leaves that reason in errno for a
 * caller that words its own message (the tool's "cannot write the CSV file: …"): a missing
 * folder at the create, a full disk (/dev/full, written in place) at the commit. Bad calls are
 * AGRO_EINVAL. */
Test(output, outfile_failures_name_the_file_and_leave_the_reason_in_errno)
{
    agro_ctx *c;
    agro_ctx_create(&c);
    char msg[AGRO_MESSAGE_MAX];
    agro_outfile *of = (agro_outfile *)&of;
    errno = 0;
    cr_expect_eq(agro_outfile_create(c, "/nonexistent-folder/x.csv", &of), AGRO_EIO);
    cr_expect_eq(errno, ENOENT, "errno %d", errno);
    cr_expect_null(of);
    agro_ctx_message(c, msg, sizeof msg);
    cr_expect(strstr(msg, "/nonexistent-folder/x.csv") && strstr(msg, strerror(ENOENT)), "%s",
              msg);

    cr_assert_eq(agro_outfile_create(c, "/dev/full", &of), AGRO_OK);
    fputs("x\n", agro_outfile_stream(of));
    errno = 0;
    cr_expect_eq(agro_outfile_commit(c, of), AGRO_EIO);
    cr_expect_eq(errno, ENOSPC, "errno %d", errno);
    agro_ctx_message(c, msg, sizeof msg);
    cr_expect(strstr(msg, "/dev/full") && strstr(msg, "No space left on device"), "%s", msg);
    agro_outfile_free(of);

    char long_name[5000];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    cr_expect_eq(agro_outfile_create(c, long_name, &of), AGRO_EINVAL);
    cr_expect_eq(errno, ENAMETOOLONG);
    cr_expect_eq(agro_outfile_create(c, "", &of), AGRO_EINVAL);
    cr_expect_eq(agro_outfile_create(c, NULL, &of), AGRO_EINVAL);
    cr_expect_eq(agro_outfile_create(c, "x.csv", NULL), AGRO_EINVAL);
    cr_expect_eq(agro_outfile_commit(c, NULL), AGRO_EINVAL);
    cr_expect_null(agro_outfile_stream(NULL));
    agro_ctx_free(c);
}

/* 1 when @p s is valid UTF-8 */
static int valid_utf8(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0)
            return 0;
        for (p++; n > 0; n--, p++)
            if ((*p & 0xC0) != 0x80)
                return 0;
    }
    return 1;
}

/* A path of a few thousand bytes filled the 1024-byte message, and the reason after it was cut
 * off: the middle of a long name is elided (between UTF-8 characters), so every writer's
 * message keeps the start of the path, the file's own name and why it failed. */
Test(output, a_long_path_is_shown_elided_so_the_reason_fits, .init = setup, .fini = teardown)
{
    char path[2100];
    size_t n = (size_t)snprintf(path, sizeof path, "/nonexistent-agrosim");
    while (n < 1900)
        n += (size_t)snprintf(path + n, sizeof path - n, "/d\xc3\xa4ta-%zu", n);
    snprintf(path + n, sizeof path - n, "/results-of-the-season.out");
    const char *want = "/results-of-the-season.out: cannot create: No such file or directory";
    agro_outfile *of = NULL;
    agro_daily_csv *dc = NULL;
    agro_season_csv *scv = NULL;
    for (int writer = 0; writer < 5; writer++) {
        agro_ctx_clear(ctx);
        int rc = writer == 0   ? agro_output_write_hdf5(ctx, sc, res, path)
                 : writer == 1 ? agro_output_write_csv(ctx, sc, res, path)
                 : writer == 2 ? agro_daily_csv_create(ctx, path, 0, &dc)
                 : writer == 3 ? agro_season_csv_create(ctx, path, &scv)
                               : agro_outfile_create(ctx, path, &of);
        char msg[AGRO_MESSAGE_MAX];
        agro_ctx_message(ctx, msg, sizeof msg);
        cr_expect_eq(rc, AGRO_EIO, "writer %d: %d", writer, rc);
        cr_expect(strstr(msg, want) != NULL, "writer %d: the reason was cut off: ...%s", writer,
                  msg + strlen(msg) - (strlen(msg) > 80 ? 80 : strlen(msg)));
        cr_expect(strncmp(msg, "/nonexistent-agrosim/d", 22) == 0, "writer %d: %.40s", writer, msg);
        cr_expect(strstr(msg, "...") != NULL && strlen(msg) < 600, "writer %d: %zu bytes", writer,
                  strlen(msg));
        cr_expect(valid_utf8(msg), "writer %d: the cut split a character", writer);
    }
    cr_expect(dc == NULL && scv == NULL && of == NULL);
}

/* agro_output_check_name refuses what the writers would refuse for its length alone, creating
 * nothing: a name whose parts fit in 4095 bytes but whose temporary name does not (the CLI made
 * 2040 folders for one, then failed), a part over NAME_MAX, a name of 4096 bytes; and takes a
 * name of 255 bytes (its temporary name is cut) and a FIFO (written in place). */
Test(output, check_name_refuses_names_the_writers_cannot_make_and_creates_nothing, .init = setup,
     .fini = teardown)
{
    cr_assert_eq(agro_output_mkdirs(ctx, dir), AGRO_OK);
    static char name[8192];
    char msg[AGRO_MESSAGE_MAX];
    int k = snprintf(name, sizeof name, "%s/", dir);
    while (k < 4085 - 5)
        k += snprintf(name + k, sizeof name - (size_t)k, "a/");
    snprintf(name + k, sizeof name - (size_t)k, "x.csv");
    cr_assert_lt(strlen(name), 4096);
    errno = 0;
    cr_expect_eq(agro_output_check_name(ctx, name), AGRO_EINVAL);
    cr_expect_eq(errno, ENAMETOOLONG);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect(strstr(msg, "file name too long (its temporary name") != NULL, "%s", msg);
    snprintf(name, sizeof name, "%s/b/%0300d/x.csv", dir, 0);
    cr_expect_eq(agro_output_check_name(ctx, name), AGRO_EINVAL);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect(strstr(msg, "a part of 300 bytes, at most 255") != NULL, "%s", msg);
    memset(name, 'c', 4096);
    name[4096] = '\0';
    cr_expect_eq(agro_output_check_name(ctx, name), AGRO_EINVAL);
    cr_expect_eq(agro_output_check_name(ctx, ""), AGRO_EINVAL);
    cr_expect_eq(agro_output_check_name(ctx, NULL), AGRO_EINVAL);
    /* a folder's name: agro_output_mkdirs made "new" for "new/." before the writer refused it */
    const char *folders[] = {"new/x.csv/", "new/.", "new/..", ".", "..", "/"};
    for (size_t f = 0; f < sizeof folders / sizeof *folders; f++) {
        snprintf(name, sizeof name, "%s%s%s", f < 3 ? dir : "", f < 3 ? "/" : "", folders[f]);
        errno = 0;
        cr_expect_eq(agro_output_check_name(ctx, name), AGRO_EIO, "%s", name);
        cr_expect_eq(errno, EISDIR, "%s", name);
        agro_ctx_message(ctx, msg, sizeof msg);
        cr_expect(strstr(msg, ": cannot create: Is a directory") != NULL, "%s", msg);
    }
    snprintf(name, sizeof name, "%s/new/..x/.x.", dir);
    cr_expect_eq(agro_output_check_name(ctx, name), AGRO_OK, "%s", name);
    snprintf(name, sizeof name, "%s/%0255d", dir, 0);
    cr_expect_eq(agro_output_check_name(ctx, name), AGRO_OK);
    snprintf(name, sizeof name, "%s/fifo", dir);
    cr_assert_eq(mkfifo(name, 0600), 0);
    cr_expect_eq(agro_output_check_name(ctx, name), AGRO_OK);
    remove(name);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", dir);
    cr_expect_eq(system(cmd), 0, "the check made something in %s", dir);
}

/* A file name of NAME_MAX (255) bytes is legal, but "<name>.partial-<pid>-<k>" is not: every
 * writer failed on it with "cannot create: File name too long". The temporary name is now cut
 * (between UTF-8 characters) to fit; a name of 256 bytes is still refused with that reason. */
Test(output, a_file_name_of_255_bytes_is_written_by_every_writer, .init = setup, .fini = teardown)
{
    cr_assert_eq(agro_output_mkdirs(ctx, dir), AGRO_OK);
    char name[300];
    size_t n = 0;
    while (n < 254 - 5)
        n += (size_t)snprintf(name + n, sizeof name - n, "\xc3\xa4"); /* 2-byte characters */
    snprintf(name + n, sizeof name - n, "%.*s", (int)(254 - n), ".csv.h5");
    cr_assert_eq(strlen(name), 254);
    for (int writer = 0; writer < 5; writer++) {
        char path[700], msg[AGRO_MESSAGE_MAX];
        snprintf(path, sizeof path, "%s/%d%s", dir, writer, name); /* 255 bytes */
        agro_ctx_clear(ctx);
        int rc = AGRO_OK;
        if (writer == 0) {
            rc = agro_output_write_hdf5(ctx, sc, res, path);
        } else if (writer == 1) {
            rc = agro_output_write_csv(ctx, sc, res, path);
        } else if (writer == 2) {
            agro_daily_csv *w = NULL;
            rc = agro_daily_csv_create(ctx, path, 0, &w);
            if (!rc)
                rc = agro_daily_csv_commit(ctx, w);
            agro_daily_csv_free(w);
        } else if (writer == 3) {
            agro_season_csv *w = NULL;
            rc = agro_season_csv_create(ctx, path, &w);
            if (!rc)
                rc = agro_season_csv_commit(ctx, w);
            agro_season_csv_free(w);
        } else {
            agro_outfile *of = NULL;
            rc = agro_outfile_create(ctx, path, &of);
            if (!rc) {
                fputs("x\n", agro_outfile_stream(of));
                rc = agro_outfile_commit(ctx, of);
            }
            agro_outfile_free(of);
        }
        agro_ctx_message(ctx, msg, sizeof msg);
        cr_expect_eq(rc, AGRO_OK, "writer %d: %s", writer, msg);
        struct stat st;
        cr_expect(stat(path, &st) == 0 && st.st_size > 0, "writer %d wrote no file", writer);
    }
    cr_expect_not(has_partial(dir), "a temporary file was left in %s", dir);
    char path[700], msg[AGRO_MESSAGE_MAX];
    snprintf(path, sizeof path, "%s/xy%s", dir, name); /* 256 bytes */
    cr_expect_eq(agro_output_write_csv(ctx, sc, res, path), AGRO_EIO);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect(strstr(msg, "File name too long") != NULL, "%s", msg);
    cr_expect_not(has_partial(dir), "a temporary file was left in %s", dir);
}

/* @p n bytes of characters @p w bytes long (1: "b", 2: U+00E4, 3: U+20AC, 4: U+1F600) after
 * @p lead ASCII bytes, the rest ASCII, into @p s: every cut position falls inside a character
 * for one of the four @p lead values */
static void multibyte_name(char *s, size_t n, int w, int lead)
{
    static const char *const ch[5] = {"", "b", "\xc3\xa4", "\xe2\x82\xac", "\xf0\x9f\x98\x80"};
    size_t k = 0;
    for (; k < (size_t)lead && k < n; k++)
        s[k] = 'a';
    for (; k + (size_t)w <= n; k += (size_t)w)
        memcpy(s + k, ch[w], (size_t)w);
    for (; k < n; k++)
        s[k] = 'z';
    s[n] = '\0';
}

/* The elided name of a message (more than 400 bytes: the first 120 and last 277 around "...")
 * is cut between UTF-8 characters, at its head and at its tail, in agro_fail's FILE and in a
 * prefix; a name of 400 bytes is shown whole. (The long-path test above cuts between ASCII
 * bytes at both ends, so it holds with cuts inside a character too.) */
Test(output, an_elided_name_is_cut_between_utf8_characters)
{
    agro_ctx *c;
    agro_ctx_create(&c);
    char name[420], msg[AGRO_MESSAGE_MAX];
    for (size_t len = 399; len <= 410; len++)
        for (int w = 2; w <= 4; w++)
            for (int lead = 0; lead < 4; lead++) {
                multibyte_name(name, len, w, lead);
                for (int prefix = 0; prefix < 2; prefix++) {
                    agro_ctx_clear(c);
                    if (prefix) {
                        agro_fail(c, AGRO_EIO, NULL, 0, NULL, "why");
                        agro_fail_prefix(c, name);
                    } else {
                        agro_fail(c, AGRO_EIO, name, 0, NULL, "why");
                    }
                    agro_ctx_message(c, msg, sizeof msg);
                    const size_t m = strlen(msg);
                    cr_assert(m > 5 && strcmp(msg + m - 5, ": why") == 0, "%s", msg);
                    msg[m - 5] = '\0'; /* the name as shown */
                    const char *dots = strstr(msg, "...");
                    if (len <= 400) {
                        cr_expect_str_eq(msg, name, "%zu bytes, shown whole", len);
                        continue;
                    }
                    cr_assert_not_null(dots, "%zu bytes: not elided", len);
                    const size_t head = (size_t)(dots - msg), tail = strlen(dots + 3);
                    cr_expect(head <= 120 && head > 116 && tail <= 277 && tail > 273 &&
                                  strncmp(msg, name, head) == 0 &&
                                  strcmp(dots + 3, name + len - tail) == 0,
                              "%zu bytes (w %d, lead %d, prefix %d): head %zu, tail %zu", len, w,
                              lead, prefix, head, tail);
                    cr_expect(valid_utf8(msg), "%zu bytes (w %d, lead %d, prefix %d): a cut split a "
                              "character", len, w, lead, prefix);
                }
            }
    agro_ctx_free(c);
}

/* The temporary name of a target whose name is legal but too long for "<name>.partial-<pid>-<k>"
 * is cut to NAME_MAX bytes between UTF-8 characters (wherever the cut falls: the suffix's length
 * follows the process id's), one byte short of fitting is cut by one byte, and a name that fits
 * is kept whole. */
Test(output, a_temporary_name_is_cut_to_name_max_between_utf8_characters)
{
    agro_ctx *c;
    agro_ctx_create(&c);
    char d[256], name[300], path[700], tmp[800], suffix[48];
    make_test_dir(c, d, sizeof d, "tmp_name");
    const size_t ks = (size_t)snprintf(suffix, sizeof suffix, ".partial-%ld-0", (long)getpid());
    for (int w = 1; w <= 4; w++)
        for (int lead = 0; lead < 4; lead++)
            for (size_t len = NAME_MAX - ks; len <= NAME_MAX - ks + 5; len++) {
                multibyte_name(name, len, w, lead);
                snprintf(path, sizeof path, "%s/%s", d, name);
                cr_assert_eq(agro_file_tmp_name(c, path, tmp, sizeof tmp), AGRO_OK, "%zu bytes", len);
                const char *base = tmp + strlen(d) + 1;
                const size_t keep = strlen(base) - ks;
                cr_expect_str_eq(base + keep, suffix);
                cr_expect(strncmp(base, name, keep) == 0, "%s", base);
                if (w == 1) /* ASCII: cut by exactly what passes NAME_MAX */
                    cr_expect_eq(keep, len + ks > NAME_MAX ? NAME_MAX - ks : len, "%zu bytes", len);
                else
                    cr_expect(keep <= NAME_MAX - ks && keep + (size_t)w > NAME_MAX - ks &&
                                  (keep == len || len + ks > NAME_MAX),
                              "%zu bytes (w %d, lead %d): %zu kept", len, w, lead, keep);
                cr_expect(valid_utf8(base), "%zu bytes (w %d, lead %d): the cut split a character",
                          len, w, lead);
                agro_file_discard(tmp, path);
            }
    cr_expect_not(has_partial(d), "a temporary file was left in %s", d);
    remove_test_dir(d);
    agro_ctx_free(c);
}

/* The summary CSV written into an outfile is not in place until the caller commits it (`run`
 * commits it after the HDF5 file), and then holds what agro_output_write_csv writes; a full
 * disk is reported by the write, before the commit. */
Test(output, summary_csv_staged_in_an_outfile_is_put_in_place_by_the_commit, .init = setup,
     .fini = teardown)
{
    cr_assert_eq(agro_output_mkdirs(ctx, dir), AGRO_OK);
    char staged[400], direct[400], msg[AGRO_MESSAGE_MAX];
    snprintf(staged, sizeof staged, "%s/staged.csv", dir);
    snprintf(direct, sizeof direct, "%s/direct.csv", dir);
    write_file(staged, "old\n");
    cr_assert_eq(agro_output_write_csv(ctx, sc, res, direct), AGRO_OK);
    agro_outfile *of = NULL;
    cr_assert_eq(agro_outfile_create(ctx, staged, &of), AGRO_OK);
    int rc = agro_output_write_csv_to(ctx, sc, res, of);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect_eq(rc, AGRO_OK, "%s", msg);
    char *text = slurp_text(staged);
    cr_expect_str_eq(text, "old\n", "the summary was in place before the commit");
    free(text);
    cr_expect_eq(agro_outfile_commit(ctx, of), AGRO_OK);
    agro_outfile_free(of);
    char *a = slurp_text(staged), *b = slurp_text(direct);
    cr_expect_str_eq(a, b, "the staged summary differs from agro_output_write_csv's");
    free(a);
    free(b);
    cr_expect_not(has_partial(dir), "a temporary file was left in %s", dir);

    cr_assert_eq(agro_outfile_create(ctx, "/dev/full", &of), AGRO_OK);
    cr_expect_eq(agro_output_write_csv_to(ctx, sc, res, of), AGRO_EIO);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect(strstr(msg, "/dev/full") && strstr(msg, "No space left on device"), "%s", msg);
    agro_outfile_free(of);
    cr_expect_eq(agro_output_write_csv_to(ctx, sc, res, NULL), AGRO_EINVAL);
}

/* Count the lines of file @p path (-1 when it cannot be read). */
static int count_lines(const char *path)
{
    char *t = slurp_text(path);
    if (!t)
        return -1;
    int n = 0;
    for (const char *p = t; *p; p++)
        n += *p == '\n';
    free(t);
    return n;
}

/* The daily CSV of a scenario's runs (agro_output_append_daily_csv): every run in run order,
 * one row per simulated day, labelled as the summary CSV identifies it (RUN
 * field/intervention/member, TRNO the field x intervention x member combination from 1, SEASON
 * the season from 0), each row the record of its day; the weed columns because a field has
 * weeds. */
Test(output, scenario_daily_csv_labels_each_run_as_the_summary_and_holds_its_records,
     .init = setup, .fini = teardown)
{
    cr_assert_eq(agro_output_mkdirs(ctx, dir), AGRO_OK);
    char path[400], msg[AGRO_MESSAGE_MAX];
    snprintf(path, sizeof path, "%s/daily.csv", dir);
    int32_t flags = -1;
    cr_assert_eq(agro_output_daily_csv_flags(ctx, sc, &flags), AGRO_OK);
    cr_expect_eq(flags, AGRO_DAILY_CSV_WEEDS, "field north has weeds: flags %d", (int)flags);
    agro_daily_csv *w = NULL;
    cr_assert_eq(agro_daily_csv_create(ctx, path, flags, &w), AGRO_OK);
    int rc = agro_output_append_daily_csv(ctx, sc, res, w);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert_eq(rc, AGRO_OK, "%s", msg);
    cr_assert_eq(agro_daily_csv_commit(ctx, w), AGRO_OK);
    agro_daily_csv_free(w);

    agro_scenario_info info;
    agro_scenario_get_info(sc, &info);
    cr_assert_eq(info.n_seasons, 3);
    FILE *fp = fopen(path, "r");
    cr_assert_not_null(fp);
    static char head_line[8192], line[8192];
    char *head[128], *f[128];
    cr_assert_not_null(fgets(head_line, sizeof head_line, fp));
    const int nh = split_csv(head_line, head, 128);
    const int das = column_of(head, nh, "DAS"), cwad = column_of(head, nh, "CWAD"),
              wlai = column_of(head, nh, "weeds.LAID"), year = column_of(head, nh, "YEAR");
    cr_assert(das > 0 && cwad > 0 && wlai > 0 && year > 0);
    int32_t run = 0, day = 0, rows = 0;
    while (fgets(line, sizeof line, fp)) {
        cr_assert_eq(split_csv(line, f, 128), nh, "row %d", (int)rows);
        int32_t n_days = 0;
        const agro_field_daily *days = agro_results_daily_view(res, run, &n_days);
        if (day == n_days) { /* the next run */
            run++;
            day = 0;
            days = agro_results_daily_view(res, run, &n_days);
        }
        cr_assert_not_null(days, "row %d: past the last run", (int)rows);
        agro_run_info ri;
        agro_results_run_info(res, run, &ri);
        char fname[AGRO_SCENARIO_NAME_MAX], iname[256], want[400], cell[64];
        agro_scenario_field_name(sc, ri.field, fname, sizeof fname);
        agro_scenario_intervention_name(sc, ri.intervention, iname, sizeof iname);
        snprintf(want, sizeof want, "%s/%s/%d", fname, iname, (int)ri.member);
        cr_assert_str_eq(f[0], want, "row %d (run %d)", (int)rows, (int)run);
        cr_assert_eq(atoi(f[1]), 1 + run / info.n_seasons, "row %d: TRNO %s", (int)rows, f[1]);
        cr_assert_eq(atoi(f[2]), ri.season, "row %d: SEASON %s", (int)rows, f[2]);
        cr_assert_eq((atoi(f[1]) - 1) * info.n_seasons + atoi(f[2]), run);
        cr_expect_eq(atoi(f[das]), days[day].das);
        cr_expect_eq(atoi(f[year]), days[day].year);
        snprintf(cell, sizeof cell, "%.6g", days[day].biomass_kg_ha);
        cr_expect_str_eq(f[cwad], cell, "row %d CWAD", (int)rows);
        snprintf(cell, sizeof cell, "%.6g", days[day].lai_weeds);
        cr_expect_str_eq(f[wlai], cell, "row %d weeds.LAID", (int)rows);
        day++;
        rows++;
    }
    fclose(fp);
    int32_t last_days = 0;
    agro_results_daily_view(res, run, &last_days);
    cr_expect_eq(run, info.n_runs - 1, "the file ends at run %d of %d", (int)run,
                 (int)info.n_runs);
    cr_expect_eq(day, last_days, "the last run has %d of its %d days", (int)day,
                 (int)last_days);
    int32_t total = 0;
    for (int32_t r = 0; r < info.n_runs; r++) {
        int32_t n = 0;
        agro_results_daily_view(res, r, &n);
        total += n;
    }
    cr_expect_eq(rows, total);
}

/* A scenario with no weed canopy gets no weed columns; one without daily records (report.daily
 * false) is refused by both calls, naming the file, the line and the key, and nothing is
 * written; so are results in part (naming the first run not simulated) and another scenario's
 * results. */
Test(output, scenario_daily_csv_refuses_a_scenario_without_daily_records_and_results_in_part,
     .init = setup, .fini = teardown)
{
    cr_assert_eq(agro_output_mkdirs(ctx, dir), AGRO_OK);
    char path[400], msg[AGRO_MESSAGE_MAX];
    snprintf(path, sizeof path, "%s/daily.csv", dir);
    size_t n = strlen(scenario_text);
    char *text = malloc(n + 64);
    cr_assert_not_null(text);

    /* without the field that has weeds */
    memcpy(text, scenario_text, n + 1);
    char *north = strstr(text, "  {\"name\": \"north\""),
         *south = strstr(text, "  {\"name\": \"south\"");
    cr_assert(north && south && north < south);
    memmove(north, south, strlen(south) + 1);
    agro_scenario *s = NULL;
    int rc = agro_scenario_load_text(ctx, "noweeds.json", text, NULL, &s);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert_eq(rc, AGRO_OK, "%s", msg);
    int32_t flags = -1;
    cr_expect_eq(agro_output_daily_csv_flags(ctx, s, &flags), AGRO_OK);
    cr_expect_eq(flags, 0, "no weed canopy: flags %d", (int)flags);
    agro_scenario_free(s);

    /* "report": {"daily": false}, on the scenario's last line but one */
    memcpy(text, scenario_text, n + 1);
    snprintf(strrchr(text, '}'), 64, ",\n \"report\": {\"daily\": false}\n}\n");
    int line = 1;
    for (const char *p = text; p < strstr(text, "\"daily\""); p++)
        line += *p == '\n';
    agro_results *r = NULL;
    load_and_run(ctx, "nodaily.json", text, &s, &r);
    char want[128];
    snprintf(want, sizeof want, "nodaily.json:%d: report.daily: ", line);
    agro_daily_csv *w = NULL;
    cr_assert_eq(agro_daily_csv_create(ctx, path, 0, &w), AGRO_OK);
    for (int call = 0; call < 2; call++) {
        agro_ctx_clear(ctx);
        rc = call ? agro_output_append_daily_csv(ctx, s, r, w)
                  : agro_output_daily_csv_flags(ctx, s, &flags);
        agro_ctx_message(ctx, msg, sizeof msg);
        cr_expect_eq(rc, AGRO_ESTATE, "call %d: %d %s", call, rc, msg);
        cr_expect(strstr(msg, want) && strstr(msg, "no daily records") &&
                      strstr(msg, "set it to true"),
                  "call %d: %s", call, msg);
    }
    agro_results_free(r);
    agro_scenario_free(s);
    free(text);

    /* results in part, and another scenario's */
    agro_results *part = NULL;
    cr_assert_eq(agro_results_create(ctx, sc, &part), AGRO_OK);
    cr_assert_eq(agro_scenario_run_range(ctx, sc, part, 0, 5), AGRO_OK);
    cr_assert_eq(agro_scenario_run_range(ctx, sc, part, 7, 1), AGRO_OK);
    rc = agro_output_append_daily_csv(ctx, sc, part, w);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect_eq(rc, AGRO_ESTATE, "%d %s", rc, msg);
    agro_scenario_info part_info;
    cr_assert_eq(agro_scenario_get_info(sc, &part_info), AGRO_OK);
    /* the first run missing, and how many are done (a stopped run's results in part) */
    snprintf(want, sizeof want, "run 5 has not been simulated (results in part: 6 of the %d runs done)",
             (int)part_info.n_runs);
    cr_expect(strstr(msg, want), "%s", msg);
    agro_results_free(part);
    agro_scenario *other = NULL;
    cr_assert_eq(agro_scenario_load_text(ctx, "other.json", scenario_text, NULL, &other),
                 AGRO_OK);
    rc = agro_output_append_daily_csv(ctx, other, res, w);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect_eq(rc, AGRO_EINVAL, "%d %s", rc, msg);
    cr_expect(strstr(msg, "another scenario"), "%s", msg);
    agro_scenario_free(other);
    cr_expect_eq(agro_output_append_daily_csv(ctx, sc, res, NULL), AGRO_EINVAL);
    cr_expect_eq(agro_output_daily_csv_flags(ctx, NULL, &flags), AGRO_EINVAL);
    cr_expect_eq(agro_output_daily_csv_flags(ctx, sc, NULL), AGRO_EINVAL);
    /* the refused calls wrote no row: the writer still works and holds the header alone */
    cr_assert_eq(agro_daily_csv_commit(ctx, w), AGRO_OK);
    agro_daily_csv_free(w);
    cr_expect_eq(count_lines(path), 1, "refused calls wrote rows");
}

/* A write error of the daily CSV's last rows is the append's AGRO_EIO, not the commit's:
 * agrosim run writes the HDF5 file between the two, and an error found only by the commit left
 * the new results file beside the old daily CSV and summary. The file size limit, one byte
 * under the file's size, fails only the rows still buffered when the last append returned. */
Test(output, scenario_daily_csv_append_reports_a_write_error_of_its_last_rows,
     .init = setup, .fini = teardown)
{
    cr_assert_eq(agro_output_mkdirs(ctx, dir), AGRO_OK);
    char path[400], part[400], msg[AGRO_MESSAGE_MAX];
    snprintf(path, sizeof path, "%s/whole.csv", dir);
    snprintf(part, sizeof part, "%s/daily.csv", dir);
    int32_t flags = 0;
    agro_daily_csv *w = NULL;
    cr_assert_eq(agro_output_daily_csv_flags(ctx, sc, &flags), AGRO_OK);
    cr_assert_eq(agro_daily_csv_create(ctx, path, flags, &w), AGRO_OK);
    cr_assert_eq(agro_output_append_daily_csv(ctx, sc, res, w), AGRO_OK);
    cr_assert_eq(agro_daily_csv_commit(ctx, w), AGRO_OK);
    agro_daily_csv_free(w);
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    cr_assert_gt(st.st_size, 1);

    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN); /* a write past the limit fails with EFBIG */
        struct rlimit rl = {(rlim_t)st.st_size - 1, (rlim_t)st.st_size - 1};
        if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
            _exit(3);
        int code = 0; /* 0: the append took it; 1: the error is the append's, as asked */
        if (agro_daily_csv_create(ctx, part, flags, &w) != AGRO_OK)
            code = 2;
        else if (agro_output_append_daily_csv(ctx, sc, res, w) == AGRO_EIO) {
            agro_ctx_message(ctx, msg, sizeof msg);
            code = strstr(msg, part) && strstr(msg, "File too large") ? 1 : 4;
        }
        agro_daily_csv_free(w);
        teardown_objects();
        exit(code);
    }
    int ws = 0;
    waitpid(pid, &ws, 0);
    cr_expect(WIFEXITED(ws) && WEXITSTATUS(ws) == 1,
              "append under a limit of %lld bytes: exit %d (0: AGRO_OK, the error left to the "
              "commit; 4: a message without the file and reason)",
              (long long)st.st_size - 1, WIFEXITED(ws) ? WEXITSTATUS(ws) : -1000 - WTERMSIG(ws));
    cr_expect_neq(stat(part, &st), 0, "%s was left behind", part);
    char cmd[900];
    snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s')\" = whole.csv", dir);
    cr_expect_eq(system(cmd), 0, "a temporary file was left in %s", dir);
}

/* A file replaced keeps its permission bits, as GNU sed -i keeps them, whichever writer
 * replaces it (the HDF5 file, the summary CSV, an agro_outfile); a new file has the umask's.
 * Before, the temporary file's 0666 & ~umask came with the rename: a private 0600 results file
 * came back 0644, a read-only 0444 one writable. A hard link to the old file keeps the old
 * content (the rename puts a new file under the name: docs/scenario.md says so). */
Test(output, a_replaced_file_keeps_its_permission_bits, .init = setup, .fini = teardown)
{
    cr_assert_eq(agro_output_mkdirs(ctx, dir), AGRO_OK);
    const mode_t old_mask = umask(022);
    static const mode_t modes[] = {0600, 0444, 0751};
    char path[400], other[420], msg[AGRO_MESSAGE_MAX];
    struct stat st;
    for (int writer = 0; writer < 3; writer++)
        for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
            snprintf(path, sizeof path, "%s/kept%d.out", dir, writer);
            snprintf(other, sizeof other, "%s.other", path);
            remove(path);
            remove(other);
            write_file(path, "old\n");
            cr_assert_eq(chmod(path, modes[m]), 0);
            cr_assert_eq(link(path, other), 0);
            int rc;
            if (writer == 0) {
                rc = agro_output_write_hdf5(ctx, sc, res, path);
            } else if (writer == 1) {
                rc = agro_output_write_csv(ctx, sc, res, path);
            } else {
                agro_outfile *of = NULL;
                rc = agro_outfile_create(ctx, path, &of);
                if (!rc) {
                    fputs("new text\n", agro_outfile_stream(of));
                    rc = agro_outfile_commit(ctx, of);
                }
                agro_outfile_free(of);
            }
            agro_ctx_message(ctx, msg, sizeof msg);
            cr_assert_eq(rc, AGRO_OK, "writer %d: %s", writer, msg);
            cr_assert_eq(stat(path, &st), 0);
            cr_expect_eq(st.st_mode & 07777, modes[m], "writer %d: mode %o of a %o file",
                         writer, (unsigned)(st.st_mode & 07777), (unsigned)modes[m]);
            cr_expect_gt(st.st_size, 4, "writer %d did not replace the file", writer);
            char *kept = slurp_text(other);
            cr_expect_str_eq(kept, "old\n", "writer %d: the hard link's content", writer);
            free(kept);
        }
    /* a new file: 0666 less the umask, as fopen gives */
    snprintf(path, sizeof path, "%s/new.csv", dir);
    cr_assert_eq(agro_output_write_csv(ctx, sc, res, path), AGRO_OK);
    cr_assert_eq(stat(path, &st), 0);
    cr_expect_eq(st.st_mode & 07777, 0644, "a new file has mode %o",
                 (unsigned)(st.st_mode & 07777));
    umask(old_mask);
}

/* A scenario that names its site and soil files beside it, loaded from @p d/in.json. */
static agro_scenario *load_with_inputs(agro_ctx *c, const char *d)
{
    char p[400], q[400];
    const char *const copies[2][2] = {{MODELS "/sites/morogoro.json", "site.json"},
                                      {MODELS "/soils/morogoro_sandy_clay_loam.json",
                                       "soil.json"}};
    for (int k = 0; k < 2; k++) {
        char *text = slurp_text(copies[k][0]);
        snprintf(p, sizeof p, "%s/%s", d, copies[k][1]);
        write_file(p, text);
        free(text);
    }
    const char *a = strstr(scenario_text, MODELS "/sites/morogoro.json");
    const char *b = strstr(scenario_text, MODELS "/soils/morogoro_sandy_clay_loam.json");
    cr_assert(a && b && a < b);
    snprintf(q, sizeof q, "%s/in.json", d);
    FILE *fp = fopen(q, "w");
    cr_assert_not_null(fp);
    fprintf(fp, "%.*ssite.json%.*ssoil.json%s", (int)(a - scenario_text), scenario_text,
            (int)(b - (a + strlen(MODELS "/sites/morogoro.json"))),
            a + strlen(MODELS "/sites/morogoro.json"),
            b + strlen(MODELS "/soils/morogoro_sandy_clay_loam.json"));
    fclose(fp);
    agro_scenario *s = NULL;
    char msg[AGRO_MESSAGE_MAX];
    int rc = agro_scenario_load(c, q, &s);
    agro_ctx_message(c, msg, sizeof msg);
    cr_assert_eq(rc, AGRO_OK, "%s", msg);
    return s;
}

/* The files a scenario was loaded from are listed with the key that names each
 * (agro_scenario_input), and every results writer refuses a path naming one of them, however it
 * is spelt (through "..", a folder still to be made, a symbolic link, a hard link), before it
 * writes anything: the input keeps its text, no temporary file or folder is left. Before, the
 * results replaced the soil file (exit 0). */
Test(output, the_writers_refuse_to_replace_an_input_of_the_scenario)
{
    agro_ctx *c;
    agro_ctx_create(&c);
    char d[256], p[400], in[4096], key[256], msg[AGRO_MESSAGE_MAX];
    make_test_dir(c, d, sizeof d, "inputs");
    agro_scenario *s = load_with_inputs(c, d);
    int32_t n = -1;
    cr_assert_eq(agro_scenario_n_inputs(s, &n), AGRO_OK);
    /* the scenario file, the soil, the site, and the CUL and ECO files of the two fields
       (one CUL and one ECO file, named by two keys each), in the order they are loaded */
    cr_expect_eq(n, 7, "%d inputs", (int)n);
    static const char *const keys[] = {"", "soil.file", "weather.generate.site",
                                       "fields[0].canopies[0].cultivar.dssat_cul",
                                       "fields[0].canopies[0].cultivar.dssat_eco",
                                       "fields[1].canopies[0].cultivar.dssat_cul",
                                       "fields[1].canopies[0].cultivar.dssat_eco"};
    for (int32_t i = 0; i < n && i < 7; i++) {
        cr_assert_eq(agro_scenario_input(s, i, in, sizeof in, key, sizeof key), AGRO_OK);
        cr_expect_str_eq(key, keys[i], "input %d", (int)i);
    }
    cr_assert_eq(agro_scenario_input(s, 2, in, sizeof in, NULL, 0), AGRO_OK);
    snprintf(p, sizeof p, "%s/site.json", d);
    cr_expect_str_eq(in, p);
    cr_expect_eq(agro_scenario_input(s, n, in, sizeof in, key, sizeof key), AGRO_EINVAL);
    cr_expect_eq(agro_scenario_input(s, 1, in, 4, key, sizeof key), AGRO_ERANGE);

    agro_results *r = NULL;
    cr_assert_eq(agro_results_create(c, s, &r), AGRO_OK);
    char *soil_before = NULL;
    snprintf(p, sizeof p, "%s/soil.json", d);
    soil_before = slurp_text(p);
    snprintf(p, sizeof p, "%s/hard.json", d);
    char q[400];
    snprintf(q, sizeof q, "%s/soil.json", d);
    cr_assert_eq(link(q, p), 0);
    snprintf(p, sizeof p, "%s/soft.json", d);
    cr_assert_eq(symlink("site.json", p), 0);
    static const char *const names[][2] = {
        {"soil.json", "soil.file"},           {"new/../soil.json", "soil.file"},
        {"./site.json", "weather.generate.site"}, {"soft.json", "weather.generate.site"},
        {"hard.json", "soil.file"},           {"in.json", "the scenario file"},
        {GENO "/MZCER048.ECO", "fields[0].canopies[0].cultivar.dssat_eco"}};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        if (names[k][0][0] == '/')
            snprintf(p, sizeof p, "%s", names[k][0]);
        else
            snprintf(p, sizeof p, "%s/%s", d, names[k][0]);
        int32_t at = -2;
        cr_expect_eq(agro_scenario_find_input(s, p, &at), AGRO_OK);
        cr_expect_geq(at, 0, "%s: not found among the inputs", names[k][0]);
        for (int writer = 0; writer < 4; writer++) {
            int rc;
            agro_daily_csv *w = NULL;
            if (writer == 0)
                rc = agro_output_write_hdf5(c, s, r, p);
            else if (writer == 1)
                rc = agro_output_write_csv(c, s, r, p);
            else if (writer == 2)
                rc = agro_output_check(c, s, r, p, 0);
            else if (strncmp(names[k][0], "new/", 4) == 0) /* its folder is not there */
                rc = agro_output_check(c, s, r, p, AGRO_OUTPUT_CHECK_ALL_RUNS);
            else {
                int32_t flags = 0;
                cr_assert_eq(agro_output_daily_csv_flags(c, s, &flags), AGRO_OK);
                cr_assert_eq(agro_daily_csv_create(c, p, flags, &w), AGRO_OK);
                rc = agro_output_append_daily_csv(c, s, r, w);
                agro_daily_csv_free(w);
            }
            agro_ctx_message(c, msg, sizeof msg);
            cr_expect_eq(rc, AGRO_EINVAL, "writer %d, %s: %d %s", writer, names[k][0], rc, msg);
            cr_expect(strstr(msg, names[k][1]) && strstr(msg, "would replace"), "%s", msg);
        }
    }
    snprintf(p, sizeof p, "%s/soil.json", d);
    char *soil_after = slurp_text(p);
    cr_expect_str_eq(soil_after, soil_before, "the soil file was replaced");
    free(soil_after);
    free(soil_before);
    snprintf(p, sizeof p, "%s/new", d);
    struct stat st;
    cr_expect_neq(stat(p, &st), 0, "a refused write made %s", p);
    cr_expect_not(has_partial(d), "a temporary file was left in %s", d);

    /* another name is written; results in part are refused by the check that asks for all */
    snprintf(p, sizeof p, "%s/r.csv", d);
    int32_t at = -2;
    cr_expect_eq(agro_scenario_find_input(s, p, &at), AGRO_OK);
    cr_expect_eq(at, -1);
    cr_expect_eq(agro_output_check(c, s, r, p, 0), AGRO_OK);
    cr_expect_eq(agro_output_check(c, s, r, p, AGRO_OUTPUT_CHECK_ALL_RUNS), AGRO_ESTATE);
    agro_ctx_message(c, msg, sizeof msg);
    cr_expect(strstr(msg, p) && strstr(msg, "run 0 has not been simulated"), "%s", msg);
    cr_expect_eq(agro_output_check(c, s, r, p, 2), AGRO_EINVAL);
    cr_expect_neq(stat(p, &st), 0, "a check wrote %s", p);
    agro_results_free(r);
    agro_scenario_free(s);
    remove_test_dir(d);
    agro_ctx_free(c);
}

/* A scenario loaded by relative names keeps finding its inputs after its caller changes the
 * working folder: each input is compared by its absolute name at the load. Compared by the
 * relative name, the soil file named by its full path was not found once the working folder
 * had changed, and a file of that relative name in the new working folder was. */
Test(output, the_inputs_are_found_after_the_working_folder_changes)
{
    agro_ctx *c;
    agro_ctx_create(&c);
    char d[256], p[400], old[4096];
    make_test_dir(c, d, sizeof d, "inputs_cwd");
    agro_scenario_free(load_with_inputs(c, d)); /* writes in.json, site.json, soil.json */
    cr_assert_not_null(getcwd(old, sizeof old));
    cr_assert_eq(chdir(d), 0);
    agro_scenario *s = NULL;
    cr_assert_eq(agro_scenario_load(c, "in.json", &s), AGRO_OK);
    char in[4096];
    cr_assert_eq(agro_scenario_input(s, 1, in, sizeof in, NULL, 0), AGRO_OK);
    cr_expect_str_eq(in, "soil.json", "the name as opened stays what it was");
    cr_assert_eq(chdir(old), 0);
    int32_t at = -2;
    snprintf(p, sizeof p, "%s/soil.json", d);
    cr_expect_eq(agro_scenario_find_input(s, p, &at), AGRO_OK);
    cr_expect_eq(at, 1, "%s: found as input %d after the working folder changed", p, (int)at);
    /* "soil.json" now names a file of the new working folder, not the input */
    cr_expect_eq(agro_scenario_find_input(s, "soil.json", &at), AGRO_OK);
    cr_expect_eq(at, -1, "soil.json of %s taken for the input (%d)", old, (int)at);
    agro_scenario_free(s);
    remove_test_dir(d);
    agro_ctx_free(c);
}

/* A name that leaves the folders it makes by ".." and then goes through a link: "new/../lnk"
 * is the folder lnk names once "new" is made, so new/../lnk/in.csv is d/in.csv, also when it
 * does not exist yet; the name had been resolved up to the missing part only, and run-dssat
 * --summary new/../wl/UFGA8201.WTH (wl a link to Weather) replaced the weather file. */
Test(output, a_name_through_a_link_after_dot_dot_is_the_file_the_link_names)
{
    agro_ctx *c;
    agro_ctx_create(&c);
    char d[256], a[400], b[400], sub[300], lnk[300];
    make_test_dir(c, d, sizeof d, "same_link");
    snprintf(sub, sizeof sub, "%s/d", d);
    snprintf(lnk, sizeof lnk, "%s/lnk", d);
    cr_assert_eq(agro_output_mkdirs(c, sub), AGRO_OK);
    cr_assert_eq(symlink("d", lnk), 0);
    snprintf(a, sizeof a, "%s/d/in.csv", d);
    cr_assert_eq(agro_file_write_all(c, a, a, "x\n", 2), AGRO_OK);
    static const char *const spellings[] = {"new/../lnk/in.csv", "new/x/../../lnk/in.csv",
                                            "new/../lnk/../d/in.csv", "lnk/new/../in.csv"};
    for (size_t k = 0; k < sizeof spellings / sizeof *spellings; k++) {
        int32_t same = -1;
        snprintf(b, sizeof b, "%s/%s", d, spellings[k]);
        cr_expect_eq(agro_output_same_file(a, b, &same), AGRO_OK);
        cr_expect_eq(same, 1, "%s not taken for %s", b, a);
    }
    /* a file that does not exist yet (an A file the runs look for): compared by name */
    int32_t same = -1;
    snprintf(a, sizeof a, "%s/d/none.csv", d);
    snprintf(b, sizeof b, "%s/new/../lnk/none.csv", d);
    cr_expect_eq(agro_output_same_file(a, b, &same), AGRO_OK);
    cr_expect_eq(same, 1, "%s not taken for %s", b, a);
    /* and another file in that folder is another file */
    snprintf(b, sizeof b, "%s/new/../lnk/other.csv", d);
    cr_expect_eq(agro_output_same_file(a, b, &same), AGRO_OK);
    cr_expect_eq(same, 0, "%s taken for %s", b, a);
    struct stat st;
    snprintf(b, sizeof b, "%s/new", d);
    cr_expect_neq(stat(b, &st), 0, "the test made no folder new");
    remove_test_dir(d);
    agro_ctx_free(c);
}

/* A name of 2000 parts (x/x/.../s, 4081 bytes, none existing) is another file, found without
 * a crash: the folder had been resolved by a recursion of one 4 KiB frame per part, which
 * overflowed the 8 MiB stack (SIGSEGV in agrosim run -o and weather-gen --out too). */
Test(output, a_name_of_many_parts_is_compared_without_a_crash)
{
    char deep[4096];
    size_t n = 0;
    for (int k = 0; k < 2040; k++) {
        deep[n++] = 'x';
        deep[n++] = '/';
    }
    deep[n++] = 's';
    deep[n] = '\0';
    int32_t same = -1;
    cr_expect_eq(agro_output_same_file("in.csv", deep, &same), AGRO_OK);
    cr_expect_eq(same, 0);
    cr_expect_eq(agro_output_same_file(deep, deep + 2, &same), AGRO_OK);
    cr_expect_eq(same, 0, "x/x/.../s and x/.../s are two names");
}

/* ---- cancel requests (agro_ctx_cancel) ---- */

/* The message of @p c, for an assertion's text (a static buffer). */
static const char *message_of(const agro_ctx *c)
{
    static char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(c, msg, sizeof msg);
    return msg;
}

/* A cancel request pending before the calls: the runs stop before the first, every results
 * writer returns AGRO_ECANCELED, leaves the old targets byte for byte and no temporary file
 * (the daily CSV's is removed by its _free); agro_ctx_clear keeps the request (a request of
 * another thread must not be lost to the owner's clearing a message), agro_ctx_cancel_reset
 * drops it and the calls run again. */
Test(output, a_pending_cancel_stops_the_runs_and_every_writer_leaves_the_old_files,
     .init = setup, .fini = teardown)
{
    cr_assert_str_eq(agro_strerror(AGRO_ECANCELED), "cancelled");
    cr_assert_eq(agro_output_mkdirs(ctx, dir), AGRO_OK);
    char h5[400], csv[400], daily[400];
    snprintf(h5, sizeof h5, "%s/r.h5", dir);
    snprintf(csv, sizeof csv, "%s/s.csv", dir);
    snprintf(daily, sizeof daily, "%s/d.csv", dir);
    write_file(h5, "old results\n");
    write_file(csv, "old summary\n");
    write_file(daily, "old daily\n");

    cr_assert_eq(agro_ctx_cancelled(ctx), 0);
    agro_ctx_cancel(ctx);
    cr_assert_eq(agro_ctx_cancelled(ctx), 1);
    agro_ctx_clear(ctx); /* forgets a message only */
    cr_assert_eq(agro_ctx_cancelled(ctx), 1, "agro_ctx_clear dropped the cancel request");

    agro_results *fresh = NULL;
    cr_assert_eq(agro_results_create(ctx, sc, &fresh), AGRO_OK);
    int rc = agro_scenario_run(ctx, sc, fresh);
    cr_expect_eq(rc, AGRO_ECANCELED, "run: %d %s", rc, message_of(ctx));
    cr_expect(strstr(message_of(ctx), "out.json: cancelled before run 0") != NULL, "%s",
              message_of(ctx));
    agro_run_info ri;
    agro_results_run_info(fresh, 0, &ri);
    cr_expect_eq(ri.done, 0, "a run was simulated after the cancel request");

    rc = agro_output_write_hdf5(ctx, sc, res, h5);
    cr_expect_eq(rc, AGRO_ECANCELED, "HDF5: %d %s", rc, message_of(ctx));
    cr_expect(strstr(message_of(ctx), "r.h5: cancelled") != NULL, "%s", message_of(ctx));
    rc = agro_output_write_csv(ctx, sc, res, csv);
    cr_expect_eq(rc, AGRO_ECANCELED, "summary CSV: %d %s", rc, message_of(ctx));
    agro_daily_csv *dc = NULL;
    cr_assert_eq(agro_daily_csv_create(ctx, daily, AGRO_DAILY_CSV_WEEDS, &dc), AGRO_OK);
    rc = agro_output_append_daily_csv(ctx, sc, res, dc);
    cr_expect_eq(rc, AGRO_ECANCELED, "daily CSV: %d %s", rc, message_of(ctx));
    agro_daily_csv_free(dc); /* the caller drops the writer: its temporary file goes */
    char *t1 = slurp_text(h5), *t2 = slurp_text(csv), *t3 = slurp_text(daily);
    cr_expect_str_eq(t1, "old results\n");
    cr_expect_str_eq(t2, "old summary\n");
    cr_expect_str_eq(t3, "old daily\n");
    free(t1);
    free(t2);
    free(t3);
    cr_expect_not(has_partial(dir), "a temporary file was left in %s", dir);

    agro_ctx_cancel_reset(ctx);
    cr_assert_eq(agro_ctx_cancelled(ctx), 0);
    rc = agro_scenario_run(ctx, sc, fresh);
    cr_expect_eq(rc, AGRO_OK, "after agro_ctx_cancel_reset: %s", message_of(ctx));
    rc = agro_output_write_csv(ctx, sc, fresh, csv);
    cr_expect_eq(rc, AGRO_OK, "after agro_ctx_cancel_reset: %s", message_of(ctx));
    agro_results_free(fresh);
    /* NULL: no context, nothing to cancel */
    agro_ctx_cancel(NULL);
    agro_ctx_cancel_reset(NULL);
    cr_expect_eq(agro_ctx_cancelled(NULL), 0);
}

typedef struct cancel_job {
    agro_ctx *ctx;
    const agro_scenario *sc;
    agro_results *res; /* the results of the pass that was cancelled */
    int rc;
    int passes;
} cancel_job;

/* Run every run of the scenario into new results, again and again, until a call fails: only a
 * cancel request ends it, during one of the multi-run calls whenever it comes. */
static void *run_until_cancelled(void *arg)
{
    cancel_job *j = arg;
    for (;;) {
        agro_results_free(j->res);
        j->res = NULL;
        if ((j->rc = agro_results_create(j->ctx, j->sc, &j->res)))
            return NULL;
        if ((j->rc = agro_scenario_run(j->ctx, j->sc, j->res)))
            return NULL;
        j->passes++;
    }
}

/* A cancel request from another thread while a multi-run call runs: the call returns
 * AGRO_ECANCELED between two runs, naming the run it stopped before; the runs before it are
 * whole (done, bit for bit those of an uninterrupted run), none after it is done. No timing is
 * assumed: the worker runs the scenario until a call fails, so the request always lands during
 * one. */
Test(output, a_cancel_from_another_thread_stops_a_run_between_two_runs, .init = setup,
     .fini = teardown, .timeout = 120)
{
    agro_ctx *wctx = NULL;
    cr_assert_eq(agro_ctx_create(&wctx), AGRO_OK);
    cancel_job j = {wctx, sc, NULL, 0, 0};
    pthread_t tid;
    cr_assert_eq(pthread_create(&tid, NULL, run_until_cancelled, &j), 0);
    agro_ctx_cancel(wctx); /* the one call made on another thread's context */
    pthread_join(tid, NULL);
    cr_assert_eq(j.rc, AGRO_ECANCELED, "%d %s", j.rc, message_of(wctx));
    agro_scenario_info info;
    agro_scenario_get_info(sc, &info);
    int before = -1;
    cr_assert_eq(sscanf(strstr(message_of(wctx), "cancelled before run "),
                        "cancelled before run %d", &before), 1, "%s", message_of(wctx));
    cr_assert(before >= 0 && before < info.n_runs, "%s", message_of(wctx));
    for (int32_t r = 0; r < info.n_runs; r++) {
        agro_run_info ri;
        agro_results_run_info(j.res, r, &ri);
        cr_expect_eq(ri.done, r < before, "run %d done %d, cancelled before run %d", (int)r,
                     (int)ri.done, before);
        if (!ri.done)
            continue;
        agro_season_summary a, b;
        memset(&a, 0, sizeof a);
        memset(&b, 0, sizeof b);
        cr_assert_eq(agro_results_get_summary(j.res, r, &a), AGRO_OK);
        cr_assert_eq(agro_results_get_summary(res, r, &b), AGRO_OK);
        cr_expect_eq(memcmp(&a, &b, sizeof a), 0, "run %d differs from the uninterrupted one",
                     (int)r);
    }
    /* results in part are refused by the writers, as after any failed run */
    agro_ctx_cancel_reset(wctx);
    cr_assert_eq(agro_output_mkdirs(wctx, dir), AGRO_OK);
    char h5[400];
    snprintf(h5, sizeof h5, "%s/part.h5", dir);
    if (before < info.n_runs)
        cr_expect_eq(agro_output_write_hdf5(wctx, sc, j.res, h5), AGRO_ESTATE);
    cr_expect_not(has_partial(dir));
    agro_results_free(j.res);
    agro_ctx_free(wctx);
}
