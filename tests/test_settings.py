"""The settings file as a user writes it: every key, wrong keys and values reported with file, line
and what is allowed, secrets kept out of the file, missing files, and flag > file > default."""

from __future__ import annotations

import argparse
import dataclasses
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.config import DialogueConfig
from earpiece_host.service import add_engine_arguments, engine_choice
from earpiece_host.settings import (
    CONFIG_FILE_NAME,
    VOICE_ENGINES,
    SettingsError,
    config_path,
    engine_allowed,
    load_settings,
)
from settable_clock import Clock

EVERY_KEY = """\
# a comment at the top
[persona]
name = "Ava"
morning_briefing = false

[user]
name = "Theodore"

[mail]
imap_url = "imaps://theo@mail.example.org"
smtp_url = "smtps://theo@mail.example.org:465"
password_env = "EARPIECE_IMAP_PASSWORD"

[calendar]
caldav_url = "https://dav.example.org/theo/"
username = "theo.t"
name = "Work"
password_file = "caldav-password"

[llm]
base_url = "http://127.0.0.1:8080/v1"
model = "gemma"
timeout_s = 20
api_key_env = "EARPIECE_LLM_API_KEY"

[voice]
asr = "pocketsphinx"
vosk_model = "~/models/vosk-en"
tts = "piper"
piper_voice = "voices/amy.onnx"
download = false
barge_in = true
"""


@pytest.fixture(autouse=True)
def _no_settings_file_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EARPIECE_CONFIG", raising=False)  # a developer's own settings must not leak in


def write(folder: Path, text: str, name: str = CONFIG_FILE_NAME) -> Path:
    path = folder / name
    path.write_text(text)
    return path


def secret_file(folder: Path, text: str, mode: int = 0o600, name: str = "caldav-password") -> Path:
    path = folder / name
    path.write_text(text + "\n")
    path.chmod(mode)
    return path


def test_every_key_is_read_and_builds_the_os_configuration(tmp_path: Path) -> None:
    secret_file(tmp_path, "dav-secret")
    path = write(tmp_path, EVERY_KEY)
    settings = load_settings(path)
    assert settings.exists and settings.persona.name == "Ava" and settings.persona.morning_briefing is False
    assert settings.user.name == "Theodore"
    assert settings.mail.imap() == ("mail.example.org", 993, True, "theo")
    assert settings.mail.smtp_url == "smtps://theo@mail.example.org:465"
    assert settings.calendar.password.file == tmp_path / "caldav-password"  # relative to the settings file
    assert settings.llm.timeout_s == 20.0 and settings.llm.model == "gemma"
    assert settings.voice.asr == "pocketsphinx" and settings.voice.tts == "piper" and settings.voice.download is False
    assert settings.voice.barge_in is True
    assert settings.voice.vosk_model == Path.home() / "models" / "vosk-en"
    assert settings.voice.piper_voice == tmp_path / "voices" / "amy.onnx"
    assert settings.line_of("persona.name") == 3 and settings.line_of("voice.download") == 31

    environ = {"EARPIECE_IMAP_PASSWORD": "imap-secret", "EARPIECE_LLM_API_KEY": "llm-secret"}
    config = settings.dialogue_config(tmp_path / "data", environ=environ, seed=4)
    assert isinstance(config, DialogueConfig) and config.seed == 4
    assert (config.persona_name, config.user_name, config.morning_briefing) == ("Ava", "Theodore", False)
    assert (config.imap_host, config.imap_port, config.imap_ssl, config.imap_username, config.imap_password) == \
        ("mail.example.org", 993, True, "theo", "imap-secret")
    assert (config.caldav_url, config.caldav_username, config.caldav_password, config.caldav_calendar) == \
        ("https://dav.example.org/theo/", "theo.t", "dav-secret", "Work")
    assert (config.llm_base_url, config.llm_model, config.llm_api_key, config.llm_timeout_s) == \
        ("http://127.0.0.1:8080/v1", "gemma", "llm-secret", 20.0)


