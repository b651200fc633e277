/*
 * Scenario files: parse and validate the JSON (docs/scenario.md), load the weather, soil and
 * cultivars it names, and expand the factorial design of interventions into one field
 * configuration per field × intervention combination. Every error names the file, the line
 * and the JSON path of the bad value.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agrosim/soil_water.h"
#include "internal/c_locale.h"
#include "internal/date.h"
#include "internal/dssat.h"
#include "internal/error.h"
#include "internal/json.h"
#include "internal/memory.h"
#include "internal/tillage.h"
#include "scenario_impl.h"

/* ---- small helpers ---- */

static int resolve_path(agro_ctx *ctx, const agro_scenario *sc, const agro_json_node *node,
                        const char *rel, char *out, size_t n)
{
    int k;
    if (rel[0] == '/' || sc->base_dir[0] == '\0')
        k = snprintf(out, n, "%s", rel);
    else
        k = snprintf(out, n, "%s/%s", sc->base_dir, rel);
    if (k < 0 || (size_t)k >= n)
        return agro_json_fail(ctx, node, AGRO_ERANGE, "path too long");
    return AGRO_OK;
}

/* Required string @p key of @p obj into @p buf, and its node (to name it in messages). */
static int get_string(agro_ctx *ctx, const agro_json_node *obj, const char *key, char *buf,
                      size_t n, agro_json_node *node)
{
    int rc = agro_json_string(ctx, obj, key, 1, NULL, buf, n);
    if (rc)
        return rc;
    agro_json_get(ctx, obj, key, 1, node);
    return AGRO_OK;
}

/* A file name relative to the scenario: read key @p key of @p obj into @p out, and note the
   file as one of the scenario's inputs (sc_add_input), which the results writers refuse to
   replace. */
static int get_path(agro_ctx *ctx, agro_scenario *sc, const agro_json_node *obj,
                    const char *key, char *out, size_t n)
{
    char rel[SC_PATH];
    agro_json_node node;
    int rc = get_string(ctx, obj, key, rel, sizeof rel, &node);
    if (rc)
        return rc;
    if (rel[0] == '\0')
        return agro_json_fail(ctx, &node, AGRO_EFORMAT, "empty file name");
    if ((rc = resolve_path(ctx, sc, &node, rel, out, n)))
        return rc;
    return sc_add_input(ctx, sc, node.jpath, out);
}

/* Optional boolean; absent keeps *out. */
static int get_bool(agro_ctx *ctx, const agro_json_node *obj, const char *key, int32_t *out)
{
    agro_json_node b;
    int rc = agro_json_get(ctx, obj, key, 0, &b);
    if (rc)
        return rc < 0 ? rc : AGRO_OK;
    if (!cJSON_IsBool(b.item))
        return agro_json_fail(ctx, &b, AGRO_EFORMAT, "expected true or false");
    *out = cJSON_IsTrue(b.item) ? 1 : 0;
    return AGRO_OK;
}

/* Messages after a nested loader (cultivar, soil, site file): keep theirs, add where. */
static int nested_fail(agro_ctx *ctx, const agro_json_node *node, int rc)
{
    char where[600];
    long line = agro_json_line(node->file, node->jpath);
    snprintf(where, sizeof where, "%s:%ld: %s", node->file->path, line, node->jpath);
    agro_fail_prefix(ctx, where);
    return rc;
}

/* Offset of the first byte of @p s that is not well-formed UTF-8 (RFC 3629: no overlong form,
 * no surrogate, nothing above U+10FFFF), or -1 when all of it is. */
static long utf8_bad_offset(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    for (long i = 0; p[i];) {
        const unsigned c = p[i];
        int n;
        unsigned lo = 0x80, hi = 0xBF; /* the allowed range of the second byte */
        if (c < 0x80)
            n = 0;
        else if (c >= 0xC2 && c <= 0xDF)
            n = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0)
                lo = 0xA0;
            if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F;
        } else
            return i;
        for (int k = 1; k <= n; k++) {
            const unsigned b = p[i + k];
            if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF))
                return i;
        }
        i += n + 1;
    }
    return -1;
}

/* The length of the blank at @p p (of well-formed UTF-8): a space or a Unicode White_Space
 * character that is not a control (U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F,
 * U+205F, U+3000), else 0. */
static int blank_at(const unsigned char *p)
{
    if (p[0] == ' ')
        return 1;
    if (p[0] == 0xC2 && p[1] == 0xA0)
        return 2;
    if (p[0] == 0xE1 && p[1] == 0x9A && p[2] == 0x80)
        return 3;
    if (p[0] == 0xE2 && p[1] == 0x80 &&
        (p[2] <= 0x8A || p[2] == 0xA8 || p[2] == 0xA9 || p[2] == 0xAF))
        return 3;
    if (p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F)
        return 3;
    if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
        return 3;
    return 0;
}

/* A name of blanks only, or with a blank at either end (1 at the start, 2 at the end, 3 only
 * blanks), else 0. */
static int blank_ends(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    int first = -1, last = 0, any_other = 0;
    for (size_t i = 0; p[i];) {
        const int b = blank_at(p + i);
        if (first < 0)
            first = b > 0;
        last = b > 0;
        if (b) {
            i += (size_t)b;
        } else {
            any_other = 1;
            for (i++; (p[i] & 0xC0) == 0x80; i++)
                ;
        }
    }
    if (first < 0)
        return 0;
    return !any_other ? 3 : first ? 1 : last ? 2 : 0;
}

static int parse_name(agro_ctx *ctx, const agro_json_node *obj, char *buf)
{
    agro_json_node n;
    int rc = get_string(ctx, obj, "name", buf, SC_NAME, &n);
    if (rc)
        return rc;
    if (buf[0] == '\0')
        return agro_json_fail(ctx, &n, AGRO_EFORMAT, "empty name");
    if (strcmp(buf, ".") == 0)
        return agro_json_fail(ctx, &n, AGRO_EFORMAT,
                              "name \".\" is the HDF5 group itself: choose another");
    /* the HDF5 writer marks every name UTF-8, which a reader then fails to decode */
    const long bad = utf8_bad_offset(buf);
    if (bad >= 0)
        return agro_json_fail(ctx, &n, AGRO_EFORMAT,
                              "name is not UTF-8 text (byte %ld is 0x%02X): save the file as "
                              "UTF-8",
                              bad + 1, (unsigned)(unsigned char)buf[bad]);
    /* names are matched as written (apply_to, report.baseline, a level's canopies) and name
       HDF5 groups and CSV cells, where a blank at an end is unseen, or dropped by a reader that
       trims cells */
    const int ends = blank_ends(buf);
    if (ends == 3)
        return agro_json_fail(ctx, &n, AGRO_EFORMAT, "name of blanks only");
    if (ends)
        return agro_json_fail(ctx, &n, AGRO_EFORMAT,
                              "name \"%s\" %s with a blank: names may not begin or end with one "
                              "(they are matched as written and name HDF5 groups and CSV cells)",
                              buf, ends == 1 ? "begins" : "ends");
    for (const char *p = buf; *p; p++)
        if (*p == '/' || *p == ',' || *p == '+' || *p == '"' || (unsigned char)*p < 0x20)
            return agro_json_fail(ctx, &n, AGRO_EFORMAT,
                                  "name \"%s\" may not contain '/', ',', '+', '\"' or control "
                                  "characters (it names HDF5 groups and CSV cells)",
                                  buf);
    return AGRO_OK;
}

/* ---- dates ---- */

static int parse_date_string(agro_ctx *ctx, const agro_json_node *node, const char *s,
                             sc_when *w)
{
    int y = 0, m = 0, d = 0;
    if (agro_text_has_shape(s, "--99-99") && sscanf(s, "--%2d-%2d", &m, &d) == 2) {
        int32_t doy;
        /* validate against a non-leap year: 29 February does not exist in every season */
        if (agro_date_to_doy(2001, m, d, &doy))
            return agro_json_fail(ctx, node, AGRO_ERANGE,
                                  "\"%s\" is not a day that exists every year", s);
        w->kind = SC_WHEN_MONTHDAY;
        w->month = m;
        w->day = d;
        return AGRO_OK;
    }
    if (agro_text_has_shape(s, "9999-99-99") && sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3) {
        int32_t doy;
        if (agro_date_to_doy(y, m, d, &doy))
            return agro_json_fail(ctx, node, AGRO_ERANGE, "\"%s\" is not a calendar date", s);
        w->kind = SC_WHEN_DATE;
        w->year = y;
        w->month = m;
        w->day = d;
        return AGRO_OK;
    }
    return agro_json_fail(ctx, node, AGRO_EFORMAT,
                          "expected an ISO date \"YYYY-MM-DD\" or a yearly day \"--MM-DD\", got "
                          "\"%s\"",
                          s);
}

/*
 * The date of an event: exactly one of "date", "days_after_sowing", "days_after_start".
 * allow_after_sow = 0 for the sowing itself. Absent: keeps *w when !required.
 */
static int parse_when(agro_ctx *ctx, const agro_scenario *sc, const agro_json_node *obj,
                      int required, int allow_after_sow, sc_when *w)
{
    static const char *const keys[] = {"date", "days_after_sowing", "days_after_start"};
    int found = -1;
    agro_json_node node;
    for (int k = 0; k < 3; k++) {
        agro_json_node t;
        if (agro_json_get(ctx, obj, keys[k], 0, &t) == AGRO_OK) {
            if (found >= 0)
                return agro_json_fail(ctx, &t, AGRO_EFORMAT,
                                      "give only one of \"date\", \"days_after_sowing\" and "
                                      "\"days_after_start\" (\"%s\" is also given)",
                                      keys[found]);
            found = k;
            node = t;
        }
    }
    if (found < 0) {
        if (required)
            return agro_json_fail(ctx, obj, AGRO_EMISSING,
                                  "a date is required: \"date\" (\"YYYY-MM-DD\" or \"--MM-DD\"), "
                                  "\"days_after_sowing\" or \"days_after_start\"");
        return AGRO_OK;
    }
    sc_when nw = {0};
    if (found == 0) {
        if (!cJSON_IsString(node.item))
            return agro_json_fail(ctx, &node, AGRO_EFORMAT, "expected a date string");
        int rc = parse_date_string(ctx, &node, node.item->valuestring, &nw);
        if (rc)
            return rc;
        if (nw.kind == SC_WHEN_DATE && sc->n_seasons > 1)
            return agro_json_fail(ctx, &node, AGRO_EFORMAT,
                                  "a calendar date cannot repeat over %d seasons: use \"--MM-DD\", "
                                  "\"days_after_sowing\" or \"days_after_start\"",
                                  (int)sc->n_seasons);
    } else {
        int v = 0;
        int rc = agro_json_int(ctx, obj, keys[found], 1, 0, 0, 3660, &v);
        if (rc)
            return rc;
        if (found == 1 && !allow_after_sow)
            return agro_json_fail(ctx, &node, AGRO_EFORMAT,
                                  "the sowing cannot be dated relative to itself");
        nw.kind = found == 1 ? SC_WHEN_AFTER_SOW : SC_WHEN_AFTER_START;
        nw.offset_d = v;
    }
    *w = nw;
    return AGRO_OK;
}

