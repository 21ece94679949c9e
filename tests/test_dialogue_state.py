"""The dialogue carries state: every failing example of the issue, verbatim, through the real engine
on a real SQLite file (and a real Maildir for mail): answers to the OS's own questions, corrections,
references, continuations, next / previous, and fillers that change nothing."""

from __future__ import annotations

import mailbox
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

import pytest

from earpiece_host.dialogue import open_engine
from earpiece_host.dialogue.mail import MaildirMailbox
from settable_clock import Clock

START = datetime(2026, 3, 4, 10, 0, tzinfo=timezone.utc)  # a Wednesday morning


def write_mail(folder: Path, *messages: tuple[str, str, str]) -> Path:
    box = mailbox.Maildir(folder, create=True)
    for minutes, (sender, subject, body) in enumerate(messages):
        m = EmailMessage()
        m["From"], m["To"], m["Subject"] = sender, "me@example.org", subject
        m["Date"] = (START - timedelta(hours=1) + timedelta(minutes=minutes)).strftime("%a, %d %b %Y %H:%M:%S +0000")
        m.set_content(body)
        box.add(mailbox.MaildirMessage(m))
    return folder


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def engine(tmp_path: Path, clock: Clock):
    maildir = write_mail(tmp_path / "Mail", ("Amy Lee <amy@example.org>", "Dinner", "Are you free on Friday?"),
                         ("Tom Ray <tom@example.org>", "Bikes", "The bikes are fixed."))
    e = open_engine(tmp_path / "data", clock=clock, seed=3, morning_briefing=False, mailbox=MaildirMailbox(maildir))
    yield e
    e.close()


def said(engine, *lines: str):
    return [engine.handle(line) for line in lines]


def timers(engine) -> list:
    return engine.store.read("SELECT name, duration_s, ends_at, state FROM timers ORDER BY id")


# --- the failing examples of the issue, verbatim -------------------------------------------------

def test_no_make_that_7_after_setting_a_timer(engine, clock: Clock) -> None:
    _, fix = said(engine, "set a timer for 5 minutes", "no, make that 7")
    assert (fix.intent, fix.slots) == ("timer.modify", {"duration_s": 420})
    (row,) = timers(engine)
    assert (row["duration_s"], row["ends_at"]) == (420, START.timestamp() + 420)


def test_read_me_the_one_from_amy_after_hearing_about_new_mail(engine) -> None:
    news, amy = said(engine, "any new email?", "read me the one from Amy")
    assert news.text == "2 new: Tom Ray about Bikes and Amy Lee about Dinner."
    assert (amy.intent, amy.slots) == ("email.read", {"sender": "Amy"})
    assert "Are you free on Friday?" in amy.text


def test_answering_who_is_the_letter_to(engine, tmp_path: Path) -> None:
    ask, answer, _, end = said(engine, "write a letter", "it's for Loretta, from her husband", "I miss you full stop", "that's all")
    assert ask.text == "Who is the letter to?"
    assert (answer.intent, answer.slots) == ("letter.start", {"recipient": "Loretta", "sender": "her husband"})
    saved = Path(end.slots["path"]).read_text()
    assert saved == "Dear Loretta,\n\nI miss you.\n\nBest wishes,\nYour husband\n"


@pytest.mark.parametrize("text, intent", [("sorry, what's today's date?", "date.today"), ("tell me the current time", "time.now")])
def test_apologies_and_tell_me_keep_the_question(engine, text: str, intent: str) -> None:
    assert engine.handle(text).intent == intent


def test_remind_me_in_an_hour_or_so_asks_what_about(engine) -> None:
    ask, answer = said(engine, "remind me in an hour or so", "to check the oven")
    assert (ask.intent, ask.slots, ask.text) == ("reminder.set", {"due": "2026-03-04T11:00:00+00:00"}, "What should I remind you about?")
    assert answer.slots == {"due": "2026-03-04T11:00:00+00:00", "text": "check the oven"}
    rows = engine.store.read("SELECT text, due_iso FROM reminders")
    assert [(r["text"], r["due_iso"]) for r in rows] == [("check the oven", "2026-03-04T11:00:00+00:00")]


