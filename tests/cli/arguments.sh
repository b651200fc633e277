#!/usr/bin/env bash
# Bad command lines of every `agrosim` command: each ends with the documented exit status (2 for
# a usage error, 1 for bad input; never a signal), prints nothing on stdout, and says what is
# wrong on one stderr line that starts with "agrosim:" and names the option, value or file
# (cli/commands.h). Under the CI's sanitizer build this also runs each error path under ASan and
# UBSan.
# Env (set by ctest): AGROSIM, AGROSIM_SOURCE_DIR, AGROSIM_BINARY_DIR, AGROSIM_VALIDATION_DIR.
set -u
fail=0
bad() { echo "FAIL: $*"; fail=1; }
data="$AGROSIM_VALIDATION_DIR/dssat"
x="$data/Maize/UFGA8201.MZX"
sc="$AGROSIM_SOURCE_DIR/examples/morogoro/morogoro.json"
site="$AGROSIM_SOURCE_DIR/models/sites/morogoro.json"
tmp="$AGROSIM_BINARY_DIR/tests/cli_arguments_tmp"
rm -rf "$tmp"
mkdir -p "$tmp"

# expect STATUS PATTERN ARGS...: run agrosim ARGS; PATTERN is a fixed string the error line holds.
# stdout must stay empty unless stdout_ok=1 (run-dssat prints its table as the treatments run and
# reports the failed ones at the end)
expect() {
  local want=$1 pat=$2
  shift 2
  "$AGROSIM" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  local what="agrosim $*"
  [ "$rc" -eq "$want" ] || bad "$what: exit $rc, want $want ($(tr '\n' ' ' <"$tmp/err"))"
  [ "${stdout_ok:-0}" = 1 ] || [ ! -s "$tmp/out" ] || bad "$what: wrote on stdout: $(head -c 200 "$tmp/out")"
  grep -v '^agrosim: note: ' "$tmp/err" >"$tmp/msg"
  [ "$(wc -l <"$tmp/msg")" -eq 1 ] || bad "$what: $(wc -l <"$tmp/msg") error lines: $(cat "$tmp/msg")"
  grep -q '^agrosim: ' "$tmp/msg" || bad "$what: the error line does not start with agrosim: ($(cat "$tmp/msg"))"
  grep -qF -- "$pat" "$tmp/msg" || bad "$what: the error line does not say \"$pat\": $(cat "$tmp/msg")"
}

# usage errors (2)
expect 2 'unknown command "bogus"' bogus
expect 2 'run SCENARIO.json -o RESULTS.h5' run
expect 2 'run SCENARIO.json -o RESULTS.h5' run "$sc"
expect 2 'unknown or incomplete option "-o"' run "$sc" -o
expect 2 'unknown or incomplete option "--bogus"' run "$sc" -o "$tmp/r.h5" --bogus
expect 2 'one scenario file only' run "$sc" "$sc" -o "$tmp/r.h5"
# the summary would silently replace the results file
expect 2 '-o and --summary name the same file' run "$sc" -o "$tmp/same" --summary "$tmp/same"
[ -e "$tmp/same" ] && bad "run with -o and --summary the same left $tmp/same"
# ... also when the two names spell one new file differently
mkdir -p "$tmp/sub"
expect 2 '-o and --summary name the same file' run "$sc" -o "$tmp/same" --summary "$tmp/sub/../same"
expect 2 '--daily and --summary name the same file' run-dssat "$x" --data "$data" --trt 1 \
  --daily "$tmp/same.csv" --summary "$tmp/./same.csv"
[ -e "$tmp/same" ] || [ -e "$tmp/same.csv" ] && bad "a same-file run left a file"
# ... in a folder the run would make (new/./x.h5), through a folder that does not exist yet
# (missing/../x.h5, which mkdirs makes and .. leaves), or through a link whose file does not
# exist yet: each named one file the tool did not see as one, and the last file committed
# silently replaced the other (exit 0, the results file a CSV)
expect 2 '-o and --summary name the same file' run "$sc" -o "$tmp/new/same.h5" \
  --summary "$tmp/new/./same.h5"
