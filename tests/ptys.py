"""Two pseudo-terminals relayed back to back, like a USB serial cable between two programs.

The device side (the firmware, ``serial://device_path``) opens one slave path; the host side
(pyserial: the host service or the provisioning tool) opens the other. The bridge holds both
slaves open itself, so either side may close and reopen its end, as over real USB.
"""

from __future__ import annotations

import os
import select
import threading
import tty

WRITE_PATIENCE_S = 1.0  # a side that reads nothing for this long loses what was sent to it


class PtyBridge:
    def __init__(self) -> None:
        self._dev_master, self._dev_slave = os.openpty()
        self._tool_master, self._tool_slave = os.openpty()
        for fd in (self._dev_slave, self._tool_slave, self._dev_master, self._tool_master):
            tty.setraw(fd)
        for fd in (self._dev_master, self._tool_master):
            os.set_blocking(fd, False)
        self.device_path = os.ttyname(self._dev_slave)
        self.tool_path = os.ttyname(self._tool_slave)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._relay, daemon=True)
        self._thread.start()

    def _relay(self) -> None:
        route = {self._dev_master: self._tool_master, self._tool_master: self._dev_master}
        while not self._stop.is_set():
            ready, _, _ = select.select(list(route), [], [], 0.05)
            for fd in ready:
                try:
                    data = os.read(fd, 65536)
                except (BlockingIOError, OSError):
                    continue
                self._write_all(route[fd], memoryview(data))

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
        self._thread.join(timeout=2)
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
