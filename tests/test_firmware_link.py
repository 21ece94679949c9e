"""The virtual earpiece (real firmware in the MicroPython unix port, 96 KB heap) against a tiny
CPython peer that speaks docs/protocol.md, over a real TCP socket and a real pty."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest

from earpiece_host.audio import read_wav, write_wav
from earpiece_tools.sim import DEFAULT_HEAP, heap_bytes, wait_sim
from firmware_harness import PAIRING_KEY_HEX, run_sim
from earpiece_tools.timeline import Kind, of_kind, read_timeline, response_latency_us
from firmware_harness import (BYE, ERROR, HELLO, INTERRUPT, LISTEN_START, PONG,
                              STATUS, Peer, PeerScript, noise_pcm, sine_pcm)

pytestmark = pytest.mark.slow

HEAP_LIMIT_BYTES = heap_bytes(DEFAULT_HEAP)


def _check_exit(res):
    assert res.returncode == 0, res.stdout + res.stderr
    assert re.search(r"^peak heap: \d+ bytes$", res.stdout, re.M)
    assert 0 < res.peak_heap_bytes < HEAP_LIMIT_BYTES
    return res.summary


def _peer_finished(peer: Peer) -> None:
    """Wait for the peer's thread to have read everything the device sent. The sim's exit is
    the device's own event: its last frames (STATE idle, just before it exits) may still be on
    their way to the peer's thread, which ends its session on them or on the socket closing."""
    assert peer.done.wait(15), "the peer did not finish its session"


def test_tcp_session_is_bit_exact_both_ways_with_no_underruns(tmp_path: Path):
    mic = sine_pcm(1.01, 330.0) + noise_pcm(0.5, 7)  # not a whole number of frames
    reply = noise_pcm(2.0, 11)
    write_wav(tmp_path / "mic.wav", mic)
    peer = Peer(PeerScript(uplink_bytes=len(mic), reply_pcm=reply))
    port = peer.serve_tcp()
    proc = run_sim(f"tcp://127.0.0.1:{port}", mic=tmp_path / "mic.wav",
                   speaker=tmp_path / "reply.wav", timeline=tmp_path / "t.bin",
                   listen_at_start=True, duration_s=30)
    summary = _check_exit(wait_sim(proc, 60))
    _peer_finished(peer)
    assert peer.error is None
    # uplink: every microphone byte reached the host in order; the last frame is padded
    assert len(peer.uplink) % 640 == 0 and len(peer.uplink) >= len(mic)
    assert hashlib.sha256(peer.uplink[:len(mic)]).digest() == hashlib.sha256(mic).digest()
    assert not any(peer.uplink[len(mic):len(mic) + 640 - len(mic) % 640])
    # downlink: exactly the reply, in order, nothing else
    played, rate = read_wav(tmp_path / "reply.wav")
    assert rate == 16000
    assert hashlib.sha256(played).digest() == hashlib.sha256(reply).digest()
    assert summary["underruns"] == 0 and summary["overruns"] == 0
    assert summary["bad_frames"] == 0 and summary["lost_frames"] == 0
    # the device reported idle -> listening -> thinking -> speaking -> idle, and a status
    assert peer.states == [0, 1, 2, 3, 0]
    assert peer.of_type(STATUS)
    assert [p[4] for p in peer.of_type(LISTEN_START)] == [b"\x01"]
    # the timeline: mic frames captured every 20 ms, sent after capture, speech after the turn
    recs = read_timeline(tmp_path / "t.bin")
    captured = of_kind(recs, Kind.MIC_CAPTURED)
    assert len(captured) >= len(mic) // 640
    assert all(b.t_us - a.t_us == 20000 for a, b in zip(captured, captured[1:]))
    sent = {r.a: r.t_us for r in of_kind(recs, Kind.MIC_SENT)}
    assert all(sent[c.a] >= c.t_us for c in captured if c.a in sent)
    assert len(of_kind(recs, Kind.SPEAKER_PLAYED)) == len(reply) // 640
    assert not of_kind(recs, Kind.UNDERRUN)
    latency = response_latency_us(recs)
    assert latency is not None and latency > 0


