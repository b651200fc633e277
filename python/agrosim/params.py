"""Crop and weed parameters: maize cultivars (DSSAT .CUL/.ECO or JSON) and weed floras."""
import ctypes

from ._core import as_float, call, call_ctx, encode_path, encode_text
from ._lib import lib
from ._structs import MaizeCultivar as MaizeCultivarStruct
from ._structs import WeedParams as WeedParamsStruct


class _ParamsBase:
    _struct_cls = None

    def __init__(self, struct=None, name=""):
        self.struct = struct if struct is not None else self._struct_cls()
        self.name = name

    def __getattr__(self, key):
        if key != "struct" and key in dict(self._struct_cls._fields_):
            return getattr(self.struct, key)
        raise AttributeError(key)

    def __setattr__(self, key, value):
        if key in ("struct", "name"):
            object.__setattr__(self, key, value)
        elif key in dict(self._struct_cls._fields_):
            setattr(self.struct, key, as_float(value, key))
        else:
            raise AttributeError("%s has no parameter %r" % (type(self).__name__, key))

    def to_dict(self):
        return self.struct.to_dict()

    def __repr__(self):
        return "<agrosim.%s %s %s>" % (type(self).__name__, self.name, self.to_dict())


class MaizeCultivar(_ParamsBase):
    """CERES-Maize cultivar + ecotype coefficients (agro_maize_cultivar)."""
    _struct_cls = MaizeCultivarStruct

    @classmethod
    def load_dssat(cls, cul_path, eco_path, cultivar_id):
        """Cultivar ``cultivar_id`` of a DSSAT MZCER048.CUL with its ecotype from the .ECO."""
        s = MaizeCultivarStruct()
        call_ctx("agro_maize_cultivar_load_dssat", encode_path(cul_path, "cul_path"),
                 encode_path(eco_path, "eco_path"), encode_text(cultivar_id, "cultivar_id"),
                 ctypes.byref(s))
        return cls(s, cultivar_id)

    @classmethod
    def load_json(cls, path):
        """A cultivar JSON file (models/cultivars/)."""
        s = MaizeCultivarStruct()
        name = ctypes.create_string_buffer(256)
        call_ctx("agro_maize_cultivar_load_json", encode_path(path), ctypes.byref(s), name,
                 len(name))
        return cls(s, name.value.decode("utf-8", "replace"))

    load = load_json

    def validate(self):
        call_ctx("agro_maize_cultivar_validate", ctypes.byref(self.struct),
                 encode_text(self.name, "name"))


class WeedParams(_ParamsBase):
    """Weed flora parameters (agro_weed_params)."""
    _struct_cls = WeedParamsStruct

    @classmethod
    def default(cls):
        s = WeedParamsStruct()
        call("agro_weed_params_default", ctypes.byref(s))
        return cls(s, "default")

    @classmethod
    def load_json(cls, path):
        s = WeedParamsStruct()
        call_ctx("agro_weed_params_load_json", encode_path(path), ctypes.byref(s))
        return cls(s, str(path))

    def validate(self):
        call_ctx("agro_weed_params_validate", ctypes.byref(self.struct))


def maize_lifac(row_spacing_cm, plants_m2):
    """CERES-Maize light extinction LIFAC from row spacing (cm) and population (plants/m²)."""
    row, pop = as_float(row_spacing_cm, "row_spacing_cm"), as_float(plants_m2, "plants_m2")
    for name, v, hi in (("row_spacing_cm", row, 300.0), ("plants_m2", pop, 100.0)):
        if not 0.0 < v <= hi:  # the ranges of a SOW event (agro_field_apply)
            raise ValueError("%s: %r outside (0, %g]" % (name, v, hi))
    return lib.fn("agro_maize_lifac")(row, pop)


def cousens_yield_loss(i_pct_per_plant, a_pct, density_m2):
    """Cousens (1985) yield loss, % of weed-free yield."""
    out = ctypes.c_double()
    call_ctx("agro_cousens_yield_loss", as_float(i_pct_per_plant, "i_pct_per_plant"),
             as_float(a_pct, "a_pct"), as_float(density_m2, "density_m2"), ctypes.byref(out))
    return out.value
