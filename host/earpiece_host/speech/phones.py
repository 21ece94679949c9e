"""Comparing what Whisper heard with the OS's sentences by sound, not spelling.

Whisper `tiny.en` slips on sounds: "battery" heard as "matter", "locker" as "look a", "Amy" as
"me". In letters those are far apart; in phones (B AE T ER IY against M AE T ER) they are near.
Words become ARPAbet phones through the CMU Pronouncing Dictionary that the pocketsphinx wheel
ships (`model/en-us/cmudict-en-us.dict`, BSD-style licence of Carnegie Mellon University, in the
wheel's LICENSE); a word it lacks (a user's name, a slip such as "stipointment") is spelt out by
letter rules. The distance is an edit distance over phones in which similar phones (M and B,
IH and IY) cost less than unlike ones, over the longer sequence's length.

`PhoneSnapper` finds the nearest grammar sentence by that distance: every sentence of the grammar
is held as phones once, and one transcript is compared with all of them at once (numpy, a row of
the edit distance per heard phone), a few milliseconds per reading.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from .grammar import Snap, Snapper, _shape, spoken_form

VOWELS = ("IY", "IH", "EY", "EH", "AE", "AA", "AO", "OW", "UH", "UW", "AH", "ER", "AY", "AW", "OY")
CONSONANTS = ("P", "B", "M", "T", "D", "N", "K", "G", "NG", "F", "V", "TH", "DH", "S", "Z", "SH", "ZH",
              "CH", "JH", "HH", "L", "R", "W", "Y")
NUMBER = "#"
"""A run of number words or digits: any number fits any number (as in grammar.Snapper)."""
PHONES = (*VOWELS, *CONSONANTS, NUMBER)
_INDEX = {p: i for i, p in enumerate(PHONES)}

# Vowels by (height 0 low .. 3 high, backness 0 front .. 2 back); diphthongs by where they start,
# nudged toward where they end.
_VOWEL_PLACE = {"IY": (3, 0), "IH": (2.5, 0.3), "EY": (2, 0), "EH": (1.5, 0.2), "AE": (0.5, 0.2),
                "AA": (0, 1.8), "AO": (1, 2), "OW": (1.5, 2), "UH": (2.5, 1.7), "UW": (3, 2),
                "AH": (1.2, 1), "ER": (1.5, 1), "AY": (0.7, 0.8), "AW": (0.7, 1.6), "OY": (1.2, 1.6)}
# Consonants by (place 0 lips .. 7 glottis, manner, voiced).
_STOP, _NASAL, _FRICATIVE, _AFFRICATE, _APPROXIMANT = range(5)
_CONSONANT_KIND = {"P": (0, _STOP, 0), "B": (0, _STOP, 1), "M": (0, _NASAL, 1), "T": (3, _STOP, 0),
                   "D": (3, _STOP, 1), "N": (3, _NASAL, 1), "K": (6, _STOP, 0), "G": (6, _STOP, 1),
                   "NG": (6, _NASAL, 1), "F": (1, _FRICATIVE, 0), "V": (1, _FRICATIVE, 1),
                   "TH": (2, _FRICATIVE, 0), "DH": (2, _FRICATIVE, 1), "S": (3, _FRICATIVE, 0),
                   "Z": (3, _FRICATIVE, 1), "SH": (4, _FRICATIVE, 0), "ZH": (4, _FRICATIVE, 1),
                   "CH": (4, _AFFRICATE, 0), "JH": (4, _AFFRICATE, 1), "HH": (7, _FRICATIVE, 0),
                   "L": (3, _APPROXIMANT, 1), "R": (4, _APPROXIMANT, 1), "W": (0, _APPROXIMANT, 1),
                   "Y": (5, _APPROXIMANT, 1)}
_NEAR_MANNER = {frozenset((_STOP, _AFFRICATE)), frozenset((_FRICATIVE, _AFFRICATE)), frozenset((_STOP, _NASAL))}
_GLIDES = {("W", "UW"), ("Y", "IY"), ("R", "ER"), ("L", "AH")}  # a consonant that sounds like a vowel

INDEL_COST = 1.0
WEAK_INDEL_COST = 0.6
"""Dropping or adding a weak sound (a schwa, an h) costs less: "look a number" for "locker number"."""
_WEAK = {"AH", "HH"}


def substitution_cost(a: str, b: str, weighted: bool = True) -> float:
    """What hearing phone `b` for `a` costs: 0 the same, about 0.2-0.6 a similar one, 1 an unlike one."""
    if a == b:
        return 0.0
    if not weighted or NUMBER in (a, b):
        return 1.0
    if a in _VOWEL_PLACE and b in _VOWEL_PLACE:
        (h1, b1), (h2, b2) = _VOWEL_PLACE[a], _VOWEL_PLACE[b]
        return min(1.0, 0.2 + 0.15 * (abs(h1 - h2) + abs(b1 - b2)))
    if a in _CONSONANT_KIND and b in _CONSONANT_KIND:
        (p1, m1, v1), (p2, m2, v2) = _CONSONANT_KIND[a], _CONSONANT_KIND[b]
        manner = 0.0 if m1 == m2 else 0.5 if frozenset((m1, m2)) in _NEAR_MANNER else 1.0
        return min(1.0, 0.15 + 0.15 * abs(v1 - v2) + 0.1 * min(abs(p1 - p2), 4) + 0.35 * manner)
    return 0.6 if (a, b) in _GLIDES or (b, a) in _GLIDES else 1.0


def indel_cost(p: str, weighted: bool = True) -> float:
    return WEAK_INDEL_COST if weighted and p in _WEAK else INDEL_COST


@functools.cache
def _costs(weighted: bool) -> tuple[np.ndarray, np.ndarray]:
    sub = np.array([[substitution_cost(a, b, weighted) for b in PHONES] for a in PHONES], dtype=np.float32)
    indel = np.array([indel_cost(p, weighted) for p in PHONES], dtype=np.float32)
    return sub, indel


# --- words to phones -------------------------------------------------------------------------------

def dictionary_path() -> Path:
    """The CMU Pronouncing Dictionary in the installed pocketsphinx wheel."""
    import pocketsphinx

    return Path(pocketsphinx.get_model_path()) / "en-us" / "cmudict-en-us.dict"


@functools.cache
def pronunciations() -> dict[str, str]:
    """Word -> its first pronunciation ("battery" -> "B AE T ER IY"), read once per process."""
    out: dict[str, str] = {}
    with open(dictionary_path(), encoding="utf-8") as lines:
        for line in lines:
            word, _, said = line.partition(" ")
            if "(" not in word:  # "tatiana(2)": a second pronunciation
                out[word] = said.strip()
    return out


_LETTER_RULES = sorted({
    "tch": "CH", "sch": "S K", "igh": "AY", "ch": "CH", "sh": "SH", "th": "TH", "ph": "F", "gh": "G",
    "ng": "NG", "ck": "K", "qu": "K W", "wh": "W", "ee": "IY", "ea": "IY", "oo": "UW", "ou": "AW",
    "ow": "OW", "ai": "EY", "ay": "EY", "oi": "OY", "oy": "OY", "au": "AO", "aw": "AO", "ie": "IY",
    "ei": "EY", "er": "ER", "ir": "ER", "ur": "ER", "or": "AO R", "ar": "AA R",
    "a": "AE", "b": "B", "c": "K", "d": "D", "e": "EH", "f": "F", "g": "G", "h": "HH", "i": "IH",
    "j": "JH", "k": "K", "l": "L", "m": "M", "n": "N", "o": "AA", "p": "P", "q": "K", "r": "R",
    "s": "S", "t": "T", "u": "AH", "v": "V", "w": "W", "x": "K S", "y": "IY", "z": "Z",
}.items(), key=lambda rule: -len(rule[0]))


def spelt_phones(word: str) -> tuple[str, ...]:
    """Phones of a word the dictionary lacks, from its letters: "stipointment" -> S T IH P OY N T M EH N T.
    Rough, but a near miss in letters stays a near miss in phones."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    letters = re.sub(r"(.)\1", r"\1", letters)  # "ll" -> "l"
    if len(letters) > 2 and letters.endswith("e") and letters[-2] not in "aeiouy":
        letters = letters[:-1]  # a silent final e
    out: list[str] = []
    i = 0
    while i < len(letters):
        for spelling, said in _LETTER_RULES:
            if letters.startswith(spelling, i):
                out += ["Y"] if spelling == "y" and i == 0 and len(letters) > 1 else said.split()
                i += len(spelling)
                break
    return tuple(out)


