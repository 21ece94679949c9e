"""``earpiece soak``: N virtual earpieces in conversation with the real host for M minutes.

The host is ``earpiece serve`` in its own process (real speech engines), so that its memory,
descriptors and threads are its own; each virtual earpiece is the real firmware in MicroPython,
paired with the host (its own device id and key in its own config.json), tapping its button and
speaking varied requests one after another for the whole run. It prints one JSON object:
requests answered (read off each device's own timeline: reply audio played after the request and
before the next), errors, reconnects, and the host's RSS, descriptors and threads at start and end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from types import SimpleNamespace

from earpiece_host.audio import SAMPLE_RATE_HZ, write_wav
from earpiece_host.protocol import DeviceState

from . import harness, sim
from .timeline import Kind, Record, read_timeline

# Questions with short answers that change nothing, so that the OS's data (and its answers) stay
# the same size however long the soak runs: a soak measures the host, not a growing shopping list.
REQUESTS = (
    "What time is it?",
    "What's the date today?",
    "What's your name?",
    "How is my battery?",
    "What day is it tomorrow?",
    "What are my reminders?",
    "Who are you?",
    "What's on my shopping list?",
    "How much time is left on my timer?",
    "What is my locker number?",
    "Read my notes.",
    "Thank you.",
)
# After each request, before the next tap: its answer must start playing in here. Replies are
# 1-4 s long; the rest is room for a slow host on a busy machine.
ANSWER_WINDOW_S = 10.0
HOST_START_TIMEOUT_S = 180.0  # loading the speech engines on a busy machine
# The first tap of each run: a tap before the host's welcome is lost (and with it the whole
# run's timing, as the microphone starts with the first tap), and a loaded host welcomes late.
FIRST_TAP_S = 6.0
_LISTENING = re.compile(r"listening for earpieces on tcp://([\d.]+):(\d+)")


class SoakError(RuntimeError):
    """The soak could not run (the host did not start, a device could not be set up)."""


def make_device_config(device_id: str, config_path: Path, host_data_dir: Path) -> Path:
    """Pair a virtual earpiece with the soak's host and write the config.json it boots with
    (``earpiece sim --config FILE``).

    The one place where a device is set up, the way a user does it: ``earpiece devices pair``
    stores a fresh key in the host's pairing file (in ``host_data_dir``, before the host starts)
    and writes the device's config.json (mode 0600) holding its id and the same key.
    """
    config_path.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-m", "earpiece_host.cli", "devices", "pair", device_id,
                           "--config-out", str(config_path), "--data-dir", str(host_data_dir)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SoakError(f"could not pair {device_id}: {(done.stderr or done.stdout).strip()}")
    return config_path


@dataclass(frozen=True)
class ProcessSample:
    """One look at a process: RSS now and at its peak (MB), open descriptors, threads, the CPU
    time it has used (s) and the machine's load average over the last minute."""

    t_s: float
    rss_mb: float
    peak_rss_mb: float
    fds: int
    threads: int
    cpu_s: float
    load_1min: float


