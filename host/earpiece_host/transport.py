"""Byte links to earpieces: TCP connections (Wi-Fi) and serial ports (USB), behind one interface.

A link moves bytes and nothing else; framing, handshake and sessions live in ``session.py``, so a
device on Wi-Fi and one on a cable run the very same session code.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import socket
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import parse_qs, urlparse

log = logging.getLogger(__name__)

DEFAULT_TCP_PORT = 7700
DEFAULT_BAUD = 921600
READ_CHUNK_BYTES = 4096
# What a TCP link may hold unsent, in the kernel and in the event loop's buffer. Speech leaves paced
# at real time (32 KB/s), so a little is plenty even for a slow Wi-Fi round trip; left to itself the
# kernel grows a socket's buffer to megabytes, and an earpiece that stopped reading would swallow
# minutes of speech before a write ever waited long enough to time out.
TCP_SEND_BUFFER_BYTES = 32 * 1024  # the kernel doubles it for its own bookkeeping
TCP_WRITE_HIGH_WATER_BYTES = 32 * 1024


class LinkClosed(ConnectionError):
    """The other end went away (closed socket, pulled cable)."""


class Link(Protocol):
    """An ordered, reliable-until-it-breaks byte stream to one device."""

    peer: str

    async def read(self) -> bytes:
        """Some bytes (at least one); raises LinkClosed when the link is gone."""

    async def write(self, data: bytes) -> None:
        """All of data, in order; raises LinkClosed when the link is gone."""

    async def close(self) -> None: ...

    def abort(self) -> None:
        """Drop the link at once, discarding unsent data (a peer that will not read)."""


class TcpLink:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer
        host, port = writer.get_extra_info("peername")[:2]
        self.peer = f"tcp://{host}:{port}"
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, TCP_SEND_BUFFER_BYTES)
        writer.transport.set_write_buffer_limits(high=TCP_WRITE_HIGH_WATER_BYTES)

    async def read(self) -> bytes:
        try:
            data = await self._reader.read(READ_CHUNK_BYTES)
        except (ConnectionError, OSError) as err:
            raise LinkClosed(f"{self.peer}: {err}") from err
        if not data:
            raise LinkClosed(f"{self.peer} closed the connection")
        return data

    async def write(self, data: bytes) -> None:
        if self._writer.is_closing():
            raise LinkClosed(f"{self.peer} is closed")
        self._writer.write(data)
        try:
            await self._writer.drain()
        except (ConnectionError, OSError) as err:
            raise LinkClosed(f"{self.peer}: {err}") from err

    async def close(self, timeout_s: float = 2.0) -> None:
        self._writer.close()
        try:
            await asyncio.wait_for(self._writer.wait_closed(), timeout_s)
        except asyncio.TimeoutError:
            self.abort()  # a peer that will not take the last bytes
        except (ConnectionError, OSError):
            pass

    def abort(self) -> None:
        self._writer.transport.abort()


class SerialLink:
    """A serial port driven from the event loop through its file descriptor (POSIX)."""

    def __init__(self, port: str, baud: int = DEFAULT_BAUD) -> None:
        import serial  # pyserial

        self.peer = f"serial://{port}"
        try:
            self._serial = serial.Serial(port, baudrate=baud, timeout=0, write_timeout=None,
                                         exclusive=True)
        except (serial.SerialException, OSError) as err:
            raise LinkClosed(f"cannot open serial port {port}: {err}") from err
        self._fd = self._serial.fileno()
        os.set_blocking(self._fd, False)
        self._closed = False

    async def read(self) -> bytes:
        loop = asyncio.get_running_loop()
        woke_readable = False
        while True:
            self._check_open()
            try:
                data = os.read(self._fd, READ_CHUNK_BYTES)
            except BlockingIOError:
                data = b""
            except OSError as err:
                # EIO: the other end of a pseudo-terminal closed, or a USB adapter was pulled.
                raise LinkClosed(f"{self.peer}: {err.strerror or err}") from err
            if data:
                return data
            # A tty in raw mode with VMIN=0 reads empty when idle; empty right after the port
            # reported readiness means it hung up (pyserial draws the same conclusion).
            if woke_readable:
                raise LinkClosed(f"{self.peer}: the device went away (readable but no data)")
            woke_readable = await self._wait(loop.add_reader, loop.remove_reader)

    async def write(self, data: bytes) -> None:
        loop = asyncio.get_running_loop()
        view = memoryview(data)
        while view:
            self._check_open()
            try:
                written = os.write(self._fd, view)
            except BlockingIOError:
                written = 0
            except OSError as err:
                raise LinkClosed(f"{self.peer}: {err.strerror or err}") from err
            view = view[written:]
            if view:
                await self._wait(loop.add_writer, loop.remove_writer)

    async def _wait(self, add, remove) -> bool:
        """Wait for the port to be ready; False if a second passed without it."""
        ready = asyncio.get_running_loop().create_future()
        add(self._fd, lambda: ready.done() or ready.set_result(None))
        try:
            # Bounded so that a port closed under us is noticed even if no event arrives.
            await asyncio.wait_for(ready, timeout=1.0)
            return True
        except asyncio.TimeoutError:
            return False
        finally:
            remove(self._fd)

    def _check_open(self) -> None:
        if self._closed:
            raise LinkClosed(f"{self.peer} is closed")

    def abort(self) -> None:
        self._closed = True
        try:
            self._serial.close()
        except OSError:
            pass

    async def close(self) -> None:
        if not self._closed:
            self._closed = True
            try:
                self._serial.close()
            except OSError as err:
                if err.errno != errno.EIO:
                    log.warning("closing %s: %s", self.peer, err)


@dataclass(frozen=True)
class Endpoint:
    """Where to listen or which port to open, parsed from a URI."""

    scheme: str  # "tcp" or "serial"
    host: str = ""
    port: int = 0
    path: str = ""
    baud: int = DEFAULT_BAUD

    def __str__(self) -> str:
        if self.scheme == "tcp":
            return f"tcp://{self.host}:{self.port}"
        return f"serial://{self.path}"


class EndpointError(ValueError):
    """A link URI we cannot use."""


def parse_endpoint(uri: str, default_scheme: str = "tcp") -> Endpoint:
    """``tcp://HOST:PORT``, ``serial:///dev/ttyACM0?baud=921600``, or a bare device path."""
    if "://" not in uri:
        if uri.startswith("/") or default_scheme == "serial":
            return Endpoint("serial", path=uri)
        uri = f"{default_scheme}://{uri}"
    try:
        parsed = urlparse(uri)
    except ValueError as err:
        raise EndpointError(f"{uri}: {err}; use tcp://HOST:PORT or serial:///dev/PORT") from err
    if parsed.scheme == "tcp":
        try:
            port = parsed.port if parsed.port is not None else DEFAULT_TCP_PORT
        except ValueError as err:
            raise EndpointError(f"{uri}: bad port ({err}); use tcp://HOST:PORT") from err
        return Endpoint("tcp", host=parsed.hostname or "0.0.0.0", port=port)
    if parsed.scheme == "serial":
        path = (parsed.netloc + parsed.path) if parsed.netloc else parsed.path
        if not path:
            raise EndpointError(f"{uri}: no device path; use serial:///dev/ttyACM0")
        baud = DEFAULT_BAUD
        if "baud" in (query := parse_qs(parsed.query)):
            try:
                baud = int(query["baud"][0])
            except ValueError as err:
                raise EndpointError(f"{uri}: baud must be a number") from err
        return Endpoint("serial", path=path, baud=baud)
    raise EndpointError(f"{uri}: unknown link type '{parsed.scheme}'; use tcp://HOST:PORT or "
                        "serial:///dev/PORT")
