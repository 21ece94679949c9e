"""`earpiece flash`: MicroPython, the compiled firmware and its config onto a board over USB serial.

The steps are plain esptool and mpremote commands (the same ones `--dry-run` prints), run one after the
other with a timeout each, and their failures turned into errors that say what to do: a board that is
not in its bootloader, a board of another chip, a MicroPython whose .mpy version the firmware does not
match, or a firmware that does not answer HELLO with the version just copied.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

from earpiece_host.private_files import private_dir, write_private
from earpiece_tools.fetch import CACHE_DIR, OFFICIAL_IMAGES, FetchError, fetch_micropython
from earpiece_tools.image import (FIRMWARE_DIR, FLASH_OFFSET, ImageError, check_chip,
                                  check_mpy_compatible, compile_firmware, config_bytes, default_config)

DEFAULT_CHIP = "esp32s3"
DEFAULT_BAUD = 460800
VERSION_FILE = FIRMWARE_DIR / "version.py"
ESPTOOL_TIMEOUT_S = {"erase-flash": 120.0, "write-flash": 300.0}
MPREMOTE_TIMEOUT_S = 60.0
PORT_RETURN_TIMEOUT_S = 15.0
HELLO_TIMEOUT_S = 15.0

BOOTLOADER_HINT = "hold BOOT, tap RESET, then run again (release BOOT once writing starts)"


class FlashError(Exception):
    """Flashing stopped; the message says what went wrong and what to do next."""


class NoSuchPort(FlashError):
    pass


class NotInBootloader(FlashError):
    pass


class WrongChip(FlashError):
    pass


class MpyMismatch(FlashError):
    pass


class WrongFirmwareVersion(FlashError):
    pass


@dataclass(frozen=True)
class FlashOptions:
    port: str
    chip: str = DEFAULT_CHIP
    micropython: Path | None = None
    baud: int = DEFAULT_BAUD
    firmware_dir: Path = FIRMWARE_DIR
    config: Path | None = None
    stage_dir: Path | None = None
    connect_attempts: int = 7
    verify_hello: bool = True
    allow_unpinned_download: bool = False


# ---------------------------------------------------------------------------------------------------
# The plan: exact commands, shared by --dry-run and the real run.


def esptool_args(opts: FlashOptions, command: str, *rest: str) -> list[str]:
    args = ["esptool", "--chip", opts.chip, "--port", opts.port, "--baud", str(opts.baud)]
    if opts.connect_attempts != 7:  # esptool's own default; only spelled out when changed
        args += ["--connect-attempts", str(opts.connect_attempts)]
    return args + [command, *rest]


def mpremote_args(opts: FlashOptions, *rest: str) -> list[str]:
    return ["mpremote", "connect", opts.port, *rest]


MPY_QUERY = "import sys; print(sys.implementation._mpy)"


def stage_files(opts: FlashOptions) -> tuple[Path, dict[str, bytes]]:
    """Compile the firmware and write it, with config.json, into the staging directory."""
    files = compile_firmware(opts.firmware_dir, opts.chip)
    if opts.config is not None:
        try:
            files["config.json"] = opts.config.read_bytes()
        except OSError as exc:
            raise FlashError(f"cannot read the config {opts.config}: {exc.strerror}; check the path") from exc
    else:
        files["config.json"] = config_bytes(default_config(opts.chip))
    # config.json may hold the Wi-Fi password and the pairing key: the staging folder is the
    # user's alone (0700, a fresh one unless --stage-dir) and every file is 0600 from its first byte.
    if opts.stage_dir is None:
        stage = Path(tempfile.mkdtemp(prefix=f"earpiece-flash-{opts.chip}-"))
    else:
        stage = opts.stage_dir
        if stage.exists():
            shutil.rmtree(stage)
    private_dir(stage)
    for name, data in files.items():
        path = stage / name
        private_dir(path.parent)
        write_private(path, data)
    return stage, files


def copy_args(opts: FlashOptions, stage: Path, files: Mapping[str, bytes]) -> list[str]:
    """One mpremote cp of the staged top-level files and folders (folders recursively) to the root."""
    tops = sorted({name.split("/")[0] for name in files})
    return mpremote_args(opts, "fs", "cp", "-r", *[str(stage / top) for top in tops], ":")


def plan_commands(opts: FlashOptions, image_path: Path, stage: Path,
                  files: Mapping[str, bytes]) -> list[list[str]]:
    offset = f"0x{FLASH_OFFSET[opts.chip]:x}"
    return [
        esptool_args(opts, "erase-flash"),
        esptool_args(opts, "write-flash", offset, str(image_path)),
        mpremote_args(opts, "exec", MPY_QUERY),
        copy_args(opts, stage, files),
        mpremote_args(opts, "reset"),
    ]


def expected_version(version_file: Path = VERSION_FILE) -> str | None:
    """The firmware's VERSION string from firmware/version.py, or None if the file is not there."""
    try:
        text = version_file.read_text(encoding="utf-8")
    except OSError:
        return None
    match = re.search(r"""^VERSION\s*=\s*["']([^"']+)["']""", text, re.MULTILINE)
    return match.group(1) if match else None


