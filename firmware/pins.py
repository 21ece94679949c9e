"""Default pins of the earpiece, as GPIO numbers: the Seeed XIAO ESP32S3 (default) and a plain
ESP32 dev board.

They follow hardware/pinout.json (boards "esp32s3" and "esp32"); tests/test_firmware_pins.py
fails when the two disagree.
"""

PINS = {
    "mic_sck": 7,
    "mic_ws": 8,
    "mic_sd": 9,
    "amp_bclk": 4,
    "amp_lrclk": 5,
    "amp_din": 6,
    "amp_sd": 43,
    "button": 2,
    "led": 21,
    "battery_adc": 1,
}
LED_ACTIVE_LOW = True
BUTTON_ACTIVE_LOW = True
BATTERY_DIVIDER_RATIO_X10 = 20  # 100 kOhm / 100 kOhm divider: battery = 2.0 x pin voltage
I2S_MIC_ID = 0
I2S_AMP_ID = 1

# Per board (hardware/pinout.json keys): the ESP32-S3 table above is the default.
ESP32_PINS = {
    "mic_sck": 32,
    "mic_ws": 25,
    "mic_sd": 33,
    "amp_bclk": 26,
    "amp_lrclk": 27,
    "amp_din": 22,
    "amp_sd": 23,
    "button": 18,
    "led": 19,
    "battery_adc": 35,
}
DEFAULT_BOARD = "esp32s3"
BOARD_PINS = {"esp32s3": PINS, "esp32": ESP32_PINS}
BOARD_LED_ACTIVE_LOW = {"esp32s3": True, "esp32": False}
BOARD_BATTERY_DIVIDER_RATIO_X10 = {"esp32s3": 20, "esp32": 20}
