"""Importing books into a folder of reviews: what is already there, what to write, writing it.

Matching (how a re-import recognises a book, and an import the reader's own reviews): every
page in the folder (and below it) is read, and a book matches a page with the same tracker and
id (`source` + `source_id`: Goodreads' Book Id, StoryGraph's ISBN/UID) first, else one with the
same ISBN (compared as ISBN-13, across trackers) and the same title (compared without case,
punctuation, leading article or subtitle), else a page that was there before this import with
the same title and a person in common (`names.titles_match`, `names.person_match_key`: no case,
accents, punctuation or leading article, and a subtitle counts only when both have one; "Austen,
Jane" is "Jane Austen"). A page's title and people are read where the site's `fields:` put them,
as the plugin reads them (`read_page`): a name, a list of names or `{name, role}` mappings, of
which credits count too (Heaney's "Beowulf" may name him as its translator); a page without a
title is titled by its file name. A page with the title and nobody of the book (or nobody at
all) is not the book: two books called "Collected Poems" are two books; the book is written and
the page named, so the reader can check. A book found by title and person, or by ISBN on a page
no import wrote (it has no `source:`), is a `match`: said, and not written.

Two books that share an ISBN but not a title are not one book (an export with a wrong ISBN, or
a shared one): the second is written too, and the book is named with the page or row it shares
the ISBN with, so the reader can check. Rows of one export are never matched to each other by
title and author (a tracker keeps two editions apart; each is written). A matched book is never
written again, edited or not: a re-import of the same export changes nothing, and a newer export
only adds the books that are new. File names are only chosen for new books, and never over an
existing file (see `writing.file_name`).

Pages are what MkDocs reads as Markdown (`.md`, `.markdown`, `.mdown`, `.mkdn`, `.mkd`: a page
renamed to `.markdown` is still the book's page), and a page whose front matter the reader made
invalid YAML (a colon in an unquoted title) still tells its `source`, `source_id`, `title` and
`isbn` lines to a line scan, so editing a page never makes a re-import write the book again.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .fields import DID_NOT_FINISH, READ, READING, WANTED, Bad, Credit
from .fields import authors as parse_authors
from .fields import status as parse_status
from .fields import text as parse_text
from .front_matter import split_front_matter
from .importers import ImportedBook
from .importers.shelves import ShelfRule, genres_of, shelf_key
from .importers.values import split_series
from .model import title_from_path
from .names import person_match_key, title_match_key, titles_match
from .writing import Schema, file_name, get_path, match_keys, review_page

# Books with these statuses become reviews unless `--shelf` names others.
DEFAULT_SHELVES = frozenset({"read", "did-not-finish"})
# The trackers' name of each reading status (Goodreads' exclusive shelves, StoryGraph's
# read statuses), for `--shelf` written as the plugin's status is ("want-to-read", "reading").
TRACKER_STATUS = {
    READ: "read",
    READING: "currently-reading",
    WANTED: "to-read",
    DID_NOT_FINISH: "did-not-finish",
}


def shelf_name(shelf: str) -> str:
    """A `--shelf` as the trackers name it: "want to read", "TBR" and "to_read" are
    "to-read", "reading" is "currently-reading"; any other shelf as written, casefolded."""
    try:
        return TRACKER_STATUS[parse_status(shelf)]
    except Bad:
        return shelf.strip().casefold()


@dataclass(frozen=True)
class Page:
    """A page that was in the folder before this import, as matching by title and author reads
    it: its path, title, and the people it names (authors, then credits such as translators)."""

    path: str
    title: str
    people: tuple[str, ...]

    @property
    def people_keys(self) -> frozenset[str]:
        """Its people as `person_match_key` writes them."""
        return people_keys(self.people)


def people_keys(names: Iterable[str]) -> frozenset[str]:
    """Names as `person_match_key` writes them (a name of no letters is none)."""
    return frozenset(key for key in map(person_match_key, names) if key)


@dataclass(frozen=True)
class Action:
    """What happens to one book: `write` a new page, it `exists` already (on the page its id
    or ISBN and title found, which an import wrote), it is a `match` for a page (found by its
    title and author, or by ISBN and title on a page no import wrote), or `skip` it.

    `shares` names the page (and the row of this export, when it came from one) whose ISBN the
    book has: for `exists`, the page it was taken to be; for `write`, the other book with its
    ISBN and another title. `alike` is a page with the title of a book that is written, but
    with no author of it."""

    kind: Literal["write", "exists", "match", "skip"]
    book: ImportedBook
    path: str  # relative to the folder, "/" separated ("" for skipped books)
    reason: str = ""
    shares: Shared | None = None
    alike: Page | None = None


@dataclass(frozen=True)
class Shared:
    """A page that has a book's ISBN: its path, its title, and its row when this export wrote it."""

    path: str
    title: str
    row: int | None = None
    # What the two books share: "ISBN" or, for two rows of one export, the tracker's "id".
    what: str = "ISBN"


