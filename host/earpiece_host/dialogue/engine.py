"""The OS: one engine that understands an utterance, runs the skill it asks for, and answers.

The voice loop, `earpiece chat` and `earpiece ask` all talk to this same class. Skills are routed
by the intents they declare; the optional language model only sees what the rules leave over
(small talk and the unknown), and its failures never reach the user as anything odd.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import threading
from datetime import datetime
from pathlib import Path
from typing import Callable

from .config import DialogueConfig, default_data_dir
from .nlu import ConversationState, Parse, next_state, understand
from .phrasing import Phrasebook, say_time
from .skills.base import Skill, Turn
from .skills.calendar_skill import CalendarSkill
from .skills.clock import ClockSkill
from .skills.device import DeviceSkill
from .skills.email_skill import EmailSkill
from .skills.letters import LettersSkill
from .skills.lists import ListsSkill
from .skills.memory import MemorySkill
from .skills.notes import NotesSkill
from .skills.persona import PersonaSkill
from .skills.reminders import RemindersSkill
from .skills.timers import TimersSkill
from .store import Store
from .types import Announcement, DeviceContext, Reply, SkillReply

log = logging.getLogger(__name__)

_LAST_DAY_KEY = "last_conversation_day"
_MAX_LLM_REPLY_CHARS = 600
_LLM_HISTORY_TURNS = 6

# Skills offered to the language model as tools, mapped onto the same intents the rules produce.
_TOOLS: tuple[dict, ...] = (
    {"type": "function", "function": {
        "name": "remember_fact", "description": "Remember a fact the user told you, e.g. subject \"amy's birthday\", value \"june 3rd\".",
        "parameters": {"type": "object", "properties": {"subject": {"type": "string"}, "value": {"type": "string"}},
                       "required": ["subject", "value"]}}},
    {"type": "function", "function": {
        "name": "recall_fact", "description": "Look up something the user told you before.",
        "parameters": {"type": "object", "properties": {"subject": {"type": "string"}}, "required": ["subject"]}}},
    {"type": "function", "function": {
        "name": "set_timer", "description": "Start a countdown timer.",
        "parameters": {"type": "object", "properties": {"duration_s": {"type": "integer"}, "name": {"type": "string"}},
                       "required": ["duration_s"]}}},
    {"type": "function", "function": {
        "name": "set_reminder", "description": "Remind the user of something at a time (ISO 8601 with offset).",
        "parameters": {"type": "object", "properties": {"text": {"type": "string"}, "due": {"type": "string"}},
                       "required": ["text", "due"]}}},
    {"type": "function", "function": {
        "name": "add_note", "description": "Write down a note.",
        "parameters": {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}}},
    {"type": "function", "function": {
        "name": "add_to_list", "description": "Add an item to a list such as shopping or to-do.",
        "parameters": {"type": "object", "properties": {"item": {"type": "string"}, "list": {"type": "string"}},
                       "required": ["item"]}}},
)
_TOOL_INTENTS = {"remember_fact": "memory.remember", "recall_fact": "memory.recall", "set_timer": "timer.set",
                 "set_reminder": "reminder.set", "add_note": "note.add", "add_to_list": "list.add"}


class AnnouncementError(ValueError):
    """An announcement id that this engine never handed out."""


def _local_now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


class Engine:
    """The dialogue engine; safe to call from several threads (calls are serialised)."""

    def __init__(self, config: DialogueConfig, *, clock: Callable[[], datetime] | None = None, calendar=None,
                 mailbox=None, chat_model=None) -> None:
        self.config = config
        self._clock = clock or _local_now
        self._store = Store(config.database)
        self._lock = threading.RLock()
        self._say = Phrasebook(config.seed)
        self._chat_model = chat_model
        self.timers = TimersSkill(self._store)
        self.reminders = RemindersSkill(self._store)
        self.memory = MemorySkill(self._store, config.user_name)
        self.persona = PersonaSkill(self._store, config.persona_name)
        self.letters = LettersSkill(self._store, config.letters)
        self.calendar = CalendarSkill(calendar)
        self.email = EmailSkill(mailbox)
        skills: tuple[Skill, ...] = (
            ClockSkill(), self.timers, self.reminders, NotesSkill(self._store), ListsSkill(self._store), self.memory,
            self.calendar, self.email, self.letters, self.persona,
            DeviceSkill(volume_step_pct=config.volume_step_pct, default_volume_pct=config.default_volume_pct),
        )
        self._routes: dict[str, Skill] = {intent: skill for skill in skills for intent in skill.intents}
        self._state = ConversationState(persona_names=self._persona_names(), dictating=self.letters.draft() is not None)
        self._last_text: str | None = None
        self._closed = False

    # -- the conversation -----------------------------------------------------------------------

    def _persona_names(self) -> tuple[str, ...]:
        names = {self.persona.name.lower(), self.config.persona_name.lower()}
        return tuple(sorted(names))

    def _turn(self, now: datetime, context: DeviceContext) -> Turn:
        return Turn(now=now, device=context, say=self._say, persona_name=self.persona.name, user_name=self.memory.user_name())

    def understand(self, text: str, now: datetime | None = None) -> Parse:
        """Only the NLU step, without running a skill or changing the conversation (for benchmarks)."""
        with self._lock:
            return understand(text, self._state, now or self._clock())

    def handle(self, text: str, context: DeviceContext = DeviceContext()) -> Reply:
        """Understand one utterance, run its skill, and return what to say and do."""
        with self._lock:
            if self._closed:
                raise RuntimeError("the dialogue engine is closed; open a new one with open_engine()")
            now = self._clock()
            before = self._state
            parse = understand(text, before, now)
            self._state = next_state(before, parse)
            turn = self._turn(now, context)
            result = self._dispatch(parse, text, turn, before)
            if result.awaiting:
                self._state = dataclasses.replace(self._state, pending=result.awaiting, pending_slots=())
            if parse.intent == "persona.rename" and result.slots.get("name"):
                self._state = dataclasses.replace(self._state, persona_names=self._persona_names())
            reply_text = result.text
            briefing = self._briefing_if_first_today(turn, parse)
            if briefing:
                reply_text = briefing if parse.intent == "smalltalk" and parse.slots.get("topic") == "greeting" else \
                    f"{briefing} {reply_text}".strip()
            if parse.intent != "conversation.repeat" and reply_text:
                self._last_text = reply_text
            self._log(now, context.device_id, text, reply_text, parse.intent)
            return Reply(intent=parse.intent, slots={**parse.slots, **result.slots}, text=reply_text, actions=result.actions)

    def _dispatch(self, parse: Parse, text: str, turn: Turn, before: ConversationState) -> SkillReply:
        intent = parse.intent
        if intent == "conversation.repeat":
            return SkillReply(self._last_text or turn.say.pick("nothing_to_repeat"))
        if intent == "conversation.cancel":
            if before.dictating and self.letters.discard(turn.now):
                return SkillReply("Okay, I've put the letter aside.")
            return SkillReply(turn.say.pick("cancelled"))
        if intent in ("fallback", "smalltalk") and self._chat_model is not None:
            answer = self._open_conversation(text, turn)
            if answer is not None:
                return answer
        if intent == "fallback":
            return SkillReply(turn.say.pick("gentle"))
        skill = self._routes.get(intent)
        if skill is None:
            return SkillReply(turn.say.pick("gentle"))
        try:
            return skill.handle(intent, parse.slots, turn)
        except Exception:  # a bug in one skill must not take the voice loop down
            log.exception("the %s skill failed on %r", intent, text)
            return SkillReply("Sorry, something went wrong on my side with that. Please try again, "
                              "and if it keeps happening, the host log has the details.")

    def _briefing_if_first_today(self, turn: Turn, parse: Parse) -> str | None:
        if not self.config.morning_briefing or self._state.dictating or parse.intent.startswith("letter."):
            return None
        today = turn.now.date().isoformat()
        if self._store.get_setting(_LAST_DAY_KEY) == today:
            return None
        self._store.set_setting(_LAST_DAY_KEY, today)
        events: list[str] = []
        unread: int | None = None
        if self.calendar.source is not None:
            try:
                events = [f"{e.summary} at {say_time(e.start.astimezone(turn.now.tzinfo))}" if not e.all_day else e.summary
                          for e in self.calendar.events_on(turn.now.date(), turn.now.tzinfo)]
            except Exception:  # a briefing must not fail the user's request; the calendar skill reports errors
                log.warning("briefing: the calendar could not be read", exc_info=True)
        if self.email.mailbox is not None:
            try:
                unread = self.email.unread_count()
            except Exception:
                log.warning("briefing: the mailbox could not be read", exc_info=True)
        return PersonaSkill.briefing(turn, events=events, unread=unread, reminders=self.reminders.due_today(turn.now),
                                     calendar_connected=self.calendar.source is not None)

    def _log(self, now: datetime, device_id: str | None, text: str, reply: str, intent: str) -> None:
        with self._store.transaction() as db:
            db.execute("INSERT INTO conversation_log (at, device_id, speaker, text, intent) VALUES (?, ?, 'user', ?, ?)",
                       (now.timestamp(), device_id, text, intent))
            db.execute("INSERT INTO conversation_log (at, device_id, speaker, text, intent) VALUES (?, ?, 'os', ?, ?)",
                       (now.timestamp(), device_id, reply, intent))
            db.execute("DELETE FROM conversation_log WHERE id <= (SELECT MAX(id) FROM conversation_log) - ?",
                       (self.config.log_keep_rows,))

    # -- the optional language model --------------------------------------------------------------

    def _system_prompt(self, turn: Turn) -> str:
        facts = [f"{s}: {v}" for s, v in self.memory.facts()][-30:]
        about = ("The user's name is " + turn.user_name + ". ") if turn.user_name else ""
        known = ("What you remember about the user and their people: " + "; ".join(facts) + ". ") if facts else ""
        return (f"You are {turn.persona_name}, a warm, curious companion who lives in the user's earpiece. "
                f"Speak naturally in one to three short sentences; your words are read aloud, so no lists or markdown. "
                f"{about}{known}It is {turn.now.strftime('%A %d %B %Y, %H:%M')} (UTC offset {turn.now.strftime('%z')}). "
                f"Use the tools when the user asks you to remember, look up, time, remind, note or list something.")

    def _history(self) -> list[dict]:
        rows = self._store.read("SELECT speaker, text FROM conversation_log ORDER BY id DESC LIMIT ?", (_LLM_HISTORY_TURNS * 2,))
        return [{"role": "user" if r["speaker"] == "user" else "assistant", "content": r["text"]} for r in reversed(rows) if r["text"]]

    def _open_conversation(self, text: str, turn: Turn) -> SkillReply | None:
        """The language model's answer, or None when it is unavailable or answers nonsense."""
        from .llm import LlmUnavailableError

        model = self._chat_model
        if model is None:
            return None
        messages = [{"role": "system", "content": self._system_prompt(turn)}, *self._history(), {"role": "user", "content": text}]
        try:
            message = model.chat(messages, tools=list(_TOOLS))
            tool_calls = message.get("tool_calls") or []
            tool_texts: list[str] = []
            if tool_calls:
                messages.append({"role": "assistant", "content": message.get("content"), "tool_calls": [
                    {"id": c.get("id") or f"call_{i}", "type": "function",
                     "function": {"name": c.get("name"), "arguments": json.dumps(c.get("arguments") or {})}}
                    for i, c in enumerate(tool_calls)]})
                for i, call in enumerate(tool_calls[:3]):
                    result = self._run_tool(call, turn)
                    tool_texts.append(result)
                    messages.append({"role": "tool", "tool_call_id": call.get("id") or f"call_{i}", "content": result})
                try:
                    message = model.chat(messages, tools=list(_TOOLS))
                except LlmUnavailableError:
                    log.info("language model failed after a tool call; answering with the tool's own words")
                    return SkillReply(" ".join(tool_texts))
                if message.get("tool_calls") and not message.get("content"):
                    return SkillReply(" ".join(tool_texts))
            content = _clean_model_text(message.get("content"))
            if content is None:
                return SkillReply(" ".join(tool_texts)) if tool_texts else None
            return SkillReply(content)
        except LlmUnavailableError as exc:
            log.info("language model unavailable, answering without it: %s", exc)
            return None
        except (TypeError, AttributeError, KeyError, ValueError):
            log.warning("language model answer could not be used", exc_info=True)
            return None

    def _run_tool(self, call: dict, turn: Turn) -> str:
        name = call.get("name")
        args = call.get("arguments") or {}
        intent = _TOOL_INTENTS.get(str(name))
        if intent is None or not isinstance(args, dict):
            return f"There is no tool called {name}."
        slots = {k: v for k, v in args.items() if isinstance(v, (str, int, float))}
        if intent == "timer.set":
            try:
                slots["duration_s"] = int(float(slots.get("duration_s", 0)))
            except ValueError:
                return "The timer needs a duration in seconds."
        if intent == "reminder.set":
            try:
                due = datetime.fromisoformat(str(slots.get("due", "")))
            except ValueError:
                return "The reminder needs a due time in ISO 8601."
            if due.tzinfo is None:
                due = due.replace(tzinfo=turn.now.tzinfo)
            slots["due"] = due.isoformat()
        if intent == "list.add":
            slots["list"] = str(slots.get("list") or "shopping").lower().replace(" list", "")
        return self._routes[intent].handle(intent, slots, turn).text

    # -- proactive speech ------------------------------------------------------------------------

    def due_announcements(self, now: datetime | None = None, device_id: str | None = None) -> list[Announcement]:
        """Reminders and timers that are due and not yet confirmed as played.

        The same announcement is offered on every call until mark_delivered(); with a device_id,
        only those meant for that device or for any device.
        """
        with self._lock:
            at = now or self._clock()
            found = self.timers.due(at, self.config.late_after_s) + self.reminders.due(at, self.config.late_after_s)
            if device_id is not None:
                found = [a for a in found if a.device_id in (None, device_id)]
            return found

    def mark_delivered(self, announcement_id: str) -> None:
        """Confirm an announcement was played, so it is never offered again."""
        with self._lock:
            parts = announcement_id.split(":")
            try:
                if parts[0] == "timer" and len(parts) == 2:
                    self.timers.mark_delivered(int(parts[1]))
                    return
                if parts[0] == "reminder" and len(parts) == 3:
                    self.reminders.mark_delivered(int(parts[1]), int(parts[2]), self._clock())
                    return
            except ValueError as exc:
                raise AnnouncementError(f"malformed announcement id {announcement_id!r}") from exc
            raise AnnouncementError(f"unknown announcement id {announcement_id!r}; use an id from due_announcements()")

    # -- turn-taking ----------------------------------------------------------------------------

    # Intents that need a slot before the request is complete ("set a timer for ..." is not).
    _NEEDS_SLOT = {
        "timer.set": "duration_s", "reminder.set": "due", "note.add": "text", "list.add": "item",
        "letter.start": "recipient", "persona.rename": "name", "memory.remember": "text",
    }
    _NOT_A_REQUEST = {"fallback", "smalltalk", "letter.dictate"}

    def looks_complete(self, text: str) -> bool:
        """Do these words (a partial transcript) already form a request the OS can act on?

        The voice loop ends the user's turn sooner when they do, which is most of the latency
        budget. Pure: it parses with the current conversation state and changes nothing.
        """
        state = self._state
        if state.dictating or not text.strip():
            return False
        parse = understand(text, state, self._clock())
        if parse.intent in self._NOT_A_REQUEST:
            return False
        needed = self._NEEDS_SLOT.get(parse.intent)
        return needed is None or bool(parse.slots.get(needed))

    # -- lifecycle -------------------------------------------------------------------------------

    @property
    def persona_name(self) -> str:
        return self.persona.name

    @property
    def store(self) -> Store:
        return self._store

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._store.close()

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _clean_model_text(content: object) -> str | None:
    """Speakable text from a model answer, or None when there is nothing sensible to say."""
    if not isinstance(content, str):
        return None
    text = re.sub(r"[*_#`>|]+", "", content)
    text = re.sub(r"\s+", " ", text).strip()
    if len(re.findall(r"[A-Za-z]", text)) < 2:
        return None
    if len(text) > _MAX_LLM_REPLY_CHARS:
        cut = text[:_MAX_LLM_REPLY_CHARS]
        end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
        text = cut[: end + 1] if end > 100 else cut.rsplit(" ", 1)[0] + "..."
    return text


