/*
 * libFuzzer harness: whole maize seasons through the public API (structured fuzzing). The input
 * bytes are not a file: a small reader (FuzzedDataProvider-like, fuzz_in below) decodes them into
 * a season within the ranges the API documents as valid, starting from one of four realistic
 * presets (a missing or zero value keeps the preset's, so a one-byte input is a real season):
 *   0 UFGA8201 (Gainesville 1982: IBMZ910014, IB0035, UFGA8201.WTH, irrigated, 401 kg N/ha)
 *   1 IUAF9901 (Ames 1999: ISUV950008, IB1052, IUAF9901.WTH, 56 kg N/ha, 200 kg/ha of roots)
 *   2 Morogoro (models/soils, H613, weather generated from models/sites with a fuzzed seed, weeds)
 *   3 Goroka   (the same with the Goroka site and soil, Obatanpa)
 * Byte 0: preset (bits 0-1) and driver (bit 2): 0 = agro_field_create + agro_field_step day by
 * day over a copy of the weather whose days the input perturbs within physical ranges (heat,
 * frost, drought, deluges, dark days, optional values), events through agro_field_apply /
 * agro_field_sow_maize / agro_field_set_damage; 1 = agro_season_run (events in the spec, timing
 * after sowing, automatic sowing window), unperturbed weather. Then two option bytes (soil
 * temperature model, evaporation, N uptake, CENTURY, phosphorus, limitation flags, cover,
 * mulch, relayering) and a stream of records (events, weather episodes, initial conditions,
 * cultivar and weed coefficients, soil and cultivar choice).
 * Oracle: a refusal is a negative AGRO_E* code with a message; an accepted season runs to its end
 * and every daily snapshot and the summary are finite (NaN only where field.h documents it),
 * masses and LAI >= 0, soil water within [0, SAT] per layer, mineral N >= 0, dates in order, and
 * the water, N (and P) balances close within 1e-6 (tests/test_field.c, test_phosphorus.c).
 * The inputs (soils, cultivars, weather files, sites) are read once at initialisation.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include "fuzz_common.h"

#define V AGROSIM_VALIDATION_DIR "/dssat/"
#define M AGROSIM_SOURCE_DIR "/models/"

/* ---- the byte reader: consumes from the front; an exhausted input reads as 0 ---- */
typedef struct fuzz_in {
    const uint8_t *p;
    size_t n;
} fuzz_in;

static unsigned in_u8(fuzz_in *d)
{
    if (!d->n) return 0;
    d->n--;
    return *d->p++;
}

static unsigned in_u16(fuzz_in *d)
{
    unsigned a = in_u8(d);
    return a | (in_u8(d) << 8);
}

/* 0 → @p keep; 1..65535 → [lo, hi] with both ends reachable. */
static double in_range(fuzz_in *d, double keep, double lo, double hi)
{
    unsigned v = in_u16(d);
    return v ? lo + (hi - lo) * (double)(v - 1) / 65534.0 : keep;
}

/* A value in [0, hi] crowded towards 0 (cubic), with 0 and hi reachable. */
static double in_skew(fuzz_in *d, double hi)
{
    double u = (double)in_u16(d) / 65535.0;
    return hi * u * u * u;
}

/* ---- inputs read once ---- */
enum { N_SOILS = 4, N_CULTIVARS = 8, N_PRESETS = 4, MAX_DAYS = 420 };
static agro_soil_profile SOILS[N_SOILS];
static agro_maize_cultivar CULTIVARS[N_CULTIVARS];
static agro_weather *WTH[2];
static agro_site SITES[2];
/* FUZZ_SEASON_DEBUG set: one line per input (what was refused, or the season's outcome). */
static int debug_on;

static void die_init(agro_ctx *ctx)
{
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    fprintf(stderr, "fuzz_season: cannot read the shared inputs: %s\n", msg);
    abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    agro_ctx *ctx = fuzz_ctx();
    static const char *const cul[5] = {"IB0035", "IB1052", "990004", "990001", "IB0001"};
    static const char *const json[3] = {"maize_h613_hybrid", "maize_obatanpa_opv", "maize_katumani_opv"};
    char name[64], path[512];
    if (agro_soil_load_dssat(ctx, V "Soil/SOIL.SOL", "IBMZ910014", &SOILS[0]) ||
        agro_soil_load_dssat(ctx, V "Soil/SOIL.SOL", "ISUV950008", &SOILS[1]) ||
        agro_soil_load_json(ctx, M "soils/morogoro_sandy_clay_loam.json", &SOILS[2]) ||
        agro_soil_load_json(ctx, M "soils/goroka_clay_loam.json", &SOILS[3]))
        die_init(ctx);
    for (int i = 0; i < 5; i++)
        if (agro_maize_cultivar_load_dssat(ctx, V "Genotype/MZCER048.CUL", V "Genotype/MZCER048.ECO",
                                           cul[i], &CULTIVARS[i]))
            die_init(ctx);
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, M "cultivars/%s.json", json[i]);
        if (agro_maize_cultivar_load_json(ctx, path, &CULTIVARS[5 + i], name, sizeof name))
            die_init(ctx);
    }
    /* (on 2026-11-30 the shared UFGA8201.WTH was found overwritten by the same days in the
       agrosim CSV format: read it as such when it is not a .WTH, and say so) */
    if (agro_weather_load_wth(ctx, V "Weather/UFGA8201.WTH", &WTH[0])) {
        agro_ctx_clear(ctx);
        if (agro_weather_load_csv(ctx, V "Weather/UFGA8201.WTH", &WTH[0])) die_init(ctx);
        fprintf(stderr, "fuzz_season: note: %s is not a DSSAT .WTH; read as agrosim CSV\n",
                V "Weather/UFGA8201.WTH");
    }
    if (agro_weather_load_wth(ctx, V "Weather/IUAF9901.WTH", &WTH[1]) ||
        agro_site_load(ctx, M "sites/morogoro.json", &SITES[0], name, sizeof name) ||
        agro_site_load(ctx, M "sites/goroka.json", &SITES[1], name, sizeof name))
        die_init(ctx);
    agro_ctx_free(ctx);
    debug_on = getenv("FUZZ_SEASON_DEBUG") != NULL;
    return 0;
}

