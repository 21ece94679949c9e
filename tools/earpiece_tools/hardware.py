"""`make hardware`: regenerate every generated file in hardware/ (wiring diagrams, pinout.md, battery life)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from earpiece_tools import power, wiring
from earpiece_tools.pins import REPO_ROOT, PinoutError


def regenerate(out_dir: Path = REPO_ROOT / "hardware") -> list[Path]:
    return wiring.regenerate(out_dir) + power.regenerate(out_dir)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="earpiece-hardware", description=__doc__)
    parser.add_argument("--out-dir", type=Path, default=REPO_ROOT / "hardware")
    args = parser.parse_args(argv)
    try:
        for path in regenerate(args.out_dir):
            print(f"wrote {path}")
    except (PinoutError, power.PowerBudgetError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
