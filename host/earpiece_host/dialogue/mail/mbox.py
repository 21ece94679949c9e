"""A single mbox file, read message by message and never re-serialised.

Unread means no 'R' in the Status header (the mutt/Thunderbird convention). Marking a message read
changes exactly one header line of that message (Status); every other byte of the file, that
message's included, is copied as it was.
"""

from __future__ import annotations

import logging
import mailbox
import re
import threading
from datetime import datetime, timezone
from pathlib import Path

from .interface import MailList, MailUnavailableError
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

_STATUS_LINE = re.compile(rb"^Status:[ \t]*([A-Za-z]*)[ \t]*(\r?\n)", re.IGNORECASE | re.MULTILINE)


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


def with_status_flags(raw: bytes, flags: str) -> bytes:
    """The message bytes (From_ line first) with `flags` added to its Status header, nothing else changed."""
    end = raw.find(b"\n\n")
    end_crlf = raw.find(b"\r\n\r\n")
    if end == -1 or (end_crlf != -1 and end_crlf < end):
        end = end_crlf
    head_end = len(raw) if end == -1 else end + 1  # just after the header block's last newline
    head = raw[:head_end]
    found = _STATUS_LINE.search(head)
    if found:
        merged = "".join(sorted(set(found.group(1).decode("ascii")) | set(flags))).encode("ascii")
        head = head[:found.start(1)] + merged + head[found.end(1):]
    else:
        newline = b"\r\n" if head.endswith(b"\r\n") else b"\n"
        head = head + b"Status: " + flags.encode("ascii") + newline
    return head + raw[head_end:]


class MboxMailbox:
    """A single mbox file: unread means no 'R' in the Status header."""

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
                headers.append(header_from(message, str(key), "R" not in flags, _from_line_date(from_line)))
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

    def latest(self, sender: str | None = None) -> Email | None:
        with self._lock:
            box = self._open()
            try:
                for header in pick_latest(self._headers(box), sender):
                    try:
                        return self._read(box, header)
                    except UnreadableMessage as exc:
                        log.warning("skipped message %s in %s: %s", header.id, self._path, exc)
                return None
            except OSError as exc:
                raise self._unavailable(exc) from exc
            finally:
                box.close()

    def mark_read(self, email_id: str) -> None:
        """Add 'RO' to the message's Status line; the rest of the file is copied byte for byte."""
        with self._lock:
            box = self._open()
            locked = False
            try:
                box.lock()
                locked = True
                try:
                    key = _mbox_key(email_id)
                    raw = box.get_bytes(key, from_=True)
                except (KeyError, ValueError) as exc:
                    raise MailUnavailableError(
                        f"The message {email_id} is no longer in {self._path}; the file may have been rewritten."
                    ) from exc
                changed = with_status_flags(raw, "RO")
                if changed != raw:
                    box[key] = changed
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
                if locked:
                    box.unlock()
                box.close()

    def delete(self, email_id: str) -> None:
        """Remove a message from the mbox file, under its lock."""
        with self._lock:
            box = self._open()
            locked = False
            try:
                box.lock()
                locked = True
                try:
                    box.remove(_mbox_key(email_id))
                except (KeyError, ValueError) as exc:
                    raise MailUnavailableError(
                        f"The message {email_id} is no longer in {self._path}; the file may have been rewritten."
                    ) from exc
                box.flush()
            except mailbox.ExternalClashError as exc:
                raise MailUnavailableError(
                    f"The mbox file {self._path} is locked by another program. Try again in a moment."
                ) from exc
            except OSError as exc:
                raise MailUnavailableError(
                    f"Could not delete the message in {self._path}: {exc.strerror or exc}. Check its permissions."
                ) from exc
            finally:
                if locked:
                    box.unlock()
                box.close()
