#!/usr/bin/python3
"""Turn an agrosim results file (HDF5, written by `agrosim run`) into PNG plots.

    python3 examples/plot_results.py RESULTS.h5 -o OUTDIR

Writes, when the data are in the file:
  yield_<field>.png         grain-yield distribution per intervention (violin + box + runs),
                            t/ha with a second axis in bags per reporting area
  season_<field>.png        crop LAI, crop and weed above-ground biomass against days after
                            planting: median and 10-90 % band per intervention
  soil_temperature_<field>.png  soil temperature by depth: each layer's median daily mean
                            through the season and a depth x day map (soil/TS, layered),
                            with the point series (TS<depth>D) for reference
  mushroom_<field>.png      mushroom flushes (fresh yield through the cycle)
where <field> is the field's name with "_" for what is not a letter or digit (of any
script), and the field's index after it when two fields' names would give one file name;
and prints the path of every PNG it wrote. Parts whose data are absent are skipped with a
note on stderr. Needs Debian's python3-matplotlib and python3-h5py (no display: Agg backend).

Layout read (include/agrosim/output.h, lib/output/): /summary compound table (one row per
run; FIELD_INDEX, INTERVENTION_INDEX, HWAM ...), /fields and /interventions name lists, root
attributes bag_kg and area_ha, and /daily/<field>/<component>/<variable> datasets shaped
(runs of the field, days[, layers]) with `units` and `long_name`, whose rows map to /summary
through /daily/<field>/run_index.
"""
import argparse
import os
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)
import numpy as np  # noqa: E402

try:
    import h5py
except ImportError:  # pragma: no cover - reported to the user
    sys.exit("plot_results.py needs h5py (Debian: apt-get install python3-h5py)")

# ICASA / DSSAT names of the daily variables we plot ("component/variable" of lib/output).
LAI_NAMES = ("maize/LAID", "crop/LAID", "LAID")
BIOMASS_NAMES = ("maize/CWAD", "crop/CWAD", "CWAD")
WEED_BIOMASS_NAMES = ("weeds/CWAD",)
DAP_NAMES = ("time/DAP", "DAP")
YIELD_COLUMNS = ("HWAM", "yield_kg_ha", "hwam_kg_ha")
FIELD_COLUMNS = ("FIELD_INDEX", "field")
INTERVENTION_COLUMNS = ("INTERVENTION_INDEX", "intervention")
LAYERED_SOIL_T_NAMES = ("soil/TS",)  # (runs, days, layers) layer means, lib/output/columns.c
SOIL_T_PATTERN = re.compile(r"^(?:TS(\d+)D|soil_temp_(\d+)cm_C|TSOIL_(\d+)CM)$", re.I)
MUSHROOM_PATTERN = re.compile(r"(flush|fresh|mushroom|FRYD|FWAD)", re.I)


def _text(v):
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    if isinstance(v, np.ndarray) and v.shape == ():
        return _text(v[()])
    return str(v)


def names(h5, key):
    """A list of names stored as a string dataset (or None)."""
    if key not in h5:
        return None
    return [_text(x) for x in h5[key][()]]


def column(table, *candidates):
    """First present column of a compound table."""
    for c in candidates:
        if c in table.dtype.names:
            return c
    return None


def label_of(values, labels, i):
    return labels[i] if labels is not None and 0 <= i < len(labels) else "%s %d" % (values, i)


def safe(name, fields=()):
    """The field's part of a PNG's name: its letters and digits, of any script (names are
    UTF-8, docs/scenario.md), with "_" for the rest; followed by the field's index in
    `fields` when another field's name gives the same text ("a b" and "a_b"), so that no
    field's plot replaces another's."""
    def text(n):
        return re.sub(r"[^\w.-]+", "_", n) or "field"
    s = text(name)
    if name in fields and any(f != name and text(f) == s for f in fields):
        s += "_%d" % list(fields).index(name)
    return s


def row_interventions(h5, fgroup, field_index):
    """Intervention index of every row of the daily datasets of one field.

    Rows map to /summary rows through /daily/<field>/run_index (lib/output/hdf5.c); without
    it, rows are the field's /summary rows in order."""
    if "summary" not in h5:
        return None
    t = h5["summary"][()]
    icol = column(t, *INTERVENTION_COLUMNS)
    if icol is None or t[icol].dtype.kind not in "iu":
        return None
    if "run_index" in fgroup:
        return t[icol][fgroup["run_index"][()].astype(int)].astype(int)
    fcol = column(t, *FIELD_COLUMNS)
    sel = t[fcol].astype(int) == field_index if fcol else np.ones(len(t), bool)
    return t[icol][sel].astype(int)


