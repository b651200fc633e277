/*
 * Layered soil water balance (Ritchie "tipping bucket" as in DSSAT-CSM WATBAL).
 *
 * One day = compute every flux from the start-of-day state (agro_soil_water_compute), then
 * apply them once (agro_soil_water_integrate). All transfers are stored as fluxes across
 * layer boundaries, so the change of each layer is (in − out − evaporation − uptake)/dz and
 * the profile balance telescopes exactly (to rounding). The new contents are then stored to
 * 1e-6 cm³/cm³, as DSSAT's WATBAL stores SW; the water that adds or removes is counted
 * (rounding_mm), so the balance still closes.
 *
 * Sources: DSSAT-CSM v4.8 Soil/SoilWater/WATBAL.for (UP_FLOW), RNOFF.for, INFIL.for,
 * SATFLO.for, SPAM/SOILEV.for, SPAM/ESR_SoilEvap.for (Suleiman & Ritchie 2003, SSSAJ
 * 67:377–386); Ritchie 1972 Water Resour. Res. 8:1204–1213; Ritchie 1998, "Soil water
 * balance and plant water stress", in Tsuji, Hoogenboom & Thornton (eds) Understanding
 * Options for Agricultural Production, Kluwer, 41–54.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "agrosim/soil_water.h"
#include "internal/error.h"
#include "soil/water_internal.h"

AGRO_API int agro_soil_water_params_from_profile(agro_ctx *ctx, const agro_soil_profile *pr,
                                                 agro_soil_water_params *out)
{
    if (pr == NULL || out == NULL)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "soil_water", "NULL argument");
    int layers_rc = agro_check_layer_count(ctx, pr->n_layers);
    if (layers_rc)
        return layers_rc;
    if (!isfinite(pr->albedo) || pr->albedo < 0.0 || pr->albedo > 1.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "SALB", "albedo must be in [0, 1] (%g)",
                         pr->albedo);
    /* the range of agro_soil_validate and docs/formats.md (it was 0..100 here alone) */
    if (!isfinite(pr->evap_limit_mm) || pr->evap_limit_mm < 0.0 || pr->evap_limit_mm > 50.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "SLU1",
                         "stage-1 evaporation limit must be in [0, 50] mm (%g)",
                         pr->evap_limit_mm);
    if (!isfinite(pr->drainage_rate_d) || pr->drainage_rate_d <= 0.0 ||
        pr->drainage_rate_d > 1.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "SLDR",
                         "drainage rate must be in (0, 1] per day (%g)", pr->drainage_rate_d);
    if (!isfinite(pr->runoff_curve_number) || pr->runoff_curve_number < 1.0 ||
        pr->runoff_curve_number > 100.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "SLRO",
                         "curve number must be in [1, 100] (%g)", pr->runoff_curve_number);

    /* computed here and copied to *out at the end: a layer refused half-way down leaves the
       caller's params as they were (agrosim's rule for failing calls) */
    agro_soil_water_params p;
    memset(&p, 0, sizeof p);
    p.n_layers = pr->n_layers;
    p.albedo = pr->albedo;
    p.u_mm = pr->evap_limit_mm;
    p.swcon_d = pr->drainage_rate_d;
    p.curve_number = pr->runoff_curve_number;
    /* SCS retention parameter S = 254 (100/CN − 1), mm (DSSAT RNOFF.for) */
    p.smx_mm = 254.0 * (100.0 / pr->runoff_curve_number - 1.0);
    p.rwumx_cm3_cm_d = AGRO_RWUMX_DEFAULT;

    double top = 0.0;
    for (int32_t i = 0; i < pr->n_layers; i++) {
        double bottom = pr->depth_cm[i];
        int rc = agro_check_layer_bottom(ctx, i, bottom, top);
        if (rc)
            return rc;
        double ll = pr->ll[i], dul = pr->dul[i], sat = pr->sat[i];
        if (!isfinite(ll) || ll < 0.0 || ll >= 1.0)
            return agro_fail_layer_range(ctx, i, "SLLL", "lower limit must be in [0, 1)", ll);
        if (!isfinite(dul) || dul <= ll)
            return agro_fail_layer_range(ctx, i, "SDUL",
                                         "drained upper limit must exceed SLLL", dul);
        if (!isfinite(sat) || sat <= dul || sat > 1.0)
            return agro_fail_layer_range(ctx, i, "SSAT", "saturation must be in (SDUL, 1]", sat);
        double ks = pr->ksat_cm_h[i];
        if (isinf(ks))
            return agro_fail_layer(ctx, AGRO_ENUMERIC, i, "SSKS", "non-finite conductivity", ks);
        p.depth_cm[i] = bottom;
        p.thickness_mm[i] = (bottom - top) * 10.0;
        p.ll[i] = ll;
        p.dul[i] = dul;
        p.sat[i] = sat;
        /* SSKS cm/h → mm/d (×10 mm/cm × 24 h/d); unknown (NaN or <= 0) is not limiting,
           as DSSAT INFIL ignores SWCN <= 0 */
        p.ksat_mm_d[i] = (isnan(ks) || ks <= 0.0) ? 0.0 : ks * 240.0;
        /* Suleiman–Ritchie coefficients at the layer's mid-depth MEANDEP, cm (DSSAT-CSM 4.8
           ESR_SoilEvap.for: dry A = 0.5 + 0.24·DUL, B = −2.04 + 0.20·DUL; wet A = 0.26,
           B = −0.70; "Ritchie spreadsheet" 2006, 2008) */
        const double mid = 0.5 * (top + bottom);
        p.esr_coef_dry[i] = (0.5 + 0.24 * dul) * pow(mid, -2.04 + 0.20 * dul);
        p.esr_coef_wet[i] = 0.26 * pow(mid, -0.70);
        top = bottom;
    }
    /* Antecedent-wetness weights of the top two layers in the initial-abstraction ratio
       SWABI = 0.15 Σ (SAT−SW)/(SAT−LL/2) (DSSAT RNOFF.for); one layer carries both. */
    p.wet_weight[0] = pr->n_layers >= 2 ? 0.15 : 0.30;
    if (pr->n_layers >= 2) p.wet_weight[1] = 0.15;
    /* Air-dry limit of layer 1 as a fraction of LL: SWEF = 0.9 − 0.00038 (DLAYR1 − 30)²,
       DLAYR1 in cm (DSSAT SOILEV.for); held at 0 for a layer 1 thicker than 78.7 cm, where
       DSSAT's turns negative and lets evaporation take the layer below 0 (docs/model.md §3.5) */
    double dz1 = p.thickness_mm[0] / 10.0;
    double swef = 0.9 - 0.00038 * (dz1 - 30.0) * (dz1 - 30.0);
    p.evap_ll_factor = swef < 0.0 ? 0.0 : swef;
    /* SW_threshold = 0.275·DUL + 1.165·DUL² + 1.2·DUL^3.75·MEANDEP of layer 1 (DSSAT-CSM 4.8
       ESR_SoilEvap.for, JTR 6/4/2008) */
    const double d1 = p.dul[0];
    p.esr_wet_threshold = 0.275 * d1 + 1.165 * d1 * d1 + 1.2 * pow(d1, 3.75) * 0.5 * dz1;
    p.evap_method = AGRO_SOIL_EVAP_RITCHIE;
    *out = p;
    return AGRO_OK;
}

/* A range test naming a hand-filled parameter: AGRO_ENUMERIC when non-finite, else AGRO_ERANGE;
   @p layer < 0 for a profile-wide one. */
static int bad_param(agro_ctx *ctx, int32_t layer, const char *field, double v, const char *range)
{
    const int status = agro_range_status(v);
    if (layer >= 0) return agro_fail_layer(ctx, status, layer, field, range, v);
    return agro_fail(ctx, status, NULL, 0, field, "%s (%g)", range, v);
}

