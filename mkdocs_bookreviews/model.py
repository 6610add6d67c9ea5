"""Reviews and the library: front matter in, typed values and a list of problems out.

Nothing here imports MkDocs. A review is read from the parsed front matter of a Markdown page;
every field is looked up by its path in `fields:` and validated on its own (`fields.py`), so
one bad field never costs the others: the review keeps every valid value and each bad field
yields exactly one `Problem`, phrased for the person who wrote it and naming the field as the
`fields:` option names it (`review.rating`). A library whose pages have front matter but no
review among them has one problem of its own, naming the `review_field` and the keys they have.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from typing import Any

from . import fields as parse
from .covers import CoverFinder, remote
from .credits import made_by as credited_by
from .credits import titled
from .fields import (
    DID_NOT_FINISH,
    MONTHS,
    READ,
    READING,
    WANTED,
    Bad,
    Cover,
    Credit,
    Missing,
    Paths,
    ReadDate,
    find,
    is_empty,
    paths_of,
)
from .front_matter import FrontMatter, split_front_matter
from .language import gettext
from .text import join_names, shown

__all__ = [
    "DID_NOT_FINISH",
    "MONTHS",
    "READ",
    "READING",
    "WANTED",
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
    "no_reviews",
    "read_library",
    "read_review",
    "title_from_path",
]


@dataclass(frozen=True)
class FieldNames:
    """The front-matter key, or dotted path (`book.title`), of each review field; or several,
    tried in order, the first present winning (`isbn: (book.isbn13, book.isbn10)`)."""

    title: Paths = "title"
    author: Paths = "author"
    year: Paths = "year"
    month: Paths = "month"
    date: Paths = "date"
    score: Paths = "score"
    image: Paths = "image"
    genre: Paths = "genre"
    did_not_finish: Paths = "did_not_finish"
    summary: Paths = "summary"
    spoilers: Paths = "spoilers"
    series: Paths = "series"
    series_number: Paths = "series_number"
    isbn: Paths = "isbn"
    pages: Paths = "pages"
    published: Paths = "published"
    cover_alt: Paths = "cover_alt"
    status: Paths = "status"

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """Every field name, as the keys of the `fields:` option."""
        return tuple(f.name for f in dataclass_fields(cls))

    @classmethod
    def of(cls, configured: Mapping[str, str | list[str] | tuple[str, ...]]) -> FieldNames:
        """The names from the `fields:` option, where a list of paths may stand for one."""
        names = cls.names()
        return cls(**{k: _paths(v) for k, v in configured.items() if k in names})

    def paths(self, name: str) -> tuple[str, ...]:
        """Every path of the field `name`, in the order they are tried."""
        return paths_of(getattr(self, name))

    def first(self, name: str) -> str:
        """The first path of the field `name`: where `new` and `import` write it."""
        return self.paths(name)[0]

    def shown(self, name: str) -> str:
        """The field's paths for a message: "`book.isbn13`" or "`book.isbn13` or `isbn`"."""
        return " or ".join(f"`{path}`" for path in self.paths(name))


