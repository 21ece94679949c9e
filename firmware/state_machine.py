"""The earpiece's pure state machine: next_state(state, event) -> (state, actions).

No I/O and no allocation: every answer is a tuple precomputed at import from the rules below,
so the app can consult it for every audio chunk. Actions are a bit mask the app carries out.
"""
from micropython import const

# States; the first six are the wire values of STATE (protocol.md section 3).
IDLE = const(0)
LISTENING = const(1)
THINKING = const(2)
SPEAKING = const(3)
CONNECTING = const(4)
ERROR = const(5)
# Speaking, and the host has asked for a follow-up listening window once the reply has played.
SPEAKING_THEN_LISTEN = const(6)
N_STATES = const(7)

STATE_NAMES = ("idle", "listening", "thinking", "speaking", "connecting", "error",
               "speaking+listen")

# Events.
TAP = const(0)
DOUBLE_TAP = const(1)
HOLD_START = const(2)
HOLD_END = const(3)
LINK_UP = const(4)
LINK_DOWN = const(5)
WELCOME = const(6)
HOST_LISTEN_START = const(7)
HOST_LISTEN_STOP = const(8)
HOST_INTERRUPT = const(9)
HOST_STATE_IDLE = const(10)
SPEECH_AUDIO = const(11)
END_PLAYED = const(12)
HOST_ERROR = const(13)
HOST_BYE = const(14)
LOOP_ERROR = const(15)  # a bug escaped a pass of the loop (App.recover): back to a clean idle
N_EVENTS = const(16)

# Actions (bit mask).
A_SEND_LISTEN_START = const(0x001)  # LISTEN_START up, source button
A_SEND_LISTEN_STOP = const(0x002)   # LISTEN_STOP up, source button
A_SEND_INTERRUPT = const(0x004)     # INTERRUPT up, source button (barge-in)
A_FLUSH = const(0x008)              # drop queued speech, stop the speaker
A_MIC_START = const(0x010)
A_MIC_STOP = const(0x020)
A_PLAY = const(0x040)               # queue this speech chunk for playback
A_DROP = const(0x080)               # speech chunk not wanted in this state: drop it
A_SEND_HELLO = const(0x100)
A_SEND_STATUS = const(0x200)
A_CLOSE_LINK = const(0x400)

_BARGE_IN = A_SEND_INTERRUPT | A_FLUSH | A_SEND_LISTEN_START | A_MIC_START


def wire_state(state: int) -> int:
    """The STATE value reported to the host."""
    return SPEAKING if state == SPEAKING_THEN_LISTEN else state


def _rule(state: int, event: int) -> tuple:
    """The behaviour, written once; compiled into the lookup table below."""
    speaking = state == SPEAKING or state == SPEAKING_THEN_LISTEN
    if event == LINK_DOWN:
        if state == ERROR:
            return (ERROR, 0)
        if state == LISTENING:
            return (CONNECTING, A_MIC_STOP)
        return (CONNECTING, A_FLUSH if speaking else 0)
    if event == LINK_UP:
        return (CONNECTING, A_SEND_HELLO)
    if event == LOOP_ERROR:
        if state == CONNECTING or state == ERROR:
            return (state, A_FLUSH)
        if state == LISTENING:
            return (IDLE, A_MIC_STOP | A_FLUSH)
        return (IDLE, A_FLUSH)  # idle keeps its (hands-free) mic
    if event == HOST_BYE:
        stop = A_MIC_STOP if state == LISTENING else (A_FLUSH if speaking else 0)
        return (ERROR if state == ERROR else CONNECTING, stop | A_CLOSE_LINK)
    if state == CONNECTING or state == ERROR:
        if event == WELCOME:
            return (IDLE, A_SEND_STATUS)
        if event == HOST_ERROR:
            return (ERROR, 0)
        if event == SPEECH_AUDIO:
            return (state, A_DROP)
        return (state, 0)
    # welcomed states: IDLE, LISTENING, THINKING, SPEAKING(_THEN_LISTEN)
    if event == WELCOME:
        return (state, 0)
    if event == HOST_ERROR:
        # the host could not serve this turn (e.g. speech engine unavailable): end it
        if state == LISTENING:
            return (IDLE, A_MIC_STOP)
        return (IDLE, A_FLUSH if speaking else 0)
    if event == TAP or event == DOUBLE_TAP or event == HOLD_START:
        if state == IDLE:
            return (LISTENING, A_SEND_LISTEN_START | A_MIC_START)
        if state == LISTENING:
            if event == HOLD_START:
                return (LISTENING, 0)  # push-to-talk over an open window: release ends it
            return (THINKING, A_SEND_LISTEN_STOP | A_MIC_STOP)
        return (LISTENING, _BARGE_IN)  # thinking or speaking: barge in
    if event == HOLD_END:
        if state == LISTENING:
            return (THINKING, A_SEND_LISTEN_STOP | A_MIC_STOP)
        return (state, 0)
    if event == HOST_LISTEN_START:
        if state == IDLE or state == THINKING:
            return (LISTENING, A_MIC_START)
        if speaking:
            return (SPEAKING_THEN_LISTEN, 0)  # open the window once the reply has played
        return (state, 0)
    if event == HOST_LISTEN_STOP:
        if state == LISTENING:
            return (THINKING, A_MIC_STOP)
        if state == SPEAKING_THEN_LISTEN:
            return (SPEAKING, 0)
        return (state, 0)
    if event == HOST_INTERRUPT:
        if state == LISTENING:
            return (LISTENING, A_FLUSH)
        return (IDLE, A_FLUSH)
    if event == HOST_STATE_IDLE:
        if state == LISTENING:
            return (IDLE, A_MIC_STOP)
        if state == THINKING:
            return (IDLE, 0)
        return (state, 0)  # speaking: the reply's END still ends it
    if event == SPEECH_AUDIO:
        if state == LISTENING:
            return (LISTENING, A_DROP)  # the user has the floor
        if speaking:
            return (state, A_PLAY)
        return (SPEAKING, A_PLAY)
    if event == END_PLAYED:
        if state == SPEAKING_THEN_LISTEN:
            return (LISTENING, A_FLUSH | A_MIC_START)
        if state == SPEAKING:
            return (IDLE, A_FLUSH)
        return (state, 0)
    return (state, 0)


def _compile() -> tuple:
    """The rules as a byte index into the few distinct answers (small enough for the heap)."""
    answers = []
    index = bytearray(N_STATES * N_EVENTS)
    for s in range(N_STATES):
        for e in range(N_EVENTS):
            a = _rule(s, e)
            if a not in answers:
                answers.append(a)
            index[s * N_EVENTS + e] = answers.index(a)
    return tuple(answers), bytes(index)


_ANSWERS, _INDEX = _compile()
del _rule, _compile  # only the table is needed at run time


def next_state(state: int, event: int) -> tuple:
    """(new_state, actions) for an event; unknown states or events are a ValueError."""
    if state < 0 or state >= N_STATES or event < 0 or event >= N_EVENTS:
        raise ValueError("unknown state or event")
    return _ANSWERS[_INDEX[state * N_EVENTS + event]]
