/*
 * Map a DSSAT treatment (agro_dssat_treatment) onto a field season (agro_season_spec):
 * initial conditions onto the soil layers (with the previous crop's residue and roots),
 * sowing, reported irrigation, fertiliser N by material and placement, surface residues,
 * harvest, simulation start and end.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "agrosim/dssat.h"
#include "agrosim/field.h"
#include "internal/dssat.h"
#include "internal/date.h"
#include "internal/error.h"

static int32_t yd_year(int32_t yd) { return yd / 1000; }
static int32_t yd_doy(int32_t yd) { return yd % 1000; }

static int32_t yd_diff(int32_t from, int32_t to)
{
    int32_t d = 0;
    agro_days_between(yd_year(from), yd_doy(from), yd_year(to), yd_doy(to), &d);
    return d;
}

static int32_t yd_add(int32_t yd, int32_t n)
{
    int32_t y = yd_year(yd), d = yd_doy(yd);
    agro_date_add(&y, &d, n);
    return y * 1000 + d;
}

/*
 * An initial-condition variable on soil layer [top, bot] cm as DSSAT LMATCH.for puts it: the
 * depth-weighted mean over the part the IC layers cover; NaN (missing) when a layer it
 * overlaps is -99 or when the soil layer starts at or below the deepest IC layer (LMATCH stops
 * there and leaves -99).
 */
static double ic_layer_mean(const agro_dssat_treatment *t, const double *v, double top,
                            double bot)
{
    double sum = 0, w = 0, prev = 0;
    int n = t->ic_n_layers;
    if (n < 1 || top >= t->ic_depth_cm[n - 1] - 1e-9)
        return NAN;
    for (int i = 0; i < n; i++) {
        double lo = prev, hi = t->ic_depth_cm[i];
        prev = hi;
        double a = lo > top ? lo : top, b = hi < bot ? hi : bot;
        if (b <= a)
            continue;
        if (!isfinite(v[i]))
            return NAN;
        sum += v[i] * (b - a);
        w += b - a;
    }
    return w > 0 ? sum / w : NAN;
}

/* DSSAT's IPSLIN stops when a soil layer's initial value, the depth-weighted mean of the IC
 * layers it overlaps (LMATCH), exceeds @p limit: SH2O above 0.75 with water simulated (its
 * error 10), SNH4 or SNO3 above 100 ppm with N simulated (11, 12). The message names the
 * overlapping IC row with the largest value, which exceeds the limit too. */
static int ic_limit(agro_ctx *ctx, const agro_dssat_treatment *t, const agro_soil_profile *soil,
                    const char *xname, int L, double top, double mean, const double *v,
                    double limit, const char *field, const char *what, const char *unit)
{
    if (!(mean > limit))
        return AGRO_OK;
    const double bot = soil->depth_cm[L];
    int k = -1;
    double prev = 0.0;
    for (int i = 0; i < t->ic_n_layers; i++) {
        const double lo = prev, hi = t->ic_depth_cm[i];
        prev = hi;
        if (hi > top && lo < bot && (k < 0 || v[i] > v[k]))
            k = i;
    }
    const long line = k >= 0 && t->line_ic[k] ? t->line_ic[k]
                      : t->line_initial      ? t->line_initial
                                             : t->line;
    return agro_fail(ctx, AGRO_ERANGE, xname, line, field,
                     "%s %g %s in soil layer %d (%g-%g cm; the depth-weighted mean of the IC "
                     "layers over it) is above %g; DSSAT's IPSLIN stops on it",
                     what, mean, unit, L + 1, top, bot, limit);
}

/* A YEARDOY the mapping reads as a date must be a day of the calendar (years 1-9999, as the
 * field's schedule): the X-file reader only gives such dates, but a struct filled in code may
 * hold day 0, day 366 of a common year or a year-0 number such as 90, which yd_diff could not
 * order against the start (a day it cannot count was "not before the start" and a year-0 row
 * silently before it) and agro_season_run refused later by the event's index only */
static int check_yeardoy(agro_ctx *ctx, const char *xname, long line, const char *column,
                         int32_t yd, const char *what)
{
    const int32_t y = yd_year(yd), d = yd_doy(yd);
    if (yd > 0 && agro_calendar_day(y, d))
        return AGRO_OK;
    return agro_fail(ctx, AGRO_ERANGE, xname, line, column,
                     "%s %d is not a YEARDOY day of the calendar (year 1-9999, day 1-365 or "
                     "366 in a leap year)", what, (int)yd);
}

/* A day counted after planting (timing option D: IDATE, FDATE, RDATE, HDATE as DAP; DSSAT
 * IRRIG.for, Fert_Place.for, OM_Place.for and AUTHAR compare it with DAP) must lie in the
 * season, 0 (the planting day) to @p max_dap (the run's end after the earliest planting): the
 * X-file reader gives no negative one, but a struct filled in code may, and agro_season_run
 * refused it later by the event's index only, or never reached a day beyond the end */
static int check_dap(agro_ctx *ctx, const char *xname, long line, const char *column, int32_t dap,
                     int32_t max_dap, const char *what)
{
    if (dap >= 0 && dap <= max_dap)
        return AGRO_OK;
    return agro_fail(ctx, AGRO_ERANGE, xname, line, column,
                     "%s %d days after planting is outside the season (0 to %d days after "
                     "planting, the run's last day)", what, (int)dap, (int)max_dap);
}

/* An infinite value of the treatment is refused naming its column and row (the row's X-file
 * line, or its index in a struct filled in code): the mapping tests a value with isfinite()
 * where DSSAT's -99 (NaN) means missing, so an infinite amount was taken as missing, a residue
 * or fertiliser row dropped, an efficiency or depth replaced by its default, without a word.
 * NaN stays missing. Rows past a count are not read; the IC bottoms are check_ic_depths'. */