def test_serial_link_over_a_pty(tmp_path: Path):
    mic = noise_pcm(0.4, 3)
    reply = sine_pcm(0.6, 500.0)
    write_wav(tmp_path / "mic.wav", mic)
    master, slave = os.openpty()
    try:
        peer = Peer(PeerScript(uplink_bytes=len(mic), reply_pcm=reply))
        peer.serve_fd(master)
        proc = run_sim(f"serial://{os.ttyname(slave)}", mic=tmp_path / "mic.wav",
                       speaker=tmp_path / "reply.wav", listen_at_start=True, duration_s=30)
        summary = _check_exit(wait_sim(proc, 60))
        peer_finished = peer.done.wait(15)  # its session ends on the device's last frames: then close
    finally:
        os.close(slave)
        os.close(master)
    assert peer_finished and peer.error is None, peer.error
    assert bytes(peer.uplink[:len(mic)]) == mic
    assert read_wav(tmp_path / "reply.wav")[0] == reply
    assert summary["underruns"] == 0


def test_button_barge_in_interrupts_flushes_and_listens(tmp_path: Path):
    mic = noise_pcm(0.3, 5)
    reply = noise_pcm(4.0, 6)
    write_wav(tmp_path / "mic.wav", mic)
    peer = Peer(PeerScript(uplink_bytes=len(mic), reply_pcm=reply, frames_after_interrupt=5))
    port = peer.serve_tcp()
    # the reply starts about 0.3 s in and would last 4 s: tap at 1.3 s
    proc = run_sim(f"tcp://127.0.0.1:{port}", mic=tmp_path / "mic.wav",
                   speaker=tmp_path / "reply.wav", timeline=tmp_path / "t.bin",
                   buttons="1.3:tap", listen_at_start=True, duration_s=30)
    summary = _check_exit(wait_sim(proc, 60))
    _peer_finished(peer)
    assert peer.error is None
    interrupts = peer.of_type(INTERRUPT)
    assert [p[4] for p in interrupts] == [b"\x01"]  # source: button
    # barge-in order on the wire: INTERRUPT, then LISTEN_START, then mic audio of the new turn
    starts = peer.of_type(LISTEN_START)
    assert len(starts) == 2 and starts[1][0] >= interrupts[0][0]
    assert peer.states == [0, 1, 2, 3, 1, 2, 0]
    # what was played is an exact prefix of the reply, and the rest was flushed
    played = read_wav(tmp_path / "reply.wav")[0]
    assert 0 < len(played) < len(reply) // 2
    assert reply.startswith(played)
    recs = read_timeline(tmp_path / "t.bin")
    tx = of_kind(recs, Kind.INTERRUPT_TX)
    assert len(tx) == 1
    assert all(r.t_us < tx[0].t_us for r in of_kind(recs, Kind.SPEAKER_PLAYED))
    assert summary["welcomes"] == 1 and summary["underruns"] == 0


def test_hello_repeats_until_welcome_and_stray_bytes_are_skipped(tmp_path: Path):
    garbage = b"boot: rst:0x1 (POWERON)\r\n>>> \x03\xa5\xa5junk"
    peer = Peer(PeerScript(ignore_hellos=2, garbage_before_welcome=garbage, ping_token=0xC0FFEE,
                           close_when_idle=False))
    port = peer.serve_tcp()
    proc = run_sim(f"tcp://127.0.0.1:{port}", duration_s=3.5, exit_when="never")
    summary = _check_exit(wait_sim(proc, 30))
    hellos = peer.of_type(HELLO)
    assert len(hellos) == 3
    gaps = [b[0] - a[0] for a, b in zip(hellos, hellos[1:])]
    assert all(0.8 <= g <= 1.5 for g in gaps), gaps
    assert summary["welcomes"] == 1
    assert summary["skipped_bytes"] == len(garbage)
    pongs = peer.of_type(PONG)
    assert [p[4] for p in pongs] == [(0xC0FFEE).to_bytes(4, "little") + (4242).to_bytes(4, "little")]
    assert peer.states[:1] == [0]


