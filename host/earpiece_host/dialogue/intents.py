"""The one intent registry: every intent the OS understands, declared once.

Each declaration holds the intent's name, its slots and their types, which slots are required and
the question that asks for each, example sentences, and what the language model is told about it.
Everything else reads it: the rules (fixed-phrase intents are matched from their `sentences`
templates here), the follow-up questions the engine asks, `looks_complete` in turn-taking, the
phrasing benchmark's consistency test, and the model's tools (`llm.tools_for`).

Templates are written in the normalised form the rules read (lower case, "what is" for "what's"):
`(a|b)` is a choice, `[words]` are optional, as in Home Assistant's hassil. hassil itself installs
from PyPI, but importing it takes about 0.2 s and brings PyYAML and unicode-rbnf, for template
features (slot lists, number ranges, expansion rules) that the slot-heavy intents here need code
for anyway; the forty-line compiler below is enough for fixed phrases. Adding an intent means one
entry here plus the skill that answers it (and a rule in `nlu/` when its slots need code to find).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

__all__ = ["INTENTS", "REGISTRY", "Intent", "Slot", "SlotError", "compile_template", "tool_name", "validate"]

SLOT_TYPES = ("string", "integer", "number", "boolean", "datetime", "date", "time", "string_list")


@dataclass(frozen=True)
class Slot:
    """One slot. `type` is one of SLOT_TYPES (datetime: ISO 8601 with offset; time: "HH:MM").

    `answer` says how a bare reply fills it when the OS asked for it: "duration", "when", "time",
    "text", "name", "items" or "expression".
    """

    name: str
    type: str
    description: str
    required: bool = False
    question: str | None = None
    answer: str = "text"
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Intent:
    """One intent. `tool` is False for intents the model must not call (conversation control)."""

    name: str
    description: str
    slots: tuple[Slot, ...] = ()
    examples: tuple[tuple[str, dict], ...] = ()
    sentences: tuple[str, ...] = ()
    tool: bool = True
    context: tuple[str, ...] = ()  # an utterance said before the examples, when they need one
    after: tuple[str, ...] = ()    # the sentences mean this intent only right after one of these (name prefixes)

    def slot(self, name: str) -> Slot | None:
        return next((s for s in self.slots if s.name == name), None)

    @property
    def required(self) -> tuple[Slot, ...]:
        return tuple(s for s in self.slots if s.required)

    def missing(self, slots: dict) -> Slot | None:
        """The first required slot without a value, in declaration order (the order they are asked)."""
        return next((s for s in self.required if slots.get(s.name) in (None, "", [])), None)


HELP_TOPICS = ("reminders", "alarms", "timers", "lists", "notes", "calendar", "email", "letters", "memory", "volume")


def _s(name: str, type_: str, description: str, **kw) -> Slot:
    return Slot(name, type_, description, **kw)


_DURATION = _s("duration_s", "integer", "length in seconds", required=True, question="For how long?", answer="duration")
_TIMER_NAME = _s("name", "string", "the timer's name, e.g. pasta")
_LIST = _s("list", "string", "the list's name: shopping, to-do, or another spoken name")
_NAMED_EMAIL = (_s("sender", "string", "an email named by its sender instead of the one just read"),
                _s("subject", "string", "an email named by words of its subject instead"),
                _s("all", "boolean", "every recent email so named"),
                _s("confirmed", "boolean", "the user said yes to \"Shall I delete ...?\""))

_DECLARED: tuple[Intent, ...] = (
    Intent("time.now", "Say the current time, here or in another place.",
           (_s("place", "string", "a city or country when the user asks the time there, e.g. tokyo"),),
           examples=(("what time is it", {}), ("tell me the current time", {}), ("what time is it in Tokyo", {"place": "tokyo"})),
           sentences=("what time is it [now|right now]", "what is the [current] time [now|right now]", "what time it is",
                      "[the] time [please]", "(tell|give) me the [current|exact] time [now]", "say the [current|exact] time [now]",
                      "do you have the time", "(have you got|got) the time", "current time", "time check", "check the time",
                      "what time (have we got|do you have)", "what hour is it", "how late is it", "is it late",
                      "do you know (the time|what time it is)", "any idea what time it is", "what (o'clock|oclock) is it",
                      "what time", "tell me what time it is")),
    Intent("date.today", "Say today's date, or the date of a given day.",
           (_s("date", "date", "the day asked about, YYYY-MM-DD"),),
           examples=(("what's the date", {}), ("sorry, what's today's date?", {}))),
    Intent("date.until", "Say how many days until a date, a holiday, or a date the user told (a birthday).",
           (_s("date", "date", "the day, YYYY-MM-DD"),
            _s("subject", "string", "a remembered date instead, e.g. my birthday, amy's birthday")),
           examples=(("how many days until Christmas", {"date": "2026-12-25"}),
                     ("how long is it until my birthday", {"subject": "my birthday"}))),
    Intent("timer.set", "Start a countdown timer.", (_DURATION, _TIMER_NAME),
           examples=(("set a timer for 10 minutes", {"duration_s": 600}),
                     ("start a pasta timer for 8 minutes", {"duration_s": 480, "name": "pasta"}))),
    Intent("timer.modify", "Change the length of the timer just set (or the named one), counted from when it started.",
           (_s("duration_s", "integer", "the new length in seconds", required=True, question="How long should it be?",
               answer="duration"), _TIMER_NAME),
           examples=(("no, make that 7", {"duration_s": 420}), ("make it 10 instead", {"duration_s": 600})),
           context=("set a timer for 5 minutes",)),
    Intent("timer.add", "Add time to a running timer (the named one, or the latest); take it off when negative.",
           (_s("add_s", "integer", "seconds to add; negative to take off", required=True, question="How much time?",
               answer="duration"), _TIMER_NAME),
           examples=(("add 2 minutes to the pasta timer", {"add_s": 120, "name": "pasta"}),
                     ("give it another 5 minutes", {"add_s": 300}))),
    Intent("timer.cancel", "Cancel a timer (the named one, or all).",
           (_TIMER_NAME, _s("all", "boolean", "every timer")), examples=(("cancel the timer", {}),)),
    Intent("timer.status", "Say how long is left on the timers.", (_TIMER_NAME,),
           examples=(("how long is left on the pasta timer", {"name": "pasta"}),)),
    Intent("timer.pause", "Pause a running timer.", (_TIMER_NAME, _s("all", "boolean", "every timer")),
           examples=(("pause the timer", {}),)),
    Intent("timer.resume", "Resume a paused timer.", (_TIMER_NAME, _s("all", "boolean", "every timer")),
           examples=(("resume the timer", {}),)),
    Intent("alarm.set", "Set an alarm at a clock time, announced like a reminder.",
           (_s("time", "time", "the clock time, HH:MM (24 h)", required=True, question="What time should I wake you?",
               answer="time"),
            _s("date", "date", "the day, YYYY-MM-DD; the next time it comes round when omitted"),
            _s("repeat", "string", "a recurring alarm", enum=("daily", "weekdays", "weekly:mon", "weekly:tue", "weekly:wed",
                                                             "weekly:thu", "weekly:fri", "weekly:sat", "weekly:sun"))),
           examples=(("set an alarm for 6:30 tomorrow", {"time": "06:30", "date": "2026-03-05"}),
                     ("wake me up at 7 on weekdays", {"time": "07:00", "repeat": "weekdays"}),
                     ("wake me up at 7 am", {"time": "07:00", "date": "2026-03-05"}))),
    Intent("alarm.cancel", "Cancel an alarm (the one just set when none is named).",
           (_s("time", "time", "the alarm's time, HH:MM"), _s("date", "date", "the alarm's day, YYYY-MM-DD"),
            _s("repeat", "string", "a recurring alarm named by when it repeats: daily, weekdays, weekends, weekly:mon..sun"),
            _s("all", "boolean", "every alarm, or every one of those named (\"my weekday alarms\")")),
           examples=(("cancel the alarm", {}),),
           sentences=("(cancel|delete|remove|turn off|switch off|stop|scrap|get rid of) (my|the|that|this) alarm",
                      "(cancel|delete|remove|turn off|switch off) [the] alarm", "[actually] cancel that alarm",
                      "no alarm [tomorrow]")),
    Intent("alarm.modify", "Move the alarm just set to another time.",
           (_s("time", "time", "the new clock time, HH:MM (24 h)", required=True, question="What time should it be instead?",
               answer="time"),
            _s("date", "date", "the new day, YYYY-MM-DD; the alarm's own day when omitted"),
            _s("from_time", "time", "the time of the alarm to move, when named (\"my 6:30 alarm\")"),
            _s("repeat", "string", "the recurring alarm to move, when named by its repeat (weekdays ...)"),
            _s("nearest", "boolean", "true when no am or pm was said: the hour nearest the alarm's own time")),
           examples=(("actually make it 6:45", {"time": "06:45"}),), context=("set an alarm for 6:30 tomorrow",)),
    Intent("alarm.stop", "Stop the alarm that is ringing (\"I'm up\"); a recurring one rings again on its next day.",
           examples=(("I'm up", {}),), tool=False),
    Intent("alarm.snooze", "Snooze the ringing alarm.",
           (_s("minutes", "integer", "how long, in minutes (9 when omitted)"),),
           examples=(("snooze for 5 minutes", {"minutes": 5}),), tool=False),
    Intent("alarm.list", "List the alarms that are set.", examples=(("what alarms do I have", {}),),
           sentences=("(what|which) alarms [do i have|have i got|are set|are there]", "[read|list|show] [me] my alarms",
                      "[do i have|have i got|are there] any alarms [set]", "when is my [next] alarm",
                      "what time is my alarm [set for]", "is my alarm set")),
    Intent("reminder.set", "Remind the user of something at a time.",
           (_s("due", "datetime", "when, ISO 8601 with offset", required=True, question="When should I remind you?",
               answer="when"),
            _s("text", "string", "what to remind about, in the user's words", required=True,
               question="What should I remind you about?"),
            _s("repeat", "string", "daily, weekdays, weekends or weekly:mon..sun when recurring")),
           examples=(("remind me to call Amy tomorrow at five", {"text": "call Amy", "due": "2026-03-05T17:00:00+00:00"}),)),
    Intent("reminder.modify", "Move the reminder just set (or the one about `text`) to another time.",
           (_s("due", "datetime", "the new time, ISO 8601 with offset", required=True,
               question="When should it be instead?", answer="when"),
            _s("text", "string", "words from the reminder to change"),
            _s("keep", "string", "the part of its old time to keep, when only a day or only a time was said",
               enum=("day", "time")),
            _s("nearest", "boolean", "the hour was said without am or pm: the one nearer its old time (9 for an 8 AM reminder is 9 AM)")),
           examples=(("make it 6 instead", {"due": "2026-03-05T18:00:00+00:00"}),),
           context=("remind me to call Amy tomorrow at five",)),
    Intent("reminder.before_event", "Remind the user a while before an event on their calendar.",
           (_s("minutes_before", "integer", "how long before the event, in minutes", required=True,
               question="How long before it should I remind you?"),
            _s("event", "string", "words from the event's title, as the user said them", required=True,
               question="Before which event?"),
            _s("text", "string", "what to remind about, when the user said more than the event")),
           examples=(("remind me an hour before the dentist", {"minutes_before": 60, "event": "dentist"}),)),
    Intent("reminder.list", "List the pending reminders.", (_s("date", "date", "only that day, YYYY-MM-DD"),
                                                            _s("text", "string", "only the ones about these words")),
           examples=(("what are my reminders", {}), ("when is my MOT reminder", {"text": "MOT"}))),
    Intent("reminder.cancel", "Cancel a reminder (about `text`, or all).",
           (_s("text", "string", "words from the reminder"), _s("all", "boolean", "every reminder")),
           examples=(("cancel the reminder about the dentist", {"text": "dentist"}),)),
    Intent("note.add", "Write down a note.",
           (_s("text", "string", "the note", required=True, question="What should the note say?"),),
           examples=(("take a note the spare key is under the pot", {"text": "the spare key is under the pot"}),)),
    Intent("note.read", "Read the notes back, newest first.", examples=(("read my notes", {}),)),
    Intent("note.find", "Read the notes that hold some words.",
           (_s("query", "string", "the words to look for", required=True, question="What should I look for?"),),
           examples=(("search my notes for the plumber", {"query": "plumber"}),)),
    Intent("note.delete", "Delete the one note that holds some words, or the note just taken or read.",
           (_s("query", "string", "words from the note"),
            _s("last", "boolean", "the note just taken, or the one just read (\"delete that note\")")),
           examples=(("delete the note about the plumber", {"query": "the plumber"}),), tool=False),
    Intent("list.add", "Add items to a list (shopping by default).",
           (_s("items", "string_list", "the items, one per entry", required=True, question="What should I add?",
               answer="items"), _LIST),
           examples=(("add eggs, milk and a baguette to the shopping list",
                      {"items": ["eggs", "milk", "a baguette"], "list": "shopping"}),
                     ("put eggs on the shopping list would ya", {"items": ["eggs"], "list": "shopping"}))),
    Intent("list.remove", "Take an item off a list.",
           (_s("item", "string", "the item", required=True, question="What should I take off?"), _LIST),
           examples=(("take milk off the list", {"item": "milk", "list": "shopping"}),)),
    Intent("list.clear", "Take everything off a list.", (_LIST,),
           examples=(("clear the shopping list", {"list": "shopping"}),), tool=False),
    Intent("list.which", "Say which lists have things on them, and how many.", examples=(("what lists do I have", {}),)),
    Intent("list.read", "Read a list.", (_LIST,), examples=(("what's on my shopping list", {"list": "shopping"}),)),
    Intent("memory.remember", "Remember a fact the user tells about themselves or their people.",
           (_s("subject", "string", "what the fact is about, e.g. amy's birthday; me for the user", required=True),
            _s("value", "string", "the fact", required=True, question="What should I remember?"),
            _s("link_subject", "string", "a second fact said in passing (\"my sister Rachel ...\", \"my brother Tom works "
               "...\"): its subject, e.g. my sister; me for a second fact about the user"),
            _s("link_value", "string", "the second fact's value, e.g. Rachel")),
           examples=(("remember that Amy's birthday is June 3rd", {"subject": "amy's birthday", "value": "June 3rd"}),)),
    Intent("memory.recall", "Look up something the user told before.",
           (_s("subject", "string", "what to look up, e.g. amy's birthday, my sister's dog, paul's spouse; me for the user",
               required=True),
            _s("query", "string", "the question's word: allergic, live, work, park, like, hate, age, how many, or a word "
               "the fact must hold (olives)")),
           examples=(("when is Amy's birthday", {"subject": "amy's birthday"}),)),
    Intent("memory.remind_yearly", "Answer to \"Shall I remind you every year?\" after a birthday or anniversary was remembered.",
           (_s("subject", "string", "the remembered date, e.g. amy's birthday", required=True),
            _s("decline", "boolean", "the user said no")),
           examples=(("yes", {"subject": "amy's birthday"}),), context=("Amy's birthday is June 3rd",), tool=False),
    Intent("memory.forget", "Forget a remembered fact (or all).",
           (_s("subject", "string", "what to forget"), _s("all", "boolean", "everything")),
           examples=(("forget Amy's birthday", {"subject": "amy's birthday"}),)),
    Intent("calendar.query", "What is on the calendar: between start and end, at an instant (start = end), the next "
           "thing after start (no end), or events matching query.",
           (_s("start", "datetime", "ISO 8601 with offset"), _s("end", "datetime", "ISO 8601 with offset"),
            _s("query", "string", "words from the event's title"),
            _s("period", "string", "the range in words, for the reply: this week, this weekend, Thursday afternoon"),
            _s("free", "boolean", "the user asks whether they are free over the range"),
            _s("last", "boolean", "the event just added, moved or named (\"when is it now?\")")),
           examples=(("what's on my calendar on Friday",
                      {"start": "2026-03-06T00:00:00+00:00", "end": "2026-03-07T00:00:00+00:00"}),)),
    Intent("calendar.add", "Add an event to the calendar.",
           (_s("summary", "string", "the event's title", required=True, question="What should I call the event?"),
            _s("start", "datetime", "ISO 8601 with offset", required=True, question="When is it?", answer="when"),
            _s("duration_s", "integer", "length in seconds (an hour when omitted)")),
           examples=(("add lunch with Sam to my calendar on Friday at 1",
                      {"summary": "lunch with Sam", "start": "2026-03-06T13:00:00+00:00"}),)),
    Intent("calendar.move", "Move an event to another time: the one just added or moved, or the next one whose title "
           "holds `query`. A day alone keeps its time of day, a time alone keeps its day.",
           (_s("start", "datetime", "the new start, ISO 8601 with offset"),
            _s("query", "string", "words from the event's title"),
            _s("date", "date", "the day the event is on now, when said to tell it apart, YYYY-MM-DD"),
            _s("next", "boolean", "the next event coming up, named only as that (\"my next meeting\")"),
            _s("keep", "string", "the part of its old time to keep, when only a day or only a time was said",
               enum=("day", "time")),
            _s("nearest", "boolean", "the hour was said without am or pm: the one nearer its old time (8 for a 7 AM tour is 8 AM)"),
            _s("shift_s", "integer", "seconds to move it by instead (negative: earlier)")),
           examples=(("move the dentist to Thursday at 10", {"query": "dentist", "start": "2026-03-05T10:00:00+00:00"}),
                     ("push my standup back an hour", {"query": "standup", "shift_s": 3600}))),
    Intent("calendar.cancel", "Cancel (remove) an event: the next one whose title holds `query`, or the one at a time; "
           "it goes only when `confirmed` (the user said yes to \"Shall I cancel ...?\").",
           (_s("query", "string", "words from the event's title"),
            _s("date", "date", "the day it is on, YYYY-MM-DD"),
            _s("time", "string", "the time it starts, HH:MM"),
            _s("next", "boolean", "the next event coming up, named only as that (\"my next meeting\")"),
            _s("confirmed", "boolean", "the user said yes to \"Shall I cancel ...?\"")),
           examples=(("cancel the dentist", {"query": "dentist"}),
                     ("delete my 3 o'clock meeting", {"time": "15:00"})), tool=False),
    Intent("calendar.headsup", "How many minutes before each calendar event to give a spoken heads-up (0: none).",
           (_s("minutes", "integer", "minutes before each event; 0 turns heads-ups off"),),
           examples=(("warn me 15 minutes before my meetings", {"minutes": 15}), ("no more heads-ups", {"minutes": 0}))),
    Intent("email.unread", "Say how many unread emails there are and from whom.", examples=(("any new email", {}),)),
    Intent("email.read", "Read an email aloud: the latest unread, the latest from a sender, the one about "
           "subject words, or the one at a position of the summary just given.",
           (_s("sender", "string", "the sender's name, as the user said it"),
            _s("subject", "string", "words from the subject, as the user said them"),
            _s("position", "integer", "its place in the summary just given: 2 for the second; -1 for the last"),
            _s("which", "string", "again: the one just read; draft: the reply or email being written",
               enum=("again", "draft"))),
           examples=(("read me the one from Amy", {"sender": "Amy"}), ("read the second one", {"position": 2}),
                     ("read me the email about the budget", {"subject": "the budget"})),
           context=("any new email",)),
    Intent("email.next", "Read the next email of those just listed or read.",
           examples=(("next one", {}),), context=("read my email",),
           after=("email.",),
           sentences=("[and] [read] [me] [the] next [one|email|message|mail]", "next please", "go on", "and the next",
                      "[and] [what about] the one after (that|this|it)",
                      "what is next", "read next")),
    Intent("email.previous", "Go back to the email read before this one.",
           examples=(("previous", {}),), context=("read my email",),
           after=("email.",),
           sentences=("[no] [sorry] [go] back [one]", "[and] [read] [me] [the] (previous|last|one before|one before that) [one|email|message]",
                      "go back to the (previous|last) one", "read the previous one")),
    # Deleting and sending mail are never the model's call: they happen only when the user says so in words the rules know.
    Intent("email.delete", "Move the email just read to the Trash; one named by sender or subject after a yes.", tool=False,
           slots=_NAMED_EMAIL, examples=(("delete it", {}),),
           context=("read my email",), after=("email.",),
           sentences=("(delete|remove|bin|trash|get rid of|throw away|throw out|chuck|ditch|junk) (it|that|this|that one|this one|that email|this email|the email)",
                      "(that is|it is|that one is|this is) (spam|junk|rubbish) [so] (delete|bin|chuck|trash|ditch|junk) it",
                      "(delete|bin|trash) it please", "[(that is|it is|that one is|this is) [only|just] (spam|junk|rubbish)] (move|put|throw|stick|chuck|bung|pop) (it|that|this|that one) (in|into|to) the (trash|bin)",
                      "delete", "i do not need (it|that) [anymore|any more]")),
    Intent("email.undo", "Bring back the email just deleted or archived.", tool=False, examples=(("bring it back", {}),),
           context=("read my email", "delete it"), after=("email.",),
           sentences=("[no no|no|nah|nope|oh no|ay|ah|oh|allah|ay allah|ya allah|oh god|oh my god] [wait|hang on|hold on] [oops] (undo|undo (it|that|this)|(bring|fetch) (it|that|this) back|put (it|that) back|restore (it|that)|"
                      "undelete (it|that)|get (it|that) back|i want (it|that) back|take (it|that) out of the (trash|archive)|"
                      "do not delete (it|that)|i did not mean to delete (it|that)) [please] [i (still need|need) (it|that)]",)),
    Intent("email.archive", "Move the email just read to the Archive folder; one named by sender or subject after a yes.",
           tool=False, slots=_NAMED_EMAIL, examples=(("archive it", {}),),
           context=("read my email",), after=("email.",),
           sentences=("(archive|file) (it|that|this|that one|this one|that email|this email|the email) [please]",
                      "(move|put|stick|pop) (it|that|this|that one|this one) (in|into|to) [the|my] archive", "archive")),
    Intent("email.mark", "Mark the email just read as read or unread.", tool=False,
           slots=(_s("state", "string", "read or unread", required=True, enum=("read", "unread")),),
           examples=(("mark it as unread", {"state": "unread"}),), context=("read my email",)),
    Intent("email.reply", "Write a reply to the email just read.",
           (_s("text", "string", "what the reply says", required=True, question="What should I say?"),),
           examples=(("reply saying thanks Tom", {"text": "thanks Tom"}),), context=("read my email",)),
    Intent("email.compose", "Write a new email by voice to someone the mailbox has mail from.", tool=False,
           slots=(_s("recipient", "string", "who it is to", required=True, question="Who is the email to?", answer="name"),
                  _s("text", "string", "what it says", required=True, question="What should it say?"),
                  _s("subject", "string", "its subject, when said")),
           examples=(("send an email to Amy saying I'll be late", {"recipient": "Amy", "text": "I'll be late"}),)),
    Intent("email.send", "Send the reply or email just written; it goes only when `confirmed` (the user said yes "
           "to \"Shall I send it?\").", (_s("confirmed", "boolean", "the user said yes to the OS's question"),
                                          _s("recipient", "string", "whose unsent mail, when asked which"),
                                          _s("resumed", "boolean", "said after other turns: which draft is meant may be unclear")),
           tool=False, examples=(("send it", {}),), context=("read my email",),
           after=("email.",),
           sentences=("[yes] [ok] send [it|that|the reply|the email|it off|it now]", "[yes] (send|post) it [please]",
                      "that is good send it", "ok send")),
    Intent("letter.start", "Start dictating a letter.",
           (_s("recipient", "string", "who the letter is to", required=True, question="Who is the letter to?",
               answer="name"),
            _s("sender", "string", "who it is from, when said"),
            _s("about", "string", "what it is about, when said"),
            _s("opening", "string", "the letter's first words, when the answer to who it is to begins them: Dear Fiona, ...")),
           examples=(("write a letter to Loretta", {"recipient": "Loretta"}),
                     ("write a letter to the council about the potholes", {"recipient": "the council", "about": "the potholes"}))),
    Intent("letter.from_brief", "Start the letter someone asked for, found in the mail or the memory.",
           (_s("brief", "string", "the person who asked for the letter", required=True,
               question="Who asked for the letter?", answer="name"),),
           examples=(("write the letter Tatiana asked for", {"brief": "Tatiana"}),)),
    Intent("letter.dictate", "Words dictated into the open letter.",
           (_s("text", "string", "the words"), _s("edit", "string", "an editing command instead of words",
                                                  enum=("new_paragraph", "scratch", "delete_sentence", "undo"))),
           tool=False, examples=(("it was lovely to see you full stop", {"text": "it was lovely to see you."}),),
           context=("write a letter to Loretta",)),
    Intent("letter.edit", "Replace words in the letter being written.",
           (_s("old", "string", "the words to replace", required=True),
            _s("new", "string", "the new words (empty to remove them)", required=True),
            _s("text", "string", "the utterance as dictation, used when the old words are not in the letter")),
           examples=(("change lovely to wonderful", {"old": "lovely", "new": "wonderful"}),),
           context=("write a letter to Loretta",)),
    Intent("letter.readback", "Read the letter back, or one part of it, or an earlier letter to someone.",
           (_s("part", "string", "only this part", enum=("last_paragraph", "first_paragraph", "last_sentence", "first_sentence")),
            _s("recipient", "string", "read the latest letter to this person instead of the open one")),
           examples=(("read it back", {}), ("read the last paragraph", {"part": "last_paragraph"})),
           context=("write a letter to Loretta",)),
    Intent("letter.resume", "Go back to a letter put aside unfinished (the latest, or the one to `recipient`).",
           (_s("recipient", "string", "who the letter is to"),),
           examples=(("continue my letter to Ann", {"recipient": "Ann"}), ("go back to my letter", {}))),
    Intent("letter.list", "Say which letters the user has written, newest first.",
           examples=(("what letters have I written", {}),)),
    Intent("letter.proofread", "Proofread the letter one finding at a time, or answer whether to make the change read out.",
           (_s("answer", "string", "the user's answer to \"Shall I change it?\"", enum=("yes", "no", "all", "stop")),
            _s("text", "string", "the answer's words, dictated when no question is open")),
           examples=(("proofread it", {}),),
           context=("write a letter to Loretta",)),
    Intent("letter.end", "Finish and save the letter, signed and closed as said, and mail it when asked.",
           (_s("sender", "string", "the signature"), _s("closing", "string", "the closing words, e.g. with love"),
            _s("mail", "boolean", "mail it once saved")),
           examples=(("that's all", {}), ("that's it, sign it from Roberto", {"sender": "Roberto"})),
           context=("write a letter to Loretta",)),
    Intent("calc", "Work out arithmetic.",
           (_s("expression", "string", "arithmetic with + - * / ** % ( ) and sqrt(), e.g. (12 * 7) / 4", required=True,
               question="What should I work out?", answer="expression"),
            _s("amount", "number", "for a unit conversion: the amount"),
            _s("from_unit", "string", "for a unit conversion: the unit converted from, e.g. mile"),
            _s("to_unit", "string", "for a unit conversion: the unit converted to, e.g. kilometre")),
           examples=(("what's 12 times 7", {"expression": "12 * 7"}),
                     ("what's 15 percent of 80", {"expression": "15 / 100 * 80"}))),
    Intent("persona.name", "Say the companion's name.", tool=False, examples=(("what's your name", {}),),
           sentences=("what is your name [again|now]", "who are you [again|now]",
                      "what (should|do|can|shall) i call you [again|now]", "what are you called [again|now]",
                      "do you have a name [again|now]", "tell me your name [again|now]", "your name [again|now]",
                      "what was your name [again|now]", "what (do|would) you like to be called", "what (do|would) you like me to call you", "have you got a name [again|now]", "[sorry] what did you say your name (was|is)",
                      "who am i talking to [again|now]", "who is this [again|now]", "how do you call yourself", "how are you called", "how you are called", "how you call yourself", "who is speaking [again|now]",
                      "what do (people|they|others|folks|friends) call you [again|now]",
                      "what name do you go by [again|now]", "remind me your name [again|now]")),
    Intent("persona.rename", "Give the companion a new name.",
           (_s("name", "string", "the new name", required=True, question="What would you like to call me?",
               answer="name"),),
           examples=(("I'll call you Sam", {"name": "Sam"}),)),
    Intent("persona.about", "Talk about the companion itself.", tool=False, examples=(("tell me about yourself", {}),),
           sentences=("tell me [something|a bit|a little|more] about (yourself|you)", "what are you [like|exactly|really]", "who are you (really|exactly|actually)",
                      "are you (a robot|human|a human|real|an ai|an a i|alive|a person|a computer|conscious|a machine|a program|"
                      "sentient|married|happy|single|smart|a real person|a real human|an actual person|a bot)",
                      "who (made|built|created|designed|programmed) you", "how old are you", "where are you from",
                      "where do you live", "what do you like [to do]", "do you have feelings", "describe yourself",
                      "introduce yourself", "what is your (story|purpose|job)", "do you dream", "what do you think about",
                      "are you (there|listening)", "do you sleep", "what do you do all day", "where are you",
                      "do you have (a body|friends|a family)", "when is your birthday", "what makes you happy",
                      "what kind of (ai|assistant|thing) are you")),
    Intent("smalltalk", "Greetings, thanks, feelings, jokes.",
           (_s("topic", "string", "the kind of small talk"),
            _s("mood", "string", "for a feeling: good news, or feeling unwell; for affection: asked as a question; "
               "for a joke: it fell flat; for how_are_you: asked what the OS is doing",
               enum=("good", "unwell", "asked", "flop", "doing"))),
           tool=False, examples=(("thank you", {"topic": "thanks"}),)),
    Intent("device.battery", "Say the earpiece's battery level.", examples=(("how's my battery", {}),)),
    Intent("device.volume", "Set or step the earpiece's volume.",
           (_s("level_pct", "integer", "0 to 100"), _s("direction", "string", "up or down", enum=("up", "down"))),
           examples=(("turn it up", {"direction": "up"}),)),
    Intent("conversation.repeat", "Say the last answer again.", tool=False, examples=(("say that again", {}),),
           sentences=("[sorry|excuse me|pardon] (say (that|it) (again|once more|one more time)|repeat [that|it] [again|once more]|(could|can) you repeat [that])",
                      "[sorry] what did you [just] say", "[sorry] what was that [again]", "come again", "pardon [me]", "sorry [what]",
                      "what", "huh", "i did not (catch|hear|get) (that|it|you)", "one more time", "say again",
                      "repeat what you [just] said", "i missed that", "read (that|it) again", "say what", "excuse me",
                      "[sorry] repeating (that|it) [i did not [quite] (catch|hear|get) (that|it|you)]")),
    Intent("conversation.cancel", "Drop what is going on.", tool=False, examples=(("never mind", {}),),
           sentences=("[no] [no|ok|okay|oh|just|please] (never mind|nevermind|cancel|cancel that|stop|stop it|stop talking|be quiet|"
                      "quiet|shush|shut up|hush|forget it|forget about it|nothing|no thanks|no thank you|nope|nothing thanks|"
                      "that is all|that is it|that will be all|ignore that|ignore me|abort|i changed my mind|not now|leave it|"
                      "skip it|cancel everything|silence|enough|never mind that) [thanks|thank you|then|please|anyway]",
                      "[no] do not send (it|that|the reply|the email) [then]", "(scrap|forget|discard) the reply",
                      "[oh] (never mind|forget it|cancel that|ignore me) [sorry] (scrap that|forget it|cancel that|ignore me|never mind)")),
    Intent("conversation.end", "The user is leaving the conversation.", tool=False, examples=(("bye for now", {}),),
           sentences=("[ok|okay|great|thanks|thank you|cheers|lovely|perfect|right|ta|grand|grand so|fine|alright|sharp|sharp sharp|you betcha|you bet|la|acha|orait|tak jo|gata|ajde|ajd|bine|dobre|dobro] [thanks|thank you|salamat|very much] [la|lah] [then] (bye|goodbye|good bye|bye bye|bye for now|goodbye for now|bye then|cheerio|ciao|ta ra|tara|ta ta|laters|see ya|toodle pip|slan|slan abhaile|sai anjima|hwyl|hwyl fawr|hwyl am y tro|totsiens|sala kahle|hamba kahle|slan go foill|slan leat|good luck|hooroo|khuda hafiz|allah hafiz|fi amanillah|alvida|phir milenge|sota tale|sota tale moce|moce|moce mada|nofo a|nofo ai|lukim yu|lukim iu|lukim yu bihain|aere ra|tofa|tofa soifua|ti a bo|adios|sahha|sahha hafna|antio|ka kite ano|haere ra|tchau|tchau tchau|txau|cau|cau cau|na shledanou|nashledanou|do widzenia|do zobaczenia|pa|pa pa|adijo|bok|zdravo|dovidjenja|dovidenia|dovizhdane|viszlat|la revedere|naten e mire|mirupafshim|iki|sudie|head aega|sau bol|sau bolyngyz|ma'a salama|ma'as salama|maa salama|ma salama|bslama|beslama|khoda hafez|xayr|hayr|chao pues|chao vale|nos vemos|nos vemos pues|hasta la vista|chau che|chau|ciao ciao|hasta luego|hasta manana|hasta pronto|agur|adeus|arrivederci|tschuss|tschuess|doei|na we pita|na we|poka|poka poka|do svidaniya|do pobachennya|zaijian|bai bai|joi gin|ha det|ha det bra|hej da|hej hej|heippa|moikka|auf wiedersehen|adieu|a presto|ate logo|au revoir|a bientot|nabad gelyo|nabadgelyo|aavjo|avjo|sayonara|ja mata ne|ja mata|mata ne|la kon|lakon|annyeonghi gaseyo|allah wiyak|allah maak|bye allah wiyak|bye allah maak) [a bit|for now|then|now|so] [thanks|thank you]",
                      "[ok|okay|thanks|cheers] see you in a bit",
                      "[ok|okay|thanks|thank you|ta|cheers] (good night|goodnight|night|night night|sleep well)",
                      "[respect|big up|thank you|thanks|thanks you] (bless up|walk good|one love|likkle more) [respect]",
                      "cheers now", "(webale|webale kale|webale nnyo|wasingya) [bye|bye bye|see you|goodbye]",  # Luganda thanks and goodbye
                      "[ok|okay|right|great|brilliant|lovely|perfect|grand|cheers|good on (you|ya) [mate]|no worries] [thanks|thank you|cheers|ta|thank you very much|thanks very much|thanks a lot] (take care|see (you|ya) [later|soon|tomorrow|after]|(talk|speak) [to you] (later|soon|after)|later|catch (you|ya) [later])",
                      "(don't worry|do not worry|no worries|no problem) (i am going|i gone|i am off) [now|later] [bye|see you|see ya]",  # Trinidadian "doh worry, I gone"
                      "[ok|okay|right|great|lovely|perfect|grand] [thanks|thank you|cheers|ta] i will (do|sort|finish) the rest (later|dreckly|tomorrow|in a bit) [thanks|ta|bye]",
                      "[cheers|thanks|right|ok|okay] [i am] off to (bed|sleep|work)", "[right|ok|okay|cheers|thanks] [cheers|thanks] [i am|that is me] away to (bed|my bed|my work|work) [then|now]", "(i am off|that is me (off|away) to (work|bed|the shops|school|the gym|the class|class|the office|the pub)|i am going to bed|i am heading out|i am going to head (out|off|home)|let me go i am getting late [for (class|work|school)]|let me go [and|to] (sleep|rest|lie down|bed)|let me go|that is me done|i am heading (into|to|off to) (a meeting|work|class|bed|a lecture)|this is my stop|i have to go|i have got to go|i need to go|i had better go|i better go|got to go|i must go|i must dash|going to sleep now|i am going to sleep|i am going|i gone|me voy|ya me voy) [after (nights|my shift|a night shift|a long day|work|the late shift)] [now|later] [then] [bye|bye bye|goodbye|cheerio|bye for now|ta ra|tara|see ya|talk later|talk to (you|ya) later|speak later|speak soon|ciao|tchau|txau|adeus|au revoir]",
                      "[ok|thanks|grand job|good job|nice one|lovely job|great stuff|brilliant|sound] that is all for now [bye|goodbye|then]",
                      "(grand job|good job|nice one|lovely job|job|great stuff|lovely|brilliant|cheers|thanks) that is all [thanks|cheers|bye]",
                      "[ok|okay|right|thanks|cheers] that is (all|it|everything|enough) [na] [for now|for today] [thanks|thank you|cheers|ta] [ha|haan] (bye|goodbye|cheerio|ta ra|tara|see ya|see you|bye for now|khuda hafiz|allah hafiz|sai anjima|tchau|ciao|adios)", "that is all for today", "that is everything [for now|for today|for the day]", "[ok] that will be all for now",
                      "[alright|all right|ok|okay|right|great|lovely] that is (all|everything|it) (i need|i needed|i wanted) [for now|for today] [thanks|thank you|cheers|ta]",
                      "[ok|okay|right|ta|thanks|cheers] that is (us|me) done [for now|for today|for the day|then] [thanks|ta|cheers|bye]",
                      "[ok|okay|right|lovely|no worries] that will do [me|us] [for now|for today] [thanks|ta|cheers|bye]",
                      "[thanks] (we are|i am) done for now", "[ok|okay|right|thanks] (i am|we are) (done|finished|all done|sorted) [for now|for today] [thanks|thank you|cheers] (bye|goodbye|cheerio|bye for now|ta ra|see ya|see you)", "[ok|okay|right|cheers|thanks] that is me [done|finished|off|away] [now|for now|for today|for the day] [then] [bye|goodbye|ta ra|tara|cheerio|see ya|see you|talk to (you|ya) later|speak soon]",
                      "[ok|okay|right|cheers|thanks] that is me back (on|to) (the pass|work|the ward|the floor|it|the job|the road|the desk) [then] [bye|ta ra|tara|cheerio]",
                      "[ok|okay|right] (school run|work|bed|the shops|the gym) [then] (bye|ta ra|tara|cheerio|see ya|see you)",
                      "(thanks|thank you|cheers|ta|great|perfect|lovely|grand|brilliant|smashing|champion|magic|ace|sound|right|ok|okay) [cheers|thanks|thank you|ta] [then] (that is (all|it|everything)|that will be all) [for now|for today|for the day] [thanks|thank you|cheers|ta]")),
    Intent("conversation.next", "Step to the next item of what was just listed.", tool=False, examples=(("next", {}),),
           context=("read my notes",),
           after=("list.read", "reminder.list", "note.read", "calendar.query", "alarm.list"),
           sentences=("[and] [the] next [one|item|please]", "[and] what is next", "go on", "read next", "read the next one",
                      "[and] [what is|what about] after that")),
    Intent("conversation.previous", "Step back to the item before.", tool=False, examples=(("previous", {}),),
           context=("read my notes",),
           after=("list.read", "reminder.list", "note.read", "calendar.query", "alarm.list"),
           sentences=("[go] back [one]", "[the] (previous|last|one before) [one|item]", "go back to the (previous|last) one",
                      "read the previous one")),
    Intent("help", "Say what the OS can do, or how to ask for one thing.", tool=False,
           slots=(_s("topic", "string", "what the user asks how to do", enum=HELP_TOPICS),),
           examples=(("what can you do", {}), ("how do I set a reminder", {"topic": "reminders"})),
           sentences=("help [me]", "i need help", "what can you do", "what can i (say|ask [you])", "what are you able to do",
                      "what else can you do", "how do i use (you|this)", "what do you do",
                      "what (are|is) your (skills|features|abilities|commands)", "what commands (do you know|are there)",
                      "how does this work", "what can you help [me] with", "what (sort|kind|type|sorts|kinds) of (things|stuff) can you (do|help [me] with)", "what (things|stuff) [can] you [can] do",
                      "what are you good at", "what are you for", "what do you know how to do", "what things can you do",
                      "(show|tell) me what you can do")),
    Intent("fallback", "Not understood.", tool=False),
)

REGISTRY: dict[str, Intent] = {i.name: i for i in _DECLARED}
INTENTS: tuple[str, ...] = tuple(REGISTRY)


# ---------------------------------------------------------------------------------------------
# templates

_TOKEN = re.compile(r"[a-z0-9'%]+|[()\[\]|]|\s+")


def compile_template(template: str) -> re.Pattern[str]:
    """A template's regex, to be matched against " " + normalised text: each word must start a word."""
    out = []
    pos = 0
    for m in _TOKEN.finditer(template):
        if m.start() != pos:
            raise ValueError(f"template {template!r}: unexpected {template[pos:m.start()]!r}")
        pos = m.end()
        tok = m.group(0)
        if tok.isspace():
            continue
        out.append({"(": "(?:", ")": ")", "[": "(?:", "]": ")?", "|": "|"}.get(tok) or f"(?: {re.escape(tok)})")
    if pos != len(template):
        raise ValueError(f"template {template!r}: unexpected {template[pos:]!r}")
    return re.compile("^" + "".join(out) + "$")


