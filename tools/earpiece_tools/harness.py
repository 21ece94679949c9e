"""Spoken exchanges between the real host and virtual earpieces running the real firmware.

Used by ``earpiece demo`` and ``earpiece bench``: requests are synthesised into one microphone
WAV per device with a button tap before each, the host runs in this process, the firmware runs in
``micropython`` subprocesses, and latencies are read off each device's own timeline.
"""

from __future__ import annotations

import asyncio
import hashlib
import statistics
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from earpiece_host.audio import SAMPLE_RATE_HZ, write_wav
from earpiece_host.pairing import PairingStore, new_key
from earpiece_host.protocol import DeviceState, HostCapability
from earpiece_host.server import Server, ServerConfig
from earpiece_host.session import SessionConfig
from earpiece_host.voice import TurnRecord, VoiceServices

from . import sim
from .timeline import Kind, Record, read_timeline

FIRST_TAP_S = 2.0  # the firmware connects and is welcomed well within this
TAP_LEAD_S = 0.3  # the button is tapped this long before the request starts


@dataclass(frozen=True)
class Request:
    text: str
    pcm: bytes
    voiced_end_sample: int  # one past the last voiced sample of pcm


@dataclass(frozen=True)
class Script:
    """One device's microphone recording and button taps."""

    mic_pcm: bytes
    taps_s: tuple[float, ...]  # sim time of each tap
    request_starts: tuple[int, ...]  # sample index of each request in mic_pcm
    requests: tuple[Request, ...]


@dataclass
class TurnResult:
    request: str
    heard: str = ""
    reply: str = ""
    intent: str = ""
    response_latency_ms: float | None = None  # last voiced sample in -> first reply sample out
    endpoint_delay_ms: float | None = None  # last voiced sample in -> device told to stop listening
    host: TurnRecord | None = None


@dataclass
class DeviceRun:
    device_id: str
    turns: list[TurnResult] = field(default_factory=list)
    underruns: int = 0
    # of those, underruns the virtual earpiece counted on waking from a stall of its own process
    # (nothing recorded for STALL_MS before): the sim starved of CPU, not the host's downlink late
    underruns_after_stall: int = 0
    peak_heap_bytes: int | None = None
    returncode: int | None = None
    speaker_wav: Path | None = None
    stderr: str = ""


def voiced_end(pcm: bytes, floor_db: float = -45.0) -> int:
    """One past the last sample of the last 10 ms window louder than ``floor_db`` dBFS."""
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768.0
    win = SAMPLE_RATE_HZ // 100
    n = len(x) // win
    if n == 0:
        return 0
    rms = np.sqrt(np.mean(x[:n * win].reshape(n, win) ** 2, axis=1))
    loud = np.nonzero(20 * np.log10(rms + 1e-12) > floor_db)[0]
    return int((loud[-1] + 1) * win) if len(loud) else 0