/* The water parameters compute, integrate and state_init read, in the ranges
   agro_soil_water_params_from_profile gives them (a caller may fill them by hand, and they change
   during a season with tillage): one branch-free pass (a comparison with NaN is false), the chain
   that names the first bad value only when it fails. The layer count is checked before. */
int agro_soil_water_params_check(agro_ctx *ctx, const agro_soil_water_params *p)
{
    const int32_t n = p->n_layers;
    /* SLU1 0..50 mm, SLDR (0, 1], S = 254 (100/CN − 1) for CN 1..100, SWEF <= 0.9 */
    int ok = (p->u_mm >= 0.0) & (p->u_mm <= 50.0) & (p->swcon_d > 0.0) & (p->swcon_d <= 1.0) &
             (p->smx_mm >= 0.0) & (p->smx_mm <= 25146.0) & (p->evap_ll_factor >= 0.0) &
             (p->evap_ll_factor <= 1.0) & (p->esr_wet_threshold >= 0.0) &
             (p->esr_wet_threshold <= 1e6);
    double top = 0.0;
    for (int32_t i = 0; i < n; i++) {
        const double ll = p->ll[i], dul = p->dul[i], sat = p->sat[i];
        /* depths to 5000 cm (agro_soil_validate); no layer below the soil models' floor;
           0 <= LL < DUL < SAT <= 1; KSAT <= 0 unknown */
        ok &= (p->thickness_mm[i] >= WATER_MIN_LAYER_MM) & (p->thickness_mm[i] <= 50000.0) &
              (p->depth_cm[i] > top) & (p->depth_cm[i] <= 5000.0) & (ll >= 0.0) & (dul > ll) &
              (sat > dul) & (sat <= 1.0) & (p->ksat_mm_d[i] - p->ksat_mm_d[i] == 0.0) &
              (p->wet_weight[i] >= 0.0) & (p->wet_weight[i] <= 1.0) &
              (p->esr_coef_dry[i] >= 0.0) & (p->esr_coef_dry[i] <= 1e300) &
              (p->esr_coef_wet[i] >= 0.0) & (p->esr_coef_wet[i] <= 1e300);
        top = p->depth_cm[i];
    }
    if (ok) return AGRO_OK;
    if (!(p->u_mm >= 0.0 && p->u_mm <= 50.0)) return bad_param(ctx, -1, "u_mm", p->u_mm, "must be in [0, 50] mm");
    if (!(p->swcon_d > 0.0 && p->swcon_d <= 1.0))
        return bad_param(ctx, -1, "swcon_d", p->swcon_d, "must be in (0, 1] per day");
    if (!(p->smx_mm >= 0.0 && p->smx_mm <= 25146.0))
        return bad_param(ctx, -1, "smx_mm", p->smx_mm, "must be in [0, 25146] mm (curve number 1..100)");
    if (!(p->evap_ll_factor >= 0.0 && p->evap_ll_factor <= 1.0))
        return bad_param(ctx, -1, "evap_ll_factor", p->evap_ll_factor, "must be in [0, 1]");
    if (!(p->esr_wet_threshold >= 0.0 && p->esr_wet_threshold <= 1e6))
        return bad_param(ctx, -1, "esr_wet_threshold", p->esr_wet_threshold, "must be in [0, 1e6]");
    top = 0.0;
    for (int32_t i = 0; i < n; i++) {
        const double ll = p->ll[i], dul = p->dul[i], sat = p->sat[i];
        if (!(p->thickness_mm[i] > 0.0 && p->thickness_mm[i] <= 50000.0))
            return bad_param(ctx, i, "thickness_mm", p->thickness_mm[i], "must be in (0, 50000] mm");
        if (p->thickness_mm[i] < WATER_MIN_LAYER_MM)
            return agro_fail_below_min_layer(ctx, i, "thickness_mm", 10.0 * AGRO_SOIL_MIN_LAYER_CM,
                                             "mm", p->thickness_mm[i]);
        if (!(p->depth_cm[i] > top && p->depth_cm[i] <= 5000.0))
            return bad_param(ctx, i, "depth_cm", p->depth_cm[i],
                             "must increase downwards, to 5000 cm at most");
        if (!(ll >= 0.0 && ll < 1.0)) return bad_param(ctx, i, "ll", ll, "lower limit must be in [0, 1)");
        if (!(dul > ll)) return bad_param(ctx, i, "dul", dul, "drained upper limit must exceed ll");
        if (!(sat > dul && sat <= 1.0)) return bad_param(ctx, i, "sat", sat, "saturation must be in (dul, 1]");
        if (!isfinite(p->ksat_mm_d[i]))
            return bad_param(ctx, i, "ksat_mm_d", p->ksat_mm_d[i], "must be finite (<= 0: unknown)");
        if (!(p->wet_weight[i] >= 0.0 && p->wet_weight[i] <= 1.0))
            return bad_param(ctx, i, "wet_weight", p->wet_weight[i], "must be in [0, 1]");
        if (!(p->esr_coef_dry[i] >= 0.0 && p->esr_coef_dry[i] <= 1e300))
            return bad_param(ctx, i, "esr_coef_dry", p->esr_coef_dry[i], "must be finite and >= 0");
        if (!(p->esr_coef_wet[i] >= 0.0 && p->esr_coef_wet[i] <= 1e300))
            return bad_param(ctx, i, "esr_coef_wet", p->esr_coef_wet[i], "must be finite and >= 0");
        top = p->depth_cm[i];
    }
    /* not reached while the chain tests what the fast pass tests; if they ever disagree, the
       params are still refused, not taken */
    return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "params", "a water parameter is outside its range");
}

/* Initial evaporation-stage sums from the top-layer deficit (DSSAT SOILEV.for SEASINIT). */
static void init_evaporation_stage(const agro_soil_water_params *p, agro_soil_water_state *s)
{
    double swr = (s->sw[0] - p->ll[0]) / (p->dul[0] - p->ll[0]);
    double usoil = (p->dul[0] - s->sw[0]) * p->thickness_mm[0];
    s->sumes1_mm = 0.0;
    s->sumes2_mm = 0.0;
    s->t_stage2_d = 0.0;
    if (swr >= 1.0) return;
    if (usoil <= p->u_mm) {
        s->sumes1_mm = usoil;
    } else {
        s->sumes1_mm = p->u_mm;
        s->sumes2_mm = usoil - p->u_mm;
        s->t_stage2_d = (s->sumes2_mm / 3.5) * (s->sumes2_mm / 3.5);
    }
}

AGRO_API int agro_soil_water_state_init(agro_ctx *ctx, const agro_soil_water_params *p,
                                        const double *sw_initial, agro_soil_water_state *out)
{
    if (p == NULL || out == NULL)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "soil_water", "NULL argument");
    int layers_rc = agro_check_layer_count(ctx, p->n_layers);
    if (layers_rc)
        return layers_rc;
    int prc = agro_soil_water_params_check(ctx, p);
    if (prc) return prc;
    agro_soil_water_state s;
    memset(&s, 0, sizeof s);
    s.n_layers = p->n_layers;
    for (int32_t i = 0; i < p->n_layers; i++) {
        double sw = sw_initial ? sw_initial[i] : p->dul[i];
        if (!isfinite(sw))
            return agro_fail_layer(ctx, AGRO_ENUMERIC, i, "SW", "non-finite initial water", sw);
        if (sw < 0.0 || sw > p->sat[i])
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "SW",
                              "initial water must be in [0, SSAT]", sw);
        s.sw[i] = sw;
    }
    init_evaporation_stage(p, &s);
    s.initial_mm = agro_soil_water_total_mm(p, &s);
    *out = s;
    return AGRO_OK;
}

static int check_driver(agro_ctx *ctx, const char *field, double v, double max)
{
    if (!isfinite(v))
        return agro_fail(ctx, AGRO_ENUMERIC, NULL, 0, field, "non-finite value (%g)", v);
    if (v < 0.0 || v > max)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, field, "must be in [0, %g] (%g)", max, v);
    return AGRO_OK;
}