[ -e "$tmp/new" ] && bad "a same-file run made $tmp/new"
echo old >"$tmp/old.h5"
expect 2 '-o and --summary name the same file' run "$sc" -o "$tmp/old.h5" \
  --summary "$tmp/missing/../old.h5"
[ "$(cat "$tmp/old.h5")" = old ] || bad "a same-file run replaced $tmp/old.h5"
[ -e "$tmp/missing" ] && bad "a same-file run made $tmp/missing"
ln -s same.h5 "$tmp/link"
expect 2 '-o and --summary name the same file' run "$sc" -o "$tmp/same.h5" --summary "$tmp/link"
expect 2 '-o and --daily name the same file' run "$sc" -o "$tmp/link" --daily "$tmp/same.h5"
expect 2 '--daily and --summary name the same file' run-dssat "$x" --data "$data" --trt 1 \
  --daily "$tmp/new/same.csv" --summary "$tmp/new/sub/../same.csv"
expect 2 '--csv and --components name the same file' validate --data "$data" --crop maize \
  --csv "$tmp/link" --components "$tmp/same.h5"
[ -e "$tmp/same.h5" ] || [ -e "$tmp/new" ] && bad "a same-file run left a file"
rm -f "$tmp/link" "$tmp/old.h5"
# an output file may not replace the input it was made from: exit 0 used to leave the scenario
# (or the X file) replaced by a CSV or the HDF5 results
# (the scenario's relative paths made absolute, so that it loads from $tmp and runs)
sed "s#\"\\.\\./\\.\\./models/#\"$AGROSIM_SOURCE_DIR/models/#" "$sc" >"$tmp/in.json"
cp "$tmp/in.json" "$tmp/in.ref"
cp "$x" "$tmp/IN.MZX"
expect 2 'run: -o names the scenario file' run "$tmp/in.json" -o "$tmp/in.json"
expect 2 'run: --summary names the scenario file' run "$tmp/in.json" -o "$tmp/r.h5" \
  --summary "$tmp/./in.json"
expect 2 'run: --daily names the scenario file' run "$tmp/in.json" -o "$tmp/r.h5" \
  --daily "$tmp/sub/../in.json"
cmp -s "$tmp/in.ref" "$tmp/in.json" || bad "a run replaced its scenario file"
expect 2 '--daily names the experiment file' run-dssat "$tmp/IN.MZX" --data "$data" --trt 1 \
  --daily "$tmp/IN.MZX"
expect 2 '--summary names the experiment file' run-dssat "$tmp/IN.MZX" --data "$data" --trt 1 \
  --summary "$tmp/./IN.MZX"
cmp -s "$x" "$tmp/IN.MZX" || bad "run-dssat replaced its experiment file"
[ -e "$tmp/r.h5" ] && bad "a refused run left $tmp/r.h5"
# ... nor a file the scenario loads: its site (weather.generate.site), soil (soil.file) or a
# cultivar (fields[0].canopies[0].cultivar.file, and the intervention's), however the output
# spells it (".." through a folder still to be made, a symbolic link, a hard link): exit 0
# used to leave the soil JSON replaced by the results. Refused after the scenario loads and
# before any folder or file is made.
mkdir -p "$tmp/inp"
cp "$AGROSIM_SOURCE_DIR/models/sites/morogoro.json" "$tmp/inp/site.json"
cp "$AGROSIM_SOURCE_DIR/models/soils/morogoro_sandy_clay_loam.json" "$tmp/inp/soil.json"
cp "$AGROSIM_SOURCE_DIR/models/cultivars/maize_h6_hybrid.json" "$tmp/inp/h6.json"
sed -e "s#\"\\.\\./\\.\\./models/sites/morogoro.json\"#\"site.json\"#" \
    -e "s#\"\\.\\./\\.\\./models/soils/morogoro_sandy_clay_loam.json\"#\"soil.json\"#" \
    -e "s#\"\\.\\./\\.\\./models/cultivars/maize_h6_hybrid.json\"#\"h6.json\"#" \
    -e "s#\"\\.\\./\\.\\./models/#\"$AGROSIM_SOURCE_DIR/models/#" "$sc" >"$tmp/inp/sc.json"
