"""Voice barge-in, measured: echo cancellation, false barge-ins, and how fast "stop" is heard.

Replies in the host's Piper voice play through a simulated echo path (`ECHO_PATH`: the same
delay, gain and small room as the virtual earpiece's `--echo-path`, firmware/echo_path_unix.py)
into the microphone, on top of a quiet room; each microphone frame goes through the host's own
barge-in detector (speech/barge_in.py: Speex echo canceller aligned by its delay search,
endpointer, stop-word spotter) exactly as the voice loop feeds it.

Alignment (`--alignment`): with `positions` (the default, as the firmware does when the host
offers it) each microphone frame carries the device's playback position (MIC_AUDIO_PLAYING), off
by the board's error in its account of its speaker queue: up to a DMA descriptor (16 ms), the
same through a reply and drawn afresh for each (`POSITION_ERROR_MS`). With `clock` (an earpiece
from before positions) the host places the reply on its own clock and the device's link and
playback lag (what PLAYED reports measure) differs from reply to reply, so alignment is searched
each time.

- **ERLE**: microphone power over residual power while only the reply is heard (dB).
- **False barge-ins**: replies stopped although the user said nothing, per reply.
- **Detection**: a voice the host never speaks with (espeak-ng accents) says "stop" or a new
  request over the reply; detected when the detector stops the reply after the voice began
  (`as_stop` / `as_request`: what it took it for); latency is audio time from the onset of
  that voice to the decision (processing adds `detector_ms_per_frame` per frame behind).
- **Backchannels**: the same voices say "mm-hm", "yeah", "okay", "right" or "uh-huh" over a
  reply, as a listener does; each reply it stops is a false barge-in
  (`backchannel_false_barge_ins` of `backchannel_trials`). These trials come after all the others
  (whose figures they leave as they were), one per voice and round; then, as many again, a
  hummed "mmm-hmm" (`HUMMED`: the "mm" drawn out), by turns in a pause of the reply and over
  its speech, counted among the backchannels and apart (`hummed_false_barge_ins` of
  `hummed_trials`); then, as many again, a backchannel said again and again in one breath
  (`REPEATED`: "mm-hm, mm-hm", "yeah, yeah, yeah"), the same way (`repeated_false_barge_ins` of
  `repeated_trials`).

    python -m earpiece_tools.barge_in_bench --json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import random
import shutil
import statistics
import sys
import time
from dataclasses import dataclass
from typing import Any
from pathlib import Path

import numpy as np

from earpiece_host.audio import FRAME_BYTES, FRAME_SAMPLES, SAMPLE_RATE_HZ

# The room of firmware/echo_path_unix.py (ROOM_TAPS): (offset in samples, gain x 1024).
ROOM_TAPS = ((0, 1024), (48, 512), (112, -307), (208, 205), (336, -102))


@dataclass(frozen=True)
class EchoPath:
    """Speaker -> microphone: a delay, a gain and the small room."""

    delay_ms: int = 40
    gain_db: float = -10.0

    def apply(self, speaker: np.ndarray) -> np.ndarray:
        rir = np.zeros(max(o for o, _ in ROOM_TAPS) + 1)
        for offset, g in ROOM_TAPS:
            rir[offset] = g / 1024.0
        echo = np.convolve(speaker.astype(np.float64), rir)[:len(speaker)] * 10 ** (self.gain_db / 20)
        delay = self.delay_ms * SAMPLE_RATE_HZ // 1000
        return np.concatenate([np.zeros(delay), echo])[:len(speaker)]


DEVICE_LAG_MS = 60  # link latency and the device's playback buffering ...
LAG_JITTER_MS = 40  # ... varying this much from reply to reply
POSITION_ERROR_MS = 16  # the board's playback positions are late by up to this, per reply

REPLIES = (
    "It's twenty past seven in the evening. You have two reminders left for today: call Amy at "
    "eight, and take the bins out before you go to bed.",
    "Here is the weather for tomorrow. Sunny in the morning with a high of twenty two degrees, "
    "clouds in the afternoon, and a light breeze from the west.",
    "You have three new emails. Amy Lee about dinner on Friday, Tatiana about Loretta's letter, "
    "and the library about the book you reserved last week.",
    "Your shopping list has milk, bread, eggs, two lemons, a bag of rice and some coffee. Shall "
    "I read your other lists too?",
    "I set a timer for ten minutes, and I'll remind you to check the oven when it goes off. "
    "Anything else you'd like me to keep an eye on?",
    "Your next meeting is the design review at half past two in the large room upstairs, with "
    "Paul, Tatiana and the new intern.",
)
STOPS = ("Stop.", "Stop!", "Stop it.", "Stop, please.")
REQUESTS = ("What time is it?", "Set a timer for five minutes.", "What's on my calendar tomorrow?",
            "Add milk to my shopping list.")
BACKCHANNELS = ("Mm-hm.", "Yeah.", "Okay.", "Right.", "Uh-huh.")
"""What a wearer says over a reply while listening to it: none of them may stop it."""
HUMMED = ("Mmm-hmm.", "Mm-hmmm.", "Mm-hm (drawn out).")
"""Backchannels hummed, the "mm" drawn out, as a listener nodding along to a long reply says
them: 0.6-1 s of voice, most of it a nasal murmur. Said in a pause of the reply (`PAUSE_S`, the
voice loop waiting for its next sentence) or over its speech, by turns; none may stop it."""
REPEATED = ("Mm-hm, mm-hm.", "Yeah, yeah, yeah.", "Uh-huh, uh-huh.", "Right, right.")
"""Backchannels said again and again in one breath, as a listener nodding along says them: two
to four syllables, 0.9-1.7 s of voice (espeak-ng), one syllable (or one "mm-hm") over and over.
Said in a pause of the reply or over its speech, by turns; none may stop it."""
_SPOKEN = {"Mm-hm.": "[[m'@m,h@m]]", "Mmm-hmm.": "[[mmm'mm,h@m]]", "Mm-hmmm.": "[[m'mmm,hmm]]",
           "Mm-hm (drawn out).": "[[m'@m,h@m]]", "Mm-hm, mm-hm.": "[[m'@m,h@m m'@m,h@m]]"}
"""espeak-ng spells "Mm-hm." out ("em em aitch em"): what it says instead, as its phonemes."""
_TEMPO = {"Mm-hm (drawn out).": 0.75}  # sox's tempo: the same "mm-hm", slower
PAUSE_S = 1.2  # silence between two sentences of a reply, where a hummed backchannel is said


@dataclass
class _Trial:
    kind: str  # "silent", "stop", "request", "backchannel"
    reply: int
    voice: str = ""
    text: str = ""
    onset_ms: int = 0  # where the user's voice starts in the microphone stream
    in_pause: bool = False  # said in a pause of the reply (`PAUSE_S`), between two sentences


def _frames(x: np.ndarray) -> list[np.ndarray]:
    n = len(x) // FRAME_SAMPLES
    return [x[i * FRAME_SAMPLES:(i + 1) * FRAME_SAMPLES] for i in range(n)]


def _to_i16(x: np.ndarray) -> np.ndarray:
    return np.clip(np.round(x), -32768, 32767).astype(np.int16)


def said(cache_dir: Path, text: str, voice) -> np.ndarray:
    """`text` (a trial's words, or a backchannel spelt in `_SPOKEN`) in an espeak-ng `voice`."""
    from earpiece_tools.voices import espeak, shifted

    pcm = espeak(cache_dir, _SPOKEN.get(text, text), voice.espeak_voice, voice.speed_wpm)
    if text in _TEMPO:
        pcm = shifted(cache_dir, pcm, 0, _TEMPO[text])
    return np.frombuffer(pcm, dtype="<i2")


def _sentence_gap(reply: np.ndarray) -> int:
    """The sample in the middle of the reply's first pause (100 ms below 1 % of its loudest
    frame) after its first second: where a sentence ends."""
    frames = _frames(reply.astype(np.float64))
    rms = np.array([math.sqrt(float(np.mean(f * f))) for f in frames])
    quiet = rms < rms.max() * 0.01
    first = SAMPLE_RATE_HZ // FRAME_SAMPLES
    for i in range(first, len(quiet) - 5):
        if quiet[i:i + 5].all():
            return (i + 2) * FRAME_SAMPLES
    return first * FRAME_SAMPLES


def _voice_onset(pcm: np.ndarray) -> int:
    """First sample of the 20 ms frame where the voice rises within 30 dB of its loudest frame."""
    frames = _frames(pcm.astype(np.float64))
    rms = np.array([math.sqrt(float(np.mean(f * f))) for f in frames])
    first = int(np.argmax(rms >= rms.max() * 10 ** (-30 / 20)))
    return first * FRAME_SAMPLES


def run(synthesiser, cache_dir: Path, *, rounds: int = 1,
        echo: EchoPath = EchoPath(), user_level_db: float = 6.0, seed: int = 7,
        config=None, debug: bool = False, alignment: str = "positions") -> dict:
    """The figures, as one dict (the `barge_in` key of `earpiece bench --json`).

    user_level_db: the user's voice at the microphone, relative to the reply's echo there.
    """
    from earpiece_host.speech.barge_in import (STOP_VARIANTS, BargeInConfig, BargeInDetector,
                                               BargeInKind)
    from earpiece_host.speech.echo_cancel import DownlinkTimeline, FarEndTimeline
    from earpiece_tools.voices import VOICES

    cache_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    noise_rng = np.random.default_rng(seed)
    config = config or BargeInConfig()
    replies = [np.frombuffer(b"".join(synthesiser.synthesise(text)), dtype="<i2") for text in REPLIES]
    voices = [v for v in VOICES if v.engine == "espeak-ng"]
    trials: list[_Trial] = []
    for _ in range(rounds):
        for i in range(len(replies)):
            trials.append(_Trial("silent", i))
        for i, voice in enumerate(voices):
            trials.append(_Trial("stop", i % len(replies), voice.name, STOPS[i % len(STOPS)]))
            trials.append(_Trial("request", (i + 3) % len(replies), voice.name,
                                 REQUESTS[i % len(REQUESTS)]))
    rng.shuffle(trials)
    for r in range(rounds):  # after the others: their random draws stay as they were
        for i, voice in enumerate(voices):
            trials.append(_Trial("backchannel", (i + 1) % len(replies), voice.name,
                                 BACKCHANNELS[(i + r) % len(BACKCHANNELS)]))
    for r in range(rounds):  # ... and the hummed ones after those
        for i, voice in enumerate(voices):
            trials.append(_Trial("backchannel", (i + 2) % len(replies), voice.name,
                                 HUMMED[(i + r) % len(HUMMED)], in_pause=(i + r) % 2 == 0))
    for r in range(rounds):  # ... and the repeated ones after those
        for i, voice in enumerate(voices):
            trials.append(_Trial("backchannel", (i + 4) % len(replies), voice.name,
                                 REPEATED[(i + r) % len(REPEATED)], in_pause=(i + r) % 2 == 1))
    if alignment not in ("positions", "clock"):
        raise ValueError(f"alignment is 'positions' or 'clock', not {alignment!r}")
    timeline = FarEndTimeline()
    downlink = DownlinkTimeline()
    sent = 0  # the session's downlink samples so far, as the device numbers them
    # As the voice loop builds it: no recogniser on the stream (voice.py), the stop spotter only.
    detector = BargeInDetector(None, config, timeline, downlink=downlink)
    voice_of = {v.name: v for v in voices}
    host_t = 10.0  # host clock (s)
    results = []
    busy_s = 0.0
    frames_pushed = 0
    erles = []
    erle_each: list[tuple[int, float]] = []  # (reply's place in the run, ERLE) of replies heard alone
    played_lag_ms: float | None = None
    for trial in trials:
        reply = replies[trial.reply]
        if trial.in_pause:  # the next sentence comes late: the voice loop plays silence
            gap = _sentence_gap(reply)
            reply = np.concatenate([reply[:gap], np.zeros(int(PAUSE_S * SAMPLE_RATE_HZ), np.int16),
                                    reply[gap:]])
        # The device's link and playback lag this reply (what PLAYED measures), and the uplink
        # delay of the stream's first microphone frame (the alignment's anchor).
        lag_ms = DEVICE_LAG_MS + rng.uniform(0, LAG_JITTER_MS)
        up_ms = rng.uniform(2, 15)
        tail = np.zeros(SAMPLE_RATE_HZ // 2, dtype=np.int16)
        speaker = np.concatenate([reply, tail])
        mic = echo.apply(speaker) + noise_rng.normal(0, 20, len(speaker))  # a quiet room, ~-64 dBFS
        if trial.kind != "silent":
            voice = voice_of[trial.voice]
            user = said(cache_dir, trial.text, voice).astype(np.float64)
            echo_rms = _active_rms(echo.apply(reply.astype(np.float64)))
            user *= echo_rms * 10 ** (user_level_db / 20) / max(_active_rms(user), 1e-9)
            start = int(rng.uniform(1.0, 2.5) * SAMPLE_RATE_HZ)
            if trial.in_pause:  # 100 ms into the pause (the echo of the sentence has died away)
                start = gap + SAMPLE_RATE_HZ // 10
            end = min(len(mic), start + len(user))
            mic[start:end] += user[:end - start]
            trial.onset_ms = (start + _voice_onset(user)) * 1000 // SAMPLE_RATE_HZ
        mic16 = _to_i16(mic)
        # The host writes the reply's frames (reference) on its playback clock, 260 ms ahead;
        # the device plays them lag_ms later and its microphone frames arrive up_ms after capture.
        ref_frames = _frames(reply)
        written = 0
        reply_start = sent
        sent += len(ref_frames) * FRAME_SAMPLES
        error = int(rng.uniform(0, POSITION_ERROR_MS) * SAMPLE_RATE_HZ / 1000)
        stats_before = (detector.stats.mic_power, detector.stats.residual_power)
        detector.restart()
        if played_lag_ms is not None:
            detector.canceller.prior_delay_samples = int(played_lag_ms * SAMPLE_RATE_HZ / 1000)
        decision = None
        decided_ms = None
        for k, frame in enumerate(_frames(mic16)):
            now_ms = (k + 1) * 20
            while written < len(ref_frames) and written * 20 <= now_ms + 260:
                timeline.add(ref_frames[written].tobytes(), host_t + written * 0.02)
                downlink.add(ref_frames[written].tobytes(), reply_start + written * FRAME_SAMPLES)
                written += 1
            arrival = host_t + (lag_ms + up_ms + now_ms) / 1000.0
            # the sample the speaker played as this frame's first sample was captured, as the
            # board reckons it (never past what it has received)
            position = None
            if alignment == "positions":
                position = reply_start + max(0, min(k * FRAME_SAMPLES - error,
                                                    written * FRAME_SAMPLES))
            t0 = time.perf_counter()
            decision = detector.push(frame.astype("<i2").tobytes(), arrival, position)
            busy_s += time.perf_counter() - t0
            frames_pushed += 1
            if decision is not None:
                decided_ms = now_ms
                break
        if trial.kind == "silent":
            d_mic = detector.stats.mic_power - stats_before[0]
            d_res = detector.stats.residual_power - stats_before[1]
            if d_mic > 0:
                erles.append(10 * math.log10(d_mic / max(d_res, 1e-3)))
                erle_each.append((len(results), erles[-1]))
        if debug:
            print(trial.kind, trial.voice, trial.text, "onset_ms", trial.onset_ms, "decided", decided_ms,
                  decision, detector.stats, detector.canceller.delay_samples, file=sys.stderr)
        # the device's PLAYED report for this reply: its lag behind the host's estimate
        played_lag_ms = lag_ms + up_ms
        host_t += len(speaker) / SAMPLE_RATE_HZ + 1.0
        results.append((trial, decision, decided_ms))
    detector.close()

    silent = [(t, d) for t, d, _ in results if t.kind == "silent"]
    out: dict = {
        "echo_path": {"delay_ms": echo.delay_ms, "gain_db": echo.gain_db,
                      "room_taps": len(ROOM_TAPS), "device_lag_ms": DEVICE_LAG_MS,
                      "lag_jitter_ms": LAG_JITTER_MS},
        "alignment": alignment,
        "position_error_ms": POSITION_ERROR_MS if alignment == "positions" else None,
        "user_voice_over_echo_db": user_level_db,
        "replies": len(silent),
        "erle_db_p50": round(statistics.median(erles), 1) if erles else None,
        "erle_db_min": round(min(erles), 1) if erles else None,
        "erle_db_by_place": [[place, round(e, 1)] for place, e in erle_each],
        "false_barge_ins": sum(1 for _, d in silent if d is not None),
        "false_barge_ins_per_reply": round(sum(1 for _, d in silent if d is not None)
                                          / max(1, len(silent)), 3),
        "delay_searches": detector.canceller.delay_searches,
        "delay_searches_failed": detector.canceller.searches_failed,
        "realignments": detector.canceller.realignments,
        "acoustic_delay_ms": (round(detector.canceller.delay_samples * 1000 / SAMPLE_RATE_HZ, 1)
                              if detector.canceller.delay_samples is not None else None),
        "detector_ms_per_frame": round(busy_s * 1000 / max(1, frames_pushed), 2),
        "stop_spotter": "pocketsphinx keyphrase "
                        + ", ".join(f"{p!r} at {t:g}" for p, t in config.stop_phrases)
                        + "".join(f" (also {', '.join(STOP_VARIANTS.get(p, ()))})"
                                  for p, _ in config.stop_phrases if STOP_VARIANTS.get(p)),
    }
    backchannels = [(t, d) for t, d, _ in results if t.kind == "backchannel"]
    out["backchannel_trials"] = len(backchannels)
    out["backchannel_false_barge_ins"] = sum(1 for _, d in backchannels if d is not None)
    out["backchannels_that_stopped_a_reply"] = [
        f"{t.voice}: {t.text!r}{' in a pause' if t.in_pause else ''} (as {d.kind.value})"
        for t, d in backchannels if d is not None]
    hummed = [(t, d) for t, d in backchannels if t.text in HUMMED]
    out["hummed_trials"] = len(hummed)  # of backchannel_trials, and their false barge-ins
    out["hummed_false_barge_ins"] = sum(1 for _, d in hummed if d is not None)
    repeated = [(t, d) for t, d in backchannels if t.text in REPEATED]
    out["repeated_trials"] = len(repeated)  # of backchannel_trials, and their false barge-ins
    out["repeated_false_barge_ins"] = sum(1 for _, d in repeated if d is not None)
    for kind in ("stop", "request"):
        rows = [(t, d, ms) for t, d, ms in results if t.kind == kind]
        # Detected: the reply was stopped after the user began (as "stop" or as a request:
        # either way the voice loop listens on from the onset, see voice.py).
        hits = [(t, d, ms) for t, d, ms in rows if d is not None and ms is not None
                and ms >= t.onset_ms]
        latencies = sorted(ms - t.onset_ms for t, _, ms in hits)
        out[kind] = {
            "trials": len(rows),
            "detected": len(hits),
            "detection_rate": round(len(hits) / max(1, len(rows)), 3),
            "as_stop": sum(1 for _, d, _ in hits if d.kind is BargeInKind.STOP),
            "as_request": sum(1 for _, d, _ in hits if d.kind is BargeInKind.REQUEST),
            "latency_ms_p50": latencies[len(latencies) // 2] if latencies else None,
            "latency_ms_p95": latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
            if latencies else None,
            "missed": [f"{t.voice}: {t.text!r}" for t, d, ms in rows if (t, d, ms) not in hits],
        }
    return out


FIRMWARE_REQUEST = "What can you do?"  # its reply is about 15 s: room to talk over it
FIRMWARE_USER_AFTER_S = (3.5, 5.0)  # the user speaks this long after the request ends


def _firmware_scripts(cache_dir: Path, devices: int, per_kind: int, seed: int,
                      backchannels: int = 0) -> tuple[list, list]:
    """Each device's microphone script (its requests, taps and the user's voice over the replies)
    and its plan: (trials, request starts, request ends, onsets of the user's voice), in samples."""
    from earpiece_tools import harness
    from earpiece_tools.voices import VOICES

    cache_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    voices = [v for v in VOICES if v.engine == "espeak-ng"]
    trials = [_Trial(kind, 0, voices[i % len(voices)].name,
                     STOPS[i % len(STOPS)] if kind == "stop" else REQUESTS[i % len(REQUESTS)])
              for kind in ("silent", "stop", "request") for i in range(per_kind)]
    rng.shuffle(trials)
    # after the others, whose random draws stay as they were
    said_over = BACKCHANNELS + HUMMED + REPEATED  # the single ones first, as before the others came
    trials += [_Trial("backchannel", 0, voices[i % len(voices)].name, said_over[i % len(said_over)])
               for i in range(backchannels)]
    voice_of = {v.name: v for v in voices}

    def spoken(text: str, voice_name: str) -> np.ndarray:
        v = voice_of[voice_name]
        x = said(cache_dir, text, v).astype(np.float64)
        return x * (32768 * 10 ** (-20 / 20) / max(_active_rms(x), 1e-9))  # -20 dBFS voiced

    scripts, plans = [], []
    for d in range(devices):
        mine = trials[d::devices]
        mic: list[np.ndarray] = []
        taps, starts, ends, onsets = [], [], [], []
        at = 0
        for trial in mine:
            request = spoken(FIRMWARE_REQUEST, trial.voice)
            voiced_end = harness.voiced_end(_to_i16(request).tobytes())
            window_s = {"silent": 19.0, "stop": 9.0, "request": 13.0, "backchannel": 19.0}[trial.kind]
            lead = int(harness.TAP_LEAD_S * SAMPLE_RATE_HZ)
            block = np.zeros(lead + len(request) + int(window_s * SAMPLE_RATE_HZ))
            block[lead:lead + len(request)] = request
            onset = None
            if trial.kind != "silent":
                user = spoken(trial.text, trial.voice)
                start = lead + voiced_end + int(rng.uniform(*FIRMWARE_USER_AFTER_S) * SAMPLE_RATE_HZ)
                block[start:start + len(user)] += user
                onset = at + start + _voice_onset(user)
            taps.append(harness.FIRST_TAP_S + at / SAMPLE_RATE_HZ)
            starts.append(at + lead)
            ends.append(at + lead + voiced_end)
            onsets.append(onset)
            mic.append(block)
            at += len(block)
        pcm = _to_i16(np.concatenate(mic)).tobytes()
        scripts.append(harness.Script(pcm, tuple(taps), tuple(starts), ()))
        plans.append((mine, starts, ends, onsets))
    return scripts, plans


async def run_through_firmware(services, cache_dir: Path, workdir: Path, *, devices: int = 2,
                               per_kind: int = 6, echo_path: str = "40,-10", seed: int = 7,
                               codec: str = "adpcm", debug: bool = False, backchannels: int = 0) -> dict:
    """The same figures through the real firmware: virtual earpieces (`sim --echo-path`) against
    the in-process voice loop with barge-in on (the same path as `earpiece serve --barge-in`).

    Each trial is one spoken request ("What can you do?", espeak-ng) and its long reply, heard
    only through its echo (`silent`), or with "stop" or a request said over it by an espeak-ng
    voice 3.5-5 s after the request ended. A reply counts as stopped when the earpiece got the
    host's INTERRUPT while it played (not at the taps that start trials): before the user's
    voice began it is a false barge-in, after it a detection, whose latency runs from that onset
    in its microphone to the INTERRUPT's arrival (device timeline); the detector's own figure
    is audio time. Only a voice over a reply that played on for half a second after it began
    counts: one said before the reply began (a slow turn) or as it ended (a misheard request's
    short reply) is listed apart, and an INTERRUPT the detector did not decide is no detection.
    """
    from earpiece_host.link_audio import CODEC_NAMES
    from earpiece_host.session import SessionConfig
    from earpiece_host.protocol import Source
    from earpiece_host.speech.barge_in import BargeInConfig
    from earpiece_host.voice import VoiceConfig
    from earpiece_tools import harness
    from earpiece_tools.timeline import Kind, read_timeline

    scripts, plans = _firmware_scripts(cache_dir, devices, per_kind, seed, backchannels)
    services.config = VoiceConfig(seed=seed, barge_in=BargeInConfig())
    handlers: dict[str, Any] = {}
    detectors: dict[str, Any] = {}
    stretches: dict[str, list[tuple[float, float, int]]] = {}
    factory = services.handler

    def handler(info):
        h = factory(info)
        handlers[info.device_id] = h
        started, stopped = h.started, h.stopped

        async def start(link):
            await started(link)
            det = h._barge_in
            detectors[info.device_id] = det
            marks = stretches.setdefault(info.device_id, [])
            restart = det.restart

            def restart_and_mark():  # per-reply ERLE: the stats at each new stretch
                marks.append((det.stats.mic_power, det.stats.residual_power, det.stats.onsets))
                restart()

            det.restart = restart_and_mark

        async def stop():
            det = h._barge_in
            if det is not None:
                stretches[info.device_id].append((det.stats.mic_power, det.stats.residual_power,
                                                  det.stats.onsets))
            await stopped()

        h.started, h.stopped = start, stop
        return h

    services.handler = handler
    try:
        runs = await harness.run_devices(services, scripts, workdir, echo_path=echo_path,
                                         session=SessionConfig(codec=CODEC_NAMES[codec]))
    finally:
        services.handler = factory
    rows = []  # (trial, outcome, turn, decision, latency_ms, user): outcome "early", "hit", "other interrupt" or ""
    trial_rows: list[dict] = []  # each device's trials in order, for --debug
    erles: list[float] = []
    aligned = {"delay_searches": 0, "searches_failed": 0, "realignments": 0, "stretch_shifts": 0}
    delays = []
    for run, (mine, starts, ends, onsets) in zip(runs, plans):
        h = handlers[run.device_id]
        det = detectors[run.device_id]
        pos = det.positioned
        if pos is not None:
            for key in aligned:
                aligned[key] += getattr(pos, key)
            if pos.delay_samples is not None:
                delays.append(pos.delay_samples)
        marks = stretches.get(run.device_id, [])
        for (m0, r0, v0), (m1, r1, v1) in zip(marks, marks[1:]):
            if m1 - m0 > 1e6 and v1 == v0:  # a reply heard alone: no voice over it
                erles.append(10 * math.log10((m1 - m0) / max(r1 - r0, 1e-3)))
        records = read_timeline(workdir / f"{run.device_id}.timeline")
        interrupts = [r.t_us for r in records if r.kind == Kind.INTERRUPT_RX and r.a == Source.HOST]
        bounds = [harness.sample_time_us(records, s) for s in starts[1:]] + [float("inf")]
        played = [r.t_us for r in records if r.kind == Kind.SPEAKER_PLAYED]
        trial_turns = [t for t in h.turns if t.source == Source.BUTTON]
        decisions = iter(h.barge_ins)
        for i, trial in enumerate(mine):
            # the trial's own tap (at begin) and the next one's (half a second before end) may
            # interrupt a reply still playing, as a button does: not voice barge-ins
            begin = (harness.sample_time_us(records, starts[i]) or 0.0) + 500_000
            end = (bounds[i] or float("inf")) - 500_000
            turn = trial_turns[i] if i < len(trial_turns) else None
            decision = next(decisions, None) if turn is not None and turn.barge_in else None
            onset_us = harness.sample_time_us(records, onsets[i]) if onsets[i] is not None else None
            during = [t for t in interrupts if begin < t < end]
            outcome, latency = "", None
            if during and (onset_us is None or during[0] < onset_us):
                outcome = "early"
            elif during and turn is not None and turn.barge_in:
                outcome, latency = "hit", (during[0] - onset_us) / 1000
            elif during:  # an interrupt the detector did not decide (a turn the host opened)
                outcome = "other interrupt"
            # Did the user speak over the reply? Not when the host answered later than the user
            # spoke (a slow turn on a loaded machine), nor when its reply had ended or was ending
            # (a misheard request has a short reply): a reply that plays on for half a second
            # after the voice began could have been stopped.
            end_us = harness.sample_time_us(records, ends[i]) or 0.0
            reply_us = next((t for t in played if t > end_us), None)
            over = None if onset_us is None else "over the reply"
            if onset_us is not None and (reply_us is None or reply_us > onset_us):
                over = "before the reply began"
            elif onset_us is not None and outcome != "hit" and not any(
                    onset_us + 500_000 <= t <= onset_us + 1_500_000 for t in played):
                over = "as the reply ended"
            rows.append((trial, outcome, turn, decision, latency, over))
            trial_rows.append({
                "device": run.device_id, "kind": trial.kind, "voice": trial.voice, "text": trial.text,
                "heard": turn.heard if turn is not None else None,
                "reply_after_ms": None if reply_us is None else round((reply_us - end_us) / 1000),
                "user": over, "outcome": outcome,
                "interrupt_latency_ms": None if latency is None else round(latency),
                "decided_ms": decision.decided_ms if decision is not None else None})
    silent = [r for r in rows if r[0].kind == "silent"]
    out: dict = {
        "path": "the real firmware in virtual earpieces (sim --echo-path) against the voice loop",
        "echo_path": echo_path,
        "devices": devices,
        "alignment": "positions" if delays else "clock",
        "replies": len(silent),
        "erle_db_p50": round(statistics.median(erles), 1) if erles else None,
        "erle_db_min": round(min(erles), 1) if erles else None,
        "false_barge_ins": sum(1 for r in silent if r[1]),
        "stopped_before_the_user_spoke": sum(1 for r in rows if r[0].kind != "silent" and r[1] == "early"),
        "interrupted_otherwise": sum(1 for r in rows if r[1] == "other interrupt"),
        "codec": codec,
        **aligned,
        "acoustic_delay_ms": [round(d * 1000 / SAMPLE_RATE_HZ, 1) for d in delays],
        "underruns": sum(r.underruns for r in runs),
        "firmware_exit_codes": [r.returncode for r in runs],
    }
    if debug:
        out["trials"] = trial_rows
    if backchannels:  # said over a reply 3.5-5 s after the request, after all the other trials
        said = [r for r in rows if r[0].kind == "backchannel"]
        out["backchannel_trials"] = len(said)
        out["backchannel_over_the_reply"] = sum(1 for r in said if r[5] == "over the reply" or r[1] == "hit")
        out["backchannel_false_barge_ins"] = sum(1 for r in said if r[1] == "hit")
        out["backchannels_that_stopped_a_reply"] = [f"{r[0].voice}: {r[0].text!r}" for r in said if r[1] == "hit"]
    for kind in ("stop", "request"):
        mine = [r for r in rows if r[0].kind == kind]
        hits = [r for r in mine if r[1] == "hit"]
        over = [r for r in mine if r[5] == "over the reply" or r[1] == "hit"]
        latencies = sorted(r[4] for r in hits if r[4] is not None)
        audio = sorted(r[3].decided_ms for r in hits if r[3] is not None)
        out[kind] = {
            "trials": len(mine),
            "over_the_reply": len(over),
            "detected": len(hits),
            "as_stop": sum(1 for r in hits if r[2] is not None and r[2].barge_in == "stop"),
            "as_request": sum(1 for r in hits if r[2] is not None and r[2].barge_in == "request"),
            "interrupt_latency_ms_p50": round(latencies[len(latencies) // 2]) if latencies else None,
            "interrupt_latency_ms_max": round(latencies[-1]) if latencies else None,
            "decision_audio_ms_p50": audio[len(audio) // 2] if audio else None,
            "missed": [f"{r[0].voice}: {r[0].text!r}" for r in over if r[1] != "hit"],
            "not_over_the_reply": [f"{r[0].voice}: {r[0].text!r} ({r[5]})" for r in mine
                                   if not any(r is o for o in over)],
        }
    return out


def _active_rms(x: np.ndarray) -> float:
    frames = _frames(x.astype(np.float64))
    if not frames:
        return 0.0
    rms = np.array([math.sqrt(float(np.mean(f * f))) for f in frames])
    active = rms[rms >= rms.max() * 10 ** (-30 / 20)]
    return float(math.sqrt(float(np.mean(active * active))))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m earpiece_tools.barge_in_bench",
                                 description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--rounds", type=int, default=1, help="times through the trials")
    ap.add_argument("--echo-path", default="40,-10", metavar="DELAY_MS,GAIN_DB")
    ap.add_argument("--user-db", type=float, default=6.0,
                    help="the user's voice at the microphone relative to the reply's echo")
    ap.add_argument("--cache", type=Path, default=Path("out/bench-voices"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--debug", action="store_true",
                    help="print each trial to stderr (with --through-firmware: a `trials` key)")
    ap.add_argument("--stop-threshold", type=float, help="the keyphrase spotter's threshold")
    ap.add_argument("--alignment", choices=("positions", "clock"), default="positions",
                    help="the device's playback positions (MIC_AUDIO_PLAYING) or the host's clock")
    ap.add_argument("--through-firmware", action="store_true",
                    help="measure through the real firmware in virtual earpieces against the voice loop")
    ap.add_argument("--devices", type=int, default=2, help="with --through-firmware: earpieces at once")
    ap.add_argument("--codec", choices=("adpcm", "pcm16"), default="adpcm",
                    help="with --through-firmware: the link's audio codec")
    ap.add_argument("--per-kind", type=int, default=6,
                    help="with --through-firmware: silent, stop and request trials of each")
    ap.add_argument("--backchannels", type=int, default=0, metavar="N",
                    help="with --through-firmware: N more trials, a backchannel said over the reply, after "
                         "all the others: the single ones (\"mm-hm\", \"yeah\", ...), then the hummed and "
                         "the repeated ones (12 says each once)")
    args = ap.parse_args(argv)
    if args.through_firmware:
        return _through_firmware(args)
    from earpiece_host.speech.piper_engine import load_synthesiser

    delay, gain = args.echo_path.split(",")
    from earpiece_host.speech.barge_in import BargeInConfig
    config = BargeInConfig()
    if args.stop_threshold is not None:
        config = dataclasses.replace(config, stop_phrases=(("stop", args.stop_threshold),))
    figures = run(load_synthesiser(), args.cache,
                  rounds=args.rounds, echo=EchoPath(int(delay), float(gain)),
                  user_level_db=args.user_db, debug=args.debug, config=config,
                  alignment=args.alignment)
    print(json.dumps(figures, indent=None if args.json else 2))
    return 0


def _through_firmware(args) -> int:
    import asyncio
    import tempfile

    from earpiece_host.dialogue import open_engine
    from earpiece_host.speech.choose import load_recogniser_factory
    from earpiece_host.speech.piper_engine import load_synthesiser
    from earpiece_host.voice import VoiceServices

    work = Path(tempfile.mkdtemp(prefix="earpiece-barge-in-"))
    the_os = open_engine(work / "os", seed=7, morning_briefing=False)
    services = VoiceServices(load_recogniser_factory("pocketsphinx"), load_synthesiser(), the_os)
    try:
        figures = asyncio.run(run_through_firmware(
            services, args.cache, work / "run", devices=args.devices, per_kind=args.per_kind,
            echo_path=args.echo_path, codec=args.codec, debug=args.debug, backchannels=args.backchannels))
    finally:
        services.close()
        the_os.close()
        if args.debug:  # the virtual earpieces' timelines and WAVs, for a closer look
            print(f"kept {work / 'run'}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(figures, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
