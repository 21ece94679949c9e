"""Which chip the firmware runs on, read from the MicroPython build itself.

`os.uname().machine` is "<board name> with <MCU name>" ("Generic ESP32 module with ESP32",
"Generic ESP32S3 module with Octal-SPIRAM with ESP32-S3"), so a board with no config.json still
gets its own chip's default pins (the S3's GPIO 6-9 are an ESP32's flash pins) and the ESP32's
I2S quirks are handled even when config.json names no board.
"""
import os


def detect(machine=None) -> str:
    """"esp32s3", "esp32", or "" (another chip, or the unix port)."""
    if machine is None:
        try:
            machine = os.uname().machine
        except AttributeError:
            return ""
    m = machine.upper()
    i = m.rfind(" WITH ")
    mcu = m[i + 6:] if i >= 0 else m
    if mcu.startswith("ESP32-S3") or mcu.startswith("ESP32S3"):
        return "esp32s3"
    # the original ESP32 in its variants: ESP32, ESP32-D2WD, ESP32-UNICORE, ESP32-PICO-D4
    if mcu == "ESP32" or mcu.startswith("ESP32-D") or mcu.startswith("ESP32-U") \
            or mcu.startswith("ESP32-PICO"):
        return "esp32"
    return ""
