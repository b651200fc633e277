#!/usr/bin/python3
"""Simulated against observed through the season for a DSSAT experiment, the view DSSAT's
GBuild gives of PlantGro.OUT and the T file.

    build/cli/agrosim run-dssat EXP.MZX --data DIR --daily DAILY.csv
    PYTHONPATH=python /usr/bin/python3 examples/plot_dssat.py DAILY.csv --x EXP.MZX -o OUTDIR

Reads the daily CSV of `agrosim run-dssat --daily` (columns RUN, TRNO, SEASON, YEAR, DOY,
DAP, LAID, CWAD, GWAD, CNAD, ...) and the experiment's time-series file (EXP.MZT beside the
X file, or --obs FILE; without either, the simulated series alone are drawn) through the
agrosim library's own reader. Writes
OUTDIR/<EXP>_inseason.png, one panel per variable (LAID, CWAD, GWAD, CNAD; tops N) with a
simulated line and observed points per treatment, and prints, per treatment and variable
and pooled, the pairs on observed dates: n, RMSE, nRMSE, bias (simulated - observed) and
Willmott's d (agrosim.fit_stats, the statistics of `agrosim validate`). Only the season
given by --season (default 0, the experiment's own year) is compared: the observations
belong to it. Pairs are those of `agrosim validate --timeseries`: every observed date after
planting that the run reached. Needs Debian's python3-matplotlib (no display: Agg backend).
"""
import argparse
import csv
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "python"))  # this tree's binding

import agrosim  # noqa: E402

# (daily CSV column, agro_dssat_observed_day member, axis label)
VARIABLES = [
    ("LAID", "lai", "LAI (m2/m2)"),
    ("CWAD", "tops_kg_ha", "tops dry weight CWAD (kg/ha)"),
    ("GWAD", "grain_kg_ha", "grain dry weight GWAD (kg/ha)"),
    ("CNAD", "tops_n_kg_ha", "tops N CNAD (kg N/ha)"),
]


def read_daily(path, season):
    """{(run, treatment): {yeardoy: row}} of the daily CSV rows of @season, plus DAP."""
    runs = {}
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        missing = {"RUN", "TRNO", "SEASON", "YEAR", "DOY", "DAP"} - set(reader.fieldnames or [])
        if missing:
            sys.exit("%s: not a daily CSV of agrosim run-dssat --daily (missing %s)"
                     % (path, ", ".join(sorted(missing))))
        for line, row in enumerate(reader, start=2):
            try:
                if int(row["SEASON"]) != season:
                    continue
                key = (row["RUN"], int(row["TRNO"]))
                date = int(row["YEAR"]) * 1000 + int(row["DOY"])
            except ValueError as e:
                sys.exit("%s:%d: %s" % (path, line, e))
            runs.setdefault(key, {})[date] = row
    return runs


def value(row, name):
    v = row.get(name, "")
    return float(v) if v not in ("", None) else math.nan


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("daily", help="daily CSV written by agrosim run-dssat --daily")
    ap.add_argument("--x", required=True, help="the experiment's X file (EXP.MZX)")
    ap.add_argument("--obs", help="time-series file (default: the X file's name with T)")
    ap.add_argument("--season", type=int, default=0, help="season of a multi-year run (0)")
    ap.add_argument("-o", "--outdir", default=".", help="folder for the PNG (created)")
    args = ap.parse_args(argv)

    try:
        exp = agrosim.DssatExperiment(args.x)
        obs_path = args.obs or args.x[:-1] + "T"
        if args.obs or os.path.exists(obs_path):
            observed = exp.timeseries(obs_path)
        else:  # experiments without in-season observations: the simulated lines alone
            print("plot_dssat.py: note: no %s, simulated series only" % obs_path,
                  file=sys.stderr)
            observed = []
    except agrosim.AgrosimError as e:
        sys.exit("plot_dssat.py: %s" % e)
    code = exp.code
    daily = read_daily(args.daily, args.season)
    treatments = sorted(t for (run, t) in daily if run == code)
    if not treatments:
        sys.exit("%s: no rows of experiment %s, season %d" % (args.daily, code, args.season))

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(11, 8), sharex=True)
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    print("%-8s %4s %-5s %4s %10s %7s %10s %6s" % ("EXP", "TRT", "VAR", "n", "RMSE", "nRMSE",
                                                   "bias", "d"))
    for (name, member, label), ax in zip(VARIABLES, axes.flat):
        pooled_obs, pooled_sim = [], []
        for k, t in enumerate(treatments):
            rows = daily[(code, t)]
            dates = sorted(d for d in rows if int(rows[d]["DAP"]) >= 0)
            colour = colours[k % len(colours)]
            ax.plot([int(rows[d]["DAP"]) for d in dates], [value(rows[d], name) for d in dates],
                    color=colour, lw=1.2, label="trt %d" % t)
            o_dap, o_val, s_val = [], [], []
            for o in observed:
                v = getattr(o, member)
                if o.treatment != t or not math.isfinite(v) or o.date not in rows:
                    continue
                row = rows[o.date]
                if int(row["DAP"]) < 1:  # after planting, as agrosim validate
                    continue
                o_dap.append(int(row["DAP"]))
                o_val.append(v)
                s_val.append(value(row, name))
            if o_val:
                ax.plot(o_dap, o_val, "o", color=colour, ms=4, mfc="none")
                st = agrosim.fit_stats(o_val, s_val)
                print("%-8s %4d %-5s %4d %10.3g %6.1f%% %+10.3g %6.3f"
                      % (code, t, name, st.n, st.rmse, 100 * st.nrmse, st.bias, st.willmott_d))
                pooled_obs += o_val
                pooled_sim += s_val
        if pooled_obs:
            st = agrosim.fit_stats(pooled_obs, pooled_sim)
            print("%-8s %4s %-5s %4d %10.3g %6.1f%% %+10.3g %6.3f"
                  % (code, "all", name, st.n, st.rmse, 100 * st.nrmse, st.bias, st.willmott_d))
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
    for ax in axes[-1]:
        ax.set_xlabel("days after planting")
    axes.flat[0].legend(fontsize=8, ncol=2)
    fig.suptitle("%s: simulated (lines) and observed (circles)" % code)
    fig.tight_layout()
    os.makedirs(args.outdir, exist_ok=True)
    out = os.path.join(args.outdir, "%s_inseason.png" % code)
    fig.savefig(out, dpi=110)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
