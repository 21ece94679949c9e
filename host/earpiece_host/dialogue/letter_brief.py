"""Finding the brief of a letter someone asked for ("write the letter Tatiana asked for"): the latest
mail from them that mentions a letter, else a remembered fact about them and a letter. Returns who
the letter is to (when it says) and one sentence that tells the user what was found."""

from __future__ import annotations

import logging
import re
from typing import Callable, Iterable

log = logging.getLogger(__name__)

_TO = (re.compile(r"\bletter (?:to|for|addressed to) (?:my |our |your |her |his )?(?:\w+ )?(?P<n>[A-Z][\w'-]+)"),
       re.compile(r"\b(?P<n>[A-Z][\w'-]+)'s letter\b"),
       re.compile(r"\b(?:write|writing) (?:to|for) (?P<n>[A-Z][\w'-]+)\b"))
_NOT_NAMES = {"I", "Dear", "The", "A", "My", "Your", "Her", "His", "Please", "Could", "Would", "Can"}


def _recipient(text: str, asker: str) -> str | None:
    for pattern in _TO:
        for m in pattern.finditer(text):
            name = m.group("n")
            if name not in _NOT_NAMES and name.lower() != asker.lower():
                return name
    return None


def find_brief(asker: str, *, mailbox=None, facts: Callable[[], Iterable[tuple[str, str]]] = tuple) -> tuple[str | None, str] | None:
    """(recipient or None, what to say about it), or None when nothing mentions a letter from `asker`."""
    if mailbox is not None:
        try:
            mail = mailbox.latest(sender=asker)
        except Exception:  # the mail skill reports a broken mailbox; here it only means "not found there"
            log.warning("the mailbox could not be searched for a letter's brief", exc_info=True)
            mail = None
        if mail is not None and re.search(r"\bletter\b", f"{mail.subject}\n{mail.body}", re.IGNORECASE):
            to = _recipient(f"{mail.subject}\n{mail.body}", asker)
            return to, f"{mail.sender_name or asker} wrote about it in \"{mail.subject}\"."
    for subject, value in facts():
        text = f"{subject} {value}"
        if asker.lower() in text.lower() and re.search(r"\bletter\b", text, re.IGNORECASE):
            said = asker if subject.lower() == asker.lower() else subject
            return _recipient(text, asker), f"You told me: {said} {value}."
    return None
