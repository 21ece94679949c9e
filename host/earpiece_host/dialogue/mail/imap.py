"""A folder on an IMAP server, reached with imapclient; one short connection per request.

Messages are fetched with BODY.PEEK so that reading does not mark them seen; only `mark_read` does,
by setting the server's \\Seen flag. At most MAX_MESSAGE_BYTES of a message are fetched. Deleting
and archiving move the message (MOVE, or COPY and expunge) to the Trash or Archive folder.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl as ssl_module
from datetime import datetime
from typing import Callable

from ..types import SEE_THE_LOG
from .interface import SPOKEN_MESSAGE_GONE, MailList, MailUnavailableError
from .message import (
    EPOCH,
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

_MAX_IMAP_SCAN = 500  # newest messages looked at when searching a large IMAP folder by sender
_BODY = f"BODY.PEEK[]<0.{MAX_MESSAGE_BYTES}>"
_BODY_KEY = b"BODY[]<0>"


class ImapMailbox:
    """A folder on an IMAP server, reached with imapclient; one short connection per request.

    Messages are fetched with BODY.PEEK so that reading does not mark them seen; only `mark_read` does.
    Deleting moves a message to the Trash folder and archiving to the Archive folder (both made when
    missing); `restore` moves it back.
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
        trash_folder: str = "Trash",
        archive_folder: str = "Archive",
    ) -> None:
        self._trash = trash_folder
        self._archive = archive_folder
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
                "Check that the server is running, the host and port are right, and whether it needs SSL.",
                spoken=f"The mail server didn't answer. {SEE_THE_LOG}",
            ) from exc
        try:
            try:
                client.login(self._username, self._password)
            except LoginError as exc:
                raise MailUnavailableError(
                    f"The mail server {where} refused the login for {self._username}. Check the user name and password.",
                    spoken=f"The mail server turned down my login. {SEE_THE_LOG}",
                ) from exc
            try:
                client.select_folder(self._folder, readonly=readonly)
            except IMAPClientError as exc:
                raise MailUnavailableError(
                    f"The mail server {where} has no folder {self._folder!r} ({exc}). Check the folder name.",
                    spoken=f"The mail server has no folder by the name in your settings. {SEE_THE_LOG}",
                ) from exc
            return action(client)
        except MailUnavailableError:
            raise
        except (IMAPClientError, OSError, ssl_module.SSLError, socket.timeout) as exc:
            raise MailUnavailableError(
                f"The mail server {where} stopped answering ({exc}). Check the connection and try again.",
                spoken="The mail server stopped answering. Try again in a moment.",
            ) from exc
        finally:
            try:
                client.logout()
            except (IMAPClientError, OSError, ssl_module.SSLError):
                # The connection is already broken: close the socket so nothing leaks.
                with contextlib.suppress(OSError):
                    client.shutdown()

    def _headers(self, client, uids: list[int]) -> list[MessageHeader]:
        if not uids:
            return []
        fetched = client.fetch(uids, ["BODY.PEEK[HEADER]", "FLAGS", "INTERNALDATE"])
        headers = []
        for uid, data in fetched.items():
            message = parse_header_bytes(data.get(b"BODY[HEADER]") or b"")
            internal = data.get(b"INTERNALDATE")
            fallback = internal if isinstance(internal, datetime) else EPOCH
            if fallback.tzinfo is None:
                fallback = fallback.astimezone()
            unread = b"\\Seen" not in data.get(b"FLAGS", ())
            headers.append(header_from(message, str(uid), unread, fallback))
        return headers

    def _full(self, client, header: MessageHeader) -> Email:
        uid = int(header.id)
        data = client.fetch([uid], [_BODY]).get(uid, {})
        raw = data.get(_BODY_KEY, data.get(b"BODY[]"))
        if raw is None:
            raise UnreadableMessage("the server sent no body for it")
        return email_from(header, raw)

    def unread(self) -> MailList:
        def action(client) -> MailList:
            result = MailList()
            for header in newest_first(self._headers(client, client.search(["UNSEEN"]))):
                try:
                    result.append(self._full(client, header))
                except UnreadableMessage as exc:
                    log.warning("skipped message %s in %s: %s", header.id, self._folder, exc)
                    result.unreadable += 1
            return result

        return self._session(action, readonly=True)

    def latest(self, sender: str | None = None, subject: str | None = None) -> Email | None:
        def action(client) -> Email | None:
            uids = sorted(client.search(["ALL"]))[-_MAX_IMAP_SCAN:]
            for header in pick_latest(self._headers(client, uids), sender, subject):
                try:
                    return self._full(client, header)
                except UnreadableMessage as exc:
                    log.warning("skipped message %s in %s: %s", header.id, self._folder, exc)
            return None

        return self._session(action, readonly=True)

    def mark_read(self, email_id: str) -> None:
        import imapclient

        try:
            uid = int(email_id)
        except ValueError as exc:
            raise MailUnavailableError(f"{email_id!r} is not a message id from this IMAP mailbox.") from exc
        self._session(lambda client: client.add_flags([uid], [imapclient.SEEN]), readonly=False)

    @staticmethod
    def _uid(email_id: str) -> int:
        try:
            return int(email_id)
        except ValueError as exc:
            raise MailUnavailableError(f"{email_id!r} is not a message id from this IMAP mailbox.") from exc

    def mark_unread(self, email_id: str) -> None:
        import imapclient

        uid = self._uid(email_id)
        self._session(lambda client: client.remove_flags([uid], [imapclient.SEEN]), readonly=False)

    def recent(self, limit: int = 50) -> MailList:
        def action(client) -> MailList:
            result = MailList()
            uids = sorted(client.search(["ALL"]))[-_MAX_IMAP_SCAN:]
            for header in newest_first(self._headers(client, uids))[:limit]:
                try:
                    result.append(self._full(client, header))
                except UnreadableMessage as exc:
                    log.warning("skipped message %s in %s: %s", header.id, self._folder, exc)
                    result.unreadable += 1
            return result

        return self._session(action, readonly=True)

    @staticmethod
    def _move(client, uids: list[int], target: str) -> int:
        """Move messages of the selected folder to `target` (made when missing); the UID the first
        has there. MOVE (RFC 6851) when the server has it, else COPY, flag deleted and expunge."""
        if not client.folder_exists(target):
            client.create_folder(target)
        uid_next = int(client.folder_status(target, [b"UIDNEXT"])[b"UIDNEXT"])
        if client.has_capability("MOVE"):
            client.move(uids, target)
        else:
            import imapclient

            client.copy(uids, target)
            client.add_flags(uids, [imapclient.DELETED])
            if client.has_capability("UIDPLUS"):
                client.uid_expunge(uids)
            else:
                client.expunge()
        return uid_next

    def _move_out(self, email_id: str, target: str) -> str:
        uid = self._uid(email_id)

        def action(client) -> str:
            if not client.search(["UID", uid]):
                raise MailUnavailableError(f"The message {email_id} is no longer in {self._folder}; it may have been moved or deleted.",
                                           spoken=SPOKEN_MESSAGE_GONE)
            moved = self._move(client, [uid], target)
            return f"{target}/{moved}"

        return self._session(action, readonly=False)

    def delete(self, email_id: str) -> str:
        """Move the message to the Trash folder; `restore` brings it back."""
        return self._move_out(email_id, self._trash)

    def archive(self, email_id: str) -> str:
        """Move the message to the Archive folder."""
        return self._move_out(email_id, self._archive)

    def restore(self, moved_id: str) -> str:
        """Move a message from the Trash or Archive back into this folder; its UID here."""
        folder, _, raw_uid = moved_id.rpartition("/")
        if folder not in (self._trash, self._archive):
            raise MailUnavailableError(f"{moved_id!r} is not a message moved by the OS.")
        uid = self._uid(raw_uid)
        inbox = self._folder

        def action(client) -> str:
            client.select_folder(folder, readonly=False)
            found = client.search(["UID", f"{uid}:*"])
            if uid not in found:
                raise MailUnavailableError(f"The message is no longer in the {folder} folder.", spoken=SPOKEN_MESSAGE_GONE)
            return str(self._move(client, [uid], inbox))

        return self._session(action, readonly=False)


