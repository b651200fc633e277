/* Private to the DSSAT runner (lib/dssat/season.c, run.c): rules both the season mapping and
 * the day loop apply. */
#ifndef AGROSIM_INTERNAL_DSSAT_H
#define AGROSIM_INTERNAL_DSSAT_H

#include "agrosim/dssat.h"

/* Irrigation application efficiency (fraction) of treatment @p t, DSSAT IRRIG.for: EFIR for
 * reported irrigation (R, D); for A, F, E, T, P and W the IREFF of automatic-irrigation row
 * @p row (0: auto_irr_efficiency; k >= 1: auto_irr_row_efficiency[k]), falling back to EFIR;
 * 1 where neither is > 0. */
double agro_dssat_irrigation_efficiency(const agro_dssat_treatment *t, int32_t row);

#endif
