"""Deleting the email just read ("delete that one") moves it to the Trash, and "undo" brings it back,
on a real Maildir and a real IMAP server (Dovecot on loopback); an mbox file is only read. One named
by sender or subject ("delete the email from the bank") goes only after "Shall I ...?" and a yes."""

from __future__ import annotations

import mailbox
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

import pytest

from earpiece_host.dialogue.mail import ImapMailbox, MaildirMailbox, MailUnavailableError
from servers import dovecot_server  # noqa: F401  (a pytest fixture)

BASE = datetime(2026, 3, 4, 9, 0, tzinfo=timezone.utc)


def message(sender: str, subject: str, minutes: int) -> EmailMessage:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, "me@example.org", subject
    m["Date"] = (BASE + timedelta(minutes=minutes)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    m.set_content(f"About {subject.lower()}.")
    return m


MESSAGES = [message("Amy <amy@example.org>", "Dinner", 0), message("Tom <tom@example.org>", "Bikes", 10)]


@pytest.fixture
def maildir(tmp_path: Path) -> Path:
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    for m in MESSAGES:
        box.add(mailbox.MaildirMessage(m))
    return tmp_path / "Maildir"


def test_maildir_delete_moves_to_the_trash_and_restore_brings_it_back(maildir: Path) -> None:
    box = MaildirMailbox(maildir)
    tom = box.latest("Tom")
    before = next(maildir.glob("new/*")).parent  # both start in new/
    tom_bytes = next(p for p in before.iterdir() if p.name.startswith(tom.id)).read_bytes()
    moved = box.delete(tom.id)
    assert [e.subject for e in box.unread()] == ["Dinner"] and box.latest("Tom") is None
    (trashed,) = (maildir / ".Trash" / "cur").iterdir()
    assert trashed.read_bytes() == tom_bytes and (maildir / ".Trash" / "maildirfolder").exists()
    # Other mail programs see a Maildir++ folder named Trash holding it.
    assert [m["Subject"] for m in mailbox.Maildir(maildir).get_folder("Trash")] == ["Bikes"]
    with pytest.raises(MailUnavailableError, match="no longer in"):
        box.delete(tom.id)
    back = box.restore(moved)
    assert box.latest("Tom").id == back and list((maildir / ".Trash" / "cur").iterdir()) == []
    assert [e.subject for e in box.unread()] == ["Bikes", "Dinner"]


def test_maildir_archive_mark_unread_and_restore(maildir: Path) -> None:
    box = MaildirMailbox(maildir)
    amy = box.latest("Amy")
    box.mark_read(amy.id)
    box.mark_unread(amy.id)
    assert [e.subject for e in box.unread()] == ["Bikes", "Dinner"]
    moved = box.archive(amy.id)
    assert [m["Subject"] for m in mailbox.Maildir(maildir).get_folder("Archive")] == ["Dinner"]
    assert [e.subject for e in box.recent()] == ["Bikes"]
    box.restore(moved)
    assert [e.subject for e in box.recent()] == ["Bikes", "Dinner"]
    with pytest.raises(MailUnavailableError, match="not a message moved"):
        box.restore("../elsewhere/x")


@pytest.mark.slow
def test_imap_delete_moves_to_trash_and_undo_moves_it_back(dovecot_server) -> None:  # noqa: F811
    import imapclient

    for m in MESSAGES:
        dovecot_server.deliver(m)
    box = ImapMailbox("127.0.0.1", dovecot_server.port, dovecot_server.username, dovecot_server.password,
                      ssl=False, timeout_s=5.0)
    tom = box.latest("Tom")
    moved = box.delete(tom.id)
    assert box.latest("Tom") is None
    assert [e.subject for e in box.unread()] == ["Dinner"]
    trash = ImapMailbox("127.0.0.1", dovecot_server.port, dovecot_server.username, dovecot_server.password,
                        folder="Trash", ssl=False, timeout_s=5.0)
    assert [(e.subject, e.body) for e in trash.recent()] == [("Bikes", "About bikes.")]
    back = box.restore(moved)
    assert box.latest("Tom").id == back and trash.recent() == []
    assert [e.subject for e in box.unread()] == ["Bikes", "Dinner"]  # still unread, flags kept
    archived = box.archive(box.latest("Amy").id)
    assert archived.startswith("Archive/") and [e.subject for e in box.recent()] == ["Bikes"]
    box.mark_read(back)
    box.mark_unread(back)
    assert [e.subject for e in box.unread()] == ["Bikes"]
    with imapclient.IMAPClient("127.0.0.1", port=dovecot_server.port, ssl=False, timeout=5) as client:
        client.login(dovecot_server.username, dovecot_server.password)
        assert {"Trash", "Archive"} <= {name for _flags, _sep, name in client.list_folders()}


@pytest.mark.slow
def test_delete_it_and_bring_it_back_by_voice_on_imap(dovecot_server, tmp_path: Path) -> None:  # noqa: F811
    from earpiece_host.dialogue import open_engine
    from settable_clock import Clock

    dovecot_server.deliver(message("Zoë Park <zoe@example.org>", "Garden", 30))
    box = ImapMailbox("127.0.0.1", dovecot_server.port, dovecot_server.username, dovecot_server.password,
                      ssl=False, timeout_s=5.0)
    engine = open_engine(tmp_path / "data", clock=Clock(BASE + timedelta(hours=1)), seed=1, morning_briefing=False,
                         mailbox=box)
    read, gone, back = [engine.handle(line) for line in ("read me the one from zoe", "delete that one", "actually, bring it back")]
    assert read.text.startswith("From Zoë Park, today, subject: Garden. About garden.")
    assert gone.text == "Moved the email from Zoë Park about Garden to the Trash. Say undo to bring it back."
    assert back.text == "It's back in your inbox: the email from Zoë Park about Garden."
    assert box.latest("Zoe").subject == "Garden"
    assert engine.handle("delete it").intent == "email.delete"
    engine.close()
    assert box.latest("Zoe") is None
    trash = ImapMailbox("127.0.0.1", dovecot_server.port, dovecot_server.username, dovecot_server.password,
                        folder="Trash", ssl=False, timeout_s=5.0)
    assert trash.latest("Zoe").subject == "Garden"



@pytest.mark.slow
def test_a_reply_on_imap_waits_in_the_servers_drafts_folder(dovecot_server, tmp_path: Path) -> None:  # noqa: F811
    from earpiece_host.dialogue import open_engine
    from settable_clock import Clock

    box = ImapMailbox("127.0.0.1", dovecot_server.port, dovecot_server.username, dovecot_server.password,
                      ssl=False, timeout_s=5.0)
    drafts = ImapMailbox("127.0.0.1", dovecot_server.port, dovecot_server.username, dovecot_server.password,
                         folder="Drafts", ssl=False, timeout_s=5.0)
    engine = open_engine(tmp_path / "data", clock=Clock(BASE + timedelta(hours=1)), seed=1, morning_briefing=False,
                         mailbox=box, mail_from="me@example.org")
    engine.handle("read me the one from Tom")  # Amy's was archived above
    assert engine.handle("reply saying see you at seven").text.endswith("Say send it when it's right.")
    assert [(e.subject, e.body) for e in drafts.recent()] == [("Re: Bikes", "see you at seven")]
    engine.handle("no, say see you at eight instead")
    assert [(e.subject, e.body) for e in drafts.recent()] == [("Re: Bikes", "see you at eight")]
    assert engine.handle("scrap the reply").text == "Okay, I've thrown it away."
    engine.close()
    assert drafts.recent() == []


def test_an_email_named_by_sender_is_deleted_only_after_a_yes(maildir: Path, tmp_path: Path) -> None:
    from earpiece_host.dialogue import open_engine

    box = mailbox.Maildir(maildir)
    box.add(mailbox.MaildirMessage(message("The Bank <noreply@bank.example>", "Your statement", 20)))
    box.add(mailbox.MaildirMessage(message("The Bank <noreply@bank.example>", "Card expiry", 30)))
    engine = open_engine(tmp_path / "data", clock=lambda: BASE + timedelta(hours=1), seed=1, morning_briefing=False,
                         mailbox=MaildirMailbox(maildir))
    ask = engine.handle("delete the email from the bank")
    no = engine.handle("no")
    again = engine.handle("delete all the emails from the bank")
    yes = engine.handle("yes")
    trashed = sorted(m["Subject"] for m in mailbox.Maildir(maildir).get_folder("Trash"))
    undo = engine.handle("undo")
    archive = engine.handle("archive the email about bikes")
    moved_before_yes = sorted(m["Subject"] for m in mailbox.Maildir(maildir).get_folder("Trash"))
    engine.close()
    assert (ask.intent, ask.slots) == ("email.delete", {"sender": "bank"})
    assert ask.text == "Shall I delete the email from The Bank about Card expiry?"
    assert no.intent == "conversation.cancel"
    assert again.text == "Shall I delete the 2 emails from The Bank?"
    assert (yes.intent, yes.slots) == ("email.delete", {"sender": "bank", "all": True, "confirmed": True})  # what was asked, agreed
    assert yes.text == "Moved 2 emails to the Trash. Say undo to bring them back."
    assert trashed == ["Card expiry", "Your statement"]
    assert undo.text == "They're back in your inbox: all 2 emails."
    assert archive.text == "Shall I archive the email from Tom about Bikes?" and moved_before_yes == []
