"""The fault-injecting proxy: each fault on real sockets, then with the real firmware and host.

The first tests check the proxy itself between two scripted ends. The rest put it between the
virtual earpiece (the real firmware in MicroPython) and the real host, and assert what a user would
notice (the request is still answered, the link recovers, a reminder is spoken once) and what the
two ends count, in counts and order, never in wall-clock windows.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

import pytest

from earpiece_host import protocol as p
from earpiece_host.audio import read_wav, write_wav
from earpiece_host.echo import EchoHandler
from earpiece_host.pairing import PairingStore
from earpiece_host.server import Server, ServerConfig
from earpiece_host.protocol import CODEC_PCM16LE
from earpiece_host.session import SessionConfig
from earpiece_tools import faultproxy as fp
from earpiece_tools import harness, sim
from earpiece_tools.faultproxy import Fault, FaultProxy, FaultSpecError
from earpiece_tools.timeline import Kind, TimelineError, read_timeline
from firmware_harness import PAIRING_KEY_HEX
from settable_clock import Clock


# --- the proxy between two scripted ends ---------------------------------------------------------


class Upstream:
    """A stand-in host on loopback: decodes what arrives, sends what it is told to."""

    def __init__(self) -> None:
        self.decoder = p.FrameDecoder()
        self.messages: list[p.Message] = []
        self.writers: list[asyncio.StreamWriter] = []
        self.ended: list[str] = []
        self.server: asyncio.AbstractServer | None = None

    async def __aenter__(self) -> Upstream:
        self.server = await asyncio.start_server(self._conn, "127.0.0.1", 0)
        return self

    async def __aexit__(self, *exc) -> None:
        self.server.close()
        for w in self.writers:
            w.close()

    @property
    def address(self) -> tuple[str, int]:
        return self.server.sockets[0].getsockname()[:2]

    async def _conn(self, reader, writer) -> None:
        self.writers.append(writer)
        try:
            while data := await reader.read(65536):
                self.messages += [m for m in self.decoder.feed(data) if isinstance(m, p.Message)]
            self.ended.append("eof")
            writer.close()  # as the host does when its earpiece hangs up
        except ConnectionResetError:
            self.ended.append("reset")
        except asyncio.CancelledError:
            pass


def _holds(condition) -> bool:
    try:
        return bool(condition())
    except IndexError:  # the connection it looks at is not there yet
        return False


def pings(n: int, start: int = 1) -> bytes:
    enc = p.FrameEncoder()
    return b"".join(enc.encode(p.Ping(token=start + i, sender_ms=0)) for i in range(n))


async def until(condition, timeout_s: float = 10.0) -> None:
    """Poll to a deadline."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while not _holds(condition):
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met before the deadline")
        await asyncio.sleep(0.02)


async def send_through(faults: list[Fault], data: bytes, expect_messages: int):
    async with Upstream() as host, FaultProxy(host.address, faults) as proxy:
        reader, writer = await asyncio.open_connection(*proxy.address)
        writer.write(data)
        await writer.drain()
        await until(lambda: len(host.messages) >= expect_messages)
        writer.close()
        await until(lambda: proxy.connections[0].closed)
    return host, proxy


def test_fault_specs_parse_and_bad_ones_say_what_to_write():
    assert Fault.parse("up:flip@every=50,count=3") == Fault("up", "flip", every=50, count=3)
    assert Fault.parse("down:stall@after=2,conn=1") == Fault("down", "stall", after_s=2.0,
                                                            connection=1)
    assert Fault.parse("down:truncate=20@byte=4000") == Fault("down", "truncate", 20, at_byte=4000)
    assert Fault.parse("up:tamper=0x80@frame=40") == Fault("up", "tamper", 0x80, frame=40)
    assert Fault.parse("down:delay=0.5@frame=3,min-bytes=600") == Fault(
        "down", "delay", 0.5, frame=3, min_frame_bytes=600)
    for bad, says in (("sideways:flip@frame=1", "direction"), ("up:melt@frame=1", "action"),
                      ("up:flip", "exactly one trigger"), ("up:flip@frame=1,every=2", "exactly one"),
                      ("up:delay@frame=1", "positive number of seconds"),
                      ("up:flip@often=2", "unknown trigger"), ("up:flip@frame=0", "at least 1")):
        with pytest.raises(FaultSpecError, match=says):
            Fault.parse(bad)


