"""The voice loop with real engines (pocketsphinx, Piper, the OS) over a real socket.

A scripted device streams synthesised speech; the host must end the turn by itself, understand it,
and answer with speech. The same loop is driven through the real firmware in
tests/test_end_to_end_voice.py.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import numpy as np
import pytest

from earpiece_host import protocol as p
from earpiece_host.server import Server, ServerConfig
from earpiece_host.session import SessionConfig
from earpiece_host.voice import DIDNT_CATCH, chime
from peer import Peer, hello, paired_store, reply_audio
from speech_fixtures import piper_pcm, silence_pcm

pytestmark = pytest.mark.slow


DEVICES = ("ear-voice", "ear-remind", "ear-hands-free", "ear-battery", "ear-restart",
           "ear-lost", "ear-private", "ear-damaged")


@pytest.fixture
async def voice_server(voice_services, tmp_path):
    server = Server(ServerConfig(listen=("tcp://127.0.0.1:0",),
                                 session=SessionConfig(hello_timeout_s=5, link_timeout_s=30)),
                    voice_services.handler, paired_store(tmp_path, *DEVICES))
    await server.start()
    yield server
    await server.stop()


async def connect(server, device_id="ear-voice") -> Peer:
    peer = await Peer.connect(server.tcp_addresses[0])
    peer.send(hello(device_id))
    await peer.expect(p.Welcome)
    return peer


async def stream(peer: Peer, pcm: bytes, realtime: bool = True, until=None) -> int:
    """Send PCM as 20 ms mic frames; stop early once ``until()`` is true. Returns bytes sent."""
    sent = 0
    for i in range(0, len(pcm) - 639, 640):
        if until is not None and until():
            break
        peer.send(p.MicAudio(pcm=pcm[i:i + 640]))
        sent += 640
        await peer.writer.drain()
        if realtime:
            await asyncio.sleep(0.02)
    return sent


def rms_dbfs(pcm: bytes) -> float:
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768
    return 20 * np.log10(np.sqrt(np.mean(x * x)) + 1e-12)


async def test_a_spoken_question_is_heard_understood_and_answered(voice_server, voice_services,
                                                                  speech_cache, piper_synthesiser):
    request = piper_pcm(speech_cache, piper_synthesiser, "What time is it?")
    peer = await connect(voice_server)
    peer.send(p.ListenStart(source=p.Source.BUTTON))
    await stream(peer, silence_pcm(0.3) + request + silence_pcm(1.5))
    stop = await peer.expect(p.ListenStop, 10)
    assert stop.source == p.Source.VOICE  # the host's endpointer ended the turn, not a button
    audio = await reply_audio(peer)
    assert len(audio) / 32000 > 0.8 and rms_dbfs(audio) > -30
    (turn,) = voice_services_turns(voice_server)
    assert turn.intent == "time.now", turn
    assert "time" in turn.heard
    assert turn.host_processing_ms is not None and turn.tts_first_audio_ms is not None


def voice_services_turns(server):
    return [t for s in server.registry for t in s._handler.turns]


async def test_mumbling_gets_a_gentle_didnt_catch_that(voice_server, voice_services):
    peer = await connect(voice_server)
    peer.send(p.ListenStart(source=p.Source.BUTTON))
    rng = np.random.default_rng(3)
    hum = (np.sin(np.arange(16000) * 2 * np.pi * 150 / 16000) * 200 + rng.normal(0, 30, 16000))
    await stream(peer, hum.astype("<i2").tobytes(), realtime=False)
    peer.send(p.ListenStop(source=p.Source.BUTTON))
    audio = await reply_audio(peer)
    (turn,) = voice_services_turns(voice_server)
    assert turn.reply in DIDNT_CATCH and turn.end_reason == "button"
    assert len(audio) > 16000


async def test_an_endless_stream_is_cut_at_the_maximum_utterance_length(voice_services, speech_cache,
                                                                        piper_synthesiser, tmp_path):
    from earpiece_host.speech.vad import EndpointConfig
    from earpiece_host.voice import VoiceConfig

    voice_services.config = VoiceConfig(endpoint=EndpointConfig(trailing_silence_ms=800,
                                                                max_utterance_ms=3000))
    server = Server(ServerConfig(listen=("tcp://127.0.0.1:0",)), voice_services.handler,
                    paired_store(tmp_path, *DEVICES))
    await server.start()
    try:
        peer = await connect(server)
        babble = piper_pcm(speech_cache, piper_synthesiser,
                           "and then we walked on and on along the river talking about everything")
        got_stop = []

        async def watch():
            got_stop.append(await peer.expect(p.ListenStop, 30))

        watcher = asyncio.create_task(watch())
        peer.send(p.ListenStart(source=p.Source.BUTTON))
        sent = await stream(peer, babble * 6, realtime=False, until=lambda: bool(got_stop))
        await asyncio.wait_for(watcher, 30)
        assert got_stop[0].source == p.Source.TIMEOUT
        # The host stopped the turn at 3 s of speech (plus what was in flight), not at 6 x babble.
        assert sent < len(babble) * 6
        await reply_audio(peer)
        turn = [t for s in server.registry for t in s._handler.turns][0]
        assert turn.end_reason == "max_length" and turn.speech_ms <= 3000 + 2000
    finally:
        await server.stop()


async def test_barge_in_stops_the_reply_at_once(voice_server, speech_cache, piper_synthesiser):
    peer = await connect(voice_server)
    peer.send(p.ListenStart(source=p.Source.BUTTON))
    await stream(peer, piper_pcm(speech_cache, piper_synthesiser, "What can you do?")
                 + silence_pcm(1.2), realtime=False)
    await peer.expect(p.SpeechAudio, 20)
    peer.send(p.Interrupt(source=p.Source.BUTTON))
    await peer.expect(p.Interrupt, 5)
    # Nothing of the old reply may follow the host's interrupt: no more audio, no END.
    late = [m for m in peer.inbox if isinstance(m, p.SpeechAudio)]
    peer.inbox.clear()
    with pytest.raises(asyncio.TimeoutError):
        await peer.expect(p.SpeechAudio, 1.0)
    link = voice_server.registry.get("ear-voice").out
    assert not link.speaking
    assert all(not m.end for m in late)


async def until_delivered(brain, timeout_s: float = 30.0) -> None:
    """Polls until the device's PLAYED report has marked every due announcement delivered."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    while brain.due_announcements() and loop.time() < deadline:
        await asyncio.sleep(0.1)


