"""The live audio bridge (earpiece_tools.live_audio): real FIFOs, the real firmware in MicroPython,
and a CPython host stand-in on a real TCP socket. The sound card itself is replaced by the
bridge's WAV-backed AudioDevice, which paces frames by the clock as a sound card would."""

from __future__ import annotations

import os
import re
import socket
import struct
import threading
import time
from pathlib import Path

import pytest

from earpiece_host import protocol as p
from earpiece_host.audio import FRAME_BYTES
from earpiece_tools import live_audio as la
from earpiece_tools.sim import LIVE_HEAP, wait_sim
from firmware_harness import PAIRING_KEY, run_sim
from peer import HostHandshake
from firmware_harness import noise_pcm, sine_pcm

FRAME_S = 0.02


def numbered_frame(i: int) -> bytes:
    """A frame whose every sample is its number, so order and loss are visible."""
    return struct.pack("<h", i) * (FRAME_BYTES // 2)


def read_fifo_frames(fd: int) -> list[int]:
    out = []
    while True:
        try:
            data = os.read(fd, FRAME_BYTES)
        except BlockingIOError:
            return out
        if not data:
            return out
        out.append(struct.unpack_from("<h", data)[0])


# ---- the jitter buffer (pure) ---------------------------------------------------------------

def test_jitter_buffer_waits_for_its_prebuffer_then_plays_in_order():
    jb = la.JitterBuffer(prebuffer_frames=3, max_frames=10)
    assert jb.pull(0.0) == la.SILENCE  # nothing yet: silence, not an error
    jb.push(numbered_frame(1), 0.0)
    jb.push(numbered_frame(2), 0.0)
    assert jb.pull(0.02) == la.SILENCE  # two of three frames, 20 of 60 ms waited
    jb.push(numbered_frame(3), 0.04)
    assert [jb.pull(0.04 + i * FRAME_S) for i in range(3)] == [numbered_frame(i) for i in (1, 2, 3)]
    assert jb.pull(0.1) == la.SILENCE and jb.gaps == 1 and jb.played == 3


def test_jitter_buffer_plays_a_short_tail_after_the_prebuffer_time():
    jb = la.JitterBuffer(prebuffer_frames=3, max_frames=10)
    jb.push(numbered_frame(7), 1.0)  # the last frame of a reply, alone
    assert jb.pull(1.04) == la.SILENCE
    assert jb.pull(1.06) == numbered_frame(7)


def test_jitter_buffer_drops_the_oldest_beyond_its_bound():
    jb = la.JitterBuffer(prebuffer_frames=3, max_frames=5)
    for i in range(8):
        jb.push(numbered_frame(i), 0.0)
    assert jb.dropped == 3
    assert [jb.pull(0.1) for _ in range(5)] == [numbered_frame(i) for i in range(3, 8)]


def test_bridge_config_refuses_latencies_that_are_not_whole_frames():
    with pytest.raises(ValueError, match="multiple of 20 ms"):
        la.BridgeConfig(mic_max_backlog_ms=50)


# ---- the FIFO ends ------------------------------------------------------------------------

def test_mic_fifo_keeps_only_the_newest_200_ms_when_nobody_reads(tmp_path: Path):
    mic = la.MicFifo(tmp_path / "mic.fifo", max_backlog_ms=200)
    reader = os.open(tmp_path / "mic.fifo", os.O_RDONLY | os.O_NONBLOCK)
    try:
        for i in range(50):  # one second of audio while the firmware is not reading
            mic.write_frame(numbered_frame(i))
        assert mic.frames == 50 and mic.dropped == 40
        assert read_fifo_frames(reader) == list(range(40, 50))
        mic.write_frame(numbered_frame(50))
        mic.close()  # the input ended: the reader gets what is queued, then the end
        assert os.read(reader, FRAME_BYTES) == numbered_frame(50)
        assert os.read(reader, FRAME_BYTES) == b""
    finally:
        os.close(reader)


def test_speaker_fifo_assembles_frames_written_in_odd_pieces(tmp_path: Path):
    jb = la.JitterBuffer(prebuffer_frames=1, max_frames=10)
    spk = la.SpeakerFifo(tmp_path / "spk.fifo", jb)
    writer = os.open(tmp_path / "spk.fifo", os.O_WRONLY)
    try:
        data = numbered_frame(1) + numbered_frame(2) + numbered_frame(3)
        for piece in (data[:100], data[100:1001], data[1001:]):
            os.write(writer, piece)
        deadline = time.monotonic() + 5
        while len(jb) < 3 and time.monotonic() < deadline:
            time.sleep(0.005)
        assert [spk.next_frame() for _ in range(3)] == [numbered_frame(i) for i in (1, 2, 3)]
    finally:
        os.close(writer)
        spk.close()


# ---- the sound card through sounddevice (no device exists on the test machine) -------------

def _portaudio_loads() -> bool:
    try:
        import sounddevice  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def test_an_unknown_device_name_is_reported_with_what_to_do():
    with pytest.raises(la.LiveAudioError) as err:
        la.SoundDeviceAudio(use_input=True, use_output=False,
                            input_device="no-such-microphone-anywhere")
    if _portaudio_loads():
        assert "no-such-microphone-anywhere" in str(err.value)
        assert "--list-devices" in str(err.value)
    else:
        assert "PortAudio" in str(err.value) and "--mic FILE.wav" in str(err.value)


def _has_input_device() -> bool:
    if not _portaudio_loads():
        return False
    import sounddevice as sd
    try:
        sd.query_devices(kind="input")
    except sd.PortAudioError:
        return False
    return True


@pytest.mark.skipif(_has_input_device(), reason="this machine has a microphone")
def test_live_sim_without_a_microphone_says_so_and_what_to_do(tmp_path: Path):
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-m", "earpiece_tools.sim", "--connect",
                          "tcp://127.0.0.1:9", "--live"], capture_output=True, text=True,
                         timeout=60, stdin=subprocess.DEVNULL)
    assert res.returncode == 2
    if _portaudio_loads():
        assert "no input device found; plug in a microphone or use --mic FILE.wav" in res.stderr
    else:
        assert "PortAudio" in res.stderr
    assert "Traceback" not in res.stderr


