/* Notes on stderr about the DSSAT inputs that the printed results do not simulate
 * (agro_dssat_treatment.ignored), shared by `run-dssat` and `validate`: the library only
 * flags them, the tool tells the user, so that no deviation from DSSAT goes unseen. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"

/* Every value of every method flag: the one table from which the flags are read
 * (cli_dssat_method_option) and written back (cli_dssat_method_flags). */
static const struct {
    const char *flag, *value;
    size_t member; /* offset of the int32_t member of agro_dssat_run_options */
    int32_t set;
} method_values[] = {
    {"--evaporation", "ritchie", offsetof(agro_dssat_run_options, follow_mesev), 0},
    {"--evaporation", "mesev", offsetof(agro_dssat_run_options, follow_mesev), 1},
    {"--n-uptake", "generic", offsetof(agro_dssat_run_options, crop_n_uptake_method),
     AGRO_CROP_N_UPTAKE_GENERIC},
    {"--n-uptake", "ceres-maize", offsetof(agro_dssat_run_options, crop_n_uptake_method),
     AGRO_CROP_N_UPTAKE_CERES_MAIZE},
    {"--n-stress", "stage-transform", offsetof(agro_dssat_run_options, crop_n_stress_method),
     AGRO_CROP_N_STRESS_STAGE_TRANSFORM},
    {"--n-stress", "dssat-4.8", offsetof(agro_dssat_run_options, crop_n_stress_method),
     AGRO_CROP_N_STRESS_DSSAT48},
    {"--stemp-surface", "air", offsetof(agro_dssat_run_options, soil_temp_surface),
     AGRO_STEMP_SURFACE_AIR},
    {"--stemp-surface", "albedo", offsetof(agro_dssat_run_options, soil_temp_surface),
     AGRO_STEMP_SURFACE_ALBEDO},
};
enum { N_METHOD_VALUES = sizeof method_values / sizeof method_values[0] };

static int32_t *method_member(agro_dssat_run_options *o, int k)
{
    return (int32_t *)((char *)o + method_values[k].member);
}

static int32_t method_value(const agro_dssat_run_options *o, int k)
{
    return *(const int32_t *)((const char *)o + method_values[k].member);
}

/* a flag keeps its first spelling in the slot of its first entry in the table */
_Static_assert(sizeof((cli_dssat_methods_seen *)0)->first / sizeof(const char *) >=
                   N_METHOD_VALUES,
               "cli_dssat_methods_seen has a slot for every entry of method_values");

int cli_dssat_method_option(const char *command, int argc, char **argv, int *i,
                            agro_dssat_run_options *o, cli_dssat_methods_seen *seen)
{
    const char *flag = argv[*i];
    int first = 0; /* the flag's first entry, whose slot of @p seen it takes */
    while (first < N_METHOD_VALUES && strcmp(flag, method_values[first].flag) != 0)
        first++;
    if (first == N_METHOD_VALUES)
        return 0;
    if (cli_once(command, flag, &seen->first[first], NULL))
        return -1;
    for (int k = first; k < N_METHOD_VALUES; k++)
        if (strcmp(flag, method_values[k].flag) == 0 && *i + 1 < argc &&
            strcmp(argv[*i + 1], method_values[k].value) == 0) {
            *method_member(o, k) = method_values[k].set;
            (*i)++;
            return 1;
        }
    cli_usage("%s: %s needs one of the values shown", cli_synopsis(command), flag);
    return -1;
}

void cli_dssat_method_flags(const agro_dssat_run_options *o, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int k = 0; k < N_METHOD_VALUES; k++)
        if (method_value(o, k) == method_values[k].set && len < size) {
            int w = snprintf(buf + len, size - len, "%s%s %s", len ? " " : "",
                             method_values[k].flag, method_values[k].value);
            len += w > 0 ? (size_t)w : 0;
        }
}

int32_t cli_dssat_shown_flags(const agro_dssat_treatment *t, const agro_dssat_run_options *o)
{
    int32_t flags = t->ignored;
    if (o->follow_mesev)
        flags &= ~(int32_t)AGRO_DSSAT_IGNORED_SOIL_EVAPORATION;
    if (!(t->row_spacing_cm > 0)) /* missing (NaN) or not positive */
        flags |= CLI_DSSAT_NOTE_ROW_SPACING;
    return flags;
}

/* "1-9", "1-2, 5": the treatments of @p number whose flags equal @p want, runs of
 * consecutive numbers (in the given order) joined by a dash. Returns how many there are. */
static int treatment_list(const int32_t *number, const int32_t *flags, int n, int32_t mask,
                          int32_t want, char *buf, size_t size)
{
    size_t len = 0;
    int count = 0;
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        if ((flags[i] & mask) != want)
            continue;
        int j = i; /* extend the run while the next treatment of the set is number + 1 */
        for (int k = i + 1; k < n && (flags[k] & mask) == want && number[k] == number[j] + 1; k++)
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
    const int32_t lib = ~CLI_DSSAT_NOTE_ROW_SPACING;
    char list[512], what[2048];
    for (int i = 0; i < n; i++) {
        const int32_t f = flags[i] & lib;
        if (f == 0)
            continue;
        int seen = 0; /* one line per distinct flag set, at its first treatment */
        for (int j = 0; j < i && !seen; j++)
            seen = (flags[j] & lib) == f;
        if (seen)
            continue;
        int count = treatment_list(number, flags, n, lib, f, list, sizeof list);
        /* a truncated description (AGRO_ELIMIT) is still printed; an unknown bit cannot come
           from agro_dssat_treatment_get */
        if (agro_dssat_ignored_describe(f, what, sizeof what) == AGRO_ERANGE)
            snprintf(what, sizeof what, "unknown inputs (flags 0x%x)", (unsigned)f);
        fprintf(stderr, "agrosim: note: %s treatment%s %s: read but not simulated: %s\n", code,
                count > 1 ? "s" : "", list, what);
    }
    int count = treatment_list(number, flags, n, CLI_DSSAT_NOTE_ROW_SPACING,
                               CLI_DSSAT_NOTE_ROW_SPACING, list, sizeof list);
    if (count > 0) /* DSSAT's IPPLNT warns the same way */
        fprintf(stderr, "agrosim: note: %s treatment%s %s: row spacing (PLRS) missing, set to "
                        "100/sqrt(plants/m2) cm as DSSAT's IPPLNT does\n",
                code, count > 1 ? "s" : "", list);
}

int cli_dssat_refuse_inputs(const char *cmd, const char *whose, const agro_dssat_inputs *in,
                            const char *const *flags, const char *const *paths, int n)
{
    for (int k = 0; k < n; k++) {
        int32_t at = -1, kind = 0;
        char file[4096];
        if (paths[k] && agro_dssat_inputs_find(in, paths[k], &at) == AGRO_OK && at >= 0 &&
            agro_dssat_inputs_get(in, at, file, sizeof file, &kind) == AGRO_OK)
            return cli_usage("%s: %s names %s %s \"%s\"", cmd, flags[k], whose,
                             agro_dssat_input_kind_name(kind), file);
    }
    return 0;
}
