"""Recognition biased to the OS: the grammar made from the intent registry and the user's names,
snapping Whisper's transcript to it, and grammar beside open vocabulary with real engines (Vosk on
the Korean model, pocketsphinx on espeak-ng English)."""

from __future__ import annotations

import json

import pytest

from earpiece_host.speech.asr import Transcript
from earpiece_host.speech.biased import GRAMMAR_MIN_CONFIDENCE, believes_grammar, mean_confidence
from earpiece_host.speech.choose import load_recogniser_factory, vosk_with_grammar
from earpiece_host.speech.grammar import Snapper, UserNames, expand, registry_sentences, spoken_form, vosk_grammar
from speech_fixtures import espeak_pcm, silence_pcm, speech_cache, vosk_korean_model_dir  # noqa: F401  (fixtures)


def test_templates_expand_to_every_sentence_they_stand_for():
    assert expand("(cancel|stop) [the] timer") == ["cancel timer", "cancel the timer", "stop timer", "stop the timer"]
    assert expand("what time is it [now|right now]") == ["what time is it", "what time is it now",
                                                         "what time is it right now"]
    assert 0 < len(expand("[a|b] [c|d] [e|f] [g|h] [i|j] [k|l]", limit=10)) <= 10  # bounded
    with pytest.raises(ValueError, match="missing"):
        expand("(open")


def test_the_grammar_holds_the_registry_and_the_users_own_names():
    names = UserNames(persona="Ava", contacts=("Priya",), lists=("hardware",), timers=("rice",))
    sentences = registry_sentences(names)
    assert "stop the timer" not in sentences or "cancel the timer" in sentences
    assert "what time is it" in sentences  # a template
    assert "set a timer for ten minutes" in sentences  # an example, its number in words
    assert "write a letter to priya" in sentences  # the example's own name replaced by a contact
    assert "what is on my hardware shopping list" not in sentences
    assert any("hardware" in s for s in sentences)  # a list name
    assert any("rice" in s for s in sentences)  # a timer name
    assert "hey ava" in sentences
    assert len(sentences) == len(set(sentences))
    assert spoken_form("Wake me at 6:30!") == "wake me at six thirty"


def test_snapping_corrects_a_near_miss_keeps_the_heard_numbers_and_leaves_far_ones_alone():
    snapper = Snapper(["how is my battery", "set a timer for ten minutes", "take a note"])
    assert snapper.snap("how is my matter e", 0.3) == "how is my battery"
    assert snapper.snap("set a timer for twenty five minutes", 0.3) == "set a timer for twenty five minutes"
    assert snapper.snap("set the timer for 5 minutes", 0.3) == "set a timer for five minutes"
    assert snapper.snap("please book a table for two at the italian place", 0.3) == \
        "please book a table for two at the italian place"  # dictation and open requests pass through
    assert snapper.snap("how is my matter e", 0.0) == "how is my matter e"  # threshold 0: exact only
    assert snapper.nearest("") is None


def test_whisper_reading_the_os_understands_wins_over_a_top_reading_it_does_not(tmp_path):
    from earpiece_host.dialogue import open_engine
    from earpiece_host.speech.asr import Transcript
    from earpiece_host.speech.biased import choose_reading

    brain = open_engine(tmp_path / "os", morning_briefing=False)
    try:
        snapper = Snapper(registry_sentences(brain.user_names()))
        # Whisper's n-best on an espeak-ng voice; no reading is near a grammar sentence.
        heard = Transcript(text="cancel might remind that to call me", is_final=True,
                           alternatives=("cancel remind that to call me", "cancel my reminder to call me"))
        assert choose_reading(snapper, heard, 0.1) == heard.text  # snapping alone keeps the top reading
        assert choose_reading(snapper, heard, 0.1, brain.looks_complete) == "cancel my reminder to call me"
        # A top reading the OS understands stays, and a near grammar sentence still wins first.
        understood = Transcript(text="make a note that the car needs foil", is_final=True,
                                alternatives=("make a note that the car needs oil",))
        assert choose_reading(snapper, understood, 0.1, brain.looks_complete) == understood.text
        near = Transcript(text="how is my matter e", is_final=True, alternatives=("how is my battery",))
        assert choose_reading(snapper, near, 0.1, brain.looks_complete) == "how is my battery"
        # While the user dictates nothing is a request: the top reading is what they said.
        assert choose_reading(snapper, heard, 0.1, lambda text: False) == heard.text
        # No reading understood: a final transcript is rescued by a grammar sentence a little further off.
        paused = Transcript(text="post the timer", is_final=True, alternatives=("pulse the timer", "post timer"))
        assert choose_reading(snapper, paused, 0.1, brain.looks_complete) == "post the timer"
        assert choose_reading(snapper, paused, 0.1, brain.looks_complete, rescue_distance=0.25) == "pause the timer"
        assert choose_reading(snapper, paused, 0.1, lambda text: False, rescue_distance=0.25) == "post the timer"
    finally:
        brain.close()


def test_a_vosk_grammar_lists_only_the_words_the_model_knows():
    grammar = json.loads(vosk_grammar(["what time is it", "call zyxw"], known_words={"what", "time", "is", "it"}))
    assert grammar == ["what time is it", "[unk]"]


