"""The audio codec of one link: chosen at WELCOME from what the device's HELLO offers
(docs/protocol.md section 4.1), then applied to every audio frame of the session.

The voice loop and everything above the session see only 16-bit PCM: the session decodes
MIC_AUDIO payloads here before handing them on, and the link's writer encodes each 20 ms
SPEECH_AUDIO chunk just before it goes out, so the pacing still counts the PCM it was given
(20 ms a frame whatever the payload size). With IMA ADPCM each direction has one encoder whose
state starts at the WELCOME (a new `LinkAudio` per session); the decoder needs none.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from . import adpcm, protocol as p

#: the codecs by the names `[voice] codec` and `earpiece serve --codec` take
CODEC_NAMES = {"adpcm": p.CODEC_IMA_ADPCM, "pcm16": p.CODEC_PCM16LE}
#: what this host can speak, best first: IMA ADPCM fits a 115200-baud USB console and cuts Wi-Fi airtime
SUPPORTED = (p.CODEC_IMA_ADPCM, p.CODEC_PCM16LE)


def codec_name(codec: int) -> str:
    return next((name for name, code in CODEC_NAMES.items() if code == codec), f"codec {codec}")


def choose_codec(offered: int, preferred: int = p.CODEC_IMA_ADPCM) -> int | None:
    """The codec to WELCOME a device with: the preferred one if offered, else the best offered
    one this host speaks; None when it offers none of them. A device from before IMA ADPCM
    offers 1 (PCM16 alone)."""
    if offered & preferred:
        return preferred
    return next((codec for codec in SUPPORTED if offered & codec), None)


@dataclass
class LinkAudioStats:
    mic_frames: int = 0
    bad_mic_frames: int = 0  # MIC_AUDIO payloads that cannot be in the chosen codec (dropped)


class LinkAudio:
    """One session's audio codec, both directions."""

    def __init__(self, codec: int) -> None:
        if codec not in SUPPORTED:
            raise ValueError(f"{codec_name(codec)} is not a codec this host speaks")
        self.codec = codec
        self._speech = adpcm.AdpcmEncoder() if codec == p.CODEC_IMA_ADPCM else None
        self.stats = LinkAudioStats()

    @property
    def name(self) -> str:
        return codec_name(self.codec)

    def speech_frame(self, frame: p.SpeechAudio) -> p.SpeechAudio:
        """The SPEECH_AUDIO frame as it goes on the wire (PCM chunk -> one payload)."""
        if self._speech is None or not frame.pcm:
            return frame
        return p.SpeechAudio(pcm=self._speech.encode(frame.pcm), end=frame.end)

    def as_played(self, wire: p.SpeechAudio) -> bytes:
        """The PCM the device plays from a SPEECH_AUDIO frame as sent: with IMA ADPCM, what its
        decoder makes of it (the echo canceller's reference; the codec's own noise is in the
        echo too, and the original PCM would leave it uncancelled)."""
        if self._speech is None or not wire.pcm:
            return wire.pcm
        return adpcm.decode_bytes(wire.pcm)

    def mic_audio(self, message: p.MicAudio) -> p.MicAudio | None:
        """A MIC_AUDIO (or MIC_AUDIO_PLAYING) frame as PCM; None for a payload that cannot be in
        this codec (counted)."""
        self.stats.mic_frames += 1
        if self._speech is None:
            return message
        n = len(message.pcm)
        if n <= adpcm.HEADER_BYTES or n > adpcm.FRAME_PAYLOAD_BYTES:
            self.stats.bad_mic_frames += 1
            return None
        return replace(message, pcm=adpcm.decode_bytes(message.pcm))
