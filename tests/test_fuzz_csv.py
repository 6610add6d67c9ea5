"""Property-based imports: Goodreads and StoryGraph exports of any shape, in any encoding.

Hypothesis writes exports from the columns of the fixtures in tests/fixtures/, in a random order,
some optional columns left out and unknown ones added, with cells of any text (quotes, commas,
line breaks and NULs inside cells, very long cells, emoji, right-to-left marks), valid and bad
ratings, dates, page counts, ids and shelves, ISBNs shared between rows. Each export is written
with CRLF, LF or CR line ends and encoded as UTF-8 (with or without a byte-order mark), UTF-16
LE or BE (with or without one), Windows-1252 where its text allows, or UTF-8 with one stray
Windows-1252 byte. `bookreviews import --into` runs in a forked child held to the CPU and memory
limits of test_attacks.py, then the site is built with the plugin (strict=False) in that child:

- the command exits 0 when the export had no problem and 1 when it had one (each named), never
  with a traceback;
- every row with a title is written (its title read back from the page's front matter, and its
  review's words from the page's Markdown rendered as HTML) or named in the output, or counted
  as not on an imported shelf;
- nothing is written outside --into;
- each written review's title is on its built page.

The normal suite tries a few exports; `pytest -m slow` (or FUZZ_CSV_EXAMPLES=N) many more.
"""

from __future__ import annotations

import codecs
import html
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import markdown  # type: ignore[import-untyped]  # MkDocs' own Markdown, without stubs
import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_bookreviews.cli import main
from mkdocs_bookreviews.importers.goodreads import is_dnf_shelf
from mkdocs_bookreviews.importers.values import names

from .conftest import REPO
from .test_attacks import Outcome, fuzz_settings, in_limited_child
from .test_fuzz import _shown

FIXTURES = REPO / "tests" / "fixtures"


def _header(name: str) -> list[str]:
    first = (FIXTURES / name).read_text("utf-8-sig").splitlines()[0]
    return first.split(",")


GOODREADS = _header("goodreads_library_export.csv")
STORYGRAPH = _header("storygraph_export.csv")
# The columns each tracker needs to be recognised; every other column may be left out.
NEEDED = {
    "goodreads": ["Book Id", "Title", "Author", "My Rating", "Exclusive Shelf"],
    "storygraph": ["Title", "Authors", "Read Status", "Star Rating"],
}
# Columns neither tracker reads, as a spreadsheet may add them.
UNKNOWN = ["Notes", "Owned Copies 2", "x,y", 'Say "hi"', "two\nlines", "Émoji 📚", "", "  "]
STRAY = "\ue000"  # where the stray Windows-1252 byte goes (é); drawn text never holds it

# --- cells ---------------------------------------------------------------------------------

SPECIAL = [
    '"quoted", with commas',
    'a ""double"" quote',
    "line one\nline two",
    "line one\r\nline two\r\n\r\nparagraph",
    "cr\ronly",
    "nul\x00inside",
    "\x00",
    "📚 👩‍👩‍👧 emoji",
    "\u200fRTL mark \u202eoverride\u202c",
    "كتاب عربي",
    "<b>tag</b> & &amp; &copy",
    "*stars* _under_ `code` [link](x) # hash",
    '=HYPERLINK("x")',
    "   spaced   ",
    "",
]
plain = st.text(st.characters(exclude_categories=["Cs"], exclude_characters=STRAY), max_size=40)
texts = st.one_of(
    plain,
    st.sampled_from(SPECIAL),
    st.lists(st.one_of(plain, st.sampled_from(SPECIAL)), min_size=2, max_size=4).map(" ".join),
)
long_texts = st.one_of(texts, st.integers(1_000, 30_000).map(lambda n: ("long words " * n)[:n]))


@dataclass(frozen=True)
class Cell:
    """A drawn cell: its text, and whether it makes a problem the command must name."""

    text: str
    bad: bool = False


