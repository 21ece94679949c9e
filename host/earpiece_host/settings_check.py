"""`earpiece config check`: reach every source the settings name and say what works and what to do.

Each check uses the same adapter the OS uses (the Maildir, mbox and IMAP readers, the calendar
readers) or, for the language model, the OpenAI-compatible model list, so "ok" here means the OS
can read it too. Nothing is written anywhere.
"""

from __future__ import annotations

import http.client
import json
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from .settings import SECRET_ENV_EXAMPLES, Secret, Settings

__all__ = ["Check", "check_settings"]


@dataclass(frozen=True)
class Check:
    """One source: `ok` is None when it is not configured (nothing to check)."""

    what: str
    ok: bool | None
    detail: str


def _secret_problem(secret: Secret, section: str, environ: Mapping[str, str], what: str = "password") -> str | None:
    if not secret:
        return (f"no {what} is configured; set [{section}] {what.replace(' ', '_')}_env = "
                f"\"{SECRET_ENV_EXAMPLES[section]}\" (and export it), or {what.replace(' ', '_')}_file")
    if secret.value(environ) is None:
        if secret.env:
            return f"${secret.env} is not set (or empty) in this environment; export it with the {what}"
        return f"the {what} file {secret.file} is empty or unreadable"
    return None


def check_mail(settings: Settings, environ: Mapping[str, str]) -> Check:
    from .dialogue.mail import ImapMailbox, MailUnavailableError, MaildirMailbox, MboxMailbox

    mail = settings.mail
    if not mail.configured:
        return Check("mail", None, "not connected: set [mail] maildir, mbox or imap_url "
                                   "(e.g. `earpiece config set mail.maildir ~/Mail`)")
    try:
        if mail.maildir:
            where = f"Maildir {mail.maildir}"
            count = len(MaildirMailbox(mail.maildir).unread())
        elif mail.mbox:
            where = f"mbox {mail.mbox}"
            count = len(MboxMailbox(mail.mbox).unread())
        else:
            host, port, ssl, username = mail.imap()
            where = f"IMAP {'imaps' if ssl else 'imap'}://{username or '?'}@{host}:{port}"
            if not username:
                return Check("mail", False, f"{where}: no user name; put it in imap_url (imaps://USER@HOST) "
                                            "or set [mail] username")
            problem = _secret_problem(mail.password, "mail", environ)
            if problem:
                return Check("mail", False, f"{where}: {problem}")
            box = ImapMailbox(host, port, username, mail.password.value(environ) or "", ssl=ssl)
            count = len(box.unread())
            where += " (logged in)"
    except MailUnavailableError as exc:
        return Check("mail", False, f"{where}: {exc}")
    return Check("mail", True, f"{where}: readable, {count} unread")


def check_sending(settings: Settings, environ: Mapping[str, str]) -> Check:
    """The SMTP server mail is sent through: connected, secured and logged in to as a send would be;
    nothing is sent. Also the From address, without which nothing can be sent."""
    from .dialogue.mail.smtp import MailSendError, SmtpSender, from_address

    mail = settings.mail
    if not mail.smtp_url:
        return Check("sending mail", None, "not set up: set [mail] smtp_url (e.g. `earpiece config set mail.smtp_url "
                                           "smtps://me@mail.example.org`) and address")
    options = settings.dialogue_options(environ)
    where = f"SMTP {mail.smtp_url}"
    try:
        sender = SmtpSender(mail.smtp_url, options.get("smtp_username"), options.get("smtp_password"))
    except ValueError as exc:
        return Check("sending mail", False, f"{where}: {exc}")
    if options.get("smtp_username"):
        problem = _secret_problem(mail.password, "mail", environ)
        if problem:
            return Check("sending mail", False, f"{where}: {problem}")
    sender_address = from_address(mail.address, options.get("smtp_username"), options.get("imap_username"))
    try:
        sender.check()
    except MailSendError as exc:
        return Check("sending mail", False, f"{where}: {exc}")
    if sender_address is None:
        return Check("sending mail", False, f"{where}: logged in, but no From address: set [mail] address to yours")
    return Check("sending mail", True, f"{where}: logged in; mail goes out from {sender_address}")


def check_calendar(settings: Settings, environ: Mapping[str, str], now: datetime | None = None) -> Check:
    from .dialogue.calendar import CalDavCalendar, CalendarUnavailableError, IcsCalendar

    calendar = settings.calendar
    if not calendar.configured:
        return Check("calendar", None, "not connected: set [calendar] ics or caldav_url "
                                       "(e.g. `earpiece config set calendar.ics ~/calendar.ics`)")
    now = now or datetime.now().astimezone()
    try:
        if calendar.ics:
            where = f"calendar file {calendar.ics}"
            if not calendar.ics.exists():
                if not calendar.ics.parent.is_dir():
                    return Check("calendar", False, f"{where}: neither the file nor its folder exists; check the path")
                return Check("calendar", True, f"{where}: not there yet; it is created when you add the first event")
            source = IcsCalendar(calendar.ics)
        else:
            url, username = calendar.caldav()
            where = f"CalDAV {url}"
            if calendar.password or username:
                problem = _secret_problem(calendar.password, "calendar", environ)
                if problem:
                    return Check("calendar", False, f"{where}: {problem}")
            source = CalDavCalendar(url, username, calendar.password.value(environ), calendar.name)
        events = source.events_between(now, now + timedelta(days=7))
    except CalendarUnavailableError as exc:
        return Check("calendar", False, f"{where}: {exc}")
    return Check("calendar", True, f"{where}: readable, {len(events)} event{'s' if len(events) != 1 else ''} "
                                   "in the coming week")