class ImapDrafts:
    """The account's Drafts folder on the IMAP server (made when missing), so the user's mail
    program shows what the OS is writing: APPEND with the \\Draft flag; a draft's key is its
    Message-ID, by which it is found again to be replaced or removed."""

    def __init__(self, mailbox: ImapMailbox, folder: str = "Drafts") -> None:
        self._box = mailbox
        self.folder = folder

    def _in_drafts(self, action: Callable):
        folder = self.folder

        def run(client):
            if not client.folder_exists(folder):
                client.create_folder(folder)
            return action(client)

        return self._box._session(run, readonly=False)

    @staticmethod
    def _remove(client, folder: str, key: str) -> None:
        import imapclient

        client.select_folder(folder, readonly=False)
        uids = client.search(["HEADER", "Message-ID", key])
        if uids:
            client.add_flags(uids, [imapclient.DELETED])
            if client.has_capability("UIDPLUS"):
                client.uid_expunge(uids)
            else:
                client.expunge()

    def save(self, message, replaces: str | None = None) -> str:
        import imapclient

        key = str(message["Message-ID"] or "")
        if not key:
            raise MailUnavailableError("A draft needs a Message-ID to be found again.")

        def action(client) -> str:
            client.append(self.folder, message.as_bytes(), flags=[imapclient.DRAFT, imapclient.SEEN])
            if replaces:
                self._remove(client, self.folder, replaces)
            return key

        return self._in_drafts(action)

    def remove(self, key: str) -> None:
        self._in_drafts(lambda client: self._remove(client, self.folder, key))
