/* Soil profiles: physical checks, layer subdivision, and the format-independent loaders. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "internal/c_locale.h"
#include "internal/error.h"
#include "internal/soil_profile.h"

/* Quantities checked, with their names in each naming scheme (DSSAT, JSON, struct). */
enum {
    Q_SLB, Q_SLLL, Q_SDUL, Q_SSAT, Q_SRGF, Q_SSKS, Q_SBDM, Q_SLOC, Q_SLCL, Q_SLSI, Q_SLCF,
    Q_SLNI, Q_SLHW, Q_SADC, Q_SCEC, Q_CACO3, Q_SLBS, Q_SLKE, Q_SLPX, Q_SLPO, Q_SASC, Q_SALB, Q_SLU1,
    Q_SLDR, Q_SLRO, Q_SLNF, Q_SLPF, Q_SMPX, Q_LAT, Q_LONG, Q_NLAYERS
};
static const char *const qnames[][3] = {
    [Q_SLB] = {"SLB", "depth_bottom_cm", "depth_cm"},
    [Q_SLLL] = {"SLLL", "ll_cm3_cm3", "ll"},
    [Q_SDUL] = {"SDUL", "dul_cm3_cm3", "dul"},
    [Q_SSAT] = {"SSAT", "sat_cm3_cm3", "sat"},
    [Q_SRGF] = {"SRGF", "root_growth_factor", "root_growth_factor"},
    [Q_SSKS] = {"SSKS", "ksat_cm_h", "ksat_cm_h"},
    [Q_SBDM] = {"SBDM", "bulk_density_g_cm3", "bulk_density_g_cm3"},
    [Q_SLOC] = {"SLOC", "organic_carbon_pct", "organic_carbon_pct"},
    [Q_SLCL] = {"SLCL", "clay_pct", "clay_pct"},
    [Q_SLSI] = {"SLSI", "silt_pct", "silt_pct"},
    [Q_SLCF] = {"SLCF", "stones_pct", "stones_pct"},
    [Q_SLNI] = {"SLNI", "total_n_pct", "total_n_pct"},
    [Q_SLHW] = {"SLHW", "ph_water", "ph_water"},
    [Q_SADC] = {"SADC", "anion_adsorption_cm3_g", "anion_adsorption_cm3_g"},
    [Q_SCEC] = {"SCEC", "cec_cmol_kg", "cec_cmol_kg"},
    [Q_CACO3] = {"CACO3", "caco3_g_kg", "caco3_g_kg"},
    [Q_SLBS] = {"SLBS", "base_sum_cmol_kg", "base_sum_cmol_kg"},
    [Q_SLKE] = {"SLKE", "exch_k_cmol_kg", "exch_k_cmol_kg"},
    [Q_SLPX] = {"SLPX", "extractable_p_mg_kg", "extractable_p_mg_kg"},
    [Q_SLPO] = {"SLPO", "organic_p_mg_kg", "organic_p_mg_kg"},
    [Q_SASC] = {"SASC", "stable_c_pct", "stable_c_pct"},
    [Q_SALB] = {"SALB", "surface.albedo", "albedo"},
    [Q_SLU1] = {"SLU1", "surface.evap_limit_mm", "evap_limit_mm"},
    [Q_SLDR] = {"SLDR", "surface.drainage_rate_per_day", "drainage_rate_d"},
    [Q_SLRO] = {"SLRO", "surface.runoff_curve_number", "runoff_curve_number"},
    [Q_SLNF] = {"SLNF", "surface.mineralisation_factor", "mineralisation_factor"},
    [Q_SLPF] = {"SLPF", "surface.photosynthesis_factor", "photosynthesis_factor"},
    [Q_SMPX] = {"SMPX", "p_method", "p_method"},
    [Q_LAT] = {"LAT", "site.latitude_deg", "latitude_deg"},
    [Q_LONG] = {"LONG", "site.longitude_deg", "longitude_deg"},
    [Q_NLAYERS] = {"SLB", "layers", "n_layers"},
};

_Static_assert(Q_SASC + 1 == SOIL_LAYER_QUANTITIES, "layer quantities come first, SLB to SASC");

int agro_soil_quantity(const char *name, int names)
{
    for (int q = 0; q < SOIL_LAYER_QUANTITIES; q++)
        if (strcmp(qnames[q][names], name) == 0)
            return q;
    return -1;
}

/* Line of quantity q of layer i: its own line when the reader noted one, else the layer's. */
static long value_line(const soil_origin *o, int q, int i)
{
    return o->names != SOIL_NAMES_STRUCT && q < SOIL_LAYER_QUANTITIES && o->value_line[i][q]
               ? o->value_line[i][q]
               : o->layer_line[i];
}

/* Name of quantity q (of layer i, or i < 0 for a profile-wide value) in the origin's scheme. */
static const char *field_name(char *buf, size_t n, const soil_origin *o, int q, int i)
{
    const char *base = qnames[q][o->names];
    if (i < 0 || o->names == SOIL_NAMES_DSSAT)
        snprintf(buf, n, "%s", base);
    else if (o->names == SOIL_NAMES_JSON)
        snprintf(buf, n, "layers[%d].%s", i, base);
    else
        snprintf(buf, n, "%s[%d]", base, i);
    return buf;
}

