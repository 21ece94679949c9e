"""The Wyoming server: this host's recogniser, synthesiser and the OS for Home Assistant and friends.

One connection is one conversation of events (Home Assistant opens one per request). Events are
read with the bounded reader in wire.py; each type has one method in `_Connection.HANDLERS`; an
unknown type is logged and dropped, as the protocol asks; broken framing gets an `error` event and
the connection is closed, because nothing after it can be trusted to be where the header said.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import ipaddress
import logging
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlparse

from wyoming.asr import Transcript
from wyoming.audio import AudioChunk, AudioChunkConverter, AudioStart, AudioStop
from wyoming.error import Error
from wyoming.event import Event, async_write_event
from wyoming.handle import Handled, NotHandled
from wyoming.info import (
    AsrModel,
    AsrProgram,
    Attribution,
    HandleModel,
    HandleProgram,
    Info,
    TtsProgram,
    TtsVoice,
)
from wyoming.ping import Pong
from wyoming.tts import SynthesizeStopped

from .. import __version__
from ..audio import SAMPLE_BYTES, SAMPLE_RATE_HZ
from ..speech.asr import Recogniser
from ..speech.tts import split_sentences
from .stages import Stages
from .wire import WireError, WireLimits, read_event

log = logging.getLogger(__name__)

DEFAULT_URI = "tcp://127.0.0.1:10300"
_ATTRIBUTION = Attribution(name="earpiece", url="")
_AUDIO_CHUNK_SAMPLES = 1024  # what wyoming-piper sends per audio-chunk, 64 ms at 16 kHz
NOT_HANDLED_INTENTS = frozenset({"fallback"})
"""OS intents that mean "I did not understand": answered with `not-handled` so the caller can try elsewhere."""


@dataclass(frozen=True)
class ServerConfig:
    uri: str = DEFAULT_URI
    limits: WireLimits = field(default_factory=WireLimits)
    idle_timeout_s: float = 300.0
    """A connection with no event for this long is closed (Home Assistant connects per request)."""
    max_utterance_s: float = 60.0
    """Audio past this in one transcription is dropped (and counted): bounded memory and CPU."""


def parse_tcp_uri(uri: str) -> tuple[str, int]:
    parsed = urlparse(uri)
    if parsed.scheme != "tcp" or parsed.hostname is None or parsed.port is None:
        raise ValueError(f"{uri!r} is not a tcp://HOST:PORT address (for example {DEFAULT_URI})")
    return parsed.hostname, parsed.port


def exposure_warning(host: str) -> str | None:
    """The warning to print when the server can be reached from beyond this machine, else None."""
    try:
        if ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        if host == "localhost":
            return None
    return (f"listening on {host}, reachable from other machines. Wyoming has no authentication or "
            "encryption: anyone who can reach this port can use the recogniser and synthesiser and "
            "talk to the OS, which can read out your reminders, notes, calendar and mail. Bind to "
            "127.0.0.1 unless this network is yours alone, or put it behind a firewall.")


class WyomingServer:
    """Listens on a tcp:// URI and serves every connection with the shared `Stages`."""

    def __init__(self, stages: Stages, config: ServerConfig = ServerConfig()) -> None:
        self.stages = stages
        self.config = config
        self._server: asyncio.AbstractServer | None = None
        self._connections: dict[asyncio.Task, _Connection] = {}
        self.stats = {"connections": 0, "unknown_events": 0, "wire_errors": 0, "audio_chunks": 0,
                      "dropped_audio_ms": 0}

    async def start(self) -> None:
        host, port = parse_tcp_uri(self.config.uri)
        self._server = await asyncio.start_server(self._serve, host, port,
                                                  limit=self.config.limits.max_header_bytes)

    @property
    def address(self) -> tuple[str, int]:
        assert self._server is not None, "start() the server first"
        return self._server.sockets[0].getsockname()[:2]

    @property
    def uri(self) -> str:
        host, port = self.address
        return f"tcp://{host}:{port}"

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            # Closing each connection's transport as well as cancelling its task: Python 3.11's
            # wait_for can swallow a cancellation that lands as its read completes, and the task
            # would then wait out the idle timeout. A closed transport ends the read at once.
            for task, connection in list(self._connections.items()):
                connection.close()
                task.cancel()
            if self._connections:
                await asyncio.wait(list(self._connections), timeout=5.0)
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.stats["connections"] += 1
        task = asyncio.current_task()
        connection = _Connection(self, reader, writer)
        self._connections[task] = connection
        try:
            await connection.run()
        except asyncio.CancelledError:
            pass  # the server is stopping; ending quietly spares asyncio's stream callback a traceback
        finally:
            self._connections.pop(task, None)
            connection.close()


