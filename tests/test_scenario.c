/* Scenario files: format, JSON-path errors, factorial expansion, runs and statistics. */
#define _POSIX_C_SOURCE 200809L /* getpid */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agrosim/agrosim.h"
#include "helpers/season.h"
#include "scenario/scenario_impl.h"

#define MODELS AGROSIM_SOURCE_DIR "/models"
#define GENO AGROSIM_VALIDATION_DIR "/dssat/Genotype"

/* A scenario text with replaceable parts; NULL parts take the defaults below. */
typedef struct parts {
    const char *seasons, *weather, *canopies, *management, *ensemble, *extra, *field_extra;
} parts;

static char *make_text(parts p)
{
    const char *seasons = p.seasons ? p.seasons
                                    : "{\"first_year\": 2001, \"count\": 3, \"start\": \"--03-01\", "
                                      "\"max_days\": 200}";
    const char *weather =
        p.weather ? p.weather
                  : "{\"generate\": {\"site\": \"" MODELS "/sites/morogoro.json\", \"seed\": 7, "
                    "\"first_year\": 2001, \"years\": 4}}";
    const char *canopies =
        p.canopies
            ? p.canopies
            : "[\n      {\"name\": \"maize\", \"crop\": \"maize\",\n"
              "       \"cultivar\": {\"dssat_cul\": \"" GENO "/MZCER048.CUL\", \"dssat_eco\": \"" GENO
              "/MZCER048.ECO\", \"id\": \"IB0059\"},\n"
              "       \"sowing\": {\"date\": \"--03-15\", \"density_pl_m2\": 5, \"row_spacing_cm\": "
              "75, \"depth_cm\": 5}},\n"
              "      {\"name\": \"weeds\", \"crop\": \"weeds\", \"cohorts\": "
              "[{\"days_after_sowing\": 7, \"density_pl_m2\": 60}]}\n    ]";
    const char *management =
        p.management ? p.management
                     : "[\n      {\"event\": \"weed\", \"days_after_sowing\": 20, "
                       "\"fraction_removed\": 0.9},\n"
                       "      {\"event\": \"fertilise\", \"days_after_sowing\": 0, \"n_kg_ha\": 20}\n"
                       "    ]";
    const char *ensemble = p.ensemble ? p.ensemble : "{}";
    size_t n = 4096 + strlen(seasons) + strlen(weather) + strlen(canopies) + strlen(management) +
               strlen(ensemble) + (p.extra ? strlen(p.extra) : 0) +
               (p.field_extra ? strlen(p.field_extra) : 0);
    char *t = malloc(n);
    snprintf(t, n,
             "{\n  \"schema_version\": 1,\n  \"name\": \"test\",\n%s"
             "  \"weather\": %s,\n"
             "  \"soil\": {\"file\": \"" MODELS "/soils/morogoro_sandy_clay_loam.json\"},\n"
             "  \"seasons\": %s,\n"
             "  \"fields\": [{\n    \"name\": \"plot\", \"type\": \"crop\",%s\n"
             "    \"canopies\": %s,\n"
             "    \"management\": %s\n  }],\n"
             "  \"ensemble\": %s\n}\n",
             p.extra ? p.extra : "", weather, seasons, p.field_extra ? p.field_extra : "",
             canopies, management, ensemble);
    return t;
}

/* Load @p p and expect failure with @p status and every string of @p want in the message. */
static void expect_error(parts p, int status, const char *const *want, size_t n_want)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    char *text = make_text(p);
    agro_scenario *sc = (agro_scenario *)0x1;
    int rc = agro_scenario_load_text(ctx, "s.json", text, NULL, &sc);
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect_eq(rc, status, "status %d (%s), want %d: %s", rc, agro_strerror(rc), status, msg);
    cr_expect_null(sc);
    for (size_t i = 0; i < n_want; i++)
        cr_expect(strstr(msg, want[i]) != NULL, "\"%s\" not in: %s", want[i], msg);
    free(text);
    agro_ctx_free(ctx);
}

/* expect_error() with the wanted message parts listed in place */
#define EXPECT_ERROR(p, status, ...)                                                           \
    do {                                                                                       \
        const char *const want_[] = {__VA_ARGS__};                                             \
        expect_error((p), (status), want_, sizeof want_ / sizeof want_[0]);                    \
    } while (0)

/* A field option @p key with the unknown name @p bad is an EFORMAT naming its JSON path and
   listing the accepted @p names. */
static void expect_option_name_refused(const char *key, const char *bad, const char *names)
{
    char extra[160], path[80];
    snprintf(extra, sizeof extra, "\n    \"options\": {\"%s\": \"%s\"},", key, bad);
    snprintf(path, sizeof path, "fields[0].options.%s", key);
    parts q = {0};
    q.field_extra = extra;
    EXPECT_ERROR(q, AGRO_EFORMAT, path, names);
}

static agro_scenario *load_ok(parts p, agro_ctx *ctx)
{
    char *text = make_text(p);
    agro_scenario *sc = NULL;
    int rc = agro_scenario_load_text(ctx, "s.json", text, NULL, &sc);
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert_eq(rc, AGRO_OK, "load failed: %s", msg);
    free(text);
    return sc;
}

/* The one event of @p type in @p spec (the test fails when there are none or several). */
/* @p p loads, and its second intervention keeps the name @p want as written. */
static void expect_second_intervention_name(parts p, const char *want)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_scenario *sc = load_ok(p, ctx);
    char name[64];
    cr_expect_eq(agro_scenario_intervention_name(sc, 1, name, sizeof name), AGRO_OK);
    cr_expect_str_eq(name, want);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
}

static const agro_event *only_event(const agro_season_spec *spec, int32_t type)
{
    const agro_event *found = NULL;
    int n = 0;
    for (int i = 0; i < spec->n_events; i++)
        if (spec->events[i].type == type) {
            found = &spec->events[i];
            n++;
        }
    cr_assert_eq(n, 1, "%d events of type %d", n, (int)type);
    return found;
}

static agro_scenario *load_spec(parts p, agro_ctx *ctx, agro_season_spec *spec)
{
    agro_scenario *sc = load_ok(p, ctx);
    cr_assert_eq(sc_build_spec(ctx, sc, 0, spec), AGRO_OK);
    return sc;
}

/* Results of @p sc with its first run simulated; that run's summary goes to @p sm. */
static agro_results *run_first(agro_ctx *ctx, const agro_scenario *sc, agro_season_summary *sm)
{
    agro_results *res = NULL;
    cr_assert_eq(agro_results_create(ctx, sc, &res), AGRO_OK);
    int rc = agro_scenario_run_range(ctx, sc, res, 0, 1);
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert_eq(rc, AGRO_OK, "%s", msg);
    cr_assert_eq(agro_results_get_summary(res, 0, sm), AGRO_OK);
    return res;
}

Test(scenario, factorial_expansion_counts_and_names)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    parts p = {0};
    p.ensemble = "{\"interventions\": [{\"name\": \"baseline\"}, {\"name\": \"dense\", "
                 "\"canopies\": {\"maize\": {\"sowing\": {\"density_pl_m2\": 8}}}}],\n"
                 " \"factors\": [{\"name\": \"nitrogen\", \"levels\": [{\"name\": \"N0\", "
                 "\"management\": []}, {\"name\": \"N60\"}, {\"name\": \"potential\", \"options\": "
                 "{\"water_limited\": false, \"nitrogen_limited\": false, \"weeds_limited\": "
                 "false}}]}],\n \"weather_members\": 2}";
    agro_scenario *sc = load_ok(p, ctx);
    agro_scenario_info info;
    cr_assert_eq(agro_scenario_get_info(sc, &info), AGRO_OK);
    cr_expect_eq(info.n_fields, 1);
    cr_expect_eq(info.n_interventions, 6);
    cr_expect_eq(info.n_members, 2);
    cr_expect_eq(info.n_seasons, 3);
    cr_expect_eq(info.n_runs, 36);
    cr_expect_float_eq(info.bag_kg, 100.0, 1e-12);
    char name[128];
    agro_scenario_intervention_name(sc, 0, name, sizeof name);
    cr_expect_str_eq(name, "baseline+N0");
    agro_scenario_intervention_name(sc, 4, name, sizeof name);
    cr_expect_str_eq(name, "dense+N60");
    agro_scenario_intervention_name(sc, 5, name, sizeof name);
    cr_expect_str_eq(name, "dense+potential");
    agro_run_info ri;
    agro_scenario_run_info(sc, 35, &ri);
    cr_expect(ri.field == 0 && ri.intervention == 5 && ri.member == 1 && ri.season == 2);
    cr_expect_eq(ri.year, 2003);
    agro_scenario_run_info(sc, 7, &ri); /* (0·6 + 1)·2 + 0 = 2 → runs 6..8 */
    cr_expect(ri.intervention == 1 && ri.member == 0 && ri.season == 1, "%d %d %d",
              ri.intervention, ri.member, ri.season);
    cr_expect_eq(agro_scenario_run_info(sc, 36, &ri), AGRO_EINVAL);
    cr_expect_gt(agro_scenario_text_length(sc), 100);
    agro_scenario_free(sc);
    agro_scenario_free(NULL);
    agro_ctx_free(ctx);
}

Test(scenario, unknown_key_names_json_path_and_line)
{
    parts p = {0};
    p.canopies = "[\n      {\"name\": \"maize\", \"crop\": \"maize\", \"colour\": \"red\"}\n    ]";
    EXPECT_ERROR(p, AGRO_EKEY, "s.json:10:", "fields[0].canopies[0].colour", "unknown key");
}

/* "." names the HDF5 group itself: the field's results could not be written, and the error came
   only after the whole simulation ("HDF5 error while writing ."); ".." is an ordinary name */
Test(scenario, a_name_that_is_a_single_dot_is_refused_when_the_scenario_loads)
{
    parts p = {0};
    p.ensemble = "{\"interventions\": [{\"name\": \".\"}]}";
    EXPECT_ERROR(p, AGRO_EFORMAT, "ensemble.interventions[0].name", "name \".\"");
    p.ensemble = "{\"interventions\": [{\"name\": \"..\"}]}";
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_scenario_free(load_ok(p, ctx));
    agro_ctx_free(ctx);
}

/* a bag cannot be mostly water: the moisture of the bagged grain is limited to 0-40 % */
Test(scenario, bag_moisture_out_of_range_names_its_path)
{
    parts p = {0};
    p.extra = "  \"report\": {\"grain_moisture_pct\": 60},\n";
    EXPECT_ERROR(p, AGRO_ERANGE, "report.grain_moisture_pct", "s.json:");
}

Test(scenario, bags_per_kg_ha_follow_bag_mass_area_and_moisture)
{
    agro_scenario_info info = {0};
    info.bag_kg = 100.0;
    info.area_ha = 0.40468564224;
    cr_expect_float_eq(agro_scenario_bags_per_kg_ha(&info), 0.40468564224 / 100.0, 1e-15);
    info.grain_moisture_pct = 13.5;
    cr_expect_float_eq(agro_scenario_bags_per_kg_ha(&info), 0.40468564224 / 86.5, 1e-15);
    info.grain_moisture_pct = 100.0;
    cr_expect(isnan(agro_scenario_bags_per_kg_ha(&info)));
    info.grain_moisture_pct = 0.0;
    info.bag_kg = 0.0;
    cr_expect(isnan(agro_scenario_bags_per_kg_ha(&info)));
    cr_expect(isnan(agro_scenario_bags_per_kg_ha(NULL)));
}

/* Bags per hectare instead of per acre, and a field under clear plastic film: both keys reach
 * the run; an unknown area or cover is refused naming it */
Test(scenario, a_hectare_report_and_a_film_cover_reach_the_run)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    parts p = {0};
    p.extra = "  \"report\": {\"area\": \"ha\"},\n";
    p.field_extra = "\n    \"options\": {\"cover\": \"film-clear\"},";
    static agro_season_spec spec;
    agro_scenario *sc = load_spec(p, ctx, &spec);
    agro_scenario_info info;
    cr_assert_eq(agro_scenario_get_info(sc, &info), AGRO_OK);
    cr_expect_eq(info.area_ha, 1.0);
    cr_expect_eq(spec.options.cover, AGRO_COVER_FILM_CLEAR);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
    p.extra = "  \"report\": {\"area\": \"hectare\"},\n";
    EXPECT_ERROR(p, AGRO_EFORMAT, "report.area", "unknown area \"hectare\"");
    p.extra = NULL;
    p.field_extra = "\n    \"options\": {\"cover\": \"straw\"},";
    EXPECT_ERROR(p, AGRO_EFORMAT, "options.cover", "unknown cover \"straw\"");
}

Test(scenario, bad_management_date_names_its_path)
{
    parts p = {0};
    p.management = "[\n      {\"event\": \"weed\", \"days_after_sowing\": 20, "
                   "\"fraction_removed\": 0.9},\n"
                   "      {\"event\": \"weed\", \"date\": \"--13-45\", \"fraction_removed\": 0.9}\n"
                   "    ]";
    EXPECT_ERROR(p, AGRO_ERANGE, "fields[0].management[1].date", "s.json:", "--13-45");
}

/* a sign or a blank inside a date is no date (sscanf's %d alone took "--+4-15" for 15 April) */
Test(scenario, a_date_with_a_sign_or_a_blank_is_refused)
{
    static const char *const dates[3] = {"--+4-15", "-- 4-15", "2001-0 -01"};
    for (int k = 0; k < 3; k++) {
        char mgmt[160];
        snprintf(mgmt, sizeof mgmt,
                 "[{\"event\": \"weed\", \"date\": \"%s\", \"fraction_removed\": 0.9}]", dates[k]);
        parts p = {0};
        p.management = mgmt;
        EXPECT_ERROR(p, AGRO_EFORMAT,
                     "fields[0].management[0].date", "expected an ISO date", dates[k]);
    }
}

Test(scenario, calendar_date_cannot_repeat_over_seasons)
{
    parts p = {0};
    p.management = "[{\"event\": \"irrigate\", \"date\": \"2001-04-01\", \"amount_mm\": 20}]";
    EXPECT_ERROR(p, AGRO_EFORMAT, "fields[0].management[0].date", "3 seasons");
}

