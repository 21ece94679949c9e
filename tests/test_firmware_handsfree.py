"""Hands-free listening in the real firmware (MicroPython unix port, 96 KB heap) against a
stand-in host on a real socket: the device opens a turn on voice (LISTEN_START source 2) with
a 300 ms pre-roll, stays silent while the room is quiet, and ends a turn the host never ends."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import pytest

from earpiece_host.audio import write_wav
from earpiece_tools.sim import DEFAULT_HEAP, heap_bytes, parse_output, sim_command
from firmware_harness import sim_env
from firmware_harness import (LISTEN_START, LISTEN_STOP, MIC_AUDIO, STATUS, assert_mpy_script_passes,
                              noise_pcm)
from host_standin import HostStandIn, states


FRAME = 640
PREROLL_BYTES = 300 * 32  # 300 ms of 16 kHz 16-bit audio


def scaled_noise(seconds: float, seed: int, amplitude: int) -> bytes:
    """White noise with samples in [-amplitude, amplitude] (reproducible)."""
    raw = noise_pcm(seconds, seed)
    n = len(raw) // 2
    samples = struct.unpack(f"<{n}h", raw)
    return struct.pack(f"<{n}h", *(s * amplitude // 32768 for s in samples))


def run(port: int, tmp_path: Path, mic: bytes, *extra: str, duration_s: float = 20,
        exit_when: str = "never"):
    write_wav(tmp_path / "mic.wav", mic)
    cmd = sim_command(f"tcp://127.0.0.1:{port}", mic=tmp_path / "mic.wav",
                      speaker=tmp_path / "out.wav", timeline=tmp_path / "t.bin",
                      exit_when=exit_when, duration_s=duration_s)
    proc = subprocess.run([*cmd, "--hands-free", *extra], env=sim_env(), capture_output=True,
                          text=True, timeout=duration_s + 30)
    res = parse_output(proc.returncode, proc.stdout, proc.stderr)
    assert res.returncode == 0, res.stdout + res.stderr
    assert 0 < res.peak_heap_bytes < heap_bytes(DEFAULT_HEAP)
    return res


def test_energy_gate_and_pre_roll_under_micropython():
    assert_mpy_script_passes("test_vad.py", expect=("failures 0",))


@pytest.mark.slow
def test_voice_opens_a_turn_with_300_ms_of_pre_roll_bit_exact(tmp_path: Path):
    quiet = scaled_noise(1.5, 1, 300)       # a quiet room (mean |x| ~75)
    voice = scaled_noise(1.2, 2, 12000)      # "Samantha, ..." (loud)
    tail = scaled_noise(1.5, 3, 300)
    mic = quiet + voice + tail
    onset = len(quiet)                       # byte offset of the first loud sample
    # the host's endpointer ends the turn 0.2 s after the voice (pre-roll + 1.2 s + 0.2 s)
    host = HostStandIn(end_turn_after_bytes=PREROLL_BYTES + 70 * FRAME)
    port = host.start()
    try:
        res = run(port, tmp_path, mic, duration_s=5.5)
    finally:
        host.stop()
    assert not host.errors
    starts = host.of_type(LISTEN_START)
    assert [s.payload for s in starts] == [b"\x02"]  # one turn, opened by voice
    # nothing was sent while the room was quiet: every mic frame follows the voice LISTEN_START
    mics = host.of_type(MIC_AUDIO)
    assert mics and all(m.t_s >= starts[0].t_s for m in mics)
    assert host.of_type(STATUS)  # the link itself was alive before the turn
    up = host.uplink()
    # the turn starts exactly 300 ms before the onset, and every byte is the microphone's
    assert up[:PREROLL_BYTES] == mic[onset - PREROLL_BYTES:onset]
    assert up == mic[onset - PREROLL_BYTES:onset - PREROLL_BYTES + len(up)]
    assert len(up) >= PREROLL_BYTES + 70 * FRAME
    # the host's LISTEN_STOP ended it; the device reported listening -> thinking -> idle
    assert states(host) == [0, 1, 2, 0]
    assert res.summary["voice_turns"] == 1


@pytest.mark.slow
def test_quiet_room_and_noise_below_threshold_send_nothing(tmp_path: Path):
    # noise just under the detector's minimum level (mean |x| ~ 300 < 400), with bursts
    mic = scaled_noise(1.0, 4, 300) + scaled_noise(2.0, 5, 700) + scaled_noise(1.0, 6, 300)
    host = HostStandIn()
    port = host.start()
    try:
        res = run(port, tmp_path, mic, duration_s=4.5)
    finally:
        host.stop()
    assert not host.errors
    assert host.of_type(STATUS)  # welcomed and alive
    assert not host.of_type(LISTEN_START)
    assert not host.of_type(MIC_AUDIO)
    assert res.summary["voice_turns"] == 0
    assert res.summary["mic_frames"] >= 180  # the gate heard every frame of the 4 s WAV


@pytest.mark.slow
def test_device_ends_a_voice_turn_the_host_never_ends(tmp_path: Path):
    mic = scaled_noise(0.6, 7, 300) + scaled_noise(3.0, 8, 12000)
    host = HostStandIn()  # never sends LISTEN_STOP
    port = host.start()
    try:
        res = run(port, tmp_path, mic, "--max-utterance-s", "1.5", duration_s=4)
    finally:
        host.stop()
    assert not host.errors
    start = host.of_type(LISTEN_START)
    stops = host.of_type(LISTEN_STOP)
    assert [s.payload for s in start] == [b"\x02"]
    assert [s.payload for s in stops] == [b"\x04"]  # source: timeout
    assert 1.3 <= stops[0].t_s - start[0].t_s <= 2.5
    # pre-roll plus about 1.5 s of live audio, then nothing more
    frames_sent = len(host.of_type(MIC_AUDIO))
    assert 15 + 70 <= frames_sent <= 15 + 80, frames_sent
    assert all(m.t_s <= stops[0].t_s for m in host.of_type(MIC_AUDIO))
    assert states(host) == [0, 1, 2]  # waiting for the host's answer
    assert res.summary["voice_turns"] == 1
