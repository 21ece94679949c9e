"""The firmware's pure core (state machine, playback buffer, volume) under real MicroPython."""

from __future__ import annotations

from firmware_harness import MPY_TESTS, run_mpy


def test_state_machine_every_state_and_event():
    res = run_mpy(MPY_TESTS / "test_device.py", heap=None)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "checked 105 failures 0" in res.stdout


def test_playback_ring_player_and_volume():
    res = run_mpy(MPY_TESTS / "test_audio.py", heap=None)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "failures 0" in res.stdout


def test_button_gestures_tap_double_hold_and_debounce():
    res = run_mpy(MPY_TESTS / "test_buttons.py", heap=None)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "failures 0" in res.stdout


def test_esp32_board_adapter_packs_mic_pads_speaker_and_scales_battery():
    # machine.I2S/Pin/ADC are replaced by recording stand-ins: the unix port has no hardware
    res = run_mpy(MPY_TESTS / "test_board_esp32.py", heap=None)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "failures 0" in res.stdout
