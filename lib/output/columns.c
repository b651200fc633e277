/*
 * Column tables of the results files. Names follow the ICASA Master Variable List / DSSAT
 * output conventions (White et al. 2013, Comput. Electron. Agric. 96:1; DSSAT Summary.OUT,
 * PlantGro.OUT, SoilWat.OUT, SoilNi.OUT headers) where one exists, CERES names otherwise.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal/error.h"
#include "internal/results.h"
#include "internal/file.h"
#include "output_impl.h"

#define S(m) offsetof(agro_season_summary, m)
#define R(m) offsetof(agro_run_info, m)
#define D(m) offsetof(agro_field_daily, m)

const out_column out_summary_columns[] = {
    {"MEMBER", "member", "", "weather ensemble member (0-based)", OUT_INT, OUT_SRC_RUN, R(member), OUT_GROUP_RUN},
    {"SEASON", "season", "", "season index (0-based)", OUT_INT, OUT_SRC_RUN, R(season), OUT_GROUP_RUN},
    {"YEAR", "year", "yr", "calendar year in which the season starts", OUT_INT, OUT_SRC_RUN, R(year), OUT_GROUP_RUN},
    {"CROP", "crop", "", "main crop code (1 maize)", OUT_INT, OUT_SRC_RUN, R(crop), OUT_GROUP_RUN},
    {"HWAM", "yield_kg_ha", "kg/ha", "grain yield at maturity or harvest (at the last simulated day when the run ends first: MDAT empty, FAIL 0), dry weight", OUT_DOUBLE, OUT_SRC_SUMMARY, S(hwam_kg_ha), OUT_GROUP_CROP},
    {"ADAP", "anthesis_dap", "d", "anthesis (silking) day after planting", OUT_INT, OUT_SRC_SUMMARY, S(anthesis_dap), OUT_GROUP_CROP},
    {"MDAP", "maturity_dap", "d", "physiological maturity day after planting", OUT_INT, OUT_SRC_SUMMARY, S(maturity_dap), OUT_GROUP_CROP},
    {"EDAP", "emergence_dap", "d", "emergence day after planting", OUT_INT, OUT_SRC_SUMMARY, S(emergence_dap), OUT_GROUP_CROP},
    {"PDAT", "sowing_date", "YYYYDDD", "planting date", OUT_INT, OUT_SRC_DATE, S(sowing_year), OUT_GROUP_CROP},
    {"ADAT", "anthesis_date", "YYYYDDD", "anthesis (silking) date", OUT_INT, OUT_SRC_DATE, S(anthesis_year), OUT_GROUP_CROP},
    {"MDAT", "maturity_date", "YYYYDDD", "physiological maturity date", OUT_INT, OUT_SRC_DATE, S(maturity_year), OUT_GROUP_CROP},
    {"HDAT", "harvest_date", "YYYYDDD", "harvest date", OUT_INT, OUT_SRC_DATE, S(harvest_year), OUT_GROUP_CROP},
    {"HBAG", "yield_bags_per_area", "bags/area", "grain yield in reporting bags per reporting area, grain at the bag moisture (root attributes bag_kg, area_ha, grain_moisture_pct)", OUT_DOUBLE, OUT_SRC_BAGS, 0, OUT_GROUP_CROP},
    {"PLPOP", "population_pl_m2", "plants/m2", "plant population at the end of the season: at emergence less the plants that damage killed", OUT_DOUBLE, OUT_SRC_SUMMARY, S(population_pl_m2), OUT_GROUP_CROP},
    {"E#AM", "ears_m2", "ears/m2", "ears per m2 after barrenness", OUT_DOUBLE, OUT_SRC_SUMMARY, S(ears_m2), OUT_GROUP_CROP},
    {"H#AM", "kernels_m2", "kernels/m2", "kernel number per m2", OUT_DOUBLE, OUT_SRC_SUMMARY, S(hnam_m2), OUT_GROUP_CROP},
    {"GPP", "kernels_per_plant", "kernels/plant", "kernels per ear-bearing plant (CERES GPP; H#AM = GPP x E#AM)", OUT_DOUBLE, OUT_SRC_SUMMARY, S(kernels_per_plant), OUT_GROUP_CROP},
    {"HWUM", "kernel_weight_g", "g", "unit kernel dry weight", OUT_DOUBLE, OUT_SRC_SUMMARY, S(hwum_g), OUT_GROUP_CROP},
    {"CWAM", "biomass_kg_ha", "kg/ha", "tops dry weight at maturity or harvest (the last simulated day when the run ends first)", OUT_DOUBLE, OUT_SRC_SUMMARY, S(cwam_kg_ha), OUT_GROUP_CROP},
    {"HIAM", "harvest_index", "", "harvest index (grain / tops)", OUT_DOUBLE, OUT_SRC_SUMMARY, S(hiam), OUT_GROUP_CROP},
    {"LAIX", "lai_max", "m2/m2", "maximum leaf area index", OUT_DOUBLE, OUT_SRC_SUMMARY, S(laix), OUT_GROUP_CROP},
    {"L#SM", "leaf_number", "leaves/plant", "final leaf number", OUT_DOUBLE, OUT_SRC_SUMMARY, S(leaf_number), OUT_GROUP_CROP},
    {"NUCM", "n_uptake_kg_ha", "kg[N]/ha", "cumulative crop N uptake", OUT_DOUBLE, OUT_SRC_SUMMARY, S(nucm_kg_ha), OUT_GROUP_CROP},
    {"CNAM", "tops_n_kg_ha", "kg[N]/ha", "tops N at maturity", OUT_DOUBLE, OUT_SRC_SUMMARY, S(cnam_kg_ha), OUT_GROUP_CROP},
    {"GNAM", "grain_n_kg_ha", "kg[N]/ha", "grain N at maturity", OUT_DOUBLE, OUT_SRC_SUMMARY, S(gnam_kg_ha), OUT_GROUP_CROP},
    {"NICM", "n_fertiliser_kg_ha", "kg[N]/ha", "mineral N fertiliser applied", OUT_DOUBLE, OUT_SRC_SUMMARY, S(nicm_kg_ha), OUT_GROUP_CROP},
    {"PRCM", "rain_mm", "mm", "rain over the simulated season", OUT_DOUBLE, OUT_SRC_SUMMARY, S(prcm_mm), OUT_GROUP_CROP},
    {"IRCM", "irrigation_mm", "mm", "irrigation applied", OUT_DOUBLE, OUT_SRC_SUMMARY, S(ircm_mm), OUT_GROUP_CROP},
    {"ETCM", "et_mm", "mm", "evapotranspiration (soil and mulch evaporation + all canopies, as DSSAT ETCM)", OUT_DOUBLE, OUT_SRC_SUMMARY, S(etcm_mm), OUT_GROUP_CROP},
    {"EPCM", "transpiration_mm", "mm", "crop transpiration", OUT_DOUBLE, OUT_SRC_SUMMARY, S(epcm_mm), OUT_GROUP_CROP},
    {"ESCM", "soil_evaporation_mm", "mm", "soil evaporation, the surface mulch's evaporation included (DSSAT ESCM; the daily ESAA is the soil's alone)", OUT_DOUBLE, OUT_SRC_SUMMARY, S(escm_mm), OUT_GROUP_CROP},
    {"DRCM", "drainage_mm", "mm", "drainage below the profile", OUT_DOUBLE, OUT_SRC_SUMMARY, S(drcm_mm), OUT_GROUP_CROP},
    {"ROCM", "runoff_mm", "mm", "surface runoff", OUT_DOUBLE, OUT_SRC_SUMMARY, S(rocm_mm), OUT_GROUP_CROP},
    {"NLCM", "n_leached_kg_ha", "kg[N]/ha", "nitrate and urea leached below the profile", OUT_DOUBLE, OUT_SRC_SUMMARY, S(nlcm_kg_ha), OUT_GROUP_CROP},
    {"NDNC", "n_denitrified_kg_ha", "kg[N]/ha", "nitrate lost to denitrification", OUT_DOUBLE, OUT_SRC_SUMMARY, S(ndnc_kg_ha), OUT_GROUP_CROP},
    {"AMLC", "n_volatilised_kg_ha", "kg[N]/ha", "NH3 volatilised from fertiliser left on the surface", OUT_DOUBLE, OUT_SRC_SUMMARY, S(amlc_kg_ha), OUT_GROUP_CROP},
    {"WDWX", "weeds_biomass_max_kg_ha", "kg/ha", "largest weed above-ground dry weight", OUT_DOUBLE, OUT_SRC_SUMMARY, S(weeds_biomass_max_kg_ha), OUT_GROUP_CROP},
    {"WDRM", "weeds_removed_kg_ha", "kg/ha", "weed dry weight removed by weedings", OUT_DOUBLE, OUT_SRC_SUMMARY, S(weeds_biomass_removed_kg_ha), OUT_GROUP_CROP},
    {"WSPAV", "water_stress_mean", "", "mean water stress factor on photosynthesis, emergence to maturity (1 = none)", OUT_DOUBLE, OUT_SRC_SUMMARY, S(swfac_mean), OUT_GROUP_CROP},
    {"NSTAV", "n_stress_mean", "", "mean N stress factor on photosynthesis, emergence to maturity (1 = none)", OUT_DOUBLE, OUT_SRC_SUMMARY, S(nstress_mean), OUT_GROUP_CROP},
    {"FAIL", "crop_failed", "", "1 if the crop did not emerge or died; 2 if an automatic sowing window closed unsown", OUT_INT, OUT_SRC_SUMMARY, S(crop_failed), OUT_GROUP_CROP},
    {"DMGM", "damage_dm_kg_ha", "kg/ha", "crop dry matter removed by damage events (pests, diseases, hail, grazing)", OUT_DOUBLE, OUT_SRC_SUMMARY, S(damage_dm_kg_ha), OUT_GROUP_CROP},
    {"DMGN", "damage_n_kg_ha", "kg[N]/ha", "crop N removed with it", OUT_DOUBLE, OUT_SRC_SUMMARY, S(damage_n_kg_ha), OUT_GROUP_CROP},
    {"PICM", "p_fertiliser_kg_ha", "kg[P]/ha", "fertiliser P applied", OUT_DOUBLE, OUT_SRC_SUMMARY, S(picm_kg_ha), OUT_GROUP_CROP},
    {"PUPC", "p_uptake_kg_ha", "kg[P]/ha", "crop P uptake (0 when P is not simulated)", OUT_DOUBLE, OUT_SRC_SUMMARY, S(pupc_kg_ha), OUT_GROUP_CROP},
    /* PPAM: crop P at maturity, after DSSAT PlantP.OUT PPAD (tops and roots) */
    {"PPAM", "crop_p_kg_ha", "kg[P]/ha", "crop P (tops and roots) at maturity", OUT_DOUBLE, OUT_SRC_SUMMARY, S(cpam_kg_ha), OUT_GROUP_CROP},
    {"PSTAV", "p_stress_mean", "", "mean P stress factor on photosynthesis, emergence to maturity (1 = none)", OUT_DOUBLE, OUT_SRC_SUMMARY, S(pstress_mean), OUT_GROUP_CROP},
    {"WBAL", "water_balance_error_mm", "mm", "water balance closure error over the run", OUT_DOUBLE, OUT_SRC_SUMMARY, S(water_balance_error_mm), OUT_GROUP_CROP},
    {"NBAL", "n_balance_error_kg_ha", "kg[N]/ha", "nitrogen balance closure error over the run", OUT_DOUBLE, OUT_SRC_SUMMARY, S(n_balance_error_kg_ha), OUT_GROUP_CROP},
    {"PBAL", "p_balance_error_kg_ha", "kg[P]/ha", "phosphorus balance closure error over the run (soil + crop)", OUT_DOUBLE, OUT_SRC_SUMMARY, S(p_balance_error_kg_ha), OUT_GROUP_CROP},
};
const size_t out_n_summary_columns = sizeof out_summary_columns / sizeof out_summary_columns[0];

