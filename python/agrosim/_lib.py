"""Loading libagrosim with ctypes and declaring every C function the binding uses.

Search order for the shared library:
  1. the path in the environment variable ``AGROSIM_LIB``;
  2. the build tree: ``<repo>/build/lib/libagrosim.so`` (``<repo>`` = two folders above this file);
  3. the installed copy next to the installed package: the package is installed as
     ``<prefix>/share/agrosim/python/agrosim`` and the library as
     ``<prefix>/lib/libagrosim.so.0`` or ``<prefix>/lib/<multiarch>/libagrosim.so.0``;
  4. the system's library search path, through :func:`ctypes.util.find_library`.

Every function used is declared here with ``argtypes`` and ``restype`` (the libsvm habit): a
wrong argument type then fails in Python instead of corrupting memory. The binding and the
library are built from the same headers, so at import every declared function must be exported
(else :class:`LibraryMismatch`) and every mirrored struct must have the size the library
reports through ``agro_sizeof_<struct>()`` (else :class:`LayoutMismatch`; see
:mod:`agrosim._structs`).
"""
import ctypes
import ctypes.util
import os

from . import _structs as S

c_int = ctypes.c_int
c_int32 = ctypes.c_int32
c_double = ctypes.c_double
c_char_p = ctypes.c_char_p
c_size_t = ctypes.c_size_t
c_uint64 = ctypes.c_uint64
c_void_p = ctypes.c_void_p
P = ctypes.POINTER

#: opaque handles are passed as void pointers; a handle is never dereferenced in Python
HANDLE = c_void_p
HANDLE_OUT = P(c_void_p)

