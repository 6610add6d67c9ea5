"""The shelf (`shelf/`): every review's card, newest read first, with what the script sorts and
filters by on each card's wrapper, and the controls hidden until the script runs.

Real builds; every test reads parsed HTML. The script itself is tested in Chromium
(test_shelf_browser.py).
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup, Tag

from mkdocs_bookreviews.views.shelf import score_choices

from .conftest import COVER_SVG, Site, internal_links, review, shared_build

# (src_uri, front matter): two spellings of one genre, a re-read, an unrated review, a
# did-not-finish, an undated one, a title and a genre with markup in them, two authors.
LIBRARY: dict[str, dict[str, Any]] = {
    "reviews/dispossessed.md": {
        "title": "The Dispossessed",
        "author": "Ursula K. Le Guin",
        "score": 5,
        "date": "2024-03",
        "genre": ["Sci-Fi"],
    },
    "reviews/left-hand.md": {
        "title": "The Left Hand of Darkness",
        "author": "Ursula K. Le Guin",
        "score": 4,
        "date": "2023-05",
        "genre": ["sci fi", "Classics"],
    },
    "reviews/good-omens.md": {
        "title": "Good Omens",
        "author": ["Terry Pratchett", "Neil Gaiman"],
        "score": 4.5,
        "date": ["2019-03", "2024-05"],
        "genre": ["Fantasy", "Comedy"],
    },
    "reviews/emma.md": {
        "title": "Emma",
        "author": "Austen, Jane",
        "score": None,
        "date": "2024-02",
        "genre": ["Classics"],
    },
    "reviews/persuasion.md": {
        "title": "Persuasion",
        "author": "Jane Austen",
        "score": 2,
        "did_not_finish": True,
        "date": "2024-02-20",
        "genre": ["Classics"],
    },
    "reviews/odyssey.md": {"title": "The Odyssey", "author": "Homer", "score": 3},
    "reviews/bold.md": {
        "title": '<b>Bold</b> & "Quoted"',
        "author": "Daphne du Maurier",
        "score": 3.5,
        "date": "2022-11",
        "genre": ['<i>x</i>" onmouseover="y'],
    },
}
# Newest read first (a re-read by its last reading), the undated last.
NEWEST_FIRST = [
    "Good Omens",
    "The Dispossessed",
    "Persuasion",
    "Emma",
    "The Left Hand of Darkness",
    '<b>Bold</b> & "Quoted"',
    "The Odyssey",
]


def library_docs(cover: bool = False) -> dict[str, str]:
    """The docs of a site with LIBRARY's reviews (and a home page)."""
    docs: dict[str, str] = {"index.md": "# Home\n"}
    if cover:
        docs["covers/c.svg"] = COVER_SVG
    for src_uri, meta in LIBRARY.items():
        fields = {k: v for k, v in meta.items() if k not in ("title", "author")}
        if cover:
            fields["image"] = "../covers/c.svg"
        docs[src_uri] = review(meta["title"], meta["author"], **fields)
        if meta["score"] is None:  # review() drops None values: write the null itself
            docs[src_uri] = docs[src_uri].replace("---\n", "---\nscore: null\n", 1)
    return docs


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """LIBRARY with the shelf on, built strict once for the tests that only read it."""
    root = tmp_path_factory.mktemp("shelf") / "project"
    with shared_build(root, library_docs(), plugin={"shelf": True}, strict=True) as built:
        yield built


def shelf(site: Site) -> Tag:
    found = site.soup("shelf/index.md").select_one("div.bookreviews-shelf")
    assert isinstance(found, Tag)
    return found


def books(site: Site) -> list[Tag]:
    """The shelf's cards' wrappers, in order (each a child of a grid)."""
    return shelf(site).select(".bookreviews-shelf-books > .bookreviews-cards > div")


def title(book: Tag) -> str:
    link = book.select_one("a.bookreviews-card-title")
    assert link is not None
    return link.get_text()


