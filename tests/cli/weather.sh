#!/usr/bin/env bash
# CLI checks of `agrosim weather` and `agrosim weather-gen`.
# Env (set by ctest): AGROSIM, AGROSIM_SOURCE_DIR, AGROSIM_BINARY_DIR, AGROSIM_VALIDATION_DIR.
set -u
fail=0
bad() { echo "FAIL: $*"; fail=1; }
WX="$AGROSIM_VALIDATION_DIR/dssat/Weather"
TMP="$AGROSIM_BINARY_DIR/tests/cli_weather_tmp"
rm -rf "$TMP"
mkdir -p "$TMP"


# 1. every shared .WTH file: exit 0, one JSON object with exactly the documented keys
n=0
: > "$TMP/all.jsonl"
for f in "$WX"/*.WTH; do
    n=$((n + 1))
    out=$("$AGROSIM" weather "$f" --json 2>"$TMP/err") || { bad "$f: exit $?: $(cat "$TMP/err")"; continue; }
    [ -s "$TMP/err" ] && bad "$f: unexpected stderr: $(cat "$TMP/err")"
    [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || bad "$f: output is not one line"
    printf '%s\t%s\n' "$(basename "$f")" "$out" >> "$TMP/all.jsonl"
done
[ "$n" -eq 43 ] || bad "expected 43 .WTH files, found $n"
python3 - "$TMP/all.jsonl" <<'EOF' || bad "JSON of the .WTH summaries (see above)"
import json, re, sys
want = ["station", "latitude", "longitude", "elevation_m", "tav_C", "amp_C", "days",
        "first_date", "last_date", "mean_srad_MJ_m2_d", "mean_tmax_C", "mean_tmin_C",
        "total_rain_mm", "missing_values", "substituted_values", "bad_days"]
ok = True
for line in open(sys.argv[1]):
    name, text = line.rstrip('\n').split('\t', 1)
    try:
        d = json.loads(text)
        assert sorted(d) == sorted(want), sorted(set(d) ^ set(want))
        assert isinstance(d['days'], int) and d['days'] > 0
        for k in ('first_date', 'last_date'):
            assert re.fullmatch(r'\d{4}-\d{2}-\d{2}', d[k]), d[k]
        assert d['first_date'] <= d['last_date']
        assert d['missing_values'] >= 0 and d['total_rain_mm'] >= 0 and d['bad_days'] == 0
        assert -90 <= d['latitude'] <= 90
        assert d['mean_tmin_C'] < d['mean_tmax_C']
    except Exception as e:
        print('FAIL:', name, repr(e), text)
        ok = False
sys.exit(0 if ok else 1)
EOF

# 2. values of one file checked against an independent computation (python over the file)
f="$WX/UFGA8201.WTH"
"$AGROSIM" weather "$f" --json > "$TMP/ufga.json" || bad "UFGA8201 exit"
python3 - "$f" "$TMP/ufga.json" <<'EOF' || bad "UFGA8201 summary differs from the file"
import json, sys
rows = [l.split() for l in open(sys.argv[1]) if l[:2].isdigit()]
d = json.load(open(sys.argv[2]))
srad = [float(r[1]) for r in rows]; tmax = [float(r[2]) for r in rows]
tmin = [float(r[3]) for r in rows]; rain = [float(r[4]) for r in rows]
assert d['station'] == 'UFGA' and d['days'] == len(rows) == 365
assert d['first_date'] == '1982-01-01' and d['last_date'] == '1982-12-31'
assert abs(d['mean_srad_MJ_m2_d'] - sum(srad) / len(srad)) < 1e-6
assert abs(d['mean_tmax_C'] - sum(tmax) / len(tmax)) < 1e-6
assert abs(d['mean_tmin_C'] - sum(tmin) / len(tmin)) < 1e-6
assert abs(d['total_rain_mm'] - sum(rain)) < 1e-6
assert d['latitude'] == 29.63 and d['longitude'] == -82.37 and d['elevation_m'] == 10
assert d['tav_C'] == 20.9 and d['amp_C'] == 13 and d['missing_values'] == 0
EOF

# 3. a -99 in a required column is reported (counted), and --strict refuses the file
out=$("$AGROSIM" weather "$WX/IUAF9901.WTH" --json) || bad "IUAF9901 should load"
printf '%s' "$out" | python3 -c "import json,sys; assert json.load(sys.stdin)['missing_values'] == 1" \
    || bad "IUAF9901 missing_values"
"$AGROSIM" weather "$WX/IUAF9901.WTH" --strict > /dev/null 2> "$TMP/err"
rc=$?
[ $rc -eq 1 ] || bad "--strict on a missing TMIN: exit $rc"
grep -q "IUAF9901.WTH:27: TMIN: missing value on 1999-01-22" "$TMP/err" || bad "--strict message: $(cat "$TMP/err")"

# 3b. a .WTH value DSSAT stops on (TMIN above TMAX, SRAD outside 0-100, negative RAIN) loads
# as DSSAT loads it, counted in bad_days; --strict refuses the file naming the line and column
good='20001  10.0  25.0  15.0   1.0'
check_bad_day() { # name day-line expected-substring
    printf '@DATE  SRAD  TMAX  TMIN  RAIN\n%s\n%s\n' "$good" "$2" > "$TMP/$1"
    out=$("$AGROSIM" weather "$TMP/$1" --json 2> "$TMP/err") || bad "$1: exit $?: $(cat "$TMP/err")"
    printf '%s' "$out" | python3 -c "import json,sys; d = json.load(sys.stdin); assert d['bad_days'] == 1 and d['days'] == 2, d" \
        || bad "$1: summary $out"
    "$AGROSIM" weather "$TMP/$1" | grep -q "^bad days       1 " || bad "$1: no 'bad days 1' line"
    "$AGROSIM" weather "$TMP/$1" --strict > "$TMP/out" 2> "$TMP/err"
    rc=$?
    [ $rc -eq 1 ] || bad "$1 --strict: exit $rc (expected 1)"
    [ "$(wc -l < "$TMP/err")" -eq 1 ] || bad "$1 --strict: expected one stderr line, got: $(cat "$TMP/err")"
    [ -s "$TMP/out" ] && bad "$1 --strict: printed output on failure"
    grep -qF -- "$3" "$TMP/err" || bad "$1 --strict: message \"$(cat "$TMP/err")\" lacks \"$3\""
}
check_bad_day tmin.WTH "20002  10.0  15.0  25.0   1.0" "tmin.WTH:3: TMIN: above TMAX (25 > 15 C) on 2020-01-02"
check_bad_day rain.WTH "20002  10.0  25.0  15.0  -1.0" "rain.WTH:3: RAIN: negative (-1 mm) on 2020-01-02"
check_bad_day srad.WTH "20002  -5.0  25.0  15.0   1.0" "srad.WTH:3: SRAD: -5 MJ/m2/d outside [0, 100] on 2020-01-02"

# 4. bad input: exit 1, exactly one stderr line naming file, line and problem, no signal
hdr='@DATE  SRAD  TMAX  TMIN  RAIN'
check_bad() { # name content expected-substring
    printf '%b' "$2" > "$TMP/$1"
    "$AGROSIM" weather "$TMP/$1" --json > "$TMP/out" 2> "$TMP/err"
    rc=$?
    [ $rc -eq 1 ] || bad "$1: exit $rc (expected 1)"
    [ "$(wc -l < "$TMP/err")" -eq 1 ] || bad "$1: expected one stderr line, got: $(cat "$TMP/err")"
    [ -s "$TMP/out" ] && bad "$1: printed output on failure"
    grep -qF -- "$3" "$TMP/err" || bad "$1: message \"$(cat "$TMP/err")\" lacks \"$3\""
}
"$AGROSIM" weather "$TMP/none.WTH" --json > "$TMP/out" 2> "$TMP/err"
rc=$?
[ $rc -eq 1 ] || bad "missing file: exit $rc"
[ "$(wc -l < "$TMP/err")" -eq 1 ] && grep -qF "none.WTH: cannot open" "$TMP/err" || bad "missing file: $(cat "$TMP/err")"
check_bad empty.WTH "" "empty.WTH: empty file"
check_bad trunc.WTH "$hdr\n20001  10.0  25.0  15.0   1.0\n20002  10.0  25.0\n" "trunc.WTH:3: TMIN: truncated line"
check_bad text.WTH "$hdr\n20001  10.0  abcd  15.0   1.0\n" "text.WTH:2: TMAX: not a number"
check_bad back.WTH "$hdr\n20002  10.0  25.0  15.0   1.0\n20001  10.0  25.0  15.0   1.0\n" "back.WTH:3: DATE: date 2020-001 goes backwards"
check_bad dup.WTH "$hdr\n20002  10.0  25.0  15.0   1.0\n20002  10.0  25.0  15.0   1.0\n" "dup.WTH:3: DATE: date 2020-002 repeated"
check_bad nan.WTH "$hdr\n20001  10.0   nan  15.0   1.0\n" "nan.WTH:2: TMAX: non-finite value"
check_bad bad.csv "date,srad_MJ_m2_d,tmax_C,tmin_C,rain_mm\n2020-01-01,20,30,20\n" "bad.csv:2: rain_mm: truncated line"

# 5. weather-gen writes the CSV (creating the folder), reproducibly, and it reads back
site="$AGROSIM_SOURCE_DIR/models/sites/morogoro.json"
"$AGROSIM" weather-gen "$site" --years 2 --seed 11 --out "$TMP/new/dir/a.csv" > /dev/null || bad "weather-gen exit"
"$AGROSIM" weather-gen "$site" --years 2 --seed 11 --out "$TMP/b.csv" > /dev/null || bad "weather-gen exit"
"$AGROSIM" weather-gen "$site" --years 2 --seed 12 --out "$TMP/c.csv" > /dev/null || bad "weather-gen exit"
cmp -s "$TMP/new/dir/a.csv" "$TMP/b.csv" || bad "same seed gave different files"
cmp -s "$TMP/b.csv" "$TMP/c.csv" && bad "different seeds gave the same file"
"$AGROSIM" weather-gen "$site" --years 2 --seed 11 --first-year 1990 --out "$TMP/d.csv" > /dev/null || bad "--first-year"
out=$("$AGROSIM" weather "$TMP/b.csv" --json) || bad "generated CSV does not load"
printf '%s' "$out" | python3 -c "
import json, sys
d = json.load(sys.stdin)
assert d['station'] == 'MOROGORO' and d['days'] == 730, d
assert d['first_date'] == '2001-01-01' and d['last_date'] == '2002-12-31', d
assert d['latitude'] == -6.82 and d['missing_values'] == 0
assert 18 < d['mean_tmin_C'] < d['mean_tmax_C'] < 33
" || bad "generated summary: $out"
grep -q "^1990-01-01," "$TMP/d.csv" || bad "--first-year 1990 not honoured"
python3 - "$TMP/b.csv" <<'EOF' || bad "generated CSV format"
import csv, sys
lines = [l for l in open(sys.argv[1]) if not l.startswith('#')]
rows = list(csv.reader(lines))
assert rows[0][:5] == ['date', 'srad_MJ_m2_d', 'tmax_C', 'tmin_C', 'rain_mm'], rows[0]
assert len(rows) == 731
for r in rows[1:]:
    assert float(r[3]) < float(r[2]) and float(r[4]) >= 0 and float(r[1]) > 0
EOF

# 6. weather-gen bad input: exit 1 and one line naming the file/option; an option value the
# command line gets wrong is a usage error, exit 2
gen_bad() { # [exit status] expected-substring args...
    code=1
    case "$1" in [12]) code="$1"; shift ;; esac
    want="$1"; shift
    "$AGROSIM" weather-gen "$@" > /dev/null 2> "$TMP/err"
    rc=$?
    [ $rc -eq $code ] || bad "weather-gen $*: exit $rc (expected $code)"
    [ "$(wc -l < "$TMP/err")" -eq 1 ] || bad "weather-gen $*: stderr $(cat "$TMP/err")"
    grep -qF -- "$want" "$TMP/err" || bad "weather-gen $*: \"$(cat "$TMP/err")\" lacks \"$want\""
}
printf '{"schema_version": 1,\n "station": "X",\n "bogus": 1}\n' > "$TMP/bogus.json"
gen_bad "bogus.json:3: bogus: unknown key" "$TMP/bogus.json" --years 1 --seed 1 --out "$TMP/x.csv"
gen_bad "nosite.json: cannot open" "$TMP/nosite.json" --years 1 --seed 1 --out "$TMP/x.csv"
gen_bad 2 "--years" "$site" --years zero --seed 1 --out "$TMP/x.csv"
gen_bad 2 "--seed" "$site" --years 1 --seed -4 --out "$TMP/x.csv"
"$AGROSIM" weather-gen "$site" --years 1 > /dev/null 2>&1
[ $? -eq 2 ] || bad "weather-gen without --seed/--out should be a usage error (2)"
# docs/formats.md's example of a refused month is what the shipped site gives with April's tmin 40
mkdir -p "$TMP/site"
sed 's/"tmin_C": \[\([^,]*\),\([^,]*\),\([^,]*\),[^,]*,/"tmin_C": [\1,\2,\3, 40,/' "$site" > "$TMP/site/morogoro.json"
said=$(grep -o '`morogoro.json:[0-9]*: temperature.tmin_C\[3\]: [^`]*`' "$AGROSIM_SOURCE_DIR/docs/formats.md" | tr -d '`')
[ -n "$said" ] || bad "docs/formats.md gives no example of a refused tmin_C"
gen_bad "$TMP/site/$said" "$TMP/site/morogoro.json" --years 1 --seed 1 --out "$TMP/x.csv"

exit $fail
