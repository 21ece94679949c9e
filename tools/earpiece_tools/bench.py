"""``earpiece bench``: response latency and recognition of the real host, as one JSON object.

Latency: each virtual earpiece (the real firmware in MicroPython) hears a set of varied spoken
requests, one after a button tap each; latencies come from the device's own timeline (microphone
capture and speaker playback times), host-side figures from the host's turn records.

Recognition: the spoken benchmark speaks 64 requests across all intents with voices the host never
uses (espeak-ng accents, male and female, and the host's Piper voice shifted in pitch and tempo),
clean and under café babble at 20 and 10 dB SNR, runs each through the voice loop's recognition
path (turn-taking, recogniser, the OS's understanding) and reports word error rate and requests
understood per voice and per noise level. The full run takes a while; `--voices` and `--snr` pick
a subset.

Language model: when one is configured (`[llm]` in the settings, or `--llm URL`), a few open
questions go to it and `model` reports the time to its first token, to the first sentence the OS
can say and to the end of the answer, and how many turns in all went to the model; without a
model, `model` is null.

Codec: the `codec` figure is the recogniser's word error rate and exactly-right requests on the
same spoken requests as 16-bit PCM and after an IMA ADPCM round trip (the link's codec over USB
serial, docs/protocol.md section 4.1), from `earpiece_tools.codec_bench`.

Voice barge-in (`barge_in`, skipped with `--no-barge-in`): echo return loss enhancement on Piper
replies through the sim's echo path, false barge-ins with the user silent, and how often and how
fast "stop" or a request said over a reply by espeak-ng voices is heard (barge_in_bench.py).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import functools
import json
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from earpiece_host.speech.wake import WAKE_WORDS
from earpiece_tools import sim

from .model_bench import MODEL_PROMPTS, model_benchmark
from .voices import VOICES

# Varied everyday requests with short answers, so that each answer ends before the next request.
REQUESTS = (
    "What time is it?",
    "What's the date today?",
    "What's your name?",
    "Set a timer for five minutes.",
    "How much time is left on my timer?",
    "Cancel the timer.",
    "Remind me to call Amy tomorrow at five.",
    "What are my reminders?",
    "Add milk to my shopping list.",
    "What's on my shopping list?",
    "Take a note: buy stamps.",
    "Read my notes.",
    "Remember that my locker number is twelve.",
    "What is my locker number?",
    "How is my battery?",
    "Turn the volume up.",
    "Say that again.",
    "What's on my calendar today?",
    "Do I have any new email?",
    "Thank you.",
    "Who are you?",
    "What day is it tomorrow?",
)

# The spoken benchmark: (intent, request) across every intent the OS has but dictation (which needs
# an open letter) and fallback. A request counts as understood when the OS takes the heard words
# for the same intent with the same slots as the written request.
SPOKEN_REQUESTS = (
    ("time.now", "What time is it?"), ("time.now", "Tell me the time, please."),
    ("date.today", "What's the date today?"), ("date.today", "What day is it today?"),
    ("timer.set", "Set a timer for five minutes."), ("timer.set", "Start a timer for twenty minutes."),
    ("timer.status", "How much time is left on my timer?"), ("timer.status", "How long is left on the timer?"),
    ("timer.cancel", "Cancel the timer."), ("timer.cancel", "Stop my timer."),
    ("timer.pause", "Pause the timer."), ("timer.resume", "Resume the timer."),
    ("reminder.set", "Remind me to call Amy tomorrow at five."), ("reminder.set", "Remind me to water the plants in ten minutes."),
    ("reminder.list", "What are my reminders?"), ("reminder.list", "Do I have any reminders?"),
    ("reminder.cancel", "Cancel my reminder to call Amy."), ("reminder.cancel", "Delete the reminder about the plants."),
    ("list.add", "Add milk to my shopping list."), ("list.add", "Put eggs on the shopping list."),
    ("list.read", "What's on my shopping list?"), ("list.read", "Read me my shopping list."),
    ("note.add", "Take a note: buy stamps."), ("note.add", "Make a note that the car needs oil."),
    ("note.read", "Read my notes."), ("note.read", "What are my notes?"),
    ("memory.remember", "Remember that my locker number is twelve."), ("memory.remember", "Remember that my sister's name is Laura."),
    ("memory.recall", "What is my locker number?"), ("memory.recall", "What's my sister's name?"),
    ("memory.forget", "Forget my locker number."), ("memory.forget", "Forget what I told you about my sister."),
    ("device.battery", "How is my battery?"), ("device.battery", "How much battery is left?"),
    ("device.volume", "Turn the volume up."), ("device.volume", "Make it quieter."),
    ("conversation.repeat", "Say that again."), ("conversation.repeat", "Could you repeat that?"),
    ("conversation.cancel", "Never mind."), ("conversation.cancel", "Forget it."),
    ("calendar.query", "What's on my calendar today?"), ("calendar.query", "Do I have any meetings tomorrow?"),
    ("calendar.add", "Add lunch with Sam to my calendar on Friday at noon."), ("calendar.add", "Put a dentist appointment on my calendar tomorrow at nine."),
    ("email.unread", "Do I have any new email?"), ("email.unread", "Any new messages?"),
    ("email.read", "Read my latest email."), ("email.read", "Read me the email from Amy."),
    ("letter.start", "Write a letter to my grandmother."), ("letter.start", "Start a letter to Amy."),
    ("letter.end", "End the letter."), ("letter.readback", "Read the letter back to me."),
    ("letter.proofread", "Proofread my letter."),
    ("persona.name", "What's your name?"), ("persona.name", "Who are you?"),
    ("persona.about", "Tell me about yourself."), ("persona.about", "Describe yourself."),
    ("persona.rename", "I'd like to call you Ava."),
    ("help", "Help."), ("help", "What can I ask you?"),
    ("smalltalk", "Thank you."), ("smalltalk", "Good morning."),
    ("date.today", "What day is it tomorrow?"), ("time.now", "What's the time?"),
    # Intents added to the OS after the figures in the README were measured (alarms, sums, mail
    # you act on, lists, named timers); the README's tables are for the 64 requests above.
    ("alarm.set", "Set an alarm for seven a.m."), ("alarm.set", "Wake me up at half six tomorrow."),
    ("alarm.list", "When is my next alarm?"), ("alarm.cancel", "Turn off my alarm."),
    ("calc", "What's six times seven?"), ("calc", "How much is nineteen plus twenty three?"),
    ("conversation.end", "Goodbye."), ("conversation.end", "Good night."),
    ("email.compose", "Write an email to my sister."), ("email.next", "Read the next email."),
    ("email.previous", "Read the previous email."), ("email.mark", "Mark it as read."),
    ("email.reply", "Reply saying I'll be there at six."), ("email.send", "Send the reply."),
    ("list.remove", "Take bread off the shopping list."), ("list.remove", "Remove eggs from my shopping list."),
    ("timer.modify", "Change the rice timer to twenty minutes."),
    ("list.clear", "Clear the shopping list."), ("letter.from_brief", "Write the letter Tatiana asked for."),
    ("reminder.before_event", "Remind me an hour before the dentist."), ("date.until", "How many days until Christmas?"),
    ("timer.add", "Add two minutes to the timer."), ("list.which", "What lists do I have?"),
    ("letter.list", "What letters have I written?"), ("letter.resume", "Continue my letter to Amy."),
    ("note.find", "Search my notes for the plumber."), ("note.delete", "Delete the note about the plumber."),
    ("alarm.snooze", "Snooze the alarm for ten minutes."),
    ("calendar.headsup", "Warn me fifteen minutes before my meetings."),
    ("calendar.move", "Move the dentist to Thursday at ten."), ("calendar.cancel", "Cancel lunch with Amy."),
)
# Intents that only follow an earlier turn ("make it 7:15 instead" after an alarm, "undo" after a
# deletion): a single request cannot mean them, so the spoken benchmark does not ask them.
FOLLOW_UP_INTENTS = frozenset({"alarm.modify", "reminder.modify", "email.archive", "email.delete", "email.undo",
                               "letter.edit", "conversation.next", "conversation.previous",
                               "alarm.stop",  # "stop" / "I'm up" while an alarm rings
                               "memory.remind_yearly"})  # the yes to "Shall I remind you every year?"

SPOKEN_NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)
"""The fixed "now" that the written and the heard request are both understood against."""
SNRS_DB = (None, 20.0, 10.0)  # None: clean


def main(argv: list[str]) -> int:
    from earpiece_host.service import add_engine_arguments, engine_choice
    from earpiece_host.settings import SettingsError

    parser = argparse.ArgumentParser(prog="earpiece bench", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    parser.add_argument("--devices", type=int, default=1, metavar="K",
                        help="virtual earpieces at once (default 1)")
    parser.add_argument("--requests", type=int, default=len(REQUESTS), metavar="N",
                        help=f"spoken requests per device (default {len(REQUESTS)})")
    parser.add_argument("--heap", default=sim.DEFAULT_HEAP,
                        help=f"the firmware's MicroPython heap (default {sim.DEFAULT_HEAP})")
    parser.add_argument("--out", type=Path, help="keep WAVs and timelines here (default: a temp folder)")
    parser.add_argument("--voices", default="all", metavar="NAMES",
                        help="spoken benchmark voices, comma-separated, 'all' (default) or 'none'; "
                             f"one of {', '.join(v.name for v in VOICES)}")
    parser.add_argument("--snr", default="clean,20,10", metavar="LIST",
                        help="noise levels for the spoken benchmark: 'clean' and/or SNRs in dB (default clean,20,10)")
    parser.add_argument("--spoken", type=int, default=len(SPOKEN_REQUESTS), metavar="N",
                        help=f"spoken benchmark requests per voice (default all {len(SPOKEN_REQUESTS)})")
    parser.add_argument("--wake-word", choices=WAKE_WORDS, metavar="NAME",
                        help="also count false accepts of this wake word on the spoken benchmark's "
                             "audio (none of it contains the wake word)")
    parser.add_argument("--codec-requests", type=int, default=8, metavar="N",
                        help="the 'codec' figure: the recogniser's accuracy on N requests per voice as "
                             "16-bit PCM and after an IMA ADPCM round trip (default 8; 0 skips it; "
                             "python -m earpiece_tools.codec_bench runs all of them)")
    parser.add_argument("--no-latency", action="store_true",
                        help="skip the virtual earpieces; run only the spoken benchmark (and the model's part)")
    parser.add_argument("--llm", metavar="URL",
                        help="an OpenAI-compatible model to time (default: [llm] base_url in the settings)")
    parser.add_argument("--llm-model", metavar="NAME", help="the model's name on that server (default: [llm] model)")
    parser.add_argument("--model-prompts", type=int, default=len(MODEL_PROMPTS), metavar="N",
                        help=f"open questions asked of the model when one is configured (default {len(MODEL_PROMPTS)})")
    parser.add_argument("--no-barge-in", action="store_true",
                        help="skip the voice barge-in figures (echo cancellation, false barge-ins, "
                             "\"stop\" and requests spoken over replies)")
    parser.add_argument("--asr-processes", type=int, default=None, metavar="N",
                        help="worker processes for a recogniser that holds the GIL (pocketsphinx, "
                             "Whisper), besides one for the endpointers; 0 runs them all in the "
                             "host's own process (default: the host's default)")
    add_engine_arguments(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    if args.devices < 1 or args.requests < 1 or args.spoken < 1 or args.model_prompts < 1:
        parser.error("--devices, --requests, --spoken and --model-prompts must be at least 1")
    try:
        args.voice_list = _pick_voices(args.voices)
        args.snr_list = _parse_snrs(args.snr)
    except ValueError as err:
        parser.error(str(err))
    # `--no-latency --voices none`: the language model's part alone, no speech engines loaded
    args.model_only = args.no_latency and not args.voice_list
    try:
        choice = engine_choice(args)  # the user's settings file (voice, persona, model) and flags
    except SettingsError as err:
        print(f"earpiece bench: {err}", file=sys.stderr)
        return 2
    choice = _with_model_flags(choice, args)
    args.model = dict(choice.dialogue).get("llm_base_url")
    if args.model_only and not args.model:
        parser.error("--no-latency with --voices none leaves nothing to measure (no language model is configured)")
    if choice.data_dir is None:
        choice = dataclasses.replace(choice, data_dir=Path(tempfile.mkdtemp(prefix="earpiece-bench-os-")))
    result = asyncio.run(_bench(args, choice))
    if result is None:
        return 1
    if args.codec_requests > 0 and not args.model_only:
        from earpiece_tools import codec_bench

        asr = choice.asr if choice.asr in ("auto", "vosk", "pocketsphinx", "whisper") else "auto"
        try:
            result["codec"] = codec_bench.run(args.codec_requests, asr=asr)
        except (OSError, subprocess.CalledProcessError) as err:
            result["codec"] = {"error": f"cannot speak the requests ({err}); install espeak-ng and sox"}
    print(json.dumps(result, indent=None if args.json else 2))
    return 0


def _with_model_flags(choice, args):
    """--llm and --llm-model over the settings file's [llm]."""
    dialogue = dict(choice.dialogue)
    if args.llm:
        dialogue["llm_base_url"] = args.llm
    if args.llm_model:
        dialogue["llm_model"] = args.llm_model
    return dataclasses.replace(choice, dialogue=tuple(dialogue.items()))


