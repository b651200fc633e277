/*
 * Soil mineral nitrogen by layer (CERES family): organic N → NH4 (first-order humus
 * mineralisation), urea → NH4 (hydrolysis), NH4 → NO3 (first-order nitrification),
 * NO3 → N2/N2O (denitrification), NO3 and urea moved with the water fluxes of the water
 * balance, crop uptake per layer supplied by the caller.
 *
 * Sources: Godwin & Jones 1991, "Nitrogen dynamics in soil-plant systems", in Hanks &
 * Ritchie (eds) Modeling Plant and Soil Systems, Agron. Monogr. 31, 287–321 (DMINR,
 * temperature and water factors, leaching fraction); Godwin & Singh 1998 in Understanding
 * Options for Agricultural Production, 55–77; DSSAT-CSM v4.8 SoilOrg.for (humus decay
 * factors TFSOM, WFSOM, CMF, PHMIN); DSSAT-CSM 4.8 SOILNI.for (nitrification after Gilmour
 * 1984: TFACTOR, WF2, PHFACT);
 * DSSAT-CSM NUPTAK.for (generic uptake capacity) and 4.8 MZ_NUPTAK.for (CERES-Maize potential
 * uptake); DSSAT-CSM SoilOrg.for and IPSOIL.for (fresh
 * organic matter pools, decay rates, C:N factor, immobilisation below 2 % N); DSSAT-CSM
 * SOILNI.for (net immobilisation taken from NH4 first, then NO3); DSSAT-CSM NFLUX.for
 * (anion adsorption ADCOEF retarding NO3 movement, Bowen et al. 1993 Agron. J. 85:153–159);
 * DSSAT-CSM SoilOrg_init.for (root residue of the previous crop over the profile, initial
 * humus C SSOMC); DSSAT-CSM 4.8 Denit_Ceres.for (denitrification: Godwin & Jones 1991 with
 * the water-soluble carbon CW of Rolston et al. 1980 as corrected in DSSAT 2004, the 5-day
 * wet lag DLAG); DSSAT-CSM 4.8 SOILNI.for (urea hydrolysis: rate constant AK from organic C
 * and pH, temperature and water factors, the 21-day end of hydrolysis IUOF) and NFLUX.for
 * (urea moves with the water, all in solution); DSSAT-CSM 4.8 OXLAYER.for (NH3 volatilisation
 * from fertiliser left on the surface, lib/soil/oxlayer.c).
 */
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "agrosim/soil_nitrogen.h"
#include "internal/c_locale.h"
#include "internal/error.h"
#include "internal/soil_profile.h"
#include "soil/century_internal.h"
#include "soil/nitrogen_internal.h"
#include "soil/water_internal.h"
#include "internal/tillage.h"

/* Humus mineralisation rate DMINR, 1/d (Godwin & Jones 1991; CERES-Maize NTRANS) */
#define HUMUS_MIN_RATE 8.3e-5
/* nitrification (Gilmour; DSSAT-CSM 4.8 SOILNI.for): TFACTOR = exp(21.4 − 6572/(ST + 273)) */
#define NITRIF_T_A 21.4
#define NITRIF_T_B 6572.0
/* N uptake per unit root length of DSSAT's generic NUPTAK.for (the CROPGRO routine),
   mg N/cm root/d: RTNO3/RTNH4 as SBGRO048.SPE sets them. CERES-Maize itself uses MZ_NUPTAK
   (agro_soil_n_uptake_potential_maize). */
#define RTNO3 0.006
#define RTNH4 0.006
/* FOM pool decay rates RDCHO, RDCEL, RDLIG, 1/d, and residue composition PRCHO, PRCEL,
   PRLIG (DSSAT IPSOIL.for defaults, "never varied" in RESCH*.SDA; Godwin & Jones 1991) */
#define RDCHO 0.2
#define RDCEL 0.05
#define RDLIG 0.0095
#define PRCHO 0.2
#define PRCEL 0.7
#define PRLIG 0.1
/* carbon fraction of FOM dry matter FOMCFrac (DSSAT SoilOrg.for) */
#define FOM_C_FRAC 0.4
/* critical C:N of the CNRF factor (Godwin & Jones 1991; DSSAT SoilOrg.for) */
#define CRIT_CN 25.0
/* N concentration of FOM below which decomposition immobilises mineral N, REQN, kg N/kg
   DM (upland; DSSAT SoilOrg.for) */
#define REQN 0.02
/* fraction of decomposed FOM N that goes to humus rather than mineral N (SoilOrg.for) */
#define FOM_TO_HUMUS 0.2
/* FOM below which a layer's residue does not decompose, kg DM/ha (SoilOrg.for) */
#define FOM_MIN 5.0
/* FOM below which a layer counts as holding none: its humus decays at the moisture factor
   CMF = 1 (DSSAT-CSM 4.8 SoilOrg.for, "If there is no FOM"), kg DM/ha */
#define FOM_NONE 1.0e-3
/* denitrification (DSSAT Denit_Ceres.for): water-soluble carbon CW = 24.5 + 0.0031·(SSOMC +
   0.2·LITC)·KG2PPM, ppm (Rolston et al. 1980 via Godwin & Jones 1991; "from Century", CHP/UPS
   2004); rate 6·10⁻⁴·CW·NO3·WFDENIT·TFDENIT, kg N/ha/d; only above DUL, at ST >= 5 °C, with
   NO3 > 0.01 ppm, from the 5th consecutive such day (DLAG); no residual NO3 (XMIN = 0, AJG) */
#define DENIT_CW0_PPM 24.5
#define DENIT_CW_SLOPE 0.0031
#define DENIT_LITC_FRAC 0.2
#define DENIT_RATE 6.0e-4
#define DENIT_ST_MIN_C 5.0
#define DENIT_NO3_MIN_PPM 0.01
#define DENIT_LAG_D 5.0
/* urea hydrolysis (DSSAT SOILNI.for): AK = −1.12 + 1.31·OC + 0.203·pH − 0.155·OC·pH, at least
   0.25 /d; the urea left 21 days after the last urea application becomes NH4 (IUOF) */
#define UREA_AK_MIN 0.25
#define UREA_DAYS 21.0

/* The ranges of a caller-filled agro_soil_n_params that the initialisation and the step read
   (agro_soil_n_params_from_profile gives params inside them). The rates are at most 1/d: every
   factor that multiplies them (TFSOM, WFSOM, CNRF, CMF, PHMIN, SLNF) is at most 1, so the
   fraction of a pool decomposed or mineralised in a day stays at most 1. */
#define N_RATE_MAX 1.0
#define N_PH_MIN 0.0
#define N_PH_MAX 14.0
#define N_SADC_MAX 10.0  /* cm3/g, as agro_soil_n_params_from_profile */
#define N_OC_PCT_MAX 60.0 /* %, as agro_soil_n_params_from_profile */
#define N_CEC_MAX 1000.0 /* cmol/kg, as agro_soil_n_params_from_profile */
/* a layer's thickness and bulk density at most those of a profile agro_soil_validate takes
   (bottom at most 5000 cm; SBDM at most 2.65 g/cm3, quartz), so kg_ha_per_ppm = BD·dz_cm·0.1
   at most 1325 (kg N/ha)/ppm */
#define N_THICKNESS_MAX_CM 5000.0
/* and at least the soil models' floor less the profile checks' 1e-9 cm allowance, so that what
   agro_soil_n_params_from_profile gives is never refused */
#define N_THICKNESS_MIN_CM (AGRO_SOIL_MIN_LAYER_CM - 1e-9)
#define N_BD_MAX 2.65
#define N_KPP_MAX (0.1 * N_BD_MAX * N_THICKNESS_MAX_CM)
/* no layer holds more N, C or organic matter than its own soil mass, 1e6 ppm, kg/ha per
   kg_ha_per_ppm (at most 1.3e9 kg/ha: a pool of 1e300 lost the N balance to rounding) */
#define N_LAYER_MASS_PPM 1.0e6
/* the oxidised surface layer: OXLT = max(0.001, 0.50 − 0.1·OC1) cm with OC1 >= 0 (DSSAT-CSM
   OXLAYER.for SEASINIT), the top of layer 1, whose rest DLAYR1 − OXLT it exchanges with
   (lib/soil/oxlayer.c): a thickness of 1e300, or a layer 1 of 1e-300 cm, gave oxidised pools
   of ~1e300 that were refused as ox_nh4_kg_ha */
#define N_OXLT_MIN_CM 0.001
#define N_OXLT_MAX_CM 0.5

/* One branch-free test of all the ranges (false for NaN and ±inf as well, as every comparison
   with NaN is); the public step runs it every day, check_n_params names the failure. */
static int n_params_ok(const agro_soil_n_params *p, int32_t n)
{
    int ok = (p->mineralisation_factor >= 0.0) & (p->mineralisation_factor <= 1.0) &
             (p->humus_min_rate_d >= 0.0) & (p->humus_min_rate_d <= N_RATE_MAX) &
             (p->fom_rate_carb_d >= 0.0) & (p->fom_rate_carb_d <= N_RATE_MAX) &
             (p->fom_rate_cell_d >= 0.0) & (p->fom_rate_cell_d <= N_RATE_MAX) &
             (p->fom_rate_lign_d >= 0.0) & (p->fom_rate_lign_d <= N_RATE_MAX) &
             (p->ox_thickness_cm >= N_OXLT_MIN_CM) & (p->ox_thickness_cm <= N_OXLT_MAX_CM) &
             (p->thickness_cm[0] > p->ox_thickness_cm) &
             (p->surface_oc_pct >= 0.0) & (p->surface_oc_pct <= N_OC_PCT_MAX) &
             (p->surface_cec_cmol_kg > 0.0) & (p->surface_cec_cmol_kg <= N_CEC_MAX);
    for (int32_t i = 0; i < n; i++)
        ok &= (p->thickness_cm[i] >= N_THICKNESS_MIN_CM) &
              (p->thickness_cm[i] <= N_THICKNESS_MAX_CM) &
              (p->bulk_density_g_cm3[i] > 0.0) & (p->bulk_density_g_cm3[i] <= N_BD_MAX) &
              (p->kg_ha_per_ppm[i] > 0.0) & (p->kg_ha_per_ppm[i] <= N_KPP_MAX) &
              (p->organic_n_kg_ha[i] >= 0.0) &
              (p->organic_n_kg_ha[i] <= N_LAYER_MASS_PPM * p->kg_ha_per_ppm[i]) &
              (p->organic_c_kg_ha[i] >= 0.0) &
              (p->organic_c_kg_ha[i] <= N_LAYER_MASS_PPM * p->kg_ha_per_ppm[i]) &
              (p->ph[i] >= N_PH_MIN) & (p->ph[i] <= N_PH_MAX) &
              (p->anion_adsorption_cm3_g[i] >= 0.0) & (p->anion_adsorption_cm3_g[i] <= N_SADC_MAX);
    return ok;
}

/* @p v of field @p name (of layer @p layer, or -1 for a profile value) in [lo, hi], (lo, hi]
   when @p open_lo; AGRO_ENUMERIC when not finite, AGRO_ERANGE when outside. */
static int param_in(agro_ctx *ctx, const char *name, int32_t layer, double v, double lo, double hi,
                    int open_lo)
{
    if (isfinite(v) && (open_lo ? v > lo : v >= lo) && v <= hi)
        return AGRO_OK;
    const int st = agro_range_status(v);
    char text[96];
    if (isinf(hi))
        agro_snprintf_c(text, sizeof text, "must be finite and %s %g", open_lo ? ">" : ">=", lo);
    else
        agro_snprintf_c(text, sizeof text, "must be in %s%g, %g]", open_lo ? "(" : "[", lo, hi);
    if (layer >= 0)
        return agro_fail_layer(ctx, st, layer, name, text, v);
    return agro_fail(ctx, st, NULL, 0, name, "%s (%g)", text, v);
}

/* The params' ranges (n_params_ok), naming the first field outside them and its layer. */
__attribute__((cold, noinline)) static int check_n_params(agro_ctx *ctx, const agro_soil_n_params *p,
                                                          int32_t n)
{
    int rc;
    if ((rc = param_in(ctx, "mineralisation_factor", -1, p->mineralisation_factor, 0.0, 1.0, 0)) ||
        (rc = param_in(ctx, "humus_min_rate_d", -1, p->humus_min_rate_d, 0.0, N_RATE_MAX, 0)) ||
        (rc = param_in(ctx, "fom_rate_carb_d", -1, p->fom_rate_carb_d, 0.0, N_RATE_MAX, 0)) ||
        (rc = param_in(ctx, "fom_rate_cell_d", -1, p->fom_rate_cell_d, 0.0, N_RATE_MAX, 0)) ||
        (rc = param_in(ctx, "fom_rate_lign_d", -1, p->fom_rate_lign_d, 0.0, N_RATE_MAX, 0)) ||
        (rc = param_in(ctx, "ox_thickness_cm", -1, p->ox_thickness_cm, N_OXLT_MIN_CM, N_OXLT_MAX_CM, 0)) ||
        (rc = param_in(ctx, "surface_oc_pct", -1, p->surface_oc_pct, 0.0, N_OC_PCT_MAX, 0)) ||
        (rc = param_in(ctx, "surface_cec_cmol_kg", -1, p->surface_cec_cmol_kg, 0.0, N_CEC_MAX, 1)))
        return rc;
    for (int32_t i = 0; i < n; i++) {
        /* layers past the profile's left as agro_soil_n_params_from_profile leaves them (zero):
           n_layers 40 was named "layer 9 thickness_cm" */
        if ((rc = agro_fail_unfilled_layers(ctx, i, n, p->thickness_cm, p->bulk_density_g_cm3,
                                            p->kg_ha_per_ppm,
                                            "thickness_cm, bulk_density_g_cm3 and kg_ha_per_ppm")))
            return rc;
        if ((rc = param_in(ctx, "thickness_cm", i, p->thickness_cm[i], 0.0, N_THICKNESS_MAX_CM, 1)))
            return rc;
        /* the field's caller sets neither member: it gives layer 1's bottom and organic C, of
           which agro_soil_n_params_from_profile makes OXLT, so the message says how */
        if (i == 0 && !(p->thickness_cm[0] > p->ox_thickness_cm)) {
            char text[192];
            agro_snprintf_c(text, sizeof text,
                     "must be more than ox_thickness_cm %g cm, the oxidised layer at its top "
                     "(DSSAT OXLAYER OXLT = max(0.001, 0.5 - 0.1*OC1), OC1 layer 1's organic C %%)",
                     p->ox_thickness_cm);
            return agro_fail_layer(ctx, AGRO_ERANGE, 0, "thickness_cm", text, p->thickness_cm[0]);
        }
        /* (below layer 1, which the OXLT test above already holds above the floor) */
        if (p->thickness_cm[i] < N_THICKNESS_MIN_CM)
            return agro_fail_below_min_layer(ctx, i, "thickness_cm", AGRO_SOIL_MIN_LAYER_CM, "cm",
                                             p->thickness_cm[i]);
        if ((rc = param_in(ctx, "bulk_density_g_cm3", i, p->bulk_density_g_cm3[i], 0.0, N_BD_MAX, 1)) ||
            (rc = param_in(ctx, "kg_ha_per_ppm", i, p->kg_ha_per_ppm[i], 0.0, N_KPP_MAX, 1)))
            return rc;
        /* an organic pool above the layer's soil mass because kg_ha_per_ppm is not the layer's
           0.1·BD·DLAYR (DSSAT SOILDYN KG2PPM = 10/(BD·DLAYR)): it is what the caller set */
        const double kpp = 0.1 * p->bulk_density_g_cm3[i] * p->thickness_cm[i],
                     mass = N_LAYER_MASS_PPM * p->kg_ha_per_ppm[i];
        if ((p->organic_n_kg_ha[i] > mass || p->organic_c_kg_ha[i] > mass) &&
            !(fabs(p->kg_ha_per_ppm[i] - kpp) <= 1e-6 * kpp)) {
            char text[128];
            agro_snprintf_c(text, sizeof text,
                     "must be 0.1·bulk_density_g_cm3·thickness_cm, %g, for the layer's soil mass", kpp);
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "kg_ha_per_ppm", text, p->kg_ha_per_ppm[i]);
        }
        if ((rc = param_in(ctx, "organic_n_kg_ha", i, p->organic_n_kg_ha[i], 0.0,
                           N_LAYER_MASS_PPM * p->kg_ha_per_ppm[i], 0)) ||
            (rc = param_in(ctx, "organic_c_kg_ha", i, p->organic_c_kg_ha[i], 0.0,
                           N_LAYER_MASS_PPM * p->kg_ha_per_ppm[i], 0)) ||
            (rc = param_in(ctx, "ph", i, p->ph[i], N_PH_MIN, N_PH_MAX, 0)) ||
            (rc = param_in(ctx, "anion_adsorption_cm3_g", i, p->anion_adsorption_cm3_g[i], 0.0,
                           N_SADC_MAX, 0)))
            return rc;
    }
    /* not reached while this chain tests what n_params_ok tests; if they ever disagree, the
       params are still refused, not taken */
    return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "params", "an N parameter is outside its range");
}