/* ---- the decoded season ---- */
typedef struct wx_episode {
    int32_t first, len, kind;
    double a, b;
} wx_episode;

typedef struct season {
    agro_season_spec spec;   /* soil, options, cultivar, start, events (SOW first) */
    int runner;              /* 1: agro_season_run; 0: field + daily steps */
    int preset;
    uint64_t wx_seed;        /* generated weather */
    int32_t n_wx;
    wx_episode wx[16];
    double daylength_offset_h, daylength_mult;
} season;

static agro_event *add_event(agro_season_spec *s, int32_t type)
{
    if (s->n_events >= AGRO_SEASON_MAX_EVENTS) return NULL;
    agro_event *e = &s->events[s->n_events++];
    memset(e, 0, sizeof *e);
    e->type = type;
    e->year = s->start_year;
    e->doy = s->start_doy;
    return e;
}

/* the event's date @p off days after the start */
static void event_at(const agro_season_spec *s, agro_event *e, int32_t off)
{
    e->year = s->start_year;
    e->doy = s->start_doy;
    agro_date_add(&e->year, &e->doy, off);
}

static void preset(season *z, int p)
{
    agro_season_spec *s = &z->spec;
    agro_season_spec_init(s);
    z->preset = p;
    z->daylength_offset_h = 0.0;
    z->daylength_mult = 1.0;
    s->soil = SOILS[p];
    static const int cul[N_PRESETS] = {0, 1, 5, 6};
    s->cultivar = CULTIVARS[cul[p]];
    static const double lat[N_PRESETS] = {29.63, 42.02, -6.82, -6.08};
    static const int32_t year[N_PRESETS] = {1982, 1999, 2001, 2001};
    static const int32_t start[N_PRESETS] = {56, 115, 60, 270};
    static const int32_t sow[N_PRESETS] = {57, 147, 75, 285};
    static const double pop[N_PRESETS] = {7.2, 7.5, 5.3, 5.3}, row[N_PRESETS] = {61, 76, 75, 75},
                        sdep[N_PRESETS] = {7, 4, 5, 5};
    s->options.latitude_deg = lat[p];
    s->start_year = year[p];
    s->start_doy = start[p];
    s->days_after_maturity = 0;
    if (p < 2) {
        agro_weather_info in;
        agro_weather_get_info(WTH[p], &in);
        s->options.tav_C = in.tav_C;
        s->options.amp_C = in.amp_C;
        s->options.wind_height_m = in.wndht_m;
    }
    agro_event *e = add_event(s, AGRO_EVENT_SOW);
    e->doy = sow[p];
    e->density_pl_m2 = pop[p];
    e->row_spacing_cm = row[p];
    e->depth_cm = sdep[p];
    if (p == 0) { /* UFGA8201 treatment 1 (bench/bench_maize.c) */
        static const int32_t idate[16] = {63, 77, 94, 107, 111, 122, 126, 129, 132, 134, 137, 141, 148, 158, 161, 162};
        static const double iamt[16] = {13, 10, 10, 13, 18, 25, 25, 13, 15, 19, 20, 20, 15, 19, 4, 25};
        for (int i = 0; i < 16; i++) {
            e = add_event(s, AGRO_EVENT_IRRIGATE);
            e->doy = idate[i];
            e->amount = iamt[i];
        }
        static const int32_t fdate[6] = {74, 89, 102, 118, 127, 137};
        static const double famt[6] = {56, 52, 75, 37, 55, 126};
        for (int i = 0; i < 6; i++) {
            e = add_event(s, AGRO_EVENT_FERTILISE);
            e->doy = fdate[i];
            e->amount = famt[i];
            e->depth_cm = 10.0;
            e->nh4_fraction = 0.5;
        }
    } else if (p == 1) { /* IUAF9901 treatment 1: FE004 at 20 cm, ICRT 200 */
        e = add_event(s, AGRO_EVENT_FERTILISE);
        e->doy = 130;
        e->amount = 56;
        e->depth_cm = 20;
        e->nh4_fraction = 0.5;
        e->urea_fraction = 0.5;
        e->fert_material = 4;
        e = add_event(s, AGRO_EVENT_ROOT_RESIDUE);
        e->amount = 200;
        e->n_pct = 0.8;
        e->initial = 1;
    } else { /* tests/helpers/season.h helper_morogoro_spec */
        for (int l = 0; l < s->soil.n_layers; l++) {
            s->options.no3_ppm[l] = 3.0;
            s->options.nh4_ppm[l] = 1.0;
        }
        e = add_event(s, AGRO_EVENT_FERTILISE);
        event_at(s, e, sow[p] - start[p]);
        e->amount = 40;
        e = add_event(s, AGRO_EVENT_WEEDS_EMERGE);
        event_at(s, e, sow[p] - start[p] + 3);
        e->density_pl_m2 = 25;
        e = add_event(s, AGRO_EVENT_WEED);
        event_at(s, e, sow[p] - start[p] + 28);
        e->amount = 0.9;
    }
}

