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
 * Oracle: a refusal is a negative AGRO_E* code with a message, never AGRO_ENUMERIC (a numerical
 * failure of the model on a season within the documented ranges); an accepted season runs to its end
 * and every daily snapshot and the summary are finite (NaN only where field.h documents it),
 * masses and LAI >= 0, soil water within [0, SAT] per layer, mineral N >= 0, dates in order, and
 * the water, N (and P) balances close within 1e-6 (tests/test_field.c, test_phosphorus.c).
 * The inputs (soils, cultivars, weather files, sites) are read once at initialisation.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include "fuzz_common.h"
/* test-only read views of the field's per-layer soil N, P and CENTURY state (lib/, not the
   public API: agro_field_daily gives those only as profile totals) */
#include "field/field_internal.h"

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
static const char *abort_on;

static void die_init(agro_ctx *ctx)
{
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    fprintf(stderr, "fuzz_season: cannot read the shared inputs: %s\n", msg);
    abort();
}

/* ---- DSSAT treatments read once (byte 0 bit 3): the X file, one treatment as decoded by
   agro_dssat_treatment_get, its soil (Soil/), cultivar (MZCER048) and weather file ---- */
enum { N_DSSAT = 4 };
static const struct {
    const char *x;
    int32_t trt;
} DSSAT_SRC[N_DSSAT] = {{"Maize/UFGA8201.MZX", 4},  /* irrigated, high N */
                        {"Maize/IUAF9901.MZX", 2},  /* 224 kg N/ha, MH level */
                        {"Maize/SIAZ9501.MZX", 2},  /* 50 % irrigation */
                        {"Maize/FLSC8101.MZX", 1}}; /* irrigated, 200 kg N/ha */
static agro_dssat_exp *DX[N_DSSAT];
static agro_dssat_treatment DT[N_DSSAT];
static agro_soil_profile DSOIL[N_DSSAT];
static agro_maize_cultivar DCUL[N_DSSAT];
static agro_weather *DWTH[N_DSSAT];
static int32_t DN[N_DSSAT]; /* treatments in the X file */

static void die_init(agro_ctx *ctx);

static void dssat_init(agro_ctx *ctx)
{
    char path[512], cul[32], soil[32], wsta[32];
    for (int i = 0; i < N_DSSAT; i++) {
        snprintf(path, sizeof path, V "%s", DSSAT_SRC[i].x);
        if (agro_dssat_exp_load(ctx, path, &DX[i]) || agro_dssat_treatment_get(ctx, DX[i], DSSAT_SRC[i].trt, &DT[i]))
            die_init(ctx);
        agro_dssat_exp_n_treatments(DX[i], &DN[i]);
        agro_dssat_treatment_text(DX[i], DSSAT_SRC[i].trt, AGRO_DSSAT_TEXT_CULTIVAR_ID, cul, sizeof cul);
        agro_dssat_treatment_text(DX[i], DSSAT_SRC[i].trt, AGRO_DSSAT_TEXT_SOIL_ID, soil, sizeof soil);
        agro_dssat_treatment_text(DX[i], DSSAT_SRC[i].trt, AGRO_DSSAT_TEXT_WEATHER_STATION, wsta, sizeof wsta);
        /* WSTA of 4 letters: WSTA + YY + 01 of the planting year (one file covers the season) */
        if (strlen(wsta) == 4)
            snprintf(path, sizeof path, V "Weather/%s%02d01.WTH", wsta, (int)(DT[i].plant_date / 1000 % 100));
        else
            snprintf(path, sizeof path, V "Weather/%s.WTH", wsta);
        if (agro_soil_load_dssat_dir(ctx, V "Soil", soil, &DSOIL[i]) ||
            agro_maize_cultivar_load_dssat(ctx, V "Genotype/MZCER048.CUL", V "Genotype/MZCER048.ECO", cul, &DCUL[i]) ||
            agro_weather_load_wth(ctx, path, &DWTH[i]))
            die_init(ctx);
    }
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
    dssat_init(ctx);
    agro_ctx_free(ctx);
    debug_on = getenv("FUZZ_SEASON_DEBUG") != NULL;
    abort_on = getenv("FUZZ_SEASON_ABORT_ON");
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
    /* a second maize crop after the first one's harvest (or its maturity + days_after_maturity,
       where the loop harvests it), hand loop only: sown resow_gap days later */
    int resow;
    int32_t resow_gap;
    agro_event sow2;
    agro_maize_cultivar cultivar2;
    /* R_THIN: the stand (plants/m2) a plants damage of that event leaves, 0 for the others */
    double thin_left[AGRO_SEASON_MAX_EVENTS];
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
    R_RESOW, R_TILL, N_RECORDS
};
/* The stand and stress records, each making likely a day the mutations alone hardly reach (no
   new edge rewards them): a stand of 0.01 plants/m2 or fewer (MZ_GROSUB goes on in stages 1-4,
   returns in grain fill), a damage on the day the crop fails (MZ_GROSUB damages after its
   failure tests). A larger modulo would have renumbered every record of the earlier corpora;
   they take four type bytes instead, the rarest as record types of the thirty-second session's
   season corpus (3 of its 3 956 inputs have one; before: records 14, 6, 2 and 4). */
enum { R_SPARSE = N_RECORDS, R_DAMAGE_DAYS, R_THIN, R_COLD_DAMAGE };

