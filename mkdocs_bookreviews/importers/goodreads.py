"""Goodreads' "Export Library" CSV, by column name: both the 24- and the older 31-column sets.

- `Author` is one name, commas and all ("Martin Luther King, Jr."); `Additional Authors` is a
  comma-separated list.
- `My Rating` 0 means unrated, not zero stars.
- `Date Read` (`YYYY/MM/DD`) is the only read date Goodreads exports; an empty one stays empty
  (`Date Added` is when the book was shelved, not read, so it is not used).
- `Exclusive Shelf` is read, currently-reading, to-read or a custom exclusive shelf; a shelf
  named like did-not-finish, dnf or abandoned marks the book as not finished.
- `Bookshelves`: the custom shelves are the book's `shelves`; those that are genres (not
  `favorites`, `owned`, `kindle`, `2024` and the like: see shelves.py) become its genres
  ("science-fiction" -> "Science Fiction").
- `My Review` is HTML (see markup.py; its links to other Goodreads pages are made absolute);
  `ISBN`/`ISBN13` come wrapped as `="..."`.
- `Private Notes` are private: they are not imported into a site that is published.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from . import CellNote, ImportedBook, RowError, Tracker
from .markup import html_to_markdown
from .shelves import genres_of
from .values import (
    cell,
    column,
    isbn,
    iso_date,
    names,
    need_title,
    one_name,
    small_int,
    split_series,
    whole_number,
)

# The built-in shelves (not genres) and the names readers give a did-not-finish shelf.
STATUS_SHELVES = frozenset({"read", "currently-reading", "to-read"})
_DNF_SHELF = re.compile(r"^(dnf|did-?n[o']?t-?finish(ed)?|abandoned|gave-?up|unfinished)\b")


def is_dnf_shelf(shelf: str) -> bool:
    """Whether a shelf's name says the book was not finished."""
    return bool(_DNF_SHELF.match(shelf.strip().casefold().replace(" ", "-").replace("_", "-")))


def read_row(cells: Mapping[str, str], row: int) -> tuple[ImportedBook, list[CellNote]]:
    """One Goodreads row as a book; RowError when it has no title or no Book Id."""
    notes: list[CellNote] = []
    title, series, series_number = split_series(need_title(cells))
    book_id = cell(cells, "Book Id")
    if not book_id:
        raise RowError(column(cells, "Book Id"), "is empty")
    shelf = cell(cells, "Exclusive Shelf").casefold() or "read"
    status = "did-not-finish" if is_dnf_shelf(shelf) else shelf
    book = ImportedBook(
        source="goodreads",
        source_id=book_id,
        title=title,
        authors=one_name(cell(cells, "Author")) + names(cell(cells, "Additional Authors")),
        status=status,
        series=series,
        series_number=series_number,
        row=row,
    )
    book.authors = list(dict.fromkeys(book.authors))
    rating = cell(cells, "My Rating")
    if rating and rating != "0":
        try:
            value = float(rating)
        except ValueError:
            value = -1.0
        if 0 < value <= 5:
            book.score = value
        else:
            notes.append(
                CellNote(column(cells, "My Rating"), f"{rating!r} is not 0 to 5; left unrated")
            )
    read = cell(cells, "Date Read")
    if read:
        date = iso_date(read)
        if date:
            book.dates = [date]
        else:
            notes.append(CellNote(column(cells, "Date Read"), f"{read!r} is not a date"))
    shelves = names(cell(cells, "Bookshelves"))
    book.shelves = [
        s
        for s in shelves
        if s.casefold() not in STATUS_SHELVES and s.casefold() != shelf and not is_dnf_shelf(s)
    ]
    book.genres = genres_of(book.shelves)
    if any(is_dnf_shelf(s) for s in shelves):
        book.status = "did-not-finish"
    book.review = html_to_markdown(cell(cells, "My Review"), site="https://www.goodreads.com")
    book.spoilers = cell(cells, "Spoiler").casefold() in ("true", "yes", "1")
    book.isbn = isbn(cell(cells, "ISBN13")) or isbn(cell(cells, "ISBN"))
    book.pages = whole_number(cells, notes, "Number of Pages")
    published = cell(cells, "Original Publication Year") or cell(cells, "Year Published")
    if year := small_int(published, 4):
        book.published = year
    return book, notes


TRACKER = Tracker(
    name="goodreads",
    label="Goodreads",
    needs=(("Book Id",), ("Title",), ("Author",), ("My Rating",), ("Exclusive Shelf",)),
    read_row=read_row,
    reads=frozenset(
        name.casefold()
        for name in (
            "Book Id",
            "Title",
            "Author",
            "Additional Authors",
            "My Rating",
            "Exclusive Shelf",
            "Date Read",
            "Bookshelves",
            "My Review",
            "Spoiler",
            "ISBN",
            "ISBN13",
            "Number of Pages",
            "Original Publication Year",
            "Year Published",
        )
    ),
)
