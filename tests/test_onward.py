"""Onward links at the end of a review (onward.py, onward.html.j2): more by the author, more
in the genre, the previous and next read; their option, kinds turned off or moved, the site's
language, search and the table of contents left alone, and what `--dirty` must rebuild.

Real builds of a small library, read back as parsed HTML.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from bs4 import Tag

from mkdocs_bookreviews import onward
from mkdocs_bookreviews.dirty import pages_to_rebuild
from mkdocs_bookreviews.model import ReadDate, Review
from mkdocs_bookreviews.render import Links
from mkdocs_bookreviews.views import Grouped

from .conftest import COVER_SVG, Site, build_project, review, shared_build

# Ursula K. Le Guin read six times, month by month in 2020 (one of her books also in Fantasy),
# Sci-Fi by others before and after, a re-read book (last read in 2021), an undated review,
# a book whose author has no other, one without a genre.
LE_GUIN = [f"Le Guin {n}" for n in range(1, 7)]
LIBRARY: dict[str, str] = {
    **{
        f"reviews/le-guin-{n}.md": review(
            title,
            "Ursula K. Le Guin",
            date=f"2020-{n:02d}",
            genre=["Fantasy", "Sci-Fi"] if n == 6 else ["Sci-Fi"],
            image=f"covers/le-guin-{n}.svg",
        )
        for n, title in enumerate(LE_GUIN, start=1)
    },
    **{f"reviews/covers/le-guin-{n}.svg": COVER_SVG for n in range(1, 7)},
    "reviews/early.md": review("Early", "Octavia Butler", date="2019-05", genre=["Sci-Fi"]),
    "reviews/between.md": review("Between", "Iain Banks", date="2020-03-15", genre=["Sci-Fi"]),
    "reviews/again.md": review(
        "Again", "Jo Walton", date=["2018-01", "2021-06"], genre=["Fantasy", "Sci-Fi"]
    ),
    "reviews/alone.md": review("Alone", "Solo Writer", date="2022-01", genre=["Poetry"]),
    "reviews/undated.md": review("Undated", "Ann Leckie", genre=["Sci-Fi"]),
    "reviews/plain.md": review("Plain", "Nobody Else", date="2017-02"),
    "index.md": "# Home\n",
}
# Newest read first: the order "previous read" walks.
READ_ORDER = [
    "Alone",
    "Again",
    "Le Guin 6",
    "Le Guin 5",
    "Le Guin 4",
    "Between",
    "Le Guin 3",
    "Le Guin 2",
    "Le Guin 1",
    "Early",
    "Plain",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with shared_build(tmp_path_factory.mktemp("onward") / "project", LIBRARY) as built:
        yield built


def ending(site: Site, src_uri: str) -> Tag | None:
    found = site.soup(src_uri).select_one(".bookreviews-onward")
    return found


def row(section: Tag | None, which: str) -> list[str]:
    """The titles a row of the section shows."""
    assert section is not None
    return [
        t.get_text()
        for t in section.select(f".bookreviews-onward-{which} .bookreviews-cover-row-title")
    ]


def target(site: Site, src_uri: str, href: str) -> Path:
    """The file a relative link on a page leads to (a folder's index.html)."""
    page = site.page_path(src_uri)
    url = urljoin(page.relative_to(site.site_dir).as_posix(), href)
    path = site.site_dir / url.split("#")[0]
    return path / "index.html" if url.endswith("/") else path


def test_author_row_shows_the_nearest_reads_and_links_the_author_page(site: Site) -> None:
    section = ending(site, "reviews/le-guin-3.md")
    # Four of her five others, nearest in time to the third (ties to the later read), newest
    # first; the sixth is furthest.
    assert row(section, "author") == ["Le Guin 5", "Le Guin 4", "Le Guin 2", "Le Guin 1"]
    assert section is not None
    heading = section.select_one(".bookreviews-onward-author h2")
    assert heading is not None and heading.get_text() == "More by Ursula K. Le Guin"
    link = section.select_one(".bookreviews-onward-author .bookreviews-onward-all a")
    assert link is not None and link.get_text() == "All 6 books by Ursula K. Le Guin"
    page = target(site, "reviews/le-guin-3.md", str(link["href"]))
    assert page == site.page_path("authors/ursula-k-le-guin.md") and page.exists()
    # Covers load lazily, in a box their attributes size (no shift when they arrive).
    for img in section.select("img"):
        assert img["loading"] == "lazy" and img["width"] and img["height"] and img["alt"] == ""
        assert target(site, "reviews/le-guin-3.md", str(img["src"])).exists()
    # Each cover and title is a link to its review.
    for a in section.select(".bookreviews-cover-row a"):
        assert target(site, "reviews/le-guin-3.md", str(a["href"])).exists()


def test_genre_row_leaves_out_the_book_and_the_author_row(site: Site) -> None:
    section = ending(site, "reviews/le-guin-3.md")
    shown = row(section, "author")
    genre = row(section, "genre")
    assert genre and not set(genre) & {*shown, "Le Guin 3"}
    # Nearest in the genre's reading order once those are out: Between (2020-03-15), Le Guin 6,
    # Early, Again (its last reading, 2021).
    assert genre == ["Again", "Le Guin 6", "Between", "Early"]
    assert section is not None
    heading = section.select_one(".bookreviews-onward-genre h2")
    assert heading is not None and heading.get_text() == "More in Sci-Fi"
    link = section.select_one(".bookreviews-onward-genre .bookreviews-onward-all a")
    assert link is not None and link.get_text() == "All 10 books in Sci-Fi"
    assert target(site, "reviews/le-guin-3.md", str(link["href"])) == site.page_path(
        "genres/sci-fi.md"
    )
    # A book alone in its first genre gets its next genre's row; alone in every genre, none.
    assert row(ending(site, "reviews/le-guin-6.md"), "genre") == ["Again"]
    alone = ending(site, "reviews/alone.md")
    assert alone is not None and not alone.select(".bookreviews-onward-genre")
    assert not alone.select(".bookreviews-onward-author")  # the only book by its author


def test_previous_and_next_read_follow_the_reading_order(site: Site) -> None:
    walked = []
    uri: str | None = "reviews/alone.md"
    while uri is not None:
        section = ending(site, uri)
        assert section is not None
        walked.append(site.soup(uri).select_one(".bookreviews-title").get_text())  # type: ignore[union-attr]
        previous = section.select_one("a.bookreviews-onward-previous")
        following = section.select_one("a.bookreviews-onward-next")
        if len(walked) == 1:
            assert following is None, "the newest read has no next"
        else:
            assert following is not None
            assert following.select_one(".bookreviews-onward-title").get_text() == walked[-2]  # type: ignore[union-attr]
            assert following.get_text(" ", strip=True) == f"Next read {walked[-2]}"
        if previous is None:
            break
        page = target(site, uri, str(previous["href"]))
        uri = next(u for u in LIBRARY if u.endswith(".md") and site.page_path(u) == page)
    assert walked == READ_ORDER  # ends at the oldest, which has no previous read
    # The undated review is out of the order: no links of its own, nobody links to it.
    undated = ending(site, "reviews/undated.md")
    assert undated is not None and not undated.select(".bookreviews-onward-order")
    assert row(undated, "author") == []


def test_the_section_stays_out_of_search_and_the_table_of_contents(
    site: Site, tmp_path: Path
) -> None:
    soup = site.soup("reviews/le-guin-3.md")
    section = soup.select_one(".bookreviews-onward")
    assert section is not None and section.name == "nav"
    assert section.has_attr("data-search-exclude") and section["data-pagefind-ignore"] == "all"
    # After the review's own text, at the end of the page's content.
    body = soup.select_one(".md-content__inner")
    assert body is not None and body.select(":scope > *")[-1] is section
    assert all(not h2.get("id") for h2 in section.select("h2"))
    toc = " ".join(a.get_text() for a in soup.select(".md-sidebar--secondary a"))
    assert "More by" not in toc and "Previous and next" not in toc
    # Material's search skips data-search-exclude; MkDocs' own, on its themes, never sees it.
    plain = build_project(tmp_path / "mkdocs", LIBRARY, theme="mkdocs")
    for built in (site, plain):
        index = json.loads((built.site_dir / "search" / "search_index.json").read_text("utf-8"))
        texts = " ".join(doc["text"] + doc["title"] for doc in index["docs"])
        assert "More by" not in texts and "Previous read" not in texts
        assert "Le Guin 3" in texts  # the index is there and has the reviews
    assert ending(plain, "reviews/le-guin-3.md") is not None


def test_onward_false_turns_it_off_and_onward_covers_sizes_it(tmp_path: Path) -> None:
    off = build_project(tmp_path / "off", LIBRARY, plugin={"onward": False})
    assert not [p for p in off.html_files() if "bookreviews-onward" in p.read_text("utf-8")]
    two = build_project(tmp_path / "two", LIBRARY, plugin={"onward_covers": 2})
    section = ending(two, "reviews/le-guin-3.md")
    assert row(section, "author") == ["Le Guin 4", "Le Guin 2"]
    assert row(section, "genre") == ["Between", "Le Guin 1"]


def test_kinds_off_or_moved_leave_no_dead_links(tmp_path: Path) -> None:
    cases: list[tuple[str, dict[str, Any]]] = [
        ("off", {"authors": False, "genres": False}),
        ("moved", {"authors_dir": "people", "genres_dir": "kinds/of"}),
        ("few", {"authors_min_reviews": 7}),
    ]
    for name, plugin in cases:
        built = build_project(tmp_path / name, LIBRARY, plugin=plugin)
        section = ending(built, "reviews/le-guin-3.md")
        assert section is not None
        assert len(row(section, "author")) == 4 and len(row(section, "genre")) == 4
        links = section.select(".bookreviews-onward-all a")
        if name == "moved":
            hrefs = [str(a["href"]) for a in links]
            assert hrefs == ["../../people/ursula-k-le-guin/", "../../kinds/of/sci-fi/"]
        elif name == "few":  # no author page (fewer than 7 books): its link is left out
            assert [a.get_text() for a in links] == ["All 10 books in Sci-Fi"]
        else:
            assert links == []
        for uri in ("reviews/le-guin-3.md", "reviews/alone.md", "reviews/early.md"):
            for a in (ending(built, uri) or Tag(name="nav")).select("a"):
                assert target(built, uri, str(a["href"])).exists(), (name, uri, a["href"])


def test_the_section_is_in_the_site_language_and_escapes_titles(tmp_path: Path) -> None:
    docs = {
        **LIBRARY,
        "reviews/early.md": review(
            "<b>Early</b> & late", "Octavia Butler", date="2019-05", genre=["Sci-Fi"]
        ),
    }
    built = build_project(tmp_path / "de", docs, plugin={"language": "de"})
    section = ending(built, "reviews/le-guin-1.md")
    assert section is not None
    assert section["aria-label"] == "Mehr zum Lesen"
    headings = [h.get_text() for h in section.select("h2")]
    assert headings == ["Mehr von Ursula K. Le Guin", "Mehr aus Sci-Fi", "Zuvor und danach gelesen"]
    assert "Alle 6 Bücher von Ursula K. Le Guin" in section.get_text()
    previous = section.select_one(".bookreviews-onward-previous .bookreviews-onward-title")
    assert previous is not None and previous.get_text() == "<b>Early</b> & late"
    assert section.select("b") == []
    rtl = build_project(tmp_path / "ar", docs, plugin={"language": "ar"})
    section = ending(rtl, "reviews/le-guin-1.md")
    assert section is not None and section["aria-label"] == "المزيد للقراءة"


# --- what `--dirty` must rebuild ---------------------------------------------------------


def _review(uri: str, title: str, author: str, month: int, genres: tuple[str, ...]) -> Review:
    return Review(uri, title, authors=(author,), reads=(ReadDate(2020, month),), genres=genres)


def test_dirty_rebuilds_the_neighbours_whose_ending_changes() -> None:
    library = {
        "a.md": _review("a.md", "A", "X", 1, ("G",)),
        "b.md": _review("b.md", "B", "Y", 2, ("G",)),
        "c.md": _review("c.md", "C", "Z", 3, ("H",)),
        "d.md": _review("d.md", "D", "W", 4, ("K",)),
    }
    links = Links({uri: uri.removesuffix(".md") + "/" for uri in library})

    def run(reviews: dict[str, Review], previous: dict[str, Any]) -> tuple[set[str], Any]:
        planned = onward.plan(Grouped(reviews.values()))
        ends = {uri: onward.signature(plan, links) for uri, plan in planned.items()}
        return pages_to_rebuild([], reviews, links, previous, [], ends)

    _, first = run(library, {})
    # Nothing changed: nothing to rebuild.
    assert run(library, first)[0] == set()
    # B's title changes: A (next read B, genre G) and C (previous read B) show it.
    renamed = {**library, "b.md": _review("b.md", "B2", "Y", 2, ("G",))}
    assert run(renamed, first)[0] == {"a.md", "b.md", "c.md"} - {"b.md"}
    # C joins genre G: A and B now show it under G; B and D's order neighbours are unchanged.
    moved = {**library, "c.md": _review("c.md", "C", "Z", 3, ("G",))}
    stale, _ = run(moved, first)
    assert {"a.md", "b.md"} <= stale and "d.md" not in stale


def test_nearest_looks_at_a_few_neighbours_only() -> None:
    members = [_review(f"{n}.md", str(n), "X", 1, ()) for n in range(10)]
    # One each side, then the later read of the next pair.
    assert [r.title for r in onward.nearest(members, 5, 3, {"5.md"})] == ["3", "4", "6"]
    assert [r.title for r in onward.nearest(members, 0, 2, {"0.md", "1.md"})] == ["2", "3"]
    assert [r.title for r in onward.nearest(members, 9, 20, {"9.md"})] == [str(n) for n in range(9)]
    assert onward.nearest(members[:1], 0, 4, {"0.md"}) == ()
    # The last three undated: they come only when the dated run out, and an undated member's
    # nearest are the newest reads.
    titles = [r.title for r in onward.nearest(members, 6, 3, {"6.md"}, dated=7)]
    assert titles == ["3", "4", "5"]
    assert [r.title for r in onward.nearest(members, 1, 8, {"1.md"}, dated=3)] == [
        "0",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
    ]
    assert [r.title for r in onward.nearest(members, 8, 2, {"8.md"}, dated=7)] == ["0", "1"]


def test_a_book_being_read_has_no_onward_links_and_is_in_none(tmp_path: Path) -> None:
    docs = {
        **LIBRARY,
        "reviews/now.md": review(
            "Being Read", "Ursula K. Le Guin", score=None, status="reading", genre=["Sci-Fi"]
        ),
    }
    built = build_project(tmp_path / "project", docs)
    assert built.soup("reviews/now.md").select_one(".bookreviews-header") is not None
    assert ending(built, "reviews/now.md") is None
    for uri in LIBRARY:
        if uri.endswith(".md") and uri != "index.md":
            assert "Being Read" not in (ending(built, uri) or Tag(name="nav")).get_text(), uri
    section = ending(built, "reviews/le-guin-3.md")
    assert section is not None and "All 6 books by Ursula K. Le Guin" in section.get_text()
