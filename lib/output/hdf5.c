/*
 * HDF5 results file (layout in output.h and docs/scenario.md). Built in memory, then written
 * to a temporary file in the target folder and renamed when complete. HDF5's automatic error
 * printing is switched off for the duration of the call (and restored), so the library never
 * prints.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <hdf5.h>

#include "internal/error.h"
#include "internal/file.h"
#include "output_impl.h"

#define FIELD_STR 64
#define TRT_STR 256

typedef struct h5w {
    agro_ctx *ctx;
    const char *path;
    int rc;
    /* creation property lists of every object: no modification times (the same results give
     * the same bytes) and UTF-8 link names (field and intervention names may be any text) */
    hid_t dcpl, gcpl, lcpl;
    time_t created; /* created_utc */
} h5w;

/* Record the first HDF5 failure; later calls become no-ops through w->rc. */
static int h5fail(h5w *w, const char *what)
{
    if (!w->rc)
        w->rc = agro_fail(w->ctx, AGRO_EHDF5, w->path, 0, NULL, "HDF5 error while writing %s",
                          what);
    return w->rc;
}

/* Scalar string attribute, variable-length UTF-8 (h5py reads it as str). */
static void attr_string(h5w *w, hid_t loc, const char *name, const char *value)
{
    if (w->rc)
        return;
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, H5T_VARIABLE);
    H5Tset_cset(t, H5T_CSET_UTF8);
    hid_t sp = H5Screate(H5S_SCALAR);
    hid_t a = H5Acreate2(loc, name, t, sp, H5P_DEFAULT, H5P_DEFAULT);
    const char *v[1] = {value};
    if (a < 0 || H5Awrite(a, t, v) < 0)
        h5fail(w, name);
    if (a >= 0)
        H5Aclose(a);
    H5Sclose(sp);
    H5Tclose(t);
}

static void attr_number(h5w *w, hid_t loc, const char *name, hid_t type, const void *v)
{
    if (w->rc)
        return;
    hid_t sp = H5Screate(H5S_SCALAR);
    hid_t a = H5Acreate2(loc, name, type, sp, H5P_DEFAULT, H5P_DEFAULT);
    if (a < 0 || H5Awrite(a, type, v) < 0)
        h5fail(w, name);
    if (a >= 0)
        H5Aclose(a);
    H5Sclose(sp);
}

/* A 1-D array of fixed-length strings (dataset when as_dataset, else attribute). */
static void string_array(h5w *w, hid_t loc, const char *name, const char *const *v, size_t n,
                         int as_dataset)
{
    if (w->rc)
        return;
    size_t width = 1;
    for (size_t i = 0; i < n; i++)
        if (strlen(v[i]) > width)
            width = strlen(v[i]);
    char *buf = calloc(n ? n : 1, width);
    if (!buf) {
        w->rc = agro_fail(w->ctx, AGRO_ENOMEM, w->path, 0, NULL, "out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++)
        memcpy(buf + i * width, v[i], strlen(v[i]));
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, width);
    H5Tset_strpad(t, H5T_STR_NULLPAD);
    H5Tset_cset(t, H5T_CSET_UTF8);
    hsize_t dims[1] = {n};
    hid_t sp = H5Screate_simple(1, dims, NULL);
    hid_t o;
    herr_t st;
    if (as_dataset) {
        o = H5Dcreate2(loc, name, t, sp, w->lcpl, w->dcpl, H5P_DEFAULT);
        st = o >= 0 ? H5Dwrite(o, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) : -1;
        if (o >= 0)
            H5Dclose(o);
    } else {
        o = H5Acreate2(loc, name, t, sp, H5P_DEFAULT, H5P_DEFAULT);
        st = o >= 0 ? H5Awrite(o, t, buf) : -1;
        if (o >= 0)
            H5Aclose(o);
    }
    if (st < 0)
        h5fail(w, name);
    H5Sclose(sp);
    H5Tclose(t);
    free(buf);
}

/* created_utc: SOURCE_DATE_EPOCH when the environment sets it to a count of seconds (the
 * reproducible-builds convention, so that the same results make the same file), else now. */
static time_t creation_time(void)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    if (e && *e >= '0' && *e <= '9') {
        char *end = NULL;
        errno = 0;
        long long v = strtoll(e, &end, 10);
        if (!*end && errno == 0 && v <= 253402300799LL) /* 9999-12-31T23:59:59Z */
            return (time_t)v;
    }
    return time(NULL);
}

