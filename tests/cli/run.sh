#!/usr/bin/env bash
# `agrosim run`: reruns the Morogoro example and compares it with the committed answer files
# (examples/morogoro/expected_summary.csv and expected_table.txt), checks that README.md and
# examples/morogoro/README.md give the answer table's figures, checks the HDF5 layout with
# h5dump -H, the atomic write of both files, and the one-line errors.
#
# Tolerance: summary CSV cells must match exactly when they are integers (days, dates, indices)
# and within a relative 1e-6 (absolute 1e-9 near zero) otherwise; the printed table must have
# the same words and its numbers may differ by at most one unit of the last printed digit.
# Regenerate the answer files after a deliberate model change with
#   AGROSIM_UPDATE_EXPECTED=1 ctest -R cli_run
set -u
# awk's numbers and sort -n read and print a decimal point whatever the caller's locale: mawk
# under de_DE.UTF-8 printed 14,9775 and read 2.05 as 2 (the bytes of '−', '×' and '–' match
# as bytes, as they do in a UTF-8 locale)
export LC_ALL=C
: "${AGROSIM:?AGROSIM must name the agrosim binary}"
: "${AGROSIM_SOURCE_DIR:?AGROSIM_SOURCE_DIR must name the source tree}"
ex="$AGROSIM_SOURCE_DIR/examples/morogoro"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# ---- 1. the example, into folders that do not exist yet ----------------------------------
t0=$(date +%s%N)
"$AGROSIM" run "$ex/morogoro.json" -o "$tmp/new/h5/morogoro.h5" \
    --summary "$tmp/new/csv/morogoro_summary.csv" --quiet >"$tmp/table.txt" 2>"$tmp/err.txt" \
    || fail "run exited with $?: $(cat "$tmp/err.txt")"
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
echo "morogoro: 60 seasons in ${ms} ms (not asserted: speed is measured in bench/)"
[ -s "$tmp/err.txt" ] && fail "--quiet still wrote on stderr: $(cat "$tmp/err.txt")"
[ -f "$tmp/new/h5/morogoro.h5" ] || fail "no HDF5 file"
left=$(ls -A "$tmp/new/h5" | grep -vx 'morogoro.h5' || true)
[ -z "$left" ] || fail "temporary files left behind: $left"
cat "$tmp/table.txt"

if [ "${AGROSIM_UPDATE_EXPECTED:-0}" = 1 ]; then
    cp "$tmp/new/csv/morogoro_summary.csv" "$ex/expected_summary.csv"
    cp "$tmp/table.txt" "$ex/expected_table.txt"
    echo "updated the expected files in $ex"
fi

# ---- 2. summary CSV against the answer file -----------------------------------------------
awk -F, -v rtol=1e-6 -v atol=1e-9 '
    function isnum(s) { return s ~ /^-?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?$/ }
    function isint(s) { return s ~ /^-?[0-9]+$/ }
    NR == FNR { want[FNR] = $0; n = FNR; next }
    {
        if (FNR > n) { print "extra line " FNR; bad = 1; exit }
        m = split(want[FNR], w, ",")
        if (m != NF) { print "line " FNR ": " NF " cells, want " m; bad = 1; next }
        for (i = 1; i <= NF; i++) {
            if ($i == w[i]) continue
            if (isnum($i) && isnum(w[i]) && !(isint($i) && isint(w[i]))) {
                d = $i - w[i]; if (d < 0) d = -d
                s = w[i] < 0 ? -w[i] : w[i]
                if (d <= atol || d <= rtol * s) continue
            }
            if (++ndiff <= 20) print "line " FNR " column " i ": got " $i ", want " w[i]
            bad = 1
        }
    }
    END {
        if (ndiff > 20) print "... " ndiff " differing cells in all"
        if (FNR < n && !bad) { print "missing lines: " FNR " of " n; bad = 1 }
        exit bad
    }
' "$ex/expected_summary.csv" "$tmp/new/csv/morogoro_summary.csv" \
    || fail "summary CSV differs from examples/morogoro/expected_summary.csv"