Test(scenario, event_outside_the_season_is_rejected_at_load)
{
    parts p = {0};
    p.management = "[{\"event\": \"weed\", \"days_after_sowing\": 300, \"fraction_removed\": 1}]";
    EXPECT_ERROR(p, AGRO_ERANGE, "fields[0].management[0]", "outside the simulated days");
}

/* A weeding's "carried_off" (default false: the weeded plants stay on the field) reaches the
   event; it takes true or false only */
Test(scenario, weeding_carried_off_reaches_the_event)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    static agro_season_spec spec;
    for (int k = 0; k < 2; k++) {
        parts p = {0};
        p.management = k ? "[{\"event\": \"weed\", \"days_after_sowing\": 30, \"fraction_removed\": 0.9, "
                           "\"carried_off\": true}]"
                         : "[{\"event\": \"weed\", \"days_after_sowing\": 30, \"fraction_removed\": 0.9}]";
        agro_scenario *sc = load_spec(p, ctx, &spec);
        const agro_event *e = only_event(&spec, AGRO_EVENT_WEED);
        cr_expect_eq(e->carried_off, k);
        agro_scenario_free(sc);
    }
    agro_ctx_free(ctx);
    parts q = {0};
    q.management = "[{\"event\": \"weed\", \"days_after_sowing\": 30, \"fraction_removed\": 0.9, "
                   "\"carried_off\": 1}]";
    EXPECT_ERROR(q, AGRO_EFORMAT, "fields[0].management[0].carried_off", "expected true or false");
}

Test(scenario, damage_event_reaches_the_season_and_takes_its_toll)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    parts p = {0};
    p.management = "[{\"event\": \"damage\", \"days_after_sowing\": 45, \"leaf_pct\": 60, "
                   "\"plants_m2\": 1.5, \"description\": \"hail storm\"}]";
    static agro_season_spec spec;
    agro_scenario *sc = load_spec(p, ctx, &spec);
    const agro_event *e = only_event(&spec, AGRO_EVENT_DAMAGE);
    cr_expect_float_eq(e->damage.leaf_pct, 60.0, 1e-12);
    cr_expect_float_eq(e->damage.plants_m2, 1.5, 1e-12);
    cr_expect_eq(e->damage.stem_pct, 0.0);
    cr_expect(e->year == 2001 && e->doy == 74 + 45, "%d-%03d", (int)e->year, (int)e->doy);
    agro_season_summary hit, none;
    agro_results *res = run_first(ctx, sc, &hit);
    agro_results_free(res);
    agro_scenario_free(sc);
    p.management = "[]";
    sc = load_ok(p, ctx);
    res = run_first(ctx, sc, &none);
    cr_expect(hit.hwam_kg_ha < none.hwam_kg_ha, "%g vs %g", hit.hwam_kg_ha, none.hwam_kg_ha);
    cr_expect_float_eq(hit.population_pl_m2, none.population_pl_m2 - 1.5, 1e-9);
    cr_expect_gt(hit.damage_dm_kg_ha, 0.0);
    cr_expect(hit.n_balance_error_kg_ha < 1e-6, "%g", hit.n_balance_error_kg_ha);
    agro_results_free(res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);

    parts q = {0};
    q.management = "[{\"event\": \"damage\", \"days_after_sowing\": 45, \"leaf_pct\": 160}]";
    EXPECT_ERROR(q, AGRO_ERANGE, "fields[0].management[0].leaf_pct", "outside [0, 100]");
    q.management = "[{\"event\": \"damage\", \"days_after_sowing\": 45, \"leaves_pct\": 10}]";
    EXPECT_ERROR(q, AGRO_EKEY, "fields[0].management[0].leaves_pct", "unknown key");
    q.management = "[{\"event\": \"damage\", \"days_after_sowing\": 45, \"stem_g_m2\": -1}]";
    EXPECT_ERROR(q, AGRO_ERANGE, "fields[0].management[0].stem_g_m2");
}

/* A residue event hands its RESCH048.SDA type to the field, RE001 when none is given (DSSAT's
 * fallback), and leaves the lignin 0 so that the field takes the type's PSLIG or PRLIG by the
 * organic matter model; an explicit lignin_frac is kept. */
Test(scenario, residue_event_carries_its_type_and_leaves_lignin_to_the_field)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    parts p = {0};
    p.management = "[{\"event\": \"residue\", \"days_after_start\": 0, \"amount_kg_ha\": 2000, "
                   "\"depth_cm\": 15, \"residue_type\": \"RE203\"}, "
                   "{\"event\": \"residue\", \"days_after_start\": 0, \"amount_kg_ha\": 1000, "
                   "\"depth_cm\": 15, \"n_pct\": 0.8}, "
                   "{\"event\": \"residue\", \"days_after_start\": 0, \"amount_kg_ha\": 500, "
                   "\"residue_type\": \"RE106\", \"lignin_frac\": 0.3}]";
    static agro_season_spec spec;
    agro_scenario *sc = load_spec(p, ctx, &spec);
    const int32_t type[3] = {203, 1, 106};
    const double lig[3] = {0.0, 0.0, 0.3}, npct[3] = {1.10, 0.8, 1.20};
    int k = 0;
    for (int i = 0; i < spec.n_events; i++) {
        const agro_event *e = &spec.events[i];
        if (e->type != AGRO_EVENT_RESIDUE) continue;
        cr_assert_lt(k, 3);
        cr_expect_eq(e->residue_type, type[k], "event %d: type %d", k, (int)e->residue_type);
        cr_expect_float_eq(e->lignin_frac, lig[k], 1e-12, "event %d", k);
        cr_expect_float_eq(e->n_pct, npct[k], 1e-12, "event %d: %g %% N", k, e->n_pct);
        k++;
    }
    cr_expect_eq(k, 3);
    agro_season_summary sm;
    agro_results *res = run_first(ctx, sc, &sm);
    cr_expect(sm.n_balance_error_kg_ha < 1e-6, "%g", sm.n_balance_error_kg_ha);
    agro_results_free(res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
}

/* A residue incorporated deeper than 300 cm, up to the field's bound of 1000 cm (that of a
 * tillage pass), loads and runs as it does through the C and Python event API: the scenario
 * refused it with "outside [0, 300]" where docs/scenario.md gives 0-1000. */
Test(scenario, residue_depth_takes_the_fields_range)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    parts p = {0};
    p.management = "[{\"event\": \"residue\", \"days_after_start\": 0, \"amount_kg_ha\": 2000, "
                   "\"depth_cm\": 500}]";
    static agro_season_spec spec;
    agro_scenario *sc = load_spec(p, ctx, &spec);
    cr_expect_float_eq(only_event(&spec, AGRO_EVENT_RESIDUE)->depth_cm, 500.0, 1e-12);
    agro_season_summary sm;
    agro_results *res = run_first(ctx, sc, &sm);
    cr_expect(sm.n_balance_error_kg_ha < 1e-6, "%g", sm.n_balance_error_kg_ha);
    agro_results_free(res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
    parts q = {0};
    q.management = "[{\"event\": \"residue\", \"days_after_start\": 0, \"amount_kg_ha\": 2000, "
                   "\"depth_cm\": 1001}]";
    EXPECT_ERROR(q, AGRO_ERANGE, "fields[0].management[0].depth_cm", "outside [0, 1000]");
}

Test(scenario, root_residue_event_reaches_the_season_with_its_n)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    parts p = {0};
    p.management = "[{\"event\": \"root_residue\", \"days_after_start\": 0, \"amount_kg_ha\": 1200, "
                   "\"n_pct\": 0.9, \"source\": \"RESCH048.SDA maize RCN\", "
                   "\"description\": \"previous maize roots\"}]";
    static agro_season_spec spec;
    agro_scenario *sc = load_spec(p, ctx, &spec);
    const agro_event *e = only_event(&spec, AGRO_EVENT_ROOT_RESIDUE);
    cr_expect_float_eq(e->amount, 1200.0, 1e-12);
    cr_expect_float_eq(e->n_pct, 0.9, 1e-12);
    cr_expect(e->year == spec.start_year && e->doy == spec.start_doy, "%d-%03d", (int)e->year,
              (int)e->doy);
    /* the season runs with it, N balance closed */
    agro_season_summary sm;
    agro_results *res = run_first(ctx, sc, &sm);
    cr_expect(sm.n_balance_error_kg_ha < 1e-6, "%g", sm.n_balance_error_kg_ha);
    agro_results_free(res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);

    /* n_pct is required and bounded; no depth (the roots are spread over the profile) */
    parts q = {0};
    q.management = "[{\"event\": \"root_residue\", \"days_after_start\": 0, \"amount_kg_ha\": 1200}]";
    EXPECT_ERROR(q, AGRO_EMISSING, "fields[0].management[0]", "n_pct");
    q.management = "[{\"event\": \"root_residue\", \"days_after_start\": 0, \"amount_kg_ha\": 1200, "
                   "\"n_pct\": 12}]";
    EXPECT_ERROR(q, AGRO_ERANGE, "fields[0].management[0].n_pct", "outside [0, 10]");
    q.management = "[{\"event\": \"root_residue\", \"days_after_start\": 0, \"n_pct\": 0.9}]";
    EXPECT_ERROR(q, AGRO_EMISSING, "fields[0].management[0]", "amount_kg_ha");
    q.management = "[{\"event\": \"root_residue\", \"days_after_start\": 0, \"amount_kg_ha\": 1200, "
                   "\"n_pct\": 0.9, \"depth_cm\": 20}]";
    EXPECT_ERROR(q, AGRO_EKEY, "fields[0].management[0].depth_cm", "unknown key");
}


/* A fertilise event's urea share reaches the season (the urea pool then hydrolyses it); its
 * NH4 share defaults to half of the rest, and the shares may not exceed 1. */
Test(scenario, fertiliser_urea_share_reaches_the_season_and_is_checked)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    parts p = {0};
    p.management = "[{\"event\": \"fertilise\", \"days_after_sowing\": 0, \"n_kg_ha\": 50, "
                   "\"urea_fraction\": 1},\n"
                   " {\"event\": \"fertilise\", \"days_after_sowing\": 30, \"n_kg_ha\": 20, "
                   "\"urea_fraction\": 0.5}]";
    static agro_season_spec spec;
    agro_scenario *sc = load_spec(p, ctx, &spec);
    int found = 0;
    for (int i = 0; i < spec.n_events; i++) {
        const agro_event *e = &spec.events[i];
        if (e->type != AGRO_EVENT_FERTILISE) continue;
        if (e->amount == 50.0) {
            cr_expect_float_eq(e->urea_fraction, 1.0, 1e-15);
            cr_expect_float_eq(e->nh4_fraction, 0.0, 1e-15);
        } else {
            cr_expect_float_eq(e->urea_fraction, 0.5, 1e-15);
            cr_expect_float_eq(e->nh4_fraction, 0.25, 1e-15);
        }
        found++;
    }
    cr_expect_eq(found, 2);
    agro_season_summary sm;
    agro_results *res = run_first(ctx, sc, &sm);
    int32_t nd = 0;
    const agro_field_daily *d = agro_results_daily_view(res, 0, &nd);
    cr_assert_not_null(d);
    double urea_max = 0.0;
    for (int32_t i = 0; i < nd; i++) urea_max = d[i].urea_kg_ha > urea_max ? d[i].urea_kg_ha : urea_max;
    cr_expect(urea_max > 10.0 && urea_max < 50.0, "urea in the soil at most %g kg N/ha", urea_max);
    cr_expect_float_eq(sm.nicm_kg_ha, 70.0, 1e-9);
    cr_expect(sm.n_balance_error_kg_ha < 1e-6, "%g", sm.n_balance_error_kg_ha);
    agro_results_free(res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);

    parts q = {0};
    q.management = "[{\"event\": \"fertilise\", \"days_after_sowing\": 0, \"n_kg_ha\": 50, "
                   "\"urea_fraction\": 0.8, \"nh4_fraction\": 0.5}]";
    EXPECT_ERROR(q, AGRO_ERANGE, "fields[0].management[0]", "nh4_fraction + urea_fraction");
}

/* "incorporated" and "material" of a fertilise event: a FERCH048 material gives the N shares
 * (FE005 urea: all urea) and the oxidised layer's pH shift; urea left on the surface
 * ("incorporated": false, depth 0) loses N as NH3 (DSSAT OXLAYER.for), worked into the top
 * layer it does not; bad values are named with their JSON path and line. */
