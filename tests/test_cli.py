"""The `earpiece` command as a user runs it: in a subprocess, reading what it prints."""

from __future__ import annotations

import subprocess
import sys

import pytest


def earpiece(*args: str, timeout_s: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "earpiece_host.cli", *args], capture_output=True,
                          text=True, timeout=timeout_s)


def test_help_lists_every_command():
    out = earpiece("--help")
    assert out.returncode == 0
    for command in ("serve", "wyoming", "demo", "sim", "bench", "soak", "chat", "ask", "phrases",
                    "config", "flash", "image", "provision", "devices", "doctor"):
        assert f"  {command}" in out.stdout


def test_an_unknown_command_says_so_and_shows_the_commands():
    out = earpiece("fly")
    assert out.returncode == 2
    assert "unknown command 'fly'" in out.stderr and "serve" in out.stderr


@pytest.mark.slow
def test_serve_with_a_dead_vosk_model_path_explains_what_to_do(tmp_path):
    missing = tmp_path / "no-such-model"
    out = earpiece("serve", "--asr", "vosk", "--vosk-model", str(missing),
                   "--listen", "tcp://127.0.0.1:0")
    assert out.returncode == 1
    assert str(missing) in out.stderr
    assert "--vosk-model" in out.stderr or "pocketsphinx" in out.stderr


@pytest.mark.slow
def test_serve_with_a_corrupt_vosk_model_explains_what_to_do(tmp_path):
    corrupt = tmp_path / "model"
    (corrupt / "am").mkdir(parents=True)
    (corrupt / "am" / "final.mdl").write_bytes(b"not a model")
    out = earpiece("serve", "--asr", "vosk", "--vosk-model", str(corrupt),
                   "--listen", "tcp://127.0.0.1:0")
    assert out.returncode == 1
    assert str(corrupt) in out.stderr


@pytest.mark.parametrize("bad", ["tcp://127.0.0.1:99999", "tcp://127.0.0.1:port", "udp://127.0.0.1:7700",
                                 "tcp://[::1", "serial://"])
def test_serve_with_a_bad_address_says_so_in_one_line(bad):
    option = "--serial" if bad.startswith("serial") else "--listen"
    out = earpiece("serve", "--echo", option, bad, timeout_s=30)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert out.stderr.startswith(f"earpiece serve: {bad}")


def test_serve_with_an_unwritable_turns_file_says_so_before_loading_anything(tmp_path):
    out = earpiece("serve", "--turns", str(tmp_path / "missing" / "turns.jsonl"), "--listen", "tcp://127.0.0.1:0",
                   timeout_s=30)
    assert out.returncode == 1 and out.stderr.count("\n") == 1 and "cannot write the turns file" in out.stderr
