/* Surface covers of the soil temperature model: names, and the evaporation factor offered to
 * the water balance (film and mulch suppress soil evaporation; the temperature model itself
 * does not move water). */
#include <math.h>
#include <string.h>

#include "agrosim/soil_temp.h"

static const char *const cover_names[] = {"bare", "residue", "film-clear", "film-black"};

int agro_cover_from_name(const char *name, int32_t *cover)
{
    if (!name || !cover)
        return AGRO_EINVAL;
    for (int32_t i = 0; i < (int32_t)(sizeof cover_names / sizeof cover_names[0]); i++) {
        if (strcmp(name, cover_names[i]) == 0) {
            *cover = i;
            return AGRO_OK;
        }
    }
    return AGRO_EINVAL;
}

const char *agro_cover_name(int32_t cover)
{
    if (cover < 0 || cover >= (int32_t)(sizeof cover_names / sizeof cover_names[0]))
        return "unknown";
    return cover_names[cover];
}

double agro_cover_evaporation_factor(int32_t cover, double covered)
{
    /* Soil evaporation under mulch: E = E_bare·(1 − f_cover·f_m), f_m = 1.0 for plastic films,
     * 0.5 for organic (residue) mulch; FAO AquaCrop reference manual, "Mulches" (Raes et al.). */
    double fm;
    switch (cover) {
    case AGRO_COVER_FILM_CLEAR:
    case AGRO_COVER_FILM_BLACK:
        fm = 1.0;
        break;
    case AGRO_COVER_RESIDUE:
        fm = 0.5;
        break;
    case AGRO_COVER_BARE:
        return 1.0;
    default:
        return NAN;
    }
    if (!isfinite(covered) || covered < 0.0 || covered > 1.0)
        return NAN;
    return 1.0 - covered * fm;
}

size_t agro_sizeof_soil_temp_options(void) { return sizeof(agro_soil_temp_options); }
size_t agro_sizeof_soil_temp_drivers(void) { return sizeof(agro_soil_temp_drivers); }
