"""The sealed link of protocol version 2 (docs/protocol.md section 6).

The handshake's proofs and keys are in handshake.py (loaded only while it runs). Every frame
after it is sealed with AES-128-CCM (RFC 3610: 13-byte nonce, 8-byte tag), built from the two
AES modes every MicroPython build with cryptolib has: ECB for the counter-mode keystream, CBC for
the MAC. Both run over preallocated 64-byte scratch buffers with views made once, so sealing
and opening a frame allocate nothing. One session key serves both directions (the nonce's first
byte is the direction), so a session holds one pair of AES objects.
"""
import cryptolib
import micropython
from micropython import const

from bufops import move as _copy

TAG_BYTES = const(8)
NONCE_BYTES = const(16)
DIR_UP = const(1)    # device -> host
DIR_DOWN = const(2)  # host -> device
_CHUNK = const(64)  # scratch size: 4 AES blocks
_MODE_ECB = const(1)
_MODE_CBC = const(2)


@micropython.viper
def _equal_at(a: ptr8, a_off: int, b: ptr8, b_off: int, n: int) -> int:
    """1 when a[a_off:a_off+n] == b[b_off:b_off+n], in time independent of where they differ."""
    d = 0
    i = 0
    while i < n:
        d = d | (a[a_off + i] ^ b[b_off + i])
        i += 1
    return 1 if d == 0 else 0


@micropython.viper
def _xor_v(dst: ptr8, dst_off: int, src: ptr8, src_off: int, n: int):
    i = 0
    while i < n:
        dst[dst_off + i] = dst[dst_off + i] ^ src[src_off + i]
        i += 1


@micropython.viper
def _counter_blocks_v(dst: ptr8, nonce: ptr8, first: int, count: int):
    """CCM counter blocks A_first .. A_first+count-1: flags (L-1 = 1), nonce, u16 BE index."""
    k = 0
    while k < count:
        o = k * 16
        dst[o] = 1
        j = 0
        while j < 13:
            dst[o + 1 + j] = nonce[j]
            j += 1
        i = first + k
        dst[o + 14] = (i >> 8) & 0xFF
        dst[o + 15] = i & 0xFF
        k += 1


@micropython.viper
def _fill_v(dst: ptr8, off: int, n: int, value: int):
    i = 0
    while i < n:
        dst[off + i] = value
        i += 1


# Type checkers read viper's ptr8 annotations literally (as ints), so callers are checked against
# these plain signatures; at run time the names are the viper routines (as in bufops.py).
TYPE_CHECKING = False
if TYPE_CHECKING:
    def equal_at(a, a_off: int, b, b_off: int, n: int) -> int: ...

    def _xor(dst, dst_off: int, src, src_off: int, n: int) -> None: ...

    def _counter_blocks(dst, nonce, first: int, count: int) -> None: ...

    def _fill(dst, off: int, n: int, value: int) -> None: ...
else:
    _fill = _fill_v
    equal_at = _equal_at
    _xor = _xor_v
    _counter_blocks = _counter_blocks_v


