/* Notes on stderr about the DSSAT inputs that the printed results do not simulate
 * (agro_dssat_treatment.ignored), shared by `run-dssat` and `validate`: the library only
 * flags them, the tool tells the user, so that no deviation from DSSAT goes unseen. */
#include <stdio.h>
#include <string.h>

#include "commands.h"

int cli_dssat_method_option(int argc, char **argv, int *i, agro_dssat_run_options *o)
{
    const char *flag = argv[*i];
    const int evap = strcmp(flag, "--evaporation") == 0, nup = strcmp(flag, "--n-uptake") == 0,
              surf = strcmp(flag, "--stemp-surface") == 0;
    if (!evap && !nup && !surf)
        return 0;
    if (*i + 1 >= argc)
        return -1;
    const char *v = argv[*i + 1];
    if (evap && strcmp(v, "ritchie") == 0)
        o->follow_mesev = 0;
    else if (evap && strcmp(v, "mesev") == 0)
        o->follow_mesev = 1;
    else if (nup && strcmp(v, "generic") == 0)
        o->crop_n_uptake_method = AGRO_CROP_N_UPTAKE_GENERIC;
    else if (nup && strcmp(v, "ceres-maize") == 0)
        o->crop_n_uptake_method = AGRO_CROP_N_UPTAKE_CERES_MAIZE;
    else if (surf && strcmp(v, "air") == 0)
        o->soil_temp_surface = AGRO_STEMP_SURFACE_AIR;
    else if (surf && strcmp(v, "albedo") == 0)
        o->soil_temp_surface = AGRO_STEMP_SURFACE_ALBEDO;
    else
        return -1;
    (*i)++;
    return 1;
}

int32_t cli_dssat_shown_flags(int32_t flags, const agro_dssat_run_options *o)
{
    return o->follow_mesev ? flags & ~(int32_t)AGRO_DSSAT_IGNORED_SOIL_EVAPORATION : flags;
}

/* "1-9", "1-2, 5": the treatments of @p number whose flags equal @p want, runs of
 * consecutive numbers (in the given order) joined by a dash. Returns how many there are. */
static int treatment_list(const int32_t *number, const int32_t *flags, int n, int32_t want,
                          char *buf, size_t size)
{
    size_t len = 0;
    int count = 0;
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (flags[i] != want)
            continue;
        int j = i; /* extend the run while the next treatment of the set is number + 1 */
        for (int k = i + 1; k < n && flags[k] == want && number[k] == number[j] + 1; k++)
            j = k;
        int w = j > i ? snprintf(buf + len, size - len, "%s%d-%d", count ? ", " : "",
                                 (int)number[i], (int)number[j])
                      : snprintf(buf + len, size - len, "%s%d", count ? ", " : "",
                                 (int)number[i]);
        count += j - i + 1;
        if (w > 0 && (size_t)w < size - len)
            len += (size_t)w;
        i = j;
    }
    return count;
}

void cli_dssat_notes(const char *code, const int32_t *number, const int32_t *flags, int n)
{
    for (int i = 0; i < n; i++) {
        if (flags[i] == 0)
            continue;
        int seen = 0; /* one line per distinct flag set, at its first treatment */
        for (int j = 0; j < i && !seen; j++)
            seen = flags[j] == flags[i];
        if (seen)
            continue;
        char list[512], what[1024];
        int count = treatment_list(number, flags, n, flags[i], list, sizeof list);
        /* a truncated description (AGRO_ELIMIT) is still printed; an unknown bit cannot come
           from agro_dssat_treatment_get */
        if (agro_dssat_ignored_describe(flags[i], what, sizeof what) == AGRO_ERANGE)
            snprintf(what, sizeof what, "unknown inputs (flags 0x%x)", (unsigned)flags[i]);
        fprintf(stderr, "agrosim: note: %s treatment%s %s: read but not simulated: %s\n", code,
                count > 1 ? "s" : "", list, what);
    }
}
