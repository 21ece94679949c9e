"""Letters dictated across utterances, proofread aloud, and saved as a file in the data folder."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.proofread import apply_finding, proofread
from earpiece_host.dialogue.skills.letters import restore

NOW = datetime(2026, 2, 14, 18, 30, tzinfo=timezone.utc)


def test_dictation_new_paragraph_scratch_readback_and_save(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    assert engine.handle("write a letter to Catherine").slots == {"recipient": "Catherine"}
    engine.handle("Thank you for the flowers comma they made my week full stop")
    engine.handle("The cat ate one of them.")
    engine.handle("scratch that")
    engine.handle("new paragraph")
    engine.handle("I'll visit in the spring.")
    back = engine.handle("read it back").text
    assert "Thank you for the flowers, they made my week." in back
    assert "cat" not in back and "New paragraph. I'll visit in the spring." in back
    saved = engine.handle("that's all")
    assert saved.intent == "letter.end"
    path = Path(saved.slots["path"])
    assert path.parent == tmp_path / "letters" and path.name.startswith("2026-02-14-183000-to-catherine")
    assert path.read_text(encoding="utf-8") == (
        "Dear Catherine,\n\nThank you for the flowers, they made my week.\n\nI'll visit in the spring.\n\nBest wishes,\n")
    # Dictation is over: the same words are understood as a question again.
    assert engine.handle("what time is it").intent == "time.now"
    engine.close()


def test_a_letter_survives_a_restart_mid_dictation(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("take a letter to my landlord")
    engine.handle("The heating has stopped working.")
    engine.close()
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    assert engine.handle("Please send someone this week.").intent == "letter.dictate"
    text = Path(engine.handle("that's all").slots["path"]).read_text(encoding="utf-8")
    assert "The heating has stopped working. Please send someone this week." in text
    engine.close()


def test_a_question_after_hang_on_is_answered_and_the_letter_goes_on(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("write a letter to the housing office")
    engine.handle("I am writing about the damp in the back bedroom")
    asked = engine.handle("hold on love, what's the date today")
    back = engine.handle("okay back to the letter")
    engine.handle("it has been there since October")
    kept = engine.handle("what time is it")  # said without "hang on": the letter's own words
    read = engine.handle("read it back")
    engine.close()
    assert asked.intent == "date.today" and "14th of February" in asked.text
    assert back.text == "Back to your letter to the housing office. It ends: I am writing about the damp in the back bedroom. Go on."
    assert kept.intent == "letter.dictate"
    assert "since October" in read.text and "date today" not in read.text and "back to the letter" not in read.text.lower()


def test_cancelling_a_letter_puts_it_aside_without_a_file_to_go_back_to(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("write a letter to the council")
    engine.handle("I am writing to complain about the bins")
    assert "put the letter aside" in engine.handle("cancel the letter").text
    assert not (tmp_path / "letters").exists()
    assert engine.handle("what time is it").intent == "time.now"
    assert "Put aside, unfinished: to the council." in engine.handle("what letters have I written").text
    back = engine.handle("continue my letter to the council")
    assert back.text == "Back to your letter to the council. It ends: I am writing to complain about the bins. Go on."
    engine.handle("they were not collected full stop")
    saved = engine.handle("that's it")
    engine.close()
    assert "I am writing to complain about the bins. They were not collected." in Path(saved.slots["path"]).read_text()


GOLDEN_LETTER = """Dear Loretta,

Thank you for the lovely evening at the ballroom. I haven't laughed so much in years. The band played all night and they're the best band in town.

It was wonderfull to see Tatiana again. We should of stayed longer. I will bring the pictures on Friday.

