/* JSON soil profiles (format: docs/formats.md, "Soil JSON"; examples in models/soils/). */
#include <math.h>
#include <string.h>

#include "internal/error.h"
#include "internal/json.h"
#include "internal/soil_profile.h"

#define SOIL_SCHEMA_VERSION 1

/*
 * An optional number in [lo, hi]: absent gives @p absent, JSON null ("unknown") gives
 * @p null_value; anything else must be a number in range.
 */
static int opt_number(agro_ctx *ctx, const agro_json_node *obj, const char *key, double lo,
                      double hi, double absent, double null_value, double *out)
{
    agro_json_node n;
    int rc = agro_json_get(ctx, obj, key, 0, &n);
    if (rc < 0)
        return rc;
    if (rc > 0) {
        *out = absent;
        return AGRO_OK;
    }
    if (cJSON_IsNull(n.item)) {
        *out = null_value;
        return AGRO_OK;
    }
    return agro_json_number(ctx, obj, key, 1, 0.0, lo, hi, out);
}

/* A required, non-empty string (its text is only checked, not kept). */
static int need_text(agro_ctx *ctx, const agro_json_node *obj, const char *key, int required)
{
    agro_json_node n;
    int rc = agro_json_get(ctx, obj, key, required, &n);
    if (rc)
        return rc < 0 ? rc : AGRO_OK;
    if (!cJSON_IsString(n.item))
        return agro_json_fail(ctx, &n, AGRO_EFORMAT, "expected a string");
    if (!n.item->valuestring[0] && required)
        return agro_json_fail(ctx, &n, AGRO_EMISSING, "must not be empty");
    return AGRO_OK;
}

static int read_id(agro_ctx *ctx, const agro_json_node *root, char *buf, size_t n)
{
    int rc = agro_json_string(ctx, root, "id", 1, NULL, buf, n);
    if (rc)
        return rc;
    if (!buf[0]) {
        agro_json_node idn;
        agro_json_get(ctx, root, "id", 1, &idn);
        return agro_json_fail(ctx, &idn, AGRO_EMISSING, "must not be empty");
    }
    return AGRO_OK;
}

/*
 * The optional top-level "p_method": the DSSAT code SA001..SA015 of the extraction method of
 * extractable_p_mg_kg (SMPX; DSSAT-CSM 4.8 SoilPi_init.for), stored as its number; absent or
 * null: 0 (unknown).
 */
static int read_p_method(agro_ctx *ctx, const agro_json_node *root, agro_soil_profile *p)
{
    agro_json_node n;
    int rc = agro_json_get(ctx, root, "p_method", 0, &n);
    if (rc)
        return rc < 0 ? rc : AGRO_OK;
    if (cJSON_IsNull(n.item))
        return AGRO_OK;
    if (!cJSON_IsString(n.item))
        return agro_json_fail(ctx, &n, AGRO_EFORMAT, "expected a string such as \"SA002\"");
    const char *v = n.item->valuestring;
    int ok = strlen(v) == 5 && v[0] == 'S' && v[1] == 'A';
    for (int k = 2; ok && k < 5; k++)
        ok = v[k] >= '0' && v[k] <= '9';
    int num = ok ? (v[2] - '0') * 100 + (v[3] - '0') * 10 + (v[4] - '0') : 0;
    if (num < 1 || num > 15)
        return agro_json_fail(ctx, &n, AGRO_EFORMAT,
                              "P extraction method must be a code SA001..SA015 (\"%s\")", v);
    p->p_method = num;
    return AGRO_OK;
}