AGRO_API int agro_soil_n_params_from_profile(agro_ctx *ctx, const agro_soil_profile *pr,
                                             agro_soil_n_params *out)
{
    if (pr == NULL || out == NULL)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "soil_n", "NULL argument");
    int layers_rc = agro_check_layer_count(ctx, pr->n_layers);
    if (layers_rc)
        return layers_rc;
    double slnf = pr->mineralisation_factor;
    if (!isfinite(slnf) || slnf < 0.0 || slnf > 1.0)
        return agro_fail(ctx, agro_range_status(slnf), NULL, 0, "SLNF",
                         "mineralisation factor must be in [0, 1] (%g)", slnf);
    /* computed here and copied to *out at the end: a refused profile (a late check such as
       SCEC) leaves the caller's params as they were (agrosim's rule for failing calls) */
    agro_soil_n_params p;
    memset(&p, 0, sizeof p);
    p.n_layers = pr->n_layers;
    p.mineralisation_factor = slnf;
    p.humus_min_rate_d = HUMUS_MIN_RATE;
    p.fom_rate_carb_d = RDCHO;
    p.fom_rate_cell_d = RDCEL;
    p.fom_rate_lign_d = RDLIG;
    p.residue_frac_carb = PRCHO;
    p.residue_frac_cell = PRCEL;
    p.residue_frac_lign = PRLIG;
    double top = 0.0;
    for (int32_t i = 0; i < pr->n_layers; i++) {
        double bottom = pr->depth_cm[i];
        /* layer 1 is held below to more than OXLT, at least the minimum, in a message that
           says why */
        int rc = i == 0 ? agro_check_layer_order(ctx, i, bottom, top)
                        : agro_check_layer_bottom(ctx, i, bottom, top);
        if (rc)
            return rc;
        double bd = pr->bulk_density_g_cm3[i];
        if (!isfinite(bd) || bd <= 0.0 || bd > 2.65)
            return agro_fail_layer_range(ctx, i, "SBDM",
                                         "bulk density must be in (0, 2.65] g/cm3", bd);
        double oc = pr->organic_carbon_pct[i];
        if (isnan(oc))
            return agro_fail_layer(ctx, AGRO_ENUMERIC, i, "SLOC",
                                   "organic carbon unknown: the N model needs it "
                                   "(agro_dssat_soil_prepare gives a DSSAT profile DSSAT's estimate)",
                                   oc);
        if (!isfinite(oc) || oc < 0.0 || oc > 60.0)
            return agro_fail_layer_range(ctx, i, "SLOC", "organic carbon must be in [0, 60] %", oc);
        double tn = pr->total_n_pct[i];
        if (isinf(tn) || (isfinite(tn) && tn > 10.0))
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "SLNI", "total N must be in [0, 10] %", tn);
        double dz = bottom - top;
        p.thickness_cm[i] = dz;
        p.bulk_density_g_cm3[i] = bd;
        /* 1 ppm of a layer = BD·dz·0.1 kg/ha (1e-6 × BD g/cm³ × dz cm × 1e8 cm²/ha / 1e3) */
        p.kg_ha_per_ppm[i] = bd * dz * 0.1;
        /* organic N: SLNI % when given (negative = DSSAT -99 unknown), else C:N of 10
           (Godwin & Jones 1991); 1 % of a layer = BD·dz·1000 kg/ha */
        p.total_n_known[i] = isfinite(tn) && tn >= 0.0;
        double npct = p.total_n_known[i] ? tn : oc / 10.0;
        p.organic_n_kg_ha[i] = npct * bd * dz * 1000.0;
        /* humus C SSOMC = OC·1000·BD·DLAYR, kg C/ha (DSSAT SoilOrg_init.for) */
        p.organic_c_kg_ha[i] = oc * 1000.0 * bd * dz;
        double ph = pr->ph_water[i];
        /* an infinite pH is no measurement to replace: it took 7 as an unknown one did */
        if (isinf(ph))
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "SLHW", "pH must be finite", ph);
        /* pH unknown (NaN or DSSAT -99), at most 1 or above 10: 7 (DSSAT SOILDYN.for 7841e3c,
           "outside the range pH=1-10, which is unlikely"), as the P model (phosphorus.c) */
        p.ph[i] = (isfinite(ph) && ph > 1.0 && ph <= 10.0) ? ph : 7.0;
        /* SADC unknown (NaN, DSSAT -99): no anion adsorption (DSSAT NFLUX ADCOEF = 0) */
        double adc = pr->anion_adsorption_cm3_g[i];
        if (isinf(adc) || (isfinite(adc) && (adc < 0.0 || adc > 10.0)))
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "SADC",
                              "anion adsorption must be in [0, 10] cm3/g", adc);
        p.anion_adsorption_cm3_g[i] = isfinite(adc) ? adc : 0.0;
        top = bottom;
    }
    /* the oxidised surface layer: OXLT = max(0.001, 0.5 − 0.1·OC1) cm (DSSAT OXLAYER.for
       SEASINIT); CEC(1) 15.5 cmol/kg when unknown (DSSAT SOILDYN.for) */
    const double oc1 = pr->organic_carbon_pct[0];
    p.surface_oc_pct = oc1;
    p.ox_thickness_cm = agro_soil_oxlt_cm(oc1);
    /* layer 1 holds the oxidised layer at its top and exchanges with its rest, DLAYR1 − OXLT
       (lib/soil/oxlayer.c), as agro_soil_n_state_init holds the params' thickness_cm: refused
       here naming the profile's SLB, the member a profile's caller sets (a field's
       agro_soil_validate names it first, as depth_cm[0]) */
    if (!(p.thickness_cm[0] > p.ox_thickness_cm))
        return agro_fail_top_oxlt(ctx, NULL, 0, "layer 1 SLB", "", p.ox_thickness_cm, oc1,
                                  pr->depth_cm[0]);
    const double cec1 = pr->cec_cmol_kg[0];
    /* unknown is NaN (the readers turn DSSAT's -99 into NaN): a negative CEC is an error */
    if (!isnan(cec1) && !(cec1 >= 0.0 && cec1 <= 1000.0))
        return agro_fail_layer(ctx, AGRO_ERANGE, 0, "SCEC", "CEC must be in [0, 1000] cmol/kg", cec1);
    p.surface_cec_cmol_kg = (isfinite(cec1) && cec1 > 0.0) ? cec1 : 15.5;
    *out = p;
    return AGRO_OK;
}

AGRO_API int agro_soil_n_state_init(agro_ctx *ctx, const agro_soil_n_params *p,
                                    const double *no3_ppm, const double *nh4_ppm,
                                    agro_soil_n_state *out)
{
    if (p == NULL || out == NULL)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "soil_n", "NULL argument");
    int layers_rc = agro_check_layer_count(ctx, p->n_layers);
    if (layers_rc)
        return layers_rc;
    if (!n_params_ok(p, p->n_layers))
        return check_n_params(ctx, p, p->n_layers);
    agro_soil_n_state s;
    memset(&s, 0, sizeof s);
    s.n_layers = p->n_layers;
    s.urea_age_d = -1.0; /* no urea hydrolysing (DSSAT IUON false) */
    for (int32_t i = 0; i < p->n_layers; i++) {
        double a = no3_ppm ? no3_ppm[i] : 0.0;
        double b = nh4_ppm ? nh4_ppm[i] : 0.0;
        if (!isfinite(a) || a < 0.0 || a > 10000.0)
            return agro_fail_layer_range(ctx, i, "SNO3",
                                         "initial nitrate must be in [0, 10000] ppm", a);
        if (!isfinite(b) || b < 0.0 || b > 10000.0)
            return agro_fail_layer_range(ctx, i, "SNH4",
                                         "initial ammonium must be in [0, 10000] ppm", b);
        s.no3_kg_ha[i] = a * p->kg_ha_per_ppm[i];
        s.nh4_kg_ha[i] = b * p->kg_ha_per_ppm[i];
        /* humus N: a measured total N less the initial mineral N (each at least 0.01 ppm)
           (DSSAT SOILDYN TotOrgN), at a humus C:N of at least 10; C/10 when the total is
           unknown or not above the mineral N; at least 0.01 kg/ha (DSSAT SoilOrg_init.for) */
        const double c10 = p->organic_c_kg_ha[i] / 10.0;
        double org = 0.0;
        if (p->total_n_known[i])
            org = p->organic_n_kg_ha[i] - (fmax(a, 0.01) + fmax(b, 0.01)) * p->kg_ha_per_ppm[i];
        if (org > 0.001) {
            if (p->organic_c_kg_ha[i] < 10.0 * org) org = c10;
        } else {
            org = c10;
        }
        s.org_n_kg_ha[i] = org > 0.01 ? org : 0.01;
        s.org_c_kg_ha[i] = p->organic_c_kg_ha[i];
        s.initial_kg_ha += s.no3_kg_ha[i] + s.nh4_kg_ha[i] + s.org_n_kg_ha[i];
    }
    /* the oxidised layer holds layer 1's concentration at the start, OX = layer 1 ×
       KG2PPM(1)/OXFAC = layer 1 × OXLT/DLAYR1; ALGACT 0.1, OXNI 0.05, OXPH pH1 (DSSAT
       OXLAYER.for SEASINIT); no fertiliser yet (LFD10 = YRSIM: one step a day) */
    const double oxshare = p->ox_thickness_cm / p->thickness_cm[0];
    s.ox_no3_kg_ha = s.no3_kg_ha[0] * oxshare;
    s.ox_nh4_kg_ha = s.nh4_kg_ha[0] * oxshare;
    s.ox_urea_kg_ha = 0.0;
    s.ox_algact = 0.1;
    s.ox_ni = 0.05;
    s.ox_ph = p->ph[0];
    s.ox_days_since_fert = 1e9;
    *out = s;
    return AGRO_OK;
}

static int n_state_check(agro_ctx *ctx, const agro_soil_n_params *p, const agro_soil_n_state *s,
                         int32_t n, int ox_too);

/* What an event or uptake entry a caller calls with its own params and state runs after its
   arguments (layers agreeing): the params and the state as the public steps check them, before
   anything changes (a NaN urea clock or days since fertiliser was reset by a fertiliser and no
   longer seen; an uptake read NaN pools and gave NaN with AGRO_OK). @p ox_too: the oxidised
   layer's members whether it is active or not (a surface application makes it so). Not run by
   the field's own events (the *_field entries, nitrogen_internal.h), whose state its steps
   keep, as they skip the steps' state check. */
static int n_event_check(agro_ctx *ctx, const agro_soil_n_params *p, const agro_soil_n_state *s,
                         int ox_too)
{
    if (!n_params_ok(p, p->n_layers)) return check_n_params(ctx, p, p->n_layers);
    return n_state_check(ctx, p, s, p->n_layers, ox_too);
}

/* The state check of the events: none (the field's entries), the state, or the state with the
   oxidised layer (a surface application) */
enum { N_EV_FIELD = 0, N_EV_CHECK = 1, N_EV_CHECK_OX = 2 };

static int fertilise_urea(agro_ctx *ctx, const agro_soil_n_params *p, agro_soil_n_state *s,
                          double kg_n_ha, double depth_cm, double no3_fraction,
                          double urea_fraction, int check);

AGRO_API int agro_soil_n_fertilise(agro_ctx *ctx, const agro_soil_n_params *p,
                                   agro_soil_n_state *s, double kg_n_ha, double depth_cm,
                                   double no3_fraction)
{
    return fertilise_urea(ctx, p, s, kg_n_ha, depth_cm, no3_fraction, 0.0, N_EV_CHECK);
}

AGRO_API int agro_soil_n_fertilise_urea(agro_ctx *ctx, const agro_soil_n_params *p,
                                        agro_soil_n_state *s, double kg_n_ha, double depth_cm,
                                        double no3_fraction, double urea_fraction)
{
    return fertilise_urea(ctx, p, s, kg_n_ha, depth_cm, no3_fraction, urea_fraction, N_EV_CHECK);
}

int agro_soil_n_fertilise_urea_field(agro_ctx *ctx, const agro_soil_n_params *p,
                                     agro_soil_n_state *s, double kg_n_ha, double depth_cm,
                                     double no3_fraction, double urea_fraction)
{
    return fertilise_urea(ctx, p, s, kg_n_ha, depth_cm, no3_fraction, urea_fraction, N_EV_FIELD);
}

static int fertilise_urea(agro_ctx *ctx, const agro_soil_n_params *p, agro_soil_n_state *s,
                          double kg_n_ha, double depth_cm, double no3_fraction,
                          double urea_fraction, int check)
{
    if (p == NULL || s == NULL)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "soil_n", "NULL argument");
    if (!isfinite(kg_n_ha) || kg_n_ha < 0.0 || kg_n_ha > 5000.0)
        return agro_fail(ctx, agro_range_status(kg_n_ha), NULL, 0,
                         "FAMN", "fertiliser N must be in [0, 5000] kg/ha (%g)", kg_n_ha);
    if (!isfinite(depth_cm) || depth_cm < 0.0)
        return agro_fail(ctx, agro_range_status(depth_cm), NULL, 0,
                         "FDEP", "fertiliser depth must be >= 0 cm (%g)", depth_cm);
    if (!isfinite(no3_fraction) || no3_fraction < 0.0 || no3_fraction > 1.0)
        return agro_fail(ctx, agro_range_status(no3_fraction), NULL, 0,
                         "no3_fraction", "must be in [0, 1] (%g)", no3_fraction);
    if (!isfinite(urea_fraction) || urea_fraction < 0.0 || urea_fraction > 1.0)
        return agro_fail(ctx, agro_range_status(urea_fraction), NULL, 0,
                         "urea_fraction", "must be in [0, 1] (%g)", urea_fraction);
    /* (a tolerance for shares computed as quotients that sum to 1 up to rounding) */
    if (no3_fraction + urea_fraction > 1.0 + 1e-12)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "urea_fraction",
                         "NO3 and urea shares sum to more than 1 (%g + %g)", no3_fraction,
                         urea_fraction);
    if (p->n_layers < 1 || p->n_layers > AGRO_SOIL_MAX_LAYERS || s->n_layers != p->n_layers)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers",
                         "nitrogen params and state disagree on layers");
    if (check != N_EV_FIELD) {
        const int st = n_event_check(ctx, p, s, check == N_EV_CHECK_OX);
        if (st) return st;
    }
    /* the layer whose bottom is at or below the placement depth (DSSAT FPLACE: deepest
       layer if deeper than the profile) */
    int32_t l = 0;
    double bottom = p->thickness_cm[0];
    while (l < p->n_layers - 1 && depth_cm > bottom) {
        l++;
        bottom += p->thickness_cm[l];
    }
    double no3 = kg_n_ha * no3_fraction;
    double urea = kg_n_ha * urea_fraction;
    double nh4 = kg_n_ha - no3 - urea;
    if (nh4 < 0.0) { /* rounding of shares summing to 1: the excess comes off the urea */
        urea += nh4;
        nh4 = 0.0;
    }
    s->no3_kg_ha[l] += no3;
    s->nh4_kg_ha[l] += nh4;
    s->no3_added_today[l] += no3;
    s->nh4_added_today[l] += nh4;
    if (urea > 0.0) {
        s->urea_kg_ha[l] += urea;
        s->urea_added_today[l] += urea;
        /* a urea application (re)starts hydrolysis for 21 days (DSSAT SOILNI.for IUON, IUOF) */
        s->urea_age_d = 0.0;
    }
    s->cum_fertiliser_kg_ha += kg_n_ha;
    /* any fertiliser day sets LFD10 = day + 10 (DSSAT SOILNI.for) */
    s->ox_days_since_fert = 0.0;
    return AGRO_OK;
}