static int refuse_infinite(agro_ctx *ctx, const agro_dssat_treatment *t, const char *xname)
{
    /* the automatic-irrigation rows of the controls level carry no line of their own: named by
       index on the level's line, which also holds the level's own IMDEP, ITHRL, ... */
    static const int32_t no_lines[AGRO_DSSAT_MAX_AUTO_IRR_ROWS] = {0};
    const struct {
        const char *name;
        const double *v;
        int32_t n;            /* rows (1 for a level's single value) */
        const int32_t *lines; /* X-file line of each row, or NULL: the level's line */
        int32_t level_line;
    } cols[] = {
        {"IRVAL", t->irr_value_mm, t->n_irrigations, t->line_irrigation, t->line},
        {"EFIR", &t->irr_efficiency, 1, NULL, t->line},
        {"IAMT", &t->irr_amount_mm, 1, NULL, t->line},
        {"IDEP", &t->irr_depth_cm, 1, NULL, t->line},
        {"ITHR", &t->irr_threshold_pct, 1, NULL, t->line},
        {"IEPT", &t->irr_end_pct, 1, NULL, t->line},
        {"FAMN", t->fert_n_kg_ha, t->n_fertilisers, t->line_fertiliser, t->line},
        {"FAMP", t->fert_p_kg_ha, t->n_fertilisers, t->line_fertiliser, t->line},
        {"FAMK", t->fert_k_kg_ha, t->n_fertilisers, t->line_fertiliser, t->line},
        {"FDEP", t->fert_depth_cm, t->n_fertilisers, t->line_fertiliser, t->line},
        {"RAMT", t->res_amount_kg_ha, t->n_residues, t->line_residue, t->line},
        {"RESN", t->res_n_pct, t->n_residues, t->line_residue, t->line},
        {"RESP", t->res_p_pct, t->n_residues, t->line_residue, t->line},
        {"RINP", t->res_incorporation_pct, t->n_residues, t->line_residue, t->line},
        {"RDEP", t->res_depth_cm, t->n_residues, t->line_residue, t->line},
        {"TDEP", t->till_depth_cm, t->n_tillage, t->line_tillage, t->line},
        {"HPC", t->harv_pct, t->n_harvests, t->line_harvest, t->line},
        {"ICRT", &t->ic_root_kg_ha, 1, NULL, t->line_initial},
        {"ICND", &t->ic_nodule_kg_ha, 1, NULL, t->line_initial},
        {"ICRES", &t->ic_residue_kg_ha, 1, NULL, t->line_initial},
        {"ICREN", &t->ic_residue_n_pct, 1, NULL, t->line_initial},
        {"ICREP", &t->ic_residue_p_pct, 1, NULL, t->line_initial},
        {"ICRIP", &t->ic_residue_incorporation_pct, 1, NULL, t->line_initial},
        {"ICRID", &t->ic_residue_depth_cm, 1, NULL, t->line_initial},
        {"SH2O", t->ic_sw, t->ic_n_layers, t->line_ic, t->line_initial},
        {"SNH4", t->ic_nh4_ppm, t->ic_n_layers, t->line_ic, t->line_initial},
        {"SNO3", t->ic_no3_ppm, t->ic_n_layers, t->line_ic, t->line_initial},
        {"PPOP", &t->plants_sown_m2, 1, NULL, t->line_planting},
        {"PPOE", &t->plants_emerged_m2, 1, NULL, t->line_planting},
        {"PLRS", &t->row_spacing_cm, 1, NULL, t->line_planting},
        {"PLDP", &t->sowing_depth_cm, 1, NULL, t->line_planting},
        {"IRAMT", &t->auto_irr_amount_mm, 1, NULL, t->line_controls},
        {"IREFF", &t->auto_irr_efficiency, 1, NULL, t->line_controls},
        {"NAMNT", &t->auto_n_amount_kg_ha, 1, NULL, t->line_controls},
        {"NMDEP", &t->auto_n_depth_cm, 1, NULL, t->line_controls},
        {"NMTHR", &t->auto_n_threshold_pct, 1, NULL, t->line_controls},
        {"IMDEP", &t->auto_irr_depth_cm, 1, NULL, t->line_controls},
        {"ITHRL", &t->auto_irr_threshold_pct, 1, NULL, t->line_controls},
        {"ITHRU", &t->auto_irr_target_pct, 1, NULL, t->line_controls},
        {"PH2OL", &t->plant_h2o_low_pct, 1, NULL, t->line_controls},
        {"PH2OU", &t->plant_h2o_high_pct, 1, NULL, t->line_controls},
        {"PH2OD", &t->plant_h2o_depth_cm, 1, NULL, t->line_controls},
        {"PSTMX", &t->plant_tmax_C, 1, NULL, t->line_controls},
        {"PSTMN", &t->plant_tmin_C, 1, NULL, t->line_controls},
        {"HPCNP", &t->harvest_pct_product, 1, NULL, t->line_controls},
        {"HPCNR", &t->harvest_pct_residue, 1, NULL, t->line_controls},
        {"IMDEP", t->auto_irr_row_depth_cm, t->n_auto_irr_rows, no_lines, t->line_controls},
        {"ITHRL", t->auto_irr_row_threshold_pct, t->n_auto_irr_rows, no_lines, t->line_controls},
        {"ITHRU", t->auto_irr_row_target_pct, t->n_auto_irr_rows, no_lines, t->line_controls},
        {"IRAMT", t->auto_irr_row_amount_mm, t->n_auto_irr_rows, no_lines, t->line_controls},
        {"IREFF", t->auto_irr_row_efficiency, t->n_auto_irr_rows, no_lines, t->line_controls},
        {"AVWAT", t->auto_irr_row_water_mm, t->n_auto_irr_rows, no_lines, t->line_controls},
        {"YCRD", &t->latitude_deg, 1, NULL, t->line_field},
        {"XCRD", &t->longitude_deg, 1, NULL, t->line_field},
        {"ELEV", &t->elevation_m, 1, NULL, t->line_field},
        {"SLDP", &t->soil_depth_cm, 1, NULL, t->line_field},
        {"ICWD", &t->ic_water_table_cm, 1, NULL, t->line_initial},
        {"ICRN", &t->ic_rhizobia_number, 1, NULL, t->line_initial},
        {"ICRE", &t->ic_rhizobia_effect, 1, NULL, t->line_initial},
        {"PLRD", &t->row_direction_deg, 1, NULL, t->line_planting},
    };
    for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++)
        for (int32_t i = 0; i < cols[k].n; i++) {
            if (!isinf(cols[k].v[i]))
                continue;
            const long line = cols[k].lines && cols[k].lines[i] > 0 ? cols[k].lines[i]
                              : cols[k].level_line > 0                ? cols[k].level_line
                                                                      : t->line;
            /* filled in code, or rows without lines of their own: the row's index */
            if (cols[k].lines && cols[k].lines[i] <= 0)
                return agro_fail(ctx, AGRO_ERANGE, xname, line, cols[k].name,
                                 "row %d: infinite value (%g): a missing value is NaN (-99)",
                                 (int)i + 1, cols[k].v[i]);
            return agro_fail(ctx, AGRO_ERANGE, xname, line, cols[k].name,
                             "infinite value (%g): a missing value is NaN (-99)", cols[k].v[i]);
        }
    /* a modification's value is read only where its code says how (ENV_* code 0: none) */
    for (int32_t i = 0; i < t->n_envmods; i++)
        for (int v = 0; v < AGRO_DSSAT_ENV_N; v++) {
            static const char *const env_names[AGRO_DSSAT_ENV_N] = {
                "EDAY", "ERAD", "EMAX", "EMIN", "ERAIN", "ECO2", "EDEW", "EWIND"};
            if (t->env_code[i][v] == 0 || !isinf(t->env_value[i][v]))
                continue;
            const long line = t->line_envmod[i] > 0 ? t->line_envmod[i] : t->line;
            return agro_fail(ctx, AGRO_ERANGE, xname, line, env_names[v],
                             "environment modification row %d: infinite value (%g)", (int)i + 1,
                             t->env_value[i][v]);
        }
    return AGRO_OK;
}

/* The IC layers' bottoms must be finite and increase (the X-file reader refuses others; a
 * struct filled in code gave a NaN or unordered one to LMATCH, which mapped it oddly: finite
 * results, closed balances, initial water and N from the wrong depths) */
static int check_ic_depths(agro_ctx *ctx, const agro_dssat_treatment *t, const char *xname)
{
    double top = 0.0;
    for (int32_t i = 0; i < t->ic_n_layers; i++) {
        const double bot = t->ic_depth_cm[i];
        if (isfinite(bot) && bot > top) {
            top = bot;
            continue;
        }
        const long line = t->line_ic[i] > 0 ? t->line_ic[i] : t->line_initial > 0 ? t->line_initial : t->line;
        return agro_fail(ctx, AGRO_ERANGE, xname, line, "ICBL",
                         "initial-condition row %d: layer bottom %g cm must be finite and below "
                         "the row above (%g cm)", (int)i + 1, bot, top);
    }
    return AGRO_OK;
}

static int add_event(agro_ctx *ctx, agro_season_spec *s, const char *xname, long line,
                     const agro_event *e)
{
    if (s->n_events >= AGRO_SEASON_MAX_EVENTS)
        return agro_fail(ctx, AGRO_ELIMIT, xname, line, NULL,
                         "the treatment needs more than %d management events",
                         AGRO_SEASON_MAX_EVENTS);
    /* the field's checks of the event's values (agro_event_check), here where the X file's
       line and the kind of row are known: agro_season_run's schedule would name the event
       by its index among the treatment's events, which the X file does not show */
    int rc = agro_event_check(ctx, e);
    if (rc) {
        static const char *const kind[] = {"event",   "planting",         "fertiliser",
                                           "irrigation", "weeding",       "harvest",
                                           "weeds",   "residue",          "initial roots",
                                           "damage",  "tillage"};
        const char *k = e->type >= 0 && e->type < (int32_t)(sizeof kind / sizeof kind[0])
                            ? kind[e->type]
                            : kind[0];
        char at[600], pre[640];
        if (xname && line > 0)
            snprintf(at, sizeof at, "%s:%ld: ", xname, line);
        else
            snprintf(at, sizeof at, "%s%s", xname ? xname : "", xname ? ": " : "");
        if (e->timing == AGRO_TIMING_AFTER_SOWING)
            snprintf(pre, sizeof pre, "%s%s %d days after planting", at, k,
                     (int)e->days_after_sowing);
        else
            snprintf(pre, sizeof pre, "%s%s on %04d-%03d", at, k, (int)e->year, (int)e->doy);
        agro_fail_prefix(ctx, pre);
        return rc;
    }
    s->events[s->n_events++] = *e;
    return AGRO_OK;
}

