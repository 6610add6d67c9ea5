"""The shelf (`shelf/`): every review as a small <li>, newest read first, with what the script
sorts and filters by in columns on the books' holder, each filter's options counted, the
controls hidden until the script runs, and a book's markup under 200 bytes.

Real builds; every test reads parsed HTML. The script itself is tested in Chromium
(test_shelf_browser.py).
"""

from __future__ import annotations

import json
import posixpath
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_bookreviews.views.shelf import score_choices

from .conftest import COVER_SVG, Site, internal_links, review, shared_build

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"

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
    """The shelf's books, in order (each an <li> of a grid)."""
    return shelf(site).select(".bookreviews-shelf-books > ol.bookreviews-shelf-grid > li")


def title(book: Tag) -> str:
    link = book.select_one("li > a > b")
    assert link is not None
    return link.get_text()


def columns(site: Site) -> dict[str, list[str]]:
    """The holder's columns, one entry per book in the page's order."""
    holder = shelf(site).select_one(".bookreviews-shelf-books")
    assert holder is not None
    return {name: str(holder[f"data-{name}"]).split(" ") for name in ("years", "authors", "genres")}


def option_texts(site: Site, name: str) -> list[str]:
    select = shelf(site).select_one(f"select[name={name}]")
    assert select is not None
    return [option.get_text() for option in select("option")]


def test_every_review_once_newest_read_first(site: Site) -> None:
    assert site.warnings == []
    listed = books(site)
    assert [title(book) for book in listed] == NEWEST_FIRST
    # One link per book, its text the title and the authors (its accessible name).
    assert all(len(book.select("a")) == 1 for book in listed)
    count = shelf(site).select_one(".bookreviews-listing-count")
    assert count is not None and count.get_text() == "7 books, newest read first"
    by_title = {title(book): book for book in listed}
    link = by_title["Good Omens"].a
    assert link is not None and link.get_text() == "Good Omens Terry Pratchett and Neil Gaiman"
    # The score in text, its stars by the class of its score; the did-not-finish book says so;
    # the unrated one has no score.
    score = by_title["Good Omens"].select_one("li > b")
    assert score is not None and score.get_text() == "4.5/5" and score["class"] == ["s4_5"]
    mark = by_title["Persuasion"].select_one("small")
    assert mark is not None and mark.get_text() == "Did not finish"
    assert by_title["Emma"].select_one("li > b, small") is None
    # The page's stylesheet fills each score's stars (by area: 4.5 of 5 is 90 %).
    style = shelf(site).select_one("style")
    assert style is not None and ".bookreviews-shelf .s4_5{--bookreviews-fill:90%}" in str(
        style.string
    )


def test_each_book_carries_what_the_script_sorts_and_filters_by(site: Site) -> None:
    found = columns(site)
    genres = [value for value, _ in _options(site, "genre")][1:]
    years = [value for value, _ in _options(site, "year")][1:]

    def decoded(i: int) -> tuple[list[str], str, list[str]]:
        return (
            [years[int(code, 36)] for code in found["years"][i].split(",") if code],
            found["authors"][i],
            [genres[int(code, 36)] for code in found["genres"][i].split(",") if code],
        )

    by_title = {title(book): decoded(i) for i, book in enumerate(books(site))}
    # Authors by family name: Austen 0, Homer 1, Le Guin 2, (du) Maurier 3, Pratchett 4.
    assert by_title == {
        "Good Omens": (["2024", "2019"], "4", ["fantasy", "comedy"]),
        "The Dispossessed": (["2024"], "2", ["sci-fi"]),  # "Sci-Fi" and "sci fi" are one
        "Persuasion": (["2024"], "0", ["classics"]),
        "Emma": (["2024"], "0", ["classics"]),
        "The Left Hand of Darkness": (["2023"], "2", ["sci-fi", "classics"]),
        '<b>Bold</b> & "Quoted"': (["2022"], "3", ['<i>x</i>"-onmouseover="y']),
        "The Odyssey": ([], "1", []),
    }