/* Options bytes. The limitation flags, soil temperature etc. keep their defaults at 0. */
static int decode_options(fuzz_in *d, season *z, agro_ctx *ctx)
{
    agro_season_spec *s = &z->spec;
    agro_field_options *o = &s->options;
    unsigned b1 = in_u8(d), b2 = in_u8(d);
    static const int32_t temp[4] = {AGRO_SOIL_TEMP_STEMP, AGRO_SOIL_TEMP_EPIC,
                                    AGRO_SOIL_TEMP_NUMERICAL, AGRO_SOIL_TEMP_STEMP};
    o->soil_temp_method = temp[b1 & 3];
    if ((b1 & 3) == 3) o->soil_temp_surface = AGRO_STEMP_SURFACE_ALBEDO;
    if (b1 & 4) o->soil_evap_method = AGRO_SOIL_EVAP_SULEIMAN_RITCHIE;
    if (b1 & 8) o->crop_n_uptake_method = AGRO_CROP_N_UPTAKE_CERES_MAIZE;
    if (b1 & 16) o->soil_om_method = AGRO_SOIL_OM_CENTURY;
    if (b1 & 32) o->phosphorus_limited = 1;
    if (b1 & 64) o->water_limited = 0;
    if (b1 & 128) o->nitrogen_limited = 0;
    if (b2 & 1) o->weeds_limited = 0;
    o->cover = (int32_t)((b2 >> 1) & 3);
    if (b2 & 8) o->mulch_effects = 0;
    /* bits 4-5: DSSAT relayering (MESOL 1, 2) or a 5 cm subdivision; before the per-layer
       initial conditions, which follow the profile's layering */
    int st = AGRO_OK;
    unsigned lay = (b2 >> 4) & 3;
    if (lay == 1 || lay == 2) st = agro_soil_relayer_dssat(ctx, &s->soil, (int32_t)lay);
    else if (lay == 3) st = agro_soil_subdivide(ctx, &s->soil, 5.0);
    if (st) return st;
    if (b2 & 64) { /* CENTURY field history / previous grass (refused with CERES) */
        unsigned h = in_u8(d);
        o->field_history = (int32_t)(h % 7);
        o->field_history_years = (int32_t)(h >> 3) * 4;
        o->previous_crop_grass = (h >> 7) & 1;
    }
    if (b2 & 128) { /* scalar options */
        o->co2_ppm = in_range(d, o->co2_ppm, 0.0, 5000.0);
        o->residue_kg_ha = o->soil_om_method == AGRO_SOIL_OM_CENTURY ? 0.0 : in_skew(d, 50000.0);
        o->residue_area_cm2_g = in_range(d, 0.0, 0.0, 10000.0);
        o->residue_extinction = in_range(d, 0.0, 0.0, 10.0);
        o->residue_water_kg_kg = in_range(d, 0.0, 0.0, 100.0);
        o->latitude_deg = in_range(d, o->latitude_deg, -66.0, 66.0);
        o->wind_height_m = in_range(d, o->wind_height_m, 0.01, 100.0);
        o->tav_C = in_range(d, o->tav_C, -5.0, 35.0);
        o->amp_C = in_range(d, o->amp_C, 0.0, 40.0);
    }
    if (o->phosphorus_limited) { /* the profile needs a soil P test (bench_maize --phosphorus) */
        double px = in_range(d, 8.0, 0.5, 200.0);
        if (s->soil.p_method == 0) s->soil.p_method = 2;
        for (int l = 0; l < s->soil.n_layers; l++)
            if (isnan(s->soil.extractable_p_mg_kg[l])) s->soil.extractable_p_mg_kg[l] = px;
    }
    return AGRO_OK;
}

/* A coefficient of the cultivar or weed flora scaled by [1/4, 4] (the validators decide). */
static void scale_coefficient(void *coefs, size_t size, fuzz_in *d)
{
    double v[32];
    size_t n = size / sizeof(double);
    if (n > 32) abort();
    memcpy(v, coefs, n * sizeof(double));
    unsigned k = in_u8(d) % (unsigned)n;
    v[k] *= exp2(in_range(d, 0.0, -2.0, 2.0));
    memcpy(coefs, v, n * sizeof(double));
}

enum {
    R_FERT, R_IRR, R_WEED, R_WEEDS_EMERGE, R_HARVEST, R_RESIDUE, R_ROOT_RESIDUE, R_DAMAGE,
    R_WEATHER, R_INITIAL, R_SOW, R_CULTIVAR, R_SOIL, R_CULTIVAR_COEF, R_WEED_COEF, R_SEASON,
    N_RECORDS
};

