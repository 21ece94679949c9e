"""Memory: what the user tells the OS about themselves and the people in their life.

A fact about a person is kept as subject / relation / value with the user's capitals ("Amy" /
"birthday" / "June 3rd"; "me" / "sister" / "Rachel"), so questions can walk the relations: "what's
my sister's dog called?" is my sister -> Rachel, Rachel's dog -> Biscuit; "who's Paul married to?"
finds Paul's wife (or the person whose husband Paul is). Free-form facts ("I'm allergic to
shellfish") are kept whole about "me". A remembered birthday becomes a yearly reminder when the
user says yes to the offer.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import time
from datetime import datetime, timedelta
from typing import Callable

from ..numbers import NUMBER_WORDS_RE, parse_number
from ..phrasing import first_upper, join_words, second_person
from ..places import zone_of
from ..store import Store
from ..timeparse import find_when
from ..types import SkillReply
from .base import Turn
from .notes import NotesSkill
from .memory_people import People
from .memory_search import BREEDS, Fact, answering, is_question
from .memory_words import (FAMILY, KINDS, NAME_WORDS, NAMED, PETS, PLURAL, QUESTION_WORDS, THINGS, answers, asked_topic, cased_value,
                           fact_sentence, is_predicate, looks_like_names, me_kind, not_told, number_word, said_otherwise, said_words_match,
                           ours_as_mine, speak_subject, split_phrase, together)
from .memory_words import replaced as said_instead

USER_NAME = "my name"
_NOT_KNOWN = ("You haven't told me", "I don't know")  # how this skill's replies start when it was not told
# Words a fact may use for the thing asked about ("Ellie has two little ones" answers "Ellie's kids").
_SAID_AS = {"kids": ("kids", "children", "little ones", "sons", "daughters"), "children": ("kids", "children", "little ones"),
            "birthday": ("birthday", "born"), "wife": ("wife", "married"), "husband": ("husband", "married"),
            "job": ("job", "works", "teaches"), "address": ("address", "lives")}


def _mentions(fact: str, thing: str) -> bool:
    """Whether a fact speaks of the thing asked about, in its own words or one of _SAID_AS."""
    words = _SAID_AS.get(thing, (thing,))
    return any(re.search(rf"\b{re.escape(w)}\b", fact.lower()) for w in words)
_SETTINGS_NAME_KEY = "user_name_in_settings"  # the settings file's user name when last seen
_PET_WORDS = ("dog", "doggy", "pup", "puppy", "cat", "kitty", "kitten", "horse", "pony", "pet", "rabbit", "bunny", "bird", "parrot")
# "has got a blue heeler called Dusty": an animal by its breed, not a boat, a car or a business called something
_HAS_ONE_CALLED = re.compile(r"\bha(?:s|ve)(?: got)? an? (?![a-z ]*\b(?:boat|car|van|truck|ute|bike|motorbike|caravan|house|shop|business|band|"
                             r"company|firm|cafe|pub|restaurant|farm|podcast|channel|book)\b)[a-z ]+? (?:called|named) \w+", re.IGNORECASE)


_SECRETS = {"password": "code", "passcode": "code", "pin": "code", "combination": "code", "combo": "code"}
"""Words for what opens a thing, one for another: "the wifi code" is the wifi password."""


def _without_place(phrase: str) -> str:
    """A code's thing without where it is: "locker at work combination" and "locker code at Altnagelvin" are both the locker's."""
    phrase = re.sub(r" (?:at|in|on|for) (?:the |my |our )?[a-z']+(?: [a-z']+)?(?= (?:code|combination|combo|password|pin|number)$)", "", phrase)
    return re.sub(r"\b(code|combination|combo|password|pin|number) (?:at|in|on|for) (?:the |my |our )?[a-z' ]+$", r"\1", phrase)


def _content_words(phrase: str) -> frozenset:
    return frozenset(_SECRETS.get(w, w) for w in re.findall(r"[a-z0-9']+", phrase.lower())
                     if w not in ("the", "my", "our", "at", "in", "for", "of", "on", "down", "up", "over", "round"))


_HERD_NAMES = {"cattle": "cows", "cows": "cattle", "sheep": "ewes", "ewes": "sheep", "hens": "chickens", "chickens": "hens"}
"""A herd or flock asked of by another of its names than it was told with: each name, and the one to try next."""


def _kind_of_deed(value: str) -> str:
    """Which of a person's facts a new one replaces: the same verb ("lives in York" of "lives in
    Leeds"), and for "is" what they are ("is eight" of "is seven"; an allergy only when said instead of
    another, `_store_phrase`), never another kind ("is allergic to cats" keeps "is a teacher"); a verb
    with a place after it is another kind than the verb with what it does ("teaches at" and "teaches")."""
    words = value.lower().split()
    words[0] = "lives" if words[0] in ("stays", "resides") else words[0]  # "stays in Dundee" is where she lives
    if words[0] not in ("is", "are", "was", "were") and len(words) > 1 and words[0] not in ("lives", "works") \
            and words[1] in ("at", "in", "on", "for", "with", "near"):
        return f"{words[0]} {words[1]}"  # "teaches mathematics" is kept beside "teaches at Sir Samuel Baker School"
    if words[0] not in ("is", "are", "was", "were") or len(words) < 2:
        return words[0]
    said = words[1]
    if said in ("a", "an", "the"):
        return "is a"
    if said.isdigit() or said in ("years", "aged") or parse_number(said) is not None:
        return "is age"
    return f"is {said}"


def _swapped(told: str, new: str, old_words: str) -> bool:
    """Whether `new` is the fact `told` with other words where `old_words` stood ("I'm allergic to
    shellfish" and "I'm allergic to peanuts", of "shellfish")."""
    said = re.search(rf"(?<![\w']){re.escape(old_words.lower())}(?![\w'])", told.lower())
    if said is None:
        return False
    before, after = told[:said.start()].lower(), told[said.end():].lower()
    return new.lower().startswith(before) and new.lower().endswith(after) and len(new) > len(before) + len(after)


def _a_thing_of_mine(row) -> bool:
    """A fact kept under a thing, not a person: "the rental car is a silver Corolla", "the gate code
    is 4412". "What car am I driving?" may be answered by it; "my sister", "Tom's van" are others'."""
    subject = row["subject"]
    if row["relation"] is not None or " " not in subject or "'" in subject:
        return False
    words = subject.split()
    if words[0] in ("my", "our", "the"):
        words = words[1:]
    return not any(w in NAMED | FAMILY or w.rstrip("s") in NAMED | FAMILY for w in words)


class MemorySkill:
    intents = ("memory.remember", "memory.recall", "memory.forget", "memory.remind_yearly")

    def __init__(self, store: Store, configured_user_name: str | None = None,
                 set_reminder: Callable[[dict, Turn], SkillReply] | None = None,
                 heard_from: Callable[[str, Turn], str | None] | None = None) -> None:
        self._store = store
        self._set_reminder = set_reminder
        self._heard_from = heard_from  # EmailSkill.last_word_from: "who is Amy?" of someone who only wrote
        self._people = People(store)
        self._notes = NotesSkill(store)  # a fact asked for may have been taken down as a note
        self._just_told: tuple[str, datetime] | None = None  # the subject last told, and when: a correction follows it
        self._offered: tuple[datetime, list[str]] | None = None  # dates offered as yearly reminders, not yet answered, and when
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

    def facts(self) -> list[tuple[str, str]]:
        return [(self._people.phrase(r), r["value"]) for r in self._store.read("SELECT * FROM memory ORDER BY id")]

    def _store_relation(self, phrase: str, value: str, turn: Turn) -> tuple[str, str | None] | None:
        """Keep "paul's wife" = "Tatiana" as ("paul", "wife", "Tatiana"). Returns (sentence, old value) or None."""
        split = split_phrase(phrase)
        if split is None:
            return None
        owner, relations = split
        said = "me" if owner == "me" else owner.capitalize()
        for relation in relations[:-1]:  # "my sister's dog": my sister is Rachel, so Rachel's dog
            rows = self._people.lookup(owner, relation)
            if not rows:
                return None
            said = rows[-1]["value"]
            owner = said.lower()
        relation = relations[-1]
        value = cased_value(relation, value)
        with self._store.transaction() as db:
            old = db.execute("SELECT value FROM memory WHERE subject = ? AND relation = ? ORDER BY id DESC",
                             (owner, relation)).fetchall()
            db.execute("DELETE FROM memory WHERE subject = ? AND relation = ?", (owner, relation))
            for row in db.execute("SELECT id, value FROM memory WHERE relation IS NULL AND subject = ?", (phrase.lower(),)).fetchall():
                if not is_predicate(row["value"]):  # "my sister lives in Leeds" stays when her name is told
                    db.execute("DELETE FROM memory WHERE id = ?", (row["id"],))
            db.execute("INSERT INTO memory (subject, relation, said_subject, value, created_at) VALUES (?, ?, ?, ?, ?)",
                       (owner, relation, None if owner == "me" else said, value, turn.now.timestamp()))
            if relation in NAMED and relation not in PLURAL and re.fullmatch(r"[A-Za-z][\w'-]*", value):
                # "my mum's birthday is May 2nd", then "my mum is Jean": the birthday is Jean's ("when is Jean's birthday")
                for kept in db.execute("SELECT id, subject, value FROM memory WHERE relation IS NULL AND subject LIKE ?",
                                       (f"{phrase.lower()}'s %",)).fetchall():
                    rest = kept["subject"][len(phrase) + 3:]
                    if rest and "'s " not in rest and not is_predicate(kept["value"]):
                        db.execute("UPDATE memory SET subject = ?, relation = ?, said_subject = ? WHERE id = ?",
                                   (value.lower(), rest, value, kept["id"]))
        row = {"subject": owner, "relation": relation, "said_subject": None if owner == "me" else said, "value": value}
        previous = old[0]["value"] if old and old[0]["value"] != value else None
        return self._people.sentence(row, counted=True), previous

    def _store_phrase(self, subject: str, value: str, turn: Turn, instead_of: str | None = None) -> list[str]:
        """Keep a fact as a phrase row; returns what it replaced. What someone does is kept beside what
        else they do ("lives in Leeds", "works at a bank"), replacing only the same verb ("lives in York"),
        or the same words with `instead_of` where the new fact has others ("allergic to peanuts, not shellfish")."""
        if subject != "me" and is_predicate(value) and _kind_of_deed(value) in ("lives", "works", "is allergic", "is intolerant"):
            # one home and one job at a time: "he works at the hardware store now" of "my husband", told as "Earl works at ..."
            rows = self._person_rows(subject)
        else:
            rows = self._store.read("SELECT id, value FROM memory WHERE subject = ? AND relation IS NULL", (subject,))
        if subject == "me":
            kind = me_kind(value)
            gone = [r for r in rows if r["value"] == value or (kind is not None and me_kind(r["value"]) == kind)
                    or (instead_of and _swapped(r["value"], value, instead_of))]
        elif is_predicate(value) and _kind_of_deed(value) in ("is allergic", "is intolerant"):  # one allergy more, unless said instead
            gone = [r for r in rows if r["value"] == value or (instead_of and _swapped(r["value"], value, instead_of))]
        elif is_predicate(value):
            kind = _kind_of_deed(value)
            gone = [r for r in rows if is_predicate(r["value"]) and _kind_of_deed(r["value"]) == kind]
        else:
            gone = [r for r in rows if not is_predicate(r["value"])]
        if re.match(r"^has (?:my|our) ", value.lower()):  # one holder a thing: "Mr Okafor has it now" of the key Mrs Adamu had
            gone += self._store.read("SELECT id, value FROM memory WHERE relation IS NULL AND subject != ? AND lower(value) = ?",
                                     (subject, value.lower()))
        with self._store.transaction() as db:
            for r in gone:
                db.execute("DELETE FROM memory WHERE id = ?", (r["id"],))
            db.execute("INSERT INTO memory (subject, value, created_at) VALUES (?, ?, ?)", (subject, value, turn.now.timestamp()))
        return [r["value"] for r in gone if r["value"] != value]

    # -- turns --------------------------------------------------------------------------------------

    def _legacy_match(self, subject: str) -> list:
        rows = self._store.read("SELECT * FROM memory WHERE relation IS NULL ORDER BY id DESC")
        want = subject.lower().strip()
        ours = re.sub(r"^my ", "our ", want) if want.startswith("my ") else re.sub(r"^our ", "my ", want)
        exact = [r for r in rows if r["subject"] in (want, ours) or (" " not in want and r["subject"] in (f"our {want}", f"my {want}"))]
        # "my dog" is "our dog"; "Aisha" is "our Aisha", as the north says it
        if exact:
            return exact
        scored = []
        for r in rows:
            s = r["subject"]
            if s == "me" or (want.startswith(f"{s}'s ") and not _mentions(r["value"], want[len(s) + 3:])) \
                    or s.startswith(f"{want}'s "):
                continue  # what Olu does is no answer to "Olu's birthday" ("his wife is called Anna" is, to "Tom's wife"),
                #           nor is what my wife's sister does to "my wife"
            if want in s or s in want or (want.split("'")[0] == s.split("'")[0] and len(want) > 2 and "'" in s):
                scored.append((1.0, r))
                continue
            if _content_words(want) == _content_words(s):  # "gym locker combination" of "locker combination at the gym"
                scored.append((0.95, r))
                continue
            if want.startswith(("my ", "our ")) and len(want.split()) == 2 and s.startswith(("my ", "our ")) and s.split()[-1] == want.split()[-1]:
                scored.append((0.85, r))  # "the pup" of "my husky pup"
                continue
            told = _content_words(s)
            if len(_content_words(want)) >= 2 and all(any(x == w or (len(w) >= 4 and x.endswith(w)) for x in told)
                                                      for w in _content_words(want)):
                scored.append((0.9, r))  # "the shed lock code" of "the code for the padlock on the feed shed"
                continue
            if "'" not in want + s and _content_words(_without_place(want)) == _content_words(_without_place(s)):
                scored.append((0.8, r))  # "the locker at work combination" of "my locker code at Altnagelvin": the one locker code told
                continue
            ratio = difflib.SequenceMatcher(None, want, s).ratio()
            if ratio >= 0.72:
                scored.append((ratio, r))
        best = max((x[0] for x in scored), default=0.0)
        return [r for score, r in scored if score == best]

    def _by_words(self, said: str) -> list:
        """The facts a user names by their own words: "my sister lives in Leeds", "where I parked"."""
        rows = self._store.read("SELECT * FROM memory WHERE subject != ? ORDER BY id", (USER_NAME,))
        first_person = lambda r: r["value"] if r["subject"] == "me" and r["relation"] is None else \
            f"{self._people.phrase(r)} {'' if is_predicate(r['value']) or r['relation'] is not None and r['relation'] in PLURAL else 'is '}{r['value']}"
        found = [r for r in rows if said_words_match(said, first_person(r))]
        topic = asked_topic(said)  # "forget my job", "forget where I live": the fact that answers it
        if not found and topic is not None:
            found = [r for r in rows if r["subject"] == "me" and answers(topic, r["value"])]
        return found

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        if intent == "memory.remember":
            return self._names_aloud(self._remember(slots, turn))
        if intent == "memory.recall":
            return self.recall(slots, "", turn)
        self._just_told = None
        if intent == "memory.remind_yearly":
            return self._names_aloud(self._remind_yearly(slots, turn))
        return self._names_aloud(self._forget(slots, turn))

    def _names_aloud(self, reply: SkillReply) -> SkillReply:
        text = self._say_names(reply.text)
        return reply if text == reply.text else dataclasses.replace(reply, text=text)

    def _say_names(self, text: str) -> str:
        """A person's name in two words ("my grandson Jean Luc") said as their name, never as a thing ("the jean luc")."""
        kin = sorted(NAMED - set(PLURAL))
        rows = self._store.read(  # only the values of two words told of people: not every row, every reply
            f"SELECT DISTINCT lower(value) AS name FROM memory WHERE relation IN ({', '.join('?' * len(kin))}) "
            "AND instr(value, ' ') > 0 AND instr(substr(value, instr(value, ' ') + 1), ' ') = 0", tuple(kin))
        said = text
        for name in {r["name"] for r in rows if re.fullmatch(r"[a-z'-]+ [a-z'-]+", r["name"])}:
            said = re.sub(rf"\b(?:the )?{re.escape(name)}\b", " ".join(w.capitalize() for w in name.split()), said, flags=re.IGNORECASE)
        return first_upper(said) if said != text and text[:1].isupper() else said

    def recall(self, slots: dict, said: str, turn: Turn) -> SkillReply:
        """A question about what was told. When the rules find nothing under the subject they read,
        the facts are searched by the question's own words ("which biscuits does my grandad like":
        "your grandad's favourite biscuits are custard creams")."""
        return self._names_aloud(self._recall_asked(slots, said, turn))

    def _recall_asked(self, slots: dict, said: str, turn: Turn) -> SkillReply:
        self._just_told = None
        reply = self._recall(slots, turn)
        asked = str(slots.get("subject") or "").strip().lower()
        job = re.match(r"^(?P<o>.+)'s (?:job|work|occupation|profession|line of work)$", asked)
        if job and reply.text.startswith(_NOT_KNOWN) and not slots.get("query"):  # "what's Callum's job": what he does for a living
            by_deed = self._recall({"subject": job.group("o"), "query": "work"}, turn)
            reply = reply if by_deed.text.startswith(_NOT_KNOWN) else by_deed
        if slots.get("query") == "work" and reply.text.startswith(_NOT_KNOWN):  # "where does my father do his business": his shop, if told
            shops = self._store.read("SELECT * FROM memory WHERE subject LIKE ? ORDER BY id", (f"{asked}'s %",))
            shop = [r for r in shops if re.search(r"\b(?:shop|business|stall|office|firm|company|workshop|restaurant|cafe|salon|garage|practice|"
                                                  r"surgery|farm|store|kiosk|market)$", r["subject"])]
            reply = SkillReply(first_upper(fact_sentence(shop[-1]["subject"], shop[-1]["value"])) + ".") if shop else reply
        pet = re.match(rf"^(?P<o>.+)'s (?:{'|'.join(_PET_WORDS)})(?:'s name)?$", asked)
        if pet and reply.text.startswith(_NOT_KNOWN):  # "Shane's pup" after "my mate Shane's got a blue heeler called Dusty"
            named = [d for d in self._people.deeds(pet.group("o")) if _HAS_ONE_CALLED.search(d)]
            reply = SkillReply(first_upper(named[-1]) + ".") if named else reply
        if pet and reply.text.startswith(_NOT_KNOWN):  # "my sister's pup" after "my sister Bec has a kelpie called Ruby": the kelpie
            keys = self._people.keys(pet.group("o"))[0]
            breeds = [r for r in self._store.read("SELECT * FROM memory WHERE relation IS NOT NULL ORDER BY id")
                      if r["subject"] in keys and r["relation"] in BREEDS]
            reply = SkillReply(first_upper(self._people.sentence(breeds[-1])) + ".") if breeds else reply
        in_law = re.match(r"^(?P<w>my|our) (?P<r>son|daughter) in law(?P<rest>'s [a-z ]+)?$", asked)
        if in_law and reply.text.startswith(_NOT_KNOWN):  # "my son-in-law" when only "my daughter Ananya is married to Sourav" was told
            child, spouse = ("daughter", "husband") if in_law.group("r") == "son" else ("son", "wife")
            by_marriage = self.recall({**slots, "subject": f"{in_law.group('w')} {child}'s {spouse}{in_law.group('rest') or ''}"},
                                      f"who is {in_law.group('w')} {child}'s {spouse}", turn)
            reply = reply if by_marriage.text.startswith(_NOT_KNOWN) else by_marriage
        if said and reply.text.startswith(_NOT_KNOWN):
            return self.search(said) or self._search_kin_said_otherwise(said) or reply
        return reply

    def _search_kin_said_otherwise(self, said: str) -> SkillReply | None:
        """ "where's my grandma's house" of "my abuela lives in Boyle Heights": the question with its word of
        kin said the way the facts were told (only words the facts hold, so no unknown "pa" finds "my mom")."""
        told = {w for r in self._store.read("SELECT subject, relation FROM memory") for w in re.findall(r"[a-z]+", f"{r[0]} {r[1] or ''}")}
        asked = set(re.findall(r"[a-z]+", said.lower()))
        for other in said_otherwise(said.lower())[1:12]:
            if set(re.findall(r"[a-z]+", other)) - asked <= told and (found := self.search(other)) is not None:
                return found
        return None

    def search(self, said: str) -> SkillReply | None:
        """The facts that answer a question asked in other words than they were told, or None."""
        found = self._search(said)
        return self._names_aloud(found) if found is not None else None

    def _search(self, said: str) -> SkillReply | None:
        if not is_question(said):
            return None
        rows = self._store.read("SELECT * FROM memory WHERE subject != ? ORDER BY id", (USER_NAME,))
        facts, names = [], set()
        who = {r["value"].lower(): r["relation"] for r in rows if r["relation"] is not None and r["relation"] not in PLURAL}
        named = {f"my {r['relation']}": r["value"].lower() for r in rows if r["subject"] == "me" and r["relation"] is not None
                 and r["relation"] not in PLURAL and re.fullmatch(r"[a-z][a-z'-]*", r["value"].lower())}
        for r in rows:
            about = {r["subject"]} if r["relation"] is None and re.fullmatch(r"[a-z][a-z'-]*", r["subject"]) else set()
            if r["relation"] is None and r["subject"] in named:
                about.add(named[r["subject"]])  # "my cat is allergic to fish" is about Tigger, when my cat is Tigger
            if r["relation"] is not None:
                about |= {r["subject"]} | ({r["value"].lower()} if r["relation"] not in PLURAL else set())
            names |= about - {"me"}
            told = self._people.sentence(r) if r["relation"] is not None else self._sentence_of(r["subject"], r["value"])
            mine = (r["subject"] == "me" and (r["relation"] is None or r["relation"] not in NAMED | FAMILY)) or _a_thing_of_mine(r)
            known_as = who.get(r["subject"], "") if r["relation"] is None else ""  # "Pickle is a border terrier": Pickle is the dog
            facts.append(Fact(f"{self._people.phrase(r)} {r['value']} {known_as}", told, frozenset(about), mine))
        found = answering(said, facts, names)
        if not found:
            return None
        text = join_words(list(dict.fromkeys(f.said for f in found[-2:]))) + "."
        return SkillReply(first_upper(text))

    @staticmethod
    def not_told_who(said: str) -> SkillReply | None:
        """ "Who's got the spare key?" when no fact answers it: the OS was not told, and says so."""
        asked = re.sub(r"^(?:(?:so|and|um|er|oh|right|wait) )+", "", said)
        asked = re.sub(r"^who (?:is got|has got|have got|have)\b", "who has", asked)
        if not re.match(r"^who (?:has|looks after|[a-z]{3,}s) (?:the|my|our) [a-z' ]+$", asked):
            return None
        return SkillReply(f"I don't know {second_person(asked)}. You haven't told me.")

    def _confirm(self, text: str, turn: Turn, subject: str, previous: str | None) -> str:
        """ "Got it: your sister lives in Leeds." A correction said right after the fact is a plain
        "Okay, your favourite colour is blue."; a later one says what it replaced."""
        just_told = self._just_told
        self._just_told = (subject, turn.now)
        if previous and just_told is not None and just_told[0] == subject and (turn.now - just_told[1]).total_seconds() < 120:
            return f"Okay, {text}."
        if previous:
            return f"Updated: {text}, not {previous}."
        return turn.say.choice((f"Got it: {text}.", f"I'll remember that. {first_upper(text)}.", f"Noted: {text}."))

    def _remember(self, slots: dict, turn: Turn) -> SkillReply:
        subject = ours_as_mine((slots.get("subject") or "").strip().lower())
        value = (slots.get("value") or "").strip()
        if not subject or not value:
            return SkillReply("What should I remember?")
        said: list[str] = []
        if subject == "me" and slots.get("link_subject") == "me" and slots.get("link_value"):  # "I live in Bristol and work as a nurse"
            self._store_phrase("me", value, turn)
            self._store_phrase("me", str(slots["link_value"]), turn)
            both = f"{second_person(value)} and {second_person(str(slots['link_value']))}"
            return SkillReply(self._confirm(both, turn, subject, None))
        if slots.get("link_subject") and slots.get("link_value"):
            linked = self._store_relation(str(slots["link_subject"]), str(slots["link_value"]), turn)
            if linked:
                said.append(linked[0])
        if subject == "me":
            instead = re.match(r"^(?P<v>.+?),? not (?:the )?(?P<old>[a-z][a-z']*(?: [a-z][a-z']*){0,2})$", value, re.IGNORECASE)
            if instead:  # "I'm allergic to peanuts, not shellfish": said instead of what was told
                value = instead.group("v")
            replaced = self._store_phrase("me", value, turn, instead.group("old") if instead else None)
            sentence = second_person(value)
            previous = second_person(replaced[-1]) if replaced else None
            if previous:
                self._just_told = None
                instead = said_instead(sentence, previous)
                return SkillReply(f"Okay, {sentence} now{', not ' + instead if instead else ''}.")
            return SkillReply(self._confirm(sentence, turn, subject, None))
        split = split_phrase(subject)
        if split is not None and split[1][-1] in NAMED - NAME_WORDS and not is_predicate(value) and not looks_like_names(value) \
                and not subject.endswith("'s name") and not (split[1][-1] in PLURAL and value.isdigit()):
            # "I've got three grandchildren": how many; "my cat's name is mingming": a name, however rare
            # "my wife is a nurse", "my mum is ill", "my kids are at school" say what they are; their names stay
            value = f"{'are' if split[1][-1] in PLURAL else 'is'} {value}"
        if subject != USER_NAME and is_predicate(value):  # what someone does, kept beside who they are
            instead = re.match(r"^(?P<v>.+?),? not (?:the )?(?P<old>[a-z][a-z']*(?: [a-z][a-z']*){0,2})$", value, re.IGNORECASE) \
                if _kind_of_deed(value) in ("is allergic", "is intolerant") else None
            value = instead.group("v") if instead else value  # "she's allergic to milk, not eggs": said instead of what was told
            replaced = self._store_phrase(subject, value, turn, instead.group("old") if instead else None)
            deed = self._people.deeds(subject)[-1] if self._people.deeds(subject) else fact_sentence(subject, value)
            deed = next((d for d in self._people.deeds(subject) if d.endswith(second_person(value[:1].lower() + value[1:]))), deed)
            previous = (said_instead(value, replaced[-1]) or replaced[-1]) if replaced else None  # "not Leeds"
            return SkillReply(self._confirm(deed, turn, subject, previous))
        if subject != USER_NAME:
            stored = self._store_relation(subject, value, turn)
            if stored is not None:
                sentence, previous = stored
                said.append(sentence)
                reply = self._confirm(join_words(said), turn, subject, previous)
                return SkillReply(self._offer_yearly(reply, subject, value, previous, turn))
        if subject == USER_NAME:
            value = " ".join(w.capitalize() for w in value.split())
            with self._store.transaction() as db:
                db.execute("DELETE FROM memory WHERE subject = ?", (subject,))
                db.execute("INSERT INTO memory (subject, value, created_at) VALUES (?, ?, ?)", (subject, value, turn.now.timestamp()))
            return SkillReply(turn.say.choice((f"Nice to meet you, {value}.", f"{value}. I'll remember that.",
                                               f"Lovely name, {value}. I won't forget it.")))
        replaced = self._store_phrase(subject, value, turn)
        reply = self._confirm(fact_sentence(subject, value), turn, subject, replaced[-1] if replaced else None)
        return SkillReply(self._offer_yearly(reply, subject, value, replaced[-1] if replaced else None, turn))

    def _offer_yearly(self, reply: str, subject: str, value: str, previous: str | None, turn: Turn) -> str:
        if re.search(r"\b(?:birthday|anniversary)$", subject) and self._date_of(value, turn) is not None \
                and self._set_reminder is not None:
            if previous and self._yearly_reminders(subject):  # the yearly reminder follows the corrected date
                moved = self._remind_yearly({"subject": subject}, turn)
                return f"{reply} {moved.text}"
            if self._offered is not None and (turn.now - self._offered[0]).total_seconds() < 120 and subject not in self._offered[1]:
                # an offer still waiting for its answer: "my mum's birthday is ... and my dad's is ..."
                self._offered[1].append(subject)
                return reply + f" Shall I remind you of {'both' if len(self._offered[1]) == 2 else 'them'} every year?"
            self._offered = (turn.now, [subject])
            return reply + " Shall I remind you every year?"
        return reply

    def _recall_me(self, query: str | None, turn: Turn) -> SkillReply:
        query = "allergic" if query == "allerg" else query  # "do I have any allergies"
        facts = [(s, v) for s, v in self.facts() if s == "me" or s.startswith("my ") or (query and s in THINGS)]
        if query:  # "where do I live": not "your sister lives in Leeds"; "which mooring am I on": the boat's
            facts = [(s, v) for s, v in facts if s in ("me", USER_NAME) or s.split("'s ")[0][3:] not in NAMED]
            said = [(s, v, second_person(v) if s == "me" else self._sentence_of(s, v)) for s, v in facts if s != USER_NAME]
            found = [x[2] for x in said if answers(query, x[2])]
            if not found:
                if query.lower() in ("allergic", "intolerant", "sensitive", "afraid", "scared"):
                    return SkillReply(f"You haven't told me of anything you're {query} {'of' if query in ('afraid', 'scared') else 'to'}.")
                return SkillReply(f"You haven't told me {not_told(query, 'you')}.")
            text = join_words(found[-3:]) + "."
            return SkillReply(first_upper(text))
        if not facts:
            return SkillReply("I don't know much about you yet. Tell me something, like \"remember that I love jazz\".")
        parts = [f"your name is {v}" if s == USER_NAME else self._sentence_of(s, v) for s, v in facts]
        text = f"Here's what I know{turn.to_user}: " + join_words(parts) + "."
        return SkillReply(first_upper(text))

    def _sentence_of(self, phrase: str, value: str) -> str:
        if phrase == "me":
            return second_person(value)
        split = split_phrase(phrase)
        if split is not None and split[0] == "me" and len(split[1]) == 1 and not is_predicate(value) \
                and split[1][0] in NAMED | {"birthday", "anniversary"}:
            return self._people.sentence({"subject": "me", "relation": split[1][0], "said_subject": None, "value": value})
        return fact_sentence(phrase, value)

    def _recall(self, slots: dict, turn: Turn) -> SkillReply:
        subject = ours_as_mine((slots.get("subject") or "me").strip().lower())
        query = str(slots.get("query") or "").strip() or None
        if subject in ("me", "myself"):
            return self._recall_me(query, turn)
        if subject == USER_NAME:
            name = self.user_name()
            return SkillReply(f"You're {name}." if name else "You haven't told me your name yet. What should I call you?")
        if subject in ("my family", "my people", "my relatives", "my loved ones"):
            family = self._people.family()
            if not family:
                return SkillReply("You haven't told me about your family yet. You can, like \"my sister's name is Rachel\".")
            text = join_words(family) + "."
            return SkillReply(first_upper(text))
        if re.fullmatch(r"[a-z][a-z'-]*", subject) and not self._store.read("SELECT 1 FROM memory WHERE subject = ?", (subject,)) \
                and self._store.read("SELECT 1 FROM memory WHERE subject = ?", (f"our {subject}",)):
            subject = f"our {subject}"  # "which school is Aisha at" after "our Aisha goes to St Mary's", as the north says it
        rows, missing = self._people.resolve(subject)
        said_as = re.match(r"^(my|our) ([a-z]+)$", subject)
        if query == "how many" and not rows and said_as:  # "how many sheep have I got" of "I've got 140 ewes": told as the ewes
            rows = next((found for kind in KINDS.get(said_as.group(2), ())
                         if (found := self._people.resolve(f"{said_as.group(1)} {kind}")[0])), rows)
        if query == "how many":
            if rows and rows[-1]["relation"] in PLURAL:
                return SkillReply(first_upper(self._people.sentence(rows[-1], counted=True)) + ".")
            deeds = self._people.deeds(subject)
            counts = [d for d in deeds if re.search(rf"\bha(?:s|ve)(?: got)? (?:\d+|{NUMBER_WORDS_RE})\b", d)] or \
                [d for d in deeds if re.search(rf"\b(?:\d+|{NUMBER_WORDS_RE})(?: (?:hundred|thousand))? [a-z]+", d)]
            if counts:  # "how many children does Juma have" after "he has three children"; "how many cows ..." after "milks 600 cows"
                return SkillReply(first_upper(counts[-1]) + ".")
            kind = said_as.group(2) if said_as else None
            mine = [r["value"] for r in self._store.read("SELECT value FROM memory WHERE subject = 'me' AND relation IS NULL ORDER BY id")
                    if kind and re.search(rf"\b(?:\d+|{NUMBER_WORDS_RE}) {re.escape(kind)}\b", r["value"], re.IGNORECASE)]
            if mine:  # "how many dogs have I got" after "I've got two dogs and a cat": told of the user, not of the dogs
                return SkillReply(first_upper(second_person(mine[-1])) + ".")
            return SkillReply(f"You haven't told me how many {subject.split()[-1]} you have."
                              if split_phrase(subject) is not None and subject.startswith(("my ", "our ")) else
                              f"You haven't told me that about {speak_subject(subject)}.")
        named = subject.capitalize() if re.fullmatch(r"[a-z][a-z'-]*", subject) else speak_subject(subject)
        if query:  # "where does Tom work": only what answers it
            answered = self._answer(subject, rows, query)
            if answered is not None:
                return SkillReply(answered)
            if query in QUESTION_WORDS and not self._store.read("SELECT 1 FROM memory WHERE subject = ?", (subject,)):
                return SkillReply(f"You haven't told me {not_told(query, speak_subject(subject))}.")
        if rows and rows[-1]["relation"] in PLURAL and re.fullmatch(r"\d+", rows[-1]["value"]):
            n = int(rows[-1]["value"])
            return SkillReply(f"You've told me you have {number_word(n)} {rows[-1]['relation']}, but not their names.")
        asks_name = subject.endswith("'s name")
        split = split_phrase(subject)
        # "when's Olu's birthday": a thing of theirs, not them; what Olu does is no answer to it
        of_theirs = split is not None and bool(split[1]) and split[1][-1] not in NAMED | FAMILY | set(PLURAL)
        deeds = [] if asks_name or of_theirs else self._people.deeds(subject) if split_phrase(subject) is not None or not re.fullmatch(r"[a-z][a-z'-]*", subject) else []
        if rows:
            said = deeds or [self._people.sentence(r) for r in rows[-4:]]
            if deeds and (rows[-1]["relation"] is None or rows[-1]["relation"] not in NAMED - set(PLURAL)):
                said = [self._people.sentence(r) for r in rows[-4:]] + deeds
            text = join_words(together(said))
            return SkillReply(first_upper(text) + ".")
        if deeds:
            text = join_words(together(deeds[-4:]))
            plain = [r for r in self._legacy_match(subject) if r["subject"] == subject and not is_predicate(r["value"])]
            if plain:
                text = join_words([fact_sentence(subject, r["value"]) for r in plain] + deeds[-3:])
            return SkillReply(first_upper(text) + ".")
        if split_phrase(subject) is None and re.fullmatch(r"[a-z][a-z'-]*", subject) and subject not in THINGS:
            about = self._people.about_person(subject)
            if about:
                return SkillReply(f"About {subject.capitalize()}: {self._people.about_person_said(subject)}")
        said = said_otherwise(subject)  # "my mum's birthday" told as "my mammy's birthday"
        legacy = [r for r in self._store.read(f"SELECT * FROM memory WHERE relation IS NULL AND subject IN ({','.join('?' * len(said))}) ORDER BY id",
                                              tuple(said))]
        if missing and not legacy:
            return SkillReply(f"I don't know who {speak_subject(missing)} is yet. You can tell me.")
        legacy = legacy or self._legacy_match(subject)
        wrote = self._heard_from(subject, turn) if not legacy and self._heard_from is not None \
            and re.fullmatch(r"[a-z][a-z'-]*", subject) else None
        if wrote:
            return SkillReply(f"You haven't told me about {subject.capitalize()} yet, but {wrote} Tell me who they are, "
                              "and I'll remember.")
        if not legacy and subject.startswith("my "):  # "where's my passport": "I've left my passport in the drawer"
            mine = [v for s, v in self.facts() if s == "me" and _mentions(v, subject[3:])]
            if mine:
                return SkillReply(first_upper(second_person(mine[-1])) + ".")
        noted = self._notes.answer(subject, turn) if not legacy and not missing else None
        if noted:  # "what's the wifi password?" taken down as a note rather than told as a fact
            return SkillReply(noted)
        meant = self._people.sounds_like(subject) if not legacy else None
        if meant is not None:  # misheard: "what's my local number?" for the locker number
            return SkillReply(f"{first_upper(self._people.sentence(meant))}, if that's what you meant.")
        if not legacy:
            return SkillReply(turn.say.choice((f"I don't know {named} yet. You can tell me, and I'll remember.",
                                               f"You haven't told me about {named}.")))
        text = join_words([fact_sentence(r["subject"], r["value"]) for r in legacy[:4]])
        return SkillReply(first_upper(text) + ".")

    def _answer(self, subject: str, rows: list, query: str) -> str | None:
        """The facts about a subject that answer the question's word; for a person with none that do,
        "You haven't told me where Tom works." (never another fact about them, but what they do when asked
        about their work); None when nothing is known about the subject at all."""
        is_name = split_phrase(subject) is None and bool(re.fullmatch(r"[a-z][a-z'-]*", subject))
        split = split_phrase(subject)
        person = is_name or (split is not None and split[1][-1] in NAMED - PETS)
        deeds = self._people.deeds(subject)
        plain = [fact_sentence(subject, r["value"]) for r in
                 self._store.read("SELECT * FROM memory WHERE relation IS NULL AND subject = ? ORDER BY id", (subject,))
                 if not is_predicate(r["value"])]
        pool = deeds + (self._people.about_parts(subject)[0] if is_name else [self._people.sentence(r) for r in rows if r["relation"] is not None] + plain)
        found = list(dict.fromkeys(x for x in pool if answers(query, x)))
        if found:
            text = join_words(together(found[-3:])) + "."
            return first_upper(text)
        if not pool:
            return None
        if not person:  # "when does my sister's flight land", told before verbs were kept: what there is about it
            text = join_words(pool[-3:]) + "."
            return first_upper(text)
        _, name = self._people.keys(subject)
        who = self._people.intro(name) if name else speak_subject(subject)
        done = [d for d in deeds if not any(answers(q, d) for q in ("live", "from", "like", "hate", "eat", "drive", "age", "park"))]
        if query == "work" and done:  # "what's Tomasi do for work" after "he skippers the dinghy for the crayfish": what he does
            return f"You haven't told me {not_told(query, who)}, but you said {done[-1]}."
        worked = [x for x in pool if answers("work", x) and re.search(r"\bin (?!(?:the|a|an|my|his|her)\b)", x)]
        if query == "live" and worked:  # "which country is Rhea in" after "she's working in Doha": the place she works in, said as that
            #                             (never "works at the hospital" for where someone lives)
            return f"You haven't told me {not_told(query, who)}, but you said {worked[-1]}."
        return f"You haven't told me {not_told(query, who)}."

    def _forget(self, slots: dict, turn: Turn) -> SkillReply:
        if slots.get("all"):
            n = self._store.write("DELETE FROM memory WHERE subject != ?", (USER_NAME,))
            return SkillReply(f"Done, I've forgotten {n} thing{'s' if n != 1 else ''}.")
        subject = (slots.get("subject") or "").strip().lower()
        if subject:
            if split_phrase(subject) is None and re.fullmatch(r"[a-z][a-z'-]*", subject) and self._people.about_person(subject):
                return self._forget_person(subject)
            rows = self._find(subject)
            rows = rows or self._by_words(subject) or self._legacy_match(subject)
        else:
            rows = self._store.read("SELECT * FROM memory ORDER BY id DESC LIMIT 1")
        if not rows:
            meant = self._people.sounds_like(subject) if subject else None
            if meant is not None:  # never forgotten on a guess: the user says it again
                mine = self._people.phrase(meant)
                return SkillReply(f"I don't have anything about {speak_subject(subject)} to forget. Did you mean "
                                  f"{speak_subject(mine)}? Say \"forget {mine}\", and I will.")
            return SkillReply(f"I don't have anything about {speak_subject(subject)} to forget." if subject else "There's nothing to forget.")
        what = self._people.sentence(rows[0]) if rows[0]["relation"] is not None else fact_sentence(rows[0]["subject"], rows[0]["value"])
        for r in rows:
            self._store.write("DELETE FROM memory WHERE id = ?", (r["id"],))
        return SkillReply(f"Okay, I've forgotten that {what}.")

    def _forget_person(self, name: str) -> SkillReply:
        """ "Forget Tom": who he is to anyone, his own relations, and what he does."""
        keys, _ = self._people.keys(name)
        ids = {r["id"] for r in self._people.relations_to(name) if r["relation"] not in PLURAL}
        ids |= {r["id"] for r in self._store.read("SELECT id FROM memory WHERE relation IS NOT NULL AND subject = ?", (name,))}
        ids |= {r["id"] for r in self._store.read("SELECT id, subject, value FROM memory WHERE relation IS NULL")
                if r["subject"] == name or (r["subject"] in keys and is_predicate(r["value"]))}
        with self._store.transaction() as db:
            for i in ids:
                db.execute("DELETE FROM memory WHERE id = ?", (i,))
        return SkillReply(f"Okay, I've forgotten what you told me about {name[:1].upper() + name[1:]}.")

    def _find(self, subject: str) -> list:
        """The rows a phrase names: by relation ("my sister's dog"), else kept as that phrase; a herd
        by its other name when none is kept by this one ("how many cattle" of "we have two cows")."""
        rows = self._find_as_said(subject)
        said = re.match(r"^(?P<w>my|our) (?P<k>[a-z]+)$", subject)
        if not rows and said and said.group("k") in _HERD_NAMES:
            return self._find_as_said(f"{said.group('w')} {_HERD_NAMES[said.group('k')]}")
        return rows

    def _find_as_said(self, subject: str) -> list:
        rows, _ = self._people.resolve(subject)
        if rows:
            return rows
        return self._store.read("SELECT * FROM memory WHERE relation IS NULL AND subject = ? ORDER BY id", (subject,))

    def _person_rows(self, subject: str) -> list:
        """The phrase rows kept of one person under any of the phrases that name them ("Earl", "my husband"), oldest first."""
        keys = sorted(self._people.keys(subject)[0])
        return self._store.read(f"SELECT id, value FROM memory WHERE subject IN ({', '.join('?' * len(keys))}) AND relation IS NULL "
                                "ORDER BY id", tuple(keys))

    def told_of_event(self, name: str) -> str | None:
        """What was told of an occasion asked about on the calendar ("when's the wedding" after "my
        cousin's wedding is on the twenty-third"): the latest fact whose subject ends in its name, as
        a sentence; None when none does."""
        name = re.sub(r"^(?:the|my|our) ", "", name.strip().lower())
        if not name:
            return None
        rows = self._store.read("SELECT subject, value FROM memory WHERE relation IS NULL AND (subject = ? OR subject LIKE ?) "
                                "ORDER BY id DESC LIMIT 1", (name, f"% {name}"))
        return f"{first_upper(self._sentence_of(rows[0]['subject'], rows[0]['value']))}." if rows else None

    def whereabouts(self, subject: str) -> tuple[str, str] | None:
        """Where a remembered person lives ("Aroha" -> "dunedin", "lives"), else the place with a time
        zone they were last told to be in ("works for a builder in Dubai" -> "dubai", "is"); None when
        neither was told."""
        rows = [r["value"].lower() for r in reversed(self._person_rows(subject.lower().strip()))]
        lives = (re.match(r"^(?:lives|is living|is based) (?:in|at) (?P<p>[a-z' -]+?)(?: now)?$", value) for value in rows)
        home = next((m.group("p") for m in lives if m), None)
        if home is not None:
            return home, "lives"
        for value in rows:
            words = re.sub(r" (?:now|these days|at the moment)$", "", value).split()
            placed = next((" ".join(words[-n:]) for n in (3, 2, 1) if len(words) > n and words[-n - 1] == "in"
                           and zone_of(" ".join(words[-n:])) is not None), None)
            if placed is not None:
                return placed, "is"
        return None

    # -- yearly reminders ---------------------------------------------------------------------------

    def date_of(self, subject: str, turn: Turn):
        """The next date of a remembered day ("my birthday", "Amy's birthday"), or None when it was
        not told or holds no date ("how many days until my birthday")."""
        rows = self._find(subject.lower()) or self._legacy_match(subject)
        return self._date_of(rows[-1]["value"], turn) if rows else None

    @staticmethod
    def _date_of(value: str, turn: Turn):
        when = find_when(value.lower(), turn.now)
        return when.at.date() if when is not None and when.has_date else None

    def _reminder_text(self, row) -> str:
        if row["relation"] is None:  # "my mum's birthday", kept as a phrase while her name is not known
            owner, _, occasion = row["subject"].rpartition(" ")
            owner = owner.removesuffix("'s")
            return f"it's your {occasion} today" if owner == "my" else self._say_names(f"wish {speak_subject(owner)} a happy {occasion}")
        occasion = row["relation"]
        return f"it's your {occasion} today" if row["subject"] == "me" else \
            f"wish {row['said_subject'] or row['subject'].capitalize()} a happy {occasion}"

    def _yearly_reminders(self, subject: str) -> list:
        """Pending yearly reminders made from this remembered date (found by their words)."""
        rows = self._find(subject)
        if not rows:
            return []
        return self._store.read("SELECT id FROM reminders WHERE state = 'pending' AND repeat LIKE 'yearly:%' AND text = ?",
                                (self._reminder_text(rows[-1]),))

    def _remind_yearly(self, slots: dict, turn: Turn) -> SkillReply:
        offered, self._offered = self._offered, None
        if slots.get("decline"):
            return SkillReply("Okay, I won't.")
        subject = str(slots.get("subject") or "")
        if offered is not None and len(offered[1]) > 1 and subject in offered[1]:  # "yes" to "Shall I remind you of both?"
            said = [self._remind_yearly_of(s, turn).text for s in offered[1]]
            return SkillReply(" ".join(said[:1] + [re.sub(r"^(?:Sure|Okay|Done|Got it)[.,!]? ", "", t) for t in said[1:]]))
        return self._remind_yearly_of(subject, turn)

    def _remind_yearly_of(self, subject: str, turn: Turn) -> SkillReply:
        rows = self._find(subject)
        day = self._date_of(rows[-1]["value"], turn) if rows else None
        if not rows or day is None or self._set_reminder is None:
            return SkillReply("I don't have a date to remind you of.")
        row = rows[-1]
        due = datetime.combine(day, datetime.min.time().replace(hour=9), turn.now.tzinfo)
        while due <= turn.now:
            due = due.replace(year=due.year + 1) if not (due.month == 2 and due.day == 29) else due + timedelta(days=365)
        for old in self._yearly_reminders(subject):  # one yearly reminder per date, never two
            self._store.write("UPDATE reminders SET state = 'cancelled' WHERE id = ?", (old["id"],))
        text = self._reminder_text(row)
        return self._set_reminder({"due": due.isoformat(), "text": text, "repeat": f"yearly:{day:%m-%d}"}, turn)
