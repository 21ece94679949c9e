"""The firmware codec (firmware/protocol.py) under the real MicroPython interpreter."""

from __future__ import annotations

import json

import pytest

from firmware_harness import MPY_TESTS, VECTORS, assert_mpy_script_passes, run_mpy


def test_firmware_codec_reproduces_every_golden_vector_byte_for_byte():
    vectors = json.loads((VECTORS / "vectors.json").read_text())
    streams = json.loads((VECTORS / "streams.json").read_text())
    res = run_mpy(MPY_TESTS / "test_vectors.py", str(VECTORS), heap=None)
    assert res.returncode == 0, res.stdout + res.stderr
    # every vector and every stream was checked, none skipped
    assert f"checked {len(vectors) + len(streams)} failures 0" in res.stdout


def test_every_message_type_has_a_golden_vector():
    vectors = json.loads((VECTORS / "vectors.json").read_text())
    names = {v["type"] for v in vectors}
    res = run_mpy(MPY_TESTS / "list_types.py", heap=None)
    assert res.returncode == 0, res.stderr
    firmware_types = set(res.stdout.split())
    assert firmware_types and firmware_types <= names, firmware_types - names


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_decoder_survives_seeded_random_damage(seed):
    # garbage, garbage between frames, truncated, oversized, single bit flips
    res = run_mpy(MPY_TESTS / "test_fuzz.py", str(seed), "800", heap="96K")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "cases 800 failures 0" in res.stdout


def test_the_frame_crc_never_makes_a_big_integer_on_a_32_bit_port():
    """Issue: binascii.crc32 returns ints >= 2**30 for most frames, heap-allocated on the ESP32.
    The codec's CRC stays in a machine word; a binascii that refuses such ints proves it."""
    res = assert_mpy_script_passes("test_crc_small_ints.py", "500",
                                   expect=("frames 1000 with a CRC >= 2**30:", "binascii calls: 0"))
    big = int(res.stdout.split("2**30: ")[1].split()[0])
    assert big > 500  # most frames would have made a big integer


def test_the_host_and_the_firmware_read_one_layout_table():
    """Every message: the same type code, name, layout letters and field names on both sides."""
    import json as _json

    from earpiece_host import protocol as p

    res = run_mpy(MPY_TESTS / "spec_table.py", heap=None)
    assert res.returncode == 0, res.stdout + res.stderr
    tables = _json.loads(res.stdout)
    firmware = {int(t): tuple((name, letters, tuple(fields)))
                for t, (name, letters, fields) in tables["spec"].items()}
    host = {code: (cls.NAME, cls.LAYOUT, cls.FIELDS) for code, cls in p.MESSAGE_TYPES.items()}
    assert host == firmware
    # the codec codes too: the same numbers, and the firmware offers every codec the host speaks
    from earpiece_host.link_audio import CODEC_NAMES, SUPPORTED

    offered = tables["codecs"].pop("offered")
    assert tables["codecs"] == CODEC_NAMES
    assert offered == sum(SUPPORTED) == p.CODEC_PCM16LE | p.CODEC_IMA_ADPCM