static int fertilise_surface(agro_ctx *ctx, const agro_soil_n_params *p, agro_soil_n_state *s,
                             double kg_n_ha, double no3_fraction, double urea_fraction,
                             int32_t material, int check)
{
    if (material < 0 || material > 999)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "FMCD",
                         "fertiliser material must be in [0, 999] (%d)", (int)material);
    /* layer 1 receives it as at depth 0 (Fert_Place.for FertApply: ADDSNH4(1) += ADDFNH4) */
    const double u0 = s ? s->urea_kg_ha[0] : 0.0, a0 = s ? s->nh4_kg_ha[0] : 0.0,
                 n0 = s ? s->no3_kg_ha[0] : 0.0;
    int rc = fertilise_urea(ctx, p, s, kg_n_ha, 0.0, no3_fraction, urea_fraction,
                            check == N_EV_FIELD ? N_EV_FIELD : N_EV_CHECK_OX);
    if (rc)
        return rc;
    /* and the oxidised layer the same amounts (ADDOXU, ADDOXH4, ADDOXN3 of a non-flooded
       field, FMIXEFF 0), which is simulated from now on (UNINCO) */
    s->ox_urea_kg_ha += s->urea_kg_ha[0] - u0;
    s->ox_nh4_kg_ha += s->nh4_kg_ha[0] - a0;
    s->ox_no3_kg_ha += s->no3_kg_ha[0] - n0;
    s->ox_active = 1;
    s->ox_fert_type = material;
    return AGRO_OK;
}

AGRO_API int agro_soil_n_fertilise_surface(agro_ctx *ctx, const agro_soil_n_params *p,
                                           agro_soil_n_state *s, double kg_n_ha,
                                           double no3_fraction, double urea_fraction,
                                           int32_t material)
{
    return fertilise_surface(ctx, p, s, kg_n_ha, no3_fraction, urea_fraction, material, N_EV_CHECK_OX);
}

int agro_soil_n_fertilise_surface_field(agro_ctx *ctx, const agro_soil_n_params *p,
                                        agro_soil_n_state *s, double kg_n_ha, double no3_fraction,
                                        double urea_fraction, int32_t material)
{
    return fertilise_surface(ctx, p, s, kg_n_ha, no3_fraction, urea_fraction, material, N_EV_FIELD);
}

/* Checks shared by the fresh-organic-matter events: the amount (field @p kg_field, 0..100000
   kg dry matter/ha) and its N (@p n_field, 0..10 %; NULL: the caller checks the N) of @p what,
   and the params' composition. Nothing is added when one fails. */
static int check_fom_input(agro_ctx *ctx, const agro_soil_n_params *p, const agro_soil_n_state *s,
                           double kg_dm_ha, double n_pct, const char *kg_field,
                           const char *n_field, const char *what)
{
    if (p == NULL || s == NULL)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "soil_n", "NULL argument");
    if (p->n_layers < 1 || p->n_layers > AGRO_SOIL_MAX_LAYERS || s->n_layers != p->n_layers)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers",
                         "nitrogen params and state disagree on layers");
    if (!isfinite(kg_dm_ha) || kg_dm_ha < 0.0 || kg_dm_ha > 100000.0)
        return agro_fail(ctx, agro_range_status(kg_dm_ha), NULL, 0,
                         kg_field, "%s must be in [0, 100000] kg dry matter/ha (%g)", what,
                         kg_dm_ha);
    if (n_field && (!isfinite(n_pct) || n_pct < 0.0 || n_pct > 10.0))
        return agro_fail(ctx, agro_range_status(n_pct), NULL, 0, n_field,
                         "%s N must be in [0, 10] %% (%g)", what, n_pct);
    /* each fraction named when it is not one, then their sum */
    const double fr[3] = {p->residue_frac_carb, p->residue_frac_cell, p->residue_frac_lign};
    static const char *const frn[3] = {"residue_frac_carb", "residue_frac_cell", "residue_frac_lign"};
    for (int k = 0; k < 3; k++)
        if (!(fr[k] >= 0.0 && fr[k] <= 1.0))
            return agro_fail(ctx, agro_range_status(fr[k]), NULL, 0, frn[k],
                             "residue fraction must be in [0, 1] (%g)", fr[k]);
    const double fsum = fr[0] + fr[1] + fr[2];
    if (!(fabs(fsum - 1.0) < 1e-6))
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "residue_frac_carb + residue_frac_cell + residue_frac_lign",
                         "carbohydrate, cellulose and lignin fractions must sum to 1 (%g)", fsum);
    return AGRO_OK;
}

/* Add @p dm kg dry matter/ha with @p n_kg kg N/ha to the FOM pools of layer @p i: @p lig of it
   to lignin, the rest to carbohydrate and cellulose in the params' ratio (DSSAT-CSM 4.8
   IPSOIL.for: PRCHO and PRCEL × (1 − PRLIG)/(PRCHO + PRCEL), "PRLIG must sum with PRCHO and
   PRCEL to 1.0"; the params' own lignin keeps their split as it is) */
static void add_fom(const agro_soil_n_params *p, agro_soil_n_state *s, int32_t i, double dm,
                    double n_kg, double lig)
{
    double fc = p->residue_frac_carb, fl = p->residue_frac_cell;
    if (lig != p->residue_frac_lign) {
        const double r = (1.0 - lig) / (fc + fl); /* REDUCE_FRAC (IPSOIL.for) */
        fc *= r;
        fl *= r;
    }
    s->fom_carb_kg_ha[i] += dm * fc;
    s->fom_cell_kg_ha[i] += dm * fl;
    s->fom_lign_kg_ha[i] += dm * lig;
    s->fom_n_kg_ha[i] += n_kg;
}

/* the lignin fraction of a residue: finite, 0..1 */
static int check_lignin(agro_ctx *ctx, double lig)
{
    if (!isfinite(lig))
        return agro_fail(ctx, AGRO_ENUMERIC, NULL, 0, "PRLIG", "residue lignin fraction is not a number");
    if (lig < 0.0 || lig > 1.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "PRLIG", "residue lignin fraction %g outside [0, 1]",
                         lig);
    return AGRO_OK;
}

static int add_residue(agro_ctx *ctx, const agro_soil_n_params *p, agro_soil_n_state *s,
                       double kg_dm_ha, double n_pct, double depth_cm, double lig, int check)
{
    int rc = check_fom_input(ctx, p, s, kg_dm_ha, n_pct, "RAMT", "RESN", "residue");
    if (rc)
        return rc;
    if ((rc = check_lignin(ctx, lig)))
        return rc;
    if (!isfinite(depth_cm) || depth_cm < 0.0)
        return agro_fail(ctx, agro_range_status(depth_cm), NULL, 0,
                         "RDEP", "residue depth must be >= 0 cm (%g)", depth_cm);
    if (check != N_EV_FIELD && (rc = n_event_check(ctx, p, s, 0)))
        return rc;
    agro_soil_n_add_residue_unchecked(p, s, kg_dm_ha, n_pct, depth_cm, lig);
    return AGRO_OK;
}

void agro_soil_n_add_residue_unchecked(const agro_soil_n_params *p, agro_soil_n_state *s,
                                       double kg_dm_ha, double n_pct, double depth_cm, double lig)
{
    double share[AGRO_SOIL_MAX_LAYERS];
    agro_soil_residue_shares(p, depth_cm, share);
    const double n_kg = kg_dm_ha * n_pct / 100.0;
    for (int32_t i = 0; i < p->n_layers; i++) {
        const double fr = share[i];
        if (fr <= 0.0) continue;
        add_fom(p, s, i, kg_dm_ha * fr, n_kg * fr, lig);
    }
    s->cum_residue_dm_kg_ha += kg_dm_ha;
    s->cum_residue_n_kg_ha += n_kg;
}

AGRO_API int agro_soil_n_add_residue(agro_ctx *ctx, const agro_soil_n_params *p,
                                     agro_soil_n_state *s, double kg_dm_ha, double n_pct,
                                     double depth_cm)
{
    if (!p)
        return check_fom_input(ctx, p, s, kg_dm_ha, n_pct, "RAMT", "RESN", "residue");
    return add_residue(ctx, p, s, kg_dm_ha, n_pct, depth_cm, p->residue_frac_lign, N_EV_CHECK);
}

AGRO_API int agro_soil_n_add_residue_lignin(agro_ctx *ctx, const agro_soil_n_params *p,
                                            agro_soil_n_state *s, double kg_dm_ha, double n_pct,
                                            double depth_cm, double lignin_frac)
{
    return add_residue(ctx, p, s, kg_dm_ha, n_pct, depth_cm, lignin_frac, N_EV_CHECK);
}

int agro_soil_n_add_residue_lignin_field(agro_ctx *ctx, const agro_soil_n_params *p,
                                         agro_soil_n_state *s, double kg_dm_ha, double n_pct,
                                         double depth_cm, double lignin_frac)
{
    return add_residue(ctx, p, s, kg_dm_ha, n_pct, depth_cm, lignin_frac, N_EV_FIELD);
}

static int add_root_residue(agro_ctx *ctx, const agro_soil_n_params *p, agro_soil_n_state *s,
                            double kg_dm_ha, double n_pct, double lig, int check)
{
    int rc = check_fom_input(ctx, p, s, kg_dm_ha, n_pct, "ICRT", "RCN", "root residue");
    if (rc)
        return rc;
    if ((rc = check_lignin(ctx, lig)))
        return rc;
    double share[AGRO_SOIL_MAX_LAYERS];
    if ((rc = agro_soil_root_residue_shares(ctx, p, share)))
        return rc;
    if (check != N_EV_FIELD && (rc = n_event_check(ctx, p, s, 0)))
        return rc;
    const double n_kg = kg_dm_ha * n_pct / 100.0;
    for (int32_t i = 0; i < p->n_layers; i++)
        add_fom(p, s, i, kg_dm_ha * share[i], n_kg * share[i], lig);
    s->cum_residue_dm_kg_ha += kg_dm_ha;
    s->cum_residue_n_kg_ha += n_kg;
    return AGRO_OK;
}

AGRO_API int agro_soil_n_add_root_residue(agro_ctx *ctx, const agro_soil_n_params *p,
                                          agro_soil_n_state *s, double kg_dm_ha, double n_pct)
{
    if (!p)
        return check_fom_input(ctx, p, s, kg_dm_ha, n_pct, "ICRT", "RCN", "root residue");
    return add_root_residue(ctx, p, s, kg_dm_ha, n_pct, p->residue_frac_lign, N_EV_CHECK);
}

AGRO_API int agro_soil_n_add_root_residue_lignin(agro_ctx *ctx, const agro_soil_n_params *p,
                                                 agro_soil_n_state *s, double kg_dm_ha,
                                                 double n_pct, double lignin_frac)
{
    return add_root_residue(ctx, p, s, kg_dm_ha, n_pct, lignin_frac, N_EV_CHECK);
}

int agro_soil_n_add_root_residue_lignin_field(agro_ctx *ctx, const agro_soil_n_params *p,
                                              agro_soil_n_state *s, double kg_dm_ha, double n_pct,
                                              double lignin_frac)
{
    return add_root_residue(ctx, p, s, kg_dm_ha, n_pct, lignin_frac, N_EV_FIELD);
}

void agro_soil_residue_shares(const agro_soil_n_params *p, double depth_cm, double *share)
{
    double profile = 0.0;
    for (int32_t i = 0; i < p->n_layers; i++) profile += p->thickness_cm[i];
    const double dep = depth_cm > profile ? profile : depth_cm;
    double top = 0.0;
    for (int32_t i = 0; i < p->n_layers; i++) {
        if (dep <= 0.0) {
            share[i] = i == 0 ? 1.0 : 0.0;
            continue;
        }
        const double bottom = top + p->thickness_cm[i];
        const double inside = fmin(bottom, dep) - top;
        share[i] = inside > 0.0 ? inside / dep : 0.0;
        top = bottom;
    }
}

int agro_soil_root_residue_shares(agro_ctx *ctx, const agro_soil_n_params *p, double *share)
{
    /* the weights need a positive mass per layer: a zero would silently lose residue */
    double depmax = 0.0;
    for (int32_t i = 0; i < p->n_layers; i++) {
        double dz = p->thickness_cm[i], bd = p->bulk_density_g_cm3[i];
        if (!isfinite(dz) || dz <= 0.0)
            return agro_fail_layer_range(ctx, i, "thickness_cm",
                                         "layer thickness must be > 0 cm", dz);
        if (!isfinite(bd) || bd <= 0.0)
            return agro_fail_layer_range(ctx, i, "SBDM", "bulk density must be > 0 g/cm3", bd);
        depmax += dz;
    }
    double w[AGRO_SOIL_MAX_LAYERS], wsum = 0.0, top = 0.0;
    for (int32_t i = 0; i < p->n_layers; i++) {
        const double dz = p->thickness_cm[i];
        /* root residue concentration falls as exp(−3·mid-depth/DEPMAX), so the layer's share
           is weighted by its soil mass BD·DLAYR (DSSAT SoilOrg_init.for, WRN, LAH/CHP 2007) */
        w[i] = exp(-3.0 * (top + 0.5 * dz) / depmax) * p->bulk_density_g_cm3[i] * dz;
        wsum += w[i];
        top += dz;
    }
    for (int32_t i = 0; i < p->n_layers; i++)
        share[i] = w[i] / wsum; /* FACTOR = WRN/WSUM (SoilOrg_init.for) */
    return AGRO_OK;
}

/* Soil water factor WFSOM (DSSAT SoilOrg.for, Godwin & Jones 1991): (SW−AD)/(DUL−AD)
   below DUL, with AD the air-dry content (SWEF·LL in layer 1, LL below), falling to 0.5 at
   saturation above DUL; clamped to [0, 1]. The divisors are per-layer constants: their
   reciprocals come from agro_soil_n_consts (wf_inv_dry = 1/(DUL − AD), wf_half_inv_wet =
   0.5/(SAT − DUL)). */
static double water_factor(double sw, double ad, double dul, double inv_dry, double half_inv_wet)
{
    double f;
    if (sw <= dul)
        f = (sw - ad) * inv_dry;
    else
        f = 1.0 - (sw - dul) * half_inv_wet;
    if (f < 0.0) f = 0.0;
    if (f > 1.0) f = 1.0;
    return f;
}