static unsigned record_type(unsigned b)
{
    switch (b) {
    case 194: return R_SPARSE;
    case 150: return R_DAMAGE_DAYS;
    case 164: return R_THIN;
    case 220: return R_COLD_DAMAGE;
    default: return b % N_RECORDS;
    }
}

/* A crop damage: one PESTCP member, a % or an absolute amount. */
static void decode_damage(fuzz_in *d, agro_crop_damage *g)
{
    unsigned which = in_u8(d);
    double *pct[6] = {&g->leaf_pct, &g->stem_pct, &g->root_pct, &g->grain_pct, &g->plants_pct,
                      &g->assimilate_pct};
    double *abs_[5] = {&g->leaf_g_m2, &g->stem_g_m2, &g->root_g_m2, &g->grain_g_m2, &g->plants_m2};
    if (which & 128) *abs_[(which & 127) % 5] = in_skew(d, 1000.0);
    else *pct[which % 6] = in_range(d, 0.0, 0.0, 100.0);
}

static void decode_records(fuzz_in *d, season *z)
{
    agro_season_spec *s = &z->spec;
    agro_field_options *o = &s->options;
    agro_event *sow = &s->events[0];
    int32_t sow_off = 0;
    agro_days_between(s->start_year, s->start_doy, sow->year, sow->doy, &sow_off);
    while (d->n) {
        unsigned r = record_type(in_u8(d));
        unsigned off = in_u8(d); /* days after the start (or after sowing) */
        agro_event *e = NULL;
        int32_t days = 1; /* the event on that many days in a row */
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
            e->carried_off = (int32_t)(in_u8(d) & 1); /* tops left on the field or carried off */
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
        case R_DAMAGE:
            if (!(e = add_event(s, AGRO_EVENT_DAMAGE))) return;
            decode_damage(d, &e->damage);
            break;
        case R_SPARSE: /* a stand of 0.01 plants/m2 or fewer from sowing (field.h: (0, 100]) */
            sow->density_pl_m2 = in_range(d, 0.01, 1e-4, 0.01);
            break;
        case R_DAMAGE_DAYS: /* a damage on 1-64 days in a row */
            if (!(e = add_event(s, AGRO_EVENT_DAMAGE))) return;
            decode_damage(d, &e->damage);
            days = (int32_t)(in_u8(d) % 64) + 1;
            break;
        case R_THIN: /* plants killed down to a stand of 0.01 plants/m2 or fewer (of the sown
                        density, decode_season) */
            if (!(e = add_event(s, AGRO_EVENT_DAMAGE))) return;
            z->thin_left[e - s->events] = in_range(d, 0.01, 1e-4, 0.01);
            break;
        case R_COLD_DAMAGE: /* a cold spell (the hand loop's weather; TSEN is 6 C for the
                               shipped cultivars) with a damage on each of its days */
            if (!(e = add_event(s, AGRO_EVENT_DAMAGE))) return;
            days = (int32_t)(in_u8(d) % 64) + 1;
            if (z->n_wx < 16) {
                wx_episode *w = &z->wx[z->n_wx++];
                w->first = (int32_t)off;
                w->len = days;
                w->kind = 1;
                w->a = in_range(d, 0.5, 0.0, 1.0);
                w->b = in_range(d, 0.5, 0.0, 1.0);
            }
            decode_damage(d, &e->damage);
            break;
        case R_TILL: /* a tillage pass: TI001-TI045, the codes TILOP048.SDA lacks among them, at
                        0-60 cm (skewed; 0 does nothing), several on one day possible */
            if (!(e = add_event(s, AGRO_EVENT_TILL))) return;
            e->implement = (int32_t)(in_u8(d) % 45) + 1;
            e->depth_cm = in_skew(d, 60.0);
            break;
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
        case R_RESOW: /* a second crop (hand loop): off % 90 days after the first one ends */
            z->resow = 1;
            z->resow_gap = (int32_t)(off % 90);
            memset(&z->sow2, 0, sizeof z->sow2);
            z->sow2.type = AGRO_EVENT_SOW;
            z->sow2.density_pl_m2 = in_range(d, sow->density_pl_m2, 0.01, 100.0);
            z->sow2.row_spacing_cm = in_range(d, sow->row_spacing_cm, 1.0, 300.0);
            z->sow2.depth_cm = in_range(d, sow->depth_cm, 0.1, 30.0);
            z->sow2.emergence_delay_d = (double)(in_u8(d) % 61);
            z->cultivar2 = CULTIVARS[in_u8(d) % N_CULTIVARS];
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
            /* (the previous crop's residue stays on the first day: after sowing it would come
               after CENTURY's start, which field.h refuses) */
            if (z->runner && (t & 1) && e->type != AGRO_EVENT_SOW && !e->initial) { /* timed after sowing */
                e->timing = AGRO_TIMING_AFTER_SOWING;
                e->days_after_sowing = (int32_t)off;
            } else {
                event_at(s, e, (int32_t)off);
            }
            for (int32_t k = 1; k < days; k++) { /* the same event on the next days */
                agro_event *c = add_event(s, e->type);
                if (!c) return;
                *c = *e;
                if (c->timing == AGRO_TIMING_AFTER_SOWING) c->days_after_sowing += k;
                else agro_date_add(&c->year, &c->doy, k);
            }
        }
    }
}

/* The records, then what needs the whole season: an R_THIN damage kills the plants' share that
   leaves its stand of the sown density. */
