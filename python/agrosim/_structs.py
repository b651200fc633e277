"""ctypes mirrors of the public C structs, field for field, in declaration order.

Each class names its C struct in ``_cname_``; :data:`STRUCTS` maps the name used by the
library's ``agro_sizeof_<name>()`` to the class, so a layout change in a header is caught at
import instead of silently shifting fields.
"""
import ctypes
import operator

D = ctypes.c_double
I = ctypes.c_int32

#: AGRO_SOIL_MAX_LAYERS in soil.h
SOIL_MAX_LAYERS = 40

#: the integer ctypes types of the public structs, with their C name and range
_INT_TYPES = {ctypes.c_int32: ("int32_t", -2**31, 2**31 - 1)}


def _is_bool(value):
    """True for True/False and numpy's scalar bool (numpy.bool_ before NumPy 2, numpy.bool
    from it), known without importing numpy. bool is an int to Python (operator.index(True) is
    1) and numpy's to float(), so a check for a number lets both through unless it asks."""
    if isinstance(value, bool):
        return True
    t = type(value)
    return t.__module__ == "numpy" and t.__name__ in ("bool_", "bool")


def _checked_int(value, where, typ, flag=False):
    """``value`` for the integer field ``where`` of C type ``typ``: ctypes would wrap an int
    that does not fit (2**32 + 1 becomes 1); an int outside the type's range
    raises OverflowError, anything that is not an integer (a float, a str, None) TypeError,
    both naming ``where``. numpy integers are integers. A bool is a TypeError too (a count or a
    date set to True is a mistake, stored as 1), unless the field is a yes/no ``flag``, where
    it stores 1 or 0."""
    cname, lo, hi = _INT_TYPES[typ]
    if _is_bool(value):
        if flag:
            return int(bool(value))
        raise TypeError("%s: expected an integer (%s), not bool" % (where, cname))
    if isinstance(value, (str, bytes, float)) or value is None:
        raise TypeError("%s: expected an integer (%s), not %s %r"
                        % (where, cname, type(value).__name__, value))
    try:
        v = operator.index(value)
    except TypeError:
        raise TypeError("%s: expected an integer (%s), not %s"
                        % (where, cname, type(value).__name__)) from None
    if not lo <= v <= hi:
        raise OverflowError("%s: %d outside the %s range %d..%d" % (where, v, cname, lo, hi))
    return v


def _checked_float(value, where):
    """``value`` for the double field ``where``: a real number (NaN and infinities included,
    the library checks ranges); a str, None, a bool (numpy's too; float() takes it as 1.0 or
    0.0) or other object is a TypeError naming ``where``."""
    if isinstance(value, (str, bytes)) or value is None or _is_bool(value):
        raise TypeError("%s: expected a number, not %s" % (where, type(value).__name__))
    try:
        return float(value)
    except (TypeError, ValueError):
        raise TypeError("%s: expected a number, not %s" % (where, type(value).__name__)) from None
    except OverflowError:  # an int beyond a double ("int too large to convert to float")
        raise OverflowError("%s: %s too large for a double" % (where, type(value).__name__)) \
            from None


def _slice_items(arr, index, value):
    """(element index, value) pairs of a slice assignment to the checked array ``arr``; as
    many values as the slice has elements, else a ValueError naming the field."""
    idx = range(*index.indices(len(arr)))
    values = list(value)
    if len(values) != len(idx):
        raise ValueError("%s[%s]: %d values for %d elements"
                         % (type(arr)._where_, index, len(values), len(idx)))
    return zip(idx, values)


def _int_array_setitem(self, index, value):
    typ = type(self)
    if isinstance(index, slice):
        value = [_checked_int(v, "%s[%d]" % (typ._where_, i), typ._type_, typ._flag_)
                 for i, v in _slice_items(self, index, value)]
    else:
        value = _checked_int(value, "%s[%s]" % (typ._where_, index), typ._type_, typ._flag_)
    super(typ, self).__setitem__(index, value)


def _number_array(typ):
    """True for an array type of doubles or integers (or of such arrays), the arrays
    _filled() builds; arrays of structs are left to ctypes."""
    inner = typ._type_
    if isinstance(inner, type) and issubclass(inner, ctypes.Array):
        return _number_array(inner)
    return inner is D or inner in _INT_TYPES


def _filled(typ, value, where):
    """A new ``typ`` array holding ``value`` (a sequence, or a ctypes array of another type):
    each element through the checks of its type, naming ``where[i]``. As ctypes takes a tuple
    for an array, fewer values than elements set the first ones and leave the rest 0; more is
    a ValueError. Built whole before it is stored, so a refused value changes nothing."""
    if isinstance(value, (str, bytes)):
        raise TypeError("%s: expected a sequence of numbers, not %s"
                        % (where, type(value).__name__))
    try:
        values = list(value)
    except TypeError:
        raise TypeError("%s: expected a sequence of numbers, not %s"
                        % (where, type(value).__name__)) from None
    n = typ._length_
    if len(values) > n:
        raise ValueError("%s: %d values for %d elements" % (where, len(values), n))
    new = typ()
    inner = typ._type_
    for i, v in enumerate(values):
        w = "%s[%d]" % (where, i)
        if isinstance(inner, type) and issubclass(inner, ctypes.Array):
            if type(v) is not inner:
                v = _filled(inner, v, w)
        elif inner is D:
            v = _checked_float(v, w)
        else:
            v = _checked_int(v, w, inner, getattr(typ, "_flag_", False))
        ctypes.Array.__setitem__(new, i, v)  # checked above
    return new


def _double_array_setitem(self, index, value):
    # a float goes straight in (the daily drivers set layers one by one); the rest through
    # _checked_float, whose TypeError names the field and the element, where ctypes' says
    # only "must be real number, not str"
    if type(value) is not float:
        typ = type(self)
        if isinstance(index, slice):
            value = [_checked_float(v, "%s[%d]" % (typ._where_, i))
                     for i, v in _slice_items(self, index, value)]
        else:
            value = _checked_float(value, "%s[%s]" % (typ._where_, index))
    ctypes.Array.__setitem__(self, index, value)


def _matrix_setitem(self, index, value):
    """A row of a two-dimensional number array: a sequence through the element checks (their
    OverflowError or TypeError, naming the row), not ctypes' RuntimeError around them."""
    typ = type(self)
    inner = typ._type_
    if isinstance(index, slice):
        value = [v if type(v) is inner else _filled(inner, v, "%s[%d]" % (typ._where_, i))
                 for i, v in _slice_items(self, index, value)]
    elif type(value) is not inner:
        value = _filled(inner, value, "%s[%s]" % (typ._where_, index))
    super(typ, self).__setitem__(index, value)


def _ints(n, m=None, flag=False):
    """A checked array type of ``n`` int32_t (or ``m`` rows of ``n``): an element set out of
    range or not an integer raises instead of wrapping, a bool too unless the elements are
    yes/no ``flag``s. Each call makes a new type, which _name_arrays() names after the one
    struct field that holds it."""
    inner = type("Int32Array", (I * n,), {"__setitem__": _int_array_setitem, "_where_": "array",
                                          "_flag_": flag})
    if m is None:
        return inner
    return type("Int32Matrix", (inner * m,), {"__setitem__": _matrix_setitem, "_where_": "array"})


