"""Rules for lists: adding ("eggs, milk and a baguette" is three items), taking off, reading."""

from __future__ import annotations

import re

from ..normalize import ENDEARMENTS
from ..numbers import parse_number
from ..timeparse import find_duration
from .asides import before_own_clause, starts_a_reason
from .common import LIST_NAMES, Ctx, Result, clean, list_name


# Things said without commas ("eggs milk and bread", "copper elbows ptfe tape and flux", as a
# recogniser writes them) on any list but the to-do list, whose items are jobs: a run breaks
# after a plural ("tinned tomatoes | pasta") or after one of these when the next word does not make
# a compound with it ("milk | bread", but "milk chocolate", "cheese sauce").
_ON_THEIR_OWN = frozenset({"milk", "bread", "butter", "cheese", "rice", "pasta", "flour", "sugar", "coffee", "tea", "bacon", "ham",
                           "yoghurt", "yogurt", "cream", "honey", "jam", "salt", "pepper", "cereal", "porridge", "ketchup", "mayo",
                           "mayonnaise", "mustard", "soup", "lettuce", "bleach", "toothpaste", "shampoo", "soap", "foil", "cling film",
                           "cod", "haddock", "salmon", "tuna", "ice", "shrimp", "okra", "garlic", "ginger", "curd", "mince", "plantain", "yam",
                           "coriander", "tomato", "onion", "fish", "water", "coconut"})  # "cod haddock and two sacks of spuds", "shrimp okra and file powder"
_COMPOUND_HEADS = frozenset({"chocolate", "sauce", "beans", "bags", "bag", "cheese", "pudding", "rolls", "roll", "crackers", "cakes",
                             "powder", "cubes", "paper", "bread", "juice", "milk", "cream", "biscuits", "spread", "stock", "oil",
                             "flakes", "sticks", "bar", "bars", "nuts", "butter", "syrup", "vinegar", "noodles", "pie", "pies",
                             "slices", "granules", "sachets", "pods", "substitute", "alternative", "free", "oats", "pot", "pots", "mix",
                             "sandwiches", "sandwich", "salad", "hock", "steaks", "burgers", "flour", "leaves", "granola",
                             "fingers", "fillets", "paste", "beer", "ale", "wedges", "puree", "cake", "curry", "rings", "chips", "crisps", "dip",
                             "cream", "lolly", "lollies", "cubes", "cutlets", "balls", "fried", "rolls", "seeds", "fishing", "scraper", "pack",
                             "packs", "skates"})
_PAIRS = frozenset({"cream cheese", "honey mustard", "coffee cream", "butter cream", "cheese spread", "sugar soap", "rice milk", "soup mix",
                    "bread flour", "rice flour", "ice cream", "ice tea", "garlic bread", "garlic butter", "garlic salt", "garlic mayo",
                    "tomato ketchup", "tomato soup", "onion soup", "ginger tea", "tuna mayo", "salmon mayo", "curd rice", "coffee cream",
                    "honey ginger", "rice pudding", "coconut water", "coconut milk", "coconut oil", "fish oil", "salt fish"})  # two such words that make one thing
_NOT_PLURAL = re.compile(r"(?:ss|us|is|'s)$|^(?:brussels|sports|swiss|jus|lots|plus|this|series|species)$")
_NOT_AN_ITEM_START = frozenset({"of", "for", "and", "or", "with", "to", "from", "in", "on", "at", "the", "a", "an", "some", "too",
                                "as", "also", "please", "instead", "if", "that", "which", "size", "sizes"})


_ONE_THING = re.compile(r"\b(?:salt and vinegar|cheese and onion|sour cream and chive|fish and chips|sweet and sour|mac and cheese|"
                        r"macaroni and cheese|bread and butter pudding|steak and kidney|chicken and mushroom|cookies and cream|"
                        r"strawberries and cream|gin and tonic|oil and vinegar|pick and mix|ham and cheese)\b")
"""Two words joined by "and" that name one thing to buy ("salt and vinegar crisps")."""


_COUNTS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty"})
_CONTAINERS = frozenset({"bag", "bags", "tin", "tins", "can", "cans", "jar", "jars", "bottle", "bottles", "packet", "packets", "pack", "packs",
                         "box", "boxes", "loaf", "loaves", "pint", "pints", "dozen", "carton", "cartons", "tub", "tubs", "bunch", "bunches",
                         "kilo", "kilos", "pound", "pounds", "punnet", "punnets", "tray", "trays", "roll", "rolls", "couple", "few"})
