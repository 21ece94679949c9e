"""Text entry points to the OS: `earpiece chat`, `earpiece ask` and `earpiece phrases`.

Argument parsing happens here only; everything else is the engine. Run directly as
`python -m earpiece_host.dialogue.cli chat|ask|phrases ...` too.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .benchmark import BenchmarkError, find_phrasings_dir, run_conversation_folder, run_folder
from .config import default_data_dir
from .engine import open_engine
from .intents import INTENTS
from .store import StoreError
from .types import DeviceContext


def _data_dir_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="folder for the OS database and letters (default: $EARPIECE_DATA_DIR or ~/.local/share/earpiece)")
    parser.add_argument("--seed", type=int, default=None, help="fix the choice among varied replies")
    parser.add_argument("--no-briefing", action="store_true", help="skip the first-conversation-of-the-day briefing")


def _open(args: argparse.Namespace):
    return open_engine(args.data_dir or default_data_dir(), seed=args.seed, morning_briefing=not args.no_briefing)


def chat_main(argv: list[str]) -> int:
    """An interactive console conversation with the same engine the earpiece uses."""
    parser = argparse.ArgumentParser(prog="earpiece chat", description="Talk to the OS by typing.")
    _data_dir_arg(parser)
    args = parser.parse_args(argv)
    try:
        engine = _open(args)
    except StoreError as exc:
        print(f"earpiece chat: {exc}", file=sys.stderr)
        return 2
    name = engine.persona_name
    print(f"{name} is listening. Type what you'd say; Ctrl-D or \"quit\" to leave.")
    try:
        while True:
            for a in engine.due_announcements():
                print(f"{engine.persona_name}: (chime) {a.text}")
                engine.mark_delivered(a.id)
            try:
                line = input("you: ")
            except (EOFError, KeyboardInterrupt):
                print()
                break
            if line.strip().lower() in ("quit", "exit", ":q"):
                break
            if not line.strip():
                continue
            reply = engine.handle(line, DeviceContext())  # no device: what is set here may be spoken on any earpiece
            if reply.text:
                print(f"{engine.persona_name}: {reply.text}")
            for action in reply.actions:
                print(f"  [{action}]")
    except StoreError as exc:  # the database went bad under us: one line, not a traceback
        print(f"earpiece chat: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.close()
    return 0


def ask_main(argv: list[str]) -> int:
    """Answer one utterance, or one per line of standard input, in one conversation."""
    parser = argparse.ArgumentParser(prog="earpiece ask", description="Ask the OS something and print the answer.")
    parser.add_argument("text", nargs="*", help="what to say (omit to read one utterance per line from stdin)")
    parser.add_argument("--json", action="store_true", help='print {"intent", "slots", "reply"} per utterance')
    _data_dir_arg(parser)
    args = parser.parse_args(argv)
    try:
        engine = _open(args)
    except StoreError as exc:
        print(f"earpiece ask: {exc}", file=sys.stderr)
        return 2
    utterances = [" ".join(args.text)] if args.text else (line.rstrip("\n") for line in sys.stdin)
    try:
        for text in utterances:
            if not text.strip():
                continue
            reply = engine.handle(text)
            if args.json:
                print(json.dumps({"intent": reply.intent, "slots": reply.slots, "reply": reply.text}, ensure_ascii=False))
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
    except BenchmarkError as exc:
        print(f"earpiece phrases: {exc}", file=sys.stderr)
        return 2
    seen = {i for r in results for i in r.per_intent} | {t["intent"] for c in conversations for t in c.expected_turns}
    uncovered = sorted(set(INTENTS) - seen - {"fallback"})
    if args.json:
        out = {r.name: r.as_dict() for r in results + conversations}
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
