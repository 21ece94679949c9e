"""`earpiece config show | check | set KEY VALUE | unset KEY | path`: the settings file, from the console.

`show` never prints a password or key, only where it comes from. `set` edits one key and keeps the
rest of the file, comments included, and writes nothing unless the whole file still checks out.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from .settings import (
    CONFIG_ENV,
    KEYS,
    Secret,
    Settings,
    SettingsError,
    config_path,
    key_spec,
    load_settings,
    parse_settings,
)

_SECRETS = {"mail": "password", "calendar": "password", "llm": "api_key"}
_HEADER = ("# Settings of the earpiece host: `earpiece config show` lists every key,\n"
           "# `earpiece config check` tests the sources. Never put a password here: see password_env.\n")


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}"
    if isinstance(value, Path):
        value = str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def show(settings: Settings, environ=os.environ) -> str:
    """Every setting with its value and where it comes from; secrets only by their source."""
    lines = [f"settings file: {settings.path} ({'found' if settings.exists else 'not found: the defaults are in use'})"]
    for section, keys in KEYS.items():
        lines.append(f"[{section}]")
        values = getattr(settings, section)
        secret_name = _SECRETS.get(section)
        for key, spec in keys.items():
            if spec.secret_of:
                continue
            value = getattr(values, key, None)
            line = settings.line_of(f"{section}.{key}")
            origin = f"line {line}" if line else ("default" if value is not None else "not set")
            shown = _toml(value) if value is not None else "-"
            lines.append(f"  {key:<16} = {shown:<40} ({origin})")
        if secret_name:
            secret: Secret = getattr(values, secret_name)
            lines.append(f"  {secret_name:<16}   {secret.describe(environ) if secret else 'none'}")
    return "\n".join(lines)


def _read_document(path: Path):
    import tomlkit

    try:
        return tomlkit.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return tomlkit.parse(_HEADER)


def _typed(raw: str, kind: str, is_path: bool) -> Any:
    """A value typed on the command line, as the key expects it (the full check comes after)."""
    if kind == "bool":
        lowered = raw.strip().lower()
        if lowered in ("true", "yes", "on", "1"):
            return True
        if lowered in ("false", "no", "off", "0"):
            return False
        raise SettingsError(f"{raw!r} is not true or false")
    if kind == "number":
        try:
            number = float(raw)
        except ValueError:
            raise SettingsError(f"{raw!r} is not a number") from None
        return int(number) if number.is_integer() else number
    if is_path and not raw.startswith("~") and not Path(raw).is_absolute():
        return str(Path(raw).absolute())  # typed in a shell: relative to here, not to the settings file
    return raw


def _write(path: Path, text: str) -> None:
    """Beside the file, then renamed over it: a crash never leaves half a settings file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def set_key(path: Path, dotted: str, raw: str | None) -> str:
    """Set (or with raw None, remove) one key; check the whole result first. Returns what was done."""
    import tomlkit

    section, key, spec = key_spec(dotted)
    document = _read_document(path)
    if raw is None:
        table = document.get(section)
        if table is None or key not in table:
            return f"[{section}] {key} was not set in {path}; nothing to do"
        del table[key]
        if not table:
            del document[section]
        done = f"removed [{section}] {key} from {path}"
    else:
        value = _typed(raw, spec.kind, spec.path)
        if section not in document:
            document.add(tomlkit.nl())
            document.add(section, tomlkit.table())
        document[section][key] = value
        done = f"set [{section}] {key} = {_toml(value)} in {path}"
    text = tomlkit.dumps(document)
    try:
        parse_settings(text, path)
    except SettingsError as exc:
        raise SettingsError(f"not saved, the file would be wrong:\n{exc}") from None
    _write(path, text)
    return done


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="earpiece config", description="Show, check and change the settings file.")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help=f"the settings file (default: ${CONFIG_ENV}, else earpiece.toml in the data folder)")
    parser.add_argument("--data-dir", type=Path, metavar="DIR", help="the data folder whose earpiece.toml to use")
    sub = parser.add_subparsers(dest="action", required=True, metavar="show|check|set|unset|path")
    sub.add_parser("show", help="every setting, its value and where it comes from (never a password)")
    sub.add_parser("check", help="reach each configured source and say what works")
    setter = sub.add_parser("set", help="set one key, e.g. `set mail.maildir ~/Mail`")
    setter.add_argument("key", help="SECTION.KEY, e.g. mail.maildir")
    setter.add_argument("value")
    unsetter = sub.add_parser("unset", help="remove one key, e.g. `unset mail.maildir`")
    unsetter.add_argument("key")
    sub.add_parser("path", help="print where the settings file is")
    args = parser.parse_args(argv)
    prog = "earpiece config"
    if args.action == "path":
        path, _ = config_path(args.config, data_dir=args.data_dir)
        print(path)
        if not path.exists():
            print(f"({path.name} does not exist yet; `earpiece config set KEY VALUE` creates it)", file=sys.stderr)
        return 0
    if args.action in ("set", "unset"):
        path, _ = config_path(args.config, data_dir=args.data_dir)
        try:
            print(set_key(path, args.key, args.value if args.action == "set" else None))
        except SettingsError as exc:
            print(f"{prog} {args.action}: {exc}", file=sys.stderr)
            return 2
        except OSError as exc:
            print(f"{prog} {args.action}: cannot write {path} ({exc.strerror or exc}); check the folder's "
                  "permissions or pass --config FILE", file=sys.stderr)
            return 2
        return 0
    try:
        settings = load_settings(args.config, data_dir=args.data_dir)
    except SettingsError as exc:
        print(f"{prog} {args.action}: {exc}", file=sys.stderr)
        return 2
    if args.action == "show":
        print(show(settings))
        return 0
    from .settings_check import check_settings

    print(f"settings file: {settings.path} ({'found' if settings.exists else 'not found: the defaults are in use'})")
    failed = 0
    for check in check_settings(settings, os.environ):
        mark = {True: "ok  ", False: "FAIL", None: "--  "}[check.ok]
        print(f"  {mark}  {check.what}: {check.detail}")
        failed += check.ok is False
    if failed:
        print(f"{failed} configured source{'s' if failed != 1 else ''} did not work; fix {'them' if failed != 1 else 'it'} "
              "and run `earpiece config check` again.")
    return 1 if failed else 0