/* Ritchie stage-1 step (DSSAT SOILEV.for ESUP): evaporate at EOS until SUMES1 reaches U,
   the excess day switching to stage 2 with 60 % of the overshoot as stage-2 loss. */
static double esup(double eos, double u, double *sumes1, double *sumes2, double *t)
{
    double es;
    *sumes1 += eos;
    if (*sumes1 > u) {
        es = eos - 0.4 * (*sumes1 - u);
        *sumes2 = 0.6 * (*sumes1 - u);
        *t = (*sumes2 / 3.5) * (*sumes2 / 3.5);
        *sumes1 = u;
    } else {
        es = eos;
    }
    return es;
}

/* Two-stage soil evaporation (Ritchie 1972; DSSAT SOILEV.for): stage 2 follows
   SUMES2 = 3.5 √t mm. @p avail_mm is the water layer 1 can give down to SWEF·LL. */
static double soil_evaporation(double eos, double u, double infil, double avail_mm,
                               double *sumes1, double *sumes2, double *t)
{
    double es;
    if (*sumes1 >= u && infil >= *sumes2) {
        /* rain refills stage 1 */
        double winfmod = infil - *sumes2;
        *sumes1 = u - winfmod;
        *sumes2 = 0.0;
        *t = 0.0;
        if (winfmod > u) *sumes1 = 0.0;
        es = esup(eos, u, sumes1, sumes2, t);
    } else if (*sumes1 >= u) {
        /* stage 2: cumulative loss 3.5 √t */
        *t += 1.0;
        es = 3.5 * sqrt(*t) - *sumes2;
        if (infil > 0.0) {
            double esx = 0.8 * infil;
            if (esx <= es) esx = es + infil;
            if (esx > eos) esx = eos;
            es = esx;
        } else if (es > eos) {
            es = eos;
        }
        *sumes2 += es - infil;
        if (*sumes2 < 0.0) *sumes2 = 0.0;
        *t = (*sumes2 / 3.5) * (*sumes2 / 3.5);
    } else if (infil >= *sumes1) {
        *sumes1 = 0.0;
        es = esup(eos, u, sumes1, sumes2, t);
    } else {
        *sumes1 -= infil;
        es = esup(eos, u, sumes1, sumes2, t);
    }
    if (es < 0.0) es = 0.0;
    /* evaporation cannot exceed what layer 1 holds above the air-dry limit */
    if (avail_mm < es) {
        if (*sumes1 >= u && *sumes2 > es) {
            *sumes2 = *sumes2 - es + avail_mm;
            *t = (*sumes2 / 3.5) * (*sumes2 / 3.5);
        } else if (*sumes1 >= u && *sumes2 < es && *sumes2 > 0.0) {
            *sumes1 -= es - *sumes2;
            *sumes2 = fmax(*sumes1 + avail_mm - u, 0.0);
            *sumes1 = fmin(*sumes1 + avail_mm, u);
            *t = (*sumes2 / 3.5) * (*sumes2 / 3.5);
        } else {
            *sumes1 = *sumes1 - es + avail_mm;
        }
        es = avail_mm;
    }
    if (*sumes1 < 0.0) *sumes1 = 0.0;
    return es;
}

/* Suleiman–Ritchie soil evaporation (Suleiman & Ritchie 2003, SSSAJ 67:377–386; Ritchie et al.
   2009; DSSAT-CSM 4.8 ESR_SoilEvap.for, 1-D): each layer gives (SWTEMP − SWAD)·coefficient,
   SWAD = 0.3·LL the air-dry content, SWTEMP the start-of-day content plus half of the day's
   infiltration gain (all of a drainage loss); the coefficient follows the profile's state:
   wet (a layer within the top 100 cm above DUL, layer 1 above esr_wet_threshold),
   intermediate (wet, but layer 1 below it: 0.011 at every depth) or dry. Limited to the water
   above air dry after drainage, then the profile total to the potential @p eos_mm. @p w is the
   water after infiltration and drainage, mm; @p cut the cover factor (DSSAT PMFRACTION).
   Writes the evaporation of each layer to @p es_l (mm) and returns the total, mm. */
static double esr_evaporation(const agro_soil_water_params *p, const agro_soil_water_state *s,
                              const double *w, double eos_mm, double cut, double *es_l)
{
    const int32_t n = p->n_layers;
    double swt[AGRO_SOIL_MAX_LAYERS];
    int wet = 0;
    for (int32_t i = 0; i < n; i++) {
        const double gain = w[i] / p->thickness_mm[i] - s->sw[i];
        swt[i] = s->sw[i] + (gain > 0.0 ? 0.5 * gain : gain);
        const double mid_cm = p->depth_cm[i] - 0.05 * p->thickness_mm[i];
        if (mid_cm < 100.0 && swt[i] > p->dul[i]) wet = 1;
    }
    const int intermediate = wet && swt[0] < p->esr_wet_threshold;
    double total = 0.0;
    for (int32_t i = 0; i < n; i++) {
        const double coef = intermediate ? 0.011 : (wet ? p->esr_coef_wet[i] : p->esr_coef_dry[i]);
        const double swad = 0.30 * p->ll[i];
        double ev = (swt[i] - swad) * coef * cut; /* cm³/cm³ */
        const double avail = w[i] / p->thickness_mm[i] - swad;
        if (ev > avail) ev = avail;
        if (ev < 0.0) ev = 0.0;
        es_l[i] = ev * p->thickness_mm[i];
        total += es_l[i];
    }
    /* the cover cuts each layer's share above, not the demand (ESR_SoilEvap.for: RedFac =
       EOS/ES); SOILEV.for, the Ritchie method, cuts after its cap instead */
    const double pot = eos_mm;
    if (total > pot) {
        const double red = pot / total;
        for (int32_t i = 0; i < n; i++) es_l[i] *= red;
        total = pot;
    }
    return total;
}

/* The water a layer can give by unsaturated flow, cm³/cm³: DSSAT's cap, its water above LL
   after the day's drainage (@p sav, WBSUBS.for UP_FLOW SW_AVAIL − LL), and agrosim's, its
   running water above LL max(0, w/dz − LL) with @p w_mm what it holds now, mm: DSSAT caps
   both of a layer's flows (upwards into the layer above, downwards into the one below) by the
   same start-of-day SW_AVAIL, so a thin layer can give twice and go below LL, even below 0
   (docs/model.md §9.1). Equal to @p sav for a layer's first flow of the day. */
static inline double give_cap(double sav, double w_mm, double dz_mm, double ll)
{
    const double run = w_mm / dz_mm - ll;
    const double cap = run < sav ? run : sav;
    return cap > 0.0 ? cap : 0.0;
}

void agro_soil_water_consts_init(const agro_soil_water_params *p, agro_soil_water_consts *k)
{
    const int32_t n = p->n_layers < AGRO_SOIL_MAX_LAYERS ? p->n_layers : AGRO_SOIL_MAX_LAYERS;
    k->n_layers = n;
    for (int32_t i = 0; i < n; i++) {
        const double dz = p->thickness_mm[i];
        k->wsat_mm[i] = p->sat[i] * dz;
        k->wdul_mm[i] = p->dul[i] * dz;
        k->wll_mm[i] = p->ll[i] * dz;
        /* DSSAT INFIL.for and SATFLO.for drain a layer from DUL + 0.003 on */
        k->wdrain_mm[i] = k->wdul_mm[i] + 0.003 * dz;
        k->dl_cm[i] = dz * 0.1;
        k->es[i] = p->dul[i] - p->ll[i];
    }
    for (int32_t l = 0; l + 1 < n; l++) {
        const int32_t m = l + 1;
        k->pair_es_dl[l] = k->es[m] * k->dl_cm[m] + k->es[l] * k->dl_cm[l];
        k->pair_dl[l] = k->dl_cm[m] + k->dl_cm[l];
    }
}

