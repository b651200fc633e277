/* Internal helpers shared by the soil profile readers (lib/soil/profile*.c). */
#ifndef AGROSIM_INTERNAL_SOIL_PROFILE_H
#define AGROSIM_INTERNAL_SOIL_PROFILE_H

#include <math.h>

#include "agrosim/soil.h"

/* How fields are named in messages: DSSAT column names, JSON keys, or struct members. */
enum { SOIL_NAMES_DSSAT = 0, SOIL_NAMES_JSON = 1, SOIL_NAMES_STRUCT = 2 };

/* Layer quantities the profile checks name (SLB ... SASC, in the order of profile.c's table). */
#define SOIL_LAYER_QUANTITIES 21

/* Where each value of a profile came from, so physical checks can name file and line.
 * Lines are 0 when unknown. */
typedef struct soil_origin {
    const char *file;                    /* file name, or a caller's name for the profile */
    int names;                           /* SOIL_NAMES_* */
    long surface_line;                   /* line of the surface values (SALB ...) */
    long site_line;                      /* line of LAT/LONG */
    long layer_line[AGRO_SOIL_MAX_LAYERS]; /* line of each layer */
    /* line of a layer value that is not on its layer's line, layer_line (a later DSSAT layer
       table's row, a JSON key on a line of its own), by layer and quantity (agro_soil_quantity);
       0: on the layer's line. Set by the file readers only: with names SOIL_NAMES_STRUCT
       (agro_soil_validate, at every field create) it is neither cleared (6.7 kB) nor read */
    long value_line[AGRO_SOIL_MAX_LAYERS][SOIL_LAYER_QUANTITIES];
} soil_origin;

/* Index of the layer quantity named @p name in naming scheme @p names (SOIL_NAMES_DSSAT: SLB,
   SLLL ... SLPO; SOIL_NAMES_JSON: depth_bottom_cm ...), for soil_origin.value_line; -1 if it is
   none of them. */
int agro_soil_quantity(const char *name, int names);

/* Plausibility bounds of soil chemistry in agro_soil_check, which the P model's own checks
   share: wide enough for organic and calcareous soils, they catch unit and typing errors. */
#define SOIL_CLAY_PCT_MAX 100.0     /* SLCL, % */
#define SOIL_CACO3_G_KG_MAX 1000.0  /* CACO3, g/kg */
#define SOIL_SLKE_CMOL_KG_MAX 100.0 /* exchangeable K, cmol/kg */
#define SOIL_SLBS_CMOL_KG_MAX 500.0 /* sum of bases, cmol/kg */
#define SOIL_SCEC_CMOL_KG_MAX 500.0 /* CEC, cmol/kg */
#define SOIL_SLPX_MG_KG_MAX 5000.0  /* extractable (soil-test) P, mg/kg */
#define SOIL_SLPO_MG_KG_MAX 10000.0 /* organic P, mg/kg */
#define SOIL_PH_MIN 2.0             /* SLHW */
#define SOIL_PH_MAX 12.0

/* The oxidised surface layer, cm, from layer 1's organic C %: OXLT = max(0.001, 0.5 - 0.1*OC1)
   (DSSAT-CSM OXLAYER.for SEASINIT); fmax makes an unknown (NaN) OC1 the 0.001 floor. */
static inline double agro_soil_oxlt_cm(double oc1_pct)
{
    return fmax(AGRO_SOIL_MIN_LAYER_CM, 0.5 - 0.1 * oc1_pct);
}

/* Physical checks of agro_soil_validate(), with messages naming o->file and the lines. */
int agro_soil_check(agro_ctx *ctx, const agro_soil_profile *p, const soil_origin *o);

/* Fill @p p with "unknown" values: NaN for optional quantities, 0 layers. */
void agro_soil_profile_clear(agro_soil_profile *p);

/* Clay and silt (%) as DSSAT SOILDYN.for (7841e3c) fills them before it estimates organic C:
   clay + silt above 100 makes both missing; a missing clay is 30 % (at most 100 − silt), then
   a missing silt 30 % (at most 100 − clay). */
void agro_soil_clay_silt_dssat(double clay_pct, double silt_pct, double *clay_out,
                               double *silt_out);

#endif
