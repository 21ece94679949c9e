# MicroPython: the frame CRC never makes an int outside the 32-bit ports' small-int range.
# On a 32-bit port (the ESP32) an int >= 2**30 is a heap-allocated big integer; binascii.crc32
# returns one for most frames (~150 B of garbage per frame), which the 64-bit unix port cannot
# show. This stand-in binascii refuses such results, so any codec path that still used it fails.
# usage: micropython test_crc_small_ints.py FIRMWARE_DIR FRAMES
import sys

import binascii as _real


class _SmallIntBinascii:
    """binascii as a 32-bit port sees it: crc32 results >= 2**30 would be heap objects."""

    calls = 0

    def crc32(self, data, crc=0):
        _SmallIntBinascii.calls += 1
        v = _real.crc32(data, crc)
        if v >= 1 << 30:
            raise OverflowError("crc32 result " + str(v) + " is a big integer on a 32-bit port")
        return v

    def __getattr__(self, name):
        return getattr(_real, name)


sys.modules["binascii"] = _SmallIntBinascii()
sys.path.insert(0, sys.argv[1])
import protocol as P  # noqa: E402
import secure as S  # noqa: E402

FRAMES = int(sys.argv[2])
failures = []
pcm = bytearray(640)
seed = 12345
big = 0
for sealed in (False, True):
    enc = P.Encoder()
    dec = P.Decoder()
    if sealed:
        cipher = S.Cipher(bytes(range(16)))
        enc.sealer = S.Sealer(cipher, S.DIR_UP)
        dec.opener = S.Sealer(cipher, S.DIR_UP)
    for n in range(FRAMES):
        for i in range(0, 640, 2):
            seed = (seed * 1103515245 + 12345) & 0x3FFFFFFF
            pcm[i] = seed & 0xFF
            pcm[i + 1] = (seed >> 8) & 0xFF
        frame = enc.audio(P.MIC_AUDIO, pcm, 640)
        total = enc.frame_bytes
        crc = _real.crc32(bytes(frame[2:total - 4]))  # the real CRC, for the count only
        if crc >= 1 << 30:
            big += 1
        dec.feed(frame, total)
        if dec.next() != P.MIC_AUDIO or bytes(dec.payload) != bytes(pcm):
            failures.append("frame " + str(n) + (" sealed" if sealed else "") + " did not decode")
            break
print("frames " + str(2 * FRAMES) + " with a CRC >= 2**30: " + str(big)
      + " binascii calls: " + str(_SmallIntBinascii.calls))
if _SmallIntBinascii.calls:
    failures.append("the codec called binascii.crc32")
for f in failures:
    print("FAIL " + f)
sys.exit(1 if failures else 0)