async def test_a_due_reminder_is_spoken_unprompted_with_a_chime_and_delivered_once(voice_server,
                                                                                  voice_services):
    brain = voice_services.os
    reply = brain.handle("remind me to water the plants in 1 minute")
    assert reply.intent == "reminder.set"
    brain._clock = lambda: datetime.now().astimezone() + timedelta(minutes=2)
    peer = await connect(voice_server, "ear-remind")
    audio = await reply_audio(peer, timeout_s=20)
    start = chime()
    assert audio[:len(start)] == start  # the chime comes first, then the words
    assert len(audio) > len(start) + 16000
    await until_delivered(brain)
    assert brain.due_announcements() == []  # delivered exactly once


async def test_a_reminder_is_pending_until_the_device_reports_it_played(voice_server,
                                                                         voice_services):
    """The link drops after the whole announcement was sent but before the device said PLAYED:
    it is not delivered, and the next connection hears it."""
    brain = voice_services.os
    assert brain.handle("remind me to call the plumber in 1 minute").intent == "reminder.set"
    brain._clock = lambda: datetime.now().astimezone() + timedelta(minutes=2)
    lost = await connect(voice_server, "ear-lost")
    lost.auto_played = False  # it vanishes before playing the reply out
    first = await reply_audio(lost, timeout_s=20)
    assert len(first) > len(chime()) + 16000
    lost.writer.transport.abort()
    await asyncio.sleep(0.5)
    assert len(brain.due_announcements()) == 1  # still pending
    again = await connect(voice_server, "ear-lost")
    second = await reply_audio(again, timeout_s=20)  # ... and spoken again, now played
    assert second[:len(chime())] == chime()
    await until_delivered(brain)
    assert brain.due_announcements() == []