static void root_attributes(h5w *w, hid_t fid, const agro_scenario *sc,
                            const agro_scenario_info *info)
{
    attr_string(w, fid, "agrosim_version", agro_version());
    char stamp[32];
    time_t now = w->created;
    struct tm tmv;
    gmtime_r(&now, &tmv);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tmv);
    attr_string(w, fid, "created_utc", stamp);
    char name[AGRO_SCENARIO_NAME_MAX];
    agro_scenario_name(sc, name, sizeof name);
    attr_string(w, fid, "scenario_name", name);
    size_t len = agro_scenario_text_length(sc);
    char *text = malloc(len + 1);
    if (!text) {
        w->rc = agro_fail(w->ctx, AGRO_ENOMEM, w->path, 0, NULL, "out of memory");
        return;
    }
    agro_scenario_text(sc, text, len + 1);
    /* a variable-length string: the object header holds only its reference (the text goes to
       the global heap), so any length fits */
    attr_string(w, fid, "scenario_text", text);
    free(text);
    attr_number(w, fid, "n_runs", H5T_NATIVE_INT32, &info->n_runs);
    attr_number(w, fid, "n_fields", H5T_NATIVE_INT32, &info->n_fields);
    attr_number(w, fid, "n_interventions", H5T_NATIVE_INT32, &info->n_interventions);
    attr_number(w, fid, "n_members", H5T_NATIVE_INT32, &info->n_members);
    attr_number(w, fid, "n_seasons", H5T_NATIVE_INT32, &info->n_seasons);
    attr_number(w, fid, "baseline_intervention", H5T_NATIVE_INT32, &info->baseline);
    attr_number(w, fid, "bag_kg", H5T_NATIVE_DOUBLE, &info->bag_kg);
    attr_number(w, fid, "area_ha", H5T_NATIVE_DOUBLE, &info->area_ha);
    attr_number(w, fid, "grain_moisture_pct", H5T_NATIVE_DOUBLE, &info->grain_moisture_pct);
}

static void names(h5w *w, hid_t fid, const agro_scenario *sc, const agro_scenario_info *info)
{
    int32_t n = info->n_fields > info->n_interventions ? info->n_fields : info->n_interventions;
    char(*buf)[TRT_STR] = calloc((size_t)n, TRT_STR);
    const char **ptr = calloc((size_t)n, sizeof *ptr);
    if (!buf || !ptr) {
        free(buf);
        free(ptr);
        w->rc = agro_fail(w->ctx, AGRO_ENOMEM, w->path, 0, NULL, "out of memory");
        return;
    }
    for (int32_t i = 0; i < info->n_fields; i++) {
        agro_scenario_field_name(sc, i, buf[i], TRT_STR);
        ptr[i] = buf[i];
    }
    string_array(w, fid, "fields", ptr, (size_t)info->n_fields, 1);
    for (int32_t i = 0; i < info->n_interventions; i++) {
        agro_scenario_intervention_name(sc, i, buf[i], TRT_STR);
        ptr[i] = buf[i];
    }
    string_array(w, fid, "interventions", ptr, (size_t)info->n_interventions, 1);
    free(buf);
    free(ptr);
}

