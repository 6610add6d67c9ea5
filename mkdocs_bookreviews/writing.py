"""A book -> the text of its review page, with the site's own field names.

Pure: no files are touched here. Every field is written under the key or dotted path the site
configured in `fields:` (a dotted path becomes nested mappings; of a list of paths, the first),
in the shapes the plugin reads:
`date` one `YYYY-MM-DD` per read (a list when read more than once), `score` on the site's scale
with quarter steps kept, `did_not_finish: true`, `status: reading` or `status: want to read`
(a book being read or wanted, with no `score: null`), `author` as text or a list. No `image` is
written: covers cannot be fetched here, and a path to a file that does not exist would be a
broken cover. Each imported page records `source` and `source_id`, which is how a later import
recognises the book (see `match_keys`). The front matter is written as YAML by
`escaping.yaml_mapping`; a new page's file name is the title's slug (`names.file_slug`).
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .escaping import yaml_mapping
from .fields import READING, WANTED, Bad, Missing, Paths, find, paths_of
from .fields import isbn as parse_isbn
from .fields import status as parse_status
from .importers import ImportedBook
from .importers.values import isbn13
from .names import file_slug
from .text import number_text

NEW_REVIEW_BODY = "<!-- Write your review here; this line is not shown. -->\n"


@dataclass(frozen=True)
class Schema:
    """How the site reads reviews: where each field goes, the score scale, and what the
    installed plugin understands."""

    # field name -> key or dotted path, or several (the first present is read; the first is
    # where `new` and `import` write)
    field_paths: Mapping[str, Paths]
    scale: int = 5
    # `score: null` keeps an unrated book a review when reviews are found by their score field
    # (`review_field: score`, the default); with another review field it is left out.
    unrated_as_null: bool = True


def score_on_scale(score: float, score_scale: int, scale: int) -> int | float:
    """A score moved to the site's scale, quarter steps kept: 3.25 of 5 on 10 is 6.5."""
    value = round(score * scale / score_scale, 2)
    return int(value) if value == int(value) else value


def front_matter(book: ImportedBook, schema: Schema, *, score_scale: int = 5) -> dict[str, Any]:
    """The front matter of a book's review page, as a (nested) mapping in writing order."""
    meta: dict[str, Any] = {}

    def put(field_name: str, value: Any) -> None:
        path = paths_of(schema.field_paths.get(field_name, field_name))[0]
        _set_path(meta, path.split("."), value)

    put("title", book.title)
    if book.contributors:  # {name, role}: the plugin shows "translated by ..."
        put(
            "author",
            [{"name": name} for name in book.authors]
            + [{"name": name, "role": role} for name, role in book.contributors],
        )
    elif len(book.authors) == 1:
        put("author", book.authors[0])
    elif book.authors:
        put("author", list(book.authors))
    if book.dates:
        put("date", book.dates[0] if len(book.dates) == 1 else list(book.dates))
    unread = unread_status(book.status)
    if book.score is not None:
        put("score", score_on_scale(book.score, score_scale, schema.scale))
    elif schema.unrated_as_null and unread is None:  # `status` makes an unread book a page
        put("score", None)
    if book.did_not_finish:
        put("did_not_finish", True)
    if unread is not None:
        put("status", unread)
    if book.genres:
        put("genre", list(book.genres))
    if book.spoilers:
        put("spoilers", True)
    if book.series:
        put("series", book.series)
        if book.series_number is not None:
            put("series_number", book.series_number)
    if book.isbn:
        put("isbn", book.isbn)
    if book.pages:
        put("pages", book.pages)
    if book.published:
        put("published", book.published)
    if book.moods:
        meta["moods"] = list(book.moods)
    if book.content_warnings:
        meta["content_warnings"] = book.content_warnings
    if book.source:
        meta["source"] = book.source
        meta["source_id"] = book.source_id
    return meta


def unread_status(status: str) -> str | None:
    """ "reading" or "want to read" for a book being read or wanted, however the tracker or
    the command wrote it ("currently-reading", "to-read"); None for any other status (read,
    did not finish, or a tracker's own exclusive shelf: a book read)."""
    try:
        found = parse_status(status)
    except Bad:
        return None
    return found if found in (READING, WANTED) else None


def review_page(
    book: ImportedBook, schema: Schema, *, score_scale: int = 5, body: str | None = None
) -> str:
    """The whole Markdown page: front matter, then the review (or `body`)."""
    header = yaml_mapping(front_matter(book, schema, score_scale=score_scale))
    text = body if body is not None else book.review
    text = text.strip("\n")
    return f"---\n{header}---\n" + (f"\n{text}\n" if text else "")


def _set_path(meta: dict[str, Any], keys: list[str], value: Any) -> None:
    here = meta
    for key in keys[:-1]:
        child = here.get(key)
        if not isinstance(child, dict):
            child = here[key] = {}
        here = child
    here[keys[-1]] = value


def get_path(meta: Mapping[str, Any], paths: Paths) -> Any:
    """The value at a key or dotted path of front matter (the first present of several), found
    as the plugin finds it (`fields.find`); None when it is not there."""
    try:
        return find(meta, paths)[1]
    except (Missing, Bad):
        return None


def file_name(title: str, authors: Iterable[str], taken: Container[str]) -> str:
    """A file name for a book that is not in `taken` (casefolded names): the title's slug,
    else with the first author's, else numbered ("collected-poems-2.md"); a subtitle after
    ": " is left out ("Good Omens: The Nice and Accurate..." -> "good-omens.md")."""
    base = file_slug(title.split(": ", 1)[0].strip() or title)
    first_author = next(iter(authors), "")
    candidates = [base]
    if first_author:
        candidates.append(f"{base}-{file_slug(first_author)}")
    for candidate in candidates:
        if f"{candidate}.md" not in taken:
            return f"{candidate}.md"
    number = 2
    while f"{candidates[-1]}-{number}.md" in taken:
        number += 1
    return f"{candidates[-1]}-{number}.md"


def match_keys(source: object, source_id: object, isbn: object) -> list[tuple[str, str]]:
    """What identifies a book across imports: its tracker's id, and its ISBN (as ISBN-13, so
    a Goodreads and a StoryGraph import of one book match)."""
    keys: list[tuple[str, str]] = []
    # Only plain values identify a book: a list (or an alias bomb) there is not an id.
    if isinstance(source_id, int) and not isinstance(source_id, bool):
        source_id = number_text(source_id)
    if isinstance(source, str) and source and isinstance(source_id, str) and source_id:
        keys.append((source, source_id))
    try:
        digits = parse_isbn(isbn) if isbn is not None else None
    except Bad:  # not an ISBN the plugin would take: nothing to match on
        digits = None
    if digits is not None:
        keys.append(("isbn", isbn13(digits)))
    return keys