Test(scenario, fertiliser_incorporation_and_material_reach_the_field)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    static agro_season_spec spec;
    double amlc[2], nbal[2];
    for (int k = 0; k < 2; k++) {
        parts p = {0};
        p.management = k == 0 ? "[{\"event\": \"fertilise\", \"days_after_sowing\": 0, "
                                "\"n_kg_ha\": 60, \"material\": \"FE005\", \"incorporated\": false}]"
                              : "[{\"event\": \"fertilise\", \"days_after_sowing\": 0, "
                                "\"n_kg_ha\": 60, \"material\": \"FE005\", \"incorporated\": true, "
                                "\"depth_cm\": 0}]";
        agro_scenario *sc = load_spec(p, ctx, &spec);
        int found = 0;
        for (int i = 0; i < spec.n_events; i++) {
            const agro_event *e = &spec.events[i];
            if (e->type != AGRO_EVENT_FERTILISE) continue;
            found++;
            cr_expect_eq(e->incorporated, k);
            cr_expect_eq(e->fert_material, 5);
            cr_expect_eq(e->depth_cm, 0.0);
            cr_expect_float_eq(e->urea_fraction, 1.0, 1e-15);
            cr_expect_float_eq(e->nh4_fraction, 0.0, 1e-15);
        }
        cr_expect_eq(found, 1);
        agro_season_summary sm;
        agro_results *res = run_first(ctx, sc, &sm);
        amlc[k] = sm.amlc_kg_ha;
        nbal[k] = sm.n_balance_error_kg_ha;
        agro_results_free(res);
        agro_scenario_free(sc);
    }
    cr_expect_gt(amlc[0], 1.0, "surface urea volatilises (%g kg N/ha)", amlc[0]);
    cr_expect_eq(amlc[1], 0.0, "incorporated urea does not (%g kg N/ha)", amlc[1]);
    cr_expect_lt(fabs(nbal[0]), 1e-6);
    cr_expect_lt(fabs(nbal[1]), 1e-6);

    /* without the keys: 5 cm, half NH4, no material, as before; explicit shares beat the
       material's; ammonium nitrate (FE001) is half NH4 */
    parts d = {0};
    d.management = "[{\"event\": \"fertilise\", \"days_after_sowing\": 0, \"n_kg_ha\": 60},\n"
                   " {\"event\": \"fertilise\", \"days_after_sowing\": 1, \"n_kg_ha\": 61, "
                   "\"material\": \"FE005\", \"urea_fraction\": 0.5},\n"
                   " {\"event\": \"fertilise\", \"days_after_sowing\": 2, \"n_kg_ha\": 62, "
                   "\"material\": \"FE001\", \"depth_cm\": 0}]";
    agro_scenario *sc = load_spec(d, ctx, &spec);
    for (int i = 0; i < spec.n_events; i++) {
        const agro_event *e = &spec.events[i];
        if (e->type != AGRO_EVENT_FERTILISE) continue;
        cr_expect_eq(e->incorporated, 0);
        if (e->amount == 60.0) {
            cr_expect_eq(e->depth_cm, 5.0);
            cr_expect_eq(e->fert_material, 0);
            cr_expect_eq(e->nh4_fraction, 0.5);
            cr_expect_eq(e->urea_fraction, 0.0);
        } else if (e->amount == 61.0) {
            cr_expect_eq(e->fert_material, 5);
            cr_expect_eq(e->urea_fraction, 0.5);
            cr_expect_eq(e->nh4_fraction, 0.0, "FE005 has no NH4 (%g)", e->nh4_fraction);
        } else {
            cr_expect_eq(e->depth_cm, 0.0);
            cr_expect_eq(e->fert_material, 1);
            cr_expect_eq(e->nh4_fraction, 0.5);
            cr_expect_eq(e->urea_fraction, 0.0);
        }
    }
    agro_scenario_free(sc);
    agro_ctx_free(ctx);

    parts q = {0};
    q.management = "[{\"event\": \"fertilise\", \"days_after_sowing\": 0, \"n_kg_ha\": 50,\n"
                   "  \"material\": \"FE999\"}]";
    EXPECT_ERROR(q, AGRO_EFORMAT,
                 "s.json:16:", "fields[0].management[0].material",
                 "unknown fertiliser material \"FE999\"");
    q.management = "[{\"event\": \"fertilise\", \"days_after_sowing\": 0, \"n_kg_ha\": 50,\n"
                   "  \"material\": \"urea\"}]";
    EXPECT_ERROR(q, AGRO_EFORMAT, "s.json:16:", "fields[0].management[0].material");
    q.management = "[{\"event\": \"fertilise\", \"days_after_sowing\": 0, \"n_kg_ha\": 50,\n"
                   "  \"incorporated\": \"yes\"}]";
    EXPECT_ERROR(q, AGRO_EFORMAT,
                 "s.json:16:", "fields[0].management[0].incorporated", "true or false");
    q.management = "[{\"event\": \"fertilise\", \"days_after_sowing\": 0, \"n_kg_ha\": 50,\n"
                   "  \"incorporated\": false, \"depth_cm\": 5}]";
    EXPECT_ERROR(q, AGRO_ERANGE, "s.json:16:", "fields[0].management[0].depth_cm", "incorporated");
}

/* The field options choose the soil evaporation, the crop N uptake and the crop N stress form
 * (DSSAT MESEV, MZ_NUPTAK, MZ_NFACTO); the defaults are Ritchie's evaporation, the generic uptake
 * and the stage 3-4 transform; unknown names are errors with their JSON path. */
Test(scenario, evaporation_and_n_uptake_methods_reach_the_field)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    static agro_season_spec spec;
    parts d = {0};
    agro_scenario *sc = load_spec(d, ctx, &spec);
    cr_expect_eq(spec.options.soil_evap_method, AGRO_SOIL_EVAP_RITCHIE);
    cr_expect_eq(spec.options.crop_n_uptake_method, AGRO_CROP_N_UPTAKE_GENERIC);
    cr_expect_eq(spec.options.crop_n_stress_method, AGRO_CROP_N_STRESS_STAGE_TRANSFORM);
    cr_expect_eq(spec.options.soil_temp_surface, AGRO_STEMP_SURFACE_AIR);
    agro_season_summary base;
    agro_results *res = run_first(ctx, sc, &base);
    agro_results_free(res);
    agro_scenario_free(sc);
    parts p = {0};
    p.field_extra = "\n    \"options\": {\"soil_evaporation\": \"suleiman-ritchie\", "
                    "\"n_uptake\": \"ceres-maize\", \"n_stress\": \"dssat-4.8\"},";
    sc = load_spec(p, ctx, &spec);
    cr_expect_eq(spec.options.soil_evap_method, AGRO_SOIL_EVAP_SULEIMAN_RITCHIE);
    cr_expect_eq(spec.options.crop_n_uptake_method, AGRO_CROP_N_UPTAKE_CERES_MAIZE);
    cr_expect_eq(spec.options.crop_n_stress_method, AGRO_CROP_N_STRESS_DSSAT48);
    agro_season_summary sm;
    res = run_first(ctx, sc, &sm);
    cr_expect(sm.water_balance_error_mm < 1e-6 && sm.n_balance_error_kg_ha < 1e-6, "%g %g",
              sm.water_balance_error_mm, sm.n_balance_error_kg_ha);
    cr_expect(sm.escm_mm != base.escm_mm, "the evaporation method changes soil evaporation");
    cr_expect(sm.nucm_kg_ha != base.nucm_kg_ha, "the uptake method changes N uptake");
    agro_results_free(res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
    expect_option_name_refused("soil_evaporation", "penman", "ritchie, suleiman-ritchie");
    expect_option_name_refused("n_uptake", "apsim", "generic, ceres-maize");
    expect_option_name_refused("n_stress", "apsim", "stage-transform, dssat-4.8");
    expect_option_name_refused("stemp_surface", "kimball", "air, albedo");
}

/* The scenario key reaches the field options. */
Test(scenario, stemp_surface_key_sets_the_field_option)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    static agro_season_spec spec;
    parts p = {0};
    p.field_extra = "\n    \"options\": {\"stemp_surface\": \"albedo\"},";
    agro_scenario *sc = load_spec(p, ctx, &spec);
    cr_expect_eq(spec.options.soil_temp_surface, AGRO_STEMP_SURFACE_ALBEDO);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
}

/* "epic" selects DSSAT's EPIC soil temperature; an unknown name lists the three */
Test(scenario, soil_temperature_key_selects_epic)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    static agro_season_spec spec;
    parts p = {0};
    p.field_extra = "\n    \"options\": {\"soil_temperature\": \"epic\"},";
    agro_scenario *sc = load_spec(p, ctx, &spec);
    cr_expect_eq(spec.options.soil_temp_method, AGRO_SOIL_TEMP_EPIC);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
    expect_option_name_refused("soil_temperature", "parton", "stemp, numerical, epic");
}

Test(scenario, planned_types_are_rejected_clearly)
{
    parts p = {0};
    p.canopies = "[{\"name\": \"soy\", \"crop\": \"soybean\"}]";
    EXPECT_ERROR(p, AGRO_EFORMAT, "fields[0].canopies[0].crop", "not available in this version");
    parts q = {0};
    q.field_extra = " \"arrangement\": \"strip\",";
    EXPECT_ERROR(q, AGRO_EFORMAT, "fields[0].arrangement", "not available");
}

Test(scenario, mushroom_field_type_is_not_available_yet)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_scenario *sc = NULL;
    const char *text = "{\"schema_version\": 1, \"name\": \"m\",\n"
                       " \"weather\": {\"generate\": {\"site\": \"" MODELS
                       "/sites/morogoro.json\", \"seed\": 1, \"first_year\": 2001, \"years\": 1}},\n"
                       " \"soil\": {\"file\": \"" MODELS "/soils/morogoro_sandy_clay_loam.json\"},\n"
                       " \"seasons\": {\"first_year\": 2001, \"count\": 1, \"start\": \"--03-01\"},\n"
                       " \"fields\": [{\"name\": \"shed\", \"type\": \"mushroom_shed\"}]}";
    int rc = agro_scenario_load_text(ctx, "m.json", text, NULL, &sc);
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect_eq(rc, AGRO_EFORMAT, "%s", msg);
    cr_expect(strstr(msg, "m.json:5: fields[0].type") != NULL, "%s", msg);
    cr_expect(strstr(msg, "mushroom_shed") != NULL, "%s", msg);
    agro_ctx_free(ctx);
}

Test(scenario, intervention_errors_point_into_the_ensemble)
{
    parts p = {0};
    p.ensemble = "{\"interventions\": [{\"name\": \"a\"}, {\"name\": \"b\", \"canopies\": "
                 "{\"maize\": {\"sowing\": {\"density_pl_m2\": -3}}}}]}";
    EXPECT_ERROR(p, AGRO_ERANGE,
                 "ensemble.interventions[1].canopies.maize.sowing.density_pl_m2", "outside");
    parts q = {0};
    q.ensemble = "{\"interventions\": [{\"name\": \"a\", \"canopies\": {\"sorghum\": {}}}]}";
    EXPECT_ERROR(q, AGRO_ENOTFOUND, "ensemble.interventions[0].canopies.sorghum", "no canopy");
    parts r = {0};
    r.ensemble = "{\"interventions\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}";
    EXPECT_ERROR(r, AGRO_EORDER, "ensemble.interventions[1].name", "duplicate");
    parts s = {0};
    s.ensemble = "{\"interventions\": [{\"name\": \"a\", \"apply_to\": [\"garden\"]}]}";
    EXPECT_ERROR(s, AGRO_ENOTFOUND, "ensemble.interventions[0].apply_to[0]", "garden");
}

/* "apply_to": [] applied the level to no field without a word: its overrides were never read,
   not even checked, and its runs repeated the baseline's under another name */
Test(scenario, a_level_applied_to_no_field_is_refused)
{
    parts p = {0};
    p.ensemble = "{\"interventions\": [{\"name\": \"a\"},\n"
                 "  {\"name\": \"b\", \"apply_to\": [],\n"
                 "   \"canopies\": {\"maize\": {\"sowing\": {\"density_pl_m2\": -3}}}}]}";
    EXPECT_ERROR(p, AGRO_EMISSING, "s.json:21: ensemble.interventions[1].apply_to: an empty list",
                 "leave apply_to out");
    parts q = {0};
    q.ensemble = "{\"factors\": [{\"name\": \"n\", \"levels\": [{\"name\": \"N0\", "
                 "\"apply_to\": []}]}]}";
    EXPECT_ERROR(q, AGRO_EMISSING, "ensemble.factors[0].levels[0].apply_to", "no field");
    parts r = {0};
    r.ensemble = "{\"interventions\": [{\"name\": \"a\", \"apply_to\": \"plot\"}]}";
    EXPECT_ERROR(r, AGRO_EFORMAT, "ensemble.interventions[0].apply_to", "expected an array");
}

/* "apply_to": ["plot", "plot"] loaded without a word and applied the level to plot once: a
   field named twice is surely another field meant (a line copied and not edited) */
Test(scenario, a_field_named_twice_in_apply_to_is_refused)
{
    parts p = {0};
    p.ensemble = "{\"interventions\": [{\"name\": \"a\"},\n"
                 "  {\"name\": \"b\", \"apply_to\": [\"plot\",\n"
                 "   \"plot\"]}]}";
    EXPECT_ERROR(p, AGRO_EORDER, "s.json:22: ensemble.interventions[1].apply_to[1]",
                 "field \"plot\" named twice (also apply_to[0])");
    parts q = {0};
    q.ensemble = "{\"factors\": [{\"name\": \"n\", \"levels\": [{\"name\": \"N0\"}, "
                 "{\"name\": \"N60\", \"apply_to\": [\"plot\", \"plot\", \"plot\"]}]}]}";
    EXPECT_ERROR(q, AGRO_EORDER, "ensemble.factors[0].levels[1].apply_to[1]", "named twice");
    /* a field named once still takes the level, and an unknown name is still ENOTFOUND */
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    parts r = {0};
    r.ensemble = "{\"interventions\": [{\"name\": \"a\"}, {\"name\": \"b\", \"apply_to\": "
                 "[\"plot\"], \"canopies\": {\"maize\": {\"sowing\": {\"density_pl_m2\": 8}}}}]}";
    agro_scenario *sc = load_ok(r, ctx);
    cr_expect_eq(sc->fields[0].density_pl_m2, 5.0);
    cr_expect_eq(sc->fields[1].density_pl_m2, 8.0);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
    parts u = {0};
    u.ensemble = "{\"interventions\": [{\"name\": \"a\", \"apply_to\": [\"plot\", \"shed\", "
                 "\"plot\"]}]}";
    EXPECT_ERROR(u, AGRO_ENOTFOUND, "ensemble.interventions[0].apply_to[1]", "no field named");
}

/* Found by tests/test_input_mutations.c: a key given twice used to load (the first value held,
 * the second was ignored without a word), also for the canopy overrides of an intervention,
 * which are keyed by canopy name; a NUL byte ended a scenario file there. */
Test(scenario, keys_given_twice_and_nul_bytes_are_refused)
{
    parts p = {0};
    p.extra = "  \"name\": \"again\",\n";
    EXPECT_ERROR(p, AGRO_EKEY, "s.json:", "name", "given twice");
    parts q = {0};
    q.ensemble = "{\"interventions\": [{\"name\": \"a\"}, {\"name\": \"b\", \"canopies\": "
                 "{\"maize\": {\"sowing\": {\"density_pl_m2\": 8}},\n"
                 " \"maize\": {\"sowing\": {\"density_pl_m2\": 3}}}}]}";
    EXPECT_ERROR(q, AGRO_EKEY, "ensemble.interventions[1].canopies.maize", "given twice");

    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    char *text = make_text((parts){0});
    char path[512];
    snprintf(path, sizeof path, "%s/tests/nul_scenario.json", AGROSIM_BINARY_DIR);
    FILE *fp = fopen(path, "wb");
    cr_assert_not_null(fp, "%s", path);
    size_t n = strlen(text);
    fwrite(text, 1, n - 2, fp); /* a NUL before the closing brace: */
    fputc('\0', fp);
    fwrite(text + n - 2, 1, 2, fp);
    fclose(fp);
    agro_scenario *sc = NULL;
    cr_expect_eq(agro_scenario_load(ctx, path, &sc), AGRO_EFORMAT);
    cr_expect_null(sc);
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect(strstr(msg, "nul_scenario.json:") != NULL && strstr(msg, "NUL byte") != NULL, "%s",
              msg);
    remove(path);
    free(text);
    agro_ctx_free(ctx);
}

