"""Hostile calendar and mail files, generated: what a stranger could put in the user's calendar or
mailbox to stall or break the OS (issue: "untrusted files stay harmless")."""

from __future__ import annotations

from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime


def nested_mime_message(depth: int = 2000) -> bytes:
    """A mail dated in the year 9999 whose body is `depth` multipart levels nested inside each other."""
    out = [
        b"From: Mallory <mallory@example.net>\n",
        b"To: me@example.org\n",
        b"Subject: You have won\n",
        b"Date: Fri, 31 Dec 9999 23:59:59 -1200\n",
        b"Message-ID: <nested@example.net>\n",
        b"MIME-Version: 1.0\n",
    ]
    for level in range(depth):
        out.append(b'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (level, level))
    out.append(b"Content-Type: text/plain\n\nClick here.\n")
    for level in reversed(range(depth)):
        out.append(b"--b%d--\n" % level)
    return b"".join(out)


def plain_message(sender: str, subject: str, body: str, when: datetime) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "me@example.org"
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    message["Message-ID"] = f"<{abs(hash((sender, subject)))}@example.org>"
    message.set_content(body)
    return message


CALENDAR_HEAD = (
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//Someone else's app//EN\r\n"
)


def vevent(uid: str, summary: str, start: datetime, minutes: int = 60, extra: str = "") -> str:
    end = start.timestamp() + minutes * 60
    stamp = "%Y%m%dT%H%M%SZ"
    return (
        "BEGIN:VEVENT\r\n"
        f"UID:{uid}\r\n"
        f"DTSTAMP:{start.astimezone(timezone.utc).strftime(stamp)}\r\n"
        f"DTSTART:{start.astimezone(timezone.utc).strftime(stamp)}\r\n"
        f"DTEND:{datetime.fromtimestamp(end, timezone.utc).strftime(stamp)}\r\n"
        f"SUMMARY:{summary}\r\n"
        f"{extra}"
        "END:VEVENT\r\n"
    )


def every_second_event(start: datetime) -> str:
    """An event that repeats every second, for ever, from `start` (years before the query)."""
    return vevent("every-second@example.net", "Spam", start, minutes=0, extra="RRULE:FREQ=SECONDLY\r\n")


def never_matching_event(start: datetime) -> str:
    """A rule no date satisfies (31 February): a naive expansion searches until the year 9999."""
    return vevent("never@example.net", "Never", start, extra="RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31;COUNT=3\r\n")


def never_matching_subtly_event(start: datetime) -> str:
    """Another rule no date satisfies (the year's first day, in February), which no simple check sees."""
    return vevent("subtle@example.net", "Subtle", start, extra="RRULE:FREQ=DAILY;BYYEARDAY=1;BYMONTH=2\r\n")


def calendar(*events: str) -> bytes:
    return (CALENDAR_HEAD + "".join(events) + "END:VCALENDAR\r\n").encode("utf-8")
