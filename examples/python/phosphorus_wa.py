#!/usr/bin/python3
"""Phosphorus on a West African sandy soil: the yield of maize at three N rates without P,
with 26 kg P/ha banded at sowing, and with the same P broadcast, on the Wa (Ghana) soil that
DSSAT's N x P experiment GHWA0401 grew in 2004 (docs/model.md sections 5.11 and 6.10).

    PYTHONPATH=python /usr/bin/python3 examples/python/phosphorus_wa.py

Inputs, all from the shared DSSAT folder, read by path from $AGROSIM_VALIDATION_DIR/dssat
(default ../shared/validation/dssat beside the repository): soil GH.SOL GHWA020001 (Bamahu
series, loamy sand, Bray No. 1 P 0.9-3.7 mg/kg), the Wa 2004 weather (GHWA0401.WTH), the
Obatanpa cultivar GH0010 (MZCER048.CUL). Sowing 20 June at 5.3 plants/m2 in 75 cm rows;
initial mineral N 3 mg/kg NO3 + 1 mg/kg NH4 in every layer; N as urea in two halves at 20 and
30 days after sowing; P as triple superphosphate (26 kg P/ha) 2 days before sowing at 10 cm,
either in a band 5 cm wide per row or spread through the layer. No weeds. One season.
Output: grain yield (kg/ha), mean P stress on photosynthesis from emergence to maturity
(PSTAV, 1 = none) and crop P uptake (kg P/ha), per N rate and P treatment.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "python"))  # the binding of this source tree

import agrosim  # noqa: E402
from agrosim import testing  # noqa: E402

DSSAT = os.path.join(testing.validation_dir(), "dssat")
SOW = 172  # 20 June 2004
ROW_CM = 75.0


def season(soil, cul, weather, n_kg, p_kg, band):
    opts = agrosim.field_options(latitude_deg=weather.info.latitude_deg,
                                 tav_C=weather.info.tav_C, amp_C=weather.info.amp_C,
                                 phosphorus_limited=1, weeds_limited=0,
                                 no3_ppm=[3.0] * soil.struct.n_layers,
                                 nh4_ppm=[1.0] * soil.struct.n_layers)
    events = [agrosim.sow(2004, SOW, density_pl_m2=5.3, row_spacing_cm=ROW_CM, depth_cm=4)]
    if p_kg > 0:
        events.append(agrosim.fertilise(2004, SOW - 2, kg_n_ha=0, depth_cm=10, kg_p_ha=p_kg,
                                        p_band_fraction=5.0 / ROW_CM if band else 0.0))
    if n_kg > 0:
        for das in (20, 30):
            events.append(agrosim.fertilise(2004, SOW + das, kg_n_ha=n_kg / 2, depth_cm=5,
                                            nh4_fraction=0.0, urea_fraction=1.0))
    s = agrosim.Season(soil, cul, start=(2004, SOW - 20), events=events, options=opts)
    summary, _ = s.run(weather, numpy=False)
    return summary


def main(argv=None):
    # no options: an argument (a misspelt one, --help) is refused or answered, not ignored
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args(argv)
    soil = agrosim.SoilProfile.load_dssat(os.path.join(DSSAT, "Soil", "GH.SOL"), "GHWA020001")
    cul = agrosim.MaizeCultivar.load_dssat(os.path.join(DSSAT, "Genotype", "MZCER048.CUL"),
                                           os.path.join(DSSAT, "Genotype", "MZCER048.ECO"),
                                           "GH0010")
    weather = agrosim.Weather.load(os.path.join(DSSAT, "Weather", "GHWA0401.WTH"))
    print("%-8s %-22s %8s %6s %8s" % ("N kg/ha", "P", "yield", "PSTAV", "P uptake"))
    for n_kg in (0, 60, 120):
        for label, p_kg, band in (("none", 0.0, False), ("26 kg P/ha, banded", 26.0, True),
                                  ("26 kg P/ha, broadcast", 26.0, False)):
            s = season(soil, cul, weather, n_kg, p_kg, band)
            print("%-8d %-22s %8.0f %6.2f %8.1f" % (n_kg, label, s.hwam_kg_ha, s.pstress_mean,
                                                    s.pupc_kg_ha))


if __name__ == "__main__":
    try:
        main()
    except agrosim.AgrosimError as e:  # one line naming the file, as the other examples do
        print("phosphorus_wa.py: %s" % e.message, file=sys.stderr)
        sys.exit(1)
