# MicroPython: seeded random streams into the firmware decoder. Never an exception; corrupt
# frames are counted; the good frame after the damage is always delivered intact.
# usage: micropython test_fuzz.py FIRMWARE_DIR SEED CASES
import sys
import random

sys.path.insert(0, sys.argv[1])
import protocol as P

random.seed(int(sys.argv[2]))
CASES = int(sys.argv[3])
failures = []
enc = P.Encoder()


def rand_bytes(n, sync_rate=0):
    b = bytearray(n)
    for i in range(n):
        b[i] = random.getrandbits(8)
    if sync_rate:
        for _ in range(sync_rate):
            if n >= 2:
                i = random.randint(0, n - 2)
                b[i] = 0xA5
                b[i + 1] = 0x5A
    return b


def good_frame(seq):
    enc.seq = seq
    k = random.randint(0, 4)
    if k == 0:
        n = random.randint(0, 1024) & ~1
        return bytes(enc.audio(P.MIC_AUDIO, rand_bytes(n), n))
    if k == 1:
        return bytes(enc.audio(P.SPEECH_AUDIO, rand_bytes(640), 640, random.getrandbits(1)))
    if k == 2:
        return bytes(enc.small(P.STATE, random.randint(0, 5)))
    if k == 3:
        return bytes(P.encode_error(enc, random.randint(1, 7), "msg " + str(random.getrandbits(16))))
    return bytes(P.encode_ping(enc, random.getrandbits(30), random.getrandbits(30)))


def damage(f):
    kind = random.randint(0, 4)
    b = bytearray(f)
    if kind == 0:  # single bit flip anywhere
        i = random.randint(0, len(b) - 1)
        b[i] ^= 1 << random.randint(0, 7)
        return "flip", bytes(b)
    if kind == 1:  # truncated
        return "truncated", bytes(b[:random.randint(1, len(b) - 1)])
    if kind == 2:  # oversized length field
        n = random.randint(P.MAX_PAYLOAD_BYTES + 1, 65535)
        b[7] = n & 0xFF
        b[8] = n >> 8
        return "oversized", bytes(b[:9 + random.randint(0, 40)])
    if kind == 3:  # garbage, with sync markers in it
        return "garbage", bytes(rand_bytes(random.randint(1, 3000), random.randint(0, 5)))
    return "garbage_then_frame_start", bytes(rand_bytes(random.randint(1, 50))) + bytes(b[:9])


def run(stream, chunk_max):
    dec = P.Decoder()
    got = []
    i = 0
    buf = bytearray(4096)
    while i < len(stream):
        n = min(random.randint(1, chunk_max), len(stream) - i)
        buf[0:n] = stream[i:i + n]
        i += dec.feed(buf, n)
        while True:
            t = dec.next()
            if not t:
                break
            got.append(bytes(dec.buf[0:13 + dec.length]))
    dec.close()
    return dec, got


for case in range(CASES):
    seq = random.getrandbits(16)
    before = good_frame(seq)
    orig = good_frame(seq + 1)
    what, bad = damage(orig)
    after = good_frame(seq + 2)
    if what == "truncated" and orig[len(bad):] == after[:len(orig) - len(bad)]:
        continue  # the next frame's first bytes happen to equal the cut-off tail: not damage
    stream = before + bad + after
    try:
        dec, got = run(stream, random.choice((1, 13, 700, 4096)))
    except Exception as e:
        failures.append(str(case) + " " + what + ": exception " + repr(e))
        continue
    if not got or got[0] != before:
        failures.append(str(case) + " " + what + ": frame before the damage lost")
        continue
    if got[-1] != after:
        failures.append(str(case) + " " + what + ": frame after the damage lost")
        continue
    c = dec.counters()
    damage_seen = (c["crc_errors"] + c["oversized"] + c["truncated"] + c["skipped_bytes"]
                   + c["malformed"] + c["unknown_types"])
    if what != "garbage" and damage_seen == 0 and len(got) == 2:
        failures.append(str(case) + " " + what + ": damage not counted " + str(c))
    if what in ("flip", "oversized", "truncated") and len(got) > 2:
        failures.append(str(case) + " " + what + ": damaged frame delivered")
    if what == "flip" and c["crc_errors"] + c["oversized"] + c["truncated"] + c["skipped_bytes"] == 0:
        failures.append(str(case) + " flip: not counted " + str(c))
    if len(got) == 2 and c["lost_frames"] != 1:
        failures.append(str(case) + " " + what + ": the missing frame is not counted as lost " + str(c))
    if c["bad_frames"] != c["crc_errors"] + c["oversized"]:
        failures.append(str(case) + ": bad_frames is not crc_errors + oversized")

# pure noise: nothing delivered, everything skipped or counted, never an exception
for case in range(CASES // 4):
    noise = bytes(rand_bytes(random.randint(1, 6000), random.randint(0, 20)))
    dec, got = run(noise, 997)
    if got:
        failures.append("noise " + str(case) + ": delivered a frame from noise")

for f in failures[:20]:
    print("FAIL " + f)
print("cases " + str(CASES) + " failures " + str(len(failures)))
sys.exit(1 if failures else 0)
