"""Generated listing pages: the genres overview and one page per genre, as Markdown text.

The pages come from the `genres.md.j2` and `genre.md.j2` templates, which a user can override.
A review's card is rendered once for each genre it has (its badge only once), so the work grows
with the number of reviews, not with reviews times pages.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

from .genres import Genre
from .render import Renderer, relative_url


def overview_src_uri(genres_dir: str) -> str:
    """Where the genres overview page pretends to live in docs_dir."""
    return posixpath.join(genres_dir, "index.md")


def genre_src_uri(genres_dir: str, slug: str) -> str:
    """Where a genre's page pretends to live in docs_dir."""
    return posixpath.join(genres_dir, slug + ".md")


class ListingPages:
    """Renders the listing pages of one build."""

    def __init__(self, renderer: Renderer, review_urls: Mapping[str, str]) -> None:
        self.renderer = renderer
        self.review_urls = review_urls

    def genre_page(self, genre: Genre, page_url: str, overview_url: str) -> str:
        """The Markdown of one genre's page: its reviews as cards, newest read first."""
        cards = [
            self.renderer.card(review, page_url, self.review_urls[review.src_uri])
            for review in genre.reviews
        ]
        return self.renderer.env.get_template("genre.md.j2").render(
            genre=genre, cards=cards, overview_href=relative_url(overview_url, page_url)
        )

    def overview_page(
        self,
        genres: list[Genre],
        page_url: str,
        genre_urls: Mapping[str, str],
        *,
        title: str,
        genre_field: str,
    ) -> str:
        """The Markdown of the overview: every genre with its review count, linked."""
        listed = [
            {
                "name": genre.name,
                "count": len(genre.reviews),
                "href": relative_url(genre_urls[genre.slug], page_url),
            }
            for genre in genres
        ]
        return self.renderer.env.get_template("genres.md.j2").render(
            genres=listed, title=title, genre_field=genre_field
        )