/* cJSON decodes the escape \u0000 into the C string it hands out, which ends there: a name
 * "plot\u0000x" ran as "plot", a sowing date "--03-15\u0000x" as "--03-15", without a word.
 * An escaped backslash before "u0000" is text, not the escape, and loads. */
Test(scenario, a_nul_escape_in_a_string_is_refused_naming_its_line)
{
    parts p = {0};
    p.field_extra = "\n    \"initial\": {\"no3_ppm\": 2, \"source\": \"lab\\u0000 sheet\"},";
    EXPECT_ERROR(p, AGRO_EFORMAT, "s.json:9:", "\\u0000", "column 45");
    parts q = {0};
    q.canopies = "[{\"name\": \"maize\", \"crop\": \"maize\", \"cultivar\": {\"dssat_cul\": \"" GENO
                 "/MZCER048.CUL\", \"dssat_eco\": \"" GENO "/MZCER048.ECO\", \"id\": \"IB0059\"}, "
                 "\"sowing\": {\"date\": \"--03-15\\u0000junk\", \"density_pl_m2\": 5, "
                 "\"row_spacing_cm\": 75, \"depth_cm\": 5}}]";
    EXPECT_ERROR(q, AGRO_EFORMAT, "s.json:9:", "NUL character");
    parts ok = {0};
    ok.field_extra = "\n    \"initial\": {\"no3_ppm\": 2, \"source\": \"C:\\\\u0000\"},";
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_scenario_free(load_ok(ok, ctx));
    agro_ctx_free(ctx);
}

/* A JSON soil file with an "id": its own loads, another is named against the file's (docs/
 * scenario.md, "soil"); the id made the scenario read the JSON file as a DSSAT .SOL, which
 * found no profile, not even the file's own. */
Test(scenario, a_json_soil_given_with_an_id_is_read_as_json)
{
    static const char soil[] =
        "\"soil\": {\"file\": \"" MODELS "/soils/morogoro_sandy_clay_loam.json\"}";
    const char *ids[2] = {"MOROGORO_SCL", "KEKA900001"};
    for (int k = 0; k < 2; k++) {
        char *text = make_text((parts){0});
        char *at = strstr(text, soil);
        cr_assert_not_null(at);
        char with_id[1024];
        snprintf(with_id, sizeof with_id, "%.*s, \"id\": \"%s\"}", (int)strlen(soil) - 1, soil,
                 ids[k]);
        char *t2 = malloc(strlen(text) + strlen(with_id) + 1);
        snprintf(t2, strlen(text) + strlen(with_id) + 1, "%.*s%s%s", (int)(at - text), text,
                 with_id, at + strlen(soil));
        agro_ctx *ctx;
        agro_ctx_create(&ctx);
        agro_scenario *sc = NULL;
        int rc = agro_scenario_load_text(ctx, "s.json", t2, NULL, &sc);
        char msg[AGRO_MESSAGE_MAX];
        agro_ctx_message(ctx, msg, sizeof msg);
        if (k == 0) {
            cr_expect_eq(rc, AGRO_OK, "%s", msg);
        } else {
            cr_expect_eq(rc, AGRO_ENOTFOUND, "%d: %s", rc, msg);
            cr_expect(strstr(msg, "s.json:5: soil:") && strstr(msg, "this file holds "
                                                                    "\"MOROGORO_SCL\""),
                      "%s", msg);
        }
        agro_scenario_free(sc);
        agro_ctx_free(ctx);
        free(t2);
        free(text);
    }
}

Test(scenario, schema_version_and_required_keys)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_scenario *sc = NULL;
    int rc = agro_scenario_load_text(ctx, "v.json", "{\"schema_version\": 2}", NULL, &sc);
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect_eq(rc, AGRO_ERANGE, "%s", msg);
    cr_expect(strstr(msg, "schema_version") != NULL, "%s", msg);
    parts p = {0};
    p.canopies = "[{\"name\": \"maize\", \"crop\": \"maize\", \"cultivar\": {\"dssat_cul\": \"" GENO
                 "/MZCER048.CUL\", \"dssat_eco\": \"" GENO "/MZCER048.ECO\", \"id\": \"IB0059\"}, "
                 "\"sowing\": {\"density_pl_m2\": 5, \"row_spacing_cm\": 75, \"depth_cm\": 5}}]";
    EXPECT_ERROR(p, AGRO_EMISSING, "fields[0].canopies[0].sowing", "a date is required");
    rc = agro_scenario_load(ctx, "/nonexistent/s.json", &sc);
    cr_expect_eq(rc, AGRO_EIO);
    agro_ctx_free(ctx);
}

Test(scenario, weather_must_cover_every_season)
{
    parts p = {0};
    p.seasons = "{\"first_year\": 2001, \"count\": 6, \"start\": \"--03-01\", \"max_days\": 200}";
    EXPECT_ERROR(p, AGRO_ENOTFOUND, "seasons", "season 5", "not covered by the weather");
    parts q = {0};
    q.weather = "{\"file\": \"" MODELS "/sites/morogoro.json\"}";
    q.ensemble = "{\"weather_members\": 3}";
    EXPECT_ERROR(q, AGRO_EFORMAT, "ensemble", "generated weather");
}

Test(scenario, unknown_cultivar_is_reported_with_the_scenario_path)
{
    parts p = {0};
    p.canopies = "[{\"name\": \"maize\", \"crop\": \"maize\", \"cultivar\": {\"dssat_cul\": \"" GENO
                 "/MZCER048.CUL\", \"dssat_eco\": \"" GENO "/MZCER048.ECO\", \"id\": \"XX9999\"}, "
                 "\"sowing\": {\"date\": \"--03-15\", \"density_pl_m2\": 5, \"row_spacing_cm\": 75, "
                 "\"depth_cm\": 5}}]";
    EXPECT_ERROR(p, AGRO_ENOTFOUND, "fields[0].canopies[0].cultivar", "XX9999");
}

/* ---- runs ---- */

/* A season that crosses 31 December (the short rains, or a southern summer): a yearly day
 * before the season's start falls in the next year, one after it in the season's year */
Test(scenario, a_yearly_day_before_the_season_start_falls_in_the_next_year)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    parts p = {0};
    p.seasons = "{\"first_year\": 2001, \"count\": 2, \"start\": \"--10-01\", \"max_days\": 250}";
    p.canopies = "[{\"name\": \"maize\", \"crop\": \"maize\", \"cultivar\": {\"dssat_cul\": \"" GENO
                 "/MZCER048.CUL\", \"dssat_eco\": \"" GENO "/MZCER048.ECO\", \"id\": \"IB0059\"},\n"
                 " \"sowing\": {\"date\": \"--11-15\", \"density_pl_m2\": 5, \"row_spacing_cm\": 75, \"depth_cm\": 5}}]";
    p.management = "[{\"event\": \"fertilise\", \"date\": \"--01-10\", \"n_kg_ha\": 30}]";
    agro_scenario *sc = load_ok(p, ctx);
    for (int32_t season = 0; season < 2; season++) {
        agro_run_info ri;
        cr_assert_eq(agro_scenario_run_info(sc, season, &ri), AGRO_OK);
        cr_assert_eq(ri.season, season);
        static agro_season_spec spec;
        cr_assert_eq(sc_build_spec(ctx, sc, season, &spec), AGRO_OK);
        const agro_event *sow = only_event(&spec, AGRO_EVENT_SOW), *fert = only_event(&spec, AGRO_EVENT_FERTILISE);
        cr_expect(sow->year == 2001 + season && sow->doy == 319, "sown %d-%03d", sow->year, sow->doy);
        cr_expect(fert->year == 2002 + season && fert->doy == 10, "fertilised %d-%03d", fert->year, fert->doy);
    }
    /* and the season runs through the new year: the dressing is applied */
    agro_season_summary sm;
    agro_results *res = run_first(ctx, sc, &sm);
    cr_expect_float_eq(sm.nicm_kg_ha, 30.0, 1e-9);
    agro_results_free(res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
}

/* A weed flora from its own file (`params_file`) reaches the field; an intervention that
 * replaces the weed cohorts keeps that flora */
Test(scenario, a_weed_flora_file_and_an_intervention_on_the_weeds_reach_the_field)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    char flora[512], canopies[2048];
    snprintf(flora, sizeof flora, "%s/tests/flora_test.json", AGROSIM_BINARY_DIR);
    FILE *fp = fopen(flora, "w");
    cr_assert_not_null(fp);
    fputs("{\"schema_version\": 1, \"name\": \"fine\", \"source\": \"test\", \"rlv_per_g_cm_g\": 19600,"
          " \"root_frac\": 0.3}\n", fp);
    fclose(fp);
    snprintf(canopies, sizeof canopies,
             "[{\"name\": \"maize\", \"crop\": \"maize\", \"cultivar\": {\"dssat_cul\": \"" GENO
             "/MZCER048.CUL\", \"dssat_eco\": \"" GENO "/MZCER048.ECO\", \"id\": \"IB0059\"},\n"
             " \"sowing\": {\"date\": \"--03-15\", \"density_pl_m2\": 5, \"row_spacing_cm\": 75, \"depth_cm\": 5}},\n"
             " {\"name\": \"weeds\", \"crop\": \"weeds\", \"params_file\": \"%s\",\n"
             "  \"cohorts\": [{\"days_after_sowing\": 7, \"density_pl_m2\": 60}]}]", flora);
    parts p = {0};
    p.canopies = canopies;
    p.ensemble = "{\"interventions\": [{\"name\": \"a\"}, {\"name\": \"late\", \"canopies\": {\"weeds\": "
                 "{\"cohorts\": [{\"days_after_sowing\": 30, \"density_pl_m2\": 10}]}}}]}";
    agro_scenario *sc = load_ok(p, ctx);
    agro_weed_params def;
    agro_weed_params_default(&def);
    static agro_season_spec spec;
    for (int32_t run = 0; run <= 3; run += 3) { /* intervention 0 and 1, season 0 */
        agro_run_info ri;
        cr_assert_eq(agro_scenario_run_info(sc, run, &ri), AGRO_OK);
        cr_assert(ri.intervention == run / 3 && ri.season == 0);
        cr_assert_eq(sc_build_spec(ctx, sc, run, &spec), AGRO_OK);
        const agro_weed_params *w = &spec.options.weeds;
        cr_expect(w->rlv_per_g_cm_g == 19600.0 && w->root_frac == 0.3, "run %d: %g cm/g, %g", run,
                  w->rlv_per_g_cm_g, w->root_frac);
        cr_expect_eq(w->seedling_g, def.seedling_g, "the file's other parameters are the defaults");
        /* a fixed sowing day (2001-074): the cohort is dated */
        const agro_event *e = only_event(&spec, AGRO_EVENT_WEEDS_EMERGE);
        cr_expect(e->year == 2001 && e->doy == 74 + (run ? 30 : 7) && e->density_pl_m2 == (run ? 10.0 : 60.0),
                  "run %d: %d-%03d, %g plants/m²", run, e->year, e->doy, e->density_pl_m2);
    }
    agro_scenario_free(sc);
    remove(flora);
    agro_ctx_free(ctx);
}

static agro_results *run_all(agro_scenario *sc, agro_ctx *ctx)
{
    agro_results *res = NULL;
    cr_assert_eq(agro_results_create(ctx, sc, &res), AGRO_OK);
    int rc = agro_scenario_run(ctx, sc, res);
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert_eq(rc, AGRO_OK, "run failed: %s", msg);
    return res;
}

Test(scenario, runs_split_in_pieces_give_identical_results)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    parts p = {0};
    p.ensemble = "{\"interventions\": [{\"name\": \"a\"}, {\"name\": \"b\", \"canopies\": "
                 "{\"maize\": {\"sowing\": {\"density_pl_m2\": 3}}}}], \"weather_members\": 2}";
    agro_scenario *sc = load_ok(p, ctx);
    agro_results *all = run_all(sc, ctx);
    agro_results *parts_res = NULL;
    agro_results_create(ctx, sc, &parts_res);
    agro_scenario_info info;
    agro_scenario_get_info(sc, &info);
    /* backwards, in uneven pieces */
    for (int32_t end = info.n_runs; end > 0;) {
        int32_t first = end >= 5 ? end - 5 : 0;
        cr_assert_eq(agro_scenario_run_range(ctx, sc, parts_res, first, end - first), AGRO_OK);
        end = first;
    }
    for (int32_t r = 0; r < info.n_runs; r++) {
        agro_season_summary a, b;
        cr_assert_eq(agro_results_get_summary(all, r, &a), AGRO_OK);
        cr_assert_eq(agro_results_get_summary(parts_res, r, &b), AGRO_OK);
        cr_expect_eq(memcmp(&a, &b, sizeof a), 0, "run %d differs", r);
        cr_expect(isfinite(a.hwam_kg_ha) && a.hwam_kg_ha >= 0, "run %d yield %g", r, a.hwam_kg_ha);
    }
    cr_expect_eq(agro_scenario_run_range(ctx, sc, parts_res, info.n_runs - 1, 2), AGRO_EINVAL);
    /* inclusive ends, as agro_scenario_info and Python name the runs (it read "runs 59..61
       outside 0..60", end-exclusive) */
    char want[128], got[AGRO_MESSAGE_MAX];
    snprintf(want, sizeof want, "2 run(s) from run %d: the scenario has runs 0 to %d",
             (int)info.n_runs - 1, (int)info.n_runs - 1);
    agro_ctx_message(ctx, got, sizeof got);
    cr_expect(strstr(got, want) != NULL, "message \"%s\"", got);
    /* counts whose sum passes INT32_MAX: refused, not wrapped into "nothing to do" (found by
       probing the public API) */
    cr_expect_eq(agro_scenario_run_range(ctx, sc, parts_res, INT32_MAX, 1), AGRO_EINVAL);
    cr_expect_eq(agro_scenario_run_range(ctx, sc, parts_res, 1, INT32_MAX), AGRO_EINVAL);
    /* a NULL scenario or results is named as such: it read "results do not belong to the
       scenario", which sent the reader looking for a mix-up of two scenarios */
    char m[AGRO_MESSAGE_MAX];
    cr_expect_eq(agro_scenario_run_range(ctx, NULL, parts_res, 0, 1), AGRO_EINVAL);
    agro_ctx_message(ctx, m, sizeof m);
    cr_expect_str_eq(m, "no scenario");
    cr_expect_eq(agro_scenario_run_range(ctx, sc, NULL, 0, 1), AGRO_EINVAL);
    agro_ctx_message(ctx, m, sizeof m);
    cr_expect_str_eq(m, "no results");
    agro_results_free(all);
    agro_results_free(parts_res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
}

