"""Series pages and reading goals, built by real MkDocs and read as parsed HTML.

The library: The Expanse, five books read out of order (5, then 1, 4, 2) with book 3 not
reviewed, a novella numbered 2.5 and the series named in two spellings; an omnibus numbered
`1-3` in a series of its own; a book in no series. Goals: 2025 met, 2026 not.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from .conftest import Site, build_project, review, shared_build

EXPANSE = [
    # (file, title, number, score, read)
    ("cibola-burn", "Cibola Burn", 5, 3, "2025-01"),
    ("leviathan-wakes", "Leviathan Wakes", 1, 4.5, "2025-03"),
    ("abaddons-gate", "Abaddon's Gate", 4, 3.5, "2025-06"),
    ("gods-of-risk", "Gods of Risk", 2.5, 4.25, "2025-09"),
    ("calibans-war", "Caliban's War", "2", 4, "2026-01"),
]
LIBRARY: dict[str, str] = {
    "index.md": '# Home\n\n<!-- bookreviews series="the  expanse" -->\n',
    **{
        f"reviews/{slug}.md": review(
            title,
            "James S. A. Corey",
            score=score,
            date=read,
            # One review spells the series otherwise: it is the same series.
            series="the expanse" if slug == "abaddons-gate" else "The Expanse",
            series_number=number,
        )
        for slug, title, number, score, read in EXPANSE
    },
    "reviews/omnibus.md": review(
        "The <Bold> Omnibus",
        "A. Writer",
        score=2,
        date="2026-02",
        series="<b>Saga</b>",
        series_number="1-3",
    ),
    "reviews/alone.md": review("Alone", "B. Writer", score=5, date="2026-03"),
}
GOALS = {2025: 4, 2026: 5}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("series")
    with shared_build(root, LIBRARY, plugin={"goals": GOALS}) as built:
        yield built


def text(tag: Tag | None) -> str:
    assert tag is not None
    return " ".join(tag.get_text(" ").split())


def books(soup: BeautifulSoup) -> list[tuple[str, str, str]]:
    """Each place on a series page: (number label, title or gap text, rating label)."""
    found = []
    for item in soup.select("ol.bookreviews-series-books > li"):
        label = item.select_one(".bookreviews-series-number")
        number = text(label) if label is not None else ""
        title = item.select_one(".bookreviews-card-title")
        if title is None:
            assert "bookreviews-series-gap" in item["class"]
            found.append((number, text(item.select_one(".bookreviews-series-gap-tile")), ""))
        else:
            badge = item.select_one(".bookreviews-badge")
            found.append((number, text(title), str(badge["aria-label"]) if badge else ""))
    return found


def test_a_series_page_lists_its_books_in_series_order_with_the_gap(site: Site) -> None:
    assert site.warnings == []
    soup = site.soup("series/the-expanse.md")
    assert text(soup.select_one(".bookreviews-listing h1")) == "The Expanse"
    assert books(soup) == [
        ("#1", "Leviathan Wakes", "Rated 4.5 out of 5"),
        ("#2", "Caliban's War", "Rated 4 out of 5"),
        ("#2.5", "Gods of Risk", "Rated 4.25 out of 5"),
        ("#3", "3 — not read", ""),
        ("#4", "Abaddon's Gate", "Rated 3.5 out of 5"),
        ("#5", "Cibola Burn", "Rated 3 out of 5"),
    ]
    count = text(soup.select_one(".bookreviews-listing-count"))
    assert count.startswith("4 of 5 read · average score 3.85")
    overview = soup.select_one(".bookreviews-listing-count a")
    assert overview is not None and overview["href"] == "../"


def test_a_range_covers_its_books_and_names_are_escaped(site: Site) -> None:
    soup = site.soup("series/b-saga-b.md")
    assert text(soup.select_one(".bookreviews-listing h1")) == "<b>Saga</b>"
    assert soup.select_one(".bookreviews-listing b") is None  # shown, never markup
    assert books(soup) == [("#1-3", "The <Bold> Omnibus", "Rated 2 out of 5")]
    assert text(soup.select_one(".bookreviews-listing-count")).startswith("3 of 3 read")


def test_the_overview_shows_each_series_with_its_progress(site: Site) -> None:
    soup = site.soup("series/index.md")
    tiles = {
        text(tile.select_one(".bookreviews-genre-name")): (
            text(tile.select_one(".bookreviews-series-progress")),
            str(tile["href"]),
            tile.select_one(".bookreviews-series-bar span"),
        )
        for tile in soup.select("a.bookreviews-series-tile")
    }
    assert list(tiles) == ["<b>Saga</b>", "The Expanse"]
    assert tiles["The Expanse"][:2] == ("4 of 5 read · average 3.85", "the-expanse/")
    bar = tiles["The Expanse"][2]
    assert bar is not None and bar["style"] == "width: 80.0%"
    assert bar.find_parent(attrs={"aria-hidden": "true"}) is not None  # the text says it


def test_a_review_header_links_its_series_line_to_the_series_page(site: Site) -> None:
    header = site.soup("reviews/abaddons-gate.md").select_one(".bookreviews-header")
    assert header is not None
    link = header.select_one("a.bookreviews-series-link")
    assert link is not None
    assert (text(link), link["href"]) == ("the expanse #4", "../../series/the-expanse/")
    assert site.soup("reviews/alone.md").select_one(".bookreviews-series-link") is None


def test_a_series_marker_lists_the_series(site: Site) -> None:
    titles = [text(t) for t in site.soup("index.md").select(".bookreviews-card-title")]
    assert sorted(titles) == sorted(title for _, title, *_ in EXPANSE)


def test_the_series_overview_stands_in_the_navigation_after_authors(site: Site) -> None:
    nav = site.soup("index.md").select_one(".md-nav--primary")
    assert nav is not None
    labels = [" ".join(a.get_text(" ").split()) for a in nav.select(":scope > ul > li > label")]
    tops = [
        text(item.select_one("a, label")) for item in nav.select(":scope > ul > li.md-nav__item")
    ]
    assert tops.index("Series") == tops.index("Authors") + 1, (tops, labels)


def goal_of(soup: BeautifulSoup, year: int) -> tuple[str, dict[str, Any], bool]:
    """The goal for `year` on a page: its words, its bar's ARIA, whether it is marked met."""
    for goal in soup.select(".bookreviews-goal"):
        bar = goal.select_one("[role=progressbar]")
        assert bar is not None
        if str(year) in str(bar["aria-label"]):
            aria = {key: bar[key] for key in bar.attrs if key.startswith("aria-")}
            fill = bar.select_one("span")
            assert fill is not None
            aria["fill"] = fill["style"]
            return (
                text(goal.select_one(".bookreviews-goal-text")),
                aria,
                "bookreviews-goal-met" in goal["class"],
            )
    raise AssertionError(f"no goal for {year}")