/* pH factor of nitrification PHFACT = min(1, 0.33·pH − 1.36), at least 0 (DSSAT-CSM 4.8
   SOILNI.for; the product NFAC is clamped to [0, 1] there) */
static double ph_factor(double ph)
{
    double f = 0.33 * ph - 1.36;
    if (f < 0.0) f = 0.0;
    if (f > 1.0) f = 1.0;
    return f;
}

/* PHMIN = pH/3 − 1.1 in [0, 1] (DSSAT SoilOrg.for, from the RICE model) */
static double ph_min_factor(double ph)
{
    double phmin = ph / 3.0 - 1.1;
    if (phmin < 0.0) phmin = 0.0;
    if (phmin > 1.0) phmin = 1.0;
    return phmin;
}

/* solution fraction of NO3, FRAC_SOLN = 1/(1 + BD·ADCOEF/DUL) (DSSAT NFLUX.for) */
static double no3_solution_fraction(const agro_soil_n_params *p, const agro_soil_water_params *wp,
                                    int32_t i)
{
    return 1.0 / (1.0 + p->bulk_density_g_cm3[i] * p->anion_adsorption_cm3_g[i] / wp->dul[i]);
}

void agro_soil_n_consts_init(const agro_soil_n_params *p, const agro_soil_water_params *wp,
                             agro_soil_n_consts *k)
{
    const int32_t n = p->n_layers < AGRO_SOIL_MAX_LAYERS ? p->n_layers : AGRO_SOIL_MAX_LAYERS;
    k->n_layers = n;
    for (int32_t i = 0; i < n; i++) {
        k->ph_nitrif[i] = ph_factor(p->ph[i]);
        k->ph_min[i] = ph_min_factor(p->ph[i]);
        k->no3_soln[i] = no3_solution_fraction(p, wp, i);
        const double ad = i == 0 ? wp->evap_ll_factor * wp->ll[0] : wp->ll[i];
        k->wf_ad[i] = ad;
        k->wf_inv_dry[i] = 1.0 / (wp->dul[i] - ad);
        k->wf_half_inv_wet[i] = 0.5 / (wp->sat[i] - wp->dul[i]);
        k->inv_sat[i] = 1.0 / wp->sat[i];
        const double kg2ppm = 1.0 / p->kg_ha_per_ppm[i]; /* DSSAT KG2PPM, ppm per kg/ha */
        k->denit_cw_per_kg_c[i] = DENIT_CW_SLOPE * kg2ppm;
        k->oc_pct_per_kg_c[i] = 1.0e-4 * kg2ppm; /* SSOMC·1E-4·KG2PPM = OC, % (SOILNI.for) */
    }
    agro_ox_consts_init(p, wp, &k->ox);
}

/* NaN when the state's layer count does not fit its arrays (public struct, caller-filled). */
/* One layer of DSSAT's NFLUX.for for a solute of start-of-day amount @p orig (kg N/ha; now
 * @p now after the day's other changes), @p soln of it in solution: saturated drainage @p drn
 * (mm, down) carries NTEMP = orig + what drained in from above (*carried, updated to this
 * layer's NDOWN_SAT), unsaturated flow @p up (mm, + up) carries orig, over @p held mm of
 * start-of-day water; an upward @p up (NFLUX.for's UPFLOW(L): across the bottom of the layer
 * under Ritchie, across its top under Suleiman-Ritchie) leaves this layer for the one above
 * (not the top one). The outflow is at most orig + min(now − orig, 0). Writes the flows down
 * and up. */
__attribute__((always_inline)) static inline void
nflux_layer(double orig, double now, double soln, double held, double drn, double up, int32_t top,
            double *carried, double *down, double *upward)
{
    const double ntemp = top ? orig : orig + *carried;
    double dsat = 0.0, dun = 0.0, nup = 0.0;
    if (held + drn > 0.01) dsat = (ntemp * soln > 0.0 ? ntemp * soln : 0.0) * drn / (held + drn);
    if (up < 0.0) dun = (orig * soln > 0.0 ? orig * soln : 0.0) * (-up) / (held - up);
    else if (up > 0.0 && !top) nup = (orig * soln > 0.0 ? orig * soln : 0.0) * up / (held + up);
    *carried = dsat;
    double nd = dsat + dun;
    const double dl = now - orig;
    double avail = orig + (dl < 0.0 ? dl : 0.0);
    if (avail < 0.0) avail = 0.0;
    if (nd + nup > avail) {
        const double red = avail / (nd + nup);
        nd *= red;
        nup *= red;
    }
    *down = nd;
    *upward = nup;
}

/* The public N steps' checks of the water (see n_step_body): upflow_mm and dsw finite, and the
   water content at the end of the day (sw) and at its start (sw − dsw, which the factors and
   NFLUX read) in [0, 1]; one branch-free pass (false for NaN and ±inf too), the naming loop
   only on failure; kept out of line so that the day's step does not grow */
__attribute__((noinline)) static int check_water(agro_ctx *ctx, const agro_soil_water_state *ws,
                       const agro_soil_water_rates *wr, int32_t n)
{
    int ok = 1;
    for (int32_t i = 0; i < n; i++) {
        const double up = wr->upflow_mm[i], sw = ws->sw[i], sw0 = sw - wr->dsw[i];
        ok &= ((up - up) == 0.0) & (sw >= 0.0) & (sw <= 1.0) & (sw0 >= 0.0) & (sw0 <= 1.0);
    }
    for (int32_t i = 0; !ok && i < n; i++) {
        if (!isfinite(wr->upflow_mm[i]))
            return agro_fail_layer(ctx, AGRO_ENUMERIC, i, "upflow_mm", "non-finite upward water flow",
                                   wr->upflow_mm[i]);
        if (!isfinite(wr->dsw[i]))
            return agro_fail_layer(ctx, AGRO_ENUMERIC, i, "dsw", "non-finite change of water content",
                                   wr->dsw[i]);
        const double sw = ws->sw[i], sw0 = sw - wr->dsw[i];
        if (!(sw >= 0.0 && sw <= 1.0))
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "sw", "water content must be in [0, 1]", sw);
        if (!(sw0 >= 0.0 && sw0 <= 1.0))
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "dsw",
                                   "the start-of-day water content sw - dsw must be in [0, 1]", sw0);
    }
    return AGRO_OK;
}

static double total_n(const agro_soil_n_state *s)
{
    double t = 0.0;
    if (s->n_layers < 1 || s->n_layers > AGRO_SOIL_MAX_LAYERS) return NAN;
    for (int32_t i = 0; i < s->n_layers; i++)
        t += s->no3_kg_ha[i] + s->nh4_kg_ha[i] + s->org_n_kg_ha[i] + s->fom_n_kg_ha[i] +
             s->urea_kg_ha[i];
    return t;
}

/* The organic matter's net release NNOM of a layer meets its mineral pools (DSSAT SoilNi): a
   release goes to NH4; an immobilisation takes NH4 first, then NO3. Returns what the pools could
   not give (<= 0), which SoilNi carries to the next layer. */
static inline double nnom_meet_pools(double nnom, double *nh4, double *no3)
{
    if (nnom >= 0.0) {
        *nh4 += nnom;
        return 0.0;
    }
    double need = -nnom;
    const double from4 = need < *nh4 ? need : *nh4;
    *nh4 -= from4;
    need -= from4;
    const double from3 = need < *no3 ? need : *no3;
    *no3 -= from3;
    return -(need - from3);
}

/* The day's arguments present and their layer counts in agreement. */
static inline int n_args_check(agro_ctx *ctx, const agro_soil_n_params *p,
                               const agro_soil_water_params *wp, const agro_soil_water_state *ws,
                               const agro_soil_water_rates *wr, const agro_soil_n_state *s,
                               const agro_soil_n_drivers *d, const agro_soil_n_rates *r)
{
    if (p == NULL || wp == NULL || ws == NULL || wr == NULL || s == NULL || d == NULL ||
        r == NULL)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "soil_n", "NULL argument");
    const int32_t n = p->n_layers;
    if (n < 1 || n > AGRO_SOIL_MAX_LAYERS || s->n_layers != n || wp->n_layers != n ||
        ws->n_layers != n)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers",
                         "nitrogen, water params and water state disagree on layers");
    return AGRO_OK;
}

/* The N and water params of @p n layers in their ranges, the first value outside named. */
static int params_check(agro_ctx *ctx, const agro_soil_n_params *p,
                        const agro_soil_water_params *wp, int32_t n)
{
    if (!n_params_ok(p, n)) return check_n_params(ctx, p, n);
    return agro_soil_water_params_check(ctx, wp);
}

/* The members of a caller's state the public steps read, with their ranges: each layer's
   pools (and the fertiliser of the day, part of them) finite, >= 0 and at most the layer's
   soil mass (N_LAYER_MASS_PPM); the wet-day count finite and >= 0; the urea clock -1 (off) or
   0..21 d; the oxidised layer, read only once it is active, its pools as layer 1's, ALGACT
   0.05..1 and OXNI 0..1 (OXLAYER.for keeps them so), OXPH 0..14 and the days since the last
   fertiliser 0..1e9 (1e9 before any); the totals of the balance finite (agrosim's rule: a NaN
   total made agro_soil_n_balance_kg_ha NaN, a NaN ALGACT or OXNI, or a -inf oxidised pool,
   opened the balance by about 47 kg N/ha with AGRO_OK). */
#define N_STATE_LAYER_FIELD(f) #f, offsetof(agro_soil_n_state, f)
static const struct {
    const char *name;
    size_t offset; /* of a double[AGRO_SOIL_MAX_LAYERS] */
    int pool;      /* 1: at most the layer's soil mass; 0: finite */
} n_state_layer[] = {
    {N_STATE_LAYER_FIELD(no3_kg_ha), 1},       {N_STATE_LAYER_FIELD(nh4_kg_ha), 1},
    {N_STATE_LAYER_FIELD(urea_kg_ha), 1},      {N_STATE_LAYER_FIELD(org_n_kg_ha), 1},
    {N_STATE_LAYER_FIELD(org_c_kg_ha), 1},     {N_STATE_LAYER_FIELD(fom_n_kg_ha), 1},
    {N_STATE_LAYER_FIELD(fom_carb_kg_ha), 1},  {N_STATE_LAYER_FIELD(fom_cell_kg_ha), 1},
    {N_STATE_LAYER_FIELD(fom_lign_kg_ha), 1},  {N_STATE_LAYER_FIELD(no3_added_today), 1},
    {N_STATE_LAYER_FIELD(urea_added_today), 1}, {N_STATE_LAYER_FIELD(nh4_added_today), 1},
    {N_STATE_LAYER_FIELD(denit_wet_days), 0},
};
#define N_STATE_FIELD(f) #f, offsetof(agro_soil_n_state, f)
static const struct {
    const char *name;
    size_t offset; /* of a double */
    double lo, hi; /* hi < 0: layer 1's soil mass */
    int ox;        /* read only while the oxidised layer is active */
} n_state_scalar[] = {
    {N_STATE_FIELD(urea_age_d), -1.0, 21.0, 0},
    {N_STATE_FIELD(ox_urea_kg_ha), 0.0, -1.0, 1},
    {N_STATE_FIELD(ox_nh4_kg_ha), 0.0, -1.0, 1},
    {N_STATE_FIELD(ox_no3_kg_ha), 0.0, -1.0, 1},
    {N_STATE_FIELD(ox_algact), 0.05, 1.0, 1},
    {N_STATE_FIELD(ox_ni), 0.0, 1.0, 1},
    {N_STATE_FIELD(ox_ph), N_PH_MIN, N_PH_MAX, 1},
    {N_STATE_FIELD(ox_days_since_fert), 0.0, 1e9, 1},
    {N_STATE_FIELD(initial_kg_ha), -DBL_MAX, DBL_MAX, 0},
    {N_STATE_FIELD(cum_fertiliser_kg_ha), -DBL_MAX, DBL_MAX, 0},
    {N_STATE_FIELD(cum_mineralisation_kg_ha), -DBL_MAX, DBL_MAX, 0},
    {N_STATE_FIELD(cum_nitrification_kg_ha), -DBL_MAX, DBL_MAX, 0},
    {N_STATE_FIELD(cum_leaching_kg_ha), -DBL_MAX, DBL_MAX, 0},
    {N_STATE_FIELD(cum_uptake_kg_ha), -DBL_MAX, DBL_MAX, 0},
    {N_STATE_FIELD(max_abs_balance_error_kg_ha), -DBL_MAX, DBL_MAX, 0},
    {N_STATE_FIELD(cum_residue_dm_kg_ha), -DBL_MAX, DBL_MAX, 0},
    {N_STATE_FIELD(cum_residue_n_kg_ha), -DBL_MAX, DBL_MAX, 0},
    {N_STATE_FIELD(cum_immobilisation_kg_ha), -DBL_MAX, DBL_MAX, 0},
    {N_STATE_FIELD(cum_fom_decomposed_kg_ha), -DBL_MAX, DBL_MAX, 0},
    {N_STATE_FIELD(cum_denitrification_kg_ha), -DBL_MAX, DBL_MAX, 0},
    {N_STATE_FIELD(cum_hydrolysis_kg_ha), -DBL_MAX, DBL_MAX, 0},
    {N_STATE_FIELD(cum_om_unmet_kg_ha), -DBL_MAX, DBL_MAX, 0},
    {N_STATE_FIELD(cum_volatilisation_kg_ha), -DBL_MAX, DBL_MAX, 0},
};

static double n_state_value(const agro_soil_n_state *s, size_t offset, int32_t i)
{
    double v;
    memcpy(&v, (const char *)s + offset + (size_t)i * sizeof v, sizeof v);
    return v;
}

/* The first member of @p s outside its range (above), named with its layer, before anything
   changes; the oxidised layer's while it is active, or with @p ox_too. Only the public entries
   run it (the steps, n_event_check): the field's state is its own step's to keep. */
static int n_state_check(agro_ctx *ctx, const agro_soil_n_params *p, const agro_soil_n_state *s,
                         int32_t n, int ox_too)
{
    for (int32_t i = 0; i < n; i++) {
        const double mass = N_LAYER_MASS_PPM * p->kg_ha_per_ppm[i];
        for (size_t k = 0; k < sizeof n_state_layer / sizeof n_state_layer[0]; k++) {
            const double v = n_state_value(s, n_state_layer[k].offset, i);
            const double hi = n_state_layer[k].pool ? mass : DBL_MAX;
            if (v >= 0.0 && v <= hi) continue;
            if (n_state_layer[k].pool)
                return agro_fail(ctx, agro_range_status(v), NULL, 0, NULL,
                                 "layer %d %s: state must be finite, >= 0 and at most the layer's "
                                 "soil mass, %g kg/ha (%g)",
                                 (int)i + 1, n_state_layer[k].name, mass, v);
            return agro_fail_layer_range(ctx, i, n_state_layer[k].name,
                                         "state must be finite and >= 0", v);
        }
    }
    /* the flags: ox_active 0 or 1 (UNINCO; 2 ran as set), ox_fert_type a FERCH048 number
       0..999 as agro_soil_n_fertilise_surface takes FMCD (-1 or 1000 ran as a material no
       SELECT CASE FERTYPE of OXLAYER.for lists) */
    if (s->ox_active != 0 && s->ox_active != 1)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "ox_active", "state flag must be 0 or 1 (%d)",
                         (int)s->ox_active);
    if (s->ox_fert_type < 0 || s->ox_fert_type > 999)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "ox_fert_type",
                         "state fertiliser material must be in [0, 999] (%d)", (int)s->ox_fert_type);
    const double mass1 = N_LAYER_MASS_PPM * p->kg_ha_per_ppm[0];
    for (size_t k = 0; k < sizeof n_state_scalar / sizeof n_state_scalar[0]; k++) {
        if (n_state_scalar[k].ox && !s->ox_active && !ox_too) continue;
        const double v = n_state_value(s, n_state_scalar[k].offset, 0);
        const double lo = n_state_scalar[k].lo;
        const double hi = n_state_scalar[k].hi < 0.0 ? mass1 : n_state_scalar[k].hi;
        if (v >= lo && v <= hi) continue;
        if (hi == DBL_MAX)
            return agro_fail(ctx, AGRO_ENUMERIC, NULL, 0, n_state_scalar[k].name,
                             "state total must be finite (%g)", v);
        return agro_fail(ctx, agro_range_status(v), NULL, 0, n_state_scalar[k].name,
                         "state must be in [%g, %g]%s (%g)", lo, hi,
                         n_state_scalar[k].hi < 0.0 ? " kg/ha, layer 1's soil mass" : "", v);
    }
    return AGRO_OK;
}

