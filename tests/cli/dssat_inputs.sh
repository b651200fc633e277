#!/usr/bin/env bash
# `run-dssat` and `validate` refuse an output (--summary, --daily; --csv, --components,
# --timeseries) that names a file the runs read or look for: the weather, soil and genotype
# files of --data, the X file and the A and T files beside it (agro_dssat_inputs_add), however
# the path spells it (a symbolic link, "..", a folder still to be made). Exit 2, a usage line
# naming the option and the input, nothing written and no folder made. Before, `run-dssat X
# --data DIR --summary DIR/Soil/SOIL.SOL` replaced the soil file with the CSV.
# Works on a copy of the shared DSSAT files in a temporary folder (never on the shared ones).
# Env (set by ctest): AGROSIM, AGROSIM_BINARY_DIR, AGROSIM_VALIDATION_DIR.
set -u
fail=0
bad() { echo "FAIL: $*"; fail=1; }
shared="$AGROSIM_VALIDATION_DIR/dssat"
tmp="$AGROSIM_BINARY_DIR/tests/cli_dssat_inputs_tmp"
[ -d "$shared/Weather" ] || { echo "FAIL: $shared/Weather: cannot open (AGROSIM_VALIDATION_DIR)"; exit 1; }
rm -rf "$tmp"
mkdir -p "$tmp/data/Maize" "$tmp/links"
d="$tmp/data"
cp -r "$shared/Weather" "$shared/Soil" "$shared/Genotype" "$d/"
cp "$shared"/Maize/UFGA8201.MZ? "$shared"/Maize/EBPL8501.MZ? "$d/Maize/"
# UFGA8201 as a 3-season run (NYERS 3: 1982, 1983, 1984), which reads UFGA8401.WTH too
sed 's/^ 1 GE              1     1     S 82056/ 1 GE              3     1     S 82056/' \
  "$shared/Maize/UFGA8201.MZX" >"$d/Maize/UFGA8202.MZX"
grep -q '^ 1 GE              3     1     S 82056' "$d/Maize/UFGA8202.MZX" || bad "NYERS not patched"
# X files outside DIR/Maize (validate runs those), IBWA8301 as it is and two changing one thing
# the runs read:
# EBPL8502, fallow treatment 3 on a field of its own (station EBFA, soil ZZFA850001, neither
# there); IBWA8309, station IBWA8309 (8 characters, no IBWA8309.WTH: the run looks for it, then
# IBWA8301.WTH, then finds the multi-year IBWA8302.WTH)
mkdir -p "$tmp/x"
sed -e 's/^\( 3 1 0 0 .*FALLOW     2\)  1/\1  2/' \
  -e '/^ 1 EBPL0001 EBCH8401/{p;s/^ 1 EBPL0001 EBCH8401/ 2 EBPL0002 EBFA    /;s/EBMZ850001/ZZFA850001/}' \
  -e '/^ 1               0               0         0                 0/{p;s/^ 1/ 2/}' \
  "$shared/Maize/EBPL8501.MZX" >"$tmp/x/EBPL8502.MZX"
grep -q '^ 3 1 0 0 NO MUCUNA TOPS, FALLOW     2  2' "$tmp/x/EBPL8502.MZX" &&
  grep -q '^ 2 EBPL0002 EBFA .*ZZFA850001' "$tmp/x/EBPL8502.MZX" || bad "EBPL8502 not patched"
cp "$shared/Maize/IBWA8301.MZX" "$tmp/x/"
sed 's/^\( 1 IBWA0001 \)IBWA8302/\1IBWA8309/' "$shared/Maize/IBWA8301.MZX" >"$tmp/x/IBWA8309.MZX"
grep -q '^ 1 IBWA0001 IBWA8309' "$tmp/x/IBWA8309.MZX" || bad "IBWA8309 not patched"
chmod -R u+w "$d" # the shared files are read-only: a refusal must not come from that
cp -r "$d" "$tmp/ref"
x="$d/Maize/UFGA8201.MZX"

# expect PATTERN ARGS...: exit 2, nothing on stdout, one "agrosim: usage: ..." line with PATTERN
expect() {
  local pat=$1
  shift
  "$AGROSIM" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  local what="agrosim $*"
  [ "$rc" -eq 2 ] || bad "$what: exit $rc, want 2 ($(tr '\n' ' ' <"$tmp/err"))"
  [ ! -s "$tmp/out" ] || bad "$what: wrote on stdout: $(head -c 200 "$tmp/out")"
  [ "$(wc -l <"$tmp/err")" -eq 1 ] || bad "$what: $(wc -l <"$tmp/err") stderr lines: $(cat "$tmp/err")"
  grep -qF -- "agrosim: usage: $pat" "$tmp/err" || bad "$what: the error line does not say \"$pat\": $(cat "$tmp/err")"
}

