"""Pairing proofs and the sealed link of protocol version 2 (docs/protocol.md section 6).

The handshake (once per connection) uses HMAC-SHA256 from hashlib and may allocate. Every frame
after it is sealed with AES-128-CCM (RFC 3610: 13-byte nonce, 8-byte tag), built from the two
AES modes every MicroPython build with cryptolib has: ECB for the counter-mode keystream, CBC for
the MAC. Both run over preallocated 128-byte scratch buffers with views made once, so sealing
and opening a frame allocate nothing.
"""
import cryptolib
import hashlib
import micropython
from micropython import const

from bufops import move as _copy

TAG_BYTES = const(8)
NONCE_BYTES = const(16)
PROOF_BYTES = const(16)
KEY_BYTES = const(16)
DIR_UP = const(1)    # device -> host
DIR_DOWN = const(2)  # host -> device
_CHUNK = const(128)  # scratch size: 8 AES blocks
_MODE_ECB = const(1)
_MODE_CBC = const(2)


def hmac_sha256(key: bytes, msg: bytes) -> bytes:
    """RFC 2104 HMAC with SHA-256 (MicroPython has no hmac module)."""
    k = bytearray(64)
    k[0:len(key)] = key
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in k))
    inner.update(msg)
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in k))
    outer.update(inner.digest())
    return outer.digest()


def _context(device_nonce: bytes, host_nonce: bytes, device_id: str) -> bytes:
    return bytes(device_nonce) + bytes(host_nonce) + device_id.encode()


def host_proof(key: bytes, device_nonce: bytes, host_nonce: bytes, device_id: str) -> bytes:
    return hmac_sha256(key, b"earpiece host proof" + _context(device_nonce, host_nonce,
                                                                 device_id))[:PROOF_BYTES]


def device_proof(key: bytes, device_nonce: bytes, host_nonce: bytes, device_id: str) -> bytes:
    return hmac_sha256(key, b"earpiece device proof" + _context(device_nonce, host_nonce,
                                                                   device_id))[:PROOF_BYTES]


def session_key(key: bytes, direction: int, device_nonce: bytes, host_nonce: bytes,
                device_id: str) -> bytes:
    label = b"earpiece key up" if direction == DIR_UP else b"earpiece key down"
    return hmac_sha256(key, label + _context(device_nonce, host_nonce, device_id))[:KEY_BYTES]


@micropython.viper
def _equal(a: ptr8, a_off: int, b: ptr8, b_off: int, n: int) -> int:
    """1 when a[a_off:a_off+n] == b[b_off:b_off+n], in time independent of where they differ."""
    d = 0
    i = 0
    while i < n:
        d = d | (a[a_off + i] ^ b[b_off + i])
        i += 1
    return 1 if d == 0 else 0


def equal(a, b) -> bool:
    """Constant-time comparison of two byte strings."""
    if len(a) != len(b):
        return False
    return _equal(a, 0, b, 0, len(a)) == 1


@micropython.viper
def _xor(dst: ptr8, dst_off: int, src: ptr8, src_off: int, n: int):
    i = 0
    while i < n:
        dst[dst_off + i] = dst[dst_off + i] ^ src[src_off + i]
        i += 1


@micropython.viper
def _counter_blocks(dst: ptr8, nonce: ptr8, first: int, count: int):
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
def _fill(dst: ptr8, off: int, n: int, value: int):
    i = 0
    while i < n:
        dst[off + i] = value
        i += 1


