"""The OS's sentences as a recognition grammar: what a request the OS understands can sound like,
generated from the intent registry and the user's own names, for Vosk (its runtime grammar),
pocketsphinx (JSGF) and for snapping Whisper's transcript to the nearest known sentence.

Most turns are requests the registry knows: its template sentences ("(cancel|stop) [the] timer")
and its examples ("set a timer for 10 minutes"). Numbers are spoken as words, and the names in the
user's world (the persona's, contacts from mail, list names, timer names) take the place of the
examples' own names ("write a letter to Loretta" -> "write a letter to amy"). A grammar covers
only these; dictation and open requests fall back to open vocabulary (see biased.py), and what
decides between the two is a confidence threshold measured on the spoken benchmark.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

MAX_PER_TEMPLATE = 48
"""Expansions kept per template: "[sorry|excuse me|pardon] (say (that|it) again|...)" alone has
dozens; the first few dozen hold every word of it, which is what an n-gram or a snap needs."""

_NAME_SLOTS = {"recipient": "contacts", "sender": "contacts", "brief": "contacts", "list": "lists", "name": "names"}
"""Example slots whose value is a name, and which of the user's names stand in for it."""


@dataclass(frozen=True)
class UserNames:
    """Names in the user's world that recognition should expect."""

    persona: str = "Samantha"
    contacts: tuple[str, ...] = ()
    lists: tuple[str, ...] = ("shopping",)
    timers: tuple[str, ...] = ()

    def all(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for n in (self.persona, *self.contacts, *self.lists, *self.timers) if n))


def expand(template: str, limit: int = MAX_PER_TEMPLATE) -> list[str]:
    """The sentences a registry template stands for: "(a|b) [c] d" -> "a d", "a c d", "b d", "b c d"
    (at most `limit`, shortest choices first as written)."""
    tokens = re.findall(r"[()\[\]|]|[^()\[\]|\s]+", template)
    pos = 0

    def sequence() -> list[list[str]]:
        nonlocal pos
        out: list[list[str]] = [[]]
        while pos < len(tokens) and tokens[pos] not in ")]|":
            tok = tokens[pos]
            pos += 1
            if tok in "([":
                options = alternatives(")" if tok == "(" else "]")
                if tok == "[":
                    options = [[], *options]
            else:
                options = [[tok]]
            out = [a + b for a, b in itertools.islice(itertools.product(out, options), limit)]
        return out

    def alternatives(close: str) -> list[list[str]]:
        nonlocal pos
        options = sequence()
        while pos < len(tokens) and tokens[pos] == "|":
            pos += 1
            options += sequence()
        if pos >= len(tokens) or tokens[pos] != close:
            raise ValueError(f"template {template!r}: missing {close!r}")
        pos += 1
        return options

    options = sequence()
    while pos < len(tokens) and tokens[pos] == "|":
        pos += 1
        options += sequence()
    if pos != len(tokens):
        raise ValueError(f"template {template!r}: unexpected {tokens[pos]!r}")
    return list(dict.fromkeys(" ".join(o) for o in options if o))[:limit]


_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
        "sixteen seventeen eighteen nineteen".split()
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty"}


def number_words(n: int) -> str:
    """0..59 in words, as a recogniser's grammar must spell them; larger numbers digit by digit."""
    if n < 20:
        return _ONES[n]
    if n < 60:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f" {_ONES[ones]}" if ones else "")
    return " ".join(_ONES[int(d)] for d in str(n))


def spoken_form(text: str) -> str:
    """Lower case, no punctuation, digits and clock times in words: "Set it for 6:30!" -> "set it for six thirty"."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"(\d+):(\d\d)", lambda m: f"{m[1]} {m[2]}", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return " ".join(number_words(int(w)) if w.isdigit() else w for w in text.split())


def registry_sentences(names: UserNames = UserNames(), intents: Iterable | None = None) -> list[str]:
    """Every sentence the grammar allows, in the registry's order, without repeats."""
    from ..dialogue.intents import REGISTRY

    kinds = {"contacts": names.contacts, "lists": names.lists, "names": names.timers}
    out: list[str] = []
    for intent in (REGISTRY.values() if intents is None else intents):
        for template in intent.sentences:
            out += expand(template)
        for example, slots in intent.examples:
            said = spoken_form(example)
            out.append(said)
            for slot, value in slots.items():
                kind = _NAME_SLOTS.get(slot)
                if kind is None or not isinstance(value, str) or f" {spoken_form(value)} " not in f" {said} ":
                    continue
                for name in kinds[kind]:
                    out.append(f" {said} ".replace(f" {spoken_form(value)} ", f" {spoken_form(name)} ").strip())
    if names.persona:
        persona = spoken_form(names.persona)
        out += [persona, f"hey {persona}"]
    return list(dict.fromkeys(s for s in out if s))


