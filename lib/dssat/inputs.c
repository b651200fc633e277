/*
 * The files a DSSAT run reads (agro_dssat_inputs_add): the X file and its A and T files, the
 * genotype files, the soil files and every weather file of every season, with the names the
 * runner (run.c) and the readers it calls look for, so that a writer can refuse an output path
 * naming one of them (agro_output_same_file). The names are made as run.c makes them, with its
 * helpers (internal/dssat.h), so that the list follows the runner.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agrosim/dssat.h"
#include "agrosim/output.h"
#include "agrosim/soil.h"
#include "internal/dssat.h"
#include "internal/error.h"

#define PATH_LEN 4096

struct agro_dssat_inputs {
    int32_t n, cap;
    char **path;
    int32_t *kind;
};

static const char *const kind_name[AGRO_DSSAT_INPUT_N] = {
    "experiment file", "observation file (A)", "time-series file (T)", "weather file",
    "soil file",       "cultivar file",        "ecotype file",         "species file"};

const char *agro_dssat_input_kind_name(int32_t kind)
{
    return kind >= 0 && kind < AGRO_DSSAT_INPUT_N ? kind_name[kind] : NULL;
}

int agro_dssat_inputs_create(agro_ctx *ctx, agro_dssat_inputs **out)
{
    if (!out)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL output");
    *out = calloc(1, sizeof **out);
    return *out ? AGRO_OK : agro_fail(ctx, AGRO_ENOMEM, NULL, 0, NULL, "out of memory");
}

void agro_dssat_inputs_free(agro_dssat_inputs *in)
{
    if (!in)
        return;
    for (int32_t i = 0; i < in->n; i++)
        free(in->path[i]);
    free(in->path);
    free(in->kind);
    free(in);
}

int agro_dssat_inputs_add_file(agro_ctx *ctx, agro_dssat_inputs *in, const char *path,
                               int32_t kind)
{
    if (!in || !path)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL list or path");
    if (!agro_dssat_input_kind_name(kind))
        return agro_fail(ctx, AGRO_ERANGE, path, 0, "kind",
                         "unknown input kind %d (0 .. %d)", (int)kind, AGRO_DSSAT_INPUT_N - 1);
    for (int32_t i = 0; i < in->n; i++)
        if (strcmp(in->path[i], path) == 0)
            return AGRO_OK;
    if (in->n == in->cap) {
        const int32_t cap = in->cap ? 2 * in->cap : 16;
        char **p = realloc(in->path, sizeof *p * (size_t)cap);
        if (!p)
            return agro_fail(ctx, AGRO_ENOMEM, path, 0, NULL, "out of memory");
        in->path = p;
        int32_t *k = realloc(in->kind, sizeof *k * (size_t)cap);
        if (!k)
            return agro_fail(ctx, AGRO_ENOMEM, path, 0, NULL, "out of memory");
        in->kind = k;
        in->cap = cap;
    }
    const size_t len = strlen(path);
    if (!(in->path[in->n] = malloc(len + 1)))
        return agro_fail(ctx, AGRO_ENOMEM, path, 0, NULL, "out of memory");
    memcpy(in->path[in->n], path, len + 1);
    in->kind[in->n++] = kind;
    return AGRO_OK;
}

/* A formatted name into @p buf, AGRO_ERANGE naming it when it does not fit */
static int fits(agro_ctx *ctx, int k, const char *buf)
{
    return k < 0 || k >= PATH_LEN
               ? agro_fail(ctx, AGRO_ERANGE, buf, 0, NULL, "path longer than %d bytes",
                           PATH_LEN - 1)
               : AGRO_OK;
}

/* The A or T file (@p letter) of X file @p xpath: the extension's last letter replaced in the
 * X file's case (DSSAT's FILEA, FILET; agro_dssat_tfile_path), and the extension all upper and
 * all lower case (the CLI's validate looks for both: .MZA, then .mza). */
