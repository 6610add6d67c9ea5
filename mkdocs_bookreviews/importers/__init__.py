"""Reading-tracker exports in, neutral `ImportedBook`s out; nothing here writes files.

`read_export` reads a CSV export (see `csvread`), tells Goodreads from StoryGraph by the names
of its columns (never by their position), and turns each row into an `ImportedBook` with the
importer of that tracker. A row that cannot be read is reported with its row and column and
skipped; the other rows are still imported.

A column the importer reads that is in the header twice (a spreadsheet's doing) is an error for
the whole file: the two cells of a row may hold different texts (the real review, or an empty
copy), and keeping one of them silently loses the other; which one the reader meant cannot be
told from the file, so the reader is asked to delete or rename one. Columns that are not read
may be there twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .csvread import ExportError, RowProblem, read_table

__all__ = ["Export", "ExportError", "ImportedBook", "RowError", "RowProblem", "read_export"]


@dataclass
class ImportedBook:
    """One book as a reading tracker exported it, in the review schema's terms."""

    source: str  # "goodreads" or "storygraph"
    source_id: str  # the tracker's id of the book (Goodreads' Book Id, StoryGraph's ISBN/UID)
    title: str
    authors: list[str] = field(default_factory=list)
    contributors: list[tuple[str, str]] = field(default_factory=list)  # (name, role)
    status: str = "read"  # read, did-not-finish, to-read, currently-reading, or a shelf
    score: float | None = None  # on the tracker's scale of 5; None = unrated
    dates: list[str] = field(default_factory=list)  # YYYY-MM-DD, one per read, oldest first
    genres: list[str] = field(default_factory=list)
    # The tracker's own shelves (or tags) the genres are chosen from, as written (see shelves.py)
    shelves: list[str] = field(default_factory=list)
    review: str = ""  # Markdown
    spoilers: bool = False
    series: str | None = None
    series_number: int | float | str | None = None
    isbn: str | None = None
    pages: int | None = None
    published: int | None = None
    moods: list[str] = field(default_factory=list)
    content_warnings: str | None = None
    row: int = 0  # the row of the export it came from (the header is row 1)

    @property
    def did_not_finish(self) -> bool:
        """Whether the reader gave up on the book."""
        return self.status == "did-not-finish"


class RowError(Exception):
    """A row that cannot become a book: which column, and why."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


@dataclass(frozen=True)
class CellNote:
    """A cell a row's book was imported without (the rest of the row was fine)."""

    column: str
    message: str


# A tracker's row -> book function: it raises RowError for a row that cannot be a book, and
# returns notes about cells it could not use (the book is still imported without them).
RowReader = Callable[[Mapping[str, str], int], tuple[ImportedBook, list[CellNote]]]


@dataclass(frozen=True)
class Tracker:
    """One reading tracker's export format."""

    name: str
    label: str
    needs: tuple[tuple[str, ...], ...]  # each entry: the accepted names of one needed column
    read_row: RowReader
    reads: frozenset[str] = frozenset()  # every column read_row reads, casefolded
    shelf_words: tuple[str, str] = ("shelf", "shelves")  # what it calls a book's shelves


@dataclass
class Export:
    """An export read: which tracker, its books in file order, and every row problem."""

    tracker: Tracker
    books: list[ImportedBook]
    problems: list[RowProblem]


def trackers() -> tuple[Tracker, ...]:
    """The export formats known, in the order they are tried."""
    from . import goodreads, storygraph

    return (goodreads.TRACKER, storygraph.TRACKER)


def detect(header: list[str]) -> Tracker:
    """The tracker whose needed columns are all in `header`; ExportError naming them if none."""
    names = {name.strip().casefold() for name in header}
    for tracker in trackers():
        if all(any(n.casefold() in names for n in options) for options in tracker.needs):
            return tracker
    wanted = "; ".join(
        f"a {t.label} export has columns " + ", ".join(" or ".join(o) for o in t.needs)
        for t in trackers()
    )
    shown = ", ".join(header[:12]) + (", ..." if len(header) > 12 else "")
    raise ExportError(f"is not a Goodreads or StoryGraph export: {wanted}; this file has {shown}")


def check_columns(header: list[str], tracker: Tracker) -> None:
    """ExportError when a column the tracker reads is in the header twice (names compared as
    `values.cell` finds them: stripped, without regard to case)."""
    seen: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        key = name.strip().casefold()
        if key not in tracker.reads:
            continue
        if key in seen:
            first = seen[key]
            raise ExportError(
                f"has two columns called {header[first - 1].strip()!r} (columns {first} and "
                f"{number}): the importer cannot tell which one to read; delete or rename one "
                "and import again"
            )
        seen[key] = number


def read_export(data: bytes) -> Export:
    """Read a whole export: ExportError when it is not one, else its books and problems."""
    table = read_table(data)
    tracker = detect(table.header)
    check_columns(table.header, tracker)
    books: list[ImportedBook] = []
    problems = list(table.problems)
    for row in table.rows:
        try:
            book, notes = tracker.read_row(row.cells, row.number)
        except RowError as error:
            problems.append(
                RowProblem(
                    row.number, row.line, error.column, error.message + "; the row was skipped"
                )
            )
            continue
        books.append(book)
        problems.extend(
            RowProblem(row.number, row.line, note.column, note.message) for note in notes
        )
    problems.sort(key=lambda p: p.row)
    return Export(tracker=tracker, books=books, problems=problems)