With love,
Roberto
"""


def test_a_dictated_letter_with_three_edits_and_proofreading_is_exactly_the_expected_file(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("remember that my friend is called Tatiana")  # a name the OS knows: capitalised in dictation, never a spelling mistake
    said = [
        ("write a letter to Loretta", "letter.start"),
        ("dear loretta", "letter.dictate"),
        ("thank you for the lovely evening at the dance hall period i havent laughed so much in years", "letter.dictate"),
        ("the band played all night and their the best band in town", "letter.dictate"),
        ("change dance hall to ballroom", "letter.edit"),  # edit 1
        ("new paragraph", "letter.dictate"),
        ("it was wonderfull to see tatiana again", "letter.dictate"),
        ("remember to bring the photos", "letter.dictate"),  # a letter line, never a memory fact
        ("delete the last sentence", "letter.dictate"),  # edit 2
        ("we should of stayed longer", "letter.dictate"),
        ("i will bring the photos on friday", "letter.dictate"),
        ('change "photos" to "pictures"', "letter.edit"),  # edit 3, quotes and all
    ]
    for text, intent in said:
        assert engine.handle(text).intent == intent, text
    assert engine.handle("read me the last paragraph").text == (
        "The last paragraph: It was wonderfull to see Tatiana again. We should of stayed longer. I will bring the pictures on Friday.")
    report = engine.handle("proofread it")
    assert report.text.startswith("I found 4 things to look at. First: \"havent\" should be \"haven't\".")
    assert "Tatiana" not in report.text
    assert "\"their the\" should be \"they're the\"" in engine.handle("yes").text
    assert "\"wonderfull\" looks misspelt; I'd write \"wonderful\"" in engine.handle("yes please").text
    assert "\"should of\" should be \"should have\"" in engine.handle("no, leave it").text  # declined: stays
    assert engine.handle("skip the rest").text == "Okay. I changed 2 things."
    saved = engine.handle("that's it, sign it with love from Roberto")
    assert saved.intent == "letter.end" and saved.slots["sender"] == "Roberto"
    assert Path(saved.slots["path"]).read_bytes() == GOLDEN_LETTER.encode("utf-8")
    assert len(engine.memory.facts()) == 1  # nothing dictated went into the memory
    engine.close()


def test_undo_and_scratch_take_back_the_last_change(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("write a letter to Sam")
    engine.handle("the party is on saturday. bring a cake.")
    engine.handle("replace cake with pie")
    engine.handle("undo")
    assert engine.handle("read it back").text == "Your letter to Sam: The party is on Saturday. Bring a cake."
    engine.handle("see you there")
    engine.handle("scratch that")  # takes back the whole last utterance
    engine.handle("make sure you come early")  # "make X to Y"-less: a sentence, not an edit
    assert engine.handle("change the word tomorrow to today").text == "I can't find \"tomorrow\" in the letter, so I left it as it was."
    path = Path(engine.handle("sign it Sam's brother").slots["path"])
    assert path.read_text(encoding="utf-8") == (
        "Dear Sam,\n\nThe party is on Saturday. Bring a cake. Make sure you come early.\n\nBest wishes,\nSam's brother\n")
    engine.close()


def test_a_letter_started_from_what_someone_asked_for(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("remember that Tatiana wants a letter to Loretta for her birthday")
    reply = engine.handle("write the letter Tatiana asked for")
    assert reply.intent == "letter.from_brief" and reply.slots["recipient"] == "Loretta"
    assert "Tatiana wants a letter to Loretta" in reply.text
    engine.handle("happy birthday")
    text = Path(engine.handle("that's it").slots["path"]).read_text(encoding="utf-8")
    assert text.startswith("Dear Loretta,\n\nHappy birthday.\n")
    engine.close()


def test_restoring_punctuation_and_capitals() -> None:
    names = {"amy": "Amy"}
    assert restore("i saw amy on monday comma she was well.", names) == ["I saw Amy on Monday comma she was well."]
    assert restore("i saw amy on monday, she was well. how are you", names) == ["I saw Amy on Monday, she was well.", "How are you?"]
    assert restore("  ", names) == []


def test_proofreading_findings() -> None:
    kinds = [(f.kind, f.old, f.new) for f in proofread([["I went to the the shop.", "heres the recieve thing, could of known"]])]
    assert kinds == [("repeated_word", "the the", "the"), ("capital", "heres", "Heres"), ("apostrophe", "heres", "here's"),
                     ("spelling", "recieve", "receive"), ("grammar", "could of", "could have"),
                     ("end_punctuation", "could of known", "could of known.")]
    assert proofread([["All good here, Rachel."]], {"Rachel"}) == []
    assert proofread([["I had had enough of Zorblat."]], set()) == []  # a legitimate repeat; a capitalised unknown is a name
    (f,) = proofread([["Thanks for the the tickets."]])
    assert apply_finding("Thanks for the the tickets.", f) == "Thanks for the tickets."
    # feasts the word list lacks, said in lower case, are not misspellings ("eid" is not "did")
    assert proofread([["Please send the cloth before the eid season and the diwali sale."]]) == []
    # a name the word list lacks, said in lower case, is two slips from any word: left alone ("karthik" is not "parthia")
    assert [f.kind for f in proofread([["I have known karthik and anjali since school."]])] == []


def test_sign_it_and_mail_it_without_a_mailbox_keeps_the_letter_in_the_folder(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("write a letter to Amy")
    engine.handle("see you soon")
    done = engine.handle("sign it love Sam and mail it")
    assert done.intent == "letter.end" and done.slots["mail"] is True
    assert done.text.endswith("No mailbox is connected to find their address, so it stays in your letters folder.")
    assert Path(done.slots["path"]).read_text(encoding="utf-8") == "Dear Amy,\n\nSee you soon.\n\nLove,\nSam\n"
    engine.close()


def test_please_sign_it_in_a_letter_is_text_not_the_end(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("write a letter to the council")
    assert engine.handle("please sign it and send it back to me").intent == "letter.dictate"
    assert engine.handle("read it back").text == "Your letter to the council: Please sign it and send it back to me."
    engine.close()


def test_a_dictated_greeting_becomes_the_salutation() -> None:
    from earpiece_host.dialogue.skills.letters import LettersSkill

    render = LettersSkill.render
    assert render("Loretta", [["My dearest Loretta, I think of you every morning."]], "Your husband", "All my love") == \
        "My dearest Loretta,\n\nI think of you every morning.\n\nAll my love,\nYour husband\n"
    assert render("Loretta", [["Dear Loretta.", "It rained."]]) == "Dear Loretta,\n\nIt rained.\n\nBest wishes,\n"
    assert render("Loretta", [["Hello there is a problem with the boiler and it has been broken for a week."]]) == \
        "Dear Loretta,\n\nHello there is a problem with the boiler and it has been broken for a week.\n\nBest wishes,\n"
    # The form of address gets its capitals; "my grandmother" is addressed as Grandmother.
    assert render("my grandmother", [["dear grandma.", "It rained."]]).startswith("Dear Grandma,\n\nIt rained.")
    assert render("my grandmother", [["It rained."]]).startswith("Dear Grandmother,\n\nIt rained.")
    assert render("the council", [["dear sir or madam.", "It rained."]]).startswith("Dear Sir or Madam,\n\n")
    assert render("the council", [["It rained."]]).startswith("Dear Council,\n\n")


def test_a_letter_to_my_grandmother_is_to_your_grandmother_when_she_speaks(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    start = engine.handle("take a letter to my grandmother")
    engine.handle("thank you for the card full stop")
    back = engine.handle("read it back")
    saved = engine.handle("that's it")
    engine.close()
    assert "your grandmother" in start.text and "my grandmother" not in start.text
    assert back.text == "Your letter to your grandmother: Thank you for the card."
    assert saved.text == "Saved your letter to your grandmother, 9 words, in your letters folder."
    assert Path(saved.slots["path"]).read_text(encoding="utf-8").startswith("Dear Grandmother,\n\nThank you for the card.")


def test_a_letter_started_from_a_mail_that_asked_for_it(tmp_path: Path) -> None:
    import mailbox
    from email.message import EmailMessage
    from email.utils import format_datetime

    from earpiece_host.dialogue.mail import MaildirMailbox

    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    asked = EmailMessage()
    asked["From"] = "Tatiana Lopez <tatiana@example.org>"
    asked["To"] = "me@example.org"
    asked["Subject"] = "Loretta's letter"
    asked["Date"] = format_datetime(NOW)
    asked.set_content("Could you write a letter to Loretta for her birthday? She would love that.\n")
    box.add(asked)
    engine = open_engine(tmp_path / "data", clock=lambda: NOW, seed=1, morning_briefing=False,
                         mailbox=MaildirMailbox(tmp_path / "Maildir"))
    reply = engine.handle("write the letter Tatiana asked for")
    assert reply.slots["recipient"] == "Loretta"
    assert reply.text.startswith("Tatiana Lopez wrote about it in \"Loretta's letter\". ")
    assert engine.handle("happy birthday").intent == "letter.dictate"
    engine.close()


def test_changing_the_last_sentence_and_ending_in_other_words(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("write a letter to Ann")
    engine.handle("we might come in june")
    assert engine.handle("change the last sentence to we will visit in july").text == \
        "Changed \"We might come in June.\" to \"We will visit in July.\""
    assert engine.handle("what did I write").text == "Your letter to Ann: We will visit in July."
    saved = engine.handle("that's all, love Roberto")
    assert Path(saved.slots["path"]).read_text(encoding="utf-8") == "Dear Ann,\n\nWe will visit in July.\n\nLove,\nRoberto\n"
    engine.close()


def test_the_letters_written_are_listed_and_an_earlier_one_read_by_who_it_was_to(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    assert engine.handle("what letters have I written").text == "You haven't finished a letter yet."
    for start, words in (("take a letter to my grandmother", "thank you for the card full stop"),
                         ("write a letter to Jane", "thank you for dinner full stop")):
        engine.handle(start)
        engine.handle(words)
        engine.handle("that's it")
    listed = engine.handle("what letters have I written")
    grandma = engine.handle("read me my letter to grandma")
    nobody = engine.handle("read my letter to Bob")
    engine.close()
    assert listed.text == "You've written 2 letters: to Jane today; to your grandmother today."
    assert grandma.text == "Your letter to your grandmother: Thank you for the card."
    assert nobody.text == "I can't find a letter to Bob."


def test_a_second_yes_after_proofreading_is_not_written_into_the_letter(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, seed=1, morning_briefing=False)
    for said in ("write a letter to my grandmother", "dear grandma comma I hope your well full stop",
                 "their going to visit you soon full stop", "proofread it", "yes", "yes"):
        last = engine.handle(said)
    assert last.text == "That was the last one. I changed 2 things."
    asked_twice = engine.handle("yes").text  # once more, to the question already answered
    read = engine.handle("read it back").text
    engine.close()
    assert asked_twice == "There's nothing left to change. Carry on with your letter whenever you're ready."
    assert read.endswith("I hope you're well. They're going to visit you soon.")  # both fixed, no "Yes."


def test_agreeing_to_change_a_letter_that_had_nothing_to_fix_writes_nothing_into_it(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, seed=1, morning_briefing=False)
    for said in ("write a letter to the council", "I am writing about the bins on Elm Road full stop",
                 "can you check it over for mistakes"):
        checked = engine.handle(said)
    agreed = engine.handle("okay go ahead and fix it").text
    read = engine.handle("read it back").text
    engine.close()
    assert checked.text == "It reads well. I didn't find anything to fix."
    assert agreed == "There's nothing left to change. Carry on with your letter whenever you're ready."
    assert read.endswith("I am writing about the bins on Elm Road.")


def test_a_greeting_said_without_a_comma_is_the_salutation_not_a_second_dear(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("start a letter to the parish council")
    engine.handle("dear sir or madam i am writing about the potholes on mill lane")
    text = Path(engine.handle("that's it").slots["path"]).read_text(encoding="utf-8")
    assert text.startswith("Dear Sir or Madam,\n\nI am writing about the potholes on mill lane.\n"), text
    engine.handle("write a letter to Amy")
    engine.handle("dear me I forgot your birthday")  # an exclamation, not a salutation
    text = Path(engine.handle("that's it").slots["path"]).read_text(encoding="utf-8")
    assert text.startswith("Dear Amy,\n\nDear me I forgot your birthday.\n"), text
    engine.close()


def test_who_the_letter_is_to_answered_by_its_first_words(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    asked = engine.handle("I need to write the letter Bronwen asked me for")
    assert asked.text.endswith("Who is the letter to?")  # nothing was told about what Bronwen asked for
    started = engine.handle("dear Bronwen I can confirm that Osian attended the club all term")
    assert started.intent == "letter.start" and "first line" in started.text
    engine.handle("he was a pleasure to have")
    text = Path(engine.handle("that's it").slots["path"]).read_text(encoding="utf-8")
    assert text.startswith("Dear Bronwen,\n\nI can confirm that Osian attended the club all term. He was a pleasure to have.\n"), text
    engine.close()


def test_say_that_again_while_dictating_repeats_and_is_not_written(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("write a letter to Mrs Pritchard")
    engine.handle("thank you for the flowers")
    back = engine.handle("read it back").text
    assert engine.handle("say that again love I didn't catch it").text == back
    text = Path(engine.handle("that's it").slots["path"]).read_text(encoding="utf-8")
    assert "again" not in text and "Thank you for the flowers." in text, text
    engine.close()
