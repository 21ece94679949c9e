"""An OpenAI-compatible chat endpoint (Ollama, a llama.cpp server...) as an optional conversation partner.

Plain http.client with one overall deadline: the OS must never hang waiting for a model, and every
failure (down, slow, garbage) becomes `LlmUnavailableError`, so the caller can fall back quietly.
"""

from __future__ import annotations

import http.client
import json
import logging
import re
import socket
import ssl
import threading
import time
from collections.abc import Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["AnswerReader", "ChatModel", "Hangup", "LlmUnavailableError", "ToolCalls", "sentences", "tools_for"]

log = logging.getLogger(__name__)

_MAX_RESPONSE_BYTES = 2 * 1024 * 1024  # a chat answer is kilobytes; more than this is not an answer
_READ_CHUNK_BYTES = 16 * 1024
_THINKING = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
# A spoken answer is a few sentences; a model that rambles on (a base model does) is cut here rather
# than left writing until its context is full.
_MAX_ANSWER_TOKENS = 256
_STREAM_SPAN = 4  # a streamed answer may take this many times timeout_s in all
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+")
_LONG_SENTENCE_CHARS = 200  # a sentence running on past this is handed on in parts (AnswerReader)


def tools_for(intents) -> list[dict]:
    """The OpenAI function tools for registry intents (`intents.Intent`), one per skill intent."""
    from .intents import tool_schema

    return [tool_schema(i) for i in intents]


class LlmUnavailableError(RuntimeError):
    """The language model gave no usable answer in time; the message says why."""


@dataclass(frozen=True)
class ToolCalls:
    """The tool calls a streamed answer ended with, each whole ({"id", "name", "arguments": dict}),
    although their arguments arrived in fragments."""

    calls: tuple[dict, ...]


class Hangup:
    """Ends a streamed answer from another thread at once (the user talked over it): a read that
    is waiting for the model's next words fails now, rather than at the stream's deadline, and
    the stream then ends quietly."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self.requested = False

    def attach(self, sock: socket.socket) -> None:
        with self._lock:
            self._sock = sock
            if self.requested:
                self._shut()

    def __call__(self) -> None:
        with self._lock:
            self.requested = True
            self._shut()

    def _shut(self) -> None:
        if self._sock is None:
            return
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError as exc:  # already closed by the stream itself: nothing left to end
            log.debug("hanging up a finished stream: %s", exc)


def _chat_url(base_url: str) -> str:
    """Accept 'http://host:port', '.../v1' or the full '.../v1/chat/completions' alike."""
    url = base_url.rstrip("/")
    if url.endswith("/chat/completions"):
        return url
    if url.endswith("/v1"):
        return url + "/chat/completions"
    return url + "/v1/chat/completions"


def _time_left(deadline: float) -> float:
    """Seconds until `deadline` (time.monotonic), for the next socket operation; socket.timeout
    once it has passed."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise socket.timeout("deadline passed")
    return left