def _pick_voices(spec: str) -> list:
    if spec == "all":
        return list(VOICES)
    if spec == "none":
        return []
    by_name = {v.name: v for v in VOICES}
    names = [n.strip() for n in spec.split(",") if n.strip()]
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise ValueError(f"unknown voice {', '.join(unknown)}; choose from {', '.join(by_name)}, all or none")
    return [by_name[n] for n in names]


def _parse_snrs(spec: str) -> list[float | None]:
    out: list[float | None] = []
    for item in (i.strip() for i in spec.split(",") if i.strip()):
        if item == "clean":
            out.append(None)
            continue
        try:
            out.append(float(item))
        except ValueError:
            raise ValueError(f"--snr takes 'clean' or numbers of dB, not {item!r}") from None
    if not out:
        raise ValueError("--snr needs at least one level")
    return out


async def _bench(args, choice) -> dict | None:
    from earpiece_host.service import load_voice_services
    from earpiece_host.speech.asr import ModelUnavailableError
    from earpiece_host.speech.tts import VoiceUnavailableError

    if args.model_only:
        return _model_only(args, choice)
    try:
        services = load_voice_services(choice, **({} if args.asr_processes is None
                                                  else {"asr_processes": args.asr_processes}))
    except (ModelUnavailableError, VoiceUnavailableError) as err:
        print(f"earpiece bench: {err}", file=sys.stderr)
        return None
    out = args.out or Path(tempfile.mkdtemp(prefix="earpiece-bench-"))
    result: dict = {"asr_backend": services.recognisers.description,
                    "tts_backend": services.synthesiser.description}
    try:
        if args.voice_list:
            loop = asyncio.get_running_loop()
            result.update(await loop.run_in_executor(None, spoken_benchmark, services, args.voice_list,
                                                     args.snr_list, SPOKEN_REQUESTS[:args.spoken], out,
                                                     args.wake_word))
        if not args.no_barge_in:
            from . import barge_in_bench

            result["barge_in"] = await asyncio.get_running_loop().run_in_executor(
                None, functools.partial(barge_in_bench.run, services.synthesiser, out / "voices"))
        if not args.no_latency:
            latency = await _latency(args, services, out)
            if latency is None:
                return None
            result.update(latency)
        result["model"] = await asyncio.get_running_loop().run_in_executor(None, _model_part, args, services.os)
    finally:
        services.close()
    result["load_average_1min"] = round(os.getloadavg()[0], 2)  # the machine may be shared
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)
    result["out"] = str(out)
    return result