def _models_url(base_url: str) -> str:
    url = base_url.rstrip("/")
    if url.endswith("/chat/completions"):
        url = url[: -len("/chat/completions")]
    if not url.endswith("/v1"):
        url += "/v1"
    return url + "/models"


def check_llm(settings: Settings, environ: Mapping[str, str]) -> Check:
    llm = settings.llm
    if not llm.base_url:
        return Check("language model", None, "not connected: the OS answers with its own rules only; set [llm] "
                                             "base_url to an OpenAI-compatible server, e.g. a local llama.cpp "
                                             "server at http://127.0.0.1:8080/v1")
    url = _models_url(llm.base_url)
    where = f"{llm.base_url}"
    headers = {"Accept": "application/json"}
    if llm.api_key:
        problem = _secret_problem(llm.api_key, "llm", environ, "api key")
        if problem:
            return Check("language model", False, f"{where}: {problem}")
        headers["Authorization"] = f"Bearer {llm.api_key.value(environ)}"
    parts = urlsplit(url)
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname or "", parts.port, timeout=llm.timeout_s)
    try:
        connection.request("GET", parts.path, headers=headers)
        response = connection.getresponse()
        body = response.read(256 * 1024)
    except ConnectionRefusedError:
        return Check("language model", False, f"{where}: nothing is listening there; start the model server "
                                              "(see \"Fully offline with a local model\" in the README) or fix [llm] base_url")
    except (socket.timeout, TimeoutError):
        return Check("language model", False, f"{where}: no answer within {llm.timeout_s:g} s; is the server busy "
                                              "or the address wrong?")
    except (OSError, http.client.HTTPException) as exc:
        return Check("language model", False, f"{where}: the connection failed ({exc}); check [llm] base_url")
    finally:
        connection.close()
    if response.status in (401, 403):
        return Check("language model", False, f"{where}: the server refused the API key (HTTP {response.status}); "
                                              "check [llm] api_key_env or api_key_file")
    if response.status != 200:
        return Check("language model", False, f"{where}: {url} answered HTTP {response.status}; is this an "
                                              "OpenAI-compatible /v1 endpoint?")
    try:
        models = [str(m.get("id")) for m in json.loads(body).get("data", []) if isinstance(m, dict)]
    except (ValueError, AttributeError):
        return Check("language model", False, f"{where}: {url} did not answer with a model list; is this an "
                                              "OpenAI-compatible /v1 endpoint?")
    listed = ", ".join(models[:5]) or "none"
    if llm.model and models and llm.model not in models:
        return Check("language model", True, f"{where}: answers; it lists {listed}, not {llm.model!r} "
                                             "(a server with one model answers anyway; others need [llm] model "
                                             "set to one of those)")
    return Check("language model", True, f"{where}: answers; models: {listed}")


def check_voice(settings: Settings) -> list[Check]:
    voice = settings.voice
    checks = []
    if voice.vosk_model is not None:
        ok = voice.vosk_model.is_dir() and any(voice.vosk_model.iterdir())
        checks.append(Check("speech recogniser", ok, f"Vosk model {voice.vosk_model}: "
                            + ("a folder with files" if ok else "missing or empty; unpack a Vosk model there "
                               "or unset [voice] vosk_model")))
    elif voice.asr == "auto":
        from .speech.choose import auto_summary

        checks.append(Check("speech recogniser", None, auto_summary(voice.download)))
    else:
        checks.append(Check("speech recogniser", None, f"{voice.asr} (the default model)"))
    if voice.piper_voice is not None:
        config = voice.piper_voice.with_name(voice.piper_voice.name + ".json")
        ok = voice.piper_voice.is_file() and config.is_file()
        checks.append(Check("voice", ok, f"Piper voice {voice.piper_voice}: " + (
            "found, with its .onnx.json" if ok else "the .onnx file or the .onnx.json beside it is missing")))
    else:
        checks.append(Check("voice", None, f"{voice.tts} with the bundled en_US-joe-medium voice"))
    return checks


def check_settings(settings: Settings, environ: Mapping[str, str]) -> list[Check]:
    """Every source in turn; each check has its own timeout, so a dead server costs seconds, not minutes."""
    return [check_mail(settings, environ), check_sending(settings, environ), check_calendar(settings, environ),
            check_llm(settings, environ), *check_voice(settings)]
