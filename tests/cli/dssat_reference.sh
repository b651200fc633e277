#!/bin/bash
# `agrosim run-dssat` against published runs of DSSAT-CSM itself: the crop's phenology and growth
# without water and N limitation, on the shared UFGA8201 (Gainesville 1982, IB0035, 7.2 pl/m²).
#
# The DSSAT figures are the real DSSAT-CSM 4.8.5.017 executable's, run on the stock experiment by
# the public course AbdelrahmanAmr3/dssatlab (course/02_planting_dates/FRICTION.md, commit
# 22c7e79: WATER N, NITRO N, PDATE 82057 + 14·k days; course/06_experiment_from_scratch/
# FRICTION.md, commit 13eaad4: the same at 4, 6 and 8 plants/m²; course/10_climate_change/FRICTION.md,
# commit 1a60235: the same potential run under one environment modification from the simulation
# start, CO2 R 550 and R 700 ppm, TMAX and TMIN A +2 °C, SRAD M 0.9). Yield must agree within
# 0.5 % (DSSAT computes in single precision; agrosim is within 3 kg/ha of every case) and the
# anthesis and maturity dates to the day.
# Water-limited, N off (course/09_irrigation/FRICTION.md, commit 41079b2): automatic irrigation
# (IRRIG A, ITHRU 100 %, IR001, IREFF 1) on IMDEP 15/30/60 cm × ITHRL 30/50/70 %, yield within
# 0.5 % and the season's irrigation IRCM within 1.5 mm; rainfed (IRRIG N), yield within 1 %.
# N-limited runs with DSSAT-CSM 4.8's own CERES-Maize N uptake (MZ_NUPTAK, `--n-uptake
# ceres-maize`; agrosim's default uptake is another, an owner decision, docs/validation.md):
# UFGA8201 treatment 1 on its full soil and on the profile cut to 5 and 4 layers
# (course/05_own_soil/FRICTION.md, commit 59a1c33), within 3 %; GHWA0401 treatment 7 with 0,
# 20 and 40 kg P/ha banded (course/12_phosphorus/FRICTION.md, commit 4a0224d) with its file's
# MESEV S as well (`--evaporation mesev`), within 5 %.
# Every treatment of eight shared experiments with N off (NITRO N) against DSSAT-CSM 4.8.6.0's own
# N-off runs: the `dscsm048` v4.8.6.0 yields of GitHub juksentang/agri-jax,
# src/agrijax/calib/workflow.py NITROGEN_STRESS (commit 3dc2fdc, "HWAM N on …, N off …", run
# 2026-09-30 on DSSAT's example_data), with the anthesis and maturity dates of the same runs
# (tests/fixtures/dssat/dscsm048_examples_simulated.csv, commit 5d2cbc4; their dates equal the N-off
# dates except SIAZ9501 trt 3 and SIAZ9601 trt 7, NITROGEN_DATES_DIFFER there). Those runs read
# DSSAT's data repository (DSSAT/dssat-csm-data 6d4587c, 424f76f), whose copies of these files ask
# for MESEV S in GHWA0401, SIAZ9501 and SIAZ9601 and R in the others, where the shared copies say S
# everywhere; the check sets each copy's letter as DSSAT's data has it and runs with
# `--evaporation mesev` (and IBWA8301's fertiliser worked in, FACD AP002, as there). Yield within
# 1 % (the test prints the RMSE and the largest deviations; over the other 51 the RMSE was
# 4.7 kg/ha with the mid-year CO2 before option M followed CO2048.WDA day by day, 9 kg/ha and
# 0.93 % before the emergence day's assimilate of docs/model.md §6.3), both dates to the day; BRPI0202 trt 4 within 2 %: its grain
# fill meets the stem-reserve floor on DAP 99 on a knife-edge (a constant CO2 of 372.5 ppm gives
# 5208 kg/ha, 372.8 ppm 5130, DSSAT's figure), and with CO2048.WDA's daily values agrosim's stem
# ends that day 0.18 kg/ha above the floor: +1.5 %. The same copies with N on and MZ_NUPTAK against the same runs' yields: 49 treatments,
# bounds below.
# The bounds are regression guards, not a claim of exactness: each is the agreement measured on
# 2026-11-29 rounded up (the rainfed and N-off ones on 2026-11-30, once the water contents were
# stored to 1e-6 as DSSAT's WATBAL stores them; largest deviations: 0.03 % potential, 0.05 % and
# 0.7 mm irrigated, 0.1 % rainfed, 2.6 % on the 4-layer soil, 4.2 % for GHWA0401 at 0 kg P/ha;
# 2.2 % there since the emergence day's assimilate, 2.1 % measured 2026-12-01),
# so a change that moves agrosim away from DSSAT fails here; docs/validation.md gives every figure.
# The rainfed yields stay sensitive at that precision: a change of 1e-6 cm³/cm³ in one layer on
# one day of the drought moves UFGA8201 trt 1 by up to 1.7 % (docs/validation.md), so the
# rainfed bounds are 1 %: tight enough to catch the unrounded storage (+1.43 %), loose enough
# for that jitter's usual size.
set -u
# awk prints and reads a decimal point whatever the caller's locale (as run.sh and validate.sh)
export LC_ALL=C
: "${AGROSIM:?}" "${AGROSIM_VALIDATION_DIR:?}"
data="$AGROSIM_VALIDATION_DIR/dssat"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
die() { echo "FAIL: $*"; fail=1; }

mkdir -p "$tmp/d/Maize"
for d in Genotype Soil Weather; do ln -s "$data/$d" "$tmp/d/$d"; done
src="$data/Maize/UFGA8201.MZX"
x="$tmp/d/Maize/UFGA8201.MZX"
potential() { sed 's/^ 1 OP              Y     Y/ 1 OP              N     N/' "$src"; }

# run1 WHAT [OPTIONS...]: run treatment ${trt:-1} of ${xf:-$x} with those run-dssat options and
# keep its HWAM ADAT MDAT IRCM CWAM NICM as ${agro[WHAT]}, where the pages' check below reads
# them; 1 (and a failure) if the run fails
declare -A agro
run1() {
  local what=$1
  shift
  if ! "$AGROSIM" run-dssat "${xf:-$x}" --data "${dir:-$tmp/d}" --trt "${trt:-1}" "$@" \
      --summary "$tmp/s.csv" >/dev/null 2>"$tmp/err"; then
    die "$what: run-dssat failed: $(cat "$tmp/err")"
    return 1
  fi
  agro[$what]=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    NR == 2 { printf "%s %s %s %s %s %s", $c["HWAM"], $c["ADAT"], $c["MDAT"], $c["IRCM"], $c["CWAM"], $c["NICM"] }' "$tmp/s.csv")
}

