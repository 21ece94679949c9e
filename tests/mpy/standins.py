# Stand-ins for the ESP32's machine.I2S, Pin, ADC, WDT, micropython.schedule/kbd_intr, a WLAN and
# a clock, shared by the MicroPython tests of the ESP32 board adapter (the unix port has no such
# hardware). They behave as MicroPython's own ESP32 port does (ports/esp32/machine_i2s.c,
# machine_pin.c, extmod/machine_i2s.c, mphalport.c, shared/runtime/sys_stdio_mphal.c), so the
# adapter's mistakes show up here as they would on a board:
# - every I2S completion and every Pin edge reaches Python through the scheduler, whose queue
#   holds 8 callbacks (MICROPY_SCHEDULER_DEPTH on the ESP32 port); when it is full the callback
#   is lost without a word;
# - a non-blocking readinto/write hands a descriptor to the driver's task through a queue of
#   depth 1: a second call while one is pending makes the task fill (or send) the same buffer
#   again, a third is dropped. `overlaps` counts calls made while one was pending;
# - the DMA holds ibuf // (256 frames x DMA frame bytes) descriptors (at least 2) of 256 frames;
#   RX always runs in 32-bit stereo, 8 bytes per frame, whatever bits/format say;
# - on the original ESP32, 16-bit mono TX sends each pair of samples swapped (ESP-IDF);
# - Pin.irq has no `hard` option: every edge, bounces included, is scheduled;
# - sys.stdin.buffer.readinto(buf, n) waits for exactly n bytes (byte by byte from the ring).
# usage: import standins as S; S.install(chip="esp32s3") before importing board_esp32.
import sys

SCHEDULER_DEPTH = 8
DMA_FRAMES_PER_DESC = 256
RX_DMA_FRAME_BYTES = 8  # 32-bit stereo, always


class Scheduler:
    """micropython.schedule: a queue of 8; run_pending() is what the VM does between opcodes."""

    def __init__(self):
        self.queue = []
        self.lost = 0

    def schedule(self, fn, arg):
        if len(self.queue) >= SCHEDULER_DEPTH:
            self.lost += 1
            return False
        self.queue.append((fn, arg))
        return True

    def run_pending(self):
        q = self.queue
        self.queue = []
        for fn, arg in q:
            fn(arg)


SCHED = Scheduler()


class Clock:
    """time.ticks_ms/ticks_diff/ticks_add/sleep_ms over a settable millisecond counter."""

    def __init__(self, ms=1000):
        self.ms = ms

    def ticks_ms(self):
        return self.ms

    def ticks_us(self):
        return self.ms * 1000

    def ticks_diff(self, a, b):
        return a - b

    def ticks_add(self, a, b):
        return a + b

    def sleep_ms(self, ms):
        self.ms += ms
        SCHED.run_pending()


class FakePin:
    IN = 0
    OUT = 1
    PULL_UP = 2
    IRQ_FALLING = 4
    IRQ_RISING = 8
    made = []

    def __init__(self, gpio, mode=-1, pull=-1, value=None):
        self.gpio = gpio
        self.mode = mode
        self.v = 1 if value is None else value
        self.handler = None
        self.trigger = 0
        FakePin.made.append(self)

    def value(self, v=None):
        if v is None:
            return self.v
        self.v = v

    def irq(self, handler=None, trigger=IRQ_FALLING | IRQ_RISING, wake=None):
        # ports/esp32/machine_pin.c: no `hard` argument; the ISR always schedules the handler
        self.handler = handler
        self.trigger = trigger if handler is not None else 0

    def drive(self, level):
        """The outside world sets the pin's level (a button contact)."""
        if level == self.v:
            return
        self.v = level
        edge = FakePin.IRQ_RISING if level else FakePin.IRQ_FALLING
        if self.handler is not None and self.trigger & edge:
            SCHED.schedule(self.handler, self)


def pin_of(gpio):
    for p in FakePin.made:
        if p.gpio == gpio:
            return p
    return None


