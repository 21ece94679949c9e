"""A fault-injecting TCP proxy for the earpiece link, on loopback only.

It sits between an earpiece (its client) and the host (its upstream) and, per direction, delays,
stalls, truncates, corrupts (as line noise does, or as a forger would, with the CRC made good
again) or resets the byte stream when a scripted trigger fires: at stream
byte N, after T seconds of the connection, or at the K-th / every K-th frame. Tests use it with
the real firmware and the real host; from the command line:

    python -m earpiece_tools.faultproxy --upstream 127.0.0.1:7700 --listen 127.0.0.1:7701 \
        --fault up:flip@every=50,count=3 --fault down:reset@after=20,conn=1

"up" is earpiece -> host, "down" is host -> earpiece. Every fault applied is recorded, in order,
with the connection, direction, frame and stream offset it hit.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import json
import socket
import struct
import sys
import time
import zlib
from dataclasses import asdict, dataclass, field

from earpiece_host import protocol as p

UP, DOWN = "up", "down"
DIRECTIONS = (UP, DOWN)
ACTIONS = ("delay", "stall", "truncate", "flip", "tamper", "reset")
TRIGGERS = ("at_byte", "after_s", "frame", "every")
_READ_BYTES = 65536


class FaultSpecError(ValueError):
    """A fault description that cannot be understood."""


@dataclass(frozen=True)
class Fault:
    """One scripted fault in one direction.

    value: delay and stall in seconds (stall: None holds the direction for good), truncate in
    bytes kept of the frame (None: half of it), flip and tamper as the XOR mask (None: 0x01).
    flip changes one byte (by default the frame's last CRC byte): line noise, which the CRC
    catches. tamper changes one payload byte (by default the first) and rewrites the CRC to
    match, as a forger would: only the seal (docs/protocol.md 6.4) can catch it.
    Exactly one trigger: at_byte (stream offset in this direction, from 0), after_s (seconds
    since the connection was accepted), frame (the K-th frame, from 1) or every (every K-th).
    count: how many times it may fire (default: once, unlimited for ``every``); connection: only
    the N-th accepted connection (from 1; None: all); min_frame_bytes: smaller frames are not
    counted (e.g. 150 counts only audio frames: 185 bytes sealed in IMA ADPCM, 661 in PCM16).
    """

    direction: str
    action: str
    value: float | None = None
    at_byte: int | None = None
    after_s: float | None = None
    frame: int | None = None
    every: int | None = None
    count: int | None = None
    connection: int | None = None
    min_frame_bytes: int = 0

    def __post_init__(self) -> None:
        if self.direction not in DIRECTIONS:
            raise FaultSpecError(f"direction {self.direction!r}: use up (earpiece to host) or down")
        if self.action not in ACTIONS:
            raise FaultSpecError(f"action {self.action!r}: use one of {', '.join(ACTIONS)}")
        triggers = [t for t in TRIGGERS if getattr(self, t) is not None]
        if len(triggers) != 1:
            raise FaultSpecError(f"{self.direction}:{self.action} needs exactly one trigger "
                                 "(byte=N, after=SECONDS, frame=K or every=K)")
        for name in ("at_byte", "frame", "every", "count", "connection"):
            v = getattr(self, name)
            if v is not None and (int(v) != v or v < (0 if name == "at_byte" else 1)):
                raise FaultSpecError(f"{name}={v}: must be a whole number of at least "
                                     f"{0 if name == 'at_byte' else 1}")
        if self.after_s is not None and self.after_s < 0:
            raise FaultSpecError(f"after={self.after_s}: must not be negative")
        if self.action == "delay" and (self.value is None or self.value <= 0):
            raise FaultSpecError("delay needs a positive number of seconds (delay=0.5)")
        if self.action in ("stall", "truncate") and self.value is not None and self.value < 0:
            raise FaultSpecError(f"{self.action}={self.value}: must not be negative")
        if self.action in ("flip", "tamper") and self.value is not None \
                and not 1 <= self.value <= 255:
            raise FaultSpecError(f"{self.action}={self.value}: the mask must be 1..255")

    @property
    def limit(self) -> int | None:
        """How often it may fire (None: no limit)."""
        if self.count is not None:
            return self.count
        return None if self.every is not None else 1

    @classmethod
    def parse(cls, spec: str) -> Fault:
        """``DIR:ACTION[=VALUE]@TRIGGER=N[,count=N][,conn=N][,min-bytes=N]``, e.g.
        ``up:flip@every=50,count=3`` or ``down:stall@after=2`` or ``down:truncate=20@frame=30``."""
        try:
            head, _, rest = spec.partition("@")
            direction, _, action = head.partition(":")
            action, _, value = action.partition("=")
            kw: dict = {"direction": direction.strip(), "action": action.strip()}
            if value:
                kw["value"] = float(value) if action.strip() in ("delay", "stall") else int(value, 0)
            names = {"byte": "at_byte", "after": "after_s", "frame": "frame", "every": "every",
                     "count": "count", "conn": "connection", "min-bytes": "min_frame_bytes"}
            for part in filter(None, (x.strip() for x in rest.split(","))):
                key, _, v = part.partition("=")
                if key not in names or not v:
                    raise FaultSpecError(f"unknown trigger or option {part!r} in {spec!r}; "
                                         f"use {', '.join(k + '=N' for k in names)}")
                kw[names[key]] = float(v) if key == "after" else int(v, 0)
        except ValueError as err:
            if isinstance(err, FaultSpecError):
                raise
            raise FaultSpecError(f"{spec!r}: {err}") from None
        return cls(**kw)


@dataclass(frozen=True)
class FaultEvent:
    """A fault that fired: which connection and direction, on which frame and stream offset."""

    connection: int
    direction: str
    action: str
    frame: int | None  # the counted frame it hit (None: bytes outside any frame, or a timer)
    offset: int  # stream offset (in this direction, as the sender sent it) where it acted
    detail: str = ""


@dataclass
class ConnectionRecord:
    """What one proxied connection carried and how it ended."""

    index: int
    bytes_in: dict = field(default_factory=lambda: {UP: 0, DOWN: 0})   # read from the sender
    bytes_out: dict = field(default_factory=lambda: {UP: 0, DOWN: 0})  # written to the receiver
    frames: dict = field(default_factory=lambda: {UP: 0, DOWN: 0})     # counted frames seen
    held_bytes: dict = field(default_factory=lambda: {UP: 0, DOWN: 0})  # stalled, never sent
    closed_by: str | None = None  # "earpiece", "host", "reset" (the proxy's fault) or "proxy"
    closed: bool = False


def split_frames(buf: bytearray) -> list[tuple[bytes, bool]]:
    """Cut complete units off the front of ``buf``: (bytes, is_frame). Bytes before a sync and a
    sync whose header is implausible come out as non-frame units; a partial frame stays in buf.

    The one place that knows the frame layout (docs/protocol.md 1: sync, header with the payload
    length at offset 7, payload, CRC; a sealed frame's payload is its ciphertext and tag, and
    ``length`` counts both): if the link's framing changes, change this function.
    """
    out: list[tuple[bytes, bool]] = []
    while buf:
        start = buf.find(p.SYNC)
        if start < 0:
            keep = 1 if buf.endswith(p.SYNC[:1]) else 0
            if len(buf) > keep:
                out.append((bytes(buf[:len(buf) - keep]), False))
                del buf[:len(buf) - keep]
            return out
        if start:
            out.append((bytes(buf[:start]), False))
            del buf[:start]
        if len(buf) < p.HEADER_BYTES:
            return out
        (length,) = struct.unpack_from("<H", buf, 7)
        if length > p.MAX_PAYLOAD_BYTES:
            out.append((bytes(buf[:2]), False))
            del buf[:2]
            continue
        total = p.HEADER_BYTES + length + p.CRC_BYTES
        if len(buf) < total:
            return out
        out.append((bytes(buf[:total]), True))
        del buf[:total]
    return out


def with_good_crc(frame: bytes) -> bytes:
    """The frame with its CRC recomputed over what it now holds (docs/protocol.md 1: CRC-32 of
    bytes 2 .. end-4, little-endian): a changed frame that every CRC check passes."""
    body = frame[:-p.CRC_BYTES]
    return body + struct.pack("<I", zlib.crc32(body[2:]))


class _Rule:
    """A fault's state on one connection."""

    def __init__(self, fault: Fault) -> None:
        self.fault = fault
        self.fired = 0
        self.frames = 0  # frames counted by this rule (those of at least min_frame_bytes)
        self.armed = fault.after_s is None  # an after_s rule arms when its timer runs out

    def exhausted(self) -> bool:
        limit = self.fault.limit
        return limit is not None and self.fired >= limit

    def count(self, unit: bytes, is_frame: bool) -> int | None:
        """This rule's number for the unit if it is a counted frame, else None."""
        if not is_frame or len(unit) < self.fault.min_frame_bytes:
            return None
        self.frames += 1
        return self.frames

    def matches(self, frame_no: int | None, start: int, end: int) -> bool:
        """Does it fire on this unit (stream bytes start..end, counted frame frame_no)?"""
        f = self.fault
        if self.exhausted() or not self.armed:
            return False
        if f.at_byte is not None:
            return start <= f.at_byte < end
        if f.after_s is not None:  # armed: the next frame (a timed stall or reset acts alone)
            return f.action == "delay" or (f.action in ("flip", "tamper", "truncate")
                                           and frame_no is not None)
        if frame_no is None:
            return False
        if f.frame is not None:
            return frame_no == f.frame
        return frame_no % f.every == 0


class _Pipe:
    """One direction of one connection: read, split into frames, apply faults, write in order."""

    def __init__(self, conn: _Connection, direction: str, reader: asyncio.StreamReader,
                 writer: asyncio.StreamWriter) -> None:
        self.conn = conn
        self.direction = direction
        self.reader = reader
        self.writer = writer
        self.rules = [_Rule(f) for f in conn.proxy.faults
                      if f.direction == direction and f.connection in (None, conn.record.index)]
        self.buf = bytearray()
        self.offset = 0  # stream offset of buf[0]
        self.queue: asyncio.Queue[tuple[float, int, bytes] | None] = asyncio.Queue()
        self.release_at = 0.0  # monotonic time before which nothing more leaves (delay, stall)
        self.stalled_from: int | None = None  # stream offset from which nothing leaves, for good

    @property
    def record(self) -> ConnectionRecord:
        return self.conn.record

    async def read_loop(self) -> str:
        """Forward until the sender closes (returns who closed) or a reset happens."""
        while True:
            try:
                data = await self.reader.read(_READ_BYTES)
            except (ConnectionError, OSError):
                data = b""
            if not data:
                if self.buf:  # a partial frame left at the end goes on as it came
                    await self._unit(bytes(self.buf), False)
                    self.buf.clear()
                self.queue.put_nowait(None)
                return "earpiece" if self.direction == UP else "host"
            self.record.bytes_in[self.direction] += len(data)
            self.buf += data
            for unit, is_frame in split_frames(self.buf):
                await self._unit(unit, is_frame)
                if self.conn.resetting:
                    return "reset"

    async def _unit(self, unit: bytes, is_frame: bool) -> None:
        start = self.offset
        self.offset += len(unit)
        if is_frame:
            self.record.frames[self.direction] += 1
        delay_s = 0.0
        for rule in self.rules:
            f = rule.fault
            n = rule.count(unit, is_frame)
            if not rule.matches(n, start, start + len(unit)):
                continue
            rule.fired += 1
            cut = f.at_byte - start if f.at_byte is not None else None
            if f.action == "flip":
                i = cut if cut is not None else len(unit) - 1  # default: the frame's last CRC byte
                mask = int(f.value or 1)
                unit = unit[:i] + bytes([unit[i] ^ mask]) + unit[i + 1:]
                self._event(f, n, start + i, f"mask 0x{mask:02x}")
            elif f.action == "tamper":
                i = cut if cut is not None else p.HEADER_BYTES  # default: the first payload byte
                mask = int(f.value or 1)
                unit = unit[:i] + bytes([unit[i] ^ mask]) + unit[i + 1:]
                if is_frame:
                    unit = with_good_crc(unit)
                self._event(f, n, start + i, f"mask 0x{mask:02x}, CRC rewritten"
                            if is_frame else f"mask 0x{mask:02x}")
            elif f.action == "truncate":
                keep = cut if cut is not None else (
                    len(unit) // 2 if f.value is None else min(int(f.value), len(unit)))
                self._event(f, n, start + keep, f"kept {keep} of {len(unit)} bytes")
                unit = unit[:keep]
            elif f.action == "delay":
                delay_s = max(delay_s, float(f.value))
                self._event(f, n, start, f"{f.value} s")
            elif f.action == "stall":
                self._event(f, n, start, "for good" if f.value is None else f"{f.value} s")
                self._stall(f.value, start)
            elif f.action == "reset":
                if cut:
                    self._send(unit[:cut], start, 0.0)
                await self._flush()  # what came before the fault is delivered first
                self._event(f, n, start + (cut or 0), "")
                await self.conn.reset()
                return
        self._send(unit, start, delay_s)

    async def _flush(self) -> None:
        """Let the writer send what is queued (before a reset at a byte offset)."""
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.queue.join(), 2.0)

    def _send(self, unit: bytes, offset: int, delay_s: float) -> None:
        if not unit:
            return
        self.release_at = max(self.release_at, time.monotonic() + delay_s)
        self.queue.put_nowait((self.release_at, offset, unit))

    def _stall(self, seconds: float | None, offset: int) -> None:
        if seconds is None:
            self.stalled_from = offset if self.stalled_from is None else self.stalled_from
        else:
            self.release_at = max(self.release_at, time.monotonic() + seconds)

    def _event(self, fault: Fault, frame_no: int | None, offset: int, detail: str) -> None:
        self.conn.proxy.events.append(FaultEvent(self.record.index, self.direction, fault.action,
                                                 frame_no, offset, detail))

    async def arm_timers(self) -> None:
        """Arm after_s rules when their time comes; a reset or stall acts then even on a quiet link."""
        timed = sorted((r for r in self.rules if r.fault.after_s is not None),
                       key=lambda r: r.fault.after_s)
        opened = self.conn.opened_at
        for rule in timed:
            await asyncio.sleep(max(0.0, opened + rule.fault.after_s - time.monotonic()))
            rule.armed = True
            f = rule.fault
            if f.action in ("reset", "stall") and not rule.exhausted():
                rule.fired += 1
                self._event(f, None, self.offset, "timer")
                if f.action == "stall":
                    self._stall(f.value, self.offset)
                else:
                    await self.conn.reset()
                    return

    async def write_loop(self) -> None:
        """Write units in order, each no earlier than its release time."""
        while True:
            item = await self.queue.get()
            if item is None:
                break
            try:
                release_at, offset, unit = item
                if self.stalled_from is not None and offset >= self.stalled_from:
                    self.record.held_bytes[self.direction] += len(unit)
                    continue
                wait_s = release_at - time.monotonic()
                if wait_s > 0:
                    await asyncio.sleep(wait_s)
                try:
                    self.writer.write(unit)
                    await self.writer.drain()
                except (ConnectionError, OSError):
                    return
                self.record.bytes_out[self.direction] += len(unit)
            finally:
                self.queue.task_done()
        if self.stalled_from is None:
            with contextlib.suppress(ConnectionError, OSError, RuntimeError):
                if self.writer.can_write_eof():
                    self.writer.write_eof()


class _Connection:
    def __init__(self, proxy: FaultProxy, index: int, client: tuple, upstream: tuple) -> None:
        self.proxy = proxy
        self.record = ConnectionRecord(index)
        self.client_reader, self.client_writer = client
        self.host_reader, self.host_writer = upstream
        self.opened_at = time.monotonic()
        self.resetting = False

    async def run(self) -> None:
        up = _Pipe(self, UP, self.client_reader, self.host_writer)
        down = _Pipe(self, DOWN, self.host_reader, self.client_writer)
        loop = asyncio.get_running_loop()
        tasks = [loop.create_task(t) for t in (up.write_loop(), down.write_loop(),
                                               up.arm_timers(), down.arm_timers())]
        readers = {loop.create_task(up.read_loop()), loop.create_task(down.read_loop())}
        try:
            # The first side to close (or a reset) decides how the connection ended; the other
            # direction still drains, as TCP half-close allows, until its sender closes too.
            done, pending = await asyncio.wait(readers, return_when=asyncio.FIRST_COMPLETED)
            if self.record.closed_by is None:
                self.record.closed_by = next(iter(done)).result()
            if not self.resetting:
                await asyncio.wait(pending, timeout=self.proxy.linger_s)
        finally:
            for t in (*readers, *tasks):
                t.cancel()
            await asyncio.gather(*readers, *tasks, return_exceptions=True)
            self._close(abort=self.resetting)

    async def reset(self) -> None:
        """Both sides get a TCP reset, as when a router or the radio drops the connection."""
        if self.resetting:
            return
        self.resetting = True
        self.record.closed_by = "reset"
        self._close(abort=True)

    def _close(self, abort: bool) -> None:
        if self.record.closed:
            return
        self.record.closed = True
        for w in (self.client_writer, self.host_writer):
            if abort:
                sock = w.get_extra_info("socket")
                if sock is not None:
                    with contextlib.suppress(OSError):
                        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                w.transport.abort()
            else:
                w.close()


def _require_loopback(host: str, what: str) -> None:
    try:
        ok = ipaddress.ip_address(host).is_loopback
    except ValueError:
        ok = host == "localhost"
    if not ok:
        raise FaultSpecError(f"{what} {host!r} is not a loopback address; the fault proxy only "
                             "works on this machine (127.0.0.1 or ::1)")


class FaultProxy:
    """Accepts earpieces on loopback and relays each connection to the host, with faults.

    ``async with FaultProxy(("127.0.0.1", host_port), faults) as proxy:`` then point the
    earpiece at ``proxy.address``; ``proxy.connections`` and ``proxy.events`` say what happened.
    """

    def __init__(self, upstream: tuple[str, int], faults: list[Fault] | tuple[Fault, ...] = (),
                 listen: tuple[str, int] = ("127.0.0.1", 0), linger_s: float = 5.0) -> None:
        _require_loopback(upstream[0], "upstream")
        _require_loopback(listen[0], "listen address")
        self.upstream = upstream
        self.faults = tuple(faults)
        self.listen = listen
        self.linger_s = linger_s  # after one side closes, how long the other may still drain
        self.connections: list[ConnectionRecord] = []
        self.events: list[FaultEvent] = []
        self._server: asyncio.AbstractServer | None = None
        self._tasks: set[asyncio.Task] = set()

    @property
    def address(self) -> tuple[str, int]:
        assert self._server is not None, "start() the proxy first"
        return self._server.sockets[0].getsockname()[:2]

    @property
    def uri(self) -> str:
        return "tcp://%s:%d" % self.address

    def events_of(self, action: str, direction: str | None = None) -> list[FaultEvent]:
        return [e for e in self.events if e.action == action
                and (direction is None or e.direction == direction)]

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, *self.listen)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    async def __aenter__(self) -> FaultProxy:
        await self.start()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.stop()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        index = len(self.connections) + 1
        try:
            upstream = await asyncio.open_connection(*self.upstream)
        except OSError:
            record = ConnectionRecord(index, closed_by="proxy", closed=True)
            self.connections.append(record)
            writer.transport.abort()
            return
        conn = _Connection(self, index, (reader, writer), upstream)
        self.connections.append(conn.record)
        try:
            await conn.run()
        except asyncio.CancelledError:
            pass  # stop(): run() has closed both sides; end quietly (asyncio logs a cancelled handler)