static void decode_records(fuzz_in *d, season *z)
{
    agro_season_spec *s = &z->spec;
    agro_field_options *o = &s->options;
    agro_event *sow = &s->events[0];
    int32_t sow_off = 0;
    agro_days_between(s->start_year, s->start_doy, sow->year, sow->doy, &sow_off);
    while (d->n) {
        unsigned r = in_u8(d) % N_RECORDS;
        unsigned off = in_u8(d); /* days after the start (or after sowing) */
        agro_event *e = NULL;
        switch (r) {
        case R_FERT:
            if (!(e = add_event(s, AGRO_EVENT_FERTILISE))) return;
            e->amount = in_skew(d, 2000.0);
            e->depth_cm = in_skew(d, 100.0);
            e->nh4_fraction = in_range(d, 0.0, 0.0, 1.0);
            e->urea_fraction = in_range(d, 0.0, 0.0, 1.0 - e->nh4_fraction);
            e->incorporated = (int32_t)(in_u8(d) & 1);
            e->fert_material = (int32_t)(in_u8(d) % 20);
            e->p_kg_ha = in_skew(d, 5000.0);
            e->p_band_fraction = in_range(d, 0.0, 0.0, 1.0);
            break;
        case R_IRR:
            if (!(e = add_event(s, AGRO_EVENT_IRRIGATE))) return;
            e->amount = in_skew(d, 500.0);
            break;
        case R_WEED:
            if (!(e = add_event(s, AGRO_EVENT_WEED))) return;
            e->amount = in_range(d, 1.0, 0.0, 1.0);
            break;
        case R_WEEDS_EMERGE:
            if (!(e = add_event(s, AGRO_EVENT_WEEDS_EMERGE))) return;
            e->density_pl_m2 = in_skew(d, 10000.0);
            break;
        case R_HARVEST:
            if (!(e = add_event(s, AGRO_EVENT_HARVEST))) return;
            break;
        case R_RESIDUE:
        case R_ROOT_RESIDUE:
            if (!(e = add_event(s, r == R_RESIDUE ? AGRO_EVENT_RESIDUE : AGRO_EVENT_ROOT_RESIDUE))) return;
            e->amount = in_skew(d, 50000.0);
            e->n_pct = in_range(d, 1.0, 0.0, 10.0);
            e->p_pct = in_range(d, 0.0, 0.0, 5.0);
            e->lignin_frac = in_range(d, 0.0, 0.0, 1.0);
            if (r == R_RESIDUE) {
                static const int32_t types[4] = {0, 1, 203, 0};
                e->depth_cm = in_skew(d, 60.0);
                e->residue_type = types[in_u8(d) & 3];
                e->mulch_area_cm2_g = in_range(d, 0.0, 0.0, 10000.0);
                e->mulch_extinction = in_range(d, 0.0, 0.0, 10.0);
                e->mulch_water_kg_kg = in_range(d, 0.0, 0.0, 100.0);
            }
            /* the previous crop's residue of the initial conditions: on the first day */
            if (off == 0) e->initial = 1;
            break;
        case R_DAMAGE: {
            if (!(e = add_event(s, AGRO_EVENT_DAMAGE))) return;
            agro_crop_damage *g = &e->damage;
            unsigned which = in_u8(d);
            double *pct[6] = {&g->leaf_pct, &g->stem_pct, &g->root_pct, &g->grain_pct,
                              &g->plants_pct, &g->assimilate_pct};
            double *abs_[5] = {&g->leaf_g_m2, &g->stem_g_m2, &g->root_g_m2, &g->grain_g_m2,
                               &g->plants_m2};
            if (which & 128) *abs_[(which & 127) % 5] = in_skew(d, 1000.0);
            else *pct[which % 6] = in_range(d, 0.0, 0.0, 100.0);
            break;
        }
        case R_WEATHER:
            if (z->n_wx < 16) {
                wx_episode *w = &z->wx[z->n_wx++];
                w->first = (int32_t)off;
                w->len = (int32_t)(in_u8(d) % 64) + 1;
                w->kind = (int32_t)in_u8(d);
                w->a = in_range(d, 0.0, 0.0, 1.0);
                w->b = in_range(d, 0.0, 0.0, 1.0);
            }
            break;
        case R_INITIAL: { /* initial water, NO3, NH4: top and bottom values, interpolated */
            unsigned which = off % 3;
            double top = in_range(d, 0.0, 0.0, 1.0), bot = in_range(d, 0.0, 0.0, 1.0);
            int n = s->soil.n_layers;
            for (int l = 0; l < n; l++) {
                double t = n > 1 ? (double)l / (n - 1) : 0.0, u = top + (bot - top) * t;
                if (which == 0) o->sw[l] = u * s->soil.sat[l];
                else if (which == 1) o->no3_ppm[l] = 1000.0 * u * u * u;
                else o->nh4_ppm[l] = 1000.0 * u * u * u;
            }
            break;
        }
        case R_SOW: /* density (incl. the extremes), row spacing, depth, date, emergence */
            sow->density_pl_m2 = in_range(d, sow->density_pl_m2, 0.01, 100.0);
            sow->row_spacing_cm = in_range(d, sow->row_spacing_cm, 1.0, 300.0);
            sow->depth_cm = in_range(d, sow->depth_cm, 0.1, 30.0);
            sow->emergence_delay_d = (double)(in_u8(d) % 61);
            sow_off = (int32_t)(off % 120);
            event_at(s, sow, sow_off);
            if (in_u8(d) & 1) { /* an automatic sowing window from that date */
                agro_sowing_window *w = &s->sowing_window;
                w->enabled = 1;
                w->last_year = sow->year;
                w->last_doy = sow->doy;
                agro_date_add(&w->last_year, &w->last_doy, (int32_t)(in_u8(d) % 90));
                w->forced = (int32_t)(in_u8(d) & 1);
                w->sw_depth_cm = in_range(d, w->sw_depth_cm, 1.0, 100.0);
                w->sw_min_pct = in_range(d, w->sw_min_pct, 0.0, 100.0);
                w->sw_max_pct = in_range(d, w->sw_max_pct, w->sw_min_pct, 100.0);
                w->tsoil_min_C = in_range(d, w->tsoil_min_C, -5.0, 40.0);
                w->tsoil_max_C = in_range(d, w->tsoil_max_C, w->tsoil_min_C, 50.0);
            }
            break;
        case R_CULTIVAR:
            s->cultivar = CULTIVARS[off % N_CULTIVARS];
            break;
        case R_SOIL: /* only before the layer-wise initial conditions: those are reset */
            s->soil = SOILS[off % N_SOILS];
            for (int l = 0; l < AGRO_SOIL_MAX_LAYERS; l++) o->sw[l] = o->no3_ppm[l] = o->nh4_ppm[l] = NAN;
            if (o->phosphorus_limited) {
                if (s->soil.p_method == 0) s->soil.p_method = 2;
                for (int l = 0; l < s->soil.n_layers; l++)
                    if (isnan(s->soil.extractable_p_mg_kg[l])) s->soil.extractable_p_mg_kg[l] = 8.0;
            }
            break;
        case R_CULTIVAR_COEF:
            scale_coefficient(&s->cultivar, sizeof s->cultivar, d);
            break;
        case R_WEED_COEF:
            scale_coefficient(&o->weeds, sizeof o->weeds, d);
            break;
        case R_SEASON:
            s->days_after_maturity = (int32_t)(off % 40);
            z->wx_seed = in_u16(d);
            z->daylength_offset_h = in_range(d, 0.0, -6.0, 6.0);
            z->daylength_mult = in_range(d, 1.0, 0.5, 1.5);
            break;
        }
        if (e) {
            unsigned t = in_u8(d);
            if (z->runner && (t & 1) && e->type != AGRO_EVENT_SOW) { /* timed after sowing */
                e->timing = AGRO_TIMING_AFTER_SOWING;
                e->days_after_sowing = (int32_t)off;
            } else {
                event_at(s, e, (int32_t)off);
            }
        }
    }
}

