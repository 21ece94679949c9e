"""Requests and questions said in another order or another way, put the way the intent rules read them.

Topic first ("the MOT, move it to Wednesday"), verb last ("and the gym on Friday cancel please"), questions
without "does" or "is" ("where my cousin working"), sums said backwards ("fifteen dollar times six trip, how
much"), reasons said before the request, and the short forms of Singapore, Malaysia and South Africa.
"""

from __future__ import annotations

import re

from ..numbers import NUMBER_RE, NUMBER_WORDS_RE
from ..timeparse import DAY_OF_MONTH_RE, UNIT_RE, WEEKDAY_RE
from .words import BARE_VERB, DAYS, HOURS, KIN_TITLES, THIRD_PERSON

_SERVICE_NOUN = {"serviced": "service", "repaired": "repair", "fixed": "repair", "mot'd": "mot", "motd": "mot"}
# "remind me what my job is": a question, not a reminder, when no time for one follows.
_REMIND_ME_ASKS = re.compile(r"^(?:can you |could you )?remind me (?=(?:what|where|who|whose|which|how many|how old|how much)\b)"
                             r"(?!.*\b(?:tomorrow|tonight|later|every|at|in (?:an?|half|\d+|[a-z]+ (?:minutes?|hours?|days?))|on (?:the )?[a-z]+day)\b)")
# Other words a question uses for a job: "what's Anjali's line of work" asks for her job.
_JOB_WORDS = re.compile(r"^(?=(?:what|tell me|do you know|do you remember)\b).*\b(?:line of work|occupation|profession)\b")
_WORD = r"(?:(?!(?:the|a|an|my|it|that|this)\b)[a-z]+)"
# Where a time or a day begins: "to ten thirty", "to Friday", "to the twelfth", not "to Leeds".
_A_WHEN = (rf"(?=(?:on |at |for )?(?:{WEEKDAY_RE}|today|tomorrow|tonight|next|this|the (?:next |following )?(?:day|week|{DAY_OF_MONTH_RE})\b|"
           rf"half|quarter|noon|midday|midnight|{NUMBER_WORDS_RE}|\d)\b)")


def _out_of(m: re.Match) -> str:
    """ "X out of Y, how much remain": Y minus X, Y in X's thousands when only X said them ("120 thousand out of the 160")."""
    x, y = m.group("x"), m.group("y")
    for unit in ("thousand", "million", "hundred"):
        if x.endswith(unit) and not re.search(r"\b(?:thousand|million)\b", y) and not y.endswith(unit):
            y = f"{y} {unit}"
            break
    return f"what is {y} minus {x}"


def questions_without_is(t: str) -> str:
    """ "what my dog name again", "where the truck parked", "how long the bouyon have left", "what's Dave do"."""
    t = re.sub(r" (?:last (?:week|month|year)|yesterday|recently|this week) (?=(?:named|called)\b)", " ", t)  # "a husky pup last week named Nanook"
    t = re.sub(r"^what (?:my|me) (?P<x>[a-z]+) name(?: again)?$", r"what is my \g<x>'s name", t)  # "what my dog name again"
    t = re.sub(r"^how (?:long|much time) (?P<x>the|my) (?P<n>[a-z]+(?: [a-z]+)?) (?:have|has|got)(?: left)?(?: again)?$", r"how long is left on \g<x> \g<n>", t)
    # Caribbean "how long the bouyon have left"
    t = re.sub(r"^where (?P<x>the|my) (?P<v>[a-z]+) parked\b", r"where is \g<x> \g<v> parked", t)  # "where the truck parked again"
    t = re.sub(r"^how many (?P<x>[a-z]+) (?:i|we) (?:got|have got|have)(?= (?:in|at|on) )", r"how many \g<x> have i got", t)
    t = re.sub(r"^what is (?P<n>[a-z]+) do(?= for (?:a living|work)$| again$|$)", r"what does \g<n> do", t)  # "what's Dave do again"
    t = re.sub(r"^how much (?=days|weeks|hours|minutes|sleeps)", "how many ", t)  # "how much days left till Christmas"
    return t


def someone_says_we_need(t: str) -> str:
    """ "my wife wants hobz on the shopping", "she says take off the chillies", "where i leave de van"."""
    t = re.sub(r"^(?:our |my |the )?[a-z]+ (?:wants|needs|says we need) (?P<i>.+) on the (?P<l>shopping|[a-z]+ list)$", r"put \g<i> on the \g<l>", t)
    # "my wife wants hobz and gbejniet on the shopping": on the list, no fact about her
    t = re.sub(r"^(?:our |my |the )?[a-z]+ (?:says|said|say) also (?=[a-z])", "and add ", t)  # "my wife says also tomatoes and tatashe"
    t = re.sub(r"^(?:(?:no|oh|and) )?(?:he|she|they|[a-z]+) (?:says|said) (?=(?:clear|add|put|take|cancel|move|delete|empty)\b)", "", t)
    # "no, she says take off the green chillies"
    t = re.sub(r"^where (i|we) (leave|park|put) ", r"where did \1 \2 ", t)  # "where i leave de van"
    return t


def says_we_need_and_does_live(t: str) -> str:
    """ "Shona says we need bin bags", "where mih cousin does live"."""
    t = re.sub(r"^((?:oh )?and )?(?:our |my |the )?[a-z]+ (?:says|said) (?:we|i) (?:need|want|are out of|have run out of|could do with) (?=[a-z])",
               lambda m: m.group(1) or "and ", t)
    # "oh and Shona says we need bin bags": the bin bags
    t = re.sub(r"^(?P<lead>(?:wait |so |and |oh )*)(?P<q>where|what|when) (?P<s>my [a-z]+|[a-z]+) (?P<v>does|do) (?P<rest>live|work|stay)\b",
               r"\g<lead>\g<q> \g<v> \g<s> \g<rest>", t)
    # "where mih cousin does live": where does my cousin live
    t = re.sub(r"^what (?P<k>instrument|sport|position|team|subject|car|job|colou?r) (?P<s>my [a-z]+|(?!(?:do|does|did|is|are|i|you)\b)[a-z]+) "
               r"(?P<v>does|do|did) (?P<rest>play|drive|teach|study|support|do|like)\b", r"what \g<k> \g<v> \g<s> \g<rest>", t)
    # Trinidadian "what instrument Kevon does play": what instrument does Kevon play
    t = re.sub(r"^what (?P<k>colou?r|make|model|size|kind|type|breed|age) (?P<s>(?:the|my|our|his|her) [a-z]+(?: [a-z]+)?) (?P<v>is|are|was)"
               r"(?P<rest> again| now)?$", r"what \g<k> \g<v> \g<s>\g<rest>", t)  # "what colour the car is again"
    return t


def anything_on_and_what_i_got(t: str) -> str:
    """ "next week anything is there", "is there anything next week", "what do I got on Thursday"."""
    t = re.sub(r"^((?:and |so )?)(?:on )?(today|tomorrow|tonight|next week|this week|this weekend|next weekend|[a-z]+day) (?:got )?anything (?:is )?there$",
               r"\1is there anything on \2", t)  # Indian English "and next week anything is there"
    t = re.sub(r"^((?:and |so )?(?:is there )?anything) (?=(?:today|tomorrow|tonight|next|this)\b)", r"\1 on ", t)  # "is there anything next week"
    t = re.sub(r"^((?:and |so )?)what (?:do )?(?:i|we) (?:got|have)\b(?! to\b)", lambda m: m.group(1) + "what have " + m.group(0).split()[-2] + " got", t)
    # "what do I got going on Thursday", "and what I got on this weekend"
    return t


def birthdays_jobs_and_homes(t: str) -> str:
    """ "Elsie birthday is ...", "where Remy stay at", "what's Tomasi do for work", "what my grandson studying"."""
    t = re.sub(r"^how old (?P<x>my [a-z]+) (?:deh|de|is)(?: now)?$", r"how old is \g<x>", t)  # Kriol "how old mi boy deh now"
    t = re.sub(r"^((?:and |oh |so )?(?:(?:pastor|reverend|father|sister|brother|auntie|aunty|uncle|imam|coach|dr|doctor|mr|mrs|miss|ms) )?)"
               r"(?!(?:my|her|his|our|their|your|the|a|an|its|when|what|is|whose|next|last|this|happy|and|so|oh|she|he|it|they|we|i|you)\b)([a-z]+) "
               r"(?=birthday (?:is|was|falls|be)\b)", r"\1\2's ", t)  # "Elsie birthday is the twenty second of April": Elsie's
    t = re.sub(r"^where (?!(?:is|are|was|were|do|does|did|will|can|should)\b)(?P<x>[a-z' ]+?) (?P<v>stay|live|work|go|park|sleep|eat) at$",
               r"where does \g<x> \g<v>", t)  # "where Remy stay at"
    t = re.sub(r"^(when|where) (?!(?:is|are|was|were|do|does|did|will|can|should)\b)(?P<x>[a-z' ]+?) at$", r"\1 is \g<x>", t)  # "when Pastor Williams birthday at"
    t = re.sub(r"^how many (?P<x>[a-z]+) (?:have|do) (?P<p>i|we)(?: have)?(?: now)?$", r"how many \g<x> have \g<p> got", t)  # Irish "how many youngsters have I"
    t = re.sub(r"^(?:me and (?:our |my )?[a-z]+|(?:our |my )?[a-z]+ and (?:me|i)|we) got married (?:on )?(?P<d>.+)$",
               r"our wedding anniversary is \g<d>", t)  # "me and our Len got married on the twelfth of September"
    t = re.sub(r"^((?:and |so )?(?:when is|when|how long (?:till|until|to)|how many days (?:till|until|to|before)) "
               r"(?:(?:pastor|reverend|father|sister|brother|auntie|aunty|uncle|imam|coach|dr|doctor|mr|mrs|miss|ms) )?)"
               r"(?!(?:my|her|his|our|their|your|the|a|an|its|next|this|she|he|it|they|we|i|you)\b)([a-z]+) (?=birthday$)", r"\1\2's ", t)  # "when is Elsie birthday"
    t = re.sub(r"^((?:and |so )?(?:what|where|when|who)) is (?!(?:it|that|this|there|he|she|they|you|i|the|my|your|his|her|our)\b)([a-z]+) (?=do\b)",
               r"\1 does \2 ", t)  # "what's Tomasi do for work": what does
    t = re.sub(r"^((?:and |so )?where) (does|do) ([a-z]+(?: [a-z]+)?) do (?:his|her|their|my|your) (?:business|trade|trading|selling|work|job)(?: again| now)?$",
               r"\1 \2 \3 work", t)  # "where does Sani do his business"
    t = re.sub(r"^((?:and |so )?what)(?: is)? (?!(?:it|that|this|there|he|she|they|you|i|the|my|your|his|her|our)\b)([a-z]+) (?:doing|up to)(?: now| these days| nowadays)?$",
               r"\1 does \2 do", t)  # "wha Shanice doin now": what she does
    t = re.sub(r"^((?:and |remember )?my [a-z]+ [a-z]+ (?:she|he)) (?=(?:in|at|from|living|working|studying|doing|allergic|a|an)\b)", r"\1 is ", t)
    # "mi daughter Shanice she in nursing school"
    t = re.sub(r"^(?:and )?what (?:is )?(?P<x>my [a-z]+|(?!is\b|it\b|that\b|this\b|there\b|you\b|he\b|she\b)[a-z]+) (?P<v>studying|doing|working on|teaching|selling|reading)"
               r"(?: again| now| these days)?$",
               lambda m: f"what does {m.group('x')} {BARE_VERB.get(m.group('v'), m.group('v'))}", t)  # Caribbean "what my grandson studying again"
    t = re.sub(r"^(?P<x>.*\bbirthday(?:'s| is) .+?) (?:and )?(?:he|she|they)(?: will|'ll) be [a-z]+(?: [a-z]+)?$", r"\g<x>", t)  # "... the ninth of March, he'll be seventeen"
    return t


