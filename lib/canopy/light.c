/* Sharing light, water and nitrogen between canopies of one field. */
#include <math.h>

#include "agrosim/canopy.h"

int agro_canopy_mixed_interception(const double *k, const double *lai, size_t n,
                                   double *frac_out) {
    if (!k || !lai || !frac_out || n < 1 || n > AGRO_CANOPY_MAX) return AGRO_EINVAL;
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(k[i]) || !isfinite(lai[i]) || k[i] < 0.0 || lai[i] < 0.0) return AGRO_EINVAL;
        sum += k[i] * lai[i];
    }
    /* Beer's law on the summed k·L, shared by relative k·L (Keating & Carberry 1993) */
    double f = 1.0 - exp(-sum);
    for (size_t i = 0; i < n; i++) frac_out[i] = sum > 0.0 ? f * k[i] * lai[i] / sum : 0.0;
    return AGRO_OK;
}

int agro_canopy_share_supply(const double *demand, const double *capacity, double supply,
                             size_t n, double *take_out) {
    if (!demand || !capacity || !take_out || n < 1 || n > AGRO_CANOPY_MAX || !isfinite(supply) ||
        supply < 0.0)
        return AGRO_EINVAL;
    double want[AGRO_CANOPY_MAX];
    double total = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(demand[i]) || !isfinite(capacity[i]) || demand[i] < 0.0 || capacity[i] < 0.0)
            return AGRO_EINVAL;
        /* each canopy can take what it needs up to its own uptake capacity */
        want[i] = demand[i] < capacity[i] ? demand[i] : capacity[i];
        take_out[i] = 0.0;
        total += want[i];
    }
    if (total <= supply) {
        for (size_t i = 0; i < n; i++) take_out[i] = want[i];
        return AGRO_OK;
    }
    /* short supply: shares in proportion to uptake capacity, redistributing what a canopy
     * cannot use (water-filling over at most n rounds) */
    double left = supply;
    int active[AGRO_CANOPY_MAX];
    for (size_t i = 0; i < n; i++) active[i] = want[i] > 0.0;
    for (size_t round = 0; round < n && left > 0.0; round++) {
        double capsum = 0.0;
        for (size_t i = 0; i < n; i++)
            if (active[i]) capsum += capacity[i];
        if (capsum <= 0.0) break;
        int saturated = 0;
        double given = 0.0;
        for (size_t i = 0; i < n; i++) {
            if (!active[i]) continue;
            double share = left * capacity[i] / capsum;
            double room = want[i] - take_out[i];
            if (share >= room) {
                take_out[i] += room;
                given += room;
                active[i] = 0;
                saturated = 1;
            }
        }
        if (!saturated) {
            for (size_t i = 0; i < n; i++)
                if (active[i]) take_out[i] += left * capacity[i] / capsum;
            left = 0.0;
            break;
        }
        left -= given;
    }
    return AGRO_OK;
}
