"""Replies and new mail by voice, sent through a real SMTP server (aiosmtpd on loopback, STARTTLS or
TLS from the start, with a login): dictated, read back, confirmed, and received byte for byte; never
sent without the "yes" that answers "Shall I send it to ...?"."""

from __future__ import annotations

import email.policy
import mailbox
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime
from pathlib import Path

import pytest

from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.mail import MaildirMailbox
from earpiece_host.dialogue.mail.smtp import MailSendError, SmtpSender
from servers import run_smtp, smtp_server  # noqa: F401  (smtp_server is a fixture)
from settable_clock import Clock

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)


def incoming(sender: str, subject: str, body: str, minutes_ago: int, message_id: str, references: str = "") -> EmailMessage:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, "me@example.org", subject
    m["Date"] = format_datetime(NOW - timedelta(minutes=minutes_ago))
    m["Message-ID"] = message_id
    if references:
        m["References"] = references
    m.set_content(body)
    return m


@pytest.fixture
def maildir(tmp_path: Path) -> Path:
    box = mailbox.Maildir(tmp_path / "Mail", create=True)
    box.add(incoming("Amy Lee <amy@example.org>", "Dinner on Friday", "Are you free for dinner on Friday?", 10,
                     "<dinner-2@example.org>", "<dinner-1@example.org>"))
    box.add(incoming("Tom Ray <tom@example.org>", "Bikes", "The bikes are fixed.", 20, "<bikes@example.org>"))
    return tmp_path / "Mail"


def engine_for(tmp_path: Path, maildir: Path, server, clock: Clock | None = None, **kw):
    sender = SmtpSender(server.url, server.username, server.password, ssl_context=server.ssl_context(), timeout_s=5.0)
    return open_engine(tmp_path / "data", clock=clock or Clock(NOW), seed=1, morning_briefing=False,
                       mailbox=MaildirMailbox(maildir), mail_sender=sender, mail_from="Theodore <me@example.org>", **kw)


def said(engine, *lines: str):
    return [engine.handle(line) for line in lines]


def drafts(maildir: Path) -> list:
    folder = maildir / ".Drafts"
    return list(mailbox.Maildir(folder, create=False)) if folder.exists() else []


def test_a_reply_read_back_confirmed_and_received_byte_for_byte(tmp_path: Path, maildir: Path, smtp_server) -> None:  # noqa: F811
    engine = engine_for(tmp_path, maildir, smtp_server)
    news, amy, gone, back, draft, ask = said(engine, "any new email", "read me the one from Amy", "delete it",
                                             "actually, bring it back", "reply saying I'll be there", "send it")
    assert news.text == "2 new: Amy Lee about Dinner on Friday and Tom Ray about Bikes."
    assert amy.text.startswith("From Amy Lee, today, subject: Dinner on Friday. Are you free for dinner on Friday?")
    assert gone.text.endswith("to the Trash. Say undo to bring it back.") and back.intent == "email.undo"
    assert draft.text == "Your reply to Amy Lee says: \"I'll be there\". Say send it when it's right."
    assert ask.text == "Shall I send it to Amy Lee?"
    assert smtp_server.received == [] and len(drafts(maildir)) == 1  # waiting as a draft, not sent
    yes = engine.handle("yes")
    assert (yes.intent, yes.slots, yes.text) == ("email.send", {"confirmed": True}, "Sent your reply to Amy Lee.")
    engine.close()

    ((envelope_from, recipients, data),) = smtp_server.received
    assert (envelope_from, recipients) == ("me@example.org", ["amy@example.org"])
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    message_id = next(line for line in lines if line.startswith(b"Message-ID: "))
    assert message_id.endswith(b"@example.org>")
    assert lines == [
        b"From: Theodore <me@example.org>",
        b"To: Amy Lee <amy@example.org>",
        b"Subject: Re: Dinner on Friday",
        b"Date: Wed, 04 Mar 2026 10:00:00 +0000",
        message_id,
        b"In-Reply-To: <dinner-2@example.org>",
        b"References: <dinner-1@example.org> <dinner-2@example.org>",
        b"Content-Type: text/plain; charset=\"utf-8\"",
        b"Content-Transfer-Encoding: 7bit",
        b"MIME-Version: 1.0",
    ]
    assert body == b"I'll be there\r\n"
    assert drafts(maildir) == []  # sent: the draft is gone
    assert sorted(p.name.split(":")[0] for p in (maildir / "cur").iterdir()) and not list((maildir / ".Trash" / "cur").iterdir())