class Scratch:
    """The two 128-byte buffers (and their block-multiple views) every sealer shares: the
    firmware is single-threaded, so sealing and opening never overlap."""

    def __init__(self) -> None:
        self.a = bytearray(_CHUNK)
        self.b = bytearray(_CHUNK)
        mv = memoryview(self.a)
        self.views = tuple(mv[0:16 * k] for k in range(1, _CHUNK // 16 + 1))


class Sealer:
    """AES-128-CCM for one direction of one session: seal() or open() frames in place.

    The frame's counter is its 16-bit seq extended by a wrap count kept as a small int, so the
    nonce never repeats within a session and nothing becomes a big integer on a 32-bit port.
    """

    def __init__(self, key: bytes, direction: int, scratch: Scratch) -> None:
        self._ecb = cryptolib.aes(key, _MODE_ECB)
        # one CBC object for the whole session: its chaining value after a message is the
        # message's last MAC block (kept in _prev) and is cancelled at the start of the next
        self._cbc = cryptolib.aes(key, _MODE_CBC, bytes(16))
        self._prev = bytearray(16)
        self._nonce = bytearray(13)
        self._nonce[0] = direction
        self._s = scratch
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

    def _mac(self, buf, hdr: int, off: int, n: int, out, out_off: int) -> None:
        """CBC-MAC of B0, the 7 header bytes at buf[hdr:hdr+7] and the n plaintext bytes at
        buf[off:]; its first 8 bytes (the tag T) go to out[out_off:out_off+8]."""
        s = self._s
        a = s.a
        b = s.b
        nonce = self._nonce
        a[0] = 0x59  # Adata, M = 8, L = 2
        _copy(a, 1, nonce, 0, 13)
        a[14] = (n >> 8) & 0xFF
        a[15] = n & 0xFF
        a[16] = 0
        a[17] = 7
        _copy(a, 18, buf, hdr, 7)
        _fill(a, 25, 7, 0)
        _xor(a, 0, self._prev, 0, 16)
        self._cbc.encrypt(s.views[1], b)
        last = 32  # B0 and the header block
        done = 0
        while done < n:
            k = n - done
            if k > _CHUNK:
                k = _CHUNK
            blocks = (k + 15) >> 4
            _copy(a, 0, buf, off + done, k)
            _fill(a, k, blocks * 16 - k, 0)
            self._cbc.encrypt(s.views[blocks - 1], b)
            last = blocks * 16
            done += k
        _copy(self._prev, 0, b, last - 16, 16)
        _copy(out, out_off, b, last - 16, TAG_BYTES)

    def _ctr(self, buf, off: int, n: int) -> None:
        """XOR buf[off:off+n] with the keystream S_1, S_2, ..."""
        s = self._s
        a = s.a
        b = s.b
        done = 0
        index = 1
        while done < n:
            k = n - done
            if k > _CHUNK:
                k = _CHUNK
            blocks = (k + 15) >> 4
            _counter_blocks(a, self._nonce, index, blocks)
            self._ecb.encrypt(s.views[blocks - 1], b)
            _xor(buf, off + done, b, 0, k)
            index += blocks
            done += k

    def _s0(self) -> bytearray:
        s = self._s
        _counter_blocks(s.a, self._nonce, 0, 1)
        self._ecb.encrypt(s.views[0], s.b)
        return s.b

    def seal(self, buf, hdr: int, off: int, n: int, seq: int) -> None:
        """Encrypt buf[off:off+n] in place and write the tag at buf[off+n:off+n+8]. The header
        (7 bytes at buf[hdr:], its length already n + 8) must be final."""
        if seq == 0 and self.last_seq >= 0:
            self.hi += 1
        self.last_seq = seq
        self._set_counter(self.hi, seq)
        tag = off + n
        self._mac(buf, hdr, off, n, buf, tag)
        self._ctr(buf, off, n)
        _xor(buf, tag, self._s0(), 0, TAG_BYTES)

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
        self._ctr(buf, off, n)
        tag = off + n
        _xor(buf, tag, self._s0(), 0, TAG_BYTES)  # buf now holds the sender's T
        mine = self._s.a  # a's first block is free once the MAC has read it
        self._mac(buf, hdr, off, n, mine, 0)
        if _equal(buf, tag, mine, 0, TAG_BYTES) != 1:
            return -1
        self.hi = hi
        self.last_seq = seq
        return n
