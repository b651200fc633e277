/* Weed parameters (defaults, JSON, validation) and the Cousens yield-loss helpers. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "agrosim/weeds.h"
#include "internal/error.h"
#include "internal/json.h"
#include "internal/sum.h"

size_t agro_sizeof_weed_params(void) { return sizeof(agro_weed_params); }

int agro_weed_params_default(agro_weed_params *p) {
    if (!p) return AGRO_EINVAL;
    /* Generic mixed annual tropical weed flora (C4 grasses and Amaranthus with C3 broadleaves
     * such as Commelina, Galinsoga, Bidens). Structure after INTERCOM (Kropff & van Laar 1993,
     * "Modelling crop-weed interactions", CAB/IRRI): leaf area per plant grows with thermal time
     * (a logistic whose early relative rate is INTERCOM's RGRL), and LAI is the lesser of that
     * and SLA × leaf weight; growth = RUE × intercepted PAR. Values are literature-range assumptions, not fitted to a
     * weed data set; their emergent Cousens parameters are checked in tests/test_weeds.c. */
    p->tbase_C = 10.0;        /* warm-season annuals (Amaranthus, Digitaria: 8–12 °C) */
    p->rue_g_MJ = 3.5;        /* g DM/MJ PAR: C4 weeds near maize (CERES 4.2 incl. roots), C3 2.5–3 */
    p->k_par = 0.65;          /* broadleaf/grass mix, close to maize LIFAC at 5 pl/m² */
    p->sla_m2_g = 0.030;      /* 300 cm²/g: young annual weeds 250–450 cm²/g */
    p->leaf_frac = 0.50;      /* leaf weight ratio of young annual weeds ≈ 0.5 */
    p->root_frac = 0.20;
    /* leaf area per plant logistic in thermal time: initial slope RGRL = 1/tt_slope =
     * 0.02 per °C·d, INTERCOM's order for annual weeds (0.01–0.03); ≈0.6 cm² at emergence;
     * isolated plants up to 0.5 m² leaf (Amaranthus, Bidens); half of it after 450 °C·d */
    p->max_leaf_area_cm2 = 5000.0;
    p->tt_half_Cd = 450.0;
    p->tt_slope_Cd = 50.0;
    p->seedling_g = 0.005;    /* 5 mg: small-seeded annuals (seeds 0.3–2 mg) at emergence */
    p->root_depth_rate_cm_Cd = 0.15;  /* as maize early root front (CERES 0.1–0.2 cm/°C·d) */
    p->max_root_depth_cm = 90.0;
    p->tt_life_Cd = 1600.0;
    /* critical %N of crops grown for maximum growth: a·W^-0.5 (W > 1 t/ha), a = 4.1 % for C4
     * and 5.7 % for C3 (Greenwood et al. 1990, Ann. Bot. 66:425); the C4 value for a flora
     * dominated by C4 grasses and Amaranthus */
    p->n_crit_1t = 0.041;
    p->n_conc_min = 0.010;
    p->rlv_per_g_cm_g = 9800.0; /* CERES RLWR 0.98·10⁴ cm/g */
    return AGRO_OK;
}

typedef struct wrange {
    const char *key;
    size_t off;
    double lo, hi;
} wrange;
static const wrange WR[] = {
    {"tbase_C", offsetof(agro_weed_params, tbase_C), -5.0, 20.0},
    {"rue_g_MJ", offsetof(agro_weed_params, rue_g_MJ), 0.1, 8.0},
    {"k_par", offsetof(agro_weed_params, k_par), 0.1, 1.5},
    {"sla_m2_g", offsetof(agro_weed_params, sla_m2_g), 0.002, 0.1},
    {"leaf_frac", offsetof(agro_weed_params, leaf_frac), 0.05, 0.9},
    {"root_frac", offsetof(agro_weed_params, root_frac), 0.0, 0.8},
    {"max_leaf_area_cm2", offsetof(agro_weed_params, max_leaf_area_cm2), 1.0, 20000.0},
    {"tt_half_Cd", offsetof(agro_weed_params, tt_half_Cd), 10.0, 3000.0},
    {"tt_slope_Cd", offsetof(agro_weed_params, tt_slope_Cd), 1.0, 1000.0},
    {"seedling_g", offsetof(agro_weed_params, seedling_g), 1e-5, 1.0},
    {"root_depth_rate_cm_Cd", offsetof(agro_weed_params, root_depth_rate_cm_Cd), 0.0, 1.0},
    {"max_root_depth_cm", offsetof(agro_weed_params, max_root_depth_cm), 1.0, 400.0},
    {"tt_life_Cd", offsetof(agro_weed_params, tt_life_Cd), 100.0, 6000.0},
    {"n_crit_1t", offsetof(agro_weed_params, n_crit_1t), 0.005, 0.08},
    {"n_conc_min", offsetof(agro_weed_params, n_conc_min), 0.001, 0.05},
    {"rlv_per_g_cm_g", offsetof(agro_weed_params, rlv_per_g_cm_g), 100.0, 100000.0},
};
#define N_WR (sizeof WR / sizeof WR[0])