# name: (restype, [argtypes]) -- mirrors the public headers in include/agrosim/.
FUNCTIONS = {
    # core.h
    "agro_ctx_create": (c_int, [HANDLE_OUT]),
    "agro_ctx_free": (None, [HANDLE]),
    "agro_ctx_status": (c_int, [HANDLE]),
    "agro_ctx_message": (c_int, [HANDLE, c_char_p, c_size_t]),
    "agro_ctx_clear": (None, [HANDLE]),
    "agro_ctx_cancel": (None, [HANDLE]),
    "agro_ctx_cancelled": (c_int, [HANDLE]),
    "agro_ctx_cancel_reset": (None, [HANDLE]),
    "agro_strerror": (c_char_p, [c_int]),
    "agro_version": (c_char_p, []),
    "agro_version_numbers": (c_int, [P(c_int32), P(c_int32), P(c_int32)]),
    "agro_date_to_doy": (c_int, [c_int32, c_int32, c_int32, P(c_int32)]),
    "agro_doy_to_date": (c_int, [c_int32, c_int32, P(c_int32), P(c_int32)]),
    "agro_date_add": (c_int, [P(c_int32), P(c_int32), c_int32]),
    "agro_days_between": (c_int, [c_int32, c_int32, c_int32, c_int32, P(c_int32)]),
    "agro_days_in_year": (c_int, [c_int32]),
    # weather.h
    "agro_weather_load_wth": (c_int, [HANDLE, c_char_p, HANDLE_OUT]),
    "agro_weather_load_csv": (c_int, [HANDLE, c_char_p, HANDLE_OUT]),
    "agro_weather_load": (c_int, [HANDLE, c_char_p, HANDLE_OUT]),
    "agro_weather_free": (None, [HANDLE]),
    "agro_weather_get_info": (c_int, [HANDLE, P(S.WeatherInfo)]),
    "agro_weather_get_station": (c_int, [HANDLE, c_char_p, c_size_t]),
    "agro_weather_get_day": (c_int, [HANDLE, c_int32, P(S.WeatherDay)]),
    "agro_weather_find": (c_int, [HANDLE, c_int32, c_int32, P(c_int32)]),
    "agro_weather_day_source": (c_int, [HANDLE, c_int32, c_char_p, c_size_t]),
    "agro_weather_days": (P(S.WeatherDay), [HANDLE]),
    "agro_weather_write_csv": (c_int, [HANDLE, HANDLE, c_char_p]),
    "agro_weather_check": (c_int, [HANDLE, HANDLE, c_int32, c_int32]),
    "agro_site_load": (c_int, [HANDLE, c_char_p, P(S.Site), c_char_p, c_size_t]),
    "agro_weather_generate": (c_int, [HANDLE, P(S.Site), c_char_p, c_int32, c_int32,
                                      c_uint64, HANDLE_OUT]),
    "agro_daylength_h": (c_double, [c_double, c_int32]),
    "agro_extraterrestrial_radiation": (c_double, [c_double, c_int32]),
    "agro_photoperiod_h": (c_double, [c_double, c_int32]),
    # soil.h
    "agro_soil_load_dssat": (c_int, [HANDLE, c_char_p, c_char_p, P(S.SoilProfile)]),
    "agro_soil_load_json": (c_int, [HANDLE, c_char_p, P(S.SoilProfile)]),
    "agro_soil_load_dssat_dir": (c_int, [HANDLE, c_char_p, c_char_p, P(S.SoilProfile)]),
    "agro_soil_json_id": (c_int, [HANDLE, c_char_p, c_char_p, c_size_t]),
    "agro_soil_load": (c_int, [HANDLE, c_char_p, c_char_p, P(S.SoilProfile)]),
    "agro_soil_validate": (c_int, [HANDLE, P(S.SoilProfile), c_char_p]),
    "agro_soil_subdivide": (c_int, [HANDLE, P(S.SoilProfile), c_double]),
    "agro_soil_relayer_dssat": (c_int, [HANDLE, P(S.SoilProfile), c_int32]),
    "agro_soil_layer_thickness_cm": (c_double, [P(S.SoilProfile), c_int32]),
    "agro_soil_texture_class": (c_int32, [c_double, c_double]),
    # soil_water.h
    "agro_soil_water_params_from_profile": (c_int, [HANDLE, P(S.SoilProfile),
                                                    P(S.SoilWaterParams)]),
    "agro_soil_water_state_init": (c_int, [HANDLE, P(S.SoilWaterParams), P(c_double),
                                           P(S.SoilWaterState)]),
    "agro_soil_water_step": (c_int, [HANDLE, P(S.SoilWaterParams), P(S.SoilWaterState),
                                     P(S.SoilWaterDrivers), P(S.SoilWaterRates)]),
    "agro_soil_water_total_mm": (c_double, [P(S.SoilWaterParams), P(S.SoilWaterState)]),
    "agro_soil_water_balance_mm": (c_double, [P(S.SoilWaterParams), P(S.SoilWaterState)]),
    "agro_pet_priestley_taylor": (c_int, [HANDLE, P(S.WeatherDay), c_double, c_double,
                                          P(c_double)]),
    "agro_soil_surface_albedo": (c_double, [c_double, c_double, c_double, c_double]),
    "agro_mulch_cover": (c_double, [c_double, c_double]),
    "agro_soil_water_mulch_init": (c_int, [HANDLE, P(S.SoilWaterState), c_double, c_double]),
    # maize.h
    "agro_maize_cultivar_load_dssat": (c_int, [HANDLE, c_char_p, c_char_p, c_char_p,
                                               P(S.MaizeCultivar)]),
    "agro_maize_cultivar_load_json": (c_int, [HANDLE, c_char_p, P(S.MaizeCultivar), c_char_p,
                                              c_size_t]),
    "agro_maize_cultivar_validate": (c_int, [HANDLE, P(S.MaizeCultivar), c_char_p]),
    "agro_maize_ecotype_default": (c_int, [P(S.MaizeCultivar)]),
    "agro_maize_lifac": (c_double, [c_double, c_double]),
    "agro_maize_kernel_number": (c_int, [HANDLE, c_double, c_double, c_double, c_double,
                                         P(c_double), P(c_double)]),
    # weeds.h
    "agro_weed_params_default": (c_int, [P(S.WeedParams)]),
    "agro_weed_params_load_json": (c_int, [HANDLE, c_char_p, P(S.WeedParams)]),
    "agro_weed_params_validate": (c_int, [HANDLE, P(S.WeedParams)]),
    "agro_cousens_yield_loss": (c_int, [HANDLE, c_double, c_double, c_double, P(c_double)]),
    # soil_temp.h
    "agro_soil_temp_options_default": (c_int, [P(S.SoilTempOptions)]),
    "agro_soil_temp_create": (c_int, [HANDLE, P(S.SoilProfile), P(S.SoilTempOptions),
                                      HANDLE_OUT]),
    "agro_soil_temp_free": (None, [HANDLE]),
    "agro_soil_temp_step": (c_int, [HANDLE, HANDLE, P(S.SoilTempDrivers)]),
    "agro_soil_temp_layer_means": (c_int, [HANDLE, P(c_double), c_size_t]),
    "agro_soil_temp_surface": (c_int, [HANDLE, P(c_double), P(c_double), P(c_double)]),
    "agro_soil_temp_set_cover": (c_int, [HANDLE, HANDLE, c_int32, c_double]),
    "agro_soil_temp_set_bulk_density": (c_int, [HANDLE, HANDLE, P(c_double), P(c_double),
                                                c_size_t]),
    "agro_soil_temp_at": (c_int, [HANDLE, c_double, P(c_double), P(c_double), P(c_double)]),
    "agro_cover_from_name": (c_int, [c_char_p, P(c_int32)]),
    "agro_cover_name": (c_char_p, [c_int32]),
    # field.h
    "agro_field_options_default": (c_int, [P(S.FieldOptions)]),
    "agro_season_spec_init": (c_int, [P(S.SeasonSpec)]),
    "agro_field_create": (c_int, [HANDLE, P(S.SoilProfile), P(S.FieldOptions), HANDLE_OUT]),
    "agro_field_free": (None, [HANDLE]),
    "agro_field_sow_maize": (c_int, [HANDLE, HANDLE, P(S.Event), P(S.MaizeCultivar)]),
    "agro_field_apply": (c_int, [HANDLE, HANDLE, P(S.Event)]),
    "agro_event_check": (c_int, [HANDLE, P(S.Event)]),
    "agro_field_set_cultivar": (c_int, [HANDLE, HANDLE, P(S.MaizeCultivar)]),
    "agro_field_set_daylength_change": (c_int, [HANDLE, HANDLE, c_double, c_double]),
    "agro_field_set_damage": (c_int, [HANDLE, HANDLE, P(S.CropDamage)]),
    "agro_field_set_co2": (c_int, [HANDLE, HANDLE, c_double]),
    "agro_field_step": (c_int, [HANDLE, HANDLE, P(S.WeatherDay)]),
    "agro_field_step_series": (c_int, [HANDLE, HANDLE, HANDLE, c_int32]),
    "agro_field_get_daily": (c_int, [HANDLE, P(S.FieldDaily)]),
    "agro_field_get_summary": (c_int, [HANDLE, P(S.SeasonSummary)]),
    "agro_field_crop_mature": (c_int, [HANDLE]),
    "agro_field_tillage_counts": (c_int, [HANDLE, P(c_int32), P(c_int32), P(c_int32)]),
    "agro_field_seedbed": (c_int, [HANDLE, c_double, P(c_double), P(c_double)]),
    "agro_sowing_window_default": (c_int, [P(S.SowingWindow)]),
    "agro_season_spec_check": (c_int, [HANDLE, P(S.SeasonSpec)]),
    "agro_season_run": (c_int, [HANDLE, P(S.SeasonSpec), HANDLE, P(S.SeasonSummary),
                                P(S.FieldDaily), c_int32, P(c_int32)]),
    # scenario.h
    "agro_scenario_load": (c_int, [HANDLE, c_char_p, HANDLE_OUT]),
    "agro_scenario_load_text": (c_int, [HANDLE, c_char_p, c_char_p, c_char_p, HANDLE_OUT]),
    "agro_scenario_free": (None, [HANDLE]),
    "agro_scenario_get_info": (c_int, [HANDLE, P(S.ScenarioInfo)]),
    "agro_scenario_bags_per_kg_ha": (c_double, [P(S.ScenarioInfo)]),
    "agro_scenario_field_name": (c_int, [HANDLE, c_int32, c_char_p, c_size_t]),
    "agro_scenario_intervention_name": (c_int, [HANDLE, c_int32, c_char_p, c_size_t]),
    "agro_scenario_name": (c_int, [HANDLE, c_char_p, c_size_t]),
    "agro_scenario_text_length": (c_size_t, [HANDLE]),
    "agro_scenario_text": (c_int, [HANDLE, c_char_p, c_size_t]),
    "agro_scenario_run_info": (c_int, [HANDLE, c_int32, P(S.RunInfo)]),
    "agro_scenario_n_inputs": (c_int, [HANDLE, P(c_int32)]),
    "agro_scenario_input": (c_int, [HANDLE, c_int32, c_char_p, c_size_t, c_char_p, c_size_t]),
    "agro_scenario_find_input": (c_int, [HANDLE, c_char_p, P(c_int32)]),
    "agro_results_create": (c_int, [HANDLE, HANDLE, HANDLE_OUT]),
    "agro_results_free": (None, [HANDLE]),
    "agro_scenario_run_range": (c_int, [HANDLE, HANDLE, HANDLE, c_int32, c_int32]),
    "agro_scenario_run": (c_int, [HANDLE, HANDLE, HANDLE]),
    "agro_results_run_info": (c_int, [HANDLE, c_int32, P(S.RunInfo)]),
    "agro_results_get_summary": (c_int, [HANDLE, c_int32, P(S.SeasonSummary)]),
    "agro_results_get_daily": (c_int, [HANDLE, c_int32, P(S.FieldDaily), c_int32, P(c_int32)]),
    "agro_results_yield_stats": (c_int, [HANDLE, c_int32, c_int32, P(S.YieldStats)]),
    # output.h
    "agro_output_write_hdf5": (c_int, [HANDLE, HANDLE, HANDLE, c_char_p]),
    "agro_output_write_csv": (c_int, [HANDLE, HANDLE, HANDLE, c_char_p]),
    "agro_output_mkdirs": (c_int, [HANDLE, c_char_p]),
    "agro_output_check_name": (c_int, [HANDLE, c_char_p]),
    "agro_output_check": (c_int, [HANDLE, HANDLE, HANDLE, c_char_p, c_int32]),
    "agro_output_same_file": (c_int, [c_char_p, c_char_p, P(c_int32)]),
    "agro_daily_csv_create": (c_int, [HANDLE, c_char_p, c_int32, HANDLE_OUT]),
    "agro_daily_csv_append": (c_int, [HANDLE, HANDLE, c_char_p, c_int32, c_int32,
                                      P(S.FieldDaily), c_int32]),
    "agro_daily_csv_commit": (c_int, [HANDLE, HANDLE]),
    "agro_daily_csv_free": (None, [HANDLE]),
    "agro_output_daily_csv_flags": (c_int, [HANDLE, HANDLE, P(c_int32)]),
    "agro_output_append_daily_csv": (c_int, [HANDLE, HANDLE, HANDLE, HANDLE]),
    # dssat.h
    "agro_dssat_exp_load": (c_int, [HANDLE, c_char_p, HANDLE_OUT]),
    "agro_dssat_exp_free": (None, [HANDLE]),
    "agro_dssat_exp_n_treatments": (c_int, [HANDLE, P(c_int32)]),
    "agro_dssat_exp_treatment_number": (c_int, [HANDLE, c_int32, P(c_int32)]),
    "agro_dssat_exp_code": (c_int, [HANDLE, c_char_p, c_size_t, c_char_p, c_size_t]),
    "agro_dssat_treatment_get": (c_int, [HANDLE, HANDLE, c_int32, P(S.DssatTreatment)]),
    "agro_dssat_treatment_text": (c_int, [HANDLE, c_int32, c_int32, c_char_p, c_size_t]),
    "agro_dssat_ignored_describe": (c_int, [c_int32, c_char_p, c_size_t]),
    "agro_dssat_run_treatment": (c_int, [HANDLE, HANDLE, c_int32, c_char_p, P(S.DssatResult)]),
    "agro_dssat_run_treatment_daily": (c_int, [HANDLE, HANDLE, c_int32, c_char_p,
                                               P(S.DssatResult), P(S.FieldDaily), c_int32,
                                               P(c_int32)]),
    "agro_dssat_run_options_default": (c_int, [P(S.DssatRunOptions)]),
    "agro_dssat_inputs_create": (c_int, [HANDLE, HANDLE_OUT]),
    "agro_dssat_inputs_free": (None, [HANDLE]),
    "agro_dssat_inputs_add": (c_int, [HANDLE, HANDLE, HANDLE, c_int32, c_char_p]),
    "agro_dssat_inputs_add_file": (c_int, [HANDLE, HANDLE, c_char_p, c_int32]),
    "agro_dssat_inputs_n": (c_int, [HANDLE, P(c_int32)]),
    "agro_dssat_inputs_get": (c_int, [HANDLE, c_int32, c_char_p, c_size_t, P(c_int32)]),
    "agro_dssat_inputs_find": (c_int, [HANDLE, c_char_p, P(c_int32)]),
    "agro_dssat_input_kind_name": (c_char_p, [c_int32]),
    "agro_dssat_run_treatment_opts": (c_int, [HANDLE, HANDLE, c_int32, c_char_p,
                                              P(S.DssatRunOptions), P(S.DssatResult),
                                              P(S.FieldDaily), c_int32, P(c_int32)]),
    "agro_dssat_observed_load": (c_int, [HANDLE, c_char_p, HANDLE, P(S.DssatObserved), c_int32,
                                         P(c_int32)]),
    "agro_dssat_timeseries_load": (c_int, [HANDLE, c_char_p, HANDLE, P(S.DssatObservedDay),
                                           c_int32, P(c_int32)]),
    "agro_fit_stats_compute": (c_int, [HANDLE, P(c_double), P(c_double), c_size_t,
                                       P(S.FitStats)]),
    "agro_dssat_reference_stats": (c_int, [c_char_p, c_int32, P(S.FitStats)]),
    "agro_dssat_fertiliser_composition": (c_int, [c_int32, P(S.DssatFertiliserN)]),
    "agro_dssat_residue_type_known": (c_int, [c_int32]),
}


