/* A field: one soil column (water, mineral N, temperature) shared by the maize crop and a weed
 * canopy through one explicit competition step (light by relative k·LAI, water and N by uptake
 * capacity), management events between days, daily snapshot and season summary. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "agrosim/field.h"
#include "agrosim/soil_century.h"
#include "agrosim/soil_nitrogen.h"
#include "agrosim/soil_phosphorus.h"
#include "agrosim/soil_temp.h"
#include "agrosim/soil_water.h"
#include "internal/date.h"
#include "internal/error.h"
#include "maize/maize_internal.h"
#include "soil/century_internal.h"
#include "soil/nitrogen_internal.h"
#include "soil/phosphorus_internal.h"
#include "soil/soil_temp_internal.h"
#include "soil/water_internal.h"
#include "weather/solar_internal.h"
#include "weeds/weeds_internal.h"
#include "internal/canopy_share.h"
#include "internal/dssat.h"
#include "internal/tillage.h"
#include "field/field_internal.h"


#define NL AGRO_SOIL_MAX_LAYERS
/* the largest leaf area index the soil processes are given (agro_soil_temp_drivers.lai) */
#define SHADE_LAI_MAX 20.0

/* CENTURY organic matter of a field, allocated only when asked for: initialised at the first
   step, once the previous crop's residues (the events marked initial) are known */
typedef struct century_field {
    agro_century_params cp;
    agro_century_state cs;
    agro_century_rates cr;
    agro_century_drivers cd;
    int32_t ready;
    int32_t n_deferred;
    double no3_0[NL], nh4_0[NL]; /* the initial mineral N, kg N/ha */
    /* the previous crop's residues: surface, incorporated and roots, dry matter, N, P and
       lignin (as DM), kg/ha; the deepest incorporation, cm */
    double res[3][4], res_depth_cm;
    double unmet_p;          /* P CENTURY immobilised that no layer's labile P could give, kg P/ha */
    agro_event deferred[16]; /* residue applications given before CENTURY started */
} century_field;

/* A field's tillage soil properties: bulk density, SAT, Ksat, curve number and their
   recovery with rain (DSSAT SOILDYN.for; docs/design/tillage.md §3.1–3.3) on the fixed layers,
   and the day's passes in order for TillEvent (Q7) */
typedef struct till_field {
    agro_till_soil tl;
    int32_t n_day;
    agro_till_pass day[AGRO_TILL_MAX_PASSES_DAY];
    /* the day's rain and irrigation, mm, and each layer's organic C at the start of the day, %,
       for the recovery at its end */
    double water_mm, oc_pct[AGRO_SOIL_MAX_LAYERS];
} till_field;

struct agro_field {
    agro_soil_profile soil;
    agro_field_options opt;
    agro_soil_water_params wp;
    agro_soil_water_consts wk; /* what the water step reads of wp that changes only with it */
    agro_soil_water_state ws;
    agro_soil_water_rates wr;
    /* Suleiman-Ritchie: the day before's upward flow out of each layer across its top, mm, which
       today's N step moves NO3 with (LAND.for runs SOIL, and so SoilNi's NFLUX, before SPAM's
       ESR_SoilEvap makes the day's UPFLOW; WATBAL's SEASINIT sets it to 0 for the first day) */
    double esr_up_top_mm[AGRO_SOIL_MAX_LAYERS];
    agro_soil_water_drivers wd;
    agro_soil_n_params np;
    agro_soil_n_state ns;
    agro_soil_n_rates nr;
    agro_soil_n_consts nk; /* per-layer constants of the soil N step */
    agro_soil_n_drivers nd;
    agro_soil_p_params pp; /* phosphorus, when opt.phosphorus_limited */
    agro_soil_p_state ps;
    agro_soil_p_drivers pd;
    agro_soil_temp *st;
    agro_soil_temp_drivers td;
    maize_species sp;
    agro_maize_cultivar cul;
    maize_state crop;
    weed_state weeds;
    int32_t n_layers;
    int32_t has_cultivar;
    int32_t day;          /* steps done */
    int32_t year, doy;    /* date of the last step */
    int32_t crop_present; /* a crop was sown and not yet harvested */
    int32_t final_done;   /* summary frozen at harvest */
    double thick[NL], depth[NL];
    double pending_irrigation_mm;
    double pending_weeds_m2; /* weed seedlings waiting for a moist top layer, plants/m² */
    double dayl_offset_h, dayl_mult; /* day length change (agro_field_set_daylength_change) */
    double wind_to_2m; /* (2/WNDHT)^0.2, the wind-run factor to 2 m (DSSAT WEATHR.for) */
    /* the terms of opt.co2_ppm (co2_terms): RUE's PCO2 and TRATIO's canopy resistance RLC */
    double pco2, tratio_rlc;
    double rwu_x_held; /* agro_root_water_uptake_x_held of wp: a log of RWUMX, once */
    double residue_kg_ha;
    /* the mulch's properties, one set blended by mass over its additions (DSSAT SoilOrg.for,
       RPLACE_C.for): area per mass cm²/g, extinction coefficient, water at saturation kg/kg */
    double mulch_am, mulch_ext, mulch_wat;
    /* the mulch as the water balance sees it today: the state at the end of the last step
       (DSSAT integrates additions at the end of the day, so they act from the next one), and
       the residue laid on it before that step (NEWMULCH), kg/ha */
    double mh_kg_ha, mh_cover, mh_am, mh_ext, mh_wat, mh_new_kg_ha;
    double new_mulch_kg_ha; /* laid on the surface since the last step, kg/ha */
    /* today's values for the snapshot */
    double fi_crop, fi_weeds, pet, eop, ep_crop, ep_weeds, rain, irrigation;
    double swfac, turfac; /* the crop's water stress factors of the day (SWFAC, TURFAC) */
    double snow_mm; /* snow water on the ground (DSSAT SNOW), mm */
    double layer_temp[NL];
    double n_leached_today;
    double weeds_n_uptake_cum;
    double crop_n_harvested;
    /* seed N and dead-root N of the crops harvested before the present one, kg N/ha: the crop
       state holds only the present crop's (maize_sow clears it), the N balance needs all */
    double crop_n_seed_past, crop_n_senesced_past;
    double soil_n_initial; /* mineral + organic at creation */
    agro_solar_lat solar;  /* latitude terms of day length and photoperiod */
    maize_damage damage;   /* damage for the next step (agro_field_set_damage) */
    int32_t damage_pending;
    double damage_dm_cum, damage_n_cum; /* removed by damage since creation, kg/ha, kg N/ha */
    double crop_p_harvested;      /* crop P (and its senesced leaves' P) taken at harvest, kg P/ha */
    double crop_p_seed_cum;       /* P the crops were given at emergence, kg P/ha */
    double crop_p_dead_roots_cum; /* P of the crops' dead roots given to the soil, kg P/ha */
    /* the crop's dead roots of the last plant integration, kg DM/ha and kg N/ha per layer, not
       yet in the CERES fresh organic matter: DSSAT's MZ_NUPTAK sets SENESCE at the plant's
       INTEGR, after SOIL's; SoilOrg takes it at the next day's RATE into DLTFPOOL/DLTFON and
       adds it to FPOOL/FON at that day's INTEGR, after the day's decomposition (SoilOrg.for
       07c41ff), so it decomposes from the second day after its senescence */
    double sen_root_dm[NL], sen_root_n[NL];
    /* the weeds' dead leaves (and a dead stand's tops) of the last plant integration, kg DM/ha
       and kg N/ha, not yet on the CERES mulch: DSSAT's SoilOrg adds a crop's senesced surface
       matter SENESCE % ResWt(0) to the mulch at the next day's RATE and INTEGR (DltSRF,
       DltSRFN), as it adds the dead roots above (SoilOrg.for 07c41ff) */
    double sen_surf_dm, sen_surf_n;
    double crop_p_lost_cum;       /* P removed with crop damage, kg P/ha */
    century_field *cen; /* CENTURY organic matter (opt.soil_om_method), else NULL */
    /* tillage (AGRO_EVENT_TILL) waiting for the next step: the maxima over the day's passes of
       the depth, MIXT and RINP, taken separately (DSSAT TILLAGE.for RATE: TILDEP, TILMIX,
       TILRESINC; quirk Q6); passes done, passes skipped (implement not in TILOP048.SDA, Q3) */
    int32_t till_pending, till_passes, till_skipped, till_last_skipped;
    double till_depth_cm, till_mix_pct, till_inc_pct;
    /* the soil-property state of tillage, set by the first pass that acts (DSSAT NTIL > 0),
       else NULL; its memory reserved at the start of a season that has tillage events
       (agro_field_till_reserve), so no pass allocates in the middle of a run */
    till_field *till, *till_spare;
    /* N and P of the CERES surface mulch (surface RESIDUE events' n_pct, p_pct; the initial
       residue_kg_ha carries none), and the part laid since the last step, kg/ha: tillage
       incorporates them with the mulch (DSSAT SoilOrg.for MULCHN, MULCHP) */
    double mulch_n_kg_ha, mulch_p_kg_ha, new_mulch_n_kg_ha, new_mulch_p_kg_ha;
    /* PRLIG the CERES organic matter gives incorporated mulch: the params' (the crop's), or the
       last residue application's type (SoilOrg.for SAVEd PRLIG, IPSOIL(RESTYPE); Q24) */
    double om_prlig;
    agro_season_summary sum;
};

int agro_field_options_default(agro_field_options *o) {
    if (!o) return AGRO_EINVAL;
    memset(o, 0, sizeof *o);
    o->latitude_deg = 0.0;
    o->co2_ppm = 380.0; /* DSSAT 4.8 CO2 option "D" (default concentration), ppm */
    o->residue_kg_ha = 0.0;
    o->mulch_effects = 1; /* DSSAT INFIL S, its default without a simulation-controls section */
    /* Placeholders only: TAV/AMP drive the soil temperature's annual wave and must come from
     * the site (agro_weather_info.tav_C/amp_C, as the scenario and DSSAT runners set them). */
    o->tav_C = 25.0;
    o->amp_C = 5.0;
    o->wind_height_m = 2.0; /* DSSAT's default WNDHT */
    o->water_limited = 1;
    o->nitrogen_limited = 1;
    o->weeds_limited = 1;
    o->soil_temp_method = AGRO_SOIL_TEMP_STEMP;
    o->soil_temp_surface = AGRO_STEMP_SURFACE_AIR; /* DSSAT-CSM 4.8.2 METMP = D */
    o->cover = AGRO_COVER_BARE;
    o->seed = 1;
    o->soil_evap_method = AGRO_SOIL_EVAP_RITCHIE;
    o->crop_n_uptake_method = AGRO_CROP_N_UPTAKE_GENERIC;
    o->crop_n_stress_method = AGRO_CROP_N_STRESS_STAGE_TRANSFORM;
    for (int i = 0; i < NL; i++) o->sw[i] = o->no3_ppm[i] = o->nh4_ppm[i] = NAN;
    agro_weed_params_default(&o->weeds);
    return AGRO_OK;
}

int agro_season_spec_init(agro_season_spec *s) {
    if (!s) return AGRO_EINVAL;
    memset(s, 0, sizeof *s);
    agro_maize_ecotype_default(&s->cultivar);
    agro_sowing_window_default(&s->sowing_window);
    return agro_field_options_default(&s->options);
}

int agro_sowing_window_default(agro_sowing_window *w) {
    if (!w) return AGRO_EINVAL;
    memset(w, 0, sizeof *w);
    /* the criteria of ten of the thirteen DSSAT 4.8 maize example experiments (X-file
     * "@N PLANTING": PH2OL 40, PH2OU 100, PH2OD 30, PSTMX 40, PSTMN 10) */
    w->sw_depth_cm = 30.0;
    w->sw_min_pct = 40.0;
    w->sw_max_pct = 100.0;
    w->tsoil_min_C = 10.0;
    w->tsoil_max_C = 40.0;
    return AGRO_OK;
}

size_t agro_sizeof_field_options(void) { return sizeof(agro_field_options); }
size_t agro_sizeof_event(void) { return sizeof(agro_event); }
size_t agro_sizeof_field_daily(void) { return sizeof(agro_field_daily); }
size_t agro_sizeof_season_summary(void) { return sizeof(agro_season_summary); }
size_t agro_sizeof_season_spec(void) { return sizeof(agro_season_spec); }
size_t agro_sizeof_sowing_window(void) { return sizeof(agro_sowing_window); }
size_t agro_sizeof_crop_damage(void) { return sizeof(agro_crop_damage); }

static void summary_reset(agro_season_summary *s) {
    memset(s, 0, sizeof *s);
    s->sowing_year = s->sowing_doy = -1;
    s->emergence_dap = s->anthesis_dap = s->maturity_dap = -1;
    s->anthesis_year = s->anthesis_doy = s->maturity_year = s->maturity_doy = -1;
    s->harvest_year = s->harvest_doy = -1;
    s->population_pl_m2 = NAN;
    s->hwum_g = NAN;
    /* no crop days yet: a mean stress is not reached (0 would read as the worst stress) */
    s->swfac_mean = s->nstress_mean = s->pstress_mean = NAN;
}

/* An option that takes one of two method values: ERANGE naming @p name and both otherwise. */
static int check_choice(agro_ctx *ctx, const char *name, int32_t v, int32_t a, const char *la,
                        int32_t b, const char *lb) {
    if (v == a || v == b) return AGRO_OK;
    return agro_fail(ctx, AGRO_ERANGE, NULL, 0, name, "must be %d (%s) or %d (%s) (got %d)",
                     (int)a, la, (int)b, lb, (int)v);
}

/* Mulch properties of a residue (0: RE001's): AM cm²/g in [0, 10000], EXTFAC in [0, 10],
   WATFAC kg/kg in [0, 100]; @p name the three members' names, for the error. */
static int check_mulch_props(agro_ctx *ctx, double am, double ext, double wat,
                             const char *const name[3]) {
    const double v[3] = {am, ext, wat}, hi[3] = {10000.0, 10.0, 100.0};
    for (int i = 0; i < 3; i++)
        if (!isfinite(v[i]) || v[i] < 0.0 || v[i] > hi[i])
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, name[i], "%s %g outside [0, %g] (0: RE001)",
                             name[i], v[i], hi[i]);
    return AGRO_OK;
}
static const char *const options_mulch_names[3] = {"residue_area_cm2_g", "residue_extinction",
                                                   "residue_water_kg_kg"};
static const char *const event_mulch_names[3] = {"mulch_area_cm2_g", "mulch_extinction",
                                                 "mulch_water_kg_kg"};

/* DSSAT RESCH048.SDA RE001, the generic crop residue, for a property given as 0 */
static double mulch_prop(double v, double re001) { return v > 0.0 ? v : re001; }

/* Blend the properties of @p dm kg/ha of residue laid on the surface into the mulch's, by mass
   (DSSAT SoilOrg.for INTEGR, RPLACE_C.for); call before adding @p dm to the mass. A mean of two
   values at the top of a property's range (check_mulch_props) can round one ulp above it
   ((100·12137 + 100·20715.7)/32852.7 = 100.00000000000001), which the water balance then
   refused: the blend stays within the range. */
static void mulch_blend(agro_field *f, double dm, double am, double ext, double wat) {
    const double m = f->residue_kg_ha, t = m + dm;
    if (!(dm > 1e-6) || !(t > 0.0)) return;
    f->mulch_am = fmin((f->mulch_am * m + mulch_prop(am, 37.0) * dm) / t, 10000.0);
    f->mulch_ext = fmin((f->mulch_ext * m + mulch_prop(ext, 0.80) * dm) / t, 10.0);
    f->mulch_wat = fmin((f->mulch_wat * m + mulch_prop(wat, 3.8) * dm) / t, 100.0);
}

/* The mulch the soil temperature is given, t/ha: at most the 100 t/ha its drivers take, where
   EPIC's cover weight CV/(CV + exp(5.3396 - 2.3951 CV)) has long been 1.0 (from about 17 t/ha) */
static double soil_temp_mulch_t_ha(const agro_field *f) {
    return f->mh_kg_ha > 100000.0 ? 100.0 : f->mh_kg_ha / 1000.0;
}

/* The mulch the next step's water balance sees: today's mass and properties and the residue
   laid today (DSSAT MULCHLAYER.for at the end of the day, NEWMULCH). */
static void mulch_snapshot(agro_field *f) {
    f->mh_kg_ha = f->residue_kg_ha;
    f->mh_am = f->mulch_am;
    f->mh_ext = f->mulch_ext;
    f->mh_wat = f->mulch_wat;
    f->mh_cover = f->mh_kg_ha > 0.0 ? agro_mulch_cover(f->mh_kg_ha, f->mh_am) : 0.0;
    f->mh_new_kg_ha = f->new_mulch_kg_ha;
    f->new_mulch_kg_ha = 0.0;
    f->new_mulch_n_kg_ha = f->new_mulch_p_kg_ha = 0.0;
}

/* Residue that was on the surface when the season started (DSSAT SoilOrg_init.for,
   SoilCNPinit_C.for): it acts from the first day, holding half its water (MULCHWAT.for). */
static int mulch_initial(agro_ctx *ctx, agro_field *f) {
    /* applications laid since the last step still act from the next day */
    const double pending = f->new_mulch_kg_ha, prev_new = f->mh_new_kg_ha;
    mulch_snapshot(f);
    f->mh_kg_ha = f->mh_kg_ha > pending ? f->mh_kg_ha - pending : 0.0;
    f->mh_cover = f->mh_kg_ha > 0.0 ? agro_mulch_cover(f->mh_kg_ha, f->mh_am) : 0.0;
    f->mh_new_kg_ha = prev_new;
    f->new_mulch_kg_ha = pending;
    if (!f->opt.mulch_effects) return AGRO_OK;
    return agro_soil_water_mulch_init(ctx, &f->ws, f->mh_kg_ha, f->mh_wat);
}

/* The atmosphere's CO2, ppm, of the options or agro_field_set_co2 */
static int check_co2(agro_ctx *ctx, double co2_ppm) {
    if (!isfinite(co2_ppm) || co2_ppm < 0.0 || co2_ppm > 5000.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "co2_ppm", "value %g outside [0, 5000]", co2_ppm);
    return AGRO_OK;
}