int agro_weed_params_validate(agro_ctx *ctx, const agro_weed_params *p) {
    if (!p) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "NULL weed parameters");
    for (size_t i = 0; i < N_WR; i++) {
        double v = *(const double *)((const char *)p + WR[i].off);
        if (!isfinite(v) || v < WR[i].lo || v > WR[i].hi)
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, WR[i].key, "value %g outside [%g, %g]", v,
                             WR[i].lo, WR[i].hi);
    }
    if (p->leaf_frac + p->root_frac > 1.0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "leaf_frac", "leaf_frac + root_frac = %g > 1",
                         p->leaf_frac + p->root_frac);
    /* the N stress ramp of weed_integrate runs from n_conc_min up to the critical curve */
    if (p->n_conc_min >= p->n_crit_1t)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "n_conc_min",
                         "n_conc_min %g must be below n_crit_1t (%g)", p->n_conc_min, p->n_crit_1t);
    return AGRO_OK;
}

int agro_weed_params_load_json(agro_ctx *ctx, const char *path, agro_weed_params *out) {
    if (!path || !out) return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL, "NULL argument");
    agro_json_file f;
    int st = agro_json_open(ctx, path, &f);
    if (st) return st;
    const char *keys[N_WR + 4];
    keys[0] = "schema_version";
    keys[1] = "name";
    keys[2] = "source";
    keys[3] = "notes";
    for (size_t i = 0; i < N_WR; i++) keys[4 + i] = WR[i].key;
    agro_weed_params p;
    agro_weed_params_default(&p);
    agro_json_node root;
    int ver;
    if ((st = agro_json_root(ctx, &f, &root))) goto out;
    if ((st = agro_json_check_keys(ctx, &root, keys, N_WR + 4))) goto out;
    if ((st = agro_json_int(ctx, &root, "schema_version", 1, 1, 1, 1, &ver))) goto out;
    if ((st = agro_json_source(ctx, &root, "source", 1))) goto out;
    /* the documentation keys are strings too: a number there was ignored without a word */
    if ((st = agro_json_text(ctx, &root, "name")) || (st = agro_json_text(ctx, &root, "notes")))
        goto out;
    for (size_t i = 0; i < N_WR; i++) {
        double *dst = (double *)((char *)&p + WR[i].off);
        if ((st = agro_json_number(ctx, &root, WR[i].key, 0, *dst, WR[i].lo, WR[i].hi, dst)))
            goto out;
    }
    if ((st = agro_weed_params_validate(ctx, &p))) {
        /* every key passed its range above, so the failure is a check between two keys
           ("KEY: what"): name the file and the line of that key, or of its partner when the
           file leaves the named one at its default */
        static const char *const pair[][2] = {{"leaf_frac", "root_frac"}, {"n_conc_min", "n_crit_1t"}};
        char m[AGRO_MESSAGE_MAX];
        /* (no context, no message to read: m stays empty and the status is returned as is) */
        if (agro_ctx_message(ctx, m, sizeof m) != AGRO_OK) m[0] = '\0';
        const char *sep = strstr(m, ": ");
        const char *key = NULL;
        long line = 0;
        for (size_t i = 0; sep && !line && i < sizeof pair / sizeof pair[0]; i++)
            if (strlen(pair[i][0]) == (size_t)(sep - m) && strncmp(m, pair[i][0], (size_t)(sep - m)) == 0)
                for (int k = 0; k < 2 && !line; k++)
                    line = agro_json_line(&f, key = pair[i][k]);
        if (line)
            st = agro_fail(ctx, st, path, line, key, "%s", sep + 2);
        else
            agro_fail_prefix(ctx, path);
        goto out;
    }
    *out = p;
out:
    agro_json_close(&f);
    return st;
}

