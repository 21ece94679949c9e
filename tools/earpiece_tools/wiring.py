"""Wiring diagrams (SVG) generated from hardware/pinout.json, one per board.

Signal wires run straight across from the board's pin to the part's pin; power and ground are drawn as
net labels (3V3, GND, BAT+) so the picture stays readable. Output is deterministic, so a test can tell
when the committed diagrams are stale.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from earpiece_tools.pins import (CHIPS, PINOUT_PATH, REPO_ROOT, SIGNALS, Board, Pinout, PinoutError,
                                 load_pinout)

ROW_PX = 30
GAP_PX = 26
TOP_PX = 110
BOARD_X, BOARD_W = 40, 270
PART_X, PART_W = 610, 200
NET_X = PART_X + PART_W + 14
WIDTH_PX = 1120
CHIP_NAMES = {"esp32": "ESP32", "esp32s3": "ESP32-S3"}
FONT = "font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\""


@dataclass(frozen=True)
class PartPin:
    name: str
    signal: str = ""  # a signal wired to the board (left side)
    net: str = ""  # a power net or a local connection (right side)


@dataclass(frozen=True)
class Part:
    title: str
    subtitle: str
    colour: str
    left: tuple[PartPin, ...]
    right: tuple[PartPin, ...]
    extra: str = ""  # a small box drawn to the right, e.g. the speaker
    onboard: bool = False


def parts_for(board: Board) -> tuple[Part, ...]:
    """The parts around the board, in the order they are stacked top to bottom."""
    divider = board.divider
    led_right = (PartPin("", net="built in: nothing to wire"),) if board.led_active_low else (
        PartPin("cathode", net="GND"),)
    return (
        Part("INMP441 microphone", f"I2S{board.mic_i2s_id} rx", "#1f77b4",
             left=(PartPin("SCK", "mic_sck"), PartPin("WS", "mic_ws"), PartPin("SD", "mic_sd")),
             right=(PartPin("VDD", net="3V3"), PartPin("GND", net="GND"), PartPin("L/R", net="GND (left slot)"))),
        Part("MAX98357A amplifier", f"I2S{board.amp_i2s_id} tx", "#d62728",
             left=(PartPin("BCLK", "amp_bclk"), PartPin("LRC", "amp_lrclk"), PartPin("DIN", "amp_din"),
                   PartPin("SD", "amp_sd")),
             right=(PartPin("VIN", net="BAT+"), PartPin("GND", net="GND"), PartPin("OUT+", net="speaker +"),
                    PartPin("OUT-", net="speaker -")),
             extra="speaker\n8 Ohm, 0.5-1 W"),
        Part("Push button", "to GND, internal pull-up", "#2ca02c",
             left=(PartPin("1", "button"),), right=(PartPin("2", net="GND"),)),
        Part("Status LED", ("on-board, active low" if board.led_active_low
                            else "anode via 1 kOhm, active high"), "#9467bd",
             left=(PartPin("anode" if not board.led_active_low else "LED", "led"),), right=led_right,
             onboard=board.led_active_low),
        Part("Battery divider", f"{divider.r_top_ohm // 1000}k + {divider.r_bottom_ohm // 1000}k, "
             f"{divider.capacitor_nf} nF, ratio {divider.ratio:g}", "#8c564b",
             left=(PartPin("mid", "battery_adc"),),
             right=(PartPin("top", net="BAT+"), PartPin("bottom", net="GND"))),
    )


def _text(x: float, y: float, text: str, size: int = 13, anchor: str = "start", weight: str = "normal",
          fill: str = "#222") -> str:
    return (f'<text x="{x:g}" y="{y:g}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}" {FONT}>{escape(text)}</text>')


def render_svg(board: Board, signals_doc: dict[str, str]) -> str:
    """One board's wiring diagram as SVG text."""
    parts = parts_for(board)
    body: list[str] = []
    y = TOP_PX
    wire_rows: list[tuple[float, str, str]] = []  # (y, signal, colour)
    for part in parts:
        rows = max(len(part.left), len(part.right))
        height = rows * ROW_PX + 34
        body.append(f'<rect x="{PART_X}" y="{y}" width="{PART_W}" height="{height}" rx="6" '
                    f'fill="#fafafa" stroke="{part.colour}" stroke-width="2"/>')
        body.append(_text(PART_X + PART_W / 2, y + 16, part.title, 13, "middle", "bold"))
        body.append(_text(PART_X + PART_W / 2, y + 29, part.subtitle, 10, "middle", fill="#555"))
        for i, pin in enumerate(part.left):
            py = y + 34 + i * ROW_PX + ROW_PX / 2
            body.append(_text(PART_X + 8, py + 4, pin.name, 12))
            wire_rows.append((py, pin.signal, part.colour))
        for i, pin in enumerate(part.right):
            py = y + 34 + i * ROW_PX + ROW_PX / 2
            body.append(_text(PART_X + PART_W - 8, py + 4, pin.name, 12, "end"))
            body.append(f'<line x1="{PART_X + PART_W}" y1="{py:g}" x2="{NET_X}" y2="{py:g}" '
                        f'stroke="#444" stroke-width="1.5"/>')
            body.append(_text(NET_X + 4, py + 4, pin.net, 12, weight="bold", fill=_net_colour(pin.net)))
        if part.extra:
            ex, ey = NET_X + 150, y + 34 + 2 * ROW_PX
            for k in range(2):  # OUT+ and OUT- run to the speaker's two terminals
                wy = ey + ROW_PX / 2 + k * ROW_PX
                body.append(f'<line x1="{NET_X + 92}" y1="{wy:g}" x2="{ex}" y2="{wy:g}" '
                            f'stroke="{part.colour}" stroke-width="2"/>')
            body.append(f'<rect x="{ex}" y="{ey}" width="110" height="{2 * ROW_PX}" rx="6" fill="#fff" '
                        f'stroke="{part.colour}" stroke-width="2"/>')
            for j, line in enumerate(part.extra.split("\n")):
                body.append(_text(ex + 55, ey + 25 + j * 15, line, 11 if j else 12, "middle",
                                  "bold" if j == 0 else "normal"))
        y += height + GAP_PX

    board_top = TOP_PX
    board_bottom = y - GAP_PX + 150
    body.insert(0, f'<rect x="{BOARD_X}" y="{board_top}" width="{BOARD_W}" '
                   f'height="{board_bottom - board_top}" rx="8" fill="#eef3f8" stroke="#333" stroke-width="2"/>')
    body.append(_text(BOARD_X + BOARD_W / 2, board_top - 12, board.name.split(" (")[0].split(" with ")[0], 14, "middle", "bold"))
    for py, signal, colour in wire_rows:
        pin = board.pin(signal)
        label = f"GPIO{pin.gpio}" + (f" ({pin.label})" if not pin.label.startswith("IO") else "")
        body.append(_text(BOARD_X + BOARD_W - 8, py + 4, label, 12, "end", "bold"))
        dashed = ' stroke-dasharray="6 4"' if signal == "led" and board.led_active_low else ""
        body.append(f'<line x1="{BOARD_X + BOARD_W}" y1="{py:g}" x2="{PART_X}" y2="{py:g}" '
                    f'stroke="{colour}" stroke-width="2.5"{dashed}/>')
        body.append(f'<circle cx="{BOARD_X + BOARD_W}" cy="{py:g}" r="3.5" fill="{colour}"/>')
        body.append(f'<circle cx="{PART_X}" cy="{py:g}" r="3.5" fill="{colour}"/>')
        extra = f" {pin.adc}" if pin.adc else ""
        body.append(_text((BOARD_X + BOARD_W + PART_X) / 2, py - 5, signal + extra, 11, "middle",
                          fill=colour))
    py = board_bottom - 118
    body.append(_text(BOARD_X + 12, py, "Power pins", 12, weight="bold"))
    for i, (name, net) in enumerate(_board_power(board)):
        body.append(_text(BOARD_X + 12, py + 20 + i * 20, name, 12))
        body.append(_text(BOARD_X + BOARD_W - 8, py + 20 + i * 20, net, 12, "end", "bold",
                          _net_colour(net)))

    height_px = board_bottom + 90
    legend_y = board_bottom + 30
    legend = [
        "Net labels: pins marked with the same label (3V3, GND, BAT+) are wired together. "
        "LiPo cell: + to BAT+, - to GND.",
        f"Button and battery divider share the board's GND. Mic on I2S{board.mic_i2s_id}, amplifier on "
        f"I2S{board.amp_i2s_id}: separate peripherals, so listening and speaking can overlap.",
        "Generated from hardware/pinout.json by tools/earpiece_tools/wiring.py; do not edit by hand.",
    ]
    for i, line in enumerate(legend):
        body.append(_text(BOARD_X, legend_y + i * 18, line, 11, fill="#444"))
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH_PX}" height="{height_px}" '
        f'viewBox="0 0 {WIDTH_PX} {height_px}">',
        f'<rect x="0" y="0" width="{WIDTH_PX}" height="{height_px}" fill="#ffffff"/>',
        _text(BOARD_X, 34, f"Earpiece wiring: {CHIP_NAMES.get(board.chip, board.chip)} ({board.key})", 20, weight="bold"),
        _text(BOARD_X, 56, board.name, 12, fill="#555"),
    ]
    return "\n".join(head + body + ["</svg>"]) + "\n"