ln -s soil.json "$tmp/inp/soft.json"
ln "$tmp/inp/h6.json" "$tmp/inp/hard.json"
cp -r "$tmp/inp" "$tmp/inp.ref"
expect 2 "run: -o names the scenario's input soil.file (\"$tmp/inp/soil.json\")" \
  run "$tmp/inp/sc.json" -o "$tmp/inp/soil.json"
expect 2 "run: --summary names the scenario's input weather.generate.site" \
  run "$tmp/inp/sc.json" -o "$tmp/r.h5" --summary "$tmp/inp/new/../site.json"
expect 2 "run: --daily names the scenario's input soil.file" \
  run "$tmp/inp/sc.json" -o "$tmp/r.h5" --daily "$tmp/inp/soft.json"
expect 2 "run: -o names the scenario's input ensemble.interventions[1].canopies.maize.cultivar.file" \
  run "$tmp/inp/sc.json" -o "$tmp/inp/hard.json"
diff -r "$tmp/inp.ref" "$tmp/inp" >/dev/null || bad "a run replaced one of its scenario's inputs"
[ -e "$tmp/inp/new" ] && bad "a refused run made $tmp/inp/new"
[ -e "$tmp/r.h5" ] && bad "a refused run left $tmp/r.h5"
rm -rf "$tmp/inp" "$tmp/inp.ref"
cp "$site" "$tmp/site.json"
expect 2 'weather-gen: --out names the site file' weather-gen "$tmp/site.json" --years 1 \
  --seed 1 --out "$tmp/./site.json"
cmp -s "$site" "$tmp/site.json" || bad "weather-gen replaced its site file"
rm -f "$tmp/in.json" "$tmp/in.ref" "$tmp/IN.MZX" "$tmp/site.json"
# a path ending in / names a folder: refused before any run, and no folder named after the file
# is left (out.h5/ made the folder out.h5, then failed with "Is a directory")
expect 1 'slash.h5/: cannot write: Is a directory' run "$sc" -o "$tmp/slash.h5/"
expect 1 'slash_s.csv/: cannot write: Is a directory' run "$sc" -o "$tmp/r.h5" --summary "$tmp/slash_s.csv/"
expect 1 'slash_d.csv/: cannot write: Is a directory' run-dssat "$x" --data "$data" --trt 1 \
  --daily "$tmp/slash_d.csv/"
expect 1 'slash_w.csv/: cannot write: Is a directory' weather-gen "$site" --years 1 --seed 1 \
  --out "$tmp/slash_w.csv/"
# so does a last part "." or "..", and a later output's folder name leaves no folder of an
# earlier one (run-dssat made new_d for --daily, then refused --summary)
expect 1 'new_s/.: cannot write: Is a directory' run-dssat "$x" --data "$data" --trt 1 \
  --daily "$tmp/new_d/d.csv" --summary "$tmp/new_s/."
expect 1 'slash_s.csv/: cannot write: Is a directory' run-dssat "$x" --data "$data" --trt 1 \
  --daily "$tmp/new_d/d.csv" --summary "$tmp/slash_s.csv/"
expect 1 'new_w/..: cannot write: Is a directory' weather-gen "$site" --years 1 --seed 1 \
  --out "$tmp/new_w/.."
expect 1 'new_r/.: cannot write: Is a directory' run "$sc" -o "$tmp/new_r/."
for f in slash.h5 slash_s.csv slash_d.csv slash_w.csv r.h5 new_d new_s new_w new_r; do
  [ -e "$tmp/$f" ] && bad "an output path naming a folder left $tmp/$f"
done
# --layers adds columns to the --daily file: alone it has none to add to
expect 2 '--layers adds columns to the --daily file' run-dssat "$x" --data "$data" --trt 1 --layers
expect 2 '--layers adds columns to the --daily file' run-dssat "$x" --data "$data" --trt 1 \
  --layers --summary "$tmp/s.csv"
[ -e "$tmp/s.csv" ] && bad "run-dssat --layers without --daily left its --summary file"
# validate's three CSV files: the last one committed would replace the others (exit 0)
expect 2 '--csv and --components name the same file' validate --data "$data" --crop maize \
  --csv "$tmp/same.csv" --components "$tmp/./same.csv"
