/*
 * Scenario life cycle: load (parse + check every season of every run), the season
 * specification of each run, running runs into a results store, and yield statistics.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal/error.h"
#include "internal/file.h"
#include "internal/json.h"
#include "internal/results.h"
#include "scenario_impl.h"

/* ---- design ---- */

void sc_run_indices(const agro_scenario *sc, int32_t run, int32_t *field, int32_t *combo,
                    int32_t *member, int32_t *season)
{
    int32_t r = run;
    *season = r % sc->n_seasons;
    r /= sc->n_seasons;
    *member = r % sc->n_members;
    r /= sc->n_members;
    *combo = r % sc->n_combos;
    *field = r / sc->n_combos;
}

static int32_t n_runs_of(const agro_scenario *sc)
{
    return sc->n_fields * sc->n_combos * sc->n_members * sc->n_seasons;
}

static void season_start(const agro_scenario *sc, int32_t season, int32_t *year, int32_t *doy)
{
    *year = sc->first_year + season;
    agro_date_to_doy(*year, sc->start_month, sc->start_day, doy);
}

int sc_resolve(const agro_scenario *sc, const sc_when *w, int32_t season, int32_t sow_year,
               int32_t sow_doy, int32_t *year, int32_t *doy)
{
    int32_t sy, sd;
    season_start(sc, season, &sy, &sd);
    switch (w->kind) {
    case SC_WHEN_DATE:
        *year = w->year;
        return agro_date_to_doy(w->year, w->month, w->day, doy);
    case SC_WHEN_MONTHDAY: {
        /* that day in the season's year, or in the next year when it falls before the start */
        int32_t d;
        agro_date_to_doy(sy, w->month, w->day, &d);
        if (d >= sd) {
            *year = sy;
            *doy = d;
        } else {
            *year = sy + 1;
            agro_date_to_doy(sy + 1, w->month, w->day, doy);
        }
        return AGRO_OK;
    }
    case SC_WHEN_AFTER_START:
        *year = sy;
        *doy = sd;
        return agro_date_add(year, doy, w->offset_d);
    case SC_WHEN_AFTER_SOW:
        *year = sow_year;
        *doy = sow_doy;
        return agro_date_add(year, doy, w->offset_d);
    default:
        return AGRO_EINVAL;
    }
}

/* The key a when was given by, appended to an event's path in a message ("" for a path that
 * names its key already: the sowing date, the window's last day). */
static const char *when_key(const sc_when *w)
{
    switch (w->kind) {
    case SC_WHEN_DATE:
    case SC_WHEN_MONTHDAY: return ".date";
    case SC_WHEN_AFTER_SOW: return ".days_after_sowing";
    case SC_WHEN_AFTER_START: return ".days_after_start";
    default: return "";
    }
}

/* Place an event in the season of run combination @p combo or fail naming where it was given:
 * the JSON path (with the event's date key when @p add_key) and, with interventions, the one
 * whose run it is (a date that fits the field's own sowing may not fit an intervention's). */
static int place(agro_ctx *ctx, const agro_scenario *sc, int32_t combo, const sc_when *w,
                 int32_t season, int32_t sow_y, int32_t sow_d, long line, const char *jpath,
                 int add_key, agro_event *ev)
{
    int32_t sy, sd, y, d, off;
    season_start(sc, season, &sy, &sd);
    sc_resolve(sc, w, season, sow_y, sow_d, &y, &d);
    agro_days_between(sy, sd, y, d, &off);
    if (off < 0 || off >= sc->max_days) {
        int32_t m, dd, ey = sy, ed = sd, em, edd, sm, sdd;
        agro_doy_to_date(y, d, &m, &dd);
        agro_doy_to_date(sy, sd, &sm, &sdd);
        agro_date_add(&ey, &ed, sc->max_days - 1);
        agro_doy_to_date(ey, ed, &em, &edd);
        char path[256 + 24], run_of[AGRO_SCENARIO_NAME_MAX * 4 + 20] = "";
        snprintf(path, sizeof path, "%s%s", jpath, add_key ? when_key(w) : "");
        if (sc->n_factors > 0) {
            char name[AGRO_SCENARIO_NAME_MAX * 4];
            agro_scenario_intervention_name(sc, combo, name, sizeof name);
            snprintf(run_of, sizeof run_of, " (intervention %s)", name);
        }
        return agro_fail(ctx, AGRO_ERANGE, sc->file, line, path,
                         "in season %d%s the date %04d-%02d-%02d falls outside the simulated days "
                         "%04d-%02d-%02d..%04d-%02d-%02d (seasons.start, seasons.max_days)",
                         (int)season + 1, run_of, (int)y, (int)m, (int)dd, (int)sy, (int)sm,
                         (int)sdd, (int)ey, (int)em, (int)edd);
    }
    ev->year = y;
    ev->doy = d;
    return AGRO_OK;
}

