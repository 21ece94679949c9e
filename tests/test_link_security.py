"""Only paired earpieces get past the handshake; strangers, replays, forgeries, drips and floods
are refused cheaply. Each test prints the time to refusal and the bytes the host sent, and
asserts bounds on the bytes (time only as "closed within a second", generously)."""

from __future__ import annotations

import asyncio
import struct
import threading
import zlib

import pytest

from earpiece_host import protocol as p, secure
from earpiece_host.echo import EchoHandler
from earpiece_host.server import Server, ServerConfig
from earpiece_host.session import SessionConfig
from peer import DeviceHandshake, Peer, hello, pairing_key_of, paired_store

FAST = SessionConfig(hello_timeout_s=3.0, link_timeout_s=3.0, ping_interval_s=1.0,
                     handshake_timeout_s=1.0, frame_timeout_s=1.0)
# a refusal is ERROR (not paired) + BYE: two short frames, whatever the peer sent
REFUSAL_MAX_BYTES = 400


@pytest.fixture
async def host(tmp_path):
    made: list[str] = []

    def factory(info):
        made.append(info.device_id)
        return EchoHandler(info)

    store = paired_store(tmp_path, "ear-1", "ear-2")
    server = Server(ServerConfig(listen=("tcp://127.0.0.1:0",), session=FAST, max_handshakes=4,
                                 max_handshakes_per_address=4, pairing_check_s=0.1),
                    factory, store)
    await server.start()
    server.handlers_made = made
    server.store = store
    yield server
    await server.stop()


async def refused(peer: Peer, what: str) -> tuple[float, int]:
    """Wait for the host to close on peer; returns (seconds, bytes the host sent)."""
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    assert await peer.closed(timeout_s=5)
    elapsed = loop.time() - t0
    print(f"{what}: closed after {elapsed * 1000:.0f} ms, host sent {peer.bytes_received} bytes")
    return elapsed, peer.bytes_received


async def test_an_unpaired_device_gets_not_paired_and_is_closed_within_a_second(host, caplog):
    threads = threading.active_count()
    peer = await Peer.connect(host.tcp_addresses[0], keys=lambda _: bytes(16))
    peer.send(hello("stranger"))
    elapsed, sent = await refused(peer, "unpaired device")
    errors = [m for m in peer.inbox if isinstance(m, p.Error)]
    assert [e.code for e in errors] == [p.ErrorCode.NOT_PAIRED]
    assert "not paired" in errors[0].message and "earpiece devices pair" in errors[0].message
    assert elapsed < 1.0 and sent <= REFUSAL_MAX_BYTES
    assert host.handlers_made == [] and threading.active_count() == threads
    # logged once per address per minute, without the nonce
    peer2 = await Peer.connect(host.tcp_addresses[0], keys=lambda _: bytes(16))
    peer2.send(hello("stranger"))
    await refused(peer2, "the same stranger again")
    lines = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert len(lines) == 1 and "127.0.0.1" in lines[0]
    assert peer._handshake.nonce.hex() not in lines[0]


async def test_a_device_with_no_key_at_all_is_refused(host):
    peer = await Peer.connect(host.tcp_addresses[0], keys=None)
    peer.send(hello("ear-1"))  # a paired id, but no nonce: it cannot take part
    _, sent = await refused(peer, "no key")
    assert [m.code for m in peer.inbox if isinstance(m, p.Error)] == [p.ErrorCode.NOT_PAIRED]
    assert sent <= REFUSAL_MAX_BYTES and host.handlers_made == []


async def test_a_wrong_key_is_refused_after_one_proof(host):
    wrong = DeviceHandshake("ear-1", bytes(16))
    peer = await Peer.connect(host.tcp_addresses[0], keys=None)
    peer.send(wrong.hello())
    auth = await peer.expect(p.Auth)
    # the host proved the real key; a device with another key cannot check that, and its own
    # proof (made with the wrong key) is refused
    peer.send(p.Auth(proof=secure.device_proof(bytes(16), wrong.nonce, auth.nonce, "ear-1")))
    _, sent = await refused(peer, "wrong key")
    assert [m.code for m in peer.inbox if isinstance(m, p.Error)] == [p.ErrorCode.NOT_PAIRED]
    assert sent <= REFUSAL_MAX_BYTES + 64 and host.handlers_made == []