def test_the_proxy_refuses_to_leave_this_machine():
    with pytest.raises(FaultSpecError, match="loopback"):
        FaultProxy(("192.0.2.1", 7700))
    with pytest.raises(FaultSpecError, match="loopback"):
        FaultProxy(("127.0.0.1", 7700), listen=("0.0.0.0", 0))


def test_a_bad_fault_on_the_command_line_is_one_clear_line(capsys):
    with pytest.raises(SystemExit) as exit_:
        fp.main(["--upstream", "127.0.0.1:7700", "--fault", "up:flip"])
    assert exit_.value.code == 2
    assert "needs exactly one trigger" in capsys.readouterr().err


async def test_from_the_command_line_it_proxies_and_prints_what_happened_on_ctrl_c():
    import json
    import re
    import signal
    import sys

    async with Upstream() as host:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "earpiece_tools.faultproxy", "--upstream",
            "%s:%d" % host.address, "--fault", "up:flip@frame=2",
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        banner = (await asyncio.wait_for(proc.stdout.readline(), 30)).decode()
        port = int(re.search(r"tcp://127\.0\.0\.1:(\d+)", banner).group(1))
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(pings(3))
        await until(lambda: len(host.messages) == 2)
        writer.close()
        proc.send_signal(signal.SIGINT)
        out, _ = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0
    report = json.loads(out.decode().strip().splitlines()[-1])
    assert [(e["direction"], e["action"], e["frame"]) for e in report["events"]] == [
        ("up", "flip", 2)]
    assert report["connections"][0]["frames"]["up"] == 3
    assert [m.token for m in host.messages] == [1, 3]


async def test_without_faults_every_byte_passes_both_ways_in_order():
    async with Upstream() as host, FaultProxy(host.address) as proxy:
        reader, writer = await asyncio.open_connection(*proxy.address)
        writer.write(pings(20))
        await until(lambda: len(host.messages) == 20)
        host.writers[0].write(pings(5, start=100))
        got = p.FrameDecoder()
        received: list[p.Message] = []
        while len(received) < 5:
            received += got.feed(await reader.read(65536))
        writer.close()
        await until(lambda: proxy.connections[0].closed)
    assert [m.token for m in host.messages] == list(range(1, 21))
    assert [m.token for m in received] == list(range(100, 105))
    record = proxy.connections[0]
    assert record.frames == {"up": 20, "down": 5} and record.closed_by == "earpiece"
    assert record.bytes_in == record.bytes_out and proxy.events == []


async def test_flipped_bits_every_kth_frame_are_crc_errors_and_the_rest_arrive():
    host, proxy = await send_through([Fault("up", "flip", every=3)], pings(10), expect_messages=7)
    assert [m.token for m in host.messages] == [1, 2, 4, 5, 7, 8, 10]
    assert host.decoder.stats.crc_errors == 3 and host.decoder.stats.lost_frames == 3
    assert [(e.frame, e.action) for e in proxy.events] == [(3, "flip"), (6, "flip"), (9, "flip")]


async def test_a_tampered_frame_passes_every_crc_check_so_only_a_seal_can_catch_it():
    # unsealed pings: the changed token (its first byte XOR 1) arrives as if it had been sent
    host, proxy = await send_through([Fault("up", "tamper", every=3)], pings(10), expect_messages=10)
    assert [m.token for m in host.messages] == [1, 2, 2, 4, 5, 7, 7, 8, 8, 10]
    assert host.decoder.stats.crc_errors == 0 and host.decoder.stats.lost_frames == 0
    assert [(e.frame, e.action) for e in proxy.events] == [(3, "tamper"), (6, "tamper"),
                                                           (9, "tamper")]


