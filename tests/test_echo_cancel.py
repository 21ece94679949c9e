"""Echo cancellation (speech/echo_cancel.py) with the real libspeexdsp: the delay search, the far
end's timeline, and the echo of real speech taken out of a microphone that hears it."""

from __future__ import annotations

import numpy as np
import pytest

from earpiece_host.speech.barge_in import BargeInConfig, is_only_stop
from earpiece_host.speech.echo_cancel import (AlignedEchoCanceller, DownlinkTimeline,
                                              FarEndTimeline, PositionedEchoCanceller, erle_db,
                                              estimate_delay)
from earpiece_tools.barge_in_bench import EchoPath
from earpiece_tools.voices import espeak

FRAME = 320


@pytest.fixture(scope="module")
def far_end(tmp_path_factory) -> np.ndarray:
    """Eight seconds of speech (espeak-ng) at a reply's level, as the far end."""
    cache = tmp_path_factory.mktemp("voices")
    text = ("The weather tomorrow is sunny with a high of twenty two degrees and a light breeze "
            "from the west, and rain arriving in the evening after six.")
    x = np.frombuffer(espeak(cache, text, "en-gb+f2"), dtype="<i2").astype(np.float64)
    x = np.concatenate([x, x])[:8 * 16000]
    return x * (3000 / np.sqrt(np.mean(x ** 2)))


def test_the_delay_search_finds_the_echo_and_declines_silence(far_end):
    lag = 1234
    mic = EchoPath(delay_ms=0, gain_db=-10).apply(far_end)  # the room, no delay of its own
    delayed = np.concatenate([np.zeros(lag), mic])[:len(mic)]
    # the reference covers the window and the 8000 samples of lag searched before it
    assert estimate_delay(delayed[16000:24000], far_end[8000:24000], 8000) == lag
    assert estimate_delay(np.zeros(8000), np.zeros(16000), 8000) is None


def test_the_far_end_timeline_bridges_short_gaps_and_counts_long_ones():
    timeline = FarEndTimeline(capacity_s=1.0)
    frame = np.full(FRAME, 1000, dtype="<i2").tobytes()
    timeline.add(frame, 0.0)
    timeline.add(frame, 0.10)  # the host reckoned the device drained; it had not: bridged
    assert timeline.gaps == 0 and timeline.end == 2 * FRAME
    timeline.add(frame, 1.0)  # a real gap: silence in between, counted
    assert timeline.gaps == 1
    assert not timeline.read(2 * FRAME, 100).any()
    assert (timeline.read(timeline.end - FRAME, FRAME) == 1000).all()
    assert not timeline.read(timeline.end, FRAME).any()  # not played yet
    assert not timeline.read(0, FRAME).any()  # older than the ring holds


