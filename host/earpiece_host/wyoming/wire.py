"""Reading Wyoming events with every length checked before anything is allocated.

A Wyoming event is a JSON header line, then `data_length` bytes of extra JSON data, then
`payload_length` bytes of payload (audio). The `wyoming` package's own reader trusts both lengths
and waits for them without a time limit, so a peer on the LAN (Wyoming has no authentication) can
make it buffer a gigabyte or hold a connection half-open forever. These readers cap the header line,
both lengths and the time one event may take to arrive, and raise `WireError` naming what was wrong.
Writing is left to `wyoming.event`: what we send is ours and already bounded.
"""

from __future__ import annotations

import asyncio
import io
import json
import socket
from dataclasses import dataclass

from wyoming.event import Event, write_event


@dataclass(frozen=True)
class WireLimits:
    """Caps for one event. Audio arrives in chunks of ~100 ms (3.2 kB at 16 kHz), so these are roomy."""

    max_header_bytes: int = 16 * 1024
    """The JSON header line, newline included."""
    max_data_bytes: int = 256 * 1024
    """Extra JSON data (`data_length`): an `info` with every Piper voice is ~100 kB."""
    max_payload_bytes: int = 4 * 1024 * 1024
    """Binary payload (`payload_length`): over 2 minutes of 16 kHz mono audio in one chunk."""
    event_timeout_s: float = 10.0
    """Once an event has begun to arrive, all of it must be here within this time."""


class WireError(ValueError):
    """The peer broke the framing; `code` is sent back in an `error` event before hanging up."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def parse_header(line: bytes, limits: WireLimits) -> tuple[str, dict, int, int]:
    """(type, data, data_length, payload_length) from one header line, lengths checked against the caps."""
    try:
        header = json.loads(line)
    except ValueError as err:  # UnicodeDecodeError is a ValueError too
        raise WireError("bad-json", f"the event header is not JSON ({err})") from err
    if not isinstance(header, dict):
        raise WireError("bad-header", "the event header is not a JSON object")
    event_type = header.get("type")
    if not isinstance(event_type, str) or not event_type:
        raise WireError("bad-header", "the event header has no 'type'")
    data = header.get("data") or {}
    if not isinstance(data, dict):
        raise WireError("bad-header", "the event's 'data' is not a JSON object")
    data_length = _length(header, "data_length", limits.max_data_bytes)
    payload_length = _length(header, "payload_length", limits.max_payload_bytes)
    return event_type, data, data_length, payload_length


def _length(header: dict, key: str, cap: int) -> int:
    value = header.get(key)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise WireError("bad-length", f"'{key}' must be a whole number of bytes, not {value!r}")
    if value > cap:
        raise WireError("too-large", f"'{key}' of {value} bytes is over this server's limit of {cap}")
    return value


def merge_data(data: dict, data_bytes: bytes) -> dict:
    """The header's data updated with the extra data block, as the `wyoming` package does."""
    if not data_bytes:
        return data
    try:
        extra = json.loads(data_bytes)
    except ValueError as err:
        raise WireError("bad-json", f"the event's extra data is not JSON ({err})") from err
    if not isinstance(extra, dict):
        raise WireError("bad-header", "the event's extra data is not a JSON object")
    return {**data, **extra}


async def read_event(reader: asyncio.StreamReader, limits: WireLimits = WireLimits(),
                     idle_timeout_s: float | None = None) -> Event | None:
    """The next event, or None at a clean end of stream (between events).

    `idle_timeout_s` bounds the wait for an event to begin (None: wait as long as the peer likes);
    once its first byte is in, the rest must follow within `limits.event_timeout_s`. The reader's
    own buffer limit (`asyncio.start_server(limit=...)`) must be at least `max_header_bytes`.
    """
    first = await asyncio.wait_for(reader.read(1), idle_timeout_s)
    if not first:
        return None
    try:
        return await asyncio.wait_for(_read_rest(reader, first, limits), limits.event_timeout_s)
    except asyncio.TimeoutError as err:
        raise WireError("timeout", f"the peer stopped mid-event for {limits.event_timeout_s:g} s") from err


async def _read_rest(reader: asyncio.StreamReader, first: bytes, limits: WireLimits) -> Event:
    try:
        rest = await reader.readuntil(b"\n")
    except asyncio.LimitOverrunError as err:
        raise WireError("too-large", f"the event header line is over {limits.max_header_bytes} bytes "
                                     "without a newline") from err
    except asyncio.IncompleteReadError as err:
        raise WireError("truncated", "the connection closed in the middle of an event header") from err
    if len(first) + len(rest) > limits.max_header_bytes:
        raise WireError("too-large", f"the event header line is over {limits.max_header_bytes} bytes")
    event_type, data, data_length, payload_length = parse_header(first + rest, limits)
    try:
        data_bytes = await reader.readexactly(data_length) if data_length else b""
        payload = await reader.readexactly(payload_length) if payload_length else None
    except asyncio.IncompleteReadError as err:
        raise WireError("truncated", "the connection closed in the middle of an event") from err
    return Event(type=event_type, data=merge_data(data, data_bytes), payload=payload)


class SocketEventReader:
    """The same bounded reading over a blocking socket, for engines that run in worker threads."""

    def __init__(self, sock: socket.socket, limits: WireLimits = WireLimits()) -> None:
        self._sock = sock
        self._limits = limits
        self._buffer = bytearray()

    def read_event(self, timeout_s: float) -> Event | None:
        """The next event within `timeout_s` (socket.timeout otherwise); None at a clean end of stream."""
        self._sock.settimeout(timeout_s)
        newline = self._buffer.find(b"\n")
        while newline < 0:
            if len(self._buffer) >= self._limits.max_header_bytes:
                raise WireError("too-large", f"the event header line is over {self._limits.max_header_bytes} "
                                             "bytes without a newline")
            if not self._fill(self._limits.max_header_bytes - len(self._buffer)):
                if self._buffer:
                    raise WireError("truncated", "the connection closed in the middle of an event header")
                return None
            newline = self._buffer.find(b"\n")
        if newline + 1 > self._limits.max_header_bytes:
            raise WireError("too-large", f"the event header line is over {self._limits.max_header_bytes} bytes")
        line = bytes(self._buffer[:newline + 1])
        del self._buffer[:newline + 1]
        event_type, data, data_length, payload_length = parse_header(line, self._limits)
        data_bytes = self._exactly(data_length)
        payload = self._exactly(payload_length) if payload_length else None
        return Event(type=event_type, data=merge_data(data, data_bytes), payload=payload)

    def _fill(self, most: int) -> bool:
        chunk = self._sock.recv(max(1, min(most, 65536)))
        self._buffer += chunk
        return bool(chunk)

    def _exactly(self, n: int) -> bytes:
        while len(self._buffer) < n:
            if not self._fill(n - len(self._buffer)):
                raise WireError("truncated", "the connection closed in the middle of an event")
        out = bytes(self._buffer[:n])
        del self._buffer[:n]
        return out


def encode_event(event: Event) -> bytes:
    """One event as bytes, exactly as `wyoming.event.write_event` frames it."""
    out = io.BytesIO()
    write_event(event, out)
    return out.getvalue()
