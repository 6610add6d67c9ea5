"""The genres overview and one page per genre.

Pages hold only their title; their bodies are rendered from the `genres.html.j2` and
`genre.html.j2` templates (which a user can override), so Python-Markdown never has to parse
hundreds of cards.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..groups import Genre
from ..language import N_
from ..names import genre_key
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
    select_by_name,
)


class GenresView(View):
    """`genres/`: every genre with its count and covers; `genres/<slug>/`: its reviews."""

    kind = "genres"

    def __init__(self, library: Grouped, options: KindOptions) -> None:
        self.folder = options.folder
        self.title = options.title
        self.genre_field = options.fields.first("genre")
        self.genres = library.genres
        self.unsorted = [review for review in library.newest if not review.genres]

    def pages(self) -> list[ViewPage]:
        # A genre page repeats its reviews' titles and authors: searching finds the reviews.
        return [ViewPage(index_src_uri(self.folder), self.title)] + [
            ViewPage(self._src_uri(g), g.name, g, searchable=False, in_nav=False)
            for g in self.genres
        ]

    def links(self, urls: Mapping[str, str]) -> dict[str, str]:
        return {genre.key: urls[self._src_uri(genre)] for genre in self.genres}

    def render(self, page: ViewPage, page_url: str, site: Site) -> str:
        env = site.renderer.env
        if isinstance(page.subject, Genre):
            return env.get_template("genre.html.j2").render(
                genre=page.subject,
                cards=site.cards(page.subject.reviews, page_url),
                overview_href=relative_url(site.urls[index_src_uri(self.folder)], page_url),
            )
        listed = [
            {
                "name": genre.name,
                "count": len(genre.reviews),
                "href": relative_url(site.urls[self._src_uri(genre)], page_url),
                "covers": site.cards.covers(genre.reviews, page_url, TILE_COVERS),
            }
            for genre in self.genres
        ]
        return env.get_template("genres.html.j2").render(
            genres=listed,
            title=page.title,
            genre_field=self.genre_field,
            # Below the genres' tiles, no card is in the first screen.
            unsorted=site.cards(self.unsorted, page_url, eager=not self.genres),
        )

    def _src_uri(self, genre: Genre) -> str:
        return member_src_uri(self.folder, genre.slug)


KIND = Kind(
    "genres",
    N_("Genres"),
    GenresView,
    on=True,
    keys=lambda review: [genre_key(name) for name in review.genres],
    marker=Filter(
        "genre",
        'genre="Science Fiction"',
        select_by_name(
            "genres by key",
            lambda library: library.genres,
            genre_key,
            "no review has the genre {name}",
        ),
    ),
    templates=("genres.html.j2", "genre.html.j2"),
)