def test_speech_echo_is_cancelled_by_30_db_once_aligned(far_end):
    echo = EchoPath(delay_ms=40, gain_db=-10)
    host_lag_s = 0.075  # the device plays this much after the host reckons
    mic = np.round(echo.apply(far_end)).astype(np.int16)
    timeline = FarEndTimeline(capacity_s=10)
    timeline.add(far_end.astype("<i2").tobytes(), 100.0)
    canceller = AlignedEchoCanceller(timeline)
    mics, residuals = [], []
    for k in range(len(mic) // FRAME):
        arrival = 100.0 + host_lag_s + (k + 1) * 0.02
        for m, _, r in canceller.process(mic[k * FRAME:(k + 1) * FRAME].tobytes(), arrival):
            mics.append(m)
            residuals.append(r)
    assert canceller.delay_searches >= 1 and canceller.searches_failed == 0
    assert abs(canceller.delay_samples - (int(host_lag_s * 16000) + 640)) <= 16
    assert len(mics) == len(mic) // FRAME  # every frame came out, in order
    m = np.concatenate(mics)
    r = np.concatenate(residuals)
    assert erle_db(m[4 * 16000:], r[4 * 16000:]) >= 30.0
    canceller.close()


def test_on_the_hosts_clock_a_moved_echo_is_followed_and_a_stray_search_is_not(far_end):
    """The device's lag grows by 100 ms with no gap (the host caught up): the canceller follows
    it. A search that peaks once on something else (the user's voice: made here through the
    search, its seam) is not followed; it used to misalign the filter for a second."""
    echo = EchoPath(delay_ms=40, gain_db=-10)
    host_lag_s, move_at, moved = 0.075, 4 * 16000, 1600
    played = np.concatenate([far_end[:move_at], np.zeros(moved), far_end[move_at:]])[:len(far_end)]
    mic = np.round(echo.apply(played)).astype(np.int16)
    timeline = FarEndTimeline(capacity_s=10)
    timeline.add(far_end.astype("<i2").tobytes(), 100.0)
    canceller = AlignedEchoCanceller(timeline)
    search = canceller._find_lag
    stray = 777
    frame = 0
    strays = 0

    def searched(window, reference, quiet_from):
        nonlocal strays
        lag = search(window, reference, quiet_from)
        if strays == 0 and 2 * 16000 < frame * FRAME < move_at:
            strays += 1
            return stray  # once, between 2 s and the move
        return lag

    canceller._find_lag = searched
    delays, mics, residuals = set(), [], []
    for frame in range(len(mic) // FRAME):
        arrival = 100.0 + host_lag_s + (frame + 1) * 0.02
        for m, _, r in canceller.process(mic[frame * FRAME:(frame + 1) * FRAME].tobytes(), arrival):
            mics.append(m)
            residuals.append(r)
        delays.add(canceller.delay_samples)
    assert strays == 1 and stray not in delays
    assert canceller.realignments == 1  # the real move only
    assert abs(canceller.delay_samples - (int(host_lag_s * 16000) + 640 + moved)) <= 16
    m, r = np.concatenate(mics), np.concatenate(residuals)
    assert erle_db(m[6 * 16000:], r[6 * 16000:]) >= 30.0
    canceller.close()


def test_a_turn_after_stop_is_only_stop_when_short_or_nothing_more_is_said():
    config = BargeInConfig()
    assert is_only_stop(config, voiced_ms=0)
    assert is_only_stop(config, voiced_ms=config.stop_only_ms)
    assert not is_only_stop(config, voiced_ms=config.stop_only_ms + 20)
    assert is_only_stop(config, heard="stop it please")
    assert not is_only_stop(config, heard="stop what time is it")


def test_with_the_devices_playback_positions_an_underrun_moves_nothing(far_end):
    """The device says which downlink sample played as each mic frame was captured: the echo
    stays cancelled across a stall that shifted playback by 100 ms mid-reply (no realignment),
    and positions that wrapped at 2**30 are unwrapped against what was sent."""
    echo = EchoPath(delay_ms=40, gain_db=-10)
    downlink = DownlinkTimeline(capacity_s=10)
    base = (1 << 30) - 3 * 16000  # the session's count wraps 3 s into this reply
    downlink.add(far_end.astype("<i2").tobytes(), base)
    # what the speaker played: the reply with 100 ms of silence (an underrun) after 3 s
    stall = 3 * 16000
    played = np.concatenate([far_end[:stall], np.zeros(1600), far_end[stall:]])
    mic = np.round(echo.apply(played)).astype(np.int16)
    canceller = PositionedEchoCanceller(downlink)
    mics, residuals = [], []
    for k in range(len(mic) // FRAME):
        t = k * FRAME  # the speaker's sample playing as this frame was captured
        index = t if t < stall else max(stall, t - 1600)
        position = (base + index) % (1 << 30)
        for m, _, r in canceller.process_at(mic[k * FRAME:(k + 1) * FRAME].tobytes(), position):
            mics.append(m)
            residuals.append(r)
    assert canceller.found and abs(canceller.delay_samples - 640) <= 16
    assert canceller.realignments == 0 and canceller.gaps == 5  # the silence, frame by frame
    assert len(mics) == len(mic) // FRAME
    m = np.concatenate(mics)
    r = np.concatenate(residuals)
    assert erle_db(m[2 * 16000:stall], r[2 * 16000:stall]) >= 30.0
    assert erle_db(m[stall + 3200:], r[stall + 3200:]) >= 30.0  # right after the underrun
    canceller.close()


def test_a_reply_after_a_barge_in_starts_cancelled(far_end):
    """A stretch cut short by the user's voice (a barge-in) leaves nothing in the next one: the
    filter does not predict the echo of the cut reply's last words into it, and the
    preprocessor's one frame of latency does not bring the user's last frame into it."""
    echo = EchoPath(delay_ms=40, gain_db=-10)
    downlink = DownlinkTimeline(capacity_s=20)
    canceller = PositionedEchoCanceller(downlink)

    def stretch(reply: np.ndarray, start: int, user: np.ndarray | None = None) -> list:
        downlink.add(reply.astype("<i2").tobytes(), start)
        mic = echo.apply(reply)
        if user is not None:
            mic[-len(user):] += user
        mic = np.round(mic).astype(np.int16)
        out = []
        for k in range(len(mic) // FRAME):
            out += canceller.process_at(mic[k * FRAME:(k + 1) * FRAME].tobytes(), start + k * FRAME)
        return out

    first = far_end[:4 * 16000]
    user = far_end[::-1][:8000] * 2  # half a second of another voice, 6 dB over the reply's
    stretch(first, 0, user)
    canceller.restart()  # the reply was stopped mid-word; the next one
    out = stretch(far_end[4 * 16000:], 5 * 16000)
    m = np.concatenate([m for m, _, _ in out[:50]])
    r = np.concatenate([r for _, _, r in out[:50]])
    assert erle_db(m, r) >= 40.0  # its first second (30 dB without the flush)
    canceller.close()
