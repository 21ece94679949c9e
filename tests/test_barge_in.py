"""Voice barge-in: the user says "stop" over a reply, through a speaker the microphone hears.

The host runs the real voice loop (pocketsphinx, the OS, Piper, the Speex echo canceller, the
barge-in detector) on a real socket. The device is a stand-in that behaves like the firmware with
the host's voice barge-in capability: it plays the reply frames at real time from a buffer
(underrunning into silence when the host is late), and while it speaks (or the host has it listen) it sends one microphone
frame every 20 ms holding the echo of what it played (through the benchmark's echo path: 40 ms,
-10 dB, the small room of the sim's --echo-path), plus the user's voice when the test says so.
The user's voice is espeak-ng, never the host's Piper voice. The real firmware's side of it (the
mic streamed while speaking) is tested in tests/test_firmware_duplex.py.
"""

from __future__ import annotations

import asyncio
from collections import deque

import numpy as np
import pytest

from earpiece_host import protocol as p
from earpiece_host.server import Server, ServerConfig
from earpiece_host.session import SessionConfig
from earpiece_tools.barge_in_bench import ROOM_TAPS, EchoPath
from earpiece_tools.voices import espeak
from peer import Peer, hello, paired_store
from speech_fixtures import piper_pcm, silence_pcm

pytestmark = pytest.mark.slow

_FRAME = 320
_PREBUFFER_FRAMES = 5  # the device starts its speaker once this much has arrived


