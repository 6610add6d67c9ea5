"""Open Library, asked politely: a book's cover by its ISBN, else by its title and author.

Nothing here imports MkDocs or writes files. The standard library speaks HTTP (`urllib`): a
few GETs a second need no client library, and Open Library has no maintained Python client.

What is sent (and nothing else):

- `GET {covers}/b/isbn/{isbn}-L.jpg?default=false`: the edition's cover, 404 when it has none.
  Open Library answers at most 100 of these per 5 minutes per address (403 beyond): the client
  keeps under that by itself (`Window`), looking up by title and author meanwhile, and after a
  403 it asks nothing more by ISBN in this run.
- `GET {search}/search.json?title=...&author=...&fields=key,title,author_name,cover_i&limit=5`:
  works with that title and author, with their cover ids. The first whose title is the book's
  (`names.titles_match`, as `import` matches books) and that shares an author's family name is
  taken; a look-alike with another title or author is not.
- `GET {covers}/b/id/{cover_i}-L.jpg?default=false`: that cover (not rate limited by cover id).

Each request first waits for the `Limiter`: one a second by default, as Open Library asks (three
with a contact in the User-Agent). Each carries `User-Agent: mkdocs-bookreviews/<version>`,
followed by ` (<contact>)` when one is given, and no cookie or other identifier. A 429 waits what
its Retry-After says (up to 2 minutes) and tries once more; a second 429, or a 403 outside the
ISBN look-ups, stops the run (`Stop`). `{covers}` is https://covers.openlibrary.org and
`{search}` https://openlibrary.org, or both the address in BOOKREVIEWS_OPENLIBRARY_URL (tests
point it at a stand-in on 127.0.0.1).

What comes back is trusted as little as possible: at most 5 redirects, http(s) only; a timeout
on connecting and on each read, and a whole answer within three times that; bodies read in
chunks and dropped past `max_bytes` (10 MB for an image, 1 MB for search results; a 50 MB body
costs one chunk beyond the cap, never 50 MB of memory). An answer is a cover only when its
bytes are a JPEG, PNG, GIF or WebP (the Content-Type header is not believed) whose size can be
read; one under 10 pixels either way is Open Library's blank "no cover" image.
"""

from __future__ import annotations

import http.client
import io
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import imagesize

from . import __version__
from .names import family_sort_key, titles_match

URL_VARIABLE = "BOOKREVIEWS_OPENLIBRARY_URL"
COVERS_URL = "https://covers.openlibrary.org"
SEARCH_URL = "https://openlibrary.org"
RATE = 1.0  # requests a second: what Open Library asks of every client
RATE_WITH_CONTACT = 3.0  # ...and of one whose User-Agent names it and a contact
TIMEOUT = 20.0  # seconds to connect, and for each read
WHOLE_ANSWER = 3  # a whole answer must arrive within this many timeouts
MAX_BYTES = 10 * 1024 * 1024  # the largest cover kept
MAX_JSON_BYTES = 1024 * 1024  # the largest search answer read
SMALLEST = 10  # pixels: a smaller image is the blank "no cover" one
ISBN_LOOKUPS = 100  # Open Library's limit on cover look-ups by ISBN...
ISBN_SECONDS = 300.0  # ...per 5 minutes per address
LONGEST_WAIT = 120.0  # the longest Retry-After waited for; longer stops the run
MAX_REDIRECTS = 5
SEARCH_LIMIT = 5  # works asked for per search
_CHUNK = 64 * 1024
_KINDS = {"jpeg": ".jpg", "png": ".png", "gif": ".gif", "webp": ".webp"}


class Failed(Exception):
    """One look-up went wrong (a broken answer, a timeout): that book is tried again next run."""


class Stop(Exception):
    """Open Library asks for no more requests now (429 twice, or 403): the run stops."""


class _Refused(Exception):
    """A 403."""


class _TooMany(Exception):
    """A 429, and how long it asks to wait (None: it does not say)."""

    def __init__(self, wait: float | None) -> None:
        super().__init__(wait)
        self.wait = wait


