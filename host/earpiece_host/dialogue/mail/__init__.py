"""Mail for the OS: messages parsed and cleaned to be spoken (`message.py`, `body.py`), and one
adapter per store, each in its own module: a Maildir folder (`maildir.py`), an mbox file
(`mbox.py`) or an IMAP server (`imap.py`); replies and new mail leave through SMTP (`smtp.py`) and
wait as drafts until the user confirms (`drafts.py`; on IMAP, the server's Drafts folder). They all fit the `Mailbox` interface (`interface.py`).
"""

from .body import clean_body, html_to_text
from .imap import ImapMailbox
from .interface import MailList, Mailbox, MailReadOnlyError, MailUnavailableError, unreadable_note
from .maildir import MaildirMailbox
from .mbox import MboxMailbox
from .message import Email, UnreadableMessage, sender_matches

__all__ = [
    "Email",
    "ImapMailbox",
    "MailList",
    "MailReadOnlyError",
    "MailUnavailableError",
    "Mailbox",
    "MaildirMailbox",
    "MboxMailbox",
    "UnreadableMessage",
    "clean_body",
    "html_to_text",
    "sender_matches",
    "unreadable_note",
]