class LibraryNotFound(ImportError):
    """libagrosim.so could not be located or loaded."""


class LibraryMismatch(ImportError):
    """The loaded library does not export a function the binding declares (other version)."""


class LayoutMismatch(LibraryMismatch):
    """A ctypes Structure does not have the size the C library reports, or the library does
    not report it."""


#: the SONAME of the library (lib/CMakeLists.txt: SOVERSION = project major version)
SONAME = "libagrosim.so.0"


def _installed_candidates(here):
    """Where ``cmake --install`` puts the library relative to the installed package.

    The package goes to ``<prefix>/<datadir>/agrosim/python/agrosim`` (CMakeLists.txt), the
    library to ``<prefix>/<libdir>``; libdir is ``lib`` or, with GNUInstallDirs on Debian and
    a /usr prefix, ``lib/<multiarch triplet>``.
    """
    parts = os.path.normpath(here).split(os.sep)
    if parts[-4:-1] != ["share", "agrosim", "python"]:
        return []
    prefix = os.sep.join(parts[:-4]) or os.sep
    out = []
    for libdir in ("lib", "lib64"):
        d = os.path.join(prefix, libdir)
        out.append(os.path.join(d, SONAME))
        if os.path.isdir(d):
            for sub in sorted(os.listdir(d)):
                if sub.count("-") >= 2:  # a multiarch triplet such as x86_64-linux-gnu
                    out.append(os.path.join(d, sub, SONAME))
    return out


