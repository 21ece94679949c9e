"""One device session: handshake, the single writer of a link, and the dispatch of what arrives.

The session owns the link. Everything sent to the device goes through ``DeviceLink`` (one queue,
one writer task): control messages jump ahead of queued speech, and speech leaves in 20 ms frames
paced at real time with a small lead, so the device's playback buffer neither starves nor
overflows. What the device says is handed to a ``DeviceHandler`` (the application: an echo for
tests and the demo, the voice pipeline in production).
"""

from __future__ import annotations

import asyncio
import collections
import logging
import re
import time
from dataclasses import dataclass, field, replace
from typing import Callable, Protocol

from . import __version__, protocol as p, secure
from .audio import FRAME_BYTES, FRAME_MS, SAMPLE_RATE_HZ
from .link_audio import LinkAudio, choose_codec
from .transport import Link, LinkClosed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SessionConfig:
    """Timing of a session; all durations in seconds or milliseconds as named."""

    hello_timeout_s: float | None = 10.0  # None: wait forever (a serial port whose device may boot later)
    # from HELLO to the device's proof, absolute: a peer that stalls the handshake is dropped
    handshake_timeout_s: float = 5.0
    # a frame once begun must be complete within this (absolute), so a sender dripping one byte
    # every few seconds is dropped
    frame_timeout_s: float = 5.0
    write_timeout_s: float = 5.0  # a peer that will not take our data for this long is aborted
    max_queued_control: int = 256  # control messages queued to one device; more are dropped
    link_timeout_s: float = 15.0  # no frame for this long: the link is dead
    ping_interval_s: float = 5.0
    # How far ahead of playback speech is sent: rides out host stalls of this long; the device's
    # 320 ms ring must hold it plus jitter.
    speech_lead_ms: int = 260
    # The device starts playing a reply once this much of it is queued (the firmware's
    # prebuffer_ms), so it plays that far behind the host's clock: counted, its 320 ms ring holds
    # about speech_lead_ms plus the link's transit, not that plus the prebuffer (which overflowed
    # it over a 115200-baud serial line).
    device_prebuffer_ms: int = 40
    max_queued_speech_ms: int = 60_000  # bounded: a producer waits when this much is queued
    # When the next sentence of a reply is late, keep the device fed with silence once it holds
    # less than this, so the pause falls between sentences instead of starving the speaker.
    # The margin takes the link's transit (a serial line: ~20 ms) and a late wake-up of the host's
    # event loop: on a loaded machine it woke more than 100 ms late every few seconds (the bench's
    # event_loop_lag_ms), and 100 ms of margin let the speaker run dry then.
    pause_fill_low_water_ms: int = 200
    host_capabilities: int = p.HostCapability.SPEECH_RECOGNITION | p.HostCapability.SPEECH_SYNTHESIS
    codec: int = p.CODEC_IMA_ADPCM  # chosen when the device offers it (link_audio.choose_codec)

    def offering(self, capability: int) -> SessionConfig:
        """The same settings with one more capability offered in WELCOME."""
        return replace(self, host_capabilities=self.host_capabilities | capability)


@dataclass(frozen=True)
class DeviceInfo:
    device_id: str
    firmware_version: str
    capabilities: int
    peer: str
    session_id: int
    codec: int = p.CODEC_PCM16LE  # the link's audio codec, chosen at WELCOME


@dataclass
class LinkStats:
    frames_sent: int = 0
    speech_frames_sent: int = 0
    speech_frames_flushed: int = 0
    pause_fill_frames: int = 0  # 20 ms silences sent while a reply's next sentence was late
    # speech frames written mid-reply after the device's buffer (as the host reckons it) had run
    # dry: the host itself was late, and the speaker most likely underran
    late_speech_frames: int = 0
    errors_sent: int = 0
    control_dropped: int = 0  # control messages refused because the queue was full


class DeviceHandler(Protocol):
    """The application side of one device session."""

    async def started(self, link: DeviceLink) -> None:
        """The device was welcomed; ``link`` sends to it."""

    async def received(self, message: p.Message) -> None:
        """A message from the device (ping, pong and bye are handled by the session)."""

    async def stopped(self) -> None:
        """The session ended; release what the handler holds."""