/* ---- canopies ---- */

static const char *const planned_crops[] = {"soybean", "juncao", "bean", "cowpea"};

/* @p value of node @p n, a @p what that is none of @p available: AGRO_EFORMAT, saying whether it
   is one of the @p n_planned names a later version is to have. */
static int not_available(agro_ctx *ctx, const agro_json_node *n, const char *what,
                         const char *value, const char *const *planned, size_t n_planned,
                         const char *available)
{
    for (size_t i = 0; i < n_planned; i++)
        if (strcmp(value, planned[i]) == 0)
            return agro_json_fail(ctx, n, AGRO_EFORMAT,
                                  "%s \"%s\" is not available in this version of agrosim "
                                  "(available: %s)",
                                  what, value, available);
    return agro_json_fail(ctx, n, AGRO_EFORMAT, "unknown %s \"%s\" (available: %s)", what, value,
                          available);
}

static int canopy_crop(agro_ctx *ctx, const agro_json_node *canopy, int *crop)
{
    char buf[SC_NAME];
    agro_json_node n;
    int rc = get_string(ctx, canopy, "crop", buf, sizeof buf, &n);
    if (rc)
        return rc;
    if (strcmp(buf, "maize") == 0) {
        *crop = 1;
        return AGRO_OK;
    }
    if (strcmp(buf, "weeds") == 0) {
        *crop = 2;
        return AGRO_OK;
    }
    return not_available(ctx, &n, "crop", buf, planned_crops,
                         sizeof planned_crops / sizeof planned_crops[0], "maize, weeds");
}

static int parse_cultivar(agro_ctx *ctx, agro_scenario *sc, const agro_json_node *obj,
                          sc_field *f)
{
    agro_json_node c;
    int rc = agro_json_get(ctx, obj, "cultivar", 1, &c);
    if (rc)
        return rc;
    static const char *const keys[] = {"file", "dssat_cul", "dssat_eco", "id"};
    if ((rc = agro_json_check_keys(ctx, &c, keys, 4)))
        return rc;
    char path[SC_PATH];
    agro_json_node t;
    if (agro_json_get(ctx, &c, "file", 0, &t) == AGRO_OK) {
        if (agro_json_get(ctx, &c, "dssat_cul", 0, &t) == AGRO_OK ||
            agro_json_get(ctx, &c, "id", 0, &t) == AGRO_OK)
            return agro_json_fail(ctx, &c, AGRO_EFORMAT,
                                  "give either \"file\" (agrosim JSON) or \"dssat_cul\", "
                                  "\"dssat_eco\" and \"id\", not both");
        if ((rc = get_path(ctx, sc, &c, "file", path, sizeof path)))
            return rc;
        char name[SC_NAME];
        rc = agro_maize_cultivar_load_json(ctx, path, &f->cultivar, name, sizeof name);
        if (rc)
            return nested_fail(ctx, &c, rc);
        snprintf(f->cultivar_label, sizeof f->cultivar_label, "%s", name);
    } else {
        char eco[SC_PATH], id[SC_NAME];
        if ((rc = get_path(ctx, sc, &c, "dssat_cul", path, sizeof path)) ||
            (rc = get_path(ctx, sc, &c, "dssat_eco", eco, sizeof eco)) ||
            (rc = agro_json_string(ctx, &c, "id", 1, NULL, id, sizeof id)))
            return rc;
        rc = agro_maize_cultivar_load_dssat(ctx, path, eco, id, &f->cultivar);
        if (rc)
            return nested_fail(ctx, &c, rc);
        snprintf(f->cultivar_label, sizeof f->cultivar_label, "%s", id);
    }
    rc = agro_maize_cultivar_validate(ctx, &f->cultivar, f->cultivar_label);
    return rc ? nested_fail(ctx, &c, rc) : AGRO_OK;
}

/*
 * The keys of a canopy object. partial = override from an intervention, which names the
 * canopy by its key: it cannot rename it or change its crop.
 */
static int check_canopy_keys(agro_ctx *ctx, const agro_json_node *obj, const char *const *keys,
                             size_t n_keys, int partial)
{
    int rc = agro_json_check_keys(ctx, obj, keys, n_keys);
    if (rc || !partial)
        return rc;
    agro_json_node t;
    if (agro_json_get(ctx, obj, "name", 0, &t) == AGRO_OK ||
        agro_json_get(ctx, obj, "crop", 0, &t) == AGRO_OK)
        return agro_json_fail(ctx, &t, AGRO_EFORMAT,
                              "an intervention cannot change a canopy's name or crop");
    return AGRO_OK;
}

/* "sowing": {"window": {...}}: automatic sowing (DSSAT AUTPLT.for). The window replaces a
 * sowing date; an intervention giving one of the two replaces the other. */
static int parse_window(agro_ctx *ctx, const agro_scenario *sc, const agro_json_node *w,
                        sc_field *f)
{
    static const char *const keys[] = {"first", "last", "soil_water_depth_cm",
                                       "soil_water_min_pct", "soil_water_max_pct",
                                       "soil_temp_min_C", "soil_temp_max_C", "forced", "source",
                                       "description"};
    int rc = agro_json_check_keys(ctx, w, keys, sizeof keys / sizeof keys[0]);
    if (rc)
        return rc;
    sc_when dates[2];
    static const char *const dk[] = {"first", "last"};
    for (int k = 0; k < 2; k++) {
        agro_json_node t;
        if ((rc = agro_json_get(ctx, w, dk[k], 1, &t)))
            return rc;
        if (!cJSON_IsString(t.item))
            return agro_json_fail(ctx, &t, AGRO_EFORMAT, "expected a date string");
        if ((rc = parse_date_string(ctx, &t, t.item->valuestring, &dates[k])))
            return rc;
        if (dates[k].kind == SC_WHEN_DATE && sc->n_seasons > 1)
            return agro_json_fail(ctx, &t, AGRO_EFORMAT,
                                  "a calendar date cannot repeat over %d seasons: use \"--MM-DD\"",
                                  (int)sc->n_seasons);
    }
    agro_sowing_window_default(&f->window);
    agro_sowing_window *o = &f->window;
    if ((rc = agro_json_number(ctx, w, "soil_water_depth_cm", 0, o->sw_depth_cm, 1.0, 300.0,
                               &o->sw_depth_cm)) ||
        (rc = agro_json_number(ctx, w, "soil_water_min_pct", 0, o->sw_min_pct, 0.0, 100.0,
                               &o->sw_min_pct)) ||
        (rc = agro_json_number(ctx, w, "soil_water_max_pct", 0, o->sw_max_pct, 0.0, 100.0,
                               &o->sw_max_pct)) ||
        (rc = agro_json_number(ctx, w, "soil_temp_min_C", 0, o->tsoil_min_C, -20.0, 60.0,
                               &o->tsoil_min_C)) ||
        (rc = agro_json_number(ctx, w, "soil_temp_max_C", 0, o->tsoil_max_C, -20.0, 60.0,
                               &o->tsoil_max_C)) ||
        (rc = get_bool(ctx, w, "forced", &o->forced)))
        return rc;
    agro_json_node t = *w;
    if (o->sw_min_pct > o->sw_max_pct) {
        agro_json_get(ctx, w, "soil_water_min_pct", 0, &t);
        return agro_json_fail(ctx, &t, AGRO_ERANGE,
                              "soil_water_min_pct %g is above soil_water_max_pct %g",
                              o->sw_min_pct, o->sw_max_pct);
    }
    if (o->tsoil_min_C > o->tsoil_max_C) {
        agro_json_get(ctx, w, "soil_temp_min_C", 0, &t);
        return agro_json_fail(ctx, &t, AGRO_ERANGE, "soil_temp_min_C %g is above soil_temp_max_C %g",
                              o->tsoil_min_C, o->tsoil_max_C);
    }
    o->enabled = 1;
    f->auto_sow = 1;
    f->sow = dates[0];
    f->sow_last = dates[1];
    snprintf(f->window_jpath, sizeof f->window_jpath, "%s", w->jpath);
    f->window_line = agro_json_line(w->file, w->jpath);
    snprintf(f->sow_jpath, sizeof f->sow_jpath, "%s.first", w->jpath);
    f->sow_line = f->window_line;
    return AGRO_OK;
}

/* Maize canopy keys; partial = override from an intervention (everything optional). */
static int parse_maize(agro_ctx *ctx, agro_scenario *sc, const agro_json_node *obj,
                       sc_field *f, int partial)
{
    static const char *const keys[] = {"name", "crop", "cultivar", "sowing", "source",
                                       "description"};
    int rc = check_canopy_keys(ctx, obj, keys, sizeof keys / sizeof keys[0], partial);
    if (rc)
        return rc;
    agro_json_node t;
    if (!partial || agro_json_get(ctx, obj, "cultivar", 0, &t) == AGRO_OK)
        if ((rc = parse_cultivar(ctx, sc, obj, f)))
            return rc;
    agro_json_node s;
    rc = agro_json_get(ctx, obj, "sowing", !partial, &s);
    if (rc < 0)
        return rc;
    if (rc > 0)
        return AGRO_OK;
    static const char *const skeys[] = {"date", "days_after_start", "days_after_sowing",
                                        "window", "density_pl_m2", "row_spacing_cm", "depth_cm",
                                        "source", "description"};
    if ((rc = agro_json_check_keys(ctx, &s, skeys, sizeof skeys / sizeof skeys[0])))
        return rc;
    int req = !partial;
    /* ranges: MZCER048 PPOP 0.1..50 pl/m², row spacing 5..300 cm, depth 1..15 cm */
    agro_json_node dn, wn;
    int has_window = agro_json_get(ctx, &s, "window", 0, &wn) == AGRO_OK;
    if (agro_json_get(ctx, &s, "date", 0, &dn) == AGRO_OK ||
        agro_json_get(ctx, &s, "days_after_start", 0, &dn) == AGRO_OK) {
        if (has_window)
            return agro_json_fail(ctx, &dn, AGRO_EFORMAT,
                                  "give either a sowing date or a sowing \"window\", not both");
        snprintf(f->sow_jpath, sizeof f->sow_jpath, "%s", dn.jpath);
        f->sow_line = agro_json_line(dn.file, dn.jpath);
        f->auto_sow = 0; /* a date replaces a window of the base field */
    }
    if (has_window) {
        if (!cJSON_IsObject(wn.item))
            return agro_json_fail(ctx, &wn, AGRO_EFORMAT, "expected a window object");
        if ((rc = parse_window(ctx, sc, &wn, f)))
            return rc;
        /* the window replaces the date only: density, spacing and depth stay required */
    }
    if ((!has_window && (rc = parse_when(ctx, sc, &s, req, 0, &f->sow))) ||
        (rc = agro_json_number(ctx, &s, "density_pl_m2", req, f->density_pl_m2, 0.1, 50.0,
                               &f->density_pl_m2)) ||
        (rc = agro_json_number(ctx, &s, "row_spacing_cm", req, f->row_spacing_cm, 5.0, 300.0,
                               &f->row_spacing_cm)) ||
        (rc = agro_json_number(ctx, &s, "depth_cm", req, f->depth_cm, 1.0, 15.0, &f->depth_cm)))
        return rc;
    return AGRO_OK;
}

