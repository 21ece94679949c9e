"""``earpiece soak``: a short run of two virtual earpieces through the real host process.

The real soak (8 earpieces, 10 minutes) is run by hand and its figures are in the README; this
checks that the tool runs end to end, reports what it promises, and that every request is answered.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from earpiece_host.audio import SAMPLE_RATE_HZ
from earpiece_host.pairing import PairingStore
from earpiece_tools import harness, soak

pytestmark = pytest.mark.slow


def test_a_short_soak_answers_every_request_and_reports_the_hosts_resources(tmp_path, capsys):
    # a generous answer window: the machine running the tests may be busy with other work
    code = soak.main(["--devices", "2", "--minutes", "0.35", "--answer-window-s", "18", "--json",
                      "--asr", "pocketsphinx", "--no-download", "--out", str(tmp_path)])
    result = json.loads(capsys.readouterr().out)
    assert code == 0, json.dumps(result, indent=1)
    for key in ("devices", "minutes", "requests", "answered", "errors", "reconnects", "host",
                "response_latency_ms", "machine", "per_device"):
        assert key in result
    assert result["devices"] == 2 and result["requests"] >= 4  # two each, at least
    assert result["answered"] == result["requests"], result["unanswered"]
    assert result["errors"] == 0 and result["reconnects"] == 0
    assert result["runs_with_first_tap_lost"] == 0
    host = result["host"]
    for moment in ("loaded", "start", "end", "after_devices_left"):
        assert set(host[moment]) == {"t_s", "rss_mb", "peak_rss_mb", "fds", "threads", "cpu_s",
                                     "load_1min"}, moment
    assert host["end"]["cpu_s"] >= host["start"]["cpu_s"] > 0  # the host had worked by then
    assert host["end"]["t_s"] >= host["start"]["t_s"]
    assert host["peak_rss_mb"] >= host["end"]["rss_mb"] > 0
    # each earpiece had its own id and key in its config file, and the host welcomed both
    assert result["sessions"] == 2  # one run each: no restarts in a short soak
    configs = sorted(tmp_path.glob("soak-*/config.json"))
    assert [json.loads(c.read_text())["device_id"] for c in configs] == ["soak-1", "soak-2"]
    log = (tmp_path / "host.log").read_text()
    assert "soak-1 connected" in log and "soak-2 connected" in log
    assert host["exit_code"] == 0


def test_scripts_fill_the_time_with_rotated_requests_and_staggered_starts():
    pcm = bytes(2 * SAMPLE_RATE_HZ)  # one second each
    requests = [harness.Request(f"r{i}", pcm, len(pcm) // 2) for i in range(3)]
    plans = soak.plan_scripts(requests, devices=3, seconds=40, answer_window_s=8.7)
    slot_s = harness.TAP_LEAD_S + 1.0 + 8.7  # 10 s
    for d, (script,) in enumerate(plans):
        assert [r.text for r in script.requests] == [f"r{(d + i) % 3}" for i in range(4)]
        assert script.taps_s[0] == pytest.approx(soak.FIRST_TAP_S + d * slot_s / 3, abs=1e-3)
        # the microphone starts with the first tap: a request follows each tap in step
        assert script.request_starts[0] == int(harness.TAP_LEAD_S * SAMPLE_RATE_HZ)
        gaps = [b - a for a, b in zip(script.taps_s, script.taps_s[1:])]
        assert gaps == pytest.approx([slot_s] * 3)
        assert len(script.mic_pcm) / (2 * SAMPLE_RATE_HZ) >= 40


def test_a_long_soak_keeps_one_session_per_earpiece_unless_asked_to_restart():
    pcm = bytes(2 * SAMPLE_RATE_HZ)
    requests = [harness.Request(f"r{i}", pcm, len(pcm) // 2) for i in range(5)]
    (whole, _) = soak.plan_scripts(requests, devices=2, seconds=400, answer_window_s=8.7)
    assert [len(run.requests) for run in whole] == [40]  # its taps go to the sim in a file
    (first, second) = soak.plan_scripts(requests, devices=2, seconds=400, answer_window_s=8.7,
                                        max_requests=18)
    assert [len(run.requests) for run in first] == [18, 18, 4]
    assert [r.text for run in first for r in run.requests] == [f"r{i % 5}" for i in range(40)]
    assert second[0].taps_s[0] > first[0].taps_s[0]  # staggered at the start only
    assert second[1].taps_s[0] == first[1].taps_s[0] == soak.FIRST_TAP_S


def test_each_device_is_paired_with_the_host_in_one_place(tmp_path: Path):
    host_dir = tmp_path / "host"
    for device_id in ("soak-7", "soak-8"):
        soak.make_device_config(device_id, tmp_path / device_id / "config.json", host_dir)
    store = PairingStore.in_data_dir(host_dir)
    assert [p.device_id for p in store.all()] == ["soak-7", "soak-8"]
    keys = []
    for device_id in ("soak-7", "soak-8"):
        path = tmp_path / device_id / "config.json"
        config = json.loads(path.read_text())
        assert config["device_id"] == device_id
        assert config["pairing_key"] == store.get(device_id).key_hex  # the host holds its key
        assert path.stat().st_mode & 0o777 == 0o600
        keys.append(config["pairing_key"])
    assert keys[0] != keys[1]  # a key of its own each


def test_a_device_that_cannot_be_paired_stops_the_soak_with_the_reason(tmp_path: Path):
    with pytest.raises(soak.SoakError, match="could not pair bad id.*device id"):
        soak.make_device_config("bad id", tmp_path / "bad" / "config.json", tmp_path / "host")


def test_bad_arguments_are_one_line(capsys):
    with pytest.raises(SystemExit):
        soak.main(["--devices", "0"])
    assert "--devices must be at least 1" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        soak.main(["--restart-every", "0"])
    assert "--restart-every must be at least 1" in capsys.readouterr().err