static int fail_layer(agro_ctx *ctx, const soil_origin *o, int status, int q, int i,
                      const agro_soil_profile *p, const char *what, double v)
{
    char field[64];
    /* a value on a line of its own (a later DSSAT table's row, a JSON key) is named there */
    return agro_fail(ctx, status, o->file, value_line(o, q, i),
                     field_name(field, sizeof field, o, q, i),
                     "layer %d (bottom %g cm): %s (%g)", i + 1, p->depth_cm[i], what, v);
}

/* A required layer value in [lo, hi]: NaN is missing, an infinite value out of range. */
static int need_layer(agro_ctx *ctx, const soil_origin *o, const agro_soil_profile *p, int q,
                      int i, double v, double lo, double hi)
{
    if (isnan(v))
        return fail_layer(ctx, o, AGRO_EMISSING, q, i, p, "value required", v);
    if (v < lo || v > hi) {
        char what[96];
        agro_snprintf_c(what, sizeof what, "outside [%g, %g]", lo, hi);
        return fail_layer(ctx, o, AGRO_ERANGE, q, i, p, what, v);
    }
    return AGRO_OK;
}

/* An optional layer value: NaN means unknown, otherwise it must lie in [lo, hi]. */
static int opt_layer(agro_ctx *ctx, const soil_origin *o, const agro_soil_profile *p, int q,
                     int i, double v, double lo, double hi)
{
    if (isnan(v))
        return AGRO_OK;
    return need_layer(ctx, o, p, q, i, v, lo, hi);
}

static int need_value(agro_ctx *ctx, const soil_origin *o, long line, int q, double v, double lo,
                      double hi, int lo_open)
{
    char field[64];
    if (isnan(v)) /* missing; an infinite value fails the range below */
        return agro_fail(ctx, AGRO_EMISSING, o->file, line, field_name(field, sizeof field, o, q, -1),
                         "value required (%g)", v);
    if ((lo_open ? v <= lo : v < lo) || v > hi)
        return agro_fail(ctx, AGRO_ERANGE, o->file, line, field_name(field, sizeof field, o, q, -1),
                         "outside %c%g, %g] (%g)", lo_open ? '(' : '[', lo, hi, v);
    return AGRO_OK;
}