_BEFORE_A_LETTER = frozenset({"vitamin", "grade", "double", "triple", "plan", "class", "group", "blood", "side", "type", "size"})
"""Words after which "a" is a letter, not the start of a new thing: "vitamin a", "double a batteries"."""
_COUNTED = frozenset({"size", "factor", "number", "stage", "grade", "level", "type", "aged", "age", "under", "over", "for", "x", "times"})


def _starts_a_quantity(word: str, words: list[str], i: int) -> bool:
    """Whether words[i] begins an amount of a new thing ("mince | two tins of tomatoes", "eggs | a bag of
    rice"), not a number that is part of one ("size two nappies", "factor fifty")."""
    if word in _COUNTED or word in _NOT_AN_ITEM_START or i + 1 >= len(words):
        return False
    said, then = words[i], words[i + 1]
    if said == "some":  # "tea bags | some bread flour"
        return then not in _NOT_AN_ITEM_START
    if said in ("a", "an"):  # "eggs | a bag of rice"; "glue | a stapler" ("vitamin a tablets", "double a batteries" stay whole)
        return (then in _CONTAINERS and (i + 2 >= len(words) or words[i + 2] in ("of", "and"))) or (
            then not in _NOT_AN_ITEM_START and then not in _CONTAINERS and word not in _BEFORE_A_LETTER and word != said)
    return said in _COUNTS and (then in _CONTAINERS or (len(then) > 3 and then.endswith("s")))


# Measures a quantity is counted in: "five litres cooking oil", "two packs butter" name one thing each.
_MEASURES = frozenset({"litres", "liters", "kilos", "kilograms", "grams", "pounds", "ounces", "pints", "packs", "packets", "bags", "tins",
                       "cans", "bottles", "boxes", "jars", "loaves", "bunches", "cartons", "crates", "trays", "sachets", "rolls"})


def _grocery_run(part: str) -> list[str]:
    words = part.split()
    out: list[str] = []
    start = 0
    for i in range(len(words) - 1):
        word, after = words[i], words[i + 1]
        if i + 1 > start and _starts_a_quantity(word, words, i + 1):
            out.append(" ".join(words[start:i + 1]))
            start = i + 1
            continue
        if after in _NOT_AN_ITEM_START or f"{word} {after}" in _PAIRS:
            continue
        plural = len(word) > 3 and word.endswith("s") and not _NOT_PLURAL.search(word) \
            and not (word in _MEASURES and i > start and parse_number(words[i - 1]) is not None)  # "five litres | cooking oil" is one thing
        both = word in _ON_THEIR_OWN and after in _ON_THEIR_OWN  # "bread | milk" (but "cream cheese": _PAIRS, above)
        if plural or both or (word in _ON_THEIR_OWN and after not in _COMPOUND_HEADS):
            out.append(" ".join(words[start:i + 1]))
            start = i + 1
    out.append(" ".join(words[start:]))
    return out


def items(words: str, raw: str = "", groceries: bool = False) -> list[str]:
    """The items in a spoken run: "eggs, milk and a baguette" -> ["eggs", "milk", "a baguette"].

    The rules read text without punctuation, so the commas are taken from the raw words. Things
    said with no comma at all are broken where one item plainly ends (_grocery_run)."""
    if groceries:  # "fish fingers for the kids' tea": what it is for is no part of the thing to buy
        words = re.sub(r"(?<=\w) for (?:the |my |our |his |her |their |tonight's |tomorrow's |sunday's |saturday's )?(?:[a-z]+'s? |[a-z]+ )?"
                       r"(?:tea|dinner|lunch|lunches|packed lunches|breakfast|supper|party|picnic|barbecue|bbq|roast|weekend|trip|holiday|"
                       r"tonight|tomorrow)$|(?<=\w) for the (?:kids|children|baby|bairns|weans|wee ones)$", "", words)  # "and squash for the kids"
    words = re.sub(r" on (?:instead|too|as well)$| instead$", "", words)  # "and stick tea bags on instead"
    for word in set(re.findall(r"([\w']+),", raw.lower())):
        words = re.sub(rf"\b{re.escape(word)}\b(?!,)", f"{word},", words, count=1)
    words = _ONE_THING.sub(lambda m: m.group(0).replace(" and ", "_and_"), words)
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+(?=\w)|\s+(?:plus|as well as)\s+", clean(words))
    out = []
    for p in parts:
        p = p.replace("_and_", " and ")
        p = re.sub(r"^(?:some|more|a few|a bit of|a couple of|also|and)(?: of (?:them|those|these|the|that))? ", "", clean(p).strip())
        p = re.sub(r" (?:too|as well|also)$", "", p)
        p = re.sub(r"^.*\b(?:no sorry|no wait|sorry no|no i mean|i mean) ", "", p)  # "nshima, no sorry, mealie meal": what was meant
        if p:
            out.extend(_grocery_run(p) if groceries and "," not in raw else [p])
    return out