static int parse_weeds(agro_ctx *ctx, agro_scenario *sc, const agro_json_node *obj,
                       sc_field *f, int partial)
{
    static const char *const keys[] = {"name", "crop", "params_file", "cohorts", "source",
                                       "description"};
    int rc = check_canopy_keys(ctx, obj, keys, sizeof keys / sizeof keys[0], partial);
    if (rc)
        return rc;
    agro_json_node t;
    if (agro_json_get(ctx, obj, "params_file", 0, &t) == AGRO_OK) {
        char path[SC_PATH];
        if ((rc = get_path(ctx, sc, obj, "params_file", path, sizeof path)))
            return rc;
        if ((rc = agro_weed_params_load_json(ctx, path, &f->options.weeds)))
            return nested_fail(ctx, &t, rc);
    }
    agro_json_node arr;
    rc = agro_json_get(ctx, obj, "cohorts", !partial, &arr);
    if (rc < 0)
        return rc;
    if (rc > 0)
        return AGRO_OK;
    int n = 0;
    if ((rc = agro_json_array_size(ctx, &arr, &n)))
        return rc;
    if (n > SC_MAX_COHORTS)
        return agro_json_fail(ctx, &arr, AGRO_ELIMIT, "%d weed cohorts, at most %d", n,
                              SC_MAX_COHORTS);
    static const char *const ckeys[] = {"date", "days_after_start", "days_after_sowing",
                                        "density_pl_m2", "source", "description"};
    for (int i = 0; i < n; i++) {
        agro_json_node c;
        agro_json_at(&arr, i, &c);
        if ((rc = agro_json_check_keys(ctx, &c, ckeys, sizeof ckeys / sizeof ckeys[0])) ||
            (rc = parse_when(ctx, sc, &c, 1, 1, &f->cohorts[i].when)) ||
            (rc = agro_json_number(ctx, &c, "density_pl_m2", 1, 0, 0.0, 5000.0,
                                   &f->cohorts[i].density_pl_m2)))
            return rc;
    }
    for (int i = 0; i < n; i++) {
        agro_json_node c;
        agro_json_at(&arr, i, &c);
        snprintf(f->cohorts[i].jpath, sizeof f->cohorts[i].jpath, "%s", c.jpath);
        f->cohorts[i].line = agro_json_line(c.file, c.jpath);
    }
    f->n_cohorts = n;
    return AGRO_OK;
}

/* ---- options, initial conditions, management ---- */

/* Optional string @p key of @p obj naming one of @p n choices (@p names, matching @p values):
   *out gets the value; an unknown name is an error listing the choices, as @p what. */
/* The string at optional @p key into @p buf (@p n bytes) and its node @p t; *present 0 when
   the key is absent. */
static int optional_string(agro_ctx *ctx, const agro_json_node *obj, const char *key,
                           agro_json_node *t, char *buf, size_t n, int *present)
{
    *present = agro_json_get(ctx, obj, key, 0, t) == AGRO_OK;
    return *present ? agro_json_string(ctx, obj, key, 1, NULL, buf, n) : AGRO_OK;
}

static int named_choice(agro_ctx *ctx, const agro_json_node *obj, const char *key,
                        const char *what, const char *const *names, const int32_t *values, int n,
                        int32_t *out)
{
    agro_json_node t;
    char buf[32];
    int present;
    int rc = optional_string(ctx, obj, key, &t, buf, sizeof buf, &present);
    if (rc || !present)
        return rc;
    char list[128];
    size_t len = 0;
    list[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (strcmp(buf, names[i]) == 0) {
            *out = values[i];
            return AGRO_OK;
        }
        int w = snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", names[i]);
        if (w > 0 && (size_t)w < sizeof list - len)
            len += (size_t)w;
    }
    return agro_json_fail(ctx, &t, AGRO_EFORMAT, "unknown %s \"%s\" (%s)", what, buf, list);
}

/* The number of a DSSAT code made of @p prefix and three digits ("RE203", "FE005"); -1 if
   @p buf is not one. */
static int dssat_code_number(const char *buf, const char *prefix)
{
    if (strlen(buf) != 5 || buf[0] != prefix[0] || buf[1] != prefix[1])
        return -1;
    for (int i = 2; i < 5; i++)
        if (buf[i] < '0' || buf[i] > '9')
            return -1;
    return atoi(buf + 2);
}

/* Residue type @p key ("RE001" … "RE404", DSSAT RESCH048.SDA) into its code; 0 when absent. */
static int get_residue_type(agro_ctx *ctx, const agro_json_node *obj, const char *key, int32_t *code)
{
    agro_json_node t;
    char buf[16];
    int present;
    *code = 0;
    int rc = optional_string(ctx, obj, key, &t, buf, sizeof buf, &present);
    if (rc || !present)
        return rc;
    const int c = dssat_code_number(buf, "RE");
    if (c < 0 || !agro_dssat_residue_type_known(c))
        return agro_json_fail(ctx, &t, AGRO_EFORMAT,
                              "unknown residue type \"%s\" (a code of DSSAT's RESCH048.SDA, such as "
                              "RE001 generic or RE203 maize)", buf);
    *code = c;
    return AGRO_OK;
}

/* Fertiliser material @p key ("FE001" … "FE070", DSSAT FERCH048.SDA) into its number and its
   urea and NH4 shares of the N (@p urea, @p nh4); absent: *code 0 and the shares untouched. */
static int get_fertiliser_material(agro_ctx *ctx, const agro_json_node *obj, const char *key,
                                   int32_t *code, double *urea, double *nh4)
{
    agro_json_node t;
    char buf[16];
    int present;
    *code = 0;
    int rc = optional_string(ctx, obj, key, &t, buf, sizeof buf, &present);
    if (rc || !present)
        return rc;
    const int c = dssat_code_number(buf, "FE");
    agro_dssat_fertiliser_n comp;
    double total = 0.0;
    if (c >= 0 && agro_dssat_fertiliser_composition(c, &comp) == AGRO_OK)
        total = comp.no3_fraction + comp.nh4_fraction + comp.urea_fraction;
    if (total <= 0.0)
        return agro_json_fail(ctx, &t, AGRO_EFORMAT,
                              "unknown fertiliser material \"%s\" (an N fertiliser of DSSAT's "
                              "FERCH048.SDA, such as FE001 ammonium nitrate or FE005 urea)", buf);
    *code = c;
    *urea = comp.urea_fraction / total;
    *nh4 = comp.nh4_fraction / total;
    return AGRO_OK;
}

static int parse_options(agro_ctx *ctx, const agro_json_node *obj, agro_field_options *o)
{
    static const char *const keys[] = {"water_limited", "nitrogen_limited", "weeds_limited",
                                       "phosphorus_limited", "co2_ppm", "residue_kg_ha", "cover",
                                       "soil_temperature", "stemp_surface", "soil_evaporation",
                                       "n_uptake", "n_stress", "soil_organic_matter",
                                       "field_history", "field_history_years",
                                       "previous_crop_grass", "mulch_effects", "residue_type",
                                       "seed", "source", "description"};
    int rc = agro_json_check_keys(ctx, obj, keys, sizeof keys / sizeof keys[0]);
    if (rc)
        return rc;
    if ((rc = get_bool(ctx, obj, "water_limited", &o->water_limited)) ||
        (rc = get_bool(ctx, obj, "nitrogen_limited", &o->nitrogen_limited)) ||
        (rc = get_bool(ctx, obj, "weeds_limited", &o->weeds_limited)) ||
        (rc = get_bool(ctx, obj, "phosphorus_limited", &o->phosphorus_limited)) ||
        (rc = get_bool(ctx, obj, "previous_crop_grass", &o->previous_crop_grass)) ||
        (rc = get_bool(ctx, obj, "mulch_effects", &o->mulch_effects)) ||
        (rc = agro_json_number(ctx, obj, "co2_ppm", 0, o->co2_ppm, 150.0, 2000.0, &o->co2_ppm)) ||
        (rc = agro_json_number(ctx, obj, "residue_kg_ha", 0, o->residue_kg_ha, 0.0, 50000.0,
                               &o->residue_kg_ha)))
        return rc;
    int32_t rtype;
    if ((rc = get_residue_type(ctx, obj, "residue_type", &rtype)))
        return rc;
    if (rtype)
        agro_dssat_residue_mulch(rtype, &o->residue_area_cm2_g, &o->residue_extinction,
                                 &o->residue_water_kg_kg);
    int seed = o->seed;
    if ((rc = agro_json_int(ctx, obj, "seed", 0, seed, 0, 2147483647, &seed)))
        return rc;
    o->seed = seed;
    int years = o->field_history_years;
    if ((rc = agro_json_int(ctx, obj, "field_history_years", 0, years, 0, 100000, &years)))
        return rc;
    o->field_history_years = years;
    agro_json_node t;
    if (agro_json_get(ctx, obj, "cover", 0, &t) == AGRO_OK) {
        char buf[32];
        if ((rc = agro_json_string(ctx, obj, "cover", 1, NULL, buf, sizeof buf)))
            return rc;
        if (agro_cover_from_name(buf, &o->cover))
            return agro_json_fail(ctx, &t, AGRO_EFORMAT,
                                  "unknown cover \"%s\" (bare, residue, film-clear, film-black)",
                                  buf);
    }
    static const char *const temp_names[] = {"stemp", "numerical", "epic"};
    static const int32_t temp_values[] = {AGRO_SOIL_TEMP_STEMP, AGRO_SOIL_TEMP_NUMERICAL,
                                          AGRO_SOIL_TEMP_EPIC};
    static const char *const surface_names[] = {"air", "albedo"};
    static const int32_t surface_values[] = {AGRO_STEMP_SURFACE_AIR, AGRO_STEMP_SURFACE_ALBEDO};
    static const char *const evap_names[] = {"ritchie", "suleiman-ritchie"};
    static const int32_t evap_values[] = {AGRO_SOIL_EVAP_RITCHIE, AGRO_SOIL_EVAP_SULEIMAN_RITCHIE};
    static const char *const uptake_names[] = {"generic", "ceres-maize"};
    static const int32_t uptake_values[] = {AGRO_CROP_N_UPTAKE_GENERIC,
                                            AGRO_CROP_N_UPTAKE_CERES_MAIZE};
    static const char *const stress_names[] = {"stage-transform", "dssat-4.8"};
    static const int32_t stress_values[] = {AGRO_CROP_N_STRESS_STAGE_TRANSFORM,
                                            AGRO_CROP_N_STRESS_DSSAT48};
    static const char *const om_names[] = {"ceres", "century"};
    static const int32_t om_values[] = {AGRO_SOIL_OM_CERES, AGRO_SOIL_OM_CENTURY};
    static const char *const history_names[] = {"none", "FH101", "FH102", "FH201", "FH202", "FH301", "FH302"};
    static const int32_t history_values[] = {AGRO_FIELD_HISTORY_NONE, AGRO_FIELD_HISTORY_FH101,
                                             AGRO_FIELD_HISTORY_FH102, AGRO_FIELD_HISTORY_FH201,
                                             AGRO_FIELD_HISTORY_FH202, AGRO_FIELD_HISTORY_FH301,
                                             AGRO_FIELD_HISTORY_FH302};
    if ((rc = named_choice(ctx, obj, "soil_temperature", "soil temperature method", temp_names,
                           temp_values, 3, &o->soil_temp_method)) ||
        (rc = named_choice(ctx, obj, "stemp_surface", "STEMP surface term", surface_names,
                           surface_values, 2, &o->soil_temp_surface)) ||
        (rc = named_choice(ctx, obj, "soil_evaporation", "soil evaporation method", evap_names,
                           evap_values, 2, &o->soil_evap_method)) ||
        (rc = named_choice(ctx, obj, "n_uptake", "crop N uptake method", uptake_names,
                           uptake_values, 2, &o->crop_n_uptake_method)) ||
        (rc = named_choice(ctx, obj, "n_stress", "crop N stress form", stress_names,
                           stress_values, 2, &o->crop_n_stress_method)) ||
        (rc = named_choice(ctx, obj, "soil_organic_matter", "soil organic matter model", om_names,
                           om_values, 2, &o->soil_om_method)) ||
        (rc = named_choice(ctx, obj, "field_history", "field history (DSSAT FLHST)", history_names,
                           history_values, 7, &o->field_history)))
        return rc;
    return AGRO_OK;
}

