"""Writes the golden vectors in this folder. Run it only when the protocol changes on purpose.

The files it writes are committed and are the contract: tests check that the host codec and the
firmware codec reproduce them byte for byte, so a codec change that alters the wire fails a test.
Usage: python tests/vectors/make_vectors.py
"""

from __future__ import annotations

import json
import struct
import zlib
from dataclasses import fields
from pathlib import Path

from earpiece_host import protocol as p
from earpiece_host import secure

# the sealed vectors' session key (section 6), and the direction each one travels
SEALED_KEY = bytes(range(0x40, 0x50))

HERE = Path(__file__).parent


def ramp_pcm(samples: int, start: int = 0) -> bytes:
    """A deterministic sawtooth spanning the whole int16 range, including 0x03 and sync bytes."""
    return b"".join(struct.pack("<h", ((start + i * 997) % 65536) - 32768) for i in range(samples))


def adpcm_payload(name: str, frame: int) -> bytes:
    """One 164-byte IMA ADPCM frame of the codec's own golden vectors (tests/vectors/adpcm/)."""
    data = (HERE / "adpcm" / f"{name}.adpcm").read_bytes()
    return data[164 * frame:164 * (frame + 1)]


MESSAGES: list[tuple[str, p.Message, int]] = [
    ("hello", p.Hello(device_id="ear-3c71bf0a", firmware_version="0.1.0",
                      capabilities=0xBF), 0),
    ("hello_unicode_auth", p.Hello(device_id="Sam’s ear", firmware_version="0.1.0-dev",
                                   capabilities=0x03, auth=bytes(range(16))), 1),
    ("hello_codecs", p.Hello(device_id="virtual-earpiece", firmware_version="0.1.0",
                             capabilities=0x87, codec=p.CODEC_PCM16LE | p.CODEC_IMA_ADPCM,
                             auth=bytes(range(100, 116))), 2),
    ("welcome", p.Welcome(session_id=0x12345678, host_version="0.1.0", host_capabilities=0x03), 0),
    ("error_version", p.Error(code=p.ErrorCode.UNSUPPORTED_VERSION,
                              message="protocol version 3 is not supported by this host (it speaks 2)"), 1),
    ("auth_host", p.Auth(nonce=bytes(range(16, 32)), proof=bytes(range(32, 48))), 2),
    ("auth_device", p.Auth(proof=bytes(range(48, 64))), 3),
    ("played", p.Played(seq=0x1234), 16),
    ("bye", p.Bye(reason=p.ByeReason.REPLACED, message="replaced by a newer connection"), 7),
    ("ping", p.Ping(token=0xDEADBEEF, sender_ms=123456), 42),
    ("pong", p.Pong(token=0xDEADBEEF, sender_ms=123456), 43),
    ("mic_audio", p.MicAudio(pcm=ramp_pcm(320)), 100),
    ("mic_audio_max", p.MicAudio(pcm=ramp_pcm(1024, 5)), 101),
    ("mic_audio_adpcm", p.MicAudio(pcm=adpcm_payload("sine_440", 1)), 102),
    ("mic_audio_playing", p.MicAudioPlaying(speech_pos=0x2345678, pcm=ramp_pcm(320, 11)), 103),
    ("speech_audio", p.SpeechAudio(pcm=ramp_pcm(320, 77)), 65535),
    ("speech_audio_end_empty", p.SpeechAudio(pcm=b"", end=True), 0),
    ("listen_start", p.ListenStart(source=p.Source.BUTTON), 5),
    ("listen_stop", p.ListenStop(source=p.Source.VOICE), 6),
    ("interrupt", p.Interrupt(source=p.Source.HOST), 7),
    ("state", p.State(state=p.DeviceState.SPEAKING), 8),
    ("volume", p.Volume(level_pct=65), 9),
    ("status", p.Status(battery_mv=3987, battery_pct=81, wifi_rssi_dbm=-61,
                        free_heap_bytes=61234, peak_heap_bytes=40012, underruns=2, overruns=1,
                        bad_frames=3, uptime_ms=987654), 10),
    ("status_unknown_battery", p.Status(free_heap_bytes=90000, peak_heap_bytes=5000), 11),
    ("config_get", p.ConfigGet(), 12),
    ("config", p.Config(json_text='{"wifi_ssid": "home", "host": "192.168.1.20:7700", '
                        '"hands_free": true, "volume_pct": 60}'), 13),
    ("config_result_ok", p.ConfigResult(ok=True, message="saved; restarting to join Wi-Fi"), 14),
    ("config_result_bad", p.ConfigResult(ok=False, message="wifi_ssid: must be 1 to 32 bytes"), 15),
]


# sealed frames: each the first of its session's direction (so the receiver accepts any seq)
SEALED: list[tuple[str, p.Message, int, int]] = [
    ("sealed_welcome", p.Welcome(session_id=0x0BADCAFE, host_version="0.2.0",
                                 host_capabilities=0x0B), 3, secure.DIR_DOWN),
    ("sealed_welcome_adpcm", p.Welcome(session_id=0x0BADCAFE, host_version="0.2.0",
                                       host_capabilities=0x0B, codec=p.CODEC_IMA_ADPCM), 3,
     secure.DIR_DOWN),
    ("sealed_mic_audio", p.MicAudio(pcm=ramp_pcm(320, 3)), 4, secure.DIR_UP),
    ("sealed_mic_audio_adpcm", p.MicAudio(pcm=adpcm_payload("noise", 2)), 5, secure.DIR_UP),
    ("sealed_welcome_barge_in", p.Welcome(session_id=0x0BADCAFE, host_version="0.2.0",
                                          host_capabilities=0x3B, codec=p.CODEC_IMA_ADPCM), 3,
     secure.DIR_DOWN),
    ("sealed_mic_audio_playing_adpcm", p.MicAudioPlaying(speech_pos=0x3FFFFFC0,
                                                         pcm=adpcm_payload("noise", 3)), 6,
     secure.DIR_UP),
    ("sealed_speech_audio_adpcm", p.SpeechAudio(pcm=adpcm_payload("sweep", 3)), 9,
     secure.DIR_DOWN),
    ("sealed_speech_audio_end", p.SpeechAudio(pcm=ramp_pcm(40, 1), end=True), 65535,
     secure.DIR_DOWN),
]