def _item(words: str) -> str:
    return re.sub(r"^(?:the|my|our|some|a|an) ", "", clean(words))


def _only_time(words: str) -> bool:
    """Whether the words are a length of time and nothing else ("five more minutes"): time on a timer,
    never an item ("two minute noodles" is one)."""
    bare = re.sub(r"\b(?:more|extra|another) ", "", words.strip())
    length = find_duration(bare)
    return length is not None and length[1] == (0, len(bare))


def _added(words: str, c: Ctx, name: str) -> Result:
    """The items said, added to a list (on any list of things, a run said without commas is broken into items)."""
    if _only_time(words):
        return None  # "add five more minutes to the stotties"
    return "list.add", {"items": items(words, c.raw, groceries=name != "to-do"), "list": name}


def rule_list_remove(c: Ctx) -> Result:
    t = re.sub(r"^((?:take|knock|cross|strike) .+?) back off\b", r"\1 off", _without_reason(c.t))  # "take the scallions back off"
    t = re.sub(r"^((?:take|cross|strike|scratch|rub|knock|tick) .+? off) (?!(?:the|my|our|that|this|of|from|it|them)\b)[a-z' ]*?\b"
               r"(?:says|said|is|are|was|were|has|have|does|do|did|will|can|got)\b.*$", r"\1", t)  # "take the peaches off, Mrs Hughes says ..."
    c = Ctx(raw=c.raw, t=t, state=c.state, now=c.now)
    if re.search(r"\b(?:reminder|timer|alarm|note|email|mail|letter|event|appointment)s?\b", t) \
            and not re.search(r"\b(?:off|from) (?:the|my|our) (?:[a-z-]+ )*list\b", t):
        return None  # "take email my tutor off the to do list" is an item of a list
    last_list = dict(c.state.last_slots).get("list") if (c.state.last_intent or "").startswith("list.") else None
    off_that = re.match(r"^(?:take|knock|cross|strike|scratch) (?:the |some |any )?(?P<i>[a-z' ]+?) off (?:that|it|there|that one|that list)(?: one)?\b", t)
    if off_that and last_list:  # "take the rope off that, I found a peerie bit in the shed", after the boat list was read
        return "list.remove", {"item": _item(off_that.group("i")), "list": last_list}
    still = re.match(r"^(?:we|i) (?:have |already have |have already )?(?:still )?(?:got|have) (?:some |plenty of |loads of )?(?P<i>[a-z' ]+?),? "
                     r"(?:so )?(?:you can |please )?(?:take|cross|scratch|knock) (?:it|them|that|those) off(?: the list| it)?$", t)
    if still and last_list:  # "we've still got tahini, take it off"
        return "list.remove", {"item": _item(still.group("i")), "list": last_list}
    shopping = c.state.last_intent in ("list.read", "list.remove") and last_list
    got = re.match(r"^(?:(?:ok|okay|right|and) )*(?:(?:the|my) )?(?P<i>[a-z' ]+?) (?:is|are) (?:done|sorted|bought|got|in the (?:bag|basket|trolley|cart))"
                   r"(?:,? (?:so )?(?:you can |please )?(?:take|cross|scratch|knock|tick) (?:it|them|that|those) off(?: the list| it)?)?$", t) \
        or re.match(r"^(?:(?:ok|okay|right|and) )*(?:i |we )?(?:have )?(?:got|bought|picked up|grabbed) (?:the |some )?(?P<i>[a-z' ]+?)(?: now| already)?$", t)
    if got and shopping and got.group("i") not in ("it", "that", "this", "everything", "all", "them"):
        return "list.remove", {"item": _item(got.group("i")), "list": last_list}  # "the first one's done", "got the jam": ticked off while shopping
    have_it = re.match(r"^(?:(?:no|sorry|oh|actually) )*not (?:the |any )?(?P<i>[a-z' ]+?) (?:we|i|they|he|she) [a-z' ]+? "
                       r"(?:so )?(?:take|cross|scratch|knock) (?:it|them|that|those) off(?: the list)?$", t)
    if have_it and last_list:  # "no, not milk, we have milk already, take it off"
        return "list.remove", {"item": _item(have_it.group("i")), "list": last_list}
    added = dict(c.state.last_slots).get("items") if c.state.last_intent == "list.add" else None
    not_that = re.match(r"^(?:(?:sorry|no|oh|actually|wait|hang on|hold on|on second thoughts|scratch that) )*(?:not|no) (?:the |any )?(?P<rest>.+)$", t)
    if not_that and added and last_list:  # "sorry, not henna, my sister is bringing it": one of those just added, taken off
        said = not_that.group("rest")
        for thing in sorted(added, key=len, reverse=True):
            words = _item(thing.lower()).split()
            for k in range(len(words)):  # the whole item, or its last words ("henna" of "mithai henna", said run together)
                part = " ".join(words[k:])
                after = said[len(part):].strip() if re.match(rf"{re.escape(part)}\b", said) else None
                if after is not None and (not after or starts_a_reason(after)):  # not "no, not milk, oat milk": a swap
                    return "list.remove", {"item": part, "list": last_list}
    m = re.match(r"^(?:take|cross|strike|scratch|rub|knock|tick) (?P<i>.+?) off(?: of)?(?: (?:my |the |our |that |this )?(?P<l>[a-z ]+?))?$", t) \
        or re.match(r"^(?:take|cross|strike|knock|tick) off (?P<i>.+?)(?: (?:from|on) (?:my |the |our )?(?P<l>[a-z ]+? list|to do|shopping))?$", t) \
        or re.match(r"^(?:remove|delete|drop|take) (?P<i>.+?) (?:from|off|out of) (?:my |the |our |that |this )?(?P<l>[a-z ]+?)$", t)
    if m is None and last_list and not re.search(r"\b(?:it|that|this|everything|all)$", t):
        m = re.match(r"^(?:(?:no|oh|actually) )*(?:remove|delete|drop|take out|cross out|scratch|scrap|ditch|forget) (?P<i>.+?)(?: off)?(?P<l>)$", t)
    if m is None:
        return None
    spoken = (m.group("l") or "").strip()
    if spoken in ("it", "there", "one", "list", "that", "this") and last_list:
        spoken = ""  # "take the marker pens off it", "remove tomatoes from that": the list just talked about
    if (c.state.last_intent or "").startswith("list."):
        spoken = re.sub(r" one$", " list", spoken)  # "take the twine off the allotment one", lists just talked about
    if spoken and not (spoken.endswith("list") or spoken in LIST_NAMES):
        return None
    name = list_name(spoken) if spoken and spoken != "list" else (last_list or "shopping")
    item = re.sub(r" again$", "", _item(m.group("i")))  # "take off the sausages again": what was put on, taken off
    length = find_duration(item)
    after = item[length[1][1]:].strip() if length is not None and length[1][0] == 0 else None
    if (_only_time(item) or (after is not None and starts_a_reason(after))) and not spoken:
        return None  # "take five minutes off", "take off ten minutes, the oven's too hot": time off a timer
    return ("list.remove", {"item": item, "list": name}) if item else None


