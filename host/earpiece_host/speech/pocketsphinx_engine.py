"""The pocketsphinx engine: the US English model bundled in the wheel, streaming partials, word timings."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from typing import Any

from ..audio import SAMPLE_RATE_HZ
from .asr import ModelUnavailableError, Recogniser, Transcript, Word

_POCKETSPHINX_FRAMES_PER_S = 100  # pocketsphinx segments are counted in 10 ms feature frames


class PocketsphinxRecogniser:
    """Streams PCM into one pocketsphinx decoder; partials from its running hypothesis."""

    engine = "pocketsphinx"
    partial_current = True  # its hypothesis follows every chunk

    def __init__(self, decoder: Any) -> None:
        self._decoder = decoder
        self._in_utterance = False
        self._last_text = ""

    def accept(self, pcm: bytes) -> Transcript | None:
        if not pcm:
            return None
        decoder = self._decoder
        if not self._in_utterance:
            decoder.start_utt()
            self._in_utterance = True
        decoder.process_raw(pcm, False, False)
        hyp = decoder.hyp()
        text = hyp.hypstr if hyp is not None else ""
        if text == self._last_text:
            return None
        self._last_text = text
        return Transcript(text=text, is_final=False)

    def finish(self) -> Transcript:
        if not self._in_utterance:
            return Transcript(text="", is_final=True)
        decoder = self._decoder
        decoder.end_utt()
        self._in_utterance = False
        self._last_text = ""
        hyp = decoder.hyp()
        logmath = decoder.logmath
        words = tuple(
            Word(text=_strip_variant(seg.word), start_s=seg.start_frame / _POCKETSPHINX_FRAMES_PER_S,
                 end_s=(seg.end_frame + 1) / _POCKETSPHINX_FRAMES_PER_S, confidence=logmath.exp(seg.prob))
            for seg in (decoder.seg() or ()) if _is_word(seg.word))
        return Transcript(text=hyp.hypstr if hyp is not None else "", is_final=True, words=words)

    def reset(self) -> None:
        if self._in_utterance:
            self._decoder.end_utt()
        self._in_utterance = False
        self._last_text = ""


def _is_word(token: str) -> bool:
    return not (token.startswith("<") or token.startswith("[") or token.startswith("++"))


def _strip_variant(token: str) -> str:
    return re.sub(r"\(\d+\)$", "", token)


class PocketsphinxFactory:
    """pocketsphinx with its bundled US English model.

    A pocketsphinx decoder cannot share its acoustic model, so each recogniser owns a decoder
    (about 0.3 s to build); one is built at load so that a broken install fails early and the
    first session starts at once.
    """

    engine = "pocketsphinx"

    def __init__(self, *, language: str = "en-us", phrases: Sequence[str] | None = None,
                 note: str = "", language_model: Callable[[Callable[[str], bool]], str] | None = None) -> None:
        if language.lower() not in ("en-us", "en"):
            raise ModelUnavailableError(
                f"pocketsphinx ships only a US English model, not {language!r}; "
                "use --asr vosk with a Vosk model for that language")
        self.description = f"pocketsphinx (en-us, bundled){note}"
        self._phrases = tuple(phrases or ())
        self._language_model = language_model  # makes an ARPA model, given which words the dictionary knows
        self._lock = threading.Lock()
        self._spare: list[Any] = [self._new_decoder()]

    def _new_decoder(self) -> Any:
        try:
            from pocketsphinx import Decoder

            decoder = Decoder(samprate=SAMPLE_RATE_HZ, loglevel="FATAL")
        except Exception as err:  # noqa: BLE001 - the C library reports failures as plain exceptions
            raise ModelUnavailableError(
                f"pocketsphinx could not load its bundled English model ({err}); "
                "reinstall it with 'pip install --force-reinstall pocketsphinx'") from err
        if self._phrases:
            _bias_pocketsphinx(decoder, self._phrases)
        elif self._language_model is not None:
            _use_language_model(decoder, self._language_model(lambda w: decoder.lookup_word(w) is not None))
        return decoder

    def create(self) -> Recogniser:
        with self._lock:
            decoder = self._spare.pop() if self._spare else None
        return PocketsphinxRecogniser(decoder if decoder is not None else self._new_decoder())


def _bias_pocketsphinx(decoder: Any, phrases: Sequence[str]) -> None:
    """Restrict pocketsphinx to a JSGF grammar of the phrases; other speech yields an empty transcript.
    Phrases with a word the dictionary lacks are left out (pocketsphinx refuses the whole grammar)."""
    kept = [p for p in dict.fromkeys(_jsgf_escape(p) for p in phrases)
            if p and all(decoder.lookup_word(w) is not None for w in p.split())]
    if not kept:
        return
    alternatives = " | ".join(kept)
    grammar = f"#JSGF V1.0;\ngrammar phrases;\npublic <phrase> = {alternatives};\n"
    decoder.add_jsgf_string("phrases", grammar)
    decoder.activate_search("phrases")


def _use_language_model(decoder: Any, arpa: str) -> None:
    """Load an ARPA language model (pocketsphinx reads LMs only from files) and search with it."""
    import os
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".lm", delete=False, encoding="utf-8") as f:
        f.write(arpa)
    try:
        decoder.add_lm_file("requests", f.name)
    finally:
        os.unlink(f.name)
    decoder.activate_search("requests")


def _jsgf_escape(phrase: str) -> str:
    return " ".join(re.sub(r"[^a-z']", " ", phrase.lower()).split())