/* A per-layer value: a number for every layer, or an array of one value per layer. */
static int layer_values(agro_ctx *ctx, const agro_scenario *sc, const agro_json_node *obj,
                        const char *key, double min, double max, double *out)
{
    agro_json_node t;
    int rc = agro_json_get(ctx, obj, key, 0, &t);
    if (rc)
        return rc < 0 ? rc : AGRO_OK;
    int nl = sc->soil.n_layers;
    if (cJSON_IsNumber(t.item)) {
        double v;
        if ((rc = agro_json_number(ctx, obj, key, 1, 0, min, max, &v)))
            return rc;
        for (int i = 0; i < nl; i++)
            out[i] = v;
        return AGRO_OK;
    }
    if (!cJSON_IsArray(t.item))
        return agro_json_fail(ctx, &t, AGRO_EFORMAT,
                              "expected a number or an array of %d numbers (one per soil layer)",
                              nl);
    return agro_json_number_array(ctx, obj, key, 1, min, max, out, (size_t)nl);
}

static int parse_initial(agro_ctx *ctx, const agro_scenario *sc, const agro_json_node *obj,
                         agro_field_options *o)
{
    static const char *const keys[] = {"sw_fraction_available", "sw_cm3_cm3", "no3_ppm",
                                       "nh4_ppm", "source", "description"};
    int rc = agro_json_check_keys(ctx, obj, keys, sizeof keys / sizeof keys[0]);
    if (rc)
        return rc;
    agro_json_node t, t2;
    int has_frac = agro_json_get(ctx, obj, "sw_fraction_available", 0, &t) == AGRO_OK;
    if (has_frac && agro_json_get(ctx, obj, "sw_cm3_cm3", 0, &t2) == AGRO_OK)
        return agro_json_fail(ctx, &t2, AGRO_EFORMAT,
                              "give either \"sw_fraction_available\" or \"sw_cm3_cm3\"");
    if (has_frac) {
        double frac[AGRO_SOIL_MAX_LAYERS];
        if ((rc = layer_values(ctx, sc, obj, "sw_fraction_available", 0.0, 1.0, frac)))
            return rc;
        /* water content = LL + fraction · (DUL − LL) */
        for (int i = 0; i < sc->soil.n_layers; i++)
            o->sw[i] = sc->soil.ll[i] + frac[i] * (sc->soil.dul[i] - sc->soil.ll[i]);
    }
    if ((rc = layer_values(ctx, sc, obj, "sw_cm3_cm3", 0.0, 1.0, o->sw)))
        return rc;
    for (int i = 0; i < sc->soil.n_layers && !has_frac; i++)
        if (isfinite(o->sw[i]) && (o->sw[i] < sc->soil.ll[i] * 0.5 || o->sw[i] > sc->soil.sat[i])) {
            agro_json_get(ctx, obj, "sw_cm3_cm3", 0, &t2);
            return agro_json_fail(ctx, &t2, AGRO_ERANGE,
                                  "layer %d: %g outside [LL/2, SAT] = [%g, %g]", i + 1, o->sw[i],
                                  sc->soil.ll[i] * 0.5, sc->soil.sat[i]);
        }
    if ((rc = layer_values(ctx, sc, obj, "no3_ppm", 0.0, 500.0, o->no3_ppm)) ||
        (rc = layer_values(ctx, sc, obj, "nh4_ppm", 0.0, 500.0, o->nh4_ppm)))
        return rc;
    return AGRO_OK;
}

