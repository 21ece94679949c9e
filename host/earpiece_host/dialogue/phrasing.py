"""How the OS says things: varied, warm wording, and times, dates and durations read aloud.

Replies are picked from small sets of variants with a random generator that a seed can fix, so a
conversation does not repeat one sentence, yet tests stay deterministic.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

_VARIANTS: dict[str, tuple[str, ...]] = {
    "ok": ("Okay.", "Sure.", "Alright.", "Done.", "Got it."),
    "gentle": (
        "I'm not sure I followed that. Could you say it another way?",
        "Sorry, I didn't quite get that. Try saying it differently, or ask me what I can do.",
        "Hmm, that one's beyond me for now. You could rephrase it, or say \"help\" to hear what I can do.",
        "I didn't catch what you meant. Could you put it another way?",
    ),
    "cancelled": ("Okay, never mind.", "Alright, forget I asked.", "No problem.", "Sure, dropping that."),
    "nothing_to_repeat": ("I haven't said anything yet.", "There's nothing to repeat yet."),
    "greeting": ("Hi{user}! What can I do for you?", "Hello{user}. I'm here.", "Hey{user}, good to hear you.",
                 "Hi{user}. What's on your mind?"),
    "how_are_you": ("I'm doing well, thanks for asking. How about you?", "Pretty good! It's nice to talk to you.",
                    "I'm well. Better now that you're here.", "All good on my side. How are you doing?"),
    "thanks": ("You're welcome.", "Any time{user}.", "Happy to help.", "My pleasure."),
    "goodbye": ("Bye{user}, talk soon.", "See you later{user}.", "Take care{user}.", "Goodbye for now."),
    "feeling": ("Thank you for telling me. I'm here if you want to talk about it.",
                "I hear you. Do you want to tell me more?",
                "That matters. I'm listening, whenever you're ready.",
                "Thanks for sharing that with me{user}."),
    "feeling_good": ("That's lovely to hear{user}. What made it so good?", "I'm glad. Tell me about it?",
                     "Oh good! I like hearing that."),
    "feeling_unwell": ("Oh no, I'm sorry{user}. I hope it eases soon.",
                       "That sounds rotten. Take it easy, and tell me if I can help with anything.",
                       "I'm sorry. Be gentle with yourself today."),
    "listening": ("Mm. Tell me more.", "I'm listening{user}.", "Go on, I'm here.", "Mm-hm. And then?"),
    "joke": ("Why did the scarecrow win an award? Because he was outstanding in his field.",
             "I told my computer I needed a break, and it said: no problem, I'll go to sleep.",
             "What do you call a fish with no eyes? A fsh.",
             "Why don't skeletons fight each other? They don't have the guts."),
    "affection": ("That's lovely to hear{user}.", "You make my day too.", "I'm really glad we talk.",
                  "That means a lot to me{user}."),
    "smalltalk": ("I'm listening.", "Tell me more.", "I'm here{user}."),
    "affection_asked": ("I do{user}. In my own way, I really do.", "Of course. I like who I am when we talk.",
                        "Yes. You're my favourite person to talk to."),
    "joke_flop": ("Fair. I'll work on my material.", "Tough crowd. I'll keep trying.",
                  "Noted. That one goes back in the drawer."),
    "how_are_you_doing": ("Just here with you, keeping an eye on your day.", "Listening to you. It's my favourite thing to do.",
                          "Thinking about what you might need next."),
}


class Phrasebook:
    """Picks among reply variants; the seed makes the choice reproducible."""

    def __init__(self, seed: int | None = None) -> None:
        self._rng = random.Random(seed)
        self._last: dict[str, str] = {}

    def knows(self, key: str) -> bool:
        return key in _VARIANTS

    def pick(self, key: str, **fields: str) -> str:
        """One of the key's variants, never the one it gave last time ("tell me another one")."""
        options = [option for option in _VARIANTS[key] if option != self._last.get(key)] or list(_VARIANTS[key])
        self._last[key] = choice = self._rng.choice(options)
        return choice.format(**fields)

    def choice(self, options: tuple[str, ...] | list[str]) -> str:
        return self._rng.choice(list(options))


def say_time(dt: datetime) -> str:
    """ "5 PM", "5:30 PM", "noon", "midnight"."""
    if dt.hour == 12 and dt.minute == 0:
        return "noon"
    if dt.hour == 0 and dt.minute == 0:
        return "midnight"
    hour = dt.hour % 12 or 12
    suffix = "AM" if dt.hour < 12 else "PM"
    if dt.minute == 0:
        return f"{hour} {suffix}"
    return f"{hour}:{dt.minute:02d} {suffix}"


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def say_date(d: date, today: date) -> str:
    """ "today", "tomorrow", "Friday", "Friday the 6th of March"."""
    if d == today:
        return "today"
    if d == today + timedelta(days=1):
        return "tomorrow"
    if d == today - timedelta(days=1):
        return "yesterday"
    weekday = d.strftime("%A")
    if today < d < today + timedelta(days=7):
        return weekday
    text = f"{weekday} the {_ordinal(d.day)} of {d.strftime('%B')}"
    if d.year != today.year:
        text += f" {d.year}"
    return text


def say_on_date(d: date, today: date) -> str:
    """say_date as it follows a verb: "today", "tomorrow", "on Friday", "on Friday the 6th of March"."""
    day = say_date(d, today)
    return day if day in ("today", "tomorrow", "yesterday") else f"on {day}"


def say_full_date(d: date) -> str:
    return f"{d.strftime('%A')} the {_ordinal(d.day)} of {d.strftime('%B')}"


def say_when(dt: datetime, now: datetime) -> str:
    """ "at 5 PM", "tomorrow at 9 AM", "on Friday at noon"."""
    day = say_date(dt.date(), now.date())
    if day == "today":
        return f"at {say_time(dt)}"
    if day in ("tomorrow", "yesterday"):
        return f"{day} at {say_time(dt)}"
    return f"on {day} at {say_time(dt)}"


def say_duration(seconds: float) -> str:
    """ "10 minutes", "1 hour and 30 minutes", "45 seconds"."""
    s = int(round(seconds))
    if s <= 0:
        return "no time"
    days, s = divmod(s, 86400)
    hours, s = divmod(s, 3600)
    minutes, secs = divmod(s, 60)
    parts = []
    for value, unit in ((days, "day"), (hours, "hour"), (minutes, "minute"), (secs, "second")):
        if value:
            parts.append(f"{value} {unit}{'' if value == 1 else 's'}")
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def first_upper(text: str) -> str:
    """The text with its first letter a capital and the rest untouched ("at 5 PM" stays "At 5 PM")."""
    return text[:1].upper() + text[1:]


def join_words(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def second_person(text: str) -> str:
    """A fact the user told about themselves, said back to them ("I like jazz" -> "you like jazz")."""
    swaps = {"i": "you", "me": "you", "my": "your", "mine": "yours", "am": "are", "i'm": "you're",
             "myself": "yourself", "we": "you", "our": "your", "us": "you", "was": "were", "i've": "you've", "i'd": "you'd",
             "i'll": "you'll", "we've": "you've", "we're": "you're", "we'll": "you'll", "we'd": "you'd"}
    words = text.split()
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if lw == "was" and (i == 0 or words[i - 1].lower() not in ("i",)):
            out.append(w)
            continue
        if lw == "mine" and i > 0 and words[i - 1].lower() not in ("is", "are", "was", "were", "of", "be", "it's", "that's", "all"):
            out.append(w)  # "the diamond mine" is no one's
            continue
        out.append(swaps.get(lw, w))
    return " ".join(out)
