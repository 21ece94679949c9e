"""The device's settings (config.json): defaults, validation of every field, load and atomic save.

One module decides what each setting may be, so boot (main.py), provisioning (provision.py) and
the tests agree. At boot a bad field falls back to its safe default with a message naming the
field; over provisioning the first bad field refuses the whole change. The file holds only the
settings a maker chose: defaults (pins from hardware/pinout.json via pins.py) stay in the code,
so a firmware update can improve them.
"""
import json
import os

import pins as PN

PATH = "/config.json"
DEFAULT_PORT = 7700
REDACTED = "***"
SECRETS = ("wifi_password", "pairing_key")
# Checked and reported in this order: a refused CONFIG names the first bad one.
FIELDS = ("board", "link", "host", "port", "wifi_ssid", "wifi_password", "device_id", "pins",
          "led_active_low", "battery_divider_ratio", "volume_pct", "hands_free", "pairing_key")
SIGNALS = ("mic_sck", "mic_ws", "mic_sd", "amp_bclk", "amp_lrclk", "amp_din", "amp_sd", "button",
           "led", "battery_adc")
_INPUTS = ("mic_sd", "button", "battery_adc")  # every other signal is driven by the chip
_HEX = "0123456789abcdefABCDEF"
_ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_."

# What each chip allows, mirroring tools/earpiece_tools/pins.py (a test checks they agree).
# Sources: the ESP32 and ESP32-S3 Series Datasheets ("Strapping Pins", "Pin Definitions") and the
# ESP-IDF "GPIO & RTC GPIO" pages. One character per GPIO 0..48 (strings cost less RAM than
# tables): . absent, o free, i input-only, s strapping, f flash, x octal flash/PSRAM, p PSRAM,
# u the console (UART0 or USB). Then the ADC1 GPIO range.
CHIPS = {
    "esp32": ("ESP32", "susuosffffffsoosppoo.ooo.ooo....ooiiiiii.........", 32, 39),
    "esp32s3": ("ESP32-S3", "soosooooooooooooooouuo....fffffffxxxxxooooooossoo", 1, 10),
}
_WHY_FORBIDDEN = {
    "s": "a strapping pin (it sets the boot mode at reset)", "f": "a flash pin",
    "x": "an octal flash/PSRAM pin", "p": "a PSRAM pin on WROVER modules",
}
_CONSOLE = {"esp32": "the UART0 console (flashing and the tethered link)",
            "esp32s3": "the USB console (D-/D+)"}


def _is_int(v) -> bool:
    return type(v) is int  # bool is not an int here: true must not read as GPIO 1


def _all_in(text: str, allowed: str) -> bool:
    for c in text:
        if c not in allowed:
            return False
    return True


def _hostname_ok(name: str) -> bool:
    if not 1 <= len(name) <= 253:
        return False
    for label in name.split("."):
        if not 1 <= len(label) <= 63 or label[0] == "-" or label[-1] == "-":
            return False
        if not _all_in(label, _ID_CHARS[:63]):  # letters, digits and "-"
            return False
    return True


def parse_host(text: str, need_port: bool = False):
    """(host, port) from "HOST", "HOST:PORT" or "tcp://HOST:PORT" (port 0 = not given), or None."""
    if text.startswith("tcp://"):
        text = text[6:]
        need_port = True
    port = 0
    i = text.rfind(":")
    if i >= 0:
        digits = text[i + 1:]
        if not digits or not _all_in(digits, "0123456789") or len(digits) > 5:
            return None
        port = int(digits)
        if not 1 <= port <= 65535:
            return None
        text = text[:i]
    elif need_port:
        return None
    if not _hostname_ok(text):
        return None
    return (text, port)


def board_of(settings: dict) -> str:
    """The board setting; without one, the chip this runs on (an ESP32 must never get the
    S3's pins: GPIO 6-9 are its flash), else the default board."""
    b = settings.get("board")
    if b in CHIPS:
        return b
    from chip import detect
    found = detect()
    return found if found in CHIPS else PN.DEFAULT_BOARD


def defaults(board: str = PN.DEFAULT_BOARD) -> dict:
    """Every setting at its safe default for a board (None = not set)."""
    return {
        "board": board, "link": None, "host": None, "port": DEFAULT_PORT, "wifi_ssid": None,
        "wifi_password": None, "device_id": None, "pins": dict(PN.BOARD_PINS[board]),
        "led_active_low": PN.BOARD_LED_ACTIVE_LOW[board],
        "battery_divider_ratio": PN.BOARD_BATTERY_DIVIDER_RATIO_X10[board] / 10,
        "volume_pct": 100, "hands_free": False, "pairing_key": None,
    }


