"""Rules for the earpiece itself: battery and volume."""

from __future__ import annotations

import re

from ..numbers import NUMBER_RE, parse_number
from .common import Ctx, Result


def rule_device(c: Ctx) -> Result:
    t = c.t
    if c.state.last_intent == "device.volume":  # "actually just set it to sixty percent"
        said = re.match(rf"^(?:just )?(?:set|put|make|turn) it (?:to |at |up to |down to )?(?P<n>{NUMBER_RE}) ?(?:percent|%|per cent)?$", t)
        if said and parse_number(said.group("n")) is not None:
            return "device.volume", {"level_pct": int(max(0, min(100, parse_number(said.group("n")))))}
        more = re.fullmatch(r"(?:(?:and|no|ok|okay|maybe|just|still) )*(?:a (?:bit|little|touch|tad)(?: bit)? |a little bit |slightly |even |bit )?"
                            r"(?P<d>lower|higher|more|less|down|up)(?: (?:than that|again|still|please))*", t)
        if more:  # "a bit lower" right after the volume was set
            return "device.volume", {"direction": "down" if more.group("d") in ("lower", "less", "down") else "up"}
    if re.search(r"\b(?:volume|turn (?:the )?(?:sound|audio) (?:up|down|off)|louder|quieter|softer|speak up|speak louder|speak softer|speak more quietly|turn (?:it|yourself|you|that|this) (?:up|down)|"
                 r"turn up|turn down|too loud|too quiet|too soft|cannot hear you|can not hear you|hard to hear|mute|unmute|"
                 r"lower your voice|raise your voice|keep it down|quiet down|so loud|really loud|very loud)\b", t) \
            and not re.search(r"\b(?:timer|reminder|note|list)\b", t):
        level = re.search(rf"\b(?P<n>{NUMBER_RE}) ?(?:percent|%|per cent)", t) or \
            re.search(rf"\b(?:volume|it)(?: to| at| on| in)? (?:level )?(?P<n>{NUMBER_RE})$", t) or \
            re.search(rf"\b(?:volume|it|sound|yourself)(?: down| up)? (?:to|at) (?:level )?(?P<n>{NUMBER_RE})\b(?! (?:minutes?|seconds?|hours?))", t)
        if level:
            n = parse_number(level.group("n"))
            if n is not None:
                return "device.volume", {"level_pct": int(max(0, min(100, n)))}
        if re.search(r"\b(?:max|maximum|full|all the way up|highest|loudest)\b", t):
            return "device.volume", {"level_pct": 100}
        if re.search(r"\b(?:unmute)\b", t):
            return "device.volume", {"direction": "up"}
        if re.search(r"\b(?:mute|silent|zero|minimum|lowest)\b|\b(?:volume|sound|turn (?:it|yourself|you|the sound|the volume)(?: right| all the way)?) off\b", t):
            return "device.volume", {"level_pct": 0}
        if re.search(r"\b(?:half|middle|medium|normal)\b", t):
            return "device.volume", {"level_pct": 50}
        if re.match(r"^(?:turn|put|crank|bump|pump) (?:up|it up|the volume up|up the volume|the sound up|up the sound)\b|^louder\b", t):
            return "device.volume", {"direction": "up"}  # "turn up the volume, the bus too loud": what is asked, not why
        if re.search(r"\b(?:down|quieter|softer|lower|decrease|reduce|too loud|turn it down|less|keep it down|quiet down|so loud|really loud|very loud)\b|"
                     r"\b(?<!too )(?:more |a bit |a little )?(?:low|quiet|soft)$", t):  # Spanish "put the volume more low"
            return "device.volume", {"direction": "down"}
        if re.search(r"\b(?:up|louder|raise|increase|higher|more|cannot hear|can not hear|too quiet|too soft|too low|hard to hear|boost)\b", t):
            return "device.volume", {"direction": "up"}
        return "device.volume", {}
    if re.search(r"\b(?:battery|batteries|charge|charged|charging|power level|juice|recharge|run out of power|running out of power|"
                 r"low on power|power left|how much power)\b", t) and not re.search(r"\b(?:remind|reminder|list|note|buy|remember|size|hearing aids?|"
                                                                     r"smoke alarm|remote|torch|clock|watch|camera|doorbell|spare|aa|aaa|which batteries|"
                                                                     r"what batteries)\b", t):  # "remember my hearing aid batteries are size thirteen"
        return "device.battery", {}
    return None
