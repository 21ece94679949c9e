"""Requests that name the user's own things (an event, a fact they told the OS), spoken in the
benchmark's voices, heard by Whisper as `earpiece serve` hears them, and answered by an OS that
holds those things: does the reply name the right one?

Each request is decoded once whole (the served prompt, a beam of 5 and its n-best chosen as
`earpiece serve` chooses, biased.choose_reading); the same transcripts are then answered with the
search by sound (dialogue/by_sound.py) and without it, so the two figures differ by that alone.

    python -m earpiece_tools.own_things --json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from .bias_sweep import HELD_OUT_VOICES, TUNING_VOICES

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)  # a Wednesday morning

EVENTS = (("Dentist", datetime(2026, 3, 6, 14, 0, tzinfo=timezone.utc)),
          ("Standup", datetime(2026, 3, 5, 15, 0, tzinfo=timezone.utc)),
          ("Piano lesson", datetime(2026, 3, 9, 17, 0, tzinfo=timezone.utc)))
TOLD = ("remember that my locker number is 12", "my sister is called Laura", "my brother works at the hospital",
        "remember my car registration is AB12", "remember my wifi password is bluebird",
        "my mother's birthday is June 3rd")
REQUESTS = (("When is the dentist?", "Dentist"), ("Move the dentist to Thursday.", "Dentist"),
            ("Cancel the standup.", "Standup"), ("When is my piano lesson?", "Piano lesson"),
            ("Push the piano lesson back an hour.", "Piano lesson"),
            ("Remind me ten minutes before the dentist.", "Dentist"),
            ("What is my locker number?", "12"), ("What's my sister's name?", "Laura"),
            ("Where does my brother work?", "hospital"), ("What is my car registration?", "AB12"),
            ("What's my wifi password?", "bluebird"), ("When is my mother's birthday?", "June"))
"""Each request and the word a right reply holds."""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m earpiece_tools.own_things", description=__doc__.splitlines()[0])
    parser.add_argument("--voices", default=",".join(TUNING_VOICES + HELD_OUT_VOICES))
    parser.add_argument("--out", type=Path, help="keep the WAVs and the heard transcripts here")
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    args = parser.parse_args(argv)
    from .bench import _pick_voices

    try:
        voices = _pick_voices(args.voices)
    except ValueError as err:
        parser.error(str(err))
    out = args.out or Path(tempfile.mkdtemp(prefix="earpiece-own-things-"))
    rows = hear(voices, out)
    (out / "own-things.json").write_text(json.dumps(rows, indent=1))
    from earpiece_host.dialogue import by_sound

    result: dict = {"requests": len(rows), "with_sound": answer(rows)}
    kept = by_sound.SOUNDS_LIKE_MAX_DISTANCE
    by_sound.SOUNDS_LIKE_MAX_DISTANCE = -1.0  # nothing is near enough: names by their words only
    try:
        result["without_sound"] = answer(rows)
    finally:
        by_sound.SOUNDS_LIKE_MAX_DISTANCE = kept
    result["out"] = str(out)
    print(json.dumps(result, indent=None if args.json else 2))
    return 0


def hear(voices: list, out: Path) -> list[dict]:
    from earpiece_host.dialogue import open_engine
    from earpiece_host.speech.bias import PROMPT_SENTENCES
    from earpiece_host.speech.choose import whisper_bias_prompt
    from earpiece_host.speech.whisper_engine import WhisperDecoder, WhisperTuning, load_whisper_model, packaged_model_dir

    from .voices import speak

    cache = out / "voices"
    cache.mkdir(parents=True, exist_ok=True)
    tuning = WhisperTuning()
    decoder = WhisperDecoder(load_whisper_model(packaged_model_dir(), tuning), tuning)
    the_os = open_engine(out / "os", morning_briefing=False)
    try:
        prompt = whisper_bias_prompt(the_os.user_names().all(), PROMPT_SENTENCES)
    finally:
        the_os.close()
    lead, tail = bytes(2 * 16000 * 3 // 10), bytes(2 * 16000 * 2 // 10)
    rows = []
    for voice in voices:
        for said, right in REQUESTS:
            heard = decoder.transcribe(lead + speak(voice, said, cache) + tail, prompt)
            rows.append({"voice": voice.name, "snr": None, "said": said, "right": right, "heard": heard.text,
                         "alternatives": list(heard.alternatives), "voiced": True})
        print(f"{voice.name} heard", file=sys.stderr)
    return rows


def answer(rows: list[dict]) -> dict:
    """Per side (tuning, held-out voices): replies naming the right thing, and the misses."""
    from earpiece_host.dialogue import open_engine
    from earpiece_host.dialogue.calendar import IcsCalendar

    from .bias_sweep import _first_choice

    result: dict = {}
    for row in rows:
        with tempfile.TemporaryDirectory() as tmp:
            calendar = _write_calendar(Path(tmp) / "calendar.ics")
            the_os = open_engine(Path(tmp) / "os", clock=lambda: NOW, seed=1, morning_briefing=False,
                                 calendar=IcsCalendar(calendar))
            try:
                for line in TOLD:
                    the_os.handle(line)
                (text,) = _first_choice([row], the_os)
                reply = the_os.handle(text).text
            finally:
                the_os.close()
        side = result.setdefault("tuning" if row["voice"] in TUNING_VOICES else "held_out",
                                 {"requests": 0, "reached": 0, "misses": []})
        side["requests"] += 1
        if row["right"].lower() in reply.lower():
            side["reached"] += 1
        else:
            side["misses"].append({"voice": row["voice"], "said": row["said"], "heard": text, "reply": reply})
    return result


def _write_calendar(path: Path) -> Path:
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//earpiece own things//EN")
    calendar.add("version", "2.0")
    for uid, (summary, start) in enumerate(EVENTS, 1):
        event = icalendar.Event()
        for key, value in {"uid": str(uid), "dtstamp": NOW, "summary": summary, "dtstart": start,
                           "dtend": start + timedelta(minutes=45)}.items():
            event.add(key, value)
        calendar.add_component(event)
    path.write_bytes(calendar.to_ical())
    return path


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
