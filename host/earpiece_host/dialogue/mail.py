"""Mail adapters: a Maildir folder, an mbox file or an IMAP server, read as `Email` values fit to be spoken.

`clean_body` turns a raw message into what a person would read aloud: the new text only, without
HTML, quoted replies, forwarded headers or signatures.
"""

from __future__ import annotations

import contextlib
import difflib
import email
import email.message
import email.policy
import mailbox
import os
import re
import socket
import ssl as ssl_module
import threading
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from email.header import decode_header, make_header
from email.parser import BytesHeaderParser, BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable, Iterable, Protocol

__all__ = [
    "Email",
    "ImapMailbox",
    "MailUnavailableError",
    "Mailbox",
    "MaildirMailbox",
    "MboxMailbox",
    "clean_body",
    "sender_matches",
]

# Headers alone are parsed to sort and filter; only the messages actually returned are parsed in full.
_MAX_IMAP_SCAN = 500  # newest messages looked at when searching a large IMAP folder by sender


@dataclass(frozen=True)
class Email:
    """One message as the OS speaks it: who from, about what, when, and the cleaned body."""

    id: str
    sender_name: str
    sender_address: str
    subject: str
    date: datetime
    body: str
    unread: bool


class Mailbox(Protocol):
    def unread(self) -> list[Email]: ...

    def latest(self, sender: str | None = None) -> Email | None: ...

    def mark_read(self, email_id: str) -> None: ...


class MailUnavailableError(RuntimeError):
    """The mailbox cannot be read; the message says what went wrong and what to do."""


# ---------------------------------------------------------------------------------------------
# Headers


def _decode_header(raw: object) -> str:
    if raw is None:
        return ""
    text = str(raw)
    try:
        text = str(make_header(decode_header(text)))
    except (ValueError, LookupError, UnicodeError):
        pass  # a malformed encoded-word: the raw text is still the best we have
    return " ".join(text.split())


def _name_from_address(address: str) -> str:
    """'catherine.smith@example.org' -> 'Catherine Smith', so a sender without a display name can be spoken."""
    local = address.split("@", 1)[0]
    words = [w for w in re.split(r"[._+\-]+", local) if w and not w.isdigit()]
    return " ".join(w.capitalize() for w in words) or address


def _sender(message: email.message.Message) -> tuple[str, str]:
    raw = _decode_header(message.get("From"))
    pairs = getaddresses([raw])
    name, address = pairs[0] if pairs else ("", "")
    name = name.strip().strip('"').strip()
    address = address.strip()
    if not address and "@" not in raw:
        name = name or raw
    return (name or _name_from_address(address)), address


def _message_date(message: email.message.Message, fallback: datetime) -> datetime:
    raw = message.get("Date")
    if raw:
        try:
            parsed = parsedate_to_datetime(str(raw))
        except (TypeError, ValueError, IndexError):
            parsed = None
        if parsed is not None:
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=timezone.utc)  # RFC 5322 "-0000": UTC, source unknown
            return parsed.astimezone()
    return fallback.astimezone()


