"""The people (and pets) in the user's life as the memory keeps them: who they are to the user
("my brother" = Tom), what they do ("Tom works at the hospital"), and how to name them when saying
it ("your brother Tom"). Only reads: `skills/memory.py` keeps the rows."""

from __future__ import annotations

import re

from ..by_sound import nearest_by_sound
from ..phrasing import join_words, second_person
from ..store import Store
from .memory_words import (ALIASES, FAMILY, HE, NAMED, PETS, PLURAL, SHE, SPOUSE, as_deed, fact_sentence, is_predicate, names_in,
                           number_word, said_otherwise, speak_subject, split_phrase, together)


class People:
    """Who someone is and what they do, read from the memory table."""

    def __init__(self, store: Store) -> None:
        self._store = store

    @staticmethod
    def phrase(row) -> str:
        """A row as the phrase it answers ("paul's wife", "my sister"), for old and new rows alike."""
        if row["relation"] is None:
            return row["subject"]
        return f"my {row['relation']}" if row["subject"] == "me" else f"{row['subject']}'s {row['relation']}"

    def sentence(self, row, counted: bool = False) -> str:
        if row["relation"] is None:
            return fact_sentence(row["subject"], row["value"])
        if row["relation"] == "spouse":
            return f"{row['said_subject'] or row['subject'].capitalize()} is married to {row['value']}"
        me = row["subject"] == "me"
        owner = "your" if me else f"{row['said_subject'] or row['subject'].capitalize()}'s"
        value = row["value"]
        if row["relation"] in PLURAL:  # "your kids are Max and Lily", "you have two kids, Max and Lily"
            who, have = ("you", "have") if me else (row["said_subject"] or row["subject"].capitalize(), "has")
            if re.fullmatch(r"\d+", value):
                return f"{who} {have} {number_word(int(value))} {row['relation']}"
            if counted:
                return f"{who} {have} {number_word(len(names_in(value)))} {row['relation']}, {join_words(names_in(value))}"
            return f"{owner} {row['relation']} are {join_words(names_in(value))}"
        if is_predicate(value):  # a row kept before verbs were understood ("Lives In Leeds")
            return f"{owner} {row['relation']} {as_deed(value)}"
        plural = re.search(r"(?<!s)(?<!u)s$", row["relation"]) and not row["relation"].endswith(("'s", "address"))
        verb = "is called" if row["relation"] in PETS else "are" if plural else "is"  # "your hearing aid batteries are size thirteen"
        return f"{owner} {row['relation']} {verb} {value}"

    def lookup(self, owner: str, relation: str) -> list:
        names = ALIASES.get(relation, {relation})
        kept = self._store.read("SELECT * FROM memory WHERE subject = ? AND relation IS NOT NULL ORDER BY id", (owner,))
        rows = [r for r in kept if r["relation"] in names]
        head = re.sub(r" (?:at|in|on|for) .+$", "", relation)
        if not rows and relation not in FAMILY | NAMED:  # "my locker at work" or "my locker" of "my locker at the hospital"
            rows = [r for r in kept if r["relation"] == head or r["relation"].startswith((f"{head} at ", f"{head} in ", f"{head} for "))]
        if not rows and relation in SPOUSE | {"spouse"}:  # Paul is Tatiana's husband: so Paul is married to Tatiana
            rows = [r for r in self._store.read("SELECT * FROM memory WHERE relation IS NOT NULL ORDER BY id")
                    if r["relation"] in SPOUSE and r["value"].lower() == owner]
            return [{"id": r["id"], "subject": owner, "relation": "spouse", "said_subject": r["value"],
                     "value": r["said_subject"] or r["subject"].capitalize()} for r in rows]
        if not rows:  # an old row kept as a phrase ("my granda" for "my grandfather")
            phrases = sorted(f"my {name}" if owner == "me" else f"{owner}'s {name}" for name in names)
            rows = [r for r in self._store.read(f"SELECT * FROM memory WHERE relation IS NULL AND subject IN ({','.join('?' * len(phrases))}) "
                                                "ORDER BY id", tuple(phrases))
                    if not is_predicate(r["value"])]  # "my sister" = "lives in Leeds" says what she does, not who she is
        return rows

    def resolve(self, phrase: str) -> tuple[list, str | None]:
        """The rows a possessive phrase names, walking the chain; ([], the link that is missing) when unknown."""
        split = split_phrase(phrase)
        if split is None:
            return [], None
        owner, relations = split
        for i, relation in enumerate(relations):
            rows = self.lookup(owner, relation)
            if not rows:
                more = i < len(relations) - 1  # "my brother's dog" with no brother known: say which link is missing
                return [], (f"my {relation}" if owner == "me" else f"{owner}'s {relation}") if more else None
            if i == len(relations) - 1:
                return rows, None
            owner = rows[-1]["value"].lower()
        return [], None

    def sounds_like(self, phrase: str) -> object | None:
        """The fact of the user's own that a phrase naming none may have been misheard for ("my local
        number" for "my locker number", "my sisters name" for "my sister"), by sound (by_sound.py);
        None when none is near enough."""
        split = split_phrase(phrase)
        if split is None or split[0] != "me" or len(split[1]) != 1:
            return None
        said = split[1][0]
        said = re.sub(r"(?<=\w)s name$", "", said) if said.endswith("s name") else said  # "my sisters name": my sister
        rows = [r for r in self._store.read("SELECT * FROM memory WHERE subject = 'me' AND relation IS NOT NULL ORDER BY id DESC")
                if r["relation"] not in PLURAL]
        return nearest_by_sound(said, rows, name=lambda r: r["relation"])

    def relations_to(self, name: str) -> list:
        """Relation rows whose value is this person ("Tom" in my brother = Tom, "Max" in my kids = Max and Lily)."""
        key = name.lower()
        return [r for r in self._store.read("SELECT * FROM memory WHERE relation IS NOT NULL ORDER BY id")
                if r["value"].lower() == key or (r["relation"] in PLURAL and key in [n.lower() for n in names_in(r["value"])])]

    def intro(self, name: str) -> str:
        """How to name a person when saying what they do: "your brother Tom", "Paul's wife Tatiana", "Tom"."""
        for r in self.relations_to(name):
            if r["relation"] in PLURAL:
                continue
            owner = "your" if r["subject"] == "me" else f"{r['said_subject'] or r['subject'].capitalize()}'s"
            return f"{owner} {r['relation']} {r['value']}"
        return name[:1].upper() + name[1:]

    def keys(self, subject: str) -> tuple[set[str], str | None]:
        """The phrases a person's facts may be kept under ("tom" and "my brother", "my nan" for "my granny"), and their name when known."""
        keys = set(said_otherwise(subject))
        name = None
        if re.fullmatch(r"[a-z][a-z'-]*", subject) or (re.fullmatch(r"[a-z][a-z'-]* [a-z][a-z'-]*", subject) and self.relations_to(subject)):
            name = subject  # "jean luc", told as "my grandson Jean Luc": a name in two words
        else:
            rows, _ = self.resolve(subject)
            if rows and rows[-1]["relation"] in NAMED and rows[-1]["relation"] not in PLURAL and split_phrase(subject) is not None:
                name = rows[-1]["value"]
        if name is not None:
            keys.add(name.lower())
            for r in self.relations_to(name):
                if r["relation"] not in PLURAL:
                    keys.add(self.phrase(r))
        return keys, name

    def deeds(self, subject: str) -> list[str]:
        """What a person (or thing) does, as sentences: "your sister Rachel lives in Leeds"."""
        keys, name = self.keys(subject)
        rows = [r for r in self._store.read("SELECT * FROM memory WHERE relation IS NULL ORDER BY id")
                if r["subject"] in keys and is_predicate(r["value"])]
        who = self.intro(name) if name else speak_subject(subject)
        return [f"{who} {second_person(as_deed(r['value']))}" for r in rows]

    def about_parts(self, name: str) -> tuple[list[str], list[str]]:
        """What is known of one person: who they are ("Tom is your brother", "Tom's dog is called Rex"),
        and what they do, without their name ("works at the hospital")."""
        key = name.lower()
        Name = name[:1].upper() + name[1:]
        rows = self._store.read("SELECT * FROM memory WHERE relation IS NOT NULL ORDER BY id")
        own = [self.sentence(r) for r in rows if r["subject"] == key]
        others = []
        for r in self.relations_to(name):
            whose = "your" if r["subject"] == "me" else f"{r['said_subject'] or r['subject'].capitalize()}'s"
            if r["relation"] in PLURAL:
                others.append(f"{Name} is one of {whose} {r['relation']}")
            elif r["subject"] != key:
                others.append(f"{r['value']} is {whose} {r['relation']}")
        keys, _ = self.keys(key)
        phrases = self._store.read("SELECT * FROM memory WHERE relation IS NULL ORDER BY id")
        deeds = [second_person(as_deed(r["value"])) for r in phrases if r["subject"] in keys and is_predicate(r["value"])]
        plain = [fact_sentence(key, r["value"]) for r in phrases if r["subject"] == key and not is_predicate(r["value"])]
        return others + own + plain, deeds

    def about_person(self, name: str) -> list[str]:
        who, deeds = self.about_parts(name)
        return who + [f"{name[:1].upper() + name[1:]} {d}" for d in deeds]

    def about_person_said(self, name: str) -> str:
        """ "Tom is your brother. He works at the hospital." """
        Name = name[:1].upper() + name[1:]
        who, deeds = self.about_parts(name)
        if not who:
            return f"{Name} {join_words(deeds)}."
        text = f"{join_words(who)}."
        if deeds:
            pronoun = self.pronoun(name) or Name
            text += f" {pronoun[:1].upper() + pronoun[1:]} {join_words(deeds)}."
        return text

    def pronoun(self, name: str) -> str | None:
        for r in self.relations_to(name):
            if r["relation"] in HE:
                return "he"
            if r["relation"] in SHE:
                return "she"
        return None

    def family(self) -> list[str]:
        rows = [r for r in self._store.read("SELECT * FROM memory WHERE subject = 'me' AND relation IS NOT NULL ORDER BY id")
                if r["relation"] in FAMILY]
        said = []
        for r in rows:
            deeds = self.deeds(self.phrase(r)) if r["relation"] not in PLURAL else []
            said.extend(deeds or [self.sentence(r)])
        return together(said)
