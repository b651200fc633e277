#!/bin/sh
# Run every agrosim benchmark and print one table (markdown) of the figures in bench/README.md.
#
#   bench/run_all.sh [BUILD_DIR] [SEASONS]
#
# BUILD_DIR: a Release build (default: $AGROSIM_BUILD, else <repo>/build). SEASONS: seasons
# per bench_maize run (default 3000; the numerical soil-temperature run uses a tenth).
# Reference figures (DSSAT-CSM 4.8 and PCSE/WOFOST 7.2, whole process, same machine class)
# are from ../shared/validation/README.md.
set -eu
case "${1:-}" in
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run_all.sh: unknown option $1 (usage: bench/run_all.sh [BUILD_DIR] [SEASONS])" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
build=${1:-${AGROSIM_BUILD:-$repo/build}}
seasons=${2:-3000}
data=${AGROSIM_VALIDATION_DIR:-$repo/../shared/validation}
b=$build/bench
for x in bench_maize bench_soil_water bench_soil_temp; do
    [ -x "$b/$x" ] || { echo "run_all.sh: $b/$x not built (cmake --build $build)" >&2; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "running benchmarks in $build (single thread) ..." >&2
"$b/bench_maize" "$seasons" > "$tmp/maize_stemp.txt"
"$b/bench_maize" $((seasons / 10 > 7 ? seasons / 10 : 7)) --numerical > "$tmp/maize_num.txt"
"$b/bench_soil_water" > "$tmp/water.txt"
"$b/bench_soil_temp" > "$tmp/temp.txt"
[ -x "$b/bench_weather" ] && "$b/bench_weather" > "$tmp/weather.txt" || true

# value of KEY=... on the RESULT line of FILE that contains PATTERN
val() { grep '^RESULT' "$1" | grep -F -- "$2" | head -1 | tr ' ' '\n' | sed -n "s/^$3=//p"; }

m_us=$(val "$tmp/maize_stemp.txt" bench_maize us_season)
m_ns=$(val "$tmp/maize_stemp.txt" bench_maize ns_day)
m_days=$(val "$tmp/maize_stemp.txt" bench_maize days)
m_min=$(val "$tmp/maize_stemp.txt" bench_maize us_season_min)
m_p90=$(val "$tmp/maize_stemp.txt" bench_maize us_season_p90)
m_cpu=$(val "$tmp/maize_stemp.txt" bench_maize cpu_share)
n_us=$(val "$tmp/maize_num.txt" bench_maize us_season)
n_ns=$(val "$tmp/maize_num.txt" bench_maize ns_day)
w_ns=$(val "$tmp/water.txt" bench_soil_water water_ns_day)
nn_ns=$(val "$tmp/water.txt" bench_soil_water n_ns_day)
st_ns=$(val "$tmp/temp.txt" 'DSSAT STEMP' ns_day)
num_ns=$(val "$tmp/temp.txt" 'numerical 48 steps/d, water varies daily' ns_day)

# median wall time of 21 runs of a command, in ms; its stderr (the MESEV note of UFGA8201,
# once per run) kept aside in $tmp/cli_err.txt
median_ms() {
    i=0
    while [ $i -lt 21 ]; do
        t0=$(date +%s%N)
        "$@" > /dev/null 2> "$tmp/cli_err.txt"
        t1=$(date +%s%N)
        echo $(( (t1 - t0) / 1000 ))
        i=$((i + 1))
    done | sort -n | sed -n 11p | awk '{printf "%.1f", $1 / 1000}'
}

# whole process, like the DSSAT figure: agrosim run-dssat on one treatment; and the process
# start alone (`agrosim help`: loading libagrosim and the 40 libraries Debian's HDF5 brings)
cli_ms=""
start_ms=""
cli=$build/cli/agrosim
exp=$data/dssat/Maize/UFGA8201.MZX
if [ -x "$cli" ] && [ -f "$exp" ]; then
    cli_ms=$(median_ms "$cli" run-dssat "$exp" --data "$data/dssat" --trt 1)
    cat "$tmp/cli_err.txt" >&2
    start_ms=$(median_ms "$cli" help)
fi

flags=$(sed -n 's/^ *compiler flags: *//p' "$tmp/maize_stemp.txt" | head -1)
cc_version=$(sed -n 's/^ *compiler: \([^,]*\),.*/\1/p' "$tmp/water.txt" | head -1)

awk -v m_us="$m_us" -v m_ns="$m_ns" -v m_days="$m_days" -v n_us="$n_us" -v n_ns="$n_ns" \
    -v m_min="$m_min" -v m_p90="$m_p90" -v m_cpu="$m_cpu" \
    -v w_ns="$w_ns" -v nn_ns="$nn_ns" -v st_ns="$st_ns" -v num_ns="$num_ns" \
    -v cli_ms="$cli_ms" -v start_ms="$start_ms" -v flags="$flags" -v ccv="$cc_version" 'BEGIN {
    dssat_season_us = 22000; dssat_day_ns = 170000; pcse_season_us = 300000;
    printf "agrosim benchmarks (single thread, one field; maize rows: median of seasons timed one by one, modules: best of repeated blocks; compiler gcc %s, flags:%s)\n\n", ccv, flags;
    printf "| what | us per season (%d d) | us per 150-d season | ns per field-day | DSSAT / agrosim | PCSE / agrosim |\n", m_days;
    printf "|---|---:|---:|---:|---:|---:|\n";
    printf "| maize season, water + N + STEMP soil temperature | %.0f | %.0f | %.0f | %.0f x | %.0f x |\n",
           m_us, m_ns * 150 / 1000, m_ns, dssat_day_ns / m_ns, pcse_season_us / (m_ns * 150 / 1000);
    printf "| maize season, water + N + numerical soil temperature | %.0f | %.0f | %.0f | %.0f x | %.0f x |\n",
           n_us, n_ns * 150 / 1000, n_ns, dssat_day_ns / n_ns, pcse_season_us / (n_ns * 150 / 1000);
    printf "| module: soil water (PT PET, partition, uptake capacity, step; 10 layers) | | %.0f | %.0f | | |\n", w_ns * 150 / 1000, w_ns;
    printf "| module: soil mineral N (uptake capacity, step; 10 layers) | | %.0f | %.0f | | |\n", nn_ns * 150 / 1000, nn_ns;
    printf "| module: soil temperature STEMP (step + layer means; 8 layers) | | %.0f | %.0f | | |\n", st_ns * 150 / 1000, st_ns;
    printf "| module: soil temperature numerical (40 nodes, 48 steps/d, water varies) | | %.0f | %.0f | | |\n", num_ns * 150 / 1000, num_ns;
    if (cli_ms != "")
        printf "| whole process: agrosim run-dssat UFGA8201 trt 1 (load files + run; median of 21) | %.0f | | | %.1f x | %.0f x |\n",
               cli_ms * 1000, dssat_season_us / (cli_ms * 1000), pcse_season_us / (cli_ms * 1000);
    if (start_ms != "")
        printf "| of which process start: agrosim help (shared libraries loaded; median of 21) | %.0f | | | | |\n",
               start_ms * 1000;
    printf "\nMaize season (STEMP): fastest %.0f us, 90th percentile %.0f us; the run had %.2f of a CPU%s. The 150-day column is ns per field-day x 150.\n",
           m_min, m_p90, m_cpu, m_cpu < 0.9 ? " (below 0.9: the machine was busy and every figure is high)" : "";
    printf "\nReferences (../shared/validation/README.md): DSSAT-CSM 4.8 about 22 ms per maize season whole process (0.17 ms per simulated day); PCSE/WOFOST 7.2 about 0.3 s per season. Target (issue 4): < 50 us per 150-day season.\n";
}'