/* A public entry's arguments, then its caller's params every day (one branch-free pass, named
   only on failure) and the water params the factors and NFLUX divide by (DUL − AD, SAT − DUL,
   SAT, DUL, the thickness in mm: out of range they gave infinite factors that the clamps hid,
   or moved all of a layer's NO3). The field's internal entry takes the params it made with
   agro_soil_n_params_from_profile and agro_soil_water_params_from_profile, inside these ranges;
   checked here, outside the day's body, the check costs that entry nothing. */
static int public_args_check(agro_ctx *ctx, const agro_soil_n_params *p,
                             const agro_soil_water_params *wp, const agro_soil_water_state *ws,
                             const agro_soil_water_rates *wr, const agro_soil_n_state *s,
                             const agro_soil_n_drivers *d, const agro_soil_n_rates *r)
{
    int st = n_args_check(ctx, p, wp, ws, wr, s, d, r);
    if (!st) st = params_check(ctx, p, wp, p->n_layers);
    return st ? st : n_state_check(ctx, p, s, p->n_layers, 0);
}

/* The day's step. @p clear: zero the whole rates struct first (public entry); 0: write only
   the entries of the n layers and the totals (internal entry, nitrogen_internal.h), which
   leaves the same contents when @p r was zeroed once and is only filled by this function. */
/* @p om: the day's CENTURY mineral flows (agro_century_step) instead of the CERES fresh
   organic matter and humus of this state (NULL: CERES). Inlined three times by n_step, once
   with constant NULLs, so the CERES day pays nothing for the CENTURY, tillage and
   Suleiman-Ritchie branches. */
