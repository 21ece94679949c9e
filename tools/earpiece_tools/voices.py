"""Voices the host never speaks with, and café babble to speak them over: test speech for the
spoken benchmark (`earpiece bench`) and the speech tests.

espeak-ng speaks with several accents, male and female; the host's own Piper voice is shifted in
pitch and tempo with sox so that it no longer sounds like the voice the host answers with. Babble
is several espeak-ng talkers chatting at once (speech, not white noise), mixed under a request at a
chosen signal-to-noise ratio. Everything is made at run time with espeak-ng and sox (Debian
packages) and cached as WAV files; nothing binary is committed.
"""

from __future__ import annotations

import hashlib
import math
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from earpiece_host.audio import FRAME_SAMPLES, SAMPLE_RATE_HZ, read_wav_16k, write_wav

_SUBPROCESS_TIMEOUT_S = 60


@dataclass(frozen=True)
class Voice:
    """A test voice: espeak-ng with a voice/variant, or the host's Piper voice shifted by sox."""

    name: str
    engine: str  # "espeak-ng" or "piper+sox"
    espeak_voice: str = ""
    pitch_cents: int = 0
    tempo: float = 1.0
    speed_wpm: int = 160


VOICES = (
    Voice("us-male", "espeak-ng", "en-us"),
    Voice("us-female", "espeak-ng", "en-us+f3"),
    Voice("gb-male", "espeak-ng", "en-gb+m3"),
    Voice("rp-female", "espeak-ng", "en-gb-x-rp+f4", speed_wpm=150),
    Voice("scottish-male", "espeak-ng", "en-gb-scotland+m2"),
    Voice("caribbean-female", "espeak-ng", "en-029+f2", speed_wpm=150),
    Voice("piper-higher-faster", "piper+sox", pitch_cents=300, tempo=1.1),
    Voice("piper-lower-slower", "piper+sox", pitch_cents=-250, tempo=0.9),
)
"""Six espeak-ng voices (four accents, three male and three female) and two shifted Piper voices."""

BABBLE_LINES = (
    ("en-us+m1", "So I told him the meeting was moved to Thursday, and he just laughed about it."),
    ("en-gb+f2", "Could you pass me the sugar? This coffee is far too bitter for my taste today."),
    ("en-us+f4", "We drove up to the lake last weekend and the weather was absolutely lovely."),
    ("en-gb-scotland+m4", "Honestly the train was forty minutes late again, I nearly missed the whole thing."),
    ("en-029+m2", "Did you see the match last night? What a finish, nobody expected that goal."),
    ("en-gb-x-rp+f1", "My sister is starting a new job in the city, she is nervous but excited."),
)
"""Six talkers for café babble, saying nothing a request would."""


def _slug(*parts: object) -> str:
    text = "-".join(str(p) for p in parts)
    readable = re.sub(r"[^A-Za-z0-9]+", "_", text)[:40]
    return f"{readable}-{hashlib.sha1(text.encode()).hexdigest()[:10]}"


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, timeout=_SUBPROCESS_TIMEOUT_S, stdout=subprocess.DEVNULL)


def espeak(cache_dir: Path, text: str, voice: str, speed_wpm: int = 160) -> bytes:
    """`text` spoken by espeak-ng, 16 kHz mono PCM (cached); sox's -R seeds its dither, so every
    run hears the same samples."""
    out = cache_dir / f"espeak-{_slug(voice, speed_wpm, text)}.wav"
    if not out.exists():
        raw = out.with_suffix(".raw.wav")
        _run(["espeak-ng", "-v", voice, "-s", str(speed_wpm), "-w", str(raw), text])
        _run(["sox", "-R", "-q", str(raw), "-r", str(SAMPLE_RATE_HZ), "-b", "16", "-c", "1", str(out)])
        raw.unlink()
    return read_wav_16k(out)