async def test_hands_free_turns_need_the_wake_phrase_except_in_the_follow_up_window(
        voice_server, speech_cache, piper_synthesiser):
    peer = await connect(voice_server, "ear-hands-free")

    async def voice_turn(text: str) -> None:
        peer.send(p.ListenStart(source=p.Source.VOICE))
        await stream(peer, piper_pcm(speech_cache, piper_synthesiser, text) + silence_pcm(1.2),
                     realtime=False)
        await peer.expect(p.ListenStop, 10)

    handler = voice_server.registry.get("ear-hands-free")._handler
    # Talk in the room, not to the earpiece: no answer, back to idle.
    await voice_turn("What time is it?")
    assert (await peer.expect(p.State, 10)).state in (p.DeviceState.THINKING, p.DeviceState.IDLE)
    for _ in range(50):
        if handler.turns:
            break
        await asyncio.sleep(0.1)
    assert handler.turns[-1].ignored
    assert not [m for m in peer.inbox if isinstance(m, p.SpeechAudio)]
    # Addressed by name: answered.
    await voice_turn("Samantha, what time is it?")
    await reply_audio(peer)
    assert handler.turns[-1].intent == "time.now", handler.turns[-1]
    # A follow-up right after the answer needs no name.
    await voice_turn("What's the date today?")
    await reply_audio(peer)
    assert handler.turns[-1].intent == "date.today", handler.turns[-1]


async def test_a_low_battery_is_announced_once_per_discharge(voice_server):
    peer = await connect(voice_server, "ear-battery")
    peer.send(p.Status(battery_mv=3550, battery_pct=9, free_heap_bytes=20000))
    audio = await reply_audio(peer, timeout_s=20)
    assert audio.startswith(chime())
    handler = voice_server.registry.get("ear-battery")._handler
    peer.send(p.Status(battery_mv=3540, battery_pct=8, free_heap_bytes=20000))
    with pytest.raises(asyncio.TimeoutError):
        await peer.expect(p.SpeechAudio, 1.5)
    assert handler._battery_warned


async def test_a_reminder_due_while_the_host_was_stopped_is_spoken_once_after_restart(
        english_recognisers, piper_synthesiser, tmp_path):
    from earpiece_host.dialogue import open_engine
    from earpiece_host.voice import VoiceConfig, VoiceServices

    data = tmp_path / "os"
    first = open_engine(data, morning_briefing=False)
    assert first.handle("remind me to take the cake out in 10 minutes").intent == "reminder.set"
    first.close()  # the host stops; the reminder falls due while it is down
    later = lambda: datetime.now().astimezone() + timedelta(minutes=30)  # noqa: E731

    async def run_host_once() -> bytes:
        brain = open_engine(data, morning_briefing=False, clock=later)
        services = VoiceServices(english_recognisers, piper_synthesiser, brain,
                                 config=VoiceConfig(announce_interval_s=0.2))
        server = Server(ServerConfig(listen=("tcp://127.0.0.1:0",)), services.handler,
                        paired_store(tmp_path, *DEVICES))
        await server.start()
        try:
            peer = await connect(server, "ear-restart")
            try:
                audio = await reply_audio(peer, timeout_s=8)
            except asyncio.TimeoutError:
                audio = b""
            for _ in range(40):  # delivered only once played out
                if not brain.due_announcements():
                    break
                await asyncio.sleep(0.1)
            return audio
        finally:
            await server.stop()
            services.close()
            brain.close()

    assert len(await run_host_once()) > len(chime()) + 16000  # spoken after the restart
    assert await run_host_once() == b""  # and never again


async def test_what_was_heard_goes_to_the_turns_file_and_never_to_the_log(voice_server, voice_services, speech_cache,
                                                                          piper_synthesiser, tmp_path, caplog):
    import json
    import logging
    import stat

    from earpiece_host.turn_journal import TurnJournal

    journal = voice_services.on_turn = TurnJournal(tmp_path / "turns.jsonl")
    caplog.set_level(logging.DEBUG)
    peer = await connect(voice_server, "ear-private")
    peer.send(p.ListenStart(source=p.Source.BUTTON))
    await stream(peer, piper_pcm(speech_cache, piper_synthesiser, "Take a note, the gate code is nine four seven.")
                 + silence_pcm(1.5), realtime=False)
    await reply_audio(peer)
    journal.close()
    (turn,) = voice_services_turns(voice_server)
    assert turn.heard and turn.reply
    (line,) = (tmp_path / "turns.jsonl").read_text().splitlines()
    record = json.loads(line)
    assert {k: record[k] for k in ("device", "heard", "intent", "reply")} == {
        "device": "ear-private", "heard": turn.heard, "intent": turn.intent, "reply": turn.reply}
    assert isinstance(record["latency_ms"], int) and record["latency_ms"] == round(turn.host_processing_ms)
    assert stat.S_IMODE((tmp_path / "turns.jsonl").stat().st_mode) == 0o600
    shown = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert not [m for m in shown if turn.heard in m or turn.reply in m or "gate code" in m], shown