def at_level(pcm: bytes, active_rms_dbfs: float) -> np.ndarray:
    """PCM scaled so that its voiced frames have this RMS level."""
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    frames = x[:len(x) // _FRAME * _FRAME].reshape(-1, _FRAME)
    rms = np.sqrt(np.mean(frames ** 2, axis=1))
    active = rms[rms >= rms.max() / 30]
    return x * (32768 * 10 ** (active_rms_dbfs / 20) / np.sqrt(np.mean(active ** 2)))


class EchoingEarpiece:
    """Plays what the host sends and hears it back; counts everything in frames."""

    def __init__(self, peer: Peer, echo: EchoPath = EchoPath()) -> None:
        self.peer = peer
        self.echo = echo
        self.queue: deque[bytes] = deque()
        self.history = np.zeros(echo.delay_ms * 16 + max(o for o, _ in ROOM_TAPS) + _FRAME)
        self.speaking = False
        self.listening = False  # the host opened a turn (LISTEN_START): the mic streams
        self.started = False
        self.end_queued = False
        self.frames_played = 0  # reply frames played in the current reply ...
        self.sound_frames_played = 0  # ... of them not silence (the host fills late sentences)
        self.mic_frames_sent = 0
        self.user: np.ndarray | None = None  # what the user says, from user_from_frame on
        self.user_from_frame: int | None = None  # mic frame index where the user starts
        self.interrupted_at_frame: int | None = None
        self.flushed_frames = 0
        self.replies_played = 0
        self.speech_after_interrupt = 0

    async def run(self) -> None:
        await asyncio.gather(self._receive(), self._clock())

    async def _receive(self) -> None:
        while True:
            data = await self.peer.reader.read(65536)
            if not data:
                return
            self.peer._take(data)
            keep = []
            for m in self.peer.inbox:
                if isinstance(m, p.SpeechAudio):
                    if self.interrupted_at_frame is not None:
                        self.speech_after_interrupt += 1
                    if m.pcm:
                        self.queue.append(m.pcm)
                    self.end_queued = self.end_queued or m.end
                    self.speaking = True  # SPEAKING: the mic streams from now on
                elif isinstance(m, p.ListenStart):
                    self.listening = True
                    keep.append(m)
                elif isinstance(m, p.ListenStop):
                    self.listening = False
                    keep.append(m)
                elif isinstance(m, p.Interrupt):
                    self.interrupted_at_frame = self.mic_frames_sent
                    self.flushed_frames = len(self.queue)
                    self.queue.clear()
                    self._reply_over()
                    keep.append(m)
                else:
                    keep.append(m)
            self.peer.inbox[:] = keep

    def _reply_over(self) -> None:
        self.speaking = self.started = self.end_queued = False
        self.frames_played = self.sound_frames_played = 0

    async def _clock(self) -> None:
        loop = asyncio.get_running_loop()
        next_t = loop.time()
        while True:
            next_t += 0.02
            await asyncio.sleep(max(0.0, next_t - loop.time()))
            if not self.speaking and not self.listening:
                continue
            if not self.started and (len(self.queue) >= _PREBUFFER_FRAMES or self.end_queued):
                self.started = True
            played = np.zeros(_FRAME)
            if self.started and self.queue:
                pcm = self.queue.popleft()
                played[:len(pcm) // 2] = np.frombuffer(pcm, dtype="<i2")
                self.frames_played += 1
                self.sound_frames_played += bool(played.any())
            self.history = np.concatenate([self.history[_FRAME:], played])
            mic = self.echo.apply(self.history)[-_FRAME:]
            if self.user is not None and self.user_from_frame is not None:
                k = self.mic_frames_sent - self.user_from_frame
                if 0 <= k * _FRAME < len(self.user):
                    chunk = self.user[k * _FRAME:(k + 1) * _FRAME]
                    mic[:len(chunk)] += chunk
            self.peer.send(p.MicAudio(pcm=np.clip(mic, -32768, 32767).astype("<i2").tobytes()))
            self.mic_frames_sent += 1
            if self.started and not self.queue and self.end_queued:
                self.replies_played += 1
                self._reply_over()  # played out: back to idle, the mic stops


@pytest.fixture
async def barge_in_server(voice_services, tmp_path):
    from earpiece_host.speech.barge_in import BargeInConfig
    from earpiece_host.speech.vad import EndpointConfig
    from earpiece_host.voice import VoiceConfig

    voice_services.config = VoiceConfig(seed=7, endpoint=EndpointConfig(trailing_silence_ms=800),
                                        barge_in=BargeInConfig())
    session = SessionConfig(hello_timeout_s=5, link_timeout_s=30,
                            host_capabilities=SessionConfig().host_capabilities
                            | p.HostCapability.VOICE_BARGE_IN)
    server = Server(ServerConfig(listen=("tcp://127.0.0.1:0",), session=session),
                    voice_services.handler, paired_store(tmp_path, "ear-duplex"))
    await server.start()
    yield server
    await server.stop()


async def ask(peer: Peer, pcm: bytes) -> None:
    peer.send(p.ListenStart(source=p.Source.BUTTON))
    for i in range(0, len(pcm) - 639, 640):
        peer.send(p.MicAudio(pcm=pcm[i:i + 640]))
    await peer.writer.drain()


async def until(condition, timeout_s: float) -> None:
    """Poll to a deadline (never a fixed sleep)."""
    async def wait():
        while not condition():
            await asyncio.sleep(0.02)
    await asyncio.wait_for(wait(), timeout_s)


async def test_stop_said_over_a_reply_stops_it_and_a_reply_alone_plays_out(
        barge_in_server, speech_cache, piper_synthesiser):
    peer = await Peer.connect(barge_in_server.tcp_addresses[0])
    peer.send(hello("ear-duplex"))
    welcome = await peer.expect(p.Welcome)
    assert welcome.host_capabilities & p.HostCapability.VOICE_BARGE_IN
    earpiece = EchoingEarpiece(peer)
    device = asyncio.create_task(earpiece.run())
    try:
        handler = barge_in_server.registry.get("ear-duplex")._handler
        # 1. A reply heard only through the echo path plays to its end: no barge-in.
        await ask(peer, piper_pcm(speech_cache, piper_synthesiser, "What's your name?")
                  + silence_pcm(1.5))
        await until(lambda: earpiece.replies_played == 1, 60)
        assert earpiece.interrupted_at_frame is None
        assert handler.barge_ins == []
        # 2. "Stop" over a long reply, 10 dB above its echo, once 2 s of it has played: past its
        # first clause, so the host holds the rest of the reply queued.
        earpiece.user = at_level(espeak(speech_cache, "Stop.", "en-us"), -20.0)
        await ask(peer, piper_pcm(speech_cache, piper_synthesiser, "What can you do?")
                  + silence_pcm(1.5))
        await until(lambda: earpiece.sound_frames_played >= 100, 60)
        earpiece.user_from_frame = earpiece.mic_frames_sent
        await until(lambda: earpiece.interrupted_at_frame is not None, 20)
        # The host stopped the reply after the user began to speak; the detector decided within
        # a second of audio from the onset of the voice (how long the stream took to reach it
        # depends on the machine's load, so it is not asserted) ...
        assert earpiece.interrupted_at_frame > earpiece.user_from_frame, (handler.barge_ins, earpiece.interrupted_at_frame, earpiece.user_from_frame, handler._barge_in.stats)
        (decision,) = handler.barge_ins
        assert decision.kind.value == "stop" and decision.decided_ms <= 1000, decision
        interrupt = next(m for m in peer.inbox if isinstance(m, p.Interrupt))
        assert interrupt.source == p.Source.HOST
        # ... the rest of the reply was flushed on both sides, and nothing more is said.
        await until(lambda: len(handler.turns) >= 2, 10)
        first, second = handler.turns[:2]
        assert first.barge_in == "" and not first.interrupted
        assert second.barge_in == "stop" and second.interrupted
        assert second.flushed_frames > 0
        # The host listened on after "stop" and, hearing nothing more, said nothing.
        await until(lambda: len(handler.turns) == 3, 15)
        assert handler.turns[2].after_stop and handler.turns[2].ignored
        with pytest.raises(asyncio.TimeoutError):
            await until(lambda: earpiece.speech_after_interrupt > 0, 1.0)
        assert not barge_in_server.registry.get("ear-duplex").out.speaking
    finally:
        device.cancel()
        await peer.close()

