"""The user's data stays theirs: the data folder is 0700 and its files 0600 (fixed, with a warning,
when found looser), staged secrets are never world-readable, personal text never reaches the log at
INFO, and a damaged database is a clear StoreError rather than a traceback."""

from __future__ import annotations

import json
import logging
import os
import stat
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.store import Store, StoreError
from earpiece_host.private_files import private_dir, private_file

NOW = datetime(2026, 9, 9, 10, 0, tzinfo=timezone.utc)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def usual_umask():
    """The common umask, which leaves new files readable by everyone unless created private."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_new_data_folder_and_everything_in_it_are_private(tmp_path: Path, usual_umask) -> None:
    data = tmp_path / "earpiece"
    engine = open_engine(data, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("write a letter to Catherine")
    engine.handle("Thank you for the flowers.")
    letter = Path(engine.handle("that's all").slots["path"])
    engine.close()
    assert mode(data) == 0o700 and mode(data / "os.sqlite3") == 0o600
    assert mode(letter.parent) == 0o700 and mode(letter) == 0o600


def test_an_existing_open_folder_and_database_are_made_private_with_a_warning(tmp_path: Path, caplog) -> None:
    data = tmp_path / "earpiece"
    Store(data / "os.sqlite3").close()
    data.chmod(0o755)
    (data / "os.sqlite3").chmod(0o644)
    with caplog.at_level(logging.WARNING):
        Store(data / "os.sqlite3").close()
    assert mode(data) == 0o700 and mode(data / "os.sqlite3") == 0o600
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("mode 755" in w and "(700)" in w for w in warnings), warnings
    assert any("mode 644" in w and "(600)" in w for w in warnings), warnings


def damaged_database(tmp_path: Path) -> Path:
    data = private_dir(tmp_path / "earpiece")
    path = private_file(data / "os.sqlite3")
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)  # the magic, then garbage
    return path


def test_a_damaged_database_says_to_move_it_aside_with_the_command(tmp_path: Path) -> None:
    path = damaged_database(tmp_path)
    with pytest.raises(StoreError) as caught:
        Store(path)
    message = str(caught.value)
    assert f"mv {path} {path}.damaged" in message and "damaged" in message


def test_earpiece_ask_on_a_damaged_database_prints_one_line_and_fails(tmp_path: Path) -> None:
    path = damaged_database(tmp_path)
    done = subprocess.run([sys.executable, "-m", "earpiece_host.dialogue.cli", "ask", "--data-dir", str(path.parent),
                           "what time is it"], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("earpiece ask: The OS database") and f"mv {path} " in done.stderr


def test_a_database_damaged_while_open_fails_the_turn_with_a_store_error(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "earpiece", clock=lambda: NOW, seed=1, morning_briefing=False)
    assert engine.handle("what time is it").intent == "time.now"
    (tmp_path / "earpiece" / "os.sqlite3").write_bytes(b"\x00garbage" * 4096)
    with pytest.raises(StoreError, match="Move it aside"):
        engine.handle("add milk to my shopping list")
    engine.close()


def test_what_was_said_and_noted_never_reaches_the_log_at_info(tmp_path: Path, caplog) -> None:
    secret = "the safe code is 4 3 2 1"
    with caplog.at_level(logging.DEBUG):
        engine = open_engine(tmp_path / "earpiece", clock=lambda: NOW, seed=1, morning_briefing=False)
        engine.handle(f"take a note {secret}")
        engine.handle("read my notes")
        engine.close()
    shown = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert not [m for m in shown if "safe code" in m], shown


def test_flash_stages_the_config_with_its_secrets_privately(tmp_path: Path, usual_umask) -> None:
    from earpiece_tools.flash import FlashOptions, stage_files

    config = tmp_path / "config.json"
    config.write_text(json.dumps({"wifi_password": "correct horse", "pairing_key": "ab" * 16}))
    stage, files = stage_files(FlashOptions(port="/dev/null", chip="esp32s3", config=config))
    try:
        assert mode(stage) == 0o700
        assert all(mode(stage / name) == 0o600 for name in files)
        assert b"correct horse" in (stage / "config.json").read_bytes()
    finally:
        import shutil

        shutil.rmtree(stage)


def test_a_shared_folder_is_never_locked_down(tmp_path: Path, caplog) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # sticky and open to all, like /tmp: other people's files live here
    with caplog.at_level(logging.WARNING):
        private_dir(shared)
    assert mode(shared) == 0o1777
    assert any("folder of its own" in r.getMessage() for r in caplog.records)


def test_an_in_memory_database_creates_no_file_and_leaves_the_folder_alone(tmp_path, monkeypatch) -> None:
    tmp_path.chmod(0o755)
    monkeypatch.chdir(tmp_path)
    store = Store(Path(":memory:"))  # what `earpiece phrases` uses
    store.close()
    assert list(tmp_path.iterdir()) == []
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755
