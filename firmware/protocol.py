"""Firmware codec of the earpiece wire protocol, version 2 (docs/protocol.md).

Frames are built in one preallocated tx buffer and parsed in one preallocated rx buffer; the
views handed out for the common audio length are cached, and the CRC and the seal (secure.py)
work in place, so the steady audio path allocates nothing. Control messages (rare) may allocate
small strings.
"""
from micropython import const

from bufops import crc32_ok, crc32_put, move

VERSION = const(2)
HEADER_BYTES = const(9)
TRAILER_BYTES = const(4)
MAX_PAYLOAD_BYTES = const(2048)
MAX_FRAME_BYTES = const(2061)
FLAG_END = const(0x01)
FLAG_SEALED = const(0x02)
TAG_BYTES = const(8)
_SYNC0 = const(0xA5)
_SYNC1 = const(0x5A)
_SYNC = b"\xa5\x5a"

HELLO = const(0x01)
WELCOME = const(0x02)
ERROR = const(0x03)
BYE = const(0x04)
PING = const(0x05)
PONG = const(0x06)
AUTH = const(0x07)
MIC_AUDIO = const(0x10)
SPEECH_AUDIO = const(0x11)
PLAYED = const(0x12)
MIC_AUDIO_PLAYING = const(0x13)
LISTEN_START = const(0x20)
LISTEN_STOP = const(0x21)
INTERRUPT = const(0x22)
STATE = const(0x23)
VOLUME = const(0x24)
STATUS = const(0x30)
CONFIG_GET = const(0x40)
CONFIG = const(0x41)
CONFIG_RESULT = const(0x42)

# codec codes are powers of two: HELLO.codec is the sum of those the device offers, WELCOME.codec
# the one the host chose (docs/protocol.md section 4.1)
CODEC_PCM16 = const(1)
CODEC_IMA_ADPCM = const(2)
CODECS_OFFERED = const(3)  # PCM16 and IMA ADPCM
SAMPLE_RATE_HZ = const(16000)
FRAME_MS = const(20)
CHANNELS = const(1)
FRAME_BYTES = const(640)

SOURCE_BUTTON = const(1)
SOURCE_VOICE = const(2)
SOURCE_HOST = const(3)
SOURCE_TIMEOUT = const(4)

BYE_NORMAL = const(0)
BYE_SHUTDOWN = const(1)
BYE_ERROR = const(2)
BYE_REPLACED = const(3)

ERR_NOT_PAIRED = const(3)
ERR_UNSUPPORTED_AUDIO = const(4)
ERR_INTERNAL = const(7)
ERR_NOT_ON_THIS_LINK = const(8)

# Payload layouts: B u8, b i8, ? u8 as a bool, H u16, I u32, s str8, y bytes8,
# p pcm (rest of payload), j UTF-8 text (rest of payload; CONFIG's JSON).
# One table drives validation, field decoding and generic encoding, so a message is defined once.
SPEC = {
    HELLO: ("HELLO", "BBHBBHssy", ("protocol_version", "codec", "sample_rate_hz", "frame_ms",
                                   "channels", "capabilities", "device_id", "firmware_version",
                                   "auth")),
    WELCOME: ("WELCOME", "BBHBBIHsy", ("protocol_version", "codec", "sample_rate_hz", "frame_ms",
                                       "channels", "session_id", "host_capabilities",
                                       "host_version", "auth")),
    ERROR: ("ERROR", "Hs", ("code", "message")),
    BYE: ("BYE", "Bs", ("reason", "message")),
    PING: ("PING", "II", ("token", "sender_ms")),
    PONG: ("PONG", "II", ("token", "sender_ms")),
    AUTH: ("AUTH", "yy", ("nonce", "proof")),
    MIC_AUDIO: ("MIC_AUDIO", "p", ("pcm",)),
    SPEECH_AUDIO: ("SPEECH_AUDIO", "p", ("pcm",)),
    PLAYED: ("PLAYED", "H", ("seq",)),
    MIC_AUDIO_PLAYING: ("MIC_AUDIO_PLAYING", "Ip", ("speech_pos", "pcm")),
    LISTEN_START: ("LISTEN_START", "B", ("source",)),
    LISTEN_STOP: ("LISTEN_STOP", "B", ("source",)),
    INTERRUPT: ("INTERRUPT", "B", ("source",)),
    STATE: ("STATE", "B", ("state",)),
    VOLUME: ("VOLUME", "B", ("level_pct",)),
    STATUS: ("STATUS", "HBbIIIIII", ("battery_mv", "battery_pct", "wifi_rssi_dbm",
                                     "free_heap_bytes", "peak_heap_bytes", "underruns",
                                     "overruns", "bad_frames", "uptime_ms")),
    CONFIG_GET: ("CONFIG_GET", "", ()),
    CONFIG: ("CONFIG", "j", ("json_text",)),
    CONFIG_RESULT: ("CONFIG_RESULT", "?s", ("ok", "message")),
}