def shifted(cache_dir: Path, pcm: bytes, pitch_cents: int, tempo: float) -> bytes:
    """PCM shifted in pitch (cents) and tempo (factor) by sox, so it is not the voice it was."""
    key = hashlib.sha1(pcm).hexdigest()[:16]
    src = cache_dir / f"unshifted-{key}.wav"
    out = cache_dir / f"shifted-{key}-{pitch_cents}-{tempo}.wav"
    if not out.exists():
        write_wav(src, pcm)
        _run(["sox", "-R", "-q", str(src), str(out), "pitch", str(pitch_cents), "tempo", "-s", str(tempo)])
        src.unlink()
    return read_wav_16k(out)


def speak(voice: Voice, text: str, cache_dir: Path, piper: Callable[[str], bytes] | None = None) -> bytes:
    """`text` in `voice`; `piper(text)` synthesises with the host's voice for the shifted voices."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    if voice.engine == "espeak-ng":
        return espeak(cache_dir, text, voice.espeak_voice, voice.speed_wpm)
    if piper is None:
        raise ValueError(f"voice {voice.name} needs the Piper synthesiser")
    original = cache_dir / f"piper-{_slug(text)}.wav"
    if not original.exists():
        write_wav(original, piper(text))
    return shifted(cache_dir, read_wav_16k(original), voice.pitch_cents, voice.tempo)


def babble(cache_dir: Path, seconds: float = 20.0) -> bytes:
    """Café babble: the six talkers, each looped from its own offset, summed and levelled."""
    out = cache_dir / f"babble-{seconds}.wav"
    if out.exists():
        return read_wav_16k(out)
    n = int(seconds * SAMPLE_RATE_HZ)
    total = np.zeros(n, dtype=np.float64)
    for i, (espeak_voice, line) in enumerate(BABBLE_LINES):
        talker = np.frombuffer(espeak(cache_dir, line, espeak_voice), dtype="<i2").astype(np.float64)
        pause = np.zeros(int(0.4 * SAMPLE_RATE_HZ))
        loop = np.concatenate([talker, pause])
        start = (i * len(loop)) // len(BABBLE_LINES)  # each talker starts mid-sentence at another point
        total += np.resize(np.roll(loop, -start), n) / _rms(loop)
    total *= 0.1 / _rms(total)
    pcm = np.clip(total * 32767, -32768, 32767).astype("<i2").tobytes()
    write_wav(out, pcm)
    return pcm


def mix_at_snr(speech: bytes, noise: bytes, snr_db: float, offset_samples: int = 0) -> bytes:
    """Speech with noise under it at `snr_db`, measured on the speech's voiced frames (as a listener
    hears it, not diluted by pauses); the noise runs through the whole clip, from `offset_samples`."""
    s = np.frombuffer(speech, dtype="<i2").astype(np.float64)
    n = np.frombuffer(noise, dtype="<i2").astype(np.float64)
    n = np.resize(np.roll(n, -offset_samples), s.shape)
    gain = _active_rms(s) / (_rms(n) * 10 ** (snr_db / 20))
    return np.clip(s + gain * n, -32768, 32767).astype("<i2").tobytes()


def _rms(x: np.ndarray) -> float:
    return max(float(np.sqrt(np.mean(x * x))), 1e-9)


def _active_rms(x: np.ndarray, gate_db: float = 30.0) -> float:
    usable = len(x) // FRAME_SAMPLES * FRAME_SAMPLES
    if usable == 0:
        return _rms(x)
    rms = np.sqrt(np.mean(x[:usable].reshape(-1, FRAME_SAMPLES) ** 2, axis=1))
    active = rms[rms >= rms.max() * 10 ** (-gate_db / 20)]
    return max(float(np.sqrt(np.mean(active * active))), 1e-9) if len(active) else _rms(x)


def snr_db(clean: bytes, mixed: bytes) -> float:
    """The SNR actually obtained: voiced-frame RMS of the speech over the RMS of what was added."""
    s = np.frombuffer(clean, dtype="<i2").astype(np.float64)
    m = np.frombuffer(mixed, dtype="<i2").astype(np.float64)
    return 20 * math.log10(_active_rms(s) / _rms(m - s))
