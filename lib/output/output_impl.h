/* Private to lib/output/: the column and variable tables shared by the HDF5 and CSV writers. */
#ifndef AGROSIM_OUTPUT_IMPL_H
#define AGROSIM_OUTPUT_IMPL_H

#include <stddef.h>
#include <stdio.h>

#include "agrosim/output.h"

/* Column groups: a group is written when the scenario has a field of its kind. Intercrop
 * (ler, pler_maize, pler_soybean) and mushroom (bags, success_rate, …) groups join here when
 * those field types arrive; the writers loop over groups and need no change. */
enum { OUT_GROUP_RUN = 0, OUT_GROUP_CROP = 1 };

/* OUT_PERCENT: a fraction of the struct written as a percent (DSSAT's %-names, e.g. LI%D) */
enum { OUT_INT = 0, OUT_DOUBLE = 1, OUT_PERCENT = 2 };

/* Where a summary column takes its value. */
enum {
    OUT_SRC_SUMMARY = 0, /* agro_season_summary member at `offset` */
    OUT_SRC_RUN = 1,     /* agro_run_info member at `offset` */
    OUT_SRC_BAGS = 2,    /* yield in bags per reporting area (derived) */
    OUT_SRC_DATE = 3     /* a (year, doy) pair of agro_season_summary at `offset` → YYYYDDD */
};

typedef struct out_column {
    const char *icasa;     /* HDF5 /summary member name (ICASA / DSSAT where one exists) */
    const char *csv;       /* CSV header */
    const char *units;     /* units ("" if dimensionless) */
    const char *long_name; /* description */
    int type;              /* OUT_INT / OUT_DOUBLE */
    int src;               /* OUT_SRC_* */
    size_t offset;         /* offset of the member in its struct */
    int group;             /* OUT_GROUP_* */
} out_column;

extern const out_column out_summary_columns[];
extern const size_t out_n_summary_columns;

/* A daily variable: /daily/<field>/<component>/<name>. Layered variables have a third axis. */
typedef struct out_daily_var {
    const char *component; /* "maize", "weeds", "soil", "water", "time" */
    const char *name;      /* ICASA / DSSAT daily output name */
    const char *units;
    const char *long_name;
    int type;      /* OUT_INT / OUT_DOUBLE / OUT_PERCENT */
    size_t offset; /* offset in agro_field_daily */
    /* NULL for a scalar; a variable by soil layer (an array of AGRO_SOIL_MAX_LAYERS, written
       for n_layers) names its daily CSV column of layer k here, '#' standing for k, as the
       DSSAT output that has it does (SW#D for SoilWat.OUT's SW1D, SW2D, ...) */
    const char *layered;
} out_daily_var;

extern const out_daily_var out_daily_vars[];
extern const size_t out_n_daily_vars;

/* Value of a summary column for run @p run as a double (ints converted). */
double out_column_value(const out_column *c, const agro_scenario_info *info,
                        const agro_run_info *ri, const agro_season_summary *s);

/* Write summary value @p v of column @p c as a CSV cell: empty when not finite or when a
 * date or day count was not reached (negative), an integer for integer and date columns. */
void out_put_summary_value(FILE *fp, const out_column *c, double v);

/* Check the arguments of a results writer (@p res made for @p sc, @p path not NULL) and read
 * the scenario's @p info; AGRO_ECANCELED when a cancel request is pending on @p ctx. */
int out_check(agro_ctx *ctx, const agro_scenario *sc, const agro_results *res, const char *path,
              agro_scenario_info *info);
/* AGRO_ESTATE naming @p path and the first of the @p n_runs runs of @p res not simulated, the
 * refusal of results in part (agro_output_check, agro_output_append_daily_csv); else AGRO_OK. */
int out_check_all_runs(agro_ctx *ctx, const agro_results *res, const char *path, int32_t n_runs);
/* Start a results writer: out_check, then create the temporary file @p tmp (agro_file_tmp_name;
 * the writer ends with agro_file_commit, or agro_file_discard when it gives up). */
int out_begin(agro_ctx *ctx, const agro_scenario *sc, const agro_results *res, const char *path,
              agro_scenario_info *info, char *tmp, size_t n);

#endif
