"""Hostile bytes against the Wyoming server and the remote-stage reader: answered or dropped, never hoarded.

Wyoming has no authentication, so anything on the LAN may connect. Each case here is answered with
an `error` event naming the problem (or, for an unknown event type, dropped as the protocol asks),
without allocating what the peer declared and without taking the server down for the next client.
"""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import threading
import tracemalloc

import pytest
from wyoming.info import Describe, Info

from earpiece_host.wyoming.server import ServerConfig, WyomingServer, exposure_warning
from earpiece_host.wyoming.stages import Stages
from earpiece_host.wyoming.wire import SocketEventReader, WireError, WireLimits, encode_event, read_event

GIGABYTE = 1_000_000_000
LIMITS = WireLimits(event_timeout_s=0.5)


def _no_engine():
    raise AssertionError("these tests must not need a speech engine")


@pytest.fixture
async def server():
    stages = Stages(_no_engine, _no_engine, _no_engine)
    server = WyomingServer(stages, ServerConfig(uri="tcp://127.0.0.1:0", limits=LIMITS))
    await server.start()
    yield server
    await server.stop()
    stages.close()


async def exchange(server: WyomingServer, raw: bytes, *, stop_after: int | None = None):
    """Send raw bytes; the events the server answered with before it hung up (or `stop_after` of them)."""
    reader, writer = await asyncio.open_connection(*server.address)
    writer.write(raw)
    await writer.drain()
    answers = []
    try:
        while (event := await read_event(reader, WireLimits(), idle_timeout_s=5.0)) is not None:
            answers.append(event)
            if len(answers) == stop_after:
                break
    except (ConnectionError, asyncio.TimeoutError):
        pass
    finally:
        writer.close()
    return answers


async def describe(server: WyomingServer) -> Info:
    answers = await exchange(server, encode_event(Describe().event()), stop_after=1)
    return Info.from_event(answers[0])


def header(**fields) -> bytes:
    return json.dumps(fields).encode() + b"\n"


async def test_a_gigabyte_payload_is_refused_before_anything_is_allocated(server):
    tracemalloc.start()
    try:
        answers = await exchange(server, header(type="audio-chunk", payload_length=GIGABYTE,
                                                data={"rate": 16000, "width": 2, "channels": 1}) + bytes(65536))
        _, peak_bytes = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(e.type, e.data["code"]) for e in answers] == [("error", "too-large")]
    assert str(LIMITS.max_payload_bytes) in answers[0].data["text"]
    assert peak_bytes < 4 * 1024 * 1024, peak_bytes
    assert server.stats["wire_errors"] == 1
    assert (await describe(server)).handle  # the next client is served as usual


async def test_a_gigabyte_of_declared_extra_data_is_refused(server):
    answers = await exchange(server, header(type="describe", data_length=GIGABYTE))
    assert [(e.type, e.data["code"]) for e in answers] == [("error", "too-large")]


@pytest.mark.parametrize("value", [-1, 1.5, "12", True])
async def test_a_length_that_is_not_a_byte_count_is_refused(server, value):
    answers = await exchange(server, header(type="audio-chunk", payload_length=value))
    assert [(e.type, e.data["code"]) for e in answers] == [("error", "bad-length")]


async def test_a_header_line_that_never_ends_is_cut_at_the_cap(server):
    answers = await exchange(server, b'{"type": "describe", "pad": "' + b"x" * (2 * LIMITS.max_header_bytes))
    assert [(e.type, e.data["code"]) for e in answers] == [("error", "too-large")]


async def test_a_peer_that_stalls_mid_header_is_dropped_after_the_event_timeout(server):
    answers = await exchange(server, b'{"type": "describe"')  # no newline, and nothing more
    assert [(e.type, e.data["code"]) for e in answers] == [("error", "timeout")]


async def test_a_peer_that_stalls_mid_payload_is_dropped_after_the_event_timeout(server):
    answers = await exchange(server, header(type="audio-chunk", payload_length=3200,
                                            data={"rate": 16000, "width": 2, "channels": 1}) + bytes(100))
    assert [(e.type, e.data["code"]) for e in answers] == [("error", "timeout")]


@pytest.mark.parametrize("raw", [b'{"type": "describe"\n', b"not json at all\n", b"\xff\xfe\n"])
async def test_broken_json_is_answered_with_an_error(server, raw):
    answers = await exchange(server, raw)
    assert [(e.type, e.data["code"]) for e in answers] == [("error", "bad-json")]


@pytest.mark.parametrize("raw", [b'["describe"]\n', b'{"data": {}}\n', b'{"type": "describe", "data": [1]}\n'])
async def test_a_header_that_is_not_an_event_is_answered_with_an_error(server, raw):
    answers = await exchange(server, raw)
    assert [(e.type, e.data["code"]) for e in answers] == [("error", "bad-header")]


async def test_an_unknown_event_type_is_dropped_and_the_connection_goes_on(server):
    answers = await exchange(server, header(type="launch-rockets", data={"count": 3}) + encode_event(Describe().event()),
                             stop_after=1)
    assert [e.type for e in answers] == ["info"]
    assert server.stats["unknown_events"] == 1


async def test_a_known_event_with_wrong_fields_is_answered_and_the_connection_goes_on(server):
    answers = await exchange(server, header(type="synthesize-chunk", data={"text": "orphan"}) +
                             encode_event(Describe().event()), stop_after=2)
    assert [e.type for e in answers] == ["error", "info"]
    assert answers[0].data["code"] == "bad-event"


# --- the client side: what a remote stage reads from a server -------------------------------------

def read_from(raw: bytes, limits: WireLimits = WireLimits()):
    ours, theirs = socket.socketpair()
    sender = threading.Thread(target=lambda: (theirs.sendall(raw), theirs.close()))
    sender.start()
    try:
        return SocketEventReader(ours, limits).read_event(timeout_s=5.0)
    finally:
        sender.join()
        ours.close()


@pytest.mark.parametrize("raw, code", [
    (header(type="audio-chunk", payload_length=GIGABYTE), "too-large"),
    (b'{"type": "audio-chunk"' + b" " * 20000, "too-large"),
    (b'{"type": "audio', "truncated"),
    (header(type="audio-chunk", payload_length=10) + b"12345", "truncated"),
    (b"{nope\n", "bad-json"),
])
def test_the_remote_stage_reader_refuses_the_same_things(raw, code):
    tracemalloc.start()
    try:
        with pytest.raises(WireError) as caught:
            read_from(raw)
        _, peak_bytes = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.code == code
    assert peak_bytes < 4 * 1024 * 1024


def test_the_remote_stage_reader_reads_what_the_wyoming_package_writes():
    from wyoming.audio import AudioChunk

    chunk = AudioChunk(rate=22050, width=2, channels=1, audio=bytes(range(256)) * 10)
    event = read_from(encode_event(chunk.event()) + encode_event(Describe().event()))
    assert AudioChunk.from_event(event) == chunk


# --- trust: who can reach the server ---------------------------------------------------------------

@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "localhost"])
def test_loopback_needs_no_warning(host):
    assert exposure_warning(host) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])
def test_listening_beyond_loopback_names_the_risk(host):
    warning = exposure_warning(host)
    assert warning is not None and "no authentication" in warning and host in warning
    assert "reminders" in warning and "127.0.0.1" in warning  # what is at stake, and what to do


def test_the_command_refuses_an_address_it_cannot_use():
    result = subprocess.run([sys.executable, "-m", "earpiece_host.cli", "wyoming", "--uri", "http://0.0.0.0:80"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "is not a tcp://HOST:PORT address" in result.stderr
