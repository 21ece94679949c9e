# MicroPython: the virtual earpiece's timeline clock stays right over long runs. The clock source
# is replaced by one that wraps like a microcontroller port's ticks_us (period 2^30 us, about
# 18 minutes; ticks_diff covers half of it), then 12 minutes are stepped through.
# usage: micropython test_clock.py FIRMWARE_DIR
import sys

sys.path.insert(0, sys.argv[1])
import board_unix

_PERIOD = 1 << 30
_HALF = 1 << 29


class WrappingTime:
    """ticks_us/ticks_ms/ticks_diff with a 2^30 period, driven by the test."""

    def __init__(self, start_us):
        self.true_us = start_us

    def ticks_us(self):
        return self.true_us % _PERIOD

    def ticks_ms(self):
        return (self.true_us // 1000) % _PERIOD

    def ticks_diff(self, a, b):
        return ((a - b + _HALF) % _PERIOD) - _HALF

    def sleep_ms(self, ms):
        self.true_us += ms * 1000


failures = []
fake = WrappingTime(_PERIOD - 5000000)  # 5 s before the counter wraps
real_time = board_unix.time
board_unix.time = fake
try:
    b = board_unix.UnixBoard("tcp://127.0.0.1:9")
    start = fake.true_us
    worst = 0
    step_us = 100000  # the loop reads the clock far more often than every 100 ms
    for i in range(12 * 60 * 10):
        fake.true_us += step_us
        err = b.now_us() - (fake.true_us - start)
        if err < 0:
            err = -err
        if err > worst:
            worst = err
    elapsed_s = b.now_us() // 1000000
    if worst != 0:
        failures.append("clock off by " + str(worst) + " us")
    if elapsed_s != 720:
        failures.append("12 minutes read as " + str(elapsed_s) + " s")
    # what a plain ticks_diff from the start reads after 12 minutes: wrong (the bug fixed here)
    naive_s = fake.ticks_diff(fake.ticks_us(), start % _PERIOD) // 1000000
    if naive_s == 720:
        failures.append("the stand-in clock does not wrap; the test proves nothing")
finally:
    board_unix.time = real_time
print("elapsed " + str(elapsed_s) + " s")
for f in failures:
    print("FAIL " + f)
print("failures " + str(len(failures)))
sys.exit(1 if failures else 0)
