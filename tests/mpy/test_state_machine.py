# MicroPython: the device state machine, every state x every event, against the table below.
# usage: micropython test_state_machine.py FIRMWARE_DIR
import sys

sys.path.insert(0, sys.argv[1])
import state_machine as SM

S = {"idle": SM.IDLE, "listening": SM.LISTENING, "thinking": SM.THINKING, "speaking": SM.SPEAKING,
     "connecting": SM.CONNECTING, "error": SM.ERROR, "speak+listen": SM.SPEAKING_THEN_LISTEN}
E = ["tap", "double_tap", "hold_start", "hold_end", "link_up", "link_down", "welcome",
     "host_listen_start", "host_listen_stop", "host_interrupt", "host_state_idle",
     "speech_audio", "end_played", "host_error", "host_bye", "loop_error"]
A = {"LS+": SM.A_SEND_LISTEN_START, "LS-": SM.A_SEND_LISTEN_STOP, "INT": SM.A_SEND_INTERRUPT,
     "FLUSH": SM.A_FLUSH, "MIC+": SM.A_MIC_START, "MIC-": SM.A_MIC_STOP, "PLAY": SM.A_PLAY,
     "DROP": SM.A_DROP, "HELLO": SM.A_SEND_HELLO, "STATUS": SM.A_SEND_STATUS,
     "CLOSE": SM.A_CLOSE_LINK}

BARGE = "listening INT FLUSH LS+ MIC+"
# state -> one entry per event in E's order: "new_state ACTION ACTION ..."
TABLE = {
    "idle": ["listening LS+ MIC+", "listening LS+ MIC+", "listening LS+ MIC+", "idle",
             "connecting HELLO", "connecting", "idle", "listening MIC+", "idle",
             "idle FLUSH", "idle", "speaking PLAY", "idle", "idle", "connecting CLOSE",
             "idle FLUSH"],
    "listening": ["thinking LS- MIC-", "thinking LS- MIC-", "listening", "thinking LS- MIC-",
                  "connecting HELLO", "connecting MIC-", "listening", "listening",
                  "thinking MIC-", "listening FLUSH", "idle MIC-", "listening DROP",
                  "listening", "idle MIC-", "connecting MIC- CLOSE", "idle MIC- FLUSH"],
    "thinking": [BARGE, BARGE, BARGE, "thinking", "connecting HELLO", "connecting", "thinking",
                 "listening MIC+", "thinking", "idle FLUSH", "idle", "speaking PLAY",
                 "thinking", "idle", "connecting CLOSE", "idle FLUSH"],
    "speaking": [BARGE, BARGE, BARGE, "speaking", "connecting HELLO", "connecting FLUSH",
                 "speaking", "speak+listen", "speaking", "idle FLUSH", "speaking",
                 "speaking PLAY", "idle FLUSH", "idle FLUSH", "connecting FLUSH CLOSE",
                 "idle FLUSH"],
    "speak+listen": [BARGE, BARGE, BARGE, "speak+listen", "connecting HELLO",
                     "connecting FLUSH", "speak+listen", "speak+listen", "speaking",
                     "idle FLUSH", "speak+listen", "speak+listen PLAY", "listening FLUSH MIC+",
                     "idle FLUSH", "connecting FLUSH CLOSE", "idle FLUSH"],
    "connecting": ["connecting", "connecting", "connecting", "connecting", "connecting HELLO",
                   "connecting", "idle STATUS", "connecting", "connecting", "connecting",
                   "connecting", "connecting DROP", "connecting", "error", "connecting CLOSE",
                   "connecting FLUSH"],
    "error": ["error", "error", "error", "error", "connecting HELLO", "error", "idle STATUS",
              "error", "error", "error", "error", "error DROP", "error", "error", "error CLOSE",
              "error FLUSH"],
}

failures = []
checked = 0
for sname in TABLE:
    row = TABLE[sname]
    if len(row) != SM.N_EVENTS or len(E) != SM.N_EVENTS:
        failures.append(sname + ": row length")
        continue
    for ei in range(SM.N_EVENTS):
        parts = row[ei].split()
        want_state = S[parts[0]]
        want_actions = 0
        for p in parts[1:]:
            want_actions |= A[p]
        got = SM.next_state(S[sname], ei)
        if got != (want_state, want_actions):
            failures.append(sname + " x " + E[ei] + ": got " + str(got) + " want "
                            + str((want_state, want_actions)))
        checked += 1
        # wire state: the internal follow-up state reports as speaking
        ws = SM.wire_state(got[0])
        if ws > 5:
            failures.append("wire state out of range")

if len(TABLE) != SM.N_STATES:
    failures.append("not every state is in the table")
for bad in ((-1, 0), (SM.N_STATES, 0), (0, SM.N_EVENTS), (0, -1)):
    try:
        SM.next_state(bad[0], bad[1])
        failures.append("no error for " + str(bad))
    except ValueError:
        pass
# a whole conversation: connect, tap to talk, tap to stop, reply, barge in, reply, end
s = SM.CONNECTING
for ev, want in ((SM.LINK_UP, SM.CONNECTING), (SM.WELCOME, SM.IDLE), (SM.TAP, SM.LISTENING),
                 (SM.TAP, SM.THINKING), (SM.SPEECH_AUDIO, SM.SPEAKING), (SM.DOUBLE_TAP, SM.LISTENING),
                 (SM.HOST_LISTEN_STOP, SM.THINKING), (SM.SPEECH_AUDIO, SM.SPEAKING),
                 (SM.HOST_LISTEN_START, SM.SPEAKING_THEN_LISTEN), (SM.END_PLAYED, SM.LISTENING),
                 (SM.HOLD_END, SM.THINKING), (SM.HOST_STATE_IDLE, SM.IDLE)):
    s = SM.next_state(s, ev)[0]
    if s != want:
        failures.append("conversation step " + str(ev) + " -> " + str(s))
for f in failures:
    print("FAIL " + f)
print("checked " + str(checked) + " failures " + str(len(failures)))
sys.exit(1 if failures else 0)
