"""Mail from strangers stays harmless: a hostile message (a year-9999 date, 2,000 nested MIME parts)
is skipped and reported while the rest of the mailbox reads normally, in bounded CPU and memory;
marking a message read never rewrites its bytes (Maildir: a rename; mbox: one Status line)."""

from __future__ import annotations

import mailbox
import time
import tracemalloc
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.mail import ImapMailbox, MaildirMailbox, MailReadOnlyError, MboxMailbox
from hostile_files import nested_mime_message, plain_message
from servers import dovecot_server  # noqa: F401  (a fixture)

BASE = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
# CPU and memory a hostile message may cost, far above what parsing two small mails needs
# (and far below the seconds and hundreds of megabytes it cost before it was bounded).
CPU_BUDGET_S = 0.5
MEMORY_BUDGET_BYTES = 16 * 1024 * 1024


def friendly() -> list:
    return [plain_message("Amy <amy@example.org>", "Dinner", "Dinner on Friday?", BASE),
            plain_message("Paul <paul@example.org>", "Letters", "Tatiana liked the letter.", BASE + timedelta(minutes=5))]


def maildir_with_hostile(path: Path) -> Path:
    box = mailbox.Maildir(path, create=True)
    for message in friendly():
        box.add(mailbox.MaildirMessage(message))
    (path / "new" / "1700000000.hostile.example").write_bytes(nested_mime_message())
    return path


def mbox_with_hostile(path: Path) -> Path:
    box = mailbox.mbox(path, create=True)
    for message in friendly():
        box.add(mailbox.mboxMessage(message))
    box.flush()
    box.close()
    with open(path, "ab") as handle:  # appended raw: Python's own mailbox would choke on parsing it
        handle.write(b"\nFrom mallory@example.net Thu Nov 26 10:00:00 2026\n" + nested_mime_message() + b"\n")
    return path


def measured(action):
    tracemalloc.start()
    started = time.thread_time()
    try:
        result = action()
        cpu_s = time.thread_time() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, cpu_s, peak


@pytest.mark.parametrize("kind", ["maildir", "mbox"])
def test_a_hostile_message_is_skipped_and_counted_and_the_rest_still_read(tmp_path: Path, kind: str) -> None:
    box = MaildirMailbox(maildir_with_hostile(tmp_path / "Maildir")) if kind == "maildir" else \
        MboxMailbox(mbox_with_hostile(tmp_path / "inbox.mbox"))
    unread, cpu_s, peak = measured(box.unread)
    assert [(e.sender_name, e.body) for e in unread] == [("Paul", "Tatiana liked the letter."), ("Amy", "Dinner on Friday?")]
    assert unread.unreadable == 1
    assert cpu_s < CPU_BUDGET_S and peak < MEMORY_BUDGET_BYTES, (cpu_s, peak)
    # Its year-9999 date is not believed, so it cannot sit on top of the mailbox for ever; the
    # newest readable message is the answer to "read my latest email".
    assert box.latest().sender_name == "Paul"
    assert box.latest("Mallory") is None


def test_the_os_reports_the_unreadable_message_and_names_the_others(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "data", seed=1, morning_briefing=False,
                         maildir=maildir_with_hostile(tmp_path / "Maildir"))
    reply = engine.handle("do I have any new email").text
    assert reply.startswith("2 new: Paul about Letters and Amy about Dinner.")
    assert reply.endswith("1 email in your mailbox could not be read."), reply
    assert "Tatiana liked the letter" in engine.handle("read my email").text
    engine.close()


def test_a_hostile_message_on_imap_is_skipped_too(dovecot_server) -> None:  # noqa: F811
    for message in friendly():
        dovecot_server.deliver(message)
    (dovecot_server.maildir / "new" / "1700000000.hostile.example").write_bytes(nested_mime_message())
    dovecot_server._give_to_mail_user()
    box = ImapMailbox("127.0.0.1", dovecot_server.port, dovecot_server.username, dovecot_server.password,
                      ssl=False, timeout_s=5.0)
    unread = box.unread()
    assert [e.sender_name for e in unread] == ["Paul", "Amy"] and unread.unreadable == 1


def test_maildir_mark_read_renames_and_keeps_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "Maildir"
    box = mailbox.Maildir(path, create=True)
    flagged = mailbox.MaildirMessage(friendly()[0])
    flagged.set_subdir("cur")
    flagged.add_flag("F")  # flagged by the user, not yet seen
    key_flagged = box.add(flagged)
    key_new = box.add(mailbox.MaildirMessage(friendly()[1]))
    before = {p.name.split(":")[0]: p.read_bytes() for p in path.glob("*/*")}
    reader = MaildirMailbox(path)
    for e in reader.unread():
        reader.mark_read(e.id)
    after = {p.name: p.read_bytes() for p in path.glob("cur/*")}
    assert sorted(after) == sorted([f"{key_flagged}:2,FS", f"{key_new}:2,S"])
    assert {name.split(":")[0]: data for name, data in after.items()} == before  # byte for byte
    assert list(path.glob("new/*")) == [] and reader.unread() == []


def test_the_mbox_file_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "inbox.mbox"
    box = mailbox.mbox(path, create=True)
    for message in friendly():
        box.add(mailbox.mboxMessage(message))
    box.flush()
    box.close()
    # A header another program folded its own way, which re-serialising would refold.
    original = path.read_bytes().replace(b"Subject: Dinner\n", b"Subject: Dinner\n X-Odd:\n\tfolded   like this\n")
    path.write_bytes(original)
    reader = MboxMailbox(path)
    amy = reader.latest("Amy")
    reader.mark_read(amy.id)
    for refused in (reader.delete, reader.archive, reader.restore):
        with pytest.raises(MailReadOnlyError, match="only read.*Maildir or IMAP"):
            refused(amy.id)
    assert path.read_bytes() == original
    assert [e.sender_name for e in reader.unread()] == ["Paul"]
