# MicroPython (-X heapsize=96K): the real App loop allocates nothing per audio frame, with the
# link paired and sealed (AES-128-CCM both ways), and while it speaks with voice barge-in and
# playback positions offered (the mic streams as MIC_AUDIO_PLAYING).
# A scripted in-memory board stands in for the hardware; the app, codec, seal, state machine and
# playback are the real firmware. usage: micropython test_memory.py FIRMWARE_DIR FRAMES
import sys
import gc

sys.path.insert(0, sys.argv[1])
gc.collect()
# as the entry points do: the big buffers first, into the empty heap (app.allocate_buffers(320)),
# then the code, collected often while it loads so that it leaves the heap in large pieces
BUFFERS = (bytearray(320 * 32), bytearray(2 * 2061), bytearray(2061), bytearray(512),
           bytearray(640), bytearray(640))
gc.threshold(4096)
import app as A
import state_machine as SM
import protocol as P
import secure as S
from bufops import move
gc.threshold(-1)
gc.collect()

FRAMES = int(sys.argv[2])


class ScriptedBoard:
    """Hardware stand-in: a mic that yields a ramp, a speaker that counts, a link fed from a
    preallocated byte script. tick() advances 20 ms of simulated time."""

    device_id = "mem-test"
    capabilities = 3

    def __init__(self):
        self.t_ms = 0
        self.rx = bytearray(700)
        self.refill = None  # called when the script runs out: puts the next frame in rx
        self.rx_len = 0
        self.rx_pos = 0
        self.rx_allow = 0  # bytes the "network" has delivered so far
        self.tx_bytes = 0
        self.tx_frames = 0
        self.mic_ready = False
        self.spk_ready = False
        self.spk_on = False
        self.spk_bytes = 0
        self.gaps = 0
        self.buttons = []
        self.ramp = bytearray(640)
        for i in range(640):
            self.ramp[i] = i & 0xFF

    def load(self, data):
        """Replace the link script (outside the measured window)."""
        move(self.rx, 0, data, 0, len(data))
        self.rx_len = len(data)
        self.rx_pos = 0
        self.rx_allow = 0

    def tick(self, deliver):
        self.t_ms += 20
        self.mic_ready = True
        self.spk_ready = True
        self.rx_allow += deliver

    def ticks_ms(self):
        return self.t_ms

    def due_in_ms(self):
        return 0

    def mic_start(self):
        pass

    def mic_stop(self):
        pass

    def mic_speaker_pos(self):
        return (self.spk_bytes >> 1) & 0x3FFFFFFF

    def mic_readinto(self, buf):
        if not self.mic_ready:
            return 0
        self.mic_ready = False
        move(buf, 0, self.ramp, 0, 640)
        return 640

    def speaker_start(self):
        self.spk_on = True

    def speaker_stop(self):
        self.spk_on = False

    def speaker_needs_frame(self):
        return self.spk_on and self.spk_ready

    def speaker_write(self, buf, n):
        self.spk_ready = False
        if n:
            self.spk_bytes += n
        else:
            self.gaps += 1

    def button_event(self):
        if self.buttons:
            return self.buttons.pop()
        return -1

    def led(self, state):
        pass

    def battery_mv(self):
        return 3900

    def rssi_dbm(self):
        return -55

    def link_open(self):
        return True

    def link_wait(self, timeout_ms):
        return self.rx_pos < self.rx_allow and self.rx_pos < self.rx_len

    def link_readinto(self, buf, most):
        end = self.rx_allow if self.rx_allow < self.rx_len else self.rx_len
        n = end - self.rx_pos
        if n > most:
            n = most
        if n <= 0:
            return 0
        move(buf, 0, self.rx, self.rx_pos, n)
        self.rx_pos += n
        if self.rx_pos == self.rx_len and self.refill is not None:
            # the next speech frame, sealed afresh (a replayed one would be refused)
            self.rx_allow -= self.rx_len
            self.rx_len = self.refill(self.rx)
            self.rx_pos = 0
        return n

    def link_write(self, buf, n):
        self.tx_bytes += n
        self.tx_frames += 1
        return True

    def link_close(self):
        pass

    def mark(self, kind, a, b):
        pass

    def log(self, message):
        print("log: " + message)