def plot_yield(h5, outdir, fields, interventions):
    if "summary" not in h5:
        print("plot_results: no /summary table: yield plot skipped", file=sys.stderr)
        return []
    t = h5["summary"][()]
    ycol = column(t, *YIELD_COLUMNS)
    fcol = column(t, *FIELD_COLUMNS)
    icol = column(t, *INTERVENTION_COLUMNS)
    if ycol is None or icol is None:
        print("plot_results: /summary has no yield/intervention column: skipped", file=sys.stderr)
        return []
    out = []
    fidx = t[fcol].astype(int) if fcol else np.zeros(len(t), int)
    for f in sorted(set(fidx.tolist())):
        sel = fidx == f
        iv = t[icol][sel].astype(int)
        y = t[ycol][sel].astype(float) / 1000.0  # kg/ha -> t/ha
        levels = sorted(set(iv.tolist()))
        data = [y[(iv == k) & np.isfinite(y)] for k in levels]
        labels = [label_of("intervention", interventions, k) for k in levels]
        keep = [j for j, d in enumerate(data) if len(d)]
        if not keep:
            continue
        data = [data[j] for j in keep]
        labels = [labels[j] for j in keep]
        horizontal = len(data) > 6  # many combinations: one row each, names readable
        if horizontal:
            fig, ax = plt.subplots(figsize=(8.5, 0.42 * len(data) + 1.6))
        else:
            fig, ax = plt.subplots(figsize=(max(5.0, 1.6 * len(data) + 2), 4.5))
        pos = np.arange(1, len(data) + 1)
        if horizontal:
            pos = pos[::-1]  # first intervention on top
        if all(len(d) > 1 and np.ptp(d) > 0 for d in data):
            vp = ax.violinplot(data, positions=pos, showextrema=False, widths=0.8,
                               vert=not horizontal)
            for body in vp["bodies"]:
                body.set_alpha(0.3)
        ax.boxplot(data, positions=pos, widths=0.25, showfliers=False, vert=not horizontal)
        rng = np.random.default_rng(0)  # jitter only, for readability
        for p, d in zip(pos, data):
            jit = p + rng.uniform(-0.08, 0.08, len(d))
            med = np.median(d)
            if horizontal:
                ax.plot(d, jit, ".", color="k", alpha=0.35, ms=3)
                ax.annotate("%.2f" % med, (med, p + 0.3), ha="center", fontsize=7)
            else:
                ax.plot(jit, d, ".", color="k", alpha=0.35, ms=4)
                ax.annotate("median %.2f" % med, (p + 0.15, med), va="center", fontsize=8)
        ylab = "grain yield (t/ha, dry)"
        if horizontal:
            ax.set_yticks(pos)
            ax.set_yticklabels(labels, fontsize=8)
            ax.set_xlabel(ylab)
            ax.set_xlim(left=0)
            ax.grid(axis="x", alpha=0.3)
        else:
            ax.set_xticks(pos)
            ax.set_xticklabels(labels)
            ax.set_ylabel(ylab)
            ax.set_ylim(bottom=0)
            ax.grid(axis="y", alpha=0.3)
        bag_kg, area_ha = h5.attrs.get("bag_kg"), h5.attrs.get("area_ha")
        moisture = float(h5.attrs.get("grain_moisture_pct", 0.0))
        if bag_kg and area_ha:
            # second axis in the programme's reporting unit (root attributes of the file); the
            # bags hold grain at grain_moisture_pct, the t/ha are dry matter
            k = 1000.0 * float(area_ha) / (float(bag_kg) * (1.0 - moisture / 100.0))
            unit = "acre" if abs(float(area_ha) - 1.0) > 1e-9 else "ha"
            fwd, inv = (lambda t: t * k), (lambda b: b / k)
            what = "bags of %g kg per %s" % (float(bag_kg), unit)
            if moisture > 0:
                what += " (grain at %g %% moisture)" % moisture
            if horizontal:
                sec = ax.secondary_xaxis("top", functions=(fwd, inv))
                sec.set_xlabel(what)
            else:
                sec = ax.secondary_yaxis("right", functions=(fwd, inv))
                sec.set_ylabel(what)
        field = label_of("field", fields, f)
        counts = sorted(set(len(d) for d in data))
        ax.set_title("%s: grain yield per intervention (n = %s runs each)" % (
            field, "/".join(map(str, counts))), fontsize=10)
        fig.tight_layout()
        path = os.path.join(outdir, "yield_%s.png" % safe(field, fields))
        fig.savefig(path, dpi=110)
        plt.close(fig)
        out.append(path)
    return out


