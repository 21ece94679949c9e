"""A stand-in host for the firmware tests: a real TCP server speaking docs/protocol.md by hand
(struct + zlib, and the pairing handshake and sealing of section 6 by hand, independent of
both codecs) that can be stopped and started again on the same
port, to see the device reconnect. It welcomes every HELLO, answers PING, records every frame
with its arrival time and connection, and can end voice turns like the host's endpointer."""

from __future__ import annotations

import socket
import struct
import threading
import time
from dataclasses import dataclass, field

from firmware_harness import (AUTH, HELLO, LISTEN_START, LISTEN_STOP, MIC_AUDIO, PING, PONG,
                              SPEECH_AUDIO, STATE, WELCOME, SpecLink, welcome_payload)


@dataclass
class Received:
    t_s: float
    conn: int
    type_code: int
    flags: int
    seq: int
    payload: bytes


@dataclass
class HostStandIn:
    """end_turn_after_bytes: after this much mic audio in a turn, send LISTEN_STOP (voice) and
    STATE idle (nothing to say), as the host does when the turn held no wake phrase."""

    end_turn_after_bytes: int | None = None
    reply_pcm: bytes = b""   # spoken (paced, 5 frames ahead) after ending a turn, else STATE idle
    port: int = 0
    received: list[Received] = field(default_factory=list)
    connections: int = 0
    accepted_at: list[float] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    _srv: socket.socket | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> int:
        srv = socket.socket()
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind(("127.0.0.1", self.port))
        srv.listen(4)
        srv.settimeout(0.05)
        self.port = srv.getsockname()[1]
        self._srv = srv
        self._stop = threading.Event()
        t = threading.Thread(target=self._accept_loop, args=(srv, self._stop), daemon=True)
        t.start()
        self._threads = [t]
        return self.port

    def stop(self) -> None:
        """The host goes away: the listening socket and every connection close."""
        self._stop.set()
        for t in self._threads:
            t.join(5)
        self._srv = None

    def of_type(self, type_code: int, conn: int | None = None) -> list[Received]:
        with self._lock:
            return [r for r in self.received
                    if r.type_code == type_code and (conn is None or r.conn == conn)]

    def wait_for(self, pred, timeout_s: float) -> bool:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if pred():
                return True
            time.sleep(0.02)
        return pred()

    def uplink(self, conn: int | None = None) -> bytes:
        return b"".join(r.payload for r in self.of_type(MIC_AUDIO, conn))

    def _accept_loop(self, srv: socket.socket, stop: threading.Event) -> None:
        try:
            while not stop.is_set():
                try:
                    conn, _ = srv.accept()
                except socket.timeout:
                    continue
                self.connections += 1
                self.accepted_at.append(time.monotonic())
                t = threading.Thread(target=self._session, args=(conn, self.connections, stop),
                                     daemon=True)
                t.start()
                self._threads.append(t)
        finally:
            srv.close()

    def _session(self, conn: socket.socket, index: int, stop: threading.Event) -> None:
        conn.settimeout(0.01)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # paced 20 ms frames
        link = SpecLink()
        buf = bytearray()
        turn_bytes = 0
        in_turn = False
        reply_off = -1  # -1: not replying
        t_next = 0.0
        sent_frames = 0

        def tx(type_code: int, payload: bytes = b"", flags: int = 0) -> None:
            conn.sendall(link.frame(type_code, payload, flags))

        try:
            with conn:
                while not stop.is_set():
                    while reply_off >= 0 and time.monotonic() >= t_next:
                        chunk = self.reply_pcm[reply_off:reply_off + 640]
                        reply_off += len(chunk)
                        last = reply_off >= len(self.reply_pcm)
                        tx(SPEECH_AUDIO, chunk, 1 if last else 0)
                        sent_frames += 1
                        if sent_frames >= 5:
                            t_next += 0.02
                        if last:
                            reply_off = -1
                    try:
                        data = conn.recv(65536)
                    except socket.timeout:
                        continue
                    if not data:
                        return
                    buf += data
                    for type_code, flags, fseq, payload in link.parse(buf):
                        with self._lock:
                            self.received.append(Received(time.monotonic(), index, type_code,
                                                          flags, fseq, payload))
                        if type_code == HELLO and not link.device_nonce:
                            conn.sendall(link.auth_for(payload))
                        elif type_code == AUTH and not link.sealed:
                            if link.accept(payload):
                                tx(WELCOME, welcome_payload(session_id=index))
                        elif type_code == PING:
                            tx(PONG, payload)
                        elif type_code == LISTEN_START:
                            in_turn = True
                            turn_bytes = 0
                        elif type_code == MIC_AUDIO and in_turn:
                            turn_bytes += len(payload)
                            limit = self.end_turn_after_bytes
                            if limit is not None and turn_bytes >= limit:
                                in_turn = False
                                tx(LISTEN_STOP, b"\x02")
                                if self.reply_pcm:
                                    reply_off = 0
                                    sent_frames = 0
                                    t_next = time.monotonic()
                                else:
                                    tx(STATE, b"\x00")
                        elif type_code == LISTEN_STOP:
                            in_turn = False
        except OSError:
            return  # the device went away; it reconnects
        except BaseException as e:  # reported by the test
            self.errors.append(e)


def sim_with(cmd: list[str], *extra: str) -> list[str]:
    """A sim command line with extra main_unix options (e.g. --hands-free)."""
    return [*cmd, *extra]


def states(host: HostStandIn, conn: int | None = None) -> list[int]:
    return [r.payload[0] for r in host.of_type(STATE, conn)]


def error_messages(host: HostStandIn) -> list[tuple[int, str]]:
    from firmware_harness import ERROR
    out = []
    for r in host.of_type(ERROR):
        code, n = struct.unpack_from("<HB", r.payload)
        out.append((code, r.payload[3:3 + n].decode()))
    return out
