"""Provisioning over the link: CONFIG_GET and CONFIG answered from config.json (docs/protocol.md).

Honoured only on the USB serial link, where whoever talks to the device holds it in their hand;
over Wi-Fi the device answers ERROR 8. A saved change takes effect once the provisioning host
ends its session (BYE or a dropped link), so the host can read the result back first: main.py
then restarts the device (the unix sim restarts the app) with the new settings.

The validator (config.py) is imported only while it works (at boot and per CONFIG message) and
unloaded after, so its bytecode does not sit in the heap the audio path needs.
"""
import gc
import json
import sys
import time

from micropython import const

import protocol as P

ERROR_LED = const(5)  # the wire state "error": its LED pattern
NO_MEMORY_MESSAGE = ("not enough free memory to check a configuration now; restart the "
                     "earpiece and provision it again")
USB_ONLY_MESSAGE = ("configuration is accepted over USB only: connect the earpiece with a "
                    "cable and run: earpiece provision --port PORT")


def _config():
    import config
    return config


def _unload_config() -> None:
    sys.modules.pop("config", None)


def load_settings(path: str) -> tuple:
    """(settings, messages, effective settings, link uri) from config.json, at boot."""
    C = _config()
    settings, messages = C.load(path)
    eff = C.effective(settings)
    link = C.link_uri(eff)
    _unload_config()
    return settings, messages, eff, link


class Provisioner:
    """Answers configuration messages for one device. settings: the chosen settings as loaded
    (config.clean output); device_id: the id in use (shown when none is set)."""

    def __init__(self, path: str, settings: dict, on_usb: bool, device_id: str) -> None:
        self.path = path
        self.settings = settings
        self.on_usb = on_usb
        self.device_id = device_id
        self.restart_pending = False
        self.saves = 0

    def answer(self, enc, type_code: int, payload) -> memoryview:
        """Encode the reply to a CONFIG_GET or CONFIG in enc; the caller sends it."""
        if not self.on_usb:
            return P.encode_error(enc, P.ERR_NOT_ON_THIS_LINK, USB_ONLY_MESSAGE)
        try:
            if type_code == P.CONFIG_GET:
                return P.encode_config(enc, self.current_json())
            ok, message = self.apply(P.decode_fields(P.CONFIG, payload)["json_text"])
            return P.encode_config_result(enc, ok, P.fit_str8(message))
        except MemoryError:  # the validator did not fit beside the audio buffers
            return P.encode_error(enc, P.ERR_INTERNAL, NO_MEMORY_MESSAGE)
        finally:
            _unload_config()
            gc.collect()

    def current_json(self) -> str:
        C = _config()
        eff = C.effective(self.settings)
        if eff["device_id"] is None:
            eff["device_id"] = self.device_id
        return json.dumps(C.redacted(eff))

    def apply(self, json_text: str) -> tuple:
        """(ok, message): validate the merged settings, save them, and owe a restart."""
        C = _config()
        try:
            changes = json.loads(json_text)
        except ValueError:
            return False, "config: not valid JSON"
        if type(changes) is not dict:
            return False, "config: expected a JSON object of settings"
        merged = C.merge(self.settings, changes)
        bad = C.validate(merged)
        if bad:
            return False, bad[0]
        try:
            C.save(merged, self.path)
        except OSError as e:
            return False, "config.json: cannot be saved (" + str(e) + "); check the filesystem"
        self.settings = merged
        self.saves += 1
        self.restart_pending = True
        if C.link_uri(merged) == "usb":
            return True, "saved; the earpiece restarts with it when this session ends"
        return True, "saved; the earpiece restarts to join Wi-Fi when this session ends"


def report(messages: list, log=None, board=None, hold_ms: int = 0) -> None:
    """Show config.json problems at boot: each through log (the serial console), then the LED's
    error pattern for hold_ms so a maker without a console still sees that something is wrong."""
    if log is not None:
        for m in messages:
            log("config.json: " + m)
    if not messages or board is None:
        return
    t0 = time.ticks_ms()
    while time.ticks_diff(time.ticks_ms(), t0) < hold_ms:
        board.led(ERROR_LED)  # led() redraws the pattern for the current time
        time.sleep_ms(20)