def test_a_goal_met_and_one_not_on_the_year_pages(site: Site) -> None:
    met = goal_of(site.soup("years/2025.md"), 2025)
    assert met == (
        "✓ Goal met: 4 of 4 books",
        {
            "aria-label": "Reading goal for 2025",
            "aria-valuemin": "0",
            "aria-valuemax": "4",
            "aria-valuenow": "4",
            "aria-valuetext": "Goal met: 4 of 4 books",
            "fill": "width: 100.0%",
        },
        True,
    )
    words, aria, is_met = goal_of(site.soup("years/2026.md"), 2026)
    assert (words, is_met) == ("Reading goal: 3 of 5 books", False)
    assert (aria["aria-valuenow"], aria["aria-valuemax"], aria["fill"]) == (
        "3",
        "5",
        "width: 60.0%",
    )


def test_the_stats_page_shows_every_goal_newest_first(site: Site) -> None:
    soup = site.soup("stats/index.md")
    shown = [
        text(goal.select_one(".bookreviews-goal-text")) for goal in soup.select(".bookreviews-goal")
    ]
    assert shown == ["2026 Reading goal: 3 of 5 books", "✓ 2025 Goal met: 4 of 4 books"]
    assert goal_of(soup, 2026)[1]["aria-valuetext"] == "Reading goal: 3 of 5 books"


def test_goals_and_series_in_german(tmp_path: Path) -> None:
    site = build_project(
        tmp_path, LIBRARY, plugin={"goals": {2025: 4, "2026": 5}, "language": "de"}
    )
    assert site.warnings == []
    assert goal_of(site.soup("years/2025.md"), 2025)[0] == "✓ Ziel erreicht: 4 von 4 Büchern"
    assert goal_of(site.soup("stats/index.md"), 2026)[1]["aria-valuetext"] == (
        "Leseziel: 3 von 5 Büchern"
    )
    soup = site.soup("series/the-expanse.md")
    assert books(soup)[3] == ("Nr. 3", "3 — nicht gelesen", "")
    assert text(soup.select_one(".bookreviews-listing-count")).startswith("4 von 5 gelesen")
    assert text(site.soup("series/index.md").select_one("h1")) == "Reihen"


def test_series_off_moved_and_retitled(tmp_path: Path) -> None:
    off = build_project(tmp_path / "off", LIBRARY, plugin={"series": False})
    assert not (off.site_dir / "series").exists()
    assert off.soup("reviews/abaddons-gate.md").select_one(".bookreviews-series-link") is None
    # Off, a marker still lists the series (it needs no series page).
    assert off.warnings == []
    assert len(off.soup("index.md").select(".bookreviews-card-title")) == len(EXPANSE)

    moved = build_project(
        tmp_path / "moved", LIBRARY, plugin={"series_dir": "sagas", "series_title": "Sagas"}
    )
    assert moved.warnings == []
    assert not (moved.site_dir / "series").exists()
    assert text(moved.soup("sagas/index.md").select_one("h1")) == "Sagas"
    assert books(moved.soup("sagas/the-expanse.md"))[0][1] == "Leviathan Wakes"
    link = moved.soup("reviews/abaddons-gate.md").select_one(".bookreviews-series-link")
    assert link is not None and link["href"] == "../../sagas/the-expanse/"
    nav = moved.soup("index.md").select_one(".md-nav--primary")
    assert nav is not None and "Sagas" in nav.get_text()


