"""The host codec of the earpiece wire protocol (docs/protocol.md).

Messages are frozen dataclasses with a type code, ``encode_payload()`` and ``decode_payload()``.
Frames are built by :func:`encode_frame` and parsed from a byte stream by :class:`FrameDecoder`, which
resynchronises after garbage, truncation and corruption exactly as section 1.1 of the spec says.
"""

from __future__ import annotations

import enum
import struct
import zlib
from dataclasses import dataclass, field
from typing import ClassVar

from .secure import Sealer

PROTOCOL_VERSION = 2
SYNC = b"\xa5\x5a"
HEADER_BYTES = 9
CRC_BYTES = 4
MAX_PAYLOAD_BYTES = 2048
MAX_FRAME_BYTES = HEADER_BYTES + MAX_PAYLOAD_BYTES + CRC_BYTES
FLAG_END = 0x01
FLAG_SEALED = 0x02
TAG_BYTES = 8

_HEADER = struct.Struct("<2sBBBHH")
_AAD = struct.Struct("<BBBHH")  # the sealed frame's associated data: header after sync
_CRC = struct.Struct("<I")

# Codec codes are powers of two: HELLO.codec is the sum of the codecs a device offers, WELCOME.codec
# the one the host chose (docs/protocol.md section 4.1).
CODEC_PCM16LE = 1
CODEC_IMA_ADPCM = 2
SAMPLE_RATE_HZ = 16000
FRAME_MS = 20
CHANNELS = 1


class ProtocolError(ValueError):
    """Bytes that do not form a valid message."""


class MalformedMessage(ProtocolError):
    """A frame with a good CRC whose payload does not match its type's layout."""


class Source(enum.IntEnum):
    """Who started a listen, stopped it or interrupted."""

    BUTTON = 1
    VOICE = 2
    HOST = 3
    TIMEOUT = 4


class DeviceState(enum.IntEnum):
    IDLE = 0
    LISTENING = 1
    THINKING = 2
    SPEAKING = 3
    CONNECTING = 4
    ERROR = 5


class ByeReason(enum.IntEnum):
    NORMAL = 0
    SHUTTING_DOWN = 1
    ERROR = 2
    REPLACED = 3


class ErrorCode(enum.IntEnum):
    UNSUPPORTED_VERSION = 1
    BAD_HELLO = 2
    NOT_PAIRED = 3
    UNSUPPORTED_AUDIO = 4
    HELLO_REQUIRED = 5
    ENGINE_UNAVAILABLE = 6
    INTERNAL = 7
    NOT_ON_THIS_LINK = 8


class Capability(enum.IntFlag):
    """What a device has (HELLO.capabilities)."""

    MICROPHONE = 1 << 0
    SPEAKER = 1 << 1
    BUTTON = 1 << 2
    LED = 1 << 3
    BATTERY = 1 << 4
    HANDS_FREE = 1 << 5
    WIFI = 1 << 6
    VOLUME = 1 << 7


class HostCapability(enum.IntFlag):
    """What a host offers (WELCOME.host_capabilities)."""

    SPEECH_RECOGNITION = 1 << 0
    SPEECH_SYNTHESIS = 1 << 1
    TLS = 1 << 2
    PAIRING_REQUIRED = 1 << 3
    VOICE_BARGE_IN = 1 << 4  # the host cancels the reply's echo: stream the mic while a reply plays
    # with VOICE_BARGE_IN: send those frames as MIC_AUDIO_PLAYING, each with the playback position
    PLAYBACK_POSITION = 1 << 5


# --- payload layouts ---------------------------------------------------------------------------
#
# Each message declares its payload as a LAYOUT in the same letters as the firmware's format table
# (firmware/protocol.py SPEC; a test holds the two equal) and the FIELDS it maps them to, in wire
# order: B u8, b i8, ? u8 as a bool, H u16, I u32 (little-endian), s str8, y bytes8,
# p pcm (the rest of the payload, even length), j UTF-8 text (the rest of the payload).
# One generic encoder and decoder read the layout; no message writes its own.

_FIXED = {"B": struct.Struct("<B"), "b": struct.Struct("<b"), "?": struct.Struct("<B"),
          "H": struct.Struct("<H"), "I": struct.Struct("<I")}


