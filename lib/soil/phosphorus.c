/* Soil phosphorus (soil_phosphorus.h): DSSAT-CSM 4.8's simple soil P model (Dzotsi et al.
 * 2010; SoilPi.for, SoilPi_init.for, RootSoilVol.for) and the organic P of the CERES-Godwin
 * organic matter (SoilOrg.for, SoilOrg_init.for). Specification with DSSAT's quirks:
 * docs/design/phosphorus.md; the choices made here: docs/model.md §5.11. */
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "agrosim/soil_phosphorus.h"
#include "internal/c_locale.h"
#include "internal/error.h"
#include "internal/soil_profile.h"
#include "soil/century_internal.h"
#include "soil/phosphorus_internal.h"
#include "internal/tillage.h"

#define NL AGRO_SOIL_MAX_LAYERS
#define PI_ 3.14159265358979323846

/* min and max of finite values (fmin/fmax are libm calls here: NaN handling) */
static inline double minv(double a, double b) { return a < b ? a : b; }
static inline double maxv(double a, double b) { return a > b ? a : b; }

/* DSSAT SOILDYN.for defaults for missing soil data */
#define DEFAULT_PH 7.0
#define DEFAULT_CEC 15.5
#define DEFAULT_CLAY 30.0
#define DEFAULT_BD 1.2

static double clampd(double x, double lo, double hi) { return x < lo ? lo : (x > hi ? hi : x); }

/* Soil layer type (DSSAT SOILDYN.for SoilLayerClass): calcareous above 0.15 % CaCO3, else
 * slightly or highly weathered by CEC per unit clay against 16 cmol/kg. */
static int32_t layer_type(double caco3_pct, double cec, double clay)
{
    if (caco3_pct > 0.15)
        return AGRO_SOIL_P_CALCAREOUS;
    if (cec > 0.0 && clay > 0.0)
        return cec / (clay / 100.0) > 16.0 ? AGRO_SOIL_P_SLIGHTLY_WEATHERED
                                           : AGRO_SOIL_P_HIGHLY_WEATHERED;
    return AGRO_SOIL_P_UNKNOWN;
}

/* a·P + b above Pmin, the straight line to the origin below (DSSAT SoilPi_init.for) */
static double lin(double a, double b, double pmin, double p)
{
    return p >= pmin ? a * p + b : (a * pmin + b) * p / pmin;
}

/* Labile P, mg/kg, from soil-test P @p p by method and soil type (DSSAT SoilPi_init.for after
 * Sharpley et al. 1984 Table 2 and 1989, Singh 1985, IFDC 2008); NaN where DSSAT has no
 * equation. @p top: one of the two top layers (UNKNOWN type). */
static double labile_from_test(int32_t type, int32_t method, double p, double exk, int top)
{
    if (method == 5 || method == 10) /* anion-exchange resin, IFDC Pi strip: labile as measured */
        return p;
    const int k = isfinite(exk) && exk > 1e-6;
    switch (type) {
    case AGRO_SOIL_P_CALCAREOUS:
        if (method == 1) return lin(0.85, 0.18, 2.0, p);
        if (method == 2) return lin(1.81, 1.88, 2.0, p);
        if (method == 9) return lin(5.92, 0.09, 0.1, p);
        return NAN;
    case AGRO_SOIL_P_SLIGHTLY_WEATHERED: {
        double v;
        if (method == 1) {
            v = lin(0.76, 0.53, 2.0, p);
            return k ? minv(v, 0.62 * p + 10.09 * exk + 2.62) : v;
        }
        if (method == 2) {
            v = lin(1.37, 1.55, 2.0, p);
            return k ? minv(v, 1.09 * p + 10.59 * exk + 2.71) : v;
        }
        if (method == 4) {
            v = lin(0.13, 11.4, 10.0, p);
            return k ? minv(v, 2.16 * p + 9.58 * exk + 2.42) : v;
        }
        if (method == 6) {
            v = lin(0.34, 1.35, 2.0, p);
            return k ? minv(v, 0.30 * p + 5.85 * exk + 1.48) : v;
        }
        if (method == 14) return lin(187.3, 11.87, 0.1, p);
        return NAN;
    }
    case AGRO_SOIL_P_HIGHLY_WEATHERED:
        if (method == 1) return maxv(0.0, 1.50 * p - 1.39);
        if (method == 2) {
            if (p > 6.29) return maxv(0.0, 1.34 * p - 0.30);
            if (p > 1.0) return 0.41 * p + 5.55;
            return (0.41 * 1.0 + 5.55) * p / 1.0;
        }
        /* (DSSAT: (0.24·P + 2.9)·P/10 below 10 mg/kg, quadratic where the other equations
           are straight lines to the origin; kept as written) */
        if (method == 4) return p >= 10.0 ? 0.24 * p + 2.9 : (0.24 * p + 2.9) * p / 10.0;
        if (method == 6) return 1.07 * p - 1.49;
        if (method == 7) return lin(0.64, 5.72, 2.0, p);
        if (method == 8) return lin(0.43, 4.21, 2.0, p);
        return NAN;
    case AGRO_SOIL_P_ANDISOL:
        if (method == 1) return maxv(0.01, 1.41 * p - 2.56);
        if (method == 2) return maxv(0.01, 1.88 * p - 2.11);
        if (method == 4) return lin(4.52, 6.67, 4.0, p);
        if (method == 6) return maxv(0.0, 0.27 * p - 0.73);
        return NAN;
    default: /* unknown type: topsoil and subsoil equations */
        if (top) {
            if (method == 1) return lin(0.74, 1.39, 5.0, p);
            if (method == 2) return lin(1.35, 1.02, 5.0, p);
            if (method == 6) return lin(0.28, 0.62, 4.0, p);
        } else {
            if (method == 1) return lin(0.78, 1.11, 0.5, p);
            if (method == 2) return lin(1.66, 0.73, 0.5, p);
            if (method == 6) return lin(0.16, 0.38, 2.0, p);
        }
        return NAN;
    }
}

/* P availability index (Jones et al. 1984; Sharpley et al. 1984, 1989 Table 4; DSSAT
 * SoilPi_init.for), clamped to [0.1, 0.99]. The default for labile P below 1.5 mg/kg is
 * DSSAT's 0.75 + 0.00023**PiLabile, a power as written there. */
static double availability_index(int32_t type, double lab, double caco3_pct, double totbas,
                                 double ph, double clay)
{
    double pai;
    if (lab < 0.2)
        pai = 0.9;
    else if (lab < 1.5)
        pai = minv(0.75 + pow(0.00023, lab), 0.9);
    else
        pai = 0.75;
    if (type == AGRO_SOIL_P_CALCAREOUS && caco3_pct > -1e-6)
        pai = -0.0058 * caco3_pct + 0.60;
    else if (type == AGRO_SOIL_P_SLIGHTLY_WEATHERED && isfinite(totbas) && totbas > -1e-6 &&
             ph > 0.0 && lab > 1e-3)
        pai = minv(0.90, 0.0043 * totbas + 0.0034 * lab + 0.11 * ph - 0.70);
    else if (type == AGRO_SOIL_P_HIGHLY_WEATHERED && clay > 1e-6)
        pai = -0.30 * log10(clay) + 0.68;
    return clampd(pai, 0.1, 0.99);
}

/* Share of fertiliser P that enters the labile pool (DSSAT SoilPi.for P_FERTINDEX; Jones 1984,
 * Sharpley 1984, 1989); DSSAT has no bounds, agrosim keeps it in [0, 1]. @p lab: labile P of
 * the receiving zone, mg/kg. */
static double fertiliser_index(const agro_soil_p_params *p, int32_t i, double lab)
{
    double f = lab < 1.0 ? minv(0.60 + pow(0.00020, lab), 0.90) : 0.60;
    const int32_t t = p->layer_type[i];
    if (t == AGRO_SOIL_P_CALCAREOUS && isfinite(p->caco3_pct[i]) && p->caco3_pct[i] > -1e-6)
        f = -0.0042 * p->caco3_pct[i] + 0.72;
    else if (t == AGRO_SOIL_P_SLIGHTLY_WEATHERED && isfinite(p->base_sum_cmol_kg[i]) &&
             p->base_sum_cmol_kg[i] > -1e-6 && p->ph[i] > 0.0)
        f = minv(0.0043 * p->base_sum_cmol_kg[i] + 0.0034 * lab + 0.11 * p->ph[i] - 0.50, 0.90);
    else if (t == AGRO_SOIL_P_HIGHLY_WEATHERED && p->clay_pct[i] > 1e-6)
        f = -0.19 * log10(p->clay_pct[i]) + 0.70;
    return clampd(f, 0.0, 1.0);
}

/* Humus P, mg/kg, where SLPO is unknown (DSSAT SoilOrg_init.for), from pH and organic C %. */
static double humus_p_estimate(int32_t type, double ph, double oc)
{
    switch (type) {
    case AGRO_SOIL_P_CALCAREOUS: {
        const double x = (ph - 3.0) / 6.0;
        return 200.0 * exp(-1.8 * x * x) * (1.0 - exp(-0.55 * oc));
    }
    case AGRO_SOIL_P_SLIGHTLY_WEATHERED: {
        const double x = (ph - 10.0) / 12.0;
        return 900.0 * exp(-1.5 * x * x) * (1.0 - exp(-0.1 * oc));
    }
    case AGRO_SOIL_P_HIGHLY_WEATHERED: {
        const double x = (ph - 3.0) / 6.0;
        return 200.0 * exp(-1.85 * x * x) * (1.0 - exp(-0.35 * oc));
    }
    default: {
        const double x = (ph - 7.0) / 8.0;
        return 520.0 * exp(-1.5 * x * x) * (1.0 - exp(-0.135 * oc));
    }
    }
}