class FakeI2S:
    RX = 0
    TX = 1
    MONO = 0
    STEREO = 1
    made = []
    chip = "esp32s3"

    def __init__(self, bus, sck=None, ws=None, sd=None, mode=0, bits=16, format=0, rate=16000,
                 ibuf=0):
        self.bus = bus
        self.mode = mode
        self.bits = bits
        self.format = format
        self.rate = rate
        self.ibuf = ibuf
        self.cb = None
        self.pending = []   # descriptors: in flight (first) and queued (at most one more)
        self.overlaps = 0   # readinto/write called while a transfer was pending
        self.dropped = 0    # calls the driver's queue refused
        self.transfers = 0
        self.played = bytearray()  # TX: what reached the amplifier, in order
        self.source = None  # RX: function(i) -> 32-bit sample i of the microphone
        self.sample_i = 0
        FakeI2S.made.append(self)

    def dma_frame_bytes(self):
        if self.mode == FakeI2S.RX:
            return RX_DMA_FRAME_BYTES
        return (self.bits // 8) * (2 if self.format == FakeI2S.STEREO else 1)

    def dma_descriptors(self):
        n = self.ibuf // (DMA_FRAMES_PER_DESC * self.dma_frame_bytes())
        return n if n > 2 else 2

    def dma_ms(self):
        return self.dma_descriptors() * DMA_FRAMES_PER_DESC * 1000 // self.rate

    def irq(self, cb):
        self.cb = cb

    def _submit(self, buf):
        if self.pending:
            self.overlaps += 1
        if len(self.pending) >= 2:
            self.dropped += 1
            return
        self.pending.append(buf)

    def readinto(self, buf):
        self._submit(buf)
        return len(buf)

    def write(self, buf):
        self._submit(buf)
        return len(buf)

    def complete(self):
        """The driver's task finishes the transfer in flight and schedules the callback."""
        if not self.pending:
            return False
        buf = self.pending.pop(0)
        self.transfers += 1
        if self.mode == FakeI2S.RX:
            src = self.source
            for k in range(len(buf) // 4):
                v = src(self.sample_i) if src is not None else 0
                self.sample_i += 1
                buf[4 * k] = v & 0xFF
                buf[4 * k + 1] = (v >> 8) & 0xFF
                buf[4 * k + 2] = (v >> 16) & 0xFF
                buf[4 * k + 3] = (v >> 24) & 0xFF
        else:
            data = bytes(buf)
            if FakeI2S.chip == "esp32" and self.bits == 16 and self.format == FakeI2S.MONO:
                # ESP-IDF on the original ESP32: 16-bit mono leaves each pair of samples swapped
                out = bytearray(len(data))
                for k in range(0, len(data) - 3, 4):
                    out[k:k + 2] = data[k + 2:k + 4]
                    out[k + 2:k + 4] = data[k:k + 2]
                data = bytes(out)
            self.played.extend(data)
        if self.cb is not None:
            SCHED.schedule(self.cb, self)
        return True


class FakeADC:
    ATTN_11DB = 3
    uv = 1950000

    def __init__(self, pin, atten=0):
        self.pin = pin

    def read_uv(self):
        return FakeADC.uv


class FakeWDT:
    made = []

    def __init__(self, timeout=0):
        self.timeout = timeout
        self.feeds = 0
        FakeWDT.made.append(self)

    def feed(self):
        self.feeds += 1


class FakeMachine:
    Pin = FakePin
    I2S = FakeI2S
    ADC = FakeADC
    WDT = FakeWDT
    resets = 0
    naps = []

    @staticmethod
    def lightsleep(ms=-1):
        FakeMachine.naps.append(ms)

    @staticmethod
    def reset():
        FakeMachine.resets += 1
        raise SystemExit("machine.reset")

    @staticmethod
    def unique_id():
        return b"\x01\x02\x03\x04\x05\x06"


class FakeMicropython:
    """The parts of the micropython module the board uses, recorded."""

    def __init__(self):
        import micropython
        self._real = micropython
        self.kbd = []
        self.const = micropython.const

    def kbd_intr(self, c):
        self.kbd.append(c)

    def schedule(self, fn, arg):
        return SCHED.schedule(fn, arg)


class FakeStdin:
    """sys.stdin.buffer on the ESP32: readinto(buf, n) takes exactly n bytes from the ring,
    waiting for each (sys_stdio_mphal.c); waiting on an empty ring here means a hang there."""

    def __init__(self):
        self.ring = bytearray()
        self.hangs = 0

    def feed(self, data):
        self.ring.extend(data)

    def readinto(self, buf, n=-1):
        if n < 0:
            n = len(buf)
        if n > len(self.ring):
            self.hangs += 1  # the board would wait here until the watchdog resets it
            raise OSError(110)  # stands for the hang; never raised by the real stdin
        for i in range(n):
            buf[i] = self.ring[i]
        self.ring = self.ring[n:]
        return n

    def ioctl_readable(self):
        return len(self.ring) > 0


class FakePoll:
    """select.poll over FakeStdin: readable when the ring holds a byte (mp_hal_stdio_poll)."""

    def __init__(self, stdin):
        self.stdin = stdin

    def register(self, obj, mask=1):
        pass

    def unregister(self, obj):
        pass

    def ipoll(self, timeout_ms=-1, flags=0):
        if self.stdin.ioctl_readable():
            yield (self.stdin, 1)


class FakeWLAN:
    PM_NONE = 0
    PM_PERFORMANCE = 1
    PM_POWERSAVE = 2

    def __init__(self, connected=True):
        self.pm = []
        self.connected = connected
        self.connects = 0
        self.active_calls = []

    def active(self, on=None):
        self.active_calls.append(on)
        return True

    def config(self, pm=None, **kw):
        if pm is not None:
            self.pm.append(pm)

    def isconnected(self):
        return self.connected

    def connect(self, ssid, password):
        self.connects += 1

    def status(self, what=None):
        if what == "rssi":
            return -60
        return 1010 if self.connected else 1001


class FakeEsp32:
    """esp32.wake_on_gpio (modesp32.c): pins that wake the chip from light sleep at a level."""
    wake = None

    @staticmethod
    def wake_on_gpio(pins, level):
        FakeEsp32.wake = ([p.gpio for p in pins], level)


def install(chip="esp32s3"):
    """Put the stand-ins where board_esp32 imports them from."""
    FakeI2S.chip = chip
    sys.modules["machine"] = FakeMachine
    sys.modules["esp32"] = FakeEsp32
    return FakeMachine


def check_into(failures):
    def check(ok, what):
        if not ok:
            failures.append(what)
    return check


def report(failures):
    for f in failures:
        print("FAIL " + f)
    print("failures " + str(len(failures)))
    sys.exit(1 if failures else 0)