@functools.lru_cache(maxsize=8192)
def word_phones(word: str) -> tuple[str, ...]:
    said = pronunciations().get(word) or pronunciations().get(word.strip("'"))
    if said is not None:
        return tuple(re.sub(r"\d", "", said).split())
    return spelt_phones(word)


def phones(text: str) -> tuple[str, ...]:
    """A transcript as one run of phones, words not kept apart ("look a number" is "locker number"),
    numbers as one NUMBER each run ("ten"/"10"), contractions spelt out."""
    return shape_phones(_shape(spoken_form(text).split()))


def shape_phones(words: Iterable[str]) -> tuple[str, ...]:
    """Phones of words already shaped (grammar._shape: contractions spelt out, numbers as "#")."""
    out: list[str] = []
    for word in words:
        out += [NUMBER] if word == NUMBER else word_phones(word)
    return tuple(out)


def phone_distance(a: str, b: str, weighted: bool = True) -> float:
    """How unlike two transcripts sound: the weighted edit distance of their phones over the longer
    one's length (0: the same; about 1: nothing alike)."""
    pa, pb = phones(a), phones(b)
    if not pa or not pb:
        return 0.0 if pa == pb else 1.0
    sub, indel = _costs(weighted)
    row = [0.0]
    for q in pb:
        row.append(row[-1] + indel[_INDEX[q]])
    for p in pa:
        i = _INDEX[p]
        previous, row[0] = row[0], row[0] + indel[i]
        for j, q in enumerate(pb, 1):
            k = _INDEX[q]
            previous, row[j] = row[j], min(row[j] + indel[i], row[j - 1] + indel[k], previous + sub[i, k])
    return float(row[-1]) / max(len(pa), len(pb))


