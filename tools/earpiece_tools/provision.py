"""Provision an earpiece over USB serial: Wi-Fi, host address, device id and its pairing key.

    earpiece provision --port /dev/ttyACM0 --wifi-ssid home --host 192.168.1.20:7700

The tool acts as a small host on the serial link (docs/protocol.md): it waits for the device's
HELLO; an earpiece that already holds a key must prove it (and the tool proves the host's copy,
section 6) before it accepts any configuration, over the sealed link; a new earpiece (no key) is
configured over the cable as it is. Then CONFIG, CONFIG_RESULT, a read-back with CONFIG_GET, and
BYE, after which the earpiece restarts with its new settings. The key is the one `earpiece
devices pair` stored for the device id (a fresh one when there is none, or with --new-key).
"""

from __future__ import annotations

import argparse
import getpass
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, TypeVar

from earpiece_host import __version__ as HOST_VERSION
from earpiece_host import protocol as p, secure
from earpiece_host.pairing import PairingError, PairingStore, new_key

DEFAULT_BAUD = 115200
HELLO_TIMEOUT_S = 10.0
REPLY_TIMEOUT_S = 5.0
SECRETS = ("wifi_password", "pairing_key")
REDACTED = "***"
_READ_SLICE_S = 0.05
M = TypeVar("M", bound=p.Message)


class ProvisionError(RuntimeError):
    """Provisioning failed; the message says what happened and what to do next."""


class NoSuchPort(ProvisionError):
    pass


class NoAnswer(ProvisionError):
    pass


class Refused(ProvisionError):
    """The earpiece refused the configuration (a bad field, or not on this link)."""


class WrongProtocol(ProvisionError):
    pass


class ReadBackMismatch(ProvisionError):
    pass


@dataclass(frozen=True)
class ProvisionRequest:
    """What to do on one port. changes: the settings to send (JSON values; None resets a field
    to the earpiece's default). show_only: read the configuration and change nothing."""

    port: str
    changes: Mapping[str, Any] = field(default_factory=dict)
    new_pairing_key: bool = False  # True: a fresh key on both sides; False: the stored one
    keep_pairing_key: bool = False  # True: send no key (the earpiece keeps the one it has)
    show_only: bool = False
    baud: int = DEFAULT_BAUD
    hello_timeout_s: float = HELLO_TIMEOUT_S
    reply_timeout_s: float = REPLY_TIMEOUT_S
    data_dir: Path | None = None


@dataclass(frozen=True)
class ProvisionResult:
    device_id: str          # as the earpiece will say in HELLO from now on
    firmware_version: str
    sent: Mapping[str, Any]  # the changes, secrets redacted
    read_back: Mapping[str, Any]
    message: str            # the earpiece's CONFIG_RESULT message ("" when show_only)
    pairing_path: Path | None
    port: str


