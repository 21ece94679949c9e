# MicroPython: what a real ESP32 would do to the firmware, through stand-ins that behave like
# MicroPython's ESP32 port (standins.py): one pending I2S transfer per object, callbacks through
# a scheduler queue of 8, exact-length stdin reads, the ESP32's swapped 16-bit mono output,
# Ctrl-C, Wi-Fi and DNS errors. Each block is the regression test of one defect a board hit.
# usage: micropython test_board_esp32_driver.py FIRMWARE_DIR
import sys
import struct

sys.path.insert(0, sys.argv[1])
import standins as S

S.install("esp32s3")
import app as A
import board_esp32
import state_machine as SM
import protocol as P

clock = S.Clock()
board_esp32.time = clock
A.time = clock
MP = S.FakeMicropython()
board_esp32.micropython = MP
failures = []
check = S.check_into(failures)


class FakeSys:
    class stdin:
        buffer = S.FakeStdin()

    class stdout:
        class buffer:
            data = bytearray()

            @staticmethod
            def write(buf, off=0, n=-1):
                if n < 0:
                    n = len(buf) - off
                FakeSys.stdout.buffer.data.extend(bytes(buf)[off:off + n])
                return n


class FakeSelect:
    POLLIN = 1

    @staticmethod
    def poll():
        return S.FakePoll(FakeSys.stdin.buffer)


board_esp32.sys = FakeSys
board_esp32.select = FakeSelect
STDIN = FakeSys.stdin.buffer
STDOUT = FakeSys.stdout.buffer


def new_board(chip="esp32s3", link="usb"):
    S.FakeI2S.made = []
    S.FakePin.made = []
    b = board_esp32.Esp32Board(link=link, device_id="t", chip=chip)
    return b, S.FakeI2S.made[0], S.FakeI2S.made[1]


def settle(board, mic=None, spk=None, steps=1):
    """The driver's task finishes what is in flight; the VM runs the scheduled callbacks."""
    for _ in range(steps):
        if mic is not None:
            mic.complete()
        if spk is not None:
            spk.complete()
        S.SCHED.run_pending()


def host_frames(type_code):
    """Frames of a type the firmware wrote to stdout."""
    dec = P.Decoder()
    data = STDOUT.data
    out = []
    i = 0
    while i < len(data):
        n = dec.feed(data[i:], len(data) - i)
        i += n if n > 0 else len(data)
        while True:
            t = dec.next()
            if t == 0:
                break
            if t == type_code:
                out.append(bytes(dec.payload))
    return out


KEY = b"driver-test key!"  # the pairing key both sides hold (protocol v2: nothing flows before proofs)
HOST_NONCE = bytes(range(16))


def paired(**kw):
    return A.Config(pairing_key="".join("%02x" % c for c in KEY), **kw)


def auth_bytes(app):
    """The host's AUTH: its nonce and its proof of the key over both nonces and the device id."""
    import handshake as H
    host = P.Encoder(bytearray(700))
    frame = bytes(P.encode_auth(host, HOST_NONCE, H.hmac16(KEY, b"earpiece host proof",
                                                         app.nonce + HOST_NONCE + b"t")))
    sys.modules.pop("handshake", None)
    return frame


def welcome_bytes(app):
    """WELCOME sealed with the session key the device derived after the host's proof."""
    import secure as SEC
    host = P.Encoder(bytearray(700))
    host.sealer = SEC.Sealer(app.cipher, SEC.DIR_DOWN)
    return bytes(host.encode(P.WELCOME, (2, 1, 16000, 20, 1, 7, 0, "standin-host", b"")))


def pair_up(app, before_welcome=None):
    """Answer the device's HELLO: AUTH, a loop pass (the device proves the key and seals), WELCOME."""
    STDIN.feed(auth_bytes(app))
    for _ in range(2):
        clock.ms += 20
        app.step()
    STDIN.feed(welcome_bytes(app))


