#!/usr/bin/env bash
# `agrosim run`: reruns the Morogoro example and compares it with the committed answer files
# (examples/morogoro/expected_summary.csv and expected_table.txt), checks that README.md and
# examples/morogoro/README.md give the answer table's figures, checks the HDF5 layout with
# h5dump -H, the atomic write of both files, the one-line errors, and the daily CSV (--daily,
# --layers) against the summary CSV and the HDF5 file.
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
# Every copy in README.md, docs/ and examples/morogoro/README.md of the medians, ranges, bags and
# ratios of expected_table.txt (checked against the run above) gives the answer file's figure,
# and the copies of the run with DSSAT's methods give what that run prints (figures in these
# pages drifted unnoticed from what the code printed in earlier sessions): a result change must
# update them with it. tests/cli/page_figures.awk finds each sentence or table row by its text and
# reports every stale figure (page, line, both values) before the test fails; dated figures
# ("2.16 before the thirty-third session") are history and not checked.
row() { awk -v k="$1" '$1 == k { print; exit }' "$ex/expected_table.txt"; }
read -r _ b_t b_r b_bags b_br _ _ <<<"$(row baseline)"
read -r _ p_t p_r p_bags p_br p_ratio p_paired <<<"$(row package)"
[ -n "${p_paired:-}" ] || fail "expected_table.txt has no baseline and package rows"
# the baseline's median to one decimal, from the run's summary CSV (the table's 2.05 may be 2.0 or 2.1)
b_t1=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } $c["intervention"] == "baseline" { print $c["yield_kg_ha"] }' \
    "$tmp/new/csv/morogoro_summary.csv" | sort -n | awk '{ y[NR] = $1 } END { printf "%.1f", (NR % 2 ? y[(NR + 1) / 2] : (y[NR / 2] + y[NR / 2 + 1]) / 2) / 1000 }')
