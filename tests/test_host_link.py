"""The host service over real TCP sockets and a real pseudo-terminal, driven by a scripted peer.

The peer speaks raw bytes so that it can also misbehave (garbage, wrong versions, silence). The
real firmware is driven against the host in tests/test_end_to_end_link.py.
"""

from __future__ import annotations

import asyncio
import os
import tty

import pytest

from earpiece_host import protocol as p
from earpiece_host.echo import EchoHandler
from earpiece_host.server import Server, ServerConfig
from earpiece_host.session import SessionConfig
from peer import DeviceHandshake, Peer, hello, paired_store, pairing_key_of

FAST = SessionConfig(hello_timeout_s=3.0, link_timeout_s=3.0, ping_interval_s=1.0)
DEVICES = ("ear-1", "ear-2", "ear-a", "ear-b", "ear-r", "ear-serial")


@pytest.fixture
async def echo_server(tmp_path):
    handlers: list[EchoHandler] = []

    def factory(info):
        handler = EchoHandler(info)
        handlers.append(handler)
        return handler

    server = Server(ServerConfig(listen=("tcp://127.0.0.1:0",), session=FAST), factory,
                    paired_store(tmp_path, *DEVICES))
    await server.start()
    server.handlers = handlers
    yield server
    await server.stop()


def speech_pcm(ms: int) -> bytes:
    return bytes((i * 7 + 3) % 256 for i in range(ms * 32))


async def test_hello_is_welcomed_with_the_agreed_format(echo_server):
    peer = await Peer.connect(echo_server.tcp_addresses[0])
    peer.send(hello())
    welcome = await peer.expect(p.Welcome)
    assert (welcome.protocol_version, welcome.sample_rate_hz, welcome.frame_ms) == (2, 16000, 20)
    assert welcome.host_capabilities & p.HostCapability.SPEECH_SYNTHESIS
    await peer.close()


async def test_echo_turn_comes_back_bit_exact_and_paced(echo_server):
    peer = await Peer.connect(echo_server.tcp_addresses[0])
    peer.send(hello())
    await peer.expect(p.Welcome)
    pcm = speech_pcm(1000)
    peer.send(p.ListenStart(source=p.Source.BUTTON))
    for i in range(0, len(pcm), 640):
        peer.send(p.MicAudio(pcm=pcm[i:i + 640]))
    peer.send(p.ListenStop(source=p.Source.BUTTON))
    loop = asyncio.get_running_loop()
    got = bytearray()
    arrivals = []
    while True:
        frame = await peer.expect(p.SpeechAudio)
        arrivals.append(loop.time())
        got += frame.pcm
        if frame.end:
            break
    assert bytes(got) == pcm
    # 1 s of speech paced at real time with a 200 ms lead cannot all arrive in the first 500 ms.
    assert arrivals[-1] - arrivals[0] >= 0.6
    await peer.close()


async def test_unknown_protocol_version_gets_a_clear_error_not_silence(echo_server):
    peer = await Peer.connect(echo_server.tcp_addresses[0])
    peer.send_raw(p.encode_frame(hello(protocol_version=3), 0, version=3))
    error = await peer.expect(p.Error)
    assert error.code == p.ErrorCode.UNSUPPORTED_VERSION
    assert "version 3" in error.message and "speaks 2" in error.message
    assert (await peer.expect(p.Bye)).reason == p.ByeReason.ERROR
    assert await peer.closed()


async def test_wrong_audio_format_is_refused_with_what_the_host_needs(echo_server):
    peer = await Peer.connect(echo_server.tcp_addresses[0])
    peer.send(hello(sample_rate_hz=8000))
    error = await peer.expect(p.Error)
    assert error.code == p.ErrorCode.UNSUPPORTED_AUDIO and "16000 Hz" in error.message


async def test_messages_before_hello_are_answered_with_hello_required(echo_server):
    peer = await Peer.connect(echo_server.tcp_addresses[0])
    peer.send(p.MicAudio(pcm=bytes(640)))
    error = await peer.expect(p.Error)
    assert error.code == p.ErrorCode.HELLO_REQUIRED
    peer.send(hello())
    await peer.expect(p.Welcome)


async def test_garbage_and_corrupt_frames_do_not_break_the_session(echo_server):
    peer = await Peer.connect(echo_server.tcp_addresses[0])
    peer.send_raw(b"MicroPython v1.29 REPL junk\r\n>>> " + os.urandom(3000).replace(b"\xa5", b"\x00"))
    peer.send(hello())
    await peer.expect(p.Welcome)
    corrupt = bytearray(peer.encoder.encode(p.MicAudio(pcm=bytes(640))))
    corrupt[100] ^= 0xFF
    peer.send_raw(bytes(corrupt) + peer.encoder.encode(p.Ping(token=7, sender_ms=1))[:5])
    peer.send(p.Ping(token=8, sender_ms=2))
    pong = await peer.expect(p.Pong)
    assert pong.token == 8


