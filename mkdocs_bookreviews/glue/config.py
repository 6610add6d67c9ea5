"""The plugin's options, as MkDocs typed config classes, and their one validation.

MkDocs checks each option's type; `settle` checks the rest (unknown keys anywhere in the
options, `scale`, `covers` patterns, the views' and feeds' paths) and turns each mistake into a
configuration error. The plugin calls it from `load_config`, which MkDocs' own `load_config`
runs for `mkdocs build` and `mkdocs serve` and `bookreviews check` runs through that same
function: so the command reports every config error the build does, in the same words, and a
bad config stops both before a page is read.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from ..covers import check_pattern
from ..paths import duplicate_field_paths, output_clashes, whole_number


class FieldPaths(base.BaseConfigOption[str | list[str]]):
    """One field's key or dotted path, or a list of them tried in order (the first present
    wins): `isbn: [book.isbn13, book.isbn10]`."""

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str | list[str]:
        if isinstance(value, str):
            return value
        if not isinstance(value, list):
            raise base.ValidationError(
                f"expected a key or dotted path, or a list of them, not {value!r}"
            )
        if not value:
            raise base.ValidationError(
                "an empty list names no key: write a key or dotted path, or a list of them"
            )
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise base.ValidationError(
                    f"{item!r} in the list is not a key or dotted path: write each as text"
                )
        return list(value)


class FieldNamesConfig(base.Config):
    """Which front-matter key, or dotted path into nested mappings (`review.rating`), holds
    each review field (for files that say `rating`, `tags` or `book: {title: ...}`); a list of
    them is tried in order, the first present winning (`isbn: [book.isbn13, book.isbn10]`)."""

    title = FieldPaths(default="title")
    author = FieldPaths(default="author")
    year = FieldPaths(default="year")
    month = FieldPaths(default="month")
    date = FieldPaths(default="date")
    score = FieldPaths(default="score")
    image = FieldPaths(default="image")
    genre = FieldPaths(default="genre")
    did_not_finish = FieldPaths(default="did_not_finish")
    summary = FieldPaths(default="summary")
    spoilers = FieldPaths(default="spoilers")
    series = FieldPaths(default="series")
    series_number = FieldPaths(default="series_number")
    isbn = FieldPaths(default="isbn")
    pages = FieldPaths(default="pages")
    published = FieldPaths(default="published")
    cover_alt = FieldPaths(default="cover_alt")


class BookReviewsConfig(base.Config):
    """Options of the `bookreviews` plugin; see the README's configuration table."""

    enabled = c.Type(bool, default=True)

    # Which pages are reviews: those whose front matter has the `review_field` (by its path
    # in `fields`), optionally only below this folder of docs_dir.
    reviews_dir = c.Type(str, default="")
    fields = c.SubConfig(FieldNamesConfig)
    review_field = c.Choice(tuple(name for name, _ in FieldNamesConfig._schema), default="score")
    scale = c.Type(int, default=5)
    # Where covers are found by convention, tried in order for reviews that name no local
    # cover: `{folder}/cover.*`, `/covers/{year}/{slug}.*`.
    covers = c.ListOfItems(c.Type(str), default=[])

    # Review pages.
    quotes = c.Type(bool, default=True)

    # MkDocs' automatic navigation costs every page time in proportion to the whole nav, so
    # "compact" keeps reviews and genre pages out of it (they stay built, searchable, linked
    # from the genres overview, which stays); "full" puts them all in; "auto" is full up to
    # `nav_limit` reviews and compact above.
    nav = c.Choice(("auto", "full", "compact"), default="auto")
    nav_limit = c.Type(int, default=200)

    # The views (views/): generated pages of the whole library. The shelf, authors, years and
    # stats are on by default (None), but stay off without a word where a page of the user's
    # own already has the overview's URL (`stats.md`); true turns one on whatever is there
    # (the user's page wins, with a warning), false turns it off.

    # Generated shelf: `shelf/`, every review as a cover card, sortable and filterable.
    shelf = c.Optional(c.Type(bool))
    shelf_dir = c.Type(str, default="shelf")
    shelf_title = c.Type(str, default="Shelf")

    # Generated genre pages.
    genres = c.Type(bool, default=True)
    genres_dir = c.Type(str, default="genres")
    genres_title = c.Type(str, default="Genres")

    # Generated author pages: `authors/` and `authors/<slug>/` for each author with at least
    # `authors_min_reviews` reviews (the overview lists the others with their books); None:
    # 1 up to 200 reviews, 2 above (most authors of a large library have one review).
    authors = c.Optional(c.Type(bool))
    authors_dir = c.Type(str, default="authors")
    authors_title = c.Type(str, default="Authors")
    authors_min_reviews = c.Optional(c.Type(int))

    # Generated year pages: `years/` and `years/<yyyy>/`, the reviews read that year.
    years = c.Optional(c.Type(bool))
    years_dir = c.Type(str, default="years")
    years_title = c.Type(str, default="Years")

    # Generated statistics: `stats/`, charts of the whole library.
    stats = c.Optional(c.Type(bool))
    stats_dir = c.Type(str, default="stats")
    stats_title = c.Type(str, default="Stats")

    # Being found and followed (reach/): the feed, Review JSON-LD, link-preview tags. The feed
    # needs site_url: None means "when site_url is set", true warns when it is not.
    feed = c.Optional(c.Type(bool))
    feed_path = c.Type(str, default="feed.xml")
    feed_rss_path = c.Optional(c.Type(str))
    feed_limit = c.Type(int, default=20)
    structured_data = c.Type(bool, default=True)
    social_tags = c.Type(bool, default=True)
    review_author = c.Optional(c.Type(str))

    # Look and overrides.
    css = c.Type(bool, default=True)
    templates_dir = c.Optional(c.Dir(exists=True))


