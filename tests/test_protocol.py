"""The host codec against the golden vectors and against hostile byte streams."""

from __future__ import annotations

import dataclasses
import json
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from earpiece_host import protocol as p, secure

VECTORS = Path(__file__).parent / "vectors"
MESSAGE_VECTORS = json.loads((VECTORS / "vectors.json").read_text())
STREAM_VECTORS = json.loads((VECTORS / "streams.json").read_text())


def sealer(vector: dict) -> secure.Sealer | None:
    """The sealed vectors' session key in their direction; None for plain frames."""
    sealed = vector.get("sealed")
    if sealed is None:
        return None
    return secure.Sealer(bytes.fromhex(sealed["key_hex"]), sealed["direction"])


def message_from_fields(vector: dict) -> p.Message:
    cls = p.MESSAGE_TYPES[vector["type_code"]]
    kwargs = {}
    for f in dataclasses.fields(cls):
        value = vector["fields"][f.name]
        kwargs[f.name] = bytes.fromhex(value) if f.type == "bytes" else value
    return cls(**kwargs)


@pytest.mark.parametrize("vector", MESSAGE_VECTORS, ids=lambda v: v["name"])
def test_golden_vector_encodes_byte_for_byte(vector):
    message = message_from_fields(vector)
    assert p.encode_frame(message, vector["seq"], sealer=sealer(vector)).hex() == vector["frame_hex"]
    assert (VECTORS / f"{vector['name']}.bin").read_bytes().hex() == vector["frame_hex"]


@pytest.mark.parametrize("vector", MESSAGE_VECTORS, ids=lambda v: v["name"])
def test_golden_vector_decodes_to_its_fields(vector):
    decoder = p.FrameDecoder(opener=sealer(vector))
    (message,) = decoder.feed(bytes.fromhex(vector["frame_hex"]))
    assert message == message_from_fields(vector)
    assert message.NAME == vector["type"]
    assert decoder.stats.bad_frames == 0


def test_every_message_type_has_a_golden_vector():
    covered = {v["type_code"] for v in MESSAGE_VECTORS}
    missing = {cls.NAME for code, cls in p.MESSAGE_TYPES.items() if code not in covered}
    assert not missing, f"message types without a golden vector: {sorted(missing)}"


def test_frame_layout_matches_the_spec_by_hand():
    """Independent of the codec: header fields at the documented offsets, CRC over bytes 2..end."""
    frame = p.encode_frame(p.Volume(level_pct=65), seq=0x0102)
    assert frame[:2] == b"\xa5\x5a"
    assert frame[2:9] == bytes([2, 0x24, 0, 0x02, 0x01, 1, 0])
    assert frame[9:10] == bytes([65])
    assert struct.unpack("<I", frame[10:]) == (zlib.crc32(frame[2:10]),)


@pytest.mark.parametrize("stream", STREAM_VECTORS, ids=lambda s: s["name"])
def test_stream_vectors_resynchronise(stream):
    decoder = p.FrameDecoder()
    events = decoder.feed(bytes.fromhex(stream["stream_hex"]))
    messages = [e for e in events if isinstance(e, p.Message)]
    expected = [
        p.MESSAGE_TYPES[f["type_code"]].decode_payload(bytes.fromhex(f["payload_hex"]), f["flags"])
        for f in stream["frames"]
    ]
    assert messages == expected
    for name, count in stream["counters"].items():
        assert getattr(decoder.stats, name) == count, name


@pytest.mark.parametrize("stream", STREAM_VECTORS, ids=lambda s: s["name"])
def test_stream_vectors_byte_at_a_time_give_the_same_messages(stream):
    data = bytes.fromhex(stream["stream_hex"])
    whole = p.FrameDecoder().feed(data)
    decoder = p.FrameDecoder()
    trickled = [event for i in range(len(data)) for event in decoder.feed(data[i:i + 1])]
    assert trickled == whole


def test_version_mismatch_is_reported_not_silently_dropped():
    future = p.encode_frame(p.Hello(device_id="x", firmware_version="9", protocol_version=3), 0,
                            version=3)
    (event,) = p.FrameDecoder().feed(future)
    assert isinstance(event, p.VersionMismatch)
    assert event.version == 3 and event.type == p.Hello.TYPE


def test_oversized_payload_is_refused_when_encoding():
    with pytest.raises(p.ProtocolError, match="exceeds"):
        p.encode_frame(p.MicAudio(pcm=bytes(p.MAX_PAYLOAD_BYTES + 2)), 0)


def test_oversized_header_is_rejected_before_the_payload_arrives():
    """A corrupted length must not make the receiver wait for (or store) 60 kB."""
    header = struct.pack("<2sBBBHH", p.SYNC, 1, 0x10, 0, 0, 60000)
    decoder = p.FrameDecoder()
    decoder.feed(header)
    assert decoder.stats.oversized == 1
    assert decoder.pending_bytes <= p.HEADER_BYTES


def test_lost_frames_are_counted_from_sequence_gaps():
    decoder = p.FrameDecoder()
    for seq in (0, 1, 5, 6):
        decoder.feed(p.encode_frame(p.State(state=0), seq))
    assert decoder.stats.lost_frames == 3


