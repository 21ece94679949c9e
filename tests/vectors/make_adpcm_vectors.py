"""Writes the IMA ADPCM golden vectors in tests/vectors/adpcm/. Run it only when the codec changes
on purpose: the files are the contract that the firmware codec (firmware/adpcm.py, viper, under
MicroPython) and the host codec (host/earpiece_host/adpcm.py, numpy) both reproduce byte for byte.

The encoder and decoder below are a third implementation, written straight from the IMA ADPCM
algorithm (IMA Digital Audio Focus and Technical Working Groups, "Recommended Practices for
Enhancing Digital Audio Compatibility in Multimedia Systems", rev. 3.00, 1992; the same step and
index tables as Microsoft's WAVE_FORMAT_IMA_ADPCM), so neither shipped codec checks itself.

Frame payload (docs/firmware.md, section "IMA ADPCM"): predictor int16 LE, step index u8, one
reserved zero byte, then one 4-bit code per sample, first sample in the low nibble. The
sample count is padded to a multiple of 4 with copies of the last sample, so a payload is always
an even number of bytes, like the PCM it replaces. The encoder's (predictor, index) carries
from frame to frame; each frame's header lets the decoder start anywhere.
Usage: python tests/vectors/make_adpcm_vectors.py
"""

from __future__ import annotations

import json
import math
import random
import struct
from pathlib import Path

HERE = Path(__file__).parent / "adpcm"

STEPS = (7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 60,
         66, 73, 80, 88, 97, 107, 118, 130, 143, 157, 173, 190, 209, 230, 253, 279, 307, 337, 371,
         408, 449, 494, 544, 598, 658, 724, 796, 876, 963, 1060, 1166, 1282, 1411, 1552, 1707,
         1878, 2066, 2272, 2499, 2749, 3024, 3327, 3660, 4026, 4428, 4871, 5358, 5894, 6484,
         7132, 7845, 8630, 9493, 10442, 11487, 12635, 13899, 15289, 16818, 18500, 20350, 22385,
         24623, 27086, 29794, 32767)
INDEX_ADJUST = (-1, -1, -1, -1, 2, 4, 6, 8)
FRAME_SAMPLES = 320


def encode_frame(samples: list[int], state: list[int]) -> bytes:
    """One payload; state = [predictor, index] is updated for the next frame."""
    if len(samples) % 4:
        samples = samples + samples[-1:] * (4 - len(samples) % 4)
    pred, index = state
    out = bytearray(struct.pack("<hBB", pred, index, 0))
    codes = []
    for s in samples:
        diff = s - pred
        code = 0
        if diff < 0:
            code = 8
            diff = -diff
        step = STEPS[index]
        vpdiff = step >> 3
        if diff >= step:
            code |= 4
            diff -= step
            vpdiff += step
        step >>= 1
        if diff >= step:
            code |= 2
            diff -= step
            vpdiff += step
        step >>= 1
        if diff >= step:
            code |= 1
            vpdiff += step
        pred = pred - vpdiff if code & 8 else pred + vpdiff
        pred = max(-32768, min(32767, pred))
        index = max(0, min(88, index + INDEX_ADJUST[code & 7]))
        codes.append(code)
    for i in range(0, len(codes), 2):
        out.append(codes[i] | (codes[i + 1] << 4))
    state[0], state[1] = pred, index
    return bytes(out)


def decode_frame(payload: bytes) -> list[int]:
    pred, index, _ = struct.unpack_from("<hBB", payload)
    out = []
    for byte in payload[4:]:
        for code in (byte & 0x0F, byte >> 4):
            step = STEPS[index]
            vpdiff = step >> 3
            if code & 4:
                vpdiff += step
            if code & 2:
                vpdiff += step >> 1
            if code & 1:
                vpdiff += step >> 2
            pred = pred - vpdiff if code & 8 else pred + vpdiff
            pred = max(-32768, min(32767, pred))
            index = max(0, min(88, index + INDEX_ADJUST[code & 7]))
            out.append(pred)
    return out


def cases() -> dict[str, list[int]]:
    rng = random.Random(20261129)
    n = FRAME_SAMPLES
    sweep = []
    phase = 0.0
    for i in range(6 * n):  # 100 Hz to 7 kHz, the band the recogniser hears
        f = 100 + (7000 - 100) * i / (6 * n)
        phase += 2 * math.pi * f / 16000
        sweep.append(int(12000 * math.sin(phase)))
    return {
        "silence": [0] * (2 * n),
        "sine_440": [int(8000 * math.sin(2 * math.pi * 440 * i / 16000)) for i in range(5 * n)],
        "sweep": sweep,
        "full_scale_square": [32767 if (i // 40) % 2 else -32768 for i in range(3 * n)],
        "noise": [rng.randint(-32768, 32767) for _ in range(3 * n)],
        "quiet_noise": [rng.randint(-200, 200) for _ in range(2 * n)],
        "short_tail": [int(3000 * math.sin(i / 5)) for i in range(n + 101)],  # padded to 104
        "tail_of_two": [1000, -1000],  # padded to 4
    }


def main() -> None:
    HERE.mkdir(exist_ok=True)
    index = {}
    for name, samples in cases().items():
        state = [0, 0]
        encoded = bytearray()
        decoded: list[int] = []
        frames = []
        for off in range(0, len(samples), FRAME_SAMPLES):
            payload = encode_frame(samples[off:off + FRAME_SAMPLES], state)
            frames.append(len(payload))
            encoded += payload
            decoded += decode_frame(payload)
        (HERE / f"{name}.pcm").write_bytes(struct.pack(f"<{len(samples)}h", *samples))
        (HERE / f"{name}.adpcm").write_bytes(bytes(encoded))
        (HERE / f"{name}.decoded.pcm").write_bytes(struct.pack(f"<{len(decoded)}h", *decoded))
        index[name] = {"samples": len(samples), "frame_payload_bytes": frames}
    (HERE / "adpcm.json").write_text(json.dumps(index, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