def _paths(value: str | list[str] | tuple[str, ...]) -> Paths:
    return value if isinstance(value, str) else tuple(value)


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
    # read (the default), reading, want to read, or did not finish (`did_not_finish: true`)
    status: str = READ
    summary: str | None = None
    spoilers: bool = False
    series: str | None = None
    series_number: str | None = None
    isbn: str | None = None
    pages: int | None = None
    published: int | None = None  # negative before the common era: -600 is 600 BCE
    cover_alt: str | None = None

    @property
    def did_not_finish(self) -> bool:
        """Whether the reader gave up on the book (`status: did not finish`)."""
        return self.status == DID_NOT_FINISH

    @property
    def unread(self) -> bool:
        """Whether the book is being read or wanted: a page of the library, not a review (no
        score shown, out of the counts, the feed and the Review JSON-LD)."""
        return self.status in (READING, WANTED)

    @property
    def author(self) -> str | None:
        """The authors for people: "A", "A and B", "A, B and C"."""
        return join_names(self.authors) if self.authors else None

    @property
    def creators(self) -> tuple[str, ...]:
        """Whom the book is filed under (author pages, the stats, listings, the shelf's
        author order, the theme's author tag): its authors, or, for a book without one,
        everyone it credits (an anthology's editor, a retelling's reteller and illustrator)."""
        if self.authors:
            return self.authors
        return tuple(dict.fromkeys(credit.name for credit in self.credits))

    @property
    def made_by(self) -> str:
        """Who the book is by, as cards show it: "A and B", or "edited by Alice Wong"."""
        return credited_by(self.authors, self.credits)

    @property
    def heading(self) -> str:
        """The book's one-line name: "Title by Author", "Title, edited by Alice Wong"."""
        return titled(self.title, self.authors, self.credits)

    @property
    def cover_description(self) -> str:
        """The cover's text alternative: `cover_alt`, or "Cover of Title by Author" (in the
        site's language)."""
        # TRANSLATORS: a cover's description for screen readers; %(book)s is "Title by Author".
        return self.cover_alt or gettext("Cover of %(book)s") % {"book": self.heading}

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


def is_review(meta: Mapping[str, Any] | None, paths: Paths) -> bool:
    """A page is a review when its front matter has the review field (`review_field`, by its
    path, or any of its paths, in `fields:`), whatever its value."""
    return meta is not None and _has(meta, paths)


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
        paths = fields.paths(name)
        try:
            path, value = find(meta, paths)
        except Missing:
            if required:
                others = "".join(f" (or `{other}:`)" for other in paths[1:])
                fix = f"add `{paths[0]}:`{others} to the front matter"
                problems.append(Problem(src_uri, paths[0], "is missing", fix))
            return None
        except Bad as bad:
            problems.append(Problem(src_uri, bad.path or paths[0], bad.found, bad.fix))
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
        status=_status(src_uri, check, problems, fields),
        summary=check("summary", parse.text("a one-line summary")),
        spoilers=bool(check("spoilers", parse.boolean)),
        series=check("series", parse.text("the series' name")),
        series_number=check("series_number", parse.series_number),
        isbn=check("isbn", parse.isbn),
        pages=check("pages", parse.pages),
        published=check("published", parse.published_year),
        cover_alt=check("cover_alt", parse.text("the cover's description")),
    )
    return review, problems


def _status(
    src_uri: str, check: Callable[..., Any], problems: list[Problem], fields: FieldNames
) -> str:
    """The book's status: `status`, with `did_not_finish: true` as "did not finish"; a book
    being read or wanted that is also marked not finished keeps its status, with a warning."""
    written = check("status", parse.status)
    gave_up = bool(check("did_not_finish", parse.boolean))
    if gave_up and written in (READING, WANTED):
        problems.append(
            Problem(
                src_uri,
                fields.first("did_not_finish"),
                f"is true, but {fields.first('status')} says {written!r}",
                "remove one of them",
            )
        )
        return str(written)
    return DID_NOT_FINISH if gave_up else written or READ


def unread_status(meta: Mapping[str, Any], fields: FieldNames) -> bool:
    """Whether a page's front matter says it is a book being read or wanted (which makes it a
    page of the library without the review field); any other value does not (Material's own
    page `status: new` stays Material's)."""
    value = _value(meta, fields.status)
    try:
        return parse.status(value) in (READING, WANTED)
    except Bad:
        return False


def _value(meta: Mapping[str, Any], paths: Paths) -> object:
    """The value of the first present of `paths`, or None when they find none (or the first
    meets a non-mapping)."""
    try:
        return find(meta, paths)[1]
    except (Missing, Bad):
        return None


