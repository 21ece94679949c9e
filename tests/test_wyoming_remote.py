"""Remote Wyoming stages in this host's voice loop: real servers, real failures, the local engine taking over.

The remote recogniser is this host's own `earpiece wyoming` server (pocketsphinx) on loopback; the
remote synthesiser is the official `wyoming-piper` on the same Piper voice, killed mid-reply in the
end-to-end test through the virtual earpiece running the real firmware.
"""

from __future__ import annotations

import asyncio
import logging
import signal

import pytest

from earpiece_host.dialogue import open_engine
from earpiece_host.speech.tts import Synthesiser
from earpiece_host.wyoming.remote import (
    ASR_DOWN_NOTICE,
    TTS_DOWN_NOTICE,
    Backoff,
    RemoteConfig,
    with_remote_stages,
)
from earpiece_host.wyoming.server import ServerConfig, WyomingServer
from earpiece_host.wyoming.stages import Stages
from earpiece_tools import harness
from servers import free_port
from speech_fixtures import espeak_pcm, piper_synthesiser, silence_pcm, speech_cache  # noqa: F401
from voice_fixtures import english_recognisers, voice_services  # noqa: F401
from wyoming_fixtures import wait_until_async, wyoming_piper

REQUEST = "what can you do"  # what pocketsphinx hears right in this espeak-ng voice (see test_wyoming_server.py)
# Generous waits: on a busy 2-core machine a healthy server can be seconds behind. The failures
# these tests cause (refused connections, closed sockets) are seen at once, not by timing out.
PATIENT = RemoteConfig(connect_timeout_s=5.0, reply_timeout_s=60.0, event_timeout_s=30.0)


class Clock:
    def __init__(self) -> None:
        self.now_s = 100.0

    def __call__(self) -> float:
        return self.now_s


def test_backoff_doubles_to_its_cap_and_a_success_resets_it():
    clock = Clock()
    backoff = Backoff(initial_s=1.0, max_s=4.0, clock=clock)
    assert backoff.available() and not backoff.down
    waits = []
    for _ in range(4):
        starts_outage = backoff.failed()
        waited = 0.0
        while not backoff.available():
            clock.now_s += 0.25
            waited += 0.25
        waits.append((starts_outage, waited))
    assert waits == [(True, 1.0), (False, 2.0), (False, 4.0), (False, 4.0)]
    assert backoff.succeeded() is True and backoff.succeeded() is False
    assert backoff.failed() is True  # a new outage, announced again


@pytest.fixture
def request_pcm(speech_cache):
    return silence_pcm(0.3) + espeak_pcm(speech_cache, REQUEST, voice="en-us+f2", speed_wpm=170) + silence_pcm(0.5)


@pytest.fixture
async def asr_server(english_recognisers, piper_synthesiser, tmp_path):
    stages = Stages(lambda: english_recognisers, lambda: piper_synthesiser, lambda: open_engine(tmp_path / "os"))
    server = WyomingServer(stages, ServerConfig(uri="tcp://127.0.0.1:0"))
    await server.start()
    yield server
    await server.stop()
    stages.close()


def feed(recogniser, pcm: bytes, chunk_bytes: int = 640) -> None:
    for offset in range(0, len(pcm), chunk_bytes):
        recogniser.accept(pcm[offset:offset + chunk_bytes])


async def in_thread(function, *args):
    return await asyncio.get_running_loop().run_in_executor(None, function, *args)


async def test_a_remote_recogniser_hears_the_audio_as_it_is_spoken(asr_server, english_recognisers, request_pcm,
                                                                   piper_synthesiser):
    host, port = asr_server.address
    recognisers, _ = with_remote_stages(english_recognisers, piper_synthesiser, asr_uri=f"wyoming://{host}:{port}",
                                        config=PATIENT)
    recogniser = recognisers.create()
    half = len(request_pcm) // 2 // 640 * 640
    await in_thread(feed, recogniser, request_pcm[:half])
    # Streaming: the server has audio before the utterance is over.
    await wait_until_async(lambda: asr_server.stats["audio_chunks"] > 0, what="audio at the remote recogniser")
    await in_thread(feed, recogniser, request_pcm[half:])
    final = await in_thread(recogniser.finish)
    assert (final.text, final.is_final, recogniser.engine) == (REQUEST, True, "wyoming")
    assert asr_server.stats["audio_chunks"] == len(range(0, len(request_pcm), 640))