def _encode_layout(message: "Message") -> bytes:
    out = bytearray()
    for letter, name in zip(message.LAYOUT, message.FIELDS):
        value = getattr(message, name)
        if letter in _FIXED:
            try:
                out += _FIXED[letter].pack(bool(value) if letter == "?" else value)
            except struct.error as err:
                raise ProtocolError(f"{message.NAME}.{name}={value!r} does not fit a "
                                    f"{letter!r} field: {err}") from err
        elif letter in "sy":
            raw = value.encode("utf-8") if letter == "s" else bytes(value)
            if letter == "s" and name in message.FIT:
                raw = _fit_text(value).encode("utf-8")
            if len(raw) > 255:
                raise ProtocolError(f"{message.NAME}.{name} of {len(raw)} bytes does not fit a "
                                    f"{'str8' if letter == 's' else 'bytes8'} (max 255)")
            out += bytes((len(raw),)) + raw
        elif letter == "p":
            if len(value) % 2:
                raise MalformedMessage(f"PCM payload of odd length {len(value)}")
            out += value
        else:  # "j"
            out += value.encode("utf-8")
    return bytes(out)


def _decode_layout(cls: type["Message"], payload: bytes) -> dict:
    data = memoryview(payload)
    off = 0
    values = {}
    for letter, name in zip(cls.LAYOUT, cls.FIELDS):
        if letter in _FIXED:
            fmt = _FIXED[letter]
            if off + fmt.size > len(data):
                raise MalformedMessage(f"payload too short: need {off + fmt.size} bytes, "
                                       f"have {len(data)}")
            (value,) = fmt.unpack_from(data, off)
            off += fmt.size
            values[name] = bool(value) if letter == "?" else value
        elif letter in "sy":
            if off >= len(data):
                raise MalformedMessage("payload too short for a length-prefixed field")
            end = off + 1 + data[off]
            if end > len(data):
                raise MalformedMessage(f"field of {data[off]} bytes runs past the end of the "
                                       "payload")
            raw = bytes(data[off + 1:end])
            off = end
            if letter == "s":
                try:
                    values[name] = raw.decode("utf-8")
                except UnicodeDecodeError as err:
                    raise MalformedMessage(f"text field is not UTF-8: {err}") from err
            else:
                values[name] = raw
        elif letter == "p":
            if (len(data) - off) % 2:
                raise MalformedMessage(f"PCM payload of odd length {len(data) - off}")
            values[name] = bytes(data[off:])
        else:  # "j"
            try:
                values[name] = bytes(data[off:]).decode("utf-8")
            except UnicodeDecodeError as err:
                raise MalformedMessage(f"{cls.NAME} is not UTF-8: {err}") from err
    return values


# --- messages ----------------------------------------------------------------------------------


class Message:
    """Base of every message; subclasses are frozen dataclasses registered by type code, each with
    its LAYOUT (the firmware's letters) and FIELDS (its dataclass fields in wire order)."""

    TYPE: ClassVar[int]
    NAME: ClassVar[str]
    LAYOUT: ClassVar[str] = ""
    FIELDS: ClassVar[tuple[str, ...]] = ()
    FIT: ClassVar[tuple[str, ...]] = ()  # str8 fields shortened to fit rather than refused
    registry: ClassVar[dict[int, type[Message]]] = {}

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if "TYPE" not in cls.__dict__:
            return
        if cls.TYPE in Message.registry:
            raise TypeError(f"type code 0x{cls.TYPE:02x} registered twice")
        if len(cls.LAYOUT) != len(cls.FIELDS):
            raise TypeError(f"{cls.NAME}: LAYOUT {cls.LAYOUT!r} does not match FIELDS {cls.FIELDS}")
        Message.registry[cls.TYPE] = cls

    @property
    def flags(self) -> int:
        return 0

    def encode_payload(self) -> bytes:
        return _encode_layout(self)

    @classmethod
    def decode_payload(cls, payload: bytes, flags: int) -> Message:
        return cls(**_decode_layout(cls, payload))

    @property
    def is_control(self) -> bool:
        """Control messages jump ahead of queued audio on a link."""
        return not isinstance(self, (MicAudio, SpeechAudio))


_AUDIO_FIELDS = ("protocol_version", "codec", "sample_rate_hz", "frame_ms", "channels")