static int parse_event(agro_ctx *ctx, const agro_scenario *sc, const agro_json_node *e,
                       sc_event *ev)
{
    char kind[32];
    int rc = agro_json_string(ctx, e, "event", 1, NULL, kind, sizeof kind);
    if (rc)
        return rc;
    memset(ev, 0, sizeof *ev);
    snprintf(ev->jpath, sizeof ev->jpath, "%s", e->jpath);
    ev->line = agro_json_line(e->file, e->jpath);
    const char *amount_key = NULL;
    double amin = 0, amax = 0;
    if (strcmp(kind, "weed") == 0) {
        static const char *const k[] = {"event", "date", "days_after_sowing", "days_after_start",
                                        "fraction_removed", "carried_off", "source", "description"};
        ev->type = AGRO_EVENT_WEED;
        rc = agro_json_check_keys(ctx, e, k, sizeof k / sizeof k[0]);
        /* false (default): the weeded plants stay on the field as residue; true: the tops are
           carried off (agro_event.carried_off) */
        if (!rc) rc = get_bool(ctx, e, "carried_off", &ev->carried_off);
        amount_key = "fraction_removed";
        amax = 1.0;
    } else if (strcmp(kind, "fertilise") == 0) {
        static const char *const k[] = {"event", "date", "days_after_sowing", "days_after_start",
                                        "n_kg_ha", "depth_cm", "nh4_fraction", "urea_fraction",
                                        "material", "incorporated", "p_kg_ha", "p_band_fraction",
                                        "source", "description"};
        ev->type = AGRO_EVENT_FERTILISE;
        rc = agro_json_check_keys(ctx, e, k, sizeof k / sizeof k[0]);
        amount_key = "n_kg_ha";
        amax = 1000.0;
        /* "incorporated": false leaves it on the surface (depth 0, the oxidised layer where
           NH3 volatilises; DSSAT AP001); true works it in (default depth 5 cm; at depth_cm 0
           into the top layer, AP002); absent: 5 cm, or on the surface at depth_cm 0, as before
           the key existed */
        int32_t inc = -1;
        agro_json_node inc_node;
        if (!rc) rc = get_bool(ctx, e, "incorporated", &inc);
        if (!rc && inc == 0 && agro_json_get(ctx, e, "depth_cm", 0, &inc_node) == AGRO_OK) {
            double d = 0.0;
            rc = agro_json_number(ctx, e, "depth_cm", 1, 0.0, 0.0, 100.0, &d);
            if (!rc && d > 0.0)
                rc = agro_json_fail(ctx, &inc_node, AGRO_ERANGE,
                                    "%g cm with \"incorporated\": false (fertiliser left on the "
                                    "surface has depth_cm 0)", d);
        }
        ev->incorporated = inc == 1;
        if (!rc)
            rc = agro_json_number(ctx, e, "depth_cm", 0, inc == 0 ? 0.0 : 5.0, 0.0, 100.0,
                                  &ev->depth_cm);
        /* a FERCH048 material ("FE005" urea) gives the default NO3/NH4/urea shares (DSSAT
           Fert_Place.for) and the oxidised layer's pH shift (FERTYPE, OXLAYER.for) */
        double urea0 = 0.0, nh40 = -1.0;
        if (!rc) rc = get_fertiliser_material(ctx, e, "material", &ev->fert_material, &urea0, &nh40);
        /* the urea share enters the soil's urea pool and hydrolyses to NH4 over days; the
           default NH4 share is 0.5 without urea and the rest beside it with urea */
        if (!rc)
            rc = agro_json_number(ctx, e, "urea_fraction", 0, urea0, 0.0, 1.0, &ev->urea_fraction);
        if (!rc)
            rc = agro_json_number(ctx, e, "nh4_fraction", 0,
                                  nh40 >= 0.0 ? nh40 : 0.5 * (1.0 - ev->urea_fraction), 0.0,
                                  1.0, &ev->nh4_fraction);
        /* P, with phosphorus_limited: spread through the layer, or in a band that fills this
           fraction of its volume (DSSAT: 5 cm over the row spacing) */
        if (!rc)
            rc = agro_json_number(ctx, e, "p_kg_ha", 0, 0.0, 0.0, 5000.0, &ev->p_kg_ha);
        if (!rc)
            rc = agro_json_number(ctx, e, "p_band_fraction", 0, 0.0, 0.0, 1.0, &ev->p_band_fraction);
        if (!rc && ev->nh4_fraction + ev->urea_fraction > 1.0 + 1e-12)
            rc = agro_json_fail(ctx, e, AGRO_ERANGE,
                                "nh4_fraction + urea_fraction = %g > 1 (the rest is nitrate)",
                                ev->nh4_fraction + ev->urea_fraction);
    } else if (strcmp(kind, "irrigate") == 0) {
        static const char *const k[] = {"event", "date", "days_after_sowing", "days_after_start",
                                        "amount_mm", "source", "description"};
        ev->type = AGRO_EVENT_IRRIGATE;
        rc = agro_json_check_keys(ctx, e, k, sizeof k / sizeof k[0]);
        amount_key = "amount_mm";
        amax = 500.0;
    } else if (strcmp(kind, "residue") == 0) {
        /* on the surface (depth_cm 0) or incorporated; N and P default to DSSAT's generic crop
           residue (RESCH048.SDA RE001: 1.10 % N, 0.20 % P); lignin is read by both organic
           matter models (CERES: incorporated residue only), initial by CENTURY */
        static const char *const k[] = {"event", "date", "days_after_sowing", "days_after_start",
                                        "amount_kg_ha", "depth_cm", "n_pct", "p_pct", "lignin_frac",
                                        "residue_type", "initial", "source", "description"};
        ev->type = AGRO_EVENT_RESIDUE;
        rc = agro_json_check_keys(ctx, e, k, sizeof k / sizeof k[0]);
        amount_key = "amount_kg_ha";
        amax = 50000.0;
        /* a residue type gives its mulch properties and the defaults of N, P and lignin (DSSAT
           OM_Place.for, IPSOIL); none is DSSAT's fallback, the generic RE001. Its lignin is
           left to the field, which takes PSLIG for CENTURY and PRLIG for CERES (as DSSAT) */
        int32_t rtype = 0;
        double pslig, n0 = 1.10, p0 = 0.20;
        if (!rc) rc = get_residue_type(ctx, e, "residue_type", &rtype);
        ev->residue_type = rtype ? rtype : 1;
        if (!rc && rtype) {
            agro_dssat_residue_type(rtype, &pslig, &n0, &p0);
            agro_dssat_residue_mulch(rtype, &ev->mulch_area_cm2_g, &ev->mulch_extinction,
                                     &ev->mulch_water_kg_kg);
        }
        /* the field's bound (agro_event_check, as a tillage pass): deeper than the profile is the
           whole profile */
        if (!rc) rc = agro_json_number(ctx, e, "depth_cm", 0, 0.0, 0.0, 1000.0, &ev->depth_cm);
        if (!rc) rc = agro_json_number(ctx, e, "n_pct", 0, n0, 0.0, 10.0, &ev->n_pct);
        if (!rc) rc = agro_json_number(ctx, e, "p_pct", 0, p0, 0.0, 5.0, &ev->p_pct);
        if (!rc) rc = agro_json_number(ctx, e, "lignin_frac", 0, 0.0, 0.0, 1.0, &ev->lignin_frac);
        if (!rc) rc = get_bool(ctx, e, "initial", &ev->initial);
    } else if (strcmp(kind, "root_residue") == 0) {
        /* the previous crop's roots: initial unless said otherwise (CENTURY) */
        static const char *const k[] = {"event", "date", "days_after_sowing", "days_after_start",
                                        "amount_kg_ha", "n_pct", "p_pct", "lignin_frac", "initial",
                                        "source", "description"};
        ev->type = AGRO_EVENT_ROOT_RESIDUE;
        rc = agro_json_check_keys(ctx, e, k, sizeof k / sizeof k[0]);
        amount_key = "amount_kg_ha";
        amax = 50000.0;
        ev->initial = 1;
        if (!rc)
            rc = agro_json_number(ctx, e, "n_pct", 1, 0.0, 0.0, 10.0, &ev->n_pct);
        if (!rc)
            rc = agro_json_number(ctx, e, "p_pct", 0, 0.0, 0.0, 5.0, &ev->p_pct);
        if (!rc) rc = agro_json_number(ctx, e, "lignin_frac", 0, 0.0, 0.0, 1.0, &ev->lignin_frac);
        if (!rc) rc = get_bool(ctx, e, "initial", &ev->initial);
    } else if (strcmp(kind, "damage") == 0) {
        /* pests, diseases, hail or grazing on one day (agro_crop_damage, field.h) */
        static const char *const k[] = {"event", "date", "days_after_sowing", "days_after_start",
                                        "leaf_pct", "stem_pct", "root_pct", "grain_pct",
                                        "plants_pct", "assimilate_pct", "leaf_g_m2", "stem_g_m2",
                                        "root_g_m2", "grain_g_m2", "plants_m2", "source",
                                        "description"};
        ev->type = AGRO_EVENT_DAMAGE;
        rc = agro_json_check_keys(ctx, e, k, sizeof k / sizeof k[0]);
        double *dst[] = {&ev->damage.leaf_pct, &ev->damage.stem_pct, &ev->damage.root_pct,
                         &ev->damage.grain_pct, &ev->damage.plants_pct,
                         &ev->damage.assimilate_pct, &ev->damage.leaf_g_m2,
                         &ev->damage.stem_g_m2, &ev->damage.root_g_m2, &ev->damage.grain_g_m2,
                         &ev->damage.plants_m2};
        _Static_assert(sizeof dst / sizeof dst[0] * sizeof(double) == sizeof(agro_crop_damage),
                       "every member of agro_crop_damage has a key");
        for (size_t i = 0; i < sizeof dst / sizeof dst[0] && !rc; i++)
            rc = agro_json_number(ctx, e, k[4 + i], 0, 0.0, 0.0, i < 6 ? 100.0 : 1e6, dst[i]);
    } else if (strcmp(kind, "till") == 0) {
        /* a tillage pass (docs/design/tillage.md): a TILOP048.SDA implement and its depth */
        static const char *const k[] = {"event", "date", "days_after_sowing", "days_after_start",
                                        "implement", "depth_cm", "source", "description"};
        ev->type = AGRO_EVENT_TILL;
        rc = agro_json_check_keys(ctx, e, k, sizeof k / sizeof k[0]);
        agro_json_node t;
        char buf[16];
        if (!rc) rc = agro_json_string(ctx, e, "implement", 1, NULL, buf, sizeof buf);
        if (!rc) rc = agro_json_get(ctx, e, "implement", 1, &t);
        if (!rc) {
            /* DSSAT skips an implement TILOP048.SDA lacks (the library counts it); in a
               scenario it can only be a mistake */
            const int c = dssat_code_number(buf, "TI");
            if (c < 0 || !agro_till_implement_find(c))
                rc = agro_json_fail(ctx, &t, AGRO_EFORMAT,
                                    "unknown tillage implement \"%s\" (a code of DSSAT's TILOP048.SDA, "
                                    "such as TI003 moldboard plough or TI009 tandem disk)", buf);
            else
                ev->implement = c;
        }
        if (!rc) rc = agro_json_number(ctx, e, "depth_cm", 1, 0.0, 0.0, 1000.0, &ev->depth_cm);
    } else if (strcmp(kind, "harvest") == 0) {
        static const char *const k[] = {"event", "date", "days_after_sowing", "days_after_start",
                                        "source", "description"};
        ev->type = AGRO_EVENT_HARVEST;
        rc = agro_json_check_keys(ctx, e, k, sizeof k / sizeof k[0]);
    } else {
        agro_json_node n;
        agro_json_get(ctx, e, "event", 1, &n);
        return agro_json_fail(ctx, &n, AGRO_EFORMAT,
                              "unknown event \"%s\" (weed, fertilise, irrigate, residue, "
                              "root_residue, damage, till, harvest; sowing and weed emergence belong "
                              "to the canopies)",
                              kind);
    }
    if (rc)
        return rc;
    if (amount_key && (rc = agro_json_number(ctx, e, amount_key, 1, 0, amin, amax, &ev->amount)))
        return rc;
    return parse_when(ctx, sc, e, 1, 1, &ev->when);
}

static int parse_management(agro_ctx *ctx, const agro_scenario *sc, const agro_json_node *arr,
                            sc_field *f)
{
    int n = 0;
    int rc = agro_json_array_size(ctx, arr, &n);
    if (rc)
        return rc;
    /* room is kept for the sowing and the weed cohorts in the season's event list */
    if (n > SC_MAX_EVENTS)
        return agro_json_fail(ctx, arr, AGRO_ELIMIT, "%d events, at most %d", n, SC_MAX_EVENTS);
    for (int i = 0; i < n; i++) {
        agro_json_node e;
        agro_json_at(arr, i, &e);
        if (!cJSON_IsObject(e.item))
            return agro_json_fail(ctx, &e, AGRO_EFORMAT, "expected an event object");
        if ((rc = parse_event(ctx, sc, &e, &f->events[i])))
            return rc;
        /* the first harvest ends the season: a second would never happen */
        for (int j = 0; j < i && f->events[i].type == AGRO_EVENT_HARVEST; j++)
            if (f->events[j].type == AGRO_EVENT_HARVEST)
                return agro_json_fail(ctx, &e, AGRO_EORDER,
                                      "a second harvest (%s, line %ld, harvests the field and "
                                      "ends the season)",
                                      f->events[j].jpath, f->events[j].line);
    }
    f->n_events = n;
    return AGRO_OK;
}

/* ---- fields ---- */

/* The optional "options" and "initial" objects of a field or an intervention level. */
static int parse_options_initial(agro_ctx *ctx, const agro_scenario *sc,
                                 const agro_json_node *obj, sc_field *f)
{
    agro_json_node t;
    int rc;
    if (agro_json_get(ctx, obj, "options", 0, &t) == AGRO_OK &&
        (rc = parse_options(ctx, &t, &f->options)))
        return rc;
    if (agro_json_get(ctx, obj, "initial", 0, &t) == AGRO_OK &&
        (rc = parse_initial(ctx, sc, &t, &f->options)))
        return rc;
    return AGRO_OK;
}

static const char *const planned_field_types[] = {"mushroom_shed", "mushroom_ditch",
                                                  "juncao"};

