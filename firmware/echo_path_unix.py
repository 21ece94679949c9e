"""The virtual earpiece's echo path: its own speaker heard by its microphone (sim only).

A named seam for voice barge-in: what the speaker plays reaches the microphone `delay_ms` later,
scaled by `gain_db`, through a short room impulse response (the direct path and four
reflections over 21 ms). Sample-exact on the board's schedule (each speaker frame's and mic
frame's due time, the speaker's shifted by the DMA's phase for each stretch of playback, see
board_unix.speaker_start), as on a board whose speaker and microphone run from one I2S clock.
`earpiece sim --echo-path DELAY_MS,GAIN_DB` turns it on.
"""
import micropython
from micropython import const

_RING = const(8192)  # speaker history, samples (512 ms): delay + response + scheduling slack
_RING_MASK = const(8191)
# A small room's impulse response: (offset in samples at 16 kHz, gain x 1024)
ROOM_TAPS = ((0, 1024), (48, 512), (112, -307), (208, 205), (336, -102))


@micropython.viper
def _store_viper(ring: ptr16, start: int, src: ptr16, n: int):
    """ring[(start + i) & mask] = src[i] for n samples."""
    i = 0
    while i < n:
        ring[(start + i) & _RING_MASK] = src[i]
        i += 1


@micropython.viper
def _zero_viper(ring: ptr16, start: int, n: int):
    i = 0
    while i < n:
        ring[(start + i) & _RING_MASK] = 0
        i += 1


@micropython.viper
def _mix_viper(dst: ptr16, n: int, ring: ptr16, first: int, lo: int, hi: int, taps: ptr16, n_taps: int):
    """dst[i] += sum_k taps[2k+1] / 32768 * ring[first + i - taps[2k]], for ring indices in
    [lo, hi) (outside: silence), clipping to int16."""
    i = 0
    while i < n:
        acc = 0
        k = 0
        while k < n_taps:
            j = first + i - int(taps[2 * k])
            if j >= lo and j < hi:
                s = int(ring[j & _RING_MASK])
                if s & 0x8000:
                    s -= 0x10000
                g = int(taps[2 * k + 1])
                if g & 0x8000:
                    g -= 0x10000
                acc += s * g
            k += 1
        d = int(dst[i])
        if d & 0x8000:
            d -= 0x10000
        v = d + (acc >> 15)
        if v > 32767:
            v = 32767
        elif v < -32768:
            v = -32768
        dst[i] = v & 0xFFFF
        i += 1


# Type checkers read viper's ptr annotations as ints: callers are checked against these.
TYPE_CHECKING = False
if TYPE_CHECKING:
    def _store(ring, start: int, src, n: int) -> None: ...

    def _zero(ring, start: int, n: int) -> None: ...

    def _mix(dst, n: int, ring, first: int, lo: int, hi: int, taps, n_taps: int) -> None: ...
else:
    _store = _store_viper
    _zero = _zero_viper
    _mix = _mix_viper


class EchoPath:
    """Speaker frames in (with their start sample), echo mixed into microphone frames."""

    def __init__(self, delay_ms: int, gain_db: float) -> None:
        if delay_ms < 0 or delay_ms > 200:
            raise ValueError("echo path delay must be 0..200 ms")
        if gain_db > 0:
            raise ValueError("echo path gain must be 0 dB or less")
        gain = 10 ** (gain_db / 20)
        self.delay_samples = delay_ms * 16
        self._ring = bytearray(2 * _RING)
        # per tap: u16 offset (delay included), s16 gain x 32768
        self._taps = bytearray(4 * len(ROOM_TAPS))
        i = 0
        for offset, g in ROOM_TAPS:
            q = int(g * gain * 32)  # x 1024 -> x 32768
            q = 32767 if q > 32767 else q
            o = offset + self.delay_samples
            self._taps[i] = o & 0xFF
            self._taps[i + 1] = o >> 8
            self._taps[i + 2] = q & 0xFF
            self._taps[i + 3] = (q >> 8) & 0xFF
            i += 4
        self._n_taps = len(ROOM_TAPS)
        self._end = 0  # one past the newest speaker sample written
        self._start = 0  # the oldest speaker sample still held

    def played(self, first_sample: int, buf, n_bytes: int) -> None:
        """The speaker played buf[:n_bytes], its first sample at first_sample (board samples)."""
        n = n_bytes // 2
        if first_sample > self._end:  # the speaker was silent in between
            gap = first_sample - self._end
            _zero(self._ring, self._end, gap if gap < _RING else _RING)
        if self._end == 0 and self._start == 0:
            self._start = first_sample
        _store(self._ring, first_sample, buf, n)
        end = first_sample + n
        if end > self._end:
            self._end = end
        if self._end - self._start > _RING:
            self._start = self._end - _RING

    def mix_into(self, first_sample: int, buf, n_bytes: int) -> None:
        """Add the echo heard during mic samples [first_sample, +n) to buf (s16le)."""
        _mix(buf, n_bytes // 2, self._ring, first_sample, self._start, self._end, self._taps,
             self._n_taps)
