/* DSSAT-CSM 4.8 tillage implements and the per-pass depth rule (docs/design/tillage.md §1.3,
 * Appendix A). */
#include <stddef.h>

#include "internal/tillage.h"

/* source: DSSAT-CSM Data/StandardData/TILOP048.SDA, "DSSAT v4.8.5.0; 2024-12-01", repository
 * DSSAT/dssat-csm-os commit 4744cc40, every implement in file order (TI021, TI027–TI030 and
 * TI040 are not in the file). Columns: code, CN2T, RINP, SSDT, MIXT, HPAN, sub-layers, then per
 * sub-layer SLB (bottom, cm), SBDT, SKST. */
static const agro_till_implement tilop048[] = {
    {1, -5, 20, 20, 25, 0, 3, {8, 30, 35}, {-10, -10, 5}, {10, 10, -10}},      /* V-Ripper */
    {2, -10, 50, 40, 45, 0, 3, {8, 30, 45}, {-10, -15, 5}, {10, 20, -10}},     /* Subsoiler */
    {3, -10, 95, 100, 90, 0, 2, {15, 20, 0}, {-10, 5, 0}, {10, -5, 0}},        /* Moldboard plow 20 cm depth */
    {4, -10, 30, 100, 40, 0, 1, {15, 0, 0}, {-20, 0, 0}, {20, 0, 0}},          /* Chisel plow, sweeps */
    {5, -10, 40, 100, 30, 0, 1, {15, 0, 0}, {-20, 0, 0}, {20, 0, 0}},          /* Chisel plow, straight point */
    {6, -10, 55, 100, 50, 0, 2, {10, 15, 0}, {-10, 5, 0}, {10, -10, 0}},       /* Chisel plow, twisted shovels */
    {7, -10, 70, 100, 85, 0, 1, {10, 0, 0}, {-10, 0, 0}, {20, 0, 0}},          /* Disk plow */
    {8, -10, 70, 100, 60, 0, 1, {10, 0, 0}, {-10, 0, 0}, {20, 0, 0}},          /* Disk, 1-way */
    {9, -10, 50, 100, 55, 0, 1, {7.5, 0, 0}, {-5, 0, 0}, {5, 0, 0}},           /* Disk, tandem */
    {10, -10, 10, 85, 60, 0, 1, {10, 0, 0}, {-5, 0, 0}, {5, 0, 0}},            /* Disk, double disk */
    {11, -10, 25, 100, 30, 0, 1, {10, 0, 0}, {-10, 0, 0}, {5, 0, 0}},          /* Cultivator, field */
    {12, 0, 20, 85, 25, 0, 1, {2.5, 0, 0}, {-10, 0, 0}, {15, 0, 0}},           /* Cultivator, row */
    {13, -5, 60, 90, 25, 0, 1, {3, 0, 0}, {-10, 0, 0}, {10, 0, 0}},            /* Cultivator, ridge till */
    {14, -10, 20, 100, 25, 0, 1, {2.5, 0, 0}, {-10, 0, 0}, {10, 0, 0}},        /* Harrow, spike */
    {15, -5, 15, 100, 20, 0, 1, {2.5, 0, 0}, {-10, 0, 0}, {10, 0, 0}},         /* Harrow, tine */
    {16, 0, 80, 100, 15, 0, 1, {4, 0, 0}, {10, 0, 0}, {-5, 0, 0}},             /* Lister */
    {17, 5, 50, 100, 60, 0, 1, {5, 0, 0}, {10, 0, 0}, {-5, 0, 0}},             /* Bedder */
    {18, -10, 20, 20, 25, 0, 1, {7.5, 0, 0}, {5, 0, 0}, {-5, 0, 0}},           /* Blade cultivator */
    {19, -5, 20, 15, 10, 0, 1, {5, 0, 0}, {5, 0, 0}, {-5, 0, 0}},              /* Fertilizer applicator, anhydr */
    {20, 0, 50, 40, 10, 0, 1, {15, 0, 0}, {5, 0, 0}, {-5, 0, 0}},              /* Manure injector */
    {22, -10, 25, 100, 70, 0, 1, {5, 0, 0}, {5, 0, 0}, {-5, 0, 0}},            /* Mulch treader */
    {23, 5, 20, 100, 20, 0, 1, {4, 0, 0}, {10, 0, 0}, {-5, 0, 0}},             /* Plank */
    {24, 5, 40, 100, 30, 0, 1, {4, 0, 0}, {10, 0, 0}, {-5, 0, 0}},             /* Roller packer */
    {25, 0, 10, 85, 15, 0, 1, {5, 0, 0}, {-5, 0, 0}, {5, 0, 0}},               /* Drill, double-disk */
    {26, 0, 30, 100, 10, 0, 1, {10, 0, 0}, {-5, 0, 0}, {5, 0, 0}},             /* Drill, deep furrow */
    {31, 0, 20, 60, 10, 0, 1, {5, 0, 0}, {1, 0, 0}, {-2, 0, 0}},               /* Drill, no-till */
    {32, 0, 90, 20, 5, 0, 1, {5, 0, 0}, {1, 0, 0}, {-2, 0, 0}},                /* Drill, no-till, into sod */
    {33, 0, 10, 15, 10, 0, 1, {5, 0, 0}, {5, 0, 0}, {0, 0, 0}},                /* Planter, row */
    {34, 0, 15, 15, 5, 0, 1, {5, 0, 0}, {5, 0, 0}, {0, 0, 0}},                 /* Planter, no-till */
    {35, 0, 10, 10, 0, 0, 1, {5, 0, 0}, {0, 0, 0}, {0, 0, 0}},                 /* Planting stick (hand) */
    {36, 0, 15, 15, 0, 0, 1, {5, 0, 0}, {0, 0, 0}, {0, 0, 0}},                 /* Matraca hand planter */
    {37, -5, 10, 100, 30, 0, 1, {2.5, 0, 0}, {-5, 0, 0}, {5, 0, 0}},           /* Rod weeder */
    {38, -10, 20, 20, 30, 0, 1, {2.5, 0, 0}, {-10, 0, 0}, {10, 0, 0}},         /* Rotary hoe */
    {39, -10, 20, 100, 40, 0, 2, {5, 15, 0}, {20, 5, 0}, {-5, -5, 0}},         /* Roller harrow, cultipacker */
    {41, -10, 95, 100, 90, 0, 2, {20, 25, 0}, {-10, 5, 0}, {10, -5, 0}},       /* Moldboard plow 25 cm */
    {42, -10, 95, 100, 90, 0, 3, {5, 15, 30}, {-10, -5, 10}, {10, 5, -5}},     /* Moldboard plow 30 cm */
    {43, -10, 10, 10, 5, 0, 2, {10, 20, 0}, {2, 10, 0}, {0, -5, 0}},           /* Wide-blade sweep plow 20 cm */
};

