"""Which unsent mail "send it" means once the conversation has moved on.

Right after a mail was dictated, "send it" means that mail. Said after something else ("what time
is it"), it still finds the one unsent mail of this conversation; but when that mail was written
more than FRESH ago, the question before sending names its recipient, its subject and its age, and
when several mails wait unsent, the OS asks which one instead of guessing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ..phrasing import join_words, say_time

FRESH = timedelta(minutes=10)


def same_mail(a, b) -> bool:
    """Two drafts of one mail: to the same address, answering the same email (or none)."""
    return a.address == b.address and \
        (a.original.id if a.original else None) == (b.original.id if b.original else None)


class UnsentMail:
    """The drafts written in this conversation and neither sent nor dropped, oldest first."""

    def __init__(self) -> None:
        self._drafts: list = []

    def __len__(self) -> int:
        return len(self._drafts)

    def written(self, draft, now: datetime) -> None:
        """A mail was dictated (or dictated again: the new words replace the old draft)."""
        draft.written_at = now
        self._drafts = [d for d in self._drafts if not same_mail(d, draft)] + [draft]

    def done(self, draft) -> None:
        """Sent or dropped: it is no longer waiting."""
        self._drafts = [d for d in self._drafts if d is not draft]

    def only(self):
        return self._drafts[0] if len(self._drafts) == 1 else None

    def named(self, name: str) -> list:
        """The unsent mails to someone the user named (accents and case aside, slips forgiven)."""
        from ..mail.message import sender_matches

        return [d for d in self._drafts if sender_matches(d.name, d.address, name)]

    @staticmethod
    def stale(draft, now: datetime) -> bool:
        written = getattr(draft, "written_at", None)
        return written is not None and now - written > FRESH

    @staticmethod
    def age(draft, now: datetime) -> str:
        """ "25 minutes ago", "at 9:05 AM"."""
        minutes = round((now - draft.written_at).total_seconds() / 60)
        if minutes < 60:
            return f"{minutes} minute{'s' if minutes != 1 else ''} ago"
        return f"at {say_time(draft.written_at.astimezone(now.tzinfo))}"

    def which(self, topic) -> str:
        """The question when several mails wait: each named by recipient and subject."""
        said = [f"the {'reply' if d.original is not None else 'email'} to {d.name} about {topic(d.subject)}"
                for d in self._drafts]
        return f"You have {len(said)} unsent emails: {join_words(said)}. Which one should I send?"

    def choose(self, slots: dict, current, now: datetime, topic) -> tuple[object | None, str | None]:
        """The mail "send it" means, and the question to ask first when that is not clear: a yes/no
        question naming the mail when there is one (draft, question), else which one (None, question)."""
        if slots.get("recipient"):
            named = self.named(str(slots["recipient"]))
            if not named:
                return None, f"I have no unsent email to {slots['recipient']}." + \
                    (f" {self.which(topic)}" if len(self) > 1 else "")
            return named[-1], None
        if current is not None and not slots.get("resumed"):
            return current, None  # said right after the mail was written or read back
        if len(self) > 1:
            return None, self.which(topic)
        draft = self.only()
        if draft is not None and self.stale(draft, now):
            what = "reply" if draft.original is not None else "email"
            return draft, f"Shall I send your {what} to {draft.name} about {topic(draft.subject)}, written {self.age(draft, now)}?"
        return draft, None