def field_json(message: p.Message) -> dict:
    out = {}
    for f in fields(message):
        value = getattr(message, f.name)
        out[f.name] = value.hex() if isinstance(value, bytes) else (
            bool(value) if isinstance(value, bool) else (int(value) if not isinstance(value, str) else value))
    return out


def raw_frame(version: int, type_: int, flags: int, seq: int, payload: bytes) -> bytes:
    """Frames built by hand, independent of the codec, for the stream vectors."""
    header = struct.pack("<2sBBBHH", p.SYNC, version, type_, flags, seq, len(payload))
    return header + payload + struct.pack("<I", zlib.crc32(header[2:] + payload))


def frame_entry(frame: bytes) -> dict:
    _, _, type_, flags, seq, length = struct.unpack_from("<2sBBBHH", frame)
    return {"type_code": type_, "seq": seq, "flags": flags, "payload_hex": frame[9:9 + length].hex()}


def streams() -> list[dict]:
    v = p.PROTOCOL_VERSION
    a = raw_frame(v, 0x10, 0, 0, ramp_pcm(320))
    b = raw_frame(v, 0x23, 0, 1, b"\x01")
    c = raw_frame(v, 0x11, 1, 2, ramp_pcm(16, 9))
    flipped = bytearray(a)
    flipped[200] ^= 0x10
    oversized = struct.pack("<2sBBBHH", p.SYNC, v, 0x10, 0, 0, 4000)
    unknown = raw_frame(v, 0x7E, 0, 1, b"future message")
    v3_hello = raw_frame(3, 0x01, 0, 0, b"\x03\x01\x80\x3e\x14\x01\x00\x00\x02v3\x03"
                         b"3.0\x00")
    malformed = raw_frame(v, 0x30, 0, 1, b"\x01\x02")
    repl = b"MicroPython v1.29.0 on 2026-08-29; ESP32S3 module\r\nType \"help()\" for more.\r\n>>> "
    noise = bytes((i * 37 + 11) % 256 for i in range(300)).replace(b"\xa5", b"\x00")
    return [
        {"name": "clean_sequence", "stream": a + b + c, "frames": [a, b, c],
         "counters": {"crc_errors": 0, "oversized": 0, "skipped_bytes": 0}},
        {"name": "repl_text_then_frames", "stream": repl + a + b, "frames": [a, b],
         "counters": {"skipped_bytes": len(repl), "crc_errors": 0}},
        {"name": "garbage_between_frames", "stream": a + noise + b + noise + c, "frames": [a, b, c],
         "counters": {"skipped_bytes": 2 * len(noise), "crc_errors": 0}},
        {"name": "truncated_frame_then_good", "stream": a[:150] + b + c, "frames": [b, c],
         "counters": {"truncated": 1, "crc_errors": 0}},
        {"name": "bit_flip_then_good", "stream": bytes(flipped) + b + c, "frames": [b, c],
         "counters": {"crc_errors": 1}},
        {"name": "oversized_header_then_good", "stream": oversized + b + c, "frames": [b, c],
         "counters": {"oversized": 1, "crc_errors": 0}},
        {"name": "unknown_type_skipped", "stream": a + unknown + c, "frames": [a, c],
         "counters": {"unknown_types": 1, "crc_errors": 0}},
        {"name": "version_3_frame", "stream": v3_hello + b, "frames": [b],
         "counters": {"version_mismatches": 1, "crc_errors": 0}},
        {"name": "malformed_status_dropped", "stream": malformed + c, "frames": [c],
         "counters": {"malformed": 1, "crc_errors": 0}},
    ]


def main() -> None:
    vectors = []
    for name, message, seq in MESSAGES:
        vectors.append({
            "name": name, "type": message.NAME, "type_code": message.TYPE, "flags": message.flags,
            "seq": seq, "fields": field_json(message), "frame_hex": p.encode_frame(message, seq).hex(),
        })
    for name, message, seq, direction in SEALED:
        sealer = secure.Sealer(SEALED_KEY, direction)
        vectors.append({
            "name": name, "type": message.NAME, "type_code": message.TYPE,
            "flags": message.flags | p.FLAG_SEALED, "seq": seq, "fields": field_json(message),
            "sealed": {"key_hex": SEALED_KEY.hex(), "direction": direction},
            "frame_hex": p.encode_frame(message, seq, sealer=sealer).hex(),
        })
    (HERE / "vectors.json").write_text(json.dumps(vectors, indent=1, ensure_ascii=False) + "\n")
    out = []
    for s in streams():
        out.append({"name": s["name"], "stream_hex": s["stream"].hex(),
                    "frames": [frame_entry(f) for f in s["frames"]], "counters": s["counters"]})
    (HERE / "streams.json").write_text(json.dumps(out, indent=1) + "\n")
    for v in vectors:
        (HERE / f"{v['name']}.bin").write_bytes(bytes.fromhex(v["frame_hex"]))


if __name__ == "__main__":
    main()
