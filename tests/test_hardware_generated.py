"""The generated hardware files (wiring diagrams, battery-life table) are committed up to date.

Each generator writes into a temporary folder and the result must equal the committed file byte for
byte; if this fails, run `make hardware` and commit the result.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from earpiece_tools import power, wiring
from earpiece_tools.pins import load_pinout

HARDWARE = Path(__file__).resolve().parents[1] / "hardware"


@pytest.mark.parametrize("generator", [wiring, power], ids=["wiring", "power"])
def test_committed_files_are_not_stale(generator, tmp_path):
    written = generator.regenerate(tmp_path)
    assert written
    for path in written:
        committed = HARDWARE / path.name
        assert committed.exists(), f"{committed.name} is missing: run `make hardware`"
        assert committed.read_bytes() == path.read_bytes(), f"{committed.name} is stale: run `make hardware`"


@pytest.mark.parametrize("generator", [wiring, power], ids=["wiring", "power"])
def test_output_is_deterministic(generator, tmp_path):
    first = {p.name: p.read_bytes() for p in generator.regenerate(tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in generator.regenerate(tmp_path / "b")}
    assert first == second


def test_each_diagram_is_valid_svg_and_labels_every_pin(tmp_path):
    pinout = load_pinout()
    for board in pinout.boards:
        svg = (tmp_path / wiring.output_name(board))
        wiring.regenerate(tmp_path)
        root = ET.fromstring(svg.read_text())
        texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
        for pin in board.pins:
            assert f"GPIO{pin.gpio}" in texts and pin.signal in texts, (board.key, pin.signal)
        for part in ("INMP441", "MAX98357A", "button", "LED", "divider", "speaker"):
            assert part.lower() in texts.lower(), part


def test_a_pin_change_moves_the_diagram(tmp_path):
    raw = json.loads((HARDWARE / "pinout.json").read_text())
    raw["boards"]["esp32s3"]["pins"]["button"]["gpio"] = 44
    edited = tmp_path / "pinout.json"
    edited.write_text(json.dumps(raw))
    wiring.regenerate(tmp_path / "out", edited)
    text = (tmp_path / "out" / "wiring.svg").read_text()
    assert "GPIO44" in text and "GPIO2 (D1)" not in text


def test_battery_life_follows_the_budget(tmp_path):
    budget = power.load_budget()
    # The arithmetic a reader can redo: average current = sum of state currents weighted by time.
    typical = budget.patterns["typical"]
    shares = typical.shares()
    assert sum(shares.values()) == pytest.approx(1.0)
    average = sum(budget.state_current_ma(s) * f for s, f in shares.items())
    assert budget.average_current_ma("typical") == pytest.approx(average)
    assert budget.battery_life_h("typical", 300) == pytest.approx(300 * 0.85 / average)
    # More talking costs more battery; tethered on USB costs the battery nothing.
    assert budget.battery_life_h("light", 300) > budget.battery_life_h("typical", 300) > \
        budget.battery_life_h("heavy", 300)
    assert budget.state_current_ma("tethered_usb") == 0
    assert budget.state_current_ma("idle") < budget.state_current_ma("listening")
    # Doubling a cited figure changes the generated table.
    raw = json.loads((HARDWARE / "power_budget.json").read_text())
    raw["figures"]["esp32s3_wifi_rx_ma"]["value"] *= 2
    edited = tmp_path / "budget.json"
    edited.write_text(json.dumps(raw))
    assert power.load_budget(edited).average_current_ma("heavy") > budget.average_current_ma("heavy")


def test_every_budget_figure_is_cited():
    raw = json.loads((HARDWARE / "power_budget.json").read_text())
    for name, figure in raw["figures"].items():
        assert figure["kind"] in ("datasheet", "estimate"), name
        assert len(figure["source"]) > 30, name
        if figure["kind"] == "datasheet":
            assert "datasheet" in figure["source"].lower(), name


def test_a_budget_naming_an_unknown_figure_is_refused(tmp_path):
    raw = json.loads((HARDWARE / "power_budget.json").read_text())
    raw["states"]["idle"]["terms"].append(["no_such_figure_ma", 1])
    edited = tmp_path / "budget.json"
    edited.write_text(json.dumps(raw))
    with pytest.raises(power.PowerBudgetError, match="no_such_figure_ma"):
        power.load_budget(edited)


def test_main_entry_points_write_and_report(tmp_path, capsys):
    assert wiring.main(["--out-dir", str(tmp_path)]) == 0
    assert power.main(["--out-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "wiring.svg" in out and "battery_life.md" in out