/* Soluble share of labile P: FracPSoln·TexFac·WatFac, at most 1, WatFac = max(SW/LL, 0.85)
 * (DSSAT SoilPi.for, US/CHP 2007). */
static double soluble_share(const agro_soil_p_params *p, int32_t i, double sw)
{
    const double wat = p->ll[i] > 0.0 ? maxv(sw / p->ll[i], 0.85) : 0.85;
    return minv(1.0, p->frac_soln[i] * p->tex_fac[i] * wat);
}

/* Available P of layer @p i: the soluble P of the root zone (SPi_AVAIL = SPiSolRts, DSSAT
 * SoilPi.for INTEGR), 0 without roots. */
static double available_p(const agro_soil_p_params *p, const agro_soil_p_state *s, int32_t i,
                          double sw)
{
    return s->frac_rts[i] > 1e-5 ? s->lab_rts[i] * soluble_share(p, i, sw) : 0.0;
}

/* A root zone over more than 0.99 of its layer is all of it, as DSSAT's RootSoilVol.for sets a
 * FracRts above 0.99 to 1; agrosim does so wherever the zone grows (the roots, the first roots'
 * column, a fertiliser band), not only for the roots' cylinders. The
 * rest of a layer is then none or at least 1 % of it, more than any first-order flow takes of
 * its pools in a day (k at most 0.09/d, and 0.006/d out of the active and stable P); a rest of
 * 5e-5 left by a band of 0.99995 kept its flows on the pools that had just moved into the band
 * and went below zero. */
static double root_zone_share(double f)
{
    return f > 0.99 ? 1.0 : f;
}

/* The day's first-order flows of one zone of layer @p i, labile ↔ active ↔ stable, on its
 * pools @p lab, @p act, @p sta (Jones et al. 1984; DSSAT SoilPi.for): the changes of the three
 * pools, and the net flows added to the rates' totals. */
static void zone_flows(const agro_soil_p_params *p, int32_t i, double lab, double act, double sta,
                       double *dlab, double *dact, double *dsta, agro_soil_p_rates *r)
{
    const double la = p->k_lab2act[i] * lab, al = p->k_act2lab[i] * act;
    const double as = p->k_act2sta[i] * act, sa = p->k_sta2act[i] * sta;
    *dlab = al - la;
    *dact = la - al + sa - as;
    *dsta = as - sa;
    r->lab_to_act_kg_ha += la - al;
    r->act_to_sta_kg_ha += as - sa;
}

/* A zone's net labile → active flow, @p flab (< 0 when P leaves the labile pool) with its
 * active counterpart @p fact, takes at most the labile P @p left that the day's other changes
 * (uptake, root-zone growth, fertiliser, immobilisation) left the zone; the rest stays labile.
 * Agrosim's rule: SoilPi.for meets the organic matter's immobilisation (PMINERAL) from the
 * labile P before the transformations, which are k × the day's starting pool, so a CENTURY
 * immobilisation of nearly all the labile P of a layer above its equilibrium with the active
 * P leaves the pool negative, and its PCHECK sets a pool below −0.001 kg/ha to 0, creating
 * that P; here the pool empties to 0 and the active P gets only what it held. */
static void cap_labile_outflow(double left, double *flab, double *fact, agro_soil_p_rates *r)
{
    const double most = -maxv(left, 0.0);
    if (*flab < most) {
        const double cut = most - *flab;
        *flab = most;
        *fact -= cut;
        r->lab_to_act_kg_ha -= cut;
    }
}

/* A params or state whose layer count indexes its arrays: 1..NL (a caller's struct may hold
   anything there) */
static int layers_ok(int32_t n) { return n >= 1 && n <= NL; }

/* finite and not below 0 (NaN fails) */
static int non_negative(double v) { return v >= 0.0 && v <= DBL_MAX; }

static double pools_of(const agro_soil_p_state *s, int32_t i)
{
    return s->lab_rts[i] + s->lab_out[i] + s->act_rts[i] + s->act_out[i] + s->sta_rts[i] +
           s->sta_out[i];
}

/* The ranges of the params the P functions read after agro_soil_p_init (which gives params
   inside them), for a caller's params: agrosim's rule, as the N and water steps check theirs.
   The rates are at most 1/d, a whole pool in a day; kg_ha_per_ppm divides the labile P, LL the
   water content; SAT/LL makes the texture factor at least 0.25, and with FracPSoln in [0, 1]
   the soluble share in [0, 1]. CaCO3 and the sum of bases may be unknown (NaN); clay and pH
   have their defaults by then. The step reads the chemistry, the root zone the geometry. */
enum { P_READ_STEP = 1, P_READ_ROOTS = 2 };
/* a layer as a profile agro_soil_validate takes can have it: its bottom at most 5000 cm, its
   bulk density at most 2.65 g/cm3 (quartz), so kg_ha_per_ppm = BD·DLAYR/10 at most 1325 */
#define P_DEPTH_MAX_CM 5000.0
#define P_KPP_MAX (2.65 * P_DEPTH_MAX_CM / 10.0)
/* no layer holds more P than its own soil mass, 1e6 ppm, kg/ha per kg_ha_per_ppm (at most
   1.3e9 kg/ha: a pool, or a day's decomposed N, of 1e300 lost the P balance to rounding) */
#define P_LAYER_MASS_PPM 1.0e6
#define P_FIELD(f) #f, offsetof(agro_soil_p_params, f)
static const struct {
    const char *name;
    size_t offset; /* of a double[AGRO_SOIL_MAX_LAYERS] in agro_soil_p_params */
    double lo, hi;
    int lo_open, hi_open, nan_ok, read_by;
} p_range[] = {
    {P_FIELD(kg_ha_per_ppm), 0.0, P_KPP_MAX, 1, 0, 0, P_READ_STEP},
    {P_FIELD(k_lab2act), 0.0, 1.0, 0, 0, 0, P_READ_STEP},
    {P_FIELD(k_act2lab), 0.0, 1.0, 0, 0, 0, P_READ_STEP},
    {P_FIELD(k_act2sta), 0.0, 1.0, 0, 0, 0, P_READ_STEP},
    {P_FIELD(k_sta2act), 0.0, 1.0, 0, 0, 0, P_READ_STEP},
    {P_FIELD(frac_soln), 0.0, 1.0, 0, 0, 0, P_READ_STEP},
    {P_FIELD(tex_fac), 0.25, HUGE_VAL, 0, 1, 0, P_READ_STEP},
    {P_FIELD(ll), 0.0, 1.0, 1, 1, 0, P_READ_STEP},
    {P_FIELD(caco3_pct), 0.0, SOIL_CACO3_G_KG_MAX / 10.0, 0, 0, 1, P_READ_STEP},
    {P_FIELD(clay_pct), 0.0, SOIL_CLAY_PCT_MAX, 0, 0, 0, P_READ_STEP},
    {P_FIELD(ph), 0.0, 14.0, 0, 0, 0, P_READ_STEP},
    {P_FIELD(base_sum_cmol_kg), 0.0, SOIL_SLBS_CMOL_KG_MAX, 0, 0, 1, P_READ_STEP},
    {P_FIELD(thickness_cm), 0.0, P_DEPTH_MAX_CM, 1, 0, 0, P_READ_ROOTS},
    {P_FIELD(depth_cm), 0.0, P_DEPTH_MAX_CM, 1, 0, 0, P_READ_ROOTS},
};
#define P_RANGES (sizeof p_range / sizeof p_range[0])

static const double *p_array(const agro_soil_p_params *p, size_t k)
{
    return (const double *)(const void *)((const char *)p + p_range[k].offset);
}

/* @p v inside range @p k (false for NaN unless the field may be unknown, and for ±inf) */
static int p_in_range(size_t k, double v)
{
    const int lo = p_range[k].lo_open ? v > p_range[k].lo : v >= p_range[k].lo;
    const int hi = p_range[k].hi_open ? v < p_range[k].hi : v <= p_range[k].hi;
    return (lo & hi) | (p_range[k].nan_ok & (v != v));
}

/* The first param of layers 0..n-1 read by @p read_by (P_READ_*) outside its range, named
   with its layer. The fast pass (check_params) runs every call, this naming pass only when it
   fails; both read p_range. */
__attribute__((cold, noinline)) static int name_bad_param(agro_ctx *ctx,
                                                          const agro_soil_p_params *p, int32_t n,
                                                          int read_by)
{
    for (int32_t i = 0; i < n; i++)
        for (size_t k = 0; k < P_RANGES; k++) {
            const double v = p_array(p, k)[i];
            if (!(p_range[k].read_by & read_by) || p_in_range(k, v))
                continue;
            /* layers past the profile's left as agro_soil_p_init leaves them (zero): n_layers 40
               was named "layer 9 kg_ha_per_ppm" */
            int rc = agro_fail_unfilled_layers(ctx, i, n, p->kg_ha_per_ppm, p->thickness_cm,
                                               p->depth_cm,
                                               "kg_ha_per_ppm, thickness_cm and depth_cm");
            if (rc)
                return rc;
            char text[96];
            if (isinf(p_range[k].hi))
                agro_snprintf_c(text, sizeof text, "P parameter must be finite and %s %g",
                         p_range[k].lo_open ? ">" : ">=", p_range[k].lo);
            else
                agro_snprintf_c(text, sizeof text, "P parameter must be in %s%g, %g%s%s",
                         p_range[k].lo_open ? "(" : "[", p_range[k].lo, p_range[k].hi,
                         p_range[k].hi_open ? ")" : "]",
                         p_range[k].nan_ok ? " (NaN: unknown)" : "");
            return agro_fail_layer_range(ctx, i, p_range[k].name, text, v);
        }
    /* not reached while both passes test p_range alike; if they ever disagree, the params are
       still refused, not taken */
    return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "params", "a P parameter is outside its range");
}

