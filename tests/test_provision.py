"""Provisioning: `earpiece provision` against the real firmware in the virtual earpiece, over a
real serial device (two pseudo-terminals joined back to back), and the host's pairing store."""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import stat
import subprocess
import threading
import time
from pathlib import Path

import pytest

from earpiece_host import protocol as p
from earpiece_host.pairing import PairingError, PairingStore, new_key
from earpiece_tools import provision
from earpiece_tools.sim import sim_command, sim_env
from ptys import PtyBridge


# The config validator is loaded only at boot and while a CONFIG is answered (no audio then),
# but on the 64-bit unix port it does not fit beside the audio buffers in the 96K audio budget.
PROVISIONING_HEAP = "144K"


class VirtualEarpiece:
    """The real firmware under MicroPython with a config file, until stop()."""

    def __init__(self, connect: str, config: Path) -> None:
        cmd = sim_command(connect, exit_when="never", duration_s=120, heap=PROVISIONING_HEAP)
        cmd += ["--config", str(config)]
        self.proc = subprocess.Popen(cmd, env=sim_env(), stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)

    def stop(self) -> tuple[str, str]:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.communicate()


@pytest.fixture
def bridge():
    b = PtyBridge()
    yield b
    b.close()


def run_tool(capsys, *argv: str) -> tuple[int, str, str]:
    code = provision.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
def test_provisioning_round_trips_a_config_with_the_real_firmware(bridge, tmp_path, capsys):
    device_config = tmp_path / "device" / "config.json"
    device_config.parent.mkdir()
    data_dir = tmp_path / "host-data"
    ear = VirtualEarpiece(f"serial://{bridge.device_path}", device_config)
    try:
        code, out, err = run_tool(
            capsys, "--port", bridge.tool_path, "--wifi-ssid", "home",
            "--wifi-password", "correct horse", "--host", "192.168.1.20:7700",
            "--device-id", "ear-kitchen", "--hands-free", "on", "--volume", "60",
            "--data-dir", str(data_dir))
        assert code == 0, err
        assert "earpiece virtual-earpiece" in out  # the HELLO before provisioning
        assert "every field matches" in out
        assert "correct horse" not in out  # secrets are never printed

        # the device's config.json holds the settings and the same key as the host's store
        saved = json.loads(device_config.read_text())
        assert saved["wifi_ssid"] == "home" and saved["wifi_password"] == "correct horse"
        assert saved["host"] == "192.168.1.20:7700" and saved["device_id"] == "ear-kitchen"
        assert saved["hands_free"] is True and saved["volume_pct"] == 60
        store = PairingStore.in_data_dir(data_dir)
        pairing = store.get("ear-kitchen")
        assert pairing is not None and pairing.key_hex == saved["pairing_key"]
        assert len(pairing.key_hex) == 32
        assert stat.S_IMODE(store.path.stat().st_mode) == 0o600

        # after BYE the earpiece restarted with its new settings: it now says it is ear-kitchen,
        # and reads its configuration back with the secrets redacted
        code, out, err = run_tool(capsys, "--port", bridge.tool_path, "--show",
                                  "--data-dir", str(data_dir))
        assert code == 0, err
        assert out.startswith("earpiece ear-kitchen ")
        shown = json.loads(out[out.index("{"):])
        assert shown["wifi_password"] == "***" and shown["pairing_key"] == "***"
        assert shown["wifi_ssid"] == "home" and shown["volume_pct"] == 60
        assert shown["hands_free"] is True and shown["device_id"] == "ear-kitchen"

        # the earpiece holds a key now: the tool proves the host's copy and the earpiece proves
        # its own before it accepts anything; --new-key replaces the key on both sides
        code, out, err = run_tool(capsys, "--port", bridge.tool_path, "--volume", "30",
                                  "--new-key", "--data-dir", str(data_dir))
        assert code == 0, err
        saved2 = json.loads(device_config.read_text())
        assert saved2["volume_pct"] == 30 and saved2["wifi_ssid"] == "home"
        assert saved2["pairing_key"] != saved["pairing_key"]
        again = store.get("ear-kitchen")
        assert again is not None and again.key_hex == saved2["pairing_key"]
    finally:
        ear.stop()