const out_daily_var out_daily_vars[] = {
    {"time", "YEAR", "yr", "calendar year", OUT_INT, D(year), 0},
    {"time", "DOY", "d", "day of year", OUT_INT, D(doy), 0},
    {"time", "DAS", "d", "days after simulation start", OUT_INT, D(das), 0},
    {"time", "DAP", "d", "days after planting (-1 before sowing)", OUT_INT, D(dap), 0},
    {"maize", "GSTD", "", "CERES-Maize growth stage (ISTAGE)", OUT_INT, D(stage), 0},
    {"maize", "L#SD", "leaves/plant", "leaf number", OUT_DOUBLE, D(leaf_number), 0},
    {"maize", "LAID", "m2/m2", "leaf area index", OUT_DOUBLE, D(lai_crop), 0},
    {"maize", "CWAD", "kg/ha", "tops dry weight", OUT_DOUBLE, D(biomass_kg_ha), 0},
    {"maize", "GWAD", "kg/ha", "grain dry weight", OUT_DOUBLE, D(grain_kg_ha), 0},
    {"maize", "LWAD", "kg/ha", "leaf dry weight", OUT_DOUBLE, D(leaf_kg_ha), 0},
    {"maize", "SWAD", "kg/ha", "stem dry weight", OUT_DOUBLE, D(stem_kg_ha), 0},
    {"maize", "EWAD", "kg/ha", "ear dry weight", OUT_DOUBLE, D(ear_kg_ha), 0},
    {"maize", "RWAD", "kg/ha", "root dry weight", OUT_DOUBLE, D(root_kg_ha), 0},
    {"maize", "G#AD", "kernels/m2", "kernel number", OUT_DOUBLE, D(kernels_m2), 0},
    {"maize", "RDPD", "cm", "root depth", OUT_DOUBLE, D(root_depth_cm), 0},
    {"maize", "TTD", "degC.d", "thermal time today", OUT_DOUBLE, D(gdd_Cd), 0},
    {"maize", "TTCUM", "degC.d", "thermal time since germination", OUT_DOUBLE, D(cum_gdd_Cd), 0},
    /* LI%D in percent, as DSSAT's daily outputs name it (0-100 %) */
    {"maize", "LI%D", "%", "PAR intercepted by the crop", OUT_PERCENT, D(fi_crop), 0},
    {"maize", "WSPD", "1", "water stress factor on photosynthesis (1 = none)", OUT_DOUBLE, D(swfac), 0},
    {"maize", "WSGD", "1", "water stress factor on expansion (1 = none)", OUT_DOUBLE, D(turfac), 0},
    {"maize", "NSTD", "1", "N stress factor on photosynthesis (1 = none)", OUT_DOUBLE, D(nstress), 0},
    {"maize", "CNAD", "kg[N]/ha", "N in crop tops (stover and grain), as DSSAT PlantN.OUT and the T files", OUT_DOUBLE, D(crop_tops_n_kg_ha), 0},
    /* TNAD: no DSSAT daily name; CNAD counts the tops only */
    {"maize", "TNAD", "kg[N]/ha", "N in the whole crop (tops and roots)", OUT_DOUBLE, D(crop_n_kg_ha), 0},
    {"maize", "NUAC", "kg[N]/ha", "cumulative crop N uptake", OUT_DOUBLE, D(crop_n_uptake_kg_ha), 0},
    /* P (DSSAT PlantP.OUT PST1A, PST2A are averages; these are the day's factors) */
    {"maize", "PST1D", "1", "P stress factor on photosynthesis (1 = none)", OUT_DOUBLE, D(pstres1), 0},
    {"maize", "PST2D", "1", "P stress factor on expansion and partitioning (1 = none)", OUT_DOUBLE, D(pstres2), 0},
    {"maize", "PPAD", "kg[P]/ha", "P in crop (tops and roots)", OUT_DOUBLE, D(crop_p_kg_ha), 0},
    {"maize", "EPAA", "mm/d", "crop transpiration", OUT_DOUBLE, D(transp_crop_mm), 0},
    /* RL1D..: CERES-Maize's PlantGro.OUT (MZ_OPGROW.for; CROPGRO's PlantGr2.OUT, OPGROW) */
    {"maize", "RLV", "cm/cm3", "root length density by soil layer", OUT_DOUBLE, D(rlv), "RL#D"},
    {"weeds", "LAID", "m2/m2", "weed leaf area index", OUT_DOUBLE, D(lai_weeds), 0},
    {"weeds", "CWAD", "kg/ha", "weed above-ground dry weight", OUT_DOUBLE, D(weeds_biomass_kg_ha), 0},
    {"weeds", "PLPD", "plants/m2", "living weed density", OUT_DOUBLE, D(weeds_density_m2), 0},
    {"weeds", "LI%D", "%", "PAR intercepted by the weeds", OUT_PERCENT, D(fi_weeds), 0},
    {"weeds", "EPAA", "mm/d", "weed transpiration", OUT_DOUBLE, D(transp_weeds_mm), 0},
    {"weeds", "CNAD", "kg[N]/ha", "N in weeds", OUT_DOUBLE, D(weeds_n_kg_ha), 0},
    {"soil", "SWTD", "mm", "total soil water in the profile", OUT_DOUBLE, D(sw_total_mm), 0},
    {"soil", "PESW", "mm", "plant-extractable soil water", OUT_DOUBLE, D(pesw_mm), 0},
    /* SW1D..: SoilWat.OUT (OPWBAL.for) */
    {"soil", "SW", "cm3/cm3", "volumetric soil water by layer", OUT_DOUBLE, D(sw), "SW#D"},
    {"soil", "NOTD", "kg[N]/ha", "soil nitrate in the profile", OUT_DOUBLE, D(no3_kg_ha), 0},
    {"soil", "NHTD", "kg[N]/ha", "soil ammonium in the profile", OUT_DOUBLE, D(nh4_kg_ha), 0},
    {"soil", "NLCD", "kg[N]/ha/d", "nitrate and urea leached below the profile", OUT_DOUBLE, D(n_leached_kg_ha), 0},
    {"soil", "NURTD", "kg[N]/ha", "fertiliser urea in the profile", OUT_DOUBLE, D(urea_kg_ha), 0},
    {"soil", "NDNC", "kg[N]/ha", "cumulative denitrification", OUT_DOUBLE, D(n_denitrified_kg_ha), 0},
    {"soil", "PAVLD", "kg[P]/ha", "soluble P in the root zone, available to the crop", OUT_DOUBLE, D(soil_p_avail_kg_ha), 0},
    {"soil", "PLABD", "kg[P]/ha", "labile inorganic P in the profile", OUT_DOUBLE, D(soil_p_labile_kg_ha), 0},
    {"soil", "SOCD", "kg[C]/ha", "organic C of the soil layers (CERES humus and FOM, or CENTURY SOM and litter)", OUT_DOUBLE, D(soil_org_c_kg_ha), 0},
    {"soil", "MWAD", "kg/ha", "surface residue (mulch) dry matter", OUT_DOUBLE, D(mulch_kg_ha), 0},
    {"soil", "MCFD", "1", "fraction of the surface the mulch covers (from the next day)", OUT_DOUBLE, D(mulch_cover), 0},
    {"soil", "MWTD", "mm", "water held by the surface mulch", OUT_DOUBLE, D(mulch_water_mm), 0},
    {"soil", "SNOW", "mm", "snow water on the ground (DSSAT SoilWat.OUT SNOW)", OUT_DOUBLE, D(snow_mm), 0},
    /* DSSAT SoilDyn.OUT ROCN, SUMKE, BD1..BDn, SAT1..SATn: tillage's soil properties */
    {"soil", "ROCN", "1", "runoff curve number in use (tillage changes it, rain recovers it)", OUT_DOUBLE, D(curve_number), 0},
    {"soil", "SUMKE", "1", "cumulative rain energy since the last tillage (0 untilled)", OUT_DOUBLE, D(till_sumke), 0},
    {"soil", "BD", "g/cm3", "bulk density by layer (tillage changes it)", OUT_DOUBLE, D(bulk_density_g_cm3), "BD#"},
    {"soil", "SAT", "cm3/cm3", "saturated water content by layer (tillage changes it)", OUT_DOUBLE, D(sat), "SAT#"},
    {"soil", "TS5D", "degC", "soil temperature at 5 cm", OUT_DOUBLE, D(soil_temp_5cm_C), 0},
    {"soil", "TSSD", "degC", "soil temperature at the sowing depth", OUT_DOUBLE, D(soil_temp_seed_C), 0},
    /* TS: DSSAT SoilTemp.OUT TS1D..TSnD (one column per layer, STEMP.for OPSTEMP) as one
       layered series; in the daily CSV ST1D.. under STEMP's array name ST, since TS5D is the
       scalar temperature at 5 cm above, not layer 5's */
    {"soil", "TS", "degC", "daily mean soil temperature by layer", OUT_DOUBLE, D(soil_temp_C), "ST#D"},
    /* NI1D.., NH1D..: SoilNi.OUT's nitrate and ammonium by layer in ppm (OPSOILNI.for OpSoilNi,
       SOILNI.for's NO3(L), NH4(L)); after TS, so that the daily CSV's earlier layer columns
       keep their places */
    {"soil", "NI", "ug[N]/g", "soil nitrate N by layer (ppm of dry soil)", OUT_DOUBLE, D(no3_ppm), "NI#D"},
    {"soil", "NH", "ug[N]/g", "soil ammonium N by layer (ppm of dry soil)", OUT_DOUBLE, D(nh4_ppm), "NH#D"},
    {"water", "PRED", "mm/d", "rain", OUT_DOUBLE, D(rain_mm), 0},
    {"water", "IRRD", "mm/d", "irrigation", OUT_DOUBLE, D(irrigation_mm), 0},
    {"water", "ROFD", "mm/d", "runoff", OUT_DOUBLE, D(runoff_mm), 0},
    {"water", "DRND", "mm/d", "drainage below the profile", OUT_DOUBLE, D(drainage_mm), 0},
    {"water", "ESAA", "mm/d", "soil evaporation", OUT_DOUBLE, D(soil_evap_mm), 0},
    {"water", "MEVAP", "mm/d", "evaporation from the surface mulch", OUT_DOUBLE, D(mulch_evap_mm), 0},
    {"water", "EOAA", "mm/d", "potential evapotranspiration", OUT_DOUBLE, D(pet_mm), 0},
    {"water", "EOPA", "mm/d", "potential transpiration of the canopies", OUT_DOUBLE, D(transp_pot_mm), 0},
};
const size_t out_n_daily_vars = sizeof out_daily_vars / sizeof out_daily_vars[0];

