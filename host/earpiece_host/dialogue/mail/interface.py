"""What every mail store offers the OS, and the one error they raise.

The stores (Maildir, mbox, IMAP) hand out `Email` values in a `MailList`, which also says how many
messages could not be read: a broken or hostile message is skipped and counted, never allowed to
hide the rest of the mailbox.
"""

from __future__ import annotations

from typing import Iterable, Protocol

from ..types import SEE_THE_LOG, SourceUnavailableError
from .message import Email

SPOKEN_MESSAGE_GONE = "That message isn't there any more: it may have been moved or deleted."
SPOKEN_CANT_READ_MAILBOX = f"I can't read your mail folder. {SEE_THE_LOG}"


class MailUnavailableError(SourceUnavailableError):
    """The mailbox cannot be read; the message says what went wrong and what to do."""


class MailList(list):
    """Emails, newest first, and the number of messages skipped because they could not be read."""

    def __init__(self, emails: Iterable[Email] = (), unreadable: int = 0) -> None:
        super().__init__(emails)
        self.unreadable = unreadable


class MailReadOnlyError(MailUnavailableError):
    """The store is only read by the OS (an mbox file): it will not delete, move or flag mail there."""


class Mailbox(Protocol):
    """One store. Moving a message (delete to the Trash, archive) returns the id it has in its new
    folder, which `restore` takes to bring it back to the inbox ("undo"); `restore` returns the id
    it has there again. A store the OS only reads (mbox) raises MailReadOnlyError for those."""

    def unread(self) -> MailList: ...

    def recent(self, limit: int = 50) -> MailList: ...

    def latest(self, sender: str | None = None, subject: str | None = None) -> Email | None: ...

    def mark_read(self, email_id: str) -> None: ...

    def mark_unread(self, email_id: str) -> None: ...

    def delete(self, email_id: str) -> str: ...

    def archive(self, email_id: str) -> str: ...

    def restore(self, moved_id: str) -> str: ...


def unreadable_note(count: int) -> str:
    """The sentence the OS adds when some messages were skipped ("1 email could not be read.")."""
    if count <= 0:
        return ""
    return f"{count} email{'s' if count != 1 else ''} in your mailbox could not be read."
