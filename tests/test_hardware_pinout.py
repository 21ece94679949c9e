"""hardware/pinout.json obeys each chip's rules: no pin twice, battery on ADC1, no forbidden pin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from earpiece_tools.pins import (CHIPS, ESP32, ESP32S3, PINOUT_PATH, SIGNALS, PinoutError, check_board,
                                 load_pinout)


def test_the_committed_pinout_passes_every_rule():
    pinout = load_pinout()
    assert {b.key for b in pinout.boards} == {"esp32", "esp32s3"}
    assert [b.key for b in pinout.boards if b.default] == ["esp32s3"]
    for board in pinout.boards:
        assert check_board(board) == []
        assert sorted(board.gpio_map()) == sorted(SIGNALS)


@pytest.mark.parametrize("key", ["esp32", "esp32s3"])
def test_no_gpio_is_used_twice(key):
    gpios = list(load_pinout().board(key).gpio_map().values())
    assert len(gpios) == len(set(gpios))


@pytest.mark.parametrize("key", ["esp32", "esp32s3"])
def test_battery_is_on_an_adc1_channel(key):
    board = load_pinout().board(key)
    battery = board.pin("battery_adc")
    assert battery.gpio in CHIPS[board.chip].adc1_channels
    assert battery.adc == f"ADC1_CH{CHIPS[board.chip].adc1_channels[battery.gpio]}"


@pytest.mark.parametrize("key", ["esp32", "esp32s3"])
def test_no_forbidden_pin_is_used(key):
    board = load_pinout().board(key)
    rules = CHIPS[board.chip]
    used = set(board.gpio_map().values())
    assert not used & set(rules.forbidden), {g: rules.forbidden[g] for g in used & set(rules.forbidden)}


def test_forbidden_lists_cover_the_known_dangers():
    # Strapping pins, flash pins, and the console each chip is flashed through.
    assert {0, 2, 5, 12, 15} <= set(ESP32.forbidden) and set(range(6, 12)) <= set(ESP32.forbidden)
    assert {0, 3, 45, 46, 19, 20} <= set(ESP32S3.forbidden) and set(range(26, 33)) <= set(ESP32S3.forbidden)
    assert ESP32.source and ESP32S3.source


def _mutated(tmp_path: Path, key: str, signal: str, **change) -> Path:
    raw = json.loads(PINOUT_PATH.read_text())
    raw["boards"][key]["pins"][signal].update(change)
    path = tmp_path / "pinout.json"
    path.write_text(json.dumps(raw))
    return path


@pytest.mark.parametrize("key,signal,change,problem", [
    ("esp32s3", "battery_adc", {"gpio": 12, "adc": "ADC2_CH1"}, "not an ADC1 pin"),
    ("esp32", "battery_adc", {"gpio": 4, "adc": "ADC2_CH0"}, "not an ADC1 pin"),
    ("esp32s3", "button", {"gpio": 0}, "forbidden, strapping pin"),
    ("esp32s3", "led", {"gpio": 20}, "forbidden, USB D-/D+"),
    ("esp32s3", "mic_sd", {"gpio": 30}, "forbidden, SPI0/1 flash"),
    ("esp32", "amp_din", {"gpio": 7}, "forbidden, SPI flash"),
    ("esp32", "amp_sd", {"gpio": 12}, "forbidden, strapping pin"),
    ("esp32", "amp_bclk", {"gpio": 26 + 8}, "an output on an input-only pin"),
    ("esp32", "button", {"gpio": 36}, "no internal pull-up"),
    ("esp32", "led", {"gpio": 32}, "already used by mic_sck"),
    ("esp32s3", "mic_ws", {"gpio": 22}, "has no GPIO22"),
])
def test_a_broken_pinout_is_refused_with_the_reason(tmp_path, key, signal, change, problem):
    with pytest.raises(PinoutError, match=problem):
        load_pinout(_mutated(tmp_path, key, signal, **change))


def test_every_pin_says_why():
    raw = json.loads(PINOUT_PATH.read_text())
    for board in raw["boards"].values():
        for signal, pin in board["pins"].items():
            assert len(pin["note"]) > 20, signal


def test_pinout_md_lists_every_pin_of_every_board():
    text = (PINOUT_PATH.parent / "pinout.md").read_text()
    for board in load_pinout().boards:
        for pin in board.pins:
            assert f"GPIO{pin.gpio}" in text, (board.key, pin.signal)
