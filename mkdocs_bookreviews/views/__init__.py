"""Generated pages, one mechanism for every kind: shelf, genres, authors, series, years, stats.

Each kind is declared once, in its own module, as a `Kind` (its options, folder, title, what a
review header links to, what a listing marker filters on, its templates), and listed once in
`views/registry.py`: the plugin's options, the header's links, `--dirty`'s watch list, the
listing markers' keys and the navigation's order all derive from that list.

A *view* is one kind's pages for one build. Given the library it says which pages it wants
(`ViewPage`: where the page pretends to live in docs_dir, its title, whether search indexes it
and whether it stays in a compact navigation) and, once MkDocs has given every page its URL,
renders one page's HTML body for its URL. The plugin only adds the pages as virtual files and
calls `render` from `on_page_content`; nothing here imports MkDocs.

Every view shares one `Cards`: a review's card is rendered once per folder depth and reused by
every page whose relative links are the same.
"""

from __future__ import annotations

import difflib
import functools
import posixpath
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from ..escaping import Markup, yaml_string
from ..goals import read_goals
from ..groups import (
    Author,
    Genre,
    ReviewGroup,
    Year,
    group_by_author,
    group_by_genre,
    group_by_year,
)
from ..model import FieldNames, Review
from ..render import Renderer, page_folder

# Cards whose covers load at once: the first row (four columns in Material's content column
# on a desktop, the table of contents' column given to generated pages; two on a phone, whose
# second row is still in view). The rest load lazily. The shelf's smaller cards: six a row.
EAGER_CARDS = 4
EAGER_SHELF_CARDS = 6
# Covers shown on a tile of an overview (a genre, an author, a year).
TILE_COVERS = 3
T = TypeVar("T")


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

    def stub(self) -> str:
        """The page's Markdown: front matter with its title and nothing else (its body is
        rendered to HTML when MkDocs builds it); `searchable=False` asks Material's search to
        skip it (`search: exclude`). `hide: [toc]`: the page's headings are the plugin's HTML,
        never in a table of contents, so Material gives the column it keeps for one (empty) to
        the page's covers and charts."""
        search = "" if self.searchable else "search:\n  exclude: true\n"
        return f"---\ntitle: {yaml_string(self.title)}\nhide:\n  - toc\n{search}---\n"


@dataclass(frozen=True)
class KindOptions:
    """What one kind's pages are built with: its folder and overview title (`<kind>_dir`,
    `<kind>_title`), its own options by their short names (`min_reviews` for
    `authors_min_reviews`), the field names (the genres overview names its field) and the
    reading goals (`goals`: books per year, for the years and stats pages)."""

    folder: str
    title: str
    more: Mapping[str, Any] = field(default_factory=dict)
    fields: FieldNames = field(default_factory=FieldNames)
    goals: Mapping[int, int] = field(default_factory=dict)  # books per year (`goals`)


@dataclass(frozen=True)
class Option:
    """An option of one kind beyond `<kind>`, `<kind>_dir` and `<kind>_title`: written
    `<kind>_<name>` in mkdocs.yml; `default=None` makes it optional; a number's `bounds` are
    (lowest, highest or None)."""

    name: str
    type: type
    default: Any = None
    bounds: tuple[int, int | None] | None = None


@dataclass(frozen=True)
class Filter:
    """What a listing marker may filter on through a kind (`genre="Science Fiction"`): the
    marker's key, an example for messages, whether the value is a year (a whole number up to
    9999) rather than text, and `select`: the reviews the value names, or a problem that says
    how to fix it (a name no review has)."""

    key: str
    example: str
    select: Callable[[Grouped, Any], tuple[Sequence[Review], str | None]]
    year: bool = False
    # The books the filter chooses among, newest first; None: the reviews (`Grouped.newest`).
    # The status filter chooses among every book, those being read and wanted included.
    among: Callable[[Grouped], Sequence[Review]] | None = None


@dataclass(frozen=True)
class WordMarker:
    """A listing marker of one word that a kind answers (`<!-- bookreviews quote -->`): the
    word, and `render`: given the library, the site, the page's URL and its src_uri, the HTML
    that replaces the marker, or a problem that says how to fix it."""

    word: str
    render: Callable[[Grouped, Site, str, str], tuple[str | None, str | None]]


