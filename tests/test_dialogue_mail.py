"""Mail adapters against real Maildir and mbox files and a real IMAP server (Dovecot on loopback)."""

from __future__ import annotations

import mailbox
import socket
import time
import ssl
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage, Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.parser import BytesParser
from email.utils import format_datetime
from pathlib import Path

import pytest

from earpiece_host.dialogue.mail import (
    Email,
    ImapMailbox,
    MailUnavailableError,
    MaildirMailbox,
    MboxMailbox,
    clean_body,
    sender_matches,
)
from servers import dovecot_server, free_port  # noqa: F401  (dovecot_server is a fixture)

BASE = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def plain(sender: str, subject: str, body: str, minutes: int = 0, charset: str = "utf-8") -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "me@example.org"
    message["Subject"] = subject
    message["Date"] = format_datetime(BASE + timedelta(minutes=minutes))
    message["Message-ID"] = f"<{minutes}.{abs(hash(subject))}@example.org>"
    message.set_content(body, charset=charset)
    return message


def parse(raw: bytes) -> Message:
    return BytesParser().parsebytes(raw)


# --- clean_body ------------------------------------------------------------------------------


def test_clean_body_removes_quoted_reply_and_attribution() -> None:
    body = (
        "Yes, Thursday works for me.\n"
        "Shall we say ten?\n"
        "\n"
        "On Mon, 2 Mar 2026 at 09:00, Theodore <ted@example.org> wrote:\n"
        "> Are you free on Thursday?\n"
        "> We could look at the letters.\n"
    )
    assert clean_body(plain("c@example.org", "Re: Thursday", body)) == "Yes, Thursday works for me. Shall we say ten?"


def test_clean_body_attribution_wrapped_over_two_lines_and_interleaved_quotes() -> None:
    body = (
        "> Did the parcel arrive?\n"
        "It did, thank you!\n"
        "\n"
        "On Monday, March 2, 2026 9:00 AM, Theodore Twombly\n"
        "<ted@example.org> wrote:\n"
        "Did the parcel arrive? It should have been there.\n"
    )
    assert clean_body(plain("c@example.org", "Re: parcel", body)) == "It did, thank you!"


def test_clean_body_outlook_original_message_block_removed() -> None:
    body = (
        "Approved.\n"
        "\n"
        "-----Original Message-----\n"
        "From: Paul <paul@example.org>\n"
        "Sent: Monday, March 2, 2026 9:00 AM\n"
        "To: Me\n"
        "Subject: Budget\n"
        "\n"
        "Can you approve the budget?\n"
    )
    assert clean_body(plain("boss@example.org", "RE: Budget", body)) == "Approved."


def test_clean_body_outlook_header_block_without_marker_removed() -> None:
    body = "Sounds good.\n\nFrom: Paul <paul@example.org>\nSent: Monday, March 2, 2026\nTo: Me\nSubject: Plan\n\nOld text.\n"
    assert clean_body(plain("a@example.org", "RE: Plan", body)) == "Sounds good."


def test_clean_body_forward_keeps_forwarded_text_drops_its_headers() -> None:
    body = (
        "Thought you'd like this.\n"
        "\n"
        "---------- Forwarded message ---------\n"
        "From: Museum <news@museum.example>\n"
        "Date: Mon, 2 Mar 2026 at 08:00\n"
        "Subject: Night opening\n"
        "To: <c@example.org>\n"
        "\n"
        "The gallery is open late on Friday.\n"
    )
    assert clean_body(plain("c@example.org", "Fwd: Night opening", body)) == (
        "Thought you'd like this.\n\nThe gallery is open late on Friday."
    )


