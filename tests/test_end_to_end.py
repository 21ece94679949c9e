"""The real host and the real firmware (in MicroPython, heap limited like an ESP32) together.

Link tests use the echo handler, so every byte can be checked: what the virtual microphone hears
must reach the host bit for bit, and what the host sends must come out of the virtual speaker bit
for bit, in order, with no underruns, over TCP and over a serial line between pseudo-terminals.
Voice tests run the whole loop: synthesised English in, pocketsphinx, the OS, Piper out.
"""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

import numpy as np
import pytest

from earpiece_host.audio import read_wav, write_wav
from earpiece_host.echo import EchoHandler
from earpiece_host.pairing import PairingStore
from earpiece_host.protocol import CODEC_PCM16LE
from earpiece_host.server import Server, ServerConfig
from earpiece_host.session import SessionConfig
from firmware_harness import PAIRING_KEY_HEX
from earpiece_tools import harness, sim
from earpiece_tools.timeline import Kind, read_timeline
from ptys import PtyBridge

pytestmark = pytest.mark.slow


def probe_signal(seconds: float, seed: int = 1) -> bytes:
    """Deterministic, loud, full-band audio: every byte value occurs, sync bytes and 0x03 too."""
    rng = np.random.default_rng(seed)
    n = int(seconds * 16000) // 320 * 320
    t = np.arange(n) / 16000
    x = 9000 * np.sin(2 * np.pi * 440 * t) + rng.normal(0, 3000, n)
    return np.clip(x, -32768, 32767).astype("<i2").tobytes()


async def run_echo(tmp_path: Path, connect_for_host, seconds: float = 2.0,
                   session: SessionConfig = SessionConfig(codec=CODEC_PCM16LE),
                   codecs: str | None = None):
    mic_pcm = probe_signal(seconds)
    write_wav(tmp_path / "mic.wav", mic_pcm)
    handlers: list[EchoHandler] = []

    def factory(info):
        handlers.append(EchoHandler(info, turn_ms=int(seconds * 1000)))
        return handlers[-1]

    listen, serial, device_uri = connect_for_host
    store = PairingStore(tmp_path / "pairing.json")
    store.put("echo-ear", PAIRING_KEY_HEX)
    # PCM16 by default: the echo is compared bit for bit (ADPCM is lossy)
    server = Server(ServerConfig(listen=listen, serial=serial, session=session), factory, store)
    await server.start()
    if listen:
        host, port = server.tcp_addresses[0]
        device_uri = f"tcp://{host}:{port}"
    try:
        proc = sim.run_sim(device_uri, mic=tmp_path / "mic.wav", speaker=tmp_path / "speaker.wav",
                           timeline=tmp_path / "timeline.bin", heap=sim.DEFAULT_HEAP, listen_at_start=True,
                           device_id="echo-ear", pairing_key=PAIRING_KEY_HEX, codecs=codecs)
        result = await asyncio.get_running_loop().run_in_executor(None, sim.wait_sim, proc, 60)
    finally:
        await server.stop()
    return mic_pcm, handlers, result


def assert_bit_exact_both_ways(tmp_path, mic_pcm, handlers, result):
    assert result.returncode == 0, result.stderr
    (turn,) = [t for h in handlers for t in h.turns]
    assert hashlib.sha256(turn.pcm).hexdigest() == hashlib.sha256(mic_pcm).hexdigest()
    played, rate = read_wav(tmp_path / "speaker.wav")
    assert rate == 16000
    assert hashlib.sha256(played).hexdigest() == hashlib.sha256(mic_pcm).hexdigest()
    records = read_timeline(tmp_path / "timeline.bin")
    assert not [r for r in records if r.kind == Kind.UNDERRUN]
    assert result.summary["underruns"] == 0 and result.summary["overruns"] == 0
    assert result.peak_heap_bytes is not None and result.peak_heap_bytes < sim.heap_bytes(sim.DEFAULT_HEAP)


