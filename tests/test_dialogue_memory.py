"""The memory of people and facts: relations kept as subject / relation / value, recalled by
indirect questions, corrected, forgotten one at a time, and birthdays as yearly reminders."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.store import MIGRATIONS, Store

from settable_clock import Clock

NOW = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)  # a Wednesday


def facts(engine) -> list[tuple]:
    return [tuple(r) for r in engine.store.read("SELECT subject, relation, said_subject, value FROM memory ORDER BY id")]


def test_people_and_relations_are_stored_and_recalled_by_indirect_questions(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("I'm allergic to shellfish, just so you know")
    engine.handle("my sister Rachel has a dog called Biscuit")
    engine.handle("Paul's wife is Tatiana")
    assert facts(engine) == [("me", None, None, "I'm allergic to shellfish"), ("me", "sister", None, "Rachel"),
                             ("rachel", "dog", "Rachel", "Biscuit"), ("paul", "wife", "Paul", "Tatiana")]
    assert engine.handle("what's my sister's dog called?").text == "Rachel's dog is called Biscuit."
    assert engine.handle("who's Paul married to?").text == "Paul's wife is Tatiana."
    assert engine.handle("who is Tatiana married to").text == "Tatiana is married to Paul."
    assert engine.handle("what am I allergic to?").text == "You're allergic to shellfish."
    assert engine.handle("what do you know about Rachel?").text == \
        "About Rachel: Rachel is your sister and Rachel's dog is called Biscuit."
    assert engine.handle("what's my brother's dog called").text == "I don't know who your brother is yet. You can tell me."
    engine.close()


def test_a_fact_is_corrected_and_forgotten_alone(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("Amy's birthday is June 3rd")
    engine.handle("no")  # no yearly reminder
    engine.handle("Amy is my sister")
    assert engine.handle("actually, Amy's birthday is June 4th").text.startswith(
        "Updated: Amy's birthday is June 4th, not June 3rd.")
    assert engine.handle("when is Amy's birthday?").text == "Amy's birthday is June 4th."
    assert engine.handle("what do you know about Amy").text == "About Amy: Amy is your sister and Amy's birthday is June 4th."
    assert engine.handle("forget Amy's birthday").text == "Okay, I've forgotten that Amy's birthday is June 4th."
    assert facts(engine) == [("me", "sister", None, "Amy")]
    gone = engine.handle("when is Amy's birthday").text
    assert "Amy's birthday" in gone and "June" not in gone
    assert engine.store.read("SELECT COUNT(*) FROM reminders")[0][0] == 0
    engine.close()


def test_a_birthday_becomes_a_yearly_reminder_when_the_user_agrees(tmp_path: Path) -> None:
    clock = Clock(NOW)
    engine = open_engine(tmp_path, clock=clock, seed=1, morning_briefing=False)
    offer = engine.handle("Amy's birthday is June 3rd")
    assert offer.text.endswith("Shall I remind you every year?")
    agreed = engine.handle("yes please")
    assert agreed.intent == "memory.remind_yearly"
    assert "wish Amy a happy birthday every year on June 3 at 9 AM" in agreed.text
    engine.close()
    engine = open_engine(tmp_path, clock=clock, seed=1, morning_briefing=False)  # through a restart
    clock.now = datetime(2026, 6, 3, 9, 0, tzinfo=timezone.utc)
    (due,) = engine.due_announcements()
    assert due.text == "Here's your reminder: wish Amy a happy birthday."
    engine.mark_delivered(due.id)
    assert engine.due_announcements() == []
    (row,) = engine.store.read("SELECT due_iso, repeat FROM reminders")
    assert tuple(row) == ("2027-06-03T09:00:00+00:00", "yearly:06-03")
    engine.close()


def test_dictated_letter_lines_never_become_facts(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("write a letter to Loretta")
    for line in ("my sister Rachel has a dog called Biscuit", "remember that I love you", "Paul's wife is Tatiana"):
        assert engine.handle(line).intent == "letter.dictate"
    assert facts(engine) == []
    engine.close()


def test_the_relation_migration_keeps_old_facts(tmp_path: Path) -> None:
    path = tmp_path / "os.sqlite3"
    db = sqlite3.connect(path)  # a database as the OS left it before facts had relations (schema 4)
    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    db.execute("INSERT INTO schema_version (version) VALUES (4)")
    for script in MIGRATIONS[:4]:
        db.executescript(script)
    db.execute("INSERT INTO memory (subject, value, created_at) VALUES ('my locker number', '42', 0)")
    db.commit()
    db.close()
    store = Store(path)
    assert store.schema_version == len(MIGRATIONS)
    assert [tuple(r) for r in store.read("SELECT subject, relation, value FROM memory")] == [("my locker number", None, "42")]
    store.close()
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    assert engine.handle("what is my locker number").text == "Your locker number is 42."
    engine.close()


def test_correcting_a_birthday_moves_its_yearly_reminder(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("Amy's birthday is June 3rd")
    engine.handle("yes")
    moved = engine.handle("actually Amy's birthday is June 4th").text
    assert moved.startswith("Updated: Amy's birthday is June 4th, not June 3rd. ")
    assert "every year on June 4" in moved
    rows = engine.store.read("SELECT due_iso, repeat FROM reminders WHERE state = 'pending'")
    assert [tuple(r) for r in rows] == [("2026-06-04T09:00:00+00:00", "yearly:06-04")]
    engine.close()


def test_a_name_said_in_two_words_is_kept_and_said_as_a_name(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    told, birthday, yearly, where, until, reminders, tom = (engine.handle(line).text for line in (
        "my granddaughter marie claire lives in roseau by the botanical gardens", "her birthday is the ninth of may",
        "oui remind me every year", "where does my granddaughter live", "how many days till her birthday", "what reminders have i got",
        "my brother tom always works late"))
    engine.close()
    assert told.endswith("granddaughter Marie Claire lives in roseau by the botanical gardens.")
    assert "Marie Claire's birthday is the ninth of May." in birthday
    assert "wish Marie Claire a happy birthday every year" in yearly
    assert where == "Your granddaughter Marie Claire lives in roseau by the botanical gardens."
    assert until.startswith(("Marie Claire's birthday is in 66 days", "Your granddaughter's birthday is in 66 days"))
    assert "the marie claire" not in reminders.lower() and "wish Marie Claire a happy birthday" in reminders
    assert tom.endswith("brother Tom always works late.")  # "always" is no second name


def said(engine, *lines: str) -> list[str]:
    """The replies, with the confirmation's varied opening ("Noted:", "I'll remember that.") said one way."""
    lead = re.compile(r"^(?:Noted: |I'll remember that\. )(\w)")
    return [lead.sub(lambda m: "Got it: " + m.group(1).lower(), engine.handle(line).text) for line in lines]


