"""The wearer's voice against the room: levels that tell the end of the voice in café babble.

The in-ear microphone sits centimetres from the wearer's mouth, so the wearer's voice stands well
above the room. Babble is speech to a voice detector, and it never falls to a quiet noise floor,
so "the voice stopped" is judged relative to this turn's own voice instead: the level, smoothed
over about 100 ms, falls more than `drop_db` below the loudest it reached in the turn. Used by the
endpointer (speech/vad.py) and by Whisper's pass at a pause (speech/whisper_engine.py).
"""

from __future__ import annotations

import math

SILENCE_DBFS = -100.0  # level reported for digital silence
_SMOOTHING = 0.2  # per 20 ms frame: the smoothed level follows over about 100 ms
_FLOOR_FALL, _FLOOR_RISE = 0.2, 0.02  # per frame: the noise floor follows quickly down, slowly up


def dbfs(mean_square: float) -> float:
    """Mean square of samples (full scale 1.0) in dB re full scale."""
    return 10.0 * math.log10(mean_square) if mean_square > 1e-10 else SILENCE_DBFS


def follow_floor(floor_dbfs: float, level_dbfs: float) -> float:
    """The background level after one more frame: quickly down, slowly up. On every frame, voice
    or not: babble is speech to Silero, so a floor learnt only from frames it rejects never learns
    the café; the gaps between words pull the floor back down at once."""
    rate = _FLOOR_FALL if level_dbfs < floor_dbfs else _FLOOR_RISE
    return floor_dbfs + rate * (level_dbfs - floor_dbfs)


class VoiceLevel:
    """This turn's voice level: the smoothed level of each frame and the loudest voice so far."""

    def __init__(self, drop_db: float) -> None:
        self.drop_db = drop_db
        self.reset()

    def reset(self) -> None:
        self._smoothed_power = 0.0
        self.smoothed_dbfs = SILENCE_DBFS
        self.peak_dbfs = SILENCE_DBFS

    def push(self, mean_square: float) -> float:
        """One 20 ms frame's mean square; its smoothed level (dBFS)."""
        self._smoothed_power += _SMOOTHING * (mean_square - self._smoothed_power)
        self.smoothed_dbfs = dbfs(self._smoothed_power)
        return self.smoothed_dbfs

    def near_voice(self) -> bool:
        """Is the smoothed level still within `drop_db` of the loudest voice of the turn?"""
        return self.smoothed_dbfs >= self.peak_dbfs - self.drop_db

    def mark_voice(self) -> None:
        """This frame is the wearer's voice: it may raise the turn's voice level."""
        self.peak_dbfs = max(self.peak_dbfs, self.smoothed_dbfs)

    def forget_voice(self) -> None:
        """No voice yet (a click before the turn sets no level)."""
        self.peak_dbfs = SILENCE_DBFS

    def loud_room(self, floor_dbfs: float, loud_room_db: float) -> bool:
        """Does the room's floor stand within `loud_room_db` of the voice (babble, not a quiet room)?"""
        return self.peak_dbfs - floor_dbfs < loud_room_db


class PauseInBabble:
    """Whisper's pause rule for a loud room: its own rule (the level `pause_drop_db` below the
    utterance's loudest) never fires in 10 dB babble, so there the voice has paused once the smoothed
    level falls `drop_db` below the loudest of the turn. In a quiet room it says nothing, and
    Whisper's rule stands alone."""

    def __init__(self, drop_db: float = 10.0, loud_room_db: float = 25.0) -> None:
        self._level = VoiceLevel(drop_db)
        self._loud_room_db = loud_room_db
        self.reset()

    def reset(self) -> None:
        self._level.reset()
        self._floor_dbfs = -70.0

    def paused(self, mean_square: float) -> bool:
        """Take one frame's mean square; True when, in a loud room, the voice has fallen back to it."""
        level = self._level
        level.push(mean_square)
        level.mark_voice()  # no voice detector here: the loudest of the turn is the wearer's voice
        loud_room = level.loud_room(self._floor_dbfs, self._loud_room_db)
        self._floor_dbfs = follow_floor(self._floor_dbfs, dbfs(mean_square))
        return loud_room and not level.near_voice()
