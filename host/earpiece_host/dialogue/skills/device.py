"""The earpiece itself: battery level and volume (returned as an action for the voice loop)."""

from __future__ import annotations

from ..types import SetVolume, SkillReply
from .base import Turn


class DeviceSkill:
    intents = ("device.battery", "device.volume")

    def __init__(self, *, volume_step_pct: int, default_volume_pct: int) -> None:
        self._step = volume_step_pct
        self._default = default_volume_pct

    def handle(self, intent: str, slots: dict, turn: Turn) -> SkillReply:
        d = turn.device
        if intent == "device.battery":
            if d.battery_pct is None:
                if d.battery_mv is None:
                    return SkillReply("I can't read the earpiece's battery right now. Is it connected?")
                return SkillReply(f"The earpiece battery reads {d.battery_mv / 1000:.2f} volts.")
            pct = d.battery_pct
            advice = " It's getting low; charge it soon." if pct <= 20 else (" Plenty left." if pct >= 70 else "")
            return SkillReply(f"Your earpiece battery is at {pct} percent.{advice}")
        current = d.volume_pct if d.volume_pct is not None else self._default
        if "level_pct" in slots:
            level = int(slots["level_pct"])
        elif slots.get("direction") == "up":
            level = current + self._step
        elif slots.get("direction") == "down":
            level = current - self._step
        else:
            return SkillReply(f"The volume is at {current} percent." if d.volume_pct is not None
                              else "I don't know the earpiece's volume right now. Say louder or quieter.")
        level = max(0, min(100, level))
        if level == current and slots.get("direction"):
            return SkillReply("That's already as loud as I go." if level == 100 else "That's already as quiet as I go.",
                              actions=(SetVolume(level),))
        text = "Muted." if level == 0 else turn.say.choice((f"Volume {level} percent.", f"Okay, volume at {level} percent.",
                                                             f"Is this better? Volume {level} percent."))
        return SkillReply(text, actions=(SetVolume(level),))
