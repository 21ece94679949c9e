"""The voice loop of one earpiece: microphone -> endpointer -> recogniser -> the OS -> synthesiser -> ear.

The stages are assembled here, in one visible place; when a turn ends is decided in turn_taking.py. Engines are blocking, so they run in worker
threads: each session has its own single-thread worker for its recogniser (frames stay in order),
and synthesis runs sentence by sentence in a shared pool, so that a barge-in stops it between
sentences and drops what was queued at once.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import itertools
import logging
import math
import random
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Protocol

import numpy as np

from . import protocol as p
from .alarm_ringing import AlarmRinging
from .audio import FRAME_BYTES, SAMPLE_RATE_HZ, float_to_pcm
from .dialogue.streamed_reply import StreamedReply
from .dialogue.types import Announcement, DeviceContext, Reply, SetVolume
from .dialogue.unavailable import SORRY_NO_MEMORY
from .session import DeviceInfo, DeviceLink
from .speech.asr import Recogniser, RecogniserFactory, Transcript
from .speech.barge_in import (BargeIn, BargeInConfig, BargeInDetector, BargeInKind, is_only_stop,
                              words_after_stop)
from .speech.recogniser_pool import DEFAULT_IDLE_RECOGNISERS, RecogniserPool
from .speech.recogniser_process import RecogniserProcesses
from .speech.recogniser_worker import RecogniserWorker
from .speech.tts import Synthesiser
from .speech.vad import EndpointConfig, EndpointEvent
from .speech.wake import MicroWakeWordDetector
from .transport import LinkClosed
from .turn_taking import TurnTaker, TurnTaking, intelligible, strip_wake_phrase
from .turn_taking_process import RemoteTurnTaker, TurnTakerProcesses

log = logging.getLogger(__name__)

DIDNT_CATCH = (
    "Sorry, I didn't catch that.",
    "I didn't quite hear you. Could you say it again?",
    "Sorry, could you say that once more?",
)
# Said when the OS fails on a turn; the host log has the details (never the user's words).
SORRY_FAILED = "Sorry, something went wrong on my side with that. Please try again."


class OS(Protocol):
    """Everything the voice loop uses of the OS; earpiece_host.dialogue.Engine fits it."""

    @property
    def persona_name(self) -> str:
        """The name a hands-free turn starts with ("Samantha, ...")."""
        ...

    def looks_complete(self, text: str) -> bool:
        """Is this partial transcript already a request the OS can act on? (ends the turn sooner)"""
        ...

    def handle(self, text: str, context: DeviceContext = ...) -> Reply: ...

    def handle_stream(self, text: str, context: DeviceContext = ...) -> StreamedReply:
        """The reply as soon as its first sentence is known; a model's later sentences follow."""
        ...

    def due_announcements(self, now: datetime | None = None,
                          device_id: str | None = None) -> list[Announcement]: ...

    def mark_delivered(self, announcement_id: str) -> None: ...

    def acknowledge_alarm(self) -> str:
        """A tap while an alarm rings: stop it; returns what to say."""
        ...


@dataclass(frozen=True)
class VoiceConfig:
    endpoint: EndpointConfig = field(default_factory=lambda: EndpointConfig(trailing_silence_ms=800))
    turn_taking: TurnTaking = field(default_factory=TurnTaking)
    announce_interval_s: float = 1.0  # how often due reminders and timers are checked
    follow_up_s: float = 6.0  # after an answer, a hands-free turn needs no wake phrase this long
    wake_word: str | None = None  # a hands-free turn needs this wake word (speech.wake) instead of the name
    low_battery_pct: int = 15  # below this the earpiece says so, once per discharge
    chime: bool = True  # a short chime before speaking unprompted
    # how long after the host's own estimate of the end of an announcement the device's PLAYED
    # may take to arrive before the announcement is counted as not heard
    played_timeout_s: float = 3.0
    # Voice barge-in (speech/barge_in.py): the device streams its mic while a reply plays, the
    # host cancels the echo and stops the reply when the user speaks over it. None: off.
    barge_in: BargeInConfig | None = None
    seed: int | None = None  # fixes the choice among varied replies, for tests


