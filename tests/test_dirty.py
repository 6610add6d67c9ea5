"""`mkdocs build --dirty` and `mkdocs serve --dirty`: after one review's score, genre and
author change, every page that shows that review shows the change on the next rebuild.

The runs are real `mkdocs` subprocesses over a copy of the example site (whose home page has
listing markers), with every view on.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import yaml
from bs4 import BeautifulSoup

from mkdocs_bookreviews.dirty import remove_stale_pages

from .test_hosts import ENV, Server, copy_example

Get = Callable[[str], "BeautifulSoup | None"]


def every_view_on(project: Path, **more: object) -> Path:
    """The example site (every view on by default, as they are left here) with a feed;
    returns its docs folder."""
    config_path = project / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text("utf-8"))
    config["site_url"] = "https://example.org/"
    plugins = config["plugins"]
    options = next(p["bookreviews"] for p in plugins if isinstance(p, dict) and "bookreviews" in p)
    assert not {"shelf", "genres", "authors", "years", "stats"} & set(options)
    options.update(**more)
    config_path.write_text(yaml.safe_dump(config), "utf-8")
    return project / "docs"


def edit_piranesi(docs: Path) -> None:
    """A new score, Fantasy swapped for Gothic, and another author (Susanna Clarke had only
    this book; Kazuo Ishiguro already has one)."""
    path = docs / "reviews" / "piranesi.md"
    text = path.read_text("utf-8")
    for old, new in [
        ("score: '4.5'", "score: 2.75"),
        ('genre: ["Fantasy", "Mystery"]', 'genre: ["Mystery", "Gothic"]'),
        ("author: 'Susanna Clarke'", "author: 'Kazuo Ishiguro'"),
    ]:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, "utf-8")
    later = time.time() + 2  # newer than its output, whatever the file system's clock steps
    os.utime(path, (later, later))


def titles(soup: BeautifulSoup | None, selector: str) -> list[str]:
    return [tag.get_text() for tag in soup.select(selector)] if soup else []


def rating_of_piranesi(soup: BeautifulSoup | None, selector: str) -> list[str]:
    """The rating each listing on the page shows for Piranesi (a card or a row's item)."""
    found = []
    for item in soup.select(selector) if soup else []:
        title = item.select_one(".bookreviews-card-title, .bookreviews-cover-row-title")
        if title is not None and title.get_text() == "Piranesi":
            badge = item.select_one(".bookreviews-badge")
            found.append(str(badge["aria-label"]) if badge else "")
    return found


ITEMS = ".bookreviews-card, .bookreviews-cover-row > li"
CARDS = ".bookreviews-card-title"


def check_every_page_shows_the_edit(get: Get) -> None:
    new = "Rated 2.75 out of 5"
    review = get("reviews/piranesi/")
    assert review is not None
    assert [b["aria-label"] for b in review.select(".bookreviews-header .bookreviews-badge")] == [
        new
    ]
    assert "Kazuo Ishiguro" in titles(review, ".bookreviews-author-link")
    assert titles(review, ".bookreviews-genre") == ["Mystery", "Gothic"]
    # The home page's markers: the recent row and the Fantasy cards (which lose Piranesi).
    home = get("")
    assert rating_of_piranesi(home, ".bookreviews-cover-row > li") == [new]
    assert rating_of_piranesi(home, ".bookreviews-card") == []
    # Genres: off the old one, on the new one (a page that did not exist).
    assert "Piranesi" not in titles(get("genres/fantasy/"), CARDS)
    assert rating_of_piranesi(get("genres/gothic/"), ITEMS) == [new]
    assert rating_of_piranesi(get("genres/mystery/"), ITEMS) == [new]
    # Authors: the old author's page is gone, the new one lists it.
    assert get("authors/susanna-clarke/") is None
    authors = titles(get("authors/"), ".bookreviews-genre-name")
    assert "Kazuo Ishiguro" in authors and "Susanna Clarke" not in authors
    assert rating_of_piranesi(get("authors/kazuo-ishiguro/"), ITEMS) == [new]
    # Years and the shelf.
    assert rating_of_piranesi(get("years/2025/"), ITEMS) == [new]
    # The shelf's books show the score as text (their stars drawn by its class).
    shelf = get("shelf/")
    assert shelf is not None
    assert [
        (book.select_one("a > span") or book.a).get_text().removeprefix("Piranesi ")  # type: ignore[union-attr]
        + " "
        + book.select_one("li > b").get_text()  # type: ignore[union-attr]
        for book in shelf.select(".bookreviews-shelf-grid > li")
        if book.select_one("a > b").get_text() == "Piranesi"  # type: ignore[union-attr]
    ] == ["Kazuo Ishiguro 2.75/5"]
    assert get("stats/") is not None


def feed_entries(feed: Path) -> dict[str, str]:
    """Each Atom entry's title, with its content."""
    atom = "{http://www.w3.org/2005/Atom}"
    root = ElementTree.parse(feed).getroot()
    return {
        entry.findtext(f"{atom}title", ""): entry.findtext(f"{atom}content", "")
        for entry in root.iter(f"{atom}entry")
    }


def check_before(get: Get, *, every_author: bool = True) -> None:
    """What the edit changes, as it was: so the checks after it cannot pass by accident."""
    old = "Rated 4.5 out of 5"
    assert rating_of_piranesi(get(""), ".bookreviews-cover-row > li") == [old]
    assert rating_of_piranesi(get(""), ".bookreviews-card") == [old]
    assert "Piranesi" in titles(get("genres/fantasy/"), CARDS)
    assert get("genres/gothic/") is None
    if every_author:
        assert titles(get("authors/susanna-clarke/"), CARDS) == ["Piranesi"]


def mkdocs(project: Path, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=project, env=ENV, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr


def test_build_dirty_shows_an_edited_review_everywhere(tmp_path: Path) -> None:
    project = copy_example(tmp_path)
    docs = every_view_on(project)
    site = project / "site"

    def get(path: str) -> BeautifulSoup | None:
        page = site / path / "index.html"
        return BeautifulSoup(page.read_text("utf-8"), "html.parser") if page.exists() else None

    mkdocs(project, "build")
    check_before(get)
    edit_piranesi(docs)
    mkdocs(project, "build", "--dirty")
    check_every_page_shows_the_edit(get)
    # The feed takes each review's rendered text: reviews that were not edited keep theirs.
    entries = feed_entries(site / "feed.xml")
    assert len(entries) == 11 and all(entries.values()), entries
    assert "Piranesi by Kazuo Ishiguro" in entries


def test_serve_dirty_shows_an_edited_review_everywhere(tmp_path: Path) -> None:
    """With `authors_min_reviews: 2`, as in a large library: Kazuo Ishiguro's second book
    gives him a page, and his first book's header (a page that did not change) links to it."""
    project = copy_example(tmp_path)
    # No feed: its reviews are rebuilt anyway (see the build test), which would hide the header.
    docs = every_view_on(project, authors_min_reviews=2, feed=False)
    srv = Server(project, "--dirty")

    def author_links(path: str) -> list[str]:
        page = srv.get(path)
        return [str(a["href"]) for a in page.select(".bookreviews-author-link")] if page else []

    def onward(path: str, which: str) -> list[str]:
        """The titles a row of a review's onward section shows (`author`, `genre`)."""
        page = srv.get(path)
        found = f".bookreviews-onward-{which} .bookreviews-cover-row-title"
        return [title.get_text() for title in page.select(found)] if page else []

    try:
        srv.wait_for("the first build", lambda: srv.get("genres/") is not None)
        check_before(srv.get, every_author=False)
        assert srv.get("authors/kazuo-ishiguro/") is None
        assert author_links("reviews/remains-of-the-day/") == []
        # Onward sections of reviews that do not change: Ishiguro's other book, and a Fantasy
        # book whose genre row shows Piranesi.
        assert onward("reviews/remains-of-the-day/", "author") == []
        assert "Piranesi" in onward("reviews/wizard-of-earthsea/", "genre")
        edit_piranesi(docs)
        srv.wait_for("the rebuild", lambda: srv.rebuilt >= 1)
        check_every_page_shows_the_edit(srv.get)
        assert author_links("reviews/remains-of-the-day/") == ["../../authors/kazuo-ishiguro/"]
        assert onward("reviews/remains-of-the-day/", "author") == ["Piranesi"]
        assert "Piranesi" not in onward("reviews/wizard-of-earthsea/", "genre")
    finally:
        if srv.process.poll() is None:
            srv.stop()
    assert not [line for line in srv.lines if "Traceback" in line or "ERROR" in line]


def test_only_generated_pages_that_are_gone_are_removed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    ours = '<div class="bookreviews-listing"><h1>Gothic</h1></div>'
    files = {
        "genres/index.html": ours,  # still generated
        "genres/gothic/index.html": ours,  # gone
        "genres/old-name/index.html": '<meta http-equiv="refresh" content="0; url=../new/">',
        "reviews/old/index.html": ours,  # not a view's folder
    }
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, "utf-8")
    removed = remove_stale_pages(site, ["genres"], {str(site / "genres" / "index.html")})
    assert removed == [site / "genres" / "gothic" / "index.html"]
    assert not (site / "genres" / "gothic").exists()  # its empty folder too
    assert (site / "genres" / "old-name" / "index.html").exists()  # another plugin's redirect
    assert (site / "reviews" / "old" / "index.html").exists()