@dataclass
class Existing:
    """The pages already in the folder: each match key's page, each page's title (and row of
    this export, for pages planned in this import), and the file names taken."""

    by_key: dict[tuple[str, str], str]
    taken: set[str]  # casefolded file names in the folder itself
    titles: dict[str, str] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    # Pages whose front matter is not valid YAML, read by a line scan: path -> why not valid.
    broken: dict[str, str] = field(default_factory=dict)
    # Pages that an import wrote (they have a `source:`).
    imported: set[str] = field(default_factory=set)
    # The pages that were there before this import, by the main key of their title (those that
    # name nobody too: they are never the book, but the reader hears of them).
    by_title: dict[str, list[Page]] = field(default_factory=dict)


# The file endings MkDocs reads as Markdown pages (mkdocs.utils.markdown_extensions).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
# A header's top-level `key: value` line, for front matter that is not valid YAML.
_HEADER_LINE = re.compile(r"^([A-Za-z_]+)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_HEADER = re.compile(r"^-{3}[ \t]*\n(.*?)^(?:-{3}|\.{3})[ \t]*$", re.DOTALL | re.MULTILINE)
LENIENT_SCAN_CHARS = 64 * 1024


def lenient_meta(text: str) -> dict[str, str]:
    """The plain `key: value` lines at the top level of a header that is not valid YAML, the
    quotes around a value taken off (`source_id: '19161852'` -> "19161852")."""
    match = _HEADER.match(text.removeprefix("\ufeff")[:LENIENT_SCAN_CHARS])
    if match is None:
        return {}
    meta: dict[str, str] = {}
    for key, value in _HEADER_LINE.findall(match.group(1)):
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        meta.setdefault(key, value)
    return meta


def scan(folder: Path, schema: Schema) -> Existing:
    """Read the front matter of every Markdown page under `folder`."""
    existing = Existing(by_key={}, taken=set())
    if not folder.is_dir():
        return existing
    pages = (p for p in folder.rglob("*") if p.suffix.casefold() in MARKDOWN_SUFFIXES)
    for path in sorted(pages):
        relative = path.relative_to(folder).as_posix()
        if path.parent == folder:  # `x.markdown` is the page `x/`: `x.md` would be another
            existing.taken.add(path.name.casefold())
            existing.taken.add(path.stem.casefold() + ".md")
        try:
            text = path.read_text("utf-8", errors="replace")
        except OSError:
            continue
        front = split_front_matter(text)
        meta: Mapping[str, Any] | None = front.meta
        if front.error is not None:
            meta = lenient_meta(text)
            existing.broken[relative] = front.error
        if not meta:
            continue
        isbn = get_path(meta, schema.field_paths.get("isbn", "isbn"))
        for key in match_keys(meta.get("source"), meta.get("source_id"), isbn):
            existing.by_key.setdefault(key, relative)
        title = get_path(meta, schema.field_paths.get("title", "title"))
        existing.titles[relative] = title if isinstance(title, str) else ""
        source = meta.get("source")
        if isinstance(source, str) and source.strip():
            existing.imported.add(relative)
        page = read_page(relative, meta, schema)
        if main := title_match_key(page.title)[0]:
            existing.by_title.setdefault(main, []).append(page)
    return existing


def read_page(relative: str, meta: Mapping[str, Any], schema: Schema) -> Page:
    """A page's title and people as the plugin reads them (`model.read_review`): from the
    site's `fields:` paths, the good names of a list with a bad one, authors and then credits
    (`{name, role: translator}`), and a page without a usable title titled by its file name."""
    value = get_path(meta, schema.field_paths.get("title", "title"))
    try:
        title = parse_text("a title")(value) if value is not None else ""
    except Bad:
        title = ""
    title = split_series(title)[0] if title else title_from_path(relative)
    value = get_path(meta, schema.field_paths.get("author", "author"))
    found: tuple[tuple[str, ...], tuple[Credit, ...]] = ((), ())
    if value is not None:
        try:
            found = parse_authors(value)
        except Bad as bad:
            found = bad.partial if isinstance(bad.partial, tuple) else found
    authors, credits = found
    return Page(relative, title, (*authors, *(credit.name for credit in credits)))


def same_book(book: ImportedBook, existing: Existing) -> tuple[Page | None, Page | None]:
    """The page that was there before this import with the book's title and one of its
    people (an author, or a credit such as a translator, on either side); else (None, the first
    page with its title but none of its people)."""
    title = title_match_key(book.title)[0]
    wanted = people_keys([*book.authors, *(name for name, _ in book.contributors)])
    alike: Page | None = None
    for page in existing.by_title.get(title, []) if title else []:
        if not titles_match(book.title, page.title):
            continue
        if wanted & page.people_keys:
            return page, None
        alike = alike or page
    return None, alike


def plan(
    books: Iterable[ImportedBook], existing: Existing, *, shelves: Collection[str]
) -> list[Action]:
    """What to do with each book, in export order; `existing` is updated as names are taken."""
    actions: list[Action] = []
    every_shelf = "all" in shelves
    for book in books:
        if not every_shelf and book.status not in shelves:
            actions.append(Action("skip", book, "", f"on the {book.status!r} shelf"))
            continue
        keys = match_keys(book.source, book.source_id, book.isbn)
        shares: Shared | None = None  # the other book this one shares an id or ISBN with
        found = next(
            (existing.by_key[key] for key in keys if key[0] != "isbn" and key in existing.by_key),
            None,
        )
        if found is not None and found in existing.rows:
            # An earlier row of this same export has the tracker id: the same book twice, or
            # two books the tracker gave one id. Either way the row is named, never dropped.
            other = existing.titles.get(found, "")
            shares = Shared(found, other, existing.rows[found], what="id")
            if same_title(book.title, other):
                actions.append(Action("exists", book, found, "same id and title", shares))
                continue
        elif found is not None:
            actions.append(Action("exists", book, found, "already imported"))
            continue
        shared = next(
            (existing.by_key[key] for key in keys if key[0] == "isbn" and key in existing.by_key),
            None,
        )
        if shared is not None and shares is None:
            other = existing.titles.get(shared, "")
            shares = Shared(shared, other, existing.rows.get(shared))
            if same_title(book.title, other):
                mine = shared not in existing.imported and shared not in existing.rows
                kind: Literal["exists", "match"] = "match" if mine else "exists"
                actions.append(Action(kind, book, shared, "same ISBN and title", shares))
                continue
        page, alike = same_book(book, existing)
        if page is not None:
            actions.append(Action("match", book, page.path, "same title and author"))
            continue
        name = file_name(book.title, book.authors, existing.taken)
        existing.taken.add(name.casefold())
        for key in keys:
            existing.by_key.setdefault(key, name)
        existing.titles[name] = book.title
        existing.rows[name] = book.row
        actions.append(Action("write", book, name, shares=shares, alike=alike))
    return actions


def same_title(one: str, other: str) -> bool:
    """Whether two titles with one ISBN name one book: compared without case, accents,
    punctuation, a leading article or a subtitle after ": " ("Dune" and "DUNE: Deluxe Edition"
    do, "Dune" and "Emma" do not)."""
    main = title_match_key(one)[0]
    return bool(main) and main == title_match_key(other)[0]


@dataclass
class ShelfReport:
    """Which shelves (or tags) of the books written became genres and which did not, each
    with its number of books, as first written; and the names the reader gave that no book of
    the export has."""

    genres: dict[str, int] = field(default_factory=dict)
    left_out: dict[str, int] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)


