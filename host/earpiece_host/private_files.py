"""Files only the user may read: the OS's data folder (0700) and what it holds (0600).

The data folder keeps the user's reminders, notes, letters, conversation log and pairing keys.
Everything here creates files with the private mode from the first byte (never "write, then
chmod"), and tightens an existing folder or file that other users could read, saying so in the log.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

DIR_MODE = 0o700
FILE_MODE = 0o600


def _tighten(path: Path, mode: int, what: str) -> None:
    current = stat.S_IMODE(path.stat().st_mode)
    if current & 0o077:
        try:
            os.chmod(path, mode)
        except OSError as exc:
            log.warning("%s %s can be read by other users (mode %03o) and could not be made private: %s; "
                        "run: chmod %03o %s", what, path, current, exc.strerror or exc, mode, path)
            return
        log.warning("%s %s could be read by other users (mode %03o); made it private (%03o)",
                    what, path, current, mode)


def _shared(path: Path) -> bool:
    """A folder that is not ours alone to lock down: someone else's, sticky (/tmp), home, or a root."""
    info = path.stat()
    resolved = path.resolve()
    return (info.st_uid != os.geteuid() or bool(info.st_mode & stat.S_ISVTX)
            or resolved == Path.home().resolve() or resolved == Path(resolved.anchor))


def private_dir(path: Path) -> Path:
    """Create the folder (mode 0700) or tighten an existing one; returns it.

    A folder that other people or programs share (see _shared) is never changed: the log says to
    use a folder of its own instead.
    """
    path = Path(path)
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if _shared(path):
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            log.warning("the folder %s is shared and readable by other users; keep the OS's data in a "
                        "folder of its own (--data-dir)", path)
        return path
    _tighten(path, DIR_MODE, "the folder")
    return path


def private_file(path: Path) -> Path:
    """Create an empty file with mode 0600 if there is none, or tighten the existing one."""
    path = Path(path)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        _tighten(path, FILE_MODE, "the file")
        return path
    os.fchmod(descriptor, FILE_MODE)  # whatever the umask
    os.close(descriptor)
    return path


def open_private(path: Path, mode: str = "a", encoding: str | None = "utf-8"):
    """open() for a private file: created 0600, an existing one tightened first. mode: 'a', 'w' or 'x'."""
    path = Path(path)
    flags = {"a": os.O_WRONLY | os.O_CREAT | os.O_APPEND, "w": os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
             "x": os.O_WRONLY | os.O_CREAT | os.O_EXCL}[mode.replace("b", "")]
    if path.exists() and "x" not in mode:
        _tighten(path, FILE_MODE, "the file")
    descriptor = os.open(path, flags, FILE_MODE)
    try:
        os.fchmod(descriptor, FILE_MODE)  # whatever the umask
    except OSError:
        os.close(descriptor)
        raise
    if "b" in mode:
        return open(descriptor, mode)
    return open(descriptor, mode, encoding=encoding)


def write_private(path: Path, data: bytes | str) -> None:
    """Write a whole file that only the user may read."""
    binary = isinstance(data, bytes)
    with open_private(path, "wb" if binary else "w") as handle:
        handle.write(data)