Test(scenario, weather_members_differ_and_seasons_follow_the_calendar)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    parts p = {0};
    p.ensemble = "{\"weather_members\": 2}";
    agro_scenario *sc = load_ok(p, ctx);
    agro_results *res = run_all(sc, ctx);
    agro_season_summary s0, s1;
    agro_results_get_summary(res, 0, &s0); /* member 0, season 0 */
    agro_results_get_summary(res, 3, &s1); /* member 1, season 0 */
    cr_expect_neq(s0.prcm_mm, s1.prcm_mm, "members share rain %g", s0.prcm_mm);
    cr_expect_eq(s0.sowing_year, 2001);
    int32_t doy;
    agro_date_to_doy(2001, 3, 15, &doy);
    cr_expect_eq(s0.sowing_doy, doy);
    agro_season_summary s2;
    agro_results_get_summary(res, 2, &s2);
    cr_expect_eq(s2.sowing_year, 2003);
    agro_field_daily d[3];
    int32_t nd = 0;
    cr_assert_eq(agro_results_get_daily(res, 0, d, 3, &nd), AGRO_OK);
    cr_expect_gt(nd, 60);
    agro_date_to_doy(2001, 3, 1, &doy);
    cr_expect(d[0].year == 2001 && d[0].doy == doy, "first day %d-%d", d[0].year, d[0].doy);
    agro_results_free(res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
}

/* The field seed of a member-season (reserved for stochastic processes, docs/scenario.md) is
 * shared by the interventions, differs between member-seasons and does not depend on how many
 * seasons the scenario runs: it was the field's seed + m n_seasons + s, so a third season moved
 * the seed of member 1's first season from 7 + 2 to 7 + 3 */
Test(scenario, a_member_seasons_field_seed_does_not_depend_on_the_count_of_seasons)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    parts p = {0};
    p.field_extra = "\n    \"options\": {\"seed\": 7},";
    p.ensemble = "{\"interventions\": [{\"name\": \"a\"}, {\"name\": \"b\", \"canopies\": "
                 "{\"maize\": {\"sowing\": {\"density_pl_m2\": 3}}}}], \"weather_members\": 2}";
    agro_scenario *three = load_ok(p, ctx);
    p.seasons = "{\"first_year\": 2001, \"count\": 2, \"start\": \"--03-01\", \"max_days\": 200}";
    agro_scenario *two = load_ok(p, ctx);
    agro_season_spec *spec = malloc(sizeof *spec);
    cr_assert_not_null(spec);
    int32_t seed[2][2][2][2]; /* [scenario][intervention][member][season] */
    for (int k = 0; k < 2; k++) {
        agro_scenario *sc = k ? two : three;
        agro_scenario_info info;
        agro_scenario_get_info(sc, &info);
        for (int32_t c = 0; c < 2; c++)
            for (int32_t m = 0; m < 2; m++)
                for (int32_t s = 0; s < 2; s++) {
                    int32_t run = (c * info.n_members + m) * info.n_seasons + s;
                    cr_assert_eq(sc_build_spec(ctx, sc, run, spec), AGRO_OK);
                    seed[k][c][m][s] = spec->options.seed;
                }
    }
    for (int32_t m = 0; m < 2; m++)
        for (int32_t s = 0; s < 2; s++) {
            cr_expect_eq(seed[0][0][m][s], seed[1][0][m][s],
                         "member %d season %d: seed %d with 3 seasons, %d with 2", m, s,
                         seed[0][0][m][s], seed[1][0][m][s]);
            cr_expect_eq(seed[0][1][m][s], seed[0][0][m][s], "interventions share the seed");
        }
    cr_expect(seed[0][0][0][0] != seed[0][0][0][1] && seed[0][0][0][0] != seed[0][0][1][0] &&
                  seed[0][0][0][1] != seed[0][0][1][0] && seed[0][0][1][0] != seed[0][0][1][1],
              "member-seasons share a seed");
    free(spec);
    agro_scenario_free(two);
    agro_scenario_free(three);
    agro_ctx_free(ctx);
}

Test(scenario, timely_weeding_beats_late_weeding_and_stats_are_consistent)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    parts p = {0};
    p.seasons = "{\"first_year\": 2001, \"count\": 4, \"start\": \"--03-01\", \"max_days\": 200}";
    p.management = "[]";
    /* weeds that matter: a dense flush with the crop, on fertilised soil (on this unfertilised
       soil the modelled weeds stay N-starved and weeding changes the yield by about 1 %) */
    p.canopies = "[\n      {\"name\": \"maize\", \"crop\": \"maize\",\n"
                 "       \"cultivar\": {\"dssat_cul\": \"" GENO "/MZCER048.CUL\", \"dssat_eco\": \"" GENO
                 "/MZCER048.ECO\", \"id\": \"IB0059\"},\n"
                 "       \"sowing\": {\"date\": \"--03-15\", \"density_pl_m2\": 5, \"row_spacing_cm\": "
                 "75, \"depth_cm\": 5}},\n"
                 "      {\"name\": \"weeds\", \"crop\": \"weeds\", \"cohorts\": "
                 "[{\"days_after_sowing\": 0, \"density_pl_m2\": 100}]}\n    ]";
    p.extra = "  \"report\": {\"baseline\": \"late\", \"bag_kg\": 90, \"grain_moisture_pct\": 12.5},\n";
    p.ensemble = "{\"interventions\": [\n"
                 " {\"name\": \"late\", \"management\": [{\"event\": \"fertilise\", "
                 "\"days_after_sowing\": 0, \"n_kg_ha\": 60}, {\"event\": \"weed\", "
                 "\"days_after_sowing\": 60, \"fraction_removed\": 0.9}]},\n"
                 " {\"name\": \"timely\", \"management\": [{\"event\": \"fertilise\", "
                 "\"days_after_sowing\": 0, \"n_kg_ha\": 60}, {\"event\": \"weed\", "
                 "\"days_after_sowing\": 14, \"fraction_removed\": 0.95}, {\"event\": \"weed\", "
                 "\"days_after_sowing\": 35, \"fraction_removed\": 0.95}, {\"event\": \"weed\", "
                 "\"days_after_sowing\": 56, \"fraction_removed\": 0.95}]}]}";
    agro_scenario *sc = load_ok(p, ctx);
    agro_results *res = run_all(sc, ctx);
    agro_yield_stats late, timely;
    cr_assert_eq(agro_results_yield_stats(res, 0, 0, &late), AGRO_OK);
    cr_assert_eq(agro_results_yield_stats(res, 0, 1, &timely), AGRO_OK);
    cr_expect_eq(late.n, 4);
    cr_expect_gt(timely.median_kg_ha, late.median_kg_ha, "timely %g late %g", timely.median_kg_ha,
                 late.median_kg_ha);
    cr_expect_float_eq(late.ratio_median, 1.0, 1e-12);
    cr_expect_gt(timely.ratio_paired_median, 1.02, "paired ratio %g", timely.ratio_paired_median);
    cr_expect(late.p10_kg_ha <= late.median_kg_ha && late.median_kg_ha <= late.p90_kg_ha);
    cr_expect(late.min_kg_ha <= late.p10_kg_ha && late.p90_kg_ha <= late.max_kg_ha);
    /* bags per acre = kg/ha dry / (1 − 0.125) · 0.4047 ha / 90 kg: the bags hold wet grain */
    cr_expect_float_eq(timely.median_bags, timely.median_kg_ha / 0.875 * 0.40468564224 / 90.0, 1e-9);
    /* the quantiles are type 7: recompute from the four yields */
    double y[4];
    for (int s = 0; s < 4; s++) {
        agro_season_summary sm;
        agro_results_get_summary(res, 4 + s, &sm);
        y[s] = sm.hwam_kg_ha;
    }
    for (int i = 0; i < 4; i++)
        for (int j = i + 1; j < 4; j++)
            if (y[j] < y[i]) {
                double t = y[i];
                y[i] = y[j];
                y[j] = t;
            }
    cr_expect_float_eq(timely.median_kg_ha, 0.5 * (y[1] + y[2]), 1e-9);
    cr_expect_float_eq(timely.p10_kg_ha, y[0] + 0.3 * (y[1] - y[0]), 1e-9);
    agro_results_free(res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
}

Test(scenario, results_refuse_unsimulated_runs)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_scenario *sc = load_ok((parts){0}, ctx);
    agro_results *res = NULL;
    agro_results_create(ctx, sc, &res);
    agro_season_summary s;
    cr_expect_eq(agro_results_get_summary(res, 0, &s), AGRO_ESTATE);
    agro_yield_stats st;
    cr_expect_eq(agro_results_yield_stats(res, 0, 0, &st), AGRO_ESTATE);
    cr_expect_eq(agro_results_yield_stats(res, 0, 1, &st), AGRO_EINVAL);
    cr_expect_eq(agro_sizeof_yield_stats(), sizeof(agro_yield_stats));
    agro_results_free(res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
}

Test(scenario, dssat_weather_and_soil_with_calendar_dates)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    const char *text =
        "{\"schema_version\": 1, \"name\": \"wa\",\n"
        " \"weather\": {\"file\": \"" AGROSIM_VALIDATION_DIR "/dssat/Weather/GHWA0401.WTH\"},\n"
        " \"soil\": {\"file\": \"" AGROSIM_VALIDATION_DIR "/dssat/Soil/GH.SOL\", \"id\": "
        "\"GH00970001\"},\n"
        " \"seasons\": {\"first_year\": 2004, \"count\": 1, \"start\": \"--06-01\", \"max_days\": "
        "150},\n"
        " \"fields\": [{\"name\": \"wa\", \"type\": \"crop\", \"canopies\": [\n"
        "   {\"name\": \"maize\", \"crop\": \"maize\", \"cultivar\": {\"dssat_cul\": \"" GENO
        "/MZCER048.CUL\", \"dssat_eco\": \"" GENO "/MZCER048.ECO\", \"id\": \"GH0010\"},\n"
        "    \"sowing\": {\"date\": \"2004-06-20\", \"density_pl_m2\": 5.3, \"row_spacing_cm\": 75, "
        "\"depth_cm\": 4}}],\n"
        "   \"management\": [{\"event\": \"fertilise\", \"date\": \"2004-07-10\", \"n_kg_ha\": 60},\n"
        "                  {\"event\": \"harvest\", \"days_after_start\": 140}]}]}\n";
    agro_scenario *sc = NULL;
    int rc = agro_scenario_load_text(ctx, "wa.json", text, NULL, &sc);
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert_eq(rc, AGRO_OK, "%s", msg);
    char name[32];
    agro_scenario_intervention_name(sc, 0, name, sizeof name);
    cr_expect_str_eq(name, "default");
    agro_results *res = run_all(sc, ctx);
    agro_season_summary s;
    cr_assert_eq(agro_results_get_summary(res, 0, &s), AGRO_OK);
    int32_t doy;
    agro_date_to_doy(2004, 6, 20, &doy);
    cr_expect(s.sowing_year == 2004 && s.sowing_doy == doy);
    cr_expect_float_eq(s.nicm_kg_ha, 60.0, 1e-9);
    agro_run_info ri;
    agro_results_run_info(res, 0, &ri);
    cr_expect_leq(ri.n_days, 141);
    agro_results_free(res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
}

/* A day of the weather file that the CSV reader loads but the field refuses (SRAD 60 MJ/m2/d,
   above the field's 50) stops the run with a message naming the scenario's run and the weather
   file and line of that day; the field's message named no file. */