@dataclass(frozen=True)
class Endpoints:
    """Where covers and searches are asked for."""

    covers: str = COVERS_URL
    search: str = SEARCH_URL

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Endpoints:
        """Open Library's own, or both at BOOKREVIEWS_OPENLIBRARY_URL; ValueError when that is
        not an http(s) address."""
        value = (os.environ if environ is None else environ).get(URL_VARIABLE, "").strip()
        if not value:
            return cls()
        try:
            parts = urllib.parse.urlsplit(value)
            host = parts.hostname
        except ValueError:
            host = None
        if (
            not host
            or parts.scheme not in ("http", "https")
            or parts.query
            or parts.fragment
            or not value.isprintable()
        ):
            raise ValueError(
                f"{URL_VARIABLE}={value!r} is not an http(s) address such as http://127.0.0.1:8080"
            )
        base = value.rstrip("/")
        return cls(covers=base, search=base)

    @property
    def official(self) -> bool:
        """Whether these are Open Library's servers, whose request rate applies."""
        hosts = {urllib.parse.urlsplit(url).hostname or "" for url in (self.covers, self.search)}
        return any(host == "openlibrary.org" or host.endswith(".openlibrary.org") for host in hosts)


def user_agent(contact: str | None) -> str:
    """`mkdocs-bookreviews/0.1.0`, or `mkdocs-bookreviews/0.1.0 (you@example.org)`."""
    name = f"mkdocs-bookreviews/{__version__}"
    return f"{name} ({contact})" if contact else name


def contact_problem(contact: str) -> str | None:
    """Why `contact` cannot go into a User-Agent (None when it can): an e-mail address, in
    printable ASCII (a header holds nothing else safely)."""
    if not (contact.isascii() and contact.isprintable()) or any(ch in contact for ch in " ()"):
        return "write an e-mail address, in ASCII, without spaces or brackets"
    local, at, domain = contact.partition("@")
    if not at or not local or "." not in domain.strip(".") or "@" in domain:
        return "is not an e-mail address (you@example.org)"
    return None