def _doubles(n, m=None):
    """A checked array type of ``n`` doubles (or ``m`` rows of ``n``): an element set to
    something that is not a number raises a TypeError naming the field and the element.
    Named by _name_arrays() as _ints() arrays are."""
    inner = type("DoubleArray", (D * n,), {"__setitem__": _double_array_setitem,
                                             "_where_": "array"})
    if m is None:
        return inner
    return type("DoubleMatrix", (inner * m,), {"__setitem__": _matrix_setitem, "_where_": "array"})


def _name_arrays(cls):
    """Name the checked int arrays of ``cls`` after their fields, for the messages."""
    for name, typ in cls._fields_:
        if issubclass(typ, ctypes.Array) and "_where_" in typ.__dict__:
            typ._where_ = "%s.%s" % (cls.__name__, name)
            inner = typ._type_
            if isinstance(inner, type) and "_where_" in inner.__dict__:
                inner._where_ = "%s.%s[row]" % (cls.__name__, name)


_SET = object.__setattr__  # (a field's ctypes descriptor stores it)
_I32_LO, _I32_HI = _INT_TYPES[I][1:]


class _Struct(ctypes.Structure):
    """Base: dict conversion, a readable repr, and checked field assignment.

    ctypes wraps an integer that does not fit its field (``day.doy = 2**32 + 1`` stores 1) and
    lets any attribute name through (``opts.water_limted = 0`` sets nothing the library sees):
    here an integer field takes integers within its C type's range (OverflowError, TypeError
    otherwise), a double field a number (TypeError otherwise), neither a bool unless the field
    is one of the class's yes/no ``_yes_no_``, and an unknown name raises AttributeError, each
    naming the struct and the field."""

    _ftypes_ = {}  # {field: ctypes type} of each struct class, set by _field_types()
    # the int32_t fields that are yes/no flags (0 or 1, which the library checks): these take
    # True/False too, where every other number field refuses a bool
    _yes_no_ = frozenset()

    def __setattr__(self, name, value):
        # the common cases first, without building a message (the daily drivers of
        # SoilTemperature.step, WeatherDay(**day) per day): a float for a double, an int in
        # range for an int32_t; the rest goes through _set_checked (so do a subclass's added
        # fields, which are not in the dict it inherits)
        typ = self._ftypes_.get(name)
        if typ is D:
            if type(value) is float:
                return _SET(self, name, value)
        elif typ is I:
            if type(value) is int and _I32_LO <= value <= _I32_HI:
                return _SET(self, name, value)
        self._set_checked(name, value)

    def _set_checked(self, name, value):
        typ = _field_types(type(self)).get(name)
        if typ is None:
            # a private name, or one the class defines (a subclass's property or class
            # attribute): Python's own rules; any other is a misspelt field
            if name.startswith("_") or hasattr(type(self), name):
                return super().__setattr__(name, value)
            raise AttributeError("%s (agro_%s) has no field %r"
                                 % (type(self).__name__, self._cname_, name))
        where = "%s.%s" % (type(self).__name__, name)
        if typ in _INT_TYPES:
            value = _checked_int(value, where, typ, name in self._yes_no_)
        elif typ is D:
            value = _checked_float(value, where)
        elif issubclass(typ, ctypes.Array) and type(value) is not typ and _number_array(typ):
            # a sequence, or a ctypes array of another type (c_int32 * n for a checked int
            # array, another field's array), for a whole array: a new one, through the checks
            value = _filled(typ, value, where)
        super().__setattr__(name, value)

    def to_dict(self):
        out = {}
        for name, typ in self._fields_:
            v = getattr(self, name)
            if isinstance(v, ctypes.Array):
                v = list(v)
            elif isinstance(v, ctypes.Structure):
                v = v.to_dict()
            out[name] = v
        return out

    def __repr__(self):
        items = []
        for name, _ in self._fields_:
            v = getattr(self, name)
            if isinstance(v, ctypes.Array):
                v = "[%d values]" % len(v)
            items.append("%s=%r" % (name, v))
        return "%s(%s)" % (type(self).__name__, ", ".join(items))


def _field_types(cls):
    """{field name: ctypes type} of a struct class, cached on the class."""
    t = cls.__dict__.get("_ftypes_")
    if t is None:
        t = {}
        for klass in reversed(cls.__mro__):
            t.update(dict(getattr(klass, "_fields_", ()) if "_fields_" in klass.__dict__ else ()))
        cls._ftypes_ = t
    return t


class WeatherDay(_Struct):
    """agro_weather_day (weather.h): one day of weather; optional fields NaN when absent."""
    _cname_ = "weather_day"
    _fields_ = [
        ("year", I), ("doy", I), ("srad_MJ_m2_d", D), ("tmax_C", D), ("tmin_C", D),
        ("rain_mm", D), ("tdew_C", D), ("wind_km_d", D), ("rhum_pct", D), ("par_mol_m2_d", D),
        ("vprs_kPa", D),
    ]


class WeatherInfo(_Struct):
    """agro_weather_info (weather.h): station metadata and series summary."""
    _cname_ = "weather_info"
    _fields_ = [
        ("latitude_deg", D), ("longitude_deg", D), ("elevation_m", D), ("tav_C", D),
        ("amp_C", D), ("refht_m", D), ("wndht_m", D), ("n_days", I), ("n_missing", I),
        ("first_year", I), ("first_doy", I), ("last_year", I), ("last_doy", I),
        ("n_substituted", I), ("n_bad_days", I),
    ]


class Site(_Struct):
    """agro_site (weather.h): monthly climate normals, the weather generator's input."""
    _cname_ = "site"
    _fields_ = [
        ("latitude_deg", D), ("longitude_deg", D), ("elevation_m", D), ("krs", D),
        ("tmax_C", _doubles(12)), ("tmin_C", _doubles(12)), ("rain_mm", _doubles(12)), ("rain_days", _doubles(12)),
        ("srad_MJ_m2_d", _doubles(12)),
    ]


_L = SOIL_MAX_LAYERS


class SoilProfileStruct(_Struct):
    """agro_soil_profile (soil.h): plain layered data, top layer first, n_layers used."""
    _cname_ = "soil_profile"
    _fields_ = [
        ("albedo", D), ("evap_limit_mm", D), ("drainage_rate_d", D), ("runoff_curve_number", D),
        ("mineralisation_factor", D), ("photosynthesis_factor", D), ("latitude_deg", D),
        ("longitude_deg", D), ("n_layers", I), ("p_method", I), ("depth_cm", _doubles(_L)),
        ("ll", _doubles(_L)), ("dul", _doubles(_L)), ("sat", _doubles(_L)), ("root_growth_factor", _doubles(_L)),
        ("ksat_cm_h", _doubles(_L)), ("bulk_density_g_cm3", _doubles(_L)), ("organic_carbon_pct", _doubles(_L)),
        ("clay_pct", _doubles(_L)), ("silt_pct", _doubles(_L)), ("stones_pct", _doubles(_L)),
        ("total_n_pct", _doubles(_L)), ("ph_water", _doubles(_L)), ("anion_adsorption_cm3_g", _doubles(_L)),
        ("cec_cmol_kg", _doubles(_L)), ("caco3_g_kg", _doubles(_L)), ("base_sum_cmol_kg", _doubles(_L)),
        ("exch_k_cmol_kg", _doubles(_L)), ("extractable_p_mg_kg", _doubles(_L)),
        ("organic_p_mg_kg", _doubles(_L)),
        ("stable_c_pct", _doubles(_L)),
    ]


