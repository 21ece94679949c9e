"""Voice barge-in: hearing the user over the earpiece's own reply.

While a reply plays, the earpiece keeps sending its microphone. Each frame goes through the echo
canceller (echo_cancel.py) with the downlink as reference. The reply still leaks through, most
of all before the canceller has learnt the echo path, so three guards stand before a barge-in:

1. *Near end*: a frame counts only when its residual stands `near_end_margin_db` above the
   echo expected to remain (the microphone's level less the canceller's running ERLE); frames
   that do not are attenuated before the voice detector sees them.
2. *Voice*: the endpointer's detector (Silero and level) must hear voice in those frames for a
   minimum duration.
3. *Words*: a keyword spotter (pocketsphinx, keyphrase search) must hear "stop"; anything else
   needs `request_voiced_ms` of near-end voice in at least `request_syllables` syllables, not
   all one syllable said again (and, if a recogniser is given, its words), to count as a new
   request: a hummed "mmm-hmm", however long, has two, and "yeah, yeah, yeah" or "mm-hm, mm-hm"
   in one breath repeats one.

Either way the reply stops at once and the host listens on from just before the voice began:
other speech is a new turn; "stop" and nothing more (`is_only_stop`) ends there, and nothing is
said. Voice that ends before either is a rejected onset, counted, and
listening over the reply goes on.
"""

from __future__ import annotations

import enum
import math
import re
from collections import deque
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from ..audio import FRAME_MS, FRAME_SAMPLES, SAMPLE_RATE_HZ
from .asr import Recogniser
from .echo_cancel import (AlignedEchoCanceller, DownlinkTimeline, EchoCancelConfig, FarEndTimeline,
                          PositionedEchoCanceller, erle_db)
from .vad import EndpointConfig, Endpointer, EndpointEvent

STOP_PHRASES = (("stop", 1e-25),)
"""Keyphrases that stop a reply, with pocketsphinx's detection threshold (lower: more eager).
Tuned with the barge-in benchmark (earpiece_tools.barge_in_bench): more eager thresholds
take requests for "stop", stricter ones miss accents."""

STOP_VARIANTS = {"stop": ("S T AO P", "S T OW P")}
"""Other pronunciations spotted as the same word, besides the US model's own (S T AA P): British
and Scottish "stop" (a rounded vowel) is missed by that one; each is a keyphrase of its own at
the same threshold (keyphrase search ignores a dictionary's alternative pronunciations). With
them, 24 of 24 clean espeak-ng "stop"s (six accents, four phrasings) are spotted, 17 without."""