/* With automatic sowing an event given in days after sowing follows the actual sowing day. */
static void time_after_sowing(const sc_field *cfg, const sc_when *w, agro_event *ev)
{
    if (!cfg->auto_sow || w->kind != SC_WHEN_AFTER_SOW)
        return;
    ev->timing = AGRO_TIMING_AFTER_SOWING;
    ev->days_after_sowing = w->offset_d;
}

/* The weather of member @p m covers every simulated day of season @p s, with no gap and no
 * missing required value between its ends: checked once per member and season at load, naming
 * the weather file and line, not in the middle of the runs (the weather does not change after) */
static int check_season_weather(agro_ctx *ctx, const agro_scenario *sc, int32_t m, int32_t s)
{
    int32_t y0, d0;
    season_start(sc, s, &y0, &d0);
    int32_t y1 = y0, d1 = d0;
    agro_date_add(&y1, &d1, sc->max_days - 1);
    int32_t first_idx, last_idx;
    if (agro_weather_find(sc->weather[m], y0, d0, &first_idx) ||
        agro_weather_find(sc->weather[m], y1, d1, &last_idx)) {
        agro_weather_info wi;
        agro_weather_get_info(sc->weather[m], &wi);
        return agro_fail(ctx, AGRO_ENOTFOUND, sc->file, sc->seasons_line, "seasons",
                         "season %d (%d-%03d .. %d-%03d) is not covered by the weather "
                         "(%d-%03d .. %d-%03d)",
                         (int)s + 1, (int)y0, (int)d0, (int)y1, (int)d1, (int)wi.first_year,
                         (int)wi.first_doy, (int)wi.last_year, (int)wi.last_doy);
    }
    const int rc = agro_weather_check(ctx, sc->weather[m], first_idx, last_idx - first_idx + 1);
    if (rc) {
        char where[AGRO_MESSAGE_MAX / 2];
        snprintf(where, sizeof where, "%s:%ld: seasons: season %d, weather member %d", sc->file,
                 (long)sc->seasons_line, (int)s + 1, (int)m + 1);
        agro_fail_prefix(ctx, where);
    }
    return rc;
}

/* Days from the start of season @p s to @p y-@p d. */
static int32_t season_day(const agro_scenario *sc, int32_t s, int32_t y, int32_t d)
{
    int32_t sy, sd, off = 0;
    season_start(sc, s, &sy, &sd);
    agro_days_between(sy, sd, y, d, &off);
    return off;
}

/* Nothing may be dated after the harvest, which ends the season: the runner never reaches it, so
 * a sowing, a weed flush or an event after it (a second harvest has been refused) would be left
 * out without a word, and a harvest before the sowing gave a season of yield 0 counted as a crop.
 * Events on the harvest day come before it. With a sowing window, dates after sowing are those
 * of the latest sowing (as place() checks them) and the window's last day must come first. */
static int check_after_harvest(agro_ctx *ctx, const agro_scenario *sc, const sc_field *cfg,
                               int32_t combo, int32_t s, const agro_event *ev,
                               int32_t sow_y, int32_t sow_d)
{
    const int first_event = 1 + cfg->n_cohorts;
    int h = -1;
    for (int i = 0; i < cfg->n_events && h < 0; i++)
        if (cfg->events[i].type == AGRO_EVENT_HARVEST)
            h = i;
    if (h < 0)
        return AGRO_OK;
    const agro_event *hv = &ev[first_event + h];
    const int32_t hday = season_day(sc, s, hv->year, hv->doy);
    char run_of[AGRO_SCENARIO_NAME_MAX * 4 + 20] = "";
    if (sc->n_factors > 0) {
        char name[AGRO_SCENARIO_NAME_MAX * 4];
        agro_scenario_intervention_name(sc, combo, name, sizeof name);
        snprintf(run_of, sizeof run_of, " (intervention %s)", name);
    }
    int32_t hm, hd;
    agro_doy_to_date(hv->year, hv->doy, &hm, &hd);
    const sc_event *he = &cfg->events[h];
    for (int n = 0; n < first_event + cfg->n_events; n++) {
        int32_t y = ev[n].year, d = ev[n].doy;
        long line;
        const char *jpath, *what;
        char path[256 + 24];
        if (n == 0) {
            y = sow_y;
            d = sow_d;
            line = cfg->auto_sow ? cfg->window_line : cfg->sow_line;
            jpath = cfg->auto_sow ? cfg->window_jpath : cfg->sow_jpath;
            what = cfg->auto_sow ? "the sowing window's last day" : "the sowing";
        } else if (n < first_event) {
            line = cfg->cohorts[n - 1].line;
            jpath = cfg->cohorts[n - 1].jpath;
            what = "the weed flush";
        } else {
            line = cfg->events[n - first_event].line;
            jpath = cfg->events[n - first_event].jpath;
            what = "the event";
        }
        if (season_day(sc, s, y, d) <= hday)
            continue;
        snprintf(path, sizeof path, "%s%s", jpath, cfg->auto_sow && n == 0 ? ".last" : "");
        int32_t m, dd;
        agro_doy_to_date(y, d, &m, &dd);
        return agro_fail(ctx, AGRO_EORDER, sc->file, line, path,
                         "in season %d%s %s on %04d-%02d-%02d falls after the harvest on "
                         "%04d-%02d-%02d (%s, line %ld), which ends the season",
                         (int)s + 1, run_of, what, (int)y, (int)m, (int)dd, (int)hv->year,
                         (int)hm, (int)hd, he->jpath, he->line);
    }
    return AGRO_OK;
}

