#!/bin/bash
# agrosim soil-temperature and the goroka_film example: regression against the committed answer
# file (tolerance 0.05 °C per number) and README's figures of it, JSON shape and physics of the
# command, and bad input (exit 1, exactly one line on stderr).
set -u
: "${AGROSIM:?}" "${AGROSIM_SOURCE_DIR:?}" "${AGROSIM_BINARY_DIR:?}" "${AGROSIM_VALIDATION_DIR:?}"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
models="$AGROSIM_SOURCE_DIR/models"
site="$models/sites/goroka.json"
soil="$models/soils/goroka_clay_loam.json"

# 1. The example reproduces its expected output within 0.05 °C.
example="$AGROSIM_BINARY_DIR/examples/goroka_film/goroka_film"
expected="$AGROSIM_SOURCE_DIR/examples/goroka_film/goroka_film.out"
if [ -x "$example" ]; then
    "$example" "$models" > "$tmp/goroka.out" 2> "$tmp/goroka.err" || fail "goroka_film exited $?: $(cat "$tmp/goroka.err")"
    python3 - "$expected" "$tmp/goroka.out" <<'PY' || fail "goroka_film output differs from goroka_film.out"
import sys
exp = open(sys.argv[1]).read().split("\n")
got = open(sys.argv[2]).read().split("\n")
if len(exp) != len(got):
    sys.exit(f"{len(got)} lines, expected {len(exp)}")
for n, (e, g) in enumerate(zip(exp, got), 1):
    ef, gf = e.split(), g.split()
    if len(ef) != len(gf):
        sys.exit(f"line {n}: '{g}' vs '{e}'")
    for a, b in zip(ef, gf):
        try:
            x, y = float(a), float(b)
        except ValueError:
            if a.strip(",()") != b.strip(",()") and not e.startswith("#"):
                sys.exit(f"line {n}: '{g}' vs '{e}'")
            continue
        if abs(x - y) > 0.05:
            sys.exit(f"line {n}: {b} vs expected {a} (tolerance 0.05)")
PY
    # README's figures are the example's, rounded as printed there (tests/cli/page_figures.awk)
    t() { awk -v b="$1" -v d="$2" '$1 == "tav" && $2 == b && $3 == d { printf "%.1f", $4 }' "$tmp/goroka.out"; }
    printf '%s\t%s\t%s\n' README.md "goroka_film (tav rows)" \
        "mean daily temperature {$(t film-clear 5)} °C at 5 cm, {$(t film-clear 50)} °C at 50 cm, {$(t film-clear 150)} °C at 1.5 m (bare: {$(t bare 5)}, {$(t bare 50)}, {$(t bare 150)} °C)" \
        > "$tmp/figs"
    LC_ALL=C awk -v root="$AGROSIM_SOURCE_DIR" -f "$AGROSIM_SOURCE_DIR/tests/cli/page_figures.awk" "$tmp/figs" \
        || fail "README.md does not give goroka_film's figures"
else
    fail "example binary $example not built"
fi

# 2. The command with a site file: JSON shape, ordering, film warmer than bare, and agreement
#    with the example (same seed, same 1 + 3 years).
for c in bare film-clear; do
    "$AGROSIM" soil-temperature --weather "$site" --soil "$soil" --cover $c --years 3 \
        --depths-cm 5,50,150 --json --seed 1 > "$tmp/$c.json" 2> "$tmp/$c.err" \
        || fail "soil-temperature --cover $c exited $?: $(cat "$tmp/$c.err")"
done
python3 - "$tmp/bare.json" "$tmp/film-clear.json" "$expected" <<'PY' || fail "soil-temperature JSON check"
import json, sys
bare, film = (json.load(open(p)) for p in sys.argv[1:3])
rows = {}
for line in open(sys.argv[3]):
    f = line.split()
    if f and f[0] == "tav":
        rows[(f[1], float(f[2]))] = [float(v) for v in f[3:6]]
for doc, cover in ((bare, "bare"), (film, "film-clear")):
    assert doc["cover"] == cover, doc["cover"]
    assert [d["depth_cm"] for d in doc["depths"]] == [5, 50, 150], doc
    for d in doc["depths"]:
        assert set(d) == {"depth_cm", "mean_C", "min_C", "max_C"}, d
        assert d["min_C"] <= d["mean_C"] <= d["max_C"], d
        ref = rows[(cover, d["depth_cm"])]
        got = [d["mean_C"], d["min_C"], d["max_C"]]
        assert all(abs(a - b) < 0.01 for a, b in zip(got, ref)), (cover, got, ref)
