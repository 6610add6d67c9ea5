"""Reviews and the library: front matter in, typed values and a list of problems out.

Nothing here imports MkDocs. A review is read from the parsed front matter of a Markdown page;
every field is looked up by its path in `fields:` and validated on its own (`fields.py`), so
one bad field never costs the others: the review keeps every valid value and each bad field
yields exactly one `Problem`, phrased for the person who wrote it and naming the field as the
`fields:` option names it (`review.rating`).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from typing import Any

from . import fields as parse
from .covers import CoverFinder, remote
from .fields import MONTHS, Bad, Cover, Credit, Missing, ReadDate, is_empty, lookup
from .front_matter import FrontMatter, split_front_matter
from .text import join_names, shown

__all__ = [
    "MONTHS",
    "Cover",
    "Credit",
    "FieldNames",
    "Library",
    "Problem",
    "ReadDate",
    "Review",
    "format_score",
    "is_review",
    "library_from_front_matter",
    "read_library",
    "read_review",
    "title_from_path",
]


@dataclass(frozen=True)
class FieldNames:
    """The front-matter key, or dotted path (`book.title`), of each review field."""

    title: str = "title"
    author: str = "author"
    year: str = "year"
    month: str = "month"
    date: str = "date"
    score: str = "score"
    image: str = "image"
    genre: str = "genre"
    did_not_finish: str = "did_not_finish"
    summary: str = "summary"
    spoilers: str = "spoilers"
    series: str = "series"
    series_number: str = "series_number"
    isbn: str = "isbn"
    pages: str = "pages"
    published: str = "published"
    cover_alt: str = "cover_alt"

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """Every field name, as the keys of the `fields:` option."""
        return tuple(f.name for f in dataclass_fields(cls))


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
class Review:
    """The valid values of one review; a field that was missing or bad is None or empty."""

    src_uri: str
    title: str
    authors: tuple[str, ...] = ()
    credits: tuple[Credit, ...] = ()
    reads: tuple[ReadDate, ...] = ()  # oldest first
    score: float | None = None  # None: unrated
    cover: Cover | None = None
    genres: tuple[str, ...] = ()
    did_not_finish: bool = False
    summary: str | None = None
    spoilers: bool = False
    series: str | None = None
    series_number: str | None = None
    isbn: str | None = None
    pages: int | None = None
    published: int | None = None
    cover_alt: str | None = None

    @property
    def author(self) -> str | None:
        """The authors for people: "A", "A and B", "A, B and C"."""
        return join_names(self.authors) if self.authors else None

    @property
    def cover_description(self) -> str:
        """The cover's text alternative: `cover_alt`, or "Cover of Title by Author"."""
        by = f" by {self.author}" if self.authors else ""
        return self.cover_alt or f"Cover of {self.title}{by}"

    @property
    def last_read(self) -> ReadDate | None:
        """When the book was last read: the review's "when read"."""
        return self.reads[-1] if self.reads else None

    @property
    def year(self) -> int | None:
        return self.last_read.year if self.last_read else None

    @property
    def month(self) -> int | None:
        return self.last_read.month if self.last_read else None

    @property
    def read_on(self) -> str:
        """When the book was last read, for people: "February 2025", "2025", or ""."""
        return self.last_read.text if self.last_read else ""

    @property
    def sort_key(self) -> tuple[int, int, int, str, str]:
        """Newest read first when sorted ascending; undated reviews last, then by title."""
        year, month, day = self.last_read.key if self.last_read else (0, 0, 0)
        return (-year, -month, -day, self.title.casefold(), self.src_uri)


@dataclass
class Library:
    """Every review of a site, by source path, and every problem found while reading them."""

    reviews: dict[str, Review] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def is_review(meta: Mapping[str, Any] | None, path: str) -> bool:
    """A page is a review when its front matter has the review field (`review_field`, by its
    path in `fields:`), whatever its value."""
    return meta is not None and _has(meta, path)