# run treatment 1 of $x; check HWAM within $tol (fraction, default 0.005) of $2, ADAT, MDAT
# (YEARDOY) equal to $3, $4 ("-": not published) and, when given, IRCM within 1.5 mm of $5
check() {
  local what=$1 hwam=$2 adat=$3 mdat=$4 ircm=${5:-} tol=${tol:-0.005}
  # shellcheck disable=SC2086 # $opts holds separate run-dssat options
  run1 "$what" ${opts:-} || return
  # shellcheck disable=SC2086 # the run's figures, one word each
  set -- ${agro[$what]}
  awk -v s="$1" -v d="$hwam" -v t="$tol" 'BEGIN { exit !(s - d <= t * d && d - s <= t * d) }' \
    || die "$what: HWAM $1 kg/ha, DSSAT-CSM 4.8.5 $hwam"
  [ -z "$ircm" ] || awk -v s="$4" -v d="$ircm" 'BEGIN { exit !(s - d <= 1.5 && d - s <= 1.5) }' \
    || die "$what: IRCM $4 mm, DSSAT-CSM 4.8.5 $ircm"
  [ "$adat" = - ] || [ "$2" = "$adat" ] || die "$what: ADAT $2, DSSAT-CSM 4.8.5 $adat"
  [ "$mdat" = - ] || [ "$3" = "$mdat" ] || die "$what: MDAT $3, DSSAT-CSM 4.8.5 $mdat"
}

# planting dates: DSSAT publishes the dates of the first only
hwam=(11859 9254 12321 9958 11640 10217 7775)
for k in 0 1 2 3 4 5 6; do
  pd=$((82057 + 14 * k))
  potential | sed "s/^ 1 82057   -99/ 1 $pd   -99/" >"$x"
  if [ "$k" -eq 0 ]; then
    check "potential, PDATE $pd" "${hwam[$k]}" 1982133 1982185
  else
    check "potential, PDATE $pd" "${hwam[$k]}" - -
  fi
done

# planting density: the course's experiment built from scratch (course/06_experiment_from_scratch/
# FRICTION.md, commit 13eaad4) is this potential run at PPOP = PPOE 4 and 8 pl/m² (its exercise
# 6), the stock planting otherwise (82057, 61 cm rows, 7 cm deep); the dates of 6 not published
for r in 4:10080:1982133:1982185 8:12093:1982133:1982185 6:11371:-:-; do
  IFS=: read -r pop hw ad md <<<"$r"
  potential | sed "s/^ 1 82057   -99   7.2   7.2 / 1 82057   -99 $(printf '%5d %5d' "$pop" "$pop") /" >"$x"
  grep -q "^ 1 82057   -99 $(printf '%5d %5d' "$pop" "$pop") " "$x" || die "could not set PPOP $pop"
  check "potential, $pop pl/m²" "$hw" "$ad" "$md"
done

# one environment modification of treatment 1 from the simulation start (ME level 1)
envmod() {
  potential | sed -e 's/^ 1 1 0 0 RAINFED LOW NITROGEN       1  1  0  1  1  1  1  0  0  0  0  0  1/ 1 1 0 0 RAINFED LOW NITROGEN       1  1  0  1  1  1  1  0  0  0  1  0  1/' \
    -e "s/^\*SIMULATION CONTROLS/*ENVIRONMENT MODIFICATIONS\n@E ODATE EDAY  ERAD  EMAX  EMIN  ERAIN ECO2  EDEW  EWIND ENVNAME\n 1 82056 $1 ref\n\n*SIMULATION CONTROLS/" >"$x"
  grep -q "^ 1 82056 " "$x" || die "could not write the environment modification $1"
}
envmod "A   0 A   0 A   0 A   0 A 0.0 R 550 A   0 A   0"
check "CO2 550 ppm" 12349 1982133 1982185
envmod "A   0 A   0 A   0 A   0 A 0.0 R 700 A   0 A   0"
check "CO2 700 ppm" 12455 - 1982185
envmod "A   0 A   0 A   2 A   2 A 0.0 A   0 A   0 A   0"
check "TMAX, TMIN +2 °C" 10186 1982125 1982175
envmod "A   0 M 0.9 A   0 A   0 A 0.0 A   0 A   0 A   0"
check "SRAD x 0.9" 10724 1982133 1982185

# water-limited, N off
water() { sed -e 's/^ 1 OP              Y     Y/ 1 OP              Y     N/' "$src"; }
ref=(15:30:10649:161 15:50:10937:198 15:70:11859:289 30:30:11016:173 30:50:11691:194
     30:70:11859:265 60:30:11428:169 60:50:11854:231 60:70:11859:275)
for r in "${ref[@]}"; do
  IFS=: read -r dep thr hw ir <<<"$r"
  water | sed -e 's/^ 1 MA              R     R/ 1 MA              R     A/' \
    -e "s/^ 1 IR             30    50   100/ 1 IR         $(printf '%5d %5d' "$dep" "$thr")   100/" >"$x"
  check "automatic irrigation, IMDEP $dep cm, ITHRL $thr %" "$hw" 1982133 1982185 "$ir"
  # the shared file's MESEV S, for docs/validation.md (no bound: DSSAT ran R)
  run1 "automatic irrigation, IMDEP $dep cm, ITHRL $thr %, S" --evaporation mesev
done
water | sed -e 's/^ 1 MA              R     R/ 1 MA              R     N/' >"$x"
tol=0.01 check "rainfed, N off" 2010 - -
run1 "rainfed, N off, S" --evaporation mesev

# N-limited, DSSAT's N uptake: the soil profile cut to its first 5 and 4 layers
mkdir -p "$tmp/s/Maize" "$tmp/s/Soil"
for d in Genotype Weather; do ln -s "$data/$d" "$tmp/s/$d"; done
for f in "$data"/Soil/*; do [ "${f##*/}" = SOIL.SOL ] || ln -s "$f" "$tmp/s/Soil/"; done
cp "$src" "$tmp/s/Maize/"
soil_layers() {
  awk -v keep="$1" '/^\*/ { in_p = ($1 == "*IBMZ910014") }
    in_p && /^@  SLB/ { print; n = 0; tab = 1; next }
    in_p && tab && /^ +[0-9]/ { if (++n <= keep) print; next }
    { tab = 0; print }' "$data/Soil/SOIL.SOL" >"$tmp/s/Soil/SOIL.SOL"
}
for r in 8:2293 5:2274 4:1480; do
  IFS=: read -r nl hw <<<"$r"
  soil_layers "$nl"
  [ "$(awk '/^\*IBMZ910014/ { p = 1; next } /^\*/ { p = 0 } p && /^ +[0-9]+ +-99 /' "$tmp/s/Soil/SOIL.SOL" | wc -l)" -eq "$nl" ] \
    || die "could not cut IBMZ910014 to $nl layers"
  xf="$tmp/s/Maize/UFGA8201.MZX" dir="$tmp/s" opts="--n-uptake ceres-maize" tol=0.03 \
    check "MZ_NUPTAK, IBMZ910014 cut to $nl layers" "$hw" 1982133 1982185
  xf="$tmp/s/Maize/UFGA8201.MZX" dir="$tmp/s" run1 "defaults, IBMZ910014 cut to $nl layers"
done