def _board_power(board: Board) -> tuple[tuple[str, str], ...]:
    if board.chip == "esp32s3":
        return (("3V3 pin", "3V3"), ("GND pin", "GND"), ("BAT+ pad (back)", "BAT+"),
                ("BAT- pad (back)", "GND"), ("5V pin (USB)", "not used"))
    return (("3V3 pin", "3V3"), ("GND pin", "GND"), ("5V pin", "5 V boost from BAT+"),
            ("USB", "bench power"))


def _net_colour(net: str) -> str:
    if net.startswith("GND"):
        return "#333333"
    if net.startswith("BAT"):
        return "#c0392b"
    if net.startswith("3V3"):
        return "#e67e22"
    return "#555555"


def render_pinout_md(pinout: Pinout) -> str:
    """hardware/pinout.md: the pin tables with each pin's reasoning, and the pins each chip forbids."""
    out = [
        "# Earpiece pinout (generated)",
        "",
        "Generated from `hardware/pinout.json` by `tools/earpiece_tools/wiring.py` (`make hardware`); edit "
        "the JSON, not this page. The firmware's default pins, the wiring diagrams and the config written "
        "by `earpiece flash` all come from that file.",
        "",
        "How the pins were chosen:",
        "",
        "- **Never** a strapping pin (its level at reset picks the boot mode or flash voltage), a pin of "
        "the SPI flash or PSRAM, or the USB / UART console the board is flashed through. The lists are "
        "below and in `tools/earpiece_tools/pins.py`, which a test checks every pin against.",
        "- **Battery on ADC1.** ADC2 is shared with the Wi-Fi radio and cannot be read while Wi-Fi is on.",
        "- **Two I2S peripherals**: the microphone on I2S0 (receive) and the amplifier on I2S1 (transmit), "
        "so the device can listen while it speaks (barge-in). Both chips have two.",
        "- **Button to GND** with the internal pull-up (no resistor); never on an input-only pin, which has "
        "no pull-up.",
        "- Wires of one part sit next to each other on the header where the board allows it.",
        "",
    ]
    for board in pinout.boards:
        out += [f"## {board.key}: {board.name}" + (" (default)" if board.default else ""), "",
                f"Microphone on I2S{board.mic_i2s_id}, amplifier on I2S{board.amp_i2s_id}. LED active "
                f"{'low' if board.led_active_low else 'high'}. Battery divider {board.divider.r_top_ohm} Ohm "
                f"over {board.divider.r_bottom_ohm} Ohm (ratio {board.divider.ratio:g}), "
                f"{board.divider.capacitor_nf} nF across the lower resistor.", "",
                "| signal | GPIO | board label | why this pin |", "|---|---:|---|---|"]
        for signal in SIGNALS:
            pin = board.pin(signal)
            extra = f" ({pin.adc})" if pin.adc else ""
            out.append(f"| {signal} | GPIO{pin.gpio}{extra} | {pin.label} | {pin.note} |")
        out.append("")
    out += ["## Pins never used", ""]
    for rules in CHIPS.values():
        out += [f"### {rules.name}", "", f"Source: {rules.source}.", "", "| GPIO | why not |", "|---|---|"]
        for gpio in sorted(rules.forbidden):
            out.append(f"| GPIO{gpio} | {rules.forbidden[gpio]} |")
        if rules.input_only:
            out.append(f"| GPIO{', GPIO'.join(map(str, sorted(rules.input_only)))} | input only, no "
                       "internal pull-up: fine for analog or data in, never for an output or the button |")
        out.append("")
    out += ["## Signals", "", "| signal | meaning |", "|---|---|"]
    out += [f"| {name} | {text} |" for name, text in pinout.signals.items()]
    return "\n".join(out) + "\n"


def output_name(board: Board) -> str:
    return "wiring.svg" if board.default else f"wiring-{board.key}.svg"


def regenerate(out_dir: Path = REPO_ROOT / "hardware", pinout_path: Path = PINOUT_PATH) -> list[Path]:
    """Write one SVG per board (the default board's is wiring.svg) and pinout.md; returns the paths."""
    pinout: Pinout = load_pinout(pinout_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for board in pinout.boards:
        path = out_dir / output_name(board)
        path.write_text(render_svg(board, dict(pinout.signals)), encoding="utf-8", newline="\n")
        written.append(path)
    table = out_dir / "pinout.md"
    table.write_text(render_pinout_md(pinout), encoding="utf-8", newline="\n")
    written.append(table)
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="earpiece-wiring", description=__doc__)
    parser.add_argument("--pinout", type=Path, default=PINOUT_PATH)
    parser.add_argument("--out-dir", type=Path, default=REPO_ROOT / "hardware")
    args = parser.parse_args(argv)
    try:
        for path in regenerate(args.out_dir, args.pinout):
            print(f"wrote {path}")
    except PinoutError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