def sample_process(pid: int, t_s: float = 0.0) -> ProcessSample | None:
    """Read /proc for the process (None once it has gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        fds = len(os.listdir(f"/proc/{pid}/fd"))
        # utime and stime, in clock ticks: fields 14 and 15, counted after the command's ")"
        ticks = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[11:13]
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)

    def kb(name: str) -> float:
        return round(int(fields[name].split()[0]) / 1024.0, 1)

    cpu_s = sum(int(t) for t in ticks) / os.sysconf("SC_CLK_TCK")
    return ProcessSample(round(t_s, 1), kb("VmRSS"), kb("VmHWM"), fds, int(fields["Threads"]),
                         round(cpu_s, 1), round(os.getloadavg()[0], 2))


class HostProcess:
    """``earpiece serve`` on a free loopback port, its log in a file."""

    def __init__(self, data_dir: Path, log_path: Path, engine_args: list[str]) -> None:
        self.data_dir = data_dir
        self.log_path = log_path
        self.engine_args = engine_args
        self.proc: subprocess.Popen | None = None
        self.port = 0

    def start(self, timeout_s: float = HOST_START_TIMEOUT_S) -> int:
        cmd = [sys.executable, "-m", "earpiece_host.cli", "serve", "--listen", "tcp://127.0.0.1:0",
               "--data-dir", str(self.data_dir), *self.engine_args]
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            found = _LISTENING.search(self.log_path.read_text(errors="replace"))
            if found:
                self.port = int(found.group(2))
                return self.port
            if self.proc.poll() is not None:
                raise SoakError(f"the host exited with code {self.proc.returncode} before it "
                                f"listened:\n{self.log_tail()}")
            time.sleep(0.2)
        self.stop()
        raise SoakError(f"the host did not listen within {timeout_s:.0f} s:\n{self.log_tail()}")

    def sample(self, t_s: float) -> ProcessSample | None:
        return sample_process(self.proc.pid, t_s) if self.proc else None

    def stop(self, timeout_s: float = 30.0) -> int | None:
        """Ctrl-C, as a user would; killed if it does not stop in time."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout_s)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def log_counts(self) -> dict:
        """Log records by level, and tracebacks (each one a bug)."""
        text = self.log_path.read_text(errors="replace")
        return {"errors": len(re.findall(r" (?:ERROR|CRITICAL) ", text)),
                "warnings": len(re.findall(r" WARNING ", text)),
                "tracebacks": text.count("Traceback (most recent call last)"),
                "asr": _after(text, "speech recognition: "),
                "tts": _after(text, "speech synthesis: ")}


def _after(text: str, marker: str) -> str | None:
    i = text.find(marker)
    return text[i + len(marker):].splitlines()[0].strip() if i >= 0 else None


def plan_scripts(requests: list[harness.Request], devices: int, seconds: float,
                 answer_window_s: float = ANSWER_WINDOW_S,
                 max_requests: int | None = None) -> list[list[harness.Script]]:
    """Per device, its runs: requests in rotation for ``seconds`` after the first tap, in one run
    (one sim process, one session), or cut into runs of at most ``max_requests`` (the earpiece
    restarts between them: a new session each time). Each device starts a fraction of a request
    later than the one before, so that they overlap the way independent users do instead of speaking in unison."""
    slots = [harness.TAP_LEAD_S + len(r.pcm) / (2 * SAMPLE_RATE_HZ) + answer_window_s
             for r in requests]
    stagger_s = sum(slots) / len(slots) / devices
    plans = []
    for d in range(devices):
        order = requests[d % len(requests):] + requests[:d % len(requests)]
        chosen, total = [], 0.0
        while total < seconds or not chosen:
            r = order[len(chosen) % len(order)]
            chosen.append(r)
            total += harness.TAP_LEAD_S + len(r.pcm) / (2 * SAMPLE_RATE_HZ) + answer_window_s
        per_run = max_requests or len(chosen)
        runs = [_delayed(harness.build_script(chosen[i:i + per_run], answer_window_s),
                         FIRST_TAP_S - harness.FIRST_TAP_S)
                for i in range(0, len(chosen), per_run)]
        runs[0] = _delayed(runs[0], d * stagger_s)
        plans.append(runs)
    return plans


def _delayed(script: harness.Script, delay_s: float) -> harness.Script:
    """The same run with every tap ``delay_s`` later. The microphone WAV starts playing when
    the first tap opens the microphone, so the audio itself needs no padding."""
    return harness.Script(script.mic_pcm, tuple(t + delay_s for t in script.taps_s),
                          script.request_starts, script.requests)


@dataclass
class RequestOutcome:
    device_id: str
    request: str
    at_s: float  # sim time of its tap
    answered: bool
    latency_ms: float | None  # last voiced sample in -> first reply sample out
    # not answered: "late" (the host had ended the turn and was working on it when the next tap
    # came) or "unheard" (the host never ended the turn)
    missed: str | None = None
    # for one not answered, read off the timeline: when the host ended the turn and when its
    # reply began playing (seconds after the request's last voiced sample; None: never), and why
    host_ended_turn_s: float | None = None
    reply_began_s: float | None = None
    cause: str | None = None


