"""Mail read aloud the way a person would: summaries that name senders and subjects, reading by
sender (accents and case aside), subject words and position, attachments named with their sizes,
links and newsletter footers skipped, a mail in another language announced rather than read; and
the user's mailbox changed by voice (delete, undo, archive, mark unread) on a real Maildir, while an
mbox file is only read. All through `Engine.handle`, in the words people use."""

from __future__ import annotations

import mailbox
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.mail import MaildirMailbox, MboxMailbox, clean_body
from earpiece_host.dialogue.mail.language import foreign_language
from settable_clock import Clock

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)

NEWSLETTER = (
    "View this email in your browser\n"
    "Our spring concerts start on Friday at the Hall.\n"
    "Book now: https://tickets.example.org/spring?utm_source=news&utm_medium=email\n"
    "Tickets are going fast, see www.example.org/faq.\n"
    "\n"
    "You are receiving this email because you signed up at our website.\n"
    "Unsubscribe: https://example.org/u/12345\n"
    "Update your preferences\n"
)
SPANISH = "Hola Theo, ¿vienes a cenar el viernes con nosotros? Te esperamos en casa a las ocho. Un abrazo."


def message(sender: str, subject: str, body: str, minutes_ago: int) -> EmailMessage:
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = sender, "me@example.org", subject
    m["Date"] = format_datetime(NOW - timedelta(minutes=minutes_ago))
    m.set_content(body)
    return m


def inbox() -> list[EmailMessage]:
    amy = message("Amy Lee <amy@example.org>", "Dinner on Friday", "Are you free for dinner on Friday?\n\n"
                  "On Tue, 3 Mar 2026, Theodore wrote:\n> Shall we eat out this week?\n\n-- \nAmy\n", 10)
    tatiana = message("Tatiana <tatiana@example.org>", "Loretta's letter", "Here is the letter, and a photo.", 20)
    tatiana.add_attachment(b"%PDF" + b"x" * 239_996, maintype="application", subtype="pdf", filename="letter.pdf")
    tatiana.add_attachment(b"\xff\xd8" + b"y" * 1_199_998, maintype="image", subtype="jpeg", filename="Loretta.jpg")
    jose = message("José Álvarez <jose@example.org>", "Cena", SPANISH, 30)
    news = message("The Hall <news@hall.example>", "Spring concerts", NEWSLETTER, 40)
    return [amy, tatiana, jose, news]


@pytest.fixture
def maildir(tmp_path: Path) -> Path:
    box = mailbox.Maildir(tmp_path / "Mail", create=True)
    for m in inbox():
        box.add(mailbox.MaildirMessage(m))
    return tmp_path / "Mail"


@pytest.fixture
def engine(tmp_path: Path, maildir: Path):
    e = open_engine(tmp_path / "data", clock=Clock(NOW), seed=1, morning_briefing=False, mailbox=MaildirMailbox(maildir))
    yield e
    e.close()


def said(engine, *lines: str):
    return [engine.handle(line) for line in lines]


def test_the_summary_names_senders_and_subjects_in_order(engine) -> None:
    assert engine.handle("have I got any new emails").text == (
        "4 new: Amy Lee about Dinner on Friday, Tatiana about Loretta's letter, José Álvarez about Cena and "
        "The Hall about Spring concerts.")


def test_reading_by_position_subject_words_and_accent_free_sender(engine) -> None:
    said(engine, "any new mail")
    second = engine.handle("read the second one")
    assert second.slots == {"position": 2} and second.text.startswith("From Tatiana, today, subject: Loretta's letter.")
    about = engine.handle("read me the email about the spring concerts")
    assert about.slots == {"subject": "the spring concerts"} and about.text.startswith("From The Hall")
    for spoken in ("jose", "JOSE", "José", "Alvarez"):
        reply = engine.handle(f"read me the one from {spoken}")
        assert reply.text.startswith("From José Álvarez, today, subject: Cena."), spoken
    assert engine.handle("read the email about the plumber").text == "I can't find an email about the plumber."


