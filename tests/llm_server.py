"""A loopback OpenAI-compatible chat server for tests of the language-model path.

It speaks the real /v1/chat/completions shape over real HTTP and can misbehave on purpose:

- "normal":  answers `reply` (a string, or a function of the request body), or `tool_call` first
             when one is given (then `reply` once the conversation carries the tool's result);
             a request with "stream": true gets the reply as server-sent events, a word at a time
             (a tool call in fragments, as llama.cpp and OpenAI send it); `hold_last` (an Event)
             keeps the last word back until it is set, `break_after` drops the connection after
             that many words, and `words_before_tool` are streamed ahead of a tool call;
- "down":    nothing listens on the port (connection refused);
- "slow":    holds every request for `slow_s` seconds before answering normally;
- "trickle": sends a normal answer one byte every `trickle_interval_s` seconds;
- "garbage": answers HTTP 200 with the `garbage` bytes (not JSON, or JSON of the wrong shape).

    with serve_llm(reply="Hi!") as base_url:
        ChatModel(base_url, "test-model").chat([{"role": "user", "content": "hello"}])
        base_url.server.requests   # the JSON bodies received, oldest first
        base_url.server.mode = "garbage"   # misbehave from the next request on
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODES = ("normal", "down", "slow", "trickle", "garbage")
DEFAULT_REPLY = "Hello from the test model."
DEFAULT_GARBAGE = b"<html><body>502 Bad Gateway</body></html>"

Reply = str | Callable[[dict], str]


class ChatServerUrl(str):
    """The base URL ('http://127.0.0.1:PORT/v1'), carrying the server so tests can inspect requests."""

    server: "LoopbackChatServer"


class LoopbackChatServer:
    """The server itself; `mode` may be changed between requests (except to or from "down")."""

    def __init__(
        self,
        mode: str = "normal",
        reply: Reply = DEFAULT_REPLY,
        tool_call: dict | None = None,
        *,
        slow_s: float = 30.0,
        trickle_interval_s: float = 0.2,
        garbage: bytes = DEFAULT_GARBAGE,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        self.mode = mode
        self.reply = reply
        self.tool_call = tool_call
        self.slow_s = slow_s
        self.trickle_interval_s = trickle_interval_s
        self.garbage = garbage
        self.requests: list[dict] = []
        self.stream_interval_s = 0.05  # between streamed chunks
        self.streamed_chunks = 0  # words sent so far, over all streamed answers
        self.hold_last: threading.Event | None = None  # when given, the last word waits for it
        self.holding = threading.Event()  # set while the last word is held back
        self.break_after: int | None = None  # drop the connection after this many words, without [DONE]
        self.words_before_tool: str | None = None  # streamed ahead of the tool call
        self.authorizations: list[str | None] = []  # the Authorization header of each request
        self._stopping = threading.Event()
        self._http: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/v1"

    def start(self) -> ChatServerUrl:
        if self.mode == "down":
            # Reserve a port and let it go: nothing listens there, so connections are refused.
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
                sock.bind(("127.0.0.1", 0))
                self._port = sock.getsockname()[1]
        else:
            self._http = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
            self._http.daemon_threads = True
            self._port = self._http.server_address[1]
            self._thread = threading.Thread(
                target=self._http.serve_forever, kwargs={"poll_interval": 0.02}, name="llm-test-server", daemon=True
            )
            self._thread.start()
        url = ChatServerUrl(self.base_url)
        url.server = self
        return url

    def stop(self) -> None:
        self._stopping.set()  # releases requests held by "slow" and "trickle"
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def completion(self, request: dict) -> dict:
        """The chat-completion body a real endpoint would send for `request`."""
        messages = request.get("messages") or []
        after_tool = bool(messages) and isinstance(messages[-1], dict) and messages[-1].get("role") == "tool"
        if self.tool_call is not None and not after_tool:
            message = {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": f"call_{len(self.requests)}",
                        "type": "function",
                        "function": {
                            "name": self.tool_call["name"],
                            "arguments": json.dumps(self.tool_call.get("arguments", {})),
                        },
                    }
                ],
            }
            finish = "tool_calls"
        else:
            text = self.reply(request) if callable(self.reply) else self.reply
            message, finish = {"role": "assistant", "content": text}, "stop"
        return {
            "id": f"chatcmpl-{len(self.requests)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": request.get("model", "test-model"),
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }


def _handler_for(server: LoopbackChatServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # keep test output clean
            return

        def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

        def _event(self, delta: dict, finish: str | None = None) -> None:
            chunk = {"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
            self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            self.wfile.flush()

        def _stream(self, message: dict) -> None:
            """Server-sent events, one word per chunk, `stream_interval_s` apart, then a tool call
            in fragments if there is one, the finish reason, and [DONE]."""
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            calls = message.get("tool_calls") or []
            text = message.get("content") or (server.words_before_tool if calls else None) or ""
            words = text.split(" ") if text else []
            for i, word in enumerate(words):
                if server.break_after is not None and i >= server.break_after:
                    return  # the model "crashed": no more words, no [DONE]
                if i == len(words) - 1 and server.hold_last is not None:
                    server.holding.set()
                    while not server.hold_last.wait(0.05):
                        if server._stopping.is_set():
                            return
                self._event({"content": word if i == 0 else " " + word})
                server.streamed_chunks += 1
                if server._stopping.wait(server.stream_interval_s):
                    return
            for index, call in enumerate(calls):
                arguments = call["function"]["arguments"]
                self._event({"tool_calls": [{"index": index, "id": call["id"], "type": "function",
                                             "function": {"name": call["function"]["name"], "arguments": ""}}]})
                third = max(1, len(arguments) // 3)
                for start in range(0, len(arguments), third):
                    self._event({"tool_calls": [{"index": index, "function": {"arguments": arguments[start:start + third]}}]})
            self._event({}, "tool_calls" if calls else "stop")
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()

        def do_GET(self) -> None:
            """The model list, as `earpiece config check` asks for it."""
            if self.path.rstrip("/") not in ("/v1/models", "/models") or server.mode == "garbage":
                self._send(404, b'{"error": {"message": "not found"}}')
                return
            self._send(200, json.dumps({"object": "list", "data": [{"id": "test-model", "object": "model"}]}).encode())

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
                self._send(404, b'{"error": {"message": "not found"}}')
                return
            try:
                request = json.loads(raw)
            except ValueError:
                self._send(400, b'{"error": {"message": "body is not JSON"}}')
                return
            completion = server.completion(request)
            body = json.dumps(completion).encode()
            server.requests.append(request)
            server.authorizations.append(self.headers.get("Authorization"))
            try:
                if request.get("stream") and server.mode == "normal":
                    self._stream(completion["choices"][0]["message"])
                elif server.mode == "slow":
                    if server._stopping.wait(server.slow_s):
                        return
                    self._send(200, body)
                elif server.mode == "trickle":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    for i in range(len(body)):
                        if server._stopping.wait(server.trickle_interval_s):
                            return
                        self.wfile.write(body[i : i + 1])
                        self.wfile.flush()
                elif server.mode == "garbage":
                    self._send(200, server.garbage)
                else:
                    self._send(200, body)
            except (BrokenPipeError, ConnectionResetError):
                return  # the client gave up first, which is what the slow modes are for

    return Handler


@contextmanager
def serve_llm(
    mode: str = "normal",
    reply: Reply = DEFAULT_REPLY,
    tool_call: dict | None = None,
    **options: object,
) -> Iterator[ChatServerUrl]:
    """Run a `LoopbackChatServer` for the duration of the block; yields its base URL."""
    server = LoopbackChatServer(mode, reply, tool_call, **options)  # type: ignore[arg-type]
    url = server.start()
    try:
        yield url
    finally:
        server.stop()