__attribute__((always_inline)) static inline int
n_step_body(agro_ctx *ctx, const agro_soil_n_params *p, const agro_soil_water_params *wp,
            const agro_soil_water_state *ws, const agro_soil_water_rates *wr, agro_soil_n_state *s,
            const agro_soil_n_drivers *d, agro_soil_n_rates *r, int clear,
            const agro_soil_n_consts *k, const agro_century_rates *om,
            const agro_soil_n_premix *pm, const double *up_top)
{
    /* (the public entries checked the params too: public_args_check) */
    const int args = n_args_check(ctx, p, wp, ws, wr, s, d, r);
    if (args) return args;
    const int32_t n = p->n_layers;
    /* fast pass: a sum is non-finite whenever one of its terms is (NaN, ±inf, inf − inf), so
       one sum tells whether everything is finite (finite values whose sum overflows only send
       the day to the detailed pass, which then finds nothing), and running minima/maxima
       (branch-free) give the ranges; the detailed pass below runs only when something is
       wrong, to name it */
    double fin = 0.0, tlo = 80.0, thi = -60.0, ulo = 0.0;
    for (int32_t i = 0; i < n; i++) {
        const double t = d->soil_temp_C[i], u3 = d->uptake_no3_kg_ha[i],
                     u4 = d->uptake_nh4_kg_ha[i], fx = wr->flux_mm[i], sw = ws->sw[i];
        fin += (t + u3) + (u4 + fx) + sw;
        tlo = t < tlo ? t : tlo;
        thi = t > thi ? t : thi;
        ulo = u3 < ulo ? u3 : ulo;
        ulo = u4 < ulo ? u4 : ulo;
    }
    /* the oxidised layer's weather (read only while it is active, checked always) */
    const double ox_in[6] = {d->srad_MJ_m2_d, d->tmax_C, d->tmin_C, d->lai, d->surface_albedo,
                             d->soil_evap_mm};
    static const char *const ox_name[6] = {"srad_MJ_m2_d", "tmax_C", "tmin_C", "lai",
                                           "surface_albedo", "soil_evap_mm"};
    static const double ox_lo[6] = {0.0, -60.0, -60.0, 0.0, 0.0, 0.0};
    static const double ox_hi[6] = {60.0, 70.0, 70.0, 30.0, 1.0, 50.0};
    for (int j = 0; j < 6; j++)
        if (!(ox_in[j] >= ox_lo[j] && ox_in[j] <= ox_hi[j]))
            return agro_fail(ctx, agro_range_status(ox_in[j]), NULL, 0,
                             ox_name[j], "must be in [%g, %g] (%g)", ox_lo[j], ox_hi[j], ox_in[j]);
    const int bad = !(fin - fin == 0.0) | !(tlo >= -60.0) | !(thi <= 80.0) | !(ulo >= 0.0);
    for (int32_t i = 0; bad && i < n; i++) {
        double t = d->soil_temp_C[i];
        if (!isfinite(t) || t < -60.0 || t > 80.0)
            return agro_fail_layer_range(ctx, i, "soil_temp_C",
                                         "soil temperature must be in [-60, 80] C", t);
        if (!isfinite(d->uptake_no3_kg_ha[i]) || d->uptake_no3_kg_ha[i] < 0.0)
            return agro_fail_layer_range(ctx, i, "uptake_no3_kg_ha",
                                         "must be finite and >= 0", d->uptake_no3_kg_ha[i]);
        if (!isfinite(d->uptake_nh4_kg_ha[i]) || d->uptake_nh4_kg_ha[i] < 0.0)
            return agro_fail_layer_range(ctx, i, "uptake_nh4_kg_ha",
                                         "must be finite and >= 0", d->uptake_nh4_kg_ha[i]);
        if (!isfinite(wr->flux_mm[i]))
            return agro_fail_layer(ctx, AGRO_ENUMERIC, i, "flux_mm", "non-finite water flux",
                                   wr->flux_mm[i]);
        if (!isfinite(ws->sw[i]))
            return agro_fail_layer(ctx, AGRO_ENUMERIC, i, "sw", "non-finite water content",
                                   ws->sw[i]);
    }
    /* the public entries (clear) also check the upward flow and the day's change of SW
       (NFLUX's UPFLOW, start-of-day SW) and the water contents' range, after the checks above
       so that what they refused keeps its message; the field's internal entry takes the
       state and rates of its own water step, which refuses a non-finite dsw (a non-finite
       upflow makes flux and dsw non-finite) and keeps SW between air dry and saturation */
    if (clear) {
        const int wrc = check_water(ctx, ws, wr, n);
        if (wrc) return wrc;
    }
    if (clear) memset(r, 0, sizeof *r);
    agro_soil_n_consts k_local;
    if (!k) {
        agro_soil_n_consts_init(p, wp, &k_local);
        k = &k_local;
    }
    double no3[AGRO_SOIL_MAX_LAYERS], nh4[AGRO_SOIL_MAX_LAYERS], org[AGRO_SOIL_MAX_LAYERS];
    double fc[AGRO_SOIL_MAX_LAYERS], fe[AGRO_SOIL_MAX_LAYERS], fl[AGRO_SOIL_MAX_LAYERS];
    double fon[AGRO_SOIL_MAX_LAYERS];
    double urea[AGRO_SOIL_MAX_LAYERS], orgc[AGRO_SOIL_MAX_LAYERS], lag[AGRO_SOIL_MAX_LAYERS];
    /* fc, fe, fl, fon: the fresh organic matter pools, copied from the state for every layer
       and changed in the layers holding FOM_MIN or more; all are written back (the others
       unchanged) */
    /* the N at the start of the day (total_n's sum, term by term in the same order), in the
       pass that copies the pools */
    double before = 0.0;
    /* day totals in locals (same order of additions as before: same bits) */
    double tot_uptake = 0.0, tot_immob = 0.0, tot_fom = 0.0, tot_min = 0.0, tot_nit = 0.0;
    double tot_hyd = 0.0, tot_den = 0.0;
    /* urea hydrolyses while urea_age_d is in [0, 21) (DSSAT IUON); 21 days after the last urea
       application the urea left becomes NH4 at once (DSSAT SOILNI.for, DOY = IUOF), and no
       urea is active from then on */
    const int urea_flush = s->urea_age_d >= UREA_DAYS;
    const int urea_on = s->urea_age_d >= 0.0 && !urea_flush;
    /* the urea pools change only on those days (otherwise they are empty, or hold what a
       caller put there outside agro_soil_n_fertilise_urea, which waits for a urea event) */
    const int urea_act = urea_on || urea_flush;
    for (int32_t i = 0; i < n; i++) {
        before += s->no3_kg_ha[i] + s->nh4_kg_ha[i] + s->org_n_kg_ha[i] + s->fom_n_kg_ha[i] +
                  s->urea_kg_ha[i];
        no3[i] = s->no3_kg_ha[i];
        nh4[i] = s->nh4_kg_ha[i];
        org[i] = s->org_n_kg_ha[i];
    }
    if (urea_act)
        for (int32_t i = 0; i < n; i++) urea[i] = s->urea_kg_ha[i];
    /* the day's urea pools: the locals when they change, else the state's */
    const double *urea_now = urea_act ? urea : s->urea_kg_ha;
    /* CENTURY: net mineralisation carried down while a layer cannot meet its immobilisation,
       and the net N the organic matter releases (+) or takes (−) in all */
    double om_carry = 0.0, om_net = 0.0;
    /* the oxidised surface layer of fertiliser left on the surface (DSSAT OXLAYER.for, every
       day once UNINCO is set; lib/soil/oxlayer.c) */
    agro_ox_result oxr = {0};
    const int ox_on = s->ox_active != 0;
    /* nitrification's temperature factor TFACTOR = exp(21.4 − 6572/(ST + 273)) (SOILNI.for),
       in its own pass: it reads only the driver ST, and out of the layer loop below its libm
       calls run back to back instead of on that loop's long chains */
    double tfac_nit[AGRO_SOIL_MAX_LAYERS];
    for (int32_t i = 0; i < n; i++)
        tfac_nit[i] = exp(NITRIF_T_A - NITRIF_T_B / (d->soil_temp_C[i] + 273.0));

    for (int32_t i = 0; i < n; i++) {
        /* the mineral N the fresh organic matter reads (DSSAT SoilOrg.for 07c41ff SNH4NO3 =
           NO3/KG2PPM + NH4/KG2PPM, at least 0): SOIL.for runs SoilOrg before SoilNi, on the
           NO3/NH4 of SoilNi's last INTEGR, so before SoilNi's RATE takes yesterday's plant
           uptake out and adds the day's fertiliser to DLTSNO3/DLTSNH4 (SOILNI.for 7841e3c).
           Here: the pools before the drivers' uptake leaves, plus what the field's
           agro_soil_n_remove_uptake_unchecked took out since the last step (r's uptake
           entries, before this step writes them; 0 after the public entries' clear), less the
           fertiliser applied since the last step */
        double om_min = no3[i] + nh4[i] + r->uptake_no3[i] + r->uptake_nh4[i] -
                        s->no3_added_today[i] - s->nh4_added_today[i];
        /* a tillage day: the mineral N before the mixing (SoilOrg runs before SoilNi mixes,
           docs/design/tillage.md §3.7) */
        if (pm) om_min = pm->om_min[i];
        if (om_min < 0.0) om_min = 0.0;
        /* crop uptake, clipped to the pools */
        /* (comparisons instead of fmin: the operands are finite, checked above) */
        const double u3 = d->uptake_no3_kg_ha[i] < no3[i] ? d->uptake_no3_kg_ha[i] : no3[i];
        const double u4 = d->uptake_nh4_kg_ha[i] < nh4[i] ? d->uptake_nh4_kg_ha[i] : nh4[i];
        no3[i] -= u3;
        nh4[i] -= u4;
        r->uptake_no3[i] = u3;
        r->uptake_nh4[i] = u4;
        tot_uptake += u3 + u4;
        /* layer 1: the oxidised layer first, after the fertiliser and the uptake, before the
           hydrolysis, mineralisation and nitrification of the layer (DSSAT SOILNI.for calls
           OXLAYER before its layer loop), with start-of-day SW1 */
        if (i == 0 && ox_on) {
            double u1 = urea_act ? urea[0] : 0.0;
            agro_ox_step(&k->ox, s, d, ws->sw[0] - wr->dsw[0], d->soil_temp_C[0], &u1, &nh4[0],
                         &no3[0], &oxr);
            if (urea_act) urea[0] = u1;
        }

        /* the water content at the start of the day: DSSAT's SoilOrg and SoilNi (with OXLAYER
           and Denit_Ceres) run in SOIL's RATE after WATBAL's RATE, which leaves SW as the
           previous day's integration left it (SOIL.for 07c41ff, WATBAL.for 0b7c8bb) */
        const double sw = ws->sw[i] - wr->dsw[i];
        const double wf = water_factor(sw, k->wf_ad[i], wp->dul[i], k->wf_inv_dry[i],
                                      k->wf_half_inv_wet[i]);
        /* temperature factor TFSOM = (ST − 5)/30 in [0, 1] (DSSAT SoilOrg.for) */
        double tf = (d->soil_temp_C[i] - 5.0) * (1.0 / 30.0);
        if (tf < 0.0) tf = 0.0;
        if (tf > 1.0) tf = 1.0;

        /* fresh organic matter decomposition (DSSAT SoilOrg.for, Godwin & Jones 1991) */
        double fom_release = 0.0, immob = 0.0, net_min = 0.0;
        const double org_start = org[i];
        fon[i] = s->fom_n_kg_ha[i];
        fc[i] = s->fom_carb_kg_ha[i];
        fe[i] = s->fom_cell_kg_ha[i];
        fl[i] = s->fom_lign_kg_ha[i];
        const double fom = fc[i] + fe[i] + fl[i];
        double fom_decomposed = 0.0, fom_frac = 0.0, fom_n_dec = 0.0;
        if (!om && fom >= FOM_MIN) {
            const double mineral = om_min;
            /* C:N of the residue counting the layer's mineral N, CNR = 0.4·FOM/(FON + N) */
            const double cnr = fon[i] + mineral > 1e-6 ? FOM_C_FRAC * fom / (fon[i] + mineral)
                                                       : CRIT_CN;
            /* C:N factor CNRF = min(1, exp(−0.693·(CNR − 25)/25)) (Godwin & Jones 1991); the
               exponential is below 1 only when CNR > 25 */
            const double cnrf = cnr > CRIT_CN ? exp(-0.693 * (cnr - CRIT_CN) / CRIT_CN) : 1.0;
            /* DECFACT = TFSOM·WFSOM·CNRF (DSSAT SoilOrg.for) */
            double decfact = tf * wf * cnrf;
            /* decomposing fraction of the whole FOM, summed over the three pools */
            double fomfrac = decfact * (fc[i] * p->fom_rate_carb_d + fe[i] * p->fom_rate_cell_d +
                                        fl[i] * p->fom_rate_lign_d) / fom;
            /* immobilisation IMMOB = FOMFRAC·FOM·(REQN − FON/FOM) when the residue holds less
               than 2 % N, limited to the mineral N present, which then slows decay */
            immob = fomfrac * fom * (REQN - fon[i] / fom);
            if (immob < 0.0) immob = 0.0;
            if (immob > mineral) {
                const double red = immob > 0.0 ? mineral / immob : 0.0;
                immob = mineral;
                fomfrac *= red;
                decfact *= red;
            }
            const double d1 = fc[i] * decfact * p->fom_rate_carb_d;
            const double d2 = fe[i] * decfact * p->fom_rate_cell_d;
            const double d3 = fl[i] * decfact * p->fom_rate_lign_d;
            fc[i] -= d1;
            fe[i] -= d2;
            fl[i] -= d3;
            tot_fom += d1 + d2 + d3;
            fom_decomposed = d1 + d2 + d3;
            /* FON loses FOMFRAC·FON and gains the immobilised N; 20 % of the decomposed FON
               goes to humus, 80 % to NH4 (DSSAT SoilOrg.for DLTNI1, DLTNI2) */
            const double decomposed_n = fomfrac * fon[i];
            fom_frac = fomfrac;
            fom_n_dec = decomposed_n;
            fon[i] += immob - decomposed_n;
            if (fon[i] < 0.0 && fon[i] > -1e-12) fon[i] = 0.0;
            org[i] += FOM_TO_HUMUS * decomposed_n;
            fom_release = (1.0 - FOM_TO_HUMUS) * decomposed_n;
        }
        r->immobilisation[i] = immob;
        tot_immob += immob;

        /* moisture factor of humus decay CMF = WFSOM + 0.25 in [0, 1] where the layer holds
           fresh organic matter, 1 where it holds none (FOM < 1E-3 kg/ha), and pH factor
           PHMIN = pH/3 − 1.1 in [0, 1] (DSSAT-CSM 4.8 SoilOrg.for, from the RICE model) */
        /* the soil organic C that drives urea hydrolysis and denitrification: the humus C, or
           CENTURY's SOM C of the start of the day (DSSAT SSOMC) */
        const double orgc0 = om ? om->som_c[i + 1] : s->org_c_kg_ha[i];
        if (!om) {
            const double cmf = fom < FOM_NONE ? 1.0 : (wf + 0.25 > 1.0 ? 1.0 : wf + 0.25);
            const double phmin = k->ph_min[i];
            /* humus mineralisation HUMFRAC = DMINR·TFSOM·CMF·DMOD·PHMIN of the organic pool,
               DMOD = SLNF (Godwin & Jones 1991; DSSAT SoilOrg.for) */
            /* of the humus N at the start of the day, SSOME (DLTNI2 = −HUMFRAC·SSOME + 0.2·
               FOMFRAC·FON, SoilOrg.for 07c41ff): not of the N the FOM gives it today */
            double mn = org_start * p->humus_min_rate_d * tf * cmf * phmin * p->mineralisation_factor;
            if (mn > org[i]) mn = org[i];
            org[i] -= mn;
            mn += fom_release;
            net_min = mn - immob;
            r->mineralisation[i] = mn;
            tot_min += mn;
            /* humus C: loses HUMFRAC of itself and gains 20 % of the decomposed FOM C (FOMCFrac
               0.4 of the dry matter): DLTHUMC = −HUMFRAC·SSOMC + 0.2·0.4·DLTFOM (SoilOrg.for) */
            const double humfrac = p->humus_min_rate_d * tf * cmf * phmin * p->mineralisation_factor;
            orgc[i] = orgc0 - humfrac * orgc0 + FOM_TO_HUMUS * FOM_C_FRAC * fom_decomposed;
            r->fom_frac[i] = fom_frac;
            r->humus_frac[i] = humfrac;
        } else {
            orgc[i] = s->org_c_kg_ha[i];
            r->fom_frac[i] = r->humus_frac[i] = 0.0;
        }
        r->fom_n_decomposed[i] = fom_n_dec;

        /* urea hydrolysis (DSSAT SOILNI.for) */
        double uh = 0.0;
        if (!urea_act) {
            /* nothing hydrolyses */
        } else if (urea_flush) {
            uh = urea[i]; /* 21 days on: "all the urea has hydrolyzed already" (IUOF) */
        } else if (urea[i] > 0.0) {
            /* rate constant AK = −1.12 + 1.31·OC + 0.203·pH − 0.155·OC·pH, OC = SSOMC·1E-4·
               KG2PPM %, at least 0.25 /d (DSSAT SOILNI.for) */
            const double oc = orgc0 * k->oc_pct_per_kg_c[i], ph = p->ph[i];
            double ak = -1.12 + 1.31 * oc + 0.203 * ph - 0.155 * oc * ph;
            if (ak < UREA_AK_MIN) ak = UREA_AK_MIN;
            /* water factor WFUREA = WFSOM + 0.2 and temperature factor TFUREA = ST/40 + 0.2,
               both in [0, 1] (DSSAT SOILNI.for) */
            double wfu = wf + 0.2;
            if (wfu > 1.0) wfu = 1.0;
            double tfu = d->soil_temp_C[i] * (1.0 / 40.0) + 0.2;
            if (tfu < 0.0) tfu = 0.0;
            if (tfu > 1.0) tfu = 1.0;
            /* UHYDR = AK·min(WFUREA, TFUREA)·UREA, at most the urea present */
            uh = ak * (wfu < tfu ? wfu : tfu) * urea[i];
            if (uh > urea[i]) uh = urea[i];
        }
        if (urea_act) {
            urea[i] -= uh;
            nh4[i] += uh;
        }
        r->hydrolysis[i] = uh;
        tot_hyd += uh;

        /* the organic matter's net release NNOM = mineralisation − immobilisation of the layer
           (SoilOrg.for 07c41ff: NNOM = −DLTNI1 − DLTNI2), after the urea hydrolysis (SOILNI.for
           7841e3c): a release goes to NH4; a net immobilisation takes NH4 first, then NO3. (It
           reads the mineral N of the end of the previous day, which may exceed what the pools
           hold now: SoilNi then takes what NH4 and NO3 can give and carries the rest of NNOM to
           the next layer, as for CENTURY below; what no layer can give is counted in
           om_unmet_immobilisation_kg_ha.) SoilNi's test of the NO3 counts the day's fertiliser
           NO3 twice (SNO3_AVAIL + DLTSNO3, SNO3_AVAIL = SNO3 + DLTSNO3) and then overdraws NO3,
           which NCHECK_inorg sets back to 0, making N: not reproduced (docs/model.md §5.4). */
        if (!om) om_carry = nnom_meet_pools(om_carry + net_min, &nh4[i], &no3[i]);

        if (om) {
            /* CENTURY's net mineralisation (DSSAT SoilNi NNOM): the surface acts on layer 1; a
               release goes to NH4; an immobilisation takes NH4 first, then NO3, and what the
               layer cannot meet moves to the next layer. (SoilNi's test of the NO3 counts the
               day's NO3 change twice, century_daily.md Q20; here each pool gives what it
               holds, which differs only on a day of fertiliser NO3 and a large demand.) */
            const double mnr = om->mineralised_n[i + 1] + (i == 0 ? om->mineralised_n[0] : 0.0);
            const double imm = om->immobilised_n[i + 1] + (i == 0 ? om->immobilised_n[0] : 0.0);
            om_net += mnr - imm;
            om_carry = nnom_meet_pools(om_carry + mnr - imm, &nh4[i], &no3[i]);
            r->mineralisation[i] = mnr;
            r->immobilisation[i] = imm;
            tot_min += mnr;
            tot_immob += imm;
        }

        /* nitrification, first order in the day's starting NH4 (Gilmour 1984; DSSAT-CSM 4.8
           SOILNI.for): NFAC = TFACTOR·WF2·PHFACT in [0, 1], at most the NH4 left now. The
           starting NH4 is NH4(L) = SNH4·KG2PPM, set after the previous day's uptake leaves
           SNH4 and before the day's fertiliser goes to DLTSNH4 (SOILNI.for 7841e3c RATE,
           NITRIFppm = NFAC·NH4(L)): the day's fertiliser NH4 nitrifies from the next day */
        const double kpp = p->kg_ha_per_ppm[i], st = d->soil_temp_C[i];
        /* (a tillage day: NH4(L) was set before SoilMix mixed SNH4, quirk Q22 of
           docs/design/tillage.md) */
        const double nh4_0 = pm ? pm->nh4[i] : s->nh4_kg_ha[i] - r->uptake_nh4[i] - s->nh4_added_today[i];
        double nit = 0.0;
        if (nh4_0 > 0.0) {
            /* WF2 of the water-filled pore fraction WFPL = SW/SAT: 2.55 − 2.5·WFPL above DUL,
               else 1 above WFPL 0.4 and 3.15·WFPL − 0.1 below, in [0, 1] */
            const double wfpl = sw * k->inv_sat[i];
            double wf2 = sw > wp->dul[i] ? 2.55 - 2.5 * wfpl : (wfpl > 0.4 ? 1.0 : 3.15 * wfpl - 0.1);
            if (wf2 < 0.0) wf2 = 0.0;
            if (wf2 > 1.0) wf2 = 1.0;
            double nfac = tfac_nit[i] * wf2 * k->ph_nitrif[i];
            if (nfac > 1.0) nfac = 1.0;
            nit = nfac * nh4_0;
            if (nit > nh4[i]) nit = nh4[i];
        }
        nh4[i] -= nit;
        no3[i] += nit;
        r->nitrification[i] = nit;
        tot_nit += nit;

        /* denitrification (DSSAT Denit_Ceres.for; Godwin & Jones 1991): only with NO3 above
           0.01 ppm, SW > DUL and ST >= 5 °C, counted in consecutive days DLAG; from the 5th
           such day on, 6·10⁻⁴·CW·NO3·WFDENIT·TFDENIT of the day's starting NO3 */
        /* NO3(L) = SNO3·KG2PPM after the previous day's uptake, without the day's fertiliser
           (in DLTSNO3): Denit_Ceres.for 31dd1f3 reads it for the 0.01 ppm test and the rate,
           and caps the loss at SNO3 + min(DLTSNO3, 0) */
        /* SNO3 of the cap: on a tillage day the mixed pool, as SoilMix has integrated the day's
           fertiliser into it and set DLTSNO3 to 0 (SoilMixing.for cdb6f534), so the cap is the
           mixed SNO3 + min(the day's later changes, 0); the state holds it, its added_today
           marks cleared by the mixing (Q22: the 0.01 ppm test and the rate read the pre-mixing
           NO3(L)) */
        const double sno3 = s->no3_kg_ha[i] - r->uptake_no3[i] - s->no3_added_today[i];
        const double no3_0 = pm ? pm->no3[i] : sno3;
        double den = 0.0;
        lag[i] = 0.0; /* DLAG reset when a condition fails (REVISED-US) */
        if (no3_0 > DENIT_NO3_MIN_PPM * kpp && sw > wp->dul[i] && st >= DENIT_ST_MIN_C) {
            /* WFDENIT = 1 − (SAT − SW)/(SAT − DUL) in [0, 1]; DLAG counts the days it is > 0
               (1/(SAT − DUL) = 2·wf_half_inv_wet exactly) */
            double wfd = 1.0 - (wp->sat[i] - sw) * (2.0 * k->wf_half_inv_wet[i]);
            if (wfd > 1.0) wfd = 1.0;
            if (wfd > 0.0) lag[i] = s->denit_wet_days[i] + 1.0;
            if (lag[i] >= DENIT_LAG_D) {
                /* TFDENIT = 0.1·exp(0.046·ST) in [0, 1] */
                double tfd = 0.1 * exp(0.046 * st);
                if (tfd > 1.0) tfd = 1.0;
                /* water-soluble C, ppm: CW = 24.5 + 0.0031·(SSOMC + 0.2·LITC)·KG2PPM, LITC =
                   0.4·FOM the litter C, both at the start of the day */
                const double litc = om ? om->litter_c[i + 1] : FOM_C_FRAC * fom;
                const double cw = DENIT_CW0_PPM + (orgc0 + DENIT_LITC_FRAC * litc) * k->denit_cw_per_kg_c[i];
                den = DENIT_RATE * cw * no3_0 * wfd * tfd;
                /* at most the NO3 left after the day's other removals, SNO3 + min(DLTSNO3, 0) */
                const double avail = no3[i] < sno3 ? no3[i] : sno3;
                if (den > avail) den = avail;
                if (den < 0.0) den = 0.0;
                no3[i] -= den;
            }
        }
        r->denitrification[i] = den;
        tot_den += den;
    }
    r->uptake_kg_ha = tot_uptake;
    r->immobilisation_kg_ha = tot_immob;
    r->fom_decomposed_kg_ha = tot_fom;
    r->mineralisation_kg_ha = tot_min;
    r->nitrification_kg_ha = tot_nit;
    r->hydrolysis_kg_ha = tot_hyd;
    r->denitrification_kg_ha = tot_den;
    r->volatilisation_kg_ha = oxr.volatilised;
    r->ox_hydrolysis_kg_ha = oxr.hydrolysed;
    r->ox_nitrification_kg_ha = oxr.nitrified;

    /* NO3 moves with the net water flux across each boundary, the mobile fraction being
       flux/(water held + flux) of the solution NO3 of the source layer (CERES NFLUX,
       Godwin & Jones 1991); only FRAC_SOLN = 1/(1 + BD·ADCOEF/DUL) of the layer's NO3 is in
       solution, the rest is adsorbed (DSSAT NFLUX.for, Bowen et al. 1993). */
    /* Urea moves the same way while it is active, all of it in solution (DSSAT NFLUX.for,
       NSOURCE = 1: FRAC_SOLN = 1). */
    const double *soln = k->no3_soln;
    {
        /* DSSAT NFLUX.for: saturated drainage DRN carries NTEMP = NORIG + NDOWN_SAT of the layer
           above, unsaturated flow UPFLOW carries NORIG; each layer's outflow is limited to
           NORIG + min(DLTN, 0), NORIG being the layer's N at the start of the day (after the
           uptake, before the day's other changes DLTN), with SW of the start of the day */
        /* the flows down out of layer i at index i + 1 of nd3/ndu (index 0: nothing comes in
           from above the profile), the flows up out of layer i at index i of nu3/nuu (index
           n: nothing comes up from below it), so the application below reads its neighbours
           without a test; the zeros are the 0.0 the tests gave */
        double nd3_[AGRO_SOIL_MAX_LAYERS + 1], nu3[AGRO_SOIL_MAX_LAYERS + 1];
        double ndu_[AGRO_SOIL_MAX_LAYERS + 1], nuu[AGRO_SOIL_MAX_LAYERS + 1];
        double *const nd3 = nd3_ + 1, *const ndu = ndu_ + 1;
        nd3[-1] = ndu[-1] = nu3[n] = nuu[n] = 0.0;
        double sat3 = 0.0, satu = 0.0;
        for (int32_t i = 0; i < n; i++) {
            /* DRN (saturated, down) and UPFLOW (unsaturated, + up) across the bottom of the
               layer; a net flux given without its UPFLOW counts as unsaturated flow. With
               @p up_top (Suleiman-Ritchie), UPFLOW is instead the flow up out of the layer
               across its top: ESR_SoilEvap.for's UPFLOW(L), the water leaving L for L - 1, which
               NFLUX.for reads in the same place as UP_FLOW's flow from L + 1 into L */
            const double net_sat = wr->flux_mm[i] + wr->upflow_mm[i];
            const double drn = net_sat > 0.0 ? net_sat : 0.0;
            const double up = up_top ? up_top[i] : wr->upflow_mm[i] - (net_sat < 0.0 ? net_sat : 0.0);
            if (drn == 0.0 && up == 0.0) {
                /* nothing crosses the bottom of the layer: NFLUX's flows are 0 (the drainage
                   carried into the layer below is 0 as well), as nflux_layer gives them */
                sat3 = satu = 0.0;
                nd3[i] = nu3[i] = ndu[i] = nuu[i] = 0.0;
                continue;
            }
            const double held = (ws->sw[i] - wr->dsw[i]) * wp->thickness_mm[i];
            const double norig = s->no3_kg_ha[i] - r->uptake_no3[i] - s->no3_added_today[i];
            nflux_layer(norig, no3[i], soln[i], held, drn, up, i == 0, &sat3, &nd3[i], &nu3[i]);
            ndu[i] = nuu[i] = 0.0;
            if (urea_on) /* all of the urea is in solution (NSOURCE = 1: FRAC_SOLN = 1) */
                nflux_layer(s->urea_kg_ha[i] - s->urea_added_today[i], urea[i], 1.0, held, drn, up,
                            i == 0, &satu, &ndu[i], &nuu[i]);
        }
        for (int32_t i = 0; i < n; i++) {
            no3[i] += -nd3[i] - nu3[i] + nd3[i - 1] + nu3[i + 1];
            if (urea_on) urea[i] += -ndu[i] - nuu[i] + ndu[i - 1] + nuu[i + 1];
            r->no3_flux[i] = nd3[i] - nu3[i + 1];
            r->urea_flux[i] = ndu[i] - nuu[i + 1];
        }
    }
    /* leaching: NO3 and urea out of the bottom (DSSAT NFLUX adds both to TLeachD) */
    r->leaching_kg_ha = (r->no3_flux[n - 1] > 0.0 ? r->no3_flux[n - 1] : 0.0) +
                        (r->urea_flux[n - 1] > 0.0 ? r->urea_flux[n - 1] : 0.0);

    /* the pools finite and >= 0 (org, orgc: finite), one branch-free pass, the naming loop below
       only on failure. Finite: a sum is non-finite whenever one of its terms is (NaN, ±inf,
       inf − inf), so the balance sum `after` tests NO3, NH4, humus N, FON and urea, and `cfin`
       humus C and the FOM pools, at one addition a pool; finite pools whose sum overflows only
       send the day to the naming loop, which finds nothing */
    double after = 0.0, cfin = 0.0, plo = 0.0;
    for (int32_t i = 0; i < n; i++) {
        if (no3[i] < 0.0 && no3[i] > -1e-12) no3[i] = 0.0;
        if (nh4[i] < 0.0 && nh4[i] > -1e-12) nh4[i] = 0.0;
        if (urea_act && urea[i] < 0.0 && urea[i] > -1e-12) urea[i] = 0.0;
        const double u = urea_now[i];
        cfin += orgc[i] + fc[i] + fe[i] + fl[i];
        plo = no3[i] < plo ? no3[i] : plo;
        plo = nh4[i] < plo ? nh4[i] : plo;
        plo = fon[i] < plo ? fon[i] : plo;
        plo = u < plo ? u : plo;
        plo = fc[i] < plo ? fc[i] : plo;
        plo = fe[i] < plo ? fe[i] : plo;
        plo = fl[i] < plo ? fl[i] : plo;
        after += no3[i] + nh4[i] + org[i] + fon[i] + u;
    }
    const int badpool = !(after - after == 0.0) | !(cfin - cfin == 0.0) | !(plo >= 0.0);
    for (int32_t i = 0; badpool && i < n; i++) {
        /* name the first bad pool by its state field, with its value */
        const double v[9] = {no3[i], nh4[i], urea_now[i], fon[i], fc[i], fe[i], fl[i], org[i], orgc[i]};
        static const char *const name[9] = {"no3_kg_ha", "nh4_kg_ha", "urea_kg_ha", "fom_n_kg_ha",
                                            "fom_carb_kg_ha", "fom_cell_kg_ha", "fom_lign_kg_ha",
                                            "org_n_kg_ha", "org_c_kg_ha"};
        for (int j = 0; j < 9; j++)
            if (!isfinite(v[j]) || (j < 7 && v[j] < 0.0)) /* humus N and C: finite */
                return agro_fail_layer(ctx, AGRO_ENUMERIC, i, name[j],
                                       isfinite(v[j]) ? "pool would end the day negative"
                                                      : "pool would end the day non-finite",
                                       v[j]);
    }
    for (int32_t i = 0; i < n; i++) {
        s->no3_kg_ha[i] = no3[i];
        s->nh4_kg_ha[i] = nh4[i];
        s->org_n_kg_ha[i] = org[i];
        s->org_c_kg_ha[i] = orgc[i];
        s->denit_wet_days[i] = lag[i];
        s->no3_added_today[i] = s->urea_added_today[i] = s->nh4_added_today[i] = 0.0;
        s->fom_carb_kg_ha[i] = fc[i];
        s->fom_cell_kg_ha[i] = fe[i];
        s->fom_lign_kg_ha[i] = fl[i];
        s->fom_n_kg_ha[i] = fon[i];
    }
    if (urea_act)
        for (int32_t i = 0; i < n; i++) s->urea_kg_ha[i] = urea[i];
    s->cum_mineralisation_kg_ha += r->mineralisation_kg_ha;
    s->cum_immobilisation_kg_ha += r->immobilisation_kg_ha;
    s->cum_fom_decomposed_kg_ha += r->fom_decomposed_kg_ha;
    s->cum_nitrification_kg_ha += r->nitrification_kg_ha;
    s->cum_leaching_kg_ha += r->leaching_kg_ha;
    s->cum_uptake_kg_ha += r->uptake_kg_ha;
    s->cum_hydrolysis_kg_ha += r->hydrolysis_kg_ha;
    s->cum_denitrification_kg_ha += r->denitrification_kg_ha;
    s->cum_volatilisation_kg_ha += r->volatilisation_kg_ha;
    if (ox_on) {
        s->ox_urea_kg_ha = oxr.ox_urea;
        s->ox_nh4_kg_ha = oxr.ox_nh4;
        s->ox_no3_kg_ha = oxr.ox_no3;
        s->ox_algact = oxr.algact;
        s->ox_ni = oxr.oxni;
        s->ox_ph = oxr.oxph;
    }
    if (s->ox_days_since_fert < 1e9) s->ox_days_since_fert += 1.0;
    /* the urea clock: one more day, or off after the flush */
    if (urea_flush) s->urea_age_d = -1.0;
    else if (urea_on) s->urea_age_d += 1.0;
    /* CENTURY: the organic matter's net release came in, less what no layer could give */
    r->om_unmet_immobilisation_kg_ha = -om_carry;
    s->cum_om_unmet_kg_ha += -om_carry;
    r->balance_error_kg_ha = before + om_net - om_carry - r->leaching_kg_ha - r->uptake_kg_ha -
                             r->denitrification_kg_ha - r->volatilisation_kg_ha - after;
    double e = fabs(r->balance_error_kg_ha);
    if (e > s->max_abs_balance_error_kg_ha) s->max_abs_balance_error_kg_ha = e;
    return AGRO_OK;
}