static int add_sibling(agro_ctx *ctx, agro_dssat_inputs *in, const char *xpath, char letter,
                       int32_t kind)
{
    const size_t len = strlen(xpath);
    const char *slash = strrchr(xpath, '/');
    const char *dot = strrchr(xpath, '.');
    if (len < 2 || len >= PATH_LEN || (xpath[len - 1] != 'X' && xpath[len - 1] != 'x'))
        return AGRO_OK; /* no A or T file is looked for */
    char buf[PATH_LEN];
    memcpy(buf, xpath, len + 1);
    buf[len - 1] = xpath[len - 1] == 'X' ? letter : (char)(letter - 'A' + 'a');
    int rc = agro_dssat_inputs_add_file(ctx, in, buf, kind);
    const int has_ext = dot && !(slash && dot < slash);
    for (int lower = 0; has_ext && lower < 2 && !rc; lower++) {
        for (char *c = buf + (dot - xpath) + 1; *c; c++)
            if (lower ? (*c >= 'A' && *c <= 'Z') : (*c >= 'a' && *c <= 'z'))
                *c = (char)(lower ? *c - 'A' + 'a' : *c - 'a' + 'A');
        buf[len - 1] = lower ? (char)(letter - 'A' + 'a') : letter;
        rc = agro_dssat_inputs_add_file(ctx, in, buf, kind);
    }
    return rc;
}

/* The weather, genotype and soil files of treatment @p number, as run.c reads them and in its
 * order; where the runner stops on what the X file says (a treatment that does not resolve,
 * another crop, no planting), so does the list */
static int add_treatment(agro_ctx *ctx, agro_dssat_inputs *in, const agro_dssat_exp *x,
                         int32_t number, const char *data_dir, agro_dssat_treatment *t)
{
    char path[PATH_LEN], wdir[PATH_LEN], wsta[16], soil_id[16], crop[8];
    int rc;
    if (agro_dssat_treatment_get(NULL, x, number, t))
        return AGRO_OK;
    agro_dssat_treatment_text(x, number, AGRO_DSSAT_TEXT_WEATHER_STATION, wsta, sizeof wsta);
    agro_dssat_treatment_text(x, number, AGRO_DSSAT_TEXT_SOIL_ID, soil_id, sizeof soil_id);
    agro_dssat_treatment_text(x, number, AGRO_DSSAT_TEXT_CROP, crop, sizeof crop);
    if ((rc = fits(ctx, snprintf(wdir, sizeof wdir, "%s/Weather", data_dir), wdir)))
        return rc;
    /* the file whose first date places the X file's YYDDD dates (run.c first_weather_date),
       opened before the crop is known */
    const int32_t start0 = t->start_date ? t->start_date : t->plant_date;
    if (agro_dssat_first_weather_path(wdir, wsta, start0, path, sizeof path) == 0 &&
        (rc = agro_dssat_inputs_add_file(ctx, in, path, AGRO_DSSAT_INPUT_WEATHER)))
        return rc;
    const int32_t fwd = agro_dssat_first_weather_date(wdir, wsta, start0);
    int32_t first, last;
    if ((fwd > 0 && agro_dssat_treatment_get_weather(NULL, x, number, fwd, t)) ||
        strcmp(crop, "MZ") != 0 || agro_dssat_weather_span(t, &first, &last))
        return AGRO_OK; /* the runner stops there */
    static const char *const gen_ext[3] = {"CUL", "ECO", "SPE"};
    for (int k = 0; k < 3; k++)
        if ((rc = fits(ctx, snprintf(path, sizeof path, "%s/Genotype/MZCER048.%s", data_dir,
                                     gen_ext[k]), path)) ||
            (rc = agro_dssat_inputs_add_file(ctx, in, path, AGRO_DSSAT_INPUT_CULTIVAR + k)))
            return rc;
    /* agro_soil_load_dssat_dir: SOIL.SOL, then XX.SOL when SOIL.SOL is missing or does not
       hold the profile (read here as the run reads it, to tell) */
    if ((rc = fits(ctx, snprintf(path, sizeof path, "%s/Soil/SOIL.SOL", data_dir), path)) ||
        (rc = agro_dssat_inputs_add_file(ctx, in, path, AGRO_DSSAT_INPUT_SOIL)))
        return rc;
    if (strlen(soil_id) >= 2 && soil_id[0] != '.' && soil_id[1] != '.' && soil_id[0] != '/' &&
        soil_id[1] != '/') {
        int looks_further = 1;
        FILE *fp = fopen(path, "rb");
        if (fp) {
            fclose(fp);
            agro_soil_profile *sp = malloc(sizeof *sp);
            if (!sp)
                return agro_fail(ctx, AGRO_ENOMEM, path, 0, NULL, "out of memory");
            looks_further = agro_soil_load_dssat(NULL, path, soil_id, sp) == AGRO_ENOTFOUND;
            free(sp);
        }
        if (looks_further &&
            ((rc = fits(ctx, snprintf(path, sizeof path, "%s/Soil/%c%c.SOL", data_dir,
                                      soil_id[0], soil_id[1]), path)) ||
             (rc = agro_dssat_inputs_add_file(ctx, in, path, AGRO_DSSAT_INPUT_SOIL))))
            return rc;
    }
    /* the weather of every season, each season's dates k years on (run.c shift_years) */
    const int32_t n_seasons = t->n_years > 1 ? t->n_years : 1;
    for (int32_t season = 0; season < n_seasons && !rc; season++) {
        if (season > 0 && (agro_dssat_treatment_get(NULL, x, number, t) ||
                           (fwd > 0 && agro_dssat_treatment_get_weather(NULL, x, number, fwd, t))))
            break;
        rc = agro_dssat_weather_inputs(ctx, t, season, wdir, wsta, in);
    }
    return rc;
}

