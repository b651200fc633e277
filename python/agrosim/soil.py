"""Soil profiles: DSSAT .SOL and JSON readers (agro_soil_profile)."""
import ctypes

from . import _arrays
from ._core import _StructView, as_float, as_int, call_ctx, encode_path, encode_text
from ._lib import lib
from ._structs import SOIL_LAYER_FIELDS, SOIL_MAX_LAYERS, SoilProfileStruct

#: AGRO_SOIL_MIN_LAYER_CM in soil.h: the thinnest soil layer the library takes, cm (DSSAT
#: OXLAYER's floor on the oxidised layer; 1e-9 cm is allowed for the rounding of the depths).
#: For building profiles: the library refuses a thinner layer itself (validate(), the readers,
#: a Field or SoilTemperature made from the profile), naming it, so nothing here checks it.
SOIL_MIN_LAYER_CM = 0.001

# USDA texture classes of soil.h (agro_soil_texture_class), in DSSAT SOMFR048.SDA's order
(TEXTURE_UNKNOWN, TEXTURE_SAND, TEXTURE_LOAMY_SAND, TEXTURE_SANDY_LOAM, TEXTURE_SILT_LOAM,
 TEXTURE_SILT, TEXTURE_LOAM, TEXTURE_SANDY_CLAY_LOAM, TEXTURE_SILTY_CLAY_LOAM, TEXTURE_CLAY_LOAM,
 TEXTURE_SANDY_CLAY, TEXTURE_SILTY_CLAY, TEXTURE_CLAY) = range(13)


def texture_class(clay_pct, silt_pct):
    """USDA texture class (TEXTURE_*) of a soil with ``clay_pct`` clay and ``silt_pct`` silt (%),
    as DSSAT-CSM 4.8's TEXTURECLASS; TEXTURE_UNKNOWN for NaN or impossible fractions."""
    return int(lib.fn("agro_soil_texture_class")(as_float(clay_pct, "clay_pct"),
                                                 as_float(silt_pct, "silt_pct")))


