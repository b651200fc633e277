/* The clock shared by the benchmark programs. Define _POSIX_C_SOURCE 199309L (clock_gettime)
 * before the first #include. */
#ifndef AGROSIM_BENCH_CLOCK_H
#define AGROSIM_BENCH_CLOCK_H

#include <time.h>

/* Monotonic wall-clock time in seconds (only differences are meaningful). */
static inline double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU time of the calling thread in seconds: with now_s, the share of a CPU a run had. */
static inline double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

#endif