static int parse_field(agro_ctx *ctx, agro_scenario *sc, const agro_json_node *obj,
                       sc_field *f)
{
    static const char *const keys[] = {"name", "type", "arrangement", "options", "initial",
                                       "canopies", "management", "source", "description"};
    int rc = agro_json_check_keys(ctx, obj, keys, sizeof keys / sizeof keys[0]);
    if (rc)
        return rc;
    if ((rc = parse_name(ctx, obj, f->name)))
        return rc;
    char type[32];
    agro_json_node t;
    if ((rc = get_string(ctx, obj, "type", type, sizeof type, &t)))
        return rc;
    if (strcmp(type, "crop") != 0)
        return not_available(ctx, &t, "field type", type, planned_field_types,
                             sizeof planned_field_types / sizeof planned_field_types[0], "crop");
    f->type = AGRO_FIELD_TYPE_CROP;
    if (agro_json_get(ctx, obj, "arrangement", 0, &t) == AGRO_OK) {
        char arr[32];
        if ((rc = agro_json_string(ctx, obj, "arrangement", 1, NULL, arr, sizeof arr)))
            return rc;
        if (strcmp(arr, "strip") == 0 || strcmp(arr, "row") == 0 || strcmp(arr, "mixed") == 0)
            return agro_json_fail(ctx, &t, AGRO_EFORMAT,
                                  "intercrop arrangement \"%s\" is not available in this version "
                                  "of agrosim (available: sole)",
                                  arr);
        if (strcmp(arr, "sole") != 0)
            return agro_json_fail(ctx, &t, AGRO_EFORMAT,
                                  "unknown arrangement \"%s\" (available: sole)", arr);
    }
    agro_field_options_default(&f->options);
    if ((rc = parse_options_initial(ctx, sc, obj, f)))
        return rc;

    agro_json_node can;
    if ((rc = agro_json_get(ctx, obj, "canopies", 1, &can)))
        return rc;
    int n = 0;
    if ((rc = agro_json_array_size(ctx, &can, &n)))
        return rc;
    int n_maize = 0, n_weeds = 0;
    for (int i = 0; i < n; i++) {
        agro_json_node c;
        agro_json_at(&can, i, &c);
        if (!cJSON_IsObject(c.item))
            return agro_json_fail(ctx, &c, AGRO_EFORMAT, "expected a canopy object");
        int crop = 0;
        char cname[SC_NAME];
        if ((rc = canopy_crop(ctx, &c, &crop)) || (rc = parse_name(ctx, &c, cname)))
            return rc;
        if (crop == 1) {
            if (n_maize++)
                return agro_json_fail(ctx, &c, AGRO_ELIMIT,
                                      "a sole-crop field holds one maize canopy");
            snprintf(f->maize_name, sizeof f->maize_name, "%s", cname);
            rc = parse_maize(ctx, sc, &c, f, 0);
        } else {
            if (n_weeds++)
                return agro_json_fail(ctx, &c, AGRO_ELIMIT,
                                      "one weeds canopy per field (give several cohorts instead)");
            snprintf(f->weeds_name, sizeof f->weeds_name, "%s", cname);
            f->has_weeds = 1;
            rc = parse_weeds(ctx, sc, &c, f, 0);
        }
        if (rc)
            return rc;
    }
    if (n_maize == 0)
        return agro_json_fail(ctx, &can, AGRO_EMISSING, "a crop field needs a maize canopy");
    if (n_maize && n_weeds && strcmp(f->maize_name, f->weeds_name) == 0)
        return agro_json_fail(ctx, &can, AGRO_EFORMAT, "canopy names must differ");
    if (agro_json_get(ctx, obj, "management", 0, &t) == AGRO_OK &&
        (rc = parse_management(ctx, sc, &t, f)))
        return rc;
    return AGRO_OK;
}

/* Apply one intervention level (an override object) to a field configuration. */
static int apply_level(agro_ctx *ctx, agro_scenario *sc, const agro_json_node *lv,
                       sc_field *f)
{
    agro_json_node t;
    if (agro_json_get(ctx, lv, "apply_to", 0, &t) == AGRO_OK) {
        int n = 0, hit = 0;
        int rc = agro_json_array_size(ctx, &t, &n);
        if (rc)
            return rc;
        for (int i = 0; i < n; i++) {
            agro_json_node e;
            agro_json_at(&t, i, &e);
            if (!cJSON_IsString(e.item))
                return agro_json_fail(ctx, &e, AGRO_EFORMAT, "expected a field name");
            hit |= strcmp(e.item->valuestring, f->name) == 0;
        }
        if (!hit)
            return AGRO_OK;
    }
    int rc = parse_options_initial(ctx, sc, lv, f);
    if (rc)
        return rc;
    if (agro_json_get(ctx, lv, "canopies", 0, &t) == AGRO_OK) {
        if (!cJSON_IsObject(t.item))
            return agro_json_fail(ctx, &t, AGRO_EFORMAT,
                                  "expected an object keyed by canopy name");
        if ((rc = agro_json_check_unique(ctx, &t)))
            return rc;
        const cJSON *it = NULL;
        cJSON_ArrayForEach(it, t.item)
        {
            agro_json_node c;
            agro_json_get(ctx, &t, it->string, 1, &c);
            if (strcmp(it->string, f->maize_name) == 0)
                rc = parse_maize(ctx, sc, &c, f, 1);
            else if (f->has_weeds && strcmp(it->string, f->weeds_name) == 0)
                rc = parse_weeds(ctx, sc, &c, f, 1);
            else
                rc = agro_json_fail(ctx, &c, AGRO_ENOTFOUND,
                                    "field \"%s\" has no canopy named \"%s\"", f->name,
                                    it->string);
            if (rc)
                return rc;
        }
    }
    if (agro_json_get(ctx, lv, "management", 0, &t) == AGRO_OK &&
        (rc = parse_management(ctx, sc, &t, f)))
        return rc;
    return AGRO_OK;
}

/* ---- weather and soil ---- */

/* The largest weather seed: 2^53 - 1, the last integer whose neighbours a double tells apart. */
#define SEED_MAX 9007199254740991.0

static int load_weather(agro_ctx *ctx, agro_scenario *sc, const agro_json_node *root,
                        int members)
{
    agro_json_node w;
    int rc = agro_json_get(ctx, root, "weather", 1, &w);
    if (rc)
        return rc;
    static const char *const keys[] = {"file", "generate", "source", "description"};
    if ((rc = agro_json_check_keys(ctx, &w, keys, sizeof keys / sizeof keys[0])))
        return rc;
    agro_json_node g, fnode;
    int has_file = agro_json_get(ctx, &w, "file", 0, &fnode) == AGRO_OK;
    int has_gen = agro_json_get(ctx, &w, "generate", 0, &g) == AGRO_OK;
    if (has_file == has_gen)
        return agro_json_fail(ctx, &w, AGRO_EFORMAT,
                              "give exactly one of \"file\" (DSSAT .WTH or CSV) and \"generate\"");
    sc->weather = calloc((size_t)members, sizeof *sc->weather);
    if (!sc->weather)
        return agro_fail(ctx, AGRO_ENOMEM, sc->file, 0, NULL, "out of memory");
    sc->n_members = members;
    if (has_file) {
        if (members != 1) {
            agro_json_node e;
            agro_json_get(ctx, root, "ensemble", 1, &e);
            return agro_json_fail(ctx, &e, AGRO_EFORMAT,
                                  "weather_members > 1 needs generated weather");
        }
        char path[SC_PATH];
        if ((rc = get_path(ctx, sc, &w, "file", path, sizeof path)))
            return rc;
        if ((rc = agro_weather_load(ctx, path, &sc->weather[0])))
            return nested_fail(ctx, &fnode, rc);
        sc->generated = 0;
        return AGRO_OK;
    }
    static const char *const gkeys[] = {"site", "seed", "first_year", "years", "source",
                                        "description"};
    if ((rc = agro_json_check_keys(ctx, &g, gkeys, sizeof gkeys / sizeof gkeys[0])))
        return rc;
    char path[SC_PATH];
    double seed = 0;
    int first = 0, years = 0;
    /* Seeds up to 2^53 - 1, every integer a double holds exactly: JSON numbers are read as
       doubles, so 2^53 + 1 was read as 2^53 and ran without a word, and 2^64 - 1 was refused as
       "value 1.84467e+19 outside [0, 9.0072e+15]" */
    agro_json_node sn;
    if (agro_json_get(ctx, &g, "seed", 0, &sn) == AGRO_OK && cJSON_IsNumber(sn.item) &&
        (!(sn.item->valuedouble >= 0.0) || sn.item->valuedouble > SEED_MAX))
        return agro_json_fail(ctx, &sn, AGRO_ERANGE, "value %.17g outside [0, %.0f] (2^53 - 1)",
                              sn.item->valuedouble, SEED_MAX);
    if ((rc = get_path(ctx, sc, &g, "site", path, sizeof path)) ||
        (rc = agro_json_number(ctx, &g, "seed", 1, 0, 0, SEED_MAX, &seed)) ||
        (rc = agro_json_int(ctx, &g, "first_year", 1, 0, 1800, 2999, &first)) ||
        (rc = agro_json_int(ctx, &g, "years", 1, 0, 1, 500, &years)))
        return rc;
    if (seed != floor(seed)) {
        agro_json_node s;
        agro_json_get(ctx, &g, "seed", 1, &s);
        return agro_json_fail(ctx, &s, AGRO_EFORMAT, "expected an integer seed, got %g", seed);
    }
    agro_site site;
    char station[SC_NAME];
    agro_json_node snode;
    agro_json_get(ctx, &g, "site", 1, &snode);
    if ((rc = agro_site_load(ctx, path, &site, station, sizeof station)))
        return nested_fail(ctx, &snode, rc);
    /* member m is generated with seed + m: independent, reproducible streams */
    for (int m = 0; m < members; m++)
        if ((rc = agro_weather_generate(ctx, &site, station, first, years,
                                        (uint64_t)seed + (uint64_t)m, &sc->weather[m])))
            return nested_fail(ctx, &g, rc);
    sc->generated = 1;
    return AGRO_OK;
}

static int load_soil(agro_ctx *ctx, agro_scenario *sc, const agro_json_node *root)
{
    agro_json_node s;
    int rc = agro_json_get(ctx, root, "soil", 1, &s);
    if (rc)
        return rc;
    static const char *const keys[] = {"file", "id", "source", "description"};
    if ((rc = agro_json_check_keys(ctx, &s, keys, sizeof keys / sizeof keys[0])))
        return rc;
    char path[SC_PATH];
    if ((rc = get_path(ctx, sc, &s, "file", path, sizeof path)))
        return rc;
    agro_json_node idn;
    if (agro_json_get(ctx, &s, "id", 0, &idn) == AGRO_OK) {
        char id[SC_NAME];
        if ((rc = agro_json_string(ctx, &s, "id", 1, NULL, id, sizeof id)))
            return rc;
        /* by the extension, as without an id: a JSON soil file given with its own id was read
           as a .SOL ("soil profile \"MOROGORO_SCL\" not found"); another id is named against
           the file's */
        rc = agro_soil_load(ctx, path, id, &sc->soil);
    } else {
        size_t len = strlen(path);
        if (len > 4 && (strcmp(path + len - 4, ".SOL") == 0 || strcmp(path + len - 4, ".sol") == 0))
            return agro_json_fail(ctx, &s, AGRO_EMISSING,
                                  "a DSSAT .SOL file needs the profile \"id\"");
        rc = agro_soil_load_json(ctx, path, &sc->soil);
    }
    if (!rc)
        rc = agro_soil_validate(ctx, &sc->soil, path);
    return rc ? nested_fail(ctx, &s, rc) : AGRO_OK;
}