def test_put_eggs_on_the_shopping_list_would_ya(engine) -> None:
    reply = engine.handle("put eggs on the shopping list would ya")
    assert (reply.intent, reply.slots) == ("list.add", {"items": ["eggs"], "list": "shopping"})
    assert engine.handle("what's on my shopping list").text == "On your shopping list: eggs."


def test_take_milk_off_the_list(engine) -> None:
    said(engine, "add eggs, milk and a baguette to the shopping list")
    off = engine.handle("take milk off the list")
    assert (off.intent, off.slots) == ("list.remove", {"item": "milk", "list": "shopping"})
    assert engine.handle("what's on my shopping list").text == "On your shopping list: eggs and a baguette."


# --- corrections ---------------------------------------------------------------------------------

def test_actually_half_an_hour_moves_the_reminder_just_set(engine) -> None:
    _, fix = said(engine, "remind me to call Amy in an hour", "actually half an hour")
    assert (fix.intent, fix.slots) == ("reminder.modify", {"due": "2026-03-04T10:30:00+00:00"})
    assert [r["due_iso"] for r in engine.store.read("SELECT due_iso FROM reminders")] == ["2026-03-04T10:30:00+00:00"]


def test_make_it_10_instead_changes_the_timer_and_6_instead_the_reminder_hour(engine) -> None:
    _, fix = said(engine, "start a pasta timer for 8 minutes", "make it 10 instead")
    assert (fix.intent, fix.slots) == ("timer.modify", {"duration_s": 600})
    assert timers(engine)[0]["duration_s"] == 600
    _, later = said(engine, "remind me to call Amy tomorrow at 5", "make it 6 instead")
    assert later.slots == {"due": "2026-03-05T18:00:00+00:00"}


def test_a_bare_number_is_no_correction_without_something_just_done(engine) -> None:
    assert engine.handle("make that 7").intent != "timer.modify"


# --- references ----------------------------------------------------------------------------------

def test_it_that_one_the_pasta_timer_and_the_dentist_one(engine) -> None:
    said(engine, "start a pasta timer for 8 minutes", "start a tea timer for 3 minutes")
    assert engine.handle("how long is left on the pasta timer").slots == {"name": "pasta"}
    cancel = engine.handle("cancel that one")
    assert (cancel.intent, cancel.slots) == ("timer.cancel", {"name": "pasta"})
    assert [r["state"] for r in timers(engine)] == ["cancelled", "running"]
    said(engine, "remind me about the dentist on Friday at 2 pm", "remind me to call mum tonight at 7", "what are my reminders")
    dentist = engine.handle("cancel the dentist one")
    assert (dentist.intent, dentist.slots) == ("reminder.cancel", {"text": "dentist"})
    assert [r["text"] for r in engine.store.read("SELECT text FROM reminders WHERE state = 'pending'")] == ["call mum"]


# --- continuations -------------------------------------------------------------------------------

def test_oh_and_coffee_beans_after_adding_to_a_list(engine) -> None:
    _, more = said(engine, "put fix the fence on my to do list", "oh and coffee beans")
    assert (more.intent, more.slots) == ("list.add", {"items": ["coffee beans"], "list": "to-do"})


def test_and_another_one_for_the_tea_after_a_timer(engine) -> None:
    _, tea = said(engine, "set a timer for 4 minutes", "and another one for the tea")
    assert (tea.intent, tea.slots) == ("timer.set", {"duration_s": 240, "name": "tea"})
    assert [(r["name"], r["duration_s"]) for r in timers(engine)] == [(None, 240), ("tea", 240)]


# --- next / previous -----------------------------------------------------------------------------

