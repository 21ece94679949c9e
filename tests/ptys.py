"""Two pseudo-terminals relayed back to back, like a USB serial cable between two programs.

The device side (the firmware, ``serial://device_path``) opens one slave path; the host side
(pyserial: the host service or the provisioning tool) opens the other. The bridge holds both
slaves open itself, so either side may close and reopen its end, as over real USB.

``PtyBridge(bytes_per_s=11520)`` paces each direction to that many bytes a second, in 64-byte
pieces: what an ESP32 console at 115200 baud carries (the S3's USB console is held to it too,
because MicroPython copies every console write to UART0 at 115200).

``own_process=True`` relays from a process of its own: a test that runs the host's speech engines
in its own process (their threads hold the interpreter lock for long stretches) would otherwise
starve the relay, and the line would carry less than it should.
"""

from __future__ import annotations

import multiprocessing
import os
import select
import threading
import time
import tty

WRITE_PATIENCE_S = 2.0  # a side that reads nothing for this long loses what was sent to it


PACED_PIECE_BYTES = 64


class PtyBridge:
    def __init__(self, bytes_per_s: int | None = None, own_process: bool = False) -> None:
        self._dev_master, self._dev_slave = os.openpty()
        self._tool_master, self._tool_slave = os.openpty()
        for fd in (self._dev_slave, self._tool_slave, self._dev_master, self._tool_master):
            tty.setraw(fd)
        for fd in (self._dev_master, self._tool_master):
            os.set_blocking(fd, False)
        self.device_path = os.ttyname(self._dev_slave)
        self.tool_path = os.ttyname(self._tool_slave)
        self.bytes_per_s = bytes_per_s
        self._process = None
        if own_process:
            ctx = multiprocessing.get_context("fork")
            self._stop = ctx.Event()
            self._counts = {"to_tool": ctx.Value("q", 0), "to_device": ctx.Value("q", 0)}
            self._process = ctx.Process(target=self._child, daemon=True)
            self._process.start()
            return
        self._stop = threading.Event()
        self._counts = None
        self._relayed = {"to_tool": 0, "to_device": 0}
        self._start_threads()

    @property
    def relayed(self) -> dict[str, int]:
        """Bytes relayed each way so far."""
        if self._counts is not None:
            return {k: v.value for k, v in self._counts.items()}
        return dict(self._relayed)

    def _child(self) -> None:
        self._start_threads()
        self._stop.wait()
        for t in self._threads:
            t.join(timeout=2)

    def _count(self, direction: str, n: int) -> None:
        if self._counts is not None:
            with self._counts[direction].get_lock():
                self._counts[direction].value += n
        else:
            self._relayed[direction] += n

    def _start_threads(self) -> None:
        relay = self._relay if self.bytes_per_s is None else self._paced
        # One thread per direction: a side that is blocked writing must never hold up what the
        # other side is sending it (one relay loop for both ways could wait on a full device while
        # the device waited on it, then drop bytes after WRITE_PATIENCE_S).
        self._threads = [
            threading.Thread(target=relay, args=(self._dev_master, self._tool_master, "to_tool"),
                             daemon=True),
            threading.Thread(target=relay, args=(self._tool_master, self._dev_master, "to_device"),
                             daemon=True)]
        for t in self._threads:
            t.start()

    def _relay(self, src: int, dst: int, direction: str) -> None:
        """One direction as fast as the other side reads."""
        while not self._stop.is_set():
            ready, _, _ = select.select([src], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(src, 65536)
            except (BlockingIOError, OSError):
                continue
            self._write_all(dst, memoryview(data))
            self._count(direction, len(data))

    def _paced(self, src: int, dst: int, direction: str) -> None:
        """One direction at bytes_per_s: each piece leaves no earlier than the line allows."""
        rate = float(self.bytes_per_s or 1)
        next_t = time.monotonic()
        pending = b""
        while not self._stop.is_set():
            if not pending:
                ready, _, _ = select.select([src], [], [], 0.05)
                if not ready:
                    continue
                try:
                    pending = os.read(src, 4096)
                except (BlockingIOError, OSError):
                    continue
                if next_t < time.monotonic():
                    next_t = time.monotonic()  # an idle line does not save up credit
            piece, pending = pending[:PACED_PIECE_BYTES], pending[PACED_PIECE_BYTES:]
            next_t += len(piece) / rate  # a late wake-up is made up by the next pieces
            delay = next_t - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            self._write_all(dst, memoryview(piece))
            self._count(direction, len(piece))

    def _write_all(self, fd: int, view: memoryview) -> None:
        """Everything, in order (the link tests compare bytes), unless the reader is gone."""
        while view and not self._stop.is_set():
            try:
                view = view[os.write(fd, view):]
            except BlockingIOError:
                _, writable, _ = select.select([], [fd], [], WRITE_PATIENCE_S)
                if not writable:
                    return  # nobody reading that end: bytes on a dead line are lost
            except OSError:
                return

    def close(self) -> None:
        self._stop.set()
        if self._process is not None:
            self._process.join(timeout=5)
            if self._process.is_alive():
                self._process.kill()
        else:
            for t in self._threads:
                t.join(timeout=2)
        for fd in (self._dev_master, self._dev_slave, self._tool_master, self._tool_slave):
            os.close(fd)


class PtyProcess:
    """A program run on a pseudo-terminal, as in a terminal window: what it prints is read back
    through `read_until`, what the user types is `type`d."""

    def __init__(self, argv: list[str], **popen_kw) -> None:
        import subprocess

        self._master, slave = os.openpty()
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, close_fds=True,
                                        start_new_session=True, **popen_kw)
        os.close(slave)
        self.output = ""

    def type(self, text: str) -> None:
        os.write(self._master, text.encode())

    def read_until(self, wanted: str, timeout_s: float) -> str:
        """Everything printed so far once `wanted` is in it; AssertionError with the output if it never comes."""
        import time

        deadline = time.monotonic() + timeout_s
        while wanted not in self.output:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{wanted!r} did not appear within {timeout_s} s; the terminal shows:\n{self.output}")
            ready, _, _ = select.select([self._master], [], [], min(left, 0.2))
            if ready:
                try:
                    chunk = os.read(self._master, 4096)
                except OSError:  # the program ended and closed its side
                    chunk = b""
                if not chunk and self.process.poll() is not None:
                    raise AssertionError(f"the program ended (code {self.process.returncode}) before {wanted!r}:\n{self.output}")
                self.output += chunk.decode("utf-8", errors="replace").replace("\r\n", "\n")
        return self.output

    def close(self, timeout_s: float = 10.0) -> int:
        if self.process.poll() is None:
            self.process.terminate()
        code = self.process.wait(timeout=timeout_s)
        os.close(self._master)
        return code