static int parse_seasons(agro_ctx *ctx, agro_scenario *sc, const agro_json_node *root)
{
    agro_json_node s;
    int rc = agro_json_get(ctx, root, "seasons", 1, &s);
    if (rc)
        return rc;
    static const char *const keys[] = {"first_year", "count", "start", "max_days",
                                       "days_after_maturity", "source", "description"};
    if ((rc = agro_json_check_keys(ctx, &s, keys, sizeof keys / sizeof keys[0])))
        return rc;
    int first = 0, count = 0, max_days = 0, dam = 0;
    if ((rc = agro_json_int(ctx, &s, "first_year", 1, 0, 1800, 2999, &first)) ||
        (rc = agro_json_int(ctx, &s, "count", 1, 0, 1, SC_MAX_SEASONS, &count)) ||
        (rc = agro_json_int(ctx, &s, "max_days", 0, 250, 30, 730, &max_days)) ||
        (rc = agro_json_int(ctx, &s, "days_after_maturity", 0, 0, 0, 365, &dam)))
        return rc;
    char start[16];
    agro_json_node sn;
    if ((rc = get_string(ctx, &s, "start", start, sizeof start, &sn)))
        return rc;
    sc_when w = {0};
    if ((rc = parse_date_string(ctx, &sn, start, &w)))
        return rc;
    if (w.kind != SC_WHEN_MONTHDAY)
        return agro_json_fail(ctx, &sn, AGRO_EFORMAT,
                              "the season start is a yearly day \"--MM-DD\" (the years come from "
                              "first_year and count)");
    sc->seasons_line = agro_json_line(s.file, s.jpath);
    sc->first_year = first;
    sc->n_seasons = count;
    sc->start_month = w.month;
    sc->start_day = w.day;
    sc->max_days = max_days;
    sc->days_after_maturity = dam;
    return AGRO_OK;
}

/* ---- ensemble ---- */

/* Number of intervention combinations: the product of the factors' level counts. */
static long n_combinations(const agro_scenario *sc)
{
    long combos = 1;
    for (int k = 0; k < sc->n_factors; k++)
        combos *= sc->n_levels[k];
    return combos;
}

typedef struct factor_nodes {
    agro_json_node levels[SC_MAX_FACTORS]; /* array node of each factor */
} factor_nodes;

static int parse_levels(agro_ctx *ctx, agro_scenario *sc, const agro_json_node *arr, int k)
{
    int n = 0;
    int rc = agro_json_array_size(ctx, arr, &n);
    if (rc)
        return rc;
    if (n < 1)
        return agro_json_fail(ctx, arr, AGRO_EMISSING, "at least one level is needed");
    if (n > SC_MAX_LEVELS)
        return agro_json_fail(ctx, arr, AGRO_ELIMIT, "%d levels, at most %d", n, SC_MAX_LEVELS);
    static const char *const keys[] = {"name", "description", "source", "apply_to", "options",
                                       "initial", "canopies", "management"};
    for (int i = 0; i < n; i++) {
        agro_json_node lv;
        agro_json_at(arr, i, &lv);
        if ((rc = agro_json_check_keys(ctx, &lv, keys, sizeof keys / sizeof keys[0])) ||
            (rc = parse_name(ctx, &lv, sc->level_names[k][i])))
            return rc;
        /* a level of no field is the baseline under another name, and its overrides are never
           read (nor checked): surely a field list emptied by mistake */
        agro_json_node at;
        int n_at = 0;
        if (agro_json_get(ctx, &lv, "apply_to", 0, &at) == AGRO_OK &&
            ((rc = agro_json_array_size(ctx, &at, &n_at)) ||
             (n_at == 0 &&
              (rc = agro_json_fail(ctx, &at, AGRO_EMISSING,
                                   "an empty list applies the level to no field: name at least "
                                   "one field, or leave apply_to out for every field")))))
            return rc;
        for (int j = 0; j < i; j++)
            if (strcmp(sc->level_names[k][i], sc->level_names[k][j]) == 0) {
                agro_json_node nn;
                agro_json_get(ctx, &lv, "name", 1, &nn);
                return agro_json_fail(ctx, &nn, AGRO_EORDER, "duplicate name \"%s\"",
                                      sc->level_names[k][i]);
            }
    }
    sc->n_levels[k] = n;
    return AGRO_OK;
}

static int parse_ensemble(agro_ctx *ctx, agro_scenario *sc, const agro_json_node *root,
                          factor_nodes *fn, int *members)
{
    agro_json_node e;
    *members = 1;
    sc->n_factors = 0;
    int rc = agro_json_get(ctx, root, "ensemble", 0, &e);
    if (rc < 0)
        return rc;
    if (rc > 0)
        return AGRO_OK;
    static const char *const keys[] = {"interventions", "factors", "weather_members", "source",
                                       "description"};
    if ((rc = agro_json_check_keys(ctx, &e, keys, sizeof keys / sizeof keys[0])) ||
        (rc = agro_json_int(ctx, &e, "weather_members", 0, 1, 1, SC_MAX_MEMBERS, members)))
        return rc;
    agro_json_node t;
    if (agro_json_get(ctx, &e, "interventions", 0, &t) == AGRO_OK) {
        fn->levels[0] = t;
        if ((rc = parse_levels(ctx, sc, &t, 0)))
            return rc;
        sc->n_factors = 1;
    }
    if (agro_json_get(ctx, &e, "factors", 0, &t) == AGRO_OK) {
        int n = 0;
        if ((rc = agro_json_array_size(ctx, &t, &n)))
            return rc;
        if (sc->n_factors + n > SC_MAX_FACTORS)
            return agro_json_fail(ctx, &t, AGRO_ELIMIT, "at most %d factors in all",
                                  SC_MAX_FACTORS);
        static const char *const fkeys[] = {"name", "levels", "description", "source"};
        for (int i = 0; i < n; i++) {
            agro_json_node f, lv;
            agro_json_at(&t, i, &f);
            char fname[SC_NAME];
            if ((rc = agro_json_check_keys(ctx, &f, fkeys, 4)) ||
                (rc = parse_name(ctx, &f, fname)) ||
                (rc = agro_json_get(ctx, &f, "levels", 1, &lv)))
                return rc;
            int k = sc->n_factors++;
            fn->levels[k] = lv;
            if ((rc = parse_levels(ctx, sc, &lv, k)))
                return rc;
        }
    }
    long combos = n_combinations(sc);
    if (combos > SC_MAX_COMBOS)
        return agro_json_fail(ctx, &e, AGRO_ELIMIT, "%ld intervention combinations, at most %d",
                              combos, SC_MAX_COMBOS);
    return AGRO_OK;
}

/* Level index of factor k in combination c (factor 0 varies slowest). */
static int level_of(const agro_scenario *sc, int c, int k)
{
    int stride = 1;
    for (int j = sc->n_factors - 1; j > k; j--)
        stride *= sc->n_levels[j];
    return (c / stride) % sc->n_levels[k];
}

static int parse_report(agro_ctx *ctx, agro_scenario *sc, const agro_json_node *root)
{
    sc->bag_kg = 100.0; /* BRIEF §6: the Tanzanian market bag is a 100 kg sack */
    sc->area_ha = 0.40468564224; /* 1 international acre = 4046.8564224 m² */
    sc->grain_moisture_pct = 0.0; /* bags of dry matter, as HWAM, unless the scenario says */
    snprintf(sc->area_unit, sizeof sc->area_unit, "acre");
    sc->baseline = 0;
    sc->store_daily = 1;
    agro_json_node r, t;
    int rc = agro_json_get(ctx, root, "report", 0, &r);
    if (rc < 0)
        return rc;
    if (rc == 0) {
        static const char *const keys[] = {"bag_kg", "grain_moisture_pct", "area", "baseline",
                                           "daily", "source", "description"};
        if ((rc = agro_json_check_keys(ctx, &r, keys, sizeof keys / sizeof keys[0])) ||
            (rc = agro_json_number(ctx, &r, "bag_kg", 0, sc->bag_kg, 1.0, 1000.0, &sc->bag_kg)) ||
            (rc = agro_json_number(ctx, &r, "grain_moisture_pct", 0, sc->grain_moisture_pct, 0.0,
                                   40.0, &sc->grain_moisture_pct)) ||
            (rc = get_bool(ctx, &r, "daily", &sc->store_daily)))
            return rc;
        if (agro_json_get(ctx, &r, "daily", 0, &t) == AGRO_OK)
            sc->daily_line = agro_json_line(t.file, t.jpath);
        if (agro_json_get(ctx, &r, "area", 0, &t) == AGRO_OK) {
            char a[16];
            if ((rc = agro_json_string(ctx, &r, "area", 1, NULL, a, sizeof a)))
                return rc;
            if (strcmp(a, "ha") == 0)
                sc->area_ha = 1.0;
            else if (strcmp(a, "acre") != 0)
                return agro_json_fail(ctx, &t, AGRO_EFORMAT, "unknown area \"%s\" (acre, ha)", a);
            snprintf(sc->area_unit, sizeof sc->area_unit, "%s", a);
        }
        if (agro_json_get(ctx, &r, "baseline", 0, &t) == AGRO_OK) {
            /* a combination's name: up to SC_MAX_FACTORS level names joined by "+" */
            char b[SC_NAME * SC_MAX_FACTORS];
            if ((rc = agro_json_string(ctx, &r, "baseline", 1, NULL, b, sizeof b)))
                return rc;
            int found = -1;
            for (int c = 0; c < sc->n_combos && found < 0; c++) {
                char nm[SC_NAME * SC_MAX_FACTORS];
                agro_scenario_intervention_name(sc, c, nm, sizeof nm);
                if (strcmp(nm, b) == 0)
                    found = c;
            }
            if (found < 0)
                return agro_json_fail(ctx, &t, AGRO_ENOTFOUND, "no intervention named \"%s\"", b);
            sc->baseline = found;
        }
    }
    return AGRO_OK;
}

/* ---- memory ---- */

/*
 * The memory the scenario's runs will hold, checked before the weather is generated and
 * before anything is allocated: the generated weather of every member, the configurations of
 * every field and combination, and the results store of every run (agro_results_create),
 * whose daily series take max_days days of every run. A scenario that needs more than the
 * machine's memory is refused here: Linux grants a calloc larger than the free memory and
 * kills the process when its pages are written (the thirty-fourth session's probe: 60 000
 * runs of 200 days reached 21.7 GB of resident memory on a 23 GB machine). Values that are
 * refused later (a field count, report.daily not a boolean) are left to those checks.
 */