def test_next_and_previous_step_through_mail(engine) -> None:
    first, nxt, back = said(engine, "read my email", "next", "previous")
    assert "Tom Ray" in first.text and "Amy Lee" in nxt.text and "Tom Ray" in back.text
    assert [nxt.intent, back.intent] == ["email.next", "email.previous"]
    gone = engine.handle("delete it")
    assert gone.intent == "email.delete" and "Tom Ray" in gone.text
    assert engine.handle("read me the one from Tom").text == "Nothing from Tom in your mail."


def test_next_and_previous_step_through_a_list(engine) -> None:
    said(engine, "add eggs, milk and a baguette to the shopping list")
    listed, nxt, nxt2, nxt3, back = said(engine, "read the shopping list", "next", "next", "next", "previous")
    assert listed.text == "On your shopping list: eggs, milk and a baguette."
    assert [nxt.text, nxt2.text, nxt3.text, back.text] == ["milk", "a baguette", "That was the last one.", "milk"]
    assert nxt.intent == "conversation.next" and back.intent == "conversation.previous"


# --- fillers, hedges and politeness --------------------------------------------------------------

@pytest.mark.parametrize("text", ["um set a timer for like 9 minutes please", "sorry, set a timer for 9 minutes",
                                  "set a timer for 9 minutes would ya", "could you set a timer for 9 minutes or so"])
def test_fillers_never_change_the_meaning(engine, text: str) -> None:
    reply = engine.handle(text)
    assert (reply.intent, reply.slots) == ("timer.set", {"duration_s": 540})


def test_just_so_you_know_is_an_aside(engine) -> None:
    told = engine.handle("just so you know my sister's name is Rachel")
    assert (told.intent, told.slots) == ("memory.remember", {"subject": "my sister's name", "value": "Rachel"})
    assert "Rachel" in engine.handle("what's my sister's name").text


# --- the new skills behind the contract ----------------------------------------------------------

def test_an_alarm_is_stored_and_announced_once(engine, clock: Clock) -> None:
    set_ = engine.handle("set an alarm for 6:30 tomorrow")
    assert (set_.intent, set_.slots) == ("alarm.set", {"time": "06:30", "date": "2026-03-05"})
    assert engine.due_announcements() == []
    clock.advance(hours=20, minutes=30)
    (due,) = engine.due_announcements()
    assert (due.kind, due.text) == ("alarm", "It's 6:30 AM. This is your alarm.")
    assert due.repeat_until_acknowledged
    engine.mark_delivered(due.id)
    assert engine.due_announcements() == []
    clock.advance(seconds=due.repeat_every_s)  # not acknowledged: it rings again
    (again,) = engine.due_announcements()
    assert again.id == due.id and again.kind == "alarm"
    engine.mark_delivered(again.id)
    stop = engine.handle("stop")
    assert (stop.intent, stop.text) == ("alarm.stop", "Alarm off. Good morning.")
    clock.advance(minutes=5)
    assert engine.due_announcements() == []


def test_a_weekday_alarm_snoozes_and_comes_back_the_next_weekday(engine, clock: Clock) -> None:
    set_ = engine.handle("wake me up at 7 on weekdays")  # Wednesday 4 March 2026, 10:00
    assert (set_.intent, set_.slots) == ("alarm.set", {"time": "07:00", "repeat": "weekdays"})
    assert set_.text == "Okay, I'll wake you every weekday at 7 AM, starting tomorrow at 7 AM."
    clock.advance(hours=21)
    (ring,) = engine.due_announcements()
    engine.mark_delivered(ring.id)
    snooze = engine.handle("snooze for 5 minutes")
    assert (snooze.intent, snooze.slots) == ("alarm.snooze", {"minutes": 5})
    assert engine.due_announcements() == []
    clock.advance(minutes=5)
    (again,) = engine.due_announcements()
    engine.mark_delivered(again.id)
    assert engine.handle("I'm up").text == "Alarm off. Good morning."
    listed = engine.handle("what alarms do I have").text
    assert listed == "You have one alarm, tomorrow at 7 AM, and then every weekday."  # Thursday now: Friday next


