/* Private to the DSSAT runner (lib/dssat/season.c, run.c): rules both the season mapping and
 * the day loop apply. */
#ifndef AGROSIM_INTERNAL_DSSAT_H
#define AGROSIM_INTERNAL_DSSAT_H

#include "agrosim/dssat.h"

/* Irrigation application efficiency (fraction) of treatment @p t, DSSAT IRRIG.for: EFIR for
 * reported irrigation (R, D); the automatic-management IREFF for A, F, P and W, falling back
 * to EFIR; 1 where neither is > 0. */
double agro_dssat_irrigation_efficiency(const agro_dssat_treatment *t);

#endif
