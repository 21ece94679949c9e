"""A spoken exchange over USB serial speed: the real firmware (MicroPython unix port, the virtual
earpiece's default heap) and the real host (the server `earpiece serve --serial` runs, with its
recogniser, the OS and Piper) over a pseudo-terminal pair throttled to 11,520 bytes/s each way,
what an ESP32's console carries at 115200 baud. 16-bit PCM needs 33 kB/s each way and cannot
pass; the HELLO/WELCOME negotiation picks IMA ADPCM (9.25 kB/s sealed), and an espeak-ng voice
asking the time is understood and answered with no frame lost and no underrun. The recogniser is
Whisper, which hears espeak-ng voices (pocketsphinx hears "what type is it" from this one,
with or without the codec: `python -m earpiece_tools.codec_bench` measures what ADPCM costs)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from earpiece_host import protocol as p
from earpiece_host.audio import read_wav, write_wav
from earpiece_host.pairing import PairingStore
from earpiece_host.server import Server, ServerConfig
from firmware_harness import PAIRING_KEY_HEX
from earpiece_tools import harness, sim
from earpiece_tools.timeline import Kind, read_timeline
from ptys import PtyBridge
from speech_fixtures import espeak_pcm

pytestmark = pytest.mark.slow


@pytest.fixture
def whisper_services(tmp_path):
    """Whisper, the OS and Piper on one thread each: on the shared 2-core test machine, Piper's
    default of a spinning thread per core starved the host's writer (and with it the paced
    line) for a quarter of a second between the pieces of a reply."""
    from earpiece_host.dialogue import open_engine
    from earpiece_host.speech.choose import load_recogniser_factory
    from earpiece_host.speech.piper_engine import PiperTuning, load_synthesiser
    from earpiece_host.voice import VoiceConfig, VoiceServices

    brain = open_engine(tmp_path / "os", seed=7, morning_briefing=False)
    services = VoiceServices(load_recogniser_factory("whisper", allow_download=False),
                             load_synthesiser(tuning=PiperTuning(intra_op_threads=1)), brain,
                             config=VoiceConfig(seed=7))
    yield services
    services.close()
    brain.close()

SERIAL_BYTES_PER_S = 11520
DEVICE = "usb-ear"


async def test_a_spoken_request_over_a_115200_baud_console_in_adpcm(whisper_services, speech_cache,
                                                                   tmp_path: Path):
    voice_services = whisper_services
    said = espeak_pcm(speech_cache, "What time is it?", voice="en-us+m3", speed_wpm=150)
    request = harness.Request("What time is it?", said, harness.voiced_end(said))
    script = harness.build_script([request], answer_window_s=6.0)
    write_wav(tmp_path / "mic.wav", script.mic_pcm)
    store = PairingStore(tmp_path / "pairing.json")
    store.put(DEVICE, PAIRING_KEY_HEX)
    turns = []
    voice_services.on_turn = turns.append
    bridge = PtyBridge(bytes_per_s=SERIAL_BYTES_PER_S, own_process=True)  # not starved by Piper
    server = Server(ServerConfig(serial=(f"serial://{bridge.tool_path}",)), voice_services.handler,
                    store)
    sessions = []
    try:
        await server.start()
        cmd = sim.sim_command(f"serial://{bridge.device_path}", mic=tmp_path / "mic.wav",
                              speaker=tmp_path / "speaker.wav", timeline=tmp_path / "t.bin",
                              heap=sim.DEFAULT_HEAP, device_id=DEVICE,
                              buttons=",".join(f"{t:.3f}:tap" for t in script.taps_s))
        proc = await asyncio.create_subprocess_exec(
            *cmd, env=sim.sim_env(pairing_key=PAIRING_KEY_HEX), stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE)
        deadline = time.monotonic() + 20
        while not sessions and time.monotonic() < deadline:  # the host's side, for its counters
            sessions = [s for s in server.registry if s.info is not None]
            await asyncio.sleep(0.05)
        limit_s = len(script.mic_pcm) / 32000 + harness.FIRST_TAP_S + 40
        code, out, err = await harness._communicate(proc, limit_s)
        # The sim's exit is the device's own event: its last frames (its BYE at the end) may
        # still be on the paced line, and a host stopped now would count the one cut short as
        # truncated. The host's session ends when it has read that BYE.
        deadline = time.monotonic() + 15
        while sessions and server.registry.get(DEVICE) is sessions[0] \
                and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        read_to_the_end = not sessions or server.registry.get(DEVICE) is not sessions[0]
    finally:
        await server.stop()
        bridge.close()
    res = sim.parse_output(code, out, err)
    assert code == 0, out + err
    assert read_to_the_end, "the host never read the earpiece's BYE"
    s = res.summary
    assert s["codec"] == p.CODEC_IMA_ADPCM and s["welcomes"] == 1
    (session,) = sessions
    assert session.info.codec == p.CODEC_IMA_ADPCM
    # understood
    (turn,) = turns
    assert turn.intent == "time.now", (turn.heard, turn.intent)
    # nothing lost either way, no gap in the reply
    counts = {k: s[k] for k in ("lost_frames", "bad_frames", "truncated", "underruns", "overruns",
                                "dropped_speech_bytes", "bad_speech_frames")}
    assert counts == dict.fromkeys(counts, 0)
    st = session.decoder.stats
    assert st.lost_frames == 0 and st.crc_errors == 0 and st.truncated == 0 and st.auth_failures == 0
    assert session.audio.stats.bad_mic_frames == 0 and session.audio.stats.mic_frames > 50
    assert not [r for r in read_timeline(tmp_path / "t.bin") if r.kind == Kind.UNDERRUN]
    played, _ = read_wav(tmp_path / "speaker.wav")
    assert len(played) >= 2 * 16000  # a second or more of the answer came out of the speaker
    assert res.peak_heap_bytes is not None and res.peak_heap_bytes < sim.heap_bytes(sim.DEFAULT_HEAP)
    # and it went through the line: the reply alone is more than the line carries in PCM16
    assert bridge.relayed["to_device"] >= len(played) // 640 * (164 + 13)
