"""Letters: dictation across many utterances, edits by voice, proofreading one finding at a time,
and a letter saved as a text file laid out as a letter (salutation, paragraphs, closing, signature).

The draft lives in the database after every utterance (paragraphs of sentences, and the versions
before each change for "undo"), so a letter survives a restart of the host mid-dictation. Only the
current version is ever written out: never a command, never a superseded sentence.
"""

from __future__ import annotations

import difflib
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Callable, Protocol

from ...private_files import private_dir, write_private
from ..phrasing import say_on_date, second_person
from ..proofread import Finding, apply_finding, proofread
from ..store import Store
from ..types import SkillReply
from .base import Turn

_UNDO_DEPTH = 30
_DEFAULT_CLOSING = "Best wishes"
_GREETING = re.compile(r"^(?P<hello>(?:dear|dearest|my dear|my dearest|my darling|darling|hi|hello|hey)\b[^,.!?;:]{0,40}?)"
                       r"(?:[.!?]?$|,\s*(?P<rest>.*)$)", re.IGNORECASE)
# The same said without a comma: "dear Fiona I confirm that ..." (the name the letter is to, or a title).
_FORMAL = r"sir or madam|sir|madam|all|(?:mr|mrs|ms|miss|dr|auntie|aunty|uncle|nana|nan|grandma|grandad|granny) [a-z'-]+"
_SPOKEN_GREETING = re.compile(rf"^(?P<hello>(?:dear|dearest|my dear|my dearest|hi|hello) (?P<who>{_FORMAL}|[a-z'-]+))"
                              r"\s+(?P<rest>\S.*)$", re.IGNORECASE)
_QUESTION_START = re.compile(r"^(?:what|how|why|when|where|who|which|do|does|did|are|is|was|were|can|could|would|will|shall|have|has)\b",
                             re.IGNORECASE)
_ALWAYS_CAPITAL = {w.lower(): w for w in (
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July August September "
    "October November December Christmas Easter English French Spanish Italian German").split()}


class LetterMailer(Protocol):
    """The hook for "sign it and mail it": the email skill's send path (built with the mail work).

    `send_letter` sends (or saves as a draft when it cannot send) and returns the sentence to say.
    """

    def send_letter(self, recipient: str, subject: str, body: str, turn: Turn) -> str: ...


_KIN = {"your", "my", "of", "and", "loving", "devoted", "old", "dear", "husband", "wife", "friend", "brother", "sister", "son",
        "daughter", "mother", "father", "mum", "dad", "aunt", "uncle", "cousin", "niece", "nephew", "grandson", "granddaughter",
        "partner", "neighbour", "colleague", "always", "ever", "own", "best", "little", "big"}


def _sign_off(sender: str) -> str:
    """ "her husband", said of the writer to the recipient, signed as "Your husband"; names get capitals."""
    words = sender.strip().split()
    if words and words[0].lower() in ("her", "his", "their", "my"):
        words[0] = "your"
    out = [w if any(ch.isupper() for ch in w) or w.lower() in _KIN else w.capitalize() for w in words]
    if out:
        out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


def _closing(words: str) -> str:
    text = words.strip()
    return text[:1].upper() + text[1:]


_LISTED_AT_MOST = 5


def _addressed(recipient: str) -> str:
    """Who a letter is to, as the salutation names them: "my grandmother" is "Grandmother", "the
    council" "Council", a lower-case "grandma" or "mr smith" gets its capitals ("and", "or", "of"
    stay small)."""
    words = re.sub(r"^(?:(?:my|our|the|dear|dearest) )+", "", recipient.strip(), flags=re.IGNORECASE).split()
    return " ".join(w if w in ("and", "or", "of") or not w[:1].islower() else w[:1].upper() + w[1:] for w in words)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "letter"


