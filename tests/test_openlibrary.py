"""The parts of `bookreviews covers` that need no server: what counts as an image, the request
rate, the ISBN budget, the User-Agent, the one-line `image:` edit, atomic writes, and where
each review's cover goes."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import pytest
import yaml

from mkdocs_bookreviews import __version__
from mkdocs_bookreviews.fetching import (
    CoverCache,
    book_key,
    plan,
    with_image,
    write_atomically,
)
from mkdocs_bookreviews.model import FieldNames, Review
from mkdocs_bookreviews.openlibrary import (
    URL_VARIABLE,
    Endpoints,
    Failed,
    Limiter,
    Window,
    contact_problem,
    family,
    image_kind,
    read_image,
    user_agent,
)

from .openlibrary_standin import COVERS, cover_bytes


def png(width: int, height: int) -> bytes:
    """A real PNG of `width` x `height` grey pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def webp(width: int, height: int) -> bytes:
    """The header of a lossless WebP of that size (all that is read of one)."""
    bits = (width - 1) | ((height - 1) << 14)
    payload = b"\x2f" + struct.pack("<I", bits) + bytes(8)
    chunk = b"VP8L" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


GIF_1X1 = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def test_an_image_is_known_by_its_bytes_and_its_size() -> None:
    jpeg = read_image(cover_bytes("the-fifth-season"))
    assert (jpeg.kind, jpeg.width, jpeg.height, jpeg.suffix, jpeg.blank) == (
        "jpeg",
        200,
        300,
        ".jpg",
        False,
    )
    assert (read_image(png(20, 30)).kind, read_image(png(20, 30)).width) == ("png", 20)
    assert read_image(webp(400, 600)).suffix == ".webp"
    assert (read_image(webp(400, 600)).width, read_image(webp(400, 600)).height) == (400, 600)
    # Open Library's "no cover" is a 1x1 image: a JPEG or a GIF, it is blank.
    assert read_image(cover_bytes("blank-1x1")).blank
    assert read_image(GIF_1X1).blank
    assert read_image(png(9, 300)).blank and not read_image(png(10, 10)).blank


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"<!DOCTYPE html><html><title>503</title>", "it starts with '<!DOCTYPE html>"),
        (b"", "0 bytes"),
        (b"\x00\x01\x02", "3 bytes"),
        (b"\xff\xd8\xff\xe0" + bytes(64), "a broken JPEG"),  # a JPEG's magic, no size in it
        (cover_bytes("the-fifth-season")[:200], "a broken JPEG"),  # cut off before its size
        (png(20, 30)[:16], "a broken PNG"),
    ],
)
def test_what_is_not_a_whole_image_is_refused(data: bytes, said: str) -> None:
    with pytest.raises(Failed, match="the answer is") as refused:
        read_image(data)
    assert said in str(refused.value)


def test_magic_numbers() -> None:
    assert [image_kind(d) for d in (png(1, 1), GIF_1X1, webp(1, 1), b"RIFF....WAVE")] == [
        "png",
        "gif",
        "webp",
        None,
    ]
    assert sorted(p.name for p in COVERS.glob("*.jpg")) and all(
        image_kind(p.read_bytes()) == "jpeg" for p in COVERS.glob("*.jpg")
    )


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_limiter_keeps_requests_an_interval_apart() -> None:
    time = FakeTime()
    limiter = Limiter(1.0, clock=time.clock, sleep=time.sleep)
    limiter.wait()  # the first goes at once
    time.now += 0.25  # a request took a quarter second
    limiter.wait()
    limiter.wait()
    time.now += 5  # a long pause: no wait after it
    limiter.wait()
    assert time.slept == [0.75, 1.0]


def test_isbn_window_allows_100_in_5_minutes() -> None:
    time = FakeTime()
    window = Window(100, 300, clock=time.clock)
    taken = []
    for _ in range(101):  # one a second
        taken.append(window.take())
        time.now += 1
    assert taken.count(True) == 100 and taken[-1] is False
    time.now = 100 + 299.9  # the first look-up was at 100
    assert not window.take()
    time.now = 100 + 300  # it is 5 minutes old: one more may go, not two
    assert window.take() and not window.take()


def test_user_agent_names_the_plugin_its_version_and_the_contact() -> None:
    assert user_agent(None) == f"mkdocs-bookreviews/{__version__}"
    assert user_agent("me@example.org") == f"mkdocs-bookreviews/{__version__} (me@example.org)"
    assert contact_problem("me@example.org") is None
    for bad in ("me", "me@localhost", "me@example.org\r\nX-Evil: 1", "me @example.org", "é@x.org"):
        assert contact_problem(bad) is not None, bad


def test_endpoints_are_open_librarys_unless_the_variable_says() -> None:
    official = Endpoints.from_environment({})
    assert (official.covers, official.search, official.official) == (
        "https://covers.openlibrary.org",
        "https://openlibrary.org",
        True,
    )
    local = Endpoints.from_environment({URL_VARIABLE: "http://127.0.0.1:8123/"})
    assert (local.covers, local.search, local.official) == (
        "http://127.0.0.1:8123",
        "http://127.0.0.1:8123",
        False,
    )
    for bad in ("127.0.0.1:8123", "ftp://x.org", "http://", "http://x.org/?q=1", "http://x\n.org"):
        with pytest.raises(ValueError, match=URL_VARIABLE):
            Endpoints.from_environment({URL_VARIABLE: bad})


