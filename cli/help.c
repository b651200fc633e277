/* The help of every command, in one table: `agrosim --help` lists the synopses, `agrosim help
 * COMMAND` and `agrosim COMMAND --help` print one command's options, and each command's usage
 * errors quote the same synopsis, so the three cannot drift apart (tests/cli/help.sh checks that
 * every option a command parses is in its help). */
#include <string.h>

#include "commands.h"

typedef struct cli_option {
    const char *flag; /* as typed, with its value: "--trt N" */
    const char *text; /* what it does; a '\n' continues on the next line, under the first */
} cli_option;

enum { MAX_OPTIONS = 16 };

typedef struct cli_help {
    const char *name;
    const char *synopsis;
    const char *summary;
    cli_option options[MAX_OPTIONS]; /* up to the first with a NULL flag */
} cli_help;

#define DSSAT_METHODS                                                                          \
    {"--evaporation ritchie|mesev",                                                            \
     "soil evaporation: Ritchie's two stages (default), or the\n"                              \
     "X file's MESEV (S: Suleiman-Ritchie) as DSSAT-CSM 4.8 does"},                             \
        {"--n-uptake generic|ceres-maize",                                                     \
         "maize N uptake: the generic root-length form (default)\n"                            \
         "or DSSAT's MZ_NUPTAK"},                                                              \
        {"--n-stress stage-transform|dssat-4.8",                                               \
         "maize N factor in stages 3-4: the older CERES transform\n"                           \
         "(default) or DSSAT-CSM 4.8's untransformed NFAC"},                                   \
        {"--stemp-surface air|albedo",                                                         \
         "STEMP's surface term: the mean air temperature (DSSAT\n"                             \
         "4.8.2, default) or the albedo-weighted estimate of 4.8.0"}

static const cli_help helps[] = {
    {"weather",
     "weather FILE [--json] [--strict]",
     "Summarise a weather file (.WTH or CSV): station, position, dates, mean radiation (MJ/m2/d),\n"
     "mean maximum and minimum temperature (degC) and total rain (mm).",
     {{"--json", "print the summary as one JSON object"},
      {"--strict", "fail unless every day is usable by a simulation (no missing required\n"
                   "value, no value DSSAT stops on, no gap)"}}},
    {"weather-gen",
     "weather-gen SITE.json --years N --seed S --out FILE.csv [--first-year Y]",
     "Generate daily weather from a site's monthly normals (docs/formats.md, \"Site JSON\") into\n"
     "the CSV weather format. The same site, seed and years give the same file.",
     {{"--years N", "whole years to generate, 1-10000"},
      {"--seed S", "random seed, an integer from 0 to 2^64 - 1"},
      {"--out FILE.csv", "the CSV file to write"},
      {"--first-year Y", "calendar year of the first day (default 2001)"}}},
    {"soil",
     "soil FILE [PROFILE_ID] [--json]",
     "Read a soil profile from a DSSAT .SOL file (PROFILE_ID required) or a soil JSON file\n"
     "(PROFILE_ID optional) and print its surface and layer properties.",
     {{"--json", "print the profile as one JSON object"}}},
    {"soil-temperature",
     "soil-temperature --weather W --soil FILE [ID] --years N [--cover C] [--depths-cm 5,50,150] "
     "[--json] [--seed S] [--method numerical|stemp|epic] [--bottom tav|zero-flux] "
     "[--residue-t-ha R] [--stemp-surface air|albedo]",
     "Run the soil temperature model over a weather series with the soil water held at the\n"
     "drained upper limit, and report the mean, minimum and maximum daily mean temperature (degC)\n"
     "at each depth after a one-year spin-up.",
     {{"--weather W", "a .WTH or CSV series, or a site JSON to generate N+1 years from"},
      {"--soil FILE [ID]", "a DSSAT .SOL file and profile ID, or a soil JSON file"},
      {"--years N", "years to report after the spin-up year, 1-200"},
      {"--cover C", "bare (default), residue, film-clear or film-black"},
      {"--depths-cm LIST", "comma-separated depths in cm, 0-300 (default 5,50,150)"},
      {"--json", "print the result as one JSON object"},
      {"--seed S", "seed when W is a site JSON (default 1)"},
      {"--method M", "numerical (finite volumes, default), stemp (DSSAT STEMP) or epic\n"
                     "(DSSAT STEMP_EPIC)"},
      {"--bottom B", "lower boundary of the numerical method: tav (the annual mean air\n"
                     "temperature at 3 m, default) or zero-flux"},
      {"--residue-t-ha R", "mulch mass under --cover residue, 0-50 t/ha (default 3)"},
      {"--stemp-surface S", "STEMP's surface term: air (DSSAT 4.8.2, default) or albedo (DSSAT\n"
                            "up to 4.8.0)"}}},
    {"run-dssat",
     "run-dssat EXP.MZX --data DIR [--trt N] [--summary S.csv] [--daily D.csv [--layers]] "
     "[--evaporation ritchie|mesev] [--n-uptake generic|ceres-maize] "
     "[--n-stress stage-transform|dssat-4.8] [--stemp-surface air|albedo]",
     "Run the treatments of a DSSAT maize experiment and print treatment, cultivar, population,\n"
     "yield (kg/ha dry) and phenology (days after planting); inputs read but not simulated are\n"
     "noted on stderr (docs/validation.md).",
     {{"--data DIR", "folder holding Genotype/, Soil/ and Weather/"},
      {"--trt N", "run treatment N only (default: every treatment)"},
      {"--summary S.csv", "write one row per treatment and season (the variables\n"
                          "of DSSAT's Summary.OUT)"},
      {"--daily D.csv", "write every simulated day of every treatment and\n"
                        "season"},
      {"--layers", "with --daily: also one column per soil layer of the root\n"
                   "length density, soil water, bulk density, saturation, soil\n"
                   "temperature, nitrate and ammonium (RL1D, SW1D, BD1, SAT1,\n"
                   "ST1D, NI1D, NH1D ...)"},
      DSSAT_METHODS}},
    {"validate",
     "validate --data DIR --crop maize --csv OUT.csv [--components OUT2.csv] "
     "[--timeseries OUT3.csv] [--evaporation ritchie|mesev] [--n-uptake generic|ceres-maize] "
     "[--n-stress stage-transform|dssat-4.8] [--stemp-surface air|albedo]",
     "Run every treatment of every experiment in DIR/Maize, write simulated and observed yield,\n"
     "anthesis and maturity, and print RMSE, nRMSE, bias and Willmott's d beside DSSAT's figures.",
     {{"--data DIR", "folder holding Maize/, Genotype/, Soil/ and Weather/"},
      {"--crop maize", "the crop (only maize is simulated)"},
      {"--csv OUT.csv", "one row per treatment: simulated and observed values"},
      {"--components OUT2.csv", "the yield components (kernel weight, kernels, tops, LAI)"},
      {"--timeseries OUT3.csv", "the in-season pairs of the T files\n"
                                "(experiment,treatment,date,dap,variable,sim,obs)"},
      DSSAT_METHODS}},
    {"run",
     "run SCENARIO.json -o RESULTS.h5 [--summary SUMMARY.csv] [--daily DAILY.csv [--layers]] "
     "[--quiet]",
     "Run a scenario (fields x interventions x seasons, docs/scenario.md), write every run to an\n"
     "HDF5 file and print the yield table per intervention: t/ha of dry grain and bags per acre\n"
     "or per ha (bag size, grain moisture and area from the scenario's \"report\").",
     {{"-o, --output RESULTS.h5", "the HDF5 results file to write"},
      {"--summary SUMMARY.csv", "also write one row per run"},
      {"--daily DAILY.csv", "also write every simulated day of every run, labelled\n"
                            "field/intervention/member (RUN), TRNO and SEASON (the\n"
                            "scenario must keep its daily records: report.daily)"},
      {"--layers", "with --daily: also one column per soil layer of the root\n"
                   "length density, soil water, bulk density, saturation, soil\n"
                   "temperature, nitrate and ammonium (RL1D, SW1D, BD1, SAT1,\n"
                   "ST1D, NI1D, NH1D ...)"},
      {"-q, --quiet", "no progress bar or timing line on stderr (the table is still printed)"}}},
};

