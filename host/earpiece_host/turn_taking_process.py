"""Each session's turn-taker (the Silero endpointer and the end-of-turn rule) in a worker process.

The endpointer runs on every 20 ms frame of every listening earpiece, and Silero holds the GIL
while it computes (2 ms a frame on the loaded test machine, `python -m earpiece_tools.gil_probe`):
eight earpieces in lock-step would hold the host's interpreter for 0.8 s of every second with it
alone, beside the event loop and the downlink writer. Here the `TurnTaker`s live in one worker process (speech/recogniser_process.py's
`WorkerProcess`, a pipe per session), and the session's turn thread sends each frame and waits
with the GIL released. The rule that needs the OS ("is this partial already a complete request?")
is asked back over the same pipe and answered in the host, once per new partial.

`RemoteTurnTaker` offers what the voice loop uses of a `TurnTaker`; the rules themselves stay in
turn_taking.py.
"""

from __future__ import annotations

import multiprocessing
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from .speech.recogniser_process import RecogniserLost, WorkerProcess, serve_calls
from .speech.vad import EndpointConfig, EndpointEvent
from .turn_taking import TurnFacts, TurnTaker, TurnTaking


@dataclass(frozen=True)
class EndpointerState:
    """What the voice loop reads of the endpointer after a frame (a copy, not the endpointer)."""

    stream_ms: int = 0
    speech_started_ms: int | None = None
    last_voiced_ms: int = 0


class TurnTakerProcesses:
    """Makes turn-takers in a worker process; `new(looks_complete)` is thread-safe."""

    def __init__(self, endpoint: EndpointConfig, rules: TurnTaking) -> None:
        self._endpoint, self._rules = endpoint, rules
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._worker: WorkerProcess | None = None
        self._closed = False
        self.started_processes = 0
        with self._lock:
            self._ensure_worker()

    def _ensure_worker(self) -> WorkerProcess:
        if self._worker is None or not self._worker.alive():
            if self._worker is not None:
                self._worker.stop()
            self._worker = WorkerProcess(self._context, _load_endpointer, "turn-taking",
                                         _serve_turn_taker)
            self.started_processes += 1
            self._worker.wait_ready()
        return self._worker

    def new(self, looks_complete: Callable[[str], bool]) -> RemoteTurnTaker:
        with self._lock:
            if self._closed:
                raise RuntimeError("the turn-taking process has been stopped")
            try:
                connection, worker = self._ensure_worker().open()
            except RecogniserLost:  # it died a moment ago
                self._worker.stop()
                self._worker = None
                connection, worker = self._ensure_worker().open()
        return RemoteTurnTaker(connection, worker, self._endpoint, self._rules, looks_complete)

    @property
    def pid(self) -> int | None:
        return self._worker.pid if self._worker is not None else None

    def close(self) -> None:
        with self._lock:
            self._closed = True
            worker, self._worker = self._worker, None
        if worker is not None:
            worker.stop()


class RemoteTurnTaker(TurnFacts):
    """A `TurnTaker` in the worker process; used from one thread at a time (the session's turn
    thread). `voiced`, `stream_ms` and `endpointer` are the state after the last frame."""

    def __init__(self, connection, worker: WorkerProcess, endpoint: EndpointConfig, rules: TurnTaking,
                 looks_complete: Callable[[str], bool]) -> None:
        self._connection = connection
        self._looks_complete = looks_complete
        self.rules = rules
        self.endpointer = EndpointerState()
        self._finalizer = weakref.finalize(self, _close, connection, worker)
        self._made: tuple | None = (endpoint, rules)  # sent with the first call, in the turn thread

    def _call(self, op: str, arg):
        try:
            if self._made is not None:
                self._connection.send(("new", self._made))
                self._made = None
                status, value = self._connection.recv()
                if status == "error":
                    raise RuntimeError(f"turn-taking failed in its process: {value}")
            self._connection.send((op, arg))
            while True:
                status, value = self._connection.recv()
                if status != "ask":
                    break
                try:
                    complete = self._looks_complete(value)
                except Exception:
                    self._connection.send(("answer", False))  # the process must not wait for ever
                    raise
                self._connection.send(("answer", complete))
        except (EOFError, OSError, ValueError) as err:
            raise RecogniserLost("the turn-taking process ended; this turn cannot end by itself "
                                 "(the next session gets a new one)") from err
        if status == "error":
            raise RuntimeError(f"turn-taking failed in its process: {value}")
        return value

    def reset(self) -> None:
        self.endpointer = self._call("reset", None)

    def push(self, pcm: bytes, partial: str, partial_covers_ms: int | None = None) -> EndpointEvent | None:
        event, self.endpointer = self._call("push", (pcm, partial, partial_covers_ms))
        return event

    def complete_request(self, partial: str, partial_covers_ms: int | None = None) -> str:
        return self._call("complete_request", (partial, partial_covers_ms))

    def close(self) -> None:
        self._finalizer()


def _close(connection, worker: WorkerProcess) -> None:
    connection.close()
    worker.closed_one()


# --- in the worker process ------------------------------------------------------------------

def _load_endpointer() -> object:
    """Load Silero once (the model ships in the wheel), so a broken install fails at start."""
    from .speech.vad import Endpointer

    Endpointer()
    return None


def _serve_turn_taker(_: object, connection) -> None:
    def looks_complete(text: str) -> bool:  # asked of the host's OS, over the same pipe
        connection.send(("ask", text))
        _, answer = connection.recv()
        return bool(answer)

    def state() -> EndpointerState:
        e = turn_taker.endpointer
        return EndpointerState(e.stream_ms, e.speech_started_ms, e.last_voiced_ms)

    turn_taker: TurnTaker | None = None

    def call(op: str, arg):
        nonlocal turn_taker
        if op == "new":
            turn_taker = TurnTaker(arg[0], arg[1], looks_complete)
            return None
        if op == "push":
            return turn_taker.push(*arg), state()
        if op == "reset":
            turn_taker.reset()
            return state()
        if op == "complete_request":
            return turn_taker.complete_request(*arg)
        raise ValueError(f"unknown operation {op!r}")

    serve_calls(connection, call, "turn-taking")
