"""The names in the user's world, gathered for the recogniser to expect (speech/grammar.py):
the persona's, the people who write to them, the lists and timers they named, and the people
they told the OS about."""

from __future__ import annotations

import logging
import re

from ..speech.grammar import UserNames

_LOG = logging.getLogger(__name__)

MAX_CONTACTS = 40
"""Mail senders read: the recent ones are the ones a request names."""


def gather(engine) -> UserNames:
    """UserNames from an open dialogue Engine; a mailbox that cannot be read leaves out only contacts."""
    store = engine.store
    lists = [r["list_name"] for r in store.read("SELECT DISTINCT list_name FROM list_items")]
    timers = [r["name"] for r in store.read("SELECT DISTINCT name FROM timers WHERE name IS NOT NULL")]
    contacts: list[str] = []
    mailbox = engine.email.mailbox
    if mailbox is not None:
        try:
            contacts = [e.sender_name.split()[0] for e in mailbox.recent(MAX_CONTACTS) if e.sender_name.strip()]
        except Exception as err:  # noqa: BLE001 - any mailbox failure: recognition goes on without contacts
            _LOG.warning("the mailbox could not be read for contact names (%s); recognition goes on without them", err)
    contacts += sorted(engine.memory.names())
    clean = lambda names: tuple(dict.fromkeys(n.strip().lower() for n in names  # noqa: E731
                                              if n and re.fullmatch(r"[A-Za-z][A-Za-z' -]*", n.strip())))
    return UserNames(persona=engine.persona_name, contacts=clean(contacts),
                     lists=clean(["shopping", *lists]), timers=clean(timers))
