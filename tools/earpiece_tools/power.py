"""Battery life of the earpiece per usage pattern, computed from hardware/power_budget.json.

The budget file holds the cited figures and how each state adds them up; this module only does the
arithmetic and writes hardware/battery_life.md, so a changed figure changes the table by `make hardware`.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from earpiece_tools.pins import REPO_ROOT

BUDGET_PATH = REPO_ROOT / "hardware" / "power_budget.json"
OUTPUT_NAME = "battery_life.md"

#: Figures computed from others rather than cited, with the formula shown in the generated page.
DERIVED_FIGURES = ("speaker_ma", "wifi_tx_over_rx_ma", "wifi_rx_over_awake_ma")


class PowerBudgetError(ValueError):
    """The power budget file is malformed: a state names a figure that does not exist, say."""


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    kind: str
    source: str


@dataclass(frozen=True)
class Term:
    figure: str
    factor: float
    factor_name: str  # the duty-cycle figure's name, or "" for a plain number

    def current_ma(self, figures: Mapping[str, Figure]) -> float:
        return figures[self.figure].value * self.factor


@dataclass(frozen=True)
class State:
    name: str
    about: str
    terms: tuple[Term, ...]

    def current_ma(self, figures: Mapping[str, Figure]) -> float:
        return sum(term.current_ma(figures) for term in self.terms)


@dataclass(frozen=True)
class UsagePattern:
    name: str
    about: str
    idle_state: str
    minutes_per_hour: Mapping[str, float]

    def shares(self) -> dict[str, float]:
        """Fraction of each hour spent in each state; the idle state takes what is left."""
        busy_min = sum(self.minutes_per_hour.values())
        if busy_min > 60:
            raise PowerBudgetError(f"usage pattern '{self.name}' has {busy_min} busy minutes in an hour")
        shares = {state: minutes / 60 for state, minutes in self.minutes_per_hour.items()}
        shares[self.idle_state] = shares.get(self.idle_state, 0.0) + (60 - busy_min) / 60
        return shares


@dataclass(frozen=True)
class PowerBudget:
    battery_nominal_v: float
    usable_capacity_fraction: float
    figures: Mapping[str, Figure]
    states: Mapping[str, State]
    patterns: Mapping[str, UsagePattern]
    capacities_mah: tuple[int, ...]

    def state_current_ma(self, state: str) -> float:
        return self.states[state].current_ma(self.figures)

    def average_current_ma(self, pattern: str) -> float:
        shares = self.patterns[pattern].shares()
        return sum(self.state_current_ma(state) * share for state, share in shares.items())

    def battery_life_h(self, pattern: str, capacity_mah: float) -> float:
        return capacity_mah * self.usable_capacity_fraction / self.average_current_ma(pattern)


def load_budget(path: Path = BUDGET_PATH) -> PowerBudget:
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        supply = raw["supply"]
        figures = {name: Figure(name, float(f["value"]), str(f["kind"]), str(f["source"]))
                   for name, f in raw["figures"].items()}
        battery_v = float(supply["battery_nominal_v"])
        figures.update(_derived(figures, battery_v))
        states = {name: State(name, str(s["about"]), tuple(_term(t, figures) for t in s["terms"]))
                  for name, s in raw["states"].items()}
        patterns = {name: UsagePattern(name, str(p["about"]), str(p["idle_state"]),
                                       {k: float(v) for k, v in p["minutes_per_hour"].items()})
                    for name, p in raw["usage_patterns"].items()}
        budget = PowerBudget(battery_v, float(supply["usable_capacity_fraction"]), figures, states,
                             patterns, tuple(int(c) for c in raw["battery_capacities_mah"]))
    except (OSError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise PowerBudgetError(f"cannot use the power budget {path}: {exc!r}; fix the file and run "
                               "`make hardware` again") from exc
    for pattern in patterns.values():
        for state in [pattern.idle_state, *pattern.minutes_per_hour]:
            if state not in states:
                raise PowerBudgetError(f"usage pattern '{pattern.name}' names unknown state '{state}'")
    return budget


def _derived(figures: Mapping[str, Figure], battery_v: float) -> dict[str, Figure]:
    """Figures that follow from the cited ones; differences avoid counting the chip's base twice."""
    value = {name: f.value for name, f in figures.items()}
    return {
        "speaker_ma": Figure(
            "speaker_ma", value["speech_output_mw"] / (value["max98357a_efficiency"] * battery_v),
            "derived", "speech_output_mw / (max98357a_efficiency x battery_nominal_v)"),
        "wifi_tx_over_rx_ma": Figure(
            "wifi_tx_over_rx_ma", value["esp32s3_wifi_tx_ma"] - value["esp32s3_wifi_rx_ma"], "derived",
            "esp32s3_wifi_tx_ma - esp32s3_wifi_rx_ma: the extra current while transmitting"),
        "wifi_rx_over_awake_ma": Figure(
            "wifi_rx_over_awake_ma", value["esp32s3_wifi_rx_ma"] - value["esp32s3_cpu_awake_ma"],
            "derived", "esp32s3_wifi_rx_ma - esp32s3_cpu_awake_ma: the extra current while the radio "
            "listens for a beacon"),
    }


