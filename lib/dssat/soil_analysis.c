/* The soil analysis of a DSSAT treatment (SA level) put into its soil profile, as DSSAT's
 * IPSLAN.for does with LMATCH.for (DSSAT-CSM 4.8, Soil/SoilUtilities). */
#include <math.h>

#include "agrosim/dssat.h"
#include "internal/error.h"
#include "internal/soil_profile.h"

/* Depth-weighted mean of the SA values @p v (bottoms @p sa_bottom, @p nin layers) over each
 * of the @p nout soil layers (bottoms @p bottom) into @p out (LMATCH.for): a soil layer that
 * overlaps a missing (NaN) value is missing, a layer entirely below the last SA layer too;
 * the layer across the last SA bottom averages the part it covers. */
static void lmatch(const double *sa_bottom, const double *v, int32_t nin, const double *bottom,
                   int32_t nout, double *out)
{
    double top = 0.0;
    for (int32_t l = 0; l < nout; l++) {
        double sumz = 0.0, sumv = 0.0, sa_top = 0.0;
        int missing = 0;
        for (int32_t k = 0; k < nin; k++) {
            double zt = top > sa_top ? top : sa_top;
            double zb = bottom[l] < sa_bottom[k] ? bottom[l] : sa_bottom[k];
            if (zb > zt) {
                if (isnan(v[k]))
                    missing = 1;
                else
                    sumv += v[k] * (zb - zt);
                sumz += zb - zt;
            }
            sa_top = sa_bottom[k];
        }
        out[l] = missing || sumz <= 0.0 ? NAN : sumv / sumz;
        top = bottom[l];
    }
}

int agro_dssat_soil_analysis_apply(agro_ctx *ctx, const agro_dssat_treatment *t,
                                   agro_soil_profile *soil)
{
    if (!t || !soil)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL argument");
    const int32_t nin = t->sa_n_layers, n = soil->n_layers;
    if (nin <= 0)
        return AGRO_OK;
    if (nin > AGRO_DSSAT_MAX_LAYERS || n < 1 || n > AGRO_SOIL_MAX_LAYERS)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "sa_n_layers", "%d soil-analysis layers, %d soil layers",
                         (int)nin, (int)n);
    /* the SA layers' bottoms finite and increasing, no value infinite (NaN is missing, -99):
       the X-file reader refuses others, a struct filled in code gave them to LMATCH, which
       mapped them oddly (an infinite SAOC taken as missing, a NaN bottom as no layer) */
    const double *const vals[7] = {t->sa_depth_cm, t->sa_bulk_density_g_cm3, t->sa_organic_carbon_pct,
                                   t->sa_total_n_pct, t->sa_ph_water, t->sa_extractable_p_mg_kg,
                                   t->sa_stable_c_pct};
    static const char *const names[7] = {"SABL", "SADM", "SAOC", "SANI", "SAPHW", "SAPX", "SASC"};
    double sa_top = 0.0;
    for (int32_t k = 0; k < nin; k++) {
        const double bot = t->sa_depth_cm[k];
        if (!(isfinite(bot) && bot > sa_top))
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "SABL",
                             "soil-analysis row %d: layer bottom %g cm must be finite and below "
                             "the row above (%g cm)", (int)k + 1, bot, sa_top);
        sa_top = bot;
        for (int c = 1; c < 7; c++)
            if (isinf(vals[c][k]))
                return agro_fail(ctx, AGRO_ERANGE, NULL, 0, names[c],
                                 "soil-analysis row %d: infinite value (%g): a missing value is "
                                 "NaN (-99)", (int)k + 1, vals[c][k]);
    }
    /* a column is used only when its first SA layer has a value (IPSLAN.for); each one then
       replaces the profile value where the matched value is valid for it */
    const struct {
        const double *v;
        double *dst;
        double lo, hi;
        const char *name;
    } col[6] = {
        {t->sa_bulk_density_g_cm3, soil->bulk_density_g_cm3, 0.0, 10.0, "SADM"},
        {t->sa_organic_carbon_pct, soil->organic_carbon_pct, -1e-6, 100.0, "SAOC"},
        {t->sa_total_n_pct, soil->total_n_pct, -1e-6, 10.0, "SANI"},
        {t->sa_ph_water, soil->ph_water, 0.0, 14.0, "SAPHW"},
        {t->sa_extractable_p_mg_kg, soil->extractable_p_mg_kg, -1e-6, 5000.0, "SAPX"},
        /* SASC has no SOL counterpart: where matched it becomes the profile's stable C */
        {t->sa_stable_c_pct, soil->stable_c_pct, -1e-6, 60.0, "SASC"},
    };
    /* SAPX comes with the SA level's method SMPX, which then replaces the profile's (IPSLAN) */
    if (t->sa_extractable_p_mg_kg[0] > -1e-6)
        soil->p_method = t->sa_p_method;
    double m[AGRO_SOIL_MAX_LAYERS];
    for (int c = 0; c < 6; c++) {
        if (!(col[c].v[0] > col[c].lo))
            continue;
        lmatch(t->sa_depth_cm, col[c].v, nin, soil->depth_cm, n, m);
        for (int32_t l = 0; l < n; l++) {
            if (!(m[l] > col[c].lo))
                continue; /* missing here: the .SOL value stays */
            if (m[l] > col[c].hi)
                return agro_fail(ctx, AGRO_ERANGE, NULL, 0, col[c].name,
                                 "soil analysis value %g in soil layer %d above %g", m[l],
                                 (int)l + 1, col[c].hi);
            col[c].dst[l] = m[l];
        }
    }
    return AGRO_OK;
}

int agro_dssat_soil_prepare(agro_ctx *ctx, const agro_dssat_treatment *t, agro_soil_profile *soil)
{
    int rc = agro_dssat_soil_analysis_apply(ctx, t, soil);
    if (rc)
        return rc;
    /* DSSAT re-layers the profile before it simulates (MESOL; LMATCH.for LYRSET/LYRSET2) */
    rc = agro_soil_relayer_dssat(ctx, soil, t->soil_layering ? t->soil_layering : 2);
    if (rc)
        return rc;
    /* organic C missing or below 0.001 %, with water simulated: Adiku's estimate (0.15·(clay +
       silt) + 0.69)/10 %, clay and silt missing counting as 30 % (clay first, each at most 100 −
       the other; clay + silt above 100 makes both missing), for every process that reads it
       (DSSAT SOILDYN.for 7841e3c; CENTURY's initialisation repeats it, century.c) */
    if (t->water != 'N')
        for (int32_t l = 0; l < soil->n_layers; l++) {
            if (soil->organic_carbon_pct[l] >= 1e-3)
                continue;
            double c, sl;
            agro_soil_clay_silt_dssat(soil->clay_pct[l], soil->silt_pct[l], &c, &sl);
            soil->organic_carbon_pct[l] = (0.15 * (c + sl) + 0.69) / 10.0;
        }
    return AGRO_OK;
}