failures = []
pcm = bytearray(640)  # test-side buffers first, before the app fragments the heap
host = P.Encoder(bytearray(700))  # the stand-in host sends nothing longer
KEY = b"mem-test pairing"
HOST_NONCE = bytes(range(16))
board = ScriptedBoard()
cfg = A.Config(device_id="mem-test", status_interval_ms=1 << 29, ping_after_quiet_ms=1 << 29,
               link_dead_ms=1 << 29, pairing_key="6d656d2d746573742070616972696e67")
app = A.App(board, cfg, BUFFERS)
a0 = a1 = 0  # every global the measured loops assign exists before they run (a new one
# could grow the globals dict inside the measured window)
board.tick(0)
app.step()  # link up, HELLO with the device's nonce
import handshake as H  # noqa: E402  (the host's proof; unloaded again, as the app does)
board.load(P.encode_auth(host, HOST_NONCE, H.hmac16(KEY, b"earpiece host proof",
                                                    app.nonce + HOST_NONCE + b"mem-test")))
del H
sys.modules.pop("handshake", None)
board.tick(1000)
app.step()
host.sealer = S.Sealer(app.cipher, S.DIR_DOWN)  # the session's key; never busy at the same time
board.load(host.encode(P.WELCOME, (2, 1, 16000, 20, 1, 1, 11 | 0x30, "mem-host", b"")))
board.tick(1000)
for _ in range(5):
    app.step()
if app.state != SM.IDLE:
    failures.append("not welcomed: state " + str(app.state))
if app.enc.sealer is None:
    failures.append("the link is not sealed")

# phase 1: listening, mic -> encode -> link write
board.buttons.append(SM.TAP)
for _ in range(20):
    board.tick(0)
    app.step()
if app.state != SM.LISTENING:
    failures.append("tap did not start listening")
gc.collect()
gc.disable()
sent0 = app.mic_frames_sent
a0 = gc.mem_alloc()
for _ in range(FRAMES):
    board.tick(0)
    app.step()
a1 = gc.mem_alloc()
gc.enable()
print("listen: frames " + str(app.mic_frames_sent - sent0) + " growth " + str(a1 - a0))
if app.mic_frames_sent - sent0 != FRAMES:
    failures.append("mic frames sent " + str(app.mic_frames_sent - sent0))
if a1 != a0:
    failures.append("listening loop allocated " + str(a1 - a0) + " bytes")

# phase 2: the host ends the turn and speaks, one 20 ms chunk per 20 ms, forever
board.load(host.small(P.LISTEN_STOP, P.SOURCE_VOICE))
board.tick(22)  # one sealed one-byte frame
app.step()
if app.state != SM.THINKING:
    failures.append("host LISTEN_STOP did not end the turn")
for i in range(640):
    pcm[i] = (i * 7) & 0xFF
board.load(host.audio(P.SPEECH_AUDIO, pcm, 640))
frame_bytes = 661


def refill(rx):
    move(rx, 0, host.audio(P.SPEECH_AUDIO, pcm, 640), 0, 661)
    return 661


board.refill = refill
board.tick(frame_bytes * 3)  # a little lead, like the host's pacing
for _ in range(50):
    board.tick(frame_bytes)
    app.step()
if app.state != SM.SPEAKING:
    failures.append("speech did not start speaking: state " + str(app.state))
gc.collect()
gc.disable()
played0 = board.spk_bytes
sent0 = app.mic_frames_sent
a0 = gc.mem_alloc()
for _ in range(FRAMES):
    board.tick(frame_bytes)
    app.step()
a1 = gc.mem_alloc()
gc.enable()
print("speak: bytes " + str(board.spk_bytes - played0) + " gaps " + str(board.gaps)
      + " growth " + str(a1 - a0))
print("speak: mic frames with positions " + str(app.mic_frames_sent - sent0))
if not app.positions or app.mic_frames_sent - sent0 != FRAMES:
    failures.append("the mic did not stream with positions while speaking")
if board.spk_bytes - played0 != FRAMES * 640:
    failures.append("speaker got " + str(board.spk_bytes - played0) + " bytes")
if board.gaps or app.player.underruns:
    failures.append("underruns in steady state")
if a1 != a0:
    failures.append("speaking loop allocated " + str(a1 - a0) + " bytes")
print("peak heap: " + str(app.peak_heap_bytes) + " bytes")
for f in failures:
    print("FAIL " + f)
print("failures " + str(len(failures)))
sys.exit(1 if failures else 0)