def test_clean_body_signatures_removed() -> None:
    dashed = "See you at six.\n\n-- \nCatherine Klausen\nWriter | +1 555 0100\n"
    assert clean_body(plain("c@example.org", "Tonight", dashed)) == "See you at six."
    mobile = "On my way.\n\nSent from my iPhone\n"
    assert clean_body(plain("c@example.org", "Late", mobile)) == "On my way."
    sign_off = "The draft is attached, have a look when you can.\n\nBest regards,\nAmy\nAmy Lee | Designer\n"
    assert clean_body(plain("amy@example.org", "Draft", sign_off)) == "The draft is attached, have a look when you can."


def test_clean_body_keeps_prose_that_merely_starts_with_thanks() -> None:
    body = "Thanks for the letter yesterday.\nIt made my week, and I read it twice.\n"
    assert clean_body(plain("c@example.org", "Letter", body)) == (
        "Thanks for the letter yesterday. It made my week, and I read it twice."
    )


def test_clean_body_html_only_message_becomes_plain_text() -> None:
    html = (
        "<html><head><title>ignored</title><style>p { color: red }</style>"
        "<script>alert('x')</script></head><body>"
        "<p>Dinner at <b>Caf&eacute; Rouge</b> &amp; then a film?</p>"
        "<div>Let&#39;s meet at 7&nbsp;pm.<br>Love, C</div>"
        '<div class="gmail_quote"><div class="gmail_attr">On Mon, Ted wrote:</div>'
        "<blockquote>Where shall we eat?</blockquote></div>"
        "</body></html>"
    )
    message = EmailMessage()
    message["From"] = "Catherine <c@example.org>"
    message["Subject"] = "Friday"
    message.set_content(html, subtype="html")
    assert clean_body(message) == "Dinner at Café Rouge & then a film?\n\nLet's meet at 7 pm. Love, C"


def test_clean_body_prefers_plain_part_of_multipart_alternative_and_skips_attachments() -> None:
    message = MIMEMultipart("mixed")
    alternative = MIMEMultipart("alternative")
    alternative.attach(MIMEText("The plain version.\n", "plain", "utf-8"))
    alternative.attach(MIMEText("<p>The <i>HTML</i> version.</p>", "html", "utf-8"))
    message.attach(alternative)
    attachment = MIMEText("secret,data\n1,2\n", "plain", "utf-8")
    attachment.add_header("Content-Disposition", "attachment", filename="data.csv")
    message.attach(attachment)
    assert clean_body(parse(message.as_bytes())) == "The plain version."


def test_clean_body_decodes_charsets_and_transfer_encodings() -> None:
    latin = MIMEText("Grüße aus Köln, à bientôt.\n", "plain", "iso-8859-1")  # base64 or QP by the library
    assert clean_body(parse(latin.as_bytes())) == "Grüße aus Köln, à bientôt."
    raw = (
        b"From: =?utf-8?b?SsO2cmc=?= <j@example.org>\r\n"
        b"Subject: =?iso-8859-1?q?Caf=E9?=\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"Ce soir au caf=C3=A9 =E2=80=94 un long para=\r\ngraphe coup=C3=A9.\r\n"
    )
    assert clean_body(parse(raw)) == "Ce soir au café — un long paragraphe coupé."
    japanese = MIMEText("こんにちは、元気ですか。\n", "plain", "iso-2022-jp")
    assert clean_body(parse(japanese.as_bytes())) == "こんにちは、元気ですか。"


def test_clean_body_unknown_charset_falls_back_instead_of_failing() -> None:
    raw = b"Content-Type: text/plain; charset=x-unknown-thing\r\n\r\nplain words\r\n"
    assert clean_body(parse(raw)) == "plain words"


def test_clean_body_normalises_whitespace_into_paragraphs() -> None:
    body = "  First   line\n  wrapped here.\n\n\n\n\tSecond\u00a0paragraph.  \n"
    assert clean_body(plain("a@example.org", "s", body)) == "First line wrapped here.\n\nSecond paragraph."


def test_clean_body_short_thanks_only_message_is_kept() -> None:
    assert clean_body(plain("a@example.org", "Re: gift", "Thanks!\n\nSent from my phone\n")) == "Thanks!"