static int check_params(agro_ctx *ctx, const agro_soil_p_params *p, int32_t n, int read_by)
{
    int ok = 1;
    for (size_t k = 0; k < P_RANGES; k++) {
        if (!(p_range[k].read_by & read_by))
            continue;
        const double *a = p_array(p, k);
        for (int32_t i = 0; i < n; i++)
            ok &= p_in_range(k, a[i]);
    }
    return ok ? AGRO_OK : name_bad_param(ctx, p, n, read_by);
}

/* the thinnest layer, AGRO_SOIL_MIN_LAYER_CM less the profile checks' 1e-9 cm allowance, so
   that what agro_soil_p_init gives is never refused */
#define P_THICKNESS_MIN_CM (AGRO_SOIL_MIN_LAYER_CM - 1e-9)

/* check_params for the entries that read the layers' geometry (@p read_by with P_READ_ROOTS),
   then the soil models' floor on the thickness, named as the N and water params' checks name
   it. Apart from p_range so that the step's check, which the field's daily path runs and which
   reads no thickness, does no more work. */
static int check_layer_params(agro_ctx *ctx, const agro_soil_p_params *p, int32_t n, int read_by)
{
    const int st = check_params(ctx, p, n, read_by);
    if (st)
        return st;
    for (int32_t i = 0; i < n; i++)
        if (p->thickness_cm[i] < P_THICKNESS_MIN_CM)
            return agro_fail_below_min_layer(ctx, i, "thickness_cm", AGRO_SOIL_MIN_LAYER_CM, "cm",
                                             p->thickness_cm[i]);
    return AGRO_OK;
}

/* The profile the pools are made from, before anything is written (the ranges of the water
   and N models): a layer without thickness, soil mass, LL or SAT gives negative, infinite or
   NaN pools and texture factors; unknown (NaN) bulk density and organic C take the defaults. */
static int check_profile(agro_ctx *ctx, const agro_soil_profile *pr)
{
    double top = 0.0;
    for (int32_t i = 0; i < pr->n_layers; i++) {
        const double bottom = pr->depth_cm[i], bd = pr->bulk_density_g_cm3[i];
        const double ll = pr->ll[i], sat = pr->sat[i], oc = pr->organic_carbon_pct[i];
        int rc = agro_check_layer_bottom(ctx, i, bottom, top);
        if (rc)
            return rc;
        top = bottom;
        if (!isnan(bd) && !(bd > 0.0 && bd <= 2.65))
            return agro_fail_layer_range(ctx, i, "SBDM", "bulk density must be in (0, 2.65] g/cm3",
                                         bd);
        if (!(ll > 0.0 && ll < 1.0))
            return agro_fail_layer_range(ctx, i, "SLLL",
                                         "lower limit must be in (0, 1): the P model divides SAT by it",
                                         ll);
        if (!(sat > ll && sat <= 1.0))
            return agro_fail_layer_range(ctx, i, "SSAT", "saturation must be in (SLLL, 1]", sat);
        if (!isnan(oc) && !(oc >= 0.0 && oc <= 60.0))
            return agro_fail_layer_range(ctx, i, "SLOC", "organic carbon must be in [0, 60] %", oc);
        const double ext = pr->extractable_p_mg_kg[i];
        if (isnan(ext))
            return agro_fail_layer(ctx, AGRO_EMISSING, i, "SLPX",
                                   "the P model needs a soil-test P in every layer (SLPX or the "
                                   "soil analysis SAPX), mg/kg",
                                   ext);
        /* the soil test and the chemistry the P model reads (NaN: unknown, where a default or
           DSSAT's estimate stands), in the plausibility bounds of agro_soil_check
           (lib/soil/profile.c), which every profile read from a .SOL or JSON file has passed:
           wide enough for organic and calcareous soils, they catch unit and sign errors */
        const double chem[8] = {ext,
                                pr->clay_pct[i],
                                pr->caco3_g_kg[i],
                                pr->exch_k_cmol_kg[i],
                                pr->base_sum_cmol_kg[i],
                                pr->cec_cmol_kg[i],
                                pr->organic_p_mg_kg[i],
                                pr->ph_water[i]};
        static const struct {
            const char *name, *what, *unit;
            double lo, hi;
        } range[8] = {
            {"SLPX", "soil-test P", " mg/kg", 0.0, SOIL_SLPX_MG_KG_MAX},
            {"SLCL", "clay", " %", 0.0, SOIL_CLAY_PCT_MAX},
            {"CACO3", "CaCO3", " g/kg", 0.0, SOIL_CACO3_G_KG_MAX},
            {"SLKE", "exchangeable K", " cmol/kg", 0.0, SOIL_SLKE_CMOL_KG_MAX},
            {"SLBS", "sum of bases", " cmol/kg", 0.0, SOIL_SLBS_CMOL_KG_MAX},
            {"SCEC", "CEC", " cmol/kg", 0.0, SOIL_SCEC_CMOL_KG_MAX},
            {"SLPO", "organic P", " mg/kg", 0.0, SOIL_SLPO_MG_KG_MAX},
            {"SLHW", "pH in water", "", SOIL_PH_MIN, SOIL_PH_MAX},
        };
        for (int k = 0; k < 8; k++)
            if (!isnan(chem[k]) && !(chem[k] >= range[k].lo && chem[k] <= range[k].hi)) {
                char text[80];
                agro_snprintf_c(text, sizeof text, "%s must be in [%g, %g]%s", range[k].what,
                         range[k].lo, range[k].hi, range[k].unit);
                return agro_fail_layer_range(ctx, i, range[k].name, text, chem[k]);
            }
    }
    return AGRO_OK;
}

/* The params and pools of a checked profile @p pr (agro_soil_p_init), into @p p and @p s;
   fails (AGRO_ERANGE naming SMPX) where the method has no equation for a layer's type. */
static int make_pools(agro_ctx *ctx, const agro_soil_profile *pr, agro_soil_p_params *p,
                      agro_soil_p_state *s)
{
    const int32_t n = pr->n_layers;
    memset(p, 0, sizeof *p);
    memset(s, 0, sizeof *s);
    p->n_layers = s->n_layers = n;
    p->method = pr->p_method;
    double top = 0.0;
    for (int32_t i = 0; i < n; i++) {
        const double bottom = pr->depth_cm[i], bd_in = pr->bulk_density_g_cm3[i];
        const double ll = pr->ll[i], sat = pr->sat[i], oc_in = pr->organic_carbon_pct[i];
        const double dz = bottom - top;
        top = bottom;
        const double ext = pr->extractable_p_mg_kg[i]; /* in [0, 5000]: check_profile */
        const double bd = bd_in > 0.001 ? bd_in : DEFAULT_BD;
        const double ph = pr->ph_water[i] > 1.0 && pr->ph_water[i] <= 10.0 ? pr->ph_water[i] : DEFAULT_PH;
        const double cec = pr->cec_cmol_kg[i] > 0.0 ? pr->cec_cmol_kg[i] : DEFAULT_CEC;
        const double clay = isfinite(pr->clay_pct[i]) ? pr->clay_pct[i] : DEFAULT_CLAY;
        /* CaCO3 g/kg → % (DSSAT SOILDYN.for: CACO/10; unknown stays unknown, layer by layer) */
        const double caco3 = isfinite(pr->caco3_g_kg[i]) ? pr->caco3_g_kg[i] / 10.0 : NAN;
        p->thickness_cm[i] = dz;
        p->depth_cm[i] = pr->depth_cm[i];
        p->kg_ha_per_ppm[i] = bd * dz / 10.0; /* 1/KG2PPM, KG2PPM = 10/(BD·DLAYR) */
        p->layer_type[i] = layer_type(isfinite(caco3) ? caco3 : -1.0, cec, clay);
        p->caco3_pct[i] = caco3;
        p->clay_pct[i] = clay;
        p->ph[i] = ph;
        p->base_sum_cmol_kg[i] = pr->base_sum_cmol_kg[i];
        p->ll[i] = ll;
        p->tex_fac[i] = 0.25 + 0.25 * sat / ll;
        switch (p->layer_type[i]) {
        case AGRO_SOIL_P_CALCAREOUS: p->frac_soln[i] = 0.05; break;
        case AGRO_SOIL_P_HIGHLY_WEATHERED: p->frac_soln[i] = 0.015; break;
        case AGRO_SOIL_P_ANDISOL: p->frac_soln[i] = 0.008; break;
        default: p->frac_soln[i] = 0.02; break;
        }
        const double lab = labile_from_test(p->layer_type[i], p->method, maxv(ext, 0.0),
                                            pr->exch_k_cmol_kg[i], i < 2);
        if (!isfinite(lab) || lab < -1e-6)
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "SMPX",
                                   "the soil-test method has no labile-P equation for this soil "
                                   "type (DSSAT SoilPi_init: Olsen, Bray 1, Mehlich I, Truog, ... "
                                   "by type); labile P would be",
                                   lab);
        const double pai = availability_index(p->layer_type[i], lab, isfinite(caco3) ? caco3 : -1.0,
                                              pr->base_sum_cmol_kg[i], ph, clay);
        p->pai[i] = pai;
        /* rate constants (Jones et al. 1984; DSSAT SoilPi_init.for) */
        p->k_lab2act[i] = sqrt((1.0 - pai) / pai) * 0.03;
        p->k_act2lab[i] = p->k_lab2act[i] / 3.0 * pai;
        p->k_act2sta[i] = exp(-1.77 * pai - 7.05);
        p->k_sta2act[i] = 0.0001;
        /* active at equilibrium with labile (= 3·labile/PAI), stable = 4·active (Jones et al.
           1984, above eq. 6) */
        const double act = lab * p->k_lab2act[i] / p->k_act2lab[i];
        const double kpp = p->kg_ha_per_ppm[i];
        s->lab_out[i] = maxv(lab, 0.0) * kpp;
        s->act_out[i] = act * kpp;
        s->sta_out[i] = 4.0 * act * kpp;
        /* humus P: SLPO, else DSSAT's estimate from pH and organic C (SoilOrg_init.for) */
        double orgp = pr->organic_p_mg_kg[i];
        if (!isfinite(orgp) || orgp < 0.0) {
            const double oc = isfinite(oc_in) ? oc_in : 0.0;
            orgp = humus_p_estimate(p->layer_type[i], ph, oc);
        }
        s->humus_p[i] = orgp * kpp; /* (no roots yet: nothing available) */
    }
    s->initial_kg_ha = agro_soil_p_total_kg_ha(s);
    return AGRO_OK;
}