static int check_options(agro_ctx *ctx, const agro_field_options *o, int32_t n) {
    if (!isfinite(o->latitude_deg) || fabs(o->latitude_deg) > 90.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "latitude_deg", "value %g outside [-90, 90]",
                         o->latitude_deg);
    const int co2_st = check_co2(ctx, o->co2_ppm);
    if (co2_st) return co2_st;
    if (!isfinite(o->wind_height_m) || o->wind_height_m < 0.01 || o->wind_height_m > 100.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "wind_height_m", "value %g outside [0.01, 100]",
                         o->wind_height_m);
    if (!isfinite(o->residue_kg_ha) || o->residue_kg_ha < 0.0 || o->residue_kg_ha > 50000.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "residue_kg_ha", "value %g outside [0, 50000]",
                         o->residue_kg_ha);
    int st;
    if ((st = check_choice(ctx, "soil_evap_method", o->soil_evap_method, AGRO_SOIL_EVAP_RITCHIE,
                           "Ritchie", AGRO_SOIL_EVAP_SULEIMAN_RITCHIE, "Suleiman-Ritchie")) ||
        (st = check_choice(ctx, "crop_n_uptake_method", o->crop_n_uptake_method,
                           AGRO_CROP_N_UPTAKE_GENERIC, "generic", AGRO_CROP_N_UPTAKE_CERES_MAIZE,
                           "CERES-Maize")) ||
        (st = check_choice(ctx, "crop_n_stress_method", o->crop_n_stress_method,
                           AGRO_CROP_N_STRESS_STAGE_TRANSFORM, "stage-transform",
                           AGRO_CROP_N_STRESS_DSSAT48, "DSSAT-4.8")) ||
        (st = check_choice(ctx, "soil_om_method", o->soil_om_method, AGRO_SOIL_OM_CERES, "CERES",
                           AGRO_SOIL_OM_CENTURY, "CENTURY")) ||
        (st = check_choice(ctx, "soil_temp_surface", o->soil_temp_surface,
                           AGRO_STEMP_SURFACE_AIR, "air", AGRO_STEMP_SURFACE_ALBEDO, "albedo")))
        return st;
    /* (agro_soil_temp_create checks them too, but names its own struct's members,
       "options.method", and shows the integer as a double) */
    if (o->soil_temp_method < AGRO_SOIL_TEMP_NUMERICAL || o->soil_temp_method > AGRO_SOIL_TEMP_EPIC)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "soil_temp_method",
                         "%d is not an AGRO_SOIL_TEMP_* (0 numerical, 1 STEMP, 2 EPIC)", (int)o->soil_temp_method);
    if (o->cover < AGRO_COVER_BARE || o->cover > AGRO_COVER_FILM_BLACK)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "cover",
                         "%d is not an AGRO_COVER_* (0 bare, 1 residue, 2 clear film, 3 black film)", (int)o->cover);
    const int32_t *flags[4] = {&o->water_limited, &o->nitrogen_limited, &o->weeds_limited,
                               &o->phosphorus_limited};
    const char *names[4] = {"water_limited", "nitrogen_limited", "weeds_limited", "phosphorus_limited"};
    for (int i = 0; i < 4; i++)
        if (*flags[i] != 0 && *flags[i] != 1)
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, names[i], "must be 0 or 1 (got %d)", (int)*flags[i]);
    for (int32_t l = 0; l < n; l++) {
        if (!isnan(o->no3_ppm[l]) && (!isfinite(o->no3_ppm[l]) || o->no3_ppm[l] < 0.0 || o->no3_ppm[l] > 1000.0))
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "no3_ppm", "layer %d: %g outside [0, 1000]", (int)l + 1, o->no3_ppm[l]);
        if (!isnan(o->nh4_ppm[l]) && (!isfinite(o->nh4_ppm[l]) || o->nh4_ppm[l] < 0.0 || o->nh4_ppm[l] > 1000.0))
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "nh4_ppm", "layer %d: %g outside [0, 1000]", (int)l + 1, o->nh4_ppm[l]);
    }
    if (o->field_history < AGRO_FIELD_HISTORY_NONE || o->field_history > AGRO_FIELD_HISTORY_FH302)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "field_history",
                         "%d is not an AGRO_FIELD_HISTORY_* (0 none, 1..6 FH101..FH302)", (int)o->field_history);
    if (o->field_history_years < 0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "field_history_years", "must be >= 0, got %d",
                         (int)o->field_history_years);
    if (o->field_history != AGRO_FIELD_HISTORY_NONE && o->soil_om_method != AGRO_SOIL_OM_CENTURY)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "field_history",
                         "a field history sets CENTURY's stable organic matter: it needs soil_om_method CENTURY");
    if (o->mulch_effects != 0 && o->mulch_effects != 1)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "mulch_effects", "must be 0 or 1 (got %d)",
                         (int)o->mulch_effects);
    if ((st = check_mulch_props(ctx, o->residue_area_cm2_g, o->residue_extinction,
                                o->residue_water_kg_kg, options_mulch_names)))
        return st;
    if (o->previous_crop_grass != 0 && o->previous_crop_grass != 1)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "previous_crop_grass", "must be 0 or 1 (got %d)",
                         (int)o->previous_crop_grass);
    if (o->previous_crop_grass && o->soil_om_method != AGRO_SOIL_OM_CENTURY)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "previous_crop_grass",
                         "a grass before the crop sets CENTURY's microbial P: it needs soil_om_method CENTURY");
    if (o->soil_om_method == AGRO_SOIL_OM_CENTURY && o->residue_kg_ha > 0.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "residue_kg_ha",
                         "%g kg/ha of surface residue without its N: with CENTURY give it as a RESIDUE "
                         "event (initial = 1 for the previous crop's)", o->residue_kg_ha);
    return agro_weed_params_validate(ctx, &o->weeds);
}

/* The CO2 terms of the day's step, taken when the CO2 is set rather than every day */
static void co2_terms(agro_field *f) {
    f->pco2 = maize_pco2_effect(f->opt.co2_ppm);
    f->tratio_rlc = agro_transpiration_c4_canopy_resistance(f->opt.co2_ppm);
}

int agro_field_create(agro_ctx *ctx, const agro_soil_profile *soil, const agro_field_options *options,
                      agro_field **out) {
    if (!soil || !out) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL argument to agro_field_create");
    *out = NULL;
    if (soil->n_layers < 1 || soil->n_layers > NL)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "n_layers", "value %d outside [1, %d]", (int)soil->n_layers, NL);
    /* the process constructors below check only what each reads: a NaN SRGF, a negative SSKS
       or SLCF reached the model (a NaN SRGF ran as a crop without roots in that layer) */
    int st = agro_soil_validate(ctx, soil, NULL);
    if (st) return st;
    agro_field *f = calloc(1, sizeof *f);
    if (!f) return agro_fail(ctx, AGRO_ENOMEM, NULL, 0, NULL, "out of memory");
    f->soil = *soil;
    if (options) f->opt = *options;
    else agro_field_options_default(&f->opt);
    int32_t n = soil->n_layers;
    f->n_layers = n;
    if ((st = check_options(ctx, &f->opt, n))) goto fail;
    if ((st = agro_soil_water_params_from_profile(ctx, soil, &f->wp))) goto fail;
    f->wp.rwumx_cm3_cm_d = 0.03; /* MZCER048.SPE RWUMX */
    f->rwu_x_held = agro_root_water_uptake_x_held(&f->wp); /* (RWUMX is not changed after) */
    f->wp.evap_method = f->opt.soil_evap_method;
    agro_soil_water_consts_init(&f->wp, &f->wk);
    double sw0[NL], no3[NL], nh4[NL];
    for (int32_t l = 0; l < n; l++) {
        double v = f->opt.sw[l];
        if (!isnan(v) && (!isfinite(v) || v < 0.0 || v > soil->sat[l])) {
            st = agro_fail(ctx, AGRO_ERANGE, NULL, 0, "sw", "layer %d: %g outside [0, SAT %g]", (int)l + 1, v, soil->sat[l]);
            goto fail;
        }
        sw0[l] = isnan(v) ? soil->dul[l] : v;
        no3[l] = isnan(f->opt.no3_ppm[l]) ? 1.0 : f->opt.no3_ppm[l];
        nh4[l] = isnan(f->opt.nh4_ppm[l]) ? 0.5 : f->opt.nh4_ppm[l];
        f->depth[l] = soil->depth_cm[l];
        f->thick[l] = agro_soil_layer_thickness_cm(soil, l);
    }
    if ((st = agro_soil_water_state_init(ctx, &f->wp, sw0, &f->ws))) goto fail;
    if ((st = agro_soil_n_params_from_profile(ctx, soil, &f->np))) goto fail;
    if ((st = agro_soil_n_state_init(ctx, &f->np, no3, nh4, &f->ns))) goto fail;
    agro_soil_n_consts_init(&f->np, &f->wp, &f->nk);
    if (f->opt.phosphorus_limited && (st = agro_soil_p_init(ctx, soil, &f->pp, &f->ps))) goto fail;
    agro_soil_temp_options to;
    agro_soil_temp_options_default(&to);
    to.method = f->opt.soil_temp_method;
    to.stemp_surface = f->opt.soil_temp_surface;
    to.cover = f->opt.cover;
    to.residue_t_ha = f->opt.residue_kg_ha / 1000.0;
    /* a NaN is refused there, naming options.tav_C: it ran as the soil model's default of 20 C
       and the layers' first temperature as 25 C */
    to.tav_C = f->opt.tav_C;
    to.amp_C = f->opt.amp_C;
    /* missing texture/density (-99 in DSSAT files) are filled by the soil temperature model
     * itself with sourced estimates (see agro_soil_temp_create); the field reads no node of
     * a STEMP or EPIC model, which is made without the numerical grid */
    if ((st = agro_soil_temp_create_no_grid(ctx, soil, &to, &f->st))) goto fail;
    maize_species_default(&f->sp);
    f->dayl_mult = 1.0; /* no day length change */
    f->wind_to_2m = pow(2.0 / f->opt.wind_height_m, 0.2);
    co2_terms(f);
    maize_state_clear(&f->crop, n);
    weed_clear(&f->weeds);
    f->residue_kg_ha = f->opt.residue_kg_ha;
    f->om_prlig = f->np.residue_frac_lign;
    /* the previous crop's properties, whether or not it left residue (SoilOrg_init.for) */
    f->mulch_am = mulch_prop(f->opt.residue_area_cm2_g, 37.0);
    f->mulch_ext = mulch_prop(f->opt.residue_extinction, 0.80);
    f->mulch_wat = mulch_prop(f->opt.residue_water_kg_kg, 3.8);
    if ((st = mulch_initial(ctx, f))) goto fail;
    summary_reset(&f->sum);
    f->soil_n_initial = f->ns.initial_kg_ha;
    if (f->opt.soil_om_method == AGRO_SOIL_OM_CENTURY) {
        f->cen = calloc(1, sizeof *f->cen);
        if (!f->cen) {
            st = agro_fail(ctx, AGRO_ENOMEM, NULL, 0, NULL, "out of memory");
            goto fail;
        }
        for (int32_t l = 0; l < n; l++) {
            f->cen->no3_0[l] = f->ns.no3_kg_ha[l];
            f->cen->nh4_0[l] = f->ns.nh4_kg_ha[l];
        }
        /* what CENTURY will take from the caller at the first step (century_start), checked
           here where it enters: a stable C (SASC) above the layer's organic C was refused only
           by the first step */
        if ((st = agro_century_profile_check(ctx, soil, f->cen->no3_0, f->cen->nh4_0,
                                             f->opt.phosphorus_limited ? f->ps.humus_p : NULL,
                                             f->opt.phosphorus_limited ? 2 : 1)))
            goto fail;
    }
    for (int32_t l = 0; l < n; l++) f->layer_temp[l] = f->opt.tav_C;
    agro_solar_lat_init(f->opt.latitude_deg, &f->solar);
    *out = f;
    return AGRO_OK;
fail:
    agro_field_free(f);
    return st;
}

void agro_field_free(agro_field *f) {
    if (!f) return;
    agro_soil_temp_free(f->st);
    free(f->cen);
    free(f->till);
    free(f->till_spare);
    free(f);
}

int agro_field_till_reserve(agro_ctx *ctx, agro_field *f, const agro_event *events, int32_t n)
{
    int32_t i = 0;
    while (i < n && events[i].type != AGRO_EVENT_TILL)
        i++;
    if (i == n || f->till || f->till_spare)
        return AGRO_OK;
    if (!(f->till_spare = malloc(sizeof *f->till_spare)))
        return agro_fail(ctx, AGRO_ENOMEM, NULL, 0, "TILL", "out of memory");
    return AGRO_OK;
}

int agro_field_set_co2(agro_ctx *ctx, agro_field *f, double co2_ppm) {
    if (!f) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL field");
    const int st = check_co2(ctx, co2_ppm);
    if (st) return st;
    f->opt.co2_ppm = co2_ppm;
    co2_terms(f);
    return AGRO_OK;
}

int agro_field_set_daylength_change(agro_ctx *ctx, agro_field *f, double offset_h,
                                    double multiplier) {
    if (!f) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL field");
    if (!isfinite(offset_h) || fabs(offset_h) > 24.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "offset_h", "day length offset %g h outside [-24, 24]", offset_h);
    if (!isfinite(multiplier) || multiplier < 0.0 || multiplier > AGRO_DAYLENGTH_MAX_MULTIPLIER)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "multiplier", "day length multiplier %g outside [0, %g]",
                         multiplier, AGRO_DAYLENGTH_MAX_MULTIPLIER);
    f->dayl_offset_h = offset_h;
    f->dayl_mult = multiplier;
    return AGRO_OK;
}

int agro_field_set_cultivar(agro_ctx *ctx, agro_field *f, const agro_maize_cultivar *c) {
    if (!f || !c) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL argument");
    int st = agro_maize_cultivar_validate(ctx, c, "cultivar");
    if (st) return st;
    f->cul = *c;
    f->has_cultivar = 1;
    return AGRO_OK;
}

/* The canopy an event is meant for: informational (the type says what the event acts on),
   but a value that is no canopy of a field is a mistake. */
static int check_event_canopy(agro_ctx *ctx, const agro_event *e) {
    if (e->canopy != AGRO_CANOPY_CROP && e->canopy != AGRO_CANOPY_WEEDS)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "canopy", "value %d is not a canopy of the field (%d crop, %d weeds)",
                         (int)e->canopy, AGRO_CANOPY_CROP, AGRO_CANOPY_WEEDS);
    return AGRO_OK;
}

static int check_event_date(agro_ctx *ctx, const agro_event *e) {
    if (!agro_calendar_day(e->year, e->doy))
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "event.doy", "date %d-%03d is impossible", (int)e->year, (int)e->doy);
    return AGRO_OK;
}

int agro_field_sow_maize(agro_ctx *ctx, agro_field *f, const agro_event *e, const agro_maize_cultivar *c) {
    if (!f || !e || !c) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL argument to agro_field_sow_maize");
    if (e->type != AGRO_EVENT_SOW)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "event.type", "expected a SOW event (got %d)", (int)e->type);
    if (f->crop_present) return agro_fail(ctx, AGRO_ESTATE, NULL, 0, "SOW", "a crop is already in the field");
    int st = agro_event_check(ctx, e);
    if (st || (st = check_event_date(ctx, e))) return st;
    if ((st = agro_field_set_cultivar(ctx, f, c))) return st;
    maize_sow(&f->crop, e->density_pl_m2, e->row_spacing_cm, e->depth_cm, f->depth, f->n_layers);
    f->crop.forced_emergence_dap = (int32_t)lround(e->emergence_delay_d);
    f->crop.sown_day = f->day + 1; /* sown before the next step */
    f->crop_present = 1;
    f->final_done = 0;
    agro_season_summary keep = f->sum;
    summary_reset(&f->sum);
    /* water and N totals run over the whole simulation, not only the crop */
    f->sum.prcm_mm = keep.prcm_mm;
    f->sum.ircm_mm = keep.ircm_mm;
    f->sum.nicm_kg_ha = keep.nicm_kg_ha;
    f->sum.picm_kg_ha = keep.picm_kg_ha;
    f->sum.weeds_biomass_removed_kg_ha = keep.weeds_biomass_removed_kg_ha;
    f->sum.weeds_biomass_max_kg_ha = keep.weeds_biomass_max_kg_ha;
    /* sown before the next step: its date, which a field that has not stepped yet learns at
       its first step (the event's own date need not be that day) */
    if (f->day > 0) {
        int32_t y = f->year, d = f->doy;
        agro_date_add(&y, &d, 1);
        f->sum.sowing_year = y;
        f->sum.sowing_doy = d;
    }
    return AGRO_OK;
}

static void finalize_summary(const agro_field *f, agro_season_summary *s);

/* The layer that holds depth @p depth_cm: the first whose bottom is at or below it, the
 * deepest below the profile (as agro_soil_n_fertilise places N, DSSAT FPLACE). */
static int32_t layer_at_depth(const agro_field *f, double depth_cm) {
    int32_t l = 0;
    while (l < f->n_layers - 1 && depth_cm > f->depth[l]) l++;
    return l;
}

/* AGRO_ERANGE naming @p member unless @p v is finite and in [@p lo, @p hi]; the message reads
   "WHAT V[UNIT] outside [LO, HI]" (what = "value" where the member's name says enough). */
static int check_in(agro_ctx *ctx, const char *member, const char *what, double v, double lo,
                    double hi, const char *unit) {
    if (isfinite(v) && v >= lo && v <= hi) return AGRO_OK;
    return agro_fail(ctx, AGRO_ERANGE, NULL, 0, member, "%s %g%s outside [%g, %g]", what, v, unit, lo, hi);
}

/* The P concentration (0..5 %) and lignin fraction (0..1) of a RESIDUE or ROOT_RESIDUE event. */
static int check_residue_p(agro_ctx *ctx, const agro_event *e) {
    int st = check_in(ctx, "p_pct", "residue P", e->p_pct, 0.0, 5.0, " %");
    return st ? st : check_in(ctx, "lignin_frac", "residue lignin fraction", e->lignin_frac, 0.0, 1.0, "");
}

/* A RESIDUE or ROOT_RESIDUE event's initial flag: 0 an application, 1 the previous crop's */
static int check_initial(agro_ctx *ctx, const agro_event *e) {
    if (e->initial == 0 || e->initial == 1) return AGRO_OK;
    return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "initial", "value %d is not 0 or 1", (int)e->initial);
}

/* lignin fraction of a residue event's DM for CENTURY: its own, else its residue type's PSLIG
   (OM_Place.for ResLig), else DSSAT's generic crop residue's (RE001, 0.10) */
static double residue_lignin(const agro_event *e) {
    if (e->lignin_frac > 0.0) return e->lignin_frac;
    if (e->residue_type > 0) {
        double pslig, scn, scp;
        agro_dssat_residue_type(e->residue_type, &pslig, &scn, &scp);
        return pslig;
    }
    return 0.10;
}

/* the same for the CERES organic matter: its own, else its residue type's PRLIG (SoilOrg.for,
   IPSOIL(RESTYPE)), else the params' residue lignin (PRLIG 0.10) */
static double ceres_lignin(const agro_field *f, const agro_event *e) {
    if (e->lignin_frac > 0.0) return e->lignin_frac;
    if (e->residue_type > 0) return agro_dssat_residue_type_prlig(e->residue_type);
    return f->np.residue_frac_lign;
}

/* @p dm kg/ha of matter holding @p n_kg and @p p_kg kg/ha of N and P laid on the surface:
   blended into the mulch (@p am, @p ext, @p wat its area, extinction and water; 0: the
   defaults); the previous crop's (@p initial) is there from the first day, anything else from
   the day after (Q15 of docs/design/mulch.md). */
static int add_mulch(agro_ctx *ctx, agro_field *f, double dm, double n_kg, double p_kg, double am,
                     double ext, double wat, int initial) {
    mulch_blend(f, dm, am, ext, wat);
    f->residue_kg_ha += dm;
    /* its N and P, for a tillage's incorporation (CERES; CENTURY holds its own litter) */
    const int ceres = f->opt.soil_om_method == AGRO_SOIL_OM_CERES;
    if (ceres) {
        f->mulch_n_kg_ha += n_kg;
        f->mulch_p_kg_ha += p_kg;
    }
    if (initial) return mulch_initial(ctx, f);
    f->new_mulch_kg_ha += dm;
    if (ceres) {
        f->new_mulch_n_kg_ha += n_kg;
        f->new_mulch_p_kg_ha += p_kg;
    }
    return AGRO_OK;
}

