"""`earpiece wyoming` spoken to with the official `wyoming` client classes, as Home Assistant does.

One real server process with the real Korean Vosk model and the real Piper voice serves describe,
transcription, synthesis (whole and streamed) and the OS as a conversation agent. The English
recogniser is checked on an in-process server sharing the test run's pocketsphinx.
"""

from __future__ import annotations

import numpy as np
import pytest
import soxr
from wyoming.asr import Transcript
from wyoming.audio import AudioStart
from wyoming.client import AsyncTcpClient
from wyoming.handle import Handled, NotHandled
from wyoming.info import Describe, Info
from wyoming.tts import Synthesize, SynthesizeChunk, SynthesizeStart, SynthesizeStop

from earpiece_host.dialogue import open_engine
from earpiece_host.wyoming.server import ServerConfig, WyomingServer
from earpiece_host.wyoming.stages import StageNames, Stages
from speech_fixtures import (  # noqa: F401  (fixtures)
    espeak_pcm,
    piper_synthesiser,
    silence_pcm,
    speech_cache,
    vosk_korean_model_dir,
)
from wyoming_fixtures import audio_of, earpiece_wyoming, read_until, transcribe

pytestmark = pytest.mark.slow

KOREAN_WORD = "아버지"  # the word the small Korean model gets from espeak-ng (see test_speech_asr.py)
HOME_ASSISTANT_DESCRIBE_TIMEOUT_S = 1.0


@pytest.fixture(scope="module")
def korean_server(vosk_korean_model_dir, tmp_path_factory):
    with earpiece_wyoming(tmp_path_factory.mktemp("wyoming"), "--asr", "vosk", "--vosk-model",
                          str(vosk_korean_model_dir), "--language", "ko") as server:
        yield server


async def test_describe_is_answered_within_home_assistants_timeout_while_the_voice_loads(korean_server):
    # The first request after start-up: Piper is still loading in the background.
    async with korean_server.client(read_timeout=HOME_ASSISTANT_DESCRIBE_TIMEOUT_S) as client:
        await client.write_event(Describe().event())
        info = Info.from_event(await client.read_event())
    assert [p.name for p in info.asr] == ["earpiece-asr"]
    assert info.asr[0].models[0].languages == ["ko"]
    assert [v.name for p in info.tts for v in p.voices] == ["en_US-joe-medium"]
    assert info.tts[0].supports_synthesize_streaming
    assert [p.name for p in info.handle] == ["earpiece-os"]


async def test_korean_speech_is_transcribed_by_vosk(korean_server, speech_cache):
    speech = silence_pcm(0.5) + espeak_pcm(speech_cache, KOREAN_WORD, voice="ko", speed_wpm=160) + silence_pcm(0.5)
    async with korean_server.client() as client:
        first = await transcribe(client, speech, language="ko")
        second = await transcribe(client, speech, language="ko")  # the same connection, a second utterance
    assert KOREAN_WORD in first.split(), first
    assert KOREAN_WORD in second.split(), second
    async with korean_server.client() as client:
        await client.write_event(Describe().event())
        info = Info.from_event(await client.read_event())
    assert info.asr[0].models[0].description.startswith("vosk"), info.asr[0].models[0].description


async def test_synthesize_returns_the_hosts_own_piper_audio(korean_server, piper_synthesiser):
    text = "Your timer is done. The tea should be ready."
    async with korean_server.client() as client:
        await client.write_event(Synthesize(text=text).event())
        events = await read_until(client, "audio-stop")
    assert events[0].type == "audio-start"
    start = AudioStart.from_event(events[0])
    assert (start.rate, start.width, start.channels) == (16000, 2, 1)
    assert [e.type for e in events[1:-1]] == ["audio-chunk"] * (len(events) - 2)
    # Piper runs with its noise off, so the server's audio is the local synthesiser's, sample for sample.
    assert audio_of(events) == b"".join(piper_synthesiser.synthesise(text))