async def test_a_flip_at_byte_n_hits_exactly_that_byte():
    frame_bytes = len(pings(1))
    host, proxy = await send_through([Fault("up", "flip", 0x80, at_byte=frame_bytes + 10)],
                                     pings(3), expect_messages=2)
    assert [m.token for m in host.messages] == [1, 3]
    (event,) = proxy.events
    assert event.offset == frame_bytes + 10 and event.frame == 2  # the frame holding it


async def test_a_truncated_frame_is_counted_as_truncated_and_the_next_one_decodes():
    host, proxy = await send_through([Fault("up", "truncate", 6, frame=2)], pings(4),
                                     expect_messages=3)
    assert [m.token for m in host.messages] == [1, 3, 4]
    assert host.decoder.stats.truncated == 1
    assert proxy.connections[0].bytes_in["up"] - proxy.connections[0].bytes_out["up"] \
        == len(pings(1)) - 6


async def test_a_delayed_frame_holds_back_the_ones_behind_it_and_keeps_their_order():
    async with Upstream() as host, FaultProxy(host.address, [Fault("up", "delay", 0.3, frame=2)]) \
            as proxy:
        _, writer = await asyncio.open_connection(*proxy.address)
        writer.write(pings(2))
        await until(lambda: len(host.messages) >= 1)
        writer.write(pings(2, start=3))
        await until(lambda: len(host.messages) == 4)
        writer.close()
    assert [m.token for m in host.messages] == [1, 2, 3, 4]
    assert [(e.action, e.frame) for e in proxy.events] == [("delay", 2)]


async def test_a_stall_holds_one_direction_while_the_other_still_flows():
    async with Upstream() as host, FaultProxy(host.address, [Fault("up", "stall", frame=3)]) \
            as proxy:
        reader, writer = await asyncio.open_connection(*proxy.address)
        writer.write(pings(6))
        await until(lambda: proxy.connections[0].bytes_in["up"] == len(pings(6)))
        host.writers[0].write(pings(1, start=99))
        (pong,) = p.FrameDecoder().feed(await asyncio.wait_for(reader.read(65536), 5))
        record = proxy.connections[0]
        assert pong.token == 99  # the link is open, the other way works
        assert [m.token for m in host.messages] == [1, 2]
        assert record.held_bytes["up"] == 4 * len(pings(1)) and not record.closed
        writer.close()


async def test_a_reset_at_byte_n_delivers_the_bytes_before_it_and_resets_both_ends():
    frame_bytes = len(pings(1))
    async with Upstream() as host, FaultProxy(host.address,
                                              [Fault("up", "reset", at_byte=2 * frame_bytes)]) \
            as proxy:
        reader, writer = await asyncio.open_connection(*proxy.address)
        writer.write(pings(4))
        with pytest.raises(ConnectionResetError):
            while await asyncio.wait_for(reader.read(65536), 5):
                pass
        await until(lambda: host.ended)
    assert [m.token for m in host.messages] == [1, 2]
    assert host.ended == ["reset"] and proxy.connections[0].closed_by == "reset"


async def test_a_timed_reset_fires_on_a_quiet_link_and_only_on_the_chosen_connection():
    faults = [Fault("down", "reset", after_s=0.2, connection=1)]
    async with Upstream() as host, FaultProxy(host.address, faults) as proxy:
        reader, _ = await asyncio.open_connection(*proxy.address)
        with pytest.raises(ConnectionResetError):
            await asyncio.wait_for(reader.read(65536), 5)
        _, writer2 = await asyncio.open_connection(*proxy.address)
        writer2.write(pings(3))
        await until(lambda: len(host.messages) == 3)
        writer2.close()
        await until(lambda: len(proxy.connections) == 2 and proxy.connections[1].closed)
    assert [c.closed_by for c in proxy.connections] == ["reset", "earpiece"]
    assert [(e.connection, e.action) for e in proxy.events] == [(1, "reset")]


