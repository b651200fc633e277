/**
 * @file agrosim.h
 * @brief Umbrella header: includes every public module of agrosim.
 */
#ifndef AGROSIM_AGROSIM_H
#define AGROSIM_AGROSIM_H

#include "agrosim/core.h"
#include "agrosim/weather.h"
#include "agrosim/soil.h"

#endif