int agro_soil_check(agro_ctx *ctx, const agro_soil_profile *p, const soil_origin *o)
{
    int rc;
    char field[64];
    if (p->n_layers < 1 || p->n_layers > AGRO_SOIL_MAX_LAYERS)
        return agro_fail(ctx, p->n_layers < 1 ? AGRO_EMISSING : AGRO_ELIMIT, o->file,
                         o->layer_line[0], field_name(field, sizeof field, o, Q_NLAYERS, -1),
                         "a profile needs 1 to %d layers (%d)", AGRO_SOIL_MAX_LAYERS,
                         (int)p->n_layers);
    /* surface and site values */
    if ((rc = need_value(ctx, o, o->surface_line, Q_SALB, p->albedo, 0.0, 1.0, 0)) ||
        (rc = need_value(ctx, o, o->surface_line, Q_SLU1, p->evap_limit_mm, 0.0, 50.0, 0)) ||
        (rc = need_value(ctx, o, o->surface_line, Q_SLDR, p->drainage_rate_d, 0.0, 1.0, 0)) ||
        /* S = 25400/CN - 254 (SCS 1972) needs CN > 0 */
        (rc = need_value(ctx, o, o->surface_line, Q_SLRO, p->runoff_curve_number, 0.0, 100.0, 1)) ||
        (rc = need_value(ctx, o, o->surface_line, Q_SLNF, p->mineralisation_factor, 0.0, 1.0, 0)) ||
        (rc = need_value(ctx, o, o->surface_line, Q_SLPF, p->photosynthesis_factor, 0.0, 1.0, 0)))
        return rc;
    /* SMPX: DSSAT extraction-method codes SA001..SA015 (SoilPi_init.for); 0 = unknown */
    if (p->p_method < 0 || p->p_method > 15)
        return agro_fail(ctx, AGRO_ERANGE, o->file, o->surface_line,
                         field_name(field, sizeof field, o, Q_SMPX, -1),
                         "extractable-P method must be 0 (unknown) or 1..15 (SA001..SA015) (%d)",
                         (int)p->p_method);
    if (!isnan(p->latitude_deg) &&
        (rc = need_value(ctx, o, o->site_line, Q_LAT, p->latitude_deg, -90.0, 90.0, 0)))
        return rc;
    if (!isnan(p->longitude_deg) &&
        (rc = need_value(ctx, o, o->site_line, Q_LONG, p->longitude_deg, -180.0, 360.0, 0)))
        return rc;

    for (int i = 0; i < p->n_layers; i++) {
        double top = i ? p->depth_cm[i - 1] : 0.0;
        if (isnan(p->depth_cm[i]))
            return fail_layer(ctx, o, AGRO_EMISSING, Q_SLB, i, p, "layer depth required",
                              p->depth_cm[i]);
        if (isinf(p->depth_cm[i])) /* out of range, not missing nor unordered */
            return fail_layer(ctx, o, AGRO_ERANGE, Q_SLB, i, p, "layer depth must be finite",
                              p->depth_cm[i]);
        if (p->depth_cm[i] <= top) {
            char what[96];
            agro_snprintf_c(what, sizeof what, "layer depths must increase strictly: bottom %g cm is not below %g cm",
                     p->depth_cm[i], top);
            return fail_layer(ctx, o, AGRO_EORDER, Q_SLB, i, p, what, p->depth_cm[i]);
        }
        if (p->depth_cm[i] > 5000.0)
            return fail_layer(ctx, o, AGRO_ERANGE, Q_SLB, i, p, "deeper than 5000 cm", p->depth_cm[i]);
        /* the soil models' floor (AGRO_SOIL_MIN_LAYER_CM, less 1e-9 cm for the rounding of the
           depths, as agro_check_layer_bottom): refused here, where the file and line are known,
           not first at create; layer 1 is held to its OXLT, at least the floor, below */
        if (i > 0 && p->depth_cm[i] - top < AGRO_SOIL_MIN_LAYER_CM - 1e-9)
            return agro_fail_thin_at(ctx, o->file, value_line(o, Q_SLB, i),
                                     field_name(field, sizeof field, o, Q_SLB, i), i,
                                     p->depth_cm[i], top);
        if ((rc = need_layer(ctx, o, p, Q_SLLL, i, p->ll[i], 0.0, 1.0)) ||
            (rc = need_layer(ctx, o, p, Q_SDUL, i, p->dul[i], 0.0, 1.0)) ||
            (rc = need_layer(ctx, o, p, Q_SSAT, i, p->sat[i], 0.0, 1.0)))
            return rc;
        /* water limits: lower limit < drained upper limit < saturation (Ritchie 1998, DSSAT) */
        if (!(p->ll[i] < p->dul[i])) {
            char what[96];
            agro_snprintf_c(what, sizeof what, "lower limit LL %g must be below drained upper limit DUL %g",
                     p->ll[i], p->dul[i]);
            return fail_layer(ctx, o, AGRO_ERANGE, Q_SLLL, i, p, what, p->ll[i]);
        }
        if (!(p->dul[i] < p->sat[i])) {
            char what[96];
            agro_snprintf_c(what, sizeof what, "drained upper limit DUL %g must be below saturation SAT %g",
                     p->dul[i], p->sat[i]);
            return fail_layer(ctx, o, AGRO_ERANGE, Q_SDUL, i, p, what, p->dul[i]);
        }
        if ((rc = need_layer(ctx, o, p, Q_SRGF, i, p->root_growth_factor[i], 0.0, 1.0)) ||
            (rc = opt_layer(ctx, o, p, Q_SSKS, i, p->ksat_cm_h[i], 0.0, 1000.0)) ||
            /* 2.65 g/cm³: density of quartz, the upper bound of any mineral soil */
            (rc = opt_layer(ctx, o, p, Q_SBDM, i, p->bulk_density_g_cm3[i], 0.1, 2.65)) ||
            (rc = opt_layer(ctx, o, p, Q_SLOC, i, p->organic_carbon_pct[i], 0.0, 60.0)) ||
            (rc = opt_layer(ctx, o, p, Q_SLCL, i, p->clay_pct[i], 0.0, SOIL_CLAY_PCT_MAX)) ||
            (rc = opt_layer(ctx, o, p, Q_SLSI, i, p->silt_pct[i], 0.0, 100.0)) ||
            (rc = need_layer(ctx, o, p, Q_SLCF, i, p->stones_pct[i], 0.0, 100.0)) ||
            (rc = opt_layer(ctx, o, p, Q_SLNI, i, p->total_n_pct[i], 0.0, 10.0)) ||
            (rc = opt_layer(ctx, o, p, Q_SLHW, i, p->ph_water[i], SOIL_PH_MIN, SOIL_PH_MAX)) ||
            /* SADC, cm3 water/g soil (DSSAT NFLUX.for ADCOEF); 10 is a plausibility bound only */
            (rc = opt_layer(ctx, o, p, Q_SADC, i, p->anion_adsorption_cm3_g[i], 0.0, 10.0)) ||
            /* soil chemistry for the P model: plausibility bounds (internal/soil_profile.h) */
            (rc = opt_layer(ctx, o, p, Q_SCEC, i, p->cec_cmol_kg[i], 0.0, SOIL_SCEC_CMOL_KG_MAX)) ||
            (rc = opt_layer(ctx, o, p, Q_CACO3, i, p->caco3_g_kg[i], 0.0, SOIL_CACO3_G_KG_MAX)) ||
            (rc = opt_layer(ctx, o, p, Q_SLBS, i, p->base_sum_cmol_kg[i], 0.0, SOIL_SLBS_CMOL_KG_MAX)) ||
            (rc = opt_layer(ctx, o, p, Q_SLKE, i, p->exch_k_cmol_kg[i], 0.0, SOIL_SLKE_CMOL_KG_MAX)) ||
            (rc = opt_layer(ctx, o, p, Q_SLPX, i, p->extractable_p_mg_kg[i], 0.0, SOIL_SLPX_MG_KG_MAX)) ||
            (rc = opt_layer(ctx, o, p, Q_SLPO, i, p->organic_p_mg_kg[i], 0.0, SOIL_SLPO_MG_KG_MAX)) ||
            (rc = opt_layer(ctx, o, p, Q_SASC, i, p->stable_c_pct[i], 0.0, 60.0)))
            return rc;
        if (isfinite(p->clay_pct[i]) && isfinite(p->silt_pct[i]) &&
            p->clay_pct[i] + p->silt_pct[i] > 100.0 + 1e-9) {
            char what[96];
            agro_snprintf_c(what, sizeof what, "clay %g %% + silt %g %% exceed 100 %%", p->clay_pct[i],
                     p->silt_pct[i]);
            return fail_layer(ctx, o, AGRO_ERANGE, Q_SLSI, i, p, what,
                              p->clay_pct[i] + p->silt_pct[i]);
        }
        /* layer 1 holds the oxidised layer at its top and exchanges with its rest, as the N
           params do (agro_soil_n_params_from_profile), once its organic C is checked */
        if (i == 0 && !(p->depth_cm[0] > agro_soil_oxlt_cm(p->organic_carbon_pct[0])))
            return agro_fail_top_oxlt(ctx, o->file, value_line(o, Q_SLB, 0),
                                      field_name(field, sizeof field, o, Q_SLB, 0), "layer 1: ",
                                      agro_soil_oxlt_cm(p->organic_carbon_pct[0]),
                                      p->organic_carbon_pct[0], p->depth_cm[0]);
    }
    return AGRO_OK;
}