def rule_list_clear(c: Ctx) -> Result:
    """ "clear the shopping list", "empty it" (the list just talked about)."""
    t = _without_reason(c.t)  # "clear the shopping list, the missus done it yesterday"
    t = re.sub(r"^(?:(?:ok|okay|right|great|lovely) )?(?:got (?:it|them|everything|the lot)(?: all)?|all done|done) "
               r"(?:so )?(?:you can |please |can you )?(?=clear|empty|wipe)", "", t)  # "okay got it all, you can clear the shopping list"
    m = re.match(r"^(?:delete|get rid of|bin|throw out) (?:my |the |our |that |this )(?P<l>[a-z-]+(?: [a-z-]+)? list)$", t) or re.match(
        r"^(?:clear everything (?:off|from)|clear|empty|wipe|clean out|clear out|reset|scrap|delete everything (?:on|from|in)|remove everything (?:on|from)|"
                 r"take everything off|cross everything off|delete all (?:the )?items (?:on|from)|start a new|throw away) "
                 r"(?:my |the |our |that |this )?(?P<l>[a-z -]+? list|to do|shopping|groceries)$", t)
    if m:
        spoken = m.group("l").removesuffix(" list").strip()
        if spoken.endswith(" one"):  # "clear the shop one": a list called by its first word; the skill finds which ("shop supplies")
            return "list.clear", {"list": spoken.removesuffix(" one")}
        if spoken not in ("", "list") and not (spoken in LIST_NAMES or m.group("l").endswith("list")):
            return None
        last = str(dict(c.state.last_slots).get("list") or "") if (c.state.last_intent or "").startswith("list.") else ""
        if last and spoken and last != list_name(spoken) and last.split()[0] == spoken.split()[0]:
            return "list.clear", {"list": last}  # "clear the shop one out" after the shop supplies list: that list, not the shopping
        return "list.clear", {"list": list_name(spoken) if spoken not in ("", "list") else
                              dict(c.state.last_slots).get("list") or "shopping"}
    if (c.state.last_intent or "").startswith("list.") and re.match(
            r"^(?:clear|empty|wipe|clear out|scrap|bin) (?:it|that|the list|that list|it all|everything|the (?:whole|entire) (?:thing|lot|list)|"
            r"the lot)(?: out)?$|^(?:take|cross) everything off$", t):
        return "list.clear", {"list": dict(c.state.last_slots).get("list") or "shopping"}
    one = re.match(r"^(?:(?:right|ok|okay|so|and) )*(?:clear|empty|wipe|clear out) (?:the|my|our|that) (?P<l>[a-z-]+(?: [a-z-]+)?) one"
                   r"(?: (?P<why>.+))?$", t)
    if one and (one.group("why") is None or starts_a_reason(one.group("why"))) and (
            (c.state.last_intent or "").startswith("list.") or one.group("l") in LIST_NAMES):
        return "list.clear", {"list": list_name(one.group("l"))}  # "clear the salon one, I'll sort it Saturday" after the lists were named
    return None