@pytest.mark.slow
def test_bad_fields_are_refused_with_the_devices_message(bridge, tmp_path, capsys):
    device_config = tmp_path / "config.json"
    # a config.json with a bad field: the device boots with the default for it and says why
    device_config.write_text(json.dumps({"device_id": "ear-x", "volume_pct": 300}))
    data_dir = tmp_path / "host-data"
    ear = VirtualEarpiece(f"serial://{bridge.device_path}", device_config)
    try:
        code, out, err = run_tool(capsys, "--port", bridge.tool_path, "--wifi-ssid", "x" * 33,
                                  "--wifi-password", "correct horse", "--data-dir", str(data_dir))
        assert code == 1
        assert "earpiece ear-x " in out
        assert "wifi_ssid: must be 1 to 32 bytes" in err and "nothing was changed" in err
        code, out, err = run_tool(capsys, "--port", bridge.tool_path, "--host", "my host:77",
                                  "--data-dir", str(data_dir))
        assert code == 1
        assert "host: expected tcp://HOST:PORT or HOST:PORT" in err
        code, out, err = run_tool(capsys, "--port", bridge.tool_path, "--host", "10.0.0.2:7700",
                                  "--data-dir", str(data_dir))
        assert code == 1
        assert "wifi_ssid: needed to reach the host over Wi-Fi" in err
        # nothing was saved on either side
        assert json.loads(device_config.read_text()) == {"device_id": "ear-x", "volume_pct": 300}
        assert PairingStore.in_data_dir(data_dir).all() == []
    finally:
        _, stderr = ear.stop()
    assert "config.json: volume_pct: 0 to 100" in stderr


def _tcp_host_session(srv: socket.socket, requests: list[p.Message]) -> list[p.Message]:
    """Welcome the device on a real socket, send requests, collect its answers to them."""
    conn, _ = srv.accept()
    conn.settimeout(0.2)
    enc, dec = p.FrameEncoder(), p.FrameDecoder()
    answers: list[p.Message] = []
    sent = False
    deadline = time.monotonic() + 20
    with conn:
        while time.monotonic() < deadline and len(answers) < len(requests):
            try:
                data = conn.recv(4096)
            except socket.timeout:
                continue
            if not data:
                break
            for msg in dec.feed(data):
                if isinstance(msg, p.Hello) and not sent:
                    conn.sendall(enc.encode(p.Welcome(session_id=1, host_version="test")))
                    for r in requests:
                        conn.sendall(enc.encode(r))
                    sent = True
                elif isinstance(msg, (p.Error, p.Config, p.ConfigResult)):
                    answers.append(msg)
    return answers


@pytest.mark.slow
def test_config_over_tcp_is_refused_with_error_8(tmp_path):
    device_config = tmp_path / "config.json"
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    srv.settimeout(20)
    ear = VirtualEarpiece(f"tcp://127.0.0.1:{srv.getsockname()[1]}", device_config)
    try:
        answers = _tcp_host_session(srv, [p.Config(json_text='{"volume_pct": 10}'),
                                          p.ConfigGet()])
    finally:
        srv.close()
        ear.stop()
    assert len(answers) == 2
    for answer in answers:
        assert isinstance(answer, p.Error)
        assert answer.code == p.ErrorCode.NOT_ON_THIS_LINK
        assert "USB" in answer.message and "earpiece provision" in answer.message
    assert not device_config.exists()


# ---- the tool's own errors ---------------------------------------------------------------------


def test_no_such_port_says_so(capsys, tmp_path):
    code, _, err = run_tool(capsys, "--port", str(tmp_path / "ttyNONE"), "--volume", "5",
                            "--data-dir", str(tmp_path))
    assert code == 1
    assert "cannot open" in err and "--list-ports" in err


def test_silent_port_times_out_with_a_hint(bridge, capsys, tmp_path):
    start = time.monotonic()
    code, _, err = run_tool(capsys, "--port", bridge.tool_path, "--volume", "5",
                            "--timeout-s", "0.5", "--data-dir", str(tmp_path))
    assert code == 1
    assert "is the earpiece firmware running? try unplugging and replugging it" in err
    assert time.monotonic() - start < 5  # it gave up instead of hanging
    assert PairingStore.in_data_dir(tmp_path).all() == []


