"""``earpiece devices``: pair, list and revoke the earpieces this host talks to.

    earpiece devices pair DEVICE_ID [--config-out config.json] [--data-dir DIR]
    earpiece devices list
    earpiece devices revoke DEVICE_ID

Pairing creates a fresh 128-bit key, keeps it in the host's data folder (pairing.json, mode
0600) and, with --config-out, writes the device's config.json holding the same key and id (mode
0600): what ``earpiece provision`` sends over USB and what ``earpiece sim --config`` uses. A
running host ends a revoked device's session within a second.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .pairing import PairingError, PairingStore, new_key
from .session import DEVICE_ID_PATTERN


def write_device_config(path: Path, device_id: str, key_hex: str) -> None:
    """The device's config.json with its id and key: merged into an existing file, created
    0600 and replaced atomically, so the key is never readable by others."""
    path = Path(path)
    settings: dict = {}
    if path.exists():
        try:
            settings = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise PairingError(f"{path} is not a readable config.json ({err}); pick another "
                               "--config-out") from err
        if not isinstance(settings, dict):
            raise PairingError(f"{path} does not hold a JSON object; pick another --config-out")
    settings["device_id"] = device_id
    settings["pairing_key"] = key_hex
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(json.dumps(settings, indent=1, sort_keys=True) + "\n")
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise PairingError(f"cannot write {path}: {err}") from err


def pair(store: PairingStore, device_id: str, config_out: Path | None = None) -> str:
    """Pair device_id with a fresh key (replacing an old one); returns the key."""
    if not DEVICE_ID_PATTERN.fullmatch(device_id):
        raise ValueError(f"device id {device_id!r} must be 1 to 32 characters from "
                         "A-Z a-z 0-9 . _ -")
    key = new_key()
    if config_out is not None:
        write_device_config(config_out, device_id, key)
    store.put(device_id, key)
    return key


def main(argv: list[str]) -> int:
    data_dir_help = "the host's data folder (default: $EARPIECE_DATA_DIR or the user's data folder)"
    parser = argparse.ArgumentParser(prog="earpiece devices", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, metavar="DIR", help=data_dir_help)
    # --data-dir also after the command (earpiece devices pair ID --data-dir DIR), as documented
    after = argparse.ArgumentParser(add_help=False)
    after.add_argument("--data-dir", type=Path, metavar="DIR", default=argparse.SUPPRESS,
                       help=data_dir_help)
    sub = parser.add_subparsers(dest="command", required=True)
    p_pair = sub.add_parser("pair", parents=[after],
                            help="create a key for a device and remember it")
    p_pair.add_argument("device_id")
    p_pair.add_argument("--config-out", type=Path, metavar="config.json",
                        help="also write the device's config.json holding the key")
    sub.add_parser("list", parents=[after], help="the paired devices")
    p_revoke = sub.add_parser("revoke", parents=[after],
                              help="forget a device's key; its session ends")
    p_revoke.add_argument("device_id")
    args = parser.parse_args(argv)
    store = PairingStore.in_data_dir(args.data_dir)
    try:
        if args.command == "pair":
            pair(store, args.device_id, args.config_out)
            print(f"paired {args.device_id}; the host's key is in {store.path}")
            if args.config_out:
                print(f"the device's config.json is {args.config_out} (mode 0600): send it with "
                      "earpiece provision, or run earpiece sim --config "
                      f"{args.config_out}")
        elif args.command == "list":
            pairings = store.all()
            if not pairings:
                print("no paired devices; pair one with: earpiece devices pair DEVICE_ID")
            for pairing in pairings:
                print(f"{pairing.device_id}  paired {pairing.paired_at}")
        else:
            if not store.remove(args.device_id):
                print(f"earpiece devices: {args.device_id} is not paired (see earpiece devices "
                      "list)", file=sys.stderr)
                return 1
            print(f"revoked {args.device_id}; a running host ends its session now")
    except (PairingError, ValueError) as err:
        print(f"earpiece devices: {err}", file=sys.stderr)
        return 1
    return 0
