"""A small Open Library stand-in on 127.0.0.1, for `bookreviews covers` without the network.

It answers the three requests the command sends (`/b/isbn/<isbn>-L.jpg`, `/search.json`,
`/b/id/<id>-L.jpg`) from what a test sets: real JPEGs written for the project
(`fixtures/openlibrary/covers/`, made by `make_covers.py`), search answers in Open Library's
shape (`fixtures/openlibrary/search-*.json`, keyed by the `title` asked for), and misbehaviour:
a status, a 50 MB body, an HTML page served as image/jpeg, a redirect loop, a pause longer than
the client's timeout, a body that stalls half way. Anything not set is a 404, as Open Library
answers with `?default=false`. Every request is logged with its User-Agent.
"""

from __future__ import annotations

import http.server
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures" / "openlibrary"
COVERS = FIXTURES / "covers"

# What a route does with a request: writes the whole answer.
Answer = Callable[[http.server.BaseHTTPRequestHandler], None]


def cover_bytes(stem: str) -> bytes:
    return (COVERS / f"{stem}.jpg").read_bytes()


def image(data: bytes, content_type: str = "image/jpeg") -> Answer:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    return answer


def cover(stem: str) -> Answer:
    """A fixture cover, as Open Library serves one."""
    return image(cover_bytes(stem))


def status(code: int, body: bytes = b"", **headers: str) -> Answer:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(code)
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return answer


def redirect(to: str) -> Answer:
    """A 302 to `to` (a path on the stand-in)."""
    return status(302, Location=to)


def huge(size: int = 50 * 1024 * 1024, *, say_length: bool = True) -> Answer:
    """A JPEG's first bytes and then `size` bytes in all, made as they are sent (never held in
    memory), with or without a Content-Length saying so."""

    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "image/jpeg")
        if say_length:
            handler.send_header("Content-Length", str(size))
        handler.end_headers()
        chunk = b"\xff\xd8\xff\xe0" + bytes(64 * 1024 - 4)
        sent = 0
        try:
            while sent < size:
                handler.wfile.write(chunk)
                sent += len(chunk)
                handler.server.huge_sent = sent  # type: ignore[attr-defined]
        except OSError:  # the client stopped reading and closed
            pass

    return answer


def slow(seconds: float, then: Answer) -> Answer:
    """Says nothing for `seconds`, then answers."""

    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        with suppress(OSError):  # the client gave up waiting and closed
            then(handler)

    return answer


@dataclass
class Stall:
    """A cover sent half way, then nothing until `release` is set: `stalled` says it began."""

    data: bytes
    stalled: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def __call__(self, handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "image/jpeg")
        handler.send_header("Content-Length", str(len(self.data)))
        handler.end_headers()
        try:
            handler.wfile.write(self.data[: len(self.data) // 2])
            handler.wfile.flush()
            self.stalled.set()
            self.release.wait(30)
            handler.wfile.write(self.data[len(self.data) // 2 :])
        except OSError:
            pass


@dataclass(frozen=True)
class Request:
    path: str
    query: dict[str, str]
    user_agent: str


@dataclass
class StandIn:
    """What the stand-in answers, and what it was asked."""

    url: str = ""
    routes: dict[str, Answer] = field(default_factory=dict)  # path -> answer
    searches: dict[str, str] = field(default_factory=dict)  # casefolded title -> JSON fixture
    requests: list[Request] = field(default_factory=list)

    def isbn(self, isbn: str, answer: Answer) -> None:
        self.routes[f"/b/isbn/{isbn}-L.jpg"] = answer

    def cover_id(self, cover_id: int, answer: Answer) -> None:
        self.routes[f"/b/id/{cover_id}-L.jpg"] = answer

    def search(self, title: str, fixture: str) -> None:
        self.searches[title.casefold()] = fixture

    def paths(self) -> list[str]:
        return [request.path for request in self.requests]

    def handle(self, handler: http.server.BaseHTTPRequestHandler) -> None:
        parts = urllib.parse.urlsplit(handler.path)
        query = dict(urllib.parse.parse_qsl(parts.query))
        self.requests.append(Request(parts.path, query, handler.headers.get("User-Agent", "")))
        if parts.path == "/search.json" and parts.path not in self.routes:
            fixture = self.searches.get(query.get("title", "").casefold(), "search-nothing.json")
            body = (FIXTURES / fixture).read_bytes()
            status(200, body, Content_Type="application/json")(handler)
            return
        answer = self.routes.get(parts.path)  # /search.json too, when a test sets it
        if answer is None or (parts.path.startswith("/b/") and query.get("default") != "false"):
            # Open Library's 404 with ?default=false (the blank image without it is not served:
            # the command always asks with it).
            status(404, b"Not Found", Content_Type="text/plain")(handler)
            return
        answer(handler)


class _Handler(http.server.BaseHTTPRequestHandler):
    standin: StandIn

    def do_GET(self) -> None:
        self.standin.handle(self)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(standin: StandIn | None = None) -> Iterator[StandIn]:
    """Run the stand-in on a free port of 127.0.0.1 while the block runs."""
    standin = standin or StandIn()
    handler = type("Handler", (_Handler,), {"standin": standin})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    standin.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield standin
    finally:
        server.shutdown()
        server.server_close()