@dataclass(frozen=True)
class Hello(Message):
    TYPE: ClassVar[int] = 0x01
    NAME: ClassVar[str] = "HELLO"
    LAYOUT: ClassVar[str] = "BBHBBHssy"
    FIELDS: ClassVar[tuple[str, ...]] = (*_AUDIO_FIELDS, "capabilities", "device_id",
                                         "firmware_version", "auth")
    device_id: str
    firmware_version: str
    capabilities: int = 0
    protocol_version: int = PROTOCOL_VERSION
    codec: int = CODEC_PCM16LE
    sample_rate_hz: int = SAMPLE_RATE_HZ
    frame_ms: int = FRAME_MS
    channels: int = CHANNELS
    auth: bytes = b""


@dataclass(frozen=True)
class Welcome(Message):
    TYPE: ClassVar[int] = 0x02
    NAME: ClassVar[str] = "WELCOME"
    LAYOUT: ClassVar[str] = "BBHBBIHsy"
    FIELDS: ClassVar[tuple[str, ...]] = (*_AUDIO_FIELDS, "session_id", "host_capabilities",
                                         "host_version", "auth")
    session_id: int
    host_version: str
    host_capabilities: int = 0
    protocol_version: int = PROTOCOL_VERSION
    codec: int = CODEC_PCM16LE
    sample_rate_hz: int = SAMPLE_RATE_HZ
    frame_ms: int = FRAME_MS
    channels: int = CHANNELS
    auth: bytes = b""


@dataclass(frozen=True)
class Error(Message):
    TYPE: ClassVar[int] = 0x03
    NAME: ClassVar[str] = "ERROR"
    LAYOUT: ClassVar[str] = "Hs"
    FIELDS: ClassVar[tuple[str, ...]] = ("code", "message")
    FIT: ClassVar[tuple[str, ...]] = ("message",)
    code: int
    message: str


@dataclass(frozen=True)
class Bye(Message):
    TYPE: ClassVar[int] = 0x04
    NAME: ClassVar[str] = "BYE"
    LAYOUT: ClassVar[str] = "Bs"
    FIELDS: ClassVar[tuple[str, ...]] = ("reason", "message")
    FIT: ClassVar[tuple[str, ...]] = ("message",)
    reason: int = ByeReason.NORMAL
    message: str = ""


@dataclass(frozen=True)
class Ping(Message):
    TYPE: ClassVar[int] = 0x05
    NAME: ClassVar[str] = "PING"
    LAYOUT: ClassVar[str] = "II"
    FIELDS: ClassVar[tuple[str, ...]] = ("token", "sender_ms")
    token: int
    sender_ms: int


@dataclass(frozen=True)
class Pong(Message):
    TYPE: ClassVar[int] = 0x06
    NAME: ClassVar[str] = "PONG"
    LAYOUT: ClassVar[str] = "II"
    FIELDS: ClassVar[tuple[str, ...]] = ("token", "sender_ms")
    token: int
    sender_ms: int


@dataclass(frozen=True)
class Auth(Message):
    """The handshake (section 6): the host's nonce and proof, then the device's proof."""

    TYPE: ClassVar[int] = 0x07
    NAME: ClassVar[str] = "AUTH"
    LAYOUT: ClassVar[str] = "yy"
    FIELDS: ClassVar[tuple[str, ...]] = ("nonce", "proof")
    nonce: bytes = b""
    proof: bytes = b""


@dataclass(frozen=True)
class MicAudio(Message):
    TYPE: ClassVar[int] = 0x10
    NAME: ClassVar[str] = "MIC_AUDIO"
    LAYOUT: ClassVar[str] = "p"
    FIELDS: ClassVar[tuple[str, ...]] = ("pcm",)
    pcm: bytes


@dataclass(frozen=True)
class MicAudioPlaying(MicAudio):
    """Up, while a reply plays (when the host offered PLAYBACK_POSITION): a microphone frame and
    the downlink sample the speaker was playing as its first sample was captured (section 3.1),
    so the host lines its echo reference up with the microphone without guessing the link's lag."""

    TYPE: ClassVar[int] = 0x13
    NAME: ClassVar[str] = "MIC_AUDIO_PLAYING"
    LAYOUT: ClassVar[str] = "Ip"
    FIELDS: ClassVar[tuple[str, ...]] = ("speech_pos", "pcm")
    speech_pos: int = 0