def test_every_review_once_newest_read_first(site: Site) -> None:
    assert site.warnings == []
    listed = books(site)
    assert [title(book) for book in listed] == NEWEST_FIRST
    # One card per wrapper, and the count says how many.
    assert all(len(book.select("article.bookreviews-card")) == 1 for book in listed)
    count = shelf(site).select_one(".bookreviews-listing-count")
    assert count is not None and count.get_text() == "7 books, newest read first"
    # The did-not-finish card says so; the unrated one has no badge.
    by_title = {title(book): book for book in listed}
    assert by_title["Persuasion"].select_one(".bookreviews-dnf") is not None
    assert by_title["Emma"].select_one(".bookreviews-badge") is None


def test_each_card_carries_what_the_script_sorts_and_filters_by(site: Site) -> None:
    found = {
        title(book): {name: value for name, value in book.attrs.items() if name != "class"}
        for book in books(site)
    }
    assert found == {
        "Good Omens": {
            "data-years": "2024 2019",
            "data-score": "4.5",
            "data-author": "pratchett terry",
            "data-genres": "fantasy comedy",
        },
        # "Sci-Fi" and "sci fi" are one genre.
        "The Dispossessed": {
            "data-years": "2024",
            "data-score": "5",
            "data-author": "le guin ursula k.",
            "data-genres": "sci-fi",
        },
        "Persuasion": {
            "data-years": "2024",
            "data-score": "2",
            "data-author": "austen jane",
            "data-genres": "classics",
            "data-dnf": "",
        },
        "Emma": {"data-years": "2024", "data-author": "austen jane", "data-genres": "classics"},
        "The Left Hand of Darkness": {
            "data-years": "2023",
            "data-score": "4",
            "data-author": "le guin ursula k.",
            "data-genres": "sci-fi classics",
        },
        '<b>Bold</b> & "Quoted"': {
            "data-years": "2022",
            "data-score": "3.5",
            "data-author": "maurier daphne",
            "data-genres": '<i>x</i>"-onmouseover="y',
        },
        "The Odyssey": {"data-score": "3", "data-author": "homer"},
    }


def test_markup_in_titles_and_genres_stays_text(site: Site) -> None:
    page = shelf(site)
    assert page.find(["b", "i"]) is None
    assert not any(tag.has_attr("onmouseover") for tag in page.find_all(True))
    genre = page.select_one("select[name=genre]")
    assert genre is not None
    assert '<i>x</i>" onmouseover="y' in [option.get_text() for option in genre.find_all("option")]


def test_controls_are_hidden_until_the_script_runs(site: Site) -> None:
    page = shelf(site)
    form = page.select_one("form.bookreviews-shelf-controls")
    status = page.select_one(".bookreviews-shelf-status")
    assert form is not None and form.has_attr("hidden")
    assert status is not None and status.has_attr("hidden")
    assert status.select_one("[role=status]") is not None

    def options(name: str) -> list[tuple[str, str]]:
        select = form.select_one(f"select[name={name}]")
        assert select is not None, name
        label = select.find_parent("label")
        assert label is not None and label.get_text(strip=True), name  # every control named
        return [(str(o.get("value", o.get_text())), o.get_text()) for o in select("option")]

    assert [value for value, _ in options("sort")] == ["", "score", "title", "author"]
    # Each genre once, under its key, as the library most often writes it.
    assert options("genre") == [
        ("", "All genres"),
        ('<i>x</i>"-onmouseover="y', '<i>x</i>" onmouseover="y'),
        ("classics", "Classics"),
        ("comedy", "Comedy"),
        ("fantasy", "Fantasy"),
        ("sci-fi", "Sci-Fi"),
    ]
    assert [value for value, _ in options("year")] == ["", "2024", "2023", "2022", "2019"]
    assert [value for value, _ in options("min")] == ["", "1", "2", "3", "4", "5"]
    assert [value for value, _ in options("dnf")] == ["", "hide", "only"]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_review_is_reachable_and_every_link_resolves(
    build_site: Any, directory_urls: bool
) -> None:
    built = build_site(
        library_docs(cover=True),
        plugin={"shelf": True, "authors": True, "years": True},
        use_directory_urls=directory_urls,
    )
    assert built.warnings == []
    broken = [(page, link) for page, link, target in internal_links(built) if not target.is_file()]
    assert broken == []
    page = built.page_path("shelf/index.md")
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")

    def target(link: str) -> Path:
        path = Path(posixpath.normpath(page.parent.joinpath(unquote(link)).as_posix()))
        return path / "index.html" if link.endswith("/") else path

    reached = {target(str(a["href"])) for a in soup.select(".bookreviews-shelf-book a[href]")}
    assert reached == {built.page_path(src_uri) for src_uri in LIBRARY}
    script = soup.select_one(".bookreviews-shelf script[src]")
    assert script is not None and script.has_attr("defer")
    assert target(str(script["src"])) == built.site_dir / "assets" / "bookreviews" / "shelf.js"
    assert target(str(script["src"])).read_text("utf-8").startswith("/* mkdocs-bookreviews")
    # Only the shelf loads the script.
    assert [p for p in built.html_files() if "shelf.js" in p.read_text("utf-8")] == [page]


