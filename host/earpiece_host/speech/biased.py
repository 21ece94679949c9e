"""Recognition biased to the OS: a grammar of its sentences (grammar.py) beside open vocabulary,
and a measured threshold that decides which transcript to believe.

Two shapes, one idea:
- `GrammarFirstRecogniser`: two recognisers of one engine side by side on the same audio, one
  biased to the grammar (Vosk's runtime grammar; pocketsphinx searching with a bigram model of the
  sentences), one open. The biased transcript wins when its confidence reaches the threshold
  (Vosk: mean word confidence of a whole sentence; pocketsphinx: nearness to a sentence, which
  then replaces it); otherwise (dictation, a request the grammar does not hold, "[unk]") the open one.
- `SnappingRecogniser`: Whisper has no grammar; its transcript is replaced by the nearest grammar
  sentence (numbers kept as heard) when that is within a measured distance, and otherwise by the
  first of its n-best readings that the OS takes for a complete request (`choose_reading`); when
  none is, and the recogniser was made with a second pass (off by default, second_pass.py),
  Whisper hears the turn again (`SnappingRecogniser.finish`).

The thresholds come from sweeps over the spoken benchmark on tuning voices, checked on held-out
ones (`python -m earpiece_tools.bias_sweep`; Vosk's on the Korean model as a proxy, `python -m
earpiece_tools.vosk_threshold`; figures in README and docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from .asr import Recogniser, RecogniserFactory, Transcript, untimed_words
from .grammar import Snapper

if TYPE_CHECKING:
    from .second_pass import SecondOpinionFactory, SecondOpinionRecogniser

GRAMMAR_MIN_CONFIDENCE = {"pocketsphinx": 0.6, "vosk": 0.8}
"""At which the grammar's transcript is believed, per engine. pocketsphinx: 1 - the distance of its
language-model-biased transcript to the nearest grammar sentence, the strictest value that
understood the most on the tuning voices (see bias_sweep). Vosk: the mean word confidence of a
whole grammar sentence, measured only on a proxy, the Korean model (no English Vosk model can be
installed here; English may differ): `python -m earpiece_tools.vosk_threshold --json`, 34 Korean
requests as the grammar and 34 dictated sentences, six espeak-ng voices. There the confidence
decides nothing: every whole sentence that came back was the request said, at confidence 1.0 (10
of 102 requests, tuning and held-out alike; none at 10 dB babble), no dictation came back as one,
and every threshold from 0 to 1 scores the same. The whole-sentence check does the work: with the
confidence alone, 0.8 would have taken 79 of the 102 dictated sentences on the tuning voices (1.0
still 3). 0.8 is kept (a tie is no evidence to move it); it costs nothing there."""

SNAP_MAX_DISTANCE = 0.1
"""How near (character edit distance over length) Whisper's transcript must be to a grammar
sentence to be replaced by it (see bias_sweep)."""

RESCUE_MAX_DISTANCE = 0.25
"""How near (in letters) a grammar sentence must be to replace a final transcript none of whose
readings the OS understands (the turn would fail otherwise). On the tuning voices (clean, 192
requests) 0.2 to 0.3 each mended 3 turns and broke none; from 0.35 wrong requests came in (see
bias_sweep --rescue). `earpiece serve` rescues by sound instead (RESCUE_BY_SOUND_MAX_DISTANCE)."""

RESCUE_BY_SOUND_MAX_DISTANCE = 0.2
"""The same rescue with the distance in phones (phones.PhoneSnapper: "how much matter is left" ->
"how is my battery"), which `earpiece serve` uses: on the tuning voices (clean and 10 dB, 384
requests) 0.2 understood 5 more than the letters' 0.25 with 3 fewer wrong requests; 0.25 understood
3 more again with 3 more wrong ones (see bias_sweep --rescue-by)."""


def mean_confidence(transcript: Transcript) -> float:
    """The transcript's mean word confidence; 0 without words or when a word is "[unk]"."""
    words = transcript.words
    if not words or any(w.text == "[unk]" for w in words):
        return 0.0
    known = [w.confidence for w in words if w.confidence is not None]
    return sum(known) / len(known) if known else 0.0


def believes_grammar(grammar: Transcript, min_confidence: float, sentences: Collection[str] | None = None,
                     confidence: Callable[[Transcript], float] = mean_confidence) -> bool:
    """Whether Vosk's grammar transcript is taken over the open one: words, a whole sentence of the
    grammar (when `sentences` are given) and `confidence` at least `min_confidence`. Pure, so that a
    sweep (earpiece_tools.vosk_threshold) replays every threshold on transcripts decoded once."""
    text = " ".join(grammar.text.split())
    return bool(text) and (sentences is None or text in sentences) and confidence(grammar) >= min_confidence


