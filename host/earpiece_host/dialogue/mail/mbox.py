"""A single mbox file, read message by message and never written.

An mbox is one file holding every message; changing one message means rewriting the file, which
races with the mail program that delivers into it and risks the user's whole mailbox. So the OS
only reads it: unread means no 'R' in the Status header (the mutt/Thunderbird convention), a
message read aloud is remembered as read while the OS runs, and deleting, archiving or moving is
refused with a sentence that says why and what to use instead (`MailReadOnlyError`).
"""

from __future__ import annotations

import logging
import mailbox
import threading
from datetime import datetime, timezone
from pathlib import Path

from ..types import SEE_THE_LOG
from .interface import MailList, MailReadOnlyError, MailUnavailableError
from .message import (
    EPOCH,
    MAX_HEADER_BYTES,
    MAX_MESSAGE_BYTES,
    Email,
    MessageHeader,
    UnreadableMessage,
    email_from,
    header_from,
    newest_first,
    parse_header_bytes,
    pick_latest,
)

log = logging.getLogger(__name__)


def _from_line_date(from_line: bytes) -> datetime:
    """The delivery time on the mbox "From sender date" line, for messages without a Date header."""
    parts = from_line.decode("ascii", errors="replace").split()
    try:
        return datetime.strptime(" ".join(parts[2:7]), "%a %b %d %H:%M:%S %Y").replace(tzinfo=timezone.utc)
    except ValueError:
        return EPOCH


def _mbox_key(email_id: str) -> int:
    """mbox keys are message positions (ints); the ids handed out are their decimal strings."""
    return int(email_id)


def _header_block(handle) -> bytes:
    lines: list[bytes] = []
    size = 0
    for line in handle:
        if line in (b"\n", b"\r\n") or size > MAX_HEADER_BYTES:
            break
        lines.append(line)
        size += len(line)
    return b"".join(lines)


class MboxMailbox:
    """A single mbox file: unread means no 'R' in the Status header."""

    def __init__(self, path: Path) -> None:
        self._path = Path(path)
        self._lock = threading.Lock()
        self._seen: set[str] = set()  # read aloud while the OS runs (the file keeps its own Status)

    def _open(self) -> mailbox.mbox:
        if not self._path.is_file():
            raise MailUnavailableError(
                f"There is no mbox file at {self._path}. Set [mail] mbox in earpiece.toml to your mbox file, "
                "or use maildir or imap_url instead.",
                spoken=f"I can't find your mail file. {SEE_THE_LOG}",
            )
        return mailbox.mbox(self._path, factory=None, create=False)

    def _unavailable(self, exc: OSError) -> MailUnavailableError:
        return MailUnavailableError(
            f"Could not read the mbox file {self._path}: {exc.strerror or exc}. Check its permissions."
        )

    def _headers(self, box: mailbox.mbox) -> list[MessageHeader]:
        """Each message's header block, read from the file without parsing any body."""
        headers = []
        try:
            for key in box.iterkeys():
                with box.get_file(key, from_=True) as handle:
                    from_line = handle.readline()
                    message = parse_header_bytes(_header_block(handle))
                flags = str(message.get("Status", "")) + str(message.get("X-Status", ""))
                headers.append(header_from(message, str(key), "R" not in flags and str(key) not in self._seen,
                                           _from_line_date(from_line)))
        except OSError as exc:
            raise self._unavailable(exc) from exc
        return headers

    @staticmethod
    def _read(box: mailbox.mbox, header: MessageHeader) -> Email:
        with box.get_file(_mbox_key(header.id)) as handle:
            return email_from(header, handle.read(MAX_MESSAGE_BYTES))

    def unread(self) -> MailList:
        with self._lock:
            box = self._open()
            try:
                result = MailList()
                for header in newest_first(h for h in self._headers(box) if h.unread):
                    try:
                        result.append(self._read(box, header))
                    except UnreadableMessage as exc:
                        log.warning("skipped message %s in %s: %s", header.id, self._path, exc)
                        result.unreadable += 1
                return result
            except OSError as exc:
                raise self._unavailable(exc) from exc
            finally:
                box.close()

    def latest(self, sender: str | None = None, subject: str | None = None) -> Email | None:
        with self._lock:
            box = self._open()
            try:
                for header in pick_latest(self._headers(box), sender, subject):
                    try:
                        return self._read(box, header)
                    except UnreadableMessage as exc:
                        log.warning("skipped message %s in %s: %s", header.id, self._path, exc)
                return None
            except OSError as exc:
                raise self._unavailable(exc) from exc
            finally:
                box.close()

    def recent(self, limit: int = 50) -> MailList:
        with self._lock:
            box = self._open()
            try:
                result = MailList()
                for header in newest_first(self._headers(box))[:limit]:
                    try:
                        result.append(self._read(box, header))
                    except UnreadableMessage as exc:
                        log.warning("skipped message %s in %s: %s", header.id, self._path, exc)
                        result.unreadable += 1
                return result
            except OSError as exc:
                raise self._unavailable(exc) from exc
            finally:
                box.close()

    def mark_read(self, email_id: str) -> None:
        """Remember, for as long as the OS runs, that it read this message out; the file is not touched."""
        self._seen.add(email_id)

    def mark_unread(self, email_id: str) -> None:
        self._seen.discard(email_id)

    def _refuse(self, doing: str) -> MailReadOnlyError:
        return MailReadOnlyError(
            f"Your mail is the mbox file {self._path.name}, which I only read, so I can't {doing} there. "
            "Use your mail program for that, or point the mail setting at a Maildir or IMAP account.",
            spoken=f"Your mail is in a file I only read, so I can't {doing} there. Use your mail program for that.",
        )

    def delete(self, email_id: str) -> str:
        raise self._refuse("delete mail")

    def archive(self, email_id: str) -> str:
        raise self._refuse("archive mail")

    def restore(self, moved_id: str) -> str:
        raise self._refuse("move mail")
