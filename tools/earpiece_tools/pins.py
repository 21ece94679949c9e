"""The earpiece pinout (hardware/pinout.json) as values, and the per-chip rules it must obey.

The forbidden-pin lists live here, next to their sources, so that a pin change that would stop a
board from booting, fight the flash chip or lose the USB console fails a test instead of a build.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

REPO_ROOT = Path(__file__).resolve().parents[2]
PINOUT_PATH = REPO_ROOT / "hardware" / "pinout.json"

#: Every signal the firmware drives or reads, in the order diagrams and tables list them.
SIGNALS = ("mic_sck", "mic_ws", "mic_sd", "amp_bclk", "amp_lrclk", "amp_din", "amp_sd", "button",
           "led", "battery_adc")
#: Signals the ESP32 drives: they cannot sit on an input-only pin.
OUTPUT_SIGNALS = frozenset({"mic_sck", "mic_ws", "amp_bclk", "amp_lrclk", "amp_din", "amp_sd", "led"})


class PinoutError(ValueError):
    """The pinout file is missing, malformed or breaks a chip rule."""


@dataclass(frozen=True)
class ChipRules:
    """What a chip allows: which GPIOs exist, which must never be used, and which ADC1 channels exist."""

    name: str
    gpios: frozenset[int]
    forbidden: Mapping[int, str]
    adc1_channels: Mapping[int, int]
    input_only: frozenset[int]
    source: str


def _reasons(*groups: tuple[range | tuple[int, ...], str]) -> Mapping[int, str]:
    table: dict[int, str] = {}
    for pins, reason in groups:
        for pin in pins:
            table[pin] = reason
    return MappingProxyType(table)


# Source: Espressif, ESP32 Series Datasheet, "Strapping Pins" and "Pin Definitions"; ESP-IDF
# Programming Guide for ESP32, API reference "GPIO & RTC GPIO" (which lists the SPI flash pins, the
# PSRAM pins of WROVER/PICO modules, the input-only pins 34-39 and the strapping pins).
ESP32 = ChipRules(
    name="esp32",
    gpios=frozenset([*range(0, 20), 21, 22, 23, 25, 26, 27, 32, 33, 34, 35, 36, 37, 38, 39]),
    forbidden=_reasons(
        ((0, 2, 5, 12, 15), "strapping pin: its level at reset selects boot mode, flash voltage or boot log"),
        (range(6, 12), "SPI flash (SD_CLK, SD_DATA0-3, SD_CMD): using it crashes the chip"),
        ((16, 17), "PSRAM on ESP32-WROVER modules"),
        ((1, 3), "UART0 TX/RX: the USB-serial console used for flashing and the tethered link"),
    ),
    adc1_channels=MappingProxyType({36: 0, 37: 1, 38: 2, 39: 3, 32: 4, 33: 5, 34: 6, 35: 7}),
    input_only=frozenset({34, 35, 36, 37, 38, 39}),
    source="ESP32 Series Datasheet (Espressif), 'Strapping Pins'; ESP-IDF Programming Guide (esp32), "
           "'GPIO & RTC GPIO'",
)

# Source: Espressif, ESP32-S3 Series Datasheet, "Strapping Pins" and "Pin Definitions"; ESP-IDF
# Programming Guide for ESP32-S3, API reference "GPIO & RTC GPIO" (SPI0/1 flash and PSRAM pins 26-32,
# octal flash/PSRAM pins 33-37, USB Serial/JTAG pins 19-20, strapping pins 0, 3, 45, 46).
ESP32S3 = ChipRules(
    name="esp32s3",
    gpios=frozenset([*range(0, 22), *range(26, 49)]),
    forbidden=_reasons(
        ((0, 3, 45, 46), "strapping pin: its level at reset selects boot mode, JTAG source or flash voltage"),
        (range(26, 33), "SPI0/1 flash and PSRAM"),
        (range(33, 38), "octal flash / octal PSRAM on R8 and N8R8 modules (the XIAO ESP32S3 has one)"),
        ((19, 20), "USB D-/D+: the native USB console used for flashing and the tethered link"),
    ),
    adc1_channels=MappingProxyType({pin: pin - 1 for pin in range(1, 11)}),
    input_only=frozenset(),
    source="ESP32-S3 Series Datasheet (Espressif), 'Strapping Pins'; ESP-IDF Programming Guide "
           "(esp32s3), 'GPIO & RTC GPIO'",
)

CHIPS: Mapping[str, ChipRules] = MappingProxyType({"esp32": ESP32, "esp32s3": ESP32S3})


@dataclass(frozen=True)
class Pin:
    signal: str
    gpio: int
    label: str
    note: str
    pull: str = ""
    adc: str = ""


@dataclass(frozen=True)
class Divider:
    r_top_ohm: int
    r_bottom_ohm: int
    ratio: float
    capacitor_nf: int


@dataclass(frozen=True)
class Board:
    """One board's pin assignment, keyed by the chip name used on the command line."""

    key: str
    chip: str
    name: str
    default: bool
    mic_i2s_id: int
    amp_i2s_id: int
    led_active_low: bool
    button_active_low: bool
    divider: Divider
    pins: tuple[Pin, ...]

    def pin(self, signal: str) -> Pin:
        for pin in self.pins:
            if pin.signal == signal:
                return pin
        raise KeyError(signal)

    def gpio_map(self) -> dict[str, int]:
        return {pin.signal: pin.gpio for pin in self.pins}