def test_nothing_is_sent_without_the_yes_right_after_the_question(tmp_path: Path, maildir: Path, smtp_server) -> None:  # noqa: F811
    engine = engine_for(tmp_path, maildir, smtp_server)
    said(engine, "read me the one from Tom", "reply saying thanks, see you Saturday")
    ask, other, late_yes = said(engine, "send it", "what time is it", "yes")
    assert ask.text == "Shall I send it to Tom Ray?" and other.intent == "time.now"
    assert late_yes.intent != "email.send"
    again, no = said(engine, "send the reply", "no, keep it")
    assert again.text == "Shall I send it to Tom Ray?"
    assert (no.intent, no.text) == ("conversation.cancel", "Okay, I won't send it. It's kept in your drafts.")
    assert engine.handle("yes").intent != "email.send"
    engine.close()
    assert smtp_server.received == []
    (kept,) = drafts(maildir)
    assert (kept["To"], kept["Subject"], kept.get_payload()) == ("Tom Ray <tom@example.org>", "Re: Bikes",
                                                                 "thanks, see you Saturday\n")


def test_a_new_email_by_voice_to_someone_in_the_mailbox(tmp_path: Path, maildir: Path, smtp_server) -> None:  # noqa: F811
    engine = engine_for(tmp_path, maildir, smtp_server)
    draft, ask, yes = said(engine, "send an email to Jose saying the bikes are ready", "send it", "yes")
    assert draft.text.startswith("I don't have an address for Jose")
    draft, ask, yes = said(engine, "send an email to Tom saying the keys are under the mat", "send it", "yeah")
    assert ask.text == "Shall I send it to Tom Ray?" and yes.text == "Sent your email to Tom Ray."
    engine.close()
    ((_, recipients, data),) = smtp_server.received
    sent = BytesParser(policy=email.policy.default).parsebytes(data)
    assert recipients == ["tom@example.org"] and sent["Subject"] == "the keys are under the mat"
    assert sent["In-Reply-To"] is None and data.partition(b"\r\n\r\n")[2] == b"the keys are under the mat\r\n"


def test_without_a_mail_server_the_draft_is_kept_and_the_setting_named(tmp_path: Path, maildir: Path) -> None:
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=1, morning_briefing=False, mailbox=MaildirMailbox(maildir))
    *_, yes = said(engine, "read me the one from Amy", "reply saying see you then", "send it", "yes")
    assert yes.text == ("No mail server is set up for sending. The host's log says what is wrong and how to fix it. "
                        "It's kept in your drafts.")
    engine.close()
    assert [d.get_payload() for d in drafts(maildir)] == ["see you then\n"]


@pytest.mark.slow
@pytest.mark.parametrize("implicit_tls", [False, True], ids=["starttls", "tls"])
def test_the_sender_speaks_tls_by_url_scheme_and_names_a_refused_login(tmp_path: Path, implicit_tls: bool) -> None:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "me@example.org", "amy@example.org", "Hi"
    message.set_content("Hello.\n")
    with run_smtp(tmp_path / "smtp", implicit_tls=implicit_tls) as server:
        assert server.url.startswith("smtps://" if implicit_tls else "smtp://")
        SmtpSender(server.url, server.username, server.password, ssl_context=server.ssl_context()).send(message)
        assert [r[1] for r in server.received] == [["amy@example.org"]]
        with pytest.raises(MailSendError, match="refused the login for me@example.org.*password"):
            SmtpSender(server.url, server.username, "wrong", ssl_context=server.ssl_context()).send(message)
        with pytest.raises(MailSendError, match="secure connection to the mail server .* failed .*certificate"):
            SmtpSender(server.url, server.username, server.password).send(message)  # its certificate is not trusted
        assert len(server.received) == 1


