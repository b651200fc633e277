#!/usr/bin/python3
"""One maize season two ways: the library's season runner, and a Field stepped day by day
from Python (what you do to change management on the fly). Prints the yield of both (they are
equal) and the time each takes.

    PYTHONPATH=python /usr/bin/python3 examples/python/season_steps.py [REPEATS] [--no-timing]

The first line (season length, both yields, anthesis and maturity) is deterministic; the
timing lines are not. With --no-timing (or REPEATS = 0) each way runs once and only the first
line is printed: that output is examples/python/season_steps.out, compared by
tests/python/test_examples.py.
"""
import argparse
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "python"))  # the binding of this source tree

import agrosim  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("repeats", nargs="?", type=int, default=50,
                    help="seasons run each way for the timing (default 50; 0 = no timing)")
    ap.add_argument("--no-timing", action="store_true",
                    help="run each way once and print only the deterministic first line")
    a = ap.parse_args(argv)
    if a.repeats < 0:
        ap.error("REPEATS must be >= 0 (got %d)" % a.repeats)
    timing = a.repeats > 0 and not a.no_timing
    repeats = a.repeats if timing else 1
    try:
        cul = agrosim.MaizeCultivar.load_json(
            os.path.join(REPO, "models", "cultivars", "maize_h6_hybrid.json"))
        soil = agrosim.SoilProfile.load_json(
            os.path.join(REPO, "models", "soils", "morogoro_sandy_clay_loam.json"))
        weather = agrosim.Weather.generate(
            os.path.join(REPO, "models", "sites", "morogoro.json"), years=1, seed=7,
            first_year=2001)
        opts = agrosim.field_options(latitude_deg=weather.info.latitude_deg)
        season = agrosim.Season(soil, cul, start=(2001, 60), options=opts,
                                days_after_maturity=0,
                                events=[agrosim.sow(2001, 74, density_pl_m2=5.3,
                                                    row_spacing_cm=75, depth_cm=5),
                                        agrosim.fertilise(2001, 100, kg_n_ha=40)])
        t0 = time.perf_counter()
        for _ in range(repeats):
            summary, daily = season.run(weather, numpy=False)
        t_runner = (time.perf_counter() - t0) / repeats
        t0 = time.perf_counter()
        for _ in range(repeats):
            for f in season.steps(weather):
                f.daily
        t_steps = (time.perf_counter() - t0) / repeats
    except agrosim.AgrosimError as e:
        print("season_steps.py: %s" % e.message, file=sys.stderr)
        return 1
    n = len(daily)
    print("season of %d days: yield %.0f kg/ha (runner) and %.0f kg/ha (stepped), anthesis "
          "%d DAP, maturity %d DAP" % (n, summary.hwam_kg_ha, f.summary.hwam_kg_ha,
                                       summary.anthesis_dap, summary.maturity_dap))
    if timing:
        print("library runner  %.3f ms/season" % (1e3 * t_runner))
        print("Python stepping %.3f ms/season (%.1f us/day including reading the daily state)"
              % (1e3 * t_steps, 1e6 * t_steps / n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
