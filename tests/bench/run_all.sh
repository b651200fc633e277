#!/bin/sh
# ctest bench_run_all: bench/run_all.sh runs every benchmark and prints every row of its table
# with a figure (a renamed RESULT key or a failed program would leave a row empty or 0). No
# time is asserted: the figures are only read as numbers above 0. Then every benchmark program
# refuses, with exit status 2 and its usage on stderr, an argument it does not take (a misspelt
# mode would otherwise be timed and checksummed as the default one) and prints its usage for
# --help without running.
#   tests/bench/run_all.sh BUILD_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$("$here/../../bench/run_all.sh" "$1" 20 2>/dev/null)
for row in "maize season, water + N + STEMP" "maize season, water + N + numerical" \
           "module: soil water" "module: soil mineral N" "module: soil temperature STEMP" \
           "module: soil temperature numerical" "whole process: agrosim run-dssat" \
           "of which process start"; do
    line=$(printf '%s\n' "$out" | grep -F "| $row") || { echo "run_all.sh: no row '$row'" >&2; exit 1; }
    # the row's first figure column holds a number of at least 1
    printf '%s\n' "$line" | grep -Eq '^\| [^|]+ \| (\| )?[1-9][0-9]* \|' ||
        { echo "run_all.sh: no figure in: $line" >&2; exit 1; }
done
printf '%s\n' "$out" | grep -q "the run had [0-9.]* of a CPU" ||
    { echo "run_all.sh: no CPU share line" >&2; exit 1; }
echo "bench/run_all.sh: every row has its figures"

b=$1/bench
bad=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# usage_error PROGRAM ARGS...: exit status 2, nothing on stdout, "usage: PROGRAM" on stderr
usage_error() {
    rc=0
    "$b/$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
    if [ "$rc" -ne 2 ] || [ -s "$tmp/out" ] || ! grep -q "^usage: $1 " "$tmp/err"; then
        echo "$*: exit status $rc, not a usage error (2): $(head -c 300 "$tmp/out" "$tmp/err")" >&2
        bad=$((bad + 1))
    fi
}
for prog in bench_maize bench_soil_water bench_soil_temp bench_weather; do
    usage_error $prog --no-such-option
    out=$("$b/$prog" --help) || { echo "$prog --help: exit status $?" >&2; bad=$((bad + 1)); }
    case $out in "usage: $prog "*) ;; *) echo "$prog --help printed: $out" >&2; bad=$((bad + 1)) ;; esac
done
usage_error bench_maize 20 --centruy
usage_error bench_maize abc
usage_error bench_maize 0
usage_error bench_maize 20 30
usage_error bench_soil_water 2k
usage_error bench_soil_temp 1 2
usage_error bench_weather "$AGROSIM_VALIDATION_DIR/dssat/Weather/UFGA8201.WTH" 0
[ "$bad" -eq 0 ] || { echo "$bad benchmark command lines not refused as usage errors" >&2; exit 1; }
echo "bench programs: an argument they do not take is a usage error"
