"""The synthesis stage with the real Piper voice."""

from __future__ import annotations

import shutil
import threading
import time

import numpy as np
import pytest

from earpiece_host.audio import SAMPLE_RATE_HZ
from earpiece_host.speech.choose import load_recogniser_factory
from earpiece_host.speech.piper_engine import default_voice_path, load_synthesiser
from earpiece_host.speech.tts import (
    AHEAD_OF_TIME,
    FIRST_PIECE,
    LATER_PIECE,
    OPENING_PIECES,
    LevelConfig,
    PieceCache,
    SynthesisGate,
    VoiceUnavailableError,
    active_level_dbfs,
    plan_pieces,
    split_sentences,
)
from speech_fixtures import piper_synthesiser, silence_pcm  # noqa: F401  (fixtures)

PEAK_CEILING = round(32767 * 10 ** (LevelConfig().peak_ceiling_dbfs / 20)) + 1
TARGET_DBFS = LevelConfig().target_active_rms_dbfs
LEVEL_TOLERANCE_DB = 1.0


def test_split_sentences_keeps_abbreviations_times_and_decimals_together():
    text = "Dr. Smith comes at 3.30 p.m. on Friday. Is that late?  No! It's fine… e.g. for tea."
    assert split_sentences(text) == [
        "Dr. Smith comes at 3.30 p.m. on Friday.", "Is that late?", "No!", "It's fine… e.g. for tea."]
    assert split_sentences("   ") == []
    assert split_sentences("no punctuation at all") == ["no punctuation at all"]


def test_a_long_first_sentence_is_split_at_its_first_clause_only():
    text = "Remind me, when I get home, to call my sister about the party on Saturday. Then buy milk, please."
    assert plan_pieces(text, first_piece_max_words=8) == [
        "Remind me, when I get home,", "to call my sister about the party on Saturday.", "Then buy milk, please."]
    assert plan_pieces("It's ten past three.", first_piece_max_words=8) == ["It's ten past three."]
    assert plan_pieces("Tell me the story of the whale and the ship on the sea", 8) == [
        "Tell me the story of the whale", "and the ship on the sea"]
    assert plan_pieces("Okay, 5 minutes, starting now.", 8) == ["Okay,", "5 minutes, starting now."]
    assert plan_pieces("Okay, thanks.", 8) == ["Okay, thanks."]


@pytest.mark.slow
def test_speech_is_16khz_loud_enough_and_levelled_alike_across_sentences(piper_synthesiser):
    texts = ["Hi.", "It's ten past three.", "What a wonderful day it has been, don't you think?", "OK!"]
    levels = []
    for text in texts:
        chunks = list(piper_synthesiser.synthesise(text))
        assert chunks and all(len(c) % 2 == 0 for c in chunks)
        pcm = b"".join(chunks)
        samples = np.frombuffer(pcm, dtype="<i2")
        assert int(np.abs(samples.astype(np.int32)).max()) <= PEAK_CEILING  # levelled, never clipped
        levels.append(active_level_dbfs(pcm))
    assert all(abs(level - TARGET_DBFS) <= LEVEL_TOLERANCE_DB for level in levels), levels
    # At 16 kHz "It's ten past three." lasts about 1.4 s; the voice's own 22.05 kHz would read as 1.9 s.
    duration_s = len(b"".join(piper_synthesiser.synthesise("It's ten past three."))) / (2 * SAMPLE_RATE_HZ)
    assert 1.0 <= duration_s <= 1.7


@pytest.mark.slow
def test_the_same_text_gives_the_same_audio_so_kept_pieces_are_what_piper_says(piper_synthesiser):
    text = "Remind me, when I get home, to call my sister."
    pieces = plan_pieces(text, first_piece_max_words=8)
    fresh = [b"".join(piper_synthesiser.synthesise_piece(piece)) for piece in pieces]
    assert fresh == [b"".join(piper_synthesiser.synthesise_piece(piece)) for piece in pieces]
    hits = piper_synthesiser.pieces.hits
    assert b"".join(piper_synthesiser.synthesise(text)) == b"".join(fresh)
    assert b"".join(piper_synthesiser.synthesise(text)) == b"".join(fresh)
    assert piper_synthesiser.pieces.hits == hits + len(pieces)  # the second time, all from the cache


@pytest.mark.slow
def test_reply_openings_are_ready_at_load_and_sent_without_synthesis():
    synthesiser = load_synthesiser()
    deadline = time.monotonic() + 60
    while not all(piece in synthesiser.pieces for piece in OPENING_PIECES) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(piece in synthesiser.pieces for piece in OPENING_PIECES)
    made: list[str] = []
    from_piper = synthesiser.synthesise_piece

    def counted(piece: str):
        made.append(piece)
        return from_piper(piece)

    synthesiser.synthesise_piece = counted
    reply = synthesiser.synthesise("Okay, the timer is set for five minutes.")
    assert next(reply) == b"".join(from_piper("Okay,")) and made == []  # sent before Piper ran at all
    assert b"".join(reply) and made == ["the timer is set for five minutes."]