def test_local_sources_and_plain_imap(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, '[mail]\nmaildir = "Mail"\n[calendar]\nics = "/srv/cal.ics"\n'))
    options = settings.dialogue_options()
    assert options["maildir"] == tmp_path / "Mail" and options["calendar_ics"] == Path("/srv/cal.ics")
    settings = load_settings(write(tmp_path, '[mail]\nimap_url = "imap://127.0.0.1:1143"\nusername = "me"\n'
                                             '[calendar]\ncaldav_url = "http://amy@127.0.0.1:5232/"\n'))
    assert settings.mail.imap() == ("127.0.0.1", 1143, False, "me")
    assert settings.calendar.caldav() == ("http://127.0.0.1:5232/", "amy")  # the user name leaves the URL
    settings = load_settings(write(tmp_path, '[mail]\nimap_url = "imaps://me%40example.org@mail.example.org"\n'
                                             'smtp_url = "smtps://me%40example.org@smtp.example.org"\n'
                                             '[calendar]\ncaldav_url = "https://me%40example.org@dav.example.org/"\n'))
    assert settings.mail.imap()[3] == settings.calendar.caldav()[1] == "me@example.org"  # a login that is an address
    assert settings.dialogue_options()["smtp_username"] == "me@example.org"


@pytest.mark.parametrize(("text", "line", "expected"), [
    ('[persona]\nname = 7\n', 2, "allowed: a non-empty text in quotes"),
    ('[persona]\nname = ""\n', 2, "allowed: a non-empty text"),
    ('[persona]\nmorning_briefing = "yes"\n', 2, "allowed: true or false"),
    ('[user]\n\nname = "R2-D2!"\n', 3, "allowed: a name of letters"),
    ('[mail]\nimap_url = "http://mail.example.org"\n', 2, "imap:// or imaps://"),
    ('[mail]\nimap_url = "imaps://mail.example.org:99999"\n', 2, "port"),
    ('[mail]\nsmtp_url = "mail.example.org"\n', 2, "smtp:// or smtps://"),
    ('[mail]\npassword_env = "MY PASSWORD"\n', 2, "the name of an environment variable"),
    ('[calendar]\ncaldav_url = "ftp://dav.example.org"\n', 2, "http:// or https://"),
    ('[llm]\nbase_url = "localhost:8080"\n', 2, "http:// or https://"),
    ('[llm]\ntimeout_s = 0\n', 2, "above 0 and at most 600"),
    ('[llm]\ntimeout_s = "8"\n', 2, "without quotes"),
    ('[voice]\nasr = "whispr"\n', 2, '"auto"'),
    ('[voice]\ntts = "espeak"\n', 2, '"piper"'),
    ('[voice]\ndownload = 1\n', 2, "true or false"),
    ('[voice]\nbarge_in = "yes"\n', 2, "true or false"),
])
def test_a_wrong_value_names_the_file_the_line_and_what_is_allowed(tmp_path: Path, text: str, line: int,
                                                                   expected: str) -> None:
    path = write(tmp_path, "# my settings\n\n" + text)
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert message.startswith(f"{path}, line {line + 2}: ") and expected in message


def test_unknown_sections_and_keys_suggest_the_right_one(tmp_path: Path) -> None:
    path = write(tmp_path, '[persona]\nname = "Ava"\n\n[mial]\nmaildir = "x"\n\n[llm]\nbase_ulr = "http://a"\n')
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    first, second = str(caught.value).splitlines()  # every problem at once, in file order
    assert first.startswith(f"{path}, line 4: unknown section [mial] (did you mean [mail]?)")
    assert "allowed: [persona], [user], [mail], [calendar], [llm], [voice]" in first
    assert second.startswith(f"{path}, line 8: unknown key base_ulr in [llm] (did you mean base_url?)")
    assert "allowed: base_url, model, timeout_s, api_key_env, api_key_file" in second


def test_a_section_written_as_a_value_and_dotted_keys_are_located(tmp_path: Path) -> None:
    path = write(tmp_path, 'voice.asr = "nope"\npersona = "Ava"\n')
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    lines = str(caught.value).splitlines()
    assert lines[0].startswith(f"{path}, line 1: [voice] asr") and lines[1].startswith(f"{path}, line 2: persona must be a section")