def test_clean_body_outlook_html_reply_loses_the_quoted_original() -> None:
    html = (
        "<div>Yes, send it over.</div><div><br></div>"
        '<hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg">'
        "<b>From:</b> Paul &lt;paul@example.org&gt;<br><b>Sent:</b> Monday, March 2, 2026 9:00<br>"
        "<b>To:</b> Me<br><b>Subject:</b> Report</div><div>Shall I send the report?</div>"
    )
    message = EmailMessage()
    message.set_content(html, subtype="html")
    assert clean_body(message) == "Yes, send it over."


def test_sender_matching_is_fuzzy_on_name_and_address() -> None:
    name, address = "Catherine Klausen", "catherine.k@example.org"
    for query in ("Catherine", "cath", "catherine@", "catherine.k@example.org", "Klausen", "Katherine", "catherine klausen"):
        assert sender_matches(name, address, query), query
    for query in ("Amy", "Paul", "kat"):
        assert not sender_matches(name, address, query), query
    assert sender_matches("Zoë", "zoe@example.org", "Zoe")


# --- Maildir and mbox: the same behaviour from both --------------------------------------------


def inbox_messages() -> list[tuple[EmailMessage, bool]]:
    """(message, already read) in delivery order; the newest is Amy's at +30 minutes."""
    return [
        (plain("Catherine Klausen <catherine@example.org>", "Lunch?", "Lunch on Friday?\n\n-- \nC", minutes=0), False),
        (plain("Paul <paul@example.org>", "Minutes", "Here are the minutes.", minutes=10), True),
        (plain("=?utf-8?q?Catherine_Klausen?= <catherine@example.org>", "Photos", "The photos from the beach.", minutes=20), True),
        (plain("amy@example.org", "Game night", "Game night at mine? > not a quote", minutes=30), False),
    ]


def make_maildir(path: Path) -> Path:
    box = mailbox.Maildir(path, create=True)
    for message, seen in inbox_messages():
        maildir_message = mailbox.MaildirMessage(message)
        if seen:
            maildir_message.set_subdir("cur")
            maildir_message.add_flag("S")
        box.add(maildir_message)
    return path


def make_mbox(path: Path) -> Path:
    box = mailbox.mbox(path, create=True)
    for message, seen in inbox_messages():
        mbox_message = mailbox.mboxMessage(message)
        if seen:
            mbox_message.set_flags("RO")
        box.add(mbox_message)
    box.flush()
    box.close()
    return path


