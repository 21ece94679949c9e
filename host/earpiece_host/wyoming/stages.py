"""What `earpiece wyoming` offers: this host's recogniser, synthesiser and the OS, loaded in the background.

Home Assistant gives `describe` one second. Loading Vosk or Piper takes several, so the engines load
in worker threads after the server is listening; `info` is built from what was asked for, and a
request that needs an engine waits for it. The OS keeps one conversation per Home Assistant
`conversation_id` (its context: "set a timer" ... "for five minutes"), on the same data folder.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from ..speech.asr import RecogniserFactory
from ..speech.tts import Synthesiser

log = logging.getLogger(__name__)


class Conversation(Protocol):
    """The OS as the Wyoming handler uses it (earpiece_host.dialogue.Engine fits)."""

    def handle(self, text: str, context=...) -> object: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class StageNames:
    """How the stages are described in `info` before (and after) they have loaded."""

    asr_engine: str = "auto"
    asr_languages: tuple[str, ...] = ("en",)
    tts_voice: str = "en_US-joe-medium"
    tts_languages: tuple[str, ...] = ("en_US",)
    handle_languages: tuple[str, ...] = ("en",)


class Stages:
    """The engines behind the server; each loads once, in the background, on first `start_loading()`."""

    def __init__(self, load_recognisers: Callable[[], RecogniserFactory],
                 load_synthesiser: Callable[[], Synthesiser],
                 open_conversation: Callable[[], Conversation], names: StageNames = StageNames(),
                 max_conversations: int = 16) -> None:
        self.names = names
        self._loaders = {"asr": load_recognisers, "tts": load_synthesiser}
        self._loading: dict[str, concurrent.futures.Future] = {}
        self._loader_pool = concurrent.futures.ThreadPoolExecutor(2, thread_name_prefix="wyoming-load")
        self.pool = concurrent.futures.ThreadPoolExecutor(4, thread_name_prefix="wyoming-speech")
        self.conversations = Conversations(open_conversation, max_conversations)
        self._lock = threading.Lock()

    def start_loading(self) -> None:
        for name in self._loaders:
            self._future(name)

    def _future(self, name: str) -> concurrent.futures.Future:
        with self._lock:
            if name not in self._loading:
                self._loading[name] = self._loader_pool.submit(self._load, name)
            return self._loading[name]

    def _load(self, name: str):
        engine = self._loaders[name]()
        log.info("%s loaded: %s", name, engine.description)
        return engine

    def loaded(self, name: str):
        """The engine if it has loaded, else None (never waits)."""
        future = self._loading.get(name)
        if future is None or not future.done() or future.exception() is not None:
            return None
        return future.result()

    async def recognisers(self) -> RecogniserFactory:
        return await asyncio.wrap_future(self._future("asr"))

    async def synthesiser(self) -> Synthesiser:
        return await asyncio.wrap_future(self._future("tts"))

    def close(self) -> None:
        self._loader_pool.shutdown(wait=False, cancel_futures=True)
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.conversations.close()


class Conversations:
    """One OS conversation per `conversation_id`, the least recently used closed beyond `max_open`.

    Each conversation is its own engine on the same data folder: reminders, timers, notes and
    memory are shared, while what "it" or "for five minutes" refers to stays with its conversation.
    """

    def __init__(self, open_conversation: Callable[[], Conversation], max_open: int = 16) -> None:
        self._open = open_conversation
        self._max_open = max_open
        self._engines: collections.OrderedDict[str, Conversation] = collections.OrderedDict()
        self._lock = threading.Lock()

    def handle(self, conversation_id: str, text: str):
        """The OS's reply to `text` in that conversation (blocking: call it from a worker thread)."""
        from ..dialogue.types import DeviceContext

        with self._lock:
            engine = self._engines.pop(conversation_id, None)
            if engine is None:
                engine = self._open()
            self._engines[conversation_id] = engine
            evicted = []
            while len(self._engines) > self._max_open:
                evicted.append(self._engines.popitem(last=False)[1])
        for old in evicted:
            old.close()
        return engine.handle(text, DeviceContext(device_id=f"wyoming:{conversation_id}"[:80]))

    @property
    def open_count(self) -> int:
        return len(self._engines)

    def close(self) -> None:
        with self._lock:
            engines, self._engines = list(self._engines.values()), collections.OrderedDict()
        for engine in engines:
            engine.close()
