"""Remote Wyoming recognisers and synthesisers as stages of this host's voice loop.

`with_remote_stages()` is the one hook for the engine chooser: given the local engines and
``wyoming://host:port`` addresses, it returns a recogniser factory and a synthesiser with the same
interfaces (speech/asr.py, speech/tts.py) that use the remote server and fall back to the local
engine whenever it does not answer. The voice loop calls them from worker threads, so they speak
Wyoming over blocking sockets, every wait with a timeout.

- Recognition streams each microphone chunk to the server as it arrives and keeps a copy of the
  utterance (at most `max_utterance_s`): if the server fails mid-utterance, the copy is replayed
  into the local recogniser and nothing the user said is lost.
- Synthesis sends one `synthesize` per sentence (the first split at a clause, as locally), all at
  once, and streams the audio back resampled to 16 kHz. If the server dies mid-reply, the sentences
  it had not finished are spoken by the local voice.
- A failed server is tried again after 1 s, 2 s, 4 s ... (at most `backoff_max_s`); meanwhile the
  local engine serves at once. The first failure of an outage is logged and said to the user once
  ("my remote voice isn't answering ..."), the recovery is logged.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlparse

from wyoming.asr import Transcribe
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.event import Event
from wyoming.tts import Synthesize

from ..audio import SAMPLE_BYTES, SAMPLE_RATE_HZ
from ..speech.asr import Recogniser, RecogniserFactory, Transcript
from ..speech.tts import Synthesiser, plan_pieces
from .wire import SocketEventReader, WireError, WireLimits, encode_event

log = logging.getLogger(__name__)

ASR_DOWN_NOTICE = "My remote speech recogniser isn't answering, so I'm listening with my own for now."
TTS_DOWN_NOTICE = "My remote voice isn't answering, so I'll go on in my own."


@dataclass(frozen=True)
class RemoteConfig:
    connect_timeout_s: float = 2.0
    reply_timeout_s: float = 10.0
    """From the end of the request (audio-stop, synthesize) to the first event of the answer."""
    event_timeout_s: float = 5.0
    """Between events while an answer streams in, and for each send."""
    backoff_initial_s: float = 1.0
    backoff_max_s: float = 30.0
    max_utterance_s: float = 30.0
    """The copy kept of one utterance for replay into the local recogniser."""
    limits: WireLimits = field(default_factory=WireLimits)


class RemoteStageError(RuntimeError):
    """The remote server did not answer as Wyoming says it should."""


def is_wyoming_uri(value: str | None) -> bool:
    return bool(value) and str(value).startswith("wyoming://")


def parse_wyoming_uri(uri: str) -> tuple[str, int]:
    parsed = urlparse(uri)
    if parsed.scheme not in ("wyoming", "tcp") or not parsed.hostname or parsed.port is None:
        raise ValueError(f"{uri!r} is not a Wyoming server address; write wyoming://HOST:PORT "
                         "(for example wyoming://192.168.1.30:10300)")
    return parsed.hostname, parsed.port


class Backoff:
    """When a failed server may be tried again: after 1 s, 2 s, 4 s ... up to a cap; reset by a success."""

    def __init__(self, initial_s: float = 1.0, max_s: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._initial_s = initial_s
        self._max_s = max_s
        self._clock = clock
        self._delay_s = 0.0
        self._retry_at = 0.0
        self._lock = threading.Lock()
        self.failures = 0

    @property
    def down(self) -> bool:
        return self._delay_s > 0

    def available(self) -> bool:
        with self._lock:
            return self._clock() >= self._retry_at

    def failed(self) -> bool:
        """Record a failure; True when it starts an outage (the server was up until now)."""
        with self._lock:
            first = self._delay_s == 0
            self._delay_s = self._initial_s if first else min(self._delay_s * 2, self._max_s)
            self._retry_at = self._clock() + self._delay_s
            self.failures += 1
            return first

    def succeeded(self) -> bool:
        """Record a success; True when it ends an outage."""
        with self._lock:
            recovered = self._delay_s > 0
            self._delay_s = 0.0
            self._retry_at = 0.0
            return recovered


class Notices:
    """Things the user should hear about the voice loop itself, spoken before the next reply."""

    def __init__(self) -> None:
        self._pending: list[str] = []
        self._lock = threading.Lock()
        self.said: list[str] = []

    def post(self, text: str) -> None:
        with self._lock:
            if text not in self._pending:
                self._pending.append(text)

    def take(self) -> list[str]:
        with self._lock:
            pending, self._pending = self._pending, []
            self.said += pending
            return pending


class _Remote:
    """One remote server: its address, timeouts, back-off and what to say when it is down."""

    def __init__(self, uri: str, what: str, notice: str, notices: Notices, config: RemoteConfig) -> None:
        self.uri = uri
        self.host, self.port = parse_wyoming_uri(uri)
        self.what = what
        self.notice = notice
        self.notices = notices
        self.config = config
        self.backoff = Backoff(config.backoff_initial_s, config.backoff_max_s)

    def connect(self) -> tuple[socket.socket, SocketEventReader]:
        sock = socket.create_connection((self.host, self.port), timeout=self.config.connect_timeout_s)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock, SocketEventReader(sock, self.config.limits)

    def send(self, sock: socket.socket, event: Event) -> None:
        sock.settimeout(self.config.event_timeout_s)
        sock.sendall(encode_event(event))

    def failed(self, err: BaseException, instead: str) -> bool:
        """Log the failure; True when it starts an outage (the caller then says so to the user)."""
        first = self.backoff.failed()
        if first:
            log.warning("%s: the Wyoming server at %s is not answering (%s); using %s until it is back",
                        self.what, self.uri, _describe(err), instead)
        else:
            log.info("%s: %s still not answering (%s)", self.what, self.uri, _describe(err))
        return first

    def succeeded(self) -> None:
        if self.backoff.succeeded():
            log.warning("%s: the Wyoming server at %s is answering again", self.what, self.uri)


def _describe(err: BaseException) -> str:
    if isinstance(err, socket.timeout):
        return "timed out"
    return str(err) or type(err).__name__


_FAILURES = (OSError, WireError, RemoteStageError)  # socket.timeout and ConnectionError are OSErrors


def _expect(reader: SocketEventReader, timeout_s: float) -> Event:
    event = reader.read_event(timeout_s)
    if event is None:
        raise RemoteStageError("the server closed the connection")
    if event.type == "error":
        raise RemoteStageError(f"the server answered with an error: {event.data.get('text')}")
    return event


# --- recognition ---------------------------------------------------------------------------------

class RemoteRecogniserFactory:
    """Recognisers that use a remote Wyoming server and fall back to `fallback`'s."""

    engine = "wyoming"

    def __init__(self, uri: str, fallback: RecogniserFactory, notices: Notices,
                 config: RemoteConfig = RemoteConfig()) -> None:
        self.remote = _Remote(uri, "speech recognition", ASR_DOWN_NOTICE, notices, config)
        self.fallback = fallback
        self.description = f"wyoming ({uri}), falling back to {fallback.description}"

    def create(self) -> RemoteRecogniser:
        return RemoteRecogniser(self.remote, self.fallback.create())