static int n_step(agro_ctx *ctx, const agro_soil_n_params *p, const agro_soil_water_params *wp,
                  const agro_soil_water_state *ws, const agro_soil_water_rates *wr,
                  agro_soil_n_state *s, const agro_soil_n_drivers *d, agro_soil_n_rates *r,
                  int clear, const agro_soil_n_consts *k, const agro_century_rates *om,
                  const agro_soil_n_premix *pm, const double *up_top)
{
    /* (the body inlined with NULL constants where it can be: the daily path without CENTURY,
       without a tillage and without Suleiman-Ritchie pays for none of them; a Suleiman-Ritchie
       day without CENTURY takes the copy whose om is not a constant, with om NULL) */
    if (pm) return n_step_body(ctx, p, wp, ws, wr, s, d, r, clear, k, om, pm, up_top);
    if (om || up_top) return n_step_body(ctx, p, wp, ws, wr, s, d, r, clear, k, om, NULL, up_top);
    return n_step_body(ctx, p, wp, ws, wr, s, d, r, clear, k, NULL, NULL, NULL);
}

AGRO_API int agro_soil_n_step(agro_ctx *ctx, const agro_soil_n_params *p,
                              const agro_soil_water_params *wp, const agro_soil_water_state *ws,
                              const agro_soil_water_rates *wr, agro_soil_n_state *s,
                              const agro_soil_n_drivers *d, agro_soil_n_rates *r)
{
    const int st = public_args_check(ctx, p, wp, ws, wr, s, d, r);
    if (st) return st;
    return n_step(ctx, p, wp, ws, wr, s, d, r, 1, NULL, NULL, NULL, NULL);
}

AGRO_API int agro_soil_n_step_century(agro_ctx *ctx, const agro_soil_n_params *p,
                                      const agro_soil_water_params *wp,
                                      const agro_soil_water_state *ws,
                                      const agro_soil_water_rates *wr, agro_soil_n_state *s,
                                      const agro_soil_n_drivers *d, const agro_century_rates *om,
                                      agro_soil_n_rates *r)
{
    if (!om) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "century", "NULL CENTURY rates");
    /* a caller's CENTURY rates: the flows the step reads, finite and not negative (index 0
       the surface); the layer count is n_step's to check */
    const int32_t n = p && p->n_layers >= 1 && p->n_layers <= AGRO_SOIL_MAX_LAYERS ? p->n_layers : -1;
    const double *const rates[4] = {om->mineralised_n, om->immobilised_n, om->som_c, om->litter_c};
    static const char *const names[4] = {"mineralised_n", "immobilised_n", "som_c", "litter_c"};
    int st = agro_century_rates_check(ctx, n, rates, names, 4);
    if (st) return st;
    if ((st = public_args_check(ctx, p, wp, ws, wr, s, d, r))) return st;
    return n_step(ctx, p, wp, ws, wr, s, d, r, 1, NULL, om, NULL, NULL);
}

int agro_soil_n_step_reuse(agro_ctx *ctx, const agro_soil_n_params *p,
                           const agro_soil_water_params *wp, const agro_soil_water_state *ws,
                           const agro_soil_water_rates *wr, agro_soil_n_state *s,
                           const agro_soil_n_drivers *d, agro_soil_n_rates *r,
                           const agro_soil_n_consts *k, const agro_century_rates *om,
                           const agro_soil_n_premix *pm, const double *up_top)
{
    if (k && p && k->n_layers != p->n_layers)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers", "soil N constants for %d layers, params %d",
                         (int)k->n_layers, (int)p->n_layers);
    return n_step(ctx, p, wp, ws, wr, s, d, r, 0, k, om, pm, up_top);
}

/* The layer count the uptake functions may read, or 0 (AGRO_EINVAL recorded in @p ctx) when an
   argument is NULL or the params and states disagree or do not fit their arrays (public structs,
   caller-filled). */
static int32_t uptake_layers(agro_ctx *ctx, const agro_soil_n_params *p,
                             const agro_soil_water_params *wp, const agro_soil_n_state *s,
                             const agro_soil_water_state *ws)
{
    if (p == NULL || wp == NULL || s == NULL || ws == NULL) {
        agro_fail(ctx, AGRO_EINVAL, NULL, 0, !p ? "p" : !wp ? "wp" : !s ? "s" : "ws", "NULL argument");
        return 0;
    }
    const int32_t n = p->n_layers;
    if (n < 1 || n > AGRO_SOIL_MAX_LAYERS || s->n_layers != n || wp->n_layers != n ||
        ws->n_layers != n) {
        if (n < 1 || n > AGRO_SOIL_MAX_LAYERS)
            agro_fail(ctx, AGRO_EINVAL, NULL, 0, "p->n_layers", "must be 1..%d (%d)",
                      AGRO_SOIL_MAX_LAYERS, (int)n);
        else
            agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers",
                      "soil N params have %d layers, soil N state %d, water params %d, water state %d",
                      (int)n, (int)s->n_layers, (int)wp->n_layers, (int)ws->n_layers);
        return 0;
    }
    return n;
}

/* NULL output or input array @p name: AGRO_EINVAL */
static int uptake_null(agro_ctx *ctx, const char *name)
{
    return agro_fail(ctx, AGRO_EINVAL, NULL, 0, name, "NULL array");
}

/* The checks of both uptake entries after their input arrays: the output arrays, the layer
   count (*n, uptake_layers) and, with @p check_params, the params they divide by. Inlined: a
   call here cost 2.6 k instructions a season (two uptake calls a day). */
__attribute__((always_inline)) static inline int uptake_args(agro_ctx *ctx, const agro_soil_n_params *p,
                       const agro_soil_water_params *wp, const agro_soil_n_state *s,
                       const agro_soil_water_state *ws, const double *out_no3_kg_ha,
                       const double *out_nh4_kg_ha, int check_params, int32_t *n)
{
    if (out_no3_kg_ha == NULL) return uptake_null(ctx, "out_no3_kg_ha");
    if (out_nh4_kg_ha == NULL) return uptake_null(ctx, "out_nh4_kg_ha");
    *n = uptake_layers(ctx, p, wp, s, ws);
    if (*n == 0)
        return AGRO_EINVAL;
    if (!check_params) return AGRO_OK;
    const int st = params_check(ctx, p, wp, *n);
    return st ? st : n_state_check(ctx, p, s, *n, 0);
}

/* Layer @p i's root length density and, when @p shf is not NULL, its root growth factor, as
   both uptake entries refuse them (the message names the argument and the layer from 0). */
static inline int uptake_root_layer_check(agro_ctx *ctx, const double *rlv_cm_cm3,
                                          const double *shf, int32_t i)
{
    const double rlv = rlv_cm_cm3[i];
    if (!isfinite(rlv))
        return agro_fail_element(ctx, AGRO_ENUMERIC, "rlv_cm_cm3", (size_t)i,
                                 "root length density must be finite", rlv);
    if (shf && !isfinite(shf[i]))
        return agro_fail_element(ctx, AGRO_ENUMERIC, "shf", (size_t)i,
                                 "root growth factor must be finite", shf[i]);
    if (rlv < 0.0)
        return agro_fail_element(ctx, AGRO_ERANGE, "rlv_cm_cm3", (size_t)i,
                                 "root length density must be >= 0 cm/cm3", rlv);
    if (shf && (shf[i] < 0.0 || shf[i] > 1.0))
        return agro_fail_element(ctx, AGRO_ERANGE, "shf", (size_t)i,
                                 "root growth factor must be in [0, 1]", shf[i]);
    return AGRO_OK;
}

/* Every layer's roots before any output is written, so that a caller's refused call leaves
   its output arrays as they were; the field's own roots are checked layer by layer in the
   loop instead (a second pass over them cost every day). */
static int uptake_roots_check(agro_ctx *ctx, const double *rlv_cm_cm3, const double *shf,
                              int32_t n)
{
    for (int32_t i = 0; i < n; i++) {
        const int st = uptake_root_layer_check(ctx, rlv_cm_cm3, shf, i);
        if (st) return st;
    }
    return AGRO_OK;
}

/* @p check_params: the public entry checks the params it divides by (DUL − LL, SAT − DUL,
   kg_ha_per_ppm) on every call, and every layer's roots before it writes; the field, whose
   params keep their ranges, skips that (it was 5 % of a season's instructions, two calls a
   day) */
