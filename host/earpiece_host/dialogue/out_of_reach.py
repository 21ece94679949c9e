"""What the OS cannot do, said honestly instead of "I didn't catch that".

"What's the weather like?" is understood by anyone; answering it with "Could you put it another
way?" tells the user to rephrase something that was clear. When no rule takes an utterance (and
the language model, if there is one, did not answer it), the engine looks here before the gentle
fallback: a request for something the OS has no source for (weather, news, music, calls and
texts, exchange rates, directions, places looked up, bookings with others, things bought online, printing, a list sent to
someone) gets a sentence
that says so and, where there is one, what it can do instead.
The intent stays "fallback", so a configured model still gets the first word. Bookings, printing,
places and lists sent on are asked in words a rule would act on ("book a table for Friday at
eight" would add an event), so the rules look here first (`asked_before_the_rules`), unless the
words answer a question the OS asked.
"""

from __future__ import annotations

import re

# Matched against the normalised text (lower case, "what is" for "what's", no punctuation) of an
# utterance no rule took. Each asks for something; "the weather was lovely" is not asking for a forecast.
_ASKING = r"(?:so |and |hey |ok |okay |well )?(?:can you |could you |would you |please )?"
_BOOKING = (r"(?:(?:book|reserve|order|buy|get) (?:us |me )?(?:(?:a|an|one|two|some|the) )?(?:[a-z]+ )?"
           r"(?:table|taxi|cab|uber|flight|flights|ticket|tickets|hotel|train|ride|tour|trip|cruise|excursion|safari)\b|"  # "book table for dinner at six", the article not said
           r"(?:book|reserve|order|buy|make|get (?:us|me|her|him|them)) (?:(?:us|me|her|him|them) )?[a-z' ]*?(?:online|on (?:the )?internet|on the web|on amazon)$|"
           r"(?:book|make|get) (?:(?:us|me|her|him|them) )?(?:an? )?appointment (?:with|at|for) (?:the |my |a |an )?[a-z]+$)")
"""A booking made with someone else (a table, a taxi, a flight, an appointment with the doctor), or anything bought or
booked online (a balloon ride, a boat trip), which the OS has no way to make."""
_PLACES_ASKED = (r"^(?:where|what|which) (?:is|are|can i find|do i find) (?:the|a|some) (?:best|good|nicest|cheapest|closest|most famous|"
                r"famous|cheap) (?:[a-z]+ ){0,2}(?:place|restaurant|market|shop|hotel|cafe|bar|beach|bakery|pharmacy|garage|museum|"
                r"club|gym|spot|souk|bazaar|hammam|pub)s? (?:in|near|around) [a-z]+")
"""A place looked up ("where is the best fish market in Alexandria"), not one the user told of."""
_SHARING = (r"(?:send|share|text|forward|whatsapp|message|email|e mail|mail|give) (?:(?:this|that|the|my|our|your) )?(?:[a-z]+ ){0,2}"
           r"(?:list|lists|notes?)\b(?:.* )?(?:to|with) [a-z]")
