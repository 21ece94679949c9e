"""Turn-taking in a worker process ends turns exactly where it does in the host's own."""

from __future__ import annotations

import pytest

from earpiece_host.speech.vad import EndpointConfig, EndpointEvent
from earpiece_host.turn_taking import TurnTaker, TurnTaking
from earpiece_host.turn_taking_process import TurnTakerProcesses
from speech_fixtures import espeak_pcm, frames, silence_pcm


@pytest.fixture(scope="module")
def turn_takers():
    processes = TurnTakerProcesses(EndpointConfig(trailing_silence_ms=800), TurnTaking())
    yield processes
    processes.close()


def _run(turn_taker, pcm: bytes, partial: str) -> list[tuple[int, EndpointEvent]]:
    events = []
    for frame in frames(pcm):
        event = turn_taker.push(frame, partial, None)
        if event is not None:
            events.append((turn_taker.stream_ms, event))
    return events


def test_a_turn_ends_on_the_same_frame_as_in_the_host_and_the_os_is_asked_in_the_host(
        turn_takers, speech_cache):
    pcm = silence_pcm(0.3) + espeak_pcm(speech_cache, "What time is it", voice="en-gb+f3") + silence_pcm(1.2)
    asked: list[str] = []

    def looks_complete(text: str) -> bool:
        asked.append(text)
        return text == "what time is it"

    local = TurnTaker(EndpointConfig(trailing_silence_ms=800), TurnTaking(), lambda t: t == "what time is it")
    remote = turn_takers.new(looks_complete)
    ended_ms = {}
    for partial in ("what time is it", "remind me to"):
        local.reset()
        remote.reset()
        expected = _run(local, pcm, partial)
        assert _run(remote, pcm, partial) == expected
        assert [e for _, e in expected[:2]] == [EndpointEvent.SPEECH_STARTED, EndpointEvent.SPEECH_ENDED]
        ended_ms[partial] = expected[1][0]
        assert (remote.voiced, remote.endpointer.last_voiced_ms, remote.endpointer.speech_started_ms) == \
            (local.voiced, local.endpointer.last_voiced_ms, local.endpointer.speech_started_ms)
        assert remote.complete_request(partial) == local.complete_request(partial)
    # the complete request ends sooner than the unfinished one ("to": a continuation word)
    assert ended_ms["what time is it"] < ended_ms["remind me to"]
    assert asked == ["what time is it"]  # asked in the host, once per new partial, not per frame


def test_sessions_each_have_their_own_endpointer(turn_takers, speech_cache):
    voice = espeak_pcm(speech_cache, "Cancel the timer", voice="en-us+m3")
    first, second = turn_takers.new(lambda t: False), turn_takers.new(lambda t: False)
    first.reset()
    second.reset()
    _run(first, voice, "")
    assert first.voiced and not second.voiced
    _run(second, silence_pcm(0.5), "")
    assert second.stream_ms == 500 and first.stream_ms == len(list(frames(voice))) * 20
