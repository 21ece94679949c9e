"""The voice loop speaks a model's first sentence while the model is still writing: real
pocketsphinx, real Piper, the real OS with the loopback chat server streaming server-sent events,
over a real socket. The server keeps its last word back until the test releases it, so the order
(reply audio at the earpiece, then the model's last word) is asserted without any timing."""

from __future__ import annotations

import asyncio
import contextlib
import threading

import pytest

from earpiece_host import protocol as p
from earpiece_host.server import Server, ServerConfig
from earpiece_host.session import SessionConfig
from llm_server import serve_llm
from peer import Peer, hello, paired_store
from speech_fixtures import espeak_pcm, silence_pcm

pytestmark = pytest.mark.slow

ANSWER = "The sea was calm that night. A small boat drifted home under the stars."


@contextlib.asynccontextmanager
async def voice_host(english_recognisers, piper_synthesiser, tmp_path, url):
    """The real voice loop and OS (asking the loopback model) behind a real socket; yields (server, brain)."""
    from earpiece_host.dialogue import open_engine
    from earpiece_host.dialogue.llm import ChatModel
    from earpiece_host.voice import VoiceConfig, VoiceServices

    brain = open_engine(tmp_path / "os", seed=7, morning_briefing=False,
                        chat_model=ChatModel(url, "test-model", timeout_s=20))
    services = VoiceServices(english_recognisers, piper_synthesiser, brain, config=VoiceConfig(seed=7))
    server = Server(ServerConfig(listen=("tcp://127.0.0.1:0",),
                                 session=SessionConfig(hello_timeout_s=5, link_timeout_s=60)),
                    services.handler, paired_store(tmp_path, "ear-story"))
    await server.start()
    try:
        yield server, brain
    finally:
        await server.stop()
        services.close()
        brain.close()


async def ask_for_a_story(server, speech_cache) -> Peer:
    """Connect as a paired earpiece and ask, by button, for something only the model can answer."""
    peer = await Peer.connect(server.tcp_addresses[0])
    peer.send(hello("ear-story"))
    await peer.expect(p.Welcome)
    peer.send(p.ListenStart(source=p.Source.BUTTON))
    request = espeak_pcm(speech_cache, "Tell me a story about the sea.", voice="en-gb")
    pcm = silence_pcm(0.3) + request + silence_pcm(0.3)
    for i in range(0, len(pcm) - 639, 640):
        peer.send(p.MicAudio(pcm=pcm[i:i + 640]))
    await peer.writer.drain()
    peer.send(p.ListenStop(source=p.Source.BUTTON))
    return peer


def turns(server) -> list:
    return [t for s in server.registry for t in s._handler.turns]


async def test_the_first_sentence_reaches_the_earpiece_before_the_model_has_finished(
        english_recognisers, piper_synthesiser, speech_cache, tmp_path):
    release = threading.Event()
    with serve_llm(reply=ANSWER) as url:
        url.server.hold_last = release
        try:
            async with voice_host(english_recognisers, piper_synthesiser, tmp_path, url) as (server, _):
                peer = await ask_for_a_story(server, speech_cache)
                first = await peer.expect(p.SpeechAudio, 60)
                # Reply audio is at the earpiece while the model still holds its last word back.
                assert not release.is_set() and url.server.streamed_chunks < len(ANSWER.split())
                assert len(url.server.requests) == 1 and url.server.requests[0]["stream"] is True
                release.set()
                audio = bytearray(first.pcm)
                while not first.end:
                    first = await peer.expect(p.SpeechAudio, 60)
                    audio += first.pcm
                (turn,) = turns(server)
                assert turn.intent == "fallback" and turn.reply == ANSWER  # both sentences were spoken
                assert len(audio) / 32000 > 3.0  # two sentences of speech, not one
                assert url.server.streamed_chunks == len(ANSWER.split())
        finally:
            release.set()


async def test_talking_over_a_streamed_reply_stops_it_and_the_os_keeps_what_was_said(
        english_recognisers, piper_synthesiser, speech_cache, tmp_path):
    release = threading.Event()
    with serve_llm(reply=ANSWER) as url:
        url.server.hold_last = release
        try:
            async with voice_host(english_recognisers, piper_synthesiser, tmp_path, url) as (server, brain):
                peer = await ask_for_a_story(server, speech_cache)
                await peer.expect(p.SpeechAudio, 60)
                peer.send(p.ListenStart(source=p.Source.BUTTON))  # barge-in while the model still writes
                await peer.expect(p.Interrupt, 10)
                peer.send(p.ListenStop(source=p.Source.BUTTON))
                said = "The sea was calm that night."
                for _ in range(200):  # the reply is closed in a worker; poll to a deadline
                    rows = brain.store.read("SELECT text FROM conversation_log WHERE speaker = 'os'")
                    if rows:
                        break
                    await asyncio.sleep(0.05)
                assert [r["text"] for r in rows][:1] == [said]  # what was said, not the unsaid rest
                story = turns(server)[0]
                assert story.interrupted and story.reply == said
                assert url.server.streamed_chunks < len(ANSWER.split())  # the last word was never sent
        finally:
            release.set()