async def test_a_replayed_handshake_is_refused(host):
    real = await Peer.connect(host.tcp_addresses[0])
    real.send(hello("ear-1"))
    await real.expect(p.Welcome)
    recorded = real.sent_frames[:2]  # HELLO with its nonce, AUTH with its proof
    await real.close()
    replay = await Peer.connect(host.tcp_addresses[0], keys=None)
    replay.send_raw(recorded[0])
    await replay.expect(p.Auth)  # a fresh host nonce: the recorded proof no longer fits
    replay.send_raw(recorded[1])
    _, sent = await refused(replay, "replayed handshake")
    assert not any(isinstance(m, p.Welcome) for m in replay.inbox)
    assert [m.code for m in replay.inbox if isinstance(m, p.Error)] == [p.ErrorCode.NOT_PAIRED]
    assert sent <= REFUSAL_MAX_BYTES + 64
    assert host.handlers_made == ["ear-1"]  # only the real one


def _recrc(frame: bytes) -> bytes:
    body = frame[:-4]
    return body + struct.pack("<I", zlib.crc32(body[2:]))


async def test_replayed_and_altered_frames_after_the_handshake_are_dropped(host):
    peer = await Peer.connect(host.tcp_addresses[0])
    peer.send(hello("ear-1"))
    await peer.expect(p.Welcome)
    peer.send(p.Ping(token=1, sender_ms=1))
    assert (await peer.expect(p.Pong)).token == 1
    ping = peer.sent_frames[-1]
    before = peer.bytes_received
    peer.send_raw(ping)  # replayed: same seq, same tag
    altered = bytearray(peer.encoder.encode(p.Ping(token=2, sender_ms=2)))
    altered[12] ^= 0x01  # one bit of the ciphertext; the CRC fixed up so only the tag can tell
    peer.send_raw(_recrc(bytes(altered)))
    moved = bytearray(peer.encoder.encode(p.Ping(token=3, sender_ms=3)))
    moved[5] ^= 0x01  # the seq (the counter the nonce is made of) changed in transit
    peer.send_raw(_recrc(bytes(moved)))
    plain = p.encode_frame(p.Ping(token=4, sender_ms=4), 200)  # unsealed after the handshake
    peer.send_raw(plain)
    peer.send(p.Ping(token=5, sender_ms=5))
    pong = await peer.expect(p.Pong)
    assert pong.token == 5  # none of 1 (again), 2, 3, 4 was answered
    assert not any(isinstance(m, p.Pong) for m in peer.inbox)
    stats = host.registry.get("ear-1").decoder.stats
    print(f"replayed/altered frames: host sent {peer.bytes_received - before} bytes (one pong "
          f"and pings), auth_failures={stats.auth_failures} unsealed={stats.unsealed}")
    assert stats.auth_failures == 3 and stats.unsealed == 1


async def test_a_revoked_device_is_dropped_at_once(host):
    peer = await Peer.connect(host.tcp_addresses[0])
    peer.send(hello("ear-2"))
    await peer.expect(p.Welcome)
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    host.store.remove("ear-2")
    bye = await peer.expect(p.Bye, timeout_s=3)
    assert bye.reason == p.ByeReason.ERROR and "revoked" in bye.message
    assert await peer.closed(timeout_s=3)
    print(f"revoked device: closed {1000 * (loop.time() - t0):.0f} ms after the revocation")
    assert loop.time() - t0 < 1.0
    again = await Peer.connect(host.tcp_addresses[0])
    again.send(hello("ear-2"))
    _, sent = await refused(again, "revoked device reconnecting")
    assert sent <= REFUSAL_MAX_BYTES