def synthesise_requests(services: VoiceServices, texts: list[str], cache_dir: Path) -> list[Request]:
    """Speak each request with the synthesiser (cached by text, so reruns are quick)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    out = []
    for text in texts:
        path = cache_dir / (hashlib.sha256(text.encode()).hexdigest()[:16] + ".pcm")
        if not path.exists():
            path.write_bytes(b"".join(services.synthesiser.synthesise(text)))
        pcm = path.read_bytes()
        out.append(Request(text, pcm, voiced_end(pcm)))
    return out


def build_script(requests: list[Request], answer_window_s: float = 7.0) -> Script:
    """Requests spaced so that each reply finishes before the next tap."""
    mic = bytearray()
    taps, starts = [], []
    lead = bytes(int(TAP_LEAD_S * SAMPLE_RATE_HZ) * 2)
    for i, request in enumerate(requests):
        taps.append(FIRST_TAP_S + len(mic) / (2 * SAMPLE_RATE_HZ))
        mic += lead
        starts.append(len(mic) // 2)
        mic += request.pcm
        mic += bytes(int(answer_window_s * SAMPLE_RATE_HZ) * 2)
    return Script(bytes(mic), tuple(taps), tuple(starts), tuple(requests))


async def run_devices(services: VoiceServices, scripts: list[Script], workdir: Path,
                      heap: str | None = sim.DEFAULT_HEAP,
                      session: SessionConfig | None = None,
                      echo_path: str | None = None) -> list[DeviceRun]:
    """Run one virtual earpiece per script against an in-process host; collect what happened.

    `session` sets the host's side of each link (SessionConfig(codec=CODEC_PCM16LE) when a test
    compares the speaker's audio bit for bit; the default link carries lossy IMA ADPCM).

    Each earpiece is paired first, as a user would with `earpiece devices pair`: a fresh key in
    a pairing file of its own in workdir (mode 0600), handed to the firmware in its environment.
    echo_path ("DELAY_MS,GAIN_DB"): each earpiece's microphone hears its speaker (sim
    --echo-path); with voice barge-in on, the host offers it in WELCOME.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    store = PairingStore(workdir / "pairing.json")
    keys = {}
    for i in range(len(scripts)):
        keys[f"virtual-{i + 1}"] = store.put(f"virtual-{i + 1}", new_key()).key_hex
    session = session or SessionConfig()
    if services.config.barge_in is not None:
        session = session.offering(HostCapability.VOICE_BARGE_IN
                                   | HostCapability.PLAYBACK_POSITION)
    server = Server(ServerConfig(listen=("tcp://127.0.0.1:0",), session=session),
                    services.handler, store)
    host_turns: dict[str, list[TurnRecord]] = {}
    previous = services.on_turn
    services.on_turn = lambda t: host_turns.setdefault(t.device_id, []).append(t)
    await server.start()
    try:
        host, port = server.tcp_addresses[0]
        runs = []
        for i, script in enumerate(scripts):
            device_id = f"virtual-{i + 1}"
            mic_wav = workdir / f"{device_id}-mic.wav"
            write_wav(mic_wav, script.mic_pcm)
            runs.append((device_id, script, mic_wav))
        procs = []
        for device_id, script, mic_wav in runs:
            cmd = sim.sim_command(
                f"tcp://{host}:{port}", mic=mic_wav, speaker=workdir / f"{device_id}-speaker.wav",
                timeline=workdir / f"{device_id}.timeline", heap=heap, device_id=device_id,
                buttons=",".join(f"{t:.3f}:tap" for t in script.taps_s), echo_path=echo_path)
            procs.append(await asyncio.create_subprocess_exec(
                *cmd, env=sim.sim_env(pairing_key=keys[device_id]), stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE))
        limit_s = max(len(s.mic_pcm) for s in scripts) / (2 * SAMPLE_RATE_HZ) + FIRST_TAP_S + 30
        outputs = await asyncio.gather(*(_communicate(p, limit_s) for p in procs))
    finally:
        await server.stop()
        services.on_turn = previous
    results = []
    for (device_id, script, _), (code, out, err) in zip(runs, outputs):
        parsed = sim.parse_output(code, out, err)
        run = DeviceRun(device_id, peak_heap_bytes=parsed.peak_heap_bytes, returncode=code,
                        speaker_wav=workdir / f"{device_id}-speaker.wav", stderr=err,
                        underruns=int(parsed.summary.get("underruns", 0)))
        records = read_timeline(workdir / f"{device_id}.timeline")
        run.underruns_after_stall = underruns_after_stall(records)
        run.turns = analyse(script, records, host_turns.get(device_id, []))
        results.append(run)
    return results


async def _communicate(proc: asyncio.subprocess.Process, limit_s: float) -> tuple[int, str, str]:
    try:
        out, err = await asyncio.wait_for(proc.communicate(), limit_s)
    except asyncio.TimeoutError:
        proc.kill()
        out, err = await proc.communicate()
    return proc.returncode, out.decode(errors="replace"), err.decode(errors="replace")


STALL_MS = 60
"""A virtual earpiece that recorded nothing for this long (three 20 ms frames; it records every
microphone frame) was not running: its process was waiting for a core."""


def underruns_after_stall(records: list[Record]) -> int:
    """Underruns counted right after the device's own loop stalled: on waking, its speaker clock
    asks for every frame it missed at once, more than its buffer holds."""
    count, last_other_us = 0, None
    for r in records:
        if r.kind == Kind.UNDERRUN:
            if last_other_us is not None and r.t_us - last_other_us >= STALL_MS * 1000:
                count += 1
        else:
            last_other_us = r.t_us
    return count


def sample_time_us(records: list[Record], sample: int) -> float | None:
    """When the given microphone sample entered the device (from the capture records)."""
    for r in records:
        if r.kind == Kind.MIC_CAPTURED and r.b >= sample:
            return r.t_us - (r.b - sample) * 1e6 / SAMPLE_RATE_HZ
    return None


def analyse(script: Script, records: list[Record], host_turns: list[TurnRecord]) -> list[TurnResult]:
    """Per request: latency from its last voiced sample to the first reply sample played."""
    played = [r.t_us for r in records if r.kind == Kind.SPEAKER_PLAYED]
    thinking = [r.t_us for r in records if r.kind == Kind.STATE and r.a == DeviceState.THINKING]
    out = []
    for i, (request, start) in enumerate(zip(script.requests, script.request_starts)):
        result = TurnResult(request.text)
        end_us = sample_time_us(records, start + request.voiced_end_sample)
        if end_us is not None:
            first = next((t for t in played if t >= end_us), None)
            if first is not None:
                result.response_latency_ms = (first - end_us) / 1000.0
            stop = next((t for t in thinking if t >= end_us), None)
            if stop is not None:
                result.endpoint_delay_ms = (stop - end_us) / 1000.0
        if i < len(host_turns):
            t = host_turns[i]
            result.host, result.heard, result.reply, result.intent = t, t.heard, t.reply, t.intent
        out.append(result)
    return out


def quantile(values: list[float], q: float) -> float:
    """The value `q` of the way up the sorted values (nearest rank), rounded to 0.1."""
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))], 1)


def percentiles(values: list[float]) -> dict:
    values = [v for v in values if v is not None]
    if not values:
        return {"p50": None, "p95": None}
    return {"p50": round(statistics.median(values), 1), "p95": quantile(values, 0.95)}