@pytest.fixture(params=["maildir", "mbox"])
def local_mailbox(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "maildir":
        return MaildirMailbox(make_maildir(tmp_path / "Maildir"))
    return MboxMailbox(make_mbox(tmp_path / "inbox.mbox"))


def test_unread_lists_unread_newest_first_with_spoken_fields(local_mailbox) -> None:
    unread = local_mailbox.unread()
    assert [(e.sender_name, e.subject) for e in unread] == [("Amy", "Game night"), ("Catherine Klausen", "Lunch?")]
    amy, catherine = unread
    assert isinstance(amy, Email) and amy.unread and amy.sender_address == "amy@example.org"
    assert amy.body == "Game night at mine? > not a quote"
    assert catherine.body == "Lunch on Friday?"
    assert catherine.date == BASE.astimezone() and catherine.date.tzinfo is not None


def test_latest_overall_and_from_a_sender(local_mailbox) -> None:
    assert local_mailbox.latest().subject == "Game night"
    from_catherine = local_mailbox.latest("cath")
    assert (from_catherine.subject, from_catherine.unread) == ("Photos", False)  # newest from her, read or not
    assert local_mailbox.latest("Katherine").subject == "Photos"
    assert local_mailbox.latest("paul@example.org").subject == "Minutes"
    assert local_mailbox.latest("Theodore") is None


def test_mark_read_persists_and_keeps_other_messages(local_mailbox) -> None:
    amy = local_mailbox.unread()[0]
    local_mailbox.mark_read(amy.id)
    assert [e.subject for e in local_mailbox.unread()] == ["Lunch?"]
    assert local_mailbox.latest().unread is False
    local_mailbox.mark_read(amy.id)  # twice is harmless
    assert len(local_mailbox.unread()) == 1


def test_mark_read_is_visible_to_other_mail_programs_and_leaves_an_mbox_alone(tmp_path: Path) -> None:
    maildir = make_maildir(tmp_path / "Maildir")
    MaildirMailbox(maildir).mark_read(MaildirMailbox(maildir).unread()[0].id)
    flags = sorted(m.get_flags() for m in mailbox.Maildir(maildir).itervalues() if m.get_subdir() == "cur")
    assert flags == ["S", "S", "S"]

    # An mbox is only read: marking read is remembered by the reader, the file keeps every byte.
    mbox_path = make_mbox(tmp_path / "inbox.mbox")
    before = mbox_path.read_bytes()
    reader = MboxMailbox(mbox_path)
    reader.mark_read(reader.unread()[0].id)
    assert [e.subject for e in reader.unread()] == ["Lunch?"]
    assert mbox_path.read_bytes() == before
    assert [e.subject for e in MboxMailbox(mbox_path).unread()] == ["Game night", "Lunch?"]


def test_mbox_message_without_date_header_uses_the_from_line(tmp_path: Path) -> None:
    path = make_mbox(tmp_path / "inbox.mbox")
    undated = mailbox.mboxMessage(b"From: Zoe <zoe@example.org>\nSubject: No date\n\nHello from Zoe.\n")
    undated.set_from("zoe@example.org", (BASE + timedelta(days=1)).timetuple())
    box = mailbox.mbox(path)
    box.add(undated)
    box.flush()
    box.close()
    newest = MboxMailbox(path).latest()
    assert (newest.subject, newest.date) == ("No date", (BASE + timedelta(days=1)).astimezone())


def test_maildir_reads_headers_of_large_messages_and_files_without_date(tmp_path: Path) -> None:
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    for message, seen in inbox_messages():
        box.add(message)
    big = EmailMessage()
    big["From"] = "Scanner <scan@example.org>"
    big["Subject"] = "Scan"
    big.set_content("See the attachment.")
    big.add_attachment(b"\0" * 3_000_000, maintype="application", subtype="octet-stream", filename="scan.bin")
    key = box.add(big)  # no Date header: the file's delivery time counts, which is the newest
    latest = MaildirMailbox(tmp_path / "Maildir").latest()
    assert (latest.id, latest.subject, latest.body) == (key, "Scan", "See the attachment.")


def test_empty_mailboxes(tmp_path: Path) -> None:
    maildir = MaildirMailbox(Path(mailbox.Maildir(tmp_path / "empty", create=True)._path))
    assert maildir.unread() == [] and maildir.latest() is None
    mbox_path = tmp_path / "empty.mbox"
    mbox_path.write_bytes(b"")
    assert MboxMailbox(mbox_path).unread() == [] and MboxMailbox(mbox_path).latest() is None


def test_missing_mailboxes_raise_named_errors_with_advice(tmp_path: Path) -> None:
    with pytest.raises(MailUnavailableError, match="not a Maildir.*Set \\[mail\\] maildir in earpiece.toml"):
        MaildirMailbox(tmp_path / "nowhere").unread()
    with pytest.raises(MailUnavailableError, match="no mbox file.*Set \\[mail\\] mbox in earpiece.toml"):
        MboxMailbox(tmp_path / "nowhere.mbox").latest()


def test_html_mail_in_maildir_is_read_as_text(tmp_path: Path) -> None:
    message = EmailMessage()
    message["From"] = "News <news@museum.example>"
    message["Subject"] = "Opening"
    message["Date"] = format_datetime(BASE)
    message.set_content("<p>Open <b>late</b> on Friday&hellip;</p><style>x{}</style>", subtype="html")
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    box.add(message)
    assert MaildirMailbox(tmp_path / "Maildir").latest().body == "Open late on Friday…"


# --- IMAP against a real Dovecot --------------------------------------------------------------


@pytest.fixture(scope="module")
def imap_inbox(dovecot_server):  # noqa: F811
    for message, seen in inbox_messages():
        dovecot_server.deliver(message, seen=seen)
    return dovecot_server


def imap(server, **kwargs) -> ImapMailbox:
    return ImapMailbox("127.0.0.1", server.port, server.username, server.password, ssl=False, timeout_s=5.0, **kwargs)


def test_imap_unread_latest_and_sender(imap_inbox) -> None:
    box = imap(imap_inbox)
    unread = box.unread()
    assert [(e.sender_name, e.subject, e.body) for e in unread] == [
        ("Amy", "Game night", "Game night at mine? > not a quote"),
        ("Catherine Klausen", "Lunch?", "Lunch on Friday?"),
    ]
    assert box.latest().subject == "Game night"
    assert box.latest("catherine").subject == "Photos"
    assert box.latest("Theodore") is None
    # Reading does not mark anything seen: only mark_read does.
    assert len(box.unread()) == 2


def test_imap_mark_read_and_new_delivery(imap_inbox) -> None:
    box = imap(imap_inbox)
    first = box.unread()[0]
    box.mark_read(first.id)
    assert [e.subject for e in box.unread()] == ["Lunch?"]
    imap_inbox.deliver(plain("Catherine <catherine@example.org>", "Tickets", "I got the tickets!", minutes=60))
    newest = box.latest("Catherine")
    assert (newest.subject, newest.body, newest.unread) == ("Tickets", "I got the tickets!", True)
    assert [e.subject for e in box.unread()] == ["Tickets", "Lunch?"]


def test_imap_over_ssl_with_a_test_ca(imap_inbox) -> None:
    context = ssl.create_default_context(cafile=str(imap_inbox.ca_file))
    box = ImapMailbox("127.0.0.1", imap_inbox.ssl_port, imap_inbox.username, imap_inbox.password, ssl=True, timeout_s=5.0, ssl_context=context)
    assert box.latest().subject
    untrusted = ImapMailbox("127.0.0.1", imap_inbox.ssl_port, imap_inbox.username, imap_inbox.password, ssl=True, timeout_s=5.0)
    with pytest.raises(MailUnavailableError, match="Could not connect"):
        untrusted.unread()


def test_imap_unknown_folder_says_so(imap_inbox) -> None:
    with pytest.raises(MailUnavailableError, match="no folder 'Archive'"):
        imap(imap_inbox, folder="Archive").unread()


# Last of the logins: Dovecot slows down every later login from an address that failed one.
def test_imap_bad_password_says_so(imap_inbox) -> None:
    box = ImapMailbox("127.0.0.1", imap_inbox.port, imap_inbox.username, "wrong", ssl=False, timeout_s=5.0)
    with pytest.raises(MailUnavailableError, match="refused the login.*password"):
        box.unread()


def test_imap_server_down_raises_named_error() -> None:
    port = free_port()
    box = ImapMailbox("127.0.0.1", port, "user", "pw", ssl=False, timeout_s=3.0)
    with pytest.raises(MailUnavailableError, match=rf"127\.0\.0\.1:{port}.*running"):
        box.unread()


def test_imap_silent_server_times_out() -> None:
    # The kernel accepts the connection, but no greeting ever comes.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        box = ImapMailbox("127.0.0.1", silent.getsockname()[1], "user", "pw", ssl=False, timeout_s=1.0)
        started = time.monotonic()
        with pytest.raises(MailUnavailableError, match="Could not connect.*timed out"):
            box.unread()
        assert time.monotonic() - started < 5.0  # bounded by timeout_s, not hung
