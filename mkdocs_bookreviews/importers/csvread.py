"""CSV exports as they arrive: bytes in, a header and rows of named cells out, every defect noted.

Exports are opened and saved again in spreadsheets before they reach us, so this reads what that
leaves behind: a byte-order mark, CRLF line ends, quotes, commas and line breaks inside fields,
UTF-16 from Excel's "Unicode text" (with or without a byte-order mark), bytes that are not UTF-8
(each such byte read as Windows-1252, which is what a spreadsheet on Windows writes, the valid
UTF-8 around it kept, and reported), a last row cut short. A bad row is reported with
its row and column and skipped; the other rows are still read.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import sys
from dataclasses import dataclass, field

# Reviews can be long; the csv module's default limit (128 KiB per field) is not a book's.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class ExportError(Exception):
    """The file cannot be imported at all (empty, or not an export we know)."""


@dataclass(frozen=True)
class RowProblem:
    """One bad row or cell: where it is and what was wrong."""

    row: int  # the record's number, the header being row 1
    line: int  # the line of the file the record starts on
    column: str  # the column's name, or "" for the whole row
    message: str

    def __str__(self) -> str:
        where = f"row {self.row} (line {self.line})"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class CsvRow:
    """One record: its number (header = 1), the line it starts on, its cells by column name."""

    number: int
    line: int
    cells: dict[str, str]


@dataclass
class CsvTable:
    """A whole export: the column names as written, the good rows, and the problems."""

    header: list[str]
    rows: list[CsvRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def _utf16_without_mark(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when the file looks like UTF-16 without a byte-order mark:
    a CSV header is ASCII, so in UTF-16 every other byte of its start is NUL (a UTF-8 file
    has no NUL bytes at all)."""
    # The header line alone when it ends early (a first row in Arabic or Chinese has no NUL
    # high bytes); else the first 200 bytes.
    ends = [i for i in (data.find(b"\n\x00", 0, 4000), data.find(b"\x00\n", 0, 4000)) if i > 0]
    head = data[: min(ends)] if ends else data[:200]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    # Mostly, not only: a NUL character in an early cell puts zeros on the other side too.
    if odd.count(0) >= len(odd) * 0.9 and even.count(0) <= len(even) * 0.1:
        return "utf-16-le"
    if even.count(0) >= len(even) * 0.9 and odd.count(0) <= len(odd) * 0.1:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, bool]:
    """The text of an export, and whether some bytes were not UTF-8 (they are kept as lone
    surrogates, repaired cell by cell by `_repair`)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), False
    if (utf16 := _utf16_without_mark(data)) is not None:
        return data.decode(utf16, errors="replace"), False
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="surrogateescape"), True


def read_table(data: bytes) -> CsvTable:
    """Parse an export; ExportError when it is empty or has no header."""
    text, has_bad_bytes = decode(data)
    if not text.strip():
        raise ExportError("is empty: export your library again")
    text = text.replace("\x00", "")  # NUL bytes stop the csv module; they are never content
    lines = _LineCounter(text)
    reader = csv.reader(lines)
    header: list[str] | None = None
    table = CsvTable(header=[])
    number = 0
    while True:
        start = lines.line + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            number += 1
            table.problems.append(RowProblem(number, start, "", f"is not valid CSV ({error})"))
            continue
        if not any(cell.strip() for cell in record):
            continue  # a blank line
        number += 1
        if header is None:
            header = [_repair(cell).strip().lstrip("\ufeff") for cell in record]
            table.header = header
            continue
        problem = _shape_problem(record, header, number, start, lines.at_end)
        if problem is not None:
            table.problems.append(problem)
            continue
        cells: dict[str, str] = {}
        for name, cell in zip(header, record, strict=False):
            repaired = _repair(cell) if has_bad_bytes else cell
            if repaired != cell:
                table.problems.append(
                    RowProblem(
                        number,
                        start,
                        name,
                        "has bytes that are not UTF-8, read as Windows-1252: check the text "
                        "(and export as UTF-8 next time)",
                    )
                )
            cells[name] = repaired
        table.rows.append(CsvRow(number, start, cells))
    if header is None:
        raise ExportError("is empty: export your library again")
    return table


def _shape_problem(
    record: list[str], header: list[str], number: int, line: int, at_end: bool
) -> RowProblem | None:
    if len(record) < len(header):
        last = header[len(record) - 1] if record else header[0]
        cut = " (the file seems cut short)" if at_end else ""
        return RowProblem(
            number,
            line,
            header[len(record)],
            f"is missing: the row has {len(record)} of {len(header)} columns and ends in "
            f"{last!r}{cut}; the row was skipped",
        )
    extra = [cell for cell in record[len(header) :] if cell.strip()]
    if extra:
        return RowProblem(
            number,
            line,
            "",
            f"has {len(record)} columns but the header has {len(header)} (a comma outside "
            "quotes?); the row was skipped",
        )
    return None


def _repair(cell: str) -> str:
    """Lone surrogates (bytes that were not UTF-8) read as Windows-1252 instead; the UTF-8
    around them stays as it is (an em dash stays an em dash, never "â€”")."""
    return _NOT_UTF8.sub(_as_cp1252, cell)


_NOT_UTF8 = re.compile("[\udc80-\udcff]+")


def _as_cp1252(match: re.Match[str]) -> str:
    raw = match.group().encode("utf-8", errors="surrogateescape")
    return raw.decode("cp1252", errors="replace")


class _LineCounter:
    """The text's lines (with their ends, as csv wants), counting them as they are read."""

    def __init__(self, text: str) -> None:
        self._lines = io.StringIO(text, newline="")
        self.line = 0
        self.at_end = False

    def __iter__(self) -> _LineCounter:
        return self

    def __next__(self) -> str:
        line = self._lines.readline()
        if not line:
            self.at_end = True
            raise StopIteration
        self.line += 1
        if not line.endswith(("\n", "\r")):
            self.at_end = True
        return line