def test_each_option_counts_the_books_it_shows(site: Site) -> None:
    # The whole library's counts (the script counts again under the other filters).
    assert option_texts(site, "genre") == [
        "All genres (7)",
        '<i>x</i>" onmouseover="y (1)',
        "Classics (3)",
        "Comedy (1)",
        "Fantasy (1)",
        "Sci-Fi (2)",
    ]
    assert option_texts(site, "year") == [
        "All years (7)",
        "2024 (4)",  # Good Omens read again in 2024
        "2023 (1)",
        "2022 (1)",
        "2019 (1)",
    ]
    assert option_texts(site, "min") == [
        "Any score (7)",  # the unrated too: no minimum shows them
        "1 or more (6)",
        "2 or more (6)",
        "3 or more (5)",
        "4 or more (3)",
        "5 (1)",
    ]
    assert option_texts(site, "dnf") == [
        "All books (7)",
        "Only finished (6)",
        "Only not finished (1)",
    ]
    # The script keeps each option's label to count again.
    select = shelf(site).select_one("select[name=genre]")
    assert select is not None
    assert [o["data-label"] for o in select("option")][:3] == [
        "All genres",
        '<i>x</i>" onmouseover="y',
        "Classics",
    ]


def test_counts_are_in_the_sites_number_format(build_site: Any) -> None:
    docs = many_docs(1200, genre=True)
    built = build_site(docs, plugin={"shelf": True, "language": "de"})
    texts = option_texts(built, "genre")
    assert texts[0] == "Alle Genres (1.200)", texts


def test_markup_in_titles_and_genres_stays_text(site: Site) -> None:
    page = shelf(site)
    # The shelf's own <b>s hold a title or a score, never a <b> from a title: no <i> either.
    assert page.find("i") is None
    assert not [b for b in page.find_all("b") if b.find("b") or b.find_parent("b")]
    assert '<b>Bold</b> & "Quoted"' in [b.get_text() for b in page.select("li > a > b")]
    assert not any(tag.has_attr("onmouseover") for tag in page.find_all(True))
    genre = page.select_one("select[name=genre]")
    assert genre is not None
    assert '<i>x</i>" onmouseover="y (1)' in [
        option.get_text() for option in genre.find_all("option")
    ]


def test_controls_are_hidden_until_the_script_runs(site: Site) -> None:
    page = shelf(site)
    form = page.select_one("form.bookreviews-shelf-controls")
    status = page.select_one(".bookreviews-shelf-status")
    assert form is not None and form.has_attr("hidden")
    assert status is not None and status.has_attr("hidden")
    assert status.select_one("[role=status]") is not None

    def options(name: str) -> list[tuple[str, str]]:
        return _options(site, name)

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
    # The text filter and the view, each named.
    search = form.select_one("input[type=search][name=find]")
    assert search is not None
    label = search.find_parent("label")
    assert label is not None and label.get_text(strip=True) == "Title or author"
    views = form.select("fieldset input[type=radio][name=view]")
    assert [(radio["value"], radio.has_attr("checked")) for radio in views] == [
        ("", True),
        ("covers", False),
    ]
    legend = form.select_one("fieldset legend")
    assert legend is not None and legend.get_text() == "View"
    named = [radio.find_parent("label") for radio in views]
    assert [label.get_text(strip=True) for label in named if label] == ["Cards", "Covers only"]
    assert [value for value, _ in options("year")] == ["", "2024", "2023", "2022", "2019"]
    assert [value for value, _ in options("min")] == ["", "1", "2", "3", "4", "5"]
    assert [value for value, _ in options("dnf")] == ["", "hide", "only"]