expect 2 '--csv and --timeseries name the same file' validate --data "$data" --crop maize \
  --csv "$tmp/same.csv" --timeseries "$tmp/sub/../same.csv"
expect 2 '--components and --timeseries name the same file' validate --data "$data" --crop maize \
  --csv "$tmp/v.csv" --components "$tmp/same.csv" --timeseries "$tmp/same.csv"
[ -e "$tmp/same.csv" ] || [ -e "$tmp/v.csv" ] && bad "a same-file validate left a file"
expect 2 'run-dssat EXP.MZX --data DIR' run-dssat
expect 2 'run-dssat EXP.MZX --data DIR' run-dssat "$x" --data
for v in x 0 -1 1e99 1.5 2147483648 99999999999999999999; do
  expect 2 "--trt needs a positive treatment number ($v)" run-dssat "$x" --data "$data" --trt "$v"
done
expect 2 'unknown or incomplete option --trt' run-dssat "$x" --data "$data" --trt
# the season CSV would replace the daily CSV
expect 2 '--daily and --summary name the same file' run-dssat "$x" --data "$data" --trt 1 \
  --daily "$tmp/same.csv" --summary "$tmp/same.csv"
[ -e "$tmp/same.csv" ] && bad "run-dssat with --daily and --summary the same left $tmp/same.csv"
expect 2 '--evaporation needs one of the values shown' run-dssat "$x" --data "$data" --evaporation penman
expect 2 '--n-uptake needs one of the values shown' run-dssat "$x" --data "$data" --n-uptake
expect 2 '--n-stress needs one of the values shown' run-dssat "$x" --data "$data" --n-stress ceres
expect 2 'one experiment file only' run-dssat "$x" "$x" --data "$data"
expect 2 'validate --data DIR --crop maize --csv OUT.csv' validate
expect 2 'validate --data DIR --crop maize --csv OUT.csv' validate --data "$data" --crop maize
expect 2 'unknown or incomplete argument --bogus' validate --data "$data" --crop maize --csv "$tmp/v.csv" --bogus
expect 2 'usage: weather FILE' weather
expect 2 'usage: weather-gen SITE.json' weather-gen
expect 2 '--years needs a value' weather-gen "$site" --seed 1 --out "$tmp/w.csv" --years
expect 2 'usage: soil FILE [PROFILE_ID]' soil
expect 2 'needs a PROFILE_ID' soil "$data/Soil/SOIL.SOL"
expect 2 'soil-temperature needs --weather W' soil-temperature
# an empty argument, wherever it stands
expect 2 'weather: argument 1 is empty' weather ''
expect 2 'run-dssat: argument 5 (after --daily) is empty' run-dssat "$x" --data "$data" --daily ''
expect 2 'run: argument 3 (after -o) is empty' run "$sc" -o ''
expect 2 'validate: argument 6 (after --csv) is empty' validate --data "$data" --crop maize --csv ''

# an option that takes a value, given twice (also as its other spelling: -o, --output), is a usage
# error naming the command and both spellings (cli_once): the last one won, and the user who read
# the first got another file or treatment. Each line runs without the repeat; none leaves a file.
# twice COMMAND FIRST SECOND V1 V2 ARGS...: agrosim COMMAND ARGS... FIRST V1 SECOND V2 is refused
twice() {
  local c=$1 first=$2 second=$3 v1=$4 v2=$5
  shift 5
  expect 2 "$c: $second given twice (first as $first)" "$c" "$@" "$first" "$v1" "$second" "$v2"
}
W="$data/Weather/UFGA8201.WTH"
sol="$data/Soil/SOIL.SOL"
twice run -o -o "$tmp/twice1.h5" "$tmp/twice2.h5" "$sc"
twice run -o --output "$tmp/twice1.h5" "$tmp/twice2.h5" "$sc"
twice run --output -o "$tmp/twice1.h5" "$tmp/twice2.h5" "$sc"
twice run --output --output "$tmp/twice1.h5" "$tmp/twice2.h5" "$sc"
for o in --summary --daily; do
  twice run "$o" "$o" "$tmp/twice1.csv" "$tmp/twice2.csv" "$sc" -o "$tmp/twice.h5"
  twice run-dssat "$o" "$o" "$tmp/twice1.csv" "$tmp/twice2.csv" "$x" --data "$data" --trt 1
