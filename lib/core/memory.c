/* The machine's physical memory (sysconf; Linux, macOS and the BSDs answer it). */
#define _XOPEN_SOURCE 700
#include <unistd.h>

#include "internal/memory.h"

double agro_physical_memory_bytes(void)
{
#if defined(_SC_PHYS_PAGES) && defined(_SC_PAGESIZE)
    const long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    if (pages > 0 && size > 0)
        return (double)pages * (double)size;
#endif
    return 0.0;
}
