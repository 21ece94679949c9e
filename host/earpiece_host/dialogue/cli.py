"""Text entry points to the OS: `earpiece chat`, `earpiece ask` and `earpiece phrases`.

Argument parsing happens here only; everything else is the engine. Run directly as
`python -m earpiece_host.dialogue.cli chat|ask|phrases ...` too.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import sys
import time
from pathlib import Path

from .benchmark import (BenchmarkError, find_phrasings_dir, run_answers_folder, run_compound_folder, run_conversation_folder,
                        run_folder)
from .config import default_data_dir
from .engine import open_engine
from .intents import INTENTS
from .store import StoreError
from .types import DeviceContext
from ..settings import SettingsError


def _data_dir_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="folder for the OS database and letters (default: $EARPIECE_DATA_DIR or ~/.local/share/earpiece)")
    parser.add_argument("--config", type=Path, default=None, metavar="FILE",
                        help="the settings file (default: $EARPIECE_CONFIG, else earpiece.toml in the data folder)")
    parser.add_argument("--seed", type=int, default=None, help="fix the choice among varied replies")
    parser.add_argument("--no-briefing", action="store_true", help="skip the first-conversation-of-the-day briefing")


def _open(args: argparse.Namespace):
    """The engine from the settings file, with the command-line flags on top."""
    from ..settings import load_settings

    settings = load_settings(args.config, data_dir=args.data_dir)
    options = settings.dialogue_options()
    if args.no_briefing:
        options["morning_briefing"] = False
    return open_engine(args.data_dir or default_data_dir(), seed=args.seed, **options)


def chat_main(argv: list[str]) -> int:
    """An interactive console conversation with the same engine the earpiece uses."""
    parser = argparse.ArgumentParser(prog="earpiece chat", description="Talk to the OS by typing.")
    _data_dir_arg(parser)
    args = parser.parse_args(argv)
    try:
        engine = _open(args)
    except (StoreError, SettingsError) as exc:
        print(f"earpiece chat: {exc}", file=sys.stderr)
        return 2
    name = engine.persona_name
    print(f"{name} is listening. Type what you'd say; Ctrl-D or \"quit\" to leave.")
    prompt = "you: "
    lines = StdinLines(sys.stdin.fileno())
    try:
        _say(prompt, end="")
        while True:
            # Announcements are printed as they fall due, while the user is typing or idle, and marked
            # delivered only once printed (like the voice loop, which marks them once played).
            for a in engine.due_announcements():
                _say(f"\n{engine.persona_name}: (chime) {a.text}\n{prompt}", end="")
                engine.mark_delivered(a.id)
            try:
                line = lines.next(timeout_s=ANNOUNCE_INTERVAL_S)
            except KeyboardInterrupt:
                print()
                break
            if line is None:
                continue  # nothing typed yet: look for announcements again
            if line is EOF:
                print()
                break
            if line.strip().lower() in ("quit", "exit", ":q"):
                break
            if line.strip():
                # No device: what is set here may be spoken on any earpiece. A model's answer is
                # printed a sentence at a time, as it is written.
                reply = engine.handle_stream(line, DeviceContext())
                for i, part in enumerate(reply.parts()):
                    _say(f"{engine.persona_name}: {part}" if i == 0 else f" {part}", end="")
                if reply.text:
                    _say("")
                for action in reply.actions:
                    _say(f"  [{action}]")
            _say(prompt, end="")
    except StoreError as exc:  # the database went bad under us: one line, not a traceback
        print(f"earpiece chat: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.close()
    return 0


ANNOUNCE_INTERVAL_S = 1.0  # how often `chat` looks for due timers and reminders, as the voice loop does
EOF = object()


def _say(text: str, end: str = "\n") -> None:
    sys.stdout.write(text + end)
    sys.stdout.flush()


class StdinLines:
    """Lines typed on standard input, waited for with a timeout so the caller can do other work between.

    Read with select() and os.read() straight from the file descriptor: Python's buffered stdin could
    hold a second line that select() would then not report.
    """

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._pending = b""
        self._eof = False

    def next(self, timeout_s: float):
        """The next line without its newline, None when none came within timeout_s, or EOF."""
        deadline = time.monotonic() + timeout_s
        while b"\n" not in self._pending and not self._eof:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self._fd], [], [], left)
            if not ready:
                return None
            chunk = os.read(self._fd, 4096)
            if chunk:
                self._pending += chunk
            else:
                self._eof = True
        if b"\n" in self._pending:
            line, _, self._pending = self._pending.partition(b"\n")
            return line.decode("utf-8", errors="replace").rstrip("\r")
        if self._pending:  # the last line had no newline
            line, self._pending = self._pending, b""
            return line.decode("utf-8", errors="replace")
        return EOF


def ask_main(argv: list[str]) -> int:
    """Answer one utterance, or one per line of standard input, in one conversation."""
    parser = argparse.ArgumentParser(prog="earpiece ask", description="Ask the OS something and print the answer.")
    parser.add_argument("text", nargs="*", help="what to say (omit to read one utterance per line from stdin)")
    parser.add_argument("--json", action="store_true", help='print {"intent", "slots", "reply"} per utterance')
    _data_dir_arg(parser)
    args = parser.parse_args(argv)
    try:
        engine = _open(args)
    except (StoreError, SettingsError) as exc:
        print(f"earpiece ask: {exc}", file=sys.stderr)
        return 2
    utterances = [" ".join(args.text)] if args.text else (line.rstrip("\n") for line in sys.stdin)
    try:
        for text in utterances:
            if not text.strip():
                continue
            reply = engine.handle(text)
            if args.json:
                out = {"intent": reply.intent, "slots": reply.slots, "reply": reply.text}
                if reply.also:  # two requests in one sentence: the second one's reading
                    out["also"] = [{"intent": r.intent, "slots": r.slots} for r in reply.also]
                print(json.dumps(out, ensure_ascii=False))
            else:
                print(reply.text)
            sys.stdout.flush()
    except StoreError as exc:  # the database went bad under us: one line, not a traceback
        print(f"earpiece ask: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.close()
    return 0


def phrases_main(argv: list[str]) -> int:
    """Run the phrasing benchmark and print intent and slot accuracy per intent and overall."""
    parser = argparse.ArgumentParser(prog="earpiece phrases", description="Score the OS's understanding on the phrasing benchmark.")
    parser.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    parser.add_argument("--path", type=Path, default=None, help="folder of phrasing .jsonl files (default: tests/phrasings)")
    parser.add_argument("--misses", action="store_true", help="list the utterances that were not understood")
    parser.add_argument("--data-dir", type=Path, default=None, help="accepted for symmetry; the benchmark needs no data")
    args = parser.parse_args(argv)
    folder = args.path or find_phrasings_dir()
    if folder is None:
        print("earpiece phrases: no tests/phrasings folder found; run from the source tree or pass --path", file=sys.stderr)
        return 2
    try:
        results = run_folder(folder)
        conversations = run_conversation_folder(folder)
        compound = run_compound_folder(folder)
        answers = run_answers_folder(folder)
    except BenchmarkError as exc:
        print(f"earpiece phrases: {exc}", file=sys.stderr)
        return 2
    seen = {i for r in results for i in r.per_intent} | {t["intent"] for c in conversations for t in c.expected_turns}
    uncovered = sorted(set(INTENTS) - seen - {"fallback"})
    if args.json:
        out = {r.name: r.as_dict() for r in results + conversations + compound + answers}
        out["intents_without_examples"] = uncovered
        if not args.misses:
            for v in out.values():
                if isinstance(v, dict):
                    v.pop("misses")
        print(json.dumps(out, indent=2))
        return 0
    for r in results:
        print(f"{r.name}: {r.total} utterances, intent accuracy {r.intent_accuracy:.1%}, slot accuracy {r.slot_accuracy:.1%}")
        for intent, s in sorted(r.per_intent.items()):
            print(f"  {intent:22} n={s.total:3}  intent {s.intent_ok / s.total:6.1%}  slots {s.slots_ok / s.total:6.1%}")
        if args.misses:
            for m in r.misses:
                print(f"  MISS {m['text']!r}: expected {m['expected']}, got {m['got']}")
    if uncovered:
        print(f"registry intents without a benchmark utterance: {', '.join(uncovered)}")
    for c in conversations:
        print(f"{c.name}: {c.conversations} conversations, {c.turns} turns, turn accuracy {c.turn_accuracy:.1%}, "
              f"whole-conversation accuracy {c.conversation_accuracy:.1%}")
        if args.misses:
            for m in c.misses:
                print(f"  MISS {m['conversation']} turn {m['turn']} {m['text']!r}: expected {m['expected']}, got {m['got']}")
    for c in compound:
        print(f"{c.name}: {c.sentences} sentences (two requests, or an 'and' that must not split), "
              f"split right {c.split_ok / max(1, c.sentences):.1%}, every request read right {c.requests_ok / max(1, c.sentences):.1%}")
        if args.misses:
            for m in c.misses:
                print(f"  MISS {m['text']!r}: expected {m['expected']}, got {m['got']}")
    for a in answers:
        print(f"{a.name}: {a.conversations} conversations, last reply right {a.right / max(1, a.conversations):.1%}")
        if args.misses:
            for m in a.misses:
                print(f"  MISS {m['conversation']} {m['last']!r}: said {m['reply']!r}, missing {m['missing']}, "
                      f"forbidden {m['forbidden']}")
    return 0


_COMMANDS = {"chat": chat_main, "ask": ask_main, "phrases": phrases_main}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in _COMMANDS:
        print(f"usage: python -m earpiece_host.dialogue.cli {{{'|'.join(_COMMANDS)}}} ...", file=sys.stderr)
        return 2
    return _COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main())
