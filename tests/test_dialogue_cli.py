"""The text entry points as a user runs them: `ask` (one utterance or many from stdin, plain or
JSON), `chat` over a pipe, and `phrases` scoring the phrasing benchmark."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str, stdin: str = "", timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The command line, run as a user runs it (`timeout` only stops a hang: figures belong in benchmarks)."""
    return subprocess.run([sys.executable, "-m", "earpiece_host.dialogue.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT)


def test_ask_json_reads_stdin_in_one_conversation(tmp_path: Path) -> None:
    lines = "set a timer for ten minutes\ncancel it\nremember that Amy's birthday is June 3rd\nwhen is Amy's birthday\n"
    done = cli("ask", "--json", "--no-briefing", "--data-dir", str(tmp_path), stdin=lines)
    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [a["intent"] for a in answers] == ["timer.set", "timer.cancel", "memory.remember", "memory.recall"]
    assert answers[0]["slots"] == {"duration_s": 600}
    assert set(answers[0]) == {"intent", "slots", "reply"}
    assert "june 3rd" in answers[3]["reply"].lower()


def test_ask_json_contract_for_the_new_intents_in_one_conversation(tmp_path: Path) -> None:
    lines = ("set a timer for 5 minutes\nno, make that 7\nput eggs, milk and a baguette on the shopping list would ya\n"
             "take milk off the list\nset an alarm for 6:30 tomorrow\nwhat's 12 times 7\nbye for now\n")
    done = cli("ask", "--json", "--no-briefing", "--data-dir", str(tmp_path), stdin=lines)
    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert all(set(a) == {"intent", "slots", "reply"} for a in answers)
    assert [(a["intent"], a["slots"]) for a in answers[1:6]] == [
        ("timer.modify", {"duration_s": 420}),
        ("list.add", {"items": ["eggs", "milk", "a baguette"], "list": "shopping"}),
        ("list.remove", {"item": "milk", "list": "shopping"}),
        ("alarm.set", {"time": "06:30", "date": answers[4]["slots"]["date"]}),
        ("calc", {"expression": "12 * 7"}),
    ]
    assert answers[6]["intent"] == "conversation.end"


def test_ask_one_utterance_plain_and_state_kept_between_runs(tmp_path: Path) -> None:
    first = cli("ask", "--no-briefing", "--data-dir", str(tmp_path), "add", "oat milk", "to the shopping list")
    assert first.returncode == 0 and "oat milk" in first.stdout.lower()
    second = cli("ask", "--no-briefing", "--data-dir", str(tmp_path), "what's on my shopping list")
    assert second.stdout.strip() == "On your shopping list: oat milk."


def test_chat_over_a_pipe(tmp_path: Path) -> None:
    done = cli("chat", "--seed", "1", "--no-briefing", "--data-dir", str(tmp_path), stdin="what's your name\nquit\n")
    assert done.returncode == 0, done.stderr
    assert "Samantha:" in done.stdout and "Samantha." in done.stdout


def test_a_data_dir_that_cannot_be_created_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = cli("ask", "--data-dir", str(blocker / "sub"), "hello")
    assert done.returncode == 2
    assert "cannot open the OS database" in done.stderr and "--data-dir" in done.stderr


def test_phrases_reports_the_benchmark_and_the_held_out_set(tmp_path: Path) -> None:
    done = cli("phrases", "--json", timeout=900)  # every phrasing file: a minute or more on a busy two-core machine
    assert done.returncode == 0, done.stderr
    scores = json.loads(done.stdout)
    bench, held = scores["benchmark"], scores["heldout"]
    assert bench["utterances"] >= 300 and held["utterances"] >= 40
    assert bench["intent_accuracy"] >= 0.95 and bench["slot_accuracy"] >= 0.90
    contract = {"time.now", "timer.set", "reminder.set", "letter.proofread", "persona.rename", "device.volume", "fallback"}
    assert contract <= set(bench["per_intent"])
    for name in ("conversations", "conversations_heldout"):
        assert scores[name]["conversations"] >= 14 and 0 <= scores[name]["turn_accuracy"] <= 1
    assert scores["conversations"]["conversations"] + scores["conversations_heldout"]["conversations"] >= 40
    (tmp_path / "conversations").mkdir()
    (tmp_path / "few.jsonl").write_text('{"text": "set a timer for ten minutes", "intent": "timer.set", "slots": {"duration_s": 600}}\n')
    (tmp_path / "conversations" / "few.jsonl").write_text(
        '{"id": "c1", "turns": [{"text": "set a timer for five minutes", "intent": "timer.set", "slots": {"duration_s": 300}}, '
        '{"text": "cancel it", "intent": "timer.cancel", "slots": {}}]}\n')
    text = cli("phrases", "--path", str(tmp_path)).stdout  # the same report as text, on a folder of a few lines
    assert "intent accuracy" in text and "timer.set" in text and "whole-conversation accuracy" in text


def test_phrases_refuses_labels_the_registry_does_not_declare(tmp_path: Path) -> None:
    (tmp_path / "mine.jsonl").write_text('{"text": "set a timer", "intent": "timer.set", "slots": {"minutes": 5}}\n')
    done = cli("phrases", "--path", str(tmp_path))
    assert done.returncode == 2
    assert "mine.jsonl:1: timer.set has no slot 'minutes'; it declares duration_s, name" in done.stderr
    (tmp_path / "mine.jsonl").write_text('{"text": "fly me to the moon", "intent": "rocket.launch"}\n')
    assert "'rocket.launch' is not an intent in the registry" in cli("phrases", "--path", str(tmp_path)).stderr


def test_phrases_scores_the_words_of_the_last_reply(tmp_path: Path) -> None:
    (tmp_path / "mine.jsonl").write_text('{"text": "what time is it", "intent": "time.now"}\n')
    (tmp_path / "answers").mkdir()
    (tmp_path / "answers" / "heldout_mine.jsonl").write_text(
        '{"id": "right", "turns": ["my dog is called Biscuit", "what is my dog called"], "expect": ["biscuit"]}\n'
        '{"id": "wrong", "turns": ["my dog is called Biscuit", "what is my dog called"], "expect": ["rex"], "forbid": ["biscuit"]}\n'
        '{"id": "either", "turns": ["where does my uncle live"], "expect": [["no idea", "told me", "know"]]}\n')
    done = cli("phrases", "--json", "--misses", "--path", str(tmp_path))
    assert done.returncode == 0, done.stderr
    held = json.loads(done.stdout)["answers_heldout"]
    assert (held["conversations"], held["accuracy"]) == (3, round(2 / 3, 4))
    assert [(m["conversation"], m["missing"], m["forbidden"]) for m in held["misses"]] == [("wrong", ["rex"], ["biscuit"])]
    (tmp_path / "answers" / "heldout_mine.jsonl").write_text('{"id": "no-expect", "turns": ["hello"]}\n')
    refused = cli("phrases", "--path", str(tmp_path))
    assert refused.returncode == 2 and 'needs "turns" (utterances) and "expect"' in refused.stderr