_COMPILED: dict[str, tuple[re.Pattern[str], ...]] = {
    i.name: tuple(compile_template(s) for s in i.sentences) for i in _DECLARED if i.sentences}


def sentence_intent(text: str, last_intent: str | None) -> str | None:
    """The fixed-phrase intent whose template sentences match normalised text, in declaration order;
    an intent declared with `after` only right after one of those."""
    found = _sentence_intent(text, last_intent)
    plain = re.sub(r"^just |(?<=\w) (?:then|for now|instead)$", "", text)  # "just archive it then"
    if found is None and plain != text:
        found = _sentence_intent(plain, last_intent)
    words = text.split()
    if found is None and 4 <= len(words) <= 16:  # two sentences of one intent: "what are you exactly, tell me about yourself"
        for i in range(2, len(words) - 1):
            first = _sentence_intent(" ".join(words[:i]), last_intent)
            if first is not None and _sentence_intent(" ".join(words[i:]), last_intent) == first:
                return first
    return found


def _sentence_intent(text: str, last_intent: str | None) -> str | None:
    probe = " " + text
    for name, patterns in _COMPILED.items():
        after = REGISTRY[name].after
        if after and not (last_intent and last_intent.startswith(after)):
            continue
        if any(p.match(probe) for p in patterns):
            return name
    return None