async def test_with_the_remote_recogniser_down_the_local_one_answers_and_the_user_is_told_once(
        english_recognisers, piper_synthesiser, request_pcm, caplog):
    port = free_port()  # nothing listens here
    config = RemoteConfig(connect_timeout_s=1.0, backoff_initial_s=600.0)
    recognisers, synthesiser = with_remote_stages(english_recognisers, piper_synthesiser,
                                                  asr_uri=f"wyoming://127.0.0.1:{port}", config=config)
    recogniser = recognisers.create()
    with caplog.at_level(logging.WARNING, logger="earpiece_host.wyoming.remote"):
        finals = []
        for _ in range(2):
            await in_thread(feed, recogniser, request_pcm)
            finals.append((await in_thread(recogniser.finish)).text)
    assert finals == [REQUEST, REQUEST]
    assert recogniser.engine == english_recognisers.engine
    assert recognisers.remote.backoff.failures == 1  # the second utterance did not wait on a dead server
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 1 and f"127.0.0.1:{port} is not answering" in warnings[0]
    # The next reply starts with the notice, in the local voice; only once per outage.
    spoken = b"".join(synthesiser.synthesise("Okay."))
    assert synthesiser.notices.said == [ASR_DOWN_NOTICE]
    assert spoken == b"".join(piper_synthesiser.synthesise(ASR_DOWN_NOTICE)) + \
        b"".join(piper_synthesiser.synthesise("Okay."))
    assert b"".join(synthesiser.synthesise("Okay.")) == b"".join(piper_synthesiser.synthesise("Okay."))


async def test_a_remote_recogniser_dying_mid_utterance_loses_nothing(asr_server, english_recognisers,
                                                                    piper_synthesiser, request_pcm):
    host, port = asr_server.address
    recognisers, _ = with_remote_stages(english_recognisers, piper_synthesiser, asr_uri=f"wyoming://{host}:{port}",
                                        config=PATIENT)
    recogniser = recognisers.create()
    half = len(request_pcm) // 2 // 640 * 640
    await in_thread(feed, recogniser, request_pcm[:half])
    await wait_until_async(lambda: asr_server.stats["audio_chunks"] > 0, what="audio at the remote recogniser")
    await asr_server.stop()  # the remote machine goes away mid-sentence
    await in_thread(feed, recogniser, request_pcm[half:])
    final = await in_thread(recogniser.finish)
    assert (final.text, recogniser.engine) == (REQUEST, english_recognisers.engine)
    assert recognisers.remote.backoff.down


class Watched:
    """A synthesiser that notes the texts it was asked to speak (to see which voice said what)."""

    def __init__(self, inner: Synthesiser) -> None:
        self.inner = inner
        self.engine = inner.engine
        self.description = inner.description
        self.texts: list[str] = []

    def synthesise(self, text: str):
        self.texts.append(text)
        yield from self.inner.synthesise(text)