def restore(text: str, names: dict[str, str]) -> list[str]:
    """Dictated words (spoken punctuation already turned into marks) as sentences with capitals and
    end punctuation: a pause (the end of an utterance) ends a sentence; "i", known names, days and
    months get their capitals; words the user typed with capitals keep them."""
    text = re.sub(r"\s+([,.;:!?])", r"\1", text.strip())
    out = []
    for piece in re.split(r"(?<=[.!?])\s+|\n+", text):
        piece = piece.strip(" ,;")
        if not piece or not re.search(r"\w", piece):
            continue

        def word_case(m: re.Match) -> str:
            w = m.group(0)
            low = w.lower()
            if low in ("i", "i'm", "i'll", "i've", "i'd"):
                return "I" + w[1:]
            if w != low:
                return w
            return names.get(low) or _ALWAYS_CAPITAL.get(low) or w

        piece = re.sub(r"[A-Za-z]+(?:'[a-z]+)?", word_case, piece)
        first = re.search(r"[A-Za-z]", piece)
        if first:
            piece = piece[: first.start()] + piece[first.start()].upper() + piece[first.start() + 1:]
        if not re.search(r"[.!?]$", piece):
            piece = piece.rstrip(":") + ("?" if _QUESTION_START.match(piece) else ".")
        out.append(piece)
    return out


