/* Order-free sums over short lists (internal/sum.h). */
#include <math.h>

#include "internal/sum.h"

double agro_sum_ascending_long(const double *x, const double *y, size_t n)
{
    /* a selection, not a sort into a buffer: the weed species' count has no bound, and the
       caller's arrays are const. Equal terms are added together (their order cannot change the
       bits), so each pass takes the smallest term above the last one taken and how often it
       occurs. */
    double sum = 0.0, last = -INFINITY;
    for (size_t taken = 0; taken < n;) {
        double next = INFINITY;
        size_t count = 0;
        for (size_t i = 0; i < n; i++) {
            const double t = y ? x[i] * y[i] : x[i];
            if (!(t > last)) continue;
            if (t < next) {
                next = t;
                count = 1;
            } else if (t == next) {
                count++;
            }
        }
        if (count == 0) break; /* (only with a NaN term, which the callers refuse first) */
        for (size_t c = 0; c < count; c++) sum += next;
        taken += count;
        last = next;
    }
    return sum;
}
