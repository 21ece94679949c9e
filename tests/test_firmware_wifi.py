"""The link to the host comes back by itself: when the host goes away the real firmware (unix
port, 96 KB heap) retries with exponential backoff and jitter, never in a tight loop, and the
session resumes when the host returns. Plus the backoff policy itself under MicroPython."""

from __future__ import annotations

import signal
import struct
import subprocess
import time
from pathlib import Path

import pytest

from earpiece_tools.sim import parse_output, sim_command
from firmware_harness import sim_env
from firmware_harness import HELLO, STATUS, assert_mpy_script_passes
from host_standin import HostStandIn, states

MARK_LINK_DOWN = 10
MARK_WELCOME = 11
MARK_CONNECT = 16  # a: 1 connected / 0 failed, b: ms until the next attempt


def read_marks(path: Path) -> list[tuple[int, int, int, int]]:
    """(t_us, kind, a, b) records of the sim's timeline (format in firmware/marks.py)."""
    data = path.read_bytes()[16:]
    usable = len(data) - len(data) % 16
    return [struct.unpack_from("<QBxHI", data, i) for i in range(0, usable, 16)]


def test_backoff_policy_under_micropython():
    assert_mpy_script_passes("test_backoff.py", expect=("failures 0",))


@pytest.mark.slow
def test_host_goes_away_device_backs_off_and_the_session_resumes(tmp_path: Path):
    host = HostStandIn()
    port = host.start()
    cmd = sim_command(f"tcp://127.0.0.1:{port}", timeline=tmp_path / "t.bin",
                      exit_when="never", duration_s=60)
    proc = subprocess.Popen(cmd, env=sim_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        assert host.wait_for(lambda: host.of_type(STATUS, conn=1), 10), "never welcomed"
        host.stop()  # the host goes away: its socket closes and nothing listens any more
        down_at = time.monotonic()
        # the outage lasts until the device has tried (and failed) at least 3 times
        assert wait_file_marks(tmp_path / "t.bin", lambda m: sum(
            1 for r in m if r[1] == MARK_CONNECT and r[2] == 0) >= 3, 20)
        outage_s = time.monotonic() - down_at
        host.start()  # the same port again
        assert host.wait_for(lambda: host.of_type(STATUS, conn=2), 20), "session did not resume"
        proc.send_signal(signal.SIGINT)  # a clean stop: the sim prints its summary
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        host.stop()
    res = parse_output(proc.returncode, out, err)
    assert res.returncode == 0, res.stdout + res.stderr
    assert not host.errors
    marks = read_marks(tmp_path / "t.bin")
    down = [r for r in marks if r[1] == MARK_LINK_DOWN]
    assert down and down[0][2] == 1  # noticed as a broken link
    failed = [r for r in marks if r[1] == MARK_CONNECT and r[2] == 0]
    attempts_t = [r[0] for r in failed]
    # no tight loop: a handful of attempts over the whole outage, never two within 0.4 s
    assert len(failed) <= 2 + outage_s, (len(failed), outage_s)
    gaps_s = [(b - a) / 1e6 for a, b in zip(attempts_t, attempts_t[1:])]
    assert all(g >= 0.4 for g in gaps_s), gaps_s
    # growing pauses: each planned delay at least the one before, and within [d/2, d] of
    # the doubling ceiling 1 s, 2 s, 4 s, ... (capped at 16 s)
    planned_ms = [r[3] for r in failed]
    assert all(b >= a for a, b in zip(planned_ms, planned_ms[1:])), planned_ms
    assert planned_ms[-1] > planned_ms[0], planned_ms
    for k, d in enumerate(planned_ms):
        ceiling = min(16000, 1000 << (k + 1))  # the first failure follows the link-down pause
        assert ceiling // 2 <= d <= ceiling, (k, d, planned_ms)
    # the device waited as planned: each gap is its planned delay (within one loop pass)
    for g, d in zip(gaps_s, planned_ms):
        assert d / 1000 - 0.05 <= g <= d / 1000 + 0.5, (g, d)
    # the session resumed: a new HELLO, a WELCOME, the device idle again on the new connection
    assert host.of_type(HELLO, conn=2)
    assert states(host, conn=2)[:1] == [0]
    assert res.summary["welcomes"] == 2
    assert sum(1 for r in marks if r[1] == MARK_WELCOME) == 2


def wait_file_marks(path: Path, pred, timeout_s: float) -> bool:
    """Poll the sim's timeline file (it is flushed in blocks) until pred(records) holds."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if path.exists() and pred(read_marks(path)):
            return True
        time.sleep(0.05)
    return False