class GrammarFirstRecogniser:
    """The grammar's transcript when it is confident enough, else the open recogniser's.

    Partials come from the open recogniser (turn-taking must see dictation too); both are fed the
    same audio, so the cost is two decoders.
    """

    def __init__(self, grammar: Recogniser, open_vocabulary: Recogniser, min_confidence: float,
                 confidence: Callable[[Transcript], float] = mean_confidence,
                 sentences: Collection[str] | None = None, snapper: Snapper | None = None) -> None:
        self._grammar = grammar
        # pocketsphinx biased by a language model (not a strict grammar): its transcript is judged
        # by how near it is to a sentence of the grammar, and replaced by that sentence.
        self._snapper = snapper
        # Vosk's grammar lets its phrases follow one another ("father good"): only a whole sentence
        # of the grammar is a request it holds. None: any transcript of the biased recogniser counts.
        self._sentences = sentences
        self._open = open_vocabulary
        self.min_confidence = min_confidence
        self._confidence = confidence
        self.engine = open_vocabulary.engine
        self.last_choice = ""  # "grammar" or "open": which transcript the last finish() returned
        self.candidates: tuple[Transcript, Transcript] | None = None  # the last finish()'s (grammar, open)

    @property
    def partial_current(self) -> bool:
        return self._open.partial_current

    def accept(self, pcm: bytes) -> Transcript | None:
        self._grammar.accept(pcm)
        return self._open.accept(pcm)

    def finish(self) -> Transcript:
        grammar, open_ = self._grammar.finish(), self._open.finish()
        self.candidates = (grammar, open_)
        text = " ".join(grammar.text.split())
        if self._snapper is not None:
            near = self._snapper.nearest(text)
            use_grammar = near is not None and 1.0 - near.distance >= self.min_confidence
            if use_grammar:
                grammar = Transcript(text=near.sentence, is_final=True,
                                     words=untimed_words(near.sentence, 1.0 - near.distance))
            self.last_choice = "grammar" if use_grammar else "open"
            return grammar if use_grammar else open_
        use_grammar = believes_grammar(grammar, self.min_confidence, self._sentences, self._confidence)
        self.last_choice = "grammar" if use_grammar else "open"
        return grammar if use_grammar else open_

    def reset(self) -> None:
        self._grammar.reset()
        self._open.reset()


class GrammarFirstFactory:
    def __init__(self, grammar: RecogniserFactory, open_vocabulary: RecogniserFactory, min_confidence: float,
                 sentences: Collection[str], whole_sentences_only: bool = False, snap: bool = False) -> None:
        self._grammar, self._open = grammar, open_vocabulary
        self.min_confidence = min_confidence
        self._sentences = frozenset(sentences) if whole_sentences_only else None
        self._snapper = Snapper(sentences) if snap else None
        self.engine = open_vocabulary.engine
        self.description = (f"{open_vocabulary.description}; with a grammar of {len(sentences)} OS sentences "
                            f"(believed from confidence {min_confidence:g})")

    def create(self) -> Recogniser:
        return GrammarFirstRecogniser(self._grammar.create(), self._open.create(), self.min_confidence,
                                      sentences=self._sentences, snapper=self._snapper)


def snap_with_alternatives(snapper: Snapper, transcript: Transcript, max_distance: float) -> str:
    """The grammar sentence nearest to the transcript or any of its alternatives (Whisper's n-best),
    when within `max_distance`; else the transcript's own text."""
    best = None
    for reading in (transcript.text, *transcript.alternatives):
        found = snapper.nearest(reading)
        if found is not None and found.distance <= max_distance and (best is None or found.distance < best.distance):
            best = found
    return best.sentence if best is not None else transcript.text


def choose_reading(snapper: Snapper, transcript: Transcript, max_distance: float,
                   understands: Callable[[str], bool] | None = None, rescue_distance: float | None = None,
                   rescue_snapper: Snapper | None = None) -> str:
    """What the OS is given of Whisper's n-best: the nearest grammar sentence within `max_distance`
    (`snap_with_alternatives`); else, when the top reading is no request the OS can act on, the
    first reading in beam order that is ("what made it to me" -> "what day is it today"); else,
    when none is and `rescue_distance` is given, the nearest grammar sentence within that wider
    distance ("post the timer" -> "pause the timer": a turn that would have failed anyway), by
    `rescue_snapper` when given (phones.PhoneSnapper: by sound); else the top reading.
    `understands(text)`: the OS's "is this a complete request?" (Engine.looks_complete; false while
    dictating, so dictation keeps the top reading)."""
    snapped = snap_with_alternatives(snapper, transcript, max_distance)
    if snapped != transcript.text or understands is None or understands(transcript.text):
        return snapped
    understood = next((a for a in transcript.alternatives if understands(a)), None)
    if understood is not None:
        return understood
    if rescue_distance is not None:
        rescued = snap_with_alternatives(rescue_snapper or snapper, transcript, rescue_distance)
        if understands(rescued):
            return rescued
    return transcript.text


