/* Private to the library: sums over a short list (canopies of a field, weed species) that do not
 * depend on the order of the list, so that a permutation of the canopies or species permutes
 * the results bit for bit. */
#ifndef AGROSIM_INTERNAL_SUM_H
#define AGROSIM_INTERNAL_SUM_H

#include <stddef.h>

/* The sum of the @p n terms x[i]·y[i] (x[i] alone when @p y is NULL, the product by 1 being
 * exact), none negative or NaN, added in ascending order from 0 whatever the order of the list:
 * summed in the listed order, three terms or more gave sums that differed in the last bits with
 * their order (two cannot, a + b being b + a, so two terms get the bits of x[0]·y[0] +
 * x[1]·y[1]). No workspace: each next term is found by a pass over the list, so the time grows
 * as n², meant for a few canopies or species. An overflowed term (inf) gives inf. */
double agro_sum_ascending(const double *x, const double *y, size_t n);

#endif