def test_a_site_without_series_has_no_series_pages_unless_asked(tmp_path: Path) -> None:
    plain = {"index.md": "# Home\n", "reviews/alone.md": review("Alone", "B. Writer")}
    quiet = build_project(tmp_path / "quiet", plain)
    assert not (quiet.site_dir / "series").exists()
    asked = build_project(tmp_path / "asked", plain, plugin={"series": True})
    empty = asked.soup("series/index.md").select_one(".bookreviews-empty")
    assert empty is not None and "series: The Expanse" in text(empty)


def test_min_reviews_lists_a_short_series_without_a_page(tmp_path: Path) -> None:
    site = build_project(tmp_path, LIBRARY, plugin={"series_min_reviews": 2})
    assert not site.page_path("series/b-saga-b.md").exists()
    item = site.soup("series/index.md").select_one("li.bookreviews-author-books")
    assert item is not None
    assert text(item).startswith("<b>Saga</b> 3 of 3 read")
    link = item.select_one("a")
    assert link is not None and link["href"] == "../reviews/omnibus/"
    assert site.soup("reviews/omnibus.md").select_one(".bookreviews-series-link") is None


@pytest.mark.parametrize("number", ["two", "3-1", -1, "12345", [2]])
def test_a_bad_series_number_is_one_warning_naming_the_file_and_the_field(
    tmp_path: Path, number: object
) -> None:
    docs = {"reviews/bad.md": review("Bad", "C. Writer", series="S", series_number=number)}
    site = build_project(tmp_path, docs)
    assert len(site.warnings) == 1, site.warnings
    assert "reviews/bad.md: series_number" in site.warnings[0]
    assert "is not a number in a series" in site.warnings[0]
    assert "write a number like 2, a half like 2.5 or a range like 1-3" in site.warnings[0]
    # The review keeps its series, unnumbered.
    assert books(site.soup("series/s.md")) == [("", "Bad", "Rated 4 out of 5")]


def test_build_dirty_follows_a_renumbered_and_a_renamed_series(tmp_path: Path) -> None:
    project = tmp_path / "dirty"
    build_project(project, LIBRARY, plugin={"goals": GOALS})
    site = project / "site"
    docs = project / "docs"
    # Abaddon's Gate becomes book 3 (the gap moves to 4); the omnibus leaves its series.
    for name, old, new in [
        ("abaddons-gate.md", "series_number: 4", "series_number: 3"),
        ("omnibus.md", "series: <b>Saga</b>", "series: Other"),
    ]:
        path = docs / "reviews" / name
        content = path.read_text("utf-8")
        assert old in content, content
        path.write_text(content.replace(old, new), "utf-8")
        later = time.time() + 2
        os.utime(path, (later, later))
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--dirty"],
        cwd=project, capture_output=True, text=True, timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr

    def soup(path: str) -> BeautifulSoup:
        return BeautifulSoup((site / path).read_text("utf-8"), "html.parser")

    numbers = [n for n, *_ in books(soup("series/the-expanse/index.html"))]
    assert numbers == ["#1", "#2", "#2.5", "#3", "#4", "#5"]
    assert books(soup("series/the-expanse/index.html"))[4] == ("#4", "4 — not read", "")
    assert not (site / "series" / "b-saga-b").exists()
    assert books(soup("series/other/index.html"))[0][1] == "The <Bold> Omnibus"
    tiles = [text(t) for t in soup("series/index.html").select(".bookreviews-genre-name")]
    assert tiles == ["The Expanse", "Other"]  # by name, "The" left out


def test_a_marker_naming_no_series_warns_with_the_closest_name(tmp_path: Path) -> None:
    docs = {**LIBRARY, "index.md": '# Home\n\n<!-- bookreviews series="The Expanze" -->\n'}
    site = build_project(tmp_path, docs)
    assert len(site.warnings) == 1, site.warnings
    assert "index.md" in site.warnings[0]
    assert "no review is in the series 'The Expanze'" in site.warnings[0]
    assert "did you mean 'The Expanse'?" in site.warnings[0]


def test_under_serve_dirty_a_review_header_is_rebuilt_when_its_series_page_moves() -> None:
    from mkdocs_bookreviews.dirty import pages_to_rebuild
    from mkdocs_bookreviews.model import Review
    from mkdocs_bookreviews.render import Links

    book = Review("reviews/a.md", "A", series="The  Expanse", series_number="2")
    before = Links({}, series={})  # its series had no page (series_min_reviews: 2)
    after = Links({}, series={"the-expanse": "series/the-expanse/"})
    _, targets = pages_to_rebuild([], {book.src_uri: book}, before, {}, [])
    stale, _ = pages_to_rebuild([], {book.src_uri: book}, after, targets, [])
    assert stale == {"reviews/a.md"}