int sc_build_spec(agro_ctx *ctx, const agro_scenario *sc, int32_t run, agro_season_spec *spec)
{
    int rc;
    int32_t f, c, m, s;
    sc_run_indices(sc, run, &f, &c, &m, &s);
    const sc_field *cfg = &sc->fields[(size_t)f * (size_t)sc->n_combos + (size_t)c];
    agro_season_spec_init(spec);
    spec->soil = sc->soil;
    spec->options = cfg->options;
    agro_weather_info wi;
    agro_weather_get_info(sc->weather[m], &wi);
    spec->options.latitude_deg = wi.latitude_deg;
    if (isfinite(wi.tav_C))
        spec->options.tav_C = wi.tav_C;
    if (isfinite(wi.amp_C))
        spec->options.amp_C = wi.amp_C;
    if (isfinite(wi.wndht_m) && wi.wndht_m > 0.0)
        spec->options.wind_height_m = wi.wndht_m;
    /* common random numbers: every intervention of a member-season shares one field seed, and
       a member-season's seed is the field's seed + m 1000 + s whatever the seasons' count (it
       was + m n_seasons + s: adding a season moved the seeds of every member but the first) */
    spec->options.seed = (int32_t)(((int64_t)cfg->options.seed + (int64_t)m * SC_MAX_SEASONS + s) %
                                   2147483647);
    spec->cultivar = cfg->cultivar;
    season_start(sc, s, &spec->start_year, &spec->start_doy);
    spec->end_year = spec->start_year;
    spec->end_doy = spec->start_doy;
    agro_date_add(&spec->end_year, &spec->end_doy, sc->max_days - 1);
    spec->days_after_maturity = sc->days_after_maturity;

    agro_event *ev = spec->events;
    int n = 0;
    memset(&ev[n], 0, sizeof ev[n]);
    ev[n].type = AGRO_EVENT_SOW;
    ev[n].canopy = AGRO_CANOPY_CROP;
    ev[n].density_pl_m2 = cfg->density_pl_m2;
    ev[n].row_spacing_cm = cfg->row_spacing_cm;
    ev[n].depth_cm = cfg->depth_cm;
    if ((rc = place(ctx, sc, c, &cfg->sow, s, 0, 0, cfg->sow_line, cfg->sow_jpath, 0, &ev[n])))
        return rc;
    int32_t sow_y = ev[n].year, sow_d = ev[n].doy;
    if (cfg->auto_sow) {
        /* automatic sowing: the events after sowing move with it, so they are checked against
         * the window's last day, the latest the crop can be sown */
        agro_event last;
        char jp[sizeof cfg->window_jpath + 8];
        snprintf(jp, sizeof jp, "%s.last", cfg->window_jpath);
        if ((rc = place(ctx, sc, c, &cfg->sow_last, s, 0, 0, cfg->window_line, jp, 0, &last)))
            return rc;
        int32_t span;
        agro_days_between(sow_y, sow_d, last.year, last.doy, &span);
        if (span < 0)
            return agro_fail(ctx, AGRO_ERANGE, sc->file, cfg->window_line, jp,
                             "in season %d the window closes (%d-%03d) before it opens (%d-%03d)",
                             (int)s + 1, (int)last.year, (int)last.doy, (int)sow_y, (int)sow_d);
        spec->sowing_window = cfg->window;
        spec->sowing_window.last_year = last.year;
        spec->sowing_window.last_doy = last.doy;
        sow_y = last.year;
        sow_d = last.doy;
    }
    n++;
    for (int i = 0; i < cfg->n_cohorts; i++, n++) {
        memset(&ev[n], 0, sizeof ev[n]);
        ev[n].type = AGRO_EVENT_WEEDS_EMERGE;
        ev[n].canopy = AGRO_CANOPY_WEEDS;
        ev[n].density_pl_m2 = cfg->cohorts[i].density_pl_m2;
        if ((rc = place(ctx, sc, c, &cfg->cohorts[i].when, s, sow_y, sow_d, cfg->cohorts[i].line,
                        cfg->cohorts[i].jpath, 1, &ev[n])))
            return rc;
        int32_t lag;
        agro_days_between(sow_y, sow_d, ev[n].year, ev[n].doy, &lag);
        ev[n].emergence_delay_d = lag;
        time_after_sowing(cfg, &cfg->cohorts[i].when, &ev[n]);
    }
    for (int i = 0; i < cfg->n_events; i++, n++) {
        const sc_event *e = &cfg->events[i];
        memset(&ev[n], 0, sizeof ev[n]);
        ev[n].type = e->type;
        ev[n].canopy = e->type == AGRO_EVENT_WEED ? AGRO_CANOPY_WEEDS : AGRO_CANOPY_CROP;
        ev[n].amount = e->amount;
        ev[n].depth_cm = e->depth_cm;
        ev[n].nh4_fraction = e->nh4_fraction;
        ev[n].urea_fraction = e->urea_fraction;
        ev[n].p_kg_ha = e->p_kg_ha;
        ev[n].p_band_fraction = e->p_band_fraction;
        ev[n].incorporated = e->incorporated;
        ev[n].fert_material = e->fert_material;
        ev[n].implement = e->implement;
        ev[n].carried_off = e->carried_off;
        ev[n].p_pct = e->p_pct;
        ev[n].lignin_frac = e->lignin_frac;
        ev[n].mulch_area_cm2_g = e->mulch_area_cm2_g;
        ev[n].mulch_extinction = e->mulch_extinction;
        ev[n].mulch_water_kg_kg = e->mulch_water_kg_kg;
        ev[n].initial = e->initial;
        ev[n].residue_type = e->residue_type;
        ev[n].n_pct = e->n_pct;
        ev[n].damage = e->damage;
        if ((rc = place(ctx, sc, c, &e->when, s, sow_y, sow_d, e->line, e->jpath, 1, &ev[n])))
            return rc;
        time_after_sowing(cfg, &e->when, &ev[n]);
    }
    spec->n_events = n;
    return check_after_harvest(ctx, sc, cfg, c, s, ev, sow_y, sow_d);
}