class _Connection:
    def __init__(self, server: WyomingServer, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.server = server
        self.stages = server.stages
        self.reader = reader
        self.writer = writer
        self.peer = writer.get_extra_info("peername")
        self._write_lock = asyncio.Lock()
        self._asr_worker: concurrent.futures.ThreadPoolExecutor | None = None
        self._recogniser: Recogniser | None = None
        self._converter = AudioChunkConverter(rate=SAMPLE_RATE_HZ, width=SAMPLE_BYTES, channels=1)
        self._language: str | None = None
        self._audio_ms = 0.0
        self._stream: _TextStream | None = None
        self._closed = False

    async def run(self) -> None:
        limits = self.server.config.limits
        while True:
            try:
                event = await read_event(self.reader, limits, self.server.config.idle_timeout_s)
            except asyncio.TimeoutError:
                log.info("wyoming: %s idle for %g s; closing", self.peer, self.server.config.idle_timeout_s)
                return
            except WireError as err:
                self.server.stats["wire_errors"] += 1
                log.warning("wyoming: %s sent a malformed event (%s); closing the connection", self.peer, err)
                await self._write_quietly(Error(text=str(err), code=err.code).event())
                return
            except (ConnectionError, asyncio.IncompleteReadError):
                return
            if event is None or self._closed:
                return
            handler = self.HANDLERS.get(event.type)
            if handler is None:
                self.server.stats["unknown_events"] += 1
                log.debug("wyoming: %s sent an event this server does not handle: %s", self.peer, event.type)
                continue
            try:
                await handler(self, event)
            except (ConnectionError, asyncio.IncompleteReadError):
                return
            except (KeyError, TypeError, ValueError) as err:
                log.warning("wyoming: %s sent a %s event this server cannot use (%r)", self.peer, event.type, err)
                await self._write_quietly(Error(text=f"bad {event.type} event: {err!r}", code="bad-event").event())
            except Exception as err:  # a bug must not take the server down; the peer hears of it
                if self._closed:
                    return  # the server stopped under this handler (its worker is gone)
                log.exception("wyoming: handling %s from %s failed", event.type, self.peer)
                await self._write_quietly(Error(text=f"the server failed on {event.type}: {err}",
                                                code="server-error").event())
                return

    async def write(self, event: Event) -> None:
        async with self._write_lock:
            await async_write_event(event, self.writer)

    async def _write_quietly(self, event: Event) -> None:
        try:
            await asyncio.wait_for(self.write(event), 2.0)
        except (ConnectionError, asyncio.TimeoutError):
            pass

    def close(self) -> None:
        self._closed = True
        if self._stream is not None:
            self._stream.cancel()
        if self._asr_worker is not None:
            self._asr_worker.shutdown(wait=False, cancel_futures=True)
        self.writer.close()

    # --- info -------------------------------------------------------------------------------

    async def on_describe(self, event: Event) -> None:
        await self.write(build_info(self.stages).event())

    async def on_ping(self, event: Event) -> None:
        await self.write(Pong(text=event.data.get("text")).event())

    # --- speech to text -----------------------------------------------------------------------

    async def on_transcribe(self, event: Event) -> None:
        language = event.data.get("language")
        self._language = language if isinstance(language, str) else None
        await self._begin_utterance()

    async def on_audio_start(self, event: Event) -> None:
        if self._recogniser is None or self._audio_ms:
            await self._begin_utterance()  # audio without a transcribe first, or a second utterance

    async def _begin_utterance(self) -> None:
        loop = asyncio.get_running_loop()
        if self._asr_worker is None:
            self._asr_worker = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="wyoming-asr")
        if self._recogniser is None:
            factory = await self.stages.recognisers()
            self._recogniser = await loop.run_in_executor(self._asr_worker, factory.create)
        else:
            await loop.run_in_executor(self._asr_worker, self._recogniser.reset)
        self._audio_ms = 0.0

    async def on_audio_chunk(self, event: Event) -> None:
        if self._recogniser is None:
            await self._begin_utterance()
        chunk = self._converter.convert(AudioChunk.from_event(event))
        self.server.stats["audio_chunks"] += 1
        chunk_ms = len(chunk.audio) * 1000 / (SAMPLE_BYTES * SAMPLE_RATE_HZ)
        if self._audio_ms + chunk_ms > self.server.config.max_utterance_s * 1000:
            self.server.stats["dropped_audio_ms"] += chunk_ms
            return
        self._audio_ms += chunk_ms
        # Awaited chunk by chunk: frames stay in order and a fast sender is held back (bounded).
        await asyncio.get_running_loop().run_in_executor(self._asr_worker, self._recogniser.accept, chunk.audio)

    async def on_audio_stop(self, event: Event) -> None:
        if self._recogniser is None:
            await self.write(Transcript(text="").event())
            return
        final = await asyncio.get_running_loop().run_in_executor(self._asr_worker, self._recogniser.finish)
        log.info("wyoming: %s transcribed %.1f s of audio: %r", self.peer, self._audio_ms / 1000, final.text)
        self._audio_ms = 0.0
        await self.write(Transcript(text=final.text, language=self._language).event())

    # --- text to speech -------------------------------------------------------------------------

    async def on_synthesize(self, event: Event) -> None:
        if self._stream is not None:
            return  # sent beside a synthesize-start stream for older servers; the stream carries the text
        stream = _TextStream(self)
        stream.add(str(event.data["text"]), final=True)
        await stream.finish()

    async def on_synthesize_start(self, event: Event) -> None:
        if self._stream is not None:
            self._stream.cancel()
        self._stream = _TextStream(self)

    async def on_synthesize_chunk(self, event: Event) -> None:
        if self._stream is None:
            raise ValueError("synthesize-chunk outside a synthesize-start ... synthesize-stop stream")
        self._stream.add(str(event.data["text"]))

    async def on_synthesize_stop(self, event: Event) -> None:
        stream, self._stream = self._stream, None
        if stream is None:
            raise ValueError("synthesize-stop without a synthesize-start")
        stream.add("", final=True)
        await stream.finish()
        await self.write(SynthesizeStopped().event())

    # --- intent handling -----------------------------------------------------------------------

    async def on_transcript(self, event: Event) -> None:
        text = str(event.data["text"])
        context = event.data.get("context") or {}
        conversation_id = str(context.get("conversation_id") or event.data.get("conversation_id") or "")
        reply = await asyncio.get_running_loop().run_in_executor(
            self.stages.pool, self.stages.conversations.handle, conversation_id, text)
        reply_context = {"conversation_id": conversation_id} if conversation_id else None
        handled = getattr(reply, "intent", "") not in NOT_HANDLED_INTENTS
        log.info("wyoming: %s conversation %r: %r -> %s %r", self.peer, conversation_id, text,
                 "handled" if handled else "not handled", reply.text)
        answer = Handled if handled else NotHandled
        await self.write(answer(text=reply.text, context=reply_context).event())

    HANDLERS: dict[str, Callable[[_Connection, Event], Awaitable[None]]] = {
        "describe": on_describe,
        "ping": on_ping,
        "transcribe": on_transcribe,
        "audio-start": on_audio_start,
        "audio-chunk": on_audio_chunk,
        "audio-stop": on_audio_stop,
        "synthesize": on_synthesize,
        "synthesize-start": on_synthesize_start,
        "synthesize-chunk": on_synthesize_chunk,
        "synthesize-stop": on_synthesize_stop,
        "transcript": on_transcript,
    }