/* Apply the weather episodes to days[0..n) (within physical ranges; tmin <= tmax). */
static void perturb_weather(const season *z, agro_weather_day *days, int32_t n)
{
    for (int32_t k = 0; k < z->n_wx; k++) {
        const wx_episode *w = &z->wx[k];
        for (int32_t i = w->first; i < w->first + w->len && i < n; i++) {
            agro_weather_day *x = &days[i];
            switch (w->kind % 10) {
            case 0: /* heat: up to +15 °C, capped at 50 */
                x->tmax_C = fmin(x->tmax_C + 15.0 * w->a, 50.0);
                x->tmin_C = fmin(x->tmin_C + 15.0 * w->b, x->tmax_C);
                break;
            case 1: /* cold: down to -25 °C */
                x->tmin_C = fmax(x->tmin_C - 25.0 * w->a, -40.0);
                x->tmax_C = fmax(x->tmax_C - 25.0 * w->b, x->tmin_C);
                break;
            case 2: /* drought */
                x->rain_mm = 0.0;
                break;
            case 3: /* deluge: up to 400 mm/d */
                x->rain_mm = 400.0 * w->a * w->a;
                break;
            case 4: /* dark or bright days: 0 to 40 MJ/m2 */
                x->srad_MJ_m2_d = 40.0 * w->a;
                break;
            case 5: /* no diurnal range */
                x->tmin_C = x->tmax_C = -10.0 + 55.0 * w->a;
                break;
            case 6: /* optional values: wind, humidity, dew point, vapour pressure */
                x->wind_km_d = w->a < 0.05 ? NAN : 1000.0 * w->a;
                x->rhum_pct = w->b < 0.05 ? NAN : 100.0 * w->b;
                x->tdew_C = w->b < 0.05 ? NAN : x->tmin_C - 10.0 * w->a;
                x->vprs_kPa = w->a < 0.05 ? NAN : 0.6108 * exp(17.27 * x->tmin_C / (x->tmin_C + 237.3));
                break;
            case 7: /* PAR given (or not) beside SRAD, mol/m2/d */
                x->par_mol_m2_d = w->a < 0.1 ? NAN : 2.0 * x->srad_MJ_m2_d * w->a * 2.3;
                break;
            case 8: /* scale rain */
                x->rain_mm *= 4.0 * w->a;
                break;
            default: /* shift the whole day: -15..+10 °C */
                x->tmax_C = fmin(x->tmax_C - 15.0 + 25.0 * w->a, 50.0);
                x->tmin_C = fmin(fmax(x->tmin_C - 15.0 + 25.0 * w->a, -40.0), x->tmax_C);
                break;
            }
        }
    }
}

/* ---- the oracle ---- */
#define FUZZ_GE0(v) FUZZ_REQUIRE(isfinite(v) && (v) >= 0.0, "%s = %g", #v, (double)(v))
#define FUZZ_UNIT(v) FUZZ_REQUIRE(isfinite(v) && (v) >= 0.0 && (v) <= 1.0, "%s = %g", #v, (double)(v))
/* tolerance of "never negative" for mineral N, kg/ha: rounding of a removal to zero */
#define N_EPS 1e-9