void agro_soil_profile_clear(agro_soil_profile *p)
{
    memset(p, 0, sizeof *p);
    p->albedo = p->evap_limit_mm = p->drainage_rate_d = p->runoff_curve_number = NAN;
    p->mineralisation_factor = p->photosynthesis_factor = 1.0;
    p->latitude_deg = p->longitude_deg = NAN;
    p->p_method = 0; /* SMPX unknown */
    for (int i = 0; i < AGRO_SOIL_MAX_LAYERS; i++) {
        p->depth_cm[i] = p->ll[i] = p->dul[i] = p->sat[i] = p->root_growth_factor[i] = NAN;
        p->ksat_cm_h[i] = p->bulk_density_g_cm3[i] = p->organic_carbon_pct[i] = NAN;
        p->clay_pct[i] = p->silt_pct[i] = p->total_n_pct[i] = p->ph_water[i] = NAN;
        p->anion_adsorption_cm3_g[i] = NAN;
        p->cec_cmol_kg[i] = p->caco3_g_kg[i] = p->base_sum_cmol_kg[i] = NAN;
        p->exch_k_cmol_kg[i] = p->extractable_p_mg_kg[i] = p->organic_p_mg_kg[i] = NAN;
        p->stable_c_pct[i] = NAN;
        p->stones_pct[i] = 0.0;
    }
}

int agro_soil_validate(agro_ctx *ctx, const agro_soil_profile *p, const char *name)
{
    if (!p)
        return agro_fail(ctx, AGRO_EINVAL, name, 0, NULL, "no soil profile given");
    soil_origin o;
    memset(&o, 0, offsetof(soil_origin, value_line)); /* value_line unread: struct names */
    o.file = name;
    o.names = SOIL_NAMES_STRUCT;
    return agro_soil_check(ctx, p, &o);
}

