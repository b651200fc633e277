/* The agrosim command-line tool: one file per command, each a thin layer over the library. */
#ifndef AGROSIM_CLI_COMMANDS_H
#define AGROSIM_CLI_COMMANDS_H

#include <stdio.h>
#include "agrosim/agrosim.h"

/* Each command returns the process exit status (0 ok, 1 bad input: a file or its contents, 2
 * usage: an unknown option, a missing argument, an option value it does not take, an option
 * that takes a value given twice or followed by an option in place of its value (cli_once));
 * its synopsis and options are in help.c, which its usage errors quote (cli_synopsis). On
 * failure it prints exactly one line on stderr naming the file, the line and what is wrong. Standard output that cannot be written (a full disk) is such
 * a failure, exit 1, checked when the command returns (main.c) and where it flushes before its
 * notes (cli_flush_stdout). An empty argument is a usage error before any command runs
 * (main.c); tests/cli/arguments.sh checks the error paths of every command. Besides errors,
 * `run-dssat` and `validate` print "agrosim: note: ..." lines on stderr for inputs that the
 * simulated treatments read but do not simulate (cli_dssat_notes). */
int cmd_weather(int argc, char **argv);
int cmd_weather_gen(int argc, char **argv);
int cmd_soil(int argc, char **argv);
int cmd_soil_temperature(int argc, char **argv);
int cmd_run_dssat(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_run(int argc, char **argv);

/* The synopsis of @p command ("run SCENARIO.json -o RESULTS.h5 ..."), for its usage errors; the
 * command's name itself if it has no help entry (help.c). */
const char *cli_synopsis(const char *command);
/* `agrosim --help`: the usage line and every command's synopsis. */
void cli_help_all(FILE *out);
/* `agrosim help COMMAND`: synopsis, summary and one line per option; -1 for an unknown command. */
int cli_help_command(FILE *out, const char *command);
/* Print "agrosim: <message of ctx>" (or "agrosim: <strerror(status)>") on one stderr line;
 * nothing once the tool was interrupted (cli_interrupted: the failure is the signal's).
 * Returns 1. */
int cli_report(agro_ctx *ctx, int status);
/* 1 when output files @p a and @p b are one file: the same name, one existing file (same
 * device and inode), or, when one does not exist yet, two spellings of one name once the
 * folders the write makes exist (new/./x.csv, missing/../x.csv) and a link is followed, also
 * one to nothing; the second writer would replace the first one's file. The library's test
 * (agro_output_same_file), which its results writers make against a scenario's inputs. */
int cli_same_file(const char *a, const char *b);
/* Flush standard output (before stderr notes that should follow it): 0, or 1 after one stderr
 * line "agrosim: standard output: write error: <reason>" (a full disk); main() checks it again
 * when the command returns, so a command that goes on needs only its exit status. After a
 * signal (cli_interrupted) the line is left out: a write to a full pipe that the signal
 * interrupted fails with EINTR, and the tool ends by the signal. */
int cli_flush_stdout(void);
/* Print a usage error on one line and return 2. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An option that takes a value, found at @p flag (argv[i] as typed, "-o" or "--output") in
 * command @p cmd: 0 the first time, keeping the spelling in *@p first (NULL until then, one per
 * option); again, under either spelling, a usage error "COMMAND: FLAG given twice (first as
 * FIRST)" and 2: otherwise the last value wins silently, and the user who read the first gets
 * another file written or another treatment run. A flag without a value (--layers, --quiet,
 * --json) may repeat: the second one changes nothing.
 * @p value (the argument after the flag, or NULL when the caller checks it against a list)
 * must not look like an option, "-" and a letter ("-q", "--quiet"): "run S.json -o --quiet"
 * wrote a results file named "--quiet"; a usage error says so ("./--quiet" names such a file).
 * A negative number ("-5") or "-" passes. */
int cli_once(const char *cmd, const char *flag, const char **first, const char *value);
/* A seed: decimal digits only (strtoull alone took " -1" as 2^64 - 1 and "+5" as 5), at most
 * 2^64 - 1. 0, or 1 when @p s is not one. */
int cli_parse_seed(const char *s, unsigned long long *out);
/* For the @p n treatments @p number of experiment @p code with their notes @p flags
 * (cli_dssat_shown_flags): one stderr line per distinct non-zero set of AGRO_DSSAT_IGNORED_*
 * bits, in order of first appearance, "agrosim: note: CODE treatments 1-9: read but not
 * simulated: ...", then one for the treatments planted at the default row spacing
 * (dssat_notes.c). */
void cli_dssat_notes(const char *code, const int32_t *number, const int32_t *flags, int n);
/* The DSSAT 4.8 method options given so far: the spelling of each (cli_once), a slot per value
 * of the method table (dssat_notes.c checks there are enough); zero it before the loop. */
typedef struct cli_dssat_methods_seen {
    const char *first[8];
} cli_dssat_methods_seen;
/* The DSSAT 4.8 method options of `run-dssat` and `validate` (@p command): `--evaporation
 * ritchie|mesev`, `--n-uptake generic|ceres-maize`, `--n-stress stage-transform|dssat-4.8` and
 * `--stemp-surface air|albedo` (argv[*i] the flag, argv[*i + 1] its value). Returns 1 and steps
 * *i over the value when the flag is one of them and its value valid, 0 when the flag is
 * another, -1 after a usage error on stderr (the command returns 2): a missing or unknown
 * value, or a flag of @p seen given before (dssat_notes.c). */
int cli_dssat_method_option(const char *command, int argc, char **argv, int *i,
                            agro_dssat_run_options *o, cli_dssat_methods_seen *seen);
/* The method options of @p o as the flags that set them ("--evaporation ritchie --n-uptake
 * generic ..."), into @p buf of @p size bytes (dssat_notes.c). */
void cli_dssat_method_flags(const agro_dssat_run_options *o, char *buf, size_t size);
/* The notes of treatment @p t as the user sees them under @p o: its AGRO_DSSAT_IGNORED_* flags
 * (MESEV S is not a deviation when the run follows MESEV), with CLI_DSSAT_NOTE_ROW_SPACING
 * when PLRS is missing and the runner plants at DSSAT's default spacing. */
int32_t cli_dssat_shown_flags(const agro_dssat_treatment *t, const agro_dssat_run_options *o);
/* `run-dssat` and `validate` (@p cmd): 2 after a usage error "CMD: FLAG names WHOSE KIND
 * \"FILE\"" when output @p paths[k] (NULL: not given) of option @p flags[k], k < @p n, names a
 * file of @p in (agro_dssat_inputs_find: the same file through links and "..", or a name the
 * runs look for), FILE the input as the runs open it and @p whose e.g. "the experiment's";
 * 0 when none does. Checked before any folder or file is made (dssat_notes.c). */
int cli_dssat_refuse_inputs(const char *cmd, const char *whose, const agro_dssat_inputs *in,
                            const char *const *flags, const char *const *paths, int n);
/* A note bit of the tool's own, beside the library's AGRO_DSSAT_IGNORED_* bits. */
#define CLI_DSSAT_NOTE_ROW_SPACING ((int32_t)1 << 30)
/* An output file of the tool (outfile.c): an agro_outfile (agrosim/output.h), renamed into
 * place by cli_out_close, with what the messages name. */
typedef struct cli_out {
    const char *path, *what; /* the target, and what it holds ("CSV file") for the messages */
    agro_outfile *of;
} cli_out;
/* @p cmd's output files @p paths[k] (NULL: not given) of options @p flags[k], k < @p n: 0 when
 * the writers can make each by its name (agro_output_check_name), else 2 after a usage error
 * "CMD: FLAG: NAME: file name too long (...)", or 1 after "NAME: cannot write: Is a directory"
 * for a folder's name ("out.csv/", "new/."). Checked before any folder of any of them is made,
 * so that a refused name leaves no folder of another. */
int cli_out_names(const char *cmd, const char *const *flags, const char *const *paths, int n);
/* Create every missing folder above the output file @p path (mkdir -p of its folder), as every
 * command does before it writes. 0, or 1 after one stderr line naming the folder and the
 * system's reason; a name no writer can make (agro_output_check_name: too long, too long for
 * its temporary name, or a folder's: ending in '/', "." or "..", refused as EISDIR) is refused
 * with nothing made. */
int cli_make_parent(const char *path);
/* Whether @p path can be written, before a long run: a folder is refused, a FIFO or device is
 * taken as it is, else its folder is made (cli_make_parent) and a temporary file is made and
 * removed in it. 0, or 1 after one stderr line naming the file and the system's reason. */
int cli_out_check(const char *path, const char *what);
/* Open @p path for writing through @p o (agro_outfile_create), after making its folder
 * (cli_make_parent): the stream to write, which o->of also holds for a library writer
 * (agro_output_write_csv_to). NULL after one stderr line naming the file and the system's
 * reason. */
FILE *cli_out_open(cli_out *o, const char *path, const char *what);
/* Finish @p o: when @p keep, commit it (agro_outfile_commit: flush, fsync, rename into place);
 * otherwise drop it (the temporary file is removed). Returns 0, or 1 after one stderr line
 * naming the file and the reason (No space left on device, ...), the old file kept. */
int cli_out_close(cli_out *o, int keep);
/* Ctrl-C, SIGTERM and SIGHUP (signals.c): install the handlers (main(), before a command runs; a
 * signal that was ignored when the tool started stays ignored). The handler records the first
 * signal and cancels the watched context (agro_ctx_cancel), so that the library's long calls
 * return AGRO_ECANCELED; the command then frees its writers (their temporary files go, the old
 * targets stay) and returns, printing no error, and main() calls cli_signals_finish. */
void cli_signals_install(void);
/* Watch @p ctx (the context of a command's long calls; NULL to stop, before it is freed): a
 * signal cancels it, one caught before now at once. */
void cli_signals_watch(agro_ctx *ctx);
/* 1 once SIGINT, SIGTERM or SIGHUP was caught: a command stops, commits nothing it has not begun to
 * rename into place, and prints no error (cli_report and the writers' messages are silent). */
int cli_interrupted(void);
/* When a signal was caught: flush stdout and stderr and end the process by that signal with its
 * default action (the shell's status 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP); otherwise
 * return. */
void cli_signals_finish(void);
/* Print a JSON string literal with escapes. */
void cli_json_string(FILE *out, const char *s);
/* Print a double as JSON (null when not finite). */
void cli_json_number(FILE *out, double v);
/* Default models folder (source tree or installed). */
const char *cli_models_dir(void);

#endif