def test_sequence_numbers_wrap():
    encoder = p.FrameEncoder()
    encoder._seq = 0xFFFF
    decoder = p.FrameDecoder()
    decoder.feed(encoder.encode(p.State(state=0)) + encoder.encode(p.State(state=1)))
    assert decoder.stats.lost_frames == 0 and decoder.stats.frames == 2


def test_closing_mid_frame_counts_truncation():
    frame = p.encode_frame(p.MicAudio(pcm=bytes(640)), 0)
    decoder = p.FrameDecoder()
    assert decoder.feed(frame[:100]) == []
    decoder.close()
    assert decoder.stats.truncated == 1


# --- properties ---------------------------------------------------------------------------------

text = st.text(max_size=40).filter(lambda s: len(s.encode()) <= 255)
u8, u16, u32 = (st.integers(0, 2**n - 1) for n in (8, 16, 32))
pcm = st.binary(max_size=p.MAX_PAYLOAD_BYTES).map(lambda b: b[: len(b) // 2 * 2])

messages = st.one_of(
    st.builds(p.Hello, device_id=text, firmware_version=text, capabilities=u16,
              protocol_version=st.just(1), codec=u8, sample_rate_hz=u16, frame_ms=u8, channels=u8,
              auth=st.binary(max_size=255)),
    st.builds(p.Welcome, session_id=u32, host_version=text, host_capabilities=u16,
              auth=st.binary(max_size=255)),
    st.builds(p.Error, code=u16, message=text),
    st.builds(p.Bye, reason=u8, message=text),
    st.builds(p.Ping, token=u32, sender_ms=u32),
    st.builds(p.Pong, token=u32, sender_ms=u32),
    st.builds(p.MicAudio, pcm=pcm),
    st.builds(p.SpeechAudio, pcm=pcm, end=st.booleans()),
    st.builds(p.ListenStart, source=u8),
    st.builds(p.ListenStop, source=u8),
    st.builds(p.Interrupt, source=u8),
    st.builds(p.State, state=u8),
    st.builds(p.Volume, level_pct=u8),
    st.builds(p.ConfigGet),
    st.builds(p.Config, json_text=st.text(max_size=500)),
    st.builds(p.ConfigResult, ok=st.booleans(), message=text),
    st.builds(p.Status, battery_mv=u16, battery_pct=u8, wifi_rssi_dbm=st.integers(-128, 127),
              free_heap_bytes=u32, peak_heap_bytes=u32, underruns=u32, overruns=u32,
              bad_frames=u32, uptime_ms=u32),
)


@given(st.lists(messages, min_size=1, max_size=8), st.integers(1, 700))
def test_any_messages_round_trip_in_any_chunking(batch, chunk):
    encoder = p.FrameEncoder()
    data = b"".join(encoder.encode(m) for m in batch)
    decoder = p.FrameDecoder()
    out = [e for i in range(0, len(data), chunk) for e in decoder.feed(data[i:i + chunk])]
    assert out == batch
    assert decoder.stats.bad_frames == 0 and decoder.stats.skipped_bytes == 0


@settings(max_examples=300)
@given(st.binary(max_size=5000))
def test_random_bytes_never_raise_and_never_grow_the_buffer_unbounded(data):
    decoder = p.FrameDecoder()
    decoder.feed(data)
    assert decoder.pending_bytes <= p.MAX_FRAME_BYTES * 2


@given(st.binary(max_size=3000), messages)
def test_a_good_frame_after_garbage_is_decoded(garbage, message):
    decoder = p.FrameDecoder()
    # Garbage may end in a partial header that claims a long payload; the good frame that follows
    # is found by the truncation rule once it is complete.
    events = decoder.feed(garbage + p.encode_frame(message, 0))
    assert events and events[-1] == message


@given(messages, st.data())
def test_a_single_bit_flip_is_caught_and_the_next_frame_survives(message, data):
    frame = bytearray(p.encode_frame(message, 0))
    bit = data.draw(st.integers(0, len(frame) * 8 - 1))
    frame[bit // 8] ^= 1 << (bit % 8)
    follower = p.State(state=3)
    decoder = p.FrameDecoder()
    events = decoder.feed(bytes(frame) + p.encode_frame(follower, 1))
    assert events[-1] == follower
    assert message not in events[:-1]  # CRC-32 catches every single-bit error


@given(messages, st.integers(1, 200))
def test_a_truncated_frame_costs_only_itself(message, cut):
    frame = p.encode_frame(message, 0)
    cut = min(cut, len(frame) - 1)
    follower = p.Volume(level_pct=40)
    follower_frame = p.encode_frame(follower, 1)
    # If the missing tail happens to equal the follower's first bytes, the cut frame is complete
    # and valid after all (a 1-in-256 event when one CRC byte is missing); that is not truncation.
    assume(frame[cut:] != follower_frame[:len(frame) - cut])
    decoder = p.FrameDecoder()
    events = decoder.feed(frame[:cut] + follower_frame)
    assert events == [follower]