/* the X-file line of an event row, the treatment's line when the caller filled the struct
   without row lines */
static long row_line(const agro_dssat_treatment *t, int32_t line)
{
    return line > 0 ? line : t->line;
}

static agro_event event_at(int32_t type, int32_t yd)
{
    agro_event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    e.year = yd_year(yd);
    e.doy = yd_doy(yd);
    e.canopy = AGRO_CANOPY_CROP;
    return e;
}

double agro_dssat_irrigation_efficiency(const agro_dssat_treatment *t, int32_t row)
{
    const int m = t->irrig_mode;
    /* P and W keep the first row's IREFF (IRRIG.for INIT); A, F, E, T the row's own */
    const int k = (m == 'P' || m == 'W') ? 0 : row;
    const double ireff = k <= 0 ? t->auto_irr_efficiency
                         : k < AGRO_DSSAT_MAX_AUTO_IRR_ROWS ? t->auto_irr_row_efficiency[k]
                                                            : NAN;
    /* R and D: EFIR, 1 when missing (IPIRR: EFFIRX <= 0 is 1; IRRIG.for takes IREFF only
       for A, F, P, W, E, T) */
    if (m == 'R' || m == 'D')
        return isfinite(t->irr_efficiency) && t->irr_efficiency > 0 ? t->irr_efficiency : 1.0;
    return isfinite(ireff) && ireff > 0 ? ireff : 1.0;
}

/* An event of an X-file option: on the date @p day, or with option 'D' @p day days after the
 * actual planting (DSSAT Fert_Place.for and IRRIG.for compare it with DAP; 0 is the planting
 * day). The date of an event after planting is the planting date @p plant_yd, for reading. */
static agro_event event_by_option(int32_t type, int32_t mode, int32_t day, int32_t plant_yd)
{
    if (mode != 'D')
        return event_at(type, day);
    agro_event e = event_at(type, plant_yd);
    e.timing = AGRO_TIMING_AFTER_SOWING;
    e.days_after_sowing = day;
    return e;
}

/* Row spacing, cm: PLRS, or where it is missing or not positive IPPLNT_Inp's 100/√PLTPOP, a
 * square planting (DSSAT warns "Missing row spacing in experiment file"; the CLI notes it);
 * PLTPOP is PPOE, else PPOP. 0 when the population is missing too. */
static double row_spacing_cm(const agro_dssat_treatment *t)
{
    if (isfinite(t->row_spacing_cm) && t->row_spacing_cm > 0)
        return t->row_spacing_cm;
    double pop = t->plants_emerged_m2;
    if (!isfinite(pop) || pop <= 0)
        pop = t->plants_sown_m2;
    return isfinite(pop) && pop > 0 ? 100.0 / sqrt(pop) : 0.0;
}

/* Is the event of option @p mode dated @p day (YEARDOY) before the simulation start? Under R
 * the reader refuses it, as IPMAN stops (agro_dssat_treatment_get); under P and W (irrigation
 * on the reported dates, then automatic) IPIRR lets it pass and DSSAT never reaches that day,
 * so it is dropped. Events after planting (D) never are. */
static int before_start(int32_t mode, int32_t start, int32_t day)
{
    return mode != 'D' && yd_diff(start, day) < 0;
}

/*
 * Fertiliser placement after DSSAT Fert_Place.for (FertLayers, FertApply; 0b26a04): each method
 * has a mixing efficiency FMIXEFF, the share worked into the soil (Buresh et al.): 0 for AP001,
 * AP003 and AP011, 0.15, 0.30, 0.45, 0.60, 0.75, 0.90, 0.92, 0.95 for AP012–AP019, 1 for the
 * others. On a field without flood the rest, 1 − FMIXEFF, stays on the surface: in the top
 * layer and in the oxidised layer where NH3 volatilises (ADDOX*, UNINCO, OXLAYER.for). The
 * worked-in share goes, for AP002, AP004 and AP012–AP018, over 0..FDEP in proportion to the
 * layer thickness covered (PROF), reshaped when FMIXEFF < 0.95 and more than one layer is
 * covered; for AP005 (fertigation) to the layer containing FDEP; for AP007–AP009, AP019, AP020
 * to that layer but at least the second. A missing or unknown method is AP001 (IPFERT); AP006
 * and AP010 add nothing.
 */
