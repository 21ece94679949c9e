"""Pairing proofs and the sealed link of protocol version 2 (docs/protocol.md section 6).

The same arithmetic as the firmware's ``handshake.py`` and ``secure.py``: HMAC-SHA256 proofs
and the session key over both nonces, then AES-128-CCM (13-byte nonce, 8-byte tag) on every frame, with the frame's seq
extended to a per-direction counter so that replayed, reordered or altered frames fail.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers.aead import AESCCM

TAG_BYTES = 8
NONCE_BYTES = 16
PROOF_BYTES = 16
KEY_BYTES = 16
DIR_UP = 1  # device -> host
DIR_DOWN = 2  # host -> device


def _context(device_nonce: bytes, host_nonce: bytes, device_id: str) -> bytes:
    return device_nonce + host_nonce + device_id.encode("utf-8")


def _hmac(key: bytes, label: bytes, context: bytes) -> bytes:
    return hmac.new(key, label + context, hashlib.sha256).digest()


def host_proof(key: bytes, device_nonce: bytes, host_nonce: bytes, device_id: str) -> bytes:
    return _hmac(key, b"earpiece host proof",
                 _context(device_nonce, host_nonce, device_id))[:PROOF_BYTES]


def device_proof(key: bytes, device_nonce: bytes, host_nonce: bytes, device_id: str) -> bytes:
    return _hmac(key, b"earpiece device proof",
                 _context(device_nonce, host_nonce, device_id))[:PROOF_BYTES]


def session_key(key: bytes, device_nonce: bytes, host_nonce: bytes, device_id: str) -> bytes:
    """One key for both directions: the CCM nonce's first byte is the direction, so the two
    never share a nonce."""
    return _hmac(key, b"earpiece session key",
                 _context(device_nonce, host_nonce, device_id))[:KEY_BYTES]


def new_nonce() -> bytes:
    return secrets.token_bytes(NONCE_BYTES)


def proof_ok(got: bytes, want: bytes) -> bool:
    """Constant-time comparison."""
    return hmac.compare_digest(got, want)


def ccm_nonce(direction: int, counter: int) -> bytes:
    """13 bytes: direction, the 64-bit frame counter big-endian, four zero bytes."""
    return bytes((direction,)) + counter.to_bytes(8, "big") + bytes(4)


class Sealer:
    """AES-128-CCM for one direction of one session (seal on the sender, open on the receiver).

    The counter is the 16-bit seq extended by the number of wraps; a receiver accepts only
    frames newer than the last good one (within half the seq space), so a replay or a frame
    moved back fails, and one altered in any bit fails its tag.
    """

    def __init__(self, key: bytes, direction: int) -> None:
        self._aead = AESCCM(key, tag_length=TAG_BYTES)
        self._direction = direction
        self._hi = 0
        self._last = -1
        self.replays = 0

    def seal(self, header: bytes, plaintext: bytes, seq: int) -> bytes:
        """header: the 7 header bytes after sync, with the sealed length (len(plaintext) + 8)."""
        if seq == 0 and self._last >= 0:
            self._hi += 1
        self._last = seq
        return self._aead.encrypt(ccm_nonce(self._direction, (self._hi << 16) | seq),
                                  plaintext, header)

    def open(self, header: bytes, sealed: bytes, seq: int) -> bytes | None:
        if len(sealed) < TAG_BYTES:
            return None
        hi = self._hi
        if self._last >= 0:
            delta = (seq - self._last) & 0xFFFF
            if delta == 0 or delta >= 0x8000:
                self.replays += 1
                return None
            if seq < self._last:
                hi += 1
        try:
            plain = self._aead.decrypt(ccm_nonce(self._direction, (hi << 16) | seq), sealed,
                                       header)
        except Exception:  # cryptography's InvalidTag: altered, foreign or replayed
            return None
        self._hi, self._last = hi, seq
        return plain


@dataclass(frozen=True)
class SessionKeys:
    """Both directions of one session, from the host's side."""

    up: Sealer  # opens what the device sends
    down: Sealer  # seals what the host sends

    @classmethod
    def derive(cls, key: bytes, device_nonce: bytes, host_nonce: bytes, device_id: str,
               for_device: bool = False) -> SessionKeys:
        k = session_key(key, device_nonce, host_nonce, device_id)
        if for_device:  # a test's stand-in device: seals up, opens down
            return cls(up=Sealer(k, DIR_DOWN), down=Sealer(k, DIR_UP))
        return cls(up=Sealer(k, DIR_UP), down=Sealer(k, DIR_DOWN))