async def test_a_damaged_database_gets_a_spoken_apology_and_the_link_keeps_working(voice_server, voice_services,
                                                                                   speech_cache, piper_synthesiser):
    from earpiece_host.dialogue.unavailable import SORRY_NO_MEMORY

    voice_services.os.store.path.write_bytes(b"\x00garbage" * 4096)
    peer = await connect(voice_server, "ear-damaged")
    peer.send(p.ListenStart(source=p.Source.BUTTON))
    await stream(peer, piper_pcm(speech_cache, piper_synthesiser, "What time is it?") + silence_pcm(1.5),
                 realtime=False)
    audio = await reply_audio(peer)
    (turn,) = voice_services_turns(voice_server)
    assert (turn.intent, turn.reply) == ("error", SORRY_NO_MEMORY) and len(audio) > 32000
    peer.send(p.Ping(token=7, sender_ms=1))
    assert (await peer.expect(p.Pong, 5)).token == 7


def test_serve_starts_with_a_damaged_database_and_apologises_for_it(tmp_path, caplog):
    import logging

    from earpiece_host.dialogue.unavailable import SORRY_NO_MEMORY
    from earpiece_host.service import EngineChoice, load_voice_services

    data = tmp_path / "os"
    data.mkdir(mode=0o700)
    (data / "os.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\xff" * 8192)
    (data / "os.sqlite3").chmod(0o600)
    with caplog.at_level(logging.ERROR):
        services = load_voice_services(EngineChoice(asr="pocketsphinx", data_dir=data, allow_download=False))
    try:
        assert services.os.handle("what time is it").text == SORRY_NO_MEMORY
        assert services.os.due_announcements() == []
        assert any(f"mv {data / 'os.sqlite3'}" in r.getMessage() for r in caplog.records)
    finally:
        services.close()


class LaggingRecognisers:
    """The real recogniser behind a worker that runs behind the endpointer (a loaded machine): its
    first partial is "what" of "What time is it?", and each frame then takes `lag_s` to accept."""

    def __init__(self, real, lag_s: float) -> None:
        self.real, self.lag_s = real, lag_s
        self.engine, self.description = real.engine, f"{real.description}, lagging"

    def create(self):
        return LaggingRecogniser(self.real.create(), self.lag_s)


class LaggingRecogniser:
    def __init__(self, real, lag_s: float) -> None:
        self.real, self.lag_s, self.engine = real, lag_s, real.engine
        self.frames = 0

    @property
    def partial_current(self) -> bool:
        return self.real.partial_current

    def accept(self, pcm: bytes):
        import time

        from earpiece_host.speech.asr import Transcript

        self.frames += 1
        if self.frames == 1:
            self.real.accept(pcm)
            return Transcript(text="what", is_final=False)
        time.sleep(self.lag_s)
        partial = self.real.accept(pcm)
        return partial if partial is not None and partial.text.strip() else None

    def finish(self):
        return self.real.finish()

    def reset(self) -> None:
        self.frames = 0
        self.real.reset()


async def test_a_turn_never_ends_on_a_partial_the_recogniser_has_not_caught_up_with(
        english_recognisers, piper_synthesiser, speech_cache, tmp_path):
    from earpiece_host.dialogue import open_engine
    from earpiece_host.voice import VoiceConfig, VoiceServices

    brain = open_engine(tmp_path / "os", seed=7, morning_briefing=False)
    assert brain.looks_complete("what")  # the stale partial alone would be answered ("repeat that")
    services = VoiceServices(LaggingRecognisers(english_recognisers, 0.03), piper_synthesiser, brain,
                             config=VoiceConfig(seed=7))
    server = Server(ServerConfig(listen=("tcp://127.0.0.1:0",)), services.handler,
                    paired_store(tmp_path, *DEVICES))
    await server.start()
    try:
        peer = await connect(server)
        peer.send(p.ListenStart(source=p.Source.BUTTON))
        # Faster than real time: the endpointer hears the whole pause long before the recogniser.
        await stream(peer, silence_pcm(0.3) + piper_pcm(speech_cache, piper_synthesiser, "What time is it?")
                     + silence_pcm(1.5), realtime=False)
        await reply_audio(peer, timeout_s=30)
        (turn,) = voice_services_turns(server)
        assert not turn.early_text  # not answered from the stale partial: the recogniser was finalised
        assert turn.intent == "time.now", turn
        assert "time" in turn.heard
    finally:
        await server.stop()
        services.close()
        brain.close()
