/* Second round of the per-layer sharing of water between two canopies of a field. */
#include "internal/canopy_share.h"

/* The second round of the per-layer sharing between two canopies: what the giver will not
 * use of its capacity share (the part above keep·its demand; the field passes RWUEP1 = 1.5, so
 * that the giver's own stress factors do not change) is offered to the other canopy, up to
 * that canopy's capacity in each layer and its unmet demand. The rule of
 * agro_canopy_share_supply (what one canopy leaves is offered to the others), per layer. One
 * round suffices for two canopies when keep >= 1, as only one of them can then have a surplus
 * while the other is short. With keep < 1 both can hold more than keep·their demand and less
 * than their demand: then neither gives (each is short of its demand), as the canopy tested
 * first gave to the other, so that the result depended on their order. @p cap are the
 * capacities before the sharing, @p up the shares (in and out). N needs no second round
 * (docs/model.md §1). */
void canopy_offer_surplus(const double *cap_a, double *up_a, double dem_a, const double *cap_b,
                          double *up_b, double dem_b, double keep, int32_t n) {
    double ta = 0.0, tb = 0.0;
    for (int32_t l = 0; l < n; l++) {
        ta += up_a[l];
        tb += up_b[l];
    }
    const double *cap_to;
    double *from, *to, t_from, want, kept;
    const int a_gives = ta > keep * dem_a && tb < dem_b, b_gives = tb > keep * dem_b && ta < dem_a;
    if (a_gives == b_gives) return; /* neither has a surplus the other needs, or both (keep < 1) */
    if (a_gives) {
        from = up_a, to = up_b, cap_to = cap_b, t_from = ta, kept = keep * dem_a, want = dem_b - tb;
    } else {
        from = up_b, to = up_a, cap_to = cap_a, t_from = tb, kept = keep * dem_b, want = dem_a - ta;
    }
    const double spare_frac = 1.0 - kept / t_from;
    double extra[CANOPY_SHARE_MAX], sum = 0.0;
    for (int32_t l = 0; l < n; l++) {
        double room = cap_to[l] - to[l], spare = from[l] * spare_frac;
        double e = room < spare ? room : spare;
        extra[l] = e > 0.0 ? e : 0.0;
        sum += extra[l];
    }
    const double fr = sum > want ? want / sum : 1.0;
    for (int32_t l = 0; l < n; l++) {
        to[l] += extra[l] * fr;
        from[l] -= extra[l] * fr;
    }
}
