"""Reviews and the library: front matter in, typed values and a list of problems out.

Nothing here imports MkDocs. A review is read from the text of a Markdown page; every field is
validated on its own, so one bad field never costs the others: the review keeps every valid
value and each bad field yields exactly one `Problem`, phrased for the person who wrote it.
"""

from __future__ import annotations

import datetime as dt
import math
import posixpath
import re
import unicodedata
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

# The same front-matter boundaries MkDocs uses (mkdocs.utils.meta.YAML_RE), so that what we read
# as a review's header is exactly what MkDocs strips from the page.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
_YAML = YAMLHandler()

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_NUMBERS = {name.casefold(): i for i, name in enumerate(MONTHS, 1)}
_MONTH_NUMBERS.update({name[:3].casefold(): i for i, name in enumerate(MONTHS, 1)})
_MONTH_NUMBERS["sept"] = 9

_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_SHOWN_LIMIT = 60
_UNSHOWN = frozenset({"Cc", "Cs"})


@dataclass(frozen=True)
class FieldNames:
    """The front-matter key of each review field."""

    title: str = "title"
    author: str = "author"
    year: str = "year"
    month: str = "month"
    score: str = "score"
    image: str = "image"
    genre: str = "genre"


@dataclass(frozen=True)
class Problem:
    """One bad field of one review: where it is, what was found, how to fix it."""

    src_uri: str
    field: str
    found: str
    fix: str

    @property
    def message(self) -> str:
        """The warning line, e.g. `r.md: score 'four' is not a number; use a number ...`."""
        return f"{self.src_uri}: {self.field} {self.found}; {self.fix}"


@dataclass(frozen=True)
class Cover:
    """Where a review's cover is: a file inside docs_dir (`src_uri`) or an http(s) `url`."""

    src_uri: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Review:
    """The valid values of one review; a field that was missing or bad is None or empty."""

    src_uri: str
    title: str
    author: str | None = None
    year: int | None = None
    month: int | None = None
    score: float | None = None
    cover: Cover | None = None
    genres: tuple[str, ...] = ()

    @property
    def read_on(self) -> str:
        """When the book was read, for people: "February 2025", "2025", or ""."""
        month = MONTHS[self.month - 1] if self.month else ""
        return " ".join(part for part in (month, str(self.year or "")) if part)

    @property
    def sort_key(self) -> tuple[int, int, str, str]:
        """Newest read first when sorted ascending; undated reviews last, then by title."""
        return (-(self.year or 0), -(self.month or 0), self.title.casefold(), self.src_uri)


@dataclass
class Library:
    """Every review of a site, by source path, and every problem found while reading them."""

    reviews: dict[str, Review] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def shown(value: object) -> str:
    """A value as a warning quotes it: repr-like, shortened, on one line."""
    text = repr(value) if not isinstance(value, str) else "'" + value + "'"
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN_LIMIT else text[: _SHOWN_LIMIT - 1] + "…'"


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, str | None]:
    """Parse a page's YAML front matter as MkDocs would.

    Returns `(meta, None)` for a page with a valid header (`{}` for an empty one), `(None,
    None)` for a page with none (or whose `---` lines hold YAML that is not a mapping, which
    MkDocs shows as content), and `(None, error)` when the header is not valid YAML.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None, None
    try:
        meta = _YAML.load(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(error, "problem", None) or "cannot be parsed"
        return None, f"{problem}{where}"
    if meta is None:  # an empty header, or one holding only comments
        return {}, None
    if not isinstance(meta, dict):
        # Not front matter but content (a page opening with a horizontal rule): MkDocs shows it.
        return None, None
    return meta, None


def markdown_after_front_matter(text: str) -> str | None:
    """The Markdown MkDocs keeps of a page whose front matter is a non-empty mapping: the text
    after the closing line, leading blank lines dropped (as `mkdocs.utils.meta.get_data`).

    None when there is no front matter to take off.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    match = _FRONT_MATTER.match(text)
    return None if match is None else text[match.end() :].lstrip("\n")