@dataclass
class TurnRecord:
    """What happened in one turn, with the host-side timings the benchmark reports."""

    device_id: str
    heard: str = ""
    reply: str = ""
    intent: str = ""
    asr_engine: str = ""
    end_reason: str = ""  # "voice", "button", "max_length", "no_speech"
    source: int = p.Source.BUTTON  # who started the turn (a VOICE turn needs the wake phrase)
    ignored: bool = False  # hands-free audio without the wake phrase: not for us
    awaiting_wake: bool = False  # hands-free with the wake-word option: nothing is recognised before it
    wake_word_heard: bool = False
    voiced: bool = False  # the endpointer heard voice in this turn
    early_text: str = ""  # a partial transcript already judged a complete request at the end
    speech_ms: float = 0.0  # audio the recogniser got in this turn
    asr_busy_s: float = 0.0  # worker time spent recognising this turn
    end_decided_at: float | None = None  # monotonic
    first_frame_sent_at: float | None = None  # monotonic
    tts_first_audio_ms: float | None = None
    transcript_wait_ms: float = 0.0  # end decided -> transcript in hand (0 when the partial was used)
    brain_ms: float = 0.0  # the OS deciding what to say
    tts_audio_ms: float = 0.0
    tts_busy_s: float = 0.0
    pause_fill_ms: float = 0.0  # silence the host slipped between late sentences
    interrupted: bool = False
    barge_in: str = ""  # the user spoke over this reply: "stop" or "request" (speech/barge_in.py)
    after_stop: bool = False  # this turn began with "stop" said over a reply
    voiced_ms: int = 0  # from the onset of the voice to its last voiced frame
    flushed_frames: int = 0  # reply frames dropped unplayed by that barge-in

    @property
    def host_processing_ms(self) -> float | None:
        if self.end_decided_at is None or self.first_frame_sent_at is None:
            return None
        return (self.first_frame_sent_at - self.end_decided_at) * 1000.0


@dataclass
class VoiceServices:
    """What every session shares: engines loaded once, the OS, and the worker pool."""

    recognisers: RecogniserFactory
    synthesiser: Synthesiser
    os: OS
    config: VoiceConfig = field(default_factory=VoiceConfig)
    on_turn: Callable[[TurnRecord], None] | None = None
    pool: concurrent.futures.ThreadPoolExecutor = field(
        default_factory=lambda: concurrent.futures.ThreadPoolExecutor(4, thread_name_prefix="speech"))
    os_lock: threading.Lock = field(default_factory=threading.Lock)
    # Announcements being spoken right now, on any device: one meant for "any device" goes to one.
    announcing: set[str] = field(default_factory=set)
    # Sessions borrow their recogniser from here and give it back when they end.
    idle_recognisers: int = DEFAULT_IDLE_RECOGNISERS
    recogniser_pool: RecogniserPool = field(init=False)
    closing: list[Callable[[], None]] = field(default_factory=list)  # more to stop in close()
    # Sessions' turn-takers in a worker process (turn_taking_process.py); None: in the host's own
    turn_takers: TurnTakerProcesses | None = None
    # The recognisers' worker processes (speech/recogniser_process.py); None: in the host's own
    recogniser_processes: RecogniserProcesses | None = None
    late_speech_frames: int = 0  # of the sessions that have ended (session.LinkStats), for benchmarks

    def __post_init__(self) -> None:
        self.recogniser_pool = RecogniserPool(self.recognisers, self.idle_recognisers)

    def handler(self, info: DeviceInfo) -> VoiceHandler:
        return VoiceHandler(info, self)

    def new_turn_taker(self) -> TurnTaker | RemoteTurnTaker:
        if self.turn_takers is not None:
            return self.turn_takers.new(self.os.looks_complete)
        return TurnTaker(self.config.endpoint, self.config.turn_taking, self.os.looks_complete)

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.recogniser_pool.clear()
        for close in self.closing:
            close()  # e.g. the recognisers' worker processes


