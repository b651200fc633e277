/* Shared by the tests that check that a function does not depend on the order of a short list
 * (canopies of a field, weed species): every permutation of up to AGRO_CANOPY_MAX items, and a
 * random stream that gives the same draws on every machine. Header-only. */
#ifndef AGROSIM_TEST_HELPERS_PERMUTATIONS_H
#define AGROSIM_TEST_HELPERS_PERMUTATIONS_H

#include <stdint.h>
#include <string.h>

#include "agrosim/canopy.h"

/* splitmix64 on *@p state: the same draws on every machine */
static inline uint64_t helper_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* the permutations of 0..n-1, n <= AGRO_CANOPY_MAX: count returned, each in perm[p][0..n-1] */
static inline size_t helper_permutations(size_t n, size_t perm[24][AGRO_CANOPY_MAX])
{
    size_t count = 0, code_max = 1;
    for (size_t i = 0; i < n; i++) code_max *= n;
    for (size_t code = 0; code < code_max; code++) {
        size_t p[AGRO_CANOPY_MAX], c = code;
        unsigned used = 0;
        int ok = 1;
        for (size_t i = 0; i < n; i++, c /= n) {
            p[i] = c % n;
            if (used & (1u << p[i])) ok = 0;
            used |= 1u << p[i];
        }
        if (!ok) continue;
        memcpy(perm[count++], p, n * sizeof p[0]);
    }
    return count;
}

/* v[perm[i]] into out[i] */
static inline void helper_permute(const double *v, const size_t *perm, size_t n, double *out)
{
    for (size_t i = 0; i < n; i++) out[i] = v[perm[i]];
}

/* each output follows its item, bit for bit: the first item that does not, or -1 */
static inline int helper_first_mismatch(const double *base, const double *permuted, const size_t *perm,
                                        size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (memcmp(&permuted[i], &base[perm[i]], sizeof(double)) != 0) return (int)i;
    return -1;
}

#endif