head -1 "$tmp/new/csv/morogoro_summary.csv" | grep -q \
    '^field,intervention,member,season,year,crop,yield_kg_ha,anthesis_dap,maturity_dap,' \
    || fail "summary CSV header"
rows=$(( $(wc -l <"$tmp/new/csv/morogoro_summary.csv") - 1 ))
[ "$rows" -eq 60 ] || fail "summary CSV has $rows rows, want 60 (2 interventions x 30 seasons)"

# ---- 3. printed table against the answer file (last printed digit ± 1) ---------------------
awk '
    function ndec(s) { return index(s, ".") ? length(s) - index(s, ".") : 0 }
    NR == FNR { want[FNR] = $0; n = FNR; next }
    {
        gsub(/-/, " - "); line = $0
        w = want[FNR]; gsub(/-/, " - ", w)
        a = split(line, x, /[ \t]+/); b = split(w, y, /[ \t]+/)
        if (a != b) { print "table line " FNR " has " a " words, want " b; bad = 1; next }
        for (i = 1; i <= a; i++) {
            if (x[i] == y[i]) continue
            if (x[i] ~ /^[0-9.]+$/ && y[i] ~ /^[0-9.]+$/) {
                d = x[i] - y[i]; if (d < 0) d = -d
                if (d <= 1.0001 * 10 ^ (-ndec(y[i]))) continue
            }
            print "table line " FNR ": got \"" x[i] "\", want \"" y[i] "\""; bad = 1
        }
    }
    END { if (FNR != n) { print "table has " FNR " lines, want " n; bad = 1 } exit bad }
' "$ex/expected_table.txt" "$tmp/table.txt" \
    || fail "printed table differs from examples/morogoro/expected_table.txt"
grep -q '^baseline ' "$tmp/table.txt" && grep -q '^package ' "$tmp/table.txt" \
    || fail "table lacks the baseline and package rows"

# ---- 3b. the pages' figures are the answer file's ---------------------------------------
# README's Morogoro paragraph and examples/morogoro/README.md's "What it gives" give the
# medians, ranges and ratios of expected_table.txt (figures in those pages drifted unnoticed
# from what the code printed in earlier sessions): a result change must update them with it
row() { awk -v k="$1" '$1 == k { print; exit }' "$ex/expected_table.txt"; }
read -r _ b_t b_r b_bags b_br _ _ <<<"$(row baseline)"
read -r _ p_t p_r p_bags p_br p_ratio p_paired <<<"$(row package)"
[ -n "${p_paired:-}" ] || fail "expected_table.txt has no baseline and package rows"
readme=$(tr '\n' ' ' <"$AGROSIM_SOURCE_DIR/README.md" | tr -s ' ')
for want in "≈ $b_t t/ha of dry grain = $b_bags bags/acre" "≈ $p_t t/ha = $p_bags bags/acre: ×$p_ratio (paired $p_paired)" \
    "×$p_ratio with the defaults"; do
    case "$readme" in *"$want"*) ;; *) fail "README's Morogoro paragraph does not say '$want' (expected_table.txt)" ;; esac
done
page=$(tr '\n' ' ' <"$ex/README.md" | tr -s ' ')
for want in "Package/baseline ratio: $p_ratio**" "median of the per-season ratio is $p_paired"; do
    case "$page" in *"$want"*) ;; *) fail "examples/morogoro/README.md does not say '$want' (expected_table.txt)" ;; esac
done
# its table: kg/ha to the table's t/ha (rounding), bags as printed
for k in baseline package; do
    line=$(awk -F'|' -v k="$k" '$2 == " " k " " { print; exit }' "$ex/README.md")
    [ -n "$line" ] || fail "examples/morogoro/README.md has no '$k' row in 'What it gives'"
    read -r _ t r bags br _ _ <<<"$(row "$k")"
    awk -F'|' -v t="$t" -v r="$r" -v bags="$bags" -v br="$br" '
        function near(kg, tha) { d = kg / 1000 - tha; return d <= 0.0051 && d >= -0.0051 }
        { gsub(/ /, ""); split($4, kr, "–"); split(r, tr, "-"); sub(/–/, "-", $6)
          ok = near($3, t) && near(kr[1], tr[1]) && near(kr[2], tr[2]) && $5 == bags && $6 == br
          exit !ok }' <<<"$line" || fail "examples/morogoro/README.md's $k row '$line' is not expected_table.txt's: $(row "$k")"