def test_device_on_another_protocol_version_is_refused(bridge, capsys, tmp_path):
    """A device that speaks version 3: the tool says so and answers ERROR 1 in its own framing."""
    dev = os.open(bridge.device_path, os.O_RDWR | os.O_NOCTTY)
    stop = threading.Event()
    heard = bytearray()

    def device() -> None:
        hello = p.encode_frame(p.Hello(device_id="ear-future", firmware_version="9.0",
                                       protocol_version=3), 0, version=3)
        while not stop.is_set():
            os.write(dev, hello)
            r, _, _ = select.select([dev], [], [], 0.2)
            if r:
                heard.extend(os.read(dev, 4096))

    t = threading.Thread(target=device, daemon=True)
    t.start()
    try:
        code, _, err = run_tool(capsys, "--port", bridge.tool_path, "--volume", "5",
                                "--timeout-s", "5", "--data-dir", str(tmp_path))
        deadline = time.monotonic() + 5
        errors: list[p.Error] = []
        while not errors and time.monotonic() < deadline:
            errors = [m for m in p.FrameDecoder().feed(bytes(heard)) if isinstance(m, p.Error)]
            time.sleep(0.05)
    finally:
        stop.set()
        t.join(timeout=2)
        os.close(dev)
    assert code == 1
    assert "speaks protocol version 3" in err and "this tool speaks 2" in err
    assert errors and errors[0].code == p.ErrorCode.UNSUPPORTED_VERSION


def test_ssid_without_password_and_no_terminal_is_an_error(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr("sys.stdin", open(os.devnull))
    code, _, err = run_tool(capsys, "--port", str(tmp_path / "tty"), "--wifi-ssid", "home",
                            "--data-dir", str(tmp_path))
    assert code == 1
    assert "--wifi-password" in err


def test_read_back_check_catches_a_field_that_did_not_take():
    sent = {"wifi_ssid": "home", "pairing_key": "ab" * 16, "pins": {"led": 10}, "link": None}
    good = {"wifi_ssid": "home", "pairing_key": "***", "pins": {"led": 10, "button": 2},
            "link": None}
    assert provision.read_back_problems(sent, good) == []
    bad = dict(good, wifi_ssid="other", pairing_key=None, pins={"led": 21})
    problems = provision.read_back_problems(sent, bad)
    assert [x.split(":")[0] for x in problems] == ["wifi_ssid", "pairing_key", "pins.led"]


# ---- the host's pairing store ------------------------------------------------------------------


def test_pairing_keys_survive_reopen_with_private_permissions(tmp_path):
    store = PairingStore.in_data_dir(tmp_path / "data")
    key = new_key()
    assert len(key) == 32 and int(key, 16) >= 0
    store.put("ear-1", key)
    store.put("ear-2", new_key())
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    reopened = PairingStore(store.path)
    got = reopened.get("ear-1")
    assert got is not None and got.key_hex == key
    assert [p_.device_id for p_ in reopened.all()] == ["ear-1", "ear-2"]
    assert reopened.remove("ear-1") and not reopened.remove("ear-1")
    assert PairingStore(store.path).get("ear-1") is None
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert [f.name for f in store.path.parent.iterdir()] == ["pairing.json"]  # no temp files


def test_pairing_store_tightens_a_loose_file_and_names_a_damaged_one(tmp_path):
    path = tmp_path / "pairing.json"
    path.write_text('{"version": 1, "devices": {}}')
    path.chmod(0o644)
    PairingStore(path).put("ear-1", new_key())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.write_text("{broken")
    with pytest.raises(PairingError, match="pairing.json is damaged"):
        PairingStore(path).get("ear-1")
    with pytest.raises(ValueError):
        PairingStore(tmp_path / "other.json").put("ear-1", "not-hex")


def test_new_keys_are_fresh():
    assert len({new_key() for _ in range(50)}) == 50