# ---- end to end: WAV -> bridge -> FIFO -> real firmware -> host -> firmware -> FIFO -> bridge --

class HostStandIn:
    """A one-connection host on a real TCP socket, through the host codec: it welcomes the
    device, collects its microphone audio, and once `cue_pcm` has been heard ends the turn and
    speaks `reply_pcm` in 20 ms chunks paced at real time (a few frames ahead), END last."""

    def __init__(self, cue_pcm: bytes, reply_pcm: bytes, lead_frames: int = 4) -> None:
        self.cue_pcm = cue_pcm
        self.reply_pcm = reply_pcm
        self.lead_frames = lead_frames
        self.received: list[p.Message] = []
        self.uplink = bytearray()
        self.welcomed = threading.Event()
        self.device_idle = threading.Event()  # the device reported idle: a press now counts
        self.done = threading.Event()
        self.error: BaseException | None = None
        self._srv = socket.create_server(("127.0.0.1", 0))
        self._srv.settimeout(30)
        self.port = self._srv.getsockname()[1]
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        try:
            conn, _ = self._srv.accept()
            with conn:
                conn.settimeout(0.005)
                conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # no Nagle delays
                self._session(conn)
        except BaseException as e:  # handed to the test through self.error
            self.error = e
        finally:
            self._srv.close()
            self.done.set()

    def _session(self, conn: socket.socket) -> None:
        enc, dec = p.FrameEncoder(), p.FrameDecoder()
        handshake = HostHandshake(PAIRING_KEY)
        reply_off, replying, t_next, sent = 0, False, 0.0, 0
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                data = conn.recv(65536)
                if not data:
                    return  # the device said bye and closed
            except socket.timeout:
                data = b""
            for m in dec.feed(data):
                self.received.append(m)
                if isinstance(m, p.Hello) and handshake.hello is None:
                    conn.sendall(enc.encode(handshake.auth_for(m)))
                elif isinstance(m, p.Auth) and handshake.accept(m, enc, dec):
                    conn.sendall(enc.encode(p.Welcome(session_id=1, host_version="stand-in")))
                    self.welcomed.set()
                elif isinstance(m, p.State) and m.state == p.DeviceState.IDLE:
                    self.device_idle.set()
                elif isinstance(m, p.MicAudio):
                    self.uplink += m.pcm
                    if not replying and not reply_off and self.cue_pcm in self.uplink:
                        conn.sendall(enc.encode(p.ListenStop(p.Source.VOICE)))
                        replying, t_next = True, time.monotonic()
            while replying and time.monotonic() >= t_next:
                chunk = self.reply_pcm[reply_off:reply_off + FRAME_BYTES]
                reply_off += len(chunk)
                last = reply_off >= len(self.reply_pcm)
                conn.sendall(enc.encode(p.SpeechAudio(chunk, end=last)))
                sent += 1
                replying = not last
                if sent >= self.lead_frames:
                    t_next += FRAME_S
        raise TimeoutError("the host stand-in's session did not end within 60 s")

    def states(self) -> list[int]:
        return [m.state for m in self.received if isinstance(m, p.State)]


