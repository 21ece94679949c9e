"""The live audio bridge: the laptop's microphone and speakers for the virtual earpiece.

MicroPython cannot reach a sound card, so the firmware reads its microphone from a FIFO and
writes its speaker into another (raw 16 kHz mono s16le, whole 20 ms frames), and this CPython
bridge connects those FIFOs to an AudioDevice: the sound card through sounddevice, or WAV data
(tests, and anyone without a sound card).

    device mic callback --frames--> mic FIFO (at most ~200 ms queued; the oldest is dropped)
    speaker FIFO --frames--> jitter buffer (~60 ms prebuffer, silence when empty) --> device
"""

from __future__ import annotations

import array
import errno
import fcntl
import os
import select
import stat
import termios
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from earpiece_host.audio import FRAME_BYTES, FRAME_MS, FRAME_SAMPLES, SAMPLE_RATE_HZ, read_wav_16k

SILENCE = bytes(FRAME_BYTES)

MicCallback = Callable[[bytes], None]
"""Called with each captured 20 ms frame (640 bytes), and once with b"" when the input ends."""
SpeakerCallback = Callable[[], bytes]
"""Called once per 20 ms of output; returns the next 640-byte frame to play."""


class LiveAudioError(RuntimeError):
    """Live audio cannot start (no PortAudio, no device, a device that cannot do 16 kHz)."""


@dataclass(frozen=True)
class BridgeConfig:
    """Latency bounds of the bridge, in milliseconds (multiples of the 20 ms frame)."""

    mic_max_backlog_ms: int = 200
    speaker_prebuffer_ms: int = 60
    speaker_max_buffer_ms: int = 200

    def __post_init__(self) -> None:
        for name in ("mic_max_backlog_ms", "speaker_prebuffer_ms", "speaker_max_buffer_ms"):
            value = getattr(self, name)
            if value < FRAME_MS or value % FRAME_MS:
                raise ValueError(f"{name} is {value}; give a multiple of {FRAME_MS} ms")
        if self.speaker_prebuffer_ms > self.speaker_max_buffer_ms:
            raise ValueError("speaker_prebuffer_ms must not exceed speaker_max_buffer_ms")


@dataclass(frozen=True)
class BridgeStats:
    """What the bridge did, in 20 ms frames."""

    mic_frames: int            # captured by the device and written towards the firmware
    mic_frames_dropped: int    # the oldest audio dropped because the firmware fell behind
    speaker_frames: int        # played frames received from the firmware
    speaker_frames_played: int
    speaker_frames_dropped: int  # the oldest dropped because the output fell behind
    speaker_gaps: int          # times the buffer ran dry while playing (ends of replies too)


class AudioDevice(Protocol):
    """A source of 20 ms microphone frames and a sink for 20 ms speaker frames, both paced by
    the device's own clock. Either side may be absent (None callback)."""

    description: str

    def start(self, on_mic_frame: MicCallback | None,
              next_speaker_frame: SpeakerCallback | None) -> None: ...

    def stop(self) -> None: ...


# ---- the pure part: the speaker's jitter buffer -------------------------------------------

class JitterBuffer:
    """Frames from the firmware in, one frame per output tick out.

    Playback starts once `prebuffer_frames` are queued, or once the oldest queued frame has
    waited the prebuffer time (so a short reply's tail is not held back); it pauses (silence)
    when the queue runs dry. Past `max_frames` the oldest frame is dropped, which bounds the
    latency when the output clock runs slower than the firmware's.
    """

    def __init__(self, prebuffer_frames: int, max_frames: int) -> None:
        self.prebuffer_frames = prebuffer_frames
        self.prebuffer_s = prebuffer_frames * FRAME_MS / 1000
        self.max_frames = max_frames
        self._queue: deque[tuple[float, bytes]] = deque()
        self.playing = False
        self.received = 0
        self.played = 0
        self.dropped = 0
        self.gaps = 0

    def __len__(self) -> int:
        return len(self._queue)

    def push(self, frame: bytes, now_s: float) -> None:
        if len(self._queue) >= self.max_frames:
            self._queue.popleft()
            self.dropped += 1
        self._queue.append((now_s, frame))
        self.received += 1

    def pull(self, now_s: float) -> bytes:
        if not self.playing:
            if not self._queue:
                return SILENCE
            oldest_s = self._queue[0][0]
            if len(self._queue) < self.prebuffer_frames and now_s - oldest_s < self.prebuffer_s:
                return SILENCE
            self.playing = True
        if not self._queue:
            self.playing = False
            self.gaps += 1
            return SILENCE
        self.played += 1
        return self._queue.popleft()[1]


