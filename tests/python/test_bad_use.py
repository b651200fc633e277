"""Bad use of the binding: wrong arguments and wrong object life-cycles get a Python exception
that names the argument (and the file), never a crash, a silently different result or a file
written somewhere else (docs/python.md, "Errors")."""
import os
import shutil

import pytest

import agrosim
from agrosim import testing

DATA = os.path.join(testing.validation_dir(), "dssat")
WTH = os.path.join(DATA, "Weather", "UFGA8201.WTH")
SOL = os.path.join(DATA, "Soil", "SOIL.SOL")
SITE = os.path.join(testing.source_dir(), "models", "sites", "morogoro.json")


@pytest.fixture(scope="module")
def weather():
    return agrosim.Weather.generate(SITE, years=1, seed=3)


def test_a_nul_byte_in_a_path_is_refused_instead_of_cutting_the_name(tmp_path, weather):
    """C strings end at NUL: "w.csv\\0.bak" used to write (and replace) w.csv, and a reader
    silently read the file named by the part before the NUL."""
    target = tmp_path / "w.csv"
    with pytest.raises(ValueError, match="path: embedded NUL"):
        weather.write_csv(str(target) + "\0.bak")
    assert not target.exists() and os.listdir(tmp_path) == []
    wth = tmp_path / "UFGA8201.WTH"
    shutil.copy(WTH, wth)
    with pytest.raises(ValueError, match="NUL"):
        agrosim.Weather.load(str(wth) + "\0.junk")
    with pytest.raises(ValueError, match="empty path"):
        agrosim.Weather.load("")
    with pytest.raises(TypeError, match="path: expected a path"):
        agrosim.Weather.load(None)


def test_a_nul_byte_in_an_id_or_a_text_is_refused():
    with pytest.raises(ValueError, match="profile_id: embedded NUL"):
        agrosim.SoilProfile.load_dssat(SOL, "IBMZ910014\0xx")
    with pytest.raises(ValueError, match="cover: embedded NUL"):
        agrosim.soil_temp.options(cover="bare\0junk")
    with pytest.raises(ValueError, match="station: embedded NUL"):
        agrosim.Weather.generate(SITE, years=1, seed=3, station="A\0B")
    with pytest.raises(ValueError, match="text: embedded NUL"):
        agrosim.Scenario.from_text('{"schema_version": 1}\0 trailing')
    with pytest.raises(TypeError, match="profile_id: expected str"):
        agrosim.SoilProfile.load_dssat(SOL, None)


def test_a_full_disk_is_reported_with_the_file_and_the_reason(weather):
    """/dev/full fails every write with ENOSPC: the weather CSV writer said only "write error"."""
    with pytest.raises(agrosim.AgrosimError) as ei:
        weather.write_csv("/dev/full")
    assert ei.value.name == "AGRO_EIO"
    assert "/dev/full" in ei.value.message and "No space left on device" in ei.value.message