/* ---- load / free ---- */

static int finish_load(agro_ctx *ctx, agro_scenario *sc)
{
    agro_json_file jf;
    int rc = agro_json_open_text(ctx, sc->file, sc->text, &jf);
    if (rc)
        return rc;
    rc = sc_parse(ctx, sc, &jf);
    agro_json_close(&jf);
    if (rc)
        return rc;
    /* every run must have a valid season: find date and weather errors now, not mid-run */
    agro_season_spec *spec = malloc(sizeof *spec);
    if (!spec)
        return agro_fail(ctx, AGRO_ENOMEM, sc->file, 0, NULL, "out of memory");
    int32_t n = n_runs_of(sc);
    for (int32_t r = 0; r < n && !rc; r++)
        rc = sc_build_spec(ctx, sc, r, spec);
    free(spec);
    for (int32_t m = 0; m < sc->n_members && !rc; m++)
        for (int32_t s = 0; s < sc->n_seasons && !rc; s++)
            rc = check_season_weather(ctx, sc, m, s);
    return rc;
}

int sc_add_input(agro_ctx *ctx, agro_scenario *sc, const char *key, const char *path)
{
    for (int32_t i = 0; i < sc->n_inputs; i++)
        if (strcmp(sc->inputs[i].path, path) == 0 && strcmp(sc->inputs[i].key, key) == 0)
            return AGRO_OK;
    if (strlen(path) >= sizeof sc->inputs->path || strlen(key) >= sizeof sc->inputs->key)
        return agro_fail(ctx, AGRO_ERANGE, sc->file, 0, key[0] ? key : NULL, "path too long");
    if (sc->n_inputs == sc->cap_inputs) {
        const int32_t cap = sc->cap_inputs ? 2 * sc->cap_inputs : 8;
        sc_input *v = realloc(sc->inputs, (size_t)cap * sizeof *v);
        if (!v)
            return agro_fail(ctx, AGRO_ENOMEM, sc->file, 0, NULL, "out of memory");
        sc->inputs = v;
        sc->cap_inputs = cap;
    }
    sc_input *in = &sc->inputs[sc->n_inputs++];
    snprintf(in->path, sizeof in->path, "%s", path);
    if (!agro_file_absolute(path, in->real, sizeof in->real))
        snprintf(in->real, sizeof in->real, "%s", path);
    snprintf(in->key, sizeof in->key, "%s", key);
    return AGRO_OK;
}