_FIXED_BYTES = {"B": 1, "b": 1, "?": 1, "H": 2, "I": 4}


class ProtocolError(ValueError):
    """A message that cannot be encoded (a string longer than 255 bytes, a payload too large)."""


class _ViewCache:
    """A view of buf[start:start+n], rebuilt only when n changes."""

    def __init__(self, mv: memoryview, start: int) -> None:
        self._mv = mv
        self._start = start
        self.length = -1
        self.view = mv[start:start]

    def get(self, n: int) -> memoryview:
        if n != self.length:
            self.view = self._mv[self._start:self._start + n]
            self.length = n
        return self.view


class Encoder:
    """Builds one frame at a time in a preallocated tx buffer; the returned view is valid until
    the next encode. seq starts at 0 per connection (call reset()). Once the handshake sets
    `sealer` (a secure.Sealer), every frame is sealed (section 6)."""

    def __init__(self, buf=None) -> None:
        """buf: MAX_FRAME_BYTES of memory the entry point allocated early (else allocated)."""
        self.buf = buf if buf is not None else bytearray(MAX_FRAME_BYTES)
        mv = memoryview(self.buf)
        self._views = _ViewCache(mv, 0)
        self._audio = _ViewCache(mv, 0)
        self._audio.get(FRAME_BYTES + HEADER_BYTES + TRAILER_BYTES + TAG_BYTES)
        self.seq = 0
        self.frame_bytes = 0
        self.sealer = None

    def reset(self) -> None:
        self.seq = 0
        self.sealer = None

    def finish(self, type_code: int, flags: int, n: int) -> memoryview:
        """Write header, seal (once the handshake is done) and CRC around the n payload bytes
        already at buf[9:9+n]."""
        sealer = self.sealer
        wire_n = n if sealer is None else n + TAG_BYTES
        if wire_n > MAX_PAYLOAD_BYTES:
            raise ProtocolError("payload too large")
        b = self.buf
        b[0] = _SYNC0
        b[1] = _SYNC1
        b[2] = VERSION
        b[3] = type_code
        b[4] = (flags & 0xFF) if sealer is None else ((flags & 0xFF) | FLAG_SEALED)
        s = self.seq
        b[5] = s & 0xFF
        b[6] = (s >> 8) & 0xFF
        b[7] = wire_n & 0xFF
        b[8] = wire_n >> 8
        self.seq = (s + 1) & 0xFFFF
        if sealer is not None:
            sealer.seal(b, 2, HEADER_BYTES, n, s)
        i = HEADER_BYTES + wire_n
        crc32_put(b, 2, HEADER_BYTES - 2 + wire_n, b, i)
        total = wire_n + HEADER_BYTES + TRAILER_BYTES
        self.frame_bytes = total
        if total == self._audio.length:
            return self._audio.view
        return self._views.get(total)

    def encode(self, type_code: int, values: tuple, flags: int = 0) -> memoryview:
        """Generic encoder over SPEC; used for control messages (it may allocate)."""
        fmt = SPEC[type_code][1]
        b = self.buf
        off = HEADER_BYTES
        for i in range(len(fmt)):
            c = fmt[i]
            v = values[i]
            if c == "B" or c == "b":
                b[off] = v & 0xFF
                off += 1
            elif c == "?":
                b[off] = 1 if v else 0
                off += 1
            elif c == "H":
                b[off] = v & 0xFF
                b[off + 1] = (v >> 8) & 0xFF
                off += 2
            elif c == "I":
                b[off] = v & 0xFF
                b[off + 1] = (v >> 8) & 0xFF
                b[off + 2] = (v >> 16) & 0xFF
                b[off + 3] = (v >> 24) & 0xFF
                off += 4
            elif c == "s" or c == "y":
                data = v.encode() if isinstance(v, str) else v
                n = len(data)
                if n > 255:
                    raise ProtocolError("string longer than 255 bytes")
                b[off] = n
                b[off + 1:off + 1 + n] = data
                off += 1 + n
            elif c == "j":
                data = v.encode() if isinstance(v, str) else v
                n = len(data)
                if n + off - HEADER_BYTES > MAX_PAYLOAD_BYTES:
                    raise ProtocolError("text longer than one frame's payload")
                b[off:off + n] = data
                off += n
            else:  # "p"
                n = len(v)
                if n + off - HEADER_BYTES > MAX_PAYLOAD_BYTES or n & 1:
                    raise ProtocolError("pcm payload too large or odd")
                b[off:off + n] = v
                off += n
        return self.finish(type_code, flags, off - HEADER_BYTES)

    def audio(self, type_code: int, pcm, n: int, flags: int = 0) -> memoryview:
        """MIC_AUDIO / SPEECH_AUDIO from the first n bytes of pcm, without allocating."""
        if n > MAX_PAYLOAD_BYTES or n & 1:
            raise ProtocolError("pcm payload too large or odd")
        move(self.buf, HEADER_BYTES, pcm, 0, n)
        return self.finish(type_code, flags, n)

    def put_u32(self, value: int) -> None:
        """A leading u32 field (MIC_AUDIO_PLAYING's speech_pos) at the payload's start; the
        audio follows at HEADER_BYTES + 4."""
        b = self.buf
        b[HEADER_BYTES] = value & 0xFF
        b[HEADER_BYTES + 1] = (value >> 8) & 0xFF
        b[HEADER_BYTES + 2] = (value >> 16) & 0xFF
        b[HEADER_BYTES + 3] = (value >> 24) & 0xFF

    def audio_at(self, type_code: int, pcm, n: int, off: int) -> memoryview:
        """An audio message whose pcm starts off bytes into the payload (after fields already
        put), without allocating."""
        if n + off > MAX_PAYLOAD_BYTES or n & 1:
            raise ProtocolError("pcm payload too large or odd")
        move(self.buf, HEADER_BYTES + off, pcm, 0, n)
        return self.finish(type_code, 0, n + off)

    def small(self, type_code: int, value: int) -> memoryview:
        """One-byte messages (LISTEN_*, INTERRUPT, STATE, VOLUME) without allocating."""
        self.buf[HEADER_BYTES] = value & 0xFF
        return self.finish(type_code, 0, 1)


