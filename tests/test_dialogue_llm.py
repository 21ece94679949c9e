"""ChatModel against a real loopback HTTP server speaking the OpenAI chat-completions shape."""

from __future__ import annotations

import json
import time

import pytest

from earpiece_host.dialogue.llm import ChatModel, LlmUnavailableError
from llm_server import serve_llm

HELLO = [{"role": "system", "content": "You are Samantha."}, {"role": "user", "content": "Hello!"}]
WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "set_timer",
        "description": "Start a timer",
        "parameters": {"type": "object", "properties": {"duration_s": {"type": "integer"}}},
    },
}
TIMEOUT_S = 1.0
MARGIN_S = 2.0  # scheduling slack on a loaded CI machine; the misbehaving server would take 30 s


def test_normal_reply_is_returned_and_request_is_openai_shaped() -> None:
    with serve_llm(reply="Hi, I'm here.") as base_url:
        answer = ChatModel(base_url, "llama3.2:1b", api_key="sk-test").chat(HELLO)
        assert answer == {"content": "Hi, I'm here.", "tool_calls": []}
        (request,) = base_url.server.requests
        assert request["model"] == "llama3.2:1b" and request["messages"] == HELLO
        assert request["stream"] is False and "tools" not in request
        assert base_url.server.authorizations == ["Bearer sk-test"]


def test_reply_depends_on_the_conversation_sent() -> None:
    def echo(request: dict) -> str:
        return "You said: " + request["messages"][-1]["content"]

    with serve_llm(reply=echo) as base_url:
        model = ChatModel(base_url, "m")
        assert model.chat(HELLO)["content"] == "You said: Hello!"
        assert model.chat([{"role": "user", "content": "ünïcode ✓"}])["content"] == "You said: ünïcode ✓"
        assert base_url.server.authorizations == [None, None]


def test_tool_call_is_parsed_then_final_answer_after_tool_result() -> None:
    call = {"name": "set_timer", "arguments": {"duration_s": 600}}
    with serve_llm(reply="Your ten minute timer is running.", tool_call=call) as base_url:
        model = ChatModel(base_url, "m")
        first = model.chat(HELLO, tools=[WEATHER_TOOL])
        assert first["content"] is None
        assert [(c["name"], c["arguments"]) for c in first["tool_calls"]] == [("set_timer", {"duration_s": 600})]
        assert first["tool_calls"][0]["id"]
        assert base_url.server.requests[0]["tools"] == [WEATHER_TOOL]
        follow_up = HELLO + [
            {"role": "assistant", "content": None, "tool_calls": [{"id": first["tool_calls"][0]["id"], "type": "function", "function": {"name": "set_timer", "arguments": json.dumps({"duration_s": 600})}}]},
            {"role": "tool", "tool_call_id": first["tool_calls"][0]["id"], "content": "timer started"},
        ]
        assert model.chat(follow_up, tools=[WEATHER_TOOL]) == {"content": "Your ten minute timer is running.", "tool_calls": []}


def test_reasoning_block_is_not_spoken() -> None:
    with serve_llm(reply="<think>The user greets me.</think>\nHello there.") as base_url:
        assert ChatModel(base_url, "m").chat(HELLO)["content"] == "Hello there."


@pytest.mark.parametrize("suffix", ["", "/", "/chat/completions"])
def test_base_url_with_or_without_the_chat_path(suffix: str) -> None:
    with serve_llm(reply="ok") as base_url:
        assert ChatModel(base_url + suffix, "m").chat(HELLO)["content"] == "ok"
        root = base_url.removesuffix("/v1")
        assert ChatModel(root + suffix.replace("/chat/completions", ""), "m").chat(HELLO)["content"] == "ok"


def assert_unavailable_in_time(model: ChatModel, match: str) -> None:
    started = time.monotonic()
    with pytest.raises(LlmUnavailableError, match=match):
        model.chat(HELLO)
    assert time.monotonic() - started < TIMEOUT_S + MARGIN_S