# name: (kind, low, high, what a good value is). Kinds: i int, n number, b bool, u text of
# low..high UTF-8 bytes, c id characters, h hex of exactly low characters.
_RULES = {
    "board": ("e", 0, 0, "esp32s3 or esp32"),
    "link": ("l", 0, 0, "usb or tcp://HOST:PORT (leave it out to use Wi-Fi when host is set)"),
    "host": ("t", 0, 0, "expected tcp://HOST:PORT or HOST:PORT (e.g. 192.168.1.20:7700)"),
    "port": ("i", 1, 65535, "a TCP port from 1 to 65535"),
    "wifi_ssid": ("u", 1, 32, "must be 1 to 32 bytes"),
    "wifi_password": ("w", 8, 63, "8 to 63 printable ASCII characters, 64 hex digits, or empty "
                      "for an open network"),
    "device_id": ("c", 1, 32, "1 to 32 characters from A-Z a-z 0-9 - _ ."),
    "led_active_low": ("b", 0, 0, "true or false"),
    "battery_divider_ratio": ("n", 1, 10, "a number from 1 to 10 (battery volts per volt at "
                              "the ADC pin)"),
    "volume_pct": ("i", 0, 100, "0 to 100"),
    "hands_free": ("b", 0, 0, "true or false"),
    "pairing_key": ("h", 32, 32, "32 hex characters"),
}


def _good(kind: str, lo: int, hi: int, v) -> bool:
    if kind == "b":
        return type(v) is bool
    if kind == "i" or kind == "n":
        return (_is_int(v) or (kind == "n" and type(v) is float)) and lo <= v <= hi
    if type(v) is not str:
        return False
    if kind == "e":
        return v in CHIPS
    if kind == "l":
        return v == "usb" or (v.startswith("tcp://") and parse_host(v, True) is not None)
    if kind == "t":
        return parse_host(v) is not None
    if kind == "u":
        return lo <= len(v.encode()) <= hi
    if kind == "c":
        return lo <= len(v) <= hi and _all_in(v, _ID_CHARS)
    if kind == "h":
        return len(v) == lo and _all_in(v, _HEX)
    # "w": a WPA2 passphrase, a 64-hex-digit key, or empty (an open network)
    n = len(v)
    if n == 64:
        return _all_in(v, _HEX)
    if n == 0:
        return True
    if not lo <= n <= hi:
        return False
    for c in v:
        if not 32 <= ord(c) < 127:
            return False
    return True


def _pin_problems(pins, board: str) -> list:
    """[(signal or None, message)] for a pins object on a board."""
    if type(pins) is not dict:
        return [(None, 'pins: expected an object of signal: GPIO, e.g. {"led": 21}')]
    label, pinmap, adc_lo, adc_hi = CHIPS[board]
    on = " on the " + label
    out = []
    good = {}
    for sig in sorted(pins):
        g = pins[sig]
        where = "pins." + str(sig) + ": "
        if sig not in SIGNALS:
            out.append((sig, where + "unknown signal; known: " + ", ".join(SIGNALS)))
            continue
        if not _is_int(g):
            out.append((sig, where + "a GPIO number"))
            continue
        gpio = "GPIO " + str(g)
        kind = pinmap[g] if 0 <= g < len(pinmap) else "."
        if kind == ".":
            out.append((sig, where + "the " + label + " has no " + gpio))
        elif kind == "u":
            out.append((sig, where + gpio + " is " + _CONSOLE[board] + on))
        elif kind != "o" and kind != "i":
            out.append((sig, where + gpio + " is " + _WHY_FORBIDDEN[kind] + on))
        elif kind == "i" and sig not in _INPUTS:
            out.append((sig, where + gpio + " is input-only" + on + "; this signal is an output"))
        elif kind == "i" and sig == "button":
            out.append((sig, where + gpio + " has no internal pull-up" + on))
        elif sig == "battery_adc" and not adc_lo <= g <= adc_hi:
            out.append((sig, where + gpio + " is not an ADC1 pin" + on
                        + " (ADC2 cannot be read while Wi-Fi is on)"))
        else:
            good[sig] = g
    used = dict(PN.BOARD_PINS[board])
    used.update(good)
    for sig in sorted(good):
        for other in SIGNALS:
            if other != sig and used.get(other) == good[sig]:
                out.append((sig, "pins." + sig + ": GPIO " + str(good[sig])
                            + " is already used by " + other))
                break
    return out