def outcomes(device_id: str, script: harness.Script, records: list[Record]) -> list[RequestOutcome]:
    """Each request is answered if reply audio played between its end and the next tap."""
    played = [r.t_us for r in records if r.kind == Kind.SPEAKER_PLAYED]
    thinking = [r.t_us for r in records if r.kind == Kind.STATE and r.a == DeviceState.THINKING]
    out = []
    for i, (request, start) in enumerate(zip(script.requests, script.request_starts)):
        tap_us = script.taps_s[i] * 1e6
        end_us = harness.sample_time_us(records, start + request.voiced_end_sample)
        next_us = script.taps_s[i + 1] * 1e6 if i + 1 < len(script.taps_s) else float("inf")
        first = None
        if end_us is not None:
            first = next((t for t in played if end_us <= t < next_us), None)
        missed = ended_s = began_s = cause = None
        if first is None:
            missed = "late" if any(tap_us <= t < next_us for t in thinking) else "unheard"
            ended_s, began_s, cause = _why_unanswered(records, tap_us, end_us, next_us)
        out.append(RequestOutcome(device_id, request.text, round(script.taps_s[i], 1),
                                  first is not None,
                                  None if first is None else round((first - end_us) / 1000.0, 1),
                                  missed, ended_s, began_s, cause))
    return out


def _why_unanswered(records: list[Record], tap_us: float, end_us: float | None, next_us: float
                    ) -> tuple[float | None, float | None, str]:
    """When the host ended the turn and began its reply, relative to the request's end, and a
    sentence saying what went wrong."""
    if end_us is None:
        return None, None, "the request never entered the microphone (the run ended first)"
    ended = next((r.t_us for r in records if r.kind == Kind.LISTEN_RX and tap_us <= r.t_us), None)
    ended = ended if ended is not None and ended < next_us else None
    # the reply to this request, if it ever came: the first played after its end, up to the
    # tap after next (the next tap itself interrupts a reply playing then)
    began = next((r.t_us for r in records if r.kind == Kind.SPEAKER_PLAYED and r.t_us >= end_us),
                 None)

    def s(t_us: float | None) -> float | None:
        return None if t_us is None else round((t_us - end_us) / 1e6, 1)

    window_s = (next_us - end_us) / 1e6
    if ended is None:
        cause = (f"the host had not ended the turn {window_s:.1f} s after the request (the next "
                 "tap ended it): it was behind the earpiece's audio")
    elif began is None or began >= next_us:
        cause = (f"the host ended the turn after {s(ended)} s but its reply had not begun "
                 f"{window_s:.1f} s after the request")
    else:
        cause = "a reply began but before the request's end"
    return s(ended), s(began if began is not None and began < next_us + 30e6 else None), cause


@dataclass
class Device:
    device_id: str
    config: Path
    folder: Path
    runs: list[harness.Script]

    def files(self, k: int) -> tuple[Path, Path, Path]:
        """Microphone WAV, speaker WAV and timeline of run k."""
        return (self.folder / f"mic-{k + 1}.wav", self.folder / f"speaker-{k + 1}.wav",
                self.folder / f"timeline-{k + 1}.bin")

    def buttons_file(self, k: int) -> Path:
        """Run k's taps, one "SECONDS:tap" a line (a long run's script is too long for an
        argument of the MicroPython unix port)."""
        return self.folder / f"buttons-{k + 1}.txt"


async def _run_sim(device: Device, k: int, connect: str, heap: str) -> sim.SimResult:
    mic, speaker, timeline = device.files(k)
    script = device.runs[k]
    buttons = device.buttons_file(k)
    buttons.write_text("".join(f"{t:.3f}:tap\n" for t in script.taps_s))
    cmd = sim.sim_command(connect, mic=mic, speaker=speaker, timeline=timeline, heap=heap,
                          config=device.config, buttons_file=buttons)
    env = sim.sim_env()
    # the key comes from the device's own config.json; a key in the caller's environment
    # would take its place (and fail the handshake)
    env.pop("EARPIECE_PAIRING_KEY", None)
    proc = await asyncio.create_subprocess_exec(*cmd, env=env,
                                                stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.PIPE)
    limit_s = len(script.mic_pcm) / (2 * SAMPLE_RATE_HZ) + 90.0
    try:
        out, err = await asyncio.wait_for(proc.communicate(), limit_s)
    except asyncio.TimeoutError:  # a hung earpiece: its exit code says so in the report
        proc.kill()
        out, err = await proc.communicate()
    return sim.parse_output(proc.returncode, out.decode(errors="replace"),
                            err.decode(errors="replace"))