Test(scenario, a_weather_day_the_field_refuses_names_the_file_and_line)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_weather *gen = NULL;
    cr_assert_eq(helper_morogoro_weather(ctx, 2001, &gen), AGRO_OK);
    char path[512];
    snprintf(path, sizeof path, "%s/tests/scenario_bright_%d.csv", AGROSIM_BINARY_DIR, (int)getpid());
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp, "%s", path);
    fputs("# latitude_deg=-6.82\ndate,srad_MJ_m2_d,tmax_C,tmin_C,rain_mm\n", fp);
    const agro_weather_day *d = agro_weather_days(gen);
    agro_weather_info in;
    agro_weather_get_info(gen, &in);
    for (int32_t i = 0; i < in.n_days; i++) {
        int32_t mo, dd;
        agro_doy_to_date(d[i].year, d[i].doy, &mo, &dd);
        /* 2001-04-10 (day 99) on line 102 */
        fprintf(fp, "%04d-%02d-%02d,%.17g,%.17g,%.17g,%.17g\n", (int)d[i].year, (int)mo, (int)dd,
                i == 99 ? 60.0 : d[i].srad_MJ_m2_d, d[i].tmax_C, d[i].tmin_C, d[i].rain_mm);
    }
    cr_assert_eq(fclose(fp), 0);
    agro_weather_free(gen);
    char weather[600];
    snprintf(weather, sizeof weather, "{\"file\": \"%s\"}", path);
    parts p = {0};
    p.weather = weather;
    p.seasons = "{\"first_year\": 2001, \"count\": 1, \"start\": \"--03-01\", \"max_days\": 200}";
    agro_scenario *sc = load_ok(p, ctx);
    agro_results *res = NULL;
    cr_assert_eq(agro_results_create(ctx, sc, &res), AGRO_OK);
    cr_expect_eq(agro_scenario_run(ctx, sc, res), AGRO_ERANGE);
    char msg[AGRO_MESSAGE_MAX], want[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    snprintf(want, sizeof want,
             "s.json: field plot, intervention default, member 0, season 1: %s:102: SRAD: "
             "2001-100: 60 outside [0, 50]",
             path);
    cr_expect_str_eq(msg, want);
    agro_results_free(res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
    remove(path);
}

/* A scenario whose soil file has a layer thinner than AGRO_SOIL_MIN_LAYER_CM is refused when it
 * loads, naming the soil file, the layer's line and JSON path: it loaded, and every run was
 * refused by the field naming only "layer 3 SLB". */
Test(scenario, a_thin_layer_in_the_soil_file_names_the_file_and_line)
{
    FILE *in = fopen(MODELS "/soils/morogoro_sandy_clay_loam.json", "rb");
    cr_assert_not_null(in);
    static char soil[16384];
    size_t n = fread(soil, 1, sizeof soil - 1, in);
    fclose(in);
    soil[n] = '\0';
    char *at = strstr(soil, "\"depth_bottom_cm\": 30,");
    cr_assert_not_null(at);
    char rest[16384];
    snprintf(rest, sizeof rest, "%s", at + strlen("\"depth_bottom_cm\": 30,"));
    snprintf(at, sizeof soil - (size_t)(at - soil), "\"depth_bottom_cm\": 15.0005,%s", rest);
    char path[512];
    snprintf(path, sizeof path, "%s/tests/scenario_thin_%d.json", AGROSIM_BINARY_DIR, (int)getpid());
    FILE *fp = fopen(path, "w");
    cr_assert_not_null(fp, "%s", path);
    fputs(soil, fp);
    cr_assert_eq(fclose(fp), 0);
    char *text = make_text((parts){0});
    const char *from = MODELS "/soils/morogoro_sandy_clay_loam.json";
    char *f = strstr(text, from);
    cr_assert_not_null(f);
    size_t m = strlen(text) + strlen(path) + 1;
    char *t2 = malloc(m);
    snprintf(t2, m, "%.*s%s%s", (int)(f - text), text, path, f + strlen(from));
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_scenario *sc = NULL;
    cr_expect_eq(agro_scenario_load_text(ctx, "s.json", t2, NULL, &sc), AGRO_ERANGE);
    cr_expect_null(sc);
    char msg[AGRO_MESSAGE_MAX], want[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    snprintf(want, sizeof want,
             "%s:25: layers[2].depth_bottom_cm: layer 3: the layer from 15 to 15.0005 cm is 0.0005 "
             "cm thick, thinner than 0.001 cm",
             path);
    cr_expect(strstr(msg, want) != NULL, "\"%s\" not in: %s", want, msg);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
    free(t2);
    free(text);
    remove(path);
}

Test(scenario, interventions_cannot_change_a_canopy_crop)
{
    parts p = {0};
    p.ensemble = "{\"interventions\": [{\"name\": \"a\", \"canopies\": {\"maize\": {\"crop\": "
                 "\"soybean\"}}}]}";
    EXPECT_ERROR(p, AGRO_EFORMAT, "ensemble.interventions[0].canopies.maize.crop", "cannot change");
}

/* A maize canopy sown in a window (DSSAT AUTPLT): the window's dates and criteria reach the
 * season, the events and weed cohorts given in days after sowing follow the actual sowing, and
 * an intervention can switch between a window and a date. */
#define WINDOW_CANOPIES(window)                                                                  \
    "[\n      {\"name\": \"maize\", \"crop\": \"maize\",\n"                                       \
    "       \"cultivar\": {\"dssat_cul\": \"" GENO "/MZCER048.CUL\", \"dssat_eco\": \"" GENO      \
    "/MZCER048.ECO\", \"id\": \"IB0059\"},\n"                                                   \
    "       \"sowing\": {" window ", \"density_pl_m2\": 5, \"row_spacing_cm\": 75, "              \
    "\"depth_cm\": 5}},\n"                                                                      \
    "      {\"name\": \"weeds\", \"crop\": \"weeds\", \"cohorts\": "                              \
    "[{\"days_after_sowing\": 7, \"density_pl_m2\": 60}]}\n    ]"

/* The ratios when the baseline yields nothing: a baseline whose window never opens (the soil
 * at 10 cm never reaches 59 °C, no forced sowing) has median 0, so the ratio of medians is
 * undefined; each season where the other intervention yields grain is an infinite per-season
 * ratio (not a dropped season), and seasons where both yield nothing are left out. */
Test(scenario, a_baseline_that_yields_nothing_gives_infinite_or_undefined_ratios)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    parts p = {0};
    p.canopies = WINDOW_CANOPIES("\"date\": \"--03-15\"");
    p.extra = "  \"report\": {\"baseline\": \"failed\"},\n";
    p.ensemble = "{\"interventions\": [{\"name\": \"sown\"}, {\"name\": \"failed\", \"canopies\": {\"maize\": "
                 "{\"sowing\": {\"window\": {\"first\": \"--03-10\", \"last\": \"--03-20\", \"soil_temp_min_C\": 59, "
                 "\"soil_temp_max_C\": 60, \"forced\": false}}}}}]}";
    agro_scenario *sc = load_ok(p, ctx);
    agro_results *res = run_all(sc, ctx);
    agro_yield_stats failed, sown;
    cr_assert_eq(agro_results_yield_stats(res, 0, 1, &failed), AGRO_OK);
    cr_assert_eq(agro_results_yield_stats(res, 0, 0, &sown), AGRO_OK);
    cr_expect(failed.n == 3 && failed.n_not_sown == 3 && failed.median_kg_ha == 0.0);
    cr_expect(sown.n_not_sown == 0 && sown.min_kg_ha > 0.0, "sown: least %g kg/ha", sown.min_kg_ha);
    cr_expect(isnan(sown.ratio_median) && isnan(failed.ratio_median));
    cr_expect(isinf(sown.ratio_paired_median) && sown.ratio_paired_median > 0, "%g", sown.ratio_paired_median);
    cr_expect(isnan(failed.ratio_paired_median), "0/0 in every season: %g", failed.ratio_paired_median);
    /* a crop never sown has no mean stress (NaN, an empty CSV cell), not the worst (0) */
    agro_season_summary sm;
    cr_assert_eq(agro_results_get_summary(res, 3, &sm), AGRO_OK);
    cr_expect_eq(sm.crop_failed, AGRO_CROP_NOT_SOWN);
    cr_expect(isnan(sm.swfac_mean) && isnan(sm.nstress_mean) && isnan(sm.pstress_mean), "%g %g %g", sm.swfac_mean,
              sm.nstress_mean, sm.pstress_mean);
    agro_results_free(res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
}

/* With only some runs done, the ratio of medians divides by the baseline's own median (all
 * its runs done), the figure agro_results_yield_stats gives for the baseline */
Test(scenario, the_ratio_of_medians_uses_the_baselines_own_median_when_runs_are_missing)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    parts p = {0};
    p.ensemble = "{\"interventions\": [{\"name\": \"a\"}, {\"name\": \"dense\", "
                 "\"canopies\": {\"maize\": {\"sowing\": {\"density_pl_m2\": 8}}}}]}";
    agro_scenario *sc = load_ok(p, ctx);
    agro_results *res = NULL;
    cr_assert_eq(agro_results_create(ctx, sc, &res), AGRO_OK);
    /* runs 0-2: the baseline's three seasons; run 3: the dense intervention's first season */
    cr_assert_eq(agro_scenario_run_range(ctx, sc, res, 0, 4), AGRO_OK);
    agro_yield_stats a, d;
    cr_assert_eq(agro_results_yield_stats(res, 0, 0, &a), AGRO_OK);
    cr_assert_eq(agro_results_yield_stats(res, 0, 1, &d), AGRO_OK);
    cr_assert(a.n == 3 && d.n == 1);
    cr_expect_float_eq(d.ratio_median, d.median_kg_ha / a.median_kg_ha, 1e-12, "%.6f vs %.6f", d.ratio_median,
                       d.median_kg_ha / a.median_kg_ha);
    agro_results_free(res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
}

/* A combination's name may be longer than one level's 63 characters, and names the baseline */
Test(scenario, a_long_combination_name_can_be_the_baseline)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    parts p = {0};
    p.ensemble = "{\"interventions\": [{\"name\": \"the_farmers_own_open_pollinated_variety_sown_sparse\"}, "
                 "{\"name\": \"an_improved_hybrid_sown_dense_in_rope_rows_by_the_village\", \"canopies\": {\"maize\": "
                 "{\"sowing\": {\"density_pl_m2\": 8}}}}],\n"
                 " \"factors\": [{\"name\": \"n\", \"levels\": [{\"name\": \"no_fertiliser_at_all\", \"management\": []}, "
                 "{\"name\": \"the_usual_dressing\"}]}]}";
    p.extra = "  \"report\": {\"baseline\": \"an_improved_hybrid_sown_dense_in_rope_rows_by_the_village+no_fertiliser_at_all\"},\n";
    agro_scenario *sc = load_ok(p, ctx);
    agro_scenario_info info;
    cr_assert_eq(agro_scenario_get_info(sc, &info), AGRO_OK);
    cr_expect_eq(sc->baseline, 2);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
}

Test(scenario, sowing_window_reaches_the_season_and_events_follow_the_sowing)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    parts p = {0};
    p.canopies = WINDOW_CANOPIES("\"window\": {\"first\": \"--03-10\", \"last\": \"--04-20\", "
                                 "\"soil_water_min_pct\": 60, \"soil_temp_max_C\": 38, "
                                 "\"forced\": true, \"source\": \"test\"}");
    p.ensemble = "{\"interventions\": [{\"name\": \"auto\"}, {\"name\": \"dated\", \"canopies\": "
                 "{\"maize\": {\"sowing\": {\"date\": \"--03-10\"}}}}, {\"name\": \"never\", "
                 "\"canopies\": {\"maize\": {\"sowing\": {\"window\": {\"first\": \"--03-10\", "
                 "\"last\": \"--03-20\", \"soil_temp_min_C\": 45, \"soil_temp_max_C\": 50}}}}}]}";
    static agro_season_spec spec;
    agro_scenario *sc = load_spec(p, ctx, &spec);
    const agro_sowing_window *w = &spec.sowing_window;
    cr_expect_eq(w->enabled, 1);
    cr_expect_eq(w->forced, 1);
    cr_expect(w->last_year == 2001 && w->last_doy == 110, "%d-%03d", (int)w->last_year, (int)w->last_doy);
    cr_expect_float_eq(w->sw_min_pct, 60.0, 1e-12);
    cr_expect_float_eq(w->sw_max_pct, 100.0, 1e-12);
    cr_expect_float_eq(w->sw_depth_cm, 30.0, 1e-12);
    cr_expect_float_eq(w->tsoil_min_C, 10.0, 1e-12);
    cr_expect_float_eq(w->tsoil_max_C, 38.0, 1e-12);
    int n_after = 0;
    for (int i = 0; i < spec.n_events; i++) {
        const agro_event *e = &spec.events[i];
        if (e->type == AGRO_EVENT_SOW)
            cr_expect(e->timing == AGRO_TIMING_DATE && e->doy == 69, "SOW opens the window: %d", (int)e->doy);
        else if (e->timing == AGRO_TIMING_AFTER_SOWING)
            n_after++;
    }
    cr_expect_eq(n_after, 3, "weed cohort, weeding and fertiliser after sowing");
    /* the run sows inside the window; the dated intervention keeps calendar events */
    agro_results *res = NULL;
    cr_assert_eq(agro_results_create(ctx, sc, &res), AGRO_OK);
    cr_assert_eq(agro_scenario_run(ctx, sc, res), AGRO_OK);
    for (int32_t r = 0; r < 9; r++) {
        agro_run_info ri;
        agro_season_summary sm;
        cr_assert_eq(agro_results_run_info(res, r, &ri), AGRO_OK);
        cr_assert_eq(agro_results_get_summary(res, r, &sm), AGRO_OK);
        int32_t d0;
        agro_date_to_doy(sm.sowing_year, 3, 10, &d0);
        if (ri.intervention == 2) { /* never warm enough: unsown, no events after sowing */
            cr_expect_eq(sm.crop_failed, AGRO_CROP_NOT_SOWN);
            cr_expect_float_eq(sm.nicm_kg_ha, 0.0, 1e-12);
            continue;
        }
        if (ri.intervention == 0)
            cr_expect(sm.sowing_doy >= d0 && sm.sowing_doy <= d0 + 41, "sown on %d", (int)sm.sowing_doy);
        else
            cr_expect_eq(sm.sowing_doy, d0);
        cr_expect_float_eq(sm.nicm_kg_ha, 20.0, 1e-12);
        cr_expect(sm.weeds_biomass_removed_kg_ha > 0.0);
    }
    agro_yield_stats st;
    cr_assert_eq(agro_results_yield_stats(res, 0, 2, &st), AGRO_OK);
    cr_expect(st.n == 3 && st.n_not_sown == 3 && st.median_kg_ha == 0.0, "n %d, not sown %d",
              (int)st.n, (int)st.n_not_sown);
    cr_assert_eq(agro_results_yield_stats(res, 0, 0, &st), AGRO_OK);
    cr_expect_eq(st.n_not_sown, 0);
    agro_results_free(res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
}

Test(scenario, sowing_window_errors_name_their_path)
{
    parts p = {0};
    p.canopies = WINDOW_CANOPIES("\"date\": \"--03-15\", \"window\": {\"first\": \"--03-10\", "
                                 "\"last\": \"--04-20\"}");
    EXPECT_ERROR(p, AGRO_EFORMAT, "fields[0].canopies[0].sowing.date", "not both");
    p.canopies = WINDOW_CANOPIES("\"window\": {\"first\": \"--03-10\"}");
    EXPECT_ERROR(p, AGRO_EMISSING, "fields[0].canopies[0].sowing.window", "last");
    p.canopies = WINDOW_CANOPIES("\"window\": {\"first\": \"--03-10\", \"last\": \"--04-20\", "
                                 "\"soil_water_min_pct\": 90, \"soil_water_max_pct\": 80}");
    EXPECT_ERROR(p, AGRO_ERANGE, "sowing.window.soil_water_min_pct", "above");
    p.canopies = WINDOW_CANOPIES("\"window\": {\"first\": \"--03-10\", \"last\": \"--04-20\", "
                                 "\"soil_temp_min_C\": 90}");
    EXPECT_ERROR(p, AGRO_ERANGE, "sowing.window.soil_temp_min_C", "outside");
    p.canopies = WINDOW_CANOPIES("\"window\": {\"first\": \"--03-10\", \"last\": \"--04-20\", "
                                 "\"when\": 1}");
    EXPECT_ERROR(p, AGRO_EKEY, "sowing.window.when", "unknown key");
    /* the last day comes before the first in every season (both after the 1 March start) */
    p.canopies = WINDOW_CANOPIES("\"window\": {\"first\": \"--04-10\", \"last\": \"--03-20\"}");
    EXPECT_ERROR(p, AGRO_ERANGE, "sowing.window.last", "closes");
    /* events after sowing are checked against the latest sowing, the window's last day */
    p.canopies = WINDOW_CANOPIES("\"window\": {\"first\": \"--03-10\", \"last\": \"--09-05\"}");
    EXPECT_ERROR(p, AGRO_ERANGE, "fields[0].management[0]", "outside the simulated days");
    /* a window replaces the date, not the stand: without a density the scenario loaded and every
       run failed ("density_pl_m2: value 0 outside (0, 100]", no file or path) */
    p.canopies = "[{\"name\": \"maize\", \"crop\": \"maize\", \"cultivar\": {\"dssat_cul\": \"" GENO
                 "/MZCER048.CUL\", \"dssat_eco\": \"" GENO "/MZCER048.ECO\", \"id\": \"IB0059\"}, "
                 "\"sowing\": {\"window\": {\"first\": \"--03-10\", \"last\": \"--04-20\"}, "
                 "\"row_spacing_cm\": 75, \"depth_cm\": 5}}]";
    EXPECT_ERROR(p, AGRO_EMISSING, "s.json:", "fields[0].canopies[0].sowing",
                 "\"density_pl_m2\" is missing");
}

/* Phosphorus in a scenario: the field option, fertiliser P (here banded, 5 cm over 75 cm rows)
 * and a DSSAT soil with a soil test (GH.SOL GHWA020001: Bray No. 1, SLPX 0.9–3.7 mg/kg): the
 * P-fertilised intervention (same N) out-yields P0 and both close their P balance; a soil without a
 * soil-test P cannot run with phosphorus_limited, and the error names SLPX. */
Test(scenario, phosphorus_option_fertiliser_p_and_soil_test_reach_the_field)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    static const char *fmt =
        "{\"schema_version\": 1, \"name\": \"wa\",\n"
        " \"weather\": {\"file\": \"" AGROSIM_VALIDATION_DIR "/dssat/Weather/GHWA0401.WTH\"},\n"
        " \"soil\": {\"file\": \"" AGROSIM_VALIDATION_DIR "/dssat/Soil/GH.SOL\", \"id\": \"%s\"},\n"
        " \"seasons\": {\"first_year\": 2004, \"count\": 1, \"start\": \"--06-01\", \"max_days\": 150},\n"
        " \"fields\": [{\"name\": \"wa\", \"type\": \"crop\", \"options\": {\"phosphorus_limited\": true},\n"
        "   \"initial\": {\"no3_ppm\": 5, \"nh4_ppm\": 1},\n"
        "   \"canopies\": [{\"name\": \"maize\", \"crop\": \"maize\", \"cultivar\": {\"dssat_cul\": \"" GENO
        "/MZCER048.CUL\", \"dssat_eco\": \"" GENO "/MZCER048.ECO\", \"id\": \"GH0010\"},\n"
        "    \"sowing\": {\"date\": \"2004-06-20\", \"density_pl_m2\": 5.3, \"row_spacing_cm\": 75, "
        "\"depth_cm\": 4}}],\n"
        "   \"management\": [{\"event\": \"fertilise\", \"date\": \"2004-07-10\", \"n_kg_ha\": 90}]}],\n"
        " \"ensemble\": {\"interventions\": [{\"name\": \"P0\"}, {\"name\": \"P26\", \"management\": "
        "[{\"event\": \"fertilise\", \"date\": \"2004-06-18\", \"n_kg_ha\": 0, \"p_kg_ha\": 26, "
        "\"depth_cm\": 10, \"p_band_fraction\": 0.0667},\n"
        "  {\"event\": \"fertilise\", \"date\": \"2004-07-10\", \"n_kg_ha\": 90}]}]}}\n";
    char text[4096];
    snprintf(text, sizeof text, fmt, "GHWA020001");
    agro_scenario *sc = NULL;
    int rc = agro_scenario_load_text(ctx, "wa.json", text, NULL, &sc);
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_assert_eq(rc, AGRO_OK, "%s", msg);
    agro_results *res = run_all(sc, ctx);
    agro_season_summary p0, p26;
    cr_assert_eq(agro_results_get_summary(res, 0, &p0), AGRO_OK);
    cr_assert_eq(agro_results_get_summary(res, 1, &p26), AGRO_OK);
    cr_log_info("P0 %.0f kg/ha (PSTAV %.2f), P26 %.0f kg/ha (PSTAV %.2f)", p0.hwam_kg_ha,
                p0.pstress_mean, p26.hwam_kg_ha, p26.pstress_mean);
    cr_expect_float_eq(p26.picm_kg_ha, 26.0, 1e-9);
    cr_expect_eq(p0.picm_kg_ha, 0.0);
    cr_expect(p26.hwam_kg_ha > 1.2 * p0.hwam_kg_ha, "%g vs %g", p26.hwam_kg_ha, p0.hwam_kg_ha);
    cr_expect(p26.pupc_kg_ha > p0.pupc_kg_ha && p0.pupc_kg_ha > 0.0);
    cr_expect(p0.p_balance_error_kg_ha < 1e-6 && p26.p_balance_error_kg_ha < 1e-6);
    agro_results_free(res);
    agro_scenario_free(sc);
    /* GH00970001 has no SLPX */
    snprintf(text, sizeof text, fmt, "GH00970001");
    cr_assert_eq(agro_scenario_load_text(ctx, "wa.json", text, NULL, &sc), AGRO_OK);
    agro_results *r2 = NULL;
    cr_assert_eq(agro_results_create(ctx, sc, &r2), AGRO_OK);
    rc = agro_scenario_run(ctx, sc, r2);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect(rc == AGRO_EMISSING || rc == AGRO_ERANGE, "status %d: %s", rc, msg);
    cr_expect(strstr(msg, "SLPX") != NULL || strstr(msg, "SMPX") != NULL, "%s", msg);
    agro_results_free(r2);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);
}

