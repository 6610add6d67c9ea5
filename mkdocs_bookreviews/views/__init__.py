"""Generated pages, one mechanism for every kind: shelf, genres, authors, years, stats.

A *view* is one kind of generated page. Given the library it says which pages it wants
(`ViewPage`: where the page pretends to live in docs_dir, its title, whether search indexes it
and whether it stays in a compact navigation) and, once MkDocs has given every page its URL,
renders one page's HTML body for its URL. The plugin only adds the pages as virtual files and
calls `render` from `on_page_content`; nothing here imports MkDocs.

Every view shares one `Cards`: a review's card is rendered once per folder depth and reused by
every page whose relative links are the same.
"""

from __future__ import annotations

import functools
import posixpath
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..escaping import Markup
from ..groups import Author, Genre, Year, group_by_author, group_by_genre, group_by_year
from ..model import Review
from ..render import Renderer, page_folder

# Cards whose covers load at once: the first row (three columns in Material's content column
# on a desktop, two on a phone, whose third card is still in view). The rest load lazily.
EAGER_CARDS = 3
# Covers shown on a tile of an overview (a genre, an author, a year).
TILE_COVERS = 3


@dataclass(frozen=True)
class ViewPage:
    """One generated page a view wants: where it lives, its title, and what it shows.

    `searchable=False` keeps it out of search (it repeats what the reviews say); `in_nav=False`
    keeps it out of a compact navigation (the overview, which stays, links to it).
    """

    src_uri: str
    title: str
    subject: Any = None
    searchable: bool = True
    in_nav: bool = True


@dataclass(frozen=True)
class ViewOptions:
    """The options every view reads: which views are on, their folders and titles."""

    shelf: bool = True
    shelf_dir: str = "shelf"
    shelf_title: str = "Shelf"
    genres: bool = True
    genres_dir: str = "genres"
    genres_title: str = "Genres"
    genre_field: str = "genre"
    authors: bool = True
    authors_dir: str = "authors"
    authors_title: str = "Authors"
    authors_min_reviews: int | None = None
    years: bool = True
    years_dir: str = "years"
    years_title: str = "Years"
    stats: bool = True
    stats_dir: str = "stats"
    stats_title: str = "Stats"

    @classmethod
    def of(cls, config: Mapping[str, Any], *, genre_field: str) -> ViewOptions:
        """The options from the plugin's config (any mapping with the option names)."""
        names = [name for name in cls.__dataclass_fields__ if name != "genre_field"]
        return cls(genre_field=genre_field, **{name: config[name] for name in names})


class Grouped:
    """One build's reviews and their groupings (genres, authors, years), each worked out once,
    when first asked for: every view, the stats and the listings in pages share them."""

    def __init__(self, reviews: Iterable[Review]) -> None:
        self.reviews = list(reviews)

    @functools.cached_property
    def newest(self) -> list[Review]:
        """Every review, newest read first (undated last)."""
        return sorted(self.reviews, key=lambda review: review.sort_key)

    @functools.cached_property
    def genres(self) -> list[Genre]:
        """Every genre, by name (`groups.group_by_genre`)."""
        return group_by_genre(self.reviews)

    @functools.cached_property
    def authors(self) -> list[Author]:
        """Every author, by family name (`groups.group_by_author`)."""
        return group_by_author(self.reviews)

    @functools.cached_property
    def years(self) -> list[Year]:
        """Every year read, newest first (`groups.group_by_year`)."""
        return group_by_year(self.reviews)