def _model_part(args, the_os) -> dict | None:
    """The model's figures, or None when no model is configured (or the OS's memory is down)."""
    from earpiece_host.dialogue import Engine

    if not args.model or not isinstance(the_os, Engine):
        return None
    return {"base_url": args.model, **model_benchmark(the_os, MODEL_PROMPTS[:args.model_prompts])}


def _model_only(args, choice) -> dict:
    """`--no-latency --voices none` with a model: only the OS and its model, no speech engines."""
    from earpiece_host.dialogue import open_engine

    the_os = open_engine(choice.data_dir, **dict(choice.dialogue))
    try:
        result: dict = {"model": _model_part(args, the_os)}
    finally:
        the_os.close()
    result["load_average_1min"] = round(os.getloadavg()[0], 2)
    return result


async def _latency(args, services, out: Path) -> dict | None:
    from . import harness

    texts = [REQUESTS[i % len(REQUESTS)] for i in range(args.requests)]
    requests = harness.synthesise_requests(services, texts, out / "requests")
    scripts = []
    for d in range(args.devices):
        rotated = requests[d % len(requests):] + requests[:d % len(requests)]  # devices don't speak in unison
        scripts.append(harness.build_script(rotated))
    started = time.monotonic()
    late_before = services.late_speech_frames
    load_before = os.getloadavg()[0]
    lag = LoopLag()
    lag.start()
    try:
        runs = await harness.run_devices(services, scripts, out, heap=args.heap)
    finally:
        lag.stop()
    failed = [run for run in runs if run.returncode != 0]
    for run in failed:
        print(f"earpiece bench: virtual earpiece {run.device_id} exited with code {run.returncode}:\n"
              f"{run.stderr[-1500:]}", file=sys.stderr)
    if failed:
        return None
    turns = [t for run in runs for t in run.turns]
    hosts = [t.host for t in turns if t.host is not None]
    speech_s = sum(h.speech_ms for h in hosts) / 1000.0
    tts_audio_s = sum(h.tts_audio_ms for h in hosts) / 1000.0
    understood = sum(1 for t in turns if t.intent and t.intent != "fallback")
    # what the device waited for after the host sent the first reply frame: the link, its prebuffer
    downlink = [t.response_latency_ms - t.endpoint_delay_ms - t.host.host_processing_ms for t in turns
                if None not in (t.response_latency_ms, t.endpoint_delay_ms)
                and t.host is not None and t.host.host_processing_ms is not None]
    return {
        "utterances": len(turns),
        "answered": sum(1 for t in turns if t.response_latency_ms is not None),
        "understood": understood,
        "response_latency_ms": harness.percentiles([t.response_latency_ms for t in turns]),
        "endpoint_delay_ms": harness.percentiles([t.endpoint_delay_ms for t in turns]),
        "host_processing_ms": harness.percentiles([h.host_processing_ms for h in hosts]),
        "tts_first_audio_ms": harness.percentiles([h.tts_first_audio_ms for h in hosts]),
        "transcript_wait_ms": harness.percentiles([h.transcript_wait_ms for h in hosts]),
        "brain_ms": harness.percentiles([h.brain_ms for h in hosts]),
        "answered_from_partial": sum(1 for h in hosts if h.early_text),
        "asr_rtf": round(sum(h.asr_busy_s for h in hosts) / speech_s, 3) if speech_s else None,
        "tts_rtf": round(sum(h.tts_busy_s for h in hosts) / tts_audio_s, 3) if tts_audio_s else None,
        "concurrent_devices": args.devices,
        "underruns": sum(run.underruns for run in runs),
        "underruns_after_device_stall": sum(run.underruns_after_stall for run in runs),
        # where the time goes, p50 of each stage (see docs/architecture.md, "Measured latency")
        "stages_p50_ms": {
            "endpoint_delay": harness.percentiles([t.endpoint_delay_ms for t in turns])["p50"],
            "transcript_wait": harness.percentiles([h.transcript_wait_ms for h in hosts])["p50"],
            "os": harness.percentiles([h.brain_ms for h in hosts])["p50"],
            "tts_first_audio": harness.percentiles([h.tts_first_audio_ms for h in hosts])["p50"],
            "downlink_and_device": harness.percentiles(downlink)["p50"]},
        # the host's own lateness: frames written after the device's buffer had run dry, and how
        # late the event loop woke up (a GIL held elsewhere, or a starved CPU)
        "host_late_speech_frames": services.late_speech_frames - late_before,
        "event_loop_lag_ms": lag.figures(),
        "asr_processes": len(services.recogniser_processes.pids)
        if services.recogniser_processes is not None else 0,
        "endpointers_in_a_process": services.turn_takers is not None,
        "load_average_before": round(load_before, 2),
        "pause_fill_ms": {"total": round(sum(h.pause_fill_ms for h in hosts)),
                          "turns": sum(1 for h in hosts if h.pause_fill_ms)},
        "firmware_peak_heap_bytes": max((run.peak_heap_bytes or 0) for run in runs),
        "firmware_heap_limit": args.heap,
        "wall_s": round(time.monotonic() - started, 1),
    }