#: layered fields of the soil profile (arrays of SOIL_MAX_LAYERS, n_layers used)
SOIL_LAYER_FIELDS = [n for n, t in SoilProfileStruct._fields_ if issubclass(t, ctypes.Array)]

SoilProfile = SoilProfileStruct


class MaizeCultivar(_Struct):
    """agro_maize_cultivar (maize.h): DSSAT MZCER048 cultivar + ecotype coefficients."""
    _cname_ = "maize_cultivar"
    _fields_ = [
        ("p1_Cd", D), ("p2_d_per_h", D), ("p5_Cd", D), ("g2_kernels", D), ("g3_mg_d", D),
        ("phint_Cd", D), ("tbase_C", D), ("topt_C", D), ("ropt_C", D), ("p20_h", D),
        ("djti_d", D), ("gdde_Cd_cm", D), ("dsgft_Cd", D), ("rue_g_MJ", D), ("kcan", D),
        ("tsen_C", D), ("cday_d", D),
    ]


class WeedParams(_Struct):
    """agro_weed_params (weeds.h): generic weed flora canopy."""
    _cname_ = "weed_params"
    _fields_ = [
        ("tbase_C", D), ("rue_g_MJ", D), ("k_par", D), ("sla_m2_g", D), ("leaf_frac", D),
        ("root_frac", D), ("max_leaf_area_cm2", D), ("tt_half_Cd", D), ("tt_slope_Cd", D),
        ("seedling_g", D), ("root_depth_rate_cm_Cd", D), ("max_root_depth_cm", D),
        ("tt_life_Cd", D), ("n_crit_1t", D), ("n_conc_min", D), ("rlv_per_g_cm_g", D),
    ]


class SoilWaterParams(_Struct):
    """agro_soil_water_params (soil_water.h)."""
    _cname_ = "soil_water_params"
    _fields_ = [
        ("n_layers", I), ("evap_method", I), ("albedo", D), ("u_mm", D), ("swcon_d", D),
        ("curve_number", D), ("smx_mm", D), ("rwumx_cm3_cm_d", D), ("evap_ll_factor", D),
        ("esr_wet_threshold", D), ("depth_cm", _doubles(_L)), ("thickness_mm", _doubles(_L)),
        ("ll", _doubles(_L)), ("dul", _doubles(_L)), ("sat", _doubles(_L)), ("ksat_mm_d", _doubles(_L)),
        ("wet_weight", _doubles(_L)), ("esr_coef_dry", _doubles(_L)), ("esr_coef_wet", _doubles(_L)),
    ]


class SoilWaterState(_Struct):
    """agro_soil_water_state (soil_water.h)."""
    _cname_ = "soil_water_state"
    _fields_ = [
        ("n_layers", I), ("reserved", I), ("sw", _doubles(_L)), ("sumes1_mm", D), ("sumes2_mm", D),
        ("t_stage2_d", D), ("initial_mm", D), ("cum_rain_mm", D), ("cum_irrigation_mm", D),
        ("cum_runoff_mm", D), ("cum_infiltration_mm", D), ("cum_drainage_mm", D),
        ("cum_evaporation_mm", D), ("cum_transpiration_mm", D), ("max_abs_balance_error_mm", D),
        ("mulch_water_mm", D), ("mulch_evap_prev_mm", D), ("cum_mulch_evaporation_mm", D),
        ("cum_mulch_water_added_mm", D), ("cum_rounding_mm", D),
    ]


class SoilWaterDrivers(_Struct):
    """agro_soil_water_drivers (soil_water.h)."""
    _cname_ = "soil_water_drivers"
    _fields_ = [
        ("rain_mm", D), ("irrigation_mm", D), ("eos_mm", D), ("cover_fraction", D),
        ("cover_evap_suppression", D), ("cover_runoff_fraction", D), ("uptake_mm", _doubles(_L)),
        ("mulch_kg_ha", D), ("mulch_cover", D), ("mulch_area_cm2_g", D), ("mulch_extinction", D),
        ("mulch_water_kg_kg", D), ("new_mulch_kg_ha", D),
    ]


class SoilWaterRates(_Struct):
    """agro_soil_water_rates (soil_water.h)."""
    _cname_ = "soil_water_rates"
    _fields_ = [
        ("runoff_mm", D), ("infiltration_mm", D), ("drainage_mm", D), ("evaporation_mm", D),
        ("transpiration_mm", D), ("upflux_mm", D), ("balance_error_mm", D),
        ("potential_evaporation_mm", D), ("flux_mm", _doubles(_L)), ("upflow_mm", _doubles(_L)),
        ("uptake_mm", _doubles(_L)), ("dsw", _doubles(_L)), ("rain_mm", D), ("irrigation_mm", D),
        ("sumes1_next_mm", D), ("sumes2_next_mm", D), ("t_stage2_next_d", D), ("rounding_mm", D),
        ("mulch_interception_mm", D), ("mulch_evaporation_mm", D), ("mulch_water_added_mm", D),
    ]


class SoilNParams(_Struct):
    """agro_soil_n_params (soil_nitrogen.h)."""
    _cname_ = "soil_n_params"
    _fields_ = [
        ("n_layers", I), ("reserved", I), ("mineralisation_factor", D), ("humus_min_rate_d", D),
        ("reserved_d", D),
        ("thickness_cm", _doubles(_L)), ("bulk_density_g_cm3", _doubles(_L)), ("kg_ha_per_ppm", _doubles(_L)),
        ("organic_n_kg_ha", _doubles(_L)), ("ph", _doubles(_L)), ("fom_rate_carb_d", D),
        ("fom_rate_cell_d", D), ("fom_rate_lign_d", D), ("residue_frac_carb", D),
        ("residue_frac_cell", D), ("residue_frac_lign", D), ("anion_adsorption_cm3_g", _doubles(_L)),
        ("organic_c_kg_ha", _doubles(_L)), ("total_n_known", _ints(_L, flag=True)),
        ("ox_thickness_cm", D), ("surface_oc_pct", D), ("surface_cec_cmol_kg", D),
    ]


