"""The earpiece's board: ESP32-S3 with an INMP441 mic and a MAX98357A amp on I2S, a button,
an LED, a battery divider on ADC1, and a link over Wi-Fi (TCP) or the USB serial console.

Thin on purpose: I2S runs non-blocking with IRQ callbacks that only set flags, and all logic
lives in the app, the codec and the pure state machine.
"""
import select
import sys
import time

import micropython
from machine import ADC, I2S, Pin
from micropython import const

import device as D
import pins as PN
from buttons import Gestures
from bufops import move, pack32to16

_FRAME_BYTES = const(640)
_SAMPLES = const(320)
_MIC_RAW_BYTES = const(1280)  # 320 samples in 32-bit I2S slots
_I2S_BUF_BYTES = const(8192)  # DMA buffering inside the I2S driver, per direction


def _now_ms() -> int:
    # the stubs model ticks as an opaque type; on the device they are small ints for ticks_diff
    return time.ticks_ms()  # type: ignore[return-value]


class Esp32Board:
    """The board_api.Board seam on the ESP32-S3."""

    capabilities = 0x01 | 0x02 | 0x04 | 0x08 | 0x10 | 0x40 | 0x80

    def __init__(self, link: str = "usb", device_id: str = "earpiece", wifi_ssid: str = "",
                 wifi_password: str = "", pins: dict = PN.PINS,
                 led_active_low: bool = PN.LED_ACTIVE_LOW,
                 battery_divider_ratio: float = PN.BATTERY_DIVIDER_RATIO_X10 / 10) -> None:
        self.device_id = device_id
        self._led_active_low = led_active_low
        self._divider_x10 = int(battery_divider_ratio * 10 + 0.5)
        self._link_uri = link
        self.exact_reads = link == "usb"  # stdin readinto waits for the whole count
        self._wifi_ssid = wifi_ssid
        self._wifi_password = wifi_password
        self._wlan = None
        self._stream = None
        self._poll = select.poll()
        self._zeros = bytearray(_FRAME_BYTES)
        self._pad = bytearray(_FRAME_BYTES)
        # microphone: 32-bit slots, packed to 16-bit in viper
        self._mic_raw = bytearray(_MIC_RAW_BYTES)
        self._mic_ready = False
        self._mic_on = False
        self._mic = I2S(PN.I2S_MIC_ID, sck=Pin(pins["mic_sck"]), ws=Pin(pins["mic_ws"]),
                        sd=Pin(pins["mic_sd"]), mode=I2S.RX, bits=32, format=I2S.MONO,
                        rate=16000, ibuf=_I2S_BUF_BYTES)
        self._mic.irq(self._mic_irq)
        # speaker
        self._amp_sd = Pin(pins["amp_sd"], Pin.OUT, value=0)
        self._spk = I2S(PN.I2S_AMP_ID, sck=Pin(pins["amp_bclk"]), ws=Pin(pins["amp_lrclk"]),
                        sd=Pin(pins["amp_din"]), mode=I2S.TX, bits=16, format=I2S.MONO,
                        rate=16000, ibuf=_I2S_BUF_BYTES)
        self._spk.irq(self._spk_irq)
        self._spk_on = False
        self._spk_room = False
        # button, LED, battery
        self._btn = Pin(pins["button"], Pin.IN, Pin.PULL_UP)
        self._btn_changed = False
        self._btn.irq(self._btn_irq, Pin.IRQ_FALLING | Pin.IRQ_RISING)
        self._gestures = Gestures()
        self._led = Pin(pins["led"], Pin.OUT, value=1 if led_active_low else 0)
        self._led_state = D.CONNECTING
        self._adc = ADC(Pin(pins["battery_adc"]), atten=ADC.ATTN_11DB)

    # ---- IRQs: only set flags ----------------------------------------------------------------
    def _mic_irq(self, _i2s: I2S) -> None:
        self._mic_ready = True

    def _spk_irq(self, _i2s: I2S) -> None:
        self._spk_room = True

    def _btn_irq(self, _pin: Pin) -> None:
        self._btn_changed = True

    # ---- time --------------------------------------------------------------------------------
    def ticks_ms(self) -> int:
        return _now_ms()

    def due_in_ms(self) -> int:
        if self._mic_ready or (self._spk_on and self._spk_room) or self._btn_changed:
            return 0
        return 5  # I2S IRQs are soft (scheduled): poll the link in short slices

    # ---- microphone --------------------------------------------------------------------------
    def mic_start(self) -> None:
        if not self._mic_on:
            self._mic_on = True
            self._mic.readinto(self._mic_raw)  # non-blocking: the IRQ says when it is full

    def mic_stop(self) -> None:
        self._mic_on = False

    def mic_readinto(self, buf: bytearray) -> int:
        if not self._mic_ready:
            return 0
        self._mic_ready = False
        pack32to16(buf, self._mic_raw, _SAMPLES)
        if self._mic_on:
            self._mic.readinto(self._mic_raw)
        return _FRAME_BYTES

    # ---- speaker -----------------------------------------------------------------------------
    def speaker_start(self) -> None:
        if not self._spk_on:
            self._spk_on = True
            self._spk_room = True
            self._amp_sd.value(1)

    def speaker_stop(self) -> None:
        self._spk_on = False
        self._amp_sd.value(0)  # shutdown: 0.6 uA instead of 2.4 mA

    def speaker_needs_frame(self) -> bool:
        return self._spk_on and self._spk_room

    def speaker_write(self, buf: bytearray, n: int) -> None:
        self._spk_room = False
        if n == _FRAME_BYTES:
            self._spk.write(buf)
        else:  # a gap or the reply's short last chunk: pad with silence
            move(self._pad, 0, buf, 0, n)
            move(self._pad, n, self._zeros, 0, _FRAME_BYTES - n)
            self._spk.write(self._pad)

    # ---- button, LED, power ------------------------------------------------------------------
    def button_event(self) -> int:
        t = _now_ms()
        if self._led_state == D.CONNECTING or self._led_state == D.ERROR:
            self._led_update(t)  # blink; this runs on every pass of the loop
        if self._btn_changed:
            self._btn_changed = False
            level = self._btn.value()
            self._gestures.edge(level == 0 if PN.BUTTON_ACTIVE_LOW else level == 1, t)
        return self._gestures.poll(t)

    def led(self, state: int) -> None:
        """Steady on while in a turn, off when idle, slow blink connecting, fast blink error."""
        self._led_state = state
        self._led_update(_now_ms())

    def _led_update(self, t: int) -> None:
        state = self._led_state
        if state == D.CONNECTING:
            on = (t // 500) & 1 == 0
        elif state == D.ERROR:
            on = (t // 100) & 1 == 0
        else:
            on = state == D.LISTENING or state == D.THINKING or state == D.SPEAKING
        self._led.value((0 if on else 1) if self._led_active_low else (1 if on else 0))

    def battery_mv(self) -> int:
        return self._adc.read_uv() * self._divider_x10 // 10000

    def rssi_dbm(self) -> int:
        w = self._wlan
        if w is None or not w.isconnected():
            return 0
        return w.status("rssi")

    # ---- link --------------------------------------------------------------------------------
    def link_open(self) -> bool:
        if self._link_uri == "usb":
            micropython.kbd_intr(-1)  # byte 0x03 occurs in audio; it must not stop the program
            self._stream = sys.stdin.buffer
            self._out = sys.stdout.buffer
            self._poll = select.poll()
            self._poll.register(sys.stdin, select.POLLIN)
            return True
        return self._open_tcp()

    def _open_tcp(self) -> bool:
        import network
        import socket
        if self._wlan is None:
            self._wlan = network.WLAN(network.STA_IF)
            self._wlan.active(True)
        w = self._wlan
        if not w.isconnected():
            if w.status() != network.STAT_CONNECTING:
                w.connect(self._wifi_ssid, self._wifi_password)
            return False  # the app retries every second; the loop never blocks on Wi-Fi
        rest = self._link_uri[6:]
        i = rest.rfind(":")
        ai = socket.getaddrinfo(rest[:i], int(rest[i + 1:]))[0]
        s = socket.socket()
        try:
            s.settimeout(2.0)
            s.connect(ai[-1])
            s.setblocking(False)
            s.setsockopt(6, 1, 1)  # TCP_NODELAY: 20 ms frames must not wait for Nagle
        except OSError:
            s.close()
            return False
        self._stream = s
        self._out = s
        self._poll = select.poll()
        self._poll.register(s, select.POLLIN)
        return True

    def link_wait(self, timeout_ms: int) -> bool:
        if self._stream is None:
            time.sleep_ms(timeout_ms)
            return False
        for _ in self._poll.ipoll(timeout_ms):
            return True
        return False

    def link_readinto(self, buf: bytearray, n: int) -> int:
        s = self._stream
        if s is None:
            return -1
        try:
            got = s.readinto(buf, n)
        except OSError:
            return -1
        if got is None:
            return 0
        return got if got > 0 else -1

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
        if s is None:
            return
        if self._link_uri == "usb":
            micropython.kbd_intr(3)
            return
        try:
            s.close()
        except OSError:
            pass

    def mark(self, kind: int, a: int, b: int) -> None:
        pass

    def log(self, message: str) -> None:
        if self._link_uri != "usb":  # on USB the console is the link: text would be noise
            print(message)