def _non_silent_frames(pcm: bytes | bytearray) -> bytes:
    frames = (bytes(pcm[i:i + FRAME_BYTES]) for i in range(0, len(pcm), FRAME_BYTES))
    return b"".join(f for f in frames if any(f))


@pytest.mark.slow
def test_a_turn_through_the_bridge_and_the_real_firmware(tmp_path: Path):
    lead = bytes(int(0.6 / FRAME_S) * FRAME_BYTES)  # room noise before the user speaks
    cue = sine_pcm(0.6, 440.0) + noise_pcm(0.4, 1)
    mic_pcm = lead + cue + bytes(int(0.6 / FRAME_S) * FRAME_BYTES)
    reply = noise_pcm(1.0, 2)
    host = HostStandIn(cue, reply)
    # the "sound card" starts hearing when the host has welcomed the device
    device = la.WavAudioDevice(mic_pcm, start_when=host.welcomed)
    bridge = la.LiveBridge(device, tmp_path / "mic.fifo", tmp_path / "speaker.fifo")
    presses = la.ButtonFifo(tmp_path / "buttons.fifo")
    try:
        proc = run_sim(f"tcp://127.0.0.1:{host.port}", mic=tmp_path / "mic.fifo",
                       speaker=tmp_path / "speaker.fifo", buttons=str(presses.path),
                       duration_s=30, heap=LIVE_HEAP)
        bridge.start()
        assert host.device_idle.wait(30), "the firmware never became ready"
        presses.press("tap")  # the user's Enter: start a turn
        res = wait_sim(proc, 60)
        bridge.drain(timeout_s=2.0)
    finally:
        bridge.stop()
        presses.close()
    assert res.returncode == 0, res.stdout + res.stderr
    assert host.done.wait(10) and host.error is None, host.error
    # the turn was started by the button pressed through the buttons FIFO
    starts = [m for m in host.received if isinstance(m, p.ListenStart)]
    assert [m.source for m in starts] == [p.Source.BUTTON]
    # uplink: a contiguous, frame-aligned stretch of what the microphone heard, cue included
    uplink = bytes(host.uplink)
    at = uplink.find(cue)
    assert at >= 0, "the spoken cue never reached the host intact"
    skip = len(lead) - at  # microphone audio from before the turn began is not sent
    assert skip % FRAME_BYTES == 0 and 0 <= skip <= len(lead)
    assert uplink == mic_pcm[skip:skip + len(uplink)]
    # the reply came out of the bridge's speaker whole and in order, nothing else audible
    assert _non_silent_frames(device.played) == reply
    stats = bridge.stats()
    assert stats.speaker_frames == stats.speaker_frames_played == len(reply) // FRAME_BYTES
    assert stats.mic_frames == len(mic_pcm) // FRAME_BYTES
    # the device went listening -> thinking -> speaking -> idle, and read the FIFO to its end
    assert host.states()[-4:] == [1, 2, 3, 0]
    assert res.summary["speaker_bytes"] == len(reply)
    assert res.summary["underruns"] == 0
    assert res.summary["mic_bytes_from_file"] >= len(mic_pcm) - len(lead)