async def test_a_dripping_sender_is_dropped_by_the_frame_deadline(host):
    peer = await Peer.connect(host.tcp_addresses[0])
    frame = p.encode_frame(hello("ear-1", auth=secure.new_nonce()), 0)
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    dripped = 0
    with pytest.raises((ConnectionError, AssertionError)):
        for byte in frame:
            peer.send_raw(bytes((byte,)))
            await peer.writer.drain()
            dripped += 1
            await asyncio.sleep(0.3)  # one byte every 300 ms: 300 ms per read, forever
            if peer.reader.at_eof():
                raise ConnectionError("closed")
    await peer.closed(timeout_s=3)
    elapsed = loop.time() - t0
    print(f"dripping sender: dropped after {dripped} of {len(frame)} bytes, {elapsed:.1f} s; "
          f"host sent {peer.bytes_received} bytes")
    assert dripped < len(frame) and peer.bytes_received == 0
    assert host.handlers_made == []


async def test_a_connection_flood_is_capped_and_the_owner_still_gets_in(host):
    flood = [await Peer.connect(host.tcp_addresses[0], keys=None) for _ in range(20)]
    await asyncio.sleep(0.2)  # let the host accept them all
    closed_at_once = 0
    for f in flood:
        try:
            data = await asyncio.wait_for(f.reader.read(1), 0.05)
        except asyncio.TimeoutError:
            continue
        except ConnectionError:
            data = b""
        if not data:
            closed_at_once += 1
    print(f"connection flood: {closed_at_once} of 20 closed on arrival, "
          f"{host.handshakes} handshakes in flight, host sent 0 bytes to each")
    assert closed_at_once >= 16 and host.handshakes <= 4 and host.refused_busy >= 16
    # the stalled ones are dropped by the handshake deadline; then the owner connects
    for f in flood:
        await f.closed(timeout_s=FAST.hello_timeout_s + 2)
    owner = await Peer.connect(host.tcp_addresses[0])
    owner.send(hello("ear-1"))
    await owner.expect(p.Welcome)
    assert sum(f.bytes_received for f in flood) == 0


async def test_a_stranger_with_the_owners_id_cannot_replace_the_owners_session(host):
    owner = await Peer.connect(host.tcp_addresses[0])
    owner.send(hello("ear-1"))
    await owner.expect(p.Welcome)
    session = host.registry.get("ear-1")
    impostor = await Peer.connect(host.tcp_addresses[0], keys=lambda _: bytes(16))
    impostor.send(hello("ear-1"))  # the id is easy to learn; the key is not
    await refused(impostor, "impostor with the owner's id")
    assert host.registry.get("ear-1") is session  # the owner's session is untouched
    owner.send(p.Ping(token=9, sender_ms=9))
    assert (await owner.expect(p.Pong)).token == 9
    assert not any(isinstance(m, p.Bye) for m in owner.inbox)


async def test_a_bad_device_id_is_refused_before_any_key_lookup(host):
    peer = await Peer.connect(host.tcp_addresses[0], keys=lambda _: bytes(16))
    peer.send(hello("../../etc"))
    await refused(peer, "bad device id")
    assert [m.code for m in peer.inbox if isinstance(m, p.Error)] == [p.ErrorCode.BAD_HELLO]


async def test_the_control_queue_is_bounded_and_counts_what_it_drops(host):
    peer = await Peer.connect(host.tcp_addresses[0])
    peer.send(hello("ear-1"))
    await peer.expect(p.Welcome)
    link = host.registry.get("ear-1").out
    for i in range(FAST.max_queued_control + 44):  # all queued before the writer runs once
        link.send(p.Ping(token=i, sender_ms=0))
    assert link.stats.control_dropped == 44


async def test_one_flooding_address_cannot_use_up_every_handshake(tmp_path):
    server = Server(ServerConfig(listen=("127.0.0.1:0",), session=FAST, max_handshakes=16,
                                 max_handshakes_per_address=3),
                    lambda info: EchoHandler(info), paired_store(tmp_path, "ear-1"))
    await server.start()
    try:
        flood = [await Peer.connect(server.tcp_addresses[0], keys=None) for _ in range(10)]
        await asyncio.sleep(0.2)
        print(f"one address, 10 stalled connections: {server.handshakes} handshakes held, "
              f"{server.refused_busy} closed on arrival")
        assert server.handshakes == 3 and server.refused_busy == 7
        for f in flood:
            await f.close()
    finally:
        await server.stop()