static int read_site(agro_ctx *ctx, const agro_json_node *root, agro_soil_profile *p, soil_origin *o)
{
    static const char *const keys[] = {"latitude_deg", "longitude_deg", "source"};
    agro_json_node site;
    int rc = agro_json_get(ctx, root, "site", 0, &site);
    if (rc)
        return rc < 0 ? rc : AGRO_OK;
    o->site_line = agro_json_line(root->file, site.jpath);
    if ((rc = agro_json_check_keys(ctx, &site, keys, 3)) ||
        (rc = opt_number(ctx, &site, "latitude_deg", -90.0, 90.0, NAN, NAN, &p->latitude_deg)) ||
        (rc = opt_number(ctx, &site, "longitude_deg", -180.0, 180.0, NAN, NAN, &p->longitude_deg)) ||
        (rc = need_text(ctx, &site, "source", 0)))
        return rc;
    return AGRO_OK;
}

static int read_surface(agro_ctx *ctx, const agro_json_node *root, agro_soil_profile *p,
                        soil_origin *o)
{
    static const char *const keys[] = {"albedo", "evap_limit_mm", "drainage_rate_per_day",
                                       "runoff_curve_number", "mineralisation_factor",
                                       "photosynthesis_factor", "source"};
    agro_json_node s;
    int rc = agro_json_get(ctx, root, "surface", 1, &s);
    if (rc)
        return rc;
    o->surface_line = agro_json_line(root->file, s.jpath);
    if ((rc = agro_json_check_keys(ctx, &s, keys, sizeof keys / sizeof keys[0])) ||
        (rc = agro_json_number(ctx, &s, "albedo", 1, 0.0, 0.0, 1.0, &p->albedo)) ||
        (rc = agro_json_number(ctx, &s, "evap_limit_mm", 1, 0.0, 0.0, 50.0, &p->evap_limit_mm)) ||
        (rc = agro_json_number(ctx, &s, "drainage_rate_per_day", 1, 0.0, 0.0, 1.0,
                               &p->drainage_rate_d)) ||
        (rc = agro_json_number(ctx, &s, "runoff_curve_number", 1, 0.0, 1.0, 100.0,
                               &p->runoff_curve_number)) ||
        /* absent or null (unknown): 1, as SLNF/SLPF -99 in a .SOL file (docs/formats.md) */
        (rc = opt_number(ctx, &s, "mineralisation_factor", 0.0, 1.0, 1.0, 1.0,
                         &p->mineralisation_factor)) ||
        (rc = opt_number(ctx, &s, "photosynthesis_factor", 0.0, 1.0, 1.0, 1.0,
                         &p->photosynthesis_factor)) ||
        (rc = agro_json_source(ctx, &s, "source", 1)))
        return rc;
    return AGRO_OK;
}

static const char *const layer_keys[] = {
    "depth_bottom_cm", "ll_cm3_cm3", "dul_cm3_cm3", "sat_cm3_cm3", "root_growth_factor",
    "bulk_density_g_cm3", "organic_carbon_pct", "ksat_cm_h", "clay_pct", "silt_pct", "stones_pct",
    "total_n_pct", "ph_water", "anion_adsorption_cm3_g", "cec_cmol_kg", "caco3_g_kg",
    "base_sum_cmol_kg", "exch_k_cmol_kg", "extractable_p_mg_kg", "organic_p_mg_kg", "stable_c_pct"};

/* The line of every key of every layer, so a failed physical check names the line of the value
 * it names (a layer written over several lines) rather than the layer's first line. Only after a
 * failure: each line is a scan of the text. */
static void note_value_lines(const agro_json_node *root, soil_origin *o)
{
    agro_json_node arr, L, v;
    int n = 0;
    if (agro_json_get(NULL, root, "layers", 0, &arr) || agro_json_array_size(NULL, &arr, &n))
        return;
    for (int i = 0; i < n && i < AGRO_SOIL_MAX_LAYERS; i++) {
        agro_json_at(&arr, i, &L);
        for (size_t k = 0; k < sizeof layer_keys / sizeof layer_keys[0]; k++) {
            const int q = agro_soil_quantity(layer_keys[k], SOIL_NAMES_JSON);
            if (q >= 0 && agro_json_get(NULL, &L, layer_keys[k], 0, &v) == 0)
                o->value_line[i][q] = agro_json_line(root->file, v.jpath);
        }
    }
}

