"""Allocation-free buffer primitives for the audio and link paths.

Slicing a memoryview allocates a new view object in MicroPython, so the codec and the audio
ring move bytes with these small viper routines instead: steady state then allocates nothing.
"""
import micropython

@micropython.viper
def _move(dst: ptr8, dst_off: int, src: ptr8, src_off: int, n: int):
    """memmove: copy n bytes src[src_off:] -> dst[dst_off:]; safe when both are the same buffer."""
    if dst_off <= src_off:
        i = 0
        while i < n:
            dst[dst_off + i] = src[src_off + i]
            i += 1
    else:
        i = n - 1
        while i >= 0:
            dst[dst_off + i] = src[src_off + i]
            i -= 1


@micropython.viper
def _scale16(buf: ptr16, n_samples: int, gain_q15: int):
    """Multiply n_samples signed 16-bit samples in place by gain_q15/32768, clipping to int16."""
    i = 0
    while i < n_samples:
        s = int(buf[i])
        if s & 0x8000:
            s -= 0x10000
        v = (s * gain_q15) >> 15
        if v > 32767:
            v = 32767
        elif v < -32768:
            v = -32768
        buf[i] = v & 0xFFFF
        i += 1


@micropython.viper
def _pack32to16(dst: ptr16, src: ptr32, n_samples: int):
    """Keep the top 16 bits of each 32-bit I2S slot (INMP441: 24-bit data left-aligned)."""
    i = 0
    while i < n_samples:
        dst[i] = (int(src[i]) >> 16) & 0xFFFF
        i += 1


@micropython.viper
def _swap_pairs16(buf: ptr16, n_samples: int):
    """Swap each pair of 16-bit samples in place: the original ESP32's I2S sends 16-bit mono in
    swapped pairs (an ESP-IDF limitation), so swapping first plays them in order."""
    i = 0
    while i + 1 < n_samples:
        a = buf[i]
        buf[i] = buf[i + 1]
        buf[i + 1] = a
        i += 2


# Type checkers read viper's ptr8/ptr16/ptr32 annotations literally (as ints), so callers are
# checked against these plain signatures; at run time the names are the viper routines.
TYPE_CHECKING = False
if TYPE_CHECKING:
    def move(dst, dst_off: int, src, src_off: int, n: int) -> None: ...

    def scale16(buf, n_samples: int, gain_q15: int) -> None: ...

    def pack32to16(dst, src, n_samples: int) -> None: ...

    def swap_pairs16(buf, n_samples: int) -> None: ...
else:
    move = _move
    scale16 = _scale16
    pack32to16 = _pack32to16
    swap_pairs16 = _swap_pairs16