/* A RESIDUE event's matter laid on the surface */
static int surface_residue(agro_ctx *ctx, agro_field *f, const agro_event *e) {
    return add_mulch(ctx, f, e->amount, e->amount * e->n_pct / 100.0, e->amount * e->p_pct / 100.0,
                     e->mulch_area_cm2_g, e->mulch_extinction, e->mulch_water_kg_kg, e->initial);
}

/* The soil temperature's residue cover (cover RESIDUE) after the mulch changed, t/ha. Its
   effect is saturated long before the model's 50 t/ha bound (the covered fraction
   1 − exp(−0.4·M) and EPIC's cover weight are 1 to 2e-9 there), so a heavier mulch is passed as
   50 t/ha: the call cannot then refuse a mulch an event or a day has already laid. */
static int refresh_residue_cover(agro_ctx *ctx, agro_field *f) {
    if (f->opt.cover != AGRO_COVER_RESIDUE) return AGRO_OK;
    const double t_ha = f->residue_kg_ha / 1000.0;
    return agro_soil_temp_set_cover(ctx, f->st, AGRO_COVER_RESIDUE, t_ha < 50.0 ? t_ha : 50.0);
}

/* A RESIDUE (@p kind 0 surface, 1 incorporated) or ROOT_RESIDUE (2) event under CENTURY: the
 * previous crop's residue (initial = 1) joins CENTURY's initialisation at the first step; an
 * application is queued for the next step, or kept until CENTURY has started. */
static int century_residue(agro_ctx *ctx, agro_field *f, const agro_event *e, int kind) {
    const double dm = e->amount, lig = residue_lignin(e);
    if (e->initial && f->cen->ready)
        return agro_fail(ctx, AGRO_ESTATE, NULL, 0, "initial",
                         "the previous crop's residue must come before the first step (CENTURY has started)");
    if (!e->initial && !f->cen->ready) {
        if (f->cen->n_deferred == (int32_t)(sizeof f->cen->deferred / sizeof f->cen->deferred[0]))
            return agro_fail(ctx, AGRO_ELIMIT, NULL, 0, "RESIDUE", "more than %d residue applications before the first step",
                             (int)(sizeof f->cen->deferred / sizeof f->cen->deferred[0]));
        f->cen->deferred[f->cen->n_deferred++] = *e;
        return AGRO_OK;
    }
    if (!f->cen->ready) {
        double *r = f->cen->res[kind];
        /* the previous crop's residues of a kind add up into agro_century_init's one amount,
           which it takes to 100000 kg/ha: refused here, naming the event, rather than at the
           first step by the sum's name in CENTURY's initialisation */
        if (r[0] + dm > 100000.0)
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "amount",
                             "the previous crop's %s residues would add up to %g kg/ha: CENTURY's "
                             "initialisation takes at most 100000 kg/ha", kind == 0 ? "surface" : kind == 1 ? "incorporated" : "root",
                             r[0] + dm);
        r[0] += dm;
        r[1] += dm * e->n_pct / 100.0;
        r[2] += dm * e->p_pct / 100.0;
        r[3] += dm * lig;
        if (kind == 1 && e->depth_cm > f->cen->res_depth_cm) f->cen->res_depth_cm = e->depth_cm;
        return AGRO_OK;
    }
    const double p_pct = f->opt.phosphorus_limited ? e->p_pct : 0.0;
    if (kind < 2)
        return agro_century_add_residue_field(ctx, &f->cen->cp, &f->cen->cs, dm, e->n_pct, p_pct, lig, kind ? e->depth_cm : 0.0);
    double share[NL], w[NL];
    int st = agro_soil_root_residue_shares(ctx, &f->np, share);
    if (st) return st;
    for (int32_t l = 0; l < f->n_layers; l++) w[l] = dm * share[l];
    return agro_century_add_residue_layers_field(ctx, &f->cen->cp, &f->cen->cs, w, e->n_pct, p_pct, lig);
}

/* CENTURY's initialisation at the first step (SoilCNPinit_C, SOMINIT_C): the residues given
 * so far, the mineral N at creation, the P model's organic P; the humus of the N and P states
 * hands over to CENTURY, and the initial totals follow. */
static int century_start(agro_ctx *ctx, agro_field *f) {
    const int32_t n = f->n_layers;
    agro_century_initial_residue res;
    memset(&res, 0, sizeof res);
    const double (*r)[4] = f->cen->res;
    const double shoot = r[0][0] + r[1][0], all = shoot + r[2][0];
    res.surface_kg_ha = r[0][0];
    res.incorporated_kg_ha = r[1][0];
    res.incorporation_depth_cm = f->cen->res_depth_cm;
    /* (the means by mass are held within the ranges agro_century_init takes, N 10 %, P 5 %,
       lignin 1, which residues at the top of an event's range (field.h) could pass by one ulp:
       100·(0.1·23070.3 + 0.1·26517.8)/49588.1 = 10.000000000000002) */
    res.shoot_n_pct = shoot > 0.0 ? fmin(100.0 * (r[0][1] + r[1][1]) / shoot, 10.0) : 0.0;
    res.shoot_p_pct = shoot > 0.0 ? fmin(100.0 * (r[0][2] + r[1][2]) / shoot, 5.0) : 0.0;
    res.roots_kg_ha = r[2][0];
    res.roots_n_pct = r[2][0] > 0.0 ? fmin(100.0 * r[2][1] / r[2][0], 10.0) : 0.0;
    res.roots_p_pct = r[2][0] > 0.0 ? fmin(100.0 * r[2][2] / r[2][0], 5.0) : 0.0;
    res.lignin_frac = all > 0.0 ? fmin((r[0][3] + r[1][3] + r[2][3]) / all, 1.0) : 0.10;
    if (!f->opt.phosphorus_limited) res.shoot_p_pct = res.roots_p_pct = 0.0;
    res.grass_previous = f->opt.previous_crop_grass;
    double orgp[NL];
    const int el = f->opt.phosphorus_limited ? 2 : 1;
    for (int32_t l = 0; l < n; l++) orgp[l] = el == 2 ? f->ps.humus_p[l] : 0.0;
    int st = agro_century_init(ctx, &f->soil, f->cen->no3_0, f->cen->nh4_0, el == 2 ? orgp : NULL, &res,
                               f->opt.field_history, f->opt.field_history_years, el, &f->cen->cp, &f->cen->cs);
    if (st) return st;
    double hum_n = 0.0, hum_p = 0.0;
    for (int32_t l = 0; l < n; l++) {
        hum_n += f->ns.org_n_kg_ha[l];
        f->ns.org_n_kg_ha[l] = f->ns.org_c_kg_ha[l] = 0.0;
        if (el == 2) {
            hum_p += f->ps.humus_p[l];
            f->ps.humus_p[l] = 0.0;
        }
    }
    f->ns.initial_kg_ha -= hum_n;
    f->soil_n_initial += f->cen->cs.initial_n - hum_n;
    if (el == 2) f->ps.initial_kg_ha -= hum_p;
    f->cen->ready = 1;
    /* the applications given before the start, in their order */
    for (int32_t k = 0; k < f->cen->n_deferred; k++) {
        const agro_event *e = &f->cen->deferred[k];
        if ((st = century_residue(ctx, f, e, e->type == AGRO_EVENT_ROOT_RESIDUE ? 2 : e->depth_cm > 0.0))) return st;
    }
    f->cen->n_deferred = 0;
    return AGRO_OK;
}

/* P of a residue (@p kg_dm_ha at @p p_pct %) into the fresh organic matter by @p share per
 * layer; nothing when P is not simulated. */
static int add_residue_p(agro_ctx *ctx, agro_field *f, double kg_dm_ha, double p_pct,
                         const double *share) {
    if (!f->opt.phosphorus_limited || p_pct <= 0.0) return AGRO_OK;
    const double p_kg = kg_dm_ha * p_pct / 100.0;
    for (int32_t l = 0; l < f->n_layers; l++) {
        if (share[l] <= 0.0) continue;
        int st = agro_soil_p_add_organic_field(ctx, &f->pp, &f->ps, l, p_kg * share[l]);
        if (st) return st;
    }
    return AGRO_OK;
}

/* Lignin fraction of weed matter returned to the soil: DSSAT's generic crop residue RE001 (its
   PSLIG, RESCH048.SDA, the CENTURY fallback of residue_lignin) and the CERES params' PRLIG that
   the crop's senesced matter gets (agro_soil_n_add_senesced); no weed value was found */
#define WEED_LITTER_LIGNIN 0.10

/* Weed tops laid on the surface (CERES with their N, for a tillage to incorporate; CENTURY holds
   the N in its litter): blended into the mulch with RE001's properties, DSSAT's residue for an
   unknown crop (IPSOIL), and new mulch until the next step, as a surface RESIDUE event. */
static int weed_mulch(agro_ctx *ctx, agro_field *f, double dm, double n_kg) {
    int st = add_mulch(ctx, f, dm, n_kg, 0.0, 0.0, 0.0, 0.0, 0);
    return st ? st : refresh_residue_cover(ctx, f);
}

/* Weed matter that left the canopy (@p lt) back to the field, its C:N the weeds' own (C = 0.40 ×
 * DM in both organic-matter models, DSSAT SoilOrg FOMCFrac and CENTURY's 0.40, with the N the
 * weeds held). @p weeding 1: a weeding event between steps, the tops to the surface residue
 * unless @p carried_off, the roots at once to the fresh organic matter by layer (as a
 * ROOT_RESIDUE event; APSIM-Classic's crop_root_incorp and crop_top_residue when a crop is
 * killed). 0: the day's dead leaves and a dead stand from the plant integration, as the crop's
 * dead roots: CERES takes them after the next day's decomposition (sen_surf_*, sen_root_*),
 * CENTURY at its next step (SENESADD_C). The N has left the weeds' N in the field's balance
 * (removed or senesced N) and counts in again as residue input where it enters the soil's
 * organic matter (the CERES mulch stays outside until tilled in, as any surface residue). */
static int weed_litter_return(agro_ctx *ctx, agro_field *f, const weed_litter *lt, int weeding,
                              int carried_off) {
    const int32_t n = f->n_layers;
    const int century = f->opt.soil_om_method == AGRO_SOIL_OM_CENTURY;
    const int tops = !carried_off && (lt->tops_kg_ha > 0.0 || lt->tops_n_kg_ha > 0.0);
    int roots = 0;
    for (int32_t l = 0; l < n; l++) roots |= lt->roots_kg_ha[l] > 0.0 || lt->roots_n_kg_ha[l] > 0.0;
    /* nothing to return (a weeding before any weed has emerged, or of tops carried off) is
       nothing to do under either model */
    if (!tops && !roots) return AGRO_OK;
    int st;
    if (century) {
        if (!f->cen->ready) /* weeds emerge only in steps, and CENTURY starts at the first */
            return agro_fail(ctx, AGRO_ESTATE, NULL, 0, "WEED", "weed matter before CENTURY has started");
        if (tops && (st = agro_century_add_senesced_field(ctx, &f->cen->cp, &f->cen->cs, 0, lt->tops_kg_ha,
                                                   lt->tops_n_kg_ha, 0.0, WEED_LITTER_LIGNIN)))
            return st;
        for (int32_t l = 0; l < n; l++)
            if ((lt->roots_kg_ha[l] > 0.0 || lt->roots_n_kg_ha[l] > 0.0) &&
                (st = agro_century_add_senesced_field(ctx, &f->cen->cp, &f->cen->cs, l + 1, lt->roots_kg_ha[l],
                                                lt->roots_n_kg_ha[l], 0.0, WEED_LITTER_LIGNIN)))
                return st;
        /* weeded tops are mulch until the next step's CENTURY takes its mass from its surface
           pools, as a surface RESIDUE event under CENTURY */
        return weeding && tops ? weed_mulch(ctx, f, lt->tops_kg_ha, 0.0) : AGRO_OK;
    }
    if (!weeding) {
        f->sen_surf_dm += lt->tops_kg_ha;
        f->sen_surf_n += lt->tops_n_kg_ha;
        for (int32_t l = 0; l < n; l++) {
            f->sen_root_dm[l] += lt->roots_kg_ha[l];
            f->sen_root_n[l] += lt->roots_n_kg_ha[l];
        }
        return AGRO_OK;
    }
    for (int32_t l = 0; l < n; l++)
        if ((lt->roots_kg_ha[l] > 0.0 || lt->roots_n_kg_ha[l] > 0.0) &&
            (st = agro_soil_n_add_senesced_field(ctx, &f->np, &f->ns, l, lt->roots_kg_ha[l], lt->roots_n_kg_ha[l])))
            return st;
    return tops ? weed_mulch(ctx, f, lt->tops_kg_ha, lt->tops_n_kg_ha) : AGRO_OK;
}

static int check_sow(agro_ctx *ctx, const agro_event *e) {
    if (!isfinite(e->density_pl_m2) || e->density_pl_m2 <= 0.0 || e->density_pl_m2 > 100.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "density_pl_m2", "value %g outside (0, 100]", e->density_pl_m2);
    if (!isfinite(e->row_spacing_cm) || e->row_spacing_cm <= 0.0 || e->row_spacing_cm > 300.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "row_spacing_cm", "value %g outside (0, 300]", e->row_spacing_cm);
    /* CERES LIFAC (MZ_GROSUB) is 0 at (row m)²·plants/m² = (1.5/0.768)^10, about 808: wider
       rows at that density gave a crop that intercepts no light (100 plants/m² in 300 cm rows
       'matured' with AGRO_OK and no grain) */
    const double lifac = agro_maize_lifac(e->row_spacing_cm, e->density_pl_m2);
    if (!(lifac > 0.0))
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "row_spacing_cm",
                         "%g cm rows at %g plants/m2 give the CERES light extinction LIFAC = %.4g "
                         "(no light intercepted): rows must be narrower than %.4g cm at this density",
                         e->row_spacing_cm, e->density_pl_m2, lifac,
                         100.0 * sqrt(pow(1.5 / 0.768, 10.0) / e->density_pl_m2));
    if (!isfinite(e->depth_cm) || e->depth_cm <= 0.0 || e->depth_cm > 30.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "depth_cm", "value %g outside (0, 30]", e->depth_cm);
    return check_in(ctx, "emergence_delay_d", "value", e->emergence_delay_d, 0.0, 60.0, "");
}

static int check_damage(agro_ctx *ctx, const agro_crop_damage *d) {
    static const char *const name[] = {"leaf_pct", "stem_pct", "root_pct", "grain_pct",
                                       "plants_pct", "assimilate_pct", "leaf_g_m2", "stem_g_m2",
                                       "root_g_m2", "grain_g_m2", "plants_m2"};
    const double v[] = {d->leaf_pct, d->stem_pct, d->root_pct, d->grain_pct, d->plants_pct,
                        d->assimilate_pct, d->leaf_g_m2, d->stem_g_m2, d->root_g_m2,
                        d->grain_g_m2, d->plants_m2};
    _Static_assert(sizeof v == sizeof(agro_crop_damage), "every member of agro_crop_damage checked");
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        if (!isfinite(v[i]) || v[i] < 0.0)
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, name[i], "damage %g must be finite and >= 0", v[i]);
        if (i < 6 && v[i] > 100.0)
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, name[i], "damage %.15g %% above 100 %%", v[i]);
    }
    return AGRO_OK;
}

int agro_event_check(agro_ctx *ctx, const agro_event *e) {
    if (!e) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL argument to agro_event_check");
    int st = check_event_canopy(ctx, e);
    if (st) return st;
    switch (e->type) {
    case AGRO_EVENT_SOW:
        return check_sow(ctx, e);
    case AGRO_EVENT_FERTILISE:
        if ((st = check_in(ctx, "amount", "fertiliser", e->amount, 0.0, 2000.0, " kg N/ha"))) return st;
        if ((st = check_in(ctx, "depth_cm", "value", e->depth_cm, 0.0, 100.0, ""))) return st;
        if ((st = check_in(ctx, "nh4_fraction", "value", e->nh4_fraction, 0.0, 1.0, ""))) return st;
        if ((st = check_in(ctx, "urea_fraction", "value", e->urea_fraction, 0.0, 1.0, ""))) return st;
        /* (a tolerance for shares computed as quotients that sum to 1 up to rounding) */
        if (e->nh4_fraction + e->urea_fraction > 1.0 + 1e-12)
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "urea_fraction",
                             "nh4_fraction + urea_fraction = %g + %g is more than 1", e->nh4_fraction, e->urea_fraction);
        if ((st = check_in(ctx, "p_kg_ha", "fertiliser P", e->p_kg_ha, 0.0, 5000.0, " kg/ha"))) return st;
        if ((st = check_in(ctx, "p_band_fraction", "value", e->p_band_fraction, 0.0, 1.0, ""))) return st;
        if (e->incorporated != 0 && e->incorporated != 1)
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "incorporated", "value %d is not 0 or 1", (int)e->incorporated);
        if (e->fert_material < 0 || e->fert_material > 999)
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "fert_material", "value %d outside [0, 999]", (int)e->fert_material);
        return AGRO_OK;
    case AGRO_EVENT_IRRIGATE:
        if ((st = check_in(ctx, "amount", "irrigation", e->amount, 0.0, AGRO_IRRIGATION_EVENT_MAX_MM, " mm"))) return st;
        return AGRO_OK;
    case AGRO_EVENT_WEED:
        if ((st = check_in(ctx, "amount", "weeded fraction", e->amount, 0.0, 1.0, ""))) return st;
        if (e->carried_off != 0 && e->carried_off != 1)
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "carried_off", "value %d is not 0 or 1", (int)e->carried_off);
        return AGRO_OK;
    case AGRO_EVENT_WEEDS_EMERGE:
        if ((st = check_in(ctx, "density_pl_m2", "weed density", e->density_pl_m2, 0.0, 10000.0, ""))) return st;
        return AGRO_OK;
    case AGRO_EVENT_HARVEST:
        return AGRO_OK;
    case AGRO_EVENT_RESIDUE:
        if ((st = check_in(ctx, "amount", "residue", e->amount, 0.0, 50000.0, " kg/ha"))) return st;
        /* the bound of CENTURY's incorporation depth (agro_century_init) and of a tillage pass:
           CERES took 1e300 cm as the whole profile, while CENTURY refused the previous crop's
           only at the first step */
        if ((st = check_in(ctx, "depth_cm", "residue depth", e->depth_cm, 0.0, 1000.0, " cm"))) return st;
        /* the range of incorporated residue's N (check_fom_input, lib/soil/nitrogen_balance.c);
           surface residue under CERES went unchecked, NaN included */
        if ((st = check_in(ctx, "n_pct", "residue N", e->n_pct, 0.0, 10.0, " %"))) return st;
        if ((st = check_residue_p(ctx, e))) return st;
        if ((st = check_initial(ctx, e))) return st;
        if (e->residue_type != 0 && !agro_dssat_residue_type_known(e->residue_type))
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "residue_type",
                             "residue type %d is not in DSSAT's RESCH048.SDA (RE001 → 1, RE203 → 203; 0 none)",
                             (int)e->residue_type);
        if ((st = check_mulch_props(ctx, e->mulch_area_cm2_g, e->mulch_extinction,
                                    e->mulch_water_kg_kg, event_mulch_names)))
            return st;
        return AGRO_OK;
    case AGRO_EVENT_ROOT_RESIDUE:
        if ((st = check_in(ctx, "amount", "root residue", e->amount, 0.0, 50000.0, " kg/ha"))) return st;
        /* the range of agro_soil_n_add_root_residue's RCN, checked here for CENTURY too, whose
           previous-crop roots wait for the first step and went in as min(N %, 10) (NaN as 10) */
        if ((st = check_in(ctx, "n_pct", "root residue N (RCN)", e->n_pct, 0.0, 10.0, " %"))) return st;
        if ((st = check_residue_p(ctx, e))) return st;
        if ((st = check_initial(ctx, e))) return st;
        if (e->residue_type != 0)
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "residue_type",
                             "root residue takes no residue type (%d): give its lignin_frac", (int)e->residue_type);
        return AGRO_OK;
    case AGRO_EVENT_DAMAGE:
        return check_damage(ctx, &e->damage);
    case AGRO_EVENT_TILL:
        /* DSSAT IPTILL: the implement number 1..998 (ERROR 4), a depth >= 0 (ERROR 11); an
           implement TILOP048.SDA lacks is no error (the pass is skipped, Q3) */
        if (e->implement < 1 || e->implement > 998)
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "implement",
                             "tillage implement %d outside [1, 998] (DSSAT TIxxx: TI003 → 3)", (int)e->implement);
        return check_in(ctx, "depth_cm", "tillage depth", e->depth_cm, 0.0, 1000.0, " cm");
    default:
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "event.type", "unknown event type %d", (int)e->type);
    }
}

