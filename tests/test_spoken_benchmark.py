"""The spoken benchmark: voices the host never uses, café babble at a set SNR, and the scoring
(word error rate, requests the OS understood) that `earpiece bench` reports."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from earpiece_host.audio import FRAME_BYTES
from earpiece_host.speech.vad import Endpointer
from earpiece_tools.bench import FOLLOW_UP_INTENTS, SPOKEN_NOW, SPOKEN_REQUESTS
from earpiece_tools.listening import Understanding, normalise_words, word_errors
from earpiece_tools.voices import VOICES, babble, mix_at_snr, snr_db, speak


@pytest.fixture(scope="module")
def the_os(tmp_path_factory):
    from earpiece_host.dialogue import open_engine

    engine = open_engine(tmp_path_factory.mktemp("os"), morning_briefing=False)
    yield engine
    engine.close()


def test_the_requests_cover_every_intent_but_dictation_and_each_means_its_intent(the_os):
    from earpiece_host.dialogue import INTENTS

    assert len(SPOKEN_REQUESTS) >= 60
    assert FOLLOW_UP_INTENTS <= set(INTENTS)
    assert {intent for intent, _ in SPOKEN_REQUESTS} == set(INTENTS) - {"fallback", "letter.dictate"} - FOLLOW_UP_INTENTS
    for intent, text in SPOKEN_REQUESTS:
        assert the_os.understand(text, SPOKEN_NOW).intent == intent, text


def test_the_voices_are_not_the_hosts_and_span_accents_and_sexes():
    espeak = [v for v in VOICES if v.engine == "espeak-ng"]
    assert len({v.espeak_voice.split("+")[0] for v in espeak}) >= 4  # accents
    assert {"female" if "+f" in v.espeak_voice else "male" for v in espeak} == {"male", "female"}
    shifted = [v for v in VOICES if v.engine == "piper+sox"]
    assert shifted and all(v.pitch_cents != 0 and v.tempo != 1.0 for v in shifted)


def test_word_errors_count_substitutions_deletions_and_insertions_over_normalised_words():
    assert normalise_words("What's on at 5:30?") == ["what", "is", "on", "at", "five", "thirty"]
    assert word_errors("Set a timer for five minutes.", "set a timer for 5 minutes") == (0, 6)
    assert word_errors("Set a timer for five minutes.", "set the timer five minutes please") == (3, 6)


def test_a_misrecognition_lowers_the_score(the_os):
    understanding = Understanding(the_os.understand, SPOKEN_NOW)
    said = "Add milk to my shopping list."
    right, wrong = "add milk to my shopping list", "and milk to my sharpened list"
    assert understanding.understood(said, right)
    assert not understanding.understood(said, wrong)  # same intent, wrong list: not understood
    assert word_errors(said, wrong)[0] > word_errors(said, right)[0]
    assert not understanding.understood(said, right, voiced=False)  # words from a hum are not trusted


def test_babble_is_speech_mixed_at_the_asked_snr(tmp_path):
    noise = babble(tmp_path, seconds=6.0)
    endpointer = Endpointer()
    voiced = sum(endpointer.push(noise[i:i + FRAME_BYTES]) is not None or endpointer.in_speech
                 for i in range(0, len(noise) - FRAME_BYTES + 1, FRAME_BYTES))
    assert voiced > 0  # the VAD takes it for speech (white noise it would not)
    speech = speak(VOICES[0], "What time is it?", tmp_path)
    for wanted in (20.0, 10.0):
        mixed = mix_at_snr(speech, noise, wanted)
        assert len(mixed) == len(speech)
        assert abs(snr_db(speech, mixed) - wanted) < 0.5
    louder = np.frombuffer(mix_at_snr(speech, noise, 10.0), "<i2").astype(float) - np.frombuffer(speech, "<i2")
    quieter = np.frombuffer(mix_at_snr(speech, noise, 20.0), "<i2").astype(float) - np.frombuffer(speech, "<i2")
    assert np.std(louder) > 2.5 * np.std(quieter)


@pytest.mark.slow
def test_bench_reports_recognition_per_voice_and_noise_next_to_latency(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "earpiece_host.cli", "bench", "--json", "--asr", "pocketsphinx",
         "--requests", "1", "--voices", "us-female,piper-higher-faster", "--snr", "clean,10",
         "--spoken", "2", "--codec-requests", "1", "--no-barge-in", "--out", str(tmp_path / "bench"),
         "--data-dir", str(tmp_path / "os")],
        capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    for key in ("response_latency_ms", "underruns", "understood", "asr_backend"):  # the latency part
        assert key in report
    # where the time went, and recognition and endpointing in worker processes (pocketsphinx)
    assert set(report["stages_p50_ms"]) == {"endpoint_delay", "transcript_wait", "os", "tts_first_audio",
                                            "downlink_and_device"}
    assert report["asr_processes"] == 2 and report["endpointers_in_a_process"] is True
    assert report["underruns_after_device_stall"] <= report["underruns"]
    assert report["event_loop_lag_ms"]["max"] >= report["event_loop_lag_ms"]["p50"] >= 0
    assert report["model"] is None  # no language model configured: nothing of it to report
    assert [v["voice"] for v in report["voices"]] == ["us-female", "piper-higher-faster"]
    for voice in report["voices"]:
        assert voice["requests"] == 2 and 0.0 <= voice["understood"] <= 1.0 and voice["wer"] >= 0.0
        assert set(voice["by_snr"]) == {"clean", "10 dB"}
    assert [n["snr_db"] for n in report["noise"]] == [None, 10.0]
    assert all(n["requests"] == 4 and n["non_piper"]["requests"] == 2 for n in report["noise"])
    # the codec figure: the same recogniser on PCM16 and on the ADPCM round trip, per voice
    codec = report["codec"]
    assert codec["utterances"] == len(codec["voices"]) >= 2
    assert set(codec["word_error_rate_pct"]) == set(codec["requests_exactly_right"]) == {"pcm16", "adpcm"}
    assert codec["wire_bytes_per_s"]["adpcm"] * 3 < codec["wire_bytes_per_s"]["pcm16"]
    assert [v["split"] for v in report["voices"]] == ["held_out", "other"]  # thresholds never saw us-female
    assert all(n["held_out_voices"]["requests"] == 2 and n["tuning_voices"] == {} for n in report["noise"])
