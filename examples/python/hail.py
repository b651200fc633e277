#!/usr/bin/python3
"""Hail on maize: the yield lost when a storm strips 20, 50 or 100 % of the leaf at silking,
blister or soft dough, beside the hail-adjustment chart of the crop-insurance trade (Vorst 1990,
"Assessing hail damage to corn", National Corn Handbook NCH-1). It reproduces the comparison
of docs/model.md section 6.9 on generated Morogoro seasons.

    PYTHONPATH=python /usr/bin/python3 examples/python/hail.py [--years N]

Set-up: hybrid H613 at 5.3 plants/m2 in 75 cm rows sown on day 75, initial mineral N 3 ppm
NO3 + 1 ppm NH4 and 50 kg N/ha at sowing, no weeds, one generated year per season (2001-2010,
seed = year). The storm is a damage event (Field.set_damage(leaf_pct=...)) on the day after
the crop reaches the stage:
- silking (CERES stage 4 begins);
- blister (R2) and soft dough (R4): 12 and 26 days after silking, the middle of the R2
  (10-14 d) and R4 (24-28 d) windows of Ritchie et al. (1993, "How a corn plant develops").
The chart's vegetative rows count leaves of Corn Belt hybrids with 19-21 leaves; the
simulated H613 makes about 13 here, so those rows are not compared.
Output: one line per stage, the mean yield loss over the seasons in % of the undamaged yield,
with the chart's loss for the same defoliation in brackets.
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
LEVELS = (20, 50, 100)
# Vorst (1990) chart, % yield loss at 20, 50 and 100 % defoliation (rows "silked", "blister",
# "soft dough"); days after silking of each stage
STAGES = [("silking", 0, (7, 29, 97)), ("blister", 12, (5, 22, 73)),
          ("soft dough", 26, (2, 12, 41))]


def season(soil, cul, weather, year, opts, after_silking=None, pct=0.0):
    """Yield (kg/ha) of one season with a storm stripping ``pct`` % of the leaf the day after
    ``after_silking`` days past silking (None: no storm)."""
    f = agrosim.Field(soil, opts)
    i = weather.find(year, 60)
    silk_day, hit, step = None, False, 0
    while True:
        day = weather[i + step]
        if (day.year, day.doy) == (year, SOW_DOY):
            f.sow_maize(cul, agrosim.sow(year, SOW_DOY, density_pl_m2=5.3, row_spacing_cm=75,
                                         depth_cm=5))
            f.apply(agrosim.fertilise(year, SOW_DOY, kg_n_ha=50, depth_cm=5))
        f.step(day)
        d = f.daily
        if silk_day is None and d.stage == 4:
            silk_day = step
        if after_silking is not None and not hit and silk_day is not None \
                and step - silk_day == after_silking:
            f.set_damage(leaf_pct=pct)
            hit = True
        if f.mature:
            return f.summary.hwam_kg_ha
        step += 1


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--years", type=int, default=10, help="seasons from 2001 (default 10)")
    a = ap.parse_args(argv)
    if a.years < 1:
        ap.error("--years must be >= 1 (got %d)" % a.years)
    try:
        cul, soil, years, weathers, opts = morogoro_hybrid.inputs(a.years)
        base = [season(soil, cul, w, y, opts) for y, w in zip(years, weathers)]
        print("undamaged: %.0f kg/ha (mean of %d seasons)" % (sum(base) / len(base), len(base)))
        for stage, days, chart in STAGES:
            cells = []
            for pct, ref in zip(LEVELS, chart):
                loss = [100.0 * (1.0 - season(soil, cul, w, y, opts, days, pct) / b)
                        for y, w, b in zip(years, weathers, base)]
                cells.append("%d %% leaf: %.1f %% (chart %d %%)" % (pct, sum(loss) / len(loss), ref))
            print("%-10s %s" % (stage + ":", "; ".join(cells)))
    except agrosim.AgrosimError as e:
        print("hail.py: %s" % e.message, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
