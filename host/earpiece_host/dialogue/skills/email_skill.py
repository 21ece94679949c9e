"""Email: summaries that name senders and subjects, reading by sender, subject words or position,
"next" and "previous", marking read or unread, archiving, deleting to the Trash and "undo", and
replies or new mail by voice, through a mailbox adapter (Maildir, mbox or IMAP) passed in by the
engine.

Mail is sent only through the SMTP server the settings name, and only after the user has heard
the text and answered "yes" to "Shall I send it to Amy?" (the NLU marks that answer `confirmed`
only right after the question). Until then the mail waits in the drafts folder; without an SMTP
server it stays there, and the OS says how to set one up.
"""

from __future__ import annotations

import email.message
import email.utils
import logging
import re
from dataclasses import replace
from datetime import datetime

from ..phrasing import join_words, say_date, say_on_date
from ..types import SkillReply
from .base import Turn, spoken_setup, spoken_trouble
from .unsent_mail import UnsentMail

log = logging.getLogger(__name__)

_NO_MAIL = ("No mailbox is connected yet.", "no mailbox is connected: set [mail] maildir, mbox or imap_url in "
            "earpiece.toml (`earpiece config path` shows where it is; `earpiece config check` tries it)")
_NO_SMTP = ("No mail server is set up for sending.", "mail cannot be sent: set [mail] smtp_url in earpiece.toml")
_MAX_BODY_CHARS = 1200
_PROPOSE_FROM_AT_MOST = 200  # recent emails searched for "delete all the emails from the bank"
_MAX_TOPIC_CHARS = 80  # of a subject said in a summary
_MAX_SUMMARY = 5  # senders and subjects named in a summary; the rest are counted
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth",
             9: "ninth", 10: "tenth"}


def _topic(subject: str) -> str:
    """A subject as said in a sentence: without "Re:" / "Fwd:" prefixes."""
    topic = re.sub(r"^(?:\s*(?:re|fwd?|aw|tr|sv)\s*(?:\[\d+\])?\s*:\s*)+", "", subject[:400], flags=re.IGNORECASE).strip()
    if len(topic) > _MAX_TOPIC_CHARS:  # a subject is a title: a paragraph-long one is cut where a word ends
        topic = topic[:_MAX_TOPIC_CHARS].rsplit(" ", 1)[0] + "…"
    return topic or "nothing in particular"


def say_size(size_bytes: int) -> str:
    """File sizes as people say them: "800 bytes", "240 kilobytes", "1.2 megabytes"."""
    if size_bytes < 1000:
        return f"{size_bytes} bytes"
    if size_bytes < 1_000_000:
        return f"{round(size_bytes / 1000)} kilobytes"
    value = size_bytes / 1_000_000
    return f"{value:.1f} megabytes".replace(".0 ", " ")


class _Draft:
    """A reply or new mail being written: to whom, what it says, what it answers, and its draft file."""

    def __init__(self, name: str, address: str, subject: str, text: str, original=None) -> None:
        self.name, self.address, self.subject, self.text, self.original = name, address, subject, text, original
        self.key: str | None = None
        self.written_at: datetime | None = None