class SoilNState(_Struct):
    """agro_soil_n_state (soil_nitrogen.h)."""
    _cname_ = "soil_n_state"
    _yes_no_ = frozenset({"ox_active"})
    _fields_ = [
        ("n_layers", I), ("reserved", I), ("no3_kg_ha", _doubles(_L)), ("nh4_kg_ha", _doubles(_L)),
        ("org_n_kg_ha", _doubles(_L)), ("initial_kg_ha", D), ("cum_fertiliser_kg_ha", D),
        ("cum_mineralisation_kg_ha", D), ("cum_nitrification_kg_ha", D),
        ("cum_leaching_kg_ha", D), ("cum_uptake_kg_ha", D), ("max_abs_balance_error_kg_ha", D),
        ("fom_carb_kg_ha", _doubles(_L)), ("fom_cell_kg_ha", _doubles(_L)), ("fom_lign_kg_ha", _doubles(_L)),
        ("fom_n_kg_ha", _doubles(_L)), ("cum_residue_dm_kg_ha", D), ("cum_residue_n_kg_ha", D),
        ("cum_immobilisation_kg_ha", D), ("cum_fom_decomposed_kg_ha", D),
        ("cum_denitrification_kg_ha", D), ("cum_hydrolysis_kg_ha", D), ("urea_age_d", D),
        ("cum_om_unmet_kg_ha", D), ("urea_kg_ha", _doubles(_L)), ("org_c_kg_ha", _doubles(_L)),
        ("denit_wet_days", _doubles(_L)), ("no3_added_today", _doubles(_L)), ("urea_added_today", _doubles(_L)),
        ("nh4_added_today", _doubles(_L)),
        ("ox_urea_kg_ha", D), ("ox_nh4_kg_ha", D), ("ox_no3_kg_ha", D), ("ox_algact", D),
        ("ox_ni", D), ("ox_ph", D), ("ox_days_since_fert", D), ("cum_volatilisation_kg_ha", D),
        ("ox_active", I), ("ox_fert_type", I),
    ]


class SoilNDrivers(_Struct):
    """agro_soil_n_drivers (soil_nitrogen.h)."""
    _cname_ = "soil_n_drivers"
    _fields_ = [
        ("soil_temp_C", _doubles(_L)), ("uptake_no3_kg_ha", _doubles(_L)), ("uptake_nh4_kg_ha", _doubles(_L)),
        ("srad_MJ_m2_d", D), ("tmax_C", D), ("tmin_C", D), ("lai", D), ("surface_albedo", D),
        ("soil_evap_mm", D),
    ]


class SoilNRates(_Struct):
    """agro_soil_n_rates (soil_nitrogen.h)."""
    _cname_ = "soil_n_rates"
    _fields_ = [
        ("mineralisation_kg_ha", D), ("nitrification_kg_ha", D), ("leaching_kg_ha", D),
        ("uptake_kg_ha", D), ("balance_error_kg_ha", D), ("om_unmet_immobilisation_kg_ha", D),
        ("mineralisation", _doubles(_L)), ("nitrification", _doubles(_L)), ("no3_flux", _doubles(_L)),
        ("uptake_no3", _doubles(_L)), ("uptake_nh4", _doubles(_L)), ("immobilisation_kg_ha", D),
        ("fom_decomposed_kg_ha", D), ("immobilisation", _doubles(_L)),
        ("denitrification_kg_ha", D), ("hydrolysis_kg_ha", D), ("denitrification", _doubles(_L)),
        ("hydrolysis", _doubles(_L)), ("urea_flux", _doubles(_L)), ("fom_frac", _doubles(_L)),
        ("humus_frac", _doubles(_L)), ("fom_n_decomposed", _doubles(_L)), ("volatilisation_kg_ha", D),
        ("ox_hydrolysis_kg_ha", D), ("ox_nitrification_kg_ha", D),
    ]


#: AGRO_CENTURY_LAYERS (soil_century.h): the surface and the soil layers
_CL = SOIL_MAX_LAYERS + 1
#: AGRO_CENTURY_MAX_DISTURB (soil_century.h)
CENTURY_MAX_DISTURB = 16


class CenturyParams(_Struct):
    """agro_century_params (soil_century.h): index 0 the surface, 1..n the soil layers."""
    _cname_ = "century_params"
    _fields_ = [
        ("n_layers", I), ("elements", I), ("thickness_cm", _doubles(_CL)), ("bottom_cm", _doubles(_CL)),
        ("kg_ha_per_ppm", _doubles(_CL)), ("txs1", _doubles(_CL)), ("co2s1", _doubles(_CL)), ("s1s3", _doubles(_CL)),
        ("s2s3", _doubles(_CL)),
    ]


class CenturyInput(_Struct):
    """agro_century_input (soil_century.h): organic matter queued for the next step."""
    _cname_ = "century_input"
    _fields_ = [("c", _doubles(_CL)), ("n", _doubles(_CL)), ("p", _doubles(_CL)), ("lignin_c", _doubles(_CL))]


class CenturyState(_Struct):
    """agro_century_state (soil_century.h)."""
    _cname_ = "century_state"
    _yes_no_ = frozenset({"pending_disturb"})
    _fields_ = [
        ("n_layers", I), ("elements", I),
        ("som1_c", _doubles(_CL)), ("som1_n", _doubles(_CL)), ("som1_p", _doubles(_CL)),
        ("som2_c", _doubles(_CL)), ("som2_n", _doubles(_CL)), ("som3_c", _doubles(_CL)), ("som3_n", _doubles(_CL)),
        ("som23_c", _doubles(_CL)), ("som23_p", _doubles(_CL)),
        ("metab_c", _doubles(_CL)), ("metab_n", _doubles(_CL)), ("metab_p", _doubles(_CL)),
        ("struc_c", _doubles(_CL)), ("struc_n", _doubles(_CL)), ("struc_p", _doubles(_CL)),
        ("lig_c", _doubles(_CL)), ("frlstr", _doubles(_CL)),
        ("ces1_surface", _doubles(2)), ("ces21_surface_n", D), ("ces23_surface_p", D),
        ("defac1_prev", D),
        ("disturb_end", _ints(CENTURY_MAX_DISTURB)), ("disturb_depth_cm", _doubles(CENTURY_MAX_DISTURB)),
        ("n_disturb", I), ("disturb_end_max", I), ("disturb_depth_max_cm", D),
        ("day", I), ("pending_disturb", I), ("pending_depth_cm", D),
        ("applied", CenturyInput), ("senesced", CenturyInput),
        ("cum_input_c", D), ("cum_input_n", D), ("cum_input_p", D), ("cum_co2_c", D),
        ("cum_mineralised_n", D), ("cum_immobilised_n", D), ("cum_mineralised_p", D),
        ("cum_immobilised_p", D), ("initial_c", D), ("initial_n", D), ("initial_p", D),
        ("max_abs_balance_error", D), ("till_depth_cm", D), ("till_pct", D),
    ]


class CenturyInitialResidue(_Struct):
    """agro_century_initial_residue (soil_century.h)."""
    _cname_ = "century_initial_residue"
    _yes_no_ = frozenset({"grass_previous"})
    _fields_ = [
        ("surface_kg_ha", D), ("incorporated_kg_ha", D), ("incorporation_depth_cm", D),
        ("shoot_n_pct", D), ("shoot_p_pct", D), ("roots_kg_ha", D), ("roots_n_pct", D),
        ("roots_p_pct", D), ("lignin_frac", D), ("grass_previous", I), ("reserved", I),
    ]


