"""Turn-taking: when the user's turn is over, and whether a hands-free turn was addressed to us.

Endpointing is most of the response latency, so the trailing silence that ends a turn depends on
the words so far: a complete request ("what time is it") ends after a short pause, an unfinished one
("remind me to ...") waits longer, anything else the default. Pure rules plus one stateful
`TurnTaker` per device that feeds the endpointer; no I/O, no event loop.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .audio import FRAME_BYTES
from .speech.vad import EndpointConfig, EndpointEvent, Endpointer

# A partial transcript ending in one of these is mid-phrase: give the user longer to go on.
CONTINUATION_WORDS = frozenset(
    "and or but to the a an at for with that of my in on about from is are uh um er so because "
    "then if when remind set call tell".split())

# A request ending on a day may go on with its time ("remind me to call Amy tomorrow ... at five"):
# unless it asks a question, it waits the default pause rather than a complete request's short one.
OPEN_ENDED_WORDS = frozenset(
    "today tonight tomorrow morning afternoon evening week monday tuesday wednesday thursday friday "
    "saturday sunday".split())
QUESTION_WORDS = frozenset("what what's whats when where who who's how is are do does did can which".split())


@dataclass(frozen=True)
class TurnTaking:
    """How much trailing silence ends the user's turn, by what the words so far look like."""

    complete_silence_ms: int = 240
    default_silence_ms: int = 400
    continuation_silence_ms: int = 800


class TurnFacts:
    """What the turn's endpointer has seen, read off `self.endpointer` (the Endpointer itself, or
    the state a turn-taker in a worker process sends back: turn_taking_process.py)."""

    endpointer: Any

    @property
    def voiced(self) -> bool:
        """Voice was heard in this turn (a recogniser's words from a hum are not to be trusted)."""
        return self.endpointer.speech_started_ms is not None

    @property
    def stream_ms(self) -> int:
        """Audio fed since the last reset: where the end of the latest frame lies on the turn's clock."""
        return self.endpointer.stream_ms


class TurnTaker(TurnFacts):
    """One device's endpointer and the word-dependent end-of-turn rule.

    `push()` takes microphone PCM and the recogniser's latest partial transcript and says when the
    turn ends. Not thread-safe: one per device, used from one thread at a time.
    """

    def __init__(self, endpoint: EndpointConfig, rules: TurnTaking,
                 looks_complete: Callable[[str], bool]) -> None:
        self.endpointer = Endpointer(endpoint)
        self.rules = rules
        self._looks_complete = looks_complete
        self._complete_cache: tuple[str, bool] = ("", False)  # looks_complete parses: ask once per text

    def reset(self) -> None:
        self.endpointer.reset()

    def push(self, pcm: bytes, partial: str, partial_covers_ms: int | None = None) -> EndpointEvent | None:
        """Feed whole 20 ms frames of `pcm`; an event that ends the turn, or SPEECH_STARTED, or None.

        `partial` is the recogniser's latest partial transcript and `partial_covers_ms` how much of
        this turn's audio (on `stream_ms`'s clock) the recogniser had consumed when it stood; None:
        all of it. A recogniser running behind the endpointer has a partial that misses the end of
        the voice ("what" of "what's the date today"): it must not end the turn early.
        """
        endpointer = self.endpointer
        event = None
        for start in range(0, len(pcm) - FRAME_BYTES + 1, FRAME_BYTES):
            event = endpointer.push(pcm[start:start + FRAME_BYTES]) or event
        if event is None and endpointer.in_speech:
            words = partial if self.covers_voice(partial_covers_ms) else ""
            if endpointer.stream_ms - endpointer.last_voiced_ms >= self.silence_needed_ms(words):
                event = EndpointEvent.SPEECH_ENDED
        return event

    def covers_voice(self, partial_covers_ms: int | None) -> bool:
        """Had the recogniser consumed all the voice heard so far when its partial stood?"""
        return partial_covers_ms is None or partial_covers_ms >= self.endpointer.last_voiced_ms

    def silence_needed_ms(self, partial: str) -> int:
        """Trailing silence that ends this turn, judged from the words heard so far and from how
        loud the room is next to the voice."""
        rules = self.rules
        extra = self.endpointer.extra_silence_ms
        words = partial.lower().split()
        if not words:
            return rules.default_silence_ms + extra
        if words[-1] in CONTINUATION_WORDS:
            return rules.continuation_silence_ms + extra
        text = " ".join(words)
        if self._complete_cache[0] != text:
            self._complete_cache = (text, self._looks_complete(text))
        complete = self._complete_cache[1] and not (words[-1] in OPEN_ENDED_WORDS and words[0] not in QUESTION_WORDS)
        return (rules.complete_silence_ms if complete else rules.default_silence_ms) + extra

    def complete_request(self, partial: str, partial_covers_ms: int | None = None) -> str:
        """`partial`, normalised, when it was judged a complete request and covers all the voice
        (see `push`); else "" (the recogniser must be finalised)."""
        if not self.covers_voice(partial_covers_ms):
            return ""
        text, complete = self._complete_cache
        return text if complete and text == " ".join(partial.lower().split()) else ""


def strip_wake_phrase(heard: str, name: str) -> str | None:
    """The request after the wake phrase ("Samantha, what time is it" -> "what time is it").

    None when the first words are not the persona's name. Recognisers spell names loosely
    ("samantha", "samanta", "sam"), so the first one or two words are compared fuzzily.
    """
    words = heard.lower().replace(",", " ").split()
    wanted = name.lower()
    for lead in ("hey", "ok", "okay", "hi"):
        if words and words[0] == lead:
            words = words[1:]
            break
    for take in (1, 2):
        if len(words) < take:
            break
        candidate = "".join(words[:take])
        if candidate == wanted or difflib.SequenceMatcher(None, candidate, wanted).ratio() >= 0.8:
            return " ".join(words[take:])
    return None


def intelligible(text: str, voiced: bool) -> bool:
    """Recognisers guess words even from a hum; trust them only when voice was heard."""
    if not text or not voiced:
        return False
    words = text.lower().split()
    return not (len(words) == 1 and words[0] in CONTINUATION_WORDS)
