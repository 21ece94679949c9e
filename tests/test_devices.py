"""`earpiece devices` pairs, lists and revokes earpieces; `earpiece serve` names a bad --listen in
one line."""

from __future__ import annotations

import json
import stat
import subprocess
import sys

import pytest

from earpiece_host import devices
from earpiece_host.pairing import PairingStore


def run(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "earpiece_host.cli", *argv], capture_output=True,
                          text=True, timeout=60)


def test_pair_list_revoke_with_a_device_config(tmp_path):
    data, cfg = tmp_path / "data", tmp_path / "ear.json"
    res = run("devices", "--data-dir", str(data), "pair", "ear-kitchen", "--config-out", str(cfg))
    assert res.returncode == 0, res.stderr
    store = PairingStore.in_data_dir(data)
    pairing = store.get("ear-kitchen")
    saved = json.loads(cfg.read_text())
    assert saved == {"device_id": "ear-kitchen", "pairing_key": pairing.key_hex}
    assert len(pairing.key_hex) == 32
    assert pairing.key_hex not in res.stdout + res.stderr  # never printed
    assert stat.S_IMODE(cfg.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    listed = run("devices", "--data-dir", str(data), "list")
    assert listed.returncode == 0 and listed.stdout.startswith("ear-kitchen  paired ")
    assert run("devices", "--data-dir", str(data), "revoke", "ear-kitchen").returncode == 0
    assert store.get("ear-kitchen") is None
    again = run("devices", "--data-dir", str(data), "revoke", "ear-kitchen")
    assert again.returncode == 1 and "not paired" in again.stderr


def test_pairing_again_keeps_the_other_settings_of_a_config_and_a_new_key(tmp_path):
    cfg = tmp_path / "ear.json"
    cfg.write_text(json.dumps({"wifi_ssid": "home", "volume_pct": 40}))
    store = PairingStore(tmp_path / "pairing.json")
    first = devices.pair(store, "ear-1", cfg)
    second = devices.pair(store, "ear-1", cfg)
    saved = json.loads(cfg.read_text())
    assert first != second and saved["pairing_key"] == second == store.get("ear-1").key_hex
    assert saved["wifi_ssid"] == "home" and saved["volume_pct"] == 40


@pytest.mark.parametrize("device_id", ["../x", "", "a" * 33, "ear 1", "ear/1"])
def test_a_bad_device_id_is_refused_in_one_line(tmp_path, device_id):
    res = run("devices", "--data-dir", str(tmp_path), "pair", device_id)
    assert res.returncode == 1
    assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr
    assert "1 to 32 characters" in res.stderr
    assert not (tmp_path / "pairing.json").exists()


@pytest.mark.parametrize("listen", ["tcp://x:99999", "tcp://:abc", "foo://x", "tcp://[::1",
                                    "tcp://1.2.3.4:-1", "/dev/ttyUSB9"])
def test_a_bad_listen_value_is_one_line_not_a_traceback(tmp_path, listen):
    res = run("serve", "--echo", "--data-dir", str(tmp_path), "--listen", listen)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr and res.stderr.count("\n") == 1, res.stderr
    assert res.stderr.startswith("earpiece serve: ")