SPEECH_POS_MODULUS = 1 << 30
"""MIC_AUDIO_PLAYING.speech_pos counts downlink samples modulo 2**30 (the firmware keeps it in a
small integer, which never allocates)."""


@dataclass(frozen=True)
class SpeechAudio(Message):
    TYPE: ClassVar[int] = 0x11
    NAME: ClassVar[str] = "SPEECH_AUDIO"
    LAYOUT: ClassVar[str] = "p"
    FIELDS: ClassVar[tuple[str, ...]] = ("pcm",)
    pcm: bytes
    end: bool = False  # the END flag, not a payload field

    @property
    def flags(self) -> int:
        return FLAG_END if self.end else 0

    @classmethod
    def decode_payload(cls, payload: bytes, flags: int) -> SpeechAudio:
        return cls(end=bool(flags & FLAG_END), **_decode_layout(cls, payload))


@dataclass(frozen=True)
class Played(Message):
    """Up: the reply whose END chunk had this seq has left the speaker."""

    TYPE: ClassVar[int] = 0x12
    NAME: ClassVar[str] = "PLAYED"
    LAYOUT: ClassVar[str] = "H"
    FIELDS: ClassVar[tuple[str, ...]] = ("seq",)
    seq: int


@dataclass(frozen=True)
class ListenStart(Message):
    TYPE: ClassVar[int] = 0x20
    NAME: ClassVar[str] = "LISTEN_START"
    LAYOUT: ClassVar[str] = "B"
    FIELDS: ClassVar[tuple[str, ...]] = ("source",)
    source: int


@dataclass(frozen=True)
class ListenStop(Message):
    TYPE: ClassVar[int] = 0x21
    NAME: ClassVar[str] = "LISTEN_STOP"
    LAYOUT: ClassVar[str] = "B"
    FIELDS: ClassVar[tuple[str, ...]] = ("source",)
    source: int


@dataclass(frozen=True)
class Interrupt(Message):
    TYPE: ClassVar[int] = 0x22
    NAME: ClassVar[str] = "INTERRUPT"
    LAYOUT: ClassVar[str] = "B"
    FIELDS: ClassVar[tuple[str, ...]] = ("source",)
    source: int


@dataclass(frozen=True)
class State(Message):
    TYPE: ClassVar[int] = 0x23
    NAME: ClassVar[str] = "STATE"
    LAYOUT: ClassVar[str] = "B"
    FIELDS: ClassVar[tuple[str, ...]] = ("state",)
    state: int


@dataclass(frozen=True)
class Volume(Message):
    TYPE: ClassVar[int] = 0x24
    NAME: ClassVar[str] = "VOLUME"
    LAYOUT: ClassVar[str] = "B"
    FIELDS: ClassVar[tuple[str, ...]] = ("level_pct",)
    level_pct: int


@dataclass(frozen=True)
class Status(Message):
    TYPE: ClassVar[int] = 0x30
    NAME: ClassVar[str] = "STATUS"
    LAYOUT: ClassVar[str] = "HBbIIIIII"
    FIELDS: ClassVar[tuple[str, ...]] = ("battery_mv", "battery_pct", "wifi_rssi_dbm",
                                         "free_heap_bytes", "peak_heap_bytes", "underruns",
                                         "overruns", "bad_frames", "uptime_ms")
    battery_mv: int = 0
    battery_pct: int = 255
    wifi_rssi_dbm: int = 0
    free_heap_bytes: int = 0
    peak_heap_bytes: int = 0
    underruns: int = 0
    overruns: int = 0
    bad_frames: int = 0
    uptime_ms: int = 0


@dataclass(frozen=True)
class ConfigGet(Message):
    """Ask the device for its configuration (answered with CONFIG; USB serial link only)."""

    TYPE: ClassVar[int] = 0x40
    NAME: ClassVar[str] = "CONFIG_GET"


@dataclass(frozen=True)
class Config(Message):
    """A configuration as a JSON object: down, fields to set; up, the device's current one."""

    TYPE: ClassVar[int] = 0x41
    NAME: ClassVar[str] = "CONFIG"
    LAYOUT: ClassVar[str] = "j"
    FIELDS: ClassVar[tuple[str, ...]] = ("json_text",)
    json_text: str