def schools_bands_and_services(t: str) -> str:
    """ "which school is Njeri at", "which band is Jelani with", "where's the ute getting serviced"."""
    t = re.sub(r"^wha(?:t)? you can do with ", "what can you do with ", t)  # "wha yuh can do wid reminders"
    t = re.sub(r"^(?P<q>which|what) (?P<k>[a-z]+) (?P<x>my [a-z]+) (?:deh|de)(?: again| now)?$", r"\g<q> \g<k> is \g<x>", t)  # "which number mi stall deh"
    t = re.sub(r"^where is (?P<x>(?:the|my|our) [a-z]+) (?:getting|being|going to be|booked in for)(?: a| its| her| his)? (?P<v>serviced|service|repaired|fixed|mot'?d|mot)"
               r"(?: again)?$", lambda m: f"where is {m.group('x')} {_SERVICE_NOUN.get(m.group('v'), m.group('v'))}", t)  # "where's the ute getting serviced"
    t = re.sub(r"^(what does|how does|how is|what is) my (week|weekend)(?= look)", r"\1 this \2", t)  # "what does my week look like"
    t = re.sub(r"^(?:(?:right|okay|ok|oh|so|and) )*where (?:is|does) (?P<x>(?!(?:the|it|that|this|there)\b).+?)(?:'s(?= work$))? (?P<v>live|stay|work)(?: at)?(?: again| now)?$",
               r"where does \g<x> \g<v>", t)  # "where's Roisin's work": where she works
    # "where's my boy live at again", "and where's Dale work"
    t = re.sub(r"\bafter (?:church|mass|work|school|lunch|dinner|prayers|the service|the match|the game) (?=at )", "", t)  # "Sunday after church at one"
    t = re.sub(r"^(?:wait |but |no )?first (?=(?:read|open|play|check|put|add|set|remind|book)\b)", "", t)  # "wait, first read the one about ..."
    t = re.sub(r"^((?:take|make|add) a note) there (?=[a-z])", r"\1 ", t)  # Irish "take a note there, the pots ..."
    t = re.sub(r"^(start|make|create|open) a (?:new )?list for (?:the |my |our )?[a-z]+(?: [a-z]+)? (?:and )?(?:call|name) it (?=[a-z])", r"\1 a list called ", t)
    # "start a list for the shop, call it stock, and ..."
    t = re.sub(r"^(?:what|which) (?:school|college|uni|university|academy) (?:is|does) (?P<n>[a-z]+(?: [a-z]+)?) "
               r"(?:at|in|go to|attend|going to)(?: now| again| these days)?$", r"where does \g<n> go to school", t)  # "which school is Njeri at"
    t = re.sub(r"^(?:what|which) (?:band|steel band|group|orchestra|team|side|club) (?:is|does) (?P<n>[a-z]+(?: [a-z]+)?) "
               r"(?:with|in|on|play with|play for|play in|playing with|playing for|playing in)(?: now| again| these days)?$",
               r"who does \g<n> play with", t)  # "which band is Jelani with now"
    return t


def what_time_in_a_place(t: str) -> str:
    """ "what time in Seoul now"."""
    t = re.sub(r"^(?:and )?what time (?:now )?in (?P<p>(?!the (?:morning|afternoon|evening|night)\b)[a-z]+(?: [a-z]+){0,2}?)(?: now)?"
               r"(?= (?:my|our|his|her|i|we|he|she|they)\b|$)",
               r"what time is it in \g<p>", t)  # "what time in Seoul now, my brother working there"
    return t


def or_not_sums_and_timer_first(t: str) -> str:
    """ "can push it back or not", "Bev reckons we should ...", sums said backwards, "timer sticky rice ..."."""
    t = re.sub(r"^can (?P<x>(?!you\b|i\b|we\b|u\b).+) or not$", r"can you \g<x>", t)  # Singlish "can push it back or not": a request
    t = re.sub(r"^(?:(?:my|the|our) )?[a-z]+ (?:reckons|thinks|says|said|wants)(?: that)? (?:we|i) (?:should|could|ought to|need to|had better) "
               r"(?=(?:move|change|cancel|push|bring|shift|put|book|add|make|set)\b)", "", t)  # "Bev reckons we should move it to Friday"
    t = re.sub(r"^(?:and |so |oh )?got (?=(?:anything|owt|much|something|any plans|a lot)\b)", "have i got ", t)  # "got anything at three on Friday"
    t = re.sub(r"^how many (?P<x>[a-z]+) (?:i|we) (?:got|have got|have)$", r"how many \g<x> have i got", t)  # "how many kids I got"
    t = re.sub(r"\bdivided (?:for|with|in|among|between)\b(?= [a-z0-9]+(?: [a-z0-9]+)? (?:persons|people|ways|parts)\b)|\bdivided (?:for|with)\b|"
               r"\bdivide (?:on|for|by)\b", "divided by", t)  # "two hundred and thirty euros divided for three", as Portuguese says it
    t = re.sub(r"(?<=divided by )(?P<n>[a-z0-9]+(?: [a-z0-9]+)?) (?:persons|people|ways|parts)$", r"\g<n>", t)  # "... divided in four persons"
    t = re.sub(r"^(?:how much is )?(?P<x>[a-z0-9 ]+? (?:times|multiplied by|divided by|plus|minus) [a-z0-9 ]+?)(?<! is)(?: (?:trips?|people|persons|days|nights|hours|items|pieces))?"
               r" how much(?: is it| is that| total| in total| altogether| each| for each| per person)?$", r"what is \g<x>", t)
    # "fifteen dollar times six trip, how much", "three hundred fifty dinar divide on seven people, how much each"
    t = re.sub(r"^(?P<n>[a-z0-9]+(?: [a-z0-9]+)?) (?:people|persons|of us|guests) each (?:paying|pay|pays|giving|putting in|chipping in) (?P<x>[a-z0-9 ]+?)"
               r",? how much(?: is it| is that)?(?: total| in total| altogether| all together)$", r"what is \g<n> times \g<x>", t)
    # "eight people each paying three thousand five hundred rupees, how much total"
    t = re.sub(r"^snooze (?:it|that|the alarm)(?: and)? (?=give (?:me|us) )", "", t)  # "snooze it, give us ten more minutes"
    t = re.sub(rf"^timer (?P<n>(?!for\b|on\b|of\b){_WORD}(?: (?!{NUMBER_RE}\b){_WORD})?) (?P<d>{NUMBER_RE}(?: {NUMBER_RE})* {UNIT_RE})$",
               r"set a timer for \g<d> for the \g<n>", t)  # Thai English "timer sticky rice thirty minute na"
    t = re.sub(rf"^(?P<n>(?!add\b|put\b|give\b|and\b|oh\b){_WORD}(?: {_WORD})?) add (?P<d>{NUMBER_RE}(?: {NUMBER_RE})* {UNIT_RE})(?: more)?$",
               r"add \g<d> to the \g<n>", t)  # "pork add two minute more"
    return t


_A_NOTE_SAID = re.compile(r"^(?:(?:and|also|so|ok|okay) )*(?:(?:take|make|jot|write|add|put)(?: me| down)? (?:a |an )?note|note|write|jot)\b")
"""A note said first ("take a note", "and write also ..."): what follows is kept in the words it was said in."""


