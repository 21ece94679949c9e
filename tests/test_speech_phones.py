"""Comparing what Whisper heard with the OS's sentences by sound (speech/phones.py), with the CMU
Pronouncing Dictionary of the pocketsphinx wheel, and the rescue by sound in the voice loop's
recogniser (biased.SnappingRecogniser)."""

from __future__ import annotations

from earpiece_host.speech.phones import PhoneSnapper, phone_distance, phones, pronunciations


def test_a_slip_of_sound_is_near_in_phones_where_letters_are_far():
    assert phones("battery") == ("B", "AE", "T", "ER", "IY")  # from the dictionary
    assert phone_distance("matter", "battery") < phone_distance("matter", "timer")
    assert phone_distance("matter", "battery") < phone_distance("matter", "reminders")
    assert phone_distance("look a number", "locker number") < 0.15  # word boundaries do not count
    assert phone_distance("matter", "battery") < phone_distance("matter", "battery", weighted=False)  # M ~ B
    assert phone_distance("set a timer for 10 minutes", "set a timer for twenty minutes") == 0.0  # numbers


def test_a_name_the_dictionary_lacks_is_spelt_out_and_still_found():
    assert "okonkwo" not in pronunciations()
    assert phones("okonkwo")  # letter rules
    snapper = PhoneSnapper(["write a letter to okonkwo", "write a letter to amy", "what time is it"])
    assert snapper.snap("write a letter to oconquo", 0.2) == "write a letter to okonkwo"
    assert snapper.snap("right a letter to amy", 0.2) == "write a letter to amy"
    assert snapper.snap("play some music", 0.2) == "play some music"  # nothing near: unchanged
    # Every sentence is compared at once; the result is the plain edit distance's.
    for heard in ("what tie miss it", "write a letter to oconquo"):
        plain = min(phone_distance(heard, s) for s in ("write a letter to okonkwo", "write a letter to amy",
                                                       "what time is it"))
        assert abs(snapper.nearest(heard).distance - plain) < 1e-6


def test_a_final_transcript_no_reading_of_which_the_os_understands_is_rescued_by_sound(tmp_path):
    """Whisper's n-best as heard in the benchmark ("Never mind." in the Caribbean espeak-ng voice):
    no reading is a request, and in letters no OS sentence is near enough; by sound one is."""
    from dataclasses import replace

    from earpiece_host.dialogue import open_engine
    from earpiece_host.speech.asr import Transcript
    from earpiece_host.speech.choose import snapped_to_os

    class RecordedWhisper:
        """Stands for Whisper: gives back a transcript heard on the spoken benchmark."""

        engine, description, partial_current, has_second_pass = "whisper", "recorded", False, False

        def __init__(self, heard: Transcript) -> None:
            self.heard = heard

        def create(self):
            return self

        def accept(self, pcm: bytes):
            return replace(self.heard, is_final=False)  # the same words, heard at a pause inside the turn

        def finish(self) -> Transcript:
            return self.heard

        def reset(self) -> None:
            pass

    brain = open_engine(tmp_path / "os", morning_briefing=False)
    try:
        heard = Transcript(text="leave a mind", is_final=True, alternatives=("name a mind", "leave my mind"))
        factory = snapped_to_os(RecordedWhisper(heard), brain.user_names(), brain.looks_complete)
        assert "in phones" in factory.description
        recogniser = factory.create()
        assert recogniser.accept(bytes(640)).text == "leave a mind"  # a partial is never rescued: half a request could end the turn
        assert recogniser.finish().text == "never mind"
        understood = Transcript(text="how is my battery", is_final=True)  # understood: left as it is
        assert snapped_to_os(RecordedWhisper(understood), brain.user_names(),
                             brain.looks_complete).create().finish().text == "how is my battery"
    finally:
        brain.close()