done
twice run-dssat --data --data "$data" "$data" "$x" --trt 1
twice run-dssat --trt --trt 1 2 "$x" --data "$data"
while read -r o v1 v2; do
  twice run-dssat "$o" "$o" "$v1" "$v2" "$x" --data "$data" --trt 1
  twice validate "$o" "$o" "$v1" "$v2" --data "$data" --crop maize --csv "$tmp/twice.csv"
done <<'OPTIONS'
--evaporation ritchie mesev
--n-uptake generic ceres-maize
--n-stress stage-transform dssat-4.8
--stemp-surface air albedo
OPTIONS
twice validate --data --data "$data" "$data" --crop maize --csv "$tmp/twice.csv"
twice validate --crop --crop maize maize --data "$data" --csv "$tmp/twice.csv"
twice validate --csv --csv "$tmp/twice1.csv" "$tmp/twice2.csv" --data "$data" --crop maize
for o in --components --timeseries; do
  twice validate "$o" "$o" "$tmp/twice1.csv" "$tmp/twice2.csv" --data "$data" --crop maize \
    --csv "$tmp/twice.csv"
done
twice weather-gen --years --years 1 2 "$site" --seed 1 --out "$tmp/twice.csv"
twice weather-gen --seed --seed 1 2 "$site" --years 1 --out "$tmp/twice.csv"
twice weather-gen --out --out "$tmp/twice1.csv" "$tmp/twice2.csv" "$site" --years 1 --seed 1
twice weather-gen --first-year --first-year 2001 2002 "$site" --years 1 --seed 1 --out "$tmp/twice.csv"
twice soil-temperature --weather --weather "$W" "$site" --soil "$sol" IBMZ910014 --years 1
twice soil-temperature --soil --soil "$sol" "$sol" --weather "$W" --years 1
twice soil-temperature --years --years 1 2 --weather "$W" --soil "$sol" IBMZ910014
while read -r o v1 v2; do
  twice soil-temperature "$o" "$o" "$v1" "$v2" --weather "$W" --soil "$sol" IBMZ910014 --years 1
done <<'OPTIONS'
--cover bare film-clear
--depths-cm 5 10
--seed 1 2
--method numerical stemp
--bottom tav zero-flux
--stemp-surface air albedo
--residue-t-ha 3 4
OPTIONS
ls "$tmp"/twice* >/dev/null 2>&1 && bad "an option given twice left a file: $(ls "$tmp"/twice*)"
# a value that looks like an option ("-" and a letter) is a usage error (cli_once): "-o --quiet"
# wrote a results file named "--quiet"; "-x" after soil's FILE was read as its PROFILE_ID
expect 2 'run: -o needs a value, not the option "--quiet" (a file of that name: ./--quiet)' \
  run "$sc" -o --quiet
expect 2 'run: --summary needs a value, not the option "-q"' run "$sc" -o "$tmp/optval.h5" --summary -q
expect 2 'run-dssat: --data needs a value, not the option "--trt"' run-dssat "$x" --data --trt 1
expect 2 'run-dssat: --daily needs a value, not the option "--layers"' \
  run-dssat "$x" --data "$data" --trt 1 --daily --layers
expect 2 'validate: --csv needs a value, not the option "--data"' validate --crop maize --csv --data "$data"
expect 2 'weather-gen: --out needs a value, not the option "--years"' \
  weather-gen "$site" --seed 1 --out --years 1
expect 2 'soil-temperature: --weather needs a value, not the option "--soil"' \
  soil-temperature --weather --soil "$sol" IBMZ910014 --years 1
expect 2 'soil: unknown option -x' soil "$sol" -x
expect 2 "(unexpected '-x')" soil-temperature --weather "$W" --soil "$sol" -x --years 1
# a negative number is a value, refused by the option's own check
expect 2 '--seed: expected an integer from 0 to 18446744073709551615 (2^64 - 1) ("-5")' \
  weather-gen "$site" --years 1 --seed -5 --out "$tmp/optval.csv"