class Limiter:
    """At most one request every `interval` seconds: `wait()` before each."""

    def __init__(
        self,
        interval: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._last: float | None = None

    def wait(self) -> None:
        """Sleep until `interval` has passed since the last request began."""
        now = self._clock()
        if self._last is not None and (delay := self._last + self.interval - now) > 0:
            self._sleep(delay)
            now = self._clock()
        self._last = now


class Window:
    """At most `limit` events in any `seconds`: `take()` says whether one may happen now."""

    def __init__(
        self, limit: int, seconds: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.seconds = seconds
        self._clock = clock
        self._times: deque[float] = deque()

    def take(self) -> bool:
        now = self._clock()
        while self._times and self._times[0] <= now - self.seconds:
            self._times.popleft()
        if len(self._times) >= self.limit:
            return False
        self._times.append(now)
        return True


@dataclass(frozen=True)
class Image:
    """A cover's bytes, checked: what kind of image they are and its size in pixels."""

    data: bytes
    kind: str  # jpeg, png, gif or webp
    width: int
    height: int

    @property
    def suffix(self) -> str:
        """The file ending for its kind: `.jpg`, `.png`, `.gif` or `.webp`."""
        return _KINDS[self.kind]

    @property
    def blank(self) -> bool:
        """Open Library's "no cover" image (1x1), or another too small to be a cover."""
        return self.width < SMALLEST or self.height < SMALLEST


def image_kind(data: bytes) -> str | None:
    """The kind of image `data` is by its first bytes (its magic number), or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def read_image(data: bytes) -> Image:
    """`data` as an image; Failed when its bytes are not a JPEG, PNG, GIF or WebP whose size
    can be read (an HTML error page served as image/jpeg, a cut-off file)."""
    kind = image_kind(data)
    if kind is None:
        start = data[:40].decode("ascii", "replace")
        start = "".join(ch if ch.isprintable() else " " for ch in start).strip()
        described = f"it starts with {start!r}" if start else f"{len(data):,} bytes"
        raise Failed(f"the answer is not an image ({described})")
    try:
        width, height = imagesize.get(io.BytesIO(data))
    except (ValueError, OSError, ArithmeticError):
        width = height = -1
    if not (0 < width <= 100_000 and 0 < height <= 100_000):
        raise Failed(f"the answer is a broken {kind.upper()} (its size cannot be read)")
    return Image(data, kind, int(width), int(height))


@dataclass(frozen=True)
class Found:
    """A cover, and how it was found."""

    image: Image
    via: str  # "ISBN 9780316229296", "title and author, cover 8231856"
    url: str  # the address asked for


@dataclass(frozen=True)
class NoCover:
    """Open Library has no cover for the book: what was asked."""

    asked: str


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects (urllib stops a loop after 4 visits of one
    address), and only to http(s) addresses."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in ("http", "https"):
            raise urllib.error.HTTPError(
                newurl, code, f"redirected to a {scheme}: address", headers, fp
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Counted(urllib.request.BaseHandler):
    """Counts the requests the opener sends: each one asked for, and each redirect followed."""

    sent = 0

    def http_request(self, request: urllib.request.Request) -> urllib.request.Request:
        self.sent += 1
        return request

    https_request = http_request


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:,.1f} MB"


def _retry_after(headers: Any) -> float | None:
    value = headers.get("Retry-After") if headers is not None else None
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None  # an HTTP date: not worth parsing to decide to stop
    return seconds if seconds >= 0 else None


def family(name: str) -> str:
    """A person's family name, compared without case, accents or punctuation ("N.K. Jemisin"
    and "N. K. Jemisin" are "jemisin"; "Le Guin, Ursula K." is "leguin"). Looser than
    `names.person_match_key` on purpose: catalogues differ in given names and initials
    ("Ursula Le Guin"), and the title must match too."""
    return "".join(ch for ch in family_sort_key(name)[0] if ch.isalnum())


class Client:
    """Open Library for one run: the request rate, the ISBN budget, and what it was told."""

    def __init__(
        self,
        endpoints: Endpoints | None = None,
        *,
        contact: str | None = None,
        rate: float = RATE,
        timeout: float = TIMEOUT,
        max_bytes: int = MAX_BYTES,
        isbn_window: Window | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.endpoints = endpoints or Endpoints()
        self.user_agent = user_agent(contact)
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.limiter = Limiter(1 / rate, sleep=sleep)
        self.isbn_window = isbn_window or Window(ISBN_LOOKUPS, ISBN_SECONDS)
        self._sleep = sleep
        # urllib's own handlers (proxies from the environment, http, https), redirects bounded.
        self._counted = _Counted()
        self._opener = urllib.request.build_opener(_Redirects(), self._counted)
        self.notes: list[str] = []  # what the user should know about this run, once each
        self.isbn_refused = False

    @property
    def requests(self) -> int:
        """Requests sent in this run: retries and redirects followed included."""
        return self._counted.sent

    def _note(self, note: str) -> None:
        if note not in self.notes:
            self.notes.append(note)

    def get(self, url: str, *, limit: int, accept: str = "image/*") -> bytes | None:
        """The body at `url` (None for a 404), after the rate limit; a 429 is waited out once.
        Failed, Stop or (for a 403) _Refused otherwise."""
        for attempt in (1, 2):
            self.limiter.wait()
            try:
                return self._get_once(url, limit, accept)
            except _TooMany as busy:
                wait = busy.wait if busy.wait is not None else 30 * self.limiter.interval
                if attempt == 2 or wait > LONGEST_WAIT:
                    said = f" and to wait {busy.wait:g} s" if busy.wait is not None else ""
                    raise Stop(
                        f"Open Library answered 429 Too Many Requests{' again' * (attempt - 1)}"
                        f"{said}: stopped asking; run the command again later"
                    ) from None
                self._note(
                    f"Open Library answered 429 Too Many Requests: waited {wait:g} s and asked "
                    "again"
                )
                self._sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _get_once(self, url: str, limit: int, accept: str) -> bytes | None:
        request = urllib.request.Request(
            url, headers={"User-Agent": self.user_agent, "Accept": accept}
        )
        deadline = time.monotonic() + WHOLE_ANSWER * self.timeout
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return self._read(response, limit, deadline)
        except urllib.error.HTTPError as error:
            error.close()
            if error.code == 404:
                return None
            if error.code == 429:
                raise _TooMany(_retry_after(error.headers)) from None
            if error.code == 403:
                raise _Refused() from None
            if 300 <= error.code < 400:
                why = error.reason if "redirected to" in str(error.reason) else "a loop?"
                raise Failed(
                    f"{url}: redirected more than {MAX_REDIRECTS} times or in a circle ({why})"
                ) from None
            raise Failed(f"{url}: answered {error.code} {error.reason}") from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise Failed(f"{url}: no answer within {self.timeout:g} s") from None
            raise Failed(f"{url}: cannot be reached ({error.reason})") from None
        except TimeoutError:
            raise Failed(f"{url}: no answer within {self.timeout:g} s") from None
        except (http.client.HTTPException, OSError) as error:
            raise Failed(f"{url}: the answer broke off ({error or type(error).__name__})") from None

    def _read(self, response: Any, limit: int, deadline: float) -> bytes:
        """The body, in chunks, never more than `limit` bytes of it, within the deadline."""
        url = response.geturl()
        length = (response.headers.get("Content-Length") or "").strip()
        if length.isdigit() and int(length) > limit:
            raise Failed(
                f"{url}: the answer is {_megabytes(int(length))}, more than the "
                f"{_megabytes(limit)} a cover may be; not read"
            )
        read = getattr(response, "read1", response.read)
        chunks: list[bytes] = []
        total = 0
        while chunk := read(_CHUNK):
            total += len(chunk)
            if total > limit:
                raise Failed(
                    f"{url}: the answer is more than the {_megabytes(limit)} a cover may be; "
                    "stopped reading"
                )
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise Failed(
                    f"{url}: the answer took more than {WHOLE_ANSWER * self.timeout:g} s; "
                    "stopped reading"
                )
        return b"".join(chunks)

    def _image(self, url: str) -> Image | None:
        """The cover at `url`: None for a 404 or a blank image."""
        data = self.get(url, limit=self.max_bytes)
        if data is None:
            return None
        image = _checked(url, data)
        return None if image.blank else image

    def find_cover(
        self, *, isbn: str | None, title: str, authors: Sequence[str]
    ) -> Found | NoCover:
        """The book's cover: by ISBN, else by title and author."""
        asked: list[str] = []
        if isbn and not self.isbn_refused:
            if self.isbn_window.take():
                url = f"{self.endpoints.covers}/b/isbn/{isbn}-L.jpg?default=false"
                asked.append(f"ISBN {isbn}")
                try:
                    image = self._image(url)
                except _Refused:
                    self.isbn_refused = True
                    self._note(
                        "Open Library refused a look-up by ISBN (403: it answers 100 in 5 "
                        "minutes from one address): the other books were looked up by title "
                        "and author only"
                    )
                    image = None
                if image is not None:
                    return Found(image, f"ISBN {isbn}", url)
            else:
                self._note(
                    f"{ISBN_LOOKUPS} look-ups by ISBN in {ISBN_SECONDS / 60:g} minutes, Open "
                    "Library's limit: books beyond that were looked up by title and author"
                )
        found = self._by_title(title, authors)
        asked.append(f"title {title!r}" + (f" and author {authors[0]!r}" if authors else ""))
        return found if found is not None else NoCover(", then ".join(asked))

    def _by_title(self, title: str, authors: Sequence[str]) -> Found | None:
        query = {"title": title.split(": ", 1)[0].strip() or title}
        if authors:
            query["author"] = authors[0]
        query["fields"] = "key,title,author_name,cover_i"
        query["limit"] = str(SEARCH_LIMIT)
        url = f"{self.endpoints.search}/search.json?{urllib.parse.urlencode(query)}"
        data = self._refusing_stops(url, limit=MAX_JSON_BYTES, accept="application/json")
        if data is None:
            return None
        try:
            answer = json.loads(data)
        except (ValueError, UnicodeDecodeError):
            raise Failed(f"{url}: the answer is not JSON") from None
        docs = answer.get("docs") if isinstance(answer, dict) else None
        if not isinstance(docs, list):
            raise Failed(f"{url}: the answer has no list of docs")
        cover_id = next((cover for doc in docs if (cover := _match(doc, title, authors))), None)
        if cover_id is None:
            return None
        cover_url = f"{self.endpoints.covers}/b/id/{cover_id}-L.jpg?default=false"
        image = self._refusing_stops(cover_url, limit=self.max_bytes)
        if image is None:
            return None
        checked = _checked(cover_url, image)
        if checked.blank:
            return None
        return Found(checked, f"title and author, cover {cover_id}", cover_url)

    def _refusing_stops(self, url: str, *, limit: int, accept: str = "image/*") -> bytes | None:
        try:
            return self.get(url, limit=limit, accept=accept)
        except _Refused:
            raise Stop(
                f"Open Library refused {url} (403 Forbidden): stopped asking; run the command "
                "again later"
            ) from None


def _checked(url: str, data: bytes) -> Image:
    try:
        return read_image(data)
    except Failed as error:
        raise Failed(f"{url}: {error}") from None


def _match(doc: object, title: str, authors: Sequence[str]) -> int | None:
    """The cover id of a search result that is the book: the same title, an author's family
    name in common (when the book has authors), and a cover."""
    if not isinstance(doc, dict):
        return None
    cover = doc.get("cover_i")
    if not isinstance(cover, int) or isinstance(cover, bool) or cover <= 0:
        return None
    found_title = doc.get("title")
    if not isinstance(found_title, str) or not titles_match(found_title, title):
        return None
    if authors:
        names = doc.get("author_name")
        listed = names if isinstance(names, list) else []
        theirs = {family(name) for name in listed if isinstance(name, str)}
        if not theirs & {family(a) for a in authors}:
            return None
    return cover
