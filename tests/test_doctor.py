"""`earpiece doctor`: the bring-up check, run against the virtual earpiece (WAV microphone and
speaker) and through the raw REPL of a real MicroPython on a pseudo-terminal paced like a
115200-baud console, the same path it takes to a board."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import zlib
from pathlib import Path

import numpy as np
import pytest

from earpiece_host.audio import write_wav
from earpiece_tools import doctor
from earpiece_tools.sim import FIRMWARE_DIR, find_micropython
from ptys import PtyBridge


def room_then_speech(path: Path, speech_rms: float = 2000, seed: int = 3) -> Path:
    rng = np.random.default_rng(seed)
    t = np.arange(16000 * 4) / 16000
    room = rng.normal(0, 8, len(t))
    voice = speech_rms * np.sin(2 * np.pi * 180 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 3 * t))
    pcm = np.clip(np.concatenate([room, voice + room]), -32768, 32767).astype("<i2").tobytes()
    write_wav(path, pcm)
    return path


def rows_of(capsys) -> dict[str, tuple[str, str]]:
    """{check: (status, found and advice)} from `--json`."""
    rows = json.loads(capsys.readouterr().out)["rows"]
    return {r["check"]: (r["status"], r["found"] + " " + r["advice"]) for r in rows}


@pytest.mark.slow
def test_virtual_earpiece_passes_every_check(tmp_path: Path, capsys):
    mic = room_then_speech(tmp_path / "mic.wav")
    rc = doctor.main(["--sim", "--mic", str(mic), "--speaker", str(tmp_path / "spk.wav"),
                      "--battery-mv", "3900", "--wifi", "--no-prompt", "--json"])
    table = rows_of(capsys)
    assert rc == 0, table
    assert set(table) == {"chip", "MicroPython", "free heap", "pins", "battery", "microphone",
                          "speaker", "USB link", "USB downlink", "Wi-Fi link"}
    assert all(status == "pass" for status, _ in table.values()), table
    assert "tone at 1000 Hz" in table["speaker"][1]
    assert "0 of 200 frames lost" in table["USB link"][1]
    assert "0 of 200 frames lost" in table["Wi-Fi link"][1]  # to the doctor's own listener
    assert "0 of 200 frames lost" in table["USB downlink"][1]  # read by the firmware's link code


@pytest.mark.slow
def test_the_downlink_over_a_console_paced_at_115200_baud_carries_adpcm_replies(tmp_path: Path):
    """The virtual earpiece's serial link on a pty pair throttled like a 115200-baud console:
    200 ADPCM-sized frames paced as a reply all arrive, at the rate a reply needs."""
    bridge = PtyBridge(bytes_per_s=11520)
    target = doctor.SimTarget(room_then_speech(tmp_path / "mic.wav"), tmp_path / "spk.wav", 3900,
                              serial=(bridge.device_path, bridge.tool_path))
    args = {"config": "/config.json", "room_s": 1, "speech_s": 1, "link_frames": 10,
            "downlink_frames": 200, **target.args()}
    try:
        rows, results = doctor.run(target, args, None, out=open(os.devnull, "w"))
    finally:
        bridge.close()
    (down,) = [r for r in results if r.get("check") == "downlink"]
    assert (down["sent"], down["frames"], down["lost_frames"], down["bad_frames"]) == (200, 200, 0, 0)
    row = next(r for r in rows if r.check == "USB downlink")
    assert row.status == "pass", row
    rate_kb_s = float(row.found.split("kB/s")[0])
    assert doctor.DOWNLINK_BYTES_PER_S / 1000 * 0.9 <= rate_kb_s <= 11.6  # the line's ceiling
    assert bridge.relayed["to_device"] >= 200 * 177


def test_a_downlink_that_loses_frames_fails_with_what_to_do():
    system = {"check": "system", "chip": "esp32", "platform": "esp32", "micropython": "1.28.0",
              "machine": "x", "free_heap": 100000, "heap": 120000}
    lossy = {"check": "downlink", "sent": 200, "frames": 188, "lost_frames": 9, "bad_frames": 3,
             "bytes": 33000, "ms": 3700}
    row = next(r for r in doctor.judge([system, lossy], None, True, None, usb=True)
               if r.check == "USB downlink")
    assert row.status == "fail" and "12 of 200 frames lost, 3 corrupt" in row.found
    assert "260 bytes" in row.advice


@pytest.mark.slow
def test_a_silent_microphone_and_a_missing_battery_are_named_with_what_to_do(tmp_path: Path,
                                                                            capsys):
    rc = doctor.main(["--sim", "--speaker", str(tmp_path / "spk.wav"), "--no-prompt", "--json"])
    table = rows_of(capsys)
    assert rc == 1
    assert table["microphone"][0] == "fail" and "check mic_sd" in table["microphone"][1]
    assert table["battery"][0] == "warn" and "battery_adc" in table["battery"][1]


@pytest.mark.slow
def test_over_the_raw_repl_of_a_console_paced_at_115200_baud(tmp_path: Path, capsys):
    bridge = PtyBridge(bytes_per_s=11520)
    fd = os.open(bridge.device_path, os.O_RDWR)
    env = dict(os.environ, MICROPYPATH=f"{FIRMWARE_DIR}:.frozen")
    board = subprocess.Popen([find_micropython(), "-i"], stdin=fd, stdout=fd, stderr=fd, env=env)
    try:
        rc = doctor.main(["--port", bridge.tool_path, "--no-prompt", "--json",
                          "--config", str(tmp_path / "none.json")])
    finally:
        board.kill()
        board.wait()
        os.close(fd)
        bridge.close()
    table = rows_of(capsys)
    assert rc == 1  # this "board" has no microphone
    assert table["pins"][0] == "pass"
    assert table["speaker"][0] == "warn"  # nobody confirmed hearing it
    link = table["USB link"][1]
    assert "0 of 200 frames lost" in link and "fits ADPCM audio, not 16-bit PCM" in link
    rate_kb_s = float(link.split("kB/s")[0])
    assert rate_kb_s <= 12.5  # the paced line (11.52 kB/s), not the speed of a pipe
    assert bridge.relayed["to_tool"] >= 200 * 177
    # and down the same console, read by the probe from its stdin as the firmware reads USB
    assert table["USB downlink"][0] == "pass", table["USB downlink"]
    assert "0 of 200 frames lost" in table["USB downlink"][1]
    assert bridge.relayed["to_device"] >= 200 * 177


def test_lost_and_altered_frames_are_counted_and_fail_the_link():
    frames = b""
    for seq in range(10):
        body = struct.pack("<BBBHH", 1, 0x10, 0, seq, 4) + b"\x01\x02\x03\x04"
        frames += b"\xa5\x5a" + body + struct.pack("<I", zlib.crc32(body))
    bad = bytearray(frames)
    bad[17 * 3 + 11] ^= 0xFF  # one payload byte of the fourth frame
    good, seqs = doctor.parse_frames(bytes(bad[:17 * 9]))  # and the last frame never came
    assert good == 8 and 3 not in seqs
    rows = doctor.judge([{"check": "system", "chip": "esp32s3", "platform": "esp32",
                          "micropython": "1.28.0", "machine": "x", "free_heap": 100000,
                          "heap": 120000}],
                        doctor.LinkResult(10, good, len(bad), 1.0), True, None, usb=True)
    link = next(r for r in rows if r.check == "USB link")
    assert link.status == "fail" and "2 of 10 frames lost" in link.found
    rows = doctor.judge([{"check": "system", "chip": "esp32s3", "platform": "esp32",
                          "micropython": "1.28.0", "machine": "x", "free_heap": 100000,
                          "heap": 120000},
                         {"check": "wifi", "error": "did not join 'home' in 20 s (status 201)"}],
                        None, True, None, usb=True)
    wifi = next(r for r in rows if r.check == "Wi-Fi link")
    assert wifi.status == "fail" and "home" in wifi.found and "wifi_password" in wifi.advice


def test_a_board_running_its_firmware_is_told_to_start_in_safe_mode(capsys):
    bridge = PtyBridge()  # nothing answers: the firmware keeps Ctrl-C off
    try:
        rc = doctor.main(["--port", bridge.tool_path, "--no-prompt", "--json"])
    finally:
        bridge.close()
    assert rc == 2
    assert "safe mode" in capsys.readouterr().err
