"""Proofreading of a dictated letter: repeated words, run-on sentences, missing capitals and
missing end punctuation, each with the fix to suggest aloud. Pure, so it is tested directly."""

from __future__ import annotations

import re
from dataclasses import dataclass

RUN_ON_WORDS = 28
_ALLOWED_REPEATS = {"had", "that", "very", "bye", "ha", "no", "so"}
_JOINERS = ("and", "but", "so", "then", "because")


@dataclass(frozen=True)
class Finding:
    """One problem: what it is, the words it is in, and the words to use instead."""

    kind: str  # "repeated_word" | "run_on" | "capital" | "end_punctuation"
    excerpt: str
    suggestion: str

    def spoken(self) -> str:
        if self.kind == "repeated_word":
            return f"\"{self.excerpt}\" has a word twice; I'd say \"{self.suggestion}\"."
        if self.kind == "capital":
            return f"\"{self.excerpt}\" should start with a capital: \"{self.suggestion}\"."
        if self.kind == "end_punctuation":
            return f"The sentence ending \"{self.excerpt}\" needs a full stop: \"{self.suggestion}\"."
        return f"The sentence starting \"{self.excerpt}\" runs on; you could split it: \"{self.suggestion}\"."


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph: split after end punctuation."""
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s.strip()]


def _head(sentence: str, words: int = 5) -> str:
    return " ".join(sentence.split()[:words])


def _tail(sentence: str, words: int = 4) -> str:
    return " ".join(sentence.split()[-words:])


def _split_run_on(sentence: str) -> str | None:
    words = sentence.split()
    middle = len(words) // 2
    best = None
    for i, w in enumerate(words):
        if 3 <= i <= len(words) - 3 and w.lower().strip(",") in _JOINERS:
            if best is None or abs(i - middle) < abs(best - middle):
                best = i
    if best is None:
        return None
    first = " ".join(words[:best]).rstrip(",")
    rest = words[best + 1:]
    second = " ".join(rest)
    second = second[:1].upper() + second[1:]
    return f"{first}. {second}"


def proofread(chunks: list[str]) -> list[Finding]:
    """Findings over the dictated pieces (each utterance is a piece; a piece may hold sentences)."""
    findings: list[Finding] = []
    for chunk in chunks:
        for sentence in sentences(chunk):
            for m in re.finditer(r"\b(\w+)(\s+\1\b)+", sentence, flags=re.IGNORECASE):
                word = m.group(1)
                if word.lower() in _ALLOWED_REPEATS:
                    continue
                before = sentence[: m.start()].split()[-3:]
                after = sentence[m.end():].split()[:2]
                excerpt = " ".join(before + sentence[m.start(): m.end()].split() + after)
                fixed = re.sub(rf"\b({re.escape(word)})(\s+\1\b)+", r"\1", excerpt, flags=re.IGNORECASE)
                findings.append(Finding("repeated_word", excerpt, fixed))
            first = sentence.lstrip("\"'(")
            if first and first[0].isalpha() and first[0].islower():
                fixed = sentence[: len(sentence) - len(first)] + first[0].upper() + first[1:]
                findings.append(Finding("capital", _head(sentence), _head(fixed)))
            if re.search(r"\bi\b", sentence[2:] if sentence.startswith("i ") else sentence):
                excerpt = _around_i(sentence)
                findings.append(Finding("capital", excerpt, re.sub(r"\bi\b", "I", excerpt)))
            if not re.search(r"[.!?:;\"')]$", sentence):
                findings.append(Finding("end_punctuation", _tail(sentence), _tail(sentence) + "."))
            words = sentence.split()
            if len(words) > RUN_ON_WORDS and not re.search(r"[,;:]", sentence):
                split = _split_run_on(sentence)
                if split:
                    findings.append(Finding("run_on", _head(sentence), _head_and_split(split)))
    return _dedupe(findings)


def _around_i(sentence: str) -> str:
    offset = 2 if sentence.startswith("i ") else 0
    m = re.search(r"\bi\b", sentence[offset:])
    if m is None:
        return sentence
    words_before = sentence[: offset + m.start()].split()[-2:]
    words_after = sentence[offset + m.end():].split()[:2]
    return " ".join(words_before + ["i"] + words_after)


def _head_and_split(split: str) -> str:
    first, _, second = split.partition(". ")
    return f"...{_tail(first)}. {_head(second, 4)}..."


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen = set()
    out = []
    for f in findings:
        key = (f.kind, f.excerpt)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def apply_fixes(chunk: str) -> str:
    """The piece with the mechanical fixes applied: repeats removed, capitals, end punctuation."""
    out = []
    for sentence in sentences(chunk):
        s = re.sub(r"\b(\w+)(\s+\1\b)+", lambda m: m.group(1) if m.group(1).lower() not in _ALLOWED_REPEATS else m.group(0),
                   sentence, flags=re.IGNORECASE)
        s = re.sub(r"\bi\b", "I", s)
        lead = len(s) - len(s.lstrip("\"'("))
        if lead < len(s):
            s = s[:lead] + s[lead].upper() + s[lead + 1:]
        if not re.search(r"[.!?:;\"')]$", s):
            s += "."
        if len(s.split()) > RUN_ON_WORDS and not re.search(r"[,;:]", s):
            split = _split_run_on(s.rstrip("."))
            if split:
                s = split + "."
        out.append(s)
    return " ".join(out)