static void summary_table(h5w *w, hid_t fid, const agro_scenario *sc, const agro_results *res,
                          const agro_scenario_info *info)
{
    if (w->rc)
        return;
    /* packed row: field name, intervention name, their indices, then the columns */
    size_t ncol = out_n_summary_columns;
    size_t *off = calloc(ncol, sizeof *off);
    if (!off) {
        w->rc = agro_fail(w->ctx, AGRO_ENOMEM, w->path, 0, NULL, "out of memory");
        return;
    }
    size_t row = FIELD_STR + TRT_STR + 2 * sizeof(int32_t);
    for (size_t k = 0; k < ncol; k++) {
        off[k] = row;
        row += out_summary_columns[k].type == OUT_INT || out_summary_columns[k].src == OUT_SRC_DATE
                   ? sizeof(int32_t)
                   : sizeof(double);
    }
    hid_t fstr = H5Tcopy(H5T_C_S1), tstr = H5Tcopy(H5T_C_S1);
    H5Tset_size(fstr, FIELD_STR);
    H5Tset_size(tstr, TRT_STR);
    H5Tset_cset(fstr, H5T_CSET_UTF8);
    H5Tset_cset(tstr, H5T_CSET_UTF8);
    hid_t ct = H5Tcreate(H5T_COMPOUND, row);
    H5Tinsert(ct, "FIELD", 0, fstr);
    H5Tinsert(ct, "INTERVENTION", FIELD_STR, tstr);
    H5Tinsert(ct, "FIELD_INDEX", FIELD_STR + TRT_STR, H5T_NATIVE_INT32);
    H5Tinsert(ct, "INTERVENTION_INDEX", FIELD_STR + TRT_STR + sizeof(int32_t), H5T_NATIVE_INT32);
    for (size_t k = 0; k < ncol; k++) {
        const out_column *c = &out_summary_columns[k];
        int is_int = c->type == OUT_INT || c->src == OUT_SRC_DATE;
        if (H5Tinsert(ct, c->icasa, off[k], is_int ? H5T_NATIVE_INT32 : H5T_NATIVE_DOUBLE) < 0)
            h5fail(w, "/summary type");
    }
    unsigned char *buf = calloc((size_t)info->n_runs, row);
    if (!buf && !w->rc)
        w->rc = agro_fail(w->ctx, AGRO_ENOMEM, w->path, 0, NULL, "out of memory");
    for (int32_t r = 0; r < info->n_runs && !w->rc; r++) {
        unsigned char *p = buf + (size_t)r * row;
        agro_run_info ri;
        agro_season_summary s;
        agro_results_run_info(res, r, &ri);
        if (agro_results_get_summary(res, r, &s)) {
            w->rc = agro_fail(w->ctx, AGRO_ESTATE, w->path, 0, NULL,
                              "run %d has not been simulated", (int)r);
            break;
        }
        agro_scenario_field_name(sc, ri.field, (char *)p, FIELD_STR);
        agro_scenario_intervention_name(sc, ri.intervention, (char *)p + FIELD_STR, TRT_STR);
        memcpy(p + FIELD_STR + TRT_STR, &ri.field, sizeof(int32_t));
        memcpy(p + FIELD_STR + TRT_STR + sizeof(int32_t), &ri.intervention, sizeof(int32_t));
        for (size_t k = 0; k < ncol; k++) {
            const out_column *c = &out_summary_columns[k];
            double v = out_column_value(c, info, &ri, &s);
            if (c->type == OUT_INT || c->src == OUT_SRC_DATE) {
                int32_t iv = isfinite(v) ? (int32_t)v : -1;
                memcpy(p + off[k], &iv, sizeof iv);
            } else {
                memcpy(p + off[k], &v, sizeof v);
            }
        }
    }
    if (!w->rc) {
        hsize_t dims[1] = {(hsize_t)info->n_runs};
        hid_t sp = H5Screate_simple(1, dims, NULL);
        hid_t d = H5Dcreate2(fid, "summary", ct, sp, w->lcpl, w->dcpl, H5P_DEFAULT);
        if (d < 0 || H5Dwrite(d, ct, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0)
            h5fail(w, "/summary");
        if (d >= 0) {
            const char **cn = calloc(ncol, sizeof *cn), **cu = calloc(ncol, sizeof *cu),
                       **cl = calloc(ncol, sizeof *cl), **cc = calloc(ncol, sizeof *cc);
            if (cn && cu && cl && cc) {
                for (size_t k = 0; k < ncol; k++) {
                    cn[k] = out_summary_columns[k].icasa;
                    cu[k] = out_summary_columns[k].units;
                    cl[k] = out_summary_columns[k].long_name;
                    cc[k] = out_summary_columns[k].csv;
                }
                string_array(w, d, "column_names", cn, ncol, 0);
                string_array(w, d, "column_units", cu, ncol, 0);
                string_array(w, d, "column_long_names", cl, ncol, 0);
                string_array(w, d, "column_csv_names", cc, ncol, 0);
            }
            free(cn);
            free(cu);
            free(cl);
            free(cc);
            attr_string(w, d, "long_name",
                        "season summary, one row per field x intervention x member x season");
            H5Dclose(d);
        }
        H5Sclose(sp);
    }
    free(buf);
    H5Tclose(ct);
    H5Tclose(fstr);
    H5Tclose(tstr);
    free(off);
}

static hid_t group_path(h5w *w, hid_t parent, const char *name)
{
    hid_t g;
    if (H5Lexists(parent, name, H5P_DEFAULT) > 0)
        g = H5Gopen2(parent, name, H5P_DEFAULT);
    else
        g = H5Gcreate2(parent, name, w->lcpl, w->gcpl, H5P_DEFAULT);
    if (g < 0)
        h5fail(w, name);
    return g;
}

/* Rows written per HDF5 call: large enough to amortise the call, small enough for memory. */
#define ROW_BLOCK 64
/* A chunk holds at most this many bytes before compression: HDF5's default chunk cache */
#define CHUNK_BYTES_MAX ((hsize_t)1 << 20)

/* A chunked, deflate-compressed float64 dataset with units and long_name. A chunk holds several
 * runs: HDF5 compresses each chunk with its own zlib stream, set up and cleared anew, and with
 * one run of 200 days (1.6 kB) per chunk that set-up and the small blocks made the writing 85 %
 * of `agrosim run`'s instructions for examples/morogoro/morogoro.json. The rows per chunk are a
 * power of two that divides ROW_BLOCK, so that every write fills whole chunks, or all the runs
 * when there are fewer. */
static hid_t daily_dataset(h5w *w, hid_t g, const char *name, int rank, const hsize_t *dims,
                           const char *units, const char *long_name)
{
    if (w->rc)
        return -1;
    const hsize_t row_bytes = dims[1] * (rank > 2 ? dims[2] : 1) * sizeof(double);
    hsize_t rows = ROW_BLOCK;
    while (rows > 1 && rows * row_bytes > CHUNK_BYTES_MAX)
        rows /= 2;
    hsize_t chunk[3] = {rows < dims[0] ? rows : dims[0], dims[1], rank > 2 ? dims[2] : 1};
    hid_t sp = H5Screate_simple(rank, dims, NULL);
    hid_t pl = H5Pcopy(w->dcpl);
    H5Pset_chunk(pl, rank, chunk);
    if (H5Zfilter_avail(H5Z_FILTER_SHUFFLE) > 0)
        H5Pset_shuffle(pl);
    if (H5Zfilter_avail(H5Z_FILTER_DEFLATE) > 0)
        H5Pset_deflate(pl, 1);
    double fill = NAN;
    H5Pset_fill_value(pl, H5T_NATIVE_DOUBLE, &fill);
    hid_t d = H5Dcreate2(g, name, H5T_IEEE_F64LE, sp, w->lcpl, pl, H5P_DEFAULT);
    if (d < 0) {
        h5fail(w, name);
    } else {
        attr_string(w, d, "units", units);
        attr_string(w, d, "long_name", long_name);
    }
    H5Pclose(pl);
    H5Sclose(sp);
    return d;
}

static void int_dataset(h5w *w, hid_t g, const char *name, const int32_t *v, int32_t n,
                        const char *long_name)
{
    if (w->rc)
        return;
    hsize_t dims[1] = {(hsize_t)n};
    hid_t sp = H5Screate_simple(1, dims, NULL);
    hid_t d = H5Dcreate2(g, name, H5T_STD_I32LE, sp, w->lcpl, w->dcpl, H5P_DEFAULT);
    if (d < 0 || H5Dwrite(d, H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) < 0)
        h5fail(w, name);
    if (d >= 0) {
        attr_string(w, d, "long_name", long_name);
        H5Dclose(d);
    }
    H5Sclose(sp);
}

/* /daily/<field>/layer_bottom_cm: depth of each layer of the per-layer series (beside
   run_index and n_days, so every dataset under a component group stays a daily series). */
static void layer_depths(h5w *w, hid_t gf, const agro_scenario *sc, int32_t nl)
{
    agro_soil_profile soil;
    if (w->rc || agro_scenario_soil(sc, &soil) || soil.n_layers < nl)
        return;
    hsize_t dims[1] = {(hsize_t)nl};
    hid_t sp = H5Screate_simple(1, dims, NULL);
    hid_t d = H5Dcreate2(gf, "layer_bottom_cm", H5T_IEEE_F64LE, sp, w->lcpl, w->dcpl,
                         H5P_DEFAULT);
    if (d < 0 || H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, soil.depth_cm) < 0)
        h5fail(w, "layer_bottom_cm");
    if (d >= 0) {
        attr_string(w, d, "units", "cm");
        attr_string(w, d, "long_name", "depth of the bottom of each soil layer of the per-layer "
                                       "daily series (third axis of SW, TS)");
        H5Dclose(d);
    }
    H5Sclose(sp);
}

