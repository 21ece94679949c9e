"""A streamed model answer over real HTTP (server-sent events from the loopback stand-in): pieces
arrive as they are written, the first sentence is whole before the answer ends, and a server that
misbehaves while streaming gives the same named error as an unstreamed one."""

from __future__ import annotations

import pytest

from earpiece_host.dialogue.llm import ChatModel, LlmUnavailableError, sentences
from llm_server import serve_llm

REPLY = "The sea is calm tonight. Shall I read you something? Or we could just sit a while."


def test_pieces_arrive_as_they_are_written_and_the_first_sentence_comes_early() -> None:
    with serve_llm(reply=REPLY) as base_url:
        model = ChatModel(base_url, "test-model", timeout_s=5)
        events: list[tuple[str, int]] = []
        for sentence in sentences(model.stream([{"role": "user", "content": "hello"}], max_tokens=64)):
            events.append((sentence, base_url.server.streamed_chunks))
        assert base_url.server.requests[0]["stream"] is True and base_url.server.requests[0]["max_tokens"] == 64
    assert [s for s, _ in events] == ["The sea is calm tonight.", "Shall I read you something?",
                                     "Or we could just sit a while."]
    words = len(REPLY.split(" "))
    first_at = events[0][1]
    assert first_at < words  # the first sentence was handed on while the model was still writing
    assert events[-1][1] == words


def test_a_server_that_ignores_stream_gives_the_whole_answer() -> None:
    with serve_llm(mode="slow", reply="All at once.", slow_s=0.01) as base_url:
        assert list(ChatModel(base_url, "m", timeout_s=5).stream([{"role": "user", "content": "hi"}])) == ["All at once."]


@pytest.mark.parametrize(("mode", "match"), [("down", "Nothing is listening"), ("garbage", "not a chat completion"),
                                             ("trickle", "did not answer within")])
def test_streaming_failures_are_named(mode: str, match: str) -> None:
    with serve_llm(mode=mode, trickle_interval_s=0.5) as base_url:
        model = ChatModel(base_url, "m", timeout_s=1)
        with pytest.raises(LlmUnavailableError, match=match):
            list(model.stream([{"role": "user", "content": "hi"}]))


def test_sentences_keep_closing_quotes_and_flush_the_rest() -> None:
    assert list(sentences(['She said "go." ', "Then", " left"])) == ['She said "go."', "Then left"]
    assert list(sentences(["Pi is 3.14 today! ", ""])) == ["Pi is 3.14 today!"]


def test_the_answer_reader_hands_on_sentences_drops_reasoning_and_cuts_a_run_on_sentence() -> None:
    from earpiece_host.dialogue.llm import AnswerReader, ToolCalls

    reader = AnswerReader(["<think>the user wants", " a fact</think>Hello ", "there. And", " more", ToolCalls(({"id": "1", "name": "f", "arguments": {}},))])
    assert [reader.next_sentence(), reader.next_sentence(), reader.next_sentence()] == ["Hello there.", "And more", None]
    assert [c["name"] for c in reader.calls] == ["f"]
    run_on = "and then we walked along the shore for a while, " * 10  # 480 characters, no full stop
    reader = AnswerReader(iter([run_on[:250], run_on[250:]]))
    first = reader.next_sentence()
    assert first.endswith(",") and len(first) <= 200  # handed on at a clause break, not held to the end
    rest = []
    while (sentence := reader.next_sentence()) is not None:
        rest.append(sentence)
    assert " ".join([first, *rest]).split() == run_on.split()  # nothing lost


def test_a_streamed_tool_call_comes_whole_from_its_fragments() -> None:
    from earpiece_host.dialogue.llm import ToolCalls

    call = {"name": "timer_set", "arguments": {"duration_s": 300, "name": "pasta"}}
    with serve_llm(tool_call=call) as base_url:
        events = list(ChatModel(base_url, "m", timeout_s=5).stream([{"role": "user", "content": "pasta timer"}],
                                                                   tools=[{"type": "function", "function": {"name": "timer_set"}}]))
        assert base_url.server.requests[0]["tools"][0]["function"]["name"] == "timer_set"
    (only,) = events  # no text, and the call once, at the end
    assert isinstance(only, ToolCalls)
    assert [(c["name"], c["arguments"]) for c in only.calls] == [("timer_set", {"duration_s": 300, "name": "pasta"})]


def test_an_answer_that_breaks_off_is_an_error_not_an_end() -> None:
    with serve_llm(reply=REPLY) as base_url:
        base_url.server.break_after, base_url.server.stream_interval_s = 3, 0.0
        pieces: list[str] = []
        with pytest.raises(LlmUnavailableError, match="stopped in the middle"):
            for piece in ChatModel(base_url, "m", timeout_s=5).stream([{"role": "user", "content": "hi"}]):
                pieces.append(piece)
    assert "".join(pieces) == "The sea is"