AGRO_API int agro_soil_p_init(agro_ctx *ctx, const agro_soil_profile *pr,
                              agro_soil_p_params *p, agro_soil_p_state *s)
{
    if (!pr || !p || !s)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "soil_p", "NULL argument");
    const int32_t n = pr->n_layers;
    if (n < 1 || n > NL)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers", "%d layers outside [1, %d]",
                         (int)n, NL);
    if (pr->p_method < 1 || pr->p_method > 15)
        return agro_fail(ctx, AGRO_EMISSING, NULL, 0, "SMPX",
                         "the soil-test P method is unknown (%d): the P model needs SMPX with "
                         "SLPX or SAPX",
                         (int)pr->p_method);
    int st = check_profile(ctx, pr);
    if (st)
        return st;
    /* made aside, so that a refusal leaves the caller's params and state as they were */
    agro_soil_p_params pn;
    agro_soil_p_state sn;
    if ((st = make_pools(ctx, pr, &pn, &sn)))
        return st;
    *p = pn;
    *s = sn;
    return AGRO_OK;
}

/* 1 when a P addition to @p layer may go ahead: params and state that agree, the layer, and
   @p kg_p_ha in [0, 5000] (NaN fails). One test inline, the message out of line
   (refuse_addition): the field adds the dead roots' P layer by layer on every day of P
   uptake. */
static inline int addition_ok(const agro_soil_p_params *p, const agro_soil_p_state *s,
                              int32_t layer, double kg_p_ha)
{
    return p && s && layers_ok(p->n_layers) && s->n_layers == p->n_layers && layer >= 0 &&
           layer < p->n_layers && kg_p_ha >= 0.0 && kg_p_ha <= 5000.0;
}

/* The refusal of a P addition addition_ok refused, the first wrong argument named; the amount
   as field @p field, "WHAT P must be in [0, 5000] kg/ha". */
__attribute__((cold, noinline)) static int
refuse_addition(agro_ctx *ctx, const agro_soil_p_params *p, const agro_soil_p_state *s,
                int32_t layer, double kg_p_ha, const char *field, const char *what)
{
    if (!p || !s)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "soil_p", "NULL argument");
    if (!layers_ok(p->n_layers) || s->n_layers != p->n_layers)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers", "P params and state disagree on layers");
    if (layer < 0 || layer >= p->n_layers)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "layer", "layer index %d outside [0, %d]",
                         (int)layer, (int)p->n_layers - 1);
    return agro_fail(ctx, agro_range_status(kg_p_ha), NULL, 0, field,
                     "%s P must be in [0, 5000] kg/ha (%g)", what, kg_p_ha);
}

static int p_state_check(agro_ctx *ctx, const agro_soil_p_params *p, const agro_soil_p_state *s,
                         const agro_soil_p_drivers *d, int32_t n);

/* What a public entry a caller calls between steps with its own params and state runs after
   its arguments (layers agreeing): the params and the state as the public steps check them,
   before anything changes (a NaN pool or total took an addition or an uptake with AGRO_OK; the
   next step named it, or a fertiliser band reset a NaN root-zone fraction and hid it). The
   field's own calls skip it (agro_soil_p_fertilise_field, agro_soil_p_add_organic_field and the
   *_unchecked entries, phosphorus_internal.h): its steps keep its state. */
static int p_event_check(agro_ctx *ctx, const agro_soil_p_params *p, const agro_soil_p_state *s)
{
    const int st = check_layer_params(ctx, p, p->n_layers, P_READ_STEP | P_READ_ROOTS);
    return st ? st : p_state_check(ctx, p, s, NULL, p->n_layers);
}

static int p_fertilise(agro_ctx *ctx, const agro_soil_p_params *p, agro_soil_p_state *s,
                       int32_t layer, double kg_p_ha, double band_fraction, int check)
{
    if (!addition_ok(p, s, layer, kg_p_ha))
        return refuse_addition(ctx, p, s, layer, kg_p_ha, "FAMP", "fertiliser");
    if (!isfinite(band_fraction) || band_fraction < 0.0 || band_fraction > 1.0)
        return agro_fail(ctx, agro_range_status(band_fraction), NULL, 0, "band_fraction",
                         "must be in [0, 1] (%g)", band_fraction);
    if (check) {
        const int st = p_event_check(ctx, p, s);
        if (st) return st;
    }
    if (band_fraction > 0.0) {
        /* the band is root zone from the start (DSSAT SoilPi.for BANDED, RootSoilVol LAYER) */
        if (band_fraction > s->frac_rts[layer])
            s->frac_rts[layer] = root_zone_share(band_fraction);
        s->fert_banded[layer] += kg_p_ha;
    } else {
        s->fert_broadcast[layer] += kg_p_ha;
    }
    s->cum_fertiliser_kg_ha += kg_p_ha;
    return AGRO_OK;
}

AGRO_API int agro_soil_p_fertilise(agro_ctx *ctx, const agro_soil_p_params *p,
                                   agro_soil_p_state *s, int32_t layer, double kg_p_ha,
                                   double band_fraction)
{
    return p_fertilise(ctx, p, s, layer, kg_p_ha, band_fraction, 1);
}

int agro_soil_p_fertilise_field(agro_ctx *ctx, const agro_soil_p_params *p, agro_soil_p_state *s,
                                int32_t layer, double kg_p_ha, double band_fraction)
{
    return p_fertilise(ctx, p, s, layer, kg_p_ha, band_fraction, 0);
}

AGRO_API int agro_soil_p_add_organic(agro_ctx *ctx, const agro_soil_p_params *p,
                                     agro_soil_p_state *s, int32_t layer, double kg_p_ha)
{
    if (!addition_ok(p, s, layer, kg_p_ha))
        return refuse_addition(ctx, p, s, layer, kg_p_ha, "organic_p", "organic");
    const int st = p_event_check(ctx, p, s);
    if (st) return st;
    s->fom_p[layer] += kg_p_ha;
    s->cum_organic_in_kg_ha += kg_p_ha;
    return AGRO_OK;
}

int agro_soil_p_add_organic_field(agro_ctx *ctx, const agro_soil_p_params *p, agro_soil_p_state *s,
                                  int32_t layer, double kg_p_ha)
{
    if (!addition_ok(p, s, layer, kg_p_ha))
        return refuse_addition(ctx, p, s, layer, kg_p_ha, "organic_p", "organic");
    s->fom_p[layer] += kg_p_ha;
    s->cum_organic_in_kg_ha += kg_p_ha;
    return AGRO_OK;
}

void agro_soil_p_root_volume_unchecked(const agro_soil_p_params *p, agro_soil_p_state *s,
                                       const double *rlv, double root_depth_cm,
                                       double pltpop_m2, double row_spacing_cm,
                                       double root_radius_m)
{
    const int32_t n = p->n_layers;
    double sum = 0.0;
    for (int32_t i = 0; i < n; i++) sum += rlv[i];
    if (sum < 1e-5) {
        s->roots_seen = 0;
        return;
    }
    if (!s->roots_seen) {
        /* first roots: a 5 × 5 cm column per plant down to the root front, at most 5 cm of
           the row spacing wide (DSSAT RootSoilVol.for); the cap bounds only the new column,
           so a band placed earlier keeps its volume */
        const double row_m = row_spacing_cm > 0.0 ? row_spacing_cm / 100.0 : 0.0;
        for (int32_t i = 0; i < n; i++) {
            const double top = i ? p->depth_cm[i - 1] : 0.0;
            const double dz = p->thickness_cm[i];
            const double z = (i == 0 || p->depth_cm[i] < root_depth_cm) ? dz : root_depth_cm - top;
            if (z <= 0.0)
                break;
            double col = 0.05 * 0.05 * z / dz * pltpop_m2;
            if (row_m > 0.0)
                col = minv(col, z / dz * 0.05 / row_m);
            col = root_zone_share(minv(col, 1.0));
            if (col > s->frac_rts[i])
                s->frac_rts[i] = col;
            if (z < dz)
                break;
        }
        s->roots_seen = 1;
        return;
    }
    /* later days: the volume of the roots' cylinders, RLV·π·r² (r in m → cm: ×100; 1e4) */
    for (int32_t i = 0; i < n; i++) {
        double f = rlv[i] * PI_ * root_radius_m * root_radius_m * 1e4;
        if (f > s->frac_rts[i])
            s->frac_rts[i] = f > 1.0 ? 1.0 : f;
        s->frac_rts[i] = root_zone_share(s->frac_rts[i]);
    }
}