/* The day's rates. @p public_entry: a caller's params and rates struct, so check the params
   and zero the whole rates struct first; 0 (the field, water_internal.h): params made by the
   library, and write only what this function sets (the n layers' entries and the totals),
   which leaves the same contents when @p r was zeroed once and is only filled by the water
   step with the same params (the entries never written stay 0). @p wk: the params' constants
   (agro_soil_water_consts_init), NULL to compute them here (the public entries). */
/* The totals of the balance a caller's state carries (agro_soil_water_balance_mm reads them),
   finite: a NaN or infinite one was carried through every day and made the balance NaN with
   AGRO_OK. Only the public entries run it, before the shared code (which the field's daily
   entry runs: its state is its own step's to keep). */
static int totals_check(agro_ctx *ctx, const agro_soil_water_state *s)
{
#define W_TOTAL(f) {#f, offsetof(agro_soil_water_state, f)}
    static const struct {
        const char *name;
        size_t offset;
    } total[] = {
        W_TOTAL(initial_mm),           W_TOTAL(cum_rain_mm),
        W_TOTAL(cum_irrigation_mm),    W_TOTAL(cum_runoff_mm),
        W_TOTAL(cum_infiltration_mm),  W_TOTAL(cum_drainage_mm),
        W_TOTAL(cum_evaporation_mm),   W_TOTAL(cum_transpiration_mm),
        W_TOTAL(max_abs_balance_error_mm), W_TOTAL(cum_mulch_evaporation_mm),
        W_TOTAL(cum_mulch_water_added_mm), W_TOTAL(cum_rounding_mm),
    };
#undef W_TOTAL
    for (size_t k = 0; k < sizeof total / sizeof total[0]; k++) {
        double v;
        memcpy(&v, (const char *)s + total[k].offset, sizeof v);
        if (!isfinite(v))
            return agro_fail(ctx, AGRO_ENUMERIC, NULL, 0, total[k].name, "state total must be finite (%g)", v);
    }
    return AGRO_OK;
}

