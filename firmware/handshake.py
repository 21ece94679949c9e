"""The pairing handshake of protocol version 2 (docs/protocol.md section 6), device side.

HMAC-SHA256 proofs of the pairing key over both nonces, and the session key. It runs once per
connection and may allocate; app.py imports it for the handshake and unloads it afterwards, so
its code does not sit in the heap while audio flows.
"""
import gc
import hashlib

import protocol as P
import secure as S
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


def run(app) -> None:
    """The host's AUTH is in app.dec: check its proof; if it holds, send the earpiece's own
    AUTH (unsealed) and seal the link both ways; if not, count it and drop the link without a
    word, so a rogue host learns nothing and never gets the microphone."""
    key = app._key
    nonce = app.nonce
    payload = app.dec.payload
    # AUTH: bytes8 nonce, bytes8 proof
    n = payload[0]
    host_nonce = bytes(payload[1:1 + n])
    proof = bytes(payload[2 + n:2 + n + payload[1 + n]])
    context = bytes(nonce) + host_nonce + app.config.device_id.encode()
    want = hmac16(key, b"earpiece host proof", context)
    if n != NONCE_BYTES or len(proof) != 16 or equal_at(proof, 0, want, 0, 16) != 1:
        app.auth_refusals += 1
        app.board.log("the host could not prove this earpiece's pairing key; not talking to "
                      "it (pair again with earpiece devices pair, then provision)")
        app._link_down(True)
        return
    P.encode_auth(app.enc, b"", hmac16(key, b"earpiece device proof", context))
    app._send()  # our proof, unsealed; everything after it is sealed
    session_key = hmac16(key, b"earpiece session key", context)
    want = proof = context = None
    gc.collect()  # the handshake's garbage, before the session's AES object
    cipher = app.cipher = S.Cipher(session_key)
    app.enc.sealer = S.Sealer(cipher, S.DIR_UP)
    app.dec.opener = S.Sealer(cipher, S.DIR_DOWN)