def daily_datasets(group):
    """{"component/variable": dataset} of every (runs, days) dataset below /daily/<field>."""
    found = {}

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset) and obj.ndim == 2:
            found[name] = obj

    group.visititems(visit)
    return found


def find(ds, candidates):
    for c in candidates:
        if c in ds:
            return ds[c]
    return None


def by_dap(data, dap):
    """Re-index each row on days after planting (column k = DAP k); NaN where absent."""
    if dap is None:
        return data, np.arange(1, data.shape[1] + 1), "day of the season simulation"
    d = np.where(np.isfinite(dap), dap, -1).astype(int)
    top = int(d.max()) if d.size else -1
    if top < 0:
        return data, np.arange(1, data.shape[1] + 1), "day of the season simulation"
    out = np.full((data.shape[0], top + 1), np.nan)
    for r in range(data.shape[0]):
        ok = d[r] >= 0
        out[r, d[r][ok]] = data[r][ok]
    return out, np.arange(top + 1), "days after planting"


def band(ax, x, rows, color, label, shade=True):
    """Median line and 10-90 % band over runs (NaN after a run's last day is ignored)."""
    with np.errstate(all="ignore"):
        # only days that at least half of the runs reached: a tail made of the few longest
        # seasons would bias the median
        ok = np.sum(np.isfinite(rows), axis=0) >= max(1, 0.5 * rows.shape[0])
        if not ok.any():
            return
        r = rows[:, ok]
        med = np.nanmedian(r, axis=0)
        lo = np.nanpercentile(r, 10, axis=0)
        hi = np.nanpercentile(r, 90, axis=0)
    if shade:
        ax.fill_between(x[ok], lo, hi, color=color, alpha=0.2, lw=0)
    ax.plot(x[ok], med, color=color, label=label)


def attr(ds, key, default=""):
    return _text(ds.attrs[key]) if key in ds.attrs else default


def plot_season(h5, outdir, fields, interventions):
    out = []
    if "daily" not in h5:
        print("plot_results: no /daily group: season plots skipped", file=sys.stderr)
        return out
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for fname in h5["daily"]:
        fgroup = h5["daily"][fname]
        if not isinstance(fgroup, h5py.Group):
            continue
        ds = daily_datasets(fgroup)
        fi = fields.index(fname) if fname in fields else 0
        iv = row_interventions(h5, fgroup, fi)
        dap_ds = find(ds, DAP_NAMES)
        dap = dap_ds[()] if dap_ds is not None else None
        panels = []
        for cands, ylab, scale in ((LAI_NAMES, "crop leaf area index (m²/m²)", 1.0),
                                   (BIOMASS_NAMES, "crop above-ground biomass (t/ha)", 1e-3),
                                   (WEED_BIOMASS_NAMES, "weed above-ground biomass (t/ha)",
                                    1e-3)):
            d = find(ds, cands)
            if d is not None:
                data = d[()].astype(float) * scale
                if np.nanmax(np.abs(data), initial=0.0) > 0:
                    panels.append((d, ylab, data))
        if panels:
            fig, axes = plt.subplots(1, len(panels), figsize=(5.5 * len(panels), 4.3),
                                     squeeze=False)
            for ax, (d, ylab, data) in zip(axes[0], panels):
                data, x, xlab = by_dap(data, dap)
                groups = (sorted(set(iv.tolist()))
                          if iv is not None and len(iv) == data.shape[0] else [None])
                shade = len(groups) <= 4  # beyond that the bands hide each other
                palette = (colors if len(groups) <= len(colors) else
                           [plt.get_cmap("tab20")(j % 20) for j in range(len(groups))])
                for k, g in enumerate(groups):
                    rows = data if g is None else data[iv == g]
                    band(ax, x, rows, palette[k],
                         "all runs" if g is None else label_of("intervention", interventions, g),
                         shade)
                ax.set_xlabel(xlab)
                ax.set_ylabel(ylab)
                ax.set_title("%s: %s" % (d.name.split("/daily/")[-1], attr(d, "long_name")),
                             fontsize=9)
                ax.set_ylim(bottom=0)
                ax.grid(alpha=0.3)
                many = len(groups) > 6
                if not many:
                    ax.legend(fontsize=8, title_fontsize=8,
                              title="median, 10-90 % band" if shade else "median")
            fig.suptitle("%s: through the season" % fname)
            if many:  # one legend for all panels, beside them
                h, lab = axes[0, 0].get_legend_handles_labels()
                fig.legend(h, lab, loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8,
                           title="median", title_fontsize=8)
            fig.tight_layout()
            path = os.path.join(outdir, "season_%s.png" % safe(fname, fields))
            fig.savefig(path, dpi=110, bbox_inches="tight")
            plt.close(fig)
            out.append(path)
        else:
            print("plot_results: %s: no LAI/biomass series: skipped" % fname, file=sys.stderr)
        out += plot_soil_temperature(ds, outdir, fname, dap, fgroup, fields)
        out += plot_mushroom(ds, outdir, fname, iv, interventions, fields)
    return out