static int water_compute(agro_ctx *ctx, const agro_soil_water_params *p,
                         const agro_soil_water_state *s, const agro_soil_water_drivers *d,
                         agro_soil_water_rates *r, int public_entry,
                         const agro_soil_water_consts *wk)
{
    if (p == NULL || s == NULL || d == NULL || r == NULL)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "soil_water", "NULL argument");
    const int32_t n = p->n_layers;
    if (n < 1 || n > AGRO_SOIL_MAX_LAYERS || s->n_layers != n)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers",
                         "state has %d layers, params %d", (int)s->n_layers, (int)n);
    /* (a caller may fill the params by hand: an unknown method is refused, not read as Ritchie) */
    if (p->evap_method != AGRO_SOIL_EVAP_RITCHIE && p->evap_method != AGRO_SOIL_EVAP_SULEIMAN_RITCHIE)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "evap_method", "must be %d (Ritchie) or %d (Suleiman-Ritchie) (got %d)",
                         AGRO_SOIL_EVAP_RITCHIE, AGRO_SOIL_EVAP_SULEIMAN_RITCHIE, (int)p->evap_method);
    /* the params a caller may have filled by hand; the field's own (water_internal.h) come
       from agro_soil_water_params_from_profile and its tillage, which keep their ranges */
    int st = public_entry ? agro_soil_water_params_check(ctx, p) : AGRO_OK;
    if (st != AGRO_OK) return st;
    /* the seven day drivers' ranges in one branch-free test (a comparison with NaN is false);
       the checks that name the bad value run only when it fails */
    const int dok = (d->rain_mm >= 0.0) & (d->rain_mm <= AGRO_DAY_WATER_MAX_MM) & (d->irrigation_mm >= 0.0) &
                    (d->irrigation_mm <= AGRO_DAY_WATER_MAX_MM) & (d->eos_mm >= 0.0) & (d->eos_mm <= 100.0) &
                    (d->cover_fraction >= 0.0) & (d->cover_fraction <= 1.0) &
                    (d->cover_evap_suppression >= 0.0) & (d->cover_evap_suppression <= 1.0) &
                    (d->cover_runoff_fraction >= 0.0) & (d->cover_runoff_fraction <= 1.0) &
                    (d->mulch_kg_ha >= 0.0) & (d->mulch_kg_ha <= 1e6);
    if (!dok) {
        if ((st = check_driver(ctx, "rain_mm", d->rain_mm, AGRO_DAY_WATER_MAX_MM)) != 0) return st;
        if ((st = check_driver(ctx, "irrigation_mm", d->irrigation_mm, AGRO_DAY_WATER_MAX_MM)) != 0) return st;
        if ((st = check_driver(ctx, "eos_mm", d->eos_mm, 100.0)) != 0) return st;
        if ((st = check_driver(ctx, "cover_fraction", d->cover_fraction, 1.0)) != 0) return st;
        if ((st = check_driver(ctx, "cover_evap_suppression", d->cover_evap_suppression, 1.0)) != 0)
            return st;
        if ((st = check_driver(ctx, "cover_runoff_fraction", d->cover_runoff_fraction, 1.0)) != 0)
            return st;
        /* (events add up to more than one event's 50 t/ha) */
        if ((st = check_driver(ctx, "mulch_kg_ha", d->mulch_kg_ha, 1e6)) != 0) return st;
    }
    if (!isfinite(s->mulch_water_mm) || s->mulch_water_mm < 0.0 ||
        !isfinite(s->mulch_evap_prev_mm) || s->mulch_evap_prev_mm < 0.0)
        return agro_fail(ctx, AGRO_ENUMERIC, NULL, 0, "mulch_water_mm",
                         "state: mulch water %g mm, yesterday's mulch evaporation %g mm",
                         s->mulch_water_mm, s->mulch_evap_prev_mm);
    const double mulch = d->mulch_kg_ha;
    if (mulch > 0.0) {
        if ((st = check_driver(ctx, "mulch_cover", d->mulch_cover, 1.0)) != 0) return st;
        if ((st = check_driver(ctx, "mulch_water_kg_kg", d->mulch_water_kg_kg, 100.0)) != 0)
            return st;
        if ((st = check_driver(ctx, "new_mulch_kg_ha", d->new_mulch_kg_ha, 1e6)) != 0)
            return st;
        if ((st = check_driver(ctx, "mulch_area_cm2_g", d->mulch_area_cm2_g, 10000.0)) != 0)
            return st;
        if ((st = check_driver(ctx, "mulch_extinction", d->mulch_extinction, 10.0)) != 0)
            return st;
        if (!(d->mulch_area_cm2_g > 0.0) || !(d->mulch_extinction > 0.0))
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0,
                             d->mulch_area_cm2_g > 0.0 ? "mulch_extinction" : "mulch_area_cm2_g",
                             "must be > 0 with a mulch of %g kg/ha", mulch);
    }
    /* fast pass: a sum is non-finite whenever one of its terms is (NaN, ±inf, inf − inf), so
       one sum tells whether every uptake and content is finite (finite values whose sum
       overflows only send the day to the detailed pass, which then finds nothing), and a
       running minimum (branch-free) whether an uptake is negative; the detailed pass below
       runs only when something is wrong, to name it */
    double fin = 0.0, ulo = 0.0;
    double w[AGRO_SOIL_MAX_LAYERS]; /* running water content, mm (set in this pass) */
    for (int32_t i = 0; i < n; i++) {
        const double u = d->uptake_mm[i], sw = s->sw[i];
        fin += u + sw;
        ulo = u < ulo ? u : ulo;
        w[i] = sw * p->thickness_mm[i];
    }
    const int bad = !(fin - fin == 0.0) | !(ulo >= 0.0);
    for (int32_t i = 0; bad && i < n; i++) {
        if (!isfinite(d->uptake_mm[i]) || d->uptake_mm[i] < 0.0)
            return agro_fail_layer_range(ctx, i, "uptake_mm",
                                         "root uptake must be finite and >= 0", d->uptake_mm[i]);
        if (!isfinite(s->sw[i]))
            return agro_fail_layer(ctx, AGRO_ENUMERIC, i, "SW", "non-finite water content", s->sw[i]);
    }

    if (public_entry) memset(r, 0, sizeof *r);
    r->rain_mm = d->rain_mm;
    r->irrigation_mm = d->irrigation_mm;
    agro_soil_water_consts k_local;
    if (!wk) {
        agro_soil_water_consts_init(p, &k_local);
        wk = &k_local;
    }

    /* SAT, DUL and LL in mm of water, and DUL + 0.003 from which a layer drains */
    const double *const wsat = wk->wsat_mm, *const wdul = wk->wdul_mm, *const wll = wk->wll_mm;
    const double *const wdrain = wk->wdrain_mm;

    /* only rain runs off: irrigation enters at its effective amount (DSSAT WATBAL.for,
       WINF = WATAVL - RUNOFF + IRRAMT with WATAVL = RAIN, or rain + snowmelt after SNOWFALL,
       which the field works out and gives here as rain_mm) */
    double watavl = d->rain_mm;

    /* --- the mulch takes rain on its covered part up to what it can hold, counting on
           today's evaporation to repeat yesterday's (DSSAT MULCHWAT.for); new residue comes
           holding half its capacity --- */
    double mulch_take = 0.0, mulch_add = 0.0;
    if (mulch > 0.0) {
        const double cap_mm_per_kg = d->mulch_water_kg_kg * 1e-4;
        if (d->new_mulch_kg_ha > 1e-6) mulch_add = 0.5 * cap_mm_per_kg * d->new_mulch_kg_ha;
        if (mulch > 0.01 && watavl > 0.0) {
            const double wm = s->mulch_water_mm;
            const double again = 0.85 * wm < s->mulch_evap_prev_mm ? 0.85 * wm : s->mulch_evap_prev_mm;
            const double deficit = cap_mm_per_kg * mulch - (wm + mulch_add) + again;
            double take = watavl * d->mulch_cover;
            if (take > deficit) take = deficit;
            if (take < 0.0) take = 0.0;
            mulch_take = take;
            watavl -= take;
        }
    }

    /* --- runoff: SCS curve number with initial abstraction from the wetness of the top
           layers, Ia = SWABI·S (Williams 1991; DSSAT RNOFF.for), raised towards 0.6·S under a
           mulch in proportion to its cover (RNOFF.for, CHP 2006) --- */
    double runoff = 0.0;
    if (watavl > 0.001) {
        double swabi = 0.0;
        for (int32_t i = 0; i < n && i < 2; i++)
            swabi += p->wet_weight[i] * (p->sat[i] - s->sw[i]) / (p->sat[i] - 0.5 * p->ll[i]);
        if (swabi < 0.0) swabi = 0.0;
        if (mulch > 0.0) {
            const double iabs = swabi + (0.6 - swabi) * d->mulch_cover;
            if (iabs > swabi) swabi = iabs;
        }
        double pb = watavl - swabi * p->smx_mm;
        if (pb > 0.0) runoff = pb * pb / (watavl + (1.0 - swabi) * p->smx_mm);
    }
    /* rain on the film that is not led to the planting holes runs off (DSSAT RNOFF.for
       plastic mulch: RUNOFF = WATAVL·PMFRACTION + RUNOFF·(1 − PMFRACTION)) */
    const double shed = d->cover_fraction * d->cover_runoff_fraction;
    runoff = watavl * shed + runoff * (1.0 - shed);
    if (runoff > watavl) runoff = watavl;
    double infil = watavl - runoff + d->irrigation_mm;
    /* what SOILEV is told infiltrated: WINF = WATAVL − RUNOFF + IRRAMT, before INFIL's water that
       a KSAT-limited layer backs up is added to the runoff (DSSAT WATBAL.for; SPAM passes WINF) */
    const double winf = infil;

    /* --- drainage. On days with infiltration (DSSAT INFIL.for): a layer passes on what it
           cannot hold plus SWCON·(SAT − DUL), or SWCON·(W − DUL) once W reaches DUL + 0.003,
           never more than its KSAT; water that a KSAT-limited layer cannot accept backs up
           into the layers above, and out of the top as extra runoff. On days without
           (SATFLO.for): each layer at DUL + 0.003 or more releases SWCON·(W − DUL), a drier
           layer first fills to DUL from what comes from above, and a layer that would pass
           saturation sends the rest back up. flux[i] = net flow down across the bottom of
           layer i. (WATBAL.for: INFIL when PINF > 0.0001 cm, else SATFLO.) --- */
    double *flux = r->flux_mm;
    if (infil > 0.001) {
        double pinf = infil;
        for (int32_t i = 0; i < n; i++) {
            /* SWCON reduced by 10 % in layer 1 to leave water for evaporation (J.T. Ritchie,
               DSSAT INFIL.for 2006) */
            const double swcon = (i == 0 ? 0.9 : 1.0) * p->swcon_d;
            double drn;
            const double hold = wsat[i] - w[i];
            if (pinf > hold) {
                drn = pinf - hold + swcon * (wsat[i] - wdul[i]);
            } else {
                const double wt = w[i] + pinf;
                drn = wt >= wdrain[i] ? swcon * (wt - wdul[i]) : 0.0;
            }
            if (p->ksat_mm_d[i] > 0.0 && drn > p->ksat_mm_d[i]) drn = p->ksat_mm_d[i];
            if (drn < 0.0) drn = 0.0;
            /* (the layer's new content and its outflow stay in registers: the cascade is a
               serial chain, and reloading them from memory adds store-forwarding latency to
               every layer; the back-up below never changes flux[i] itself) */
            const double wi = w[i] + (pinf - drn);
            w[i] = wi;
            flux[i] = drn;
            pinf = drn;
            if (!(wi > wsat[i]))
                continue;
            /* back up water above saturation towards the surface */
            for (int32_t k = i; k >= 0 && w[k] > wsat[k]; k--) {
                double e = w[k] - wsat[k];
                w[k] = wsat[k];
                if (k > 0) {
                    flux[k - 1] -= e;
                    w[k - 1] += e;
                } else {
                    infil -= e;
                    runoff += e;
                }
            }
        }
    } else {
        double above = 0.0;
        for (int32_t i = 0; i < n; i++) {
            const double drmx = w[i] >= wdrain[i] ? p->swcon_d * (w[i] - wdul[i]) : 0.0;
            const double hold = w[i] < wdul[i] ? wdul[i] - w[i] : 0.0;
            double drn = above + drmx - hold;
            if (drn < 0.0) drn = 0.0;
            if (p->ksat_mm_d[i] > 0.0 && drn > p->ksat_mm_d[i]) drn = p->ksat_mm_d[i];
            flux[i] = drn;
            above = drn;
        }
        for (int32_t i = n - 1; i >= 1; i--) {
            const double wold = w[i];
            w[i] += flux[i - 1] - flux[i];
            if (w[i] > wsat[i]) {
                const double back = wsat[i] - wold + flux[i];
                flux[i - 1] = back > 0.0 ? back : 0.0;
                w[i] = wsat[i];
            }
        }
        w[0] -= flux[0];
    }

    /* --- the mulch evaporates first and shades the soil beneath it (Scopel et al. 2004, Agronomie
           24:383; DSSAT MULCHEVAP.for): MAI = AM·M/cover, the covered part passes on
           exp(−EXTFAC·MAI) of the demand, the mulch loses at most 85 % of its start-of-day water
           on the part it covers --- */
    double eos = d->eos_mm, mulch_evap = 0.0;
    const int mulch_evaporates = mulch > 0.1 && eos > 1e-6;
    if (mulch_evaporates) {
        const double cover = d->mulch_cover;
        const double mai = cover > 1e-6 ? d->mulch_area_cm2_g * 1e-5 * mulch / cover : 0.0;
        const double pass = exp(-d->mulch_extinction * mai);
        double em = eos * (1.0 - pass);
        if (em > 0.85 * s->mulch_water_mm) em = 0.85 * s->mulch_water_mm;
        if (em < 0.0) em = 0.0;
        mulch_evap = em * cover;
        const double shaded = eos * pass * cover + eos * (1.0 - cover);
        eos = eos - mulch_evap < shaded ? eos - mulch_evap : shaded;
        /* DSSAT SPAM.for takes EM off the soil's demand a second time after MULCH_EVAP has
           (docs/design/mulch.md Q1); kept, so runs compare with DSSAT's */
        eos = eos > mulch_evap ? eos - mulch_evap : 0.0;
    }

    /* --- soil evaporation, cut by the film/mulch cover as DSSAT does for plastic mulch:
           ES·(1 − PMFRACTION); none at all when the soil is left no demand (below) --- */
    double sumes1 = s->sumes1_mm, sumes2 = s->sumes2_mm, t2 = s->t_stage2_d;
    const double cut = 1.0 - d->cover_fraction * d->cover_evap_suppression;
    const int esr = p->evap_method == AGRO_SOIL_EVAP_SULEIMAN_RITCHIE;
    double es;
    double upsum = 0.0;
    /* SPAM.for calls SOILEV or ESR_SoilEvap only when EOS_SOIL > 1e-6 (after the mulch): on a
       day without demand the stage sums stay, even on a rain day; UP_FLOW, which WATBAL calls
       whatever the demand, still runs (Ritchie) */
    const int evaporates = eos > 1e-6;
    if (esr && !evaporates) {
        es = 0.0;
        /* no upward flow today (SPAM.for sets UPFLOW = 0 before it asks for evaporation): the
           field's rates are not zeroed between days, and the N step reads these */
        for (int32_t i = 0; i < n; i++) r->upflow_mm[i] = 0.0;
    } else if (esr) {
        /* every layer evaporates; what leaves a deeper layer crosses the boundaries above
           it upwards (DSSAT ESR_SoilEvap.for UPFLOW, which carries NO3 too) */
        double es_l[AGRO_SOIL_MAX_LAYERS];
        es = esr_evaporation(p, s, w, eos, cut, es_l);
        double above = 0.0;
        for (int32_t i = n - 1; i >= 0; i--) {
            w[i] -= es_l[i];
            if (i < n - 1) {
                flux[i] -= above;
                r->upflow_mm[i] = above;
                upsum += above;
            }
            above += es_l[i];
        }
    } else {
        {
            /* unsaturated flow between layers (the Suleiman–Ritchie method has its own, above)
               driven by the gradient of relative water content, diffusivity DBAR =
               0.88·exp(35.4·θ̄/2) cm²/d with θ̄ the thickness-weighted mean relative water
               content of the pair (Ritchie 1998; DSSAT WBSUBS.for UP_FLOW); positive upward.
               As DSSAT WATBAL calls it, before SOILEV and XTRACT: the gradient from the
               start-of-day contents SW ("yesterday's values"), the flows limited by the water
               after the day's drainage SW_AVAIL = SW + SWDELTS; SOILEV and XTRACT then draw on
               SW + SWDELTS + SWDELTU (SPAM.for) */
            double swt[AGRO_SOIL_MAX_LAYERS], swinf[AGRO_SOIL_MAX_LAYERS], sav[AGRO_SOIL_MAX_LAYERS];
            for (int32_t i = 0; i < n; i++) {
                swt[i] = s->sw[i];
                swinf[i] = w[i] / p->thickness_mm[i];
                sav[i] = swinf[i] - p->ll[i] > 0.0 ? swinf[i] - p->ll[i] : 0.0;
            }
            const int32_t ist0 = p->thickness_mm[0] >= 50.0 ? 0 : 1;
            for (int32_t l = ist0; l < n - 1; l++) {
                const int32_t m = l + 1;
                /* (the pair's geometry from the params' constants: same values) */
                const double dl = wk->dl_cm[l], dm = wk->dl_cm[m];
                const double esl = wk->es[l], esm = wk->es[m];
                const double swold = swt[l];
                double t1 = swt[l] - p->ll[l];
                t1 = t1 > esl ? esl : t1;
                t1 = t1 < 0.0 ? 0.0 : t1;
                double th2 = swt[m] - p->ll[m];
                th2 = th2 > esm ? esm : th2;
                th2 = th2 < 0.0 ? 0.0 : th2;
                const double grad = (th2 / esm - t1 / esl) * wk->pair_es_dl[l] / wk->pair_dl[l];
                /* no gradient (both layers at DUL, or both at LL): no flow, and no exp */
                double up = 0.0;
                if (grad != 0.0) {
                    double dbar = 0.88 * exp(35.4 * ((t1 * dl + th2 * dm) / wk->pair_dl[l]) * 0.5);
                    if (dbar > 100.0) dbar = 100.0;
                    up = dbar * grad / (wk->pair_dl[l] * 0.5); /* cm/d, + upward */
                }
                if (up > 0.0) {
                    if (swt[l] <= p->dul[l]) {
                        swt[l] += up / dl;
                        swinf[l] += up / dl;
                        if (swt[l] > p->dul[l] || swinf[l] > p->sat[l]) {
                            double fix = (swt[l] - p->dul[l]) * dl;
                            const double fix2 = (swinf[l] - p->sat[l]) * dl;
                            if (fix2 > fix) fix = fix2;
                            if (fix < 0.0) fix = 0.0;
                            if (fix > up) fix = up;
                            up -= fix;
                            swt[l] = swold + up / dl;
                        }
                    } else {
                        up = 0.0;
                    }
                    /* at most the giver's water above LL after drainage (DSSAT) and its running
                       water above LL (agrosim, docs/model.md §9.1: a layer gives twice) */
                    const double cap_m = give_cap(sav[m], w[m], p->thickness_mm[m], p->ll[m]);
                    if (up / dm > cap_m) {
                        up = cap_m * dm;
                        swt[l] = swold + up / dl;
                    }
                    swt[m] -= up / dm;
                } else if (up < 0.0) {
                    if (swt[l] >= p->ll[l]) {
                        /* what it gave upwards as the lower layer of the pair above is gone:
                           capped by its running water above LL too (docs/model.md §9.1) */
                        const double cap_l = give_cap(sav[l], w[l], p->thickness_mm[l], p->ll[l]);
                        if (fabs(up / dl) > cap_l) up = -cap_l * dl;
                        swt[l] += up / dl;
                        swt[m] -= up / dm;
                        swinf[m] -= up / dm;
                        if (swinf[m] > p->sat[m]) {
                            double fix = (swinf[m] - p->sat[m]) * dm;
                            if (fix > fabs(up)) fix = fabs(up);
                            up += fix;
                            swt[l] = swold + up / dl;
                            swt[m] -= fix / dm;
                        }
                    } else {
                        up = 0.0;
                    }
                }
                const double up_mm = up * 10.0;
                w[l] += up_mm;
                w[m] -= up_mm;
                flux[l] -= up_mm;
                r->upflow_mm[l] = up_mm;
                if (up_mm > 0.0) upsum += up_mm;
            }
            for (int32_t i = 0; i < n; i++) if (w[i] < 0.0) w[i] = 0.0;
        }
        /* Ritchie two-stage from layer 1 (DSSAT SOILEV.for) */
        es = 0.0;
        if (evaporates) {
            const double air_dry = p->evap_ll_factor * wll[0];
            double avail = w[0] - air_dry;
            if (avail < 0.0) avail = 0.0;
            /* SOILEV.for caps ES, and moves the stage sums, by AWEV1 = (SW(1) − SWEF·LL(1))·DLAYR
               from the start-of-day content SW(1) (before the day's infiltration); the water
               after the day's infiltration and drainage (SWMIN) caps it again below */
            double awev1 = s->sw[0] * p->thickness_mm[0] - air_dry;
            if (awev1 < 0.0) awev1 = 0.0;
            es = soil_evaporation(eos, p->u_mm, winf, awev1, &sumes1, &sumes2, &t2);
            es *= cut;
            if (es > avail) es = avail;
            w[0] -= es;
        }
    }
    /* the demand the method caps at: Suleiman-Ritchie caps at the uncut EOS */
    r->potential_evaporation_mm = esr ? eos : eos * cut;

    /* --- root water uptake requested by the caller, clipped at LL --- */
    double transp = 0.0;
    for (int32_t i = 0; i < n; i++) {
        double a = w[i] - wll[i];
        double u = d->uptake_mm[i];
        if (a < 0.0) a = 0.0;
        if (u > a) u = a;
        r->uptake_mm[i] = u;
        w[i] -= u;
        transp += u;
    }

    /* --- net change per layer from the fluxes alone (exact telescoping balance) --- */
    double dfin = 0.0; /* finite when every change is (as fin above) */
    for (int32_t i = 0; i < n; i++) {
        double in = (i == 0) ? infil : flux[i - 1];
        double out = flux[i] + r->uptake_mm[i] + (i == 0 ? es : 0.0);
        const double dsw = (in - out) / p->thickness_mm[i];
        r->dsw[i] = dsw;
        dfin += dsw;
    }
    r->runoff_mm = runoff;
    r->infiltration_mm = infil;
    r->drainage_mm = flux[n - 1];
    r->evaporation_mm = es;
    r->transpiration_mm = transp;
    r->upflux_mm = upsum;
    r->mulch_interception_mm = mulch_take;
    r->mulch_evaporation_mm = mulch_evap;
    r->mulch_water_added_mm = mulch_add;
    r->sumes1_next_mm = sumes1;
    r->sumes2_next_mm = sumes2;
    r->t_stage2_next_d = t2;
    for (int32_t i = 0; !(dfin - dfin == 0.0) && i < n; i++)
        if (!isfinite(r->dsw[i]))
            return agro_fail_layer(ctx, AGRO_ENUMERIC, i, "SW", "non-finite water change", r->dsw[i]);
    return AGRO_OK;
}