class CenturyDrivers(_Struct):
    """agro_century_drivers (soil_century.h): per soil layer (index 0 = layer 1)."""
    _cname_ = "century_drivers"
    _fields_ = [("soil_temp_C", _doubles(_L)), ("mineral_n_kg_ha", _doubles(_L)), ("labile_p_kg_ha", _doubles(_L))]


class CenturyRates(_Struct):
    """agro_century_rates (soil_century.h): index 0 the surface."""
    _cname_ = "century_rates"
    _fields_ = [
        ("mineralised_n", _doubles(_CL)), ("immobilised_n", _doubles(_CL)), ("mineralised_p", _doubles(_CL)),
        ("immobilised_p", _doubles(_CL)), ("co2_c", _doubles(_CL)), ("som_c", _doubles(_CL)), ("litter_c", _doubles(_CL)),
        ("mineralised_n_kg_ha", D), ("immobilised_n_kg_ha", D), ("mineralised_p_kg_ha", D),
        ("immobilised_p_kg_ha", D), ("co2_c_kg_ha", D), ("mulch_kg_ha", D), ("balance_error", D),
        ("reserved", D),
    ]


class SoilPParams(_Struct):
    """agro_soil_p_params (soil_phosphorus.h)."""
    _cname_ = "soil_p_params"
    _fields_ = [
        ("n_layers", I), ("method", I), ("layer_type", _ints(_L)), ("kg_ha_per_ppm", _doubles(_L)),
        ("thickness_cm", _doubles(_L)), ("depth_cm", _doubles(_L)), ("pai", _doubles(_L)), ("k_lab2act", _doubles(_L)),
        ("k_act2lab", _doubles(_L)), ("k_act2sta", _doubles(_L)), ("k_sta2act", _doubles(_L)),
        ("frac_soln", _doubles(_L)), ("tex_fac", _doubles(_L)), ("ll", _doubles(_L)), ("caco3_pct", _doubles(_L)),
        ("clay_pct", _doubles(_L)), ("ph", _doubles(_L)), ("base_sum_cmol_kg", _doubles(_L)),
    ]


class SoilPState(_Struct):
    """agro_soil_p_state (soil_phosphorus.h)."""
    _cname_ = "soil_p_state"
    _yes_no_ = frozenset({"roots_seen"})
    _fields_ = [
        ("n_layers", I), ("roots_seen", I), ("lab_rts", _doubles(_L)), ("lab_out", _doubles(_L)),
        ("act_rts", _doubles(_L)), ("act_out", _doubles(_L)), ("sta_rts", _doubles(_L)), ("sta_out", _doubles(_L)),
        ("frac_rts", _doubles(_L)), ("frac_rts_prev", _doubles(_L)), ("fom_p", _doubles(_L)), ("humus_p", _doubles(_L)),
        ("avail", _doubles(_L)), ("uptake_pending", _doubles(_L)), ("fert_broadcast", _doubles(_L)),
        ("fert_banded", _doubles(_L)), ("initial_kg_ha", D), ("cum_fertiliser_kg_ha", D),
        ("cum_organic_in_kg_ha", D), ("cum_uptake_kg_ha", D), ("cum_mineralised_kg_ha", D),
        ("cum_immobilised_kg_ha", D), ("max_abs_balance_error_kg_ha", D), ("cum_om_external_kg_ha", D),
    ]


class SoilPDrivers(_Struct):
    """agro_soil_p_drivers (soil_phosphorus.h)."""
    _cname_ = "soil_p_drivers"
    _fields_ = [
        ("sw", _doubles(_L)), ("fom_frac", _doubles(_L)), ("humus_frac", _doubles(_L)),
        ("fom_n_decomposed", _doubles(_L)), ("n_immobilised", _doubles(_L)),
    ]


class SoilPRates(_Struct):
    """agro_soil_p_rates (soil_phosphorus.h)."""
    _cname_ = "soil_p_rates"
    _fields_ = [
        ("uptake_kg_ha", D), ("fertiliser_kg_ha", D), ("mineralised_kg_ha", D),
        ("immobilised_kg_ha", D), ("lab_to_act_kg_ha", D), ("act_to_sta_kg_ha", D),
        ("balance_error_kg_ha", D), ("unmet_immobilised_kg_ha", D), ("mineralised", _doubles(_L)),
        ("immobilised", _doubles(_L)),
    ]


class SoilTempOptions(_Struct):
    """agro_soil_temp_options (soil_temp.h)."""
    _cname_ = "soil_temp_options"
    _fields_ = [
        ("method", I), ("cover", I), ("residue_t_ha", D), ("max_depth_m", D),
        ("top_layer_m", D), ("n_nodes", I), ("steps_per_day", I), ("lower_boundary", I),
        ("upper_boundary", I), ("theta_weight", D), ("tav_C", D), ("amp_C", D),
        ("initial_C", D), ("conductivity_W_m_K", D), ("heat_capacity_J_m3_K", D),
        ("stemp_surface", I),
    ]


class SoilTempDrivers(_Struct):
    """agro_soil_temp_drivers (soil_temp.h)."""
    _cname_ = "soil_temp_drivers"
    _fields_ = [
        ("year", I), ("doy", I), ("tmax_C", D), ("tmin_C", D), ("srad_MJ_m2_d", D),
        ("latitude_deg", D), ("lai", D), ("canopy_t_ha", D), ("sw", _doubles(_L)),
        ("mulch_t_ha", D), ("water_input_mm", D), ("snow_mm", D),
    ]


#: AGRO_SEASON_MAX_EVENTS in field.h
SEASON_MAX_EVENTS = 64


class FieldOptions(_Struct):
    """agro_field_options (field.h)."""
    _cname_ = "field_options"
    _yes_no_ = frozenset({"water_limited", "nitrogen_limited", "weeds_limited",
                          "phosphorus_limited", "previous_crop_grass", "mulch_effects"})
    _fields_ = [
        ("latitude_deg", D), ("co2_ppm", D), ("residue_kg_ha", D), ("tav_C", D), ("amp_C", D),
        ("wind_height_m", D), ("water_limited", I), ("nitrogen_limited", I), ("weeds_limited", I),
        ("soil_temp_method", I), ("cover", I), ("seed", I), ("soil_evap_method", I),
        ("crop_n_uptake_method", I), ("phosphorus_limited", I), ("soil_om_method", I),
        ("field_history", I), ("field_history_years", I), ("previous_crop_grass", I),
        ("mulch_effects", I), ("soil_temp_surface", I), ("crop_n_stress_method", I),
        ("sw", _doubles(_L)), ("no3_ppm", _doubles(_L)),
        ("nh4_ppm", _doubles(_L)), ("weeds", WeedParams), ("residue_area_cm2_g", D),
        ("residue_extinction", D), ("residue_water_kg_kg", D),
    ]


