#define _DEFAULT_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"

typedef struct command {
    const char *name;
    int (*fn)(int, char **);
} command;

/* in the order `agrosim --help` lists them (help.c) */
static const command commands[] = {
    {"weather", cmd_weather},         {"weather-gen", cmd_weather_gen},
    {"soil", cmd_soil},               {"soil-temperature", cmd_soil_temperature},
    {"run-dssat", cmd_run_dssat},     {"validate", cmd_validate},
    {"run", cmd_run},
};

int cli_report(agro_ctx *ctx, int status)
{
    /* a call that stopped for Ctrl-C (AGRO_ECANCELED, or EINTR of a blocking read) is no error
       to report: the tool ends by the signal (cli_signals_finish) */
    if (cli_interrupted())
        return 1;
    char msg[AGRO_MESSAGE_MAX];
    msg[0] = '\0';
    if (ctx)
        agro_ctx_message(ctx, msg, sizeof msg);
    if (msg[0])
        fprintf(stderr, "agrosim: %s\n", msg);
    else
        fprintf(stderr, "agrosim: %s\n", agro_strerror(status));
    return 1;
}

int cli_same_file(const char *a, const char *b)
{
    /* the library's test, which its results writers make against a scenario's inputs */
    int32_t same = 0;
    return agro_output_same_file(a, b, &same) == AGRO_OK && same;
}

int cli_parse_seed(const char *s, unsigned long long *out)
{
    if (!s || *s < '0' || *s > '9')
        return 1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end || errno)
        return 1;
    *out = v;
    return 0;
}

int cli_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "agrosim: usage: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    return 2;
}

int cli_once(const char *cmd, const char *flag, const char **first, const char *value)
{
    if (*first)
        return cli_usage("%s: %s given twice (first as %s)", cmd, flag, *first);
    if (value && value[0] == '-' && isalpha((unsigned char)(value[1] == '-' ? value[2] : value[1])))
        return cli_usage("%s: %s needs a value, not the option \"%s\" (a file of that name: "
                         "./%s)", cmd, flag, value, value);
    *first = flag;
    return 0;
}

void cli_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

void cli_json_number(FILE *out, double v)
{
    if (isfinite(v))
        fprintf(out, "%.10g", v);
    else
        fputs("null", out);
}

const char *cli_models_dir(void)
{
    struct stat st;
    if (stat(AGROSIM_MODELS_DIR, &st) == 0 && S_ISDIR(st.st_mode))
        return AGROSIM_MODELS_DIR;
    return AGROSIM_INSTALLED_MODELS_DIR;
}

/* 0, or the errno of a failed write to standard output found by flushing it now (EIO when an
 * earlier write set the stream's error flag and the flush gives no reason). */
static int stdout_error(void)
{
    errno = 0;
    int e = fflush(stdout) != 0 ? (errno ? errno : EIO) : 0;
    return !e && ferror(stdout) ? EIO : e;
}

int cli_flush_stdout(void)
{
    const int e = stdout_error();
    /* a write to a full pipe that a signal interrupted (EINTR) is no error to report: the tool
       ends by the signal (signals.c) */
    if (e && !cli_interrupted())
        fprintf(stderr, "agrosim: standard output: write error: %s\n", strerror(e));
    return e ? 1 : 0;
}

/* A command's exit status once its standard output is flushed and closed: a write error there
 * (a full disk, /dev/full, EIO) turns success into 1 with one stderr line, as coreutils'
 * close_stdout does; unchecked, `agrosim soil-temperature ... > out.txt` on a full disk exited 0
 * with nothing written. A command that already failed keeps its status and its one line. */
static int close_stdout(int status, int stdout_closed)
{
    if (stdout_closed) {
        /* what was printed went to the /dev/null that held the place (hold_std_streams) */
        fclose(stdout);
        if (status == 0)
            fprintf(stderr, "agrosim: standard output: write error: %s\n", strerror(EBADF));
        return status ? status : 1;
    }
    int e = stdout_error();
    errno = 0;
    if (fclose(stdout) != 0 && !e)
        e = errno ? errno : EIO;
    if (!e || status != 0)
        return status;
    fprintf(stderr, "agrosim: standard output: write error: %s\n", strerror(e));
    return 1;
}

