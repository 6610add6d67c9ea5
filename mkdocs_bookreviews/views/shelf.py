"""The shelf: every review as a cover card, newest read first, sortable and filterable.

Without JavaScript the page is complete: every card, newest read first (undated last). Each
card sits in a wrapper whose data attributes carry what `assets/shelf.js` sorts and filters
by (every year read, the score, the first author's family-name key, the genre keys, whether
it was not finished); the title is read from the card itself. The filter controls are in the
page but `hidden` until the script wires them, so a reader without it meets no dead controls.
What the script writes (its status line) and how it sorts titles (the articles it leaves out,
the collation's language) come in the site's language as data attributes of the status line
(`language.Language.shelf_strings`; attributes, not a JSON block, which MkDocs' own search
would index as the page's text).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import language
from ..escaping import Markup
from ..language import N_
from ..model import Review, format_score
from ..names import family_sort_key, genre_key
from ..render import relative_url
from . import EAGER_SHELF_CARDS, Grouped, Kind, KindOptions, Site, View, ViewPage, index_src_uri

SCRIPT_URI = "assets/bookreviews/shelf.js"
# Cards per grid: a browser lays out one grid of 10,000 cards in about ten seconds, 170 grids
# of 60 in under one (and skips those out of view, see the stylesheet). 60 cards fill whole
# rows of 1 to 6 columns, so the grids read as one.
CARDS_PER_GRID = 60
# Above this scale the minimum-score choices go in tenths of it (10, 20, ... out of 100).
MOST_SCORE_CHOICES = 10


def book_attributes(review: Review) -> dict[str, str | bool]:
    """What the script needs of one review, as the wrapper's data attributes; empty values
    are left out (an unrated review has no score, an undated one no years)."""
    years = sorted({read.year for read in review.reads}, reverse=True)
    author = " ".join(family_sort_key(review.creators[0])).strip() if review.creators else ""
    genres = dict.fromkeys(genre_key(name) for name in review.genres)
    attributes: dict[str, str | bool] = {
        "data-years": " ".join(map(str, years)),
        "data-score": format_score(review.score) if review.score is not None else "",
        "data-author": author,
        "data-genres": " ".join(key for key in genres if key),
        "data-dnf": review.did_not_finish,
    }
    return {name: value for name, value in attributes.items() if value}


def score_choices(scale: int) -> list[int]:
    """The minimum scores offered: each whole score up to a scale of 10, tenths above."""
    if scale <= MOST_SCORE_CHOICES:
        return list(range(1, scale + 1))
    step = scale / MOST_SCORE_CHOICES
    return sorted({round(step * n) for n in range(1, MOST_SCORE_CHOICES + 1)})


def _attributes_html(attributes: Mapping[str, str | bool]) -> Markup:
    return Markup("").join(
        Markup(" {}").format(name) if value is True else Markup(' {}="{}"').format(name, value)
        for name, value in attributes.items()
    )


class ShelfView(View):
    """`shelf/`: every review as a cover card, newest read first."""

    kind = "shelf"

    def __init__(self, library: Grouped, options: KindOptions) -> None:
        self.folder = options.folder
        self.title = options.title
        self.reviews = library.newest
        self.genres = library.genres

    def pages(self) -> list[ViewPage]:
        return [ViewPage(index_src_uri(self.folder), self.title, searchable=False)]

    def links(self, urls: Mapping[str, str]) -> dict[str, str]:
        return {}

    def render(self, page: ViewPage, page_url: str, site: Site) -> str:
        books = [
            (_attributes_html(book_attributes(review)), card)
            for review, card in zip(
                self.reviews,
                site.cards(self.reviews, page_url, first_row=EAGER_SHELF_CARDS),
                strict=True,
            )
        ]
        years = sorted({read.year for r in self.reviews for read in r.reads}, reverse=True)
        context: dict[str, Any] = {
            "title": page.title,
            "books": books,
            "per_grid": CARDS_PER_GRID,
            "genres": [(g.key, g.name) for g in self.genres if g.key],
            "years": years,
            "scores": score_choices(site.renderer.scale)
            if any(review.score is not None for review in self.reviews)
            else [],
            "scale": site.renderer.scale,
            "any_dnf": any(review.did_not_finish for review in self.reviews),
            "script_src": relative_url(site.files.get(SCRIPT_URI, SCRIPT_URI), page_url),
            "shelf_strings": language.active().shelf_strings(),
        }
        return site.renderer.env.get_template("shelf.html.j2").render(context)


KIND = Kind("shelf", N_("Shelf"), ShelfView, templates=("shelf.html.j2",))