# ---- 1. one pending transfer: listening -> idle -> gate re-armed, and recover() -------------
b, mic, spk = new_board()
app = A.App(b, paired(hands_free=True, device_id="t"))
app.step()  # USB link opens at once; HELLO goes out
pair_up(app)
app.step()
check(app.state == SM.IDLE and app.welcomed, "not welcomed: " + str(app.state))
check(len(mic.pending) == 1, "the gate did not start the mic")
app.handle(SM.TAP)  # a button turn
for _ in range(5):
    settle(b, mic)
    clock.ms += 20
    app.step()
check(app.mic_frames >= 4, "mic frames in the turn: " + str(app.mic_frames))
app.handle(SM.HOST_STATE_IDLE)  # listening -> idle (mic stopped), the gate re-armed
for _ in range(5):
    settle(b, mic)
    clock.ms += 20
    app.step()
check(mic.overlaps == 0, "listening -> idle -> gate: a second readinto while one was pending ("
      + str(mic.overlaps) + ")")
app.handle(SM.TAP)
settle(b, mic)
app.step()
app.recover(RuntimeError("test"))  # listening: recover goes idle and re-arms the gate
for _ in range(5):
    settle(b, mic)
    clock.ms += 20
    app.step()
check(mic.overlaps == 0, "recover(): a second readinto while one was pending ("
      + str(mic.overlaps) + ")")
check(app.state == SM.IDLE, "recover() did not leave the device idle")
check(mic.dropped == 0, "the driver dropped a transfer")

# ---- 2. a bouncing button must not push the I2S callbacks out of the scheduler queue --------
b, mic, spk = new_board()
btn = S.pin_of(2)
b.mic_start()
for i in range(20):  # 20 bounce edges within a millisecond, then the mic transfer completes
    btn.drive(i & 1)
btn.drive(0)
mic.complete()
S.SCHED.run_pending()
out = bytearray(640)
check(b.mic_readinto(out) == 640, "a bouncing button starved the mic callback (scheduler lost "
      + str(S.SCHED.lost) + ")")
check(S.SCHED.lost == 0, "scheduler callbacks lost: " + str(S.SCHED.lost))
# the press is still seen, once, through the debounce
events = []
for _ in range(60):
    clock.ms += 10
    e = b.button_event()
    if e >= 0:
        events.append(e)
btn.drive(1)
for _ in range(60):
    clock.ms += 10
    e = b.button_event()
    if e >= 0:
        events.append(e)
check(events == [SM.HOLD_START, SM.HOLD_END], "gestures from a bouncing hold: " + str(events))

# ---- 3. the ESP32 plays 16-bit mono pairs swapped: the adapter swaps them first --------------
pcm = bytearray(640)
for i in range(320):
    struct.pack_into("<h", pcm, 2 * i, i * 100 - 16000)
for chip in ("esp32", "esp32s3"):
    S.FakeI2S.chip = chip
    b, mic, spk = new_board(chip)
    b.speaker_start()
    b.speaker_write(pcm, 640)
    settle(b, spk=spk)
    b.speaker_write(pcm, 200)  # a short last chunk, padded
    settle(b, spk=spk)
    want = bytes(pcm) + bytes(pcm[:200]) + bytes(440)
    check(bytes(spk.played) == want, chip + ": the speaker heard samples out of order")
S.FakeI2S.chip = "esp32s3"

# ---- 4. the amplifier stays on until the reply's tail has left the DMA ------------------------
b, mic, spk = new_board()
b.speaker_start()
for _ in range(4):  # written back to back: 80 ms queued
    b.speaker_write(pcm, 640)
    settle(b, spk=spk)
b.speaker_stop(True)  # END played out of the ring
check(b._amp_sd.v == 1, "amp switched off with the reply's tail still in the DMA")
clock.ms += 60
b.button_event()
check(b._amp_sd.v == 1, "amp off 60 ms into an 80 ms tail")
clock.ms += 25
b.button_event()
check(b._amp_sd.v == 0, "amp left on after the tail played")
b.speaker_start()
b.speaker_write(pcm, 640)
settle(b, spk=spk)
b.speaker_stop()  # a barge-in: silence now
check(b._amp_sd.v == 0, "amp left on after a barge-in")

