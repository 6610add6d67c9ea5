"""The series overview and one page per series, in series order with its gaps.

Series are grouped in `groups.py` (`group_by_series`: a review is in the series its `series`
names, merged like genres; `series_number` places it: `2`, `2.5`, `1-3`). A series' page lists
its books in series order with the reader's ratings, a "3 — not read" placeholder for each
whole number up to the highest seen that no review covers, and its progress ("4 of 5 read").
The overview lists every series with its progress. Series with fewer than `series_min_reviews`
reviews (default 1: every series) get no page: the overview links to their reviews instead.
The kind is on by default only when a review names a series (`Kind.needs`).
"""

from __future__ import annotations

from ..groups import Series, group_by_series
from ..language import N_
from ..model import Review
from ..names import genre_key
from ..render import relative_url
from . import (
    TILE_COVERS,
    Filter,
    Grouped,
    GroupPages,
    Kind,
    KindOptions,
    Option,
    Site,
    ViewPage,
    index_src_uri,
    select_by_name,
)

series_key = genre_key  # "The Expanse" and "the expanse" are one series


def every_series(library: Grouped) -> list[Series]:
    """The library's series, worked out once per build."""
    return library.memo("series", lambda: group_by_series(library.reviews))


def series_keys(review: Review) -> list[str]:
    """The series page a review is on (its header links to it)."""
    return [series_key(review.series)] if review.series else []


class SeriesView(GroupPages):
    """`series/`: every series with its progress; `series/<slug>/`: its books in order."""

    kind = "series"

    def __init__(self, library: Grouped, options: KindOptions) -> None:
        self.folder = options.folder
        self.title = options.title
        self.series = self.groups = every_series(library)
        self.min_reviews = options.more["min_reviews"] or 1

    def render(self, page: ViewPage, page_url: str, site: Site) -> str:
        env = site.renderer.env
        if isinstance(page.subject, Series):
            series = page.subject
            cards = iter(site.cards(series.reviews, page_url))
            entries = [
                {"number": entry.number, "card": next(cards) if entry.review else None}
                for entry in series.entries
            ]
            return env.get_template("series.html.j2").render(
                series=series,
                entries=entries,
                overview_href=relative_url(site.urls[index_src_uri(self.folder)], page_url),
            )
        listed = [
            {
                "name": series.name,
                "count": len(series.reviews),
                "read": series.read,
                "total": series.total,
                "share": round(series.read / series.total * 100, 2) if series.total else 0,
                "average": series.average_text,
                "href": relative_url(site.urls[self._src_uri(series)], page_url)
                if self.has_page(series)
                else None,
                "covers": site.cards.covers(series.reviews, page_url, TILE_COVERS)
                if self.has_page(series)
                else [],
                "books": []
                if self.has_page(series)
                else [
                    {
                        "title": review.title,
                        "href": relative_url(site.files[review.src_uri], page_url),
                    }
                    for review in series.reviews
                ],
            }
            for series in self.series
        ]
        return env.get_template("series_overview.html.j2").render(series=listed, title=page.title)


KIND = Kind(
    "series",
    N_("Series"),
    SeriesView,
    # Fewer reviews than this and a series has no page (the overview links to its reviews).
    options=(Option("min_reviews", int, None, bounds=(1, 10_000)),),
    keys=series_keys,
    marker=Filter(
        "series",
        'series="The Expanse"',
        select_by_name(
            "series by key", every_series, series_key, "no review is in the series {name}"
        ),
    ),
    templates=("series_overview.html.j2", "series.html.j2"),
    needs=lambda library: any(review.series for review in library.reviews),
)