@dataclass(frozen=True)
class BargeInConfig:
    """When voice over a reply counts as a barge-in; times in milliseconds of audio."""

    echo: EchoCancelConfig = field(default_factory=EchoCancelConfig)
    vad: EndpointConfig = field(default_factory=lambda: EndpointConfig(
        trailing_silence_ms=500, min_speech_ms=120, max_utterance_ms=10_000,
        no_speech_timeout_ms=24 * 3600 * 1000))
    stop_voiced_ms: int = 160
    """Near-end voice before a spotted "stop" is believed."""
    request_voiced_ms: int = 800
    """Near-end voice before other words start a new turn."""
    request_ended_voiced_ms: int = 700
    """... or this much, once the voice has ended: a short request said whole ("What time is
    it?" in a quick voice has 740 ms); less is a backchannel ("mm-hm", "uh-huh": up to 600 ms in
    the barge-in benchmark's voices) or a cough, and the reply plays on."""
    request_syllables: int = 3
    """Syllables (`syllable_spans`: rises of `syllable_rise_db` in the voice's 300-2500 Hz band) before
    voice counts as a new request. A backchannel has one or two however long it is hummed
    ("mmm-hmm": a murmur, one rise into its vowel and one after the /h/), and so may "thank you"
    and "good morning", which then stop no reply either; a request long enough to count ("what
    time is it") has three or more. Tuned and checked with the barge-in benchmark's hummed
    backchannels (README)."""
    syllable_rise_db: float = 6.0
    """How far the 300-2500 Hz band must rise from its last dip to start a syllable (within
    `syllable_within_db` of the voice's loudest), and fall from its peak to end one."""
    syllable_within_db: float = 25.0
    repeat_within_db: float = 9.0
    """Syllables whose spectral envelopes differ by no more than this from one to the next are
    one syllable said again (`one_syllable_repeated`): "yeah, yeah, yeah" or "mm-hm, mm-hm" in
    one breath, a listener nodding along, which stops no reply however many syllables it has.
    In the barge-in benchmark's tuning voices repeated backchannels differed by up to 6 dB and
    requests were lost from 13 dB; 9 was chosen from those before the held-out voices were run:
    there repeated ones differed by up to 7.3 dB and the shifted Piper voices' requests were
    lost from 10 (README). Below 0 nothing counts as repeated (the detector before this rule)."""
    request_words: int = 1
    """Words the recogniser (when the detector has one) must hear before speech over the reply
    counts as a new request."""
    preroll_ms: int = 300
    """Residual audio before the voice onset that goes to the recogniser and the new turn."""
    near_end_margin_db: float = 10.0
    """How far a frame's residual must exceed the echo expected to remain to count as the user."""
    min_voice_over_mic_db: float = -6.0
    """Over the voice, the residual must keep at least this share of the microphone's power: a
    user louder than (or about as loud as) the echo keeps nearly all of it, while a leak of the
    reply keeps only what the canceller missed."""
    steady_frames: int = 25
    """No barge-in until the canceller has run this many frames since it last (re)aligned: a
    drained device resumes a moment later than the host reckons, and until the delay is found
    again the reply leaks through."""
    armed_erle_db: float = 20.0
    """No barge-in until the canceller's ERLE has reached this (it learns within a few seconds of
    the first reply; an earpiece's echo path then stays learnt), unless the speaker was silent
    throughout the voice (the reply waiting for its next sentence): no echo to mistake then."""
    gated_attenuation_db: float = 30.0
    """Frames judged echo are this much quieter for the voice detector."""
    stop_phrases: tuple[tuple[str, float], ...] = STOP_PHRASES
    stop_only_ms: int = 1000
    """After a spotted "stop" the host listens on: no more voice than this is only "stop" (say
    nothing); more is a request (the spotter takes some requests for "stop")."""
    stop_sibilant_ms: int = 40
    """A spotted "stop" is believed only with this much hiss (an /s/: `sibilant_ms`) in the
    `stop_window_ms` before it: the spotter, eager for every accent, also fires on backchannels
    ("right", "uh-huh", "okay"), none of which has one leading into a vowel (`sibilant_ms`). In
    the barge-in benchmark's espeak-ng voices "stop" had 40-80 ms; "right" up to 40 of a /t/'s
    burst and aspiration, after its vowel."""
    hiss_kept_db: float = -6.0
    """A frame's hiss is the user's when the residual keeps at least this share of the
    microphone's power above `SIBILANT_HZ` (the echo of the reply's own /s/ keeps much less;
    chosen, not swept)."""
    stop_window_ms: int = 800
    """How far before the spot the /s/ of "stop" is looked for."""


_WORD = re.compile(r"[a-z']+")
_STOP_ONLY_WORDS = frozenset({"stop", "it", "please", "now", "that", "the", "ok", "okay"})


def is_only_stop(config: BargeInConfig | None, *, voiced_ms: int | None = None,
                 heard: str | None = None) -> bool:
    """Was the turn that began with a spotted "stop" only that? Judged first on its voice (no
    longer than `stop_only_ms`: no need to recognise it), then on its words (nothing but "stop
    it, please" and the like: a long "stop" must not become a request the OS cannot place)."""
    if heard is not None:
        return set(_WORD.findall(heard.lower())) <= _STOP_ONLY_WORDS
    return (voiced_ms or 0) <= (config or BargeInConfig()).stop_only_ms