def spanish_order_and_homes(t: str) -> str:
    """Requests said as Spanish, French, Arabic and South Asian English say them: "what I have on Friday", "remember me
    tomorrow to ...", "the mails of LinkedIn", "quit the onions from the list", "how much time it stays", "the code of the shop
    alarm, it is ...", "what's there for Saturday"; and "the birthday of my daughter", "which city is my mother staying"."""
    t = re.sub(r"^how many days (?:it stays|stay|it remains|remain|are left|are missing|it is missing|more|left) (?:until|till|to|for|before) ",
               "how many days until ", t)  # Spanish "cuántos días quedan": "how many days it stays until the fourteen of March"
    if not _A_NOTE_SAID.match(t):  # a note keeps the words it was said in: "write also the key of the roof is with Abu Salem"
        t = re.sub(r"\bthe (?P<k>code|alarm|password|number|key|pin) of the (?P<y>[a-z]+(?: (?!it\b|is\b)[a-z]+)?)(?= it is| is|$)", r"the \g<y> \g<k>", t)  # "the code of the shop alarm"
    t = re.sub(r"^(?P<x>the (?:[a-z]+ ){0,3}(?:code|number|password|pin|address|name)) it is (?=[a-z])", r"\g<x> is ", t)  # Arabic and French "the shop alarm code, it is four one nine two"
    t = re.sub(r"^what is the (?:number|code|pin) to (?:stop|turn off|switch off|set|disarm|arm) the (?P<y>[a-z]+(?: [a-z]+)?) alarm$", r"what is the \g<y> alarm code", t)
    # "what is the number to stop the alarm of the shop": its code, never an alarm to cancel
    t = re.sub(r"^how much time (?:it stays|stays|it remains|remains|is remaining) (?:for|on|in) ", "how much time is left on ", t)
    t = re.sub(rf"^(?:put|give|add)(?: it)? (?P<d>[a-z]+(?: [a-z]+)? {UNIT_RE}) more (?:for|to|on) (?=(?:the|my) )", r"add \g<d> to ", t)
    # French and Arabic "il reste": "how much time it stays for the makroud"; "put (it) five minutes more for the makroud"
    t = re.sub(r"^(?:i want to|i would like to|i need to|i wish to) (?=(?:add|put|book|schedule|pencil in|cancel|delete|move|set) (?!up\b)[a-z])", "", t)
    # "I want to add a meeting with the cooperative on Thursday at two pm", "I want to add milk to the shopping list"
    t = re.sub(r"^(?:please )?(?:make|take|put) one note\b", "make a note", t)  # Indian and Nigerian English "make one note"
    t = re.sub(r"^make (?P<x>(?:the|my) [a-z]+(?: [a-z]+)?) (?=(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) o'clock$)",
               r"move \g<x> to ", t)  # "actually make the walk seven o'clock": a time of day, not a timer's length
    t = re.sub(r"^(?P<and>and |so )?(?P<a>(?:[a-z]+ ){1,4}?(?:miles?|kilometres?|kilometers?|hectares?|acres?|pounds?|kilos?|kilograms?|litres?|liters?|"
               r"gallons?|feet|foot|metres?|meters?|inches|inch|ounces?|grams?|stone|degrees(?: [a-z]+)?)) (?:is|are|makes|equals) how many (?P<u>[a-z]+)$",
               r"\g<and>how many \g<u> is \g<a>", t)  # "and ten hectares is how many acres"
    t = re.sub(r"^this (?:one|email|mail|message) from (?=[a-z]+(?: [a-z]+){0,3} (?:mark|archive|delete|bin|flag|keep|save|file)\b)",
               "this one is from ", t)  # "this one from the bank, mark it as unread": what it is, said first
    t = re.sub(r"^(?P<x>(?:pause|hold|freeze) .+?) for (?:now|the moment|the time being|a bit|a while)$", r"\g<x>", t)  # "pause the timer for now"
    t = re.sub(r"^(?P<v>(?:(?:right|grand|okay|ok) )*(?:pause|hold|stop|start|restart|resume|cancel|check) )them (?=[a-z]+s\b)", r"\g<v>the ", t)
    # Irish and northern "pause them spuds": the spuds
    t = re.sub(rf"\b(appointment|meeting|booking|class|session|one|reminder) of the (?=(?:{DAYS})\b)", r"\1 on ", t)
    # Spanish "de el viernes": "cancel my accountant appointment of the Friday"
    t = re.sub(r"^how many (?:k's|ks|kays|kms|k) (?=is|are|in)\b", "how many kilometres ", t)  # "how many k's is sixty miles"
    t = re.sub(r"^(?P<q>how much is|what is|whats) the (?=[a-z ]+ (?:percent|per cent) of\b)", r"\g<q> ", t)  # "the twenty five percent of"
    t = re.sub(r"^what is there (?:for|on) (?=(?:today|tomorrow|tonight|this|next|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
               "what have i got on ", t)  # Sri Lankan "what's there for Saturday"
    t = re.sub(r"^snooze (?:it|that|the alarm) (?:for )?(?P<n>[a-z]+(?: [a-z]+)?)$",
               lambda m: f"snooze for {m.group('n')} minutes" if re.fullmatch(NUMBER_WORDS_RE, m.group("n")) else m.group(0), t)  # "snooze it for ten"
    t = re.sub(r"^remember me (?=(?:to|at|on|in|tomorrow|tonight|today|this|next|every|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
               "remind me ", t)  # Spanish "recuérdame": "remember me tomorrow at nine to buy the limes"
    t = re.sub(r"\b(?P<m>mails?|emails?|messages?) of (?=[a-z])", r"\g<m> from ", t)  # "delete all the mails of LinkedIn", "the mail of Trabelsi"
    t = re.sub(r"^quit (?=.+ (?:from|off) (?:the |my )?(?:[a-z]+ )?list\b)", "remove ", t)  # Spanish "quitar": "quit the onions from the market list"
    t = re.sub(r"^(?P<v>add|put) (?:also|too) (?=(?:to|on|in) )", r"\g<v> ", t)  # "add also to the market list six kilos of corvina"
    t = re.sub(r"^(?:put|add|write) (?:in|on|to|into) (?:the |my )?list (?:of|for) (?:the |my )?(?P<l>[a-z]+) (?=[a-z])", r"add to the \g<l> list ", t)
    t = re.sub(r"^(?:put|add|write) (?:in|into) (?:the |my )(?P<l>[a-z]+(?: [a-z]+)?) list (?=[a-z])", r"add to the \g<l> list ", t)
    # "put in the list of the market two kilos of limes", "add in my to do list buy pasalubong for Jessa"
    t = re.sub(r"^what (?P<w>i|we) have (?=on|for|going on|tomorrow|today|tonight|this|next|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
               r"what do \g<w> have ", t)  # "what I have on Friday", as it is asked
    t = re.sub(r"\b(?:you|ye|yous) can (?=(?:cancel|stop|delete|pause|bin|scrap|get rid of|turn off|switch off|kill|quit) (?:it|that|that one|the|them|my|our)\b)",
               "", t)  # "that's the soup ready, ye can cancel that one"
    t = re.sub(r"^(?:that is the (?P<n>[a-z]+(?: [a-z]+)?) (?:ready|done|finished|cooked)|(?:the )?(?P<n2>(?!(?:it|that|this|everything|all|they|we|he|she|i)\b)"
               r"[a-z]+(?: [a-z]+)?)(?:'s| is| are| has| have) (?:ready|done|finished|cooked|thickened|set|browned|risen)),? +"
               r"(?P<v>cancel|stop|turn off|switch off|kill|quit) (?:that one|that|it)$",
               lambda m: f"{m.group('v').replace('quit', 'cancel')} the {m.group('n') or m.group('n2')} timer", t)
    # ... that one: the soup's, said just before, not the timer talked of last ("scones are done, cancel that one", "the custard's
    # thickened, ...", Appalachian "cornbread's done, you can quit that one")
    t = re.sub(r"^what does (?P<x>[a-z]+(?: [a-z]+)?) do for (?:his|her|their|a) (?:money|crust|job|work|bread|wage)$", r"what does \g<x> do for a living",
               t)  # "what does Gary do for his money"
    t = re.sub(r"^(?P<q>(?:and )?(?:which|what) (?:city|town|village|country|place|part of [a-z]+|area|suburb|street) (?:is|does) [a-z]+(?: [a-z]+)? "
               r"(?:staying|living|live|stay|working|work|based))$", r"\g<q> in", t)  # "which city is my mother staying"
    t = re.sub(r"^(?P<w>(?:our|my) [a-z]+(?: [a-z]+)?)(?:'s| has| is)? (?:just )?(?:started|begun) (?:at|in) (?P<p>[a-z' ]+?) (?:doing|studying) (?P<x>[a-z ]+)$",
               r"\g<w> studies \g<x> at \g<p>", t)  # "our Chloe's started at Furness College doing hairdressing"
    t = re.sub(r"\bthe (?P<t>birthday|anniversary|address|phone number|wedding) of (?P<x>(?:my |our )?[a-z]+(?: (?!is\b|was\b|again\b|now\b|then\b)[a-z]+)?)\b",
               r"\g<x>'s \g<t>", t)  # Spanish order: "the birthday of my daughter Valeria is ...", "how many days are left for the birthday of Valeria"
    t = re.sub(r"^(?P<q>when is|what is|remember) (?P<t>birthday|anniversary|address|phone number) of (?P<x>(?:my|our) [a-z]+)\b",
               r"\g<q> \g<x>'s \g<t>", t)  # "when is birthday of my brother", the article not said
    t = re.sub(r"^what is the (?:thing|food|stuff)s? (?:that )?(?P<x>(?:my |our )?[a-z]+(?: [a-z]+)?) (?:cannot|can not|must not|should not) (?:eat|have)$",
               r"what is \g<x> allergic to", t)  # "what is the thing that Mateo cannot eat"
    t = re.sub(r"^(?P<a>(?:and )?(?:in )?(?:where|which (?:city|town|country|village|place)))(?: does)? (?P<v>works|lives|studies) (?P<x>(?:my |our )?[a-z]+)$",
               lambda m: f"{m.group('a').replace('in which', 'which')} does {m.group('x')} {m.group('v')[:-1] if m.group('v') != 'studies' else 'study'}"
               f"{' in' if 'which' in m.group('a') else ''}", t)  # "and where works my husband", "in which city lives my sister"
    return t


def reminder_cancel_it(t: str) -> str:
    """ "the reminder about the delivery, cancel it", "it's only the hour"."""
    t = re.sub(r"^(?:the|my|that) reminder (?P<p>about|for|to) (?P<x>[a-z' ]+?),? (?P<v>cancel|delete|remove|scrap|bin) (?:it|that)\b(?: c'est bon)?",
               r"\g<v> the reminder \g<p> \g<x>", t)  # "the reminder about the delivery, cancel it, c'est bon, the man he came already"
    t = re.sub(r"(?<=[a-z]),? it is only (?:the|an|one) hour$", " for an hour", t)  # "stick five a side in for Friday at eight, it's only the hour"
    return t


def allergies_hobbies_and_hiding_places(t: str) -> str:
    """ "what is my daughter allergic", "where does Earl go hunting", "where's the spare key hidden"."""
    t = re.sub(r"^(?:when|what day|what date|which day) (?:was|is) (?:wee|little|baby|young|our) (?P<n>[a-z]+) born(?: again| on)?$", r"when was \g<n> born",
               t)  # Scots "what day was wee Isla born"
    t = re.sub(r"^what is (?:wee )?(?P<x>(?:our |my )?[a-z]+(?: [a-z]+)?) (?:training|studying) to be(?: again)?$", r"what does \g<x> study",
               t)  # "what's wee Kirsty training to be"
    t = re.sub(r"^(?P<q>(?:and )?what is (?:my|our|[a-z]+'s) [a-z]+|(?:and )?what is [a-z]+) allergic(?P<a> again)?(?: i (?:forget|forgot))?$",
               r"\g<q> allergic to\g<a>",
               t)  # "what is my daughter allergic"
    t = re.sub(r"^(?:which|what) (?P<k>school|college|university|church|club|gym|nursery|team) (?:does |do )?(?P<x>(?:my |our )?[a-z]+) "
               r"(?:attend|attends|go to|goes to|play for|plays for)$", r"which \g<k> does \g<x> go to", t)  # "which school Shanice attend"
    t = re.sub(r"^(?P<a>(?:and )?where is) (?P<v>working|living|staying) (?P<x>(?:my |our )?[a-z]+)$", r"\g<a> \g<x> \g<v>",
               t)  # "and where is working Tiago", as Portuguese says it
    t = re.sub(r"^(?:and )?what is studying (?P<x>(?:my |our )?[a-z]+)$", r"what does \g<x> study", t)  # Spanish "what is studying Lucia"
    t = re.sub(r"^where (?P<d>does|do|did) (?P<x>[a-z' ]+?) go (?P<v>hunting|fishing|shooting|walking|swimming|running|camping|climbing|sailing|"
               r"surfing|riding|skating|skiing|dancing|bowling|golfing)(?: again| these days| now)?$",
               lambda m: f"where {m.group('d')} {m.group('x')} {BARE_VERB.get(m.group('v'), m.group('v')[:-3])}", t)  # "where does Earl go hunting"
    t = re.sub(r"^(?:you )?(?:note|write|jot)(?: down)? for me (?!to\b)", "note down ", t)  # "you note for me landlord phone number ..."
    t = re.sub(r"^when is (?P<x>(?:my |our )?[a-z]+) (?:supposed|meant) to (?=[a-z]+)", r"when does \g<x> ", t)  # "when's Earl supposed to take his pills"
    t = re.sub(r"^where is (?P<x>(?:the|my|our) [a-z]+(?: [a-z]+)?) (?:hidden|kept|stashed|stored|hiding)(?: again| now)?$", r"where is \g<x>", t)
    # "where's the spare key hidden"
    t = re.sub(r"^what is the (?:password|code|pin) (?:for|to|of|on) the (?:wifi|wi fi|internet)\b", "what is the wifi password", t)
    # "what's the password for the internet at the bothy"
    t = re.sub(r"^(?:which|what) (?:nuts?|foods?|fruits?|things?|stuff|medicines?|drugs?) (?:should |must |do |can )?i (?:should |must |need to |have to )?"
               r"(?:keep away from|not give(?: to)?|never give(?: to)?|avoid (?:giving|feeding)(?: to)?|not feed|never feed) (?P<x>(?:my|our) [a-z ]+|[a-z]+)$",
               r"what is \g<x> allergic to", t)  # "which nut I should keep away from my mother in law"
    t = re.sub(r"^(?:which|what) (?:nuts?|foods?|fruits?|things?|stuff|medicines?|drugs?|pills?|tablets?) (?:should |must |do |can )?i (?:should |must |need to |"
               r"have to )?(?:avoid|keep away from|stay away from|not eat|not have|not take|never eat|never take)$", "what am i allergic to", t)
    # "which food I should avoid"
    t = re.sub(r"^what (?:cannot|can not|should not|must not) (?P<x>(?:my|our) [a-z]+|[a-z]+) (?:have|take|eat|be given)(?: from the (?:chemist|pharmacy|doctor|doctors))?$",
               r"what is \g<x> allergic to", t)  # "what can't me mam have from the chemist"
    return t


def lists_lockers_and_chuck_on(t: str) -> str:
    """ "... Ba wants to make thepla", "which locker am I using", "and chuck on tomato sauce"."""
    t = re.sub(r"^(?P<x>(?:add|put|stick|pop) .+? (?:to|on|onto) (?:the|my|our) (?:shopping|[a-z]+) list) (?=[a-z]+ (?:wants|needs|says|said|is|has)\b).*$",
               r"\g<x>", t)  # "... to the shopping list, Ba wants to make thepla"
    t = re.sub(r"^me and (?:my |our )?[a-z]+ (?=(?:have|have got|got|are|were) )", "we ", t)  # "me and Shazza have got three kids and two dogs"
    t = re.sub(r"^(?P<y>yes|yeah|yep|yup|ok|okay|sure) (?P<v>cancel|delete|send|archive)(?: lah| please)?$", r"\g<y> \g<v> it", t)  # "yes cancel lah": that one
    t = re.sub(r"^(?:delete|bin|remove|trash|get rid of|erase|wipe) (?:everything|all|all the (?:mail|emails|mails|messages)) from (?P<s>[a-z' ]+)$", r"delete all the emails from \g<s>", t)
    # "delete everything from Papa John's": their mail, never a fact
    t = re.sub(r"^(?:which|what) (?P<x>locker|room|desk|bay|seat|cabin|parking space) (?:am i|do i|have i) (?:using|use|in|got|have)(?: now| again)?$",
               r"what is my \g<x> number", t)  # "which locker am I using"
    t = re.sub(r"^where is (?P<x>[a-z]+)'s (?P<k>boat|dinghy|yacht|caravan) (?:moored|tied up|kept|docked|berthed)(?: at| up)?(?: again| now)?$",
               r"where does \g<x> keep his \g<k>", t)  # "where's Tama's boat moored"
    t = re.sub(r"^how many (?P<x>[a-z]+) (?P<n>(?!i\b|we\b|you\b|they\b|he\b|she\b)[a-z]+) (?:got|have|has)$", r"how many \g<x> has \g<n> got", t)
    # "how many children Devon got"
    t = re.sub(r"^at which (?:hospital|school|office|shop|company|factory|bank|clinic|store) (?:is|does) (?P<x>[a-z]+(?: [a-z]+)?) (?:working|work|based)$|"
               r"^where (?:is |does )?(?P<y>(?:my |our )?[a-z]+) (?:is )?(?:doing|do|does) (?:his|her|their) (?:job|business|work)(?: now| again)?$",
               lambda m: f"where does {m.group('x') or m.group('y')} work", t)  # "at which hospital is Sana working", "where is my malli doing his job"
    t = re.sub(r"^(?:(?:and|oh and|also) )?(?:chuck|stick|bung|pop|whack|throw) on (?=[a-z])", "and add ", t)  # "and chuck on tomato sauce and onions"
    t = re.sub(r"^(?P<and>and |oh and )?(?:chuck|stick|bung|whack|pop|put) (?P<o>one|another(?: one)?) on (?=for\b)", r"\g<and>set \g<o> ", t)
    # "and chuck one on for four in the morning every weekday", after an alarm: another
    return t


