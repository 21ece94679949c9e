"""Recognisers in processes of their own, for engines that hold the GIL while they decode.

pocketsphinx decodes without releasing Python's GIL (about 5-10 ms of every 20 ms frame per
decoder on the test machine, two decoders per session with the grammar). In the host's process
that stalls everything else: the event loop, the endpointers and the downlink writer all wait
behind a decode, and on a loaded machine a decoding thread that the OS has descheduled keeps the
GIL while it waits for a core. Here the recognisers live in a small pool of worker processes (one
per core by default), each with its own interpreter and GIL. Every recogniser lent to a session
has its own pipe (a socket pair) to the process that holds it; the session's recogniser thread
sends a frame and waits for the partial with the GIL released.

`RecogniserProcesses` is a `RecogniserFactory`: the pool (recogniser_pool.py) and the session's
worker (recogniser_worker.py) use it as they use an in-process engine. A worker process is
started with `spawn` (the host has threads; forking it is unsafe) and loads the engine from a
recipe, a picklable function that returns a factory (e.g. `functools.partial(
load_recogniser_factory, "pocketsphinx", ...)`), so the model loads as it would in the host.
If a worker process dies, the recognisers it held fail with `RecogniserLost`; the next session
gets a recogniser from a new process. As with any `spawn`, the program's main module is imported
again in each worker: a script that starts the host keeps its work under
`if __name__ == "__main__":` (the `earpiece` command does).
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import threading
import weakref
from collections.abc import Callable
from multiprocessing.reduction import recv_handle, send_handle

from .asr import ModelUnavailableError, Recogniser, RecogniserFactory, Transcript

log = logging.getLogger(__name__)

DEFAULT_PROCESSES = 2
"""Worker processes: one per core of a small laptop; more add no CPU, only memory."""

_START_TIMEOUT_S = 120.0  # loading a model on a loaded machine takes seconds


class RecogniserLost(RuntimeError):
    """The process holding this recogniser ended; what it had heard of the turn is lost."""


class RecogniserProcesses:
    """A factory whose recognisers run in worker processes; thread-safe."""

    def __init__(self, recipe: Callable[[], RecogniserFactory], engine: str, description: str | None = None,
                 processes: int = DEFAULT_PROCESSES) -> None:
        """`description`: None takes the one the model loaded in the first worker process gives."""
        if processes < 1:
            raise ValueError("processes must be at least 1")
        self.engine = engine
        self.description = description or ""
        self.has_second_pass = False
        self._recipe = recipe
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._workers: list[WorkerProcess | None] = [None] * processes
        self._closed = False
        self.started_processes = 0
        try:
            # start all at once (each loads the model: seconds), then wait for every one
            starting = [self._start(i) for i in range(processes)]
            loaded = [worker.wait_ready() for worker in starting]
        except BaseException:
            self.close()
            raise
        loaded_description, self.has_second_pass = loaded[0]  # second_pass.SecondOpinionFactory
        self.description = (f"{description or loaded_description}; in {processes} recogniser "
                            f"process{'es' if processes > 1 else ''}")

    def _start(self, index: int) -> WorkerProcess:
        worker = WorkerProcess(self._context, self._recipe, f"recogniser-{index}", _serve_recogniser,
                               _loaded)
        self._workers[index] = worker
        self.started_processes += 1
        return worker

    def create(self) -> Recogniser:
        """A recogniser in the worker process with the fewest recognisers open (a dead one is
        started again first)."""
        with self._lock:
            if self._closed:
                raise RuntimeError("the recogniser processes have been stopped")
            for i, worker in enumerate(self._workers):
                if worker is None or not worker.alive():
                    self._replace(i)
            i, worker = min(enumerate(self._workers), key=lambda iw: iw[1].open_pipes)
            try:
                return RemoteRecogniser(*worker.open())
            except RecogniserLost:  # it died a moment ago (not yet reaped when we asked)
                return RemoteRecogniser(*self._replace(i).open())

    def _replace(self, index: int) -> WorkerProcess:
        old = self._workers[index]
        if old is not None:
            old.stop()
            log.error("recogniser process %d ended (exit code %s); starting a new one",
                      index, old.exitcode())
        worker = self._start(index)
        worker.wait_ready()
        return worker

    @property
    def pids(self) -> list[int]:
        return [w.pid for w in self._workers if w is not None]

    def close(self) -> None:
        """Stop the worker processes (the host is stopping); open recognisers fail from now on."""
        with self._lock:
            self._closed = True
            workers, self._workers = self._workers, [None] * len(self._workers)
        for worker in workers:
            if worker is not None:
                worker.stop()


class WorkerProcess:
    """One worker process, its control pipe, and how many pipes to it are open.

    The process loads what `recipe()` returns, says so (with `describe(loaded)`), then serves each
    pipe opened to it with `serve_one(loaded, connection)` on a thread of its own (all picklable:
    module-level)."""

    def __init__(self, context, recipe: Callable[[], object], name: str,
                 serve_one: Callable[[object, multiprocessing.connection.Connection], None],
                 describe: Callable[[object], object] | None = None) -> None:
        self._control, child_end = context.Pipe(duplex=True)  # a Unix socket pair: it passes fds
        self._process = context.Process(target=_serve, args=(recipe, child_end, serve_one, describe),
                                         name=name, daemon=True)
        self._process.start()
        child_end.close()
        self._lock = threading.Lock()
        self.open_pipes = 0

    @property
    def pid(self) -> int:
        return self._process.pid

    def alive(self) -> bool:
        return self._process.is_alive()

    def exitcode(self) -> int | None:
        return self._process.exitcode

    def wait_ready(self):
        """What the process says of what it loaded (`describe`), once it has; raises ModelUnavailableError
        when it could not load it (a ModelUnavailableError there keeps its own words here)."""
        if not self._control.poll(_START_TIMEOUT_S):
            self.stop()
            raise ModelUnavailableError(f"the {self._process.name} process did not load its model within "
                                        f"{_START_TIMEOUT_S:.0f} s; is the machine overloaded?")
        try:
            status, detail = self._control.recv()
        except (EOFError, OSError):
            status, detail = "error", f"it ended with exit code {self._process.exitcode}"
        if status == "unavailable":
            self.stop()
            raise ModelUnavailableError(detail)  # what to do, as the host would have said it
        if status != "ready":
            self.stop()
            raise ModelUnavailableError(f"the {self._process.name.split('-')[0]} process could not load "
                                        f"its model: {detail}")
        return detail

    def open(self) -> tuple[multiprocessing.connection.Connection, WorkerProcess]:
        """A new pipe to this process, served by a thread of its own there."""
        ours, theirs = socket.socketpair()
        try:
            with self._lock:
                self._control.send("open")
                send_handle(self._control, theirs.fileno(), self._process.pid)
        except (OSError, EOFError) as err:
            ours.close()
            raise RecogniserLost(f"the recogniser process is gone ({err})") from err
        finally:
            theirs.close()
        connection = multiprocessing.connection.Connection(ours.detach())
        self.open_pipes += 1
        return connection, self

    def closed_one(self) -> None:
        self.open_pipes -= 1

    def stop(self) -> None:
        try:
            with self._lock:
                self._control.send("stop")
        except (OSError, EOFError, ValueError):
            pass
        self._process.join(2.0)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(2.0)
        self._control.close()


class RemoteRecogniser:
    """A `Recogniser` whose engine runs in a worker process; one thread at a time, like any."""

    def __init__(self, connection: multiprocessing.connection.Connection, worker: WorkerProcess) -> None:
        self._connection = connection
        self.partial_current = True
        self.engine, self.partial_current = self._call("hello", None)
        self._finalizer = weakref.finalize(self, _close_connection, connection, worker)

    def _call(self, op: str, arg):  # one round trip to the worker process
        try:
            self._connection.send((op, arg))
            status, value = self._connection.recv()
        except (EOFError, OSError, ValueError) as err:
            raise RecogniserLost("the recogniser's process ended; this turn's words are lost "
                                 "(the next turn gets a new recogniser)") from err
        if status == "error":
            raise RuntimeError(f"the recogniser failed in its process: {value}")
        return value

    def accept(self, pcm: bytes) -> Transcript | None:
        partial, self.partial_current = self._call("accept", pcm)
        return partial

    def finish(self) -> Transcript:
        transcript, self.partial_current = self._call("finish", None)
        return transcript

    def reset(self) -> None:
        self.partial_current = self._call("reset", None)

    def second_opinion(self) -> Transcript | None:
        """The engine's second hearing of the last finished turn (Whisper: second_pass.py), or None;
        a round trip, asked only when the factory `has_second_pass`."""
        return self._call("second_opinion", None)

    def close(self) -> None:
        self._finalizer()


def _close_connection(connection: multiprocessing.connection.Connection, worker: WorkerProcess) -> None:
    """The proxy was dropped: its process frees what it held when it sees the pipe close."""
    connection.close()
    worker.closed_one()


# --- in the worker process ------------------------------------------------------------------

def _serve(recipe: Callable[[], object], control, serve_one,
           describe: Callable[[object], object] | None = None) -> None:
    """A worker process: load the engine, then serve each pipe on a thread of its own until the
    host says stop or goes away."""
    # Ctrl-C reaches the whole process group: the host stops its workers itself (or they end
    # with it, as daemons), so a worker does not print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        factory = recipe()
    except ModelUnavailableError as err:  # its message already says what to do
        control.send(("unavailable", str(err)))
        return
    except Exception as err:  # noqa: BLE001 - said to the host, which refuses to start with it
        control.send(("error", f"{type(err).__name__}: {err}"))
        return
    control.send(("ready", describe(factory) if describe is not None else ""))
    while True:
        try:
            message = control.recv()
        except (EOFError, OSError):
            break  # the host has gone
        if message != "open":
            break
        fd = recv_handle(control)
        connection = multiprocessing.connection.Connection(fd)
        threading.Thread(target=serve_one, args=(factory, connection), daemon=True).start()
    os._exit(0)  # the recognisers' threads end with the process; their engines need no goodbye


def serve_calls(connection, call: Callable[[str, object], object], whose: str) -> None:
    """Answer the host's calls on one pipe until it drops it: each `(op, arg)` gets `("ok",
    call(op, arg))`, or `("error", text)` when it raised (reported to the host's `whose` thread)."""
    try:
        while True:
            try:
                op, arg = connection.recv()
            except (EOFError, OSError):
                return  # the host dropped this pipe
            try:
                reply = call(op, arg)
            except Exception as err:  # noqa: BLE001 - reported to the host's thread
                log.debug("%s call %r failed: %s", whose, op, err)
                connection.send(("error", f"{type(err).__name__}: {err}"))
                continue
            connection.send(("ok", reply))
    finally:
        connection.close()


def _loaded(factory: RecogniserFactory) -> tuple[str, bool]:
    """What the host is told of the engine a worker process loaded: its description, and whether
    its recognisers hear a turn again when asked (`RemoteRecogniser.second_opinion`)."""
    from .second_pass import SecondOpinionFactory

    return factory.description, isinstance(factory, SecondOpinionFactory) and factory.has_second_pass


def _serve_recogniser(factory: RecogniserFactory, connection) -> None:
    recogniser: Recogniser | None = None

    def call(op: str, arg):
        nonlocal recogniser
        if recogniser is None:
            recogniser = factory.create()
        if op == "accept":
            return recogniser.accept(arg), recogniser.partial_current
        if op == "finish":
            return recogniser.finish(), recogniser.partial_current
        if op == "reset":
            recogniser.reset()
            return recogniser.partial_current
        if op == "second_opinion":  # asked only of a factory that has_second_pass
            return recogniser.second_opinion()
        if op == "hello":
            return recogniser.engine, recogniser.partial_current
        raise ValueError(f"unknown operation {op!r}")

    serve_calls(connection, call, "recogniser")


ISOLATED_ENGINES = {"pocketsphinx": DEFAULT_PROCESSES, "whisper": 1}
"""Engines run in worker processes, with at most this many processes (`python -m
earpiece_tools.gil_probe` measures it): pocketsphinx holds the GIL through every frame's decode (a
thread waking every millisecond beside it waited 11 ms at the median, against 0.08 ms beside
Piper's onnxruntime); faster-whisper lets go of it while CTranslate2 computes but stalled that
thread for up to 140-210 ms per utterance, and its one process decodes on every core already
(CTranslate2's threads). Two Whisper processes, each decoding one pass at a time on 2 threads, did
four passes at once no sooner (p50 743, 842, 673 ms against 821, 687, 651 for the one process, at
load 3-10: `python -m earpiece_tools.whisper_concurrency`) with 150 MB more memory; on one
thread each, later (1157, 990 ms)."""


def worker_processes(engine: str, processes: int = DEFAULT_PROCESSES) -> int:
    """How many worker processes an engine in `ISOLATED_ENGINES` (choose.runs_in_worker_processes)
    runs in when the host allows `processes`."""
    return min(processes, ISOLATED_ENGINES[engine])
