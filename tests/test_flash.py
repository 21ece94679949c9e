"""`earpiece flash` without a board: dry-run commands, a pseudo-terminal standing in for a board that
is not in its bootloader, a missing port, the .mpy query, the HELLO check over a real pty, and the
MicroPython download against local sockets."""

from __future__ import annotations

import http.server
import os
import shlex
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from earpiece_host.protocol import Hello, encode_frame
from earpiece_tools import flash
from earpiece_tools import fetch
from earpiece_tools.fetch import FetchError, Offline, fetch_micropython
from earpiece_tools.flash import (FlashError, NotInBootloader, WrongChip, WrongFirmwareVersion, check_hello,
                                  classify_esptool_failure, main, parse_board_mpy)
from earpiece_tools.image import mpy_cross_version

from test_image import make_micropython_bin

MICROPYTHON = Path(sys.executable).with_name("micropython")
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture()
def firmware_dir(tmp_path: Path) -> Path:
    src = tmp_path / "firmware"
    src.mkdir()
    (src / "main.py").write_text("import app\n")
    (src / "app.py").write_text("X = 1\n")
    (src / "board_unix.py").write_text("# virtual earpiece only\n")
    return src


@pytest.fixture()
def pty_port():
    """A pseudo-terminal: a serial port with nothing on the other end that speaks the ESP protocol."""
    master, slave = os.openpty()
    yield os.ttyname(slave), master
    os.close(master)
    os.close(slave)