def _term(raw: list, figures: Mapping[str, Figure]) -> Term:
    name, factor = raw
    if name not in figures:
        raise PowerBudgetError(f"unknown figure '{name}'")
    if isinstance(factor, str):
        if factor not in figures:
            raise PowerBudgetError(f"unknown duty figure '{factor}'")
        return Term(name, figures[factor].value, factor)
    return Term(name, float(factor), "")


def render_markdown(budget: PowerBudget) -> str:
    """The battery-life page: per-state breakdown, then hours per usage pattern and capacity."""
    out = [
        "# Battery life (generated)",
        "",
        "Generated by `tools/earpiece_tools/power.py` from `hardware/power_budget.json` "
        "(`make hardware`); do not edit by hand. Figures marked *estimate* are assumptions: "
        "measure your board and change the budget.",
        "",
        f"Battery {budget.battery_nominal_v:g} V nominal; "
        f"{budget.usable_capacity_fraction:.0%} of the rated capacity counted as usable.",
        "",
        "## Current in each state",
        "",
        "| state | battery current | what is on |",
        "|---|---:|---|",
    ]
    for state in budget.states.values():
        out.append(f"| {state.name} | {state.current_ma(budget.figures):.1f} mA | {state.about} |")
    out += ["", "## Where the current goes", ""]
    for state in budget.states.values():
        out += [f"### {state.name}", ""]
        if not state.terms:
            out += ["Nothing from the battery.", ""]
            continue
        out += ["| figure | value | factor | mA |", "|---|---:|---:|---:|"]
        for term in state.terms:
            figure = budget.figures[term.figure]
            factor = f"{term.factor:g}" + (f" ({term.factor_name})" if term.factor_name else "")
            out.append(f"| {figure.name} ({figure.kind}) | {figure.value:.3g} | {factor} | "
                       f"{term.current_ma(budget.figures):.2f} |")
        out.append("")
    out += ["## Battery life per usage pattern", "",
            "Minutes per hour in each state; the rest of the hour is spent in the pattern's idle state.",
            ""]
    header = "| pattern | listening min/h | speaking min/h | idle state | average | " + " | ".join(
        f"{c} mAh" for c in budget.capacities_mah) + " |"
    out += [header, "|---|---:|---:|---|---:|" + "---:|" * len(budget.capacities_mah)]
    for pattern in budget.patterns.values():
        hours = " | ".join(f"{budget.battery_life_h(pattern.name, c):.1f} h" for c in budget.capacities_mah)
        out.append(
            f"| {pattern.name}: {pattern.about} | {pattern.minutes_per_hour.get('listening', 0):g} | "
            f"{pattern.minutes_per_hour.get('speaking', 0):g} | {pattern.idle_state} | "
            f"{budget.average_current_ma(pattern.name):.1f} mA | {hours} |")
    out += ["", "## Sources", "", "| figure | kind | value | source |", "|---|---|---:|---|"]
    for figure in budget.figures.values():
        out.append(f"| {figure.name} | {figure.kind} | {figure.value:.3g} | {figure.source} |")
    return "\n".join(out) + "\n"


def regenerate(out_dir: Path = REPO_ROOT / "hardware", budget_path: Path = BUDGET_PATH) -> list[Path]:
    """Write battery_life.md into out_dir; returns the files written. Same input, same bytes."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / OUTPUT_NAME
    path.write_text(render_markdown(load_budget(budget_path)), encoding="utf-8", newline="\n")
    return [path]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="earpiece-power", description=__doc__)
    parser.add_argument("--budget", type=Path, default=BUDGET_PATH, help="power budget JSON")
    parser.add_argument("--out-dir", type=Path, default=REPO_ROOT / "hardware",
                        help="where battery_life.md goes")
    args = parser.parse_args(argv)
    try:
        for path in regenerate(args.out_dir, args.budget):
            print(f"wrote {path}")
    except PowerBudgetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