double out_column_value(const out_column *c, const agro_scenario_info *info,
                        const agro_run_info *ri, const agro_season_summary *s)
{
    const char *base = c->src == OUT_SRC_RUN ? (const char *)ri : (const char *)s;
    switch (c->src) {
    case OUT_SRC_BAGS: {
        double y = isfinite(s->hwam_kg_ha) ? s->hwam_kg_ha : 0.0;
        return y * agro_scenario_bags_per_kg_ha(info);
    }
    case OUT_SRC_DATE: {
        int32_t y, d;
        memcpy(&y, base + c->offset, sizeof y);
        memcpy(&d, base + c->offset + sizeof(int32_t), sizeof d);
        return y > 0 && d > 0 ? (double)y * 1000.0 + d : -1.0;
    }
    default:
        if (c->type == OUT_INT) {
            int32_t v;
            memcpy(&v, base + c->offset, sizeof v);
            return v;
        } else {
            double v;
            memcpy(&v, base + c->offset, sizeof v);
            return v;
        }
    }
}

void out_put_summary_value(FILE *fp, const out_column *c, double v)
{
    if (!isfinite(v))
        return; /* empty cell: not reached / not applicable */
    if (c->src == OUT_SRC_DATE && v < 0)
        return; /* stage not reached */
    if (c->type == OUT_INT && c->src == OUT_SRC_SUMMARY && v < 0 &&
        c->offset != offsetof(agro_season_summary, crop_failed))
        return; /* -1: stage not reached */
    if (c->type == OUT_INT || c->src == OUT_SRC_DATE)
        fprintf(fp, "%.0f", v);
    else
        fprintf(fp, "%.6g", v);
}

