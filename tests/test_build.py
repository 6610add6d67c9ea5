"""Real builds with real MkDocs in temp folders; assertions on the parsed HTML."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from .conftest import (
    COVER_SVG,
    EXAMPLE_SITE,
    SEED_REVIEW,
    Site,
    internal_links,
    review,
    shared_build,
    shelfs_own,
)

Build = Callable[..., Site]

THEMES = [
    pytest.param("material", True, id="material-directory-urls"),
    pytest.param("mkdocs", False, id="mkdocs-file-urls"),
    pytest.param("readthedocs", True, id="readthedocs"),
]


def library() -> dict[str, str | bytes]:
    """A small library: reviews at two depths, three ways of naming a cover, one page that is
    not a review."""
    return {
        "index.md": "# Home\n\n> A blockquote that is not a book quote.\n",
        "reviews/road.md": review(
            "The Road",
            "Cormac McCarthy",
            score=4.75,
            year=2024,
            month="Nov",
            image="covers/road.svg",
            genre=["Fiction", "Post-Apocalyptic"],
        ),
        "reviews/dune.md": review(
            "Dune",
            "Frank Herbert",
            score="4.5",
            year="2025",
            month=3,
            image="/reviews/covers/dune.svg",
            genre="Sci-Fi, fiction",
        ),
        "reviews/classics/emma.md": review(
            "Emma",
            "Jane Austen",
            score=3,
            year=2023,
            month="July",
            image="../covers/emma.svg",
            genre=["Classics", "Fiction"],
        ),
        "reviews/covers/road.svg": COVER_SVG,
        "reviews/covers/dune.svg": COVER_SVG,
        "reviews/covers/emma.svg": COVER_SVG,
        "about.md": "# About\n\nNot a review.\n",
    }


@pytest.fixture(scope="module")
def library_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """`library()` with the defaults, built once for the tests that only read it."""
    with shared_build(tmp_path_factory.mktemp("library") / "project", library()) as site:
        yield site


def text(tag: Tag | None) -> str:
    assert tag is not None
    return " ".join(tag.get_text(" ", strip=True).split())


def header(site: Site, src_uri: str) -> Tag:
    found = site.soup(src_uri).select_one(".bookreviews-header")
    assert found is not None, f"no review header on {src_uri}"
    return found


def resolve(site: Site, page: str, link: str) -> Path:
    """The file a relative link on `page` (a src_uri) points to."""
    target = site.page_path(page).parent / link
    return (target / "index.html" if link.endswith("/") else target).resolve()


def test_seed_review_renders_perfectly(build_site: Build) -> None:
    docs: dict[str, str | bytes] = {
        "index.md": "# Home\n",
        "reviews/the-time-machine.md": SEED_REVIEW.read_text("utf-8"),
        "reviews/images/thetimemachine.jpg": COVER_SVG,
    }
    site = build_site(docs, strict=True)
    assert site.warnings == []

    top = header(site, "reviews/the-time-machine.md")
    assert text(top.select_one("h1.bookreviews-title")) == "The Time Machine"
    assert text(top.select_one(".bookreviews-author")) == "by H. G. Wells"
    assert text(top.select_one(".bookreviews-read")) == "Read in February 2025"
    badge = top.select_one(".bookreviews-badge")
    assert badge is not None
    assert badge["role"] == "img"
    assert badge["aria-label"] == "Rated 3.25 out of 5"
    score = badge.select_one(".bookreviews-score")
    assert score is not None and score.get_text() == "3.25/5"
    fill = badge.select_one(".bookreviews-stars-fill")
    # 3.25 stars: three, and the fourth filled to a quarter of its area (stars.py).
    assert fill is not None and fill["style"] == "--bookreviews-fill: 67.32%"
    genres = [(text(a), a["href"]) for a in top.select("a.bookreviews-genre")]
    assert [name for name, _ in genres] == ["Sci-Fi", "Dystopia", "Classics", "Fiction"]
    for _, href in genres:
        assert isinstance(href, str)
        assert resolve(site, "reviews/the-time-machine.md", href).is_file()

    cover = top.select_one("img.bookreviews-cover")
    assert cover is not None
    assert cover["alt"] == "Cover of The Time Machine by H. G. Wells"
    assert (cover["loading"], cover["fetchpriority"]) == ("eager", "high")
    assert isinstance(cover["src"], str)
    assert resolve(site, "reviews/the-time-machine.md", cover["src"]).is_file()

    article = site.soup("reviews/the-time-machine.md").select_one("article")
    assert article is not None
    quotes = article.find_all("blockquote")
    assert len(quotes) == 3
    assert all("bookreviews-quote" in (q.get("class") or []) for q in quotes)
    # Each opens with its own curly quote: no decorative mark is added to it.
    assert all("bookreviews-quoted" in (q.get("class") or []) for q in quotes)
    assert "It is a law of nature we overlook" in text(quotes[0])
    # Every word of the review body is still there.
    assert "has stayed with me all week." in text(article)
    assert site.soup("reviews/the-time-machine.md").title is not None


@pytest.mark.parametrize(("theme", "directory_urls"), THEMES)
def test_library_on_each_theme(build_site: Build, theme: str, directory_urls: bool) -> None:
    site = build_site(library(), theme=theme, use_directory_urls=directory_urls, strict=True)
    assert site.warnings == []

    for page in ("reviews/road.md", "reviews/dune.md", "reviews/classics/emma.md"):
        cover = header(site, page).select_one("img.bookreviews-cover")
        assert cover is not None, page
        assert isinstance(cover["src"], str)
        assert not cover["src"].startswith("/")
        assert resolve(site, page, cover["src"]).is_file(), (page, cover["src"])

    labels = {
        page: header(site, page).select_one(".bookreviews-badge")
        for page in ("reviews/road.md", "reviews/dune.md", "reviews/classics/emma.md")
    }
    assert {page: badge["aria-label"] for page, badge in labels.items() if badge} == {
        "reviews/road.md": "Rated 4.75 out of 5",
        "reviews/dune.md": "Rated 4.5 out of 5",
        "reviews/classics/emma.md": "Rated 3 out of 5",
    }

    # Genre pages: one per genre, case-insensitively; members newest read first.
    fiction = site.soup("genres/fiction.md")
    assert text(fiction.select_one("h1")) == "Fiction"
    titles = [text(a) for a in fiction.select(".bookreviews-card-title")]
    assert titles == ["Dune", "The Road", "Emma"]
    for card in fiction.select(".bookreviews-card"):
        assert card.select_one(".bookreviews-badge") is not None
        assert card.select_one("img.bookreviews-card-cover") is not None
    overview = site.soup("genres/index.md")
    counts = {
        text(li.select_one("a .bookreviews-genre-name")): text(
            li.select_one("a .bookreviews-count")
        )
        for li in overview.select(".bookreviews-genre-list li")
    }
    assert counts == {
        "Classics": "1 review",
        "Fiction": "3 reviews",
        "Post-Apocalyptic": "1 review",
        "Sci-Fi": "1 review",
    }
    # Each tile shows up to three of its genre's covers, as decoration inside its one link.
    for link in overview.select(".bookreviews-genre-list li > a"):
        covers = link.select("img")
        assert 1 <= len(covers) <= 3
        assert all(img["alt"] == "" for img in covers)
        assert all(resolve(site, "genres/index.md", str(img["src"])).is_file() for img in covers)
    fiction_tile = overview.select_one('.bookreviews-genre-list a[href*="fiction"]')
    assert fiction_tile is not None and len(fiction_tile.select("img")) == 3

    broken = [
        (str(page), link) for page, link, target in internal_links(site) if not target.exists()
    ]
    assert broken == []


def test_quotes_styled_only_on_reviews(library_site: Site) -> None:
    site = library_site
    home_quotes = site.soup("index.md").select("article blockquote, [role=main] blockquote")
    assert home_quotes, "the home page's blockquote is missing"
    assert all(not q.get("class") for q in home_quotes)
    assert site.soup("about.md").select_one(".bookreviews-header") is None
    assert site.soup("reviews/road.md").select("blockquote.bookreviews-quote")


def test_nothing_written_to_docs_dir(library_site: Site) -> None:
    site = library_site
    docs = sorted(
        p.relative_to(site.root / "docs").as_posix() for p in (site.root / "docs").rglob("*")
    )
    assert "genres" not in {name.split("/")[0] for name in docs}
    assert (site.site_dir / "genres").is_dir()


def test_front_matter_is_escaped_everywhere(build_site: Build) -> None:
    title = "<script>alert('t')</script> & Co"
    author = '"><img src=x onerror=alert(1)>'
    docs: dict[str, str | bytes] = {
        "index.md": "# Home\n",
        "reviews/evil.md": review(title, author, genre=["<b>Bold</b>", 'x" onmouseover="y']),
        "reviews/other.md": review("Other", "Someone", genre=["<b>Bold</b>"]),
    }
    site = build_site(docs)
    for page in site.html_files():
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        # JSON-LD is data, not script: it holds the title as a JSON string (checked below).
        scripts = soup.find_all("script", type=lambda kind: kind != "application/ld+json")
        assert not [s for s in scripts if "alert" in s.get_text()], page
        assert not soup.select("[onerror], [onmouseover]"), page
        # The shelf writes titles and scores in <b> of its own; a genre's <b> stays text.
        assert not [b for b in soup.select("b") if not shelfs_own(b)], page
        assert not [img for img in soup.find_all("img") if img.get("src") == "x"], page
    soup = site.soup("reviews/evil.md")
    assert soup.title is not None and soup.title.get_text().startswith(title)
    assert text(soup.select_one("h1.bookreviews-title")) == title
    meta = soup.select_one('meta[name="author"]')
    assert meta is not None and meta["content"] == author
    data = soup.find("script", type="application/ld+json")
    assert data is not None and json.loads(data.get_text())["itemReviewed"]["name"] == title
    # The nav of another page prints the title as text too.
    other_nav = [a.get_text(strip=True) for a in site.soup("reviews/other.md").select("nav a")]
    assert title in other_nav
    assert "<b>Bold</b>" in [text(a) for a in soup.select("a.bookreviews-genre")]


def test_bad_fields_warn_name_file_and_field_and_keep_the_rest(build_site: Build) -> None:
    docs: dict[str, str | bytes] = {
        "index.md": "# Home\n",
        "reviews/big.md": review("Too Big", "A", score=7, genre=["Fiction"]),
        "reviews/word.md": review("Wordy", "B", score="four", genre=["Fiction"]),
        "reviews/nocover.md": review("No Cover", "C", image="covers/missing.jpg", genre="Fiction"),
    }
    site = build_site(docs)
    assert sorted(site.warnings) == sorted(
        [
            "bookreviews: reviews/big.md: score 7 is outside 0 to 5; "
            "use a number from 0 to 5, like 3.25",
            "bookreviews: reviews/word.md: score 'four' is not a number; "
            "use a number from 0 to 5, like 3.25",
            "bookreviews: reviews/nocover.md: image 'covers/missing.jpg' does not exist "
            "(looked for docs_dir/reviews/covers/missing.jpg); check the file name, or write "
            "the path relative to this page",
        ]
    )
    top = header(site, "reviews/big.md")
    assert text(top.select_one(".bookreviews-title")) == "Too Big"
    assert top.select_one(".bookreviews-badge") is None
    assert header(site, "reviews/nocover.md").select_one("img") is None
    titles = {text(a) for a in site.soup("genres/fiction.md").select(".bookreviews-card-title")}
    assert titles == {"Too Big", "Wordy", "No Cover"}
    assert "What I thought of it." in text(site.soup("reviews/word.md").select_one("article"))


def test_strict_fails_on_a_bad_review(build_site: Build) -> None:
    with pytest.raises(Abort):
        build_site({"index.md": "# Home\n", "r.md": review(score="four")}, strict=True)


def test_invalid_yaml_is_reported(build_site: Build) -> None:
    docs: dict[str, str | bytes] = {
        "index.md": "# Home\n",
        "r.md": "---\ntitle: Dune: Messiah\nscore: 4\n---\n\nText.\n",
    }
    site = build_site(docs)
    assert len(site.warnings) == 1
    assert site.warnings[0].startswith("bookreviews: r.md: front matter is not valid YAML")
    assert "line 2" in site.warnings[0]


def test_user_page_at_generated_path_wins(build_site: Build) -> None:
    docs = library()
    docs["genres/fiction.md"] = "# My own fiction page\n\nHand-written.\n"
    site = build_site(docs)
    assert text(site.soup("genres/fiction.md").select_one("article h1, [role=main] h1")) == (
        "My own fiction page"
    )
    assert any(w.startswith("bookreviews: genres/fiction.md: your page is") for w in site.warnings)
    link = header(site, "reviews/road.md").select_one('a.bookreviews-genre[href*="fiction"]')
    assert link is not None and isinstance(link["href"], str)
    assert resolve(site, "reviews/road.md", link["href"]).is_file()


def test_templates_can_be_overridden(build_site: Build, tmp_path: Path) -> None:
    templates = tmp_path / "project" / "overrides"
    templates.mkdir(parents=True)
    (templates / "genre.html.j2").write_text(
        '<p class="custom-genre">{{ genre.name }}: {{ genre.reviews | length }}</p>\n',
        "utf-8",
    )
    site = build_site(library(), plugin={"templates_dir": str(templates)})
    assert text(site.soup("genres/fiction.md").select_one(".custom-genre")) == "Fiction: 3"
    assert site.soup("genres/index.md").select_one(".bookreviews-genre-list") is not None


def test_field_names_and_scale_are_configurable(build_site: Build) -> None:
    page = "---\nname: Dune\nwriter: Frank Herbert\nrating: 8.5\ntags: [Sci-Fi]\n---\n\nText.\n"
    site = build_site(
        {"index.md": "# Home\n", "dune.md": page},
        plugin={
            "scale": 10,
            "fields": {"title": "name", "author": "writer", "score": "rating", "genre": "tags"},
        },
        strict=True,
    )
    top = header(site, "dune.md")
    assert text(top.select_one(".bookreviews-title")) == "Dune"
    badge = top.select_one(".bookreviews-badge")
    assert badge is not None and badge["aria-label"] == "Rated 8.5 out of 10"
    assert len(top.select(".bookreviews-stars")) == 1
    assert text(site.soup("genres/sci-fi.md").select_one(".bookreviews-card-title")) == "Dune"


def test_reviews_dir_limits_what_is_a_review(build_site: Build) -> None:
    docs = library()
    docs["notes/scored.md"] = review("Not a review here", "X")
    site = build_site(docs, plugin={"reviews_dir": "reviews"})
    assert site.soup("notes/scored.md").select_one(".bookreviews-header") is None
    assert site.soup("reviews/road.md").select_one(".bookreviews-header") is not None


def test_custom_genres_dir_and_no_reviews(build_site: Build) -> None:
    site = build_site(
        {"index.md": "# Home\n"},
        plugin={"genres_dir": "shelves", "genres_title": "Shelves"},
        strict=True,
    )
    overview = site.soup("shelves/index.md")
    assert text(overview.select_one("h1")) == "Shelves"
    assert "No genres yet" in text(overview.select_one(".bookreviews-empty"))


def test_explicit_nav_still_builds_generated_pages(build_site: Build) -> None:
    site = build_site(
        library(),
        nav=[{"Home": "index.md"}, {"Genres": ["genres/index.md", "genres/fiction.md"]}],
    )
    nav_links = [text(a) for a in site.soup("index.md").select("nav a")]
    assert "Fiction" in nav_links
    assert site.page_path("genres/sci-fi.md").is_file()


def test_example_site_builds_strict(tmp_path: Path) -> None:
    if not (EXAMPLE_SITE / "mkdocs.yml").exists():
        pytest.fail("example-site/mkdocs.yml is missing")
    project = tmp_path / "example"
    shutil.copytree(EXAMPLE_SITE, project, ignore=shutil.ignore_patterns("site"))
    config: Any = load_config(str(project / "mkdocs.yml"), strict=True)
    build(config)
    site = Site(root=project, site_dir=Path(config.site_dir))
    headers = [
        p
        for p in site.html_files()
        if BeautifulSoup(p.read_text("utf-8"), "html.parser").select_one(".bookreviews-header")
    ]
    assert len(headers) >= 8
    assert not [link for _, link, target in internal_links(site) if not target.exists()]


def nav_titles(site: Site, src_uri: str = "index.md") -> list[str]:
    return [text(a) for a in site.soup(src_uri).select("nav a")]


@pytest.mark.parametrize(
    ("plugin", "in_nav"),
    [
        ({}, True),
        ({"nav_limit": 2}, False),
        ({"nav": "compact"}, False),
        ({"nav": "full", "nav_limit": 2}, True),
    ],
    ids=["auto-small", "auto-over-limit", "compact", "full"],
)
def test_nav_option(build_site: Build, plugin: dict[str, Any], in_nav: bool) -> None:
    docs = library()
    docs["reviews/unsorted.md"] = review("Unsorted Book", "Nobody")
    site = build_site(docs, plugin=plugin, strict=True)
    titles = nav_titles(site)
    assert ("The Road" in titles) is in_nav
    assert ("Fiction" in titles) is in_nav
    assert "Genres" in titles  # the overview stays in the nav either way
    # Out of the nav, the genres folder holds only the overview: it is a page, not a section.
    top = site.soup("index.md").select("nav.md-nav--primary > ul > li")
    genres = [li for li in top if "Genres" in text(li)]
    assert len(genres) == 1
    assert ("md-nav__item--nested" in genres[0]["class"]) is in_nav
    assert site.page_path("reviews/road.md").is_file()
    # Out of the nav, every review is still reached from the genre pages and the overview.
    overview = site.soup("genres/index.md")
    assert [text(a) for a in overview.select(".bookreviews-card-title")] == ["Unsorted Book"]
    index = (site.site_dir / "search" / "search_index.json").read_text("utf-8")
    assert "The Road" in index and "Unsorted Book" in index


def test_genre_pages_stay_out_of_materials_search(library_site: Site) -> None:
    site = library_site
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "genres/" in locations and "reviews/road/" in locations
    assert "genres/fiction/" not in locations


@pytest.mark.parametrize("order", [["search", "bookreviews"], ["bookreviews", "search"]])
def test_search_indexes_author_and_genres_and_pages_show_the_header(
    build_site: Build, order: list[str]
) -> None:
    site = build_site(library(), plugins=order)
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text("utf-8"))
    road = " ".join(doc["text"] for doc in index["docs"] if doc["location"] == "reviews/road/")
    assert "by Cormac McCarthy · Fiction, Post-Apocalyptic" in road
    page = site.soup("reviews/road.md")
    assert page.select_one(".bookreviews-byline") is None
    assert text(page.select_one(".bookreviews-author")) == "by Cormac McCarthy"


def test_first_row_of_cards_loads_eagerly(build_site: Build) -> None:
    # Six reviews in Fiction, newest first; the oldest is alone in Classics. Cards are rendered
    # once per folder, so the same review's card must still differ by its place on each page.
    docs: dict[str, str | bytes] = {"index.md": "# Home\n", "reviews/covers/c.svg": COVER_SVG}
    for month in range(1, 7):
        genres = ["Fiction", "Classics"] if month == 1 else ["Fiction"]
        docs[f"reviews/r{month}.md"] = review(
            f"R{month}", year=2024, month=month, image="covers/c.svg", genre=genres
        )
    site = build_site(docs, strict=True)
    fiction = site.soup("genres/fiction.md")
    loading = [
        (text(card.select_one(".bookreviews-card-title")), img["loading"])
        for card in fiction.select(".bookreviews-card")
        for img in card.select("img")
    ]
    assert loading == [
        ("R6", "eager"),
        ("R5", "eager"),
        ("R4", "eager"),
        ("R3", "eager"),
        ("R2", "lazy"),
        ("R1", "lazy"),
    ]
    classics = site.soup("genres/classics.md").select("img.bookreviews-card-cover")
    assert [img["loading"] for img in classics] == ["eager"]
    # On the overview, cards of reviews without a genre come after the tiles: all lazy.
    docs["reviews/r7.md"] = review("R7", image="covers/c.svg")
    overview = build_site(docs, strict=True).soup("genres/index.md")
    assert [img["loading"] for img in overview.select("img.bookreviews-card-cover")] == ["lazy"]


def test_the_seed_shaped_review_keeps_the_seed_shape() -> None:
    """The project's stand-in for the seed review must stay in the seed's shape, or the tests
    that build it stop covering what people write."""
    raw = SEED_REVIEW.read_text("utf-8")
    header, body = raw.removeprefix("---\n").split("\n---\n", 1)
    lines = dict(line.split(": ", 1) for line in header.splitlines())
    assert lines["year"] == "'2025'"  # a quoted year string
    assert lines["month"] == "'February'"  # an English month name
    assert lines["score"] == "3.25"  # a quarter score
    assert lines["image"].startswith("'./images/")  # a relative cover path
    assert lines["genre"].startswith("[") and lines["genre"].endswith(" ]")  # a flow list
    quotes = [line for line in body.splitlines() if line.startswith("> ")]
    assert len(quotes) == 3 and all(q.startswith("> \u201c") for q in quotes)  # curly quotes
    assert not (SEED_REVIEW.parent / "images").exists()  # its cover is missing here


def test_the_plugins_heading_heads_the_table_of_contents(build_site: Build) -> None:
    """Material links "Skip to content" to a page's first table-of-contents entry, and has
    none to link on a page whose heading is the plugin's HTML: the plugin puts its <h1> there,
    with the page's own headings under it (what Material and readthedocs list), once search
    has indexed the page (its entries stay as they were)."""
    docs: dict[str, str | bytes] = {
        "index.md": "# Home\n",
        "reviews/plain.md": review("Plain <Book>", genre=["Sci-Fi"]),
        "reviews/parts.md": review(
            "Parts", body="## First part\n\nOne.\n\n## Second part\n\nTwo.\n"
        ),
        "reviews/own.md": review("Own", body="# My own title\n\nText.\n"),
    }
    site = build_site(docs, plugin={"shelf": True})
    for page in ["reviews/plain.md", "reviews/parts.md", "shelf/index.md", "genres/sci-fi.md"]:
        soup = site.soup(page)
        skip = soup.select_one("a.md-skip")
        assert skip is not None and skip["href"] == "#bookreviews-title", page
        heading = soup.select_one("#bookreviews-title")
        assert heading is not None and heading.name == "h1", page
    assert text(site.soup("reviews/plain.md").select_one("h1#bookreviews-title")) == "Plain <Book>"
    # Material lists the <h1>'s children: none, or the review's own parts.
    toc = ".md-sidebar--secondary [data-md-component=toc] a"
    assert site.soup("reviews/plain.md").select(toc) == []
    assert [text(a) for a in site.soup("reviews/parts.md").select(toc)] == [
        "First part",
        "Second part",
    ]
    # A review with its own <h1> keeps it: the header's title is no heading then.
    own = site.soup("reviews/own.md")
    assert own.select_one("a.md-skip")["href"] == "#my-own-title"  # type: ignore[index]
    assert own.select_one("#bookreviews-title") is None
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text("utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert "reviews/parts/#first-part" in locations
    assert not [location for location in locations if "bookreviews-title" in location]

    # MkDocs' own theme shows the whole table of contents: the review's title, then its parts.
    site = build_site(docs, theme="mkdocs", plugin={"shelf": True})
    entries = [
        (text(a), a["href"]) for a in site.soup("reviews/parts.md").select("#toc-collapse a")
    ]
    assert entries == [
        ("Parts", "#bookreviews-title"),
        ("First part", "#first-part"),
        ("Second part", "#second-part"),
    ]