int32_t agro_soil_texture_class(double clay_pct, double silt_pct)
{
    if (!(clay_pct >= 0.0 && silt_pct >= 0.0 && clay_pct + silt_pct <= 100.0))
        return AGRO_TEXTURE_UNKNOWN;
    /* in single precision, as DSSAT's REALs (SOILDYN's SAND = AMAX1(100 − CLAY − SILT, 0)):
       in double, soils at a boundary such as clay 7.3 %, silt 40.7 % (sand 52) change class */
    const float clay = (float)clay_pct, silt = (float)silt_pct;
    float sand = 100.0f - clay;
    sand -= silt;
    if (sand < 0.0f) sand = 0.0f;
    const float s15 = silt + 1.5f * clay, s20 = silt + 2.0f * clay;
    /* the branches of DSSAT-CSM 4.8 TEXTURECLASS (SoilUtilities), in its order: the first
       that holds decides */
    if (sand >= 85.0f && s15 <= 15.0f) return AGRO_TEXTURE_SAND;
    if ((sand >= 85.0f && sand < 90.0f && s15 >= 15.0f) || (sand >= 70.0f && sand < 85.0f && s20 <= 30.0f))
        return AGRO_TEXTURE_LOAMY_SAND;
    if ((clay <= 20.0f && sand >= 52.0f && s20 > 30.0f) ||
        (clay < 7.0f && silt < 50.0f && sand > 43.0f && sand < 52.0f))
        return AGRO_TEXTURE_SANDY_LOAM;
    if (clay >= 7.0f && clay <= 27.0f && silt >= 28.0f && silt < 50.0f && sand >= 23.0f && sand < 52.0f)
        return AGRO_TEXTURE_LOAM;
    if ((silt >= 50.0f && silt <= 88.0f && clay >= 12.0f && clay <= 27.0f) ||
        (silt >= 50.0f && silt < 80.0f && clay < 12.0f))
        return AGRO_TEXTURE_SILT_LOAM;
    if (silt >= 80.0f && clay < 12.0f) return AGRO_TEXTURE_SILT;
    if (clay >= 20.0f && clay < 35.0f && silt < 28.0f && sand >= 45.0f) return AGRO_TEXTURE_SANDY_CLAY_LOAM;
    if (clay >= 27.0f && clay < 40.0f && sand >= 20.0f && sand < 45.0f) return AGRO_TEXTURE_CLAY_LOAM;
    if (clay >= 27.0f && clay < 40.0f && sand < 20.0f) return AGRO_TEXTURE_SILTY_CLAY_LOAM;
    if (clay >= 35.0f && sand >= 45.0f) return AGRO_TEXTURE_SANDY_CLAY;
    if (clay >= 40.0f && silt >= 40.0f) return AGRO_TEXTURE_SILTY_CLAY;
    if (clay >= 40.0f && sand < 45.0f && silt < 40.0f) return AGRO_TEXTURE_CLAY;
    return AGRO_TEXTURE_UNKNOWN;
}

double agro_soil_layer_thickness_cm(const agro_soil_profile *p, int32_t i)
{
    if (!p || i < 0 || i >= p->n_layers || i >= AGRO_SOIL_MAX_LAYERS)
        return NAN;
    return i == 0 ? p->depth_cm[0] : p->depth_cm[i] - p->depth_cm[i - 1];
}

/* Bottom of piece @p k (from 0) of @p parts equal pieces of the layer from @p top to @p bottom,
   cm: the last ends at the layer's own bottom. */
static double split_bottom(double top, double bottom, int k, int parts)
{
    return k == parts - 1 ? bottom : top + (bottom - top) * (k + 1) / parts;
}

/* The pieces agro_soil_subdivide would make of layer @p i, as agro_soil_validate checks them:
   each at least AGRO_SOIL_MIN_LAYER_CM (less 1e-9 cm), and a new layer 1 thicker than its OXLT
   (DSSAT OXLAYER OXLT = max(0.001, 0.5 - 0.1*OC1)), which the N model holds it to; refused
   naming max_thickness_cm rather than split into fewer, thicker pieces than it promises. */
static int check_split(agro_ctx *ctx, const agro_soil_profile *p, int i, int parts,
                       double max_thickness_cm)
{
    const double top = i ? p->depth_cm[i - 1] : 0.0, bottom = p->depth_cm[i];
    char lead[128];
    agro_snprintf_c(lead, sizeof lead, "splitting layer %d (%g to %g cm) into %d layers of at most %g cm: ",
             i + 1, top, bottom, parts, max_thickness_cm);
    if (i == 0) {
        const double oxlt = agro_soil_oxlt_cm(p->organic_carbon_pct[0]),
                     first = split_bottom(0.0, bottom, 0, parts);
        if (!(first > oxlt))
            return agro_fail_top_oxlt(ctx, NULL, 0, "max_thickness_cm", lead, oxlt,
                                      p->organic_carbon_pct[0], first);
    }
    double t = top;
    for (int k = 0; k < parts; k++) {
        const double b = split_bottom(top, bottom, k, parts);
        if (b - t < AGRO_SOIL_MIN_LAYER_CM - 1e-9)
            return agro_fail_thin(ctx, NULL, 0, "max_thickness_cm", lead, b, t);
        t = b;
    }
    return AGRO_OK;
}