def test_attachments_are_named_with_their_sizes(engine) -> None:
    text = engine.handle("anything from Tatiana?").text
    assert "Here is the letter, and a photo. It has 2 attachments: letter.pdf, 240 kilobytes; " \
           "and Loretta.jpg, 1.2 megabytes." in text


def test_a_mail_in_another_language_is_announced_not_read(engine) -> None:
    text = engine.handle("what did José write").text
    assert text.startswith("From José Álvarez, today, subject: Cena. It's written in Spanish, so I won't read it out "
                           "in my English voice; it's best read on a screen.")
    assert "Hola" not in text
    english = engine.handle("read me the one from Amy").text
    assert english.startswith("From Amy Lee, today, subject: Dinner on Friday. Are you free for dinner on Friday?")


def test_links_tracking_footers_quotes_and_signatures_are_not_read(engine) -> None:
    concerts = engine.handle("read the email about spring concerts").text
    assert concerts == ("From The Hall, today, subject: Spring concerts. Our spring concerts start on Friday "
                        "at the Hall. Tickets are going fast, see.")
    for noise in ("http", "www", "utm", "Unsubscribe", "receiving", "preferences", "browser"):
        assert noise not in concerts, noise
    amy = engine.handle("read me the one from Amy").text
    assert "Theodore wrote" not in amy and "Shall we eat out" not in amy and not amy.rstrip(".").endswith("Amy")


def test_clean_body_keeps_a_sentence_that_mentions_a_link_and_the_text_before_a_footer() -> None:
    m = message("a@example.org", "s", "The photos are up at https://example.org/p/1 if you want them.\n\n"
                "To unsubscribe from this list, click here.\nThe end of the real text is above.\n", 0)
    assert clean_body(m) == "The photos are up at if you want them."


def test_a_sign_off_and_list_items_are_read_as_sentences_of_their_own(tmp_path: Path) -> None:
    box = mailbox.Maildir(tmp_path / "Mail", create=True)
    box.add(mailbox.MaildirMessage(message("Tom <tom@example.org>", "The report", "Thanks for the draft. A few comments:\n"
                                           "1. page 3 needs a figure\n2. fix the typo on page 5\n\nTom\n", 5)))
    box.add(mailbox.MaildirMessage(message("Amy <amy@example.org>", "Hello", "See you soon", 9)))
    e = open_engine(tmp_path / "data", clock=Clock(NOW), seed=1, morning_briefing=False, mailbox=MaildirMailbox(tmp_path / "Mail"))
    said(e, "any new email")
    read = e.handle("read me the one from Tom").text
    e.close()
    assert read.endswith("Thanks for the draft. A few comments:\n\n1. page 3 needs a figure.\n\n2. fix the typo on page 5."
                         "\n\nTom. Say next for the next one.")


@pytest.mark.parametrize("text, language", [
    (SPANISH, "Spanish"),
    ("Bonjour Theo, je suis très content de vous voir la semaine prochaine pour le dîner chez nous.", "French"),
    ("Lieber Theo, ich habe die Briefe gelesen und sie sind wunderbar. Bis bald, deine Catherine.", "German"),
    ("こんにちは、元気ですか。来週会いましょう。", "Japanese"),
    ("Are you free for dinner on Friday? We could try the new place on the corner.", None),
    ("Merci!", None),  # too few words to judge: read as usual
    ("The café on the Rue de la Paix is lovely, and the croissants are the best in the whole city.", None),
])
def test_the_language_check(text: str, language: str | None) -> None:
    assert foreign_language(text) == language