/* agro_scenario_load_text, with @p file the scenario file's name when it was read from one
   (its first input) */
static int load_text(agro_ctx *ctx, const char *name, const char *text, const char *base_dir,
                     const char *file, agro_scenario **out)
{
    if (!text || !out)
        return agro_fail(ctx, AGRO_EINVAL, name, 0, NULL, "no scenario text");
    *out = NULL;
    agro_scenario *sc = calloc(1, sizeof *sc);
    if (!sc)
        return agro_fail(ctx, AGRO_ENOMEM, name, 0, NULL, "out of memory");
    snprintf(sc->file, sizeof sc->file, "%s", name ? name : "(scenario)");
    snprintf(sc->base_dir, sizeof sc->base_dir, "%s", base_dir ? base_dir : "");
    size_t len = strlen(text);
    sc->text = malloc(len + 1);
    if (!sc->text) {
        free(sc);
        return agro_fail(ctx, AGRO_ENOMEM, name, 0, NULL, "out of memory");
    }
    memcpy(sc->text, text, len + 1);
    int rc = file ? sc_add_input(ctx, sc, "", file) : AGRO_OK;
    if (!rc)
        rc = finish_load(ctx, sc);
    if (rc) {
        agro_scenario_free(sc);
        return rc;
    }
    *out = sc;
    return AGRO_OK;
}

int agro_scenario_load_text(agro_ctx *ctx, const char *name, const char *text,
                            const char *base_dir, agro_scenario **out)
{
    return load_text(ctx, name, text, base_dir, NULL, out);
}

int agro_scenario_load(agro_ctx *ctx, const char *path, agro_scenario **out)
{
    if (!out)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL, "no output pointer");
    *out = NULL;
    if (!path)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "no scenario file given");
    char *text = NULL;
    size_t len = 0;
    int rc = agro_read_file(ctx, path, &text, &len);
    if (rc)
        return rc;
    char dir[SC_PATH];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        dir[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        dir[0] = '\0';
    rc = load_text(ctx, path, text, dir, path, out);
    free(text);
    return rc;
}

void agro_scenario_free(agro_scenario *sc)
{
    if (!sc)
        return;
    if (sc->weather)
        for (int32_t m = 0; m < sc->n_members; m++)
            agro_weather_free(sc->weather[m]);
    free(sc->weather);
    free(sc->fields);
    free(sc->inputs);
    free(sc->text);
    free(sc);
}

/* ---- getters ---- */

int agro_scenario_n_inputs(const agro_scenario *sc, int32_t *n)
{
    if (!sc || !n)
        return AGRO_EINVAL;
    *n = sc->n_inputs;
    return AGRO_OK;
}

int agro_scenario_input(const agro_scenario *sc, int32_t i, char *path, size_t n_path, char *key,
                        size_t n_key)
{
    if (!sc || !path || n_path == 0 || i < 0 || i >= sc->n_inputs || (key && n_key == 0))
        return AGRO_EINVAL;
    const sc_input *in = &sc->inputs[i];
    int rc = AGRO_OK;
    if ((size_t)snprintf(path, n_path, "%s", in->path) >= n_path)
        rc = AGRO_ERANGE;
    if (key && (size_t)snprintf(key, n_key, "%s", in->key) >= n_key)
        rc = AGRO_ERANGE;
    return rc;
}

int agro_scenario_find_input(const agro_scenario *sc, const char *path, int32_t *index)
{
    if (!sc || !path || !index)
        return AGRO_EINVAL;
    *index = -1;
    for (int32_t i = 0; i < sc->n_inputs; i++)
        if (agro_file_same(path, sc->inputs[i].real)) {
            *index = i;
            break;
        }
    return AGRO_OK;
}

int agro_scenario_get_info(const agro_scenario *sc, agro_scenario_info *out)
{
    if (!sc || !out)
        return AGRO_EINVAL;
    memset(out, 0, sizeof *out);
    out->n_fields = sc->n_fields;
    out->n_interventions = sc->n_combos;
    out->n_members = sc->n_members;
    out->n_seasons = sc->n_seasons;
    out->n_runs = n_runs_of(sc);
    out->max_days = sc->max_days;
    out->baseline = sc->baseline;
    out->first_year = sc->first_year;
    out->bag_kg = sc->bag_kg;
    out->area_ha = sc->area_ha;
    out->grain_moisture_pct = sc->grain_moisture_pct;
    return AGRO_OK;
}

