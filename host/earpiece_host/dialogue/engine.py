"""The OS: one engine that understands an utterance, runs the skill it asks for, and answers.

The voice loop, `earpiece chat` and `earpiece ask` all talk to this same class. Skills are routed
by the intents they declare. A request missing a required slot gets the registry's question, and
the next utterance is read as its answer. When the rules are not confident (they gave up, or a
loose rule guessed), the optional language model gets the turn with the registry's tools, and its
tool call runs the same skills after the registry has checked it; its failures never reach the
user as anything odd.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import threading
from datetime import datetime
from pathlib import Path
from typing import Callable

from .config import DialogueConfig, default_data_dir
from .intents import REGISTRY
from .letter_brief import find_brief
from .model_partner import ModelPartner, ModelTiming
from .nlu import ConversationState, Parse, next_state, understand
from .nlu.compound import split_requests
from .out_of_reach import is_remark, out_of_reach
from .phrasing import Phrasebook, say_time
from .skills.alarms import AlarmsSkill
from .skills.base import Skill, Turn
from .skills.calc import CalcSkill
from .skills.calendar_skill import CalendarSkill
from .skills.clock import ClockSkill
from .skills.device import DeviceSkill
from .skills.email_skill import EmailSkill
from .skills.letters import LettersSkill
from .skills.lists import ListsSkill
from .skills.memory import MemorySkill
from .skills.notes import NotesSkill, asked_thing
from .skills.persona import PersonaSkill
from .skills.reminders import RemindersSkill
from .skills.timers import TimersSkill
from .store import Store
from .streamed_reply import StreamedReply
from .types import Announcement, DeviceContext, Reply, SkillReply, SourceUnavailableError

log = logging.getLogger(__name__)

_LAST_DAY_KEY = "last_conversation_day"

class AnnouncementError(ValueError):
    """An announcement id that this engine never handed out."""


def _local_now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


class Engine:
    """The dialogue engine; safe to call from several threads (calls are serialised)."""

    def __init__(self, config: DialogueConfig, *, clock: Callable[[], datetime] | None = None, calendar=None,
                 mailbox=None, chat_model=None, mail_sender=None) -> None:
        self.config = config
        self._clock = clock or _local_now
        self._store = Store(config.database)
        self._lock = threading.RLock()
        self._say = Phrasebook(config.seed)
        self.timers = TimersSkill(self._store)
        self.reminders = RemindersSkill(self._store)
        self.memory = MemorySkill(self._store, config.user_name,
                                  set_reminder=lambda slots, turn: self.reminders.handle("reminder.set", slots, turn),
                                  heard_from=lambda name, turn: self.email.last_word_from(name, turn))
        self.persona = PersonaSkill(self._store, config.persona_name)
        self.calendar = CalendarSkill(calendar, self._store, config.headsup_default_min, add_reminder=self.reminders.add,
                                      told_of_event=self.memory.told_of_event)
        self.email = EmailSkill(mailbox, drafts=_drafts_for(config, mailbox), sender=mail_sender or _smtp_from(config),
                                mail_from=_mail_from(config))
        self.letters = LettersSkill(self._store, config.letters, known_names=self.memory.names,
                                    find_brief=lambda asker: find_brief(asker, mailbox=self.email.mailbox, facts=self.memory.facts),
                                    mailer=self.email)  # "sign it and mail it": the letter becomes a mail draft
        self.alarms = AlarmsSkill(self._store, config.late_after_s)
        self.notes = NotesSkill(self._store)
        skills: tuple[Skill, ...] = (
            ClockSkill(date_of=self.memory.date_of, whereabouts=self.memory.whereabouts), self.timers, self.alarms, self.reminders, self.notes,
            ListsSkill(self._store),
            self.memory, self.calendar, self.email, self.letters, self.persona, CalcSkill(),
            DeviceSkill(volume_step_pct=config.volume_step_pct, default_volume_pct=config.default_volume_pct),
        )
        self._routes: dict[str, Skill] = {intent: skill for skill in skills for intent in skill.intents}
        self._state = ConversationState(persona_names=self._persona_names(), dictating=self.letters.draft() is not None)
        self._last_text: str | None = None
        self._partner = ModelPartner(chat_model, self._routes, self.memory, self._store, self._lock) if chat_model is not None else None
        self._listing: tuple[str, ...] = ()  # what the last listing listed, for "next" / "previous"
        self._cursor = 0
        self._closed = False

    # -- the conversation -----------------------------------------------------------------------

    def _persona_names(self) -> tuple[str, ...]:
        names = {self.persona.name.lower(), self.config.persona_name.lower()}
        return tuple(sorted(names))

    def _turn(self, now: datetime, context: DeviceContext) -> Turn:
        return Turn(now=now, device=context, say=self._say, persona_name=self.persona.name, user_name=self.memory.user_name())

    def _state_now(self) -> ConversationState:
        """The conversation so far, with the timers as they are now (one may have rung out since the last turn)."""
        return dataclasses.replace(self._state, timers=self.timers.names())

    def understand(self, text: str, now: datetime | None = None) -> Parse:
        """Only the NLU step, without running a skill or changing the conversation (for benchmarks)."""
        with self._lock:
            return understand(text, self._state_now(), now or self._clock())

    def handle(self, text: str, context: DeviceContext = DeviceContext()) -> Reply:
        """Understand one utterance, run its skill, and return what to say and do."""
        return self.handle_stream(text, context).whole()

    def handle_stream(self, text: str, context: DeviceContext = DeviceContext()) -> StreamedReply:
        """Like `handle`, but a language model's prose answer is handed over at its first sentence,
        the rest following as the model writes it (`StreamedReply.parts()`)."""
        now = self._clock()
        self._read_calendar_ahead(text, now)
        with self._lock:
            if self._closed:
                raise RuntimeError("the dialogue engine is closed; open a new one with open_engine()")
            both = split_requests(text, self._state, now)  # "set a timer ... and remind me ...": one after the other
            if both is not None:
                return StreamedReply.together([self._one_request(half, context, now).whole() for half in both])
            return self._one_request(text, context, now)

    def _one_request(self, text: str, context: DeviceContext, now: datetime) -> StreamedReply:
        with self._lock:
            before = self._state_now()
            parse = understand(text, before, now)
            self._state = next_state(before, parse)
            turn = self._turn(now, context)
            tail = stop = None
            if not parse.confident and self._partner is not None:
                handled = self._partner.take_turn(text, turn, parse)
                if handled is not None:
                    parse, result, tail, stop = handled
                    self._state = next_state(before, parse) if parse.intent in REGISTRY else self._state
                else:
                    result = self._dispatch(parse, text, turn, before)
            else:
                result = self._dispatch(parse, text, turn, before)
            if result.awaiting:
                kept = tuple((k, v) for k, v in parse.slots.items() if k != result.refused_slot) \
                    if result.awaiting == parse.intent else ()
                self._state = dataclasses.replace(self._state, pending=result.awaiting, pending_slots=kept)
            if parse.intent.startswith("letter."):  # dictation lasts exactly as long as a draft is open
                self._state = dataclasses.replace(self._state, dictating=self.letters.draft() is not None)
            if result.items:
                self._listing, self._cursor = result.items, 0
            if parse.intent == "persona.rename" and result.slots.get("name"):
                self._state = dataclasses.replace(self._state, persona_names=self._persona_names())
            reply_text = result.text
            briefing = self._briefing_if_first_today(turn, parse)
            if briefing:
                reply_text = briefing if parse.intent == "smalltalk" and parse.slots.get("topic") == "greeting" else \
                    f"{briefing} {reply_text}".strip()
            slots = {**parse.slots, **result.slots}
            if tail is None:
                self._keep_turn(now, context.device_id, text, reply_text, parse.intent)
                return StreamedReply.whole_text(Reply(intent=parse.intent, slots=slots, text=reply_text, actions=result.actions))
            return StreamedReply(parse.intent, slots, reply_text, result.actions, tail=tail, stop=stop,
                                 on_tool=lambda p, r: self._late_tool(p, r),
                                 on_done=lambda words: self._keep_turn(now, context.device_id, text, words, parse.intent))

    def _late_tool(self, parse: Parse, result: SkillReply) -> None:
        """A tool call the model made after its first words has run its skill: the conversation follows it."""
        with self._lock:
            self._state = next_state(self._state, parse)
            if result.items:
                self._listing, self._cursor = result.items, 0

    def _keep_turn(self, now: datetime, device_id: str | None, text: str, reply_text: str, intent: str) -> None:
        """Remember the reply for "say that again" and log the turn (a streamed one once it has been said)."""
        with self._lock:
            if intent != "conversation.repeat" and reply_text:
                self._last_text = reply_text
            if not self._closed:
                self._log(now, device_id, text, reply_text, intent)

    def _read_calendar_ahead(self, text: str, now: datetime) -> None:
        """Read the calendar spans this turn needs before taking the OS lock.

        Expanding someone else's events is the costliest thing the OS does (bounded, but up to a
        couple of seconds of CPU for a hostile file), and other earpieces' turns must not wait for it.
        The parse here is a preview; the turn parses again under the lock.
        """
        if self.calendar.source is None or self._closed:
            return
        try:
            parse = understand(text, self._state, now)
            spans = self.calendar.query_spans(parse.slots, now) if parse.intent == "calendar.query" else []
            if self.config.morning_briefing and self._store.get_setting(_LAST_DAY_KEY) != now.date().isoformat():
                spans.append(self.calendar.day_span(now.date(), now.tzinfo))
            self.calendar.read_ahead(spans)
        except Exception:  # only a preview: the turn itself reads and reports any failure
            log.debug("reading the calendar ahead failed", exc_info=True)

    def _dispatch(self, parse: Parse, text: str, turn: Turn, before: ConversationState) -> SkillReply:
        intent = parse.intent
        if intent == "conversation.repeat":
            return SkillReply(self._last_text or turn.say.pick("nothing_to_repeat"))
        if intent == "conversation.cancel":
            if before.dictating and self.letters.put_aside(turn.now):
                return SkillReply("Okay, I've put the letter aside.")
            dropped = self.email.drop_draft(discard=bool(re.search(r"\b(?:scrap|discard|forget|bin|throw away)\b", parse.text)))
            if dropped:
                return SkillReply(dropped)
            return SkillReply(turn.say.pick("cancelled"))
        if intent == "conversation.end":
            return SkillReply(turn.say.pick("goodbye", user=turn.to_user))
        if intent in ("conversation.next", "conversation.previous"):
            return self._step(intent == "conversation.next")
        declared = REGISTRY.get(intent)
        missing = declared.missing(parse.slots) if declared is not None else None
        if missing is not None and missing.question:
            return SkillReply(missing.question, awaiting=intent)
        if intent == "fallback":
            reach = out_of_reach(parse.text)
            if reach:
                return SkillReply(turn.say.choice(reach[1]))
            told = self.memory.search(parse.text) or self.memory.not_told_who(parse.text)  # "who waters the plants?"
            if told is not None:
                return told
            asked = asked_thing(parse.text)  # "what was the wifi password?": perhaps it was noted
            noted = self.notes.answer(asked, turn) if asked else None
            if noted:
                return SkillReply(noted)
            if is_remark(parse.text, text):
                return SkillReply(turn.say.pick("listening", user=turn.to_user))
            return SkillReply(turn.say.pick("gentle"))
        skill = self._routes.get(intent)
        if skill is None:
            return SkillReply(turn.say.pick("gentle"))
        try:
            if intent == "memory.recall":  # with the question's own words, for a fact asked another way
                return self.memory.recall(parse.slots, parse.text, turn)
            return skill.handle(intent, parse.slots, turn)
        except Exception:  # a bug in one skill must not take the voice loop down
            log.exception("the %s skill failed", intent)  # not the words: they are the user's
            return SkillReply("Sorry, something went wrong on my side with that. Please try again, "
                              "and if it keeps happening, the host log has the details.")

    def _step(self, forward: bool) -> SkillReply:
        """The next (or previous) item of what was just listed."""
        if not self._listing:
            return SkillReply("There's nothing to go through. Ask me for a list, your notes or your reminders first.")
        target = self._cursor + (1 if forward else -1)
        if target >= len(self._listing):
            return SkillReply("That was the last one.")
        if target < 0:
            return SkillReply("That was the first one.")
        self._cursor = target
        return SkillReply(self._listing[target])

    def _briefing_if_first_today(self, turn: Turn, parse: Parse) -> str | None:
        if not self.config.morning_briefing or self._state.dictating or parse.intent.startswith("letter."):
            return None
        today = turn.now.date().isoformat()
        if self._store.get_setting(_LAST_DAY_KEY) == today:
            return None
        self._store.set_setting(_LAST_DAY_KEY, today)
        events: list[str] = []
        unread: int | None = None
        unreadable: list[str] = []  # what the briefing could not read, said so rather than "a clear day"
        if self.calendar.source is not None:
            try:
                events = [f"{e.summary} at {say_time(e.start.astimezone(turn.now.tzinfo))}" if not e.all_day else e.summary
                          for e in self.calendar.events_on(turn.now.date(), turn.now.tzinfo)]
            except Exception as exc:  # a briefing must not fail the user's request
                _log_briefing_failure("calendar", exc)
                unreadable.append("calendar")
        if self.email.mailbox is not None:
            try:
                unread = self.email.unread_count()
            except Exception as exc:
                _log_briefing_failure("mail", exc)
                unreadable.append("mail")
        return PersonaSkill.briefing(turn, events=events, unread=unread, reminders=self.reminders.due_today(turn.now),
                                     calendar_connected=self.calendar.source is not None, unreadable=unreadable)

    def _log(self, now: datetime, device_id: str | None, text: str, reply: str, intent: str) -> None:
        with self._store.transaction() as db:
            db.execute("INSERT INTO conversation_log (at, device_id, speaker, text, intent) VALUES (?, ?, 'user', ?, ?)",
                       (now.timestamp(), device_id, text, intent))
            db.execute("INSERT INTO conversation_log (at, device_id, speaker, text, intent) VALUES (?, ?, 'os', ?, ?)",
                       (now.timestamp(), device_id, reply, intent))
            db.execute("DELETE FROM conversation_log WHERE id <= (SELECT MAX(id) FROM conversation_log) - ?",
                       (self.config.log_keep_rows,))

    # -- proactive speech ------------------------------------------------------------------------

    def due_announcements(self, now: datetime | None = None, device_id: str | None = None) -> list[Announcement]:
        """Reminders and timers that are due and not yet confirmed as played.

        The same announcement is offered on every call until mark_delivered(); with a device_id,
        only those meant for that device or for any device.
        """
        at = now or self._clock()
        if self.calendar.source is not None and not self._closed:
            try:  # outside the OS lock, like a turn's calendar read: other earpieces never wait for it
                self.calendar.refresh_upcoming(at)
            except Exception:  # a calendar that cannot be read gives no heads-ups; a turn that asks says why
                log.warning("heads-ups: the calendar could not be read", exc_info=True)
        with self._lock:
            late = self.config.late_after_s
            found = self.timers.due(at, late) + self.alarms.due(at, late) + self.reminders.due(at, late) + \
                self.calendar.heads_ups(at)
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
                if parts[0] == "alarm" and len(parts) == 2:
                    self.alarms.mark_delivered(int(parts[1]), self._clock())
                    # "stop", "I'm up", "snooze" now answer the alarm that is ringing
                    self._state = dataclasses.replace(self._state, last_intent="alarm.ring", pending=None)
                    return
                if parts[0] == "headsup" and len(parts) == 2:
                    self.calendar.mark_headsup_delivered(parts[1], self._clock())
                    return
                if parts[0] == "reminder" and len(parts) == 3:
                    said = self.reminders.mark_delivered(int(parts[1]), int(parts[2]), self._clock())
                    if said is not None:  # "remind me again in 10 minutes", "snooze it" now mean this reminder
                        self._state = dataclasses.replace(self._state, last_intent="reminder.said",
                                                          last_slots=(("text", said),), pending=None)
                    return
            except ValueError as exc:
                raise AnnouncementError(f"malformed announcement id {announcement_id!r}") from exc
            raise AnnouncementError(f"unknown announcement id {announcement_id!r}; use an id from due_announcements()")

    def acknowledge_alarm(self) -> str:
        """A tap while an alarm rings: it stops (a recurring one is set for its next day). Returns what to say."""
        with self._lock:
            return self.alarms.stop(self._clock()).text

    # -- turn-taking ----------------------------------------------------------------------------

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
        declared = REGISTRY.get(parse.intent)
        return declared is None or declared.missing(parse.slots) is None

    # -- lifecycle -------------------------------------------------------------------------------

    @property
    def persona_name(self) -> str:
        return self.persona.name

    def user_names(self):
        """Names the recogniser should expect: persona, contacts, lists, timers (known_names.py)."""
        from .known_names import gather

        return gather(self)

    @property
    def skill_intents(self) -> tuple[str, ...]:
        """The intents a skill answers (the rest of the registry is the engine's own: repeat, next...)."""
        return tuple(self._routes)

    @property
    def store(self) -> Store:
        return self._store

    @property
    def model_timings(self) -> tuple[ModelTiming, ...]:
        """The latest turns the language model took, oldest first (none without a model): `earpiece bench`."""
        return tuple(self._partner.timings) if self._partner is not None else ()

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._store.close()

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _config_fields() -> set[str]:
    return {f.name for f in dataclasses.fields(DialogueConfig)}


def open_engine(data_dir: Path | None = None, **kw) -> Engine:
    """An engine with the default configuration in a data folder; keyword arguments override
    configuration fields (e.g. seed=1, calendar_ics=path) or are passed to Engine (clock,
    calendar, mailbox, chat_model, mail_sender). Adapters named in the configuration are built here."""
    engine_kw = {k: kw.pop(k) for k in ("clock", "calendar", "mailbox", "chat_model", "mail_sender") if k in kw}
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
    from .calendar import CalDavCalendar, IcsCalendar
    if config.calendar_ics is not None:
        theirs = IcsCalendar(Path(config.calendar_ics))
    elif config.caldav_url:
        theirs = CalDavCalendar(config.caldav_url, config.caldav_username, config.caldav_password, config.caldav_calendar)
    else:
        return None
    if config.calendar_writable:
        return theirs
    from .calendar_sources import WithOwnCalendar
    return WithOwnCalendar(theirs, IcsCalendar(config.data_dir / "own-calendar.ics"))


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


def _drafts_for(config: DialogueConfig, mailbox):
    """Where unsent mail waits: the Maildir's own ".Drafts" folder, the IMAP account's Drafts
    folder, else drafts/ in the data folder."""
    from .mail import ImapMailbox, MaildirMailbox
    from .mail.drafts import DraftFolder
    from .mail.imap import ImapDrafts

    if isinstance(mailbox, MaildirMailbox):
        return DraftFolder(mailbox.path / ".Drafts", maildir_plus=True)
    if isinstance(mailbox, ImapMailbox):
        return ImapDrafts(mailbox)
    return DraftFolder(config.data_dir / "drafts")


def _log_briefing_failure(what: str, exc: Exception) -> None:
    if isinstance(exc, SourceUnavailableError):  # says what to fix: no traceback needed
        log.warning("briefing: the %s could not be read: %s", what, exc)
    else:
        log.warning("briefing: the %s could not be read", what, exc_info=exc)


def _smtp_from(config: DialogueConfig):
    if not config.smtp_url:
        return None
    from .mail.smtp import SmtpSender, UnusableSender

    try:
        return SmtpSender(config.smtp_url, config.smtp_username or config.imap_username,
                          config.smtp_password if config.smtp_password is not None else config.imap_password)
    except ValueError as exc:  # a typo in the settings must not stop the OS; sending says what is wrong
        log.warning("mail cannot be sent: %s", exc)
        return UnusableSender(f"The smtp_url setting is not usable: {exc}. Fix it in earpiece.toml.")


def _mail_from(config: DialogueConfig) -> str | None:
    from .mail.smtp import from_address

    return from_address(config.mail_from, config.smtp_username, config.imap_username)


__all__ = ["AnnouncementError", "Engine", "open_engine"]
