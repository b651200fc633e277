/* Private to the library: the machine's memory, for refusing a request that cannot fit before
 * allocating it (Linux overcommits: a calloc larger than the free memory succeeds, and the
 * process is killed when the pages are written). */
#ifndef AGROSIM_INTERNAL_MEMORY_H
#define AGROSIM_INTERNAL_MEMORY_H

/* Physical memory of the machine, bytes; 0 when the system does not say. */
double agro_physical_memory_bytes(void);

#endif
