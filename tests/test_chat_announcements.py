"""`earpiece chat` in a real terminal: a timer that falls due is announced without the user pressing
Enter, exactly once, only then counted as delivered, and a half-typed line survives it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from earpiece_host.dialogue import open_engine
from ptys import PtyProcess

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_a_due_timer_is_announced_without_pressing_enter(tmp_path: Path) -> None:
    chat = PtyProcess([sys.executable, "-m", "earpiece_host.cli", "chat", "--data-dir", str(tmp_path), "--no-briefing",
                       "--seed", "1"], cwd=ROOT)
    try:
        chat.read_until("you: ", timeout_s=60)
        chat.type("set a timer for 2 seconds\n")
        chat.read_until("\nSamantha: ", timeout_s=30)  # the answer to the request
        chat.type("what's your")  # the user starts typing but does not press Enter
        # No more input from here on: the announcement must come by itself.
        shown = chat.read_until("(chime)", timeout_s=30)
        chat.read_until("\nyou: ", timeout_s=5)  # and the prompt is back for the user
        chat.type(" name\n")  # what was typed before the announcement is not lost
        shown = chat.read_until("Samantha.", timeout_s=30)
        chat.type("quit\n")
        assert chat.process.wait(timeout=30) == 0
    finally:
        chat.close()
    request, announcement = shown.index("set a timer for 2 seconds"), shown.index("(chime)")
    assert request < shown.index("\nSamantha: ") < announcement
    assert shown.count("(chime)") == 1
    line = shown[announcement:].splitlines()[0]
    assert line.startswith("(chime) ") and "timer" in line.lower()
    engine = open_engine(tmp_path, morning_briefing=False)
    try:
        assert engine.due_announcements() == []  # delivered once printed, never offered again
    finally:
        engine.close()
