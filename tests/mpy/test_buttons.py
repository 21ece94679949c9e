# MicroPython: button gestures from timed edges (the ESP32 board feeds these from its IRQ flag).
# usage: micropython test_buttons.py FIRMWARE_DIR
import sys

sys.path.insert(0, sys.argv[1])
import state_machine as SM
from buttons import Gestures

failures = []


def run(edges, until_ms):
    """edges: [(t_ms, pressed)]; polls every 5 ms like the loop; returns [(t_ms, event)]."""
    g = Gestures(hold_ms=450, double_gap_ms=250, debounce_ms=25)
    out = []
    i = 0
    for t in range(1000, until_ms, 5):
        while i < len(edges) and edges[i][0] <= t:
            g.edge(edges[i][1], edges[i][0])
            i += 1
        ev = g.poll(t)
        while ev >= 0:
            out.append((t, ev))
            ev = g.poll(t)
    return out


def events(r):
    return [e for _, e in r]


r = run([(1100, True), (1200, False)], 2000)
if events(r) != [SM.TAP] or not (1450 <= r[0][0] <= 1460):
    failures.append("tap: " + str(r))
r = run([(1100, True), (1180, False), (1300, True), (1380, False)], 2000)
if events(r) != [SM.DOUBLE_TAP]:
    failures.append("double tap: " + str(r))
r = run([(1100, True), (1900, False)], 2500)
if events(r) != [SM.HOLD_START, SM.HOLD_END] or not (1550 <= r[0][0] <= 1560):
    failures.append("hold: " + str(r))
# contact bounce inside the debounce window is one press
r = run([(1100, True), (1105, False), (1110, True), (1200, False), (1210, True), (1215, False)],
        2000)
if events(r) != [SM.TAP]:
    failures.append("bounce: " + str(r))
# two taps far apart are two taps
r = run([(1100, True), (1150, False), (1800, True), (1850, False)], 2600)
if events(r) != [SM.TAP, SM.TAP]:
    failures.append("two taps: " + str(r))
for f in failures:
    print("FAIL " + f)
print("failures " + str(len(failures)))
sys.exit(1 if failures else 0)