def words_after_stop(heard: str) -> str:
    """What was said after the leading "stop" (and "it", "please", ...): the request, if any."""
    words = _WORD.findall(heard.lower())
    while words and words[0] in _STOP_ONLY_WORDS:
        words.pop(0)
    return " ".join(words)


class BargeInKind(enum.Enum):
    STOP = "stop"  # stop talking, say nothing
    REQUEST = "request"  # stop talking and listen: the user has started a new turn


@dataclass(frozen=True)
class BargeIn:
    """A decision to stop the reply."""

    kind: BargeInKind
    heard: str  # what the recogniser heard over the reply so far
    # echo-cancelled audio from just before the voice began: the new turn's start
    audio: bytes = field(repr=False)
    voiced_ms: int = 0
    decided_ms: int = 0  # audio time from the voice onset to this decision


@dataclass
class BargeInStats:
    """Counts for the benchmark and the log."""

    frames: int = 0
    near_end_frames: int = 0  # frames whose residual stood above the expected echo
    onsets: int = 0  # voice detected over a reply
    rejected: int = 0  # ... that ended without enough voice or words
    barge_ins: int = 0
    stops_unconfirmed: int = 0  # "stop"s spotted without the hiss of its /s/ (a backchannel)
    too_few_syllables: int = 0  # voices long enough for a request, in fewer syllables (a hum)
    repeated_syllables: int = 0  # ... in enough syllables, but one said again and again
    mic_power: float = 0.0  # sums over frames while the reply played, for ERLE
    residual_power: float = 0.0

    @property
    def erle_db(self) -> float | None:
        if self.mic_power <= 0:
            return None
        return 10.0 * np.log10(self.mic_power / max(self.residual_power, 1e-3))


_SILENT_POWER = 1.0  # mean square (of int16 samples) below which a frame is silence


SIBILANT_HZ = 4000.0
"""An /s/ puts most of its energy above this; voiced sounds, /h/ and most bursts do not."""


def _high_power(x: np.ndarray) -> float:
    """Power above `SIBILANT_HZ` of one 20 ms frame (arbitrary units, for comparing frames)."""
    spectrum = np.abs(np.fft.rfft(x.astype(np.float64))) ** 2
    return float(spectrum[_HIGH_BINS].sum())


_HIGH_BINS = np.fft.rfftfreq(FRAME_SAMPLES, 1 / SAMPLE_RATE_HZ) >= SIBILANT_HZ