int out_check(agro_ctx *ctx, const agro_scenario *sc, const agro_results *res, const char *path,
              agro_scenario_info *info)
{
    if (!sc || !res || !path)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL, "no scenario, results or file name");
    /* the writers read the runs of @p res through the design of @p sc */
    if (agro_results_owner(res) != sc)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL,
                         "the results were made for another scenario");
    /* nor may a result replace a file the scenario was loaded from (a weather CSV or a soil
       JSON given as --summary would have been lost to the results) */
    int32_t k;
    agro_scenario_find_input(sc, path, &k);
    if (k >= 0) {
        char in[4096], key[256];
        agro_scenario_input(sc, k, in, sizeof in, key, sizeof key);
        if (!key[0])
            return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL,
                             "would replace the scenario file (\"%s\")", in);
        return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL,
                         "would replace the scenario's input %s (\"%s\")", key, in);
    }
    agro_scenario_get_info(sc, info);
    /* a cancel request pending (agro_ctx_cancel) writes nothing */
    return agro_check_cancel(ctx, path, "before writing");
}

AGRO_API int agro_output_check(agro_ctx *ctx, const agro_scenario *sc, const agro_results *res,
                               const char *path, int32_t flags)
{
    agro_scenario_info info;
    if (flags & ~AGRO_OUTPUT_CHECK_ALL_RUNS)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL, "unknown flags %d", (int)flags);
    int rc = out_check(ctx, sc, res, path, &info);
    if (rc || !(flags & AGRO_OUTPUT_CHECK_ALL_RUNS))
        return rc;
    return out_check_all_runs(ctx, res, path, info.n_runs);
}

