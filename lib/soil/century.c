/* Soil organic matter after CENTURY (DSSAT-CSM 4.8, MESOM = P; Gijsman et al. 2002, Agron. J.
 * 94:462–474): initialisation (SoilCNPinit_C, SOMINIT_C, SOMFRAC_INIT), residue partitioning
 * (PARTIT_C), decomposition (DECRAT_C, CE_RATIO_C, LITDEC_C, SOMDEC_C, EFLOW_C), the
 * immobilisation limit (IMMOBLIMIT_C) and integration (CENTURY.for INTEGR, TSOMLIT_C).
 * Specification with every DSSAT quirk: docs/design/century_init.md, century_daily.md,
 * century_inputs.md; what is reproduced and what is fixed: docs/model.md §5.12.
 * Index 0 of every array is the surface, 1..n the soil layers. */
#include <math.h>
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "agrosim/soil_century.h"
#include "internal/c_locale.h"
#include "internal/error.h"
#include "internal/tillage.h"
#include "internal/soil_profile.h"
#include "soil/century_internal.h"

#define NL1 AGRO_CENTURY_LAYERS
enum { EN = 0, EP = 1 };       /* elements: N, P */
enum { SRF = 0, SOIL = 1 };    /* parameter sets: surface, soil */

/* ---- SOMFX048.SDA (DSSAT Version 4.8.5.0, 2024-12-01), read by SOMFIX_C; [k][E] = surface or
 * soil, N or P (docs/design/century_init.md §1.1 lists line and meaning of each) ---- */
static const double CEDAM_N = 15.0;                       /* lowest C:N by direct absorption */
static const double CES1_INIT[2][2] = {{13.0, 50.0}, {10.0, 50.0}}; /* initial C:E of SOM1 */
static const double CES1M[2][2] = {{10.0, 99.0}, {6.0, 30.0}};      /* min C:E of new SOM1 */
static const double CES1T[2][2] = {{0.02, 0.0015}, {50.0, 20.0}};   /* E threshold of new SOM1 */
static const double CES1X[2][2] = {{16.0, 200.0}, {14.0, 150.0}};   /* max C:E of new SOM1 */
static const double CES2_INIT_N = 17.0, CES3_INIT_N = 7.0;          /* initial C:N of SOM2, SOM3 */
static const double CES21I_SRF[2] = {12.0, 220.0}; /* intercept, C:E of SOM2/SOM23 from surface SOM1 */
static const double CES21S_SRF[2] = {3.0, 5.0};    /* slope of it on the C:E of surface SOM1 */
static const double CES21M[2] = {12.0, 12.0};      /* min C:N of SOM2 from SOM1 (surface, soil) */
static const double CES21X[2] = {20.0, 20.0};      /* max C:N of SOM2 from SOM1 */
static const double CES21T_N = 20.0;               /* mineral N threshold of SOM2 from soil SOM1, kg/ha per 20 cm */
static const double CES3M_N = 6.0, CES3X_N = 8.0, CES3T_N = 20.0; /* new SOM3 C:N */
static const double CESTR[2] = {150.0, 500.0};     /* C:E of structural litter */
static const double CES23LM[2] = {100.0, 100.0}, CES23LX[2] = {400.0, 400.0}; /* lignin → SOM23 C:P */
static const double CES23M[2] = {100.0, 100.0}, CES23X[2] = {400.0, 400.0};   /* new SOM23 C:P */
static const double CES23T_P = 20.0;               /* labile P threshold of new SOM23, kg/ha per 20 cm */
static const double CO2MET[2] = {0.55, 0.55};      /* respired fraction of metabolic decay */
static const double CO2S2 = 0.55, CO2S3 = 0.55;    /* respired fraction of SOM2, SOM3 decay */
static const double CO2STR_NONLIG[2] = {0.45, 0.55}, CO2STR_LIG[2] = {0.30, 0.30};
static const double CULMETQ = 1.0, CULS1Q = 1.6, CULS2Q = 1.6, CULS3Q = 1.6, CULSTRQ = 1.6;
static const double DECMET[2] = {0.04055, 0.05068}; /* max decay rates, 1/d */
static const double DECS1[2] = {0.01644, 0.02000};
static const double DECS2 = 0.000548, DECS3 = 0.000012;
static const double DECSTR[2] = {0.01068, 0.01342};
static const double FRDAE_N = 0.02;                 /* share of mineral N a residue absorbs directly */
static const double FRMETI = 0.85, FRMETS = 0.013;  /* metabolic fraction = FRMETI − FRMETS·lignin/N */
static const double LIGSTR[2] = {3.0, 3.0};         /* lignin effect on structural decay */
static const double RESDAX = 1000.0;                /* residue C of full direct absorption, kg C/ha per 20 cm */
static const double S1S3I = 0.003, S1S3S = 0.032, S2S3I = 0.003, S2S3S = 0.009;
static const double TXS1I = 0.25, TXS1S = 0.75, CO2S1I = 0.17, CO2S1S = 0.68;
/* immobilisation floor of layer 1 mineral N, kg N/ha (IMMOBLIMIT_C XMIN; P: 0) */
static const double XMIN_E[2] = {0.1, 0.0};

/* ---- SOMFR048.SDA (DSSAT Version 4.8.5.0, 2024-12-01), read by SOMFRAC_INIT: stable (SOM3)
 * fraction of soil organic C by field history FH101 … FH302, texture in TEXTURECLASS's 12
 * classes (AGRO_TEXTURE_* − 1) and, per duration 0, 5, 10, 20, 60 years and steady state, the
 * 0–20 and 20–40 cm values (docs/design/century_init.md Appendix A) ---- */
static const double SOMFR[6][12][12] = {
    { /* FH101 */
        {0.44, 0.44, 0.49, 0.60, 0.48, 0.69, 0.41, 0.75, 0.31, 0.78, 0.29, 0.78}, /* Sand */
        {0.44, 0.44, 0.55, 0.63, 0.60, 0.75, 0.62, 0.84, 0.60, 0.88, 0.60, 0.88}, /* LoamySand */
        {0.44, 0.44, 0.50, 0.60, 0.52, 0.70, 0.50, 0.78, 0.44, 0.82, 0.43, 0.82}, /* SandyLoam */
        {0.44, 0.44, 0.49, 0.57, 0.49, 0.64, 0.47, 0.72, 0.44, 0.79, 0.43, 0.79}, /* SiltyLoam */
        {0.44, 0.44, 0.49, 0.56, 0.48, 0.64, 0.46, 0.71, 0.43, 0.77, 0.43, 0.77}, /* Silt */
        {0.44, 0.44, 0.52, 0.59, 0.56, 0.70, 0.57, 0.79, 0.56, 0.85, 0.55, 0.85}, /* Loam */
        {0.44, 0.44, 0.57, 0.60, 0.65, 0.72, 0.72, 0.83, 0.75, 0.91, 0.75, 0.91}, /* SandClayLoam */
        {0.44, 0.44, 0.52, 0.56, 0.55, 0.65, 0.58, 0.74, 0.60, 0.83, 0.60, 0.83}, /* SiltClayLoam */
        {0.44, 0.44, 0.54, 0.58, 0.59, 0.67, 0.64, 0.78, 0.68, 0.87, 0.68, 0.87}, /* ClayLoam */
        {0.44, 0.44, 0.56, 0.60, 0.64, 0.71, 0.70, 0.82, 0.74, 0.90, 0.74, 0.90}, /* SandyClay */
        {0.44, 0.44, 0.51, 0.56, 0.54, 0.64, 0.56, 0.72, 0.57, 0.81, 0.57, 0.82}, /* SiltyClay */
        {0.44, 0.44, 0.53, 0.57, 0.59, 0.66, 0.63, 0.76, 0.67, 0.85, 0.67, 0.86}, /* Clay */
    },
    { /* FH102 */
        {0.44, 0.44, 0.54, 0.68, 0.58, 0.83, 0.69, 0.95, 0.89, 0.98, 0.93, 0.98}, /* Sand */
        {0.44, 0.44, 0.56, 0.66, 0.59, 0.81, 0.62, 0.93, 0.86, 0.98, 0.94, 0.98}, /* LoamySand */
        {0.44, 0.44, 0.53, 0.64, 0.54, 0.78, 0.54, 0.91, 0.76, 0.98, 0.89, 0.98}, /* SandyLoam */
        {0.44, 0.44, 0.52, 0.60, 0.53, 0.72, 0.53, 0.85, 0.65, 0.95, 0.74, 0.97}, /* SiltyLoam */
        {0.44, 0.44, 0.51, 0.60, 0.52, 0.72, 0.52, 0.84, 0.64, 0.95, 0.73, 0.96}, /* Silt */
        {0.44, 0.44, 0.53, 0.62, 0.55, 0.76, 0.56, 0.88, 0.70, 0.97, 0.80, 0.98}, /* Loam */
        {0.44, 0.44, 0.56, 0.62, 0.62, 0.75, 0.67, 0.88, 0.81, 0.97, 0.85, 0.98}, /* SandClayLoam */
        {0.44, 0.44, 0.53, 0.59, 0.56, 0.70, 0.59, 0.83, 0.71, 0.95, 0.77, 0.96}, /* SiltClayLoam */
        {0.44, 0.44, 0.54, 0.60, 0.58, 0.72, 0.62, 0.85, 0.73, 0.96, 0.79, 0.96}, /* ClayLoam */
        {0.44, 0.44, 0.55, 0.61, 0.60, 0.74, 0.65, 0.87, 0.79, 0.97, 0.83, 0.97}, /* SandyClay */
        {0.44, 0.44, 0.52, 0.59, 0.55, 0.69, 0.57, 0.82, 0.66, 0.94, 0.73, 0.95}, /* SiltyClay */
        {0.44, 0.44, 0.54, 0.59, 0.58, 0.71, 0.63, 0.84, 0.75, 0.95, 0.80, 0.96}, /* Clay */
    },
    { /* FH201 */
        {0.34, 0.34, 0.43, 0.55, 0.43, 0.66, 0.39, 0.74, 0.31, 0.78, 0.29, 0.78}, /* Sand */
        {0.34, 0.34, 0.49, 0.58, 0.56, 0.72, 0.60, 0.83, 0.60, 0.88, 0.60, 0.88}, /* LoamySand */
        {0.34, 0.34, 0.44, 0.54, 0.48, 0.67, 0.48, 0.77, 0.44, 0.82, 0.43, 0.82}, /* SandyLoam */
        {0.34, 0.34, 0.42, 0.50, 0.45, 0.60, 0.45, 0.71, 0.44, 0.79, 0.43, 0.79}, /* SiltyLoam */
        {0.34, 0.34, 0.42, 0.49, 0.44, 0.59, 0.44, 0.69, 0.43, 0.77, 0.43, 0.77}, /* Silt */
        {0.34, 0.34, 0.46, 0.53, 0.52, 0.66, 0.55, 0.78, 0.56, 0.85, 0.56, 0.85}, /* Loam */
        {0.34, 0.34, 0.50, 0.54, 0.61, 0.68, 0.70, 0.82, 0.75, 0.91, 0.75, 0.91}, /* SandClayLoam */
        {0.34, 0.34, 0.45, 0.49, 0.51, 0.60, 0.56, 0.72, 0.60, 0.83, 0.60, 0.83}, /* SiltClayLoam */
        {0.34, 0.34, 0.47, 0.51, 0.55, 0.63, 0.62, 0.76, 0.68, 0.87, 0.68, 0.87}, /* ClayLoam */
        {0.34, 0.34, 0.50, 0.53, 0.59, 0.67, 0.69, 0.81, 0.74, 0.90, 0.74, 0.90}, /* SandyClay */
        {0.34, 0.34, 0.45, 0.49, 0.49, 0.59, 0.53, 0.70, 0.57, 0.81, 0.57, 0.82}, /* SiltyClay */
        {0.34, 0.34, 0.47, 0.50, 0.54, 0.62, 0.61, 0.74, 0.67, 0.85, 0.67, 0.86}, /* Clay */
    },
    { /* FH202 */
        {0.34, 0.34, 0.46, 0.62, 0.51, 0.80, 0.62, 0.94, 0.87, 0.98, 0.93, 0.98}, /* Sand */
        {0.34, 0.34, 0.49, 0.61, 0.54, 0.78, 0.58, 0.92, 0.85, 0.98, 0.94, 0.98}, /* LoamySand */
        {0.34, 0.34, 0.46, 0.58, 0.48, 0.75, 0.50, 0.89, 0.75, 0.98, 0.89, 0.98}, /* SandyLoam */
        {0.34, 0.34, 0.45, 0.54, 0.47, 0.68, 0.49, 0.83, 0.65, 0.96, 0.76, 0.97}, /* SiltyLoam */
        {0.34, 0.34, 0.44, 0.53, 0.47, 0.67, 0.49, 0.82, 0.64, 0.95, 0.75, 0.96}, /* Silt */
        {0.34, 0.34, 0.46, 0.56, 0.50, 0.72, 0.53, 0.87, 0.70, 0.97, 0.82, 0.98}, /* Loam */
        {0.34, 0.34, 0.49, 0.55, 0.57, 0.71, 0.65, 0.86, 0.81, 0.97, 0.87, 0.98}, /* SandClayLoam */
        {0.34, 0.34, 0.46, 0.52, 0.51, 0.65, 0.56, 0.81, 0.70, 0.95, 0.78, 0.96}, /* SiltClayLoam */
        {0.34, 0.34, 0.47, 0.53, 0.53, 0.67, 0.59, 0.82, 0.73, 0.96, 0.80, 0.96}, /* ClayLoam */
        {0.34, 0.34, 0.48, 0.54, 0.56, 0.70, 0.63, 0.85, 0.79, 0.97, 0.85, 0.97}, /* SandyClay */
        {0.34, 0.34, 0.45, 0.51, 0.49, 0.64, 0.54, 0.79, 0.66, 0.94, 0.74, 0.95}, /* SiltyClay */
        {0.34, 0.34, 0.47, 0.52, 0.53, 0.66, 0.60, 0.82, 0.75, 0.95, 0.82, 0.96}, /* Clay */
    },
    { /* FH301 */
        {0.93, 0.98, 0.82, 0.91, 0.69, 0.85, 0.51, 0.80, 0.32, 0.78, 0.29, 0.78}, /* Sand */
        {0.94, 0.98, 0.89, 0.94, 0.82, 0.91, 0.72, 0.88, 0.62, 0.88, 0.60, 0.88}, /* LoamySand */
        {0.89, 0.98, 0.84, 0.92, 0.74, 0.88, 0.60, 0.83, 0.45, 0.82, 0.43, 0.82}, /* SandyLoam */
        {0.74, 0.97, 0.78, 0.90, 0.68, 0.85, 0.56, 0.81, 0.45, 0.79, 0.43, 0.79}, /* SiltyLoam */
        {0.73, 0.96, 0.77, 0.89, 0.67, 0.85, 0.54, 0.80, 0.43, 0.77, 0.43, 0.77}, /* Silt */
        {0.80, 0.98, 0.83, 0.92, 0.75, 0.89, 0.66, 0.86, 0.56, 0.85, 0.56, 0.85}, /* Loam */
        {0.85, 0.98, 0.88, 0.95, 0.84, 0.93, 0.79, 0.92, 0.76, 0.91, 0.75, 0.91}, /* SandClayLoam */
        {0.77, 0.96, 0.82, 0.91, 0.75, 0.88, 0.67, 0.85, 0.61, 0.83, 0.60, 0.83}, /* SiltClayLoam */
        {0.79, 0.96, 0.84, 0.93, 0.79, 0.90, 0.73, 0.88, 0.68, 0.87, 0.68, 0.87}, /* ClayLoam */
        {0.83, 0.97, 0.87, 0.94, 0.83, 0.93, 0.78, 0.91, 0.74, 0.90, 0.74, 0.90}, /* SandyClay */
        {0.73, 0.95, 0.80, 0.91, 0.73, 0.88, 0.65, 0.84, 0.57, 0.82, 0.57, 0.82}, /* SiltyClay */
        {0.80, 0.96, 0.84, 0.92, 0.78, 0.90, 0.72, 0.87, 0.67, 0.86, 0.67, 0.86}, /* Clay */
    },
    { /* FH302 */
        {0.93, 0.98, 0.93, 0.98, 0.93, 0.98, 0.93, 0.98, 0.93, 0.98, 0.93, 0.98}, /* Sand */
        {0.94, 0.98, 0.94, 0.98, 0.94, 0.98, 0.94, 0.98, 0.94, 0.98, 0.94, 0.98}, /* LoamySand */
        {0.89, 0.98, 0.89, 0.98, 0.89, 0.98, 0.89, 0.98, 0.89, 0.98, 0.89, 0.98}, /* SandyLoam */
        {0.74, 0.97, 0.74, 0.97, 0.74, 0.97, 0.74, 0.97, 0.74, 0.97, 0.74, 0.97}, /* SiltyLoam */
        {0.73, 0.96, 0.73, 0.96, 0.73, 0.96, 0.73, 0.96, 0.73, 0.96, 0.73, 0.96}, /* Silt */
        {0.80, 0.98, 0.80, 0.98, 0.80, 0.98, 0.80, 0.98, 0.80, 0.98, 0.80, 0.98}, /* Loam */
        {0.85, 0.98, 0.85, 0.98, 0.85, 0.98, 0.85, 0.98, 0.85, 0.98, 0.85, 0.98}, /* SandClayLoam */
        {0.77, 0.96, 0.77, 0.96, 0.77, 0.96, 0.77, 0.96, 0.77, 0.96, 0.77, 0.96}, /* SiltClayLoam */
        {0.79, 0.96, 0.79, 0.96, 0.79, 0.96, 0.79, 0.96, 0.79, 0.96, 0.79, 0.96}, /* ClayLoam */
        {0.83, 0.97, 0.83, 0.97, 0.83, 0.97, 0.83, 0.97, 0.83, 0.97, 0.83, 0.97}, /* SandyClay */
        {0.73, 0.95, 0.73, 0.95, 0.73, 0.95, 0.73, 0.95, 0.73, 0.95, 0.73, 0.95}, /* SiltyClay */
        {0.80, 0.96, 0.80, 0.96, 0.80, 0.96, 0.80, 0.96, 0.80, 0.96, 0.80, 0.96}, /* Clay */
    },
};
/* the tabulated durations, years; steady state counts as 100 (SOMFRAC_INIT's CASE ranges) */
static const int SOMFR_YEARS[6] = {0, 5, 10, 20, 60, 100};

