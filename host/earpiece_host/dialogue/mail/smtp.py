"""Sending mail through the user's SMTP server, with the standard library's smtplib.

The URL says how to reach it: `smtps://host:465` speaks TLS from the first byte, `smtp://host:587`
(or 25) must be upgraded with STARTTLS before anything else is said, so a password never crosses
the network in the clear. A server that does not offer STARTTLS is refused, not used without it.
"""

from __future__ import annotations

import email.message
import smtplib
import socket
import ssl as ssl_module
from urllib.parse import unquote, urlsplit

from ..types import SEE_THE_LOG
from .interface import MailUnavailableError

__all__ = ["MailSendError", "SmtpSender", "UnusableSender", "from_address"]


class MailSendError(MailUnavailableError):
    """A message could not be sent; the text says what went wrong and what to do. Nothing was sent."""


_SPOKEN_ADDRESS_REFUSED = "The mail server refused the address. Check it in your contacts or in the mail you answered."


class SmtpSender:
    """One SMTP account; each `send` is one short connection."""

    def __init__(self, url: str, username: str | None = None, password: str | None = None, *,
                 timeout_s: float = 15.0, ssl_context: ssl_module.SSLContext | None = None) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError(f"the mail server address {url!r} must look like smtps://host:465 or smtp://host:587")
        self._implicit_tls = parts.scheme == "smtps"
        self._host = parts.hostname
        self._port = parts.port or (465 if self._implicit_tls else 587)
        self._username = username or (unquote(parts.username) if parts.username else None)
        self._password = password if password is not None else (unquote(parts.password) if parts.password else None)
        self._timeout_s = timeout_s
        self._ssl_context = ssl_context or ssl_module.create_default_context()

    @property
    def where(self) -> str:
        return f"{self._host}:{self._port}"

    def send(self, message: email.message.EmailMessage) -> None:
        """Send one message to its To/Cc recipients; MailSendError when it was not accepted."""
        self._session(lambda client: client.send_message(message))

    def check(self) -> None:
        """Connect, secure the connection and log in as `send` does, and send nothing
        (`earpiece config check`); MailSendError says what failed."""
        self._session(lambda client: {})

    def _session(self, action) -> None:
        """Connect, secure, log in, run `action(client)` (which returns the refused recipients), and quit."""
        where = self.where
        try:
            if self._implicit_tls:
                client: smtplib.SMTP = smtplib.SMTP_SSL(self._host, self._port, timeout=self._timeout_s,
                                                        context=self._ssl_context)
            else:
                client = smtplib.SMTP(self._host, self._port, timeout=self._timeout_s)
        except ssl_module.SSLError as exc:
            raise self._insecure(exc) from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise MailSendError(f"I couldn't reach the mail server {where} ({exc}). Check that the smtp_url in "
                                "earpiece.toml is right and the network is up.",
                                spoken=f"I couldn't reach the mail server. {SEE_THE_LOG}") from exc
        try:
            client.ehlo()
            if not self._implicit_tls:
                if not client.has_extn("starttls"):
                    raise MailSendError(f"The mail server {where} does not offer STARTTLS, so I won't send through it "
                                        "in the clear. Use its smtps:// address (usually port 465).",
                                        spoken=f"The mail server would only take it unencrypted, so I didn't send it. {SEE_THE_LOG}")
                client.starttls(context=self._ssl_context)
                client.ehlo()
            if self._username:
                client.login(self._username, self._password or "")
            refused = action(client)
            if refused:
                raise MailSendError(f"The mail server {where} refused {', '.join(sorted(refused))}. "
                                    "Check the address.", spoken=_SPOKEN_ADDRESS_REFUSED)
        except smtplib.SMTPAuthenticationError as exc:
            raise MailSendError(f"The mail server {where} refused the login for {self._username}. "
                                "Check the user name and password in the [mail] settings.",
                                spoken=f"The mail server turned down my login. {SEE_THE_LOG}") from exc
        except smtplib.SMTPRecipientsRefused as exc:
            raise MailSendError(f"The mail server {where} refused the address "
                                f"{', '.join(sorted(exc.recipients))}. Check it.", spoken=_SPOKEN_ADDRESS_REFUSED) from exc
        except ssl_module.SSLError as exc:
            raise self._insecure(exc) from exc
        except (smtplib.SMTPException, OSError, socket.timeout) as exc:
            raise MailSendError(f"The mail server {where} did not take the message ({exc}). "
                                "Try again in a moment.",
                                spoken="The mail server didn't take it. Try again in a moment.") from exc
        finally:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()


    def _insecure(self, exc: ssl_module.SSLError) -> MailSendError:
        return MailSendError(f"The secure connection to the mail server {self.where} failed ({exc}). Check that "
                             "smtp_url names the server as its certificate does; nothing was sent.",
                             spoken=f"I couldn't make a secure connection to the mail server. {SEE_THE_LOG}")


def from_address(address: str | None, *user_names: str | None) -> str | None:
    """The From of the mail the OS sends: the address set, else the first login name that is an address."""
    return address or next((name for name in user_names if name and "@" in name), None)


class UnusableSender:
    """Stands in for an SMTP account whose settings are wrong: every send says what to fix."""

    def __init__(self, problem: str) -> None:
        self.problem = problem

    def send(self, message: email.message.EmailMessage) -> None:
        raise MailSendError(self.problem, spoken=f"Sending mail isn't set up right. {SEE_THE_LOG}")