def rule_list_it(c: Ctx) -> Result:
    """ "what's on it", "read it to me": the list just talked about."""
    if not (c.state.last_intent or "").startswith("list."):
        return None
    if re.match(r"^(?:(?:read|tell|give)(?: me)?(?: back| out)?(?: me)? )?(?:what (?:is|have (?:i|we)(?: got)?|do (?:i|we) have|(?:i|we) have(?: got)?|have you got) "
                r"(?:on|in) (?:it|there|that|the list|my list)(?: so far| now)?|read (?:it|that|it all|the (?:whole |full |entire )?list)(?: to me| out| back| again)?"
                r"(?: to me)?)"
                r"(?: then| again)?$", c.t):
        return "list.read", {"list": dict(c.state.last_slots).get("list") or "shopping"}
    one = re.match(r"^(?:read|read me|read out|what is on) the (?P<l>[a-z-]+(?: [a-z-]+)?) (?:one|list)(?: back| out)?(?: to me)?(?: now| again)?$", c.t)
    if one:  # "read me the shopping one" after the lists were talked about
        return "list.read", {"list": list_name(one.group("l"))}
    return None


def _without_reason(t: str) -> str:
    """ "add eggs to the shopping list, I'm doing pancakes": the request, without why, which no list's name holds."""
    t = re.sub(r"\blist (?:ka|krub|khrap|la|lah) (?=[a-z])", "list ", t)  # Thai "take mango off the list ka, I have already": the particle, then why
    t = re.sub(rf"\blist(?: (?:{ENDEARMENTS}|please|thanks|cheers|there|now|so|for me|also|too|as well))+$", "list", t)
    # "... on the shopping list, duck", "... on the shopping list also"
    t = re.sub(r"\blist (?:sorry|thanks|thank you|cheers|ta) (?:to|for|if|that|again|love|mate)\b.*$", "list", t)  # "..., sorry to bother you"
    t = re.sub(r"\blist (?:the|my|our|a) [a-z ]+? (?:had|has|have|is|are|was|were|said|says|sells|sold|gave|gives|give|brought|bought|does|do|did|"
               r"done|will|would|can|could|should|got|gets)\b.*$", "list", t)  # "..., the school does give them"
    t = re.sub(r"\blist (?!(?:is|are|has|have|was)\b)[a-z]+ (?:does|do|did|has|have|had|is|was|will|can|says|said|got)\b.*$", "list", t)  # "..., mum does have loads"
    return re.sub(r"\blist (?:(?:i|we|they|he|she|it) [a-z']+|because|as|since|cos|so|while|when|sure)\b.*$", "list", t)