def sibilant_ms(frames: list[bytes], within_db: float = 30.0, near: list[bool] | None = None,
                lead_ms: int = 120) -> int:
    """The longest run of 20 ms frames (16 kHz s16le) whose energy lies mostly above
    `SIBILANT_HZ`, among frames within `within_db` of the loudest (and, given `near`, the frames
    it marks: the user's, not the echo's), that leads into a vowel (a frame within 10 dB of the
    loudest less than `lead_ms` after it), as the /s/ of "stop" does and the /t/ of "right" does
    not: how long the voice hissed before a vowel."""
    if not frames:
        return 0
    x = np.frombuffer(b"".join(frames), dtype="<i2").astype(np.float64)
    x = x[:len(x) // FRAME_SAMPLES * FRAME_SAMPLES].reshape(-1, FRAME_SAMPLES)
    spectrum = np.abs(np.fft.rfft(x * np.hanning(FRAME_SAMPLES), axis=1)) ** 2
    high = spectrum[:, _HIGH_BINS].sum(axis=1)
    total = spectrum.sum(axis=1) + 1e-9
    level = 10 * np.log10(total)
    hissed = (high > 0.5 * total) & (level >= level.max() - within_db)
    if near is not None:
        hissed &= np.array(near[-len(hissed):], dtype=bool)
    vowel = level >= level.max() - 10.0
    lead = max(1, lead_ms // FRAME_MS)
    best = run = 0
    for i, hiss in enumerate(hissed):
        run = run + 1 if hiss else 0
        if run and vowel[i + 1:i + 1 + lead].any():
            best = max(best, run)
    return best * FRAME_MS


SYLLABLE_BAND_HZ = (300.0, 2500.0)
"""Where a vowel is loud and a nasal murmur ("mmm", most of its power below 500 Hz) and a
fricative are not: its rises and falls are the syllables."""
_FREQS_HZ = np.fft.rfftfreq(FRAME_SAMPLES, 1 / SAMPLE_RATE_HZ)
_SYLLABLE_BINS = (_FREQS_HZ >= SYLLABLE_BAND_HZ[0]) & (_FREQS_HZ < SYLLABLE_BAND_HZ[1])
_HANN = np.hanning(FRAME_SAMPLES)


ENVELOPE_EDGES_HZ = (100, 200, 300, 400, 510, 630, 770, 920, 1080, 1270, 1480, 1720, 2000, 2320,
                     2700, 3150, 3700, 4400, 5300, 6400)
"""The bands (about a critical band each) of a syllable's spectral envelope (`frame_levels`)."""
_ENVELOPE_BANDS = np.stack([(_FREQS_HZ >= lo) & (_FREQS_HZ < hi)
                            for lo, hi in zip(ENVELOPE_EDGES_HZ, ENVELOPE_EDGES_HZ[1:])])


def frame_levels(frame: bytes) -> tuple[float, np.ndarray]:
    """One 20 ms frame's (16 kHz s16le) power in `SYLLABLE_BAND_HZ` and its spectral envelope
    (in each band of `ENVELOPE_EDGES_HZ`), both in dB, from one spectrum."""
    x = np.frombuffer(frame, dtype="<i2").astype(np.float64)
    spectrum = np.abs(np.fft.rfft(x * _HANN)) ** 2
    envelope = 10.0 * np.log10(_ENVELOPE_BANDS @ spectrum + 1e-3)
    return 10.0 * math.log10(float(spectrum[_SYLLABLE_BINS].sum()) + 1e-3), envelope


@dataclass(frozen=True)
class Syllable:
    """Frames of one syllable in a voice (indices into its frames)."""

    start: int  # the dip it rose from
    peak: int
    end: int  # where it fell `rise_db` from its peak, or the last frame if it has not yet
    ended: bool


def syllable_spans(band_db: list[float], voiced: list[bool], rise_db: float = 6.0,
                   within_db: float = 25.0) -> list[Syllable]:
    """The syllables the voiced frames hold: rises of `rise_db` in the frames' power in
    `SYLLABLE_BAND_HZ` (`frame_levels`; smoothed over 60 ms; unvoiced frames count as the
    quietest voiced one) from the last dip, to within `within_db` of the loudest, each ended by a
    fall of `rise_db`. Speech rises and falls several times a second, a consonant between each two vowels; a hum
    stays put (a murmur throughout, with one rise into a vowel and one after the /h/ of "mm-hm"
    at most)."""
    is_voiced = np.asarray(voiced, dtype=bool)
    if not is_voiced.any():
        return []
    level = np.convolve(np.pad(np.asarray(band_db, dtype=np.float64), 1, mode="edge"),
                        np.ones(3) / 3, mode="valid")
    level = np.where(is_voiced, level, level[is_voiced].min())
    top = level[is_voiced].max()
    spans: list[Syllable] = []
    low, peak, rising = math.inf, -math.inf, False
    low_at = start = peak_at = 0
    for i, x in enumerate(level):
        if not rising:
            if x < low:
                low, low_at = x, i
            if x - low >= rise_db and x >= top - within_db:
                rising, peak, peak_at, start = True, x, i, low_at
        elif x > peak:
            peak, peak_at = x, i
        elif peak - x >= rise_db:
            rising, low, low_at = False, x, i
            spans.append(Syllable(start, peak_at, i, True))
    if rising:
        spans.append(Syllable(start, peak_at, len(level) - 1, False))
    return spans


def one_syllable_repeated(spans: list[Syllable], envelopes: list[np.ndarray],
                          within_db: float = 9.0) -> bool:
    """Is the voice one syllable said again and again ("yeah, yeah, yeah", "mm-hm, mm-hm")? Yes
    when it has two or more ended syllables and each one's spectral envelope at its peak (the
    mean of `frame_levels`' envelopes over three frames, less its own mean level: its shape, not
    its loudness) differs from the one before by no more than `within_db` (RMS over the bands).
    A request moves from vowel to vowel somewhere ("what-time-is-it": 11 and 21 dB, then 5 from
    "is" to "it", in an espeak-ng voice); a repeated backchannel does not (up to 6-7 dB in the
    barge-in benchmark's voices: espeak-ng's "mm" and "hm" are both a schwa between nasals).
    Only ended syllables are compared: one still rising is not yet at its vowel."""
    shapes = []
    for s in spans:
        if s.ended:
            envelope = np.mean(envelopes[max(s.start, s.peak - 1):s.peak + 2], axis=0)
            shapes.append(envelope - envelope.mean())
    return len(shapes) >= 2 and all(
        float(np.sqrt(np.mean((b - a) ** 2))) <= within_db for a, b in zip(shapes, shapes[1:]))


class StopSpotter(Protocol):
    """Spots the stop phrases in streaming PCM; one per device, one thread at a time."""

    def reset(self) -> None: ...

    def accept(self, pcm: bytes) -> str | None:
        """Feed PCM; the phrase when one was spotted in it."""
        ...


class PocketsphinxStopSpotter:
    """pocketsphinx's keyphrase search (its bundled US English model): cheap, and it answers
    only for the phrases, never with a guess at other words."""

    def __init__(self, phrases: tuple[tuple[str, float], ...] = STOP_PHRASES) -> None:
        import tempfile

        from pocketsphinx import Decoder

        from ..audio import SAMPLE_RATE_HZ

        self._decoder = Decoder(samprate=SAMPLE_RATE_HZ, loglevel="FATAL")
        self._spelled: dict[str, str] = {}  # a variant's made-up word -> the word it says
        lines = []
        for phrase, threshold in phrases:
            lines.append(f"{phrase} /{threshold:g}/")
            for i, pronunciation in enumerate(STOP_VARIANTS.get(phrase, ())):
                variant = f"{phrase}_{i + 2}"
                self._decoder.add_word(variant, pronunciation, True)
                self._spelled[variant] = phrase
                lines.append(f"{variant} /{threshold:g}/")
        with tempfile.TemporaryDirectory() as tmp:
            path = f"{tmp}/stop.kws"
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            self._decoder.add_kws("stop", path)
        self._decoder.activate_search("stop")
        self._started = False

    def reset(self) -> None:
        if self._started:
            self._decoder.end_utt()
        self._decoder.start_utt()
        self._started = True

    def accept(self, pcm: bytes) -> str | None:
        if not self._started:
            self.reset()
        self._decoder.process_raw(pcm, False, False)
        hyp = self._decoder.hyp()
        if hyp is not None and hyp.hypstr:
            self.reset()
            return " ".join(self._spelled.get(w, w) for w in hyp.hypstr.split())
        return None


class BargeInDetector:
    """One per device. `push` every microphone frame that arrives while a reply plays.

    Not thread-safe: used from its own worker thread, except `timeline` and `downlink`, which
    the downlink writer fills from the event loop. Frames with the device's playback position
    go through the positioned canceller (`downlink`), frames without through the one aligned
    on the host's clock (`timeline`): whichever the earpiece's frames carry.
    """

    def __init__(self, recogniser: Recogniser | None, config: BargeInConfig = BargeInConfig(),
                 timeline: FarEndTimeline | None = None, spotter: StopSpotter | None = None,
                 downlink: DownlinkTimeline | None = None) -> None:
        self.config = config
        self.timeline = timeline if timeline is not None else FarEndTimeline()
        self.downlink = downlink if downlink is not None else DownlinkTimeline()
        self.clock_canceller = AlignedEchoCanceller(self.timeline, config.echo)
        self.positioned: PositionedEchoCanceller | None = None  # made by the first positioned frame
        self.canceller: AlignedEchoCanceller | PositionedEchoCanceller = self.clock_canceller
        self.endpointer = Endpointer(config.vad)
        self.recogniser = recogniser
        self.spotter = spotter if spotter is not None else PocketsphinxStopSpotter(config.stop_phrases)
        self.stats = BargeInStats()
        # Smoothed microphone and residual power while the reply plays: the canceller's ERLE now.
        self.erle_db = 0.0  # the canceller's ERLE as the near-end gate reckons it
        self._prev_mic_power = 0.0
        self._prev_mic: np.ndarray | None = None
        # Reference power of the last frames the echo can still come from (the filter's span)
        self._recent_ref: deque[float] = deque(maxlen=config.echo.filter_ms // FRAME_MS + 2)
        self._gate = 10 ** (-config.gated_attenuation_db / 20)
        # The frames before an onset, each with whether the detector heard voice in it.
        self._preroll: deque[tuple[bytes, bool]] = deque(maxlen=max(1, config.preroll_ms // FRAME_MS))
        # The last frames heard, each with whether it stood above the echo and, while the reply
        # played, the microphone frame it was cancelled from: where the /s/ of a spotted "stop"
        # must be (the echo's residual hisses too: Speex cancels highs least). Only a spotted
        # "stop" looks at their hiss (`_users_hiss`), so no frame's spectrum is taken before.
        self._recent: deque[tuple[bytes, bool, np.ndarray | None]] = deque(
            maxlen=max(1, config.stop_window_ms // FRAME_MS))
        self._reset_onset()

    def _reset_onset(self) -> None:
        self._in_voice = False
        self._captured: list[bytes] = []
        self._captured_voiced: list[bool] = []  # per captured frame: voice, by the detector
        self._band_db: list[float] = []  # per captured frame: its `SYLLABLE_BAND_HZ` power, made as they come
        self._envelopes: list[np.ndarray] = []  # ... and its spectral envelope (`frame_levels`)
        self._voiced_ms = 0
        self._onset_ms = 0
        self._heard = ""
        self._spotted = ""
        self._voice_mic = 0.0  # microphone and residual power over the voice so far
        self._voice_res = 0.0
        self._echo_in_voice = False  # the reply could be heard during the voice

    def restart(self) -> None:
        """A new stretch of microphone audio (a new reply): forget any onset in progress."""
        self.canceller.restart()
        self.endpointer.reset()
        self._preroll.clear()
        self._recent.clear()
        self._recent_ref.clear()  # the speaker was silent in between
        self._prev_mic_power = 0.0
        self._prev_mic = None
        if self._in_voice and self.recogniser is not None:
            self.recogniser.reset()
        self._reset_onset()

    def push(self, pcm: bytes, arrival_s: float, speech_pos: int | None = None) -> BargeIn | None:
        """One 20 ms microphone frame that arrived (monotonic time) while the reply played, with
        the device's playback position when it reports one (MIC_AUDIO_PLAYING).

        The canceller may hold a new stream's first frames while it aligns, then release them
        at once: each is judged in turn, and the first decision ends the stretch.
        """
        if speech_pos is None:
            ready = self.clock_canceller.process(pcm, arrival_s)
        else:
            if self.positioned is None:
                self.positioned = PositionedEchoCanceller(self.downlink, self.config.echo)
                self.canceller = self.positioned
            ready = self.positioned.process_at(pcm, speech_pos)
        for mic, reference, residual in ready:
            decision = self._judge(mic, reference, residual)
            if decision is not None:
                self.canceller.restart()  # frames still held are the reply's past, not needed
                return decision
        return None

    def _judge(self, mic: np.ndarray, reference: np.ndarray, residual: np.ndarray) -> BargeIn | None:
        stats = self.stats
        stats.frames += 1
        mic_power = float(np.mean(mic.astype(np.float64) ** 2))
        res_power = float(np.mean(residual.astype(np.float64) ** 2))
        self._recent_ref.append(float(np.mean(reference.astype(np.float64) ** 2)))
        playing = max(self._recent_ref) > _SILENT_POWER  # its echo may still be heard
        prev_mic_power = self._prev_mic_power  # the residual comes one frame late
        near = self._near_end(mic_power, res_power, playing)
        if self._in_voice and near:
            self._voice_mic += prev_mic_power
            self._voice_res += res_power
        self._echo_in_voice |= self._in_voice and playing
        if not self._in_voice and playing:
            stats.mic_power += mic_power
            stats.residual_power += res_power
        if near:
            stats.near_end_frames += 1
        frame = residual.astype("<i2").tobytes()
        prev_mic, self._prev_mic = self._prev_mic, mic  # the residual comes one frame late
        self._recent.append((frame, near, prev_mic if playing else None))
        # The voice detector hears only what stands above the echo left over.
        heard = frame if near else (residual * self._gate).astype("<i2").tobytes()
        event = self.endpointer.push(heard)
        voiced = self.endpointer.last_voiced_ms == self.endpointer.stream_ms
        if voiced:
            self._voiced_ms += FRAME_MS
        if not self._in_voice:
            if event is EndpointEvent.SPEECH_STARTED:
                self._echo_in_voice = playing
                return self._onset(frame, voiced)
            self._preroll.append((frame, voiced))
            self._voiced_ms = 0
            return None
        self._capture(frame, voiced)
        self._listen(frame)
        if event in (EndpointEvent.SPEECH_ENDED, EndpointEvent.MAX_LENGTH):
            if self.recogniser is not None:
                self._heard = self.recogniser.finish().text
            decision = self._decide(final=True)
            if decision is None:
                stats.rejected += 1
                self.endpointer.reset()
                self._preroll.clear()
                self._reset_onset()
            return decision
        return self._decide(final=False)

    def _near_end(self, mic_power: float, res_power: float, playing: bool) -> bool:
        """Does this frame's residual stand clear of the echo expected to remain?

        The residual comes out of the preprocessor one frame late, so it is weighed against the
        previous frame's microphone. The canceller's ERLE is learnt as a running mean in dB over
        every frame while the reply plays and no voice is under way, starting from none (0 dB):
        a canceller still converging is trusted only as far as it has shown itself, one that
        loses its way (a misaligned echo) is caught within a second, and a few frames of the
        user's voice before an onset move it by a few dB only.
        """
        mic_power, self._prev_mic_power = self._prev_mic_power, mic_power
        if not playing:
            return True  # nothing to leak: the reply is between words
        if not self._in_voice and mic_power > _SILENT_POWER:
            frame_db = 10.0 * math.log10(mic_power / max(res_power, _SILENT_POWER))
            self.erle_db += 0.02 * (min(60.0, max(-10.0, frame_db)) - self.erle_db)
        return res_power >= mic_power * 10 ** ((self.config.near_end_margin_db - max(self.erle_db, 0.0)) / 10)

    def _listen(self, frame: bytes) -> None:
        spotted = self.spotter.accept(frame)
        if spotted:
            self._spotted = spotted
        if self.recogniser is not None:
            partial = self.recogniser.accept(frame)
            if partial is not None:
                self._heard = partial.text

    def _capture(self, frame: bytes, voiced: bool) -> None:
        self._captured.append(frame)
        self._captured_voiced.append(voiced)
        band_db, envelope = frame_levels(frame)
        self._band_db.append(band_db)
        self._envelopes.append(envelope)

    def _onset(self, frame: bytes, voiced: bool) -> BargeIn | None:
        self.stats.onsets += 1
        self._in_voice = True
        for before, was_voiced in self._preroll:
            self._capture(before, was_voiced)
        self._capture(frame, voiced)
        self._preroll.clear()
        self._onset_ms = self.endpointer.stream_ms
        started = self.endpointer.speech_started_ms
        self._voiced_ms = self._onset_ms - (started if started is not None else self._onset_ms)
        self.spotter.reset()
        if self.recogniser is not None:
            self.recogniser.reset()
        for f in self._captured:
            self._listen(f)
        return self._decide(final=False)

    def _stop_confirmed(self) -> bool:
        """Does the voice before the spotted "stop" hiss as its /s/ does? An unconfirmed spot is
        forgotten (counted); the spotter may spot again later in the same voice."""
        frames = [frame for frame, _, _ in self._recent]
        near = [near and self._users_hiss(frame, mic) for frame, near, mic in self._recent]
        if sibilant_ms(frames, near=near) >= self.config.stop_sibilant_ms:
            return True
        self.stats.stops_unconfirmed += 1
        self._spotted = ""
        return False

    def _users_hiss(self, residual: bytes, mic: np.ndarray | None) -> bool:
        """Is a frame's hiss the user's? Yes when the reply was silent (`mic` None), or when the
        canceller found little of the reply in the frame's highs (the echo of the reply's own /s/
        leaks through Speex's highs, but only a part of it)."""
        if mic is None:
            return True
        kept = _high_power(np.frombuffer(residual, dtype="<i2"))
        return kept >= _high_power(mic) * 10 ** (self.config.hiss_kept_db / 10)

    def _decide(self, final: bool) -> BargeIn | None:
        config = self.config
        if self.erle_db < config.armed_erle_db and self._echo_in_voice:
            return None  # the canceller has not shown it can tell the reply from the user yet
        if self._voice_res < self._voice_mic * 10 ** (config.min_voice_over_mic_db / 10):
            return None  # mostly the reply leaking through
        words = _WORD.findall(self._heard.lower())
        kind = None
        if self._voiced_ms >= config.stop_voiced_ms and self._spotted and self._stop_confirmed():
            kind = BargeInKind.STOP
        elif self._voiced_ms >= (config.request_ended_voiced_ms if final else config.request_voiced_ms) \
                and (self.recogniser is None or len(words) >= config.request_words):
            spans = syllable_spans(self._band_db, self._captured_voiced, config.syllable_rise_db,
                                   config.syllable_within_db)
            if len(spans) < config.request_syllables:
                if final:
                    self.stats.too_few_syllables += 1  # long enough, but a hum: the reply plays on
            elif not one_syllable_repeated(spans, self._envelopes, config.repeat_within_db):
                kind = BargeInKind.REQUEST
            elif final:
                self.stats.repeated_syllables += 1  # "yeah, yeah, yeah": the reply plays on
        if kind is None:
            return None
        if self.canceller.steady_frames < config.steady_frames:
            return None  # the canceller may be realigning: the "voice" may be the reply leaking
        self.stats.barge_ins += 1
        decision = BargeIn(kind, self._spotted if kind is BargeInKind.STOP else self._heard,
                           b"".join(self._captured), self._voiced_ms,
                           self.endpointer.stream_ms - self._onset_ms)
        if kind is BargeInKind.REQUEST and self.recogniser is not None and not final:
            self.recogniser.reset()  # the new turn feeds it again from the onset
        self.endpointer.reset()
        self._preroll.clear()
        self._reset_onset()
        return decision

    def close(self) -> None:
        self.clock_canceller.close()
        if self.positioned is not None:
            self.positioned.close()


__all__ = ["BargeIn", "BargeInConfig", "BargeInDetector", "BargeInKind", "BargeInStats",
           "DownlinkTimeline", "FarEndTimeline", "PocketsphinxStopSpotter", "StopSpotter", "erle_db"]