static double clampd(double x, double lo, double hi) { return x < lo ? lo : (x > hi ? hi : x); }
static double maxd(double a, double b) { return a > b ? a : b; }
static double mind(double a, double b) { return a < b ? a : b; }

size_t agro_sizeof_century_params(void) { return sizeof(agro_century_params); }
size_t agro_sizeof_century_input(void) { return sizeof(agro_century_input); }
size_t agro_sizeof_century_state(void) { return sizeof(agro_century_state); }
size_t agro_sizeof_century_drivers(void) { return sizeof(agro_century_drivers); }
size_t agro_sizeof_century_rates(void) { return sizeof(agro_century_rates); }
size_t agro_sizeof_century_initial_residue(void) { return sizeof(agro_century_initial_residue); }

/* Litter pools a partitioned residue lands in: the state at initialisation, the day's rates
 * otherwise (DSSAT passes either to PARTIT_C). */
typedef struct litter_target {
    double *met_c, *str_c, *lig_c, *met_n, *str_n, *met_p, *str_p;
} litter_target;

/* PARTIT_C: residue C @p resc with N @p resn, P @p resp and lignin fraction @p frlres (of the
 * DM) of layer L into metabolic and structural litter; in a soil layer it first absorbs
 * mineral N directly (@p aminrl_n, kg N/ha; @p dlayr cm), added to *immob_n. Inline: the
 * daily step calls it for each layer with new litter, and a call copies the seven pointers of
 * @p t onto the stack. */
static inline void partit(int soil, double resc, double resn, double resp, double frlres,
                          double aminrl_n, double dlayr, int elements, litter_target t, int L,
                          double *immob_n)
{
    if (resc < 0.001) return;
    if (soil) {
        /* direct absorption, per cm of layer as DSSAT writes it (century_init.md §5 Q10) */
        const double dirabs0 = FRDAE_N * aminrl_n / dlayr * mind((resc / dlayr) / (RESDAX / 20.0), 1.0);
        double rce = resn + dirabs0 > 1e-5 ? resc / (resn + dirabs0) : 0.0;
        rce = resn > 1e-5 ? mind(resc / resn, maxd(CEDAM_N, rce)) : maxd(CEDAM_N, rce);
        const double dirabs = clampd(resc / rce - resn, 0.0, maxd(aminrl_n, 0.0));
        resn += dirabs;
        *immob_n += dirabs;
    }
    /* metabolic fraction from the lignin:N ratio of the DM (PARTIT_C; Parton et al. 1987) */
    const double frnres = resn / (2.5 * resc);
    const double lnres = frnres > 1e-4 ? frlres / frnres : 0.0;
    double frmet = FRMETI - FRMETS * lnres;
    if (1.0 - frmet < frlres) frmet = 1.0 - frlres;
    if (frmet < 0.0) frmet = 0.20;
    else if (frmet > 1.0) frmet = 1.0;
    frmet = maxd(frmet, 0.20);
    const double addmet = maxd(0.0, resc * frmet), addstr = maxd(0.0, resc - resc * frmet);
    t.met_c[L] += addmet;
    t.str_c[L] += addstr;
    t.lig_c[L] += frlres * resc;
    const double e_in[2] = {resn, resp};
    double *met_e[2] = {t.met_n, t.met_p}, *str_e[2] = {t.str_n, t.str_p};
    for (int e = 0; e < elements; e++) {
        /* structural litter at its fixed C:E, the rest metabolic; a residue too poor in E for
           that gives all its E to the structural litter. DSSAT's PARTIT_C.for (50f5fbd) does
           so only below ADDMETABE = -1E-6, a REAL rounding margin; in double precision the
           margin let up to 1e-6 kg/ha of negative E into the metabolic pool, where it stayed
           (LITDEC_C does not decompose a pool below 1e-6), so any deficit takes this branch */
        double adds = addstr / CESTR[e], addm = e_in[e] - adds;
        if (addm < 0.0) {
            addm = 0.0;
            adds = e_in[e];
        }
        str_e[e][L] += adds;
        met_e[e][L] += addm;
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Initialisation                                                                           */

double agro_century_history_stable_frac(int32_t history, int32_t years, int32_t texture,
                                        double top_cm, double bottom_cm)
{
    if (history < AGRO_FIELD_HISTORY_FH101 || history > AGRO_FIELD_HISTORY_FH302 ||
        texture < AGRO_TEXTURE_SAND || texture > AGRO_TEXTURE_CLAY || years < 0 ||
        !(top_cm >= 0.0 && bottom_cm > top_cm && bottom_cm <= 40.0))
        return NAN;
    const double *v = SOMFR[history - 1][texture - 1];
    /* linear between the durations around @p years (SOMFRAC_INIT); beyond 100: steady state */
    double top, deep;
    if (years >= SOMFR_YEARS[5]) {
        top = v[10];
        deep = v[11];
    } else {
        int j = 0;
        while (years > SOMFR_YEARS[j + 1]) j++;
        const double f = (double)(years - SOMFR_YEARS[j]) / (SOMFR_YEARS[j + 1] - SOMFR_YEARS[j]);
        top = v[2 * j] + f * (v[2 * j + 2] - v[2 * j]);
        deep = v[2 * j + 1] + f * (v[2 * j + 3] - v[2 * j + 1]);
    }
    /* the 0–20 cm value above 20 cm, the 20–40 cm one below, by thickness across 20 cm */
    const double above = maxd(0.0, mind(20.0, bottom_cm) - top_cm);
    const double below = maxd(0.0, bottom_cm - maxd(20.0, top_cm));
    return (top * above + deep * below) / (bottom_cm - top_cm);
}

static int check_layer_value(agro_ctx *ctx, double v, int32_t i, const char *name, double lo,
                             double hi)
{
    if (!isfinite(v))
        return agro_fail_layer(ctx, AGRO_ENUMERIC, i, name, "must be finite", v);
    if (v < lo || v > hi)
        return agro_fail_layer(ctx, AGRO_ERANGE, i, name, "outside its range", v);
    return AGRO_OK;
}

int agro_century_profile_check(agro_ctx *ctx, const agro_soil_profile *pr, const double *no3_kg_ha,
                                const double *nh4_kg_ha, const double *organic_p_kg_ha,
                                int32_t elements)
{
    for (int32_t i = 0; i < pr->n_layers; i++) {
        int st;
        /* named by the profile's SLB, the member its caller set, not the params' thickness_cm */
        if ((st = agro_check_layer_bottom(ctx, i, pr->depth_cm[i], i ? pr->depth_cm[i - 1] : 0.0)))
            return st;
        if (agro_soil_layer_thickness_cm(pr, i) > 1e6)
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "SLB", "the layer must be at most 1e6 cm thick",
                                   pr->depth_cm[i]);
        if ((st = check_layer_value(ctx, pr->bulk_density_g_cm3[i], i, "SBDM", 1e-6, 10.0)) ||
            (st = check_layer_value(ctx, no3_kg_ha[i], i, "NO3", 0.0, 1e6)) ||
            (st = check_layer_value(ctx, nh4_kg_ha[i], i, "NH4", 0.0, 1e6)))
            return st;
        if (elements == 2 && (st = check_layer_value(ctx, organic_p_kg_ha[i], i, "SLPO", 0.0, 1e7)))
            return st;
        /* clay and silt: a value outside the soil checks' range is refused (DSSAT's -99 is
           NaN here, so only a missing one is filled, as DSSAT SOILDYN fills it) */
        const double cl = pr->clay_pct[i], si = pr->silt_pct[i];
        if (!isnan(cl) && !(cl >= 0.0 && cl <= 100.0))
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "SLCL", "clay outside [0, 100] % (NaN: missing, filled)", cl);
        if (!isnan(si) && !(si >= 0.0 && si <= 100.0))
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "SLSI", "silt outside [0, 100] % (NaN: missing, filled)", si);
        if (!isnan(cl) && !isnan(si) && cl + si > 100.0 + 1e-9)
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "SLSI", "clay + silt above 100 %", cl + si);
        /* organic C: NaN or 0 is missing (estimated by agro_century_init); negative or infinite
           is an error */
        const double oc = pr->organic_carbon_pct[i];
        if (!isnan(oc) && !(oc >= 0.0 && oc <= 60.0))
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "SLOC", "organic C outside [0, 60] % (NaN or 0: missing, estimated)", oc);
        /* SASC NaN is unknown; infinite is refused (agrosim's own check: it passed as unknown) */
        const double sasc = pr->stable_c_pct[i];
        if (!isnan(sasc) && (st = check_layer_value(ctx, sasc, i, "SASC", 0.0, 60.0))) return st;
        /* SASC above a measured SLOC is refused (agrosim's own check: stable C is part of the
           organic C; DSSAT SOMFRAC_INIT caps SOM3 at 98 % silently); 1e-9: LMATCH rounding */
        if (!isnan(sasc) && oc >= 1e-3 && sasc > oc * (1.0 + 1e-9)) {
            char text[96];
            agro_snprintf_c(text, sizeof text, "stable C above the layer's organic C SLOC %g %%", oc);
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "SASC", text, sasc);
        }
    }
    return AGRO_OK;
}

