/* agrosim soil FILE [PROFILE_ID] [--json]: print a soil profile read from .SOL or .json. */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "commands.h"

static void print_json(FILE *out, const char *id, const agro_soil_profile *p)
{
    fputs("{\"id\": ", out);
    cli_json_string(out, id);
    fputs(", \"albedo\": ", out);
    cli_json_number(out, p->albedo);
    fputs(", \"runoff_curve_number\": ", out);
    cli_json_number(out, p->runoff_curve_number);
    fputs(", \"drainage_rate\": ", out);
    cli_json_number(out, p->drainage_rate_d);
    fputs(", \"layers\": [", out);
    for (int32_t i = 0; i < p->n_layers; i++) {
        const struct {
            const char *key;
            double v;
        } f[] = {
            {"depth_cm", p->depth_cm[i]},
            {"ll", p->ll[i]},
            {"dul", p->dul[i]},
            {"sat", p->sat[i]},
            {"bulk_density", p->bulk_density_g_cm3[i]},
            {"organic_carbon_pct", p->organic_carbon_pct[i]},
            {"clay_pct", p->clay_pct[i]},
            {"silt_pct", p->silt_pct[i]},
            {"ksat_cm_h", p->ksat_cm_h[i]},
            {"root_growth_factor", p->root_growth_factor[i]},
        };
        fputs(i ? ",\n  {" : "\n  {", out);
        for (size_t k = 0; k < sizeof f / sizeof f[0]; k++) {
            fprintf(out, "%s\"%s\": ", k ? ", " : "", f[k].key);
            cli_json_number(out, f[k].v);
        }
        fputc('}', out);
    }
    fputs("\n]}\n", out);
}

/* one column of the text table: a value the file does not give (NaN) is "-" */
static void put_col(FILE *out, int width, int prec, double v)
{
    if (isfinite(v))
        fprintf(out, " %*.*f", width, prec, v);
    else
        fprintf(out, " %*s", width, "-");
}

static void print_text(FILE *out, const char *id, const agro_soil_profile *p)
{
    fprintf(out, "profile %s: albedo %.2f, curve number %.1f, drainage %.2f /d, %d layers\n", id,
            p->albedo, p->runoff_curve_number, p->drainage_rate_d, (int)p->n_layers);
    fprintf(out, "%8s %6s %6s %6s %6s %6s %6s %6s %8s %5s\n", "depth_cm", "LL", "DUL", "SAT",
            "BD", "OC%", "clay%", "silt%", "Ks_cm/h", "SRGF");
    for (int32_t i = 0; i < p->n_layers; i++) {
        fprintf(out, "%8.1f", p->depth_cm[i]);
        const double v[9] = {p->ll[i], p->dul[i], p->sat[i], p->bulk_density_g_cm3[i],
                             p->organic_carbon_pct[i], p->clay_pct[i], p->silt_pct[i],
                             p->ksat_cm_h[i], p->root_growth_factor[i]};
        static const int width[9] = {6, 6, 6, 6, 6, 6, 6, 8, 5}, prec[9] = {3, 3, 3, 2, 2, 1, 1, 2, 3};
        for (int k = 0; k < 9; k++)
            put_col(out, width[k], prec[k], v[k]);
        fputc('\n', out);
    }
}

static int is_json_path(const char *path)
{
    size_t n = strlen(path);
    return n >= 5 && strcasecmp(path + n - 5, ".json") == 0;
}

int cmd_soil(int argc, char **argv)
{
    const char *file = NULL, *id = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (argv[i][0] == '-' && argv[i][1]) /* a single dash too: not a profile ID */
            return cli_usage("soil: unknown option %s (%s)", argv[i], cli_synopsis("soil"));
        else if (!file)
            file = argv[i];
        else if (!id)
            id = argv[i];
        else
            return cli_usage("soil: too many arguments (%s)", cli_synopsis("soil"));
    }
    if (!file)
        return cli_usage("%s  (PROFILE_ID required for a DSSAT .SOL file)", cli_synopsis("soil"));
    if (!id && !is_json_path(file))
        return cli_usage("soil %s: a DSSAT soil file needs a PROFILE_ID", file);

    agro_ctx *ctx = NULL;
    if (agro_ctx_create(&ctx))
        return cli_report(NULL, AGRO_ENOMEM);
    agro_soil_profile p;
    char file_id[AGRO_SOIL_ID_MAX];
    int rc = agro_soil_load(ctx, file, id, &p);
    if (!rc && !id) {
        rc = agro_soil_json_id(ctx, file, file_id, sizeof file_id);
        id = file_id;
    }
    if (rc) {
        cli_report(ctx, rc);
        agro_ctx_free(ctx);
        return 1;
    }
    if (json)
        print_json(stdout, id, &p);
    else
        print_text(stdout, id, &p);
    agro_ctx_free(ctx);
    return 0;
}
