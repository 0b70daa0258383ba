"""A chat-completions server on loopback with scripted replies, for the LLM judge's tests."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODEL = "tiny-judge:1b"


@dataclass
class Scripted:
    """One reply: a status, a JSON body (or raw bytes) and an optional delay before answering."""

    body: Any
    status: int = 200
    delay: float = 0.0


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class JudgeServer:
    """What the fake server answers, and what it was sent."""

    base_url: str = ""
    chat: Scripted | Callable[[dict[str, Any]], Scripted] = field(default_factory=lambda: Scripted({}))
    models: Scripted = field(default_factory=lambda: Scripted({"object": "list", "data": [{"id": MODEL}]}))
    received: list[Received] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    @property
    def chat_requests(self) -> list[Received]:
        return [r for r in self.received if r.path.endswith("/chat/completions")]


class ScriptedHandler(BaseHTTPRequestHandler):
    server: ScriptedServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._record(None)
        if self.path == "/v1/models":
            self._send(self.server.script.models)
        else:
            self._send(Scripted({"error": "not found"}, status=404))

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length) or b"null")
        self._record(body)
        if self.path != "/v1/chat/completions":
            self._send(Scripted({"error": "not found"}, status=404))
            return
        chat = self.server.script.chat
        self._send(chat(body) if callable(chat) else chat)

    def _record(self, body: Any) -> None:
        headers = {key.lower(): value for key, value in self.headers.items()}
        self.server.script.received.append(Received(self.command, self.path, headers, body))

    def _send(self, reply: Scripted) -> None:
        if reply.delay:
            self.server.script.release.wait(reply.delay)
        data = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
        self.send_response(reply.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class ScriptedServer(ThreadingHTTPServer):
    script: JudgeServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (the timeout test) is not a failure of the server


def completion(content: str, finish_reason: str = "stop") -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "model": MODEL,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish_reason}],
    }


def reply(*points: tuple[str, str, str], red_flags: tuple[tuple[str, str], ...] = ()) -> Scripted:
    """A good reply: (status, quote, reason) per point in order, and (id, quote) per red flag found."""
    content = {
        "points": [
            {"id": f"p{n}", "status": status, "quote": quote, "reason": reason}
            for n, (status, quote, reason) in enumerate(points, start=1)
        ],
        "red_flags": [{"id": flag, "quote": quote, "reason": "asserted"} for flag, quote in red_flags],
    }
    return Scripted(completion(json.dumps(content)))


@contextmanager
def running_judge_server() -> Iterator[JudgeServer]:
    """A scripted server on a free loopback port, shut down (and any delayed reply released) on exit."""
    httpd = ScriptedServer(("127.0.0.1", 0), ScriptedHandler)
    script = JudgeServer(base_url=f"http://127.0.0.1:{httpd.server_address[1]}/v1")
    httpd.script = script
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield script
    finally:
        script.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