class ChatModel:
    """One model on one endpoint; `chat` sends the whole conversation and returns the assistant's turn."""

    def __init__(self, base_url: str, model: str, *, api_key: str | None = None, timeout_s: float = 8.0,
                 max_tokens: int = _MAX_ANSWER_TOKENS) -> None:
        if timeout_s <= 0:
            raise ValueError(f"timeout_s must be positive, got {timeout_s}")
        self._url = _chat_url(base_url)
        parts = urlsplit(self._url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"the language model URL must start with http:// or https://, got {base_url!r}")
        self._parts = parts
        self._host: str = parts.hostname
        self._model = model
        self._api_key = api_key
        self._timeout_s = timeout_s
        self._max_tokens = max_tokens

    def chat(self, messages: list[dict], tools: list[dict] | None = None) -> dict:
        """Return {"content": str | None, "tool_calls": [{"id", "name", "arguments": dict}]} within timeout_s."""
        payload: dict = {"model": self._model, "messages": messages, "stream": False, "max_tokens": self._max_tokens}
        if tools:
            payload["tools"] = tools
        body = json.dumps(payload).encode("utf-8")
        status, raw = self._post(body)
        if status == 401 or status == 403:
            raise LlmUnavailableError(
                f"The language model at {self._url} refused the request (HTTP {status}). Check the API key."
            )
        if status != 200:
            snippet = raw[:200].decode("utf-8", errors="replace").strip()
            raise LlmUnavailableError(
                f"The language model at {self._url} answered HTTP {status} ({snippet or 'no details'}). "
                f"Check that the model {self._model!r} is available there."
            )
        return self._parse(raw)

    def _connection(self, accept: str) -> tuple[http.client.HTTPConnection, str, dict[str, str]]:
        """A connection to the chat endpoint (not yet open), its path and the request's headers."""
        parts = self._parts
        connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        connection = connection_class(self._host, parts.port, timeout=self._timeout_s)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        headers = {"Content-Type": "application/json", "Accept": accept}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        return connection, path, headers

    def _post(self, body: bytes) -> tuple[int, bytes]:
        """POST with one deadline over connect, send and every read, so a trickling server cannot stall us."""
        deadline = time.monotonic() + self._timeout_s

        def remaining() -> float:
            return _time_left(deadline)

        connection, path, headers = self._connection("application/json")
        try:
            connection.connect()
            sock = connection.sock  # kept: http.client drops its own reference once the reply says "close"
            sock.settimeout(remaining())
            connection.request("POST", path, body=body, headers=headers)
            sock.settimeout(remaining())
            response = connection.getresponse()
            chunks: list[bytes] = []
            received = 0
            while True:
                sock.settimeout(remaining())
                chunk = response.read1(_READ_CHUNK_BYTES)
                if not chunk:
                    break
                received += len(chunk)
                if received > _MAX_RESPONSE_BYTES:
                    raise LlmUnavailableError(
                        f"The language model at {self._url} sent more than {_MAX_RESPONSE_BYTES} bytes; "
                        "that is not a chat answer. Check the endpoint URL."
                    )
                chunks.append(chunk)
            return response.status, b"".join(chunks)
        except (socket.timeout, TimeoutError, OSError, http.client.HTTPException, ssl.SSLError) as exc:
            raise self._failure(exc) from exc
        finally:
            connection.close()

    def _failure(self, exc: BaseException) -> LlmUnavailableError:
        if isinstance(exc, (socket.timeout, TimeoutError)):
            return LlmUnavailableError(
                f"The language model at {self._url} did not answer within {self._timeout_s:g} s. "
                "It may be busy or too large for this computer; try a smaller model or a longer timeout."
            )
        if isinstance(exc, ConnectionRefusedError):
            return LlmUnavailableError(
                f"Nothing is listening at {self._url}. Start the model server (for example a llama.cpp server) "
                "or fix [llm] base_url in earpiece.toml."
            )
        return LlmUnavailableError(
            f"The connection to the language model at {self._url} failed ({exc}). "
            "Check that the server is running and the URL is right."
        )

    def stream(self, messages: list[dict], *, tools: list[dict] | None = None, max_tokens: int | None = None,
               options: Mapping[str, object] | None = None, hangup: Hangup | None = None) -> Iterator[str | ToolCalls]:
        """The assistant's answer as it is generated, piece by piece (server-sent events).

        Text comes as `str` pieces; tool calls (offered with `tools`) are put together from their
        fragments and come last, once, as one `ToolCalls`, so that nobody acts on half a call.
        The first piece must come within timeout_s and the whole answer within `_STREAM_SPAN` times
        that, so a trickling server cannot hold the caller; an answer that breaks off before the
        server says it is done raises `LlmUnavailableError` rather than passing for a whole one.
        `options` are further request fields (temperature, seed...); `hangup` ends the stream
        early from another thread.
        """
        payload: dict = {**(options or {}), "model": self._model, "messages": messages, "stream": True,
                         "max_tokens": max_tokens or self._max_tokens}
        if tools:
            payload["tools"] = tools
        started = time.monotonic()
        deadlines = [started + self._timeout_s, started + self._timeout_s * _STREAM_SPAN]  # first piece, all

        def remaining() -> float:
            return _time_left(deadlines[0])

        connection, path, headers = self._connection("text/event-stream")
        calls: dict[int, dict] = {}  # tool-call fragments by index
        try:
            connection.connect()
            sock = connection.sock
            if hangup is not None:
                hangup.attach(sock)
            sock.settimeout(remaining())
            connection.request("POST", path, body=json.dumps(payload).encode("utf-8"), headers=headers)
            sock.settimeout(remaining())
            response = connection.getresponse()
            if response.status != 200:
                snippet = response.read(200).decode("utf-8", errors="replace").strip()
                raise LlmUnavailableError(
                    f"The language model at {self._url} answered HTTP {response.status} ({snippet or 'no details'}). "
                    f"Check that the model {self._model!r} is available there."
                )
            streamed = "event-stream" in (response.getheader("Content-Type") or "")
            buffer = b""
            received = 0
            finished = False  # the server said the answer is complete ([DONE] or a finish_reason)
            while True:
                sock.settimeout(remaining())  # read1: at most one receive, so the deadline holds
                chunk = response.read1(_READ_CHUNK_BYTES)
                if not chunk:
                    break
                received += len(chunk)
                if received > _MAX_RESPONSE_BYTES:
                    raise self._garbage(f"more than {_MAX_RESPONSE_BYTES} bytes")
                buffer += chunk
                while streamed and b"\n" in buffer:
                    line, _, buffer = buffer.partition(b"\n")
                    text = line.decode("utf-8", errors="replace").strip()
                    if not text.startswith("data:"):
                        continue  # blank separators, comments, "event:" lines
                    data = text[5:].strip()
                    if data == "[DONE]":
                        finished = True
                        break
                    piece, fragments, finish = self._delta(data)
                    finished = finished or finish
                    if piece or fragments:
                        deadlines[0] = deadlines[1]  # the first piece came: the rest may take longer
                    for fragment in fragments:
                        self._gather(calls, fragment)
                    if piece:
                        yield piece
                if finished:
                    break
            if not streamed:
                # A server that ignores "stream": one whole completion instead.
                whole = self._parse(buffer)
                if whole.get("content"):
                    yield whole["content"]
                if whole.get("tool_calls"):
                    yield ToolCalls(tuple(whole["tool_calls"]))
                return
            if not finished and not (hangup is not None and hangup.requested):
                raise LlmUnavailableError(
                    f"The language model at {self._url} stopped in the middle of its answer. "
                    "The server may have crashed or run out of memory; check its log."
                )
            if calls:
                yield ToolCalls(tuple(self._tool_call({"id": c["id"], "function": {"name": c["name"], "arguments": c["arguments"]}})
                                      for _, c in sorted(calls.items())))
        except LlmUnavailableError:
            raise
        except (socket.timeout, TimeoutError, OSError, http.client.HTTPException, ssl.SSLError) as exc:
            if hangup is not None and hangup.requested:
                return  # we hung up: the stream ends here, quietly
            raise self._failure(exc) from exc
        finally:
            connection.close()

    def _delta(self, data: str) -> tuple[str, list, bool]:
        """One streamed chunk: its text, its tool-call fragments, and whether it ends the answer."""
        try:
            choice = json.loads(data)["choices"][0]
            delta = choice.get("delta") or {}
        except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
            raise self._garbage("a streamed chunk without choices[0].delta") from exc
        if not isinstance(delta, dict):
            raise self._garbage("a streamed delta that is not an object")
        content = delta.get("content")
        fragments = delta.get("tool_calls") or []
        if not isinstance(fragments, list):
            raise self._garbage("streamed tool_calls that are not a list")
        return (content if isinstance(content, str) else ""), fragments, bool(choice.get("finish_reason"))

    def _gather(self, calls: dict[int, dict], fragment: object) -> None:
        """Add one streamed tool-call fragment: the id and name come once, the arguments in pieces."""
        if not isinstance(fragment, dict):
            raise self._garbage("a streamed tool call that is not an object")
        index = fragment.get("index", len(calls))
        if not isinstance(index, int):
            raise self._garbage("a streamed tool call without an index")
        call = calls.setdefault(index, {"id": "", "name": "", "arguments": ""})
        if fragment.get("id"):
            call["id"] = str(fragment["id"])
        function = fragment.get("function") or {}
        if not isinstance(function, dict):
            raise self._garbage("a streamed tool call whose function is not an object")
        if function.get("name"):
            call["name"] += str(function["name"])
        arguments = function.get("arguments")
        if isinstance(arguments, dict):  # an object at once, as Ollama sends it
            call["arguments"] = arguments
        elif isinstance(arguments, str) and isinstance(call["arguments"], str):
            call["arguments"] += arguments

    def _garbage(self, what: str) -> LlmUnavailableError:
        return LlmUnavailableError(
            f"The language model at {self._url} gave an answer that is not a chat completion ({what}). "
            "Check that the URL points at an OpenAI-compatible /v1 endpoint."
        )

    def _parse(self, raw: bytes) -> dict:
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, ValueError) as exc:
            raise self._garbage("not JSON") from exc
        try:
            message = data["choices"][0]["message"]
        except (KeyError, IndexError, TypeError) as exc:
            raise self._garbage("no choices[0].message") from exc
        if not isinstance(message, dict):
            raise self._garbage("message is not an object")
        content = message.get("content")
        if content is not None and not isinstance(content, str):
            raise self._garbage("content is not text")
        if content is not None:
            content = _THINKING.sub("", content).strip() or None
        tool_calls = [self._tool_call(call) for call in (message.get("tool_calls") or [])]
        if content is None and not tool_calls:
            raise self._garbage("empty answer")
        return {"content": content, "tool_calls": tool_calls}

    def _tool_call(self, call: object) -> dict:
        if not isinstance(call, dict) or not isinstance(call.get("function"), dict):
            raise self._garbage("a tool call without a function")
        function = call["function"]
        name = function.get("name")
        if not isinstance(name, str) or not name:
            raise self._garbage("a tool call without a name")
        arguments = function.get("arguments", {})
        if isinstance(arguments, str):  # OpenAI sends a JSON string; Ollama sometimes an object
            try:
                arguments = json.loads(arguments) if arguments.strip() else {}
            except ValueError as exc:
                raise self._garbage(f"the arguments of {name} are not JSON") from exc
        if arguments is None:
            arguments = {}
        if not isinstance(arguments, dict):
            raise self._garbage(f"the arguments of {name} are not an object")
        return {"id": str(call.get("id") or ""), "name": name, "arguments": arguments}


