"""The OS hands over a model's prose answer at its first sentence (`Engine.handle_stream`), against
the real loopback chat server streaming server-sent events. Order is asserted with an event the
server waits on before its last word, never with timings."""

from __future__ import annotations

import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest

from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.llm import ChatModel
from earpiece_host.dialogue.model_partner import SORRY_CUT_SHORT
from earpiece_host.dialogue.phrasing import _VARIANTS
from llm_server import serve_llm
from ptys import PtyProcess

NOW = datetime(2026, 4, 1, 12, 0, tzinfo=timezone.utc)
OPEN = "what's the best season of the year"
ROOT = Path(__file__).resolve().parents[1]
ANSWER = "It's a lovely question. I'd say spring, when everything starts again."


def engine_with(tmp_path: Path, base_url: str, timeout_s: float = 5.0):
    return open_engine(tmp_path, clock=lambda: NOW, seed=4, morning_briefing=False,
                       chat_model=ChatModel(base_url, "test-model", timeout_s=timeout_s))


def test_the_first_sentence_is_handed_over_while_the_model_still_writes(tmp_path: Path) -> None:
    release = threading.Event()
    with serve_llm(reply=ANSWER) as url:
        url.server.hold_last, url.server.stream_interval_s = release, 0.01
        engine = engine_with(tmp_path, url)
        try:
            reply = engine.handle_stream(OPEN)
            first = reply.next_part()
            # The server sends its last word only once released: the sentence came before the answer ended.
            assert first == "It's a lovely question." and reply.streaming
            assert url.server.streamed_chunks < len(ANSWER.split()) and not release.is_set()
            release.set()
            assert list(reply.parts()) == ["I'd say spring, when everything starts again."]
            assert (reply.intent, reply.text, reply.streaming) == ("fallback", ANSWER, False)
            assert engine.handle("say that again").text == ANSWER  # the whole answer was kept
            timing = engine.model_timings[-1]
            assert timing.first_token_ms <= timing.first_sentence_ms <= timing.total_ms and not timing.failed
        finally:
            release.set()
            engine.close()


def test_a_model_that_fails_midway_is_heard_out_then_apologised_for(tmp_path: Path) -> None:
    text = "The sea is calm tonight. The boats are all in the harbour and the lights are on."
    with serve_llm(reply=text) as url:
        url.server.stream_interval_s = 0.01
        url.server.break_after = 8  # "... The boats are", then the connection drops without [DONE]
        engine = engine_with(tmp_path, url)
        reply = engine.handle(OPEN)
        assert reply.text == f"The sea is calm tonight. The boats are... {SORRY_CUT_SHORT}"
        assert engine.model_timings[-1].failed
        url.server.break_after = 2  # before the first sentence was whole: the OS's own gentle words
        assert engine.handle(OPEN).text in set(_VARIANTS["gentle"])
        engine.close()


def test_a_tool_call_after_the_first_words_runs_its_skill_once_and_the_dialogue_follows_it(tmp_path: Path) -> None:
    call = {"name": "timer_set", "arguments": {"duration_s": 300}}
    with serve_llm(reply="unused", tool_call=call) as url:
        url.server.stream_interval_s = 0.01
        url.server.words_before_tool = "Sure thing. Starting it now."
        engine = engine_with(tmp_path, url)
        reply = engine.handle("hmm so the thing with the stuff, you know")
        assert reply.intent == "timer.set"
        assert reply.text.startswith("Sure thing. Starting it now. ") and "5 minute" in reply.text
        assert engine.store.read("SELECT COUNT(*) AS n FROM timers")[0]["n"] == 1
        assert len(url.server.requests) == 1  # the skill's own words end the reply: no second model call
        assert engine.handle("no, make that 7").intent == "timer.modify"  # the correction reaches that timer
        engine.close()


def test_a_tool_call_is_never_spoken_in_part(tmp_path: Path) -> None:
    call = {"name": "note_add", "arguments": {"text": "the key is under the pot"}}
    with serve_llm(reply="Noted.", tool_call=call) as url:
        url.server.words_before_tool = "Let me"  # not a sentence: words that only lead into the call
        engine = engine_with(tmp_path, url)
        reply = engine.handle_stream("hmm so the thing with the stuff, you know")
        parts = list(reply.parts())
        assert (reply.intent, parts) == ("note.add", ["Noted."])
        assert engine.store.read("SELECT COUNT(*) AS n FROM notes")[0]["n"] == 1
        engine.close()


def test_a_reply_closed_early_keeps_what_was_said_and_stops_reading(tmp_path: Path) -> None:
    release = threading.Event()
    with serve_llm(reply=ANSWER) as url:
        url.server.hold_last, url.server.stream_interval_s = release, 0.01
        engine = engine_with(tmp_path, url)
        try:
            reply = engine.handle_stream(OPEN)
            assert reply.next_part() == "It's a lovely question."
            reply.close()  # the user talked over it
            assert not reply.streaming and reply.next_part() is None
            assert engine.handle("say that again").text == "It's a lovely question."
        finally:
            release.set()
            engine.close()


@pytest.mark.slow
def test_chat_prints_the_first_sentence_before_the_model_has_finished(tmp_path: Path) -> None:
    release = threading.Event()
    with serve_llm(reply=ANSWER) as url:
        url.server.hold_last, url.server.stream_interval_s = release, 0.01
        config = tmp_path / "earpiece.toml"
        config.write_text(f'[llm]\nbase_url = "{url}"\nmodel = "test-model"\ntimeout_s = 20\n')
        chat = PtyProcess([sys.executable, "-m", "earpiece_host.cli", "chat", "--data-dir", str(tmp_path / "data"),
                           "--config", str(config), "--no-briefing", "--seed", "1"], cwd=ROOT)
        try:
            chat.read_until("you: ", timeout_s=60)
            chat.type(OPEN + "\n")
            chat.read_until("Samantha: It's a lovely question.", timeout_s=30)
            assert not release.is_set() and url.server.streamed_chunks < len(ANSWER.split())
            release.set()
            chat.read_until("starts again.", timeout_s=30)
            chat.type("quit\n")
            assert chat.process.wait(timeout=30) == 0
        finally:
            release.set()
            chat.close()


def test_closing_while_a_part_waits_for_the_model_does_not_wait_for_the_model(tmp_path: Path) -> None:
    release = threading.Event()
    with serve_llm(reply=ANSWER) as url:
        url.server.hold_last, url.server.stream_interval_s = release, 0.0
        engine = engine_with(tmp_path, url, timeout_s=30)  # the model may hold its last word for minutes
        try:
            reply = engine.handle_stream(OPEN)
            assert reply.next_part() == "It's a lovely question."
            waiting = threading.Thread(target=reply.next_part)  # the speaker asks for the next sentence...
            waiting.start()
            for _ in range(200):  # ...which waits on the server, now holding its last word back
                if url.server.holding.is_set():
                    break
                threading.Event().wait(0.05)
            assert url.server.holding.is_set()
            closer = threading.Thread(target=reply.close)
            closer.start()
            closer.join(timeout=10)
            waiting.join(timeout=10)
            assert not closer.is_alive() and not waiting.is_alive() and not release.is_set()
            assert reply.text == "It's a lovely question." and not reply.streaming
            assert engine.handle("say that again").text == "It's a lovely question."
        finally:
            release.set()
            engine.close()