ls "$tmp"/optval* >/dev/null 2>&1 && bad "a value like an option left a file: $(ls "$tmp"/optval*)"
# a flag without a value may repeat: the second one changes nothing
accept() {
  "$AGROSIM" "$@" >"$tmp/out" 2>"$tmp/err" || bad "agrosim $*: exit $? ($(tr '\n' ' ' <"$tmp/err"))"
}
accept weather "$W" --json --json --strict --strict
accept soil "$sol" IBMZ910014 --json --json
accept soil-temperature --weather "$W" --soil "$sol" IBMZ910014 --years 1 --json --json
accept run "$sc" -o "$tmp/flags.h5" -q --quiet
accept run-dssat "$x" --data "$data" --trt 1 --daily "$tmp/flags.csv" --layers --layers

# bad input (1): the file, value or treatment named
expect 1 '/nonexistent/s.json: cannot open' run /nonexistent/s.json -o "$tmp/r.h5"
expect 1 'treatment 99 is not in the experiment' run-dssat "$x" --data "$data" --trt 99
stdout_ok=1 expect 1 '/nonexistent/Genotype/MZCER048.CUL' run-dssat "$x" --data /nonexistent --trt 1
expect 1 '/nonexistent/X.MZX' run-dssat /nonexistent/X.MZX --data "$data"
expect 2 'only maize is simulated' validate --data "$data" --crop soybean --csv "$tmp/v.csv"
# missing folders are made (tests/cli/validate.sh); one that cannot be made is named
expect 1 '/proc/agrosim-no: cannot create folder' validate --data "$data" --crop maize --csv /proc/agrosim-no/v.csv
expect 1 '/proc/agrosim-no: cannot create folder' validate --data "$data" --crop maize --csv "$tmp/v.csv" --timeseries /proc/agrosim-no/t.csv
expect 1 '/proc/agrosim-no: cannot create folder' run-dssat "$x" --data "$data" --trt 1 --summary /proc/agrosim-no/s.csv
expect 1 '/proc/agrosim-no: cannot create folder' weather-gen "$site" --years 1 --seed 1 --out /proc/agrosim-no/w.csv
# a full disk (/dev/full) is reported with its reason, and leaves no temporary file behind
expect 1 '/dev/full: cannot write the CSV file: No space left on device' validate --data "$data" --crop maize --csv /dev/full
ls "$tmp"/v.csv.* >/dev/null 2>&1 && bad "validate left a temporary file: $(ls "$tmp"/v.csv.*)"
expect 1 '/nonexistent/Maize' validate --data /nonexistent --crop maize --csv "$tmp/v.csv"
expect 1 '/nonexistent/W.WTH' weather /nonexistent/W.WTH
expect 2 '--years' weather-gen "$site" --years x --seed 1 --out "$tmp/w.csv"
expect 2 '--years' weather-gen "$site" --years 0 --seed 1 --out "$tmp/w.csv"
expect 2 '--seed' weather-gen "$site" --years 1 --seed -5 --out "$tmp/w.csv"
# strtoull skips blanks and takes a sign: " -1" was the seed 2^64 - 1
expect 2 '--seed' weather-gen "$site" --years 1 --seed " -1" --out "$tmp/w.csv"
expect 2 '--seed' weather-gen "$site" --years 1 --seed "+5" --out "$tmp/w.csv"
expect 2 '--seed' soil-temperature --weather "$site" --soil "$data/Soil/SOIL.SOL" IBMZ910014 --years 1 --seed " -1"
# a seed past 2^64 - 1 is a non-negative integer too: the message says the range, not the sign
expect 2 '--seed: expected an integer from 0 to 18446744073709551615 (2^64 - 1) ("18446744073709551616")' \
  weather-gen "$site" --years 1 --seed 18446744073709551616 --out "$tmp/w.csv"