def meetings_notes_and_family_facts(t: str) -> str:
    """ "chuck ten minutes on for the snags", "where was it our Kevin works", "what notes I have about Kerwin"."""
    t = re.sub(r"^(?:chuck|stick|bung|whack|pop) (?P<d>[a-z]+(?: [a-z]+)?) minutes on for (?:the |my )?(?P<x>[a-z]+(?: [a-z]+)?)$",
               r"set a timer for \g<d> minutes for the \g<x>", t)  # "chuck ten minutes on for the snags mate"
    t = re.sub(r"^(?:and )?where (?:was it|is it|did you say)(?: that)? (?P<x>(?:our |my )?[a-z]+(?: [a-z]+){0,2}?) (?:(?:is|are|was) )?"
               r"(?P<v>works?|lives?|stays?|working|living|staying)\b.*$",
               lambda m: f"where does {m.group('x')} {BARE_VERB.get(m.group('v'), m.group('v').removesuffix('s'))}", t)
    # "where was it our Kevin works, I've gone blank", "where is it that my brother is working now", "where is it Euan works again"
    t = re.sub(r"^(?P<x>(?:the|my) [a-z]+(?: [a-z]+){0,3}?),? (?:can you |could you )?(?:make|push|move) it (?P<d>(?:[a-z]+ )?[a-z]+ (?:hours?|minutes?) "
               r"(?:later|earlier))$", r"move \g<x> \g<d>", t)  # "the supervisor meeting, can you make it one hour later"
    t = re.sub(r"^(?:go on )?(?:carry on|continue) with (?P<x>the [a-z]+(?: [a-z]+)?) now$", r"resume \g<x>", t)  # "go on, carry on with the spuds now"
    t = re.sub(r"^what notes (?:i have|i got|have i got|do i have) (?:about|on|for) (?=[a-z])", "find my notes about ", t)  # "what notes I have about Kerwin"
    t = re.sub(r"^(?:ah |oh )?(?:sorry )?(?:the )?(?P<e>[a-z]+(?: [a-z]+)?) (?:pak|bu|ibu|mr|mrs|dr|doctor|ms|miss|sir|madam) [a-z]+ (?:changed|moved|shifted|put) it "
               r"(?P<w>to|till) (?P<d>.+)$", r"move the \g<e> \g<w> \g<d>", t)  # "ah sorry, the consultation, pak Budi changed it to Wednesday"
    t = re.sub(r"^who is (?:having|holding) (?=(?:my|the|our) )", "who has ", t)  # "who is having my spare key"
    t = re.sub(r"^(?P<x>how many [a-z]+ (?:have i got|do i have|have we got|do we have)) (?:altogether|in all|all together|in total)$", r"\g<x>", t)
    t = re.sub(r"^(?P<x>(?:add|put|stick|pop) .+? (?:to|on|onto) (?:the|my|our) (?:shopping(?: list)?|[a-z]+ list)) for (?:the |my |our |a |sunday |saturday )?"
               r"[a-z' ]+$", r"\g<x>", t)  # "... to the shopping for Sunday lunch after church": what it is for is no list's name and no event
    t = re.sub(r"^when am i (?:seeing|meeting|at|with) (?:the |my )?(?P<x>[a-z]+(?: [a-z]+)??)(?: next| again)?$", r"when is my next \g<x>", t)  # "when am I seeing the physio next"
    t = re.sub(r"^(?P<x>(?:we|i) have(?: got)? (?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) [a-z]+) and (?:one|another)(?: more)? "
               r"(?:on the way|due|coming)(?: [a-z ]+)?$", r"\g<x>", t)  # "we've got three grandkids and one more on the way"
    t = re.sub(r"^what (?:are|is) the names? of (?P<x>(?:my|our) [a-z]+)$", r"what are \g<x> called", t)  # "what are the names of my cats"
    t = re.sub(r"^clear off (?=(?:the|my)\b)", "clear ", t)  # "clear off the to do list, I'm done all of it"
    t = re.sub(r"^my (?P<r>[a-z]+)'s name is (?P<n>[a-z]+) and (?:she|he) (?:is )?(?P<v>living|lives|working|works|staying|stays) ",
               lambda m: f"my {m.group('r')} {m.group('n')} {THIRD_PERSON.get(m.group('v'), m.group('v'))} ", t)
    # "my mother's name is Sreedevi and she is living in Thrissur": her name and where she lives, not a name of eight words
    t = re.sub(r"^(?P<x>my [a-z]+|[a-z]+) (?:go|goes|going) to which (?:school|college|university|uni)$", r"where does \g<x> go to school", t)
    # Vietnamese English "my boy go to which school"
    t = re.sub(r"^what is the (?:number|code|pin|combination) (?:to open|for opening|that opens) the (?P<x>gate|door|lock|safe|shutter)\b.*$",
               r"what is the \g<x> code", t)  # "what is the number to open the gate at work"
    t = re.sub(r"^how many (?P<x>[a-z]+) (?P<p>he|she|they) (?:got|have|has|have got|has got)$", r"how many \g<x> has \g<p> got", t)  # "how many kids she got"
    t = re.sub(r"^(?:and )?(?:also (?:write|note)(?: down)?|(?:write|note) (?:also|too|down also|also down)) (?=[a-z])", "take a note ", t)
    # East African "write also mama Rehema owes me ...", Libyan "and write also the key of the roof is with ..."
    t = re.sub(r"^(?:i am|we are|i'm|we're) (?:plumb |clean |completely |totally |all |right )?(?:out of|run out of|out) (?P<x>[a-z]+(?: [a-z]+)?),? "
               r"(?:so )?(?:put|add|stick|pop) (?:that|it|some|them) (?:on|to) (?P<l>(?:my|the) (?:shopping )?list)$", r"add \g<x> to \g<l>", t)
    # Southern US "I'm plumb out of buttermilk, put that on my list": the buttermilk
    return t


def add_to_calendar_first(t: str) -> str:
    """ "please add to calendar anatomy exam on Thursday"."""
    t = re.sub(r"^(?:please |can you |could you |kindly )?(?P<v>add|put) (?:to|in|on|into) (?:the |my )?(?:calendar|diary) (?P<x>(?!(?:for|on|at)\b)[a-z]+(?: [a-z]+){0,3}?) "
               r"(?=(?:on|at|for|this|next|tomorrow|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
               r"\g<v> \g<x> to my calendar ", t)  # "please add to calendar anatomy exam on Thursday twelfth at nine"
    t = re.sub(r"^i am having (?P<x>(?:an? )?(?:meeting|appointment|class|lecture|call|interview|exam|session|visit|lunch|dinner)\b.+?) "
               r"(?:so |please |kindly )?(?:put|add|note|enter|save) it (?:in|on|to|into) (?:the |my )?(?:calendar|diary|schedule)$",
               r"put \g<x> in my calendar", t)  # Indian English "I am having meeting with the donor team on Tuesday at three pm, put it in calendar"
    return t


def events_debts_and_where_things_are(t: str) -> str:
    """ "I've got a lab on Thursday at nine", "she paid X out of Y", "parked the ute on level two"."""
    t = re.sub(r"^(?:and |also |oh and )?(?:i have got|i have|i've got|i got|we have got|we have|we've got) (?P<x>(?:an?|my) [a-z]+(?: [a-z]+){0,3}?) "
               rf"(?=(?:on (?:{DAYS}|the [a-z]+)|tomorrow|today|tonight|next [a-z]+|this [a-z]+)(?: [a-z]+)? at )", r"add \g<x> ", t)
    # "and I've got a lab on Thursday at nine for three hours": an event to add, not an event called "I've got a lab"
    t = re.sub(r"^(?:(?:he|she|they|[a-z]+) )?(?:paid|gave|spent|sent)(?: me)?(?: only| just)? (?P<x>[a-z0-9 ]+?) out of (?:the )?(?P<y>[a-z0-9 ]+?) "
               r"how much (?:remain|remains|is left|left|is remaining|is still owed|still)(?: [a-z ]+)?$", _out_of, t)
    # "she paid only one hundred twenty thousand out of the one hundred sixty, how much remain"
    t = re.sub(r"^(?P<x>(?:and )?my [a-z]+ [a-z]+(?: (?!is\b)[a-z]+)?)(?: is)? (?P<v>living|working|staying) (?=(?:in|at|on|by|near|with|for|down|up|over|out)\b)",
               lambda m: f"{m.group('x')} {THIRD_PERSON[m.group('v')]} ", t)  # "my daughter Marie Claire living in Roseau now", "... is working at"
    t = re.sub(r"^(?:find|get|read)(?: me)? the note (?:where|that|in which|with) i (?:wrote|put|noted|jotted|saved|kept)(?: down)? (?P<q>.+)$",
               r"find the note about \g<q>", t)  # "find the note where I wrote the loom number"
    t = re.sub(r"^parked (?=(?:the|my|on|at|in|by|near|outside|up|down|round)\b)", "i parked ", t)  # "parked the ute on level two"
    t = re.sub(r"^(?P<x>(?:the|my) [a-z]+(?: [a-z]+){0,4}?) (?:i have|i|i've) (?:kept|put|left|hidden|stored|placed) "
               r"(?P<w>(?:in|on|under|behind|inside|at|with|in the|on top of) .+)$", r"i put \g<x> \g<w>", t)
    # "the spare key of the shop I have kept in the blue almirah": where I put it
    t = re.sub(r"^where does (?P<x>(?:my |our )?[a-z]+) (?:tie up|moor|dock|berth) (?P<o>his|her|their) (?P<k>boat|dinghy|canoe|yacht)$",
               r"where does \g<x> keep \g<o> \g<k>", t)  # "where does my husband tie up his boat"
    return t


def not_yet_and_put_there(t: str) -> str:
    """ "not yet, give me ten more minutes", "don't bother with the yorkshires", "put dentist there"."""
    t = re.sub(r"^(?:eh |oh |ah )?not yet (?=(?:give me|let me have|just) (?:another )?[a-z]+(?: [a-z]+)? (?:more )?minutes?\b)", "", t)  # "eh not yet, give me ten more minutes"
    t = re.sub(r"^(?:do not|don't) bother with (?P<x>the [a-z]+(?: (?!they|it|he|she|we|those|them)[a-z]+)?)\b.*\b(?:cancel|scrap|stop|bin) (?:that one|that|it)$", r"cancel \g<x>", t)
    # "divvent bother with the yorkshires, they've burnt, cancel that one"
    t = re.sub(r"^what (?:mail|mails|emails?|messages?) (?:i|me) (?:have|got|get)\b", "what emails do i have", t)
    t = re.sub(r"^(?:then |and |also )?put (?P<x>[a-z]+(?: [a-z]+)?) there (?=(?:at )?(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)",
               r"put \g<x> at ", t)  # "then put dentist there four pm Thursday"
    t = re.sub(r"^(?P<e>every day|every weekday|every morning|every night) (?P<a>wake me(?: up)?|set (?:an|my) alarm)(?: at| for)? ", r"\g<a> \g<e> at ", t)
    # "every day wake me up five o'clock lah"
    return t