for b, f in zip(bare["depths"], film["depths"]):
    assert f["mean_C"] > b["mean_C"] + 0.5, (b, f)
# the daily-mean range narrows with depth
r = [d["max_C"] - d["min_C"] for d in bare["depths"]]
assert r[0] > r[1] > r[2], r
PY

# 3. A DSSAT weather file and .SOL profile (one-year file: spin-up on its own first year).
"$AGROSIM" soil-temperature --weather "$AGROSIM_VALIDATION_DIR/dssat/Weather/LUGO9101.WTH" \
    --soil "$AGROSIM_VALIDATION_DIR/dssat/Soil/SOIL.SOL" IB00000005 --cover film-black \
    --years 1 --depths-cm 10,100 --json > "$tmp/wth.json" 2> "$tmp/wth.err" \
    || fail "soil-temperature on LUGO9101.WTH exited $?: $(cat "$tmp/wth.err")"
python3 -c '
import json, math, sys
d = json.load(open(sys.argv[1]))
assert d["cover"] == "film-black" and len(d["depths"]) == 2
assert all(math.isfinite(v) for x in d["depths"] for v in x.values())
' "$tmp/wth.json" || fail "JSON of the .WTH run"

# 3b. STEMP on the same file: DSSAT 4.8.0's radiative surface term warms the topsoil over
#     4.8.2's mean-air term (the default).
for t in air albedo; do
    "$AGROSIM" soil-temperature --weather "$AGROSIM_VALIDATION_DIR/dssat/Weather/LUGO9101.WTH" \
        --soil "$AGROSIM_VALIDATION_DIR/dssat/Soil/SOIL.SOL" IB00000005 --cover bare \
        --method stemp --stemp-surface $t --years 1 --depths-cm 10 --json > "$tmp/st_$t.json" \
        2> "$tmp/st_$t.err" || fail "soil-temperature --stemp-surface $t exited $?: $(cat "$tmp/st_$t.err")"
done
python3 -c '
import json, sys
air, alb = (json.load(open(p))["depths"][0]["mean_C"] for p in sys.argv[1:3])
assert alb > air + 0.5, (air, alb)
' "$tmp/st_air.json" "$tmp/st_albedo.json" || fail "STEMP surface terms at 10 cm"

# 3c. EPIC (DSSAT STEMP_EPIC) on the same file: its dry-day surface term is TAVG + 2 °C, so the
#     topsoil is warmer than STEMP's mean-air term; a 6 t/ha residue (its mulch) lags the surface.
for c in bare residue; do
    "$AGROSIM" soil-temperature --weather "$AGROSIM_VALIDATION_DIR/dssat/Weather/LUGO9101.WTH" \
        --soil "$AGROSIM_VALIDATION_DIR/dssat/Soil/SOIL.SOL" IB00000005 --cover $c --residue-t-ha 6 \
        --method epic --years 1 --depths-cm 0,10 --json > "$tmp/epic_$c.json" \
        2> "$tmp/epic_$c.err" || fail "soil-temperature --method epic --cover $c exited $?: $(cat "$tmp/epic_$c.err")"
done
python3 -c '
import json, math, sys
air = json.load(open(sys.argv[1]))["depths"][0]["mean_C"]
bare, res = (json.load(open(p))["depths"] for p in sys.argv[2:4])
assert all(math.isfinite(v) for x in bare + res for v in x.values())
assert bare[1]["mean_C"] > air + 0.5, (air, bare)
assert bare != res, "the residue reaches EPIC"
' "$tmp/st_air.json" "$tmp/epic_bare.json" "$tmp/epic_residue.json" || fail "EPIC at 0 and 10 cm"