async def test_a_stranger_on_the_port_is_dropped_after_the_hello_timeout(echo_server):
    peer = await Peer.connect(echo_server.tcp_addresses[0])
    peer.send_raw(b"GET / HTTP/1.1\r\nHost: earpiece\r\n\r\n")
    assert await peer.closed(timeout_s=FAST.hello_timeout_s + 3)
    # ...and the service still welcomes a real device afterwards.
    other = await Peer.connect(echo_server.tcp_addresses[0])
    other.send(hello("ear-2"))
    await other.expect(p.Welcome)


async def test_two_devices_are_independent_and_one_failing_does_not_disturb_the_other(echo_server):
    a = await Peer.connect(echo_server.tcp_addresses[0])
    b = await Peer.connect(echo_server.tcp_addresses[0])
    a.send(hello("ear-a"))
    b.send(hello("ear-b"))
    await a.expect(p.Welcome)
    await b.expect(p.Welcome)
    a.send(p.ListenStart(source=1), p.MicAudio(pcm=b"\x01\x02" * 320))
    a.writer.transport.abort()  # pulled mid-turn
    b.send(p.ListenStart(source=1), p.MicAudio(pcm=b"\x05\x06" * 320), p.ListenStop(source=1))
    frame = await b.expect(p.SpeechAudio)
    assert frame.pcm == b"\x05\x06" * 320 and frame.end


async def test_a_reconnecting_device_replaces_its_stale_connection(echo_server):
    old = await Peer.connect(echo_server.tcp_addresses[0])
    old.send(hello("ear-r"))
    await old.expect(p.Welcome)
    new = await Peer.connect(echo_server.tcp_addresses[0])
    new.send(hello("ear-r"))
    await new.expect(p.Welcome)
    bye = await old.expect(p.Bye)
    assert bye.reason == p.ByeReason.REPLACED
    assert echo_server.registry.get("ear-r").link.peer.endswith(str(new.writer.get_extra_info("sockname")[1]))


async def test_barge_in_flushes_queued_speech_and_interrupt_overtakes_audio(echo_server):
    peer = await Peer.connect(echo_server.tcp_addresses[0])
    peer.send(hello())
    await peer.expect(p.Welcome)
    pcm = speech_pcm(3000)
    peer.send(p.ListenStart(source=1))
    for i in range(0, len(pcm), 640):
        peer.send(p.MicAudio(pcm=pcm[i:i + 640]))
    peer.send(p.ListenStop(source=1))
    await peer.expect(p.SpeechAudio)
    peer.send(p.Interrupt(source=p.Source.BUTTON))
    await peer.expect(p.Interrupt)
    link = echo_server.registry.get("ear-1").out
    assert link.stats.speech_frames_flushed > 50  # most of the 3 s reply never left the host
    assert link.stats.speech_frames_sent < 40


async def test_serial_port_through_a_pseudo_terminal(tmp_path):
    controller, device = os.openpty()
    tty.setraw(device)
    os.set_blocking(controller, False)
    port = os.ttyname(device)
    server = Server(ServerConfig(serial=(f"serial://{port}",), session=FAST),
                    lambda info: EchoHandler(info), paired_store(tmp_path, "ear-serial"))
    await server.start()
    loop = asyncio.get_running_loop()
    encoder, decoder = p.FrameEncoder(), p.FrameDecoder()
    got: list[p.Message] = []
    handshake = DeviceHandshake("ear-serial", pairing_key_of("ear-serial"))

    async def pump(timeout_s: float) -> None:
        readable = asyncio.Event()
        loop.add_reader(controller, readable.set)
        try:
            await asyncio.wait_for(readable.wait(), timeout_s)
            got.extend(e for e in decoder.feed(os.read(controller, 65536)) if isinstance(e, p.Message))
        except (asyncio.TimeoutError, BlockingIOError):
            pass
        finally:
            loop.remove_reader(controller)

    try:
        # Boot text first, as a real board prints before the firmware starts; then HELLO, repeated
        # every 200 ms like the firmware does, because opening the port flushes what came before.
        os.write(controller, b"ets Jun  8 2016 00:22:57\r\nrst:0x1 (POWERON_RESET)\r\n")
        deadline = loop.time() + 5
        while not any(isinstance(m, p.Auth) for m in got):
            assert loop.time() < deadline, "no AUTH on the serial port"
            os.write(controller, encoder.encode(handshake.hello()))
            await pump(0.2)
        auth = next(m for m in got if isinstance(m, p.Auth))
        os.write(controller, encoder.encode(handshake.answer(auth, encoder, decoder)))
        handshake.seal()
        while not any(isinstance(m, p.Welcome) for m in got):
            assert loop.time() < deadline, "no WELCOME on the serial port"
            await pump(0.2)
        pcm = speech_pcm(400)
        os.write(controller, encoder.encode(p.ListenStart(source=1)))
        for i in range(0, len(pcm), 640):
            os.write(controller, encoder.encode(p.MicAudio(pcm=pcm[i:i + 640])))
        os.write(controller, encoder.encode(p.ListenStop(source=1)))
        deadline = loop.time() + 5
        while not any(isinstance(m, p.SpeechAudio) and m.end for m in got):
            assert loop.time() < deadline, f"no end of speech on the serial port; got {got[-3:]}"
            await pump(0.5)
        echoed = b"".join(m.pcm for m in got if isinstance(m, p.SpeechAudio))
        assert echoed == pcm
    finally:
        await server.stop()
        os.close(controller)
        os.close(device)


