"""Voice barge-in on the earpiece: the real firmware streams its microphone while a reply plays
when the host offers voice barge-in (WELCOME host_capabilities bit 4), and only then; the sim's
echo path (--echo-path) puts the speaker into that microphone exactly as the host's benchmark
models it; offered playback positions too (bit 5), each of those frames says which reply sample
was playing as it was captured."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from earpiece_host.audio import write_wav
from earpiece_tools.barge_in_bench import EchoPath
from earpiece_tools.sim import DEFAULT_HEAP, ECHO_PATH_HEAP, heap_bytes, wait_sim
from firmware_harness import Peer, PeerScript, noise_pcm, run_sim

pytestmark = pytest.mark.slow

VOICE_BARGE_IN = 0x10
PLAYBACK_POSITION = 0x20
MIC_AUDIO_PLAYING = 0x13


def converse(tmp_path: Path, host_capabilities: int, echo_path: str | None):
    """One turn (0.4 s of mic), then a 2 s reply; what the host received while it played."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    mic = noise_pcm(0.4, 3)
    reply = (np.frombuffer(noise_pcm(2.0, 9), dtype="<i2") // 4).astype("<i2").tobytes()
    write_wav(tmp_path / "mic.wav", mic)
    peer = Peer(PeerScript(uplink_bytes=len(mic), reply_pcm=reply,
                           host_capabilities=host_capabilities))
    port = peer.serve_tcp()
    proc = run_sim(f"tcp://127.0.0.1:{port}", mic=tmp_path / "mic.wav",
                   speaker=tmp_path / "reply.wav", listen_at_start=True, duration_s=30,
                   echo_path=echo_path)
    result = wait_sim(proc, 60)
    assert result.returncode == 0, result.stdout + result.stderr
    # the sim's exit is the device's event: its last frames may still be on their way to the
    # peer's thread, which ends its session on them (or on the socket closing)
    assert peer.done.wait(15), "the peer did not finish its session"
    assert peer.error is None
    turn_bytes = -(-len(mic) // 640) * 640
    during_reply = np.frombuffer(bytes(peer.uplink[turn_bytes:]), dtype="<i2").astype(np.float64)
    return reply, during_reply, result


def test_the_mic_streams_while_a_reply_plays_only_when_the_host_offers_barge_in(tmp_path: Path):
    reply, during, result = converse(tmp_path / "duplex", VOICE_BARGE_IN | 0x0B, None)
    frames = len(during) // 320
    # about one microphone frame per reply frame played (2 s = 100), silent here (no echo path)
    assert 90 <= frames <= 130, frames
    assert not during.any()
    assert result.peak_heap_bytes < heap_bytes(DEFAULT_HEAP)
    _, during, _ = converse(tmp_path / "plain", 0x0B, "40,-10")
    assert len(during) // 320 <= 5  # at most the frames in flight when the turn ended


def test_the_sims_echo_path_is_the_benchmarks_model_sample_for_sample(tmp_path: Path):
    reply, during, result = converse(tmp_path, VOICE_BARGE_IN | 0x0B, "40,-10")
    assert result.peak_heap_bytes < heap_bytes(ECHO_PATH_HEAP)
    model = EchoPath(40, -10.0).apply(np.frombuffer(reply, dtype="<i2").astype(np.float64))
    # where the reply's echo starts in the stream depends on when the speaker started; at that
    # offset the microphone holds the model's echo to within rounding
    corr = np.correlate(during, model[:16000], mode="valid")
    offset = int(np.argmax(corr))
    heard = during[offset:offset + len(model)]
    expected = model[:len(heard)]
    assert len(heard) > 16000
    assert np.max(np.abs(heard - np.round(expected))) <= 2, np.max(np.abs(heard - expected))


def test_with_positions_each_mic_frame_says_which_reply_sample_was_playing(tmp_path: Path):
    """Offered bit 5 too, the firmware sends MIC_AUDIO_PLAYING while it speaks: each frame's
    speech_pos is the reply sample its speaker played as the frame's first sample was captured,
    by the board's account, which misses only the DMA's phase (up to 16 ms, the same through a
    stretch of playback): every frame holds the echo model's samples from speech_pos less one
    such offset."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    mic = noise_pcm(0.4, 3)
    reply = (np.frombuffer(noise_pcm(2.0, 9), dtype="<i2") // 4).astype("<i2").tobytes()
    write_wav(tmp_path / "mic.wav", mic)
    peer = Peer(PeerScript(uplink_bytes=len(mic), reply_pcm=reply,
                           host_capabilities=VOICE_BARGE_IN | PLAYBACK_POSITION | 0x0B))
    port = peer.serve_tcp()
    proc = run_sim(f"tcp://127.0.0.1:{port}", mic=tmp_path / "mic.wav",
                   speaker=tmp_path / "reply.wav", listen_at_start=True, duration_s=30,
                   echo_path="40,-10")
    result = wait_sim(proc, 60)
    assert result.returncode == 0, result.stdout + result.stderr
    # the sim's exit is the device's event: its last frames may still be on their way to the
    # peer's thread, which ends its session on them (or on the socket closing)
    assert peer.done.wait(15), "the peer did not finish its session"
    assert peer.error is None
    model = EchoPath(40, -10.0).apply(np.frombuffer(reply, dtype="<i2").astype(np.float64))
    frames = peer.of_type(MIC_AUDIO_PLAYING)
    assert 90 <= len(frames) <= 130, len(frames)
    positions = [int.from_bytes(f[4][:4], "little") for f in frames]
    inside = [(pos, f[4][4:]) for pos, f in zip(positions, frames)
              if 256 <= pos <= len(model) - 320]
    assert len(inside) >= 80, positions

    def off_by(pos: int, pcm: bytes, phase: int) -> float:
        heard = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
        return float(np.max(np.abs(heard - np.round(model[pos - phase:pos - phase + 320]))))

    # the echo in a frame comes from what played 40-56 ms before it: check the frames after four
    # whole frames of playback (an underrun on a loaded machine plays silence: positions stand
    # still for it, never jump ahead)
    steps = [b - a for (a, _), (b, _) in zip(inside, inside[1:])]
    assert all(0 <= step <= 320 for step in steps), steps
    clean = [inside[k] for k in range(4, len(inside)) if steps[k - 4:k] == [320] * 4]
    assert len(clean) >= 60, steps
    pos, pcm = clean[len(clean) // 2]
    phase = min(range(257), key=lambda d: off_by(pos, pcm, d))
    assert off_by(pos, pcm, phase) <= 2 and 0 < phase < 256  # the sim models the phase
    bad = [(pos, off_by(pos, pcm, phase)) for pos, pcm in clean if off_by(pos, pcm, phase) > 2]
    assert not bad, (bad, phase, steps)
