"""One mail message as the OS speaks it: who from, about what, when, and the cleaned body.

Messages come from other people's programs and are parsed defensively: a header block or body
larger than the limits below is cut, a date in the far future is not believed, and a message whose
MIME structure is too deep to parse safely is reported as unreadable (`UnreadableMessage`) rather
than allowed to fail the whole mailbox.
"""

from __future__ import annotations

import difflib
import email.message
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.header import decode_header, make_header
from email.parser import BytesHeaderParser, BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Iterable

from .body import attachments, clean_body
from .language import foreign_language

__all__ = ["Email", "MessageHeader", "UnreadableMessage", "email_from", "header_from", "newest_first",
           "parse_message", "pick_latest", "read_header_bytes", "sender_matches", "subject_matches"]

MAX_HEADER_BYTES = 256 * 1024  # a header block larger than this is malformed; stop reading
MAX_MESSAGE_BYTES = 4 * 1024 * 1024  # of a message's bytes, at most this much is parsed for its text
MAX_BOUNDARIES = 100  # a message declaring more MIME boundaries than this is not parsed
_FUTURE_SLACK = timedelta(days=2)  # a Date further ahead than this is a lie or a broken clock
EPOCH = datetime.fromtimestamp(0, timezone.utc)


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
    message_id: str = ""
    references: str = ""
    attachments: tuple[tuple[str, int], ...] = ()  # (file name, size in bytes), in document order
    language: str | None = None  # the body's language when it is plainly not English ("French")


class UnreadableMessage(ValueError):
    """One message cannot be parsed safely; the store skips it and counts it."""


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
    """The Date header in local time; the delivery time (fallback) when it is missing, malformed or
    implausibly far in the future (a "year 9999" date would sort first forever)."""
    raw = message.get("Date")
    if raw:
        try:
            parsed = parsedate_to_datetime(str(raw))
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=timezone.utc)  # RFC 5322 "-0000": UTC, source unknown
            local = parsed.astimezone()
        except (TypeError, ValueError, IndexError, OverflowError):
            local = None
        if local is not None and local <= datetime.now(timezone.utc) + _FUTURE_SLACK:
            return local
    try:
        return fallback.astimezone()
    except (OverflowError, ValueError):
        return EPOCH.astimezone()


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
# Parsing


@dataclass(frozen=True)
class MessageHeader:
    """What is needed to sort and filter a message before its body is read."""

    id: str
    sender_name: str
    sender_address: str
    subject: str
    date: datetime
    unread: bool
    message_id: str = ""
    references: str = ""


_HEADER_PARSER = BytesHeaderParser()


def header_from(message: email.message.Message, id_: str, unread: bool, fallback_date: datetime) -> MessageHeader:
    name, address = _sender(message)
    return MessageHeader(
        id=id_,
        sender_name=name,
        sender_address=address,
        subject=_decode_header(message.get("Subject")),
        date=_message_date(message, fallback_date),
        unread=unread,
        message_id=_decode_header(message.get("Message-ID"))[:998],
        references=_decode_header(message.get("References"))[:4000],
    )


def parse_header_bytes(data: bytes) -> email.message.Message:
    return _HEADER_PARSER.parsebytes(data[:MAX_HEADER_BYTES])


def parse_message(data: bytes) -> email.message.Message:
    """A whole message, parsed within the limits; UnreadableMessage when it cannot be, safely."""
    data = data[:MAX_MESSAGE_BYTES]
    if data.lower().count(b"boundary=") > MAX_BOUNDARIES:
        raise UnreadableMessage(f"more than {MAX_BOUNDARIES} nested MIME parts")
    try:
        return BytesParser().parsebytes(data)
    except (RecursionError, MemoryError, ValueError, LookupError) as exc:
        raise UnreadableMessage(f"its MIME structure cannot be parsed ({type(exc).__name__})") from exc


def email_from(header: MessageHeader, data: bytes) -> Email:
    """The spoken form of a message; UnreadableMessage when its body cannot be read safely."""
    message = parse_message(data)
    try:
        body = clean_body(message)
        files = attachments(message)
    except (RecursionError, ValueError, LookupError, TypeError, AttributeError) as exc:
        # The email package's own defects surface as these on hostile input.
        raise UnreadableMessage(f"its text cannot be read ({type(exc).__name__})") from exc
    return Email(
        id=header.id,
        sender_name=header.sender_name,
        sender_address=header.sender_address,
        subject=header.subject,
        date=header.date,
        body=body,
        unread=header.unread,
        message_id=header.message_id,
        references=header.references,
        attachments=files,
        language=foreign_language(body),
    )


def newest_first(headers: Iterable[MessageHeader]) -> list[MessageHeader]:
    return sorted(headers, key=lambda h: h.date, reverse=True)


_NOT_SUBJECT_WORDS = frozenset({"the", "a", "an", "my", "our", "your", "about", "re", "fwd", "of", "on", "for"})


def subject_matches(subject: str, words: str) -> bool:
    """Whether every spoken word ("the spring concerts") starts a word of the subject, accents and
    case aside; the little words are not needed."""
    wanted = [w for w in re.findall(r"\w+", _normalise_name(words)) if w not in _NOT_SUBJECT_WORDS]
    have = re.findall(r"\w+", _normalise_name(subject))
    return bool(wanted) and all(any(h.startswith(w) for h in have) for w in wanted)


def pick_latest(headers: list[MessageHeader], sender: str | None, subject: str | None = None) -> list[MessageHeader]:
    """Candidates for "the latest (from sender) (about subject words)", newest first: the first
    readable one is the answer."""
    return newest_first(h for h in headers
                        if (sender is None or sender_matches(h.sender_name, h.sender_address, sender))
                        and (subject is None or subject_matches(h.subject, subject)))


def read_header_bytes(path: Path) -> bytes:
    """The header block of a message file, without reading its (possibly huge) body."""
    lines: list[bytes] = []
    size = 0
    with open(path, "rb") as handle:
        for line in handle:
            if line in (b"\n", b"\r\n") or size > MAX_HEADER_BYTES:
                break
            lines.append(line)
            size += len(line)
    return b"".join(lines)


def read_message_bytes(path: Path) -> bytes:
    """A message file's bytes, at most MAX_MESSAGE_BYTES of them."""
    with open(path, "rb") as handle:
        return handle.read(MAX_MESSAGE_BYTES)