class _TextStream:
    """Text arriving in pieces (a language model's reply) spoken sentence by sentence as it completes.

    A sentence counts as complete once text after it has arrived (the splitter needs to see what
    follows a full stop), so the first sentence is spoken while the rest is still being written.
    """

    def __init__(self, connection: _Connection) -> None:
        self._connection = connection
        self._pending = ""
        self._sentences: asyncio.Queue[str | None] = asyncio.Queue()
        self._audio_started = False
        self._speaker = asyncio.get_running_loop().create_task(self._speak())

    def add(self, text: str, final: bool = False) -> None:
        sentences = split_sentences(self._pending + text)
        complete, self._pending = (sentences, "") if final else (sentences[:-1], sentences[-1] if sentences else "")
        if not final and text[-1:].isspace() and self._pending:
            self._pending += " "
        for sentence in complete:
            self._sentences.put_nowait(sentence)
        if final:
            self._sentences.put_nowait(None)

    async def finish(self) -> None:
        await self._speaker
        connection = self._connection
        if not self._audio_started:
            await connection.write(AudioStart(rate=SAMPLE_RATE_HZ, width=SAMPLE_BYTES, channels=1).event())
        await connection.write(AudioStop().event())

    def cancel(self) -> None:
        self._speaker.cancel()

    async def _speak(self) -> None:
        connection = self._connection
        loop = asyncio.get_running_loop()
        synthesiser = await connection.stages.synthesiser()
        while (sentence := await self._sentences.get()) is not None:
            chunks = iter(synthesiser.synthesise(sentence))
            while (pcm := await loop.run_in_executor(connection.stages.pool, next, chunks, None)) is not None:
                if not self._audio_started:
                    self._audio_started = True
                    await connection.write(AudioStart(rate=SAMPLE_RATE_HZ, width=SAMPLE_BYTES, channels=1).event())
                step = _AUDIO_CHUNK_SAMPLES * SAMPLE_BYTES
                for offset in range(0, len(pcm), step):
                    await connection.write(AudioChunk(rate=SAMPLE_RATE_HZ, width=SAMPLE_BYTES, channels=1,
                                                      audio=pcm[offset:offset + step]).event())


