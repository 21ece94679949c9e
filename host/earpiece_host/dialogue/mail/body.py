"""A message's text as a person would read it aloud: the new text only, without HTML, quoted
replies, forwarded headers, signatures, links or a newsletter's tracking footer; and the names and
sizes of its attachments.

The MIME tree is walked without recursion and only so far (`MAX_PARTS` parts, `MAX_DEPTH` levels):
a message crafted with thousands of nested parts costs no more than an ordinary one.
"""

from __future__ import annotations

import email.message
import re
from html.parser import HTMLParser
from typing import Iterator

__all__ = ["MAX_DEPTH", "MAX_PARTS", "attachments", "clean_body", "html_to_text", "walk_parts"]

MAX_PARTS = 200  # MIME parts looked at in one message
MAX_DEPTH = 16  # multipart levels looked into


class _HtmlToText(HTMLParser):
    """Visible text of an HTML mail; scripts, styles and quoted blocks (<blockquote>, gmail_quote) dropped."""

    _SKIP_TAGS = frozenset({"script", "style", "head", "title", "blockquote", "template", "noscript"})
    _QUOTE_CLASSES = frozenset({"gmail_quote", "gmail_attr", "moz-cite-prefix", "yahoo_quoted", "gmail_signature"})
    _BLOCK_TAGS = frozenset(
        {"p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre", "section", "article", "header", "footer"}
    )
    _VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._skip_tag: str | None = None
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth += 1
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag in self._SKIP_TAGS or (tag not in self._VOID_TAGS and classes & self._QUOTE_CLASSES):
            self._skip_tag, self._skip_depth = tag, 1
            return
        if tag == "li":
            self._parts.append("\n")
        elif tag in ("p", "div", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr"):
            self._parts.append("\n\n")
        elif tag in self._BLOCK_TAGS:
            self._parts.append("\n")
        elif tag in ("td", "th"):
            self._parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_tag is None and tag in ("br", "hr"):
            self._parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth -= 1
                if self._skip_depth == 0:
                    self._skip_tag = None
            return
        if tag in ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table"):
            self._parts.append("\n\n")
        elif tag in self._BLOCK_TAGS:
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip_tag is None:
            self._parts.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        return "".join(self._parts)


def html_to_text(html: str) -> str:
    parser = _HtmlToText()
    parser.feed(html)
    parser.close()
    return parser.text()



def walk_parts(message: email.message.Message) -> Iterator[email.message.Message]:
    """The message's parts in document order, like `Message.walk()` but iterative and bounded."""
    stack: list[tuple[email.message.Message, int]] = [(message, 0)]
    seen = 0
    while stack and seen < MAX_PARTS:
        part, depth = stack.pop()
        seen += 1
        yield part
        if part.is_multipart() and depth < MAX_DEPTH:
            children = part.get_payload()
            if isinstance(children, list):
                stack.extend((child, depth + 1) for child in reversed(children[:MAX_PARTS]))


def _part_text(part: email.message.Message) -> str:
    payload = part.get_payload(decode=True)
    if payload is None:
        raw = part.get_payload()
        return raw if isinstance(raw, str) else ""
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    for candidate in (charset, "utf-8", "cp1252"):
        try:
            return payload.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("utf-8", errors="replace")


def _is_attachment(part: email.message.Message) -> bool:
    disposition = str(part.get("Content-Disposition", "")).split(";", 1)[0].strip().lower()
    return disposition == "attachment"


MAX_ATTACHMENTS = 20  # attachments named in one message; the rest are counted, not listed


def attachments(message: email.message.Message) -> tuple[tuple[str, int], ...]:
    """(file name, decoded size in bytes) of each attachment, in document order.

    A part counts when it is marked as an attachment or has a file name and is not the text being
    read; its size is that of its decoded bytes (what the user would save), within the message's
    parsed bytes.
    """
    found: list[tuple[str, int]] = []
    for part in walk_parts(message):
        if part.is_multipart():
            continue
        try:
            name = part.get_filename()
        except (ValueError, LookupError, TypeError):
            name = None
        if not _is_attachment(part) and not name:
            continue
        payload = part.get_payload(decode=True)
        size = len(payload) if isinstance(payload, bytes) else 0
        name = " ".join(str(name or "").split())[:120] or "an unnamed file"
        found.append((name, size))
        if len(found) >= MAX_ATTACHMENTS:
            break
    return tuple(found)


def _body_text(message: email.message.Message) -> str:
    """The message's text: the first text/plain part, else the first text/html part as text."""
    plain: str | None = None
    html: str | None = None
    for part in walk_parts(message):
        if part.is_multipart() or _is_attachment(part):
            continue
        content_type = part.get_content_type()
        if content_type == "text/plain" and plain is None:
            plain = _part_text(part)
        elif content_type == "text/html" and html is None:
            html = _part_text(part)
    if plain is not None and plain.strip():
        return plain
    if html is not None:
        return html_to_text(html)
    return plain or ""


_ATTRIBUTION = re.compile(
    r"^\s*(on\b.{0,200}\bwrote:|le\b.{0,200}\ba écrit\s*:|am\b.{0,200}\bschrieb\b.{0,80}:|el\b.{0,200}\bescribió:)\s*$",
    re.IGNORECASE,
)
_ATTRIBUTION_START = re.compile(r"^\s*on\s.+", re.IGNORECASE)
_ORIGINAL_MESSAGE = re.compile(r"^\s*-{2,}\s*original message\s*-{2,}\s*$", re.IGNORECASE)
_FORWARD_MARKER = re.compile(
    r"^\s*(-{2,}\s*forwarded message\s*-{2,}|begin forwarded message:?)\s*$",
    re.IGNORECASE,
)
_HEADER_LINE = re.compile(r"^\s*\*?(from|sent|date|to|cc|bcc|subject|reply-to)\*?\s*:", re.IGNORECASE)
_OUTLOOK_FROM = re.compile(r"^\s*\*?from\*?\s*:", re.IGNORECASE)
_MOBILE_SIGNATURE = re.compile(
    r"^\s*(sent from my\b.*|sent from (outlook|mail|yahoo mail|proton ?mail|samsung).*|get outlook for \w+.*|"
    r"sent with proton ?mail.*|envoyé de mon .*|von meinem .* gesendet)\s*$",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^\s*(best|best regards|kind regards|warm regards|warmest regards|regards|many thanks|thanks|thank you|"
    r"thanks again|thanks so much|cheers|sincerely|yours sincerely|yours faithfully|yours truly|yours|"
    r"all the best|best wishes|with best wishes|love|lots of love|much love|take care|talk soon|speak soon|"
    r"see you soon|warmly|cordially|respectfully|xx+|x)\s*[,.!]?\s*$",
    re.IGNORECASE,
)
_MAX_SIGN_OFF_TAIL_LINES = 6  # lines after "Best," that may still be a name/title block rather than prose


def _strip_quotes_and_forwards(lines: list[str]) -> list[str]:
    kept: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        # A reply's quoted history: everything after the attribution line or an Outlook header block.
        if _ATTRIBUTION.match(line) or _ORIGINAL_MESSAGE.match(line):
            break
        if _ATTRIBUTION_START.match(line) and i + 1 < len(lines):
            joined = line.rstrip() + " " + lines[i + 1].strip()
            if _ATTRIBUTION.match(joined) and len(stripped) < 200:
                break
        if _OUTLOOK_FROM.match(line) and kept and _count_header_lines(lines, i) >= 3:
            break
        if stripped.startswith(">"):
            i += 1
            continue
        # A forward: drop the marker and the header block, keep the forwarded text.
        if _FORWARD_MARKER.match(line):
            i += 1
            while i < len(lines) and (_HEADER_LINE.match(lines[i]) or not lines[i].strip()):
                i += 1
            kept.append("")
            continue
        kept.append(line)
        i += 1
    return kept


def _count_header_lines(lines: list[str], start: int) -> int:
    count = 0
    for line in lines[start : start + 8]:
        if _HEADER_LINE.match(line):
            count += 1
        elif line.strip():
            break
    return count


def _strip_signature(lines: list[str]) -> list[str]:
    # The "-- " delimiter (RFC 3676) and its common mangled form "--" end the message.
    for i, line in enumerate(lines):
        if line.rstrip("\r\n") in ("-- ", "--") or line.strip() in ("--", "__", "___"):
            lines = lines[:i]
            break
    lines = [line for line in lines if not _MOBILE_SIGNATURE.match(line)]
    # A sign-off ("Best,", "Thanks!") followed only by a short name/title block closes the message.
    content_lines = [i for i, line in enumerate(lines) if line.strip()]
    for i in content_lines:
        if not _SIGN_OFF.match(lines[i]):
            continue
        tail = [line for line in lines[i + 1 :] if line.strip()]
        before = [line for line in lines[:i] if line.strip()]
        if before and len(tail) <= _MAX_SIGN_OFF_TAIL_LINES and all(len(line.strip()) <= 60 for line in tail):
            if all(not line.strip().endswith((".", "?", "!")) or len(line.split()) <= 3 for line in tail):
                return lines[:i]
    return lines


_LIST_ITEM = re.compile(r"^(?:\d{1,2}[.)]|[-*\u2022])\s")


def _normalise_whitespace(lines: list[str]) -> str:
    """Paragraphs separated by one blank line; hard-wrapped lines within a paragraph joined by spaces.
    A list item ("1. ...", "- ...") is a paragraph of its own, so it is not read into the one before."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        words = line.split()
        if words and _LIST_ITEM.match(line.lstrip()) and current:
            paragraphs.append(" ".join(current))
            current = []
        if words:
            current.append(" ".join(words))
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


# Links are not read aloud: a spoken URL is noise. "<https://...>" and bare addresses alike.
_URL = re.compile(r"<?\b(?:https?://|ftp://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)]>?|<mailto:[^>\s]+>", re.IGNORECASE)
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")
# A newsletter's footer: from the first of these lines to the end is boilerplate, not the message.
_FOOTER = re.compile(
    r"^\W*(?:to unsubscribe|unsubscribe\b|you (?:are )?receiv(?:e|ed|ing) this (?:e-?mail|message|newsletter)|"
    r"you(?:'re| are) receiving this|this (?:e-?mail|message) was sent to|if you no longer wish to receive|"
    r"manage (?:your )?(?:email )?(?:preferences|subscriptions?)|update your (?:email )?preferences|"
    r"click here to unsubscribe|no longer want to receive|copyright ©|© \d{4})",
    re.IGNORECASE,
)
# Lines that only point at the web ("View this email in your browser") wherever they are.
_WEB_VIEW = re.compile(r"^\W*(?:view|read|open) (?:this|it|the) (?:e-?mail|message|newsletter)? ?(?:in|on) (?:your|a|the) "
                       r"(?:web )?browser\W*$|^\W*(?:having trouble (?:viewing|reading) this|can't see (?:this|images))\b.*$",
                       re.IGNORECASE)


def _strip_links_and_footers(lines: list[str]) -> list[str]:
    kept: list[str] = []
    for line in lines:
        if _FOOTER.match(line) and kept:
            break
        if _WEB_VIEW.match(line):
            continue
        without = _EMPTY_BRACKETS.sub("", _URL.sub("", line))
        if without != line and (not without.strip(" \t:-|>") or without.rstrip().endswith(":")):
            continue  # the line was only a link, or only led up to one ("Book now: <link>")
        if without != line:
            without = re.sub(r"[ \t]+([.,;:!?])", r"\1", without)
        kept.append(without)
    return kept


def clean_body(message: email.message.Message) -> str:
    """The body as a person would read it aloud: new text only, no HTML, quotes, forwards,
    signatures, links or tracking footers."""
    text = _body_text(message)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    lines = text.split("\n")
    lines = _strip_quotes_and_forwards(lines)
    lines = _strip_signature(lines)
    lines = _strip_links_and_footers(lines)
    return _normalise_whitespace(lines)

