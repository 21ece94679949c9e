"""An alarm ringing on one earpiece: its louder chime, the listening window after each ring, and
what a tap means while it rings.

The OS decides when an alarm rings and rings again: `due_announcements()` offers a ringing alarm
again `repeat_every_s` after its last ring was played, until it is acknowledged. The voice loop asks
this module three things: which chime goes before an announcement, whether a tap now acknowledges
an alarm instead of starting a turn, and whether to open a listening window after a ring (so that
"stop", "I'm up" or "snooze for 5 minutes" need neither the button nor the wake phrase).
"""

from __future__ import annotations

import functools
import math

import numpy as np

from .audio import SAMPLE_RATE_HZ, float_to_pcm
from .dialogue.types import Announcement

# The alarm chime's peak, as a fraction of full scale: -6 dBFS, twice the soft chime's 0.25
# (-12 dBFS). Piper's speech peaks near full scale, so the alarm is about as loud as the loudest
# syllables of a reply and never clips; the earpiece's volume setting scales it like speech, and
# the amplifier's gain (3 dB for an in-ear driver, hardware/assembly.md) sets the ceiling at the ear.
ALARM_PEAK = 0.5
ALARM_BEEP_HZ = (1568.0, 2093.0)  # G6 then C7: higher and brighter than the soft chime's A5-E6
ALARM_BEEP_MS = 120
ALARM_GAP_MS = 70
ALARM_BEEPS = 3

# Turns whose intent ends the ringing on this earpiece: the OS has stopped, snoozed or cancelled it.
ENDS_RINGING = ("alarm.stop", "alarm.snooze", "alarm.cancel")


@functools.lru_cache(maxsize=2)
def alarm_chime(peak: float = ALARM_PEAK) -> bytes:
    """Three bright beeps with square-ish edges (odd harmonics), so that it wakes and is never
    mistaken for the soft two-tone chime before a reminder."""
    beep_n = SAMPLE_RATE_HZ * ALARM_BEEP_MS // 1000
    gap = np.zeros(SAMPLE_RATE_HZ * ALARM_GAP_MS // 1000)
    t = np.arange(beep_n) / SAMPLE_RATE_HZ
    ramp_n = SAMPLE_RATE_HZ * 5 // 1000  # 5 ms edges: no click
    envelope = np.ones(beep_n)
    envelope[:ramp_n] = np.linspace(0.0, 1.0, ramp_n)
    envelope[-ramp_n:] = np.linspace(1.0, 0.0, ramp_n)
    parts = []
    for i in range(ALARM_BEEPS):
        freq = ALARM_BEEP_HZ[0] if i < ALARM_BEEPS - 1 else ALARM_BEEP_HZ[1]
        wave = np.sin(2 * math.pi * freq * t) + np.sin(2 * math.pi * 3 * freq * t) / 3
        wave *= peak / np.max(np.abs(wave))
        parts += [wave * envelope, gap]
    parts.append(np.zeros(SAMPLE_RATE_HZ * 150 // 1000))  # a breath before the words
    return float_to_pcm(np.concatenate(parts))


def is_alarm(announcement: Announcement) -> bool:
    return announcement.kind == "alarm" and announcement.repeat_until_acknowledged


class AlarmRinging:
    """Which alarm, if any, is ringing on this earpiece (as far as this earpiece knows).

    It starts ringing when its announcement starts to play, and stops when a tap acknowledged it or
    a turn stopped, snoozed or cancelled it. Another earpiece acknowledging the same alarm is not
    seen here; a tap then gets the OS's own answer ("No alarm is ringing.").
    """

    def __init__(self) -> None:
        self.ringing_id: str | None = None
        self.rings = 0  # how many times an alarm started to play on this earpiece
        self.acknowledged_by_tap = 0

    @property
    def ringing(self) -> bool:
        return self.ringing_id is not None

    def prefix(self, announcement: Announcement, soft_chime: bytes) -> bytes:
        """The chime before an announcement; an alarm's starts it ringing here."""
        if not is_alarm(announcement):
            return soft_chime
        self.ringing_id = announcement.id
        self.rings += 1
        return alarm_chime()

    def wants_window(self, announcement: Announcement) -> bool:
        """After a ring was played: open a listening window for "stop" or "snooze"?"""
        return is_alarm(announcement) and self.ringing_id == announcement.id

    def tap_acknowledges(self) -> bool:
        """A tap now acknowledges the ringing alarm (and ends its ringing here)."""
        if self.ringing_id is None:
            return False
        self.ringing_id = None
        self.acknowledged_by_tap += 1
        return True

    def after_turn(self, intent: str) -> None:
        if intent in ENDS_RINGING:
            self.ringing_id = None