@dataclass(frozen=True)
class ConfigResult(Message):
    """The device's answer to a CONFIG it was sent: saved, or which field is wrong and why."""

    TYPE: ClassVar[int] = 0x42
    NAME: ClassVar[str] = "CONFIG_RESULT"
    LAYOUT: ClassVar[str] = "?s"
    FIELDS: ClassVar[tuple[str, ...]] = ("ok", "message")
    FIT: ClassVar[tuple[str, ...]] = ("message",)
    ok: bool
    message: str = ""


def _fit_text(text: str) -> str:
    """Shorten text so its UTF-8 fits a str8, without splitting a character."""
    raw = text.encode("utf-8")
    if len(raw) <= 255:
        return text
    return raw[:255].decode("utf-8", errors="ignore")


MESSAGE_TYPES: dict[int, type[Message]] = dict(Message.registry)


# --- frames ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """One frame with a good CRC, before its payload is interpreted."""

    version: int
    type: int
    flags: int
    seq: int
    payload: bytes


def encode_frame(message: Message, seq: int, version: int = PROTOCOL_VERSION,
                 sealer: Sealer | None = None) -> bytes:
    """Encode a message as one frame with the given sequence number (sealed with ``sealer``
    once the handshake is done)."""
    payload = message.encode_payload()
    flags = message.flags
    wire_len = len(payload) + (TAG_BYTES if sealer is not None else 0)
    if wire_len > MAX_PAYLOAD_BYTES:
        raise ProtocolError(f"{message.NAME} payload of {len(payload)} bytes exceeds the "
                            f"{MAX_PAYLOAD_BYTES}-byte maximum; split it into several frames")
    if sealer is not None:
        flags |= FLAG_SEALED
        payload = sealer.seal(_AAD.pack(version, message.TYPE, flags, seq & 0xFFFF, wire_len),
                              payload, seq & 0xFFFF)
    header = _HEADER.pack(SYNC, version, message.TYPE, flags, seq & 0xFFFF, len(payload))
    crc = zlib.crc32(header[2:] + payload)
    return header + payload + _CRC.pack(crc)


@dataclass
class DecoderStats:
    """What a decoder has seen; names match the firmware decoder's counters."""

    frames: int = 0
    skipped_bytes: int = 0
    crc_errors: int = 0
    oversized: int = 0
    version_mismatches: int = 0
    unknown_types: int = 0
    malformed: int = 0
    lost_frames: int = 0
    truncated: int = 0
    auth_failures: int = 0  # sealed frames replayed, reordered, altered or under another key
    unsealed: int = 0  # plain frames after the handshake (refused)

    @property
    def bad_frames(self) -> int:
        return self.crc_errors + self.oversized


@dataclass(frozen=True)
class VersionMismatch:
    """A frame with a good CRC in a protocol version this host does not speak."""

    version: int
    type: int
    payload: bytes


@dataclass(frozen=True)
class UnknownMessage:
    """A frame with a good CRC and a type this host does not know (skipped, counted)."""

    type: int


