/**
 * @file agrosim.h
 * @brief Umbrella header: includes every public module of agrosim.
 */
#ifndef AGROSIM_AGROSIM_H
#define AGROSIM_AGROSIM_H

#include "agrosim/core.h"
#include "agrosim/weather.h"
#include "agrosim/soil.h"
#include "agrosim/field.h"
#include "agrosim/dssat.h"
#include "agrosim/soil_temp.h"

#include "agrosim/soil_nitrogen.h" /* also includes soil_water.h */
#include "agrosim/soil_century.h"
#include "agrosim/soil_phosphorus.h"
#include "agrosim/output.h" /* also includes scenario.h */
#endif
