"""The years overview and one page per year read, with that year's numbers and chart.

Years are grouped in `groups.py` (`group_by_year`: a review is in every year it was read in).
A year's page shows its books (each review once), average score (unrated reviews left out), how
many were not finished, its top genres, and books per month, counted by reading, drawn as an
inline SVG bar chart from the `year.html.j2` template with the same numbers in a table for
screen readers; and, for a year with a reading goal (`goals`), the goal's progress.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .. import language
from ..goals import finished_per_year, progress
from ..groups import Year
from ..language import N_
from ..model import Review
from ..render import relative_url
from . import (
    TILE_COVERS,
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


def chart(per_month: Sequence[int]) -> BarChart:
    """The bar chart of a year's readings: one bar per month, the tallest `BAR_AREA` high,
    named in the site's language ("February", "F")."""
    words = language.active()
    return bar_chart(
        [
            (words.month_name(month), words.month_initial(month), count)
            for month, count in enumerate(per_month, 1)
        ],
        rtl=words.rtl,
    )


class YearsView(View):
    """`years/`: every year read with its book count; `years/<yyyy>/`: the year's reviews."""

    kind = "years"

    def __init__(self, library: Grouped, options: KindOptions) -> None:
        self.folder = options.folder
        self.title = options.title
        self.years = library.years
        self.goals = options.goals

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
                goal=progress({year.year: self.goals[year.year]}, finished_per_year([year]))[0]
                if year.year in self.goals
                else None,
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
    N_("Years"),
    YearsView,
    keys=lambda review: [str(read.year) for read in review.reads],
    marker=Filter("year", "year=2024", select, year=True),
    templates=("years.html.j2", "year.html.j2", "goal.html.j2"),
)