def _normalise_name(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def sender_matches(sender_name: str, sender_address: str, query: str) -> bool:
    """Whether a spoken sender ("Catherine", "cath", "catherine@...", "Katherine") names this sender.

    Matches a substring of the name or address, a prefix of any word of either, or a word that
    sounds alike (spelling distance), so recognition slips in names still find the mail.
    """
    wanted = _normalise_name(query)
    if not wanted:
        return True
    name = _normalise_name(sender_name)
    address = _normalise_name(sender_address)
    if wanted in name or wanted in address:
        return True
    words = set(re.split(r"[^\w]+", name)) | set(re.split(r"[^\w]+", address.split("@", 1)[0]))
    words.discard("")
    wanted_words = [w for w in re.split(r"[^\w]+", wanted) if w]
    if not wanted_words:
        return False

    def word_matches(spoken: str) -> bool:
        return any(
            word.startswith(spoken)
            or (len(spoken) >= 4 and difflib.SequenceMatcher(None, spoken, word).ratio() >= 0.8)
            for word in words
        )

    return all(word_matches(w) for w in wanted_words)


# ---------------------------------------------------------------------------------------------
# Body cleaning


class _HtmlToText(HTMLParser):
    """Visible text of an HTML mail; scripts, styles and quoted blocks (<blockquote>, gmail_quote) dropped."""

    _SKIP_TAGS = frozenset({"script", "style", "head", "title", "blockquote", "template", "noscript"})
    _QUOTE_CLASSES = frozenset({"gmail_quote", "gmail_attr", "moz-cite-prefix", "yahoo_quoted", "gmail_signature"})
    _BLOCK_TAGS = frozenset(
        {"p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre", "section", "article", "header", "footer"}
    )
    _VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._skip_tag: str | None = None
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth += 1
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag in self._SKIP_TAGS or (tag not in self._VOID_TAGS and classes & self._QUOTE_CLASSES):
            self._skip_tag, self._skip_depth = tag, 1
            return
        if tag == "li":
            self._parts.append("\n")
        elif tag in ("p", "div", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr"):
            self._parts.append("\n\n")
        elif tag in self._BLOCK_TAGS:
            self._parts.append("\n")
        elif tag in ("td", "th"):
            self._parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_tag is None and tag in ("br", "hr"):
            self._parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth -= 1
                if self._skip_depth == 0:
                    self._skip_tag = None
            return
        if tag in ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table"):
            self._parts.append("\n\n")
        elif tag in self._BLOCK_TAGS:
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip_tag is None:
            self._parts.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        return "".join(self._parts)


def html_to_text(html: str) -> str:
    parser = _HtmlToText()
    parser.feed(html)
    parser.close()
    return parser.text()


def _part_text(part: email.message.Message) -> str:
    payload = part.get_payload(decode=True)
    if payload is None:
        raw = part.get_payload()
        return raw if isinstance(raw, str) else ""
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    for candidate in (charset, "utf-8", "cp1252"):
        try:
            return payload.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("utf-8", errors="replace")


def _is_attachment(part: email.message.Message) -> bool:
    disposition = str(part.get("Content-Disposition", "")).split(";", 1)[0].strip().lower()
    return disposition == "attachment"


def _body_text(message: email.message.Message) -> str:
    """The message's text: the first text/plain part, else the first text/html part as text."""
    plain: str | None = None
    html: str | None = None
    for part in message.walk():
        if part.is_multipart() or _is_attachment(part):
            continue
        content_type = part.get_content_type()
        if content_type == "text/plain" and plain is None:
            plain = _part_text(part)
        elif content_type == "text/html" and html is None:
            html = _part_text(part)
    if plain is not None and plain.strip():
        return plain
    if html is not None:
        return html_to_text(html)
    return plain or ""


_ATTRIBUTION = re.compile(
    r"^\s*(on\b.{0,200}\bwrote:|le\b.{0,200}\ba écrit\s*:|am\b.{0,200}\bschrieb\b.{0,80}:|el\b.{0,200}\bescribió:)\s*$",
    re.IGNORECASE,
)
_ATTRIBUTION_START = re.compile(r"^\s*on\s.+", re.IGNORECASE)
_ORIGINAL_MESSAGE = re.compile(r"^\s*-{2,}\s*original message\s*-{2,}\s*$", re.IGNORECASE)
_FORWARD_MARKER = re.compile(
    r"^\s*(-{2,}\s*forwarded message\s*-{2,}|begin forwarded message:?)\s*$",
    re.IGNORECASE,
)
_HEADER_LINE = re.compile(r"^\s*\*?(from|sent|date|to|cc|bcc|subject|reply-to)\*?\s*:", re.IGNORECASE)
_OUTLOOK_FROM = re.compile(r"^\s*\*?from\*?\s*:", re.IGNORECASE)
_MOBILE_SIGNATURE = re.compile(
    r"^\s*(sent from my\b.*|sent from (outlook|mail|yahoo mail|proton ?mail|samsung).*|get outlook for \w+.*|"
    r"sent with proton ?mail.*|envoyé de mon .*|von meinem .* gesendet)\s*$",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^\s*(best|best regards|kind regards|warm regards|warmest regards|regards|many thanks|thanks|thank you|"
    r"thanks again|thanks so much|cheers|sincerely|yours sincerely|yours faithfully|yours truly|yours|"
    r"all the best|best wishes|with best wishes|love|lots of love|much love|take care|talk soon|speak soon|"
    r"see you soon|warmly|cordially|respectfully|xx+|x)\s*[,.!]?\s*$",
    re.IGNORECASE,
)
_MAX_SIGN_OFF_TAIL_LINES = 6  # lines after "Best," that may still be a name/title block rather than prose


def _strip_quotes_and_forwards(lines: list[str]) -> list[str]:
    kept: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        # A reply's quoted history: everything after the attribution line or an Outlook header block.
        if _ATTRIBUTION.match(line) or _ORIGINAL_MESSAGE.match(line):
            break
        if _ATTRIBUTION_START.match(line) and i + 1 < len(lines):
            joined = line.rstrip() + " " + lines[i + 1].strip()
            if _ATTRIBUTION.match(joined) and len(stripped) < 200:
                break
        if _OUTLOOK_FROM.match(line) and kept and _count_header_lines(lines, i) >= 3:
            break
        if stripped.startswith(">"):
            i += 1
            continue
        # A forward: drop the marker and the header block, keep the forwarded text.
        if _FORWARD_MARKER.match(line):
            i += 1
            while i < len(lines) and (_HEADER_LINE.match(lines[i]) or not lines[i].strip()):
                i += 1
            kept.append("")
            continue
        kept.append(line)
        i += 1
    return kept


def _count_header_lines(lines: list[str], start: int) -> int:
    count = 0
    for line in lines[start : start + 8]:
        if _HEADER_LINE.match(line):
            count += 1
        elif line.strip():
            break
    return count


def _strip_signature(lines: list[str]) -> list[str]:
    # The "-- " delimiter (RFC 3676) and its common mangled form "--" end the message.
    for i, line in enumerate(lines):
        if line.rstrip("\r\n") in ("-- ", "--") or line.strip() in ("--", "__", "___"):
            lines = lines[:i]
            break
    lines = [line for line in lines if not _MOBILE_SIGNATURE.match(line)]
    # A sign-off ("Best,", "Thanks!") followed only by a short name/title block closes the message.
    content_lines = [i for i, line in enumerate(lines) if line.strip()]
    for i in content_lines:
        if not _SIGN_OFF.match(lines[i]):
            continue
        tail = [line for line in lines[i + 1 :] if line.strip()]
        before = [line for line in lines[:i] if line.strip()]
        if before and len(tail) <= _MAX_SIGN_OFF_TAIL_LINES and all(len(line.strip()) <= 60 for line in tail):
            if all(not line.strip().endswith((".", "?", "!")) or len(line.split()) <= 3 for line in tail):
                return lines[:i]
    return lines


def _normalise_whitespace(lines: list[str]) -> str:
    """Paragraphs separated by one blank line; hard-wrapped lines within a paragraph joined by spaces."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        words = line.split()
        if words:
            current.append(" ".join(words))
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def clean_body(message: email.message.Message) -> str:
    """The body as a person would read it aloud: new text only, no HTML, quotes, forwards or signatures."""
    text = _body_text(message)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    lines = text.split("\n")
    lines = _strip_quotes_and_forwards(lines)
    lines = _strip_signature(lines)
    return _normalise_whitespace(lines)


# ---------------------------------------------------------------------------------------------
# Shared reading logic


@dataclass(frozen=True)
class _Header:
    """What is needed to sort and filter a message before its body is read."""

    id: str
    sender_name: str
    sender_address: str
    subject: str
    date: datetime
    unread: bool


def _header_from(message: email.message.Message, id_: str, unread: bool, fallback_date: datetime) -> _Header:
    name, address = _sender(message)
    return _Header(
        id=id_,
        sender_name=name,
        sender_address=address,
        subject=_decode_header(message.get("Subject")),
        date=_message_date(message, fallback_date),
        unread=unread,
    )


def _email_from(header: _Header, message: email.message.Message) -> Email:
    return Email(
        id=header.id,
        sender_name=header.sender_name,
        sender_address=header.sender_address,
        subject=header.subject,
        date=header.date,
        body=clean_body(message),
        unread=header.unread,
    )


def _newest_first(headers: Iterable[_Header]) -> list[_Header]:
    return sorted(headers, key=lambda h: h.date, reverse=True)


def _pick_latest(headers: list[_Header], sender: str | None) -> _Header | None:
    candidates = [h for h in headers if sender is None or sender_matches(h.sender_name, h.sender_address, sender)]
    ordered = _newest_first(candidates)
    return ordered[0] if ordered else None


_EPOCH = datetime.fromtimestamp(0, timezone.utc)
_HEADER_PARSER = BytesHeaderParser()
_MAX_HEADER_BYTES = 256 * 1024  # a header block larger than this is malformed; stop reading


def _read_header_bytes(path: Path) -> bytes:
    """The header block of a message file, without reading its (possibly huge) body."""
    lines: list[bytes] = []
    size = 0
    with open(path, "rb") as handle:
        for line in handle:
            if line in (b"\n", b"\r\n") or size > _MAX_HEADER_BYTES:
                break
            lines.append(line)
            size += len(line)
    return b"".join(lines)


# ---------------------------------------------------------------------------------------------
# Maildir


class MaildirMailbox:
    """A Maildir folder (new/, cur/, tmp/): unread means still in new/ or without the 'S' (seen) flag."""

    def __init__(self, path: Path) -> None:
        self._path = Path(path)
        self._lock = threading.Lock()

    def _open(self) -> mailbox.Maildir:
        if not (self._path / "cur").is_dir() or not (self._path / "new").is_dir():
            raise MailUnavailableError(
                f"{self._path} is not a Maildir folder (it needs cur/ and new/ inside). "
                "Set [mail] maildir in earpiece.toml to your Maildir, or use mbox or imap_url instead."
            )
        return mailbox.Maildir(self._path, factory=None, create=False)

    def _headers(self) -> list[_Header]:
        """Headers of every message, read straight from new/ and cur/ without loading bodies."""
        headers = []
        try:
            for subdir in ("new", "cur"):
                with os.scandir(self._path / subdir) as entries:
                    for entry in entries:
                        if entry.name.startswith(".") or not entry.is_file():
                            continue
                        key, _, info = entry.name.partition(":")
                        flags = info[2:] if info.startswith("2,") else ""
                        unread = subdir == "new" or "S" not in flags
                        try:
                            fallback = datetime.fromtimestamp(entry.stat().st_mtime, timezone.utc)
                            message = _HEADER_PARSER.parsebytes(_read_header_bytes(Path(entry.path)))
                        except FileNotFoundError:
                            continue  # another mail client moved it (new/ -> cur/) while we looked
                        headers.append(_header_from(message, key, unread, fallback))
        except OSError as exc:
            raise MailUnavailableError(
                f"Could not read the Maildir {self._path}: {exc.strerror or exc}. Check its permissions."
            ) from exc
        return headers

    def _email(self, box: mailbox.Maildir, header: _Header) -> Email:
        return _email_from(header, box.get_message(header.id))

    def unread(self) -> list[Email]:
        with self._lock:
            box = self._open()
            return [self._email(box, h) for h in _newest_first(self._headers()) if h.unread]

    def latest(self, sender: str | None = None) -> Email | None:
        with self._lock:
            box = self._open()
            header = _pick_latest(self._headers(), sender)
            return None if header is None else self._email(box, header)

    def mark_read(self, email_id: str) -> None:
        with self._lock:
            box = self._open()
            try:
                message = box.get_message(email_id)
            except KeyError as exc:
                raise MailUnavailableError(
                    f"The message {email_id} is no longer in {self._path}; it may have been moved or deleted."
                ) from exc
            message.set_subdir("cur")
            message.add_flag("S")
            try:
                box[email_id] = message
            except OSError as exc:
                raise MailUnavailableError(
                    f"Could not mark the message as read in {self._path}: {exc.strerror or exc}. Check its permissions."
                ) from exc


# ---------------------------------------------------------------------------------------------
# mbox


def _from_line_date(message: mailbox.mboxMessage) -> datetime:
    """The delivery time on the mbox "From sender date" line, for messages without a Date header."""
    parts = message.get_from().split()
    try:
        return datetime.strptime(" ".join(parts[1:6]), "%a %b %d %H:%M:%S %Y").replace(tzinfo=timezone.utc)
    except ValueError:
        return _EPOCH


def _mbox_key(email_id: str) -> Any:
    """mbox keys are message positions (ints); the ids handed out are their decimal strings."""
    return int(email_id)


class MboxMailbox:
    """A single mbox file: unread means no 'R' in the Status header (the mutt/Thunderbird convention)."""

    def __init__(self, path: Path) -> None:
        self._path = Path(path)
        self._lock = threading.Lock()

    def _open(self) -> mailbox.mbox:
        if not self._path.is_file():
            raise MailUnavailableError(
                f"There is no mbox file at {self._path}. Set [mail] mbox in earpiece.toml to your mbox file, "
                "or use maildir or imap_url instead."
            )
        return mailbox.mbox(self._path, factory=None, create=False)

    def _headers(self, box: mailbox.mbox) -> list[_Header]:
        try:
            return [
                _header_from(msg, str(key), "R" not in msg.get_flags(), _from_line_date(msg))
                for key, msg in box.iteritems()
            ]
        except OSError as exc:
            raise MailUnavailableError(
                f"Could not read the mbox file {self._path}: {exc.strerror or exc}. Check its permissions."
            ) from exc

    def unread(self) -> list[Email]:
        with self._lock:
            box = self._open()
            try:
                return [_email_from(h, box.get_message(_mbox_key(h.id))) for h in _newest_first(self._headers(box)) if h.unread]
            finally:
                box.close()

    def latest(self, sender: str | None = None) -> Email | None:
        with self._lock:
            box = self._open()
            try:
                header = _pick_latest(self._headers(box), sender)
                return None if header is None else _email_from(header, box.get_message(_mbox_key(header.id)))
            finally:
                box.close()

    def mark_read(self, email_id: str) -> None:
        with self._lock:
            box = self._open()
            try:
                box.lock()
                try:
                    key = _mbox_key(email_id)
                    message = box.get_message(key)
                except (KeyError, ValueError) as exc:
                    raise MailUnavailableError(
                        f"The message {email_id} is no longer in {self._path}; the file may have been rewritten."
                    ) from exc
                message.add_flag("RO")
                box[key] = message
                box.flush()
            except mailbox.ExternalClashError as exc:
                raise MailUnavailableError(
                    f"The mbox file {self._path} is locked by another program. Try again in a moment."
                ) from exc
            except OSError as exc:
                raise MailUnavailableError(
                    f"Could not mark the message as read in {self._path}: {exc.strerror or exc}. Check its permissions."
                ) from exc
            finally:
                box.unlock()
                box.close()


# ---------------------------------------------------------------------------------------------
# IMAP


class ImapMailbox:
    """A folder on an IMAP server, reached with imapclient; one short connection per request.

    Messages are fetched with BODY.PEEK so that reading does not mark them seen; only `mark_read` does.
    """

    def __init__(
        self,
        host: str,
        port: int,
        username: str,
        password: str,
        folder: str = "INBOX",
        ssl: bool = True,
        timeout_s: float = 10.0,
        *,
        ssl_context: ssl_module.SSLContext | None = None,
    ) -> None:
        self._host = host
        self._port = port
        self._username = username
        self._password = password
        self._folder = folder
        self._ssl = ssl
        self._timeout_s = timeout_s
        self._ssl_context = ssl_context

    def _session(self, action: Callable, *, readonly: bool):
        """Connect, log in, select the folder, run `action(client)`, and log out, mapping every failure."""
        import imapclient
        from imapclient.exceptions import IMAPClientError, LoginError

        where = f"{self._host}:{self._port}"
        try:
            client = imapclient.IMAPClient(
                self._host,
                port=self._port,
                ssl=self._ssl,
                ssl_context=self._ssl_context,
                timeout=self._timeout_s,
            )
        except (OSError, ssl_module.SSLError) as exc:
            raise MailUnavailableError(
                f"Could not connect to the mail server {where} ({exc}). "
                "Check that the server is running, the host and port are right, and whether it needs SSL."
            ) from exc
        try:
            try:
                client.login(self._username, self._password)
            except LoginError as exc:
                raise MailUnavailableError(
                    f"The mail server {where} refused the login for {self._username}. Check the user name and password."
                ) from exc
            try:
                client.select_folder(self._folder, readonly=readonly)
            except IMAPClientError as exc:
                raise MailUnavailableError(
                    f"The mail server {where} has no folder {self._folder!r} ({exc}). Check the folder name."
                ) from exc
            return action(client)
        except MailUnavailableError:
            raise
        except (IMAPClientError, OSError, ssl_module.SSLError, socket.timeout) as exc:
            raise MailUnavailableError(
                f"The mail server {where} stopped answering ({exc}). Check the connection and try again."
            ) from exc
        finally:
            try:
                client.logout()
            except (IMAPClientError, OSError, ssl_module.SSLError):
                # The connection is already broken: close the socket so nothing leaks.
                with contextlib.suppress(OSError):
                    client.shutdown()

    def _headers(self, client, uids: list[int]) -> list[_Header]:
        if not uids:
            return []
        parser = BytesHeaderParser()
        fetched = client.fetch(uids, ["BODY.PEEK[HEADER]", "FLAGS", "INTERNALDATE"])
        headers = []
        for uid, data in fetched.items():
            message = parser.parsebytes(data[b"BODY[HEADER]"])
            internal = data.get(b"INTERNALDATE")
            fallback = internal if isinstance(internal, datetime) else _EPOCH
            if fallback.tzinfo is None:
                fallback = fallback.astimezone()
            unread = b"\\Seen" not in data.get(b"FLAGS", ())
            headers.append(_header_from(message, str(uid), unread, fallback))
        return headers

    def _full(self, client, header: _Header) -> Email:
        uid = int(header.id)
        data = client.fetch([uid], ["BODY.PEEK[]"])[uid]
        return _email_from(header, BytesParser().parsebytes(data[b"BODY[]"]))

    def unread(self) -> list[Email]:
        def action(client) -> list[Email]:
            uids = client.search(["UNSEEN"])
            return [self._full(client, h) for h in _newest_first(self._headers(client, uids))]

        return self._session(action, readonly=True)

    def latest(self, sender: str | None = None) -> Email | None:
        def action(client) -> Email | None:
            uids = sorted(client.search(["ALL"]))[-_MAX_IMAP_SCAN:]
            header = _pick_latest(self._headers(client, uids), sender)
            return None if header is None else self._full(client, header)

        return self._session(action, readonly=True)

    def mark_read(self, email_id: str) -> None:
        import imapclient

        try:
            uid = int(email_id)
        except ValueError as exc:
            raise MailUnavailableError(f"{email_id!r} is not a message id from this IMAP mailbox.") from exc
        self._session(lambda client: client.add_flags([uid], [imapclient.SEEN]), readonly=False)
