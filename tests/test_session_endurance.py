"""A host that lasts: sessions give their memory back, a busy recogniser never stops the link from
being read, and a peer that will not read is dropped and can come back.

Real sockets, paired and sealed links (tests/peer.py does the device's half of the handshake),
the real voice loop with the real OS and Piper; pocketsphinx where the memory is the point, a
recogniser stand-in behind the factory seam where the test must hold the recogniser still.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import socket
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from earpiece_host import protocol as p
from earpiece_host.server import Server, ServerConfig
from earpiece_host.session import SessionConfig
from earpiece_host.speech.asr import Transcript
from earpiece_host.voice import VoiceConfig, VoiceServices, chime
from peer import Peer, hello, paired_store, reply_audio
from speech_fixtures import espeak_pcm, frames, silence_pcm

pytestmark = pytest.mark.slow

EARPIECES = ("ear-a", "ear-b")


def rss_mb() -> float:
    """This process's resident memory now (the host runs in it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    raise AssertionError("no VmRSS in /proc/self/status")


async def until(condition, timeout_s: float = 30.0, what: str = "condition") -> None:
    """Poll to a deadline."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


async def connect(server: Server, device_id: str, **kw) -> Peer:
    peer = await Peer.connect(server.tcp_addresses[0], **kw)
    peer.send(hello(device_id))
    await peer.expect(p.Welcome, 30)
    return peer


@pytest.fixture
def brain(tmp_path):
    from earpiece_host.dialogue import open_engine

    engine = open_engine(tmp_path / "os", seed=7, morning_briefing=False)
    yield engine
    engine.close()


async def start_server(services: VoiceServices, folder: Path, session: SessionConfig | None = None
                       ) -> Server:
    server = Server(ServerConfig(listen=("tcp://127.0.0.1:0",),
                                 session=session or SessionConfig(link_timeout_s=60)),
                    services.handler, paired_store(folder, *EARPIECES, "ear-owner", "ear-busy"))
    await server.start()
    return server


async def warm_speech_pool(services: VoiceServices, threads: int) -> None:
    """Synthesise once on every thread of the shared speech pool: each thread's first synthesis
    grows the process for good (the engine's per-thread buffers), whichever session asks."""
    barrier = threading.Barrier(threads)

    def speak() -> None:
        barrier.wait()  # one job per thread
        b"".join(services.synthesiser.synthesise("Warming up."))

    loop = asyncio.get_running_loop()
    await asyncio.gather(*(loop.run_in_executor(services.pool, speak) for _ in range(threads)))


# --- 1. memory is given back ------------------------------------------------------------------

ROUNDS = 9  # of two earpieces each: 18 sessions, each a spoken turn answered by Piper
WARM_ROUNDS = 4  # new threads fill the allocator's per-thread arenas meanwhile
# Less than one pocketsphinx decoder (about 90 MB): a single session that keeps its recogniser
# fails. Measured on the 2-core test machine: +21 to +34 MB from the second round to the eighth
# (the reused decoders' own tables and the allocator), flat at the end; before the pool,
# 487, 683, 887, 1121, 1240, 1383, 1518, 1625 MB after each round.
RSS_BOUND_MB = 60.0
SPEECH_THREADS = 2


async def test_many_sessions_leave_the_host_no_bigger_than_the_first_few(
        english_recognisers, piper_synthesiser, speech_cache, brain, tmp_path):
    request = espeak_pcm(speech_cache, "What time is it?", voice="en-us+m3") + silence_pcm(1.0)
    services = VoiceServices(english_recognisers, piper_synthesiser, brain,
                             config=VoiceConfig(seed=7, announce_interval_s=0.2),
                             pool=concurrent.futures.ThreadPoolExecutor(SPEECH_THREADS))
    pool = services.recogniser_pool
    await warm_speech_pool(services, SPEECH_THREADS)
    server = await start_server(services, tmp_path)
    rss_after: list[float] = []
    try:
        for _ in range(ROUNDS):
            peers = [await connect(server, device_id) for device_id in EARPIECES]
            for peer in peers:  # both speak at once, as fast as the link takes it
                peer.send(p.ListenStart(source=p.Source.BUTTON))
                for frame in frames(request):
                    peer.send(p.MicAudio(pcm=frame))
            replies = await asyncio.gather(*(reply_audio(peer, 60.0) for peer in peers))
            assert all(len(r) > 16000 for r in replies)  # each was answered aloud
            for peer in peers:
                peer.send(p.Bye(reason=p.ByeReason.NORMAL))
                await peer.closed(10)
            await until(lambda: len(server.registry) == 0 and pool.lent == 0, what="sessions to end")
            rss_after.append(rss_mb())
    finally:
        await server.stop()
        services.close()
    print("RSS after each round of two sessions (MB):", [round(r) for r in rss_after])
    # Two decoders were built for the first round and lent again to every later session.
    assert pool.created == 2 and pool.reused == 2 * (ROUNDS - 1)
    assert max(rss_after[WARM_ROUNDS:]) <= rss_after[WARM_ROUNDS - 1] + RSS_BOUND_MB


# --- 2. a busy recogniser never stops the session from reading ---------------------------------

class GatedRecognisers:
    """A recogniser stand-in (behind the factory seam) whose `accept` blocks until the gate opens,
    as a recogniser starved of CPU falls seconds behind; it records every call it gets."""

    engine = description = "gated"

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.entered = threading.Event()
        self.calls: list[tuple] = []

    def create(self) -> GatedRecogniser:
        return GatedRecogniser(self)


class GatedRecogniser:
    engine = "gated"

    def __init__(self, owner: GatedRecognisers) -> None:
        self.owner = owner

    def accept(self, pcm: bytes) -> Transcript | None:
        self.owner.entered.set()
        self.owner.gate.wait()
        self.owner.calls.append(("accept", pcm))
        return None

    def finish(self) -> Transcript:
        self.owner.calls.append(("finish",))
        return Transcript(text="what time is it", is_final=True)

    def reset(self) -> None:
        self.owner.calls.append(("reset",))


async def test_a_new_turn_is_read_while_the_recogniser_is_stuck_on_the_old_one(
        piper_synthesiser, speech_cache, brain, tmp_path):
    recognisers = GatedRecognisers()
    services = VoiceServices(recognisers, piper_synthesiser, brain, config=VoiceConfig(seed=7))
    server = await start_server(services, tmp_path)
    speech = espeak_pcm(speech_cache, "What time is it?", voice="en-gb+f3")
    first = list(frames(speech))[:25]
    second = list(frames(speech))[:50]  # voice all through: the host waits for the tap to end it
    try:
        peer = await connect(server, "ear-busy")
        peer.send(p.ListenStart(source=p.Source.BUTTON), *(p.MicAudio(pcm=f) for f in first))
        await until(recognisers.entered.is_set, what="the recogniser to take the first frame")
        # the user ends the turn and at once starts the next one, while the recogniser is stuck
        peer.send(p.ListenStop(source=p.Source.BUTTON), p.ListenStart(source=p.Source.BUTTON),
                  *(p.MicAudio(pcm=f) for f in second), p.Ping(token=77, sender_ms=0))
        # the session read every frame of the new turn and the ping behind them
        pong = await peer.expect(p.Pong, timeout_s=30)
        assert pong.token == 77
        # still stuck in the first turn's first frame (each turn begins with a reset)
        assert recognisers.calls == [("reset",)]
        recognisers.gate.set()
        peer.send(p.ListenStop(source=p.Source.BUTTON))
        assert len(await reply_audio(peer, 60.0)) > 16000  # the new turn is answered
        peer.send(p.Bye(reason=p.ByeReason.NORMAL))
        await until(lambda: services.recogniser_pool.lent == 0, what="the session to end")
    finally:
        recognisers.gate.set()
        await server.stop()
        services.close()
    accepted = [c[1] for c in recognisers.calls if c[0] == "accept"]
    # the first turn's frame in the recogniser finished; its 24 queued frames were dropped, not
    # recognised; the reset came next, then every frame of the new turn, in order, none lost
    assert recognisers.calls[:3] == [("reset",), ("accept", first[0]), ("reset",)]
    assert accepted == [first[0], *second]
    # the new turn was finished; the session's end gave the recogniser back to the pool, reset
    assert recognisers.calls[-2:] == [("finish",), ("reset",)]


# --- 3. a peer that stops reading is dropped, and the owner can come back -----------------------

LONG_REMINDER = ("remind me in 1 minute to call the plumber about the leaking pipe under the kitchen "
                 "sink and ask him whether he can come on Friday afternoon and to bring spare "
                 "washers and a new tap for the bathroom")


async def test_a_peer_that_stops_reading_is_aborted_at_the_write_timeout_and_can_reconnect(
        english_recognisers, piper_synthesiser, tmp_path, caplog):
    from earpiece_host.dialogue import open_engine
    from settable_clock import Clock

    clock = Clock(datetime.now().astimezone())
    brain = open_engine(tmp_path / "os", seed=7, morning_briefing=False, clock=clock)
    assert brain.handle(LONG_REMINDER).intent == "reminder.set"
    clock.advance(minutes=2)  # due: the host speaks it (about 10 s) as soon as the earpiece is there
    services = VoiceServices(english_recognisers, piper_synthesiser, brain,
                             config=VoiceConfig(seed=7, announce_interval_s=0.2))
    pool = services.recogniser_pool
    server = await start_server(services, tmp_path,
                                SessionConfig(write_timeout_s=1.0, link_timeout_s=60))
    try:
        # a real socket with a small receive buffer that the earpiece stops reading at once:
        # a hung earpiece, its buffers fill with the reminder being spoken to it
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.setblocking(False)
        await asyncio.get_running_loop().sock_connect(sock, server.tcp_addresses[0])
        hung = Peer(*await asyncio.open_connection(sock=sock))
        hung.send(hello("ear-owner"))
        await hung.expect(p.Welcome, 30)
        hung.writer.transport.pause_reading()
        assert pool.lent == 1  # the session has its recogniser
        await until(lambda: server.connections == 0, timeout_s=60, what="the host to drop the peer")
        # dropped for the write timeout, with the reminder not delivered (never played)
        assert any("took no data for 1 s" in r.getMessage() for r in caplog.records)
        assert len(brain.due_announcements()) == 1
        # its resources are free: the recogniser is back in the pool, reset; its threads have
        # ended; no session, connection or handshake is left
        await until(lambda: pool.lent == 0 and pool.idle == 1, what="the recogniser to come back")
        await until(lambda: not [t for t in threading.enumerate() if "ear-owner" in t.name],
                    what="the session's threads to end")
        assert len(server.registry) == 0 and server.handshakes == 0
        hung.writer.transport.abort()
        # the owner reconnects, gets its recogniser back, and now hears the reminder
        again = await connect(server, "ear-owner")
        audio = await reply_audio(again, 60.0)
        assert audio[:len(chime())] == chime()
        assert len(audio) > 8 * 32000  # all of it: over 8 s
        await until(lambda: brain.due_announcements() == [], what="the reminder to be delivered")
        assert pool.created == 1 and pool.reused == 1
        await again.close()
    finally:
        await server.stop()
        services.close()
        brain.close()