def build_info(stages: Stages) -> Info:
    """One `info` with all three stages; names come from the loaded engines when they are ready."""
    names = stages.names
    recognisers = stages.loaded("asr")
    synthesiser = stages.loaded("tts")
    asr_description = recognisers.description if recognisers is not None else f"{names.asr_engine} (loading)"
    tts_description = synthesiser.description if synthesiser is not None else f"piper {names.tts_voice} (loading)"
    common = dict(attribution=_ATTRIBUTION, installed=True, version=__version__)
    return Info(
        asr=[AsrProgram(name="earpiece-asr", description="the earpiece host's speech recogniser",
                        models=[AsrModel(name=names.asr_engine, description=asr_description,
                                         languages=list(names.asr_languages), **common)],
                        supports_transcript_streaming=False, **common)],
        tts=[TtsProgram(name="earpiece-tts", description="the earpiece host's Piper voice",
                        voices=[TtsVoice(name=names.tts_voice, description=tts_description,
                                         languages=list(names.tts_languages), **common)],
                        supports_synthesize_streaming=True, **common)],
        handle=[HandleProgram(name="earpiece-os", description="the OS: timers, reminders, notes, lists, "
                                                              "calendar, mail and conversation",
                              models=[HandleModel(name="earpiece-os", description="the OS",
                                                  languages=list(names.handle_languages), **common)],
                              **common)],
    )


def local_address_for_lan() -> str:
    """The address other machines reach this one at (the route towards the mDNS group; nothing is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("224.0.0.251", 5353))
        return probe.getsockname()[0]