int agro_soil_subdivide(agro_ctx *ctx, agro_soil_profile *p, double max_thickness_cm)
{
    if (!p)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "max_thickness_cm", "no soil profile given");
    if (!(max_thickness_cm > 0.0) || !isfinite(max_thickness_cm))
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "max_thickness_cm",
                         "must be a positive number of cm (%g)", max_thickness_cm);
    /* every piece of a split layer is at most max_thickness_cm thick, so a limit below the
       soil models' floor (less the 1e-9 cm the profile checks allow) makes only layers that
       agro_soil_validate and the constructors refuse */
    if (max_thickness_cm < AGRO_SOIL_MIN_LAYER_CM - 1e-9)
        return agro_fail_below_min_layer(ctx, -1, "max_thickness_cm", AGRO_SOIL_MIN_LAYER_CM,
                                         "cm", max_thickness_cm);
    if (p->n_layers < 1 || p->n_layers > AGRO_SOIL_MAX_LAYERS)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers", "profile has %d layers",
                         (int)p->n_layers);
    int parts[AGRO_SOIL_MAX_LAYERS];
    int total = 0, rc;
    for (int i = 0; i < p->n_layers; i++) {
        double t = agro_soil_layer_thickness_cm(p, i);
        if (!(t > 0.0))
            return agro_fail(ctx, AGRO_EORDER, NULL, 0, "depth_cm",
                             "layer %d has thickness %g cm; depths must increase", i + 1, t);
        /* 1e-9 keeps an exact multiple (30 cm into 10 cm) from becoming 4 parts by rounding */
        double k = ceil(t / max_thickness_cm - 1e-9);
        if (k > AGRO_SOIL_MAX_LAYERS)
            k = AGRO_SOIL_MAX_LAYERS + 1;
        parts[i] = k < 1.0 ? 1 : (int)k;
        total += parts[i];
        if (total > AGRO_SOIL_MAX_LAYERS)
            return agro_fail(ctx, AGRO_ELIMIT, NULL, 0, "max_thickness_cm",
                             "splitting into layers of at most %g cm needs more than %d layers",
                             max_thickness_cm, AGRO_SOIL_MAX_LAYERS);
        if (parts[i] > 1 && (rc = check_split(ctx, p, i, parts[i], max_thickness_cm)))
            return rc;
    }
    /* fill from the bottom up, so every source layer is read before it is overwritten */
    int j = total;
    for (int i = p->n_layers - 1; i >= 0; i--) {
        double top = i ? p->depth_cm[i - 1] : 0.0;
        double bottom = p->depth_cm[i];
        for (int k = parts[i] - 1; k >= 0; k--) {
            j--;
            p->depth_cm[j] = split_bottom(top, bottom, k, parts[i]);
            p->ll[j] = p->ll[i];
            p->dul[j] = p->dul[i];
            p->sat[j] = p->sat[i];
            p->root_growth_factor[j] = p->root_growth_factor[i];
            p->ksat_cm_h[j] = p->ksat_cm_h[i];
            p->bulk_density_g_cm3[j] = p->bulk_density_g_cm3[i];
            p->organic_carbon_pct[j] = p->organic_carbon_pct[i];
            p->clay_pct[j] = p->clay_pct[i];
            p->silt_pct[j] = p->silt_pct[i];
            p->stones_pct[j] = p->stones_pct[i];
            p->total_n_pct[j] = p->total_n_pct[i];
            p->ph_water[j] = p->ph_water[i];
            p->anion_adsorption_cm3_g[j] = p->anion_adsorption_cm3_g[i];
            p->cec_cmol_kg[j] = p->cec_cmol_kg[i];
            p->caco3_g_kg[j] = p->caco3_g_kg[i];
            p->base_sum_cmol_kg[j] = p->base_sum_cmol_kg[i];
            p->exch_k_cmol_kg[j] = p->exch_k_cmol_kg[i];
            p->extractable_p_mg_kg[j] = p->extractable_p_mg_kg[i];
            p->organic_p_mg_kg[j] = p->organic_p_mg_kg[i];
            p->stable_c_pct[j] = p->stable_c_pct[i];
        }
    }
    p->n_layers = total;
    return AGRO_OK;
}

/* Layer bottoms of DSSAT's LYRSET (MESOL 1: fixed 5, 15, 30, 45, 60 cm, then 30 cm steps,
   60 cm from layer 18; the layer reaching the profile bottom ends there, and a last layer
   thinner than 15 cm and than the one above shares their thickness) and LYRSET2 (MESOL 2: 5
   and 15 cm, then the file's layers split into 2, 3 or 4 equal layers when thicker than
   15/30/45 cm above 90 cm depth, 30/60/90 cm below, 90/180/270 cm below 200 cm; layers thinner
   than 2 cm join the next) (DSSAT-CSM 4.8 Soil/SoilUtilities/LMATCH.for). Returns the number
   of bottoms written to @p ds (cm), or -1 when more than AGRO_SOIL_MAX_LAYERS are needed. */
