"""Drafts: a reply or new mail being written by voice waits here until it is sent.

A Maildir folder (the mailbox's own ".Drafts" Maildir++ subfolder when the mail is a Maildir, so
the user's mail program shows it; else a private drafts folder in the OS's data folder). An IMAP
account keeps its drafts in its own Drafts folder instead (`imap.ImapDrafts`). Each draft
is one file (mode 0600) flagged "D" (draft); saving again replaces it, sending removes it.
"""

from __future__ import annotations

import email.message
import mailbox
import os
from pathlib import Path

from ...private_files import private_dir

from .interface import MailUnavailableError

__all__ = ["DraftFolder"]


class DraftFolder:
    def __init__(self, path: Path, *, maildir_plus: bool = False) -> None:
        self.path = Path(path)
        self._maildir_plus = maildir_plus

    def _box(self) -> mailbox.Maildir:
        try:
            if not self._maildir_plus:
                private_dir(self.path)  # in the OS's data folder: the user's words, for the user only
            for sub in ("cur", "new", "tmp"):  # Maildir(create=True) makes these only for a new folder
                (self.path / sub).mkdir(mode=0o700, parents=True, exist_ok=True)
            box = mailbox.Maildir(self.path, create=False)
            if self._maildir_plus:
                (self.path / "maildirfolder").touch(exist_ok=True)
            return box
        except OSError as exc:
            raise MailUnavailableError(f"I couldn't open the drafts folder {self.path}: {exc.strerror or exc}. "
                                       "Check that it is writable.") from exc

    def save(self, message: email.message.EmailMessage, replaces: str | None = None) -> str:
        """Store the draft (replacing the earlier version `replaces`); its key."""
        box = self._box()
        draft = mailbox.MaildirMessage(message)
        draft.set_subdir("cur")
        draft.add_flag("DS")
        try:
            key = box.add(draft)
            for written in (self.path / "cur").glob(f"{key}*"):
                os.chmod(written, 0o600)  # whatever the umask: a draft is as private as the mailbox
            if replaces:
                box.discard(replaces)
        except OSError as exc:
            raise MailUnavailableError(f"I couldn't save the draft in {self.path}: {exc.strerror or exc}. "
                                       "Check that it is writable.") from exc
        return key

    def remove(self, key: str) -> None:
        try:
            self._box().discard(key)
        except OSError as exc:
            raise MailUnavailableError(f"I couldn't remove the sent draft from {self.path}: {exc.strerror or exc}.") from exc

    def keys(self) -> list[str]:
        return list(self._box().keys())

    def get(self, key: str) -> email.message.Message:
        return self._box()[key]
