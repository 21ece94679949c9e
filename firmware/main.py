"""ESP32 entry point: read /config.json, build the board and run the app loop forever.

/config.json (written by the flasher and at provisioning), every key optional:
{"link": "usb" or "tcp://HOST:7700" (or "host" + "port"), "wifi_ssid", "wifi_password",
"device_id", "pins": {signal: gpio}, "led_active_low", "battery_divider_ratio"}.
Holding the button while the board boots skips the app and leaves the REPL free (safe mode).
"""
import binascii
import json

import machine

import pins as PN


def _config() -> dict:
    try:
        with open("/config.json") as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def _safe_mode(cfg: dict) -> bool:
    gpio = (cfg.get("pins") or {}).get("button", PN.PINS["button"])
    btn = machine.Pin(gpio, machine.Pin.IN, machine.Pin.PULL_UP)
    return btn.value() == (0 if PN.BUTTON_ACTIVE_LOW else 1)


def main() -> None:
    cfg = _config()
    if _safe_mode(cfg):
        print("earpiece: button held at boot: safe mode, the REPL is yours")
        return
    import app as A
    from board_esp32 import Esp32Board

    device_id = cfg.get("device_id") or ("ear-" + binascii.hexlify(machine.unique_id()).decode())
    link = cfg.get("link") or (("tcp://" + cfg["host"] + ":" + str(cfg.get("port", 7700)))
                               if cfg.get("host") else "usb")
    pins = dict(PN.PINS)
    pins.update(cfg.get("pins") or {})
    board = Esp32Board(link=link, device_id=device_id, wifi_ssid=cfg.get("wifi_ssid", ""),
                       wifi_password=cfg.get("wifi_password", ""), pins=pins,
                       led_active_low=cfg.get("led_active_low", PN.LED_ACTIVE_LOW),
                       battery_divider_ratio=cfg.get("battery_divider_ratio",
                                                     PN.BATTERY_DIVIDER_RATIO_X10 / 10))
    app = A.App(board, A.Config(device_id=device_id))
    try:
        while True:
            app.step()
    except Exception as e:  # a bug: show it, then start clean rather than sit dead in an ear
        import sys
        sys.print_exception(e)
        machine.reset()


main()