def good(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[Cell]:
    return strategy.map(Cell)


def bad(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[Cell]:
    return strategy.map(lambda text: Cell(text, bad=True))


ISBNS = ['="0316229296"', '="9780316229296"', "9780143039167", ""]
SHELVES = ["read", "read", "did-not-finish", "", "to-read", "currently-reading", "DNF"]
GOODREADS_CELLS: dict[str, st.SearchStrategy[Cell]] = {
    "Author": good(texts),
    "Additional Authors": good(texts),
    "ISBN": good(st.sampled_from(ISBNS)),
    "ISBN13": good(st.sampled_from(ISBNS)),
    "My Rating": good(st.sampled_from(["0", "1", "5", "3"])) | bad(st.sampled_from(["7", "x"])),
    "Exclusive Shelf": good(st.sampled_from(SHELVES)),
    "Date Read": good(st.sampled_from(["", "2023/02/14", "2020-1-5"]))
    | bad(st.sampled_from(["2023/13/45", "last May"])),
    "Bookshelves": good(texts),
    "Number of Pages": good(st.sampled_from(["", "468"])) | bad(st.sampled_from(["many", "0"])),
    "Spoiler": good(st.sampled_from(["", "true"])),
}
STORYGRAPH_CELLS: dict[str, st.SearchStrategy[Cell]] = {
    "Authors": good(texts),
    "Contributors": good(texts),
    "ISBN/UID": good(st.sampled_from([*ISBNS[2:], "uid-a1b2"])),
    "Read Status": good(st.sampled_from(SHELVES)),
    "Star Rating": good(st.sampled_from(["", "4.25", "0", "5"]))
    | bad(st.sampled_from(["7", "four"])),
    "Dates Read": good(st.sampled_from(["", "2021/03/01-2021/03/09, 2024/11/10"]))
    | bad(st.sampled_from(["someday", "2021/03/01, soon"])),
    "Last Date Read": good(st.sampled_from(["", "2024/11/10"])),
    "Tags": good(texts),
    "Moods": good(texts),
    "Content Warnings": good(texts),
}
SERIES = st.sampled_from(["", " (The Broken Earth, #1)", " (Saga #2.5)"])


@dataclass(frozen=True)
class Row:
    """A drawn row: its title (before the export's series suffix is taken off), its review as
    plain text, and its other cells by column."""

    title: str
    review: str
    cells: dict[str, Cell]
    review_html: bool  # Goodreads: the review cell is HTML made from `review`


@st.composite
def rows(draw: st.DrawFn, tracker: str) -> Row:
    title = draw(long_texts) + draw(SERIES)
    review = draw(long_texts)
    strategies = GOODREADS_CELLS if tracker == "goodreads" else STORYGRAPH_CELLS
    cells = {name: draw(strategy) for name, strategy in strategies.items()}
    return Row(title, review, cells, review_html=tracker == "goodreads")


Encoding = Literal[
    "utf-8", "utf-8-sig", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-16-be", "cp1252",
    "utf-8-stray",
]  # fmt: skip
ENCODINGS: list[Encoding] = [
    "utf-8", "utf-8-sig", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-16-be", "cp1252",
    "utf-8-stray",
]  # fmt: skip


@dataclass(frozen=True)
class Export:
    """A drawn export: tracker, header, rows, and how it is written to bytes."""

    tracker: str
    header: list[str]
    rows: list[Row]
    ids: list[str]  # Goodreads' Book Id of each row ("" for none)
    encoding: Encoding
    line_end: str
    quote_all: bool
    every_shelf: bool
    stray: tuple[int, int]  # (row, column) of the stray byte, for "utf-8-stray"


@st.composite
def exports(draw: st.DrawFn) -> Export:
    tracker = draw(st.sampled_from(["goodreads", "storygraph"]))
    columns = GOODREADS if tracker == "goodreads" else STORYGRAPH
    optional = [c for c in columns if c not in NEEDED[tracker]]
    kept = draw(st.lists(st.sampled_from(optional), unique=True, max_size=len(optional)))
    unknown = draw(st.lists(st.sampled_from(UNKNOWN), max_size=3))
    header = draw(st.permutations([*NEEDED[tracker], *kept, *unknown]))
    drawn = draw(st.lists(rows(tracker), min_size=1, max_size=4))
    ids = [
        draw(st.sampled_from([str(1000 + i), str(1000 + i), "", " "])) for i in range(len(drawn))
    ]
    return Export(
        tracker=tracker,
        header=header,
        rows=drawn,
        ids=ids,
        encoding=draw(st.sampled_from(ENCODINGS)),
        line_end=draw(st.sampled_from(["\r\n", "\n", "\r"])),
        quote_all=draw(st.booleans()),
        every_shelf=draw(st.booleans()),
        stray=(draw(st.integers(0, len(drawn) - 1)), draw(st.integers(0, len(header) - 1))),
    )


# --- what a row's cells are, and the file's bytes -------------------------------------------


def goodreads_html(text: str) -> str:
    """A review as Goodreads exports it: HTML-escaped, line breaks as <br />."""
    return html.escape(text, quote=False).replace("\r\n", "\n").replace("\n", "<br />")


def cell_texts(export: Export, index: int) -> list[str]:
    """The cells of a row, in header order, as written (the stray byte's place marked)."""
    row = export.rows[index]
    out = []
    for number, name in enumerate(export.header):
        if name == "Title":
            text = row.title
        elif name in ("My Review", "Review"):
            text = goodreads_html(row.review) if row.review_html else row.review
        elif name == "Book Id":
            text = export.ids[index]
        elif name in row.cells:
            text = row.cells[name].text
        else:
            text = "unread " + name
        if export.encoding == "utf-8-stray" and export.stray == (index, number):
            text = f"caf{STRAY} " + text
        out.append(text)
    return out


def csv_line(cells: list[str], quote_all: bool) -> str:
    def one(cell: str) -> str:
        if quote_all or any(c in cell for c in ',"\r\n'):
            return '"' + cell.replace('"', '""') + '"'
        return cell

    return ",".join(one(cell) for cell in cells)


def export_text(export: Export) -> str:
    lines = [csv_line(export.header, export.quote_all)]
    lines += [csv_line(cell_texts(export, i), export.quote_all) for i in range(len(export.rows))]
    return export.line_end.join(lines) + export.line_end


def cp1252_bytes(text: str) -> bytes | None:
    """The text in Windows-1252, when it can be written so and every byte that is not ASCII
    stands between ASCII bytes (two such bytes in a row may be UTF-8 by chance: "é€™" is
    E9 80 99, "這" in UTF-8, and no reader can tell)."""
    try:
        data = text.encode("cp1252")
    except UnicodeEncodeError:
        return None
    if re.search(rb"[\x80-\xff]{2}", data):
        return None
    return data


def export_bytes(export: Export) -> tuple[bytes, Encoding]:
    """The file's bytes, and the encoding used (Windows-1252 falls back to UTF-8)."""
    text = export_text(export)
    encoding = export.encoding
    if encoding == "cp1252":
        data = cp1252_bytes(text)
        if data is not None:
            return data, encoding
        encoding = "utf-8"
    if encoding == "utf-8-stray":
        return text.encode("utf-8").replace(STRAY.encode("utf-8"), b"\xe9"), encoding
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8"), encoding
    if encoding.startswith("utf-16"):
        codec = "utf-16-le" if "-le" in encoding else "utf-16-be"
        mark = codecs.BOM_UTF16_LE if "-le" in encoding else codecs.BOM_UTF16_BE
        return (mark if encoding.endswith("-bom") else b"") + text.encode(codec), encoding
    return text.encode("utf-8"), encoding


# --- expectations -------------------------------------------------------------------------


def read(text: str) -> str:
    """A cell as the importer gets it: NULs gone, the stray byte read as Windows-1252."""
    return text.replace("\x00", "").replace(STRAY, "é")


def words(text: str) -> list[str]:
    return _shown(text).split()


@dataclass
class Expected:
    """What the command must do with each row: its number, title, review words."""

    number: int
    title: str  # folded; "" when the row has none
    review: list[str]
    shelf_skipped: bool
    problem: bool
    refused: bool  # no title, or no Book Id: the row cannot be a book


def expectations(export: Export, used: Encoding) -> list[Expected]:
    out: list[Expected] = []
    number = 1  # the header
    for index, row in enumerate(export.rows):
        cells = [read(text) for text in cell_texts(export, index)]
        if not any(cell.strip() for cell in cells):
            continue  # a blank line: no row at all
        number += 1
        by_name = dict(zip(export.header, cells, strict=True))
        title = " ".join(by_name["Title"].split())
        problem = not title
        problem |= any(row.cells[name].bad for name in export.header if name in row.cells)
        no_id = export.tracker == "goodreads" and not by_name["Book Id"].strip()
        problem |= no_id
        if used == "utf-8-stray" and export.stray[0] == index:
            problem = True
        if used == "cp1252" and not all(cell.isascii() for cell in cells):
            problem = True
        if export.tracker == "goodreads":
            status = by_name["Exclusive Shelf"].strip().casefold() or "read"
            shelves = [status, *names(by_name.get("Bookshelves", ""))]
            dnf = any(is_dnf_shelf(shelf) for shelf in shelves)
        else:
            status = by_name["Read Status"].strip().casefold() or "read"
            dnf = status == "did-not-finish"
        shelved = export.every_shelf or status in ("read", "did-not-finish") or dnf
        skipped = bool(title) and not no_id and not shelved
        review = ""
        for column, name in enumerate(export.header):
            if name in ("My Review", "Review"):
                review = read(row.review)
                if used == "utf-8-stray" and export.stray == (index, column):
                    review = read(f"caf{STRAY} ") + review  # the stray byte's word, first
        out.append(Expected(number, title, words(review), skipped, problem, not title or no_id))
    return out


# --- the run --------------------------------------------------------------------------------


@dataclass
class ImportOutcome(Outcome):
    """The command's exit code and output, and every file the child left under the folder."""

    exit_code: int = -1
    output: str = ""
    files: list[str] = field(default_factory=list)


CONFIG = {
    "site_name": "Imported",
    "theme": {"name": "mkdocs"},
    "plugins": [{"bookreviews": {"reviews_dir": "reviews"}}],
}


def import_and_build(root: Path, data: bytes, every_shelf: bool) -> ImportOutcome:
    def work() -> Outcome:
        (root / "docs").mkdir(parents=True)
        (root / "docs" / "index.md").write_text("# Home\n", "utf-8")
        (root / "mkdocs.yml").write_text(yaml.safe_dump(CONFIG), "utf-8")
        (root / "export.csv").write_bytes(data)
        os.chdir(root)
        args = ["import", "export.csv", "--into", "docs/reviews"]
        result = CliRunner().invoke(main, [*args, *(["--shelf", "all"] if every_shelf else [])])
        outcome = ImportOutcome(exit_code=result.exit_code, output=result.output)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            assert result.exc_info is not None
            import traceback

            outcome.error = "".join(traceback.format_exception(*result.exc_info))
            return outcome
        outcome.files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
        build(load_config(str(root / "mkdocs.yml"), strict=False))
        return outcome

    outcome = in_limited_child(work)
    assert isinstance(outcome, ImportOutcome) or outcome.error is not None, outcome
    return outcome if isinstance(outcome, ImportOutcome) else ImportOutcome(error=outcome.error)


SERIES_SUFFIX = re.compile(r"\s*\([^()]*#[^()]*\)\s*")


def same_title(written: str, expected: str) -> bool:
    """The page's title is the row's, or the row's less its "(Series, #n)"."""
    if written == expected:
        return True
    rest = expected[len(written) :]
    return expected.startswith(written) and SERIES_SUFFIX.fullmatch(rest) is not None


def body_words(page: str) -> list[str]:
    """The words a review page's Markdown shows, rendered as MkDocs renders it."""
    body = page.split("\n---\n", 1)[1]
    rendered = markdown.markdown(body, extensions=["toc", "tables", "fenced_code"])
    return words(BeautifulSoup(rendered, "html.parser").get_text(" "))


def check_export(export: Export) -> None:
    data, used = export_bytes(export)
    expected = expectations(export, used)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        outcome = import_and_build(root, data, export.every_shelf)
        assert outcome.error is None, outcome.error
        output = outcome.output
        assert "Traceback" not in output, output
        problems = any(row.problem for row in expected)
        assert outcome.exit_code == (1 if problems else 0), (used, output)
        named = {int(n) for n in re.findall(r"\brow (\d+)\b", output)}

        # Nothing outside --into but what the test and the build wrote.
        ours = {"docs", "docs/index.md", "mkdocs.yml", "export.csv", "docs/reviews"}
        outside = [f for f in outcome.files if f not in ours and not f.startswith("docs/reviews/")]
        assert outside == [], outside
        pages = {
            f: (root / f).read_text("utf-8") for f in outcome.files if f.startswith("docs/reviews/")
        }
        assert all(f.endswith(".md") for f in pages), pages.keys()

        # Every titled row: written, named, or counted as on another shelf.
        unclaimed = dict(pages)
        skipped = 0
        for row in expected:
            if row.refused:
                assert row.number in named, (row, output)
                continue
            claim = next(
                (
                    f
                    for f, text in unclaimed.items()
                    if same_title(str(yaml.safe_load(text.split("---\n")[1])["title"]), row.title)
                    and (not row.review or body_words(text) == row.review)
                ),
                None,
            )
            if row.shelf_skipped:
                assert claim is None, (row, claim)
                skipped += 1
            elif claim is not None:
                del unclaimed[claim]
            else:
                assert row.number in named, (row, output)
        assert unclaimed == {}, (list(unclaimed), output)
        assert f", {skipped:,} not on an imported shelf" in output, output

        # Each written review's title is on its built page.
        for f, text in pages.items():
            title = yaml.safe_load(text.split("---\n")[1])["title"]
            stem = f.removeprefix("docs/").removesuffix(".md")
            soup = BeautifulSoup(
                (root / "site" / stem / "index.html").read_text("utf-8"), "html.parser"
            )
            shown = soup.select_one(".bookreviews-title")
            assert shown is not None, f
            if _shown(str(title)):
                assert " ".join(shown.get_text().split()) == _shown(str(title)), f
            else:  # nothing in it shows ("\x17"): the page is still named
                assert shown.get_text().strip(), f


CSV_EXAMPLES = int(os.environ.get("FUZZ_CSV_EXAMPLES", "20"))


@fuzz_settings(CSV_EXAMPLES)
@given(exports())
def test_any_export_imports_and_builds(export: Export) -> None:
    check_export(export)


@pytest.mark.slow
@fuzz_settings(int(os.environ.get("FUZZ_SLOW_CSV_EXAMPLES", "1500")))
@given(exports())
def test_any_export_imports_and_builds_many(export: Export) -> None:
    check_export(export)


# --- what the fuzzing found ----------------------------------------------------------------


def test_a_row_sharing_its_id_with_an_earlier_row_is_named(tmp_path: Path) -> None:
    """Found by the fuzzing: two StoryGraph rows with one ISBN/UID and different titles and
    reviews. The second was matched to the page the first had just been given ("already
    imported") and its review lost, unnamed. Now another title is another book, named."""
    data = (
        b"Title,Authors,ISBN/UID,Read Status,Star Rating,Review\n"
        b"Dune,Frank Herbert,uid-a1b2,read,4,First review\n"
        b"Emma,Jane Austen,uid-a1b2,read,5,Second review\n"
    )
    outcome = import_and_build(tmp_path, data, every_shelf=False)
    assert outcome.error is None, outcome.error
    pages = [f for f in outcome.files if f.startswith("docs/reviews/")]
    assert len(pages) == 2, (pages, outcome.output)
    assert re.search(r"\brow 3 \(Emma\): shares id uid-a1b2 with row 2 \(Dune", outcome.output)