def test_on_by_default_and_off_without_its_script(build_site: Any) -> None:
    on = build_site(library_docs())
    assert (on.site_dir / "shelf" / "index.html").is_file()
    assert (on.site_dir / "assets" / "bookreviews" / "shelf.js").is_file()
    off = build_site(library_docs(), plugin={"shelf": False})
    assert not (off.site_dir / "shelf").exists()
    assert not (off.site_dir / "assets" / "bookreviews" / "shelf.js").exists()


def test_empty_without_reviews(build_site: Any) -> None:
    empty = build_site({"index.md": "# Home\n"}, plugin={"shelf": True}, strict=True)
    page = shelf(empty)
    assert page.select_one(".bookreviews-empty") is not None
    assert page.select_one("form, script, .bookreviews-cards") is None


def test_not_searched_but_in_a_compact_nav(build_site: Any) -> None:
    built = build_site(library_docs(), plugin={"shelf": True, "nav": "compact"})
    index = json.loads((built.site_dir / "search" / "search_index.json").read_text("utf-8"))
    assert not [doc for doc in index["docs"] if doc["location"].startswith("shelf/")]
    nav = built.soup("index.md").select("nav.md-nav--primary a.md-nav__link")
    assert "Shelf" in [a.get_text(strip=True) for a in nav]
    assert "Emma" not in [a.get_text(strip=True) for a in nav]


def test_unrated_and_undated_reviews_offer_only_what_applies(build_site: Any) -> None:
    built = build_site(
        {"index.md": "# Home\n", "a.md": review("A", score=None)},
        plugin={"shelf": True, "review_field": "title"},
    )
    form = shelf(built).select_one("form")
    assert form is not None
    assert [s["name"] for s in form.select("select")] == ["sort"]


def test_minimum_scores_offered_for_each_scale() -> None:
    assert score_choices(5) == [1, 2, 3, 4, 5]
    assert score_choices(10) == list(range(1, 11))
    assert score_choices(100) == [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]


def many_docs(count: int) -> dict[str, str]:
    """A library of `count` plain reviews: scores 1 to 5, read over five years."""
    docs = {"index.md": "# Home\n"}
    for i in range(count):
        docs[f"reviews/book-{i:03d}.md"] = review(
            f"Book {i}", f"Writer {i % 7}", score=i % 5 + 1, date=f"{2020 + i % 5}-{i % 12 + 1:02d}"
        )
    return docs


def test_cards_come_in_grids_of_sixty_in_one_order(build_site: Any) -> None:
    built = build_site(many_docs(130), plugin={"shelf": True})
    grids = shelf(built).select(".bookreviews-shelf-books > .bookreviews-cards")
    assert [len(grid.find_all("article")) for grid in grids] == [60, 60, 10]
    newest_first = sorted(range(130), key=lambda i: (-(2020 + i % 5), -(i % 12 + 1), f"book {i}"))
    assert [title(book) for book in books(built)] == [f"Book {i}" for i in newest_first]


def test_the_first_row_of_covers_loads_at_once(build_site: Any) -> None:
    # Seven books with covers: the shelf's first row (six on a desktop) loads at once.
    built = build_site(library_docs(cover=True), plugin={"shelf": True})
    covers = shelf(built).select("img.bookreviews-card-cover")
    assert [img["loading"] for img in covers] == ["eager"] * 6 + ["lazy"]
