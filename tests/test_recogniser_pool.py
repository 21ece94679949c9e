"""The recogniser pool: sessions borrow a recogniser and give it back reset; a few are kept."""

from __future__ import annotations

import pytest

from earpiece_host.speech.asr import Transcript
from earpiece_host.speech.recogniser_pool import RecogniserPool
from speech_fixtures import espeak_pcm, frames


def test_a_recogniser_given_back_mid_utterance_carries_nothing_to_the_next_session(
        english_recognisers, speech_cache):
    pool = RecogniserPool(english_recognisers, max_idle=1)
    first = pool.acquire()
    for frame in frames(espeak_pcm(speech_cache, "Set a timer for five minutes", voice="en-us+f2")):
        first.accept(frame)
    pool.release(first)  # the earpiece left in mid-sentence
    second = pool.acquire()
    assert second is first and (pool.created, pool.reused) == (1, 1)
    assert second.finish().text == ""  # none of the last session's words


class CountingRecognisers:
    """A stand-in factory that counts what it builds; its recognisers count their resets."""

    engine = description = "counting"

    def __init__(self) -> None:
        self.built: list[CountingRecogniser] = []

    def create(self) -> CountingRecogniser:
        self.built.append(CountingRecogniser())
        return self.built[-1]


class CountingRecogniser:
    engine = "counting"

    def __init__(self) -> None:
        self.resets = 0
        self.broken = False

    def accept(self, pcm: bytes) -> Transcript | None:
        return None

    def finish(self) -> Transcript:
        return Transcript("", True)

    def reset(self) -> None:
        if self.broken:
            raise RuntimeError("decoder in a bad state")
        self.resets += 1


def test_at_most_max_idle_are_kept_and_the_rest_freed():
    factory = CountingRecognisers()
    pool = RecogniserPool(factory, max_idle=2)
    lent = [pool.acquire() for _ in range(3)]  # three earpieces at once
    assert pool.lent == 3 and pool.created == 3
    for recogniser in lent:
        pool.release(recogniser)
    assert (pool.lent, pool.idle, pool.dropped) == (0, 2, 1)
    assert all(r.resets == 1 for r in lent)
    again = [pool.acquire() for _ in range(3)]
    assert (pool.reused, pool.created) == (2, 4)  # two lent again, one built anew
    assert set(map(id, again[:2])) <= set(map(id, lent))


def test_a_recogniser_that_fails_its_reset_is_not_lent_again(caplog):
    factory = CountingRecognisers()
    pool = RecogniserPool(factory, max_idle=2)
    recogniser = pool.acquire()
    recogniser.broken = True
    pool.release(recogniser)
    assert (pool.idle, pool.dropped, pool.lent) == (0, 1, 0)
    assert "failed to reset" in caplog.text
    assert pool.acquire() is not recogniser


def test_max_idle_zero_frees_each_at_once_and_a_negative_one_is_refused():
    pool = RecogniserPool(CountingRecognisers(), max_idle=0)
    pool.release(pool.acquire())
    assert (pool.idle, pool.dropped) == (0, 1)
    with pytest.raises(ValueError, match="max_idle"):
        RecogniserPool(CountingRecognisers(), max_idle=-1)
