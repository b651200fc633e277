/*
 * Read-only views of a field's daily state for the tests (not part of the public API).
 */
#ifndef AGROSIM_FIELD_INTERNAL_H
#define AGROSIM_FIELD_INTERNAL_H

#include "agrosim/field.h"
#include "agrosim/soil_nitrogen.h"

/* The field's CERES soil N state (pools, fresh organic matter, cumulative inputs). */
const agro_soil_n_state *agro_field_soil_n_unchecked(const agro_field *f);

/* N of the crop's dead roots of the last plant integration that the CERES fresh organic
   matter has not taken yet (it takes them at the next step, after that step's decomposition:
   DSSAT SoilOrg.for 07c41ff adds SENESCE to DLTFPOOL/DLTFON at RATE and to FPOOL/FON at
   INTEGR), kg N/ha over the layers. */
double agro_field_pending_root_n_unchecked(const agro_field *f);

#endif