# --- the real firmware and the real host through the proxy ----------------------------------------


def dropped_as_corrupt_by_host(session) -> int:
    """Frames the host dropped because a check failed, counted exactly once each.

    A bit flipped on the wire fails the frame's CRC (which the proxy's flip hits by default), and
    the frame's sequence number goes missing (``lost_frames``); a frame whose CRC still holds but
    whose bytes were changed fails its tag (``auth_failures``; its seq is taken, so it is not also
    lost). Counting CRC errors instead would overcount: the decoder rescans a bad frame's bytes,
    and a sync pair inside its sealed (random-looking) payload is a second bad candidate.
    """
    stats = session.decoder.stats
    return stats.lost_frames + stats.auth_failures


def dropped_as_corrupt_by_device(summary: dict) -> int:
    """The same count on the firmware's side, from its exit summary."""
    return summary["lost_frames"] + summary["auth_failures"]


def cut_short_by_host(session) -> int:
    """Frames the host dropped as cut short: counted as truncated when it sees the cut before
    the next frame arrives, else as a failed CRC."""
    stats = session.decoder.stats
    return stats.truncated + stats.crc_errors


def cut_short_by_device(summary: dict) -> int:
    return summary["truncated"] + summary["crc_errors"]


def nothing_unsealed_or_forged(session, summary: dict) -> bool:
    """After the handshake every frame each way was sealed, and none failed its tag."""
    stats = session.decoder.stats
    return (stats.auth_failures, stats.unsealed, summary["auth_failures"],
            summary["unsealed"]) == (0, 0, 0, 0)


def paired_with_the_device(folder: Path) -> PairingStore:
    """The host's pairing file, holding the virtual earpiece's key (as `earpiece devices pair`
    leaves it)."""
    store = PairingStore(folder / "pairing.json")
    store.put(DEVICE_ID, PAIRING_KEY_HEX)
    return store


DEVICE_ID = "fault-ear"


