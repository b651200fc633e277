#!/usr/bin/env bash
# A time-boxed libFuzzer campaign over every harness of tests/fuzz (README.md there).
# usage: tests/fuzz/run_campaign.sh BUILD_DIR WORK_DIR [harness:seconds ...]
# BUILD_DIR was configured with -DAGROSIM_BUILD_FUZZ=ON (clang). WORK_DIR gets corpus/<harness>
# (seeded from the shared DSSAT validation data, models/ and examples/ on first use, never from
# or into the repository), artifacts/<harness>/ (crashes, leaks, timeouts) and logs/<harness>.log.
# One harness at a time, one process (fork mode with one job, so a crash is saved and the run
# goes on): -timeout=2 s per input, -rss_limit_mb=2048.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$(cd "$1" && pwd)
work=$(mkdir -p "$2" && cd "$2" && pwd)
shift 2
val=${AGROSIM_VALIDATION_DIR:-$src/../shared/validation}/dssat
[ $# -gt 0 ] || set -- dssat_x:600 dssat_sol:600 dssat_wth:600 weather_csv:600 dssat_cul:600 \
    dssat_eco:600 soil_json:600 cultivar_json:600 scenario:600 dssat_a:600 dssat_t:600 dssat_pest:600 \
    site_json:600 weeds_json:600 season:600 checks:300

seed() { # harness -> corpus folder filled with real files
    local h=$1 c=$work/corpus/$1
    [ -d "$c" ] && return 0
    mkdir -p "$c"
    case $h in
    dssat_x) cp "$val"/Maize/*.MZX "$c"/; cp "$val"/Soybean/*.SBX "$c"/ 2>/dev/null || true
        # FLSC8101 with IRRIG D: its irrigation dates as days after planting (PDATE 81097)
        awk '/^ 1 MA  / { sub(/R     R/, "R     D") }
             /^ 1 81[0-9][0-9][0-9] IR0/ { $0 = sprintf(" 1 %5d%s", substr($2, 3) - 97, substr($0, 9)) }
             { print }' "$val"/Maize/FLSC8101.MZX > "$c/FLSC8101_irrig_d.MZX" ;;
    dssat_sol) cp "$val"/Soil/*.SOL "$c"/ ;;
    dssat_wth) for f in "$val"/Weather/*.WTH; do head -c 6000 "$f" > "$c/$(basename "$f")"; done ;;
    weather_csv)
        for s in "$src"/models/sites/*.json; do
            "$build/cli/agrosim" weather-gen "$s" --years 1 --seed 3 --out "$work/gen.csv" >/dev/null
            head -c 5000 "$work/gen.csv" > "$c/$(basename "$s" .json).csv"
        done; rm -f "$work/gen.csv" ;;
    dssat_cul) cp "$val"/Genotype/*.CUL "$c"/ ;;
    dssat_eco) cp "$val"/Genotype/*.ECO "$c"/ ;;
    soil_json) cp "$src"/models/soils/*.json "$c"/ ;;
    cultivar_json) cp "$src"/models/cultivars/*.json "$c"/ ;;
    scenario) cp "$src"/examples/morogoro/*.json "$c"/
        # the same with one weather year and one season: few enough runs (fuzz_scenario.c
        # MAX_RECORDS) that the first one is simulated and its summary CSV written
        for f in "$src"/examples/morogoro/*.json; do
            sed -e 's/"count": 30/"count": 1/' -e 's/"years": 30/"years": 1/' "$f" > "$c/small_$(basename "$f")"
        done
        # the daily CSV's cases (fuzz_scenario.c): no daily records (refused, naming
        # report.daily); two weather members, 4 runs all simulated (TRNO 1-4, columns by layer:
        # odd length); two seasons of two members, 8 runs of which only the first (results in part)
        m=$c/small_morogoro.json
        sed 's/"baseline": "baseline",/"baseline": "baseline", "daily": false,/' "$m" > "$c/small_nodaily.json"
        sed 's/"weather_members": 1/"weather_members": 2/' "$m" > "$c/small_members.json"
        [ $(( $(wc -c < "$c/small_members.json") % 2 )) -eq 1 ] || echo >> "$c/small_members.json"
        sed -e 's/"weather_members": 1/"weather_members": 2/' -e 's/"count": 1/"count": 2/' \
            -e 's/"years": 1/"years": 2/' "$m" > "$c/small_members_seasons.json" ;;
    site_json) cp "$src"/models/sites/*.json "$c"/ ;;
    weeds_json) # the values of agro_weed_params_default (lib/weeds/weeds.c)
        printf '%s\n' '{"schema_version": 1, "name": "generic tropical annual weeds",' \
            ' "tbase_C": 10, "rue_g_MJ": 3.5, "k_par": 0.65, "sla_m2_g": 0.03, "leaf_frac": 0.5,' \
            ' "root_frac": 0.2, "max_leaf_area_cm2": 5000, "tt_half_Cd": 450, "tt_slope_Cd": 50,' \
            ' "seedling_g": 0.005, "root_depth_rate_cm_Cd": 0.15, "max_root_depth_cm": 90,' \
            ' "tt_life_Cd": 1600, "n_crit_1t": 0.041, "n_conc_min": 0.01, "rlv_per_g_cm_g": 9800}' \
            > "$c/weeds.json" ;;
    dssat_a) cp "$val"/Maize/*.MZA "$c"/; cp "$val"/Soybean/*.SBA "$c"/ 2>/dev/null || true ;;
    dssat_t|dssat_pest)
        cp "$val"/Maize/*.MZT "$c"/; cp "$val"/Soybean/*.SBT "$c"/ 2>/dev/null || true
        # the shared T files carry no pest columns: one table in DSSAT's layout (IUAF9901 dates)
        printf '%s\n' '*EXP. DATA (T): IUAF9901MZ seed' '' \
            '@TRNO   DATE  PLAD  PSMD  PASM  PWPD  ALMD  NWPD' \
            '     1 99200   0.0   -99   -99   -99   -99   -99' '     1 99201  50.0  20.0   -99   5.0   1.0   -99' \
            '     2 99180   -99   -99   0.0   -99   -99   0.5' '     2 99210   -99   -99  50.0   -99   -99   -99' \
            '     2 99290   -99   -99  50.0   -99   -99   -99' > "$c/pest.MZT" ;;
    season) # structured input (fuzz_season.c): byte 0 = preset (bits 0-1: UFGA8201, IUAF9901,
        # Morogoro, Goroka) and driver (bit 2: agro_season_run); the rest absent keeps the preset
        for i in 0 1 2 3 4 5 6 7; do printf "\\$(printf %o $i)" > "$c/preset$i"; done
        # byte 0 bit 3: DSSAT mode, bits 0-1 UFGA8201 trt 4, IUAF9901 trt 2, SIAZ9501 trt 2,
        # FLSC8101 trt 1; bit 2 the whole runner (agro_dssat_run_treatment_opts)
        for i in 8 9 10 11 12 13 14 15; do printf "\\$(printf %o $i)" > "$c/dssat$i"; done
        # IUAF9901 trt 2 under CENTURY with a planting record (PDATE = SDATE + 20 days)
        printf '\x09\x05\x08\x00\x01\x14\x00\x80\x00\x00\x05\x02\x00\x40\x00\x00' > "$c/dssat_iuaf_century"
        # a second crop after the first one's maturity: UFGA8201 11 days later, Morogoro 6
        printf '\x00\x00\x00\x10\x0a' > "$c/resow_ufga"
        printf '\x02\x00\x00\x10\x05\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03' > "$c/resow_morogoro"
        # UFGA8201 under EPIC soil temperature, Suleiman-Ritchie evaporation, CERES-Maize N
        # uptake, CENTURY and P; Morogoro by hand with a 10-day heat wave from day 40 (+7.5 °C)
        printf '\x04\x3d\x00' > "$c/ufga_options"
        printf '\x02\x00\x00\x08\x28\x09\x00\x00\x00\x80\x00\x80' > "$c/morogoro_heat"
        # weeds that mature and die: Morogoro by hand, the weeds' tt_life_Cd at 1/4 (400 °C d)
        # and a sparse flush on day 0, whose cohort ends (its matter to the soil); the same
        # under CENTURY; a complete weeding on day 50 with the tops carried off, under CENTURY
        printf '\x02\x00\x00\x0e\x00\x0c\x01\x00\x03\x00\x00\x20\x00' > "$c/weeds_mature_end"
        printf '\x02\x10\x00\x0e\x00\x0c\x01\x00\x03\x00\x00\x20\x00' > "$c/weeds_mature_end_century"
        printf '\x02\x10\x00\x02\x32\xff\xff\x01\x00' > "$c/weeding_carried_off_century"
        # the stand and stress records (type bytes 194, 150, 164, 220): Morogoro by hand with P,
        # 0.005 plants/m2 sown and a 10 % leaf damage on 64 days from 5 DAS; a 30-day cold spell
        # from day 40 (tmin -25 C) with a 5 % leaf damage each day, the crop failing from cold
        # in stage 3 on one of them; Goroka with P thinned to 0.01 plants/m2 in grain fill, then
        # 20 days of damage; Morogoro run (and by hand) with P, 0.03 plants/m2 on day 6, failing
        # from drought in stage 2 under a daily 10 % assimilate damage
        printf '\x02\x20\x00\x00\x00\xc2\x00\xb5\x7e\x96\x14\x00\x9a\x19\x3f\x00' > "$c/sparse_weeds_p"
        printf '\x02\x00\x00\xdc\x28\x1d\xff\xff\x00\x80\x00\xce\x0c\x00' > "$c/cold_failure_damage"
        printf '\x03\x20\x00\x00\x00\xa4\x6e\x00\x00\x00\x96\x6f\x00\xce\x0c\x13\x00' > "$c/thin_grain_fill_p"
        printf '\x06\x21\x00\xe6\x41\x1c\x06\x0e\x00\x00\x00\x00\x00\x00\x00\x96\x06\x05\x9a\x19\x3f\x00' > "$c/drought_failure_damage"
        # one record of each event type (NO3 profile, fertiliser, irrigation, weeds emerging,
        # weeding, maize residue, 20 % leaf damage, 15 dry days, surface urea) after the option
        # bytes: UFGA8201 by hand; IUAF9901 run with numerical soil temperature; Morogoro run
        # with EPIC and P; Goroka by hand with STEMP (albedo surface), CENTURY and 5 cm layers
        ev='\011\001\231\231\146\346\000\024\213\117\117\136\000\200\001\000\000\004\000\000\000\000\000\001\036\117\136\000\003\022\354\044\000\002\055\314\314\000\005\000\213\117\174\024\000\000\000\000\000\000\002\000\000\000\000\000\000\000\007\106\000\064\063\000\010\074\016\002\000\000\000\000\000\062\175\105\217\002\001\000\000\200\000\005\000\000\000\000\000'
        for p in '\000\000\000:ufga_events' '\005\002\000:iuaf_events_run' \
                 '\006\041\000:morogoro_events_run' '\003\023\060:goroka_events'; do
            printf "${p%%:*}$ev" > "$c/${p#*:}"
        done ;;
    esac
}

for hs in "$@"; do
    h=${hs%%:*} t=${hs#*:}
    seed "$h"
    mkdir -p "$work/artifacts/$h" "$work/logs"
    dict=()
    d=$h
    case $h in dssat_a|dssat_t|dssat_pest) d=dssat_obs ;; esac
    [ -f "$here/dict/$d.dict" ] && dict=(-dict="$here/dict/$d.dict")
    maxlen=()
    case $h in dssat_sol|dssat_x|dssat_a|dssat_t|dssat_pest) maxlen=(-max_len=16384) ;; dssat_wth|weather_csv) maxlen=(-max_len=8192) ;; season) maxlen=(-max_len=1024 -len_control=0) ;; checks) maxlen=(-max_len=256) ;; esac
    echo "== $h ($t s)"
    (cd "$work/artifacts/$h" &&
     "$build/tests/fuzz/fuzz_$h" "$work/corpus/$h" "${dict[@]}" "${maxlen[@]}" \
        -max_total_time="$t" -timeout=2 -rss_limit_mb=2048 -fork=1 -ignore_crashes=1 \
        -ignore_timeouts=1 -ignore_ooms=1 -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/$h/" > "$work/logs/$h.log" 2>&1) || true
    grep -E '^#[0-9]+: cov' "$work/logs/$h.log" | tail -1 || true
    ls "$work/artifacts/$h" | head
done