# GHWA0401 treatment 7 with elemental P banded (FE013, AP004, 10 cm) two days before planting,
# the first row of the level as in the reference run's schedule (DSSAT's Fert_Place.for never
# reaches a row that follows a later-dated one)
mkdir -p "$tmp/g/Maize"
for d in Genotype Soil Weather; do ln -s "$data/$d" "$tmp/g/$d"; done
for r in 0:929:1998 20:4232:12928 40:4171:13214; do
  IFS=: read -r pk hw cw <<<"$r"
  echo "$pk $hw $cw" >>"$tmp/p.dssat"
  awk -v p="$pk" '/^ 7 04187 FE005 AP007/ && p > 0 { printf " 7 04167 FE013 AP004    10     0 %5d   -99   -99   -99   -99 P\n", p }
    { print }' \
    "$data/Maize/GHWA0401.MZX" >"$tmp/g/Maize/GHWA0401.MZX"
  xf="$tmp/g/Maize/GHWA0401.MZX" dir="$tmp/g" trt=7 opts="--evaporation mesev --n-uptake ceres-maize" \
    tol=0.05 check "GHWA0401 trt 7, $pk kg P/ha, DSSAT's methods" "$hw" - -
  # the other columns of docs/validation.md's table (no bound)
  xf="$tmp/g/Maize/GHWA0401.MZX" dir="$tmp/g" trt=7 run1 "GHWA0401 trt 7, $pk kg P/ha, defaults"
  xf="$tmp/g/Maize/GHWA0401.MZX" dir="$tmp/g" trt=7 run1 "GHWA0401 trt 7, $pk kg P/ha, MZ" --n-uptake ceres-maize
  xf="$tmp/g/Maize/GHWA0401.MZX" dir="$tmp/g" trt=7 run1 "GHWA0401 trt 7, $pk kg P/ha, S" --evaporation mesev
done