# 4. Bad input: exit 1 and exactly one line on stderr; an option value the command line gets
# wrong is a usage error, exit 2, as in every command.
bad_with() {
    local want="$1" what="$2"; shift 2
    "$AGROSIM" soil-temperature "$@" > /dev/null 2> "$tmp/bad.err"
    local rc=$?
    local lines
    lines=$(wc -l < "$tmp/bad.err")
    [ "$rc" -eq "$want" ] || fail "$what: exit $rc, expected $want"
    [ "$lines" -eq 1 ] || fail "$what: $lines stderr lines: $(cat "$tmp/bad.err")"
}
bad() { bad_with 1 "$@"; }
usage() { bad_with 2 "$@"; }
usage "unknown cover" --weather "$site" --soil "$soil" --cover plastic --years 1
bad "missing soil file" --weather "$site" --soil "$tmp/none.json" --cover bare --years 1
bad "unknown profile" --weather "$AGROSIM_VALIDATION_DIR/dssat/Weather/LUGO9101.WTH" \
    --soil "$AGROSIM_VALIDATION_DIR/dssat/Soil/SOIL.SOL" NOPE00000 --cover bare --years 1
usage "bad depth list" --weather "$site" --soil "$soil" --cover bare --years 1 --depths-cm 5,x
usage "depth below the model" --weather "$site" --soil "$soil" --cover bare --years 1 --depths-cm 400
bad "short weather series" --weather "$AGROSIM_VALIDATION_DIR/dssat/Weather/IUAM9001.WTH" \
    --soil "$AGROSIM_VALIDATION_DIR/dssat/Soil/SOIL.SOL" IB00000005 --cover bare --years 1
usage "bad years" --weather "$site" --soil "$soil" --cover bare --years 0
usage "unknown STEMP surface term" --weather "$site" --soil "$soil" --cover bare --years 1 \
    --method stemp --stemp-surface kimball
usage "unknown method" --weather "$site" --soil "$soil" --cover bare --years 1 --method parton
# LUGO9101.WTH with the first five columns of line 106 (91100  15.9  22.4   3.8   0.0, day,
# SRAD, TMAX, TMIN, RAIN) replaced by $1, in $tmp
lugo_day() {
  sed "s/^91100  15.9  22.4   3.8   0.0/$1/" "$AGROSIM_VALIDATION_DIR/dssat/Weather/LUGO9101.WTH" > "$tmp/LUGO9101.WTH"
}
# soil-temperature on that file with line 106 replaced by $2 must fail (case $1) naming line 106
# and $3
bad_day() {
  lugo_day "$2"
  bad "$1" --weather "$tmp/LUGO9101.WTH" \
      --soil "$AGROSIM_VALIDATION_DIR/dssat/Soil/SOIL.SOL" IB00000005 --cover bare --years 1
  grep -qF "LUGO9101.WTH:106: $3" "$tmp/bad.err" || fail "$1: $(cat "$tmp/bad.err")"
}
# a .WTH day with TMAX and TMIN both 0.00 C or TMIN above TMAX (which the reader loads, as DSSAT
# does) is refused naming the file, line and column; it ran as a day at 0 C
bad_day "TMAX and TMIN both 0.00" "91100  10.0   0.0   0.0   0.0" "TMAX, TMIN: both 0.00 C on 1991-04-10"
bad_day "TMIN above TMAX" "91100  10.0  10.0  20.0   0.0" "TMIN: above TMAX (20 > 10 C) on 1991-04-10"
# the same pair with the rain missing (which alone runs as 0) is still refused: the check named
# the missing rain first, and the pair ran as a day at 0 C
bad_day "TMAX and TMIN both 0.00, rain missing" "91100  10.0   0.0   0.0 -99.0" \
    "TMAX, TMIN: both 0.00 C on 1991-04-10"
# a missing SRAD is named as missing, by the check's file, line and column (it reached the
# drivers as 'srad_MJ_m2_d: nan outside [0, 50]'); a missing rain alone still runs, as 0
bad_day "SRAD missing" "91100 -99.0  22.4   3.8   0.0" "SRAD: missing value on 1991-04-10"
lugo_day "91100  15.9  22.4   3.8 -99.0"
"$AGROSIM" soil-temperature --weather "$tmp/LUGO9101.WTH" --soil "$AGROSIM_VALIDATION_DIR/dssat/Soil/SOIL.SOL" \
    IB00000005 --cover bare --years 1 > /dev/null 2> "$tmp/rain.err" || fail "a missing rain stopped the run: $(cat "$tmp/rain.err")"
printf '{"schema_version": 1, "id": "X",\n "layers": [ }\n' > "$tmp/broken.json"
bad "broken soil JSON" --weather "$site" --soil "$tmp/broken.json" --cover bare --years 1

[ "$fails" -eq 0 ] && echo "soil_temperature: all checks passed"
exit $((fails > 0))