def choose_genres(
    books: Iterable[ImportedBook], written: Iterable[ImportedBook], rule: ShelfRule
) -> ShelfReport:
    """Give every book the genres its shelves make under `rule`, and report on the shelves of
    the books `written`."""
    books = list(books)
    for book in books:
        book.genres = genres_of(book.shelves, rule)
    report = ShelfReport()
    spelt: dict[str, str] = {}  # shelf key -> the shelf as first written
    for book in written:
        for key in dict.fromkeys(shelf_key(shelf) for shelf in book.shelves):
            name = spelt.setdefault(key, next(s for s in book.shelves if shelf_key(s) == key))
            counts = report.genres if rule.is_genre(key) else report.left_out
            counts[name] = counts.get(name, 0) + 1
    on_books = {shelf_key(shelf) for book in books for shelf in book.shelves}
    report.unknown = sorted((rule.genres | rule.not_genres) - on_books)
    return report


def write(actions: Iterable[Action], folder: Path, schema: Schema) -> Iterator[Path]:
    """Write each `write` action's page (never over an existing file); yield each path."""
    folder.mkdir(parents=True, exist_ok=True)
    for action in actions:
        if action.kind != "write":
            continue
        path = folder / action.path
        with path.open("x", encoding="utf-8", newline="\n") as out:  # "x": never clobber
            try:
                out.write(review_page(action.book, schema))
            except BaseException:  # a disk that filled up: no half a page left behind
                out.close()
                path.unlink(missing_ok=True)
                raise
        yield path