static void decode_season(fuzz_in *d, season *z)
{
    decode_records(d, z);
    agro_season_spec *s = &z->spec;
    const double pop = s->events[0].density_pl_m2;
    for (int32_t k = 0; k < s->n_events; k++)
        if (z->thin_left[k] > 0.0)
            s->events[k].damage.plants_pct = pop > z->thin_left[k] ? 100.0 * (1.0 - z->thin_left[k] / pop) : 0.0;
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
/* soil temperature, °C: beyond what any soil reaches (the air here stays within -40..50 °C,
   TAV -5..35, AMP 0..40); a value outside is a numerical blow-up */
#define TSOIL_MIN (-60.0)
#define TSOIL_MAX 80.0

/* @p prev: the day before's snapshot, NULL on the first day. A tillage changes SAT (its
   loosening raises it, compaction lowers it, rain recovers it), so SW is bounded by the largest
   of the soil's SAT, the SAT the day's water saw (yesterday's) and the day's new one. */
static void check_daily(const agro_field_daily *o, const agro_field_daily *prev,
                        const agro_soil_profile *soil, int p_on)
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
        double sat = soil->sat[l];
        if (o->sat[l] > sat) sat = o->sat[l];
        if (prev && prev->sat[l] > sat) sat = prev->sat[l];
        FUZZ_REQUIRE(isfinite(o->sw[l]) && o->sw[l] >= 0.0 && o->sw[l] <= sat + 1e-9,
                     "day %d layer %d: SW %.17g, SAT %.17g", (int)o->das, l + 1, o->sw[l], sat);
        FUZZ_GE0(o->rlv[l]);
        FUZZ_REQUIRE(isfinite(o->soil_temp_C[l]) && o->soil_temp_C[l] >= TSOIL_MIN &&
                         o->soil_temp_C[l] <= TSOIL_MAX,
                     "day %d layer %d: soil temperature %g", (int)o->das, l + 1, o->soil_temp_C[l]);
    }
    FUZZ_REQUIRE(o->soil_temp_5cm_C >= TSOIL_MIN && o->soil_temp_5cm_C <= TSOIL_MAX,
                 "day %d: soil temperature at 5 cm %g", (int)o->das, o->soil_temp_5cm_C);
    /* MZ_GROSUB returns in stage 6 and is not called from maturity on (the day the crop fails
       goes through its state variables, and is a day of a new stage): from one day of either
       to the next the crop keeps its organs, N, P and leaf area, a damage included */
    if (prev && prev->dap >= 0 && o->dap == prev->dap + 1 && o->stage == prev->stage &&
        (o->stage == AGRO_MAIZE_STAGE_END_GRAIN_FILL || o->stage == AGRO_MAIZE_STAGE_MATURE)) {
        const double a[] = {o->leaf_kg_ha, o->stem_kg_ha, o->ear_kg_ha, o->grain_kg_ha, o->root_kg_ha,
                            o->crop_n_kg_ha, o->crop_tops_n_kg_ha, o->crop_p_kg_ha, o->lai_crop, o->kernels_m2};
        const double b[] = {prev->leaf_kg_ha, prev->stem_kg_ha, prev->ear_kg_ha, prev->grain_kg_ha,
                            prev->root_kg_ha, prev->crop_n_kg_ha, prev->crop_tops_n_kg_ha, prev->crop_p_kg_ha,
                            prev->lai_crop, prev->kernels_m2};
        static const char *const what[] = {"leaf", "stem", "ear", "grain", "root", "N", "tops N", "P", "LAI",
                                           "kernels"};
        for (size_t i = 0; i < sizeof a / sizeof a[0]; i++)
            FUZZ_REQUIRE(a[i] == b[i], "day %d: the crop's %s moved in stage %d: %.17g -> %.17g", (int)o->das,
                         what[i], (int)o->stage, b[i], a[i]);
    }
}

/* A pool of layer @p l that may not be negative (below -@p tol) nor anything but finite. */
#define FUZZ_POOL(what, v, l, tol)                                                               \
    FUZZ_REQUIRE(isfinite(v) && (v) >= -(tol), "day %d layer %d: %s %.17g", (int)das, (int)(l) + 1, \
                 what, (double)(v))

/* Every layer of the field's soil N, P and CENTURY state after a step (agro_field_daily has
 * only their profile totals). Tolerances: none for mineral N, urea and fresh organic matter N,
 * as tests/test_soil_nitrogen.c (cr_assert_geq(no3, 0.0)): the N step rounds (-1e-12, 0) to 0
 * and refuses anything more negative (nitrogen_balance.c), uptake takes at most the pool; none
 * for the P pools; 1e-9 kg/ha for the CENTURY pools, as tests/test_century.c. */
