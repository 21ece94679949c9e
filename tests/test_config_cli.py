"""`earpiece config` as a user runs it: `show` without secrets, `set` keeping the file's comments,
`path`, and `check` against real sources: a Maildir folder, Dovecot (IMAP), an SMTP server
(aiosmtpd), Radicale (CalDAV), an .ics file, a language-model server on loopback, and a dead address."""

from __future__ import annotations

import mailbox
import os
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest

from earpiece_host.config_cli import main as config_main
from llm_server import serve_llm
from servers import dovecot_server, free_port, radicale_server, smtp_server  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[1]
IMAP_SECRET = "imap-Secret-4711"
DAV_SECRET = "dav-Secret-0815"
LLM_SECRET = "llm-Secret-2342"


@pytest.fixture(autouse=True)
def _no_settings_file_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EARPIECE_CONFIG", raising=False)  # a developer's own settings must not leak in


def earpiece(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "earpiece_host.cli", *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env={**os.environ, **(env or {})})


def config(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> tuple[int, str, str]:
    code = config_main(["--config", str(path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def message(sender: str, subject: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "me@example.org", subject
    msg.set_content("Hello there.")
    return msg


def test_show_says_where_secrets_come_from_and_never_prints_them(tmp_path: Path) -> None:
    secret = tmp_path / "dav-password"
    secret.write_text(DAV_SECRET + "\n")
    secret.chmod(0o600)
    path = tmp_path / "earpiece.toml"
    path.write_text('[mail]\nimap_url = "imaps://theo@mail.example.org"\npassword_env = "EARPIECE_IMAP_PASSWORD"\n'
                    f'[calendar]\ncaldav_url = "https://dav.example.org/"\npassword_file = "{secret}"\n'
                    '[llm]\nbase_url = "http://127.0.0.1:9/v1"\napi_key_env = "EARPIECE_LLM_API_KEY"\n')
    done = earpiece("config", "--config", str(path), "show",
                    env={"EARPIECE_IMAP_PASSWORD": IMAP_SECRET, "EARPIECE_LLM_API_KEY": ""})
    assert done.returncode == 0, done.stderr
    shown = done.stdout + done.stderr
    assert IMAP_SECRET not in shown and DAV_SECRET not in shown and LLM_SECRET not in shown
    assert "from $EARPIECE_IMAP_PASSWORD (set)" in shown
    assert "from $EARPIECE_LLM_API_KEY (not set)" in shown
    assert f"from the file {secret} (readable)" in shown
    assert 'imap_url         = "imaps://theo@mail.example.org"' in shown and "(line 2)" in shown
    assert 'asr              = "auto"' in shown and "(default)" in shown


def test_set_keeps_the_rest_of_the_file_and_refuses_wrong_values(tmp_path: Path, capsys) -> None:
    path = tmp_path / "earpiece.toml"
    original = '# my earpiece\n[persona]\nname = "Ava"  # she chose it\n\n[llm]\n# the laptop\'s server\nmodel = "gemma"\n'
    path.write_text(original)
    code, out, _ = config(capsys, path, "set", "llm.base_url", "http://127.0.0.1:8080/v1")
    assert code == 0 and "set [llm] base_url" in out
    code, _, _ = config(capsys, path, "set", "llm.timeout_s", "2.5")
    assert code == 0
    code, _, _ = config(capsys, path, "set", "voice.download", "no")
    assert code == 0
    text = path.read_text()
    assert text.startswith('# my earpiece\n[persona]\nname = "Ava"  # she chose it\n')
    assert "# the laptop's server\nmodel = \"gemma\"\nbase_url = \"http://127.0.0.1:8080/v1\"\ntimeout_s = 2.5\n" in text
    assert "[voice]\ndownload = false\n" in text
    before = path.read_text()
    for key, value, expected in [("voice.asr", "whispr", '"auto"'), ("llm.timeout_s", "soon", "not a number"),
                                 ("mail.password", "hunter2", "password_env"), ("mail.maildr", "~/Mail", "did you mean mail.maildir"),
                                 ("persona.name", "", "non-empty")]:
        code, out, err = config(capsys, path, "set", key, value)
        assert code == 2 and expected in err and out == "", (key, err)
    assert path.read_text() == before  # nothing written
    code, _, _ = config(capsys, path, "set", "mail.maildir", "Mail")  # typed in a shell: relative to here
    assert code == 0 and f'maildir = "{Path.cwd() / "Mail"}"' in path.read_text()
    code, _, err = config(capsys, path, "set", "mail.mbox", "/var/mail/me")
    assert code == 2 and "has maildir and mbox" in err and "unset mail.maildir" in err
    code, out, _ = config(capsys, path, "unset", "mail.maildir")
    assert code == 0 and "[mail]" not in path.read_text()


def test_set_creates_the_file_and_path_finds_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"EARPIECE_DATA_DIR": str(data)}
    done = earpiece("config", "path", env=env)
    assert done.stdout.strip() == str(data / "earpiece.toml") and "does not exist yet" in done.stderr
    done = earpiece("config", "set", "persona.name", "Ava", env=env)
    assert done.returncode == 0, done.stderr
    assert (data / "earpiece.toml").read_text().rstrip().endswith('[persona]\nname = "Ava"')
    asked = earpiece("ask", "--no-briefing", "what's your name", env=env)  # chat and ask read it
    assert "Ava" in asked.stdout
    elsewhere = tmp_path / "other.toml"
    assert earpiece("config", "path", env={**env, "EARPIECE_CONFIG": str(elsewhere)}).stdout.strip() == str(elsewhere)


def test_check_with_nothing_configured_passes_and_says_how_to_connect(tmp_path: Path, capsys) -> None:
    code = config_main(["--data-dir", str(tmp_path), "check"])
    out = capsys.readouterr().out
    assert code == 0
    assert "--    mail: not connected: set [mail] maildir, mbox or imap_url" in out
    assert "--    calendar: not connected" in out and "--    language model: not connected" in out
    recogniser = next(line for line in out.splitlines() if "speech recogniser: auto: " in line)
    assert "Vosk with the model in" in recogniser or recogniser.endswith("downloads it when Vosk's model "
                                                                        "server answers, else uses whisper")


def test_check_local_sources(tmp_path: Path, capsys) -> None:
    box = mailbox.Maildir(tmp_path / "Mail", create=True)
    box.add(message("Amy <amy@example.org>", "Dinner"))
    ics = tmp_path / "cal.ics"
    ics.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\nEND:VCALENDAR\n")
    path = tmp_path / "earpiece.toml"
    path.write_text(f'[mail]\nmaildir = "Mail"\n[calendar]\nics = "{ics}"\n')
    code, out, _ = config(capsys, path, "check")
    assert code == 0, out
    assert f"ok    mail: Maildir {tmp_path / 'Mail'}: readable, 1 unread" in out
    assert f"ok    calendar: calendar file {ics}: readable, 0 events in the coming week" in out
    ics.write_text("this is not a calendar")
    (tmp_path / "Mail" / "cur").rmdir()
    code, out, _ = config(capsys, path, "check")
    assert code == 1
    assert "FAIL  mail:" in out and "is not a Maildir folder" in out
    assert "FAIL  calendar:" in out and "not a valid iCalendar" in out
    assert "2 configured sources did not work" in out


def test_check_imap_against_dovecot(tmp_path: Path, capsys, dovecot_server) -> None:  # noqa: F811
    dovecot_server.deliver(message("Amy <amy@example.org>", "Dinner"))
    path = tmp_path / "earpiece.toml"
    path.write_text(f'[mail]\nimap_url = "imap://{dovecot_server.username}@127.0.0.1:{dovecot_server.port}"\n'
                    'password_env = "EARPIECE_TEST_IMAP_PASSWORD"\n')
    os.environ.pop("EARPIECE_TEST_IMAP_PASSWORD", None)
    code, out, _ = config(capsys, path, "check")
    assert code == 1 and "$EARPIECE_TEST_IMAP_PASSWORD is not set" in out
    os.environ["EARPIECE_TEST_IMAP_PASSWORD"] = dovecot_server.password
    try:
        code, out, _ = config(capsys, path, "check")
        assert code == 0, out
        assert "ok    mail: IMAP imap://user@127.0.0.1:" in out and "(logged in): readable, 1 unread" in out
        os.environ["EARPIECE_TEST_IMAP_PASSWORD"] = "wrong"  # last: Dovecot slows logins after a failure
        code, out, _ = config(capsys, path, "check")
        assert code == 1 and "refused the login" in out and "wrong" not in out  # the password is never shown
    finally:
        del os.environ["EARPIECE_TEST_IMAP_PASSWORD"]


def test_check_caldav_against_radicale(tmp_path: Path, capsys, radicale_server) -> None:  # noqa: F811
    radicale_server.make_calendar("home")
    secret = tmp_path / "dav-password"
    secret.write_text(radicale_server.password)
    secret.chmod(0o600)
    path = tmp_path / "earpiece.toml"
    url = radicale_server.url.replace("http://", f"http://{radicale_server.username}@")
    path.write_text(f'[calendar]\ncaldav_url = "{url}"\nname = "home"\npassword_file = "dav-password"\n')
    code, out, _ = config(capsys, path, "check")
    assert code == 0, out
    assert f"ok    calendar: CalDAV {radicale_server.url}: readable, 0 events" in out
    path.write_text(f'[calendar]\ncaldav_url = "{url}"\nname = "work"\npassword_file = "dav-password"\n')
    code, out, _ = config(capsys, path, "check")
    assert code == 1 and "no calendar called 'work'" in out and "found: home" in out


def test_check_sending_logs_in_to_the_smtp_server_and_sends_nothing(tmp_path: Path, capsys, smtp_server,  # noqa: F811
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(smtp_server.ca_file))  # the server's own certificate, trusted here only
    monkeypatch.setenv("EARPIECE_MAIL_PASSWORD", smtp_server.password)
    path = tmp_path / "earpiece.toml"
    url = smtp_server.url.replace("smtp://", "smtp://me%40example.org@")
    path.write_text(f'[mail]\nsmtp_url = "{url}"\npassword_env = "EARPIECE_MAIL_PASSWORD"\n')
    code, out, _ = config(capsys, path, "check")
    assert code == 0, out
    assert f"ok    sending mail: SMTP {url}: logged in; mail goes out from me@example.org" in out
    monkeypatch.setenv("EARPIECE_MAIL_PASSWORD", "wrong")
    code, out, _ = config(capsys, path, "check")
    assert code == 1 and "FAIL  sending mail:" in out and "refused the login for me@example.org" in out
    monkeypatch.delenv("SSL_CERT_FILE")
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))  # nothing trusted: the certificate cannot be checked
    code, out, _ = config(capsys, path, "check")
    assert code == 1 and "The secure connection to the mail server" in out and "certificate" in out
    assert smtp_server.received == []


def test_check_a_language_model_and_a_dead_address(tmp_path: Path, capsys) -> None:
    path = tmp_path / "earpiece.toml"
    with serve_llm() as base_url:
        path.write_text(f'[llm]\nbase_url = "{base_url}"\nmodel = "test-model"\n')
        code, out, _ = config(capsys, path, "check")
        assert code == 0 and f"ok    language model: {base_url}: answers; models: test-model" in out
    dead = f"http://127.0.0.1:{free_port()}/v1"
    path.write_text(f'[llm]\nbase_url = "{dead}"\ntimeout_s = 3\n')
    code, out, _ = config(capsys, path, "check")
    assert code == 1 and f"FAIL  language model: {dead}: nothing is listening there" in out


def test_a_wrong_settings_file_stops_every_command_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "earpiece.toml"
    path.write_text('[voice]\nasr = "whispr"\n')
    for command in (["chat"], ["ask", "hello"], ["config", "show"], ["serve"], ["demo"], ["bench"]):
        done = earpiece(*command, "--config", str(path)) if command[0] != "config" else \
            earpiece("config", "--config", str(path), *command[1:])
        assert done.returncode in (1, 2) and f"{path}, line 2: [voice] asr" in done.stderr, (command, done.stderr)
    missing = earpiece("ask", "--config", str(tmp_path / "nope.toml"), "hello")
    assert missing.returncode == 2 and "no such settings file" in missing.stderr