def dry_run(opts: FlashOptions, out=None) -> int:
    out = out or sys.stdout
    image_path, fetch_note = _image_for_dry_run(opts)
    stage, files = stage_files(opts)
    version = expected_version()
    print(f"# earpiece flash, {opts.chip}, port {opts.port}: dry run, nothing is sent to the board", file=out)
    if fetch_note:
        print(f"# {fetch_note}", file=out)
    print(f"# firmware compiled with mpy-cross into {stage}", file=out)
    for argv in plan_commands(opts, image_path, stage, files):
        print(shlex.join(argv), file=out)
    if opts.verify_hello:
        print(f"# then: read frames on {opts.port} until HELLO; expect firmware version "
              f"{version or '(any: firmware/version.py not found)'}", file=out)
    return 0


def _image_for_dry_run(opts: FlashOptions) -> tuple[Path, str]:
    if opts.micropython is not None:
        return opts.micropython, ""
    official = OFFICIAL_IMAGES[opts.chip]
    path = CACHE_DIR / official.filename
    return path, f"download {official.url} -> {path} and check its SHA-256"


# ---------------------------------------------------------------------------------------------------
# Running the steps.


def port_exists(port: str) -> bool:
    if os.path.exists(port):
        return True
    from serial.tools import list_ports

    return any(p.device == port for p in list_ports.comports())


def list_ports_text() -> str:
    from serial.tools import list_ports

    ports = sorted(list_ports.comports(), key=lambda p: p.device)
    if not ports:
        return "no serial ports found: plug the board in with a data (not charge-only) USB cable"
    return "\n".join(f"{p.device}\t{p.description}" for p in ports)


def require_port(port: str) -> None:
    if not port_exists(port):
        raise NoSuchPort(f"no such serial port {port}; plug the board in, check `earpiece flash --list-ports`")


def _tool(argv: Sequence[str]) -> list[str]:
    """Run esptool and mpremote from this Python so the versions the project pins are the ones used."""
    return [sys.executable, "-m", argv[0], *argv[1:]]


