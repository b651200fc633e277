"""agrosim: Python binding (ctypes) of the agrosim crop-intervention simulation library.

The shared library is found through ``AGROSIM_LIB``, then ``<repo>/build/lib/libagrosim.so``,
then the library installed beside the installed package (``<prefix>/lib[/<multiarch>]``), then
``ctypes.util.find_library``. See docs/python.md.
"""
from ._lib import LayoutMismatch, LibraryMismatch, LibraryNotFound, lib
from ._arrays import HAVE_NUMPY
from ._core import (AgrosimError, Context, STATUS_NAMES, context, date_add, date_to_doy,
                    doy_to_date, iso_date, strerror, version, version_numbers)
from ._structs import (CropDamage, Event, FieldDaily, FieldOptions, RunInfo, ScenarioInfo, SeasonSpec,
                       SeasonSummary, SoilProfileStruct, SowingWindow, WeatherDay, WeatherInfo,
                       YieldStats)
from .weather import Site, Weather, daylength_h, extraterrestrial_radiation, photoperiod_h
from .soil import SoilProfile
from .params import MaizeCultivar, WeedParams, cousens_yield_loss, maize_lifac
from .field import (Field, Season, after_sowing, damage, field_options, fertilise, harvest, irrigate,
                    residue, root_residue, sow, till, weed, weeds_emerge)
from .scenario import Results, Scenario, read_hdf5
from . import soil_temp
from .dssat import DssatExperiment, fit_stats, reference_stats
from .soil_temp import SoilTemperature

__all__ = [
    "AgrosimError", "Context", "CropDamage", "DssatExperiment", "Event", "Field", "FieldDaily", "FieldOptions", "HAVE_NUMPY",
    "LayoutMismatch", "LibraryMismatch", "LibraryNotFound", "MaizeCultivar", "Results",
    "RunInfo", "STATUS_NAMES", "Scenario", "ScenarioInfo", "Season", "SeasonSpec",
    "SeasonSummary", "Site", "SoilProfile", "SoilProfileStruct", "SoilTemperature", "SowingWindow",
    "soil_temp",
    "Weather", "WeatherDay", "WeatherInfo", "WeedParams", "YieldStats",
    "after_sowing", "context", "cousens_yield_loss", "damage", "date_add", "fit_stats", "reference_stats", "date_to_doy", "daylength_h", "doy_to_date",
    "extraterrestrial_radiation", "fertilise", "field_options", "harvest", "irrigate",
    "iso_date", "lib", "maize_lifac", "photoperiod_h", "read_hdf5", "residue", "root_residue", "sow", "till",
    "strerror", "version", "version_numbers", "weed", "weeds_emerge",
]
__version__ = version()
