"""How well the host hears spoken requests: the voice loop's recognition path run faster than real
time on recorded audio, and scored by word error rate and by whether the OS understood the request.

`hear()` does what the voice loop does with one turn (turn_taking.TurnTaker ends it, the answer
comes from a complete partial transcript or else from `finish()`), without sockets or pacing, so
hundreds of requests in many voices take minutes instead of an hour. Latency through the real
firmware is measured separately by `earpiece bench` with virtual earpieces.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import datetime

from earpiece_host.audio import FRAME_BYTES, FRAME_MS
from earpiece_host.speech.asr import Recogniser, Transcript
from earpiece_host.speech.biased import mean_confidence
from earpiece_host.speech.grammar import number_words
from earpiece_host.speech.vad import EndpointEvent
from earpiece_host.turn_taking import TurnTaker, intelligible


@dataclass(frozen=True)
class Heard:
    text: str
    end_reason: str  # "voice", "max_length", "no_speech", "audio_ended"
    from_partial: bool  # answered from a complete partial transcript, without finish()
    voiced: bool
    transcript_wait_ms: float  # end of turn decided -> transcript in hand (finish() time; 0 from a partial)
    alternatives: tuple[str, ...] = ()  # the recogniser's other readings (Whisper's n-best)
    turn_ended_ms: int | None = None  # hear(whole=True): where the voice loop ended the turn (None: it did not)
    confidence: float | None = None  # the recogniser's mean word confidence of `text` (Whisper: exp of the mean token log-probability)


def hear(pcm: bytes, recogniser: Recogniser, turn_taker: TurnTaker, whole: bool = False) -> Heard:
    """One turn: `pcm` (request with silence or noise after it) fed in 20 ms frames as the link would.

    whole: the recogniser hears all of `pcm` even after the turn would have ended (a reading
    that pauses mid-sentence), and `turn_ended_ms` says where the voice loop ended the turn."""
    recogniser.reset()
    turn_taker.reset()
    partial, covers_ms = "", 0  # the latest partial and the audio (ms) it stands for, as in voice.py
    alternatives: tuple[str, ...] = ()
    reason = "audio_ended"
    ended_ms = None
    confidence: float | None = None
    for start in range(0, len(pcm) - FRAME_BYTES + 1, FRAME_BYTES):
        frame = pcm[start:start + FRAME_BYTES]
        update = recogniser.accept(frame)
        if update is not None:
            partial, alternatives, confidence = update.text, update.alternatives, _confidence(update)
        if ended_ms is not None:
            continue
        if recogniser.partial_current:
            covers_ms = turn_taker.stream_ms + FRAME_MS
        event = turn_taker.push(frame, partial, covers_ms)
        if event in (EndpointEvent.SPEECH_ENDED, EndpointEvent.MAX_LENGTH, EndpointEvent.NO_SPEECH):
            reason = {EndpointEvent.SPEECH_ENDED: "voice", EndpointEvent.MAX_LENGTH: "max_length",
                      EndpointEvent.NO_SPEECH: "no_speech"}[event]
            ended_ms = turn_taker.stream_ms
            if not whole:
                break
    early = turn_taker.complete_request(partial, covers_ms) if reason == "voice" and not whole else ""
    if early:
        return Heard(early, reason, True, turn_taker.voiced, 0.0, alternatives, confidence=confidence)
    started = time.perf_counter()
    final = recogniser.finish()
    return Heard(final.text.strip(), reason, False, turn_taker.voiced, (time.perf_counter() - started) * 1000.0,
                 final.alternatives, ended_ms if whole else None, _confidence(final))


def _confidence(transcript: Transcript) -> float | None:
    """The recogniser's confidence in a transcript, as the biased chooser weighs it; None when it gave none."""
    return round(mean_confidence(transcript), 4) if any(w.confidence is not None for w in transcript.words) else None


# --- scoring -------------------------------------------------------------------------------------

_CONTRACTIONS = {"what's": "what is", "it's": "it is", "i'm": "i am", "that's": "that is",
                 "who's": "who is", "how's": "how is", "where's": "where is", "don't": "do not",
                 "can't": "cannot", "i'd": "i would", "let's": "let us", "there's": "there is"}


def _number_words(n: int) -> str:
    """0..59 in words, as recognisers write them; larger numbers stay digits."""
    return number_words(n) if n < 60 else str(n)


def normalise_words(text: str) -> list[str]:
    """Words as compared for WER: lower case, no punctuation, numbers and contractions spelt out."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"(\d+):(\d\d)", lambda m: f"{m[1]} {m[2]}", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    words: list[str] = []
    for word in text.split():
        word = _CONTRACTIONS.get(word, word).strip("'")
        if word.isdigit():
            word = _number_words(int(word))
        words.extend(word.split())
    return words


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(substitutions + deletions + insertions, reference words): Levenshtein over words."""
    ref, hyp = normalise_words(reference), normalise_words(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        previous, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (r != h))
    return row[len(hyp)], len(ref)


class Understanding:
    """Did the OS take the heard words for the request that was spoken? Same intent, same slots.

    `understand(text, now)` is the OS's NLU step (dialogue.Engine.understand); it must not change
    the conversation, so every request is judged on its own against one fixed "now".
    """

    def __init__(self, understand, now: datetime) -> None:
        self._understand = understand
        self._now = now
        self._expected: dict[str, tuple[str, dict]] = {}

    def expected(self, reference: str) -> tuple[str, dict]:
        if reference not in self._expected:
            parse = self._understand(reference, self._now)
            self._expected[reference] = (parse.intent, dict(parse.slots))
        return self._expected[reference]

    def understood(self, reference: str, heard: Heard | str, voiced: bool = True) -> bool:
        text = heard.text if isinstance(heard, Heard) else heard
        voiced = heard.voiced if isinstance(heard, Heard) else voiced
        if not intelligible(text, voiced):
            return False  # the voice loop would say "I didn't catch that"
        intent, slots = self.expected(reference)
        parse = self._understand(text, self._now)
        return parse.intent == intent and _same_slots(dict(parse.slots), slots)


def _same_slots(a: dict, b: dict) -> bool:
    """Equal slots; text slots compared as words ("12" and "twelve", "Laura's" and "lauras" agree)."""
    def norm(d: dict) -> dict:
        return {k: (" ".join(normalise_words(v)) if isinstance(v, str) else v) for k, v in d.items()}
    return norm(a) == norm(b)
