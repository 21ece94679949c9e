"""Voice barge-in through the real firmware: the virtual earpiece hears its own speaker.

The earpiece's microphone gets its speaker back through the sim's echo path (40 ms, -10 dB, a
small room: firmware/echo_path_unix.py). The host, offering voice barge-in, cancels that echo;
a reply playing alone must play to its end, and "stop" said over a reply by another voice
(espeak-ng, never the host's Piper voice) must stop it: flushed on the device, nothing said.
"""

from __future__ import annotations

import numpy as np
import pytest

from earpiece_host.protocol import Source
from earpiece_tools import harness
from earpiece_tools.timeline import Kind, read_timeline
from earpiece_tools.voices import espeak

pytestmark = pytest.mark.slow

ECHO_PATH = "40,-10"


def at_level(pcm: bytes, active_rms_dbfs: float) -> np.ndarray:
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    frames = x[:len(x) // 320 * 320].reshape(-1, 320)
    rms = np.sqrt(np.mean(frames ** 2, axis=1))
    active = rms[rms >= rms.max() / 30]
    return x * (32768 * 10 ** (active_rms_dbfs / 20) / np.sqrt(np.mean(active ** 2)))


@pytest.fixture
def barge_in_services(voice_services):
    from earpiece_host.speech.barge_in import BargeInConfig
    from earpiece_host.speech.vad import EndpointConfig
    from earpiece_host.voice import VoiceConfig

    voice_services.config = VoiceConfig(seed=7, endpoint=EndpointConfig(trailing_silence_ms=800),
                                        barge_in=BargeInConfig())
    return voice_services


async def test_stop_said_over_a_reply_stops_it_and_a_reply_alone_plays_out(barge_in_services, speech_cache,
                                                                           tmp_path):
    services = barge_in_services
    requests = harness.synthesise_requests(services, ["What can you do?", "What can you do?"],
                                           tmp_path / "requests")
    script = harness.build_script(requests, answer_window_s=12.0)
    # "Stop" in a voice the host never speaks with, 4 s after the second request ends: its
    # reply has been playing for a couple of seconds by then. The user is 10 dB above the echo.
    stop = at_level(espeak(speech_cache, "Stop.", "en-us"), -20.0)
    stop_at = script.request_starts[1] + len(requests[1].pcm) // 2 + 4 * 16000
    mic = np.frombuffer(script.mic_pcm, dtype="<i2").astype(np.float64)
    mic[stop_at:stop_at + len(stop)] += stop
    script = harness.Script(np.clip(mic, -32768, 32767).astype("<i2").tobytes(), script.taps_s,
                            script.request_starts, script.requests)

    (run,) = await harness.run_devices(services, [script], tmp_path, echo_path=ECHO_PATH)

    assert run.returncode == 0, run.stderr
    first, second = (t.host for t in run.turns)
    assert first.intent == second.intent, (first, second)
    # The reply heard only through the echo path played to its end: no barge-in.
    assert first.barge_in == "" and not first.interrupted
    # "Stop" over the second reply stopped it: the host dropped what it still held ...
    assert second.barge_in == "stop" and second.interrupted
    records = read_timeline(tmp_path / "virtual-1.timeline")
    host_interrupts = [r for r in records if r.kind == Kind.INTERRUPT_RX and r.a == Source.HOST]
    assert len(host_interrupts) == 1, host_interrupts
    # ... and so did the earpiece, after the user began to speak, and its speaker fell silent.
    stop_us = harness.sample_time_us(records, stop_at)
    t_interrupt = host_interrupts[0].t_us
    assert stop_us is not None and t_interrupt > stop_us
    assert host_interrupts[0].b + second.flushed_frames > 0
    # Nothing is said after "stop": the speaker stays silent to the end of the run.
    assert not [r for r in records if r.kind == Kind.SPEAKER_PLAYED and r.t_us > t_interrupt + 100_000]
    assert run.underruns == 0