def test_host_error_is_shown_not_silent(tmp_path: Path):
    message = "protocol version 1 is not supported by this host (it speaks 2); update the firmware"
    peer = Peer(PeerScript(refuse_with=(1, message)))
    port = peer.serve_tcp()
    proc = run_sim(f"tcp://127.0.0.1:{port}", duration_s=10)
    res = wait_sim(proc, 30)
    assert res.returncode == 3, res.stdout + res.stderr
    assert message in res.stderr
    assert res.summary["last_error_code"] == 1
    assert res.summary["state"] == "error"
    assert not peer.of_type(ERROR) and not peer.of_type(BYE)
    assert peer.of_type(HELLO)


def test_sim_reports_a_missing_wav_clearly(tmp_path: Path):
    proc = run_sim("tcp://127.0.0.1:9", mic=tmp_path / "missing.wav", duration_s=1)
    res = wait_sim(proc, 30)
    assert res.returncode == 2
    assert "missing.wav" in res.stderr and "16 kHz mono 16-bit WAV" in res.stderr


def test_sim_cli_runs_the_firmware_and_prints_its_peak_heap(tmp_path: Path):
    import subprocess
    import sys

    mic = sine_pcm(0.2)
    write_wav(tmp_path / "mic.wav", mic)
    peer = Peer(PeerScript(uplink_bytes=len(mic), reply_pcm=sine_pcm(0.2, 700.0)))
    port = peer.serve_tcp()
    res = subprocess.run([sys.executable, "-m", "earpiece_tools.sim", "--connect",
                          f"tcp://127.0.0.1:{port}", "--mic", str(tmp_path / "mic.wav"),
                          "--speaker", str(tmp_path / "out.wav"), "--heap", DEFAULT_HEAP,
                          "--listen-at-start", "--duration-s", "20"],
                         capture_output=True, text=True, timeout=60,
                         env=dict(os.environ, EARPIECE_PAIRING_KEY=PAIRING_KEY_HEX))
    assert res.returncode == 0, res.stdout + res.stderr
    found = re.search(r"^peak heap: (\d+) bytes$", res.stdout, re.M)
    assert found, res.stdout
    peak = int(found.group(1))
    assert 0 < peak < HEAP_LIMIT_BYTES
    assert read_wav(tmp_path / "out.wav")[0] == sine_pcm(0.2, 700.0)


def test_host_volume_and_follow_up_window_after_the_reply(tmp_path: Path):
    import struct

    mic = noise_pcm(0.3, 9)
    reply = noise_pcm(0.8, 10)
    write_wav(tmp_path / "mic.wav", mic)
    peer = Peer(PeerScript(uplink_bytes=len(mic), reply_pcm=reply, volume_pct=50,
                           follow_up=True, frames_after_interrupt=5))
    port = peer.serve_tcp()
    proc = run_sim(f"tcp://127.0.0.1:{port}", mic=tmp_path / "mic.wav",
                   speaker=tmp_path / "reply.wav", listen_at_start=True, duration_s=30)
    summary = _check_exit(wait_sim(proc, 60))
    _peer_finished(peer)
    assert peer.error is None
    # the follow-up LISTEN_START arrived while speaking: the whole reply still played, then
    # the device listened again without a button (no LISTEN_START up for that window)
    assert peer.states == [0, 1, 2, 3, 1, 2, 0]
    assert [p[4] for p in peer.of_type(LISTEN_START)] == [b"\x01"]
    # volume 50 % is applied on the device: gain (50/100)^2 in Q15
    samples = struct.unpack(f"<{len(reply) // 2}h", reply)
    scaled = struct.pack(f"<{len(samples)}h", *((s * 8192) >> 15 for s in samples))
    assert read_wav(tmp_path / "reply.wav")[0] == scaled
    assert summary["underruns"] == 0