/* The refusals of the public crop-side calls (root volume, uptake), named: a NULL argument or
   layer counts that cannot index the arrays or disagree (AGRO_EINVAL). Called only on failure. */
static int crop_call_invalid(agro_ctx *ctx, const agro_soil_p_params *p,
                             const agro_soil_p_state *s, const void *array, const char *name)
{
    if (!p || !s || !array)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, !p ? "p" : !s ? "s" : name, "NULL argument");
    if (!layers_ok(p->n_layers))
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "p->n_layers", "must be 1..%d (%d)", NL,
                         (int)p->n_layers);
    return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers",
                     "P params have %d layers, P state %d", (int)p->n_layers, (int)s->n_layers);
}

/* a scalar argument that is negative or not finite: AGRO_ERANGE naming it */
static int fail_not_non_negative(agro_ctx *ctx, const char *name, double v)
{
    return agro_fail(ctx, AGRO_ERANGE, NULL, 0, name, "must be finite and >= 0 (%g)", v);
}

AGRO_API int agro_soil_p_root_volume(agro_ctx *ctx, const agro_soil_p_params *p,
                                     agro_soil_p_state *s, const double *rlv,
                                     double root_depth_cm, double pltpop_m2,
                                     double row_spacing_cm, double root_radius_m)
{
    if (!p || !s || !rlv || !layers_ok(p->n_layers) || s->n_layers != p->n_layers)
        return crop_call_invalid(ctx, p, s, rlv, "rlv");
    const int pst = check_layer_params(ctx, p, p->n_layers, P_READ_ROOTS);
    if (pst)
        return pst;
    if (!non_negative(root_depth_cm)) return fail_not_non_negative(ctx, "root_depth_cm", root_depth_cm);
    if (!non_negative(pltpop_m2)) return fail_not_non_negative(ctx, "pltpop_m2", pltpop_m2);
    if (!non_negative(row_spacing_cm))
        return fail_not_non_negative(ctx, "row_spacing_cm", row_spacing_cm);
    if (!non_negative(root_radius_m)) return fail_not_non_negative(ctx, "root_radius_m", root_radius_m);
    for (int32_t i = 0; i < p->n_layers; i++)
        if (!non_negative(rlv[i]))
            return agro_fail_element(ctx, AGRO_ERANGE, "rlv", (size_t)i,
                                     "root length density must be finite and >= 0 cm/cm3", rlv[i]);
    const int est = p_event_check(ctx, p, s);
    if (est)
        return est;
    agro_soil_p_root_volume_unchecked(p, s, rlv, root_depth_cm, pltpop_m2, row_spacing_cm,
                                      root_radius_m);
    return AGRO_OK;
}

void agro_soil_p_take_up_unchecked(const agro_soil_p_params *p, agro_soil_p_state *s,
                                   const double *kg_p_ha)
{
    for (int32_t i = 0; i < p->n_layers; i++) {
        s->uptake_pending[i] += kg_p_ha[i];
        s->cum_uptake_kg_ha += kg_p_ha[i];
    }
}

AGRO_API int agro_soil_p_take_up(agro_ctx *ctx, const agro_soil_p_params *p,
                                 agro_soil_p_state *s, const double *kg_p_ha)
{
    if (!p || !s || !kg_p_ha || !layers_ok(p->n_layers) || s->n_layers != p->n_layers)
        return crop_call_invalid(ctx, p, s, kg_p_ha, "kg_p_ha");
    for (int32_t i = 0; i < p->n_layers; i++)
        if (!non_negative(kg_p_ha[i]))
            return agro_fail_element(ctx, AGRO_ERANGE, "kg_p_ha", (size_t)i,
                                     "P uptake must be finite and >= 0 kg/ha", kg_p_ha[i]);
    const int st = p_event_check(ctx, p, s);
    if (st)
        return st;
    /* the step takes the uptake from the layer's labile P (SoilPi.for RATE subtracts PUptake
       from it unbounded: DSSAT's plant asks a layer for at most its available P, a part of it,
       P_Uptake.for PUptake(L) <= SPi_AVAIL(L)), so more is refused here, at the call that asks
       for it, with the 1e-9 kg/ha the state check allows: it was recorded and the next entry
       refused uptake_pending */
    for (int32_t i = 0; i < p->n_layers; i++) {
        const double lab = s->lab_rts[i] + s->lab_out[i];
        if (!(s->uptake_pending[i] + kg_p_ha[i] <= lab + 1e-9)) {
            char text[192];
            agro_snprintf_c(text, sizeof text,
                     "P uptake with the %g kg/ha recorded since the last step must be at most "
                     "layer %d's labile P (lab_rts + lab_out), %g kg/ha, which the step takes it "
                     "from",
                     s->uptake_pending[i], (int)i + 1, lab);
            return agro_fail_element(ctx, AGRO_ERANGE, "kg_p_ha", (size_t)i, text, kg_p_ha[i]);
        }
    }
    agro_soil_p_take_up_unchecked(p, s, kg_p_ha);
    return AGRO_OK;
}

/* @p om: the day's CENTURY mineral flows of P instead of this state's FOM and humus P (NULL:
   CERES, following the N step's decomposition in @p d). */
/* The members of a caller's state the step reads: each layer's pools, the fertiliser waiting
   and the uptake recorded finite, >= 0 and at most the layer's soil mass (P_LAYER_MASS_PPM),
   the root zone's fractions in [0, 1]; the totals of the balance finite. Only the public steps
   run it (a NaN humus P was named as "labile P would become nan", a root-zone fraction of -1 or
   inf ran under CENTURY, a NaN total made agro_soil_p_balance_kg_ha NaN); the field's state is
   its own step's to keep. */
#define P_STATE_FIELD(f) #f, offsetof(agro_soil_p_state, f)
static const struct {
    const char *name;
    size_t offset; /* of a double[AGRO_SOIL_MAX_LAYERS] */
    int fraction;  /* 1: in [0, 1]; 0: a pool */
} p_state_layer[] = {
    {P_STATE_FIELD(lab_rts), 0},        {P_STATE_FIELD(lab_out), 0},
    {P_STATE_FIELD(act_rts), 0},        {P_STATE_FIELD(act_out), 0},
    {P_STATE_FIELD(sta_rts), 0},        {P_STATE_FIELD(sta_out), 0},
    {P_STATE_FIELD(fom_p), 0},          {P_STATE_FIELD(humus_p), 0},
    {P_STATE_FIELD(fert_broadcast), 0}, {P_STATE_FIELD(fert_banded), 0},
    {P_STATE_FIELD(uptake_pending), 0}, {P_STATE_FIELD(frac_rts), 1},
    {P_STATE_FIELD(frac_rts_prev), 1},
};
static const struct {
    const char *name;
    size_t offset;
} p_state_total[] = {
    {P_STATE_FIELD(initial_kg_ha)},         {P_STATE_FIELD(cum_fertiliser_kg_ha)},
    {P_STATE_FIELD(cum_organic_in_kg_ha)},  {P_STATE_FIELD(cum_uptake_kg_ha)},
    {P_STATE_FIELD(cum_mineralised_kg_ha)}, {P_STATE_FIELD(cum_immobilised_kg_ha)},
    {P_STATE_FIELD(max_abs_balance_error_kg_ha)}, {P_STATE_FIELD(cum_om_external_kg_ha)},
};

static double p_state_value(const agro_soil_p_state *s, size_t offset, int32_t i)
{
    double v;
    memcpy(&v, (const char *)s + offset + (size_t)i * sizeof v, sizeof v);
    return v;
}

/* A pool @p v of layer @p i outside [0, @p mass], its soil mass, named; above it, kg_ha_per_ppm
   is named instead when it is not the 0.1·BD·thickness_cm of any bulk density the P model takes
   (BD in (0.001, 2.65] g/cm3: agro_soil_p_init takes the default at or below 0.001,
   check_profile refuses above 2.65; DSSAT SOILDYN KG2PPM = 10/(BD·DLAYR)), as the N params'
   check does: 1e-300 was named as the first pool it left over its soil mass. Refusal path only. */
__attribute__((cold, noinline)) static int name_pool_outside(agro_ctx *ctx,
                                                               const agro_soil_p_params *p,
                                                               int32_t i, const char *name,
                                                               double mass, double v)
{
    const double dz = p->thickness_cm[i], kpp = p->kg_ha_per_ppm[i];
    const double lo = 0.1 * 0.001 * dz, hi = 0.1 * 2.65 * dz;
    if (v > mass && dz > 0.0 && dz <= P_DEPTH_MAX_CM && !(kpp > lo && kpp <= hi * (1.0 + 1e-9))) {
        char text[160];
        agro_snprintf_c(text, sizeof text,
                 "must be 0.1·BD·thickness_cm, in (%g, %g] for a bulk density in (0.001, 2.65] "
                 "g/cm3, for the layer's soil mass",
                 lo, hi);
        return agro_fail_layer(ctx, AGRO_ERANGE, i, "kg_ha_per_ppm", text, kpp);
    }
    return agro_fail(ctx, agro_range_status(v), NULL, 0, NULL,
                     "layer %d %s: state must be finite, >= 0 and at most the layer's "
                     "soil mass, %g kg/ha (%g)",
                     (int)i + 1, name, mass, v);
}