async def _run_device(device: Device, connect: str, heap: str, started: float
                      ) -> tuple[list[sim.SimResult], float]:
    """Every run of one earpiece, one after another; returns the results and when it finished
    (seconds after ``started``)."""
    results = []
    for k in range(len(device.runs)):
        results.append(await _run_sim(device, k, connect, heap))
    return results, time.monotonic() - started


async def _watch_host(host: HostProcess, started: float, every_s: float,
                      samples: list[ProcessSample]) -> None:
    while True:
        sample = host.sample(time.monotonic() - started)
        if sample is not None:
            samples.append(sample)
        await asyncio.sleep(every_s)


def _pick(samples: list[ProcessSample], at_least_s: float, at_most_s: float, last: bool):
    inside = [s for s in samples if at_least_s <= s.t_s <= at_most_s]
    if not inside:
        return None
    return asdict(inside[-1] if last else inside[0])


def _synthesise(texts: list[str], voice: Path | None, cache: Path) -> list[harness.Request]:
    """Speak the requests once (cached by text) with Piper, then let the synthesiser go."""
    from earpiece_host.speech.piper_engine import load_synthesiser

    synthesiser = load_synthesiser(voice)
    try:
        return harness.synthesise_requests(SimpleNamespace(synthesiser=synthesiser), texts, cache)
    finally:
        close = getattr(synthesiser, "close", None)
        if close is not None:
            close()


def _first_tap_lost(records: list[Record]) -> bool:
    """The first tap came before the welcome: the run's requests are out of step with its taps
    (its outcomes then say little; FIRST_TAP_S is too short for this machine)."""
    kinds = [r.kind for r in records if r.kind in (Kind.BUTTON, Kind.WELCOME)]
    return bool(kinds) and kinds[0] == Kind.BUTTON


def _tally(fleet: list[Device], results: list[list[sim.SimResult]]
           ) -> tuple[list[RequestOutcome], dict, list[dict]]:
    """What the earpieces saw: each request's outcome, summed counters, and a line per device."""
    outcomes_all: list[RequestOutcome] = []
    counts = dict.fromkeys(("host_error_frames", "device_loop_errors", "device_exit_failures",
                            "reconnects", "connect_attempts", "underruns", "device_bad_frames",
                            "firmware_peak_heap_bytes", "runs_with_first_tap_lost"), 0)
    per_device = []
    for device, runs in zip(fleet, results):
        got: list[RequestOutcome] = []
        welcomes = 0
        for k, (script, result) in enumerate(zip(device.runs, runs)):
            timeline = device.files(k)[2]
            records = read_timeline(timeline) if timeline.exists() else []
            got += outcomes(device.device_id, script, records)
            summary = result.summary
            welcomes += int(summary.get("welcomes", 0))
            counts["host_error_frames"] += sum(1 for r in records if r.kind == Kind.HOST_ERROR)
            counts["device_loop_errors"] += int(summary.get("errors", 0))
            counts["device_exit_failures"] += result.returncode != 0
            # a second welcome within one run is a reconnect nobody planned
            counts["reconnects"] += max(0, int(summary.get("welcomes", 0)) - 1)
            counts["connect_attempts"] += int(summary.get("connect_attempts", 0))
            counts["underruns"] += int(summary.get("underruns", 0))
            counts["device_bad_frames"] += int(summary.get("bad_frames", 0))
            if _first_tap_lost(records):
                counts["runs_with_first_tap_lost"] += 1
            counts["firmware_peak_heap_bytes"] = max(counts["firmware_peak_heap_bytes"],
                                                     result.peak_heap_bytes or 0)
        outcomes_all += got
        failed = [r for r in runs if r.returncode != 0]
        per_device.append({"device_id": device.device_id, "runs": len(runs),
                           "requests": len(got), "answered": sum(o.answered for o in got),
                           "welcomes": welcomes,
                           **({"stderr_tail": failed[0].stderr[-600:]} if failed else {})})
    return outcomes_all, counts, per_device