def test_a_mistyped_smtp_url_does_not_stop_the_os_and_sending_says_what_to_fix(tmp_path: Path, maildir: Path,
                                                                               caplog: pytest.LogCaptureFixture) -> None:
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=1, morning_briefing=False,
                         mailbox=MaildirMailbox(maildir), smtp_url="mail.example.org:587", mail_from="me@example.org")
    *_, yes = said(engine, "read me the one from Tom", "reply saying thanks", "send it", "yes")
    assert yes.text == ("I couldn't send it. Sending mail isn't set up right. The host's log says what is wrong and "
                        "how to fix it. It's kept in your drafts.")
    assert ("The smtp_url setting is not usable: the mail server address 'mail.example.org:587' must look like "
            "smtps://host:465 or smtp://host:587. Fix it in earpiece.toml.") in caplog.text
    engine.close()
    assert len(drafts(maildir)) == 1


def test_the_reply_is_read_back_and_said_again_before_it_goes(tmp_path: Path, maildir: Path, smtp_server) -> None:  # noqa: F811
    engine = engine_for(tmp_path, maildir, smtp_server)
    said(engine, "read me the one from Amy", "reply saying I'll be there at eight")
    back, again, check = said(engine, "read it back", "no, say I'll be there at nine instead", "what does it say")
    assert back.text == "Your reply to Amy Lee says: \"I'll be there at eight\". Say send it when it's right."
    assert (again.intent, again.slots) == ("email.reply", {"text": "I'll be there at nine"})
    assert check.text == "Your reply to Amy Lee says: \"I'll be there at nine\". Say send it when it's right."
    assert [d.get_payload() for d in drafts(maildir)] == ["I'll be there at nine\n"]  # one draft, the new words
    said(engine, "send it", "yes")
    engine.close()
    ((_, _, data),) = smtp_server.received
    assert data.endswith(b"\r\n\r\nI'll be there at nine\r\n") and drafts(maildir) == []


def test_scrap_the_reply_throws_the_draft_away(tmp_path: Path, maildir: Path) -> None:
    engine = open_engine(tmp_path / "data", clock=Clock(NOW), seed=1, morning_briefing=False, mailbox=MaildirMailbox(maildir))
    said(engine, "read me the one from Amy", "reply saying maybe")
    assert len(drafts(maildir)) == 1
    assert engine.handle("scrap the reply").text == "Okay, I've thrown it away."
    engine.close()
    assert drafts(maildir) == []


def test_a_letter_signed_and_mailed_goes_only_after_send_it_and_yes(tmp_path: Path, maildir: Path, smtp_server) -> None:  # noqa: F811
    engine = engine_for(tmp_path, maildir, smtp_server)
    said(engine, "write a letter to Amy", "thank you for dinner on Friday")
    done = engine.handle("sign it love Theodore and mail it")
    assert done.intent == "letter.end"
    assert done.text.endswith("It's ready to mail to Amy Lee: say send it when you want it to go.")
    assert smtp_server.received == [] and len(drafts(maildir)) == 1  # a draft, not sent
    ask, yes = said(engine, "send it", "yes")
    assert ask.text == "Shall I send it to Amy Lee?"
    assert (yes.intent, yes.text) == ("email.send", "Sent your email to Amy Lee.")
    engine.close()
    ((_, recipients, data),) = smtp_server.received
    assert recipients == ["amy@example.org"] and b"Subject: A letter from Theodore" in data
    saved = Path(done.slots["path"]).read_text(encoding="utf-8")
    assert data.partition(b"\r\n\r\n")[2] == saved.replace("\n", "\r\n").encode()  # the laid-out letter, byte for byte
    assert drafts(maildir) == []