static int dssat_layer_bottoms(const agro_soil_profile *p, int32_t mesol, double *ds)
{
    const int n = p->n_layers;
    const double bottom = p->depth_cm[n - 1];
    int m = 0;
    if (mesol == 1) {
        double d = 0.0;
        for (int l = 0; l < AGRO_SOIL_MAX_LAYERS; l++) {
            static const double fixed[5] = {5.0, 15.0, 30.0, 45.0, 60.0};
            d = l < 5 ? fixed[l] : d + (l < 17 ? 30.0 : 60.0);
            ds[m++] = d;
            if (d >= bottom) break;
        }
        if (ds[m - 1] < bottom) return -1;
        ds[m - 1] = bottom;
        if (m > 1) {
            double last = ds[m - 1] - ds[m - 2], prev = ds[m - 2] - (m > 2 ? ds[m - 3] : 0.0);
            if (last < prev && last < 15.0)
                ds[m - 2] = (m > 2 ? ds[m - 3] : 0.0) + 0.5 * (last + prev);
        }
        return m;
    }
    ds[m++] = 5.0;
    ds[m++] = 15.0;
    for (int l = 0; l < n; l++) {
        const double cum = p->depth_cm[l], thick = cum - ds[m - 1];
        int parts;
        if (cum <= 15.0 || thick < 2.0)
            continue;
        if ((cum < 90.0 && thick <= 15.0) || (cum >= 90.0 && thick <= 30.0) ||
            (cum >= 200.0 && thick <= 90.0))
            parts = 1;
        else if ((cum < 90.0 && thick <= 30.0) || (cum >= 90.0 && thick <= 60.0) ||
                 (cum >= 200.0 && thick <= 180.0))
            parts = 2;
        else if ((cum < 90.0 && thick <= 45.0) || (cum >= 90.0 && thick <= 90.0) ||
                 (cum >= 200.0 && thick <= 270.0))
            parts = 3;
        else
            parts = 4;
        if (m + parts > AGRO_SOIL_MAX_LAYERS) return -1;
        /* CUMDEP − NINT(THICKNESS·k/parts) (NINT rounds halves away from 0, as round), the 2/3
           and 1/3 as DSSAT's 0.66667 and 0.33333 */
        static const double frac[4][3] = {{0, 0, 0}, {0.5, 0, 0}, {0.66667, 0.33333, 0}, {0.75, 0.5, 0.25}};
        for (int k = 0; k < parts - 1; k++) ds[m++] = cum - round(thick * frac[parts - 1][k]);
        ds[m++] = cum;
    }
    /* a thin bottom layer joins the one above (DSSAT "check for thin bottom layer") */
    if (bottom > ds[m - 1]) ds[m - 1] = bottom;
    /* a profile shallower than the fixed 5 and 15 cm layers ends at its own bottom */
    while (m > 1 && ds[m - 2] >= bottom) m--;
    if (ds[m - 1] > bottom) ds[m - 1] = bottom;
    /* where that leaves a piece below 5 cm thinner than the soil models take (a bottom at
       5.0005 cm), it joins the layer above, as LYRSET2 adds a thin bottom layer to the previous
       one: DSSAT's own 5-15 cm layer would reach past the profile */
    if (m > 1 && ds[m - 1] - ds[m - 2] < AGRO_SOIL_MIN_LAYER_CM - 1e-9) {
        ds[m - 2] = ds[m - 1];
        m--;
    }
    return m;
}

int agro_soil_relayer_dssat(agro_ctx *ctx, agro_soil_profile *p, int32_t mesol)
{
    if (!p)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "MESOL", "no soil profile given");
    if (mesol != 1 && mesol != 2 && mesol != 3)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "MESOL",
                         "soil layering method must be 1, 2 or 3 (%d)", (int)mesol);
    if (p->n_layers < 1 || p->n_layers > AGRO_SOIL_MAX_LAYERS)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers", "profile has %d layers",
                         (int)p->n_layers);
    for (int i = 0; i < p->n_layers; i++)
        if (!(agro_soil_layer_thickness_cm(p, i) > 0.0))
            return agro_fail(ctx, AGRO_EORDER, NULL, 0, "depth_cm",
                             "layer %d has thickness %g cm; depths must increase", i + 1,
                             agro_soil_layer_thickness_cm(p, i));
    if (mesol == 3)
        return AGRO_OK; /* LYRSET3: the file's layers as they are */
    double ds[AGRO_SOIL_MAX_LAYERS];
    const int m = dssat_layer_bottoms(p, mesol, ds);
    if (m < 0)
        return agro_fail(ctx, AGRO_ELIMIT, NULL, 0, "MESOL",
                         "DSSAT layering needs more than %d layers", AGRO_SOIL_MAX_LAYERS);
    /* every property of a new layer is the thickness-weighted mean of the file layers it
       overlaps (DSSAT LMATCH); an unknown (NaN) value in any of them leaves it unknown */
    const agro_soil_profile src = *p;
    double *const dst[] = {p->ll, p->dul, p->sat, p->root_growth_factor, p->ksat_cm_h,
                           p->bulk_density_g_cm3, p->organic_carbon_pct, p->clay_pct,
                           p->silt_pct, p->stones_pct, p->total_n_pct, p->ph_water,
                           p->anion_adsorption_cm3_g, p->cec_cmol_kg, p->caco3_g_kg,
                           p->base_sum_cmol_kg, p->exch_k_cmol_kg, p->extractable_p_mg_kg,
                           p->organic_p_mg_kg, p->stable_c_pct};
    const double *const from[] = {src.ll, src.dul, src.sat, src.root_growth_factor,
                                   src.ksat_cm_h, src.bulk_density_g_cm3,
                                   src.organic_carbon_pct, src.clay_pct, src.silt_pct,
                                   src.stones_pct, src.total_n_pct, src.ph_water,
                                   src.anion_adsorption_cm3_g, src.cec_cmol_kg,
                                   src.caco3_g_kg, src.base_sum_cmol_kg, src.exch_k_cmol_kg,
                                   src.extractable_p_mg_kg, src.organic_p_mg_kg,
                                   src.stable_c_pct};
    const int nprop = (int)(sizeof dst / sizeof dst[0]);
    double top = 0.0;
    for (int j = 0; j < m; j++) {
        const double bot = ds[j];
        for (int q = 0; q < nprop; q++) {
            double sum = 0.0, src_top = 0.0;
            for (int i = 0; i < src.n_layers; i++) {
                const double lo = src_top > top ? src_top : top;
                const double hi = src.depth_cm[i] < bot ? src.depth_cm[i] : bot;
                if (hi > lo) sum += from[q][i] * (hi - lo);
                src_top = src.depth_cm[i];
            }
            dst[q][j] = sum / (bot - top);
        }
        p->depth_cm[j] = bot;
        top = bot;
    }
    p->n_layers = m;
    return AGRO_OK;
}