def arpa_bigram(sentences: Iterable[str], known: Callable[[str], bool] = lambda word: True,
                discount: float = 0.5) -> str:
    """A bigram language model of the sentences in ARPA form, for pocketsphinx: absolute
    discounting, backing off to unigrams. A JSGF of the same thousand sentences made pocketsphinx
    decode slower than real time; an n-gram search stays fast, and leans to the OS's sentences
    while letting their words combine. Sentences with a word the dictionary lacks are left out."""
    import math
    from collections import Counter, defaultdict

    kept = [s.split() for s in sentences if re.fullmatch(r"[a-z' ]+", s) and all(known(w) for w in s.split())]
    if not kept:
        raise ValueError("no sentence of the grammar has only words the dictionary knows")
    unigrams: Counter = Counter()
    bigrams: Counter = Counter()
    for words in kept:
        padded = ["<s>", *words, "</s>"]
        unigrams.update(padded[1:])
        bigrams.update(zip(padded, padded[1:]))
    total = sum(unigrams.values())
    p_uni = {w: c / total for w, c in unigrams.items()}
    following: dict[str, list[str]] = defaultdict(list)
    for (v, w) in bigrams:
        following[v].append(w)
    history = Counter()
    for (v, _), c in bigrams.items():
        history[v] += c
    lines_uni = [f"-99.0000 <s> {_bow(discount, following['<s>'], history['<s>'], p_uni):.4f}"]
    for w in sorted(unigrams):
        bow = _bow(discount, following[w], history[w], p_uni) if w in following else None
        lines_uni.append(f"{math.log10(p_uni[w]):.4f} {w}" + (f" {bow:.4f}" if bow is not None else ""))
    lines_bi = []
    for (v, w), c in sorted(bigrams.items()):
        lines_bi.append(f"{math.log10((c - discount) / history[v] + _alpha(discount, following[v], history[v]) * p_uni[w]):.4f} {v} {w}")
    return "\n".join(["\\data\\", f"ngram 1={len(lines_uni)}", f"ngram 2={len(lines_bi)}", "", "\\1-grams:",
                      *lines_uni, "", "\\2-grams:", *lines_bi, "", "\\end\\", ""])


def _alpha(discount: float, seen: list[str], count: int) -> float:
    return discount * len(seen) / count


def _bow(discount: float, seen: list[str], count: int, p_uni: dict[str, float]) -> float:
    """log10 back-off weight: the discounted mass spread over the unigrams of unseen successors
    (interpolated, so the bigram entries already hold their unigram share)."""
    import math

    return math.log10(max(_alpha(discount, seen, count), 1e-9))


def vosk_grammar(sentences: Sequence[str], known_words: set[str] | None = None) -> str:
    """Vosk's runtime grammar: a JSON list of phrases plus "[unk]" (anything else). Phrases with a
    word the model does not know are left out (Vosk would drop the word and warn)."""
    kept = [s for s in sentences if known_words is None or all(w in known_words for w in s.split())]
    return json.dumps([*kept, "[unk]"], ensure_ascii=False)


# --- snapping a transcript to the grammar ---------------------------------------------------------

_NUMBER_WORD = set(_ONES) | set(_TENS.values()) | {"hundred", "thousand", "half", "quarter"}


_CONTRACTIONS = {"what's": "what is", "it's": "it is", "how's": "how is", "i'm": "i am", "that's": "that is",
                 "who's": "who is", "where's": "where is", "don't": "do not", "i'd": "i would", "i'll": "i will",
                 "let's": "let us", "there's": "there is", "when's": "when is", "what're": "what are"}