/* x/(1 + x/a) for x >= 0, written as a/(1 + a/x) above a so that no ratio exceeds 1: x/a
   overflowed for a small a (1e-300 % with I·D = 1e10 gave 0, not about a), and an overflowed
   x (a product I·D of 1e200 values) gives the limit a, where inf/inf was NaN */
static double saturating(double x, double a) { return x <= a ? x / (1.0 + x / a) : a / (1.0 + a / x); }

/* A Cousens argument outside its range: AGRO_EINVAL naming it (called only on failure). */
static int cousens_bad(agro_ctx *ctx, const char *name, const char *range, double v) {
    return agro_fail(ctx, AGRO_EINVAL, NULL, 0, name, "must be %s (%g)", range, v);
}

#define FINITE_NON_NEG "finite and >= 0"
#define MAX_LOSS_RANGE "in (0, 100] %"

int agro_cousens_yield_loss(agro_ctx *ctx, double i_pct, double a_pct, double d, double *loss) {
    if (!loss) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "loss_pct", "NULL argument");
    if (!(i_pct >= 0.0 && isfinite(i_pct))) return cousens_bad(ctx, "i_pct_per_plant", FINITE_NON_NEG, i_pct);
    if (!(a_pct > 0.0 && a_pct <= 100.0)) return cousens_bad(ctx, "a_pct", MAX_LOSS_RANGE, a_pct);
    if (!(d >= 0.0 && isfinite(d))) return cousens_bad(ctx, "density_m2", FINITE_NON_NEG, d);
    /* Cousens (1985): YL = I·D / (1 + I·D/A) */
    *loss = saturating(i_pct * d, a_pct);
    return AGRO_OK;
}

int agro_cousens1987_yield_loss(agro_ctx *ctx, double b, double c, double a, double d, double t,
                                double *loss) {
    if (!loss) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "loss_pct", "NULL argument");
    if (!(b >= 0.0 && isfinite(b))) return cousens_bad(ctx, "b_pct_per_plant", FINITE_NON_NEG, b);
    if (!isfinite(c)) return cousens_bad(ctx, "c_per_d", "finite", c);
    if (!(a > 0.0 && a <= 100.0)) return cousens_bad(ctx, "a_pct", MAX_LOSS_RANGE, a);
    if (!(d >= 0.0 && isfinite(d))) return cousens_bad(ctx, "density_m2", FINITE_NON_NEG, d);
    if (!isfinite(t)) return cousens_bad(ctx, "t_emergence_d", "finite", t);
    /* Cousens et al. (1987): YL = b·D / (exp(c·T) + b·D/a) */
    double e = exp(c * t);
    if (!isfinite(e) || b * d == 0.0) { /* no weeds, or none that count: no loss (0/0 below) */
        *loss = 0.0;
        return AGRO_OK;
    }
    if (e == 0.0) { /* exp underflows: the limit of the form, the asymptote a */
        *loss = a;
        return AGRO_OK;
    }
    /* b·D/(e + b·D/a) = (b·D/e)/(1 + (b·D/e)/a) */
    *loss = saturating(b * d / e, a);
    return AGRO_OK;
}

int agro_cousens_yield_loss_multi(agro_ctx *ctx, const double *i_pct, const double *d, size_t n,
                                  double a_pct, double *loss) {
    if (!i_pct || !d || !loss)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0,
                         !i_pct ? "i_pct_per_plant" : !d ? "density_m2" : "loss_pct", "NULL argument");
    if (n == 0) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n", "no species (0)");
    if (!(a_pct > 0.0 && a_pct <= 100.0)) return cousens_bad(ctx, "a_pct", MAX_LOSS_RANGE, a_pct);
    for (size_t j = 0; j < n; j++) {
        if (!(i_pct[j] >= 0.0 && isfinite(i_pct[j])))
            return agro_fail_element(ctx, AGRO_EINVAL, "i_pct_per_plant", j,
                                     "loss per weed must be " FINITE_NON_NEG " %", i_pct[j]);
        if (!(d[j] >= 0.0 && isfinite(d[j])))
            return agro_fail_element(ctx, AGRO_EINVAL, "density_m2", j,
                                     "weed density must be " FINITE_NON_NEG " plants/m2", d[j]);
    }
    /* additive multi-species Cousens form, Σ I_j·D_j in ascending order of the terms, so that the
       order of the species changes no bit (summed as listed, three species or more gave losses
       that differed in the last bits with their order) */
    *loss = saturating(agro_sum_ascending(i_pct, d, n), a_pct);
    return AGRO_OK;
}
