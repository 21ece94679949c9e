"""`earpiece bench` reports the language model's latency when one is configured (by the settings
file or --llm), against the real loopback chat server streaming its answers; without a model there
is nothing of the model to report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from earpiece_tools.bench import main as bench_main
from llm_server import serve_llm

ANSWER = "Well, the sea covers most of the planet. Most of it has never been seen by anyone at all."


@pytest.fixture(autouse=True)
def no_user_settings(monkeypatch) -> None:
    monkeypatch.delenv("EARPIECE_CONFIG", raising=False)


def bench_json(capsys, *argv: str) -> dict:
    assert bench_main(["--json", "--no-latency", "--voices", "none", *argv]) == 0
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_model_latency_from_the_llm_flag(tmp_path: Path, capsys) -> None:
    with serve_llm(reply=ANSWER) as url:
        url.server.stream_interval_s = 0.02
        report = bench_json(capsys, "--llm", url, "--llm-model", "tiny", "--model-prompts", "3",
                            "--data-dir", str(tmp_path / "os"))
        streamed = [r for r in url.server.requests if r["stream"]]
        assert len(streamed) == 3 and {r["model"] for r in streamed} == {"tiny"}
    model = report["model"]
    assert model["base_url"] == url
    assert (model["prompts"], model["prompts_to_model"], model["turns_to_model"], model["failed"]) == (3, 3, 3, 0)
    for p in ("p50", "p95"):
        # The first sentence is whole after a few words; the answer ends a dozen words later.
        assert model["first_token_ms"][p] <= model["first_sentence_ms"][p] < model["total_ms"][p]
    assert model["answer_chars"]["p50"] >= len(ANSWER) - 2


def test_model_latency_from_the_settings_file(tmp_path: Path, capsys) -> None:
    with serve_llm(reply=ANSWER) as url:
        url.server.stream_interval_s = 0.0
        config = tmp_path / "earpiece.toml"
        config.write_text(f'[llm]\nbase_url = "{url}"\nmodel = "from-settings"\ntimeout_s = 5\n')
        report = bench_json(capsys, "--config", str(config), "--model-prompts", "1", "--data-dir", str(tmp_path / "os"))
        assert [r["model"] for r in url.server.requests] == ["from-settings"]
    assert report["model"]["prompts_to_model"] == 1 and report["model"]["first_sentence_ms"]["p50"] is not None


def test_a_model_that_is_down_is_counted_as_failed(tmp_path: Path, capsys) -> None:
    with serve_llm(mode="down") as url:
        report = bench_json(capsys, "--llm", url, "--model-prompts", "2", "--data-dir", str(tmp_path / "os"))
    model = report["model"]
    assert (model["prompts_to_model"], model["failed"]) == (2, 2)
    assert model["first_token_ms"] == {"p50": None, "p95": None}


def test_without_a_model_there_is_no_model_part(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        bench_main(["--json", "--no-latency", "--voices", "none", "--data-dir", str(tmp_path / "os")])
    assert exit_.value.code == 2
    assert "no language model is configured" in capsys.readouterr().err
