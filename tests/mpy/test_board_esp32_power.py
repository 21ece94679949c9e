# MicroPython: power on the ESP32 adapter, through the shared stand-ins (standins.py): light-sleep
# naps only while idle on Wi-Fi with no audio, cut short for a blinking LED, never on USB; Wi-Fi
# power save while idle, full power from the first button press or loud microphone frame (before
# any gesture or onset is recognised), lapsing back when no turn follows.
# usage: micropython test_board_esp32_power.py FIRMWARE_DIR
import sys

sys.path.insert(0, sys.argv[1])
import standins as S

S.install("esp32s3")
import app as A
import board_esp32
import state_machine as SM
import leds as L
import pins as PN
from powersave import PowerSave

clock = S.Clock(10000)
board_esp32.time = clock
A.time = clock
board_esp32.micropython = S.FakeMicropython()
failures = []
check = S.check_into(failures)
PM_NONE, PM_SAVE = S.FakeWLAN.PM_NONE, S.FakeWLAN.PM_POWERSAVE


class Stream:
    """A socket with nothing to read."""

    def readinto(self, buf, n=-1):
        return None

    def write(self, buf, off=0, n=-1):
        return len(buf) - off if n < 0 else n


class QuietPoll:
    def register(self, obj, mask=1):
        pass

    def ipoll(self, timeout_ms=-1, flags=0):
        return iter(())


def wifi_board():
    S.FakeI2S.made = []
    S.FakePin.made = []
    b = board_esp32.Esp32Board(link="tcp://192.168.1.20:7700", device_id="t", chip="esp32s3")
    b._wlan = S.FakeWLAN()
    b._stream = Stream()
    b._out = b._stream
    b._poll = QuietPoll()
    return b, S.FakeI2S.made[0], S.FakeI2S.made[1]


# ---- the button wakes the chip from light sleep ---------------------------------------------
b, mic, spk = wifi_board()
check(S.FakeEsp32.wake == ([PN.PINS["button"]], False), "button not armed as a wake source: "
      + str(S.FakeEsp32.wake))

# ---- naps: idle on Wi-Fi, nothing playing or heard ------------------------------------------
S.FakeMachine.naps = []
b.led(SM.IDLE)
b.link_wait(5)
check(S.FakeMachine.naps == [100], "idle on Wi-Fi: naps " + str(S.FakeMachine.naps))
for state in (SM.LISTENING, SM.THINKING, SM.SPEAKING, SM.CONNECTING):
    S.FakeMachine.naps = []
    b.led(state)
    b.link_wait(5)
    check(S.FakeMachine.naps == [], "napped while " + SM.STATE_NAMES[state])
b.led(SM.IDLE)
S.FakeMachine.naps = []
b.mic_start()  # hands-free: the gate's microphone runs while idle
b.link_wait(5)
check(S.FakeMachine.naps == [], "napped with the microphone running")
b.mic_stop()
mic.complete()
S.SCHED.run_pending()
b.speaker_start()
b.speaker_write(bytearray(640), 640)
spk.complete()
S.SCHED.run_pending()
b.speaker_stop(True)  # the reply's tail still plays from the DMA
b.link_wait(5)
check(S.FakeMachine.naps == [], "napped with the reply's tail in the DMA")
clock.ms += 100
b.button_event()
b.link_wait(5)
check(S.FakeMachine.naps == [100], "no nap once the tail played: " + str(S.FakeMachine.naps))
# a blinking LED (low battery: 100 ms on every 2 s) cuts the nap at its next change
S.FakeMachine.naps = []
b.led(L.LOW_BATTERY)
clock.ms = 20000 + 1950  # 50 ms before the flash
b.link_wait(5)
clock.ms = 22000 + 40  # 60 ms into the flash
b.link_wait(5)
check(S.FakeMachine.naps == [50, 60], "naps around the LED flash: " + str(S.FakeMachine.naps))
# never on USB
S.FakeI2S.made = []
u = board_esp32.Esp32Board(link="usb", device_id="t", chip="esp32s3")
u._stream = Stream()
u._poll = QuietPoll()
u.led(SM.IDLE)
S.FakeMachine.naps = []
u.link_wait(5)
check(S.FakeMachine.naps == [], "napped on the USB link")

# ---- the radio: full power on the first press, before the gesture is known -------------------
b, mic, spk = wifi_board()
b.led(SM.IDLE)
check(b._wlan.pm == [PM_SAVE], "idle: power save " + str(b._wlan.pm))
btn = S.pin_of(PN.PINS["button"])
btn.drive(0)  # pressed (active low)
ev = b.button_event()
check(ev == -1 and b._wlan.pm == [PM_SAVE, PM_NONE],
      "press: full power at once, before any gesture: " + str((ev, b._wlan.pm)))
S.FakeMachine.naps = []
b.link_wait(5)
check(S.FakeMachine.naps == [], "napped during a boost")
btn.drive(1)
for _ in range(20):  # released: a tap, but the host never opens a turn; the boost lapses
    clock.ms += 200
    b.button_event()
check(b._wlan.pm == [PM_SAVE, PM_NONE, PM_SAVE], "boost lapsed: " + str(b._wlan.pm))

# ---- a loud frame in hands-free idle boosts the radio through the app -----------------------
b, mic, spk = wifi_board()
app = A.App(b, A.Config(hands_free=True, device_id="t"))
app.link_up = True
app.welcomed = True
app.handle(SM.WELCOME)  # connecting -> idle: the gate listens
b._wlan.pm = []
b._power_save = True
mic.source = lambda i: 0
for _ in range(12):  # a quiet room teaches the gate its floor
    mic.complete()
    S.SCHED.run_pending()
    clock.ms += 20
    app._pump_mic()
check(b._wlan.pm == [], "the quiet room boosted the radio: " + str(b._wlan.pm))
mic.source = lambda i: (4000 if i & 1 else -4000) << 16  # loud
mic.complete()
S.SCHED.run_pending()
clock.ms += 20
app._pump_mic()
check(app.voice_turns == 0 and b._wlan.pm == [PM_NONE],
      "first loud frame: full power before the onset: " + str((app.voice_turns, b._wlan.pm)))

# ---- the policy itself ----------------------------------------------------------------------
p = PowerSave(nap_ms=100, boost_hold_ms=3000)
p.set_idle(True)
check(p.radio_save() and p.nap_ms(0, True, False, 0, 0) == 100, "policy idle")
check(p.nap_ms(0, False, False, 0, 0) == 0, "policy: no naps without Wi-Fi")
p.boost(1000)
check(not p.radio_save(), "policy boost")
p.tick(3999)
check(not p.radio_save(), "policy boost held")
p.tick(4000)
check(p.radio_save(), "policy boost lapsed")
p.boost(5000)
p.set_idle(False)
p.set_idle(True)
check(p.radio_save(), "a turn ends the boost")
S.report(failures)
