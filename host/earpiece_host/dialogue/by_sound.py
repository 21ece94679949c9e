"""What a misheard name meant, among the user's own things, by sound.

The recogniser slips on the words that name the user's things: "the dentist" comes back as "the
den test", "my locker number" as "my local number". Asked for something that does not exist, the
OS looks among what does (the events on the calendar, the things the user told it) for the one
that sounds nearest (speech/phones.py: an edit distance over phones), and uses it when it is near
enough and clearly nearer than any other. The reply always names what was found ("Moved Dentist to
Thursday"), so a wrong guess is heard at once; nothing is forgotten on a guess.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

_LOG = logging.getLogger(__name__)

SOUNDS_LIKE_MAX_DISTANCE = 0.25
"""How near (phones, over the longer's length) a thing must sound to what was said. Whisper's
misreadings of the benchmark's names ("den test", "local number", "lock and umber", "dentists",
"standard" for "standup") are 0.05 to 0.25 from what was meant; other titles ("dinner", "meeting"
for "dentist" or "standup") are 0.5 and more. Near sounds are not always slips: "lucky number" is
0.12 from "locker number", which is why a fact found this way is answered as a guess ("..., if
that's what you meant") and nothing is forgotten on one. Measured: `python -m
earpiece_tools.own_things --json` (README)."""

MARGIN = 0.08
"""The nearest must be this much nearer than the next: two things that sound alike are a question
for the user, not a guess."""


def nearest_by_sound(said: str, things: Iterable[T], name: Callable[[T], str] = str,
                     within: float | None = None) -> T | None:
    """The thing whose `name` sounds nearest to `said`, when within `within` (default
    `SOUNDS_LIKE_MAX_DISTANCE`, read at each call) and nearer by `MARGIN` than any other with another
    name; None otherwise, and when the pronouncing dictionary is missing."""
    within = SOUNDS_LIKE_MAX_DISTANCE if within is None else within
    said = said.strip()
    if not said:
        return None
    try:
        from ..speech.phones import phone_distance

        scored = sorted(((phone_distance(said, name(t)), i, t) for i, t in enumerate(things) if name(t).strip()),
                        key=lambda x: (x[0], x[1]))
    except (ImportError, OSError) as err:  # no pocketsphinx wheel, so no dictionary: match by words only
        _LOG.warning("no pronouncing dictionary (%s); names are matched by their words only", err)
        return None
    if not scored or scored[0][0] > within:
        return None
    best, _, found = scored[0]
    rival = next((d for d, _, t in scored[1:] if name(t).lower() != name(found).lower()), None)
    if rival is not None and rival - best < MARGIN:
        return None
    return found