done

# ---- 4. HDF5 layout -------------------------------------------------------------------------
if command -v h5dump >/dev/null; then
    h5dump -H "$tmp/new/h5/morogoro.h5" >"$tmp/h5.txt" || fail "h5dump -H failed"
    for want in 'ATTRIBUTE "agrosim_version"' 'ATTRIBUTE "created_utc"' \
                'ATTRIBUTE "scenario_text"' 'DATASET "summary"' 'GROUP "daily"' \
                'GROUP "plot"' 'GROUP "maize"' 'GROUP "weeds"' 'GROUP "soil"' \
                'DATASET "LAID"' 'DATASET "CWAD"' 'DATASET "GWAD"' 'DATASET "SWTD"' \
                '"HWAM"' '"ADAT"' '"MDAT"' '"LAIX"' '"CWAM"' '"INTERVENTION"' \
                'ATTRIBUTE "units"' 'ATTRIBUTE "long_name"' 'DATASPACE  SIMPLE { ( 60 ) / ( 60 ) }' \
                'DATASPACE  SIMPLE { ( 60, 200 ) / ( 60, 200 ) }'; do
        grep -qF "$want" "$tmp/h5.txt" || fail "h5dump -H lacks $want"
    done
    h5dump -p -d /daily/plot/maize/LAID "$tmp/new/h5/morogoro.h5" | grep -q 'DEFLATE' \
        || fail "daily datasets are not deflate-compressed"
else
    echo "h5dump not found: HDF5 layout not checked here (tests/test_output.c checks it)"
fi