@dataclass(frozen=True)
class Kind:
    """One kind of generated page, as the registry (`views/registry.py`) lists it.

    `name` is the kind in options (`<name>`, `<name>_dir` defaulting to `name`, `<name>_title`
    defaulting to `title`) and in `render.Links`; `on` is the default of `<name>` (None: on
    unless a page of the user's own has the overview's URL); `view` makes the kind's `View`
    for one build. `keys` says which of the kind's pages a review is on (their keys, as
    `View.links` gives them): what a review header links to, and what `--dirty` watches.
    Headers show genres, authors and years in places of their own; any other kind with
    `header` gets a link line of (key, text) pairs. `marker` is what listing markers filter on;
    `templates` are the kind's templates (a user's `templates_dir` may override each);
    `word_marker` is a one-word marker the kind shows something for (`quote`).
    `needs`: what the library must have for the kind, left to its default, to be on (a series
    overview on a site whose reviews name no series would be an empty page in the nav).
    """

    name: str
    title: str
    view: Callable[[Grouped, KindOptions], View]
    on: bool | None = None
    options: tuple[Option, ...] = ()
    keys: Callable[[Review], Iterable[str]] | None = None
    header: Callable[[Review], Iterable[tuple[str, str]]] | None = None
    marker: Filter | None = None
    templates: tuple[str, ...] = ()
    word_marker: WordMarker | None = None
    needs: Callable[[Grouped], bool] | None = None

    def option_names(self) -> tuple[str, ...]:
        """Every option of the kind, as written in mkdocs.yml, in order."""
        own = (f"{self.name}_{option.name}" for option in self.options)
        return (self.name, f"{self.name}_dir", f"{self.name}_title", *own)

    def options_of(
        self, config: Mapping[str, Any], fields: FieldNames | None = None
    ) -> KindOptions:
        """The kind's options out of the plugin's config (any mapping with the option names)."""
        return KindOptions(
            folder=config[f"{self.name}_dir"],
            title=config[f"{self.name}_title"],
            more={option.name: config[f"{self.name}_{option.name}"] for option in self.options},
            fields=fields or FieldNames(),
            goals=read_goals(config.get("goals")),
        )

    def defaults(self, **more: Any) -> KindOptions:
        """The kind's options as they are by default, with `more` of its own set."""
        own = {option.name: option.default for option in self.options}
        return KindOptions(self.name, self.title, {**own, **more})


class Grouped:
    """One build's reviews and their groupings (genres, authors, years), each worked out once,
    when first asked for: every view, the stats and the listings in pages share them. A kind's
    own grouping is kept with `memo`. `texts` holds each book's page text (front matter and
    Markdown) by src_uri, for what is read from the Markdown (the quotes).

    `books` is every book of the library; `reviews` are the books read (finished or not), the
    ones every grouping, count and average is of; `unread` are those being read or wanted
    (`Review.unread`), which only the reading page and `status` markers list."""

    def __init__(self, reviews: Iterable[Review], texts: Mapping[str, str] | None = None) -> None:
        self.books = list(reviews)
        self.reviews = [review for review in self.books if not review.unread]
        self.unread = [review for review in self.books if review.unread]
        self.texts: Mapping[str, str] = texts or {}
        self._memo: dict[str, Any] = {}

    def memo(self, name: str, make: Callable[[], T]) -> T:
        """What `make` works out of this library, worked out once per build under `name`."""
        if name not in self._memo:
            self._memo[name] = make()
        return cast(T, self._memo[name])

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
        self,
        reviews: Iterable[Review],
        page_url: str,
        *,
        eager: bool = True,
        first_row: int = EAGER_CARDS,
    ) -> list[Markup]:
        """Cards for a page, the first row's (`first_row` cards) covers loading at once when
        `eager`."""
        folder = page_folder(page_url)
        top = folder.partition("/")[0]
        depth = str(folder.count("/") + 1 if folder else 0)
        cards = []
        for index, review in enumerate(reviews):
            at_once = eager and index < first_row
            # A folder ends in "/", a depth is digits: the two kinds of key never meet.
            seen_from = folder + "/" if top and self._leads_into(review, top) else depth
            key = (review.src_uri, seen_from, at_once)
            card = self._made.get(key)
            if card is None:
                card = self._made[key] = self._card(review, page_url, at_once)
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
    src_uri, and the kinds that are on (`kinds`, by name)."""

    renderer: Renderer
    cards: Cards
    urls: Mapping[str, str] = field(default_factory=dict)
    files: Mapping[str, str] = field(default_factory=dict)
    kinds: frozenset[str] = frozenset()


class View(ABC):
    """One kind's generated pages for one build. `kind` is the kind's name (`Kind.name`)."""

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


class GroupPages(View):
    """A kind whose pages are an overview and a page per group of reviews that share a name
    (authors, series): a group has its page when it has `min_reviews` reviews or more, at
    `<folder>/<slug>/`, out of search and of the navigation; headers link to it by its key.
    A subclass sets `folder`, `title`, `groups` and `min_reviews`, and renders."""

    title: str
    groups: Sequence[ReviewGroup]
    min_reviews: int = 1

    def has_page(self, group: ReviewGroup) -> bool:
        """Whether the group gets a page of its own (enough reviews)."""
        return len(group.reviews) >= self.min_reviews

    def pages(self) -> list[ViewPage]:
        return [ViewPage(index_src_uri(self.folder), self.title)] + [
            ViewPage(self._src_uri(g), g.name, g, searchable=False, in_nav=False)
            for g in self.groups
            if self.has_page(g)
        ]

    def links(self, urls: Mapping[str, str]) -> dict[str, str]:
        return {g.key: urls[self._src_uri(g)] for g in self.groups if self.has_page(g)}

    def _src_uri(self, group: ReviewGroup) -> str:
        return member_src_uri(self.folder, group.slug)


def index_src_uri(folder: str) -> str:
    """Where a view's overview pretends to live in docs_dir."""
    return posixpath.join(folder, "index.md")