def run_esptool(argv: list[str], timeout_s: float) -> str:
    try:
        proc = subprocess.run(_tool(argv), capture_output=True, text=True, timeout=timeout_s,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        port = argv[argv.index("--port") + 1]
        raise NotInBootloader(f"esptool got no answer within {timeout_s:.0f} s on {port}: "
                              f"{BOOTLOADER_HINT}") from exc
    output = proc.stdout + proc.stderr
    if proc.returncode == 0:
        return output
    classify_esptool_failure(output, argv)
    raise FlashError(f"`{shlex.join(argv)}` failed:\n{_tail(output)}\nfix the cause above and run again")


def classify_esptool_failure(output: str, argv: Sequence[str]) -> None:
    """Raise the named error an esptool failure means, if it is one we know."""
    chip = argv[argv.index("--chip") + 1] if "--chip" in argv else "?"
    port = argv[argv.index("--port") + 1] if "--port" in argv else "?"
    wrong = re.search(r"This chip is (ESP32[-\w]*),? not (ESP32[-\w]*)", output)
    if wrong or "Wrong chip argument" in output:
        found = wrong.group(1) if wrong else "another chip"
        flag = found.lower().replace("-", "") if wrong else "..."
        raise WrongChip(f"the board on {port} is an {found}, not {chip}: run again with --chip {flag}")
    if re.search(r"Failed to connect|No serial data received|Invalid head of packet|"
                 r"Timed out waiting for packet|Wrong boot mode detected|Download mode.*not", output):
        raise NotInBootloader(f"the board on {port} is not in bootloader mode (esptool could not talk to "
                              f"it): {BOOTLOADER_HINT}")
    if re.search(r"could not open port|No such file or directory|Permission denied", output):
        if "Permission denied" in output:
            raise NoSuchPort(f"cannot open {port}: permission denied; add yourself to the serial group "
                             "(e.g. `sudo usermod -aG dialout $USER`, then log in again)")
        raise NoSuchPort(f"no such serial port {port}; plug the board in, check `earpiece flash --list-ports`")


def run_mpremote(argv: list[str], timeout_s: float = MPREMOTE_TIMEOUT_S) -> str:
    try:
        proc = subprocess.run(_tool(argv), capture_output=True, text=True, timeout=timeout_s,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise FlashError(f"mpremote did not finish within {timeout_s:.0f} s: the board is busy or not running "
                         "MicroPython; tap RESET and run again (hold the button while it boots for safe "
                         "mode)") from exc
    if proc.returncode != 0:
        raise FlashError(f"`{shlex.join(argv)}` failed:\n{_tail(proc.stdout + proc.stderr)}\n"
                         "tap RESET and run again; if it persists, reflash with `earpiece flash`")
    return proc.stdout


def parse_board_mpy(output: str) -> tuple[int, int]:
    """(version, sub-version) from the board's sys.implementation._mpy (version | sub << 8 | arch << 10)."""
    match = re.search(r"^\s*(\d+)\s*$", output, re.MULTILINE)
    if match is None:
        raise FlashError(f"the board did not report its .mpy version (got {output.strip()!r}); it may not be "
                         "running MicroPython: reflash with `earpiece flash`")
    value = int(match.group(1))
    return value & 0xFF, (value >> 8) & 0x03


def wait_for_port(port: str, timeout_s: float = PORT_RETURN_TIMEOUT_S) -> None:
    """Native USB boards drop off the bus while they reset; wait until the port is back."""
    deadline = time.monotonic() + timeout_s
    while not port_exists(port):
        if time.monotonic() > deadline:
            raise NoSuchPort(f"{port} did not come back within {timeout_s:.0f} s after the reset; unplug and "
                             "replug the board, check `earpiece flash --list-ports`, then run again")
        time.sleep(0.2)


def hello_from_stream(read: Callable[[], bytes], timeout_s: float) -> str | None:
    """Feed bytes from read() to the protocol decoder until a HELLO arrives; its firmware_version.

    read() returns what arrived within a short wait (b"" if nothing). None when timeout_s passes first.
    """
    from earpiece_host.protocol import FrameDecoder, Hello

    decoder = FrameDecoder()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        data = read()
        for message in decoder.feed(data) if data else ():
            if isinstance(message, Hello):
                return message.firmware_version
    return None


def read_hello_version(port: str, timeout_s: float = HELLO_TIMEOUT_S, baud: int = 115200) -> str:
    """Open the link and return the firmware_version of the first HELLO the device sends.

    The device repeats HELLO every second until it is welcomed, and the decoder skips boot text, so
    opening the port at any moment works.
    """
    import serial

    try:
        link = serial.Serial(port, baud, timeout=0.2)
    except serial.SerialException as exc:
        raise NoSuchPort(f"cannot open {port} to check the firmware: {exc}; check `earpiece flash "
                         "--list-ports`") from exc
    with link:
        version = hello_from_stream(lambda: link.read(4096), timeout_s)
    if version is None:
        raise WrongFirmwareVersion(
            f"the firmware did not send HELLO on {port} within {timeout_s:.0f} s: it may have stopped at "
            f"boot; look at its console with `mpremote connect {port} repl` (hold the button while it "
            "boots for safe mode), then run `earpiece flash` again")
    return version


def check_hello(port: str, expected: str | None, timeout_s: float = HELLO_TIMEOUT_S) -> str:
    version = read_hello_version(port, timeout_s)
    if expected is not None and version != expected:
        raise WrongFirmwareVersion(
            f"the board answers HELLO with firmware {version}, but {expected} was just copied: the copy did "
            f"not take or an old main.py runs; check `mpremote connect {port} fs ls`, then run "
            "`earpiece flash` again")
    return version


# ---------------------------------------------------------------------------------------------------


def flash(opts: FlashOptions, log: Callable[[str], None] = print) -> str | None:
    """Run every step; returns the firmware version the board reported (None if not checked)."""
    require_port(opts.port)
    image_path = opts.micropython or fetch_micropython(opts.chip, opts.allow_unpinned_download)
    try:
        check_chip(image_path.read_bytes(), opts.chip)
    except OSError as exc:
        raise FlashError(f"cannot read {image_path}: {exc.strerror}; check the path") from exc
    stage, files = stage_files(opts)
    erase, write, query, copy, reset = plan_commands(opts, image_path, stage, files)
    log(f"erasing flash on {opts.port} ({opts.chip})")
    run_esptool(erase, ESPTOOL_TIMEOUT_S["erase-flash"])
    log(f"writing {image_path.name} at 0x{FLASH_OFFSET[opts.chip]:x}")
    run_esptool(write, ESPTOOL_TIMEOUT_S["write-flash"])
    wait_for_port(opts.port)
    board_mpy = parse_board_mpy(run_mpremote(query))
    try:
        check_mpy_compatible(files, board_mpy, "the MicroPython on the board")
    except ImageError as exc:
        raise MpyMismatch(str(exc)) from exc
    log(f"copying {len(files)} files")
    run_mpremote(copy)
    log("resetting")
    run_mpremote(reset)
    if not opts.verify_hello:
        return None
    wait_for_port(opts.port)
    expected = expected_version()
    version = check_hello(opts.port, expected)
    log(f"the firmware answers HELLO, version {version}")
    return version


def _tail(text: str, lines: int = 8) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="earpiece flash",
        description="Erase the board, write MicroPython, copy the compiled firmware and config.json, "
                    "reset, and check that the firmware answers HELLO with the expected version.")
    parser.add_argument("--port", help="serial port of the board, e.g. /dev/ttyACM0 or COM5")
    parser.add_argument("--chip", choices=sorted(FLASH_OFFSET), default=DEFAULT_CHIP)
    parser.add_argument("--micropython", type=Path, metavar="FILE.bin",
                        help="MicroPython firmware .bin (default: download the official build)")
    parser.add_argument("--baud", type=int, default=DEFAULT_BAUD)
    parser.add_argument("--firmware", type=Path, default=FIRMWARE_DIR, metavar="DIR")
    parser.add_argument("--config", type=Path, metavar="config.json",
                        help="config to write (default: the board's pins from hardware/pinout.json)")
    parser.add_argument("--stage-dir", type=Path, metavar="DIR",
                        help="where the compiled files are staged for mpremote")
    parser.add_argument("--connect-attempts", type=int, default=7,
                        help="esptool connection attempts before giving up (default 7)")
    parser.add_argument("--no-verify", action="store_true", help="skip the HELLO version check")
    parser.add_argument("--allow-unpinned-download", action="store_true",
                        help="use a downloaded MicroPython even if no SHA-256 is pinned for it")
    parser.add_argument("--dry-run", action="store_true", help="print the exact commands and stop")
    parser.add_argument("--list-ports", action="store_true", help="list serial ports and stop")
    args = parser.parse_args(argv)
    if args.list_ports:
        print(list_ports_text())
        return 0
    if not args.port:
        print("error: --port is required; find it with `earpiece flash --list-ports`", file=sys.stderr)
        return 2
    opts = FlashOptions(port=args.port, chip=args.chip, micropython=args.micropython, baud=args.baud,
                        firmware_dir=args.firmware, config=args.config, stage_dir=args.stage_dir,
                        connect_attempts=args.connect_attempts, verify_hello=not args.no_verify,
                        allow_unpinned_download=args.allow_unpinned_download)
    try:
        if args.dry_run:
            return dry_run(opts)
        flash(opts)
    except (FlashError, FetchError, ImageError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("done: the earpiece is flashed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