static const cli_help *find(const char *command)
{
    for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
        if (strcmp(helps[i].name, command) == 0)
            return &helps[i];
    return NULL;
}

const char *cli_synopsis(const char *command)
{
    const cli_help *h = find(command);
    return h ? h->synopsis : command;
}

void cli_help_all(FILE *out)
{
    fprintf(out, "usage: agrosim COMMAND [ARGS]\n"
                 "       agrosim help COMMAND   (or agrosim COMMAND --help): a command's options\n"
                 "       agrosim --version   (or agrosim version)\n"
                 "commands:\n");
    for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
        fprintf(out, "  %s\n", helps[i].synopsis);
}

int cli_help_command(FILE *out, const char *command)
{
    /* not a command of the table (cli_help_all lists it beside help), so no options */
    if (strcmp(command, "version") == 0) {
        fprintf(out, "usage: agrosim --version   (or agrosim version)\n\n"
                     "Print the version of agrosim and its library (agro_version), as one line\n"
                     "\"agrosim X.Y.Z\". It takes no argument.\n\n"
                     "Exit status: 0, or 2 on a usage error (an argument).\n");
        return 0;
    }
    const cli_help *h = find(command);
    if (!h)
        return -1;
    fprintf(out, "usage: agrosim %s\n\n%s\n\noptions:\n", h->synopsis, h->summary);
    int width = 0;
    for (const cli_option *o = h->options; o < h->options + MAX_OPTIONS && o->flag; o++)
        if ((int)strlen(o->flag) > width)
            width = (int)strlen(o->flag);
    for (const cli_option *o = h->options; o < h->options + MAX_OPTIONS && o->flag; o++) {
        fprintf(out, "  %-*s  ", width, o->flag);
        for (const char *c = o->text; *c; c++)
            if (*c == '\n')
                fprintf(out, "\n  %-*s  ", width, "");
            else
                fputc(*c, out);
        fputc('\n', out);
    }
    /* the commands that write files name them in their synopsis (S.csv, RESULTS.h5) */
    if (strstr(h->synopsis, ".csv") || strstr(h->synopsis, ".h5"))
        fprintf(out, "\nOutput files are written whole or not at all (a temporary file renamed into "
                 "place);\nmissing folders are made, and a symbolic link stays a link. "
                 "Stopped by Ctrl-C,\nSIGTERM or SIGHUP, it leaves the old files and no temporary "
                 "file. An output that\nnames a file the command reads (its input, or a weather, "
                 "soil or cultivar file its\nruns load) is a usage error.\n");
    fprintf(out, "\nExit status: 0 on success, 1 on bad input (one stderr line naming the file, "
                 "line and field)\nor when standard output cannot be written (a full disk), 2 on a "
                 "usage error (an\nunknown option, a missing argument, an option value that is not "
                 "one the option\ntakes, or an option that takes a value given twice or followed by "
                 "another option\nin place of its value; a flag without one may repeat).\n");
    /* signals.c */
    fprintf(out, "Ctrl-C (SIGINT), SIGTERM or SIGHUP (the terminal closed) stops it, and it ends "
                 "by\nthat signal (the shell's status 130, 143 or 129).\n");
    return 0;
}
