/* Private to the library: which scenario a results object was made for, so that the modules
 * taking both (the output writers) can refuse a pair that does not belong together. */
#ifndef AGROSIM_INTERNAL_RESULTS_H
#define AGROSIM_INTERNAL_RESULTS_H

#include "agrosim/scenario.h"

/* The scenario @p res was created for (agro_results_create); NULL for NULL. */
const agro_scenario *agro_results_owner(const agro_results *res);

#endif