# The verbs that put things on a list ("chuck sunscreen on the shopping list"), "and" for a recognised "add".
_PUT_ON = r"(?:add|put|stick|throw|include|pop|write|jot|add in|and|chuck|bung|whack)"

_ONLY_THAT = re.compile(r"^(?P<req>.+? list) (?:no wait|no sorry|sorry no|no hang on|actually no|no no) (?:just |only )?"
                        r"(?P<said>(?:the |a |an |some )?(?P<k>[a-z]+)\b.*)$")


_LIST_FIRST = re.compile(r"^(?:and |also )?(?:(?:on|to|in|onto) (?:the |my |our )?(?P<l>[a-z -]+? list|to do)|for (?:the |my |our )?(?P<f>shopping|to do)(?: list)?) "
                         r"(?:put|add|write|stick|pop) (?P<i>.+)$")


def rule_list(c: Ctx) -> Result:
    """What to add to a list, with "no wait, just the shoes" said after it: only the shoes; "no
    wait, the butter": the butter instead."""
    list_first = _LIST_FIRST.match(c.t)
    if list_first:  # "and on the to do list put call the plumber": the list said first
        named = list_first.group("l") or f"{list_first.group('f')} list"  # "for the shopping add api and pasankalla"
        return rule_list(Ctx(raw=c.raw, t=f"add {list_first.group('i')} to the {named}", state=c.state, now=c.now))
    only = _ONLY_THAT.match(c.t)
    if only:  # "add school shoes and a PE kit to the to-do list, no wait, just the shoes, the PE kit's in the wash"
        found = _list_rule(Ctx(raw=c.raw, t=only.group("req"), state=c.state, now=c.now))
        if found is not None and found[0] == "list.add":
            kept = [item for item in found[1].get("items", []) if re.search(rf"\b{only.group('k')}\b", item.lower())]
            if kept:
                return "list.add", {**found[1], "items": kept}
            instead = " ".join(before_own_clause(only.group("said").split()))
            return _added(re.sub(r"^(?:the|a|an|some) ", "", instead), c, found[1]["list"])
    return _list_rule(c)