class DeviceLink:
    """A minimal host on one serial port: one encoder, one decoder, waits with deadlines."""

    def __init__(self, port: str, baud: int = DEFAULT_BAUD) -> None:
        import serial  # pyserial

        self.port = port
        try:
            self._serial = serial.Serial(port, baud, timeout=_READ_SLICE_S, write_timeout=5)
        except (serial.SerialException, OSError, ValueError) as err:
            raise NoSuchPort(f"cannot open {port}: {err}; plug the earpiece in and find its port "
                             "with `earpiece flash --list-ports`") from err
        self._encoder = p.FrameEncoder()
        self._decoder = p.FrameDecoder()
        self._pending: list[p.Message | p.VersionMismatch] = []

    def close(self) -> None:
        self._serial.close()

    def __enter__(self) -> DeviceLink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def send(self, message: p.Message) -> None:
        self._serial.write(self._encoder.encode(message))
        self._serial.flush()

    def next_event(self, deadline: float) -> p.Message | p.VersionMismatch | None:
        """The next message from the device (pings answered on the way), or None at deadline."""
        while True:
            while self._pending:
                event = self._pending.pop(0)
                if isinstance(event, p.Ping):
                    self.send(p.Pong(token=event.token, sender_ms=event.sender_ms))
                    continue
                return event
            if time.monotonic() >= deadline:
                return None
            data = self._serial.read(self._serial.in_waiting or 1)
            if data:
                self._pending.extend(self._decoder.feed(data))

    def handshake(self, timeout_s: float, store: PairingStore) -> p.Hello:
        """Wait for HELLO (the device repeats it every second); if the earpiece holds a key, prove
        ours and have it prove its own (section 6), then seal the link; welcome the device."""
        deadline = time.monotonic() + timeout_s
        while True:
            event = self.next_event(deadline)
            if event is None:
                raise NoAnswer(
                    f"nothing answered on {self.port} within {timeout_s:g} s: is the earpiece "
                    "firmware running? try unplugging and replugging it. An earpiece already set "
                    "up for Wi-Fi talks over Wi-Fi, not USB: hold its button while plugging it in "
                    f"(safe mode), run `mpremote connect {self.port} rm :config.json`, replug it, "
                    "and provision again")
            if isinstance(event, p.VersionMismatch):
                self._refuse_version(event.version)
            if isinstance(event, p.Hello):
                if event.protocol_version != p.PROTOCOL_VERSION:
                    self._refuse_version(event.protocol_version)
                if event.auth:
                    self._authenticate(event, store, deadline)
                self.send(p.Welcome(session_id=random.getrandbits(32),
                                    host_version=f"provision {HOST_VERSION}"))
                return event

    def _authenticate(self, hello: p.Hello, store: PairingStore, deadline: float) -> None:
        pairing = store.get(hello.device_id)
        if pairing is None:
            raise Refused(
                f"earpiece {hello.device_id} holds a pairing key this host does not have (paired "
                f"with another host, or revoked here); to start it afresh hold its button while "
                f"plugging it in (safe mode), run `mpremote connect {self.port} rm :config.json`, "
                "replug it and provision again")
        key = bytes.fromhex(pairing.key_hex)
        host_nonce = secure.new_nonce()
        self.send(p.Auth(nonce=host_nonce, proof=secure.host_proof(
            key, hello.auth, host_nonce, hello.device_id)))
        while True:
            event = self.next_event(deadline)
            if event is None:
                raise Refused(f"earpiece {hello.device_id} did not prove its pairing key: the "
                              "key stored here is not the one it holds; hold its button while "
                              "plugging it in (safe mode), remove its config.json and provision "
                              "again")
            if isinstance(event, p.Auth):
                if not secure.proof_ok(event.proof, secure.device_proof(
                        key, hello.auth, host_nonce, hello.device_id)):
                    raise Refused(f"earpiece {hello.device_id} proved another pairing key; "
                                  "nothing was changed")
                keys = secure.SessionKeys.derive(key, hello.auth, host_nonce, hello.device_id)
                self._decoder.opener = keys.up
                self._encoder.sealer = keys.down
                self._pending.clear()  # repeated HELLOs from before the seal
                return

    def _refuse_version(self, version: int) -> None:
        text = (f"the earpiece speaks protocol version {version}, this tool speaks "
                f"{p.PROTOCOL_VERSION}: update this software, or flash firmware that matches it "
                "(earpiece flash)")
        self.send(p.Error(code=p.ErrorCode.UNSUPPORTED_VERSION, message=text))
        self.send(p.Bye(reason=p.ByeReason.ERROR))
        raise WrongProtocol(text)

    def request(self, message: p.Message, answer: type[M], timeout_s: float) -> M:
        """Send message and wait for a message of type answer; an ERROR from the device fails."""
        self.send(message)
        deadline = time.monotonic() + timeout_s
        while True:
            event = self.next_event(deadline)
            if event is None:
                raise NoAnswer(f"the earpiece on {self.port} did not answer {message.NAME} within "
                               f"{timeout_s:g} s; update its firmware (earpiece flash) if it is "
                               "older than provisioning")
            if isinstance(event, answer):
                return event
            if isinstance(event, p.Error):
                raise Refused(f"the earpiece refused {message.NAME}: {event.message}")
            if isinstance(event, p.Bye):
                raise NoAnswer(f"the earpiece ended the session: {event.message or 'no reason'}")


def _redact(settings: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (REDACTED if k in SECRETS and v else v) for k, v in settings.items()}


def _read_config(link: DeviceLink, timeout_s: float) -> dict[str, Any]:
    reply = link.request(p.ConfigGet(), p.Config, timeout_s)
    try:
        current = json.loads(reply.json_text)
    except json.JSONDecodeError as err:
        raise ProvisionError(f"the earpiece sent a configuration that is not JSON ({err}); "
                             "update its firmware (earpiece flash)") from err
    if not isinstance(current, dict):
        raise ProvisionError("the earpiece sent a configuration that is not a JSON object; "
                             "update its firmware (earpiece flash)")
    return current


