"""Generated listing pages: the genres overview and one page per genre.

A listing page is a virtual Markdown file that holds only its title; its body is rendered to
HTML from the `genres.html.j2` and `genre.html.j2` templates (which a user can override) when
MkDocs builds the page, so Python-Markdown never has to parse hundreds of cards.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from .genres import Genre
from .model import Review
from .render import Renderer, page_folder, relative_url

# Cards whose covers load at once: the first row (three columns in Material's content column
# on a desktop, two on a phone, whose third card is still in view). The rest load lazily.
EAGER_CARDS = 3
# Covers shown on a genre's tile in the overview.
TILE_COVERS = 3


def overview_src_uri(genres_dir: str) -> str:
    """Where the genres overview page pretends to live in docs_dir."""
    return posixpath.join(genres_dir, "index.md")


def genre_src_uri(genres_dir: str, slug: str) -> str:
    """Where a genre's page pretends to live in docs_dir."""
    return posixpath.join(genres_dir, slug + ".md")


def page_stub(title: str, *, searchable: bool = True) -> str:
    """The Markdown of a listing page: front matter with its title.

    `searchable=False` asks Material's search to skip the page (`search: exclude`).
    """
    search = "" if searchable else "search:\n  exclude: true\n"
    return f"---\ntitle: {yaml_string(title)}\n{search}---\n"


def yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted scalar that every YAML loader reads back as `text`.

    JSON strings are YAML, but `json.dumps` writes characters outside the Basic Multilingual
    Plane as surrogate pairs (`\\ud83d\\udc09`), which YAML refuses; and characters YAML does
    not allow raw (U+0085, U+FFFE, C1 controls) must be escaped.
    """
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_YAML_PRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)


# Characters YAML 1.1 does not take unescaped in a quoted scalar: those outside its "printable"
# set, and the line breaks it would fold (json.dumps has escaped tab, newline and return).
_NOT_YAML_PRINTABLE = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


@dataclass(frozen=True)
class Listing:
    """What a listing page shows: one genre, or the overview when `genre` is None."""

    title: str
    genre: Genre | None = None


class ListingPages:
    """Renders the listing pages of one build."""

    def __init__(
        self,
        renderer: Renderer,
        *,
        review_urls: Mapping[str, str],
        genre_urls: Mapping[str, str],
        overview_url: str,
        genres: list[Genre],
        unsorted: list[Review],
        genre_field: str,
    ) -> None:
        self.renderer = renderer
        self.review_urls = review_urls
        self.genre_urls = genre_urls
        self.overview_url = overview_url
        self.genres = genres
        self.unsorted = sorted(unsorted, key=lambda review: review.sort_key)
        self.genre_field = genre_field
        self._cards_by_folder: dict[tuple[str, str, bool], Markup] = {}

    def render(self, listing: Listing, page_url: str) -> str:
        """The HTML body of a listing page at `page_url`."""
        if listing.genre is None:
            return self.overview_page(listing.title, page_url)
        return self.genre_page(listing.genre, page_url)

    def genre_page(self, genre: Genre, page_url: str) -> str:
        """One genre's page: its reviews as cards, newest read first."""
        cards = self._cards(genre.reviews, page_url)
        return self.renderer.env.get_template("genre.html.j2").render(
            genre=genre, cards=cards, overview_href=relative_url(self.overview_url, page_url)
        )

    def overview_page(self, title: str, page_url: str) -> str:
        """The overview: every genre with its review count and a few covers, linked, then
        reviews with none."""
        listed = [
            {
                "name": genre.name,
                "count": len(genre.reviews),
                "href": relative_url(self.genre_urls[genre.slug], page_url),
                "covers": self._covers(genre.reviews, page_url),
            }
            for genre in self.genres
        ]
        return self.renderer.env.get_template("genres.html.j2").render(
            genres=listed,
            title=title,
            genre_field=self.genre_field,
            # Below the genres' tiles, no card is in the first screen.
            unsorted=self._cards(self.unsorted, page_url, eager=not self.genres),
        )

    def _cards(
        self, reviews: Iterable[Review], page_url: str, *, eager: bool = True
    ) -> list[Markup]:
        """Cards for a page, the first row's covers loading at once when `eager`. Genre pages
        are siblings (`genres/a/`, `genres/b/`), so a card's relative links are the same on
        each of them: render each review's card once (per loading), unless one of its links
        points inside the page's own folder."""
        folder = page_folder(page_url)
        cards = []
        for index, review in enumerate(reviews):
            first_row = eager and index < EAGER_CARDS
            if self._links_into(review, folder):
                cards.append(self._card(review, page_url, first_row))
                continue
            key = (review.src_uri, posixpath.dirname(folder), first_row)
            if key not in self._cards_by_folder:
                self._cards_by_folder[key] = self._card(review, page_url, first_row)
            cards.append(self._cards_by_folder[key])
        return cards

    def _card(self, review: Review, page_url: str, eager: bool) -> Markup:
        return self.renderer.card(review, page_url, self.review_urls[review.src_uri], eager=eager)

    def _covers(self, reviews: Iterable[Review], page_url: str) -> list[dict[str, str]]:
        covers = []
        for review in reviews:
            cover = self.renderer.cover(review, page_url)
            if cover is not None:
                covers.append(cover)
                if len(covers) == TILE_COVERS:
                    break
        return covers

    def _links_into(self, review: Review, folder: str) -> bool:
        cover = review.cover.src_uri if review.cover else None
        targets = [self.review_urls[review.src_uri], self.review_urls.get(cover or "", "")]
        return bool(folder) and any(url.startswith(folder + "/") for url in targets)
