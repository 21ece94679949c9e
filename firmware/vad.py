"""Hands-free voice gate: an energy detector with an adaptive noise floor, and a pre-roll ring.

Runs on every microphone frame while the device is idle with hands-free on, so it must be cheap:
the frame energy is a viper loop (no per-sample Python), the rest is integer arithmetic on one
number per frame. The pre-roll keeps the last ~300 ms so the first syllable reaches the host.
"""
import micropython
from micropython import const

from bufops import move

_FRAME_BYTES = const(640)
_SAMPLES = const(320)


@micropython.viper
def _mean_abs16(buf: ptr16, n: int) -> int:
    """Mean absolute value of n signed 16-bit samples (a cheap loudness measure)."""
    total = 0
    i = 0
    while i < n:
        s = int(buf[i])
        if s & 0x8000:
            s = 0x10000 - s
        total += s
        i += 1
    return total // n


TYPE_CHECKING = False
if TYPE_CHECKING:
    def mean_abs16(buf, n: int) -> int: ...
else:
    mean_abs16 = _mean_abs16


class EnergyGate:
    """Voice onset detector. A frame is loud when its mean |sample| exceeds both min_level and
    ratio_x10/10 times the noise floor; onset_frames loud frames in a row are an onset. The
    floor follows quiet frames (fast down, slow up), so a steady fan raises the threshold."""

    def __init__(self, min_level: int = 60, ratio_x10: int = 30, onset_frames: int = 2,
                 warmup_frames: int = 10) -> None:
        self.min_level = min_level
        self.ratio_x10 = ratio_x10
        self.onset_frames = onset_frames
        self.warmup_frames = warmup_frames
        self.floor = min_level >> 2
        self.level = 0
        self.onsets = 0
        self._run = 0
        self._seen = 0

    def reset(self) -> None:
        """The device is back in idle: forget a half-seen onset. The learned floor is kept and
        there is no second warm-up, so a user who speaks right after a reply is still heard."""
        self._run = 0

    def threshold(self) -> int:
        t = self.floor * self.ratio_x10 // 10
        return t if t > self.min_level else self.min_level

    def feed(self, pcm, n_bytes: int) -> bool:
        """One frame; True on voice onset."""
        e = mean_abs16(pcm, n_bytes >> 1)
        self.level = e
        self._seen += 1
        if self._seen <= self.warmup_frames:
            self.floor += (e - self.floor) >> 1
            return False
        if e > self.threshold():
            self._run += 1
            if self._run >= self.onset_frames:
                self._run = 0
                self.onsets += 1
                return True
            return False
        self._run = 0
        if e < self.floor:
            self.floor += (e - self.floor) >> 2
        else:
            self.floor += ((e - self.floor) >> 6) + 1
        return False


class PreRoll:
    """The last `frames` mic frames, in a buffer lent by the caller (the idle playback ring:
    nothing plays while the gate listens, so the two never need the memory at once)."""

    def __init__(self, buf, frames: int) -> None:
        if len(buf) < frames * _FRAME_BYTES:
            raise ValueError("pre-roll buffer too small for " + str(frames) + " frames")
        self.buf = buf
        self.frames = frames
        self._next = 0   # slot the next frame goes to
        self.count = 0   # frames held

    def reset(self) -> None:
        self._next = 0
        self.count = 0

    def push(self, pcm) -> None:
        move(self.buf, self._next * _FRAME_BYTES, pcm, 0, _FRAME_BYTES)
        self._next += 1
        if self._next == self.frames:
            self._next = 0
        if self.count < self.frames:
            self.count += 1

    def oldest_offset(self, i: int) -> int:
        """Byte offset of the i-th held frame, oldest first."""
        slot = self._next - self.count + i
        if slot < 0:
            slot += self.frames
        return slot * _FRAME_BYTES