def _list_rule(c: Ctx) -> Result:
    c = Ctx(raw=c.raw, t=_without_reason(c.t), state=c.state, now=c.now)
    t = c.t
    m = re.match(r"^(?:start|make|create|begin|set up|open|new)(?: me| up)? (?:a |an |my )?(?:new )?(?:list (?:called|named|for) (?P<a>[a-z ]+?)|(?!new )(?P<b>[a-z -]+?) list) "
                 r"(?:with|(?:and )?(?:add|put)) (?P<i>[a-z' ]+?)(?: on it| on there| to it)?$", t)
    if m:  # "start a camping list with tent pegs and head torches", "make a new list for the iftar party add dates and laban"
        return _added(m.group("i"), c, list_name(re.sub(r" list$", "", m.group("a") or m.group("b"))))
    m = re.match(r"^(?:start|make|create|begin|set up|open|new)(?: me| up)? (?:a |an |my )?(?:new )?list for (?:the|my|our) (?P<n>[a-z]+) "
                 r"(?P<i>[a-z' ]+ and [a-z' ]+)$", t)
    if m:  # "start a new list for the caravan, bedding, gas bottle and bin bags": a list of one word, then what goes on it
        return _added(m.group("i"), c, list_name(m.group("n")))
    m = re.match(r"^(?:start|make|create|begin|set up|open|new)(?: me| up)? (?:a |an |my )?(?:new )?(?:list (?:called|named|for) (?P<a>[a-z ]+?)|(?!new )(?P<b>[a-z -]+?) list)$", t)
    if m:  # "start a packing list": what goes on it is asked
        return "list.add", {"list": list_name(re.sub(r" list$", "", m.group("a") or m.group("b")))}
    if re.match(r"^(?:start|make|create|begin|set up|open)(?: me| up)? (?:a |an )?(?:new )?list$", t):
        return "list.add", {}
    m = re.match(r"^(?:add|put|stick|pop|throw|chuck|bung|whack) (?P<i>.+?) (?:to|on|onto|in|into) (?:it|that|there|that list|this list|that one|this one)"
                 r"(?: too| as well| also)?$", t) or re.match(
        r"^and (?P<i>.+?) (?:on|onto|to) (?:it|that|there|that list|this list|that one|this one) (?:too|as well|also)$", t)  # "oh and put balloons on that one too"
    if m and (c.state.last_intent or "").startswith("list.") and dict(c.state.last_slots).get("list"):
        return _added(m.group("i"), c, dict(c.state.last_slots)["list"])
    if re.match(r"^(?:(?:what|which) (?:other )?lists (?:do i have|have i got|have (?:still )?got|are there|have i|do you have|do you keep|i have|i have got|i got|we have)"
                r"(?: going| on the go| with (?:anything|stuff|things) on(?: them)?| (?:anything|stuff|things) on(?: them)?)?"
                r"(?: at the moment| now| still| right now| then)?|"
                r"(?:list|read|tell me|name|read out) (?:all )?(?:of )?my lists|how many lists (?:do i have|have i got)(?: on the go| going)?(?: like)?|"
                r"(?:which|what) (?:of my |of the )?lists (?:have|has|have got|has got|have still got|are having|are holding|got) (?:anything|stuff|things|something|items)"
                r"(?: on| in)?(?: (?:them|it))?(?: at the moment| now| still)?)(?: again)?$", t):
        return "list.which", {}
    first = re.match(r"^(?:add|put|stick|pop|write|jot) (?:on|onto|to) (?:my |the |our )?(?P<l>[a-z ]+?) list (?P<i>.+)$", t)
    if first:  # "put on the to do list call the landlord about the heating": the list named first
        return _added(first.group("i"), c, list_name(first.group("l")))
    list_m = re.search(r"\b(?:(?:my|the|our) )?(?P<l>(?:(?!(?:on|in|the|my|our|of|at|from|is|are|have|got|what)\b)[a-z]+ ){0,3}?)(?:list)\b"
                       r"(?! of\b(?! things to do))", t)  # "the list of people" is none of theirs; "what have I got on the list": no list's name
    unnamed = re.match(rf"^{_PUT_ON}(?: down)? (?P<i>.+) (?:to|on|onto|on to) (?:my |the |our )?list$", t)
    if unnamed:  # "add steaks and corn on the cob to the list": "on the cob" names no list
        return _added(unnamed.group("i"), c, list_name("list"))
    m = re.match(rf"^{_PUT_ON}(?: down)? (?P<i>.+?) (?:to|on|onto|in|into|on to) "
                 r"(?:my |the |our |a )?(?P<l>[a-z ]+?)(?: list)?$", t)
    later = m and re.match(r"^(?P<more>.+) (?:to|on|onto|in|into|on to) (?:my |the |our |a )(?P<l>[a-z ]+?)$", m.group("l"))
    if later:  # "put book the megabus to Edinburgh on the to do list": the list named last
        m = re.match(rf"^{_PUT_ON}(?: down)? (?P<i>.+ {re.escape(later.group('more'))}) "
                     r"(?:to|on|onto|in|into|on to) (?:my |the |our |a )?(?P<l>[a-z ]+?)(?: list)?$", t)
    if m and (list_m or m.group("l") in LIST_NAMES):
        return _added(m.group("i"), c, list_name(m.group("l")))
    m = re.match(r"^(?:add|put|stick|chuck|bung|whack) (?P<i>.+?) (?:(?:to|on|onto|in|into) )?(?:my |the |our )?(?P<l>[a-z]+(?: do)?) list$", t)
    if m:
        return _added(m.group("i"), c, list_name(m.group("l")))
    m = re.match(r"^(?:add|put) (?:to|on) (?:my |the |our )?(?P<l>[a-z ]+?) list (?P<i>.+)$", t) \
        or re.match(r"^(?:i|we) (?:need|want|will need|will want|have to get|must get|should get) (?P<i>.+?) (?:on|for|in) "
                    r"(?:my |the |our )(?P<l>[a-z ]+?) list$", t) \
        or re.match(r"^(?:and )?(?:my |the |our )?(?P<l>[a-z ]+?) list (?:needs|wants|could do with|is missing|has to have)(?: some| more)? (?P<i>.+)$", t)
    if m:  # "the shopping list needs milk and custard creams"
        return _added(m.group("i"), c, list_name(m.group("l")))
    m = re.match(r"^(?:(?:we|i) (?:need|are out of|am out of|have run out of|ran out of|are low on|are running low on)(?: some| more)? )?"
                 r"(?P<i>[a-z' ]+?),? (?:can you |could you |please |so )?(?:add|put|stick|pop|write) (?:them|it|those|these|both|that) "
                 r"(?:on|to|onto|down on) (?:my |the |our )?(?P<l>[a-z ]+?)$", t)
    if m and (m.group("l").endswith("list") or m.group("l") in LIST_NAMES):  # "we need bin bags and foil, add them to the shopping list"
        return _added(m.group("i"), c, list_name(m.group("l").removesuffix(" list") or "shopping"))
    said_first = re.match(r"^(?:we need|we are (?:out of|low on|running low on|running out of)|we have run out of|we ran out of) "
                          r"[a-z' ]+? so (?P<ask>(?:add|put|stick|pop) .+)$", t)
    if said_first:  # "we're out of oat milk, so add oat milk and coriander to the shopping list": the request after "so"
        return rule_list(Ctx(raw=c.raw, t=said_first.group("ask"), state=c.state, now=c.now))
    m = re.match(r"^(?:we need(?: some| more)?|we are (?:out of|low on|running low on|running out of)|we have run out of|"
                 r"we ran out of|i need to buy|i have to buy|i need to get|buy(?: me| us)?|get some|pick up|i must buy|remember to buy|"
                 r"we are almost out of|need to pick up|i am out of)(?: some| more)? (?P<i>[a-z' ]+)$", t)
    if m:
        return _added(m.group("i"), c, "shopping")
    m = re.match(r"^(?:add|stick|pop|put down) (?P<i>[a-z' ]+?)(?: as well| too| also)?$", t)
    if m and find_duration(re.sub(r"\b(?:more|extra|another) (?=(?:minutes?|hours?|seconds?)\b)", "", m.group("i"))) is not None:
        m = None  # "stick another ten minutes on the potatoes", "add five more minutes to the stotties" are a timer
    if m and not re.search(r"\b(?:note|reminder|timer|event|meeting|appointment|calendar|alarm|memory|letter|e?mail|message|it|that|this)s?\b", t):
        return _added(m.group("i"), c, "shopping")
    named = re.match(r"^(?:read|read out|read me|tell me|go through)(?: out)? (?:the |my )?(?P<l>shopping|groceries|to do)$", t)
    if named:  # "read out the shopping"
        return "list.read", {"list": list_name(named.group("l"))}
    read = re.search(r"\b(?:what is|what are|what|read|show|tell me|go through|list|check|anything|whats|how long is|items)\b", t)
    if list_m and read and not re.search(r"\b(?:add|put|clear|empty|wipe)\b|^(?:take|cross|strike|scratch|knock|tick|remove|delete) ", t):
        return "list.read", {"list": list_name(list_m.group("l") or "shopping")}
    if re.match(r"^what (?:do|else do) (?:i|we) (?:need|have|still need|still have)? ?to (?:buy|get|pick up)(?: at the (?:shop|store|supermarket))?|"
                r"^what do we need(?: from the (?:shop|store|supermarket))?$", t):
        return "list.read", {"list": "shopping"}
    if re.match(r"^what (?:do|else do) i (?:still )?(?:have|need|got) to do(?: today| next)?$|^what is on my to do$|^what are my tasks$|"
                r"^what (?:jobs|chores|tasks) do i have$", t):
        return "list.read", {"list": "to-do"}
    return None