int agro_scenario_field_name(const agro_scenario *sc, int32_t i, char *buf, size_t n)
{
    if (!sc || !buf || n == 0 || i < 0 || i >= sc->n_fields)
        return AGRO_EINVAL;
    snprintf(buf, n, "%s", sc->fields[(size_t)i * (size_t)sc->n_combos].name);
    return AGRO_OK;
}

int agro_scenario_intervention_name(const agro_scenario *sc, int32_t i, char *buf, size_t n)
{
    if (!sc || !buf || n == 0 || i < 0 || i >= sc->n_combos)
        return AGRO_EINVAL;
    if (sc->n_factors == 0) {
        snprintf(buf, n, "default");
        return AGRO_OK;
    }
    size_t used = 0;
    buf[0] = '\0';
    int stride = sc->n_combos;
    for (int k = 0; k < sc->n_factors; k++) {
        stride /= sc->n_levels[k];
        int l = (i / stride) % sc->n_levels[k];
        int w = snprintf(buf + used, n - used, "%s%s", k ? "+" : "", sc->level_names[k][l]);
        if (w < 0 || (size_t)w >= n - used)
            return AGRO_ERANGE;
        used += (size_t)w;
    }
    return AGRO_OK;
}

int agro_scenario_name(const agro_scenario *sc, char *buf, size_t n)
{
    if (!sc || !buf || n == 0)
        return AGRO_EINVAL;
    snprintf(buf, n, "%s", sc->name);
    return AGRO_OK;
}

int agro_scenario_soil(const agro_scenario *sc, agro_soil_profile *out)
{
    if (!sc || !out)
        return AGRO_EINVAL;
    *out = sc->soil;
    return AGRO_OK;
}

size_t agro_scenario_text_length(const agro_scenario *sc)
{
    return sc && sc->text ? strlen(sc->text) : 0;
}

int agro_scenario_text(const agro_scenario *sc, char *buf, size_t n)
{
    if (!sc || !buf || n == 0)
        return AGRO_EINVAL;
    snprintf(buf, n, "%s", sc->text);
    return AGRO_OK;
}

int agro_scenario_run_info(const agro_scenario *sc, int32_t run, agro_run_info *out)
{
    if (!sc || !out || run < 0 || run >= n_runs_of(sc))
        return AGRO_EINVAL;
    memset(out, 0, sizeof *out);
    out->run = run;
    sc_run_indices(sc, run, &out->field, &out->intervention, &out->member, &out->season);
    season_start(sc, out->season, &out->year, &out->start_doy);
    out->crop = 1;
    return AGRO_OK;
}

/* ---- results ---- */

int agro_results_create(agro_ctx *ctx, const agro_scenario *sc, agro_results **out)
{
    if (!sc || !out)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "no scenario");
    *out = NULL;
    agro_results *r = calloc(1, sizeof *r);
    if (!r)
        return agro_fail(ctx, AGRO_ENOMEM, sc->file, 0, NULL, "out of memory");
    r->sc = sc;
    r->n_runs = n_runs_of(sc);
    r->max_days = sc->max_days;
    r->info = calloc((size_t)r->n_runs, sizeof *r->info);
    r->summary = calloc((size_t)r->n_runs, sizeof *r->summary);
    if (sc->store_daily)
        r->daily = calloc((size_t)r->n_runs * (size_t)r->max_days, sizeof *r->daily);
    if (!r->info || !r->summary || (sc->store_daily && !r->daily)) {
        agro_results_free(r);
        return agro_fail(ctx, AGRO_ENOMEM, sc->file, 0, NULL,
                         "out of memory for %d runs × %d days (set report.daily to false)",
                         (int)n_runs_of(sc), (int)sc->max_days);
    }
    for (int32_t i = 0; i < r->n_runs; i++)
        agro_scenario_run_info(sc, i, &r->info[i]);
    *out = r;
    return AGRO_OK;
}

void agro_results_free(agro_results *res)
{
    if (!res)
        return;
    free(res->info);
    free(res->summary);
    free(res->daily);
    free(res);
}

const agro_scenario *agro_results_owner(const agro_results *res)
{
    return res ? res->sc : NULL;
}

int agro_scenario_keeps_daily(const agro_scenario *sc, const char **file, long *line)
{
    *file = sc->file;
    *line = sc->daily_line;
    return sc->store_daily ? 1 : 0;
}

int agro_scenario_has_weeds(const agro_scenario *sc)
{
    for (size_t k = 0; k < (size_t)sc->n_fields * (size_t)sc->n_combos; k++)
        if (sc->fields[k].has_weeds)
            return 1;
    return 0;
}