class EmailSkill:
    intents = ("email.unread", "email.read", "email.next", "email.previous", "email.delete", "email.undo",
               "email.archive", "email.mark", "email.reply", "email.compose", "email.send")

    def __init__(self, mailbox, drafts=None, sender=None, mail_from: str | None = None) -> None:
        self.mailbox = mailbox
        self._drafts = drafts          # a DraftFolder, or None (no data folder)
        self._sender = sender          # an SmtpSender, or None (not set up)
        self._mail_from = mail_from
        self._listed: list = []        # what the last summary named, in order ("the second one")
        self._queue: list = []         # unread emails not read aloud yet, newest first
        self._history: list = []       # emails read aloud, in the order read
        self._pos = -1                 # which of them is "this one"
        self._draft: _Draft | None = None
        self._draft_before: _Draft | None = None
        self._undo: tuple | None = None  # (what was done, [(the email, its id where it went), ...])
        self._proposed: tuple | None = None  # ("delete" | "archive", [emails]) awaiting "Shall I ...?" - "yes"
        self._asked = False            # "Shall I send it to ...?" was the last thing said about mail
        self._unsent = UnsentMail()    # mails written in this conversation, not sent or dropped yet

    @property
    def _current(self):
        return self._history[self._pos] if 0 <= self._pos < len(self._history) else None

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        if self.mailbox is None:
            return SkillReply(spoken_setup(*_NO_MAIL))
        from ..mail import MailReadOnlyError, MailUnavailableError  # imported late, with the adapters

        asked, self._asked = self._asked, False
        try:
            handler = {
                "email.unread": lambda: self._unread(turn),
                "email.next": lambda: self._next(turn),
                "email.previous": lambda: self._previous(turn),
                "email.delete": lambda: self._move("delete", slots),
                "email.archive": lambda: self._move("archive", slots),
                "email.undo": lambda: self._undo_move(),
                "email.mark": lambda: self._mark(slots),
                "email.reply": lambda: self._reply(slots, turn),
                "email.compose": lambda: self._compose(slots, turn),
                "email.send": lambda: self._send(slots, turn, asked),
            }.get(intent, lambda: self._read(slots, turn))
            return handler()
        except MailReadOnlyError as exc:  # the mailbox is there; the OS only may not change it
            return SkillReply(spoken_trouble("", exc))
        except MailUnavailableError as exc:
            return SkillReply(spoken_trouble("I couldn't get to your mail.", exc))

    def last_word_from(self, name: str, turn: Turn) -> str | None:
        """ "Amy Lee emailed you today about dinner on Friday.", of the latest mail from someone; None
        when there is none, or no mailbox (it is only an aside: a mailbox that fails says nothing)."""
        from ..mail import MailUnavailableError

        if self.mailbox is None:
            return None
        try:
            e = self.mailbox.latest(name)
        except MailUnavailableError as exc:
            log.info("mail not looked at for a name: %s", exc)
            return None
        if e is None:
            return None
        when = say_on_date(e.date.astimezone(turn.now.tzinfo).date(), turn.now.date())
        return f"{e.sender_name} emailed you {when} about {_topic(e.subject)}."

    def unread_count(self) -> int:
        return len(self.mailbox.unread()) if self.mailbox is not None else 0

    # -- summaries and reading ------------------------------------------------------------------

    def _unread(self, turn: Turn) -> SkillReply:
        from ..mail import unreadable_note

        unread = self.mailbox.unread()
        self._queue = list(unread)
        self._listed = list(unread)
        skipped = unreadable_note(getattr(unread, "unreadable", 0))  # messages that could not be parsed
        if not unread:
            return SkillReply(skipped or turn.say.choice(("No new email.", "Your inbox is all caught up.", "Nothing new in your mail.")))
        if len(unread) == 1:
            e = unread[0]
            return SkillReply(f"One new email, from {e.sender_name} about {_topic(e.subject)}. Shall I read it? {skipped}".strip(),
                              awaiting="email.read")
        named = [f"{e.sender_name} about {_topic(e.subject)}" for e in unread[:_MAX_SUMMARY]]
        rest = len(unread) - len(named)
        if rest:
            named.append(f"{rest} more")
        return SkillReply(f"{len(unread)} new: {join_words(named)}. {skipped}".strip())

    def _speak(self, e, turn: Turn) -> str:
        when = say_date(e.date.astimezone(turn.now.tzinfo).date(), turn.now.date())
        head = f"From {e.sender_name}, {when}, subject: {e.subject or 'no subject'}."
        if e.language:
            body = (f"It's written in {e.language}, so I won't read it out in my English voice; "
                    "it's best read on a screen.")
        else:
            # Each paragraph ends a sentence: a sign-off ("Amy") or a list item is not run into what follows.
            body = "\n\n".join(p if p.endswith((".", "!", "?", ":", ";", "\u2026")) else f"{p}."
                                for p in e.body.strip().split("\n\n") if p)
            if len(body) > _MAX_BODY_CHARS:
                body = body[:_MAX_BODY_CHARS].rsplit(" ", 1)[0] + "... That's the start of it."
        files = ""
        if e.attachments:
            named = [f"{name}, {say_size(size)}" for name, size in e.attachments]
            files = (f" It has an attachment: {named[0]}." if len(named) == 1
                     else f" It has {len(named)} attachments: {'; '.join(named[:-1])}; and {named[-1]}.")
        return f"{head} {body}{files}".strip()

    def _show(self, e, turn: Turn) -> SkillReply:
        """Read e aloud and make it "this one"."""
        self._history = [x for x in self._history if x.id != e.id] + [e]
        self._pos = len(self._history) - 1
        self._queue = [x for x in self._queue if x.id != e.id]
        if e.unread:
            self.mailbox.mark_read(e.id)
        more = " Say next for the next one." if self._queue else ""
        return SkillReply(self._speak(e, turn) + more)

    def _by_position(self, position: int):
        listed = self._listed or list(self.mailbox.unread())
        if not listed:
            return None, "There's no new email to count through."
        index = position - 1 if position > 0 else len(listed) + position
        if not 0 <= index < len(listed):
            return None, f"I only listed {len(listed)} email{'s' if len(listed) != 1 else ''}."
        return listed[index], None

    def _by_subject(self, words: str):
        """The email just listed about those words, else the newest in the mailbox (headers searched first)."""
        from ..mail.message import subject_matches

        listed = next((e for e in self._listed if subject_matches(e.subject, words)), None)
        return listed or self.mailbox.latest(None, subject=words)

    def _read(self, slots: dict, turn: Turn) -> SkillReply:
        if slots.get("which") == "draft":
            if self._draft is None:
                return SkillReply("You're not writing an email just now. Say \"reply\" after I've read you one.")
            what = "reply" if self._draft.original is not None else "email"
            return SkillReply(f"Your {what} to {self._draft.name} says: \"{self._draft.text}\". Say send it when it's right.")
        if slots.get("which") == "again":
            if self._current is None:
                return SkillReply("I haven't read you an email yet. Say \"read my email\".")
            return SkillReply(self._speak(self._current, turn))
        if slots.get("position"):
            e, problem = self._by_position(int(slots["position"]))
            if e is None:
                return SkillReply(problem)
            return self._show(e, turn)
        if slots.get("subject"):
            e = self._by_subject(str(slots["subject"]))
            if e is None:
                return SkillReply(f"I can't find an email about {slots['subject']}.")
            return self._show(e, turn)
        if slots.get("sender"):
            e = self.mailbox.latest(slots["sender"])
            if e is None:
                return SkillReply(f"Nothing from {slots['sender']} in your mail.")
            self._queue = [x for x in self.mailbox.unread() if x.id != e.id]
            return self._show(e, turn)
        unread = self.mailbox.unread()
        e = unread[0] if unread else self.mailbox.latest(None)
        if e is None:
            return SkillReply("Your mailbox is empty.")
        self._queue = [x for x in unread if x.id != e.id]
        return self._show(e, turn)

    def _next(self, turn: Turn) -> SkillReply:
        if self._pos < len(self._history) - 1:
            self._pos += 1
            return SkillReply(self._speak(self._history[self._pos], turn))
        if not self._queue and not self._history:
            self._queue = list(self.mailbox.unread())
        if not self._queue:
            return SkillReply("That's all your new email.")
        return self._show(self._queue[0], turn)

    def _previous(self, turn: Turn) -> SkillReply:
        if self._pos <= 0:
            return SkillReply("That was the first one I read you." if self._history else "I haven't read you an email yet.")
        self._pos -= 1
        return SkillReply(self._speak(self._history[self._pos], turn))

    # -- acting on the email just read ----------------------------------------------------------

    def _move(self, action: str, slots: dict) -> SkillReply:
        """Delete or archive the email just read; one named by sender or subject ("delete the email
        from the bank") only after "Shall I ...?" and a yes, unless it is the one just read."""
        proposed, self._proposed = self._proposed, None
        if slots.get("confirmed"):
            if proposed is None or proposed[0] != action:
                return SkillReply("There's nothing waiting to be done with your mail.")
            return self._move_emails(action, proposed[1])
        if slots.get("sender") or slots.get("subject"):
            return self._propose(action, slots)
        e = self._current
        if e is None:
            return SkillReply("Which email? I haven't read you one yet. Say \"read my email\" first.")
        return self._move_emails(action, [e])

    def _propose(self, action: str, slots: dict) -> SkillReply:
        from ..mail.message import sender_matches, subject_matches

        sender, subject = str(slots.get("sender") or ""), str(slots.get("subject") or "")
        found = [e for e in self.mailbox.recent(_PROPOSE_FROM_AT_MOST)
                 if (not sender or sender_matches(e.sender_name, e.sender_address, sender))
                 and (not subject or subject_matches(e.subject, subject))]
        described = " ".join(p for p in (f"from {sender}" if sender else "", f"about {subject}" if subject else "") if p)
        if not found:
            return SkillReply(f"I can't find an email {described} in your recent mail.")
        found = found if slots.get("all") else found[:1]
        current = self._current
        if len(found) == 1 and current is not None and found[0].id == current.id:
            return self._move_emails(action, found)  # the one just read: as "delete it"
        self._proposed = (action, found)
        if len({e.sender_name for e in found}) == 1 and sender:
            described = " ".join(p for p in (f"from {found[0].sender_name}", f"about {subject}" if subject else "") if p)
        what = (f"the email from {found[0].sender_name} about {_topic(found[0].subject)}" if len(found) == 1
                else f"the {len(found)} emails {described}")
        return SkillReply(f"Shall I {'delete' if action == 'delete' else 'archive'} {what}?")

    def _move_emails(self, action: str, emails: list) -> SkillReply:
        done = []
        for e in emails:
            done.append((e, self.mailbox.delete(e.id) if action == "delete" else self.mailbox.archive(e.id)))
        self._undo = (action, done)
        gone = {e.id for e in emails}
        self._queue = [x for x in self._queue if x.id not in gone]
        self._listed = [x for x in self._listed if x.id not in gone]
        where = "to the Trash" if action == "delete" else "to your Archive"
        if len(emails) == 1:
            e = emails[0]
            return SkillReply(f"Moved the email from {e.sender_name} about {_topic(e.subject)} {where}. "
                              "Say undo to bring it back.")
        return SkillReply(f"Moved {len(emails)} emails {where}. Say undo to bring them back.")

    def _undo_move(self) -> SkillReply:
        if self._undo is None:
            return SkillReply("There's nothing to bring back: I haven't deleted or archived an email just now.")
        _action, done = self._undo
        self._undo = None
        for e, moved in done:
            back = replace(e, id=self.mailbox.restore(moved))
            self._history = [back if x.id == e.id else x for x in self._history]
        if len(done) > 1:
            return SkillReply(f"They're back in your inbox: all {len(done)} emails.")
        e = done[0][0]
        return SkillReply(f"It's back in your inbox: the email from {e.sender_name} about {_topic(e.subject)}.")

    def _mark(self, slots: dict) -> SkillReply:
        e = self._current
        if e is None:
            return SkillReply("Which email? I haven't read you one yet.")
        if slots.get("state") == "unread":
            self.mailbox.mark_unread(e.id)
            return SkillReply(f"I've marked the email from {e.sender_name} as unread.")
        self.mailbox.mark_read(e.id)
        return SkillReply(f"I've marked the email from {e.sender_name} as read.")

    # -- writing and sending --------------------------------------------------------------------

    def drop_draft(self, discard: bool = False) -> str | None:
        """The user does not want to send what was written: it stays a draft, unless they said to
        throw it away ("scrap the reply"). What to say, or None when nothing was being written."""
        draft, self._draft = self._draft, None
        if draft is None:
            return None
        self._unsent.done(draft)
        if discard:
            if draft.key is not None and self._drafts is not None:
                from ..mail import MailUnavailableError

                try:
                    self._drafts.remove(draft.key)
                except MailUnavailableError as exc:
                    return spoken_trouble("Okay, I won't send it, but I couldn't remove the draft.", exc)
            return "Okay, I've thrown it away."
        if draft.key is not None:
            return "Okay, I won't send it. It's kept in your drafts."
        return "Okay, I won't send that."

    def _earlier_version(self, draft: _Draft) -> str | None:
        """The draft file a re-dictated mail replaces: the one being written to the same person (as a
        reply to the same email, or as a new one); a different mail leaves the earlier draft in place."""
        old = self._draft_before
        if old is None or old.key is None:
            return None
        same = old.address == draft.address and \
            (old.original.id if old.original else None) == (draft.original.id if draft.original else None)
        return old.key if same else None

    def _save_draft(self, draft: _Draft, turn: Turn) -> str:
        """Keep the draft in the drafts folder; a sentence when that failed."""
        if self._drafts is None:
            return ""
        from ..mail import MailUnavailableError

        try:
            draft.key = self._drafts.save(self._message(draft, turn), replaces=draft.key)
        except MailUnavailableError as exc:
            return " " + spoken_trouble("I couldn't keep it as a draft.", exc)
        return ""

    def _reply(self, slots: dict, turn: Turn) -> SkillReply:
        e = self._current
        if e is None:
            return SkillReply("Which email should I answer? Have me read it first.")
        text = str(slots.get("text") or "").strip()
        if not text:
            return SkillReply(f"What should I say to {e.sender_name}?", awaiting="email.reply")
        self._draft_before = self._draft
        subject = e.subject if re.match(r"^\s*re\s*:", e.subject, re.IGNORECASE) else f"Re: {e.subject}"
        self._draft = _Draft(e.sender_name, e.sender_address, subject, text, original=e)
        self._draft.key = self._earlier_version(self._draft)
        self._unsent.written(self._draft, turn.now)
        problem = self._save_draft(self._draft, turn)
        return SkillReply(f"Your reply to {e.sender_name} says: \"{text}\". Say send it when it's right.{problem}")

    def _compose(self, slots: dict, turn: Turn) -> SkillReply:
        who = str(slots.get("recipient") or "").strip()
        text = str(slots.get("text") or "").strip()
        if not text:
            return SkillReply(f"What should the email to {who} say?", awaiting="email.compose")
        known = self.mailbox.latest(who)
        if known is None or not known.sender_address:
            return SkillReply(f"I don't have an address for {who}: there's no mail from them in your mailbox. "
                              "Write to them once from your mail program, and I'll know it.")
        self._draft_before = self._draft
        subject = str(slots.get("subject") or "").strip() or " ".join(text.split()[:6]).rstrip(",.!?")
        self._draft = _Draft(known.sender_name, known.sender_address, subject, text)
        self._draft.key = self._earlier_version(self._draft)
        self._unsent.written(self._draft, turn.now)
        problem = self._save_draft(self._draft, turn)
        return SkillReply(f"Your email to {known.sender_name}, about {subject}, says: \"{text}\". "
                          f"Say send it when it's right.{problem}")

    def send_letter(self, recipient: str, subject: str, body: str, turn: Turn) -> str:
        """"Sign it and mail it": the letter becomes a mail to its recipient, kept as a draft; "send it"
        then asks "Shall I send it to ...?" and only a yes sends it, as for any mail."""
        if self.mailbox is None:
            return "No mailbox is connected to find their address, so it stays in your letters folder."
        from ..mail import MailUnavailableError

        try:
            known = self.mailbox.latest(recipient)
        except MailUnavailableError as exc:
            return spoken_trouble("I couldn't look up their address, so it stays in your letters folder.", exc)
        if known is None or not known.sender_address:
            return (f"I don't have an address for {recipient}: there's no mail from them in your mailbox, so it "
                    "stays in your letters folder.")
        self._draft_before = self._draft
        self._draft = _Draft(known.sender_name, known.sender_address, subject, body.rstrip("\n"))
        self._draft.key = self._earlier_version(self._draft)
        self._unsent.written(self._draft, turn.now)
        problem = self._save_draft(self._draft, turn)
        return f"It's ready to mail to {known.sender_name}: say send it when you want it to go.{problem}"

    def _message(self, draft: _Draft, turn: Turn) -> email.message.EmailMessage:
        message = email.message.EmailMessage()
        if self._mail_from:
            message["From"] = self._mail_from
        message["To"] = email.utils.formataddr((draft.name, draft.address))
        message["Subject"] = draft.subject
        message["Date"] = email.utils.format_datetime(turn.now if turn.now.tzinfo else datetime.now().astimezone())
        domain = self._mail_from.rpartition("@")[2].strip(" >") if self._mail_from and "@" in self._mail_from else None
        message["Message-ID"] = email.utils.make_msgid(domain=domain)
        original = draft.original
        if original is not None and original.message_id:
            message["In-Reply-To"] = original.message_id
            message["References"] = " ".join(x for x in (original.references, original.message_id) if x)
        message.set_content(draft.text + "\n")
        return message

    def _send(self, slots: dict, turn: Turn, asked: bool) -> SkillReply:
        draft, question = self._unsent.choose(slots, self._draft, turn.now, _topic)
        if question is not None:
            self._draft, self._asked = draft or self._draft, draft is not None  # a yes/no question names one mail
            return SkillReply(question)
        self._draft = draft
        if draft is None:
            return SkillReply("There's no reply to send. Say \"reply\" and what to say after I've read you an email.")
        if not (slots.get("confirmed") and asked):
            self._asked = True
            return SkillReply(f"Shall I send it to {draft.name}?")
        if self._sender is None:
            kept = " It's kept in your drafts." if draft.key is not None else ""
            return SkillReply(spoken_setup(*_NO_SMTP) + kept)
        if not self._mail_from:
            return SkillReply(spoken_setup("I don't know your own address to send from.",
                                           "mail cannot be sent: set [mail] address in earpiece.toml to your address")
                              + (" It's kept in your drafts." if draft.key is not None else ""))
        from ..mail import MailUnavailableError

        try:
            self._sender.send(self._message(draft, turn))
        except MailUnavailableError as exc:
            kept = " It's kept in your drafts." if draft.key is not None else ""
            return SkillReply(spoken_trouble("I couldn't send it.", exc) + kept)
        self._draft = None
        self._unsent.done(draft)
        if draft.key is not None and self._drafts is not None:
            try:
                self._drafts.remove(draft.key)
            except MailUnavailableError as exc:  # sent is what matters; a leftover draft is visible and harmless
                log.warning("the sent mail's draft stays in the drafts folder: %s", exc)
        what = "reply" if draft.original is not None else "email"
        return SkillReply(f"Sent your {what} to {draft.name}.")
