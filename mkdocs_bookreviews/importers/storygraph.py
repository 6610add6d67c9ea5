"""StoryGraph's CSV export, by column name (`Authors`/`ISBN/UID`; older files said
`Author`/`ISBN`).

- `Read Status`: read, did-not-finish, to-read, currently-reading.
- `Star Rating`: a decimal in quarter steps, kept as written (3.25 stays 3.25); empty = unrated.
- `Dates Read`: one entry per read, comma-separated, each a date or a `start-end` range (the
  end, when the reader finished, is the read date); `Last Date Read` when it is empty.
- `Tags` are the book's `shelves`, and those that are genres become its genres as Goodreads
  shelves do ("historical-fiction" -> "Historical Fiction"; `owned` or `2024` are no genre).
  `Moods` and `Content Warnings` describe the book, not its genre: they
  are kept in the front matter as `moods` and `content_warnings`, which the plugin ignores.
- `Contributors`: `Name (Translator), Name (Illustrator)` become credits with their roles.
- `Review` is plain text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from . import CellNote, ImportedBook, Tracker
from .markup import text_to_markdown
from .shelves import genres_of
from .values import cell, column, isbn, iso_date, names, need_title, split_series

_CONTRIBUTOR = re.compile(r"^(?P<name>.*?)\s*\((?P<role>[^()]+)\)\s*$")
_DATE_IN = re.compile(r"\d{4}[/-]\d{1,2}[/-]\d{1,2}")


def read_dates(text: str) -> list[str] | None:
    """`2023/01/05-2023/01/20, 2024/03/02` -> each read's (last) date, oldest first; None when
    an entry has no date in it."""
    dates: list[str] = []
    for entry in text.split(","):
        if not entry.strip():
            continue
        found = _DATE_IN.findall(entry)
        date = iso_date(found[-1]) if found else None
        if date is None:
            return None
        dates.append(date)
    return sorted(set(dates))


def read_row(cells: Mapping[str, str], row: int) -> tuple[ImportedBook, list[CellNote]]:
    """One StoryGraph row as a book; RowError when it has no title."""
    notes: list[CellNote] = []
    title, series, series_number = split_series(need_title(cells))
    authors = names(cell(cells, "Authors", "Author"))
    uid = cell(cells, "ISBN/UID", "ISBN")
    book = ImportedBook(
        source="storygraph",
        source_id=uid or f"{title} / {', '.join(authors)}",
        title=title,
        authors=authors,
        status=cell(cells, "Read Status").casefold() or "read",
        series=series,
        series_number=series_number,
        isbn=isbn(uid),
        row=row,
    )
    for entry in names(cell(cells, "Contributors")):
        match = _CONTRIBUTOR.match(entry)
        if match:
            book.contributors.append((match["name"], match["role"].strip().casefold()))
        else:
            book.contributors.append((entry, "contributor"))
    rating = cell(cells, "Star Rating")
    if rating:
        try:
            value = float(rating)
        except ValueError:
            value = -1.0
        if 0 <= value <= 5:
            book.score = value
        else:
            notes.append(
                CellNote(column(cells, "Star Rating"), f"{rating!r} is not 0 to 5; left unrated")
            )
    dates_text = cell(cells, "Dates Read") or cell(cells, "Last Date Read")
    if dates_text:
        dates = read_dates(dates_text)
        if dates is None:
            notes.append(
                CellNote(column(cells, "Dates Read"), f"{dates_text!r} has an entry with no date")
            )
        else:
            book.dates = dates
    book.shelves = names(cell(cells, "Tags"))
    book.genres = genres_of(book.shelves)
    book.moods = names(cell(cells, "Moods"))
    book.content_warnings = cell(cells, "Content Warnings") or None
    book.review = text_to_markdown(cell(cells, "Review"))
    return book, notes


TRACKER = Tracker(
    name="storygraph",
    label="StoryGraph",
    needs=(("Title",), ("Authors", "Author"), ("Read Status",), ("Star Rating",)),
    read_row=read_row,
    shelf_words=("tag", "tags"),
    reads=frozenset(
        name.casefold()
        for name in (
            "Title",
            "Authors",
            "Author",
            "ISBN/UID",
            "ISBN",
            "Read Status",
            "Contributors",
            "Star Rating",
            "Dates Read",
            "Last Date Read",
            "Tags",
            "Moods",
            "Content Warnings",
            "Review",
        )
    ),
)