@pytest.mark.slow
async def test_wyoming_piper_speaks_through_the_earpiece_and_its_death_mid_reply_is_survived(
        voice_services, tmp_path, caplog):
    # Requests no shorter prefix of which is already a complete request ("what" alone asks for a repeat),
    # so a busy machine's late partial transcript cannot end a turn early on the wrong words.
    texts = ["Tell me the time.", "Is there anything on my calendar today?", "Tell me your name."]
    requests = harness.synthesise_requests(voice_services, texts, tmp_path / "requests")  # the local voice
    local = Watched(voice_services.synthesiser)
    with wyoming_piper(tmp_path / "piper") as piper_server:
        _, speaker = with_remote_stages(voice_services.recognisers, local,
                                        tts_uri=f"wyoming://127.0.0.1:{piper_server.port}", config=PATIENT)
        remote = speaker.synthesiser
        assert b"".join(remote.synthesise("Hello."))  # wyoming-piper loads its voice on the first request
        asked = Watched(speaker)
        voice_services.synthesiser = asked

        async def kill_mid_second_reply() -> int:
            await wait_until_async(lambda: len(asked.texts) >= 2, 90, "the second reply")
            chunks_before = remote.chunks_received
            await wait_until_async(lambda: remote.chunks_received >= chunks_before + 5, 30,
                                   "the second reply's first audio from wyoming-piper")
            piper_server.process.send_signal(signal.SIGKILL)
            return remote.chunks_received

        killer = asyncio.get_running_loop().create_task(kill_mid_second_reply())
        with caplog.at_level(logging.WARNING, logger="earpiece_host.wyoming.remote"):
            (run,) = await harness.run_devices(voice_services, [harness.build_script(requests, 12.0)], tmp_path)
        chunks_at_kill = await killer

    assert run.returncode == 0, run.stderr
    assert [t.intent for t in run.turns] == ["time.now", "calendar.query", "persona.name"], run.turns
    # Every answer was heard (on a busy machine the next tap may cut the end of one: the script is fixed in time).
    assert all(t.host.tts_audio_ms > 0 for t in run.turns), [(t.host.tts_audio_ms, t.reply) for t in run.turns]
    first, second, third = (t.reply for t in run.turns)
    assert chunks_at_kill > 5  # (what the server had already sent still arrives after the kill)
    # The first reply came whole from wyoming-piper; the local voice said nothing of it.
    assert not any(first in text for text in local.texts)
    # The second: the local voice said it was taking over and finished the reply where the remote stopped.
    (takeover,) = [text for text in local.texts if text.startswith(TTS_DOWN_NOTICE)]
    rest = takeover[len(TTS_DOWN_NOTICE):].strip()
    assert rest and second.endswith(rest)
    # The third: the server is still dead, so the local voice says all of it, with no second notice.
    assert local.texts[-1] == third
    assert sum("is not answering" in r.getMessage() for r in caplog.records) == 1


@pytest.mark.slow
def test_serve_takes_wyoming_addresses_for_both_stages_and_keeps_the_local_engines_as_fallback(tmp_path):
    import argparse

    from earpiece_host.service import add_engine_arguments, engine_choice, load_voice_services
    from earpiece_host.wyoming.remote import NoticeSpeaker, RemoteRecogniserFactory, RemoteSynthesiser

    parser = argparse.ArgumentParser()
    add_engine_arguments(parser)
    with pytest.raises(SystemExit):
        parser.parse_args(["--tts", "wyoming://no-port-here"])
    args = parser.parse_args(["--asr", "wyoming://127.0.0.1:10300", "--tts", "wyoming://127.0.0.1:10200",
                              "--no-download", "--data-dir", str(tmp_path)])
    services = load_voice_services(engine_choice(args))
    try:
        assert isinstance(services.recognisers, RemoteRecogniserFactory)
        assert services.recognisers.remote.uri == "wyoming://127.0.0.1:10300"
        local = services.recognisers.fallback  # the local engine, loaded: `auto`'s, Vosk or else Whisper
        assert local.engine in ("vosk", "whisper")
        if local.engine == "whisper":  # as `--asr whisper` runs: in its process, snapped to the OS's sentences
            assert "; fell back from vosk: " in local.description
            assert "recogniser process; snapped to" in local.description
        assert isinstance(services.synthesiser, NoticeSpeaker)
        assert isinstance(services.synthesiser.synthesiser, RemoteSynthesiser)
        assert services.synthesiser.synthesiser.remote.uri == "wyoming://127.0.0.1:10200"
        assert "falling back to piper" in services.synthesiser.description
    finally:
        services.close()
        services.os.close()
