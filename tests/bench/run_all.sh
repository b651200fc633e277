#!/bin/sh
# ctest bench_run_all: bench/run_all.sh runs every benchmark and prints every row of its table
# with a figure (a renamed RESULT key or a failed program would leave a row empty or 0). No
# time is asserted: the figures are only read as numbers above 0.
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
