"""Turn-taking rules: how long a pause ends the turn, given the words so far, and the wake phrase."""

from __future__ import annotations

import pytest

from earpiece_host.speech.vad import EndpointConfig
from earpiece_host.turn_taking import TurnTaker, TurnTaking, intelligible, strip_wake_phrase


def taker(complete: set[str]) -> tuple[TurnTaker, list[str]]:
    asked: list[str] = []

    def looks_complete(text: str) -> bool:
        asked.append(text)
        return text in complete

    return TurnTaker(EndpointConfig(), TurnTaking(), looks_complete), asked


def test_the_pause_that_ends_a_turn_depends_on_the_words_so_far():
    rules = TurnTaking()
    turns, asked = taker({"what time is it"})
    assert turns.silence_needed_ms("") == rules.default_silence_ms
    assert turns.silence_needed_ms("What time is it") == rules.complete_silence_ms
    assert turns.silence_needed_ms("what time  is it") == rules.complete_silence_ms
    assert turns.silence_needed_ms("remind me to") == rules.continuation_silence_ms
    assert turns.silence_needed_ms("what is the") == rules.continuation_silence_ms
    assert turns.silence_needed_ms("tell me something nice") == rules.default_silence_ms
    assert asked == ["what time is it", "tell me something nice"]  # a partial repeated is not parsed again
    turns, _ = taker({"remind me to call amy tomorrow", "what day is it tomorrow"})
    # a request may go on with its time after the day ("... tomorrow", "at five"); a question not
    assert turns.silence_needed_ms("remind me to call Amy tomorrow") == rules.default_silence_ms
    assert turns.silence_needed_ms("what day is it tomorrow") == rules.complete_silence_ms


def test_a_complete_request_is_answered_only_when_the_words_have_not_moved_on():
    turns, _ = taker({"what time is it"})
    turns.silence_needed_ms("what time is it")
    assert turns.complete_request("What  time is it") == "what time is it"
    assert turns.complete_request("what time is it in tokyo") == ""
    turns.silence_needed_ms("what time is it in tokyo")
    assert turns.complete_request("what time is it") == ""


def test_the_wake_phrase_and_what_is_trusted():
    assert strip_wake_phrase("Hey Samanta, what time is it", "Samantha") == "what time is it"
    assert strip_wake_phrase("sam antha set a timer", "Samantha") == "set a timer"
    assert strip_wake_phrase("what time is it", "Samantha") is None
    assert intelligible("what time is it", voiced=True)
    assert not intelligible("what time is it", voiced=False)
    assert not intelligible("the", voiced=True)


def test_a_partial_that_misses_the_end_of_the_voice_never_ends_the_turn_early(speech_cache, piper_synthesiser):
    """A recogniser running behind the endpointer still shows "what" of "What time is it?": the
    turn must wait the default pause (and the recogniser be finalised), not the complete one."""
    from earpiece_host.audio import FRAME_BYTES
    from earpiece_host.speech.vad import EndpointEvent
    from speech_fixtures import piper_pcm, silence_pcm

    rules = TurnTaking()
    audio = silence_pcm(0.3) + piper_pcm(speech_cache, piper_synthesiser, "What time is it?") + silence_pcm(1.5)
    frames = [audio[i:i + FRAME_BYTES] for i in range(0, len(audio) - FRAME_BYTES + 1, FRAME_BYTES)]

    def pause_that_ended_it(covers_ms) -> tuple[int, str]:
        turns, _ = taker({"what"})  # "what" alone is a request the OS can act on (repeat that)
        for frame in frames:
            if turns.push(frame, "what", covers_ms) == EndpointEvent.SPEECH_ENDED:
                endpointer = turns.endpointer
                return endpointer.stream_ms - endpointer.last_voiced_ms, turns.complete_request("what", covers_ms)
        raise AssertionError("the turn never ended")

    # The partial stands for all the audio: "what" is complete, a short pause ends the turn on it.
    assert pause_that_ended_it(None) == (rules.complete_silence_ms, "what")
    # The partial stands for the first 100 ms only: the default pause, and no answer from it.
    assert pause_that_ended_it(100) == (rules.default_silence_ms, "")


@pytest.mark.slow
def test_a_turn_never_ends_on_whisper_words_that_new_voice_has_made_stale(speech_cache):
    """Whisper's pass at a pause heard "cancel the timer"; the user went on ("and set an alarm for
    seven"). While the next pass is still decoding (the voice loop's recogniser worker is busy and the
    endpointer runs on), the partial it left is stale: the turn waits the default pause, is not
    answered from those words, and the recogniser's final has the new ones."""
    from earpiece_host.audio import FRAME_BYTES, FRAME_MS
    from earpiece_host.speech.choose import load_recogniser_factory
    from earpiece_host.speech.vad import EndpointEvent
    from speech_fixtures import espeak_pcm, silence_pcm, voiced_span_ms

    def frames(pcm: bytes) -> list[bytes]:
        return [pcm[i:i + FRAME_BYTES] for i in range(0, len(pcm) - FRAME_BYTES + 1, FRAME_BYTES)]

    recogniser = load_recogniser_factory("whisper", allow_download=False).create()
    turns, _ = taker({"cancel the timer"})
    rules = TurnTaking()
    partial, covers_ms = "", 0
    first = espeak_pcm(speech_cache, "Cancel the timer.", voice="en-us")
    first = first[:voiced_span_ms(first)[1] * 32]  # without espeak-ng's own trailing silence
    # A pause long enough for Whisper's pass (120 ms), too short to end the turn (240 ms at least).
    more = espeak_pcm(speech_cache, "And set an alarm for seven.")
    more = more[:voiced_span_ms(more, range_db=6)[1] * 32]  # cut while still loud: no pause in it for a pass
    said = silence_pcm(0.3) + first + silence_pcm(0.16) + more
    for frame in frames(said):  # the recogniser keeps up while the user speaks, as the voice loop's does
        update = recogniser.accept(frame)
        partial = update.text if update is not None else partial
        if recogniser.partial_current:  # what voice.py keeps: the audio the partial stands for
            covers_ms = turns.stream_ms + FRAME_MS
        assert turns.push(frame, partial, covers_ms) != EndpointEvent.SPEECH_ENDED  # not in the pause
    assert partial == "cancel the timer"  # the pass at the pause; none since
    assert not recogniser.partial_current  # the voice after that pass is in no partial yet

    def pause_that_ends_it(partial_covers_ms) -> tuple[int, str]:
        turns.endpointer.reset()
        for frame in frames(said):
            turns.endpointer.push(frame)
        for frame in frames(silence_pcm(1.5)):  # the recogniser is busy decoding: the endpointer runs on
            if turns.push(frame, partial, partial_covers_ms) == EndpointEvent.SPEECH_ENDED:
                endpointer = turns.endpointer
                return (endpointer.stream_ms - endpointer.last_voiced_ms,
                        turns.complete_request(partial, partial_covers_ms))
        raise AssertionError("the turn never ended")

    # Taken as current, the stale words would end the turn after the short pause and be answered.
    assert pause_that_ends_it(None) == (rules.complete_silence_ms, "cancel the timer")
    # As the recogniser reports them (not current): the default pause, and no answer from them.
    assert pause_that_ends_it(covers_ms) == (rules.default_silence_ms, "")
    final = recogniser.finish()
    assert "alarm" in final.text, final.text
