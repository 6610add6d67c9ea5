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
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from ..covers import check_pattern
from ..goals import goal_problems
from ..language import (
    ENGLISH,
    Language,
    catalog_of,
    language_problem,
    shipped,
    strings_problems,
)
from ..model import FieldNames
from ..paths import duplicate_field_paths, output_clashes, whole_number
from ..views.registry import KINDS


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


def _field_options() -> dict[str, base.BaseConfigOption[Any]]:
    """One option per review field (`model.FieldNames`, where the fields are declared), its
    default the field's own key."""
    defaults = FieldNames()
    return {name: FieldPaths(default=defaults.first(name)) for name in FieldNames.names()}


def _kind_options() -> dict[str, base.BaseConfigOption[Any]]:
    """Each kind's options (`views/registry.py`), in its order: `<kind>` (a kind with no
    default of its own (None) is on unless a page of the user's own has its overview's URL; true
    turns it on whatever is there, the user's page winning with a warning; false turns it off),
    `<kind>_dir`, `<kind>_title`, and the kind's own (`authors_min_reviews`)."""
    options: dict[str, base.BaseConfigOption[Any]] = {}
    for kind in KINDS:
        options[kind.name] = (
            c.Optional(c.Type(bool)) if kind.on is None else c.Type(bool, default=kind.on)
        )
        options[f"{kind.name}_dir"] = c.Type(str, default=kind.name)
        options[f"{kind.name}_title"] = c.Type(str, default=kind.title)
        for option in kind.options:
            options[f"{kind.name}_{option.name}"] = (
                c.Optional(c.Type(option.type))
                if option.default is None
                else c.Type(option.type, default=option.default)
            )
    return options


if TYPE_CHECKING:

    class FieldNamesConfig(base.Config):
        """Which front-matter key, or dotted path into nested mappings, holds each field."""

else:
    # Which front-matter key, or dotted path into nested mappings (`review.rating`), holds
    # each review field (for files that say `rating`, `tags` or `book: {title: ...}`); a list
    # of them is tried in order, the first present winning (`isbn: [book.isbn13, book.isbn10]`).
    FieldNamesConfig = type("FieldNamesConfig", (base.Config,), _field_options())


class _BeforeKindsConfig(base.Config):
    """The plugin's options that come before the kinds' in its schema (and its errors)."""

    enabled = c.Type(bool, default=True)

    # Which pages are reviews: those whose front matter has the `review_field` (by its path
    # in `fields`), optionally only below this folder of docs_dir.
    reviews_dir = c.Type(str, default="")
    fields = c.SubConfig(FieldNamesConfig)
    review_field = c.Choice(FieldNames.names(), default="score")
    scale = c.Type(int, default=5)
    # Where covers are found by convention, tried in order for reviews that name no local
    # cover: `{folder}/cover.*`, `/covers/{year}/{slug}.*`.
    covers = c.ListOfItems(c.Type(str), default=[])

    # `quotes` (the review pages' blockquotes styled and anchored) is the quotes kind's own
    # switch, declared with it (views/quotes.py).
    # Review pages: onward links at the end of each (onward.py): more by its author, more in
    # its genre (each a row of up to `onward_covers` covers), the books read before and after.
    onward = c.Type(bool, default=True)
    onward_covers = c.Type(int, default=4)

    # MkDocs' automatic navigation costs every page time in proportion to the whole nav, so
    # "compact" keeps reviews and genre pages out of it (they stay built, searchable, linked
    # from the genres overview, which stays); "full" puts them all in; "auto" is full up to
    # `nav_limit` reviews and compact above.
    nav = c.Choice(("auto", "full", "compact"), default="auto")
    nav_limit = c.Type(int, default=200)


# The views (views/): generated pages of the whole library, each kind's options made from its
# declaration in the registry (`_kind_options`); they are read by name (`Kind.options_of`).
if TYPE_CHECKING:

    class _KindsConfig(_BeforeKindsConfig):
        """The options before the kinds', then every kind's."""

else:
    _KindsConfig = type("_KindsConfig", (_BeforeKindsConfig,), _kind_options())


class BookReviewsConfig(_KindsConfig):
    """Options of the `bookreviews` plugin; see the README's configuration table."""

    # Being found and followed (reach/): the feed, Review JSON-LD, link-preview tags. The feed
    # needs site_url: None means "when site_url is set", true warns when it is not.
    feed = c.Optional(c.Type(bool))
    feed_path = c.Type(str, default="feed.xml")
    feed_rss_path = c.Optional(c.Type(str))
    feed_limit = c.Type(int, default=20)
    structured_data = c.Type(bool, default=True)
    social_tags = c.Type(bool, default=True)
    review_author = c.Optional(c.Type(str))

    # Reading goals: books per year (`{2026: 52}`), shown on the year's page and the stats.
    goals = c.Type(dict, default={})

    # Look and overrides.
    css = c.Type(bool, default=True)
    templates_dir = c.Optional(c.Dir(exists=True))

    # The language of the plugin's texts: the theme's (Material's `language`, MkDocs' themes'
    # `locale`) unless set here; and your own wording of any text, for every language or one.
    language = c.Optional(c.Type(str))
    strings = c.Type(dict, default={})


FIELD_NAMES = FieldNames.names()
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
    "onward_covers": (1, 12),  # covers in each row at a review's end
    # Each kind's own numbers (authors_min_reviews).
    **{
        f"{kind.name}_{option.name}": option.bounds
        for kind in KINDS
        for option in kind.options
        if option.bounds is not None
    },
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
    if options["language"] is not None and (why := language_problem(options["language"])):
        errors.append(("language", why))
    errors.extend(("strings", why) for why in strings_problems(options["strings"]))
    errors.extend(("goals", why) for why in goal_problems(options["goals"]))
    return errors


def theme_language(theme: Any) -> str | None:
    """The language the theme writes its pages in: Material's and MaterialX's `language`, or
    MkDocs' own themes' `locale` (a Babel `Locale`, or MkDocs' stand-in for one, or text)."""
    for key in ("language", "locale"):
        value = theme.get(key) if hasattr(theme, "get") else None
        if value:
            return str(value)
    return None


def site_language(options: Any, theme: Any) -> tuple[Language, str | None]:
    """The language of the plugin's texts and a note for the log: the `language` option, else
    the theme's language when the plugin ships it, else English (the note says so, and how to
    choose). The `strings` option's wording goes over it."""
    page = theme_language(theme)
    wanted = options["language"] or page or ENGLISH
    tag = catalog_of(wanted)
    note = None
    if tag is None:  # the theme's language; an option the plugin lacks is a config error
        note = (
            f"the theme's language {wanted!r} is not one the plugin writes "
            f"({', '.join(shipped())}): its texts are in English; set the plugin's "
            "`language` option to choose, or `strings` to word them yourself"
        )
        tag, wanted = ENGLISH, ENGLISH
    strings = options["strings"] or {}
    return Language(tag, locale=wanted, strings=strings, page_tag=page), note


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