int agro_century_init(agro_ctx *ctx, const agro_soil_profile *pr, const double *no3_kg_ha,
                      const double *nh4_kg_ha, const double *organic_p_kg_ha,
                      const agro_century_initial_residue *res, int32_t field_history,
                      int32_t history_years, int32_t elements, agro_century_params *p,
                      agro_century_state *s)
{
    if (!pr || !no3_kg_ha || !nh4_kg_ha || !p || !s)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "century", "NULL argument");
    if (elements != 1 && elements != 2)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "elements", "must be 1 (N) or 2 (N and P), got %d",
                         (int)elements);
    if (elements == 2 && !organic_p_kg_ha)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "organic_p_kg_ha", "needed with P (elements 2)");
    const int32_t n = pr->n_layers;
    if (n < 1 || n > AGRO_SOIL_MAX_LAYERS)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers", "profile has %d layers", (int)n);
    if (field_history < AGRO_FIELD_HISTORY_NONE || field_history > AGRO_FIELD_HISTORY_FH302)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "field_history",
                         "%d is not an AGRO_FIELD_HISTORY_* (0 none, 1..6 FH101..FH302)", (int)field_history);
    if (history_years < 0)
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "history_years", "must be >= 0, got %d",
                         (int)history_years);
    agro_century_initial_residue none;
    memset(&none, 0, sizeof none);
    if (!res) res = &none;
    {
        const double v[] = {res->surface_kg_ha, res->incorporated_kg_ha, res->incorporation_depth_cm,
                            res->shoot_n_pct, res->shoot_p_pct, res->roots_kg_ha, res->roots_n_pct,
                            res->roots_p_pct, res->lignin_frac};
        static const char *const name[] = {"surface_kg_ha", "incorporated_kg_ha", "incorporation_depth_cm",
                                           "shoot_n_pct", "shoot_p_pct", "roots_kg_ha", "roots_n_pct",
                                           "roots_p_pct", "lignin_frac"};
        static const double hi[] = {100000.0, 100000.0, 1000.0, 10.0, 5.0, 100000.0, 10.0, 5.0, 1.0};
        for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
            if (!isfinite(v[k]) || v[k] < 0.0 || v[k] > hi[k])
                return agro_fail(ctx, agro_range_status(v[k]), NULL, 0, name[k],
                                 "initial residue value %g outside [0, %g]", v[k], hi[k]);
        if (res->grass_previous != 0 && res->grass_previous != 1)
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "grass_previous", "must be 0 or 1 (got %d)",
                             (int)res->grass_previous);
    }
    /* everything is checked before the outputs change */
    const int checked = agro_century_profile_check(ctx, pr, no3_kg_ha, nh4_kg_ha, organic_p_kg_ha, elements);
    if (checked) return checked;
    double oc[NL1], clay[NL1], silt[NL1], bd[NL1], dz[NL1];
    for (int32_t i = 0; i < n; i++) {
        dz[i] = agro_soil_layer_thickness_cm(pr, i);
        bd[i] = pr->bulk_density_g_cm3[i];
        agro_soil_clay_silt_dssat(pr->clay_pct[i], pr->silt_pct[i], &clay[i], &silt[i]);
        /* organic C missing (NaN) or zero: Adiku's stable C, (0.15·(clay + silt) + 0.69)/10 %
           (DSSAT SOILDYN, with its warning, replaces only a zero or missing OC) */
        oc[i] = pr->organic_carbon_pct[i];
        if (!(oc[i] >= 1e-3)) oc[i] = (0.15 * (clay[i] + silt[i]) + 0.69) / 10.0;
    }
    memset(p, 0, sizeof *p);
    memset(s, 0, sizeof *s);
    p->n_layers = s->n_layers = n;
    p->elements = s->elements = elements;
    double depth = 0.0;
    for (int32_t i = 0; i < n; i++) {
        const int L = i + 1;
        depth += dz[i];
        p->thickness_cm[L] = dz[i];
        p->bottom_cm[L] = depth;
        p->kg_ha_per_ppm[L] = bd[i] * dz[i] * 0.1;
        const double sand = maxd(0.0, 100.0 - clay[i] - silt[i]);
        /* texture terms (SOMINIT_C; Parton et al. 1987) */
        p->txs1[L] = TXS1I + TXS1S * sand / 100.0;
        p->co2s1[L] = CO2S1I + CO2S1S * sand / 100.0;
        p->s1s3[L] = S1S3I + S1S3S * clay[i] / 100.0;
        p->s2s3[L] = S2S3I + S2S3S * clay[i] / 100.0;
    }
    s->ces1_surface[EN] = CES1_INIT[SRF][EN];
    s->ces1_surface[EP] = CES1_INIT[SRF][EP];

    /* ---- the previous crop's residues into litter (SoilCNPinit_C; PARTIT_C into the state,
       direct absorption from the initial mineral N without debiting it, century_init.md Q9) */
    litter_target st_t = {s->metab_c, s->struc_c, s->lig_c, s->metab_n, s->struc_n, s->metab_p, s->struc_p};
    double immob_init = 0.0;
    double ssomc[NL1];
    const double lig = res->lignin_frac;
    if (res->surface_kg_ha > 1e-3) {
        const double c = 0.40 * res->surface_kg_ha;
        partit(0, c, res->surface_kg_ha * res->shoot_n_pct / 100.0,
               res->surface_kg_ha * res->shoot_p_pct / 100.0, lig, 0.0, 1.0, elements, st_t, 0,
               &immob_init);
    }
    if (res->incorporated_kg_ha > 0.001) {
        /* evenly by depth down to max(ICRID, bottom of layer 1) (SoilCNPinit_C), at most the
           profile's depth */
        const double rd = mind(maxd(res->incorporation_depth_cm, p->bottom_cm[1]), depth);
        double hold = 0.0;
        for (int L = 1; L <= n; L++) {
            const double bottom = p->bottom_cm[L];
            const double fr = rd <= bottom ? (rd - hold) / rd : p->thickness_cm[L] / rd;
            const double dm = res->incorporated_kg_ha * fr;
            partit(1, 0.40 * dm, dm * res->shoot_n_pct / 100.0, dm * res->shoot_p_pct / 100.0, lig,
                   no3_kg_ha[L - 1] + nh4_kg_ha[L - 1], p->thickness_cm[L], elements, st_t, L,
                   &immob_init);
            hold = bottom;
            if (bottom >= rd) break;
        }
    }
    double root_c[NL1];
    for (int L = 0; L <= n; L++) root_c[L] = 0.0;
    if (res->roots_kg_ha > 1e-4) {
        /* exp(−3·mid-depth/DEPMAX)·BD·DLAYR: the concentration falls exponentially (SoilCNPinit_C) */
        double w[NL1], wsum = 0.0;
        for (int L = 1; L <= n; L++) {
            const double z = p->bottom_cm[L] - 0.5 * p->thickness_cm[L];
            w[L] = exp(-3.0 * z / depth) * bd[L - 1] * p->thickness_cm[L];
            wsum += w[L];
        }
        for (int L = 1; L <= n; L++) {
            const double f = wsum > 0.0 ? w[L] / wsum : 0.0;
            const double dm = res->roots_kg_ha * f;
            root_c[L] = 0.40 * dm;
            partit(1, root_c[L], dm * res->roots_n_pct / 100.0, dm * res->roots_p_pct / 100.0, lig,
                   no3_kg_ha[L - 1] + nh4_kg_ha[L - 1], p->thickness_cm[L], elements, st_t, L,
                   &immob_init);
        }
    }
    /* the lignin fraction of structural litter, also of the surface (frozen there, Q12) */
    for (int L = 0; L <= n; L++) {
        s->lig_c[L] = mind(s->lig_c[L], s->struc_c[L]);
        s->frlstr[L] = s->struc_c[L] > 0.001 ? s->lig_c[L] / s->struc_c[L] : 0.0;
    }

    /* ---- SOM carbon: SOC less the initial root C, split by the stable fraction (SOMINIT_C,
       SOMFRAC_INIT) ---- */
    for (int L = 1; L <= n; L++) {
        const int i = L - 1;
        const double kpp = p->kg_ha_per_ppm[L];
        ssomc[L] = maxd(0.0, oc[i] * kpp * 1e4 - root_c[L]);
        const double som_tot = ssomc[L] / (kpp * 1e4); /* % */
        double f3;
        const double sasc = pr->stable_c_pct[i];
        /* NaN without a history, below 40 cm and for a texture TEXTURECLASS leaves out; on the
           profile's own depths, as DSSAT tests DS(L) <= 40 (a sum of thicknesses can land a
           hair past 40 cm) */
        const double fh = agro_century_history_stable_frac(field_history, history_years,
                                                           agro_soil_texture_class(clay[i], silt[i]),
                                                           i ? pr->depth_cm[i - 1] : 0.0, pr->depth_cm[i]);
        if (isfinite(sasc) && sasc > 0.0) {
            f3 = som_tot > 0.0 ? sasc / som_tot : 0.98;      /* measured stable C */
        } else if (isfinite(fh)) {
            f3 = fh;                                         /* field history (SOMFR048) */
        } else if (som_tot > 1e-6) {
            f3 = ((0.15 * (clay[i] + silt[i]) + 0.69) / 10.0) / som_tot; /* Adiku regression */
        } else {
            f3 = 0.98;
        }
        f3 = mind(f3, 0.98);
        const double f1 = 0.05 * (1.0 - f3);
        const double f2 = 1.0 - f1 - f3;
        s->som1_c[L] = ssomc[L] * f1;
        s->som2_c[L] = ssomc[L] * f2;
        s->som3_c[L] = ssomc[L] * f3;
        s->som23_c[L] = s->som2_c[L] + s->som3_c[L];
    }

    /* ---- SOM nitrogen: total organic N (SLNI less the mineral N) spread over the pools at
       the default C:N 10, 17, 7 scaled to it, within the pools' C:N limits; one layer without
       SLNI or out of range sends every layer to the defaults (SOMINIT_C; Q3) ---- */
    int use_default = 0;
    double tn[NL1];
    for (int L = 1; L <= n && !use_default; L++) {
        const int i = L - 1;
        const double kpp = p->kg_ha_per_ppm[L];
        const double totn = pr->total_n_pct[i];
        if (!(isfinite(totn) && totn > 1e-5)) {
            use_default = 1;
            break;
        }
        tn[L] = maxd(0.0, totn * 1e4 * kpp - maxd(no3_kg_ha[i], 0.01 * kpp) - maxd(nh4_kg_ha[i], 0.01 * kpp));
        if (tn[L] < 0.001) {
            use_default = 1;
            break;
        }
        const double d1 = s->som1_c[L] / CES1_INIT[SOIL][EN], d2 = s->som2_c[L] / CES2_INIT_N,
                     d3 = s->som3_c[L] / CES3_INIT_N;
        const double dsum = d1 + d2 + d3;
        const double ratio = dsum > 1e-6 ? tn[L] / dsum : 0.0;
        const double mx1 = s->som1_c[L] / CES1M[SOIL][EN], mn1 = s->som1_c[L] / CES1X[SOIL][EN];
        const double mx2 = s->som2_c[L] / CES21M[SOIL], mn2 = s->som2_c[L] / CES21X[SOIL];
        const double mx3 = s->som3_c[L] / CES3M_N, mn3 = s->som3_c[L] / CES3X_N;
        if (tn[L] > mx1 + mx2 + mx3 || tn[L] < mn1 + mn2 + mn3) {
            use_default = 1;
            break;
        }
        double e1 = d1 * ratio, e2 = d2 * ratio, e3 = d3 * ratio, diff = 0.0;
        if (e1 < mn1) { diff = e1 - mn1; e1 = mn1; } else if (e1 > mx1) { diff = e1 - mx1; e1 = mx1; }
        e2 += diff; diff = 0.0;
        if (e2 < mn2) { diff = e2 - mn2; e2 = mn2; } else if (e2 > mx2) { diff = e2 - mx2; e2 = mx2; }
        e3 += diff;
        /* a difference left after SOM3 is dropped, as DSSAT does (Q5) */
        if (e3 < mn3) e3 = mn3; else if (e3 > mx3) e3 = mx3;
        s->som1_n[L] = e1;
        s->som2_n[L] = e2;
        s->som3_n[L] = e3;
    }
    if (use_default)
        for (int L = 1; L <= n; L++) {
            s->som1_n[L] = s->som1_c[L] / CES1_INIT[SOIL][EN];
            s->som2_n[L] = s->som2_c[L] / CES2_INIT_N;
            s->som3_n[L] = s->som3_c[L] / CES3_INIT_N;
        }

    /* ---- SOM phosphorus: 3 % (6 % after grass) of the organic P in SOM1, the rest in SOM23,
       within C:P 30–150 and 100–400 (SOMINIT_C, no Hedley data) ---- */
    if (elements == 2) {
        const double f1p = res->grass_previous ? 0.06 : 0.03;
        for (int L = 1; L <= n; L++) {
            const double ssp = organic_p_kg_ha[L - 1];
            const double mx1 = s->som1_c[L] / CES1M[SOIL][EP], mn1 = s->som1_c[L] / CES1X[SOIL][EP];
            const double mx23 = s->som23_c[L] / CES23M[SOIL], mn23 = s->som23_c[L] / CES23X[SOIL];
            double e1, e23;
            if (ssp > mx1 + mx23) {
                e1 = mx1; e23 = mx23;
            } else if (ssp < mn1 + mn23) {
                e1 = mn1; e23 = mn23;
            } else {
                e1 = f1p * ssp;
                e23 = ssp - e1;
                double diff = 0.0;
                if (e1 < mn1) { diff = e1 - mn1; e1 = mn1; } else if (e1 > mx1) { diff = e1 - mx1; e1 = mx1; }
                e23 += diff;
                e23 = clampd(e23, mn23, mx23);
            }
            s->som1_p[L] = e1;
            s->som23_p[L] = e23;
        }
    }
    s->initial_c = agro_century_total_c_kg_ha(s);
    s->initial_n = agro_century_total_n_kg_ha(s);
    s->initial_p = elements == 2 ? agro_century_total_p_kg_ha(s) : 0.0;
    (void)immob_init; /* the N absorbed by the initial residue is part of the initial organic N */
    return AGRO_OK;
}

/* ---------------------------------------------------------------------------------------- */
/* Inputs between steps                                                                     */

/* Params and state whose layer counts index their arrays and agree (a caller's struct may
   hold anything there) */
static int layers_ok(const agro_century_params *p, const agro_century_state *s)
{
    return p->n_layers >= 1 && p->n_layers <= AGRO_SOIL_MAX_LAYERS && s->n_layers == p->n_layers;
}

static int check_params(agro_ctx *ctx, const agro_century_params *p);

/* A caller's params for the public additions: agro_century_step's check (the thicknesses, their
   bottoms and the texture terms), since a caller may hand any params struct, not only the one
   agro_century_init filled, and a NaN, 1e300 or out-of-order bottom spread a residue into NaN
   or outsized queues with AGRO_OK. The field's additions skip it: its params come from
   agro_century_init alone. */
static int public_params_ok(agro_ctx *ctx, const agro_century_params *p, const agro_century_state *s)
{
    if (!p || !s) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "century", "NULL argument");
    if (!layers_ok(p, s)) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers", "CENTURY params and state disagree on layers");
    return check_params(ctx, p);
}