def test_delete_undo_archive_and_mark_unread_on_a_maildir(engine, maildir: Path) -> None:
    amy, gone, back = said(engine, "read me the one from Amy", "delete it", "actually, bring it back")
    assert gone.text == "Moved the email from Amy Lee about Dinner on Friday to the Trash. Say undo to bring it back."
    assert list((maildir / ".Trash" / "cur").iterdir()) == []  # back out of the Trash
    assert (back.intent, back.text) == ("email.undo", "It's back in your inbox: the email from Amy Lee about Dinner on Friday.")
    archived = engine.handle("archive it")
    assert archived.intent == "email.archive"
    assert [m["Subject"] for m in mailbox.Maildir(maildir).get_folder("Archive")] == ["Dinner on Friday"]
    again = engine.handle("undo that")
    assert again.intent == "email.undo"
    assert [m["Subject"] for m in mailbox.Maildir(maildir).get_folder("Archive")] == []
    unread = engine.handle("mark it as unread")
    assert (unread.intent, unread.slots) == ("email.mark", {"state": "unread"})
    assert engine.handle("any new email").text.startswith("4 new: Amy Lee about Dinner on Friday")
    gone = said(engine, "read me the one from Amy", "bin it")[1]
    assert gone.intent == "email.delete"
    assert [m["Subject"] for m in mailbox.Maildir(maildir).get_folder("Trash")] == ["Dinner on Friday"]
    assert engine.handle("undo").text.startswith("It's back")
    assert engine.handle("undo").text.startswith("There's nothing to bring back")


def test_an_mbox_is_only_read_and_the_os_says_so(tmp_path: Path) -> None:
    path = tmp_path / "inbox.mbox"
    box = mailbox.mbox(path, create=True)
    for m in inbox():
        box.add(mailbox.mboxMessage(m))
    box.flush()
    box.close()
    before = path.read_bytes()
    e = open_engine(tmp_path / "data", clock=Clock(NOW), seed=1, morning_briefing=False, mailbox=MboxMailbox(path))
    read, delete, archive = said(e, "read me the one from Amy", "delete it", "archive it")
    assert read.text.startswith("From Amy Lee")
    assert delete.text == "Your mail is in a file I only read, so I can't delete mail there. Use your mail program for that."
    assert "can't archive mail there" in archive.text
    assert e.handle("any new email").text.startswith("3 new: Tatiana")  # read aloud: not new any more
    said(e, "read me the one from Amy", "reply saying see you on Friday")
    e.close()
    assert path.read_bytes() == before
    # The reply waits in a private drafts folder in the data folder, not in the mbox.
    (draft,) = (tmp_path / "data" / "drafts" / "cur").iterdir()
    assert oct(draft.stat().st_mode & 0o777) == "0o600"
    assert oct((tmp_path / "data" / "drafts").stat().st_mode & 0o777) == "0o700"
    assert mailbox.Maildir(tmp_path / "data" / "drafts")[draft.name.split(":")[0]].get_payload() == "see you on Friday\n"


def test_a_subject_as_long_as_a_paragraph_is_cut_in_the_summary(tmp_path: Path) -> None:
    box = mailbox.Maildir(tmp_path / "Mail", create=True)
    box.add(message("Spam <s@example.org>", "Re: Fwd: " + "win a prize now " * 200, "Hello.", 5))
    e = open_engine(tmp_path / "data", clock=Clock(NOW), seed=1, morning_briefing=False,
                    mailbox=MaildirMailbox(tmp_path / "Mail"))
    text = e.handle("any new email").text
    e.close()
    assert text.startswith("One new email, from Spam about win a prize now win") and "…. Shall I read it?" in text
    assert len(text) < 140


def test_what_does_it_say_rereads_the_email_just_read_and_an_email_is_about_its_subject(engine) -> None:
    first, again = said(engine, "do I have any emails from Tatiana", "what does it say")
    assert first.text.startswith("From Tatiana") and again.text.startswith("From Tatiana")  # not the next one
    asked, about, written = said(engine, "write an email to Amy", "about dinner", "that I'm running late")
    assert about.slots["subject"] == "dinner" and about.text == "What should it say?"
    assert written.text.startswith('Your email to Amy Lee, about dinner, says: "I\'m running late".')
    told = engine.handle("email Amy about the party saying I can't come")
    assert (told.slots["subject"], told.slots["text"]) == ("the party", "I can't come")
