"""IMA ADPCM: the host codec (numpy) and the firmware codec (viper, under the real MicroPython at
a 96 KB heap) both reproduce the golden vectors of tests/vectors/adpcm/ byte for byte, agree with
each other on fresh audio, and the firmware's allocates nothing per frame."""

from __future__ import annotations

import json
import random
import struct
from pathlib import Path

import numpy as np
import pytest

from earpiece_host import adpcm
from firmware_harness import MPY_TESTS, VECTORS, run_mpy

ADPCM_VECTORS = VECTORS / "adpcm"
INDEX = json.loads((ADPCM_VECTORS / "adpcm.json").read_text())


@pytest.mark.parametrize("name", sorted(INDEX))
def test_host_codec_reproduces_the_golden_vectors(name):
    pcm = (ADPCM_VECTORS / f"{name}.pcm").read_bytes()
    want = (ADPCM_VECTORS / f"{name}.adpcm").read_bytes()
    enc = adpcm.AdpcmEncoder()
    got = b"".join(enc.encode(pcm[off:off + 640]) for off in range(0, len(pcm), 640))
    assert got == want
    decoded, off = b"", 0
    for size in INDEX[name]["frame_payload_bytes"]:
        decoded += adpcm.decode_bytes(want[off:off + size])
        off += size
    assert decoded == (ADPCM_VECTORS / f"{name}.decoded.pcm").read_bytes()


def test_firmware_codec_reproduces_the_vectors_and_allocates_nothing_under_micropython():
    res = run_mpy(MPY_TESTS / "test_adpcm.py", str(ADPCM_VECTORS), heap="96K")
    assert res.returncode == 0, res.stdout + res.stderr
    assert f"frames {sum(len(c['frame_payload_bytes']) for c in INDEX.values())} failures 0" \
        in res.stdout
    assert "alloc per 1000 frames 0" in res.stdout


def test_host_and_firmware_agree_bit_for_bit_on_fresh_audio(tmp_path: Path):
    rng = random.Random(7)
    # 3 s: speech-like bursts (a wandering tone with noise), silence, clipping, a short tail
    samples: list[int] = []
    f = 200.0
    phase = 0.0
    for i in range(3 * 16000 + 77):
        f = min(3000.0, max(80.0, f + rng.uniform(-20, 20)))
        phase += 2 * np.pi * f / 16000
        env = 0 if (i // 4000) % 3 == 2 else 9000
        samples.append(max(-32768, min(32767, int(env * np.sin(phase) + rng.gauss(0, 800)))))
    pcm = struct.pack(f"<{len(samples)}h", *samples)
    (tmp_path / "in.pcm").write_bytes(pcm)
    res = run_mpy(MPY_TESTS / "test_adpcm.py", str(ADPCM_VECTORS), "encode",
                  str(tmp_path / "in.pcm"), str(tmp_path / "fw.adpcm"), heap=None)
    assert res.returncode == 0, res.stdout + res.stderr
    enc = adpcm.AdpcmEncoder()
    frames = [enc.encode(pcm[off:off + 640]) for off in range(0, len(pcm), 640)]
    assert (tmp_path / "fw.adpcm").read_bytes() == b"".join(frames)
    sizes = [len(p) for p in frames]
    assert sizes[:-1] == [adpcm.FRAME_PAYLOAD_BYTES] * (len(frames) - 1)
    (tmp_path / "sizes.json").write_text(json.dumps(sizes))
    res = run_mpy(MPY_TESTS / "test_adpcm.py", str(ADPCM_VECTORS), "decode",
                  str(tmp_path / "fw.adpcm"), str(tmp_path / "fw.pcm"), str(tmp_path / "sizes.json"),
                  heap=None)
    assert res.returncode == 0, res.stdout + res.stderr
    host_pcm = b"".join(adpcm.decode_bytes(p) for p in frames)
    assert (tmp_path / "fw.pcm").read_bytes() == host_pcm
    # and it is the audio: 4 bits a sample still follows the signal closely
    a = np.frombuffer(pcm, "<i2").astype(float)
    b = np.frombuffer(host_pcm, "<i2")[:len(a)].astype(float)
    snr_db = 10 * np.log10(np.sum(a * a) / np.sum((a - b) ** 2))
    assert snr_db > 15, snr_db


def test_a_payload_shorter_than_its_header_is_a_clear_error():
    with pytest.raises(adpcm.AdpcmError, match="header"):
        adpcm.decode(b"\x00\x00")
    assert adpcm.samples_in(adpcm.FRAME_PAYLOAD_BYTES) == 320
    assert adpcm.payload_bytes(320) == 164 and adpcm.payload_bytes(101) == 4 + 52
    assert all(adpcm.payload_bytes(n) % 2 == 0 for n in range(1, 400))
    assert len(adpcm.AdpcmEncoder().encode(b"\x01\x00" * 101)) == 4 + 52


@pytest.mark.slow
def test_codec_bench_reports_recognition_with_and_without_adpcm(tmp_path: Path):
    from earpiece_tools.codec_bench import run

    fig = run(requests=2, voices=1, asr="pocketsphinx", workdir=tmp_path)
    assert fig["utterances"] == 2
    assert set(fig["word_error_rate_pct"]) == {"pcm16", "adpcm"}
    assert all(0 <= v <= 100 * 4 for v in fig["word_error_rate_pct"].values())
    assert 15 < fig["adpcm_snr_db"] < 40  # 4 bits a sample: coarse but faithful
    assert fig["wire_bytes_per_s"] == {"pcm16": 33050, "adpcm": 9250}  # 21 bytes of framing and seal a frame
    # the ADPCM payload of real speech is a quarter of its PCM, plus one header per frame
    assert 8000 <= fig["payload_bytes_per_s_measured"] <= 8300


def test_firmware_link_adapter_sends_and_plays_exactly_the_golden_frames():
    """firmware/adpcm_link.py: what the app will call once HELLO/WELCOME choose ADPCM."""
    res = run_mpy(MPY_TESTS / "test_adpcm_link.py", str(ADPCM_VECTORS), heap="96K")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "alloc per 1000 frames 0" in res.stdout and "failures 0" in res.stdout
