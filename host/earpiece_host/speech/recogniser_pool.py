"""Recognisers lent to device sessions and given back, reset, when a session ends.

A recogniser holds its engine's decoder: a pocketsphinx decoder is about 90 MB and takes 0.3 s
(seconds on a busy machine) to build. A session that built one and dropped it at its end left
the memory to the garbage collector (the session's handler sits in reference cycles that only a
full collection breaks), and what the allocator gets back is not all returned to the system: the
host grew by a decoder per reconnect. Lending from a small pool builds a decoder only when more
sessions run at once than ever before, and a reconnecting earpiece gets its old one back.
"""

from __future__ import annotations

import logging
import threading

from .asr import Recogniser, RecogniserFactory

log = logging.getLogger(__name__)

DEFAULT_IDLE_RECOGNISERS = 8
"""Recognisers kept for the next sessions (a household's earpieces at once); more are dropped
(freed) when their session ends. The pool never holds more than were ever lent at once."""


class RecogniserPool:
    """Lends recognisers from a factory and takes them back; thread-safe.

    At most `max_idle` given-back recognisers wait for the next session; `max_idle=0` frees each
    one as its session ends."""

    def __init__(self, factory: RecogniserFactory, max_idle: int = DEFAULT_IDLE_RECOGNISERS) -> None:
        if max_idle < 0:
            raise ValueError("max_idle must be 0 or more")
        self.factory = factory
        self.max_idle = max_idle
        self._idle: list[Recogniser] = []
        self._lock = threading.Lock()
        self.created = 0  # built by the factory
        self.reused = 0  # lent again after a session gave it back
        self.dropped = 0  # given back when the pool was full (or failing its reset): freed
        self.lent = 0  # with a session right now

    @property
    def engine(self) -> str:
        return self.factory.engine

    @property
    def description(self) -> str:
        return self.factory.description

    @property
    def idle(self) -> int:
        with self._lock:
            return len(self._idle)

    def acquire(self) -> Recogniser:
        """A recogniser ready for a new utterance (an idle one, else a new one: slow)."""
        with self._lock:
            recogniser = self._idle.pop() if self._idle else None
            self.lent += 1
            if recogniser is not None:
                self.reused += 1
        if recogniser is None:
            try:
                recogniser = self.factory.create()
            except BaseException:
                with self._lock:
                    self.lent -= 1
                raise
            with self._lock:
                self.created += 1
        return recogniser

    def release(self, recogniser: Recogniser) -> None:
        """Take a recogniser back from a session that no longer uses it (call from the thread that
        used it last). It is reset, so that the next session hears nothing of this one."""
        try:
            recogniser.reset()
            reusable = True
        except Exception:  # noqa: BLE001 - an engine in a bad state is not lent again
            log.exception("a %s recogniser failed to reset; it is dropped", self.factory.engine)
            reusable = False
        with self._lock:
            self.lent -= 1
            if reusable and len(self._idle) < self.max_idle:
                self._idle.append(recogniser)
                return
            self.dropped += 1
        # the last reference goes with this frame: the engine's decoder is freed now, not at the
        # next full garbage collection

    def clear(self) -> None:
        """Drop every idle recogniser (the host is stopping)."""
        with self._lock:
            self.dropped += len(self._idle)
            self._idle.clear()
