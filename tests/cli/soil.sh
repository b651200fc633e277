#!/bin/bash
# agrosim soil FILE [PROFILE_ID] [--json]: output keys and values, the text table, and one-line
# errors with exit 1.
set -u
: "${AGROSIM:?}" "${AGROSIM_SOURCE_DIR:?}" "${AGROSIM_VALIDATION_DIR:?}"
SOIL="$AGROSIM_VALIDATION_DIR/dssat/Soil"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
die() { echo "FAIL: $*"; fail=1; }

# 1. a DSSAT profile (second layer table, -99 KSAT elsewhere)
"$AGROSIM" soil "$SOIL/BR.SOL" BRPA080004 --json >"$tmp/br.json" 2>"$tmp/err" || die "BR.SOL exit $?"
/usr/bin/python3 - "$tmp/br.json" <<'PY' || die "BRPA080004 JSON content"
import json, sys
d = json.load(open(sys.argv[1]))
assert set(d) == {"id", "albedo", "runoff_curve_number", "drainage_rate", "layers"}, d.keys()
assert d["id"] == "BRPA080004" and abs(d["albedo"] - 0.17) < 1e-9
assert d["runoff_curve_number"] == 73 and abs(d["drainage_rate"] - 0.4) < 1e-9
L = d["layers"]
assert len(L) == 12 and L[-1]["depth_cm"] == 300
keys = {"depth_cm", "ll", "dul", "sat", "bulk_density", "organic_carbon_pct", "clay_pct",
        "silt_pct", "ksat_cm_h", "root_growth_factor"}
assert all(set(l) == keys for l in L)
assert all(l["ll"] < l["dul"] < l["sat"] for l in L)
assert abs(L[2]["clay_pct"] - 84.1) < 1e-9 and abs(L[0]["ksat_cm_h"] - 0.5) < 1e-9
PY
# unknown values print as null
"$AGROSIM" soil "$SOIL/SOIL.SOL" IB00000001 --json >"$tmp/ib.json" || die "IB00000001 exit"
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); L=d["layers"]; assert len(L)==10 and all(l["ksat_cm_h"] is None for l in L) and L[0]["bulk_density"]==1.3' "$tmp/ib.json" \
  || die "IB00000001: -99 KSAT must print null"

# the text table (no --json): a header, one row a layer, "-" where the file gives no value
"$AGROSIM" soil "$SOIL/SOIL.SOL" IB00000001 >"$tmp/ib.txt" || die "IB00000001 text exit"
/usr/bin/python3 - "$tmp/ib.txt" <<'PY' || die "IB00000001 text table: $(cat "$tmp/ib.txt")"
import sys
lines = open(sys.argv[1]).read().splitlines()
assert lines[0].startswith("profile IB00000001:") and lines[0].endswith("10 layers"), lines[0]
assert lines[1].split() == ["depth_cm", "LL", "DUL", "SAT", "BD", "OC%", "clay%", "silt%", "Ks_cm/h", "SRGF"]
rows = [l.split() for l in lines[2:]]
assert len(rows) == 10 and all(len(r) == 10 for r in rows), rows
assert all(r[8] == "-" for r in rows) and rows[0][4] == "1.30", rows[0]
assert "nan" not in open(sys.argv[1]).read()
PY

# 2. a JSON soil file, with and without its ID
for f in morogoro_sandy_clay_loam goroka_clay_loam; do
  "$AGROSIM" soil "$AGROSIM_SOURCE_DIR/models/soils/$f.json" --json >"$tmp/$f.json" || die "$f exit"
  /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["id"] in ("MOROGORO_SCL","GOROKA_CL") and len(d["layers"])==8 and d["layers"][-1]["depth_cm"]==150' "$tmp/$f.json" \
    || die "$f content"
done
"$AGROSIM" soil "$AGROSIM_SOURCE_DIR/models/soils/goroka_clay_loam.json" GOROKA_CL --json >/dev/null || die "json with its ID"

# 3. errors: exit 1, exactly one line on stderr naming file (and line) and what is wrong
expect_error() { # expected-text command...
  local want="$1"; shift
  "$@" >"$tmp/out" 2>"$tmp/err"; local rc=$?
  [ $rc -eq 1 ] || die "$*: exit $rc, expected 1"
  [ "$(wc -l <"$tmp/err")" -eq 1 ] || die "$*: stderr has $(wc -l <"$tmp/err") lines: $(cat "$tmp/err")"
  grep -qF -- "$want" "$tmp/err" || die "$*: stderr '$(cat "$tmp/err")' lacks '$want'"
  [ ! -s "$tmp/out" ] || die "$*: printed on stdout despite the error"
}
expect_error 'BR.SOL: ID: soil profile "NOPE000001" not found' "$AGROSIM" soil "$SOIL/BR.SOL" NOPE000001 --json
expect_error "$tmp/missing.SOL: cannot open" "$AGROSIM" soil "$tmp/missing.SOL" XX00000001 --json
sed -e '0,/^    15   -99 0.228 0.385/s//    15   -99 0.428 0.385/' "$SOIL/SOIL.SOL" >"$tmp/SOIL.SOL"
line=$(grep -n '^    15   -99 0.428 0.385' "$tmp/SOIL.SOL" | head -1 | cut -d: -f1)
expect_error "SOIL.SOL:$line: SLLL: layer 2 (bottom 15 cm): lower limit LL 0.428 must be below drained upper limit DUL 0.385" \
  "$AGROSIM" soil "$tmp/SOIL.SOL" IB00000001 --json
printf '{\n  "schema_version": 1,\n  "id": "X"\n  "source": "x"\n}\n' >"$tmp/bad.json"
expect_error "bad.json:4: JSON syntax error" "$AGROSIM" soil "$tmp/bad.json" --json
sed 's/"evap_limit_mm"/"evaporation_mm"/' "$AGROSIM_SOURCE_DIR/models/soils/goroka_clay_loam.json" >"$tmp/key.json"
expect_error 'surface.evaporation_mm: unknown key "evaporation_mm"' "$AGROSIM" soil "$tmp/key.json" --json
expect_error 'this file holds "GOROKA_CL"' "$AGROSIM" soil "$AGROSIM_SOURCE_DIR/models/soils/goroka_clay_loam.json" OTHER --json

# usage errors exit 2
"$AGROSIM" soil "$SOIL/BR.SOL" --json >/dev/null 2>&1; [ $? -eq 2 ] || die "missing PROFILE_ID must exit 2"
"$AGROSIM" soil >/dev/null 2>&1; [ $? -eq 2 ] || die "no arguments must exit 2"

[ $fail -eq 0 ] && echo "cli soil: all checks passed"
exit $fail