# Per-message encoders for what the firmware sends with fields (the rest goes through
# Encoder.audio, Encoder.small and Encoder.encode, which any message can use).


def encode_hello(enc: Encoder, device_id: str, firmware_version: str, capabilities: int,
                 auth: bytes = b"", protocol_version: int = VERSION, codec: int = CODECS_OFFERED,
                 sample_rate_hz: int = SAMPLE_RATE_HZ, frame_ms: int = FRAME_MS,
                 channels: int = CHANNELS, flags: int = 0) -> memoryview:
    return enc.encode(HELLO, (protocol_version, codec, sample_rate_hz, frame_ms, channels,
                              capabilities, device_id, firmware_version, auth), flags)


def encode_error(enc: Encoder, code: int, message: str, flags: int = 0) -> memoryview:
    return enc.encode(ERROR, (code, message), flags)


def encode_bye(enc: Encoder, reason: int, message: str, flags: int = 0) -> memoryview:
    return enc.encode(BYE, (reason, message), flags)


def encode_ping(enc: Encoder, token: int, sender_ms: int, flags: int = 0) -> memoryview:
    return enc.encode(PING, (token, sender_ms), flags)


def encode_auth(enc: Encoder, nonce: bytes, proof: bytes, flags: int = 0) -> memoryview:
    return enc.encode(AUTH, (nonce, proof), flags)