def _options(site: Site, name: str) -> list[tuple[str, str]]:
    """A select's options: (value, label without its count); the select has a label."""
    select = shelf(site).select_one(f"form select[name={name}]")
    assert select is not None, name
    label = select.find_parent("label")
    assert label is not None and label.get_text(strip=True), name  # every control named
    return [
        (str(o.get("value", o.get_text())), str(o.get("data-label", o.get_text())))
        for o in select("option")
    ]


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

    reached = {target(str(a["href"])) for a in soup.select(".bookreviews-shelf-grid > li > a")}
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


def many_docs(count: int, genre: bool = False) -> dict[str, str]:
    """A library of `count` plain reviews: scores 1 to 5, read over five years (and, with
    `genre`, one of three genres each)."""
    docs = {"index.md": "# Home\n"}
    for i in range(count):
        fields: dict[str, Any] = {"score": i % 5 + 1, "date": f"{2020 + i % 5}-{i % 12 + 1:02d}"}
        if genre:
            fields["genre"] = [["Fantasy", "Sci-Fi", "Crime"][i % 3]]
        docs[f"reviews/book-{i:03d}.md"] = review(f"Book {i}", f"Writer {i % 7}", **fields)
    return docs


def test_cards_come_in_grids_of_sixty_in_one_order(build_site: Any) -> None:
    built = build_site(many_docs(130), plugin={"shelf": True})
    grids = shelf(built).select(".bookreviews-shelf-books > ol")
    assert [len(grid.find_all("li")) for grid in grids] == [60, 60, 10]
    newest_first = sorted(range(130), key=lambda i: (-(2020 + i % 5), -(i % 12 + 1), f"book {i}"))
    assert [title(book) for book in books(built)] == [f"Book {i}" for i in newest_first]


def test_the_first_row_of_covers_loads_at_once(build_site: Any) -> None:
    # Seven books with covers: the shelf's first row (six on a desktop) loads at once.
    built = build_site(library_docs(cover=True), plugin={"shelf": True})
    covers = shelf(built).select(".bookreviews-shelf-grid > li > a > img")
    assert [img.get("loading") for img in covers] == [None] * 6 + ["lazy"]
    # Every cover gets a book's box from the stylesheet: no size attributes to carry.
    assert not [img for img in covers if img.has_attr("width") or img.has_attr("height")]


def test_a_book_takes_under_200_bytes(tmp_path: Path) -> None:
    """The shelf's weight grows by a book's markup: under 200 bytes each in the benchmark's
    library (benchmarks/shelf_size.py: 8.4 MB at 10,000 reviews before, 1.9 MB after), so
    10,000 reviews make a page under 2 MB. Measured at 400 reviews of the same library: the
    books' lists and their columns, over the number of books."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from generate import base_config, generate, plugin_config
    finally:
        sys.path.remove(str(BENCHMARKS))
    count = 400
    generate(tmp_path, count)
    config = plugin_config(base_config(), ("shelf",))
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    build(load_config(str(tmp_path / "mkdocs.yml")))
    html = (tmp_path / str(config["site_dir"]) / "shelf" / "index.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    holder = soup.select_one(".bookreviews-shelf-books")
    assert holder is not None
    # The books read: those being read or wanted (a few in the generated library) are not on it.
    shelved = len(holder.select("ol > li"))
    assert count * 0.9 < shelved <= count
    first = html.index('<ol class="bookreviews-shelf-grid"')
    last = html.rindex("</ol>") + len("</ol>")
    books = len(html[first:last].encode("utf-8")) + sum(
        len(str(holder[f"data-{name}"]).encode("utf-8")) for name in ("years", "authors", "genres")
    )
    per_book, whole = books / shelved, len(html.encode("utf-8"))
    print(f"shelf: {per_book:.1f} bytes a book, {whole:,} bytes in all at {shelved}")
    assert per_book < 200
    # The whole page, its theme's frame and controls included, at 10,000 such books.
    assert whole - books + per_book * 10_000 < 2_000_000
