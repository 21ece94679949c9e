"""The wake-word option: microWakeWord on the host gates hands-free audio before the recogniser."""

from __future__ import annotations

import asyncio

import pytest

from earpiece_host import protocol as p
from earpiece_host.server import Server, ServerConfig
from earpiece_host.speech.asr import ModelUnavailableError
from earpiece_host.speech.wake import MicroWakeWordDetector, check_wake_word
from peer import Peer, hello, paired_store
from speech_fixtures import espeak_pcm, frames, piper_pcm, silence_pcm


def detections(detector: MicroWakeWordDetector, pcm: bytes) -> int:
    detector.reset()
    return sum(detector.heard(frame) for frame in frames(pcm))


def test_the_wake_word_is_heard_in_a_voice_the_host_never_uses_and_not_without_it(speech_cache):
    detector = MicroWakeWordDetector("okay_nabu")
    said = silence_pcm(0.5) + espeak_pcm(speech_cache, "Okay Nabu, what time is it?", voice="en-us") + silence_pcm(0.5)
    assert detections(detector, said) >= 1
    plain = silence_pcm(0.5) + espeak_pcm(speech_cache, "Okay, what time is it?", voice="en-us") + silence_pcm(0.5)
    assert detections(detector, plain) == 0


def test_an_unknown_wake_word_is_refused_with_the_choices():
    with pytest.raises(ModelUnavailableError, match="okay_nabu, hey_jarvis"):
        check_wake_word("samantha")


@pytest.mark.slow
async def test_with_the_option_on_only_turns_with_the_wake_word_are_recognised_and_answered(
        voice_services, speech_cache, piper_synthesiser, tmp_path):
    from earpiece_host.voice import VoiceConfig

    voice_services.config = VoiceConfig(wake_word="okay_nabu", seed=7)
    server = Server(ServerConfig(listen=("tcp://127.0.0.1:0",)), voice_services.handler,
                    paired_store(tmp_path, "ear-wake"))
    await server.start()
    try:
        peer = await Peer.connect(server.tcp_addresses[0])
        peer.send(hello("ear-wake"))
        await peer.expect(p.Welcome)
        handler = server.registry.get("ear-wake")._handler

        async def voice_turn(pcm: bytes) -> None:
            peer.send(p.ListenStart(source=p.Source.VOICE))
            for frame in frames(pcm + silence_pcm(1.2)):
                peer.send(p.MicAudio(pcm=frame))
            await peer.writer.drain()
            await peer.expect(p.ListenStop, 20)

        # The persona's name no longer opens a hands-free turn: no answer, back to idle.
        await voice_turn(piper_pcm(speech_cache, piper_synthesiser, "Samantha, what time is it?"))
        for _ in range(100):
            if handler.turns:
                break
            await asyncio.sleep(0.1)
        assert handler.turns[-1].ignored and not handler.turns[-1].wake_word_heard
        assert handler.turns[-1].heard == ""  # the recogniser never ran on it
        # The wake word, then the request: only the request reaches the recogniser.
        wake = espeak_pcm(speech_cache, "Okay Nabu", voice="en-us")
        await voice_turn(wake + silence_pcm(0.2) + piper_pcm(speech_cache, piper_synthesiser, "What time is it?"))
        frame = await peer.expect(p.SpeechAudio, 30)
        assert frame.pcm
        turn = handler.turns[-1] if len(handler.turns) == 2 else None
        for _ in range(100):
            if len(handler.turns) == 2:
                turn = handler.turns[-1]
                break
            await asyncio.sleep(0.1)
        assert turn is not None and turn.wake_word_heard and turn.intent == "time.now", turn
        assert "nabu" not in turn.heard
    finally:
        await server.stop()
