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
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .front_matter import FrontMatter, LongNumber, split_front_matter
from .text import clean_text, number_text, shown

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
# What a cover can be: image files browsers show (by their ending, as MkDocs has no types).
IMAGE_SUFFIXES = frozenset(
    ".apng .avif .bmp .gif .ico .jfif .jpeg .jpg .jxl .pjpeg .png .svg .tif .tiff .webp".split()
)
# The longest genre or author list a review can have: more is an accident (or an attack), and
# each genre is a page in the site.
MAX_LIST_ITEMS = 100


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
    for src_uri, parsed in pages:
        if parsed.error is not None:
            library.problems.append(
                Problem(
                    src_uri,
                    "front matter",
                    f"is not valid YAML: {parsed.error}",
                    "put quotes around values that contain ': ' or start with a symbol",
                )
            )
            continue
        if parsed.unread is not None:
            if fields.score in parsed.unread_keys:  # meant as a review: say why it is not one
                library.problems.append(
                    Problem(
                        src_uri,
                        "front matter",
                        parsed.unread,
                        "the page is shown as a plain page; "
                        + (
                            "add a `---` line after the last field"
                            if parsed.unread.startswith("has no closing")
                            else "move long text out of the front matter"
                        ),
                    )
                )
            continue
        meta = parsed.meta
        if meta is None or not is_review(meta, fields):
            continue
        review, problems = read_review(
            src_uri, meta, fields=fields, scale=scale, known_files=known_files
        )
        library.reviews[src_uri] = review
        library.problems.extend(
            Problem(
                src_uri,
                key,
                f"is given twice in the front matter (lines {first} and {again})",
                "delete one of them (the last one is used)",
            )
            for key, first, again in parsed.duplicates
        )
        library.problems.extend(problems)
    return library


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
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            text = number_text(value)
            if text is None:
                raise _Bad(f"{shown(value)} is a number too long to be {what}", f"write {what}")
            value = text
        elif isinstance(value, dt.date):
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
        if len(value) > MAX_LIST_ITEMS:
            raise _Bad(
                f"has {len(value):,} names, more than a review can have ({MAX_LIST_ITEMS})",
                "list the book's authors only",
            )
        names = [_text("each author")(item) for item in value]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return _text("the author's name")(value)


def _integer(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = value.strip() if isinstance(value, str) else ""
    # Only short digit strings: int() refuses (raises on) strings of thousands of digits.
    if 0 < len(text) <= 20 and text.isascii() and text.isdigit():
        return int(text)
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
    if isinstance(value, LongNumber):  # an integer of thousands of digits
        number = math.inf
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
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
    return number + 0.0  # -0.0 becomes 0.0, which shows as "0"


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
    if posixpath.splitext(target)[1].lower() not in IMAGE_SUFFIXES:
        raise _Bad(
            f"{shown(value)} is not an image file",
            "point to the cover's .jpg, .png, .webp, .gif, .avif or .svg file",
        )
    if any(part.startswith(".") for part in target.split("/")):
        raise _Bad(
            f"{shown(value)} is a hidden file, which MkDocs does not publish",
            "rename the cover (or its folder) so it does not start with a dot",
        )
    if target not in known_files:
        looked = "docs_dir/" + target
        if not looked.isprintable() or len(looked) > 200:  # a newline or tab stays visible
            looked = shown(looked, 200)
        raise _Bad(
            f"{shown(value)} does not exist (looked for {looked})",
            "check the file name, or write the path relative to this page",
        )
    return Cover(src_uri=target)


def _genres(value: object) -> tuple[str, ...]:
    items: list[Any]
    if isinstance(value, str):
        count = value.count(",") + 1
        items = list(value.split(",", MAX_LIST_ITEMS))[:MAX_LIST_ITEMS]
    elif isinstance(value, list):
        count = len(value)
        items = value[:MAX_LIST_ITEMS]
    elif value is None:
        return ()
    else:
        count, items = 1, [value]
    names: dict[str, None] = {}  # in order, each once
    bad: list[object] = []
    for item in items:
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            item = number_text(item) or item  # a number too long to be a name stays bad
        if isinstance(item, str):
            name = clean_text(item)
            if name:
                names[name] = None
        else:
            bad.append(item)
    if count > MAX_LIST_ITEMS:
        raise _Bad(
            f"has {count:,} names, more than a review can have ({MAX_LIST_ITEMS})",
            f"keep the list short: the first {MAX_LIST_ITEMS} are used",
            partial=tuple(names),
        )
    if bad:
        raise _Bad(
            f"has {shown(bad[0])}, which is not a genre name",
            'write genres as a list of names, like ["Sci-Fi", "Fiction"]',
            partial=tuple(names),
        )
    return tuple(names)
