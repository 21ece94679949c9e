"""The one interface every skill implements, and what a skill gets to see of a turn."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from ..phrasing import Phrasebook
from ..types import SEE_THE_LOG, DeviceContext, SkillReply, SourceUnavailableError

log = logging.getLogger(__name__)


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


def spoken_trouble(opening: str, exc: SourceUnavailableError) -> str:
    """What the ear hears when mail or a calendar fails: the skill's own words ("I couldn't send it."),
    then the trouble said plainly, or else a pointer to the log. The log gets the whole message, with
    the file, server or setting to fix, which a voice could only spell out."""
    log.warning("%s", exc)
    return " ".join(part for part in (opening, exc.spoken or SEE_THE_LOG) if part)


def spoken_setup(spoken: str, setting: str, *, point_to_log: bool = True) -> str:
    """What the ear hears when the settings do not turn a feature on: `spoken`, then a pointer to the
    log, which gets `setting`, the line to add to earpiece.toml. A passing mention (the morning
    briefing, every day) leaves the pointer out."""
    log.warning("%s", setting)
    return f"{spoken} {SEE_THE_LOG}" if point_to_log else spoken