def soil_depth_cm(path, ds):
    name = path.split("/")[-1]
    m = SOIL_T_PATTERN.match(name)
    if m:
        return float(next(g for g in m.groups() if g))
    ln = attr(ds, "long_name").lower()
    if "soil temperature" in ln:
        m = re.search(r"(\d+(?:\.\d+)?)\s*cm", ln)
        if m:
            return float(m.group(1))
        m = re.search(r"(\d+(?:\.\d+)?)\s*m\b", ln)
        if m:
            return 100.0 * float(m.group(1))
    return None


def layered_soil_temperature(fgroup):
    """The (runs, days, layers) daily-mean soil temperature dataset of a field, or None."""
    for name in LAYERED_SOIL_T_NAMES:
        if name in fgroup and isinstance(fgroup[name], h5py.Dataset) and fgroup[name].ndim == 3:
            return fgroup[name]
    return None


def layer_bottoms_cm(fgroup, v, n):
    """Bottom depth of each of the @p n layers, cm, when the file gives them (a
    `layer_bottom_cm` attribute of the series or dataset of the field); else None."""
    for src in (v.attrs.get("layer_bottom_cm"),
                fgroup["soil/layer_bottom_cm"][()] if "soil/layer_bottom_cm" in fgroup else None,
                fgroup["layer_bottom_cm"][()] if "layer_bottom_cm" in fgroup else None):
        if src is not None:
            b = np.asarray(src, float).ravel()
            if b.size >= n and np.all(np.diff(b[:n]) > 0):
                return b[:n]
    return None


def median_days(rows):
    """Median over runs of each day that at least half of the runs reached (see band())."""
    with np.errstate(all="ignore"):
        ok = np.sum(np.isfinite(rows), axis=0) >= max(1, 0.5 * rows.shape[0])
        med = np.full(rows.shape[1], np.nan)
        if ok.any():
            med[ok] = np.nanmedian(rows[:, ok], axis=0)
    return med