static int add_fertiliser(agro_ctx *ctx, agro_season_spec *s, const agro_dssat_treatment *t,
                          int i, const agro_soil_profile *soil, int32_t plant_yd,
                          const char *xname)
{
    double n_kg = t->fert_n_kg_ha[i];
    if (!isfinite(n_kg) || n_kg < 0)
        n_kg = 0;
    /* FAMP, kg elemental P/ha, as given (DSSAT Fert_Place.for); simulated with PHOSP */
    double p_kg = t->fert_p_kg_ha[i];
    if (!isfinite(p_kg) || p_kg < 0)
        p_kg = 0;
    /* DSSAT counts a fertiliser day (FERTDAY: FertLayers places it, UNINCO, LFD10 in SoilNi) and
       takes its material as FERTYPE when the row brings N, P or K that its material carries
       (Fert_Place.for 0b26a04: FERNIT, FERPHOS or FERPOT above 1E-3; FertType_mod.for HASP,
       HASK from FERCH048, whatever the P and K switches): a row of K, or of P without the P
       model, is still such a day, with no N or P to place */
    int has_p, has_k;
    agro_dssat_fertiliser_carries(t->fert_material[i], &has_p, &has_k);
    const double k_kg = t->fert_k_kg_ha[i];
    const int fert_day = n_kg > 1e-3 || (has_p && p_kg > 1e-3) || (has_k && isfinite(k_kg) && k_kg > 1e-3);
    if (!fert_day)
        return AGRO_OK; /* nothing DSSAT would place */
    if (!s->options.phosphorus_limited)
        p_kg = 0;
    else if (p_kg > 0 && !has_p)
        return agro_fail(ctx, AGRO_ERANGE, xname, row_line(t, t->line_fertiliser[i]), "FAMP",
                         "material FE%03d carries no P but FAMP is %g kg/ha (treatment %d)",
                         (int)t->fert_material[i], p_kg, (int)t->number);
    double nh4_fraction = 0, urea_fraction = 0;
    if (n_kg > 0) {
        agro_dssat_fertiliser_n comp;
        if (agro_dssat_fertiliser_composition(t->fert_material[i], &comp))
            return agro_fail(ctx, AGRO_ENOTFOUND, xname, row_line(t, t->line_fertiliser[i]), "FMCD",
                             "fertiliser material FE%03d has no N composition in FERCH048 "
                             "(treatment %d)", (int)t->fert_material[i], (int)t->number);
        double total = comp.no3_fraction + comp.nh4_fraction + comp.urea_fraction;
        if (total <= 0)
            return agro_fail(ctx, AGRO_ERANGE, xname, row_line(t, t->line_fertiliser[i]), "FAMN",
                             "material FE%03d carries no N but FAMN is %g kg/ha (treatment %d)",
                             (int)t->fert_material[i], n_kg, (int)t->number);
        /* NH4, urea and (the rest) NO3 shares of the material's N (DSSAT Fert_Place.for
         * ADDSNH4, ADDUREA, ADDSNO3); the urea hydrolyses to NH4 in the soil (SOILNI.for) */
        nh4_fraction = comp.nh4_fraction / total;
        urea_fraction = comp.urea_fraction / total;
    }
    double depth = t->fert_depth_cm[i];
    if (!isfinite(depth) || depth < 0)
        depth = 0;
    int m = t->fert_method[i];
    /* IPFERT (IPMAN.for): FACD missing or outside AP001-AP020 is AP001 */
    if (m < 1 || m > 20)
        m = 1;
    /* FMIXEFF by method (Fert_Place.for FertLayers FME, "mixing efficiency based on Buresh
       et al."): AP011–AP020 take FME(METFER − 10) */
    static const double fme_flood[10] = {0.0, 0.15, 0.30, 0.45, 0.60, 0.75, 0.90, 0.92, 0.95, 1.0};
    const double fme = (m == 1 || m == 3) ? 0.0 : (m >= 11 ? fme_flood[m - 11] : 1.0);
    enum { SURFACE, SPREAD, POINT } mode;
    if (m == 1 || m == 3 || m == 11)
        mode = SURFACE;
    else if (m == 2 || m == 4 || (m >= 12 && m <= 18))
        mode = SPREAD;
    else
        mode = POINT; /* 5, 7-9, 19, 20 */
    agro_event e = event_by_option(AGRO_EVENT_FERTILISE, t->fert_mode, t->fert_date[i], plant_yd);
    e.nh4_fraction = nh4_fraction;
    e.urea_fraction = urea_fraction;
    /* the FERCH048 material (DSSAT FERTYPE: the oxidised layer's pH shift) */
    e.fert_material = t->fert_material[i] >= 0 && t->fert_material[i] <= 999 ? t->fert_material[i] : 0;
    /* AP006 and AP010: FertLayers' CASE DEFAULT leaves FMIXEFF 1 and every PROF 0, so FertApply
       places nothing, yet the day is a fertiliser day (FERTDAY, FERTYPE): one event without N
       or P, worked in (no oxidised layer) */
    if (m == 6 || m == 10) {
        e.depth_cm = 0;
        e.incorporated = 1;
        return add_event(ctx, s, xname, row_line(t, t->line_fertiliser[i]), &e);
    }
    /* banded methods (AP003, AP004, AP018) put their P in the root zone of a band 5 cm wide
       per row (DSSAT Fert_Place.for AppType BANDED; RootSoilVol.for: 0.05 m/ROWSPC) */
    if ((m == 3 || m == 4 || m == 18) && p_kg > 0) {
        const double row_m = row_spacing_cm(t) / 100.0;
        /* (no row spacing: 0.05, as RootSoilVol; a band as wide as the rows: the layer) */
        e.p_band_fraction = row_m <= 0.0 ? 0.05 : (row_m > 0.05 ? 0.05 / row_m : 1.0);
    }
    /* the surface share, 1 − FMIXEFF, of the N and P: top layer and oxidised layer, not
       incorporated (FertApply: ADDF* = FER*·(1 − FMIXEFF), moved to ADDOX* and ADDS*(1)
       without flood; FertLayers: UNINCO once FMIXEFF < 0.98) */
    if (fme < 1.0) {
        agro_event sfc = e;
        sfc.amount = n_kg * (1.0 - fme);
        sfc.p_kg_ha = p_kg * (1.0 - fme);
        sfc.depth_cm = 0;
        sfc.incorporated = 0;
        int rc = add_event(ctx, s, xname, row_line(t, t->line_fertiliser[i]), &sfc);
        if (rc || mode == SURFACE)
            return rc;
    }
    /* the soil share FMIXEFF·PROF(L) per layer; incorporated */
    e.incorporated = 1;
    const double n_soil = n_kg * fme, p_soil = p_kg * fme;
    const int nl = soil->n_layers;
    if (mode == POINT) {
        double d = depth > 0 ? depth : 0;
        /* IDLAYR: the layer whose bottom is at or below FDEP (the last below the profile);
           DSSAT forces deep placement below the first layer */
        if (m != 5 && nl > 1 && d <= soil->depth_cm[0])
            d = 0.5 * (soil->depth_cm[0] + soil->depth_cm[1]);
        e.amount = n_soil;
        e.p_kg_ha = p_soil;
        e.depth_cm = d;
        return add_event(ctx, s, xname, row_line(t, t->line_fertiliser[i]), &e);
    }
    /* spread over the layers covering 0..FDEP: PROF(L) = thickness covered / FDEP, all in the
       top layer when FDEP lies in it (FertLayers KMAX = IDLAYR(FDEP)); each layer's part is
       one event at the mid-depth of the covered part */
    double prof[AGRO_SOIL_MAX_LAYERS] = {0}, mid[AGRO_SOIL_MAX_LAYERS] = {0};
    int kmax = 1;
    prof[0] = 1.0;
    if (depth > 0) {
        double top = 0;
        kmax = 0;
        for (int L = 0; L < nl && top < depth; L++) {
            double bot = soil->depth_cm[L];
            double b = bot < depth ? bot : depth;
            prof[L] = (b - top) / depth;
            mid[L] = 0.5 * (top + b);
            kmax = L + 1;
            top = bot;
        }
        /* fertiliser below the profile bottom: the rest in the last layer (agrosim; DSSAT's
           PROF leaves it out of the soil) */
        if (top < depth) {
            prof[nl - 1] += (depth - top) / depth;
            mid[nl - 1] = soil->depth_cm[nl - 1];
        }
    }
    /* partly mixed (FMIXEFF < 0.95) over more than one layer: 1.2 × the top layer's share
       (unless that reaches 1), the rest in the second and third layers as FertLayers
       rearranges it; nothing deeper */
    if (kmax > 1 && fme < 0.95) {
        if (prof[0] * 1.2 < 1.0)
            prof[0] *= 1.2;
        prof[1] = 1.0 - prof[0];
        if (kmax > 2) {
            double p3 = prof[1] - prof[2];
            prof[2] = p3 > 0.0 ? p3 : 0.0;
            prof[1] -= prof[2];
        }
        for (int L = 3; L < kmax; L++)
            prof[L] = 0.0;
    }
    for (int L = 0; L < nl; L++) {
        if (!(prof[L] > 0))
            continue;
        agro_event p = e;
        p.amount = n_soil * prof[L];
        p.p_kg_ha = p_soil * prof[L];
        p.depth_cm = mid[L];
        int rc = add_event(ctx, s, xname, row_line(t, t->line_fertiliser[i]), &p);
        if (rc)
            return rc;
    }
    return AGRO_OK;
}