/* A standard stream the caller closed (`agrosim ... >&-`) is the lowest free descriptor, so the
 * first file a command opens (an output's temporary file) took its number, and what the command
 * printed on stdout (run-dssat's table) was written into that file: /dev/null holds the place
 * first, as coreutils' stdopen does. *@p stdout_closed says whether stdout was closed, which
 * stays a write error at the end. 0, or -1 when a closed stream cannot be held. */
static int hold_std_streams(int *stdout_closed)
{
    *stdout_closed = 0;
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        if (fd == 1)
            *stdout_closed = 1;
        /* open gives the lowest free descriptor: fd itself, the ones below being open */
        const int got = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
        if (got != fd) {
            if (got >= 0)
                close(got);
            return -1;
        }
    }
    return 0;
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        cli_help_all(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        /* as every command: --help answers, another argument is a usage error (it was ignored) */
        if (argc > 2 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0))
            return cli_help_command(stdout, "version") == 0 ? 0 : 2;
        if (argc > 2)
            return cli_usage("%s takes no argument (got \"%s\")", argv[1], argv[2]);
        printf("agrosim %s\n", agro_version());
        return 0;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        (strcmp(argv[1], "help") == 0 && argc == 2)) {
        cli_help_all(stdout);
        return 0;
    }
    if (strcmp(argv[1], "help") == 0) {
        if (argc > 3)
            return cli_usage("help COMMAND: one command only");
        /* help about help (`agrosim help help`, `agrosim help --help`, as COMMAND --help) */
        if (strcmp(argv[2], "help") == 0 || strcmp(argv[2], "--help") == 0 ||
            strcmp(argv[2], "-h") == 0) {
            cli_help_all(stdout);
            return 0;
        }
        if (cli_help_command(stdout, strcmp(argv[2], "--version") == 0 ? "version" : argv[2]) == 0)
            return 0;
        fprintf(stderr, "agrosim: help: unknown command \"%s\" (agrosim --help lists them)\n",
                argv[2]);
        return 2;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0) {
            /* asking for help wins over everything else on the line, as in most tools */
            for (int k = 2; k < argc; k++)
                if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0)
                    return cli_help_command(stdout, argv[1]) == 0 ? 0 : 2;
            /* no command takes an empty argument: as a file name it would surface as an error
               naming "" after the work is done, as a number or a choice as a bad value */
            for (int k = 2; k < argc; k++)
                if (argv[k][0] == '\0')
                    return k > 2 ? cli_usage("%s: argument %d (after %s) is empty", argv[1], k - 1,
                                             argv[k - 1])
                                 : cli_usage("%s: argument 1 is empty", argv[1]);
            return commands[i].fn(argc - 1, argv + 1);
        }
    fprintf(stderr, "agrosim: unknown command \"%s\" (agrosim --help lists them)\n", argv[1]);
    return 2;
}

int main(int argc, char **argv)
{
    /* past a file-size limit (ulimit -f) the kernel would kill the tool with SIGXFSZ and leave a
       temporary file; ignored, the write fails with EFBIG and the writer reports it and cleans up */
    signal(SIGXFSZ, SIG_IGN);
    int stdout_closed;
    if (hold_std_streams(&stdout_closed) != 0) {
        fprintf(stderr, "agrosim: a standard stream is closed and /dev/null cannot be opened in "
                        "its place: %s\n", strerror(errno));
        return 1;
    }
    /* Ctrl-C, SIGTERM and SIGHUP stop a command cleanly (signals.c) */
    cli_signals_install();
    const int status = dispatch(argc, argv);
    cli_signals_finish(); /* interrupted: the process ends here, by the signal */
    return close_stdout(status, stdout_closed);
}