class LoopLag:
    """How late the event loop wakes from a 10 ms sleep, sampled for as long as it runs."""

    def __init__(self, period_s: float = 0.01) -> None:
        self._period_s = period_s
        self._lags_ms: list[float] = []
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._sample())

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    async def _sample(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(self._period_s)
            self._lags_ms.append((time.perf_counter() - before - self._period_s) * 1000.0)

    def figures(self) -> dict:
        lags = sorted(self._lags_ms)
        if not lags:
            return {"p50": None, "p99": None, "max": None}
        return {"p50": round(lags[len(lags) // 2], 1), "p99": round(lags[int(0.99 * (len(lags) - 1))], 1),
                "max": round(lags[-1], 1), "over_100": sum(1 for v in lags if v > 100)}


def spoken_benchmark(services, voices: list, snrs: list[float | None], requests, out: Path,
                     wake_word: str | None = None) -> dict:
    """Every request in every voice at every noise level through the voice loop's recognition path."""
    from earpiece_host.dialogue import open_engine
    from earpiece_host.turn_taking import TurnTaker

    from . import harness
    from .listening import Understanding, hear, word_errors
    from .voices import babble, mix_at_snr, speak

    started = time.monotonic()
    cache = out / "voices"
    cache.mkdir(parents=True, exist_ok=True)
    noise = babble(cache)
    the_os = open_engine(out / "spoken-os", morning_briefing=False)  # a fresh OS: no conversation state
    try:
        understanding = Understanding(the_os.understand, SPOKEN_NOW)
        turn_taker = TurnTaker(services.config.endpoint, services.config.turn_taking, the_os.looks_complete)
        recogniser = services.recognisers.create()
        piper = lambda text: b"".join(services.synthesiser.synthesise(text))  # noqa: E731
        lead, tail = bytes(2 * 16000 * 3 // 10), bytes(2 * 16000 * 15 // 10)
        rows = []
        wake = WakeCount(wake_word) if wake_word else None
        for voice in voices:
            for i, (intent, text) in enumerate(requests):
                clip = lead + speak(voice, text, cache, piper) + tail
                for snr in snrs:
                    audio = clip if snr is None else mix_at_snr(clip, noise, snr, offset_samples=i * 7919)
                    heard = hear(audio, recogniser, turn_taker)
                    if wake is not None:
                        wake.count(audio)
                    errors, words = word_errors(text, heard.text)
                    rows.append({"voice": voice, "snr": snr, "intent": intent, "said": text, "heard": heard,
                                 "errors": errors, "words": words,
                                 "understood": understanding.understood(text, heard)})
    finally:
        the_os.close()

    def summary(selected: list[dict]) -> dict:
        if not selected:
            return {}
        return {
            "requests": len(selected),
            "wer": round(sum(r["errors"] for r in selected) / max(1, sum(r["words"] for r in selected)), 3),
            "understood": round(sum(r["understood"] for r in selected) / len(selected), 3),
            "understood_count": sum(r["understood"] for r in selected),
            "answered_from_partial": sum(r["heard"].from_partial for r in selected),
            "cut_at_max_length": sum(r["heard"].end_reason == "max_length" for r in selected),
            # the endpointer still heard voice (babble) 1.5 s after the request: a live turn would
            # have run on to the 15 s limit
            "turn_not_ended": sum(r["heard"].end_reason == "audio_ended" for r in selected),
            "transcript_wait_ms": harness.percentiles([r["heard"].transcript_wait_ms for r in selected
                                                       if not r["heard"].from_partial]),
        }

    def label(snr: float | None) -> str:
        return "clean" if snr is None else f"{snr:g} dB"

    voice_rows = []
    for voice in voices:
        mine = [r for r in rows if r["voice"] is voice]
        clean = [r for r in mine if r["snr"] is None] or mine
        entry = {"voice": voice.name, "engine": voice.engine, "split": voice_split(voice.name),
                 "espeak_voice": voice.espeak_voice or None,
                 "pitch_cents": voice.pitch_cents, "tempo": voice.tempo, **summary(clean)}
        entry["by_snr"] = {label(snr): summary([r for r in mine if r["snr"] == snr]) for snr in snrs}
        voice_rows.append(entry)
    noise_rows = []
    for snr in snrs:
        mine = [r for r in rows if r["snr"] == snr]
        noise_rows.append({"snr_db": snr, "condition": label(snr), **summary(mine),
                           "non_piper": summary([r for r in mine if r["voice"].engine != "piper+sox"]),
                           # thresholds of the biased recognition were chosen on the tuning voices only
                           "tuning_voices": summary([r for r in mine if voice_split(r["voice"].name) == "tuning"]),
                           "held_out_voices": summary([r for r in mine if voice_split(r["voice"].name) == "held_out"])})
    misses = [{"voice": r["voice"].name, "snr": label(r["snr"]), "said": r["said"], "heard": r["heard"].text}
              for r in rows if not r["understood"]]
    (out / "spoken-misses.json").write_text(json.dumps(misses, indent=1))
    wake_figures = {}
    if wake is not None:
        said = [espeak_clip for voice in voices if voice.engine == "espeak-ng"
                for espeak_clip in [lead + speak(voice, f"{WAKE_PHRASES[wake_word]}, what time is it?", cache) + tail]]
        wake_figures = {"wake_word": wake_word,
                        "wake_false_accepts_per_hour": round(wake.accepts / max(wake.hours, 1e-9), 2),
                        "wake_false_accepts": wake.accepts, "wake_speech_hours": round(wake.hours, 3),
                        "wake_detected": sum(WakeCount(wake_word).count(clip) > 0 for clip in said),
                        "wake_said": len(said)}
    return {
        **wake_figures,
        "spoken_asr_backend": services.recognisers.description,
        "spoken_requests_per_voice": len(requests),
        "spoken_intents": len({intent for intent, _ in requests}),
        "voices": voice_rows,
        "noise": noise_rows,
        "spoken_wall_s": round(time.monotonic() - started, 1),
    }


def voice_split(name: str) -> str:
    """"tuning" or "held_out" for the espeak-ng voices (bias_sweep chose its thresholds on the
    tuning ones only), "other" for the shifted Piper voices."""
    from .bias_sweep import HELD_OUT_VOICES, TUNING_VOICES

    return "tuning" if name in TUNING_VOICES else "held_out" if name in HELD_OUT_VOICES else "other"


WAKE_PHRASES = {"okay_nabu": "Okay Nabu", "hey_jarvis": "Hey Jarvis", "hey_mycroft": "Hey Mycroft", "alexa": "Alexa"}


class WakeCount:
    """Wake-word detections on audio fed clip by clip (the detector starts afresh for each clip)."""

    def __init__(self, name: str) -> None:
        from earpiece_host.speech.wake import MicroWakeWordDetector

        self._detector = MicroWakeWordDetector(name)
        self.accepts = 0
        self.hours = 0.0

    def count(self, pcm: bytes) -> int:
        """Accepts in `pcm`; after each the detector starts afresh, as a turn would begin there
        (one spoken wake word sets the detector's output for a dozen frames in a row)."""
        self._detector.reset()
        found = 0
        for i in range(0, len(pcm), 640):
            if self._detector.heard(pcm[i:i + 640]):
                found += 1
                self._detector.reset()
        self.accepts += found
        self.hours += len(pcm) / 32000 / 3600
        return found
