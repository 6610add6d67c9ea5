"""The stats page, built for real: its charts draw the library's numbers, and its tables say
the same.

The expected numbers are counted here from the test library's front matter, with none of the
plugin's code: readings per year and per month straight from the date strings, scores,
genres and authors straight from the values written. A chart that draws a wrong bar, a wrong
cell or a wrong title fails.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_bookreviews.views.numbers import score_bins

from .conftest import Site, collect_warnings, internal_links, review, write_tree

MONTHS = (
    "January February March April May June July August September October November December"
).split()

# A re-read in two years, a book by two authors, an unrated and a did-not-finish review, a
# reading with no month, an undated review, years with no reading between the first and last,
# quarter scores, and a genre whose name is markup.
LIBRARY: dict[str, dict[str, Any]] = {
    "reviews/dune.md": {
        "title": "Dune",
        "author": "Frank Herbert",
        "score": 4.5,
        "date": ["2019-03", "2024-03"],
        "genre": ["Science Fiction", "Classics"],
        "pages": 600,
    },
    "reviews/good-omens.md": {
        "title": "Good Omens",
        "author": ["Terry Pratchett", "Neil Gaiman"],
        "score": 4,
        "date": "2024-05",
        "genre": ["Fantasy", "Comedy"],
        "pages": 400,
    },
    "reviews/mort.md": {
        "title": "Mort",
        "author": "Terry Pratchett",
        "score": 3.25,
        "date": "2019-08",
        "genre": ["Fantasy"],
    },
    "reviews/emma.md": {
        "title": "Emma",
        "author": "Jane Austen",
        "score": None,
        "date": "2024-02",
        "genre": ["Classics"],
        "pages": 300,
    },
    "reviews/persuasion.md": {
        "title": "Persuasion",
        "author": "Jane Austen",
        "score": 2,
        "did_not_finish": True,
        "date": "2022-11",
        "genre": ["Classics"],
        "pages": 250,
    },
    "reviews/odyssey.md": {
        "title": "The Odyssey",
        "author": "Homer",
        "score": 3.75,
        "date": "2022",
        "genre": ["Classics"],
    },
    "reviews/notes.md": {
        "title": "Notes",
        "author": "Anon Writer",
        "score": 5,
        "genre": ["Essays <i>"],
    },
    "reviews/circe.md": {
        "title": "Circe",
        "author": "Madeline Miller",
        "score": 3,
        "date": "2024-03-09",
        "genre": ["Fantasy"],
    },
    "reviews/piranesi.md": {
        "title": "Piranesi",
        "author": "Susanna Clarke",
        "score": 4,
        "date": "2024-03",
        "genre": ["Fantasy"],
        "pages": 272,
    },
}


# --- the expected numbers, counted from LIBRARY alone ----------------------------------------


def readings() -> list[tuple[int, int | None]]:
    """(year, month or None) of every reading."""
    found = []
    for meta in LIBRARY.values():
        dates = meta.get("date", [])
        for date in [dates] if isinstance(dates, str) else dates:
            parts = [int(part) for part in date.split("-")[:2]]
            found.append((parts[0], parts[1] if len(parts) > 1 else None))
    return found


def expected_per_year() -> dict[int, int]:
    counts = Counter(year for year, _ in readings())
    return {year: counts[year] for year in range(min(counts), max(counts) + 1)}


def expected_per_month() -> dict[tuple[int, int | None], int]:
    return Counter(readings())


def expected_authors() -> Counter[str]:
    counts: Counter[str] = Counter()
    for meta in LIBRARY.values():
        names = meta["author"]
        counts.update([names] if isinstance(names, str) else names)
    return counts


def expected_genres() -> Counter[str]:
    return Counter(genre for meta in LIBRARY.values() for genre in meta["genre"])


def ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))[:10]


def books(count: int) -> str:
    return f"{count} book" if count == 1 else f"{count} books"


def test_the_expected_numbers_are_what_the_library_says() -> None:
    # The counting above, checked by hand once, so that the tests below compare with truth.
    assert expected_per_year() == {2019: 2, 2020: 0, 2021: 0, 2022: 2, 2023: 0, 2024: 5}
    assert expected_per_month()[(2024, 3)] == 3 and expected_per_month()[(2022, None)] == 1
    assert ranked(expected_authors())[:2] == [("Jane Austen", 2), ("Terry Pratchett", 2)]
    assert ranked(expected_genres())[:2] == [("Classics", 4), ("Fantasy", 4)]


# --- the built site -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("stats")
    docs: dict[str, str] = {"index.md": "# Home\n"}
    for src_uri, meta in LIBRARY.items():
        fields = dict(meta)
        docs[src_uri] = review(fields.pop("title"), fields.pop("author"), **fields)
        if meta["score"] is None:  # review() drops None values: write the null itself
            docs[src_uri] = docs[src_uri].replace("---\n", "---\nscore: null\n", 1)
    write_tree(root / "docs", docs)
    config = {
        "site_name": "Stats",
        "theme": {"name": "material"},
        "plugins": ["search", {"bookreviews": {"stats": True, "authors": True}}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    with collect_warnings() as warnings:
        cfg = load_config(str(root / "mkdocs.yml"), strict=True)
        build(cfg)
    yield Site(root=root, site_dir=Path(cfg.site_dir), warnings=list(warnings))


def one(tag: Tag, selector: str) -> Tag:
    found = tag.select_one(selector)
    assert found is not None, selector
    return found


def stats(site: Site) -> Tag:
    page = site.soup("stats/index.md").select_one("div.bookreviews-stats")
    assert page is not None
    return page


def figure_of(site: Site, title_id: str) -> Tag:
    svg = stats(site).find("svg", attrs={"aria-labelledby": title_id})
    assert isinstance(svg, Tag), title_id
    assert svg["role"] == "img"
    figure = svg.find_parent("figure")
    assert isinstance(figure, Tag)
    return figure


def chart_title(figure: Tag) -> str:
    svg = figure.find("svg")
    assert isinstance(svg, Tag)
    title = svg.find("title", id=svg["aria-labelledby"])
    assert isinstance(title, Tag) and title.parent is svg
    return title.get_text()


def mark_titles(figure: Tag, selector: str) -> list[str]:
    return [rect.get_text() for rect in figure.select(selector)]


def table_rows(figure: Tag) -> list[list[str]]:
    table = figure.find("table")
    assert isinstance(table, Tag)
    return [[cell.get_text() for cell in row.find_all(["th", "td"])] for row in table("tr")]


def assert_bars_proportional(figure: Tag, counts: list[int]) -> None:
    bars = figure.select("rect.bookreviews-mark")
    heights = [float(str(bar["height"])) for bar in bars]
    tallest = max(counts)
    assert heights == pytest.approx([count / tallest * 100 for count in counts], abs=0.01)
    # Every bar stands on one baseline.
    bottoms = {
        round(float(str(bar["y"])) + height, 2) for bar, height in zip(bars, heights, strict=True)
    }
    assert len(bottoms) == 1


def test_builds_strict_without_warnings(site: Site) -> None:
    assert site.warnings == []


def test_headline_numbers(site: Site) -> None:
    numbers = {
        div.dt.get_text(): div.dd.get_text()  # type: ignore[union-attr]
        for div in stats(site).select("dl.bookreviews-stats-numbers > div")
    }
    rated = [meta["score"] for meta in LIBRARY.values() if meta["score"] is not None]
    pages = sum(
        meta["pages"] * max(len(meta["date"]) if isinstance(meta["date"], list) else 1, 1)
        for meta in LIBRARY.values()
        if "pages" in meta and not meta.get("did_not_finish")
    )
    assert numbers == {
        "Books": str(len(LIBRARY)),
        "Authors": str(len(expected_authors())),
        "Pages read": f"{pages:,}",
        "Average score": f"{sum(rated) / len(rated):.2f}".rstrip("0").rstrip(".") + " / 5",
    }
    assert numbers["Pages read"] == "2,172"  # Dune twice, not Persuasion (not finished)


def test_books_per_year_draws_every_year_readings_counted(site: Site) -> None:
    figure = figure_of(site, "bookreviews-stats-years")
    per_year = expected_per_year()
    assert chart_title(figure) == "Books read per year, 2019 to 2024"
    assert mark_titles(figure, "rect.bookreviews-mark") == [
        f"{year}: {books(count)}" for year, count in per_year.items()
    ]
    assert_bars_proportional(figure, list(per_year.values()))
    assert table_rows(figure)[1:] == [[str(year), str(n)] for year, n in per_year.items()]
    # The undated review is not in any year, and the page says so.
    caption = figure.find("figcaption")
    assert caption is not None and "1 book with no date read is not counted" in caption.get_text()


def test_heatmap_cells_and_table_count_readings_per_month(site: Site) -> None:
    figure = figure_of(site, "bookreviews-stats-months")
    per_month = expected_per_month()
    years = sorted(expected_per_year(), reverse=True)
    most = max(count for (_, month), count in per_month.items() if month)
    drawn = {}
    for rect in figure.select("svg > rect[class^=bookreviews-heat-]"):
        if rect.title is None:
            continue  # the legend's keys
        match = re.fullmatch(r"(\w+) (\d{4}): (\d+) books?", rect.title.get_text())
        assert match, rect.title.get_text()
        month, year, count = MONTHS.index(match[1]) + 1, int(match[2]), int(match[3])
        level = int(str(rect["class"][0]).rsplit("-", 1)[1])
        drawn[(year, month)] = (count, level)
    assert drawn == {
        (year, month): (
            per_month[(year, month)],
            math.ceil(per_month[(year, month)] / most * 4),
        )
        for year in years
        for month in range(1, 13)
    }
    # Rows newest first, each labelled with its year.
    labels = [text.get_text() for text in figure.select("svg > text") if len(text.get_text()) == 4]
    assert labels == [str(year) for year in years]
    rows = table_rows(figure)
    assert rows[0] == ["Year", *MONTHS, "Month not known"]
    assert rows[1:] == [
        [str(year)]
        + [str(per_month[(year, m)]) for m in range(1, 13)]
        + [str(per_month[(year, None)])]
        for year in years
    ]
    caption = figure.find("figcaption")
    assert caption is not None and "1 book read in a year with no month is not shown" in (
        caption.get_text()
    )


def test_heatmap_legend_names_each_shade_used(site: Site) -> None:
    # Three readings at most in a month (March 2024): 0 is empty; 1 is in level 2 (up to 1.5),
    # 2 in level 3 (up to 2.25), 3 in level 4; no count is in level 1 (up to 0.75).
    figure = figure_of(site, "bookreviews-stats-months")
    keys = [
        (str(rect["class"][0]), text.get_text())
        for rect, text in zip(
            figure.select("svg > rect:not(:has(title))"),
            figure.select("svg > rect:not(:has(title)) + text"),
            strict=True,
        )
    ]
    assert keys == [
        ("bookreviews-heat-0", "0"),
        ("bookreviews-heat-2", "1"),
        ("bookreviews-heat-3", "2"),
        ("bookreviews-heat-4", "3"),
    ]


def test_score_histogram_counts_each_book_in_quarter_steps(site: Site) -> None:
    figure = figure_of(site, "bookreviews-stats-scores")
    scores = Counter(meta["score"] for meta in LIBRARY.values() if meta["score"] is not None)
    steps = [index / 4 for index in range(21)]
    counts = [scores[step] for step in steps]
    assert sum(counts) == len(LIBRARY) - 1  # every rated book, once
    assert chart_title(figure) == "Books per score, 0 to 5"
    shown = [f"{step:g}" for step in steps]
    assert mark_titles(figure, "rect.bookreviews-mark") == [
        f"{score}: {books(count)}" for score, count in zip(shown, counts, strict=True)
    ]
    assert_bars_proportional(figure, counts)
    assert table_rows(figure)[1:] == [[s, str(c)] for s, c in zip(shown, counts, strict=True)]
    caption = figure.find("figcaption")
    assert caption is not None
    assert "Not rated: 1 · Not finished: 1" in caption.get_text()


def test_top_genres_and_authors_with_counts_bars_and_links(site: Site) -> None:
    lists = stats(site).select("ol.bookreviews-stats-top")
    assert len(lists) == 2
    for listed, counts, folder in zip(
        lists, (expected_genres(), expected_authors()), ("genres", "authors"), strict=True
    ):
        expected = ranked(counts)
        items = listed.find_all("li")
        got = [
            (
                one(item, "a, span").get_text(),
                int(str(one(item, ".bookreviews-stats-n").contents[0])),
            )
            for item in items
        ]
        assert got == expected
        most = expected[0][1]
        widths = [float(str(one(item, "rect")["width"])) for item in items]
        assert widths == pytest.approx([count / most * 100 for _, count in expected], abs=0.01)
        # Each name links to its own page, whose heading is that name.
        for item, (name, _) in zip(items, expected, strict=True):
            href = str(one(item, "a")["href"])
            assert href.startswith(f"../{folder}/"), name
            target = site.site_dir / "stats" / href / "index.html"
            heading = BeautifulSoup(target.read_text("utf-8"), "html.parser").select_one(
                ".bookreviews-listing h1"
            )
            assert heading is not None and heading.get_text(strip=True) == name
    # A genre written as markup is text.
    essays = [li for li in lists[0].find_all("li") if "Essays" in li.get_text()]
    assert essays[0].find("i") is None and essays[0].a.get_text() == "Essays <i>"  # type: ignore[union-attr]


def test_stats_links_resolve(site: Site) -> None:
    page = site.page_path("stats/index.md")
    broken = [
        link
        for source, link, target in internal_links(site)
        if source == page and not target.exists()
    ]
    assert broken == []


def test_without_author_pages_authors_are_named_not_linked(build_site: Any) -> None:
    docs = {
        "index.md": "# Home\n",
        "r.md": review("Book", "Solo Writer", date="2024-01", genre=["Poetry"]),
    }
    built = build_site(docs, plugin={"stats": True, "authors": False}, strict=True)
    assert built.warnings == []
    authors = built.soup("stats/index.md").select("ol.bookreviews-stats-top")[1]
    assert authors.find("a") is None
    assert authors.li.span.get_text() == "Solo Writer"


def test_an_empty_or_undated_library_builds_a_plain_page(build_site: Any) -> None:
    empty = build_site({"index.md": "# Home\n"}, plugin={"stats": True}, strict=True)
    page = empty.soup("stats/index.md").select_one(".bookreviews-stats")
    assert page is not None and page.select_one(".bookreviews-empty") is not None
    assert page.find("svg") is None
    undated = build_site({"index.md": "# Home\n", "r.md": review("Book")}, plugin={"stats": True})
    page = undated.soup("stats/index.md").select_one(".bookreviews-stats")
    assert page is not None
    titles = [svg["aria-labelledby"] for svg in page.find_all("svg", role="img")]
    assert titles == ["bookreviews-stats-scores"]


def test_stats_is_on_by_default_and_can_be_turned_off(build_site: Any) -> None:
    docs = {"index.md": "# Home\n", "r.md": review("Book")}
    assert build_site(docs).page_path("stats/index.md").is_file()
    assert not build_site(docs, plugin={"stats": False}).page_path("stats/index.md").exists()


# --- score bins on other scales -------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "scale", "step", "texts"),
    [
        ([1, 3, 5], 5, 1, ["0", "1", "2", "3", "4", "5"]),
        ([3.5, 4], 5, 0.5, [f"{i / 2:g}" for i in range(11)]),
        (
            [4.75, 7.25],
            10,
            0.5,
            [f"{i / 2:g} to under {(i + 1) / 2:g}" for i in range(20)] + ["10"],
        ),
        ([95, 100, 42], 100, 5, [f"{i * 5} to under {i * 5 + 5}" for i in range(20)] + ["100"]),
        ([6.5], 7, 0.5, [f"{i / 2:g}" for i in range(15)]),
    ],
)
def test_score_bins_fit_the_scale(
    scores: list[float], scale: int, step: float, texts: list[str]
) -> None:
    got_step, bins = score_bins(scores, scale)
    assert got_step == step
    assert [b.text for b in bins] == texts
    assert sum(b.count for b in bins) == len(scores)
    for score in scores:  # each score is in the bin it is at least the start of
        (holder,) = [b for b in bins if b.start <= score and (score < b.end or score == b.start)]
        assert holder.count >= 1


def test_books_per_year_over_thirty_years_labels_every_fifth_to_the_latest(
    build_site: Any,
) -> None:
    docs = {"index.md": "# Home\n"}
    for year in range(1995, 2025):
        docs[f"r{year}.md"] = review(f"Book {year}", date=f"{year}-06")
    built = build_site(docs, plugin={"stats": True})
    figure = built.soup("stats/index.md").select_one("figure")
    assert figure is not None
    texts = [t.get_text() for t in figure.select("svg > text")]
    # Every 5th year labelled, counted back from the latest (which a reader looks for first),
    # and each bar's count above it (one digit fits a narrow bar).
    assert [t for t in texts if len(t) == 4] == ["1999", "2004", "2009", "2014", "2019", "2024"]
    assert texts.count("1") == 30
    assert len(figure.select("rect.bookreviews-mark")) == 30


def test_read_dates_outside_a_plausible_span_are_warnings_not_bars(build_site: Any) -> None:
    """A read date is when you read the book: year 1 and year 9999 are typos. They are warned
    about (file and field) and left out, so the stats page stays the size of the library."""
    next_year = dt.date.today().year + 1
    docs = {
        "index.md": "# Home\n",
        "first.md": review("First", date="0001-01-01"),
        "last.md": review("Last", date=9999),
        "flat.md": review("Flat", year=9999, month=5),
        "listed.md": review("Listed", date=["1899-12", "2020-03"]),
        "soon.md": review("Soon", date=f"{next_year + 1}-01"),
        "edge-old.md": review("Edge old", date="1900-01"),
        "edge-new.md": review("Edge new", date=f"{next_year}-12-31"),
    }
    site = build_site(docs, plugin={"stats": True})
    fix = f"write the year you read the book, from 1900 to {next_year}"
    assert sorted(site.warnings) == [
        f"bookreviews: first.md: date '0001-01-01' is not a plausible read date; {fix}",
        f"bookreviews: flat.md: year 9999 is not a plausible read date; {fix}",
        f"bookreviews: last.md: date 9999 is not a plausible read date; {fix}",
        f"bookreviews: listed.md: date '1899-12' is not a plausible read date; {fix}",
        f"bookreviews: soon.md: date '{next_year + 1}-01' is not a plausible read date; {fix}",
    ]
    # Every year from 1900 to next year at most: a page of a few hundred KB, not 18.8 MB.
    stats_html = site.page_path("stats/index.md").read_bytes()
    assert len(stats_html) < 400_000, len(stats_html)
    figure = site.soup("stats/index.md").select_one("figure")
    assert figure is not None
    bars = figure.select("rect.bookreviews-mark")
    assert len(bars) == next_year - 1900 + 1  # 1900 to next year, empty years included
    # The review keeps its good read date, and the one whose only date was bad is undated.
    listed = site.soup("listed.md").select_one(".bookreviews-header")
    assert listed is not None and "Read in March 2020" in listed.get_text()
    first = site.soup("first.md").select_one(".bookreviews-header")
    assert first is not None and "Read in" not in first.get_text()
