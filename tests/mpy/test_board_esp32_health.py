# MicroPython: the ESP32 board adapter's own health work, driven through recording stand-ins for
# machine.I2S/Pin/ADC/WDT, a WLAN and a clock (the unix port has no such hardware): speaker
# underruns and mic overruns counted (the I2S driver hides both), the LED blink patterns, Wi-Fi
# power save only while idle, the watchdog armed and fed on request, battery through the divider.
# usage: micropython test_board_esp32_health.py FIRMWARE_DIR
import sys

sys.path.insert(0, sys.argv[1])


class FakePin:
    IN = 0
    OUT = 1
    PULL_UP = 2
    IRQ_FALLING = 4
    IRQ_RISING = 8

    def __init__(self, gpio, mode=-1, pull=-1, value=None):
        self.v = 1 if value is None else value

    def value(self, v=None):
        if v is None:
            return self.v
        self.v = v

    def irq(self, handler=None, trigger=0):
        pass


class FakeI2S:
    RX = 0
    TX = 1
    MONO = 0
    made = []

    def __init__(self, bus, sck=None, ws=None, sd=None, mode=0, bits=16, format=0, rate=0,
                 ibuf=0):
        self.ibuf = ibuf
        self.bits = bits
        self.cb = None
        FakeI2S.made.append(self)

    def irq(self, cb):
        self.cb = cb

    def readinto(self, buf):
        return 0

    def write(self, buf):
        return len(buf)


class FakeADC:
    ATTN_11DB = 3

    def __init__(self, pin, atten=0):
        pass

    def read_uv(self):
        return 1800000


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


class FakeTime:
    def __init__(self):
        self.ms = 1000

    def ticks_ms(self):
        return self.ms

    def ticks_diff(self, a, b):
        return a - b

    def ticks_add(self, a, b):
        return a + b

    def sleep_ms(self, ms):
        self.ms += ms


class FakeWLAN:
    PM_NONE = 0
    PM_POWERSAVE = 2

    def __init__(self):
        self.pm = []

    def config(self, pm=None):
        self.pm.append(pm)

    def isconnected(self):
        return True

    def status(self, what=None):
        return -60


sys.modules["machine"] = FakeMachine
import device as D
import leds as L
import board_esp32

clock = FakeTime()
board_esp32.time = clock
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


b = board_esp32.Esp32Board(link="usb", device_id="t")
mic_i2s, spk_i2s = FakeI2S.made[0], FakeI2S.made[1]
# DMA sizes from the frame budget: 80 ms each (mic 32-bit slots, speaker 16-bit)
check(mic_i2s.ibuf == 4 * 1280 and spk_i2s.ibuf == 4 * 640, "ibuf sizes")
check(b.battery_mv() == 3600, "battery through the 2.0 divider: " + str(b.battery_mv()))

# speaker: written every 20 ms on time -> no underrun; a 100 ms stall -> counted once
frame = bytearray(640)
b.speaker_start()
for _ in range(10):
    b._spk_room = True
    b.speaker_write(frame, 640)
    clock.ms += 20
check(b.underruns == 0, "on-time playback counted as underrun: " + str(b.underruns))
clock.ms += 100
b._spk_room = True
b.speaker_write(frame, 640)
check(b.underruns == 1, "a stall that let the DMA run dry: " + str(b.underruns))
for _ in range(5):
    clock.ms += 20
    b._spk_room = True
    b.speaker_write(frame, 640)
check(b.underruns == 1, "back on time: no more underruns")
b.speaker_stop()

# mic: frames read every 20 ms are fine; reading 150 ms late is an overrun
out = bytearray(640)
b.mic_start()
for _ in range(5):
    clock.ms += 20
    mic_i2s.cb(mic_i2s)
    b.mic_readinto(out)
check(b.mic_overruns == 0, "on-time mic counted as overrun")
clock.ms += 150
mic_i2s.cb(mic_i2s)
b.mic_readinto(out)
check(b.mic_overruns == 1, "late mic read not counted: " + str(b.mic_overruns))

# LED: the pattern table drives the pin (active low), blinking as the loop polls
def led_trace(code, ms, step):
    b.led(code)
    seen = []
    for _ in range(ms // step):
        clock.ms += step
        b.button_event()
        seen.append(b._led.v == 0)
    return seen


conn = led_trace(D.CONNECTING, 2000, 50)
check(0 < conn.count(True) < len(conn), "connecting blinks")
check(all(led_trace(D.LISTENING, 500, 50)), "listening steady on")
check(not any(led_trace(D.IDLE, 500, 50)), "idle off")
low = led_trace(L.LOW_BATTERY, 4000, 50)
check(0 < low.count(True) <= 8, "low battery: short flashes " + str(low.count(True)))

# Wi-Fi power save: on while idle (or low battery), off during a turn
b._wlan = FakeWLAN()
b._power_save = False
b.led(D.IDLE)
b.led(D.LISTENING)
b.led(D.THINKING)
b.led(D.SPEAKING)
b.led(L.LOW_BATTERY)
check(b._wlan.pm == [2, 0, 2], "power save toggles: " + str(b._wlan.pm))
check(b.rssi_dbm() == -60, "rssi")

# watchdog: armed only when asked, fed only when asked
check(not FakeWDT.made, "watchdog armed at construction")
b.watchdog(1)
b.watchdog(0)
b.watchdog(0)
check(len(FakeWDT.made) == 1 and FakeWDT.made[0].feeds == 2
      and FakeWDT.made[0].timeout >= 20000, "watchdog arm/feed")

for f in failures:
    print("FAIL " + f)
print("failures " + str(len(failures)))
sys.exit(1 if failures else 0)
