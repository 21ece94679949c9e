"""The real firmware (MicroPython unix port, the virtual earpiece's heap) with IMA ADPCM audio
over a serial line paced at 11,520 bytes/s each way (what a 115200-baud ESP32 console carries):
the earpiece offers PCM16 and ADPCM in HELLO, the peer's WELCOME chooses ADPCM, then the uplink
arrives bit-exact as the host's encoder would have made it and the reply plays bit-exact as the
host's decoder hears it, with no frame lost and no underrun. The peer speaks docs/protocol.md by
hand (tests/firmware_harness.py), independent of both codecs."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

from earpiece_host import adpcm
from earpiece_host.audio import read_wav, write_wav
from earpiece_tools.sim import DEFAULT_HEAP, heap_bytes, parse_output, sim_command, sim_env
from firmware_harness import HELLO, MIC_AUDIO, PAIRING_KEY_HEX, Peer, PeerScript
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
    finally:
        os.close(fd)
        bridge.close()
    res = parse_output(proc.returncode, proc.stdout, proc.stderr)
    assert res.returncode == 0, proc.stdout + proc.stderr
    assert peer.error is None, peer.error
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