def _address(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    try:
        return host.strip("[]") or "127.0.0.1", int(port)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: use HOST:PORT, e.g. 127.0.0.1:7700") from None


def _fault(text: str) -> Fault:
    try:
        return Fault.parse(text)
    except FaultSpecError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m earpiece_tools.faultproxy",
                                 description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--upstream", type=_address, required=True, metavar="HOST:PORT",
                    help="the host (earpiece serve) on this machine")
    ap.add_argument("--listen", type=_address, default=("127.0.0.1", 0), metavar="HOST:PORT",
                    help="where earpieces connect (default 127.0.0.1 and a free port)")
    ap.add_argument("--fault", type=_fault, action="append", default=[],
                    metavar="DIR:ACTION[=V]@TRIGGER",
                    help="e.g. up:flip@every=50,count=3  down:delay=0.5@frame=30  "
                         "up:stall@after=2,conn=1  down:truncate=20@byte=4000  up:tamper@frame=40  "
                         "down:reset@after=10; "
                         "repeatable")
    args = ap.parse_args(argv)

    async def run() -> None:
        proxy = FaultProxy(args.upstream, args.fault, listen=args.listen)
        await proxy.start()
        print(f"fault proxy on {proxy.uri} -> tcp://{args.upstream[0]}:{args.upstream[1]} "
              f"({len(args.fault)} faults); Ctrl-C prints what happened", flush=True)
        try:
            await asyncio.Event().wait()
        finally:
            await proxy.stop()
            print(json.dumps({"connections": [asdict(c) for c in proxy.connections],
                              "events": [asdict(e) for e in proxy.events]}), flush=True)

    try:
        asyncio.run(run())
    except FaultSpecError as err:
        print(f"faultproxy: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"faultproxy: cannot listen on {args.listen[0]}:{args.listen[1]}: {err}",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
