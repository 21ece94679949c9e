# MicroPython: gesture sequences from raw (bouncy) button edges through the real state machine:
# tap to talk / tap to stop, hold = push-to-talk, double tap interrupts speech.
# usage: micropython test_gestures.py FIRMWARE_DIR
import sys

sys.path.insert(0, sys.argv[1])
import state_machine as SM
from buttons import Gestures

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def bouncy(t_ms, pressed):
    """A real contact: the level chatters for ~6 ms before it settles."""
    return [(t_ms, pressed), (t_ms + 2, not pressed), (t_ms + 4, pressed),
            (t_ms + 6, not pressed), (t_ms + 8, pressed)]


def press(t_ms, length_ms):
    return bouncy(t_ms, True) + bouncy(t_ms + length_ms, False)


def drive(state, edges, until_ms, host=()):
    """Feed edges to the classifier, polled every 5 ms like the loop; every gesture and host
    event (t_ms, event) goes through next_state. Returns (final state, [(t, gesture)],
    [(t, state)], action mask union)."""
    g = Gestures()
    edges = sorted(edges, key=lambda e: e[0])
    host = list(host)
    gestures = []
    states = []
    acts = 0
    i = 0
    for t in range(0, until_ms, 5):
        while i < len(edges) and edges[i][0] <= t:
            g.edge(edges[i][1], edges[i][0])
            i += 1
        while host and host[0][0] <= t:
            state, a = SM.next_state(state, host.pop(0)[1])
            acts |= a
            states.append((t, state))
        ev = g.poll(t)
        while ev >= 0:
            gestures.append((t, ev))
            new, a = SM.next_state(state, ev)
            acts |= a
            if new != state:
                states.append((t, new))
            state = new
            ev = g.poll(t)
    return state, gestures, states, acts


# tap to talk, tap to stop
s, gs, ss, acts = drive(SM.IDLE, press(100, 120) + press(2000, 120), 3000)
check([e for _, e in gs] == [SM.TAP, SM.TAP], "two taps despite bounce: " + str(gs))
check([x for _, x in ss] == [SM.LISTENING, SM.THINKING], "tap talk / tap stop " + str(ss))
check(acts & SM.A_SEND_LISTEN_START and acts & SM.A_SEND_LISTEN_STOP, "listen start+stop sent")
check(gs[0][0] - 100 <= 450, "tap reported within the double-tap window")

# hold = push-to-talk: listening from the hold threshold until release
s, gs, ss, acts = drive(SM.IDLE, press(100, 2000), 3000)
check([e for _, e in gs] == [SM.HOLD_START, SM.HOLD_END], "hold start/end " + str(gs))
check(ss[0][1] == SM.LISTENING and 500 <= ss[0][0] <= 600, "PTT opens at ~450 ms " + str(ss))
check(ss[-1][1] == SM.THINKING and 2100 <= ss[-1][0] <= 2150, "release ends the turn " + str(ss))

# double tap while speaking: interrupt (flush, INTERRUPT up) and listen
s, gs, ss, acts = drive(SM.SPEAKING, press(100, 80) + press(300, 80), 1500)
check([e for _, e in gs] == [SM.DOUBLE_TAP], "one double tap, no taps " + str(gs))
check(s == SM.LISTENING and acts & SM.A_SEND_INTERRUPT and acts & SM.A_FLUSH, "double tap barges in")

# a double tap in idle starts one turn, not two
s, gs, ss, acts = drive(SM.IDLE, press(100, 80) + press(300, 80), 1500)
check(s == SM.LISTENING and len(ss) == 1, "double tap in idle: one turn " + str(ss))

# hold while the host speaks: barge-in, then push-to-talk ends the turn at release
s, gs, ss, acts = drive(SM.SPEAKING, press(100, 1500), 2500)
check([x for _, x in ss] == [SM.LISTENING, SM.THINKING], "hold barge-in + PTT " + str(ss))

# a glitch whose release falls inside the debounce never leaves the button stuck "held"
s, gs, ss, acts = drive(SM.IDLE, [(100, True), (105, False), (110, True), (115, False)], 1500)
check(SM.HOLD_START not in [e for _, e in gs], "glitch became a hold " + str(gs))
s, gs, ss, acts = drive(SM.LISTENING, [(100, True), (112, False)] + press(1000, 100), 2000)
check([e for _, e in gs].count(SM.HOLD_START) == 0, "no phantom push-to-talk " + str(gs))

# a tap while listening after the host opened a follow-up window ends it
s, gs, ss, acts = drive(SM.IDLE, press(1000, 100), 2000, host=[(50, SM.HOST_LISTEN_START)])
check([x for _, x in ss] == [SM.LISTENING, SM.THINKING], "tap ends a host window " + str(ss))

for f in failures:
    print("FAIL " + f)
print("failures " + str(len(failures)))
sys.exit(1 if failures else 0)
