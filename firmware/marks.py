"""Constants shared by the app and the boards: button "no event" and timeline record kinds.

The board interface itself is described in board_api.py (used for type checking only, so its
code never takes heap on the device).
"""
from micropython import const

# Button events returned by button_event(); the values are state_machine.py's event codes.
NO_EVENT = const(-1)

# Timeline record kinds (board_unix writes them; tools/earpiece_tools/timeline.py reads them).
MARK_MIC_CAPTURED = const(1)  # a: mic frame index, b: sample index just past its last sample
MARK_MIC_SENT = const(2)      # a: mic frame index (low 16 bits), b: frame seq on the wire
MARK_SPEAKER_PLAYED = const(3)  # a: bytes played, b: speaker frame index
MARK_UNDERRUN = const(4)      # a: 0, b: underruns so far
MARK_STATE = const(5)         # a: new state, b: old state (state_machine.py state codes)
MARK_INTERRUPT_RX = const(6)  # a: source, b: bytes flushed
MARK_INTERRUPT_TX = const(7)  # a: source, b: bytes flushed
MARK_SPEECH_RX = const(8)     # a: payload bytes, b: 1 if END flag
MARK_LINK_UP = const(9)
MARK_LINK_DOWN = const(10)
MARK_WELCOME = const(11)      # b: session id (low 32 bits)
MARK_BUTTON = const(12)       # a: state_machine.py event code
MARK_OVERRUN = const(13)      # a: bytes dropped, b: overruns so far
MARK_HOST_ERROR = const(14)   # a: error code
MARK_LISTEN_TX = const(15)    # a: 1 start / 0 stop, b: source
MARK_CONNECT = const(16)      # a: 1 connected / 0 failed, b: ms until the next attempt
MARK_LED = const(17)          # a: LED code (leds.py)
MARK_LISTEN_RX = const(18)    # a: 0 stop, b: source (the host ended the turn)
MARK_PREROLL_SENT = const(19)  # a: pre-roll frames sent, b: mic frame index (low 16 bits)
MARK_RECOVERED = const(20)    # a: loop errors so far (the loop caught one and restarted)