# ---- the FIFO ends ------------------------------------------------------------------------

def make_fifo(path: Path) -> Path:
    """Create a FIFO (a named pipe) at path, replacing nothing: the path must not exist."""
    try:
        os.mkfifo(path, 0o600)
    except FileExistsError:
        if not stat.S_ISFIFO(path.stat().st_mode):
            raise LiveAudioError(f"{path} exists and is not a FIFO; remove it or pick another "
                                 "path") from None
    return path


def _open_fifo_end(path: Path) -> int:
    """Open a FIFO read-write and non-blocking: the open never waits for the other side, the
    firmware's own open never waits for us, and a write or read never blocks."""
    return os.open(path, os.O_RDWR | os.O_NONBLOCK)


def _pending_bytes(fd: int) -> int | None:
    """Bytes queued in a pipe (FIONREAD), or None where the platform cannot tell."""
    buf = array.array("i", [0])
    try:
        fcntl.ioctl(fd, termios.FIONREAD, buf, True)
    except OSError:
        return None
    return buf[0]


class MicFifo:
    """The bridge's end of the firmware's microphone FIFO.

    The pipe itself is the queue: before each frame is added, audio beyond the backlog bound is
    read back out of the pipe (the oldest first) and dropped, so the firmware never hears audio
    older than the bound. All reads and writes are whole frames, so frames stay aligned even
    though the bridge and the firmware both read the pipe.
    """

    def __init__(self, path: Path, max_backlog_ms: int) -> None:
        self.path = path
        self.max_backlog_bytes = max_backlog_ms // FRAME_MS * FRAME_BYTES
        self.frames = 0
        self.dropped = 0
        self._fd = _open_fifo_end(make_fifo(path))
        self._lock = threading.Lock()

    def write_frame(self, frame: bytes) -> None:
        if len(frame) != FRAME_BYTES:
            raise ValueError(f"a mic frame is {FRAME_BYTES} bytes, not {len(frame)}")
        with self._lock:
            fd = self._fd
            if fd < 0:
                return
            pending = _pending_bytes(fd)
            if pending is not None and pending + FRAME_BYTES > self.max_backlog_bytes:
                excess = pending + FRAME_BYTES - self.max_backlog_bytes
                frames = -(-excess // FRAME_BYTES)
                try:
                    got = len(os.read(fd, frames * FRAME_BYTES))
                except BlockingIOError:  # the firmware emptied it meanwhile
                    got = 0
                self.dropped += got // FRAME_BYTES
            try:
                os.write(fd, frame)
                self.frames += 1
            except BlockingIOError:  # the pipe is full (no FIONREAD here): drop the newest
                self.dropped += 1

    def close(self) -> None:
        """The input has ended: the firmware reads what is queued, then sees the end."""
        with self._lock:
            if self._fd >= 0:
                os.close(self._fd)
                self._fd = -1


class SpeakerFifo:
    """The bridge's end of the firmware's speaker FIFO: a thread moves whole frames from the
    pipe into the jitter buffer."""

    def __init__(self, path: Path, jitter: JitterBuffer) -> None:
        self.path = path
        self.jitter = jitter
        self.lock = threading.Lock()
        self._fd = _open_fifo_end(make_fifo(path))
        self._partial = bytearray()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="speaker fifo", daemon=True)
        self._thread.start()

    def next_frame(self) -> bytes:
        with self.lock:
            return self.jitter.pull(time.monotonic())

    def _run(self) -> None:
        poller = select.poll()
        poller.register(self._fd, select.POLLIN)
        while not self._stop.is_set():
            if not poller.poll(50):
                continue
            try:
                data = os.read(self._fd, 16 * FRAME_BYTES)
            except BlockingIOError:
                continue
            except OSError as err:
                if err.errno == errno.EBADF:  # closed by stop()
                    return
                raise
            self._partial += data
            now_s = time.monotonic()
            whole = len(self._partial) - len(self._partial) % FRAME_BYTES
            with self.lock:
                for off in range(0, whole, FRAME_BYTES):
                    self.jitter.push(bytes(self._partial[off:off + FRAME_BYTES]), now_s)
            del self._partial[:whole]

    def has_partial_frame(self) -> bool:
        return bool(self._partial)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=1.0)
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