class RemoteRecogniser:
    """Streams each utterance to the server; `finish()` returns its transcript, or the local one."""

    def __init__(self, remote: _Remote, local: Recogniser) -> None:
        self._remote = remote
        self._local = local
        self.engine = "wyoming"
        self._sock: socket.socket | None = None
        self._reader: SocketEventReader | None = None
        self._mode: str | None = None  # None (no audio yet), "remote" or "local"
        self._copy = bytearray()
        self._copy_limit = int(remote.config.max_utterance_s * SAMPLE_RATE_HZ) * SAMPLE_BYTES

    def accept(self, pcm: bytes) -> Transcript | None:
        if self._mode is None:
            self._start()
        if self._mode == "remote":
            if len(self._copy) + len(pcm) <= self._copy_limit:
                self._copy += pcm
            try:
                self._remote.send(self._sock, AudioChunk(rate=SAMPLE_RATE_HZ, width=SAMPLE_BYTES, channels=1,
                                                         audio=pcm).event())
                return None
            except _FAILURES as err:
                self._fall_back(err)
                return None  # the replayed audio's partials are stale by now; the next chunk brings fresh ones
        return self._local.accept(pcm)

    @property
    def partial_current(self) -> bool:
        """Remote: no partials, and the empty one never ends a turn early; local: the local engine's."""
        return self._mode != "local" or self._local.partial_current

    def finish(self) -> Transcript:
        try:
            if self._mode == "remote":
                try:
                    text = self._transcript()
                    self._remote.succeeded()
                    return Transcript(text=text, is_final=True)
                except _FAILURES as err:
                    self._fall_back(err)
            self.engine = self._local.engine
            return self._local.finish()
        finally:
            self._end()

    def reset(self) -> None:
        self._end()
        self._local.reset()

    def _start(self) -> None:
        self._copy.clear()
        if not self._remote.backoff.available():
            self._mode, self.engine = "local", self._local.engine
            return
        try:
            self._sock, self._reader = self._remote.connect()
            self._remote.send(self._sock, Transcribe().event())
            self._remote.send(self._sock, AudioStart(rate=SAMPLE_RATE_HZ, width=SAMPLE_BYTES, channels=1).event())
            self._mode, self.engine = "remote", "wyoming"
        except _FAILURES as err:
            self._fall_back(err)

    def _transcript(self) -> str:
        self._remote.send(self._sock, AudioStop().event())
        deadline = time.monotonic() + self._remote.config.reply_timeout_s
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise socket.timeout("no transcript in time")
            event = _expect(self._reader, left)
            if event.type == "transcript":
                return str(event.data.get("text", ""))
            # transcript-start / transcript-chunk from streaming servers: the final transcript follows

    def _fall_back(self, err: BaseException) -> None:
        """Go on with the local recogniser, replaying what the remote one had heard of this utterance."""
        if self._remote.failed(err, f"the local recogniser ({self._local.engine})"):
            self._remote.notices.post(self._remote.notice)
        self._close()
        self._mode, self.engine = "local", self._local.engine
        self._local.reset()
        for offset in range(0, len(self._copy), 6400):
            self._local.accept(bytes(self._copy[offset:offset + 6400]))
        self._copy.clear()

    def _end(self) -> None:
        self._close()
        self._mode = None
        self._copy.clear()

    def _close(self) -> None:
        if self._sock is not None:
            self._sock.close()
        self._sock = self._reader = None


