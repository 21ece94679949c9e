"""Is a mail written in English? A small, honest check, so that the OS says "it's in French"
instead of reading French with an English voice.

It counts the commonest short words (articles, pronouns, prepositions) of a few languages among
the body's words, and answers only when the evidence is plain: enough words, another language's
share well ahead of English's. Text mostly in a non-Latin script is named by its script. No model,
no download; a mail it is unsure about is read as English, as before.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["foreign_language"]

_STOP_WORDS: dict[str, frozenset[str]] = {
    "English": frozenset("the and to of a in is it you that for on with this be are was have i my your we at "
                         "not but so will can if me do from all just what about our they would there".split()),
    "French": frozenset("le la les et de des un une est je tu vous nous il elle que qui pas pour dans sur avec ce "
                        "mais au aux du en son sa ses mon ma mes ton ta très bien être avoir suis sont c'est".split()),
    "German": frozenset("der die das und ist ich du sie wir nicht ein eine zu mit auf für den dem des es auch "
                        "aber bin sind war haben wie noch mir dich dir mein meine schon".split()),
    "Spanish": frozenset("el la los las y de que en un una es yo tú usted nosotros no por para con su sus mi mis "
                         "pero muy está estoy son como más del al lo le se hola gracias".split()),
    "Italian": frozenset("il lo la gli le e di che è un una io tu lei noi non per con su mi ti ma molto sono "
                         "come più del della alla nel anche questo ciao grazie".split()),
    "Dutch": frozenset("de het een en van ik je jij u wij niet is dat op met voor zijn maar ook naar bij er "
                       "hoe dan nog wel mijn".split()),
    "Portuguese": frozenset("o a os as e de que em um uma é eu você nós não por para com seu sua meu minha mas "
                            "muito estou são como mais do da no na obrigado".split()),
}

_MIN_WORDS = 6        # fewer words than this are too few to judge: read as usual
_MIN_SHARE = 0.15     # another language's stop words must be at least this share of all words
_LEAD = 2.0           # ... and at least this many times English's share
_SCRIPTS = {"CJK": "Chinese or Japanese", "HIRAGANA": "Japanese", "KATAKANA": "Japanese", "HANGUL": "Korean",
            "CYRILLIC": "Russian or another Cyrillic language", "GREEK": "Greek", "ARABIC": "Arabic",
            "HEBREW": "Hebrew", "DEVANAGARI": "Hindi or another Devanagari language", "THAI": "Thai"}


def _script(text: str) -> str | None:
    """The non-Latin script most letters are written in, when most are."""
    counts: dict[str, int] = {}
    letters = 0
    for ch in text[:4000]:
        if not ch.isalpha():
            continue
        letters += 1
        name = unicodedata.name(ch, "")
        first = name.split(" ", 1)[0]
        if first == "LATIN":
            continue
        counts[first] = counts.get(first, 0) + 1
    if not letters or not counts:
        return None
    script, n = max(counts.items(), key=lambda kv: kv[1])
    if n * 2 < letters:
        return None
    return _SCRIPTS.get(script, "another language")


def foreign_language(text: str) -> str | None:
    """The language a body is plainly written in when that is not English ("French"); else None."""
    script = _script(text)
    if script is not None:
        return script
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text[:4000].lower())
    if len(words) < _MIN_WORDS:
        return None
    shares = {lang: sum(w in stop for w in words) / len(words) for lang, stop in _STOP_WORDS.items()}
    english = shares.pop("English")
    best, share = max(shares.items(), key=lambda kv: kv[1])
    if share >= _MIN_SHARE and share >= _LEAD * english and share > english:
        return best
    return None