async def test_streamed_text_is_spoken_sentence_by_sentence_before_the_stream_ends(korean_server, piper_synthesiser):
    async with korean_server.client() as client:
        await client.write_event(SynthesizeStart().event())
        await client.write_event(SynthesizeChunk(text="Good morn").event())
        await client.write_event(SynthesizeChunk(text="ing. It is sunny").event())
        # The first sentence is complete: its audio arrives while the model is still "writing".
        early = await read_until(client, "audio-chunk")
        await client.write_event(SynthesizeChunk(text=" and warm today. Enjoy").event())
        await client.write_event(SynthesizeChunk(text=" it!").event())
        await client.write_event(Synthesize(text="Good morning. It is sunny and warm today. Enjoy it!").event())
        await client.write_event(SynthesizeStop().event())
        rest = await read_until(client, "synthesize-stopped")
    events = early + rest
    assert [e.type for e in events if e.type != "audio-chunk"] == ["audio-start", "audio-stop", "synthesize-stopped"]
    expected = b"".join(b"".join(piper_synthesiser.synthesise(s))
                        for s in ("Good morning.", "It is sunny and warm today.", "Enjoy it!"))
    assert audio_of(events) == expected  # each sentence once; the compatibility `synthesize` was not spoken again


async def test_the_os_keeps_one_conversation_per_conversation_id(korean_server):
    async with korean_server.client() as client:
        async def ask(text: str, conversation_id: str):
            await client.write_event(Transcript(text=text, context={"conversation_id": conversation_id}).event())
            return await client.read_event()

        asked = await ask("set a timer", "kitchen")
        answered = await ask("for 5 minutes", "kitchen")
        elsewhere = await ask("for 7 minutes", "hallway")
        left = await ask("how long is left on my timer", "hallway")

    assert Handled.is_type(asked.type) and "how long" in asked.data["text"].lower(), asked
    assert Handled.is_type(answered.type), answered
    assert "5 minutes" in answered.data["text"] and answered.data["context"] == {"conversation_id": "kitchen"}
    # "for 7 minutes" means nothing without the kitchen's context: not handled, so Home Assistant can try elsewhere.
    assert NotHandled.is_type(elsewhere.type), elsewhere
    assert elsewhere.data["context"] == {"conversation_id": "hallway"}
    # The timer itself lives in the OS's one database, which every conversation shares.
    assert Handled.is_type(left.type) and "minute" in left.data["text"], left


@pytest.fixture(scope="module")
def whisper_recognisers():
    from earpiece_host.speech.choose import load_recogniser_factory

    return load_recogniser_factory("whisper", allow_download=False)


async def test_english_speech_is_transcribed_by_the_english_engine(whisper_recognisers, piper_synthesiser,
                                                                   speech_cache, tmp_path):
    # Whisper tiny.en, the English engine that hears voices other than Piper on this machine
    # (pocketsphinx is rough on espeak-ng: it heard this request as "what do do" in one run).
    stages = Stages(lambda: whisper_recognisers, lambda: piper_synthesiser,
                    lambda: open_engine(tmp_path / "os"), StageNames(asr_engine="whisper"))
    server = WyomingServer(stages, ServerConfig(uri="tcp://127.0.0.1:0"))
    await server.start()
    stages.start_loading()
    heard = []
    try:
        host, port = server.address
        async with AsyncTcpClient(host, port) as client:
            for voice in ("en-us+f2", "en-gb-x-rp"):
                speech = silence_pcm(0.3) + espeak_pcm(speech_cache, "what can you do", voice=voice,
                                                       speed_wpm=170) + silence_pcm(0.5)
                # At 22.05 kHz, as some satellites send: the server converts to the engine's 16 kHz.
                pcm_22k = soxr.resample(np.frombuffer(speech, dtype="<i2"), 16000, 22050).astype("<i2").tobytes()
                heard.append(await transcribe(client, pcm_22k, rate=22050, language="en"))
    finally:
        await server.stop()
        stages.close()
    assert [" ".join(h.lower().strip(" .?!").split()) for h in heard] == ["what can you do", "what can you do"], heard