@pytest.mark.parametrize("chip,offset", [("esp32", "0x1000"), ("esp32s3", "0x0")])
def test_dry_run_prints_the_exact_commands(chip, offset, tmp_path, firmware_dir, capsys):
    mp = tmp_path / "mp.bin"
    stage = tmp_path / "stage"
    assert main(["--port", "/dev/ttyUSB7", "--chip", chip, "--micropython", str(mp), "--firmware",
                 str(firmware_dir), "--stage-dir", str(stage), "--dry-run"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if not line.startswith("#")]
    assert lines == [
        f"esptool --chip {chip} --port /dev/ttyUSB7 --baud 460800 erase-flash",
        f"esptool --chip {chip} --port /dev/ttyUSB7 --baud 460800 write-flash {offset} {mp}",
        "mpremote connect /dev/ttyUSB7 exec 'import sys; print(sys.implementation._mpy)'",
        f"mpremote connect /dev/ttyUSB7 fs cp -r {stage / 'app.mpy'} {stage / 'config.json'} "
        f"{stage / 'main.py'} :",
        "mpremote connect /dev/ttyUSB7 reset",
    ]
    # What mpremote would copy is really there: compiled module, main.py as source, the config.
    assert (stage / "app.mpy").read_bytes()[:2] == b"M\x06"
    assert (stage / "main.py").read_text() == "import app\n"
    assert not (stage / "board_unix.mpy").exists()
    assert '"battery_adc"' in (stage / "config.json").read_text()


def test_dry_run_without_an_image_names_the_official_download(firmware_dir, tmp_path, capsys):
    assert main(["--port", "COM5", "--chip", "esp32s3", "--firmware", str(firmware_dir),
                 "--stage-dir", str(tmp_path / "s"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    official = fetch.OFFICIAL_IMAGES["esp32s3"]
    assert f"# download {official.url}" in out and "SHA-256" in out
    assert "ESP32_GENERIC_S3" in official.url
    assert f"write-flash 0x0 {fetch.CACHE_DIR / official.filename}" in out


def test_official_images_are_releases_and_the_s3_build_drives_octal_psram():
    import re

    for chip, official in fetch.OFFICIAL_IMAGES.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", official.version), (chip, official.version)
        assert re.fullmatch(r"20\d{6}", official.date)
        assert official.filename.endswith(f"-v{official.version}.bin")
    s3 = fetch.OFFICIAL_IMAGES["esp32s3"]
    # the XIAO ESP32S3 (hardware/bom.md) has octal PSRAM: only the SPIRAM_OCT build drives it
    assert s3.variant == "SPIRAM_OCT"
    assert s3.url.endswith(f"/ESP32_GENERIC_S3-SPIRAM_OCT-{s3.date}-v{s3.version}.bin")
    assert s3.page.endswith("/ESP32_GENERIC_S3/")
    assert fetch.OFFICIAL_IMAGES["esp32"].filename.startswith("ESP32_GENERIC-2")


@pytest.mark.slow
def test_flashing_a_pty_fails_with_not_in_bootloader_and_does_not_hang(pty_port, tmp_path, firmware_dir):
    port, _master = pty_port
    mp = tmp_path / "mp.bin"
    mp.write_bytes(make_micropython_bin("esp32"))
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from earpiece_tools.flash import main; "
                               "raise SystemExit(main(sys.argv[1:]))",
         "--port", port, "--chip", "esp32", "--micropython", str(mp), "--firmware", str(firmware_dir),
         "--stage-dir", str(tmp_path / "stage")],
        capture_output=True, text=True, timeout=90)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "not in bootloader mode" in proc.stderr
    assert "hold BOOT, tap RESET, then run again" in proc.stderr
    assert time.monotonic() - started < 90


def test_missing_port_is_a_clear_error(tmp_path, firmware_dir, capsys):
    mp = tmp_path / "mp.bin"
    mp.write_bytes(make_micropython_bin("esp32"))
    assert main(["--port", "/dev/ttyNO_SUCH_PORT", "--chip", "esp32", "--micropython", str(mp),
                 "--firmware", str(firmware_dir)]) == 1
    err = capsys.readouterr().err
    assert "no such serial port /dev/ttyNO_SUCH_PORT" in err
    assert "plug the board in, check `earpiece flash --list-ports`" in err


def test_image_for_the_other_chip_is_refused_before_touching_the_board(pty_port, tmp_path, firmware_dir,
                                                                       capsys):
    port, _master = pty_port
    mp = tmp_path / "mp.bin"
    mp.write_bytes(make_micropython_bin("esp32s3"))
    started = time.monotonic()
    assert main(["--port", port, "--chip", "esp32", "--micropython", str(mp), "--firmware",
                 str(firmware_dir)]) == 1
    assert "built for esp32s3, not esp32" in capsys.readouterr().err
    assert time.monotonic() - started < 5  # esptool was never started


def test_esptool_wrong_chip_message_becomes_a_wrong_chip_error():
    # esptool's loader raises exactly this text when --chip names another chip.
    output = "Connecting....\nA fatal error occurred: This chip is ESP32-S3, not ESP32. Wrong chip argument?"
    with pytest.raises(WrongChip, match="is an ESP32-S3, not esp32: run again with --chip esp32s3"):
        classify_esptool_failure(output, ["esptool", "--chip", "esp32", "--port", "/dev/ttyUSB0"])
    with pytest.raises(NotInBootloader, match="hold BOOT, tap RESET"):
        classify_esptool_failure("Failed to connect to ESP32: No serial data received.",
                                 ["esptool", "--chip", "esp32", "--port", "/dev/ttyUSB0"])


def test_board_mpy_query_matches_the_real_interpreter():
    """The query flash sends, run by a real MicroPython, parses to the .mpy version mpy-cross emits."""
    proc = subprocess.run([str(MICROPYTHON), "-c", flash.MPY_QUERY], capture_output=True, text=True,
                          timeout=30)
    assert parse_board_mpy(proc.stdout) == mpy_cross_version()
    with pytest.raises(FlashError, match="did not report its .mpy version"):
        parse_board_mpy("Traceback (most recent call last):\n")


def _send_hellos(master: int, version: str, stop: threading.Event) -> None:
    """Like the firmware: boot text, then HELLO once in a while until told to stop."""
    os.write(master, b"ets Jun  8 2016 00:22:57\r\nrst:0x1 (POWERON_RESET)\r\nMicroPython v1.29\r\n")
    seq = 0
    while not stop.is_set():
        os.write(master, encode_frame(Hello(device_id="earpiece-test", firmware_version=version), seq))
        seq += 1
        stop.wait(0.1)


@pytest.mark.parametrize("sent,expected,ok", [("0.1.0", "0.1.0", True), ("0.0.9", "0.1.0", False),
                                              ("0.3.0", None, True)])
def test_hello_check_over_a_pty(pty_port, sent, expected, ok):
    port, master = pty_port
    stop = threading.Event()
    sender = threading.Thread(target=_send_hellos, args=(master, sent, stop), daemon=True)
    sender.start()
    try:
        if ok:
            assert check_hello(port, expected, timeout_s=10) == sent
        else:
            with pytest.raises(WrongFirmwareVersion, match=f"firmware {sent}, but {expected} was just copied"):
                check_hello(port, expected, timeout_s=10)
    finally:
        stop.set()
        sender.join(timeout=5)


def test_hello_check_gives_up_on_a_silent_port(pty_port):
    port, _master = pty_port
    started = time.monotonic()
    with pytest.raises(WrongFirmwareVersion, match="did not send HELLO .* within 1 s"):
        check_hello(port, "0.1.0", timeout_s=1)
    assert time.monotonic() - started < 10


def test_expected_version_reads_version_py_and_tolerates_its_absence(tmp_path):
    assert flash.expected_version(tmp_path / "missing.py") is None
    (tmp_path / "version.py").write_text('"""Firmware version."""\nVERSION = "1.2.3"\n')
    assert flash.expected_version(tmp_path / "version.py") == "1.2.3"


def test_offline_download_says_what_to_do(tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on: connection refused, as when offline
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(Offline, match="on a connected machine download .* run again with --micropython"):
        fetch_micropython("esp32", cache_dir=tmp_path, url=f"http://127.0.0.1:{port}/mp.bin")
    assert not list(tmp_path.iterdir())  # no half-written file left behind


def test_download_reports_progress_and_refuses_an_unpinned_checksum(tmp_path):
    payload = make_micropython_bin("esp32")
    served = tmp_path / "www"
    served.mkdir()
    (served / "mp.bin").write_bytes(payload)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(served), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/mp.bin"
        seen: list[tuple[int, int]] = []
        cache = tmp_path / "cache"
        if not fetch.OFFICIAL_IMAGES["esp32"].sha256:
            with pytest.raises(FetchError, match="no pinned checksum .* --micropython"):
                fetch_micropython("esp32", cache_dir=cache, url=url, progress=lambda d, t: seen.append((d, t)))
        path = fetch_micropython("esp32", allow_unpinned=True, cache_dir=cache, url=url,
                                 progress=lambda d, t: seen.append((d, t)))
        assert path.read_bytes() == payload
        assert seen and seen[-1] == (len(payload), len(payload))
    finally:
        server.shutdown()
        thread.join(timeout=5)


def test_list_ports_never_fails(capsys):
    assert main(["--list-ports"]) == 0
    assert capsys.readouterr().out.strip()


def test_commands_are_shell_quoted_so_they_can_be_pasted(tmp_path, firmware_dir, capsys):
    main(["--port", "/dev/ttyUSB0", "--chip", "esp32", "--micropython", str(tmp_path / "my fw.bin"),
          "--firmware", str(firmware_dir), "--stage-dir", str(tmp_path / "s"), "--dry-run"])
    write = [line for line in capsys.readouterr().out.splitlines() if "write-flash" in line][0]
    assert shlex.split(write)[-1] == str(tmp_path / "my fw.bin")


@pytest.mark.slow
def test_hello_check_understands_the_real_firmware(tmp_path):
    """The real firmware (unix port) on a pty sends HELLO; the flash check reads its version from it."""
    import select

    if not (REPO / "firmware" / "main_unix.py").exists():
        pytest.skip("the virtual earpiece entry point is not there yet")
    master, slave = os.openpty()
    port = os.ttyname(slave)
    proc = subprocess.Popen([str(MICROPYTHON), "main_unix.py", "--connect", f"serial://{port}",
                             "--exit-when", "never", "--duration-s", "20"],
                            cwd=REPO / "firmware", stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def read() -> bytes:
        ready, _, _ = select.select([master], [], [], 0.2)
        return os.read(master, 4096) if ready else b""

    try:
        version = flash.hello_from_stream(read, timeout_s=15)
    finally:
        proc.kill()
        proc.communicate(timeout=10)
        os.close(master)
        os.close(slave)
    assert version, "no HELLO from the firmware"
    expected = flash.expected_version()
    if expected is not None:
        assert version == expected, "the firmware's HELLO and firmware/version.py disagree"
