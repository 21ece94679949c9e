# MicroPython: playback ring, player (END, underrun, overrun, flush), volume, viper helpers.
# usage: micropython test_audio.py FIRMWARE_DIR
import sys
import struct
import random

sys.path.insert(0, sys.argv[1])
import audio
import bufops

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


random.seed(1234)


def rand_bytes(n):
    b = bytearray(n)
    for i in range(n):
        b[i] = random.getrandbits(8)
    return b


# ring: FIFO order across many wrap-arounds, whole-chunk overrun drops
ring = audio.PlaybackRing(100)  # 3200 bytes
sent = bytearray()
got = bytearray()
out = bytearray(1000)
for i in range(200):
    n = random.randint(1, 900) & ~1
    chunk = rand_bytes(n)
    if ring.write(chunk, n):
        sent.extend(chunk)
    k = ring.readinto(out, random.randint(0, 1000))
    got.extend(out[:k])
k = ring.readinto(out, 1000)
while k:
    got.extend(out[:k])
    k = ring.readinto(out, 1000)
check(bytes(got) == bytes(sent), "ring FIFO order")
check(ring.overruns > 0, "overruns were counted")
r2 = audio.PlaybackRing(10)  # 320 bytes
check(r2.write(bytearray(300), 300), "fits")
check(not r2.write(bytearray(40), 40), "does not fit -> dropped")
check(r2.overruns == 1 and r2.overrun_bytes == 40 and r2.count == 300, "overrun counted, data kept")
check(r2.flush() == 300 and r2.count == 0, "flush empties")

# player: prebuffer, underrun before END, partial last frame, -1 after END
p = audio.Player(500, 40)
frame = bytearray(640)
check(not p.should_start(), "nothing queued: no start")
p.push(rand_bytes(640), 640, False)
check(not p.should_start(), "one frame < prebuffer")
a = rand_bytes(640)
p.push(a, 640, False)
check(p.should_start(), "prebuffer reached")
p.started = True
check(p.pull(frame) == 640, "frame 1")
check(p.pull(frame) == 640 and bytes(frame) == bytes(a), "frame 2 in order")
check(p.pull(frame) == 0 and p.underruns == 1, "empty before END is an underrun")
tail = rand_bytes(100)
p.push(tail, 100, True)
check(p.pull(frame) == 100 and bytes(frame[:100]) == bytes(tail), "partial last frame")
check(p.pull(frame) == -1, "END played out")
check(p.underruns == 1, "no underrun after END")
p.flush()
p.push(bytearray(0), 0, True)
check(p.should_start() and p.pull(frame) == -1, "empty END-only reply ends at once")

# volume: 100 % bit-exact, 0 % silence, 50 % scaled with sign kept
v = audio.Volume(100)
pcm = bytearray(struct.pack("<8h", 32767, -32768, 1, -1, 1000, -1000, 12345, 0))
orig = bytes(pcm)
v.apply(pcm, len(pcm))
check(bytes(pcm) == orig, "100 % is passthrough")
v.set(50)
v.apply(pcm, len(pcm))
vals = struct.unpack("<8h", pcm)
check(vals[0] == 32767 * 2500 // 10000 or abs(vals[0] - 8191) <= 1, "50 % of full scale")
check(vals[1] < 0 and vals[4] > 0 and vals[5] < 0, "signs kept " + str(vals))
v.set(0)
v.apply(pcm, len(pcm))
check(bytes(pcm) == bytes(16), "0 % is silence")
check(v.set(150) == 100 and v.set(-3) == 0, "volume clamps")

# viper helpers
src = bytearray(struct.pack("<4I", 0x12345678, 0xFFFF0000, 0x80000000, 0x7FFFFFFF))
dst = bytearray(8)
bufops.pack32to16(dst, src, 4)
check(struct.unpack("<4h", dst) == (0x1234, -1, -32768, 32767), "pack32to16 " + str(struct.unpack("<4h", dst)))
b = bytearray(b"0123456789")
bufops.move(b, 2, b, 0, 6)
check(bytes(b) == b"0101234589", "overlapping move right")
b = bytearray(b"0123456789")
bufops.move(b, 0, b, 3, 6)
check(bytes(b) == b"3456786789", "overlapping move left")

# battery
check(audio.battery_pct(0) == 255, "unknown battery")
check(audio.battery_pct(4200) == 100 and audio.battery_pct(3300) == 0, "battery ends")
check(0 < audio.battery_pct(3800) < 100, "battery middle")

for f in failures:
    print("FAIL " + f)
print("failures " + str(len(failures)))
sys.exit(1 if failures else 0)