class CropDamage(_Struct):
    """agro_crop_damage (field.h): damage to the crop during one day (pests, hail, grazing)."""
    _cname_ = "crop_damage"
    _fields_ = [
        ("leaf_pct", D), ("stem_pct", D), ("root_pct", D), ("grain_pct", D), ("plants_pct", D),
        ("assimilate_pct", D), ("leaf_g_m2", D), ("stem_g_m2", D), ("root_g_m2", D),
        ("grain_g_m2", D), ("plants_m2", D),
    ]


class Event(_Struct):
    """agro_event (field.h): a management event."""
    _cname_ = "event"
    _yes_no_ = frozenset({"initial", "incorporated", "carried_off"})
    _fields_ = [
        ("type", I), ("year", I), ("doy", I), ("canopy", I), ("amount", D), ("depth_cm", D),
        ("density_pl_m2", D), ("row_spacing_cm", D), ("emergence_delay_d", D),
        ("nh4_fraction", D), ("n_pct", D), ("urea_fraction", D), ("timing", I),
        ("days_after_sowing", I), ("damage", CropDamage), ("p_kg_ha", D),
        ("p_band_fraction", D), ("p_pct", D), ("lignin_frac", D), ("initial", I), ("residue_type", I),
        ("mulch_area_cm2_g", D), ("mulch_extinction", D), ("mulch_water_kg_kg", D),
        ("incorporated", I), ("fert_material", I), ("implement", I), ("carried_off", I),
    ]


class SowingWindow(_Struct):
    """agro_sowing_window (field.h): automatic sowing (DSSAT AUTPLT)."""
    _cname_ = "sowing_window"
    _yes_no_ = frozenset({"enabled", "forced"})
    _fields_ = [
        ("enabled", I), ("last_year", I), ("last_doy", I), ("forced", I), ("sw_depth_cm", D),
        ("sw_min_pct", D), ("sw_max_pct", D), ("tsoil_min_C", D), ("tsoil_max_C", D),
    ]


class FieldDaily(_Struct):
    """agro_field_daily (field.h): snapshot of a field after a daily step."""
    _cname_ = "field_daily"
    _fields_ = [
        ("year", I), ("doy", I), ("das", I), ("dap", I), ("stage", I), ("n_layers", I),
        ("leaf_number", D), ("lai_crop", D), ("lai_weeds", D), ("biomass_kg_ha", D),
        ("grain_kg_ha", D), ("leaf_kg_ha", D), ("stem_kg_ha", D), ("ear_kg_ha", D),
        ("root_kg_ha", D), ("kernels_m2", D), ("root_depth_cm", D), ("weeds_biomass_kg_ha", D),
        ("weeds_density_m2", D), ("gdd_Cd", D), ("cum_gdd_Cd", D), ("fi_crop", D),
        ("fi_weeds", D), ("swfac", D), ("turfac", D), ("nstress", D), ("sw_total_mm", D),
        ("pesw_mm", D), ("rain_mm", D), ("irrigation_mm", D), ("runoff_mm", D),
        ("drainage_mm", D), ("soil_evap_mm", D), ("transp_crop_mm", D), ("transp_weeds_mm", D),
        ("pet_mm", D), ("transp_pot_mm", D), ("crop_n_kg_ha", D), ("crop_tops_n_kg_ha", D), ("crop_n_uptake_kg_ha", D),
        ("weeds_n_kg_ha", D),
        ("no3_kg_ha", D), ("nh4_kg_ha", D), ("n_leached_kg_ha", D), ("urea_kg_ha", D),
        ("n_denitrified_kg_ha", D), ("soil_temp_5cm_C", D),
        ("soil_temp_seed_C", D), ("pstres1", D), ("pstres2", D), ("crop_p_kg_ha", D),
        ("soil_p_avail_kg_ha", D), ("soil_p_labile_kg_ha", D),
        ("soil_org_c_kg_ha", D), ("mulch_kg_ha", D), ("sw", _doubles(_L)), ("rlv", _doubles(_L)), ("soil_temp_C", _doubles(_L)),
        ("mulch_cover", D), ("mulch_water_mm", D), ("mulch_evap_mm", D), ("snow_mm", D),
        ("curve_number", D), ("till_sumke", D), ("bulk_density_g_cm3", _doubles(_L)), ("sat", _doubles(_L)),
        ("no3_ppm", _doubles(_L)), ("nh4_ppm", _doubles(_L)),
    ]


class SeasonSummary(_Struct):
    """agro_season_summary (field.h): ICASA/DSSAT-style season results."""
    _cname_ = "season_summary"
    _fields_ = [
        ("sowing_year", I), ("sowing_doy", I), ("emergence_dap", I), ("anthesis_dap", I),
        ("anthesis_year", I), ("anthesis_doy", I), ("maturity_dap", I), ("maturity_year", I),
        ("maturity_doy", I), ("harvest_year", I), ("harvest_doy", I), ("crop_failed", I),
        ("n_days", I), ("population_pl_m2", D), ("hwam_kg_ha", D), ("hwum_g", D),
        ("hnam_m2", D), ("kernels_per_plant", D), ("ears_m2", D), ("cwam_kg_ha", D),
        ("laix", D), ("hiam", D), ("leaf_number", D), ("nucm_kg_ha", D), ("cnam_kg_ha", D),
        ("gnam_kg_ha", D), ("prcm_mm", D), ("ircm_mm", D), ("etcm_mm", D), ("epcm_mm", D),
        ("escm_mm", D), ("drcm_mm", D), ("rocm_mm", D), ("nlcm_kg_ha", D), ("ndnc_kg_ha", D),
        ("nicm_kg_ha", D),
        ("weeds_biomass_max_kg_ha", D), ("weeds_biomass_removed_kg_ha", D), ("swfac_mean", D),
        ("nstress_mean", D), ("damage_dm_kg_ha", D), ("damage_n_kg_ha", D),
        ("water_balance_error_mm", D), ("n_balance_error_kg_ha", D), ("picm_kg_ha", D),
        ("pupc_kg_ha", D), ("cpam_kg_ha", D), ("pstress_mean", D), ("p_balance_error_kg_ha", D),
        ("amlc_kg_ha", D),
    ]


class SeasonSpec(_Struct):
    """agro_season_spec (field.h): a complete season for agro_season_run."""
    _cname_ = "season_spec"
    _fields_ = [
        ("soil", SoilProfileStruct), ("options", FieldOptions), ("cultivar", MaizeCultivar),
        ("start_year", I), ("start_doy", I), ("end_year", I), ("end_doy", I),
        ("days_after_maturity", I), ("n_events", I), ("events", Event * SEASON_MAX_EVENTS),
        ("sowing_window", SowingWindow),
    ]


class ScenarioInfo(_Struct):
    """agro_scenario_info (scenario.h)."""
    _cname_ = "scenario_info"
    _fields_ = [
        ("n_fields", I), ("n_interventions", I), ("n_members", I), ("n_seasons", I),
        ("n_runs", I), ("max_days", I), ("baseline", I), ("first_year", I), ("bag_kg", D),
        ("area_ha", D), ("grain_moisture_pct", D),
    ]