static int check_memory(agro_ctx *ctx, const agro_scenario *sc, const agro_json_node *root,
                        int members)
{
    const double have = agro_physical_memory_bytes();
    if (have <= 0.0)
        return AGRO_OK;
    const cJSON *fields = cJSON_GetObjectItemCaseSensitive(root->item, "fields");
    const int nf = cJSON_IsArray(fields) ? cJSON_GetArraySize(fields) : 0;
    if (nf < 1 || nf > SC_MAX_FIELDS)
        return AGRO_OK;
    const cJSON *report = cJSON_GetObjectItemCaseSensitive(root->item, "report");
    const int daily = !cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(report, "daily"));
    const cJSON *gen = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(root->item, "weather"), "generate");
    const cJSON *years = cJSON_GetObjectItemCaseSensitive(gen, "years");
    const double wx_years = cJSON_IsNumber(years) && years->valuedouble > 0.0 &&
                                    years->valuedouble <= 500.0
                                ? years->valuedouble
                                : 0.0;
    const double combos = (double)n_combinations(sc);
    const double runs = (double)nf * combos * members * sc->n_seasons;
    const double per_run = (double)(sizeof(agro_run_info) + sizeof(agro_season_summary));
    const double daily_bytes = daily ? runs * sc->max_days * (double)sizeof(agro_field_daily) : 0.0;
    /* a generated day: its values, its source line and its flags (lib/weather) */
    const double wx_bytes = (double)members * wx_years * 366.0 *
                            (double)(sizeof(agro_weather_day) + 2 * sizeof(int32_t));
    const double need = runs * per_run + daily_bytes + wx_bytes +
                        (double)nf * combos * (double)sizeof(sc_field);
    if (need <= have)
        return AGRO_OK;
    char how[200];
    if (daily_bytes > 0.0)
        agro_snprintf_c(how, sizeof how,
                 "%.3g GB of it for the daily series: set report.daily to false, or run fewer",
                 daily_bytes / 1e9);
    else
        snprintf(how, sizeof how, "run fewer");
    return agro_fail(ctx, AGRO_ENOMEM, sc->file, 0, NULL,
                     "%.0f runs (%d field(s) x %.0f intervention(s) x %d weather member(s) x %d "
                     "season(s)) of up to %d days need %.3g GB of memory, more than the %.3g GB "
                     "of this machine (%s)",
                     runs, nf, combos, members, (int)sc->n_seasons, (int)sc->max_days, need / 1e9,
                     have / 1e9, how);
}

/* ---- the whole file ---- */

/* The other JSON files the library reads, each with top-level keys a scenario never has
 * (docs/formats.md; keys two kinds share, tbase_C, rue_g_MJ and notes, tell none apart). */
#define OTHER_KEYS_MAX 14
static const struct other_kind {
    const char *what, *where, *named_by;
    const char *const keys[OTHER_KEYS_MAX];
} OTHER_KINDS[] = {
    {"a soil file", "models/soils", "soil.file",
     {"id", "layers", "layers_source", "texture_class", "surface", "site", "p_method"}},
    {"a site file", "models/sites", "weather.generate.site",
     {"station", "location", "temperature", "rainfall", "radiation"}},
    {"a maize cultivar file", "models/cultivars", "a maize canopy's cultivar.file",
     {"crop", "dssat_id", "ecotype_source", "p1_Cd", "p2_d_per_h", "p5_Cd", "g2_kernels",
      "g3_mg_d", "phint_Cd", "topt_C", "ropt_C", "p20_h", "gdde_Cd_cm", "kcan"}},
    {"a weed parameters file", "docs/formats.md#weed-parameters-json",
     "a weed canopy's params_file",
     {"k_par", "sla_m2_g", "leaf_frac", "root_frac", "max_leaf_area_cm2", "tt_half_Cd",
      "tt_slope_Cd", "seedling_g", "root_depth_rate_cm_Cd", "max_root_depth_cm", "tt_life_Cd",
      "n_crit_1t", "n_conc_min", "rlv_per_g_cm_g"}},
};

/*
 * After the top level's keys were refused (@p rc): a file with none of the scenario's own
 * sections but keys of another kind of file (a soil file given to agrosim run) is named as
 * that kind, which "unknown key \"id\"" left to guess. Only on this failure path.
 */
static int other_kind(agro_ctx *ctx, const agro_scenario *sc, const agro_json_node *root, int rc)
{
    static const char *const own[] = {"weather", "soil", "seasons", "fields", "ensemble", "report"};
    for (size_t k = 0; k < sizeof own / sizeof own[0]; k++)
        if (cJSON_GetObjectItemCaseSensitive(root->item, own[k]))
            return rc;
    size_t best = 0, best_hits = 0;
    const char *best_key = NULL;
    for (size_t i = 0; i < sizeof OTHER_KINDS / sizeof OTHER_KINDS[0]; i++) {
        size_t hits = 0;
        const char *first = NULL;
        const cJSON *it = NULL;
        cJSON_ArrayForEach(it, root->item)
        {
            for (size_t k = 0; k < OTHER_KEYS_MAX && OTHER_KINDS[i].keys[k]; k++)
                if (strcmp(it->string, OTHER_KINDS[i].keys[k]) == 0) {
                    hits++;
                    if (!first)
                        first = it->string;
                }
        }
        if (hits > best_hits) {
            best = i;
            best_hits = hits;
            best_key = first;
        }
    }
    if (!best_hits)
        return rc;
    const struct other_kind *o = &OTHER_KINDS[best];
    return agro_fail(ctx, AGRO_EFORMAT, sc->file, 0, NULL,
                     "this looks like %s (%s), not a scenario (docs/scenario.md): it has "
                     "\"%s\" and no \"weather\", \"soil\", \"seasons\" or \"fields\" (a "
                     "scenario names such a file in %s)",
                     o->what, o->where, best_key, o->named_by);
}

int sc_parse(agro_ctx *ctx, agro_scenario *sc, const agro_json_file *jf)
{
    agro_json_node root;
    int rc = agro_json_root(ctx, jf, &root);
    if (rc)
        return rc;
    static const char *const keys[] = {"schema_version", "name", "description", "source",
                                       "weather", "soil", "seasons", "fields", "ensemble",
                                       "report"};
    if ((rc = agro_json_check_keys(ctx, &root, keys, sizeof keys / sizeof keys[0])))
        return other_kind(ctx, sc, &root, rc);
    int version = 0;
    if ((rc = agro_json_int(ctx, &root, "schema_version", 1, 0, 0, 1000000, &version)))
        return rc;
    if (version != AGRO_SCENARIO_SCHEMA_VERSION) {
        agro_json_node v;
        agro_json_get(ctx, &root, "schema_version", 1, &v);
        return agro_json_fail(ctx, &v, AGRO_ERANGE,
                              "schema_version %d is not supported (this library reads %d)", version,
                              AGRO_SCENARIO_SCHEMA_VERSION);
    }
    if ((rc = parse_name(ctx, &root, sc->name)) || (rc = parse_seasons(ctx, sc, &root)))
        return rc;
    factor_nodes fn;
    int members = 1;
    if ((rc = parse_ensemble(ctx, sc, &root, &fn, &members)) ||
        (rc = check_memory(ctx, sc, &root, members)) || (rc = load_soil(ctx, sc, &root)) ||
        (rc = load_weather(ctx, sc, &root, members)))
        return rc;

    agro_json_node fields;
    if ((rc = agro_json_get(ctx, &root, "fields", 1, &fields)))
        return rc;
    int nf = 0;
    if ((rc = agro_json_array_size(ctx, &fields, &nf)))
        return rc;
    if (nf < 1)
        return agro_json_fail(ctx, &fields, AGRO_EMISSING, "at least one field is needed");
    if (nf > SC_MAX_FIELDS)
        return agro_json_fail(ctx, &fields, AGRO_ELIMIT, "%d fields, at most %d", nf,
                              SC_MAX_FIELDS);
    long combos = n_combinations(sc);
    sc->n_combos = (int32_t)combos;
    sc->n_fields = nf;
    sc->fields = calloc((size_t)nf * (size_t)combos, sizeof *sc->fields);
    if (!sc->fields)
        return agro_fail(ctx, AGRO_ENOMEM, sc->file, 0, NULL, "out of memory");
    for (int i = 0; i < nf; i++) {
        agro_json_node f;
        agro_json_at(&fields, i, &f);
        if (!cJSON_IsObject(f.item))
            return agro_json_fail(ctx, &f, AGRO_EFORMAT, "expected a field object");
        sc_field *base = malloc(sizeof *base);
        if (!base)
            return agro_fail(ctx, AGRO_ENOMEM, sc->file, 0, NULL, "out of memory");
        memset(base, 0, sizeof *base);
        rc = parse_field(ctx, sc, &f, base);
        for (int j = 0; j < i && !rc; j++)
            if (strcmp(base->name, sc->fields[(size_t)j * (size_t)combos].name) == 0) {
                agro_json_node nn;
                agro_json_get(ctx, &f, "name", 1, &nn);
                rc = agro_json_fail(ctx, &nn, AGRO_EORDER, "duplicate field name \"%s\"",
                                    base->name);
            }
        /* each combination starts from the field as written and applies its levels in order */
        for (int c = 0; c < combos && !rc; c++) {
            sc_field *x = &sc->fields[(size_t)i * (size_t)combos + (size_t)c];
            *x = *base;
            for (int k = 0; k < sc->n_factors && !rc; k++) {
                agro_json_node lv;
                agro_json_at(&fn.levels[k], level_of(sc, c, k), &lv);
                rc = apply_level(ctx, sc, &lv, x);
            }
        }
        free(base);
        if (rc)
            return rc;
    }
    /* check every "apply_to" names an existing field, and each once: a field named twice got
       the level once, without a word, where another field was surely meant */
    for (int k = 0; k < sc->n_factors; k++)
        for (int l = 0; l < sc->n_levels[k]; l++) {
            agro_json_node lv, at;
            agro_json_at(&fn.levels[k], l, &lv);
            if (agro_json_get(ctx, &lv, "apply_to", 0, &at) != AGRO_OK)
                continue;
            int first[SC_MAX_FIELDS]; /* the entry that named field i, -1 before one did */
            for (int i = 0; i < nf; i++)
                first[i] = -1;
            int n = cJSON_GetArraySize(at.item);
            for (int e = 0; e < n; e++) {
                agro_json_node en;
                agro_json_at(&at, e, &en);
                const char *name = en.item->valuestring;
                int i = 0;
                while (i < nf && strcmp(name, sc->fields[(size_t)i * (size_t)combos].name) != 0)
                    i++;
                if (i == nf)
                    return agro_json_fail(ctx, &en, AGRO_ENOTFOUND, "no field named \"%s\"",
                                          name);
                if (first[i] >= 0)
                    return agro_json_fail(ctx, &en, AGRO_EORDER,
                                          "field \"%s\" named twice (also apply_to[%d]): a level "
                                          "applies once to each field it names",
                                          name, first[i]);
                first[i] = e;
            }
        }
    return parse_report(ctx, sc, &root);
}
