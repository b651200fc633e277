/* The command line of the benchmark programs. An argument a program does not take is a usage
 * error (exit 2), so that a misspelt mode (`--centruy`) never times and checksums the default
 * mode as if it were the one asked for, and `--help` prints the usage instead of running. A
 * count is a whole number from 1 to BENCH_COUNT_MAX: atoi would read "abc" or "2k" silently. */
#ifndef AGROSIM_BENCH_ARGS_H
#define AGROSIM_BENCH_ARGS_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BENCH_COUNT_MAX 1000000L

/* 1 when @p arg asks for the usage (`-h`, `--help`). */
static inline int bench_is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

/* 1 when @p arg is an option (`-x`, `--xyz`), not a count, however bad (`-5`). */
static inline int bench_is_option(const char *arg)
{
    return arg[0] == '-' && !(arg[1] >= '0' && arg[1] <= '9');
}

/* The usage error: one line naming the program, what it refused and the argument, then the
 * usage. Returns 2, the exit status. */
static inline int bench_usage_error(const char *prog, const char *usage, const char *what,
                                    const char *arg)
{
    fprintf(stderr, "%s: %s \"%s\"\nusage: %s\n", prog, what, arg, usage);
    return 2;
}

/* Take @p arg as the count called @p name into @p count: 0, or the usage error's exit status 2
 * when it is not a whole number from 1 to BENCH_COUNT_MAX (@p count unchanged). */
static inline int bench_count(const char *prog, const char *usage, const char *name,
                              const char *arg, long *count)
{
    char *end, what[96];
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (end == arg || *end != '\0' || errno || v < 1 || v > BENCH_COUNT_MAX) {
        snprintf(what, sizeof what, "%s must be a whole number from 1 to %ld, not", name,
                 BENCH_COUNT_MAX);
        return bench_usage_error(prog, usage, what, arg);
    }
    *count = v;
    return 0;
}

/* The command line of a program that takes at most one count, called @p name: 0 to run (@p count
 * set, or left at its default), 1 after printing the usage for --help, or the usage error's exit
 * status 2. The caller exits with `rc == 1 ? 0 : rc` unless it is 0. */
static inline int bench_one_count_args(int argc, char **argv, const char *prog, const char *usage,
                                       const char *name, long *count)
{
    char what[96];
    if (argc > 1 && bench_is_help(argv[1])) {
        printf("usage: %s\n", usage);
        return 1;
    }
    if (argc > 2) {
        snprintf(what, sizeof what, "one %s only, not also", name);
        return bench_usage_error(prog, usage, what, argv[2]);
    }
    if (argc > 1 && bench_is_option(argv[1]))
        return bench_usage_error(prog, usage, "unknown option", argv[1]);
    return argc > 1 ? bench_count(prog, usage, name, argv[1], count) : 0;
}

#endif