class RunInfo(_Struct):
    """agro_run_info (scenario.h)."""
    _cname_ = "run_info"
    _yes_no_ = frozenset({"done"})
    _fields_ = [
        ("run", I), ("field", I), ("intervention", I), ("member", I), ("season", I),
        ("year", I), ("start_doy", I), ("n_days", I), ("done", I), ("crop", I),
    ]


class YieldStats(_Struct):
    """agro_yield_stats (scenario.h)."""
    _cname_ = "yield_stats"
    _fields_ = [
        ("field", I), ("intervention", I), ("n", I), ("n_not_sown", I), ("mean_kg_ha", D),
        ("median_kg_ha", D), ("p10_kg_ha", D), ("p90_kg_ha", D), ("min_kg_ha", D),
        ("max_kg_ha", D), ("median_bags", D), ("p10_bags", D), ("p90_bags", D),
        ("ratio_median", D), ("ratio_paired_median", D),
    ]


# ---- dssat.h (DSSAT experiment files and validation) -------------------------------------
DSSAT_MAX_LAYERS = 30
DSSAT_MAX_IRRIGATIONS = 150
DSSAT_MAX_FERTILISERS = 30
DSSAT_MAX_RESIDUES = 10
DSSAT_MAX_TILLAGE = 20
DSSAT_MAX_HARVESTS = 10
DSSAT_MAX_ENVMODS = 10
DSSAT_ENV_N = 8  # AGRO_DSSAT_ENV_N
DSSAT_MAX_AUTO_IRR_ROWS = 20  # AGRO_DSSAT_MAX_AUTO_IRR_ROWS

class DssatTreatment(_Struct):
    """agro_dssat_treatment (dssat.h)."""
    _cname_ = "dssat_treatment"
    _yes_no_ = frozenset({"ic_previous_grass"})
    _fields_ = [
        ("number", I), ("rotation", I), ("option", I), ("crop_component", I),
        ("levels", _ints(13)), ("line", I), ("line_planting", I), ("line_initial", I),
        ("line_controls", I), ("line_field", I), ("start_date", I), ("n_years", I),
        ("water", I), ("nitrogen", I), ("co2_option", I), ("phosphorus", I), ("potassium", I),
        ("diseases", I), ("chemicals", I), ("tillage", I), ("som_method", I), ("evap_method", I),
        ("soil_layering", I),
        ("plant_mode", I), ("irrig_mode", I),
        ("fert_mode", I), ("residue_mode", I), ("harvest_mode", I), ("plant_first", I),
        ("plant_last", I), ("plant_h2o_low_pct", D), ("plant_h2o_high_pct", D),
        ("plant_h2o_depth_cm", D), ("plant_tmax_C", D), ("plant_tmin_C", D),
        ("auto_irr_depth_cm", D), ("auto_irr_threshold_pct", D), ("auto_irr_target_pct", D),
        ("auto_irr_end_stage", I), ("auto_irr_method", I), ("auto_irr_amount_mm", D),
        ("auto_irr_efficiency", D), ("auto_n_depth_cm", D), ("auto_n_threshold_pct", D),
        ("auto_n_amount_kg_ha", D), ("auto_n_material", I), ("harvest_first", I),
        ("harvest_last", I), ("harvest_pct_product", D), ("harvest_pct_residue", D),
        ("latitude_deg", D), ("longitude_deg", D), ("elevation_m", D), ("soil_depth_cm", D),
        ("field_history", I), ("field_history_years", I),
        ("ic_date", I), ("ic_n_layers", I), ("ic_root_kg_ha", D), ("ic_nodule_kg_ha", D),
        ("ic_root_n_pct", D), ("ic_root_p_pct", D), ("ic_rhizobia_number", D), ("ic_rhizobia_effect", D),
        ("ic_water_table_cm", D), ("ic_residue_kg_ha", D), ("ic_residue_n_pct", D),
        ("ic_residue_p_pct", D), ("ic_residue_incorporation_pct", D), ("ic_residue_depth_cm", D),
        ("ic_depth_cm", _doubles(DSSAT_MAX_LAYERS)), ("ic_sw", _doubles(DSSAT_MAX_LAYERS)),
        ("ic_nh4_ppm", _doubles(DSSAT_MAX_LAYERS)), ("ic_no3_ppm", _doubles(DSSAT_MAX_LAYERS)),
        ("sa_n_layers", I), ("sa_p_method", I), ("sa_depth_cm", _doubles(DSSAT_MAX_LAYERS)),
        ("sa_bulk_density_g_cm3", _doubles(DSSAT_MAX_LAYERS)),
        ("sa_organic_carbon_pct", _doubles(DSSAT_MAX_LAYERS)), ("sa_total_n_pct", _doubles(DSSAT_MAX_LAYERS)),
        ("sa_ph_water", _doubles(DSSAT_MAX_LAYERS)), ("sa_extractable_p_mg_kg", _doubles(DSSAT_MAX_LAYERS)),
        ("plant_date", I), ("emergence_date", I), ("plants_sown_m2", D),
        ("plants_emerged_m2", D), ("plant_method", I), ("plant_distribution", I),
        ("row_spacing_cm", D), ("row_direction_deg", D), ("sowing_depth_cm", D),
        ("irr_efficiency", D), ("irr_depth_cm", D), ("irr_threshold_pct", D),
        ("irr_end_pct", D), ("irr_end_stage", I), ("irr_method", I), ("irr_amount_mm", D),
        ("n_irrigations", I), ("irr_date", _ints(DSSAT_MAX_IRRIGATIONS)),
        ("irr_operation", _ints(DSSAT_MAX_IRRIGATIONS)),
        ("irr_value_mm", _doubles(DSSAT_MAX_IRRIGATIONS)), ("n_fertilisers", I),
        ("fert_date", _ints(DSSAT_MAX_FERTILISERS)), ("fert_material", _ints(DSSAT_MAX_FERTILISERS)),
        ("fert_method", _ints(DSSAT_MAX_FERTILISERS)),
        ("fert_depth_cm", _doubles(DSSAT_MAX_FERTILISERS)),
        ("fert_n_kg_ha", _doubles(DSSAT_MAX_FERTILISERS)),
        ("fert_p_kg_ha", _doubles(DSSAT_MAX_FERTILISERS)),
        ("fert_k_kg_ha", _doubles(DSSAT_MAX_FERTILISERS)), ("n_residues", I),
        ("res_date", _ints(DSSAT_MAX_RESIDUES)), ("res_material", _ints(DSSAT_MAX_RESIDUES)),
        ("res_amount_kg_ha", _doubles(DSSAT_MAX_RESIDUES)), ("res_n_pct", _doubles(DSSAT_MAX_RESIDUES)),
        ("res_incorporation_pct", _doubles(DSSAT_MAX_RESIDUES)),
        ("res_depth_cm", _doubles(DSSAT_MAX_RESIDUES)), ("n_harvests", I),
        ("harv_date", _ints(DSSAT_MAX_HARVESTS)), ("harv_stage", _ints(DSSAT_MAX_HARVESTS)),
        ("harv_pct", _doubles(DSSAT_MAX_HARVESTS)), ("n_envmods", I),
        ("env_date", _ints(DSSAT_MAX_ENVMODS)),
        ("env_code", _ints(DSSAT_ENV_N, DSSAT_MAX_ENVMODS)),
        ("env_value", _doubles(DSSAT_ENV_N, DSSAT_MAX_ENVMODS)), ("ignored", I),
        ("n_auto_irr_rows", I), ("auto_irr_row_stage", _ints(DSSAT_MAX_AUTO_IRR_ROWS)),
        ("auto_irr_row_interval_d", _ints(DSSAT_MAX_AUTO_IRR_ROWS)),
        ("auto_irr_row_depth_cm", _doubles(DSSAT_MAX_AUTO_IRR_ROWS)),
        ("auto_irr_row_threshold_pct", _doubles(DSSAT_MAX_AUTO_IRR_ROWS)),
        ("auto_irr_row_target_pct", _doubles(DSSAT_MAX_AUTO_IRR_ROWS)),
        ("auto_irr_row_amount_mm", _doubles(DSSAT_MAX_AUTO_IRR_ROWS)),
        ("auto_irr_row_efficiency", _doubles(DSSAT_MAX_AUTO_IRR_ROWS)),
        ("auto_irr_row_water_mm", _doubles(DSSAT_MAX_AUTO_IRR_ROWS)),
        ("sa_stable_c_pct", _doubles(DSSAT_MAX_LAYERS)),
        ("ic_shoot_n_pct", D), ("ic_shoot_p_pct", D), ("ic_lignin_frac", D),
        ("res_p_pct", _doubles(DSSAT_MAX_RESIDUES)), ("ic_previous_grass", I), ("n_tillage", I),
        ("till_date", _ints(DSSAT_MAX_TILLAGE)), ("till_implement", _ints(DSSAT_MAX_TILLAGE)),
        ("till_depth_cm", _doubles(DSSAT_MAX_TILLAGE)), ("infil_method", I), ("temp_method", I),
        ("ic_residue_area_cm2_g", D), ("ic_residue_extinction", D), ("ic_residue_water_kg_kg", D),
        ("ghg_method", I), ("start_mode", I),
        ("line_irrigation", _ints(DSSAT_MAX_IRRIGATIONS)),
        ("line_fertiliser", _ints(DSSAT_MAX_FERTILISERS)),
        ("line_residue", _ints(DSSAT_MAX_RESIDUES)), ("line_harvest", _ints(DSSAT_MAX_HARVESTS)),
        ("line_tillage", _ints(DSSAT_MAX_TILLAGE)), ("pet_method", I), ("weather_method", I),
        ("line_envmod", _ints(DSSAT_MAX_ENVMODS)), ("line_ic", _ints(DSSAT_MAX_LAYERS)),
    ]


