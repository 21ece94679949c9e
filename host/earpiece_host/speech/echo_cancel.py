"""Acoustic echo cancellation: the earpiece's own reply taken out of its microphone.

While a reply plays, the microphone hears it (the speaker sits a centimetre away). The host knows
exactly what it sent, so it cancels that echo before the endpointer and the recogniser see the
microphone: libspeexdsp's adaptive filter (multi-delay block frequency domain, MDF) subtracts
the reply as heard through the ear's echo path, and its preprocessor suppresses what is left.

Alignment is the hard part. An earpiece that reports its playback position (MIC_AUDIO_PLAYING,
docs/protocol.md section 3.1) says with each microphone frame which downlink sample its speaker was
playing as the frame was captured: `DownlinkTimeline` holds the downlink by that numbering, and
`PositionedEchoCanceller` reads the reference from there, so what is left to find is the
acoustic delay (and the board's steady error in its account of its queue), small and the same
from reply to reply; its adaptive filter stays learnt across replies.

Without positions (an earpiece from before them), `FarEndTimeline` holds the downlink placed at the host's estimate of
when each sample leaves the speaker; microphone frames are placed on the same clock by their
arrival. What that leaves unknown (link latency, the device's playback buffering, the acoustic
path) is found by a delay search (`estimate_delay`: cross-correlation of the microphone with the
reference) and, before the first search, by the lag of the device's PLAYED reports behind the
host's estimate. The adaptive filter then covers the room's impulse response after that delay.

libspeexdsp is the C library (BSD licence, Debian's libspeexdsp1), called through ctypes: the
PyPI wrappers either need a compiler and headers at install (`speexdsp`, `speexaec`) or carry a
proprietary licence (`speexdsp-aec`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import math
import threading
from dataclasses import dataclass

import numpy as np

from ..audio import FRAME_BYTES, SAMPLE_RATE_HZ
from ..protocol import SPEECH_POS_MODULUS

FRAME_SAMPLES = FRAME_BYTES // 2

# speex_echo.h / speex_preprocess.h request codes (stable since 2008)
_SPEEX_ECHO_SET_SAMPLING_RATE = 24
_SPEEX_PREPROCESS_SET_DENOISE = 0
_SPEEX_PREPROCESS_SET_AGC = 2
_SPEEX_PREPROCESS_SET_NOISE_SUPPRESS = 18
_SPEEX_PREPROCESS_SET_ECHO_SUPPRESS = 20
_SPEEX_PREPROCESS_SET_ECHO_SUPPRESS_ACTIVE = 22
_SPEEX_PREPROCESS_SET_ECHO_STATE = 24

_INT16_P = ctypes.POINTER(ctypes.c_int16)


class EchoCancellerUnavailable(RuntimeError):
    """libspeexdsp is not installed; the message says how to install it."""


_lib_lock = threading.Lock()
_lib: ctypes.CDLL | None = None


def _speexdsp() -> ctypes.CDLL:
    """libspeexdsp, loaded once, with the signatures of the few functions used."""
    global _lib
    with _lib_lock:
        if _lib is not None:
            return _lib
        names = [n for n in (ctypes.util.find_library("speexdsp"), "libspeexdsp.so.1",
                             "libspeexdsp.dylib") if n]
        for name in names:
            try:
                lib = ctypes.CDLL(name)
            except OSError:
                continue
            if hasattr(lib, "speex_echo_state_init"):
                break
        else:
            raise EchoCancellerUnavailable(
                "voice barge-in needs libspeexdsp for echo cancellation, and it is not installed; "
                "install it (Debian/Ubuntu: apt install libspeexdsp1, macOS: brew install speexdsp) "
                "or run without --barge-in")
        lib.speex_echo_state_init.restype = ctypes.c_void_p
        lib.speex_echo_state_init.argtypes = [ctypes.c_int, ctypes.c_int]
        lib.speex_echo_state_destroy.argtypes = [ctypes.c_void_p]
        lib.speex_echo_state_reset.argtypes = [ctypes.c_void_p]
        lib.speex_echo_ctl.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
        lib.speex_echo_cancellation.argtypes = [ctypes.c_void_p, _INT16_P, _INT16_P, _INT16_P]
        lib.speex_preprocess_state_init.restype = ctypes.c_void_p
        lib.speex_preprocess_state_init.argtypes = [ctypes.c_int, ctypes.c_int]
        lib.speex_preprocess_state_destroy.argtypes = [ctypes.c_void_p]
        lib.speex_preprocess_ctl.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
        lib.speex_preprocess_run.argtypes = [ctypes.c_void_p, _INT16_P]
        _lib = lib
        return lib


def available() -> bool:
    try:
        _speexdsp()
    except EchoCancellerUnavailable:
        return False
    return True


@dataclass(frozen=True)
class EchoCancelConfig:
    """The canceller's settings; times in milliseconds."""

    filter_ms: int = 200
    """Length of the adaptive filter: the echo path's impulse response after the bulk delay."""
    max_delay_ms: int = 500
    """The delay search looks this far for the echo behind the reference."""
    lead_ms: int = 20
    """The reference is taken this much earlier than the delay found, so the direct path falls
    inside the filter even when the estimate is a little late."""
    search_window_ms: int = 500
    """Microphone audio (with the reply playing) the delay search correlates."""
    recheck_ms: int = 1000
    """While aligned, the delay is searched again this often (on the last search window)."""
    max_hold_ms: int = 1500
    """Longest a stream's first frames wait for the delay search before the last delay is used."""
    min_peak_ratio: float = 4.0
    """A correlation peak must stand this many times above the median to be believed."""
    position_max_delay_ms: int = 150
    """With the device's playback positions, the delay search looks only this far: the acoustic
    path plus the board's error in its account of its speaker queue (a DMA descriptor)."""
    echo_suppress_db: int = -40
    """Residual echo suppression (speex preprocessor) while only the reply plays."""
    echo_suppress_active_db: int = -15
    """... and while the near end (the user) talks too: gentler, so the voice survives."""
    noise_suppress_db: int = -15


