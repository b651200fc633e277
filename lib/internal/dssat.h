/* Private to the library: rules the DSSAT runner's season mapping and day loop apply
 * (lib/dssat/season.c, run.c), and DSSAT's standard data tables the scenario reader and the
 * field read as well (residue types, fertiliser materials). */
#ifndef AGROSIM_INTERNAL_DSSAT_H
#define AGROSIM_INTERNAL_DSSAT_H

#include "agrosim/dssat.h"

/* agro_dssat_treatment_get and agro_dssat_pest_load with the YYDDD dates of the X (and T) file
 * read as DSSAT reads them against a weather file with four-digit years: Y4K_DOY places each in
 * the hundred years from that file's first day, @p first_weather_date (YEARDOY; DSSAT's
 * FirstWeatherDate, set by MAKEFILEW), and stops on one more than 99 years after it
 * (AGRO_ERANGE naming the row and column). 0: the cross-over year, as the public calls. */
int agro_dssat_treatment_get_weather(agro_ctx *ctx, const agro_dssat_exp *x, int32_t number,
                                     int32_t first_weather_date, agro_dssat_treatment *o);
int agro_dssat_pest_load_weather(agro_ctx *ctx, const char *path, const agro_dssat_exp *x,
                                 int32_t treatment, int32_t first_weather_date,
                                 agro_dssat_pest *out);

/* Irrigation application efficiency (fraction) of treatment @p t, DSSAT IRRIG.for: for
 * reported irrigation (R, D) EFIR, else the first automatic row's IREFF; for A, F, E and T the
 * IREFF of automatic-irrigation row @p row (0: auto_irr_efficiency; k >= 1:
 * auto_irr_row_efficiency[k]); for P and W the first row's IREFF, for the reported and the
 * automatic part alike. 1 where the value used is missing or not > 0 (EFIR plays no part
 * outside R and D: DSSAT reads EFFIRR from the automatic-management line). */
double agro_dssat_irrigation_efficiency(const agro_dssat_treatment *t, int32_t row);

/* The T file of experiment @p x into @p buf (@p n bytes): the X file's path with the last
 * letter of its extension made T (IUAF9902.MZX -> IUAF9902.MZT), as DSSAT's FILET. -1 when
 * the path does not end in X or does not fit. */
int agro_dssat_tfile_path(const agro_dssat_exp *x, char *buf, size_t n);

/* The weather file DSSAT's MAKEFILEW reads the first date of (FirstWeatherDate) for station
 * @p wsta and a season starting on @p date: DIR/WSTA.WTH for an 8-character station, else
 * DIR/SSSSYY01.WTH, YY the date's two-digit year. -1 (no file) for a station shorter than 4
 * characters, no date or a name that does not fit @p n bytes (run.c). */
int agro_dssat_first_weather_path(const char *dir, const char *wsta, int32_t date, char *path,
                                  size_t n);
/* DSSAT's FirstWeatherDate (YEARDOY) from that file: its first date when it has a "$WEATHER"
 * line before its daily header and the line after that header starts with a seven-digit
 * date; 0 otherwise, as DSSAT's -99 (run.c). */
int32_t agro_dssat_first_weather_date(const char *dir, const char *wsta, int32_t date);
/* 1 when @p name is a multi-year weather file SSSSYYNN.WTH of station @p wsta (its first 4
 * letters, case ignored) whose years YY .. YY+NN-1, placed in the century that puts YY at or
 * before @p year, include @p year; the runner chains such files for a year without an
 * SSSSYY01.WTH (run.c). */
int agro_dssat_wth_file_covers(const char *name, const char *wsta, int32_t year);
/* The weather a season of @p t needs, YEARDOY: from the start (SDATE, else the planting date
 * or the automatic-planting window's first day) to 365 days after the (latest) planting
 * date. -1, both 0, when the treatment has no planting (the runner refuses it) (run.c). */
int agro_dssat_weather_span(const agro_dssat_treatment *t, int32_t *first, int32_t *last);
/* Add to @p in the weather files the run of season @p season (0 .. NYERS − 1) of treatment
 * @p t (its dates placed as the runner places them; shifted here by @p season years) opens or
 * probes in folder @p wdir for station @p wsta: the runner's own chain of files, loaded as it
 * loads them, so a yearly SSSSYY01.WTH is listed only when no file already loaded covers its
 * year (an 8-character WSTA.WTH covering the season, a multi-year file), a multi-year file
 * only when the run opens it. @return AGRO_OK (a file that fails to load ends the list, as it
 * ends the run; @p ctx's message kept); AGRO_ENOMEM; AGRO_ECANCELED for a cancel request on
 * @p ctx, which the loads see at the readers' cancel points (run.c). */
int agro_dssat_weather_inputs(agro_ctx *ctx, agro_dssat_treatment *t, int32_t season,
                              const char *wdir, const char *wsta, agro_dssat_inputs *in);

/* 1 when DSSAT tills treatment @p t: an MT level and TILL Y or R, or no simulation-controls
 * level (DSSAT IPSIM, IPTILL; docs/design/tillage.md §1.2). */
int agro_dssat_treatment_tills(const agro_dssat_treatment *t);

/* 1 when DSSAT applies reported row @p i of kind @p kind ('I' irrigation, 'F' fertiliser, 'R'
 * residue) of @p t, 0 when its daily scan never reaches it: IRRIG.for (R, D), Fert_Place.for
 * and OM_Place.for go through the rows in file order and stop at the first one dated after the
 * day, so a row after a later-dated one is skipped; under IRRIG P and W a row dated after the
 * last IR001-IR006 row is (the automatic part runs from the next day). Irrigation rows count
 * only among IR001-IR006, IRRIG.for's JULAPL. Options other than those return 1. */
int agro_dssat_row_reached(const agro_dssat_treatment *t, int32_t kind, int32_t i);
/* 1 when irrigation row @p i of @p t is water (IR001-IR006, IRRIG.for CASE (1:6)); IR007-IR011
   set a water table, bunds or flooding. */
int agro_dssat_irrigation_is_water(const agro_dssat_treatment *t, int32_t i);

/* Residue type @p code (RCOD RE001 → 1, RE203 → 203) of DSSAT RESCH048.SDA (@VERSION 4.8.5.0):
 * lignin fraction PSLIG, shoot N SCN % and P SCP %; an unknown code gives the first row, RE001
 * (DSSAT IPSOIL). */
void agro_dssat_residue_type(int32_t code, double *pslig, double *scn_pct, double *scp_pct);
/* PRLIG of residue type @p code (RESCH048.SDA's sub-surface lignin fraction), which CERES's
 * SoilOrg.for gives applied residue in the soil; the row's PSLIG where the file has none (-99,
 * the manures and compost; DSSAT-CSM 4.8 IPSOIL.for); an unknown code gives RE001's */
double agro_dssat_residue_type_prlig(int32_t code);

/* Residue type @p code as mulch (RESCH048.SDA, as above): area per mass AM, cm²/g; extinction
 * coefficient EXTFAC; water at saturation WATFAC, kg/kg; an unknown code gives RE001. */
void agro_dssat_residue_mulch(int32_t code, double *am_cm2_g, double *extfac, double *watfac_kg_kg);

/* Whether FERCH048.SDA material FE<@p material> carries P (*@p has_p) and K (*@p has_k): its
 * FertP or FertK above 0 or "var" (DSSAT FertType_mod.for FERTILIZERTYPE, HASP and HASK);
 * 0 and 0 for an unknown material. */
void agro_dssat_fertiliser_carries(int32_t material, int *has_p, int *has_k);


#endif