int agro_dssat_inputs_add(agro_ctx *ctx, agro_dssat_inputs *in, const agro_dssat_exp *x,
                          int32_t number, const char *data_dir)
{
    if (!in || !x || !data_dir)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL list, experiment or data folder");
    const char *xpath = agro_dssat_exp_path(x);
    int32_t nt = 0;
    agro_dssat_exp_n_treatments(x, &nt);
    if (number != 0) {
        int found = 0;
        for (int32_t k = 0; k < nt && !found; k++) {
            int32_t num;
            found = agro_dssat_exp_treatment_number(x, k, &num) == AGRO_OK && num == number;
        }
        if (!found)
            return agro_fail(ctx, AGRO_ENOTFOUND, xpath, 0, "TRNO",
                             "treatment %d is not in the experiment", (int)number);
    }
    int rc;
    if ((rc = agro_dssat_inputs_add_file(ctx, in, xpath, AGRO_DSSAT_INPUT_EXPERIMENT)) ||
        (rc = add_sibling(ctx, in, xpath, 'A', AGRO_DSSAT_INPUT_OBSERVED)) ||
        (rc = add_sibling(ctx, in, xpath, 'T', AGRO_DSSAT_INPUT_TIMESERIES)))
        return rc;
    agro_dssat_treatment *t = malloc(sizeof *t);
    if (!t)
        return agro_fail(ctx, AGRO_ENOMEM, xpath, 0, NULL, "out of memory");
    for (int32_t k = 0; k < nt && !rc; k++) {
        int32_t num;
        char crop[8];
        if (agro_dssat_exp_treatment_number(x, k, &num) || (number != 0 && num != number))
            continue;
        /* every treatment: those of maize, the ones run-dssat and validate run (they skip
           fallow and other crops without calling the runner) */
        agro_dssat_treatment_text(x, num, AGRO_DSSAT_TEXT_CROP, crop, sizeof crop);
        if (number != 0 || strcmp(crop, "MZ") == 0)
            rc = add_treatment(ctx, in, x, num, data_dir, t);
    }
    free(t);
    return rc;
}

int agro_dssat_inputs_n(const agro_dssat_inputs *in, int32_t *n)
{
    if (!in || !n)
        return AGRO_EINVAL;
    *n = in->n;
    return AGRO_OK;
}

int agro_dssat_inputs_get(const agro_dssat_inputs *in, int32_t i, char *path, size_t n_path,
                          int32_t *kind)
{
    if (!in || !path || n_path == 0 || i < 0 || i >= in->n)
        return AGRO_EINVAL;
    const size_t len = strlen(in->path[i]);
    if (len >= n_path) {
        path[0] = '\0';
        return AGRO_ERANGE;
    }
    memcpy(path, in->path[i], len + 1);
    if (kind)
        *kind = in->kind[i];
    return AGRO_OK;
}

int agro_dssat_inputs_find(const agro_dssat_inputs *in, const char *path, int32_t *index)
{
    if (!in || !path || !index)
        return AGRO_EINVAL;
    *index = -1;
    for (int32_t i = 0; i < in->n; i++) {
        int32_t same = 0;
        if (agro_output_same_file(in->path[i], path, &same) == AGRO_OK && same) {
            *index = i;
            return AGRO_OK;
        }
    }
    return AGRO_OK;
}