class ButtonFifo:
    """The firmware's live buttons FIFO: each line written is one press ('tap', 'double',
    'hold', 'release'); press_on_enter() turns the Enter key into taps."""

    def __init__(self, path: Path) -> None:
        self.path = make_fifo(path)
        self._fd = _open_fifo_end(path)
        self.presses = 0

    def press(self, name: str = "tap") -> None:
        if self._fd >= 0:
            try:
                os.write(self._fd, name.encode() + b"\n")
                self.presses += 1
            except BlockingIOError:  # the firmware has not read 4 KB of presses: it is gone
                pass

    def press_on_enter(self, stream) -> threading.Thread:
        """A thread that taps once per line read from stream (the keyboard) until it ends."""
        def run() -> None:
            if stream is None:  # no keyboard (a detached process): scripted presses only
                return
            for _ in stream:
                self.press("tap")

        thread = threading.Thread(target=run, name="enter taps", daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


# ---- the bridge ---------------------------------------------------------------------------

class LiveBridge:
    """Connects an AudioDevice to the firmware's microphone and speaker FIFOs.

    Create it (the FIFOs are made and opened), start the firmware with `--mic mic_fifo
    --speaker speaker_fifo`, then call start(); stop() when the firmware has exited.
    """

    def __init__(self, device: AudioDevice, mic_fifo: Path | None, speaker_fifo: Path | None,
                 config: BridgeConfig = BridgeConfig()) -> None:
        if mic_fifo is None and speaker_fifo is None:
            raise ValueError("a bridge needs a mic FIFO, a speaker FIFO, or both")
        self.device = device
        self.config = config
        self.mic: MicFifo | None = None
        self.speaker: SpeakerFifo | None = None
        if mic_fifo is not None:
            self.mic = MicFifo(mic_fifo, config.mic_max_backlog_ms)
        if speaker_fifo is not None:
            jitter = JitterBuffer(config.speaker_prebuffer_ms // FRAME_MS,
                                  config.speaker_max_buffer_ms // FRAME_MS)
            try:
                self.speaker = SpeakerFifo(speaker_fifo, jitter)
            except BaseException:
                if self.mic is not None:
                    self.mic.close()
                raise
        self._started = False

    def start(self) -> None:
        on_mic = self._on_mic_frame if self.mic is not None else None
        on_speaker = self.speaker.next_frame if self.speaker is not None else None
        self.device.start(on_mic, on_speaker)
        self._started = True

    def _on_mic_frame(self, frame: bytes) -> None:
        mic = self.mic
        if mic is None:
            return
        if not frame:
            mic.close()
            return
        mic.write_frame(frame)

    def drain(self, timeout_s: float) -> bool:
        """Wait (at most timeout_s) until the speech already received has been played, so the
        end of a reply is not cut off when the firmware exits. True when it was."""
        spk = self.speaker
        if spk is None or not self._started:
            return True
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with spk.lock:
                if not len(spk.jitter) and not spk.has_partial_frame():
                    return True
            time.sleep(FRAME_MS / 1000)
        return False

    def stats(self) -> BridgeStats:
        mic, spk = self.mic, self.speaker
        jitter = spk.jitter if spk is not None else JitterBuffer(1, 1)  # an empty one: zeros
        return BridgeStats(
            mic_frames=mic.frames if mic is not None else 0,
            mic_frames_dropped=mic.dropped if mic is not None else 0,
            speaker_frames=jitter.received, speaker_frames_played=jitter.played,
            speaker_frames_dropped=jitter.dropped, speaker_gaps=jitter.gaps)

    def stop(self) -> None:
        if self._started:
            self.device.stop()
            self._started = False
        if self.mic is not None:
            self.mic.close()
        if self.speaker is not None:
            self.speaker.close()

    def __enter__(self) -> LiveBridge:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# ---- devices ------------------------------------------------------------------------------

class WavAudioDevice:
    """An AudioDevice made of data: the microphone plays `mic_pcm` (16 kHz mono s16le) and then
    ends; the speaker's frames are collected in `played`. A thread paces both at 20 ms by the
    monotonic clock, as a sound card's clock would. `start_when` holds the microphone back
    until it is set (e.g. until the host has welcomed the device)."""

    def __init__(self, mic_pcm: bytes = b"", start_when: threading.Event | None = None,
                 description: str = "WAV data") -> None:
        self.mic_pcm = mic_pcm
        self.start_when = start_when
        self.description = description
        self.played = bytearray()
        self.mic_frames_sent = 0
        self.mic_ended = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def from_wav(cls, path: str | Path, **kwargs) -> WavAudioDevice:
        return cls(read_wav_16k(path), description=f"WAV {Path(path).name}", **kwargs)

    def start(self, on_mic_frame: MicCallback | None,
              next_speaker_frame: SpeakerCallback | None) -> None:
        self._thread = threading.Thread(target=self._run, args=(on_mic_frame, next_speaker_frame),
                                        name="wav audio device", daemon=True)
        self._thread.start()

    def _run(self, on_mic: MicCallback | None, next_speaker: SpeakerCallback | None) -> None:
        period_s = FRAME_MS / 1000
        offset = 0
        mic_done = on_mic is None
        t_next = time.monotonic()
        while not self._stop.is_set():
            if on_mic is not None and not mic_done and (self.start_when is None
                                                        or self.start_when.is_set()):
                if offset < len(self.mic_pcm):
                    frame = self.mic_pcm[offset:offset + FRAME_BYTES]
                    on_mic(frame.ljust(FRAME_BYTES, b"\0"))
                    offset += FRAME_BYTES
                    self.mic_frames_sent += 1
                else:
                    on_mic(b"")
                    mic_done = True
                    self.mic_ended.set()
            if next_speaker is not None:
                self.played += next_speaker()
            t_next += period_s
            delay_s = t_next - time.monotonic()
            if delay_s > 0:
                self._stop.wait(delay_s)
            else:
                t_next = time.monotonic()  # far behind (a stalled machine): do not burst

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2.0)


def _import_sounddevice():
    try:
        import sounddevice
    except ImportError as err:
        raise LiveAudioError("live audio needs the sounddevice package: pip install sounddevice "
                             "(or install the project with its 'audio' extra)") from err
    except OSError as err:  # the package is there but the PortAudio library is not
        raise LiveAudioError(f"sounddevice cannot load the PortAudio library ({err}); install it "
                             "(Debian/Ubuntu: apt-get install libportaudio2; macOS: brew install "
                             "portaudio), or use --mic FILE.wav and --speaker FILE.wav") from err
    return sounddevice


def _pick_device(sd, wanted: str | int | None, kind: str) -> dict:
    """The device to use: the default of its kind, or one chosen by index or name part."""
    what = "input" if kind == "input" else "output"
    hint = ("plug in a microphone or use --mic FILE.wav" if kind == "input"
            else "plug in speakers or headphones, or use --speaker FILE.wav")
    try:
        if wanted is None:
            info = sd.query_devices(kind=kind)
        else:
            info = sd.query_devices(int(wanted) if str(wanted).isdigit() else wanted)
    except sd.PortAudioError:
        if wanted is None:
            raise LiveAudioError(f"no {what} device found; {hint}") from None
        raise LiveAudioError(f"no {what} device {wanted}; list them with 'earpiece sim "
                             f"--list-devices', or {hint}") from None
    except ValueError as err:  # no device matches the name, or several do
        raise LiveAudioError(f"{what} device '{wanted}': {err}; list them with "
                             "'earpiece sim --list-devices'") from None
    if not info or info.get(f"max_{what}_channels", 0) < 1:
        raise LiveAudioError(f"no {what} device found; {hint}")
    return dict(info)


def list_devices() -> str:
    """The sound devices PortAudio sees, as `python -m sounddevice` prints them."""
    sd = _import_sounddevice()
    return str(sd.query_devices()) or "no sound devices found"


class SoundDeviceAudio:
    """An AudioDevice on the computer's own sound card, through sounddevice (PortAudio).

    Streams run at 16 kHz mono 16-bit with 20 ms blocks; PortAudio (or the system's sound
    server) converts from the hardware's rate. Devices are checked when this is created, so a
    missing or unsuitable device is reported before the firmware starts.
    """

    def __init__(self, use_input: bool, use_output: bool, input_device: str | int | None = None,
                 output_device: str | int | None = None) -> None:
        self._sd = sd = _import_sounddevice()
        self.input_info = _pick_device(sd, input_device, "input") if use_input else None
        self.output_info = _pick_device(sd, output_device, "output") if use_output else None
        for info, check, what in ((self.input_info, sd.check_input_settings, "microphone"),
                                  (self.output_info, sd.check_output_settings, "speaker")):
            if info is None:
                continue
            try:
                check(device=info["index"], samplerate=SAMPLE_RATE_HZ, channels=1,
                      dtype="int16")
            except (sd.PortAudioError, ValueError) as err:
                raise LiveAudioError(
                    f"the {what} '{info['name']}' cannot run at {SAMPLE_RATE_HZ} Hz mono 16-bit "
                    f"({err}); pick another with --input-device/--output-device "
                    "(see --list-devices)") from None
        parts = []
        if self.input_info is not None:
            parts.append(f"microphone: {self.input_info['name']} (device "
                         f"{self.input_info['index']})")
        if self.output_info is not None:
            parts.append(f"speaker: {self.output_info['name']} (device "
                         f"{self.output_info['index']})")
        self.description = "; ".join(parts)
        self._streams: list = []
        self.status_flags = 0  # PortAudio over/underflows reported to the callbacks

    def start(self, on_mic_frame: MicCallback | None,
              next_speaker_frame: SpeakerCallback | None) -> None:
        sd = self._sd
        try:
            if on_mic_frame is not None and self.input_info is not None:
                def on_input(indata, frames, time_info, status) -> None:
                    if status:
                        self.status_flags += 1
                    on_mic_frame(bytes(indata))

                self._streams.append(sd.RawInputStream(
                    samplerate=SAMPLE_RATE_HZ, blocksize=FRAME_SAMPLES, channels=1,
                    dtype="int16", device=self.input_info["index"], callback=on_input))
            if next_speaker_frame is not None and self.output_info is not None:
                def on_output(outdata, frames, time_info, status) -> None:
                    if status:
                        self.status_flags += 1
                    outdata[:] = next_speaker_frame()

                self._streams.append(sd.RawOutputStream(
                    samplerate=SAMPLE_RATE_HZ, blocksize=FRAME_SAMPLES, channels=1,
                    dtype="int16", device=self.output_info["index"], callback=on_output))
            for stream in self._streams:
                stream.start()
        except sd.PortAudioError as err:
            self.stop()
            raise LiveAudioError(f"cannot open the sound device ({err}); is another program "
                                 "holding it? Try --list-devices") from None

    def stop(self) -> None:
        for stream in self._streams:
            try:
                stream.stop()
                stream.close()
            except self._sd.PortAudioError:
                pass  # already gone with the device; nothing left to release
        self._streams = []