def _rogue_run(tmp_path: Path, script: PeerScript) -> tuple[Peer, dict, float]:
    """The real firmware, listening at start with a microphone full of speech, against a host
    that cannot prove the pairing key."""
    import time

    write_wav(tmp_path / "mic.wav", sine_pcm(2.0, 440.0))
    peer = Peer(script)
    port = peer.serve_tcp()
    t0 = time.monotonic()
    proc = run_sim(f"tcp://127.0.0.1:{port}", mic=tmp_path / "mic.wav", listen_at_start=True,
                   duration_s=4, exit_when="never")
    summary = _check_exit(wait_sim(proc, 30))
    assert peer.done.wait(10) and peer.error is None
    last = max((r[0] for r in peer.received), default=t0)
    return peer, summary, last - t0


def test_a_rogue_host_without_the_key_never_opens_the_microphone(tmp_path: Path):
    peer, summary, seconds = _rogue_run(tmp_path, PeerScript(key=bytes(16)))
    sent = sum(13 + len(r[4]) for r in peer.received)
    print(f"rogue host (wrong key): the device sent {sent} bytes ({len(peer.received)} frames, "
          f"all HELLO) and hung up {seconds:.2f} s after connecting")
    assert {r[1] for r in peer.received} == {HELLO}  # no AUTH of its own, no audio, nothing
    assert peer.uplink == b"" and summary["mic_frames_sent"] == 0
    assert summary["auth_refusals"] >= 1 and summary["welcomes"] == 0
    assert peer.link.refused_proofs == 0  # the device never even offered a proof


def test_a_rogue_host_that_skips_the_handshake_is_ignored(tmp_path: Path):
    from firmware_harness import LISTEN_START as LS, WELCOME, frame, welcome_payload

    rogue = (frame(WELCOME, 0, welcome_payload()), frame(LS, 1, b"\x03"))
    peer, summary, _ = _rogue_run(tmp_path, PeerScript(ignore_hellos=10_000, rogue_frames=rogue))
    print(f"rogue host (plain WELCOME, LISTEN_START): the device sent "
          f"{sum(13 + len(r[4]) for r in peer.received)} bytes: HELLOs and its BYE at exit")
    assert {r[1] for r in peer.received} <= {HELLO, BYE}
    assert peer.uplink == b"" and summary["mic_frames_sent"] == 0
    assert summary["welcomes"] == 0 and summary["state"] == "connecting"


def test_a_stalled_loop_loses_no_reply_frame_to_the_backlog(tmp_path: Path):
    """The earpiece's loop stops for 0.2 s mid-reply (here: the process is stopped; on a board a
    long collection or a busy radio), less than the ~260 ms its ring holds. The speaker's DMA
    plays on from the ring meanwhile and the host keeps sending, so the link holds a backlog when
    the loop resumes: it must serve the speaker before it reads the link, or the backlog lands in
    a ring still holding what should have played, and whole frames are refused (overruns).
    (A stall longer than the ring holds starves the speaker, and the device then plays that much
    behind the host's clock: docs/firmware.md, IMA ADPCM.)"""
    import signal
    import time

    mic = sine_pcm(0.4, 330.0)
    reply = sine_pcm(4.0, 500.0)
    write_wav(tmp_path / "mic.wav", mic)
    peer = Peer(PeerScript(uplink_bytes=len(mic), reply_pcm=reply, lead_frames=13))
    port = peer.serve_tcp()
    proc = run_sim(f"tcp://127.0.0.1:{port}", mic=tmp_path / "mic.wav",
                   speaker=tmp_path / "reply.wav", listen_at_start=True, duration_s=30)
    deadline = time.monotonic() + 20
    while 3 not in peer.states and time.monotonic() < deadline:  # speaking
        time.sleep(0.01)
    assert 3 in peer.states, "the reply never started"
    time.sleep(1.0)  # well into the reply, with the ring at its usual lead
    proc.send_signal(signal.SIGSTOP)
    time.sleep(0.2)
    proc.send_signal(signal.SIGCONT)
    summary = _check_exit(wait_sim(proc, 60))
    assert peer.error is None
    assert summary["overruns"] == 0, summary
    played, _ = read_wav(tmp_path / "reply.wav")
    assert played == reply  # every frame, in order (the gaps of the stall are not written)
