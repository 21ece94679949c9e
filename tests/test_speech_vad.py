"""The endpointer on real synthesised speech, sox noise and silence."""

from __future__ import annotations

import pytest

from earpiece_host.audio import FRAME_MS
from earpiece_host.speech.vad import EndpointConfig, EndpointEvent, Endpointer, FrameSizeError
from speech_fixtures import (  # noqa: F401  (fixtures)
    espeak_pcm,
    frames,
    mix,
    piper_pcm,
    piper_synthesiser,
    silence_pcm,
    sox_noise_pcm,
    speech_cache,
    voiced_span_ms,
)

LEAD_S = 1.0
TAIL_S = 1.5


def run(endpointer: Endpointer, pcm: bytes) -> list[tuple[EndpointEvent, int, int]]:
    """Push every frame; (event, stream time of the event, last voiced time) for each event."""
    events = []
    for frame in frames(pcm):
        event = endpointer.push(frame)
        if event is not None:
            events.append((event, endpointer.stream_ms, endpointer.last_voiced_ms))
    return events


def assert_one_utterance(pcm: bytes, clean: bytes | None = None, end_tolerance_ms: int = 2 * FRAME_MS) -> None:
    config = EndpointConfig()
    true_start_ms, true_end_ms = voiced_span_ms(clean if clean is not None else pcm)
    endpointer = Endpointer(config)
    events = run(endpointer, pcm)
    assert [e for e, _, _ in events] == [EndpointEvent.SPEECH_STARTED, EndpointEvent.SPEECH_ENDED], events
    (_, started_at_ms, _), (_, ended_at_ms, last_voiced_ms) = events
    assert true_start_ms <= started_at_ms <= true_start_ms + 250  # min_speech_ms plus one VAD window
    assert endpointer.speech_started_ms is not None
    assert abs(endpointer.speech_started_ms - true_start_ms) <= 80
    assert abs(last_voiced_ms - true_end_ms) <= end_tolerance_ms
    assert ended_at_ms - last_voiced_ms == config.trailing_silence_ms


@pytest.mark.slow
@pytest.mark.parametrize("text", ["What time is it?", "Yes."])
def test_piper_speech_starts_and_ends_where_the_voice_does(text, piper_synthesiser, speech_cache):
    assert_one_utterance(silence_pcm(LEAD_S) + piper_pcm(speech_cache, piper_synthesiser, text) + silence_pcm(TAIL_S))


@pytest.mark.slow
def test_espeak_speech_with_pauses_inside_the_sentence_is_one_utterance(speech_cache):
    speech = espeak_pcm(speech_cache, "Remind me, when I get home, to call my sister.")
    assert_one_utterance(silence_pcm(LEAD_S) + speech + silence_pcm(TAIL_S))


@pytest.mark.slow
def test_piper_clause_pauses_do_not_end_the_utterance(piper_synthesiser, speech_cache):
    text = "I need to buy milk, eggs, bread, and butter."
    assert_one_utterance(silence_pcm(LEAD_S) + piper_pcm(speech_cache, piper_synthesiser, text) + silence_pcm(TAIL_S))


@pytest.mark.slow
def test_speech_under_steady_noise_is_still_found(piper_synthesiser, speech_cache):
    clean = silence_pcm(LEAD_S) + piper_pcm(speech_cache, piper_synthesiser, "What time is it?") + silence_pcm(TAIL_S)
    noisy = mix(clean, sox_noise_pcm(speech_cache, "pink", 5.0, 0.01))
    assert_one_utterance(noisy, clean=clean, end_tolerance_ms=120)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["white", "pink"])
def test_low_level_noise_never_starts_speech(kind, speech_cache):
    config = EndpointConfig(no_speech_timeout_ms=8000)
    noise = sox_noise_pcm(speech_cache, kind, 10.0, 0.05)
    events = run(Endpointer(config), noise)
    assert events == [(EndpointEvent.NO_SPEECH, config.no_speech_timeout_ms, 0)]


def test_silence_gives_no_speech_at_the_timeout():
    config = EndpointConfig(no_speech_timeout_ms=2000)
    endpointer = Endpointer(config)
    events = run(endpointer, silence_pcm(5.0))
    assert events == [(EndpointEvent.NO_SPEECH, 2000, 0)]


@pytest.mark.slow
def test_endless_speech_is_cut_at_the_maximum_length(piper_synthesiser, speech_cache):
    config = EndpointConfig(max_utterance_ms=3000)
    sentence = piper_pcm(speech_cache, piper_synthesiser, "I keep talking and talking without a pause")
    start_ms, end_ms = voiced_span_ms(sentence)
    voiced = sentence[start_ms * 32:end_ms * 32]
    endless = silence_pcm(0.5) + voiced * 8
    endpointer = Endpointer(config)
    events = run(endpointer, endless)
    assert [e for e, _, _ in events] == [EndpointEvent.SPEECH_STARTED, EndpointEvent.MAX_LENGTH]
    assert endpointer.speech_started_ms is not None
    assert events[1][1] - endpointer.speech_started_ms == config.max_utterance_ms


@pytest.mark.slow
def test_reset_listens_afresh_with_time_from_zero(piper_synthesiser, speech_cache):
    speech = silence_pcm(LEAD_S) + piper_pcm(speech_cache, piper_synthesiser, "Yes.") + silence_pcm(TAIL_S)
    endpointer = Endpointer()
    assert not endpointer.in_speech
    first = run(endpointer, speech)
    assert not endpointer.in_speech
    assert run(endpointer, speech) == []  # finished: quiet until reset
    endpointer.reset()
    assert endpointer.stream_ms == 0
    assert run(endpointer, speech) == first


def test_a_frame_of_the_wrong_size_is_refused():
    with pytest.raises(FrameSizeError, match="640 bytes"):
        Endpointer().push(bytes(320))


@pytest.fixture(scope="module")
def cafe_babble(speech_cache):
    from earpiece_tools.voices import babble

    return babble(speech_cache, seconds=6.0)


@pytest.mark.slow
@pytest.mark.parametrize("voice", ["en-us", "en-gb-x-rp+f4"])
def test_a_request_in_cafe_babble_ends_when_the_voice_does_not_at_a_pause(voice, speech_cache, cafe_babble):
    """Babble is speech to Silero and never falls below the noise floor: the turn ends because the
    level falls back from the wearer's voice to the room's, and the pauses at the commas do not."""
    from earpiece_tools.voices import mix_at_snr

    speech = espeak_pcm(speech_cache, "Remind me, when I get home, to call my sister.", voice=voice)
    clean = silence_pcm(0.3) + speech + silence_pcm(TAIL_S)
    _, true_end_ms = voiced_span_ms(clean, range_db=25.0)
    for offset_samples in (0, 7919, 3 * 7919):
        events = run(Endpointer(), mix_at_snr(clean, cafe_babble, 10.0, offset_samples=offset_samples))
        assert [e for e, _, _ in events] == [EndpointEvent.SPEECH_STARTED, EndpointEvent.SPEECH_ENDED], events
        ended_at_ms = events[1][1]
        assert true_end_ms <= ended_at_ms <= true_end_ms + 1000, (offset_samples, ended_at_ms, true_end_ms)