int agro_field_apply(agro_ctx *ctx, agro_field *f, const agro_event *e) {
    if (!f || !e) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL argument to agro_field_apply");
    int st = check_event_date(ctx, e);
    if (st) return st;
    if ((st = agro_event_check(ctx, e))) return st;
    switch (e->type) {
    case AGRO_EVENT_SOW:
        if (!f->has_cultivar)
            return agro_fail(ctx, AGRO_ESTATE, NULL, 0, "SOW", "no cultivar: call agro_field_set_cultivar or agro_field_sow_maize");
        return agro_field_sow_maize(ctx, f, e, &f->cul);
    case AGRO_EVENT_FERTILISE: {
        double no3_fraction = 1.0 - e->nh4_fraction - e->urea_fraction;
        if (no3_fraction < 0.0) no3_fraction = 0.0;
        /* at the surface and not worked in: also in the oxidised layer, where NH3 volatilises
           (DSSAT Fert_Place.for UNINCO, OXLAYER.for) */
        if (e->depth_cm <= 0.0 && !e->incorporated)
            st = agro_soil_n_fertilise_surface_field(ctx, &f->np, &f->ns, e->amount, no3_fraction,
                                                     e->urea_fraction, e->fert_material);
        else
            st = agro_soil_n_fertilise_urea_field(ctx, &f->np, &f->ns, e->amount, e->depth_cm,
                                                  no3_fraction, e->urea_fraction);
        if (st) return st;
        /* the oxidised layer's pH shift follows the material of the last application, worked
           in or not, with N or without (Fert_Place.for 0b26a04: FERTYPE = FERTYP(I) for every
           application of the day, before HASN; FertData % FERTYPE) */
        f->ns.ox_fert_type = e->fert_material;
        f->sum.nicm_kg_ha += e->amount;
        f->sum.picm_kg_ha += e->p_kg_ha;
        /* P goes where the N goes (DSSAT Fert_Place: ADDSPi by the same placement) */
        if (f->opt.phosphorus_limited && e->p_kg_ha > 0.0)
            return agro_soil_p_fertilise_field(ctx, &f->pp, &f->ps, layer_at_depth(f, e->depth_cm),
                                               e->p_kg_ha, e->p_band_fraction);
        return AGRO_OK;
    }
    case AGRO_EVENT_IRRIGATE:
        /* the water balance takes at most 2000 mm a day: refused here, where the field is
           unchanged, not by the next step half-way through its day */
        if (!(f->pending_irrigation_mm + e->amount <= AGRO_DAY_WATER_MAX_MM))
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "amount",
                             "irrigation: %g mm on one day with the %g mm already given, above %g mm",
                             f->pending_irrigation_mm + e->amount, f->pending_irrigation_mm,
                             AGRO_DAY_WATER_MAX_MM);
        f->pending_irrigation_mm += e->amount;
        return AGRO_OK;
    case AGRO_EVENT_WEED:
        if (f->opt.weeds_limited) {
            /* the weeded plants stay on the field unless carried off (field.h carried_off) */
            weed_state w = f->weeds;
            weed_litter lt;
            weed_remove(&w, e->amount, f->thick, f->n_layers, &lt);
            if ((st = weed_litter_return(ctx, f, &lt, 1, e->carried_off))) return st;
            f->sum.weeds_biomass_removed_kg_ha += w.removed_kg_ha - f->weeds.removed_kg_ha;
            f->weeds = w;
        }
        return AGRO_OK;
    case AGRO_EVENT_WEEDS_EMERGE:
        if (f->opt.weeds_limited) f->pending_weeds_m2 += e->density_pl_m2;
        return AGRO_OK;
    case AGRO_EVENT_HARVEST:
        if (!f->crop_present) return AGRO_OK; /* nothing to harvest */
        finalize_summary(f, &f->sum);
        f->sum.harvest_year = f->day > 0 ? f->year : e->year;
        f->sum.harvest_doy = f->day > 0 ? f->doy : e->doy;
        f->crop_n_harvested += (f->crop.stovn + f->crop.rootn + f->crop.grainn) * f->crop.pltpop * 10.0;
        f->crop_p_harvested += maize_p_total(&f->crop) + f->crop.p_senesced_surface_kg_ha;
        f->final_done = 1;
        f->crop_present = 0;
        /* the harvested crop's seed and dead-root N move to the field's totals: a crop sown
           later starts from a cleared state (maize_sow) */
        f->crop_n_seed_past += f->crop.n_seed_kg_ha;
        f->crop_n_senesced_past += f->crop.n_senesced_kg_ha;
        {
            maize_state keep = f->crop;
            maize_state_clear(&f->crop, f->n_layers);
            f->crop.cum_n_uptake_kg_ha = keep.cum_n_uptake_kg_ha;
        }
        return AGRO_OK;
    case AGRO_EVENT_RESIDUE:
        if (f->opt.soil_om_method == AGRO_SOIL_OM_CENTURY) {
            if ((st = century_residue(ctx, f, e, e->depth_cm > 0.0))) return st;
            if (e->depth_cm > 0.0) return AGRO_OK;
            if ((st = surface_residue(ctx, f, e))) return st; /* mulch until the next step's */
            return refresh_residue_cover(ctx, f);
        }
        /* PRCHO, PRCEL, PRLIG of the last application are what a tillage gives incorporated
           mulch (SoilOrg.for: IPSOIL(RESTYPE) overwrites the SAVEd values; Q24) */
        if (!e->initial) f->om_prlig = ceres_lignin(f, e);
        if (e->depth_cm > 0.0) { /* incorporated: fresh organic matter of the soil N (and P) model */
            /* the residue's lignin: DSSAT's CERES takes the type's PRLIG (SoilOrg.for, IPSOIL) */
            if ((st = agro_soil_n_add_residue_lignin_field(ctx, &f->np, &f->ns, e->amount, e->n_pct, e->depth_cm,
                                                     ceres_lignin(f, e))))
                return st;
            double share[NL];
            agro_soil_residue_shares(&f->np, e->depth_cm, share);
            return add_residue_p(ctx, f, e->amount, e->p_pct, share);
        }
        /* on the surface: mulch only; its N and P stay in it, and CERES does not decompose it
           (DSSAT SoilOrg.for, MULCHLAYER) */
        if ((st = surface_residue(ctx, f, e))) return st;
        return refresh_residue_cover(ctx, f);
    case AGRO_EVENT_ROOT_RESIDUE:
        /* roots are below ground: soil organic matter only, no surface cover */
        if (f->opt.soil_om_method == AGRO_SOIL_OM_CENTURY) return century_residue(ctx, f, e, 2);
        /* the previous crop's PRLIG (DSSAT SoilOrg_init.for, IPSOIL(CROP=PREV_CROP)) */
        if ((st = agro_soil_n_add_root_residue_lignin_field(ctx, &f->np, &f->ns, e->amount, e->n_pct, ceres_lignin(f, e))))
            return st;
        {
            double share[NL];
            if ((st = agro_soil_root_residue_shares(ctx, &f->np, share))) return st;
            return add_residue_p(ctx, f, e->amount, e->p_pct, share);
        }
    case AGRO_EVENT_DAMAGE:
        return agro_field_set_damage(ctx, f, &e->damage);
    case AGRO_EVENT_TILL: {
        /* the implement and the depth rule once per pass (DSSAT TILLAGE.for INIT), the day's
           maxima for the next step (RATE, Q6) */
        agro_till_pass pass;
        if (agro_till_pass_resolve(e->implement, e->depth_cm, &pass) != 0) {
            f->till_skipped++;
            f->till_last_skipped = e->implement;
            return AGRO_OK;
        }
        if (!(pass.depth_cm > 0.0)) return AGRO_OK; /* TDEP(I) .GT. 0.0 */
        if (!f->till) { /* the untilled base: the soil file's values (no §3.4 SOM rule) */
            f->till = f->till_spare ? f->till_spare : malloc(sizeof *f->till);
            f->till_spare = NULL;
            if (!f->till)
                return agro_fail(ctx, AGRO_ENOMEM, NULL, 0, "TILL", "out of memory");
            agro_till_soil_init(&f->till->tl, f->n_layers, f->thick, f->np.bulk_density_g_cm3,
                                f->wp.sat, f->wp.ksat_mm_d, f->wp.curve_number);
            /* compaction keeps SAT above DUL (the soil profile's own rule, DUL < SAT) */
            for (int32_t l = 0; l < f->n_layers; l++)
                f->till->tl.sat_min[l] = fmin(f->wp.dul[l] + 0.01, f->wp.sat[l]);
            f->till->n_day = 0;
        }
        if (f->till->n_day == AGRO_TILL_MAX_PASSES_DAY)
            return agro_fail(ctx, AGRO_ELIMIT, NULL, 0, "TILL", "more than %d tillage passes on %d-%03d",
                             AGRO_TILL_MAX_PASSES_DAY, (int)e->year, (int)e->doy);
        f->till->day[f->till->n_day++] = pass;
        f->till_passes++;
        f->till_pending = 1;
        if (pass.depth_cm > f->till_depth_cm) f->till_depth_cm = pass.depth_cm;
        if (pass.mix_pct > f->till_mix_pct) f->till_mix_pct = pass.mix_pct;
        if (pass.incorp_pct > f->till_inc_pct) f->till_inc_pct = pass.incorp_pct;
        return AGRO_OK;
    }
    default: /* an unknown type: refused by agro_event_check above */
        return AGRO_EINVAL;
    }
}

int agro_field_set_damage(agro_ctx *ctx, agro_field *f, const agro_crop_damage *d) {
    if (!f || !d) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL argument to agro_field_set_damage");
    int st = check_damage(ctx, d);
    if (st) return st;
    maize_damage d1;
    maize_damage_convert(&f->crop, d, &d1);
    if (!f->crop_present) return AGRO_OK; /* nothing to damage: dropped */
    if (!f->damage_pending) {
        f->damage = d1;
    } else { /* a second damage of the same day adds to the first */
        maize_damage *m = &f->damage;
        m->leaf_g += d1.leaf_g;
        m->stem_g += d1.stem_g;
        m->root_g += d1.root_g;
        m->grain_g += d1.grain_g;
        m->plants_frac = fmin(1.0, m->plants_frac + d1.plants_frac);
        m->asm_frac = fmin(1.0, m->asm_frac + d1.asm_frac);
    }
    f->damage_pending = 1;
    return AGRO_OK;
}

/* Crop N in kg/ha. */
static double crop_n(const maize_state *c) {
    return (c->stovn + c->rootn + c->grainn) * c->pltpop * 10.0;
}

/* The day's weather, checked against every range a module of the step applies later (the soil
 * temperature's SOIL_TEMP_* TMAX, TMIN and SRAD; the water balance's AGRO_DAY_WATER_MAX_MM), so
 * that a refused day is refused before anything of it has happened. The first failing check
 * named; check_weather runs it only on a day its one test refuses. */
__attribute__((cold, noinline)) static int name_bad_weather(agro_ctx *ctx, const agro_weather_day *w,
                                                            double irrigation_mm) {
    /* each required value named by its DSSAT column, with the value ("FIELD: what (value)") */
    const char *const req_name[4] = {"SRAD", "TMAX", "TMIN", "RAIN"};
    const double req[4] = {w->srad_MJ_m2_d, w->tmax_C, w->tmin_C, w->rain_mm};
    for (int k = 0; k < 4; k++)
        if (!isfinite(req[k]))
            return agro_fail(ctx, AGRO_ENUMERIC, NULL, 0, req_name[k], "%d-%03d: non-finite required value (%g)",
                             (int)w->year, (int)w->doy, req[k]);
    if (w->tmin_C > w->tmax_C)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "TMIN", "%d-%03d: tmin %g > tmax %g", (int)w->year, (int)w->doy, w->tmin_C, w->tmax_C);
    if (w->srad_MJ_m2_d < 0.0 || w->rain_mm < 0.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, w->srad_MJ_m2_d < 0.0 ? "SRAD" : "RAIN", "%d-%03d: negative value (%g)",
                         (int)w->year, (int)w->doy, w->srad_MJ_m2_d < 0.0 ? w->srad_MJ_m2_d : w->rain_mm);
    const double lim_lo[4] = {0.0, SOIL_TEMP_TMAX_MIN_C, SOIL_TEMP_TMIN_MIN_C, 0.0};
    const double lim_hi[4] = {SOIL_TEMP_SRAD_MAX, SOIL_TEMP_TMAX_MAX_C, SOIL_TEMP_TMIN_MAX_C,
                              AGRO_DAY_WATER_MAX_MM};
    for (int k = 0; k < 4; k++)
        if (req[k] < lim_lo[k] || req[k] > lim_hi[k])
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, req_name[k], "%d-%03d: %g outside [%g, %g]",
                             (int)w->year, (int)w->doy, req[k], lim_lo[k], lim_hi[k]);
    if (w->rain_mm + irrigation_mm > AGRO_DAY_WATER_MAX_MM)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "RAIN", "%d-%03d: rain %g + irrigation %g mm above %g mm",
                         (int)w->year, (int)w->doy, w->rain_mm, irrigation_mm, AGRO_DAY_WATER_MAX_MM);
    /* the optional values are NaN when absent; present, they must be possible (finite) */
    const char *const opt_name[4] = {"WIND", "PAR", "VPRS", "DEWP"};
    const double opt[4] = {w->wind_km_d, w->par_mol_m2_d, w->vprs_kPa, w->tdew_C};
    for (int k = 0; k < 4; k++)
        if (isinf(opt[k]) || (k < 3 && opt[k] < 0.0))
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, opt_name[k], "%d-%03d: %s value (%g)",
                             (int)w->year, (int)w->doy, isinf(opt[k]) ? "infinite" : "negative", opt[k]);
    if (w->rhum_pct < 0.0 || w->rhum_pct > 100.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "RHUM", "%d-%03d: relative humidity %g %% outside [0, 100]",
                         (int)w->year, (int)w->doy, w->rhum_pct);
    if (w->doy < 1 || w->doy > 366)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "doy", "day of year %d impossible", (int)w->doy);
    return AGRO_OK;
}

/* name_bad_weather's checks in one test, as the step runs them every day (they were 120
 * instructions a day): a comparison with NaN is false, so the required values' ranges also
 * refuse NaN and +-inf, and an absent optional value (NaN) passes as it passes
 * name_bad_weather (an optional value above DBL_MAX is +inf). Every day this test refuses,
 * name_bad_weather refuses with its message. */
static int check_weather(agro_ctx *ctx, const agro_weather_day *w, double irrigation_mm) {
    const double srad = w->srad_MJ_m2_d, tmax = w->tmax_C, tmin = w->tmin_C, rain = w->rain_mm;
    if (srad >= 0.0 && srad <= SOIL_TEMP_SRAD_MAX && tmax >= SOIL_TEMP_TMAX_MIN_C &&
        tmax <= SOIL_TEMP_TMAX_MAX_C && tmin >= SOIL_TEMP_TMIN_MIN_C && tmin <= SOIL_TEMP_TMIN_MAX_C &&
        rain >= 0.0 && rain <= AGRO_DAY_WATER_MAX_MM && !(tmin > tmax) &&
        !(rain + irrigation_mm > AGRO_DAY_WATER_MAX_MM) && !(w->wind_km_d < 0.0) &&
        !(w->wind_km_d > DBL_MAX) && !(w->par_mol_m2_d < 0.0) && !(w->par_mol_m2_d > DBL_MAX) &&
        !(w->vprs_kPa < 0.0) && !(w->vprs_kPa > DBL_MAX) && !(fabs(w->tdew_C) > DBL_MAX) &&
        !(w->rhum_pct < 0.0) && !(w->rhum_pct > 100.0) && w->doy >= 1 && w->doy <= 366)
        return AGRO_OK;
    return name_bad_weather(ctx, w, irrigation_mm);
}

int agro_field_weather_refused(const agro_field *f, const agro_weather_day *w) {
    return check_weather(NULL, w, f->pending_irrigation_mm) != AGRO_OK;
}

/* A tillage day's CERES organic matter (DSSAT SoilOrg.for 07c41ff RATE, docs/design/tillage.md
 * §3.8): the rates gathered so far integrated (the crop's dead roots of the last plant
 * integration; Q23), TILRESINC % of the start-of-day mulch (today's additions stay on the
 * surface) into the fresh organic matter by thickness to TILDEP with the PRCHO/PRCEL/PRLIG of
 * the crop or of the last application (Q24), then humus C, N (and P), the three FOM pools, FON
 * (and FOP) mixed with TILMIX over TILDEP. */