def timers_and_where_someone_works(t: str) -> str:
    """ "the eggs one change to ten minutes", "where my wife work at", "how much left for the rice"."""
    t = re.sub(r"^the (?P<x>[a-z]+(?: [a-z]+)?) (?:one|timer) (?:change|make|set|put) (?:it )?to (?=[a-z]+(?: [a-z]+)? (?:minutes?|hours?)$)",
               r"change the \g<x> timer to ", t)  # Singlish "the eggs one change to ten minutes"
    t = re.sub(r"^where (?:is |does )?(?P<x>my [a-z]+|[a-z]+) (?P<v>work|live|stay) at(?: again| now)?$", r"where does \g<x> \g<v>", t)  # "where my wife work at again"
    t = re.sub(r"^put (?P<x>the [a-z]+(?: [a-z]+)?) in (?=(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today)\b)",
               r"put \g<x> on ", t)  # "put the Argyle game in Saturday three o'clock"
    t = re.sub(r"^(?:the |my )?(?P<x>[a-z]+) also needs (?P<d>[a-z]+(?: [a-z]+)? (?:minutes|hours))(?: put one for (?:that|it)| set one for (?:that|it))?$",
               r"set a timer for the \g<x> for \g<d>", t)  # "the payasam also needs forty minutes, put one for that"
    t = re.sub(r"^(?:abeg |so |and )?how (?:much time|long) (?:remain|remains|remaining|e remain|dey remain) (?:for|on) (?=(?:the|my) )", "how much time left on ", t)
    # Nigerian "how much time remain for the jollof rice"
    t = re.sub(r"^how much (?:time )?(?:left|more) for (?=(?:the|my) )", "how much time left on ", t)  # "how much left for the rice"
    return t


def snooze_it_minutes(t: str) -> str:
    """ "snooze it ten minutes": for ten minutes."""
    t = re.sub(r"\bsnooze it (?P<n>(?!for\b)[a-z]+(?: [a-z]+)?) minutes\b", r"snooze it for \g<n> minutes", t)
    return t


def lists_and_reasons_first(t: str) -> str:
    """ "clear the to do", "what's on the shopping now", "the sea too rough, move ..."."""
    t = re.sub(r"^(?:right |ok |okay )?clear (?:the|my) to do(?: one| list)?\b", "clear the to do list", t)  # "right clear the to do, I've rung them"
    t = re.sub(r"^what is on the (?P<l>shopping|to do|to-do)(?: now| then)?$", r"what is on the \g<l> list", t)  # "what's on the shopping now"
    t = re.sub(r"^(?:which|what) lists have i got (?:owt|anything) on$", "which lists have i got anything on", t)  # Yorkshire "owt"
    t = re.sub(r"^take out (?P<x>the [a-z]+(?: (?!(?:my|our|his|her|the|it|we|i|they|he|she|from|of)\b)[a-z]+)?) (?:from|of) (?=(?:the|my|our) )", r"take \g<x> off ", t)
    # Spanish and Italian "take out the milk from the shopping list"
    t = re.sub(r"^take out (?P<x>the [a-z]+(?: (?!(?:my|our|his|her|the|it|we|i|they|he|she)\b)[a-z]+)?)(?= |$)", r"take \g<x> off", t)  # Caribbean "take out the diesel, my cousin bringing it"
    t = re.sub(r"^(?:how much )(?P<n>[a-z]+(?: [a-z]+)?) (?P<u>pounds?|kilos?|kilo|kg|pound) of [a-z]+ come to at (?P<p>[a-z]+(?: [a-z]+)?) (?:dollars?|pounds?|bucks) "
               r"(?:a|per) (?:pound|kilo)$", r"what is \g<n> at \g<p> dollars a pound", t)  # "how much sixty pound of snapper come to at twelve dollar a pound"
    t = re.sub(r"^(?:the )?[a-z]+ (?:too|so|is too|is so) (?:rough|bad|wet|windy|busy|late) (?=(?:move|push|shift|change|cancel)\b)", "", t)  # "the sea too rough, move ..."
    return t


def timers_mail_and_after_prayers(t: str) -> str:
    """ "cancel the lot, the smoke alarm's gone off", "this is only some bank offer, delete it"."""
    t = re.sub(r"^(?P<v>cancel|scrap|stop|bin) the lot,? (?:the smoke alarm(?:'s| is| has) (?:gone off|going off|going)|it is burning|everything is burning)$",
               r"\g<v> all the timers", t)  # "cancel the lot, the smoke alarm's gone off": the timers, not the alarm
    t = re.sub(r"^(?:right |ok |okay |now )?(?P<v>start|get|put) (?:them|the|my) (?P<x>[a-z]+(?: [a-z]+)?) going again$", r"start the \g<x> again", t)  # "start them hash browns going again"
    t = re.sub(r"^how much (?:longer|more time|time is there still|time still) (?:on|for) (?:them|the|my) ", "how much time left on the ", t)
    # "how much longer on them soup beans", "how much time is there still for the sambar"
    t = re.sub(r"^put (?P<d>[a-z]+(?: [a-z]+)?) minutes on for (?:the |my )?(?P<x>[a-z]+(?: [a-z]+)?)$", r"set a timer for \g<d> minutes for the \g<x>", t)
    # "put twenty minutes on for the sausages love"
    t = re.sub(r"^so when (?:it is|is it) now$", "when is it now", t)  # "so when it is now"
    t = re.sub(r"^(?:this|that|it) (?:one )?is (?:only |just )?(?:one of (?:these|those|them) |some |a )?(?:bank |spam |junk |fake |scam )?"
               r"(?:offer|advert|ad|promotion|newsletter|spam)s?(?: mail| something| thing| things| rubbish)? (?P<v>delete|bin|archive)(?: it)?$",
               r"\g<v> it", t)  # "this is only some bank offer, delete it", "this one is one of these fake promotion something delete it"
    t = re.sub(r"^(?:that|this|it) is (?:a )?(?:load of )?(?:old )?(?:squit|rubbish|nonsense|tosh|twaddle|codswallop|junk|guff|shite|crap|drivel|spam) "
               r"(?P<v>archive|delete|bin|trash|throw|chuck)(?: (?:it|that|this)(?: one)?)?(?: out| away)?(?: bor)?$",
               lambda m: "archive it" if m.group("v") == "archive" else "delete it", t)  # Norfolk "that's a load of old squit, archive that"
    t = re.sub(r"^(?P<v>archive|delete|read) this one first$", r"\g<v> this one", t)
    t = re.sub(r"^(?P<x>and )?(?P<d>monday|tuesday|wednesday|thursday|friday|saturday|sunday) after (?:jumma|jummah|friday prayers|church|mass) "
               r"(?:around|about) (?P<t>[a-z]+) remind me (?P<r>.+)$", r"remind me on \g<d> at \g<t> \g<r>", t)  # "Friday after jumma around two remind me ..."
    t = re.sub(r"^(?:and )?(?P<o>his|her) (?P<r>boyfriend|girlfriend|husband|wife|partner|fiance|fiancee)'s (?=[a-z]+ (?:he|she)(?:'s| is| has)? )",
               r"\g<o> \g<r> is ", t)
    # "and her boyfriend's Liam, he's a chippy"
    t = re.sub(r"^clear (?:the|my) (?P<x>[a-z]+(?: [a-z]+)?) one(?: out)?\b", r"clear the \g<x> one list", t)  # "clear the shop one out": the list named so
    return t


def dozens_and_email_from_my_lecturer(t: str) -> str:
    """ "how many oysters is seventy two dozen", "the email from my lecturer Dr ..."."""
    t = re.sub(r"^how many (?P<x>[a-z]+) is (?P<n>[a-z]+(?: [a-z]+)?) dozen$", r"what is \g<n> times twelve", t)  # "how many oysters is seventy two dozen"
    t = re.sub(r"^read me the email from my (?:lecturer|boss|teacher|tutor|doctor|manager) (?=(?:doctor|dr|mr|mrs|ms|miss|professor) )", "read me the email from ", t)
    return t


def allergies_birthdays_and_percent(t: str) -> str:
    """ "where my brother work again ah", "when Ngozi go celebrate her birthday", "percent GST on"."""
    t = re.sub(r"^(?P<x>(?:and |add |put )(?:a |an |some |two |three )?[a-z]+(?: [a-z]+){0,3}?) for (?:the |my |our )?(?!(?:the|my|our|a)\b)[a-z']+(?: [a-z']+)? "
               r"(?:tea|dinner|lunch|breakfast|supper|party|barbecue|bbq|packed lunch|picnic)$", r"\g<x>", t)  # "and a pack of sausages for the lads' tea"
    t = re.sub(r"^where (?P<x>my [a-z]+|[a-z]+) (?P<v>work|live|stay|go to work)(?: again| every day| now)?(?: ah| lah)?$",
               lambda m: f"where does {m.group('x')} {'work' if m.group('v') == 'go to work' else m.group('v')}", t)  # "where my brother work again ah"
    t = re.sub(r"^where (?P<x>[a-z]+) does (?:tie up|moor|keep|park) (?:his|her|their) (?P<k>boat|car|van|truck|bike)$", r"where does \g<x> keep his \g<k>", t)
    # Saint Lucian "where Vincent does tie up his boat"
    t = re.sub(r"^what (?:i|should i) (?:should )?not give (?P<x>[a-z]+) to eat$", r"what is \g<x> allergic to", t)  # "what I should not give Arjun to eat"
    t = re.sub(r"^when (?P<x>[a-z]+) (?:go|will) celebrate (?:her|his) birthday$", r"when is \g<x>'s birthday", t)  # Pidgin "when Ngozi go celebrate her birthday"
    t = re.sub(r"^when (?:do|will|should) (?:[a-z]+ and i|we|i) celebrate (?:our|my) (?:wedding|wedding anniversary|anniversary)(?: again)?$",
               "when is our wedding anniversary", t)  # "when do Naledi and I celebrate our wedding"
    t = re.sub(r"^(?P<w>(?:my|our) [a-z]+ [a-z]+) is coming (?:over|round|to stay|tomorrow|today|for tea|for dinner)\b.*? (?:he|she) (?:can't|cannot|can not) "
               r"(?:have|eat) (?:no |any )?(?P<f>[a-z]+(?: [a-z]+)?) (?:he|she)(?:'s| is) allergic$", r"\g<w> is allergic to \g<f>", t)
    # Southern "my grandbaby Jaylen is coming over, he can't have no pecans, he's allergic"
    t = re.sub(r"\btake (?P<d>[a-z]+(?: [a-z]+)?) (?P<u>minutes?|hours?) off that (?=(?!(?:the|a|an|my|our|his|her|their|it|i|he|she|we|they)\b)[a-z])", r"take \g<d> \g<u> off the ", t)  # "take five minutes off that pot roast"
    t = re.sub(r"\b(?P<p>[a-z]+(?: [a-z]+)?) (?:percent|per cent) (?:gst|vat|tax|tip|service|discount|interest|commission|deposit) on (?=[a-z0-9])",
               r"\g<p> percent of ", t)  # "eighteen percent GST on four thousand two hundred"
    return t


def oven_one_and_where_she_stays(t: str) -> str:
    """ "how long's left on the oven one", Pidgin "and Ngozi, where she dey stay"."""
    t = re.sub(r"\b(?P<x>left on (?:the|my) [a-z]+) one\b", r"\g<x>", t)  # "how long's left on the oven one"
    t = re.sub(r"^(?:and )?(?P<n>[a-z]+) where (?:she|he) (?:dey )?(?:stay|stays|live|lives)$", r"where does \g<n> live", t)  # Pidgin "and Ngozi, where she dey stay"
    return t


