"""Inputs shared by the Morogoro hybrid examples (weeds_nitrogen.py, hail.py): hybrid H613, the
Morogoro sandy clay loam with 3 ppm NO3 + 1 ppm NH4 in every layer, and one generated year per
season from 2001 (seed = year). Import it after the agrosim binding is on sys.path."""
import os

import agrosim

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def inputs(n_years, **options):
    """(cultivar, soil, years, weathers, field options): ``options`` go to field_options on top
    of the site latitude and the initial mineral N."""
    cul = agrosim.MaizeCultivar.load_json(
        os.path.join(REPO, "models", "cultivars", "maize_h613_hybrid.json"))
    soil = agrosim.SoilProfile.load_json(
        os.path.join(REPO, "models", "soils", "morogoro_sandy_clay_loam.json"))
    site = os.path.join(REPO, "models", "sites", "morogoro.json")
    years = range(2001, 2001 + n_years)
    weathers = [agrosim.Weather.generate(site, years=1, seed=y, first_year=y) for y in years]
    opts = agrosim.field_options(latitude_deg=weathers[0].info.latitude_deg,
                                 no3_ppm=[3.0] * 20, nh4_ppm=[1.0] * 20, **options)
    return cul, soil, years, weathers, opts