static int till_ceres_om(agro_ctx *ctx, agro_field *f) {
    const int32_t n = f->n_layers;
    const double depth = f->till_depth_cm, inc = f->till_inc_pct / 100.0;
    for (int32_t l = 0; l < n; l++)
        if (f->sen_root_n[l] > 0.0 || f->sen_root_dm[l] > 0.0) {
            agro_soil_n_add_senesced_unchecked(&f->np, &f->ns, l, f->sen_root_dm[l], f->sen_root_n[l]);
            f->sen_root_dm[l] = f->sen_root_n[l] = 0.0;
        }
    /* RESINC = MULCHMASS·TILRESINC/100 (and MULCHN, MULCHP), if RESINC > 0.001 and TDEP > 0.001 */
    const double mass0 = f->residue_kg_ha - f->new_mulch_kg_ha;
    const double resinc = mass0 * inc;
    int st;
    if (resinc > 0.001 && depth > 0.001) {
        const double resn = (f->mulch_n_kg_ha - f->new_mulch_n_kg_ha) * inc;
        const double resp = (f->mulch_p_kg_ha - f->new_mulch_p_kg_ha) * inc;
        const double npct = resn > 0.0 ? 100.0 * resn / resinc : 0.0;
        const double ppct = resp > 0.0 ? 100.0 * resp / resinc : 0.0;
        /* (unchecked: the mulch sums applications checked one by one; as one it may pass the
           100000 kg/ha of an application, and its N % round above 10 %) */
        agro_soil_n_add_residue_unchecked(&f->np, &f->ns, resinc, npct, depth, f->om_prlig);
        /* its P into FOP by the same shares, as agro_soil_p_add_organic adds it but without
           that function's 5000 kg P/ha per layer of one application (the mulch sums them) */
        if (f->opt.phosphorus_limited && ppct > 0.0) {
            double share[NL];
            agro_soil_residue_shares(&f->np, depth, share);
            const double p_kg = resinc * ppct / 100.0;
            for (int32_t l = 0; l < n; l++) {
                if (share[l] <= 0.0) continue;
                f->ps.fom_p[l] += p_kg * share[l];
                f->ps.cum_organic_in_kg_ha += p_kg * share[l];
            }
        }
        /* INTEGR: MULCHMASS + DltSRF (and N, P); MULCHLAYER's cover from the next day */
        f->residue_kg_ha -= resinc;
        f->mulch_n_kg_ha -= resn;
        f->mulch_p_kg_ha -= resp;
        if ((st = refresh_residue_cover(ctx, f))) return st;
    }
    const double *th = f->np.thickness_cm, mix = f->till_mix_pct;
    agro_soil_n_state *ns = &f->ns;
    /* SoilMix of SSOMC, SSOME (N, P), FON, FOP and FPOOL(1..3) */
    agro_soil_mix(th, n, depth, mix, ns->org_c_kg_ha);
    agro_soil_mix(th, n, depth, mix, ns->org_n_kg_ha);
    agro_soil_mix(th, n, depth, mix, ns->fom_n_kg_ha);
    agro_soil_mix(th, n, depth, mix, ns->fom_carb_kg_ha);
    agro_soil_mix(th, n, depth, mix, ns->fom_cell_kg_ha);
    agro_soil_mix(th, n, depth, mix, ns->fom_lign_kg_ha);
    if (f->opt.phosphorus_limited) {
        agro_soil_mix(th, n, depth, mix, f->ps.humus_p);
        agro_soil_mix(th, n, depth, mix, f->ps.fom_p);
    }
    return AGRO_OK;
}

/* A tillage day's soil mixing before the day's processes, on the fixed layers
 * (docs/design/tillage.md §2.1 steps 5–7): the organic matter (CERES here; CENTURY in its own
 * step), then the mineral N (@p premix gets its pre-mixing amounts for the day's rates, Q22);
 * the P outside the root zone is mixed in the P step, with the day's root-zone transfer and
 * fertiliser (SoilPi, Q23, Q26); clears the pending tillage. */
static int till_soil(agro_ctx *ctx, agro_field *f, agro_soil_n_premix *premix) {
    int st;
    if (f->opt.soil_om_method == AGRO_SOIL_OM_CERES && (st = till_ceres_om(ctx, f))) return st;
    agro_soil_n_mix_unchecked(&f->np, &f->ns, &f->nr, f->till_depth_cm, f->till_mix_pct, premix);
    f->till_pending = 0;
    f->till_depth_cm = f->till_mix_pct = f->till_inc_pct = 0.0;
    return AGRO_OK;
}

/* Organic C of each layer in %, as DSSAT's SOILDYN reads OC: SomLitC (humus and litter C)
   over the layer's soil mass (SOILDYN.for 014bdeed INTEGR; Q18): humus + 40 % of the fresh
   organic matter (CERES), SOM1 + SOM2 + SOM3 + metabolic + structural litter C (CENTURY), the
   soil file's before CENTURY starts. */
static void till_organic_c(const agro_field *f, double *oc) {
    const int32_t n = f->n_layers;
    const int cen = f->opt.soil_om_method == AGRO_SOIL_OM_CENTURY;
    for (int32_t l = 0; l < n; l++) {
        double c;
        if (cen && f->cen->ready) {
            const agro_century_state *cs = &f->cen->cs;
            c = cs->som1_c[l + 1] + cs->som2_c[l + 1] + cs->som3_c[l + 1] + cs->metab_c[l + 1] + cs->struc_c[l + 1];
        } else if (cen) {
            oc[l] = isfinite(f->soil.organic_carbon_pct[l]) ? f->soil.organic_carbon_pct[l] : 0.0;
            continue;
        } else {
            c = f->ns.org_c_kg_ha[l] + 0.4 * (f->ns.fom_carb_kg_ha[l] + f->ns.fom_cell_kg_ha[l] + f->ns.fom_lign_kg_ha[l]);
        }
        /* OC = SomLitC·1E-5/(BD·DLAYR)·100 % = C·1E-4/(kg/ha per ppm) */
        oc[l] = c * 1.0e-4 / f->np.kg_ha_per_ppm[l];
    }
}

/* Hand the tilled properties in use to the modules that read them (SOILPROP's SAT, SWCN, CN):
   the water balance, the N step's per-layer constants derived from SAT (water factor, oxidised
   layer). The crop, the roots, CENTURY and the root water uptake read f->wp daily. */
/* Water above a lowered SAT (a compacting pass, or a loosened layer settling while full): it
   moves down, layer by layer, and out of the bottom as drainage. DSSAT leaves SW above SAT
   (its SOILDYN changes SAT and DLAYR without a check, docs/design/tillage.md Q21); agrosim's
   water balance holds SW ≤ SAT (docs/model.md §9.1). The water moves without its nitrate. */
static void till_saturation_excess(agro_field *f) {
    double carry = 0.0; /* mm moving down into layer l */
    for (int32_t l = 0; l < f->n_layers; l++) {
        const double mm_per_unit = 10.0 * f->thick[l]; /* mm of water per cm³/cm³ */
        double d = carry / mm_per_unit;
        const double over = f->ws.sw[l] + d - f->wp.sat[l];
        carry = over > 0.0 ? over * mm_per_unit : 0.0;
        if (over > 0.0) d -= over;
        f->ws.sw[l] += d;
        f->wr.dsw[l] += d;
        f->wr.flux_mm[l] += carry;
    }
    f->wr.drainage_mm += carry;
    f->ws.cum_drainage_mm += carry;
}

/* The soil temperature's bulk density: DSSAT's STEMP and STEMP_EPIC read SOILPROP's BD every
   day, their profile mean ABD = Σ BD·DLAYR / DS(NLAYR) over the thicknesses DSSAT gives the
   loosened layers (their soil mass kept, so ABD = mass / deepened profile). agro_till_event
   holds the tilled density within the soil checks' 0.1–2.65 g/cm³ (DSSAT has no bound), the
   recovery moves it between that and the untilled one, and a layer the profile checks take,
   compacted within those densities, is one the soil temperature takes: no refusal is
   expected, but one is returned, not dropped (a too narrow bound once kept the untilled mean
   without a word). */
static int till_soil_temp(agro_ctx *ctx, agro_field *f) {
    const agro_till_soil *t = &f->till->tl;
    const int st = agro_soil_temp_set_bulk_density(ctx, f->st, t->bd, t->dl, (size_t)f->n_layers);
    if (st)
        agro_fail_prefix(ctx, "tillage: the soil temperature's new bulk density");
    return st;
}

static int till_refresh(agro_ctx *ctx, agro_field *f) {
    const agro_till_soil *t = &f->till->tl;
    /* SoilPi's INTEGR runs after SOILDYN's (SOIL.for): the day's available P with the new SAT,
       at the water the P step saw; first, so that a refusal (the field's own SAT, SW and LL
       are in range: none is expected) leaves the rest as it was, and is not skipped */
    if (f->opt.phosphorus_limited) {
        const int st = agro_soil_p_set_saturation_field(ctx, &f->pp, &f->ps, t->sat, f->pd.sw,
                                                        (size_t)f->n_layers);
        if (st) {
            agro_fail_prefix(ctx, "tillage: the P model's new SAT");
            return st;
        }
    }
    /* the soil temperature's, before the water's, for the same reason */
    const int st = till_soil_temp(ctx, f);
    if (st)
        return st;
    for (int32_t l = 0; l < f->n_layers; l++) {
        f->wp.sat[l] = t->sat[l];
        f->wp.ksat_mm_d[l] = t->sc[l];
    }
    f->wp.curve_number = t->cn;
    /* SCS retention S = 254·(100/CN − 1), mm (RNOFF.for) */
    f->wp.smx_mm = 254.0 * (100.0 / t->cn - 1.0);
    agro_soil_water_consts_init(&f->wp, &f->wk);
    agro_soil_n_consts_init(&f->np, &f->wp, &f->nk);
    till_saturation_excess(f);
    return AGRO_OK;
}

int agro_field_till_soil_unchecked(agro_ctx *ctx, agro_field *f, double *mulch_n_kg_ha) {
    agro_soil_n_premix premix;
    int st = f->till_pending ? till_soil(ctx, f, &premix) : AGRO_OK;
    if (mulch_n_kg_ha) *mulch_n_kg_ha = f->mulch_n_kg_ha;
    return st;
}

const agro_till_soil *agro_field_till_state_unchecked(const agro_field *f) {
    return f->till ? &f->till->tl : NULL;
}
const agro_soil_water_params *agro_field_water_params_unchecked(const agro_field *f) { return &f->wp; }
const agro_soil_n_consts *agro_field_n_consts_unchecked(const agro_field *f) { return &f->nk; }
const agro_soil_p_params *agro_field_soil_p_params_unchecked(const agro_field *f) { return &f->pp; }
const agro_soil_temp *agro_field_soil_temp_unchecked(const agro_field *f) { return f->st; }
const double *agro_field_soil_n_temp_unchecked(const agro_field *f) { return f->nd.soil_temp_C; }

int agro_field_tillage_counts(const agro_field *f, int32_t *passes, int32_t *skipped,
                              int32_t *last_skipped_implement) {
    if (!f) return AGRO_EINVAL;
    if (passes) *passes = f->till_passes;
    if (skipped) *skipped = f->till_skipped;
    if (last_skipped_implement) *last_skipped_implement = f->till_last_skipped;
    return AGRO_OK;
}

/* A tillage day's mixed water kept within [0, SAT] in every layer. DSSAT adds the mixing's
 * SWDELTL to the day's fluxes without a check (WATBAL.for, docs/design/tillage.md Q21), so water
 * mixed down from a layer of higher SAT can overfill one of lower SAT, and a layer the day
 * dried can go below 0; agrosim's water balance holds SW in [0, SAT] (departure, docs/model.md
 * §9.1). The excess (or deficit) moves among the mixed layers in proportion to their room
 * below SAT (or their water): the zone's total is unchanged and, every layer having been in
 * [0, SAT] after the fluxes and the mixing moving no water across the zone's bottom, always
 * fits. */
/* The layers a tillage pass reaches: those whose top lies above its depth. */
static int32_t till_layers_reached(const agro_field *f, int32_t n) {
    int32_t nt = 0;
    for (double top = 0.0; nt < n && top < f->till_depth_cm; top += f->thick[nt], nt++) {}
    return nt;
}

static void till_water_bounds(agro_field *f, int32_t n) {
    const int32_t nt = till_layers_reached(f, n);
    double over = 0.0, room = 0.0, under = 0.0, water = 0.0;
    for (int32_t l = 0; l < nt; l++) {
        const double sw = f->ws.sw[l], sat = f->wp.sat[l], t = f->thick[l];
        if (sw > sat) over += (sw - sat) * t;
        else room += (sat - sw) * t;
    }
    if (over > 0.0 && room > 0.0) {
        const double k = over < room ? over / room : 1.0;
        for (int32_t l = 0; l < nt; l++) {
            const double sw = f->ws.sw[l], sat = f->wp.sat[l];
            const double d = sw > sat ? sat - sw : (sat - sw) * k;
            f->ws.sw[l] += d;
            f->wr.dsw[l] += d;
        }
    }
    /* the deficit on the water as the excess left it */
    for (int32_t l = 0; l < nt; l++) {
        const double sw = f->ws.sw[l], t = f->thick[l];
        if (sw < 0.0) under -= sw * t;
        else water += sw * t;
    }
    if (under > 0.0 && water > 0.0) {
        const double k = under < water ? under / water : 1.0;
        for (int32_t l = 0; l < nt; l++) {
            const double sw = f->ws.sw[l];
            const double d = sw < 0.0 ? -sw : -sw * k;
            f->ws.sw[l] += d;
            f->wr.dsw[l] += d;
        }
    }
}

/* The crop's emergence day, after its phenology: the emerged plant (maize_emerge) and the day's
 * light shares @p fi (crop, weeds) with its leaf area. MZ_GROSUB sets the emerged plant (LAI =
 * PLTPOP·PLAE·1e-4) before its IPAR, so the emergence day's assimilate is that leaf area's (it
 * all goes to the roots in stage 1 while the seed reserve pays for the leaves); the mixed
 * canopy's shares are recomputed with it, and still sum to the whole canopy's Beer's law
 * interception (the weeds' share is the smaller for it; their LAI is d->lai_other). The day's
 * transpiration keeps the start-of-day LAI, as SPAM reads XHLAI before the plant's INTEGR.
 * Out of line: one day a season. */
__attribute__((noinline, cold)) static void crop_emerge(agro_field *f, maize_drivers *d, double *fi) {
    maize_state *c = &f->crop;
    c->emerged_day = f->day + 1;
    maize_emerge(&f->sp, c);
    const double k[2] = {c->lifac > 0.0 ? c->lifac : 0.0, f->opt.weeds.k_par};
    const double lai[2] = {c->lai, d->lai_other};
    /* (model-made, finite values: the call cannot fail) */
    (void)agro_canopy_mixed_interception(NULL, k, lai, 2, fi);
    d->par_frac_intercepted = fi[0];
    f->fi_crop = fi[0];
    f->fi_weeds = fi[1];
}

/* The start of a day of a field that has tilled: the soil properties of the day's passes (DSSAT
   SOILDYN RATE → TillEvent), from yesterday's values, applied after the day's water, N and P
   processes (Q20); the day's water and, when it rained, the organic C the soil had at the start
   of the day, which the recovery reads (SOILDYN INTEGR runs before the organic matter's). */
__attribute__((noinline, cold)) static void till_day_start(agro_field *f, const agro_weather_day *w,
                                                            int tilling) {
    till_field *const tf = f->till;
    if (tilling && tf->n_day > 0) agro_till_event(&tf->tl, tf->day, tf->n_day, NULL);
    else tf->n_day = 0; /* (passes a test mixed ahead, agro_field_till_soil_unchecked) */
    tf->water_mm = 0.0;
    if (tf->tl.tilled || tilling) {
        /* rain (DSSAT WEATHER%RAIN) and irrigation: agrosim counts every irrigation (Q29 departs) */
        tf->water_mm = w->rain_mm + f->irrigation;
        if (tf->water_mm > 0.0) till_organic_c(f, tf->oc_pct);
    }
}

/* The end of that day (DSSAT SOILDYN INTEGR): the tilled values on a tillage day, the recovery
   on days with rain or irrigation; what depends on them is refreshed on those days only. */
__attribute__((noinline, cold)) static int till_day_end(agro_ctx *ctx, agro_field *f, int tilling) {
    till_field *const tf = f->till;
    int st = AGRO_OK;
    if (tf->tl.tilled || tilling) {
        const int today = tilling && tf->n_day > 0;
        /* SOILCOV: yesterday's mulch cover with INFIL R/S/M (the cover before a tillage's
           incorporation, Q16); 0 without mulch effects (Q15 fixed) */
        const double soilcov = f->opt.mulch_effects ? f->mh_cover : 0.0;
        if (agro_till_integrate(&tf->tl, today, tf->water_mm, soilcov, tf->oc_pct)) st = till_refresh(ctx, f);
        tf->n_day = 0;
    }
    return st;
}

