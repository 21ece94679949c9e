"""The virtual earpiece's board, for the MicroPython unix port.

Microphone: a 16 kHz mono 16-bit WAV paced in real time from the first time the mic starts
(then silence). Speaker: a WAV of exactly the frames played (gaps are not written, so a
downlink can be compared bit-exact). A mic or speaker path that is a FIFO carries raw PCM
(16 kHz mono s16le, whole 640-byte frames) live, e.g. from the laptop's sound card through
earpiece_tools.live_audio (docs/live_audio.md). Buttons: a scripted timeline. Link:
tcp://HOST:PORT or serial:///dev/pts/N. Timeline: fixed 16-byte binary records, see MARK_* in
marks.py.
"""
import os
import select
import struct
import sys
import time

from micropython import const

import marks as M
import state_machine as SM
from bufops import move
from tcp_link import StreamLink, TcpLink

TYPE_CHECKING = False
if TYPE_CHECKING:
    from echo_path_unix import EchoPath

_FRAME_BYTES = const(640)
_FRAME_US = const(20000)
_SAMPLES_PER_FRAME = const(320)
_REC_BYTES = const(16)
_REC_PER_BLOCK = const(32)
_FAR_MS = const(1000000)
_S_IFMT = const(0o170000)
_S_IFIFO = const(0o010000)
_LATE_POLL_US = const(2000)  # a live mic frame that is late is looked for again this soon
_WRITE_TIMEOUT_MS = const(5000)
_POS_MASK = const(0x3FFFFFFF)  # playback positions wrap at 2**30, as on the board
_DMA_DESCRIPTOR_US = const(16000)  # 256 frames: where the ESP32's DMA may start a stretch
_DMA_PHASE_STEP_US = const(7001)  # a different phase each stretch, the same in every run
TIMELINE_MAGIC = b"EPTL"
TIMELINE_VERSION = const(1)
_REC_FMT = "<QBBHI"  # t_us since start, kind, reserved, a, b

_BUTTON_NAMES = {"tap": SM.TAP, "double": SM.DOUBLE_TAP, "double_tap": SM.DOUBLE_TAP,
                 "hold": SM.HOLD_START, "release": SM.HOLD_END}


class BoardSetupError(ValueError):
    """A sim option that cannot work (bad WAV, bad button script, bad link URI)."""


def parse_buttons(spec: str) -> list:
    """"0.5:tap,3.0:hold,4.2:release" -> [(500, TAP), (3000, HOLD_START), (4200, HOLD_END)]."""
    out = []
    if not spec:
        return out
    for item in spec.split(","):
        item = item.strip()
        if not item:
            continue
        parts = item.split(":")
        if len(parts) != 2 or parts[1].strip() not in _BUTTON_NAMES:
            raise BoardSetupError("bad button event '" + item + "': write SECONDS:EVENT with "
                                  "EVENT one of tap, double, hold, release")
        try:
            t_ms = int(float(parts[0]) * 1000)
        except ValueError:
            raise BoardSetupError("bad button time in '" + item + "': use seconds, e.g. 0.5:tap")
        out.append((t_ms, _BUTTON_NAMES[parts[1].strip()]))
    out.sort(key=lambda e: e[0])
    return out


def open_wav_pcm16(path: str):
    """Open a 16 kHz mono 16-bit PCM WAV; returns (file positioned at data, data bytes)."""
    try:
        f = open(path, "rb")
    except OSError as e:
        raise BoardSetupError("cannot open the microphone WAV " + path + " (" + str(e)
                              + "); give a 16 kHz mono 16-bit WAV")
    hdr = f.read(12)
    if len(hdr) < 12 or hdr[0:4] != b"RIFF" or hdr[8:12] != b"WAVE":
        f.close()
        raise BoardSetupError(path + " is not a WAV file; give a 16 kHz mono 16-bit WAV")
    fmt_ok = False
    while True:
        ch = f.read(8)
        if len(ch) < 8:
            f.close()
            raise BoardSetupError(path + " has no data chunk; re-export it as a WAV")
        cid = ch[0:4]
        size = struct.unpack("<I", ch[4:8])[0]
        if cid == b"fmt ":
            body = f.read(size + (size & 1))
            fmt_tag, channels, rate, _, _, bits = struct.unpack("<HHIIHH", body[0:16])
            if fmt_tag not in (1, 0xFFFE) or channels != 1 or rate != 16000 or bits != 16:
                f.close()
                raise BoardSetupError(
                    path + " is " + str(rate) + " Hz, " + str(channels) + " channel(s), "
                    + str(bits) + "-bit; the earpiece needs 16000 Hz mono 16-bit PCM "
                    "(convert with: sox IN.wav -r 16000 -c 1 -b 16 OUT.wav)")
            fmt_ok = True
        elif cid == b"data":
            if not fmt_ok:
                f.close()
                raise BoardSetupError(path + " has its data before its format; re-export it")
            return f, size
        else:
            f.seek(size + (size & 1), 1)