@dataclass(frozen=True)
class Pinout:
    boards: tuple[Board, ...]
    signals: Mapping[str, str]

    def board(self, key: str) -> Board:
        for board in self.boards:
            if board.key == key:
                return board
        known = ", ".join(b.key for b in self.boards)
        raise PinoutError(f"no board '{key}' in the pinout; known boards: {known}")


def load_pinout(path: Path = PINOUT_PATH) -> Pinout:
    """Read and check the pinout; raises PinoutError naming the file and the first problem."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise PinoutError(f"cannot read the pinout {path}: {exc}; restore it from the repository") from exc
    try:
        boards = tuple(_board(key, value) for key, value in raw["boards"].items())
        signals = MappingProxyType(dict(raw["signals"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise PinoutError(f"malformed pinout {path}: missing or bad field {exc}") from exc
    pinout = Pinout(boards=boards, signals=signals)
    problems = check_pinout(pinout)
    if problems:
        raise PinoutError(f"pinout {path} breaks the chip rules:\n  " + "\n  ".join(problems))
    return pinout


def _board(key: str, raw: dict) -> Board:
    pins = tuple(
        Pin(signal=signal, gpio=int(p["gpio"]), label=str(p["label"]), note=str(p["note"]),
            pull=str(p.get("pull", "")), adc=str(p.get("adc", "")))
        for signal, p in raw["pins"].items()
    )
    d = raw["battery_divider"]
    return Board(
        key=key, chip=str(raw["chip"]), name=str(raw["board"]), default=bool(raw["default"]),
        mic_i2s_id=int(raw["i2s"]["mic_id"]), amp_i2s_id=int(raw["i2s"]["amp_id"]),
        led_active_low=bool(raw["led_active_low"]), button_active_low=bool(raw["button_active_low"]),
        divider=Divider(r_top_ohm=int(d["r_top_ohm"]), r_bottom_ohm=int(d["r_bottom_ohm"]),
                        ratio=float(d["ratio"]), capacitor_nf=int(d["capacitor_nf"])),
        pins=pins,
    )


def check_board(board: Board) -> list[str]:
    """Every rule a board's pins must obey; an empty list means the board is safe to wire."""
    problems: list[str] = []
    rules = CHIPS.get(board.chip)
    if rules is None:
        return [f"{board.key}: unknown chip '{board.chip}' (known: {', '.join(CHIPS)})"]
    signals = [pin.signal for pin in board.pins]
    missing = [s for s in SIGNALS if s not in signals]
    unknown = [s for s in signals if s not in SIGNALS]
    if missing:
        problems.append(f"{board.key}: signals without a pin: {', '.join(missing)}")
    if unknown:
        problems.append(f"{board.key}: unknown signals: {', '.join(unknown)}")
    seen: dict[int, str] = {}
    for pin in board.pins:
        where = f"{board.key}.{pin.signal} (GPIO{pin.gpio})"
        if pin.gpio in seen:
            problems.append(f"{where}: GPIO{pin.gpio} is already used by {seen[pin.gpio]}")
        seen[pin.gpio] = pin.signal
        if pin.gpio not in rules.gpios:
            problems.append(f"{where}: {rules.name} has no GPIO{pin.gpio}")
        if pin.gpio in rules.forbidden:
            problems.append(f"{where}: forbidden, {rules.forbidden[pin.gpio]}")
        if pin.signal in OUTPUT_SIGNALS and pin.gpio in rules.input_only:
            problems.append(f"{where}: an output on an input-only pin")
        if pin.pull == "up" and pin.gpio in rules.input_only:
            problems.append(f"{where}: input-only pins have no internal pull-up")
        if not pin.note.strip():
            problems.append(f"{where}: no note saying why this pin")
    if "battery_adc" in signals:
        battery = board.pin("battery_adc")
        channel = rules.adc1_channels.get(battery.gpio)
        if channel is None:
            problems.append(f"{board.key}.battery_adc (GPIO{battery.gpio}): not an ADC1 pin "
                            "(ADC2 cannot be read while Wi-Fi is on)")
        elif battery.adc != f"ADC1_CH{channel}":
            problems.append(f"{board.key}.battery_adc: labelled {battery.adc!r}, but GPIO{battery.gpio} "
                            f"is ADC1_CH{channel}")
    if "button" in signals and board.pin("button").pull != "up":
        problems.append(f"{board.key}.button: needs the internal pull-up (pull: up)")
    ratio = (board.divider.r_top_ohm + board.divider.r_bottom_ohm) / board.divider.r_bottom_ohm
    if abs(ratio - board.divider.ratio) > 1e-6:
        problems.append(f"{board.key}: divider ratio {board.divider.ratio} does not match its resistors "
                        f"({ratio:g})")
    if board.mic_i2s_id == board.amp_i2s_id:
        problems.append(f"{board.key}: microphone and amplifier must use separate I2S peripherals")
    return problems


def check_pinout(pinout: Pinout) -> list[str]:
    problems = [p for board in pinout.boards for p in check_board(board)]
    defaults = [b.key for b in pinout.boards if b.default]
    if len(defaults) != 1:
        problems.append(f"exactly one board must be the default, found {defaults or 'none'}")
    return problems