FIELD_NAMES = tuple(name for name, _ in FieldNamesConfig._schema)
OPTION_NAMES = tuple(name for name, _ in BookReviewsConfig._schema)
# What MkDocs says of a key no schema has (mkdocs/config/base.py), in a plugin's option or in a
# sub-option (`fields:`); `settle` says it instead, as an error.
UNKNOWN = "Unrecognised configuration name: "


def unknown_key(key: str, valid: Iterable[str], kind: str, *, list_all: bool = True) -> str:
    """`'scor' is not a field; did you mean 'score'? The fields are: title, author, ...`: the
    closest name when one is close, and every name unless `list_all` is off and one is."""
    names = list(valid)
    close = difflib.get_close_matches(key, names, n=1)
    told = f"{key!r} is not {'an' if kind[0] in 'aeiou' else 'a'} {kind}"
    listed = f"{kind}s are: {', '.join(names)}"
    if not close:
        return f"{told}; the {listed}"
    maybe = f"{told}; did you mean {close[0]!r}?"
    return f"{maybe} The {listed}" if list_all else maybe


def unknown_keys(options: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Each key of the plugin's options, and of its `fields:`, that is not one of them."""
    errors = [
        (key, unknown_key(str(key), OPTION_NAMES, "option", list_all=False))
        for key in options
        if key not in OPTION_NAMES
    ]
    fields = options.get("fields")
    if isinstance(fields, Mapping):
        errors.extend(
            ("fields", unknown_key(str(key), FIELD_NAMES, "field"))
            for key in fields
            if key not in FIELD_NAMES
        )
    return errors


# The bounds of every number that sizes what the plugin writes (see the README's options):
# (lowest, highest or None for no bound). A bool is never a number here (`scale: true`).
NUMBER_BOUNDS: dict[str, tuple[int, int | None]] = {
    "scale": (1, 100),  # a 5-, 10- or 100-point scale; stars and charts are drawn per step
    "feed_limit": (0, 10_000),  # 0 is every review
    "nav_limit": (0, None),  # decides the navigation's shape only
    "authors_min_reviews": (1, 10_000),
}


def option_errors(options: Any) -> list[tuple[str, str]]:
    """What MkDocs' types let through: numbers out of their bounds, a `covers` pattern that
    cannot work, two fields reading one key, and every path option checked by the one rule
    (`paths.output_clashes`, which also tidies them)."""
    errors = []
    for option, (low, high) in NUMBER_BOUNDS.items():
        value = options[option]
        if value is not None and (why := whole_number(option, value, low, high)) is not None:
            errors.append((option, why))
    for pattern in options["covers"]:
        if (why := check_pattern(pattern)) is not None:
            errors.append(("covers", f"pattern {pattern!r}: {why}"))
    errors.extend(("fields", why) for why in duplicate_field_paths(dict(options["fields"])))
    errors.extend(output_clashes(options))
    return errors


def settle(
    options: BookReviewsConfig, errors: list[tuple[str, Exception]], warnings: list[Any]
) -> tuple[list[tuple[str, Exception]], list[Any]]:
    """MkDocs' errors and warnings for the plugin's options (`Config.validate`), with every
    unknown key an error of its own instead of a warning, and the options checked beyond their
    types once those are right."""
    kept = [w for w in warnings if not (isinstance(w, tuple) and UNKNOWN in str(w[1]))]
    mistakes = unknown_keys(options)
    if not errors and not mistakes:
        mistakes = option_errors(options)
    return [*errors, *((key, ValidationError(why)) for key, why in mistakes)], kept