/* @p s as above and the decomposed and immobilised N of @p d (NULL: an event's check, no
   drivers) at most the layer's soil mass (the humus P takes a fifth of the one over 10), the
   first member outside named with its layer; @p p and @p d were checked (layers, ranges). */
static int p_state_check(agro_ctx *ctx, const agro_soil_p_params *p, const agro_soil_p_state *s,
                         const agro_soil_p_drivers *d, int32_t n)
{
    /* a flag (RootSoilVol.for's first call of the season or not): 2 or -1 ran as set */
    if (s->roots_seen != 0 && s->roots_seen != 1)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "roots_seen", "state flag must be 0 or 1 (%d)",
                         (int)s->roots_seen);
    for (int32_t i = 0; i < n; i++) {
        const double mass = P_LAYER_MASS_PPM * p->kg_ha_per_ppm[i];
        for (size_t k = 0; k < sizeof p_state_layer / sizeof p_state_layer[0]; k++) {
            const double v = p_state_value(s, p_state_layer[k].offset, i);
            if (p_state_layer[k].fraction) {
                if (!(v >= 0.0 && v <= 1.0))
                    return agro_fail_layer_range(ctx, i, p_state_layer[k].name,
                                                 "state fraction must be in [0, 1]", v);
            } else if (!(v >= 0.0 && v <= mass)) {
                return name_pool_outside(ctx, p, i, p_state_layer[k].name, mass, v);
            }
        }
        /* the step takes the uptake from the layer's labile P (SoilPi.for RATE: from the root
           zone's, then the rest's): more was refused by its effect, "labile P would become
           -982659"; 1e-9 kg/ha is the rounding the step allows a pool it empties */
        const double lab = s->lab_rts[i] + s->lab_out[i];
        if (!(s->uptake_pending[i] <= lab + 1e-9))
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, NULL,
                             "layer %d uptake_pending: state must be at most the layer's labile P "
                             "(lab_rts + lab_out), %g kg/ha, which the step takes it from (%g)",
                             (int)i + 1, lab, s->uptake_pending[i]);
        if (!d)
            continue;
        const double dn[2] = {d->fom_n_decomposed[i], d->n_immobilised[i]};
        static const char *const dname[2] = {"fom_n_decomposed", "n_immobilised"};
        for (int k = 0; k < 2; k++)
            if (!(dn[k] <= mass))
                return agro_fail(ctx, AGRO_ERANGE, NULL, 0, NULL,
                                 "layer %d %s: must be at most the layer's soil mass, %g kg N/ha (%g)",
                                 (int)i + 1, dname[k], mass, dn[k]);
    }
    for (size_t k = 0; k < sizeof p_state_total / sizeof p_state_total[0]; k++) {
        const double v = p_state_value(s, p_state_total[k].offset, 0);
        if (!isfinite(v))
            return agro_fail(ctx, AGRO_ENUMERIC, NULL, 0, p_state_total[k].name,
                             "state total must be finite (%g)", v);
    }
    return AGRO_OK;
}

/* The arguments present, the layers in agreement, the params a caller may have changed since
   agro_soil_p_init and the drivers in their ranges. Inlined into p_step, the field's daily path,
   as it was written there; the public steps run it first on their own, then the state check. */
__attribute__((always_inline)) static inline int p_inputs_check(agro_ctx *ctx,
                                                                const agro_soil_p_params *p,
                                                                const agro_soil_p_state *s,
                                                                const agro_soil_p_drivers *d)
{
    if (!p || !s || !d)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "soil_p", "NULL argument");
    const int32_t n = p->n_layers;
    if (n < 1 || n > NL || s->n_layers != n)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers",
                         "P params and state disagree on layers");
    /* the params a caller may have changed since agro_soil_p_init, then the drivers, before
       anything changes */
    const int pst = check_params(ctx, p, n, P_READ_STEP);
    if (pst)
        return pst;
    /* (the drivers' fast pass as the N step's: a sum is finite only when its terms are; the
       detailed pass runs only to name what is wrong); SW, a volume fraction, at most 1, the
       range of agro_soil_p_set_saturation (SAT <= 1 in agro_soil_check; the params hold no
       SAT to bound it by) */
    double fin = 0.0, lo = 0.0, hi = 0.0;
    for (int32_t i = 0; i < n; i++) {
        const double a = d->sw[i], b = d->fom_frac[i], c = d->humus_frac[i];
        const double e1 = d->fom_n_decomposed[i], e2 = d->n_immobilised[i];
        fin += (a + b) + (c + e1) + e2;
        /* (comparisons, not fmin: NaN is caught by fin) */
        lo = a < lo ? a : lo;
        lo = b < lo ? b : lo;
        lo = c < lo ? c : lo;
        lo = e1 < lo ? e1 : lo;
        lo = e2 < lo ? e2 : lo;
        hi = a > hi ? a : hi;
        hi = b > hi ? b : hi;
        hi = c > hi ? c : hi;
    }
    if (!(fin - fin == 0.0) || lo < 0.0 || hi > 1.0) {
        static const char *const name[5] = {"sw", "fom_frac", "humus_frac", "fom_n_decomposed",
                                            "n_immobilised"};
        static const char *const sw_text = "volumetric water must be in [0, 1] cm3/cm3";
        static const char *const text = "P driver must be finite, >= 0 (fractions <= 1)";
        for (int32_t i = 0; i < n; i++) {
            const double v[5] = {d->sw[i], d->fom_frac[i], d->humus_frac[i],
                                 d->fom_n_decomposed[i], d->n_immobilised[i]};
            for (int k = 0; k < 5; k++)
                if (!isfinite(v[k]) || v[k] < 0.0 || (k <= 2 && v[k] > 1.0))
                    return agro_fail_layer_range(ctx, i, name[k], k == 0 ? sw_text : text, v[k]);
        }
    }
    return AGRO_OK;
}

/* A public step's checks: p_inputs_check, then the caller's state (p_state_check). */
static int p_public_check(agro_ctx *ctx, const agro_soil_p_params *p, const agro_soil_p_state *s,
                          const agro_soil_p_drivers *d)
{
    const int st = p_inputs_check(ctx, p, s, d);
    return st ? st : p_state_check(ctx, p, s, d, p->n_layers);
}

