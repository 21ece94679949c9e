"""``python -m earpiece_tools.codec_bench``: what IMA ADPCM costs the recogniser, as one JSON object.

Each of the bench's spoken requests (``earpiece_tools.bench.REQUESTS``) is spoken by voices the
host never speaks with (Piper pitch-shifted up and down with sox, espeak-ng), padded with 300 ms
of quiet room on each side (Gaussian noise at about -60 dBFS, as a microphone hears it: digital
silence is not what the codec or the recogniser ever get), then recognised twice by the host's
own recogniser: once as 16-bit PCM and once after an ADPCM round trip (host encoder, frame by
frame as the firmware sends it, then the decoder). Printed: word error rate and exactly-right requests for each, how many
transcripts the codec changed, the codec's signal-to-noise ratio on the speech, the host codec's
time per 20 ms frame and the bytes per second on the wire for each codec.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from earpiece_host import adpcm
from earpiece_host.audio import FRAME_BYTES, read_wav_16k, write_wav
from earpiece_tools.bench import REQUESTS

FRAMING_BYTES = 21  # header 9 + seal tag 8 + CRC 4: every link is sealed (docs/protocol.md)
# "piper+N": the host's Piper voice shifted N cents with sox; anything else: an espeak-ng voice
VOICES = ("piper+300", "piper-250", "en-us", "en-gb-x-rp")
ROOM_NOISE_RMS = 30  # about -60 dBFS
PAD_BYTES = 9600  # 300 ms


def speak(text: str, voice: str, workdir: Path, synthesiser=None) -> bytes:
    """16 kHz mono speech, padded with quiet room; OSError or CalledProcessError when a tool is
    missing."""
    slug = re.sub(r"[^a-z0-9+-]+", "-", f"{voice}-{text}".lower()).strip("-")
    raw, out = workdir / f"{slug}.raw.wav", workdir / f"{slug}.wav"
    if not out.exists():
        if voice.startswith("piper"):
            write_wav(raw, b"".join(synthesiser.synthesise(text)))
            subprocess.run(["sox", "-R", "-q", str(raw), str(out), "pitch", voice[5:]], check=True,
                           timeout=60, capture_output=True)
        else:
            subprocess.run(["espeak-ng", "-v", voice, "-w", str(raw), text], check=True,
                           timeout=60, capture_output=True)
            subprocess.run(["sox", "-R", "-q", str(raw), "-r", "16000", "-b", "16", "-c", "1", str(out)],
                           check=True, timeout=60, capture_output=True)
    speech = np.frombuffer(bytes(PAD_BYTES) + read_wav_16k(out) + bytes(PAD_BYTES), "<i2")
    rng = np.random.default_rng(len(text))  # the same room for the same request, every run
    noisy = speech.astype(float) + rng.normal(0, ROOM_NOISE_RMS, len(speech))
    return np.clip(noisy, -32768, 32767).astype("<i2").tobytes()


def adpcm_round_trip(pcm: bytes) -> tuple[bytes, int, float, float]:
    """(decoded PCM, payload bytes, encode s, decode s): frame by frame through one encoder, as
    on the link."""
    enc = adpcm.AdpcmEncoder()
    t0 = time.perf_counter()
    payloads = [enc.encode(pcm[off:off + FRAME_BYTES]) for off in range(0, len(pcm), FRAME_BYTES)]
    t1 = time.perf_counter()
    decoded = b"".join(adpcm.decode_bytes(p) for p in payloads)
    t2 = time.perf_counter()
    return decoded[:len(pcm)], sum(len(p) for p in payloads), t1 - t0, t2 - t1


def words(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9' ]+", " ", text.lower().replace("what's", "what is")).split()


def edit_distance(a: list[str], b: list[str]) -> int:
    row = list(range(len(b) + 1))
    for i, wa in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, wb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (wa != wb))
    return row[-1]


def recognise(factory, pcm: bytes) -> str:
    rec = factory.create()
    for off in range(0, len(pcm), FRAME_BYTES):
        rec.accept(pcm[off:off + FRAME_BYTES])
    return rec.finish().text


def run(requests: int = len(REQUESTS), voices: int = len(VOICES), asr: str = "auto",
        workdir: Path | None = None) -> dict:
    from earpiece_host.speech.choose import load_recogniser_factory

    factory = load_recogniser_factory(asr, allow_download=False)
    synthesiser = None
    if any(v.startswith("piper") for v in VOICES[:voices]):
        from earpiece_host.speech.piper_engine import load_synthesiser
        synthesiser = load_synthesiser()
    workdir = workdir or Path(tempfile.mkdtemp(prefix="earpiece-codec-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    errors = {"pcm16": 0, "adpcm": 0}
    exact = {"pcm16": 0, "adpcm": 0}
    ref_words = changed = 0
    signal = noise = 0.0
    audio_s = 0.0
    enc_s = dec_s = 0.0
    frames = 0
    payload_total = 0
    samples: list[dict] = []
    for voice in VOICES[:voices]:
        for text in REQUESTS[:requests]:
            pcm = speak(text, voice, workdir, synthesiser)
            decoded, payload_bytes, e_s, d_s = adpcm_round_trip(pcm)
            enc_s += e_s
            dec_s += d_s
            frames += -(-len(pcm) // FRAME_BYTES)
            payload_total += payload_bytes
            a = np.frombuffer(pcm, "<i2").astype(float)
            b = np.frombuffer(decoded, "<i2").astype(float)
            signal += float(np.sum(a * a))
            noise += float(np.sum((a - b) ** 2))
            audio_s += len(pcm) / 32000
            ref = words(text)
            ref_words += len(ref)
            heard = {"pcm16": recognise(factory, pcm), "adpcm": recognise(factory, decoded)}
            for codec, said in heard.items():
                e = edit_distance(ref, words(said))
                errors[codec] += e
                exact[codec] += e == 0
            if words(heard["pcm16"]) != words(heard["adpcm"]):
                changed += 1
                samples.append({"voice": voice, "said": text, "pcm16": heard["pcm16"],
                                "adpcm": heard["adpcm"]})
    n = min(requests, len(REQUESTS)) * min(voices, len(VOICES))
    frame_wire_pcm = FRAME_BYTES + FRAMING_BYTES
    frame_wire_adpcm = adpcm.FRAME_PAYLOAD_BYTES + FRAMING_BYTES
    return {
        "asr_backend": factory.description,
        "room_noise_rms": ROOM_NOISE_RMS,
        "voices": list(VOICES[:voices]),
        "utterances": n,
        "audio_s": round(audio_s, 1),
        "word_error_rate_pct": {k: round(100 * v / max(1, ref_words), 1) for k, v in errors.items()},
        "requests_exactly_right": exact,
        "transcripts_changed_by_adpcm": changed,
        "changed": samples[:10],
        "adpcm_snr_db": round(10 * np.log10(signal / noise), 1) if noise else None,
        "host_encode_ms_per_frame": round(1000 * enc_s / max(1, frames), 3),
        "host_decode_ms_per_frame": round(1000 * dec_s / max(1, frames), 3),
        "wire_bytes_per_s": {"pcm16": frame_wire_pcm * 50, "adpcm": frame_wire_adpcm * 50},
        "payload_bytes_per_s_measured": round(payload_total / audio_s) if audio_s else 0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m earpiece_tools.codec_bench",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=len(REQUESTS), metavar="N",
                        help=f"spoken requests per voice (default {len(REQUESTS)})")
    parser.add_argument("--voices", type=int, default=len(VOICES), metavar="N",
                        help=f"espeak-ng voices, of {', '.join(VOICES)} (default all)")
    parser.add_argument("--asr", choices=("auto", "vosk", "pocketsphinx", "whisper"), default="auto",
                        help="recogniser (auto: Vosk if its model is cached, else Whisper, else pocketsphinx)")
    parser.add_argument("--workdir", type=Path, help="keep the spoken WAVs here (reused on reruns)")
    args = parser.parse_args(argv)
    if args.requests < 1 or args.voices < 1:
        parser.error("--requests and --voices must be at least 1")
    try:
        figures = run(args.requests, args.voices, args.asr, args.workdir)
    except (OSError, subprocess.CalledProcessError) as err:
        print(f"codec_bench: cannot speak the requests ({err}); install espeak-ng and sox "
              "(make system-packages)", file=sys.stderr)
        return 1
    print(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
