"""A scripted earpiece for host tests: a real TCP socket speaking raw protocol bytes.

It can also misbehave (garbage, wrong versions, silence, wrong keys), which the real firmware
never would. A peer that knows its device's pairing key does the handshake by itself: it puts a
nonce in HELLO, checks the host's AUTH proof, answers with its own and seals the link.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
from pathlib import Path

from earpiece_host import protocol as p, secure
from earpiece_host.pairing import PairingStore


def pairing_key_of(device_id: str) -> bytes:
    """The pairing key the tests give a device id (deterministic, so failures reproduce)."""
    return hashlib.sha256(b"test pairing " + device_id.encode()).digest()[:16]


def paired_store(folder: Path, *device_ids: str) -> PairingStore:
    """A real pairing file in folder holding each device id with its test key."""
    store = PairingStore(Path(folder) / "pairing.json")
    for device_id in device_ids:
        store.put(device_id, pairing_key_of(device_id).hex())
    return store


class DeviceHandshake:
    """The device's half of the handshake, for peers that drive a link by hand."""

    def __init__(self, device_id: str, key: bytes) -> None:
        self.device_id, self.key = device_id, key
        self.nonce = secure.new_nonce()

    def hello(self, **kw) -> p.Hello:
        return hello(self.device_id, auth=self.nonce, **kw)

    def answer(self, auth: p.Auth, encoder: p.FrameEncoder, decoder: p.FrameDecoder) -> p.Auth | None:
        """The reply to the host's AUTH (and the link sealed from then on), or None when the
        host could not prove the key."""
        if not secure.proof_ok(auth.proof, secure.host_proof(self.key, self.nonce, auth.nonce,
                                                             self.device_id)):
            return None
        reply = p.Auth(proof=secure.device_proof(self.key, self.nonce, auth.nonce, self.device_id))
        keys = secure.SessionKeys.derive(self.key, self.nonce, auth.nonce, self.device_id,
                                         for_device=True)
        self._seal = (encoder, keys.down)
        decoder.opener = keys.up
        return reply

    def seal(self) -> None:
        """Seal the encoder: call after the reply AUTH was encoded."""
        encoder, sealer = self._seal
        encoder.sealer = sealer


class HostHandshake:
    """The host's half of the handshake, for stand-in hosts built on the host codec."""

    def __init__(self, key: bytes) -> None:
        self.key = key
        self.nonce = secure.new_nonce()
        self.hello: p.Hello | None = None

    def auth_for(self, hello: p.Hello) -> p.Auth:
        self.hello = hello
        return p.Auth(nonce=self.nonce, proof=secure.host_proof(self.key, hello.auth, self.nonce,
                                                               hello.device_id))

    def accept(self, auth: p.Auth, encoder: p.FrameEncoder, decoder: p.FrameDecoder) -> bool:
        """Check the device's proof; on success both directions are sealed from now on."""
        h = self.hello
        if h is None or not secure.proof_ok(auth.proof, secure.device_proof(
                self.key, h.auth, self.nonce, h.device_id)):
            return False
        keys = secure.SessionKeys.derive(self.key, h.auth, self.nonce, h.device_id)
        encoder.sealer, decoder.opener = keys.down, keys.up
        return True


class Peer:
    """A scripted device on a real socket: sends frames or raw bytes, collects what comes back.

    keys: device id -> pairing key it proves (default: the test key of every id); None: a peer
    that knows no key (it sends HELLO without a nonce)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                 keys=pairing_key_of) -> None:
        self.reader, self.writer = reader, writer
        self.encoder = p.FrameEncoder()
        self.decoder = p.FrameDecoder()
        self.inbox: list[p.Message] = []
        self.keys = keys
        self.bytes_received = 0
        self.sent_frames: list[bytes] = []  # every frame written, for replay tests
        self._handshake: DeviceHandshake | None = None
        # like the firmware: PLAYED once a reply's END chunk has arrived (as if played at once)
        self.auto_played = True

    @classmethod
    async def connect(cls, address, keys=pairing_key_of) -> "Peer":
        return cls(*await asyncio.open_connection(*address), keys=keys)

    def send(self, *messages: p.Message) -> None:
        for m in messages:
            if isinstance(m, p.Hello) and not m.auth and self.keys is not None:
                self._handshake = DeviceHandshake(m.device_id, self.keys(m.device_id))
                m = dataclasses.replace(m, auth=self._handshake.nonce)
            frame = self.encoder.encode(m)
            self.sent_frames.append(frame)
            self.writer.write(frame)

    def _take(self, data: bytes) -> None:
        """Decode what arrived; answer the host's AUTH (the handshake) on the way."""
        self.bytes_received += len(data)
        for seq, event in self.decoder.feed_with_seq(data):
            if not isinstance(event, p.Message):
                continue
            if isinstance(event, p.SpeechAudio) and event.end and self.auto_played:
                self.send(p.Played(seq=seq))
            if isinstance(event, p.Auth) and self._handshake is not None \
                    and self.decoder.opener is None:
                reply = self._handshake.answer(event, self.encoder, self.decoder)
                if reply is None:
                    self.inbox.append(event)  # the host could not prove the key
                    continue
                self.send(reply)
                self._handshake.seal()
                continue
            self.inbox.append(event)

    def send_raw(self, data: bytes) -> None:
        self.writer.write(data)

    async def expect(self, kind: type, timeout_s: float = 5.0):
        async def wait():
            while True:
                for i, m in enumerate(self.inbox):
                    if isinstance(m, kind):
                        return self.inbox.pop(i)
                data = await self.reader.read(65536)
                if not data:
                    raise ConnectionError(f"closed while waiting for {kind.__name__}; got {self.inbox}")
                self._take(data)
        return await asyncio.wait_for(wait(), timeout_s)

    async def closed(self, timeout_s: float = 5.0) -> bool:
        async def wait():
            while True:
                try:
                    data = await self.reader.read(65536)
                except ConnectionError:
                    return
                if not data:
                    return
                self._take(data)
        await asyncio.wait_for(wait(), timeout_s)
        return True

    async def close(self) -> None:
        self.writer.close()


def hello(device_id="ear-1", **kw) -> p.Hello:
    return p.Hello(device_id=device_id, firmware_version="0.1.0", capabilities=0x07, **kw)


async def reply_audio(peer: Peer, timeout_s: float = 20.0) -> bytes:
    """One whole reply's audio, up to its last frame (end set); TimeoutError if a frame is late."""
    audio = bytearray()
    while True:
        frame = await peer.expect(p.SpeechAudio, timeout_s)
        audio += frame.pcm
        if frame.end:
            return bytes(audio)