class SoilProfile(_StructView):
    """A soil profile (plain data). ``struct`` is the ctypes agro_soil_profile.

    Layer arrays are exposed trimmed to ``n_layers``: ``p.dul`` is a numpy array (or a list
    without numpy); scalar fields (``albedo``, ``runoff_curve_number`` ...) are floats.
    """

    _struct_type_ = SoilProfileStruct

    def __init__(self, struct=None, name=""):
        self.struct = struct if struct is not None else SoilProfileStruct()
        self.name = name

    @classmethod
    def load_dssat(cls, path, profile_id):
        """Profile ``profile_id`` of a DSSAT .SOL file."""
        s = SoilProfileStruct()
        call_ctx("agro_soil_load_dssat", encode_path(path),
                 encode_text(profile_id, "profile_id"), ctypes.byref(s))
        return cls(s, profile_id)

    @classmethod
    def load_dssat_dir(cls, folder, profile_id):
        """Profile ``profile_id`` looked up in a DSSAT soil folder (SOIL.SOL when it holds the profile, else XX.SOL, as DSSAT)."""
        s = SoilProfileStruct()
        call_ctx("agro_soil_load_dssat_dir", encode_path(folder, "folder"),
                 encode_text(profile_id, "profile_id"),
                 ctypes.byref(s))
        return cls(s, profile_id)

    @classmethod
    def load_json(cls, path):
        """A JSON soil file (models/soils/*.json; format in docs/formats.md)."""
        s = SoilProfileStruct()
        call_ctx("agro_soil_load_json", encode_path(path), ctypes.byref(s))
        buf = ctypes.create_string_buffer(64)
        call_ctx("agro_soil_json_id", encode_path(path), buf, len(buf))
        return cls(s, buf.value.decode("utf-8", "replace"))

    @classmethod
    def load(cls, path, profile_id=None):
        """By extension: .json → JSON (``profile_id`` optional, must match), else DSSAT .SOL."""
        s = SoilProfileStruct()
        call_ctx("agro_soil_load", encode_path(path),
                 encode_text(profile_id, "profile_id") if profile_id else None, ctypes.byref(s))
        name = profile_id
        if not name:
            buf = ctypes.create_string_buffer(64)
            call_ctx("agro_soil_json_id", encode_path(path), buf, len(buf))
            name = buf.value.decode("utf-8", "replace")
        return cls(s, name)

    def validate(self):
        """Physical consistency check (raises AgrosimError naming the field)."""
        call_ctx("agro_soil_validate", ctypes.byref(self.struct), encode_text(self.name, "name"))

    def subdivide(self, max_thickness_cm):
        """Split layers thicker than ``max_thickness_cm`` in place into equal pieces no thicker
        than it; a split that would make a layer ``validate()`` refuses (thinner than
        ``SOIL_MIN_LAYER_CM``, or a layer 1 no thicker than its OXLT) raises AgrosimError naming
        ``max_thickness_cm``, the profile unchanged."""
        call_ctx("agro_soil_subdivide", ctypes.byref(self.struct),
                 as_float(max_thickness_cm, "max_thickness_cm"))

    def relayer_dssat(self, mesol=2):
        """Re-layer in place as DSSAT does before simulating (MESOL 1 LYRSET, 2 LYRSET2, the
        default, 3 unchanged); properties are thickness-weighted means of the file layers."""
        call_ctx("agro_soil_relayer_dssat", ctypes.byref(self.struct), as_int(mesol, "mesol"))

    def texture_classes(self):
        """USDA texture class of each layer (TEXTURE_* of this module; DSSAT TEXTURECLASS), from
        its clay and silt %; TEXTURE_UNKNOWN where they are missing or unclassifiable."""
        return [texture_class(self.struct.clay_pct[i], self.struct.silt_pct[i])
                for i in range(self.n_layers)]

    def thickness_cm(self, i):
        """Thickness of layer ``i`` (0-based), cm; IndexError outside the profile."""
        i = as_int(i, "i")
        if not 0 <= i < self.n_layers:
            raise IndexError("layer %d outside the profile (%d layers)" % (i, self.n_layers))
        return lib.fn("agro_soil_layer_thickness_cm")(ctypes.byref(self.struct), i)

    @property
    def n_layers(self):
        """The profile's number of layers, 0..SOIL_MAX_LAYERS: a count set outside that range
        (``soil.struct.n_layers = 41``) is a ValueError here, where the trimmed arrays would
        have had 40 layers (a count above the arrays' length) or 3 fewer (-3, a slice from
        the end) without a word, and the per-layer lists an IndexError naming nothing."""
        n = self.struct.n_layers
        if not 0 <= n <= SOIL_MAX_LAYERS:
            raise ValueError("n_layers: %d outside 0..%d (the layer arrays hold %d layers)"
                             % (n, SOIL_MAX_LAYERS, SOIL_MAX_LAYERS))
        return n

    def layer(self, name, numpy=None):
        """Layer array ``name`` trimmed to n_layers."""
        if name not in SOIL_LAYER_FIELDS:
            raise KeyError("%r is not a layer field (%s)" % (name, ", ".join(SOIL_LAYER_FIELDS)))
        return _arrays.vector(list(getattr(self.struct, name))[: self.n_layers], numpy)

    def layers(self):
        """List of per-layer dicts (top first)."""
        n = self.n_layers
        cols = {k: list(getattr(self.struct, k))[:n] for k in SOIL_LAYER_FIELDS}
        return [{k: cols[k][i] for k in SOIL_LAYER_FIELDS} for i in range(n)]

    def __getattr__(self, key):
        if key == "struct":
            raise AttributeError(key)
        if key in SOIL_LAYER_FIELDS:
            return self.layer(key)
        if key in dict(SoilProfileStruct._fields_):
            return getattr(self.struct, key)
        raise AttributeError(key)


    def __repr__(self):
        n = self.struct.n_layers
        if not 0 <= n <= SOIL_MAX_LAYERS:
            return "<agrosim.SoilProfile %s n_layers %d outside 0..%d>" % (self.name, n,
                                                                          SOIL_MAX_LAYERS)
        depth = self.struct.depth_cm[n - 1] if n > 0 else 0.0
        return "<agrosim.SoilProfile %s %d layers to %.0f cm>" % (self.name, n, depth)