int agro_century_add_residue_field(agro_ctx *ctx, const agro_century_params *p, agro_century_state *s,
                                   double kg_dm_ha, double n_pct, double p_pct, double lignin_frac,
                                   double depth_cm)
{
    if (!p || !s) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "century", "NULL argument");
    if (!layers_ok(p, s)) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers", "CENTURY params and state disagree on layers");
    const double v[] = {kg_dm_ha, n_pct, p_pct, lignin_frac, depth_cm};
    static const char *const name[] = {"amount", "n_pct", "p_pct", "lignin_frac", "depth_cm"};
    static const double hi[] = {100000.0, 10.0, 5.0, 1.0, 10000.0};
    for (size_t k = 0; k < 5; k++)
        if (!isfinite(v[k]) || v[k] < 0.0 || v[k] > hi[k])
            return agro_fail(ctx, agro_range_status(v[k]), NULL, 0, name[k],
                             "residue value %g outside [0, %g]", v[k], hi[k]);
    agro_century_input *a = &s->applied;
    const double n_kg = kg_dm_ha * n_pct / 100.0, p_kg = kg_dm_ha * p_pct / 100.0;
    if (depth_cm < 0.001) {
        a->c[0] += 0.40 * kg_dm_ha;
        a->n[0] += n_kg;
        a->p[0] += p_kg;
        a->lignin_c[0] += 0.40 * kg_dm_ha * lignin_frac;
    } else if (kg_dm_ha > 0.001) {
        /* evenly by depth (OM_Place FR), a disturbance down to the depth; at most the profile */
        const int32_t n = p->n_layers;
        if (depth_cm > p->bottom_cm[n]) depth_cm = p->bottom_cm[n];
        double hold = 0.0;
        for (int L = 1; L <= n; L++) {
            const double bottom = p->bottom_cm[L];
            const double fr = depth_cm <= bottom ? (depth_cm - hold) / depth_cm : p->thickness_cm[L] / depth_cm;
            a->c[L] += 0.40 * kg_dm_ha * fr;
            a->n[L] += n_kg * fr;
            a->p[L] += p_kg * fr;
            a->lignin_c[L] += 0.40 * kg_dm_ha * fr * lignin_frac;
            hold = bottom;
            if (bottom >= depth_cm) break;
        }
        s->pending_disturb = 1;
        s->pending_depth_cm = depth_cm; /* the last application of the day sets it (OM_Place) */
    } else {
        /* OM_Place places soil residue only when RESSOL > 0.001 kg/ha: a smaller amount
           enters no pool, so it is no input either (DSSAT still adds it to CumResE, its N
           balance then off by that amount) */
        return AGRO_OK;
    }
    s->cum_input_c += 0.40 * kg_dm_ha;
    s->cum_input_n += n_kg;
    if (s->elements == 2) s->cum_input_p += p_kg;
    return AGRO_OK;
}

int agro_century_add_residue(agro_ctx *ctx, const agro_century_params *p, agro_century_state *s,
                             double kg_dm_ha, double n_pct, double p_pct, double lignin_frac,
                             double depth_cm)
{
    const int st = public_params_ok(ctx, p, s);
    return st ? st : agro_century_add_residue_field(ctx, p, s, kg_dm_ha, n_pct, p_pct, lignin_frac, depth_cm);
}

int agro_century_add_residue_layers_field(agro_ctx *ctx, const agro_century_params *p,
                                          agro_century_state *s, const double *kg_dm_ha, double n_pct,
                                          double p_pct, double lignin_frac)
{
    if (!p || !s || !kg_dm_ha) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "century", "NULL argument");
    if (!layers_ok(p, s)) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers", "CENTURY params and state disagree on layers");
    const double v[] = {n_pct, p_pct, lignin_frac};
    static const char *const name[] = {"n_pct", "p_pct", "lignin_frac"};
    static const double hi[] = {10.0, 5.0, 1.0};
    for (size_t k = 0; k < 3; k++)
        if (!isfinite(v[k]) || v[k] < 0.0 || v[k] > hi[k])
            return agro_fail(ctx, agro_range_status(v[k]), NULL, 0, name[k],
                             "residue value %g outside [0, %g]", v[k], hi[k]);
    for (int32_t i = 0; i < p->n_layers; i++)
        if (!isfinite(kg_dm_ha[i]) || kg_dm_ha[i] < 0.0 || kg_dm_ha[i] > 100000.0)
            return agro_fail_layer_range(ctx, i, "amount", "residue outside [0, 100000] kg/ha",
                                         kg_dm_ha[i]);
    for (int32_t i = 0; i < p->n_layers; i++) {
        const double dm = kg_dm_ha[i];
        s->applied.c[i + 1] += 0.40 * dm;
        s->applied.n[i + 1] += dm * n_pct / 100.0;
        s->applied.p[i + 1] += dm * p_pct / 100.0;
        s->applied.lignin_c[i + 1] += 0.40 * dm * lignin_frac;
        s->cum_input_c += 0.40 * dm;
        s->cum_input_n += dm * n_pct / 100.0;
        if (s->elements == 2) s->cum_input_p += dm * p_pct / 100.0;
    }
    return AGRO_OK;
}

int agro_century_add_residue_layers(agro_ctx *ctx, const agro_century_params *p,
                                    agro_century_state *s, const double *kg_dm_ha, double n_pct,
                                    double p_pct, double lignin_frac)
{
    const int st = public_params_ok(ctx, p, s);
    return st ? st : agro_century_add_residue_layers_field(ctx, p, s, kg_dm_ha, n_pct, p_pct, lignin_frac);
}

int agro_century_add_senesced_field(agro_ctx *ctx, const agro_century_params *p, agro_century_state *s,
                                    int32_t layer, double kg_dm_ha, double n_kg_ha, double p_kg_ha,
                                    double lignin_frac)
{
    if (!p || !s) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "century", "NULL argument");
    if (!layers_ok(p, s)) return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers", "CENTURY params and state disagree on layers");
    /* only the surface and the profile's layers: the step reads no deeper and clears the queue,
       so matter queued below the profile would leave the pools yet count as input (DSSAT
       SENESADD_C loops over L = 0..NLAYR) */
    if (layer < 0 || layer > p->n_layers)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "layer",
                         "senesced matter for layer %d: 0 (surface) or 1..%d (the profile's layers)",
                         (int)layer, (int)p->n_layers);
    /* a negative amount would leave negative pools (metabolic C −400 kg/ha from −1000 kg DM) */
    const double v[] = {kg_dm_ha, n_kg_ha, p_kg_ha, lignin_frac};
    static const char *const name[] = {"kg_dm_ha", "n_kg_ha", "p_kg_ha", "lignin_frac"};
    static const double hi[] = {100000.0, 10000.0, 10000.0, 1.0};
    for (size_t k = 0; k < 4; k++)
        if (!isfinite(v[k]) || v[k] < 0.0 || v[k] > hi[k])
            return agro_fail(ctx, agro_range_status(v[k]), NULL, 0, name[k],
                             "senesced matter for layer %d: %g outside [0, %g]", (int)layer, v[k], hi[k]);
    agro_century_input *a = &s->senesced;
    a->c[layer] += 0.40 * kg_dm_ha;
    a->n[layer] += n_kg_ha;
    a->p[layer] += p_kg_ha;
    a->lignin_c[layer] += 0.40 * kg_dm_ha * lignin_frac;
    s->cum_input_c += 0.40 * kg_dm_ha;
    s->cum_input_n += n_kg_ha;
    if (s->elements == 2) s->cum_input_p += p_kg_ha;
    return AGRO_OK;
}

int agro_century_add_senesced(agro_ctx *ctx, const agro_century_params *p, agro_century_state *s,
                              int32_t layer, double kg_dm_ha, double n_kg_ha, double p_kg_ha,
                              double lignin_frac)
{
    const int st = public_params_ok(ctx, p, s);
    return st ? st : agro_century_add_senesced_field(ctx, p, s, layer, kg_dm_ha, n_kg_ha, p_kg_ha, lignin_frac);
}

/* ---------------------------------------------------------------------------------------- */
/* Daily step                                                                               */

/* EFLOW_C: E moving with C flow @p cf (net of CO2 @p co2, < −98 = already counted) from a pool
 * of C @p ac and E @p ae into a pool formed at C:E @p ceb (century_daily.md §4.1). When nothing
 * moves, *ef, *imm and *mnr are left as they are: 0, as the step clears a layer's flows before
 * it computes them, each once. Always inlined: ≈ 60 calls a day, each a chain of divisions the
 * caller's other flows can overlap with. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void eflow(double ac, double ae, double ceb, double cf, double co2, double *ef,
                         double *imm, double *mnr)
{
    if (ae < 1e-6 || cf < 1e-6 || ac < 1e-6 || ceb < 1e-6) return;
    const double ef0 = ae * cf / ac;
    const double efco2 = co2 < -98.0 ? 0.0 : ae * co2 / ac;
    const double efb = cf / ceb; /* E the flow carries at CEB */
    /* too little E: immobilise to reach CEB; else the excess E is mineralised (both forms
       computed and one selected, so that no branch waits on the test's two divisions) */
    const int short_e = cf / ef0 > ceb;
    *imm = short_e ? efb - ef0 : 0.0;
    *ef = short_e ? ef0 : efb;
    *mnr = short_e ? efco2 : (ef0 - efb) + efco2;
}

/* E flows of one layer: each with its E moving (ef), immobilised (imm) and mineralised (mnr)
 * per element. N uses S1S2, S1S3, S2S1, S2S3, S3S1; P uses S1S23, S23S1; both METS1, STRS1 and
 * STRLIG (lignin → SOM2 for N, SOM23 for P). */
enum { F_METS1, F_STRS1, F_STRLIG, F_S1S2, F_S1S3, F_S1S23, F_S2S1, F_S2S3, F_S3S1, F_S23S1, NFLOW };
typedef struct element_flows {
    double ef[NFLOW], imm[NFLOW], mnr[NFLOW];
} element_flows;
typedef struct layer_flows {
    double cfmets1, co2met, cfstrs1, cfstrs2, co2str_non, co2str_lig;
    double cfs1s2, cfs1s3, co2s1, cfs2s1, cfs2s3, co2s2, cfs3s1, co2s3;
    element_flows e[2]; /* N, then P: with N alone, the P part is neither cleared nor read */
} layer_flows;

static void scale_flow(layer_flows *fl, int k, int e, double f)
{
    fl->e[e].ef[k] *= f;
    fl->e[e].imm[k] *= f;
    fl->e[e].mnr[k] *= f;
}
static double net(const layer_flows *fl, int k, int e) { return fl->e[e].imm[k] - fl->e[e].mnr[k]; }

/* Temperature factor of decomposition (Lloyd & Taylor 1994 as in DSSAT DECRAT_C) times the
 * water factor, in [0, 2]; the surface and layer 1 use layer 1's temperature and water with
 * an air-dry lower limit LL·(0.9 − 0.00038·(DLAYR − 30)²) (DECRAT_C). */
static double defac(double t, double sw, double ll, double dul, double sat, int top, double dz1)
{
    double tf = t > -45.9 ? 0.32 * exp(5.51 - 308.56 / (t + 46.0)) : 0.01;
    tf = clampd(tf, 0.01, 2.0);
    const double ad = top ? ll * (0.9 - 0.00038 * (dz1 - 30.0) * (dz1 - 30.0)) : ll;
    double wf = (sw - ad) / (dul - ad);
    if (sw > dul) wf = 1.0 - 0.5 * (sw - dul) / (sat - dul);
    wf = clampd(wf, 0.03226, 1.0);
    return clampd(tf * wf, 0.0, 2.0);
}

/* C:E of the surface SOM1 formed from litter at E concentration @p fre (N; P above 200 kg C) */
static double ces1_surface_rule(double fre, int e)
{
    if (fre >= CES1T[SRF][e]) return CES1M[SRF][e];
    return clampd(CES1X[SRF][e] + fre * (CES1M[SRF][e] - CES1X[SRF][e]) / CES1T[SRF][e], CES1M[SRF][e],
                  CES1X[SRF][e]);
}

static double total_pools(const agro_century_state *s, int which)
{
    double t = 0.0;
    for (int L = 0; L <= s->n_layers; L++) {
        if (which == 0)
            t += s->som1_c[L] + s->som2_c[L] + s->som3_c[L] + s->metab_c[L] + s->struc_c[L];
        else if (which == 1)
            t += s->som1_n[L] + s->som2_n[L] + s->som3_n[L] + s->metab_n[L] + s->struc_n[L];
        else
            t += s->som1_p[L] + s->som23_p[L] + s->metab_p[L] + s->struc_p[L];
    }
    return t;
}

double agro_century_total_c_kg_ha(const agro_century_state *s)
{
    return s && s->n_layers >= 1 && s->n_layers <= AGRO_SOIL_MAX_LAYERS ? total_pools(s, 0) : NAN;
}
double agro_century_total_n_kg_ha(const agro_century_state *s)
{
    return s && s->n_layers >= 1 && s->n_layers <= AGRO_SOIL_MAX_LAYERS ? total_pools(s, 1) : NAN;
}
double agro_century_total_p_kg_ha(const agro_century_state *s)
{
    return s && s->n_layers >= 1 && s->n_layers <= AGRO_SOIL_MAX_LAYERS ? total_pools(s, 2) : NAN;
}
static double pending(const agro_century_state *s, int e)
{
    double t = 0.0;
    for (int L = 0; L <= s->n_layers; L++)
        t += e == 0 ? s->applied.n[L] + s->senesced.n[L] : s->applied.p[L] + s->senesced.p[L];
    return t;
}
double agro_century_pending_n_kg_ha(const agro_century_state *s)
{
    return s && s->n_layers >= 1 && s->n_layers <= AGRO_SOIL_MAX_LAYERS ? pending(s, 0) : NAN;
}
double agro_century_pending_p_kg_ha(const agro_century_state *s)
{
    return s && s->n_layers >= 1 && s->n_layers <= AGRO_SOIL_MAX_LAYERS ? pending(s, 1) : NAN;
}

/* A tillage's INCORPOR_C (INCORPOR_C.for 6da6537): @p inc_c (METABC, STRUCC, LIGC, SOM1C),
 * @p inc_n (METABE, STRUCE, SOM1E N) and @p inc_p (P), the MIXPCT % of the start-of-day
 * surface pools, leave the surface for the soil layers by thickness down to @p mixdep, FR =
 * DLAYR/MIXDEP or (MIXDEP − top)/MIXDEP, the depth at most the profile's (Q27 fixed); then
 * SoilMix of SOM1C, SOM2C, SOM3C, METABC, STRUCC, LIGC and their N (SOM23 for P; SOM23C not
 * mixed, century_inputs.md C16) with @p mixpct over @p mixdep (CENTURY.for RATE). */
