"""One session's recogniser on a thread of its own, borrowed from the pool and given back.

Frames are recognised in order without the voice loop waiting for them: on a busy machine the
recogniser runs behind real time. A new turn drops the frames still queued from the old one
instead of recognising them (they can change nothing any more), so the new turn never waits
behind the old turn's backlog, and the session keeps reading its link meanwhile.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import logging
from typing import Callable, TypeVar

from .asr import Recogniser
from .recogniser_pool import RecogniserPool

log = logging.getLogger(__name__)

T = TypeVar("T")


class RecogniserWorker:
    """Jobs on one session's recogniser, one at a time, in the order they were queued."""

    def __init__(self, pool: RecogniserPool, name: str) -> None:
        self._pool = pool
        self._name = name
        self._executor = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix=name)
        self._recogniser: Recogniser | None = None
        # queued jobs not yet known to be done, oldest first, each with whether a new turn drops it
        self._queued: collections.deque[tuple[concurrent.futures.Future, bool]] = collections.deque()
        self._closed = False
        self._failure_logged = False
        self.dropped_frames = 0  # frames of old turns never recognised
        self._submit(self._borrow, droppable=False)

    def _borrow(self) -> None:
        try:
            self._recogniser = self._pool.acquire()
        except Exception:  # noqa: BLE001 - said once here; the session's frames then go unrecognised
            log.exception("%s: no recogniser for this session", self._name)
            raise

    def _give_back(self) -> None:
        recogniser, self._recogniser = self._recogniser, None
        if recogniser is not None:
            self._pool.release(recogniser)

    def _submit(self, fn: Callable[[], T], droppable: bool) -> concurrent.futures.Future:
        while self._queued and self._queued[0][0].done():
            self._queued.popleft()
        future = self._executor.submit(fn)
        self._queued.append((future, droppable))
        return future

    def accept(self, job: Callable[[Recogniser], object]) -> None:
        """Queue a frame's job (`job(recogniser)`); not awaited, dropped if a new turn starts first."""
        if self._closed:
            return
        future = self._submit(lambda: self._with_recogniser(job), droppable=True)
        future.add_done_callback(self._log_failure)

    def new_turn(self) -> int:
        """Drop the queued frames of the turn before and queue a reset; returns the frames dropped.
        Not awaited: the reset runs before any frame of the new turn, the worker keeps the order."""
        if self._closed:
            return 0
        dropped = sum(1 for future, droppable in self._queued if droppable and future.cancel())
        self.dropped_frames += dropped
        self._submit(lambda: self._with_recogniser(lambda r: r.reset()), droppable=False)
        return dropped

    async def run(self, job: Callable[[Recogniser], T]) -> T:
        """Run `job(recogniser)` after everything queued (e.g. finishing the turn) and await it."""
        if self._closed:
            raise RuntimeError(f"{self._name}: the session has ended")
        return await asyncio.wrap_future(self._submit(lambda: job(self._need_recogniser()),
                                                      droppable=False))

    def _with_recogniser(self, job: Callable[[Recogniser], object]) -> object:
        """Run a frame's or a reset's job; nothing when the session has no recogniser."""
        return job(self._recogniser) if self._recogniser is not None else None

    def _need_recogniser(self) -> Recogniser:
        if self._recogniser is None:
            raise RuntimeError(f"{self._name}: this session has no recogniser (see the log)")
        return self._recogniser

    def close(self) -> None:
        """The session ended: drop every queued job, give the recogniser back to the pool once the
        job running now (if any) is done, and let the thread end."""
        if self._closed:
            return
        self._closed = True
        for future, _ in self._queued:
            future.cancel()
        self._queued.clear()
        self._executor.submit(self._give_back)
        self._executor.shutdown(wait=False)

    def _log_failure(self, future: concurrent.futures.Future) -> None:
        if future.cancelled() or future.exception() is None or self._failure_logged:
            return
        self._failure_logged = True  # once per session: it would fail on every frame
        err = future.exception()
        log.error("%s: the recogniser failed on a frame", self._name,
                  exc_info=(type(err), err, err.__traceback__))
