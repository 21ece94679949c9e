"""The firmware's default pins (firmware/pins.py) are the ones in hardware/pinout.json."""

from __future__ import annotations

import json

import pytest

from earpiece_tools.pins import load_pinout
from firmware_harness import MPY_TESTS, run_mpy


@pytest.fixture(scope="module")
def firmware_tables(tmp_path_factory) -> dict:
    """pins.py and the chip rules as the firmware itself sees them, under MicroPython."""
    tmp = tmp_path_factory.mktemp("pins")
    res = run_mpy(MPY_TESTS / "test_config.py", str(tmp), "rules", heap=None)
    assert res.returncode == 0, res.stdout + res.stderr
    return json.loads(res.stdout)


def test_every_board_of_the_pinout_has_firmware_defaults(firmware_tables):
    pinout = load_pinout()
    assert set(firmware_tables["pins"]) == {b.key for b in pinout.boards}
    default = [b.key for b in pinout.boards if b.default]
    assert [firmware_tables["default_board"]] == default


@pytest.mark.parametrize("key", ["esp32s3", "esp32"])
def test_firmware_default_pins_match_the_pinout(firmware_tables, key):
    board = load_pinout().board(key)
    assert firmware_tables["pins"][key] == board.gpio_map(), (
        f"firmware/pins.py and hardware/pinout.json disagree for board {key}: "
        "copy the GPIOs from the pinout into pins.py")
    assert firmware_tables["led_active_low"][key] == board.led_active_low
    assert firmware_tables["divider_x10"][key] == round(board.divider.ratio * 10)