async def test_link_over_tcp_is_bit_exact_both_ways(tmp_path):
    mic_pcm, handlers, result = await run_echo(tmp_path, (("tcp://127.0.0.1:0",), (), None))
    assert_bit_exact_both_ways(tmp_path, mic_pcm, handlers, result)


async def test_link_over_serial_between_pseudo_terminals_is_bit_exact(tmp_path):
    pair = PtyBridge()
    try:
        mic_pcm, handlers, result = await run_echo(
            tmp_path, ((), (f"serial://{pair.tool_path}",), f"serial://{pair.device_path}"))
    finally:
        pair.close()
    assert_bit_exact_both_ways(tmp_path, mic_pcm, handlers, result)


async def test_firmware_offering_pcm16_alone_is_welcomed_with_it_by_a_host_that_prefers_adpcm(
        tmp_path):
    """An earpiece from before IMA ADPCM (HELLO offers codec 1) still pairs, and its audio stays
    bit-exact PCM16 both ways."""
    mic_pcm, handlers, result = await run_echo(tmp_path, (("tcp://127.0.0.1:0",), (), None),
                                               session=SessionConfig(), codecs="pcm16")
    assert result.summary["codec"] == CODEC_PCM16LE
    assert [h.info.codec for h in handlers] == [CODEC_PCM16LE]
    assert_bit_exact_both_ways(tmp_path, mic_pcm, handlers, result)


async def test_an_english_request_is_understood_through_the_real_firmware(voice_services, tmp_path):
    requests = harness.synthesise_requests(voice_services, ["What time is it?", "What's your name?"],
                                           tmp_path / "requests")
    (run,) = await harness.run_devices(voice_services, [harness.build_script(requests, 5.0)], tmp_path)
    assert run.returncode == 0, run.stderr
    assert [t.intent for t in run.turns] == ["time.now", "persona.name"], run.turns
    assert "Samantha" in run.turns[1].reply
    for turn in run.turns:
        assert turn.response_latency_ms is not None and turn.response_latency_ms > 0
    assert run.underruns == 0
    assert run.peak_heap_bytes < sim.heap_bytes(sim.DEFAULT_HEAP)
    played, _ = read_wav(run.speaker_wav)
    assert len(played) > 2 * 16000  # two spoken answers came out of the speaker


async def test_barge_in_stops_playback_within_100_ms_of_the_interrupt(voice_services, tmp_path):
    from earpiece_host.speech.vad import EndpointConfig
    from earpiece_host.voice import VoiceConfig

    voice_services.config = VoiceConfig(endpoint=EndpointConfig(trailing_silence_ms=800,
                                                                no_speech_timeout_ms=1500))
    (request,) = harness.synthesise_requests(voice_services, ["What can you do?"], tmp_path / "req")
    script = harness.build_script([request], answer_window_s=6.0)
    # A second tap a while after the answer has begun: the user talks over the earpiece.
    barge_at = script.taps_s[0] + harness.TAP_LEAD_S + len(request.pcm) / 32000 + 2.5
    script = harness.Script(script.mic_pcm, (script.taps_s[0], barge_at), script.request_starts,
                            script.requests)
    (run,) = await harness.run_devices(voice_services, [script], tmp_path)
    assert run.returncode == 0, run.stderr
    records = read_timeline(tmp_path / "virtual-1.timeline")
    sent = [r.t_us for r in records if r.kind == Kind.INTERRUPT_TX]
    assert sent, "the second tap did not interrupt a reply (was the answer already over?)"
    t_interrupt = sent[0]
    played_after = [r.t_us for r in records if r.kind == Kind.SPEAKER_PLAYED
                    and t_interrupt <= r.t_us <= t_interrupt + 1_000_000]
    assert all(t - t_interrupt <= 100_000 for t in played_after), played_after
    assert run.turns[0].host is not None and run.turns[0].host.interrupted