def is_review(meta: Mapping[str, Any] | None, fields: FieldNames) -> bool:
    """A page is a review when its front matter has the score field, whatever its value."""
    return meta is not None and fields.score in meta


def read_review(
    src_uri: str,
    meta: Mapping[str, Any],
    *,
    fields: FieldNames,
    scale: int,
    known_files: Container[str],
) -> tuple[Review, list[Problem]]:
    """Validate one review's front matter; `known_files` holds the src_uri of every docs file."""
    problems: list[Problem] = []

    def check(key: str, parse: Callable[[object], Any], *, required: bool = False) -> Any:
        if key not in meta:
            if required:
                problems.append(
                    Problem(src_uri, key, "is missing", f"add `{key}:` to the front matter")
                )
            return None
        try:
            return parse(meta[key])
        except _Bad as bad:
            problems.append(Problem(src_uri, key, bad.found, bad.fix))
            return bad.partial

    title = check(fields.title, _text("a title"), required=True)
    author = check(fields.author, _author, required=True)
    year = check(fields.year, _year)
    month = check(fields.month, _month)
    if month is None and fields.month not in meta and isinstance(meta.get(fields.year), dt.date):
        month = meta[fields.year].month
    score = check(fields.score, lambda value: _score(value, scale))
    cover = check(fields.image, lambda value: _cover(value, src_uri, known_files))
    genres = check(fields.genre, _genres)
    review = Review(
        src_uri=src_uri,
        title=title or title_from_path(src_uri),
        author=author,
        year=year,
        month=month,
        score=score,
        cover=cover,
        genres=genres or (),
    )
    return review, problems


# What `split_front_matter` returns: (meta, None), (None, None) or (None, error).
FrontMatter = tuple[dict[str, Any] | None, str | None]


def read_library(
    pages: Iterable[tuple[str, str]],
    *,
    fields: FieldNames,
    scale: int,
    known_files: Container[str],
) -> Library:
    """Read every review among `pages`, pairs of (src_uri, Markdown text)."""
    return library_from_front_matter(
        ((src_uri, split_front_matter(text)) for src_uri, text in pages),
        fields=fields,
        scale=scale,
        known_files=known_files,
    )


def library_from_front_matter(
    pages: Iterable[tuple[str, FrontMatter]],
    *,
    fields: FieldNames,
    scale: int,
    known_files: Container[str],
) -> Library:
    """Read every review among `pages`, pairs of (src_uri, parsed front matter)."""
    library = Library()
    for src_uri, (meta, error) in pages:
        if error is not None:
            library.problems.append(
                Problem(
                    src_uri,
                    "front matter",
                    f"is not valid YAML: {error}",
                    "put quotes around values that contain ': ' or start with a symbol",
                )
            )
            continue
        if meta is None or not is_review(meta, fields):
            continue
        review, problems = read_review(
            src_uri, meta, fields=fields, scale=scale, known_files=known_files
        )
        library.reviews[src_uri] = review
        library.problems.extend(problems)
    return library


def clean_text(text: str) -> str:
    """One line of text: white space runs become one space; control characters and lone
    surrogates go (Python-Markdown uses \x02 and \x03 as placeholders; surrogates can't be
    written as UTF-8)."""
    if text.isprintable():  # no character of category C* (so no Cc or Cs): the usual case
        return " ".join(text.split())
    kept = "".join(ch for ch in text if ch.isspace() or unicodedata.category(ch) not in _UNSHOWN)
    return " ".join(kept.split())


def title_from_path(src_uri: str) -> str:
    """A readable title from a file name, as MkDocs makes one: `the-road.md` -> `The road`."""
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    words = stem.replace("-", " ").replace("_", " ").strip()
    return words.capitalize() if words.lower() == words else words


def format_score(score: float) -> str:
    """3.25 -> "3.25", 4.0 -> "4", 3.5 -> "3.5"."""
    return f"{score:.2f}".rstrip("0").rstrip(".")