class PhoneSnapper(Snapper):
    """`grammar.Snapper` by sound: the grammar sentence whose phones are nearest to a transcript's.

    All sentences are compared at once: their phones padded into one matrix, and each phone heard
    adds one row of the edit distance for all of them (numpy), insertions folded in with a running
    minimum. Sentences with another count of numbers than the transcript are not candidates, nor
    those whose length alone puts them further than `within` (the largest distance the caller
    accepts): then the nearest may be None.
    """

    def __init__(self, sentences: Iterable[str], within: float = 1.0, weighted: bool = True) -> None:
        super().__init__(sentences)
        self.within = within
        self.weighted = weighted
        self._sub, self._indel = _costs(weighted)
        said = {shape: shape_phones(shape.split()) for shape in self._shapes}
        shapes = [shape for shape, sounds in said.items() if sounds]
        seqs = [[_INDEX[p] for p in said[shape]] for shape in shapes]
        self._order = shapes
        self._lengths = np.array([len(s) for s in seqs])
        width = int(self._lengths.max()) if seqs else 0
        matrix = np.full((width, len(seqs)), _INDEX[NUMBER], dtype=np.intp)  # padding is never read
        for n, seq in enumerate(seqs):
            matrix[:len(seq), n] = seq
        self._number_runs = np.array([shape.split().count(NUMBER) for shape in shapes])
        # Inserting the sentence's phones 1..j, for every j: the first row, and the running sums
        # that fold insertions into each row.
        self._inserted = np.concatenate([np.zeros((1, len(seqs)), np.float32),
                                         np.cumsum(self._indel[matrix], axis=0)], axis=0)
        # What hearing each phone costs against every phone of every sentence (a few MB).
        self._substituted = np.ascontiguousarray(self._sub[:, matrix])

    def distances(self, heard: Sequence[int], columns: np.ndarray) -> np.ndarray:
        """The edit distance (not normalised) from the heard phones (indices) to each sentence in
        `columns`."""
        # Arrays are (sentence position, sentence): each step below runs across all sentences, and
        # only as far as the longest of them.
        width = int(self._lengths[columns].max())
        inserted = self._inserted[:width + 1, columns]
        substituted = {p: self._substituted[p][:width, columns] for p in set(heard)}
        row = inserted.copy()
        step = np.empty_like(row)
        for p in heard:
            np.add(row[:-1], substituted[p], out=step[1:])
            np.minimum(step[1:], row[1:] + self._indel[p], out=step[1:])
            step[0] = row[0] + self._indel[p]
            # Insertions along the sentence: row[j] = min over k <= j of step[k] + inserted(k..j).
            np.subtract(step, inserted, out=row)
            np.minimum.accumulate(row, axis=0, out=row)
            row += inserted
        return row[self._lengths[columns], np.arange(len(columns))]

    def _nearest(self, text: str) -> Snap | None:
        words = spoken_form(text).split()
        heard = [_INDEX[p] for p in shape_phones(_shape(words))]
        if not heard or not self._order:
            return None
        # Only sentences with as many numbers, and not so much longer or shorter that the
        # insertions or deletions alone would put them beyond `within`.
        longer = np.maximum(self._lengths, len(heard))
        columns = np.flatnonzero((self._number_runs == _shape(words).count(NUMBER))
                                 & (np.abs(self._lengths - len(heard)) * WEAK_INDEL_COST <= self.within * longer))
        if not len(columns):
            return None
        cost = self.distances(heard, columns) / longer[columns]
        best = int(np.argmin(cost))
        return self._filled(words, self._shapes[self._order[columns[best]]], float(cost[best]))
