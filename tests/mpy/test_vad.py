# MicroPython: the hands-free energy gate (adaptive noise floor, onset) and the pre-roll ring.
# usage: micropython test_vad.py FIRMWARE_DIR
import sys
import gc
import random
from array import array

sys.path.insert(0, sys.argv[1])
from vad import EnergyGate, PreRoll, mean_abs16

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


random.seed(5)


def noise_frame(amplitude):
    """320 samples uniform in [-amplitude, amplitude] (mean |x| about amplitude / 2)."""
    a = array("h", bytes(640))
    for i in range(320):
        a[i] = random.getrandbits(16) % (2 * amplitude + 1) - amplitude if amplitude else 0
    return bytearray(a)


# mean |sample| over signed samples, including -32768
a = array("h", [100, -100, 32767, -32768] * 80)
check(mean_abs16(bytearray(a), 320) == (100 + 100 + 32767 + 32768) // 4, "mean abs")

quiet = [noise_frame(300) for _ in range(8)]     # mean |x| ~150: a quiet room
fan = [noise_frame(1600) for _ in range(8)]      # ~800: above min_level, steady
voice = [noise_frame(8000) for _ in range(8)]    # ~4000


def run(gate, frames, count):
    """Feed `count` frames cycling through `frames`; returns the indexes that were onsets."""
    hits = []
    for i in range(count):
        if gate.feed(frames[i % len(frames)], 640):
            hits.append(i)
    return hits


g = EnergyGate(min_level=400, ratio_x10=30, onset_frames=2, warmup_frames=10)
check(run(g, quiet, 500) == [], "a quiet room (10 s) never opens the gate")
hits = run(g, voice, 3)
check(hits == [1], "voice opens the gate on its second loud frame: " + str(hits))
g.reset()
check(run(g, quiet, 20) == [], "quiet again")
# a single loud click does not open it (onset needs 2 frames in a row)
seq = quiet[:3] + [voice[0]] + quiet[:3]
check(run(g, seq, len(seq)) == [], "a one-frame click is ignored")

# a steady fan above min_level: the floor adapts, so the fan alone never opens the gate ...
f = EnergyGate(min_level=400, ratio_x10=30, onset_frames=2, warmup_frames=10)
check(run(f, fan, 500) == [], "a steady fan never opens the gate")
check(f.floor > 600, "floor learned the fan: " + str(f.floor))
# ... but voice over the fan does
check(run(f, voice, 2) == [1], "voice over the fan opens it")
# the floor falls back when the fan stops, so quiet speech works again
f.reset()
run(f, quiet, 200)
check(f.floor < 200 and f.threshold() < 500, "floor follows the quiet room: " + str(f.floor))

# the INMP441 at its datasheet sensitivity (-26 dBFS at 94 dB SPL), top 16 bits: a quiet room
# (35-50 dBA) gives mean |x| ~2-8, speech at the ear ~100-260. The gate's defaults must open on
# the quietest of that speech and never on the room.
inmp_room = [noise_frame(16) for _ in range(8)]   # mean |x| ~8: a 50 dBA room
inmp_speech = [noise_frame(200) for _ in range(8)]  # mean |x| ~100: quiet speech
d = EnergyGate()
check(run(d, inmp_room, 500) == [], "defaults: a room heard by an INMP441 opened the gate")
check(run(d, inmp_speech, 3) == [1], "defaults: INMP441-level speech never opens the gate "
      "(min_level " + str(d.min_level) + ")")


# no allocation per frame
def feed_many(gate, frame, count):
    for _ in range(count):
        gate.feed(frame, 640)


feed_many(f, quiet[0], 1)
gc.collect()
gc.disable()
a0 = gc.mem_alloc()
feed_many(f, quiet[0], 1000)
a1 = gc.mem_alloc()
gc.enable()
check(a1 == a0, "gate allocated " + str(a1 - a0) + " bytes in 1000 frames")

# pre-roll: oldest first, wraps, counts up to capacity
ring = bytearray(4 * 640)
p = PreRoll(ring, 4)
frame = bytearray(640)
for k in range(6):
    for i in range(640):
        frame[i] = k
    p.push(frame)
check(p.count == 4, "holds 4")
order = [ring[p.oldest_offset(i)] for i in range(4)]
check(order == [2, 3, 4, 5], "oldest first after wrap: " + str(order))
p.reset()
p.push(frame)
check(p.count == 1 and ring[p.oldest_offset(0)] == 5, "after reset")
try:
    PreRoll(bytearray(640), 2)
    check(False, "too small a buffer accepted")
except ValueError:
    pass

for m in failures:
    print("FAIL " + m)
print("failures " + str(len(failures)))
sys.exit(1 if failures else 0)