class HostSessions:
    """Keeps every session the host welcomed, so its counters can be read after it ended."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.seen: list = []

    def poll(self) -> None:
        for session in self.server.registry:
            if session not in self.seen:
                self.seen.append(session)


async def run_device(proxy: FaultProxy, sessions: HostSessions, tmp_path: Path, mic_pcm: bytes,
                     buttons: str = "", listen_at_start: bool = False, exit_when=None,
                     done=None, timeout_s: float = 90.0) -> sim.SimResult:
    """One virtual earpiece through the proxy, until it exits (or ``done()``, then Ctrl-C)."""
    write_wav(tmp_path / "mic.wav", mic_pcm)
    cmd = sim.sim_command(proxy.uri, mic=tmp_path / "mic.wav", speaker=tmp_path / "speaker.wav",
                          timeline=tmp_path / "timeline.bin", buttons=buttons or None,
                          device_id=DEVICE_ID, listen_at_start=listen_at_start,
                          exit_when=exit_when or "mic-done-and-idle")
    proc = await asyncio.create_subprocess_exec(*cmd,
                                                env=sim.sim_env(pairing_key=PAIRING_KEY_HEX),
                                                stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.PIPE)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    while proc.returncode is None and loop.time() < deadline:
        sessions.poll()
        if done is not None and done():
            proc.send_signal(2)  # Ctrl-C: the firmware stops cleanly and prints its summary
            break
        try:
            await asyncio.wait_for(asyncio.shield(proc.wait()), 0.05)
        except asyncio.TimeoutError:
            pass
    try:
        out, err = await asyncio.wait_for(proc.communicate(), 15)
    except asyncio.TimeoutError:
        proc.kill()
        out, err = await proc.communicate()
    return sim.parse_output(proc.returncode, out.decode(), err.decode())


def kinds(tmp_path: Path, *wanted: Kind) -> list[Kind]:
    return [Kind(r.kind) for r in read_timeline(tmp_path / "timeline.bin") if r.kind in wanted]


def welcomed(tmp_path: Path) -> int:
    """WELCOMEs the earpiece has taken so far, read from its timeline while it runs. (The host
    counts a session before its WELCOME is on the wire, so its own count can run ahead of the
    device's.)"""
    try:
        return len(kinds(tmp_path, Kind.WELCOME))
    except (OSError, TimelineError):  # not written yet
        return 0


def probe(seconds: float) -> bytes:
    """Loud noisy audio with no sync pair in it. (On the wire each frame's payload is sealed, so
    a sync pair may still turn up in its ciphertext: the faults below cut frames just after
    their header, leaving too few bytes of a broken frame for that to matter.)"""
    import numpy as np
    rng = np.random.default_rng(3)
    n = int(seconds * 16000) // 320 * 320
    x = 9000 * np.sin(2 * np.pi * 440 * np.arange(n) / 16000) + rng.normal(0, 3000, n)
    pcm = np.clip(x, -32768, 32767).astype("<i2").tobytes()
    while p.SYNC in pcm:
        pcm = pcm.replace(p.SYNC, b"\xa5\x5b")
    return pcm


@pytest.fixture
async def echo_host(tmp_path):
    handlers: list[EchoHandler] = []

    def factory(info):
        handlers.append(EchoHandler(info, turn_ms=2000))
        return handlers[-1]

    server = Server(ServerConfig(listen=("tcp://127.0.0.1:0",),
                                 # PCM16: the echo is compared bit for bit (ADPCM is lossy)
                                 session=SessionConfig(link_timeout_s=3.0, ping_interval_s=1.0,
                                                       codec=CODEC_PCM16LE)),
                    factory, paired_with_the_device(tmp_path))
    await server.start()
    server.handlers = handlers
    yield server
    await server.stop()


@pytest.mark.slow
async def test_truncated_frames_are_counted_both_ways_and_the_turn_still_comes_back(
        echo_host, tmp_path):
    mic = probe(2.0)
    # each cut frame keeps its header and 3 bytes: a cut frame is counted once, never twice
    # (a sync pair in the rest of a sealed payload would be a second bad candidate)
    faults = [Fault("up", "truncate", 12, every=30, count=2, min_frame_bytes=600),
              Fault("down", "truncate", 12, every=30, count=2, min_frame_bytes=600)]
    sessions = HostSessions(echo_host)
    async with FaultProxy(echo_host.tcp_addresses[0], faults) as proxy:
        result = await run_device(proxy, sessions, tmp_path, mic, listen_at_start=True)
    assert result.returncode == 0, result.stderr
    (session,) = sessions.seen
    assert sorted(e.direction for e in proxy.events) == ["down", "down", "up", "up"]
    assert cut_short_by_host(session) == 2 and session.decoder.stats.lost_frames == 2
    assert cut_short_by_device(result.summary) == 2 and result.summary["lost_frames"] == 2
    (turn,) = echo_host.handlers[0].turns
    frames = [mic[i:i + 640] for i in range(0, len(mic), 640)]
    heard = b"".join(f for i, f in enumerate(frames) if i + 1 not in (30, 60))
    assert turn.pcm[:len(heard)] == heard  # exactly the two cut mic frames are missing
    played, _ = read_wav(tmp_path / "speaker.wav")
    assert len(played) == len(turn.pcm) - 2 * 640  # and two echoed frames on the way back
    assert nothing_unsealed_or_forged(session, result.summary)
    assert result.summary["welcomes"] == 1 and len(proxy.connections) == 1


@pytest.mark.slow
async def test_tampered_frames_fail_their_seal_both_ways_and_only_they_are_lost(echo_host, tmp_path):
    # A payload byte changed and the CRC made good again: what a forger on the path would send.
    mic = probe(2.0)
    faults = [Fault("up", "tamper", every=30, count=2, min_frame_bytes=600),
              Fault("down", "tamper", every=30, count=2, min_frame_bytes=600)]
    sessions = HostSessions(echo_host)
    async with FaultProxy(echo_host.tcp_addresses[0], faults) as proxy:
        result = await run_device(proxy, sessions, tmp_path, mic, listen_at_start=True)
    assert result.returncode == 0, result.stderr
    (session,) = sessions.seen
    stats = session.decoder.stats
    assert sorted(e.direction for e in proxy.events) == ["down", "down", "up", "up"]
    assert (stats.auth_failures, stats.crc_errors, stats.lost_frames) == (2, 0, 0)
    assert (result.summary["auth_failures"], result.summary["crc_errors"],
            result.summary["lost_frames"]) == (2, 0, 0)
    assert dropped_as_corrupt_by_host(session) == dropped_as_corrupt_by_device(result.summary) == 2
    (turn,) = echo_host.handlers[0].turns
    frames = [mic[i:i + 640] for i in range(0, len(mic), 640)]
    heard = b"".join(f for i, f in enumerate(frames) if i + 1 not in (30, 60))
    assert turn.pcm[:len(heard)] == heard  # exactly the two forged mic frames are missing
    played, _ = read_wav(tmp_path / "speaker.wav")
    assert len(played) == len(turn.pcm) - 2 * 640  # and two forged echo frames never played
    assert result.summary["welcomes"] == 1 and len(proxy.connections) == 1  # the link lives on


@pytest.mark.slow
async def test_a_stalled_uplink_is_dropped_by_the_host_and_the_device_reconnects(
        echo_host, tmp_path):
    # Everything the earpiece sends after its 3rd frame on the first connection is held back:
    # the host hears nothing, ends the link after its deadline, and the earpiece comes back.
    faults = [Fault("up", "stall", frame=3, connection=1)]
    sessions = HostSessions(echo_host)
    async with FaultProxy(echo_host.tcp_addresses[0], faults) as proxy:
        result = await run_device(
            proxy, sessions, tmp_path, bytes(640), exit_when="never",
            done=lambda: welcomed(tmp_path) == 2)
    assert result.summary["welcomes"] == 2, result.stderr
    first, second = proxy.connections
    assert first.closed_by == "host"  # the host gave up on the silent link, not the device
    assert first.held_bytes["up"] > 0 and not second.closed_by == "reset"
    # (the last LINK_DOWN is the Ctrl-C that ends the test)
    assert kinds(tmp_path, Kind.WELCOME, Kind.LINK_DOWN)[:3] == [Kind.WELCOME, Kind.LINK_DOWN,
                                                                  Kind.WELCOME]


@pytest.mark.slow
async def test_a_delayed_reply_underruns_but_plays_out_and_the_link_lives(echo_host, tmp_path):
    mic = probe(2.0)
    faults = [Fault("down", "delay", 1.0, frame=20, min_frame_bytes=600)]
    sessions = HostSessions(echo_host)
    async with FaultProxy(echo_host.tcp_addresses[0], faults) as proxy:
        result = await run_device(proxy, sessions, tmp_path, mic, listen_at_start=True)
    assert result.returncode == 0, result.stderr
    assert [(e.direction, e.frame) for e in proxy.events] == [("down", 20)]
    assert result.summary["underruns"] >= 1  # the gap a listener hears
    played, _ = read_wav(tmp_path / "speaker.wav")
    # the late burst overflows the 320 ms ring: every byte sent was either played or counted
    overflowed = sum(r.a for r in read_timeline(tmp_path / "timeline.bin")
                     if r.kind == Kind.OVERRUN)
    assert len(played) + overflowed == len(mic) and result.summary["overruns"] >= 1
    assert result.summary["welcomes"] == 1 and len(proxy.connections) == 1


@pytest.mark.slow
async def test_flipped_bits_each_way_are_dropped_and_counted_and_the_request_is_answered(
        voice_services, tmp_path):
    server = Server(ServerConfig(listen=("tcp://127.0.0.1:0",)), voice_services.handler,
                    paired_with_the_device(tmp_path))
    await server.start()
    requests = harness.synthesise_requests(voice_services, ["What time is it?"], tmp_path / "req")
    script = harness.build_script(requests, answer_window_s=5.0)
    # audio frames only: 185 bytes each, sealed IMA ADPCM (the codec the host chooses)
    faults = [Fault("up", "flip", every=15, count=3, min_frame_bytes=150),
              Fault("down", "flip", every=15, count=3, min_frame_bytes=150)]
    sessions = HostSessions(server)
    turns = []
    voice_services.on_turn = turns.append
    try:
        async with FaultProxy(server.tcp_addresses[0], faults) as proxy:
            result = await run_device(proxy, sessions, tmp_path, script.mic_pcm,
                                      buttons=",".join(f"{t:.3f}:tap" for t in script.taps_s))
    finally:
        await server.stop()
    assert result.returncode == 0, result.stderr
    assert len(proxy.events_of("flip", "up")) == 3 and len(proxy.events_of("flip", "down")) == 3
    (session,) = sessions.seen
    assert dropped_as_corrupt_by_host(session) == 3
    assert dropped_as_corrupt_by_device(result.summary) == 3
    assert nothing_unsealed_or_forged(session, result.summary)  # line noise, caught by the CRC
    assert [t.intent for t in turns] == ["time.now"]  # heard and answered all the same
    assert result.summary["frames_played"] > 0
    assert result.summary["welcomes"] == 1 and len(proxy.connections) == 1


@pytest.mark.slow
async def test_a_reset_mid_reminder_reconnects_with_backoff_and_the_reminder_is_spoken_once(
        english_recognisers, piper_synthesiser, tmp_path):
    from earpiece_host.dialogue import open_engine
    from earpiece_host.voice import VoiceConfig, VoiceServices, chime

    clock = Clock(datetime.now().astimezone())
    brain = open_engine(tmp_path / "os", morning_briefing=False, clock=clock)
    voice_services = VoiceServices(english_recognisers, piper_synthesiser, brain,
                                   config=VoiceConfig(announce_interval_s=0.2))
    assert brain.handle("remind me to water the plants in 1 minute").intent == "reminder.set"
    clock.advance(minutes=2)  # it is due
    # PCM16: the chime is looked for bit for bit in what the speaker played (ADPCM is lossy)
    server = Server(ServerConfig(listen=("tcp://127.0.0.1:0",),
                                 session=SessionConfig(codec=CODEC_PCM16LE)),
                    voice_services.handler, paired_with_the_device(tmp_path))
    await server.start()
    # The first audio frame of the reminder on the first connection resets the link.
    faults = [Fault("down", "reset", frame=1, min_frame_bytes=600, connection=1)]
    sessions = HostSessions(server)
    try:
        async with FaultProxy(server.tcp_addresses[0], faults) as proxy:
            result = await run_device(
                proxy, sessions, tmp_path, bytes(640), exit_when="never",
                done=lambda: len(proxy.connections) == 2 and not brain.due_announcements())
        still_due = brain.due_announcements()
    finally:
        await server.stop()
        voice_services.close()
        brain.close()
    assert [c.closed_by for c in proxy.connections][:1] == ["reset"]
    assert len(proxy.connections) == 2  # one reconnect after a pause, not a storm
    assert still_due == []
    played, _ = read_wav(tmp_path / "speaker.wav")
    assert played.count(chime()[:640]) == 1  # spoken once, on the second connection
    down_then_up = kinds(tmp_path, Kind.LINK_DOWN, Kind.CONNECT)
    assert down_then_up[:1] == [Kind.CONNECT] and Kind.LINK_DOWN in down_then_up
    assert down_then_up[down_then_up.index(Kind.LINK_DOWN) + 1] == Kind.CONNECT