def test_a_tap_during_the_first_ring_stops_the_alarm_though_it_never_played_out(engine, clock: Clock) -> None:
    """The first ring is cut short by the tap, so it was never PLAYED (still 'pending'): the tap
    stops it all the same, and a weekday alarm moves on to its next day."""
    engine.handle("wake me up at 7 on weekdays")  # Wednesday 10:00
    clock.advance(hours=21)
    (ring,) = engine.due_announcements()
    assert engine.acknowledge_alarm() == "Alarm off. Good morning. It will ring again tomorrow at 7 AM."
    assert engine.due_announcements() == []
    clock.advance(minutes=10)
    assert engine.due_announcements() == []
    clock.advance(days=1, minutes=-10)  # Friday 7:00
    (friday,) = engine.due_announcements()
    assert friday.id == ring.id and friday.kind == "alarm"


def test_alarm_cancel_takes_the_one_just_set(engine) -> None:
    said(engine, "wake me at 7 on Saturday", "set an alarm for 6 am tomorrow")
    assert engine.handle("cancel that alarm").intent == "alarm.cancel"
    left = engine.store.read("SELECT at FROM alarms WHERE state = 'pending'")
    assert [datetime.fromtimestamp(r["at"], timezone.utc).isoformat() for r in left] == ["2026-03-07T07:00:00+00:00"]


def test_calc_and_a_continuation_on_its_result(engine) -> None:
    first, more = said(engine, "what's 12 times 7", "and divided by 4")
    assert (first.slots, more.slots) == ({"expression": "12 * 7"}, {"expression": "(12 * 7) / 4"})
    assert "84" in first.text and "21" in more.text


def test_a_reply_waits_in_the_drafts_when_no_mail_server_is_set_up(engine, tmp_path: Path) -> None:
    said(engine, "read me the one from Amy")
    ask, draft, send, yes = said(engine, "reply", "tell her I'll be there", "send it", "yes")
    assert ask.text == "What should I say?"
    assert draft.slots == {"text": "I'll be there"}
    assert send.text == "Shall I send it to Amy Lee?"
    assert (yes.intent, yes.slots) == ("email.send", {"confirmed": True})
    assert yes.text == ("No mail server is set up for sending. The host's log says what is wrong and how to fix it. "
                        "It's kept in your drafts.")
    (message,) = list(mailbox.Maildir(tmp_path / "Mail" / ".Drafts", create=False))
    assert (message["To"], message["Subject"]) == ("Amy Lee <amy@example.org>", "Re: Dinner")
    assert message.get_payload().strip() == "I'll be there"


def test_letter_edit_replaces_the_words(engine) -> None:
    said(engine, "write a letter to Jane", "it was lovely to see you full stop", "change lovely to wonderful")
    assert engine.handle("read it back").text == "Your letter to Jane: It was wonderful to see you."


def test_the_pasta_timer_can_be_changed_by_name(engine) -> None:
    said(engine, "start a pasta timer for 8 minutes", "start a tea timer for 3 minutes")
    fix = engine.handle("make the pasta timer 12 minutes")
    assert (fix.intent, fix.slots) == ("timer.modify", {"duration_s": 720, "name": "pasta"})
    assert [(r["name"], r["duration_s"]) for r in timers(engine)] == [("pasta", 720), ("tea", 180)]