#: how LibraryNotFound names search step 4 when it finds nothing
SYSTEM_SEARCH = 'the system\'s library search path (ctypes.util.find_library("agrosim"))'


def _candidates():
    """(paths to try in order, whether AGROSIM_LIB gave them, whether the system search found
    nothing)."""
    env = os.environ.get("AGROSIM_LIB")
    if env:
        return [env], True, False
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    out = [os.path.join(repo, "build", "lib", "libagrosim.so")]
    out += _installed_candidates(here)
    found = ctypes.util.find_library("agrosim")
    if found:
        out.append(found)
    return out, False, not found


def _load():
    paths, from_env, system_missed = _candidates()
    errors = []
    for p in paths:
        if not from_env and os.sep in p and not os.path.exists(p):
            errors.append("%s: not found" % p)
            continue
        try:
            return ctypes.CDLL(p), p
        except OSError as e:
            errors.append("%s: %s" % (p, e))
            if from_env:
                break
    if system_missed:
        errors.append("%s: not found" % SYSTEM_SEARCH)
    raise LibraryNotFound(
        "cannot load libagrosim (set AGROSIM_LIB to the path of libagrosim.so, build the "
        "project into <repo>/build, or install it): " + "; ".join(errors))


class _Library:
    """The loaded library with declared functions; ``lib.fn("agro_x")`` returns a function."""

    def __init__(self):
        self.cdll, self.path = _load()
        self._fns = {}
        missing = []
        for name, (res, args) in FUNCTIONS.items():
            try:
                f = getattr(self.cdll, name)
            except AttributeError:
                missing.append(name)
                continue
            f.restype = res
            f.argtypes = args
            self._fns[name] = f
        if missing:
            raise LibraryMismatch(
                "%s does not export %s, which the agrosim Python binding declares (a library "
                "from another version: point AGROSIM_LIB at the one built from the same "
                "source)" % (self.path, ", ".join(sorted(missing))))
        self.layouts = self._check_layouts()

    def _check_layouts(self):
        """Compare every mirrored struct with agro_sizeof_<name>(); a mismatch or a missing
        agro_sizeof_<name> (layout unverifiable) is fatal."""
        checked = {}
        bad = []
        for cname, cls in S.STRUCTS.items():
            sym = "agro_sizeof_" + cname
            try:
                f = getattr(self.cdll, sym)
            except AttributeError:
                bad.append("%s: the library does not export %s" % (cname, sym))
                continue
            f.restype = c_size_t
            f.argtypes = []
            size_c = int(f())
            size_py = ctypes.sizeof(cls)
            checked[cname] = size_c
            if size_c != size_py:
                bad.append("%s: C %d bytes, Python %s %d bytes" % (cname, size_c, cls.__name__,
                                                                   size_py))
        if bad:
            raise LayoutMismatch(
                "agrosim Python binding does not match %s (struct sizes differ; rebuild the "
                "library or update python/agrosim/_structs.py): %s" % (self.path, "; ".join(bad)))
        return checked

    def fn(self, name):
        """The declared C function ``name`` (KeyError if the binding does not declare it)."""
        try:
            return self._fns[name]
        except KeyError:
            raise KeyError("%s is not declared in agrosim._lib.FUNCTIONS" % name) from None


lib = _Library()
