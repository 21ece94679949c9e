"""Whisper's second opinion (speech/second_pass.py): a turn the OS understands no reading of is
heard again, slowed with its pitch kept."""

from __future__ import annotations

import numpy as np
import pytest

from earpiece_host.audio import SAMPLE_RATE_HZ
from earpiece_host.speech.second_pass import SecondPass, change_tempo
from speech_fixtures import espeak_pcm, frames, silence_pcm, speech_cache  # noqa: F401  (fixtures)


def _tone(hz: float, seconds: float) -> bytes:
    t = np.arange(int(seconds * SAMPLE_RATE_HZ)) / SAMPLE_RATE_HZ
    return (8000 * np.sin(2 * np.pi * hz * t)).astype("<i2").tobytes()


def _pitch_hz(pcm: bytes) -> float:
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.argmax(spectrum) * SAMPLE_RATE_HZ / len(x))


def test_slowed_speech_lasts_longer_at_the_same_pitch():
    tone = _tone(220.0, 2.0)
    slowed = change_tempo(tone, 0.85)
    assert 1.12 < len(slowed) / len(tone) < 1.2  # 1 / 0.85 = 1.18, less a frame at the end
    assert abs(_pitch_hz(slowed) - 220.0) < 2
    quicker = change_tempo(tone, 1.1)
    assert 0.85 < len(quicker) / len(tone) < 0.93
    assert abs(_pitch_hz(quicker) - 220.0) < 2


def test_audio_too_short_to_stretch_is_left_as_it_is():
    blip = _tone(220.0, 0.02)
    assert change_tempo(blip, 0.85) == blip
    assert change_tempo(_tone(220.0, 1.0), 1.0) == _tone(220.0, 1.0)


@pytest.mark.slow
def test_whisper_hears_again_a_turn_the_os_understands_no_reading_of(speech_cache, tmp_path, monkeypatch):
    """Whisper's reading of this voice's "Resume the timer." ("remind me to timer") is no complete
    request of the OS's; heard again a tenth quicker, it is "resume the timer", the request said.
    (Off by default in `earpiece serve`: see second_pass.py. The clip is one Whisper mishears:
    with the packages installed before, the same voice's "Any new messages?" was the example.)
    Whisper runs in its worker process, as in `earpiece serve`: without a second pass the host
    never asks it for one (each question is a round trip over the pipe)."""
    import functools

    from earpiece_host.dialogue import open_engine
    from earpiece_host.speech.bias import PROMPT_SENTENCES
    from earpiece_host.speech.choose import snapped_to_os, whisper_bias_prompt
    from earpiece_host.speech.recogniser_process import RecogniserProcesses, RemoteRecogniser
    from earpiece_host.speech.whisper_engine import WhisperFactory

    calls: list[str] = []
    call = RemoteRecogniser._call
    monkeypatch.setattr(RemoteRecogniser, "_call", lambda self, op, arg: calls.append(op) or call(self, op, arg))
    speech = silence_pcm(0.3) + espeak_pcm(speech_cache, "Resume the timer.", voice="en-gb-scotland+m3",
                                           speed_wpm=150) + silence_pcm(1.5)
    brain = open_engine(tmp_path / "os", morning_briefing=False)
    try:
        names = brain.user_names()
        prompt = whisper_bias_prompt(names.all(), PROMPT_SENTENCES)
        heard, asked = {}, {}
        for name, second_pass in (("once", None), ("twice", SecondPass())):
            processes = RecogniserProcesses(functools.partial(WhisperFactory, prompt=prompt, second_pass=second_pass),
                                            "whisper", processes=1)
            try:
                recogniser = snapped_to_os(processes, names, brain.looks_complete).create()
                for frame in frames(speech):
                    recogniser.accept(frame)
                heard[name] = recogniser.finish().text
                asked[name] = (processes.has_second_pass, calls.count("second_opinion"))
                calls.clear()
            finally:
                processes.close()
        assert not brain.looks_complete(heard["once"]), heard
        assert brain.understand(heard["twice"]).intent == "timer.resume", heard
        assert asked == {"once": (False, 0), "twice": (True, 1)}
    finally:
        brain.close()