expect 2 "--seed: '18446744073709551616' is not an integer from 0 to 18446744073709551615 (2^64 - 1)" \
  soil-temperature --weather "$site" --soil "$data/Soil/SOIL.SOL" IBMZ910014 --years 1 \
  --seed 18446744073709551616
expect 1 '/nonexistent/site.json' weather-gen /nonexistent/site.json --years 1 --seed 1 --out "$tmp/w.csv"
expect 1 'soil profile "NOPE" not found' soil "$data/Soil/SOIL.SOL" NOPE
expect 2 '--years' soil-temperature --weather "$data/Weather/UFGA8201.WTH" --soil "$data/Soil/SOIL.SOL" IBMZ910014 --years 0
[ -e "$tmp/r.h5" ] && bad "a failed run left $tmp/r.h5"

# a weather day that the readers load (DSSAT's limit for SRAD is 100 MJ/m2/d) but the field or the
# soil temperature refuses (SRAD above 50): the error names the weather file and the day's line
mkdir -p "$tmp/wdata/Weather" "$tmp/wdata/Soil" "$tmp/wdata/Genotype"
ln -s "$data/Soil/SOIL.SOL" "$tmp/wdata/Soil/SOIL.SOL"
ln -s "$data/Genotype/MZCER048.CUL" "$data/Genotype/MZCER048.ECO" "$tmp/wdata/Genotype/"
sed 's/^82100   3\.8 /82100  60.0 /' "$data/Weather/UFGA8201.WTH" >"$tmp/wdata/Weather/UFGA8201.WTH"
grep -q '^82100  60\.0 ' "$tmp/wdata/Weather/UFGA8201.WTH" || bad "the bright .WTH day was not written"
stdout_ok=1 expect 1 'wdata/Weather/UFGA8201.WTH:105: SRAD: 1982-100: 60 outside [0, 50]' \
  run-dssat "$x" --data "$tmp/wdata" --trt 1
expect 1 'wdata/Weather/UFGA8201.WTH:105: day 1982-100: srad_MJ_m2_d: 60 outside [0, 50]' \
  soil-temperature --weather "$tmp/wdata/Weather/UFGA8201.WTH" --soil "$data/Soil/SOIL.SOL" IBMZ910014 --years 1
"$AGROSIM" weather-gen "$site" --years 1 --seed 1 --out "$tmp/gen.csv" >/dev/null 2>&1 || bad "weather-gen failed"
awk -F, -v OFS=, '$1 == "2001-04-10" { $2 = 60 } { print }' "$tmp/gen.csv" >"$tmp/bright.csv"
line=$(grep -n '^2001-04-10,60,' "$tmp/bright.csv" | cut -d: -f1)
[ -n "$line" ] || bad "the bright CSV day was not written"
cat >"$tmp/bright.json" <<JSON
{"schema_version": 1, "name": "bright",
 "weather": {"file": "$tmp/bright.csv"},
 "soil": {"file": "$AGROSIM_SOURCE_DIR/models/soils/morogoro_sandy_clay_loam.json"},
 "seasons": {"first_year": 2001, "count": 1, "start": "--03-01", "max_days": 200},
 "fields": [{"name": "plot", "type": "crop", "canopies": [
   {"name": "maize", "crop": "maize",
    "cultivar": {"file": "$AGROSIM_SOURCE_DIR/models/cultivars/maize_katumani_opv.json"},
    "sowing": {"date": "--03-15", "density_pl_m2": 2.2, "row_spacing_cm": 67, "depth_cm": 5}}],
  "management": []}]}
JSON
expect 1 "bright.json: field plot, intervention default, member 0, season 1: $tmp/bright.csv:$line: SRAD: 2001-100: 60 outside [0, 50]" \
  run "$tmp/bright.json" -o "$tmp/r.h5"
[ -e "$tmp/r.h5" ] && bad "a failed run left $tmp/r.h5"