def read_review(
    src_uri: str,
    meta: Mapping[str, Any],
    *,
    fields: FieldNames,
    scale: int,
    known_files: Container[str],
    covers: CoverFinder | None = None,
) -> tuple[Review, list[Problem]]:
    """Validate one review's front matter; `known_files` holds the src_uri of every published
    docs file, `covers` finds covers by convention and reads their sizes."""
    problems: list[Problem] = []

    def check(name: str, parser: Callable[[object], Any], *, required: bool = False) -> Any:
        path = getattr(fields, name)
        try:
            value = lookup(meta, path)
        except Missing:
            if required:
                fix = f"add `{path}:` to the front matter"
                problems.append(Problem(src_uri, path, "is missing", fix))
            return None
        except Bad as bad:
            problems.append(Problem(src_uri, path, bad.found, bad.fix))
            return None
        if is_empty(value):  # null or blank: as good as missing (an unrated score, say)
            if required:
                problems.append(Problem(src_uri, path, "is empty", f"write the {name}"))
            return None
        try:
            return parser(value)
        except Bad as bad:
            problems.append(Problem(src_uri, path, bad.found, bad.fix))
            return bad.partial

    title = check("title", parse.text("a title"), required=True)
    authors, credits = check("author", parse.authors, required=True) or ((), ())
    reads = check("date", parse.reads)
    if not reads:  # `date` wins; the flat `year` and `month` are read only without it
        year = check("year", parse.read_year)
        month = check("month", parse.month)
        written_year = _value(meta, fields.year)
        if month is None and isinstance(written_year, dt.date) and not _has(meta, fields.month):
            month = written_year.month  # a date in `year` gives the month too
        reads = (ReadDate(year, month),) if year is not None else ()
    score = check("score", lambda value: parse.score(value, scale))
    image = check("image", lambda value: remote(parse.cover(value, src_uri, known_files), value))
    genres = check("genre", parse.genres)
    last_year = reads[-1].year if reads else None
    review = Review(
        src_uri=src_uri,
        title=title or title_from_path(src_uri),
        authors=authors,
        credits=credits,
        reads=reads,
        score=score,
        cover=covers.choose(src_uri, image, last_year) if covers is not None else image,
        genres=genres or (),
        did_not_finish=bool(check("did_not_finish", parse.boolean)),
        summary=check("summary", parse.text("a one-line summary")),
        spoilers=bool(check("spoilers", parse.boolean)),
        series=check("series", parse.text("the series' name")),
        series_number=check("series_number", parse.series_number),
        isbn=check("isbn", parse.isbn),
        pages=check("pages", parse.pages),
        published=check("published", parse.year),
        cover_alt=check("cover_alt", parse.text("the cover's description")),
    )
    return review, problems


def _value(meta: Mapping[str, Any], path: str) -> object:
    """The value at `path`, or None when the path finds none (or meets a non-mapping)."""
    try:
        return lookup(meta, path)
    except (Missing, Bad):
        return None


def _has(meta: Mapping[str, Any], path: str) -> bool:
    """Whether the front matter has `path`; one that meets a value that is not a mapping
    counts (it is a bad field)."""
    try:
        lookup(meta, path)
    except Missing:
        return False
    except Bad:
        return True
    return True


def read_library(
    pages: Iterable[tuple[str, str]],
    *,
    fields: FieldNames,
    scale: int,
    known_files: Container[str],
    review_field: str = "score",
    covers: CoverFinder | None = None,
) -> Library:
    """Read every review among `pages`, pairs of (src_uri, Markdown text)."""
    return library_from_front_matter(
        ((src_uri, split_front_matter(text)) for src_uri, text in pages),
        fields=fields,
        scale=scale,
        known_files=known_files,
        review_field=review_field,
        covers=covers,
    )


def library_from_front_matter(
    pages: Iterable[tuple[str, FrontMatter]],
    *,
    fields: FieldNames,
    scale: int,
    known_files: Container[str],
    review_field: str = "score",
    covers: CoverFinder | None = None,
) -> Library:
    """Read every review among `pages`, pairs of (src_uri, parsed front matter); a page is a
    review when its front matter has `review_field` (a field name, looked up by its path)."""
    review_path = getattr(fields, review_field)
    library = Library()
    review_key = review_path.split(".")[0]
    for src_uri, parsed in pages:
        if parsed.error is not None:
            if review_key not in parsed.unread_keys:
                continue  # not meant as a review: MkDocs shows it as it is, and so do we
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
            if review_key in parsed.unread_keys:  # meant as a review: say why it is not one
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
        if meta is None or not is_review(meta, review_path):
            continue
        review, problems = read_review(
            src_uri, meta, fields=fields, scale=scale, known_files=known_files, covers=covers
        )
        library.reviews[src_uri] = review
        library.problems.extend(
            Problem(
                src_uri,
                key if key.isprintable() and len(key) <= 60 else shown(key),
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