static int p_step(agro_ctx *ctx, const agro_soil_p_params *p, agro_soil_p_state *s,
                  const agro_soil_p_drivers *d, agro_soil_p_rates *r, const agro_century_rates *om,
                  double till_depth_cm, double till_mix_pct)
{
    const int ist = p_inputs_check(ctx, p, s, d);
    if (ist)
        return ist;
    const int32_t n = p->n_layers;
    agro_soil_p_rates rl;
    if (!r)
        r = &rl;
    memset(r, 0, sizeof *r);
    const double before = agro_soil_p_total_kg_ha(s);
    /* the day is computed aside and committed only when every pool of every layer is valid,
       so a refused step leaves the state as it was: the labile P after the day's uptake, the
       organic P after its decomposition, and the pools' changes */
    double lab_r[NL], lab_o[NL], fom[NL], hum[NL];
    double dlab_r[NL], dlab_o[NL], dact_r[NL], dact_o[NL], dsta_r[NL], dsta_o[NL];
    double flab_r[NL], flab_o[NL], fact_r[NL], fact_o[NL], fsta_r[NL], fsta_o[NL];
    double pnom[NL];
    for (int32_t i = 0; i < n; i++) {
        dlab_r[i] = dlab_o[i] = dact_r[i] = dact_o[i] = dsta_r[i] = dsta_o[i] = 0.0;
        lab_r[i] = s->lab_rts[i];
        lab_o[i] = s->lab_out[i];
        fom[i] = s->fom_p[i];
        hum[i] = s->humus_p[i];
        /* ---- organic P (DSSAT SoilOrg.for, after the N of the same organic matter) ----
           FOM: IMMOBP = min(0.10·IMMOBN, labile P) joins it, FOMFRAC·FOP leaves it; humus:
           HUMFRAC·SSOMP leaves it and 0.2·FOMFRAC·FON/10 (N:P 10 of new humus) joins it */
        if (om) {
            /* CENTURY's gross flows; the surface acts on layer 1 (DSSAT SoilPi PMINERAL) */
            pnom[i] = om->mineralised_p[i + 1] - om->immobilised_p[i + 1] +
                      (i == 0 ? om->mineralised_p[0] - om->immobilised_p[0] : 0.0);
        } else {
            const double lab = lab_r[i] + lab_o[i];
            double immobp = minv(0.10 * d->n_immobilised[i], maxv(lab - s->uptake_pending[i], 0.0));
            if (immobp < 0.0)
                immobp = 0.0;
            const double dfom = immobp - d->fom_frac[i] * fom[i];
            double dhum = -d->humus_frac[i] * hum[i] + 0.2 * d->fom_n_decomposed[i] / 10.0;
            if (hum[i] + dhum < 1e-5)
                dhum = -hum[i];
            fom[i] += dfom;
            hum[i] += dhum;
            if (fom[i] < 0.0 && fom[i] > -1e-9)
                fom[i] = 0.0;
            pnom[i] = -dfom - dhum; /* > 0 mineralised, < 0 immobilised */
        }

        /* ---- yesterday's crop uptake leaves the labile P of the root zone, then of the rest
           (DSSAT SoilPi.for, RATE) ---- */
        double u = s->uptake_pending[i];
        if (u > 0.0) {
            const double from_r = minv(u, lab_r[i]);
            lab_r[i] -= from_r;
            lab_o[i] -= u - from_r;
            r->uptake_kg_ha += u;
        }
    }
    for (int32_t i = 0; i < n; i++) {
        const double fr = s->frac_rts[i], fo = 1.0 - fr;
        /* ---- first-order flows on the day's starting pools (DSSAT SoilPi.for; Jones et al.
           1984): labile ↔ active ↔ stable, in each zone ---- */
        /* (kept apart until the organic P below has taken its share, which in SoilPi sees
           the day's transfer and fertiliser but not the layer's own flows) */
        /* (only in a zone that exists, FracRts or FracNoRts above 1e-5, as SoilPi: a root zone
           that fills the layer moves all the rest in above, and flows on the emptied pools
           would take it below zero) */
        flab_r[i] = fact_r[i] = fsta_r[i] = flab_o[i] = fact_o[i] = fsta_o[i] = 0.0;
        if (fr > 1e-5)
            zone_flows(p, i, lab_r[i], s->act_rts[i], s->sta_rts[i], &flab_r[i], &fact_r[i],
                       &fsta_r[i], r);
        if (fo > 1e-5)
            zone_flows(p, i, lab_o[i], s->act_out[i], s->sta_out[i], &flab_o[i], &fact_o[i],
                       &fsta_o[i], r);
        /* ---- the root zone grew: the new share of the rest of the layer moves in ---- */
        const double prev = s->frac_rts_prev[i];
        double g = 0.0;
        if (fo <= 0.0)
            g = 1.0;
        else if (1.0 - prev > 1e-6)
            g = clampd((fr - prev) / (1.0 - prev), 0.0, 1.0);
        if (g > 1e-12) {
            const double ml = lab_o[i] * g, ma = s->act_out[i] * g, ms = s->sta_out[i] * g;
            dlab_r[i] += ml; dlab_o[i] -= ml;
            dact_r[i] += ma; dact_o[i] -= ma;
            dsta_r[i] += ms; dsta_o[i] -= ms;
        }
        /* ---- fertiliser: the labile share by the availability index, the rest active
           (DSSAT SoilPi.for, P_FERTINDEX); bands go to the root zone ---- */
        /* the zones' labile concentrations before the day's transfer (SoilPi's PiLabRts,
           PiLabNoRts); a root zone that did not exist yet has the layer's (P_ROOTS_INIT) */
        const double kpp = p->kg_ha_per_ppm[i];
        const double conc_layer = (lab_r[i] + lab_o[i]) / kpp;
        const double conc_r = prev > 1e-5 ? lab_r[i] / (prev * kpp) : conc_layer;
        const double conc_o = 1.0 - prev > 1e-5 ? lab_o[i] / ((1.0 - prev) * kpp) : 0.0;
        if (s->fert_banded[i] > 0.0) {
            const double a = s->fert_banded[i], f = fertiliser_index(p, i, conc_r);
            dlab_r[i] += a * f;
            dact_r[i] += a * (1.0 - f);
            r->fertiliser_kg_ha += a;
        }
        if (s->fert_broadcast[i] > 0.0) {
            const double a = s->fert_broadcast[i];
            const double f1 = fertiliser_index(p, i, conc_r), f2 = fertiliser_index(p, i, conc_o);
            dlab_r[i] += a * f1 * fr;
            dact_r[i] += a * (1.0 - f1) * fr;
            dlab_o[i] += a * f2 * fo;
            dact_o[i] += a * (1.0 - f2) * fo;
            r->fertiliser_kg_ha += a;
        }
    }
    /* ---- a tillage day: SoilMix integrates the pools outside the root zone with the day's
       transfer and fertiliser, then mixes them (SoilPi.for RATE; docs/design/tillage.md Q23,
       Q26); the flows above read the pre-mixing pools, as SoilPi's PiLabNoRts ---- */
    double act_o[NL], sta_o[NL];
    const double *act_start = s->act_out, *sta_start = s->sta_out; /* (copied only to be mixed) */
    if (till_depth_cm > 0.0 && till_mix_pct > 0.0) {
        for (int32_t i = 0; i < n; i++) {
            lab_o[i] += dlab_o[i];
            act_o[i] = s->act_out[i] + dact_o[i];
            sta_o[i] = s->sta_out[i] + dsta_o[i];
            dlab_o[i] = dact_o[i] = dsta_o[i] = 0.0;
        }
        agro_soil_mix(p->thickness_cm, n, till_depth_cm, till_mix_pct, lab_o);
        agro_soil_mix(p->thickness_cm, n, till_depth_cm, till_mix_pct, act_o);
        agro_soil_mix(p->thickness_cm, n, till_depth_cm, till_mix_pct, sta_o);
        act_start = act_o;
        sta_start = sta_o;
    }
    /* ---- net organic release into, or immobilisation out of, labile P: split by the
       zones' volume; an immobilisation a layer cannot meet moves to the next layer (DSSAT
       SoilPi.for PMINERAL) ---- */
    double carry = 0.0;
    for (int32_t i = 0; i < n; i++) {
        double pm = pnom[i] + carry;
        carry = 0.0;
        const double fr = s->frac_rts[i];
        if (pm > 0.0) {
            dlab_r[i] += pm * fr;
            dlab_o[i] += pm * (1.0 - fr);
            r->mineralised[i] = pm;
        } else if (pm < 0.0) {
            const double ar = maxv(lab_r[i] + dlab_r[i], 0.0);
            const double ao = maxv(lab_o[i] + dlab_o[i], 0.0);
            const double tot = ar + ao, need = -pm;
            if (need <= tot) {
                const double sh = tot > 0.0 ? ar / tot : 0.0;
                dlab_r[i] -= need * sh;
                dlab_o[i] -= need * (1.0 - sh);
                r->immobilised[i] = need;
            } else {
                dlab_r[i] -= ar;
                dlab_o[i] -= ao;
                r->immobilised[i] = tot;
                carry = -(need - tot);
            }
        }
        r->mineralised_kg_ha += r->mineralised[i];
        r->immobilised_kg_ha += r->immobilised[i];
    }
    if (carry < 0.0 && om) {
        /* CENTURY's organic matter already holds it: counted (DSSAT drops it into PERROR) */
        r->unmet_immobilised_kg_ha = -carry;
    } else if (carry < 0.0) {
        /* immobilisation no layer could meet: the organic matter takes only what it got
           (DSSAT drops it into PERROR and shows a balance gap), from the deepest layer's fresh
           then humus P upward: the layers above gained at least the shortfall, which one
           layer's pools may not hold (a residue rich in N and poor in P: new humus at N:P 10) */
        double left = -carry;
        for (int32_t i = n - 1; i >= 0 && left > 0.0; i--) {
            const double from_fom = minv(left, fom[i]);
            fom[i] -= from_fom;
            left -= from_fom;
            const double from_hum = minv(left, hum[i]);
            hum[i] -= from_hum;
            left -= from_hum;
        }
    }
    for (int32_t i = 0; i < n; i++) {
        cap_labile_outflow(lab_r[i] + dlab_r[i], &flab_r[i], &fact_r[i], r);
        cap_labile_outflow(lab_o[i] + dlab_o[i], &flab_o[i], &fact_o[i], r);
        dlab_r[i] += flab_r[i];
        dlab_o[i] += flab_o[i];
        dact_r[i] += fact_r[i];
        dact_o[i] += fact_o[i];
        dsta_r[i] += fsta_r[i];
        dsta_o[i] += fsta_o[i];
    }
    /* ---- the day's pools, each checked before any is written (DSSAT SoilPi.for INTEGR) ---- */
    double next[6][NL];
    for (int32_t i = 0; i < n; i++) {
        const double start[6] = {lab_r[i], lab_o[i], s->act_rts[i], act_start[i], s->sta_rts[i],
                                 sta_start[i]};
        const double dl[6] = {dlab_r[i], dlab_o[i], dact_r[i], dact_o[i], dsta_r[i], dsta_o[i]};
        static const char *const name[6] = {"labile P (root zone)", "labile P", "active P (root zone)",
                                            "active P", "stable P (root zone)", "stable P"};
        for (int k = 0; k < 6; k++) {
            double v = start[k] + dl[k];
            if (v < 0.0 && v > -1e-9)
                v = 0.0; /* rounding of pools emptied to zero */
            if (!isfinite(v) || v < 0.0)
                return agro_fail_layer(ctx, AGRO_ENUMERIC, i, name[k], "P pool would become", v);
            next[k][i] = v;
        }
        if (!isfinite(fom[i]) || !isfinite(hum[i]) || fom[i] < 0.0 || hum[i] < 0.0)
            return agro_fail_layer(ctx, AGRO_ENUMERIC, i, "organic P",
                                   "organic P pool would become", minv(fom[i], hum[i]));
    }
    /* ---- commit, then the soluble and available P (DSSAT SoilPi.for INTEGR) ---- */
    for (int32_t i = 0; i < n; i++) {
        s->lab_rts[i] = next[0][i];
        s->lab_out[i] = next[1][i];
        s->act_rts[i] = next[2][i];
        s->act_out[i] = next[3][i];
        s->sta_rts[i] = next[4][i];
        s->sta_out[i] = next[5][i];
        s->fom_p[i] = fom[i];
        s->humus_p[i] = hum[i];
        /* (the day used the positive ones; the crop's rounding can leave an uptake a few
           1e-17 below zero, which stays) */
        if (s->uptake_pending[i] > 0.0)
            s->uptake_pending[i] = 0.0;
        if (s->fert_banded[i] > 0.0)
            s->fert_banded[i] = 0.0;
        if (s->fert_broadcast[i] > 0.0)
            s->fert_broadcast[i] = 0.0;
        s->avail[i] = available_p(p, s, i, d->sw[i]);
        s->frac_rts_prev[i] = s->frac_rts[i];
    }
    s->cum_mineralised_kg_ha += r->mineralised_kg_ha;
    s->cum_immobilised_kg_ha += r->immobilised_kg_ha;
    /* the step only moves P: everything it started with is still there, less the uptake it
       removed (recorded, and counted out, when the crop took it); with CENTURY plus the P its
       organic matter released, less what it took */
    const double om_in = om ? r->mineralised_kg_ha - r->immobilised_kg_ha : 0.0;
    s->cum_om_external_kg_ha += om_in;
    r->balance_error_kg_ha = before + om_in - agro_soil_p_total_kg_ha(s);
    const double e = fabs(r->balance_error_kg_ha);
    if (e > s->max_abs_balance_error_kg_ha)
        s->max_abs_balance_error_kg_ha = e;
    return AGRO_OK;
}

