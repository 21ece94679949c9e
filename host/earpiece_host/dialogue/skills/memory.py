"""Memory: what the user tells the OS about themselves and the people in their life.

A fact about a person is kept as subject / relation / value with the user's capitals ("Amy" /
"birthday" / "June 3rd"; "me" / "sister" / "Rachel"), so questions can walk the relations: "what's
my sister's dog called?" is my sister -> Rachel, Rachel's dog -> Biscuit; "who's Paul married to?"
finds Paul's wife (or the person whose husband Paul is). Free-form facts ("I'm allergic to
shellfish") are kept whole about "me". A remembered birthday becomes a yearly reminder when the
user says yes to the offer.
"""

from __future__ import annotations

import difflib
import re
import time
from datetime import datetime, timedelta
from typing import Callable

from ..phrasing import join_words, second_person
from ..store import Store
from ..timeparse import find_when
from ..types import SkillReply
from .base import Turn

USER_NAME = "my name"
_SETTINGS_NAME_KEY = "user_name_in_settings"  # the settings file's user name when last seen
_SPOUSE = {"wife", "husband", "partner", "spouse"}
_ALIASES = {"spouse": _SPOUSE, "mum": {"mum", "mother", "mom"}, "mother": {"mum", "mother", "mom"}, "mom": {"mum", "mother", "mom"},
            "dad": {"dad", "father"}, "father": {"dad", "father"}, "number": {"number", "phone number"},
            "phone number": {"number", "phone number"}, "surname": {"surname", "last name"}, "last name": {"surname", "last name"}}
# Relations whose value is someone's or something's name (capitalised even when heard in lower case).
_NAMED = {"wife", "husband", "partner", "spouse", "boyfriend", "girlfriend", "son", "daughter", "sister", "brother", "mother", "mum",
          "mom", "father", "dad", "dog", "cat", "pet", "horse", "child", "kid", "baby", "friend", "best friend", "boss", "doctor",
          "dentist", "vet", "cousin", "aunt", "uncle", "niece", "nephew", "grandson", "granddaughter", "grandmother", "grandfather",
          "granny", "grandma", "grandpa", "neighbour", "neighbor", "landlord", "teacher", "middle name", "surname", "last name",
          "maiden name", "name"}
_PETS = {"dog", "cat", "pet", "horse"}
_MONTHS = "january february march april may june july august september october november december".split()


def _speak_subject(subject: str) -> str:
    owner, _, rest = subject.partition("'s ")
    if rest and " " not in owner and owner not in ("my", "your"):
        return f"{owner.capitalize()}'s {rest}"
    return second_person(subject)


def _fact_sentence(subject: str, value: str) -> str:
    if subject == "me":
        return second_person(value)
    verb = "are" if re.search(r"s$", subject.split()[-1]) and "'s" not in subject.split()[-1] and subject.split()[-1] not in ("address", "glasses") else "is"
    if re.match(r"^(?:has|lives in|is in|works at) ", value):
        return f"{_speak_subject(subject)} {value}"
    return f"{_speak_subject(subject)} {verb} {second_person(value) if subject.startswith('my ') else value}"


def _split(phrase: str) -> tuple[str, list[str]] | None:
    """ "my sister's dog" -> ("me", ["sister", "dog"]); "paul's wife" -> ("paul", ["wife"]); None when not possessive."""
    phrase = phrase.strip().lower()
    parts = phrase.split("'s ")
    if len(parts) > 1 and parts[-1] in ("name", "first name"):  # "my sister's name" is who my sister is
        parts = parts[:-1]
    if parts[0].startswith("my "):
        return "me", [parts[0][3:]] + parts[1:]
    if len(parts) >= 2 and " " not in parts[0]:
        return parts[0], parts[1:]
    return None


def _cased_value(relation: str, value: str) -> str:
    """The value with capitals for names and months, keeping any the user typed."""
    def word(m: re.Match) -> str:
        w = m.group(0)
        if w != w.lower():
            return w
        if relation in _NAMED or w in _MONTHS or w in ("i",):
            return w[:1].upper() + w[1:]
        return w
    return re.sub(r"[a-z][a-z'-]*|[A-Za-z][\w'-]*", word, value.strip())