int agro_dssat_season_spec(agro_ctx *ctx, const agro_dssat_treatment *t,
                           const agro_soil_profile *soil, const agro_maize_cultivar *cultivar,
                           const agro_dssat_site *site, const char *xname,
                           agro_season_spec *s)
{
    if (!t || !soil || !cultivar || !site || !s)
        return agro_fail(ctx, AGRO_EINVAL, xname, 0, NULL, "NULL argument");
    if (soil->n_layers < 1 || soil->n_layers > AGRO_SOIL_MAX_LAYERS)
        return agro_fail(ctx, AGRO_EINVAL, xname, t->line, "ID_SOIL",
                         "soil profile has %d layers", (int)soil->n_layers);
    /* the row counts index the treatment's arrays (a caller may have filled the struct) */
    const struct { int32_t n, max; const char *name; } counts[] = {
        {t->ic_n_layers, AGRO_DSSAT_MAX_LAYERS, "ic_n_layers"},
        {t->n_irrigations, AGRO_DSSAT_MAX_IRRIGATIONS, "n_irrigations"},
        {t->n_fertilisers, AGRO_DSSAT_MAX_FERTILISERS, "n_fertilisers"},
        {t->n_residues, AGRO_DSSAT_MAX_RESIDUES, "n_residues"},
        {t->n_harvests, AGRO_DSSAT_MAX_HARVESTS, "n_harvests"},
        {t->n_envmods, AGRO_DSSAT_MAX_ENVMODS, "n_envmods"},
        {t->n_auto_irr_rows, AGRO_DSSAT_MAX_AUTO_IRR_ROWS, "n_auto_irr_rows"},
        {t->n_tillage, AGRO_DSSAT_MAX_TILLAGE, "n_tillage"},
    };
    for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++)
        if (counts[k].n < 0 || counts[k].n > counts[k].max)
            return agro_fail(ctx, AGRO_ERANGE, xname, t->line, counts[k].name, "value %d outside [0, %d]",
                             (int)counts[k].n, (int)counts[k].max);
    int rc;
    if ((rc = refuse_infinite(ctx, t, xname)) || (rc = check_ic_depths(ctx, t, xname)))
        return rc;
    rc = agro_season_spec_init(s);
    if (rc)
        return agro_fail(ctx, rc, xname, 0, NULL, "cannot initialise the season");
    s->soil = *soil;
    s->cultivar = *cultivar;

    /* ---- planting ---- */
    long pline = t->line_planting ? t->line_planting : t->line;
    const int automatic = t->plant_mode == 'A' || t->plant_mode == 'F';
    if (t->plant_mode != 'R' && t->plant_mode != 0 && !automatic)
        return agro_fail(ctx, AGRO_ERANGE, xname, t->line_controls, "PLANT",
                         "planting option '%c' is not supported (R reported date, A automatic, "
                         "F automatic forced)",
                         (char)t->plant_mode);
    /* automatic planting (AUTPLT.for): the window PFRST..PLAST opens with the SOW event */
    int32_t plant_date = automatic ? t->plant_first : t->plant_date;
    if (t->levels[4] == 0 || (!automatic && t->plant_date == 0))
        return agro_fail(ctx, AGRO_EMISSING, xname, t->line, "MP",
                         "treatment %d has no planting (fallow treatments are not simulated)",
                         (int)t->number);
    if (!automatic && (rc = check_yeardoy(ctx, xname, pline, "PDATE", t->plant_date, "planting date")))
        return rc;
    if (t->start_date &&
        (rc = check_yeardoy(ctx, xname, t->line_controls ? t->line_controls : t->line, "SDATE",
                            t->start_date, "simulation start")))
        return rc;
    if (automatic) {
        if (t->plant_first != 0 && t->plant_last != 0 &&
            ((rc = check_yeardoy(ctx, xname, t->line_controls ? t->line_controls : t->line,
                                 "PFRST", t->plant_first, "first day of the planting window")) ||
             (rc = check_yeardoy(ctx, xname, t->line_controls ? t->line_controls : t->line,
                                 "PLAST", t->plant_last, "last day of the planting window"))))
            return rc;
        if (t->plant_first == 0 || t->plant_last == 0 || yd_diff(t->plant_first, t->plant_last) < 0)
            return agro_fail(ctx, AGRO_EMISSING, xname, t->line_controls,
                             t->plant_first == 0 ? "PFRST" : "PLAST",
                             "automatic planting (PLANT %c) needs a window PFRST %d .. PLAST %d",
                             (char)t->plant_mode, (int)t->plant_first, (int)t->plant_last);
        const struct {
            const char *name;
            double v;
        } c[] = {{"PH2OL", t->plant_h2o_low_pct}, {"PH2OU", t->plant_h2o_high_pct},
                 {"PH2OD", t->plant_h2o_depth_cm}, {"PSTMX", t->plant_tmax_C},
                 {"PSTMN", t->plant_tmin_C}};
        for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
            if (!isfinite(c[i].v))
                return agro_fail(ctx, AGRO_EMISSING, xname, t->line_controls, c[i].name,
                                 "automatic planting (PLANT %c) needs %s", (char)t->plant_mode,
                                 c[i].name);
        agro_sowing_window *w = &s->sowing_window;
        w->enabled = 1;
        w->forced = t->plant_mode == 'F';
        w->last_year = yd_year(t->plant_last);
        w->last_doy = yd_doy(t->plant_last);
        w->sw_min_pct = t->plant_h2o_low_pct;
        w->sw_max_pct = t->plant_h2o_high_pct;
        w->sw_depth_cm = t->plant_h2o_depth_cm;
        w->tsoil_min_C = t->plant_tmin_C;
        w->tsoil_max_C = t->plant_tmax_C;
    }
    double density = t->plants_emerged_m2;
    if (!isfinite(density) || density <= 0)
        density = t->plants_sown_m2;
    if (!isfinite(density) || density <= 0)
        return agro_fail(ctx, AGRO_EMISSING, xname, pline, "PPOE",
                         "plant population missing (PPOE and PPOP are -99)");
    if (!isfinite(t->sowing_depth_cm) || t->sowing_depth_cm <= 0)
        return agro_fail(ctx, AGRO_EMISSING, xname, pline, "PLDP", "sowing depth missing");
    /* IPPLNT_Inp stops on SDEPTH > 100 cm and on a PLME outside T S P N R C B H I V */
    if (t->sowing_depth_cm > 100)
        return agro_fail(ctx, AGRO_ERANGE, xname, pline, "PLDP",
                         "sowing depth %g cm is deeper than DSSAT's 100 cm", t->sowing_depth_cm);
    if (t->plant_method <= 0 || t->plant_method > 127 || !strchr("TSPNRCBHIV", (int)t->plant_method))
        return agro_fail(ctx, AGRO_EFORMAT, xname, pline, "PLME",
                         "planting method must be one of DSSAT's T, S, P, N, R, C, B, H, I, V");

    /* ---- start and end ---- */
    int32_t start = t->start_date ? t->start_date : plant_date;
    /* AUTPLT tests the window from the first simulated day: a window opening before the
       start opens with it */
    if (automatic && yd_diff(start, plant_date) < 0 && yd_diff(start, t->plant_last) >= 0)
        plant_date = start;
    if (yd_diff(start, plant_date) < 0)
        return agro_fail(ctx, AGRO_EORDER, xname, t->line_controls, "SDATE",
                         automatic ? "simulation start %d is after the planting window closes (%d)"
                                   : "simulation start %d is after planting %d",
                         (int)start, (int)(automatic ? t->plant_last : plant_date));
    s->start_year = yd_year(start);
    s->start_doy = yd_doy(start);
    /* DSSAT ends a season at harvest (maturity under HARVS M and A). HLAST is read only
     * under A (IPEXP sets HLATE to -99 otherwise), and even there no harvest comes before
     * maturity (AUTHAR.for); a year after planting bounds the run, or the day after HLAST
     * where that is later */
    int32_t end = yd_add(automatic ? t->plant_last : plant_date, 365);
    if (t->harvest_mode == 'A' && t->harvest_last > 0 &&
        (rc = check_yeardoy(ctx, xname, t->line_controls ? t->line_controls : t->line, "HLAST",
                            t->harvest_last, "last harvest day")))
        return rc;
    if (t->harvest_mode == 'A' && t->harvest_last > 0 && yd_diff(end, t->harvest_last) >= 0)
        end = yd_add(t->harvest_last, 1);
    s->end_year = yd_year(end);
    s->end_doy = yd_doy(end);
    s->days_after_maturity = 0;
    /* the last day an event timed after planting can fall on: planting as early as it can */
    const int32_t max_dap = yd_diff(plant_date, end);

    /* ---- options ---- */
    agro_field_options *o = &s->options;
    o->latitude_deg = isfinite(site->latitude_deg) ? site->latitude_deg : t->latitude_deg;
    if (!isfinite(o->latitude_deg))
        return agro_fail(ctx, AGRO_EMISSING, xname, t->line_field, "YCRD",
                         "no latitude: neither the weather file nor the field gives one");
    if (isfinite(site->co2_ppm))
        o->co2_ppm = site->co2_ppm;
    else if (t->co2_option == 'D')
        o->co2_ppm = 380.0; /* CO2BAS of DSSAT CO2048.WDA, the 'D' (default) option */
    else /* M: the record in force on the start day, CO2VAL's SEASINIT value; the runner
            follows the records day by day (agro_dssat_co2_ppm_on) */
        o->co2_ppm = agro_dssat_co2_ppm_on(yd_year(start), yd_doy(start));
    if (isfinite(site->tav_C))
        o->tav_C = site->tav_C;
    if (isfinite(site->amp_C))
        o->amp_C = site->amp_C;
    if (isfinite(site->wind_height_m) && site->wind_height_m > 0.0)
        o->wind_height_m = site->wind_height_m;
    o->water_limited = t->water != 'N';
    /* METMP: E is DSSAT-CSM's EPIC soil temperature (STEMP_EPIC); every other letter is STEMP
       (IPSIM makes it D) */
    o->soil_temp_method = t->temp_method == 'E' ? AGRO_SOIL_TEMP_EPIC : AGRO_SOIL_TEMP_STEMP;
    /* MESEV = S (Suleiman–Ritchie, DSSAT 4.8's default) is flagged, not followed: the runner
       keeps the field's Ritchie evaporation (agro_dssat_treatment.ignored, docs/model.md §9.1) */
    o->nitrogen_limited = t->nitrogen != 'N';
    /* PHOSP = Y (or H, read from the soil-test P): soil and crop P; DSSAT simulates P only
       with water and N on (IPIBS.for) */
    o->phosphorus_limited = (t->phosphorus == 'Y' || t->phosphorus == 'H') && t->water != 'N' &&
                            t->nitrogen != 'N';
    o->weeds_limited = 0;
    /* residue of the previous crop (ICRES): ICRIP % incorporated to ICRID, the rest left on
       the surface; no incorporation without a depth (DSSAT SoilOrg_init.for) */
    double surf = 0, ic_inc_kg = 0;
    if (isfinite(t->ic_residue_kg_ha) && t->ic_residue_kg_ha > 1e-3) { /* SoilOrg_init.for */
        /* ICRIP missing: 100 % with N simulated (DSSAT IPSLIN), none without a depth */
        double ricrip = t->ic_residue_incorporation_pct;
        if (!(isfinite(ricrip) && ricrip >= 0.0)) ricrip = t->nitrogen != 'N' ? 100.0 : 0.0;
        double inc = ricrip >= 0.01 && isfinite(t->ic_residue_depth_cm) && t->ic_residue_depth_cm >= 0.01
                         ? ricrip / 100.0
                         : 0.0;
        if (inc > 1)
            inc = 1;
        ic_inc_kg = t->ic_residue_kg_ha * inc;
        surf = t->ic_residue_kg_ha - ic_inc_kg;
    }
    /* MESOM = P: the DSSAT-CENTURY organic matter; its surface residue decomposes, so the
       initial surface residue is an event (below), and its mulch the cover */
    const int century = t->som_method == 'P';
    o->soil_om_method = century ? AGRO_SOIL_OM_CENTURY : AGRO_SOIL_OM_CERES;
    /* a treatment that tills (CERES): the surface residue as an initial event too, so that
       the mulch carries its N and P for the incorporation (SoilOrg.for MULCHN, MULCHP) */
    const int till_mulch = !century && agro_dssat_treatment_tills(t) && t->n_tillage > 0;
    o->residue_kg_ha = century || till_mulch ? 0.0 : surf;
    o->field_history = century ? t->field_history : AGRO_FIELD_HISTORY_NONE;
    o->field_history_years = century ? t->field_history_years : 0;
    o->previous_crop_grass = century && t->ic_previous_grass;
    o->cover = surf > 0 ? AGRO_COVER_RESIDUE : AGRO_COVER_BARE;
    /* INFIL R, S, M: the surface mulch acts (DSSAT-CSM 4.8 MULCHWAT, MULCH_EVAP, RNOFF); the
       initial residue is the previous crop's, RE001 without one (SoilOrg_init.for) */
    o->mulch_effects = t->infil_method == 'R' || t->infil_method == 'S' || t->infil_method == 'M';
    o->residue_area_cm2_g = isfinite(t->ic_residue_area_cm2_g) ? t->ic_residue_area_cm2_g : 0.0;
    o->residue_extinction = isfinite(t->ic_residue_extinction) ? t->ic_residue_extinction : 0.0;
    o->residue_water_kg_kg = isfinite(t->ic_residue_water_kg_kg) ? t->ic_residue_water_kg_kg : 0.0;

    /* initial water and mineral N per soil layer */
    if (t->ic_n_layers > 0) {
        double top = 0;
        for (int L = 0; L < soil->n_layers; L++) {
            double bot = soil->depth_cm[L];
            double sw = ic_layer_mean(t, t->ic_sw, top, bot);
            const double nh4 = ic_layer_mean(t, t->ic_nh4_ppm, top, bot);
            const double no3 = ic_layer_mean(t, t->ic_no3_ppm, top, bot);
            if ((t->water != 'N' && (rc = ic_limit(ctx, t, soil, xname, L, top, sw, t->ic_sw,
                                                   0.75, "SH2O", "initial water", "cm3/cm3"))) ||
                (t->nitrogen != 'N' &&
                 ((rc = ic_limit(ctx, t, soil, xname, L, top, nh4, t->ic_nh4_ppm, 100.0, "SNH4",
                                 "initial NH4", "ppm")) ||
                  (rc = ic_limit(ctx, t, soil, xname, L, top, no3, t->ic_no3_ppm, 100.0, "SNO3",
                                 "initial NO3", "ppm")))))
                return rc;
            if (isfinite(sw)) {
                /* water above saturation cannot be held; below 0 is impossible */
                if (sw > soil->sat[L])
                    sw = soil->sat[L];
                if (sw < 0)
                    sw = 0;
            }
            /* missing water is DUL (IPSLIN); below LL it is raised to LL, in layer 1 only to
               air dry, 0.30·LL (IPWBAL, WBSUBS.for) */
            if (!isfinite(sw))
                sw = soil->dul[L];
            const double floor = L == 0 ? 0.30 * soil->ll[L] : soil->ll[L];
            if (sw < floor)
                sw = floor;
            o->sw[L] = sw;
            o->no3_ppm[L] = no3;
            o->nh4_ppm[L] = nh4;
            /* missing (or negative) mineral N is 0.01 ppm when N is simulated (IPSLIN) */
            if (t->nitrogen != 'N') {
                if (!(o->no3_ppm[L] >= 0))
                    o->no3_ppm[L] = 0.01;
                if (!(o->nh4_ppm[L] >= 0))
                    o->nh4_ppm[L] = 0.01;
            }
            top = bot;
        }
    } else if (t->nitrogen != 'N') {
        /* no IC layers: water at DUL (the field's default, INSOIL); mineral N 0 without an IC
           level (IPSLIN returns -99, INSOIL sets what is not positive to 0), 0.01 ppm when the
           level has no layer rows (IPSLIN's bounds on the unmatched layers) */
        const double n0 = t->levels[3] > 0 ? 0.01 : 0.0;
        for (int L = 0; L < soil->n_layers; L++)
            o->no3_ppm[L] = o->nh4_ppm[L] = n0;
    }

    /* ---- events ---- */
    agro_event sow = event_at(AGRO_EVENT_SOW, plant_date);
    sow.density_pl_m2 = density;
    sow.row_spacing_cm = row_spacing_cm(t);
    sow.depth_cm = t->sowing_depth_cm;
    /* EDATE does not set emergence: MZ_PHENOL reads it into YREMRG and overwrites it with -99
     * in the same initialisation ("CHP 5/19/2011"), so DSSAT-CSM 4.8's maize always emerges
     * after P9 °C·d. It only matters with START = E (agro_dssat_treatment.start_mode). */
    if ((rc = add_event(ctx, s, xname, pline, &sow)))
        return rc;

    /* reported irrigation: on dates (R; P and W until their last date, after which the runner
       irrigates automatically) or days after planting (D) */
    const int im = t->irrig_mode;
    if (im == 'R' || im == 'D' || im == 'P' || im == 'W') {
        const double eff = agro_dssat_irrigation_efficiency(t, 0);
        for (int i = 0; i < t->n_irrigations; i++) {
            if (!agro_dssat_irrigation_is_water(t, i))
                continue; /* IR007–IR011: water table, bunds (paddy only) */
            if (im != 'D' && (rc = check_yeardoy(ctx, xname, row_line(t, t->line_irrigation[i]),
                                                 "IDATE", t->irr_date[i], "irrigation date")))
                return rc;
            if (im == 'D' && (rc = check_dap(ctx, xname, row_line(t, t->line_irrigation[i]), "IDATE",
                                             t->irr_date[i], max_dap, "irrigation")))
                return rc;
            if (before_start(im, start, t->irr_date[i]))
                continue;
            /* a row after a later-dated one (R, D), or after the last row's date (P, W):
               IRRIG.for's scan never reaches it (AGRO_DSSAT_IGNORED_UNORDERED_ROWS) */
            if (!agro_dssat_row_reached(t, 'I', i))
                continue;
            agro_event e = event_by_option(AGRO_EVENT_IRRIGATE, im, t->irr_date[i], plant_date);
            e.amount = t->irr_value_mm[i] * eff; /* effective amount, DSSAT IRRIG.for */
            if ((rc = add_event(ctx, s, xname, row_line(t, t->line_irrigation[i]), &e)))
                return rc;
        }
    } else if (im != 'N' && im != 'A' && im != 'F' && im != 'E' && im != 'T' && im != 0) {
        return agro_fail(ctx, AGRO_ERANGE, xname, t->line_controls, "IRRIG",
                         "irrigation option '%c' is not supported (R, D, A, F, E, T, P, W or N)",
                         (char)im);
    }

    if (t->fert_mode == 'R' || t->fert_mode == 'D') {
        for (int i = 0; i < t->n_fertilisers; i++) {
            if (t->fert_mode != 'D' &&
                (rc = check_yeardoy(ctx, xname, row_line(t, t->line_fertiliser[i]), "FDATE",
                                    t->fert_date[i], "fertiliser date")))
                return rc;
            if (t->fert_mode == 'D' &&
                (rc = check_dap(ctx, xname, row_line(t, t->line_fertiliser[i]), "FDATE",
                                t->fert_date[i], max_dap, "fertiliser")))
                return rc;
            if (before_start(t->fert_mode, start, t->fert_date[i]))
                continue;
            /* Fert_Place.for's scan stops at the first row dated after the day */
            if (!agro_dssat_row_reached(t, 'F', i))
                continue;
            if ((rc = add_fertiliser(ctx, s, t, i, soil, plant_date, xname)))
                return rc;
        }
    } else if (t->fert_mode != 'N' && t->fert_mode != 'A' && t->fert_mode != 'F' &&
               t->fert_mode != 0) {
        /* A and F: DSSAT 4.8 applies nothing (AGRO_DSSAT_IGNORED_AUTO_FERTILISER) */
        return agro_fail(ctx, AGRO_ERANGE, xname, t->line_controls, "FERTI",
                         "fertiliser option '%c' is not supported (R, D, A, F or N)",
                         (char)t->fert_mode);
    }

    /* the initial residue's N and P: under CENTURY within 0.8–1.2 of the previous crop's SCN
       and SCP, or those when missing (SoilCNPinit_C), with its root lignin PRLIG for all of it */
    /* CERES (SoilOrg_init.for): ICREN and ICREP as given, 0 when missing (IPSLIN MAX(.., 0);
       the default to the crop's SCN and SCP is commented out there, "chp 5/13/08") */
    double ic_n = isfinite(t->ic_residue_n_pct) && t->ic_residue_n_pct >= 0 ? t->ic_residue_n_pct : 0.0;
    double ic_p = isfinite(t->ic_residue_p_pct) && t->ic_residue_p_pct >= 0 ? t->ic_residue_p_pct : 0.0;
    /* CERES too gives all the initial fresh organic matter (incorporated shoots, roots and
       nodules) the previous crop's PRLIG (SoilOrg_init.for, IPSOIL(CROP=PREV_CROP): RE001's 0.15
       for a crop not in RESCH048.SDA) */
    const double lignin = isfinite(t->ic_lignin_frac) ? t->ic_lignin_frac : 0.0;
    if (century && isfinite(t->ic_shoot_n_pct) && isfinite(t->ic_shoot_p_pct)) {
        const double scn = t->ic_shoot_n_pct, scp = t->ic_shoot_p_pct;
        ic_n = isfinite(t->ic_residue_n_pct) && t->ic_residue_n_pct > 1e-6
                   ? fmin(fmax(t->ic_residue_n_pct, 0.8 * scn), 1.2 * scn)
                   : scn;
        ic_p = isfinite(t->ic_residue_p_pct) && t->ic_residue_p_pct > 1e-6
                   ? fmin(fmax(t->ic_residue_p_pct, 0.8 * scp), 1.2 * scp)
                   : scp;
    }
    /* the surface part under CENTURY (it decomposes there), and the incorporated part: fresh
       organic matter spread to max(ICRID, bottom of layer 1) at the N and P above (DSSAT
       SoilOrg_init.for) */
    const double ic_amount[2] = {century || till_mulch ? surf : 0.0, ic_inc_kg};
    const double ic_depth[2] = {0.0, fmax(t->ic_residue_depth_cm, soil->depth_cm[0])};
    for (int k = 0; k < 2; k++) {
        if (!(ic_amount[k] > 0)) continue;
        agro_event e = event_at(AGRO_EVENT_RESIDUE, start);
        e.amount = ic_amount[k];
        e.depth_cm = ic_depth[k];
        e.n_pct = ic_n;
        e.p_pct = ic_p;
        e.lignin_frac = lignin;
        e.initial = 1;
        if (k == 0) { /* the previous crop's residue as mulch (SoilCNPinit_C.for) */
            e.mulch_area_cm2_g = o->residue_area_cm2_g;
            e.mulch_extinction = o->residue_extinction;
            e.mulch_water_kg_kg = o->residue_water_kg_kg;
        }
        if ((rc = add_event(ctx, s, xname, t->line_initial ? t->line_initial : t->line, &e)))
            return rc;
    }
    /* roots and nodules of the previous crop (ICRT, ICND; negative or missing = 0): fresh
       organic matter over the whole profile, roots at RCN % N and nodules at 0.30/6.25, i.e.
       4.8 % N (DSSAT SoilOrg_init.for) */
    double roots = isfinite(t->ic_root_kg_ha) && t->ic_root_kg_ha > 0 ? t->ic_root_kg_ha : 0.0;
    double nodules =
        isfinite(t->ic_nodule_kg_ha) && t->ic_nodule_kg_ha > 0 ? t->ic_nodule_kg_ha : 0.0;
    if (roots + nodules > 0) {
        double rcn = t->ic_root_n_pct;
        if (roots > 0 && !(isfinite(rcn) && rcn >= 0 && rcn <= 10))
            return agro_fail(ctx, AGRO_ERANGE, xname, t->line_initial, "PCR",
                             "root N content of the previous crop (ic_root_n_pct) must be in "
                             "[0, 10] %% (%g)", rcn);
        double n_kg = (roots > 0 ? roots * rcn / 100.0 : 0.0) + 0.30 / 6.25 * nodules;
        agro_event e = event_at(AGRO_EVENT_ROOT_RESIDUE, start);
        e.amount = roots + nodules;
        e.n_pct = 100.0 * n_kg / (roots + nodules);
        /* roots at RCP % P, nodules at 0.03/6.25 (DSSAT SoilOrg_init.for, SoilCNPinit_C:
           ICRTP = ICRT·RCP/100 + 0.03/6.25·ICNOD) */
        double p_kg = 0.03 / 6.25 * nodules;
        if (roots > 0 && isfinite(t->ic_root_p_pct) && t->ic_root_p_pct > 0)
            p_kg += roots * t->ic_root_p_pct / 100.0;
        e.p_pct = 100.0 * p_kg / (roots + nodules);
        e.lignin_frac = lignin;
        e.initial = 1;
        if ((rc = add_event(ctx, s, xname, t->line_initial ? t->line_initial : t->line, &e)))
            return rc;
    }
    /* residue applications after the previous crop's residues, so that one laid on the first
       day lands on the mulch those start (docs/design/mulch.md §4.3) */
    /* R on dates, D days after planting (OM_Place.for: DAP = RESDAY, 0 the planting day); A is
       flagged (AGRO_DSSAT_IGNORED_AUTO_RESIDUE) */
    if (t->residue_mode == 'R' || t->residue_mode == 'D') {
        const int rmode = t->residue_mode;
        for (int i = 0; i < t->n_residues; i++) {
            double amt = t->res_amount_kg_ha[i];
            if (!isfinite(amt) || amt <= 0)
                continue;
            if (rmode == 'R' &&
                (rc = check_yeardoy(ctx, xname, row_line(t, t->line_residue[i]), "RDATE",
                                    t->res_date[i], "residue date")))
                return rc;
            if (rmode == 'D' &&
                (rc = check_dap(ctx, xname, row_line(t, t->line_residue[i]), "RDATE",
                                t->res_date[i], max_dap, "residue")))
                return rc;
            if (rmode == 'R' && yd_diff(start, t->res_date[i]) < 0)
                continue;
            /* OM_Place.for's scan stops at the first row dated after the day */
            if (!agro_dssat_row_reached(t, 'R', i))
                continue;
            /* DSSAT IPRES (IPMAN.for): RINP missing = 100 % when RDEP is given, else 0 %
               (surface); incorporated residue goes at least 15 cm deep */
            double depth = isfinite(t->res_depth_cm[i]) && t->res_depth_cm[i] > 0
                               ? t->res_depth_cm[i]
                               : 0.0;
            double inc = t->res_incorporation_pct[i];
            if (!isfinite(inc) || inc < 0)
                inc = depth > 0 ? 100.0 : 0.0;
            inc = fmin(inc, 100.0);
            if (inc > 0 && depth < 15.0)
                depth = 15.0;
            /* RESN and RESP missing or 0: SCN and SCP of the residue type, whose PSLIG is its
               lignin (DSSAT OM_Place.for, IPSOIL, RESCH048.SDA) */
            double pslig, scn, scp;
            agro_dssat_residue_type(t->res_material[i], &pslig, &scn, &scp);
            double npct = t->res_n_pct[i];
            if (!isfinite(npct) || npct < 0.001)
                npct = scn;
            double ppct = t->res_p_pct[i];
            if (!isfinite(ppct) || ppct < 0.001)
                ppct = scp;
            double soil_part = amt * inc / 100.0;
            double surface = amt - soil_part;
            if (soil_part > 0) { /* incorporated: fresh organic matter of the soil N model */
                agro_event e = event_by_option(AGRO_EVENT_RESIDUE, rmode, t->res_date[i], plant_date);
                e.amount = soil_part;
                e.depth_cm = depth;
                e.n_pct = npct;
                e.p_pct = ppct;
                /* CENTURY: PSLIG (OM_Place.for ResLig); CERES: the type's PRLIG, 0.10 where
                   RESCH048.SDA has none (SoilOrg.for, IPSOIL(RESTYPE)) */
                e.lignin_frac = century ? pslig : agro_dssat_residue_type_prlig(t->res_material[i]);
                if ((rc = add_event(ctx, s, xname, row_line(t, t->line_residue[i]), &e)))
                    return rc;
            }
            if (surface > 0) { /* surface mulch (CERES: no decomposition until tilled) */
                agro_event e = event_by_option(AGRO_EVENT_RESIDUE, rmode, t->res_date[i], plant_date);
                e.amount = surface;
                e.depth_cm = 0.0;
                agro_dssat_residue_mulch(t->res_material[i], &e.mulch_area_cm2_g,
                                         &e.mulch_extinction, &e.mulch_water_kg_kg);
                e.n_pct = npct;
                e.p_pct = ppct;
                e.lignin_frac = pslig;
                if ((rc = add_event(ctx, s, xname, row_line(t, t->line_residue[i]), &e)))
                    return rc;
            }
        }
    }

    /* tillage passes of the MT level in file order (DSSAT TILLAGE.for), when DSSAT tills: the
       field mixes and incorporates, changes BD, SAT, Ksat and the curve number and recovers
       them with rain, on fixed layers (AGRO_DSSAT_IGNORED_TILLAGE stays set: no moving layers,
       no texture mixing) */
    if (agro_dssat_treatment_tills(t))
        for (int i = 0; i < t->n_tillage; i++) {
            if ((rc = check_yeardoy(ctx, xname, row_line(t, t->line_tillage[i]), "TDATE",
                                    t->till_date[i], "tillage date")))
                return rc;
            agro_event e = event_at(AGRO_EVENT_TILL, t->till_date[i]);
            e.implement = t->till_implement[i];
            e.depth_cm = t->till_depth_cm[i];
            if ((rc = add_event(ctx, s, xname, row_line(t, t->line_tillage[i]), &e)))
                return rc;
        }

    /* DSSAT AUTHAR ends the season on the last reported harvest date, HDATE(NHAR); under R,
       IPHAR skips a row dated before the simulation start */
    int32_t hdate = 0;
    long hline = t->line;
    for (int i = 0; i < t->n_harvests; i++)
        if (t->harvest_mode == 'R' && t->harv_date[i] &&
            (rc = check_yeardoy(ctx, xname, row_line(t, t->line_harvest[i]), "HDATE",
                                t->harv_date[i], "harvest date")))
            return rc;
    for (int i = 0; i < t->n_harvests; i++)
        if (t->harv_date[i] && !(t->harvest_mode == 'R' && yd_diff(start, t->harv_date[i]) < 0)) {
            hdate = t->harv_date[i];
            hline = row_line(t, t->line_harvest[i]);
        }
    /* AUTHAR ends the season on HDATE(NHAR) whatever the crop has done: on or before the
       planting day it ends before the crop grows (as HARVS D on day 0), which agrosim refuses
       rather than let the crop run to maturity */
    if (t->harvest_mode == 'R' && hdate && yd_diff(plant_date, hdate) <= 0)
        return agro_fail(ctx, AGRO_EORDER, xname, hline, "HDATE",
                         "HARVS R: the last harvest date %d is on or before planting %d, which "
                         "ends the season before the crop grows (treatment %d)",
                         (int)hdate, (int)plant_date, (int)t->number);
    if (t->harvest_mode == 'R' && hdate) {
        agro_event e = event_at(AGRO_EVENT_HARVEST, hdate);
        if ((rc = add_event(ctx, s, xname, hline, &e)))
            return rc;
    }
    if (!strchr("MRDAG", (int)t->harvest_mode) || t->harvest_mode == 0)
        return agro_fail(ctx, AGRO_ERANGE, xname, t->line_controls, "HARVS",
                         "harvest option '%c' is not one of DSSAT's M, R, D, A, G",
                         (char)t->harvest_mode);
    if (t->harvest_mode == 'G' &&
        (t->n_harvests == 0 || t->harv_stage[0] < 1 || t->harv_stage[0] > 9))
        return agro_fail(ctx, AGRO_EMISSING, xname,
                         t->n_harvests ? row_line(t, t->line_harvest[0]) : t->line, "HSTG",
                         "HARVS G harvests when the crop leaves the stage of the first harvest "
                         "row: HSTG must be GS001-GS009 (CERES-Maize STGDOY; treatment %d has "
                         "%d)",
                         (int)t->number, t->n_harvests ? (int)t->harv_stage[0] : -1);
    if (t->harvest_mode == 'D') {
        /* DSSAT AUTHAR: harvest when DAP reaches the first HDATE (a harvest on the planting
           day would end the season before the crop grows, so day 0 is an error; DSSAT reads
           a missing one as -99 and harvests on the first day) */
        if (t->n_harvests == 0 || t->harv_date[0] < 0)
            return agro_fail(ctx, AGRO_EMISSING, xname, t->line_controls, "HDATE",
                             "HARVS D needs the days after planting of the harvest (treatment "
                             "%d has none)", (int)t->number);
        if (t->harv_date[0] == 0)
            return agro_fail(ctx, AGRO_ERANGE, xname, row_line(t, t->line_harvest[0]), "HDATE",
                             "HARVS D: a harvest 0 days after planting ends the season before "
                             "the crop grows");
        if ((rc = check_dap(ctx, xname, row_line(t, t->line_harvest[0]), "HDATE", t->harv_date[0],
                            max_dap, "harvest")))
            return rc;
        agro_event e = event_by_option(AGRO_EVENT_HARVEST, 'D', t->harv_date[0], plant_date);
        if ((rc = add_event(ctx, s, xname, row_line(t, t->line_harvest[0]), &e)))
            return rc;
    }
    return AGRO_OK;
}