def wages_and_moves_said_after(t: str) -> str:
    """ "dollars an hour times forty hours", "my netball practice on Saturday, push it back"."""
    t = re.sub(r"\b(?P<n>\d+|[a-z]+(?: [a-z]+)?) (?:dollars?|pounds?|quid|bucks|euros?|rand) (?:an|a|per) (?:hour|day|week)(?= times\b)", r"\g<n>", t)
    t = re.sub(r"(?<= times )(?P<x>[a-z]+(?: [a-z]+)?) (?:hours|days|weeks|shifts)$", r"\g<x>", t)  # "twenty two dollars an hour times forty eight hours"
    t = re.sub(r"^what is the (?:number|code|pin) to get in (?:at|to|into) (?P<x>[a-z' ]+?)(?: yard| house| place| flat| gate)?$", r"what is the code for \g<x>", t)
    # Caribbean "what's the number to get in at Auntie Merle yard"
    t = re.sub(r"^where (?P<v>is|are) (?P<x>.+?)(?<!\boff)(?<!\bup)(?<!\bon)(?<!\bout)(?<!\bback)(?<!\bdown)(?<!\bover)(?<!\bgoing)(?<!\bheaded)"
               r"(?<!\bmoving)(?<!\bmoved)(?<!\bgone)(?<!\bbeen) to$", r"where \g<v> \g<x>", t)  # Cornish "where are mum's pills to", not "off to"
    t = re.sub(r"^what is that (?P<k>dog|cat|horse|pony|boat|car) of (?P<o>[a-z]+)'s called$", r"what is \g<o>'s \g<k> called", t)  # "what's that dog of Marcus's called"
    t = re.sub(r"^(?:and )?(?:the |my |our )(?P<x>[a-z]+(?: [a-z]+){0,2}?)(?P<d> on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
               r"tomorrow))? (?P<v>push|bring|move|shift) it (?P<r>back|forward|later|earlier|to)\b", r"\g<v> the \g<x>\g<d> \g<r>", t)
    # "and my netball practice on Saturday, push it back an hour"
    t = re.sub(r"^(?:(?:sorry|oh|ah|actually) )*(?P<x>(?:the|my) [a-z]+(?: (?!(?:has|have|had|is|was|got|been|they|he|she|we)\b)[a-z]+){0,4}?)"
               r"(?: (?:has|have|had|is|was|got)(?: been)?| (?:they|he|she|we)(?: have| has| had|'ve|'s|'d)?)? (?:move|moved|moving)(?: it)? "
               rf"(?P<w>to|till) (?P<y>{_A_WHEN}.+?)(?: bah| lah)?(?: (?:the |my |our )?[a-z]+ (?:say|says|said))?$",
               r"move \g<x> \g<w> \g<y>", t)  # Sabah "the quiz move to ten o'clock bah, lecturer say", "the meeting they have moved it to
    #                                             ten thirty"; "my son moved to Leeds" is no event
    t = re.sub(r"^how many (?P<x>[a-z]+) (?:are we|am i) (?:milking|running|keeping|grazing|farming)(?: now| this season| this year)?$", r"how many \g<x> have we got", t)
    t = re.sub(r"\b(?P<x>for (?:the |my )?[a-z]+) there (?=(?:for )?[a-z]+(?: [a-z]+)? (?:minutes?|hours?)\b)", r"\g<x> ", t)  # "the potatoes there, twenty minutes"
    t = re.sub(r"\band also the (?=[a-z]+(?: [a-z]+)? (?:to|on|onto) (?:my|the|our)\b)", "and ", t)
    return t


def codes_fees_and_dates_asked(t: str) -> str:
    """ "what's me locker code again", "how much are my son's school fees", "which date is it", "what's Friday's date",
    "how long's it got left"."""
    t = re.sub(r"^put down (?=[a-z]+(?: [a-z]+)? (?:on |at |for |tomorrow|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday))", "put ", t)
    t = re.sub(r"^(?P<q>what is (?:my|the) [a-z]+ (?:code|number|password|pin)) again (?=(?:at|for|on|in) )", r"\g<q> ", t)  # "what's me locker code again at the hospital"
    t = re.sub(r"^(?P<v>pause|stop|hold|cancel) (?P<x>the [a-z]+(?: [a-z]+)?) first\b", r"\g<v> \g<x>", t)  # "pause the rendang first, my son calling"
    t = re.sub(r"^(?:put|stick|pop) (?P<x>[a-z ]+?) on instead$", r"add \g<x>", t)  # "put Quorn sausages on instead"
    t = re.sub(r"^which (?=(?:date|day) is it\b|date is\b)", "what ", t)  # "which date is it this Sunday", "which date is Saturday"
    t = re.sub(rf"^(?P<a>and )?(?:the )?(?P<d>(?:(?:this|next|coming) )?(?:{DAYS})|tomorrow) is (?:which|what) (?:date|day of the month)$",
               r"\g<a>what date is \g<d>", t)  # "and Saturday is which date", as French and Portuguese put it
    t = re.sub(rf"^what is (?P<d>{DAYS}|tomorrow)'s date$", r"what is the date on \g<d>", t)  # "what's Friday's date"
    t = re.sub(r"^how long is (?P<x>it|that|that one|the [a-z]+(?: [a-z]+)?) got(?= left$|$)", r"how long has \g<x> got", t)  # "how long's it got left": has
    t = re.sub(r"^what time would it be (?=in |over in |out in )", "what time is it ", t)  # "what time would it be in Toronto"
    t = re.sub(r"^remember (?:that )?the new (?=(?:code|number|password|pin|combination) )", "remember the ", t)
    t = re.sub(r"^what (?:was|is) that (?P<n>code|number|password|pin|combination) for (?P<x>the [a-z]+(?: [a-z]+)?)(?: again)?$", r"what is the \g<n> for \g<x>", t)
    t = re.sub(r"^how many days (?:are|is) (?:left|remaining|there) (?:for|till|until|to|before) ", "how many days until ", t)  # "how many days are left for Hamza's birthday"
    t = re.sub(r"^(?:(?:eish|ag|oh|ah|eh|ugh) )?(?:that is|this is|it is) (?:spam|junk|rubbish|a scam)(?: mail)? (?P<v>delete|bin|trash|archive)(?: it)?$", r"\g<v> it",
               t)  # "eish that's spam, delete"
    t = re.sub(r"^when (?:do|should|must|will) i (?:need to |have to )?(?:get|buy|make|bake|order|send) (?:a |the )?(?:birthday )?(?:cake|card|present|gift|presents) "
               r"for (?P<x>(?:my |our )?[a-z]+)$", r"when is \g<x>'s birthday", t)  # "when do I need to get a cake for Aoife"
    t = re.sub(r"^where is (?P<x>(?:the|my|our) [a-z]+) (?:tied up|moored|docked|berthed|kept|parked)(?: at| up at)?(?: again| now)?$", r"where is \g<x>", t)
    # "where's my boat tied up at"
    t = re.sub(r"^(?:which|what) subject (?:is|does) (?P<x>(?:my |our )?[a-z]+) (?:teaching|teach)(?: now| again)?$", r"what does \g<x> teach", t)
    t = re.sub(r"^how much (?:do|did|will) (?:i|we) pay for (?P<x>(?:my|our) [a-z]+'s) (?:schooling|school|school fees|fees|tuition)$", r"what are \g<x> school fees", t)
    t = re.sub(r"^how much (?:is|are) (?P<x>(?:my|our) (?:[a-z]+'s )?(?:[a-z]+ )?(?:fees|rent|bill|mortgage|wages?|salary|pay|pension|allowance|insurance|"
               r"premium|subscription|council tax|tuition))$", r"what are \g<x>", t)  # "how much are my son's school fees"
    t = re.sub(r"^who (?:can|could|will|would) let me in(?: if .*)?$", "who has my spare key", t)  # "who can let me in if I lock meself out"
    t = re.sub(r"^(?P<w>(?:and )?(?:her|his|my|our) [a-z]+ [a-z]+)'s is (?=(?:the |on )?(?:[a-z]+ )?(?:of )?(?:january|february|march|april|may|june|july|"
               r"august|september|october|november|december|\d|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
               r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty|thirtieth|thirty)\b)",
               r"\g<w>'s birthday is ", t)  # "and her brother Archie's is the second of June", after a birthday
    return t


def topic_first_timers_and_free_or_not(t: str) -> str:
    """ "the team lunch on Friday, cancel it", "rice is not done, give it five more"."""
    t = re.sub(r"^(?:and )?(?:the |my )(?P<x>[a-z]+(?: [a-z]+){0,5}?)(?P<d> (?:on|at|for) [a-z ]+?)? (?:cancel|delete|scrap) it(?: please)?$", r"cancel the \g<x>\g<d>", t)
    # "the team lunch on Friday, cancel it", "and the visit to the packing plant on Thursday, cancel it please"
    t = re.sub(r"^(?:the |my )?(?P<n>[a-z]+(?: (?!is\b)[a-z]+)?) (?:is not|isn't|is still not|still not|not|nuh|no) (?:done|ready|cooked)(?: yet)?(?: only| so| just)? "
               r"(?:give it|add|put) ", r"give the \g<n> ", t)  # "rice is not done, only give it five more minutes"
    t = re.sub(r"\b(put|give|add) (?P<d>[a-z]+(?: [a-z]+)?) more minute on\b", r"\1 \g<d> more minutes on", t)  # "put ten more minute pon the chicken"
    t = re.sub(r"^(?P<v>carry on with|continue|restart|resume|start) (?:the |my )(?P<n>[a-z]+(?: [a-z]+)?) now(?= |$)", r"\g<v> the \g<n>", t)
    # "carry on with the lamb now, it's back on"
    t = re.sub(r"^(?P<r>cancel|stop|scrap|clear) (?:them|those|these) all(?: now)?(?: tidy)?(?= |$)", r"\g<r> all the timers", t) \
        if re.search(r"\b(?:eating|done|ready|cooked|served)\b", t) else t  # Welsh "cancel them all now tidy, we're eating"
    t = re.sub(r"^put in (?=[a-z]+(?: [a-z]+)? (?:on|at|for|tomorrow|today|next)\b)", "put ", t)  # "put in sheep dipping on Monday from nine"
    t = re.sub(r"^(?P<w>(?:tomorrow|today|tonight|on [a-z]+day|[a-z]+day)(?: (?:at )?[a-z]+(?: o'clock| thirty| fifteen| am| pm)?)?) (?:i|am i) (?:free|busy) or not$",
               r"am i free \g<w>", t)  # "tomorrow three o'clock I free or not"
    return t


def what_time_it_is(t: str) -> str:
    """ "what time it is in Monrovia now", "what time now in Kathmandu", and asked word for word from Spanish, Portuguese
    or Italian: "what hour is it in Lisbon", "and in London, what time is it", "which day we are today"; from German or
    Polish: "how much is the clock"."""
    t = re.sub(r"^((?:and |so )?)what hour is it\b", r"\1what time is it", t)  # "what hour is it now in Lisbon"
    t = re.sub(r"^(?:and |so )?in (?P<p>[a-z ]+?) what time is it(?: now)?$", r"what time is it in \g<p>", t)  # "and in London, what time is it"
    t = re.sub(r"^(?:and )?(?:which|what) (?:day|date) (?:we are|are we|is it|is) today$|^(?:and )?today what (?:date|day) (?:is it|is)$|"
               r"^(?:and )?(?:which|what) is (?:date|day) today$|^(?:and )?(?:which|what) (?:date|day) today$|"
               r"^(?:and )?today (?:is )?what (?:date|day)(?: ah| la| lah)?$", "what is the date today", t)  # "what (is) date today", "today what date ah"
    t = re.sub(rf"^(?P<a>and )?(?:which|what) (?:date|day of the month) (?:will (?:it )?be|is it|it is|it will be) (?:on )?(?P<d>(?:(?:this|next) )?(?:{DAYS})|tomorrow)$",
               r"\g<a>what date is \g<d>", t)  # "and which date will be on Friday"
    t = re.sub(r"^((?:and |so )?(?:what|which) time) it is\b", r"\1 is it", t)  # "what time it is in Monrovia now"
    t = re.sub(r"^((?:and |so )?(?:what|which) time) (?:is )?(?=now (?:in|over in|out in|down in|up in|there)\b)", r"\1 is it ", t)
    # "what time now in Kathmandu", "what time is now in Moscow"
    t = re.sub(r"^(?:and |so )?how much is (?:the )?(?:clock|hour)(?: now)?$|^(?:and |so )?how late is it(?: now)?$", "what time is it", t)
    # German "wie viel Uhr", Polish "która godzina", Hungarian "hány óra": "how much is the clock"
    return t


