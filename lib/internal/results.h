/* Private to the library: which scenario a results object was made for, so that the modules
 * taking both (the output writers) can refuse a pair that does not belong together, and what
 * of a scenario's design the writers need beyond scenario.h. */
#ifndef AGROSIM_INTERNAL_RESULTS_H
#define AGROSIM_INTERNAL_RESULTS_H

#include "agrosim/scenario.h"

/* The scenario @p res was created for (agro_results_create); NULL for NULL. */
const agro_scenario *agro_results_owner(const agro_results *res);
/* Whether the runs of @p sc keep their daily records (report.daily): 1, or 0 with @p file and
 * @p line where the scenario turns them off, for the daily CSV writer's refusal. */
int agro_scenario_keeps_daily(const agro_scenario *sc, const char **file, long *line);
/* 1 when a field of @p sc has a weed canopy (an intervention changes one, never adds one). */
int agro_scenario_has_weeds(const agro_scenario *sc);

#endif
