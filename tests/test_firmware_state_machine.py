"""The firmware's pure core (state machine, playback buffer, volume) under real MicroPython."""

from __future__ import annotations

from firmware_harness import assert_mpy_script_passes


def test_state_machine_every_state_and_event():
    assert_mpy_script_passes("test_state_machine.py", expect=("checked 112 failures 0",))


def test_playback_ring_player_and_volume():
    assert_mpy_script_passes("test_audio.py", expect=("failures 0",))


def test_button_gestures_tap_double_hold_and_debounce():
    assert_mpy_script_passes("test_buttons.py", expect=("failures 0",))


def test_esp32_board_adapter_packs_mic_pads_speaker_and_scales_battery():
    # machine.I2S/Pin/ADC are replaced by recording stand-ins: the unix port has no hardware
    assert_mpy_script_passes("test_board_esp32.py", expect=("failures 0",))


def test_esp32_adapter_against_stand_ins_that_behave_like_the_esp32_port():
    # one pending I2S transfer per object, callbacks through a scheduler queue of 8, exact-length
    # stdin reads, the ESP32's swapped 16-bit mono output, Ctrl-C, Wi-Fi and DNS errors: one
    # block per defect a real board would have hit (tests/mpy/standins.py says what is modelled)
    assert_mpy_script_passes("test_board_esp32_driver.py", expect=("failures 0",))
