"""The stats page: the whole library's numbers, as charts drawn at build time.

`stats/` shows the headline numbers (books, authors, pages read, average score), each reading
goal's progress (`goals`), books read
per year, a month-by-year heatmap, the scores as a histogram and the top genres and authors,
each linked to its page when it has one. The numbers come from `numbers.py`, the charts'
geometry from `charts.py`, and `stats.html.j2` draws them as inline SVG with the same numbers
in a table for screen readers: no script, no chart library.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .. import language
from ..goals import finished_per_year, progress
from ..language import N_
from ..render import relative_url
from . import Grouped, Kind, KindOptions, Site, View, ViewPage, index_src_uri
from .charts import BarChart, Heatmap, bar_chart, heatmap, label_step
from .numbers import LibraryNumbers, Ranked, count_library

# Books per year draws every year's label up to this many years, then every 2nd, 5th, 10th.
YEAR_LABELS = 12
SCORE_LABELS = 10


class StatsView(View):
    """`stats/`: the library's numbers as charts and tables."""

    kind = "stats"

    def __init__(self, library: Grouped, options: KindOptions) -> None:
        self.folder = options.folder
        self.title = options.title
        self.library = library
        self.goals = options.goals

    def pages(self) -> list[ViewPage]:
        return [ViewPage(index_src_uri(self.folder), self.title, searchable=False)]

    def links(self, urls: Mapping[str, str]) -> dict[str, str]:
        return {}

    def render(self, page: ViewPage, page_url: str, site: Site) -> str:
        scale = site.renderer.scale
        numbers = count_library(self.library, scale)
        links = site.renderer.links

        def ranked(items: Sequence[Ranked], urls: Mapping[str, str]) -> list[dict[str, Any]]:
            most = max((item.count for item in items), default=1)
            return [
                {
                    "name": item.name,
                    "count": item.count,
                    "share": round(item.count / most * 100, 2),
                    "href": relative_url(urls[item.key], page_url) if item.key in urls else None,
                }
                for item in items
            ]

        return site.renderer.env.get_template("stats.html.j2").render(
            title=page.title,
            numbers=numbers,
            scale=scale,
            years_chart=years_chart(numbers),
            heat=month_heatmap(numbers),
            scores_chart=scores_chart(numbers, scale),
            months=[language.active().month_name(month) for month in range(1, 13)],
            genres=ranked(numbers.top_genres, links.of("genres")),
            authors=ranked(numbers.top_authors, links.of("authors")),
            goals=progress(self.goals, finished_per_year(self.library.years)),
        )


def years_chart(numbers: LibraryNumbers) -> BarChart:
    """Readings per year, oldest first; with many years every n-th is labelled, counted back
    from the latest, which always has its label."""
    every = label_step(len(numbers.years), most=YEAR_LABELS)
    last = numbers.years[-1].year if numbers.years else 0
    return bar_chart(
        [
            (str(y.year), str(y.year) if (last - y.year) % every == 0 else "", y.readings)
            for y in numbers.years
        ],
        rtl=language.active().rtl,
    )


def month_heatmap(numbers: LibraryNumbers) -> Heatmap:
    """Readings per month, a row per year, newest first; each cell named by its month and
    year in the site's language ("January 2024")."""
    words = language.active()
    years = [y.year for y in reversed(numbers.years)]
    return heatmap(
        [(str(year), y.per_month) for year, y in zip(years, reversed(numbers.years), strict=True)],
        [(words.month_name(month), words.month_initial(month)) for month in range(1, 13)],
        name=lambda row, column: words.month_year(years[row], column + 1),
        rtl=words.rtl,
    )


def scores_chart(numbers: LibraryNumbers, scale: int) -> BarChart:
    """Books per score bin, labelled at whole scores (or every 2nd, 5th, ... on long scales)."""
    every = label_step(scale, most=SCORE_LABELS)
    shown = language.active().decimal
    return bar_chart(
        [
            (score.text, shown(score.start) if score.start % every == 0 else "", score.count)
            for score in numbers.scores
        ],
        rtl=language.active().rtl,
    )


KIND = Kind(
    "stats",
    N_("Stats"),
    StatsView,
    templates=("stats.html.j2", "chart.html.j2", "goal.html.j2"),
)