static int read_layers(agro_ctx *ctx, const agro_json_node *root, agro_soil_profile *p,
                       soil_origin *o)
{
    agro_json_node arr;
    int rc = agro_json_get(ctx, root, "layers", 1, &arr);
    if (rc)
        return rc;
    int n = 0;
    if ((rc = agro_json_array_size(ctx, &arr, &n)))
        return rc;
    if (n < 1 || n > AGRO_SOIL_MAX_LAYERS)
        return agro_json_fail(ctx, &arr, n < 1 ? AGRO_EMISSING : AGRO_ELIMIT,
                              "a profile needs 1 to %d layers (%d)", AGRO_SOIL_MAX_LAYERS, n);
    for (int i = 0; i < n; i++) {
        agro_json_node L;
        agro_json_at(&arr, i, &L);
        o->layer_line[i] = agro_json_line(root->file, L.jpath);
        if ((rc = agro_json_check_keys(ctx, &L, layer_keys,
                                       sizeof layer_keys / sizeof layer_keys[0])) ||
            (rc = agro_json_number(ctx, &L, "depth_bottom_cm", 1, 0.0, 0.0, 5000.0, &p->depth_cm[i])) ||
            (rc = agro_json_number(ctx, &L, "ll_cm3_cm3", 1, 0.0, 0.0, 1.0, &p->ll[i])) ||
            (rc = agro_json_number(ctx, &L, "dul_cm3_cm3", 1, 0.0, 0.0, 1.0, &p->dul[i])) ||
            (rc = agro_json_number(ctx, &L, "sat_cm3_cm3", 1, 0.0, 0.0, 1.0, &p->sat[i])) ||
            (rc = agro_json_number(ctx, &L, "root_growth_factor", 1, 0.0, 0.0, 1.0,
                                   &p->root_growth_factor[i])) ||
            (rc = agro_json_number(ctx, &L, "bulk_density_g_cm3", 1, 0.0, 0.1, 2.65,
                                   &p->bulk_density_g_cm3[i])) ||
            (rc = agro_json_number(ctx, &L, "organic_carbon_pct", 1, 0.0, 0.0, 60.0,
                                   &p->organic_carbon_pct[i])) ||
            (rc = opt_number(ctx, &L, "ksat_cm_h", 0.0, 1000.0, NAN, NAN, &p->ksat_cm_h[i])) ||
            (rc = opt_number(ctx, &L, "clay_pct", 0.0, 100.0, NAN, NAN, &p->clay_pct[i])) ||
            (rc = opt_number(ctx, &L, "silt_pct", 0.0, 100.0, NAN, NAN, &p->silt_pct[i])) ||
            (rc = opt_number(ctx, &L, "stones_pct", 0.0, 100.0, 0.0, 0.0, &p->stones_pct[i])) ||
            (rc = opt_number(ctx, &L, "total_n_pct", 0.0, 10.0, NAN, NAN, &p->total_n_pct[i])) ||
            (rc = opt_number(ctx, &L, "ph_water", 2.0, 12.0, NAN, NAN, &p->ph_water[i])) ||
            (rc = opt_number(ctx, &L, "anion_adsorption_cm3_g", 0.0, 10.0, NAN, NAN,
                             &p->anion_adsorption_cm3_g[i])) ||
            /* soil chemistry for the P model; plausibility bounds as in agro_soil_check */
            (rc = opt_number(ctx, &L, "cec_cmol_kg", 0.0, 500.0, NAN, NAN, &p->cec_cmol_kg[i])) ||
            (rc = opt_number(ctx, &L, "caco3_g_kg", 0.0, 1000.0, NAN, NAN, &p->caco3_g_kg[i])) ||
            (rc = opt_number(ctx, &L, "base_sum_cmol_kg", 0.0, 500.0, NAN, NAN,
                             &p->base_sum_cmol_kg[i])) ||
            (rc = opt_number(ctx, &L, "exch_k_cmol_kg", 0.0, 100.0, NAN, NAN,
                             &p->exch_k_cmol_kg[i])) ||
            (rc = opt_number(ctx, &L, "extractable_p_mg_kg", 0.0, 5000.0, NAN, NAN,
                             &p->extractable_p_mg_kg[i])) ||
            (rc = opt_number(ctx, &L, "organic_p_mg_kg", 0.0, 10000.0, NAN, NAN,
                             &p->organic_p_mg_kg[i])) ||
            (rc = opt_number(ctx, &L, "stable_c_pct", 0.0, 60.0, NAN, NAN, &p->stable_c_pct[i])))
            return rc;
        p->n_layers = i + 1;
    }
    return AGRO_OK;
}

