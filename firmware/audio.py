"""Playback ring buffer and on-device volume.

The ring is allocated once. Speech that does not fit is dropped whole and counted (overrun);
the app counts underruns when the speaker needs a frame the ring cannot give before END.
"""
from micropython import const

from bufops import move, scale16
from power import battery_pct  # noqa: F401  (kept importable from here)

SAMPLE_RATE_HZ = const(16000)
BYTES_PER_MS = const(32)  # 16 kHz x 16-bit mono
DEFAULT_CAPACITY_MS = const(320)


class PlaybackRing:
    """Byte ring of 16-bit PCM; write() takes whole chunks or nothing."""

    def __init__(self, capacity_ms: int = DEFAULT_CAPACITY_MS, buf=None) -> None:
        """buf: memory to use (allocated early by the entry point, before the code is loaded
        and fragments the heap); its length then sets the capacity."""
        if buf is None:
            buf = bytearray(capacity_ms * BYTES_PER_MS)
        self.capacity_bytes = len(buf)
        self.buf = buf
        self._head = 0  # next byte to read
        self.count = 0  # bytes queued
        self.overruns = 0
        self.overrun_bytes = 0
        self.underruns = 0

    def free(self) -> int:
        return self.capacity_bytes - self.count

    def write(self, src, n: int) -> bool:
        """Queue n bytes of src; False (and counted as an overrun) when they do not fit."""
        if n > self.capacity_bytes - self.count:
            self.overruns += 1
            self.overrun_bytes += n
            return False
        cap = self.capacity_bytes
        tail = self._head + self.count
        if tail >= cap:
            tail -= cap
        first = cap - tail
        if first >= n:
            move(self.buf, tail, src, 0, n)
        else:
            move(self.buf, tail, src, 0, first)
            move(self.buf, 0, src, first, n - first)
        self.count += n
        return True

    def readinto(self, dst, n: int) -> int:
        """Move up to n queued bytes into dst[0:]; returns how many."""
        if n > self.count:
            n = self.count
        cap = self.capacity_bytes
        h = self._head
        first = cap - h
        if first >= n:
            move(dst, 0, self.buf, h, n)
        else:
            move(dst, 0, self.buf, h, first)
            move(dst, first, self.buf, 0, n - first)
        h += n
        if h >= cap:
            h -= cap
        self._head = h
        self.count -= n
        return n

    def flush(self) -> int:
        """Drop everything queued (barge-in); returns the bytes dropped."""
        n = self.count
        self._head = 0
        self.count = 0
        return n


class Volume:
    """Playback volume applied on the device; 100 % leaves samples untouched (bit-exact)."""

    def __init__(self, level_pct: int = 100) -> None:
        self.level_pct = 100
        self._gain_q15 = 32768
        self.set(level_pct)

    def set(self, level_pct: int) -> int:
        if level_pct < 0:
            level_pct = 0
        elif level_pct > 100:
            level_pct = 100
        self.level_pct = level_pct
        # perceptual-ish curve: gain = (pct/100)^2
        self._gain_q15 = (level_pct * level_pct * 32768) // 10000
        return level_pct

    def apply(self, buf, n_bytes: int) -> None:
        if self.level_pct != 100:
            scale16(buf, n_bytes >> 1, self._gain_q15)


FRAME_BYTES = const(640)


class Player:
    """One reply's playback: ring + volume + END + a short prebuffer against network jitter.

    The board decides when the speaker needs the next frame; pull() answers with the bytes to
    play, 0 for an underrun (counted), or -1 once END has been played out.
    """

    def __init__(self, capacity_ms: int = DEFAULT_CAPACITY_MS, prebuffer_ms: int = 40,
                 buf=None) -> None:
        self.ring = PlaybackRing(capacity_ms, buf)
        self.volume = Volume(100)
        self.prebuffer_bytes = prebuffer_ms * BYTES_PER_MS
        self.end_received = False
        self.started = False
        self.underruns = 0
        self.frames_played = 0

    def push(self, pcm, n: int, end: bool) -> bool:
        ok = self.ring.write(pcm, n) if n else True
        if end:
            self.end_received = True
        return ok

    def should_start(self) -> bool:
        """True once enough is queued to start the speaker (or the whole reply is in)."""
        return (not self.started) and (self.end_received
                                       or self.ring.count >= self.prebuffer_bytes)

    def pull(self, dst) -> int:
        ring = self.ring
        if ring.count >= FRAME_BYTES:
            n = ring.readinto(dst, FRAME_BYTES)
        elif self.end_received:
            if ring.count == 0:
                return -1
            n = ring.readinto(dst, ring.count)
        else:
            self.underruns += 1
            return 0
        self.volume.apply(dst, n)
        self.frames_played += 1
        return n

    def flush(self) -> int:
        self.end_received = False
        self.started = False
        return self.ring.flush()

    @property
    def overruns(self) -> int:
        return self.ring.overruns