def member_src_uri(folder: str, slug: str) -> str:
    """Where one of a view's pages pretends to live in docs_dir."""
    return posixpath.join(folder, slug + ".md")


def cut(value: str, limit: int = 60) -> str:
    """A value as a warning quotes it: whole when short, else its start and "..." (a marker's
    value can be any length; its warning stays a line)."""
    return value if len(value) <= limit else value[: limit - 3] + "..."


def suggest(names: list[str], asked: str) -> str:
    """How to fix a name no review has: the closest names, or some names there are."""
    close = difflib.get_close_matches(asked, names, n=3, cutoff=0.6)
    close += difflib.get_close_matches(asked.casefold(), [n.casefold() for n in names], n=3)
    by_fold = {name.casefold(): name for name in names}
    found = list(dict.fromkeys(by_fold.get(name, name) for name in close))[:3]
    if found:
        return "did you mean " + either([repr(name) for name in found]) + "?"
    if not names:
        return "no review has any yet"
    listed = ", ".join(repr(name) for name in sorted(names, key=str.casefold)[:8])
    return f"check its spelling (there are: {listed}{', ...' if len(names) > 8 else ''})"


def select_by_name(
    memo: str,
    groups: Callable[[Grouped], Sequence[ReviewGroup]],
    key_of: Callable[[str], str],
    missing: str,
) -> Callable[[Grouped, str], tuple[Sequence[Review], str | None]]:
    """A `Filter.select` over groups that share a name (genres, authors): the reviews of the
    group whose key is the value's, however it is spelt; or, for a name no group has, `missing`
    (its `{name}` is the value as written, cut) with the closest names. The groups are looked
    up by key once per build (`Grouped.memo` under `memo`)."""

    def select(library: Grouped, name: str) -> tuple[Sequence[Review], str | None]:
        by_key = library.memo(memo, lambda: {group.key: group for group in groups(library)})
        found = by_key.get(key_of(name))
        if found is None:
            known = [group.name for group in by_key.values()]
            return (), missing.format(name=repr(cut(name))) + "; " + suggest(known, name)
        return found.reviews, None

    return select


def either(words: Sequence[str]) -> str:
    """ "a, b or c"."""
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else "".join(words)


def make_views(library: Grouped, options: Sequence[tuple[Kind, KindOptions]]) -> list[View]:
    """The views of a library, one per enabled kind with its options, in the given order (the
    registry's, which the navigation follows)."""
    return [kind.view(library, kind_options) for kind, kind_options in options]