@pytest.mark.slow
def test_earpiece_sim_live_runs_a_turn_with_a_stand_in_sound_card(tmp_path: Path, capfd,
                                                                   monkeypatch):
    import io

    from firmware_harness import PAIRING_KEY_HEX
    monkeypatch.setenv("EARPIECE_PAIRING_KEY", PAIRING_KEY_HEX)  # as a user paired it

    from earpiece_tools.sim import LIVE, run_live

    lead = bytes(int(0.4 / FRAME_S) * FRAME_BYTES)
    cue = noise_pcm(0.5, 3)
    mic_pcm = lead + cue + bytes(int(0.6 / FRAME_S) * FRAME_BYTES)
    reply = sine_pcm(0.6, 600.0)
    host = HostStandIn(cue, reply)
    device = la.WavAudioDevice(mic_pcm, start_when=host.welcomed, description="stand-in card")
    code = run_live(f"tcp://127.0.0.1:{host.port}", LIVE, LIVE, duration_s=30, device=device,
                    keys=io.StringIO(""))
    out = capfd.readouterr().out
    assert code == 0, out
    # it says what it is doing and how to stop, and what the bridge did
    assert "stand-in card" in out and "Ctrl-C" in out and "press Enter" in out
    assert re.search(r"live audio: \d+ mic frames sent .*, 30 speaker frames played", out), out
    # a live microphone listens as soon as the host welcomes the device (no key was pressed)
    assert [m.source for m in host.received if isinstance(m, p.ListenStart)] == [p.Source.BUTTON]
    assert cue in bytes(host.uplink)
    assert _non_silent_frames(device.played) == reply
    assert re.search(r"^peak heap: \d+ bytes$", out, re.M)


@pytest.mark.slow
def test_a_speaker_fifo_nobody_reads_never_stalls_the_firmware(tmp_path: Path):
    from earpiece_host.audio import write_wav
    from firmware_harness import Peer, PeerScript

    mic = noise_pcm(0.2, 4)
    reply = noise_pcm(3.0, 5)  # 96 KB: more than a pipe holds
    write_wav(tmp_path / "mic.wav", mic)
    speaker = la.make_fifo(tmp_path / "speaker.fifo")
    stalled = os.open(speaker, os.O_RDWR | os.O_NONBLOCK)  # a reader that never reads
    try:
        peer = Peer(PeerScript(uplink_bytes=len(mic), reply_pcm=reply))
        port = peer.serve_tcp()
        proc = run_sim(f"tcp://127.0.0.1:{port}", mic=tmp_path / "mic.wav", speaker=speaker,
                       listen_at_start=True, duration_s=30, heap=LIVE_HEAP)
        res = wait_sim(proc, 60)
        queued = b""
        while True:
            try:
                chunk = os.read(stalled, 65536)
            except BlockingIOError:
                break
            if not chunk:
                break
            queued += chunk
    finally:
        os.close(stalled)
    assert res.returncode == 0, res.stdout + res.stderr
    assert peer.error is None
    # the whole reply was played on time; what did not fit the pipe was dropped, not waited for
    assert res.summary["speaker_bytes"] == len(reply)
    assert res.summary["underruns"] == 0
    assert 0 < len(queued) < len(reply) and reply.startswith(queued)


_NULL_CARD_PROBE = """
import threading
from earpiece_tools import live_audio as la

card = la.SoundDeviceAudio(use_input=True, use_output=True)
print(card.description)
captured, pulled = [], []
enough = threading.Event()

def on_mic(frame):
    captured.append(len(frame))
    if len(captured) >= 10 and len(pulled) >= 10:
        enough.set()

def next_speaker():
    pulled.append(1)
    return la.SILENCE

card.start(on_mic, next_speaker)
ok = enough.wait(10)
card.stop()
print("frames", ok, sorted(set(captured)))
"""


@pytest.mark.skipif(not _portaudio_loads(), reason="the PortAudio library is not installed")
def test_sounddevice_streams_carry_20_ms_frames_on_an_alsa_null_card(tmp_path: Path):
    """The one real sound 'card' a machine without audio hardware has: ALSA's null device
    (capture gives zeros, playback discards, neither paced in real time), made the default
    through a private ~/.asoundrc. It checks device selection and that both PortAudio
    streams run with 20 ms frames of 16 kHz mono 16-bit audio, not what a person hears."""
    import subprocess
    import sys

    (tmp_path / ".asoundrc").write_text(
        'pcm.!default { type plug slave.pcm "null" hint { show on description "null" } }\n')
    res = subprocess.run([sys.executable, "-c", _NULL_CARD_PROBE], capture_output=True,
                         text=True, timeout=60, env=dict(os.environ, HOME=str(tmp_path)))
    if "no input device found" in res.stderr:
        pytest.skip("this PortAudio build does not list ALSA's null device")
    assert res.returncode == 0, res.stderr
    assert "microphone: default (device " in res.stdout
    assert "frames True [640]" in res.stdout