def test_down_endpoint_raises_at_once() -> None:
    with serve_llm(mode="down") as base_url:
        assert_unavailable_in_time(ChatModel(base_url, "m", timeout_s=TIMEOUT_S), "Nothing is listening.*Start the model server")


def test_slow_endpoint_raises_within_timeout() -> None:
    with serve_llm(mode="slow", slow_s=30.0) as base_url:
        assert_unavailable_in_time(ChatModel(base_url, "m", timeout_s=TIMEOUT_S), "did not answer within 1 s")


def test_trickling_endpoint_cannot_stretch_the_deadline() -> None:
    # Every byte arrives well inside the socket timeout, but the whole answer would take a minute.
    with serve_llm(mode="trickle", trickle_interval_s=0.2) as base_url:
        assert_unavailable_in_time(ChatModel(base_url, "m", timeout_s=TIMEOUT_S), "did not answer within")


def test_server_can_change_mode_between_requests() -> None:
    with serve_llm(reply="fine") as base_url:
        model = ChatModel(base_url, "m", timeout_s=TIMEOUT_S)
        assert model.chat(HELLO)["content"] == "fine"
        base_url.server.mode = "garbage"
        assert_unavailable_in_time(model, "not JSON")
        base_url.server.mode = "normal"
        assert model.chat(HELLO)["content"] == "fine"


GARBAGE = {
    "html": (b"<html>502 Bad Gateway</html>", "not JSON"),
    "truncated": (b'{"choices": [{"message": {"content": "Hel', "not JSON"),
    "wrong shape": (b'{"result": "hello"}', "no choices"),
    "no choices": (b'{"choices": []}', "no choices"),
    "empty": (b'{"choices": [{"message": {"role": "assistant", "content": ""}}]}', "empty answer"),
    "null message": (b'{"choices": [{"message": null}]}', "not an object"),
    "number content": (b'{"choices": [{"message": {"content": 42}}]}', "not text"),
    "bad tool args": (
        b'{"choices": [{"message": {"content": null, "tool_calls": [{"id": "1", "type": "function", "function": {"name": "f", "arguments": "{oops"}}]}}]}',
        "arguments of f are not JSON",
    ),
    "nameless tool": (
        b'{"choices": [{"message": {"content": null, "tool_calls": [{"function": {"arguments": "{}"}}]}}]}',
        "without a name",
    ),
    "binary": (bytes(range(256)), "not JSON"),
}


@pytest.mark.parametrize("kind", list(GARBAGE))
def test_garbage_answers_raise(kind: str) -> None:
    body, match = GARBAGE[kind]
    with serve_llm(mode="garbage", garbage=body) as base_url:
        with pytest.raises(LlmUnavailableError, match=match):
            ChatModel(base_url, "m", timeout_s=TIMEOUT_S).chat(HELLO)


def test_tool_arguments_sent_as_an_object_are_accepted() -> None:
    body = b'{"choices": [{"message": {"content": "", "tool_calls": [{"function": {"name": "note_add", "arguments": {"text": "milk"}}}]}}]}'
    with serve_llm(mode="garbage", garbage=body) as base_url:  # the shape Ollama sometimes sends
        answer = ChatModel(base_url, "m").chat(HELLO)
        assert answer["content"] is None
        assert [(c["name"], c["arguments"]) for c in answer["tool_calls"]] == [("note_add", {"text": "milk"})]


def test_wrong_path_reports_the_http_status() -> None:
    with serve_llm() as base_url:
        with pytest.raises(LlmUnavailableError, match="HTTP 404"):
            ChatModel(base_url.removesuffix("/v1") + "/api/chat/completions", "m").chat(HELLO)


def test_invalid_configuration_is_rejected_early() -> None:
    with pytest.raises(ValueError):
        ChatModel("localhost:11434", "m")
    with pytest.raises(ValueError):
        ChatModel("http://127.0.0.1:1/v1", "m", timeout_s=0)