static void till_move_and_mix(const agro_century_params *p, agro_century_state *s, double mixdep,
                              double mixpct, const double *inc_c, const double *inc_n,
                              const double *inc_p)
{
    const int n = s->n_layers;
    const double dep = mixdep < p->bottom_cm[n] ? mixdep : p->bottom_cm[n];
    s->metab_c[0] -= inc_c[0]; s->struc_c[0] -= inc_c[1]; s->lig_c[0] -= inc_c[2]; s->som1_c[0] -= inc_c[3];
    s->metab_n[0] -= inc_n[0]; s->struc_n[0] -= inc_n[1]; s->som1_n[0] -= inc_n[2];
    s->metab_p[0] -= inc_p[0]; s->struc_p[0] -= inc_p[1]; s->som1_p[0] -= inc_p[2];
    double top = 0.0;
    for (int L = 1; L <= n && top < dep; L++) {
        const double bottom = p->bottom_cm[L];
        const double fr = ((bottom < dep ? bottom : dep) - top) / dep;
        s->metab_c[L] += inc_c[0] * fr; s->struc_c[L] += inc_c[1] * fr;
        s->lig_c[L] += inc_c[2] * fr;   s->som1_c[L] += inc_c[3] * fr;
        s->metab_n[L] += inc_n[0] * fr; s->struc_n[L] += inc_n[1] * fr; s->som1_n[L] += inc_n[2] * fr;
        s->metab_p[L] += inc_p[0] * fr; s->struc_p[L] += inc_p[1] * fr; s->som1_p[L] += inc_p[2] * fr;
        top = bottom;
    }
    double *const mixed[] = {s->som1_c, s->som2_c, s->som3_c, s->metab_c, s->struc_c, s->lig_c,
                             s->som1_n, s->som2_n, s->som3_n, s->metab_n, s->struc_n,
                             s->som1_p, s->som23_p, s->metab_p, s->struc_p};
    const size_t nmix = s->elements == 2 ? sizeof mixed / sizeof mixed[0] : 11;
    for (size_t k = 0; k < nmix; k++) agro_soil_mix(p->thickness_cm + 1, n, mixdep, mixpct, mixed[k] + 1);
    /* SOM23C stays the sum of the mixed SOM2C and SOM3C. DSSAT's SoilMix calls leave it unmixed
       (design/century_inputs.md C16): a layer that then received SOM2/3 C from above loses more
       than its SOM23C holds, which went below 0 and stopped the run (fuzz_season, thirty-second
       session), and distorts the SOM23 P flow AE·CFAB/AC (a departure from DSSAT) */
    for (int L = 1; L <= n; L++) s->som23_c[L] = s->som2_c[L] + s->som3_c[L];
}

/* The start-of-day surface amounts a tillage of @p mixpct % incorporates (INCORPOR_C). */
static void till_surface_shares(const agro_century_state *s, double mixpct, double *inc_c,
                                double *inc_n, double *inc_p)
{
    const double f = mixpct / 100.0;
    inc_c[0] = s->metab_c[0] * f; inc_c[1] = s->struc_c[0] * f;
    inc_c[2] = s->lig_c[0] * f;   inc_c[3] = s->som1_c[0] * f;
    inc_n[0] = s->metab_n[0] * f; inc_n[1] = s->struc_n[0] * f; inc_n[2] = s->som1_n[0] * f;
    inc_p[0] = inc_p[1] = inc_p[2] = 0.0;
    if (s->elements == 2) { inc_p[0] = s->metab_p[0] * f; inc_p[1] = s->struc_p[0] * f; inc_p[2] = s->som1_p[0] * f; }
}

void agro_century_till_now_unchecked(const agro_century_params *p, agro_century_state *s,
                                     double depth_cm, double pct)
{
    double inc_c[4], inc_n[3], inc_p[3];
    till_surface_shares(s, pct, inc_c, inc_n, inc_p);
    till_move_and_mix(p, s, depth_cm, pct, inc_c, inc_n, inc_p);
}

/* The day's disturbance window (CENTURY.for RATE "Decomposition-rate enhancement after soil
 * disturbance"): a new disturbance lasts 30 days from today; ended ones reset the running
 * depth as DSSAT's loop does. Returns the depth to which layers are disturbed today (< 0: none). */
static double disturbance(agro_century_state *s, double mixdep)
{
    const int32_t today = s->day;
    if (mixdep > 1e-3) {
        /* keep one ended disturbance (it resets the running depth in DSSAT's loop) and the
           active ones, so the list stays short */
        int32_t m = 0, ended_kept = 0;
        for (int32_t i = 0; i < s->n_disturb; i++) {
            const int ended = today > s->disturb_end[i];
            if (ended && ended_kept) continue;
            ended_kept |= ended;
            s->disturb_end[m] = s->disturb_end[i];
            s->disturb_depth_cm[m] = s->disturb_depth_cm[i];
            m++;
        }
        if (m == AGRO_CENTURY_MAX_DISTURB) { /* full of active ones: drop the oldest */
            memmove(s->disturb_end, s->disturb_end + 1, (size_t)(m - 1) * sizeof s->disturb_end[0]);
            memmove(s->disturb_depth_cm, s->disturb_depth_cm + 1, (size_t)(m - 1) * sizeof s->disturb_depth_cm[0]);
            m--;
        }
        s->disturb_end[m] = today + 30;
        s->disturb_depth_cm[m] = mixdep;
        s->n_disturb = m + 1;
    }
    for (int32_t i = 0; i < s->n_disturb; i++) {
        if (today <= s->disturb_end[i]) {
            s->disturb_depth_max_cm = maxd(s->disturb_depth_max_cm, s->disturb_depth_cm[i]);
            if (s->disturb_end[i] > s->disturb_end_max) s->disturb_end_max = s->disturb_end[i];
        } else {
            s->disturb_depth_max_cm = 0.0;
        }
    }
    return today <= s->disturb_end_max && s->n_disturb > 0 ? s->disturb_depth_max_cm : -1.0;
}

/* The most a pool can hold (state_check): a soil layer its soil mass at the density of quartz,
   2.65 g/cm3 (the bound agro_soil_validate puts on SBDM), 2.65e5 kg/ha per cm; the surface the
   heaviest mulch the water model takes, 1e6 kg DM/ha (agro_soil_water drivers' mulch_kg_ha) */
#define CENTURY_SOIL_KG_HA_PER_CM (2.65 * 0.1 * 1e6)
#define CENTURY_SURFACE_MAX_KG_HA 1e6

/* The state's pools and queued inputs, by name, for the step's check of a caller's state */
static const struct {
    const char *name;
    size_t offset;
    int queued;
} STATE_ARRAYS[] = {
#define POOL(m) {#m, offsetof(agro_century_state, m), 0}
#define QUEUED(m) {#m, offsetof(agro_century_state, m), 1}
    POOL(som1_c), POOL(som1_n), POOL(som1_p), POOL(som2_c), POOL(som2_n), POOL(som3_c), POOL(som3_n),
    POOL(som23_c), POOL(som23_p), POOL(metab_c), POOL(metab_n), POOL(metab_p), POOL(struc_c),
    POOL(struc_n), POOL(struc_p), POOL(lig_c),
    QUEUED(applied.c), QUEUED(applied.n), QUEUED(applied.p), QUEUED(applied.lignin_c),
    QUEUED(senesced.c), QUEUED(senesced.n), QUEUED(senesced.p), QUEUED(senesced.lignin_c),
#undef POOL
#undef QUEUED
};

/* The per-layer constants a caller may hand back changed: the thickness within agro_century_init's
   bounds, the texture terms within what SOMINIT_C's lines give for sand and clay fractions in
   [0, 1] (a co2s1 or s2s3 of 1e300 sent SOM1 or SOM2 negative with AGRO_OK). */
static int check_params(agro_ctx *ctx, const agro_century_params *p)
{
    for (int32_t L = 1; L <= p->n_layers; L++) {
        const double v[5] = {p->thickness_cm[L], p->txs1[L], p->co2s1[L], p->s1s3[L], p->s2s3[L]};
        static const char *const name[5] = {"thickness_cm", "txs1", "co2s1", "s1s3", "s2s3"};
        /* the thickness from the soil models' floor, less the profile checks' 1e-9 cm allowance
           (what agro_century_init gives is never refused), to 1e6 cm */
        const double lo[5] = {AGRO_SOIL_MIN_LAYER_CM, TXS1I, CO2S1I, S1S3I, S2S3I};
        const double hi[5] = {1e6, TXS1I + TXS1S, CO2S1I + CO2S1S, S1S3I + S1S3S, S2S3I + S2S3S};
        for (int k = 0; k < 5; k++)
            if (!(v[k] >= (k ? lo[k] : lo[k] - 1e-9) && v[k] <= hi[k])) {
                /* a thin layer in the words of the water, N and P params' checks */
                if (k == 0 && v[k] > 0.0 && v[k] < lo[k])
                    return agro_fail_below_min_layer(ctx, L - 1, name[k], lo[k], "cm", v[k]);
                char text[96];
                agro_snprintf_c(text, sizeof text, "CENTURY params: outside [%g, %g]", lo[k], hi[k]);
                return agro_fail_layer_range(ctx, L - 1, name[k], text, v[k]);
            }
    }
    /* bottom_cm is the running sum of the thicknesses (agro_century_init; DSSAT DS): the step
       spreads an incorporation by it and divides by the difference of two, so a bottom of 0,
       out of order or non-finite made NaN pools (1e-9 relative: the sum's rounding) */
    double depth = 0.0;
    for (int32_t L = 1; L <= p->n_layers; L++) {
        depth += p->thickness_cm[L];
        if (!(fabs(p->bottom_cm[L] - depth) <= 1e-9 * depth)) {
            char text[96];
            agro_snprintf_c(text, sizeof text, "CENTURY params: not the thicknesses' sum down to it, %g cm", depth);
            return agro_fail_layer_range(ctx, L - 1, "bottom_cm", text, p->bottom_cm[L]);
        }
    }
    return AGRO_OK;
}

/* The drivers of the day, which other modules compute each day (the soil temperature, the mineral
   N and labile P of the N and P steps, the start-of-day water) and the water limits the water
   factor divides by (DUL − LL, SAT − DUL; a tillage changes SAT during a season): both entries
   run it, so that a value another module got wrong is named here rather than spread into the
   pools. Inlined, as it was written in the step. */
__attribute__((always_inline)) static inline int drivers_check(agro_ctx *ctx,
                                                               const agro_soil_water_params *wp,
                                                               const agro_soil_water_state *ws,
                                                               const agro_century_drivers *d,
                                                               int32_t n, int el)
{
    for (int32_t i = 0; i < n; i++) {
        const double v[3] = {d->soil_temp_C[i], d->mineral_n_kg_ha[i], el == 2 ? d->labile_p_kg_ha[i] : 0.0};
        static const char *const name[3] = {"soil_temp_C", "mineral_n_kg_ha", "labile_p_kg_ha"};
        static const double lo[3] = {-60.0, -1e-9, -1e-9}, hi[3] = {80.0, 1e6, 1e6};
        for (int k = 0; k < 3; k++)
            if (!isfinite(v[k]) || v[k] < lo[k] || v[k] > hi[k])
                return agro_fail_layer_range(ctx, i, name[k], "CENTURY driver outside its range", v[k]);
        if (!isfinite(ws->sw[i]))
            return agro_fail_layer(ctx, AGRO_ENUMERIC, i, "sw", "non-finite water content", ws->sw[i]);
        /* the water factor divides by DUL − LL and SAT − DUL: the first limit out of order
           is named, with its value */
        if (!(wp->ll[i] >= 0.0))
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "ll", "CENTURY needs 0 <= LL < DUL < SAT <= 1", wp->ll[i]);
        if (!(wp->dul[i] > wp->ll[i]))
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "dul", "CENTURY needs 0 <= LL < DUL < SAT <= 1", wp->dul[i]);
        if (!(wp->sat[i] > wp->dul[i] && wp->sat[i] <= 1.0))
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "sat", "CENTURY needs 0 <= LL < DUL < SAT <= 1", wp->sat[i]);
        /* water within [0, SAT], 1e-9 for the rounding of the start-of-day water */
        if (ws->sw[i] < -1e-9 || ws->sw[i] > wp->sat[i] + 1e-9)
            return agro_fail_layer(ctx, AGRO_ERANGE, i, "sw", "water content outside [0, SAT]", ws->sw[i]);
    }
    return AGRO_OK;
}

/* What the litter of layer L holds after the next step takes the queue of the member at @p off
   (RPLACE_C, SENESADD_C: C, N and P join metabolic and structural litter, lignin its lignin):
   the pools, the applied and the senesced input of that element, kg/ha */
static double queued_total(const agro_century_state *s, size_t off, int L)
{
    const agro_century_input *a = &s->applied, *q = &s->senesced;
    if (off == offsetof(agro_century_state, applied.c) || off == offsetof(agro_century_state, senesced.c))
        return s->metab_c[L] + s->struc_c[L] + a->c[L] + q->c[L];
    if (off == offsetof(agro_century_state, applied.n) || off == offsetof(agro_century_state, senesced.n))
        return s->metab_n[L] + s->struc_n[L] + a->n[L] + q->n[L];
    if (off == offsetof(agro_century_state, applied.p) || off == offsetof(agro_century_state, senesced.p))
        return s->metab_p[L] + s->struc_p[L] + a->p[L] + q->p[L];
    return s->lig_c[L] + a->lignin_c[L] + q->lignin_c[L];
}

/* The state a caller hands to the public step, each member named with its layer (a pool of
   1e300 was named by its effect the next day, "mineral_n_kg_ha: CENTURY driver outside its
   range"). The field's state is not checked: it changes only by agro_century_init, this step
   and the checked additions. */
