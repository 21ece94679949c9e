# MicroPython: the ESP32 board adapter's own health work, driven through the shared stand-ins
# (standins.py) for machine.I2S/Pin/ADC/WDT, a WLAN and a clock (no such hardware here): speaker
# underruns and mic overruns counted (the I2S driver hides both), the LED blink patterns, Wi-Fi
# power save only while idle, the watchdog armed and fed on request, battery through the divider.
# usage: micropython test_board_esp32_health.py FIRMWARE_DIR
import sys

sys.path.insert(0, sys.argv[1])


import standins as S
from standins import FakeI2S, FakeWDT, FakeWLAN

S.install("esp32s3")
S.FakeADC.uv = 1800000
import state_machine as SM
import leds as L
import board_esp32

clock = S.Clock()
board_esp32.time = clock
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


b = board_esp32.Esp32Board(link="usb", device_id="t", chip="esp32s3")
mic_i2s, spk_i2s = FakeI2S.made[0], FakeI2S.made[1]
# DMA depth as the driver sizes it: 64 ms of mic (32-bit stereo DMA frames), 80 ms of speaker
check(mic_i2s.dma_ms() == 64 and spk_i2s.dma_ms() == 80,
      "DMA depth " + str((mic_i2s.dma_ms(), spk_i2s.dma_ms())))
check(b.mic_dma_ms == mic_i2s.dma_ms(), "the adapter's DMA arithmetic")
check(b.battery_mv() == 3600, "battery through the 2.0 divider: " + str(b.battery_mv()))

# speaker: written every 20 ms on time -> no underrun; a 100 ms stall -> counted once
frame = bytearray(640)
b.speaker_start()
def spk_done():
    spk_i2s.complete()
    S.SCHED.run_pending()


for _ in range(10):
    b.speaker_write(frame, 640)
    spk_done()
    clock.ms += 20
check(b.underruns == 0, "on-time playback counted as underrun: " + str(b.underruns))
clock.ms += 100
b.speaker_write(frame, 640)
spk_done()
check(b.underruns == 1, "a stall that let the DMA run dry: " + str(b.underruns))
for _ in range(5):
    clock.ms += 20
    b.speaker_write(frame, 640)
    spk_done()
check(b.underruns == 1, "back on time: no more underruns")
b.speaker_stop()

# mic: frames read every 20 ms are fine; a stall longer than the DMA holds is an overrun,
# a shorter one is not, whatever the stall (the driver's depth, not a guess, decides)
out = bytearray(640)
b.mic_start()


def mic_frame(late_ms):
    clock.ms += 20 + late_ms
    mic_i2s.complete()
    S.SCHED.run_pending()
    b.mic_readinto(out)


for _ in range(5):
    mic_frame(0)
check(b.mic_overruns == 0, "on-time mic counted as overrun")
expected = 0
for stall in (10, 40, 60, 70, 100, 150):
    mic_frame(stall)
    for _ in range(12):  # catch up: the backlog drains as the next frames come at once
        clock.ms -= 20
        mic_frame(0)
    if stall > mic_i2s.dma_ms():
        expected += 1
    check(b.mic_overruns == expected, "stall " + str(stall) + " ms: overruns "
          + str(b.mic_overruns) + " want " + str(expected))

# LED: the pattern table drives the pin (active low), blinking as the loop polls
def led_trace(code, ms, step):
    b.led(code)
    seen = []
    for _ in range(ms // step):
        clock.ms += step
        b.button_event()
        seen.append(b._led.v == 0)
    return seen


conn = led_trace(SM.CONNECTING, 2000, 50)
check(0 < conn.count(True) < len(conn), "connecting blinks")
check(all(led_trace(SM.LISTENING, 500, 50)), "listening steady on")
check(not any(led_trace(SM.IDLE, 500, 50)), "idle off")
low = led_trace(L.LOW_BATTERY, 4000, 50)
check(0 < low.count(True) <= 8, "low battery: short flashes " + str(low.count(True)))

# Wi-Fi power save: on while idle (or low battery), off during a turn
b._wlan = FakeWLAN()
b._power_save = False
b.led(SM.IDLE)
b.led(SM.LISTENING)
b.led(SM.THINKING)
b.led(SM.SPEAKING)
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

S.report(failures)
