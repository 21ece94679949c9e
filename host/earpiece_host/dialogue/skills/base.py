"""The one interface every skill implements, and what a skill gets to see of a turn."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from ..phrasing import Phrasebook
from ..types import DeviceContext, SkillReply


@dataclass(frozen=True)
class Turn:
    """One utterance's surroundings: the time, the device, who is talking and to whom."""

    now: datetime
    device: DeviceContext
    say: Phrasebook
    persona_name: str
    user_name: str | None = None

    @property
    def to_user(self) -> str:
        """ ", Tom" when the user's name is known, for warm replies."""
        return f", {self.user_name}" if self.user_name else ""


class Skill(Protocol):
    """A skill answers the intents it lists; the engine routes by that list."""

    @property
    def intents(self) -> tuple[str, ...]: ...

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply: ...