static int state_check(agro_ctx *ctx, const agro_century_params *p, const agro_century_state *s)
{
    const int32_t n = p->n_layers;
    /* finite pools not below −0.001 kg/ha (DSSAT NCHECK_C's warning level: the step leaves the
       tiny negatives rounding makes) and queued inputs >= 0; no pool above what its place can
       hold: a soil layer its own soil mass at the density of quartz (2.65 g/cm3, the densest
       a profile takes), 2.65e5 kg/ha per cm of thickness, the surface the heaviest mulch the
       water model takes (1e6 kg/ha) */
    for (size_t k = 0; k < sizeof STATE_ARRAYS / sizeof STATE_ARRAYS[0]; k++) {
        const double *a = (const double *)(const void *)((const char *)s + STATE_ARRAYS[k].offset);
        const double lo = STATE_ARRAYS[k].queued ? 0.0 : -1e-3;
        for (int L = 0; L <= n; L++) {
            const double hi = L ? CENTURY_SOIL_KG_HA_PER_CM * p->thickness_cm[L] : CENTURY_SURFACE_MAX_KG_HA;
            /* a queued input joins its litter pools at the next step: pools + queue must fit,
               or an input that passed here made a pool the next day's check refused (an empty
               queue changes no pool: the pools answer for themselves) */
            const double after = STATE_ARRAYS[k].queued && a[L] > 0.0
                                     ? queued_total(s, STATE_ARRAYS[k].offset, L) : a[L];
            if (!(a[L] >= lo && a[L] <= hi && after <= hi)) {
                char where[32];
                if (L) snprintf(where, sizeof where, "soil layer %d", L);
                else snprintf(where, sizeof where, "the surface");
                if (STATE_ARRAYS[k].queued)
                    return agro_fail(ctx, agro_range_status(a[L]), NULL, 0, "century_state",
                                     "%s of %s is %g: a queued input must be finite and >= 0, and "
                                     "the litter it joins (pools + queue %g kg/ha) at most %g kg/ha",
                                     STATE_ARRAYS[k].name, where, a[L], after, hi);
                return agro_fail(ctx, agro_range_status(a[L]), NULL, 0, "century_state",
                                 "%s of %s is %g: a pool must be finite and >= -0.001 kg/ha, at most "
                                 "%g kg/ha there", STATE_ARRAYS[k].name, where, a[L], hi);
            }
        }
    }
    /* the surface's microbes and litter as the mulch the step reports (DSSAT MULCHMASS), at
       most the heaviest mulch the water model takes: above it the caller's field refused the
       step's mulch, naming neither pool */
    const double mulch = 1.9 * s->som1_c[0] + 2.5 * (s->metab_c[0] + s->struc_c[0]);
    if (!(mulch <= CENTURY_SURFACE_MAX_KG_HA))
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "century_state",
                         "som1_c %g, metab_c %g and struc_c %g of the surface make a mulch of %g kg "
                         "DM/ha (1.9 som1_c + 2.5 litter C, DSSAT MULCHMASS): at most %g",
                         s->som1_c[0], s->metab_c[0], s->struc_c[0], mulch, CENTURY_SURFACE_MAX_KG_HA);
    /* the queued surface C joins the litter at the next step, and the mulch it makes must fit
       as the pools' own does (2.5 kg DM per kg litter C, DSSAT MULCHMASS) */
    const double queued_c0 = s->applied.c[0] + s->senesced.c[0];
    if (!(mulch + 2.5 * queued_c0 <= CENTURY_SURFACE_MAX_KG_HA))
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "century_state",
                         "applied.c %g and senesced.c %g queued on the surface make, with its pools' "
                         "mulch of %g, a mulch of %g kg DM/ha at the next step (2.5 kg DM per kg "
                         "litter C, DSSAT MULCHMASS): at most %g",
                         s->applied.c[0], s->senesced.c[0], mulch, mulch + 2.5 * queued_c0,
                         CENTURY_SURFACE_MAX_KG_HA);
    /* the lignin fraction of structural litter is a share of it: above 1 the structural C
       would send more lignin to SOM2 than it loses and draw the rest from SOM1 (LITDEC_C's
       non-lignin flow TCFLOW·(1 − FRLSTR) turns negative), leaving SOM1 below 0 for the next
       step's check to blame */
    for (int L = 0; L <= n; L++)
        if (!(s->frlstr[L] >= 0.0 && s->frlstr[L] <= 1.0)) {
            char where[32];
            if (L) snprintf(where, sizeof where, "soil layer %d", L);
            else snprintf(where, sizeof where, "the surface");
            return agro_fail(ctx, agro_range_status(s->frlstr[L]), NULL, 0, "century_state",
                             "frlstr of %s is %g: a lignin fraction of structural litter must be within [0, 1]",
                             where, s->frlstr[L]);
        }
    /* SOM23 is SOM2 and SOM3 together for P (DSSAT SOM23C), kept so by every change of them: a
       state whose som23_c is not their sum (0 in a layer, or a som2_c raised alone) drew its
       P flows from C it did not hold and left SOM23 negative */
    for (int L = 1; L <= n; L++) {
        const double sum = s->som2_c[L] + s->som3_c[L];
        if (!(fabs(s->som23_c[L] - sum) <= 1e-6 * (1.0 + sum)))
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "century_state",
                             "som23_c of soil layer %d is %g: it must be som2_c + som3_c (%g)", L,
                             s->som23_c[L], sum);
    }
    /* the carried C:E ratios within what they are given: agro_century_init's CES1 of the
       surface (13 N, 50 P; SOMFX048.SDA), CE_RATIO_C's rule within CES1M..CES1X of the surface
       (N 10..16, P 99..200), and SOM2/SOM23 from surface SOM1 0 until first computed, then
       clamped to CES21M..CES21X (12..20) and CES23M..CES23X (100..400) */
    {
        const double v[4] = {s->ces1_surface[EN], s->ces1_surface[EP], s->ces21_surface_n, s->ces23_surface_p};
        static const char *const name[4] = {"ces1_surface[0]", "ces1_surface[1]", "ces21_surface_n",
                                            "ces23_surface_p"};
        const double lo[4] = {CES1M[SRF][EN], CES1_INIT[SRF][EP], CES21M[SRF], CES23M[SRF]};
        const double hi[4] = {CES1X[SRF][EN], CES1X[SRF][EP], CES21X[SRF], CES23X[SRF]};
        for (int k = 0; k < 4; k++)
            if (!((v[k] >= lo[k] && v[k] <= hi[k]) || (k >= 2 && v[k] == 0.0)))
                return agro_fail(ctx, agro_range_status(v[k]), NULL, 0, name[k],
                                 "carried C:E ratio %g outside [%g, %g]%s", v[k], lo[k], hi[k],
                                 k >= 2 ? " (0: not yet computed)" : "");
    }
    /* the disturbances (CENTURY.for RATE): each made by a step of an incorporation deeper than
       1e-3 cm, lasting to that day + 30, so ending within [30, day + 30]; a depth is a tillage's
       or a residue's, at most the 10000 cm a queued tillage takes; the running end and depth
       are 0 or one of them */
    for (int32_t i = 0; i < s->n_disturb; i++) {
        if (!(s->disturb_end[i] >= 30 && s->disturb_end[i] <= s->day + 30))
            return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "disturb_end",
                             "disturbance %d ends on day %d: it must be within [30, day + 30 = %d]",
                             (int)i, (int)s->disturb_end[i], (int)s->day + 30);
        if (!(s->disturb_depth_cm[i] > 1e-3 && s->disturb_depth_cm[i] <= 10000.0))
            return agro_fail(ctx, agro_range_status(s->disturb_depth_cm[i]), NULL, 0, "disturb_depth_cm",
                             "disturbance %d depth %g cm outside (0.001, 10000]", (int)i,
                             s->disturb_depth_cm[i]);
    }
    if (!(s->disturb_end_max >= 0 && s->disturb_end_max <= s->day + 30))
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "disturb_end_max",
                         "latest disturbance end %d outside [0, day + 30 = %d]", (int)s->disturb_end_max,
                         (int)s->day + 30);
    if (!(s->disturb_depth_max_cm >= 0.0 && s->disturb_depth_max_cm <= 10000.0))
        return agro_fail(ctx, agro_range_status(s->disturb_depth_max_cm), NULL, 0, "disturb_depth_max_cm",
                         "deepest disturbance %g cm outside [0, 10000]", s->disturb_depth_max_cm);
    /* the queued application's disturbance: a flag, and a depth the placement clamps to the
       profile (OM_Place) */
    if (!(s->pending_disturb == 0 || s->pending_disturb == 1))
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "pending_disturb", "flag %d: it must be 0 or 1",
                         (int)s->pending_disturb);
    if (!(s->pending_depth_cm >= 0.0 && s->pending_depth_cm <= p->bottom_cm[n]))
        return agro_fail(ctx, agro_range_status(s->pending_depth_cm), NULL, 0, "pending_depth_cm",
                         "queued incorporation depth %g cm outside [0, %g], the profile's bottom",
                         s->pending_depth_cm, p->bottom_cm[n]);
    /* the totals the step adds to and the balance reads: finite, as the N, P and water steps
       hold theirs */
    {
        const double v[12] = {s->cum_input_c, s->cum_input_n, s->cum_input_p, s->cum_co2_c,
                              s->cum_mineralised_n, s->cum_immobilised_n, s->cum_mineralised_p,
                              s->cum_immobilised_p, s->initial_c, s->initial_n, s->initial_p,
                              s->max_abs_balance_error};
        static const char *const name[12] = {"cum_input_c", "cum_input_n", "cum_input_p", "cum_co2_c",
                                             "cum_mineralised_n", "cum_immobilised_n",
                                             "cum_mineralised_p", "cum_immobilised_p", "initial_c",
                                             "initial_n", "initial_p", "max_abs_balance_error"};
        for (int k = 0; k < 12; k++)
            if (!isfinite(v[k]))
                return agro_fail(ctx, AGRO_ENUMERIC, NULL, 0, name[k], "non-finite total %g", v[k]);
    }
    if (!(s->till_depth_cm >= 0.0 && s->till_depth_cm <= 10000.0))
        return agro_fail(ctx, agro_range_status(s->till_depth_cm), NULL, 0, "till_depth_cm",
                         "queued tillage depth %g cm outside [0, 10000]", s->till_depth_cm);
    if (!(s->till_pct >= 0.0 && s->till_pct <= 100.0))
        return agro_fail(ctx, agro_range_status(s->till_pct), NULL, 0, "till_pct",
                         "queued tillage incorporation %g %% outside [0, 100]", s->till_pct);
    if (!(s->defac1_prev >= 0.0 && s->defac1_prev <= 2.0))
        return agro_fail(ctx, agro_range_status(s->defac1_prev), NULL, 0, "defac1_prev",
                         "yesterday's decomposition factor %g outside [0, 2]", s->defac1_prev);
    return AGRO_OK;
}

/* The steps taken: a disturbance lasts until day + 30, which must stay an int32. Both entries
   run it: one comparison guards the library's own arithmetic from an overflow (undefined
   behaviour) however long a field is stepped. */
static inline int day_check(agro_ctx *ctx, const agro_century_state *s)
{
    if (!(s->day >= 0 && s->day <= INT32_MAX - 31))
        return agro_fail(ctx, AGRO_ERANGE, NULL, 0, "century_state",
                         "day is %d: the steps taken count from 0 (at most %d)", s->day, INT32_MAX - 31);
    return AGRO_OK;
}

static void century_day(const agro_century_params *p, const agro_soil_water_params *wp,
                        const agro_soil_water_state *ws, const agro_century_drivers *d,
                        agro_century_state *s, agro_century_rates *r);

int agro_century_step(agro_ctx *ctx, const agro_century_params *p, const agro_soil_water_params *wp,
                      const agro_soil_water_state *ws, const agro_century_drivers *d,
                      agro_century_state *s, agro_century_rates *r)
{
    if (!p || !wp || !ws || !d || !s || !r)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "century", "NULL argument");
    const int32_t n = p->n_layers;
    const int el = p->elements;
    if (n < 1 || n > AGRO_SOIL_MAX_LAYERS || s->n_layers != n || wp->n_layers != n ||
        ws->n_layers != n || s->elements != el)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_layers",
                         "CENTURY params, state and water disagree on layers or elements");
    if (s->n_disturb < 0 || s->n_disturb > AGRO_CENTURY_MAX_DISTURB)
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, "n_disturb",
                         "the state's disturbance count %d is outside its list, 0..%d",
                         (int)s->n_disturb, AGRO_CENTURY_MAX_DISTURB);
    int st = check_params(ctx, p);
    if (!st) st = drivers_check(ctx, wp, ws, d, n, el);
    /* the day first: the disturbance checks of state_check count from it */
    if (!st) st = day_check(ctx, s);
    if (!st) st = state_check(ctx, p, s);
    if (st) return st;
    century_day(p, wp, ws, d, s, r);
    return AGRO_OK;
}

int agro_century_step_field(agro_ctx *ctx, const agro_century_params *p,
                            const agro_soil_water_params *wp, const agro_soil_water_state *ws,
                            const agro_century_drivers *d, agro_century_state *s,
                            agro_century_rates *r)
{
    int st = drivers_check(ctx, wp, ws, d, p->n_layers, p->elements);
    if (!st) st = day_check(ctx, s);
    if (st) return st;
    century_day(p, wp, ws, d, s, r);
    return AGRO_OK;
}

