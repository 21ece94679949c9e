"""Default pins of the earpiece (Seeed XIAO ESP32S3), as GPIO numbers.

They follow hardware/pinout.json (board "esp32s3"); keep the two in step until a build step
generates this file from it.
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
