"""A recording of a real person, heard by the host's Whisper as `earpiece serve` builds it and scored
by the human-voices tool; a recording that is not the pinned one is refused, naming the file."""

from __future__ import annotations

import shutil

import pytest

from earpiece_tools import human_voices


@pytest.mark.slow
def test_a_real_voice_is_heard_and_scored_and_a_changed_recording_is_refused(tmp_path):
    sounds, transcripts = human_voices.ASTERISK_SOUNDS, human_voices.ASTERISK_TRANSCRIPTS
    if not sounds.is_dir() or not transcripts.exists():
        pytest.skip("Asterisk's English prompts are not installed: apt-get install "
                    "asterisk-core-sounds-en-wav asterisk-core-sounds-en (make system-packages)")
    clips = human_voices.load_asterisk(prompts=None)  # every eligible prompt, checked against its pin
    assert len(clips) == 118
    clip = next(c for c in clips if c.name == "vm-msgsaved")
    assert clip.text == "Your message has been saved." and 1.5 < clip.seconds < 3.0

    backend, rows = human_voices.hear_clips("whisper", [clip], [None], tmp_path / "cache")
    assert backend.startswith("whisper")
    [row] = rows
    assert (row["words"], row["turn_ended_early"]) == (5, False)
    assert row["errors"] <= 1, row["heard"]
    assert human_voices.summarise(rows)["wer"] == round(row["errors"] / 5, 3)

    copy = tmp_path / "sounds"
    shutil.copytree(sounds, copy)
    changed = copy / "vm-msgsaved.wav"
    changed.write_bytes(changed.read_bytes()[:-320])  # 20 ms shorter
    with pytest.raises(human_voices.SourceError, match="not the pinned ones.*asterisk-core-sounds-en-wav"):
        human_voices.load_asterisk(prompts=1, sounds=copy, transcripts=transcripts)