AGRO_API int agro_soil_water_compute(agro_ctx *ctx, const agro_soil_water_params *p,
                                     const agro_soil_water_state *s,
                                     const agro_soil_water_drivers *d,
                                     agro_soil_water_rates *r)
{
    const int st = s ? totals_check(ctx, s) : AGRO_OK;
    return st ? st : water_compute(ctx, p, s, d, r, 1, NULL);
}

/* round(y) for 0 <= y (or y = -0), without the libm call (1 % of a season's instructions):
   below 2^52 the truncation t and the fraction y − t are exact, so halves go away from zero
   as round() takes them; from 2^52 on y is a whole number already. The sign of a zero result
   is lost (+0 for −0), which the caller's |x| < 1e-4 → 0 test erases anyway. */
static inline double round_nonneg(double y)
{
    if (!(y < 0x1p52)) return y;
    const double t = (double)(int64_t)y;
    return y - t >= 0.5 ? t + 1.0 : t;
}

/* @p check_params: 0 when compute has just checked the same params (step) */
static int integrate(agro_ctx *ctx, const agro_soil_water_params *p, agro_soil_water_state *s,
                     agro_soil_water_rates *r, int check_params)
{
    if (p == NULL || s == NULL || r == NULL)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "soil_water", "NULL argument");
    const int32_t n = p->n_layers;
    if (n < 1 || n > AGRO_SOIL_MAX_LAYERS || s->n_layers != n)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers",
                         "state has %d layers, params %d (1..%d)", (int)s->n_layers, (int)n,
                         AGRO_SOIL_MAX_LAYERS);
    int st;
    if (check_params && (st = agro_soil_water_params_check(ctx, p)) != AGRO_OK) return st;
    /* the rates may come from a caller: every flux the balance sums finite and >= 0 (NaN ran
       into the totals and the balance error unnoticed; a negative transpiration or 1e300 mm of
       rain was integrated), in one branch-free pass over the table (a comparison with NaN is
       false); the same table names the bad value only when it fails. Rain and irrigation have
       the drivers' limits; the other fluxes 1e6 mm, far above any day's, as the mulch water */
    static const struct {
        const char *name;
        size_t offset;
        double max;
    } flux[] = {
        {"rates.rain_mm", offsetof(agro_soil_water_rates, rain_mm), AGRO_DAY_WATER_MAX_MM},
        {"rates.irrigation_mm", offsetof(agro_soil_water_rates, irrigation_mm), AGRO_DAY_WATER_MAX_MM},
        {"rates.runoff_mm", offsetof(agro_soil_water_rates, runoff_mm), 1e6},
        {"rates.infiltration_mm", offsetof(agro_soil_water_rates, infiltration_mm), 1e6},
        {"rates.drainage_mm", offsetof(agro_soil_water_rates, drainage_mm), 1e6},
        {"rates.evaporation_mm", offsetof(agro_soil_water_rates, evaporation_mm), 1e6},
        {"rates.transpiration_mm", offsetof(agro_soil_water_rates, transpiration_mm), 1e6},
        {"rates.mulch_interception_mm", offsetof(agro_soil_water_rates, mulch_interception_mm), 1e6},
        {"rates.mulch_evaporation_mm", offsetof(agro_soil_water_rates, mulch_evaporation_mm), 1e6},
        {"rates.mulch_water_added_mm", offsetof(agro_soil_water_rates, mulch_water_added_mm), 1e6},
        {"rates.sumes1_next_mm", offsetof(agro_soil_water_rates, sumes1_next_mm), 1e6},
        {"rates.sumes2_next_mm", offsetof(agro_soil_water_rates, sumes2_next_mm), 1e6},
        {"rates.t_stage2_next_d", offsetof(agro_soil_water_rates, t_stage2_next_d), 1e12},
    };
    const size_t n_flux = sizeof flux / sizeof flux[0];
    const char *const rbase = (const char *)r;
    int rok = 1;
    for (size_t k = 0; k < n_flux; k++) {
        double v;
        memcpy(&v, rbase + flux[k].offset, sizeof v);
        rok &= (v >= 0.0) & (v <= flux[k].max);
    }
    for (size_t k = 0; !rok && k < n_flux; k++) {
        double v;
        memcpy(&v, rbase + flux[k].offset, sizeof v);
        if ((st = check_driver(ctx, flux[k].name, v, flux[k].max))) return st;
    }
    double next[AGRO_SOIL_MAX_LAYERS], dsw[AGRO_SOIL_MAX_LAYERS];
    double rounding = 0.0;
    /* the profile's water before and after, in this pass: agro_soil_water_total_mm's sums, term
       by term in the same order (the contents after are next[]) */
    double soil_before = 0.0, soil_after = 0.0;
    for (int32_t i = 0; i < n; i++) {
        soil_before += s->sw[i] * p->thickness_mm[i];
        double sw = s->sw[i] + r->dsw[i];
        /* rounding may leave ±1e-16 outside the bounds the fluxes respect */
        if (sw < 0.0 && sw > -1e-12) sw = 0.0;
        /* (a volumetric content above 1 is no soil's: rates a caller filled with 1e306) */
        if (!isfinite(sw) || sw < 0.0 || sw > 1.0)
            return agro_fail_layer(ctx, AGRO_ENUMERIC, i, "SW", "water content would become", sw);
        /* the content is stored to 1e-6 cm³/cm³, below 1e-4 as 0: NewSW = ANINT(SW·1e6)/1e6,
           IF (ABS(NewSW) < 1e-4) NewSW = 0 (DSSAT WATBAL.for 0b7c8bb, INTEGR). A day's gain
           under 0.5e-6 is lost, so a layer at LL fed a trickle of unsaturated flow stays at LL
           (and ROOTWU takes nothing from it) instead of creeping above it over days; the
           water the rounding adds or removes is a term of the balance (rounding_mm) */
        double rounded = round_nonneg(sw * 1e6) / 1e6;
        if (fabs(rounded) < 1e-4) rounded = 0.0;
        rounding += (rounded - sw) * p->thickness_mm[i];
        dsw[i] = rounded - s->sw[i];
        next[i] = rounded;
        soil_after += rounded * p->thickness_mm[i];
    }
    const double before = soil_before + s->mulch_water_mm;
    /* the day's change, rounding included: s->sw − r->dsw is the start-of-day content again */
    for (int32_t i = 0; i < n; i++) r->dsw[i] = dsw[i];
    r->rounding_mm = rounding;
    /* the mulch's water; below 1e-4 mm DSSAT sets it to 0 (MULCHWAT.for), counted here as
       evaporated so the balance closes */
    const double em = r->mulch_evaporation_mm;
    double mw = s->mulch_water_mm + r->mulch_interception_mm + r->mulch_water_added_mm - em;
    if (!isfinite(mw) || mw > 1e6)
        return agro_fail(ctx, AGRO_ENUMERIC, NULL, 0, "mulch_water_mm", "mulch water would become %g mm", mw);
    if (mw < 1e-4) {
        r->mulch_evaporation_mm += mw;
        mw = 0.0;
    }
    /* commit only once every layer is valid */
    for (int32_t i = 0; i < n; i++) s->sw[i] = next[i];
    s->mulch_water_mm = mw;
    s->mulch_evap_prev_mm = em;
    s->cum_mulch_evaporation_mm += r->mulch_evaporation_mm;
    s->cum_mulch_water_added_mm += r->mulch_water_added_mm;
    s->sumes1_mm = r->sumes1_next_mm;
    s->sumes2_mm = r->sumes2_next_mm;
    s->t_stage2_d = r->t_stage2_next_d;
    s->cum_rain_mm += r->rain_mm;
    s->cum_irrigation_mm += r->irrigation_mm;
    s->cum_runoff_mm += r->runoff_mm;
    s->cum_infiltration_mm += r->infiltration_mm;
    s->cum_drainage_mm += r->drainage_mm;
    s->cum_evaporation_mm += r->evaporation_mm;
    s->cum_transpiration_mm += r->transpiration_mm;
    s->cum_rounding_mm += r->rounding_mm;
    const double after = soil_after + s->mulch_water_mm;
    r->balance_error_mm = before + r->rain_mm + r->irrigation_mm + r->mulch_water_added_mm +
                          r->rounding_mm - r->runoff_mm - r->drainage_mm - r->evaporation_mm -
                          r->mulch_evaporation_mm - r->transpiration_mm - after;
    /* (a NaN error is recorded too: NaN > max is false, !(NaN <= max) true) */
    double e = fabs(r->balance_error_mm);
    if (!(e <= s->max_abs_balance_error_mm)) s->max_abs_balance_error_mm = e;
    return AGRO_OK;
}