def test_a_toml_syntax_error_gives_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[persona]\nname = Ava\n')
    with pytest.raises(SettingsError, match=r", line 2: not valid TOML .*Strings need quotes"):
        load_settings(path)


@pytest.mark.parametrize("text", ['[mail]\nimap_url = "imaps://x@h"\npassword = "hunter2"\n',
                                  '[calendar]\ncaldav_url = "https://h/"\npassword = "hunter2"\n',
                                  '[llm]\nbase_url = "http://h/v1"\napi_key = "hunter2"\n'])
def test_a_secret_in_the_file_is_refused_with_the_way_to_do_it(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert message.startswith(f"{path}, line 3: ") and "do not belong in the settings file" in message
    assert "_env = \"EARPIECE_" in message and "chmod 600" in message and "hunter2" not in message


def test_a_password_in_a_url_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="password must not be written in the URL") as caught:
        load_settings(write(tmp_path, '[mail]\nimap_url = "imaps://me:hunter2@mail.example.org"\n'))
    assert ", line 2:" in str(caught.value) and "hunter2" not in str(caught.value)
    with pytest.raises(SettingsError, match="the name of an environment variable") as caught:
        load_settings(write(tmp_path, '[mail]\npassword_env = "hunter2 is my password"\n'))  # a slip of the hand
    assert "hunter2" not in str(caught.value)


def test_a_password_file_others_can_read_is_refused(tmp_path: Path) -> None:
    secret_file(tmp_path, "s3cret", mode=0o644, name="imap-password")
    path = write(tmp_path, '[mail]\nimap_url = "imaps://me@h"\npassword_file = "imap-password"\n')
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert f"{path}, line 3:" in message and "mode 0644" in message and f"chmod 600 {tmp_path / 'imap-password'}" in message
    (tmp_path / "imap-password").chmod(0o600)
    assert load_settings(path).dialogue_options()["imap_password"] == "s3cret"
    (tmp_path / "imap-password").unlink()
    with pytest.raises(SettingsError, match="there is no file"):
        load_settings(path)


def test_one_source_per_section(tmp_path: Path) -> None:
    path = write(tmp_path, '[mail]\nmaildir = "a"\nmbox = "b"\n[llm]\napi_key_env = "A"\napi_key_file = "k"\n')
    (tmp_path / "k").write_text("x")
    (tmp_path / "k").chmod(0o600)
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    first, second = str(caught.value).splitlines()
    assert "line 3: [mail] has maildir and mbox; set only one" in first
    assert "line 6: [llm] has both api_key_env and api_key_file" in second


def test_missing_files_default_file_gives_defaults_a_named_one_is_an_error(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, environ={})
    assert not settings.exists and settings.path == tmp_path / CONFIG_FILE_NAME
    assert settings.dialogue_config(tmp_path) == DialogueConfig(data_dir=tmp_path)
    with pytest.raises(SettingsError, match="no such settings file"):
        load_settings(tmp_path / "elsewhere.toml")
    with pytest.raises(SettingsError, match="no such settings file"):
        load_settings(data_dir=tmp_path, environ={"EARPIECE_CONFIG": str(tmp_path / "env.toml")})


def test_where_the_file_is_looked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EARPIECE_DATA_DIR", str(tmp_path / "data"))
    environ: dict[str, str] = {}
    assert config_path(environ=environ) == (tmp_path / "data" / CONFIG_FILE_NAME, False)
    assert config_path(data_dir=tmp_path / "d", environ=environ) == (tmp_path / "d" / CONFIG_FILE_NAME, False)
    environ["EARPIECE_CONFIG"] = str(tmp_path / "env.toml")
    assert config_path(data_dir=tmp_path / "d", environ=environ) == (tmp_path / "env.toml", True)
    assert config_path(tmp_path / "flag.toml", environ=environ) == (tmp_path / "flag.toml", True)