figs="$tmp/figures"
: >"$figs"
m="examples/morogoro/README.md"
src="expected_table.txt (agrosim run morogoro.json)"
while IFS= read -r t; do printf '%s\t%s\t%s\n' "${t%%$'\t'*}" "$src" "${t#*$'\t'}" >>"$figs"; done <<EOT
README.md	≈ {$b_t} t/ha of dry grain = {$b_bags} bags/acre
README.md	≈ {$p_t} t/ha = {$p_bags} bags/acre: ×{$p_ratio} (paired {$p_paired})
README.md	the baseline with them, ×{$p_ratio} with the defaults
docs/validation.md	against the defaults' {$b_t} and {$p_t} t/ha, ×{$p_ratio} (paired {$p_paired})
docs/model.md	against ×{$p_ratio} with the defaults ({$b_t} → {$p_t} t/ha
$m	| baseline | {kg:$b_t} | {kg:${b_r%-*}}–{kg:${b_r#*-}} | {$b_bags} | {${b_br%-*}}–{${b_br#*-}} |
$m	| package | {kg:$p_t} | {kg:${p_r%-*}}–{kg:${p_r#*-}} | {$p_bags} | {${p_br%-*}}–{${p_br#*-}} |
$m	**Package/baseline ratio: {$p_ratio}** (ratio of medians); the median of the per-season ratio is {$p_paired}.
$m	The baseline gives {$b_bags} bags/acre, above the village account
$m	The package gives about {$p_bags} bags/acre, where farmers report 28 (the wettest tenth of the seasons reaches {${p_br#*-}}). The ratio is ×{$p_ratio}, below
$m	with the ratio to the baseline's {$b_t} in brackets
$m	| OPV, 2.2 pl/m² | {$b_t} (1.00) |
$m	**{$p_t} ({$p_ratio}, the package)**
$m	package: actual {$p_t}, water+N-limited
$m	For the baseline the four levels are {$b_t},
$m	| CERES-Godwin (\`morogoro.json\`) | {$b_t} | {$p_t} | ×{$p_ratio} ({$p_paired}) |
$m	| baseline | {$b_t} | {*} (×{*}) |
$m	| package | {$p_t} | {*} (×{*}) |
$m	(10–90 %: {${b_r%-*}}–{${b_r#*-}} t/ha bare,
$m	though its median falls from {$b_t} to
$m	| baseline, not ploughed | {$b_t} |
$m	| package, not ploughed | {$p_t} |
$m	So deeper ploughing adds nothing to the model's ×{$p_ratio}.
$m	the model reproduces the baseline level ({$b_t1} t/ha, {$b_bags} bags/acre of market grain against 7–8) and a large gain from the package: ×{$p_ratio} on the medians, ×{$p_paired} as the median
$m	the model's ×{$p_ratio} lies inside that span
$m	The baseline's {$b_t} t/ha lies just above the upper edge of BRIEF's 0.8–2.0 t/ha band and the package's {$p_t} t/ha inside
EOT
# runs of their own with other scenario options, each from a copy of morogoro.json beside the
# original's folders, so its relative paths resolve (section 6 makes its broken copies there too)
mkdir -p "$tmp/ex/examples/morogoro"
cp -r "$AGROSIM_SOURCE_DIR/models" "$tmp/ex/models"
# morogoro_with NAME OPTIONS: a copy with OPTIONS (scenario options as JSON members) after
# its "weeds_limited", run into $tmp/NAME.txt; m_bt, m_pt, m_ratio and m_paired are then the
# baseline's and the package's medians (t/ha), their ratio and the paired one, as printed
morogoro_with() {
  local name=$1 opts=$2 copy="$tmp/ex/examples/morogoro/$1.json"
  sed "s/\"weeds_limited\": true,/\"weeds_limited\": true, $opts,/" "$ex/morogoro.json" >"$copy"
  grep -qF "$opts" "$copy" || fail "could not set $opts in a copy of morogoro.json"
  "$AGROSIM" run "$copy" -o "$tmp/$name.h5" --quiet >"$tmp/$name.txt" 2>&1 \
    || fail "morogoro.json with $opts: $(cat "$tmp/$name.txt")"
  read -r _ m_bt _ _ _ _ _ <<<"$(awk '$1 == "baseline" { print; exit }' "$tmp/$name.txt")"
  read -r _ m_pt _ _ _ m_ratio m_paired <<<"$(awk '$1 == "package" { print; exit }' "$tmp/$name.txt")"
}
# with DSSAT-CSM 4.8's methods
morogoro_with dssat '"soil_evaporation": "suleiman-ritchie", "n_uptake": "ceres-maize"'
d_bt=$m_bt d_pt=$m_pt d_ratio=$m_ratio d_paired=$m_paired
src="morogoro.json with soil_evaporation suleiman-ritchie and n_uptake ceres-maize"
while IFS= read -r t; do printf '%s\t%s\t%s\n' "${t%%$'\t'*}" "$src" "${t#*$'\t'}" >>"$figs"; done <<EOT
README.md	at Morogoro the package yields ×{$d_ratio} the baseline with them,
docs/validation.md	the DSSAT methods give {$d_bt} t/ha for the baseline and {$d_pt} t/ha for the package, ×{$d_ratio} (paired {$d_paired}),
docs/model.md	With them the Morogoro package yields ×{$d_ratio} the baseline ({$d_bt} → {$d_pt} t/ha, paired {$d_paired}),
EOT
# and with the N factor without the stage 3-4 transform (D1), as docs/model.md §9.1 gives it
morogoro_with d1 '"n_stress": "dssat-4.8"'
printf '%s\t%s\t%s\n' docs/model.md "morogoro.json with n_stress dssat-4.8" "and Morogoro {$m_bt} → {$m_pt} t/ha (×{$m_ratio}, paired {$m_paired}; \`morogoro.json\` with" >>"$figs"
# the density sweep (examples/morogoro/density.json): examples/morogoro/README.md's table of
# medians as the run prints them, its best density of each row in bold, and the optima and
# plateaus the two pages give, from the unrounded medians of the summary CSV. A plateau is the
# run of densities around the optimum within a row's threshold of it (2 % without N, 2.5 % with
# 60 kg N/ha, 1 % with 120: where the pages' curves steepen), given with its largest shortfall
"$AGROSIM" run "$ex/density.json" -o "$tmp/den.h5" --summary "$tmp/den.csv" --quiet >"$tmp/den.txt" 2>&1 \
    || fail "density.json: $(cat "$tmp/den.txt")"
# LEVEL DENSITY MEDIAN per line, from the CSV
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { split($c["intervention"], a, "[+]d"); print a[1], a[2], $c["yield_kg_ha"] }' "$tmp/den.csv" |
    sort -k1,1 -k2,2n -k3,3g | awk '{ k = $1 " " $2; v[k, ++n[k]] = $3 }
    END { for (k in n) { m = n[k]; print k, (m % 2 ? v[k, (m + 1) / 2] : (v[k, m / 2] + v[k, m / 2 + 1]) / 2) } }' |
    sort -k1,1 -k2,2n >"$tmp/den.med"
# den LEVEL THRESHOLD: optimum, plateau from, to, its largest shortfall %, the runner-up, its shortfall %
den() { awk -v l="$1" -v t="$2" '$1 == l { k++; d[k] = $2; y[k] = $3; if (k == 1 || $3 > y[b]) b = k }
    END { lo = b; while (lo > 1 && 100 * (1 - y[lo - 1] / y[b]) < t) lo--
      hi = b; while (hi < k && 100 * (1 - y[hi + 1] / y[b]) < t) hi++
      for (i = lo; i <= hi; i++) if (100 * (1 - y[i] / y[b]) > w) w = 100 * (1 - y[i] / y[b])
      for (i = 1; i <= k; i++) if (i != b && (!r || y[i] > y[r])) r = i
      printf "%s %s %s %.1f %s %.1f\n", d[b], d[lo], d[hi], w, d[r], 100 * (1 - y[r] / y[b]) }' "$tmp/den.med"; }
# short LEVEL FROM TO: the largest shortfall % from the optimum over those densities
short() { awk -v l="$1" -v a="$2" -v z="$3" '$1 == l { if ($3 > m) m = $3; if ($2 >= a && $2 <= z && (!n++ || $3 < lo)) lo = $3 }
    END { printf "%.1f\n", 100 * (1 - lo / m) }' "$tmp/den.med"; }
read -r o0 a0 z0 w0 r0 s0 <<<"$(den N0 2)"
read -r o60 a60 z60 w60 r60 s60 <<<"$(den N60 2.5)"
read -r o120 a120 z120 w120 _ _ <<<"$(den N120 1)"
read -r oirr _ _ _ _ _ <<<"$(den N120irr 1)"
pair() { if [ "$1" -lt "$2" ]; then echo "{$1} and {$2}"; else echo "{$2} and {$1}"; fi; }
src="agrosim run density.json"
{
  for l in N0:N0 N60:N60 N120:N120 "N120irr:N120, no water limit"; do
    k=${l%%:*}
    printf '%s\t%s\t| %s |' "$m" "$src (medians as printed, best in bold)" "${l#*:}"
    for dd in 2 3 4 5 6 7 8 9 10 12 14; do
      v=$(awk -v k="$k+d$dd" '$1 == k { print $2; exit }' "$tmp/den.txt")
      o=$(den "$k" 1 | cut -d' ' -f1)
      if [ "$dd" = "$o" ]; then printf ' **{%s}** |' "$v"; else printf ' {%s} |' "$v"; fi
    done
    printf '\n'
  done
  printf '%s\t%s\t%s\n' "$m" "$src" "The optimum moves up with N and water ({$o0} → {$o60} → {$o120} → {$oirr} pl/m²)"
  printf '%s\t%s\t%s\n' "$m" "$src" "Without N the curve is within {$w0} % from {$a0} to {$z0} pl/m² ($(pair "$o0" "$r0") within {$s0} %); with 60 kg N/ha it is flat from {$a60} to {$z60} pl/m² (within {$w60} %; $(pair "$o60" "$r60") within {$s60} %); with 120 kg N/ha it is flat from {$a120} to {$z120} (within {$w120} %) and falls"
  printf '%s\t%s\t%s\n' README.md "$src" "(\`examples/morogoro/density.json\`): {$o0} pl/m² without fertiliser ({$r0} within {$s0} %), {$o60} with 60 kg N/ha (flat from {$a60} to {$z60}, within {$w60} %), {$o120} with 120 kg N/ha (flat from {$a120} to {$z120}, within {$w120} %), {$oirr} with irrigation"
  printf '%s\t%s\t%s\n' README.md "$src" "at 60 kg N/ha 5–7 pl/m² are within {$(short N60 5 7)} % of the optimum at {$o60}"
  printf '%s\t%s\t%s\n' docs/validation.md "$src" "\`examples/morogoro/density.json\` puts the optimum at {$o0} / {$o120}."
} >>"$figs"
awk -v root="$AGROSIM_SOURCE_DIR" -f "$AGROSIM_SOURCE_DIR/tests/cli/page_figures.awk" "$figs" >&2 \
    || fail "the pages above do not give the figures of expected_table.txt, of the runs with DSSAT's methods and with n_stress dssat-4.8, and of density.json"

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
# the pages' copies of what the companions print: examples/morogoro/README.md's decomposition,
# yield-gap, sowing, soil-history, mulch and tillage figures in t/ha and the README's sowing
# figures, each against the printed table (tests/cli/page_figures.awk; ratios and paired ratios
# of rows other than the printed baseline's are worked out from the CSVs and not checked here)
# cm SCENARIO INTERVENTION [COLUMN]: the printed median t/ha (2), 10-90 % range (3) or ratio (6)
cm() { awk -v k="$2" -v c="${3:-2}" '$1 == k { print $c; exit }' "$tmp/$1.txt"; }
# cr SCENARIO INTERVENTION: the printed 10-90 % range as "{lo}–{hi}"
cr() { local r; r=$(cm "$1" "$2" 3); echo "{${r%-*}}–{${r#*-}}"; }
figs2="$tmp/figures2"
: >"$figs2"
{
  src="agrosim run decomposition.json"
  for r in "OPV, 2.2 pl/m²:local+d2.2" "OPV, 5 pl/m²:local+d5" "hybrid, 2.2 pl/m²:hybrid+d2.2"; do
    k=${r#*:}
    printf '%s\t%s\t%s\n' "$m" "$src" "| ${r%%:*} | {$(cm decomposition "$k+late1")} ({$(cm decomposition "$k+late1" 6)}) | {$(cm decomposition "$k+timely3")} | {$(cm decomposition "$k+unweeded")} | {$(cm decomposition "$k+weedfree")} |"
  done
  k=hybrid+d5
  printf '%s\t%s\t%s\n' "$m" "$src" "| hybrid, 5 pl/m² | {$(cm decomposition "$k+late1")} ({$(cm decomposition "$k+late1" 6)}) | **{$(cm decomposition "$k+timely3")} ({$(cm decomposition "$k+timely3" 6)}, the package)** | {$(cm decomposition "$k+unweeded")} | {$(cm decomposition "$k+weedfree")} |"
  g() { cm yield_gap "$1+$2"; }
  printf '%s\t%s\t%s\n' "$m" "agrosim run yield_gap.json" "package: actual {$(g package actual)}, water+N-limited (weed-free) {$(g package water_N_limited)}, water-limited {$(g package water_limited)}, potential {$(g package potential)} t/ha. For the baseline the four levels are {$(g baseline actual)}, {$(g baseline water_N_limited)}, {$(g baseline water_limited)} and {$(g baseline potential)} t/ha."
  src="agrosim run sowing.json"
  for i in baseline package; do
    printf '%s\t%s\t%s\n' "$m" "$src" "| $i, t/ha (10–90 %) | {$(cm sowing "$i+fixed")} ($(cr sowing "$i+fixed")) | {$(cm sowing "$i+rains")} ($(cr sowing "$i+rains")) |"
  done
  printf '%s\t%s\t%s\n' README.md "$src" "moves the package to {$(cm sowing package+rains)} t/ha and the baseline to {$(cm sowing baseline+rains)} t/ha"
  src="agrosim run soil_history.json"
  for r in "CENTURY, Adiku's regression:century" "CENTURY, FH102 at 0 years (44 % stable):FH102-0y" \
           "CENTURY, FH102 at 20 years:FH102-20y" "CENTURY, FH102 at 60 years:FH102-60y" "CENTURY, FH302 (degraded):FH302"; do
    k=${r##*:}
    printf '%s\t%s\t%s\n' "$m" "$src" "| ${r%:*} | {$(cm soil_history "baseline+$k")} | {$(cm soil_history "package+$k")} | ×{*} ({*}) |"
  done
  src="agrosim run mulch.json"
  for r in "baseline:baseline" "package:package" "package, 60 kg N/ha:package-N60"; do
    k=${r#*:}
    printf '%s\t%s\t%s\n' "$m" "$src" "| ${r%%:*} | {$(cm mulch "$k+bare")} | {$(cm mulch "$k+mulch3t")} (×{*}) |"
  done
  src="agrosim run tillage.json"
  for i in baseline package; do
    for d in 10 20; do
      printf '%s\t%s\t%s\n' "$m" "$src" "| $i, $d cm | {$(cm tillage "$i-${d}cm")} |"
    done
  done
} >>"$figs2"
awk -v root="$AGROSIM_SOURCE_DIR" -f "$AGROSIM_SOURCE_DIR/tests/cli/page_figures.awk" "$figs2" >&2 \
    || fail "the pages above do not give the figures that the companion scenarios print"

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
# a broken copy next to the original (in the copy of section 3b), so its relative paths still resolve
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
# a name ending in "/" is a folder's by its spelling: refused with the other output names
one_line_error 1 "afolder/: cannot write: Is a directory" \
    "$AGROSIM" run "$ex/morogoro.json" -o "$tmp/x.h5" --summary "$tmp/afolder/" --quiet
[ -e "$tmp/x.h5" ] && fail "a refused summary path left $tmp/x.h5"
# past the file-size limit the write fails with EFBIG (not SIGXFSZ) and leaves no file
mkdir -p "$tmp/small"
( ulimit -f 64; one_line_error 1 "write error: File too large" \
    "$AGROSIM" run "$ex/morogoro.json" -o "$tmp/small/big.h5" --quiet ) || exit 1
[ -z "$(ls -A "$tmp/small")" ] || fail "a write past the size limit left $(ls -A "$tmp/small")"
# a path longer than the tool's 4096-byte folder buffer is refused, no cut-off folder is made
long=$(printf 'd/%.0s' $(seq 1 2100))
( cd "$tmp" && one_line_error 2 "file name too long (at most 4095 bytes)" \
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

# ---- 7. the daily CSV (--daily, --layers) ------------------------------------------------------
# One row per run and simulated day, labelled as the summary CSV identifies the run (RUN
# field/intervention/member, TRNO the field x intervention x member combination from 1, SEASON the
# season from 0: run index (TRNO - 1) x 30 + SEASON), with the weed columns since morogoro.json has
# weeds; each run's last day gives the summary's yield and tops, and its values are the HDF5
# file's. Written beside the other files, which it leaves as they were.
dd="$tmp/daily"
"$AGROSIM" run "$ex/morogoro.json" -o "$dd/h5/m.h5" --summary "$dd/s.csv" --daily "$dd/csv/d.csv" \
    --quiet >"$tmp/o.txt" 2>"$tmp/e.txt" || fail "run --daily exited with $?: $(cat "$tmp/e.txt")"
[ -s "$tmp/e.txt" ] && fail "run --daily --quiet wrote on stderr: $(cat "$tmp/e.txt")"
cmp -s "$tmp/o.txt" "$tmp/table.txt" || fail "--daily changed the printed table"
cmp -s "$dd/s.csv" "$tmp/new/csv/morogoro_summary.csv" || fail "--daily changed the summary CSV"
[ "$(ls -A "$dd/csv")" = d.csv ] || fail "the daily CSV's folder holds $(ls -A "$dd/csv")"
head -1 "$dd/csv/d.csv" | grep -q '^RUN,TRNO,SEASON,YEAR,DOY,DAS,DAP,GSTD,' \
    || fail "daily CSV header: $(head -c 200 "$dd/csv/d.csv")"
head -1 "$dd/csv/d.csv" | grep -q ',weeds\.LAID,weeds\.CWAD,' \
    || fail "the daily CSV has no weed columns, though morogoro.json has weeds"
# every row against the summary CSV: its labels, days 1, 2, ... of one run after another in run
# order, each run's first YEAR its summary year and its last GWAD and CWAD its yield and tops
awk -F, -v ns=30 '
    NR == FNR { if (FNR == 1) { for (i = 1; i <= NF; i++) s[$i] = i; next }
                r = FNR - 2; lab[r] = $s["field"] "/" $s["intervention"] "/" $s["member"]
                sea[r] = $s["season"]; yr[r] = $s["year"]; y[r] = $s["yield_kg_ha"]
                b[r] = $s["biomass_kg_ha"]; n = r + 1; next }
    FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; run = -1; next }
    function close_run() {
        if (run < 0) return
        if (gw != y[run] || cw != b[run]) {
            print "run " run ": last day GWAD " gw ", CWAD " cw "; summary " y[run] ", " b[run]
            bad = 1 }
    }
    {
        r = ($2 - 1) * ns + $3
        if (r != run) {
            close_run()
            if (r != run + 1) { print "row " FNR ": run " r " after run " run; bad = 1; exit }
            run = r; day = 0
            if ($1 != lab[r] || $3 != sea[r] || $c["YEAR"] != yr[r]) {
                print "row " FNR ": " $1 ", season " $3 ", year " $c["YEAR"] " for run " r \
                      ", the summary has " lab[r] ", " sea[r] ", " yr[r]; bad = 1; exit }
        }
        if ($c["DAS"] != ++day) { print "row " FNR ": DAS " $c["DAS"] ", want " day; bad = 1; exit }
        gw = $c["GWAD"]; cw = $c["CWAD"]
    }
    END { if (bad) exit 1; close_run()
          if (run != n - 1) { print "the daily CSV ends at run " run " of " n; bad = 1 }
          exit bad }
' "$dd/s.csv" "$dd/csv/d.csv" || fail "the daily CSV does not match the summary CSV"
if command -v h5dump >/dev/null; then
    # h5ds DATASET START COUNT: the values as the CSV writes them (%.6g), one a line
    h5ds() { h5dump -d "$1" -s "$2" -c "$3" -y -w 0 -m '%.6g' "$dd/h5/m.h5" |
             awk '/DATA \{/ { on = 1; next } on && /}/ { exit } on' | tr -d ' \n' | tr ',' '\n'
             echo; }
    # csvcol FILE COLUMN TRNO SEASON: one run's column
    csvcol() { awk -F, -v col="$2" -v t="$3" -v s="$4" '
        NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
        $2 == t && $3 == s { print $c }' "$1"; }
    h5ds /daily/plot/n_days 0 60 >"$tmp/nd.txt"
    [ "$(wc -l <"$tmp/nd.txt")" -eq 60 ] \
        || fail "h5dump gave $(wc -l <"$tmp/nd.txt") n_days, want 60"
    want=$(awk '{ s += $1 } END { print s }' "$tmp/nd.txt")
    rows=$(( $(wc -l <"$dd/csv/d.csv") - 1 ))
    [ "$rows" -eq "$want" ] \
        || fail "the daily CSV has $rows rows, the HDF5 file $want days (n_days)"
    for r in 0 17 35 59; do
        n=$(sed -n "$((r + 1))p" "$tmp/nd.txt")
        [ "$(csvcol "$dd/csv/d.csv" DAS $((r / 30 + 1)) $((r % 30)) | wc -l)" -eq "$n" ] \
            || fail "run $r: the daily CSV's rows are not its $n days"
        for v in maize/LAID:LAID maize/CWAD:CWAD soil/SWTD:SWTD weeds/CWAD:weeds.CWAD \
                 water/PRED:PRED; do
            h5ds "/daily/plot/${v%%:*}" "$r,0" "1,$n" >"$tmp/h5v.txt"
            csvcol "$dd/csv/d.csv" "${v#*:}" $((r / 30 + 1)) $((r % 30)) >"$tmp/csvv.txt"
            cmp -s "$tmp/h5v.txt" "$tmp/csvv.txt" \
                || fail "run $r ${v#*:}: the daily CSV differs from the HDF5 file's ${v%%:*}:" \
                        "$(diff "$tmp/h5v.txt" "$tmp/csvv.txt" | head -4)"
        done
    done
fi
# --layers: the same columns, then 40 of each variable by soil layer; the first layer's soil water
# is the HDF5 file's
"$AGROSIM" run "$ex/morogoro.json" -o "$dd/l.h5" --daily "$dd/l.csv" --layers --quiet \
    >/dev/null 2>"$tmp/e.txt" || fail "run --daily --layers: $(cat "$tmp/e.txt")"
nd=$(head -1 "$dd/csv/d.csv" | awk -F, '{ print NF }')
nl=$(head -1 "$dd/l.csv" | awk -F, '{ print NF }')
[ "$nl" -eq $((nd + 7 * 40)) ] || fail "--layers gave $nl columns, want $nd + 7 x 40"
head -1 "$dd/l.csv" | grep -q ",EOPA,RL1D,RL2D,.*,SW1D,.*,ST40D,NI1D,.*,NH40D\$" \
    || fail "--layers header: $(head -1 "$dd/l.csv" | cut -d, -f$((nd - 1))-$((nd + 2)))"
cut -d, -f1-"$nd" "$dd/l.csv" | cmp -s - "$dd/csv/d.csv" \
    || fail "--layers changed the other columns"
if command -v h5dump >/dev/null; then
    n=$(sed -n 36p "$tmp/nd.txt")
    h5ds /daily/plot/soil/SW "35,0,0" "1,$n,1" >"$tmp/h5v.txt"
    csvcol "$dd/l.csv" SW1D 2 5 >"$tmp/csvv.txt"
    cmp -s "$tmp/h5v.txt" "$tmp/csvv.txt" || fail "run 35 SW1D differs from the HDF5 file's soil/SW"
fi
# a scenario that keeps no daily records is refused before its runs, naming the key that turns them
# on, and writes nothing
sed 's/"baseline": "baseline",/"baseline": "baseline", "daily": false,/' "$ex/morogoro.json" \
    >"$tmp/ex/examples/morogoro/nodaily.json"
line=$(grep -n '"daily": false' "$tmp/ex/examples/morogoro/nodaily.json" | cut -d: -f1)
[ -n "$line" ] || fail "could not turn the daily records off in a copy of morogoro.json"
why="the scenario keeps no daily records (\"daily\": false), so there is no daily CSV to write"
one_line_error 1 "nodaily.json:$line: report.daily: $why: set it to true, the default" \
    "$AGROSIM" run "$tmp/ex/examples/morogoro/nodaily.json" -o "$dd/nd/r.h5" \
    --summary "$dd/nd/s.csv" --daily "$dd/nd/d.csv" --quiet
[ -e "$dd/nd" ] && fail "a refused --daily wrote $(ls -A "$dd/nd")"
"$AGROSIM" run "$tmp/ex/examples/morogoro/nodaily.json" -o "$dd/nd.h5" --quiet >/dev/null 2>&1 \
    || fail "nodaily.json without --daily failed"
# usage errors, before any work
one_line_error 2 "run: --layers adds columns to the --daily file: give --daily D.csv" \
    "$AGROSIM" run "$ex/morogoro.json" -o "$dd/u.h5" --layers
one_line_error 2 "run: -o and --daily name the same file \"$dd/u.h5\"" \
    "$AGROSIM" run "$ex/morogoro.json" -o "$dd/u.h5" --daily "$dd/u.h5"
one_line_error 2 "run: --daily and --summary name the same file \"$dd/u.csv\"" \
    "$AGROSIM" run "$ex/morogoro.json" -o "$dd/u.h5" --summary "$dd/u.csv" --daily "$dd/u.csv"
one_line_error 2 "unknown or incomplete option \"--daily\"" \
    "$AGROSIM" run "$ex/morogoro.json" -o "$dd/u.h5" --daily
( cd "$tmp" && one_line_error 2 "file name too long (at most 4095 bytes)" \
    "$AGROSIM" run "$ex/morogoro.json" -o u.h5 --daily "${long}x.csv" --quiet ) || exit 1
one_line_error 1 "afolder: cannot write the daily CSV: Is a directory" \
    "$AGROSIM" run "$ex/morogoro.json" -o "$dd/u.h5" --daily "$tmp/afolder" --quiet
[ -e "$dd/u.h5" ] && fail "a refused daily CSV path left $dd/u.h5"
# written whole or not at all: a daily CSV that fails (a full disk) leaves the old results file
# and summary, a results file that fails the old daily CSV and summary
mkdir -p "$dd/keep"
for f in r.h5 s.csv d.csv; do echo old >"$dd/keep/$f"; done
one_line_error 1 "/dev/full" "$AGROSIM" run "$ex/morogoro.json" -o "$dd/keep/r.h5" \
    --summary "$dd/keep/s.csv" --daily /dev/full --quiet
[ "$(cat "$dd/keep/r.h5")" = old ] || fail "a failed daily CSV replaced the results file"
[ "$(cat "$dd/keep/s.csv")" = old ] || fail "a failed daily CSV replaced the summary"
one_line_error 1 "/dev/full" "$AGROSIM" run "$ex/morogoro.json" -o /dev/full \
    --summary "$dd/keep/s.csv" --daily "$dd/keep/d.csv" --quiet
[ "$(cat "$dd/keep/d.csv")" = old ] || fail "a failed results file replaced the daily CSV"
[ "$(cat "$dd/keep/s.csv")" = old ] || fail "a failed results file replaced the summary"
[ "$(ls -A "$dd/keep" | wc -l)" -eq 3 ] || fail "temporary files left: $(ls -A "$dd/keep")"
# so too when only the daily CSV's last rows fail (a file size limit one byte under the --layers
# file's size, above the HDF5 file's): the rows still buffered after the append used to fail at
# the commit, after the results file had been replaced
lsz=$(wc -c <"$dd/l.csv")
[ "$(wc -c <"$dd/l.h5")" -lt $((lsz - 1024)) ] || fail "the HDF5 file is not smaller than l.csv"
one_line_error 1 "d.csv: write error: File too large" \
    bash -c 'trap "" XFSZ; ulimit -f "$1"; shift; exec "$@"' limit $(((lsz - 1) / 1024)) \
    "$AGROSIM" run "$ex/morogoro.json" -o "$dd/keep/r.h5" --summary "$dd/keep/s.csv" \
    --daily "$dd/keep/d.csv" --layers --quiet
for f in r.h5 s.csv d.csv; do
    [ "$(cat "$dd/keep/$f")" = old ] || fail "a daily CSV failing at its end replaced $f"
done
[ "$(ls -A "$dd/keep" | wc -l)" -eq 3 ] || fail "temporary files left: $(ls -A "$dd/keep")"
echo "cli run: ok"