static void daily_groups(h5w *w, hid_t fid, const agro_scenario *sc, const agro_results *res,
                         const agro_scenario_info *info)
{
    if (w->rc)
        return;
    int32_t per_field = info->n_interventions * info->n_members * info->n_seasons;
    int32_t nd = info->max_days;
    int32_t probe;
    /* the daily store is optional (report.daily) */
    if (!agro_results_daily_view(res, 0, &probe))
        return;
    double *buf = malloc((size_t)ROW_BLOCK * (size_t)nd * AGRO_SOIL_MAX_LAYERS * sizeof *buf);
    int32_t *ndays = malloc((size_t)per_field * sizeof *ndays);
    int32_t *idx = malloc((size_t)per_field * sizeof *idx);
    if (!buf || !ndays || !idx) {
        w->rc = agro_fail(w->ctx, AGRO_ENOMEM, w->path, 0, NULL, "out of memory");
        goto done;
    }
    hid_t top = group_path(w, fid, "daily");
    if (top < 0)
        goto done;
    attr_string(w, top, "layout",
                "/daily/<field>/<component>/<variable>: rows = runs of the field in /summary "
                "order (run_index), columns = days from the season start, third axis = soil "
                "layer; NaN after the last simulated day (n_days)");
    for (int32_t f = 0; f < info->n_fields && !w->rc; f++) {
        char fname[AGRO_SCENARIO_NAME_MAX];
        agro_scenario_field_name(sc, f, fname, sizeof fname);
        hid_t gf = group_path(w, top, fname);
        if (gf < 0)
            break;
        int32_t first = f * per_field, nl_max = 0;
        for (int32_t i = 0; i < per_field; i++) {
            const agro_field_daily *dv = agro_results_daily_view(res, first + i, &ndays[i]);
            idx[i] = first + i;
            if (dv && ndays[i] > 0 && dv[0].n_layers > nl_max)
                nl_max = dv[0].n_layers;
        }
        int_dataset(w, gf, "run_index", idx, per_field, "row of /summary of each daily row");
        if (nl_max > 0)
            layer_depths(w, gf, sc, nl_max);
        int_dataset(w, gf, "n_days", ndays, per_field, "simulated days of each daily row");
        for (size_t v = 0; v < out_n_daily_vars && !w->rc; v++) {
            /* the cancel point of a large file: between variables */
            if ((w->rc = agro_check_cancel(w->ctx, w->path, "while writing")))
                break;
            const out_daily_var *var = &out_daily_vars[v];
            if (var->layered && nl_max < 1)
                continue;
            int32_t nl = var->layered ? nl_max : 1;
            int rank = var->layered ? 3 : 2;
            hid_t gc = group_path(w, gf, var->component);
            if (gc < 0)
                break;
            hsize_t dims[3] = {(hsize_t)per_field, (hsize_t)nd, (hsize_t)nl};
            hid_t d = daily_dataset(w, gc, var->name, rank, dims, var->units, var->long_name);
            H5Gclose(gc);
            if (d < 0)
                break;
            size_t plane = (size_t)nd * (size_t)nl;
            for (int32_t r0 = 0; r0 < per_field && !w->rc; r0 += ROW_BLOCK) {
                int32_t nr = per_field - r0 < ROW_BLOCK ? per_field - r0 : ROW_BLOCK;
                for (size_t k = 0; k < (size_t)nr * plane; k++)
                    buf[k] = NAN;
                for (int32_t i = 0; i < nr; i++) {
                    int32_t n = 0;
                    const agro_field_daily *days = agro_results_daily_view(res, first + r0 + i, &n);
                    if (n > nd)
                        n = nd;
                    for (int32_t t = 0; t < n; t++) {
                        const char *base = (const char *)&days[t] + var->offset;
                        double *dst = buf + (size_t)i * plane + (size_t)t * (size_t)nl;
                        if (var->type == OUT_INT) {
                            int32_t iv;
                            memcpy(&iv, base, sizeof iv);
                            dst[0] = iv;
                        } else {
                            int32_t m = var->layered && days[t].n_layers < nl ? days[t].n_layers : nl;
                            memcpy(dst, base, (size_t)m * sizeof(double));
                            if (var->type == OUT_PERCENT)
                                for (int32_t j = 0; j < m; j++)
                                    dst[j] *= 100.0;
                        }
                    }
                }
                hsize_t start[3] = {(hsize_t)r0, 0, 0}, count[3] = {(hsize_t)nr, (hsize_t)nd,
                                                                    (hsize_t)nl};
                hid_t fs = H5Dget_space(d);
                hid_t ms = H5Screate_simple(rank, count, NULL);
                if (H5Sselect_hyperslab(fs, H5S_SELECT_SET, start, NULL, count, NULL) < 0 ||
                    H5Dwrite(d, H5T_NATIVE_DOUBLE, ms, fs, H5P_DEFAULT, buf) < 0)
                    h5fail(w, var->name);
                H5Sclose(ms);
                H5Sclose(fs);
            }
            H5Dclose(d);
        }
        H5Gclose(gf);
    }
    H5Gclose(top);
done:
    free(buf);
    free(ndays);
    free(idx);
}

