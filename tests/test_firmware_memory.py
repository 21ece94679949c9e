"""Firmware memory discipline, measured in the MicroPython unix port with a 96 KB heap."""

from __future__ import annotations

import re

from firmware_harness import MPY_TESTS, run_mpy


def test_audio_loop_allocates_nothing_per_frame_in_96k_heap():
    # 1,000 mic frames up and 1,000 speech frames down (and 1,000 mic frames up with the
    # playback position while speaking) through the real App loop, with the
    # garbage collector disabled so that any allocation shows in gc.mem_alloc()
    res = run_mpy(MPY_TESTS / "test_memory.py", "1000", heap="96K")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "listen: frames 1000 growth 0" in res.stdout
    assert "speak: bytes 640000 gaps 0 growth 0" in res.stdout
    # ... while 1,000 mic frames went up as MIC_AUDIO_PLAYING (voice barge-in with positions)
    assert "speak: mic frames with positions 1000" in res.stdout
    found = re.search(r"peak heap: (\d+) bytes", res.stdout)
    assert found, res.stdout
    peak = int(found.group(1))
    assert 0 < peak < 96 * 1024