HandlerFactory = Callable[[DeviceInfo], DeviceHandler]


class DeviceLink:
    """The only writer of a link. Control first, then speech paced at real time."""

    def __init__(self, link: Link, config: SessionConfig) -> None:
        self._link = link
        self._config = config
        self._encoder = p.FrameEncoder()
        self._control: collections.deque[p.Message] = collections.deque()
        self._speech: collections.deque[p.SpeechAudio] = collections.deque()
        self._queued_speech_ms = 0
        self._wakeup = asyncio.Event()
        self._space = asyncio.Event()
        self._space.set()
        self._task: asyncio.Task | None = None
        self._closed = False
        self._error: BaseException | None = None
        # Playback clock of the current reply: where the device is assumed to be.
        self._reply_origin_s: float | None = None
        self._reply_sent_ms = 0.0  # exact: fractions of a millisecond add up (see _write_speech)
        self._reply_open = False  # a reply has started and its END has not been queued yet
        self._last_end_seq: int | None = None  # seq of the last END chunk written
        self._played = asyncio.Event()  # the device reported that END played out
        self._end_estimate_s: float | None = None  # when the host expects the last END to play out
        self.played_lag_ms: float | None = None  # how far the last PLAYED came after that estimate
        self.stats = LinkStats()
        self.audio: LinkAudio | None = None  # the codec speech leaves in (None: PCM16)
        self.on_first_speech: Callable[[float], None] | None = None
        # Each speech frame as it is written, with the monotonic time its first sample is
        # expected to leave the speaker: the echo canceller's reference (speech/echo_cancel.py).
        self.on_speech_frame: Callable[[bytes, float], None] | None = None
        # Each speech frame as it is written, with the index of its first sample in the
        # session's downlink as the device counts it (MIC_AUDIO_PLAYING's speech_pos).
        self.on_downlink: Callable[[bytes, int], None] | None = None
        self.speech_samples_sent = 0  # that count: SPEECH_AUDIO samples as decoded, unwrapped

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name=f"writer {self._link.peer}")

    @property
    def peer(self) -> str:
        return self._link.peer

    def send(self, message: p.Message) -> None:
        """Queue a message; control messages overtake any queued speech."""
        if self._closed:
            raise LinkClosed(f"{self._link.peer} is closed")
        if isinstance(message, p.SpeechAudio):
            raise TypeError("use send_speech() for speech audio, so that it is paced")
        if len(self._control) >= self._config.max_queued_control:
            self.stats.control_dropped += 1
            return
        self._control.append(message)
        self._wakeup.set()

    async def write_now(self, message: p.Message) -> None:
        """Write at once, bypassing the queue: the handshake's frames, before anything else."""
        await self._write(message)

    def seal(self, sealer: secure.Sealer) -> None:
        """From now on every frame leaves sealed (the handshake is done)."""
        self._encoder.sealer = sealer

    def played(self, seq: int) -> None:
        """The device reported PLAYED for the END chunk with this seq."""
        if seq == self._last_end_seq:
            if self._end_estimate_s is not None and not self._played.is_set():
                self.played_lag_ms = (time.monotonic() - self._end_estimate_s) * 1000.0
            self._played.set()

    async def wait_played(self, timeout_s: float) -> bool:
        """True once the device reports that the last reply sent has left its speaker; False if
        it does not within timeout_s of the host's own estimate, or the link closes first."""
        while self.speaking and not self._closed:
            await asyncio.sleep(0.05)
        if self._last_end_seq is None or self._closed:
            return False
        try:
            await asyncio.wait_for(self._played.wait(), timeout_s)
        except asyncio.TimeoutError:
            return False
        return not self._closed

    async def send_speech(self, pcm: bytes, end: bool = False) -> None:
        """Queue speech, cut into 20 ms frames; waits while the bounded queue is full."""
        for start in range(0, len(pcm), FRAME_BYTES):
            chunk = pcm[start:start + FRAME_BYTES]
            while self._queued_speech_ms >= self._config.max_queued_speech_ms:
                self._space.clear()
                await self._space.wait()
            if self._closed:
                raise LinkClosed(f"{self._link.peer} is closed")
            last = end and start + FRAME_BYTES >= len(pcm)
            self._queue_speech(p.SpeechAudio(pcm=chunk, end=last))
        if end and not pcm:
            self._queue_speech(p.SpeechAudio(pcm=b"", end=True))

    def _queue_speech(self, frame: p.SpeechAudio) -> None:
        self._reply_open = not frame.end
        self._speech.append(frame)
        self._queued_speech_ms += _duration_ms(frame.pcm)
        self._wakeup.set()

    def flush_speech(self) -> int:
        """Drop queued speech at once (barge-in); returns the frames dropped."""
        dropped = len(self._speech)
        self._speech.clear()
        self._reply_open = False
        self._queued_speech_ms = 0
        self._reply_origin_s = None
        self._reply_sent_ms = 0.0
        self.stats.speech_frames_flushed += dropped
        self._space.set()
        return dropped

    @property
    def queued_ms(self) -> float:
        """Speech not yet played: queued here plus what the device is assumed to hold."""
        return self._queued_speech_ms + self._device_buffered_ms()

    @property
    def error(self) -> BaseException | None:
        """Why the writer stopped (a peer that took no data in time), if it has."""
        return self._error

    @property
    def speaking(self) -> bool:
        """True while speech is queued or the device is still playing what was sent."""
        return bool(self._speech) or self._device_buffered_ms() > 0

    async def close(self) -> None:
        self._closed = True
        self._wakeup.set()
        self._space.set()
        if self._task:
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, LinkClosed):
                pass

    async def flush_and_close(self, timeout_s: float = 2.0) -> None:
        """Write what is queued (e.g. a final error and bye), then close."""
        try:
            await asyncio.wait_for(self._drain_control(), timeout_s)
        except asyncio.TimeoutError:
            pass
        await self.close()

    async def _drain_control(self) -> None:
        while self._control and not self._closed and self._error is None:
            await asyncio.sleep(0.005)

    def _device_buffered_ms(self) -> float:
        if self._reply_origin_s is None:
            return 0.0
        played_ms = (time.monotonic() - self._reply_origin_s) * 1000.0 - self._config.device_prebuffer_ms
        return max(0.0, self._reply_sent_ms - played_ms)

    async def _run(self) -> None:
        try:
            while not self._closed:
                if self._control:
                    await self._write(self._control.popleft())
                    continue
                if self._speech:
                    wait_s = self._speech_wait_s()
                    if wait_s <= 0:
                        await self._write_speech(self._speech.popleft())
                    else:
                        await self._wait_for_wakeup(wait_s)
                    continue
                if self._reply_open and self._reply_origin_s is not None:
                    # Mid-reply and the next sentence is not here yet.
                    fill_in_s = (self._device_buffered_ms()
                                 - self._config.pause_fill_low_water_ms) / 1000.0
                    if fill_in_s <= 0:
                        await self._write_speech(p.SpeechAudio(pcm=_SILENCE_FRAME), fill=True)
                    else:
                        await self._wait_for_wakeup(fill_in_s)
                    continue
                await self._wait_for_wakeup(None)
        except LinkClosed as err:
            self._error = err
            self._space.set()
        except asyncio.CancelledError:
            raise

    async def _wait_for_wakeup(self, timeout_s: float | None) -> None:
        """Sleep until something is queued or timeout_s passes (None: until something is)."""
        self._wakeup.clear()
        try:
            await asyncio.wait_for(self._wakeup.wait(), timeout=timeout_s)
        except asyncio.TimeoutError:
            pass

    def _speech_wait_s(self) -> float:
        """How long until the next speech frame may go, keeping ``speech_lead_ms`` ahead."""
        if self._reply_origin_s is None:
            return 0.0
        ahead_ms = self._device_buffered_ms()
        return max(0.0, (ahead_ms - self._config.speech_lead_ms) / 1000.0)

    async def _write_speech(self, frame: p.SpeechAudio, fill: bool = False) -> None:
        now = time.monotonic()
        if self._reply_origin_s is None or self._device_buffered_ms() <= 0:
            # A new reply, or the producer fell behind and the device drained: restart the clock.
            if self._reply_origin_s is not None:
                self.stats.late_speech_frames += 1
            if self._reply_origin_s is None and self.on_first_speech is not None:
                self.on_first_speech(now)
            self._reply_origin_s = now
            self._reply_sent_ms = 0.0
        wire = frame if self.audio is None else self.audio.speech_frame(frame)
        if frame.pcm and (self.on_speech_frame is not None or self.on_downlink is not None):
            played = wire.pcm if self.audio is None else self.audio.as_played(wire)
            if self.on_speech_frame is not None:
                self.on_speech_frame(played, self._reply_origin_s + self._reply_sent_ms / 1000.0)
            if self.on_downlink is not None:
                self.on_downlink(played, self.speech_samples_sent)
        # The clock moves on by exactly what the device plays: a sentence's last frame is short,
        # and counted in whole milliseconds (169 samples as 10 ms) it put the rest of the reply
        # up to 15 samples early in the echo canceller's reference, which then lost most of its
        # echo return loss until it realigned (a shift of 9 samples: from 47 dB to 2 dB).
        self._reply_sent_ms += _decoded_samples(wire, self.audio) * 1000 / SAMPLE_RATE_HZ
        if fill:
            self.stats.pause_fill_frames += 1
        else:
            self._queued_speech_ms = max(0, self._queued_speech_ms - _duration_ms(frame.pcm))
        self._space.set()
        if frame.end:
            self._last_end_seq = self._encoder.next_seq
            self._end_estimate_s = self._reply_origin_s + self._reply_sent_ms / 1000.0
            self._played.clear()
        self.speech_samples_sent += _decoded_samples(wire, self.audio)
        await self._write(wire)
        self.stats.speech_frames_sent += 1
        if frame.end:
            # Keep the clock running until the device has played the reply out; a new reply
            # after that starts a fresh clock.
            asyncio.get_running_loop().call_later(
                self._device_buffered_ms() / 1000.0, self._end_of_reply)

    def _end_of_reply(self) -> None:
        if not self._speech:
            self._reply_origin_s = None
            self._reply_sent_ms = 0.0

    async def _write(self, message: p.Message) -> None:
        try:
            await asyncio.wait_for(self._link.write(self._encoder.encode(message)),
                                   self._config.write_timeout_s)
        except asyncio.TimeoutError:
            self._link.abort()
            raise LinkClosed(f"{self._link.peer} took no data for "
                             f"{self._config.write_timeout_s:.0f} s; dropped") from None
        self.stats.frames_sent += 1
        if isinstance(message, p.Error):
            self.stats.errors_sent += 1