def _shape(words: Sequence[str]) -> list[str]:
    """Words with contractions spelt out and each run of number words as one "#" (any number fits
    any number)."""
    out: list[str] = []
    for w in (part for word in words for part in _CONTRACTIONS.get(word, word).split()):
        if w in _NUMBER_WORD or w.isdigit():
            if not out or out[-1] != "#":
                out.append("#")
        else:
            out.append(w)
    return out


def _numbers(words: Sequence[str]) -> list[list[str]]:
    runs: list[list[str]] = []
    previous = False
    for w in (part for word in words for part in _CONTRACTIONS.get(word, word).split()):
        number = w in _NUMBER_WORD or w.isdigit()
        if number:
            if previous:
                runs[-1].append(w)
            else:
                runs.append([w])
        previous = number
    return runs


def _letter_pairs(text: str) -> set[str]:
    padded = f" {text} "
    return {padded[i:i + 2] for i in range(len(padded) - 1)}


def _char_distance(a: str, b: str) -> int:
    """Levenshtein over characters: "matter" is near "battery", "sharpening" near "shopping"."""
    if len(a) < len(b):
        a, b = b, a
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[len(b)]


@dataclass(frozen=True)
class Snap:
    """The grammar sentence nearest a transcript, and how near (0: the same; 1: nothing alike)."""

    sentence: str
    distance: float


class Snapper:
    """Finds the grammar sentence nearest to a transcript, numbers kept as heard.

    The distance is the character edit distance between the two (number runs as one symbol),
    divided by the longer one's length: recognisers slip on sounds, so a near miss in letters
    ("how is my matter e") is a near miss in sound more often than a word-level distance says.
    """

    SHORTLIST = 40
    """Sentences sharing the most letter pairs with the transcript get the (slow) edit distance."""

    def __init__(self, sentences: Iterable[str]) -> None:
        self._shapes: dict[str, str] = {}
        for sentence in sentences:
            self._shapes.setdefault(" ".join(_shape(sentence.split())), sentence)
        self._pairs = {shape: _letter_pairs(shape) for shape in self._shapes}
        # Each pause and the n-best ask again about the same readings.
        self.nearest = functools.lru_cache(maxsize=1024)(self._nearest)  # type: ignore[method-assign]

    def nearest(self, text: str) -> Snap | None:
        """The grammar sentence nearest to `text` (its numbers put in), or None (no words, or the
        nearest has another count of numbers)."""
        return self._nearest(text)

    def _nearest(self, text: str) -> Snap | None:
        words = spoken_form(text).split()
        if not words:
            return None
        shape = " ".join(_shape(words))
        pairs = _letter_pairs(shape)
        shortlist = sorted(self._pairs, key=lambda c: -len(pairs & self._pairs[c]) / len(pairs | self._pairs[c]))
        best, best_d = None, None
        for candidate in sorted(shortlist[:self.SHORTLIST], key=lambda c: abs(len(c) - len(shape))):
            if best_d is not None and abs(len(candidate) - len(shape)) >= best_d:
                break  # cannot beat the best so far
            d = _char_distance(shape, candidate)
            if best_d is None or d < best_d:
                best, best_d = candidate, d
                if d == 0:
                    break
        if best is None:
            return None
        return self._filled(words, self._shapes[best], best_d / max(len(shape), len(best)))

    @staticmethod
    def _filled(words: Sequence[str], sentence: str, distance: float) -> Snap | None:
        """`sentence` with the heard numbers put in the places of its own; None when it has
        another count of numbers."""
        heard_numbers, template_numbers = _numbers(words), _numbers(sentence.split())
        if len(heard_numbers) != len(template_numbers):
            return None
        out, runs = [], iter(heard_numbers)
        for w in _shape(sentence.split()):
            out.extend(next(runs) if w == "#" else [w])
        return Snap(" ".join(out), distance)

    def snap(self, text: str, max_distance: float) -> str:
        """The nearest grammar sentence when it is within `max_distance`, else `text` unchanged."""
        found = self.nearest(text)
        return found.sentence if found is not None and found.distance <= max_distance else text