def problems(settings: dict) -> list:
    """[(field, signal or None, message)] for every bad field, in FIELDS order, then unknown keys."""
    out = []
    for name in FIELDS:
        if name not in settings:
            continue
        v = settings[name]
        if name == "pins":
            board = board_of(settings)
            for sig, message in _pin_problems(v, board):
                out.append(("pins", sig, message))
            continue
        kind, lo, hi, what = _RULES[name]
        if not _good(kind, lo, hi, v):
            out.append((name, None, name + ": " + what))
    for name in sorted(settings):
        if name not in FIELDS:
            out.append((name, None, str(name) + ": unknown setting; known: " + ", ".join(FIELDS)))
    return out


def link_uri(settings: dict) -> str:
    """"usb" or "tcp://HOST:PORT": link if set, else Wi-Fi to host when set, else USB."""
    link = settings.get("link")
    if link:
        return link
    host = settings.get("host")
    parsed = parse_host(host) if host else None
    if parsed:
        return "tcp://" + parsed[0] + ":" + str(parsed[1] or settings.get("port", DEFAULT_PORT))
    return "usb"


def _wifi_problem(settings: dict):
    if link_uri(settings).startswith("tcp://") and not settings.get("wifi_ssid"):
        return ("wifi_ssid: needed to reach the host over Wi-Fi; set wifi_ssid, "
                "or link usb to stay tethered")
    return None


def validate(settings: dict) -> list:
    """Every problem of a whole configuration as "field: reason" messages (empty = good)."""
    out = [p[2] for p in problems(settings)]
    if not out:
        why = _wifi_problem(settings)
        if why:
            out.append(why)
    return out


def merge(current: dict, changes: dict) -> dict:
    """current overlaid with changes; null sets a field back to its default, pins merge per
    signal, and a secret sent back as "***" (as CONFIG replies show it) stays unchanged."""
    out = dict(current)
    for k in changes:
        v = changes[k]
        if v is None:
            out.pop(k, None)
        elif k in SECRETS and v == REDACTED:
            continue
        elif k == "pins" and type(v) is dict and type(out.get("pins")) is dict:
            pins = dict(out["pins"])
            for sig in v:
                if v[sig] is None:
                    pins.pop(sig, None)
                else:
                    pins[sig] = v[sig]
            out["pins"] = pins
        else:
            out[k] = v
    return out


def clean(raw: dict) -> tuple:
    """(settings, messages): raw without the fields (and pins) that fail, each failure a message."""
    settings = {}
    for k in raw:
        if raw[k] is not None:
            settings[k] = raw[k]
    messages = []
    for name, sig, message in problems(settings):
        messages.append(message)
        if name == "pins" and sig is not None and type(settings.get("pins")) is dict:
            settings["pins"].pop(sig, None)
        else:
            settings.pop(name, None)
    why = _wifi_problem(settings)
    if why:
        messages.append(why + " (using the USB link until then)")
        settings.pop("link", None)
        settings.pop("host", None)
    return settings, messages


def load(path: str = PATH) -> tuple:
    """(settings, messages) from config.json. A missing file means defaults; a corrupt one,
    defaults and a message; a bad field, its default and a message naming it."""
    text = None
    for candidate in (path, path + ".tmp"):  # .tmp: a save cut short before its rename
        try:
            with open(candidate) as f:
                text = f.read()
            break
        except OSError:
            pass
        except Exception:  # a byte that is not UTF-8 (UnicodeError), a file too big to read
            return {}, ["config.json: unreadable; using safe defaults "
                        "(run earpiece provision to write a new one)"]
    if text is None:
        return {}, []
    try:
        raw = json.loads(text)
    except Exception:  # not JSON, a bad byte (UnicodeError), too deep, too big: never fatal
        return {}, ["config.json: not valid JSON; using safe defaults "
                    "(run earpiece provision to write a new one)"]
    if type(raw) is not dict:
        return {}, ["config.json: expected a JSON object; using safe defaults "
                    "(run earpiece provision to write a new one)"]
    return clean(raw)


def save(settings: dict, path: str = PATH) -> None:
    """Write settings atomically: a temporary file, then a rename over the old one."""
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(json.dumps(settings))
    try:
        os.rename(tmp, path)
    except OSError:  # a filesystem that will not rename over an existing file (FAT)
        os.remove(path)
        os.rename(tmp, path)


def effective(settings: dict) -> dict:
    """The settings in force: defaults for the board, overlaid with the chosen ones."""
    out = defaults(board_of(settings))
    for k in settings:
        if k == "pins":
            out["pins"].update(settings["pins"])
        else:
            out[k] = settings[k]
    return out


def redacted(settings: dict) -> dict:
    """A copy safe to send or print: secrets that are set read "***"."""
    out = dict(settings)
    for k in SECRETS:
        if out.get(k):
            out[k] = REDACTED
    return out