def said_word_for_word(t: str) -> str:
    """Requests said word for word from Spanish, Portuguese or Italian: "how much is missing for the bacalhau", "to what
    am I allergic", "advise me fifteen minutes before", "I have something on Thursday?", "how is called the dog of my
    sister", "read me the one of Pilar"."""
    t = re.sub(r"^how (?:much|long|many minutes)(?: time| more)? (?:is missing|are missing|is lacking|remains|is remaining|rests|(?:is |are )?still(?: left| remaining)?)"
               r"(?: (?:for|on|to) (?P<x>(?:the |my )?[a-z ]+))?$",
               lambda m: f"how long is left on {m.group('x')}" if m.group("x") else "how long is left", t)  # "how much (time) is missing for the bacalhau", "how long is still on the rice"
    t = re.sub(r"^to what (?:i am|am i) allergic(?: again)?$", "what am i allergic to", t)  # "to what I am allergic again"
    t = re.sub(r"^(?:and )?what i am (?P<a>allergic|intolerant|sensitive) to(?: again)?$", r"what am i \g<a> to", t)  # Moroccan "what I am allergic to again"
    t = re.sub(r"^(?:(?:ok|okay|and) )?(?:go|carry|keep) (?:further|on|going) with (?=it$|that$|the [a-z]+(?: one| timer)?$)", "continue with ", t)
    # Dutch "ga verder": "okay, go further with it", of a timer paused
    t = re.sub(r"^how (?:do )?you call yourself(?: again)?$|^how (?:are you|you are) called(?: again)?$", "what is your name", t)  # "how you call yourself again"
    # Brazilian Portuguese said word for word:
    t = re.sub(rf"^(?:put|give|add) (?P<n>{NUMBER_WORDS_RE}|\d+) more (?P<u>minutes?|seconds?|hours?) in the (?P<x>(?!one\b)[a-z]+)(?: timer)?$",
               r"add \g<n> \g<u> to the \g<x> timer", t)  # "put five more minutes in the rice timer", "... in the chicken"
    t = re.sub(rf"^(?:take out|take off|remove|subtract) (?P<d>(?:{NUMBER_WORDS_RE}|\d+) (?:minutes?|seconds?|hours?)) from (?P<x>it|the [a-z]+(?: timer)?)$",
               r"take \g<d> off \g<x>", t)  # "take out five minutes from it"
    t = re.sub(rf"\bat (?P<h>{HOURS}) and (?P<m>fifteen|thirty|forty five|ten|twenty|twenty five|forty|fifty|five|a half|half)\b",
               lambda m: f"at {m.group('h')} {'thirty' if 'half' in m.group('m') else m.group('m')}", t)  # "at six and fifteen": 6:15
    t = re.sub(r"^(?:take off|take out|remove) (?:the|my) alarm of (?=[a-z])", "cancel the alarm at ", t)  # "take off the alarm of seven"
    t = re.sub(r"^clean (?:the |my )?(?P<l>(?:[a-z]+ ){0,2})list$", r"clear the \g<l>list", t)  # "clean the to do list": clear it
    t = re.sub(rf"^change (?:the|my) (?P<x>(?!(?:timer|alarm|reminder|volume|list|note|name)\b)[a-z]+(?: [a-z]+)?) to (?=(?:{DAYS}|tomorrow|next)\b)",
               r"move the \g<x> to ", t)  # "change the dentist to Friday": move it
    t = re.sub(r"^pause (?P<x>it|the [a-z]+(?: timer)?) (?:a little|a bit|a moment|for a moment|a second)\b.*$", r"pause \g<x>", t)
    # "pause it a little, the gas finished"
    t = re.sub(r"^(?:(?:ok|okay) )?(?:now )?(?:you )?can continue(?: it| now)?$", "resume it", t)  # "ok now can continue"
    t = re.sub(r"\bis it there in (?=[a-z])", "is it in ", t)  # "what time is it there in Brasília"
    t = re.sub(r"^(?:and )?(?P<o>that|this) one (?:you can|you could|you may|just|please) (?P<v>archive|delete|forward|read|keep|mark as (?:read|unread)|"
               r"cancel|remove|bin)$", r"\g<v> \g<o> one", t)  # Surinamese Dutch "that one you can archive"
    t = re.sub(r"^(?:no )?(?:the )?(?P<x>[a-z]+(?: [a-z]+)?) (?:we|i) (?:still |already )(?:have|got)(?: some| enough| it)?,? "
               r"(?:take|cross|strike) (?:it|that|them) off(?: the list)?$", r"take \g<x> off the list", t)  # German "no, the milk we still have, take it off"
    t = re.sub(r"\bhas (?:the )?(?P<k>spare )?(?P<n>keys?) (?:from|of) (?P<w>our|my) (?:flat|house|apartment|home|place)\b", r"has \g<w> \g<k>\g<n>", t)
    t = re.sub(r"^(?P<r>(?:remember )?(?:that )?)(?P<n>[a-z]+) (?:from )?(?:next door|upstairs|downstairs|across the (?:road|street|hall)|from flat [a-z]+) "
               r"(?=has (?:our|my|the) )", r"\g<r>\g<n> ", t)  # Ukrainian "Roman from next door has spare key from our flat": Roman has our spare key
    t = re.sub(r"^(?:(?:no|sorry|ah|oh) )*not (?:the )?(?P<x>[a-z]+(?: [a-z]+)?),? (?:(?:remove|delete|scratch|take off|cross off|take out) (?:it|that|them)|"
               r"(?:take|cross|strike) (?:it|that|them) (?:off|out))(?: from the list| off the list)?$", r"take \g<x> off the list", t)
    # Tatar and Russian "no, not honey, remove it", Japanese "ah sorry, not tofu, take it off"
    t = re.sub(r"^(?:and )?where (?P<w>i|we) (?P<v>parked|left|put|hid)\b",
               lambda m: f"where did {m.group('w')} {dict(parked='park', left='leave', hid='hide').get(m.group('v'), m.group('v'))}",
               t)  # "where I parked the car", the "did" not said
    t = re.sub(r"^(?:can you |could you )?tell me please (?=(?:what|who|when|where|which|how) (?:is|are|was|were|will|do|does|did|many|much|long|old)\b)", "",
               t)  # "tell me please what is your name": the question itself
    t = re.sub(r"^(?:(?:read|tell) me )?how (?:is |looks )?(?P<l>(?:the|my) (?:[a-z-]+ )?list)(?: is| looks| stands)?(?: now| at the moment| so far)?$",
               r"read \g<l>", t)  # Spanish "cómo está la lista": "read me how the list is now"
    t = re.sub(r"^(?P<v>cancel|stop|pause|delete|resume) the timer (?:of|for) the (?P<n>[a-z]+)$", r"\g<v> the \g<n> timer", t)  # "cancel the timer of the rice"
    t = re.sub(r"^(?P<a>and |also )?remind me (?:also|too|as well) (?=(?:on|at|in|tomorrow|today|tonight|next|this|every|to)\b)", r"\g<a>remind me ",
               t)  # "and remind me also on Friday at four to pick up the kids": "also" is no part of what to do
    t = re.sub(r"^from now(?: on)? i (?:call|will call|am calling) you (?=[a-z])", "i will call you ", t)  # "from now I call you Butet"
    t = re.sub(rf"\b(?P<c>(?:{NUMBER_WORDS_RE}|\d+) [a-z]+s) name (?=[a-z]+(?: [a-z]+)? and [a-z]+)", r"\g<c> called ", t)  # "two cats name Som and Khao"
    t = re.sub(r"^(?P<q>what is|when is|where is) (?!(?:my|our|your|the|his|her|their|it|this|that)\b)(?P<n>[a-z]+) (?P<x>job|birthday|phone number|address)$",
               r"\g<q> \g<n>'s \g<x>", t)  # "what is Andi job", the "'s" not said
    t = re.sub(r"^(?P<i>(?!(?:and|also|then|so|what|how|can|could|please|we|i|you|they|he|she|it)\b)[a-z' ]+?) (?:also |too )?(?:put|add) (?:it |them )?(?:on|to) (?P<l>(?:the|my) (?:[a-z]+ )?list)$",
               r"add \g<i> to \g<l>", t)  # "green onion also put on the list": the thing said first
    t = re.sub(r"^i (?:feel|am feeling) not (?:so |very |too )?(?:well|good|great)\b", "i feel ill", t)  # "I feel not so well today, headache"
    t = re.sub(r"^(?:no no |no )?(?:leave it|leave that)(?: like that| as it is| as it was| alone)(?: never mind| forget it)?$|"
               r"^(?:no no |no )?(?:leave it|leave that) (?:never mind|forget it)$", "never mind",
               t)  # Spanish "déjalo así": "no no, leave it like that, never mind"
    t = re.sub(rf"^(?P<a>and |also )?(?P<d>on weekdays|(?:on|at) weekends|every weekend|every day|each day|(?:on |every )(?:{DAYS})s?) "
               r"(?P<r>wake me(?: up)?|set (?:me )?(?:an |the |my )?alarm|remind me) (?P<x>(?:at|for) .+)$",
               r"\g<a>\g<r> \g<x> \g<d>", t)  # "and on weekdays wake me at half past six": when it repeats, said first
    t = re.sub(rf"\b(?P<v>alarm|wake me(?: up)?|remind me)(?P<x>(?: (?!to\b)[a-z]+){{0,3}}?) on (?=(?:half past |quarter past |quarter to )?{HOURS}\b)",
               r"\g<v>\g<x> at ", t)  # Slavic "set me alarm tomorrow on six fifteen" ("na", "o"): at six fifteen
    t = re.sub(r"^advise me (?=[a-z ]+ before\b)", "warn me ", t)  # Spanish "avísame": "advise me fifteen minutes before my meetings"
    t = re.sub(r"^i have (?:something|anything) (?=(?:on|at|this|next|tomorrow|today|tonight)\b)", "do i have anything ", t)  # "I have something on Thursday at three?"
    t = re.sub(r"^how is (?:called|named) (?:the )?(?P<x>[a-z]+) of (?P<o>my [a-z]+|[a-z]+)$", r"what is \g<o>'s \g<x> called", t)  # "how is called the dog of my sister"
    t = re.sub(r"^(?P<v>read(?: me)?) the one of (?=[a-z]+$)", r"\g<v> the one from ", t)  # "read me the one of Pilar"
    return t


def who_is_keeping(t: str) -> str:
    """ "who is keeping my spare key": who has it."""
    t = re.sub(r"^who is (?:keeping|holding|minding|looking after) (?=(?:my|the|our) )", "who has ", t)  # "who is keeping my spare key"
    return t