class Cipher:
    """The session key's AES objects and the scratch both directions share: the firmware is
    single-threaded, so sealing and opening never overlap."""

    def __init__(self, key: bytes) -> None:
        self.ecb = cryptolib.aes(key, _MODE_ECB)
        # one CBC object for the whole session: its chaining value after a message is the
        # message's last MAC block (kept in prev) and is cancelled at the start of the next
        self.cbc = cryptolib.aes(key, _MODE_CBC, bytes(16))
        self.prev = bytearray(16)
        self.a = bytearray(_CHUNK)
        self.b = bytearray(_CHUNK)
        mv = memoryview(self.a)
        self.views = tuple(mv[0:16 * k] for k in range(1, _CHUNK // 16 + 1))


class Sealer:
    """AES-128-CCM for one direction of one session: seal() or open() frames in place.

    The frame's counter is its 16-bit seq extended by a wrap count kept as a small int, so the
    nonce never repeats within a session and nothing becomes a big integer on a 32-bit port.
    """

    def __init__(self, cipher: Cipher, direction: int) -> None:
        self._nonce = bytearray(13)
        self._nonce[0] = direction
        self._s = cipher
        self.hi = 0          # wraps of the 16-bit seq
        self.last_seq = -1   # receiver: seq of the last accepted frame (with hi), -1 before any
        self.replays = 0

    def _set_counter(self, hi: int, seq: int) -> None:
        nb = self._nonce
        nb[1] = 0
        nb[2] = 0
        nb[3] = (hi >> 24) & 0xFF
        nb[4] = (hi >> 16) & 0xFF
        nb[5] = (hi >> 8) & 0xFF
        nb[6] = hi & 0xFF
        nb[7] = (seq >> 8) & 0xFF
        nb[8] = seq & 0xFF

    def _ccm(self, buf, hdr: int, off: int, n: int, sealing: bool) -> int:
        """CCM over buf[off:off+n] in place, chunk by chunk: sealing MACs the plaintext then
        encrypts it; opening decrypts then MACs. Then the tag: written after the payload when
        sealing; when opening, 1 if the one there matches, else 0."""
        s = self._s
        a = s.a
        b = s.b
        views = s.views
        nonce = self._nonce
        a[0] = 0x59  # B0: Adata, M = 8, L = 2; then the nonce and the length
        _copy(a, 1, nonce, 0, 13)
        a[14] = (n >> 8) & 0xFF
        a[15] = n & 0xFF
        a[16] = 0  # the associated data: its length (7), the header after sync
        a[17] = 7
        _copy(a, 18, buf, hdr, 7)
        _fill(a, 25, 7, 0)
        _xor(a, 0, s.prev, 0, 16)  # cancel the CBC object's chaining value
        s.cbc.encrypt(views[1], b)
        last = 32
        done = 0
        index = 1
        while done < n:
            k = n - done
            if k > _CHUNK:
                k = _CHUNK
            blocks = (k + 15) >> 4
            view = views[blocks - 1]
            at = off + done
            if not sealing:  # decrypt first: the MAC is over the plaintext
                _counter_blocks(a, nonce, index, blocks)
                s.ecb.encrypt(view, b)
                _xor(buf, at, b, 0, k)
            _copy(a, 0, buf, at, k)
            _fill(a, k, blocks * 16 - k, 0)
            s.cbc.encrypt(view, b)
            last = blocks * 16
            if sealing:
                _copy(s.prev, 0, b, last - 16, 16)  # the chaining value, before b is reused
                last = 0
                _counter_blocks(a, nonce, index, blocks)
                s.ecb.encrypt(view, b)
                _xor(buf, at, b, 0, k)
            index += blocks
            done += k
        if last:
            _copy(s.prev, 0, b, last - 16, 16)
        # the tag: T (the MAC's first 8 bytes, in prev) XOR S_0
        _counter_blocks(a, nonce, 0, 1)
        s.ecb.encrypt(views[0], b)
        _xor(b, 0, s.prev, 0, TAG_BYTES)
        tag = off + n
        if sealing:
            _copy(buf, tag, b, 0, TAG_BYTES)
            return 1
        return equal_at(buf, tag, b, 0, TAG_BYTES)

    def seal(self, buf, hdr: int, off: int, n: int, seq: int) -> None:
        """Encrypt buf[off:off+n] in place and write the tag at buf[off+n:off+n+8]. The header
        (7 bytes at buf[hdr:], its length already n + 8) must be final."""
        if seq == 0 and self.last_seq >= 0:
            self.hi += 1
        self.last_seq = seq
        self._set_counter(self.hi, seq)
        self._ccm(buf, hdr, off, n, True)

    def open(self, buf, hdr: int, off: int, total: int, seq: int) -> int:
        """Check and decrypt a sealed payload of total bytes at buf[off:]; returns the
        plaintext length, or -1 (a replayed, reordered, altered or foreign frame)."""
        n = total - TAG_BYTES
        if n < 0:
            return -1
        hi = self.hi
        last = self.last_seq
        if last >= 0:
            d = (seq - last) & 0xFFFF
            if d == 0 or d >= 0x8000:
                self.replays += 1
                return -1  # not newer than the last good frame
            if seq < last:
                hi += 1
        self._set_counter(hi, seq)
        if self._ccm(buf, hdr, off, n, False) != 1:
            return -1
        self.hi = hi
        self.last_seq = seq
        return n