AGRO_API int agro_soil_water_integrate(agro_ctx *ctx, const agro_soil_water_params *p,
                                       agro_soil_water_state *s, agro_soil_water_rates *r)
{
    const int st = s ? totals_check(ctx, s) : AGRO_OK;
    return st ? st : integrate(ctx, p, s, r, 1);
}

AGRO_API int agro_soil_water_step(agro_ctx *ctx, const agro_soil_water_params *p,
                                  agro_soil_water_state *s, const agro_soil_water_drivers *d,
                                  agro_soil_water_rates *r)
{
    int st = s ? totals_check(ctx, s) : AGRO_OK;
    if (st != AGRO_OK) return st;
    st = water_compute(ctx, p, s, d, r, 1, NULL);
    if (st != AGRO_OK) return st;
    return integrate(ctx, p, s, r, 0);
}

int agro_soil_water_step_reuse(agro_ctx *ctx, const agro_soil_water_params *p,
                               const agro_soil_water_consts *k, agro_soil_water_state *s,
                               const agro_soil_water_drivers *d, agro_soil_water_rates *r)
{
    if (k->n_layers != p->n_layers)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers",
                         "soil water constants for %d layers, params %d", (int)k->n_layers,
                         (int)p->n_layers);
    int st = water_compute(ctx, p, s, d, r, 0, k);
    if (st != AGRO_OK) return st;
    return integrate(ctx, p, s, r, 0);
}