def said_shortly(t: str) -> str:
    """Requests said short, as Singapore and South Africa say them, once the words before them are gone."""
    t = re.sub(r"^(?P<x>(?:my|our) [a-z]+(?: [a-z]+)?),? where (?:(?:she|he|they) )?(?:is |are |does |do )?(?P<v>living|lives|live|staying|stays|stay|"
               r"working|works|work)\b.*$", lambda m: f"where does {m.group('x')} {BARE_VERB.get(m.group('v'), m.group('v').rstrip('s'))}", t)
    # "my sister, where she is living again, I forget"
    t = re.sub(r"^(?:(?:oh|ok|okay|so|and|ah|ay|no) )*(?:the |your )?(?:sound|volume|voice|music|radio)(?: is| it is|'s)? [a-z' ]*?"
               r"(?:(?P<v>make|turn|put) it (?=(?:a bit |a little |more )?(?:lower|louder|higher|quieter|softer|down|up|low|high)\b)|"
               r"(?P<w>raise|lower|increase|reduce|decrease|boost) it\b)",
               lambda m: f"{m.group('v')} the volume " if m.group("v") else f"{m.group('w')} the volume", t)
    # "the sound is too loud, make it lower", "the sound is too low, raise it": the volume, not "it" of nothing said before
    t = re.sub(r"^(?:(?:oh|ok|okay|so|and|mais|aw|ah|well|aiyo|aiya|alamak|eish|ugh|no|nah|sorry) )*(?:(?:the|my|our) [a-z]+(?: [a-z]+)?(?: is| are| was| were| has| have|'s)|(?:she|he|it|they|we)(?:'s| is| are| has| have|'ve| needs| need| wants| want)|(?:(?:the|my|our|them|those) [a-z]+(?: [a-z]+)? (?:still|too|so|not|getting))|(?:i am|i'm|we are) on the (?:road|bus|train|phone|way)|(?:they|he|she) (?:sms |text |texted |messaged |emailed |called |rang )?(?:say|says|said))"
               r" [a-z' ]+? (?=(?:pause|stop|hold|cancel|move|push|shift|add|set|start|"
               r"delete|remind|put|give|chuck|stick|bung|mark|archive|forward|take (?:[a-z]+ )?(?:minutes?|hours?) off)(?: (?:the|my|it|that|all|me|another|an extra)\b)|"
               r"(?:make|change) (?:that|it) [a-z])", "", t)  # "the firebox is dying down, pause the ribs a minute": the reason said first
    t = re.sub(r"^(?:okay |ok |and )*(?P<v>send|delete|archive) (?P<x>that|it|this)(?: one)? (?:also|too|as well)$", r"\g<v> \g<x>", t)  # "okay send that also"
    t = re.sub(r"^what (?:have i got|do i have|do i got|i got|i have) (?:for|in|as) (?:e ?mails?|mails?)(?: today| now)?$", "what emails do i have", t)
    # "what do I got for emails"
    t = re.sub(r"^(?:so )?when (?:it is|is it) now$", "when is it now", t)  # "when it is now"
    t = re.sub(r"^(?:okay |ok |and )*(?P<x>(?:the|my) [a-z]+(?: [a-z]+){0,3}?(?: on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow))?) "
               r"(?P<v>cancel|delete)(?: it)?(?: please)?$", r"\g<v> \g<x>", t)  # Polish English "and the gym on Friday cancel please"
    t = re.sub(r"^(?:the )?(?P<n>[a-z]+(?: [a-z]+)?) how (?:long|much time) (?:still|more|left)$", r"how long left on the \g<n>", t)  # "the broth how long still"
    t = re.sub(r"^(?:the )?(?P<x>[a-z]+(?: (?!no\b)[a-z]+)?) (?:no )?(?:i|we) (?:have|got|have got)(?: it| them)?(?: already| enough| plenty)?(?: at home)? "
               r"(?:(?:remove|take off|delete|cross off|take out) (?:it|them)|take (?:it|them) (?:off|out))$",
               r"take the \g<x> off the list", t)  # Vietnamese English "ginger I have already, remove it", Italian "the yeast, no, I have it, remove it"
    t = re.sub(r"^(?:no )?the (?P<x>[a-z]+(?: [a-z]+)?) (?:take|remove|delete) (?:it|them)(?: off)?(?: (?:my|our|his|her|we|i|they|he|she) .+)?$",
               r"take the \g<x> off the list", t)  # "no, the ricotta, take it off, my sister brings it": the reason is not kept
    t = re.sub(r"^what (?:kind of |sort of )?(?:work|job) (?P<x>(?:my |our )?[a-z]+) (?:does|do|is doing)(?: again| now)?$", r"what does \g<x> do", t)
    # "what kind of work Kevin does", as Bengali and Spanish word it
    t = re.sub(r"^(?P<e>.+?) is how much$", r"how much is \g<e>", t)  # "one hundred twenty bowl times forty five thousand is how much"
    t = re.sub(r"^(?:sorry |no |oh )*not (?P<a>monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight) "
               r"(?:(?:do it|make it|put it|move it|have it) (?:on |to )?)?(?P<b>monday|tuesday|wednesday|thursday|"
               r"friday|saturday|sunday)$", r"no make it \g<b>", t)  # "sorry not Saturday, Sunday", "no, not tomorrow, do it Friday"
    t = re.sub(r"^too (?:long|short|much|early|late) (?=change|make|move|set)", "", t)  # "aiyo, too long, change to three minute"
    t = re.sub(r"^change to (?=[a-z0-9])", "change it to ", t)
    t = re.sub(r"^(?P<d>today|tomorrow|tonight|(?:on |next |this )?[a-z]+day) (?:i |we )?(?:got|have|has) (?P<x>.+?),? (?:please )?"
               r"(?:put|add|save|stick|write)(?: it)? (?:in|on|into|to) (?:the |my )?(?:calendar|diary)(?: please)?$", r"add \g<x> \g<d> to my calendar", t)
    # Singlish "tomorrow got Kinabalu park tour at seven in the morning, put in calendar"
    t = re.sub(r"^(?P<x>(?:the|my) [a-z]+(?: (?!also\b|too\b)[a-z]+)?)(?: also| too)? (?:shift|shifted|kena shift|change|changed|postpone|postponed) (?P<w>to|till) (?P<y>.+?)(?: already| liao)?$",
               r"move \g<x> \g<w> \g<y>", t)  # Singlish "the tour shift to eight already"
    t = re.sub(r"^(?:so )?(?P<x>the|my) alarm (?:also |too )?(?:make(?: it)?|change to|set to) (?=[a-z0-9])", r"change \g<x> alarm to ", t)  # "so the alarm also make six"
    t = re.sub(r"^(?P<x>(?:the|my) [a-z]+(?: [a-z]+)?) (?P<v>move|push|shift|cancel|delete) it\b", r"\g<v> \g<x>", t)  # "the MOT, move it to Wednesday"
    t = re.sub(rf"^(?P<x>(?:the|my) [a-z]+(?: [a-z]+)?) make it (?=(?:{NUMBER_WORDS_RE})(?: minutes| hours)?$)", r"make \g<x> ", t)
    # "the cornbread, make it thirty": a timer's new length
    t = re.sub(r"^(?P<n>[a-z]+(?: [a-z]+)?) one how long (?:more|left|still)$", r"how long left on the \g<n>", t)  # "chicken rice one how long more"
    t = re.sub(r"^(?:[a-z]+ ){1,2}one (?=(?:delete|bin|archive|trash|junk) it$)", "", t)  # "spam one, delete it"
    t = re.sub(r"^(?P<x>(?!(?:add|put|stick|pop|write)\b)[a-z]+(?: [a-z]+)?) take (?:out|off)(?: lah)?(?= |$)", r"take off the \g<x>", t)
    # "cockles take out lah" ("add take out the bins to my to-do list" adds it)
    t = re.sub(r"^how many days remain(?:ing)? (?=till|until|to|before)", "how many days left ", t)  # "how many days remain till Easter"
    t = re.sub(r"^how many (days|weeks|sleeps) (?:are )?still (?:left|remaining) (?:for|till|until|to|before) ", r"how many \1 until ", t)
    # Indian English "how many days still left for Christmas"
    t = re.sub(r"^(?:the |my |our )(?P<x>[a-z]+(?: [a-z]+){0,2}) what is the (?P<y>code|password|pin|number|address|name)(?: again| for it| then)?$",
               r"what is the \g<x> \g<y>", t)  # "the lodge wifi, what's the code again"
    t = re.sub(r"^what is the (?P<y>number|address) of (?P<w>my|our) (?P<x>[a-z]+(?: (?!then$|again$)[a-z]+)?)(?: then| again)?$",
               r"what is \g<w> \g<x> \g<y>", t)  # "what's the number of my locker then"
    t = re.sub(r"\b(your|his|her|my|their|[a-z]+'s) good name\b", r"\1 name", t)  # Indian English "what is his wife's good name"
    t = re.sub(r"\boor\b", "our", t)  # Scots "oor Jean's bringing a loaf"
    t = re.sub(r"^(?:the|my|our|that) (?P<n>[a-z]+(?: [a-z]+)?) (?:needs|need|wants|could do with|could use) (?:a bit |a little |a wee bit |a touch )?"
               r"(?:longer|more time|more) (?:so )?(?:give it|add|put) ", r"give the \g<n> ", t)  # "the chicken needs longer, give it ten more minutes"
    t = re.sub(r"\b(minutes|minute|hours|hour|seconds) (?:all told|in all|all in|total|in total)$", r"\1", t)  # "make the roux thirty minutes all told"
    t = re.sub(r"^how (long|much time) (?:that|the|my|them|those) (?P<x>[a-z]+(?: [a-z]+)?) (?:got|have got|has got|has) (?:left|to go)$",
               r"how \1 has the \g<x> got left", t)  # Cajun "how long that gumbo got left"
    t = re.sub(r"^where (?P<s>my [a-z]+|[a-z]+) (?P<v>working|living|staying)\b", r"where is \g<s> \g<v>", t)  # "where my cousin working ah"
    t = re.sub(rf"^(?P<x>(?:no )?(?:on )?(?:{DAYS}|tomorrow))(?:'s| is| would be| will be) (?:better|best)(?: for (?:me|us))?$", r"\g<x>", t)
    # "actually Tuesday's better": the day said as a correction
    return re.sub(r"^(?P<x>(?:no )?(?:(?:half|quarter|[a-z]+) (?:past|to) [a-z]+|[a-z]+ (?:thirty|fifteen|forty five|o'clock))) "
                  r"(?:is enough|will do|is fine|is better|is plenty)$", r"\g<x>", t)  # "ag no, half past five is enough"


def remind_me_what(t: str) -> str:
    """ "remind me what my job is": asked as a question, when no time for a reminder follows."""
    asked = _REMIND_ME_ASKS.sub("", t)
    if asked != t:  # "what my job is", "where i work": asked as questions are
        asked = re.sub(r"^(what(?: date| day| time)?|where|who|whose|which|how many|how old|how much) (.+?) (is|are|was|were)$", r"\1 \3 \2", asked)
        t = re.sub(r"^(what|where|who|which) (i|we) (?=[a-z]+(?<!ed)\b)", r"\1 do \2 ", asked)
    return t


def job_said_otherwise(t: str) -> str:
    """ "what's Anjali's line of work": her job."""
    if _JOB_WORDS.match(t):
        t = re.sub(r"\b(?:line of work|occupation|profession)\b", "job", t)
    return t


def notes_names_and_clefts(t: str) -> str:
    """ "put a note in that ...", "I want to call you Amooti from now", "lives out there in Sydney", "how many
    days is that away now", and questions said with "is it" or "was it": "how many dogs is it we have", "who is
    it I support"; a birthday's month asked, a dislike asked by its taste."""
    t = re.sub(r"^put a note in (?=that |saying )", "put a note ", t)  # "put a note in that the harbour dues are sixty pound"
    t = re.sub(r"\b(?:from now|from now on|from today)$", "", t).strip() if t.startswith(("i want to call you ", "i will call you ")) else t
    t = re.sub(r"\b(lives|living|stays|staying) (?:out|over|up|down) there (?=in )", r"\1 ", t)  # "lives out there in Sydney"
    t = re.sub(r"^how many days is (that|it) away now$", r"how many days is \1 away", t)
    t = re.sub(r"^how many (?P<x>[a-z]+) is it (?P<w>we|i) have$", r"how many \g<x> do \g<w> have", t)  # "how many dogs is it we have"
    t = re.sub(r"^what was it (?P<x>[a-z]+) reacts badly to(?: again)?$", r"what is \g<x> allergic to", t)  # "what was it Eilidh reacts badly to"
    t = re.sub(r"^who is it (?:that )?(?P<w>i|we) (?P<v>support|follow|cheer for)(?: at the [a-z]+)?$", r"who do \g<w> \g<v>", t)  # "who is it I support at the fitba"
    t = re.sub(rf"^(?P<q>when is|what is|what day is|how old is) my {KIN_TITLES} (?P<n>[a-z]+)'s "
               r"(?=birthday|anniversary|address|number)", r"\g<q> \g<n>'s ", t)  # "when's my uncle Desmond's birthday": Desmond's
    t = re.sub(r"^what month(?: is|'s) (?P<x>(?:my|our) [a-z' ]+?birthday) in$", r"when is \g<x>", t)  # "what month's my mother's birthday in"
    t = re.sub(r"^(?P<q>is there anything|what) (?P<w>i|we) do not like the (?:taste|smell|look) of$", r"\g<q> \g<w> do not like", t)
    return t