const agro_till_implement *agro_till_implement_find(int32_t code) {
    for (size_t k = 0; k < sizeof tilop048 / sizeof tilop048[0]; k++)
        if (tilop048[k].code == code) return &tilop048[k];
    return NULL;
}

int agro_till_pass_resolve(int32_t code, double tdep_cm, agro_till_pass *out) {
    const agro_till_implement *im = agro_till_implement_find(code);
    if (!im) return -1; /* Q3: NLYRS = 0, the pass never acts (TILLAGE.for RATE) */
    out->mix_pct = im->mixt_pct;
    out->incorp_pct = im->rinp_pct;
    out->cn2t_pct = im->cn2t_pct;
    out->n_sub = im->n_sub;
    out->scaled = out->capped = 0;
    const double dmax = im->bottom_cm[im->n_sub - 1];
    /* TILLAGE.for INIT: TDEP < DEP(NLYRS) scales every sub-layer by TDEP/DEP(NLYRS); TDEP deeper
       by more than 0.5 cm is cut to DEP(NLYRS); within 0.5 cm it is kept */
    const double factor = tdep_cm < dmax ? tdep_cm / dmax : 1.0;
    out->scaled = tdep_cm < dmax;
    out->capped = tdep_cm - dmax > 0.5;
    out->depth_cm = out->capped ? dmax : tdep_cm;
    for (int32_t k = 0; k < AGRO_TILL_MAX_SUB; k++) {
        out->bottom_cm[k] = k < im->n_sub ? im->bottom_cm[k] * factor : 0.0;
        out->sbdt_pct[k] = im->sbdt_pct[k];
        out->skst_pct[k] = im->skst_pct[k];
    }
    return 0;
}
