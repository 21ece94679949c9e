"""The timeline reader knows every record kind the firmware writes, under the same number."""

import re
from pathlib import Path

from earpiece_tools.timeline import Kind

BOARD = Path(__file__).resolve().parents[1] / "firmware" / "marks.py"


def test_every_firmware_mark_has_a_reader_kind_with_the_same_number():
    marks = {name: int(value) for name, value in
             re.findall(r"^MARK_([A-Z_]+)\s*=\s*const\((\d+)\)", BOARD.read_text(), re.M)}
    assert marks, "no MARK_* constants found in firmware/marks.py"
    readers = {kind.name: kind.value for kind in Kind}
    assert marks == readers