def test_calendar_query_by_day_instant_next_and_words(tmp_path: Path, clock: Clock) -> None:
    import icalendar

    from earpiece_host.dialogue.calendar import IcsCalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//earpiece tests//EN")
    cal.add("version", "2.0")
    for uid, summary, start in (("1", "Dentist", datetime(2026, 3, 6, 14, 0, tzinfo=timezone.utc)),
                                ("2", "Standup", datetime(2026, 3, 4, 15, 0, tzinfo=timezone.utc))):
        event = icalendar.Event()
        event.add("uid", uid)
        event.add("dtstamp", START)
        event.add("summary", summary)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=30))
        cal.add_component(event)
    (tmp_path / "cal.ics").write_bytes(cal.to_ical())
    e = open_engine(tmp_path / "data", clock=clock, seed=3, morning_briefing=False, calendar=IcsCalendar(tmp_path / "cal.ics"))
    when, busy, nxt, friday = said(e, "when's the dentist", "am I free at 3:10", "what's my next meeting", "and on Friday")
    assert (when.slots, when.text) == ({"query": "dentist"}, "Dentist on Friday at 2 PM.")
    assert busy.text == "No, you have Standup at 3 PM."
    assert nxt.text == "Next up: Standup at 3 PM."
    assert friday.slots == {"start": "2026-03-06T00:00:00+00:00", "end": "2026-03-07T00:00:00+00:00"}
    assert friday.text == "On Friday you have one thing: Dentist at 2 PM."
    e.close()


def test_yes_answers_shall_i_read_it_and_shall_i_send_it(tmp_path: Path, clock: Clock) -> None:
    maildir = write_mail(tmp_path / "Mail", ("Amy Lee <amy@example.org>", "Dinner", "Are you free on Friday?"))
    e = open_engine(tmp_path / "data", clock=clock, seed=3, morning_briefing=False, mailbox=MaildirMailbox(maildir))
    news, yes = said(e, "any new mail", "yes please")
    assert news.text.endswith("Shall I read it?")
    assert yes.intent == "email.read" and "Are you free on Friday?" in yes.text
    draft, ask, sent = said(e, "reply saying yes, see you then", "send it", "yeah")
    assert draft.text.endswith("Say send it when it's right.") and ask.text == "Shall I send it to Amy Lee?"
    assert (sent.intent, sent.slots) == ("email.send", {"confirmed": True})
    assert len(list(mailbox.Maildir(tmp_path / "Mail" / ".Drafts", create=False))) == 1
    _, no = said(e, "any new mail", "no thanks")
    assert no.intent == "conversation.cancel"
    e.close()


def test_a_new_request_instead_of_an_answer_is_taken_as_one(engine) -> None:
    ask, other, name = said(engine, "write a letter", "what time is it", "who are you")
    assert ask.text == "Who is the letter to?"
    assert other.intent == "time.now"
    assert name.intent == "persona.name"


