"""The audio format the earpiece speaks, and WAV files in that format.

Everything on the wire is PCM signed 16-bit little-endian, mono, 16 kHz, in 20 ms frames.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

SAMPLE_RATE_HZ = 16000
FRAME_MS = 20
SAMPLE_BYTES = 2
FRAME_SAMPLES = SAMPLE_RATE_HZ * FRAME_MS // 1000  # 320
FRAME_BYTES = FRAME_SAMPLES * SAMPLE_BYTES  # 640


class AudioFormatError(ValueError):
    """A WAV file is not in a format we can use."""


def read_wav(path: str | Path) -> tuple[bytes, int]:
    """Read a 16-bit PCM WAV file; returns (mono PCM bytes, sample rate in Hz).

    Stereo files are mixed down to mono; other sample widths are refused with a clear message.
    """
    try:
        with wave.open(str(path), "rb") as wav:
            channels = wav.getnchannels()
            width = wav.getsampwidth()
            rate_hz = wav.getframerate()
            pcm = wav.readframes(wav.getnframes())
    except (wave.Error, EOFError) as err:
        raise AudioFormatError(f"{path}: not a PCM WAV file ({err}); convert it with "
                               "'sox IN.wav -b 16 -c 1 -r 16000 OUT.wav'") from err
    if width != SAMPLE_BYTES:
        raise AudioFormatError(f"{path}: {8 * width}-bit samples; the earpiece needs 16-bit PCM "
                               "(convert with 'sox IN.wav -b 16 -c 1 -r 16000 OUT.wav')")
    if channels > 1:
        samples = np.frombuffer(pcm, dtype="<i2").reshape(-1, channels).astype(np.int32)
        pcm = samples.mean(axis=1).astype("<i2").tobytes()
    return pcm, rate_hz


def read_wav_16k(path: str | Path) -> bytes:
    """Read a WAV file as 16 kHz mono PCM, resampling with soxr when needed."""
    pcm, rate_hz = read_wav(path)
    if rate_hz == SAMPLE_RATE_HZ:
        return pcm
    import soxr

    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
    resampled = soxr.resample(samples, rate_hz, SAMPLE_RATE_HZ, quality="HQ")
    return float_to_pcm(resampled)


def write_wav(path: str | Path, pcm: bytes, rate_hz: int = SAMPLE_RATE_HZ) -> None:
    """Write mono 16-bit PCM to a WAV file."""
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(SAMPLE_BYTES)
        wav.setframerate(rate_hz)
        wav.writeframes(pcm)


def float_to_pcm(samples: np.ndarray) -> bytes:
    """Float samples in [-1, 1] to PCM bytes, clipping rather than wrapping."""
    clipped = np.clip(samples, -1.0, 1.0)
    return (clipped * 32767.0).astype("<i2").tobytes()


def pcm_to_float(pcm: bytes) -> np.ndarray:
    """PCM bytes to float32 samples in [-1, 1)."""
    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
