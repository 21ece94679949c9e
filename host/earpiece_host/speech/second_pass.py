"""Whisper's second opinion: the turn's audio decoded again, differently, only when the OS
understands none of the first pass's readings (the turn would otherwise end in "I didn't catch
that").

Heard again a tenth quicker, pitch kept, tiny.en reads some turns differently and gets the request
("leave a mind" -> "never mind"); slowed down, its readings were more often wrong requests. What
the second pass does and what it is worth were measured on the spoken benchmark (`python -m
earpiece_tools.bias_sweep --second-pass`; figures in README and docs/architecture.md). It is off
by default (`WhisperFactory(second_pass=None)`): on the held-out voices it made more wrong requests
than it mended, and a wrong request is worse than "I didn't catch that".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from ..audio import FRAME_BYTES, FRAME_SAMPLES, SAMPLE_RATE_HZ
from .asr import Recogniser, Transcript


@dataclass(frozen=True)
class SecondPass:
    """How the second pass hears the turn again."""

    tempo: float = 1.1
    """Playback speed of the audio it decodes (above 1: quicker), pitch unchanged (`change_tempo`).
    Tuning voices, the turns it ran on: 1.1 mended 3 of 13 clean and 5 of 37 at 10 dB with 0 and 2
    wrong requests; 0.9 mended 2 and 3 with 2 and 7 wrong, 0.85 and 0.8 fewer (see bias_sweep)."""
    prompt: bool = True
    """Whether it keeps the first pass's prompt (the user's names and OS sentences)."""
    sampling_temperature: float | None = None
    """None: beam search as the first pass. Else: several samples at this temperature."""
    denoise_db: int | None = None
    """None: the audio as heard. Else: through libspeexdsp's noise suppressor, at most this many dB."""


class SecondOpinionRecogniser(Recogniser, Protocol):
    def second_opinion(self) -> Transcript | None:
        """The last finished turn heard again (`SecondPass`), or None."""
        ...


@runtime_checkable
class SecondOpinionFactory(Protocol):
    """A factory whose recognisers can hear a finished turn again (Whisper's, in the host or in a
    worker process), and says whether they will."""

    engine: str
    description: str
    has_second_pass: bool
    """Whether a recogniser's `second_opinion` hears the turn again. False: nobody asks (in a
    worker process each question is a round trip over its pipe, answered None)."""

    def create(self) -> SecondOpinionRecogniser: ...


def change_tempo(pcm: bytes, factor: float, frame_ms: float = 30.0, search_ms: float = 10.0) -> bytes:
    """16 kHz s16le speech played at `factor` times its speed with its pitch kept (WSOLA: frames of
    the input overlap-added at a new spacing, each one shifted within `search_ms` to the position
    that best continues the waveform so far)."""
    if factor == 1.0:
        return pcm
    x = np.frombuffer(pcm[:len(pcm) // 2 * 2], dtype="<i2").astype(np.float32)
    frame = int(SAMPLE_RATE_HZ * frame_ms / 1000) // 2 * 2
    hop_out = frame // 2
    hop_in = hop_out * factor
    search = int(SAMPLE_RATE_HZ * search_ms / 1000)
    if len(x) < frame + 2 * search:
        return pcm
    window = np.hanning(frame).astype(np.float32)
    count = int((len(x) - frame - search) / hop_in)
    out = np.zeros(count * hop_out + frame, dtype=np.float32)
    norm = np.zeros_like(out)
    previous = 0  # where the last frame was taken from
    for k in range(count):
        nominal = int(round(k * hop_in))
        if k == 0:
            start = nominal
        else:
            # The natural continuation of the last frame, compared with candidates near `nominal`.
            wanted = x[previous + hop_out:previous + hop_out + frame]
            low, high = max(0, nominal - search), min(len(x) - frame, nominal + search)
            if len(wanted) < frame or high <= low:
                start = min(max(nominal, 0), len(x) - frame)
            else:
                region = x[low:high + frame]
                scores = np.correlate(region, wanted, mode="valid")
                start = low + int(np.argmax(scores))
        out[k * hop_out:k * hop_out + frame] += x[start:start + frame] * window
        norm[k * hop_out:k * hop_out + frame] += window
        previous = start
    out /= np.maximum(norm, 1e-3)
    return np.clip(out, -32768, 32767).astype("<i2").tobytes()


def hear_again(decoder, pcm: bytes, prompt: str | None, how: SecondPass):
    """The turn's audio (`pcm`) decoded by `decoder` (a whisper_engine.WhisperDecoder) as `how` says;
    a final Transcript whose readings are the top one and its alternatives."""
    audio = change_tempo(denoise(pcm, how.denoise_db) if how.denoise_db else pcm, how.tempo)
    options = {}
    if how.sampling_temperature is not None:
        options = {"beam_size": 1, "sampling_topk": 0, "sampling_temperature": how.sampling_temperature}
    return decoder.transcribe(audio, prompt if how.prompt else None, generate_options=options)


def denoise(pcm: bytes, suppress_db: int) -> bytes:
    """16 kHz s16le audio through libspeexdsp's preprocessor, noise suppression only (set up as
    echo_cancel.SpeexEchoCanceller sets up its own, without the echo)."""
    from .echo_cancel import (_INT16_P, _SPEEX_PREPROCESS_SET_AGC, _SPEEX_PREPROCESS_SET_DENOISE,
                              _SPEEX_PREPROCESS_SET_NOISE_SUPPRESS, SpeexEchoCanceller, _speexdsp)

    lib = _speexdsp()
    state = lib.speex_preprocess_state_init(FRAME_SAMPLES, SAMPLE_RATE_HZ)
    try:
        for request, value in ((_SPEEX_PREPROCESS_SET_DENOISE, 1), (_SPEEX_PREPROCESS_SET_AGC, 0),
                               (_SPEEX_PREPROCESS_SET_NOISE_SUPPRESS, -abs(suppress_db))):
            SpeexEchoCanceller._ctl(lib.speex_preprocess_ctl, state, request, value)
        x = np.frombuffer(pcm[:len(pcm) // FRAME_BYTES * FRAME_BYTES], dtype="<i2").copy()
        for start in range(0, len(x), FRAME_SAMPLES):
            chunk = np.ascontiguousarray(x[start:start + FRAME_SAMPLES])
            lib.speex_preprocess_run(state, chunk.ctypes.data_as(_INT16_P))
            x[start:start + FRAME_SAMPLES] = chunk
        return x.tobytes()
    finally:
        lib.speex_preprocess_state_destroy(state)