async def soak(devices: int, minutes: float, out: Path, engine_args: list[str],
               voice: Path | None = None, heap: str = sim.DEFAULT_HEAP,
               answer_window_s: float = ANSWER_WINDOW_S, sample_every_s: float | None = None,
               restart_every: int | None = None) -> dict:
    seconds = minutes * 60.0
    # as many different requests as the run can use (each is at least the answer window long)
    wanted = devices + math.ceil(seconds / (harness.TAP_LEAD_S + answer_window_s))
    requests = _synthesise(list(REQUESTS[:wanted]), voice, out / "requests")
    plans = plan_scripts(requests, devices, seconds, answer_window_s, restart_every)
    data_dir = Path(tempfile.mkdtemp(prefix="host-data-", dir=out))
    fleet = []
    for i, runs in enumerate(plans):
        device_id = f"soak-{i + 1}"
        folder = out / device_id
        config = make_device_config(device_id, folder / "config.json", data_dir)
        fleet.append(Device(device_id, config, folder, runs))
        for k, script in enumerate(runs):
            write_wav(fleet[-1].files(k)[0], script.mic_pcm)
    host = HostProcess(data_dir, out / "host.log", engine_args)
    load_before = os.getloadavg()
    host.start()
    started = time.monotonic()
    samples: list[ProcessSample] = []
    loaded = host.sample(0.0)
    every_s = sample_every_s or max(2.0, min(10.0, seconds / 60.0))
    watcher = asyncio.get_running_loop().create_task(_watch_host(host, started, every_s, samples))
    try:
        connect = f"tcp://127.0.0.1:{host.port}"
        finished = await asyncio.gather(*(_run_device(d, connect, heap, started) for d in fleet))
        devices_done_s = time.monotonic() - started
        # the host winds the sessions down: wait (to a deadline) for descriptors to settle
        after = None
        deadline = time.monotonic() + 15.0
        while time.monotonic() < deadline:
            await asyncio.sleep(1.0)
            now = host.sample(time.monotonic() - started)
            if now is None:
                break
            if after is not None and (now.fds, now.threads) == (after.fds, after.threads):
                after = now
                break
            after = now
        peak = host.sample(time.monotonic() - started)
    finally:
        watcher.cancel()
        host_code = host.stop()
    load_after = os.getloadavg()
    logs = host.log_counts()

    all_outcomes, counts, per_device = _tally(fleet, [results for results, _ in finished])
    # start: every device has had its first request answered; end: the last look before the
    # first device finished (all still talking, bar a second's restart between runs)
    warm_s = 1.0 + max(d.runs[0].taps_s[min(1, len(d.runs[0].taps_s) - 1)] for d in fleet)
    last_s = min(done_s for _, done_s in finished)
    answered = [o for o in all_outcomes if o.answered]
    errors = {"host_error_frames": counts["host_error_frames"],
              "device_loop_errors": counts["device_loop_errors"],
              "device_exit_failures": counts["device_exit_failures"],
              "host_log_errors": logs["errors"], "host_tracebacks": logs["tracebacks"]}
    return {
        "devices": devices,
        "minutes": minutes,
        "requests": len(all_outcomes),
        "answered": len(answered),
        "late": sum(o.missed == "late" for o in all_outcomes),
        "unheard": sum(o.missed == "unheard" for o in all_outcomes),
        "unanswered": [asdict(o) for o in all_outcomes if not o.answered],
        "errors": sum(errors.values()),
        "error_counts": errors,
        "host_log_warnings": logs["warnings"],
        "reconnects": counts["reconnects"],
        "sessions": sum(len(d.runs) for d in fleet),  # planned: one per run of each earpiece
        "connect_attempts": counts["connect_attempts"],
        "underruns": counts["underruns"],
        "device_bad_frames": counts["device_bad_frames"],
        "runs_with_first_tap_lost": counts["runs_with_first_tap_lost"],
        "response_latency_ms": harness.percentiles([o.latency_ms for o in answered]),
        "firmware_peak_heap_bytes": counts["firmware_peak_heap_bytes"],
        "host": {
            "pid": host.proc.pid if host.proc else None,
            "asr": logs["asr"], "tts": logs["tts"],
            "loaded": asdict(loaded) if loaded else None,
            # start: every device has had its first request answered; end: the last look while
            # all devices were still talking; after: once they had all left
            "start": _pick(samples, warm_s, last_s, last=False),
            "end": _pick(samples, warm_s, last_s, last=True),
            "after_devices_left": asdict(after) if after else None,
            # the kernel's high-water mark lags the RSS it reports by up to a few pages per
            # thread (its counters are per thread, folded in now and then): a peak is at least
            # every RSS seen
            "peak_rss_mb": max([x for s in samples for x in (s.rss_mb, s.peak_rss_mb)]
                               + ([peak.peak_rss_mb, peak.rss_mb] if peak else []), default=None),
            "exit_code": host_code,
            # t_s, rss_mb, fds, threads, the host's CPU seconds so far, the machine's load
            "samples": [[s.t_s, s.rss_mb, s.fds, s.threads, s.cpu_s, s.load_1min]
                        for s in samples],
        },
        "per_device": per_device,
        "machine": {"cpus": os.cpu_count(), "loadavg_before": [round(x, 2) for x in load_before],
                    "loadavg_after": [round(x, 2) for x in load_after]},
        "wall_s": round(devices_done_s, 1),
    }


