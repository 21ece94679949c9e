"""The values that cross the engine's boundary: what the device says about itself, what the OS
answers, what it wants done, and what it wants to say on its own."""

from __future__ import annotations

from dataclasses import dataclass, field


SEE_THE_LOG = "The host's log says what is wrong and how to fix it."


class SourceUnavailableError(RuntimeError):
    """A source the OS reads or writes (mail, a calendar) cannot be used. The message is for a screen:
    it names the file, server or setting and says what to do. `spoken` is the same trouble for the
    ear, with no path, address or settings syntax, which a voice can only spell out; it is empty
    when the ear gets only the skill's own words and a pointer to the log (see `spoken_trouble`)."""

    def __init__(self, message: str, spoken: str = "") -> None:
        super().__init__(message)
        self.spoken = spoken


@dataclass(frozen=True)
class DeviceContext:
    """The earpiece's state as the voice loop last saw it (None when unknown)."""

    device_id: str | None = None
    battery_mv: int | None = None
    battery_pct: int | None = None
    volume_pct: int | None = None


@dataclass(frozen=True)
class SetVolume:
    """An action for the voice loop: set the earpiece's playback volume."""

    level_pct: int


@dataclass(frozen=True)
class Reply:
    """The OS's answer to one utterance; `actions` are for the voice loop to carry out. When the
    utterance held two requests, `text` answers both and `also` holds the second's reading."""

    intent: str
    slots: dict
    text: str
    actions: tuple = ()
    also: tuple["Reply", ...] = ()


@dataclass(frozen=True)
class Announcement:
    """Something the OS wants to say unprompted (a reminder, alarm or timer that fell due)."""

    id: str
    text: str
    kind: str  # "reminder" | "timer" | "alarm" (louder chime) | "heads_up"
    device_id: str | None = None
    # An alarm rings until acknowledged: after it has played (mark_delivered), it is offered again
    # every `repeat_every_s` until the user taps or says "I'm up" / "snooze" (Engine.acknowledge).
    repeat_until_acknowledged: bool = False
    repeat_every_s: float | None = None


@dataclass(frozen=True)
class SkillReply:
    """What a skill returns: the words, any device actions, extra slots for the reply, and, when
    the skill asked a question back, the intent whose missing slot the next utterance may fill,
    and the things a listing listed."""

    text: str
    actions: tuple = ()
    slots: dict = field(default_factory=dict)
    awaiting: str | None = None
    items: tuple[str, ...] = ()  # what a listing listed, one spoken line each, for "next" / "previous"
    refused_slot: str | None = None  # a slot whose value the skill could not use and asks for again