int agro_field_step(agro_ctx *ctx, agro_field *f, const agro_weather_day *w) {
    if (!f || !w) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL argument to agro_field_step");
    int st = check_weather(ctx, w, f->pending_irrigation_mm);
    if (st) return st;
    /* the field keeps the date of its last step: days come one after the other, so that the
       sowing date, days after planting and the day-of-year driven processes (day length, soil
       temperature wave) stay those of the calendar */
    if (w->year < 1 || w->year > 9999 || w->doy > agro_days_in_year(w->year))
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, w->year < 1 || w->year > 9999 ? "year" : "doy",
                         "date %d-%03d is impossible", (int)w->year, (int)w->doy);
    /* (the next day of the same year, the common case, is that day: its day of year was
       checked above; agro_date_add only for the others, 1 January or a refusal) */
    if (f->day > 0 && !(w->year == f->year && w->doy == f->doy + 1)) {
        int32_t ey = f->year, ed = f->doy;
        agro_date_add(&ey, &ed, 1);
        if (w->year != ey || w->doy != ed)
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "doy",
                             "day %d-%03d given, expected %d-%03d (the day after the last step, %d-%03d)",
                             (int)w->year, (int)w->doy, (int)ey, (int)ed, (int)f->year, (int)f->doy);
    }
    const int32_t n = f->n_layers;
    maize_state *c = &f->crop;
    weed_state *wd = &f->weeds;
    const agro_weed_params *wpar = &f->opt.weeds;
    const int crop_alive = f->crop_present && c->stage >= 1 && c->stage <= 6 && c->pltpop > 0.0;
    /* weed seeds near the surface germinate once the top layer is wetter than LL, the test
     * CERES applies to the maize seed layer (MZ_PHENOL ISTAGE 8): a cohort announced for a
     * dry day waits for rain instead of growing ahead of a crop that cannot germinate */
    const int emerging = f->pending_weeds_m2 > 0.0 && (!f->opt.water_limited || f->ws.sw[0] > f->wp.ll[0]);
    weed_state weeds_before; /* put back if the day is refused below */
    weed_litter weeds_ended; /* a mature stand that a flush ended, for the soil with the day's litter */
    if (emerging) {
        weeds_before = *wd;
        weed_emerge(wpar, wd, f->pending_weeds_m2, f->thick, f->soil.root_growth_factor, n, &weeds_ended);
    }
    const int weeds_on = f->opt.weeds_limited && wd->active;

    /* ---- light: mixed canopy of crop (CERES LIFAC) and weeds, shared by relative k·LAI
     * (Keating & Carberry 1993; issue 4: light by relative leaf area). The height-layered form
     * (agro_canopy_layered_interception) was evaluated for crop + weeds and not used: CERES
     * shoot growth before silking is sink-driven (roots absorb a carbon shortfall), so the
     * early suppression that keeps a weedy crop short in the field does not happen in the
     * model, and a 2 m crop over 0.6–1 m weeds left the unweeded loss (100 weeds/m², Morogoro
     * 2001–2003) at 15–24 % instead of the 50–80 % reported for Africa (BRIEF §2; mixed: 61 %). */
    double k[2] = {0.0, wpar->k_par}, lai[2] = {0.0, weeds_on ? wd->lai : 0.0}, fi[2];
    if (crop_alive) {
        k[0] = c->lifac;
        lai[0] = c->lai;
    }
    if (k[0] < 0.0) k[0] = 0.0;
    if ((st = agro_canopy_mixed_interception(ctx, k, lai, 2, fi))) {
        agro_fail_prefix(ctx, "light interception (canopy 0 the crop, 1 the weeds)");
        if (emerging) *wd = weeds_before;
        return st;
    }

    /* ---- snow: on a day with TMAX <= 1 °C the precipitation is stored as snow, and while snow
       lies TMAX + 0.4·RAIN mm of it melts on a warmer day; the soil gets rain + melt (DSSAT
       WATBAL RATE → SNOWFALL, WBSUBS.for a48329f; amounts under 0.001 mm vanish, as there) */
    double snow = f->snow_mm, watavl = w->rain_mm;
    if (w->tmax_C <= 1.0 || snow > 0.0) {
        if (w->tmax_C > 1.0) {
            const double melt = fmin(w->tmax_C + 0.4 * w->rain_mm, snow);
            snow -= melt;
            watavl = w->rain_mm + melt;
        } else {
            snow += w->rain_mm;
            watavl = 0.0;
        }
        if (snow < 0.001) snow = 0.0;
    }

    /* ---- the soil temperature's drivers but the water, checked before anything of the day
       happens (with the numerical model's surface temperatures, which agro_soil_temp_day_begin
       computes): from here on only the model's own arithmetic can fail the step */
    f->td.year = w->year;
    f->td.doy = w->doy;
    f->td.tmax_C = w->tmax_C;
    f->td.tmin_C = w->tmin_C;
    f->td.srad_MJ_m2_d = w->srad_MJ_m2_d;
    f->td.latitude_deg = f->opt.latitude_deg;
    /* the soil sees at most LAI 20 and 100 t/ha of canopy, the ranges its drivers take: its
       shade exp(-0.5 LAI) is 4.5e-5 at LAI 20 and EPIC's cover weight CV/(CV + exp(5.3396 -
       2.3951 CV)) is 1.0 in double from about 17 t/ha, so more cannot change it; crop and
       weeds pass them together only with weed parameters at the ends of their ranges (the
       mulch is held at 50 t/ha for the cover likewise) */
    const double lai_soil = lai[0] + lai[1];
    f->td.lai = lai_soil > SHADE_LAI_MAX ? SHADE_LAI_MAX : lai_soil; /* a NaN stays, to be refused */
    f->td.canopy_t_ha = crop_alive ? (c->lfwt + c->stmwt + c->earwt) * c->pltpop * 0.01 : 0.0;
    if (weeds_on) f->td.canopy_t_ha += (wd->wleaf + wd->wstem) * 0.01;
    if (f->td.canopy_t_ha > 100.0) f->td.canopy_t_ha = 100.0;
    /* the EPIC method's cover and wet-day inputs (DSSAT STEMP_EPIC: MULCHMASS, the mulch at the
       end of yesterday's SOIL INTEGR whatever INFIL says; RAIN + DEPIR; SNOW after today's
       SNOWFALL, which WATBAL's RATE runs before SPAM's) */
    f->td.mulch_t_ha = soil_temp_mulch_t_ha(f);
    f->td.water_input_mm = w->rain_mm + f->pending_irrigation_mm;
    f->td.snow_mm = snow;
    if ((st = agro_soil_temp_day_begin(ctx, f->st, &f->td))) {
        if (emerging) *wd = weeds_before;
        return st;
    }
    if (emerging) f->pending_weeds_m2 = 0.0;

    f->fi_crop = fi[0];
    f->fi_weeds = fi[1];

    /* ---- potential ET and its partition (DSSAT PETPT; KEP from KCAN, MZ_PHENOL) */
    double lai_tot = lai[0] + lai[1];
    double eo = 0.0, eos = 0.0, eop = 0.0;
    const int mulch_on = f->opt.mulch_effects && f->mh_kg_ha > 0.0;
    const double alb = agro_soil_surface_albedo(f->soil.albedo, f->ws.sw[0], f->wp.dul[0],
                                                mulch_on ? f->mh_cover : 0.0);
    eo = agro_pet_priestley_taylor_unchecked(w, alb, lai_tot); /* (its inputs checked above) */
    double kep = f->has_cultivar ? f->cul.kcan / (1.0 - 0.07) * (1.0 - 0.25) : f->sp.kep;
    if ((st = agro_pet_partition(ctx, eo, lai_tot, kep, &eos, &eop))) {
        agro_fail_prefix(ctx, "PET partition");
        return st;
    }
    f->pet = eo;
    /* CO2 closes the stomata: EOP × TRATIO (DSSAT TRANS.for; the C4 form of maize for the
       whole canopy, weeds included) */
    eop *= agro_transpiration_co2_ratio_c4_rlc(f->tratio_rlc, 0.5 * (w->tmax_C + w->tmin_C),
                                               w->wind_km_d * f->wind_to_2m, lai_tot);
    f->eop = eop;
    /* each canopy's transpiration demand is its share of the intercepted light, so the water
       a dying weed canopy takes falls with its green leaf area (as APSIM caps a crop's water
       demand by its green cover, genericLeafPart::doSWDemand) and ends with it */
    double fsum = fi[0] + fi[1];
    double eop_c = fsum > 0.0 ? eop * fi[0] / fsum : 0.0;
    double eop_w = fsum > 0.0 ? eop * fi[1] / fsum : 0.0;

    /* ---- water: root uptake capacities, then the uptake of each canopy */
    /* the crop's uptake is cut in layers waterlogged for more than 2 days (DSSAT ROOTWU.for,
       PORMIN of MZCER048.SPE); SPAM calls ROOTWU, and so counts those days, only while the
       start-of-day LAI (XHLAI) is above 0 (SPAM.for); the weeds have no PORMIN */
    /* (the unchecked forms: roots, counters, params and water are the model's own) */
    double tss_none[NL]; /* PORMIN 0: no waterlogging cut, no count (ROOTWU.for) */
    double cap_c[NL], cap_w[NL], up_c[NL], up_w[NL];
    for (int32_t l = 0; l < n; l++) /* only the n layers used */
        cap_c[l] = cap_w[l] = tss_none[l] = 0.0;
    if (crop_alive && c->lai > 0.0)
        agro_root_water_uptake_capacity_pormin_unchecked(&f->wp, &f->ws, c->rlv, f->sp.pormin,
                                                         f->rwu_x_held, c->tss_rwu, cap_c);
    else if (crop_alive)
        agro_root_water_uptake_capacity_pormin_unchecked(&f->wp, &f->ws, c->rlv, 0.0, f->rwu_x_held,
                                                         tss_none, cap_c);
    if (weeds_on)
        agro_root_water_uptake_capacity_pormin_unchecked(&f->wp, &f->ws, wd->rlv, 0.0, f->rwu_x_held,
                                                         tss_none, cap_w);
    double avail_c = 0.0, avail_w = 0.0;
    if (weeds_on) {
        /* two canopies (agrosim): each layer gives the two what it would give the crop alone,
           its water above LL or, when that is less, the crop's capacity (DSSAT's rule below,
           whose excess the water balance clips at LL), shared in proportion to the capacities;
           the surplus of one canopy is offered to the other. A weed flora that vanishes leaves
           the crop as it is alone: capped at the water above LL, 1e-9 weeds/m² cut a dry
           year's yield by 114 kg/ha */
        for (int32_t l = 0; l < n; l++) {
            double avail = (f->ws.sw[l] - f->wp.ll[l]) * f->wp.thickness_mm[l];
            if (avail < cap_c[l]) avail = cap_c[l]; /* (so never below 0: a capacity is not) */
            double tot = cap_c[l] + cap_w[l];
            double s = tot > avail && tot > 0.0 ? avail / tot : 1.0;
            up_c[l] = cap_c[l] * s;
            up_w[l] = cap_w[l] * s;
        }
        if (crop_alive)
            canopy_offer_surplus(cap_c, up_c, eop_c, cap_w, up_w, eop_w, f->sp.rwuep1, n);
        for (int32_t l = 0; l < n; l++) {
            avail_c += up_c[l];
            avail_w += up_w[l];
        }
        /* each canopy's uptake scaled to its demand */
        const double sc = avail_c > eop_c && avail_c > 0.0 ? eop_c / avail_c : 1.0;
        const double sw_ = avail_w > eop_w && avail_w > 0.0 ? eop_w / avail_w : 1.0;
        for (int32_t l = 0; l < n; l++) {
            up_c[l] *= sc;
            up_w[l] *= sw_;
            f->wd.uptake_mm[l] = up_c[l] + up_w[l];
        }
    } else {
        /* the crop alone, as DSSAT: TRWUP is ROOTWU's sum over the layers, not limited to each
           layer's water above LL (ROOTWU.for); SWFAC/TURFAC use it (MZ_GROSUB), EP = min(EOP,
           TRWUP) and XTRACT scales every layer's RWU by EP/TRWUP before the water balance
           clips it at LL */
        for (int32_t l = 0; l < n; l++) avail_c += cap_c[l];
        const double wuf = avail_c > eop_c && avail_c > 0.0 ? eop_c / avail_c : 1.0;
        /* (the water step's uptake too: the crop's is scaled to EOP here and the weeds take
           none, so the weeds' branch's scaling would multiply by 1) */
        for (int32_t l = 0; l < n; l++) {
            up_c[l] = cap_c[l] * wuf;
            up_w[l] = 0.0;
            f->wd.uptake_mm[l] = up_c[l] + up_w[l];
        }
    }
    double swfac = 1.0, turfac = 1.0;
    /* (model-made arguments, finite and >= 0: the calls cannot fail; a NULL context, since the
       step returns no status of theirs) */
    agro_water_stress_factors(NULL, avail_c, eop_c, f->sp.rwuep1, &swfac, &turfac);
    double swfac_w = 1.0;
    /* (without weeds their demand eop_w is 0, which gives 1) */
    if (weeds_on) agro_water_stress_factors(NULL, avail_w, eop_w, f->sp.rwuep1, &swfac_w, NULL);
    if (!f->opt.water_limited) swfac = turfac = swfac_w = 1.0;
    wd->swfac = swfac_w;
    f->swfac = swfac;
    f->turfac = turfac;

    /* ---- soil water balance */
    f->rain = w->rain_mm;
    f->irrigation = f->pending_irrigation_mm;
    f->pending_irrigation_mm = 0.0;
    f->wd.rain_mm = watavl; /* DSSAT WATAVL: what reaches the mulch and the soil */
    f->wd.irrigation_mm = f->irrigation;
    f->wd.eos_mm = eos;
    /* plastic film cuts soil evaporation here; residue acts as DSSAT's mulch below */
    const int film = f->opt.cover == AGRO_COVER_FILM_CLEAR || f->opt.cover == AGRO_COVER_FILM_BLACK;
    f->wd.cover_fraction = film ? 1.0 : 0.0;
    f->wd.cover_evap_suppression = film ? 1.0 - agro_cover_evaporation_factor(f->opt.cover, 1.0) : 0.0;
    f->wd.mulch_kg_ha = mulch_on ? f->mh_kg_ha : 0.0;
    f->wd.mulch_cover = f->mh_cover;
    f->wd.mulch_area_cm2_g = f->mh_am;
    f->wd.mulch_extinction = f->mh_ext;
    f->wd.mulch_water_kg_kg = f->mh_wat;
    f->wd.new_mulch_kg_ha = f->mh_new_kg_ha;
    /* yesterday's soil evaporation, for the N step's oxidised layer (0 on the first day) */
    const double es_yesterday = f->wr.evaporation_mm;
    /* a tillage day's water mixing (DSSAT WATBAL.for RATE, docs/design/tillage.md §3.6):
       SWDELTL from the start-of-day SW in cm of water per layer, SoilMixing with TILMIX over
       TILDEP; added after the day's fluxes, which see the unmixed water (Q21) */
    double till_dsw[NL];
    const int tilling = f->till_pending;
    /* the soil properties of tillage (out of line: most fields never till) */
    if (f->till) till_day_start(f, w, tilling);
    if (tilling) {
        for (int32_t l = 0; l < n; l++) till_dsw[l] = f->ws.sw[l] * f->thick[l];
        agro_soil_mix(f->thick, n, f->till_depth_cm, f->till_mix_pct, till_dsw);
        /* the layers the pass reaches change; below it the change is exactly 0, not the
           rounding of SW·DLAYR/DLAYR − SW */
        const int32_t nt = till_layers_reached(f, n);
        for (int32_t l = 0; l < n; l++) till_dsw[l] = l < nt ? till_dsw[l] / f->thick[l] - f->ws.sw[l] : 0.0;
    }
    /* (the _reuse steps skip zeroing the rates structs, which calloc zeroed at create) */
    if ((st = agro_soil_water_step_reuse(ctx, &f->wp, &f->wk, &f->ws, &f->wd, &f->wr))) return st;
    if (tilling) { /* (in dsw too: sw − dsw stays the unmixed start of the day) */
        for (int32_t l = 0; l < n; l++) {
            f->ws.sw[l] += till_dsw[l];
            f->wr.dsw[l] += till_dsw[l];
        }
        till_water_bounds(f, n);
    }
    f->snow_mm = snow;
    f->ep_crop = f->ep_weeds = 0.0;
    for (int32_t l = 0; l < n; l++) {
        double req = up_c[l] + up_w[l];
        double got = f->wr.uptake_mm[l];
        double r = req > 0.0 ? got / req : 0.0;
        f->ep_crop += up_c[l] * r;
        f->ep_weeds += up_w[l] * r;
    }
    f->sum.epcm_mm += f->ep_crop; /* the present crop's (the summary starts again at sowing) */

    /* ---- soil temperature (its other drivers set above, the mulch too: the start-of-day mass,
       which a tillage pass today leaves as it is until the day's mulch_snapshot, as DSSAT's
       MULCHMASS waits for SoilOrg's INTEGR) */
    /* DSSAT's STEMP and STEMP_EPIC run in SPAM's RATE (SPAM.for c0591dc, STEMP.for 3cb1eff,
       STEMP_EPIC.for 88e5998), after WATBAL's RATE, which leaves SW as yesterday's INTEGR left it
       (WATBAL.for 0b7c8bb, CSM_Main LAND.for 3af5f9d): they read the start-of-day water, the
       initial water on the first day. The numerical model (agrosim) conducts the day's heat
       through the soil as the day's infiltration left it: the end-of-day water. */
    const int temp_start_of_day = f->opt.soil_temp_method != AGRO_SOIL_TEMP_NUMERICAL;
    for (int32_t l = 0; l < n; l++)
        f->td.sw[l] = temp_start_of_day ? f->ws.sw[l] - f->wr.dsw[l] : f->ws.sw[l];
    /* the soil organic matter and mineral N read the soil temperature of the previous day:
       DSSAT's SOIL RATE runs before SPAM's RATE, which computes the day's STEMP (CSM_Main
       LAND.for 3af5f9d, SPAM.for c0591dc, STEMP.for 3cb1eff); on the first day the profile
       that STEMP's or STEMP_EPIC's SEASINIT left (8 calls with the first day's weather),
       before the first step below adds the day's own update. The numerical model has no
       SEASINIT: its first day's own layer means */
    /* (written straight into the N step's drivers, where the soil N reads them and CENTURY's
       copy below is taken: no step before those reads the drivers, so a copy is not needed) */
    double *const soil_temp_prev = f->nd.soil_temp_C;
    for (int32_t l = 0; l < n; l++) soil_temp_prev[l] = f->layer_temp[l];
    if ((st = agro_soil_temp_day_end(ctx, f->st, &f->td))) return st;
    if ((st = agro_soil_temp_layer_means(f->st, f->layer_temp, NL))) return st;
    if (f->day == 0 && (st = agro_soil_temp_seasinit_layer_means(f->st, soil_temp_prev, NL)))
        return st;

    /* ---- crop: phenology and growth */
    /* MZ_GROSUB goes on past its stage loop today, to its pest damage, MZ_NUPTAK and state
       variables (MZ_GROSUB.for 27d3955): in stages 1-5, on the day the crop fails in it (cold,
       drought: ISTAGE = 6 and MDATE set, then the rest of the routine) too, but not in stage 5
       with PLTPOP <= 0.01 (RETURN before it: maize_growth sets integrate_stop) */
    int grosub_rest = 0, damaged = 0;
    if (f->crop_present && c->stage != AGRO_MAIZE_STAGE_MATURE) {
        maize_drivers d;
        d.tmax = w->tmax_C;
        d.tmin = w->tmin_C;
        d.srad = w->srad_MJ_m2_d;
        d.solar = &f->solar; /* latitude terms from create */
        d.dayl_offset_h = f->dayl_offset_h;
        d.dayl_mult = f->dayl_mult;
        d.doy = w->doy;
        d.pco2 = f->pco2;
        double tmean = NAN, tmin = NAN, tmax = NAN;
        if (c->stage == AGRO_MAIZE_STAGE_SOWN || c->stage == AGRO_MAIZE_STAGE_GERMINATED)
            agro_soil_temp_at(f->st, c->sdepth_cm, &tmean, &tmin, &tmax);
        d.seed_soil_temp_mean = tmean;
        d.seed_soil_temp_min = tmin;
        d.seed_soil_temp_max = tmax;
        /* emergence: with the numerical soil model the seed-depth temperature (with its daily
         * range) drives germination → emergence; with STEMP (daily means only) the DSSAT
         * soil-surface estimate from air temperature is used, as DSSAT itself does */
        d.seed_temp_from_model = f->opt.soil_temp_method == AGRO_SOIL_TEMP_NUMERICAL ? 1.0 : 0.0;
        /* the crown temperature under snow while the growing point is below the surface
           (MZ_PHENOL reads the SNOW that WATBAL's RATE left) */
        d.snow_mm = f->snow_mm;
        d.par_frac_intercepted = fi[0];
        d.lai_other = lai[1]; /* the weeds shade the crop's lower leaves too (SLFC) */
        d.swfac = swfac;
        d.turfac = turfac;
        /* germination: the seed layer wetter than LL, or, when it is not, SWSD =
         * 0.65·(SW − LL) of the seed layer + 0.35·(SW − LL) of the next one at least SWCG
         * (DSSAT MZ_PHENOL ISTAGE 8) */
        int32_t l0 = (int32_t)c->sdepth_layer, l1 = l0 + 1 < n ? l0 + 1 : l0;
        double swsd = (f->ws.sw[l0] - f->wp.ll[l0]) * 0.65 + (f->ws.sw[l1] - f->wp.ll[l1]) * 0.35;
        d.seed_layer_sw_ok = (!f->opt.water_limited || f->ws.sw[l0] > f->wp.ll[l0] ||
                              swsd >= f->sp.swcg) ? 1.0 : 0.0;
        d.seed_layer_dry = f->opt.water_limited && !(f->ws.sw[l0] > f->wp.ll[l0]) ? 1.0 : 0.0;
        d.n_limited = f->opt.nitrogen_limited ? 1.0 : 0.0;
        d.n_stage_transform = f->opt.crop_n_stress_method == AGRO_CROP_N_STRESS_STAGE_TRANSFORM;
        d.p_limited = f->opt.phosphorus_limited ? 1.0 : 0.0;
        /* in [0, 1] (checked at create): 0 is no assimilation; DSSAT's reading of a SLPF below
           1e-4 as 1 is the .SOL reader's (agro_soil_load_dssat), not the field's */
        d.slpf = f->soil.photosynthesis_factor;
        d.asm_loss = f->damage_pending ? f->damage.asm_frac : 0.0;
        int32_t before = c->stage;
        maize_phenology(&f->cul, &f->sp, &d, c);
        if (c->stage_changed == 1) {
            crop_emerge(f, &d, fi);
            if (f->opt.phosphorus_limited) {
                /* the emerged plant's P, at its optimum concentrations of the emerged weights,
                   before the day's growth (MZ_GROSUB calls P_Ceres with EMERG in its emergence
                   block, on LFWTE, STMWTE and RTWTE); that growth's P comes from the day's step */
                maize_p_emerge(&f->sp, c);
                f->crop_p_seed_cum += c->p_seed_kg_ha;
            }
        }
        if (c->stage_changed == 4) {
            c->silking_day = f->day + 1;
            f->sum.anthesis_year = w->year;
            f->sum.anthesis_doy = w->doy;
        }
        /* VegFrac and SeedFrac are MZ_PHENOL's, before MZ_GROSUB: of the day's stage on the day
           the crop fails in maize_growth, and of the day's SUMDTT when grain fill ends early
           (maize_growth sets SUMDTT = P5) */
        if (f->opt.phosphorus_limited) maize_p_stage_fractions(&f->cul, c);
        const int growing = c->stage >= 1 && c->stage <= 5 && c->pltpop > 0.0;
        maize_growth(&f->cul, &f->sp, &d, c, f->wp.sat, f->ws.sw, f->thick);
        grosub_rest = growing && !c->integrate_stop;
        if (f->damage_pending && grosub_rest) {
            /* after growth and senescence, before N uptake (MZ_GROSUB); applied on the day the
             * crop fails; on the days MZ_GROSUB does not reach it (above) only its root length
             * goes (below) */
            double dm = 0.0, nd = 0.0;
            const double pop0 = c->pltpop, ears0 = c->ears; /* organs per plant or ear: */
            const double shut0 = c->lfwt + c->stmwt, root0 = c->rtwt, seed0 = c->grnwt;
            const double shel0 = c->earwt - c->grnwt;
            maize_damage_apply(c, &f->damage, &dm, &nd);
            damaged = 1;
            f->damage_dm_cum += dm;
            f->damage_n_cum += nd;
            f->sum.damage_dm_kg_ha += dm; /* the present crop's; the N balance reads the _cum */
            f->sum.damage_n_kg_ha += nd;
            if (f->opt.phosphorus_limited) { /* the P of what was removed (P_Ceres PestP): */
                /* organs eaten off every plant, at their concentrations; then the plants
                   killed, with the P they held (docs/model.md §6.9) */
                const double killed = pop0 > 0.0 ? 1.0 - c->pltpop / pop0 : 0.0;
                f->crop_p_lost_cum += maize_p_remove(c, 10.0 * pop0 * (shut0 - (c->lfwt + c->stmwt)),
                               10.0 * pop0 * (root0 - c->rtwt), 10.0 * ears0 * (seed0 - c->grnwt),
                               10.0 * ears0 * (shel0 - (c->earwt - c->grnwt)));
                f->crop_p_lost_cum += maize_p_kill(c, killed);
            }
        }
        if (c->stage == AGRO_MAIZE_STAGE_MATURE && before != AGRO_MAIZE_STAGE_MATURE) {
            c->maturity_day = f->day + 1;
            f->sum.maturity_year = w->year;
            f->sum.maturity_doy = w->doy;
        }
        if (c->stage >= 1 && c->stage <= 6) {
            c->swfac_sum += swfac;
            c->nstres_sum += c->nstres;
            c->pstres1_sum += f->opt.phosphorus_limited ? c->pstres1 : 1.0;
            c->stress_days += 1.0;
        }
    }

    /* the other days of a present crop, stage 6, grain fill at PLTPOP <= 0.01, the maturity day
       and after it: DSSAT's pest module still cuts the root length (PEST's ROOTDM, which MZ_CERES
       calls before MZ_GROSUB), not the mass or the plants. Before MZ_ROOTGR, as here before
       maize_roots; no root length before emergence */
    if (f->damage_pending && f->crop_present && !damaged) maize_damage_root_length(c, &f->damage);

    /* ---- weeds: thermal time and potential growth */
    if (weeds_on) {
        weed_phenology(wpar, wd, w->tmax_C, w->tmin_C);
        double par = w->srad_MJ_m2_d * f->sp.parsr;
        weed_growth(wpar, wd, par * fi[1], agro_maize_prft(w->tmax_C, w->tmin_C),
                    f->opt.nitrogen_limited);
    }

    /* ---- nitrogen: demands, soil N step, then uptake from the pools the step left. The
     * crop takes up N by DSSAT's generic NUPTAK (uptake per unit root length) or, as an
     * option, by CERES-Maize's MZ_NUPTAK; the weed flora always by the generic routine.
     * DSSAT computes both in the plant's INTEGR (MZ_CERES.for a48329f calls MZ_GROSUB, and
     * with it MZ_NUPTAK, in its INTEGR branch, its RATE branch running only the pest module;
     * CROPGRO.for d480fa2 calls NUPTAK in its INTEGR branch), after SOIL's
     * INTEGR (CSM_Main/LAND.for ba86805), from NO3_plant/NH4_plant = the pools integrated
     * with all of the day's soil N changes, fertiliser, mineralisation, nitrification,
     * denitrification and NFLUX (SOILNI.for 7841e3c), and SoilNi takes that uptake out of
     * the pools at the start of the next day's RATE, before any of that day's processes
     * ("Update with yesterday's plant N uptake"). Here the soil step runs without uptake and
     * the day's uptake leaves the pools at the end of the day, which is the same sequence. */
    double dem_c = 0.0, dem_w = 0.0;
    const int crop_growing = f->crop_present && grosub_rest && c->pltpop > 0.0;
    if (crop_growing && f->opt.nitrogen_limited) dem_c = maize_n_demand(&f->sp, c);
    if (weeds_on && f->opt.nitrogen_limited) dem_w = wd->n_demand_kg_ha;
    /* (the N step's uptake drivers stay 0 as calloc left them: the day's uptake leaves the
       pools at its end, agro_soil_n_remove_uptake_unchecked below; its soil temperatures
       were set above) */
    /* the oxidised surface layer's drivers (DSSAT SoilNi runs before SPAM: yesterday's ES and
       LAI, start-of-day MSALB) */
    f->nd.srad_MJ_m2_d = w->srad_MJ_m2_d;
    f->nd.tmax_C = w->tmax_C;
    f->nd.tmin_C = w->tmin_C;
    /* the oxidised layer's light, exp(-0.85 LAI), is 4e-8 at LAI 20 */
    f->nd.lai = lai_tot > SHADE_LAI_MAX ? SHADE_LAI_MAX : lai_tot;
    f->nd.surface_albedo = alb;
    f->nd.soil_evap_mm = es_yesterday;
    const int century = f->opt.soil_om_method == AGRO_SOIL_OM_CENTURY;
    if (century) {
        /* CENTURY first, on the start-of-day mineral N and labile P (DSSAT SOIL: CENTURY, then
           SoilNi, then SoilPi) */
        if (!f->cen->ready && (st = century_start(ctx, f))) return st;
        /* the mineral N as DSSAT's CENTURY reads it: still holding yesterday's uptake, which
           SoilNi takes out only after CENTURY's RATE (AMINRL, SOIL.for 07c41ff) */
        agro_soil_n_century_mineral_unchecked(&f->ns, &f->nr, f->cen->cd.mineral_n_kg_ha);
        for (int32_t l = 0; l < n; l++) {
            f->cen->cd.soil_temp_C[l] = soil_temp_prev[l];
            f->cen->cd.labile_p_kg_ha[l] = f->opt.phosphorus_limited ? f->ps.lab_rts[l] + f->ps.lab_out[l] : 0.0;
        }
        /* with the start-of-day water content, as DSSAT's CENTURY reads it in SOIL's RATE
           after WATBAL's RATE (SOIL.for 07c41ff, WATBAL.for 0b7c8bb) */
        /* (the step reads n_layers and sw only: the rest of the state is not copied) */
        agro_soil_water_state ws0;
        ws0.n_layers = f->ws.n_layers;
        for (int32_t l = 0; l < n; l++) ws0.sw[l] = f->ws.sw[l] - f->wr.dsw[l];
        /* a tillage day: CENTURY incorporates RINP % of its surface pools and mixes with RINP
           over TILDEP, before its decomposition (CENTURY.for RATE; Q25) */
        if (tilling) agro_century_till_unchecked(&f->cen->cs, f->till_depth_cm, f->till_inc_pct);
        /* (the field's own params and state, which the step keeps: not checked as a caller's are) */
        if ((st = agro_century_step_field(ctx, &f->cen->cp, &f->wp, &ws0, &f->cen->cd, &f->cen->cs, &f->cen->cr))) return st;
        f->residue_kg_ha = f->cen->cr.mulch_kg_ha;
        if ((st = refresh_residue_cover(ctx, f))) return st;
    }
    /* a tillage day (docs/design/tillage.md §2.1): the organic matter, then the mineral N (its
       pre-mixing amounts kept for the day's rates, Q22) mixed before the day's processes, on
       the fixed layers; P outside the root zone (SoilPi: labile, active, stable; Q26) in the
       P step below, with the day's fertiliser (Q23) */
    agro_soil_n_premix premix;
    const double till_p_depth = tilling ? f->till_depth_cm : 0.0, till_p_mix = tilling ? f->till_mix_pct : 0.0;
    if (tilling && (st = till_soil(ctx, f, &premix))) return st;
    const int esr = f->wp.evap_method == AGRO_SOIL_EVAP_SULEIMAN_RITCHIE;
    if ((st = agro_soil_n_step_reuse(ctx, &f->np, &f->wp, &f->ws, &f->wr, &f->ns, &f->nd, &f->nr, &f->nk,
                                     century ? &f->cen->cr : NULL, tilling ? &premix : NULL,
                                     esr ? f->esr_up_top_mm : NULL)))
        return st;
    /* what leaves layer l across its top is what crosses the bottom of layer l - 1
       (ESR_SoilEvap.for: UPFLOW(L) = UPFLOW(L + 1) + ES_LYR(L)); layer 1's stays 0 */
    if (esr)
        for (int32_t l = 1; l < n; l++) f->esr_up_top_mm[l] = f->wr.upflow_mm[l - 1];
    /* yesterday's dead roots join the fresh organic matter after today's decomposition
       (SoilOrg.for 07c41ff: SENESCE into DLTFPOOL at RATE, FPOOL += DLTFPOOL at INTEGR) */
    for (int32_t l = 0; l < n; l++)
        if (f->sen_root_n[l] > 0.0 || f->sen_root_dm[l] > 0.0) {
            agro_soil_n_add_senesced_unchecked(&f->np, &f->ns, l, f->sen_root_dm[l], f->sen_root_n[l]);
            f->sen_root_dm[l] = f->sen_root_n[l] = 0.0;
        }
    /* and yesterday's dead weed leaves the mulch, new from the next day (SoilOrg.for: DltSRF +=
       SENESCE % ResWt(0) at RATE, MULCHMASS at INTEGR; a tillage today took the start-of-day
       mulch only) */
    if (f->sen_surf_dm > 0.0 || f->sen_surf_n > 0.0) {
        if ((st = weed_mulch(ctx, f, f->sen_surf_dm, f->sen_surf_n))) return st;
        f->sen_surf_dm = f->sen_surf_n = 0.0;
    }
    /* each canopy scales its potential to its demand (NUF = min(ANDEM, TRNU)/TRNU); where
     * the two together ask for more than a layer holds above the residue roots cannot take
     * (0.25 mg/kg NO3, 0.5 mg/kg NH4, XMIN of MZ_NUPTAK.for lpmorenoc 52d6198 and NUPTAK.for
     * a48329f), both are scaled to it. (With MZ_NUPTAK for the weeds too, whose potential
     * saturates with root length, the default flora took 87 % of an unweeded crop's yield in
     * tests/test_weeds.c against the 50–80 % reported for Africa, BRIEF §2.) */
    double cno3[NL], cnh4[NL], wno3[NL], wnh4[NL];
    for (int32_t l = 0; l < n; l++) cno3[l] = cnh4[l] = wno3[l] = wnh4[l] = 0.0;
    /* (the arguments were checked when the field was made: the calls cannot fail; a NULL
       context, since the step returns no status of theirs) */
    if (dem_c > 0.0 && f->opt.crop_n_uptake_method == AGRO_CROP_N_UPTAKE_CERES_MAIZE)
        agro_soil_n_uptake_potential_maize_checking(NULL, &f->np, &f->wp, &f->ns, &f->ws, c->rlv,
                                                    f->soil.root_growth_factor, cno3, cnh4, 0);
    else if (dem_c > 0.0)
        agro_soil_n_uptake_capacity_checking(NULL, &f->np, &f->wp, &f->ns, &f->ws, c->rlv, cno3, cnh4, 0);
    if (dem_w > 0.0)
        agro_soil_n_uptake_capacity_checking(NULL, &f->np, &f->wp, &f->ns, &f->ws, wd->rlv, wno3, wnh4, 0);
    double tc = 0.0, tw = 0.0;
    for (int32_t l = 0; l < n; l++) {
        tc += cno3[l] + cnh4[l];
        tw += wno3[l] + wnh4[l];
    }
    /* demand without any potential uptake: MZ_NUPTAK returns early, RANC not closed
       (maize_integrate reads and clears the mark) */
    if (dem_c > 0.0 && !(tc > 0.0)) c->n_supply_none = 1;
    const double nuf_c = tc > dem_c && tc > 0.0 ? dem_c / tc : 1.0;
    const double nuf_w = tw > dem_w && tw > 0.0 ? dem_w / tw : 1.0;
    double got_c = 0.0, got_w = 0.0, up3[NL], up4[NL];
    for (int32_t l = 0; l < n; l++) {
        cno3[l] *= nuf_c; cnh4[l] *= nuf_c; wno3[l] *= nuf_w; wnh4[l] *= nuf_w;
        const double kpp = f->np.kg_ha_per_ppm[l];
        const double a3 = f->ns.no3_kg_ha[l] - 0.25 * kpp, a4 = f->ns.nh4_kg_ha[l] - 0.5 * kpp;
        const double t3 = cno3[l] + wno3[l], t4 = cnh4[l] + wnh4[l];
        if (t3 > 0.0 && t3 > a3) {
            const double k3 = a3 > 0.0 ? a3 / t3 : 0.0;
            cno3[l] *= k3; wno3[l] *= k3;
        }
        if (t4 > 0.0 && t4 > a4) {
            const double k4 = a4 > 0.0 ? a4 / t4 : 0.0;
            cnh4[l] *= k4; wnh4[l] *= k4;
        }
        up3[l] = cno3[l] + wno3[l];
        up4[l] = cnh4[l] + wnh4[l];
        got_c += cno3[l] + cnh4[l];
        got_w += wno3[l] + wnh4[l];
    }
    f->n_leached_today = f->nr.leaching_kg_ha;
    f->weeds_n_uptake_cum += got_w;

    /* ---- phosphorus: the soil step after the N of the same organic matter (DSSAT SoilOrg,
     * SoilNi, SoilPi), with the uptake the crop recorded yesterday (the field's own state,
     * which the step keeps: not checked as a caller's is) ---- */
    if (f->opt.phosphorus_limited) {
        for (int32_t l = 0; l < n; l++) {
            f->pd.sw[l] = f->ws.sw[l];
            f->pd.fom_frac[l] = f->nr.fom_frac[l];
            f->pd.humus_frac[l] = f->nr.humus_frac[l];
            f->pd.fom_n_decomposed[l] = f->nr.fom_n_decomposed[l];
            f->pd.n_immobilised[l] = f->nr.immobilisation[l];
        }
        if (till_p_depth > 0.0) {
            agro_soil_p_rates pr;
            if ((st = agro_soil_p_step_tilled_unchecked(ctx, &f->pp, &f->ps, &f->pd, century ? &f->cen->cr : NULL,
                                                        till_p_depth, till_p_mix, &pr)))
                return st;
            if (century) f->cen->unmet_p += pr.unmet_immobilised_kg_ha;
        } else if (century) {
            agro_soil_p_rates pr;
            if ((st = agro_soil_p_step_century_field(ctx, &f->pp, &f->ps, &f->pd, &f->cen->cr, &pr))) return st;
            f->cen->unmet_p += pr.unmet_immobilised_kg_ha;
        } else if ((st = agro_soil_p_step_field(ctx, &f->pp, &f->ps, &f->pd, NULL))) {
            return st;
        }
    }

    /* ---- the soil properties of tillage (DSSAT SOILDYN INTEGR, before the plant's INTEGR) */
    if (f->till && (st = till_day_end(ctx, f, tilling))) return st;

    /* ---- integrate plants: also on the day damage killed every plant, whose state variables
       MZ_GROSUB still integrates (organs held at 0 or above) */
    if (f->crop_present && (c->pltpop > 0.0 || damaged) &&
        ((c->stage >= 1 && c->stage <= AGRO_MAIZE_STAGE_MATURE) || c->stage == AGRO_MAIZE_STAGE_GERMINATED)) {
        if (c->stage != AGRO_MAIZE_STAGE_GERMINATED) {
            const double ranc = c->rtwt > 0.0 ? c->rootn / c->rtwt : 0.0;
            double dm[NL];
            for (int32_t l = 0; l < n; l++) dm[l] = 0.0;
            maize_n_take(c, got_c);
            if (dem_c > 0.0 && got_c > 0.0) {
                /* dead roots go to the soil's fresh organic matter (MZ_NUPTAK SENESCE) */
                double nk[NL];
                maize_root_senescence(c, ranc, f->thick, n, dm, nk);
                for (int32_t l = 0; l < n; l++)
                    if (nk[l] > 0.0) {
                        /* CENTURY takes them at the next step (SENESADD_C), with the root
                           lignin PLIGRT of MZCER048.SPE; their P follows below */
                        if (century) {
                            if ((st = agro_century_add_senesced_field(ctx, &f->cen->cp, &f->cen->cs, l + 1, dm[l], nk[l],
                                                                0.0, f->sp.root_lignin_frac)))
                                return st;
                        } else { /* to the soil at the next step, after its decomposition */
                            f->sen_root_dm[l] += dm[l];
                            f->sen_root_n[l] += nk[l];
                        }
                    }
            }
            maize_integrate(&f->sp, c);
            /* plant P after the day's organ weights and N, on yesterday's roots, on the days
               MZ_GROSUB reaches its state variables (above; P_Ceres, RootSoilVol follow them):
               from stage 1 to the end of effective grain fill, the day the crop fails included */
            if (f->opt.phosphorus_limited && grosub_rest && c->pltpop > 0.0) {
                agro_soil_p_root_volume_unchecked(&f->pp, &f->ps, c->rlv, c->rtdep, c->pltpop,
                                                  c->rowspc_cm, f->sp.root_radius_m);
                double up[NL], dead_p[NL];
                maize_p_step(&f->sp, c, f->ps.avail, dm, n, f->opt.nitrogen_limited, up, dead_p);
                agro_soil_p_take_up_unchecked(&f->pp, &f->ps, up);
                for (int32_t l = 0; l < n; l++)
                    if (dead_p[l] > 0.0) {
                        if (century) {
                            if ((st = agro_century_add_senesced_field(ctx, &f->cen->cp, &f->cen->cs, l + 1, 0.0, 0.0,
                                                                dead_p[l], 0.0)))
                                return st;
                        } else if ((st = agro_soil_p_add_organic_field(ctx, &f->pp, &f->ps, l, dead_p[l]))) {
                            return st;
                        }
                        f->crop_p_dead_roots_cum += dead_p[l];
                    }
            }
        }
        /* also between germination and emergence: the root front leaves the seed (MZ_ROOTGR) */
        maize_roots(&f->sp, c, f->thick, f->depth, f->soil.root_growth_factor, f->wp.ll,
                    f->wp.dul, f->wp.sat, f->ws.sw, f->ns.no3_kg_ha, f->ns.nh4_kg_ha, f->np.kg_ha_per_ppm, n, f->depth[n - 1],
                    f->opt.nitrogen_limited);
    }
    if (weeds_on) {
        weed_litter lt;
        weed_integrate(wpar, wd, got_w, lai_tot, f->thick, f->soil.root_growth_factor, n,
                       f->depth[n - 1], &lt);
        /* the dead leaves, and a dead stand's tops and roots, return to the soil */
        if ((st = weed_litter_return(ctx, f, &lt, 0, 0))) return st;
        if (emerging && (st = weed_litter_return(ctx, f, &weeds_ended, 0, 0))) return st;
        if (!f->opt.nitrogen_limited) wd->nfac = 1.0; /* N switched off: weeds not N-stressed either */
        double above = (wd->wleaf + wd->wstem) * 10.0;
        if (above > f->sum.weeds_biomass_max_kg_ha) f->sum.weeds_biomass_max_kg_ha = above;
    }

    /* ---- the day's N uptake leaves the soil, after the plants read the pools (MZ_ROOTGR's
       NO3 and NH4 are NO3_plant/NH4_plant before it, MZ_CERES.for a48329f) */
    agro_soil_n_remove_uptake_unchecked(&f->ns, &f->nr, up3, up4);

    /* ---- totals and checks */
    f->damage_pending = 0;
    f->sum.prcm_mm += w->rain_mm;
    f->sum.ircm_mm += f->irrigation;
    mulch_snapshot(f);
    if (f->day == 0 && f->crop_present && f->sum.sowing_year < 0) { /* sown before the first step */
        f->sum.sowing_year = w->year;
        f->sum.sowing_doy = w->doy;
    }
    f->day++;
    f->year = w->year;
    f->doy = w->doy;
    /* a last guard (the model's own checks should have stopped it earlier): name what broke */
    if (!isfinite(c->lai) || !isfinite(c->grnwt) || !isfinite(f->ws.sw[0]))
        return agro_fail(ctx, AGRO_ENUMERIC, NULL, 0,
                         !isfinite(c->lai) ? "lai" : !isfinite(c->grnwt) ? "grain" : "sw[0]",
                         "%d-%03d: the field's state became non-finite", (int)w->year, (int)w->doy);
    return AGRO_OK;
}

