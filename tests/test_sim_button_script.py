"""A long button script reaches the virtual earpiece through a file.

The MicroPython unix port interns every command-line argument as a string whose length is kept
in one byte: an argument of 256 bytes or more stopped the firmware with "FATAL: uncaught NLR"
before it ran (a soak's --buttons of 26 taps). The script now goes in a file, and the launcher
refuses an over-long argument with a message instead of starting a firmware that dies.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from earpiece_tools import sim
from earpiece_tools.timeline import Kind, read_timeline
from firmware_harness import sim_env

pytestmark = pytest.mark.slow

TAPS_S = [0.5 + 0.05 * i for i in range(60)]  # 60 taps: "0.500:tap\n..." is 600 bytes


def test_sixty_scripted_taps_from_a_file_all_reach_the_firmware(tmp_path: Path):
    script = tmp_path / "buttons.txt"
    script.write_text("".join(f"{t:.3f}:tap\n" for t in TAPS_S))
    assert script.stat().st_size > sim.MAX_ARGUMENT_BYTES
    # no host: the earpiece keeps trying to connect while the script runs, as a board would
    cmd = sim.sim_command("tcp://127.0.0.1:9", timeline=tmp_path / "t.bin", buttons_file=script,
                          exit_when="never", duration_s=TAPS_S[-1] + 1.0)
    done = subprocess.run(cmd, env=sim_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "FATAL" not in done.stderr
    taps = [r for r in read_timeline(tmp_path / "t.bin") if r.kind == Kind.BUTTON]
    assert len(taps) == len(TAPS_S)
    assert all(r.a == 0 for r in taps)  # every one a tap
    # each came no earlier than its scripted time, in order
    assert all(r.t_us >= t * 1e6 for r, t in zip(taps, TAPS_S))
    assert [r.t_us for r in taps] == sorted(r.t_us for r in taps)


def test_a_script_too_long_for_an_argument_is_refused_with_what_to_do(tmp_path: Path):
    long_script = ",".join(f"{t:.3f}:tap" for t in TAPS_S)
    with pytest.raises(sim.SimError, match=r"599 bytes.*at most 255.*--buttons-file"):
        sim.sim_command("tcp://127.0.0.1:9", buttons=long_script)
    # the command line says the same, and starts nothing
    done = subprocess.run(["earpiece", "sim", "--connect", "tcp://127.0.0.1:9", "--buttons",
                           long_script], capture_output=True, text=True, timeout=60,
                          env=sim_env(), executable=sim.find_tool("earpiece"))
    assert done.returncode == 2
    assert "--buttons-file" in done.stderr and "Traceback" not in done.stderr


def test_the_firmware_refuses_a_button_file_it_cannot_read(tmp_path: Path):
    cmd = sim.sim_command("tcp://127.0.0.1:9", buttons_file=tmp_path / "missing.txt",
                          duration_s=1.0)
    done = subprocess.run(cmd, env=sim_env(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "cannot read the button script" in done.stderr and "missing.txt" in done.stderr