/* A layer count the fixed arrays can hold, the same in params and state (public structs can
 * carry anything, so the read-only totals check it instead of indexing out of bounds). */
static int layers_ok(const agro_soil_water_params *p, const agro_soil_water_state *s)
{
    return p->n_layers >= 1 && p->n_layers <= AGRO_SOIL_MAX_LAYERS && s->n_layers == p->n_layers;
}

AGRO_API double agro_soil_water_total_mm(const agro_soil_water_params *p,
                                         const agro_soil_water_state *s)
{
    if (p == NULL || s == NULL || !layers_ok(p, s)) return NAN;
    double t = 0.0;
    for (int32_t i = 0; i < p->n_layers; i++) t += s->sw[i] * p->thickness_mm[i];
    return t;
}

AGRO_API double agro_soil_water_extractable_mm(const agro_soil_water_params *p,
                                               const agro_soil_water_state *s)
{
    double t = 0.0;
    if (p == NULL || s == NULL || !layers_ok(p, s)) return NAN;
    for (int32_t i = 0; i < p->n_layers; i++) {
        double a = (s->sw[i] - p->ll[i]) * p->thickness_mm[i];
        if (a > 0.0) t += a;
    }
    return t;
}

AGRO_API double agro_soil_water_balance_mm(const agro_soil_water_params *p,
                                           const agro_soil_water_state *s)
{
    if (p == NULL || s == NULL || !layers_ok(p, s)) return NAN;
    return s->initial_mm + s->cum_rain_mm + s->cum_irrigation_mm + s->cum_mulch_water_added_mm +
           s->cum_rounding_mm - s->cum_runoff_mm - s->cum_drainage_mm - s->cum_evaporation_mm -
           s->cum_mulch_evaporation_mm - s->cum_transpiration_mm - agro_soil_water_total_mm(p, s) -
           s->mulch_water_mm;
}

AGRO_API double agro_mulch_cover(double mulch_kg_ha, double area_cm2_g)
{
    if (!isfinite(mulch_kg_ha) || !isfinite(area_cm2_g) || mulch_kg_ha < 0.0 || area_cm2_g < 0.0)
        return NAN;
    /* AM in cm²/g: 1 cm²/g = 1e-5 ha/kg (DSSAT MULCHLAYER.for) */
    return 1.0 - exp(-area_cm2_g * 1e-5 * mulch_kg_ha);
}

AGRO_API int agro_soil_water_mulch_init(agro_ctx *ctx, agro_soil_water_state *s,
                                        double mulch_kg_ha, double water_kg_kg)
{
    if (s == NULL) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "soil_water", "NULL argument");
    int st;
    if ((st = check_driver(ctx, "mulch_kg_ha", mulch_kg_ha, 1e6)) != 0) return st;
    if ((st = check_driver(ctx, "mulch_water_kg_kg", water_kg_kg, 100.0)) != 0) return st;
    const double w = 0.5 * water_kg_kg * 1e-4 * mulch_kg_ha;
    s->cum_mulch_water_added_mm += w - s->mulch_water_mm;
    s->mulch_water_mm = w;
    s->mulch_evap_prev_mm = 0.0;
    return AGRO_OK;
}

AGRO_API size_t agro_sizeof_soil_water_params(void) { return sizeof(agro_soil_water_params); }
AGRO_API size_t agro_sizeof_soil_water_state(void) { return sizeof(agro_soil_water_state); }
AGRO_API size_t agro_sizeof_soil_water_drivers(void) { return sizeof(agro_soil_water_drivers); }
AGRO_API size_t agro_sizeof_soil_water_rates(void) { return sizeof(agro_soil_water_rates); }
