"""The OS when its memory cannot be opened: every turn gets a spoken apology and nothing is kept.

`earpiece serve` stands this in for the engine when the database is damaged, so that the host
keeps serving (links, echo, the voice loop) and the log says how to fix the database.
"""

from __future__ import annotations

from datetime import datetime

from .streamed_reply import StreamedReply
from .types import SEE_THE_LOG, Announcement, DeviceContext, Reply

SORRY_NO_MEMORY = f"Sorry, I can't reach my memory right now, so I can't help with that. {SEE_THE_LOG}"


class UnavailableOS:
    """Fits the voice loop's `OS` protocol (earpiece_host.voice.OS); `reason` is the StoreError's message, for the log."""

    def __init__(self, reason: str, persona_name: str = "Samantha") -> None:
        self.reason = reason
        self.persona_name = persona_name

    def handle(self, text: str, context: DeviceContext = DeviceContext()) -> Reply:
        return Reply(intent="os.unavailable", slots={}, text=SORRY_NO_MEMORY)

    def handle_stream(self, text: str, context: DeviceContext = DeviceContext()) -> StreamedReply:
        return StreamedReply.whole_text(self.handle(text, context))

    def looks_complete(self, text: str) -> bool:
        return False

    def user_names(self):
        from ..speech.grammar import UserNames

        return UserNames(persona=self.persona_name)

    def due_announcements(self, now: datetime | None = None, device_id: str | None = None) -> list[Announcement]:
        return []

    def mark_delivered(self, announcement_id: str) -> None:
        return None

    def acknowledge_alarm(self) -> str:
        return SORRY_NO_MEMORY  # no alarm rings without a memory; a tap is only answered

    def close(self) -> None:
        return None
