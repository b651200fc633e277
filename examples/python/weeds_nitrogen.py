#!/usr/bin/python3
"""Weed competition with and without fertiliser: the unweeded yield loss of a hybrid, and the
losses after weedings, in generated Morogoro seasons. It reproduces the figures of "Known
weakness: weeds on unfertilised soil" in examples/morogoro/README.md.

    PYTHONPATH=python /usr/bin/python3 examples/python/weeds_nitrogen.py [--years N]
        [--rlv-per-g CM_G] [--root-frac F] [--timing]

Set-up, as tests/test_weeds.c but 3 ppm NO3 and 10 seasons (2001-2010, one generated year
each, seed = year):
- hybrid H613 at 5.3 plants/m2 in 75 cm rows, sown on day 75;
- 100 weeds/m2 announced 3 days after sowing;
- weedings remove 95 % of the weeds;
- initial mineral N 3 ppm NO3 + 1 ppm NH4 in every layer;
- 0 or 50 kg N/ha at sowing (half NH4) at 5 cm.
--rlv-per-g and --root-frac replace the weed flora's root length per gram and root share
(the variants the README discusses). --timing runs the weeding dates of BRIEF §2's field
figures instead (S22: two weedings at 3 and 6 weeks keep maize about weed-free, the first a week
late costs about 1/3 of the yield, the second two weeks late about 1/4; S24: control first at
about V8, some 5 weeks, costs about 25 %), the comparison of docs/model.md §7. Output: one line
per N rate, losses in % of the weed-free yield (mean over the seasons) and the mean peak weed
biomass of the unweeded runs.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "python"))  # the binding of this source tree

import agrosim  # noqa: E402
import morogoro_hybrid  # noqa: E402

SOW_DOY = 75
WEEDINGS = {"once at 42 DAS": [42], "at 21 + 42 DAS": [21, 42], "at 14 + 35 + 56 DAS": [14, 35, 56]}
# BRIEF §2 [S22, S24]: the recommended dates, each weeding late, and a first control at ~V8
TIMING = {"at 21 + 42 DAS": [21, 42], "at 28 + 42 DAS": [28, 42], "at 21 + 56 DAS": [21, 56],
          "at 35 + 42 DAS": [35, 42], "at 42 + 63 DAS": [42, 63], "once at 42 DAS": [42]}


def season_yield(soil, cul, weather, year, opts, n_kg_ha, weeds_m2, weed_days):
    """Yield (kg/ha) and peak weed biomass (kg/ha) of one season."""
    ev = [agrosim.sow(year, SOW_DOY, density_pl_m2=5.3, row_spacing_cm=75, depth_cm=5)]
    if n_kg_ha > 0:
        ev.append(agrosim.fertilise(year, SOW_DOY, kg_n_ha=n_kg_ha, depth_cm=5))
    if weeds_m2 > 0:
        ev.append(agrosim.weeds_emerge(year, SOW_DOY + 3, weeds_m2))
    ev += [agrosim.weed(year, SOW_DOY + d, fraction_removed=0.95) for d in weed_days]
    season = agrosim.Season(soil, cul, start=(year, 60), options=opts, events=ev,
                            days_after_maturity=0)
    summary, _ = season.run(weather, numpy=False)
    return summary.hwam_kg_ha, summary.weeds_biomass_max_kg_ha


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--years", type=int, default=10, help="seasons from 2001 (default 10)")
    ap.add_argument("--rlv-per-g", type=float, help="weed root length per gram, cm/g")
    ap.add_argument("--root-frac", type=float, help="weed root share of new growth")
    ap.add_argument("--timing", action="store_true",
                    help="the weeding dates of BRIEF's field figures (S22, S24)")
    a = ap.parse_args(argv)
    if a.years < 1:
        ap.error("--years must be >= 1 (got %d)" % a.years)
    try:
        flora = agrosim.WeedParams.default()
        if a.rlv_per_g is not None:
            flora.struct.rlv_per_g_cm_g = a.rlv_per_g
        if a.root_frac is not None:
            flora.struct.root_frac = a.root_frac
        cul, soil, _, weathers, opts = morogoro_hybrid.inputs(a.years, weeds=flora)
        schedules = TIMING if a.timing else WEEDINGS
        for n_kg_ha in (0, 50):
            loss = {"unweeded": 0.0}
            loss.update({k: 0.0 for k in schedules})
            free_sum = weed_max = 0.0
            for k, w in enumerate(weathers):
                year = 2001 + k
                free, _ = season_yield(soil, cul, w, year, opts, n_kg_ha, 0, [])
                none, wmax = season_yield(soil, cul, w, year, opts, n_kg_ha, 100, [])
                free_sum += free
                weed_max += wmax
                loss["unweeded"] += 100.0 * (1.0 - none / free)
                for name, days in schedules.items():
                    y, _ = season_yield(soil, cul, w, year, opts, n_kg_ha, 100, days)
                    loss[name] += 100.0 * (1.0 - y / free)
            n = len(weathers)
            print("N %2d kg/ha: weed-free %.0f kg/ha; loss unweeded %.1f %%, %s; "
                  "unweeded weed biomass max %.0f kg/ha"
                  % (n_kg_ha, free_sum / n, loss["unweeded"] / n,
                     ", ".join("weeded %s %.1f %%" % (k, loss[k] / n) for k in schedules),
                     weed_max / n))
    except agrosim.AgrosimError as e:
        print("weeds_nitrogen.py: %s" % e.message, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
