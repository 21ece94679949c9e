"""Voice barge-in: the user says "stop" over a reply, through a speaker the microphone hears.

The host runs the real voice loop (pocketsphinx, the OS, Piper, the Speex echo canceller, the
barge-in detector) on a real socket. The device is a stand-in that behaves like the firmware with
the host's voice barge-in capability: it plays the reply at real time from a buffer of samples,
as the firmware's playback ring does (a sentence's short last frame runs straight on into what
follows it; underrunning into silence when the host is late), and while it speaks (or the host
has it listen) it sends one microphone frame every 20 ms holding the echo of what it played
(through the benchmark's echo path: 40 ms, -10 dB, the small room of the sim's --echo-path),
plus the user's voice when the test says so. The user's voice is espeak-ng, never the host's
Piper voice. The real firmware's side of it (the mic streamed while speaking, with its playback
positions) is tested in tests/test_firmware_duplex.py, and the whole of it, the real firmware in
the virtual earpiece against the real voice loop, at the end of this file.
"""

from __future__ import annotations

import asyncio

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
    """Plays what the host sends and hears it back; counts everything in frames.

    Playback is one stream of samples, as in the firmware's ring (firmware/audio.py, Player):
    each 20 ms the speaker takes a frame's worth when there is one, the rest of the reply once
    its END has come, and otherwise nothing (an underrun: silence, and what is queued waits).
    A frame shorter than 20 ms (each sentence's last) is not padded out: the host places what
    follows it right after its last sample, so padding would move the echo by the difference,
    half a frame at a sentence's end, away from where the host's canceller has learnt it."""

    def __init__(self, peer: Peer, echo: EchoPath = EchoPath()) -> None:
        self.peer = peer
        self.echo = echo
        self.queue = bytearray()  # what the host sent and the speaker has not played yet
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
                    self.queue += m.pcm
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
                    self.flushed_frames = -(-len(self.queue) // (2 * _FRAME))
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
            if not self.started and (len(self.queue) >= _PREBUFFER_FRAMES * 2 * _FRAME
                                     or self.end_queued):
                self.started = True
            played = np.zeros(_FRAME)
            if self.started and (len(self.queue) >= 2 * _FRAME or self.end_queued) and self.queue:
                n = min(len(self.queue), 2 * _FRAME)
                played[:n // 2] = np.frombuffer(self.queue[:n], dtype="<i2")
                del self.queue[:n]
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
    # offered positions too, as `earpiece serve --barge-in` does: this stand-in is an earpiece
    # from before them (plain MIC_AUDIO), which the host aligns on its own clock
    session = SessionConfig(hello_timeout_s=5, link_timeout_s=30,
                            host_capabilities=SessionConfig().host_capabilities
                            | p.HostCapability.VOICE_BARGE_IN | p.HostCapability.PLAYBACK_POSITION)
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
        assert handler._barge_in.positioned is None  # no positions came: aligned on the clock
    finally:
        device.cancel()
        await peer.close()



def test_a_backchannel_over_a_reply_lets_it_play_on_and_stop_stops_it(speech_cache, piper_synthesiser):
    """The wearer listening says "uh-huh" or "right" over a reply, or nods along with a long
    hummed "mmm-hmm" in a pause of it, or "mm-hm, mm-hm" in one breath over its words (espeak-ng
    voices, 6 dB above its echo, as in barge_in_bench): the reply plays on; "stop" stops it, and
    so does a request. The detector gets every frame with the device's playback position, as
    the voice loop does. The "stop" spotter, eager for accents, takes this "uh-huh" alone for
    "stop"; a spot now counts only after the hiss of an /s/ that leads into a vowel. The hum has
    0.8 s of voice, more than a request needs, and stopped the reply as one until a request also
    had to have three syllables. "Mm-hm, mm-hm" has four, and stopped it as a request until
    one syllable said again no longer counted as a request. (In barge_in_bench 5 of 12
    backchannels stopped a reply before the /s/, 10 of 12 hummed ones before the syllables, and
    9 of 12 repeated ones before the repeats.)"""
    from earpiece_host.speech.barge_in import (BargeInConfig, BargeInDetector, BargeInKind,
                                               PocketsphinxStopSpotter, sibilant_ms)
    from earpiece_host.speech.echo_cancel import DownlinkTimeline
    from earpiece_tools.barge_in_bench import REPLIES, _active_rms

    replies = [np.frombuffer(piper_pcm(speech_cache, piper_synthesiser, text), dtype="<i2") for text in REPLIES[:2]]
    downlink = DownlinkTimeline()
    detector = BargeInDetector(None, BargeInConfig(), downlink=downlink)
    sent = 0

    def over_the_reply(reply: np.ndarray, text: str | None = None, voice: str = "en-us", at_s: float = 0.0):
        """The first decision over one reply (and its frame), or None: it played out."""
        nonlocal sent
        echo = EchoPath().apply(np.concatenate([reply, np.zeros(8000)]))
        mic = echo + np.random.default_rng(7).normal(0, 20, len(echo))  # a quiet room
        at = int(at_s * 16_000)
        if text is not None:
            user = np.frombuffer(espeak(speech_cache, text, voice), dtype="<i2").astype(np.float64)
            mic[at:at + len(user)] += user * _active_rms(echo) * 2.0 / _active_rms(user)  # +6 dB
        mic = np.clip(mic, -32768, 32767).astype("<i2")
        detector.restart()
        start, written = sent, 0
        for k in range(len(mic) // _FRAME):
            while written < len(reply) // _FRAME and written <= k + 13:  # the host writes 260 ms ahead
                downlink.add(reply[written * _FRAME:(written + 1) * _FRAME].tobytes(), start + written * _FRAME)
                written += 1
            decision = detector.push(mic[k * _FRAME:(k + 1) * _FRAME].tobytes(), 0.0, start + k * _FRAME)
            if decision is not None:
                break
        sent += len(reply) // _FRAME * _FRAME
        return (decision, k * _FRAME - at) if decision is not None else None

    # Listeners say it most where the reply pauses: here between two sentences, 1.2 s apart (the
    # voice loop plays silence while Piper makes the next one).
    paused = np.concatenate([replies[0], np.zeros(19_200, dtype=np.int16), replies[1]])
    pause_s = len(replies[0]) / 16_000
    try:
        assert over_the_reply(replies[0]) is None  # the canceller learns the echo
        assert over_the_reply(paused, "Uh-huh.", "en-us", pause_s + 0.1) is None, detector.stats
        assert over_the_reply(replies[1], "Right.", "en-us+f3", 2.0) is None, detector.stats
        # "Mmm-hmm", the "mm" drawn out (espeak-ng's phonemes: it spells "mmm" out), in the pause
        hum = over_the_reply(paused, "[[mmm'mm,h@m]]", "en-gb-x-rp+f4", pause_s + 0.1)
        assert hum is None, (hum, detector.stats)
        assert detector.stats.too_few_syllables == 1  # long enough for a request: taken for a hum
        # "Mm-hm, mm-hm" in one breath over the reply's words: four syllables, all one "mm-hm"
        repeated = over_the_reply(replies[1], "[[m'@m,h@m m'@m,h@m]]", "en-gb+m3", 2.0)
        assert repeated is None, (repeated, detector.stats)
        assert detector.stats.repeated_syllables == 1  # enough syllables for a request: one, again
        decision, after = over_the_reply(replies[1], "Stop.", "en-us", 2.0)
        assert decision.kind is BargeInKind.STOP and after > 0
        decision, after = over_the_reply(paused, "Set a timer for five minutes.", "en-gb-x-rp+f4",
                                         pause_s + 0.1)
        assert decision.kind is BargeInKind.REQUEST and after > 0
    finally:
        detector.close()
    # Why: the spotter alone takes this "uh-huh" for "stop"; it has no /s/ leading into a vowel.
    spotter = PocketsphinxStopSpotter()
    said = {text: silence_pcm(0.5) + espeak(speech_cache, text, "en-us") + silence_pcm(0.5) for text in ("Uh-huh.", "Stop.")}
    spotter.reset()
    assert next(h for i in range(0, len(said["Uh-huh."]) - 639, 640) if (h := spotter.accept(said["Uh-huh."][i:i + 640])))
    hiss = {text: sibilant_ms([pcm[i:i + 640] for i in range(0, len(pcm) - 639, 640)]) for text, pcm in said.items()}
    assert hiss["Uh-huh."] < BargeInConfig().stop_sibilant_ms <= hiss["Stop."], hiss


def test_stop_is_spotted_in_a_scottish_vowel_every_time(speech_cache):
    """The keyphrase spotter hears "stop" said with a rounded vowel, and reports it as "stop".
    Each utterance is heard in eight copies that differ by one step of noise (as two recordings
    of one voice would): with the US model's own pronunciation alone, the Scottish "Stop." was
    heard in 1 copy of 12. (The Received Pronunciation "Stop." is heard in about half the copies
    with the added pronunciations and in none without; that is not asserted.)"""
    from earpiece_host.speech.barge_in import PocketsphinxStopSpotter
    from earpiece_tools.voices import VOICES

    spotter = PocketsphinxStopSpotter()
    voice = {v.name: v for v in VOICES}["scottish-male"]
    rng = np.random.default_rng(7)
    for text in ("Stop.", "Stop, please."):
        said = np.frombuffer(espeak(speech_cache, text, voice.espeak_voice, voice.speed_wpm), dtype="<i2")
        heard = []
        for _ in range(8):
            copy = np.clip(said.astype(np.int32) + rng.integers(-1, 2, len(said)), -32768, 32767)
            pcm = silence_pcm(0.3) + copy.astype("<i2").tobytes() + silence_pcm(0.3)
            spotter.reset()
            heard.append(next((h for i in range(0, len(pcm) - 639, 640)
                               if (h := spotter.accept(pcm[i:i + 640]))), None))
        assert [h.split()[0] if h else None for h in heard] == ["stop"] * 8, (text, heard)


def espeak_requests(cache, texts: list[str], voice: str = "en-us"):
    from earpiece_tools import harness

    out = []
    for text in texts:
        pcm = np.clip(at_level(espeak(cache, text, voice), -20.0), -32768, 32767).astype("<i2").tobytes()
        out.append(harness.Request(text, pcm, harness.voiced_end(pcm)))
    return out


async def test_through_the_real_firmware_replies_play_out_over_their_echo_and_stop_stops_one(
        voice_services, speech_cache, tmp_path):
    """The real firmware in the virtual earpiece, its microphone hearing its speaker through the
    sim's echo path (--echo-path 40,-10), against the real voice loop with barge-in on. The
    earpiece reports its playback position with every microphone frame over a reply
    (MIC_AUDIO_PLAYING), so the host's canceller is aligned from the device's own account.
    Three replies: the first two, heard only through their own echo, play out; the third is
    stopped by "stop" (espeak-ng), and nothing more is said."""
    from earpiece_host.speech.barge_in import BargeInConfig
    from earpiece_host.speech.vad import EndpointConfig
    from earpiece_host.voice import VoiceConfig
    from earpiece_tools import harness
    from earpiece_tools.timeline import Kind, read_timeline

    voice_services.config = VoiceConfig(seed=7, endpoint=EndpointConfig(trailing_silence_ms=800),
                                        barge_in=BargeInConfig())
    handlers, detectors = [], []

    def handler(info):
        h = type(voice_services).handler(voice_services, info)
        handlers.append(h)
        stopped = h.stopped

        async def keep_detector():  # the session's end lets go of it
            detectors.append(h._barge_in)
            await stopped()

        h.stopped = keep_detector
        return h

    voice_services.handler = handler  # the same handlers, kept for the assertions below
    texts = ["What can you do?", "What time is it?", "What can you do?"]
    requests = espeak_requests(speech_cache, texts)
    windows_s = (20.0, 8.0, 10.0)  # the first reply is about 15 s long, the second 3 s
    scripts = [harness.build_script([r], answer_window_s=w) for r, w in zip(requests, windows_s)]
    mic = np.frombuffer(b"".join(s.mic_pcm for s in scripts), dtype="<i2").astype(np.float64)
    taps, starts, offset = [], [], 0
    for s in scripts:
        taps.append(s.taps_s[0] + offset / 16000)
        starts.append(offset + s.request_starts[0])
        offset += len(s.mic_pcm) // 2
    # "Stop" 5 s after the third request: its reply has been playing for a few seconds.
    stop = at_level(espeak(speech_cache, "Stop.", "en-us"), -20.0)
    stop_at = starts[2] + requests[2].voiced_end_sample + 5 * 16000
    mic[stop_at:stop_at + len(stop)] += stop
    script = harness.Script(np.clip(mic, -32768, 32767).astype("<i2").tobytes(), tuple(taps),
                            tuple(starts), tuple(requests))

    (run,) = await harness.run_devices(voice_services, [script], tmp_path, echo_path="40,-10")

    assert run.returncode == 0, run.stderr
    (h,) = handlers
    (detector,) = detectors
    positioned = detector.positioned
    assert positioned is not None and positioned.found, detector.stats  # aligned by positions
    turns = h.turns
    why = ([(t.heard, t.barge_in, t.interrupted) for t in turns], detector.stats, detector.erle_db,
           positioned.delay_samples, positioned.stretch_shifts, positioned.realignments)
    # no reply was stopped by its own echo; the third, by "stop"
    assert [t.barge_in for t in turns[:3]] == ["", "", "stop"], why
    assert turns[2].interrupted and len(turns[0].reply) > 200 and len(turns[2].reply) > 200
    assert [d.kind.value for d in h.barge_ins] == ["stop"]
    # the host listened on after "stop" and, hearing nothing more, said nothing
    assert turns[3].after_stop and turns[3].ignored and len(turns) == 4
    records = read_timeline(tmp_path / "virtual-1.timeline")
    stop_us = harness.sample_time_us(records, stop_at)
    # the host interrupted the third reply once, after the user began (a tap while the host still
    # reckons a reply is playing interrupts too, as the button does: the third request's tap
    # comes long after the second reply, so none falls in between)
    third_us = harness.sample_time_us(records, starts[2])
    host_interrupts = [r for r in records if r.kind == Kind.INTERRUPT_RX and r.a == p.Source.HOST
                       and r.t_us > third_us]
    assert len(host_interrupts) == 1 and host_interrupts[0].t_us > stop_us, (host_interrupts, stop_us)
    t_interrupt = host_interrupts[0].t_us
    # the first reply played for more than 10 s with its echo in the microphone (a tap while it
    # still plays, on a loaded machine, may cut its last words: a button's interrupt)
    played = [r.t_us for r in records if r.kind == Kind.SPEAKER_PLAYED]
    second_us = harness.sample_time_us(records, starts[1])
    assert len([t for t in played if t < second_us]) > 500
    # nothing is said after "stop"
    assert not [t for t in played if t > t_interrupt + 100_000]


async def test_the_settings_file_turns_barge_in_on_for_earpiece_serve(tmp_path):
    """`[voice] barge_in = true` does what `earpiece serve --barge-in` does: the WELCOME offers
    voice barge-in with playback positions (a plain settings file offers neither)."""
    import os
    import subprocess
    import sys

    from servers import free_port

    async def welcome_bits(settings: str) -> int:
        (tmp_path / "earpiece.toml").write_text(settings)
        paired_store(tmp_path, "ear-duplex")
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "earpiece_host.cli", "serve", "--config",
             str(tmp_path / "earpiece.toml"), "--data-dir", str(tmp_path), "--asr",
             "pocketsphinx", "--listen", f"tcp://127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(os.environ))
        try:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 90
            while True:  # poll until it listens (the engines load first)
                try:
                    peer = await Peer.connect(("127.0.0.1", port))
                    break
                except OSError:
                    assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                    assert loop.time() < deadline, "earpiece serve did not listen within 90 s"
                    await asyncio.sleep(0.2)
            try:
                peer.send(hello("ear-duplex"))
                return (await peer.expect(p.Welcome)).host_capabilities
            finally:
                await peer.close()
        finally:
            proc.terminate()
            proc.wait(30)

    wanted = p.HostCapability.VOICE_BARGE_IN | p.HostCapability.PLAYBACK_POSITION
    assert await welcome_bits("[voice]\nbarge_in = true\n") & wanted == wanted
    assert not await welcome_bits("[voice]\ncodec = \"adpcm\"\n") & wanted
