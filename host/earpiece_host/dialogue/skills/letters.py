"""Letters: dictation across many utterances, read back, proofread, and saved as a text file.

The draft lives in the database after every utterance, so a letter survives a restart of the host
mid-dictation; "that's all" writes it to the letters folder.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

from ...private_files import private_dir, write_private
from ..phrasing import join_words
from ..proofread import apply_fixes, proofread
from ..store import Store
from ..types import SkillReply
from .base import Turn

_MAX_FINDINGS_SPOKEN = 4


def _sign_off(sender: str) -> str:
    """ "her husband", said of the writer to the recipient, signed as "Your husband"."""
    words = sender.strip().split()
    if words and words[0].lower() in ("her", "his", "their", "my"):
        words[0] = "your"
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "letter"


class LettersSkill:
    intents = ("letter.start", "letter.dictate", "letter.edit", "letter.readback", "letter.proofread", "letter.end")

    def __init__(self, store: Store, letters_dir: Path) -> None:
        self._store = store
        self._dir = letters_dir

    def draft(self):
        rows = self._store.read("SELECT * FROM letters WHERE state = 'draft' ORDER BY id DESC LIMIT 1")
        return rows[0] if rows else None

    def _last(self):
        rows = self._store.read("SELECT * FROM letters WHERE state IN ('draft', 'saved') ORDER BY id DESC LIMIT 1")
        return rows[0] if rows else None

    @staticmethod
    def _paragraphs(row) -> list[list[str]]:
        return json.loads(row["body"])["paragraphs"]

    def _save_body(self, row_id: int, paragraphs: list[list[str]], now: datetime, sign_off: str | None = None) -> None:
        body: dict = {"paragraphs": paragraphs}
        if sign_off:
            body["sign_off"] = sign_off
        self._store.write("UPDATE letters SET body = ?, updated_at = ? WHERE id = ?", (json.dumps(body), now.timestamp(), row_id))

    @staticmethod
    def render(recipient: str, paragraphs: list[list[str]], sign_off: str | None = None) -> str:
        """The letter as text: a salutation unless dictated, the paragraphs, and who it is from when said."""
        paras = [" ".join(p) for p in paragraphs if p]
        head = [] if paras and re.match(r"^(?:dear|hi|hello|to|my)\b", paras[0], re.IGNORECASE) else [f"Dear {recipient},"]
        tail = [sign_off] if sign_off else []
        return "\n\n".join(head + paras + tail) + "\n"

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        if intent == "letter.start":
            recipient = (slots.get("recipient") or "").strip()
            if not recipient:
                return SkillReply("Who is the letter to?")
            body: dict = {"paragraphs": [[]]}
            if slots.get("sender"):
                body["sign_off"] = _sign_off(slots["sender"])
            with self._store.transaction() as db:
                db.execute("UPDATE letters SET state = 'set_aside' WHERE state = 'draft'")
                db.execute("INSERT INTO letters (recipient, body, state, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?)",
                           (recipient, json.dumps(body), turn.now.timestamp(), turn.now.timestamp()))
            return SkillReply(turn.say.choice((f"A letter to {recipient}. Go ahead, I'm listening.",
                                               f"Okay, writing to {recipient}. Start whenever you're ready.",
                                               f"Ready for your letter to {recipient}. Say \"that's all\" when you're done.")))
        if intent == "letter.dictate":
            row = self.draft()
            if row is None:
                return SkillReply("We're not writing a letter right now. Say \"write a letter to\" and a name.")
            paragraphs = self._paragraphs(row)
            if slots.get("edit") == "new_paragraph":
                if paragraphs[-1]:
                    paragraphs.append([])
                self._save_body(row["id"], paragraphs, turn.now, self._sign_off_of(row))
                return SkillReply("New paragraph.")
            if slots.get("edit") == "scratch":
                for para in reversed(paragraphs):
                    if para:
                        removed = para.pop()
                        break
                else:
                    return SkillReply("There's nothing to scratch yet.")
                while len(paragraphs) > 1 and not paragraphs[-1] and not paragraphs[-2]:
                    paragraphs.pop()
                self._save_body(row["id"], paragraphs, turn.now, self._sign_off_of(row))
                return SkillReply(f"Scratched \"{removed}\".")
            text = (slots.get("text") or "").strip()
            if not text:
                return SkillReply("I didn't get any words there.")
            paragraphs[-1].append(text)
            self._save_body(row["id"], paragraphs, turn.now, self._sign_off_of(row))
            return SkillReply("")
        if intent == "letter.edit":
            return self._edit(slots, turn)
        if intent == "letter.readback":
            row = self.draft() or self._last()
            if row is None:
                return SkillReply("There's no letter to read. Say \"write a letter to\" and a name.")
            paragraphs = [p for p in self._paragraphs(row) if p]
            if not paragraphs:
                return SkillReply(f"The letter to {row['recipient']} is still empty.")
            return SkillReply(f"Your letter to {row['recipient']}: " + " New paragraph. ".join(" ".join(p) for p in paragraphs))
        if intent == "letter.proofread":
            row = self.draft() or self._last()
            if row is None:
                return SkillReply("There's no letter to proofread.")
            paragraphs = self._paragraphs(row)
            if slots.get("apply"):
                fixed = [[apply_fixes(c) for c in p] for p in paragraphs]
                self._save_body(row["id"], fixed, turn.now, self._sign_off_of(row))
                return SkillReply("Fixed. Say \"read it back\" to hear it.")
            findings = proofread([c for p in paragraphs for c in p])
            if not findings:
                return SkillReply("It reads well. I didn't find anything to fix.")
            spoken = " ".join(f.spoken() for f in findings[:_MAX_FINDINGS_SPOKEN])
            more = len(findings) - _MAX_FINDINGS_SPOKEN
            kinds = sorted({f.kind.replace("_", " ") for f in findings})
            tail = f" And {more} more like that." if more > 0 else ""
            head = f"I found {len(findings)} thing{'s' if len(findings) != 1 else ''}: {join_words(kinds)}. "
            return SkillReply(head + spoken + tail + " Say \"fix it\" and I'll make those changes.")
        # letter.end
        row = self.draft()
        if row is None:
            return SkillReply("There's no letter open.")
        paragraphs = [p for p in self._paragraphs(row) if p]
        if not paragraphs:
            self._store.write("UPDATE letters SET state = 'discarded' WHERE id = ?", (row["id"],))
            return SkillReply("The letter was empty, so I didn't keep it.")
        text = self.render(row["recipient"], paragraphs, self._sign_off_of(row))
        private_dir(self._dir)
        path = self._dir / f"{turn.now.strftime('%Y-%m-%d-%H%M%S')}-to-{_slug(row['recipient'])}.txt"
        n = 1
        while path.exists():
            n += 1
            path = path.with_name(f"{turn.now.strftime('%Y-%m-%d-%H%M%S')}-to-{_slug(row['recipient'])}-{n}.txt")
        write_private(path, text)
        self._store.write("UPDATE letters SET state = 'saved', path = ?, updated_at = ? WHERE id = ?",
                          (str(path), turn.now.timestamp(), row["id"]))
        words = len(text.split())
        return SkillReply(f"Saved your letter to {row['recipient']}, {words} words, as {path.name} in your letters folder.",
                          slots={"path": str(path)})

    def _edit(self, slots: dict, turn: Turn) -> SkillReply:
        """Replace the last place the old words were said with the new ones."""
        row = self.draft()
        if row is None:
            return SkillReply("We're not writing a letter right now. Say \"write a letter to\" and a name.")
        old, new = str(slots.get("old") or "").strip(), str(slots.get("new") or "").strip()
        paragraphs = self._paragraphs(row)
        pattern = re.compile(rf"\b{re.escape(old)}\b", re.IGNORECASE) if old else None
        for para in reversed(paragraphs):
            for i in range(len(para) - 1, -1, -1):
                if pattern is not None and pattern.search(para[i]):
                    matches = list(pattern.finditer(para[i]))
                    last = matches[-1]
                    para[i] = para[i][:last.start()] + new + para[i][last.end():]
                    self._save_body(row["id"], paragraphs, turn.now, self._sign_off_of(row))
                    return SkillReply(f"Changed \"{old}\" to \"{new}\".")
        return SkillReply(f"I can't find \"{old}\" in the letter.")

    @staticmethod
    def _sign_off_of(row) -> str | None:
        return json.loads(row["body"]).get("sign_off")

    def discard(self, now: datetime) -> bool:
        row = self.draft()
        if row is None:
            return False
        self._store.write("UPDATE letters SET state = 'discarded', updated_at = ? WHERE id = ?", (now.timestamp(), row["id"]))
        return True
