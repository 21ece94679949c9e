"""Turn-taking rules: how long a pause ends the turn, given the words so far, and the wake phrase."""

from __future__ import annotations

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
