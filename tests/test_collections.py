"""Real collections build unchanged: two test collections in the shapes real ones use.

`tests/collections/nested` keeps every field under `book:` and `review:` mappings, one folder
per review with its cover beside it; `tests/collections/posts` is a Jekyll-style `_posts/`
tree with covers under `covers/<year>/<slug>.<ext>`. Each is built with `--strict` exactly as
committed (configuration alone, no review edited), and every value in its `expected.json`
must reach the page.
"""

from __future__ import annotations

import calendar
import json
import posixpath
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import REPO, Site, collect_warnings

COLLECTIONS = REPO / "tests" / "collections"
TIMES = {2: "twice", 3: "three times"}


@pytest.fixture(scope="module", params=["nested", "posts"])
def collection(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Site, dict[str, Any]]]:
    name = str(request.param)
    project = tmp_path_factory.mktemp(name) / name
    shutil.copytree(COLLECTIONS / name, project, ignore=shutil.ignore_patterns("site"))
    expected = json.loads((project / "expected.json").read_text("utf-8"))
    with collect_warnings() as warnings:
        config = load_config(str(project / "mkdocs.yml"), strict=True)
        build(config)  # --strict: any warning would abort here
    site = Site(root=project, site_dir=Path(config.site_dir), warnings=warnings)
    yield site, expected


def words(tag: Tag | None) -> str:
    return " ".join(tag.get_text(" ").split()) if tag is not None else ""


def read_text(written: str) -> str:
    """What a reader sees of one read date: "March 2019" or "2019" (never the day)."""
    parts = [int(part) for part in written.split("-")]
    return f"{calendar.month_name[parts[1]]} {parts[0]}" if len(parts) > 1 else str(parts[0])


def expected_read_line(reads: list[str]) -> str:
    if len(reads) == 1:
        return f"Read in {read_text(reads[0])}"
    times = TIMES.get(len(reads), f"{len(reads)} times")
    return f"Read {times}: " + ", ".join(read_text(read) for read in reads)


def test_builds_strict_with_no_warning(collection: tuple[Site, dict[str, Any]]) -> None:
    site, expected = collection
    assert site.warnings == []
    headers = [
        page
        for page in site.html_files()
        if BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one(".bookreviews-header")
    ]
    assert len(headers) == expected["review_count"] == len(expected["reviews"])
    for src_uri in expected["not_reviews"]:
        assert site.soup(src_uri).select_one(".bookreviews-header") is None, src_uri


def test_every_field_lands_on_the_page(collection: tuple[Site, dict[str, Any]]) -> None:
    site, expected = collection
    for src_uri, book in expected["reviews"].items():
        page = site.soup(src_uri)
        header = page.select_one(".bookreviews-header")
        assert header is not None, src_uri
        assert words(header.select_one(".bookreviews-title")) == book["title"], src_uri

        byline = words(header.select_one(".bookreviews-author"))
        assert all(name in byline for name in book["authors"]), (src_uri, byline)
        if "byline" in book:  # credits are the point: the whole line, word for word
            assert byline == book["byline"], (src_uri, byline)
        elif book["credits"]:
            for name, role in book["credits"]:
                assert name in byline.split(" · ", 1)[1], (src_uri, byline)
                assert role not in byline.split(" · ")[0], (src_uri, byline)
            assert byline.split(" · ")[0] == "by " + _joined(book["authors"]), (src_uri, byline)

        badge = header.select_one(".bookreviews-badge")
        if book["score"] is None:
            assert badge is None, src_uri
        else:
            assert badge is not None, src_uri
            score = f"{float(book['score']):.2f}".rstrip("0").rstrip(".")
            assert badge["aria-label"] == f"Rated {score} out of 5", src_uri
        assert (header.select_one(".bookreviews-dnf") is not None) == book["did_not_finish"]

        lines = [" ".join(p.get_text().split()) for p in header.select(".bookreviews-read")]
        assert lines[0] == expected_read_line(book["reads"]), (src_uri, lines)
        facts = lines[1] if len(lines) > 1 else ""
        if book["series"]:
            number = f" #{book['series_number']}" if book["series_number"] is not None else ""
            assert f"{book['series']}{number}" in facts, (src_uri, facts)
        if book["published"]:
            assert f"first published {book['published']}" in facts, (src_uri, facts)
        if book["pages"]:
            assert f"{book['pages']:,} pages" in facts, (src_uri, facts)
        if book["isbn"]:
            assert f"ISBN {str(book['isbn']).replace('-', '')}" in facts, (src_uri, facts)

        chips = [words(chip) for chip in header.select(".bookreviews-genre")]
        assert chips == book["genres"], src_uri
        summary = header.select_one(".bookreviews-summary")
        assert (words(summary) or None) == book["summary"], src_uri
        notice = page.select_one(".bookreviews-spoilers")
        assert (notice is not None) == book["spoilers"], src_uri

        _check_cover(site, src_uri, header.select_one("img.bookreviews-cover"), book)


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _check_cover(site: Site, src_uri: str, img: Tag | None, book: dict[str, Any]) -> None:
    cover = book["cover"]
    if cover is None:
        assert img is None, src_uri
        return
    assert img is not None, src_uri
    if book["cover_alt"]:
        assert img["alt"] == book["cover_alt"]
    if cover["kind"] == "remote":
        assert img["src"] == cover["url"], src_uri
        assert img.get("style") == "aspect-ratio: 2/3"  # unknown size: the book's usual shape
        return
    page = site.page_path(src_uri)
    target = posixpath.normpath(posixpath.join(page.parent.as_posix(), str(img["src"])))
    assert Path(target) == site.site_dir / cover["src_uri"], (src_uri, img["src"])
    assert (int(str(img["width"])), int(str(img["height"]))) == (cover["width"], cover["height"])
    assert img.get("style") is None


def test_reviews_are_on_their_genre_pages(collection: tuple[Site, dict[str, Any]]) -> None:
    site, expected = collection
    overview = site.soup("genres/index.md")
    tiles = overview.select(".bookreviews-genre-list a")
    cards_by_title: dict[str, int] = {}
    for tile in tiles:
        genre_page = site.site_dir / "genres" / str(tile["href"]) / "index.html"
        soup = BeautifulSoup(genre_page.read_text("utf-8"), "html.parser")
        for title in soup.select(".bookreviews-card-title"):
            cards_by_title[words(title)] = cards_by_title.get(words(title), 0) + 1
    for book in expected["reviews"].values():
        assert cards_by_title.get(book["title"], 0) == len(book["genres"]), book["title"]
