"""IMA ADPCM (4 bits per sample, 4:1) for the audio frames: the encoder and decoder in viper.

A 20 ms frame of 320 samples (640 bytes of PCM) becomes a 164-byte payload: predictor (int16
LE), step index (u8), a reserved zero byte, then 160 bytes of 4-bit codes, the first sample in
the low nibble (docs/firmware.md, "IMA ADPCM"); a short last chunk is padded to a multiple of 4
samples, so a payload is always an even number of bytes, like the PCM it replaces. With framing that is ~8.9 kB/s per direction,
which fits USB serial at 115200 baud (11.5 kB/s). The encoder's (predictor, index) carries from
frame to frame; every frame's header lets the decoder start anywhere, so a lost frame costs
only itself. No allocation per frame: the state is 4 preallocated bytes (the next header).
Golden vectors: tests/vectors/adpcm/ (shared with host/earpiece_host/adpcm.py).
"""
import micropython
from micropython import const

HEADER_BYTES = const(4)
FRAME_PAYLOAD_BYTES = const(164)  # a 320-sample frame

# step sizes (uint16 LE) and index changes per 3-bit magnitude (+1, so they fit a byte)
_STEPS = (b"\x07\x00\x08\x00\x09\x00\x0a\x00\x0b\x00\x0c\x00\x0d\x00\x0e\x00\x10\x00\x11\x00"
          b"\x13\x00\x15\x00\x17\x00\x19\x00\x1c\x00\x1f\x00\x22\x00\x25\x00\x29\x00\x2d\x00"
          b"\x32\x00\x37\x00\x3c\x00\x42\x00\x49\x00\x50\x00\x58\x00\x61\x00\x6b\x00\x76\x00"
          b"\x82\x00\x8f\x00\x9d\x00\xad\x00\xbe\x00\xd1\x00\xe6\x00\xfd\x00\x17\x01\x33\x01"
          b"\x51\x01\x73\x01\x98\x01\xc1\x01\xee\x01\x20\x02\x56\x02\x92\x02\xd4\x02\x1c\x03"
          b"\x6c\x03\xc3\x03\x24\x04\x8e\x04\x02\x05\x83\x05\x10\x06\xab\x06\x56\x07\x12\x08"
          b"\xe0\x08\xc3\x09\xbd\x0a\xd0\x0b\xff\x0c\x4c\x0e\xba\x0f\x4c\x11\x07\x13\xee\x14"
          b"\x06\x17\x54\x19\xdc\x1b\xa5\x1e\xb6\x21\x15\x25\xca\x28\xdf\x2c\x5b\x31\x4b\x36"
          b"\xb9\x3b\xb2\x41\x44\x48\x7e\x4f\x71\x57\x2f\x60\xce\x69\x62\x74\xff\x7f")
_ADJUST = b"\x00\x00\x00\x00\x03\x05\x07\x09"


@micropython.viper
def _encode_viper(dst: ptr8, dst_off: int, src: ptr16, n: int, state: ptr8, steps: ptr16,
            adjust: ptr8) -> int:
    """n samples of src -> header + codes at dst[dst_off:]; state = header of the next frame."""
    pred = int(state[0]) | (int(state[1]) << 8)
    if pred & 0x8000:
        pred -= 0x10000
    index = int(state[2])
    dst[dst_off] = state[0]
    dst[dst_off + 1] = state[1]
    dst[dst_off + 2] = index
    dst[dst_off + 3] = 0
    out = dst_off + 4
    i = 0
    last = 0
    while i < n or (i & 3):
        if i < n:
            s = int(src[i])
            if s & 0x8000:
                s -= 0x10000
            last = s
        else:
            s = last  # pad to a multiple of 4 samples with the last one
        diff = s - pred
        code = 0
        if diff < 0:
            code = 8
            diff = 0 - diff
        step = int(steps[index])
        vp = step >> 3
        if diff >= step:
            code |= 4
            diff -= step
            vp += step
        step >>= 1
        if diff >= step:
            code |= 2
            diff -= step
            vp += step
        step >>= 1
        if diff >= step:
            code |= 1
            vp += step
        if code & 8:
            pred -= vp
            if pred < -32768:
                pred = -32768
        else:
            pred += vp
            if pred > 32767:
                pred = 32767
        index += int(adjust[code & 7]) - 1
        if index < 0:
            index = 0
        elif index > 88:
            index = 88
        if i & 1:
            dst[out] = int(dst[out]) | (code << 4)
            out += 1
        else:
            dst[out] = code
        i += 1
    state[0] = pred & 0xFF
    state[1] = (pred >> 8) & 0xFF
    state[2] = index
    return out - dst_off


