"""Configuration of the dialogue engine, as one frozen value built at the entry point."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def default_data_dir() -> Path:
    """The user's data folder for the OS ($EARPIECE_DATA_DIR, else the XDG data home)."""
    env = os.environ.get("EARPIECE_DATA_DIR")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "earpiece"


@dataclass(frozen=True)
class DialogueConfig:
    """Where the OS keeps its memory and how it behaves.

    db_path: the one SQLite file (default <data_dir>/os.sqlite3).
    letters_dir: where finished letters are saved (default <data_dir>/letters).
    seed: fixes the choice among varied replies (tests); None picks freely.
    late_after_s: a reminder announced later than this after it fell due says "while you were away".
    persona_name, user_name: the names from the settings file; a rename in conversation also changes
    them, and whichever changed last wins.
    smtp_url: where replies and new mail are sent (smtps://host:465, or smtp://host:587 with
    STARTTLS); smtp_username / smtp_password log in (the IMAP ones when unset); mail_from is the
    sender's address (the SMTP user name when that is an address). Without smtp_url nothing is
    sent: the mail is kept as a draft.
    """

    data_dir: Path
    db_path: Path | None = None
    letters_dir: Path | None = None
    persona_name: str = "Samantha"
    user_name: str | None = None
    seed: int | None = None
    morning_briefing: bool = True
    late_after_s: float = 120.0
    volume_step_pct: int = 15
    default_volume_pct: int = 60
    calendar_ics: Path | None = None
    # The user's calendar (.ics file or CalDAV) may be written. When False, added events go to the
    # OS's own calendar, <data_dir>/own-calendar.ics, which is read together with the user's.
    calendar_writable: bool = False
    headsup_default_min: int = 10  # spoken heads-up before calendar events, until the user sets another
    caldav_url: str | None = None
    caldav_username: str | None = None
    caldav_password: str | None = None
    caldav_calendar: str | None = None
    maildir: Path | None = None
    mbox: Path | None = None
    imap_host: str | None = None
    imap_port: int = 993
    imap_username: str | None = None
    imap_password: str | None = None
    imap_ssl: bool = True
    smtp_url: str | None = None
    smtp_username: str | None = None
    smtp_password: str | None = None
    mail_from: str | None = None
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout_s: float = 8.0
    log_keep_rows: int = 5000

    @property
    def database(self) -> Path:
        return self.db_path or self.data_dir / "os.sqlite3"

    @property
    def letters(self) -> Path:
        return self.letters_dir or self.data_dir / "letters"
