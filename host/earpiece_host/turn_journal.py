"""`earpiece serve --turns FILE`: what was heard and answered, kept only where the user asks.

The host's log never holds the user's words (they are personal: what was said, notes, replies);
this journal does, one JSON object per line, in a file only the user can read (mode 0600):

    {"at": "2026-03-02T09:00:05+01:00", "device": "ear-1", "heard": "what time is it",
     "intent": "time.now", "reply": "It's 9 AM.", "latency_ms": 112}

latency_ms is the host's share: from the end of speech being decided to the first reply frame
sent (null when nothing was spoken). Turns that were not addressed to the OS (hands-free audio
without the wake phrase) are not written.
"""

from __future__ import annotations

import json
import threading
from datetime import datetime
from pathlib import Path

from .private_files import open_private


class TurnJournal:
    """Appends one JSON line per answered turn; fit for `VoiceServices.on_turn`."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._file = open_private(self.path, "a")  # fails now, at start-up, if the file cannot be written

    def __call__(self, turn) -> None:
        if getattr(turn, "ignored", False):
            return
        latency = turn.host_processing_ms
        line = json.dumps({
            "at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "device": turn.device_id,
            "heard": turn.heard,
            "intent": turn.intent,
            "reply": turn.reply,
            "latency_ms": None if latency is None else round(latency),
        }, ensure_ascii=False)
        with self._lock:
            self._file.write(line + "\n")
            self._file.flush()

    def close(self) -> None:
        with self._lock:
            self._file.close()