def _has(meta: Mapping[str, Any], paths: Paths) -> bool:
    """Whether the front matter has one of `paths`; one that meets a value that is not a
    mapping counts (it is a bad field)."""
    try:
        find(meta, paths)
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
    scope: str = "",
) -> Library:
    """Read every review among `pages`, pairs of (src_uri, Markdown text)."""
    return library_from_front_matter(
        ((src_uri, split_front_matter(text)) for src_uri, text in pages),
        fields=fields,
        scale=scale,
        known_files=known_files,
        review_field=review_field,
        covers=covers,
        scope=scope,
    )


def library_from_front_matter(
    pages: Iterable[tuple[str, FrontMatter]],
    *,
    fields: FieldNames,
    scale: int,
    known_files: Container[str],
    review_field: str = "score",
    covers: CoverFinder | None = None,
    scope: str = "",
) -> Library:
    """Read every review among `pages`, pairs of (src_uri, parsed front matter); a page is a
    review when its front matter has `review_field` (a field name, looked up by its paths).
    `scope` is the `reviews_dir` the pages come from: when pages there have front matter and
    none is a review, that is a problem of its own (see `no_reviews`)."""
    review_paths = fields.paths(review_field)
    library = Library()
    review_keys = {path.split(".")[0] for path in review_paths}
    headed = 0  # pages in scope with a non-empty front matter mapping
    seen = 0  # pages in scope
    keys: Counter[str] = Counter()  # their top-level keys
    for src_uri, parsed in pages:
        seen += 1
        if parsed.meta:
            headed += 1
            keys.update(k for k in parsed.meta if isinstance(k, str) and _readable_key(k))
        if parsed.error is not None:
            if not review_keys & parsed.unread_keys:
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
            if review_keys & parsed.unread_keys:  # meant as a review: say why it is not one
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
        if meta is None or not (is_review(meta, review_paths) or unread_status(meta, fields)):
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
    if headed and not library.reviews and not library.problems:
        library.problems.append(no_reviews(scope, review_field, review_paths, headed, keys))
    folder = scope.strip("/")
    if folder and not seen:
        # A new site before its first review, or a reviews_dir that names no folder of pages.
        library.problems.append(
            Problem(
                f"{folder}/",
                "reviews_dir",
                f"{folder!r} has no pages in docs_dir, so no page is a review",
                "write one there (`bookreviews new` does), or set reviews_dir to the folder "
                "your reviews are in",
            )
        )
    return library


KEYS_SHOWN = 5  # the most used keys a `no_reviews` problem names


def _readable_key(key: str) -> bool:
    return key.isprintable() and 0 < len(key) <= 40


def no_reviews(
    scope: str, review_field: str, review_paths: tuple[str, ...], headed: int, keys: Counter[str]
) -> Problem:
    """Pages in scope have front matter and none is a review: almost always `fields:` or
    `review_field` not matching how the collection is written (`rating:` for `score:`).
    Names the path looked for and the keys those pages do have, most used first."""
    where = f"{scope.strip('/')}/" if scope.strip("/") else "docs_dir"
    looked = " or ".join(f"`{path}`" for path in review_paths)
    if review_paths != (review_field,):
        looked += f" ({review_field})"
    pages = f"{headed:,} page{'' if headed == 1 else 's'}"
    common = ", ".join(f"{key} ({count:,})" for key, count in keys.most_common(KEYS_SHOWN))
    have = f"; their most used keys: {common}" if common else ""
    return Problem(
        where,
        "review_field",
        f"{looked} is in none of the {pages} with front matter here, so there are no reviews{have}",
        f"point `fields: {review_field}:` at the key that holds it (a dotted path for a nested "
        "one), or set `review_field` to a field these pages have",
    )


def title_from_path(src_uri: str) -> str:
    """A readable title from a file name, as MkDocs makes one: `the-road.md` -> `The road`."""
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    words = stem.replace("-", " ").replace("_", " ").strip()
    return words.capitalize() if words.lower() == words else words


def format_score(score: float) -> str:
    """3.25 -> "3.25", 4.0 -> "4", 3.5 -> "3.5"."""
    return f"{score:.2f}".rstrip("0").rstrip(".")
