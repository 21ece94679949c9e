"""Proofreading of a dictated letter: spelling (a real dictionary), homophone and grammar slips,
doubled words, missing capitals and end punctuation, each with the words to use instead.

Pure apart from the dictionary, which is loaded once on first use (pyspellchecker's English word
frequency list, shipped in its wheel). Names the user uses are never spelling mistakes.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_ALLOWED_REPEATS = {"had", "that", "very", "bye", "ha", "no", "so", "knock", "really"}

# Slips a spelling dictionary cannot see: (pattern, replacement, what kind). Replacements use the
# pattern's groups; the first letter's case is kept.
_SLIPS: tuple[tuple[str, str, str], ...] = (
    (r"\b(could|would|should|must|might) of\b", r"\1 have", "grammar"),
    (r"\btheir (the|a|an|going|not|very|so|too|always|never|coming|here|all|both|my|our|right|late|welcome|sure|lovely|happy)\b",
     r"they're \1", "homophone"),
    (r"\bthere (car|house|home|kids|children|friends|own|parents|mother|father|daughter|son|wedding|garden|dog|cat)\b",
     r"their \1", "homophone"),
    (r"\byour (welcome|the best|right|a|an|going|not|so|too|very|always|never|coming|invited|lovely|kind|sure|keeping well|feeling better|"
     r"well(?=\s*(?:[.,!?]|$)))\b",
     r"you're \1", "homophone"),
    (r"\bits (a|an|the|been|not|going|so|very|too|time|raining|late|true|fine|lovely|nice|great|good|wonderful|hard|easy|been)\b",
     r"it's \1", "homophone"),
    (r"\b(better|more|less|rather|other|bigger|smaller|older|younger|sooner|later|longer|faster) then\b", r"\1 than", "grammar"),
    (r"\bto (much|many|late|early|soon|long|far)\b", r"too \1", "homophone"),
    (r"\balot\b", "a lot", "spelling"),
    (r"\b(here|there|that|what|who|where|let)s\b", r"\1's", "apostrophe"),
    (r"\b(do|does|did|is|was|were|are|could|would|should|have|has|had|must|need)nt\b", r"\1n't", "apostrophe"),
    (r"\b(can)t\b", r"\1't", "apostrophe"),
    (r"\bdont\b", "don't", "apostrophe"), (r"\bwont\b(?= (?:be|go|have|come|do|make|say|let|take|know|see))", "won't", "apostrophe"),
    (r"\bim\b", "I'm", "apostrophe"), (r"\bive\b", "I've", "apostrophe"), (r"\b(you|they|we)re\b", r"\1're", "apostrophe"),
    (r"\b(you|they|we)ve\b", r"\1've", "apostrophe"), (r"\bid\b(?= (?:love|like|be|have|rather))", "I'd", "apostrophe"),
)
_SLIPS_COMPILED = tuple((re.compile(p, re.IGNORECASE), r, k) for p, r, k in _SLIPS)


@dataclass(frozen=True)
class Finding:
    """One problem in one sentence: what it is, the words as written, and the words to use instead.

    `paragraph` and `sentence` locate it; `old` is the exact text to replace with `new`.
    """

    kind: str  # spelling | homophone | grammar | apostrophe | repeated_word | capital | end_punctuation
    old: str
    new: str
    paragraph: int = 0
    sentence: int = 0

    def spoken(self) -> str:
        if self.kind == "spelling":
            return f"\"{self.old}\" looks misspelt; I'd write \"{self.new}\"."
        if self.kind == "repeated_word":
            return f"\"{self.old}\" has a word twice; I'd say \"{self.new}\"."
        if self.kind == "capital":
            return f"\"{self.old}\" should start with a capital: \"{self.new}\"."
        if self.kind == "end_punctuation":
            return f"The sentence ending \"{self.old}\" needs a full stop: \"{self.new}\"."
        return f"\"{self.old}\" should be \"{self.new}\"."

    def as_dict(self) -> dict:
        return {"kind": self.kind, "old": self.old, "new": self.new, "paragraph": self.paragraph, "sentence": self.sentence}

    @classmethod
    def from_dict(cls, d: dict) -> "Finding":
        return cls(str(d["kind"]), str(d["old"]), str(d["new"]), int(d["paragraph"]), int(d["sentence"]))


# Feasts, fasts and prayers that letters name and the English word list lacks ("before the Eid season"
# is not "before the did season"); said in lower case by the recogniser, so no capital marks them as names.
_OBSERVANCES = ("eid", "iftar", "suhoor", "jummah", "jumma", "umrah", "diwali", "holi", "navratri", "onam", "pongal", "lohri", "puja",
                "pooja", "diyas", "vesak", "nowruz", "matariki", "kwanzaa", "hanukkah", "chanukah", "sukkot", "purim", "mela")


@functools.lru_cache(maxsize=1)
def _dictionary():
    from spellchecker import SpellChecker  # imported on first proofreading: loading the word list takes a moment
    spell = SpellChecker(language="en", distance=1)  # one slip a word: a name the list lacks ("karthik") is not two edits from a word
    spell.word_frequency.load_words(_OBSERVANCES)
    return spell


def _keep_case(template: str, replacement: str) -> str:
    if template[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _spelling(sentence: str, names: set[str], covered: list[tuple[int, int]]) -> list[tuple[str, str]]:
    spell = _dictionary()
    out = []
    for m in re.finditer(r"[A-Za-z]+(?:'[A-Za-z]+)?", sentence):
        word = m.group(0)
        if any(a <= m.start() < b for a, b in covered) or len(word) < 3 or "'" in word:
            continue
        if word.lower() in names or (word[0].isupper() and m.start() > 0):
            continue  # a name the user uses, or a capitalised word mid-sentence: a name we don't know
        if not spell.unknown([word.lower()]):
            continue
        guess = spell.correction(word.lower())
        if guess and guess != word.lower():
            out.append((word, _keep_case(word, guess)))
    return out


def sentence_findings(sentence: str, names: set[str] = frozenset(), paragraph: int = 0, index: int = 0) -> list[Finding]:
    """The findings of one sentence, in reading order."""
    found: list[tuple[int, Finding]] = []
    covered: list[tuple[int, int]] = []
    for pattern, replacement, kind in _SLIPS_COMPILED:
        for m in pattern.finditer(sentence):
            if any(a <= m.start() < b for a, b in covered):
                continue
            new = _keep_case(m.group(0), m.expand(replacement))
            if new != m.group(0):
                found.append((m.start(), Finding(kind, m.group(0), new, paragraph, index)))
                covered.append((m.start(), m.end()))
    for m in re.finditer(r"\b(\w+)((?:\s+\1\b)+)", sentence, flags=re.IGNORECASE):
        if m.group(1).lower() in _ALLOWED_REPEATS:
            continue
        found.append((m.start(), Finding("repeated_word", m.group(0), m.group(1), paragraph, index)))
        covered.append((m.start(), m.end()))
    for word, guess in _spelling(sentence, names, covered):
        found.append((sentence.find(word), Finding("spelling", word, guess, paragraph, index)))
    first = re.search(r"[A-Za-z]", sentence)
    if first and first.group(0).islower():
        head = sentence.split()[0]
        found.append((-1, Finding("capital", head, head[: first.start()] + head[first.start()].upper() + head[first.start() + 1:],
                                  paragraph, index)))
    if sentence and not re.search(r"[.!?:;\"')]$", sentence):
        tail = " ".join(sentence.split()[-3:])
        found.append((len(sentence), Finding("end_punctuation", tail, tail + ".", paragraph, index)))
    return [f for _, f in sorted(found, key=lambda x: x[0])]


def proofread(paragraphs: list[list[str]], names: set[str] = frozenset()) -> list[Finding]:
    """Findings over a letter's paragraphs (each a list of sentences), in reading order."""
    lowered = {n.lower() for n in names}
    return [f for p, para in enumerate(paragraphs) for s, sentence in enumerate(para)
            for f in sentence_findings(sentence, lowered, p, s)]


def apply_finding(sentence: str, finding: Finding) -> str:
    """The sentence with one finding's change made (unchanged when the words are no longer there)."""
    if finding.kind == "end_punctuation":
        return sentence if re.search(r"[.!?:;\"')]$", sentence) else sentence + "."
    at = sentence.find(finding.old)
    if at < 0:
        return sentence
    return sentence[:at] + finding.new + sentence[at + len(finding.old):]