def is_fifo(path: str) -> bool:
    """A FIFO path means live I/O (live_unix, imported only then)."""
    try:
        return (os.stat(path)[0] & _S_IFMT) == _S_IFIFO
    except OSError:
        return False


class _SerialLink(StreamLink):
    def __init__(self, path: str) -> None:
        self.path = path

    def open(self):
        import termios  # type: ignore[import]  # unix port only; not in the device stubs
        f = open(self.path, "r+b")
        try:
            fd = f.fileno()
            termios.setraw(fd)
            # VMIN = VTIME = 0: a read returns what has arrived instead of waiting for a full
            # buffer (Linux indices: VTIME 5, VMIN 6)
            attrs = termios.tcgetattr(fd)
            attrs[6][5] = 0
            attrs[6][6] = 0
            termios.tcsetattr(fd, termios.TCSANOW, attrs)
        except OSError:
            f.close()
            raise
        self.sock = f
        return f


def parse_link(uri: str):
    if uri.startswith("tcp://"):
        rest = uri[6:]
        i = rest.rfind(":")
        if i <= 0:
            raise BoardSetupError("bad link '" + uri + "': write tcp://HOST:PORT")
        try:
            port = int(rest[i + 1:])
        except ValueError:
            raise BoardSetupError("bad port in '" + uri + "': write tcp://HOST:PORT")
        return TcpLink(rest[:i], port)
    if uri.startswith("serial://"):
        return _SerialLink(uri[9:])
    raise BoardSetupError("unknown link '" + uri + "': use tcp://HOST:PORT or "
                          "serial:///dev/pts/N")


