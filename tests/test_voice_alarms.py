"""Alarms in the voice loop, with real engines (pocketsphinx, Piper, the OS on a real SQLite file)
over a real socket: the louder chime, a ring again every `repeat_every_s` of the OS's clock until
acknowledged, a tap that stops it instead of starting a turn, and "snooze" said in the listening
window that opens after each ring. The same ring and tap go through the real firmware at the end.

The OS's clock is a settable one, so a repeat happens exactly when the test moves the clock past
`repeat_every_s`, never by waiting.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import pytest

from earpiece_host import protocol as p
from earpiece_host.alarm_ringing import ALARM_PEAK, alarm_chime
from earpiece_host.dialogue.phrasing import say_time
from earpiece_host.server import Server, ServerConfig
from earpiece_host.session import SessionConfig
from earpiece_host.voice import chime
from peer import Peer, hello, paired_store, reply_audio
from settable_clock import Clock
from earpiece_tools.voices import VOICES, speak
from speech_fixtures import silence_pcm

pytestmark = pytest.mark.slow

DEVICE = "ear-alarm"
OTHER_VOICE = next(v for v in VOICES if v.name == "piper-higher-faster")  # Piper shifted with sox
NO_SPEECH_MS = 3000  # the endpointer's no-speech timeout, shorter than the 8 s default: quicker tests
WINDOW_SILENCE_S = 4.0  # more than that: a window in which nothing is said closes


@dataclass
class AlarmHost:
    server: Server
    services: object
    brain: object
    clock: Clock

    def handler(self):
        return self.server.registry.get(DEVICE)._handler

    def alarm_rows(self) -> list:
        return [(r["state"], r["at"]) for r in self.brain.store.read("SELECT state, at FROM alarms ORDER BY id")]


@pytest.fixture
async def alarm_host(english_recognisers, piper_synthesiser, tmp_path):
    from earpiece_host.dialogue import open_engine
    from earpiece_host.speech.vad import EndpointConfig
    from earpiece_host.voice import VoiceConfig, VoiceServices

    clock = Clock(datetime.now().astimezone().replace(second=0, microsecond=0))
    brain = open_engine(tmp_path / "os", seed=7, morning_briefing=False, clock=clock)
    services = VoiceServices(english_recognisers, piper_synthesiser, brain,
                             config=VoiceConfig(seed=7, announce_interval_s=0.2, endpoint=EndpointConfig(
                                 trailing_silence_ms=800, no_speech_timeout_ms=NO_SPEECH_MS)))
    server = Server(ServerConfig(listen=("tcp://127.0.0.1:0",),
                                 session=SessionConfig(hello_timeout_s=5, link_timeout_s=60)),
                    services.handler, paired_store(tmp_path, DEVICE))
    await server.start()
    yield AlarmHost(server, services, brain, clock)
    await server.stop()
    services.close()
    brain.close()


def set_alarm_and_let_it_fall_due(host: AlarmHost) -> None:
    reply = host.brain.handle("set an alarm for 7 am tomorrow")
    assert reply.intent == "alarm.set", reply
    due_at = datetime.combine(host.clock.now.date() + timedelta(days=1), datetime.min.time().replace(hour=7),
                              host.clock.now.tzinfo)
    host.clock.now = due_at


async def connect(host: AlarmHost) -> Peer:
    peer = await Peer.connect(host.server.tcp_addresses[0])
    peer.send(hello(DEVICE))
    await peer.expect(p.Welcome)
    return peer


async def stream(peer: Peer, pcm: bytes) -> None:
    for i in range(0, len(pcm) - 639, 640):
        peer.send(p.MicAudio(pcm=pcm[i:i + 640]))
        await peer.writer.drain()


async def until(condition, timeout_s: float = 10.0) -> None:
    async def wait():
        while not condition():
            await asyncio.sleep(0.05)
    await asyncio.wait_for(wait(), timeout_s)


async def ring_played_and_window_opened(peer: Peer) -> bytes:
    """One ring: the alarm chime, the words, then (PLAYED sent by the peer) the host opens the mic."""
    audio = await reply_audio(peer)
    assert audio.startswith(alarm_chime())
    assert len(audio) > len(alarm_chime()) + 8000  # the words follow the chime
    window = await peer.expect(p.ListenStart, 10)
    assert window.source == p.Source.HOST
    return audio


def peak_and_rms(pcm: bytes) -> tuple[float, float]:
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768
    return float(np.max(np.abs(x))), float(np.sqrt(np.mean(x * x)))


def test_the_alarm_chime_is_louder_than_the_soft_chime_and_stays_under_its_ceiling():
    alarm_peak, alarm_rms = peak_and_rms(alarm_chime())
    soft_peak, soft_rms = peak_and_rms(chime())
    assert alarm_peak <= ALARM_PEAK + 1 / 32768  # -6 dBFS: never clips, whatever the volume
    assert 20 * np.log10(alarm_rms / soft_rms) >= 6.0  # at least twice as loud (RMS)
    assert alarm_chime() != chime()


async def test_an_alarm_rings_again_each_repeat_interval_until_a_tap_stops_it(alarm_host):
    host = alarm_host
    set_alarm_and_let_it_fall_due(host)
    peer = await connect(host)
    (due,) = host.brain.due_announcements()
    assert (due.kind, due.repeat_until_acknowledged) == ("alarm", True)
    rings = 0
    for _ in range(2):
        await ring_played_and_window_opened(peer)
        rings += 1
        # Nothing is said in the window: it closes quietly (no "didn't catch that"), back to idle.
        await stream(peer, silence_pcm(WINDOW_SILENCE_S))
        assert (await peer.expect(p.ListenStop, 10)).source == p.Source.TIMEOUT
        await until(lambda: len(host.handler().turns) == rings)
        assert host.handler().turns[-1].ignored
        assert (await peer.expect(p.State, 5)).state in (p.DeviceState.THINKING, p.DeviceState.IDLE)
        assert not [m for m in peer.inbox if isinstance(m, p.SpeechAudio)]
        assert host.alarm_rows()[0][0] == "ringing"
        assert host.brain.due_announcements() == []  # not again before repeat_every_s has passed
        host.clock.advance(seconds=due.repeat_every_s)
    # The third ring: tapped while it plays (the firmware sends INTERRUPT and LISTEN_START).
    await peer.expect(p.SpeechAudio, 20)
    rings += 1
    peer.send(p.Interrupt(source=p.Source.BUTTON), p.ListenStart(source=p.Source.BUTTON))
    await peer.expect(p.Interrupt, 5)  # the ring is cut short ...
    assert (await peer.expect(p.ListenStop, 5)).source == p.Source.HOST  # ... no turn is started ...
    peer.inbox[:] = [m for m in peer.inbox if not isinstance(m, p.SpeechAudio)]  # (the cut ring's frames)
    await until(lambda: host.handler().turns and host.handler().turns[-1].intent == "alarm.stop")
    said = host.handler().turns[-1]
    assert (said.reply, said.end_reason) == ("Alarm off. Good morning.", "button")  # ... the OS stopped it
    assert host.alarm_rows()[0][0] == "done"
    assert host.handler()._ringer.rings == rings == 3
    assert host.handler()._ringer.acknowledged_by_tap == 1
    host.clock.advance(minutes=5)
    assert host.brain.due_announcements() == []  # never again
    assert [t.intent for t in host.handler().turns] == ["", "", "alarm.stop"]  # two quiet windows, no turn


async def test_a_tap_in_the_window_after_a_ring_stops_the_alarm(alarm_host):
    host = alarm_host
    set_alarm_and_let_it_fall_due(host)
    peer = await connect(host)
    await ring_played_and_window_opened(peer)
    await stream(peer, silence_pcm(0.5))
    peer.send(p.ListenStop(source=p.Source.BUTTON))  # the firmware, listening, tapped: LISTEN_STOP
    reply = await reply_audio(peer)
    assert not reply.startswith(alarm_chime()) and len(reply) > 8000  # "Alarm off. Good morning."
    assert host.handler().turns[-1].intent == "alarm.stop"
    assert host.alarm_rows()[0][0] == "done"
    host.clock.advance(minutes=5)
    assert host.brain.due_announcements() == []


async def test_snooze_then_stop_said_in_the_windows_after_the_rings(alarm_host, piper_synthesiser, speech_cache):
    host = alarm_host
    set_alarm_and_let_it_fall_due(host)
    rang_at = host.clock.now
    peer = await connect(host)

    async def say_in_window(text: str):
        # No button, no wake phrase: the window is open. A voice the host never speaks with.
        pcm = speak(OTHER_VOICE, text, speech_cache, lambda t: b"".join(piper_synthesiser.synthesise(t)))
        before = len(host.handler().turns)
        await stream(peer, pcm + silence_pcm(1.5))
        await reply_audio(peer)
        await until(lambda: len(host.handler().turns) > before)
        return host.handler().turns[-1]

    await ring_played_and_window_opened(peer)
    snooze = await say_in_window("give me five more minutes")
    assert (snooze.intent, snooze.reply) == ("alarm.snooze", f"Snoozing for 5 minutes. I'll ring again at "
                                             f"{say_time(rang_at + timedelta(minutes=5))}."), snooze
    assert host.alarm_rows() == [("pending", (rang_at + timedelta(minutes=5)).timestamp())]  # re-scheduled
    assert not host.handler()._ringer.ringing
    host.clock.advance(minutes=4, seconds=59)
    assert host.brain.due_announcements() == []
    host.clock.advance(seconds=1)
    await ring_played_and_window_opened(peer)  # rings again, with the alarm chime, after the snooze
    stop = await say_in_window("stop the alarm")
    assert (stop.intent, stop.reply) == ("alarm.stop", "Alarm off. Good morning."), stop
    assert host.alarm_rows()[0][0] == "done"
    assert host.handler()._ringer.rings == 2
    host.clock.advance(minutes=5)
    assert host.brain.due_announcements() == []


async def test_an_alarm_through_the_real_firmware_rings_and_a_tap_stops_it(alarm_host, tmp_path):
    """The virtual earpiece (the real firmware in MicroPython at 96 KB) connects while an alarm is
    due: the ring plays out of its speaker, the host opens its microphone after the ring, and its
    button, tapped then, stops the alarm instead of starting a turn."""
    from earpiece_host.audio import read_wav
    from earpiece_tools import harness
    from earpiece_tools.timeline import Kind, read_timeline

    from earpiece_host.protocol import CODEC_PCM16LE
    from earpiece_host.session import SessionConfig
    from earpiece_host.voice import VoiceConfig

    host = alarm_host
    host.services.config = VoiceConfig(seed=7, announce_interval_s=0.2)  # the window as in use: 8 s
    set_alarm_and_let_it_fall_due(host)
    tap_s = 7.0  # the ring takes about 3 s from the connection, then the window is open for 8 s
    script = harness.Script(silence_pcm(18.0), (tap_s,), (), ())
    (run,) = await harness.run_devices(host.services, [script], tmp_path / "firmware",
                                       session=SessionConfig(codec=CODEC_PCM16LE))  # bit for bit below
    assert run.returncode == 0, run.stderr
    assert host.alarm_rows()[0][0] == "done"
    played, _ = read_wav(run.speaker_wav)
    # The ring's first beep left the speaker bit for bit. (Not the whole chime: on a loaded machine
    # the MicroPython process may stall and then take a burst of frames its ring cannot hold; its
    # overruns are the link's business, measured by the link tests.)
    first_beep = alarm_chime()[:3840]
    assert played.find(first_beep) >= 0
    records = read_timeline(tmp_path / "firmware" / "virtual-1.timeline")
    (tap,) = [r.t_us for r in records if r.kind == Kind.BUTTON]
    ends = [r.t_us for r in records if r.kind == Kind.SPEECH_RX and r.b == 1]
    assert len([t for t in ends if t > tap]) == 1  # "Alarm off. Good morning." after the tap
    ring_ends = [t for t in ends if t < tap]
    if not ring_ends:  # (a slow host) the tap came while the ring played: the firmware interrupted it
        assert [r for r in records if r.kind == Kind.INTERRUPT_TX]
    else:  # the tap came after the ring had played: the host had opened the microphone
        opened = [r.t_us for r in records if r.kind == Kind.STATE and r.a == 1 and ring_ends[0] < r.t_us < tap]
        assert opened, "the host did not open a listening window after the ring"
        assert [r for r in records if r.kind == Kind.MIC_SENT and opened[0] < r.t_us < tap]
        assert not [r for r in records if r.kind == Kind.LISTEN_TX and r.a == 1]  # no turn started by the device
    host.clock.advance(minutes=5)
    assert host.brain.due_announcements() == []
