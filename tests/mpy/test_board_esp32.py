# MicroPython: the ESP32 board adapter driven through the shared stand-ins (standins.py) for
# machine.I2S, Pin and ADC (the unix port has no such hardware). Checks the adapter's own work:
# 32->16-bit mic packing, speaker padding and amp shutdown, LED polarity, battery scaling.
# usage: micropython test_board_esp32.py FIRMWARE_DIR
import sys
import struct

sys.path.insert(0, sys.argv[1])
import standins as S

S.install("esp32s3")
import state_machine as SM
import board_esp32

board_esp32.time = S.Clock()
failures = []
b = board_esp32.Esp32Board(link="usb", device_id="t", chip="esp32s3")
mic, spk = S.FakeI2S.made[0], S.FakeI2S.made[1]
# microphone: 32-bit slots in, top 16 bits out, a new DMA read queued after each frame
mic.source = lambda i: ((i % 320) - 160) * 65536 + 0x1234
b.mic_start()
out = bytearray(640)
if b.mic_readinto(out) != 0:
    failures.append("mic frame before the IRQ")
mic.complete()
S.SCHED.run_pending()
if b.mic_readinto(out) != 640:
    failures.append("no mic frame after the IRQ")
if list(struct.unpack("<320h", out)) != [i - 160 for i in range(320)]:
    failures.append("mic packing")
if len(mic.pending) != 1:
    failures.append("no new transfer after a frame was taken")
# speaker: amp on while speaking, short frames padded with silence, gaps are silence
b.speaker_start()
if b._amp_sd.v != 1 or not b.speaker_needs_frame():
    failures.append("speaker start")
frame = bytearray(b"\x11" * 640)
b.speaker_write(frame, 100)
if b.speaker_needs_frame():
    failures.append("needs a frame before the IRQ")
spk.complete()
S.SCHED.run_pending()
b.speaker_write(frame, 0)
spk.complete()
if bytes(spk.played) != b"\x11" * 100 + bytes(540) + bytes(640):
    failures.append("speaker padding " + str(len(spk.played)))
b.speaker_stop()
if b._amp_sd.v != 0:
    failures.append("amp not shut down")
# LED is active low on the XIAO; battery divider 2.0
b.led(SM.LISTENING)
if b._led.v != 0:
    failures.append("LED not on while listening")
b.led(SM.IDLE)
if b._led.v != 1:
    failures.append("LED not off when idle")
if b.battery_mv() != 3900:
    failures.append("battery " + str(b.battery_mv()))
if b.rssi_dbm() != 0:
    failures.append("rssi without Wi-Fi")
S.report(failures)
