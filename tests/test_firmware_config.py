"""config.json on the device: every field validated, load/save, redaction and the provisioning
answers, run in the real MicroPython interpreter (tests/mpy/test_config.py)."""

from __future__ import annotations

import json

import pytest

from earpiece_tools.image import config_bytes, default_config
from earpiece_tools.pins import CHIPS
from firmware_harness import MPY_TESTS, run_mpy


def test_every_config_field_is_validated_under_micropython(tmp_path):
    res = run_mpy(MPY_TESTS / "test_config.py", str(tmp_path), heap="96K")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "failures 0" in res.stdout
    checked = int(res.stdout.split("checked ")[1].split()[0])
    assert checked >= 120, res.stdout  # no case silently skipped


def test_firmware_pin_rules_match_the_hardware_tools(tmp_path):
    """The firmware refuses exactly the GPIOs the pinout checker forbids, per chip."""
    res = run_mpy(MPY_TESTS / "test_config.py", str(tmp_path), "rules", heap=None)
    assert res.returncode == 0, res.stdout + res.stderr
    chips = json.loads(res.stdout)["chips"]
    assert set(chips) == set(CHIPS)
    for key, rules in CHIPS.items():
        fw = chips[key]
        assert fw["gpios"] == sorted(rules.gpios), key
        assert fw["forbidden"] == sorted(rules.forbidden), key
        assert fw["adc1"] == sorted(rules.adc1_channels), key
        assert fw["input_only"] == sorted(rules.input_only), key


@pytest.mark.parametrize("chip", ["esp32s3", "esp32"])
def test_the_config_the_flasher_writes_is_valid_on_the_device(tmp_path, chip):
    path = tmp_path / "config.json"
    path.write_bytes(config_bytes(default_config(chip)))
    res = run_mpy(MPY_TESTS / "test_config.py", str(tmp_path), "check", str(path), heap=None)
    assert res.returncode == 0, res.stdout + res.stderr
    assert json.loads(res.stdout) == []


def test_a_bad_config_file_is_named_field_by_field(tmp_path):
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"board": "esp32", "pins": {"mic_sd": 6}, "volume_pct": "loud"}))
    res = run_mpy(MPY_TESTS / "test_config.py", str(tmp_path), "check", str(path), heap=None)
    assert res.returncode == 0, res.stdout + res.stderr
    assert json.loads(res.stdout) == ["pins.mic_sd: GPIO 6 is a flash pin on the ESP32",
                                      "volume_pct: 0 to 100"]


def test_default_pins_follow_the_chip_and_a_bad_byte_in_config_json_means_defaults(tmp_path):
    """No config.json on an ESP32: its own pins, and safe mode reads its own button; a bad
    byte anywhere in config.json falls back to the chip's defaults instead of stopping boot."""
    res = run_mpy(MPY_TESTS / "test_chip.py", str(tmp_path), heap=None)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "failures 0" in res.stdout
    assert "tried 48" in res.stdout