def read_back_problems(sent: Mapping[str, Any], current: Mapping[str, Any]) -> list[str]:
    """Fields whose read-back value is not what was sent: non-secrets equal, set secrets "***"."""
    problems = []
    for key, value in sent.items():
        got = current.get(key)
        if value is None:
            continue  # reset to the device's default: any value is right
        if key in SECRETS:
            want = REDACTED if value else value
            if got != want:
                problems.append(f"{key}: reads {got!r}, want {want!r}")
        elif key == "pins" and isinstance(value, dict) and isinstance(got, dict):
            problems += [f"pins.{sig}: reads {got.get(sig)!r}, want {gpio!r}"
                         for sig, gpio in value.items() if gpio is not None and got.get(sig) != gpio]
        elif got != value:
            problems.append(f"{key}: reads {got!r}, want {value!r}")
    return problems


def provision(req: ProvisionRequest, say: Callable[[str], None] = print) -> ProvisionResult:
    """Run one provisioning session; raises a ProvisionError subclass on failure."""
    changes = dict(req.changes)
    key = None
    store = PairingStore.in_data_dir(req.data_dir)
    with DeviceLink(req.port, req.baud) as link:
        hello = link.handshake(req.hello_timeout_s, store)
        say(f"earpiece {hello.device_id} (firmware {hello.firmware_version}) on {req.port}")
        if not req.show_only and not req.keep_pairing_key:
            # the key `earpiece devices pair` stored for the id the earpiece will have
            stored = store.get(str(changes.get("device_id") or hello.device_id))
            key = new_key() if req.new_pairing_key or stored is None else stored.key_hex
            changes["pairing_key"] = key
        if req.show_only:
            current = _read_config(link, req.reply_timeout_s)
            link.send(p.Bye())
            return ProvisionResult(str(current.get("device_id") or hello.device_id),
                                   hello.firmware_version, {}, current, "", None, req.port)
        result = link.request(p.Config(json_text=json.dumps(changes)), p.ConfigResult,
                              req.reply_timeout_s)
        if not result.ok:
            link.send(p.Bye())
            raise Refused(f"the earpiece refused the configuration: {result.message}; "
                          "nothing was changed")
        # the earpiece holds the new key now: the host keeps its copy before anything else
        device_id = str(changes.get("device_id") or hello.device_id)
        pairing_path = None
        if key is not None:
            try:
                store.put(device_id, key)
                if device_id != hello.device_id:
                    store.remove(hello.device_id)
            except PairingError as err:
                link.send(p.Bye())
                raise ProvisionError(f"the earpiece saved its new key but the host could not: "
                                     f"{err}; then provision again") from err
            pairing_path = store.path
        current = _read_config(link, req.reply_timeout_s)
        problems = read_back_problems(changes, current)
        # BYE ends the session: the earpiece restarts with the new settings now
        link.send(p.Bye(message="provisioned"))
    if problems:
        raise ReadBackMismatch("the earpiece saved the configuration but reads back different "
                               "values: " + "; ".join(problems) + "; provision again, and update "
                               "its firmware if this repeats")
    return ProvisionResult(device_id, hello.firmware_version, _redact(changes), current,
                           result.message, pairing_path, req.port)


def _on_off(text: str) -> bool:
    if text in ("on", "true", "yes", "1"):
        return True
    if text in ("off", "false", "no", "0"):
        return False
    raise argparse.ArgumentTypeError("write on or off")