def _config_fields() -> set[str]:
    return {f.name for f in dataclasses.fields(DialogueConfig)}


def open_engine(data_dir: Path | None = None, **kw) -> Engine:
    """An engine with the default configuration in a data folder; keyword arguments override
    configuration fields (e.g. seed=1, calendar_ics=path) or are passed to Engine (clock,
    calendar, mailbox, chat_model). Adapters named in the configuration are built here."""
    engine_kw = {k: kw.pop(k) for k in ("clock", "calendar", "mailbox", "chat_model") if k in kw}
    unknown = set(kw) - _config_fields()
    if unknown:
        raise TypeError(f"unknown dialogue settings: {', '.join(sorted(unknown))}")
    config = DialogueConfig(data_dir=Path(data_dir) if data_dir is not None else default_data_dir(), **kw)
    if "calendar" not in engine_kw:
        engine_kw["calendar"] = _calendar_from(config)
    if "mailbox" not in engine_kw:
        engine_kw["mailbox"] = _mailbox_from(config)
    if "chat_model" not in engine_kw and config.llm_base_url:
        from .llm import ChatModel
        engine_kw["chat_model"] = ChatModel(config.llm_base_url, config.llm_model or "default",
                                            api_key=config.llm_api_key, timeout_s=config.llm_timeout_s)
    return Engine(config, **engine_kw)


def _calendar_from(config: DialogueConfig):
    if config.calendar_ics is not None:
        from .calendar import IcsCalendar
        return IcsCalendar(Path(config.calendar_ics))
    if config.caldav_url:
        from .calendar import CalDavCalendar
        return CalDavCalendar(config.caldav_url, config.caldav_username, config.caldav_password, config.caldav_calendar)
    return None


def _mailbox_from(config: DialogueConfig):
    if config.maildir is not None:
        from .mail import MaildirMailbox
        return MaildirMailbox(Path(config.maildir))
    if config.mbox is not None:
        from .mail import MboxMailbox
        return MboxMailbox(Path(config.mbox))
    if config.imap_host:
        from .mail import ImapMailbox
        return ImapMailbox(config.imap_host, config.imap_port, config.imap_username or "", config.imap_password or "",
                           ssl=config.imap_ssl)
    return None


__all__ = ["AnnouncementError", "Engine", "open_engine"]