Test(scenario, till_event_reaches_the_season_and_bad_ones_name_their_key)
{
    agro_ctx *ctx;
    cr_assert_eq(agro_ctx_create(&ctx), 0);
    parts p = {0};
    p.management = "[{\"event\": \"till\", \"days_after_start\": 2, \"implement\": \"TI003\", "
                   "\"depth_cm\": 16, \"description\": \"moldboard plough set to 16 cm\"}]";
    static agro_season_spec spec;
    agro_scenario *sc = load_spec(p, ctx, &spec);
    const agro_event *e = only_event(&spec, AGRO_EVENT_TILL);
    cr_expect_eq(e->implement, 3);
    cr_expect_float_eq(e->depth_cm, 16.0, 1e-12);
    agro_season_summary sm;
    agro_results *res = run_first(ctx, sc, &sm);
    cr_expect(sm.n_balance_error_kg_ha < 1e-6, "%g", sm.n_balance_error_kg_ha);
    agro_results_free(res);
    agro_scenario_free(sc);
    agro_ctx_free(ctx);

    parts q = {0};
    q.management = "[{\"event\": \"till\", \"days_after_start\": 2, \"implement\": \"TI021\", \"depth_cm\": 10}]";
    EXPECT_ERROR(q, AGRO_EFORMAT, "fields[0].management[0].implement", "TI021", "TILOP048");
    q.management = "[{\"event\": \"till\", \"days_after_start\": 2, \"implement\": \"TI003\"}]";
    EXPECT_ERROR(q, AGRO_EMISSING, "fields[0].management[0]", "depth_cm");
    q.management = "[{\"event\": \"till\", \"days_after_start\": 2, \"implement\": \"TI003\", \"depth_cm\": -5}]";
    EXPECT_ERROR(q, AGRO_ERANGE, "fields[0].management[0].depth_cm", "outside");
    q.management = "[{\"event\": \"till\", \"days_after_start\": 2, \"depth_cm\": 20}]";
    EXPECT_ERROR(q, AGRO_EMISSING, "fields[0].management[0]", "implement");
    q.management = "[{\"event\": \"till\", \"days_after_start\": 2, \"implement\": \"TI003\", \"depth_cm\": 20, \"rinp\": 5}]";
    EXPECT_ERROR(q, AGRO_EKEY, "fields[0].management[0].rinp", "unknown key");
}

/* A NULL argument is named as what it is: a scenario file given with a NULL output pointer used
 * to be reported as "no scenario file given" (twenty-third session). */
Test(scenario, a_null_argument_is_named_as_what_it_is)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    char msg[AGRO_MESSAGE_MAX];
    const char *path = AGROSIM_SOURCE_DIR "/examples/morogoro/morogoro.json";
    cr_expect_eq(agro_scenario_load(ctx, path, NULL), AGRO_EINVAL);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect(strstr(msg, "no scenario file") == NULL && strstr(msg, "output") != NULL, "%s", msg);
    cr_expect(strstr(msg, "morogoro.json") != NULL, "%s", msg);
    agro_scenario *sc = (agro_scenario *)0x1;
    cr_expect_eq(agro_scenario_load(ctx, NULL, &sc), AGRO_EINVAL);
    agro_ctx_message(ctx, msg, sizeof msg);
    cr_expect(strstr(msg, "no scenario file given") != NULL, "%s", msg);
    cr_expect_null(sc);
    agro_ctx_free(ctx);
}

/* A weather file with a gap or a missing value inside a season: found when the scenario loads,
   naming the weather file and line and the scenario's season (it was found in the middle of the
   runs, and a missing rain named neither file nor line) */
Test(scenario, a_gap_or_a_missing_value_in_a_seasons_weather_is_found_at_load)
{
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_weather *w = NULL;
    cr_assert_eq(helper_morogoro_generated(ctx, "GAP", 2001, 4, 7, &w), AGRO_OK);
    char full[300], gap[300], na[300];
    const long pid = (long)getpid();
    snprintf(full, sizeof full, "%s/test_scenario_full_%ld.csv", AGROSIM_BINARY_DIR, pid);
    snprintf(gap, sizeof gap, "%s/test_scenario_gap_%ld.csv", AGROSIM_BINARY_DIR, pid);
    snprintf(na, sizeof na, "%s/test_scenario_na_%ld.csv", AGROSIM_BINARY_DIR, pid);
    cr_assert_eq(agro_weather_write_csv(ctx, w, full), AGRO_OK);
    agro_weather_free(w);
    /* 2002-04-10 .. 2002-04-19 left out; 2002-04-10's rain NA in the other copy */
    FILE *in = fopen(full, "r"), *g = fopen(gap, "w"), *m = fopen(na, "w");
    cr_assert(in && g && m);
    char line[512];
    while (fgets(line, sizeof line, in)) {
        int day = 0;
        const int dated = strncmp(line, "2002-04-", 8) == 0 && sscanf(line + 8, "%2d", &day) == 1;
        if (!(dated && day >= 10 && day <= 19))
            fputs(line, g);
        if (dated && day == 10) {
            /* date,srad,tmax,tmin,rain[,...]: the fifth field becomes NA */
            char *c = line;
            for (int k = 0; k < 4; k++)
                c = strchr(c, ',') + 1;
            char *e = c + strcspn(c, ",\n");
            char rest[512];
            snprintf(rest, sizeof rest, "%s", e);
            snprintf(c, sizeof line - (size_t)(c - line), "NA%s", rest);
        }
        fputs(line, m);
    }
    fclose(in);
    fclose(g);
    fclose(m);
    char weather[400];
    parts p = {0};
    p.weather = weather;
    snprintf(weather, sizeof weather, "{\"file\": \"%s\"}", gap);
    EXPECT_ERROR(p, AGRO_EORDER, "s.json:", "season 2, weather member 1",
                 "date: gap in the series", "2002-04-20");
    snprintf(weather, sizeof weather, "{\"file\": \"%s\"}", na);
    EXPECT_ERROR(p, AGRO_EMISSING, "s.json:", "season 2", "_na_",
                 "rain_mm: missing value on 2002-04-10");
    snprintf(weather, sizeof weather, "{\"file\": \"%s\"}", full);
    agro_scenario_free(load_ok(p, ctx));
    remove(full);
    remove(gap);
    remove(na);
    agro_ctx_free(ctx);
}

/* A date that fits the field's sowing but not an intervention's: the error names the
   intervention whose runs fail and the date key of the event (it named only the field's weed
   cohort, valid as written) */
Test(scenario, a_date_error_of_an_interventions_runs_names_the_intervention)
{
    parts p = {0};
    p.ensemble = "{\"interventions\": [{\"name\": \"spring\"}, {\"name\": \"autumn\", "
                 "\"canopies\": {\"maize\": {\"sowing\": {\"date\": \"--09-10\"}}}}]}";
    EXPECT_ERROR(p, AGRO_ERANGE, "s.json:", "fields[0].canopies[1].cohorts[0].days_after_sowing",
                 "in season 1 (intervention autumn) the date 2001-09-17");
}

/* A scenario whose runs cannot fit in the machine's memory is refused when it loads, before the
   weather is generated or a run's store allocated: 256 interventions x 1000 seasons of 730 days
   need 386 GB for the daily series. Linux grants such a calloc (it overcommits) and kills the
   process when the pages are written; before, 60 000 runs of 200 days reached 21.7 GB of
   resident memory on a 23 GB machine. Without report.daily the summary alone is small, and the
   load goes on (to the weather, which covers 4 of the 1000 seasons). */