int agro_field_crop_mature(const agro_field *f) {
    if (!f) return 0;
    return f->final_done || (f->crop_present && f->crop.stage == AGRO_MAIZE_STAGE_MATURE);
}

int agro_field_seedbed(const agro_field *f, double sw_depth_cm, double *avail_water_pct,
                       double *soil_temp_10cm_C) {
    if (!f || !avail_water_pct || !soil_temp_10cm_C) return AGRO_EINVAL;
    if (!(isfinite(sw_depth_cm) && sw_depth_cm > 0.0 && sw_depth_cm <= AGRO_SEEDBED_MAX_DEPTH_CM)) return AGRO_ERANGE;
    const int32_t n = f->n_layers;
    /* DSSAT AUTPLT.for: TSDEP is the temperature of the layer that holds 10 cm */
    int32_t l10 = 0;
    while (l10 < n - 1 && f->depth[l10] < 10.0) l10++;
    *soil_temp_10cm_C = f->layer_temp[l10];
    /* AVGSW = Σ DTRY·max(SW − LL, 0)/(DUL − LL) / SWPLTD × 100 (AUTPLT.for); a profile
     * shallower than SWPLTD is divided by SWPLTD all the same */
    double cum = 0.0, top = 0.0;
    for (int32_t l = 0; l < n && top < sw_depth_cm; l++) {
        const double dz = fmin(f->thick[l], sw_depth_cm - top);
        const double range = f->wp.dul[l] - f->wp.ll[l];
        if (range > 0.0) cum += dz * fmax(f->ws.sw[l] - f->wp.ll[l], 0.0) / range;
        top += f->thick[l];
    }
    *avail_water_pct = cum / sw_depth_cm * 100.0;
    return AGRO_OK;
}

