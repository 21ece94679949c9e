"""The real firmware (MicroPython unix port, the virtual earpiece's heap) with IMA ADPCM audio
over a serial line paced at 11,520 bytes/s each way (what a 115200-baud ESP32 console carries):
the earpiece offers PCM16 and ADPCM in HELLO, the peer's WELCOME chooses ADPCM, then the uplink
arrives bit-exact as the host's encoder would have made it and the reply plays bit-exact as the
host's decoder hears it, with no frame lost and no underrun. The peer speaks docs/protocol.md by
hand (tests/firmware_harness.py), independent of both codecs."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
from pathlib import Path

import numpy as np
import pytest

from earpiece_host import adpcm
from earpiece_host.audio import read_wav, write_wav
from earpiece_tools.sim import (DEFAULT_HEAP, heap_bytes, parse_output, sim_command, sim_env,
                                wait_sim)
from firmware_harness import HELLO, MIC_AUDIO, PAIRING_KEY_HEX, Peer, PeerScript, _recv_sock, run_sim
from ptys import PtyBridge

pytestmark = pytest.mark.slow

SERIAL_BYTES_PER_S = 11520
IMA_ADPCM = 2  # WELCOME.codec (docs/protocol.md section 4.1)


def speechlike(seconds: float, seed: int) -> bytes:
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * 16000)) / 16000
    voice = 6000 * np.sin(2 * np.pi * (150 + 60 * np.sin(2 * np.pi * 2 * t)) * t)
    voice *= 0.5 + 0.5 * np.sin(2 * np.pi * 3 * t) ** 2
    return np.clip(voice + rng.normal(0, 300, len(t)), -32768, 32767).astype("<i2").tobytes()


def adpcm_frames(pcm: bytes) -> list[bytes]:
    enc = adpcm.AdpcmEncoder()
    return [enc.encode(pcm[off:off + 640]) for off in range(0, len(pcm), 640)]


def test_adpcm_both_ways_over_a_serial_line_paced_at_115200_baud(tmp_path: Path):
    mic = speechlike(2.0, 1)
    reply_pcm = speechlike(3.0, 2)
    reply_frames = adpcm_frames(reply_pcm)
    write_wav(tmp_path / "mic.wav", mic)
    bridge = PtyBridge(bytes_per_s=SERIAL_BYTES_PER_S)
    fd = os.open(bridge.tool_path, os.O_RDWR | os.O_NOCTTY)
    os.set_blocking(fd, False)
    expected_up = adpcm_frames(mic)
    peer = Peer(PeerScript(uplink_bytes=sum(len(f) for f in expected_up),
                           reply_pcm=b"".join(reply_frames), chunk_bytes=adpcm.FRAME_PAYLOAD_BYTES,
                           chunk_ms=20, lead_frames=13,  # the host keeps ~260 ms ahead
                           codec=IMA_ADPCM))
    try:
        peer.serve_fd(fd)
        cmd = sim_command(f"serial://{bridge.device_path}", mic=tmp_path / "mic.wav",
                          speaker=tmp_path / "reply.wav", listen_at_start=True, duration_s=40,
                          heap=DEFAULT_HEAP)
        proc = subprocess.run(cmd, env=sim_env(pairing_key=PAIRING_KEY_HEX), capture_output=True,
                              text=True, timeout=90)
        # The paced line still carries the device's last frames after it has exited: the peer
        # ends its session on them, and only then may its fd close under it.
        peer_finished = peer.done.wait(15)
    finally:
        os.close(fd)
        bridge.close()
    res = parse_output(proc.returncode, proc.stdout, proc.stderr)
    assert res.returncode == 0, proc.stdout + proc.stderr
    assert peer_finished and peer.error is None, peer.error
    s = res.summary
    assert peer.of_type(HELLO)[0][4][1] == 3  # HELLO offered PCM16 + IMA ADPCM
    assert s["codec"] == 2
    # what would make the comparisons below fail, named first: a frame the line or the
    # decoder lost, one the ring had no room for, a gap in playback
    assert s["lost_frames"] == 0 and s["bad_frames"] == 0 and s["truncated"] == 0
    assert s["underruns"] == 0 and s["overruns"] == 0 and s["dropped_speech_bytes"] == 0
    # uplink: every frame, in order, exactly the host encoder's bytes
    up = peer.of_type(MIC_AUDIO)
    seqs = [r[3] for r in up]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))  # no frame lost on the way
    got = [r[4] for r in up[:len(expected_up)]]
    assert got[:-1] == expected_up[:-1]  # the last WAV frame is topped up with silence
    assert all(len(p) == adpcm.FRAME_PAYLOAD_BYTES for p in got)
    # downlink: the speaker played exactly what the host's decoder makes of the reply
    played = read_wav(tmp_path / "reply.wav")[0]
    assert played == b"".join(adpcm.decode_bytes(f) for f in reply_frames)
    assert 0 < res.peak_heap_bytes < heap_bytes(DEFAULT_HEAP)
    # and it really went through the paced line, at the ADPCM rate, under its ceiling
    assert bridge.relayed["to_device"] >= len(reply_frames) * (adpcm.FRAME_PAYLOAD_BYTES + 13)


def test_a_host_that_refuses_the_adpcm_offer_is_offered_pcm16_alone(tmp_path: Path):
    """A host from before codec negotiation answers the offer of 3 with ERROR 4: the earpiece
    offers PCM16 alone when it reconnects, and that host welcomes it."""
    old_host = [Peer(PeerScript(refuse_with=(4, "audio format codec=3 16000 Hz 20 ms 1 ch is not "
                                                 "supported; the host needs PCM 16-bit"))),
                Peer(PeerScript())]
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(2)
    srv.settimeout(30)

    def serve() -> None:
        for peer in old_host:
            try:
                conn, _ = srv.accept()
            except OSError:
                return
            conn.settimeout(0.005)
            with conn:
                try:
                    peer._session(lambda b, c=conn: c.sendall(b), lambda c=conn: _recv_sock(c))
                except BaseException as err:  # noqa: BLE001 - reported below
                    peer.error = err

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        res = wait_sim(run_sim(f"tcp://127.0.0.1:{srv.getsockname()[1]}", duration_s=8,
                               exit_when="never"), 40)  # a refused sim would exit at once
    finally:
        srv.close()
        thread.join(timeout=10)
    offers = [[r[4][1] for r in peer.of_type(HELLO)] for peer in old_host]
    assert offers[0][:1] == [3] and offers[1] and set(offers[1]) == {1}, (offers, res.stderr)
    assert res.summary["welcomes"] == 1 and res.summary["codec"] == 1, res.stdout + res.stderr
    assert "offering just that" in res.stderr