class _Bad(Exception):
    """A bad field: what was found, how to fix it, and what of it is still usable."""

    def __init__(self, found: str, fix: str, partial: object = None) -> None:
        super().__init__(found)
        self.found = found
        self.fix = fix
        self.partial = partial


def _text(what: str) -> Callable[[object], str]:
    def parse(value: object) -> str:
        if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise _Bad(f"{shown(value)} is not text", f"write {what} as text")
        text = clean_text(value)
        if not text:
            raise _Bad("is empty", f"write {what}")
        return text

    return parse


def _author(value: object) -> str:
    if isinstance(value, list) and value:
        names = [_text("each author")(item) for item in value]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return _text("the author's name")(value)


def _integer(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    return None


def _year(value: object) -> int:
    if isinstance(value, dt.date):
        return value.year
    year = _integer(value)
    if year is None or not 1 <= year <= 9999:
        raise _Bad(f"{shown(value)} is not a year", "use a four-digit year like 2025")
    return year


def _month(value: object) -> int:
    if isinstance(value, dt.date):
        return value.month
    number = _integer(value)
    if number is None and isinstance(value, str):
        number = _MONTH_NUMBERS.get(value.strip().rstrip(".").casefold())
    if number is None or not 1 <= number <= 12:
        raise _Bad(
            f"{shown(value)} is not a month", "use a month name like February, Feb, or 1 to 12"
        )
    return number


def _score(value: object, scale: int) -> float:
    fix = f"use a number from 0 to {scale}, like 3.25"
    number: float | None = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:  # an integer too big for a float
            number = math.inf
    elif isinstance(value, str):
        number = _number_text(value, scale)
    if number is None or math.isnan(number):
        raise _Bad(f"{shown(value)} is not a number", fix)
    if not 0 <= number <= scale:
        raise _Bad(f"{shown(value)} is outside 0 to {scale}", fix)
    return number


def _number_text(text: str, scale: int) -> float | None:
    """ "4.5", "4,5" and "4.5/5" (a fraction is rescaled to the site's scale)."""
    text = text.strip().replace(",", ".")
    numerator, _, denominator = text.partition("/")
    try:
        number = float(numerator)
        if denominator:
            number = number / float(denominator) * scale
    except (ValueError, ZeroDivisionError):
        return None
    return number if math.isfinite(number) else None


def _cover(value: object, src_uri: str, known_files: Container[str]) -> Cover:
    if not isinstance(value, str) or not value.strip():
        raise _Bad(f"{shown(value)} is not a path", "write the cover's path relative to this page")
    path = value.strip()
    if path.lower().startswith(("http://", "https://")):
        return Cover(url=path)
    if _URL_SCHEME.match(path) or path.startswith(("//", "\\")):
        raise _Bad(
            f"{shown(value)} is not a file in docs_dir or an http(s) URL",
            "put the cover inside docs_dir and write its path relative to this page",
        )
    if path.startswith("/"):
        target = posixpath.normpath(path.lstrip("/"))
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
    if target == ".." or target.startswith("../"):
        raise _Bad(f"{shown(value)} points outside docs_dir", "move the cover into docs_dir")
    if target not in known_files:
        raise _Bad(
            f"{shown(value)} does not exist (looked for docs_dir/{target})",
            "check the file name, or write the path relative to this page",
        )
    return Cover(src_uri=target)


def _genres(value: object) -> tuple[str, ...]:
    items: list[object]
    if isinstance(value, str):
        items = list(value.split(","))
    elif isinstance(value, list):
        items = value
    elif value is None:
        return ()
    else:
        items = [value]
    names: list[str] = []
    bad: list[object] = []
    for item in items:
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            item = str(item)
        if isinstance(item, str):
            name = clean_text(item)
            if name and name not in names:
                names.append(name)
        else:
            bad.append(item)
    if bad:
        raise _Bad(
            f"has {shown(bad[0])}, which is not a genre name",
            'write genres as a list of names, like ["Sci-Fi", "Fiction"]',
            partial=tuple(names),
        )
    return tuple(names)