def test_send_it_after_an_unrelated_turn_finds_the_draft_and_still_asks(tmp_path: Path, maildir: Path, smtp_server) -> None:  # noqa: F811
    engine = engine_for(tmp_path, maildir, smtp_server)
    said(engine, "read me the one from Amy", "reply saying I'll be there at eight")
    other, ask = said(engine, "what time is it", "send it")
    assert other.intent == "time.now"
    assert (ask.intent, ask.text) == ("email.send", "Shall I send it to Amy Lee?")
    assert smtp_server.received == []
    assert engine.handle("yes").text == "Sent your reply to Amy Lee."
    engine.close()
    ((_, recipients, data),) = smtp_server.received
    assert recipients == ["amy@example.org"] and data.partition(b"\r\n\r\n")[2] == b"I'll be there at eight\r\n"


def test_send_it_for_a_draft_written_a_while_ago_names_it_before_sending(tmp_path: Path, maildir: Path, smtp_server) -> None:  # noqa: F811
    clock = Clock(NOW)
    engine = engine_for(tmp_path, maildir, smtp_server, clock=clock)
    said(engine, "read me the one from Tom", "reply saying thanks, see you Saturday", "what time is it")
    clock.advance(minutes=25)
    ask = engine.handle("send it")
    assert ask.text == "Shall I send your reply to Tom Ray about Bikes, written 25 minutes ago?"
    assert smtp_server.received == []
    assert engine.handle("yes").text == "Sent your reply to Tom Ray."
    engine.close()
    ((_, recipients, _),) = smtp_server.received
    assert recipients == ["tom@example.org"]


def test_send_it_with_several_unsent_mails_asks_which_and_sends_only_that_one(tmp_path: Path, maildir: Path, smtp_server) -> None:  # noqa: F811
    engine = engine_for(tmp_path, maildir, smtp_server)
    said(engine, "send an email to Tom saying the keys are under the mat", "read me the one from Amy",
         "reply saying I'll be there", "what time is it")
    which, ask, yes = said(engine, "send it", "the one to Tom", "yes")
    assert which.text == ("You have 2 unsent emails: the email to Tom Ray about the keys are under the mat and "
                          "the reply to Amy Lee about Dinner on Friday. Which one should I send?")
    assert ask.text == "Shall I send it to Tom Ray?"
    assert yes.text == "Sent your email to Tom Ray."
    left, no = said(engine, "send it", "no")  # the one still waiting is found, and asked about by name
    assert left.text == "Shall I send it to Amy Lee?"
    assert no.text == "Okay, I won't send it. It's kept in your drafts."
    engine.close()
    ((_, recipients, data),) = smtp_server.received  # Tom's, and only Tom's
    assert recipients == ["tom@example.org"] and data.partition(b"\r\n\r\n")[2] == b"the keys are under the mat\r\n"
    (kept,) = drafts(maildir)
    assert kept["To"] == "Amy Lee <amy@example.org>"


def test_a_bare_name_answers_which_mail_to_send(tmp_path: Path, maildir: Path, smtp_server) -> None:  # noqa: F811
    engine = engine_for(tmp_path, maildir, smtp_server)
    said(engine, "send an email to Tom saying the keys are under the mat", "read me the one from Amy",
         "reply saying I'll be there", "what's the date today")
    which, ask, nobody = said(engine, "send it", "Amy", "the one to Rachel")
    assert which.text.endswith("Which one should I send?") and ask.text == "Shall I send it to Amy Lee?"
    assert nobody.text.startswith("I have no unsent email to Rachel. You have 2 unsent emails:")
    engine.close()
    assert smtp_server.received == []