class SnappingRecogniser:
    """Whisper's transcripts (partial and final) snapped to the nearest grammar sentence when near
    enough, else the reading the OS understands (`choose_reading`)."""

    def __init__(self, inner: SecondOpinionRecogniser, snapper: Snapper, max_distance: float,
                 understands: Callable[[str], bool] | None = None, rescue_distance: float | None = None,
                 rescue_snapper: Snapper | None = None, second_pass: bool = False) -> None:
        self._inner = inner
        self._second_pass = second_pass  # the factory's has_second_pass: without one, never ask
        self._snapper = snapper
        self._rescue_snapper = rescue_snapper
        self.max_distance = max_distance
        self._understands = understands
        self._rescue_distance = rescue_distance
        self.engine = inner.engine

    @property
    def partial_current(self) -> bool:
        return self._inner.partial_current

    @property
    def passes(self) -> int:
        return getattr(self._inner, "passes", 0)

    def _snap(self, transcript: Transcript) -> Transcript:
        if not transcript.text:
            return transcript
        # Partials are never rescued: a wider snap of half a request could end the turn on a wrong one.
        text = choose_reading(self._snapper, transcript, self.max_distance, self._understands,
                              self._rescue_distance if transcript.is_final else None, self._rescue_snapper)
        if text == transcript.text:
            return transcript
        return _reworded(transcript, text)

    def accept(self, pcm: bytes) -> Transcript | None:
        partial = self._inner.accept(pcm)
        return None if partial is None else self._snap(partial)

    def finish(self) -> Transcript:
        transcript = self._inner.finish()
        chosen = self._snap(transcript)
        if not self._second_pass or not wants_second_opinion(self._snapper, chosen.text, self._understands):
            return chosen
        # The OS understands no reading: rather than "I didn't catch that", hear the turn again.
        again = self._inner.second_opinion()
        reading = understood_reading(self._snapper, again, self.max_distance, self._understands)
        if reading is None:
            return chosen
        return _reworded(again, reading)

    def reset(self) -> None:
        self._inner.reset()


def _reworded(transcript: Transcript, text: str) -> Transcript:
    """`transcript` saying `text` instead (a reading chosen for the OS), with its confidence."""
    confidence = transcript.words[0].confidence if transcript.words else None
    return Transcript(text=text, is_final=transcript.is_final, words=untimed_words(text, confidence))


def wants_second_opinion(snapper: Snapper, chosen: str, understands: Callable[[str], bool] | None) -> bool:
    """Whether a final transcript, of which `chosen` is what `choose_reading` made, is heard again:
    when the OS takes it for no request, unless it is one of the OS's own sentences word for word
    ("thank you": small talk, understood as it is; "good morning" is none, and is heard again)."""
    if understands is None or not chosen or understands(chosen):
        return False
    exact = snapper.nearest(chosen)
    return exact is None or exact.distance > 0.0


def understood_reading(snapper: Snapper, transcript: Transcript | None, max_distance: float,
                       understands: Callable[[str], bool]) -> str | None:
    """What the OS is given of a second opinion (whisper_engine.WhisperRecogniser.second_opinion):
    `choose_reading` without the wider rescue snap, and only when the OS understands it; else None."""
    if transcript is None or not transcript.text:
        return None
    reading = choose_reading(snapper, transcript, max_distance, understands)
    return reading if understands(reading) else None


class SnappingFactory:
    def __init__(self, inner: SecondOpinionFactory, snapper: Snapper, max_distance: float, sentences: int,
                 understands: Callable[[str], bool] | None = None,
                 rescue_distance: float | None = RESCUE_MAX_DISTANCE, rescue_snapper: Snapper | None = None) -> None:
        self._inner = inner
        self._snapper = snapper
        self._rescue_snapper = rescue_snapper
        self.max_distance = max_distance
        self._understands = understands
        self._rescue_distance = rescue_distance
        self.engine = inner.engine
        self.has_second_pass = inner.has_second_pass
        self.description = (f"{inner.description}; snapped to {sentences} OS sentences within distance "
                            f"{max_distance:g}" + (", else the n-best reading the OS understands" if understands else "")
                            + (f", else (final) within {rescue_distance:g}" if understands and rescue_distance else "")
                            + (" in phones" if understands and rescue_distance and rescue_snapper else ""))

    def create(self) -> Recogniser:
        return SnappingRecogniser(self._inner.create(), self._snapper, self.max_distance, self._understands,
                                  self._rescue_distance, self._rescue_snapper, self.has_second_pass)
