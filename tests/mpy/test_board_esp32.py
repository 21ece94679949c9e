# MicroPython: the ESP32 board adapter driven through recording stand-ins for machine.I2S, Pin
# and ADC (the unix port has no such hardware). Checks the adapter's own work: 32->16-bit mic
# packing, speaker padding and amp shutdown, LED polarity, battery scaling.
# usage: micropython test_board_esp32.py FIRMWARE_DIR
import sys
import struct

sys.path.insert(0, sys.argv[1])


class FakePin:
    IN = 0
    OUT = 1
    PULL_UP = 2
    IRQ_FALLING = 4
    IRQ_RISING = 8

    def __init__(self, gpio, mode=-1, pull=-1, value=None):
        self.gpio = gpio
        self.v = 1 if value is None else value
        self.handler = None

    def value(self, v=None):
        if v is None:
            return self.v
        self.v = v

    def irq(self, handler=None, trigger=0):
        self.handler = handler


class FakeI2S:
    RX = 0
    TX = 1
    MONO = 0

    def __init__(self, bus, sck=None, ws=None, sd=None, mode=0, bits=16, format=0, rate=0,
                 ibuf=0):
        self.bus = bus
        self.bits = bits
        self.mode = mode
        self.rx_buf = None
        self.written = []
        self.cb = None

    def irq(self, cb):
        self.cb = cb

    def readinto(self, buf):
        self.rx_buf = buf
        return 0

    def write(self, buf):
        self.written.append(bytes(buf))
        return len(buf)


class FakeADC:
    ATTN_11DB = 3

    def __init__(self, pin, atten=0):
        self.pin = pin

    def read_uv(self):
        return 1950000


class FakeMachine:
    Pin = FakePin
    I2S = FakeI2S
    ADC = FakeADC


sys.modules["machine"] = FakeMachine
import device as D
import board_esp32

failures = []
b = board_esp32.Esp32Board(link="usb", device_id="t")
# microphone: 32-bit slots in, top 16 bits out, a new DMA read queued after each frame
b.mic_start()
raw = b._mic.rx_buf
for i in range(320):
    struct.pack_into("<i", raw, 4 * i, (i - 160) * 65536 + 0x1234)
out = bytearray(640)
if b.mic_readinto(out) != 0:
    failures.append("mic frame before the IRQ")
b._mic.cb(b._mic)
if b.mic_readinto(out) != 640:
    failures.append("no mic frame after the IRQ")
if list(struct.unpack("<320h", out)) != [i - 160 for i in range(320)]:
    failures.append("mic packing")
# speaker: amp on while speaking, short frames padded with silence, gaps are silence
b.speaker_start()
if b._amp_sd.v != 1 or not b.speaker_needs_frame():
    failures.append("speaker start")
frame = bytearray(b"\x11" * 640)
b.speaker_write(frame, 100)
if b.speaker_needs_frame():
    failures.append("needs a frame before the IRQ")
b._spk.cb(b._spk)
b.speaker_write(frame, 0)
w = b._spk.written
if len(w) != 2 or w[0] != b"\x11" * 100 + bytes(540) or w[1] != bytes(640):
    failures.append("speaker padding " + str([len(x) for x in w]))
b.speaker_stop()
if b._amp_sd.v != 0:
    failures.append("amp not shut down")
# LED is active low on the XIAO; battery divider 2.0
b.led(D.LISTENING)
if b._led.v != 0:
    failures.append("LED not on while listening")
b.led(D.IDLE)
if b._led.v != 1:
    failures.append("LED not off when idle")
if b.battery_mv() != 3900:
    failures.append("battery " + str(b.battery_mv()))
if b.rssi_dbm() != 0:
    failures.append("rssi without Wi-Fi")
for f in failures:
    print("FAIL " + f)
print("failures " + str(len(failures)))
sys.exit(1 if failures else 0)