ln -s ../data/Weather/UFGA8201.WTH "$tmp/links/wth.csv"
ln -s ../data/Maize/UFGA8201.MZT "$tmp/links/t.csv"
ln -s ../data/Weather/EBCH8401.WTH "$tmp/links/eb.csv"
ln -s ../data/Soil/EB.SOL "$tmp/links/eb_sol.csv"

# run-dssat: every kind of input, each option, plain, through a link and through ".."
expect "run-dssat: --summary names the experiment's soil file \"$d/Soil/SOIL.SOL\"" \
  run-dssat "$x" --data "$d" --summary "$d/Soil/SOIL.SOL"
# EBPL8501's profile EBMZ850001 is not in SOIL.SOL: the run reads EB.SOL
expect "run-dssat: --daily names the experiment's soil file \"$d/Soil/EB.SOL\"" \
  run-dssat "$d/Maize/EBPL8501.MZX" --data "$d" --trt 1 --daily "$tmp/links/eb_sol.csv"
expect "run-dssat: --daily names the experiment's weather file \"$d/Weather/UFGA8201.WTH\"" \
  run-dssat "$x" --data "$d" --daily "$tmp/links/wth.csv"
expect "run-dssat: --summary names the experiment's weather file \"$d/Weather/UFGA8201.WTH\"" \
  run-dssat "$x" --data "$d" --summary "$d/Soil/new/../../Weather/UFGA8201.WTH"
expect "run-dssat: --summary names the experiment's cultivar file \"$d/Genotype/MZCER048.CUL\"" \
  run-dssat "$x" --data "$d" --summary "$d/Genotype/new/../MZCER048.CUL"
# a link after a folder still to be made and left by "..": links/new/../wdir is the Weather
# folder once "new" is made (accepted before, and the CSV replaced the weather file)
ln -s ../data/Weather "$tmp/links/wdir"
expect "run-dssat: --summary names the experiment's weather file \"$d/Weather/UFGA8201.WTH\"" \
  run-dssat "$x" --data "$d" --summary "$tmp/links/new/../wdir/UFGA8201.WTH"
[ ! -e "$tmp/links/new" ] || bad "the refused run made the folder links/new"
expect "run-dssat: --daily names the experiment's ecotype file \"$d/Genotype/MZCER048.ECO\"" \
  run-dssat "$x" --data "$d" --daily "$d/Genotype/MZCER048.ECO"
expect "run-dssat: --daily names the experiment's species file \"$d/Genotype/MZCER048.SPE\"" \
  run-dssat "$x" --data "$d" --daily "$d/./Genotype/MZCER048.SPE"
expect "run-dssat: --daily names the experiment's observation file (A) \"$d/Maize/UFGA8201.MZA\"" \
  run-dssat "$x" --data "$d" --daily "$d/Maize/UFGA8201.MZA"
expect "run-dssat: --summary names the experiment's time-series file (T) \"$d/Maize/UFGA8201.MZT\"" \
  run-dssat "$x" --data "$d" --summary "$tmp/links/t.csv"
# a weather file the run would look for, not there: it would be made and read by the next run
expect "run-dssat: --summary names the experiment's weather file \"$d/Weather/UFGA8301.WTH\"" \
  run-dssat "$x" --data "$d" --summary "$d/Weather/UFGA8301.WTH"
# the third season of a NYERS 3 run reads UFGA8401.WTH; a one-season run does not
expect "run-dssat: --daily names the experiment's weather file \"$d/Weather/UFGA8401.WTH\"" \
  run-dssat "$d/Maize/UFGA8202.MZX" --data "$d" --trt 1 --daily "$d/Weather/UFGA8401.WTH"

# validate: every X, A and T file of DIR/Maize and what their treatments read
v() { echo validate --data "$d" --crop maize; }
expect "validate: --csv names a DSSAT input, the soil file \"$d/Soil/SOIL.SOL\"" \
  $(v) --csv "$d/Soil/SOIL.SOL"
expect "validate: --components names a DSSAT input, the weather file \"$d/Weather/EBCH8401.WTH\"" \
  $(v) --csv "$tmp/v.csv" --components "$tmp/links/eb.csv"