class LettersSkill:
    intents = ("letter.start", "letter.from_brief", "letter.dictate", "letter.edit", "letter.readback", "letter.proofread", "letter.end",
               "letter.list", "letter.resume")

    def __init__(self, store: Store, letters_dir: Path, *, known_names: Callable[[], set[str]] = set,
                 find_brief: Callable[[str], tuple[str | None, str] | None] | None = None,
                 mailer: LetterMailer | None = None) -> None:
        self._store = store
        self._dir = letters_dir
        self._known_names = known_names
        self._find_brief = find_brief
        # None until the email skill's send path exists; "mail it" then saves and says it can't send yet.
        self.mailer = mailer

    # -- the draft --------------------------------------------------------------------------------

    def draft(self):
        rows = self._store.read("SELECT * FROM letters WHERE state = 'draft' ORDER BY id DESC LIMIT 1")
        return rows[0] if rows else None

    def _last(self):
        rows = self._store.read("SELECT * FROM letters WHERE state IN ('draft', 'saved') ORDER BY id DESC LIMIT 1")
        return rows[0] if rows else None

    @staticmethod
    def _body(row) -> dict:
        body = json.loads(row["body"])
        body.setdefault("paragraphs", [[]])
        if "sign_off" in body and "signature" not in body:  # drafts from before closings were kept apart
            body["signature"] = body.pop("sign_off")
        return body

    def _save(self, row, body: dict, now: datetime, *, change: str | None = None, before: dict | None = None) -> None:
        """Store the body; a `change` keeps the version before it for "undo" (and "scratch that")."""
        if change is not None and before is not None:
            snapshot = {k: before.get(k) for k in ("paragraphs", "signature", "closing")}
            body["history"] = (before.get("history") or [])[-(_UNDO_DEPTH - 1):] + [{"version": snapshot, "change": change}]
        self._store.write("UPDATE letters SET body = ?, updated_at = ? WHERE id = ?", (json.dumps(body), now.timestamp(), row["id"]))

    def _names(self, row, body: dict) -> dict[str, str]:
        names = set(self._known_names()) | set(str(row["recipient"]).split()) | set(str(body.get("signature") or "").split())
        return {n.lower(): n for n in names if n[:1].isupper()}

    @staticmethod
    def render(recipient: str, paragraphs: list[list[str]], signature: str | None = None, closing: str | None = None) -> str:
        """The letter as text: salutation, paragraphs, closing and signature, blank lines between."""
        paras = [list(p) for p in paragraphs if p]
        salutation = f"Dear {_addressed(recipient)},"
        # A dictated greeting is the salutation: "Dear Loretta." alone, or "My dearest Loretta, I think of you..."
        greeting = _GREETING.match(paras[0][0]) if paras else None
        said_alone = greeting is not None and (greeting.group("rest") or len(paras[0][0].split()) <= 5)
        spoken = _SPOKEN_GREETING.match(paras[0][0]) if paras and not said_alone else None
        if spoken and (spoken.group("who").lower().split()[-1] in recipient.lower().split()
                       or re.fullmatch(_FORMAL, spoken.group("who").lower())):
            greeting = spoken  # "Dear Fiona I confirm that ...": the salutation, then the letter
        if greeting and (greeting.group("rest") or len(paras[0][0].split()) <= 5):
            hello, _, addressed = greeting.group("hello").rstrip(" ").partition(" ")
            if hello.lower() in ("my", "my dear", "my dearest"):  # "my dearest Loretta": the form of address is after it
                more, _, addressed = addressed.partition(" ")
                hello = f"{hello} {more}"
            salutation = f"{hello[:1].upper()}{hello[1:]} {_addressed(addressed)}".rstrip() + ","
            rest = (greeting.group("rest") or "").strip()
            paras[0] = ([rest[:1].upper() + rest[1:]] if rest else []) + paras[0][1:]
            paras = [p for p in paras if p]
        tail = f"{closing or _DEFAULT_CLOSING},"
        if signature:
            tail += f"\n{signature}"
        return "\n\n".join([salutation] + [" ".join(p) for p in paras] + [tail]) + "\n"

    # -- turns ------------------------------------------------------------------------------------

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        if intent in ("letter.start", "letter.from_brief"):
            return self._start(slots, turn)
        if intent == "letter.readback":
            return self._readback(slots)
        if intent == "letter.list":
            return self._list(turn)
        if intent == "letter.resume":
            return self._resume(slots, turn)
        if intent == "letter.proofread":
            return self._proofread(slots, turn)
        if intent == "letter.end":
            return self._end(slots, turn)
        row = self.draft()
        if row is None:
            return SkillReply("We're not writing a letter right now. Say \"write a letter to\" and a name.")
        if intent == "letter.edit":
            return self._edit(row, slots, turn)
        return self._dictate(row, slots, turn)

    def _start(self, slots: dict, turn: Turn) -> SkillReply:
        recipient = (slots.get("recipient") or "").strip()
        brief_note = ""
        if slots.get("brief"):
            found = self._find_brief(slots["brief"]) if self._find_brief is not None else None
            if found is None:
                return SkillReply(f"I can't find what {slots['brief']} asked for, in my memory or your mail. "
                                  "Who is the letter to?", awaiting="letter.start")
            recipient, brief_note = found[0] or recipient, found[1]
            if not recipient:
                return SkillReply(f"{brief_note} Who is the letter to?", awaiting="letter.start")
        if not recipient:
            return SkillReply("Who is the letter to?")
        body: dict = {"paragraphs": [[]]}
        if slots.get("sender"):
            body["signature"] = _sign_off(slots["sender"])
        with self._store.transaction() as db:
            db.execute("UPDATE letters SET state = 'set_aside' WHERE state = 'draft'")
            db.execute("INSERT INTO letters (recipient, body, state, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?)",
                       (recipient, json.dumps(body), turn.now.timestamp(), turn.now.timestamp()))
        lead = f"{brief_note} " if brief_note else ""
        if slots.get("opening"):  # "Dear Fiona, I confirm that ..." said as the answer to who the letter is to
            self._dictate(self.draft(), {"text": str(slots["opening"])}, turn)
            return SkillReply(f"{lead}Okay, writing to {second_person(recipient)}; I've got your first line. Go on.",
                              slots={"recipient": recipient})
        to = second_person(recipient) + (f", about {second_person(str(slots['about']))}" if slots.get("about") else "")
        return SkillReply(lead + turn.say.choice((f"A letter to {to}. Go ahead, I'm listening.",
                                                  f"Okay, writing to {to}. Start whenever you're ready.",
                                                  f"Ready for your letter to {to}. Say \"that's it\" when you're done.")),
                          slots={"recipient": recipient})

    def _dictate(self, row, slots: dict, turn: Turn) -> SkillReply:
        body = self._body(row)
        before = json.loads(json.dumps(body))
        paragraphs = body["paragraphs"]
        edit = slots.get("edit")
        if edit == "new_paragraph":
            if paragraphs[-1]:
                paragraphs.append([])
                self._save(row, body, turn.now, change="new paragraph", before=before)
            return SkillReply("New paragraph.")
        if edit == "undo" or (edit == "scratch" and (body.get("history") or [{}])[-1].get("change") == "dictation"):
            history = body.get("history") or []
            if not history:
                return SkillReply("There's nothing to undo.")
            last = history.pop()
            body.update(last["version"])
            body["history"] = history
            self._save(row, body, turn.now)
            return SkillReply(f"Undone: the {last['change']}." if edit == "undo" else "Scratched.")
        if edit in ("scratch", "delete_sentence"):
            for para in reversed(paragraphs):
                if para:
                    removed = para.pop()
                    break
            else:
                return SkillReply("There's no sentence to delete yet.")
            while len(paragraphs) > 1 and not paragraphs[-1] and not paragraphs[-2]:
                paragraphs.pop()
            self._save(row, body, turn.now, change="deleted sentence", before=before)
            return SkillReply(f"Deleted \"{removed}\"")
        sentences = restore(str(slots.get("text") or ""), self._names(row, body))
        if not sentences:
            return SkillReply("I didn't get any words there.")
        paragraphs[-1].extend(sentences)
        body.pop("proof", None)
        self._save(row, body, turn.now, change="dictation", before=before)
        return SkillReply("")

    def _edit(self, row, slots: dict, turn: Turn) -> SkillReply:
        """Replace the last place the old words were said with the new ones (or remove them)."""
        body = self._body(row)
        before = json.loads(json.dumps(body))
        old, new = str(slots.get("old") or "").strip(), str(slots.get("new") or "").strip()
        if re.fullmatch(r"(?:the )?(?:last|previous) sentence", old.lower()):  # "change the last sentence to ..."
            for para in reversed(body["paragraphs"]):
                if para:
                    replaced = para.pop()
                    para.extend(restore(new, self._names(row, body)))
                    self._save(row, body, turn.now, change="change of the last sentence", before=before)
                    return SkillReply(f"Changed \"{replaced}\" to \"{' '.join(para[-1:])}\"")
            return SkillReply("There's no sentence to change yet.")
        pattern = re.compile(rf"(?<!\w){re.escape(old)}(?!\w)", re.IGNORECASE) if old else None
        for para in reversed(body["paragraphs"]):
            for i in range(len(para) - 1, -1, -1):
                matches = list(pattern.finditer(para[i])) if pattern is not None else []
                if not matches:
                    continue
                last = matches[-1]
                replacement = new
                if last.group(0)[:1].isupper() and new and not new[:1].isupper():
                    replacement = new[:1].upper() + new[1:]
                text = para[i][:last.start()] + replacement + para[i][last.end():]
                para[i] = re.sub(r"\s{2,}", " ", re.sub(r"\s+([,.;:!?])", r"\1", text)).strip()
                body.pop("proof", None)
                self._save(row, body, turn.now, change=f"change of \"{old}\"", before=before)
                return SkillReply(f"Changed \"{old}\" to \"{new}\"." if new else f"Removed \"{old}\".")
        if slots.get("text"):  # "make sure you come to the party": a sentence of the letter, not an edit
            return self._dictate(row, {"text": slots["text"]}, turn)
        return SkillReply(f"I can't find \"{old}\" in the letter, so I left it as it was.")

    def _list(self, turn: Turn) -> SkillReply:
        rows = self._store.read("SELECT * FROM letters WHERE state = 'saved' ORDER BY id DESC")
        aside = [second_person(r["recipient"]) for r in
                 self._store.read("SELECT recipient FROM letters WHERE state = 'set_aside' ORDER BY id DESC")]
        unfinished = (f" Put aside, unfinished: {'; '.join(f'to {a}' for a in aside[:_LISTED_AT_MOST])}. Say \"continue my letter "
                      f"to\" and the name to go back to one." if aside else "")
        if not rows:
            return SkillReply(f"You haven't finished a letter yet.{unfinished}")
        items = [f"to {second_person(r['recipient'])} "
                 f"{say_on_date(datetime.fromtimestamp(r['updated_at'], turn.now.tzinfo).date(), turn.now.date())}"
                 for r in rows[:_LISTED_AT_MOST]]
        count = "one letter" if len(rows) == 1 else f"{len(rows)} letters"
        newest = ": " if len(rows) <= _LISTED_AT_MOST else f". The newest {_LISTED_AT_MOST}: "
        return SkillReply(f"You've written {count}{newest}{'; '.join(items)}.{unfinished}",
                          items=tuple(f"A letter {i}." for i in items))

    def _to(self, recipient: str, states: tuple[str, ...] = ("draft", "saved", "set_aside")):
        """The latest letter to someone said as "grandma", "Jane", "my sister", by how near the words are."""
        want = re.sub(r"^(?:my|our|the) ", "", recipient.lower().strip())
        rows = self._store.read(f"SELECT * FROM letters WHERE state IN ({', '.join('?' * len(states))}) ORDER BY id DESC", states)
        scored = [(difflib.SequenceMatcher(None, want, re.sub(r"^(?:my|our|the) ", "", r["recipient"].lower())).ratio(), -i, r)
                  for i, r in enumerate(rows)]
        best = max(scored, default=None, key=lambda x: (x[0], x[1]))
        return best[2] if best is not None and best[0] >= 0.6 else None

    def _readback(self, slots: dict) -> SkillReply:
        if slots.get("recipient"):
            row = self._to(str(slots["recipient"]))
            if row is None:
                return SkillReply(f"I can't find a letter to {second_person(str(slots['recipient']))}.")
        else:
            row = self.draft() or self._last()
        if row is None:
            return SkillReply("There's no letter to read. Say \"write a letter to\" and a name.")
        paragraphs = [p for p in self._body(row)["paragraphs"] if p]
        if not paragraphs:
            return SkillReply(f"The letter to {second_person(row['recipient'])} is still empty.")
        part = slots.get("part")
        if part == "last_paragraph":
            return SkillReply("The last paragraph: " + " ".join(paragraphs[-1]))
        if part == "first_paragraph":
            return SkillReply("The first paragraph: " + " ".join(paragraphs[0]))
        if part == "last_sentence":
            return SkillReply("The last sentence: " + paragraphs[-1][-1])
        if part == "first_sentence":
            return SkillReply("The first sentence: " + paragraphs[0][0])
        return SkillReply(f"Your letter to {second_person(row['recipient'])}: " + " New paragraph. ".join(" ".join(p) for p in paragraphs))

    def _proofread(self, slots: dict, turn: Turn) -> SkillReply:
        row = self.draft() or self._last()
        if row is None:
            return SkillReply("There's no letter to proofread.")
        body = self._body(row)
        answer = slots.get("answer")
        if answer is None:
            findings = proofread(body["paragraphs"], set(self._names(row, body).values()))
            if not findings:
                body.pop("proof", None)
                self._save(row, body, turn.now)
                return SkillReply("It reads well. I didn't find anything to fix.")
            body["proof"] = {"findings": [f.as_dict() for f in findings], "at": 0, "changed": 0}
            self._save(row, body, turn.now)
            n = len(findings)
            return SkillReply(f"I found {n} thing{'s' if n != 1 else ''} to look at. First: {findings[0].spoken()} Shall I change it?")
        proof = body.get("proof")
        if not proof:
            # A second "yes" to the question just answered, or "yes, change it" after "it reads well": an answer
            # to the proofreader (the rules give one only for words that are whole answers), no sentence of the letter.
            if row["state"] == "draft":
                return SkillReply("There's nothing left to change. Carry on with your letter whenever you're ready.")
            return SkillReply("There's nothing waiting for an answer. Say \"proofread it\" to check the letter.")
        findings = [Finding.from_dict(d) for d in proof["findings"]]
        at = proof["at"]
        before = json.loads(json.dumps({k: v for k, v in body.items() if k != "proof"}))
        todo = findings[at:] if answer == "all" else [findings[at]] if answer == "yes" else []
        for f in todo:
            para = body["paragraphs"][f.paragraph]
            if f.sentence < len(para):
                fixed = apply_finding(para[f.sentence], f)
                if fixed != para[f.sentence]:
                    para[f.sentence] = fixed
                    proof["changed"] += 1
        if todo:
            body["history"] = before.get("history") or []
            snapshot = {k: before.get(k) for k in ("paragraphs", "signature", "closing")}
            body["history"] = body["history"][-(_UNDO_DEPTH - 1):] + [{"version": snapshot, "change": "proofreading fix"}]
        proof["at"] = len(findings) if answer in ("all", "stop") else at + 1
        changed = proof["changed"]
        if proof["at"] >= len(findings):
            body.pop("proof", None)
            self._save(row, body, turn.now)
            done = f"I changed {changed} thing{'s' if changed != 1 else ''}." if changed else "I didn't change anything."
            return SkillReply(("Okay. " if answer == "stop" else "That was the last one. ") + done)
        self._save(row, body, turn.now)
        lead = "Changed. " if answer == "yes" else "Left as it is. "
        return SkillReply(f"{lead}Next: {findings[proof['at']].spoken()} Shall I change it?")

    def _end(self, slots: dict, turn: Turn) -> SkillReply:
        row = self.draft()
        if row is None:
            return SkillReply("There's no letter open.")
        body = self._body(row)
        if slots.get("sender"):
            body["signature"] = _sign_off(slots["sender"])
        if slots.get("closing"):
            body["closing"] = _closing(slots["closing"])
        paragraphs = [p for p in body["paragraphs"] if p]
        if not paragraphs:
            self._store.write("UPDATE letters SET state = 'discarded' WHERE id = ?", (row["id"],))
            return SkillReply("The letter was empty, so I didn't keep it.")
        signature = body.get("signature")
        text = self.render(row["recipient"], paragraphs, signature, body.get("closing"))
        private_dir(self._dir)
        stem = f"{turn.now.strftime('%Y-%m-%d-%H%M%S')}-to-{_slug(row['recipient'])}"
        path = self._dir / f"{stem}.txt"
        n = 1
        while path.exists():
            n += 1
            path = self._dir / f"{stem}-{n}.txt"
        write_private(path, text)
        body.pop("proof", None)
        self._store.write("UPDATE letters SET state = 'saved', path = ?, body = ?, updated_at = ? WHERE id = ?",
                          (str(path), json.dumps(body), turn.now.timestamp(), row["id"]))
        words = len(text.split())
        signed = f", signed {signature}" if signature else ""
        said = f"Saved your letter to {second_person(row['recipient'])}{signed}, {words} words, in your letters folder."  # a file name is no words for the ear
        if slots.get("mail"):
            if self.mailer is None:
                said += " I can't send mail from here yet, so it's saved in your letters folder."
            else:
                said += " " + self.mailer.send_letter(row["recipient"], f"A letter from {signature or 'me'}", text, turn)
        return SkillReply(said, slots={"path": str(path)})

    def put_aside(self, now: datetime) -> bool:
        """Close the open letter without saving it as a file; one with words is kept, to go back to
        ("continue my letter to Ann"), an empty one is dropped. False when none was open."""
        row = self.draft()
        if row is None:
            return False
        empty = not any(p for p in self._body(row)["paragraphs"])
        self._store.write("UPDATE letters SET state = ?, updated_at = ? WHERE id = ?",
                          ("discarded" if empty else "set_aside", now.timestamp(), row["id"]))
        return True

    def _resume(self, slots: dict, turn: Turn) -> SkillReply:
        recipient = str(slots.get("recipient") or "").strip()
        row = self._to(recipient, ("set_aside",)) if recipient else next(iter(self._store.read(
            "SELECT * FROM letters WHERE state IN ('draft', 'set_aside') ORDER BY state = 'draft' DESC, updated_at DESC, id DESC LIMIT 1")), None)
        # "back to the letter" after a question in the middle of one: that one, still open
        if row is None:
            return SkillReply(f"There's no unfinished letter to {second_person(recipient)}." if recipient
                              else "There's no unfinished letter to go back to.")
        with self._store.transaction() as db:
            db.execute("UPDATE letters SET state = 'set_aside' WHERE state = 'draft'")
            db.execute("UPDATE letters SET state = 'draft', updated_at = ? WHERE id = ?", (turn.now.timestamp(), row["id"]))
        paragraphs = [p for p in self._body(row)["paragraphs"] if p]
        ends = f" It ends: {paragraphs[-1][-1]}" if paragraphs else ""
        return SkillReply(f"Back to your letter to {second_person(row['recipient'])}.{ends} Go on.",
                          slots={"recipient": row["recipient"]})