size_t agro_sizeof_soil_profile(void)
{
    return sizeof(agro_soil_profile);
}

static int has_json_extension(const char *path)
{
    size_t n = strlen(path);
    return n >= 5 && agro_ascii_casecmp(path + n - 5, ".json") == 0;
}

int agro_soil_load(agro_ctx *ctx, const char *path, const char *id, agro_soil_profile *out)
{
    if (!path || !out)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL, "no soil file or output given");
    if (!has_json_extension(path)) {
        if (!id || !id[0])
            return agro_fail(ctx, AGRO_EINVAL, path, 0, "ID", "a DSSAT soil file needs a profile ID");
        return agro_soil_load_dssat(ctx, path, id, out);
    }
    int rc;
    if (id && id[0]) {
        char file_id[AGRO_SOIL_ID_MAX];
        if ((rc = agro_soil_json_id(ctx, path, file_id, sizeof file_id)))
            return rc;
        if (strcmp(file_id, id) != 0)
            return agro_fail(ctx, AGRO_ENOTFOUND, path, 0, "id",
                             "soil profile \"%s\" not found: this file holds \"%s\"", id, file_id);
    }
    return agro_soil_load_json(ctx, path, out);
}

int agro_soil_load_dssat_dir(agro_ctx *ctx, const char *dir, const char *id, agro_soil_profile *out)
{
    if (!dir || !id || !out)
        return agro_fail(ctx, AGRO_EINVAL, dir, 0, "ID", "no folder, profile ID or output given");
    char first[4096], generic[4096];
    size_t n = strlen(dir);
    const char *sep = n && dir[n - 1] == '/' ? "" : "/";
    snprintf(generic, sizeof generic, "%s%sSOIL.SOL", dir, sep);
    /* DSSAT (IPEXP, IPSOIL_Inp): the profile from SOIL.SOL when that file holds it, else from
       XX.SOL, XX the ID's first two letters */
    int rc = AGRO_ENOTFOUND;
    FILE *fp = fopen(generic, "rb");
    const int have_generic = fp != NULL;
    if (fp) {
        fclose(fp);
        if ((rc = agro_soil_load_dssat(ctx, generic, id, out)) != AGRO_ENOTFOUND)
            return rc;
    }
    first[0] = '\0';
    if (strlen(id) >= 2 && id[0] != '.' && id[1] != '.' && id[0] != '/' && id[1] != '/') {
        snprintf(first, sizeof first, "%s%s%c%c.SOL", dir, sep, id[0], id[1]);
        if ((fp = fopen(first, "rb"))) {
            fclose(fp);
            if ((rc = agro_soil_load_dssat(ctx, first, id, out)) != AGRO_ENOTFOUND)
                return rc;
        } else {
            first[0] = '\0';
        }
    }
    if (!have_generic && !first[0])
        return agro_soil_load_dssat(ctx, generic, id, out); /* names the missing SOIL.SOL */
    if (have_generic && first[0])
        return agro_fail(ctx, AGRO_ENOTFOUND, dir, 0, "ID",
                         "soil profile \"%s\" is neither in SOIL.SOL nor in %c%c.SOL", id, id[0],
                         id[1]);
    return rc; /* the one file there said why */
}

void agro_soil_clay_silt_dssat(double clay_pct, double silt_pct, double *clay_out,
                               double *silt_out)
{
    double c = clay_pct, sl = silt_pct;
    if (c + sl > 100.001) c = sl = NAN;
    if (!(c > -0.001 && c <= 100.001)) {
        c = 30.0;
        if (c + sl > 100.0) c = 100.0 - sl;
    }
    if (!(sl > -0.001 && sl <= 100.001)) {
        sl = 30.0;
        if (c + sl > 100.0) sl = 100.0 - c;
    }
    *clay_out = c;
    *silt_out = sl;
}