int agro_field_get_daily(const agro_field *f, agro_field_daily *o) {
    if (!f || !o) return AGRO_EINVAL;
    const maize_state *c = &f->crop;
    const weed_state *wd = &f->weeds;
    memset(o, 0, sizeof *o);
    o->year = f->year;
    o->doy = f->doy;
    o->das = f->day;
    o->dap = (f->crop_present && c->sown_day >= 0) ? f->day - c->sown_day : -1;
    o->stage = f->crop_present ? c->stage : AGRO_MAIZE_STAGE_FALLOW;
    o->n_layers = f->n_layers;
    double pop = f->crop_present ? c->pltpop : 0.0;
    o->leaf_number = c->xn;
    o->lai_crop = f->crop_present ? c->lai : 0.0;
    o->lai_weeds = wd->lai;
    o->leaf_kg_ha = c->lfwt * pop * 10.0;
    o->stem_kg_ha = c->stmwt * pop * 10.0;
    o->ear_kg_ha = c->earwt * pop * 10.0;
    o->root_kg_ha = c->rtwt * pop * 10.0;
    o->biomass_kg_ha = o->leaf_kg_ha + o->stem_kg_ha + o->ear_kg_ha;
    o->grain_kg_ha = f->crop_present ? c->grnwt * c->ears * 10.0 : 0.0;
    o->kernels_m2 = f->crop_present ? c->gpp * c->ears : 0.0;
    o->root_depth_cm = f->crop_present ? c->rtdep : 0.0;
    o->weeds_biomass_kg_ha = (wd->wleaf + wd->wstem) * 10.0;
    o->weeds_density_m2 = wd->density;
    o->gdd_Cd = c->dtt;
    o->cum_gdd_Cd = c->cumdtt;
    o->fi_crop = f->fi_crop;
    o->fi_weeds = f->fi_weeds;
    int growing = f->crop_present && c->stage >= 1 && c->stage <= 6;
    /* the day's factors, also in stage 6, where the crop's growth (and its copy) stops; TURFAC
       as the crop keeps it */
    o->swfac = growing ? f->swfac : 1.0;
    o->turfac = growing ? maize_turfac_kept(f->turfac) : 1.0;
    o->nstress = growing ? c->nstres : 1.0;
    o->sw_total_mm = agro_soil_water_total_mm(&f->wp, &f->ws);
    o->pesw_mm = agro_soil_water_extractable_mm(&f->wp, &f->ws);
    o->rain_mm = f->rain;
    o->snow_mm = f->snow_mm;
    o->irrigation_mm = f->irrigation;
    o->runoff_mm = f->wr.runoff_mm;
    o->drainage_mm = f->wr.drainage_mm;
    o->soil_evap_mm = f->wr.evaporation_mm;
    o->transp_crop_mm = f->ep_crop;
    o->transp_weeds_mm = f->ep_weeds;
    o->pet_mm = f->pet;
    o->transp_pot_mm = f->eop;
    o->crop_n_kg_ha = f->crop_present ? crop_n(c) : 0.0;
    o->crop_tops_n_kg_ha = f->crop_present ? (c->stovn + c->grainn) * c->pltpop * 10.0 : 0.0;
    o->crop_n_uptake_kg_ha = c->cum_n_uptake_kg_ha;
    o->weeds_n_kg_ha = wd->n_kg_ha;
    double no3 = 0.0, nh4 = 0.0;
    for (int32_t l = 0; l < f->n_layers; l++) {
        no3 += f->ns.no3_kg_ha[l];
        nh4 += f->ns.nh4_kg_ha[l];
        /* SoilNi.OUT's NO3(L), NH4(L) in ppm: SNO3·KG2PPM (SOILNI.for), kg_ha_per_ppm being
           1/KG2PPM of the layer's soil mass (SOILDYN.for) */
        o->no3_ppm[l] = f->ns.no3_kg_ha[l] / f->np.kg_ha_per_ppm[l];
        o->nh4_ppm[l] = f->ns.nh4_kg_ha[l] / f->np.kg_ha_per_ppm[l];
        o->sw[l] = f->ws.sw[l];
        o->rlv[l] = f->crop_present ? c->rlv[l] : 0.0;
        /* the layer means the step already took from the soil temperature model */
        o->soil_temp_C[l] = f->day > 0 ? f->layer_temp[l] : NAN;
    }
    o->no3_kg_ha = no3;
    o->nh4_kg_ha = nh4;
    o->n_leached_kg_ha = f->n_leached_today;
    o->urea_kg_ha = agro_soil_n_urea_kg_ha(&f->ns);
    o->n_denitrified_kg_ha = f->ns.cum_denitrification_kg_ha;
    /* soil temperatures are read from the soil model only when a snapshot is taken */
    o->soil_temp_5cm_C = NAN;
    o->soil_temp_seed_C = NAN;
    const int p_on = f->opt.phosphorus_limited;
    o->pstres1 = p_on && growing ? c->pstres1 : 1.0;
    o->pstres2 = p_on && growing ? c->pstres2 : 1.0;
    o->crop_p_kg_ha = p_on && f->crop_present ? maize_p_total(c) : 0.0;
    o->soil_p_avail_kg_ha = p_on ? agro_soil_p_available_kg_ha(&f->ps) : 0.0;
    o->soil_p_labile_kg_ha = p_on ? agro_soil_p_labile_kg_ha(&f->ps) : 0.0;
    double soc = 0.0;
    if (f->opt.soil_om_method == AGRO_SOIL_OM_CENTURY && f->cen->ready) {
        for (int32_t L = 1; L <= f->n_layers; L++)
            soc += f->cen->cs.som1_c[L] + f->cen->cs.som2_c[L] + f->cen->cs.som3_c[L] + f->cen->cs.metab_c[L] + f->cen->cs.struc_c[L];
    } else {
        for (int32_t l = 0; l < f->n_layers; l++)
            soc += f->ns.org_c_kg_ha[l] + 0.4 * (f->ns.fom_carb_kg_ha[l] + f->ns.fom_cell_kg_ha[l] + f->ns.fom_lign_kg_ha[l]);
    }
    o->soil_org_c_kg_ha = soc;
    o->mulch_kg_ha = f->residue_kg_ha;
    o->mulch_cover = f->opt.mulch_effects ? f->mh_cover : 0.0;
    o->mulch_water_mm = f->ws.mulch_water_mm;
    o->mulch_evap_mm = f->wr.mulch_evaporation_mm;
    o->curve_number = f->wp.curve_number;
    o->till_sumke = f->till ? f->till->tl.sumke : 0.0;
    for (int32_t l = 0; l < f->n_layers; l++) {
        o->bulk_density_g_cm3[l] = f->till ? f->till->tl.bd[l] : f->np.bulk_density_g_cm3[l];
        o->sat[l] = f->wp.sat[l];
    }
    if (f->day > 0) {
        agro_soil_temp_at(f->st, 5.0, &o->soil_temp_5cm_C, NULL, NULL);
        if (f->crop_present) agro_soil_temp_at(f->st, c->sdepth_cm, &o->soil_temp_seed_C, NULL, NULL);
    }
    return AGRO_OK;
}

/* Water and nitrogen balance errors of the whole field since creation. */
static void balances(const agro_field *f, agro_season_summary *s) {
    s->water_balance_error_mm = fabs(agro_soil_water_balance_mm(&f->wp, &f->ws));
    double soil = 0.0;
    for (int32_t l = 0; l < f->n_layers; l++)
        soil += f->ns.no3_kg_ha[l] + f->ns.nh4_kg_ha[l] + f->ns.org_n_kg_ha[l] + f->ns.fom_n_kg_ha[l] +
                f->ns.urea_kg_ha[l];
    const maize_state *c = &f->crop;
    double plants = (f->crop_present ? crop_n(c) : 0.0) + f->weeds.n_kg_ha;
    /* CENTURY: its organic N (and what waits for the next step) is soil N; its inputs since
       the initialisation count in, and so does the N it immobilised that no layer could give */
    const int cen = f->opt.soil_om_method == AGRO_SOIL_OM_CENTURY && f->cen->ready;
    if (cen) soil += agro_century_total_n_kg_ha(&f->cen->cs) + agro_century_pending_n_kg_ha(&f->cen->cs);
    /* (and the N the CERES fresh organic matter immobilised that no layer could give) */
    double residue_n = (cen ? f->cen->cs.cum_input_n : f->ns.cum_residue_n_kg_ha) + f->ns.cum_om_unmet_kg_ha;
    double in = f->soil_n_initial + f->ns.cum_fertiliser_kg_ha + residue_n +
                c->n_seed_kg_ha + f->crop_n_seed_past + f->weeds.seed_n_kg_ha;
    double out = f->ns.cum_leaching_kg_ha + f->ns.cum_denitrification_kg_ha +
                 f->ns.cum_volatilisation_kg_ha + c->n_senesced_kg_ha + f->crop_n_senesced_past +
                 f->weeds.removed_n_kg_ha +
                 f->weeds.senesced_n_kg_ha +
                 f->crop_n_harvested + f->damage_n_cum;
    s->n_balance_error_kg_ha = fabs(in - out - soil - plants);
    if (f->opt.phosphorus_limited) {
        /* external P: the soil's at the start, fertiliser, residues (the soil's organic inputs
           less the crops' dead roots) and the seeds; it is in the soil, the crop, its
           senesced leaves, the harvests or what damage removed */
        const double crop_p = f->crop_present ? maize_p_total(c) + c->p_senesced_surface_kg_ha : 0.0;
        double residues = f->ps.cum_organic_in_kg_ha - f->crop_p_dead_roots_cum;
        double p_in = f->ps.initial_kg_ha, p_soil = agro_soil_p_total_kg_ha(&f->ps);
        if (cen) {
            residues += f->cen->cs.cum_input_p + f->cen->unmet_p;
            p_in += f->cen->cs.initial_p;
            p_soil += agro_century_total_p_kg_ha(&f->cen->cs) + agro_century_pending_p_kg_ha(&f->cen->cs);
        }
        p_in += f->ps.cum_fertiliser_kg_ha + residues + f->crop_p_seed_cum;
        const double p_out = p_soil + crop_p + f->crop_p_harvested + f->crop_p_lost_cum;
        s->p_balance_error_kg_ha = fabs(p_in - p_out);
    }
}

static void finalize_summary(const agro_field *f, agro_season_summary *s) {
    const maize_state *c = &f->crop;
    s->crop_failed = c->failed;
    if (c->emerged_day >= 0) s->emergence_dap = c->emerged_day - c->sown_day;
    if (c->silking_day >= 0) s->anthesis_dap = c->silking_day - c->sown_day;
    if (c->maturity_day >= 0) s->maturity_dap = c->maturity_day - c->sown_day;
    s->population_pl_m2 = c->pltpop;
    s->hwam_kg_ha = c->grnwt * 10.0 * c->ears; /* YIELD = GRNWT·10·EARS (MZ_GROSUB) */
    s->hwum_g = c->gpp > 0.0 ? c->grnwt / c->gpp : NAN;
    s->hnam_m2 = c->gpp * c->ears;
    s->kernels_per_plant = c->gpp;
    s->ears_m2 = c->ears;
    s->cwam_kg_ha = (c->lfwt + c->stmwt + c->earwt) * c->pltpop * 10.0;
    s->laix = c->maxlai;
    s->hiam = s->cwam_kg_ha > 0.0 ? s->hwam_kg_ha / s->cwam_kg_ha : 0.0;
    s->leaf_number = c->xn;
    s->nucm_kg_ha = c->cum_n_uptake_kg_ha;
    /* CNAM = WTNCAN·10 = (STOVN+GRAINN)·PLTPOP·10 (MZ_GROSUB, MZ_OPHARV label CNAM) */
    s->cnam_kg_ha = (c->stovn + c->grainn) * c->pltpop * 10.0;
    /* GNAM = GNUP = GRAINN·EARS·10 (MZ_GROSUB OUTPUT), on the ear basis of YIELD; differs from
     * the plant basis of CNAM only when barrenness makes EARS < PLTPOP, as in DSSAT */
    s->gnam_kg_ha = c->grainn * c->ears * 10.0;
    s->swfac_mean = c->stress_days > 0.0 ? c->swfac_sum / c->stress_days : NAN;
    s->nstress_mean = c->stress_days > 0.0 ? c->nstres_sum / c->stress_days : NAN;
    s->pstress_mean = c->stress_days > 0.0 ? c->pstres1_sum / c->stress_days : NAN;
    s->cpam_kg_ha = f->opt.phosphorus_limited ? maize_p_total(c) : 0.0;
}

int agro_field_get_summary(const agro_field *f, agro_season_summary *out) {
    if (!f || !out) return AGRO_EINVAL;
    *out = f->sum;
    if (f->crop_present && !f->final_done) finalize_summary(f, out);
    out->n_days = f->day;
    /* DSSAT's ET and evaporation count the mulch's (SPAM.for: EVAP = ES + EM) */
    out->etcm_mm = f->ws.cum_evaporation_mm + f->ws.cum_mulch_evaporation_mm +
                   f->ws.cum_transpiration_mm;
    out->escm_mm = f->ws.cum_evaporation_mm + f->ws.cum_mulch_evaporation_mm;
    out->drcm_mm = f->ws.cum_drainage_mm;
    out->rocm_mm = f->ws.cum_runoff_mm;
    out->nlcm_kg_ha = f->ns.cum_leaching_kg_ha;
    out->ndnc_kg_ha = f->ns.cum_denitrification_kg_ha;
    out->amlc_kg_ha = f->ns.cum_volatilisation_kg_ha;
    out->pupc_kg_ha = f->opt.phosphorus_limited ? f->ps.cum_uptake_kg_ha : 0.0;
    balances(f, out);
    return AGRO_OK;
}

const agro_soil_n_state *agro_field_soil_n_unchecked(const agro_field *f) { return &f->ns; }
const agro_soil_n_rates *agro_field_soil_n_rates_unchecked(const agro_field *f) { return &f->nr; }
const agro_soil_p_state *agro_field_soil_p_unchecked(const agro_field *f) { return &f->ps; }
const maize_state *agro_field_crop_unchecked(const agro_field *f) { return &f->crop; }
const agro_century_state *agro_field_century_unchecked(const agro_field *f)
{
    return f->cen && f->cen->ready ? &f->cen->cs : NULL;
}

double agro_field_pending_root_n_unchecked(const agro_field *f, double *by_layer_kg_ha)
{
    double t = 0.0;
    for (int32_t l = 0; l < f->ns.n_layers; l++) {
        t += f->sen_root_n[l];
        if (by_layer_kg_ha) by_layer_kg_ha[l] = f->sen_root_n[l];
    }
    return t;
}

double agro_field_mulch_n_unchecked(const agro_field *f, double *pending_kg_ha)
{
    if (pending_kg_ha) *pending_kg_ha = f->sen_surf_n;
    return f->mulch_n_kg_ha;
}
