"""A reply whose words may still be arriving: the OS hands it over as soon as its first sentence is
known, and the voice loop speaks that sentence while the language model writes the rest.

Rule-made replies are whole from the start (`StreamedReply.whole_text`). A model's prose answer
has a head (its first sentence) and a tail (the sentences after it, each read from the model as
it is asked for). Whoever speaks the reply asks for the parts one after another and, if it stops
early (the user talked over it), closes the reply: the model's connection is closed and the OS
keeps what was said so far. A tail may also end in a tool call the model made after its words;
that call has run its skill exactly once by the time its outcome comes out of the tail.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Generator, Iterator
from typing import Union

from .nlu import Parse
from .types import Reply, SkillReply

# What a tail yields: a sentence to say, or the outcome of a tool call the model made after its words.
TailItem = Union[str, tuple[Parse, SkillReply]]


class StreamedReply:
    """The OS's answer to one utterance; `parts()` gives its words piece by piece, `whole()` all at once.

    Safe to use from two threads: one reads parts (blocking on the model) while another closes it.
    """

    def __init__(self, intent: str, slots: dict, head: str, actions: tuple = (), *,
                 tail: Generator[TailItem, None, None] | None = None,
                 stop: Callable[[], None] | None = None,
                 on_tool: Callable[[Parse, SkillReply], None] | None = None,
                 on_done: Callable[[str], None] | None = None,
                 also: tuple[Reply, ...] = ()) -> None:
        self.intent = intent
        self.slots = slots
        self.actions = actions
        self.also = also  # further requests said in the same sentence, already done ("... and ...")
        self._said: list[str] = [head] if head.strip() else []
        self._head_given = False
        self._tail = tail
        self._stop = stop  # ends a wait for the model's next words at once (from any thread)
        self._closing = False
        self._on_tool = on_tool
        self._on_done = on_done
        self._lock = threading.Lock()
        self._done = tail is None

    @classmethod
    def whole_text(cls, reply: Reply, also: tuple[Reply, ...] = ()) -> "StreamedReply":
        """A reply that is complete already (the rules made it)."""
        return cls(reply.intent, reply.slots, reply.text, reply.actions, also=also)

    @classmethod
    def together(cls, replies: list[Reply]) -> "StreamedReply":
        """One reply that says each of several (requests said in one sentence), in order."""
        first = replies[0]
        texts = [r.text for r in replies if r.text.strip()]
        if len(texts) > 1 and texts[-1].rstrip().endswith("?"):  # one question at a time: the last one, which the next turn answers
            texts = [re.sub(r"\s*[^.!?]*\?\s*$", "", t) or t for t in texts[:-1]] + texts[-1:]
        return cls(first.intent, first.slots, " ".join(texts),
                   tuple(a for r in replies for a in r.actions), also=tuple(replies[1:]))

    @property
    def streaming(self) -> bool:
        """True while more words may come."""
        return not self._done

    @property
    def text(self) -> str:
        """The words so far; all of them once `parts()` is exhausted or the reply closed."""
        return " ".join(self._said)

    def parts(self) -> Iterator[str]:
        """The words to speak, a part at a time: the head at once, then each later sentence as it is written."""
        while True:
            part = self.next_part()
            if part is None:
                return
            yield part

    def next_part(self) -> str | None:
        """The next part to speak, blocking until the model has written it; None when there is no more."""
        with self._lock:
            if not self._head_given:
                self._head_given = True
                if self._said:
                    return self._said[0]
            while not self._done:
                item = next(self._tail, None)
                if item is None:
                    self._finish()
                    return None
                if isinstance(item, tuple):  # a late tool call: its skill has run; take on its intent
                    parse, result = item
                    self.intent, self.slots = parse.intent, {**parse.slots, **result.slots}
                    self.actions = self.actions + result.actions
                    if self._on_tool is not None:
                        self._on_tool(parse, result)
                    item = result.text
                if self._closing:  # read while the reply was being closed: never said
                    self._finish()
                    return None
                if item.strip():
                    self._said.append(item)
                    return item
            return None

    def close(self) -> None:
        """Stop here (barge-in): the model is no longer read and the OS keeps what was said.

        A part being read is waiting for the model: `stop` makes that wait end now, so closing
        never waits for the model's next words."""
        self._closing = True
        if self._stop is not None and not self._done:
            self._stop()
        with self._lock:
            if not self._done:
                if isinstance(self._tail, Generator):
                    self._tail.close()  # its finally closes the model's connection
                self._finish()

    def whole(self) -> Reply:
        """Wait for every word and return the plain `Reply` (for `ask`, tests, Wyoming)."""
        for _ in self.parts():
            pass
        return Reply(intent=self.intent, slots=self.slots, text=self.text, actions=self.actions, also=self.also)

    def _finish(self) -> None:
        self._done = True
        if self._on_done is not None:
            on_done, self._on_done = self._on_done, None
            on_done(self.text)


__all__ = ["StreamedReply", "TailItem"]
