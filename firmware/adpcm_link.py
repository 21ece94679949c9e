"""The audio of one link in IMA ADPCM, once HELLO/WELCOME have chosen it: the microphone's encoder
(its state carried from frame to frame) and the speech decoder, between the app and
protocol.Encoder / audio.Player. Loaded only when the codec is chosen; no allocation per frame.

A MIC_AUDIO payload is one 20 ms frame, 164 bytes. A SPEECH_AUDIO payload is at most one frame
too (164 bytes, 320 samples), an even number of bytes, so it decodes into one 640-byte buffer;
anything else cannot be ADPCM and is dropped and counted (docs/firmware.md, "IMA ADPCM").
"""
from micropython import const

import adpcm
import protocol as P

MAX_SPEECH_PAYLOAD_BYTES = const(164)


class AdpcmLink:
    def __init__(self) -> None:
        self.mic = adpcm.Encoder()
        self.pcm = bytearray(640)  # one decoded speech frame
        self.bad_speech = 0

    def reset(self) -> None:
        """A new session: the microphone's encoder starts from silence."""
        self.mic.reset()

    def mic_frame(self, enc, pcm, n_bytes: int, flags: int = 0, type_code: int = P.MIC_AUDIO,
                  off: int = 0):
        """Encode n_bytes of mic PCM straight into enc's payload (off bytes in, after fields
        already put) and finish the frame; returns what enc.finish returns (the frame is
        enc.buf[:enc.frame_bytes])."""
        k = self.mic.encode(enc.buf, P.HEADER_BYTES + off, pcm, n_bytes >> 1)
        return enc.finish(type_code, flags, k + off)

    def speech(self, payload, n_bytes: int) -> int:
        """Decode a SPEECH_AUDIO payload into self.pcm: its PCM bytes, 0 for an empty payload
        (END alone), or -1 for one that cannot be an ADPCM frame (counted in bad_speech)."""
        if n_bytes == 0:
            return 0
        if (n_bytes <= adpcm.HEADER_BYTES or n_bytes > MAX_SPEECH_PAYLOAD_BYTES
                or n_bytes & 1):
            self.bad_speech += 1
            return -1
        return 2 * adpcm.decode(self.pcm, payload, 0, n_bytes)