@dataclass
class FrameDecoder:
    """Turns a byte stream into messages, resynchronising by the next frame after bad data.

    ``feed()`` returns, in order, decoded messages and VersionMismatch events. Garbage, corrupt,
    oversized, unknown and malformed frames are counted in ``stats`` and never end the stream.
    """

    stats: DecoderStats = field(default_factory=DecoderStats)
    opener: Sealer | None = None  # set once the handshake is done: then only sealed frames
    _buffer: bytearray = field(default_factory=bytearray)
    _next_seq: int | None = None

    def feed(self, data: bytes) -> list[Message | VersionMismatch]:
        return [event for _, event in self.feed_with_seq(data)]

    def feed_with_seq(self, data: bytes) -> list[tuple[int, Message | VersionMismatch]]:
        """As feed(), each event with the seq of the frame it came in (PLAYED names one)."""
        self._buffer += data
        out: list[tuple[int, Message | VersionMismatch]] = []
        while True:
            frame = self._next_frame()
            if frame is None:
                return out
            event = self._interpret(frame)
            if event is not None:
                out.append((frame.seq, event))

    def close(self) -> None:
        """The link closed: a partial frame left in the buffer was truncated."""
        start = self._buffer.find(SYNC)
        if start >= 0:
            self.stats.truncated += 1
            self.stats.skipped_bytes += start
        else:
            self.stats.skipped_bytes += len(self._buffer)
        self._buffer.clear()

    @property
    def pending_bytes(self) -> int:
        return len(self._buffer)

    def _next_frame(self) -> Frame | None:
        buf = self._buffer
        while True:
            start = buf.find(SYNC)
            if start < 0:
                # Keep a trailing first sync byte: its partner may be in the next read.
                keep = 1 if buf.endswith(SYNC[:1]) else 0
                self.stats.skipped_bytes += len(buf) - keep
                del buf[:len(buf) - keep]
                return None
            if start:
                self.stats.skipped_bytes += start
                del buf[:start]
            if len(buf) < HEADER_BYTES:
                return None
            _, version, type_, flags, seq, length = _HEADER.unpack_from(buf, 0)
            if length > MAX_PAYLOAD_BYTES:
                self.stats.oversized += 1
                del buf[:1]
                continue
            total = HEADER_BYTES + length + CRC_BYTES
            if len(buf) < total:
                later = _complete_frame_after(buf, 1)
                if later < 0:
                    return None
                # A whole good frame starts inside this one: this one was cut short.
                self.stats.truncated += 1
                del buf[:later]
                continue
            if not _crc_ok(buf, 0, length):
                self.stats.crc_errors += 1
                del buf[:1]
                continue
            payload = bytes(buf[HEADER_BYTES:HEADER_BYTES + length])
            del buf[:total]
            return Frame(version, type_, flags, seq, payload)

    def _interpret(self, frame: Frame) -> Message | VersionMismatch | None:
        if frame.version != PROTOCOL_VERSION:
            self.stats.version_mismatches += 1
            return VersionMismatch(frame.version, frame.type, frame.payload)
        if self._next_seq is not None and frame.seq != self._next_seq:
            self.stats.lost_frames += (frame.seq - self._next_seq) & 0xFFFF
        self._next_seq = (frame.seq + 1) & 0xFFFF
        payload = frame.payload
        if frame.flags & FLAG_SEALED:
            plain = None
            if self.opener is not None:
                plain = self.opener.open(_AAD.pack(frame.version, frame.type, frame.flags,
                                                   frame.seq, len(payload)), payload, frame.seq)
            if plain is None:
                self.stats.auth_failures += 1
                return None
            payload = plain
        elif self.opener is not None:
            self.stats.unsealed += 1
            return None
        cls = MESSAGE_TYPES.get(frame.type)
        if cls is None:
            self.stats.unknown_types += 1
            return None
        try:
            message = cls.decode_payload(payload, frame.flags)
        except MalformedMessage:
            self.stats.malformed += 1
            return None
        self.stats.frames += 1
        return message


def _crc_ok(buf: bytearray, start: int, length: int) -> bool:
    (crc,) = _CRC.unpack_from(buf, start + HEADER_BYTES + length)
    return zlib.crc32(memoryview(buf)[start + 2:start + HEADER_BYTES + length]) == crc


def _complete_frame_after(buf: bytearray, start: int) -> int:
    """Offset of the first complete frame with a good CRC at or after ``start``, or -1."""
    pos = buf.find(SYNC, start)
    while pos >= 0 and pos + HEADER_BYTES <= len(buf):
        (length,) = struct.unpack_from("<H", buf, pos + 7)
        if length <= MAX_PAYLOAD_BYTES and pos + HEADER_BYTES + length + CRC_BYTES <= len(buf) \
                and _crc_ok(buf, pos, length):
            return pos
        pos = buf.find(SYNC, pos + 1)
    return -1


class FrameEncoder:
    """Numbers outgoing frames: one per link direction; seals them once ``sealer`` is set."""

    def __init__(self) -> None:
        self._seq = 0
        self.sealer: Sealer | None = None

    @property
    def next_seq(self) -> int:
        return self._seq

    def encode(self, message: Message) -> bytes:
        frame = encode_frame(message, self._seq, sealer=self.sealer)
        self._seq = (self._seq + 1) & 0xFFFF
        return frame
