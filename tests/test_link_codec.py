"""The audio codec chosen at WELCOME (docs/protocol.md section 4.1), on the host: a device that
offers IMA ADPCM gets it in both directions, with each session's encoder starting afresh and the
downlink paced by the audio it carries; one that offers PCM16 alone (firmware from before ADPCM)
still pairs and gets PCM16; a host set to pcm16 chooses it when it may."""

from __future__ import annotations

import asyncio

import pytest

from earpiece_host import adpcm, protocol as p
from earpiece_host.echo import EchoHandler
from earpiece_host.link_audio import choose_codec
from earpiece_host.server import Server, ServerConfig
from earpiece_host.session import SessionConfig
from earpiece_host.settings import SettingsError, parse_settings
from peer import Peer, hello, paired_store

FAST = SessionConfig(hello_timeout_s=3.0, link_timeout_s=3.0, ping_interval_s=1.0)
BOTH = p.CODEC_PCM16LE | p.CODEC_IMA_ADPCM


async def echo_server(tmp_path, config: SessionConfig = FAST) -> Server:
    server = Server(ServerConfig(listen=("tcp://127.0.0.1:0",), session=config),
                    lambda info: EchoHandler(info), paired_store(tmp_path, "ear-1"))
    await server.start()
    return server


def speech_pcm(ms: int) -> bytes:
    return bytes((i * 7 + 3) % 256 for i in range(ms * 32))


async def echo_turn(peer: Peer, mic_payloads: list[bytes]) -> tuple[list[p.SpeechAudio], list[float]]:
    peer.send(p.ListenStart(source=p.Source.BUTTON))
    for payload in mic_payloads:
        peer.send(p.MicAudio(pcm=payload))
    peer.send(p.ListenStop(source=p.Source.BUTTON))
    frames, arrivals = [], []
    loop = asyncio.get_running_loop()
    while not (frames and frames[-1].end):
        frames.append(await peer.expect(p.SpeechAudio))
        arrivals.append(loop.time())
    return frames, arrivals


@pytest.mark.parametrize("offered, preferred, chosen", [
    (BOTH, p.CODEC_IMA_ADPCM, p.CODEC_IMA_ADPCM),
    (BOTH, p.CODEC_PCM16LE, p.CODEC_PCM16LE),
    (p.CODEC_PCM16LE, p.CODEC_IMA_ADPCM, p.CODEC_PCM16LE),   # an earpiece from before ADPCM
    (p.CODEC_IMA_ADPCM, p.CODEC_PCM16LE, p.CODEC_IMA_ADPCM),  # only what was offered
    (BOTH | 0x80, p.CODEC_IMA_ADPCM, p.CODEC_IMA_ADPCM),      # unknown codecs are passed over
    (0x04, p.CODEC_IMA_ADPCM, None),
])
def test_the_host_chooses_among_the_codecs_offered(offered, preferred, chosen):
    assert choose_codec(offered, preferred) == chosen


async def test_adpcm_offered_is_chosen_and_carried_both_ways(tmp_path):
    server = await echo_server(tmp_path)
    try:
        peer = await Peer.connect(server.tcp_addresses[0])
        peer.send(hello(codec=BOTH))
        assert (await peer.expect(p.Welcome)).codec == p.CODEC_IMA_ADPCM
        pcm = speech_pcm(1000)
        up = adpcm.AdpcmEncoder()
        mic = [up.encode(pcm[i:i + 640]) for i in range(0, len(pcm), 640)]
        frames, arrivals = await echo_turn(peer, mic)
        # the echo heard the host's decoding of the uplink; the downlink is that PCM, encoded
        # by an encoder that started at this session's WELCOME, one 164-byte frame per 20 ms
        heard = b"".join(adpcm.decode_bytes(m) for m in mic)
        down = adpcm.AdpcmEncoder()
        want = [down.encode(heard[i:i + 640]) for i in range(0, len(heard), 640)]
        assert [f.pcm for f in frames] == want
        assert {len(f.pcm) for f in frames} == {adpcm.FRAME_PAYLOAD_BYTES}
        # paced by the audio: 1 s of speech with a 260 ms lead cannot all arrive in 0.6 s (had
        # the pacing counted 164-byte payloads as PCM, it would all have come at once)
        assert len(frames) == 50 and arrivals[-1] - arrivals[0] >= 0.6
        (session,) = list(server.registry)
        assert session.info.codec == p.CODEC_IMA_ADPCM
        assert session.audio.stats.mic_frames == 50 and session.audio.stats.bad_mic_frames == 0
        await peer.close()
    finally:
        await server.stop()


