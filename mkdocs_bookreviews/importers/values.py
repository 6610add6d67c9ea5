"""Cell values shared by the trackers: dates, ISBNs, numbers, series in titles, name lists."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Mapping

from . import CellNote, RowError

_DATE = re.compile(r"^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$")
_SERIES = re.compile(r"^(?P<title>.*\S)\s*\((?P<series>[^()]*?),?\s*#(?P<number>[^()#]+)\)\s*$")
# What follows a name after a comma without being a name of its own.
_SUFFIX = re.compile(r"^(?:(?i:jr|sr|phd|ph\.d|md|m\.d|esq)\.?|II|III|IV)$")
_ISBN = re.compile(r"^(?:\d{9}[\dXx]|\d{13})$")


def cell(cells: Mapping[str, str], *names: str) -> str:
    """The stripped text of the first of `names` that is a column (names are matched without
    regard to case), "" when none is."""
    for name in names:
        if name in cells:
            return str(cells[name]).strip()
    folded = {key.strip().casefold(): value for key, value in cells.items()}
    for name in names:
        if name.casefold() in folded:
            return str(folded[name.casefold()]).strip()
    return ""


def column(cells: Mapping[str, str], *names: str) -> str:
    """The column name as the export writes it (for messages)."""
    wanted = {name.casefold() for name in names}
    return next((key for key in cells if key.strip().casefold() in wanted), names[0])


def iso_date(text: str) -> str | None:
    """`2024/01/15` or `2024-1-5` as `2024-01-15`; None when it is not a real date."""
    match = _DATE.match(text.strip())
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return None


def split_series(title: str) -> tuple[str, str | None, int | float | str | None]:
    """`The Fifth Season (The Broken Earth, #1)` -> ("The Fifth Season", "The Broken Earth", 1)."""
    match = _SERIES.match(title)
    if not match:
        return title, None, None
    number_text = match["number"].strip()
    number: int | float | str = number_text
    if (whole := small_int(number_text)) is not None:
        number = whole
    elif len(number_text) <= 12:
        with contextlib.suppress(ValueError):
            number = float(number_text)
    return match["title"], match["series"].strip() or None, number


def small_int(text: str, digits: int = 6) -> int | None:
    """`text` as a whole number when it is a few ASCII digits ("²" and 5,000-digit strings are
    digits to `str.isdigit`, but `int()` refuses them)."""
    if 0 < len(text) <= digits and text.isascii() and text.isdigit():
        return int(text)
    return None


def isbn(text: str) -> str | None:
    """An ISBN-10 or -13 from a cell, with Goodreads' `="..."` wrapping and hyphens taken off."""
    value = text.strip()
    if value.startswith("="):
        value = value[1:]
    value = value.strip('"').replace("-", "").replace(" ", "")
    return value.upper() if _ISBN.match(value) else None


def isbn13(value: str) -> str:
    """An ISBN-10 as its ISBN-13, so one book matches under either; an ISBN-13 as it is."""
    if len(value) != 10:
        return value
    core = "978" + value[:9]
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(core))
    return core + str((10 - total % 10) % 10)


def whole_number(cells: Mapping[str, str], notes: list[CellNote], *names: str) -> int | None:
    """A positive integer cell; a note (and None) when it is something else."""
    text = cell(cells, *names)
    if not text:
        return None
    number = small_int(text, 5)
    if number:
        return number
    notes.append(CellNote(column(cells, *names), f"{text!r} is not a whole number; left out"))
    return None


def names(text: str) -> list[str]:
    """A comma-separated list of names, each once, in order; a generational or academic suffix
    after a comma stays with the name before it ("Martin Luther King, Jr., Coretta Scott King"
    is two names)."""
    seen: dict[str, None] = {}
    parts = [" ".join(part.split()) for part in text.split(",")]
    joined: list[str] = []
    for part in parts:
        if joined and joined[-1] and _SUFFIX.match(part):
            joined[-1] += ", " + part
        else:
            joined.append(part)
    for name in joined:
        if name:
            seen.setdefault(name, None)
    return list(seen)


def one_name(text: str) -> list[str]:
    """A cell that holds one name (Goodreads' `Author`, commas and all), as a list of it."""
    name = " ".join(text.split())
    return [name] if name else []


def need_title(cells: Mapping[str, str]) -> str:
    """The Title cell; RowError when it is empty (a book without a title cannot be a page)."""
    title = " ".join(cell(cells, "Title").split())
    if not title:
        raise RowError(column(cells, "Title"), "is empty")
    return title