class DssatFertiliserN(_Struct):
    """agro_dssat_fertiliser_n (dssat.h)."""
    _cname_ = "dssat_fertiliser_n"
    _fields_ = [
        ("no3_fraction", D), ("nh4_fraction", D), ("urea_fraction", D),
    ]


class DssatSite(_Struct):
    """agro_dssat_site (dssat.h)."""
    _cname_ = "dssat_site"
    _fields_ = [
        ("latitude_deg", D), ("tav_C", D), ("amp_C", D), ("co2_ppm", D), ("wind_height_m", D),
    ]


class DssatResult(_Struct):
    """agro_dssat_result (dssat.h)."""
    _cname_ = "dssat_result"
    _fields_ = [
        ("treatment", I), ("anthesis_dap", I), ("maturity_dap", I), ("auto_irrigations", I),
        ("population_pl_m2", D), ("yield_kg_ha", D), ("summary", SeasonSummary),
    ]


class DssatRunOptions(_Struct):
    """agro_dssat_run_options (dssat.h)."""
    _cname_ = "dssat_run_options"
    _yes_no_ = frozenset({"follow_mesev"})
    _fields_ = [("follow_mesev", I), ("crop_n_uptake_method", I), ("season", I),
                ("soil_temp_surface", I), ("crop_n_stress_method", I)]


#: AGRO_DSSAT_PEST_N and AGRO_DSSAT_MAX_PEST_OBS in dssat.h
DSSAT_PEST_N = 13
DSSAT_MAX_PEST_OBS = 400


class DssatPest(_Struct):
    """agro_dssat_pest (dssat.h): pest and damage progress of one treatment (T file)."""
    _cname_ = "dssat_pest"
    _fields_ = [
        ("treatment", I), ("n_obs", _ints(DSSAT_PEST_N)),
        ("date", _ints(DSSAT_MAX_PEST_OBS, DSSAT_PEST_N)),
        ("value", _doubles(DSSAT_MAX_PEST_OBS, DSSAT_PEST_N)),
    ]


class DssatObserved(_Struct):
    """agro_dssat_observed (dssat.h)."""
    _cname_ = "dssat_observed"
    _fields_ = [
        ("treatment", I), ("anthesis_date", I), ("maturity_date", I), ("yield_kg_ha", D),
        ("anthesis_dap", D), ("maturity_dap", D), ("kernel_weight_g", D), ("kernels_m2", D),
        ("tops_kg_ha", D), ("lai_max", D),
    ]


class DssatObservedDay(_Struct):
    """agro_dssat_observed_day (dssat.h)."""
    _cname_ = "dssat_observed_day"
    _fields_ = [
        ("treatment", I), ("date", I), ("tops_kg_ha", D), ("lai", D), ("grain_kg_ha", D),
        ("tops_n_kg_ha", D),
    ]


class FitStats(_Struct):
    """agro_fit_stats (dssat.h)."""
    _cname_ = "fit_stats"
    _fields_ = [
        ("n", I), ("obs_mean", D), ("sim_mean", D), ("rmse", D), ("nrmse", D), ("bias", D),
        ("willmott_d", D),
    ]


STRUCTS = {cls._cname_: cls for cls in (
    WeatherDay, WeatherInfo, Site, SoilProfileStruct, MaizeCultivar, WeedParams,
    SoilWaterParams, SoilWaterState, SoilWaterDrivers, SoilWaterRates, SoilNParams, SoilNState,
    SoilNDrivers, SoilNRates, CenturyParams, CenturyInput, CenturyState, CenturyInitialResidue,
    CenturyDrivers, CenturyRates, SoilPParams, SoilPState, SoilPDrivers, SoilPRates,
    SoilTempOptions, SoilTempDrivers, FieldOptions, Event, SowingWindow,
    CropDamage, FieldDaily,
    SeasonSummary, SeasonSpec, ScenarioInfo, RunInfo, YieldStats, DssatTreatment,
    DssatFertiliserN, DssatSite, DssatResult, DssatRunOptions, DssatPest, DssatObserved,
    DssatObservedDay,
    FitStats)}

#: C struct tag -> class, for the header cross-check in the tests
C_TAGS = {"agro_" + k: v for k, v in STRUCTS.items()}

for _cls in STRUCTS.values():
    _name_arrays(_cls)
    _field_types(_cls)  # the fast path of __setattr__ reads it from the class