expect "validate: --timeseries names a DSSAT input, the time-series file (T) \"$d/Maize/EBPL8501.MZT\"" \
  $(v) --csv "$tmp/v.csv" --timeseries "$d/Maize/new/../EBPL8501.MZT"
expect "validate: --csv names a DSSAT input, the observation file (A) \"$d/Maize/UFGA8201.MZA\"" \
  $(v) --csv "$d/Maize/UFGA8201.MZA"
expect "validate: --components names a DSSAT input, the experiment file \"$d/Maize/UFGA8202.MZX\"" \
  $(v) --csv "$tmp/v.csv" --components "$d/Maize/UFGA8202.MZX"
expect "validate: --timeseries names a DSSAT input, the cultivar file \"$d/Genotype/MZCER048.CUL\"" \
  $(v) --csv "$tmp/v.csv" --timeseries "$d/Genotype/MZCER048.CUL"
expect "validate: --csv names a DSSAT input, the weather file \"$d/Weather/UFGA8401.WTH\"" \
  $(v) --csv "$d/Weather/UFGA8401.WTH"
# an A file not there, in lower case, which validate looks for when UFGA8202.MZA is missing
expect "validate: --csv names a DSSAT input, the observation file (A) \"$d/Maize/UFGA8202.mza\"" \
  $(v) --csv "$d/Maize/UFGA8202.mza"

# files a run looks for that are not there: made, the next run would read them
expect "run-dssat: --summary names the experiment's weather file \"$d/Weather/IBWA8309.WTH\"" \
  run-dssat "$tmp/x/IBWA8309.MZX" --data "$d" --summary "$d/Weather/IBWA8309.WTH"
expect "run-dssat: --daily names the experiment's weather file \"$d/Weather/IBWA8301.WTH\"" \
  run-dssat "$tmp/x/IBWA8309.MZX" --data "$d" --trt 2 --daily "$d/Weather/IBWA8301.WTH"
expect "run-dssat: --summary names the experiment's weather file \"$d/Weather/IBWA8302.WTH\"" \
  run-dssat "$tmp/x/IBWA8309.MZX" --data "$d" --summary "$d/Weather/IBWA8302.WTH"
# a fallow treatment run by --trt: the runner reads its first weather file's first date before
# it refuses the crop
expect "run-dssat: --summary names the experiment's weather file \"$d/Weather/EBFA8401.WTH\"" \
  run-dssat "$tmp/x/EBPL8502.MZX" --data "$d" --trt 3 --summary "$d/Weather/EBFA8401.WTH"

# nothing written: the inputs byte for byte as they were, no file or folder added
diff -r "$tmp/ref" "$d" >"$tmp/diff" 2>&1 || bad "a refused run changed the data: $(head -5 "$tmp/diff")"
[ -e "$tmp/v.csv" ] && bad "a refused validate left $tmp/v.csv"

# accept OUT ARGS...: run-dssat ARGS writes OUT, a file no run of ARGS reads or looks for
accept() {
  local out=$1
  shift
  "$AGROSIM" run-dssat "$@" >/dev/null 2>"$tmp/err" || bad "run-dssat $*: $(cat "$tmp/err")"
  [ -s "$out" ] || bad "run-dssat $*: wrote no $out"
}
# an output beside the inputs that none of them is, is written (one treatment, one season)
accept "$d/Maize/out/s.csv" "$x" --data "$d" --trt 1 --summary "$d/Maize/out/s.csv"
# Before, the list held the files of every treatment, fallow ones too, an 8-character
# station's yearly names whatever its WSTA.WTH covered, and XX.SOL whatever SOIL.SOL held.
# the fallow treatment 3 of EBPL8502, not run: neither its soil file nor its weather file
accept "$d/Soil/ZZ.SOL" "$tmp/x/EBPL8502.MZX" --data "$d" --summary "$d/Soil/ZZ.SOL"
accept "$d/Weather/EBFA8401.WTH" "$tmp/x/EBPL8502.MZX" --data "$d" --daily "$d/Weather/EBFA8401.WTH"
# station IBWA8302: IBWA8302.WTH covers the seasons, no yearly IBWA8301.WTH is looked for
accept "$d/Weather/IBWA8301.WTH" "$tmp/x/IBWA8301.MZX" --data "$d" --trt 1 \
  --summary "$d/Weather/IBWA8301.WTH"
# UFGA8201's profile IBMZ910014 is in SOIL.SOL: IB.SOL is not looked for
accept "$d/Soil/IB.SOL" "$x" --data "$d" --trt 1 --summary "$d/Soil/IB.SOL"

rm -rf "$tmp"
exit $fail
