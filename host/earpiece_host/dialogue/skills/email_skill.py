"""Email: how many unread, reading the latest (or the latest from someone) aloud, stepping through
them with "next" and "previous", deleting, and replying, through a mailbox adapter (Maildir, mbox
or IMAP) passed in by the engine. A reply is written as a message into the outbox Maildir in the
data folder, for the user's mail program to send: the OS holds no mail-server password."""

from __future__ import annotations

import email.message
import email.utils
import mailbox as mailbox_module
from datetime import datetime
from pathlib import Path

from ..phrasing import join_words, say_date
from ..types import SkillReply
from .base import Turn

_NO_MAIL = ("No mailbox is connected yet. Set [mail] maildir, mbox or imap_url in earpiece.toml "
            "(earpiece config path shows where it is), and I'll read your mail to you.")
_MAX_BODY_CHARS = 1200


class EmailSkill:
    intents = ("email.unread", "email.read", "email.next", "email.previous", "email.delete", "email.reply", "email.send")

    def __init__(self, mailbox, outbox_dir: Path | None = None) -> None:
        self.mailbox = mailbox
        self._outbox_dir = outbox_dir
        self._queue: list = []     # unread emails not read aloud yet, newest first
        self._history: list = []   # emails read aloud, in the order read
        self._pos = -1             # which of them is "this one"
        self._draft: tuple | None = None  # (email replied to, reply text)

    @property
    def _current(self):
        return self._history[self._pos] if 0 <= self._pos < len(self._history) else None

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        if self.mailbox is None:
            return SkillReply(_NO_MAIL)
        from ..mail import MailUnavailableError  # imported late, with the adapters

        try:
            if intent == "email.unread":
                return self._unread(turn)
            if intent == "email.next":
                return self._next(turn)
            if intent == "email.previous":
                return self._previous(turn)
            if intent == "email.delete":
                return self._delete(turn)
            if intent == "email.reply":
                return self._reply(slots, turn)
            if intent == "email.send":
                return self._send(turn)
            return self._read(slots, turn)
        except MailUnavailableError as exc:
            return SkillReply(f"I couldn't get to your mail. {exc}")

    def unread_count(self) -> int:
        return len(self.mailbox.unread()) if self.mailbox is not None else 0

    def _unread(self, turn: Turn) -> SkillReply:
        from ..mail import unreadable_note

        unread = self.mailbox.unread()
        self._queue = list(unread)
        skipped = unreadable_note(getattr(unread, "unreadable", 0))  # messages that could not be parsed
        if not unread:
            return SkillReply(skipped or turn.say.choice(("No new email.", "Your inbox is all caught up.", "Nothing new in your mail.")))
        newest = unread[0]
        if len(unread) == 1:
            return SkillReply(f"You have one unread email, from {newest.sender_name}: {newest.subject}. Shall I read it? {skipped}".strip(),
                              awaiting="email.read")
        senders: list[str] = []
        for e in unread:
            if e.sender_name not in senders:
                senders.append(e.sender_name)
        others = [s for s in senders if s != newest.sender_name]
        also = f" There's also mail from {join_words(others)}." if others else ""
        return SkillReply(f"You have {len(unread)} unread emails. The latest is from {newest.sender_name}, about {newest.subject}.{also} {skipped}".strip())

    def drop_draft(self) -> bool:
        """Forget the reply being written ("don't send it"); True when there was one."""
        had = self._draft is not None
        self._draft = None
        return had

    def _speak(self, e, turn: Turn) -> str:
        body = e.body.strip()
        if len(body) > _MAX_BODY_CHARS:
            body = body[:_MAX_BODY_CHARS].rsplit(" ", 1)[0] + "... That's the start of it."
        when = say_date(e.date.astimezone(turn.now.tzinfo).date(), turn.now.date())
        return f"From {e.sender_name}, {when}, subject: {e.subject or 'no subject'}. {body}".strip()

    def _show(self, e, turn: Turn) -> SkillReply:
        """Read e aloud and make it "this one"."""
        self._history = [x for x in self._history if x.id != e.id] + [e]
        self._pos = len(self._history) - 1
        self._queue = [x for x in self._queue if x.id != e.id]
        if e.unread:
            self.mailbox.mark_read(e.id)
        more = " Say next for the next one." if self._queue else ""
        return SkillReply(self._speak(e, turn) + more)

    def _read(self, slots: dict, turn: Turn) -> SkillReply:
        if slots.get("which") == "again":
            if self._current is None:
                return SkillReply("I haven't read you an email yet. Say \"read my email\".")
            return SkillReply(self._speak(self._current, turn))
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

    def _delete(self, turn: Turn) -> SkillReply:
        e = self._current
        if e is None:
            return SkillReply("Which email? I haven't read you one yet. Say \"read my email\" first.")
        self.mailbox.delete(e.id)
        del self._history[self._pos]
        self._pos = min(self._pos, len(self._history) - 1)
        return SkillReply(f"Deleted the email from {e.sender_name} about {e.subject or 'nothing in particular'}.")

    def _reply(self, slots: dict, turn: Turn) -> SkillReply:
        e = self._current
        if e is None:
            return SkillReply("Which email should I answer? Have me read it first.")
        text = str(slots.get("text") or "").strip()
        if not text:
            return SkillReply(f"What should I say to {e.sender_name}?", awaiting="email.reply")
        self._draft = (e, text)
        return SkillReply(f"Your reply to {e.sender_name}: \"{text}\". Shall I send it?", awaiting="email.send")

    def _send(self, turn: Turn) -> SkillReply:
        if self._draft is None:
            return SkillReply("There's no reply to send. Say \"reply\" and what to say after I've read you an email.")
        if self._outbox_dir is None:
            return SkillReply("I have nowhere to put outgoing mail: the OS has no data folder for an outbox.")
        e, text = self._draft
        message = email.message.EmailMessage()
        message["To"] = email.utils.formataddr((e.sender_name, e.sender_address))
        message["Subject"] = e.subject if e.subject.lower().startswith("re:") else f"Re: {e.subject}"
        message["Date"] = email.utils.format_datetime(turn.now if turn.now.tzinfo else datetime.now().astimezone())
        message.set_content(text + "\n")
        try:
            box = mailbox_module.Maildir(self._outbox_dir, create=True)
            box.add(mailbox_module.MaildirMessage(message))
        except OSError as exc:
            return SkillReply(f"I couldn't write the reply to the outbox {self._outbox_dir}: {exc.strerror or exc}. "
                              "Check that the data folder is writable.")
        self._draft = None
        return SkillReply(f"Your reply to {e.sender_name} is in the outbox, ready for your mail program to send.")