# ---- 5. stray bytes on the USB console never hang the loop ------------------------------------
b, mic, spk = new_board()
STDOUT.data = bytearray()
STDIN.ring = bytearray()
app = A.App(b, paired(device_id="t"))
STDIN.feed(b"AT\r")  # a modem manager probing the new port before the host opens it
for _ in range(150):  # 3 s of loop passes
    clock.ms += 20
    app.step()
check(STDIN.hangs == 0, "a blocking read waited for bytes that never came ("
      + str(STDIN.hangs) + ")")
hellos = host_frames(P.HELLO)
check(len(hellos) >= 3, "HELLO not repeated while the host was silent: " + str(len(hellos)))
STDIN.feed(auth_bytes(app)[:5])  # a host that dies mid-frame
for _ in range(10):
    clock.ms += 20
    app.step()
check(STDIN.hangs == 0, "a frame cut short hung the loop")
pair_up(app)
for _ in range(3):
    clock.ms += 20
    app.step()
check(app.welcomed, "not welcomed after the stray bytes")

# ---- 6. Ctrl-C stays off on the USB link; a KeyboardInterrupt never reaches the REPL ----------
MP.kbd = []
b, mic, spk = new_board()
b.link_open()
b.link_close()
b.link_open()
b.link_close()
check(3 not in MP.kbd and MP.kbd and MP.kbd[-1] == -1, "kbd_intr calls " + str(MP.kbd))
import main as M  # noqa: E402  (main() runs only as a script)

M.machine = S.FakeMachine


class Interrupted:
    link_up = False

    def step_guarded(self):
        raise KeyboardInterrupt


class NoProv:
    restart_pending = False


S.FakeMachine.resets = 0
escaped = ""
try:
    M.run(Interrupted(), NoProv(), True)
except SystemExit:
    pass
except KeyboardInterrupt:
    escaped = "KeyboardInterrupt"
check(S.FakeMachine.resets == 1 and not escaped, "USB: KeyboardInterrupt escaped the loop")

# ---- 7. Wi-Fi and DNS errors are failed attempts with backoff, never loop errors --------------


class FakeNetwork:
    STA_IF = 0
    STAT_CONNECTING = 1001
    STAT_WRONG_PASSWORD = 202
    STAT_NO_AP_FOUND = 201
    STAT_GOT_IP = 1010
    wlan = S.FakeWLAN(connected=True)

    @staticmethod
    def WLAN(i):
        return FakeNetwork.wlan


class FakeSocketModule:
    SOCK_STREAM = 1
    lookups = 0

    @staticmethod
    def getaddrinfo(host, port, af=0, kind=0):
        FakeSocketModule.lookups += 1
        raise OSError(-202)  # the ESP32's answer for a name that does not resolve


sys.modules["network"] = FakeNetwork
sys.modules["socket"] = FakeSocketModule
b, mic, spk = new_board(link="tcp://earpiece-host.invalid:7700")
logs = []
b.log = logs.append
app = A.App(b, A.Config(device_id="t"))
for _ in range(3000):  # 60 s
    clock.ms += 20
    if not app.step_guarded():
        failures.append("the loop asked for a reset")
        break
check(app.errors == 0, "DNS errors reached the loop's handler: " + str(app.errors))
check(2 <= FakeSocketModule.lookups <= 12, "attempts in 60 s (backoff): "
      + str(FakeSocketModule.lookups))
check(logs and "earpiece-host.invalid" in logs[0], "no log naming the host: " + str(logs[:1]))


class BrokenWLAN(S.FakeWLAN):
    def active(self, on=None):
        raise OSError(-1)  # "Wifi Internal Error"


FakeNetwork.wlan = BrokenWLAN()
b, mic, spk = new_board(link="tcp://192.168.1.20:7700")
app = A.App(b, A.Config(device_id="t"))
for _ in range(500):
    clock.ms += 20
    app.step_guarded()
check(app.errors == 0, "a Wi-Fi driver error reached the loop's handler")
check(app.connect_attempts >= 2, "no retry after a Wi-Fi driver error")

S.report(failures)
