"""A scripted earpiece for host tests: a real TCP socket speaking raw protocol bytes.

It can also misbehave (garbage, wrong versions, silence), which the real firmware never would.
"""

from __future__ import annotations

import asyncio

from earpiece_host import protocol as p


class Peer:
    """A scripted device on a real socket: sends frames or raw bytes, collects what comes back."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.encoder = p.FrameEncoder()
        self.decoder = p.FrameDecoder()
        self.inbox: list[p.Message] = []

    @classmethod
    async def connect(cls, address) -> "Peer":
        return cls(*await asyncio.open_connection(*address))

    def send(self, *messages: p.Message) -> None:
        for m in messages:
            self.writer.write(self.encoder.encode(m))

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
                self.inbox.extend(e for e in self.decoder.feed(data) if isinstance(e, p.Message))
        return await asyncio.wait_for(wait(), timeout_s)

    async def closed(self, timeout_s: float = 5.0) -> bool:
        async def wait():
            while await self.reader.read(65536):
                pass
        await asyncio.wait_for(wait(), timeout_s)
        return True

    async def close(self) -> None:
        self.writer.close()


def hello(device_id="ear-1", **kw) -> p.Hello:
    return p.Hello(device_id=device_id, firmware_version="0.1.0", capabilities=0x07, **kw)