async def test_a_missing_serial_port_is_waited_for_without_crashing(caplog):
    server = Server(ServerConfig(serial=("/dev/earpiece-not-plugged-in",), serial_retry_s=0.05),
                    lambda info: EchoHandler(info))
    await server.start()
    await asyncio.sleep(0.3)
    await server.stop()
    assert any("waiting for it" in r.getMessage() for r in caplog.records)


class LateSecondSentence:
    """Answers every turn with a sentence, then (late, like a slow synthesiser) a second one."""

    def __init__(self, info):
        self.info = info

    async def started(self, link):
        self.link = link

    async def received(self, message):
        if isinstance(message, p.ListenStop):
            await self.link.send_speech(b"\x11\x22" * 3200)  # 200 ms
            await asyncio.sleep(0.8)
            await self.link.send_speech(b"\x33\x44" * 3200, end=True)

    async def stopped(self):
        pass


async def test_a_late_sentence_is_preceded_by_silence_not_a_starved_speaker(tmp_path):
    server = Server(ServerConfig(listen=("tcp://127.0.0.1:0",), session=FAST), LateSecondSentence,
                    paired_store(tmp_path, "ear-1"))
    await server.start()
    try:
        peer = await Peer.connect(server.tcp_addresses[0])
        peer.send(hello())
        await peer.expect(p.Welcome)
        peer.send(p.ListenStart(source=1), p.ListenStop(source=1))
        frames = []
        while not (frames and frames[-1].end):
            frames.append(await peer.expect(p.SpeechAudio, 5))
        audio = b"".join(f.pcm for f in frames)
        first, second = b"\x11\x22" * 3200, b"\x33\x44" * 3200
        assert audio.startswith(first) and audio.endswith(second)
        gap = audio[len(first):-len(second)]
        # The device would have run dry ~140 ms after the first sentence began playing; from
        # then on the host keeps it fed with silence until the second sentence is ready.
        assert gap and gap == bytes(len(gap)) and len(gap) % 640 == 0
        assert 300 <= len(gap) // 32 <= 900
        assert server.registry.get("ear-1").out.stats.pause_fill_frames == len(gap) // 640
    finally:
        await server.stop()


@pytest.mark.parametrize("codec", [p.CODEC_PCM16LE, p.CODEC_IMA_ADPCM])
async def test_each_speech_frame_is_placed_where_the_last_one_ended_though_a_sentence_ends_short(codec):
    """The echo canceller's reference (on_speech_frame) holds each frame at the time the host
    reckons the device plays it. A sentence's last frame is short (169 samples here); the next
    sentence follows it on the device's speaker at once, so it must follow it in the reference
    too, to the sample (as decoded, with ADPCM): counted in whole milliseconds it came 9 samples
    early, and the canceller lost most of its echo return loss at every sentence."""
    from earpiece_host.link_audio import LinkAudio
    from earpiece_host.session import DeviceLink
    from earpiece_host.transport import TcpLink

    links: list[TcpLink] = []
    server = await asyncio.start_server(lambda r, w: links.append(TcpLink(r, w)), "127.0.0.1", 0)
    reader, writer = await asyncio.open_connection(*server.sockets[0].getsockname()[:2])
    while not links:
        await asyncio.sleep(0.01)
    link = DeviceLink(links[0], SessionConfig())
    link.audio = LinkAudio(codec)
    placed: list[tuple[int, float]] = []
    link.on_speech_frame = lambda pcm, play_at_s: placed.append((len(pcm) // 2, play_at_s))
    link.start()
    try:
        await link.send_speech(speech_pcm(20) + speech_pcm(20)[:338])  # 320 + 169 samples
        await link.send_speech(speech_pcm(40), end=True)
        decoder = p.FrameDecoder()
        received: list[p.SpeechAudio] = []
        while not (received and received[-1].end):
            received += [m for m in decoder.feed(await asyncio.wait_for(reader.read(4096), 10))
                         if isinstance(m, p.SpeechAudio)]
        assert [n for n, _ in placed][:2] == [320, 169 if codec == p.CODEC_PCM16LE else 172]
        assert len(placed) == 4
        for (n, t), (_, t_next) in zip(placed, placed[1:]):
            assert round((t_next - t) * 16_000, 6) == n, placed
    finally:
        writer.close()
        await link.close()
        server.close()