static int load(agro_ctx *ctx, const char *path, agro_soil_profile *out, char *id, size_t id_n)
{
    static const char *const keys[] = {"schema_version", "id", "name", "texture_class", "source",
                                       "site", "surface", "layers_source", "layers", "p_method"};
    if (!path)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "no soil file given");
    agro_json_file f;
    int rc = agro_json_open(ctx, path, &f);
    if (rc)
        return rc;
    agro_json_node root;
    int schema = 0;
    char idbuf[AGRO_SOIL_ID_MAX];
    if ((rc = agro_json_root(ctx, &f, &root)) ||
        (rc = agro_json_check_keys(ctx, &root, keys, sizeof keys / sizeof keys[0])) ||
        (rc = agro_json_int(ctx, &root, "schema_version", 1, 0, SOIL_SCHEMA_VERSION,
                            SOIL_SCHEMA_VERSION, &schema)) ||
        (rc = read_id(ctx, &root, idbuf, sizeof idbuf)))
        goto done;
    if (id) {
        /* what fits is copied even when the whole does not, as the other text getters do */
        const size_t len = strlen(idbuf), copied = len < id_n ? len : id_n - 1;
        memcpy(id, idbuf, copied);
        id[copied] = '\0';
        if (len >= id_n) {
            rc = agro_fail(ctx, AGRO_ERANGE, path, 0, "id", "buffer of %zu bytes too small for \"%s\"",
                           id_n, idbuf);
            goto done;
        }
    }
    if (!out)
        goto done;
    agro_soil_profile p;
    agro_soil_profile_clear(&p);
    soil_origin o;
    memset(&o, 0, sizeof o);
    o.file = path;
    o.names = SOIL_NAMES_JSON;
    if ((rc = agro_json_source(ctx, &root, "source", 1)) || (rc = need_text(ctx, &root, "name", 0)) ||
        (rc = need_text(ctx, &root, "texture_class", 0)) ||
        (rc = need_text(ctx, &root, "layers_source", 0)) ||
        (rc = read_site(ctx, &root, &p, &o)) || (rc = read_surface(ctx, &root, &p, &o)) ||
        (rc = read_layers(ctx, &root, &p, &o)) || (rc = read_p_method(ctx, &root, &p)))
        goto done;
    if ((rc = agro_soil_check(ctx, &p, &o))) {
        note_value_lines(&root, &o); /* the same failure again, at its value's line */
        rc = agro_soil_check(ctx, &p, &o);
        goto done;
    }
    *out = p;
done:
    agro_json_close(&f);
    return rc;
}

int agro_soil_load_json(agro_ctx *ctx, const char *path, agro_soil_profile *out)
{
    if (!out)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL, "no output profile given");
    return load(ctx, path, out, NULL, 0);
}

int agro_soil_json_id(agro_ctx *ctx, const char *path, char *buf, size_t n)
{
    if (!buf || n == 0)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, "id", "no buffer given");
    buf[0] = '\0'; /* an error before the id is read leaves no stale text */
    return load(ctx, path, NULL, buf, n);
}