def test_the_engine_table_allows_named_engines_and_uri_patterns() -> None:
    assert engine_allowed("asr", "pocketsphinx") and not engine_allowed("asr", "piper")
    assert set(VOICE_ENGINES) == {"asr", "tts"}
    VOICE_ENGINES["asr"]["remote://HOST:PORT"] = "a test stage"
    try:
        assert engine_allowed("asr", "remote://127.0.0.1:10300") and not engine_allowed("asr", "remote://")
    finally:
        del VOICE_ENGINES["asr"]["remote://HOST:PORT"]


def test_every_recogniser_the_host_can_load_is_allowed_in_the_settings_and_by_asr() -> None:
    from earpiece_host.speech.choose import RECOGNISERS

    local = {name for name in VOICE_ENGINES["asr"] if "://" not in name}
    assert local == set(RECOGNISERS)
    assert _serve_args(["--asr", "whisper"]).asr == "whisper"
    assert _serve_args(["--asr", "wyoming://127.0.0.1:10300"]).asr == "wyoming://127.0.0.1:10300"
    with pytest.raises(SystemExit):
        _serve_args(["--asr", "whispr"])


def _serve_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_engine_arguments(parser)
    return parser.parse_args(argv)


def test_flags_win_over_the_file_and_the_file_over_the_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, '[voice]\nasr = "vosk"\nvosk_model = "/models/vosk"\ndownload = false\n'
                           '[persona]\nname = "Ava"\n')
    from_file = engine_choice(_serve_args(["--config", str(path)]))
    assert (from_file.asr, from_file.vosk_model, from_file.allow_download) == ("vosk", Path("/models/vosk"), False)
    assert dict(from_file.dialogue)["persona_name"] == "Ava"
    flags = engine_choice(_serve_args(["--config", str(path), "--asr", "pocketsphinx", "--vosk-model", "/other"]))
    assert (flags.asr, flags.vosk_model) == ("pocketsphinx", Path("/other"))
    defaults = engine_choice(_serve_args(["--data-dir", str(tmp_path / "empty")]))
    assert (defaults.asr, defaults.vosk_model, defaults.allow_download, defaults.tts) == ("auto", None, True, "piper")
    with pytest.raises(SystemExit):
        _serve_args(["--asr", "whispr"])  # the flag reads the same table


TZ = timezone(timedelta(hours=2))


def test_names_from_the_file_and_from_conversation_the_later_wins(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 5, 11, 9, 0, tzinfo=TZ))
    data = tmp_path / "data"

    def engine_with(text: str):
        settings = load_settings(write(tmp_path, text))
        return open_engine(data, clock=clock, seed=1, **{**settings.dialogue_options(), "morning_briefing": False})

    engine = engine_with('[persona]\nname = "Ava"\n[user]\nname = "Theodore"\n')
    assert "Ava" in engine.handle("what's your name").text
    assert "Theodore" in engine.handle("what's my name").text
    engine.handle("I'll call you Sam")
    engine.handle("my name is Theo")
    engine.close()
    engine = engine_with('[persona]\nname = "Ava"\n[user]\nname = "Theodore"\n')  # the file unchanged: the talk wins
    assert "Sam" in engine.handle("what's your name").text and "Theo." in engine.handle("what's my name").text
    engine.close()
    engine = engine_with('[persona]\nname = "Cleo"\n[user]\nname = "Ted"\n')  # the file changed later: it wins
    assert "Cleo" in engine.handle("what's your name").text and "Ted" in engine.handle("what's my name").text
    engine.close()


def test_a_persona_renamed_before_any_settings_file_keeps_her_name(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 5, 11, 9, 0, tzinfo=TZ))
    engine = open_engine(tmp_path, clock=clock, seed=1, morning_briefing=False)
    engine.handle("I'll call you Sam")
    engine.close()
    options = {**load_settings(data_dir=tmp_path, environ={}).dialogue_options(), "morning_briefing": False}
    engine = open_engine(tmp_path, clock=clock, seed=1, **options)
    assert "Sam" in engine.handle("what's your name").text
    engine.close()