def matches_sentences(intent: str, text: str) -> bool:
    """Does normalised text match one of the intent's template sentences?"""
    probe = " " + text
    return any(p.match(probe) for p in _COMPILED.get(intent, ()))


# ---------------------------------------------------------------------------------------------
# tools and validation

class SlotError(ValueError):
    """Slot values that do not fit the registry's declaration; the message says which and why."""


def tool_name(intent: str) -> str:
    """The function name a model sees ("timer.set" -> "timer_set"; dots are not allowed there)."""
    return intent.replace(".", "_")


_JSON_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean",
               "datetime": "string", "date": "string", "time": "string"}


def tool_schema(intent: Intent) -> dict:
    """The OpenAI function-tool declaration of an intent."""
    properties: dict = {}
    for s in intent.slots:
        if s.type == "string_list":
            prop: dict = {"type": "array", "items": {"type": "string"}}
        else:
            prop = {"type": _JSON_TYPES[s.type]}
        prop["description"] = s.description
        if s.enum:
            prop["enum"] = list(s.enum)
        properties[s.name] = prop
    return {"type": "function", "function": {
        "name": tool_name(intent.name), "description": intent.description,
        "parameters": {"type": "object", "properties": properties, "required": [s.name for s in intent.required]}}}


def validate(intent_name: str, args: object, now: datetime) -> dict:
    """Slots from a model's tool call, checked and converted to the types the skills take.

    Raises SlotError for an unknown intent, unknown or mistyped slots, or a missing required one.
    """
    intent = REGISTRY.get(intent_name)
    if intent is None or not intent.tool:
        raise SlotError(f"there is no tool for {intent_name!r}")
    if not isinstance(args, dict):
        raise SlotError("the arguments must be an object")
    out: dict = {}
    for key, value in args.items():
        slot = intent.slot(str(key))
        if slot is None:
            raise SlotError(f"{tool_name(intent.name)} has no argument {key!r}; it takes "
                            f"{', '.join(s.name for s in intent.slots) or 'none'}")
        if value is None:
            continue
        out[slot.name] = _convert(slot, value, now)
    missing = intent.missing(out)
    if missing is not None:
        raise SlotError(f"{tool_name(intent.name)} needs {missing.name} ({missing.description})")
    return out