class UnixBoard:
    """The board_api.Board seam for the MicroPython unix port."""

    capabilities = 0x01 | 0x02 | 0x04 | 0x80  # microphone, speaker, button, volume control
    exact_reads = False  # non-blocking socket / VMIN=0 tty: readinto returns what arrived

    def __init__(self, connect: str, mic_path=None, speaker_path=None, timeline_path=None,
                 buttons: str = "", device_id: str = "virtual-earpiece",
                 battery_mv: int = 0, fail_at_ms: int = -1) -> None:
        self.device_id = device_id
        # a monotonic clock: ticks_us wraps every 2^30 us (~18 min, ticks_diff ~9 min), so the
        # elapsed time is accumulated on every reading (the loop reads it many times a second)
        self._last_us = time.ticks_us()
        self._elapsed_us = 0
        self._battery_mv = battery_mv
        self._fail_at_ms = fail_at_ms  # inject one exception into the loop (tests recovery)
        self.led_code = -1
        self.led_changes = 0
        self._link = parse_link(connect)
        self._stream = None
        self._poll = select.poll()
        self._wpoll = select.poll()
        self._zeros = bytearray(_FRAME_BYTES)
        # mic
        self._mic_file = None
        self._mic_left = 0
        self._live_mic = None  # live_unix.LiveMic; _mic_left is -1 until its writer closes
        self._mic_last_us = 0
        if mic_path and is_fifo(mic_path):
            from live_unix import LiveMic
            self._live_mic = LiveMic(mic_path)
            self._mic_left = -1
        elif mic_path:
            self._mic_file, self._mic_left = open_wav_pcm16(mic_path)
        self._mic_running = False
        self._mic_start_us = 0
        self._mic_index = 0
        self.mic_bytes_from_file = 0
        # speaker
        self._spk_file = None
        self.speaker_bytes = 0
        self._live_spk = None  # live_unix.LiveSpeaker: raw PCM, no header
        if speaker_path and is_fifo(speaker_path):
            from live_unix import LiveSpeaker
            self._live_spk = LiveSpeaker(speaker_path, self.log)
        elif speaker_path:
            self._spk_file = open(speaker_path, "wb")
            self._spk_file.write(self._wav_header(0))
        self._spk_active = False
        self._spk_next_us = 0
        # the speaker heard by the mic (--echo-path), or None
        self.echo = None  # type: EchoPath | None
        self._spk_index = 0
        # the speaker's clock: samples written, 320 a frame (gaps included), mod 2**30; and
        # where it stood as the last mic frame's first sample was captured (mic_speaker_pos)
        self._spk_clock = 0
        self._mic_spk_pos = 0
        # On the ESP32 a stretch of playback starts when the DMA reaches the next descriptor, up
        # to 16 ms after the board reckons, at a phase it cannot see: the echo path hears this
        # board's speaker that much later too (a different phase each stretch), while its
        # playback positions, like the ESP32's, know nothing of it.
        self._dma_phase_us = 0
        self._stretches = 0
        self.underruns = 0
        # buttons
        self._live_btn = None  # live_unix.LiveButtons: event names, one a line
        if buttons and is_fifo(buttons):
            from live_unix import LiveButtons
            self._buttons = []
            self._live_btn = LiveButtons(buttons, _BUTTON_NAMES, self.log)
        else:
            self._buttons = parse_buttons(buttons)
        self._button_i = 0
        # timeline
        self._tl_file = None
        self._tl_buf = bytearray(_REC_BYTES * _REC_PER_BLOCK)
        self._tl_fill = 0
        if timeline_path:
            self._tl_file = open(timeline_path, "wb")
            hdr = bytearray(16)
            hdr[0:4] = TIMELINE_MAGIC
            struct.pack_into("<HH", hdr, 4, TIMELINE_VERSION, _REC_BYTES)
            self._tl_file.write(hdr)

    # ---- time ----------------------------------------------------------------------------
    def ticks_ms(self) -> int:
        return time.ticks_ms()  # type: ignore[return-value]  # opaque in the stubs, an int here

    def now_us(self) -> int:
        t = time.ticks_us()
        self._elapsed_us += time.ticks_diff(t, self._last_us)
        self._last_us = t
        return self._elapsed_us

    def due_in_ms(self) -> int:
        now = self.now_us()
        due = _FAR_MS * 1000
        if self._mic_running and self._mic_left < 0:  # live: due 20 ms after the last frame
            d = self._mic_last_us + _FRAME_US - now
            if d < _LATE_POLL_US:
                d = _LATE_POLL_US
            if d < due:
                due = d
        elif self._mic_running:
            d = self._mic_start_us + (self._mic_index + 1) * _FRAME_US - now
            if d < due:
                due = d
        if self._spk_active:
            d = self._spk_next_us - now
            if d < due:
                due = d
        if self._button_i < len(self._buttons):
            d = self._buttons[self._button_i][0] * 1000 - now
            if d < due:
                due = d
        if due <= 0:
            return 0
        return (due + 999) // 1000

    # ---- microphone ----------------------------------------------------------------------
    def mic_start(self) -> None:
        if not self._mic_running:  # the room's sound starts when the device first listens
            self._mic_running = True
            self._mic_start_us = self.now_us()
            self._mic_last_us = self._mic_start_us
            if self._live_mic is not None:
                self._live_mic.drain()
                if self._live_mic.ended:
                    self._mic_end(0)

    def mic_stop(self) -> None:
        pass  # a real microphone keeps hearing the room; the app just stops sending

    def mic_done(self) -> bool:
        """The device has listened and the WAV (if any) has been heard to its end."""
        return self._mic_running and self._mic_left == 0

    def _mic_end(self, n: int) -> None:
        """The live writer closed: from here on silence, paced by this board's clock."""
        self._mic_left = 0
        self._mic_start_us = self.now_us() - (self._mic_index + (1 if n else 0)) * _FRAME_US

    def _mic_live_readinto(self, buf: bytearray) -> int:
        """A frame as soon as the writer has delivered it: the sound card's clock paces a live
        mic, as the I2S clock paces the real one."""
        mic = self._live_mic
        n = mic.readinto(buf, self._zeros)  # type: ignore[union-attr]  # live mic only
        self.mic_bytes_from_file = mic.bytes_read  # type: ignore[union-attr]
        if mic.ended:  # type: ignore[union-attr]
            self._mic_end(n)
        if n == 0:
            return 0
        now = self.now_us()
        self._mic_last_us = now
        self._mic_speaker_at(now - _FRAME_US)
        idx = self._mic_index
        self._mic_index = idx + 1
        self._mark_at(now, M.MARK_MIC_CAPTURED, idx, (idx + 1) * _SAMPLES_PER_FRAME)
        return _FRAME_BYTES

    def mic_readinto(self, buf: bytearray) -> int:
        if not self._mic_running:
            return 0
        if self._mic_left < 0:
            return self._mic_live_readinto(buf)
        due_us = self._mic_start_us + (self._mic_index + 1) * _FRAME_US
        if self.now_us() < due_us:
            return 0
        n = 0
        f = self._mic_file
        if f is not None and self._mic_left > 0:
            want = _FRAME_BYTES if self._mic_left >= _FRAME_BYTES else self._mic_left
            n = f.readinto(buf, want) or 0
            self._mic_left = self._mic_left - n if n == want else 0
            self.mic_bytes_from_file += n
        if n < _FRAME_BYTES:
            move(buf, n, self._zeros, 0, _FRAME_BYTES - n)
        t_us = self._mic_start_us + self._mic_index * _FRAME_US
        if self.echo is not None:
            self.echo.mix_into(t_us * 16 // 1000, buf, _FRAME_BYTES)
        self._mic_speaker_at(t_us)
        idx = self._mic_index
        self._mic_index = idx + 1
        self._mark_at(due_us, M.MARK_MIC_CAPTURED, idx, (idx + 1) * _SAMPLES_PER_FRAME)
        return _FRAME_BYTES

    def _mic_speaker_at(self, t_us: int) -> None:
        """Where the speaker's clock stood at t_us (a mic frame's first sample): what was
        written less what was still queued then, the account the ESP32 board keeps too (this
        board plays each frame in its slot, so here it is exact to the sample)."""
        left = self._spk_next_us * 16 // 1000 - t_us * 16 // 1000  # samples, as the echo path
        if left < 0:
            left = 0
        self._mic_spk_pos = (self._spk_clock - left) & _POS_MASK

    def mic_speaker_pos(self) -> int:
        return self._mic_spk_pos

    # ---- speaker -------------------------------------------------------------------------
    def speaker_start(self) -> None:
        if not self._spk_active:
            self._spk_active = True
            self._spk_next_us = self.now_us()
            self._new_stretch()

    def _new_stretch(self) -> None:
        self._stretches += 1
        self._dma_phase_us = (self._stretches * _DMA_PHASE_STEP_US) % _DMA_DESCRIPTOR_US

    def speaker_stop(self, drain: bool = False) -> None:
        if self._spk_active:
            self._spk_active = False
            self._sync_files()

    def _sync_files(self) -> None:
        """Make the speaker WAV and the timeline readable as they stand (after each reply),
        so a sim that is killed rather than stopped still leaves valid files."""
        f = self._spk_file
        if f is not None:
            f.seek(0)
            f.write(self._wav_header(self.speaker_bytes))
            f.seek(0, 2)
            f.flush()
        self._flush_timeline()
        if self._tl_file is not None:
            self._tl_file.flush()

    def speaker_needs_frame(self) -> bool:
        return self._spk_active and self.now_us() >= self._spk_next_us

    def speaker_write(self, buf: bytearray, n: int) -> None:
        if n > 0:
            if self._live_spk is not None:
                self._live_spk.write(buf, n)
            elif self._spk_file is not None:
                self._spk_file.write(buf, 0, n)
            self.speaker_bytes += n
            if self.echo is not None:
                self.echo.played((self._spk_next_us + self._dma_phase_us) * 16 // 1000, buf, n)
            self.mark(M.MARK_SPEAKER_PLAYED, n, self._spk_index)
            self._spk_index += 1
        else:
            self.underruns += 1
        self._spk_next_us += _FRAME_US
        self._spk_clock = (self._spk_clock + _SAMPLES_PER_FRAME) & _POS_MASK

    def _wav_header(self, data_bytes: int) -> bytes:
        return struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + data_bytes, b"WAVE", b"fmt ", 16,
                           1, 1, 16000, 32000, 2, 16, b"data", data_bytes)

    # ---- buttons, LED, power -------------------------------------------------------------
    def button_event(self) -> int:
        now_ms = self.now_us() // 1000
        if 0 <= self._fail_at_ms <= now_ms:
            self._fail_at_ms = -1
            raise RuntimeError("injected failure (the sim's --fail-at-s)")
        if self._live_btn is not None:
            return self._live_btn.event()
        i = self._button_i
        if i < len(self._buttons):
            t_ms, ev = self._buttons[i]
            if now_ms >= t_ms:
                self._button_i = i + 1
                return ev
        return M.NO_EVENT

    def buttons_done(self) -> bool:
        return self._button_i >= len(self._buttons)

    def led(self, state: int) -> None:
        """Record the LED pattern (leds.py code) in the timeline."""
        if state != self.led_code:
            self.led_code = state
            self.led_changes += 1
            self.mark(M.MARK_LED, state, 0)

    def battery_mv(self) -> int:
        return self._battery_mv

    def rssi_dbm(self) -> int:
        return 0

    # ---- link ----------------------------------------------------------------------------
    def link_open(self) -> bool:
        try:
            s = self._link.open()
        except OSError:
            return False
        self._stream = s
        self._poll = select.poll()
        self._poll.register(s, select.POLLIN)
        self._wpoll = select.poll()
        self._wpoll.register(s, select.POLLOUT)
        return True

    def link_wait(self, timeout_ms: int) -> bool:
        if self._stream is None:
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
        if got is None:  # nothing waiting on a non-blocking socket
            return 0
        return got if got > 0 else -1  # 0 after poll said readable: the peer closed

    def link_write(self, buf: bytearray, n: int) -> bool:
        s = self._stream
        if s is None:
            return False
        off = 0
        waited_ms = 0
        while off < n:
            try:
                w = s.write(buf, off, n - off)  # type: ignore[call-arg]  # (buf, off, len)
            except OSError:
                return False
            if not w:  # the host is not reading fast enough: wait for room, but not forever
                if waited_ms >= _WRITE_TIMEOUT_MS:
                    return False
                for _ in self._wpoll.ipoll(10):
                    break
                waited_ms += 10
                continue
            off += w
        return True

    def link_close(self) -> None:
        if self._stream is not None:
            for p in (self._poll, self._wpoll):
                try:
                    p.unregister(self._stream)
                except (OSError, KeyError):
                    pass
        self._stream = None
        self._link.close()

    # ---- timeline and log ----------------------------------------------------------------
    def mark(self, kind: int, a: int, b: int) -> None:
        self._mark_at(self.now_us(), kind, a, b)

    def _mark_at(self, t_us: int, kind: int, a: int, b: int) -> None:
        if self._tl_file is None:
            return
        struct.pack_into(_REC_FMT, self._tl_buf, self._tl_fill, t_us, kind, 0, a & 0xFFFF,
                         b & 0xFFFFFFFF)
        self._tl_fill += _REC_BYTES
        if self._tl_fill >= _REC_BYTES * _REC_PER_BLOCK:
            self._flush_timeline()
        elif kind == M.MARK_CONNECT or kind == M.MARK_LINK_DOWN or kind == M.MARK_WELCOME:
            self._flush_timeline()  # rare link events: readable at once by a watching test
            self._tl_file.flush()

    def _flush_timeline(self) -> None:
        if self._tl_file is not None and self._tl_fill:
            self._tl_file.write(self._tl_buf, 0, self._tl_fill)
        self._tl_fill = 0

    def log(self, message: str) -> None:
        sys.stderr.write("earpiece: " + message + "\n")

    def close(self) -> None:
        self.link_close()
        self._flush_timeline()
        if self._tl_file is not None:
            self._tl_file.close()
            self._tl_file = None
        if self._spk_file is not None:
            self._spk_file.seek(0)
            self._spk_file.write(self._wav_header(self.speaker_bytes))
            self._spk_file.close()
            self._spk_file = None
        if self._mic_file is not None:
            self._mic_file.close()
            self._mic_file = None
        for live in (self._live_mic, self._live_spk, self._live_btn):
            if live is not None:
                live.close()
        self._live_mic = self._live_spk = self._live_btn = None
