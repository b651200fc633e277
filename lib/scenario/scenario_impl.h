/* Private to lib/scenario/: the parsed form of a scenario file and the results store. */
#ifndef AGROSIM_SCENARIO_IMPL_H
#define AGROSIM_SCENARIO_IMPL_H

#include "agrosim/scenario.h"
#include "agrosim/weather.h"
#include "internal/json.h"

#define SC_MAX_FIELDS 16
#define SC_MAX_FACTORS 4
#define SC_MAX_LEVELS 32
#define SC_MAX_COMBOS 256
#define SC_MAX_MEMBERS 1000
#define SC_MAX_SEASONS 1000
#define SC_MAX_EVENTS 48
#define SC_MAX_COHORTS 8
#define SC_NAME AGRO_SCENARIO_NAME_MAX
#define SC_PATH 1024

/* How a date is given in the scenario. */
enum {
    SC_WHEN_NONE = 0,
    SC_WHEN_DATE = 1,       /* "YYYY-MM-DD": one calendar day (single-season scenarios) */
    SC_WHEN_MONTHDAY = 2,   /* "--MM-DD": that day in each season (on/after the season start) */
    SC_WHEN_AFTER_SOW = 3,  /* days_after_sowing: offset from the crop's sowing day */
    SC_WHEN_AFTER_START = 4 /* days_after_start: offset from the season's first day */
};

typedef struct sc_when {
    int32_t kind;
    int32_t year, month, day; /* DATE / MONTHDAY */
    int32_t offset_d;         /* AFTER_SOW / AFTER_START */
} sc_when;

typedef struct sc_event {
    int32_t type; /* AGRO_EVENT_* */
    sc_when when;
    double amount;
    double depth_cm;
    double nh4_fraction;
    double urea_fraction; /* FERTILISE: urea share of the N */
    double n_pct;    /* RESIDUE, ROOT_RESIDUE: N of the residue dry matter, % */
    double p_pct;    /* RESIDUE, ROOT_RESIDUE: P of the residue dry matter, % */
    double lignin_frac; /* RESIDUE, ROOT_RESIDUE: lignin fraction of the dry matter (0: the type's) */
    int32_t initial;    /* RESIDUE, ROOT_RESIDUE: the previous crop's residue (CENTURY) */
    int32_t residue_type; /* RESIDUE: RESCH048.SDA residue type (1 = RE001 when not given) */
    double mulch_area_cm2_g, mulch_extinction, mulch_water_kg_kg; /* RESIDUE: as mulch (0: RE001) */
    double p_kg_ha, p_band_fraction; /* FERTILISE: P, kg P/ha, and the band's share of the layer */
    int32_t incorporated;  /* FERTILISE: 1 = worked into the top layer at depth_cm 0 */
    int32_t fert_material; /* FERTILISE: FERCH048 material number (0: not given) */
    int32_t implement;     /* TILL: TILOP048 implement number (TI003 → 3) */
    int32_t carried_off;   /* WEED: 1 = the weeded tops are carried off the field */
    agro_crop_damage damage; /* DAMAGE */
    long line;       /* where it was given, for run-time messages */
    char jpath[256];
} sc_event;

typedef struct sc_cohort {
    sc_when when;
    double density_pl_m2;
    long line;       /* where it was given, for run-time messages */
    char jpath[256];
} sc_cohort;

/* A crop field after the interventions of one combination have been applied. */
typedef struct sc_field {
    char name[SC_NAME];
    int32_t type;             /* AGRO_FIELD_TYPE_* */
    char maize_name[SC_NAME]; /* canopy names, as given */
    char weeds_name[SC_NAME];
    char cultivar_label[SC_NAME];
    agro_maize_cultivar cultivar;
    sc_when sow;              /* the sowing day, or the first day of the window */
    long sow_line;
    char sow_jpath[256];
    int32_t auto_sow;         /* 1: automatic sowing in the window sow .. sow_last */
    sc_when sow_last;         /* last day of the window */
    long window_line;
    char window_jpath[256];
    agro_sowing_window window; /* criteria (last day set per season) */
    double density_pl_m2, row_spacing_cm, depth_cm;
    int32_t has_weeds;
    int32_t n_cohorts;
    sc_cohort cohorts[SC_MAX_COHORTS];
    agro_field_options options;
    int32_t n_events;
    sc_event events[SC_MAX_EVENTS];
} sc_field;

/* A file the scenario was loaded from (agro_scenario_input). */
typedef struct sc_input {
    char path[4096]; /* as opened: relative to the working folder of the load */
    char real[4096]; /* its absolute name at the load (realpath), which agro_scenario_find_input
                        compares, so that a caller who changes the working folder after the
                        load still finds it; path when it did not resolve */
    char key[256];   /* JSON path of the key that names it; "" for the scenario file */
} sc_input;

struct agro_scenario {
    char name[SC_NAME];
    char *text;             /* scenario text as read */
    char file[SC_PATH];     /* name used in messages */
    char base_dir[SC_PATH]; /* folder of the file */
    long seasons_line;
    int32_t first_year, n_seasons, start_month, start_day, max_days, days_after_maturity;
    int32_t n_members;
    int32_t generated; /* 1: weather generated per member */
    agro_weather **weather; /* n_members series */
    agro_soil_profile soil;
    int32_t n_fields;
    int32_t n_factors;
    int32_t n_levels[SC_MAX_FACTORS];
    char level_names[SC_MAX_FACTORS][SC_MAX_LEVELS][SC_NAME];
    int32_t n_combos;
    int32_t baseline;
    int32_t store_daily;
    long daily_line; /* the line of report.daily, for the daily CSV's refusal (0: not given) */
    double bag_kg, area_ha;
    double grain_moisture_pct; /* moisture of the bagged grain, % wet basis */
    char area_unit[16];
    sc_field *fields; /* n_fields · n_combos, field-major */
    int32_t n_inputs, cap_inputs;
    sc_input *inputs; /* the scenario file and the files it names, for the writers' check */
};

struct agro_results {
    const agro_scenario *sc;
    int32_t n_runs, max_days;
    agro_run_info *info;
    agro_season_summary *summary;
    agro_field_daily *daily; /* n_runs · max_days, or NULL when daily output is off */
};

/* Note that @p sc was loaded from file @p path, named by the key at JSON path @p key ("" for
 * the scenario file itself); a pair already noted (a field parsed for each intervention) is
 * noted once. AGRO_ENOMEM, or AGRO_ERANGE for a name that does not fit, naming the scenario. */
int sc_add_input(agro_ctx *ctx, agro_scenario *sc, const char *key, const char *path);
/* Parse the scenario file into @p sc (name, base_dir and text already set). */
int sc_parse(agro_ctx *ctx, agro_scenario *sc, const agro_json_file *jf);
/* Build the season specification of run @p run (also used at load to check every date). */
int sc_build_spec(agro_ctx *ctx, const agro_scenario *sc, int32_t run, agro_season_spec *spec);
/* Decompose a run index. */
void sc_run_indices(const agro_scenario *sc, int32_t run, int32_t *field, int32_t *combo,
                    int32_t *member, int32_t *season);
/* Calendar (year, doy) of a date rule in season @p season, given the sowing day. */
int sc_resolve(const agro_scenario *sc, const sc_when *w, int32_t season, int32_t sow_year,
               int32_t sow_doy, int32_t *year, int32_t *doy);

#endif
