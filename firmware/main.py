"""ESP32 entry point: read /config.json, build the board and run the app loop forever.

/config.json (written by the flasher and by `earpiece provision`) is read and validated by
config.py, which documents every key (docs/provisioning.md lists them); a bad field falls back
to its default, is printed on the console and shown with the LED's error pattern at boot, and a
file that cannot be read at all means defaults for the chip found (chip.py).
Holding the button while the board boots skips the app and leaves the REPL free (safe mode).
"""
import binascii

import machine

import pins as PN
from chip import detect
from provision import Provisioner, load_settings, report

CONFIG_PATH = "/config.json"
_CONFIG_ERROR_SHOW_MS = 3000


def _safe_mode(cfg: dict) -> bool:
    btn = machine.Pin(cfg["pins"]["button"], machine.Pin.IN, machine.Pin.PULL_UP)
    return btn.value() == (0 if PN.BUTTON_ACTIVE_LOW else 1)


def _settings(path: str) -> tuple:
    """load_settings, never fatal: whatever goes wrong with the file, the chip's defaults."""
    try:
        return load_settings(path)
    except Exception as e:  # MemoryError on a huge file, a filesystem error
        settings, messages, cfg, link = load_settings("")  # no file: defaults for this chip
        return settings, ["unreadable (" + repr(e) + "); using safe defaults"], cfg, link


def run(app, prov, usb: bool) -> None:
    """The loop, forever. Errors in a burst (5 in a minute) reset the board; so does anything
    that escapes the loop's handler, including KeyboardInterrupt on the USB link (Ctrl-C is off
    there, but a board must never fall to the REPL in an ear)."""
    try:
        while True:
            # the global exception handler: a bug is logged, reported to the host as an ERROR
            # and the loop starts clean
            if not app.step_guarded():
                machine.reset()
            if prov.restart_pending and not app.link_up:
                machine.reset()  # provisioned and the host said bye: boot with the new settings
    except KeyboardInterrupt:
        if usb:
            machine.reset()
        raise  # on Wi-Fi the console is free: Ctrl-C from a maker stops the program
    except Exception as e:  # outside the loop's handler (e.g. in provisioning): start clean
        import sys
        sys.print_exception(e)  # type: ignore[attr-defined]  # MicroPython's sys
        machine.reset()


def main() -> None:
    settings, messages, cfg, link = _settings(CONFIG_PATH)
    if _safe_mode(cfg):
        print("earpiece: button held at boot: safe mode, the REPL is yours")
        return
    import app as A
    from board_esp32 import Esp32Board

    device_id = cfg["device_id"] or ("ear-" + binascii.hexlify(machine.unique_id()).decode())
    report(messages, print)  # before the link starts: the USB console is still plain text
    board = Esp32Board(link=link, device_id=device_id, wifi_ssid=cfg["wifi_ssid"] or "",
                       wifi_password=cfg["wifi_password"] or "", pins=cfg["pins"],
                       led_active_low=cfg["led_active_low"],
                       battery_divider_ratio=cfg["battery_divider_ratio"], chip=detect())
    report(messages, None, board, _CONFIG_ERROR_SHOW_MS)
    app = A.App(board, A.Config(device_id=device_id, hands_free=cfg["hands_free"],
                                volume_pct=cfg["volume_pct"],
                                pairing_key=cfg["pairing_key"] or ""))
    # provisioning (CONFIG_GET / CONFIG) is honoured on the USB link only
    prov = Provisioner(CONFIG_PATH, settings, link == "usb", device_id)
    app.provision = prov
    run(app, prov, link == "usb")


if __name__ == "__main__":  # the board runs main.py as a script; tests import it
    main()
