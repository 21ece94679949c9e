"""Deleting the email just read ("delete that one"), on a real Maildir, a real mbox file and a real
IMAP server (Dovecot on loopback): the message is gone from the store, the others stay."""

from __future__ import annotations

import mailbox
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

import pytest

from earpiece_host.dialogue.mail import ImapMailbox, MaildirMailbox, MailUnavailableError, MboxMailbox
from servers import dovecot_server  # noqa: F401  (a pytest fixture)

BASE = datetime(2026, 3, 4, 9, 0, tzinfo=timezone.utc)


def message(sender: str, subject: str, minutes: int) -> EmailMessage:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, "me@example.org", subject
    m["Date"] = (BASE + timedelta(minutes=minutes)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    m.set_content(f"About {subject.lower()}.")
    return m


MESSAGES = [message("Amy <amy@example.org>", "Dinner", 0), message("Tom <tom@example.org>", "Bikes", 10)]


@pytest.fixture(params=["maildir", "mbox"])
def local_mailbox(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "maildir":
        box = mailbox.Maildir(tmp_path / "Maildir", create=True)
        for m in MESSAGES:
            box.add(mailbox.MaildirMessage(m))
        return MaildirMailbox(tmp_path / "Maildir")
    box = mailbox.mbox(tmp_path / "inbox.mbox", create=True)
    for m in MESSAGES:
        box.add(mailbox.mboxMessage(m))
    box.flush()
    box.close()
    return MboxMailbox(tmp_path / "inbox.mbox")


def test_delete_removes_only_that_message(local_mailbox) -> None:
    tom = local_mailbox.latest("Tom")
    local_mailbox.delete(tom.id)
    assert [e.subject for e in local_mailbox.unread()] == ["Dinner"]
    assert local_mailbox.latest("Tom") is None
    with pytest.raises(MailUnavailableError, match="no longer in"):
        local_mailbox.delete(tom.id)


@pytest.mark.slow
def test_imap_delete_expunges_the_message(dovecot_server) -> None:  # noqa: F811
    for m in MESSAGES:
        dovecot_server.deliver(m)
    box = ImapMailbox("127.0.0.1", dovecot_server.port, dovecot_server.username, dovecot_server.password,
                      ssl=False, timeout_s=5.0)
    tom = box.latest("Tom")
    box.delete(tom.id)
    assert box.latest("Tom") is None
    assert [e.subject for e in box.unread()] == ["Dinner"]