def test_the_briefing_never_calls_a_day_clear_without_a_calendar(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock(datetime(2026, 5, 11, 8, 0, tzinfo=TZ))
    engine = open_engine(tmp_path / "a", clock=clock, seed=1)
    first = engine.handle("hello").text
    engine.close()
    assert first.startswith("Good morning") and "clear" not in first and "quiet day" not in first.lower()
    assert "none is connected" in first and "[calendar]" not in first and "set [calendar] ics" in caplog.text
    ics = tmp_path / "empty.ics"
    ics.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nEND:VCALENDAR\n")
    engine = open_engine(tmp_path / "b", clock=clock, seed=1, calendar_ics=ics)
    first = engine.handle("hello").text
    engine.close()
    assert "connected" not in first and first.split(". ", 1)[1] in (
        "Your day looks clear.", "Nothing on the books today.", "A quiet day ahead.")


def test_an_unreadable_settings_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILE_NAME).mkdir()
    with pytest.raises(SettingsError, match="is a folder"):
        load_settings(data_dir=tmp_path, environ={})
    if os.geteuid() != 0:  # root reads anything
        path = write(tmp_path, "[persona]\n", name="locked.toml")
        path.chmod(0)
        with pytest.raises(SettingsError, match="cannot be read"):
            load_settings(path)


def test_the_settings_doc_lists_every_key_and_engine() -> None:
    from earpiece_host.settings import KEYS

    doc = (Path(__file__).resolve().parents[1] / "docs" / "settings.md").read_text()
    for section, keys in KEYS.items():
        for key in keys:
            assert f"`{section}.{key}`" in doc or f"`{section}.{key.rsplit('_', 1)[0]}_env` / `{section}.{key.rsplit('_', 1)[0]}_file`" in doc, key
    for kind in VOICE_ENGINES.values():
        for engine in kind:
            assert f"`{engine}`" in doc, engine


@pytest.mark.slow
def test_the_voice_services_of_serve_demo_and_bench_take_the_os_settings(tmp_path: Path) -> None:
    from earpiece_host.service import load_voice_services
    from earpiece_host.speech.tts import VoiceUnavailableError

    path = write(tmp_path, '[persona]\nname = "Ava"\n[voice]\nasr = "pocketsphinx"\n')
    choice = engine_choice(_serve_args(["--config", str(path), "--data-dir", str(tmp_path / "data")]))
    with pytest.raises(VoiceUnavailableError, match="'nope' cannot be loaded"):
        load_voice_services(dataclasses.replace(choice, tts="nope"))
    services = load_voice_services(choice)
    try:
        assert services.os.persona_name == "Ava" and services.recognisers.engine == "pocketsphinx"
    finally:
        services.close()


def test_sending_mail_takes_the_smtp_server_the_address_and_the_mail_password(tmp_path: Path) -> None:
    path = write(tmp_path, '[mail]\nmaildir = "Mail"\nsmtp_url = "smtps://theo@smtp.example.org:465"\n'
                           'address = "theo@example.org"\npassword_env = "EARPIECE_TEST_MAIL_PASSWORD"\n')
    options = load_settings(path).dialogue_options({"EARPIECE_TEST_MAIL_PASSWORD": "s3cret"})
    assert options["smtp_url"] == "smtps://theo@smtp.example.org:465"
    assert (options["smtp_username"], options["smtp_password"], options["mail_from"]) == ("theo", "s3cret", "theo@example.org")
    assert options["maildir"] == tmp_path / "Mail"


def test_the_calendar_may_be_marked_writable_and_its_heads_up_set(tmp_path: Path) -> None:
    path = write(tmp_path, '[calendar]\nics = "cal.ics"\nwritable = true\nheadsup_min = 15\n')
    options = load_settings(path).dialogue_options({})
    assert (options["calendar_writable"], options["headsup_default_min"]) == (True, 15)
    bad = write(tmp_path, '[calendar]\nics = "cal.ics"\nheadsup_min = 1000\n')
    with pytest.raises(SettingsError, match=r"line 3: .*whole minutes from 0"):
        load_settings(bad)