def sentences(pieces: Iterable[str]) -> Iterator[str]:
    """Whole sentences from a stream of text pieces, each as soon as it ends, so speech can start
    with the first sentence while the model is still writing the rest."""
    pending = ""
    for piece in pieces:
        pending += piece
        while True:
            end = _SENTENCE_END.search(pending)
            if end is None:
                break
            sentence, pending = pending[: end.end()].strip(), pending[end.end():]
            if sentence:
                yield sentence
    if pending.strip():
        yield pending.strip()


class AnswerReader:
    """A streamed answer read one sentence at a time, so speech can start with the first sentence.

    Unlike `sentences`, it keeps what it holds in view: `pending` is the sentence being written
    when the stream fails (worth saying), `calls` the tool calls the answer ended with, and a
    reasoning block (<think>...</think>) is dropped whole, never read out.
    """

    def __init__(self, events: Iterable[str | ToolCalls]) -> None:
        self._events = iter(events)
        self.pending = ""
        self.calls: tuple[dict, ...] = ()
        self.ended = False
        self.first_piece_at: float | None = None  # time.monotonic() of the first text or tool piece

    def next_sentence(self) -> str | None:
        """The next whole sentence; None at the end. Raises LlmUnavailableError if the stream fails."""
        while True:
            self.pending = _THINKING.sub("", self.pending)
            thinking = "<think>" in self.pending.lower()
            end = None if thinking else _SENTENCE_END.search(self.pending)
            if end is not None:
                sentence, self.pending = self.pending[: end.end()].strip(), self.pending[end.end():]
                if sentence:
                    return sentence
                continue
            if self.ended:
                rest = "" if thinking else self.pending.strip()
                self.pending = ""
                return rest or None
            if not thinking and len(self.pending) > _LONG_SENTENCE_CHARS:
                # A run-on sentence (small models write them): hand on what is there at its last
                # clause break, or else its last space, rather than hold speech back to its end.
                head = self.pending[:_LONG_SENTENCE_CHARS]
                cut = max(head.rfind(", "), head.rfind("; "), head.rfind(": "))
                cut = cut + 1 if cut > _LONG_SENTENCE_CHARS // 3 else head.rfind(" ")
                if cut > 0:
                    sentence, self.pending = self.pending[:cut].strip(), self.pending[cut:]
                    return sentence
            try:
                event = next(self._events)
            except StopIteration:
                self.ended = True
                continue
            if self.first_piece_at is None:
                self.first_piece_at = time.monotonic()
            if isinstance(event, ToolCalls):
                self.calls = event.calls
            else:
                self.pending += event

    def close(self) -> None:
        """Stop reading: the connection to the model is closed (the generator's finally)."""
        if isinstance(self._events, Generator):
            self._events.close()