AGRO_API int agro_soil_p_step(agro_ctx *ctx, const agro_soil_p_params *p, agro_soil_p_state *s,
                              const agro_soil_p_drivers *d, agro_soil_p_rates *r)
{
    const int st = p_public_check(ctx, p, s, d);
    return st ? st : p_step(ctx, p, s, d, r, NULL, 0.0, 0.0);
}

int agro_soil_p_step_field(agro_ctx *ctx, const agro_soil_p_params *p, agro_soil_p_state *s,
                           const agro_soil_p_drivers *d, agro_soil_p_rates *r)
{
    return p_step(ctx, p, s, d, r, NULL, 0.0, 0.0);
}

/* CENTURY's rates: the P flows the step reads, finite and not negative */
static int century_p_check(agro_ctx *ctx, const agro_soil_p_params *p, const agro_century_rates *om)
{
    const int32_t n = p && layers_ok(p->n_layers) ? p->n_layers : -1;
    const double *const rates[2] = {om->mineralised_p, om->immobilised_p};
    static const char *const names[2] = {"mineralised_p", "immobilised_p"};
    return agro_century_rates_check(ctx, n, rates, names, 2);
}

AGRO_API int agro_soil_p_step_century(agro_ctx *ctx, const agro_soil_p_params *p,
                                      agro_soil_p_state *s, const agro_soil_p_drivers *d,
                                      const agro_century_rates *om, agro_soil_p_rates *r)
{
    if (!om) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "century", "NULL CENTURY rates");
    int st = century_p_check(ctx, p, om);
    if (!st) st = p_public_check(ctx, p, s, d);
    return st ? st : p_step(ctx, p, s, d, r, om, 0.0, 0.0);
}

int agro_soil_p_step_century_field(agro_ctx *ctx, const agro_soil_p_params *p,
                                   agro_soil_p_state *s, const agro_soil_p_drivers *d,
                                   const agro_century_rates *om, agro_soil_p_rates *r)
{
    const int st = century_p_check(ctx, p, om);
    if (st) return st;
    return p_step(ctx, p, s, d, r, om, 0.0, 0.0);
}

int agro_soil_p_step_tilled_unchecked(agro_ctx *ctx, const agro_soil_p_params *p,
                                      agro_soil_p_state *s, const agro_soil_p_drivers *d,
                                      const agro_century_rates *om, double depth_cm,
                                      double mix_pct, agro_soil_p_rates *r)
{
    const int st = om ? century_p_check(ctx, p, om) : AGRO_OK;
    if (st) return st;
    return p_step(ctx, p, s, d, r, om, depth_cm, mix_pct);
}

/* @p check: the public entry's check of the caller's params and state (p_event_check); the
   field's own (agro_soil_p_set_saturation_field) skips it, as its other P entries do. */
static int p_set_saturation(agro_ctx *ctx, agro_soil_p_params *p, agro_soil_p_state *s,
                            const double *sat, const double *sw, size_t n, int check)
{
    if (!p || !s || !sat || !sw)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, !p ? "p" : !s ? "s" : !sat ? "sat" : "sw",
                         "NULL argument");
    /* (an n_layers of 41 wrote the texture factor over ll[0] and the available P over
       uptake_pending[0]; 0 took the call with AGRO_OK and did nothing) */
    if (!layers_ok(p->n_layers))
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "p->n_layers", "must be 1..%d (%d)", NL,
                         (int)p->n_layers);
    /* (a state of other layers was named as n, the caller's argument, with the params' count) */
    if (s->n_layers != p->n_layers)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers", "P params have %d layers, P state %d",
                         (int)p->n_layers, (int)s->n_layers);
    if (n != (size_t)p->n_layers)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n", "%zu layers given, the P model has %d", n,
                         (int)p->n_layers);
    for (int32_t i = 0; i < p->n_layers; i++) {
        if (!(sat[i] >= 0.0 && sat[i] <= 1.0))
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "SAT", "must be in [0, 1]", sat[i]);
        if (!(sw[i] >= 0.0 && sw[i] <= 1.0))
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "SW", "must be in [0, 1]", sw[i]);
        /* (the params' LL, checked by agro_soil_p_init, but the caller's to change) */
        if (!(p->ll[i] > 0.0 && p->ll[i] < 1.0))
            return agro_fail_layer_range(ctx, i, "SLLL",
                                         "lower limit must be in (0, 1): the P model divides SAT by it",
                                         p->ll[i]);
    }
    if (check) {
        /* the params as this call leaves them, with the texture factor it replaces (a caller
           may set a new one through it), and the state whose available P it recomputes: a NaN
           FracPSoln or labile P gave a NaN available P with AGRO_OK */
        agro_soil_p_params q = *p;
        for (int32_t i = 0; i < p->n_layers; i++)
            q.tex_fac[i] = 0.25 + 0.25 * sat[i] / p->ll[i];
        const int st = p_event_check(ctx, &q, s);
        if (st)
            return st;
    }
    /* SoilPi.for INTEGR: TexFac from today's SOILPROP SAT, then SPiSolRts = SPiLabRts·min(1,
       FracPSoln·TexFac·WatFac) = SPi_AVAIL (as agro_soil_p_init and the step's end) */
    for (int32_t i = 0; i < p->n_layers; i++) {
        p->tex_fac[i] = 0.25 + 0.25 * sat[i] / p->ll[i];
        s->avail[i] = available_p(p, s, i, sw[i]);
    }
    return AGRO_OK;
}

AGRO_API int agro_soil_p_set_saturation(agro_ctx *ctx, agro_soil_p_params *p,
                                        agro_soil_p_state *s, const double *sat, const double *sw,
                                        size_t n)
{
    return p_set_saturation(ctx, p, s, sat, sw, n, 1);
}

int agro_soil_p_set_saturation_field(agro_ctx *ctx, agro_soil_p_params *p, agro_soil_p_state *s,
                                     const double *sat, const double *sw, size_t n)
{
    return p_set_saturation(ctx, p, s, sat, sw, n, 0);
}

AGRO_API double agro_soil_p_inorganic_kg_ha(const agro_soil_p_state *s)
{
    if (!s || !layers_ok(s->n_layers))
        return NAN;
    double t = 0.0;
    for (int32_t i = 0; i < s->n_layers; i++) t += pools_of(s, i);
    return t;
}

AGRO_API double agro_soil_p_available_kg_ha(const agro_soil_p_state *s)
{
    if (!s || !layers_ok(s->n_layers))
        return NAN;
    double t = 0.0;
    for (int32_t i = 0; i < s->n_layers; i++) t += s->avail[i];
    return t;
}

AGRO_API double agro_soil_p_labile_kg_ha(const agro_soil_p_state *s)
{
    if (!s || !layers_ok(s->n_layers))
        return NAN;
    double t = 0.0;
    for (int32_t i = 0; i < s->n_layers; i++) t += s->lab_rts[i] + s->lab_out[i];
    return t;
}

AGRO_API double agro_soil_p_total_kg_ha(const agro_soil_p_state *s)
{
    if (!s || !layers_ok(s->n_layers))
        return NAN;
    double t = 0.0;
    for (int32_t i = 0; i < s->n_layers; i++)
        t += pools_of(s, i) + s->fom_p[i] + s->humus_p[i] + s->fert_broadcast[i] +
             s->fert_banded[i] - s->uptake_pending[i];
    return t;
}

AGRO_API double agro_soil_p_balance_kg_ha(const agro_soil_p_state *s)
{
    if (!s)
        return NAN;
    return s->initial_kg_ha + s->cum_fertiliser_kg_ha + s->cum_organic_in_kg_ha +
           s->cum_om_external_kg_ha - s->cum_uptake_kg_ha - agro_soil_p_total_kg_ha(s);
}

AGRO_API size_t agro_sizeof_soil_p_params(void) { return sizeof(agro_soil_p_params); }
AGRO_API size_t agro_sizeof_soil_p_state(void) { return sizeof(agro_soil_p_state); }
AGRO_API size_t agro_sizeof_soil_p_drivers(void) { return sizeof(agro_soil_p_drivers); }
AGRO_API size_t agro_sizeof_soil_p_rates(void) { return sizeof(agro_soil_p_rates); }