def _volume(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a whole number from 0 to 100") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError("a whole number from 0 to 100")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="earpiece provision",
        description="Set the earpiece's Wi-Fi, host address and settings over USB serial, and "
                    "share a fresh pairing key with this host. Fields you leave out keep their "
                    "value on the earpiece.")
    parser.add_argument("--port", required=True, help="serial port of the earpiece, e.g. "
                        "/dev/ttyACM0 (list them with `earpiece flash --list-ports`)")
    parser.add_argument("--wifi-ssid", help="Wi-Fi network name")
    parser.add_argument("--wifi-password", help="Wi-Fi password (asked for when --wifi-ssid is "
                        "given without it; \"\" for an open network)")
    parser.add_argument("--host", help="the host the earpiece connects to over Wi-Fi: HOST:PORT "
                        "or tcp://HOST:PORT (port 7700 by default)")
    parser.add_argument("--link", choices=("wifi", "usb"), help="wifi: connect to --host over "
                        "Wi-Fi (the default once a host is set); usb: stay tethered")
    parser.add_argument("--device-id", help="the name the earpiece gives the host (1 to 32 of "
                        "A-Z a-z 0-9 - _ .)")
    parser.add_argument("--hands-free", type=_on_off, metavar="on|off",
                        help="listen for voice without the button")
    parser.add_argument("--volume", type=_volume, metavar="N", help="playback volume, 0 to 100")
    parser.add_argument("--new-key", action="store_true",
                        help="pair afresh: a new key on both sides (default: the key stored for "
                             "this device id by earpiece devices pair, or a new one)")
    parser.add_argument("--keep-pairing-key", action="store_true",
                        help="do not replace the pairing key")
    parser.add_argument("--show", action="store_true",
                        help="print the earpiece's configuration and change nothing")
    parser.add_argument("--data-dir", type=Path, help="the host's data folder, where pairing keys "
                        "are kept (default: $EARPIECE_DATA_DIR or ~/.local/share/earpiece)")
    parser.add_argument("--baud", type=int, default=DEFAULT_BAUD)
    parser.add_argument("--timeout-s", type=float, default=HELLO_TIMEOUT_S,
                        help=f"how long to wait for the earpiece (default {HELLO_TIMEOUT_S:g} s)")
    return parser


def changes_from_args(args: argparse.Namespace,
                      ask_password: Callable[[str], str] | None) -> dict[str, Any]:
    """The settings the options ask for; ask_password is None when no terminal can prompt."""
    changes: dict[str, Any] = {}
    if args.wifi_ssid is not None:
        changes["wifi_ssid"] = args.wifi_ssid
        password = args.wifi_password
        if password is None:
            if ask_password is None:
                raise ProvisionError("--wifi-ssid needs --wifi-password (use \"\" for an open "
                                     "network) when there is no terminal to ask in")
            password = ask_password(f"Wi-Fi password for {args.wifi_ssid} (empty for an open "
                                    "network): ")
        changes["wifi_password"] = password
    elif args.wifi_password is not None:
        changes["wifi_password"] = args.wifi_password
    if args.host is not None:
        changes["host"] = args.host
    if args.link == "usb":
        changes["link"] = "usb"
    elif args.link == "wifi" or args.host is not None:
        changes["link"] = None  # automatic: Wi-Fi to the host
    if args.device_id is not None:
        changes["device_id"] = args.device_id
    if args.hands_free is not None:
        changes["hands_free"] = args.hands_free
    if args.volume is not None:
        changes["volume_pct"] = args.volume
    return changes


def _describe(result: ProvisionResult, say: Callable[[str], None]) -> None:
    width = max((len(k) for k in result.sent), default=0)
    for key, value in result.sent.items():
        shown = "(default)" if value is None else (value if isinstance(value, str)
                                                   else json.dumps(value))
        if key == "pairing_key":
            shown = f"{REDACTED} (new; the host's copy is in {result.pairing_path})"
        say(f"  set {key:<{width}}  {shown}")
    say(f"the earpiece saved it and read it back: every field matches ({result.message})")
    current = result.read_back
    link = current.get("link") or ("tcp" if current.get("host") else "usb")
    if link == "usb":
        say(f"it now restarts on the USB link as {result.device_id}; next: "
            f"earpiece serve --serial {result.port}")
    else:
        say(f"it now restarts, joins Wi-Fi \"{current.get('wifi_ssid')}\" and connects to "
            f"{current.get('host') or current.get('link')} as {result.device_id}; "
            "next: earpiece serve on that host")


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    ask = getpass.getpass if sys.stdin.isatty() else None
    try:
        changes = {} if args.show else changes_from_args(args, ask)
        req = ProvisionRequest(port=args.port, changes=changes,
                               new_pairing_key=args.new_key,
                               keep_pairing_key=args.keep_pairing_key, show_only=args.show,
                               baud=args.baud, hello_timeout_s=args.timeout_s,
                               data_dir=args.data_dir)
        result = provision(req)
    except ProvisionError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if args.show:
        print(json.dumps(result.read_back, indent=1, sort_keys=True))
    else:
        _describe(result, print)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