def main(argv: list[str]) -> int:
    from earpiece_host.service import add_engine_arguments
    from earpiece_host.speech.tts import VoiceUnavailableError

    parser = argparse.ArgumentParser(prog="earpiece soak", description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=8, metavar="N",
                        help="virtual earpieces at once (default 8)")
    parser.add_argument("--minutes", type=float, default=10.0, metavar="M",
                        help="how long each keeps talking (default 10; fractions allowed)")
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    parser.add_argument("--heap", default=sim.DEFAULT_HEAP,
                        help=f"the firmware's MicroPython heap (default {sim.DEFAULT_HEAP}; at least "
                             f"{sim.CONFIG_HEAP} with a config file, as every soak earpiece has)")
    parser.add_argument("--answer-window-s", type=float, default=ANSWER_WINDOW_S, metavar="S",
                        help=f"silence after each request for its answer (default {ANSWER_WINDOW_S:g})")
    parser.add_argument("--restart-every", type=int, metavar="N",
                        help="restart each earpiece after N requests, so that sessions turn over "
                             "(default: one session per earpiece for the whole run)")
    parser.add_argument("--out", type=Path,
                        help="keep the WAVs, timelines, configs and host log here "
                             "(default: a temporary folder, removed when every request was answered)")
    add_engine_arguments(parser)
    args = parser.parse_args(argv)
    if args.devices < 1:
        parser.error("--devices must be at least 1")
    if args.restart_every is not None and args.restart_every < 1:
        parser.error("--restart-every must be at least 1")
    if not args.minutes > 0:
        parser.error("--minutes must be more than 0")
    if args.data_dir is not None:
        parser.error("--data-dir is not used: the soak gives the host a fresh one")
    logging.basicConfig(level=logging.ERROR)
    engine_args = ["--asr", args.asr]
    if args.vosk_model:
        engine_args += ["--vosk-model", str(args.vosk_model)]
    if args.voice:
        engine_args += ["--voice", str(args.voice)]
    if args.no_download:
        engine_args.append("--no-download")
    out = args.out or Path(tempfile.mkdtemp(prefix="earpiece-soak-"))
    out.mkdir(parents=True, exist_ok=True)
    if not args.json:
        print(f"earpiece soak: {args.devices} virtual earpieces for {args.minutes:g} min; "
              f"files in {out}", file=sys.stderr, flush=True)
    try:
        result = asyncio.run(soak(args.devices, args.minutes, out, engine_args, args.voice,
                                  args.heap, args.answer_window_s,
                                  restart_every=args.restart_every))
    except (SoakError, sim.SimError, VoiceUnavailableError) as err:
        print(f"earpiece soak: {err}", file=sys.stderr)
        return 1
    clean = result["answered"] == result["requests"] and result["errors"] == 0
    if args.out is None and clean:
        shutil.rmtree(out, ignore_errors=True)
    else:
        result["out"] = str(out)
    print(json.dumps(result, indent=None if args.json else 2))
    return 0 if clean else 1
