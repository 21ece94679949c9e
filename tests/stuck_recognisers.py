"""A stand-in recogniser engine for the worker-process tests: it hangs, holding the GIL, on voice.

In a module of its own (not a test module) so that a worker process imports only this."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

from earpiece_host.speech.asr import Transcript


class StuckOnVoice:
    """A recogniser that counts silent frames, and on a voiced one says so (a file appears) and
    then holds the GIL for ever."""

    engine = "stuck-on-voice"
    partial_current = True

    def __init__(self, flag: Path | None) -> None:
        self._flag = flag
        self.frames = 0

    def accept(self, pcm: bytes) -> Transcript | None:
        if any(pcm) and self._flag is not None:
            self._flag.write_text(str(os.getpid()))
            sum(itertools.repeat(1))  # never returns, never releases the GIL
        self.frames += 1
        return Transcript(f"{self.frames} frames {os.getpid()}", is_final=False)

    def finish(self) -> Transcript:
        return Transcript(f"{self.frames} frames {os.getpid()}", is_final=True)

    def reset(self) -> None:
        self.frames = 0


class StuckOnVoiceFactory:
    engine = "stuck-on-voice"
    description = "a stand-in that hangs on voice"

    def __init__(self, flag: Path | None) -> None:
        self._flag = flag

    def create(self) -> StuckOnVoice:
        return StuckOnVoice(self._flag)