class MemorySkill:
    intents = ("memory.remember", "memory.recall", "memory.forget", "memory.remind_yearly")

    def __init__(self, store: Store, configured_user_name: str | None = None,
                 set_reminder: Callable[[dict, Turn], SkillReply] | None = None,
                 heard_from: Callable[[str, Turn], str | None] | None = None) -> None:
        self._store = store
        self._set_reminder = set_reminder
        self._heard_from = heard_from  # EmailSkill.last_word_from: "who is Amy?" of someone who only wrote
        # The user's name from the settings file counts as telling her, once per change of the file, so
        # that whichever changed last (the file or what the user said) wins.
        if configured_user_name and store.get_setting(_SETTINGS_NAME_KEY) != configured_user_name:
            with store.transaction() as db:
                db.execute("DELETE FROM memory WHERE subject = ?", (USER_NAME,))
                db.execute("INSERT INTO memory (subject, value, created_at) VALUES (?, ?, ?)",
                           (USER_NAME, configured_user_name, time.time()))
                db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           (_SETTINGS_NAME_KEY, configured_user_name))

    def user_name(self) -> str | None:
        rows = self._store.read("SELECT value FROM memory WHERE subject = ? ORDER BY id DESC LIMIT 1", (USER_NAME,))
        return rows[0]["value"] if rows else None

    def names(self) -> set[str]:
        """Words the user said with a capital in what they told (people's names, places): for letters."""
        words = {w for _, v in self.facts() for w in re.findall(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b", v)}
        words |= {r["said_subject"] for r in self._store.read("SELECT said_subject FROM memory WHERE said_subject IS NOT NULL")}
        return words - {"I", "I'm"}

    @staticmethod
    def _phrase(row) -> str:
        """A row as the phrase it answers ("paul's wife", "my sister"), for old and new rows alike."""
        if row["relation"] is None:
            return row["subject"]
        return f"my {row['relation']}" if row["subject"] == "me" else f"{row['subject']}'s {row['relation']}"

    def _sentence(self, row) -> str:
        if row["relation"] is None:
            return _fact_sentence(row["subject"], row["value"])
        if row["relation"] == "spouse":
            return f"{row['said_subject'] or row['subject'].capitalize()} is married to {row['value']}"
        owner = "your" if row["subject"] == "me" else f"{row['said_subject'] or row['subject'].capitalize()}'s"
        verb = "is called" if row["relation"] in _PETS else "is"
        return f"{owner} {row['relation']} {verb} {row['value']}"

    def facts(self) -> list[tuple[str, str]]:
        return [(self._phrase(r), r["value"]) for r in self._store.read("SELECT * FROM memory ORDER BY id")]

    # -- people and relations ----------------------------------------------------------------------

    def _lookup(self, owner: str, relation: str) -> list:
        names = _ALIASES.get(relation, {relation})
        rows = [r for r in self._store.read("SELECT * FROM memory WHERE subject = ? AND relation IS NOT NULL ORDER BY id", (owner,))
                if r["relation"] in names]
        if not rows and relation in _SPOUSE | {"spouse"}:  # Paul is Tatiana's husband: so Paul is married to Tatiana
            rows = [r for r in self._store.read("SELECT * FROM memory WHERE relation IS NOT NULL ORDER BY id")
                    if r["relation"] in _SPOUSE and r["value"].lower() == owner]
            return [{"id": r["id"], "subject": owner, "relation": "spouse", "said_subject": r["value"],
                     "value": r["said_subject"] or r["subject"].capitalize()} for r in rows]
        if not rows:  # an old row kept as a phrase
            phrase = f"my {relation}" if owner == "me" else f"{owner}'s {relation}"
            rows = self._store.read("SELECT * FROM memory WHERE relation IS NULL AND subject = ?", (phrase,))
        return rows

    def _resolve(self, phrase: str) -> tuple[list, str | None]:
        """The rows a possessive phrase names, walking the chain; ([], the link that is missing) when unknown."""
        split = _split(phrase)
        if split is None:
            return [], None
        owner, relations = split
        for i, relation in enumerate(relations):
            rows = self._lookup(owner, relation)
            if not rows:
                more = i < len(relations) - 1  # "my brother's dog" with no brother known: say which link is missing
                return [], (f"my {relation}" if owner == "me" else f"{owner}'s {relation}") if more else None
            if i == len(relations) - 1:
                return rows, None
            owner = rows[-1]["value"].lower()
        return [], None

    def _store_relation(self, phrase: str, value: str, turn: Turn) -> tuple[str, str | None] | None:
        """Keep "paul's wife" = "Tatiana" as ("paul", "wife", "Tatiana"). Returns (sentence, old value) or None."""
        split = _split(phrase)
        if split is None:
            return None
        owner, relations = split
        said = "me" if owner == "me" else owner.capitalize()
        for relation in relations[:-1]:  # "my sister's dog": my sister is Rachel, so Rachel's dog
            rows = self._lookup(owner, relation)
            if not rows:
                return None
            said = rows[-1]["value"]
            owner = said.lower()
        relation = relations[-1]
        value = _cased_value(relation, value)
        with self._store.transaction() as db:
            old = db.execute("SELECT value FROM memory WHERE subject = ? AND relation = ? ORDER BY id DESC",
                             (owner, relation)).fetchall()
            db.execute("DELETE FROM memory WHERE subject = ? AND relation = ?", (owner, relation))
            db.execute("DELETE FROM memory WHERE relation IS NULL AND subject = ?", (phrase.lower(),))
            db.execute("INSERT INTO memory (subject, relation, said_subject, value, created_at) VALUES (?, ?, ?, ?, ?)",
                       (owner, relation, None if owner == "me" else said, value, turn.now.timestamp()))
        row = {"subject": owner, "relation": relation, "said_subject": None if owner == "me" else said, "value": value}
        previous = old[0]["value"] if old and old[0]["value"] != value else None
        return self._sentence(row), previous

    # -- turns --------------------------------------------------------------------------------------

    def _legacy_match(self, subject: str) -> list:
        rows = self._store.read("SELECT * FROM memory WHERE relation IS NULL ORDER BY id DESC")
        want = subject.lower().strip()
        exact = [r for r in rows if r["subject"] == want]
        if exact:
            return exact
        scored = []
        for r in rows:
            s = r["subject"]
            if want in s or s in want or (want.split("'")[0] == s.split("'")[0] and len(want) > 2 and "'" in s):
                scored.append((1.0, r))
                continue
            ratio = difflib.SequenceMatcher(None, want, s).ratio()
            if ratio >= 0.72:
                scored.append((ratio, r))
        best = max((x[0] for x in scored), default=0.0)
        return [r for score, r in scored if score == best]

    def _about_person(self, name: str) -> list[str]:
        """Everything known about one person: their relations, and who they are to others."""
        key = name.lower()
        rows = self._store.read("SELECT * FROM memory WHERE relation IS NOT NULL ORDER BY id")
        own = [self._sentence(r) for r in rows if r["subject"] == key]
        others = []
        for r in rows:
            if r["value"].lower() == key and r["subject"] != key:
                whose = "your" if r["subject"] == "me" else f"{r['said_subject'] or r['subject'].capitalize()}'s"
                others.append(f"{r['value']} is {whose} {r['relation']}")
        return others + own

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        if intent == "memory.remember":
            return self._remember(slots, turn)
        if intent == "memory.recall":
            return self._recall(slots, turn)
        if intent == "memory.remind_yearly":
            return self._remind_yearly(slots, turn)
        return self._forget(slots, turn)

    def _remember(self, slots: dict, turn: Turn) -> SkillReply:
        subject = (slots.get("subject") or "").strip().lower()
        value = (slots.get("value") or "").strip()
        if not subject or not value:
            return SkillReply("What should I remember?")
        said: list[str] = []
        if slots.get("link_subject") and slots.get("link_value"):
            linked = self._store_relation(str(slots["link_subject"]), str(slots["link_value"]), turn)
            if linked:
                said.append(linked[0])
        if subject != USER_NAME:
            stored = self._store_relation(subject, value, turn)
            if stored is not None:
                sentence, previous = stored
                said.append(sentence)
                text = join_words(said)
                text = text[:1].upper() + text[1:]
                if previous:
                    reply = f"Updated: {text}, not {previous}."
                else:
                    reply = turn.say.choice((f"Got it: {text}.", f"I'll remember that. {text}.", f"Noted: {text}."))
                if re.search(r"\b(?:birthday|anniversary)$", subject) and self._date_of(value, turn) is not None \
                        and self._set_reminder is not None:
                    if previous and self._yearly_reminders(subject):  # the yearly reminder follows the corrected date
                        moved = self._remind_yearly({"subject": subject}, turn)
                        return SkillReply(f"{reply} {moved.text}")
                    reply += " Shall I remind you every year?"
                return SkillReply(reply)
        if subject == USER_NAME:
            value = " ".join(w.capitalize() for w in value.split())
        with self._store.transaction() as db:
            if subject == "me":
                db.execute("DELETE FROM memory WHERE subject = ? AND value = ?", (subject, value))
            else:
                db.execute("DELETE FROM memory WHERE subject = ?", (subject,))
            db.execute("INSERT INTO memory (subject, value, created_at) VALUES (?, ?, ?)", (subject, value, turn.now.timestamp()))
        if subject == USER_NAME:
            return SkillReply(turn.say.choice((f"Nice to meet you, {value}.", f"{value}. I'll remember that.",
                                               f"Lovely name, {value}. I won't forget it.")))
        sentence = _fact_sentence(subject, value)
        return SkillReply(turn.say.choice((f"Got it: {sentence}.", f"I'll remember that {sentence}.",
                                           f"Okay, I've made a note in my memory: {sentence}.")))

    def _recall(self, slots: dict, turn: Turn) -> SkillReply:
        subject = (slots.get("subject") or "me").strip().lower()
        if subject in ("me", "myself"):
            facts = [(s, v) for s, v in self.facts() if s == "me" or s.startswith("my ")]
            if slots.get("query"):
                facts = [(s, v) for s, v in facts if str(slots["query"]).lower() in v.lower()]
                if not facts:
                    return SkillReply(f"You haven't told me of anything you're {slots['query']} to or of.")
            if not facts:
                return SkillReply("I don't know much about you yet. Tell me something, like \"remember that I love jazz\".")
            parts = [f"your name is {v}" if s == USER_NAME else (second_person(v) if s == "me" else f"{second_person(s)} is {v}")
                     for s, v in facts]
            lead = "" if slots.get("query") else f"Here's what I know{turn.to_user}: "
            text = lead + join_words(parts) + "."
            return SkillReply(text[:1].upper() + text[1:])
        if subject == USER_NAME:
            name = self.user_name()
            return SkillReply(f"You're {name}." if name else "You haven't told me your name yet. What should I call you?")
        rows, missing = self._resolve(subject)
        if rows:
            text = join_words([self._sentence(r) for r in rows[-4:]])
            return SkillReply(text[:1].upper() + text[1:] + ".")
        if missing:
            return SkillReply(f"I don't know who {_speak_subject(missing)} is yet. You can tell me.")
        if _split(subject) is None and re.fullmatch(r"[a-z][a-z'-]*", subject):
            about = self._about_person(subject)
            if about:
                text = join_words(about)
                return SkillReply(f"About {subject.capitalize()}: {text}.")
        legacy = self._legacy_match(subject)
        wrote = self._heard_from(subject, turn) if not legacy and self._heard_from is not None \
            and re.fullmatch(r"[a-z][a-z'-]*", subject) else None
        if wrote:
            return SkillReply(f"You haven't told me about {subject.capitalize()} yet, but {wrote} Tell me who they are, "
                              "and I'll remember.")
        if not legacy:
            named = subject.capitalize() if re.fullmatch(r"[a-z][a-z'-]*", subject) else _speak_subject(subject)  # a name, mostly
            return SkillReply(turn.say.choice((f"I don't know {named} yet. You can tell me, and I'll remember.",
                                               f"You haven't told me about {named}.")))
        text = join_words([_fact_sentence(r["subject"], r["value"]) for r in legacy[:4]])
        return SkillReply(text[0].upper() + text[1:] + ".")

    def _forget(self, slots: dict, turn: Turn) -> SkillReply:
        if slots.get("all"):
            n = self._store.write("DELETE FROM memory WHERE subject != ?", (USER_NAME,))
            return SkillReply(f"Done, I've forgotten {n} thing{'s' if n != 1 else ''}.")
        subject = (slots.get("subject") or "").strip().lower()
        if subject:
            rows, _ = self._resolve(subject)
            rows = rows or self._legacy_match(subject)
        else:
            rows = self._store.read("SELECT * FROM memory ORDER BY id DESC LIMIT 1")
        if not rows:
            return SkillReply(f"I don't have anything about {_speak_subject(subject)} to forget." if subject else "There's nothing to forget.")
        for r in rows:
            self._store.write("DELETE FROM memory WHERE id = ?", (r["id"],))
        what = self._sentence(rows[0]) if rows[0]["relation"] is not None else _speak_subject(rows[0]["subject"])
        return SkillReply(f"Okay, I've forgotten that {what}.")

    # -- yearly reminders ---------------------------------------------------------------------------

    def date_of(self, subject: str, turn: Turn):
        """The next date of a remembered day ("my birthday", "Amy's birthday"), or None when it was
        not told or holds no date ("how many days until my birthday")."""
        rows, _missing = self._resolve(subject.lower())
        rows = rows or self._legacy_match(subject)
        return self._date_of(rows[-1]["value"], turn) if rows else None

    @staticmethod
    def _date_of(value: str, turn: Turn):
        when = find_when(value.lower(), turn.now)
        return when.at.date() if when is not None and when.has_date else None

    def _reminder_text(self, row) -> str:
        occasion = row["relation"]
        return f"it's your {occasion} today" if row["subject"] == "me" else \
            f"wish {row['said_subject'] or row['subject'].capitalize()} a happy {occasion}"

    def _yearly_reminders(self, subject: str) -> list:
        """Pending yearly reminders made from this remembered date (found by their words)."""
        rows, _ = self._resolve(subject)
        if not rows:
            return []
        return self._store.read("SELECT id FROM reminders WHERE state = 'pending' AND repeat LIKE 'yearly:%' AND text = ?",
                                (self._reminder_text(rows[-1]),))

    def _remind_yearly(self, slots: dict, turn: Turn) -> SkillReply:
        if slots.get("decline"):
            return SkillReply("Okay, I won't.")
        rows, _ = self._resolve(str(slots.get("subject") or ""))
        day = self._date_of(rows[-1]["value"], turn) if rows else None
        if not rows or day is None or self._set_reminder is None:
            return SkillReply("I don't have a date to remind you of.")
        row = rows[-1]
        due = datetime.combine(day, datetime.min.time().replace(hour=9), turn.now.tzinfo)
        while due <= turn.now:
            due = due.replace(year=due.year + 1) if not (due.month == 2 and due.day == 29) else due + timedelta(days=365)
        for old in self._yearly_reminders(str(slots.get("subject") or "")):  # one yearly reminder per date, never two
            self._store.write("UPDATE reminders SET state = 'cancelled' WHERE id = ?", (old["id"],))
        text = self._reminder_text(row)
        return self._set_reminder({"due": due.isoformat(), "text": text, "repeat": f"yearly:{day:%m-%d}"}, turn)
