"""Speech recognition, the interface: streaming PCM in, partial and final transcripts out.

Engines implement it in their own modules (vosk_engine.py, pocketsphinx_engine.py); choose.py picks
one. A factory loads the model once per process; each device session gets its own recogniser from
`create()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Word:
    """One recognised word; times in seconds from the start of the utterance."""

    text: str
    start_s: float
    end_s: float
    confidence: float | None = None


def untimed_words(text: str, confidence: float | None) -> tuple[Word, ...]:
    """`text`'s words without times, all with one confidence: for a transcript that was chosen or
    decoded whole (Whisper, a grammar sentence) rather than aligned word by word."""
    return tuple(Word(text=w, start_s=0.0, end_s=0.0, confidence=confidence) for w in text.split())


@dataclass(frozen=True)
class Transcript:
    """What the recogniser heard so far (partial) or in the whole utterance (final)."""

    text: str
    is_final: bool
    words: tuple[Word, ...] = ()
    alternatives: tuple[str, ...] = ()
    """Other readings of the same audio, likeliest first (Whisper's beam); empty for most engines."""


class Recogniser(Protocol):
    """One per device session; used from one worker thread at a time."""

    engine: str

    partial_current: bool
    """Does the latest partial transcript (returned or not) account for all the audio accepted so
    far? Streaming engines (Vosk, pocketsphinx) update their hypothesis with every chunk: always
    True. Whisper decodes only at pauses: False from the first voiced chunk after its last pass
    until the next pass. Turn-taking never ends a turn on a partial that is not current."""

    def accept(self, pcm: bytes) -> Transcript | None:
        """Feed 16 kHz s16le mono PCM of any length; a partial transcript when the hypothesis changed."""
        ...

    def finish(self) -> Transcript:
        """The final transcript of the current utterance; afterwards ready for the next one."""
        ...

    def reset(self) -> None:
        """Drop the current utterance (barge-in, cancel)."""
        ...


class RecogniserFactory(Protocol):
    """Holds a loaded model; `create()` is thread-safe."""

    engine: str
    description: str

    def create(self) -> Recogniser: ...


class ModelUnavailableError(RuntimeError):
    """A speech model could not be found or loaded; the message says where we looked and what to do."""