async def test_each_session_starts_its_encoder_afresh(tmp_path):
    server = await echo_server(tmp_path)
    try:
        firsts = []
        for _ in range(2):
            peer = await Peer.connect(server.tcp_addresses[0])
            peer.send(hello(codec=BOTH))
            await peer.expect(p.Welcome)
            enc = adpcm.AdpcmEncoder()
            frames, _ = await echo_turn(peer, [enc.encode(speech_pcm(20)) for _ in range(5)])
            firsts.append(frames[0].pcm[:4])
            await peer.close()
            await peer.closed()
        assert firsts == [bytes(4), bytes(4)]  # predictor 0, step index 0 at every WELCOME
    finally:
        await server.stop()


async def test_an_earpiece_offering_pcm16_alone_still_pairs_and_gets_pcm16(tmp_path):
    server = await echo_server(tmp_path)
    try:
        peer = await Peer.connect(server.tcp_addresses[0])
        peer.send(hello())  # codec 1, as every HELLO before ADPCM
        assert (await peer.expect(p.Welcome)).codec == p.CODEC_PCM16LE
        pcm = speech_pcm(400)
        frames, _ = await echo_turn(peer, [pcm[i:i + 640] for i in range(0, len(pcm), 640)])
        assert b"".join(f.pcm for f in frames) == pcm
        await peer.close()
    finally:
        await server.stop()


async def test_a_host_set_to_pcm16_chooses_it_though_adpcm_is_offered(tmp_path):
    server = await echo_server(tmp_path, SessionConfig(hello_timeout_s=3.0, codec=p.CODEC_PCM16LE))
    try:
        peer = await Peer.connect(server.tcp_addresses[0])
        peer.send(hello(codec=BOTH))
        assert (await peer.expect(p.Welcome)).codec == p.CODEC_PCM16LE
        await peer.close()
    finally:
        await server.stop()


async def test_a_hello_offering_no_codec_the_host_speaks_is_refused_with_what_it_needs(tmp_path):
    server = await echo_server(tmp_path)
    try:
        peer = await Peer.connect(server.tcp_addresses[0])
        peer.send(hello(codec=0x04))
        error = await peer.expect(p.Error)
        assert error.code == p.ErrorCode.UNSUPPORTED_AUDIO
        assert "IMA ADPCM (codec 2)" in error.message and "PCM (codec 1)" in error.message
    finally:
        await server.stop()


async def test_a_mic_payload_that_cannot_be_adpcm_is_dropped_and_counted(tmp_path):
    server = await echo_server(tmp_path)
    try:
        peer = await Peer.connect(server.tcp_addresses[0])
        peer.send(hello(codec=BOTH))
        await peer.expect(p.Welcome)
        enc = adpcm.AdpcmEncoder()
        good = [enc.encode(speech_pcm(20)) for _ in range(4)]
        frames, _ = await echo_turn(peer, good[:2] + [bytes(640)] + good[2:])
        assert len(frames) == 4  # the 640-byte PCM frame was not taken for audio
        (session,) = list(server.registry)
        assert session.audio.stats.bad_mic_frames == 1
        await peer.close()
    finally:
        await server.stop()


def test_voice_codec_setting_takes_adpcm_or_pcm16(tmp_path):
    assert parse_settings('[voice]\ncodec = "pcm16"\n', tmp_path / "earpiece.toml").voice.codec == "pcm16"
    assert parse_settings("", tmp_path / "earpiece.toml").voice.codec == "adpcm"
    with pytest.raises(SettingsError, match="codec.*allowed.*adpcm"):
        parse_settings('[voice]\ncodec = "opus"\n', tmp_path / "earpiece.toml")
