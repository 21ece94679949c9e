"""Live microphone, speaker and buttons of the virtual earpiece, through FIFOs.

board_unix imports this only when a --mic, --speaker or --buttons path is a FIFO, so a WAV run
(and the 96 KB heap budget it checks) does not carry it. Audio is raw PCM, 16 kHz mono s16le,
written and read in whole 640-byte frames; buttons are event names, one a line. The other end
is normally earpiece_tools.live_audio (docs/live_audio.md), which owns the sound card.
"""
import select

from micropython import const

from bufops import move

_FRAME_BYTES = const(640)
_MAX_DRAIN_FRAMES = const(100)


class LiveMic:
    """A microphone fed by a FIFO. Opening waits for a writer (the bridge opens its end first).

    A writer sends whole frames (pipe writes up to 4 KB are atomic), so a readable FIFO holds a
    whole frame and a read never blocks the loop."""

    def __init__(self, path: str) -> None:
        self._file = open(path, "rb")
        self._poll = select.poll()
        self._poll.register(self._file, select.POLLIN)
        self.ended = False  # the writer closed: silence from here on
        self.bytes_read = 0

    def _ready(self) -> bool:
        for _ in self._poll.ipoll(0):
            return True  # data, or POLLHUP: the writer closed (the read then returns 0)
        return False

    def drain(self) -> None:
        """Drop what the stream buffered before the device first listened."""
        scratch = bytearray(_FRAME_BYTES)  # once: the mic starts once
        for _ in range(_MAX_DRAIN_FRAMES):
            if self.ended or not self._ready():
                return
            if (self._file.readinto(scratch, _FRAME_BYTES) or 0) < _FRAME_BYTES:
                self.ended = True

    def readinto(self, buf: bytearray, zeros: bytearray) -> int:
        """640 when a frame has arrived (a last partial one padded with zeros), else 0."""
        if self.ended or not self._ready():
            return 0
        n = self._file.readinto(buf, _FRAME_BYTES) or 0
        self.bytes_read += n
        if n < _FRAME_BYTES:
            self.ended = True
            if n == 0:
                return 0
            move(buf, n, zeros, 0, _FRAME_BYTES - n)
        return _FRAME_BYTES

    def close(self) -> None:
        self._file.close()


class LiveSpeaker:
    """A speaker that streams played frames into a FIFO and never waits on it: a frame the
    reader has no room for is dropped and counted; a reader that went away ends the stream."""

    def __init__(self, path: str, log) -> None:
        self._file = open(path, "wb")
        self._poll = select.poll()
        self._poll.register(self._file, select.POLLOUT)
        self._log = log
        self.dropped_frames = 0

    def write(self, buf: bytearray, n: int) -> None:
        f = self._file
        if f is None:
            return
        for _ in self._poll.ipoll(0):  # POLLOUT: at least 4 KB free
            try:
                f.write(buf, 0, n)  # type: ignore[call-arg]  # (buf, off, len)
            except OSError:
                self._log("the live speaker stream closed; playing on without it")
                self.close()
            return
        self.dropped_frames += 1

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class LiveButtons:
    """Presses written to a FIFO as lines ('tap' when the user hits Enter in the sim)."""

    def __init__(self, path: str, names: dict, log) -> None:
        self._file = open(path, "rb")
        self._poll = select.poll()
        self._poll.register(self._file, select.POLLIN)
        self._names = names
        self._log = log
        self._open = True

    def event(self) -> int:
        """A button event code, or -1."""
        if not self._open:
            return -1
        for _ in self._poll.ipoll(0):
            line = self._file.readline()  # writers send whole lines
            if not line:  # the writer closed: no more presses
                self._open = False
                self._poll.unregister(self._file)
                return -1
            name = line.decode().strip()
            if name in self._names:
                return self._names[name]
            self._log("unknown button event '" + name + "'; write tap, double, hold or release")
        return -1

    def close(self) -> None:
        self._file.close()
