"""The years overview and one page per year read, with that year's numbers and chart.

A review is on the page of every year it was read in (a re-read in 2019 and 2024 is on both).
A year's stats: books (each review once), average score (unrated reviews left out), how many
were not finished, its top genres, and books per month, counted by reading (a book read in
March and again in May of one year counts in both months), drawn as an inline SVG bar chart
from the `year.html.j2` template with the same numbers in a table for screen readers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..genres import group_by_genre
from ..model import MONTHS, Review, format_score
from ..render import relative_url
from . import (
    Filter,
    Grouped,
    Kind,
    KindOptions,
    Site,
    View,
    ViewPage,
    index_src_uri,
    member_src_uri,
)
from .charts import BarChart, bar_chart

TILE_COVERS = 3
TOP_GENRES = 3


@dataclass(frozen=True)
class Year:
    """One year of reading: the reviews read in it, newest read first, and each month's count
    of readings (index 0 is January); `undated_months` counts readings with no month."""

    year: int
    reviews: tuple[Review, ...]
    per_month: tuple[int, ...]
    undated_months: int

    @property
    def average(self) -> str:
        """The mean score of the rated reviews, "" when none is rated."""
        scores = [review.score for review in self.reviews if review.score is not None]
        return format_score(round(sum(scores) / len(scores), 2)) if scores else ""

    @property
    def did_not_finish(self) -> int:
        """How many of the year's books were not finished."""
        return sum(1 for review in self.reviews if review.did_not_finish)

    def top_genres(self) -> list[tuple[str, int]]:
        """The year's most read genres with their counts, most first (ties by name)."""
        genres = group_by_genre(self.reviews)
        ranked = sorted(genres, key=lambda g: (-len(g.reviews), g.name.casefold()))
        return [(genre.name, len(genre.reviews)) for genre in ranked[:TOP_GENRES]]


def group_by_year(reviews: Sequence[Review]) -> list[Year]:
    """Every year a review was read in, newest first."""
    members: dict[int, dict[str, Review]] = {}
    months: dict[int, Counter[int]] = {}
    for review in reviews:
        for read in review.reads:
            members.setdefault(read.year, {})[review.src_uri] = review
            months.setdefault(read.year, Counter())[read.month or 0] += 1
    return [
        Year(
            year=year,
            reviews=tuple(sorted(members[year].values(), key=_sort_key_in(year))),
            per_month=tuple(months[year][month] for month in range(1, 13)),
            undated_months=months[year][0],
        )
        for year in sorted(members, reverse=True)
    ]


def _sort_key_in(year: int) -> Callable[[Review], tuple[int, int, str, str]]:
    """Newest read first, by the reading in `year` (a re-read sorts by its date that year)."""

    def key(review: Review) -> tuple[int, int, str, str]:
        month, day = max((r.month or 0, r.day or 0) for r in review.reads if r.year == year)
        return (-month, -day, review.title.casefold(), review.src_uri)

    return key


def chart(per_month: Sequence[int]) -> BarChart:
    """The bar chart of a year's readings: one bar per month, the tallest `BAR_AREA` high."""
    return bar_chart(
        [(month, month[0], count) for month, count in zip(MONTHS, per_month, strict=True)]
    )


class YearsView(View):
    """`years/`: every year read with its book count; `years/<yyyy>/`: the year's reviews."""

    kind = "years"

    def __init__(self, library: Grouped, options: KindOptions) -> None:
        self.folder = options.folder
        self.title = options.title
        self.years = library.years

    def pages(self) -> list[ViewPage]:
        return [ViewPage(index_src_uri(self.folder), self.title)] + [
            ViewPage(self._src_uri(y), str(y.year), y, searchable=False, in_nav=False)
            for y in self.years
        ]

    def links(self, urls: Mapping[str, str]) -> dict[str, str]:
        return {str(y.year): urls[self._src_uri(y)] for y in self.years}

    def render(self, page: ViewPage, page_url: str, site: Site) -> str:
        env = site.renderer.env
        if isinstance(page.subject, Year):
            year = page.subject
            return env.get_template("year.html.j2").render(
                year=year,
                top_genres=year.top_genres(),
                chart=chart(year.per_month),
                cards=site.cards(year.reviews, page_url),
                overview_href=relative_url(site.urls[index_src_uri(self.folder)], page_url),
            )
        listed = [
            {
                "name": str(year.year),
                "count": len(year.reviews),
                "href": relative_url(site.urls[self._src_uri(year)], page_url),
                "covers": site.cards.covers(year.reviews, page_url, TILE_COVERS),
            }
            for year in self.years
        ]
        return env.get_template("years.html.j2").render(years=listed, title=page.title)

    def _src_uri(self, year: Year) -> str:
        return member_src_uri(self.folder, str(year.year))


def select(library: Grouped, year: int) -> tuple[Sequence[Review], str | None]:
    """The reviews read in `year`, or why there are none (and which years there are)."""
    found = next((y for y in library.years if y.year == year), None)
    if found is None:
        years = sorted(y.year for y in library.years)
        shown = ", ".join(str(y) for y in years[-8:]) or "none yet"
        return (), f"no review was read in {year}; years read: {shown}"
    return found.reviews, None


KIND = Kind(
    "years",
    "Years",
    YearsView,
    keys=lambda review: [str(read.year) for read in review.reads],
    marker=Filter("year", "year=2024", select, year=True),
    templates=("years.html.j2", "year.html.j2"),
)
