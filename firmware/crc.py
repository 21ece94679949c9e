"""CRC-32 (IEEE 802.3, as zlib.crc32) of frame bytes, without allocating.

binascii.crc32 returns the CRC as a Python int; most CRCs are >= 2**30, which on a 32-bit port
(the ESP32) is a heap-allocated big integer: about 150 bytes of garbage per frame. This viper
routine keeps the CRC in a machine word and only ever writes or compares its four bytes.
"""
import micropython


def _table() -> bytearray:
    """CRC-32 remainders of the 16 nibbles, as little-endian u32 (64 bytes, built at import)."""
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


TABLE = _table()


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


TYPE_CHECKING = False
if TYPE_CHECKING:
    def crc32_put(buf, off: int, n: int, out, out_off: int) -> None: ...

    def crc32_ok(buf, off: int, n: int, out, out_off: int) -> bool: ...
else:
    def crc32_put(buf, off, n, out, out_off):
        """Write the CRC-32 of buf[off:off+n] at out[out_off:out_off+4], little-endian."""
        _crc32(buf, off, n, TABLE, out, out_off, 1)

    def crc32_ok(buf, off, n, out, out_off):
        """True when out[out_off:out_off+4] holds the CRC-32 of buf[off:off+n]."""
        return _crc32(buf, off, n, TABLE, out, out_off, 0) == 1
