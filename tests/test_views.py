"""Generated views beyond genres: authors and years pages, and the header links to them.

One site is built once for the module; every test reads its parsed HTML.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_bookreviews.model import Review
from mkdocs_bookreviews.names import family_sort_key, person_key
from mkdocs_bookreviews.views import Grouped
from mkdocs_bookreviews.views.authors import KIND as AUTHORS
from mkdocs_bookreviews.views.authors import AuthorsView

from .conftest import COVER_SVG, Site, internal_links, review, write_tree

# (src_uri, front matter): two spellings of Le Guin, a book with two authors read twice in two
# years, Austen written family-first and plain, an unrated review, a did-not-finish, an
# undated one, and one author with a single review.
LIBRARY: dict[str, dict[str, Any]] = {
    "reviews/dispossessed.md": {
        "title": "The Dispossessed",
        "author": "Ursula K. Le Guin",
        "score": 5,
        "date": "2024-03",
        "genre": ["Science Fiction"],
    },
    "reviews/left-hand.md": {
        "title": "The Left Hand of Darkness",
        "author": "ursula k.  le guin",
        "score": 4,
        "date": "2023-05",
        "genre": ["Science Fiction"],
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
    "reviews/rebecca.md": {
        "title": "Rebecca",
        "author": "Daphne du Maurier",
        "score": 4,
        "date": "2024-11",
        "genre": ["Classics", "Gothic"],
    },
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("views")
    docs: dict[str, str] = {"index.md": "# Home\n"}
    for src_uri, meta in LIBRARY.items():
        fields = dict(meta)
        docs[src_uri] = review(fields.pop("title"), fields.pop("author"), **fields)
        if meta["score"] is None:  # review() drops None values: write the null itself
            docs[src_uri] = docs[src_uri].replace("---\n", "---\nscore: null\n", 1)
    write_tree(root / "docs", docs)
    config = {
        "site_name": "Views",
        "theme": {"name": "material"},
        "plugins": ["search", {"bookreviews": {"authors": True, "years": True}}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    warnings: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            warnings.append(record.getMessage())

    handler = Collect(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        cfg = load_config(str(root / "mkdocs.yml"), strict=True)
        build(cfg)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    yield Site(root=root, site_dir=Path(cfg.site_dir), warnings=warnings)


def content(soup: BeautifulSoup) -> Tag:
    listing = soup.find("div", class_="bookreviews-listing")
    assert isinstance(listing, Tag)
    return listing


def card_titles(soup: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select(".bookreviews-card-title")]


def test_builds_strict_without_warnings(site: Site) -> None:
    assert site.warnings == []


def test_authors_overview_sorted_by_family_name_with_counts_and_averages(site: Site) -> None:
    overview = content(site.soup("authors/index.md"))
    tiles = overview.select("ul.bookreviews-author-list > li")
    names = [li.select_one(".bookreviews-genre-name").get_text() for li in tiles]  # type: ignore[union-attr]
    # Austen (both spellings one author), du Maurier under M, Gaiman, Homer, Le Guin under L,
    # Pratchett.
    assert names == [
        "Jane Austen",
        "Neil Gaiman",
        "Homer",
        "Ursula K. Le Guin",
        "Daphne du Maurier",
        "Terry Pratchett",
    ]
    by_name = {
        li.select_one(".bookreviews-genre-name").get_text(): li  # type: ignore[union-attr]
        for li in tiles
    }
    austen = by_name["Jane Austen"]
    count = austen.select_one(".bookreviews-count")
    assert count is not None and count.get_text(" ", strip=True) == "2 reviews"
    # Emma is unrated: the average is Persuasion's alone.
    average = austen.select_one(".bookreviews-average")
    assert average is not None and average.get_text() == "average 2"
    le_guin = by_name["Ursula K. Le Guin"].select_one(".bookreviews-average")
    assert le_guin is not None and le_guin.get_text() == "average 4.5"


def test_author_pages_list_their_reviews_and_link_back(site: Site) -> None:
    austen = site.soup("authors/jane-austen.md")
    assert card_titles(austen) == ["Persuasion", "Emma"]  # newest read first
    listing = content(austen)
    assert "average score 2" in listing.get_text()
    back = listing.select_one(".bookreviews-listing-count a")
    assert back is not None and back["href"] == "../"
    # A book with two authors is on both authors' pages.
    for slug in ("terry-pratchett", "neil-gaiman"):
        assert card_titles(site.soup(f"authors/{slug}.md")) == ["Good Omens"]
    # Every author on the overview links to a page that exists.
    overview = content(site.soup("authors/index.md"))
    hrefs = [a["href"] for a in overview.select("a.bookreviews-genre-tile")]
    assert len(hrefs) == 6
    for href in hrefs:
        assert (site.site_dir / "authors" / str(href) / "index.html").is_file(), href


def test_review_header_links_each_author_to_their_page(site: Site) -> None:
    header = site.soup("reviews/good-omens.md").select_one(".bookreviews-author")
    assert header is not None
    links = {a.get_text(): a["href"] for a in header.select("a.bookreviews-author-link")}
    assert links == {
        "Terry Pratchett": "../../authors/terry-pratchett/",
        "Neil Gaiman": "../../authors/neil-gaiman/",
    }
    assert header.get_text() == "by Terry Pratchett and Neil Gaiman"
    # Written family-first, linked to the one page of the author.
    emma = site.soup("reviews/emma.md").select_one("a.bookreviews-author-link")
    assert emma is not None and emma["href"] == "../../authors/jane-austen/"


def test_cards_stay_one_link(site: Site) -> None:
    for card in site.soup("authors/jane-austen.md").select(".bookreviews-card"):
        assert len(card.find_all("a")) == 1


def test_authors_with_few_reviews_are_listed_with_their_books(build_site: Any) -> None:
    built = build_site(
        {
            "a.md": review("One", "Solo Writer"),
            "b.md": review("Two", "Busy Writer"),
            "c.md": review("Three", "Busy Writer"),
        },
        plugin={"authors": True, "authors_min_reviews": 2},
    )
    assert not built.page_path("authors/solo-writer.md").exists()
    assert built.page_path("authors/busy-writer.md").is_file()
    overview = content(built.soup("authors/index.md"))
    solo = overview.select_one("li.bookreviews-author-books")
    assert solo is not None
    assert [a["href"] for a in solo.find_all("a")] == ["../a/"]
    # No page, no link from the review's header.
    assert built.soup("a.md").select_one("a.bookreviews-author-link") is None


def test_years_overview_lists_every_year_read_newest_first(site: Site) -> None:
    overview = content(site.soup("years/index.md"))
    tiles = overview.select("a.bookreviews-genre-tile")
    years = {
        tile.select_one(".bookreviews-genre-name").get_text(): tile  # type: ignore[union-attr]
        for tile in tiles
    }
    assert list(years) == ["2024", "2023", "2019"]
    counts = [
        tile.select_one(".bookreviews-count").get_text(" ", strip=True)  # type: ignore[union-attr]
        for tile in tiles
    ]
    assert counts == ["5 books", "1 book", "1 book"]
    assert years["2019"]["href"] == "2019/"


def test_a_year_lists_its_reads_with_rereads_unrated_and_dnf(site: Site) -> None:
    year = site.soup("years/2024.md")
    # Newest read first; Good Omens is here for its 2024 re-read (and on 2019's page too).
    assert card_titles(year) == ["Rebecca", "Good Omens", "The Dispossessed", "Persuasion", "Emma"]
    assert card_titles(site.soup("years/2019.md")) == ["Good Omens"]
    stats = content(year).select_one(".bookreviews-listing-count")
    assert stats is not None
    # Emma is unrated: the average is of 4, 4.5, 5 and 2.
    assert stats.get_text(" ", strip=True).startswith(
        "5 books · average score 3.88 · 1 not finished"
    )
    genres = content(year).select_one(".bookreviews-year-genres")
    assert genres is not None
    assert genres.get_text() == "Top genres: Classics (3), Comedy (1), Fantasy (1)"
    # The undated Odyssey is on no year page.
    assert all(
        "The Odyssey" not in card_titles(site.soup(f"years/{y}.md"))
        for y in ("2019", "2023", "2024")
    )


def test_the_chart_draws_the_library_books_per_month(site: Site) -> None:
    # 2024 from LIBRARY: Feb 2 (Emma, Persuasion), Mar 1, May 1, Nov 1.
    expected = [0, 2, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0]
    figure = content(site.soup("years/2024.md")).select_one("figure.bookreviews-chart")
    assert figure is not None
    svg = figure.find("svg")
    assert isinstance(svg, Tag) and svg["role"] == "img"
    title = svg.find("title")
    assert title is not None and title.get_text() == "Books per month in 2024"
    bars = svg.select("rect.bookreviews-mark")
    heights = [float(str(bar["height"])) for bar in bars]
    tallest = max(expected)
    assert heights == [count / tallest * 100 for count in expected]
    # Every bar stands on the baseline.
    assert len({float(str(bar["y"])) + h for bar, h in zip(bars, heights, strict=True)}) == 1
    assert [bar.get_text() for bar in bars][1] == "February: 2 books"
    rows = figure.select("table tr")[1:]
    assert [int(row.td.get_text()) for row in rows] == expected  # type: ignore[union-attr]


def test_review_header_links_each_read_to_its_year(site: Site) -> None:
    read = site.soup("reviews/good-omens.md").select_one(".bookreviews-read")
    assert read is not None
    assert read.get_text() == "Read twice: March 2019, May 2024"
    links = [(a.get_text(), a["href"]) for a in read.find_all("a")]
    assert links == [("March 2019", "../../years/2019/"), ("May 2024", "../../years/2024/")]
    # And back: the year pages' cards link to the review, once per card.
    for card in site.soup("years/2019.md").select(".bookreviews-card"):
        assert [a["href"] for a in card.find_all("a")] == ["../../reviews/good-omens/"]


@pytest.mark.parametrize(("reviews", "author_pages"), [(200, 199), (201, 1)])
def test_large_libraries_give_one_review_authors_no_page_by_default(
    reviews: int, author_pages: int
) -> None:
    # One author with two reviews, every other review by an author of its own.
    library = [Review(f"r{i}.md", f"Book {i}", authors=(f"Writer {i}",)) for i in range(1, reviews)]
    library.append(Review("r0.md", "Book 0", authors=("Writer 1",)))
    view = AuthorsView(Grouped(library), AUTHORS.defaults())
    assert len(view.pages()) == 1 + author_pages
    # Asked for, every author gets a page at any size.
    every = AuthorsView(Grouped(library), AUTHORS.defaults(min_reviews=1))
    assert len(every.pages()) == 1 + reviews - 1


def test_family_names() -> None:
    names = [
        "Ludwig van Beethoven",
        "Karel Čapek",
        "King, Stephen",
        "Ursula K. Le Guin",
        "Martin Luther King Jr.",
        "Homer",
    ]
    ordered = sorted(names, key=family_sort_key)
    assert ordered == [
        "Ludwig van Beethoven",
        "Karel Čapek",
        "Homer",
        "Martin Luther King Jr.",  # King, Martin Luther before King, Stephen
        "King, Stephen",
        "Ursula K. Le Guin",
    ]
    assert person_key("Austen, Jane") == person_key("jane  austen")


def test_compact_nav_lists_overviews_and_user_pages_win(build_site: Any) -> None:
    built = build_site(
        {
            "index.md": "# Home\n",
            "a.md": review("One", "<b>Bold</b> & Co", date="2024-01"),
            "b.md": review("Two", "Plain Writer", date="2023-06"),
            "years/2023.md": "# My own 2023\n",
        },
        plugin={"authors": True, "years": True, "nav": "compact"},
    )
    nav = built.soup("index.md").select_one("nav.md-nav--primary")
    assert nav is not None
    titles = [a.get_text(strip=True) for a in nav.select("a.md-nav__link")]
    assert {"Authors", "Genres", "Years"} <= set(titles)
    assert "Plain Writer" not in titles and "2024" not in titles
    # The user's own years/2023.md is kept, with a warning naming the option.
    assert any("years/2023.md: your page" in w and "years_dir" in w for w in built.warnings)
    assert built.soup("years/2023.md").find("h1").get_text() == "My own 2023"
    # Names are escaped in the header's links and on the overview.
    link = built.soup("a.md").select_one("a.bookreviews-author-link")
    assert link is not None and link.get_text() == "<b>Bold</b> & Co" and link.find("b") is None
    overview = content(built.soup("authors/index.md"))
    assert overview.find("b") is None and "<b>Bold</b> & Co" in overview.get_text()


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_link_resolves(build_site: Any, directory_urls: bool) -> None:
    docs = {"index.md": "# Home\n", "covers/c.svg": COVER_SVG}
    for src_uri, meta in LIBRARY.items():
        fields = {k: v for k, v in meta.items() if k not in ("title", "author")}
        docs[src_uri] = review(meta["title"], meta["author"], **fields, image="../covers/c.svg")
    # Genre-less reviews are cards on the genres overview (one folder deep) and, past the first
    # row, on their author's page (two deep): the same card must not serve both.
    for i in range(5):
        docs[f"reviews/more-{i}.md"] = review(f"More {i}", "Prolific Writer", date=f"2020-0{i + 1}")
    built = build_site(
        docs, plugin={"authors": True, "years": True}, use_directory_urls=directory_urls
    )
    assert built.warnings == []
    broken = [(page, link) for page, link, target in internal_links(built) if not target.is_file()]
    assert broken == []
    # Each author and year page is reached from its overview and reaches every review on it.
    for folder, pages in (("authors", 7), ("years", 4)):
        overview = built.soup(f"{folder}/index.md")
        assert len(overview.select("a.bookreviews-genre-tile")) == pages


@pytest.mark.parametrize("authors_dir", ["genres", "genres/authors", "/genres/"])
def test_views_need_folders_of_their_own(
    build_site: Any, authors_dir: str, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort):
        build_site({"a.md": review()}, plugin={"authors": True, "authors_dir": authors_dir})
    assert "give each kind of page a folder of its own" in caplog.text
    # A view that is off may keep any folder.
    build_site({"a.md": review()}, plugin={"authors": False, "authors_dir": authors_dir})


@pytest.mark.parametrize(("authors", "compact"), [(False, False), (True, True)])
def test_nav_auto_counts_every_views_pages(build_site: Any, authors: bool, compact: bool) -> None:
    # Three reviews and the genres overview are 4 pages, within nav_limit 5; three author
    # pages and their overview make 8, beyond it.
    docs = {"index.md": "# Home\n"}
    docs.update({f"r{i}.md": review(f"Book {i}", f"Writer {i}") for i in range(3)})
    views = {"shelf": False, "years": False, "stats": False}
    built = build_site(docs, plugin={"authors": authors, "nav_limit": 5, **views})
    nav = built.soup("index.md").select_one("nav.md-nav--primary")
    assert nav is not None
    titles = {a.get_text(strip=True) for a in nav.select("a.md-nav__link")}
    assert ("Book 0" not in titles) is compact


@pytest.mark.parametrize("nav", ["full", "compact"])
def test_nav_lists_the_overviews_in_the_views_order(build_site: Any, nav: str) -> None:
    docs = {"index.md": "# Home\n", "about.md": "# About\n"}
    docs.update(
        {f"reviews/r{i}.md": review(f"Book {i}", f"Writer {i}", date=2023 + i) for i in range(2)}
    )
    built = build_site(
        docs, plugin={"nav": nav, "shelf_title": "Bookshelf", "genres_title": "Kinds"}
    )
    assert built.warnings == []
    primary = built.soup("index.md").select_one("nav.md-nav--primary > ul")
    assert primary is not None
    top = [
        " ".join(item.find(["a", "label"]).get_text(" ").split())
        for item in primary.find_all("li", recursive=False)
    ]
    views = ["Bookshelf", "Kinds", "Authors", "Years", "Stats", "Quotes"]
    assert top == ["Home", "About", *views] + (["Reviews"] if nav == "full" else [])
    if nav == "full":  # a view's section lists its pages in the view's order: newest year first
        years = primary.find_all("li", recursive=False)[5]
        assert [a.get_text(strip=True) for a in years.select("a")] == ["Years", "2024", "2023"]
    # Previous and next follow the navigation's order.
    built = build_site(docs, theme="mkdocs", plugin={"nav": nav})
    following = built.soup("shelf/index.md").select_one("a[rel=next]")
    assert following is not None and following["href"] == "../genres/"


def test_views_on_by_default_step_aside_for_the_users_own_page(build_site: Any) -> None:
    docs = {"index.md": "# Home\n", "stats.md": "# My numbers\n", "r.md": review()}
    built = build_site(docs)
    # Every view is on by default, but the user's own stats.md keeps /stats/ without a warning.
    assert built.warnings == []
    assert built.soup("stats.md").find("h1").get_text() == "My numbers"
    for overview in ("shelf", "genres", "authors", "years"):
        assert built.page_path(f"{overview}/index.md").is_file(), overview
    # Asked for, the view warns that the user's page is in its place.
    built = build_site(docs, plugin={"stats": True})
    assert len(built.warnings) == 1 and "stats.md: your page" in built.warnings[0]
    built = build_site(docs, plugin={"shelf": False, "authors": False})
    assert not built.page_path("shelf/index.md").exists()
    assert not built.page_path("authors/index.md").exists()


@pytest.mark.parametrize("directory_urls", [True, False])
def test_cards_are_shared_only_where_their_links_read_the_same(
    build_site: Any, directory_urls: bool
) -> None:
    # The shelf (`shelf/`) and the reviews' own index (`reviews/`, listing them with a marker)
    # are both one folder deep, but a card's link reads `../reviews/a/` from one and `a/`
    # from the other: each must get its own.
    docs = {
        "index.md": "# Home\n\n<!-- bookreviews -->\n",
        "reviews/index.md": "# All my reviews\n\n<!-- bookreviews -->\n",
        "covers/c.svg": COVER_SVG,
    }
    for i in range(4):
        docs[f"reviews/r{i}.md"] = review(f"Book {i}", "Writer", image="../covers/c.svg")
    built = build_site(docs, use_directory_urls=directory_urls)
    assert built.warnings == []
    broken = [(page, link) for page, link, target in internal_links(built) if not target.is_file()]
    assert broken == []
    listed = content(built.soup("reviews/index.md")).select("a.bookreviews-card-title")
    assert len(listed) == 4