/* One day, on inputs checked by the entries above (nothing can fail) */
static void century_day(const agro_century_params *p, const agro_soil_water_params *wp,
                        const agro_soil_water_state *ws, const agro_century_drivers *d,
                        agro_century_state *s, agro_century_rates *r)
{
    const int32_t n = p->n_layers;
    const int el = p->elements;
    memset(r, 0, sizeof *r);
    /* the soil's organic and litter C at the start of the day (yesterday's TSOMLIT_C), for the
       soluble C of denitrification and for urea hydrolysis */
    for (int L = 0; L <= n; L++) {
        r->som_c[L] = s->som1_c[L] + s->som2_c[L] + s->som3_c[L];
        r->litter_c[L] = s->metab_c[L] + s->struc_c[L];
    }
    const double c0 = total_pools(s, 0), n0 = total_pools(s, 1), p0 = el == 2 ? total_pools(s, 2) : 0.0;
    double aminrl[2][NL1];
    for (int L = 1; L <= n; L++) {
        aminrl[EN][L] = maxd(d->mineral_n_kg_ha[L - 1], 0.0);
        aminrl[EP][L] = el == 2 ? maxd(d->labile_p_kg_ha[L - 1], 0.0) : 0.0;
    }
    aminrl[EN][0] = aminrl[EP][0] = 0.0;

    /* ---- rates: the day's new litter (RPLACE_C, then SENESADD_C) ---- */
    double dmc[NL1], dsc[NL1], dlig[NL1], dmn[NL1], dsn[NL1], dmp[NL1], dsp[NL1];
    double ds1c[NL1], ds2c[NL1], ds3c[NL1], ds1n[NL1], ds2n[NL1], ds3n[NL1], ds1p[NL1], ds23p[NL1];
    double immob[NL1];
    for (int L = 0; L <= n; L++)
        dmc[L] = dsc[L] = dlig[L] = dmn[L] = dsn[L] = dmp[L] = dsp[L] = ds1c[L] = ds2c[L] = ds3c[L] =
            ds1n[L] = ds2n[L] = ds3n[L] = ds1p[L] = ds23p[L] = immob[L] = 0.0;
    litter_target dl_t = {dmc, dsc, dlig, dmn, dsn, dmp, dsp};
    double in_c = 0.0, in_n = 0.0, in_p = 0.0;
    const agro_century_input *src[2] = {&s->applied, &s->senesced};
    /* E below these amounts is not carried (RPLACE_C: surface 1e-6, soil > 0; SENESADD_C 1e-5) */
    static const double e_min[2][2] = {{1e-6, 0.0}, {1e-5, 1e-5}};
    for (int k = 0; k < 2; k++) {
        const agro_century_input *a = src[k];
        for (int L = 0; L <= n; L++) {
            in_c += a->c[L];
            in_n += a->n[L];
            in_p += a->p[L];
            if (a->c[L] < 0.001) {
                /* too little to partition (PARTIT_C returns): into the metabolic litter, so
                   that nothing queued is lost */
                dmc[L] += a->c[L];
                dmn[L] += a->n[L];
                if (el == 2) dmp[L] += a->p[L];
                continue;
            }
            const double emin = L == 0 ? e_min[k][0] : e_min[k][1];
            const double en = a->n[L] > emin ? a->n[L] : 0.0, ep = a->p[L] > emin ? a->p[L] : 0.0;
            const double frl = a->c[L] > 1e-5 / 2.5 ? a->lignin_c[L] / a->c[L] : 0.0;
            partit(L > 0, a->c[L], en, el == 2 ? ep : 0.0, frl, aminrl[EN][L],
                   L > 0 ? p->thickness_cm[L] : 1.0, el, dl_t, L, &immob[L]);
            /* E dropped under the thresholds leaves the inputs unaccounted: add it to the
               metabolic litter so nothing is lost (DSSAT drops it, century_inputs.md C10) */
            dmn[L] += a->n[L] - en;
            if (el == 2) dmp[L] += a->p[L] - ep;
        }
    }
    /* a tillage day (CENTURY.for RATE, docs/design/tillage.md §3.9): MIXDEP = max(TILDEP,
       ResDepth), MIXPCT = TILRESINC (RINP; the residue's ResMixPerc is 0 here, C1) */
    const double tdep = s->till_depth_cm, tpct = s->till_pct;
    double mixdep = s->pending_disturb ? s->pending_depth_cm : 0.0;
    if (tdep > mixdep) mixdep = tdep;
    const double mixpct = tdep > 0.0 ? tpct : 0.0;
    s->till_depth_cm = s->till_pct = 0.0;
    /* INCORPOR_C.for 6da6537: MIXPCT % of the start-of-day surface METABC, STRUCC, LIGC, SOM1C
       and their N (and P) into the soil (as rates, integrated by SoilMix below) */
    double inc_c[4] = {0}, inc_n[3] = {0}, inc_p[3] = {0};
    if (mixdep > 1e-3 && mixpct > 0.0) till_surface_shares(s, mixpct, inc_c, inc_n, inc_p);
    memset(&s->applied, 0, sizeof s->applied);
    memset(&s->senesced, 0, sizeof s->senesced);
    s->pending_disturb = 0;
    s->pending_depth_cm = 0.0;
    if (mixdep > 1e-3) {
        /* SoilMix (with 0 % mixing: DSSAT's residue incorporation never mixes, C1) integrates
           the day's additions before decomposition */
        for (int L = 0; L <= n; L++) {
            s->metab_c[L] += dmc[L]; s->struc_c[L] += dsc[L]; s->lig_c[L] += dlig[L];
            s->metab_n[L] += dmn[L]; s->struc_n[L] += dsn[L];
            s->metab_p[L] += dmp[L]; s->struc_p[L] += dsp[L];
            dmc[L] = dsc[L] = dlig[L] = dmn[L] = dsn[L] = dmp[L] = dsp[L] = 0.0;
        }
        if (mixpct > 0.0) till_move_and_mix(p, s, mixdep, mixpct, inc_c, inc_n, inc_p);
    }
    const double dist_depth = disturbance(s, mixdep);
    int docult[NL1];
    docult[0] = dist_depth >= 0.0;
    for (int L = 1; L <= n; L++) docult[L] = dist_depth >= 0.0 && p->bottom_cm[L] <= dist_depth;

    /* ---- decomposition per layer from the surface down (DECRAT_C, CE_RATIO_C, LITDEC_C,
       SOMDEC_C) on the pools as they stand ---- */
    layer_flows fl[NL1];
    const size_t flows_size = el == 2 ? sizeof fl[0] : offsetof(layer_flows, e[EP]);
    const double dz1 = p->thickness_cm[1];
    const double df1 = defac(d->soil_temp_C[0], ws->sw[0], wp->ll[0], wp->dul[0], wp->sat[0], 1, dz1);
    double ces1[2][NL1], ces21n[NL1], ces23p[NL1], ces3n[NL1], ces23l[NL1];
    for (int L = 0; L <= n; L++) {
        const int k = L == 0 ? SRF : SOIL;
        const double df = L <= 1 ? df1
                                 : defac(d->soil_temp_C[L - 1], ws->sw[L - 1], wp->ll[L - 1], wp->dul[L - 1],
                                         wp->sat[L - 1], 0, dz1);
        /* C:E ratios of the organic matter formed today (CE_RATIO_C, the blocks that count) */
        if (L == 0) {
            if (s->metab_c[0] > 1e-5)
                s->ces1_surface[EN] = ces1_surface_rule(s->metab_n[0] / (s->metab_c[0] * 2.5), EN);
            if (s->struc_c[0] > 1e-5)
                s->ces1_surface[EN] = ces1_surface_rule(s->struc_n[0] / (s->struc_c[0] * 2.5), EN);
            if (el == 2) {
                if (s->metab_c[0] > 0.0 && s->metab_c[0] < 200.0)
                    s->ces1_surface[EP] = CES1M[SRF][EP];
                else if (s->metab_c[0] >= 200.0)
                    s->ces1_surface[EP] = ces1_surface_rule(s->metab_p[0] / (s->metab_c[0] * 2.5), EP);
                if (s->struc_c[0] < 200.0) {
                    s->ces1_surface[EP] = CES1M[SRF][EP];
                } else {
                    const double fre = s->struc_p[0] / (s->struc_c[0] * 2.5);
                    if (fre > 0.0) s->ces1_surface[EP] = ces1_surface_rule(fre, EP);
                }
                /* lignin → SOM23 with DSSAT's hard-coded 220, 5, 99 (Q5) */
                ces23l[0] = clampd(s->ces1_surface[EP] + 220.0 + 5.0 * s->ces1_surface[EP] - 99.0,
                                   CES23LM[SRF], CES23LX[SRF]);
            }
            if (s->som1_n[0] > 1e-6) {
                const double q = s->som1_c[0] / s->som1_n[0];
                s->ces21_surface_n = q + CES21I_SRF[EN] + CES21S_SRF[EN] * (q - CES1M[SRF][EN]);
            }
            s->ces21_surface_n = clampd(s->ces21_surface_n, CES21M[SRF], CES21X[SRF]);
            if (el == 2) {
                if (s->som1_p[0] > 1e-6) {
                    const double q = s->som1_c[0] / s->som1_p[0];
                    /* DSSAT's precedence, not CENTURY's 220 + 5·(q − 99) (Q4) */
                    s->ces23_surface_p = q + (CES21I_SRF[EP] + CES21S_SRF[EP] * q - CES1M[SRF][EP]);
                }
                s->ces23_surface_p = clampd(s->ces23_surface_p, CES23M[SRF], CES23X[SRF]);
            }
            ces1[EN][0] = s->ces1_surface[EN];
            ces1[EP][0] = s->ces1_surface[EP];
            ces21n[0] = s->ces21_surface_n;
            ces23p[0] = s->ces23_surface_p;
            ces3n[0] = 0.0;
        } else {
            const double dz = p->thickness_cm[L];
            for (int e = 0; e < el; e++) {
                /* new soil SOM1: threshold on the mineral E per cm, slope on the whole layer (Q2) */
                const double a = aminrl[e][L];
                ces1[e][L] = a <= 1e-6 ? CES1X[SOIL][e]
                           : a / dz >= CES1T[SOIL][e]
                               ? CES1M[SOIL][e]
                               : clampd(CES1X[SOIL][e] - (CES1X[SOIL][e] - CES1M[SOIL][e]) / CES1T[SOIL][e] * a,
                                        CES1M[SOIL][e], CES1X[SOIL][e]);
            }
            const double an = aminrl[EN][L];
            ces21n[L] = an <= 1e-6 ? CES21X[SOIL]
                      : an / dz > CES21T_N / 20.0
                          ? CES21M[SOIL]
                          : clampd(CES21X[SOIL] - (CES21X[SOIL] - CES21M[SOIL]) / (CES21T_N / 20.0) * an / dz,
                                   CES21M[SOIL], CES21X[SOIL]);
            ces3n[L] = an <= 1e-6 ? CES3X_N
                     : an / dz > CES3T_N / 20.0
                         ? CES3M_N
                         : clampd(CES3X_N - (CES3X_N - CES3M_N) / (CES3T_N / 20.0) * an / dz, CES3M_N, CES3X_N);
            if (el == 2) {
                const double ap = aminrl[EP][L];
                ces23p[L] = ap < 1e-6 ? CES23X[SOIL]
                          : ap / dz > CES23T_P / 20.0
                              ? CES23M[SOIL]
                              : clampd(CES23X[SOIL] - (CES23X[SOIL] - CES23M[SOIL]) / (CES23T_P / 20.0) * ap / dz,
                                       CES23M[SOIL], CES23X[SOIL]);
                ces23l[L] = clampd(CES23X[SOIL], CES23LM[SOIL], CES23LX[SOIL]);
            }
        }
        /* cleared layer by layer, the P flows only with P (one memset of all n + 1 layers is
           long enough for glibc's `rep stosb` path, which callgrind, the bench's measure,
           counts one instruction per byte) */
        layer_flows *f = &fl[L];
        memset(f, 0, flows_size);
        /* litter (LITDEC_C) */
        if (s->metab_c[L] > 1e-6) {
            const double tc = mind(s->metab_c[L] * df * (docult[L] ? CULMETQ : 1.0) * DECMET[k], s->metab_c[L]);
            f->co2met = tc * CO2MET[k];
            f->cfmets1 = tc - f->co2met;
            const double me[2] = {s->metab_n[L], s->metab_p[L]};
            for (int e = 0; e < el; e++)
                eflow(s->metab_c[L], me[e], ces1[e][L], f->cfmets1, f->co2met, &f->e[e].ef[F_METS1],
                      &f->e[e].imm[F_METS1], &f->e[e].mnr[F_METS1]);
        }
        if (s->struc_c[L] > 1e-6) {
            const double tc = mind(s->struc_c[L] * df * (docult[L] ? CULSTRQ : 1.0) * DECSTR[k] *
                                       exp(-LIGSTR[k] * s->frlstr[L]),
                                   s->struc_c[L]);
            const double g2 = tc * s->frlstr[L];
            f->co2str_lig = g2 * CO2STR_LIG[k];
            f->cfstrs2 = g2 - f->co2str_lig;
            const double g1 = tc - f->cfstrs2 - f->co2str_lig;
            f->co2str_non = g1 * CO2STR_NONLIG[k];
            f->cfstrs1 = g1 - f->co2str_non;
            const double se[2] = {s->struc_n[L], s->struc_p[L]};
            for (int e = 0; e < el; e++)
                eflow(s->struc_c[L], se[e], ces1[e][L], f->cfstrs1, f->co2str_non, &f->e[e].ef[F_STRS1],
                      &f->e[e].imm[F_STRS1], &f->e[e].mnr[F_STRS1]);
            /* lignin → SOM2 carries no N: LITDEC_C's CES2L is never set (Q1); → SOM23 carries P */
            if (el == 2)
                eflow(s->struc_c[L], s->struc_p[L], ces23l[L], f->cfstrs2, f->co2str_lig, &f->e[EP].ef[F_STRLIG],
                      &f->e[EP].imm[F_STRLIG], &f->e[EP].mnr[F_STRLIG]);
        }
        /* SOM (SOMDEC_C) */
        if (L == 0) {
            if (s->som1_c[0] > 1e-6) {
                /* surface microbes with layer 1's texture and CO2 fraction and its DEFAC of
                   the previous step: SOMDEC_C reads DEFAC(1) while CENTURY's layer loop is at
                   the surface, before DECRAT_C has set today's (DSSAT CENTURY.for 07c41ff,
                   SOMDEC_C.for edf1bf7; Q14) */
                const double tc = mind(s->som1_c[0] * s->defac1_prev * DECS1[SRF] * (docult[0] ? CULS1Q : 1.0) * p->txs1[1],
                                       s->som1_c[0]);
                f->co2s1 = tc * p->co2s1[1];
                f->cfs1s2 = tc - f->co2s1;
                eflow(s->som1_c[0], s->som1_n[0], ces21n[0], f->cfs1s2, f->co2s1, &f->e[EN].ef[F_S1S2],
                      &f->e[EN].imm[F_S1S2], &f->e[EN].mnr[F_S1S2]);
                if (el == 2)
                    eflow(s->som1_c[0], s->som1_p[0], ces23p[0], f->cfs1s2, f->co2s1, &f->e[EP].ef[F_S1S23],
                          &f->e[EP].imm[F_S1S23], &f->e[EP].mnr[F_S1S23]);
            }
        } else {
            if (s->som1_c[L] > 1e-6) {
                const double tc = mind(s->som1_c[L] * df * DECS1[SOIL] * (docult[L] ? CULS1Q : 1.0) * p->txs1[L],
                                       s->som1_c[L]);
                f->co2s1 = tc * p->co2s1[L];
                f->cfs1s3 = tc * p->s1s3[L];
                f->cfs1s2 = tc - f->co2s1 - f->cfs1s3;
                eflow(s->som1_c[L], s->som1_n[L], ces21n[L], f->cfs1s2, f->co2s1, &f->e[EN].ef[F_S1S2],
                      &f->e[EN].imm[F_S1S2], &f->e[EN].mnr[F_S1S2]);
                eflow(s->som1_c[L], s->som1_n[L], ces3n[L], f->cfs1s3, -99.0, &f->e[EN].ef[F_S1S3],
                      &f->e[EN].imm[F_S1S3], &f->e[EN].mnr[F_S1S3]);
                if (el == 2)
                    eflow(s->som1_c[L], s->som1_p[L], ces23p[L], f->cfs1s2 + f->cfs1s3, f->co2s1,
                          &f->e[EP].ef[F_S1S23], &f->e[EP].imm[F_S1S23], &f->e[EP].mnr[F_S1S23]);
            }
            if (s->som2_c[L] > 1e-6) {
                const double tc = mind(s->som2_c[L] * df * DECS2 * (docult[L] ? CULS2Q : 1.0), s->som2_c[L]);
                f->co2s2 = tc * CO2S2;
                f->cfs2s3 = tc * p->s2s3[L];
                f->cfs2s1 = tc - f->co2s2 - f->cfs2s3;
                eflow(s->som2_c[L], s->som2_n[L], ces1[EN][L], f->cfs2s1, f->co2s2, &f->e[EN].ef[F_S2S1],
                      &f->e[EN].imm[F_S2S1], &f->e[EN].mnr[F_S2S1]);
                eflow(s->som2_c[L], s->som2_n[L], ces3n[L], f->cfs2s3, -99.0, &f->e[EN].ef[F_S2S3],
                      &f->e[EN].imm[F_S2S3], &f->e[EN].mnr[F_S2S3]);
            }
            if (s->som3_c[L] > 1e-6) {
                const double tc = mind(s->som3_c[L] * df * DECS3 * (docult[L] ? CULS3Q : 1.0), s->som3_c[L]);
                f->co2s3 = tc * CO2S3;
                f->cfs3s1 = tc - f->co2s3;
                eflow(s->som3_c[L], s->som3_n[L], ces1[EN][L], f->cfs3s1, f->co2s3, &f->e[EN].ef[F_S3S1],
                      &f->e[EN].imm[F_S3S1], &f->e[EN].mnr[F_S3S1]);
            }
            if (el == 2 && s->som23_p[L] > 1e-6)
                eflow(s->som23_c[L], s->som23_p[L], ces1[EP][L], f->cfs2s1 + f->cfs3s1, f->co2s2 + f->co2s3,
                      &f->e[EP].ef[F_S23S1], &f->e[EP].imm[F_S23S1], &f->e[EP].mnr[F_S23S1]);
        }
    }

    /* today's layer-1 factor, for tomorrow's surface microbes (DEFAC is SAVEd in CENTURY.for) */
    s->defac1_prev = df1;

    /* ---- immobilisation limit (IMMOBLIMIT_C): net immobilising groups of flows are scaled so
       the layer's (layer 1 and the surface: together) demand stays within layer 1's mineral E
       above XMIN (Q7); the element that limits is the one of the deepest layer (Q8) ---- */
    double reduc[NL1];
    int lim_el = EN;
    {
        double sumnet[2][NL1];
        for (int L = 0; L <= n; L++)
            for (int e = 0; e < el; e++) {
                const layer_flows *f = &fl[L];
                double g[5];
                g[0] = net(f, F_METS1, e);
                g[1] = net(f, F_STRS1, e) + net(f, F_STRLIG, e);
                g[2] = e == EN ? net(f, F_S1S2, EN) + net(f, F_S1S3, EN) : net(f, F_S1S23, EP);
                g[3] = e == EN ? net(f, F_S2S1, EN) + net(f, F_S2S3, EN) : net(f, F_S23S1, EP);
                g[4] = e == EN ? net(f, F_S3S1, EN) : 0.0;
                double t = 0.0;
                for (int k = 0; k < 5; k++) t += maxd(g[k], 0.0);
                sumnet[e][L] = t;
            }
        for (int L = 1; L <= n; L++) {
            double rf[2] = {1.0, 1.0};
            for (int e = 0; e < el; e++) {
                const double dem = L == 1 ? sumnet[e][0] + sumnet[e][1] : sumnet[e][L];
                const double avail = maxd(0.0, aminrl[e][1] - XMIN_E[e]);
                rf[e] = dem > avail && dem > 1e-7 ? clampd(avail / dem, 0.0, 1.0) : 1.0;
            }
            reduc[L] = rf[EN];
            lim_el = EN;
            if (el == 2 && rf[EP] < rf[EN]) {
                reduc[L] = rf[EP];
                lim_el = EP;
            }
        }
        reduc[0] = reduc[1];
    }
    for (int L = 0; L <= n; L++) {
        layer_flows *f = &fl[L];
        const double x = reduc[L];
        if (x < 1.0) {
            const int e = lim_el;
            if (net(f, F_METS1, e) > 1e-6) {
                f->cfmets1 *= x; f->co2met *= x;
                for (int q = 0; q < el; q++) scale_flow(f, F_METS1, q, x);
            }
            if (net(f, F_STRS1, e) + net(f, F_STRLIG, e) > 1e-6) {
                f->cfstrs1 *= x; f->cfstrs2 *= x; f->co2str_non *= x; f->co2str_lig *= x;
                for (int q = 0; q < el; q++) scale_flow(f, F_STRS1, q, x);
                scale_flow(f, F_STRLIG, EN, x);
                if (el == 2) {
                    /* DSSAT rebuilds the lignin P flow from arrays never set (Q10): the surface
                       loses all of it, soil layers keep the P moving but not its IMM, MNR */
                    if (L == 0) f->e[EP].ef[F_STRLIG] = 0.0;
                    else f->e[EP].ef[F_STRLIG] *= x;
                    f->e[EP].imm[F_STRLIG] = f->e[EP].mnr[F_STRLIG] = 0.0;
                }
            }
            const double s1net = e == EN ? net(f, F_S1S2, EN) + net(f, F_S1S3, EN) : net(f, F_S1S23, EP);
            if (s1net > 1e-6) {
                f->cfs1s2 *= x; f->cfs1s3 *= x; f->co2s1 *= x; /* (surface: DSSAT reads out of bounds, Q9) */
                scale_flow(f, F_S1S2, EN, x);
                scale_flow(f, F_S1S3, EN, x);
                if (el == 2) scale_flow(f, F_S1S23, EP, x);
            }
            if (L > 0) {
                const double s2net = e == EN ? net(f, F_S2S1, EN) + net(f, F_S2S3, EN) : net(f, F_S23S1, EP);
                if (s2net > 1e-6) {
                    f->cfs2s1 *= x; f->cfs2s3 *= x; f->co2s2 *= x;
                    scale_flow(f, F_S2S1, EN, x);
                    scale_flow(f, F_S2S3, EN, x);
                    if (el == 2) scale_flow(f, F_S23S1, EP, x);
                }
                /* SOM3 only when N limits; its P (in S23S1) is not scaled with it (Q11) */
                if (e == EN && net(f, F_S3S1, EN) > 1e-6) {
                    f->cfs3s1 *= x; f->co2s3 *= x;
                    scale_flow(f, F_S3S1, EN, x);
                }
            }
        }
        /* ---- the day's rates (IMMOBLIMIT_C "Combine all the fluxes") ---- */
        const element_flows *fn = &f->e[EN], *fp = &f->e[EP];
        dmc[L] += -f->cfmets1 - f->co2met;
        dsc[L] += -f->cfstrs1 - f->cfstrs2 - f->co2str_non - f->co2str_lig;
        dlig[L] += -f->cfstrs2 - f->co2str_lig;
        dmn[L] += -fn->ef[F_METS1] - fn->mnr[F_METS1];
        dsn[L] += -fn->ef[F_STRS1] - fn->ef[F_STRLIG] - fn->mnr[F_STRS1] - fn->mnr[F_STRLIG];
        if (el == 2) {
            dmp[L] += -fp->ef[F_METS1] - fp->mnr[F_METS1];
            dsp[L] += -fp->ef[F_STRS1] - fp->ef[F_STRLIG] - fp->mnr[F_STRS1] - fp->mnr[F_STRLIG];
        }
        if (L == 0) {
            ds1c[0] += f->cfmets1 + f->cfstrs1 - f->cfs1s2 - f->co2s1;
            ds1n[0] += fn->ef[F_METS1] + fn->ef[F_STRS1] - fn->ef[F_S1S2] - fn->mnr[F_S1S2] +
                       fn->imm[F_METS1] + fn->imm[F_STRS1];
            if (el == 2)
                ds1p[0] += fp->ef[F_METS1] + fp->ef[F_STRS1] - fp->ef[F_S1S23] - fp->mnr[F_S1S23] +
                           fp->imm[F_METS1] + fp->imm[F_STRS1];
        } else {
            ds1c[L] += f->cfmets1 + f->cfstrs1 - f->cfs1s2 - f->cfs1s3 - f->co2s1 + f->cfs2s1 + f->cfs3s1;
            ds1n[L] += fn->ef[F_METS1] + fn->ef[F_STRS1] - fn->ef[F_S1S2] - fn->ef[F_S1S3] +
                       fn->ef[F_S2S1] + fn->ef[F_S3S1] - fn->mnr[F_S1S2] - fn->mnr[F_S1S3] +
                       fn->imm[F_METS1] + fn->imm[F_STRS1] + fn->imm[F_S2S1] + fn->imm[F_S3S1];
            ds2c[L] += f->cfstrs2 + f->cfs1s2 - f->cfs2s1 - f->cfs2s3 - f->co2s2;
            ds2n[L] += fn->ef[F_STRLIG] + fn->ef[F_S1S2] - fn->ef[F_S2S1] - fn->ef[F_S2S3] -
                       fn->mnr[F_S2S1] - fn->mnr[F_S2S3] + fn->imm[F_STRLIG] + fn->imm[F_S1S2];
            ds3c[L] += f->cfs1s3 + f->cfs2s3 - f->cfs3s1 - f->co2s3;
            ds3n[L] += fn->ef[F_S1S3] + fn->ef[F_S2S3] - fn->ef[F_S3S1] - fn->mnr[F_S3S1] +
                       fn->imm[F_S1S3] + fn->imm[F_S2S3];
            if (el == 2) {
                ds1p[L] += fp->ef[F_METS1] + fp->ef[F_STRS1] - fp->ef[F_S1S23] + fp->ef[F_S23S1] -
                           fp->mnr[F_S1S23] + fp->imm[F_METS1] + fp->imm[F_STRS1] + fp->imm[F_S23S1];
                ds23p[L] += fp->ef[F_STRLIG] + fp->ef[F_S1S23] - fp->ef[F_S23S1] - fp->mnr[F_S23S1] +
                            fp->imm[F_STRLIG] + fp->imm[F_S1S23];
            }
            if (L == 1) { /* the surface's lignin and microbes become SOM2/SOM23 of layer 1 */
                const layer_flows *f0 = &fl[0];
                const element_flows *f0n = &f0->e[EN], *f0p = &f0->e[EP];
                ds2c[1] += f0->cfstrs2 + f0->cfs1s2;
                ds2n[1] += f0n->ef[F_STRLIG] + f0n->ef[F_S1S2] + f0n->imm[F_STRLIG] + f0n->imm[F_S1S2];
                if (el == 2)
                    ds23p[1] += f0p->ef[F_STRLIG] + f0p->ef[F_S1S23] + f0p->imm[F_STRLIG] +
                                f0p->imm[F_S1S23];
            }
        }
        /* gross mineral flows of the layer where the E is released or taken */
        for (int e = 0; e < el; e++) {
            double m = 0.0, im = e == EN ? immob[L] : 0.0;
            for (int k = 0; k < NFLOW; k++) {
                m += f->e[e].mnr[k];
                im += f->e[e].imm[k];
            }
            if (e == EN) {
                r->mineralised_n[L] = m;
                r->immobilised_n[L] = im;
            } else {
                r->mineralised_p[L] = m;
                r->immobilised_p[L] = im;
            }
        }
        r->co2_c[L] = f->co2met + f->co2str_lig + f->co2str_non + f->co2s1 + f->co2s2 + f->co2s3;
    }

    /* ---- integration (CENTURY.for INTEGR) ---- */
    for (int L = 0; L <= n; L++) {
        s->metab_c[L] += dmc[L];
        s->struc_c[L] += dsc[L];
        /* lignin at most the structural C; not below 0 either (DSSAT lets the surface lignin go
           negative under its frozen lignin fraction, Q12; only a tillage's INCORPOR_C reads it) */
        s->lig_c[L] = clampd(s->lig_c[L] + dlig[L], 0.0, maxd(s->struc_c[L], 0.0));
        s->som1_c[L] += ds1c[L];
        s->metab_n[L] += dmn[L];
        s->struc_n[L] += dsn[L];
        s->som1_n[L] += ds1n[L];
        if (el == 2) {
            s->metab_p[L] += dmp[L];
            s->struc_p[L] += dsp[L];
            s->som1_p[L] += ds1p[L];
        }
        if (L > 0) {
            s->som2_c[L] += ds2c[L];
            s->som3_c[L] += ds3c[L];
            s->som23_c[L] += ds2c[L] + ds3c[L];
            s->som2_n[L] += ds2n[L];
            s->som3_n[L] += ds3n[L];
            if (el == 2) s->som23_p[L] += ds23p[L];
            /* the soil layers' lignin fraction follows; the surface's stays (Q12) */
            s->frlstr[L] = s->struc_c[L] > 1e-4 ? s->lig_c[L] / s->struc_c[L] : 0.0;
        }
    }
    /* (no check of the new pools: with the inputs checked above every flow is finite and
       bounded by its pool; DSSAT's NCHECK_C only warns of the small negatives rounding and
       PARTIT_C's −1E-6 tolerance can leave, and so does this port) */
    /* ---- totals, balance of the pools, mulch (TSOMLIT_C) ---- */
    for (int L = 0; L <= n; L++) {
        r->mineralised_n_kg_ha += r->mineralised_n[L];
        r->immobilised_n_kg_ha += r->immobilised_n[L];
        r->mineralised_p_kg_ha += r->mineralised_p[L];
        r->immobilised_p_kg_ha += r->immobilised_p[L];
        r->co2_c_kg_ha += r->co2_c[L];
    }
    const double ec = fabs(c0 + in_c - r->co2_c_kg_ha - total_pools(s, 0));
    const double en = fabs(n0 + in_n + r->immobilised_n_kg_ha - r->mineralised_n_kg_ha - total_pools(s, 1));
    const double ep = el == 2 ? fabs(p0 + in_p + r->immobilised_p_kg_ha - r->mineralised_p_kg_ha - total_pools(s, 2))
                              : 0.0;
    r->balance_error = maxd(ec, maxd(en, ep));
    if (r->balance_error > s->max_abs_balance_error) s->max_abs_balance_error = r->balance_error;
    r->mulch_kg_ha = 1.9 * s->som1_c[0] + 2.5 * (s->metab_c[0] + s->struc_c[0]);
    s->cum_co2_c += r->co2_c_kg_ha;
    s->cum_mineralised_n += r->mineralised_n_kg_ha;
    s->cum_immobilised_n += r->immobilised_n_kg_ha;
    s->cum_mineralised_p += r->mineralised_p_kg_ha;
    s->cum_immobilised_p += r->immobilised_p_kg_ha;
    s->day++;
}

void agro_century_till_unchecked(agro_century_state *s, double depth_cm, double pct) {
    s->till_depth_cm = depth_cm;
    s->till_pct = pct;
}

int agro_century_rates_check(agro_ctx *ctx, int32_t n, const double *const *rates,
                             const char *const *names, int k)
{
    for (int32_t L = 0; L <= n; L++)
        for (int j = 0; j < k; j++) {
            const double v = rates[j][L];
            if (!(v >= 0.0 && v < INFINITY))
                return agro_fail(ctx, agro_range_status(v), NULL, 0, names[j],
                                 "CENTURY rate of layer %d: %g (finite, >= 0)", (int)L, v);
        }
    return AGRO_OK;
}
