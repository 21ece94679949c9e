"""``python -m earpiece_tools.fwbench``: the firmware's per-frame CPU cost in the MicroPython unix
port, as one JSON object (microseconds per 20 ms audio frame; the budget is 20 000).

Measured on the firmware's own routines: the 32-to-16-bit microphone conversion (the viper
routine the board uses, against a native-emitter loop, a plain bytecode loop and struct), the
framing (encode a MIC_AUDIO frame + decode a SPEECH_AUDIO frame), the hands-free energy gate,
the volume scaling, the IMA ADPCM encoder and decoder (one 20 ms frame each), and protocol v2's
cost: the CRC in viper against binascii, a sealed frame (AES-128-CCM) encoded and decoded, and the
device's side of the handshake. The unix port runs on the host CPU, so the figures compare the options; the
ESP32-S3 (240 MHz Xtensa) is slower by a roughly constant factor.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from earpiece_tools.sim import FIRMWARE_DIR, SimError, build_unix_firmware, find_micropython

# Runs under MicroPython: argv[1] = firmware folder, argv[2] = frames per measurement.
_MPY_SCRIPT = r'''
import sys
import time
import struct
import micropython

sys.path.insert(0, sys.argv[1])
FRAMES = int(sys.argv[2])
import adpcm
import bufops
import protocol as P
from vad import EnergyGate

raw = bytearray(1280)  # 320 32-bit I2S slots
for i in range(320):
    struct.pack_into("<i", raw, 4 * i, ((i * 97) % 65536 - 32768) * 65536 + 0x5A5A)
out = bytearray(640)


@micropython.native
def native_pack(dst, src, n):
    j = 0
    for i in range(n):
        k = 4 * i + 2
        dst[j] = src[k]
        dst[j + 1] = src[k + 1]
        j += 2


def bytecode_pack(dst, src, n):
    j = 0
    for i in range(n):
        k = 4 * i + 2
        dst[j] = src[k]
        dst[j + 1] = src[k + 1]
        j += 2


def struct_pack(dst, src, n):
    vals = struct.unpack_from("<320i", src)
    struct.pack_into("<320h", dst, 0, *[v >> 16 for v in vals])


def timed(fn, frames):
    fn()
    t0 = time.ticks_us()
    for _ in range(frames):
        fn()
    return time.ticks_diff(time.ticks_us(), t0) / frames


results = {}
results["pack32to16_viper"] = timed(lambda: bufops.pack32to16(out, raw, 320), FRAMES)
results["pack32to16_native_loop"] = timed(lambda: native_pack(out, raw, 320), max(1, FRAMES // 10))
results["pack32to16_bytecode_loop"] = timed(lambda: bytecode_pack(out, raw, 320),
                                            max(1, FRAMES // 10))
results["pack32to16_struct"] = timed(lambda: struct_pack(out, raw, 320), max(1, FRAMES // 10))

enc = P.Encoder()
dec = P.Decoder()
host = P.Encoder()
pcm = bytearray(640)
speech = bytearray(host.audio(P.SPEECH_AUDIO, pcm, len(pcm)))


def framing():
    enc.audio(P.MIC_AUDIO, out, 640)
    dec.feed(speech, len(speech))
    dec.next()


results["framing_encode_and_decode"] = timed(framing, FRAMES)

# protocol v2: CRC-32 in viper (no big integers) against binascii; the sealed link (AES-128-CCM)
import binascii
import secure as S
crc_out = bytearray(4)
results["crc32_viper_650B"] = timed(lambda: bufops.crc32_put(speech, 2, 650, crc_out, 0), FRAMES)
results["crc32_binascii_650B"] = timed(lambda: binascii.crc32(speech), FRAMES)
cipher = S.Cipher(bytes(range(16)))
enc.sealer = S.Sealer(cipher, S.DIR_UP)
results["sealed_mic_frame_encode"] = timed(lambda: enc.audio(P.MIC_AUDIO, out, 640), FRAMES)
tx = P.Encoder()
tx.sealer = S.Sealer(cipher, S.DIR_DOWN)
sealed = [bytes(tx.audio(P.SPEECH_AUDIO, pcm, 640)) for _ in range(FRAMES + 1)]
rx = P.Decoder()
rx.opener = S.Sealer(cipher, S.DIR_DOWN)
it = iter(sealed)


def open_one():
    f = next(it)
    rx.feed(f, len(f))
    if rx.next() != P.SPEECH_AUDIO:
        raise RuntimeError("a sealed frame did not open")


results["sealed_speech_frame_decode"] = timed(open_one, FRAMES)
import gc
import handshake as H
gc.collect()
t0 = time.ticks_us()
for _ in range(20):
    for label in (b"earpiece host proof", b"earpiece device proof", b"earpiece session key"):
        H.hmac16(bytes(16), label, bytes(48))
    S.Cipher(bytes(16))
results["handshake_device_side_us"] = time.ticks_diff(time.ticks_us(), t0) / 20
gate = EnergyGate()
results["energy_gate"] = timed(lambda: gate.feed(out, 640), FRAMES)
results["volume_scale"] = timed(lambda: bufops.scale16(pcm, 320, 16384), FRAMES)
coder = adpcm.Encoder()
payload = bytearray(adpcm.FRAME_PAYLOAD_BYTES)
results["adpcm_encode"] = timed(lambda: coder.encode(payload, 0, out, 320), FRAMES)
results["adpcm_decode"] = timed(lambda: adpcm.decode(pcm, payload, 0, len(payload)), FRAMES)
print("RESULT " + " ".join(k + "=" + str(v) for k, v in results.items()))
'''


def run(frames: int = 2000) -> dict:
    """Run the MicroPython benchmark; returns the figures as a dict."""
    fw = build_unix_firmware() or FIRMWARE_DIR
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "fwbench_mpy.py"
        script.write_text(_MPY_SCRIPT)
        env = dict(os.environ, MICROPYPATH=f"{fw}:.frozen")
        res = subprocess.run([find_micropython(), str(script), str(fw), str(frames)], env=env,
                             capture_output=True, text=True, timeout=600)
    if res.returncode != 0:
        raise SimError("the MicroPython benchmark failed: "
                       + (res.stdout + res.stderr).strip()[-2000:])
    line = next(ln for ln in res.stdout.splitlines() if ln.startswith("RESULT "))
    us = {k: round(float(v), 2) for k, v in (kv.split("=") for kv in line.split()[1:])}
    version = subprocess.run([find_micropython(), "-c", "import sys; print(sys.version)"],
                             capture_output=True, text=True).stdout.strip()
    return {"frame_budget_us": 20000, "frames": frames, "us_per_frame": us,
            "budget_pct": {k: round(v / 200, 3) for k, v in us.items()},
            "micropython": version,
            "note": "unix port on the host CPU; I2S.shift exists only on the device and shifts "
                    "32-bit samples in place without narrowing them, so it cannot replace the "
                    "32->16 packing"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m earpiece_tools.fwbench",
                                 description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--frames", type=int, default=2000, help="frames per measurement")
    args = ap.parse_args(argv)
    try:
        print(json.dumps(run(args.frames), indent=2))
    except SimError as e:
        print(f"fwbench: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
