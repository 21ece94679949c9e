"""Email: how many unread, and reading the latest (or the latest from someone) aloud, with "next"
and "read it again", through a mailbox adapter (Maildir, mbox or IMAP) passed in by the engine."""

from __future__ import annotations

from ..phrasing import say_date
from ..types import SkillReply
from .base import Turn

_NO_MAIL = ("No mailbox is connected yet. Set [mail] maildir, mbox or imap_url in earpiece.toml "
            "(earpiece config path shows where it is), and I'll read your mail to you.")
_MAX_BODY_CHARS = 1200


class EmailSkill:
    intents = ("email.unread", "email.read")

    def __init__(self, mailbox) -> None:
        self.mailbox = mailbox
        self._queue: list = []
        self._current = None

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        if self.mailbox is None:
            return SkillReply(_NO_MAIL)
        from ..mail import MailUnavailableError  # imported late, with the adapters

        try:
            if intent == "email.unread":
                return self._unread(turn)
            return self._read(slots, turn)
        except MailUnavailableError as exc:
            return SkillReply(f"I couldn't get to your mail. {exc}")

    def unread_count(self) -> int:
        return len(self.mailbox.unread()) if self.mailbox is not None else 0

    def _unread(self, turn: Turn) -> SkillReply:
        unread = self.mailbox.unread()
        self._queue = list(unread)
        if not unread:
            return SkillReply(turn.say.choice(("No new email.", "Your inbox is all caught up.", "Nothing new in your mail.")))
        newest = unread[0]
        if len(unread) == 1:
            return SkillReply(f"You have one unread email, from {newest.sender_name}: {newest.subject}. Shall I read it?")
        senders = []
        for e in unread:
            if e.sender_name not in senders:
                senders.append(e.sender_name)
        return SkillReply(f"You have {len(unread)} unread emails. The latest is from {newest.sender_name}, about {newest.subject}.")

    def _speak(self, e, turn: Turn) -> str:
        body = e.body.strip()
        if len(body) > _MAX_BODY_CHARS:
            body = body[:_MAX_BODY_CHARS].rsplit(" ", 1)[0] + "... That's the start of it."
        when = say_date(e.date.astimezone(turn.now.tzinfo).date(), turn.now.date())
        return f"From {e.sender_name}, {when}, subject: {e.subject or 'no subject'}. {body}".strip()

    def _read(self, slots: dict, turn: Turn) -> SkillReply:
        which = slots.get("which")
        if which == "again":
            if self._current is None:
                return SkillReply("I haven't read you an email yet. Say \"read my email\".")
            return SkillReply(self._speak(self._current, turn))
        if which == "next":
            if not self._queue:
                self._queue = [e for e in self.mailbox.unread() if self._current is None or e.id != self._current.id]
            if not self._queue:
                return SkillReply("That's all your new email.")
            e = self._queue.pop(0)
        elif slots.get("sender"):
            e = self.mailbox.latest(slots["sender"])
            if e is None:
                return SkillReply(f"Nothing from {slots['sender'].title()} in your mail.")
            self._queue = [x for x in self.mailbox.unread() if x.id != e.id]
        else:
            unread = self.mailbox.unread()
            e = unread[0] if unread else self.mailbox.latest(None)
            if e is None:
                return SkillReply("Your mailbox is empty.")
            self._queue = [x for x in unread if x.id != e.id]
        self._current = e
        if e.unread:
            self.mailbox.mark_read(e.id)
        more = " Say next for the next one." if self._queue else ""
        return SkillReply(self._speak(e, turn) + more)
