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
