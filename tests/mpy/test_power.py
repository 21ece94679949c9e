# MicroPython: battery state of charge, the divider, the low-battery flag, the watchdog feeding
# policy and the LED pattern table (pure logic from power.py, watchdog.py and leds.py).
# usage: micropython test_power.py FIRMWARE_DIR
import sys

sys.path.insert(0, sys.argv[1])
import leds as L
import power as W
import watchdog as WD

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


# ---- battery ----
check(W.battery_pct(0) == 255, "0 mV means unknown")
check(W.battery_pct(4200) == 100 and W.battery_pct(4350) == 100, "full")
check(W.battery_pct(3300) == 0 and W.battery_pct(3000) == 0, "empty")
check(W.battery_pct(3750) == 42, "between knots 3700..3800: " + str(W.battery_pct(3750)))
prev = -1
monotonic = True
for mv in range(3200, 4300, 5):
    p = W.battery_pct(mv)
    if p < prev:
        monotonic = False
    prev = p
check(monotonic, "state of charge never falls as the voltage rises")
# divider 2.0 (ratio x100 = 200): 1.95 V on the pin is 3.9 V at the cell
check(W.battery_mv_from_pin_uv(1950000, 200) == 3900, "divider 2.0")
check(W.battery_mv_from_pin_uv(1400000, 300) == 4200, "divider 3.0")
check(W.is_low(W.battery_pct(3550)) and not W.is_low(W.battery_pct(3700)), "low at <= 10 %")
check(not W.is_low(255), "unknown is not low")
check(W.is_low(20, 25) and not W.is_low(30, 25), "threshold from config")

# ---- watchdog policy ----
wd = WD.WatchdogPolicy(arm_after_ms=30000, feed_every_ms=1000)
t = 1000
link = 0
audio = 0
acts = []
# boot-safe window: 29 s of progress, never armed
while t < 1000 + 29000:
    link += 1
    audio += 1
    acts.append(wd.tick(t, link, audio, True))
    t += 20
check(WD.ARM not in acts and WD.FEED not in acts and not wd.armed, "armed inside the boot window")
# arms once after the window
while not wd.armed:
    r = wd.tick(t, link, audio, False)
    t += 20
check(r == WD.ARM, "arm after the boot window")


def loop(frames, audio_expected, link_step, audio_step):
    """Run the loop for frames x 20 ms; returns how often the policy said FEED."""
    global t, link, audio
    fed = 0
    for _ in range(frames):
        link += link_step
        audio += audio_step
        if wd.tick(t, link, audio, audio_expected) == WD.FEED:
            fed += 1
        t += 20
    return fed


feeds = loop(500, True, 1, 1)  # 10 s, link and audio moving
check(9 <= feeds <= 11, "fed once a second with progress: " + str(feeds))
starved0 = wd.starved
fed = loop(1000, True, 0, 0)  # 20 s: the loop spins but nothing moves
check(fed == 0, "fed while spinning without progress: " + str(fed))
check(wd.starved - starved0 >= 19, "starved checks counted: " + str(wd.starved - starved0))
fed = loop(500, True, 1, 0)  # the link moves but audio is expected and stuck (I2S dead)
check(fed == 0, "fed while audio was expected but stuck")
fed = loop(500, False, 1, 0)  # idle, a live link, no audio expected
check(fed >= 9, "idle with a live link is fed: " + str(fed))
# ping/pong only every 5 s while idle: still fed once per 5 s, never in between
fed = 0
for i in range(1000):
    if i % 250 == 0:
        link += 1
    if wd.tick(t, link, audio, False) == WD.FEED:
        fed += 1
    t += 20
check(fed == 4, "fed once per link move: " + str(fed))
# ticks wrap (the ESP32's ticks_ms wraps at 2^30 ms): the window still counts correctly
from time import ticks_add
wd2 = WD.WatchdogPolicy(arm_after_ms=1000, feed_every_ms=100)
t = ticks_add(0, -500)
armed_at = -1
for i in range(200):
    if wd2.tick(t, i, i, False) == WD.ARM:
        armed_at = i
    t = ticks_add(t, 10)
check(armed_at == 100, "arms across the ticks wrap: " + str(armed_at))

# ---- LED patterns ----
check(not L.is_on(0, 123) and L.is_on(1, 5) and L.is_on(3, 999), "steady patterns")
on = [L.is_on(4, t) for t in range(0, 1000, 10)]
check(on.count(True) == 50 and on[0] and not on[-1], "connecting: slow blink 50 %")
err = [L.is_on(5, t) for t in range(0, 1000, 10)]
changes = sum(1 for a, b in zip(err, err[1:]) if a != b)
check(changes >= 9, "error: fast blink " + str(changes))
low = [L.is_on(L.LOW_BATTERY, t) for t in range(0, 4000, 10)]
check(0 < low.count(True) <= 40, "low battery: short flashes")
check(L.led_code(0, True) == L.LOW_BATTERY and L.led_code(1, True) == 1
      and L.led_code(0, False) == 0, "low battery shows only while idle")
distinct = set()
for code in (0, 1, 2, 4, 5, L.LOW_BATTERY):
    distinct.add(tuple(L.is_on(code, t) for t in range(0, 2000, 50)))
check(len(distinct) == 6, "idle, listening, thinking, connecting, error, low battery differ")
check(L.PATTERNS[1] == L.PATTERNS[3], "listening and speaking both steady on")

for f in failures:
    print("FAIL " + f)
print("failures " + str(len(failures)))
sys.exit(1 if failures else 0)