"""A list or note sent to someone else ("send this list to my brother on WhatsApp"): it stays on the earpiece."""
_OUT_OF_REACH: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = (
    ("weather",
     re.compile(rf"^{_ASKING}(?:(?:what is|what will|how is|how will|what does|tell me|give me|check|any|is there|what about)\b.*\b"
                r"(?:weather|forecast)\b|(?:the )?(?:weather|forecast)(?: (?:today|tomorrow|tonight|please|for (?:today|tomorrow)|"
                r"this (?:week|weekend)))*$)"
                rf"|^{_ASKING}(?:is it|will it|is it going to|do i need|should i (?:take|bring))\b.*\b(?:rain|raining|snow|snowing|"
                r"umbrella|coat|sunny|windy)\b"),
     ("I can't check the weather: I have no forecast to look at. A glance out of the window will beat me.",
      "I don't have a weather forecast, sorry. That's one thing I can't see from here.")),
    ("news",
     re.compile(rf"^{_ASKING}(?:what is|what are|tell me|read me|give me|any|catch me up on)\b.*\b(?:news|headlines)\b"
                rf"|^{_ASKING}(?:the )?(?:news|headlines)\b|\bwhat is happening in the world\b"),
     ("I can't follow the news: all I see is your own mail, calendar and notes.",
      "No news from me, I'm afraid. I only see your mail, your calendar and what you tell me.")),
    ("music",
     re.compile(rf"^{_ASKING}(?:play|put on|shuffle) (?!it again|that again|it back|that back)"),
     ("I can't play music; I only have my voice. I can keep you company while your music plays, though.",
      "Music isn't something I can play, sorry. I'm just a voice in your ear.")),
    ("sharing",
     re.compile(rf"^{_ASKING}{_SHARING}"),
     ("I can't send your lists or notes to anyone: they stay here with me. I can read one out so you can pass it on: "
      "say \"read the shopping list\".",)),
    ("calls",
     re.compile(rf"^{_ASKING}(?:(?:call|ring|phone|dial|text|message|facetime) (?!me\b|you\b|it\b|that\b|this\b|back\b)\w+|"
                rf"(?:send|write) (?:an? )?(?:texts?|sms|whatsapps?|text messages?)\b|make (?:phone )?calls\b)"),
     ("I can't make calls or send texts. I can write them an email, if they've sent you one before: "
      "say \"write an email to\" and their name.",)),
    ("currency",
     re.compile(r"\b(?:dollars?|euros?|pounds sterling|yen|yuan|rupees?|francs?|pesos?|exchange rate|in sterling)\b.*"
                r"\b(?:in|to|into)\b|\bexchange rate\b|^how many (?:dollars|euros|yen|rupees|francs|pesos) (?:is|are|in|for)\b|\bhow much is (?:a|one) (?:dollar|euro|pound) (?:in|worth)\b"),
     ("I can't convert money: I have no exchange rates, and they change by the minute. I can do the arithmetic if you "
      "tell me the rate.",)),
    ("bookings",
     re.compile(rf"^{_ASKING}{_BOOKING}"),
     ("I can't make bookings or buy things: I have no way to reach a restaurant, a shop, a surgery or an airline. Once it's "
      "booked, I can put it in your calendar: say \"add dinner on Saturday at eight\".",)),
    ("directions",
     re.compile(r"\b(?:how do i get to|how (?:do|can) i get (?:to|home)|directions to|navigate to|take me to|which way is|"
                r"how far is(?: it)? to|where is the nearest)\b"),
     ("I can't give directions: I don't know where you are, and I have no maps.",)),
    ("printing",
     re.compile(r"^(?:can you |could you |please )?print(?: out)? "),
     ("I can't print anything: I have no printer to send it to. I can read it to you.",)),
    ("places",
     re.compile(_PLACES_ASKED),
     ("I can't look places up: I have no maps or reviews, and no way to search the web. If a friend tells you one, I can "
      "remember it for you.",)),
)


_BEFORE_THE_RULES = ("sharing", "bookings", "printing", "places")
"""Asked in words a rule would act on: "book a table for Friday at eight" would add an event, "print the one from
Marcela" read it, "send this list to my brother" read the list, "where is the best fish market in Alexandria" look in
what the user told. These are told before any rule runs (`asked_before_the_rules`), the others when none took the words."""


def asked_before_the_rules(text: str) -> bool:
    """True when `text` (normalised) asks for something out of reach in words a rule would otherwise act on."""
    return any(pattern.search(text) for topic, pattern, _ in _OUT_OF_REACH if topic in _BEFORE_THE_RULES)


def out_of_reach(text: str) -> tuple[str, tuple[str, ...]] | None:
    """(topic, the replies that say so) when `text` (normalised) asks for something the OS has no
    source for; None otherwise."""
    for topic, pattern, replies in _OUT_OF_REACH:
        if pattern.search(text):
            return topic, replies
    return None


# A remark about the user's day ("I just got back from a run", "we went to the beach") asks for no
# action, and "could you put it another way?" would answer it as a failed request.
_REMARK = re.compile(r"^(?:so |well |oh |and |anyway )?(?:i|we)\b.*\b(?:went|got|had|was|were|am|are|just|saw|met|made|did|"
                     r"have been|spent|finished|tried|found|think|thought|feel|felt|love|loved|like|liked)\b")
_QUESTION = re.compile(r"^(?:so |well |oh |and |anyway )?(?:what|when|where|who|whom|whose|which|why|how|can|could|would|will|"
                       r"shall|should|do|does|did|is|are|am|was|were|have|has|may|might)\b")


# Words of the OS's requests: an utterance holding one is more likely a request misheard ("the timer
# is it" for "what time is it") than a remark, and is better asked again.
REQUEST_WORDS = re.compile(r"\b(?:timers?|time|remind|reminders?|lists?|notes?|e ?mails?|mail|calendar|alarms?|volume|"
                            r"battery|letters?|set|add|cancel|delete|read|send|stop|start|what)\b")


def is_remark(text: str, raw: str = "") -> bool:
    """Whether an utterance no rule took (normalised `text`) is a remark to be listened to rather than
    a request that failed: four words or more that tell of the user ("I just got back from a run", "we
    went to the beach"), not a question, not asked with "?", and holding none of the words the OS's
    requests are made of. A misheard request ("the car needs foil") is better asked again."""
    return (len(text.split()) >= 4 and bool(_REMARK.match(text)) and not _QUESTION.match(text)
            and not raw.rstrip().endswith("?") and not REQUEST_WORDS.search(text))