# every treatment with N off against DSSAT-CSM 4.8.6.0 (header): EXPERIMENT MESEV, then per
# treatment HWAM:ADAT:MDAT of DSSAT's N-off run ("-" where the N-off dates are not published)
# dssat_copy EXP MESEV NITRO: the shared X file with those letters on every control level, and
# IBWA8301's fertiliser worked in (FACD AP002), as DSSAT's data copies have them
dssat_copy() {
  awk -v ev="$2" -v ni="$3" '
    /^@N OPTIONS/ { pos = index($0, "NITRO") + 4; col = "o"; print; next }
    /^@N METHODS/ { pos = index($0, "MESEV") + 4; col = "m"; print; next }
    /^@/ || /^\*/ { col = "" }
    col == "o" && /^ *[0-9]+ OP / { $0 = substr($0, 1, pos - 1) ni substr($0, pos + 1) }
    col == "m" && /^ *[0-9]+ ME / { $0 = substr($0, 1, pos - 1) ev substr($0, pos + 1) }
    { print }' "$data/Maize/$1.MZX" | sed 's/^\( [23] 8[34][0-9][0-9][0-9] FE005\)   -99 /\1 AP002 /' \
    >"$tmp/n/Maize/$1.MZX"
  [ "$(grep -c "^ *[0-9]* OP  *[YN]  *$3 " "$tmp/n/Maize/$1.MZX")" -ge 1 ] || die "$1: could not set NITRO $3"
  [ "$1" != IBWA8301 ] || [ "$(grep -c ' FE005 AP002 ' "$tmp/n/Maize/$1.MZX")" -eq 6 ] \
    || die "IBWA8301: could not set FACD AP002"
}
# run_copy EXP MESEV NITRO [OPTIONS...]: every treatment of that copy into $tmp/s.csv, with the
# file's MESEV; 1 (and a failure) if the run fails
run_copy() {
  local exp=$1 ev=$2 ni=$3
  shift 3
  dssat_copy "$exp" "$ev" "$ni"
  "$AGROSIM" run-dssat "$tmp/n/Maize/$exp.MZX" --data "$tmp/n" --evaporation mesev "$@" \
    --summary "$tmp/s.csv" >/dev/null 2>"$tmp/err" && return 0
  die "$exp, NITRO $ni: run-dssat failed: $(cat "$tmp/err")"
  return 1
}
mkdir -p "$tmp/n/Maize"
for d in Genotype Soil Weather; do ln -s "$data/$d" "$tmp/n/$d"; done
# the N-off yield bound, as a fraction of DSSAT's yield, of every treatment that gives none of its
# own (a fifth field); docs/validation.md's copy of it is checked below
noff_tol=0.01
noff=(
  "BRPI0202 R 4648:2002125:2002190 4431:2002134:2002212 4584:2002132:2002201 5130:2002129:2002200:0.02
   5216:2002125:2002190 5877:2002134:2002212 5597:2002132:2002201 6148:2002129:2002200"
  "FLSC8101 R 10146:1981158:1981209 5853:1981159:1981209"
  "GHWA0401 S 4468:2004226:2004269 4470:2004226:2004269 4470:2004226:2004269 4469:2004226:2004269
   4473:2004226:2004269 4473:2004226:2004269 4469:2004226:2004269 4472:2004226:2004269
   4472:2004226:2004269"
  "IBWA8301 R 7177:1984046:1984105 7177:1984046:1984105 7177:1984046:1984105 7366:1984043:1984102
   7366:1984043:1984102 7366:1984043:1984102"
  "IUAF9901 R 9255:1999217:1999302 9312:1999217:1999302 10558:1999217:1999302 10516:1999217:1999302"
  "SIAZ9501 S 10990:1995215:1995278 7644:1995215:1995278 918:-:- 8242:1995215:1995278
   10565:1995215:1995278 6387:1995215:1995278 6546:1995215:1995278 8574:1995215:1995278"
  "SIAZ9601 S 10924:1996216:1996288 6742:1996216:1996276 5256:1996216:1996277 10609:1996216:1996288
   10036:1996216:1996288 10875:1996216:1996288 7033:-:- 7384:1996216:1996288 8585:1996216:1996277"
  "UFGA8201 R 2010:1982133:1982185 2010:1982133:1982185 11859:1982133:1982185 11859:1982133:1982185
   10372:1982133:1982185 10372:1982133:1982185"
)
for e in "${noff[@]}"; do
  # shellcheck disable=SC2086 # one experiment's words
  set -- $e
  exp=$1 ev=$2
  shift 2
  run_copy "$exp" "$ev" N || continue
  [ "$(($(wc -l <"$tmp/s.csv") - 1))" -eq $# ] || die "$exp, N off: $(($(wc -l <"$tmp/s.csv") - 1)) treatments, DSSAT $#"
  trt=0
  for r in "$@"; do
    trt=$((trt + 1))
    IFS=: read -r hw ad md tl <<<"$r"
    got=$(awk -F, -v t="$trt" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
           $c["TRNO"] == t { printf "%s %s %s", $c["HWAM"], $c["ADAT"], $c["MDAT"] }' "$tmp/s.csv")
    read -r shw sad smd <<<"$got"
    awk -v s="${shw:-nan}" -v d="$hw" -v t="${tl:-$noff_tol}" 'BEGIN { exit !(s - d <= t * d && d - s <= t * d) }' \
      || die "$exp trt $trt, N off: HWAM ${shw:-none} kg/ha, DSSAT-CSM 4.8.6 $hw"
    [ "$ad" = - ] || [ "$sad" = "$ad" ] || die "$exp trt $trt, N off: ADAT $sad, DSSAT-CSM 4.8.6 $ad"
    [ "$md" = - ] || [ "$smd" = "$md" ] || die "$exp trt $trt, N off: MDAT $smd, DSSAT-CSM 4.8.6 $md"
    echo "$exp $trt ${shw:-nan} $hw ${tl:-$noff_tol} $ad ${sad:-none} $md ${smd:-none}" >>"$tmp/noff"
  done
done
# the N-off summary: the RMSE over every treatment and over those at the 1 % bound, the largest
# deviations, each treatment with a wider bound, and the published dates that agree; its figures
# also go to $tmp/noff.fig for the pages' check below
: >>"$tmp/noff"
awk -v fig="$tmp/noff.fig" -v tol="$noff_tol" '
  function abs(x) { return x < 0 ? -x : x }
  { n++; d = $3 - $4; s += d * d; b += d; p = 100 * d / $4
    if (n == 1 || abs(p) > abs(wp)) { wp = p; we = $1; wt = $2; ws = $3; wd = $4 }
    if ($5 == tol) { m++; sm += d * d; if (m == 1 || abs(p) > abs(mp)) { mp = p; me = $1; mt = $2; ms = $3; md = $4 } }
    else { k++; wide[k] = sprintf("%s trt %d (within %g %%): %+.2f %% (%.0f against %d)", $1, $2, 100 * $5, p, $3, $4) }
    if ($6 != "-") { nd++; eq += $6 == $7 }
    if ($8 != "-") { nd++; eq += $8 == $9 } }
  END { if (n == 0 || m == 0) exit 1
    line = sprintf("N off: %d treatments, RMSE %.0f kg/ha (bias %+.0f) against DSSAT-CSM 4.8.6, largest %+.2f %% (%s trt %d); the %d within %g %%: RMSE %.1f kg/ha, largest %+.2f %% (%s trt %d, %.0f against %d)",
      n, sqrt(s / n), b / n, wp, we, wt, m, 100 * tol, sqrt(sm / m), mp, me, mt, ms, md)
    for (i = 1; i <= k; i++) line = line "; " wide[i]
    print line "; " eq " of the " nd " published dates equal"
    printf "%d %.0f %+.0f %+.2f %s %d %.0f %d %d %.1f %+.2f %s %d %.0f %d %d %d\n", n, sqrt(s / n), b / n, wp, we, wt, ws, wd,
      m, sqrt(sm / m), mp, me, mt, ms, md, nd, eq >fig }' "$tmp/noff" || die "N off: no treatment ran"

# N on, DSSAT's methods (the file's MESEV as DSSAT's data has it, MZ_NUPTAK) against DSSAT-CSM
# 4.8.6.0's own runs (dscsm048_examples_simulated.csv, header): 49 treatments, all but GHWA0401's
# N-starved trt 1-4, SIAZ9501 trt 3 (the edge case of docs/validation.md) and the pest-damage
# experiments (their T files are not in the shared folder). EXPERIMENT MESEV TRT:HWAM ...
# Measured 2026-11-30: with agrosim's default stage 3-4 transform of NFAC, RMSE 189 kg/ha, largest
# deviation 7.8 % (IBWA8301 trt 1, unfertilised), bounds 10 % and 210 kg/ha; with DSSAT-CSM 4.8's
# untransformed NFAC (`--n-stress dssat-4.8`, owner decision D1) 63 kg/ha and 4.5 %, bounds 5 %
# and 70 kg/ha. With the emergence day's assimilate (thirty-third session, docs/model.md §6.3)
# 190 kg/ha and 8.1 %, and 53 kg/ha and 4.1 %. With Suleiman-Ritchie's NO3 moving with the
# previous day's flow across each layer's top, as DSSAT's NFLUX reads ESR_SoilEvap's UPFLOW
# (2026-12-01, docs/model.md §5.7), 187 kg/ha and 8.1 %, and 42 kg/ha and 3.5 %: the second
# bounds are now 4 % and 50 kg/ha.
non=(
  "BRPI0202 R 1:4329 2:4358 3:4559 4:4878 5:5215 6:5859 7:5596 8:6149"
  "EBPL8501 R 1:4461 2:6734"
  "FLSC8101 R 1:10147 2:5236"
  "GHWA0401 S 5:2190 6:2188 7:929 8:4285 9:4226"
  "IBWA8301 R 1:1930 2:4074 3:7102 4:2339 5:4367 6:7237"
  "IUAF9901 R 1:5140 2:9309 3:3992 4:10189"
  "SIAZ9501 S 1:10990 2:7656 4:8600 5:10823 6:6671 7:6668 8:8922"
  "SIAZ9601 S 1:10924 2:6834 3:5273 4:10608 5:9830 6:10873 7:7059 8:7424 9:8636"
  "UFGA8201 R 1:2293 2:2293 3:8207 4:11854 5:7718 6:10293"
)
# n_on LABEL TOL MAX_RMSE [OPTIONS...]: every treatment of non[] with those run-dssat options,
# each yield within TOL (fraction) of DSSAT's and the RMSE over the 49 at most MAX_RMSE kg/ha
n_on() {
  local label=$1 tol=$2 max=$3 e r trt hw shw exp ev
  shift 3
  local opts=("$@")
  : >"$tmp/pairs"
  for e in "${non[@]}"; do
    # shellcheck disable=SC2086 # one experiment's words
    set -- $e
    exp=$1 ev=$2
    shift 2
    run_copy "$exp" "$ev" Y --n-uptake ceres-maize "${opts[@]}" || continue
    for r in "$@"; do
      IFS=: read -r trt hw <<<"$r"
      shw=$(awk -F, -v t="$trt" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
             $c["TRNO"] == t { print $c["HWAM"] }' "$tmp/s.csv")
      awk -v s="${shw:-nan}" -v d="$hw" -v t="$tol" 'BEGIN { exit !(s - d <= t * d && d - s <= t * d) }' \
        || die "$exp trt $trt, N on, $label: HWAM ${shw:-none} kg/ha, DSSAT-CSM 4.8.6 $hw"
      echo "${shw:-nan} $hw $ev" >>"$tmp/pairs"
    done
  done
  # the figures also go to $tmp/non.fig: label, a tab, then n, RMSE, largest %, the
  # Suleiman-Ritchie runs' n and RMSE, the bounds in % and kg/ha
  awk -v l="$label" -v m="$max" -v t="$tol" -v fig="$tmp/non.fig" '
    { n++; s += ($1 - $2)^2; d = ($1 - $2) / $2; if (d < 0) d = -d; if (d > w) w = d
      if ($3 == "S") { ns++; ss += ($1 - $2)^2 } }
    END { r = sqrt(s / n)
          printf "N on, %s: %d treatments, RMSE %.0f kg/ha against DSSAT-CSM 4.8.6, largest %.1f %%; the %d Suleiman-Ritchie ones: RMSE %.0f kg/ha\n",
                 l, n, r, 100 * w, ns, sqrt(ss / (ns ? ns : 1))
          printf "%s\t%d %.0f %.1f %d %.0f %g %g\n", l, n, r, 100 * w, ns, sqrt(ss / (ns ? ns : 1)), 100 * t, m >>fig
          exit !(n == 49 && r <= m) }' "$tmp/pairs" \
    || die "N on, $label: RMSE against DSSAT-CSM 4.8.6 above $max kg/ha (or not 49 treatments)"
}
n_on "stage 3-4 transform" 0.10 210
n_on "DSSAT-CSM 4.8 N factor" 0.04 50 --n-stress dssat-4.8
# GHWA0401's N-starved trt 1-4 (N0 and N60 P0), left out above: on the D1 tree (DSSAT-CSM 4.8's
# N factor) within 4 % of DSSAT-CSM 4.8.6 (449, 334, 334, 936 kg/ha); measured 2026-12-02 455,
# 337, 337, 952 (+1.7 % at most). The default transform gives 457, 434, 434, 952: trt 2-3 +30 %,
# the stage 3-4 transform's (owner decision D1), so those are not checked (docs/validation.md).
if run_copy GHWA0401 S Y --n-uptake ceres-maize --n-stress dssat-4.8; then
  for r in 1:449 2:334 3:334 4:936; do
    IFS=: read -r trt hw <<<"$r"
    shw=$(awk -F, -v t="$trt" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
             $c["TRNO"] == t { print $c["HWAM"] }' "$tmp/s.csv")
    awk -v s="${shw:-nan}" -v d="$hw" 'BEGIN { exit !(s - d <= 0.04 * d && d - s <= 0.04 * d) }' \
      || die "GHWA0401 trt $trt, N on, DSSAT-CSM 4.8 N factor: HWAM ${shw:-none} kg/ha, DSSAT-CSM 4.8.6 $hw"
    echo "GHWA0401 trt $trt (N-starved), N on, DSSAT-CSM 4.8 N factor: HWAM $shw kg/ha, DSSAT-CSM 4.8.6 $hw"
  done
fi

# An N-rate response with DSSAT's methods (MZ_NUPTAK, DSSAT-CSM 4.8's N factor; UFGA8201's MESEV
# R in DSSAT's data is agrosim's default evaporation): the course's real DSSAT 4.8 runs
# (course/11_nitrogen/FRICTION.md, commit 23401d1, "Case and results") of UFGA8201 treatment 1
# without its 13 mm irrigation and treatment 3 with its 264 mm, the fertiliser replaced by 0,
# 50, 100, 150 and 200 kg N/ha in two equal FE001 AP001 10 cm dressings on 82097 and 82137.
# Measured 2026-11-30: RMSE 26 kg/ha, largest deviation 3.0 % (treatment 3 without N); bounds
# 4 % and 30 kg/ha. With agrosim's default N uptake and transform, run too (no bound, the figure
# docs/validation.md gives): RMSE 364 kg/ha, −73 % without N (365 on 2026-11-30).
# n_rate_copy TRT RATE: the shared UFGA8201 with that schedule (MF 0 on every treatment without N)
n_rate_copy() {
  awk -v trt="$1" -v rate="$2" '
    /^@N R O C TNAME/ { mi = index($0, " MI ") + 2; mf = index($0, " MF ") + 2 }
    mi && /^ *[0-9]+ [0-9] [0-9] [0-9] / {
      if (trt == 1 && $1 == 1) $0 = substr($0, 1, mi - 2) " 0" substr($0, mi + 1)
      if (rate == 0 && substr($0, mf - 1, 2) == " 1") $0 = substr($0, 1, mf - 2) " 0" substr($0, mf + 1)
    }
    /^\*/ { fert = /^\*FERTILIZERS/ }
    fert && /^ 1 8/ {
      if (!done && rate > 0)
        for (k = 1; k <= 2; k++)
          printf " 1 %s FE001 AP001    10 %5d     0     0     0     0   -99 -99\n", k == 1 ? 82097 : 82137, rate / 2
      done = 1
      next
    }
    { print }' "$src" >"$x"
}
: >"$tmp/pairs"
for r in 1:0:602 1:50:2073 1:100:1832 1:150:1872 1:200:2091 3:0:620 3:50:4419 3:100:7019 3:150:8951 3:200:9896; do
  IFS=: read -r t rate hw <<<"$r"
  n_rate_copy "$t" "$rate"
  printf '%s\t%s\n' "N rate $rate, treatment $t" "$hw" >>"$tmp/dssat"
  want=$(awk -v t="$t" -v r="$rate" 'BEGIN { printf "%d %d", r, t == 1 ? 0 : 264 }')
  trt=$t run1 "N rate $rate, treatment $t, DSSAT's methods" --n-uptake ceres-maize --n-stress dssat-4.8 || continue
  read -r shw _ _ ircm _ nicm <<<"${agro["N rate $rate, treatment $t, DSSAT's methods"]}"
  [ "$(awk -v n="$nicm" -v i="$ircm" 'BEGIN { printf "%d %d", n + 0.5, i + 0.5 }')" = "$want" ] \
    || die "N rate $rate, treatment $t: NICM $nicm kg N/ha, IRCM $ircm mm; the copy should give $want"
  awk -v s="$shw" -v d="$hw" 'BEGIN { exit !(s - d <= 0.04 * d && d - s <= 0.04 * d) }' \
    || die "N rate $rate, treatment $t, DSSAT's methods: HWAM $shw kg/ha, DSSAT-CSM 4.8 $hw"
  echo "$shw $hw" >>"$tmp/pairs"
  trt=$t run1 "N rate $rate, treatment $t, agrosim's defaults" || continue
  read -r shw _ <<<"${agro["N rate $rate, treatment $t, agrosim's defaults"]}"
  echo "$shw $hw" >>"$tmp/pairs0"
  # each method alone and MESEV S with MZ_NUPTAK, for docs/validation.md (no bound)
  trt=$t run1 "N rate $rate, treatment $t, MZ" --n-uptake ceres-maize
  trt=$t run1 "N rate $rate, treatment $t, N factor" --n-stress dssat-4.8
  trt=$t run1 "N rate $rate, treatment $t, S+MZ" --evaporation mesev --n-uptake ceres-maize
done
awk -v fig="$tmp/nrate0.fig" '{ n++; s += ($1 - $2)^2; d = ($1 - $2) / $2; if (d * d > w * w) w = d }
  END { printf "N rates, agrosim'"'"'s defaults: %d runs, RMSE %.0f kg/ha against DSSAT-CSM 4.8, largest %+.0f %%\n", n, sqrt(s / n), 100 * w
        printf "%d %.0f %+.0f\n", n, sqrt(s / n), 100 * w >fig }' "$tmp/pairs0"
awk -v fig="$tmp/nrate.fig" '{ n++; s += ($1 - $2)^2; d = ($1 - $2) / $2; if (d < 0) d = -d; if (d > w) w = d }
  END { r = sqrt(s / n)
        printf "N rates, DSSAT methods: %d runs, RMSE %.0f kg/ha against DSSAT-CSM 4.8, largest %.1f %%\n", n, r, 100 * w
        printf "%d %.0f %.1f\n", n, r, 100 * w >fig
        exit !(n == 10 && r <= 30) }' "$tmp/pairs" \
  || die "N rates: RMSE against DSSAT-CSM 4.8 above 30 kg/ha (or not 10 runs)"

# The figures README.md, docs/validation.md and docs/model.md give for these runs, each compared
# with what the runs above printed (tests/cli/page_figures.awk, which reports every stale figure,
# page, line and both values, before the test fails): a result change must update the pages with
# it. Dated figures ("when the check was added (2026-11-30) it measured 189 kg/ha") are history
# and not checked.
if [ -n "${AGROSIM_SOURCE_DIR:-}" ]; then
  figs="$tmp/figures"
  : >"$figs"
  # fig PAGE SOURCE TEMPLATE: the page says TEMPLATE, its {figures} as SOURCE printed them
  fig() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$figs"; }
  read -r n r b wp _ wt ws wd m r1 mp _ mt ms md nd _ <"$tmp/noff.fig"
  # the treatment with a wider bound (BRPI0202 trt 4), and UFGA8201's rainfed trt 1 and 2
  read -r ke kt ks kd kp ktol <<<"$(awk -v tol="$noff_tol" '$5 != tol { printf "%s %d %.0f %d %+.2f %g\n", $1, $2, $3, $4, 100 * ($3 - $4) / $4, 100 * $5; exit }' "$tmp/noff")"
  read -r us ud up <<<"$(awk '$1 == "UFGA8201" && ($2 == 1 || $2 == 2) { s[$2] = sprintf("%.0f", $3); d = $4; p[$2] = sprintf("%.2f", 100 * ($3 - $4) / $4) }
    END { print (s[1] == s[2] ? s[1] : s[1] "/" s[2]), d, (p[1] == p[2] ? p[1] : p[1] "/" p[2]) }' "$tmp/noff")"
  src="dssat_reference.sh, N off"
  fig README.md "$src" "with N off agrosim gives {$m} of the {$n} treatments' yields within {${mp#[-+]}} % (RMSE {$r1} kg/ha) and ${ke:-BRPI0202} trt {$kt}, a knife-edge, {$kp} % (RMSE {$r} kg/ha over the {$n}), and all {$nd} published anthesis and maturity dates to the day"
  fig docs/validation.md "$src" "DSSAT's N-off runs is {$r} kg/ha (bias {$b}); the largest deviation is {$wp} % (BRPI0202 trt {$wt}, {$ws} against {$wd} kg/ha"
  fig docs/validation.md "$src" "then {$mp} % (BRPI0202 trt {$mt}, {$ms} against {$md}); over the other {$m} the RMSE is {$r1} kg/ha"
  fig docs/validation.md "$src" "UFGA8201 trt 1 and 2 give {$us} against {$ud} ({$up} %); all {$nd} published anthesis and maturity dates"
  fig docs/validation.md "dssat_reference.sh's bounds" "checks every one of these (yield within {$(awk -v t="$noff_tol" 'BEGIN { printf "%g", 100 * t }')} %, BRPI0202 trt {$kt} within {$ktol} %, dates equal)"
  # the N-on runs: label, then n, RMSE, largest %, the Suleiman-Ritchie runs' n and RMSE, the bounds
  non() { awk -F'\t' -v l="$1" '$1 == l { print $2; exit }' "$tmp/non.fig"; }
  read -r tn tr tw tsn tsr ttol tmax <<<"$(non "stage 3-4 transform")"
  read -r dn dr dw _ dsr dtol dmax <<<"$(non "DSSAT-CSM 4.8 N factor")"
  read -r _ nr _ <"$tmp/nrate.fig"
  read -r _ nr0 _ <"$tmp/nrate0.fig"
  src="dssat_reference.sh, N on"
  fig README.md "$src" "with N on and DSSAT's methods its yields on {$tn} treatments lie RMSE {$tr} kg/ha from DSSAT's (largest deviation {$tw} %), {$dr} kg/ha ({$dw} %) without the stage 3–4 NFAC transform"
  fig docs/validation.md "$src" "\`tests/cli/dssat_reference.sh\` runs {$tn} of them"
  fig docs/validation.md "$src" "with the default transform each within {$ttol} % and RMSE at most {$tmax} kg/ha ({$tr} measured, largest {$tw} %; {$tsr} kg/ha on the {$tsn} Suleiman–Ritchie treatments among them, GHWA0401 5–9, SIAZ9501 and SIAZ9601), and with \`--n-stress dssat-4.8\` (D1) each within {$dtol} % and RMSE at most {$dmax} kg/ha ({$dr} measured, largest {$dw} %; {$dsr} kg/ha on the {$tsn})"
  fig docs/validation.md "dssat_reference.sh, N rates" "only that pair reproduces DSSAT's N response (RMSE {$nr} kg/ha over ten runs, against {$nr0} with the defaults)"
  fig docs/model.md "$src" "checks both forms against DSSAT-CSM 4.8.6's {$tn} N-on runs (RMSE {$tr} and {$dr} kg/ha;"
  # docs/validation.md, "Against DSSAT-CSM 4.8.5 itself": agrosim's figures for each run above and
  # for the stock UFGA8201 with each method (validate on a folder holding that file alone: its
  # yields and in-season RMSE); the DSSAT columns are the course's and not checked ({*})
  mkdir -p "$tmp/u/Maize"
  for d in Genotype Soil Weather; do ln -s "$data/$d" "$tmp/u/$d"; done
  for f in MZX MZA MZT; do ln -s "$data/Maize/UFGA8201.$f" "$tmp/u/Maize/"; done
  k=0
  for m in "" "--n-uptake ceres-maize" "--evaporation mesev --n-uptake ceres-maize"; do
    # shellcheck disable=SC2086 # $m holds separate validate options
    "$AGROSIM" validate --data "$tmp/u" --crop maize --csv "$tmp/u/u$k.csv" $m >"$tmp/u/u$k.out" 2>/dev/null \
      || die "validate on UFGA8201 alone $m failed"
    k=$((k + 1))
  done
  # fy WHAT: that run's yield as the page's {figure}; fc its CWAM; fd its ({ADAT}, {MDAT}) as YYDOY
  fy() { local v; read -ra v <<<"${agro[$1]}"; printf '{%.0f}' "${v[0]}"; }
  fc() { local v; read -ra v <<<"${agro[$1]}"; printf '{%.0f}' "${v[4]}"; }
  fd() { local v; read -ra v <<<"${agro[$1]}"; printf '({%s}, {%s})' "${v[1]:2}" "${v[2]:2}"; }
  # pcts: "SIM DSSAT" lines in, the % deviations out (one a line); lohi FMT: their lowest and
  # highest; within FMT: the largest size, rounded up to FMT's last digit
  pcts() { awk '{ printf "%.9f\n", 100 * ($1 - $2) / $2 }'; }
  lohi() { sort -g | awk -v f="$1" 'NR == 1 { lo = $1 } { hi = $1 } END { printf "{" f "}–{" f "}", lo, hi }'; }
  within() { awk -v f="$1" '{ a = $1 < 0 ? -$1 : $1; if (a > m) m = a }
    END { u = 1; if (index(f, ".")) u = 10 ^ -substr(f, index(f, ".") + 1, 1); printf "{" f "}", u * int(m / u + 0.999999) }'; }
  # sims METHOD TRT RATES...: "SIM DSSAT" of those N-rate runs
  sims() { local m=$1 t=$2 r; shift 2
    for r in "$@"; do echo "${agro["N rate $r, treatment $t, $m"]%% *} $(awk -F'\t' -v w="N rate $r, treatment $t" '$1 == w { print $2 }' "$tmp/dssat")"; done; }
  # sweep METHOD TRT: the five rates' yields as {figures}
  sweep() { sims "$1" "$2" 0 50 100 150 200 | awk '{ printf "%s{%.0f}", (NR > 1 ? ", " : ""), $1 }'; }
  # stock K: validate run K's six yields, "SIM DSSAT" (DSSAT-CSM 4.8.5's stock HWAM)
  stock() { awk -F, 'NR > 1 { split("2293 2293 8207 11854 7718 10293", d, " "); print $5, d[$2] }' "$tmp/u/u$1.csv"; }
  # inseason K: validate run K's pooled in-season RMSE of LAID; GWAD; CWAD
  inseason() { awk '$2 == "LAID" { l = $6 } $2 == "GWAD" { g = $6 } $2 == "CWAD" { c = $6 } END { printf "{%s}; {%s}; {%s}", l, g, c }' "$tmp/u/u$1.out"; }
  src="dssat_reference.sh's runs (agrosim)"
  pd="potential, PDATE"
  fig docs/validation.md "$src" "| PDATE 82057 (stock), 82071, 82085, 82099, 82113, 82127, 82141 | {*} ({*}, {*}), {*}, {*}, {*}, {*}, {*}, {*} | $(fy "$pd 82057") $(fd "$pd 82057"), $(fy "$pd 82071"), $(fy "$pd 82085"), $(fy "$pd 82099"), $(fy "$pd 82113"), $(fy "$pd 82127"), $(fy "$pd 82141") |"
  pp="potential,"
  fig docs/validation.md "$src" "| PPOP = PPOE 4, 6, 8 pl/m² (lesson 06, commit 13eaad4; stock 7.2) | {*} ({*}, {*}), {*}, {*} ({*}, {*}); CWAM {*} at 4, {*} at 8 | $(fy "$pp 4 pl/m²") $(fd "$pp 4 pl/m²"), $(fy "$pp 6 pl/m²"), $(fy "$pp 8 pl/m²") $(fd "$pp 8 pl/m²"); CWAM $(fc "$pp 4 pl/m²"), $(fc "$pp 8 pl/m²") |"
  fig docs/validation.md "$src" "| CO2 550 ppm (ECO2 R 550 from the start) | {*} ({*}, {*}) | $(fy "CO2 550 ppm") $(fd "CO2 550 ppm") |"
  fig docs/validation.md "$src" "| CO2 700 ppm | {*} (MDAT {*}) | $(fy "CO2 700 ppm") $(fd "CO2 700 ppm") |"
  fig docs/validation.md "$src" "| TMAX and TMIN + 2 °C | {*} ({*}, {*}) | $(fy "TMAX, TMIN +2 °C") $(fd "TMAX, TMIN +2 °C") |"
  fig docs/validation.md "$src" "| SRAD × 0.9 | {*} ({*}, {*}) | $(fy "SRAD x 0.9") $(fd "SRAD x 0.9") |"
  # GHWA0401 trt 7's P rates: the four columns, S+MZ's deviations and the bound, the default's at 20
  while read -r pk hw _; do
    w="GHWA0401 trt 7, $pk kg P/ha"
    fig docs/validation.md "$src" "| $pk kg P/ha | {*} / {*} | $(fy "$w, defaults") / $(fc "$w, defaults") | $(fy "$w, MZ") / $(fc "$w, MZ") | $(fy "$w, S") / $(fc "$w, S") | $(fy "$w, DSSAT's methods") / $(fc "$w, DSSAT's methods") |"
    echo "${agro["$w, DSSAT's methods"]%% *} $hw" >>"$tmp/p.smz"
    [ "$pk" != 20 ] || p20=$(echo "${agro["$w, defaults"]%% *} $hw" | pcts | awk '{ printf "%+.0f", $1 }')
  done <"$tmp/p.dssat"
  fig docs/validation.md "$src" "With DSSAT-CSM 4.8's two methods agrosim is within {5} % of DSSAT on all three rates ($(pcts <"$tmp/p.smz" | awk '{ printf "%s{%+.1f}", (NR > 1 ? ", " : ""), $1 }') %)"
  fig docs/validation.md "$src" "cannot reach the band ({$p20} % at 20 kg P/ha)"
  # UFGA8201: the stock treatments and in-season RMSE with each method, N off, the N rates, the cut soil
  fig docs/validation.md "validate on UFGA8201 alone, with each method" "| stock trt 1–6 HWAM | {*}, {*}, {*}, {*}, {*}, {*} | $(for k in 0 1 2; do stock $k | awk '{ printf "%s{%s}", (NR > 1 ? ", " : ""), $1 }'; echo " |"; done | paste -sd' ')"
  fig docs/validation.md "validate on UFGA8201 alone, with each method" "| stock trt 1–6 in season (LAID; GWAD; CWAD RMSE, n {*} / {$(awk '$2 == "LAID" { print $4 }' "$tmp/u/u0.out")}) | {*}; {*}; {*} | $(inseason 0) | $(inseason 1) | $(inseason 2) |"
  fig docs/validation.md "validate on UFGA8201 alone" "pooled RMSE over agrosim's {$(awk '$2 == "LAID" { print $4 }' "$tmp/u/u0.out")} pairs"
  fig docs/validation.md "$src" "| trt 1, N off, no irrigation | {*} | $(fy "rainfed, N off") | – | $(fy "rainfed, N off, S") (S) |"
  ai="automatic irrigation, IMDEP"
  irs=$(for r in "${ref[@]}"; do IFS=: read -r dep thr _ _ <<<"$r"; echo "${agro["$ai $dep cm, ITHRL $thr %, S"]}"; done | awk '{ printf "%.0f\n", $4 }' | sort -n | sed -n '1p;$p' | paste -sd' ')
  fig docs/validation.md "$src" "| trt 1, N off, automatic irrigation, IMDEP 15/30/60 cm × ITHRL 30/50/70 %: IRCM | {*}–{*} mm | each setting DSSAT's to the mm | – | {${irs% *}}–{${irs#* }} mm (S) |"
  fig docs/validation.md "$src" "| trt 3 irrigation, N 0/50/100/150/200 split 82097, 82137 | {*}, {*}, {*}, {*}, {*} | $(sweep "agrosim's defaults" 3) | $(sweep MZ 3) | $(sweep S+MZ 3) |"
  fig docs/validation.md "$src" "| trt 1 without irrigation, same N | {*}, {*}, {*}, {*}, {*} | $(sweep "agrosim's defaults" 1) | $(sweep MZ 1) | $(sweep S+MZ 1) |"
  cut="IBMZ910014 cut to"
  fig docs/validation.md "$src" "| stock trt 1 on IBMZ910014 cut to 8 (whole), 5 and 4 layers (180, 90, 60 cm; lesson 05, commit 59a1c33) | {*}, {*}, {*} | $(fy "defaults, $cut 8 layers"), $(fy "defaults, $cut 5 layers"), $(fy "defaults, $cut 4 layers") | $(fy "MZ_NUPTAK, $cut 8 layers"), $(fy "MZ_NUPTAK, $cut 5 layers"), $(fy "MZ_NUPTAK, $cut 4 layers") | – |"
  # the bullets below the table
  fig docs/validation.md "$src" "With N off agrosim's default is DSSAT's: the rainfed season yields $(fy "rainfed, N off") kg/ha ($(printf '{%.1f}' "${agro["rainfed, N off"]%% *}")) against {*}"
  irr=$(for r in "${ref[@]}"; do IFS=: read -r dep thr hw ir <<<"$r"; echo "${agro["$ai $dep cm, ITHRL $thr %"]} $hw"; done | awk '{ printf "%.0f %.0f %s\n", $4, $1, $7 }')
  fig docs/validation.md "$src" "IMDEP × ITHRL settings exactly DSSAT's amount ($(echo "$irr" | awk '{ printf "%s{%s}", (NR == 1 ? "" : NR == 9 ? " and " : ", "), $1 }') mm) for yields within $(echo "$irr" | awk '{ print $2, $3 }' | awk '{ print $1 - $2 }' | within %d) kg/ha ($(echo "$irr" | awk '{ printf "%s{%s}", (NR > 1 ? ", " : ""), $2 }') against {*}, {*}, {*}, {*}, {*}, {*}, {*}, {*}, {*})"
  fig docs/validation.md "$src" "With the shared file's MESEV S the rainfed run gives $(fy "rainfed, N off, S") and the irrigation {${irs% *}}–{${irs#* }} mm"
  fig docs/validation.md "$src" "the irrigated sweep is $(sims MZ 3 50 100 150 200 | pcts | lohi %.0f) % above DSSAT from 50 to 200 kg N/ha ($(sims MZ 3 0 | pcts | awk '{ printf "{%+.0f}", $1 }') % at 0), the rainfed one within $(sims MZ 1 50 100 150 200 | pcts | within %.0f) % from 50 to 200 kg N/ha ($(sims MZ 1 0 | pcts | awk '{ printf "{%+.0f}", $1 }') % at 0), and the stock treatments within $(stock 1 | pcts | within %.0f) % ($(stock 1 | pcts | awk '{ printf "%strt %d {%+.1f} %%", (NR > 1 ? ", " : ""), NR, $1 }'))"
  g=$(sims "agrosim's defaults" 3 0 50 100 150 200 | pcts)
  gr=$(sims "agrosim's defaults" 1 0 50 100 150 200 | pcts)
  gs=$(stock 0 | pcts)
  fig docs/validation.md "$src" "irrigated, within $(echo "$g" | sed -n '3,5p' | within %.1f) % from 100 to 200 kg N/ha but {$(echo "$g" | sed -n 2p | awk '{ printf "%.0f", -$1 }')} % low at 50 and {$(sims "agrosim's defaults" 3 0 | awk '{ printf "%.2f", $1 / $2 }')} of DSSAT's yield at 0; rainfed, {$(echo "$gr" | sed -n 2p | awk '{ printf "%+.0f", $1 }')} % at 50 and {$(echo "$gr" | sed -n 4p | awk '{ printf "%+.0f", $1 }')} % at 150 kg N/ha; stock treatments 1 and 2 {$(echo "$gs" | sed -n 1p | awk '{ printf "%.0f", -$1 }')} % and {$(echo "$gs" | sed -n 2p | awk '{ printf "%.0f", -$1 }')} % low, the others within $(echo "$gs" | sed -n '3,6p' | within %.0f) %"
  fig docs/validation.md "$src" "the irrigated sweep runs $(sims S+MZ 3 50 100 150 200 | pcts | lohi %.0f) % above DSSAT from 50 kg N/ha"
  fig docs/validation.md "$src" "Treatment 4 (irrigated, high N) stays {$( (stock 0; stock 1; stock 2) | awk 'NR % 6 == 4' | pcts | awk '{ printf "%.0f\n", -$1 }' | sort -u | paste -sd/)} % below DSSAT's {*} with every method"
  # the N-rate sweeps as the check runs them, each method alone, and the section's summary
  read -r _ nr nw <"$tmp/nrate.fig"
  read -r _ nr0 nw0 <"$tmp/nrate0.fig"
  # rmse METHOD: over the ten N-rate runs; worst METHOD: the largest deviation's size and where,
  # then the rainfed sweep's largest and where
  rmse() { (sims "$1" 3 0 50 100 150 200; sims "$1" 1 0 50 100 150 200) | awk '{ s += ($1 - $2)^2; n++ } END { printf "{%.0f}", sqrt(s / n) }'; }
  worst=$( (sims "DSSAT's methods" 3 0 50 100 150 200; sims "DSSAT's methods" 1 0 50 100 150 200) | awk '
    function at(i) { r = (i - 1) % 5 * 50; return (i <= 5 ? "irrigated" : "rainfed") (r ? " at " r " kg N/ha" : " without N") }
    function a(x) { return x < 0 ? -x : x }
    { p = 100 * ($1 - $2) / $2; if (a(p) > a(w)) { w = p; wi = NR } if (NR > 5 && a(p) > a(rw)) { rw = p; ri = NR } }
    END { printf "%s; %s {%+.1f} %%", at(wi), at(ri), rw }')
  fig docs/validation.md "$src" "default evaporation) the irrigated sweep gives $(sweep "DSSAT's methods" 3) and the rainfed one $(sweep "DSSAT's methods" 1) kg/ha against DSSAT's {*}, {*}, {*}, {*}, {*} and {*}, {*}, {*}, {*}, {*}: RMSE {$nr} kg/ha over the ten, largest deviation {$nw} % (${worst}), each within the check's {4} % and the RMSE within its {30} kg/ha"
  fig docs/validation.md "$src" "agrosim's defaults give irrigated $(sweep "agrosim's defaults" 3) and rainfed $(sweep "agrosim's defaults" 1) (RMSE {$nr0} kg/ha, {$nw0} % without N); MZ alone $(sweep MZ 3) and $(sweep MZ 1) (RMSE $(rmse MZ)); the DSSAT-4.8 N factor alone $(sweep "N factor" 3) and $(sweep "N factor" 1) (RMSE $(rmse "N factor"))"
  fig docs/validation.md "$src" "the N-limited crop is within $( (stock 1; sims MZ 3 50 100 150 200; sims MZ 1 50 100 150 200) | pcts | within %.0f) % of DSSAT with DSSAT's own uptake routine in the stock treatments and from 50 kg N/ha up ($( (sims MZ 3 0; sims MZ 1 0) | pcts | lohi %.0f) % above it without N), and further off ($( (stock 0; sims "agrosim's defaults" 3 50 100 150 200; sims "agrosim's defaults" 1 50 100 150 200) | pcts | lohi %+.0f | sed 's/–/ to /') %, and {$(sims "agrosim's defaults" 3 0 | awk '{ printf "%.2f", $1 / $2 }')} of DSSAT's yield without N, irrigated) with the generic one"
  # the UFGA8201 table's runs all have DSSAT's anthesis and maturity days (the page says so)
  for w in "${!agro[@]}"; do
    case $w in "N rate "*|*"cut to"*|"rainfed, N off"*|"automatic irrigation"*)
      read -r _ ad md _ <<<"${agro[$w]}"
      [ "$ad $md" = "1982133 1982185" ] || die "docs/validation.md: $w: ADAT $ad, MDAT $md, where the page says every run has DSSAT's 1982133, 1982185" ;;
    esac
  done
  awk -F, 'FNR > 1 && ($6 != 76 || $7 != 128) { print FILENAME ": trt " $2 ": anthesis " $6 ", maturity " $7 " DAP"; bad = 1 } END { exit bad }' \
    "$tmp"/u/u[012].csv || die "docs/validation.md: the stock UFGA8201 runs must have DSSAT's anthesis (76 DAP) and maturity (128 DAP), as the page says"
  awk -v root="$AGROSIM_SOURCE_DIR" -f "$AGROSIM_SOURCE_DIR/tests/cli/page_figures.awk" "$figs" || fail=1
fi

exit $fail