class SpeexEchoCanceller:
    """libspeexdsp's echo canceller and residual echo suppressor on 20 ms frames of 16 kHz PCM.

    Not thread-safe; one per device, used from one worker thread at a time.
    """

    def __init__(self, config: EchoCancelConfig = EchoCancelConfig()) -> None:
        lib = _speexdsp()
        self._lib = lib
        self.config = config
        filter_samples = max(FRAME_SAMPLES, SAMPLE_RATE_HZ * config.filter_ms // 1000)
        self._echo = lib.speex_echo_state_init(FRAME_SAMPLES, filter_samples)
        self._filter_frames = -(-filter_samples // FRAME_SAMPLES)
        self._pre = lib.speex_preprocess_state_init(FRAME_SAMPLES, SAMPLE_RATE_HZ)
        if not self._echo or not self._pre:
            self.close()
            raise EchoCancellerUnavailable("libspeexdsp could not create an echo canceller")
        self._ctl(lib.speex_echo_ctl, self._echo, _SPEEX_ECHO_SET_SAMPLING_RATE, SAMPLE_RATE_HZ)
        pre = self._pre
        self._ctl(lib.speex_preprocess_ctl, pre, _SPEEX_PREPROCESS_SET_DENOISE, 1)
        self._ctl(lib.speex_preprocess_ctl, pre, _SPEEX_PREPROCESS_SET_AGC, 0)
        self._ctl(lib.speex_preprocess_ctl, pre, _SPEEX_PREPROCESS_SET_NOISE_SUPPRESS,
                  config.noise_suppress_db)
        self._ctl(lib.speex_preprocess_ctl, pre, _SPEEX_PREPROCESS_SET_ECHO_SUPPRESS,
                  config.echo_suppress_db)
        self._ctl(lib.speex_preprocess_ctl, pre, _SPEEX_PREPROCESS_SET_ECHO_SUPPRESS_ACTIVE,
                  config.echo_suppress_active_db)
        lib.speex_preprocess_ctl(pre, _SPEEX_PREPROCESS_SET_ECHO_STATE, ctypes.c_void_p(self._echo))
        self._out = np.zeros(FRAME_SAMPLES, dtype=np.int16)

    @staticmethod
    def _ctl(fn, state, request: int, value: int) -> None:
        v = ctypes.c_int32(value)
        fn(state, request, ctypes.byref(v))

    def process(self, mic: np.ndarray, reference: np.ndarray) -> np.ndarray:
        """One frame: the microphone with the echo of `reference` (what played) taken out."""
        if len(mic) != FRAME_SAMPLES or len(reference) != FRAME_SAMPLES:
            raise ValueError(f"the echo canceller takes frames of {FRAME_SAMPLES} samples")
        near = np.ascontiguousarray(mic, dtype=np.int16)
        far = np.ascontiguousarray(reference, dtype=np.int16)
        out = np.empty(FRAME_SAMPLES, dtype=np.int16)
        self._lib.speex_echo_cancellation(self._echo, near.ctypes.data_as(_INT16_P),
                                          far.ctypes.data_as(_INT16_P), out.ctypes.data_as(_INT16_P))
        self._lib.speex_preprocess_run(self._pre, out.ctypes.data_as(_INT16_P))
        return out

    def new_stretch(self) -> None:
        """Between two stretches of microphone audio (the speaker fell silent in between): the
        filter's far-end history is filled with silence, else it would still predict the echo
        of the last stretch's final frames (loud after a barge-in) into the next one's first; and
        one silent frame goes through the preprocessor, which gives each frame out one frame
        late, so the last stretch's final frame (the user's voice, after a barge-in) does not
        come out as the next one's first. The learnt echo path stays."""
        silence = np.zeros(FRAME_SAMPLES, dtype=np.int16)
        out = np.empty(FRAME_SAMPLES, dtype=np.int16)
        for _ in range(self._filter_frames):
            self._lib.speex_echo_cancellation(self._echo, silence.ctypes.data_as(_INT16_P),
                                              silence.ctypes.data_as(_INT16_P),
                                              out.ctypes.data_as(_INT16_P))
        self._lib.speex_preprocess_run(self._pre, silence.ctypes.data_as(_INT16_P))

    def reset(self) -> None:
        """Forget the learnt echo path (after the alignment changed)."""
        if self._echo:
            self._lib.speex_echo_state_reset(self._echo)

    def close(self) -> None:
        if getattr(self, "_pre", None):
            self._lib.speex_preprocess_state_destroy(self._pre)
            self._pre = None
        if getattr(self, "_echo", None):
            self._lib.speex_echo_state_destroy(self._echo)
            self._echo = None

    def __del__(self) -> None:
        self.close()


class FarEndTimeline:
    """What the speaker plays, sample by sample, on the host's clock.

    Sample n is the one the host estimates leaves the speaker at `epoch_s + n / 16000`. Written
    from the event loop (as the downlink writer sends each frame), read by the canceller's worker.
    A bounded ring: only the last `capacity_s` are kept; anything not written reads as silence.
    """

    def __init__(self, capacity_s: float = 4.0, epoch_s: float = 0.0,
                 bridge_ms: int = 300) -> None:
        self.epoch_s = epoch_s
        # The host restarts its playback clock when it reckons the device has drained, but the
        # device starts each stretch later than the host reckons (link, its own buffering), so
        # it usually had not: a frame due less than this after the last one plays right after it.
        self._bridge = SAMPLE_RATE_HZ * bridge_ms // 1000
        self._ring = np.zeros(int(capacity_s * SAMPLE_RATE_HZ), dtype=np.int16)
        self._end = 0  # one past the newest sample written
        self.gaps = 0  # times playback resumed after a silence: the device's lag may have changed
        self.bridges = 0  # times the host's clock restarted but the frames were taken as contiguous
        self._lock = threading.Lock()

    def position(self, t_s: float) -> int:
        """The sample index at monotonic time t_s."""
        return round((t_s - self.epoch_s) * SAMPLE_RATE_HZ)

    @property
    def end(self) -> int:
        return self._end

    def add(self, pcm: bytes, play_at_s: float) -> None:
        """A downlink frame whose first sample is estimated to play at play_at_s."""
        samples = np.frombuffer(pcm, dtype="<i2")
        if not len(samples):
            return
        start = self.position(play_at_s)
        size = len(self._ring)
        with self._lock:
            if self._end and 0 < start - self._end < self._bridge:
                start = self._end
                self.bridges += 1
            elif start > self._end:  # a gap (the device drained or idled): silence
                self._write_zeros(self._end, min(start - self._end, size))
                self.gaps += 1
            if start + len(samples) <= self._end - size:
                return  # older than the ring holds
            idx = np.arange(start, start + len(samples)) % size
            self._ring[idx] = samples
            self._end = max(self._end, start + len(samples))

    def _write_zeros(self, start: int, n: int) -> None:
        idx = np.arange(start, start + n) % len(self._ring)
        self._ring[idx] = 0

    def read(self, start: int, n: int) -> np.ndarray:
        """Samples [start, start + n): silence where nothing was played or the ring has moved on."""
        out = np.zeros(n, dtype=np.int16)
        size = len(self._ring)
        with self._lock:
            lo = max(start, self._end - size)
            hi = min(start + n, self._end)
            if hi > lo:
                out[lo - start:hi - start] = self._ring[np.arange(lo, hi) % size]
        return out


def estimate_delay(mic: np.ndarray, reference: np.ndarray, max_lag: int,
                   min_peak_ratio: float = 4.0) -> int | None:
    lag, ratio = delay_and_peak(mic, reference, max_lag)
    return lag if ratio >= min_peak_ratio else None


def delay_and_peak(mic: np.ndarray, reference: np.ndarray, max_lag: int) -> tuple[int, float]:
    """The lag (samples, 0..max_lag) at which `reference` best explains `mic`, or None when
    no peak stands out (the reply was silent, or the microphone did not hear it).

    `reference` must start max_lag samples before `mic` and be len(mic) + max_lag long. The
    correlation is phase-transformed (GCC-PHAT), so the direct path's sharp peak wins over the
    slow envelope of speech.
    """
    n = len(mic)
    if len(reference) != n + max_lag or n == 0:
        raise ValueError("reference must cover the microphone window plus max_lag before it")
    size = 1 << math.ceil(math.log2(2 * (n + max_lag)))
    m = np.fft.rfft(mic.astype(np.float64), size)
    r = np.fft.rfft(reference.astype(np.float64), size)
    cross = m * np.conj(r)
    cross /= np.abs(cross) + 1e-9
    corr = np.fft.irfft(cross, size)
    # mic[i] ~ reference[i + max_lag - lag]: corr at shift k = -(max_lag - lag) (mod size)
    lags = np.arange(max_lag + 1)
    values = np.abs(corr[(lags - max_lag) % size])
    best = int(np.argmax(values))
    return best, float(values[best]) / (float(np.median(values)) + 1e-12)


def erle_db(mic: np.ndarray, residual: np.ndarray) -> float | None:
    """Echo return loss enhancement: how far the residual lies below the microphone (dB), over
    audio where only the echo is heard. None for silence."""
    p_mic = float(np.mean(mic.astype(np.float64) ** 2))
    p_res = float(np.mean(residual.astype(np.float64) ** 2))
    if p_mic < 1.0:
        return None
    return 10.0 * math.log10(p_mic / max(p_res, 1e-3))


class _AlignedBase:
    """What both aligned cancellers share: the Speex canceller, the delay search's spans in
    samples and its counts."""

    def __init__(self, config: EchoCancelConfig, max_delay_ms: int) -> None:
        self.config = config
        self.canceller = SpeexEchoCanceller(config)
        self._max_lag = SAMPLE_RATE_HZ * max_delay_ms // 1000
        self._lead = SAMPLE_RATE_HZ * config.lead_ms // 1000
        self._window = SAMPLE_RATE_HZ * config.search_window_ms // 1000
        self._max_hold = SAMPLE_RATE_HZ * config.max_hold_ms // 1000
        self._recheck = SAMPLE_RATE_HZ * config.recheck_ms // 1000
        self.delay_samples: int | None = None  # the echo's delay (behind the anchor or positions)
        self.prior_delay_samples = 0  # used when no search succeeds (the clock's PLAYED prior)
        self.delay_searches = 0
        self.searches_failed = 0
        self.realignments = 0  # delays changed by a check within a stretch
        self.steady_frames = 0  # frames cancelled since the delay was found or last changed

    def _find_lag(self, window: np.ndarray, reference: np.ndarray, quiet_from: int) -> int | None:
        """The delay search on one window (`reference` from `_max_lag` before it): None when the
        reply is (nearly) silent from `quiet_from` on, nothing to align on, or when no peak stands
        out (a failed search)."""
        if float(np.mean(reference[quiet_from:].astype(np.float64) ** 2)) < 1e4:
            return None
        self.delay_searches += 1
        lag = estimate_delay(window, reference, self._max_lag, self.config.min_peak_ratio)
        if lag is None:
            self.searches_failed += 1
        return lag

    def close(self) -> None:
        self.canceller.close()


class AlignedEchoCanceller(_AlignedBase):
    """Microphone frames in, echo-free frames out, aligned to the far-end timeline by themselves.

    Frames of one continuous microphone stream are placed 20 ms apart, anchored at the arrival of
    its first frame (`restart()` starts a new stream). The first frames of a stream are held
    until the echo's delay behind that anchor has been searched (`search_window_ms` of audio
    with the reply playing), so that the adaptive filter never learns a misaligned echo; then
    they come out all at once. If the reply stays silent for `max_hold_ms`, the last delay found
    is used (an earpiece's echo path does not change), else the device's PLAYED lag. The same
    happens again whenever the host restarts its playback clock mid-stream (a gap in the far
    end: the device had drained, and its lag behind the host's estimate may have changed).
    """

    def __init__(self, timeline: FarEndTimeline, config: EchoCancelConfig = EchoCancelConfig()) -> None:
        self.timeline = timeline
        super().__init__(config, config.max_delay_ms)
        self.restart()

    def restart(self) -> None:
        """A new microphone stream (the device started sending again)."""
        self._next: int | None = None
        self._aligned = False
        self._held: list[np.ndarray] = []
        self._held_start = 0
        self._gaps_seen = self.timeline.gaps
        self._bridges_seen = self.timeline.bridges
        self.steady_frames = 0
        self._recent: list[np.ndarray] = []  # the last search window of microphone, aligned
        self._since_check = 0
        self._proposed: int | None = None  # a new delay found once, to be found again
        self._delay = self.delay_samples if self.delay_samples is not None else self.prior_delay_samples
        self.canceller.new_stretch()

    def process(self, pcm: bytes, arrival_s: float) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """(microphone, reference used, residual) for each frame ready: none while the stream's
        first frames are held for the delay search, then those frames at once."""
        mic = np.frombuffer(pcm, dtype="<i2")
        if len(mic) != FRAME_SAMPLES:
            raise ValueError(f"expected a frame of {FRAME_SAMPLES} samples, got {len(mic)}")
        if self._next is None:
            self._next = self.timeline.position(arrival_s) - FRAME_SAMPLES
            self._held_start = self._next
        position = self._next
        self._next += FRAME_SAMPLES
        if self._aligned and self.timeline.gaps != self._gaps_seen:
            # The host restarted its playback clock (the device had drained): where the echo
            # falls may have moved, so hold frames again until it has been searched anew.
            self._aligned = False
            self._held_start = position
            self.steady_frames = 0
        self._gaps_seen = self.timeline.gaps
        if self.timeline.bridges != self._bridges_seen:
            # Taken as contiguous, but perhaps not: check the alignment within 200 ms (a new
            # delay found then restarts the count of steady frames).
            self._bridges_seen = self.timeline.bridges
            self._since_check = max(self._since_check, self._recheck - 10 * FRAME_SAMPLES)
        if self._aligned:
            self._track(mic, position)
            return [self._cancel(mic, position)]
        self._held.append(mic.copy())
        if not self._search() and len(self._held) * FRAME_SAMPLES < self._max_hold:
            return []
        self._aligned = True
        held, self._held = self._held, []
        return [self._cancel(m, self._held_start + i * FRAME_SAMPLES) for i, m in enumerate(held)]

    def _cancel(self, mic: np.ndarray, position: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        self.steady_frames += 1
        reference = self.timeline.read(position - max(0, self._delay - self._lead), FRAME_SAMPLES)
        return mic, reference, self.canceller.process(mic, reference)

    def _track(self, mic: np.ndarray, position: int) -> None:
        """While aligned, search the delay again every `recheck_ms` on the last window: the
        device's lag behind the host's clock can move (it drained, the host caught up)."""
        self._recent.append(mic.copy())
        frames = self._window // FRAME_SAMPLES
        if len(self._recent) > frames:
            del self._recent[0]
        self._since_check += FRAME_SAMPLES
        if self._since_check < self._recheck or len(self._recent) < frames:
            return
        self._since_check = 0
        window = np.concatenate(self._recent)
        start = position + FRAME_SAMPLES - len(window)
        reference = self.timeline.read(start - self._max_lag, len(window) + self._max_lag)
        lag = self._find_lag(window, reference, self._max_lag // 2)
        if lag is None or abs(lag - self._delay) <= 2:
            self._proposed = None
            return
        if self._proposed is None or abs(lag - self._proposed) > 2:
            # A new delay must be found twice running, as the positioned canceller's: one search
            # now and then peaks on the user's voice or an artefact, and following it leaks the
            # echo for a second (a hummed "mm-hm" in a pause of the reply was taken for a
            # request). The second search comes 200 ms later, so a real move is followed soon.
            self._proposed = lag
            self._since_check = max(self._since_check, self._recheck - 10 * FRAME_SAMPLES)
            return
        self._proposed = None
        self.delay_samples = self._delay = lag
        self.realignments += 1
        self.steady_frames = 0

    def _search(self) -> bool:
        """Search the delay on the held audio once it holds enough of the reply; True if found."""
        have = len(self._held) * FRAME_SAMPLES
        if have < self._window:
            return False
        window = np.concatenate(self._held[-(self._window // FRAME_SAMPLES):])
        start = self._held_start + have - len(window)
        reference = self.timeline.read(start - self._max_lag, len(window) + self._max_lag)
        lag = self._find_lag(window, reference, self._max_lag // 2)
        if lag is None:
            return False
        self.delay_samples = self._delay = lag
        return True


class DownlinkTimeline:
    """What was sent to the speaker, numbered as the device numbers it: sample n is the n-th
    downlink sample of the session (SPEECH_AUDIO as decoded, in order, from the WELCOME).

    Written from the event loop as the link's writer sends each frame; read by the canceller's
    worker. A bounded ring of the last `capacity_s`; anything not written reads as silence.
    Positions from the device arrive modulo `modulus` and are unwrapped against what was sent.
    """

    def __init__(self, capacity_s: float = 4.0, modulus: int = SPEECH_POS_MODULUS) -> None:
        self._ring = np.zeros(int(capacity_s * SAMPLE_RATE_HZ), dtype=np.int16)
        self._modulus = modulus
        self._end = 0  # one past the newest sample written (unwrapped)
        self._lock = threading.Lock()

    @property
    def end(self) -> int:
        return self._end

    def add(self, pcm: bytes, index: int) -> None:
        """A downlink frame whose first sample has this index (unwrapped, as the link counts)."""
        samples = np.frombuffer(pcm, dtype="<i2")
        size = len(self._ring)
        with self._lock:
            if index > self._end:
                idx = np.arange(self._end, min(index, self._end + size)) % size
                self._ring[idx] = 0
            if len(samples):
                self._ring[np.arange(index, index + len(samples)) % size] = samples
            self._end = max(self._end, index + len(samples))

    def unwrap(self, position: int) -> int:
        """A device position (modulo `modulus`) as an index: the one at or before what was sent."""
        with self._lock:
            end = self._end
        return end - ((end - position) % self._modulus)

    def read(self, start: int, n: int) -> np.ndarray:
        """Samples [start, start + n): silence where nothing was sent or the ring has moved on."""
        out = np.zeros(n, dtype=np.int16)
        size = len(self._ring)
        with self._lock:
            lo = max(start, self._end - size, 0)
            hi = min(start + n, self._end)
            if hi > lo:
                out[lo - start:hi - start] = self._ring[np.arange(lo, hi) % size]
        return out


class PositionedEchoCanceller(_AlignedBase):
    """Microphone frames with the device's playback positions in, echo-free frames out.

    From the positions it rebuilds what the speaker played on the microphone's own clock (frame
    k covers microphone samples 320 k ...): from each frame's position on, until the next
    frame's position says where playback had got to (fewer than 320 samples on: an underrun or a
    stall played silence, its length known). So a late link, the device's prebuffer, underruns
    and stalls move nothing, and the reference is read from there less the acoustic delay. What
    does move is the board's error in its account of its speaker queue: the DMA starts a stretch
    of playback at a phase the board cannot see (up to a descriptor, 16 ms), so the delay is
    searched at the start of every stretch, its first frames held until then (`max_hold_ms` at
    most, then the last delay is used), and checked again every `recheck_ms`. Read at the delay
    found, the echo falls where the filter learnt it, so the filter carries over from reply to
    reply.
    """

    def __init__(self, downlink: DownlinkTimeline, config: EchoCancelConfig = EchoCancelConfig(),
                 capacity_s: float = 4.0) -> None:
        self.downlink = downlink
        super().__init__(config, config.position_max_delay_ms)
        self._played = np.zeros(int(capacity_s * SAMPLE_RATE_HZ), dtype=np.int16)  # mic time
        self._t = 0  # microphone time (samples) of the next frame
        self.stretch_shifts = 0  # delays found changed at a stretch's start (the DMA's phase)
        self.gaps = 0  # frames during which the speaker played silence for a while (underruns)
        self.found = False  # a search has found the delay (not just a silent reply's stopgap)
        self.restart()

    def restart(self) -> None:
        """A new stretch of microphone audio (a new reply): its first frames are held until the
        delay has been searched in it; what played before it is silence to it."""
        self._held: list[tuple[np.ndarray, int]] = []
        self._recent: list[tuple[np.ndarray, int]] = []
        self._since_check = 0
        self._searching = True
        self._played[:] = 0
        self._last: tuple[int, int] | None = None  # (mic time, downlink index) of the last frame
        self._stalled = False  # the last frames' positions stood still: silence played
        self._proposed: int | None = None  # a changed delay found once, not yet confirmed
        self.canceller.new_stretch()

    def process_at(self, pcm: bytes, position: int) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """(microphone, reference used, residual) for each frame ready: none while the first
        frames are held for the delay search, then those frames at once."""
        mic = np.frombuffer(pcm, dtype="<i2")
        if len(mic) != FRAME_SAMPLES:
            raise ValueError(f"expected a frame of {FRAME_SAMPLES} samples, got {len(mic)}")
        index = self.downlink.unwrap(position)
        t = self._t
        self._t += FRAME_SAMPLES
        if self._last is not None:
            # the last frame played from its position up to this one's, then silence
            t_last, i_last = self._last
            moved = max(0, min(FRAME_SAMPLES, index - i_last))
            if moved < FRAME_SAMPLES:
                self.gaps += 1
                self._stalled = True
            elif self._stalled:
                # playback resumed after silence: on a board the DMA restarts at a new phase, so
                # check the delay once a search window of audio after it is in
                self._stalled = False
                self._since_check = min(self._since_check, self._recheck - self._window)
            self._write_played(t_last, np.concatenate(
                [self.downlink.read(i_last, moved), np.zeros(FRAME_SAMPLES - moved, np.int16)]))
        self._write_played(t, self.downlink.read(index, FRAME_SAMPLES))  # until the next says
        self._last = (t, index)
        if not self._searching:
            self._track(mic, t)
            return [self._cancel(mic, t)]
        self._held.append((mic.copy(), t))
        if not self._search(self._held, stretch_start=True) \
                and len(self._held) * FRAME_SAMPLES < self._max_hold:
            return []
        if self.delay_samples is None:
            self.delay_samples = 0  # a silent reply: start from none, checked again later
        self._searching = False
        held, self._held = self._held, []
        return [self._cancel(m, t) for m, t in held]

    def _write_played(self, t: int, samples: np.ndarray) -> None:
        self._played[np.arange(t, t + len(samples)) % len(self._played)] = samples

    def _read_played(self, t: int, n: int) -> np.ndarray:
        out = self._played[np.arange(t, t + n) % len(self._played)].copy()
        if t < 0:
            out[:min(n, -t)] = 0
        return out

    def _cancel(self, mic: np.ndarray, t: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self.found:
            self.steady_frames += 1
        delay = self.delay_samples or 0
        reference = self._read_played(t - max(0, delay - self._lead), FRAME_SAMPLES)
        return mic, reference, self.canceller.process(mic, reference)

    def _search(self, frames: list[tuple[np.ndarray, int]], stretch_start: bool = False) -> bool:
        """Search the acoustic delay on the last window of frames; True when found (and set). A
        change found at a stretch's start, before any of its frames went through the filter,
        leaves the filter's alignment as learnt: no realignment."""
        n = self._window // FRAME_SAMPLES
        if len(frames) < n:
            return False
        last = frames[-n:]
        window = np.concatenate([m for m, _ in last])
        reference = self._read_played(last[0][1] - self._max_lag, len(window) + self._max_lag)
        lag = self._find_lag(window, reference, self._max_lag)
        if lag is None:
            return False
        moved = abs(lag - (self.delay_samples or 0)) > 2
        if not stretch_start and moved and (self._proposed is None or abs(lag - self._proposed) > 2):
            # Within a stretch a new delay must be found twice running: one search now and then
            # peaks on an artefact (at the edge of its range), and following it misaligns the
            # filter for seconds; the echo really moves only when playback resumes (the DMA).
            self._proposed = lag
            return True
        self._proposed = None
        if not self.found:
            self.steady_frames = 0
        elif lag != self.delay_samples and stretch_start:
            self.stretch_shifts += 1  # to the sample: the filter learnt the echo right there
        elif moved:
            self.realignments += 1
            self.steady_frames = 0
        elif not stretch_start:
            return True  # within a stretch a sample or two is the search's own wobble
        self.found = True
        self.delay_samples = lag
        return True

    def _track(self, mic: np.ndarray, t: int) -> None:
        self._recent.append((mic.copy(), t))
        frames = self._window // FRAME_SAMPLES
        if len(self._recent) > frames:
            del self._recent[0]
        self._since_check += FRAME_SAMPLES
        if self._since_check >= self._recheck and len(self._recent) >= frames:
            self._since_check = 0
            self._search(self._recent)
