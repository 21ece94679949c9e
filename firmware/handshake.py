"""The pairing handshake of protocol version 2 (docs/protocol.md section 6), device side.

HMAC-SHA256 proofs of the pairing key over both nonces, and the session key. It runs once per
connection and may allocate; app.py imports it for the handshake and unloads it afterwards, so
its code does not sit in the heap while audio flows.
"""
import hashlib

import protocol as P
from secure import NONCE_BYTES, equal_at


def hmac16(key: bytes, label: bytes, context: bytes) -> bytes:
    """The first 16 bytes of HMAC-SHA256(key, label + context) (RFC 2104; MicroPython has no
    hmac module)."""
    k = bytearray(64)
    k[0:len(key)] = key
    for i in range(64):
        k[i] ^= 0x36
    inner = hashlib.sha256(k)
    inner.update(label)
    inner.update(context)
    for i in range(64):
        k[i] ^= 0x36 ^ 0x5C
    outer = hashlib.sha256(k)
    outer.update(inner.digest())
    return outer.digest()[:16]


def answer(key: bytes, nonce: bytes, device_id: str, payload, enc):
    """The host's AUTH: check its proof; if it holds, encode the earpiece's own AUTH in enc (the
    caller sends it) and return the session key. None: the host could not prove the key."""
    f = P.decode_fields(P.AUTH, payload)
    host_nonce = f["nonce"]
    context = bytes(nonce) + host_nonce + device_id.encode()
    proof = f["proof"]
    want = hmac16(key, b"earpiece host proof", context)
    if (len(host_nonce) != NONCE_BYTES or len(proof) != 16
            or equal_at(proof, 0, want, 0, 16) != 1):
        return None
    P.encode_auth(enc, b"", hmac16(key, b"earpiece device proof", context))
    return hmac16(key, b"earpiece session key", context)
