"""The persona: her name (and renaming), who she is, small talk, help, and the morning briefing."""

from __future__ import annotations

from collections.abc import Sequence

from ..config import DialogueConfig
from ..phrasing import join_words
from ..store import Store
from ..types import SkillReply
from .base import Turn, spoken_setup
from .calendar_skill import NO_CALENDAR_SETTING

PERSONA_KEY = "persona_name"
SETTINGS_NAME_KEY = "persona_name_in_settings"  # the settings file's name when last seen

_HELP = ("I can tell you the time and date, set timers and reminders, take notes, keep your shopping and to-do lists, "
         "remember things about you and the people in your life, read your calendar and your email, "
         "take a letter, and turn my volume up or down. Just ask the way you'd ask a friend.")

# "How do I set a reminder?": the words that do it, for each of intents.HELP_TOPICS.
_HOW = {
    "reminders": "Just say \"remind me to call Amy at 5\", or \"every Monday at 8 to put the bins out\". "
                 "Ask \"what reminders do I have?\" to hear them, and \"move it to 6\" or \"cancel it\" to change one.",
    "alarms": "Say \"wake me up at 7\", or \"set an alarm for 6:30 on weekdays\". When it rings, tap the button, "
              "or say \"I'm up\" or \"snooze for 5 minutes\".",
    "timers": "Say \"set a pasta timer for 8 minutes\". Then \"how long left?\", \"add 2 minutes\", "
              "\"pause it\" or \"cancel the pasta timer\".",
    "lists": "Say \"add eggs and milk to the shopping list\", \"what's on my shopping list?\", or \"take milk off\". "
             "Any name works: \"start a packing list\".",
    "notes": "Say \"take a note\" and what it says. Later, \"read my notes\", or ask for it by its words: "
             "\"what was the wifi password?\"",
    "calendar": "Ask \"what's on tomorrow?\" or \"am I free at 3?\". Say \"book lunch with Tom on Friday at 1\", "
                "\"move the dentist to Thursday\" or \"cancel the dentist\".",
    "email": "Ask \"any new email?\", then \"read it\", \"next\", or \"reply saying I'll be there\" and "
             "\"send it\". \"Write an email to Amy\" starts a new one.",
    "letters": "Say \"write a letter to Grandma\" and just talk. \"New paragraph\", \"read it back\" and "
               "\"proofread it\" help along the way, and \"that's all\" saves it.",
    "memory": "Just tell me, like \"my sister Rachel lives in Leeds\" or \"the door code is 4 4 1 9\", and ask later: "
              "\"where does Rachel live?\" Say \"forget\" and what to forget.",
    "volume": "Say \"louder\", \"quieter\", or \"volume 50 percent\".",
}


class PersonaSkill:
    intents = ("persona.name", "persona.rename", "persona.about", "smalltalk", "help")

    def __init__(self, store: Store, default_name: str) -> None:
        self._store = store
        self._default = default_name
        # A name changed in the settings file wins over an earlier rename in conversation, and a later
        # rename wins over the file: whichever changed last.
        seen = store.get_setting(SETTINGS_NAME_KEY)
        if seen != default_name:
            with store.transaction() as db:
                if seen is not None or default_name != DialogueConfig.persona_name:  # not merely first seen
                    db.execute("DELETE FROM settings WHERE key = ?", (PERSONA_KEY,))
                db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           (SETTINGS_NAME_KEY, default_name))

    @property
    def name(self) -> str:
        return self._store.get_setting(PERSONA_KEY, self._default) or self._default

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        name = self.name
        if intent == "persona.name":
            return SkillReply(turn.say.choice((f"I'm {name}.", f"My name is {name}.", f"It's {name}. Nice to be asked.")))
        if intent == "persona.rename":
            new = (slots.get("name") or "").strip()
            if not new:
                return SkillReply("What would you like to call me?")
            if new.lower() == name.lower():
                return SkillReply(f"That's already my name. {new} it is.")
            self._store.set_setting(PERSONA_KEY, new)
            return SkillReply(turn.say.choice((f"{new}. I like that. {new} it is.", f"Okay, call me {new} from now on.",
                                               f"{new}? Yes, that suits me.")), slots={"name": new})
        if intent == "persona.about":
            return SkillReply(turn.say.choice((
                f"I'm {name}. I live in your earpiece and on your computer, and I'm here to take a bit of the day off your hands.",
                f"I'm {name}, your companion in your ear. I remember what you tell me, keep your lists and reminders, and I like talking with you.",
                f"Me? I'm {name}. Curious, a little organised, and all yours. Everything I know stays on your own computer.")))
        if intent == "help":
            return SkillReply(_HOW.get(str(slots.get("topic") or ""), _HELP))
        topic = slots.get("topic") or "smalltalk"
        if topic not in ("greeting", "how_are_you", "thanks", "goodbye", "feeling", "joke", "affection"):
            topic = "smalltalk"
        if slots.get("mood") and turn.say.knows(f"{topic}_{slots['mood']}"):  # "feeling_good", "affection_asked"
            topic = f"{topic}_{slots['mood']}"
        return SkillReply(turn.say.pick(topic, user=turn.to_user))

    @staticmethod
    def briefing(turn: Turn, *, events: list[str], unread: int | None, reminders: list[str],
                 calendar_connected: bool = True, unreadable: Sequence[str] = ()) -> str:
        """The first words of the day: a greeting, today's events, unread mail and reminders due today.
        `unreadable` names the sources ("calendar", "mail") that failed just now: the briefing says so
        instead of promising a clear day."""
        hour = turn.now.hour
        part = "Good morning" if hour < 12 else ("Good afternoon" if hour < 18 else "Good evening")
        parts = [f"{part}{turn.to_user}."]
        if events:
            parts.append(f"Today you have {join_words(events)}.")
        if unread:
            parts.append(f"You have {unread} unread email{'s' if unread != 1 else ''}.")
        if reminders:
            parts.append(f"Reminders for today: {'; '.join(reminders)}.")
        if unreadable:
            parts.append(f"I couldn't read your {join_words(list(unreadable))} just now.")
        if len(parts) == 1 and not calendar_connected:
            parts.append(spoken_setup("No reminders today, and I can't see your calendar: none is connected yet.",
                                      NO_CALENDAR_SETTING, point_to_log=False))
        elif len(parts) == 1:
            parts.append(turn.say.choice(("Your day looks clear.", "Nothing on the books today.", "A quiet day ahead.")))
        return " ".join(parts)