int out_check_all_runs(agro_ctx *ctx, const agro_results *res, const char *path, int32_t n_runs)
{
    /* the first run not simulated, as agro_output_write_hdf5 names it, and how many runs are
     * done: the results of a cancelled or interrupted run are told from results never run */
    int32_t first = -1, n_done = 0;
    for (int32_t r = 0; r < n_runs; r++) {
        agro_run_info ri;
        agro_results_run_info(res, r, &ri);
        if (ri.done)
            n_done++;
        else if (first < 0)
            first = r;
    }
    if (first < 0)
        return AGRO_OK;
    return agro_fail(ctx, AGRO_ESTATE, path, 0, NULL,
                     "run %d has not been simulated (results in part: %d of the %d runs done)",
                     (int)first, (int)n_done, (int)n_runs);
}

int out_begin(agro_ctx *ctx, const agro_scenario *sc, const agro_results *res, const char *path,
              agro_scenario_info *info, char *tmp, size_t n)
{
    int rc = out_check(ctx, sc, res, path, info);
    return rc ? rc : agro_file_tmp_name(ctx, path, tmp, n);
}

int agro_output_mkdirs(agro_ctx *ctx, const char *path)
{
    if (!path || !path[0])
        return agro_fail(ctx, AGRO_EINVAL, NULL, 0, NULL, "no folder name given");
    char buf[4096];
    int k = snprintf(buf, sizeof buf, "%s", path);
    if (k < 0 || (size_t)k >= sizeof buf)
        return agro_fail(ctx, AGRO_EINVAL, path, 0, NULL, "folder name too long");
    for (char *p = buf + 1;; p++) {
        if (*p == '/' || *p == '\0') {
            char c = *p;
            *p = '\0';
            struct stat st;
            if (stat(buf, &st) != 0) {
                if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
                    char eb[AGRO_ERRNO_TEXT_MAX];
                    return agro_fail(ctx, AGRO_EIO, buf, 0, NULL, "cannot create folder: %s",
                                     agro_errno_text(errno, eb, sizeof eb));
                }
            } else if (!S_ISDIR(st.st_mode)) {
                return agro_fail(ctx, AGRO_EIO, buf, 0, NULL, "exists and is not a folder");
            }
            *p = c;
            if (c == '\0')
                break;
        }
    }
    return AGRO_OK;
}
