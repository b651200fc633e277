/*
 * Linked into every Criterion test of a ThreadSanitizer build (AGROSIM_SANITIZE_THREAD) only:
 * what Criterion needs to start and to fail under TSan. Nothing here touches the library.
 */
#define _GNU_SOURCE /* dladdr, RTLD_NEXT */
#include <dlfcn.h>
#include <string.h>

const char *__tsan_default_options(void);
int rand_r(unsigned int *seed);

/* A report comes at the end of Criterion's worker process, after the test has told the runner
 * it passed, and the worker's exit status 66 is not looked at: the test passes with the report
 * on stderr. Stopping at the first report kills the worker mid-test, which Criterion counts as
 * a failure. TSAN_OPTIONS in the environment still overrides this. */
const char *__tsan_default_options(void)
{
    return "halt_on_error=1";
}

#if defined(__x86_64__)
/* Criterion's sandbox (BoxFort, built into libcriterion) maps its shared arenas at a random
 * 16 MiB slot of 0x2000'0000'0000..0x6000'0000'0000: slot = rand_r() & 0x3fffff, probed with
 * mincore(), a few tries, then "criterion: Could not initialize inheritable arena" or a crash on
 * the arena it did not get (Criterion issue #274). gcc 12's TSan keeps all of that range for its
 * shadow and meta memory but its application range 0x5500'0000'0000..0x5680'0000'0000, about
 * 2 % of the slots, so test binaries almost never start. Criterion's own calls get slots of that
 * range (0x350000..0x367fff; BoxFort's mincore() probe still skips one in use); every other
 * caller (HDF5 imports rand_r too) gets glibc's answer unchanged. */
int rand_r(unsigned int *seed)
{
    int (*next)(unsigned int *) = NULL;
    *(void **)&next = dlsym(RTLD_NEXT, "rand_r");
    int r = next(seed);
    Dl_info caller;
    if (dladdr(__builtin_return_address(0), &caller) && caller.dli_fname &&
        strstr(caller.dli_fname, "libcriterion"))
        r = 0x350000 + r % 0x18000;
    return r;
}
#endif