class VoiceHandler:
    """One device's conversation (a ``DeviceHandler``)."""

    def __init__(self, info: DeviceInfo, services: VoiceServices) -> None:
        self.info = info
        self.services = services
        self._asr: RecogniserWorker | None = None  # the recogniser's thread, from started() to stopped()
        # The endpointer (and wake-word detector) has a worker of its own, so that turn-taking never
        # waits behind a recogniser that is falling behind, and never runs on the event loop.
        self._turn_worker = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix=f"turn-{info.device_id}")
        self._turn_taker = services.new_turn_taker()
        self._link: DeviceLink | None = None
        self._listening = False
        self._turn: TurnRecord | None = None
        self._reply_task: asyncio.Task | None = None
        self._announcer: asyncio.Task | None = None
        self._status: p.Status | None = None
        self._volume_pct: int | None = None
        self._random = random.Random(services.config.seed)
        # The recogniser's latest partial transcript and how much of the turn's audio (ms on the
        # turn-taker's clock) the recogniser had consumed then; replaced whole by its worker.
        self._partial: tuple[str, int] = ("", 0)
        self._follow_up_until = 0.0  # monotonic time until which no wake phrase is needed
        self._battery_warned = False
        self._memory_failure_logged = False
        self._wake = MicroWakeWordDetector(services.config.wake_word) if services.config.wake_word else None
        self._ringer = AlarmRinging()  # alarm_ringing.py: the alarm's chime, window and taps
        self._barge_in: BargeInDetector | None = None
        self._barge_worker: concurrent.futures.ThreadPoolExecutor | None = None  # the detector's thread
        self._replies_started = 0  # replies whose first frame has been sent ...
        self._replies_heard_over = 0  # ... and the one whose mic frames the barge-in detector hears
        self.barge_ins: list[BargeIn] = []  # voice barge-ins, in order
        self._speaking_turn: TurnRecord | None = None  # whose reply is being spoken (None: unprompted)
        self.turns: list[TurnRecord] = []

    # --- DeviceHandler ------------------------------------------------------------------------

    async def started(self, link: DeviceLink) -> None:
        self._link = link
        loop = asyncio.get_running_loop()
        # Not awaited: the recogniser is borrowed on its own thread, ahead of the first frame.
        self._asr = RecogniserWorker(self.services.recogniser_pool, f"asr-{self.info.device_id}")
        if self.services.config.barge_in is not None:
            # No recogniser: its cost per frame would hold up the stream; a keyword spotter hears
            # "stop", and a request needs enough voice above the echo. Its own thread: the
            # recogniser's is idle while a reply plays, but may still be catching up.
            self._barge_worker = concurrent.futures.ThreadPoolExecutor(
                1, thread_name_prefix=f"barge-in-{self.info.device_id}")
            self._barge_in = await loop.run_in_executor(
                self._barge_worker, BargeInDetector, None, self.services.config.barge_in)
            link.on_speech_frame = self._barge_in.timeline.add
            link.on_downlink = self._barge_in.downlink.add
        self._announcer = loop.create_task(self._announce_loop(), name=f"announce {self.info.device_id}")

    async def received(self, message: p.Message) -> None:
        if isinstance(message, p.MicAudio):
            await self._on_audio(message.pcm, message.speech_pos
                                 if isinstance(message, p.MicAudioPlaying) else None)
        elif isinstance(message, p.ListenStart):
            if message.source == p.Source.BUTTON and self._ringer.tap_acknowledges():
                await self._acknowledge_alarm()  # a tap while an alarm rings stops it
            else:
                await self._start_listening(message.source)
        elif isinstance(message, p.ListenStop):
            if self._listening:
                if message.source == p.Source.BUTTON and self._turn.source == p.Source.HOST \
                        and not self._turn_taker.voiced and self._ringer.tap_acknowledges():
                    await self._acknowledge_alarm()  # a tap in the window after a ring, nothing said
                else:
                    await self._end_turn("button" if message.source == p.Source.BUTTON else "device")
        elif isinstance(message, p.Interrupt):
            await self.interrupt()
        elif isinstance(message, p.Status):
            self._status = message
            self._check_battery(message)
        elif isinstance(message, p.Volume):
            self._volume_pct = message.level_pct

    async def stopped(self) -> None:
        if self._link is not None:
            self.services.late_speech_frames += self._link.stats.late_speech_frames
        self._link = None  # first: the announcer, cancelled, then ends instead of retrying
        tasks = [t for t in (self._announcer, self._reply_task) if t is not None and not t.done()]
        for task in tasks:
            task.cancel()
        if self._asr is not None:
            self._asr.close()  # the recogniser goes back to the pool, reset
        self._turn_worker.shutdown(wait=False, cancel_futures=True)
        if isinstance(self._turn_taker, RemoteTurnTaker):
            self._turn_taker.close()  # its process drops this session's endpointer
        if tasks:
            # A cancelled task keeps its exception, whose traceback holds this handler: a cycle
            # only a full garbage collection would break. Let the tasks end and let go of them.
            await asyncio.wait(tasks, timeout=2.0)
        self._announcer = self._reply_task = None
        if self._barge_worker is not None:
            barge_in, self._barge_in = self._barge_in, None
            if barge_in is not None:
                self._barge_worker.submit(barge_in.close)
            self._barge_worker.shutdown(wait=False)

    def _send(self, message: p.Message) -> None:
        """Send if the device is still there; a turn may outlive its link by a moment."""
        link = self._link
        if link is None:
            return
        try:
            link.send(message)
        except LinkClosed:
            log.debug("%s: link closed; %s not sent", self.info.device_id, message.NAME)

    # --- listening ----------------------------------------------------------------------------

    async def _start_listening(self, source: int) -> None:
        if self._speaking():
            await self.interrupt()  # the user talks over the reply: barge-in
        self._listening = True
        self._partial = ("", 0)
        self._turn = TurnRecord(self.info.device_id, asr_engine=self.services.recognisers.engine,
                                source=source)
        self._turn.awaiting_wake = (self._wake is not None and source == p.Source.VOICE
                                    and time.monotonic() > self._follow_up_until)
        # The recogniser's reset is queued, not awaited: the old turn's frames still queued for it
        # are dropped, and the session goes on reading this turn's frames meanwhile.
        self._asr.new_turn()
        await asyncio.get_running_loop().run_in_executor(self._turn_worker, self._reset_turn_taking)

    def _reset_turn_taking(self) -> None:
        self._turn_taker.reset()
        if self._wake is not None:
            self._wake.reset()

    async def _on_audio(self, pcm: bytes, speech_pos: int | None = None) -> None:
        if not self._listening:
            if self._barge_in is not None and self._link is not None and self._link.speaking:
                await self._hear_over_reply(pcm, speech_pos)
            return  # else frames in flight after the turn ended
        loop = asyncio.get_running_loop()
        turn = self._turn
        turn.speech_ms += len(pcm) * 1000 / (2 * SAMPLE_RATE_HZ)
        # Turn-taking first, in its own worker (awaited: one frame in flight); the recogniser gets
        # the frame after it, in its worker, so the wake-word gate has seen the frame already.
        event, frame_end_ms = await loop.run_in_executor(self._turn_worker, self._take_turn, turn, pcm)
        if not self._listening or turn is not self._turn:
            return  # the turn ended meanwhile (button, barge-in)
        if not turn.awaiting_wake or turn.wake_word_heard:
            # Not awaited: under load the recogniser may run behind; the partial it leaves says
            # how far it got, so turn-taking never ends a turn on words that miss its end.
            self._asr.accept(functools.partial(self._accept, turn, pcm, frame_end_ms))
        if event == EndpointEvent.SPEECH_ENDED:
            await self._end_turn("voice")
        elif event == EndpointEvent.MAX_LENGTH:
            await self._end_turn("max_length")
        elif event == EndpointEvent.NO_SPEECH:
            await self._end_turn("no_speech")

    def _take_turn(self, turn: TurnRecord, pcm: bytes) -> tuple[EndpointEvent | None, int]:
        """In the turn worker: is the turn over, given this frame and the latest partial transcript?
        Also where this frame ends on the turn-taker's clock, for the recogniser's partial.

        With the wake-word option, a hands-free turn's audio goes to the recogniser only after the
        wake word (see `_on_audio`): the recogniser never runs on speech not addressed to us.
        """
        if turn.awaiting_wake and not turn.wake_word_heard:
            turn.wake_word_heard = self._wake is not None and self._wake.heard(pcm)
            if turn.wake_word_heard:
                self._turn_taker.reset()  # the request starts now; a pause after the wake word is fine
                return None, 0
        text, covers_ms = self._partial
        event = self._turn_taker.push(pcm, text, covers_ms)
        return event, self._turn_taker.stream_ms

    def _accept(self, turn: TurnRecord, pcm: bytes, frame_end_ms: int,
                recogniser: Recogniser) -> Transcript | None:
        """In the recogniser's worker: recognise a frame; the partial transcript (changed or not)
        now stands for the turn's audio up to `frame_end_ms`."""
        started = time.perf_counter()
        try:
            partial = recogniser.accept(pcm)
            if turn is self._turn:
                text = partial.text if partial is not None else self._partial[0]
                # A partial that is not current (Whisper between passes) still stands only for
                # the audio up to where it was made: the turn must not end on its stale words.
                covers_ms = frame_end_ms if recogniser.partial_current else self._partial[1]
                self._partial = (text, covers_ms)
            return partial
        finally:
            turn.asr_busy_s += time.perf_counter() - started

    def _finish(self, turn: TurnRecord, recogniser: Recogniser) -> Transcript:
        started = time.perf_counter()
        try:
            return recogniser.finish()
        finally:
            turn.asr_busy_s += time.perf_counter() - started

    async def _end_turn(self, reason: str) -> None:
        self._listening = False
        turn = self._turn
        turn.end_reason = reason
        turn.end_decided_at = time.monotonic()
        turn.voiced = self._turn_taker.voiced
        endpointer = self._turn_taker.endpointer
        if endpointer.speech_started_ms is not None:
            turn.voiced_ms = endpointer.last_voiced_ms - endpointer.speech_started_ms
        if reason == "voice":
            # in the turn worker: the turn-taker may be in a process of its own (a pipe's round trip)
            turn.early_text = await asyncio.get_running_loop().run_in_executor(
                self._turn_worker, self._turn_taker.complete_request, *self._partial)
        if reason != "button":
            self._send(p.ListenStop(source=p.Source.VOICE if reason == "voice" else p.Source.TIMEOUT))
        self._send(p.State(state=p.DeviceState.THINKING))
        self._reply_task = asyncio.get_running_loop().create_task(self._answer(turn),
                                                                   name=f"answer {self.info.device_id}")

    async def _answer(self, turn: TurnRecord) -> None:
        try:
            await self._answer_turn(turn)
        except LinkClosed as err:
            log.info("%s went away before the answer was spoken: %s", self.info.device_id, err)

    async def _answer_turn(self, turn: TurnRecord) -> None:
        loop = asyncio.get_running_loop()
        if turn.after_stop and is_only_stop(self.services.config.barge_in, voiced_ms=turn.voiced_ms):
            return self._stopped_by_voice(turn)
        if turn.early_text:
            # The turn ended early because the partial transcript was already a complete request:
            # answer it now. The recogniser is not finalised: its engine would hold the GIL for
            # tens of milliseconds just when the reply starts to stream, and the next turn's
            # reset() clears it anyway.
            turn.heard = turn.early_text
        else:
            turn.heard = (await self._asr.run(functools.partial(self._finish, turn))).text.strip()
            turn.transcript_wait_ms = (time.monotonic() - turn.end_decided_at) * 1000.0
        request: str | None = turn.heard
        if turn.awaiting_wake:
            request = turn.heard if turn.wake_word_heard else None  # only the request was recognised
        elif turn.source == p.Source.VOICE and time.monotonic() > self._follow_up_until:
            request = strip_wake_phrase(turn.heard, self.services.os.persona_name)
        if turn.after_stop and (is_only_stop(self.services.config.barge_in, heard=turn.heard)
                                or not self.services.os.looks_complete(words_after_stop(turn.heard))):
            # The user said "stop": unless a request the OS understands followed it, that is all
            # (what else the recogniser heard may be the reply's own echo, cut off mid-word).
            return self._stopped_by_voice(turn)
        if request is None or (turn.source == p.Source.HOST and not intelligible(request, turn.voiced)):
            # Hands-free audio that wasn't addressed to us, or a window the host opened (after an
            # alarm) in which nothing was said: say nothing, go back to idle.
            turn.ignored = True
            self._send(p.State(state=p.DeviceState.IDLE))
            self.turns.append(turn)
            log.info("%s: no request (no wake phrase, or nothing said in the window); ignored", self.info.device_id)
            log.debug("%s: ignored %r", self.info.device_id, turn.heard)
            return
        spoken: StreamedReply | None = None  # the OS's reply, which a model may still be writing
        if not intelligible(request, turn.voiced):
            turn.intent = "fallback"
            text = self._random.choice(DIDNT_CATCH)
        else:
            asked = time.monotonic()
            try:
                reply = await loop.run_in_executor(self.services.pool, self._ask_os, request)
            except Exception as err:  # the OS failed: say so, and keep serving this and every device
                turn.intent = "error"
                text = self._apology(err)
            else:
                turn.intent = reply.intent
                text = reply.text
                spoken, carried = reply, len(reply.actions)
                self._ringer.after_turn(reply.intent)
                self._carry_out(reply.actions)
            turn.brain_ms = (time.monotonic() - asked) * 1000.0
        turn.reply = text
        # The words stay out of the log at INFO: they are the user's (earpiece serve --turns keeps them).
        log.info("%s: answered a turn (%s)", self.info.device_id, turn.intent or "no intent")
        log.debug("%s heard %r -> %r", self.info.device_id, turn.heard, text)
        try:
            if not text.strip():
                # Nothing to say (a dictated sentence went into a letter): back to idle.
                self._send(p.State(state=p.DeviceState.IDLE))
                return
            if await self._speak(spoken or text, turn):
                self._follow_up_until = time.monotonic() + self.services.config.follow_up_s + \
                    (self._link.queued_ms if self._link is not None else 0) / 1000.0
        finally:
            if spoken is not None:
                turn.intent, turn.reply = spoken.intent, spoken.text  # all that was said
                self._carry_out(spoken.actions[carried:])  # a tool call the model made after its first words
            self.turns.append(turn)
            if self.services.on_turn is not None:
                self.services.on_turn(turn)

    def _apology(self, err: Exception) -> str:
        from .dialogue.store import StoreError

        if isinstance(err, StoreError):
            log.error("%s: the OS's memory is unavailable: %s", self.info.device_id, err)
            return SORRY_NO_MEMORY
        log.error("%s: the OS failed on a turn", self.info.device_id,
                  exc_info=(type(err), err, err.__traceback__))
        return SORRY_FAILED

    def _check_battery(self, status: p.Status) -> None:
        """Say once that the battery is low; say it again only after a recharge."""
        pct = status.battery_pct
        if pct == 255:
            return
        if pct > self.services.config.low_battery_pct + 10:
            self._battery_warned = False
        elif pct < self.services.config.low_battery_pct and not self._battery_warned:
            self._battery_warned = True
            text = (f"My battery is getting low, about {pct} percent. "
                    "Please charge me soon.")
            asyncio.get_running_loop().create_task(self._say_when_free(text))

    async def _say_when_free(self, text: str) -> None:
        while self._listening or self._speaking():
            await asyncio.sleep(0.2)
        await self._speak_unprompted(text)

    async def _speak_unprompted(self, text: str, prefix: bytes | None = None) -> bool:
        """Speak on the OS's own initiative, after a chime; barge-in cancels it like a reply."""
        self._reply_task = asyncio.current_task()
        if prefix is None:
            prefix = chime() if self.services.config.chime else b""
        try:
            return await self._speak(text, prefix=prefix)
        finally:
            if self._reply_task is asyncio.current_task():  # not a reply started since (a tap's answer)
                self._reply_task = None

    def _ask_os(self, text: str) -> StreamedReply:
        status = self._status
        context = DeviceContext(
            device_id=self.info.device_id,
            battery_mv=status.battery_mv if status and status.battery_mv else None,
            battery_pct=status.battery_pct if status and status.battery_pct != 255 else None,
            volume_pct=self._volume_pct,
        )
        # Not under os_lock: the OS serialises its own turns and reads slow sources (the
        # calendar) before taking its lock, which a lock held here would undo.
        return self.services.os.handle_stream(text, context)

    def _carry_out(self, actions: tuple) -> None:
        for action in actions:
            if isinstance(action, SetVolume):
                self._volume_pct = max(0, min(100, int(action.level_pct)))
                self._send(p.Volume(level_pct=self._volume_pct))

    # --- speaking -----------------------------------------------------------------------------

    async def _speak(self, text: str | StreamedReply, turn: TurnRecord | None = None, prefix: bytes = b"") -> bool:
        """Synthesise and send a reply sentence by sentence; False if it was interrupted.

        A streamed reply is synthesised a part at a time as the OS hands the parts over, so the
        first sentence is heard while the model still writes the rest."""
        loop = asyncio.get_running_loop()
        link = self._link
        if link is None:
            if isinstance(text, StreamedReply):
                self.services.pool.submit(text.close)  # nobody will hear it: stop reading the model
            return False
        def on_first(now: float) -> None:
            self._replies_started += 1  # a new stretch of mic frames over it (voice barge-in)
            if turn is not None and turn.first_frame_sent_at is None:
                turn.first_frame_sent_at = now

        link.on_first_speech = on_first
        self._speaking_turn = turn
        fills_before = link.stats.pause_fill_frames
        synthesise = self.services.synthesiser.synthesise
        chunks = iter(synthesise(text)) if isinstance(text, str) else \
            itertools.chain.from_iterable(map(synthesise, text.parts()))
        started = time.perf_counter()
        try:
            if prefix:
                await link.send_speech(prefix)
            while True:
                t0 = time.perf_counter()
                chunk = await loop.run_in_executor(self.services.pool, next, chunks, None)
                if turn is not None:
                    turn.tts_busy_s += time.perf_counter() - t0
                if chunk is None:
                    break
                if turn is not None:
                    if turn.tts_first_audio_ms is None:
                        turn.tts_first_audio_ms = (time.perf_counter() - started) * 1000.0
                    turn.tts_audio_ms += len(chunk) * 1000 / (2 * SAMPLE_RATE_HZ)
                await link.send_speech(chunk)
            await link.send_speech(b"", end=True)
            if turn is not None:
                turn.pause_fill_ms = (link.stats.pause_fill_frames - fills_before) * 20.0
            return True
        except asyncio.CancelledError:
            # A sentence already in the worker finishes there and is dropped; no further
            # sentence is synthesised because nobody asks the iterator for one.
            if turn is not None:
                turn.interrupted = True
            raise
        finally:
            if isinstance(text, StreamedReply) and text.streaming:
                # Stop reading the model, in a worker: closing waits for a part being read.
                self.services.pool.submit(text.close)

    def _speaking(self) -> bool:
        return (self._reply_task is not None and not self._reply_task.done()) or (
            self._link is not None and self._link.speaking)

    async def interrupt(self) -> None:
        """Barge-in: stop synthesis and queued audio now, and tell the device to flush."""
        task, self._reply_task = self._reply_task, None
        running = task is not None and not task.done()
        if running:
            task.cancel()  # the turn it speaks marks itself interrupted
        if self._link is not None:
            if self._link.speaking and self.turns and not self._listening and not running:
                self.turns[-1].interrupted = True  # its audio was still queued or playing
            dropped = self._link.flush_speech()
            self._send(p.Interrupt(source=p.Source.HOST))
            log.info("%s: interrupted; %d queued frames dropped", self.info.device_id, dropped)

    # --- voice barge-in ------------------------------------------------------------------------

    async def _hear_over_reply(self, pcm: bytes, speech_pos: int | None) -> None:
        """A mic frame that arrived while a reply plays: echo-cancelled, then listened to.
        speech_pos: the downlink sample the device was playing as it captured the frame."""
        now = time.monotonic()
        # The device streams its mic from the start of each reply: a new stretch, anchored here.
        restart = self._replies_heard_over != self._replies_started
        self._replies_heard_over = self._replies_started
        lag_ms = self._link.played_lag_ms if self._link is not None else None
        decision = await asyncio.get_running_loop().run_in_executor(
            self._barge_worker, self._push_over_reply, pcm, now, restart, lag_ms, speech_pos)
        if decision is not None and not self._listening and self._link is not None \
                and self._link.speaking:
            await self._barge(decision)

    def _push_over_reply(self, pcm: bytes, arrival_s: float, restart: bool,
                         lag_ms: float | None, speech_pos: int | None = None) -> BargeIn | None:
        detector = self._barge_in
        if restart:
            detector.restart()
            if lag_ms is not None:  # the device's PLAYED reports: where to look before a search
                detector.canceller.prior_delay_samples = max(0, int(lag_ms * SAMPLE_RATE_HZ / 1000))
        return detector.push(pcm, arrival_s, speech_pos)

    async def _barge(self, decision: BargeIn) -> None:
        """The user spoke over the reply: stop it at once and listen to what they say."""
        self.barge_ins.append(decision)
        log.info("%s: voice barge-in (%s) after %d ms of voice", self.info.device_id,
                 decision.kind.value, decision.voiced_ms)
        turn = self._speaking_turn
        flushed_before = self._link.stats.speech_frames_flushed if self._link is not None else 0
        await self.interrupt()
        if turn is not None:
            turn.barge_in = decision.kind.value
            if self._link is not None:
                turn.flushed_frames = self._link.stats.speech_frames_flushed - flushed_before
        # Listen on, from the onset of the voice: a request is a new turn, and so is "stop"
        # until it proves to be only "stop" (then nothing is said; see _stopped_by_voice).
        self._send(p.ListenStart(source=p.Source.HOST))
        await self._start_listening(p.Source.HOST)
        self._turn.after_stop = decision.kind is BargeInKind.STOP
        audio = decision.audio
        for start in range(0, len(audio) - len(audio) % FRAME_BYTES, FRAME_BYTES):
            await self._on_audio(audio[start:start + FRAME_BYTES])

    def _stopped_by_voice(self, turn: TurnRecord) -> None:
        """The user said "stop" over a reply, and nothing more: the reply is stopped; say nothing."""
        turn.ignored = True
        self._send(p.State(state=p.DeviceState.IDLE))
        self.turns.append(turn)
        log.info("%s: stopped by voice; nothing to answer", self.info.device_id)

    # --- speaking unprompted ------------------------------------------------------------------

    async def _announce_loop(self) -> None:
        """Speak due reminders and timers to this device, marking them delivered only once heard."""
        loop = asyncio.get_running_loop()
        while True:
            try:
                await asyncio.sleep(self.services.config.announce_interval_s)
                if self._listening or self._speaking():
                    continue
                due = await loop.run_in_executor(self.services.pool, self._due)
                for announcement in due:
                    if self._listening or self._link is None:
                        break
                    if announcement.id in self.services.announcing:
                        continue  # another earpiece is saying it now
                    self.services.announcing.add(announcement.id)
                    try:
                        prefix = self._ringer.prefix(
                            announcement, chime() if self.services.config.chime else b"")
                        if await self._speak_unprompted(announcement.text, prefix) \
                                and await self._played_out():
                            await loop.run_in_executor(self.services.pool, self._delivered,
                                                       announcement.id)
                            log.info("%s: announced a %s", self.info.device_id, announcement.kind)
                            if self._ringer.wants_window(announcement):
                                await self._open_window()  # "stop", "I'm up", "snooze" need no tap
                                break
                    finally:
                        self.services.announcing.discard(announcement.id)
            except asyncio.CancelledError:
                if self._link is None:
                    raise
                # Interrupted while announcing: the announcement stays undelivered and returns.
                continue
            except LinkClosed:
                return  # the session is ending; undelivered announcements wait for the next one
            except Exception as err:
                from .dialogue.store import StoreError

                if not isinstance(err, StoreError):
                    log.exception("announcing to %s failed; retrying", self.info.device_id)
                elif not self._memory_failure_logged:  # once, not every poll: turns say it too
                    self._memory_failure_logged = True
                    log.error("%s: no announcements while the OS's memory is unavailable: %s",
                              self.info.device_id, err)

    async def _open_window(self) -> None:
        """Open the microphone for a turn that needs neither the button nor the wake phrase; it
        ends like any turn (the endpointer's no-speech timeout when nothing is said)."""
        self._send(p.ListenStart(source=p.Source.HOST))
        await self._start_listening(p.Source.HOST)

    async def _acknowledge_alarm(self) -> None:
        """A tap while an alarm rings: the OS stops it, and the answer is spoken as a reply."""
        if self._speaking():
            await self.interrupt()
        self._listening = False
        self._send(p.ListenStop(source=p.Source.HOST))  # the tap opened the device's microphone
        self._send(p.State(state=p.DeviceState.THINKING))
        turn = TurnRecord(self.info.device_id, asr_engine=self.services.recognisers.engine,
                          end_reason="button", intent="alarm.stop")
        self._reply_task = asyncio.get_running_loop().create_task(
            self._say_alarm_off(turn), name=f"alarm off {self.info.device_id}")

    async def _say_alarm_off(self, turn: TurnRecord) -> None:
        loop = asyncio.get_running_loop()
        try:
            turn.reply = await loop.run_in_executor(self.services.pool, self._acknowledge)
        except Exception as err:
            turn.intent, turn.reply = "error", self._apology(err)
        log.info("%s: a tap acknowledged the alarm", self.info.device_id)
        try:
            await self._speak(turn.reply, turn)
        except LinkClosed as err:
            log.info("%s went away before the alarm was acknowledged aloud: %s", self.info.device_id, err)
        finally:
            self.turns.append(turn)
            if self.services.on_turn is not None:
                self.services.on_turn(turn)

    def _acknowledge(self) -> str:
        with self.services.os_lock:
            return self.services.os.acknowledge_alarm()

    async def _played_out(self) -> bool:
        """True once the device reports (PLAYED) that the reply's last sample left its speaker;
        False if the link is lost or the report does not come: the announcement stays pending
        and is spoken again on the next connection."""
        link = self._link
        if link is None:
            return False
        return await link.wait_played(self.services.config.played_timeout_s)

    def _due(self) -> list[Announcement]:
        with self.services.os_lock:
            return list(self.services.os.due_announcements(device_id=self.info.device_id))

    def _delivered(self, announcement_id: str) -> None:
        with self.services.os_lock:
            self.services.os.mark_delivered(announcement_id)


@functools.lru_cache(maxsize=4)
def chime(duration_ms: int = 260, level: float = 0.25) -> bytes:
    """Two soft rising tones, so an unprompted voice does not startle."""
    n = SAMPLE_RATE_HZ * duration_ms // 1000
    t = np.arange(n) / SAMPLE_RATE_HZ
    half = n // 2
    freq = np.where(np.arange(n) < half, 880.0, 1318.5)
    envelope = np.sin(np.pi * (np.arange(n) % half) / half) ** 2
    tone = level * envelope * np.sin(2 * math.pi * freq * t)
    silence = np.zeros(SAMPLE_RATE_HZ * 80 // 1000)
    return float_to_pcm(np.concatenate([tone, silence]))