static void check_daily(const agro_field_daily *o, const agro_soil_profile *soil, int p_on)
{
    FUZZ_REQUIRE(o->n_layers == soil->n_layers, "%d layers of %d", (int)o->n_layers, (int)soil->n_layers);
    FUZZ_REQUIRE(o->doy >= 1 && o->doy <= agro_days_in_year(o->year), "date %d-%d", (int)o->year, (int)o->doy);
    FUZZ_GE0(o->leaf_number);
    FUZZ_GE0(o->lai_crop);
    FUZZ_GE0(o->lai_weeds);
    FUZZ_GE0(o->biomass_kg_ha);
    FUZZ_GE0(o->grain_kg_ha);
    FUZZ_GE0(o->leaf_kg_ha);
    FUZZ_GE0(o->stem_kg_ha);
    FUZZ_GE0(o->ear_kg_ha);
    FUZZ_GE0(o->root_kg_ha);
    FUZZ_GE0(o->kernels_m2);
    FUZZ_GE0(o->root_depth_cm);
    FUZZ_GE0(o->weeds_biomass_kg_ha);
    FUZZ_GE0(o->weeds_density_m2);
    FUZZ_GE0(o->gdd_Cd);
    FUZZ_GE0(o->cum_gdd_Cd);
    FUZZ_UNIT(o->fi_crop);
    FUZZ_UNIT(o->fi_weeds);
    FUZZ_REQUIRE(o->fi_crop + o->fi_weeds <= 1.0 + 1e-9, "fi %g + %g", o->fi_crop, o->fi_weeds);
    FUZZ_UNIT(o->swfac);
    FUZZ_UNIT(o->turfac);
    FUZZ_UNIT(o->nstress);
    FUZZ_UNIT(o->pstres1);
    FUZZ_UNIT(o->pstres2);
    FUZZ_GE0(o->sw_total_mm);
    FUZZ_GE0(o->pesw_mm);
    FUZZ_GE0(o->rain_mm);
    FUZZ_GE0(o->irrigation_mm);
    FUZZ_GE0(o->runoff_mm);
    FUZZ_GE0(o->drainage_mm);
    FUZZ_GE0(o->soil_evap_mm);
    FUZZ_GE0(o->transp_crop_mm);
    FUZZ_GE0(o->transp_weeds_mm);
    FUZZ_GE0(o->pet_mm);
    FUZZ_GE0(o->transp_pot_mm);
    FUZZ_GE0(o->crop_n_kg_ha);
    FUZZ_GE0(o->crop_tops_n_kg_ha);
    FUZZ_GE0(o->crop_n_uptake_kg_ha);
    FUZZ_GE0(o->weeds_n_kg_ha);
    FUZZ_REQUIRE(isfinite(o->no3_kg_ha) && o->no3_kg_ha >= -N_EPS, "NO3 %g", o->no3_kg_ha);
    FUZZ_REQUIRE(isfinite(o->nh4_kg_ha) && o->nh4_kg_ha >= -N_EPS, "NH4 %g", o->nh4_kg_ha);
    FUZZ_REQUIRE(isfinite(o->urea_kg_ha) && o->urea_kg_ha >= -N_EPS, "urea %g", o->urea_kg_ha);
    FUZZ_GE0(o->n_leached_kg_ha);
    FUZZ_GE0(o->n_denitrified_kg_ha);
    FUZZ_FINITE(o->soil_temp_5cm_C);
    FUZZ_NAN_OR_FINITE(o->soil_temp_seed_C);
    FUZZ_GE0(o->crop_p_kg_ha);
    FUZZ_GE0(o->soil_p_avail_kg_ha);
    FUZZ_GE0(o->soil_p_labile_kg_ha);
    if (!p_on) FUZZ_REQUIRE(o->crop_p_kg_ha == 0.0 && o->pstres1 == 1.0, "P without phosphorus");
    FUZZ_GE0(o->soil_org_c_kg_ha);
    FUZZ_GE0(o->mulch_kg_ha);
    FUZZ_UNIT(o->mulch_cover);
    FUZZ_GE0(o->mulch_water_mm);
    FUZZ_GE0(o->mulch_evap_mm);
    for (int l = 0; l < o->n_layers; l++) {
        FUZZ_REQUIRE(isfinite(o->sw[l]) && o->sw[l] >= 0.0 && o->sw[l] <= soil->sat[l] + 1e-9,
                     "day %d layer %d: SW %.17g, SAT %g", (int)o->das, l + 1, o->sw[l], soil->sat[l]);
        FUZZ_GE0(o->rlv[l]);
        FUZZ_FINITE(o->soil_temp_C[l]);
    }
}

static void check_summary(const agro_season_summary *s, int p_on)
{
    const double v[] = {s->hwam_kg_ha, s->hnam_m2, s->kernels_per_plant, s->ears_m2, s->cwam_kg_ha,
                        s->laix, s->hiam, s->leaf_number, s->nucm_kg_ha, s->cnam_kg_ha,
                        s->gnam_kg_ha, s->prcm_mm, s->ircm_mm, s->etcm_mm, s->epcm_mm, s->escm_mm,
                        s->drcm_mm, s->rocm_mm, s->nlcm_kg_ha, s->ndnc_kg_ha, s->nicm_kg_ha,
                        s->weeds_biomass_max_kg_ha, s->weeds_biomass_removed_kg_ha,
                        s->damage_dm_kg_ha, s->damage_n_kg_ha, s->water_balance_error_mm,
                        s->n_balance_error_kg_ha, s->picm_kg_ha, s->pupc_kg_ha, s->cpam_kg_ha,
                        s->p_balance_error_kg_ha, s->amlc_kg_ha};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        FUZZ_REQUIRE(isfinite(v[i]) && v[i] >= 0.0, "summary value %d = %g", (int)i, v[i]);
    /* NaN where field.h documents it: no plants, no kernels, no days from emergence on */
    FUZZ_NAN_OR_FINITE(s->population_pl_m2);
    FUZZ_NAN_OR_FINITE(s->hwum_g);
    FUZZ_REQUIRE(isnan(s->hwum_g) || s->hwum_g >= 0.0, "HWUM %g", s->hwum_g);
    const double m[3] = {s->swfac_mean, s->nstress_mean, s->pstress_mean};
    for (int i = 0; i < 3; i++)
        FUZZ_REQUIRE(isnan(m[i]) || (m[i] >= 0.0 && m[i] <= 1.0), "stress mean %d = %g", i, m[i]);
    FUZZ_REQUIRE(s->hiam <= 1.0 + 1e-9, "HIAM %g", s->hiam);
    /* dates: emergence <= anthesis <= maturity when reached; a crop that fails (no
       germination or emergence, cold, drought, all plants killed) gets its MDAT on that day
       without silking, as DSSAT's MZ_PHENOL and MZ_GROSUB set MDATE = YRDOY */
    FUZZ_REQUIRE(s->emergence_dap >= -1 && s->anthesis_dap >= -1 && s->maturity_dap >= -1, "dates");
    FUZZ_REQUIRE(s->crop_failed >= 0 && s->crop_failed <= AGRO_CROP_NOT_SOWN, "crop_failed %d",
                 (int)s->crop_failed);
    if (s->anthesis_dap >= 0)
        FUZZ_REQUIRE(s->emergence_dap >= 0 && s->emergence_dap <= s->anthesis_dap, "EDAT %d ADAT %d",
                     (int)s->emergence_dap, (int)s->anthesis_dap);
    if (s->maturity_dap >= 0) {
        if (s->anthesis_dap >= 0)
            FUZZ_REQUIRE(s->anthesis_dap <= s->maturity_dap, "ADAT %d MDAT %d", (int)s->anthesis_dap,
                         (int)s->maturity_dap);
        else
            FUZZ_REQUIRE(s->crop_failed == 1 && s->hwam_kg_ha == 0.0,
                         "MDAT %d without ADAT, crop_failed %d, HWAM %g", (int)s->maturity_dap,
                         (int)s->crop_failed, s->hwam_kg_ha);
    }
    FUZZ_REQUIRE(s->water_balance_error_mm < 1e-6, "water balance %g mm", s->water_balance_error_mm);
    FUZZ_REQUIRE(s->n_balance_error_kg_ha < 1e-6, "N balance %g kg/ha", s->n_balance_error_kg_ha);
    if (p_on)
        FUZZ_REQUIRE(s->p_balance_error_kg_ha < 1e-6, "P balance %g kg/ha", s->p_balance_error_kg_ha);
}