@pytest.mark.slow
def test_vosk_believes_a_whole_grammar_sentence_and_not_dictation_forced_onto_its_words(vosk_korean_model_dir,
                                                                                       speech_cache):
    """Korean stands in for English here (only a Korean Vosk model can be installed on this machine),
    with the grammar and the decision that earpiece_tools.vosk_threshold measures: a request of the
    grammar is taken from it; dictation that Vosk forces onto the grammar's words with full
    confidence is not a whole sentence, and the open transcript is taken."""
    from earpiece_host.speech.vosk_engine import vosk_grammar_for
    from earpiece_tools.vosk_threshold import KOREAN_REQUESTS

    open_vocabulary = load_recogniser_factory("vosk", vosk_model=vosk_korean_model_dir, language="ko")
    # A word the model does not know cannot be in the grammar; this small Korean model has no "[unk]".
    assert json.loads(vosk_grammar_for(open_vocabulary.model, ["내일 비 와", "없는말xyz"])) == ["내일 비 와"]
    factory = vosk_with_grammar(open_vocabulary, KOREAN_REQUESTS)  # as `earpiece serve` builds it
    threshold = GRAMMAR_MIN_CONFIDENCE["vosk"]
    assert factory.min_confidence == threshold

    def heard(said: str) -> tuple[str, str, Transcript]:
        recogniser = factory.create()
        recogniser.accept(silence_pcm(0.3) + espeak_pcm(speech_cache, said, voice="ko", speed_wpm=130)
                          + silence_pcm(0.5))
        final = recogniser.finish()
        return final.text, recogniser.last_choice, recogniser.candidates[0]

    text, choice, grammar = heard("내일 비 와")  # "will it rain tomorrow": a request of the grammar
    assert (text, choice) == ("내일 비 와", "grammar") and mean_confidence(grammar) >= threshold
    # "I'm so tired today I'll go to bed early": Vosk makes a run of grammar words of it, with a
    # confidence that passes any threshold; only the whole-sentence check keeps it out.
    text, choice, grammar = heard("오늘 너무 피곤해서 일찍 잘 거야")
    assert choice == "open" and text not in KOREAN_REQUESTS
    assert grammar.text not in KOREAN_REQUESTS
    assert believes_grammar(grammar, threshold, sentences=None), grammar  # confidence alone would take it


@pytest.mark.slow
def test_pocketsphinx_with_the_os_grammar_hears_what_open_vocabulary_mishears(speech_cache):
    factory = load_recogniser_factory("pocketsphinx", user_names=UserNames())
    assert "grammar of" in factory.description
    recogniser = factory.create()
    recogniser.accept(silence_pcm(0.5) + espeak_pcm(speech_cache, "Read my notes.", voice="en-us", speed_wpm=140)
                      + silence_pcm(0.5))
    final = recogniser.finish()
    biased, open_ = recogniser.candidates
    assert biased.text == "read my notes", biased  # the decoder biased to the OS's sentences...
    assert open_.text != "read my notes"  # ...where open vocabulary mishears espeak-ng
    assert (final.text, recogniser.last_choice) == ("read my notes", "grammar")

    recogniser.accept(silence_pcm(0.5) + espeak_pcm(speech_cache, "Please book a table for two at the Italian place.",
                                                    voice="en-us", speed_wpm=140) + silence_pcm(0.5))
    final = recogniser.finish()  # dictation, nothing like the OS's sentences: the open transcript
    assert recogniser.last_choice == "open" and final.text == recogniser.candidates[1].text


def test_the_users_names_come_from_their_mail_lists_timers_and_what_they_told_the_os(tmp_path):
    import mailbox
    from email.message import EmailMessage

    from earpiece_host.dialogue import open_engine
    from earpiece_host.dialogue.mail.maildir import MaildirMailbox

    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    for sender in ("Paul Okafor <paul@example.org>", "=?utf-8?q?Zo=C3=AB_Klausen?= <zoe@example.org>",
                   "noreply@example.org"):
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = sender, "me@example.org", "Hello"
        message.set_content("Hello there.")
        box.add(mailbox.MaildirMessage(message))
    brain = open_engine(tmp_path / "os", persona_name="Ava", mailbox=MaildirMailbox(tmp_path / "Maildir"))
    try:
        for said in ("add nails to my hardware list", "set a pasta timer for 8 minutes",
                     "remember that my sister's name is Laura"):
            brain.handle(said)
        names = brain.user_names()
    finally:
        brain.close()
    assert names.persona == "Ava"
    assert {"paul", "laura"} <= set(names.contacts)  # a sender's first name, a name the user told
    assert not any("@" in n or "." in n for n in names.contacts)  # an address is not a name
    assert "hardware" in names.lists and "shopping" in names.lists
    assert names.timers == ("pasta",)
    assert "write a letter to paul" in registry_sentences(names)


def test_the_bigram_model_is_a_proper_distribution_after_every_word():
    from earpiece_host.speech.grammar import arpa_bigram

    arpa = arpa_bigram(["set a timer", "set an alarm", "cancel the timer", "cancel the zyxw"],
                       known=lambda word: word != "zyxw")  # a word the dictionary lacks drops its sentence
    section, unigrams, bigrams, backoff = "", {}, {}, {}
    for line in arpa.splitlines():
        if line.startswith("\\"):
            section = line
            continue
        parts = line.split()
        if section == "\\1-grams:" and parts:
            unigrams[parts[1]] = 10 ** float(parts[0])
            backoff[parts[1]] = 10 ** float(parts[2]) if len(parts) > 2 else 1.0
        elif section == "\\2-grams:" and parts:
            bigrams[(parts[1], parts[2])] = 10 ** float(parts[0])
    assert "zyxw" not in unigrams and "cancel" in unigrams
    for history in ("<s>", "set", "the"):
        total = sum(bigrams.get((history, w), backoff[history] * p) for w, p in unigrams.items())
        assert abs(total - 1.0) < 1e-3, (history, total)
    assert bigrams[("the", "timer")] > unigrams["timer"]  # what followed in the sentences is likelier
