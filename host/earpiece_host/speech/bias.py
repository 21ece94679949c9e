"""Recognition biased to what the OS understands: a few of the sentences it knows, chosen to hold
most of its words, for Whisper to condition its decoding on (choose.py adds the user's names).

Most turns are requests the OS knows, so the recogniser should expect their words ("shopping list",
"battery", "remind") rather than whatever sounds alike. Whisper takes them as a "previous text"
prompt: open vocabulary still, only leaning towards these words (on espeak-ng voices it lifted
requests understood from 48 to 58 of 88). The sentences are `PROMPT_SENTENCES`, chosen once from
`os_sentences()` by `covering_sentences` and kept as measured.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

# Words too common to carry a hint; Whisper gets them right on its own.
_STOP_WORDS = frozenset(
    "a an the and or but to of in on at for with from by is are was be it its it's this that these "
    "those my me i you your we our us he she they them his her what what's when where who how why "
    "do does did can could would will should please about up down out off so if then than there "
    "here just some any all one more no not yes okay ok um uh hey hi".split())

PROMPT_SENTENCES = ("set timer 5 minutes", "read my shopping list", "next email", "time check", "remind me to call mum",
                    "cancel", "I'm back", "no alarm tomorrow", "add tomatoes", "have I got mail", "forget Amy's birthday",
                    "write a letter to Catherine", "make a note: buy stamps before Friday", "delete all reminders",
                    "what's today", "stop")
"""The sentences of Whisper's prompt, as measured (README, "Recognition biased to the OS"):
`covering_sentences(os_sentences(), PROMPT_WORDS)` over the phrasing benchmark as it was then.
Kept fixed, because the benchmark growing changes the word weights and so what Whisper hears: with
the memory and calendar phrasings added, the recomputed prompt understood 145 of the tuning voices'
192 clean requests (37 wrong) against 150 (34 wrong) with these, the OS's rules the same.
To change it, recompute and measure with `python -m earpiece_tools.bias_sweep`."""

PROMPT_WORDS = 50
"""Words of OS sentences in Whisper's prompt, after the user's names. Tuning voices, clean, 192
requests, each clip decoded once, n-best chosen as `earpiece serve` does: 150 understood with 50
words, 148 with 30 or 80, 146 with 80 cut to 100 tokens as before (see README)."""

MAX_PROMPT_WORDS = 80
"""Whisper reads at most 223 prompt tokens; 80 words keep well inside that (40 helped less)."""


def os_sentences(phrasings_dir: Path | None = None) -> list[str]:
    """Sentences the OS understands. Today: the phrasing benchmark's written requests (the OS's
    rules were built on them); the OS's intent registry replaces this when it exists."""
    from ..dialogue.benchmark import find_phrasings_dir

    folder = phrasings_dir or find_phrasings_dir()
    if folder is None:
        return []
    sentences = []
    for path in sorted(folder.glob("*.jsonl")):
        if path.name.startswith("heldout"):
            continue  # the held-out set stays unseen by anything tuned on the others
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("//"):
                sentences.append(str(json.loads(line).get("text", "")))
    return sentences


def covering_sentences(sentences: Iterable[str], max_words: int = MAX_PROMPT_WORDS) -> list[str]:
    """A few of the sentences that between them hold the most of the OS's frequent words: Whisper
    follows a prompt of natural sentences better than a list of words."""
    pool = list(dict.fromkeys(" ".join(s.split()) for s in sentences if s.strip()))
    weights = Counter(w for s in pool for w in _content_words(s))
    chosen: list[str] = []
    covered: set[str] = set()
    used = 0
    while pool:
        def gain(sentence: str) -> float:
            new = set(_content_words(sentence)) - covered
            return sum(weights[w] for w in new) / len(sentence.split())
        best = max(pool, key=lambda s: (gain(s), s))
        if gain(best) <= 0 or used + len(best.split()) > max_words:
            break
        pool.remove(best)
        chosen.append(best)
        covered |= set(_content_words(best))
        used += len(best.split())
    return chosen


def _content_words(sentence: str) -> list[str]:
    return [w for w in re.findall(r"[a-z][a-z']+", sentence.lower()) if w not in _STOP_WORDS and len(w) > 2]