@micropython.viper
def _decode_viper(dst: ptr16, src: ptr8, src_off: int, n_bytes: int, steps: ptr16,
            adjust: ptr8) -> int:
    """A payload of n_bytes at src[src_off:] -> samples into dst; returns the sample count."""
    pred = int(src[src_off]) | (int(src[src_off + 1]) << 8)
    if pred & 0x8000:
        pred -= 0x10000
    index = int(src[src_off + 2])
    if index > 88:
        index = 88  # a corrupt header plays noise, never reads past the table
    j = src_off + 4
    end = src_off + n_bytes
    k = 0
    while j < end:
        b = int(src[j])
        half = 0
        while half < 2:
            code = b & 0x0F if half == 0 else b >> 4
            step = int(steps[index])
            vp = step >> 3
            if code & 4:
                vp += step
            if code & 2:
                vp += step >> 1
            if code & 1:
                vp += step >> 2
            if code & 8:
                pred -= vp
                if pred < -32768:
                    pred = -32768
            else:
                pred += vp
                if pred > 32767:
                    pred = 32767
            index += int(adjust[code & 7]) - 1
            if index < 0:
                index = 0
            elif index > 88:
                index = 88
            dst[k] = pred & 0xFFFF
            k += 1
            half += 1
        j += 1
    return k


# Type checkers read viper's ptr annotations as ints: callers are checked against these.
TYPE_CHECKING = False
if TYPE_CHECKING:
    def _encode(dst, dst_off: int, src, n: int, state, steps, adjust) -> int: ...

    def _decode(dst, src, src_off: int, n_bytes: int, steps, adjust) -> int: ...
else:
    _encode = _encode_viper
    _decode = _decode_viper


def payload_bytes(n_samples: int) -> int:
    """Payload size for n samples (padded to a multiple of 4: always an even size)."""
    return HEADER_BYTES + 2 * ((n_samples + 3) // 4)


def samples_in(n_bytes: int) -> int:
    """Samples a payload of n_bytes decodes to (0 for a payload shorter than its header)."""
    return 2 * (n_bytes - HEADER_BYTES) if n_bytes > HEADER_BYTES else 0


class Encoder:
    """One direction's encoder: its (predictor, index) carries from frame to frame."""

    def __init__(self) -> None:
        self.state = bytearray(HEADER_BYTES)

    def reset(self) -> None:
        """A new link: start from silence."""
        st = self.state
        st[0] = 0
        st[1] = 0
        st[2] = 0

    def encode(self, dst, dst_off: int, pcm, n_samples: int) -> int:
        """n_samples of 16-bit PCM -> one payload at dst[dst_off:]; returns its bytes."""
        return _encode(dst, dst_off, pcm, n_samples, self.state, _STEPS, _ADJUST)


def decode(dst, src, src_off: int, n_bytes: int) -> int:
    """One payload (n_bytes at src[src_off:]) -> 16-bit PCM in dst; returns the samples.
    dst must hold samples_in(n_bytes) samples (the caller checks the payload length)."""
    if n_bytes <= HEADER_BYTES:
        return 0
    return _decode(dst, src, src_off, n_bytes, _STEPS, _ADJUST)


