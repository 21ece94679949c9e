"""The earpiece's board: ESP32-S3 with an INMP441 mic and a MAX98357A amp on I2S, a button,
an LED, a battery divider on ADC1, and a link over Wi-Fi (TCP) or the USB serial console.

Thin on purpose: I2S runs non-blocking with IRQ callbacks that only set flags, and all logic
lives in the app, the codec and the pure state machine. What MicroPython's ESP32 port does
underneath (ports/esp32/machine_i2s.c, machine_pin.c, mphalport.c) shapes this file:
- each I2S object takes one non-blocking transfer at a time: a second readinto/write while one
  is pending makes the driver's task fill or send the same buffer twice (torn frames), so a
  transfer is only started when the previous one has called back;
- I2S callbacks and pin IRQs reach Python through the scheduler, whose queue holds 8: a bouncing
  button on an IRQ would push the I2S callbacks out, so the button is read by polling its level;
- RX DMA always runs in 32-bit stereo (8 bytes per frame), whatever bits/format say;
- on the original ESP32, 16-bit mono TX plays each pair of samples swapped;
- sys.stdin.buffer.readinto(buf, n) waits for all n bytes, so the USB link reads only bytes
  that poll says have arrived.
"""
import select
import sys
import time

import machine
import micropython
from machine import ADC, I2S, Pin
from micropython import const

import state_machine as SM
import leds as L
import pins as PN
from buttons import Gestures
from bufops import move, pack32to16, swap_pairs16
from chip import detect
from power import battery_mv_from_pin_uv
from powersave import PowerSave

_FRAME_BYTES = const(640)
_SAMPLES = const(320)
_MIC_RAW_BYTES = const(1280)  # 320 samples in 32-bit I2S slots
_FRAME_MS = const(20)
# DMA buffering inside the I2S driver (docs/firmware.md, "DMA and buffers"): the driver cuts
# ibuf into descriptors of 256 frames (16 ms), ibuf // (256 x DMA frame bytes) of them, at
# least 2. RX frames are 32-bit stereo, 8 bytes: 8192 B is 4 descriptors, 64 ms, how long the
# loop may stall (a GC, a Wi-Fi burst) before mic samples are lost. The speaker's 16-bit mono
# frames are 2 bytes: 2560 B is 5 descriptors, 80 ms; more would only delay a barge-in.
_MIC_IBUF_BYTES = const(8192)
_SPK_IBUF_BYTES = const(2560)
_DMA_FRAMES = const(256)
_RX_DMA_FRAME_BYTES = const(8)
_POS_MASK = const(0x3FFFFFFF)  # playback positions wrap at 2**30: small ints, never allocated
_WDT_TIMEOUT_MS = const(30000)  # > the longest reconnect pause (16 s) plus a link timeout


def dma_ms(ibuf_bytes: int, dma_frame_bytes: int) -> int:
    """Audio the driver's DMA holds for an ibuf, as machine_i2s.c sizes it."""
    n = ibuf_bytes // (_DMA_FRAMES * dma_frame_bytes)
    if n < 2:
        n = 2
    return n * _DMA_FRAMES * 1000 // 16000


def _now_ms() -> int:
    # the stubs model ticks as an opaque type; on the device they are small ints for ticks_diff
    return time.ticks_ms()  # type: ignore[return-value]