int agro_output_write_hdf5(agro_ctx *ctx, const agro_scenario *sc, const agro_results *res,
                           const char *path)
{
    agro_scenario_info info;
    char tmp[4200];
    int rc = out_begin(ctx, sc, res, path, &info, tmp, sizeof tmp);
    if (rc)
        return rc;
    /* HDF5 prints its error stack by default: silence it here, restore it after */
    H5E_auto2_t old_fn = NULL;
    void *old_data = NULL;
    H5Eget_auto2(H5E_DEFAULT, &old_fn, &old_data);
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    h5w w = {ctx, path, 0, -1, -1, -1, creation_time()};
    hid_t fcpl = H5Pcreate(H5P_FILE_CREATE); /* its object part: the root group */
    w.dcpl = H5Pcreate(H5P_DATASET_CREATE);
    w.gcpl = H5Pcreate(H5P_GROUP_CREATE);
    w.lcpl = H5Pcreate(H5P_LINK_CREATE);
    if (fcpl < 0 || w.dcpl < 0 || w.gcpl < 0 || w.lcpl < 0 ||
        H5Pset_obj_track_times(fcpl, 0) < 0 || H5Pset_obj_track_times(w.dcpl, 0) < 0 ||
        H5Pset_obj_track_times(w.gcpl, 0) < 0 || H5Pset_char_encoding(w.lcpl, H5T_CSET_UTF8) < 0)
        h5fail(&w, "the file (property lists)");
    /* The file is built in memory (HDF5's core driver without a backing store) and written out
       by agro_file_write_all, so every I/O error (ENOSPC, EFBIG, a device or a folder as the
       target) is reported with its reason and leaves no file. Built on disk, a write that
       failed inside H5Dclose or H5Fclose left the file half-closed in HDF5's tables: the
       process then crashed in HDF5's atexit clean-up (H5F__close_cb), or HDF5 printed
       "infinite loop closing library" after a failed create on /dev/full or a FIFO. */
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    hid_t fid = -1;
    /* H5Fcreate first opens an existing file of that name to compare it with the open ones
       (the core driver would read it whole, and opening a FIFO would take its reader): the
       in-memory file is named after the temporary file with a suffix that does not exist */
    char mem_name[4300];
    snprintf(mem_name, sizeof mem_name, "%s.in-memory", tmp);
    if (fapl < 0 || H5Pset_fapl_core(fapl, (size_t)1 << 20, 0) < 0 ||
        w.rc || (fid = H5Fcreate(mem_name, H5F_ACC_TRUNC, fcpl, fapl)) < 0)
        h5fail(&w, "the file (create in memory)");
    if (fapl >= 0)
        H5Pclose(fapl);
    if (fcpl >= 0)
        H5Pclose(fcpl);
    unsigned char *image = NULL;
    ssize_t size = -1;
    if (fid >= 0) {
        root_attributes(&w, fid, sc, &info);
        names(&w, fid, sc, &info);
        summary_table(&w, fid, sc, res, &info);
        daily_groups(&w, fid, sc, res, &info);
        /* every object must be closed, or H5Fclose would leave the file open (weak close) */
        ssize_t open_objects = H5Fget_obj_count(fid, H5F_OBJ_ALL | H5F_OBJ_LOCAL);
        if (open_objects != 1)
            h5fail(&w, "the file (objects left open)");
        if (!w.rc && (H5Fflush(fid, H5F_SCOPE_LOCAL) < 0 ||
                      (size = H5Fget_file_image(fid, NULL, 0)) <= 0))
            h5fail(&w, "the file (image size)");
        if (!w.rc && !(image = malloc((size_t)size)))
            w.rc = agro_fail(ctx, AGRO_ENOMEM, path, 0, NULL, "out of memory (%ld bytes)",
                             (long)size);
        if (!w.rc && H5Fget_file_image(fid, image, (size_t)size) != size)
            h5fail(&w, "the file (image)");
        if (H5Fclose(fid) < 0)
            h5fail(&w, "the file (close)");
    }
    hid_t pls[3] = {w.dcpl, w.gcpl, w.lcpl};
    for (int k = 0; k < 3; k++)
        if (pls[k] >= 0)
            H5Pclose(pls[k]);
    H5Eset_auto2(H5E_DEFAULT, old_fn, old_data);
    /* the last cancel point, before the old file is replaced */
    if (!w.rc)
        w.rc = agro_check_cancel(ctx, path, "while writing");
    if (!w.rc)
        w.rc = agro_file_write_all(ctx, tmp, path, image, (size_t)size);
    else
        agro_file_discard(tmp, path);
    free(image);
    return w.rc;
}