/* A refusal: AGRO_E* with a message; the run ends there. */
static int refused(agro_ctx *ctx, int rc)
{
    if (rc == AGRO_OK) return 0;
    fuzz_expect_error(ctx, rc, NULL, NULL);
    if (debug_on) {
        char msg[AGRO_MESSAGE_MAX];
        agro_ctx_message(ctx, msg, sizeof msg);
        fprintf(stderr, "fuzz_season: refused (%d): %s\n", rc, msg);
    }
    return 1;
}

static void debug_summary(const char *driver, const agro_season_summary *s)
{
    if (debug_on)
        fprintf(stderr, "fuzz_season: %s: %d days, EDAT %d ADAT %d MDAT %d DAP, HWAM %.0f, CWAM %.0f, "
                "LAIX %.2f, NUCM %.0f, water/N balance %.2g/%.2g\n", driver, (int)s->n_days,
                (int)s->emergence_dap, (int)s->anthesis_dap, (int)s->maturity_dap, s->hwam_kg_ha,
                s->cwam_kg_ha, s->laix, s->nucm_kg_ha, s->water_balance_error_mm,
                s->n_balance_error_kg_ha);
}

static agro_weather_day DAYS[MAX_DAYS];
static agro_field_daily DAILY[MAX_DAYS];

/* Driver 0: agro_field_create, the events on their days, agro_field_step over perturbed days. */
static int run_field(agro_ctx *ctx, season *z, const agro_weather *w, agro_season_summary *sm)
{
    int ok = 0;
    agro_season_spec *s = &z->spec;
    int32_t idx;
    agro_weather_info in;
    agro_weather_get_info(w, &in);
    if (agro_weather_find(w, s->start_year, s->start_doy, &idx)) abort(); /* presets are covered */
    int32_t n = in.n_days - idx < MAX_DAYS ? in.n_days - idx : MAX_DAYS;
    memcpy(DAYS, agro_weather_days(w) + idx, (size_t)n * sizeof DAYS[0]);
    perturb_weather(z, DAYS, n);
    const int p_on = s->options.phosphorus_limited;
    agro_field *f = NULL;
    if (refused(ctx, agro_field_create(ctx, &s->soil, &s->options, &f))) return 0;
    if (refused(ctx, agro_field_set_daylength_change(ctx, f, z->daylength_offset_h, z->daylength_mult)))
        goto out;
    int32_t since_mature = -1, has_harvest = 0;
    for (int32_t k = 0; k < s->n_events; k++) has_harvest |= s->events[k].type == AGRO_EVENT_HARVEST;
    int sown = 0;
    for (int32_t day = 0; day < n; day++) {
        int harvest = 0;
        for (int32_t k = 0; k < s->n_events; k++) {
            const agro_event *e = &s->events[k];
            int32_t off;
            if (agro_days_between(s->start_year, s->start_doy, e->year, e->doy, &off) || off != day) continue;
            int rc = AGRO_OK;
            if (e->type == AGRO_EVENT_HARVEST) harvest = 1;
            else if (e->type == AGRO_EVENT_SOW) {
                if (!sown) rc = agro_field_sow_maize(ctx, f, e, &s->cultivar);
                sown = 1;
            } else if (e->type == AGRO_EVENT_DAMAGE) rc = agro_field_set_damage(ctx, f, &e->damage);
            else rc = agro_field_apply(ctx, f, e);
            if (refused(ctx, rc)) goto out;
        }
        if (refused(ctx, agro_field_step(ctx, f, &DAYS[day]))) goto out;
        agro_field_daily o;
        FUZZ_REQUIRE(agro_field_get_daily(f, &o) == AGRO_OK, "get_daily");
        check_daily(&o, &s->soil, p_on);
        if (harvest) {
            agro_event h;
            memset(&h, 0, sizeof h);
            h.type = AGRO_EVENT_HARVEST;
            h.year = DAYS[day].year;
            h.doy = DAYS[day].doy;
            if (refused(ctx, agro_field_apply(ctx, f, &h))) goto out;
            break;
        }
        if (agro_field_crop_mature(f) && !has_harvest && ++since_mature >= s->days_after_maturity) break;
    }
    FUZZ_REQUIRE(agro_field_get_summary(f, sm) == AGRO_OK, "get_summary");
    debug_summary("field", sm);
    check_summary(sm, p_on);
    ok = 1;
out:
    agro_field_free(f);
    return ok;
}