# ---- 5. the companion scenarios of the example still load and run ---------------------------
for sc in decomposition:16 yield_gap:8 density:44 sowing:4 soil_history:12 mulch:6 tillage:4; do
    name=${sc%%:*}; want=${sc##*:}
    "$AGROSIM" run "$ex/$name.json" -o "$tmp/$name.h5" --quiet >"$tmp/$name.txt" 2>&1 \
        || fail "$name.json: $(cat "$tmp/$name.txt")"
    got=$(grep -cE '^(local|hybrid|baseline|package|N0|N60|N120|N120irr)[-+]' "$tmp/$name.txt")
    [ "$got" -eq "$want" ] || fail "$name.json printed $got intervention rows, want $want"
done

# ---- 6. errors: one line on stderr, exit 1 (usage: exit 2) -------------------------------
one_line_error() { # expected-status pattern command...
    local want=$1 pat=$2; shift 2
    "$@" >"$tmp/o.txt" 2>"$tmp/e.txt"
    local st=$?
    [ "$st" -eq "$want" ] || fail "'$*' exited $st, want $want"
    [ "$(wc -l <"$tmp/e.txt")" -eq 1 ] || fail "'$*' printed $(wc -l <"$tmp/e.txt") stderr lines"
    grep -qF -- "$pat" "$tmp/e.txt" || fail "'$*' stderr lacks \"$pat\": $(cat "$tmp/e.txt")"
}
one_line_error 1 "/nonexistent/s.json" "$AGROSIM" run /nonexistent/s.json -o "$tmp/x.h5"
# a broken copy next to the original, so its relative paths still resolve
mkdir -p "$tmp/ex/examples/morogoro"
cp -r "$AGROSIM_SOURCE_DIR/models" "$tmp/ex/models"
sed '0,/"fraction_removed": 0.9,/s//"fraction_removed": 1.9,/' "$ex/morogoro.json" \
    >"$tmp/ex/examples/morogoro/bad.json"
one_line_error 1 "bad.json:" "$AGROSIM" run "$tmp/ex/examples/morogoro/bad.json" -o "$tmp/x.h5"
grep -qF 'fields[0].management[0].fraction_removed' "$tmp/e.txt" \
    || fail "error lacks the JSON path: $(cat "$tmp/e.txt")"
sed 's/"type": "crop"/"type": "mushroom_shed"/' "$ex/morogoro.json" >"$tmp/ex/examples/morogoro/shed.json"
one_line_error 1 "not available in this version" "$AGROSIM" run "$tmp/ex/examples/morogoro/shed.json" -o "$tmp/x.h5"
one_line_error 2 "usage" "$AGROSIM" run "$ex/morogoro.json"
one_line_error 2 "usage" "$AGROSIM" run "$ex/morogoro.json" -o "$tmp/x.h5" --bogus
one_line_error 1 "/proc/agrosim-no" "$AGROSIM" run "$ex/morogoro.json" -o /proc/agrosim-no/x.h5
[ -e "$tmp/x.h5" ] && fail "a failed run left $tmp/x.h5"
# an unwritable target is found before the runs: the tool's own check names what it would
# write (the library's writer, after every run, said "cannot create")
mkdir -p "$tmp/afolder"
one_line_error 1 "afolder: cannot write the results file: Is a directory" \
    "$AGROSIM" run "$ex/morogoro.json" -o "$tmp/afolder" --quiet
one_line_error 1 "afolder/: cannot write the summary CSV: Is a directory" \
    "$AGROSIM" run "$ex/morogoro.json" -o "$tmp/x.h5" --summary "$tmp/afolder/" --quiet
[ -e "$tmp/x.h5" ] && fail "a refused summary path left $tmp/x.h5"
# past the file-size limit the write fails with EFBIG (not SIGXFSZ) and leaves no file
mkdir -p "$tmp/small"
( ulimit -f 64; one_line_error 1 "write error: File too large" \
    "$AGROSIM" run "$ex/morogoro.json" -o "$tmp/small/big.h5" --quiet ) || exit 1
[ -z "$(ls -A "$tmp/small")" ] || fail "a write past the size limit left $(ls -A "$tmp/small")"
# a path longer than the tool's 4096-byte folder buffer is refused, no cut-off folder is made
long=$(printf 'd/%.0s' $(seq 1 2100))
( cd "$tmp" && one_line_error 2 "longer than 4095 bytes" \
    "$AGROSIM" run "$ex/morogoro.json" -o "${long}x.h5" --quiet ) || exit 1
[ -e "$tmp/d" ] && fail "a path too long for the tool made folders"
# the summary is written first and renamed after the results file: a summary that fails (a full
# disk) leaves the old results file, and a results file that fails leaves the old summary
mkdir -p "$tmp/keep"
echo old >"$tmp/keep/r.h5"
echo old >"$tmp/keep/s.csv"
one_line_error 1 "/dev/full" "$AGROSIM" run "$ex/morogoro.json" -o "$tmp/keep/r.h5" --summary /dev/full --quiet
[ "$(cat "$tmp/keep/r.h5")" = old ] || fail "a failed summary replaced the results file"
one_line_error 1 "/dev/full" "$AGROSIM" run "$ex/morogoro.json" -o /dev/full --summary "$tmp/keep/s.csv" --quiet
[ "$(cat "$tmp/keep/s.csv")" = old ] || fail "a failed results file replaced the summary"
[ "$(ls -A "$tmp/keep" | wc -l)" -eq 2 ] || fail "temporary files left: $(ls -A "$tmp/keep")"
# symbolic links stay links; the files they point to get the results
ln -s r.h5 "$tmp/keep/link.h5"
ln -s s.csv "$tmp/keep/link.csv"
"$AGROSIM" run "$ex/morogoro.json" -o "$tmp/keep/link.h5" --summary "$tmp/keep/link.csv" --quiet \
    >/dev/null 2>"$tmp/e.txt" || fail "run through links: $(cat "$tmp/e.txt")"
[ -L "$tmp/keep/link.h5" ] && [ -L "$tmp/keep/link.csv" ] || fail "a link was replaced by a file"
[ "$(head -c 4 "$tmp/keep/r.h5" | tail -c 3)" = HDF ] || fail "the linked results file is not HDF5"
cmp -s "$tmp/keep/s.csv" "$tmp/new/csv/morogoro_summary.csv" || fail "the linked summary differs"
echo "cli run: ok"
