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
 * x[1]·y[1]). Up to 8 terms are sorted on the stack; beyond that each next term is found by a
 * pass over the list (no workspace), so the time grows as n², meant for a few canopies or
 * species. An overflowed term (inf) gives inf. */
double agro_sum_ascending_long(const double *x, const double *y, size_t n);

/* Lists up to this long are sorted in a stack buffer, inline (the field's canopies, every day:
 * a call cost more than the sum); longer ones (a flora of many weed species) are picked out pass
 * by pass by agro_sum_ascending_long. Both add the same terms in the same ascending order, so
 * they give the same bits. */
#define AGRO_SUM_SORT_MAX 8

static inline double agro_sum_ascending(const double *x, const double *y, size_t n)
{
    if (n > AGRO_SUM_SORT_MAX) return agro_sum_ascending_long(x, y, n);
    double s[AGRO_SUM_SORT_MAX];
    for (size_t i = 0; i < n; i++) { /* insertion sort */
        const double t = y ? x[i] * y[i] : x[i];
        size_t j = i;
        for (; j > 0 && s[j - 1] > t; j--) s[j] = s[j - 1];
        s[j] = t;
    }
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) sum += s[i];
    return sum;
}

#endif
