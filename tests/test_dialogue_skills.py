"""Each skill's behaviour through the engine, with a real database and a settable clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from earpiece_host.dialogue import DeviceContext, SetVolume, open_engine
from settable_clock import Clock

TZ = timezone.utc




@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 9, 9, 10, 0, tzinfo=TZ))  # Wednesday 10:00


@pytest.fixture
def engine(tmp_path: Path, clock: Clock):
    e = open_engine(tmp_path, clock=clock, seed=11, morning_briefing=False)
    yield e
    e.close()


def test_time_and_date(engine, clock: Clock) -> None:
    assert "10 AM" in engine.handle("what time is it").text
    assert "Wednesday the 9th of September" in engine.handle("what's the date").text
    assert "Thursday the 10th of September" in engine.handle("and tomorrow?").text


def test_several_named_timers_with_status_pause_resume_and_cancel(engine, clock: Clock) -> None:
    assert engine.handle("start a 10 minute pasta timer").slots == {"duration_s": 600, "name": "pasta"}
    engine.handle("set an egg timer for 6 minutes")
    clock.advance(minutes=4)
    status = engine.handle("how are my timers doing").text
    assert "6 minutes left on your pasta timer" in status and "2 minutes left on your egg timer" in status
    assert "Which one" in engine.handle("pause the timer").text
    answer = engine.handle("the pasta one")
    assert (answer.intent, answer.slots) == ("timer.pause", {"name": "pasta"})
    assert "Paused your pasta timer" in answer.text
    clock.advance(minutes=30)  # paused: the pasta timer does not run down
    (egg,) = engine.due_announcements()
    assert egg.kind == "timer" and "egg timer" in egg.text
    engine.mark_delivered(egg.id)
    assert "6 minutes" in engine.handle("how long is left on the pasta timer").text
    assert engine.handle("pause the pasta").text == "Your pasta timer is already paused."
    assert "6 minutes to go" in engine.handle("resume the pasta timer").text
    assert engine.handle("start the pasta again").text == "Your pasta timer is already running."
    clock.advance(minutes=5)
    assert engine.due_announcements() == []
    assert "Cancelled your pasta timer" in engine.handle("cancel it").text
    clock.advance(minutes=5)
    assert engine.due_announcements() == []
    assert "no timers" in engine.handle("any timers running?").text


def test_a_running_timer_named_after_other_talk_is_the_timer_not_an_event(engine) -> None:
    engine.handle("set a timer for thirty minutes for the stew")
    engine.handle("and one for the dumplings fifteen minutes")
    engine.handle("add gravy granules to the shopping list")
    dumplings = engine.handle("cancel the dumplings one we're having bread instead")
    assert (dumplings.intent, dumplings.slots.get("name")) == ("timer.cancel", "dumplings")
    assert "Cancelled your dumplings timer" in dumplings.text
    engine.handle("pause the stew")
    engine.handle("carry on with it")  # the stew was talked about last
    engine.handle("set a timer for ten minutes for the custard")
    engine.handle("how long on the stew")
    custard = engine.handle("the custard's thickened cancel that one")  # the custard, named in the reason, not the stew
    assert (custard.intent, custard.slots.get("name")) == ("timer.cancel", "custard")
    assert "stew" in engine.handle("how many timers have I got").text.lower()
    engine.handle("add custard powder to the shopping list")
    stew = engine.handle("pause the stew a minute the phone's going")  # a running timer's name brings the timers back into the talk
    assert (stew.intent, stew.slots.get("name")) == ("timer.pause", "stew")
    nothing_running = engine.handle("cancel the dentist on friday")  # an event still, with its day
    assert nothing_running.intent == "calendar.cancel"


def test_a_list_called_by_its_first_word_is_the_one_cleared_not_the_shopping(engine) -> None:
    engine.handle("add clipper oil to the shop supplies list")
    engine.handle("put hot sauce and grits on the regular shopping list")
    engine.handle("add milk to the shopping list")
    assert engine.handle("clear the shop one out i just ordered everything online").text == "Cleared your shop supplies list: 1 item taken off."
    assert engine.handle("what's on the shopping list").text == "On your shopping list: milk."


def test_all_timers_paused_and_resumed_together_say_what_each_has_left(engine, clock: Clock) -> None:
    engine.handle("set a timer for ten minutes for the eggs")
    engine.handle("and another for half an hour for the bread")
    clock.advance(minutes=2)
    assert engine.handle("hold all them timers i gotta get the door").text == "Paused your eggs timer and bread timer."
    clock.advance(minutes=20)  # paused: neither runs down
    resumed = engine.handle("okay start em back up")
    assert resumed.slots == {"all": True}
    assert resumed.text == "Resumed them all: 8 minutes on your eggs timer and 28 minutes on your bread timer."
    clock.advance(minutes=8)
    (eggs,) = engine.due_announcements()
    assert "eggs timer" in eggs.text


def test_a_timer_asks_for_its_length_when_none_was_said(engine) -> None:
    assert engine.handle("set a timer").text == "For how long?"
    reply = engine.handle("three minutes")
    assert reply.intent == "timer.set" and reply.slots == {"duration_s": 180}


def test_reminders_absolute_relative_list_and_cancel(engine, clock: Clock) -> None:
    r = engine.handle("remind me to call Amy tomorrow at five")
    assert r.slots == {"text": "call Amy", "due": "2026-09-10T17:00:00+00:00"}
    assert "tomorrow at 5 PM" in r.text
    engine.handle("remind me in 20 minutes to check the oven")
    listing = engine.handle("what are my reminders").text
    assert listing.startswith("You have 2 reminders") and "check the oven at 10:20 AM" in listing
    assert "Cancelled the reminder to call Amy" in engine.handle("cancel my reminder about calling Amy").text
    assert "one reminder" in engine.handle("what are my reminders").text
    clock.advance(minutes=21)
    (a,) = engine.due_announcements()
    assert a.text == "Here's your reminder: check the oven."


def test_a_reminder_in_the_past_is_not_set(engine) -> None:
    reply = engine.handle("remind me yesterday at 9 to water the plants")
    assert "already passed" in reply.text
    assert "no reminders" in engine.handle("list my reminders").text


def test_notes_are_read_back_newest_first(engine, clock: Clock) -> None:
    engine.handle("take a note the boiler code is E119")
    clock.advance(minutes=1)
    engine.handle("note that the bike lock code is 4512")
    text = engine.handle("read my notes").text
    assert text.startswith("You have 2 notes")
    assert text.index("bike lock") < text.index("boiler")


def test_lists_keep_items_apart_and_skip_duplicates(engine) -> None:
    engine.handle("add milk and eggs to the shopping list")
    engine.handle("add call the bank to my to-do list")
    assert "already on" in engine.handle("put milk on the shopping list").text
    assert engine.handle("what's on my shopping list").text == "On your shopping list: milk and eggs."
    assert engine.handle("what's on my to do list").text == "On your to-do list: call the bank."
    assert "empty" in engine.handle("read my packing list").text


def test_an_item_taken_off_comes_off_the_one_list_that_holds_it(engine) -> None:
    engine.handle("add kitchen roll and oat milk to the shopping list")
    engine.handle("put book the boiler service on my to do list")
    assert engine.handle("actually take the oat milk off").text == "Took oat milk off your shopping list."  # said just after the to-do list
    assert engine.handle("what's on my shopping list").text == "On your shopping list: kitchen roll."
    assert engine.handle("what's on my to do list").text == "On your to-do list: book the boiler service."
    engine.handle("add kitchen roll to my to do list")
    assert "packing list is empty" in engine.handle("take kitchen roll off the packing list").text  # on two lists: which is not guessed


def test_items_are_ticked_off_by_their_place_on_the_list_read_and_by_what_was_got(engine) -> None:
    engine.handle("add rice, lentils, ghee, onions and tea to the shopping list")
    engine.handle("read me the shopping list")
    assert engine.handle("the second one's done, take it off").text == "Took lentils off your shopping list."
    assert engine.handle("cross off the last item").text == "Took tea off your shopping list."
    assert engine.handle("we've picked up the ghee").text == "Took ghee off your shopping list."
    assert engine.handle("the onions are in the basket").text == "Took onions off your shopping list."
    assert engine.handle("what's on it").text == "On your shopping list: rice."


def test_memory_remember_recall_about_me_and_forget(engine) -> None:
    engine.handle("remember that Amy's birthday is June 3rd")
    engine.handle("my name is Tom")
    engine.handle("remember that I'm allergic to peanuts")
    assert "june 3rd" in engine.handle("when is Amy's birthday?").text.lower()
    about = engine.handle("what do you know about me").text
    assert "your name is Tom" in about and "you're allergic to peanuts" in about
    engine.handle("remember that the gate code is 1234")
    engine.handle("forget that")
    assert "1234" not in engine.handle("what's the gate code").text
    assert "june 3rd" in engine.handle("when is Amy's birthday?").text.lower()
    engine.handle("forget Amy's birthday")
    assert "june" not in engine.handle("when is Amy's birthday?").text.lower()


def test_the_persona_uses_the_users_name_and_can_be_renamed(engine, tmp_path: Path, clock: Clock) -> None:
    assert "Samantha" in engine.handle("what's your name").text
    engine.handle("call me Liz")
    replies = {engine.handle("thank you").text for _ in range(12)}
    assert any("Liz" in r for r in replies)
    assert len(replies) > 1  # varied, not one fixed sentence
    engine.handle("I'll call you Sam")
    assert engine.handle("Sam, what time is it").intent == "time.now"
    assert "Sam" in engine.handle("who are you").text


def test_replies_are_reproducible_under_a_seed(tmp_path: Path, clock: Clock) -> None:
    def run(folder: Path) -> list[str]:
        e = open_engine(folder, clock=clock, seed=5, morning_briefing=False)
        out = [e.handle(t).text for t in ("hello", "how are you", "tell me a joke", "thanks", "blah blah")]
        e.close()
        return out

    assert run(tmp_path / "a") == run(tmp_path / "b")


def test_gentle_answer_to_what_is_not_understood(engine) -> None:
    reply = engine.handle("frobnicate the quantum teapot")
    assert reply.intent == "fallback"
    assert reply.text and "error" not in reply.text.lower()


def test_battery_and_volume_use_the_device_state(engine) -> None:
    ctx = DeviceContext(device_id="ear-1", battery_mv=3700, battery_pct=15, volume_pct=50)
    assert "15 percent" in engine.handle("how's my battery", ctx).text
    assert "charge it soon" in engine.handle("how's my battery", ctx).text
    assert engine.handle("turn it up", ctx).actions == (SetVolume(65),)
    assert engine.handle("quieter", ctx).actions == (SetVolume(35),)
    assert engine.handle("set the volume to 80 percent", ctx).actions == (SetVolume(80),)
    loud = DeviceContext(device_id="ear-1", volume_pct=100)
    assert engine.handle("louder", loud).actions == (SetVolume(100),)
    assert "can't read" in engine.handle("battery level", DeviceContext()).text


def test_say_that_again_repeats_and_never_mind_drops(engine) -> None:
    first = engine.handle("what time is it").text
    assert engine.handle("say that again").text == first
    cancelled = engine.handle("never mind")
    assert cancelled.intent == "conversation.cancel"
    assert engine.handle("what did you say").text == cancelled.text
    assert engine.handle("help").text.startswith("I can")
