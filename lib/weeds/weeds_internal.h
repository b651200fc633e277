/* Weed canopy state and daily processes (private). */
#ifndef AGROSIM_WEEDS_INTERNAL_H
#define AGROSIM_WEEDS_INTERNAL_H

#include "agrosim/weeds.h"
#include "agrosim/soil.h"

typedef struct weed_state {
    int32_t active;        /* 1 while weeds are present */
    int32_t reserved;
    double density;        /* plants/m² */
    double tt;             /* thermal time since first emergence, °C·d */
    double dtt;            /* today's thermal time, °C·d */
    double lai;            /* m²/m² */
    double wleaf, wstem, wroot; /* dry matter, g/m² */
    double n_kg_ha;        /* N in weed biomass, kg N/ha */
    double n_demand_kg_ha; /* today's N demand, kg N/ha */
    double nfac;           /* N stress factor (1 = none) */
    double swfac;          /* water stress factor (1 = none) */
    double root_depth_cm;
    double growth_g_m2;    /* today's dry matter growth, g/m² */
    double removed_kg_ha;  /* cumulative above-ground biomass removed by weeding, kg/ha */
    /* cumulative N of the weeded plants (tops and roots), kg N/ha: it has left the weeds, for
       the soil (weed_litter) or, tops carried off, the field */
    double removed_n_kg_ha;
    double seed_n_kg_ha;   /* N brought in by emerging seedlings, kg N/ha */
    /* cumulative N of the dead leaves and of a mature cohort that ended, kg N/ha: it has left
       the weeds for the soil (weed_litter) */
    double senesced_n_kg_ha;
    double max_biomass_kg_ha;
    double rlv[AGRO_SOIL_MAX_LAYERS];
} weed_state;

/* Weed matter that left the canopy in one call (a weeding, or a day's senescence and a cohort's
 * end), for the field to return to the soil (docs/model.md §7): the tops, kg DM/ha and kg N/ha,
 * for the surface residue, and the roots by layer, kg DM/ha and kg N/ha, for the fresh organic
 * matter. */
typedef struct weed_litter {
    double tops_kg_ha, tops_n_kg_ha;
    double roots_kg_ha[AGRO_SOIL_MAX_LAYERS], roots_n_kg_ha[AGRO_SOIL_MAX_LAYERS];
} weed_litter;

void weed_clear(weed_state *w);
/* A cohort of @p density plants/m² emerges (added to any present; a mature stand ends first, its
 * matter into @p out as when it ends at LAI 0.01); the canopy's leaf area and its root length
 * over the layers (@p thick_cm, @p srgf, @p n_layers) follow the same day. */
void weed_emerge(const agro_weed_params *p, weed_state *w, double density, const double *thick_cm,
                 const double *srgf, int32_t n_layers, weed_litter *out);
/* Remove @p fraction (0..1) of weed plants, biomass, leaf area and N; the removed tops and roots
 * (the roots over the @p n_layers layers of @p thick_cm by root length) into @p out. */
void weed_remove(weed_state *w, double fraction, const double *thick_cm, int32_t n_layers,
                 weed_litter *out);
/* Thermal time of the day (°C·d above tbase, capped at 30 °C mean). */
void weed_phenology(const agro_weed_params *p, weed_state *w, double tmax, double tmin);
/* Potential growth and N demand from intercepted PAR (MJ/m²/d) and stresses; @p n_limited 0:
 * N switched off (no structural-N cap on growth). */
void weed_growth(const agro_weed_params *p, weed_state *w, double ipar_MJ_m2, double tfac,
                 int n_limited);
/* N uptake (kg N/ha), growth, leaf senescence under the field's start-of-day total LAI
 * @p lai_field (m²/m²), and the structural update (LAI, roots); the day's dead leaves and, when
 * a mature cohort ends, its tops and roots into @p out. */
void weed_integrate(const agro_weed_params *p, weed_state *w, double n_uptake_kg_ha,
                    double lai_field, const double *thick_cm, const double *srgf,
                    int32_t n_layers, double max_depth_cm, weed_litter *out);

#endif
