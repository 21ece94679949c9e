"""The host's pairing keys, one per device id, in <data folder>/pairing.json (mode 0600).

`earpiece devices pair` and `earpiece provision` write a fresh key here and into the earpiece's
config.json, so both sides hold the same secret; the host talks only to devices that prove it
(protocol version 2, docs/protocol.md section 6).
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from earpiece_host.dialogue.config import default_data_dir

FILE_NAME = "pairing.json"
KEY_HEX_CHARS = 32  # 128-bit keys, written as hex in both config.json files
_FILE_MODE = 0o600
_DIR_MODE = 0o700


class PairingError(RuntimeError):
    """The pairing store cannot be read or written; the message says which file and what to do."""


@dataclass(frozen=True)
class Pairing:
    """One paired device: its id as it says in HELLO, the shared key, and when it was paired."""

    device_id: str
    key_hex: str
    paired_at: str  # ISO 8601, UTC


def new_key() -> str:
    """A fresh random pairing key (32 hex characters)."""
    return secrets.token_hex(KEY_HEX_CHARS // 2)


class PairingStore:
    """Pairing keys by device id. Every write replaces the file atomically with mode 0600."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @classmethod
    def in_data_dir(cls, data_dir: Path | None = None) -> PairingStore:
        return cls(Path(data_dir or default_data_dir()) / FILE_NAME)

    def _read(self) -> dict[str, dict]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as err:
            raise PairingError(f"cannot read {self.path}: {err}; check its permissions") from err
        try:
            raw = json.loads(text)
            devices = raw["devices"]
            if not isinstance(devices, dict):
                raise TypeError("devices is not an object")
        except (ValueError, KeyError, TypeError) as err:
            raise PairingError(f"{self.path} is damaged ({err}); move it aside and provision "
                               "each earpiece again (earpiece provision --port PORT)") from err
        return devices

    def get(self, device_id: str) -> Pairing | None:
        entry = self._read().get(device_id)
        if not isinstance(entry, dict) or "key_hex" not in entry:
            return None
        return Pairing(device_id, str(entry["key_hex"]), str(entry.get("paired_at", "")))

    def all(self) -> list[Pairing]:
        return [p for p in (self.get(d) for d in sorted(self._read())) if p is not None]

    def put(self, device_id: str, key_hex: str) -> Pairing:
        """Remember (or replace) the key of a device."""
        if len(key_hex) != KEY_HEX_CHARS or any(c not in "0123456789abcdefABCDEF" for c in key_hex):
            raise ValueError(f"a pairing key is {KEY_HEX_CHARS} hex characters")
        devices = self._read()
        pairing = Pairing(device_id, key_hex,
                          datetime.now(timezone.utc).isoformat(timespec="seconds"))
        devices[device_id] = {"key_hex": pairing.key_hex, "paired_at": pairing.paired_at}
        self._write(devices)
        return pairing

    def remove(self, device_id: str) -> bool:
        devices = self._read()
        if devices.pop(device_id, None) is None:
            return False
        self._write(devices)
        return True

    def _write(self, devices: dict[str, dict]) -> None:
        text = json.dumps({"version": 1, "devices": devices}, indent=1, sort_keys=True) + "\n"
        try:
            self.path.parent.mkdir(mode=_DIR_MODE, parents=True, exist_ok=True)
            # mkstemp creates the file 0600 from the start: the key is never readable by others
            fd, tmp = tempfile.mkstemp(prefix=".pairing-", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(text)
                    f.flush()
                    os.fsync(f.fileno())
                os.chmod(tmp, _FILE_MODE)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as err:
            raise PairingError(f"cannot write {self.path}: {err}; check that the data folder "
                               "is writable (or set EARPIECE_DATA_DIR)") from err
