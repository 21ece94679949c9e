"""The OS's memory: one SQLite file with versioned migrations, safe to call from worker threads.

Every skill keeps its rows here, so that reminders, timers, notes, lists, facts, letters, the
persona's settings and the conversation log survive a restart of the host. One connection is
shared behind a lock: the voice loop calls from worker threads, and SQLite work is short.
"""

from __future__ import annotations

import shlex
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..private_files import private_dir, private_file


class StoreError(RuntimeError):
    """The database file cannot be opened, is damaged, or is from a newer version of the OS.

    The message says what is wrong and what to do, with the exact command where there is one.
    """


# SQLite's own names (sqlite3.Error.sqlite_errorname) for a file that is not a sound database.
_DAMAGED = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_UNUSABLE = ("SQLITE_IOERR", "SQLITE_FULL", "SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")


def _store_error(path: Path, exc: sqlite3.Error) -> StoreError | None:
    """The StoreError for a failure of the file itself; None for anything else (a bug: let it raise)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    path = path.absolute()
    if name.startswith(_DAMAGED) or (type(exc) is sqlite3.DatabaseError and not name):
        aside = path.with_name(path.name + ".damaged")
        return StoreError(
            f"The OS database {path} is damaged ({exc}). Move it aside and start again with an empty memory: "
            f"mv {shlex.quote(str(path))} {shlex.quote(str(aside))} (the moved file keeps the old reminders, "
            "notes and lists for recovery, e.g. with sqlite3's .recover).")
    if name.startswith(_UNUSABLE):
        return StoreError(f"The OS database {path} cannot be used ({exc}). Check that the disk has room and "
                          "that the file and its folder are yours and writable, or pass another folder with --data-dir.")
    return None


# Ordered migration steps; step N brings the schema from version N-1 to N. Never edit a step
# that has shipped: add a new one.
MIGRATIONS: tuple[str, ...] = (
    # 1: the first schema
    """
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE timers (
        id INTEGER PRIMARY KEY, name TEXT, duration_s REAL NOT NULL, ends_at REAL,
        remaining_s REAL, state TEXT NOT NULL, device_id TEXT, created_at REAL NOT NULL);
    CREATE TABLE reminders (
        id INTEGER PRIMARY KEY, text TEXT NOT NULL, due_at REAL NOT NULL, due_iso TEXT NOT NULL,
        repeat TEXT, state TEXT NOT NULL, device_id TEXT, created_at REAL NOT NULL);
    CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL, created_at REAL NOT NULL);
    CREATE TABLE list_items (
        id INTEGER PRIMARY KEY, list_name TEXT NOT NULL, item TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL);
    CREATE TABLE memory (
        id INTEGER PRIMARY KEY, subject TEXT NOT NULL, value TEXT NOT NULL, created_at REAL NOT NULL);
    CREATE TABLE letters (
        id INTEGER PRIMARY KEY, recipient TEXT NOT NULL, body TEXT NOT NULL, state TEXT NOT NULL,
        path TEXT, created_at REAL NOT NULL, updated_at REAL NOT NULL);
    """,
    # 2: the conversation log and the indexes the due-queue polls
    """
    CREATE TABLE conversation_log (
        id INTEGER PRIMARY KEY, at REAL NOT NULL, device_id TEXT, speaker TEXT NOT NULL,
        text TEXT NOT NULL, intent TEXT);
    CREATE INDEX reminders_due ON reminders(state, due_at);
    CREATE INDEX timers_due ON timers(state, ends_at);
    CREATE INDEX list_items_list ON list_items(list_name, done);
    """,
    # 3: alarms, announced like reminders
    """
    CREATE TABLE alarms (
        id INTEGER PRIMARY KEY, at REAL NOT NULL, state TEXT NOT NULL, device_id TEXT, created_at REAL NOT NULL);
    CREATE INDEX alarms_due ON alarms(state, at);
    """,
    # 4: recurring alarms ("every weekday"), and when a ringing alarm last rang (it rings until acknowledged)
    """
    ALTER TABLE alarms ADD COLUMN repeat TEXT;
    ALTER TABLE alarms ADD COLUMN rang_at REAL;
    """,
    # 5: facts as subject / relation / value, with the user's capitals ("Amy" / "birthday" / "June 3rd")
    """
    ALTER TABLE memory ADD COLUMN relation TEXT;
    ALTER TABLE memory ADD COLUMN said_subject TEXT;
    """,
    # 6: heads-ups spoken before calendar events, by event occurrence, so each is spoken once
    """
    CREATE TABLE calendar_headsups (key TEXT PRIMARY KEY, event_start REAL NOT NULL, delivered_at REAL NOT NULL);
    """,
)


class Store:
    """A thread-safe handle on the OS database file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            if str(path) != ":memory:":  # SQLite's in-memory database (benchmarks) has no file to protect
                # Private from the first byte; SQLite gives its journal the database file's mode.
                private_dir(self.path.parent)
                private_file(self.path)
            self._db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None, timeout=10.0)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the OS database {self.path}: {exc}; check that the data folder exists "
                             "and is writable, or pass another with --data-dir.") from exc
        self._db.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        try:
            with self._lock:
                # The default rollback journal keeps the database one file; one shared connection
                # means WAL's concurrent readers would buy nothing.
                self._db.execute("PRAGMA foreign_keys=ON")
                self._check_sound()
                self._migrate()
        except sqlite3.Error as exc:
            self._db.close()
            raise (_store_error(self.path, exc) or exc) from exc
        except StoreError:
            self._db.close()
            raise

    def _check_sound(self) -> None:
        """Find damage at start-up (milliseconds for a memory of this size), not in the middle of a turn."""
        row = self._db.execute("PRAGMA quick_check").fetchone()
        if row is not None and row[0] != "ok":
            raise _store_error(self.path, sqlite3.DatabaseError(f"database disk image is malformed: {row[0]}")) \
                or StoreError(f"The OS database {self.path} failed its check: {row[0]}")

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """A damaged or unusable file surfaces as a StoreError saying what to do; bugs stay themselves."""
        try:
            yield
        except sqlite3.Error as exc:
            error = _store_error(self.path, exc)
            if error is None:
                raise
            raise error from exc

    @property
    def schema_version(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT version FROM schema_version").fetchone()[0])

    def _migrate(self) -> None:
        self._db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = self._db.execute("SELECT version FROM schema_version").fetchone()
        if row is None:
            self._db.execute("INSERT INTO schema_version (version) VALUES (0)")
            version = 0
        else:
            version = int(row[0])
        if version > len(MIGRATIONS):
            raise StoreError(f"the OS database {self.path} is schema version {version}, newer than this program "
                             f"understands ({len(MIGRATIONS)}); upgrade the earpiece package")
        for number in range(version + 1, len(MIGRATIONS) + 1):
            script = MIGRATIONS[number - 1]
            self._db.execute("BEGIN")
            try:
                for statement in script.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute("UPDATE schema_version SET version = ?", (number,))
                self._db.execute("COMMIT")
            except sqlite3.Error:
                self._db.execute("ROLLBACK")
                raise

    def read(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        with self._lock, self._errors():
            return self._db.execute(sql, params).fetchall()

    def write(self, sql: str, params: tuple = ()) -> int:
        """Run one statement in its own transaction; returns the new row id (inserts) or rows changed."""
        with self._lock, self._errors():
            cur = self._db.execute(sql, params)
            return (cur.lastrowid or 0) if sql.lstrip().upper().startswith("INSERT") else cur.rowcount

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Several statements that must land together (or not at all)."""
        with self._lock, self._errors():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        rows = self.read("SELECT value FROM settings WHERE key = ?", (key,))
        return rows[0]["value"] if rows else default

    def set_setting(self, key: str, value: str) -> None:
        self.write("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                   (key, value))

    def close(self) -> None:
        with self._lock:
            self._db.close()