Test(scenario, a_scenario_larger_than_the_memory_is_refused_before_allocating, .timeout = 60)
{
    char levels[2][600];
    for (int k = 0; k < 2; k++) {
        size_t used = (size_t)snprintf(levels[k], sizeof levels[k], "{\"name\": \"%c\", \"levels\": [",
                                       "fg"[k]);
        for (int i = 0; i < 16; i++)
            used += (size_t)snprintf(levels[k] + used, sizeof levels[k] - used, "%s{\"name\": \"%c%d\"}",
                                     i ? ", " : "", "fg"[k], i);
        snprintf(levels[k] + used, sizeof levels[k] - used, "]}");
    }
    char ensemble[1400];
    snprintf(ensemble, sizeof ensemble, "{\"factors\": [%s, %s]}", levels[0], levels[1]);
    const double need = 256.0 * 1000.0 * 730.0 * (double)sizeof(agro_field_daily);
    const double have = (double)sysconf(_SC_PHYS_PAGES) * (double)sysconf(_SC_PAGESIZE);
    if (have >= need)
        cr_skip_test("this machine's %.3g GB hold the %.3g GB", have / 1e9, need / 1e9);
    parts p = {0};
    p.seasons = "{\"first_year\": 2001, \"count\": 1000, \"start\": \"--03-01\", \"max_days\": 730}";
    p.ensemble = ensemble;
    EXPECT_ERROR(p, AGRO_ENOMEM, "s.json: 256000 runs (1 field(s) x 256 intervention(s) x 1 "
                 "weather member(s) x 1000 season(s)) of up to 730 days need ",
                 "GB of memory, more than the ", "of this machine (", " GB of it for the daily "
                 "series: set report.daily to false, or run fewer)");
    p.extra = "  \"report\": {\"daily\": false},\n";
    EXPECT_ERROR(p, AGRO_ENOTFOUND, "season 3 (2003-060 .. 2005-058) is not covered by the weather");
}

/* The harvest ends the season: a sowing, a weed flush or an event after it, or a second harvest,
   is refused naming both (the runner never reached them: a weeding after the harvest was left
   out without a word, and a harvest before the sowing gave seasons of yield 0 counted as crops);
   an event on the harvest day comes before it and runs */
Test(scenario, nothing_may_follow_the_harvest)
{
    parts p = {0};
    p.management = "[\n      {\"event\": \"harvest\", \"days_after_sowing\": 120},\n"
                   "      {\"event\": \"weed\", \"days_after_sowing\": 121, \"fraction_removed\": 1}\n    ]";
    EXPECT_ERROR(p, AGRO_EORDER, "s.json:17: fields[0].management[1]: in season 1 the event on "
                 "2001-07-14 falls after the harvest on 2001-07-13 (fields[0].management[0], line 16), "
                 "which ends the season");
    p.management = "[{\"event\": \"harvest\", \"days_after_start\": 10}]";
    EXPECT_ERROR(p, AGRO_EORDER, "s.json:12: fields[0].canopies[0].sowing.date: in season 1 the "
                 "sowing on 2001-03-15 falls after the harvest on 2001-03-11");
    p.management = "[{\"event\": \"harvest\", \"days_after_sowing\": 5}]";
    EXPECT_ERROR(p, AGRO_EORDER, "fields[0].canopies[1].cohorts[0]: in season 1 the weed flush on "
                 "2001-03-22 falls after the harvest on 2001-03-20");
    p.management = "[{\"event\": \"harvest\", \"days_after_sowing\": 120},\n"
                   "      {\"event\": \"harvest\", \"days_after_sowing\": 130}]";
    EXPECT_ERROR(p, AGRO_EORDER, "s.json:16: fields[0].management[1]: a second harvest "
                 "(fields[0].management[0], line 15,");
    p.management = "[{\"event\": \"harvest\", \"days_after_sowing\": 120},\n"
                   "      {\"event\": \"fertilise\", \"days_after_sowing\": 120, \"n_kg_ha\": 10}]";
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_scenario *sc = load_ok(p, ctx);
    agro_scenario_free(sc);
    /* an intervention's list: its own paths */
    p.management = NULL;
    p.ensemble = "{\"interventions\": [{\"name\": \"a\"}, {\"name\": \"b\", \"management\": "
                 "[{\"event\": \"weed\", \"days_after_sowing\": 50, \"fraction_removed\": 1}, "
                 "{\"event\": \"harvest\", \"date\": \"--04-01\"}]}]}";
    EXPECT_ERROR(p, AGRO_EORDER, "ensemble.interventions[1].management[0]: in season 1 "
                 "(intervention b) the event on 2001-05-04 falls after the harvest on 2001-04-01 "
                 "(ensemble.interventions[1].management[1], line ");
    agro_ctx_free(ctx);
}

/* Integer limits are shown in full ("value 2.14748e+09 outside [0, 2.14748e+09]" before), and a
   weather seed is at most 2^53 - 1: JSON numbers are read as doubles, so 2^53 + 1 was read as
   2^53 and ran as that seed without a word */
Test(scenario, integer_limits_are_shown_in_full_and_a_seed_is_read_exactly)
{
    parts p = {0};
    p.field_extra = "\n    \"options\": {\"seed\": 2147483648},";
    EXPECT_ERROR(p, AGRO_ERANGE, "fields[0].options.seed: value 2147483648 outside [0, 2147483647]");
    p.field_extra = NULL;
    p.seasons = "{\"first_year\": 2001, \"count\": 1000000, \"start\": \"--03-01\"}";
    EXPECT_ERROR(p, AGRO_ERANGE, "seasons.count: value 1000000 outside [1, 1000]");
    p.seasons = NULL;
    static const char *const seeds[] = {"9007199254740992", "9007199254740993",
                                        "18446744073709551615", "-1"};
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        char w[300];
        snprintf(w, sizeof w,
                 "{\"generate\": {\"site\": \"" MODELS "/sites/morogoro.json\", \"seed\": %s, "
                 "\"first_year\": 2001, \"years\": 4}}",
                 seeds[i]);
        p.weather = w;
        EXPECT_ERROR(p, AGRO_ERANGE, "s.json:4: weather.generate.seed: value ",
                     " outside [0, 9007199254740991] (2^53 - 1)");
    }
    p.weather = "{\"generate\": {\"site\": \"" MODELS "/sites/morogoro.json\", \"seed\": "
                "9007199254740991, \"first_year\": 2001, \"years\": 4}}";
    agro_ctx *ctx;
    agro_ctx_create(&ctx);
    agro_scenario_free(load_ok(p, ctx));
    agro_ctx_free(ctx);
}

/* A name that is not UTF-8 (a file saved as Latin-1, a stray byte) is refused naming the byte:
   it was written into the HDF5 file's groups and strings marked UTF-8, which h5py then fails to
   decode; any UTF-8 name is fine, and its limit is in bytes (it said 63 "characters" of a name of
   40 three-byte characters) */
Test(scenario, a_name_that_is_not_utf8_is_refused_naming_the_byte)
{
    parts p = {0};
    p.ensemble = "{\"interventions\": [{\"name\": \"a\"}, {\"name\": \"p\xE1kage\"}]}";
    EXPECT_ERROR(p, AGRO_EFORMAT, "s.json:", "ensemble.interventions[1].name: name is not UTF-8 "
                 "text (byte 2 is 0xE1): save the file as UTF-8");
    p.ensemble = "{\"interventions\": [{\"name\": \"a\"}, {\"name\": \"\xED\xA0\x80\"}]}"; /* U+D800 */
    EXPECT_ERROR(p, AGRO_EFORMAT, "name is not UTF-8 text (byte 1 is 0xED)");
    p.ensemble = "{\"interventions\": [{\"name\": \"a\"}, {\"name\": \"\xC0\xAF\"}]}"; /* overlong '/' */
    EXPECT_ERROR(p, AGRO_EFORMAT, "name is not UTF-8 text (byte 1 is 0xC0)");
    char e[400] = "{\"interventions\": [{\"name\": \"a\"}, {\"name\": \"";
    for (int i = 0; i < 40; i++)
        strcat(e, "\xE7\x8E\x89"); /* U+7389 */
    strcat(e, "\"}]}");
    p.ensemble = e;
    EXPECT_ERROR(p, AGRO_ERANGE, "ensemble.interventions[1].name: string of 120 bytes, longer "
                 "than 63 (UTF-8 takes 2 to 4 bytes for a character outside ASCII)");
    p.ensemble = "{\"interventions\": [{\"name\": \"a\"}, {\"name\": \"mahindi \xC3\xB1 \xE7\x8E\x89"
                 "\xE7\xB1\xB3 \xF0\x9F\x8C\xBD\"}]}";
    expect_second_intervention_name(p, "mahindi \xC3\xB1 \xE7\x8E\x89\xE7\xB1\xB3 \xF0\x9F\x8C\xBD");
}

/* A name of blanks only (" ", a no-break space) loaded, and so did one with a blank at an end
   ("plot ", " N60"), which report.baseline and apply_to must then match to the blank, and which
   HDF5 groups and CSV cells show unseen; a blank inside a name is kept */
Test(scenario, a_name_of_blanks_or_with_a_blank_at_an_end_is_refused)
{
    static const struct {
        const char *name, *want;
    } cases[] = {
        {" ", "ensemble.interventions[1].name: name of blanks only"},
        {"   ", "name of blanks only"},
        {"\xC2\xA0", "name of blanks only"},             /* U+00A0 no-break space */
        {" \xE3\x80\x80 ", "name of blanks only"},       /* U+3000 ideographic space */
        {" N60", "name \" N60\" begins with a blank"},
        {"N60 ", "name \"N60 \" ends with a blank"},
        {"N60\xE2\x80\xAF", "ends with a blank"},        /* U+202F narrow no-break space */
        {"\xE2\x80\x83N60", "begins with a blank"},      /* U+2003 em space */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char e[200];
        snprintf(e, sizeof e, "{\"interventions\": [{\"name\": \"a\"}, {\"name\": \"%s\"}]}",
                 cases[i].name);
        parts p = {0};
        p.ensemble = e;
        EXPECT_ERROR(p, AGRO_EFORMAT, "s.json:", cases[i].want);
    }
    /* the scenario's and the field's names, edited in place */
    static const struct {
        const char *from, *to, *want;
    } names[] = {
        {"\"name\": \"test\"", "\"name\": \" est\"", "s.json:3: name: name \" est\" begins"},
        {"\"name\": \"plot\"", "\"name\": \"plo \"",
         "s.json:8: fields[0].name: name \"plo \" ends"},
    };
    for (size_t i = 0; i < 2; i++) {
        char *text = make_text((parts){0});
        char *at = strstr(text, names[i].from);
        cr_assert(at);
        memcpy(at, names[i].to, strlen(names[i].to));
        agro_ctx *ctx;
        agro_ctx_create(&ctx);
        agro_scenario *sc = NULL;
        cr_expect_eq(agro_scenario_load_text(ctx, "s.json", text, NULL, &sc), AGRO_EFORMAT);
        char msg[AGRO_MESSAGE_MAX];
        agro_ctx_message(ctx, msg, sizeof msg);
        cr_expect(strstr(msg, names[i].want) != NULL, "%s", msg);
        agro_scenario_free(sc);
        agro_ctx_free(ctx);
        free(text);
    }
    parts c = {0};
    c.canopies = "[{\"name\": \"maize \", \"crop\": \"maize\", \"cultivar\": "
                 "{\"dssat_cul\": \"" GENO "/MZCER048.CUL\", \"dssat_eco\": \"" GENO
                 "/MZCER048.ECO\", \"id\": \"IB0059\"},"
                 " \"sowing\": {\"date\": \"--03-15\", \"density_pl_m2\": 5}}]";
    EXPECT_ERROR(c, AGRO_EFORMAT, "fields[0].canopies[0].name", "ends with a blank");
    parts k = {0};
    k.ensemble = "{\"interventions\": [{\"name\": \"a\"}, {\"name\": \"N 60 \xC3\xA9\"}]}";
    expect_second_intervention_name(k, "N 60 \xC3\xA9");
}

/* A parameter file given as the scenario (agrosim run models/soils/....json) said only
   'id: unknown key "id"'; it is named as the kind of file it looks like. A scenario with a bad
   key, and a file like no kind, keep the unknown key's message */
Test(scenario, another_kind_of_json_file_given_as_a_scenario_is_named)
{
    static const struct {
        const char *path, *want;
    } files[] = {
        {MODELS "/soils/morogoro_sandy_clay_loam.json",
         "morogoro_sandy_clay_loam.json: this looks like a soil file (models/soils), not a "
         "scenario (docs/scenario.md): it has \"id\" and no \"weather\", \"soil\", \"seasons\" or "
         "\"fields\" (a scenario names such a file in soil.file)"},
        {MODELS "/sites/goroka.json", "this looks like a site file (models/sites)"},
        {MODELS "/cultivars/maize_katumani_opv.json",
         "this looks like a maize cultivar file (models/cultivars)"},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        agro_ctx *ctx;
        agro_ctx_create(&ctx);
        agro_scenario *sc = NULL;
        cr_expect_eq(agro_scenario_load(ctx, files[i].path, &sc), AGRO_EFORMAT, "%s",
                     files[i].path);
        char msg[AGRO_MESSAGE_MAX];
        agro_ctx_message(ctx, msg, sizeof msg);
        cr_expect(strstr(msg, files[i].want) != NULL, "%s", msg);
        agro_scenario_free(sc);
        agro_ctx_free(ctx);
    }
    static const struct {
        const char *text, *want;
        int status;
    } texts[] = {
        /* a weeds file: tbase_C is a cultivar's key too, k_par a weed flora's only */
        {"{\"schema_version\": 1, \"source\": \"x\", \"tbase_C\": 8, \"k_par\": 0.7}",
         "w.json: this looks like a weed parameters file (docs/formats.md#weed-parameters-json), "
         "not a scenario (docs/scenario.md): it has \"k_par\"",
         AGRO_EFORMAT},
        {"{\"schema_version\": 1, \"name\": \"s\",\n \"layers\": [], \"fields\": []}",
         "w.json:2: layers: unknown key \"layers\"", AGRO_EKEY},
        {"{\"schema_version\": 1,\n \"colour\": 1}", "w.json:2: colour: unknown key \"colour\"",
         AGRO_EKEY},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        agro_ctx *ctx;
        agro_ctx_create(&ctx);
        agro_scenario *sc = NULL;
        cr_expect_eq(agro_scenario_load_text(ctx, "w.json", texts[i].text, NULL, &sc),
                     texts[i].status, "case %zu", i);
        char msg[AGRO_MESSAGE_MAX];
        agro_ctx_message(ctx, msg, sizeof msg);
        cr_expect(strstr(msg, texts[i].want) != NULL, "%s", msg);
        agro_scenario_free(sc);
        agro_ctx_free(ctx);
    }
}