/* Driver 1: agro_season_run with the events in the spec. */
static int run_season(agro_ctx *ctx, season *z, const agro_weather *w, agro_season_summary *sm)
{
    agro_season_spec *s = &z->spec;
    agro_weather_info in;
    agro_weather_get_info(w, &in);
    /* an end date inside the series: the run stops there at the latest */
    s->end_year = s->start_year;
    s->end_doy = s->start_doy;
    agro_date_add(&s->end_year, &s->end_doy, MAX_DAYS - 1);
    int32_t left;
    agro_days_between(s->end_year, s->end_doy, in.last_year, in.last_doy, &left);
    if (left < 0) {
        s->end_year = in.last_year;
        s->end_doy = in.last_doy;
    }
    int32_t nd = 0;
    int rc = agro_season_run(ctx, s, w, sm, DAILY, MAX_DAYS, &nd);
    if (refused(ctx, rc)) return 0;
    FUZZ_REQUIRE(nd >= 1 && nd <= MAX_DAYS && sm->n_days == nd, "%d days, summary %d", (int)nd, (int)sm->n_days);
    for (int32_t i = 0; i < nd; i++) check_daily(&DAILY[i], &s->soil, s->options.phosphorus_limited);
    debug_summary("season_run", sm);
    check_summary(sm, s->options.phosphorus_limited);
    return 1;
}

/* The runner and the hand-made loop, given the same dated events and unperturbed weather, must
 * simulate the same season to the bit. */
static void same_season(const agro_season_summary *a, const agro_season_summary *b)
{
    const int32_t ia[] = {a->n_days, a->emergence_dap, a->anthesis_dap, a->maturity_dap, a->harvest_doy, a->crop_failed};
    const int32_t ib[] = {b->n_days, b->emergence_dap, b->anthesis_dap, b->maturity_dap, b->harvest_doy, b->crop_failed};
    for (size_t i = 0; i < sizeof ia / sizeof ia[0]; i++)
        FUZZ_REQUIRE(ia[i] == ib[i], "runner vs field: integer %d: %d vs %d", (int)i, (int)ia[i], (int)ib[i]);
    const double da[] = {a->hwam_kg_ha, a->cwam_kg_ha, a->laix, a->nucm_kg_ha, a->etcm_mm, a->drcm_mm, a->nlcm_kg_ha, a->weeds_biomass_max_kg_ha};
    const double db[] = {b->hwam_kg_ha, b->cwam_kg_ha, b->laix, b->nucm_kg_ha, b->etcm_mm, b->drcm_mm, b->nlcm_kg_ha, b->weeds_biomass_max_kg_ha};
    for (size_t i = 0; i < sizeof da / sizeof da[0]; i++)
        FUZZ_REQUIRE(da[i] == db[i], "runner vs field: value %d: %.17g vs %.17g", (int)i, da[i], db[i]);
}

static season Z;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_in d = {data, size};
    unsigned b0 = in_u8(&d);
    season *z = &Z;
    memset(z, 0, sizeof *z);
    preset(z, (int)(b0 & 3));
    z->runner = (int)((b0 >> 2) & 1);
    agro_ctx *ctx = fuzz_ctx();
    agro_weather *gen = NULL;
    if (refused(ctx, decode_options(&d, z, ctx))) goto out;
    decode_records(&d, z);
    if (refused(ctx, agro_maize_cultivar_validate(ctx, &z->spec.cultivar, "fuzz"))) goto out;
    if (debug_on) {
        const agro_season_spec *s = &z->spec;
        const agro_field_options *o = &s->options;
        fprintf(stderr, "fuzz_season: preset %d, %s, temp %d evap %d uptake %d om %d P %d W/N/weeds %d%d%d, "
                "%d layers, %d weather episodes\n", z->preset, z->runner ? "agro_season_run" : "field",
                (int)o->soil_temp_method, (int)o->soil_evap_method, (int)o->crop_n_uptake_method,
                (int)o->soil_om_method, (int)o->phosphorus_limited, (int)o->water_limited,
                (int)o->nitrogen_limited, (int)o->weeds_limited, (int)s->soil.n_layers, (int)z->n_wx);
        for (int32_t k = 0; k < s->n_events; k++) {
            const agro_event *e = &s->events[k];
            fprintf(stderr, "  event %d: type %d %d-%03d (timing %d, %d DAS) amount %g depth %g density %g "
                    "row %g nh4 %g urea %g n %g%% P %g kg %g%% band %g initial %d\n", (int)k, (int)e->type,
                    (int)e->year, (int)e->doy, (int)e->timing, (int)e->days_after_sowing, e->amount,
                    e->depth_cm, e->density_pl_m2, e->row_spacing_cm, e->nh4_fraction, e->urea_fraction,
                    e->n_pct, e->p_kg_ha, e->p_pct, e->p_band_fraction, (int)e->initial);
        }
    }
    const agro_weather *w = z->preset < 2 ? WTH[z->preset] : NULL;
    if (!w) {
        FUZZ_REQUIRE(agro_weather_generate(ctx, &SITES[z->preset - 2], "FUZZ", 2001, 2, z->wx_seed,
                                           &gen) == AGRO_OK, "weather generation");
        w = gen;
    }
    agro_season_summary a, b;
    if (!z->runner) {
        run_field(ctx, z, w, &a);
    } else if (run_season(ctx, z, w, &a)) {
        /* the same season by hand when nothing needs the runner: dated events only, the
           weather unperturbed, no day length change */
        int dated = !z->spec.sowing_window.enabled && z->n_wx == 0 && z->daylength_offset_h == 0.0 &&
                    z->daylength_mult == 1.0 &&
                    z->spec.options.soil_temp_method != AGRO_SOIL_TEMP_NUMERICAL; /* (its cost) */
        for (int32_t k = 0; k < z->spec.n_events; k++) dated &= z->spec.events[k].timing == AGRO_TIMING_DATE;
        agro_ctx_clear(ctx);
        if (dated && run_field(ctx, z, w, &b)) same_season(&a, &b);
    }
out:
    agro_weather_free(gen);
    agro_ctx_free(ctx);
    return 0;
}
