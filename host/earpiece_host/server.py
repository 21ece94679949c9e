"""The host service: TCP listeners and serial ports feeding the same session code.

Each connection gets its own ``Session`` and handler; a failure in one never touches another.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from .session import HandlerFactory, Session, SessionConfig, SessionRegistry
from .transport import Endpoint, LinkClosed, SerialLink, TcpLink, parse_endpoint

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServerConfig:
    listen: tuple[str, ...] = ()  # tcp://HOST:PORT
    serial: tuple[str, ...] = ()  # serial:///dev/ttyACM0 or a device path
    session: SessionConfig = field(default_factory=SessionConfig)
    serial_retry_s: float = 1.0


class Server:
    def __init__(self, config: ServerConfig, handler_factory: HandlerFactory) -> None:
        self.config = config
        self.handler_factory = handler_factory
        self.registry = SessionRegistry()
        self.tcp_addresses: list[tuple[str, int]] = []
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
        link = TcpLink(reader, writer)
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        await self._run_session(Session(link, self.handler_factory, self.config.session, self.registry))

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
            await self._run_session(Session(link, self.handler_factory, session_config, self.registry))
            await asyncio.sleep(self.config.serial_retry_s)

    async def _run_session(self, session: Session) -> None:
        try:
            reason = await session.run()
        except Exception:
            # A bug, not bad input: log it with its traceback; the other sessions live on.
            log.exception("session on %s failed", session.link.peer)
            reason = "internal error"
        log.debug("session on %s ended: %s", session.link.peer, reason)
        stats = session.decoder.stats
        if stats.bad_frames or stats.skipped_bytes or stats.truncated:
            log.info("%s: %d bad frames, %d truncated, %d stray bytes skipped", session.link.peer,
                     stats.bad_frames, stats.truncated, stats.skipped_bytes)