def test_facts_keep_their_verbs_and_named_relations_are_found_by_name(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    assert said(engine, "remember that my sister lives in Leeds", "where does my sister live", "actually she lives in York") == [
        "Got it: your sister lives in Leeds.", "Your sister lives in Leeds.", "Updated: your sister lives in York, not Leeds."]
    assert said(engine, "my brother Tom works at the hospital", "where does Tom work", "who is Tom", "what do you know about Tom",
                "where does Tom live") == [
        "Got it: your brother Tom works at the hospital.", "Your brother Tom works at the hospital.",
        "About Tom: Tom is your brother. He works at the hospital.", "About Tom: Tom is your brother. He works at the hospital.",
        "You haven't told me where your brother Tom lives."]
    assert engine.handle("she lives in Paris").intent != "memory.remember"  # right after Tom: not him, and no one else is sure
    assert said(engine, "my uncle is called Sam", "he works at the bank", "who is Sam") == [
        "Got it: your uncle is Sam.", "Got it: your uncle Sam works at the bank.", "About Sam: Sam is your uncle. He works at the bank."]
    forgotten, asked = said(engine, "forget that my sister lives in York", "where does my sister live")
    assert forgotten == "Okay, I've forgotten that your sister lives in York."
    assert "your sister" in asked and "York" not in asked
    engine.close()


def test_what_the_user_says_of_themselves_is_kept_and_only_answers_what_it_answers(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    assert [engine.handle(line).intent for line in ("I live in Bristol", "I work as a nurse", "I'm allergic to peanuts",
                                                    "remember I parked on level 3", "I love jazz")] == ["memory.remember"] * 5
    assert said(engine, "where do I live", "what do I do for a living", "am I allergic to anything", "where did I park",
                "what music do I like", "do I like olives") == [
        "You live in Bristol.", "You work as a nurse.", "You're allergic to peanuts.", "You parked on level 3.", "You love jazz.",
        "You haven't told me anything about olives."]
    assert said(engine, "I come from Leeds and drive a red van", "what car do I drive") == [
        "Got it: you come from Leeds and you drive a red van.", "You drive a red van."]
    assert said(engine, "I live in Bath", "where do I live", "forget where I parked", "where did I park", "forget my job",
                "do I have any allergies") == [
        "Okay, you live in Bath now, not Bristol.", "You live in Bath.", "Okay, I've forgotten that you parked on level 3.",
        "You haven't told me where you parked.", "Okay, I've forgotten that you work as a nurse.", "You're allergic to peanuts."]
    # remarks, feelings and requests said in the first person are not facts
    assert [engine.handle(line).intent for line in ("I just got back from a run", "I'm tired", "I need to buy milk", "I love it")] == \
        ["fallback", "smalltalk", "list.add", "fallback"]
    engine.close()


def test_a_fact_is_corrected_right_after_and_things_keep_their_article(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    assert said(engine, "my favourite colour is green", "actually it's blue", "what's my favourite colour") == [
        "Got it: your favourite colour is green.", "Okay, your favourite colour is blue.", "Your favourite colour is blue."]
    assert said(engine, "remember that the door code is 4 4 1 9", "what's the door code") == [
        "Got it: the door code is 4 4 1 9.", "The door code is 4 4 1 9."]
    engine.close()


def test_children_are_kept_together_and_counted(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    assert said(engine, "I have two kids, Max and Lily", "how many kids do I have", "what are my kids called", "who is Lily") == [
        "Got it: you have two kids, Max and Lily.", "You have two kids, Max and Lily.", "Your kids are Max and Lily.",
        "About Lily: Lily is one of your kids."]
    assert said(engine, "my wife's name is Sarah", "Sarah is a teacher", "tell me about my family") == [
        "Got it: your wife is Sarah.", "Got it: your wife Sarah is a teacher.", "Your kids are Max and Lily and your wife Sarah is a teacher."]
    assert said(engine, "my wife is a keen gardener", "who is my wife") == [  # a description, not her name
        "Got it: your wife Sarah is a keen gardener.", "Your wife Sarah is a teacher and is a keen gardener."]
    assert said(engine, "my mum is called Jean", "my mum is ill", "who is Jean") == [
        "Got it: your mum is Jean.", "Got it: your mum Jean is ill.", "About Jean: Jean is your mum. She is ill."]
    engine.close()


def test_facts_survive_a_restart_and_rows_kept_by_the_older_memory_still_read(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    said(engine, "my brother Tom works at the hospital", "I live in Bristol", "my mum's birthday is May 2nd", "no")
    with engine.store.transaction() as db:  # as the memory kept them before verbs were understood
        db.execute("INSERT INTO memory (subject, relation, said_subject, value, created_at) VALUES ('me', 'sister', NULL, 'Lives In Leeds', 0)")
        db.execute("INSERT INTO memory (subject, value, created_at) VALUES ('me', 'I work at the library', 0)")
    engine.close()
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    assert said(engine, "where does Tom work", "where do I live", "where do I work", "what's my sister called",
                "when is my mum's birthday") == [
        "Your brother Tom works at the hospital.", "You live in Bristol.", "You work at the library.", "Your sister lives in Leeds.",
        "Your mum's birthday is May 2nd."]
    engine.close()


def test_what_was_said_plainly_is_kept_found_corrected_and_never_answered_with_another_fact(tmp_path) -> None:
    from earpiece_host.dialogue import open_engine

    engine = open_engine(tmp_path, seed=1, morning_briefing=False)
    said = lambda *lines: [engine.handle(line).text for line in lines]  # noqa: E731
    assert said("we've got a cat called Pickle", "what's my cat called again")[-1] == "Your cat is called Pickle."
    assert said("I've left my passport in the top drawer", "where's my passport")[-1] == \
        "You've left your passport in the top drawer."  # the user's own words, said back
    assert said("my sister Priya lives in York", "actually no she moved, she lives in Leeds now",
                "where does Priya live")[-1] == "Your sister Priya lives in Leeds."
    assert said("I parked in the blue zone", "oh wait no it's the green zone, I moved the car", "where did I park")[-1] == \
        "You parked in the green zone."
    assert said("the wifi password at the cottage is blue kettle", "what's the wifi password at the cottage")[-1] == \
        "The wifi password at the cottage is blue kettle."
    birthday = said("my friend Olu teaches at a school in Croydon", "when's Olu's birthday")[-1]
    assert "teaches" not in birthday and "haven't told me" in birthday  # what Olu does is no answer
    engine.close()


def test_a_question_about_someone_is_never_answered_with_a_fact_about_someone_else(tmp_path) -> None:
    from earpiece_host.dialogue import open_engine

    engine = open_engine(tmp_path, seed=1, morning_briefing=False)
    engine.handle("my wife's sister lives in Dublin")
    answer = engine.handle("where does my wife work").text
    engine.close()
    assert answer == "You haven't told me what your wife does for a living."


def test_facts_said_the_way_people_talk_are_kept(tmp_path) -> None:
    from earpiece_host.dialogue import open_engine

    engine = open_engine(tmp_path, seed=1, morning_briefing=False)
    said = lambda *lines: [engine.handle(line).text for line in lines]  # noqa: E731
    assert said("and my sister's allergic to cats", "what is my sister allergic to")[-1] == "Your sister is allergic to cats."
    assert said("my sister Priya lives in Manchester", "oh she's moved to Glasgow now", "where does Priya live")[-1] == \
        "Your sister Priya lives in Glasgow."
    assert said("we've got a cat called Pickle", "she's allergic to chicken", "what's the cat allergic to")[-1] == \
        "Your cat Pickle is allergic to chicken."
    assert said("my neighbour Graham keeps bees", "his wife is called Sue", "who is Sue")[-1].startswith("About Sue: Sue is Graham's wife")
    assert said("my kids are called Freddie and Ava", "what are my children's names")[-1] == "Your kids are Freddie and Ava."
    assert said("what am I allergic to again")[-1] == "You haven't told me of anything you're allergic to."
    engine.close()


@pytest.mark.parametrize("told, asked, right", [
    (("so um just so you know i'm allergic to peanuts",), "remind me what am i allergic to", "peanuts"),
    (("my uncle loves ginger nuts",), "which biscuits does my uncle like", "ginger nuts"),
    (("we've got a new puppy he's called Rolo",), "what's the puppy called", "Rolo"),
    (("the shed lock code is 2580",), "what's the code for the shed lock", "2580"),
    ((), "what's Bernadette allergic to", None),  # never told: no guess
    (("we've got a new puppy he's called Rolo",), "what breed is Rolo", None),
])
def test_questions_asked_another_way_than_the_fact_was_told(tmp_path: Path, told: tuple, asked: str, right: str | None) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    reply = said(engine, *told, asked)[-1]
    assert right in reply if right else reply.startswith(("I don't know", "You haven't told me")), reply


@pytest.mark.parametrize("told, asked, right, wrong", [
    (("my neighbour Sue feeds the cat when we're away",), "who feeds the cat when we're away", "Sue", None),
    (("my flatmate Ollie can't stand mushrooms", "and my girlfriend loves them"), "who doesn't like mushrooms", "Ollie", None),
    (("the broadband password at my dad's flat is blue lagoon",), "what's the wifi password at dad's house", "blue lagoon", None),
    (("our bunny is called Thumper", "and the dog's name is Rex"), "what did we call the rabbit", "Thumper", "Rex"),
    (("Omar is married to Leila",), "who's Omar's wife", "Leila", None),
    (("I've put my birth certificate in the filing cabinet",), "where did I stash my birth certificate", "filing cabinet", None),
    (("my cousin Aidan works at the airport",), "where does my cousin Shona work", None, "airport"),  # another person's job
    (("my sister is allergic to cats",), "what am I allergic to", None, "cats"),  # another person's allergy
    (("my locker is number 12", "forget my locker number"), "what's my locker number", None, "12"),  # forgotten
    (("my brother Sam has the spare car key", "forget what I told you about Sam"), "who's got the spare car key", None, "Sam"),
    (("I lecture in history at the college", "I should mention I've quit lecturing, I'm a gardener now"), "what's my job",
     "gardener", "history"),  # a new job replaces the old
    (("we've got a tortoise called Shelly", "sorry, its name is Dotty, the kids renamed it"), "what's the tortoise called",
     "Dotty", "Shelly"),
    (("my flatmate Ruth, her birthday's the ninth of August", "and my boss's birthday is in March"), "when's Ruth's birthday",
     "August", "March"),
    (("my cat Biscuit is a Maine Coon",), "what sort of cat is Biscuit", "Maine Coon", None),
    (("I'm allergic to shellfish",), "is there anything I can't eat", "shellfish", None),
    (("my son Leo can't stand broccoli",), "is there any food Leo refuses to eat", "broccoli", None),
    (("my niece Ada has a gerbil called Pip",), "what's the name of Ada's pet", "Pip", None),
    (("I left the bike lock key in the kitchen drawer",), "I can't find the bike lock key, where did it go", "kitchen drawer", None),
    (("I've got four grandchildren",), "how many grandkids have I got", "four", None),
    (("my mum's birthday is the second of May",), "when was my mum born", "May", None),
    (("my name is Dara", "no sorry you misheard me it's Tara with a T"), "what's my name", "Tara", "Dara"),
    (("my friend Ines is allergic to prawns", "and my friend Kit is allergic to eggs"), "what can't Ines eat", "prawns", "eggs"),
    (("we've got a springer spaniel called Bramble", "Bramble turned six in May"), "how old is our dog", "six", None),
    (("my neighbour Dom supports Leeds", "my neighbour Ash supports Hull"), "which team does Ash follow", "Hull", "Leeds"),
    (("my aunt Lorna lives in Perth", "no wait she moved last year, she's in Stirling now"), "where's Lorna living these days",
     "Stirling", "Perth"),
    (("my grandson Alfie is six", "oh sorry I got that wrong, he's seven now, he had his birthday in March"), "how old is Alfie",
     "seven", "six"),
    # a code corrected in passing, found by what it opens; a nursery answers where a child goes to school
    (("the code for the bike shed is three three eight zero", "oh my mistake no it's three eight three zero"),
     "what digits do I tap in to open the bike shed", "three eight three zero", "three three eight"),
    (("my daughter Esme goes to Oak Tree nursery",), "where does Esme go to school", "Oak Tree", None),
    # a pet renamed in a correction; a liking asked by its kind; what someone is into, or does not like
    (("our cat is called Pebble", "sorry I got that wrong, she's called Pickle"), "what's the cat called", "Pickle", "Pebble"),
    (("I really love Korean food",), "what kind of food do I like", "Korean", None),
    (("my friend Sal loves wild swimming",), "what's Sal into", "wild swimming", None),
    (("my friend Gerry doesn't like mushrooms",), "what food does Gerry not like", "mushrooms", None),
    (("my friend Gerry doesn't like mushrooms",), "what doesn't Gerry like", "mushrooms", None),
    # two facts in one breath; an aunt who moved "last year"; a house number corrected; a name corrected with "not"
    (("we've got a dog called Bramble and he's nine",), "how old is Bramble", "nine", None),
    (("my nan Edie lives in Swansea", "no sorry she moved to Cardiff last year"), "where's Edie living these days", "Cardiff",
     "Swansea"),
    (("my neighbour Jo lives at number six", "sorry I got that wrong, Jo's at number nine"), "which house is Jo's", "nine", "six"),
    (("my neighbour's called Derek", "sorry I got that wrong, my neighbour's called Dennis, not Derek"), "what's my neighbour called",
     "Dennis", "Derek"),
    (("my sister Bea lives up in Dundee",), "where does Bea live", "lives in Dundee", "up in"),
    # allergies said as what cannot be eaten or taken
    (("just so you know I can't eat prawns, I'm allergic",), "what am I allergic to again", "prawns", None),
    (("I'm allergic to aspirin just so you know",), "is there any medicine I can't take", "aspirin", None),
    (("our dog Mabel is a lurcher",), "what breed is Mabel", "lurcher", None),
    # a correction with why it changed, a value changed in passing, two facts after a name
    (("I parked on level three of the multistorey", "naw wait it's level four I went up another floor"), "where did I park",
     "level four of the multistorey", "three"),
    (("the wifi password is bluebell twenty two", "oh actually I changed it yesterday it's foxglove nine now"),
     "what's the wifi password", "foxglove", "bluebell"),
    (("my supervisor's called Fiona and she lives in Paisley",), "where does Fiona live", "Paisley", None),
    (("I work at the Swan", "actually I've moved on, I work at the Plough now"), "where am I working", "Plough", "Swan"),
    (("my twins are called Ruby and Rose",), "what are my twins called", "Ruby and Rose", "is"),
    (("my dog's called Rex", "sorry I meant Max, the dog's called Max"), "what's my dog called", "Max", "Rex"),
    (("my daughter Amy lives in Hull", "no wait Amy's moved, she lives in York now"), "where's Amy living these days", "York", "Hull"),
    (("my best mate is called Jo", "her birthday's the ninth of April", "no"), "when is Jo's birthday", "ninth of April", None),
    (("my brother Aidan lives in Cork", "no wait Aidan's moved, he's in Galway now"), "where does Aidan live", "Galway", "Cork"),
    # a move said of "my dad" with its "'s": the new place replaces the old, never said as one garbled sentence
    (("my dad lives in Oban", "oh actually my dad's moved he lives in Fort William now"), "where's my dad living these days",
     "Fort William", "Oban"),
    # a name then "she" for it, and a verb without its "s", as some say it; "group" for "type"; "can X not eat"
    (("my niece Ada she hate olives",), "is there anything Ada doesn't like", "olives", None),
    (("my star sign is Leo", "my blood type is A positive"), "what blood group am I", "A positive", "Leo"),
    (("my dentist is Dr Shah on the high street",), "which dentist do I go to", "Shah", None),
    (("my granddaughter Esme is allergic to sesame",), "what can Esme not eat", "sesame", None),
    (("hello po I parked on level two near the lift",), "what floor is the car on", "level two", None),
    (("remember the green bin goes out on a friday",), "what day is the green bin collected", "friday", None),
    (("we've got four grandbabies",), "how many grandkids have we got", "four", None),
    # a second fact of the same person keeps the first; a correction said after a question replaces the one it names
    (("my brother Tom is a teacher", "Tom is allergic to cats"), "what does Tom do", "teacher", None),
    (("my daughter's called Niamh", "she's allergic to kiwi", "what is Niamh allergic to", "no hold on it's mango not kiwi"),
     "what is Niamh allergic to", "mango", "kiwi"),
    (("my sister Jo has two kids",), "how many children does Jo have", "two", None),
    (("I left the car on Dock Street",), "where'd I leave the motor", "Dock Street", None),
    (("my uncle Femi drives a lorry",), "what does Femi do for a living", "lorry", None),
    (("remember the hire car is a blue Fiesta",), "what car am I driving", "Fiesta", None),
    (("mum and dad's ruby wedding is on the third of June",), "when is mum and dad's anniversary", "third of June", None),
    (("my son Kagiso works at the copper mine in Selebi",), "where does Kagiso work", "copper mine", "yours"),
    (("my son Kagiso works at the copper mine in Selebi", "sorry not Selebi he's at Maun now"), "where does Kagiso work", "Maun", "Selebi"),
    (("my locker at the leisure centre is number forty",), "which locker's mine at the gym", "forty", None),
    (("my granda's eighty seven",), "how old is my grandfather", "eighty seven", None),
    (("my sister Eilidh stays in Perth",), "where does my sister live", "Perth", None),
    (("my lurcher's called Bramble", "my staffie's called Tyson"), "what's the staffie called", "Tyson", "Bramble"),
    (("I parked on level two by the stairs", "oh no sorry is level five"), "what floor did I park on", "level five", "two"),
    (("remember me hearing aid batteries are size thirteen",), "what size batteries do my hearing aids take", "thirteen", "is size"),
    (("my husband Rob can't stand coriander",), "what can't Rob stand", "coriander", None),
    (("the new locum dentist is called Ahmed",), "what's the locum's name", "Ahmed", None),
    (("my locker combination at the pool is four seven one",), "what's the combo for my pool locker", "four seven one", None),
    (("my mammy's birthday is the third of May", "no you're grand"), "when is my mum's birthday", "third of May", None),
    (("my friend Dele's birthday is the tenth of June", "no wait it's the eleventh"), "when is Dele's birthday", "eleventh of June", "tenth"),
    (("my car tyres take thirty two psi",), "what pressure do my car tyres need", "thirty two", None),
    (("the new neighbour's name is Mary", "no wait sorry it's Maura"), "what's the new neighbour called", "Maura", "Mary"),
    (("my grandson Kai is six years old", "no wait him turn seven on Sunday so he's seven now"), "how old is Kai", "seven", "six"),
    (("my locker at the pool is number eighty",), "which locker am I using", "eighty", None),
    (("I've parked on level two by the lifts",), "where's the car then", "level two", None),
    (("my cousin Ebai works at the brewery",), "where is Ebai employed", "brewery", None),
    (("my tita Rosa lives in Iloilo",), "where does my tita live", "Iloilo", "is Rosa lives"),
    (("my wife hates olives",), "what is it my wife can't stand to eat", "olives", None),
    (("my nephew Liam's after moving to Perth",), "where is Liam living now", "Perth", None),
    (("the spare key for the shed is under the mat", "no wait I moved it it's in the plant pot now"), "where's the shed spare key",
     "plant pot", "mat"),
    (("I parked on level four of the multi storey",), "what floor did I leave the van on", "level four", None),
    (("our Alfie's birthday is the third of May", "no"), "when is Alfie's birthday", "third of May", None),
    (("Mr Achebe from number nine wants the fence in sage green",), "what colour does Mr Achebe want for the fence", "sage green", None),
    (("my uncle Pat lives in Galway", "he's a fisherman"), "what does Pat do for a living", "fisherman", "Galway"),
    (("Bella in pen two is on lamb and rice", "no sorry she's on salmon and rice now"), "what's Bella eating", "salmon", "lamb"),
    (("I'm parked in space twelve at the depot",), "which space is the lorry in", "space twelve", None),
    (("my daughter Ava's teacher is called Miss Reid", "who was her teacher", "no wait it's Mrs Reid not Miss"),
     "who is Ava's teacher", "Mrs Reid", "Miss"),
    (("I left the truck outside the co-op on Mill Street", "what's the weather"), "eh where did I leave the car", "Mill Street", None),
    (("the combination for the lock on the bike shed is three three eight",), "what's the code for that shed lock", "three three eight",
     None),
    (("I'm allergic to ibuprofen",), "what were those tablets I can't take", "ibuprofen", None),
    (("my boat's on berth nine in the marina",), "which berth am I on", "nine", None),
    (("I drove buses in Leeds for twenty two years",), "how long did I drive buses", "twenty two", None),
    (("I'm on placement on ward eleven at St James's", "no sorry it's ward twelve they moved me"), "which ward am I on", "twelve",
     "eleven"),
    (("my kids are Tane and Aroha",), "how many tamariki do I have", "two", None),
    (("we've got three hundred and forty sheep on the farm", "no wait it's three hundred and sixty after the sales"),
     "how many sheep are we running", "360", "340"),
    (("mih fish supplier is a fella name Curtis from Carenage",), "who does sell me the fish", "Curtis", None),
    (("our Tracy's lass Amber has her birthday on the ninth of May",), "when's little Amber's birthday", "ninth of May", None),
    (("I left the wagon in bay six at the depot",), "where'd I leave my lorry at", "bay six", None),
    (("my sister Nakato works at Mengo hospital",), "my sister where is she working", "Mengo", "Where is"),
    (("my locker pin is four four two",), "what's the number for ma locker", "four four two", None),
    (("me car's name is Bessie",), "what did I say me car was called", "Bessie", None),
    (("my grandson Arjun lives in Slough now",), "where is Arjun staying these days beta", "Slough", None),
    (("mi daughter Keisha is nine",), "how old mi girl deh now", "nine", None),
    (("me brother Kev works at Alder Hey",), "where does our Kev work", "Alder Hey", None),
    (("I parked the car on level two at the station", "no wait level five"), "where'd I leave the car", "level five", "two"),
    (("me grandad's eighty seven", "no wait he's eighty eight now"), "how old's me grandad", "eighty eight", "Eighty"),
    (("my daughter is seven",), "how old is my daughter", "is seven", "Seven"),  # her age, not a name
    (("please remember I'm allergic to latex",), "which material did I tell you I react to", "latex", None),
    (("remember we have four kilns in the pottery",), "how many kilns did I say we had", "four", None),
    (("I've sixty cows milking this year",), "how many cows have we got", "60", None),
    (("me cat name is Tiger", "no wait she name is Tigger Tiger was the old one"), "what's my cat called", "Tigger", "Tiger."),
    (("the headmistress's name is Mrs Obi", "no wait it's Mrs Eze"), "who's the headmistress at school again", "Mrs Eze", "Obi"),
    (("the van's parked up at the back of the depot",), "where did I leave the van", "back of the depot", None),
    (("my uncle Ted drives the school bus for the council",), "what's Ted do again", "school bus", None),
    (("remember mi van inna market car park is bay twelve",), "which bay mi van deh again", "twelve", "is my van"),
    (("I'm allergic tae nuts", "fit time is it"), "is there onything I cannae eat", "nuts", None),
    (("my son Obi is at Leeds university", "no wait he's at York now he moved"), "tell me about Obi", "York", "moved"),
    (("the alarm code at the shop is four four one two",), "what's the alarm password down the shop", "four four one two", None),
    (("remember I've got two sheep dogs",), "how many dogs have I got", "two", None),
    (("our wedding anniversary is the fifth of June",), "when's me and the wife's anniversary", "fifth of June", None),
    (("remember I leave the van by the church hall",), "where the van parked again", "church hall", None),
    (("remember my locker at the depot is number twelve",), "machan which locker is mine at the depot", "twelve", None),
    (("palya remember my farm dog is called Red",), "what do I call my dog again", "Red", None),
    (("remember my day off is Monday", "no wait change it it's Tuesday now"), "which day do I get off now", "Tuesday", "Monday"),
    (("remember my boss is called Dermot",), "what's the gaffer's name again", "Dermot", None),
    (("remember my mooring in the bay is number twelve",), "where do I tie up the boat", "twelve", None),
    (("remember I got three hundred hens in the top shed",), "how many birds I got in the top shed", "three hundred", None),
    (("my cousin Wanjiru drives a matatu to Nakuru",), "what does Wanjiru do for a living", "matatu", None),
    (("I have four grandchildren mashallah",), "how many grandkids have I got", "four", "Allah"),
    (("we have a cat name Coco she does catch the mice",), "what my cat name again", "Coco", None),
    (("my son Rory drives the tractor for the estate",), "what does Rory do for a living", "tractor", None),
    (("we got a collie pup last week named Bess",), "what's the pup called again", "Bess", None),
    (("the filly I'm training for the Oaks is called Summer Rain",), "what's the name of that filly I'm getting ready", "Summer Rain", None),
    (("remember Lady Grey is allergic to bute",), "what's Lady Grey allergic to", "bute", None),
    (("I've got a hundred and forty ewes on the croft",), "how mony sheep hiv I got", "140 ewes", None),  # asked by the kind
    (("wor Kev's allergic to shellfish", "set us a timer for five minutes"), "what can Kev not eat again", "shellfish", None),
    (("my eldest boy Tomasi he skippers the dinghy for the crayfish",), "what's Tomasi do for work again", "skippers the dinghy",
     "is skippers"),  # what he does, said as he does it
    (("my brother Sani sells cattle in the Zaria market",), "where does Sani do his business", "Zaria", None),
    (("i park de van down by de ferry terminal level two", "set a timer fi ten minutes"), "erm where i leave de van", "level two", None),
    (("Pastor Williams birthday is June the nineteenth", "nah don't remind me every year"), "when Pastor Williams birthday at", "June the nineteenth",
     None),
    (("Sister Bernadette is ninety one years old",), "how old is Sister Bernadette now", "ninety one", None),
    (("my cousin Remy lives out in Breaux Bridge",), "where Remy stay at", "Breaux Bridge", None),
    (("I have four children two boys and two girls",), "how many little ones do I have", "four children.", "Boys"),
    (("me and our Len got married on the twelfth of September", "no ta don't remind me every year"), "when's me wedding anniversary",
     "twelfth of September", None),
    (("remember mi daughter Shanice she in nursing school in Barbados",), "wha Shanice doin now", "nursing school", "she is"),
    (("my missus Aroha's birthday is the ninth of October",), "when's my wife's birthday", "October", None),
    (("I've got five grandweans", "och no it's six wee Callum came in January"), "how many grandchildren have I got", "six", "five"),
    (("the spare key is under the pot plant by the braai",), "where did I put the extra key", "pot plant", None),
    (("my son Kamau is in form three at Alliance", "my daughter Njeri is at Kenya High"), "which school is Njeri at", "Kenya High", "Alliance"),
    (("my godson Jelani plays pan with Renegades", "no wait he moved to Desperadoes"), "which band is Jelani with now", "Desperadoes",
     "Renegades"),
    (("my dog Biscuit is a beagle",), "what breed is my dog", "beagle", None),
    (("the ute's booked in for a service at Tony's garage on Sydney Road",), "where's the ute getting serviced", "Tony's garage", None),
    (("my daughter Ananya is married to Sourav",), "what is my son-in-law's name", "Sourav", None),
    (("my son Arjun lives in Pune", "his wife Meera is a paediatrician", "and they have two children Rohan and Tia"),
     "how many kids does Arjun have", "two children", None),
    (("my son Arjun lives in Pune", "his wife Meera is a paediatrician", "and what is his wife's good name"), "what does she do",
     "paediatrician", None),
    (("mi sister Claudette run a cook shop down in Half Way Tree",), "where does Claudette work", "Half Way Tree", None),
    (("my mate Shane's got a blue heeler called Dusty",), "what's the name of Shane's pup", "Dusty", None),
    (("my mate Shane's got a boat called Dusty",), "what's Shane's dog called", None, None),  # a boat is no dog
    (("we got two hounds named Blue and Duke",), "what are my dogs called", "Blue and Duke", None),
    (("the wifi password in the caravan is gower seaside ninety nine",), "what's the internet code for the caravan", "gower seaside", None),
    (("my brother Juma works at the port in Dar", "his wife is called Neema", "and they have three children", "what is his wife called"),
     "how many kids do they have", "three children", None),
    (("my granddaughter Matilda's birthday is the twenty third of April", "yes please every year", "and her brother Archie's is the second of June",
      "nah don't worry about the yearly one for him"), "when's Archie's birthday again", "second of June", None),
    (("my mother in law is allergic to cashew nuts", "no sorry not cashew it is pista"), "which nut I should keep away from my mother in law",
     "pista", "cashew"),
    (("the bothy wifi code is kipper seven seven two", "fit's the date the day"), "fit's the password for the internet at the bothy", "kipper", None),
    (("my locker code at Altnagelvin is three one one five", "no hang on it's three one five one"), "what's the combination for me locker at work",
     "three one five one", "one one five"),
    (("the gym locker code is 1234",), "what's the locker code at the pool", None, "1234"),  # another place's locker: no guess
    (("I've put the spare house key under the gnome by the back shed",), "where's the spare key hidden", "gnome", None),
    (("my husband Earl takes his heart pills at supper time",), "when's Earl supposed to take his heart pills", "supper", None),
    (("me grandad Stan were a miner at Rothwell pit for forty years",), "how long did grandad work down the pit", "forty years", None),
    (("my brother Dave works on the salmon pens at Dover",), "what does Dave do for a crust", "salmon", None),
    (("my grandson Tyler is allergic to shellfish",), "can Tyler eat the shrimp or not", "shellfish", None),
    (("my brother Musa sells grains at Dawanau market in Kano",), "where does my brother trade", "Dawanau", None),
    (("my daughter Aoife's birthday is the twelfth of May",), "when do I need to get a cake for Aoife", "twelfth of May", None),
    (("I have three children two boys and one girl",), "how many watoto do I have", "three", None),
    (("my flatmate Hemi's from Gisborne", "nah sorry he's from Napier"), "where did Hemi grow up", "Napier", "Gisborne"),
    (("I keep the boat at the landing in Cocodrie slip number nine",), "where's my boat tied up at", "Cocodrie", None),
    (("my wife Ayesha teaches chemistry at the university",), "which subject is my wife teaching", "chemistry", None),
    (("my son's school fees are four hundred and fifty dollars a term", "actually it's five hundred now they put them up"),
     "how much do I pay for my son's schooling", "five hundred", "fifty"),
    (("my neighbour Pat's got a spare key for the house",), "who can let me in if I lock meself out", "Pat", None),
    (("we're milking three hundred and twenty cows this season", "actually make that three hundred and forty we bought in some heifers"),
     "how many cows are we milking", "340", "320"),  # the whole number corrected, not "three"
    (("our Aisha goes to St Mary's on Thornton Road",), "which school is Aisha at", "St Mary's", None),
    (("my elder brother Tunde works at the hospital", "his wife is called Funmi she sells fabric in Gbagi market", "they have three children",
      "and what's his wife's name sef"), "how many children do they have", "three children", None),
    (("remember the new code for the pier store is two eight eight one",), "what was that code for the store again", "two eight eight one", None),
    (("the code for Auntie Merle gate is two five eight zero", "no wait it's two five eight one"), "what's the number to get in at Auntie Merle yard",
     "two five eight one", "eight zero"),
    (("my son Marcus got him a dog named Biscuit", "no the dog's name is Peanut not Biscuit"), "what's that dog of Marcus's called", "Peanut",
     "Biscuit"),
    (("I keep mother's tablets in the top drawer of the dresser",), "where are mum's pills to", "top drawer", None),
    (("my daughter Ayesha is seven years old", "no sorry she turned eight last month"), "how old is Ayesha now", "eight", "seven"),
    (("me mam lives on Hessle Road and me brother Gary lives in Bransholme",), "where's our Gary living these days", "Bransholme", "Hessle"),
    (("my neighbour Magnus has forty two ewes", "no sorry it's fifty two he bought more at the mart"), "how many sheep does Magnus keep",
     "fifty two", "forty"),
    (("the wifi code at the clinic staff room is desert rose seven seven",), "what's the password for the clinic internet", "desert rose", None),
    (("my wife Ngozi birthday na twelfth of August",), "when Ngozi go celebrate her birthday", "August", None),
    (("my father's cloth shop is in Hussain Agahi bazaar",), "where does my father do his business", "Hussain Agahi", None),
    (("my son Arjun is allergic to cashew nuts",), "what I should not give Arjun to eat", "cashew", None),
    (("my uncle Garba sells grain at Dawanau market",), "where does uncle Garba do his business", "Dawanau", None),
    (("my cousin Tariq runs a carpet shop on Jinnah Road",), "what does Tariq sell", "carpet", None),
    (("our Jack turned fourteen last week",), "how old is Jack now", "fourteen", None),
    (("my mate Hemi's birthday is the third of May", "nah it's the thirtieth of May"), "when's Hemi's birthday", "thirtieth", "third of"),
    (("my wife Odile moors her dinghy at Breaux Bridge landing",), "where does my wife tie up her dinghy", "Breaux Bridge", None),
    (("the ledger of the shop I have kept under the counter",), "where is the shop ledger", "under the counter", None),
    (("parked the van on level four by the stairs",), "where did I leave the van", "level four", None),
    (("my grandson Ewan is nine", "no wait he's ten now"), "how auld is Ewan", "ten", "nine"),
    (("my father's name is Rajan and he is living in Kollam",), "where is my father staying", "Kollam", None),
    (("I left my bike by the station on Mill Road",), "where I put my bicycle", "Mill Road", None),
    (("my daughter Linh studies at Nguyen Trai school",), "my girl go to which school", "Nguyen Trai", None),
    (("the door code for the warehouse is two two nine one",), "what is the number to open the door at the warehouse", "two two nine one", None),
    (("my mate Shane has a heeler called Dusty", "and my sister has a cat called Mittens"), "what's my mate's pup called", "Dusty", "Mittens"),
    (("my neighbour Kev's dog is called Bolt", "no hang on the dog's called Flash"), "what's Kev's dog called", "Flash", "Bolt"),
    (("we've got two grandkids and one more on the way",), "how many grandchildren have I got", "two", None),
    (("I have two dogs Rex and Bella",), "what are the names of my dogs", "Rex", None),
    (("my daughter has the spare key",), "who is having my spare key", "daughter", None),
    (("I left my specs on the piano",), "where did I put my glasses", "piano", None),
    (("my brother Ari keeps his boat at Half Moon Bay",), "where's Ari's boat moored", "Half Moon", None),
    (("my son Farai lives in Bulawayo", "no sorry he's in Gweru not Bulawayo"), "which town is Farai staying in", "Gweru", "Bulawayo"),
    (("my daughter's dog is called Hamish", "no sorry the dog's called Angus, Hamish was the old one"), "what's my daughter's dog called", "Angus", "Hamish"),
    (("I've got five grandchildren",), "how many grandchildren have I got altogether", "five", None),
    (("our caravan is called the Sea Spray", "no wait that's the old one, it's the Osprey now"), "what's our caravan called", "Osprey",
     "Sea Spray"),
    (("my nephew Ravi is working in Pune at Tata", "no he switched to Infosys this year"), "which firm is Ravi with", "Infosys", "Tata"),
    (("I always leave my bike lock at the cafe by the station",), "where's my bike lock", "cafe by the station", None),
    (("my uncle Joao has sixty years", "no sorry sixty one, he had his birthday in May"), "how old is Joao", "sixty one", None),
    (("my son works at the Sainsbury's in Leeds",), "where does my son work", "Sainsbury's in Leeds", None),
    (("my grandad is eighty one years old",), "how old is my grandad", "is eighty one years old", "Eighty"),  # an age, not a name
    (("I'm fifty years old",), "how old am I", "fifty", None),
    (("my grandson Wiremu turns seven on the third of June", "what time is it"), "when is Wiremu's birthday", "third of June", None),
    (("my uncle Rangi fishes for snapper off the wharf at Raglan",), "where does Rangi go fishing", "Raglan", None),
    (("my husband Dale hunts elk up near Kalispell",), "what does Dale hunt", "hunts elk", "is hunts"),
    (("my abuelo lives in El Paso",), "where's my grandpa's house", "El Paso", None),
    (("my mom lives in Phoenix",), "where does my pa live", "haven't told me", "Phoenix"),  # no other kin is said to be him
    (("my cousin Maeve is married to a fella called Padraig",), "what's Maeve's other half called", "married to Padraig", "fella"),
    (("my cousin Tomasz works in Warsaw as a welder", "sorry not Warsaw he moved to Gdansk last year"), "where is Tomasz working", "Gdansk",
     "Warsaw"),
    (("my daughter Mali is six year old", "no sorry seven already her birthday was last week"), "how old is my daughter", "seven", "six"),
    (("I've three grandchildren so I have", "no wait four, wee Orla came in May"), "how many grandchildren have I got", "four", "three"),
    (("our Jade's started at Burnley College doing plumbing",), "what's Jade studying", "plumbing", None),
    (("my brother Kev works on the Red Funnel ferries",), "what does Kev do for his money", "Red Funnel", None),
    (("my father is living in Kandy near the lake",), "which town is my father staying", "Kandy", None),
    (("our Kyle's got two kids", "what's twelve times eight"), "how many bairns has our Kyle got", "two", None),
    (("my granddaughter Isla's at the college in Ayr doing childcare",), "what's wee Isla training to be again", "childcare", None),
    (("my sister Rosa lives in Cusco with her husband",), "in which city lives my sister", "Cusco", None),
    (("the birthday of my son Diego is the twenty one of May", "yes every year please"), "how many days are left for the birthday of Diego",
     "21st of May", None),
    (("my son Mateo has nine years", "no sorry he has ten years he had his birthday in June"), "how old is Mateo", "ten", "nine"),
    (("my uncle Ronan keeps about ninety sheep up the glen", "what's the date"), "how big is Ronan's flock", "ninety", None),
    (("my cousin Dilly breeds forty horses", "what's the date"), "how many horses does Dilly breed", "forty", None),
    (("my younger brother Kasun is working in a garage in Matara", "what time is it"), "where is my malli doing his job", "Matara", None),
    (("my niece Grainne lives in Tralee", "her husband's called Padraig", "and he works at the boatyard in Fenit"), "where does Padraig work",
     "boatyard", None),
    (("we have three childer, a boy and two girls", "what time is it"), "how many youngsters have we", "three", None),
    (("I park the car behind the church hall", "what's the date"), "where mi park the car", "church hall", None),
    (("my husband is called Tomas and he works at the mine", "no sorry now he works at the port"), "where does my husband work", "port", "mine"),
    (("my great grandson Finn is four",), "how old is Finn", "great grandson Finn", None),
    (("my sister Nadia teaches maths at the grammar school",), "what kind of work Nadia does", "maths", None),
    (("my cousin Rafi runs a phone shop in Old Dhaka", "what time is it"), "where my cousin is doing his business", "Old Dhaka", None),
    (("the trailer is parked behind the sheds", "what's the date"), "far's the trailer", "behind the sheds", None),
    (("my dad's allergic to aspirin", "what time is it"), "what can't my dad take from the pharmacy", "aspirin", None),
    (("I'm allergic to sesame", "what's the date"), "which foods should I stay away from", "sesame", None),
    (("the alarm code at mee maw's is two two four six", "what time is it"), "what's the code at my grandma's", "two two four six", None),
    (("mi daughter Shauna live inna Kingston", "her move to Spanish Town last year"), "weh Shauna live now", "Spanish Town", "Kingston"),
    (("my son Diego studies law in Madrid", "no sorry he studies economics not law"), "what is studying Diego", "economics", "law"),
    (("my sister Ana is working in Lisbon", "what time is it"), "which country is Ana in", "Lisbon", None),
    (("my granny turned eighty last week", "what's the date"), "how old is my granny", "eighty", None),
    (("my nephew Kofi goes to St Mary's college", "what time is it"), "which college Kofi attend", "St Mary", None),
    (("my uncle Ravi lives in Leeds", "sorry not Leeds, Bradford"), "where does Ravi live", "Bradford", "Leeds"),
    (("my daughter's birthday is the third of May", "no baby it's the fifth of May"), "when is my daughter's birthday", "fifth", "third"),
    (("our Mia's allergic to kiwi", "no wait it's not kiwi it's mango she's allergic to"), "what is Mia allergic to", "mango", "kiwi"),
    (("my grandson Tyrone birthday is the fourth of May", "no wait a the fourteenth of May"), "when is Tyrone's birthday", "fourteenth", "fourth"),
    (("the code of the garage alarm it is five five one two", "what time is it"), "what is the number to turn off the alarm of the garage",
     "five five one two", None),
    (("my kuya Ramon is working as a chef in Manila", "what time is it"), "where does my brother Ramon work", "Manila", None),
    (("my daughter Imani plays goalkeeper for the county under twelves", "what's the date"), "what position is Imani on her team",
     "goalkeeper", None),
    (("my nephew Tariq studies architecture in Cairo",), "what career is Tariq doing", "architecture", None),
    (("remember the spare key is in the coal bunker", "add matches to the list"), "where's the extra key to the house", "coal bunker", None),
    (("my uncle Dermot keeps his caravan at the site in Tramore", "no it's at the site in Bunmahon now he moved it in May"),
     "where does Dermot keep the caravan", "Bunmahon", "Tramore"),
    (("my cousin Ines keeps her boat at the marina", "what time is it"), "where does Ines moor the boat", "marina", None),
    (("my son Kemar is nine", "correction he turn ten yesterday"), "how old is Kemar", "ten", "nine"),
    (("remember my wife cannot have dairy",), "can my wife have cheese", "dairy", None),
    (("we keep forty beef cattle on the farm", "what time is it", "we sold ten so now we have thirty cattle"), "how many cattle do we have",
     "30", "40"),
    (("i can't take aspirin it gives me a rash", "add eggs to the list"), "am i allergic to anything", "aspirin", None),
    (("our wedding anniversary is the third of October", "no"), "when did we get married", "October", None),
    (("i parked the car on level two of the multistorey",), "where did i park the vehicle", "level two", None),
    (("my favourite drink is sorrel", "tell me a joke"), "which drink do i like best", "sorrel", None),
    (("my car is a blue Fiesta", "what's the date", "we sold it last week it's a grey Corsa now"), "what car do i have", "Corsa", "Fiesta"),
    (("my auntie Grace lives in Kumasi",), "where is auntie Grace based", "Kumasi", None),
    (("my brother Dele teaches at the grammar school", "he teaches chemistry"), "what subject does Dele teach", "chemistry", None),
    (("my brother Dele teaches at the grammar school", "he teaches chemistry"), "where does Dele teach", "grammar school", None),
    (("i am allergic to ibuprofen",), "which medicine do i react to", "ibuprofen", None),
    (("we keep four pigs and ten hens at the farm", "no we sold one pig so it's three pigs now"), "how many pigs do we have", "three", "four"),
    (("we have six cows",), "how many cattle are there on the farm", "six", None),
    (("my son Ade's school is in Yaba", "no sorry his school moved to Surulere"), "which area is Ade studying in", "Surulere", "Yaba"),
    (("my tito Ben lives in Davao",), "in which city does tito Ben stay", "Davao", None),
    (("my cousin Shaquille drives a forklift at the docks",), "what kinda work Shaquille does", "forklift", None),
    (("my daughter Zara plays netball for the county", "her number's seven"), "what number does Zara wear", "seven", None),
    (("my brother Dan lives in Leeds", "add milk to the list", "actually he moved over to York last month"), "where's Dan living these days",
     "York", "Leeds"),
    (("my van's parked on level two of the ferry terminal car park", "remind me to call the garage at four",
      "actually i moved it over to the station car park"), "where's my van at", "station", "ferry"),
    (("my daughter Meera is studying in class four",), "which standard is Meera in", "four", None),
    (("i parked the car on level three",), "where have i left the vehicle", "level three", None),
    (("we have twenty goats on the farm", "no sorry twenty two one had twins"), "how many goats are we having now", "22", "20"),
    (("my niece Abena attends Wesley Girls",), "which school is Abena in", "Wesley", None),
    (("our anniversary is on the fifth of June", "no sorry na the sixth of June"), "when is our anniversary", "sixth", "fifth"),
    (("next door's dog is called Rex",), "what's the neighbour's dog called", "Rex", None),
    (("my brother Colm lives in Nenagh", "what's the time", "he's after moving to Thurles"), "where's Colm living now", "Thurles", "Nenagh"),
    (("my son Oisin plays gaelic for Crossmaglen",), "who does Oisin play football for", "Crossmaglen", None),
    (("my mate Ross works at the distillery", "no sorry he's moved he works at the harbour now"), "where's Ross working", "harbour", "distillery"),
    (("we have four pigs and fifteen hens at the smallholding",), "how many hens are there at the smallholding", "15", None),
    (("i keep the spare key under the green pot",), "if i get locked out where will i find the other key", "green pot", None),
    (("my grandson Lewis is nine",), "what age is wee Lewis", "nine", None),
    (("my brother Tendai lives in Harare",), "in which town is my brother staying", "Harare", None),
    (("my favourite drink is rooibos", "what's twelve times four"), "which drink do i like the most", "rooibos", None),
    (("my son Kipkemoi was born on the third of May",), "when does Kipkemoi celebrate his birthday", "May", None),
    (("my van is a white Transit", "i've sold the transit now i drive a blue Vivaro"), "what van am i driving now", "Vivaro", "Transit"),
    (("my daughter Kirsty works at the bakery", "actually no she's at the garden centre now"), "where does Kirsty work", "garden centre", "bakery"),
    (("my neighbour's name is Alan", "oh no sorry it's Alun not Alan"), "what's the woman next door called", "Alun", None),
    (("my friend Bih's birthday is the second of May",), "on which date does Bih celebrate", "May", None),
    (("i love jollof rice", "what's the date"), "which food do i enjoy", "jollof", None),
    (("my car is a red Fiat Panda",), "which vehicle do i drive", "Panda", None),
    (("we've a gelding in the field called Pickles", "add carrots to the list"), "what's the horse's name again", "Pickles", None),
    (("my husband's name is Declan", "he works at the post office in Omagh"), "where's Declan's work", "Omagh", None),
    (("my mare is called Bess", "what time is it", "no sorry I was wrong, the mare's name is Tess"), "what's my horse called", "Tess", "Bess"),
    (("we've an old cat called Pixie", "she's a maine coon"), "what breed is Pixie", "maine coon", None),
    (("i'm allergic to penicillin", "no, it's codeine I'm allergic to, not penicillin"), "what am i not allowed to have", "codeine",
     "penicillin"),
    (("i'm allergic to latex", "actually I'm allergic to nickel not latex"), "what am i allergic to", "nickel", "latex"),
    (("my son Rory plays on the wing for the under fourteens", "set a timer for ten minutes"), "what position is Rory", "wing", None),
    (("my daughter name amelia and she does play netball for the school",), "what sport amelia does play", "netball", None),
    (("my van is a white ford transit", "no wait it not white is blue i always mixing that up"), "what colour the van is again", "blue",
     "white"),
    (("our cat's called Tigger", "and he's allergic to fish hey"), "what food must tigger keep away from", "fish", None),
    (("my brother lives in Leeds", "what time is it", "actually he moved to York last year, not Leeds anymore"), "where does my brother live now",
     "York", "Leeds"),
    (("my wife is Thandi", "we got married on the third of May"), "when do thandi and i celebrate our wedding", "May", None),
    (("my horse is called Pepper", "nah sorry the horse is Ginger, Pepper's the dog"), "what's my horse called", "Ginger", "Pepper"),
    (("my favourite team is Swansea",), "what football team do i support", "Swansea", None),
    (("i work at the tesco in bangor", "no hang on i moved, i'm at the aldi now"), "where do i work", "aldi", "tesco"),
    (("our dog's name is bramble", "no sorry her name is bracken"), "what's our dog called", "Bracken", "ramble"),
    (("i work at the bank in perth", "no actually i've moved to the one in stirling now"), "where am i working these days", "stirling", "perth"),
    (("my grandson finlay's birthday is the ninth of june",), "what day was wee finlay born", "June", None),
    (("my brother kofi stays in accra", "set a timer for five minutes", "sorry i made a mistake kofi stays in tamale not accra"),
     "which town is kofi living in now", "tamale", "accra"),
    (("remember my cousin morag stays in oban", "och no she moved to fort william last month"), "where is morag living now", "fort william",
     "oban"),
    (("we have six goats", "eh sorry eight goats i bought two more"), "how many goats do we have", "eight", "six"),
    (("my husband is called Otieno", "no sorry his name is Ouma, Otieno is my brother"), "what's my husband's name", "Ouma", "Otieno"),
    (("i work as a waiter at the harbour cafe", "actually i'm a chef not a waiter"), "what's my job", "chef", "waiter"),
    (("my sister fiona is allergic to nuts",), "is there onything fiona has tae steer clear o", "nuts", None),
    (("my son leroy plays for the harbour rovers",), "fit team is it leroy plays for", "rovers", None),
    (("i've left the car round at the garage",), "where did i put the motor", "garage", None),
    (("i'm allergic to peanuts",), "is there anything i can't be having", "peanuts", None),
    (("my dad's birthday is the second of june",), "what month's my dad's birthday in", "June", None),
    (("my husband name desmond",), "who mi married to", "Desmond", None),
    (("mi son name andre an him live a kingston",), "weh andre deh live", "kingston", None),
    (("mi hide di car key inna di drawer",), "weh mi did put di car key", "drawer", None),
    (("mi have four goat",), "how much goat mi own", "four", None),
    (("i'm seventy two this year",), "what age am i", "seventy two", None),
    (("the dog's called biscuit",), "what's the dog called", "Biscuit", None),
    (("my club is celtic, since i was a boy",), "who is it i support at the football", "celtic", "since"),
    (("i can't stand mushrooms",), "is there anything i don't like the smell of", "mushrooms", None),
    (("ah'm allergic tae penicillin",), "what am ah allergic tae", "penicillin", None),
    (("ah work at the harbour office",), "where dae ah work now", "harbour office", None),
    (("i'm allergic to wasps", "no sorry it's bees"), "what am i allergic to", "bees", "wasps"),
    (("i parked on level two of the shopping centre car park", "actually i moved it already, now it's on level six"), "where did i park",
     "level six", "level two"),
    (("remember i've got three cats and a dog",), "how many cats have i got", "three", None),
    (("my nan's birthday is the fourth of may", "no", "sorry it's the fifth of may not the fourth"), "when's my nan's birthday", "fifth", "fourth"),
    (("the horses are called bess and duke",), "what are the horses called", "Bess", None),
    (("remember the torch is in the shed", "actually i move it it on the shelf now"), "where is the torch", "shelf", "shed"),
    (("my grandson tomas studies at st aidan's",), "which school is tomas at", "aidan", None),
    (("remember my reading glasses are in the bedside drawer", "oh i moved them to the hall table"), "where are my reading glasses",
     "on the hall table", "bedside"),
    (("my spare battery is under the stairs", "no wait we put it in the garage"), "where's my spare battery", "in the garage", "stairs"),
    (("i parked the van at level two", "no wait i moved it to level four"), "where did i park the van", "level four", "level two"),
    (("our shamba is up in meru",), "where is our farm", "meru", None),  # Swahili "shamba": a farm
    (("our neighbour ruth feeds biscuit when we're away",), "who feeds biscuit while we're gone", "Ruth", None),  # not a question about us
    (("our neighbour is called papa joe", "he has a parrot called kiki"), "what's papa joe's parrot called", "kiki", None),
    (("remember my bike is locked by the station", "i moved it my bike is in the shed now"), "where's my bike", "shed", "station"),
    (("remember i parked by the school gate", "oh i moved the van to the car park behind the church"), "where did i park",
     "behind the church", "school gate"),
    (("my brother luca has a cat called micio",), "how is called the cat of my brother", "Micio", None),
    (("remember i work at the bakery in town", "actually since march i work at the hospital"), "where do i work", "hospital", "bakery"),
    (("my father lives in bari", "no wait he moved now he lives in lecce"), "where does my father live", "lecce", "bari"),
    (("my husband is allergic to peanuts",), "what did i say my husband is allergic to", "peanuts", None),
    (("my wife is allergic to latex", "my wife is also allergic to kiwi"), "what is my wife allergic to", "kiwi", None),
    (("remember my gloves are in the hall", "no actually they are in the car boot"), "where are my gloves", "car boot", "hall"),
    (("i parked the van at the station car park", "no i moved it now it is at the supermarket"), "where did i park", "at the supermarket", "at at"),
    (("we have two dogs name toto and bima",), "how many dogs do i have", "two dogs, Toto and Bima", "three"),
    (("remember my daughter is allergic to nuts", "and also to eggs"), "what is my daughter allergic to", "eggs", None),
    (("remember my daughter is allergic to nuts", "she is also allergic to eggs"), "what is my daughter allergic to", "nuts", None),
    (("remember my dog name is rex", "no sorry his name is max not rex"), "what is my dog called", "Max", "Rex"),
    (("remember my dentist is doctor aydin", "no it is doctor demir now aydin retired"), "who is my dentist", "Demir", "retired"),
    (("memba dat mi bredda kevin work at di port",), "where does my brother work", "Kevin works at", None),
    (("remember ivan from upstairs has spare key from our house", "no sorry not ivan it is olga who has the key"), "who has our spare key", "Olga", "Ivan"),
    (("remember tom has our spare key", "no not tom it is mary"), "who has our spare key", "Mary", "Tom"),
    (("remember my son is allergic to eggs", "remember my son is allergic to milk"), "what is my son allergic to", "eggs", None),
    (("remember my son is allergic to eggs", "no sorry he is allergic to milk"), "what is my son allergic to", "milk", "eggs"),
    (("i am allergic to eggs", "no sorry i am allergic to milk"), "what am i allergic to", "milk", "eggs"),
    # the 's not said, after the kin of a name: whose birthday and number it is
    (("remember my manager's name is Sato", "my boss Ines birthday is the second of june"), "when is Ines's birthday", "June", "Birthday is"),
    (("remember my neighbour Bruno phone number is five five oh one",), "what is Bruno's number", "five five oh one", "Bruno phone"),
    # a correction said with the value alone, a name of two words, a name that is also a small word
    (("my daughter mei is allergic to peanuts", "oh sorry it's sesame"), "what is mei allergic to", "sesame", "peanuts"),
    (("my brother's birthday is the fourth of may", "no the fifth of may"), "when is my brother's birthday", "fifth", "fourth"),
    (("we have two kids bao and an",), "how many kids do i have", "two", None),
    # a thing kept somewhere, told without "remember", in the plural or of a place
    (("the wallets are in the top drawer of the desk",), "where are the wallets", "top drawer", None),
    (("the spare key of the shop is in the till", "what time is it"), "where is the spare key", "in the till", None),
])
def test_a_fact_is_found_by_the_words_of_a_question_asked_another_way(tmp_path: Path, told: tuple, asked: str, right: str | None,
                                                                      wrong: str | None) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    reply = said(engine, *told, asked)[-1]
    assert right in reply if right else reply.startswith(("I don't know", "You haven't told me")), reply
    assert wrong is None or wrong not in reply, reply
    engine.close()


def test_who_has_a_thing_of_the_users_is_said_not_told_and_other_questions_are_not(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    assert said(engine, "who feeds our cat when we're away")[-1] == \
        "I don't know who feeds your cat when you are away. You haven't told me."
    assert not said(engine, "who won the cup final")[-1].startswith("I don't know")  # not a thing of theirs
    engine.close()


def test_two_facts_told_in_one_breath_are_both_kept_and_both_dates_offered_once(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    said(engine, "my friend Ade works at the bakery and his wife Tola works at the school")
    answer = said(engine, "where does Tola work")[-1]
    assert "school" in answer and "bakery" not in answer
    told = said(engine, "my aunt's birthday is the fourth of may and my uncle's is the sixth of july")[-1]
    assert told.count("?") == 1 and told.endswith("Shall I remind you of both every year?"), told
    said(engine, "yes please")
    reminders = said(engine, "what are my reminders")[-1]
    assert "aunt" in reminders and "uncle" in reminders and reminders.count("every year") == 2, reminders
    assert "july" in said(engine, "when's my uncle's birthday")[-1].lower()
    engine.close()


def test_a_memory_question_that_fails_inside_the_skill_is_answered_and_the_os_goes_on(tmp_path: Path, monkeypatch) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    monkeypatch.setattr(engine.memory, "_recall", lambda slots, turn: 1 / 0)  # a bug in the skill
    assert said(engine, "where does my sister live")[-1].startswith("Sorry, something went wrong on my side")
    assert said(engine, "what time is it")[-1].startswith("It's")
    engine.close()


def test_children_named_without_commas_are_counted_one_by_one(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("my grandkids are called Isla Jude and Mo")  # as a recogniser writes it: no commas
    assert engine.handle("how many grandchildren have I got").text == "You have three grandkids, Isla, Jude and Mo."
    assert engine.handle("what are my grandkids called").text == "Your grandkids are Isla, Jude and Mo."
    engine.close()


def test_a_question_about_my_own_job_is_never_answered_with_someone_elses(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("my husband Dev works at the bus depot")
    mine = engine.handle("what is my job").text
    assert "Dev" not in mine and "depot" not in mine and "haven't told me" in mine
    engine.handle("I'm a pharmacist")
    assert engine.handle("remind me what my job is").text == "You're a pharmacist."
    assert "bus depot" in engine.handle("what's my husband's line of work").text
    engine.close()



def test_yes_with_a_reason_sets_the_yearly_reminder(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    assert engine.handle("my nephew Sami's birthday is the third of May").text.endswith("Shall I remind you every year?")
    engine.handle("yes please, she'd be so upset if I forgot")
    assert engine.store.read("SELECT COUNT(*) FROM reminders")[0][0] == 1
    assert "in 60 days" in engine.handle("how many days is it till his birthday then").text
    engine.close()



def test_a_changed_job_is_said_against_what_it_replaced(tmp_path: Path) -> None:
    clock = Clock(NOW)
    engine = open_engine(tmp_path, clock=clock, seed=1, morning_briefing=False)
    engine.handle("my brother Tom works at the big hospital in Leeds")
    clock.advance(minutes=10)
    said = engine.handle("actually Tom works at the hospital in York now").text
    assert said == "Updated: your brother Tom works at the hospital in York, not the big hospital in Leeds.", said
    engine.close()



def test_a_correction_of_someone_just_asked_about_and_a_job_moved(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    engine.handle("my cousin Ana works at the Royal Infirmary")
    engine.handle("what's the time")
    engine.handle("where does Ana work")
    said = engine.handle("oh correction she works at the Western now not the Royal").text
    assert said.startswith("Updated:") and "the Western" in said
    assert "Western" in engine.handle("where does Ana work").text
    engine.handle("my friend Kit works at the garden centre")
    engine.handle("actually he's moved to the big Tesco now")
    assert "Tesco" in engine.handle("where does Kit work").text
    engine.close()


def test_a_new_job_or_home_said_of_a_person_by_relation_replaces_the_one_told_by_name(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    replies = said(engine, "my brother Tom plays the fiddle", "Tom works at the bank", "where does my brother work",
                   "oh he's not there any more he works at the library now", "where's Tom working these days",
                   "my brother plays golf", "tell me about Tom")
    assert "library" in replies[4] and "bank" not in replies[4]
    assert "fiddle" in replies[-1] and "golf" in replies[-1]  # what else he does stays beside it
    replies = said(engine, "i work at the garden centre", "actually scrap that i've just started at the post office",
                   "where am i working at the moment")
    assert "post office" in replies[-1] and "garden centre" not in replies[-1]


def test_a_job_said_by_what_someone_does_answers_where_they_work(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    replies = said(engine, "my husband winston drives for the buses out of the handsworth depot", "where does winston work",
                   "my wife kate absolutely loves lilies", "what flowers should i pick up for kate",
                   "remember my doctor is doctor lee at the health centre", "who's my gp",
                   "our dog's called biscuit", "sorry i got that wrong she's called bramble biscuit was the old one", "what's the dog's name")
    assert "handsworth" in replies[1] and "lilies" in replies[3] and "lee" in replies[5].lower()
    assert "bramble" in replies[-1].lower()  # had been "Your dog is one."


def test_he_a_few_turns_on_is_the_person_talked_about_and_the_change_says_what_it_replaced(tmp_path: Path) -> None:
    clock = Clock(NOW)
    engine = open_engine(tmp_path, clock=clock, seed=1, morning_briefing=False)
    replies = said(engine, "my uncle Brendan works on the bin lorries in Derry", "oh and I'm allergic to penicillin",
                   "where does Brendan work again", "what am I allergic to")
    assert "bin lorries" in replies[2] and "penicillin" in replies[3]
    clock.advance(minutes=10)
    moved = engine.handle("actually he's off the lorries now he works at the leisure centre").text
    assert moved == "Updated: your uncle Brendan works at the leisure centre, not on the bin lorries in Derry.", moved
    assert "leisure centre" in engine.handle("so where's he working these days").text
    engine.close()


def test_him_said_of_a_pet_just_named_is_kept_as_its_name(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    replies = said(engine, "our tortoise is called Dennis", "my neighbour Carys minds him when we go camping",
                   "who looks after Dennis when we're camping")
    assert "Dennis" in replies[1] and "him" not in replies[1]
    assert "Carys" in replies[-1], replies
    engine.close()


def test_a_key_safe_code_at_a_job_somewhere_is_kept_and_found_as_the_lockbox_number(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    replies = said(engine, "the key safe code at the site in Harrow is two two eight one", "what's the number for the lockbox in Harrow")
    assert "two two eight one" in replies[-1] or "2281" in replies[-1], replies
    engine.close()


def test_things_lent_codes_at_places_and_numbers_of_things_are_kept_and_found(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False)
    replies = said(engine, "I lent my strimmer to my neighbour Dilys", "who has my strimmer",
                   "the wifi password at the garden centre is tulip eight eight", "what's that wifi code again my 'ansum",
                   "the van's parking bay number is fifty one", "what number's me parking bay",
                   "my uncle Ron drives lorries for Tesco", "where does Ron work")
    assert "Dilys" in replies[1] and "strimmer" in replies[1], replies
    assert "tulip eight eight" in replies[3], replies
    assert "fifty one" in replies[5], replies
    assert "Tesco" in replies[7] or "tesco" in replies[7], replies
    engine.close()


def test_where_someone_studies_who_i_am_married_to_and_my_job_somewhere_are_answered(tmp_path: Path) -> None:
    with open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False) as engine:
        engine.handle("my daughter wanjiru studies at the university of nairobi")
        engine.handle("my wife's name is elif")
        engine.handle("i'm a nurse at mass general")
        engine.handle("the spare key's under the blue pot by the back door")
        assert engine.handle("where is wanjiru studying").text == "Your daughter Wanjiru studies at the university of nairobi."
        assert engine.handle("where does my son study").text == "You haven't told me where your son studies."
        assert engine.handle("who am i married to").text == "Your wife is Elif."
        assert engine.handle("where do i work").text == "You're a nurse at mass general."
        assert engine.handle("um where do i keep the spare key").text == "The spare key is under the blue pot by the back door."


def test_one_holder_a_thing_and_one_parking_place_after_a_correction(tmp_path: Path) -> None:
    with open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False) as engine:
        told = engine.handle("my neighbour mrs adamu has my spare key").text
        engine.handle("actually no mr okafor at number nine has it now")
        holder = engine.handle("who's got my spare key").text
        assert told.endswith("Mrs Adamu has your spare key.")
        assert holder == "Mr Okafor at number nine has your spare key."  # Mrs Adamu no longer has it
        assert engine.handle("who is my neighbour").text == "Your neighbour is Mrs Adamu."
        engine.handle("i've parked on level three")
        assert engine.handle("no wait it's level four").text == "Okay, you've parked on level four now, not level three."
        assert engine.handle("which floor did i leave the car on").text == "You've parked on level four."
        engine.handle("i parked the ute on level two near the lifts")
        assert engine.handle("where did i leave the ute").text == "You parked the ute on level two near the lifts."


def test_facts_asked_in_other_words_are_found(tmp_path: Path) -> None:
    with open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False) as engine:
        for told in ("the wifi password at my auntie's is nutmeg four seven one nine", "my cousin yiannis runs a taverna in larnaca",
                     "the crab house we liked in annapolis was called cantler's", "the godmother for the christening is my cousin aoife",
                     "mrs miller's dog is called biscuit"):
            engine.handle(told)
        assert engine.handle("what's the wifi code at auntie's house again").text == \
            "The wifi password at your auntie's is nutmeg four seven one nine."
        assert engine.handle("where is yiannis's restaurant").text == "Yiannis runs a taverna in larnaca."
        assert engine.handle("what was the name of that crab place in annapolis").text == "The crab house you liked in annapolis is cantler's."
        assert engine.handle("who did we pick for godmother").text == "The godmother is your cousin aoife."
        assert "Mrs Miller's dog" in engine.handle("what's mrs miller's dog called again").text


def test_a_job_asked_of_someone_told_by_what_they_are(tmp_path: Path) -> None:
    with open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False) as engine:
        engine.handle("my nephew callum is a ghillie up at inverlochy")
        engine.handle("i have three children kemar shanice and little tyson")
        assert engine.handle("what's callum's job again").text == "Your nephew Callum is a ghillie up at inverlochy."
        assert engine.handle("how many kids i got").text == "You have three children, Kemar, Shanice and Tyson."
        engine.handle("my daughter lives in calgary")
        assert engine.handle("oh sorry i meant edmonton not calgary").text == "Okay, your daughter lives in edmonton."


def test_a_thing_where_it_is_a_dislike_of_someone_else_and_a_code_asked_without_the(tmp_path: Path) -> None:
    with open_engine(tmp_path, clock=lambda: NOW, seed=1, morning_briefing=False) as engine:
        told = engine.handle("the boat's on mooring forty one on the west pontoon").text
        assert told.lower().endswith("the boat is on mooring forty one on the west pontoon.")  # a thing, not a name (not "Boat is")
        assert engine.handle("where have i got the boat tied up").text == "The boat is on mooring forty one on the west pontoon."
        engine.handle("my husband can't stand olives")
        assert "olives" in engine.handle("does my husband like olives").text
        engine.handle("my locker code is two nine one five")
        assert engine.handle("what is number for my locker at the gym").text == "The locker code is two nine one five."