class Esp32Board:
    """The board_api.Board seam on the ESP32-S3."""

    capabilities = 0x01 | 0x02 | 0x04 | 0x08 | 0x10 | 0x40 | 0x80
    exact_reads = False  # the USB link reads only what has arrived (see _stdin_readinto)

    def __init__(self, link: str = "usb", device_id: str = "earpiece", wifi_ssid: str = "",
                 wifi_password: str = "", pins: dict = PN.PINS,
                 led_active_low: bool = PN.LED_ACTIVE_LOW,
                 battery_divider_ratio: float = PN.BATTERY_DIVIDER_RATIO_X10 / 10,
                 chip: str = "") -> None:
        self.device_id = device_id
        self.chip = chip or detect()
        self._swap_pairs = self.chip == "esp32"  # its 16-bit mono TX swaps sample pairs
        self._led_active_low = led_active_low
        self._divider_x100 = int(battery_divider_ratio * 100 + 0.5)
        self._wdt = None
        # counted here because the I2S driver hides them: an underrun plays silence, an
        # overrun drops samples, both without a word
        self.underruns = 0     # the speaker ran dry while a reply was playing
        self.mic_overruns = 0  # the loop read the mic too late: the DMA ring had overflowed
        self._spk_until_ms = 0  # when the audio written so far runs out
        # the speaker's clock: samples written, 320 a frame (gaps included), mod 2**30; and
        # where it stood as the last mic frame's first sample was captured (mic_speaker_pos)
        self._spk_clock = 0
        self._mic_spk_pos = 0
        self._amp_off_ms = -1   # >= 0: switch the amp off then (the DMA still plays until then)
        self._mic_last_ms = 0
        self._mic_backlog_ms = 0  # audio waiting in the mic DMA (estimated from read times)
        self.mic_dma_ms = dma_ms(_MIC_IBUF_BYTES, _RX_DMA_FRAME_BYTES)
        self._link_uri = link
        self._tcp = None
        self._one = bytearray(1)
        self._wifi_ssid = wifi_ssid
        self._wifi_password = wifi_password
        self._wlan = None
        self._stream = None
        self._poll = select.poll()
        self._zeros = bytearray(_FRAME_BYTES)
        self._pad = bytearray(_FRAME_BYTES)
        # microphone: 32-bit slots, packed to 16-bit in viper
        self._mic_raw = bytearray(_MIC_RAW_BYTES)
        self._mic_ready = False    # a transfer has filled _mic_raw
        self._mic_pending = False  # a transfer into _mic_raw is under way
        self._mic_on = False
        self._mic = I2S(PN.I2S_MIC_ID, sck=Pin(pins["mic_sck"]), ws=Pin(pins["mic_ws"]),
                        sd=Pin(pins["mic_sd"]), mode=I2S.RX, bits=32, format=I2S.MONO,
                        rate=16000, ibuf=_MIC_IBUF_BYTES)
        self._mic.irq(self._mic_irq)
        # speaker
        self._amp_sd = Pin(pins["amp_sd"], Pin.OUT, value=0)
        self._spk = I2S(PN.I2S_AMP_ID, sck=Pin(pins["amp_bclk"]), ws=Pin(pins["amp_lrclk"]),
                        sd=Pin(pins["amp_din"]), mode=I2S.TX, bits=16, format=I2S.MONO,
                        rate=16000, ibuf=_SPK_IBUF_BYTES)
        self._spk.irq(self._spk_irq)
        self._spk_on = False
        self._spk_pending = False  # a write is under way (the driver takes one at a time)
        # button (polled: see the module docstring), LED, battery
        self._btn = Pin(pins["button"], Pin.IN, Pin.PULL_UP)
        self._btn_level = self._btn.value()
        self._gestures = Gestures()
        self._led = Pin(pins["led"], Pin.OUT, value=1 if led_active_low else 0)
        self._led_code = SM.CONNECTING
        self._power_save = False  # what the radio was last set to
        self.power = PowerSave()
        if link != "usb":  # light-sleep naps: the button wakes the chip (any GPIO, level low)
            try:
                import esp32
                esp32.wake_on_gpio((self._btn,), not PN.BUTTON_ACTIVE_LOW)
            except (ImportError, AttributeError, ValueError):
                self.power.nap_ms_max = 0  # a build without GPIO wake: no naps
        self._adc = ADC(Pin(pins["battery_adc"]), atten=ADC.ATTN_11DB)

    # ---- IRQs: only set flags ----------------------------------------------------------------
    def _mic_irq(self, _i2s: I2S) -> None:
        self._mic_pending = False
        self._mic_ready = True

    def _spk_irq(self, _i2s: I2S) -> None:
        self._spk_pending = False

    # ---- time --------------------------------------------------------------------------------
    def ticks_ms(self) -> int:
        return _now_ms()

    def due_in_ms(self) -> int:
        if self._mic_ready or (self._spk_on and not self._spk_pending):
            return 0
        return 5  # I2S IRQs are soft (scheduled), the button is polled: short slices

    # ---- microphone --------------------------------------------------------------------------
    def mic_start(self) -> None:
        if self._mic_on:
            return
        self._mic_on = True
        self._mic_last_ms = _now_ms()
        self._mic_backlog_ms = 0
        if self._mic_pending:
            return  # the transfer started before the last stop still runs: its IRQ will come
        self._mic_ready = False  # a frame left over from before the stop is stale
        self._mic_transfer()

    def _mic_transfer(self) -> None:
        self._mic_pending = True
        self._mic.readinto(self._mic_raw)  # non-blocking: the IRQ says when it is full

    def mic_stop(self) -> None:
        self._mic_on = False  # a transfer under way finishes; none is started after it

    def mic_readinto(self, buf: bytearray) -> int:
        if not self._mic_ready:
            return 0
        self._mic_ready = False
        t = _now_ms()
        # each read takes 20 ms of audio out of the DMA; a read later than that leaves the
        # rest waiting there, and more than the DMA holds means samples were lost
        backlog = self._mic_backlog_ms + time.ticks_diff(t, self._mic_last_ms) - _FRAME_MS
        if backlog < 0:
            backlog = 0
        elif backlog > self.mic_dma_ms:
            self.mic_overruns += 1
            backlog = self.mic_dma_ms
        self._mic_backlog_ms = backlog
        self._mic_last_ms = t
        # The speaker sample playing as this frame's first sample was captured (t - backlog
        # - 20 ms): what was written less what was still queued then. The driver hides the DMA's
        # read pointer, so "queued" is the board's own account (_spk_until_ms): right to within
        # a DMA descriptor (16 ms) and steady, which the host's delay search takes up.
        left = time.ticks_diff(self._spk_until_ms, t) + backlog + _FRAME_MS
        self._mic_spk_pos = (self._spk_clock - (left << 4 if left > 0 else 0)) & _POS_MASK
        pack32to16(buf, self._mic_raw, _SAMPLES)  # viper: ~0.7 us/frame on the host CPU
        if self._mic_on:
            self._mic_transfer()
        return _FRAME_BYTES

    def mic_speaker_pos(self) -> int:
        return self._mic_spk_pos

    # ---- speaker -----------------------------------------------------------------------------
    def speaker_start(self) -> None:
        self._amp_off_ms = -1
        if not self._spk_on:
            self._spk_on = True
            t = _now_ms()
            if time.ticks_diff(self._spk_until_ms, t) < 0:
                self._spk_until_ms = t
            self._amp_sd.value(1)

    def speaker_stop(self, drain: bool = False) -> None:
        """Stop feeding the speaker. drain: the reply ended, so the amplifier stays on until
        the audio already in the DMA (up to 80 ms) has played; else (a barge-in) off now."""
        self._spk_on = False
        if drain and time.ticks_diff(self._spk_until_ms, _now_ms()) > 0:
            self._amp_off_ms = self._spk_until_ms
            return
        self._amp_off_ms = -1
        self._amp_sd.value(0)  # shutdown: 0.6 uA instead of 2.4 mA

    def speaker_needs_frame(self) -> bool:
        return self._spk_on and not self._spk_pending

    def speaker_write(self, buf: bytearray, n: int) -> None:
        self._spk_pending = True
        t = _now_ms()
        if time.ticks_diff(t, self._spk_until_ms) > _FRAME_MS:
            self.underruns += 1  # the DMA had run dry and played silence before this frame
            self._spk_until_ms = t
        self._spk_until_ms = time.ticks_add(self._spk_until_ms, _FRAME_MS)  # type: ignore
        self._spk_clock = (self._spk_clock + _SAMPLES) & _POS_MASK
        if n == _FRAME_BYTES and not self._swap_pairs:
            self._spk.write(buf)
            return
        pad = self._pad  # a gap or the reply's short last chunk: pad with silence
        move(pad, 0, buf, 0, n)
        move(pad, n, self._zeros, 0, _FRAME_BYTES - n)
        if self._swap_pairs:
            swap_pairs16(pad, _SAMPLES)
        self._spk.write(pad)

    # ---- button, LED, power ------------------------------------------------------------------
    def button_event(self) -> int:
        t = _now_ms()
        if L.PATTERNS[self._led_code][0]:
            self._led_update(t)  # a blinking pattern; this runs on every pass of the loop
        if self._amp_off_ms >= 0 and time.ticks_diff(t, self._amp_off_ms) >= 0:
            self._amp_off_ms = -1
            self._amp_sd.value(0)  # the reply's tail has left the DMA
        level = self._btn.value()  # polled every pass (<= 20 ms): gestures debounce 25 ms
        if level != self._btn_level:
            self._btn_level = level
            pressed = level == 0 if PN.BUTTON_ACTIVE_LOW else level == 1
            if pressed:
                self.radio_boost()  # a turn is coming: no beacon-interval delay on its packets
            self._gestures.edge(pressed, t)
        self.power.tick(t)
        self._apply_radio()
        return self._gestures.poll(t)

    def led(self, state: int) -> None:
        """Show a leds.py code (the device state, or low battery). Idle (and low battery) is
        also when Wi-Fi may doze and the loop may nap (powersave.py)."""
        self._led_code = state
        self._led_update(_now_ms())
        self.power.set_idle(state == SM.IDLE or state == L.LOW_BATTERY)
        self._apply_radio()

    def radio_boost(self) -> None:
        """Full radio power now: a button press or a loud microphone frame (the app calls it)."""
        self.power.boost(_now_ms())
        self._apply_radio()

    def _apply_radio(self) -> None:
        save = self.power.radio_save()
        if self._wlan is not None and save != self._power_save:
            self._power_save = save
            try:
                w = self._wlan
                w.config(pm=w.PM_POWERSAVE if save else w.PM_NONE)
            except (AttributeError, ValueError, OSError):
                pass  # a port without power-save control: stay at full power

    def _nap(self) -> None:
        """Light-sleep while idle on Wi-Fi with nothing to play or hear (powersave.py)."""
        t = _now_ms()
        busy = (self._mic_on or self._mic_pending or self._spk_on or self._spk_pending
                or self._amp_off_ms >= 0)
        pattern = L.PATTERNS[self._led_code]
        nap = self.power.nap_ms(t, self._wlan is not None, busy, pattern[0], pattern[1])
        if nap > 0:
            self.power.naps += 1
            machine.lightsleep(nap)

    def _led_update(self, t: int) -> None:
        on = L.is_on(self._led_code, t)
        self._led.value((0 if on else 1) if self._led_active_low else (1 if on else 0))

    def watchdog(self, arm: int) -> None:
        """Arm (1) or feed (0) the hardware watchdog; the app's policy decides when."""
        if arm:
            from machine import WDT
            self._wdt = WDT(timeout=_WDT_TIMEOUT_MS)
        elif self._wdt is not None:
            self._wdt.feed()

    def battery_mv(self) -> int:
        return battery_mv_from_pin_uv(self._adc.read_uv(), self._divider_x100)

    def rssi_dbm(self) -> int:
        w = self._wlan
        if w is None or not w.isconnected():
            return 0
        return w.status("rssi")

    # ---- link --------------------------------------------------------------------------------
    def link_open(self) -> bool:
        if self._link_uri == "usb":
            # byte 0x03 occurs in audio: Ctrl-C stays off for as long as the program runs (a
            # stray one between links would raise KeyboardInterrupt); safe mode gives it back
            micropython.kbd_intr(-1)
            self._stream = sys.stdin.buffer
            self._out = sys.stdout.buffer
            self._poll = select.poll()
            self._poll.register(sys.stdin, select.POLLIN)
            return True
        try:
            return self._open_tcp()
        except OSError as e:  # Wi-Fi driver or DNS: one failed attempt, paced by the backoff
            self.log("cannot reach the host " + self._link_uri[6:] + ": " + repr(e)
                     + " (check host and Wi-Fi with earpiece provision)")
            return False

    def _open_tcp(self) -> bool:
        import network
        if self._wlan is None:
            w = network.WLAN(network.STA_IF)
            w.active(True)
            self._wlan = w
        w = self._wlan
        if not w.isconnected():
            st = w.status()
            if st == network.STAT_WRONG_PASSWORD or st == network.STAT_NO_AP_FOUND:
                self.log("Wi-Fi: " + ("wrong password" if st == network.STAT_WRONG_PASSWORD
                                      else "network not found") + " for '" + self._wifi_ssid
                         + "'; check wifi_ssid/wifi_password (earpiece provision)")
            if st != network.STAT_CONNECTING:
                w.connect(self._wifi_ssid, self._wifi_password)
            # never blocks: the app calls again after its backoff pause (0.5 s doubling to
            # 16 s, with jitter), so a lost access point is never retried in a tight loop
            return False
        if self._tcp is None:
            from tcp_link import TcpLink
            rest = self._link_uri[6:]
            i = rest.rfind(":")
            self._tcp = TcpLink(rest[:i], int(rest[i + 1:]))
        s = self._tcp.open()  # OSError: name not resolved, refused, timed out
        self._stream = s
        self._out = s
        self._poll = select.poll()
        self._poll.register(s, select.POLLIN)
        return True

    def link_wait(self, timeout_ms: int) -> bool:
        if self._stream is None:
            time.sleep_ms(timeout_ms)
            return False
        if self._link_uri != "usb":
            self._nap()  # then look: packets that came meanwhile wait in the socket
        for _ in self._poll.ipoll(timeout_ms):
            return True
        return False

    def link_readinto(self, buf: bytearray, n: int) -> int:
        s = self._stream
        if s is None:
            return -1
        if self._link_uri == "usb":
            return self._stdin_readinto(s, buf, n)
        try:
            got = s.readinto(buf, n)
        except OSError:
            return -1
        if got is None:
            return 0
        return got if got > 0 else -1

    def _stdin_readinto(self, s, buf: bytearray, n: int) -> int:
        """Up to n bytes that have arrived on stdin. Its readinto(b, k) waits for all k bytes,
        so a frame cut short (a host gone mid-frame, a modem manager's stray "AT") would hang
        the loop: take one byte at a time while poll says one is there."""
        one = self._one
        poll = self._poll
        got = 0
        while got < n:
            ready = False
            for _ in poll.ipoll(0):
                ready = True
                break
            if not ready:
                break
            s.readinto(one, 1)
            buf[got] = one[0]
            got += 1
        return got

    def link_write(self, buf: bytearray, n: int) -> bool:
        out = self._out
        if self._stream is None:
            return False
        off = 0
        tries = 0
        while off < n:
            try:
                w = out.write(buf, off, n - off)  # type: ignore[call-arg]  # (buf, off, len)
            except OSError:
                return False
            if not w:
                tries += 1
                if tries > 500:  # about 5 s without room: the host is gone
                    return False
                time.sleep_ms(10)
                continue
            off += w
        return True

    def link_close(self) -> None:
        s = self._stream
        self._stream = None
        if s is None or self._link_uri == "usb":
            return  # the console stays open, Ctrl-C stays off (see link_open)
        if self._tcp is not None:
            self._tcp.close()

    def mark(self, kind: int, a: int, b: int) -> None:
        pass

    def log(self, message: str) -> None:
        if self._link_uri != "usb":  # on USB the console is the link: text would be noise
            print(message)
