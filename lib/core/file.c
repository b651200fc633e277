/* Atomic file writes: a temporary file beside the target, renamed into place when complete. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "internal/error.h"
#include "internal/file.h"

int agro_file_tmp_name(agro_ctx *ctx, const char *path, char *tmp, size_t n)
{
    /* same folder as the target, so the final rename() is atomic on one file system */
    int k = snprintf(tmp, n, "%s.partial-%ld", path, (long)getpid());
    if (k < 0 || (size_t)k >= n)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL, "file name too long");
    return AGRO_OK;
}

int agro_file_commit(agro_ctx *ctx, const char *tmp, const char *path)
{
    if (rename(tmp, path) != 0) {
        int e = errno;
        char eb[AGRO_ERRNO_TEXT_MAX];
        remove(tmp);
        return agro_fail(ctx, AGRO_EIO, path, 0, NULL, "cannot rename the temporary file: %s",
                         agro_errno_text(e, eb, sizeof eb));
    }
    return AGRO_OK;
}