_SILENCE_FRAME = bytes(FRAME_BYTES)


def _duration_ms(pcm: bytes) -> int:
    return len(pcm) * 1000 // (2 * SAMPLE_RATE_HZ)


class SessionEnded(Exception):
    """The session is over (bye, dead link, refused handshake); the reason is the message."""


KeyLookup = Callable[[str], "bytes | None"]


class RefusalLog:
    """Logs a refused peer at most once per address per minute, never with its secrets."""

    def __init__(self, interval_s: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._interval_s = interval_s
        self._clock = clock
        self._last: dict[str, float] = {}
        self.refused = 0

    def refused_peer(self, peer: str, why: str) -> None:
        self.refused += 1
        address = peer.rsplit(":", 1)[0]
        now = self._clock()
        if now - self._last.get(address, -1e9) < self._interval_s:
            return
        if len(self._last) > 4096:  # bounded: forget the oldest addresses
            self._last.clear()
        self._last[address] = now
        log.warning("%s refused: %s", address, why)


@dataclass
class Session:
    """Runs one connection from hello to bye."""

    link: Link
    handler_factory: HandlerFactory
    config: SessionConfig = field(default_factory=SessionConfig)
    registry: "SessionRegistry | None" = None
    keys: KeyLookup | None = None  # device id -> pairing key; None: every device is a stranger
    refusals: RefusalLog | None = None
    on_authenticated: Callable[[], None] | None = None
    on_ended: Callable[[], None] = lambda: None
    decoder: p.FrameDecoder = field(default_factory=p.FrameDecoder)
    info: DeviceInfo | None = None
    authenticated: bool = False
    pairing_key: bytes | None = None  # the key this session proved (revocation compares it)
    _out: DeviceLink | None = None
    audio: LinkAudio | None = None  # the audio codec, from WELCOME on
    _handler: DeviceHandler | None = None
    _replaced: bool = False
    _last_rx: float = field(default_factory=time.monotonic)
    _partial_since: float | None = None

    async def run(self) -> str:
        """Serve the connection until it ends; returns why it ended. Never raises for bad input."""
        self._out = DeviceLink(self.link, self.config)
        self._out.start()
        try:
            hello = await self._handshake()
            await self._authenticate(hello)
            await self._welcome(hello)
            await self._serve()
            return "bye"
        except SessionEnded as ended:
            return str(ended)
        except LinkClosed as err:
            # a writer that gave up on the peer aborts the link, which the reader sees as a close
            err = self._out.error or err
            if self.info:
                log.warning("%s (%s) disconnected: %s", self.info.device_id, self.link.peer, err)
            return f"link closed: {err}"
        finally:
            await self._finish()

    async def _read_messages(self, timeout_s: float | None,
                             deadline: float | None = None) -> list[p.Message | p.VersionMismatch]:
        """The next messages; a frame begun must be complete within frame_timeout_s, and
        ``deadline`` (monotonic) bounds the whole wait."""
        while True:
            now = time.monotonic()
            wait = timeout_s
            limits = []
            if self._partial_since is not None:
                limits.append(self._partial_since + self.config.frame_timeout_s - now)
            if deadline is not None:
                limits.append(deadline - now)
            if limits:
                left = min(limits)
                if left <= 0:
                    if deadline is not None and now >= deadline:
                        raise SessionEnded("handshake not completed in time")
                    raise SessionEnded(f"a frame took more than {self.config.frame_timeout_s:.0f} s"
                                       " to arrive")
                wait = left if wait is None else min(wait, left)
            try:
                data = await asyncio.wait_for(self.link.read(), wait)
            except asyncio.TimeoutError:
                if self._partial_since is not None or deadline is not None:
                    continue  # the loop above decides which limit ran out
                raise SessionEnded(f"no data for {timeout_s:.0f} s") from None
            events = self.decoder.feed(data)
            if events or not self.decoder.pending_bytes:
                self._partial_since = None
            elif self._partial_since is None:
                self._partial_since = time.monotonic()
            if events:
                return events

    async def _handshake(self) -> p.Hello:
        last_complaint = 0.0
        while True:
            for event in await self._read_messages(self.config.hello_timeout_s):
                if isinstance(event, p.VersionMismatch):
                    await self._refuse_version(event)
                    continue
                if isinstance(event, p.Hello):
                    problem = _hello_problem(event)
                    if problem is None:
                        return event
                    code, text = problem
                    await self._refuse(code, text)
                    continue
                if isinstance(event, p.Bye):
                    raise SessionEnded("device said bye before hello")
                if time.monotonic() - last_complaint > 1.0:
                    last_complaint = time.monotonic()
                    self._out.send(p.Error(code=p.ErrorCode.HELLO_REQUIRED,
                                           message=f"{event.NAME} before HELLO; send HELLO first"))

    async def _authenticate(self, hello: p.Hello) -> None:
        """The host proves the pairing key, then the device does; then the link is sealed.

        Nothing costly happens before this returns: no recogniser, no thread, no OS access."""
        deadline = time.monotonic() + self.config.handshake_timeout_s
        key = self.keys(hello.device_id) if self.keys is not None else None
        if key is None or len(hello.auth) != secure.NONCE_BYTES:
            await self._refuse_stranger(
                f"device {hello.device_id!r} is not paired with this host",
                f"this earpiece ({hello.device_id}) is not paired with this host; pair it with "
                "'earpiece devices pair ID' and provision it")
        device_nonce = hello.auth
        host_nonce = secure.new_nonce()
        await self._out.write_now(p.Auth(
            nonce=host_nonce,
            proof=secure.host_proof(key, device_nonce, host_nonce, hello.device_id)))
        while True:
            for event in await self._read_messages(None, deadline):
                if isinstance(event, p.Auth):
                    want = secure.device_proof(key, device_nonce, host_nonce, hello.device_id)
                    if not secure.proof_ok(event.proof, want):
                        await self._refuse_stranger(
                            f"device {hello.device_id!r} could not prove its pairing key",
                            "this earpiece could not prove its pairing key; pair it again")
                    keys = secure.SessionKeys.derive(key, device_nonce, host_nonce,
                                                     hello.device_id)
                    self.decoder.opener = keys.up
                    self._out.seal(keys.down)
                    self.authenticated = True
                    self.pairing_key = key
                    if self.on_authenticated is not None:
                        self.on_authenticated()
                    return
                if isinstance(event, p.Bye):
                    raise SessionEnded("device said bye during the handshake")
                # anything else before the proof is ignored (a repeated HELLO included)

    async def _refuse_stranger(self, why: str, text: str) -> None:
        """ERROR not paired, BYE, close: at once, whatever the link (a serial port included)."""
        if self.refusals is not None:
            self.refusals.refused_peer(self.link.peer, why)
        else:
            log.warning("%s refused: %s", self.link.peer, why)
        self._out.send(p.Error(code=p.ErrorCode.NOT_PAIRED, message=text))
        self._out.send(p.Bye(reason=p.ByeReason.ERROR, message="not paired"))
        await self._out.flush_and_close(timeout_s=0.5)
        raise SessionEnded(why)

    async def _refuse_version(self, event: p.VersionMismatch) -> None:
        text = _version_refusal(event.version)
        log.warning("%s: %s", self.link.peer, text)
        await self._refuse(p.ErrorCode.UNSUPPORTED_VERSION, text)

    async def _refuse(self, code: int, text: str) -> None:
        log.warning("%s refused: %s", self.link.peer, text)
        self._out.send(p.Error(code=code, message=text))
        self._out.send(p.Bye(reason=p.ByeReason.ERROR, message=text))
        if self.config.hello_timeout_s is not None:
            await self._out.flush_and_close()
            raise SessionEnded(text)
        # On a serial port the same device may be reflashed and try again: keep listening.

    async def _welcome(self, hello: p.Hello) -> None:
        session_id = _next_session_id()
        # a fresh codec per session: each direction's encoder starts at the WELCOME
        self.audio = LinkAudio(choose_codec(hello.codec, self.config.codec) or p.CODEC_PCM16LE)
        self.info = DeviceInfo(hello.device_id, hello.firmware_version, hello.capabilities,
                               self.link.peer, session_id, self.audio.codec)
        if self.registry is not None:
            await self.registry.add(self)
        self._out.audio = self.audio
        self._out.send(p.Welcome(session_id=session_id, host_version=__version__,
                                 host_capabilities=self.config.host_capabilities
                                 | p.HostCapability.PAIRING_REQUIRED, codec=self.audio.codec))
        log.info("%s connected over %s (firmware %s, audio %s)", hello.device_id, self.link.peer,
                 hello.firmware_version, self.audio.name)
        self._handler = self.handler_factory(self.info)
        await self._guarded(self._handler.started(self._out))

    async def _serve(self) -> None:
        ping_token = 0
        last_ping = time.monotonic()
        while True:
            timeout_s = min(self.config.ping_interval_s, self.config.link_timeout_s)
            try:
                events = await self._read_messages(timeout_s)
            except SessionEnded as ended:
                if self._partial_since is not None:
                    raise
                if time.monotonic() - self._last_rx > self.config.link_timeout_s:
                    raise SessionEnded(f"no frame for {self.config.link_timeout_s:.0f} s") from ended
                events = []
            else:
                self._last_rx = time.monotonic()
            for event in events:
                if isinstance(event, p.VersionMismatch):
                    continue
                if isinstance(event, p.Bye):
                    log.info("%s said bye: %s", self.info.device_id, event.message or "no reason")
                    return
                if isinstance(event, p.Ping):
                    self._out.send(p.Pong(token=event.token, sender_ms=event.sender_ms))
                    continue
                if isinstance(event, p.Played):
                    self._out.played(event.seq)
                    continue
                if isinstance(event, (p.Hello, p.Auth)):
                    continue  # a repeat sent before our answer arrived
                if isinstance(event, p.MicAudio) and self.audio is not None:
                    event = self.audio.mic_audio(event)  # as PCM
                    if event is None:
                        continue
                await self._guarded(self._handler.received(event))
            if time.monotonic() - last_ping > self.config.ping_interval_s:
                last_ping = time.monotonic()
                ping_token = (ping_token + 1) & 0xFFFFFFFF
                self._out.send(p.Ping(token=ping_token, sender_ms=int(time.monotonic() * 1000) & 0xFFFFFFFF))

    async def _guarded(self, awaitable) -> None:
        """Run handler code; a bug there is logged with its traceback and the session lives on."""
        try:
            await awaitable
        except LinkClosed:
            raise
        except Exception:
            log.exception("handler failed for %s", self.info.device_id if self.info else self.link.peer)
            if self._out is not None:
                self._out.send(p.Error(code=p.ErrorCode.INTERNAL,
                                       message="the host hit an internal error; see its log"))

    async def replace(self, reason: int = p.ByeReason.REPLACED,
                      message: str = "replaced by a newer connection") -> None:
        """End the session from outside: a newer connection of the same device, a revoked
        pairing, the host stopping."""
        self._replaced = True
        if self._out is not None:
            self._out.send(p.Bye(reason=reason, message=message))
            await self._out.flush_and_close(timeout_s=0.5)
        await self.link.close()

    async def _finish(self) -> None:
        if self._handler is not None:
            try:
                await self._handler.stopped()
            except Exception:
                log.exception("handler failed while stopping")
        if self.registry is not None and self.info is not None:
            self.registry.remove(self)
        self.decoder.close()
        if self._out is not None:
            await self._out.close()
        await self.link.close()

    @property
    def out(self) -> DeviceLink | None:
        return self._out


def _decoded_samples(frame: p.SpeechAudio, audio: LinkAudio | None) -> int:
    """Samples the device decodes from a SPEECH_AUDIO frame as sent (an ADPCM frame's last
    chunk is padded to a multiple of 4 samples)."""
    if audio is None or audio.codec == p.CODEC_PCM16LE:
        return len(frame.pcm) // 2
    return 2 * (len(frame.pcm) - 4) if len(frame.pcm) > 4 else 0


def _version_refusal(version: int) -> str:
    return (f"protocol version {version} is not supported by this host (it speaks "
            f"{p.PROTOCOL_VERSION}); update the host or flash firmware {__version__}")


def _hello_problem(hello: p.Hello) -> tuple[int, str] | None:
    if hello.protocol_version != p.PROTOCOL_VERSION:
        return p.ErrorCode.UNSUPPORTED_VERSION, _version_refusal(hello.protocol_version)
    wanted = (SAMPLE_RATE_HZ, FRAME_MS, 1)
    got = (hello.sample_rate_hz, hello.frame_ms, hello.channels)
    if got != wanted or choose_codec(hello.codec) is None:
        return (p.ErrorCode.UNSUPPORTED_AUDIO,
                f"audio format codec={hello.codec} {got[0]} Hz {got[1]} ms {got[2]} ch is not "
                "supported; the host needs 16-bit PCM (codec 1) or IMA ADPCM (codec 2), "
                "16000 Hz, 20 ms frames, mono")
    if not DEVICE_ID_PATTERN.fullmatch(hello.device_id):
        return (p.ErrorCode.BAD_HELLO, "HELLO's device id must be 1 to 32 characters from "
                "A-Z a-z 0-9 . _ -; set one in config.json")
    return None


DEVICE_ID_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,32}")


_session_counter = 0


def _next_session_id() -> int:
    global _session_counter
    _session_counter = (_session_counter + 1) & 0xFFFFFFFF
    return (int(time.time()) << 8 ^ _session_counter) & 0xFFFFFFFF


class SessionRegistry:
    """Live sessions by device id; a reconnecting device replaces its stale session."""

    def __init__(self) -> None:
        self._by_device: dict[str, Session] = {}

    async def add(self, session: Session) -> None:
        old = self._by_device.get(session.info.device_id)
        self._by_device[session.info.device_id] = session
        if old is not None and old is not session:
            log.info("%s reconnected over %s; closing its old link %s", session.info.device_id,
                     session.link.peer, old.link.peer)
            await old.replace()

    def remove(self, session: Session) -> None:
        if self._by_device.get(session.info.device_id) is session:
            del self._by_device[session.info.device_id]

    def get(self, device_id: str) -> Session | None:
        return self._by_device.get(device_id)

    def __iter__(self):
        return iter(list(self._by_device.values()))

    def __len__(self) -> int:
        return len(self._by_device)