@pytest.mark.parametrize("lines, intent, slots", [
    (["remind me to phone the vet", "at half four"], "reminder.set", {"text": "phone the vet", "due": "2026-03-04T16:30:00+00:00"}),
    (["set an alarm", "7"], "alarm.set", {"time": "07:00", "date": "2026-03-05"}),
    (["set an alarm for quarter to seven tomorrow"], "alarm.set", {"time": "06:45", "date": "2026-03-05"}),
    (["set a timer for 10 minutes", "and one more for the garlic bread, 5 minutes"], "timer.set", {"duration_s": 300, "name": "garlic bread"}),
    (["set timer 3 min", "add another for the eggs"], "timer.set", {"duration_s": 180, "name": "eggs"}),
    (["what's the date", "and what about Saturday"], "date.today", {"date": "2026-03-07"}),
    (["thanks love"], "smalltalk", {"topic": "thanks"}),
    (["square root of 100"], "calc", {"expression": "sqrt(100)"}),
    (["remind me to take the bins out tomorrow morning", "what reminders have I got", "cancel that one"], "reminder.cancel", {}),
    (["set an alarm for 6:30", "actually make it 6:45"], "alarm.modify", {"time": "06:45"}),
    (["set an alarm for 6:30", "no, 7"], "alarm.modify", {"time": "07:00"}),
    (["set an alarm for 6:30", "set an alarm for 8 on Saturday"], "alarm.set", {"time": "08:00", "date": "2026-03-07"}),
    (["timer for 20 mins please", "how long's left"], "timer.status", {}),
    (["hey Samantha"], "smalltalk", {"topic": "greeting"}),
    (["what's the time", "thanks, that's all"], "conversation.end", {}),
    (["please could you pop some teabags on the list"], "list.add", {"items": ["teabags"], "list": "shopping"}),
    (["take off the biscuits", "and the teabags"], "list.remove", {"item": "teabags", "list": "shopping"}),
    (["start a 25 minute timer for the roast", "how long on the roast"], "timer.status", {"name": "roast"}),
    (["how much is 12 quid times 4"], "calc", {"expression": "12 * 4"}),
    (["tell me a joke", "another one"], "smalltalk", {"topic": "joke"}),
    (["haha thanks"], "smalltalk", {"topic": "thanks"}),
    (["what's my next reminder"], "reminder.list", {}),
    (["set a timer for 10 minutes", "wait, I said 9"], "timer.modify", {"duration_s": 540}),
    (["remind me to call Sue at 6 pm", "push it back to 7"], "reminder.modify", {"due": "2026-03-04T19:00:00+00:00"}),
    (["remind me to call Sue at 6 pm", "no, make it tomorrow"], "reminder.modify", {"due": "2026-03-05T18:00:00+00:00"}),
    (["put Marmite and HP sauce on the shopping list"], "list.add", {"items": ["Marmite", "HP sauce"], "list": "shopping"}),
])
def test_more_ways_people_say_it(engine, lines: list[str], intent: str, slots: dict) -> None:
    *before, last = lines
    said(engine, *before)
    reply = engine.handle(last)
    assert (reply.intent, reply.slots) == (intent, slots)


def test_alarms_are_listed_and_stepped_through(engine) -> None:
    said(engine, "set an alarm for 6:30 tomorrow", "wake me at 7 on Saturday")
    listed, nxt = said(engine, "what alarms do I have", "next")
    assert listed.text == "You have 2 alarms: tomorrow at 6:30 AM; on Saturday at 7 AM."
    assert nxt.text == "On Saturday at 7 AM."


def test_mail_senders_are_named_and_a_reply_can_be_dropped(engine, tmp_path: Path) -> None:
    news, who, amy = said(engine, "do I have any emails", "who are they from", "what did Amy want")
    assert news.text.endswith("and Amy Lee about Dinner.") and who.intent == "email.unread"
    assert (amy.intent, amy.slots) == ("email.read", {"sender": "Amy"})
    draft, dropped, send = said(engine, "reply to her saying yes Friday works", "actually don't send it", "send the reply")
    assert dropped.text == "Okay, I won't send it. It's kept in your drafts."
    assert send.text.startswith("There's no reply to send.")
    (kept,) = list(mailbox.Maildir(tmp_path / "Mail" / ".Drafts", create=False))
    assert kept.get_payload().strip() == "yes Friday works" and "D" in kept.get_flags()


def test_a_time_already_passed_is_asked_for_again_and_the_answer_kept(engine) -> None:
    past, again = said(engine, "remind me yesterday at 5 to water the roses", "tomorrow at 6 pm")
    assert past.text == "Yesterday at 5 PM has already passed. When should I remind you?"
    assert (again.intent, again.slots) == ("reminder.set", {"text": "water the roses", "due": "2026-03-05T18:00:00+00:00"})
    assert [r["text"] for r in engine.store.read("SELECT text FROM reminders")] == ["water the roses"]


def test_a_tap_acknowledges_a_ringing_alarm(engine, clock: Clock) -> None:
    engine.handle("set an alarm for 6:30 tomorrow")
    clock.advance(hours=20, minutes=30)
    (ring,) = engine.due_announcements()
    engine.mark_delivered(ring.id)
    assert engine.acknowledge_alarm() == "Alarm off. Good morning."
    clock.advance(minutes=10)
    assert engine.due_announcements() == []
    assert engine.acknowledge_alarm() == "No alarm is ringing."
