"""Requests spoken in café babble at 10 dB SNR (six espeak-ng talkers, as in the spoken benchmark):
the turn ends because the wearer's voice stopped, and Whisper's pass at the pause has the words
by then. Babble is speech to the voice detector and never falls to a quiet floor; both rules judge
the voice against this turn's own level (speech/voice_level.py)."""

from __future__ import annotations

import pytest

from earpiece_host.speech.voice_level import PauseInBabble, VoiceLevel
from speech_fixtures import silence_pcm, speech_cache  # noqa: F401  (fixtures)


def test_a_pause_is_heard_in_a_loud_room_only_once_the_level_falls_back_from_the_voice():
    voice, babble, quiet = 10 ** (-20 / 10), 10 ** (-33 / 10), 10 ** (-80 / 10)  # mean squares
    in_babble = PauseInBabble()
    said = [in_babble.paused(m) for m in [babble] * 15 + [voice] * 40 + [babble] * 20]
    assert not any(said[:55])  # the babble before the voice and the voice itself: no pause
    assert all(said[55 + 15:])  # back to the room: a pause, heard within 300 ms (the smoothing)
    in_quiet_room = PauseInBabble()
    said = [in_quiet_room.paused(m) for m in [quiet] * 15 + [voice] * 40 + [quiet] * 20]
    assert not any(said)  # a quiet room: Whisper's own rule decides, this one says nothing
    level = VoiceLevel(drop_db=10.0)
    for _ in range(20):
        level.push(voice)
        level.mark_voice()
    for _ in range(3):
        level.push(babble)
    assert level.near_voice()  # 60 ms after the voice: still within the smoothed voice
    for _ in range(20):
        level.push(babble)
    assert not level.near_voice()


@pytest.fixture(scope="module")
def cafe_babble(speech_cache):
    from earpiece_tools.voices import babble

    return babble(speech_cache, seconds=6.0)


@pytest.mark.slow
@pytest.mark.parametrize("said", ["Set a timer for five minutes.", "What time is it?"])
def test_a_request_in_babble_ends_by_the_voice_with_the_words_from_the_pass_at_the_pause(
        said, speech_cache, cafe_babble, tmp_path):
    from earpiece_host.dialogue import open_engine
    from earpiece_host.speech.choose import load_recogniser_factory
    from earpiece_host.turn_taking import TurnTaker
    from earpiece_host.voice import VoiceConfig
    from earpiece_tools.bench import SPOKEN_NOW
    from earpiece_tools.listening import Understanding, hear
    from earpiece_tools.voices import VOICES, mix_at_snr, speak

    us_male = next(v for v in VOICES if v.name == "us-male")
    clip = silence_pcm(0.3) + speak(us_male, said, speech_cache) + silence_pcm(1.5)  # the bench's clip
    noisy = mix_at_snr(clip, cafe_babble, 10.0)
    the_os = open_engine(tmp_path / "os", morning_briefing=False)
    try:
        config = VoiceConfig()
        turn_taker = TurnTaker(config.endpoint, config.turn_taking, the_os.looks_complete)
        recogniser = load_recogniser_factory("whisper", allow_download=False).create()
        heard = hear(noisy, recogniser, turn_taker)
        assert heard.end_reason == "voice", heard  # not run on to the end of the audio
        assert heard.from_partial, heard  # Whisper's pass at the pause had the words
        assert Understanding(the_os.understand, SPOKEN_NOW).understood(said, heard), heard
    finally:
        the_os.close()
