"""Recognisers in worker processes: a decode that holds the GIL never holds up the host.

The stand-in engine (stuck_recognisers.py) runs in real worker processes over real pipes; when it hears "voice" it
holds its process's GIL for good (a C loop that never lets go), as a pocketsphinx decode does
for a while. The real engine is checked against itself in the host's process.
"""

from __future__ import annotations

import asyncio
import functools
import os
import signal

import pytest

from earpiece_host import protocol as p
from earpiece_host.session import DeviceLink, SessionConfig
from earpiece_host.speech.recogniser_pool import RecogniserPool
from earpiece_host.speech.recogniser_process import RecogniserLost, RecogniserProcesses
from earpiece_host.speech.recogniser_worker import RecogniserWorker
from earpiece_host.transport import TcpLink
from stuck_recognisers import StuckOnVoiceFactory

SILENCE = bytes(640)
VOICE = b"\x00\x40" * 320


async def _poll(condition, timeout_s: float = 60.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout_s
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "not reached before the deadline"
        await asyncio.sleep(0.02)


async def test_a_recogniser_stuck_holding_the_gil_in_another_session_does_not_hold_up_this_sessions_downlink(tmp_path):
    flag = tmp_path / "stuck"
    processes = RecogniserProcesses(functools.partial(StuckOnVoiceFactory, flag), "stuck-on-voice",
                                    "stuck", processes=1)
    received: list[p.SpeechAudio] = []

    async def device(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        decoder = p.FrameDecoder()
        while not (received and received[-1].end):
            data = await reader.read(4096)
            if not data:
                return
            received.extend(m for m in decoder.feed(data) if isinstance(m, p.SpeechAudio))

    links: list[TcpLink] = []
    server = await asyncio.start_server(lambda r, w: links.append(TcpLink(r, w)), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    await _poll(lambda: links)
    this_session = DeviceLink(links[0], SessionConfig())
    this_session.start()
    other_session = RecogniserWorker(RecogniserPool(processes), "asr-other")
    try:
        # The other earpiece's recogniser hears voice and is stuck in its decode for good.
        stuck = asyncio.ensure_future(other_session.run(lambda r: r.accept(VOICE)))
        await _poll(flag.exists)
        assert int(flag.read_text()) in processes.pids and int(flag.read_text()) != os.getpid()
        # This earpiece's reply: 60 frames (1.2 s), paced at real time by the downlink writer.
        reply = bytes(range(256)) * (60 * 640 // 256)
        await this_session.send_speech(reply, end=True)
        await asyncio.wait_for(device(reader, writer), 60)
        assert [len(m.pcm) for m in received] == [640] * 60
        assert b"".join(m.pcm for m in received) == reply and received[-1].end
        assert not stuck.done()  # all of it was played while the other decode was still stuck
        assert this_session.stats.late_speech_frames == 0
    finally:
        processes.close()  # kills the stuck process
        writer.close()
        await this_session.close()
        server.close()
    with pytest.raises(RecogniserLost, match="process ended"):
        await asyncio.wait_for(stuck, 30)
    other_session.close()


def test_a_worker_process_that_dies_is_replaced_for_the_next_recogniser(tmp_path):
    processes = RecogniserProcesses(functools.partial(StuckOnVoiceFactory, None), "stuck-on-voice",
                                    "stuck", processes=1)
    try:
        first = processes.create()
        for _ in range(3):
            first.accept(SILENCE)
        assert first.finish().text == f"3 frames {processes.pids[0]}"
        (pid,) = processes.pids
        os.kill(pid, signal.SIGKILL)
        with pytest.raises(RecogniserLost):
            first.accept(SILENCE)
        second = processes.create()
        second.accept(SILENCE)
        (new_pid,) = processes.pids
        assert new_pid != pid and second.finish().text == f"1 frames {new_pid}"
        assert processes.started_processes == 2
    finally:
        processes.close()


def test_recognisers_are_spread_over_the_processes_and_each_keeps_its_own_utterance():
    processes = RecogniserProcesses(functools.partial(StuckOnVoiceFactory, None), "stuck-on-voice",
                                    "stuck", processes=2)
    try:
        a, b, c = processes.create(), processes.create(), processes.create()
        for recogniser, frames in ((a, 1), (b, 2), (c, 4)):
            for _ in range(frames):
                recogniser.accept(SILENCE)
        heard = [r.finish().text.split() for r in (a, b, c)]
        assert [h[0] for h in heard] == ["1", "2", "4"]
        assert {int(h[2]) for h in heard} == set(processes.pids) and len(processes.pids) == 2
    finally:
        processes.close()


def test_a_model_that_cannot_load_is_reported_and_nothing_is_left_running():
    from earpiece_host.speech.asr import ModelUnavailableError

    with pytest.raises(ModelUnavailableError, match="could not load its model: ValueError: no such model"):
        RecogniserProcesses(functools.partial(_failing_factory, "no such model"), "x", "x", processes=2)


def _failing_factory(why: str):
    raise ValueError(why)


@pytest.mark.slow
def test_pocketsphinx_in_a_worker_process_hears_what_it_hears_in_the_host(english_recognisers, speech_cache):
    from earpiece_host.speech.choose import load_recogniser_factory
    from speech_fixtures import espeak_pcm, frames

    pcm = espeak_pcm(speech_cache, "What time is it", voice="en-us+m3") + bytes(16000)
    processes = RecogniserProcesses(functools.partial(load_recogniser_factory, "pocketsphinx",
                                                      allow_download=False),
                                    "pocketsphinx", english_recognisers.description, processes=1)
    try:
        remote, local = processes.create(), english_recognisers.create()
        partials = [remote.accept(frame) for frame in frames(pcm)]
        local_partials = [local.accept(frame) for frame in frames(pcm)]
        heard = remote.finish().text
        assert heard == local.finish().text and len(heard.split()) >= 3  # espeak-ng: "what are you get"
        streamed = [t.text for t in partials if t is not None]
        assert streamed and streamed == [t.text for t in local_partials if t is not None]  # as in the host
    finally:
        processes.close()


@pytest.mark.slow
async def test_a_spoken_request_is_answered_with_recognition_and_endpointing_in_worker_processes(
        piper_synthesiser, speech_cache, tmp_path):
    from earpiece_host.dialogue import open_engine
    from earpiece_host.server import Server, ServerConfig
    from earpiece_host.speech.choose import load_recogniser_factory
    from earpiece_host.turn_taking_process import TurnTakerProcesses
    from earpiece_host.voice import VoiceConfig, VoiceServices
    from peer import Peer, hello, paired_store, reply_audio
    from speech_fixtures import espeak_pcm, frames, silence_pcm

    brain = open_engine(tmp_path / "os", seed=7, morning_briefing=False)
    config = VoiceConfig(seed=7)
    recognisers = RecogniserProcesses(functools.partial(load_recogniser_factory, "pocketsphinx",
                                                        allow_download=False),
                                      "pocketsphinx", "pocketsphinx", processes=1)
    services = VoiceServices(recognisers, piper_synthesiser, brain, config=config,
                             turn_takers=TurnTakerProcesses(config.endpoint, config.turn_taking))
    services.closing += [recognisers.close, services.turn_takers.close]
    server = Server(ServerConfig(listen=("tcp://127.0.0.1:0",)), services.handler,
                    paired_store(tmp_path, "ear-voice"))
    await server.start()
    try:
        peer = await Peer.connect(server.tcp_addresses[0])
        peer.send(hello("ear-voice"))
        await peer.expect(p.Welcome)
        peer.send(p.ListenStart(source=p.Source.BUTTON))
        speech = silence_pcm(0.3) + espeak_pcm(speech_cache, "Set a timer for five minutes",
                                               voice="en-us+f2") + silence_pcm(1.5)
        for frame in frames(speech):
            peer.send(p.MicAudio(pcm=frame))
            await peer.writer.drain()
            await asyncio.sleep(0.02)
        stop = await peer.expect(p.ListenStop, 10)
        assert stop.source == p.Source.VOICE  # the endpointer in its process ended the turn
        assert len(await reply_audio(peer, timeout_s=30)) > 0
        (turn,) = [t for s in server.registry for t in s._handler.turns]
        assert turn.heard and turn.voiced and turn.end_reason == "voice"
        assert recognisers.started_processes == 1 and services.turn_takers.started_processes == 1
    finally:
        await server.stop()
        services.close()
        brain.close()


@pytest.mark.slow
def test_serve_builds_pocketsphinx_decoders_in_its_worker_processes_only(tmp_path, monkeypatch):
    """The engine is chosen by name before any model loads: the host builds no decoder of its own
    to drop (a worker process, spawned, does not see this count)."""
    from earpiece_host.service import EngineChoice, load_voice_services
    from earpiece_host.speech.pocketsphinx_engine import PocketsphinxFactory

    built: list[int] = []
    new_decoder = PocketsphinxFactory._new_decoder
    monkeypatch.setattr(PocketsphinxFactory, "_new_decoder", lambda self: built.append(os.getpid()) or new_decoder(self))
    services = load_voice_services(EngineChoice(asr="pocketsphinx", data_dir=tmp_path / "os", allow_download=False),
                                   asr_processes=1)
    try:
        assert isinstance(services.recognisers, RecogniserProcesses)
        assert services.recognisers.description.startswith("pocketsphinx (en-us, bundled); with a grammar of")
        assert services.recognisers.description.endswith("; in 1 recogniser process")
        recogniser = services.recognisers.create()
        recogniser.accept(SILENCE)
        assert recogniser.finish().text == ""  # heard in the worker process
        assert built == []
    finally:
        services.close()


def test_auto_comes_to_an_engine_before_loading_and_a_missing_vosk_model_still_fails_at_start(tmp_path):
    from earpiece_host.service import EngineChoice, load_voice_services
    from earpiece_host.speech.asr import ModelUnavailableError
    from earpiece_host.speech.choose import choose_engine

    chosen = choose_engine("auto", allow_download=False, vosk_cache_dir=tmp_path)
    assert chosen.name == "whisper" and chosen.in_worker_processes
    assert chosen.note == "; fell back from vosk: no Vosk en-us model in Vosk's cache and downloading is switched off"
    assert choose_engine("auto", vosk_model=tmp_path / "gone").name == "vosk"  # named: it must load, in the host
    with pytest.raises(ModelUnavailableError, match="gone does not exist; download a model"):
        load_voice_services(EngineChoice(vosk_model=tmp_path / "gone", data_dir=tmp_path / "os", allow_download=False))
