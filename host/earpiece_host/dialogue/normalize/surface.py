"""The surface of a transcript made plain: lower case, punctuation and apostrophes, contractions written out.

Full stops and dashes are kept inside numbers and dates ("2.5", "2026-03-04"), colons inside times ("6:30");
a "g" written as an apostrophe comes back ("runnin'"), a dropped "h" too ("'is wife").
"""

from __future__ import annotations

import re

CONTRACTIONS = {
    "what's": "what is", "whats": "what is", "where's": "where is", "when's": "when is",
    "who's": "who is", "how's": "how is", "there's": "there is", "that's": "that is", "thats": "that is",
    "it's": "it is", "i'm": "i am", "im": "i am", "i've": "i have", "i'll": "i will", "i'd": "i would",
    "you're": "you are", "you'll": "you will", "we're": "we are", "we've": "we have", "don't": "do not",
    "dont": "do not", "doesn't": "does not", "didn't": "did not", "can't": "cannot", "cant": "cannot",
    "won't": "will not", "isn't": "is not", "aren't": "are not", "let's": "let us", "lets": "let us",
    "haven't": "have not", "wasn't": "was not", "shouldn't": "should not", "couldn't": "could not",
    "wanna": "want to", "gonna": "going to", "gotta": "got to", "gimme": "give me", "lemme": "let me",
    "what're": "what are", "long's": "long is", "time's": "time is", "one's": "one is", "timer's": "timer is",
    "alarm's": "alarm is", "name's": "name is", "what've": "what have", "where've": "where have", "everything's": "everything is", "nothing's": "nothing is", "something's": "something is", "how're": "how are", "todo": "to do", "to-do": "to do",
    "that'll": "that will", "it'll": "it will", "old's": "old is", "date's": "date is", "day's": "day is", "where'd": "where did", "what'd": "what did", "how'd": "how did",
}


def plain(text: str) -> str:
    """Lower case, no punctuation but what numbers and times need, contractions expanded."""
    t = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    t = re.sub(r"(\d)\.(\d)", r"\1<dot>\2", t)
    t = re.sub(r"\b([ap])\.\s?m\b\.?", r"\1m", t)
    t = re.sub(r"(\d{4})-(\d{2})-(\d{2})", r"\1<dash>\2<dash>\3", t)
    t = re.sub(r"[^\w\s':%<>]", " ", t)
    t = re.sub(r"(?<!\d):|:(?!\d)", " ", t)
    t = t.replace("<dot>", ".").replace("<dash>", "-")
    t = re.sub(r"\b([a-z]{2,}in)'(?=\s|$)", r"\1g", t)  # "the pit's runnin' cool", "i ain't gettin' up": the g written as an apostrophe
    t = re.sub(r"(?<![\w'])'(is|er|im|ere|ave|ad|ead|ome|ouse)\b", r"h\1", t)  # "what's 'is wife called", "go 'ead": the h dropped
    t = re.sub(r"(?<![\w])'|'(?![\w])", " ", t)
    t = re.sub(r"\s+", " ", t).strip()
    words = [CONTRACTIONS.get(w, re.sub(r"^(?!(?:he|she|they|we|you|there|who|what)'ll$)([a-z]+)'ll$", r"\1 will", w)) for w in t.split()]  # "our Alan'll be up": Alan will
    if words and words[0] in ("ill", "id", "ive"):  # apostrophes lost by the recogniser, only where unambiguous
        words[0] = {"ill": "i will", "id": "i would", "ive": "i have"}[words[0]]
    t = " ".join(words)
    return t
