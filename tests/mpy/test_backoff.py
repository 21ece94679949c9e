# MicroPython: reconnect backoff: exponential, capped, jittered, reset on success.
# usage: micropython test_backoff.py FIRMWARE_DIR
import sys

sys.path.insert(0, sys.argv[1])
from backoff import Backoff

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


lo = Backoff(500, 16000, rand16=lambda: 0)
hi = Backoff(500, 16000, rand16=lambda: 65535)
lows = [lo.next_delay_ms() for _ in range(8)]
highs = [hi.next_delay_ms() for _ in range(8)]
check(highs == [500, 1000, 2000, 4000, 8000, 16000, 16000, 16000], "ceilings " + str(highs))
check(lows == [250, 500, 1000, 2000, 4000, 8000, 8000, 8000], "floors " + str(lows))
lo.reset()
check(lo.next_delay_ms() == 250 and lo.failures == 1, "reset starts over")
# the real random source: every delay within [ceiling/2, ceiling], and not all the same
b = Backoff(1000, 8000)
seen = []
for _ in range(6):
    ceil = b.ceiling_ms()
    d = b.next_delay_ms()
    check(ceil // 2 <= d <= ceil, "jittered delay out of range " + str(d))
for _ in range(50):
    seen.append(b.next_delay_ms())
check(len(set(seen)) > 10, "jitter varies: " + str(len(set(seen))))
check(min(seen) >= 4000, "capped delays stay near the cap")
# never a tight loop: the minimum delay is half the base
check(min(Backoff(200, 200, rand16=lambda: 0).next_delay_ms() for _ in range(3)) == 100,
      "never below base/2")

for f in failures:
    print("FAIL " + f)
print("failures " + str(len(failures)))
sys.exit(1 if failures else 0)