def test_the_piece_cache_keeps_short_pieces_within_its_bound_oldest_out_first():
    cache = PieceCache(max_bytes=10, max_words=3)
    made: list[str] = []

    def synthesise(piece: str):
        made.append(piece)
        yield piece.encode()[:4]

    for piece in ["Okay,", "Sorry,", "Okay,", "Noted:", "Okay,", "one two three four"]:
        assert b"".join(cache.audio(piece, synthesise)) == piece.encode()[:4]
    assert made == ["Okay,", "Sorry,", "Noted:", "one two three four"]
    assert "Sorry," not in cache and "Okay," in cache and "Noted:" in cache  # 12 bytes > 10: the oldest went
    assert "one two three four" not in cache  # longer than max_words: rarely said twice
    interrupted = cache.audio("Yes,", synthesise)
    next(interrupted)
    interrupted.close()  # a barge-in in the middle of the piece
    assert "Yes," not in cache


@pytest.mark.slow
def test_one_synthesiser_serves_two_threads_at_once(piper_synthesiser):
    texts = ["Your meeting starts in ten minutes.", "I have put milk on the shopping list."]
    alone = [b"".join(piper_synthesiser.synthesise(t)) for t in texts]
    together: dict[int, bytes] = {}

    def speak(index: int) -> None:
        together[index] = b"".join(piper_synthesiser.synthesise(texts[index]))

    workers = [threading.Thread(target=speak, args=(i,)) for i in range(len(texts))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert [together.get(i) for i in range(len(texts))] == alone


@pytest.mark.slow
def test_the_first_chunk_comes_before_later_sentences_are_synthesised(piper_synthesiser):
    started: list[str] = []
    text = "It's ten past three. You have a meeting at four. Shall I remind you?"
    chunks = piper_synthesiser.synthesise(text, on_piece=started.append)
    first = next(chunks)
    assert first and started == ["It's ten past three."]
    rest = list(chunks)
    assert started == ["It's ten past three.", "You have a meeting at four.", "Shall I remind you?"]
    assert len(rest) >= 2


@pytest.mark.slow
def test_stopping_the_iterator_stops_synthesis(piper_synthesiser):
    started: list[str] = []
    chunks = piper_synthesiser.synthesise("One. Two. Three. Four.", on_piece=started.append)
    for _ in chunks:
        break  # barge-in after the first chunk
    chunks.close()
    assert started == ["One."]


@pytest.mark.slow
def test_round_trip_the_recogniser_understands_the_voice(piper_synthesiser):
    recogniser = load_recogniser_factory("pocketsphinx").create()
    for text, key_words in [("What time is it?", {"what", "time"}),
                            ("Set a timer for ten minutes.", {"timer", "ten", "minutes"})]:
        pcm = silence_pcm(0.3) + b"".join(piper_synthesiser.synthesise(text)) + silence_pcm(0.3)
        recogniser.accept(pcm)
        heard = set(recogniser.finish().text.split())
        assert key_words <= heard, (text, heard)


def test_missing_voice_file_is_a_clear_error(tmp_path):
    missing = tmp_path / "en_US-nobody-medium.onnx"
    with pytest.raises(VoiceUnavailableError) as caught:
        load_synthesiser(missing)
    assert str(missing) in str(caught.value) and "--voice" in str(caught.value)


def test_voice_without_its_config_is_a_clear_error(tmp_path):
    voice = tmp_path / "voice.onnx"
    voice.write_bytes(b"\0" * 16)
    with pytest.raises(VoiceUnavailableError, match=r"voice\.onnx\.json is missing"):
        load_synthesiser(voice)


def test_corrupt_voice_model_is_a_clear_error(tmp_path):
    voice = tmp_path / "voice.onnx"
    voice.write_bytes(default_voice_path().read_bytes()[:100_000])  # a truncated download
    shutil.copy(f"{default_voice_path()}.json", f"{voice}.json")
    with pytest.raises(VoiceUnavailableError, match="could not be loaded.*download it again"):
        load_synthesiser(voice)


def test_corrupt_voice_config_is_a_clear_error(tmp_path):
    voice = tmp_path / "voice.onnx"
    shutil.copy(default_voice_path(), voice)
    (tmp_path / "voice.onnx.json").write_text("{ not json")
    with pytest.raises(VoiceUnavailableError, match="not a Piper voice config"):
        load_synthesiser(voice)


def test_the_synthesis_gate_runs_first_pieces_before_later_ones_and_one_at_a_time():
    gate = SynthesisGate(slots=1)
    release = threading.Event()
    ran: list[str] = []
    running = [0, 0]  # now, most at once

    def work(name: str):
        def piece() -> list[bytes]:
            running[0] += 1
            running[1] = max(running)
            if name == "playing":
                release.wait(timeout=60)
            ran.append(name)
            running[0] -= 1
            return [name.encode()]
        return piece

    threads = [threading.Thread(target=gate.run, args=(LATER_PIECE, work("playing")))]
    threads[0].start()
    deadline = time.monotonic() + 60
    queued = [(LATER_PIECE, "later 1"), (AHEAD_OF_TIME, "ahead"), (FIRST_PIECE, "first 1"),
              (LATER_PIECE, "later 2"), (FIRST_PIECE, "first 2")]
    for number, (priority, name) in enumerate(queued, start=1):
        threads.append(threading.Thread(target=gate.run, args=(priority, work(name))))
        threads[-1].start()
        while gate.waiting < number and time.monotonic() < deadline:
            time.sleep(0.001)  # each queued before the next, so the order of arrival is known
    release.set()
    for thread in threads:
        thread.join(timeout=60)
    assert ran == ["playing", "first 1", "first 2", "later 1", "later 2", "ahead"]
    assert running[1] == 1