def encode_status(enc: Encoder, battery_mv: int, battery_pct: int, wifi_rssi_dbm: int,
                  free_heap_bytes: int, peak_heap_bytes: int, underruns: int, overruns: int,
                  bad_frames: int, uptime_ms: int, flags: int = 0) -> memoryview:
    return enc.encode(STATUS, (battery_mv, battery_pct, wifi_rssi_dbm, free_heap_bytes,
                               peak_heap_bytes, underruns, overruns, bad_frames, uptime_ms), flags)


def encode_config(enc: Encoder, json_text: str, flags: int = 0) -> memoryview:
    return enc.encode(CONFIG, (json_text,), flags)


def encode_config_result(enc: Encoder, ok: bool, message: str, flags: int = 0) -> memoryview:
    return enc.encode(CONFIG_RESULT, (ok, message), flags)


def fit_str8(text: str) -> str:
    """Shorten text so its UTF-8 fits a str8 (255 bytes) without splitting a character."""
    raw = text.encode()
    if len(raw) <= 255:
        return text
    n = 255
    while n > 0 and (raw[n] & 0xC0) == 0x80:
        n -= 1
    return str(raw[:n], "utf-8")


def _u16(b, i: int) -> int:
    return b[i] | (b[i + 1] << 8)


def _u32(b, i: int) -> int:
    return b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)


def payload_ok(type_code: int, b, off: int, n: int) -> bool:
    """Structural check of a known message's payload b[off:off+n] (section 2)."""
    fmt = SPEC[type_code][1]
    if fmt == "p":
        return not (n & 1)
    if fmt == "j":
        return _utf8_ok(b, off, off + n)
    end = off + n
    for i in range(len(fmt)):
        c = fmt[i]
        if c == "s" or c == "y":
            if off >= end:
                return False
            k = b[off]
            if off + 1 + k > end:
                return False
            if c == "s" and not _utf8_ok(b, off + 1, off + 1 + k):
                return False
            off += 1 + k
        elif c == "p":
            return not ((end - off) & 1)
        else:
            off += _FIXED_BYTES[c]
            if off > end:
                return False
    return True


def _utf8_ok(b, start: int, end: int) -> bool:
    try:
        str(bytes(b[start:end]), "utf-8")
    except UnicodeError:
        return False
    return True


def decode_fields(type_code: int, payload) -> dict:
    """All fields of a (valid) payload by their protocol.md names; str8 -> str, bytes8/pcm -> bytes."""
    fmt = SPEC[type_code][1]
    names = SPEC[type_code][2]
    out = {}
    off = 0
    for i in range(len(fmt)):
        c = fmt[i]
        if c == "B":
            v = payload[off]
            off += 1
        elif c == "?":
            v = payload[off] != 0
            off += 1
        elif c == "b":
            v = payload[off]
            if v > 127:
                v -= 256
            off += 1
        elif c == "H":
            v = _u16(payload, off)
            off += 2
        elif c == "I":
            v = _u32(payload, off)
            off += 4
        elif c == "s" or c == "y":
            k = payload[off]
            v = bytes(payload[off + 1:off + 1 + k])
            if c == "s":
                v = str(v, "utf-8")
            off += 1 + k
        elif c == "j":
            v = str(bytes(payload[off:]), "utf-8")
        else:
            v = bytes(payload[off:])
        out[names[i]] = v
    return out


