"""The host service: TCP listeners and serial ports feeding the same session code.

Each connection gets its own ``Session`` and handler; a failure in one never touches another.
Only paired earpieces get past the handshake (docs/protocol.md section 6); connections and
handshakes in flight are capped, and a revoked pairing ends its device's session at once.
"""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass, field

from .pairing import PairingError, PairingStore
from .protocol import ByeReason
from .session import HandlerFactory, RefusalLog, Session, SessionConfig, SessionRegistry
from .transport import Endpoint, LinkClosed, SerialLink, TcpLink, parse_endpoint

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServerConfig:
    listen: tuple[str, ...] = ()  # tcp://HOST:PORT
    serial: tuple[str, ...] = ()  # serial:///dev/ttyACM0 or a device path
    session: SessionConfig = field(default_factory=SessionConfig)
    serial_retry_s: float = 1.0
    max_connections: int = 64  # TCP connections at once; more are closed on arrival
    max_handshakes: int = 16  # connections not yet authenticated; more are closed on arrival
    # ... and from any one address, so that one flooding machine cannot use them all up and lock
    # the owner's earpiece out
    max_handshakes_per_address: int = 4
    pairing_check_s: float = 0.5  # how often the pairing file is checked for revocations


class PairingKeys:
    """Device id -> key bytes from the pairing file, re-read only when the file changes."""

    def __init__(self, store: PairingStore | None) -> None:
        self.store = store
        self._stamp: tuple[int, int] | None = None
        self._keys: dict[str, bytes] = {}

    def refresh(self) -> bool:
        """Re-read the file if it changed; True when it did."""
        if self.store is None:
            return False
        try:
            st = os.stat(self.store.path)
            stamp = (st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            stamp = (0, 0)
        if stamp == self._stamp:
            return False
        try:
            self._keys = {d.device_id: bytes.fromhex(d.key_hex) for d in self.store.all()}
        except (PairingError, ValueError) as err:
            log.error("%s; no earpiece can connect until it is fixed", err)
            self._keys = {}
        self._stamp = stamp
        return True

    def __call__(self, device_id: str) -> bytes | None:
        self.refresh()
        return self._keys.get(device_id)


class Server:
    def __init__(self, config: ServerConfig, handler_factory: HandlerFactory,
                 pairings: PairingStore | None = None) -> None:
        """pairings: the paired earpieces; None: every earpiece is a stranger."""
        self.config = config
        self.handler_factory = handler_factory
        self.registry = SessionRegistry()
        self.keys = PairingKeys(pairings)
        self.refusals = RefusalLog()
        self.tcp_addresses: list[tuple[str, int]] = []
        self.connections = 0
        self.handshakes = 0
        self._handshakes_from: dict[str, int] = {}
        self.refused_busy = 0  # connections closed on arrival because of the caps
        self._servers: list[asyncio.AbstractServer] = []
        self._tasks: set[asyncio.Task] = set()

    async def start(self) -> None:
        """Bind every listener and start every serial port; returns once all are up."""
        for uri in self.config.listen:
            endpoint = parse_endpoint(uri, "tcp")
            server = await asyncio.start_server(self._on_tcp, endpoint.host, endpoint.port)
            self._servers.append(server)
            for sock in server.sockets:
                address = sock.getsockname()[:2]
                self.tcp_addresses.append(address)
                log.info("listening for earpieces on tcp://%s:%d", *address)
        for uri in self.config.serial:
            endpoint = parse_endpoint(uri, "serial")
            self._spawn(self._serve_serial(endpoint), f"serial {endpoint.path}")
        self._spawn(self._watch_pairings(), "pairing watch")

    async def _watch_pairings(self) -> None:
        """End at once the session of a device whose pairing was revoked or replaced."""
        while True:
            await asyncio.sleep(self.config.pairing_check_s)
            if not self.keys.refresh():
                continue
            for session in self.registry:
                if self.keys(session.info.device_id) != session.pairing_key:
                    log.warning("%s: pairing revoked; ending its session",
                                session.info.device_id)
                    await session.replace(ByeReason.ERROR, "this earpiece's pairing was revoked")

    async def stop(self) -> None:
        for server in self._servers:
            server.close()
        for session in self.registry:
            await session.replace()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for server in self._servers:
            await server.wait_closed()

    async def serve_forever(self) -> None:
        await self.start()
        try:
            await asyncio.Event().wait()
        finally:
            await self.stop()

    def _spawn(self, coro, name: str) -> asyncio.Task:
        task = asyncio.get_running_loop().create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _on_tcp(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        peer = writer.get_extra_info("peername")
        address = str(peer[0]) if peer else "?"
        if (self.connections >= self.config.max_connections
                or self.handshakes >= self.config.max_handshakes
                or self._handshakes_from.get(address, 0)
                >= self.config.max_handshakes_per_address):
            self.refused_busy += 1
            writer.transport.abort()  # nothing read, nothing written, no log line per attempt
            return
        try:
            link = TcpLink(reader, writer)
        except (TypeError, OSError):  # the peer left before we could ask who it was
            writer.transport.abort()
            return
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        self.connections += 1
        try:
            await self._run_session(self._session(link, self.config.session, address))
        finally:
            self.connections -= 1

    def _session(self, link, config: SessionConfig, address: str = "serial") -> Session:
        """A session counted as a handshake in flight until its device proves the key."""
        self.handshakes += 1
        self._handshakes_from[address] = self._handshakes_from.get(address, 0) + 1
        done = False

        def authenticated() -> None:
            nonlocal done
            if not done:
                done = True
                self.handshakes -= 1
                left = self._handshakes_from.pop(address, 1) - 1
                if left > 0:
                    self._handshakes_from[address] = left

        session = Session(link, self.handler_factory, config, self.registry, keys=self.keys,
                          refusals=self.refusals, on_authenticated=authenticated)
        session.on_ended = authenticated
        return session

    async def _serve_serial(self, endpoint: Endpoint) -> None:
        """Keep a serial port served: reopen it after the device goes away and comes back."""
        complained = False
        session_config = SessionConfig(**{**self.config.session.__dict__, "hello_timeout_s": None})
        while True:
            try:
                link = SerialLink(endpoint.path, endpoint.baud)
            except LinkClosed as err:
                if not complained:
                    log.warning("%s; waiting for it (plug the earpiece in, or check the path with "
                                "'python -m serial.tools.list_ports')", err)
                    complained = True
                await asyncio.sleep(self.config.serial_retry_s)
                continue
            complained = False
            log.info("serving serial port %s at %d baud", endpoint.path, endpoint.baud)
            await self._run_session(self._session(link, session_config))
            await asyncio.sleep(self.config.serial_retry_s)

    async def _run_session(self, session: Session) -> None:
        try:
            reason = await session.run()
        except Exception:
            # A bug, not bad input: log it with its traceback; the other sessions live on.
            log.exception("session on %s failed", session.link.peer)
            reason = "internal error"
        finally:
            session.on_ended()
        log.debug("session on %s ended: %s", session.link.peer, reason)
        stats = session.decoder.stats
        if stats.bad_frames or stats.skipped_bytes or stats.truncated:
            log.info("%s: %d bad frames, %d truncated, %d stray bytes skipped", session.link.peer,
                     stats.bad_frames, stats.truncated, stats.skipped_bytes)
