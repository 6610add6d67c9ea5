"""`bookreviews covers` against the Open Library stand-in on 127.0.0.1 (no test touches the
network): covers found by ISBN and by title search, none (404, a 1x1 image), a 403, 429s, a
50 MB body, an HTML page served as image/jpeg, a redirect loop, a slow server; the cache that
makes a re-run send nothing; an interrupted run and the run after it; `import --covers`; and
the built site showing the covers fetched."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_bookreviews import __version__
from mkdocs_bookreviews.cli import main
from mkdocs_bookreviews.fetching import CACHE_NAME
from mkdocs_bookreviews.openlibrary import URL_VARIABLE

from .conftest import collect_warnings, review, write_tree
from .openlibrary_standin import (
    Stall,
    StandIn,
    cover,
    cover_bytes,
    huge,
    image,
    redirect,
    serve,
    slow,
    status,
)

FIXTURES = Path(__file__).parent / "fixtures"
FIFTH = "9780316229296"  # The Fifth Season
LARKIN = "9780374529154"  # Collected Poems, Philip Larkin
JEST = "9780316066525"  # Infinite Jest
OMENS = "9780060853983"  # Good Omens
LEFT = "9780441478125"  # The Left Hand of Darkness
GIRL = "9780241364901"  # Girl, Woman, Other
PATTERN = "{folder}/covers/{stem}.*"
FAST = ("--rate", "1000", "--timeout", "1")  # the stand-in has no rate to keep


def config(covers: list[str] | None = None) -> str:
    plugin: dict[str, Any] = {"reviews_dir": "reviews"}
    if covers is not None:
        plugin["covers"] = covers
    return yaml.safe_dump(
        {
            "site_name": "Covers",
            "theme": {"name": "material"},
            "plugins": ["search", {"bookreviews": plugin}],
        }
    )


def make_site(
    root: Path, reviews: Mapping[str, str | bytes], covers: list[str] | None = None
) -> Path:
    write_tree(root, {"mkdocs.yml": config(covers), "docs/index.md": "# Reading\n"})
    write_tree(root / "docs" / "reviews", reviews)
    return root / "mkdocs.yml"


def covers(standin: StandIn, config_file: Path, *args: str) -> Result:
    return CliRunner(env={URL_VARIABLE: standin.url}).invoke(
        main, ["covers", "-f", str(config_file), *FAST, *args], catch_exceptions=False
    )


def files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its path there."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def cache_of(config_file: Path) -> dict[str, Any]:
    data = json.loads((config_file.parent / CACHE_NAME).read_text("utf-8"))
    assert data["version"] == 1
    return {key: entry["result"] for key, entry in data["books"].items()}


def built(config_file: Path) -> tuple[Path, list[str]]:
    with collect_warnings() as warnings:
        build(load_config(str(config_file), strict=True))
    return config_file.parent / "site", warnings


def shelf_covers(site: Path) -> list[tuple[str, str | None]]:
    """Each shelf card's title and its cover image's src (None: a drawn cover), in order."""
    soup = BeautifulSoup((site / "shelf" / "index.html").read_text("utf-8"), "html.parser")
    shown: list[tuple[str, str | None]] = []
    for book in soup.select(".bookreviews-shelf-grid > li"):
        title = book.select_one("a > b")
        assert title is not None
        img = book.select_one("a > img")
        drawn = "bookreviews-coverless" in book.get_attribute_list("class")
        assert (img is None) == drawn  # one or the other
        shown.append((title.get_text(strip=True), str(img["src"]) if img is not None else None))
    return shown


HAND_WRITTEN = {
    "the-fifth-season.md": review(
        "The Fifth Season", "N. K. Jemisin", isbn=FIFTH, date="2023-02-14"
    ),
    "collected-poems.md": review("Collected Poems", "Sylvia Plath", date="2020-10-11"),
    "larkin.md": review("Collected Poems", "Philip Larkin", isbn=LARKIN, date="2021-05-02"),
    "infinite-jest.md": review("Infinite Jest", "David Foster Wallace", isbn=JEST),
    "has-one.md": review("Has One", "Someone", image="has-one.png"),
}


@pytest.fixture
def standin() -> Iterator[StandIn]:
    with serve() as running:
        yield running


def test_found_by_isbn_or_by_title_search_none_when_404_or_1x1(
    tmp_path: Path, standin: StandIn
) -> None:
    config_file = make_site(tmp_path, {**HAND_WRITTEN, "has-one.png": b"x"}, covers=[PATTERN])
    before = files(tmp_path / "docs")
    # Open Library redirects a cover to where it is stored: followed, once.
    standin.isbn(FIFTH, redirect("/download/fifth.jpg"))
    standin.routes["/download/fifth.jpg"] = cover("the-fifth-season")
    standin.search("Collected Poems", "search-collected-poems.json")  # Plath's has a cover
    standin.cover_id(8412771, cover("collected-poems-plath"))
    standin.isbn(JEST, cover("blank-1x1"))  # a blank image with 200: no cover
    # Larkin's ISBN is a 404, and the search finds his poems without a cover.
    result = CliRunner(env={URL_VARIABLE: standin.url, "BOOKREVIEWS_CONTACT": "me@example.org"})
    run = result.invoke(main, ["covers", "-f", str(config_file), *FAST], catch_exceptions=False)
    assert run.exit_code == 0, run.output
    assert run.stdout.splitlines() == [
        "reviews/collected-poems.md: saved reviews/covers/collected-poems.jpg (200x300, by title "
        "and author, cover 8412771)",
        "reviews/infinite-jest.md: Open Library has no cover (asked by ISBN 9780316066525, then "
        "title 'Infinite Jest' and author 'David Foster Wallace')",
        "reviews/larkin.md: Open Library has no cover (asked by ISBN 9780374529154, then title "
        "'Collected Poems' and author 'Philip Larkin')",
        "reviews/the-fifth-season.md: saved reviews/covers/the-fifth-season.jpg (200x300, by "
        "ISBN 9780316229296)",
        "Covers: 2 found, 2 none on Open Library, 0 failed, 0 known from "
        ".bookreviews-covers.json; 8 requests sent",
    ]
    after = files(tmp_path / "docs")
    assert after == {
        **before,  # every page byte for byte as it was
        "reviews/covers/the-fifth-season.jpg": cover_bytes("the-fifth-season"),
        "reviews/covers/collected-poems.jpg": cover_bytes("collected-poems-plath"),
    }
    assert standin.paths() == [
        "/search.json",
        "/b/id/8412771-L.jpg",
        f"/b/isbn/{JEST}-L.jpg",
        "/search.json",
        f"/b/isbn/{LARKIN}-L.jpg",
        "/search.json",
        f"/b/isbn/{FIFTH}-L.jpg",
        "/download/fifth.jpg",
    ]
    assert {r.user_agent for r in standin.requests} == {
        f"mkdocs-bookreviews/{__version__} (me@example.org)"
    }
    searches = [r.query for r in standin.requests if r.path == "/search.json"]
    assert [(q["title"], q["author"], q["fields"], q["limit"]) for q in searches] == [
        ("Collected Poems", "Sylvia Plath", "key,title,author_name,cover_i", "5"),
        ("Infinite Jest", "David Foster Wallace", "key,title,author_name,cover_i", "5"),
        ("Collected Poems", "Philip Larkin", "key,title,author_name,cover_i", "5"),
    ]
    assert all(
        r.query == {"default": "false"} for r in standin.requests if r.path.startswith("/b/")
    )
    assert cache_of(config_file) == {
        f"isbn:{FIFTH}": "found",
        f"isbn:{JEST}": "none",
        f"isbn:{LARKIN}": "none",
        "title:collectedpoems|plath": "found",
    }
    # A re-run sends nothing and changes nothing.
    asked = len(standin.requests)
    again = covers(standin, config_file)
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[-1] == (
        "Covers: 0 found, 0 none on Open Library, 0 failed, 2 known from "
        ".bookreviews-covers.json; 0 requests sent"
    )
    assert len(standin.requests) == asked
    assert files(tmp_path / "docs") == after
    # ...and the built site shows the two covers, the others drawn.
    site, warnings = built(config_file)
    assert warnings == []
    assert shelf_covers(site) == [  # newest read first, the undated last
        ("The Fifth Season", "../reviews/covers/the-fifth-season.jpg"),
        ("Collected Poems", None),  # Larkin's: drawn
        ("Collected Poems", "../reviews/covers/collected-poems.jpg"),
        ("Has One", "../reviews/has-one.png"),
        ("Infinite Jest", None),
    ]
    page = BeautifulSoup(
        (site / "reviews" / "the-fifth-season" / "index.html").read_text("utf-8"), "html.parser"
    )
    header_cover = page.select_one(".bookreviews-header img")
    assert header_cover is not None
    assert header_cover["src"] == "../covers/the-fifth-season.jpg"
    assert (header_cover["width"], header_cover["height"]) == ("200", "300")
    assert (site / "reviews" / "covers" / "the-fifth-season.jpg").read_bytes() == cover_bytes(
        "the-fifth-season"
    )


BROKEN = {  # one review per way an answer can go wrong, each with its ISBN
    "big.md": review("Big", "A. Writer", isbn="9780000000002"),
    "endless.md": review("Endless", "A. Writer", isbn="9780000000019"),
    "html.md": review("Html", "A. Writer", isbn="9780000000026"),
    "loop.md": review("Loop", "A. Writer", isbn="9780000000033"),
    "slow.md": review("Slow", "A. Writer", isbn="9780000000040"),
    "unknown.md": review("Unknown", "A. Writer", isbn="9780000000057"),
}
ERROR_PAGE = b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>"


def test_broken_answers_fail_cleanly_are_not_saved_and_are_asked_again(
    tmp_path: Path, standin: StandIn
) -> None:
    config_file = make_site(tmp_path, BROKEN, covers=[PATTERN])
    before = files(tmp_path / "docs")
    standin.isbn("9780000000002", huge())  # says it is 50 MB: not read at all
    standin.isbn("9780000000019", huge(say_length=False))  # 50 MB, unannounced: cut at 10 MB
    standin.isbn("9780000000026", image(ERROR_PAGE, "image/jpeg"))
    standin.isbn("9780000000033", redirect("/b/isbn/9780000000033-L.jpg?default=false"))
    standin.isbn("9780000000040", slow(3, cover("the-fifth-season")))
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = covers(standin, config_file, "--timeout", "0.5")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    took = time.monotonic() - started
    assert result.exit_code == 1, result.output
    url = standin.url
    assert result.stderr.splitlines() == [
        f"reviews/big.md: {url}/b/isbn/9780000000002-L.jpg?default=false: the answer is 50.0 MB, "
        "more than the 10.0 MB a cover may be; not read; not saved, tried again next run",
        f"reviews/endless.md: {url}/b/isbn/9780000000019-L.jpg?default=false: the answer is more "
        "than the 10.0 MB a cover may be; stopped reading; not saved, tried again next run",
        f"reviews/html.md: {url}/b/isbn/9780000000026-L.jpg?default=false: the answer is not an "
        "image (it starts with '<!DOCTYPE html><html>"
        "<body><h1>502 Bad G'); not saved, tried again next run",
        f"reviews/loop.md: {url}/b/isbn/9780000000033-L.jpg?default=false: redirected more than "
        "5 times or in a circle (a loop?); not saved, tried again next run",
        f"reviews/slow.md: {url}/b/isbn/9780000000040-L.jpg?default=false: no answer within "
        "0.5 s; not saved, tried again next run",
    ]
    assert result.stdout.splitlines()[-1] == (
        "Covers: 0 found, 1 none on Open Library, 5 failed, 0 known from "
        f".bookreviews-covers.json; {len(standin.requests)} requests sent"
    )
    # The loop was followed 4 times to the same address (urllib's bound on a circle), no more.
    assert standin.paths().count("/b/isbn/9780000000033-L.jpg") == 5
    assert files(tmp_path / "docs") == before  # nothing written, no part left
    assert peak < 16 * 1024 * 1024  # never 50 MB in memory: at most the cap and a chunk
    assert took < 10
    assert cache_of(config_file) == {"isbn:9780000000057": "none"}  # failures are not kept
    # The next run asks again for each failure, not for the book known to have no cover.
    asked = len(standin.requests)
    standin.isbn("9780000000040", cover("the-fifth-season"))  # no longer slow
    again = covers(standin, config_file, "--timeout", "0.5")
    assert again.exit_code == 1
    asked_again = standin.paths()[asked:]
    assert "/b/isbn/9780000000057-L.jpg" not in asked_again
    assert "/b/isbn/9780000000040-L.jpg" in asked_again
    assert (tmp_path / "docs/reviews/covers/slow.jpg").read_bytes() == cover_bytes(
        "the-fifth-season"
    )


def test_a_403_on_isbn_look_ups_goes_on_by_title_and_says_so(
    tmp_path: Path, standin: StandIn
) -> None:
    config_file = make_site(
        tmp_path,
        {
            "a-fifth-season.md": review("The Fifth Season", "N.K. Jemisin", isbn=FIFTH),
            "b-good-omens.md": review(
                "Good Omens: The Nice and Accurate Prophecies of Agnes Nutter, Witch",
                "Terry Pratchett",
                isbn=OMENS,
            ),
        },
        covers=[PATTERN],
    )
    standin.isbn(FIFTH, status(403, b"Forbidden"))
    standin.isbn(OMENS, cover("good-omens"))  # never asked: ISBN look-ups are refused now
    standin.search("The Fifth Season", "search-the-fifth-season.json")
    standin.cover_id(8231856, cover("the-fifth-season"))
    standin.cover_id(9000001, cover("infinite-jest"))  # the same title by another author
    standin.search("Good Omens", "search-good-omens.json")
    standin.cover_id(8260016, cover("good-omens"))
    result = covers(standin, config_file)
    assert result.exit_code == 0, result.output
    assert standin.paths() == [
        f"/b/isbn/{FIFTH}-L.jpg",
        "/search.json",
        "/b/id/8231856-L.jpg",
        "/search.json",
        "/b/id/8260016-L.jpg",
    ]
    assert result.stderr.splitlines()[-1] == (
        "Open Library refused a look-up by ISBN (403: it answers 100 in 5 minutes from one "
        "address): the other books were looked up by title and author only"
    )
    covers_dir = tmp_path / "docs/reviews/covers"
    assert files(covers_dir) == {
        "a-fifth-season.jpg": cover_bytes("the-fifth-season"),
        "b-good-omens.jpg": cover_bytes("good-omens"),
    }


def test_a_429_is_waited_out_once_and_a_second_stops_the_run(
    tmp_path: Path, standin: StandIn
) -> None:
    config_file = make_site(
        tmp_path,
        {
            "a.md": review("The Fifth Season", "N. K. Jemisin", isbn=FIFTH),
            "b.md": review("Infinite Jest", "David Foster Wallace", isbn=JEST),
            "c.md": review("Good Omens", "Terry Pratchett", isbn=OMENS),
        },
        covers=[PATTERN],
    )
    answers = iter([status(429, Retry_After="0"), cover("the-fifth-season")])
    standin.isbn(FIFTH, lambda handler: next(answers)(handler))
    standin.isbn(JEST, status(429, Retry_After="0"))  # twice: stop
    result = covers(standin, config_file)
    assert result.exit_code == 1
    assert standin.paths() == [f"/b/isbn/{FIFTH}-L.jpg"] * 2 + [f"/b/isbn/{JEST}-L.jpg"] * 2
    assert result.stderr.splitlines() == [
        "Open Library answered 429 Too Many Requests: waited 0 s and asked again",
        "Open Library answered 429 Too Many Requests again and to wait 0 s: stopped asking; run "
        "the command again later (2 reviews not looked up)",
    ]
    assert list((tmp_path / "docs/reviews/covers").iterdir()) == [
        tmp_path / "docs/reviews/covers/a.jpg"
    ]
    assert cache_of(config_file) == {f"isbn:{FIFTH}": "found"}  # b and c: asked next run
    # A Retry-After longer than 2 minutes is not waited for.
    standin.isbn(JEST, status(429, Retry_After="3600"))
    waited = covers(standin, config_file)
    assert waited.exit_code == 1
    assert "to wait 3600 s: stopped asking" in waited.stderr
    assert standin.paths()[4:] == [f"/b/isbn/{JEST}-L.jpg"]


def test_dry_run_lists_what_it_would_fetch_and_sends_nothing(
    tmp_path: Path, standin: StandIn
) -> None:
    config_file = make_site(tmp_path, HAND_WRITTEN, covers=[PATTERN])
    (tmp_path / "docs/reviews/has-one.png").write_bytes(b"x")
    before = files(tmp_path)
    result = covers(standin, config_file, "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "would look up reviews/collected-poems.md (by title and author) into "
        "reviews/covers/collected-poems.*",
        "would look up reviews/infinite-jest.md (by ISBN 9780316066525, else title and author) "
        "into reviews/covers/infinite-jest.*",
        "would look up reviews/larkin.md (by ISBN 9780374529154, else title and author) into "
        "reviews/covers/larkin.*",
        "would look up reviews/the-fifth-season.md (by ISBN 9780316229296, else title and "
        "author) into reviews/covers/the-fifth-season.*",
        "4 reviews without a cover; nothing was sent (--dry-run)",
    ]
    assert standin.requests == []
    assert files(tmp_path) == before  # not even a cache file


def test_without_a_pattern_it_says_the_one_line_to_add_and_that_line_works(
    tmp_path: Path, standin: StandIn
) -> None:
    config_file = make_site(tmp_path, dict(list(HAND_WRITTEN.items())[:1]))
    standin.isbn(FIFTH, cover("the-fifth-season"))
    before = files(tmp_path)
    refused = covers(standin, config_file)
    assert refused.exit_code == 2
    assert refused.stderr == (
        "1 review without a cover, and nowhere to save one that the build would find: add\n"
        "      covers: ['{folder}/covers/{stem}.*']\n"
        f"under `- bookreviews:` in {config_file} (each cover is then saved as "
        "reviews/covers/<review>.jpg and shown), or run with --write-image to add `image:` to "
        "each review instead\n"
    )
    assert standin.requests == [] and files(tmp_path) == before
    # The line, as it says, and nothing else: the next run saves the cover, the build shows it.
    line = refused.stderr.splitlines()[1].strip()
    text = config_file.read_text("utf-8").replace(
        "    reviews_dir: reviews\n", f"    reviews_dir: reviews\n    {line}\n"
    )
    config_file.write_text(text, "utf-8")
    assert covers(standin, config_file).exit_code == 0
    site, warnings = built(config_file)
    assert warnings == []
    assert shelf_covers(site) == [("The Fifth Season", "../reviews/covers/the-fifth-season.jpg")]


def test_write_image_adds_one_line_to_each_review_and_the_build_shows_it(
    tmp_path: Path, standin: StandIn
) -> None:
    crlf = review("Good Omens", "Terry Pratchett", isbn=OMENS).replace("\n", "\r\n")
    pages = {
        "the-fifth-season.md": HAND_WRITTEN["the-fifth-season.md"],
        "good-omens.md": crlf,
        "infinite-jest.md": HAND_WRITTEN["infinite-jest.md"],  # no cover: left as it is
    }
    config_file = make_site(tmp_path, pages)
    for isbn, stem in ((FIFTH, "the-fifth-season"), (OMENS, "good-omens")):
        standin.isbn(isbn, cover(stem))
    result = covers(standin, config_file, "--write-image")
    assert result.exit_code == 0, result.output
    assert "reviews/good-omens.md: saved reviews/covers/good-omens.jpg (200x300, by ISBN " in (
        result.stdout
    )
    assert ", and `image: covers/good-omens.jpg` written into it" in result.stdout
    docs = tmp_path / "docs/reviews"
    fifth = pages["the-fifth-season.md"]
    assert (docs / "the-fifth-season.md").read_text("utf-8") == fifth.replace(
        "\n---\n", "\nimage: covers/the-fifth-season.jpg\n---\n", 1
    )
    assert (docs / "good-omens.md").read_bytes() == crlf.replace(
        "\r\n---\r\n", "\r\nimage: covers/good-omens.jpg\r\n---\r\n", 1
    ).encode()
    assert (docs / "infinite-jest.md").read_text("utf-8") == pages["infinite-jest.md"]
    site, warnings = built(config_file)
    assert warnings == []
    assert dict(shelf_covers(site)) == {
        "The Fifth Season": "../reviews/covers/the-fifth-season.jpg",
        "Good Omens": "../reviews/covers/good-omens.jpg",
        "Infinite Jest": None,
    }


def test_open_librarys_rate_is_kept_unless_the_variable_points_elsewhere(
    tmp_path: Path, standin: StandIn
) -> None:
    config_file = make_site(tmp_path, HAND_WRITTEN, covers=[PATTERN])

    def official(*args: str) -> Result:  # no BOOKREVIEWS_OPENLIBRARY_URL: Open Library itself
        return CliRunner(env={URL_VARIABLE: ""}).invoke(
            main, ["covers", "-f", str(config_file), "--dry-run", *args]
        )

    too_fast = official("--rate", "2")
    assert too_fast.exit_code == 2
    assert "Open Library asks for at most 1 request a second, or 3 with --contact" in (
        too_fast.stderr
    )
    assert official("--rate", "4", "--contact", "me@example.org").exit_code == 2
    assert official("--rate", "3", "--contact", "me@example.org").exit_code == 0
    assert official("--contact", "me@example.org\r\nX-Evil: 1").exit_code == 2
    bad_url = CliRunner(env={URL_VARIABLE: "covers.example.org"}).invoke(
        main, ["covers", "-f", str(config_file)]
    )
    assert bad_url.exit_code == 2 and URL_VARIABLE in bad_url.stderr
    # The stand-in gets the rate it is given: at 5 a second, 7 requests take 6 intervals of
    # 0.2 s at least (the sleeps are the client's; arrival times jitter on a busy machine).
    standin.isbn(FIFTH, cover("the-fifth-season"))
    times: list[float] = []
    handle = standin.handle

    def timed(handler: Any) -> None:
        times.append(time.monotonic())
        handle(handler)

    standin.handle = timed  # type: ignore[method-assign]
    started = time.monotonic()
    result = CliRunner(env={URL_VARIABLE: standin.url}).invoke(
        main, ["covers", "-f", str(config_file), "--rate", "5"]
    )
    took = time.monotonic() - started
    assert result.exit_code == 0, result.output
    assert len(times) == 7
    assert took >= 6 * 0.2 and times[-1] - times[0] >= 1.0, (took, times)


def test_a_part_file_left_by_a_killed_run_is_removed(tmp_path: Path, standin: StandIn) -> None:
    config_file = make_site(tmp_path, dict(list(HAND_WRITTEN.items())[:1]), covers=[PATTERN])
    leftover = tmp_path / "docs/reviews/covers/.bookreviews-0a1b2c3d4e5f.part"
    write_tree(leftover.parent, {leftover.name: b"\xff\xd8\xff half a cover"})
    standin.isbn(FIFTH, cover("the-fifth-season"))
    result = covers(standin, config_file)
    assert result.exit_code == 0
    assert result.stderr == f"removed {leftover}, left by an interrupted run\n"
    assert files(leftover.parent) == {"the-fifth-season.jpg": cover_bytes("the-fifth-season")}


def command(config_file: Path, standin: StandIn, *args: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs_bookreviews", "covers", "-f", str(config_file), *args]


def child_env(standin: StandIn) -> dict[str, str]:
    return {**os.environ, URL_VARIABLE: standin.url, "NO_MKDOCS_2_WARNING": "1"}


def test_an_interrupted_run_leaves_whole_covers_and_the_next_run_fetches_the_rest(
    tmp_path: Path, standin: StandIn
) -> None:
    books = {
        "a.md": review("The Fifth Season", "N. K. Jemisin", isbn=FIFTH),
        "b.md": review("Good Omens", "Terry Pratchett", isbn=OMENS),
        "c.md": review("Infinite Jest", "David Foster Wallace", isbn=JEST),
        "d.md": review("The Left Hand of Darkness", "Ursula K. Le Guin", isbn=LEFT),
    }
    config_file = make_site(tmp_path, books, covers=[PATTERN])
    standin.isbn(FIFTH, cover("the-fifth-season"))
    standin.isbn(OMENS, cover("good-omens"))
    stall = Stall(cover_bytes("infinite-jest"))  # half of it, then nothing
    standin.isbn(JEST, stall)
    standin.isbn(LEFT, cover("the-left-hand-of-darkness"))
    child = subprocess.Popen(
        command(config_file, standin, "--rate", "1000", "--timeout", "30"),
        env=child_env(standin),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert stall.stalled.wait(60), "the command never asked for the third cover"
        child.send_signal(signal.SIGINT)  # Ctrl-C, half way through Infinite Jest's cover
        out, err = child.communicate(timeout=60)
    finally:
        stall.release.set()
        if child.poll() is None:
            child.kill()
    assert child.returncode == 130, (out, err)
    assert out.splitlines()[:2] == [
        "reviews/a.md: saved reviews/covers/a.jpg (200x300, by ISBN 9780316229296)",
        "reviews/b.md: saved reviews/covers/b.jpg (200x300, by ISBN 9780060853983)",
    ]
    assert err.splitlines()[-1] == (
        "Interrupted: 2 reviews not looked up; every cover saved is whole, and running the "
        "command again fetches the rest"
    )
    covers_dir = tmp_path / "docs/reviews/covers"
    assert files(covers_dir) == {  # no half a cover, no part file
        "a.jpg": cover_bytes("the-fifth-season"),
        "b.jpg": cover_bytes("good-omens"),
    }
    assert cache_of(config_file) == {f"isbn:{FIFTH}": "found", f"isbn:{OMENS}": "found"}
    # The next run asks for the two it did not finish, and only those.
    standin.isbn(JEST, cover("infinite-jest"))
    asked = len(standin.requests)
    again = covers(standin, config_file)
    assert again.exit_code == 0, again.output
    assert standin.paths()[asked:] == [f"/b/isbn/{JEST}-L.jpg", f"/b/isbn/{LEFT}-L.jpg"]
    done = files(covers_dir)
    assert done == {
        "a.jpg": cover_bytes("the-fifth-season"),
        "b.jpg": cover_bytes("good-omens"),
        "c.jpg": cover_bytes("infinite-jest"),
        "d.jpg": cover_bytes("the-left-hand-of-darkness"),
    }
    # And the one after that is a no-op: no request, no file touched.
    stamps = {p.name: p.stat().st_mtime_ns for p in covers_dir.iterdir()}
    pages = files(tmp_path / "docs")
    asked = len(standin.requests)
    idle = covers(standin, config_file)
    assert idle.exit_code == 0
    assert idle.stdout == ("Every review has a cover: nothing to fetch\n")
    assert len(standin.requests) == asked
    assert {p.name: p.stat().st_mtime_ns for p in covers_dir.iterdir()} == stamps
    assert files(tmp_path / "docs") == pages


def test_on_a_terminal_a_progress_bar_counts_found_none_and_failed(
    tmp_path: Path, standin: StandIn
) -> None:
    import pty

    config_file = make_site(
        tmp_path,
        {
            "a.md": HAND_WRITTEN["the-fifth-season.md"],
            "b.md": HAND_WRITTEN["collected-poems.md"],
            "c.md": HAND_WRITTEN["larkin.md"],
            "d.md": review("Html", "A. Writer", isbn="9780000000026"),
        },
        covers=[PATTERN],
    )
    standin.isbn(FIFTH, cover("the-fifth-season"))
    standin.search("Collected Poems", "search-collected-poems.json")
    standin.cover_id(8412771, cover("collected-poems-plath"))
    standin.isbn("9780000000026", image(ERROR_PAGE))
    leader, follower = pty.openpty()
    child = subprocess.Popen(
        command(config_file, standin, "--rate", "1000"),
        env={**child_env(standin), "COLUMNS": "200"},
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=follower,
        text=True,
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the command
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    out = child.communicate(timeout=60)[0]
    assert child.returncode == 1  # one failed
    terminal = shown.decode("utf-8", "replace")
    assert "Covers: 2 found, 1 none, 1 failed" in terminal
    assert "4/4" in terminal and "#" in terminal  # the bar, full
    assert "reviews/d.md: " in terminal.split("Covers: 2 found, 1 none, 1 failed")[-1]
    assert out.splitlines()[-1] == (
        "Covers: 2 found, 1 none on Open Library, 1 failed, 0 known from "
        ".bookreviews-covers.json; 6 requests sent"
    )


def goodreads_standin(standin: StandIn) -> StandIn:
    """The stand-in answering for the books of the two Goodreads fixture exports: six covers
    (five by ISBN, Plath's by title search) and none for Larkin's Collected Poems."""
    for isbn, stem in (
        (FIFTH, "the-fifth-season"),
        (JEST, "infinite-jest"),
        (OMENS, "good-omens"),
        (LEFT, "the-left-hand-of-darkness"),
        (GIRL, "girl-woman-other"),
    ):
        standin.isbn(isbn, cover(stem))
    standin.search("Collected Poems", "search-collected-poems.json")
    standin.cover_id(8412771, cover("collected-poems-plath"))
    return standin


IMPORTED_COVERS = {  # the cover each imported page gets, by the fixture it is
    "the-fifth-season": "the-fifth-season",
    "collected-poems-sylvia-plath": "collected-poems-plath",
    "infinite-jest": "infinite-jest",
    "good-omens": "good-omens",
    "the-left-hand-of-darkness": "the-left-hand-of-darkness",
    "girl-woman-other": "girl-woman-other",
}


def test_import_covers_fetches_the_new_books_covers_and_the_site_shows_them(
    tmp_path: Path, standin: StandIn
) -> None:
    hand = review("Hand Written", "Me Myself")  # no cover, and not the importer's
    config_file = make_site(tmp_path, {"hand-written.md": hand})
    goodreads_standin(standin)
    runner = CliRunner(env={URL_VARIABLE: standin.url})
    results = [
        runner.invoke(
            main,
            ["import", str(export), "-f", str(config_file), "--covers"],
            catch_exceptions=False,
        )
        for export in (
            FIXTURES / "goodreads_library_export.csv",
            FIXTURES / "goodreads_library_export_31.csv",
        )
    ]
    assert [r.exit_code for r in results] == [0, 0], [r.output for r in results]
    assert results[0].stdout.splitlines()[-1] == (
        "Covers: 4 found, 1 none on Open Library, 0 failed, 0 known from "
        ".bookreviews-covers.json; 7 requests sent"
    )
    assert "reviews/collected-poems.md: Open Library has no cover" in results[0].stdout
    assert results[1].stdout.splitlines()[-1].startswith("Covers: 2 found, 0 none")
    reviews = tmp_path / "docs" / "reviews"
    assert (reviews / "hand-written.md").read_text("utf-8") == hand
    assert not any(r.query.get("title") == "Hand Written" for r in standin.requests)
    for stem, fixture in IMPORTED_COVERS.items():
        assert (reviews / "covers" / f"{stem}.jpg").read_bytes() == cover_bytes(fixture), stem
        text = (reviews / f"{stem}.md").read_text("utf-8")
        assert f"\nimage: covers/{stem}.jpg\n---\n" in text, stem  # the last line of its header
    assert "image:" not in (reviews / "collected-poems.md").read_text("utf-8")  # Larkin's
    site, warnings = built(config_file)
    assert warnings == []
    shown = shelf_covers(site)
    assert len(shown) == 8 and sorted(title for title, src in shown if src is None) == [
        "Collected Poems",  # Larkin's: Open Library has none
        "Hand Written",
    ]
    soup = BeautifulSoup((site / "shelf" / "index.html").read_text("utf-8"), "html.parser")
    srcs = sorted(str(img["src"]) for img in soup.select(".bookreviews-shelf-grid img"))
    assert srcs == sorted(f"../reviews/covers/{stem}.jpg" for stem in IMPORTED_COVERS)
    for stem, fixture in IMPORTED_COVERS.items():
        published = site / "reviews" / "covers" / f"{stem}.jpg"
        assert published.read_bytes() == cover_bytes(fixture)
    # Importing again: no new books, no covers asked for.
    asked = len(standin.requests)
    again = runner.invoke(
        main,
        [
            "import",
            str(FIXTURES / "goodreads_library_export.csv"),
            "-f",
            str(config_file),
            "--covers",
        ],
    )
    assert again.exit_code == 0
    assert again.stdout.splitlines()[-1] == "--covers: no new reviews, so no covers to fetch"
    assert len(standin.requests) == asked


def test_one_book_twice_is_fetched_once_and_a_403_on_search_stops_the_run(
    tmp_path: Path, standin: StandIn
) -> None:
    pages = {
        "a/index.md": review("The Fifth Season", "N. K. Jemisin", isbn=FIFTH),
        "b/index.md": review("The Fifth Season", "N. K. Jemisin", isbn=FIFTH, date="2024-05"),
        "c.md": review("Loose One", "A. Writer"),  # `{folder}/cover.*` is shared by c and d
        "d.md": review("Loose Two", "A. Writer"),
        "e/index.md": review("Refused", "A. Writer"),
        "f/index.md": review("Never Asked", "A. Writer"),
    }
    config_file = make_site(tmp_path, pages, covers=["{folder}/cover.*"])
    standin.isbn(FIFTH, cover("the-fifth-season"))
    standin.routes["/search.json"] = status(403, b"Forbidden")
    result = covers(standin, config_file)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "reviews/a/index.md: saved reviews/a/cover.jpg (200x300, by ISBN 9780316229296)",
        "reviews/b/index.md: saved reviews/b/cover.jpg, a copy of reviews/a/cover.jpg (the same "
        "book; no request)",
    ]
    assert result.stderr.splitlines() == [
        "reviews/c.md: not fetched: no covers: pattern places it",
        "reviews/d.md: not fetched: no covers: pattern places it",
        f"Open Library refused {standin.url}/search.json?title=Refused&author=A.+Writer&fields="
        "key%2Ctitle%2Cauthor_name%2Ccover_i&limit=5 (403 Forbidden): stopped asking; run the "
        "command again later (2 reviews not looked up)",
    ]
    # The Fifth Season once, the search refused, and f never asked about.
    assert standin.paths() == [f"/b/isbn/{FIFTH}-L.jpg", "/search.json"]
    docs = tmp_path / "docs/reviews"
    assert (docs / "b/cover.jpg").read_bytes() == (docs / "a/cover.jpg").read_bytes()
    assert not (docs / "cover.jpg").exists()


def test_a_run_stopped_between_the_cover_and_its_image_line_is_finished_by_the_next(
    tmp_path: Path, standin: StandIn
) -> None:
    page = HAND_WRITTEN["the-fifth-season.md"]
    config_file = make_site(tmp_path, {"the-fifth-season.md": page})
    standin.isbn(FIFTH, cover("the-fifth-season"))
    assert covers(standin, config_file, "--write-image").exit_code == 0
    written = tmp_path / "docs/reviews/the-fifth-season.md"
    finished = written.read_text("utf-8")
    assert finished != page
    # Stopped after the cover was saved and recorded, before `image:`: no request, the line.
    written.write_text(page, "utf-8")
    result = covers(standin, config_file, "--write-image")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "reviews/the-fifth-season.md: reviews/covers/the-fifth-season.jpg was saved before (no "
        "request), and `image: covers/the-fifth-season.jpg` written into it"
    )
    assert len(standin.requests) == 1 and written.read_text("utf-8") == finished
    # Stopped before it was recorded too: asked again, the same bytes found there, the line.
    written.write_text(page, "utf-8")
    (config_file.parent / CACHE_NAME).unlink()
    again = covers(standin, config_file, "--write-image")
    assert again.exit_code == 0, again.output
    assert len(standin.requests) == 2 and written.read_text("utf-8") == finished
    # Another file there, not this command's: left alone, and said.
    written.write_text(page, "utf-8")
    (config_file.parent / CACHE_NAME).unlink()
    (tmp_path / "docs/reviews/covers/the-fifth-season.jpg").write_bytes(b"\xff\xd8\xff mine")
    theirs = covers(standin, config_file, "--write-image")
    assert theirs.exit_code == 1
    assert theirs.stderr == (
        "reviews/the-fifth-season.md: reviews/covers/the-fifth-season.jpg is there already; "
        "left as it is\n"
    )
    assert written.read_text("utf-8") == page


def test_import_covers_into_a_folder_that_is_not_reviews_says_so(
    tmp_path: Path, standin: StandIn
) -> None:
    config_file = make_site(tmp_path, {"old.md": review("Old", "A. Writer")})
    into = tmp_path / "docs" / "books"
    result = CliRunner(env={URL_VARIABLE: standin.url}).invoke(
        main,
        [
            "import",
            str(FIXTURES / "goodreads_library_export.csv"),
            "-f",
            str(config_file),
            "--into",
            str(into),
            "--covers",
        ],
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "--covers: the new pages are not reviews the site reads (they are outside reviews_dir "
        "'reviews'): no covers fetched"
    )
    assert standin.requests == [] and len(list(into.glob("*.md"))) == 5