int agro_scenario_run_range(agro_ctx *ctx, const agro_scenario *sc, agro_results *res,
                            int32_t first, int32_t count)
{
    if (!sc || !res)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "no %s", !sc ? "scenario" : "results");
    if (res->sc != sc)
        return agro_fail(ctx, AGRO_EINVAL, sc->file, 0, NULL,
                         "results do not belong to the scenario (agro_results_create made them for another)");
    /* (first > n_runs − count rather than first + count > n_runs: no int32 overflow) */
    if (first < 0 || count < 0 || first > res->n_runs - count)
        return agro_fail(ctx, AGRO_EINVAL, sc->file, 0, NULL,
                         "%d run(s) from run %d: the scenario has runs 0 to %d", (int)count,
                         (int)first, (int)res->n_runs - 1);
    agro_season_spec *spec = malloc(sizeof *spec);
    if (!spec)
        return agro_fail(ctx, AGRO_ENOMEM, sc->file, 0, NULL, "out of memory");
    int rc = AGRO_OK;
    for (int32_t r = first; r < first + count && !rc; r++) {
        /* the cancel point: between runs, never inside a season */
        if (agro_ctx_cancelled(ctx)) {
            rc = agro_fail(ctx, AGRO_ECANCELED, sc->file, 0, NULL,
                           "cancelled before run %d (agro_ctx_cancel): %d of the %d run(s) from "
                           "run %d done", (int)r, (int)(r - first), (int)count, (int)first);
            break;
        }
        int32_t f, c, m, s;
        sc_run_indices(sc, r, &f, &c, &m, &s);
        if ((rc = sc_build_spec(ctx, sc, r, spec)))
            break;
        int32_t nd = 0;
        agro_field_daily *daily = res->daily ? res->daily + (size_t)r * (size_t)res->max_days : NULL;
        rc = agro_season_run(ctx, spec, sc->weather[m], &res->summary[r], daily, res->max_days,
                             &nd);
        if (rc) {
            char where[256], iname[SC_NAME * SC_MAX_FACTORS];
            agro_scenario_intervention_name(sc, c, iname, sizeof iname);
            snprintf(where, sizeof where, "%s: field %s, intervention %s, member %d, season %d",
                     sc->file, sc->fields[(size_t)f * (size_t)sc->n_combos].name, iname, (int)m,
                     (int)s + 1);
            agro_fail_prefix(ctx, where);
            break;
        }
        res->info[r].n_days = nd;
        res->info[r].done = 1;
    }
    free(spec);
    return rc;
}

int agro_scenario_run(agro_ctx *ctx, const agro_scenario *sc, agro_results *res)
{
    if (!res)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "no results");
    return agro_scenario_run_range(ctx, sc, res, 0, res->n_runs);
}

int agro_results_run_info(const agro_results *res, int32_t run, agro_run_info *out)
{
    if (!res || !out || run < 0 || run >= res->n_runs)
        return AGRO_EINVAL;
    *out = res->info[run];
    return AGRO_OK;
}

int agro_results_get_summary(const agro_results *res, int32_t run, agro_season_summary *out)
{
    if (!res || !out || run < 0 || run >= res->n_runs)
        return AGRO_EINVAL;
    if (!res->info[run].done)
        return AGRO_ESTATE;
    *out = res->summary[run];
    return AGRO_OK;
}

int agro_results_get_daily(const agro_results *res, int32_t run, agro_field_daily *out,
                           int32_t max_days, int32_t *n_days)
{
    if (!res || run < 0 || run >= res->n_runs || max_days < 0 || (max_days > 0 && !out))
        return AGRO_EINVAL;
    if (!res->info[run].done)
        return AGRO_ESTATE;
    if (!res->daily)
        return AGRO_ESTATE;
    int32_t nd = res->info[run].n_days;
    int32_t k = nd < max_days ? nd : max_days;
    if (k > 0)
        memcpy(out, res->daily + (size_t)run * (size_t)res->max_days, (size_t)k * sizeof *out);
    if (n_days)
        *n_days = nd;
    return AGRO_OK;
}

const agro_field_daily *agro_results_daily_view(const agro_results *res, int32_t run,
                                                 int32_t *n_days)
{
    if (n_days)
        *n_days = 0;
    if (!res || run < 0 || run >= res->n_runs || !res->info[run].done || !res->daily)
        return NULL;
    if (n_days)
        *n_days = res->info[run].n_days;
    return res->daily + (size_t)run * (size_t)res->max_days;
}

/* ---- statistics ---- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sample quantile of sorted data, linear interpolation between order statistics (Hyndman &
 * Fan 1996 type 7, the R and NumPy default). */
