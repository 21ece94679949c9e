"""Speech synthesis, the interface: text in, 16 kHz PCM out, one piece at a time.

The engine (Piper) lives in piper_engine.py. What every engine shares is here: the reply is split
into sentences, and a long first sentence at its first clause, so that the first audio is ready
after one short piece and the caller can stop (barge-in) between pieces; each piece is levelled so
that every sentence sounds equally loud.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ..audio import FRAME_SAMPLES


class Synthesiser(Protocol):
    """Text to speech; implementations are thread-safe, so one serves every session."""

    engine: str
    description: str

    def synthesise(self, text: str) -> Iterator[bytes]:
        """16 kHz s16le mono chunks, sentence by sentence; stop iterating to stop synthesis."""
        ...


class VoiceUnavailableError(RuntimeError):
    """A voice model could not be found or loaded; the message says which file and what to do."""


@dataclass(frozen=True)
class LevelConfig:
    """How each piece of speech is levelled so that every sentence sounds equally loud."""

    target_active_rms_dbfs: float = -20.0
    """RMS of the voiced 20 ms frames after levelling (dB re full scale)."""
    peak_ceiling_dbfs: float = -1.0
    """No sample goes above this; a peaky sentence gets less gain rather than clipping."""
    active_gate_db: float = 30.0
    """Frames more than this far below the loudest frame are pauses and do not count towards the RMS."""


_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sr jr vs etc e.g i.e a.m p.m no approx dept est fig inc ltd co".split())
_SENTENCE_END = re.compile(r"([.!?…]+[\"')\]]*)(\s+)")
_CLAUSE_BREAK = re.compile(r"[,;:—–]\s+|\s+-\s+")
_CONJUNCTIONS = frozenset("and but or so because which when while if although though".split())
# A reply that opens with one of these is heard a piece sooner: "Okay," alone takes Piper about a
# third of the time of "Okay, 5 minutes, starting now." (docs/architecture.md#measured-latency).
_OPENING = re.compile(r"(?:okay|ok|alright|all right|sure|right|got it|noted|done|yes|no|sorry|well|oh)[,:!]\s+",
                      re.IGNORECASE)
OPENING_PIECES = ("Okay,", "Sorry,", "Yes,", "No,", "Got it:", "Got it,", "Noted:", "Done,", "Sure,",
                  "Alright,")
"""The opening pieces the OS's replies begin with, as `plan_pieces` cuts them: an engine whose
synthesis is deterministic can have them ready before the first reply (PieceCache)."""


def split_sentences(text: str) -> list[str]:
    """Split text into sentences at . ! ? … followed by a space, sparing abbreviations and decimals."""
    text = " ".join(text.split())
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end(1)
        before = text[start:match.start(1)].rsplit(" ", 1)[-1].lower()
        is_abbreviation = match.group(1) == "." and (before in _ABBREVIATIONS or
                                                      before.rstrip(".") in _ABBREVIATIONS or
                                                      (len(before) == 1 and before.isalpha()))
        next_char = text[match.end():match.end() + 1]
        if is_abbreviation or (next_char and next_char.islower()):
            continue
        sentence = text[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def split_first_clause(sentence: str, max_words: int) -> list[str]:
    """Split a long sentence once, at its first clause break (or conjunction) after a few words;
    any sentence after an opening word ("Okay," "Got it:")."""
    words = sentence.split()
    opening = _OPENING.match(sentence)
    if opening and len(words) - len(opening.group().split()) >= 2:
        return [opening.group().strip(), sentence[opening.end():]]
    if len(words) <= max_words:
        return [sentence]
    min_words = 3
    for match in _CLAUSE_BREAK.finditer(sentence):
        head = sentence[:match.end()].strip()
        if min_words <= len(head.split()) <= max_words + 4 and len(words) - len(head.split()) >= 2:
            return [head, sentence[match.end():].strip()]
    for index in range(min_words, min(len(words) - 2, max_words + 1)):
        if words[index].lower() in _CONJUNCTIONS:
            return [" ".join(words[:index]), " ".join(words[index:])]
    return [sentence]


def plan_pieces(text: str, first_piece_max_words: int) -> list[str]:
    """The pieces synthesised one after another: sentences, the first one maybe split at a clause."""
    sentences = split_sentences(text)
    if not sentences:
        return []
    return [*split_first_clause(sentences[0], first_piece_max_words), *sentences[1:]]


def level(samples: np.ndarray, config: LevelConfig = LevelConfig()) -> np.ndarray:
    """Scale one piece so its voiced frames have the target RMS, never letting a peak pass the ceiling."""
    usable = len(samples) // FRAME_SAMPLES * FRAME_SAMPLES
    if usable == 0:
        return samples
    frames = samples[:usable].reshape(-1, FRAME_SAMPLES)
    frame_rms = np.sqrt(np.mean(frames * frames, axis=1))
    loudest = float(frame_rms.max())
    if loudest < 1e-6:
        return samples
    active = frame_rms[frame_rms >= loudest * 10 ** (-config.active_gate_db / 20)]
    active_rms = float(np.sqrt(np.mean(active * active)))
    gain = 10 ** (config.target_active_rms_dbfs / 20) / active_rms
    peak = float(np.max(np.abs(samples)))
    gain = min(gain, 10 ** (config.peak_ceiling_dbfs / 20) / peak)
    return (samples * gain).astype(np.float32)


def active_level_dbfs(pcm: bytes) -> float:
    """RMS of the voiced frames of PCM in dB re full scale; for tests and benchmarks."""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
    usable = len(samples) // FRAME_SAMPLES * FRAME_SAMPLES
    if usable == 0:
        return -math.inf
    frames = samples[:usable].reshape(-1, FRAME_SAMPLES)
    rms = np.sqrt(np.mean(frames * frames, axis=1))
    active = rms[rms >= rms.max() * 10 ** (-LevelConfig().active_gate_db / 20)]
    return float(20 * math.log10(max(float(np.sqrt(np.mean(active * active))), 1e-9)))


class PieceCache:
    """The audio of short pieces already synthesised, for an engine whose synthesis is deterministic
    (the same text always gives the same samples): an opening such as "Okay," is then sent at once
    instead of after ~50 ms of synthesis, and a reply said before ("I didn't catch that.") costs
    nothing. Bounded in bytes, least recently used first out; thread-safe."""

    def __init__(self, max_bytes: int = 4 << 20, max_words: int = 12) -> None:
        self.max_bytes = max_bytes
        """About two minutes of 16 kHz speech."""
        self.max_words = max_words
        """Longer pieces (a sentence of an email) are rarely said twice and are not kept."""
        self._pieces: OrderedDict[str, bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def wants(self, piece: str) -> bool:
        return len(piece.split()) <= self.max_words

    def get(self, piece: str) -> bytes | None:
        with self._lock:
            pcm = self._pieces.get(piece)
            if pcm is None:
                self.misses += 1
                return None
            self._pieces.move_to_end(piece)
            self.hits += 1
            return pcm

    def put(self, piece: str, pcm: bytes) -> None:
        if not self.wants(piece) or len(pcm) > self.max_bytes:
            return
        with self._lock:
            old = self._pieces.pop(piece, None)
            if old is not None:
                self._bytes -= len(old)
            self._pieces[piece] = pcm
            self._bytes += len(pcm)
            while self._bytes > self.max_bytes:
                _, dropped = self._pieces.popitem(last=False)
                self._bytes -= len(dropped)

    def audio(self, piece: str, synthesise: Callable[[str], Iterable[bytes]]) -> Iterator[bytes]:
        """The piece's PCM: kept, else `synthesise(piece)`'s chunks as they come, kept once the piece
        is whole (a piece cut short by a barge-in is not kept)."""
        pcm = self.get(piece)
        if pcm is not None:
            yield pcm
            return
        chunks: list[bytes] | None = [] if self.wants(piece) else None
        for chunk in synthesise(piece):
            if chunks is not None:
                chunks.append(chunk)
            yield chunk
        if chunks:
            self.put(piece, b"".join(chunks))

    def clear(self) -> None:
        with self._lock:
            self._pieces.clear()
            self._bytes = 0

    def __contains__(self, piece: str) -> bool:
        with self._lock:
            return piece in self._pieces

    def __len__(self) -> int:
        with self._lock:
            return len(self._pieces)


FIRST_PIECE, LATER_PIECE, AHEAD_OF_TIME = 0, 1, 2
"""Priorities at the SynthesisGate: a reply's first piece is what its listener is waiting for; a
later piece has the piece before it playing meanwhile; a piece made ahead of time has no listener."""


class SynthesisGate:
    """Lets `slots` syntheses run at once, the waiting one with the best priority (then the earliest)
    next. With several earpieces answered at once, pieces synthesised side by side share the cores
    and all finish late; one after another, with first pieces before later ones, a reply's first
    audio comes sooner (figures: docs/architecture.md#measured-latency)."""

    def __init__(self, slots: int = 1) -> None:
        if slots < 1:
            raise ValueError("a synthesis gate needs at least one slot")
        self._free = slots
        self._waiting: list[tuple[int, int]] = []
        self._tickets = itertools.count()
        self._changed = threading.Condition()

    @property
    def waiting(self) -> int:
        """Syntheses waiting for a slot."""
        with self._changed:
            return len(self._waiting)

    def run(self, priority: int, work: Callable[[], list[bytes]]) -> list[bytes]:
        ticket = (priority, next(self._tickets))
        with self._changed:
            heapq.heappush(self._waiting, ticket)
            while not (self._free > 0 and self._waiting[0] == ticket):
                self._changed.wait()
            heapq.heappop(self._waiting)
            self._free -= 1
        try:
            return work()
        finally:
            with self._changed:
                self._free += 1
                self._changed.notify_all()