class Cards:
    """Review cards for listing pages, shared by every view of one build.

    A card's links (to its review and its cover) are relative: from any page as many folders
    deep, outside the folders they lead into (`shelf/`, `genres/a/`, `authors/b/`), they read
    the same. So each review's card is rendered once per depth (and loading) and reused by the
    shelf, every overview and every member page; only a page in a folder that a card's link
    leads into (a review's own folder) gets the card rendered for its folder.
    """

    def __init__(self, renderer: Renderer, review_urls: Mapping[str, str]) -> None:
        self.renderer = renderer
        self.review_urls = review_urls
        self._made: dict[tuple[str, str, bool], Markup] = {}

    def __call__(
        self, reviews: Iterable[Review], page_url: str, *, eager: bool = True
    ) -> list[Markup]:
        """Cards for a page, the first row's covers loading at once when `eager`."""
        folder = page_folder(page_url)
        top = folder.partition("/")[0]
        depth = str(folder.count("/") + 1 if folder else 0)
        cards = []
        for index, review in enumerate(reviews):
            first_row = eager and index < EAGER_CARDS
            # A folder ends in "/", a depth is digits: the two kinds of key never meet.
            seen_from = folder + "/" if top and self._leads_into(review, top) else depth
            key = (review.src_uri, seen_from, first_row)
            card = self._made.get(key)
            if card is None:
                card = self._made[key] = self._card(review, page_url, first_row)
            cards.append(card)
        return cards

    def covers(self, reviews: Iterable[Review], page_url: str, limit: int) -> list[dict[str, Any]]:
        """Up to `limit` covers of `reviews`, as seen from `page_url`."""
        covers = []
        for review in reviews:
            cover = self.renderer.cover(review, page_url)
            if cover is not None:
                covers.append(cover)
                if len(covers) == limit:
                    break
        return covers

    def _card(self, review: Review, page_url: str, eager: bool) -> Markup:
        return self.renderer.card(review, page_url, self.review_urls[review.src_uri], eager=eager)

    def _leads_into(self, review: Review, top: str) -> bool:
        """Whether one of the card's links leads into the top folder `top`."""
        cover = review.cover.src_uri if review.cover else None
        targets = (self.review_urls[review.src_uri], self.review_urls.get(cover or "", ""))
        return any(url.startswith(top + "/") for url in targets)


@dataclass
class Site:
    """What rendering a view's page needs once URLs are known: the renderer, the shared cards,
    the site-relative URL of every generated page (`urls`) and docs file (`files`), by
    src_uri."""

    renderer: Renderer
    cards: Cards
    urls: Mapping[str, str] = field(default_factory=dict)
    files: Mapping[str, str] = field(default_factory=dict)


class View(ABC):
    """One kind of generated page. `kind` names it in options (`<kind>`, `<kind>_dir`,
    `<kind>_title`) and in `render.Links`."""

    kind: str
    folder: str

    @abstractmethod
    def pages(self) -> Sequence[ViewPage]:
        """The pages this view wants, overview first."""

    @abstractmethod
    def links(self, urls: Mapping[str, str]) -> dict[str, str]:
        """The URL of each thing that has a page (by its key: a genre key, an author key,
        a year), given the URL of every page by src_uri; headers link to these."""

    @abstractmethod
    def render(self, page: ViewPage, page_url: str, site: Site) -> str:
        """The HTML body of `page` at `page_url`."""


def index_src_uri(folder: str) -> str:
    """Where a view's overview pretends to live in docs_dir."""
    return posixpath.join(folder, "index.md")


def member_src_uri(folder: str, slug: str) -> str:
    """Where one of a view's pages pretends to live in docs_dir."""
    return posixpath.join(folder, slug + ".md")


def make_views(library: Grouped, options: ViewOptions) -> list[View]:
    """The enabled views of a library, in the order the navigation lists them (shelf, genres,
    authors, years, stats)."""
    from .authors import AuthorsView
    from .genres import GenresView
    from .shelf import ShelfView
    from .stats import StatsView
    from .years import YearsView

    views: list[View] = []
    if options.shelf:
        views.append(ShelfView(library, options))
    if options.genres:
        views.append(GenresView(library, options))
    if options.authors:
        views.append(AuthorsView(library, options))
    if options.years:
        views.append(YearsView(library, options))
    if options.stats:
        views.append(StatsView(library, options))
    return views