# --- synthesis -----------------------------------------------------------------------------------

class RemoteSynthesiser:
    """Speaks through a remote Wyoming synthesiser; the local voice takes over whatever it fails to say."""

    engine = "wyoming"

    def __init__(self, uri: str, fallback: Synthesiser, notices: Notices, config: RemoteConfig = RemoteConfig(),
                 first_piece_max_words: int = 8) -> None:
        self.remote = _Remote(uri, "speech synthesis", TTS_DOWN_NOTICE, notices, config)
        self.fallback = fallback
        self.description = f"wyoming ({uri}), falling back to {fallback.description}"
        self._first_piece_max_words = first_piece_max_words
        self.chunks_received = 0
        """Audio chunks received from the server, ever (a progress counter for logs and tests)."""

    def synthesise(self, text: str) -> Iterator[bytes]:
        pieces = plan_pieces(text, self._first_piece_max_words)
        if not pieces:
            return
        if not self.remote.backoff.available():
            yield from self.fallback.synthesise(text)
            return
        done = 0
        sock = None
        try:
            sock, reader = self.remote.connect()
            for piece in pieces:  # all at once: the server works on the next while we play this one
                self.remote.send(sock, Synthesize(text=piece).event())
            for piece in pieces:
                yield from self._receive_piece(reader)
                done += 1
            self.remote.succeeded()
            return
        except _FAILURES as err:
            first = self.remote.failed(err, f"the local voice ({self.fallback.description})")
        finally:
            if sock is not None:
                sock.close()
        rest = " ".join(pieces[done:])
        yield from self.fallback.synthesise(f"{self.remote.notice} {rest}" if first else rest)

    def _receive_piece(self, reader: SocketEventReader) -> Iterator[bytes]:
        config = self.remote.config
        timeout_s = config.reply_timeout_s
        resampler = None
        while True:
            event = _expect(reader, timeout_s)
            timeout_s = config.event_timeout_s
            if event.type == "audio-start":
                continue
            if event.type == "audio-stop":
                if resampler is not None:
                    tail = resampler.flush()
                    if tail:
                        yield tail
                return
            if event.type != "audio-chunk":
                continue
            chunk = AudioChunk.from_event(event)
            if resampler is None:
                resampler = _To16k(chunk)
            self.chunks_received += 1
            pcm = resampler.convert(chunk)
            if pcm:
                yield pcm