def plot_soil_temperature(ds, outdir, fname, dap=None, fgroup=None, fields=()):
    series = sorted((d, name, v) for name, v in ds.items()
                    for d in [soil_depth_cm(name, v)] if d is not None)
    layered = layered_soil_temperature(fgroup) if fgroup is not None else None
    if not series and layered is None:
        print("plot_results: %s: no soil temperature series: skipped" % fname, file=sys.stderr)
        return []
    if layered is None:  # point depths only: median and band of each
        fig, ax = plt.subplots(figsize=(7, 4.3))
        cmap = plt.get_cmap("viridis")
        xlab = ""
        for k, (depth, name, v) in enumerate(series):
            data, x, xlab = by_dap(v[()].astype(float), dap)
            band(ax, x, data, cmap(k / max(1, len(series) - 1)) if len(series) > 1 else "C3",
                 "%g cm" % depth)
        ax.set_xlabel(xlab)
        ax.set_ylabel("soil temperature (°C)")
        ax.set_title("%s: soil temperature by depth (median, 10-90 %% over runs)" % fname,
                     fontsize=10)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    else:
        # layer means (runs, days, layers): left, each layer's median daily mean through the
        # season; right, the same medians as a depth x day map
        t = layered[()].astype(float)
        nl = t.shape[2]
        keep = [l for l in range(nl) if np.isfinite(t[:, :, l]).any()]
        bottoms = layer_bottoms_cm(fgroup, layered, nl)
        if bottoms is not None:
            tops = np.concatenate(([0.0], bottoms[:-1]))
            labels = ["%g-%g cm" % (tops[l], bottoms[l]) for l in range(nl)]
        else:
            labels = ["layer %d%s" % (l + 1, " (top)" if l == 0 else "") for l in range(nl)]
        med, x, xlab = [], None, ""
        for l in keep:
            data, x, xlab = by_dap(t[:, :, l], dap)
            med.append(median_days(data))
        med = np.array(med)
        fig, (ax, axm) = plt.subplots(1, 2, figsize=(12, 4.6),
                                      gridspec_kw={"width_ratios": [1.1, 1.0]})
        cmap = plt.get_cmap("viridis")
        for k, l in enumerate(keep):
            ax.plot(x, med[k], color=cmap(k / max(1, len(keep) - 1)), lw=1.3, label=labels[l])
        for depth, name, v in series:  # point series (5 cm, seed depth) for reference
            data, xs, _ = by_dap(v[()].astype(float), dap)
            ax.plot(xs, median_days(data), color="k", lw=0.8, ls="--",
                    label="%g cm (point)" % depth)
        ax.set_xlabel(xlab)
        ax.set_ylabel("daily mean soil temperature (°C)")
        ax.set_title("median over %d runs, by layer" % t.shape[0], fontsize=9)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, ncol=2 if len(keep) > 6 else 1)
        cols = np.isfinite(med).any(axis=0)
        xe = x[cols] if cols.any() else x
        if bottoms is not None:
            edges = np.concatenate(([0.0], bottoms))[[*keep, keep[-1] + 1]]
            ylab = "depth (cm)"
        else:
            edges = np.arange(len(keep) + 1) + 0.5
            ylab = "soil layer (1 = top)"
        xedges = np.concatenate((xe - 0.5, [xe[-1] + 0.5])) if xe.size else np.array([0, 1])
        m = axm.pcolormesh(xedges, edges, med[:, cols] if cols.any() else med,
                           cmap="inferno", shading="flat")
        axm.invert_yaxis()  # depth increases downwards
        axm.set_xlabel(xlab)
        axm.set_ylabel(ylab)
        axm.set_title("median daily mean by depth and day", fontsize=9)
        fig.colorbar(m, ax=axm, label="°C")
        fig.suptitle("%s: soil temperature by depth (%s, %s)" % (
            fname, layered.name.split("/daily/")[-1], attr(layered, "long_name")), fontsize=10)
    fig.tight_layout()
    path = os.path.join(outdir, "soil_temperature_%s.png" % safe(fname, fields))
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return [path]


def plot_mushroom(ds, outdir, fname, iv, interventions, fields=()):
    series = [(name, v) for name, v in sorted(ds.items())
              if MUSHROOM_PATTERN.search(name) or MUSHROOM_PATTERN.search(attr(v, "long_name"))]
    iv = iv if iv is not None else np.zeros(0, int)
    if not series:
        return []
    fig, axes = plt.subplots(len(series), 1, figsize=(7, 3.2 * len(series)), squeeze=False)
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for ax, (name, v) in zip(axes[:, 0], series):
        data = v[()].astype(float)
        x = np.arange(1, data.shape[1] + 1)
        groups = sorted(set(iv.tolist())) if len(iv) == data.shape[0] else [None]
        for k, g in enumerate(groups):
            rows = data if g is None else data[iv == g]
            band(ax, x, rows, colors[k % len(colors)],
                 "all runs" if g is None else label_of("intervention", interventions, g))
        ax.set_ylabel("%s (%s)" % (name, attr(v, "units", "?")))
        ax.set_title(attr(v, "long_name", name), fontsize=10)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    axes[-1, 0].set_xlabel("day of the cycle")
    fig.suptitle("%s: mushroom flushes" % fname)
    fig.tight_layout()
    path = os.path.join(outdir, "mushroom_%s.png" % safe(fname, fields))
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return [path]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("results", help="results file written by `agrosim run` (HDF5)")
    ap.add_argument("-o", "--outdir", default=".", help="folder for the PNG files")
    a = ap.parse_args(argv)
    try:
        h5 = h5py.File(a.results, "r")
    except OSError as e:
        print("plot_results: %s: cannot open as HDF5 (%s)" % (a.results, e), file=sys.stderr)
        return 1
    os.makedirs(a.outdir, exist_ok=True)
    with h5:
        fields = names(h5, "fields") or []
        interventions = names(h5, "interventions")
        paths = plot_yield(h5, a.outdir, fields, interventions)
        paths += plot_season(h5, a.outdir, fields, interventions)
    for p in paths:
        print(p)
    if not paths:
        print("plot_results: %s: nothing to plot" % a.results, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