static double quantile_sorted(const double *x, int n, double p)
{
    double h = (n - 1) * p;
    int lo = (int)floor(h);
    int hi = lo + 1 < n ? lo + 1 : lo;
    /* no interpolation on a neighbour or between equal ones: two +inf ratios would give
       inf − inf = NaN */
    if (h == lo || x[hi] == x[lo])
        return x[lo];
    return x[lo] + (h - lo) * (x[hi] - x[lo]);
}

/* Grain yield of a run; a crop that failed (NaN yield) produced no grain. */
static double run_yield(const agro_results *res, int32_t r)
{
    double y = res->summary[r].hwam_kg_ha;
    return isfinite(y) ? y : 0.0;
}

int agro_results_yield_stats(const agro_results *res, int32_t field, int32_t intervention,
                             agro_yield_stats *out)
{
    if (!res || !out)
        return AGRO_EINVAL;
    const agro_scenario *sc = res->sc;
    if (field < 0 || field >= sc->n_fields || intervention < 0 || intervention >= sc->n_combos)
        return AGRO_EINVAL;
    int32_t per = sc->n_members * sc->n_seasons;
    double *y = malloc((size_t)per * 3 * sizeof *y);
    if (!y)
        return AGRO_ENOMEM;
    double *yb = y + per, *ratio = y + 2 * per;
    int32_t base0 = (field * sc->n_combos + intervention) * per;
    int32_t basel = (field * sc->n_combos + sc->baseline) * per;
    int n = 0, nb = 0, nr = 0, not_sown = 0;
    double sum = 0;
    for (int32_t k = 0; k < per; k++) {
        const int b_done = res->info[basel + k].done;
        const double b = b_done ? run_yield(res, basel + k) : 0.0;
        /* the baseline's own median: all its runs done so far */
        if (b_done)
            yb[nb++] = b;
        if (!res->info[base0 + k].done)
            continue;
        not_sown += res->summary[base0 + k].crop_failed == AGRO_CROP_NOT_SOWN;
        double v = run_yield(res, base0 + k);
        y[n++] = v;
        sum += v;
        /* a member-season where both yields are 0 says nothing of their ratio and is left
           out; grain where the baseline has none is an infinite ratio, not a dropped season */
        if (b_done && (b > 0 || v > 0))
            ratio[nr++] = b > 0 ? v / b : INFINITY;
    }
    memset(out, 0, sizeof *out);
    out->field = field;
    out->intervention = intervention;
    out->n = n;
    out->n_not_sown = not_sown;
    if (n == 0) {
        free(y);
        return AGRO_ESTATE;
    }
    qsort(y, (size_t)n, sizeof *y, cmp_double);
    out->mean_kg_ha = sum / n;
    out->median_kg_ha = quantile_sorted(y, n, 0.5);
    out->p10_kg_ha = quantile_sorted(y, n, 0.1);
    out->p90_kg_ha = quantile_sorted(y, n, 0.9);
    out->min_kg_ha = y[0];
    out->max_kg_ha = y[n - 1];
    agro_scenario_info info;
    agro_scenario_get_info(sc, &info);
    const double f = agro_scenario_bags_per_kg_ha(&info);
    out->median_bags = out->median_kg_ha * f;
    out->p10_bags = out->p10_kg_ha * f;
    out->p90_bags = out->p90_kg_ha * f;
    out->ratio_median = NAN;
    if (nb > 0) {
        qsort(yb, (size_t)nb, sizeof *yb, cmp_double);
        double mb = quantile_sorted(yb, nb, 0.5);
        out->ratio_median = mb > 0 ? out->median_kg_ha / mb : NAN;
    }
    out->ratio_paired_median = NAN;
    if (nr > 0) {
        qsort(ratio, (size_t)nr, sizeof *ratio, cmp_double);
        out->ratio_paired_median = quantile_sorted(ratio, nr, 0.5);
    }
    free(y);
    return AGRO_OK;
}

double agro_scenario_bags_per_kg_ha(const agro_scenario_info *info)
{
    if (!info || !(info->bag_kg > 0.0) || !(info->grain_moisture_pct >= 0.0) ||
        !(info->grain_moisture_pct < 100.0))
        return NAN;
    /* a bag of wet grain holds (1 − moisture) of its mass as dry matter */
    return info->area_ha / (info->bag_kg * (1.0 - 0.01 * info->grain_moisture_pct));
}

size_t agro_sizeof_scenario_info(void) { return sizeof(agro_scenario_info); }
size_t agro_sizeof_run_info(void) { return sizeof(agro_run_info); }
size_t agro_sizeof_yield_stats(void) { return sizeof(agro_yield_stats); }
