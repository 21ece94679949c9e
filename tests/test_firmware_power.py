"""Power and health of the real firmware: battery level and low-battery flag in STATUS, the
LED pattern table, the watchdog feeding policy, the ESP32 adapter's own counters, the button
gestures, the per-frame CPU benchmark, the timeline clock over long runs, and the global
exception handler (a failure injected through the unix board: the loop recovers and the host
gets an ERROR)."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import pytest

from earpiece_host.audio import write_wav
from earpiece_tools.sim import DEFAULT_HEAP, heap_bytes, parse_output, sim_command
from firmware_harness import sim_env
from firmware_harness import LISTEN_START, MIC_AUDIO, STATUS, assert_mpy_script_passes, noise_pcm
from host_standin import HostStandIn, error_messages, states

MARK_LED = 17
MARK_RECOVERED = 20
LED_LOW_BATTERY = 7


def read_marks(path: Path) -> list[tuple[int, int, int, int]]:
    data = path.read_bytes()[16:]
    usable = len(data) - len(data) % 16
    return [struct.unpack_from("<QBxHI", data, i) for i in range(0, usable, 16)]


def run_sim(port: int, tmp_path: Path, *extra: str, duration_s: float, mic: bytes | None = None):
    mic_path = None
    if mic is not None:
        mic_path = tmp_path / "mic.wav"
        write_wav(mic_path, mic)
    cmd = sim_command(f"tcp://127.0.0.1:{port}", mic=mic_path, timeline=tmp_path / "t.bin",
                      exit_when="never", duration_s=duration_s)
    proc = subprocess.run([*cmd, *extra], env=sim_env(), capture_output=True, text=True,
                          timeout=duration_s + 30)
    return parse_output(proc.returncode, proc.stdout, proc.stderr)


def test_battery_curve_watchdog_policy_and_led_table_under_micropython():
    assert_mpy_script_passes("test_power.py", expect=("failures 0",))


def test_timeline_clock_is_right_after_12_minutes_of_wrapping_ticks():
    assert_mpy_script_passes("test_clock.py", expect=("elapsed 720 s", "failures 0"))


def test_esp32_board_counts_underruns_overruns_and_drives_led_wifi_power_and_watchdog():
    # machine.I2S/Pin/ADC/WDT, WLAN and the clock are recording stand-ins (no hardware here)
    assert_mpy_script_passes("test_board_esp32_health.py", expect=("failures 0",))


def test_button_gesture_sequences_through_the_state_machine():
    # tap to talk / tap to stop, hold = push-to-talk, double tap interrupts, bouncy contacts
    assert_mpy_script_passes("test_gestures.py", expect=("failures 0",))


def test_fwbench_reports_every_option_per_frame():
    from earpiece_tools.fwbench import run

    fig = run(frames=20)
    us = fig["us_per_frame"]
    assert set(us) == {"pack32to16_viper", "pack32to16_native_loop", "pack32to16_bytecode_loop",
                       "pack32to16_struct", "framing_encode_and_decode", "energy_gate",
                       "volume_scale", "crc32_viper_650B", "crc32_binascii_650B",
                       "sealed_mic_frame_encode", "sealed_speech_frame_decode",
                       "handshake_device_side_us", "adpcm_encode", "adpcm_decode"}
    assert all(v > 0 for v in us.values())
    assert fig["frame_budget_us"] == 20000


@pytest.mark.slow
def test_low_battery_is_reported_in_status_and_shown_on_the_led(tmp_path: Path):
    host = HostStandIn()
    port = host.start()
    try:
        res = run_sim(port, tmp_path, "--battery-mv", "3550", duration_s=1.5)
    finally:
        host.stop()
    assert res.returncode == 0, res.stdout + res.stderr
    status = host.of_type(STATUS)
    assert status
    (mv, pct, rssi, free, peak, underruns, overruns, bad, uptime) = struct.unpack(
        "<HBbIIIIII", status[0].payload[:31])
    assert (mv, pct, rssi) == (3550, 7, 0)  # 3.55 V: 7 % on the LiPo curve; not on Wi-Fi
    assert 0 < peak < heap_bytes(DEFAULT_HEAP) and free > 0
    assert (underruns, overruns, bad) == (0, 0, 0)
    assert res.summary["low_battery"] is True
    leds = [r[2] for r in read_marks(tmp_path / "t.bin") if r[1] == MARK_LED]
    assert leds[:3] == [4, 0, LED_LOW_BATTERY]  # connecting, idle, then low battery once known


@pytest.mark.slow
def test_a_failure_in_the_loop_is_reported_and_the_loop_recovers(tmp_path: Path):
    host = HostStandIn()
    port = host.start()
    try:
        res = run_sim(port, tmp_path, "--buttons", "0.8:tap,2.4:tap", "--fail-at-s", "1.4",
                      duration_s=3.2, mic=noise_pcm(4.0, 3))
    finally:
        host.stop()
    assert res.returncode == 0, res.stdout + res.stderr
    assert not host.errors
    # the host was told, in words a person can act on
    errors = error_messages(host)
    assert len(errors) == 1
    code, message = errors[0]
    assert code == 7 and "injected failure" in message and "restarted" in message
    # the device said it was back to idle, and the traceback went to the log
    assert "injected failure" in res.stderr and "Traceback" in res.stderr
    assert states(host) == [0, 1, 0, 1]
    # the loop lives on: the second tap opened a new turn and audio flowed after the error
    starts = host.of_type(LISTEN_START)
    assert [s.payload for s in starts] == [b"\x01", b"\x01"]
    after = [m for m in host.of_type(MIC_AUDIO) if m.t_s > starts[1].t_s]
    assert len(after) >= 20
    assert res.summary["errors"] == 1
    assert [r[2] for r in read_marks(tmp_path / "t.bin") if r[1] == MARK_RECOVERED] == [1]


def test_esp32_naps_in_light_sleep_when_idle_and_boosts_wifi_on_a_press_or_a_loud_frame():
    # light sleep only idle on Wi-Fi with no audio (never on USB, cut short for a blinking LED);
    # Wi-Fi power save while idle, full power from the first press or loud frame
    assert_mpy_script_passes("test_board_esp32_power.py", expect=("failures 0",))