int agro_soil_n_uptake_capacity_checking(agro_ctx *ctx, const agro_soil_n_params *p,
                           const agro_soil_water_params *wp, const agro_soil_n_state *s,
                           const agro_soil_water_state *ws, const double *rlv_cm_cm3,
                           double *out_no3_kg_ha, double *out_nh4_kg_ha, int check_params)
{
    if (rlv_cm_cm3 == NULL) return uptake_null(ctx, "rlv_cm_cm3");
    int32_t n = 0;
    int rc = uptake_args(ctx, p, wp, s, ws, out_no3_kg_ha, out_nh4_kg_ha, check_params, &n);
    if (rc || (check_params && (rc = uptake_roots_check(ctx, rlv_cm_cm3, NULL, n))))
        return rc;
    for (int32_t i = 0; i < n; i++) {
        const double rlv = rlv_cm_cm3[i];
        if (!(rlv >= 0.0) || rlv > DBL_MAX) /* NaN, < 0 or +inf: refused with its message */
            return uptake_root_layer_check(ctx, rlv_cm_cm3, NULL, i);
        double c3 = 0.0, c4 = 0.0;
        if (rlv > 1e-6) {
            const double kpp = p->kg_ha_per_ppm[i];
            /* relative drought factor SMDFR (DSSAT NUPTAK.for), squared: the RFAC of NUPTAK.for
               before DSSAT 4.7, kept there as a comment; 4.8 takes √SMDFR, SMDFR >= 0.1
               (docs/model.md §5.8) */
            const double sw = ws->sw[i];
            double smdfr = (sw - wp->ll[i]) / (wp->dul[i] - wp->ll[i]);
            if (sw > wp->dul[i]) smdfr = 1.0 - (sw - wp->dul[i]) / (wp->sat[i] - wp->dul[i]);
            if (smdfr < 0.0) smdfr = 0.0;
            if (smdfr > 1.0) smdfr = 1.0;
            /* RFAC = RLV·SMDFR²·DLAYR·100, (kg N/ha)/(mg N/cm root) */
            const double rfac = rlv * smdfr * smdfr * p->thickness_cm[i] * 100.0;
            /* residual pools that roots cannot take: 0.25 ppm NO3, 0.5 ppm NH4 (NUPTAK XMIN) */
            const double x3 = s->no3_kg_ha[i] - 0.25 * kpp, x4 = s->nh4_kg_ha[i] - 0.5 * kpp;
            const double mx3 = x3 > 0.0 ? x3 : 0.0;
            const double mx4 = x4 > 0.0 ? x4 : 0.0;
            /* availability factors 1 − exp(−0.08·ppm), 0 below 0.04 (DSSAT NUPTAK.for); the
               exp is skipped where the capacity is 0 whatever its value (dry layer or pool at
               its residue: rfac·f·RTNO3 = 0, or min(≥ 0, 0) = 0) */
            if (rfac > 0.0 && mx3 > 0.0) {
                /* at or below 0.5 ppm, 1 − e^(−0.08·ppm) <= 0.0393 < 0.04: 0 without the exp */
                const double ppm = s->no3_kg_ha[i] / kpp;
                double fno3 = ppm <= 0.5 ? 0.0 : 1.0 - exp(-0.08 * ppm);
                if (fno3 < 0.04) fno3 = 0.0;
                c3 = rfac * fno3 * RTNO3;
                if (c3 > mx3) c3 = mx3;
            }
            if (rfac > 0.0 && mx4 > 0.0) {
                /* at or below 0.5 ppm, 1 − e^(−0.08·ppm) <= 0.0393 < 0.04: 0 without the exp */
                const double ppm = s->nh4_kg_ha[i] / kpp;
                double fnh4 = ppm <= 0.5 ? 0.0 : 1.0 - exp(-0.08 * ppm);
                if (fnh4 < 0.04) fnh4 = 0.0;
                c4 = rfac * fnh4 * RTNH4;
                if (c4 > mx4) c4 = mx4;
            }
        }
        out_no3_kg_ha[i] = c3;
        out_nh4_kg_ha[i] = c4;
    }
    return AGRO_OK;
}

/* (@p check_params as agro_soil_n_uptake_capacity_checking: the params it divides by, SAT − LL
   and kg_ha_per_ppm) */
int agro_soil_n_uptake_potential_maize_checking(agro_ctx *ctx, const agro_soil_n_params *p,
                                  const agro_soil_water_params *wp, const agro_soil_n_state *s,
                                  const agro_soil_water_state *ws, const double *rlv_cm_cm3,
                                  const double *shf, double *out_no3_kg_ha,
                                  double *out_nh4_kg_ha, int check_params)
{
    if (rlv_cm_cm3 == NULL) return uptake_null(ctx, "rlv_cm_cm3");
    if (shf == NULL) return uptake_null(ctx, "shf");
    int32_t n = 0;
    int rc = uptake_args(ctx, p, wp, s, ws, out_no3_kg_ha, out_nh4_kg_ha, check_params, &n);
    if (rc || (check_params && (rc = uptake_roots_check(ctx, rlv_cm_cm3, shf, n))))
        return rc;
    for (int32_t i = 0; i < n; i++) {
        const double rlv = rlv_cm_cm3[i], f = shf[i];
        /* NaN, < 0 or +inf in either: refused with its message */
        if (!(rlv >= 0.0 && rlv <= DBL_MAX && f >= 0.0 && f <= 1.0))
            return uptake_root_layer_check(ctx, rlv_cm_cm3, shf, i);
        double u3 = 0.0, u4 = 0.0;
        if (rlv > 0.0) {
            /* SMDFR = 1.5 − 6·((SW − LL)/(SAT − LL) − 0.5)² in [0, 1] (MZ_NUPTAK.for, JTR 1994) */
            const double x = (ws->sw[i] - wp->ll[i]) / (wp->sat[i] - wp->ll[i]) - 0.5;
            double smdfr = 1.5 - 6.0 * x * x;
            if (smdfr < 0.0) smdfr = 0.0;
            if (smdfr > 1.0) smdfr = 1.0;
            /* RFAC = 1 − exp(−8·RLV); FNO3 = FNH4 = 0.075·SHF (MZ_NUPTAK.for) */
            const double k = (1.0 - exp(-8.0 * rlv)) * smdfr * 0.075 * f * p->thickness_cm[i];
            const double kpp = p->kg_ha_per_ppm[i];
            u3 = k * (s->no3_kg_ha[i] / kpp);
            u4 = k * (s->nh4_kg_ha[i] / kpp - 0.5);
            if (u3 < 0.0) u3 = 0.0;
            if (u4 < 0.0) u4 = 0.0;
        }
        out_no3_kg_ha[i] = u3;
        out_nh4_kg_ha[i] = u4;
    }
    return AGRO_OK;
}

AGRO_API int agro_soil_n_uptake_capacity(agro_ctx *ctx, const agro_soil_n_params *p,
                                         const agro_soil_water_params *wp,
                                         const agro_soil_n_state *s,
                                         const agro_soil_water_state *ws,
                                         const double *rlv_cm_cm3, double *out_no3_kg_ha,
                                         double *out_nh4_kg_ha)
{
    return agro_soil_n_uptake_capacity_checking(ctx, p, wp, s, ws, rlv_cm_cm3, out_no3_kg_ha,
                                                out_nh4_kg_ha, 1);
}

AGRO_API int agro_soil_n_uptake_potential_maize(agro_ctx *ctx, const agro_soil_n_params *p,
                                                const agro_soil_water_params *wp,
                                                const agro_soil_n_state *s,
                                                const agro_soil_water_state *ws,
                                                const double *rlv_cm_cm3, const double *shf,
                                                double *out_no3_kg_ha, double *out_nh4_kg_ha)
{
    return agro_soil_n_uptake_potential_maize_checking(ctx, p, wp, s, ws, rlv_cm_cm3, shf,
                                                       out_no3_kg_ha, out_nh4_kg_ha, 1);
}

void agro_soil_n_remove_uptake_unchecked(agro_soil_n_state *s, agro_soil_n_rates *r,
                                         const double *no3_kg_ha, const double *nh4_kg_ha)
{
    /* plant uptake computed from the pools of the day's end, taken out of them before the
       next day's processes (DSSAT SOILNI.for 7841e3c RATE: "Update with yesterday's plant N
       uptake", SNO3 = SNO3 − UNO3, SNH4 = SNH4 − UNH4, WTNUP accumulated there) */
    double tot = 0.0;
    for (int32_t i = 0; i < s->n_layers; i++) {
        const double u3 = no3_kg_ha[i] < s->no3_kg_ha[i] ? no3_kg_ha[i] : s->no3_kg_ha[i];
        const double u4 = nh4_kg_ha[i] < s->nh4_kg_ha[i] ? nh4_kg_ha[i] : s->nh4_kg_ha[i];
        s->no3_kg_ha[i] -= u3;
        s->nh4_kg_ha[i] -= u4;
        r->uptake_no3[i] = u3;
        r->uptake_nh4[i] = u4;
        tot += u3 + u4;
    }
    r->uptake_kg_ha = tot;
    s->cum_uptake_kg_ha += tot;
}

void agro_soil_n_century_mineral_unchecked(const agro_soil_n_state *s,
                                           const agro_soil_n_rates *r, double *out_kg_ha)
{
    /* AMINRL(L,N) = (NO3 + NH4)/KG2PPM of SOIL's saved copies, which still hold yesterday's
       plant uptake (DSSAT CENTURY.for a48329f RATE, SOIL.for 07c41ff call order) */
    for (int32_t i = 0; i < s->n_layers; i++)
        out_kg_ha[i] = s->no3_kg_ha[i] + s->nh4_kg_ha[i] + r->uptake_no3[i] + r->uptake_nh4[i];
}

void agro_soil_n_add_senesced_unchecked(const agro_soil_n_params *p, agro_soil_n_state *s,
                                        int32_t layer, double kg_dm_ha, double n_kg_ha)
{
    add_fom(p, s, layer, kg_dm_ha, n_kg_ha, p->residue_frac_lign);
    s->cum_residue_dm_kg_ha += kg_dm_ha;
    s->cum_residue_n_kg_ha += n_kg_ha;
}

static int add_senesced(agro_ctx *ctx, const agro_soil_n_params *p, agro_soil_n_state *s,
                        int32_t layer, double kg_dm_ha, double n_kg_ha, int check)
{
    /* the checks of the other fresh-organic-matter events (the dry matter 0..100000 kg/ha, the
       params' residue fractions); the N as an amount, at most the dry matter */
    int rc = check_fom_input(ctx, p, s, kg_dm_ha, 0.0, "kg_dm_ha", NULL, "senesced matter");
    if (rc)
        return rc;
    if (layer < 0 || layer >= p->n_layers)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "layer", "layer %d outside 0..%d",
                         (int)layer, (int)p->n_layers - 1);
    if (!isfinite(n_kg_ha) || n_kg_ha < 0.0 || n_kg_ha > kg_dm_ha)
        return agro_fail(ctx, agro_range_status(n_kg_ha), NULL, 0, "n_kg_ha",
                         "senesced N must be in [0, %g] kg/ha, the dry matter (%g)", kg_dm_ha,
                         n_kg_ha);
    if (check != N_EV_FIELD && (rc = n_event_check(ctx, p, s, 0)))
        return rc;
    agro_soil_n_add_senesced_unchecked(p, s, layer, kg_dm_ha, n_kg_ha);
    return AGRO_OK;
}

AGRO_API int agro_soil_n_add_senesced(agro_ctx *ctx, const agro_soil_n_params *p,
                                      agro_soil_n_state *s, int32_t layer, double kg_dm_ha,
                                      double n_kg_ha)
{
    return add_senesced(ctx, p, s, layer, kg_dm_ha, n_kg_ha, N_EV_CHECK);
}

int agro_soil_n_add_senesced_field(agro_ctx *ctx, const agro_soil_n_params *p,
                                   agro_soil_n_state *s, int32_t layer, double kg_dm_ha,
                                   double n_kg_ha)
{
    return add_senesced(ctx, p, s, layer, kg_dm_ha, n_kg_ha, N_EV_FIELD);
}

AGRO_API double agro_soil_n_mineral_kg_ha(const agro_soil_n_state *s)
{
    double t = 0.0;
    if (s == NULL || s->n_layers < 1 || s->n_layers > AGRO_SOIL_MAX_LAYERS) return NAN;
    for (int32_t i = 0; i < s->n_layers; i++) t += s->no3_kg_ha[i] + s->nh4_kg_ha[i];
    return t;
}

AGRO_API double agro_soil_n_fom_n_kg_ha(const agro_soil_n_state *s)
{
    double t = 0.0;
    if (s == NULL || s->n_layers < 1 || s->n_layers > AGRO_SOIL_MAX_LAYERS) return NAN;
    for (int32_t i = 0; i < s->n_layers; i++) t += s->fom_n_kg_ha[i];
    return t;
}

AGRO_API double agro_soil_n_urea_kg_ha(const agro_soil_n_state *s)
{
    double t = 0.0;
    if (s == NULL || s->n_layers < 1 || s->n_layers > AGRO_SOIL_MAX_LAYERS) return NAN;
    for (int32_t i = 0; i < s->n_layers; i++) t += s->urea_kg_ha[i];
    return t;
}

AGRO_API double agro_soil_n_total_kg_ha(const agro_soil_n_state *s)
{
    if (s == NULL) return NAN;
    return total_n(s);
}

AGRO_API double agro_soil_n_balance_kg_ha(const agro_soil_n_state *s)
{
    if (s == NULL) return NAN;
    return s->initial_kg_ha + s->cum_fertiliser_kg_ha + s->cum_residue_n_kg_ha +
           s->cum_om_unmet_kg_ha - s->cum_leaching_kg_ha - s->cum_uptake_kg_ha - s->cum_denitrification_kg_ha -
           s->cum_volatilisation_kg_ha - total_n(s);
}

AGRO_API size_t agro_sizeof_soil_n_params(void) { return sizeof(agro_soil_n_params); }
AGRO_API size_t agro_sizeof_soil_n_state(void) { return sizeof(agro_soil_n_state); }
AGRO_API size_t agro_sizeof_soil_n_drivers(void) { return sizeof(agro_soil_n_drivers); }
AGRO_API size_t agro_sizeof_soil_n_rates(void) { return sizeof(agro_soil_n_rates); }

void agro_soil_n_mix_unchecked(const agro_soil_n_params *p, agro_soil_n_state *s,
                               const agro_soil_n_rates *r, double depth_cm, double pct,
                               agro_soil_n_premix *pm)
{
    const int32_t n = p->n_layers;
    for (int32_t i = 0; i < n; i++) {
        /* the step's own formulas for these reads, on the unmixed pools (the field passes the
           step no uptake: the day's uptake leaves after it) */
        pm->om_min[i] = s->no3_kg_ha[i] + s->nh4_kg_ha[i] + r->uptake_no3[i] + r->uptake_nh4[i] -
                        s->no3_added_today[i] - s->nh4_added_today[i];
        pm->no3[i] = s->no3_kg_ha[i] - s->no3_added_today[i];
        pm->nh4[i] = s->nh4_kg_ha[i] - s->nh4_added_today[i];
    }
    /* SOILNI.for RATE: SoilMix (SNO3, DLTSNO3, ...), (SNH4, ...), (UREA, ...) with TILMIX over
       TILDEP: the day's fertiliser is integrated and mixed with the rest, so NFLUX moves it the
       same day (the added_today marks are cleared) */
    agro_soil_mix(p->thickness_cm, n, depth_cm, pct, s->no3_kg_ha);
    agro_soil_mix(p->thickness_cm, n, depth_cm, pct, s->nh4_kg_ha);
    agro_soil_mix(p->thickness_cm, n, depth_cm, pct, s->urea_kg_ha);
    for (int32_t i = 0; i < n; i++)
        s->no3_added_today[i] = s->nh4_added_today[i] = s->urea_added_today[i] = 0.0;
    /* DSSAT keeps OXLAYR's pools as they were; here they stay part of layer 1's pools */
    if (s->ox_urea_kg_ha > s->urea_kg_ha[0]) s->ox_urea_kg_ha = s->urea_kg_ha[0];
    if (s->ox_nh4_kg_ha > s->nh4_kg_ha[0]) s->ox_nh4_kg_ha = s->nh4_kg_ha[0];
    if (s->ox_no3_kg_ha > s->no3_kg_ha[0]) s->ox_no3_kg_ha = s->no3_kg_ha[0];
}
