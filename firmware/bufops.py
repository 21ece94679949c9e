"""Allocation-free buffer primitives for the audio and link paths.

Slicing a memoryview allocates a new view object in MicroPython, so the codec and the audio
ring move bytes with these small viper routines instead: steady state then allocates nothing.

The frame CRC is here too: binascii.crc32 returns the CRC as a Python int, and most CRCs are
>= 2**30, which on a 32-bit port (the ESP32) is a heap-allocated big integer: about 150 bytes
of garbage per frame. The viper routine keeps the CRC in a machine word and only ever writes or
compares its four bytes.
"""
import micropython

@micropython.viper
def _move(dst: ptr8, dst_off: int, src: ptr8, src_off: int, n: int):
    """memmove: copy n bytes src[src_off:] -> dst[dst_off:]; safe when both are the same buffer."""
    if dst_off <= src_off:
        i = 0
        while i < n:
            dst[dst_off + i] = src[src_off + i]
            i += 1
    else:
        i = n - 1
        while i >= 0:
            dst[dst_off + i] = src[src_off + i]
            i -= 1


@micropython.viper
def _scale16(buf: ptr16, n_samples: int, gain_q15: int):
    """Multiply n_samples signed 16-bit samples in place by gain_q15/32768, clipping to int16."""
    i = 0
    while i < n_samples:
        s = int(buf[i])
        if s & 0x8000:
            s -= 0x10000
        v = (s * gain_q15) >> 15
        if v > 32767:
            v = 32767
        elif v < -32768:
            v = -32768
        buf[i] = v & 0xFFFF
        i += 1


@micropython.viper
def _pack32to16(dst: ptr16, src: ptr32, n_samples: int):
    """Keep the top 16 bits of each 32-bit I2S slot (INMP441: 24-bit data left-aligned)."""
    i = 0
    while i < n_samples:
        dst[i] = (int(src[i]) >> 16) & 0xFFFF
        i += 1


def _table() -> bytearray:
    """CRC-32 (IEEE 802.3, as zlib.crc32) remainders of the 16 nibbles, as little-endian u32 (64 bytes, built at import)."""
    t = bytearray(64)
    for i in range(16):
        # two 16-bit halves, so that no value ever leaves the small-int range
        lo = i
        hi = 0
        for _ in range(4):
            if lo & 1:
                lo = ((lo >> 1) | ((hi & 1) << 15)) ^ 0x8320
                hi = (hi >> 1) ^ 0xEDB8
            else:
                lo = (lo >> 1) | ((hi & 1) << 15)
                hi = hi >> 1
        t[4 * i] = lo & 0xFF
        t[4 * i + 1] = lo >> 8
        t[4 * i + 2] = hi & 0xFF
        t[4 * i + 3] = hi >> 8
    return t


_CRC_TABLE = _table()
del _table  # its code is needed once


@micropython.viper
def _crc32(buf: ptr8, off: int, n: int, table: ptr32, out: ptr8, out_off: int, write: int) -> int:
    """CRC-32 of buf[off:off+n], a nibble at a time. write: store it little-endian at
    out[out_off:out_off+4] and return 1; else return 1 when the four bytes there already hold
    it, 0 when not."""
    c = (uint(0xFFFF) << 16) | uint(0xFFFF)
    i = off
    end = off + n
    while i < end:
        c = c ^ uint(buf[i])
        c = uint(table[c & 0xF]) ^ (c >> 4)
        c = uint(table[c & 0xF]) ^ (c >> 4)
        i += 1
    c = c ^ ((uint(0xFFFF) << 16) | uint(0xFFFF))
    if write:
        out[out_off] = c & 0xFF
        out[out_off + 1] = (c >> 8) & 0xFF
        out[out_off + 2] = (c >> 16) & 0xFF
        out[out_off + 3] = (c >> 24) & 0xFF
        return 1
    d = (uint(out[out_off]) ^ (c & 0xFF)) | (uint(out[out_off + 1]) ^ ((c >> 8) & 0xFF))
    d = d | (uint(out[out_off + 2]) ^ ((c >> 16) & 0xFF)) | (uint(out[out_off + 3]) ^ (c >> 24))
    if d:
        return 0
    return 1


@micropython.viper
def _swap_pairs16(buf: ptr16, n_samples: int):
    """Swap each pair of 16-bit samples in place: the original ESP32's I2S sends 16-bit mono in
    swapped pairs (an ESP-IDF limitation), so swapping first plays them in order."""
    i = 0
    while i + 1 < n_samples:
        a = buf[i]
        buf[i] = buf[i + 1]
        buf[i + 1] = a
        i += 2


# Type checkers read viper's ptr8/ptr16/ptr32 annotations literally (as ints), so callers are
# checked against these plain signatures; at run time the names are the viper routines.
TYPE_CHECKING = False
if TYPE_CHECKING:
    def move(dst, dst_off: int, src, src_off: int, n: int) -> None: ...

    def scale16(buf, n_samples: int, gain_q15: int) -> None: ...

    def pack32to16(dst, src, n_samples: int) -> None: ...

    def crc32_put(buf, off: int, n: int, out, out_off: int) -> None: ...

    def crc32_ok(buf, off: int, n: int, out, out_off: int) -> bool: ...

    def swap_pairs16(buf, n_samples: int) -> None: ...
else:
    move = _move
    scale16 = _scale16
    pack32to16 = _pack32to16

    def crc32_put(buf, off, n, out, out_off):
        """Write the CRC-32 of buf[off:off+n] at out[out_off:out_off+4], little-endian."""
        _crc32(buf, off, n, _CRC_TABLE, out, out_off, 1)

    def crc32_ok(buf, off, n, out, out_off):
        """True when out[out_off:out_off+4] holds the CRC-32 of buf[off:off+n]."""
        return _crc32(buf, off, n, _CRC_TABLE, out, out_off, 0) == 1
    swap_pairs16 = _swap_pairs16