# standard output that cannot be written (a full disk: /dev/full) is an error, exit 1 with one
# stderr line, not a success that wrote nothing: every command whose result is on stdout
full_stdout() {
  "$AGROSIM" "$@" >/dev/full 2>"$tmp/err"
  local rc=$?
  grep -v '^agrosim: note: ' "$tmp/err" >"$tmp/msg"
  [ "$rc" -eq 1 ] || bad "agrosim $* >/dev/full: exit $rc, want 1 ($(tr '\n' ' ' <"$tmp/msg"))"
  [ "$(wc -l <"$tmp/msg")" -eq 1 ] && grep -qxF 'agrosim: standard output: write error: No space left on device' "$tmp/msg" \
    || bad "agrosim $* >/dev/full: not one line naming standard output and the reason: $(cat "$tmp/msg")"
}
full_stdout --version
full_stdout help
full_stdout help run
full_stdout weather "$data/Weather/UFGA8201.WTH"
full_stdout weather "$data/Weather/UFGA8201.WTH" --json
full_stdout soil "$data/Soil/SOIL.SOL" IBMZ910014
full_stdout soil-temperature --weather "$data/Weather/UFGA8201.WTH" --soil "$data/Soil/SOIL.SOL" IBMZ910014 --years 1
full_stdout soil-temperature --weather "$data/Weather/UFGA8201.WTH" --soil "$data/Soil/SOIL.SOL" IBMZ910014 --years 1 --json
full_stdout run-dssat "$x" --data "$data" --trt 1
full_stdout run "$sc" -o "$tmp/full.h5" -q
full_stdout validate --data "$data" --crop maize --csv "$tmp/full.csv"

# standard output closed by the caller (>&-) is a write error as well, and what the command
# prints does not end up in an output file that took the closed descriptor's number: run-dssat's
# table went into its --daily CSV
"$AGROSIM" run-dssat "$x" --data "$data" --daily "$tmp/open.csv" >/dev/null 2>&1
"$AGROSIM" run-dssat "$x" --data "$data" --daily "$tmp/closed.csv" >&- 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || bad "agrosim run-dssat >&-: exit $rc, want 1"
grep -v '^agrosim: note: ' "$tmp/err" | grep -qxF 'agrosim: standard output: write error: Bad file descriptor' \
  || bad "agrosim run-dssat >&-: no line naming standard output: $(cat "$tmp/err")"
cmp -s "$tmp/open.csv" "$tmp/closed.csv" \
  || bad "agrosim run-dssat >&-: the --daily CSV differs from the run with stdout open (the printed table went into it)"

# An output name no writer can make, refused (usage, 2) before any folder of any output is made:
# 2040 parts a/a/.../x.csv fit in 4095 bytes but their temporary name <name>.partial-<pid>-<k>
# does not (weather-gen made the 2040 folders, then failed "file name too long"; run, run-dssat
# and validate too, after their runs), and a part of 300 bytes (mkdir made the folders above it)
mkdir -p "$tmp/names"
long_out=$(printf 'a/%.0s' $(seq 1 2040))x.csv
wide_out=b/$(printf 'w%.0s' $(seq 1 300))/x.csv
for out in "$long_out" "$wide_out"; do
  case $out in a/*) why='its temporary name <name>.partial-<pid>-<k> would have' ;;
               *) why='file name too long (a part of 300 bytes, at most 255)' ;; esac
  ( cd "$tmp/names" || exit 1
    expect 2 "weather-gen: --out: " weather-gen "$site" --years 1 --seed 1 --out "$out"
    grep -qF -- "$why" "$tmp/msg" || bad "weather-gen: \"$why\" not said: $(cat "$tmp/msg")"
    expect 2 "run: --summary: " run "$sc" -o ok/r.h5 --summary "$out"
    grep -qF -- "$why" "$tmp/msg" || bad "run: \"$why\" not said: $(cat "$tmp/msg")"
    expect 2 "run: -o: " run "$sc" -o "${out%.csv}.h5"
    expect 2 "run-dssat: --summary: " run-dssat "$x" --data "$data" --trt 1 --daily ok/d.csv \
      --summary "$out"
    expect 2 "validate: --timeseries: " validate --data "$data" --crop maize --csv ok/v.csv \
      --timeseries "$out"
    exit $fail ) || fail=1
  [ -z "$(ls -A "$tmp/names")" ] || bad "a refused output name left folders: $(ls -A "$tmp/names")"
done

rm -rf "$tmp"
exit $fail