def _convert(slot: Slot, value: object, now: datetime) -> object:
    bad = SlotError(f"{slot.name} must be {slot.type} ({slot.description}), got {value!r}")
    t = slot.type
    if t == "boolean":
        if isinstance(value, bool):
            return value
        raise bad
    if t in ("integer", "number"):
        if isinstance(value, bool):
            raise bad
        try:
            number = float(value) if isinstance(value, str) else value
        except ValueError:
            raise bad from None
        if not isinstance(number, (int, float)) or number != number or abs(number) > 1e9:
            raise bad
        return int(number) if t == "integer" else number
    if t == "string_list":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise bad
        return [v.strip() for v in value]
    if not isinstance(value, str) or not value.strip():
        raise bad
    value = value.strip()
    try:
        if t == "datetime":
            at = datetime.fromisoformat(value)
            return (at if at.tzinfo else at.replace(tzinfo=now.tzinfo)).replace(microsecond=0).isoformat()
        if t == "date":
            return date.fromisoformat(value).isoformat()
        if t == "time":
            return time.fromisoformat(value).strftime("%H:%M")
    except ValueError:
        raise bad from None
    if slot.enum and value not in slot.enum:
        raise SlotError(f"{slot.name} must be one of {', '.join(slot.enum)}, got {value!r}")
    return value


def skill_intents() -> tuple[str, ...]:
    """Intents a model may call as tools."""
    return tuple(i.name for i in _DECLARED if i.tool)

