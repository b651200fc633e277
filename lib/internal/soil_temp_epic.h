/* DSSAT-CSM's EPIC soil temperature (SPAM/STEMP_EPIC.for, STEMP_EPIC + SOILT_EPIC, METMP = E;
 * Potter & Williams 1994), the state and daily update behind AGRO_SOIL_TEMP_EPIC. The opaque
 * agro_soil_temp (temp_model.c) embeds one epic_state and dispatches to these functions;
 * docs/design/stemp_epic.md is the specification. No allocation anywhere. */
#ifndef AGROSIM_INTERNAL_SOIL_TEMP_EPIC_H
#define AGROSIM_INTERNAL_SOIL_TEMP_EPIC_H

#include <stdint.h>

#include "agrosim/soil.h"

/* Length of the wet-day record, days (STEMP_EPIC WetDay(30)). */
#define EPIC_WET_DAYS 30

/* Profile constants, fixed at create (STEMP_EPIC SEASINIT; RATE recomputes the same values). */
typedef struct epic_profile {
    int32_t n_layers;
    double thick_cm[AGRO_SOIL_MAX_LAYERS];  /* DLAYR, cm */
    double dsmid_mm[AGRO_SOIL_MAX_LAYERS];  /* DSMID, depth of the layer mid-point, mm */
    double cumdpt_mm;                       /* CUMDPT, profile depth, mm */
    double tll_cm;                          /* TLL = Σ LL·DLAYR, cm */
    double dp_mm, ww, b;                    /* DP (mm), WW, B of the damping depth */
} epic_profile;

/* State carried between days (all SAVEd in the Fortran). */
typedef struct epic_state {
    int32_t init;                 /* SEASINIT done */
    int32_t n_days;               /* NDays, 0..EPIC_WET_DAYS */
    int32_t wet[EPIC_WET_DAYS];   /* WetDay: 1 if rain + irrigation > 1e-6 mm */
    double tma_C[5];              /* TMA, surface-term record, °C */
    double x2_prev_C;             /* X2_PREV, yesterday's X2_AVG, °C (0 before the first call) */
    double srftemp_C;             /* SRFTEMP, soil surface temperature, °C */
    double st_C[AGRO_SOIL_MAX_LAYERS]; /* ST, layer temperatures, °C */
    double st_init_C[AGRO_SOIL_MAX_LAYERS]; /* ST as SEASINIT left it, °C */
    double dd_mm;                 /* DD, damping depth of the last call, mm */
} epic_state;

/* The day's inputs (validated by the caller). */
typedef struct epic_day_in {
    double tmax_C, tmin_C;   /* TMAX, TMIN, °C; TAVG = their mean */
    double tav_C;            /* TAV, site mean annual air temperature, °C */
    double water_input_mm;   /* RAIN + DEPIR, mm */
    double biomass_t_ha;     /* BIOMAS/1000, t/ha */
    double mulch_t_ha;       /* MULCHMASS/1000, t/ha */
    double snow_mm;          /* SNOW, mm */
    double surface_extra_C;  /* added to X2 (agrosim's film warming; 0 for DSSAT) */
} epic_day_in;

/* Profile constants from layer bottoms (cm), bulk density and LL. */
void agro_epic_profile_init(epic_profile *p, const agro_soil_profile *prof);
/* The damping-depth terms of DSSAT STEMP and STEMP_EPIC from the profile mean bulk density
 * @p abd, g/cm³: DP (mm), WW and B (both routines compute them alike, every day). */
void agro_stemp_damping_terms(double abd, double *dp_mm, double *ww, double *b);
/* The tests' view: the DP (mm) that a model's STEMP and EPIC use now. */
struct agro_soil_temp;
void agro_soil_temp_dp_unchecked(const struct agro_soil_temp *st, double *stemp_dp_mm,
                                 double *epic_dp_mm);
/* Back to the state before SEASINIT (X2_PREV = 0, as the Fortran's first call sees it). */
void agro_epic_reset(epic_state *s);
/* One day: SEASINIT (8 calls) on the first, then the RATE call. @p sw: water content of each
 * layer, cm³/cm³. */
void agro_epic_day(epic_state *s, const epic_profile *p, const double *sw, const epic_day_in *in);
/* Temperature at @p depth_cm: linear between (0, SRFTEMP) and (DSMID(L), ST(L)), the deepest
 * layer's below its mid-point (agrosim's reading of the layer values). */
double agro_epic_at(const epic_state *s, const epic_profile *p, double depth_cm);

#endif
