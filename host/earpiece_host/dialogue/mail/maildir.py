"""A Maildir folder (new/, cur/, tmp/), read and flagged the way every Maildir program expects.

A message's state lives in its file name: in new/ it has not been seen by a mail program; in cur/
its info suffix ":2,FLAGS" holds the flags ("S" seen, "R" replied, "F" flagged...). Marking a
message read renames the file into cur/ with "S" added to that suffix; its bytes are never
rewritten, and deleting or archiving one renames it into the ".Trash" or ".Archive" subfolder
(Maildir++), from where "undo" renames it back.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..types import SEE_THE_LOG
from .interface import SPOKEN_CANT_READ_MAILBOX, SPOKEN_MESSAGE_GONE, MailList, MailUnavailableError
from .message import (
    Email,
    MessageHeader,
    UnreadableMessage,
    email_from,
    header_from,
    newest_first,
    parse_header_bytes,
    pick_latest,
    read_header_bytes,
    read_message_bytes,
)

log = logging.getLogger(__name__)

_INFO_SEPARATOR = ":"  # what Python's mailbox, Dovecot, mutt and offlineimap use on Unix


@dataclass(frozen=True)
class _Entry:
    header: MessageHeader
    path: Path


def _split_name(name: str) -> tuple[str, str]:
    """'KEY:2,FS' -> ('KEY', 'FS'); a name without a "2," info suffix has no flags."""
    key, _, info = name.partition(_INFO_SEPARATOR)
    return key, (info[2:] if info.startswith("2,") else "")


class MaildirMailbox:
    """A Maildir folder: unread means still in new/ or without the 'S' (seen) flag. Deleted mail
    goes to the Maildir++ subfolder ".Trash", archived mail to ".Archive", as mail programs expect."""

    def __init__(self, path: Path) -> None:
        self._path = Path(path)
        self._lock = threading.Lock()

    @property
    def path(self) -> Path:
        return self._path

    def _check(self) -> None:
        if not (self._path / "cur").is_dir() or not (self._path / "new").is_dir():
            raise MailUnavailableError(
                f"{self._path} is not a Maildir folder (it needs cur/ and new/ inside). "
                "Set [mail] maildir in earpiece.toml to your Maildir, or use mbox or imap_url instead.",
                spoken=SPOKEN_CANT_READ_MAILBOX,
            )

    def _entries(self) -> list[_Entry]:
        """Headers of every message, read straight from new/ and cur/ without loading bodies."""
        self._check()
        entries = []
        try:
            for subdir in ("new", "cur"):
                with os.scandir(self._path / subdir) as listing:
                    for item in listing:
                        if item.name.startswith(".") or not item.is_file():
                            continue
                        key, flags = _split_name(item.name)
                        unread = subdir == "new" or "S" not in flags
                        try:
                            fallback = datetime.fromtimestamp(item.stat().st_mtime, timezone.utc)
                            message = parse_header_bytes(read_header_bytes(Path(item.path)))
                        except FileNotFoundError:
                            continue  # another mail client moved it (new/ -> cur/) while we looked
                        entries.append(_Entry(header_from(message, key, unread, fallback), Path(item.path)))
        except OSError as exc:
            raise MailUnavailableError(
                f"Could not read the Maildir {self._path}: {exc.strerror or exc}. Check its permissions.",
                spoken=SPOKEN_CANT_READ_MAILBOX,
            ) from exc
        return entries

    def _read(self, entry: _Entry) -> Email:
        try:
            data = read_message_bytes(entry.path)
        except FileNotFoundError:
            data = read_message_bytes(self._find(entry.header.id))  # renamed by another program meanwhile
        return email_from(entry.header, data)

    def _readable(self, entries: list[_Entry]) -> MailList:
        """Read each entry in turn; one that cannot be read is skipped, counted and logged (by key only)."""
        result = MailList()
        for entry in entries:
            try:
                result.append(self._read(entry))
            except (UnreadableMessage, MailUnavailableError, OSError) as exc:
                log.warning("skipped message %s in %s: %s", entry.header.id, self._path, exc)
                result.unreadable += 1
        return result

    def unread(self) -> MailList:
        with self._lock:
            entries = {e.header.id: e for e in self._entries()}
            ordered = newest_first(e.header for e in entries.values() if e.header.unread)
            return self._readable([entries[h.id] for h in ordered])

    def latest(self, sender: str | None = None, subject: str | None = None) -> Email | None:
        with self._lock:
            entries = {e.header.id: e for e in self._entries()}
            for header in pick_latest([e.header for e in entries.values()], sender, subject):
                try:
                    return self._read(entries[header.id])
                except (UnreadableMessage, OSError) as exc:
                    log.warning("skipped message %s in %s: %s", header.id, self._path, exc)
            return None

    def _find(self, key: str) -> Path:
        """The current file of a message, wherever its flags have put it."""
        for subdir in ("cur", "new"):
            try:
                with os.scandir(self._path / subdir) as listing:
                    for item in listing:
                        if _split_name(item.name)[0] == key and not item.name.startswith("."):
                            return Path(item.path)
            except OSError as exc:
                raise MailUnavailableError(
                    f"Could not read the Maildir {self._path}: {exc.strerror or exc}. Check its permissions.",
                    spoken=SPOKEN_CANT_READ_MAILBOX,
                ) from exc
        raise MailUnavailableError(
            f"The message {key} is no longer in {self._path}; it may have been moved or deleted.",
            spoken=SPOKEN_MESSAGE_GONE,
        )

    def mark_read(self, email_id: str) -> None:
        """Rename the message into cur/ with the 'S' flag added; its bytes stay as they are."""
        with self._lock:
            self._check()
            if not email_id or "/" in email_id or email_id.startswith("."):
                raise MailUnavailableError(f"{email_id!r} is not a message id from this Maildir.")
            for _attempt in range(3):  # another program may rename it between our look and our move
                current = self._find(email_id)
                key, flags = _split_name(current.name)
                if current.parent.name == "cur" and "S" in flags:
                    return  # already read
                new_flags = "".join(sorted(set(flags) | {"S"}))
                target = self._path / "cur" / f"{key}{_INFO_SEPARATOR}2,{new_flags}"
                try:
                    os.rename(current, target)
                    return
                except FileNotFoundError:
                    continue
                except OSError as exc:
                    raise MailUnavailableError(
                        f"Could not mark the message as read in {self._path}: {exc.strerror or exc}. "
                        "Check its permissions.",
                        spoken=f"I couldn't mark that message as read. {SEE_THE_LOG}",
                    ) from exc
            raise MailUnavailableError(
                f"The message {email_id} keeps moving in {self._path}; another mail program is busy with it. Try again.",
                spoken="Another mail program is busy with that message. Try again in a moment.",
            )

    def recent(self, limit: int = 50) -> MailList:
        """The newest `limit` messages, read or not, newest first."""
        with self._lock:
            entries = {e.header.id: e for e in self._entries()}
            ordered = newest_first(e.header for e in entries.values())[:limit]
            return self._readable([entries[h.id] for h in ordered])

    def _check_id(self, email_id: str) -> None:
        if not email_id or "/" in email_id or email_id.startswith("."):
            raise MailUnavailableError(f"{email_id!r} is not a message id from this Maildir.")

    def mark_unread(self, email_id: str) -> None:
        """Rename the message with the 'S' flag taken away (it stays in cur/)."""
        with self._lock:
            self._check()
            self._check_id(email_id)
            current = self._find(email_id)
            key, flags = _split_name(current.name)
            if "S" not in flags:
                return
            target = self._path / "cur" / f"{key}{_INFO_SEPARATOR}2,{''.join(sorted(set(flags) - {'S'}))}"
            self._rename(current, target, "mark the message as unread")

    def _rename(self, source: Path, target: Path, doing: str) -> None:
        try:
            os.rename(source, target)
        except FileNotFoundError as exc:
            raise MailUnavailableError(
                f"The message {source.name} is no longer in {self._path}; it may have been moved or deleted.",
                spoken=SPOKEN_MESSAGE_GONE,
            ) from exc
        except OSError as exc:
            raise MailUnavailableError(
                f"Could not {doing} in {self._path}: {exc.strerror or exc}. Check its permissions.",
                spoken=f"I couldn't {doing}. {SEE_THE_LOG}",
            ) from exc

    def _folder(self, name: str) -> Path:
        """A Maildir++ subfolder (".Trash"), made with its cur/ new/ tmp/ when missing, as mail programs do."""
        folder = self._path / f".{name}"
        try:
            for sub in ("cur", "new", "tmp"):
                (folder / sub).mkdir(parents=True, exist_ok=True, mode=0o700)
            (folder / "maildirfolder").touch(exist_ok=True)
        except OSError as exc:
            raise MailUnavailableError(
                f"Could not make the folder {folder}: {exc.strerror or exc}. Check the Maildir's permissions.",
                spoken=f"I couldn't make a folder in your mail. {SEE_THE_LOG}",
            ) from exc
        return folder

    def _move_out(self, email_id: str, folder_name: str, doing: str) -> str:
        with self._lock:
            self._check()
            self._check_id(email_id)
            current = self._find(email_id)
            key, flags = _split_name(current.name)
            folder = self._folder(folder_name)
            self._rename(current, folder / "cur" / f"{key}{_INFO_SEPARATOR}2,{flags}", doing)
            return f"{folder_name}/{key}"

    def delete(self, email_id: str) -> str:
        """Move the message into the Trash folder (".Trash"); `restore` brings it back."""
        return self._move_out(email_id, "Trash", "move the message to the Trash")

    def archive(self, email_id: str) -> str:
        """Move the message into the Archive folder (".Archive")."""
        return self._move_out(email_id, "Archive", "archive the message")

    def restore(self, moved_id: str) -> str:
        """Bring a message moved by `delete` or `archive` back into the inbox; its id there."""
        folder_name, _, key = moved_id.partition("/")
        if folder_name not in ("Trash", "Archive") or not key or "/" in key or key.startswith("."):
            raise MailUnavailableError(f"{moved_id!r} is not a message moved by the OS.")
        with self._lock:
            self._check()
            folder = self._path / f".{folder_name}"
            for sub in ("cur", "new"):
                try:
                    names = os.listdir(folder / sub)
                except FileNotFoundError:
                    continue
                for name in names:
                    if _split_name(name)[0] == key:
                        target = self._path / "cur" / (name if _INFO_SEPARATOR in name else f"{name}{_INFO_SEPARATOR}2,")
                        self._rename(folder / sub / name, target, "bring the message back")
                        return key
            raise MailUnavailableError(f"The message is no longer in the {folder_name} folder of {self._path}.",
                                       spoken=SPOKEN_MESSAGE_GONE)