class Decoder:
    """Streaming frame decoder with resynchronisation exactly as in section 1.1.

    feed() bytes in, then call next() until it returns 0. A delivered frame sits at offset 0 of
    buf, its fields in type/flags/seq/length and its payload in `payload` (a view valid until the
    next call to next()).
    """

    def __init__(self, capacity_bytes: int = 2 * MAX_FRAME_BYTES, buf=None) -> None:
        if buf is not None:
            capacity_bytes = len(buf)
        if capacity_bytes < 2 * MAX_FRAME_BYTES:
            capacity_bytes = 2 * MAX_FRAME_BYTES
        self.buf = buf if buf is not None and len(buf) >= capacity_bytes else bytearray(
            capacity_bytes)
        self.capacity_bytes = capacity_bytes
        mv = memoryview(self.buf)
        self._views = _ViewCache(mv, HEADER_BYTES)
        self._audio = _ViewCache(mv, HEADER_BYTES)
        self._audio.get(FRAME_BYTES)
        self.opener = None  # a secure.Sealer once the handshake is done: then only sealed frames
        self.fill = 0
        self._consumed = 0
        self._expect_seq = -1
        self.type = 0
        self.flags = 0
        self.seq = 0
        self.length = 0
        self.version = VERSION
        self.payload = self._views.view
        self.skipped_bytes = 0
        self.bad_frames = 0
        self.crc_errors = 0
        self.oversized = 0
        self.unknown_types = 0
        self.version_mismatches = 0
        self.malformed = 0
        self.lost_frames = 0
        self.truncated = 0
        self.frames = 0
        self.auth_failures = 0  # sealed frames that were replayed, reordered, altered or foreign
        self.unsealed = 0       # plain frames after the handshake (refused)

    def reset(self) -> None:
        """Forget buffered bytes, sequence tracking and the session's keys (a new connection);
        counters stay."""
        self.fill = 0
        self._consumed = 0
        self._expect_seq = -1
        self.opener = None

    def space(self) -> int:
        return self.capacity_bytes - self.fill + self._consumed

    def feed(self, src, n: int) -> int:
        """Copy up to n bytes of src into the buffer; returns how many fit."""
        self._drop_consumed()
        room = self.capacity_bytes - self.fill
        if n > room:
            n = room
        move(self.buf, self.fill, src, 0, n)
        self.fill += n
        return n

    def wanted(self) -> int:
        """Bytes that the frame now being received still needs (at least 1).

        For links whose readinto waits for the whole count (the USB console): reading exactly
        this many never waits for bytes the sender is not already sending.
        """
        self._drop_consumed()
        fill = self.fill
        if fill < HEADER_BYTES:
            return HEADER_BYTES - fill
        n = self.buf[7] | (self.buf[8] << 8)
        want = HEADER_BYTES + n + TRAILER_BYTES - fill
        room = self.capacity_bytes - fill
        if want > room:
            want = room
        return want if want > 0 else 1

    def close(self) -> None:
        """The link closed: a started but incomplete frame is counted as truncated."""
        self._drop_consumed()
        fill = self.fill
        if fill:
            i = self.buf.find(_SYNC, 0, fill)
            if i >= 0:
                self.truncated += 1
                self.skipped_bytes += i
            else:
                self.skipped_bytes += fill
        self.fill = 0
        self._expect_seq = -1

    def _drop(self, n: int) -> None:
        left = self.fill - n
        if left > 0:
            move(self.buf, 0, self.buf, n, left)
        else:
            left = 0
        self.fill = left

    def _drop_consumed(self) -> None:
        if self._consumed:
            self._drop(self._consumed)
            self._consumed = 0

    def _crc_ok(self, pos: int, n: int) -> bool:
        b = self.buf
        return crc32_ok(b, pos + 2, HEADER_BYTES - 2 + n, b, pos + HEADER_BYTES + n)

    def _complete_frame_after(self, start: int) -> int:
        """Offset of the first whole good frame at or after start, or -1."""
        b = self.buf
        fill = self.fill
        pos = b.find(_SYNC, start, fill)
        while pos >= 0 and pos + HEADER_BYTES <= fill:
            n = b[pos + 7] | (b[pos + 8] << 8)
            if (n <= MAX_PAYLOAD_BYTES and pos + HEADER_BYTES + n + TRAILER_BYTES <= fill
                    and self._crc_ok(pos, n)):
                return pos
            pos = b.find(_SYNC, pos + 1, fill)
        return -1

    def next(self) -> int:
        """Type code of the next good frame, or 0 when more bytes are needed."""
        self._drop_consumed()
        b = self.buf
        while True:
            fill = self.fill
            if fill == 0:
                return 0
            if b[0] != _SYNC0 or (fill > 1 and b[1] != _SYNC1):
                i = b.find(_SYNC, 1, fill)
                if i < 0:
                    # keep a trailing first sync byte: its partner may be in the next read
                    i = fill - 1 if b[fill - 1] == _SYNC0 else fill
                self.skipped_bytes += i
                self._drop(i)
                continue
            if fill < HEADER_BYTES:
                return 0
            n = b[7] | (b[8] << 8)
            if n > MAX_PAYLOAD_BYTES:
                self.oversized += 1
                self.bad_frames += 1
                self._drop(1)
                continue
            total = HEADER_BYTES + n + TRAILER_BYTES
            if fill < total:
                later = self._complete_frame_after(1)
                if later < 0:
                    return 0
                # a whole good frame starts inside this one: this one was cut short
                self.truncated += 1
                self._drop(later)
                continue
            if not self._crc_ok(0, n):
                self.crc_errors += 1
                self.bad_frames += 1
                self._drop(1)
                continue
            self._consumed = total
            if b[2] != VERSION:
                self.version = b[2]
                self.version_mismatches += 1
                self._drop_consumed()
                continue
            seq = b[5] | (b[6] << 8)
            if self._expect_seq >= 0 and seq != self._expect_seq:
                self.lost_frames += (seq - self._expect_seq) & 0xFFFF
            self._expect_seq = (seq + 1) & 0xFFFF
            flags = b[4]
            opener = self.opener
            if flags & FLAG_SEALED:
                n = -1 if opener is None else opener.open(b, 2, HEADER_BYTES, n, seq)
                if n < 0:
                    self.auth_failures += 1
                    self._drop_consumed()
                    continue
            elif opener is not None:
                self.unsealed += 1
                self._drop_consumed()
                continue
            t = b[3]
            if t not in SPEC:
                self.unknown_types += 1
                self._drop_consumed()
                continue
            if not payload_ok(t, b, HEADER_BYTES, n):
                self.malformed += 1
                self._drop_consumed()
                continue
            self.type = t
            self.flags = flags
            self.seq = seq
            self.length = n
            self.payload = self._audio.view if n == FRAME_BYTES else self._views.get(n)
            self.frames += 1
            return t

    def counters(self) -> dict:
        return {
            "skipped_bytes": self.skipped_bytes, "bad_frames": self.bad_frames,
            "crc_errors": self.crc_errors, "oversized": self.oversized,
            "unknown_types": self.unknown_types, "version_mismatches": self.version_mismatches,
            "malformed": self.malformed, "lost_frames": self.lost_frames,
            "truncated": self.truncated, "auth_failures": self.auth_failures,
            "unsealed": self.unsealed,
        }