static void check_layers(const agro_field *f, int32_t das, int n, int p_on)
{
    const agro_soil_n_state *ns = agro_field_soil_n_unchecked(f);
    FUZZ_REQUIRE(ns->n_layers == n, "N state %d layers of %d", (int)ns->n_layers, n);
    for (int l = 0; l < n; l++) {
        FUZZ_POOL("NO3 (kg N/ha)", ns->no3_kg_ha[l], l, 0.0);
        FUZZ_POOL("NH4 (kg N/ha)", ns->nh4_kg_ha[l], l, 0.0);
        FUZZ_POOL("urea (kg N/ha)", ns->urea_kg_ha[l], l, 0.0);
        FUZZ_POOL("FON (kg N/ha)", ns->fom_n_kg_ha[l], l, 0.0);
        FUZZ_POOL("humus N (kg N/ha)", ns->org_n_kg_ha[l], l, 0.0);
        FUZZ_POOL("FOM carbohydrate", ns->fom_carb_kg_ha[l], l, 0.0);
        FUZZ_POOL("FOM cellulose", ns->fom_cell_kg_ha[l], l, 0.0);
        FUZZ_POOL("FOM lignin", ns->fom_lign_kg_ha[l], l, 0.0);
    }
    if (p_on) {
        const agro_soil_p_state *ps = agro_field_soil_p_unchecked(f);
        for (int l = 0; l < n; l++) {
            FUZZ_POOL("labile P in the root zone", ps->lab_rts[l], l, 0.0);
            FUZZ_POOL("labile P outside", ps->lab_out[l], l, 0.0);
            FUZZ_POOL("active P in the root zone", ps->act_rts[l], l, 0.0);
            FUZZ_POOL("active P outside", ps->act_out[l], l, 0.0);
            FUZZ_POOL("stable P in the root zone", ps->sta_rts[l], l, 0.0);
            FUZZ_POOL("stable P outside", ps->sta_out[l], l, 0.0);
            FUZZ_POOL("FOM P", ps->fom_p[l], l, 0.0);
            FUZZ_POOL("humus P", ps->humus_p[l], l, 0.0);
            FUZZ_POOL("available P", ps->avail[l], l, 0.0);
            FUZZ_REQUIRE(ps->frac_rts[l] >= 0.0 && ps->frac_rts[l] <= 1.0, "day %d layer %d: root zone %g",
                         (int)das, l + 1, ps->frac_rts[l]);
        }
    }
    const agro_century_state *cs = agro_field_century_unchecked(f);
    if (cs) {
        FUZZ_REQUIRE(cs->n_layers == n, "CENTURY %d layers of %d", (int)cs->n_layers, n);
        for (int l = 0; l <= n; l++) { /* 0: the surface */
            const double v[] = {cs->som1_c[l], cs->som1_n[l], cs->metab_c[l], cs->metab_n[l],
                                cs->struc_c[l], cs->struc_n[l], cs->lig_c[l]};
            static const char *const vn[] = {"CENTURY SOM1 C", "CENTURY SOM1 N", "CENTURY metabolic C",
                                             "CENTURY metabolic N", "CENTURY structural C",
                                             "CENTURY structural N", "CENTURY lignin C"};
            for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) FUZZ_POOL(vn[k], v[k], l - 1, 1e-9);
            if (l > 0) {
                const double w[] = {cs->som2_c[l], cs->som2_n[l], cs->som3_c[l], cs->som3_n[l]};
                for (size_t k = 0; k < sizeof w / sizeof w[0]; k++) FUZZ_POOL("CENTURY SOM2/3", w[k], l - 1, 1e-9);
            }
            if (cs->elements > 1) {
                const double q[] = {cs->som1_p[l], cs->metab_p[l], cs->struc_p[l], l > 0 ? cs->som23_p[l] : 0.0};
                static const char *const qn[] = {"CENTURY SOM1 P", "CENTURY metabolic P", "CENTURY structural P",
                                                 "CENTURY SOM23 P"};
                for (size_t k = 0; k < sizeof q / sizeof q[0]; k++) FUZZ_POOL(qn[k], q[k], l - 1, 1e-9);
            }
        }
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
    char msg[AGRO_MESSAGE_MAX];
    agro_ctx_message(ctx, msg, sizeof msg);
    if (debug_on) fprintf(stderr, "fuzz_season: refused (%d): %s\n", rc, msg);
    /* FUZZ_SEASON_ABORT_ON=TEXT: a refusal whose message holds TEXT is a crash, for libFuzzer's
       -minimize_crash on the inputs of one kind of refusal */
    FUZZ_REQUIRE(!abort_on || !strstr(msg, abort_on), "refusal (%d): %s", rc, msg);
    /* the season is decoded within the documented ranges: a model that fails numerically on it
       (a pool that would go negative, a non-finite value) is a bug, not a refusal */
    FUZZ_REQUIRE(rc != AGRO_ENUMERIC, "numerical failure (%d): %s", rc, msg);
    /* nor a state the model made and its own check refuses (AGRO_ERANGE: CENTURY's SOM23C below
       0 after a tillage, thirty-second session, was found only by sorting the refusals) */
    FUZZ_REQUIRE(!strstr(msg, "century_state:"), "the model's own state refused (%d): %s", rc, msg);
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
    int32_t n = in.n_days - idx < MAX_DAYS ? in.n_days - idx : MAX_DAYS, to_end;
    if (s->end_year && agro_days_between(s->start_year, s->start_doy, s->end_year, s->end_doy, &to_end) == AGRO_OK &&
        to_end + 1 < n)
        n = to_end + 1; /* the spec's end (the runner's last day) */
    memcpy(DAYS, agro_weather_days(w) + idx, (size_t)n * sizeof DAYS[0]);
    perturb_weather(z, DAYS, n);
    const int p_on = s->options.phosphorus_limited;
    agro_field *f = NULL;
    if (refused(ctx, agro_field_create(ctx, &s->soil, &s->options, &f))) return 0;
    if (refused(ctx, agro_field_set_daylength_change(ctx, f, z->daylength_offset_h, z->daylength_mult)))
        goto out;
    int32_t since_mature = -1, has_harvest = 0, last_harvest = -1;
    for (int32_t k = 0; k < s->n_events; k++) {
        int32_t off;
        if (s->events[k].type == AGRO_EVENT_HARVEST &&
            !agro_days_between(s->start_year, s->start_doy, s->events[k].year, s->events[k].doy, &off)) {
            has_harvest = 1;
            if (off > last_harvest) last_harvest = off;
        }
    }
    int sown = 0;
    static agro_field_daily prev_day; /* (the harness runs one input at a time) */
    int have_prev = 0;
    int phase = 1;          /* 2: the first crop is gone, the second one is (or will be) sown */
    int32_t sow2_day = -1;  /* day of the second sowing */
    for (int32_t day = 0; day < n; day++) {
        int harvest = 0;
        for (int32_t k = 0; k < s->n_events; k++) {
            const agro_event *e = &s->events[k];
            int32_t off;
            if (agro_days_between(s->start_year, s->start_doy, e->year, e->doy, &off) || off != day) continue;
            int rc = AGRO_OK;
            if (e->type == AGRO_EVENT_HARVEST) harvest = phase == 1 || day >= sow2_day;
            else if (e->type == AGRO_EVENT_SOW) {
                if (!sown) rc = agro_field_sow_maize(ctx, f, e, &s->cultivar);
                sown = 1;
            } else if (e->type == AGRO_EVENT_DAMAGE) rc = agro_field_set_damage(ctx, f, &e->damage);
            else rc = agro_field_apply(ctx, f, e);
            if (refused(ctx, rc)) goto out;
        }
        /* with a second crop to come, a harvest before the first one is sown does not end the
           first one: the second crop follows it, not its SOW event (without one the season
           ends there, as agro_season_run ends it) */
        if (phase == 1 && !sown && z->resow) harvest = 0;
        if (phase == 2 && day == sow2_day) {
            z->sow2.year = DAYS[day].year;
            z->sow2.doy = DAYS[day].doy;
            if (refused(ctx, agro_field_sow_maize(ctx, f, &z->sow2, &z->cultivar2))) goto out;
        }
        if (refused(ctx, agro_field_step(ctx, f, &DAYS[day]))) goto out;
        agro_field_daily o;
        FUZZ_REQUIRE(agro_field_get_daily(f, &o) == AGRO_OK, "get_daily");
        check_daily(&o, have_prev ? &prev_day : NULL, &s->soil, p_on);
        prev_day = o;
        have_prev = 1;
        check_layers(f, o.das, s->soil.n_layers, p_on);
        /* the crop ends: at a harvest event; else, without one to come, days_after_maturity
           after maturity (the second crop only once sown) */
        int ends = harvest;
        if (!ends && (phase == 1 || day >= sow2_day) && agro_field_crop_mature(f) &&
            !(phase == 1 ? has_harvest : last_harvest >= sow2_day) && ++since_mature >= s->days_after_maturity)
            ends = 1;
        if (!ends) continue;
        if (harvest || (phase == 1 && z->resow)) {
            agro_event h;
            memset(&h, 0, sizeof h);
            h.type = AGRO_EVENT_HARVEST;
            h.year = DAYS[day].year;
            h.doy = DAYS[day].doy;
            if (refused(ctx, agro_field_apply(ctx, f, &h))) goto out;
        }
        if (phase == 2 || !z->resow) break;
        /* the first crop's summary, then a second crop on the same field */
        agro_season_summary first;
        FUZZ_REQUIRE(agro_field_get_summary(f, &first) == AGRO_OK, "get_summary");
        debug_summary("field, first crop", &first);
        check_summary(&first, p_on);
        phase = 2;
        sow2_day = day + 1 + z->resow_gap;
        since_mature = -1;
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
    /* an end date inside the series: the run stops there at the latest (or at the spec's own
       end, agro_dssat_season_spec's, when earlier) */
    int32_t ey = s->start_year, ed = s->start_doy, left;
    agro_date_add(&ey, &ed, MAX_DAYS - 1);
    agro_days_between(ey, ed, in.last_year, in.last_doy, &left);
    if (left < 0) {
        ey = in.last_year;
        ed = in.last_doy;
    }
    if (!s->end_year || (agro_days_between(ey, ed, s->end_year, s->end_doy, &left) == AGRO_OK && left > 0)) {
        s->end_year = ey;
        s->end_doy = ed;
    }
    int32_t nd = 0;
    int rc = agro_season_run(ctx, s, w, sm, DAILY, MAX_DAYS, &nd);
    if (refused(ctx, rc)) return 0;
    FUZZ_REQUIRE(nd >= 1 && nd <= MAX_DAYS && sm->n_days == nd, "%d days, summary %d", (int)nd, (int)sm->n_days);
    for (int32_t i = 0; i < nd; i++) check_daily(&DAILY[i], i ? &DAILY[i - 1] : NULL, &s->soil, s->options.phosphorus_limited);
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


/* ---- DSSAT mode (byte 0 bit 3): a shared treatment perturbed within its documented ranges,
   mapped by agro_dssat_soil_prepare + agro_dssat_season_spec and run by agro_season_run (and
   the hand loop, when every event is dated); or the whole runner agro_dssat_run_treatment_opts
   on one of the X file's treatments as it stands ---- */
static int32_t yd_plus(int32_t yd, int32_t days)
{
    int32_t y = yd / 1000, d = yd % 1000;
    agro_date_add(&y, &d, days);
    return y * 1000 + d;
}

/* a row of an event table: an existing one or, while there is room, a new one (@p n grows) */
static int dssat_row(fuzz_in *d, int32_t *n, int32_t max)
{
    unsigned i = in_u8(d) % (unsigned)(*n + 1);
    if ((int32_t)i == *n) {
        if (*n >= max) return *n - 1;
        (*n)++;
    }
    return (int)i;
}

static void decode_dssat(fuzz_in *d, agro_dssat_treatment *t, int32_t *uptake, int32_t *follow_mesev)
{
    const int32_t start = t->start_date ? t->start_date : t->plant_date;
    int32_t harv_dap = -1; /* a harvest record's R date, days after the final planting date */
    while (d->n) {
        unsigned r = in_u8(d) % 8, off = in_u8(d), b;
        int i;
        switch (r) {
        case 0: /* planting: date, PPOP/PPOE 0.01-100, PLRS 1-300 cm or missing, PLDP 0.1-30 cm,
                   reported or automatic (window, PH2OL/U, PH2OD, PSTMX/N) */
            t->plant_date = yd_plus(start, (int32_t)(off % 120));
            t->plants_sown_m2 = in_range(d, t->plants_sown_m2, 0.01, 100.0);
            t->plants_emerged_m2 = in_range(d, t->plants_emerged_m2, 0.01, 100.0);
            b = in_u8(d);
            if (b == 255) t->row_spacing_cm = NAN;
            else if (b) t->row_spacing_cm = 1.0 + 299.0 * (double)(b - 1) / 253.0;
            t->sowing_depth_cm = in_range(d, t->sowing_depth_cm, 0.1, 30.0);
            b = in_u8(d);
            if (b & 1) {
                t->plant_mode = (b & 2) ? 'F' : 'A';
                t->plant_first = t->plant_date;
                t->plant_last = yd_plus(t->plant_date, (int32_t)(in_u8(d) % 90));
                t->plant_h2o_low_pct = in_range(d, 40.0, 0.0, 100.0);
                t->plant_h2o_high_pct = in_range(d, 100.0, t->plant_h2o_low_pct, 100.0);
                t->plant_h2o_depth_cm = in_range(d, 30.0, 1.0, 100.0);
                t->plant_tmin_C = in_range(d, 10.0, -5.0, 40.0);
                t->plant_tmax_C = in_range(d, 40.0, t->plant_tmin_C, 50.0);
            } else {
                t->plant_mode = 'R';
            }
            break;
        case 1: /* fertiliser row: date, FAMN 0-2000, FDEP 0-100 cm, FMCD FE001-FE020, FACD
                   AP001-AP020 (0: missing), FAMP 0-5000 */
            i = dssat_row(d, &t->n_fertilisers, AGRO_DSSAT_MAX_FERTILISERS);
            if (t->fert_mode != 'R' && t->fert_mode != 'D') t->fert_mode = 'R';
            t->fert_date[i] = t->fert_mode == 'D' ? (int32_t)(off % 150) : yd_plus(start, (int32_t)off);
            t->fert_n_kg_ha[i] = in_skew(d, 2000.0);
            t->fert_depth_cm[i] = in_skew(d, 100.0);
            t->fert_material[i] = (int32_t)(in_u8(d) % 20) + 1;
            t->fert_method[i] = (int32_t)(in_u8(d) % 21);
            t->fert_p_kg_ha[i] = in_skew(d, 5000.0);
            t->fert_k_kg_ha[i] = 0.0;
            break;
        case 2: /* irrigation row: date, IRVAL 0-500 mm, IROP IR001-IR011, EFIR 0-1 */
            i = dssat_row(d, &t->n_irrigations, AGRO_DSSAT_MAX_IRRIGATIONS);
            if (t->irrig_mode != 'R' && t->irrig_mode != 'D') t->irrig_mode = 'R';
            t->irr_date[i] = t->irrig_mode == 'D' ? (int32_t)(off % 150) : yd_plus(start, (int32_t)off);
            t->irr_value_mm[i] = in_skew(d, 500.0);
            t->irr_operation[i] = (int32_t)(in_u8(d) % 11) + 1;
            t->irr_efficiency = in_range(d, t->irr_efficiency, 0.0, 1.0);
            break;
        case 3: { /* initial conditions: SH2O (0-0.6, clipped to SAT by the mapping), SNO3,
                     SNH4 (0-100 ppm, the most IPSLIN and agro_dssat_season_spec take) top to
                     bottom; ICRT, ICRES, ICREN, ICRIP, ICRID */
            if (t->ic_n_layers == 0) {
                static const double depth[3] = {20.0, 50.0, 200.0};
                t->levels[3] = 1;
                t->ic_n_layers = 3;
                for (int l = 0; l < 3; l++) {
                    t->ic_depth_cm[l] = depth[l];
                    t->ic_sw[l] = t->ic_no3_ppm[l] = t->ic_nh4_ppm[l] = NAN;
                }
            }
            double top = in_range(d, 0.0, 0.0, 1.0), bot = in_range(d, 0.0, 0.0, 1.0);
            const int n = t->ic_n_layers;
            for (int l = 0; l < n; l++) {
                double u = top + (bot - top) * (n > 1 ? (double)l / (n - 1) : 0.0);
                if (off % 3 == 0) t->ic_sw[l] = 0.6 * u;
                else if (off % 3 == 1) t->ic_no3_ppm[l] = 100.0 * u * u * u;
                else t->ic_nh4_ppm[l] = 100.0 * u * u * u;
            }
            t->ic_root_kg_ha = in_range(d, t->ic_root_kg_ha, 0.0, 10000.0);
            t->ic_residue_kg_ha = in_range(d, t->ic_residue_kg_ha, 0.0, 20000.0);
            t->ic_residue_n_pct = in_range(d, t->ic_residue_n_pct, 0.0, 10.0);
            t->ic_residue_incorporation_pct = in_range(d, t->ic_residue_incorporation_pct, 0.0, 100.0);
            t->ic_residue_depth_cm = in_range(d, t->ic_residue_depth_cm, 0.0, 60.0);
            break;
        }
        case 4: /* residue row (MR): date, RAMT 0-50000, RESN 0-10 %, RESP 0-5 %, RINP, RDEP */
            i = dssat_row(d, &t->n_residues, AGRO_DSSAT_MAX_RESIDUES);
            if (t->residue_mode != 'R' && t->residue_mode != 'D') t->residue_mode = 'R';
            t->res_date[i] = t->residue_mode == 'D' ? (int32_t)(off % 150) : yd_plus(start, (int32_t)off);
            t->res_material[i] = 1;
            t->res_amount_kg_ha[i] = in_skew(d, 50000.0);
            t->res_n_pct[i] = in_range(d, 1.0, 0.0, 10.0);
            t->res_p_pct[i] = in_range(d, NAN, 0.0, 5.0);
            t->res_incorporation_pct[i] = in_range(d, 0.0, 0.0, 100.0);
            t->res_depth_cm[i] = in_range(d, 0.0, 0.0, 60.0);
            break;
        case 5: /* simulation controls: WATER, NITRO, PHOSP, MESOM, METMP, MESEV, INFIL, MESOL;
                   the runner's N uptake and MESEV options */
            t->water = (off & 1) ? 'N' : 'Y';
            t->nitrogen = (off & 2) ? 'N' : 'Y';
            t->phosphorus = (off & 4) ? 'Y' : 'N';
            t->som_method = (off & 8) ? 'P' : 'G';
            t->temp_method = (off & 16) ? 'E' : 'D';
            t->evap_method = (off & 32) ? 'R' : 'S';
            t->infil_method = (off & 64) ? 'N' : 'S';
            b = in_u8(d);
            t->soil_layering = (int32_t)(b % 3) + 1;
            *uptake = (b & 4) ? AGRO_CROP_N_UPTAKE_CERES_MAIZE : AGRO_CROP_N_UPTAKE_GENERIC;
            *follow_mesev = (b >> 3) & 1;
            break;
        case 6: /* tillage row (MT, TILL Y): date, TIMPL TI001-TI045 (some not in TILOP048.SDA),
                   TDEP 0-60 cm */
            i = dssat_row(d, &t->n_tillage, AGRO_DSSAT_MAX_TILLAGE);
            t->levels[9] = 1;
            t->tillage = 'Y';
            t->till_date[i] = yd_plus(start, (int32_t)off);
            t->till_implement[i] = (int32_t)(in_u8(d) % 45) + 1;
            t->till_depth_cm[i] = round(in_range(d, 20.0, 0.0, 60.0) * 10.0) / 10.0;
            break;
        default: /* harvest: at maturity, on a date or days after planting */
            b = in_u8(d) % 3;
            t->harvest_mode = b == 0 ? 'M' : (b == 1 ? 'R' : 'D');
            t->n_harvests = 1;
            harv_dap = 30 + (int32_t)(off % 150);
            t->harv_date[0] = b == 2 ? harv_dap : yd_plus(t->plant_date, harv_dap);
            t->harv_pct[0] = 100.0;
            break;
        }
    }
    /* after a planting record that came later in the input: an R date on or before PDATE is
       refused (HARVS R, agro_dssat_season_spec), which the records do not mean */
    if (harv_dap >= 0 && t->harvest_mode == 'R') t->harv_date[0] = yd_plus(t->plant_date, harv_dap);
}

static agro_dssat_treatment DTW; /* the treatment of the input */

/* the site as the runner takes it from the weather file */
static void dssat_site(const agro_weather *w, agro_dssat_site *site)
{
    agro_weather_info in;
    agro_weather_get_info(w, &in);
    site->latitude_deg = in.latitude_deg;
    site->tav_C = in.tav_C;
    site->amp_C = in.amp_C;
    site->co2_ppm = NAN;
    site->wind_height_m = in.wndht_m;
}

static int dssat_p_on(const agro_dssat_treatment *t)
{
    return (t->phosphorus == 'Y' || t->phosphorus == 'H') && t->water != 'N' && t->nitrogen != 'N';
}

static int run_season(agro_ctx *ctx, season *z, const agro_weather *w, agro_season_summary *sm);
static int run_field(agro_ctx *ctx, season *z, const agro_weather *w, agro_season_summary *sm);
static void same_season(const agro_season_summary *a, const agro_season_summary *b);

/* A perturbed treatment through the public DSSAT season API. */
static void run_dssat_spec(agro_ctx *ctx, season *z, int k, fuzz_in *d)
{
    agro_dssat_treatment *t = &DTW;
    *t = DT[k];
    int32_t uptake = AGRO_CROP_N_UPTAKE_GENERIC, mesev = 0;
    decode_dssat(d, t, &uptake, &mesev);
    agro_season_spec *s = &z->spec;
    s->soil = DSOIL[k];
    if (refused(ctx, agro_dssat_soil_prepare(ctx, t, &s->soil))) return;
    agro_dssat_site site;
    dssat_site(DWTH[k], &site);
    agro_soil_profile soil = s->soil;
    if (refused(ctx, agro_dssat_season_spec(ctx, t, &soil, &DCUL[k], &site, "fuzz.MZX", s))) return;
    if (mesev && t->evap_method != 'R') s->options.soil_evap_method = AGRO_SOIL_EVAP_SULEIMAN_RITCHIE;
    s->options.crop_n_uptake_method = uptake;
    FUZZ_REQUIRE(s->options.phosphorus_limited == dssat_p_on(t), "PHOSP %c mapped to %d", (char)t->phosphorus,
                 (int)s->options.phosphorus_limited);
    if (debug_on)
        fprintf(stderr, "fuzz_season: DSSAT %s trt %d: %d events, PDATE %d, mode %c, P %d, OM %d, layers %d\n",
                DSSAT_SRC[k].x, (int)t->number, (int)s->n_events, (int)t->plant_date, (char)t->plant_mode,
                (int)s->options.phosphorus_limited, (int)s->options.soil_om_method, (int)s->soil.n_layers);
    agro_season_summary a, b;
    if (!run_season(ctx, z, DWTH[k], &a)) return;
    int dated = !s->sowing_window.enabled && s->options.soil_temp_method != AGRO_SOIL_TEMP_NUMERICAL;
    for (int32_t e = 0; e < s->n_events; e++) dated &= s->events[e].timing == AGRO_TIMING_DATE;
    agro_ctx_clear(ctx);
    if (dated && run_field(ctx, z, DWTH[k], &b)) same_season(&a, &b);
}

static agro_dssat_result DRES;

/* One of the X file's treatments, as it stands, through agro_dssat_run_treatment_opts with
   options from the input: what the CLI's run-dssat does (files read per run). */
static void run_dssat_runner(agro_ctx *ctx, int k, fuzz_in *d)
{
    int32_t number = 0;
    agro_dssat_exp_treatment_number(DX[k], (int32_t)(in_u8(d) % (unsigned)DN[k]), &number);
    unsigned b = in_u8(d);
    agro_dssat_run_options o;
    agro_dssat_run_options_default(&o);
    o.follow_mesev = (int32_t)(b & 1);
    o.crop_n_uptake_method = (b & 2) ? AGRO_CROP_N_UPTAKE_CERES_MAIZE : AGRO_CROP_N_UPTAKE_GENERIC;
    o.soil_temp_surface = (b & 4) ? AGRO_STEMP_SURFACE_ALBEDO : AGRO_STEMP_SURFACE_AIR;
    /* bit 7 is also in the season number below, which takes it modulo NYERS */
    o.crop_n_stress_method = (b & 128) ? AGRO_CROP_N_STRESS_DSSAT48 : AGRO_CROP_N_STRESS_STAGE_TRANSFORM;
    agro_dssat_treatment *t = &DTW;
    if (refused(ctx, agro_dssat_treatment_get(ctx, DX[k], number, t))) return;
    o.season = (int32_t)((b >> 3) % (unsigned)(t->n_years > 1 ? t->n_years : 1));
    int32_t nd = 0;
    int rc = agro_dssat_run_treatment_opts(ctx, DX[k], number, AGROSIM_VALIDATION_DIR "/dssat", &o, &DRES,
                                           DAILY, MAX_DAYS, &nd);
    if (refused(ctx, rc)) return;
    /* the soil the runner simulates: the treatment's, prepared as it does */
    agro_soil_profile soil = DSOIL[k];
    FUZZ_REQUIRE(agro_dssat_soil_prepare(ctx, t, &soil) == AGRO_OK, "soil of a run treatment");
    FUZZ_REQUIRE(nd >= 1 && nd <= MAX_DAYS && DRES.summary.n_days == nd, "%d days, summary %d", (int)nd,
                 (int)DRES.summary.n_days);
    for (int32_t i = 0; i < nd; i++) check_daily(&DAILY[i], i ? &DAILY[i - 1] : NULL, &soil, dssat_p_on(t));
    debug_summary("dssat runner", &DRES.summary);
    check_summary(&DRES.summary, dssat_p_on(t));
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
    if (b0 & 8) { /* DSSAT mode: bits 0-1 the experiment, bit 2 the whole runner */
        if (b0 & 4) run_dssat_runner(ctx, (int)(b0 & 3), &d);
        else run_dssat_spec(ctx, z, (int)(b0 & 3), &d);
        goto out;
    }
    if (refused(ctx, decode_options(&d, z, ctx))) goto out;
    decode_season(&d, z);
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
                    "row %g nh4 %g urea %g n %g%% P %g kg %g%% band %g initial %d carried_off %d\n", (int)k, (int)e->type,
                    (int)e->year, (int)e->doy, (int)e->timing, (int)e->days_after_sowing, e->amount,
                    e->depth_cm, e->density_pl_m2, e->row_spacing_cm, e->nh4_fraction, e->urea_fraction,
                    e->n_pct, e->p_kg_ha, e->p_pct, e->p_band_fraction, (int)e->initial, (int)e->carried_off);
            if (e->type == AGRO_EVENT_DAMAGE) {
                const agro_crop_damage *g = &e->damage;
                fprintf(stderr, "    damage %% leaf %g stem %g root %g grain %g plants %g assimilate %g; "
                        "g/m2 leaf %g stem %g root %g grain %g; plants/m2 %g\n", g->leaf_pct, g->stem_pct,
                        g->root_pct, g->grain_pct, g->plants_pct, g->assimilate_pct, g->leaf_g_m2, g->stem_g_m2,
                        g->root_g_m2, g->grain_g_m2, g->plants_m2);
            }
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
        int dated = !z->spec.sowing_window.enabled && !z->resow && z->n_wx == 0 && z->daylength_offset_h == 0.0 &&
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