class _To16k:
    """The server's audio (any rate, 16-bit) as 16 kHz mono s16le, resampled by soxr in one stream."""

    def __init__(self, first: AudioChunk) -> None:
        import soxr

        if first.width != SAMPLE_BYTES:
            raise RemoteStageError(f"the server sends {8 * first.width}-bit audio; only 16-bit is supported")
        self._channels = first.channels
        self._stream = (None if first.rate == SAMPLE_RATE_HZ else
                        soxr.ResampleStream(first.rate, SAMPLE_RATE_HZ, 1, dtype="int16", quality="HQ"))

    def convert(self, chunk: AudioChunk) -> bytes:
        import numpy as np

        samples = np.frombuffer(chunk.audio[:len(chunk.audio) // (2 * self._channels) * 2 * self._channels],
                                dtype="<i2")
        if self._channels > 1:
            samples = samples.reshape(-1, self._channels)[:, 0].copy()
        if self._stream is not None:
            samples = self._stream.resample_chunk(samples)
        return samples.astype("<i2").tobytes()

    def flush(self) -> bytes:
        import numpy as np

        if self._stream is None:
            return b""
        return self._stream.resample_chunk(np.zeros(0, dtype="<i2"), last=True).astype("<i2").tobytes()


class NoticeSpeaker:
    """Any synthesiser, speaking pending notices (a remote stage went down) before the next reply."""

    def __init__(self, synthesiser: Synthesiser, notice_voice: Synthesiser, notices: Notices) -> None:
        self.synthesiser = synthesiser
        self.notices = notices
        self._notice_voice = notice_voice
        self.engine = synthesiser.engine
        self.description = synthesiser.description

    def synthesise(self, text: str) -> Iterator[bytes]:
        for notice in self.notices.take():
            yield from self._notice_voice.synthesise(notice)
        yield from self.synthesiser.synthesise(text)


def with_remote_stages(recognisers: RecogniserFactory, synthesiser: Synthesiser, *, asr_uri: str | None = None,
                       tts_uri: str | None = None, config: RemoteConfig = RemoteConfig()
                       ) -> tuple[RecogniserFactory, Synthesiser]:
    """The hook for the engine chooser: remote stages for the wyoming:// URIs given, local ones otherwise.

    `recognisers` and `synthesiser` are the local engines, used whenever a remote one fails.
    """
    if not asr_uri and not tts_uri:
        return recognisers, synthesiser
    notices = Notices()
    if asr_uri:
        recognisers = RemoteRecogniserFactory(asr_uri, recognisers, notices, config)
    speaker = RemoteSynthesiser(tts_uri, synthesiser, notices, config) if tts_uri else synthesiser
    return recognisers, NoticeSpeaker(speaker, synthesiser, notices)