def test_titles_and_names_compare_as_people_read_them() -> None:
    assert family("N.K. Jemisin") == family("N. K. Jemisin") == "jemisin"
    assert family("Le Guin, Ursula K.") == family("Ursula K. Le Guin") == "leguin"


PAGE = "---\ntitle: Dune\nauthor: Frank Herbert  # a comment kept\nscore: 4\n---\n\nText.\n"


def test_with_image_adds_one_line_and_keeps_every_other_byte() -> None:
    edited = with_image(PAGE, "image", "covers/dune.jpg")
    assert edited == PAGE.replace("score: 4\n", "score: 4\nimage: covers/dune.jpg\n")
    crlf = PAGE.replace("\n", "\r\n")
    edited_crlf = with_image("\ufeff" + crlf, "image", "covers/dune.jpg")
    added = crlf.replace("score: 4\r\n", "score: 4\r\nimage: covers/dune.jpg\r\n")
    assert edited_crlf == "\ufeff" + added
    # A value YAML would read as something else is quoted.
    odd = with_image(PAGE, "image", "covers/: odd #1.jpg")
    assert odd is not None
    assert yaml.safe_load(odd.split("---\n")[1])["image"] == "covers/: odd #1.jpg"


@pytest.mark.parametrize(
    "page",
    [
        "No front matter.\n",
        "---\ntitle: Dune\nimage: ./gone.jpg\n---\n",  # the key is there already
        "---\ntitle: 'Dune: Messiah\n---\n",  # not valid YAML
        "---\ntitle: Dune\n",  # no closing line
        "---\n{title: Dune, score: 4}\n---\n",  # one flow mapping: a line after it is not YAML
    ],
)
def test_with_image_leaves_what_it_cannot_edit_safely(page: str) -> None:
    assert with_image(page, "image", "covers/x.jpg") is None


def test_an_interrupted_write_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "covers" / "dune.jpg"

    def interrupted(descriptor: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b"\xff\xd8\xff" + bytes(1000))
    assert list((tmp_path / "covers").iterdir()) == []
    monkeypatch.undo()
    write_atomically(target, b"one")
    with pytest.raises(FileExistsError):
        write_atomically(target, b"two")  # never over a file
    assert target.read_bytes() == b"one"
    assert [p.name for p in target.parent.iterdir()] == ["dune.jpg"]


def test_cache_file_is_json_and_a_broken_one_starts_again(tmp_path: Path) -> None:
    path = tmp_path / ".bookreviews-covers.json"
    cache = CoverCache.load(path)
    cache.record("isbn:9780316229296", "found", file="reviews/covers/x.jpg")
    again = CoverCache.load(path)
    assert again.get("isbn:9780316229296") == cache.books["isbn:9780316229296"]
    path.write_text("{not json", "utf-8")
    broken = CoverCache.load(path)
    assert broken.books == {} and broken.problem is not None and "cannot be read" in broken.problem


def a_review(src_uri: str, **values: object) -> Review:
    return Review(src_uri=src_uri, title=str(values.pop("title", "A Book")), **values)  # type: ignore[arg-type]


def test_plan_places_each_cover_where_the_build_will_find_it() -> None:
    one = a_review("reviews/one.md", authors=("A",), isbn="9780316229296")
    two = a_review("reviews/two.md", authors=("B",))
    own = a_review("reviews/three/index.md", authors=("C",))
    library = [one, two, own]
    fields = FieldNames()
    # `{folder}/cover.*` would be one file for one.md and two.md: passed over for them.
    planned = plan(library, library, patterns=["{folder}/cover.*", "/art/{stem}.*"], fields=fields)
    assert [(w.review.src_uri, w.target) for w in planned] == [
        ("reviews/one.md", "art/one.*"),
        ("reviews/two.md", "art/two.*"),
        ("reviews/three/index.md", "reviews/three/cover.*"),
    ]
    assert [w.image_line for w in planned] == [None, None, None]
    # No pattern: nowhere, unless image: may be written.
    nowhere = plan(library, [one], patterns=[], fields=fields)
    assert nowhere[0].target is None
    written = plan(library, [one], patterns=[], fields=fields, image_pages={"reviews/one.md"})
    assert (written[0].target, written[0].image_line) == ("reviews/covers/one.*", "image")
    # A hidden folder is not published, a nested image key cannot be written as one line.
    assert plan(library, [one], patterns=["/.covers/{stem}.*"], fields=fields)[0].target is None
    nested = FieldNames(image="book.cover")
    refused = plan(library, [one], patterns=[], fields=nested, always_image=True)[0]
    assert refused.target is None and "book.cover" in refused.why_not
    assert book_key(one) == "isbn:9780316229296"
    assert book_key(two) == "title:book|b"
