"""Exports in, books out (importers/), review text to Markdown (markup.py), books to front matter
(writing.py): the pure parts of `bookreviews import`, without a site."""

from __future__ import annotations

import codecs
import csv
import io
import random
import time
from pathlib import Path

import markdown  # type: ignore[import-untyped]
import pytest
import yaml
from bs4 import BeautifulSoup

from mkdocs_bookreviews.importers import ExportError, ImportedBook, read_export
from mkdocs_bookreviews.importers.markup import html_to_markdown, text_to_markdown
from mkdocs_bookreviews.importers.storygraph import read_dates
from mkdocs_bookreviews.importers.values import isbn, split_series
from mkdocs_bookreviews.names import file_slug as slugify
from mkdocs_bookreviews.writing import (
    Schema,
    file_name,
    front_matter,
    match_keys,
    review_page,
)

FIXTURES = Path(__file__).parent / "fixtures"
FIELDS = {name: name for name in ("title", "author", "date", "score", "genre")}


def csv_bytes(header: list[str], rows: list[list[str]], *, end: str = "\n") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator=end)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def test_goodreads_found_by_column_names_in_any_order() -> None:
    text = (FIXTURES / "goodreads_library_export_31.csv").read_text("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    order = list(range(len(rows[0])))
    random.Random(11).shuffle(order)
    shuffled = [[row[i] for i in order] for row in rows]
    export = read_export(csv_bytes(shuffled[0], shuffled[1:]))
    assert export.tracker.name == "goodreads"
    left = export.books[0]
    assert (left.title, left.series, left.series_number, left.score) == (
        "The Left Hand of Darkness",
        "Hainish Cycle",
        4,
        4.0,
    )
    assert (left.isbn, left.pages, left.published, left.dates) == (
        "9780441478125",
        304,
        1969,
        ["2016-03-21"],
    )


def test_goodreads_dnf_shelves_and_unrated() -> None:
    header = ["Book Id", "Title", "Author", "My Rating", "Exclusive Shelf", "Bookshelves"]
    export = read_export(csv_bytes(header, [
        ["1", "Abandoned", "A", "0", "abandoned", ""],
        ["2", "Dropped", "B", "2", "read", "dnf, horror"],
        ["3", "Finished", "C", "0", "read", "read, horror"],
        ["4", "Later", "D", "0", "to-read", "to-read"],
    ]))  # fmt: skip
    assert [(b.title, b.status, b.score, b.genres) for b in export.books] == [
        ("Abandoned", "did-not-finish", None, []),
        ("Dropped", "did-not-finish", 2.0, ["Horror"]),
        ("Finished", "read", None, ["Horror"]),
        ("Later", "to-read", None, []),
    ]


def test_storygraph_old_and_new_column_names() -> None:
    header = ["Title", "Author", "ISBN", "Read Status", "Star Rating", "Dates Read"]
    old = read_export(csv_bytes(header, [["Dune", "Frank Herbert", "9780441013593", "read", "4.5",
                                          "2020/01/02"]]))  # fmt: skip
    assert old.tracker.name == "storygraph"
    assert (old.books[0].authors, old.books[0].isbn, old.books[0].score) == (
        ["Frank Herbert"],
        "9780441013593",
        4.5,
    )


def test_bom_crlf_quotes_commas_and_newlines_inside_fields() -> None:
    data = codecs.BOM_UTF8 + csv_bytes(
        ["Title", "Authors", "Read Status", "Star Rating", "Review", "Dates Read"],
        [["Girl, Woman, Other", "Bernardine Evaristo", "read", "5",
          'She said "yes,\r\nand no".\r\n\r\nSecond, paragraph.', "2020/01/05"]],
        end="\r\n",
    )  # fmt: skip
    export = read_export(data)
    assert export.problems == []
    book = export.books[0]
    assert book.title == "Girl, Woman, Other"
    assert book.review == 'She said "yes,  \nand no".\n\nSecond, paragraph.'


def test_utf16_export_from_a_spreadsheet() -> None:
    text = "Title,Authors,Read Status,Star Rating\nÉtranger,Albert Camus,read,4\n"
    export = read_export(text.encode("utf-16"))
    assert export.books[0].title == "Étranger"


def test_each_bad_row_is_named_and_the_rest_imported() -> None:
    header = ["Title", "Authors", "Read Status", "Star Rating", "Dates Read"]
    data = csv_bytes(
        header,
        [["Good", "A", "read", "3.25", "2021/01/01"],
         ["", "B", "read", "4", ""],
         ["Bad stars", "C", "read", "lots", ""],
         ["Bad dates", "D", "read", "2", "someday"],
         ["Extra", "E", "read", "2", "", "surplus"]],
    ) + b'"Cut short","F","re'  # fmt: skip
    export = read_export(data)
    assert [book.title for book in export.books] == ["Good", "Bad stars", "Bad dates"]
    assert [str(p) for p in export.problems] == [
        "row 3 (line 3), column 'Title': is empty; the row was skipped",
        "row 4 (line 4), column 'Star Rating': 'lots' is not 0 to 5; left unrated",
        "row 5 (line 5), column 'Dates Read': 'someday' has an entry with no date",
        "row 6 (line 6): has 6 columns but the header has 5 (a comma outside quotes?); "
        "the row was skipped",
        "row 7 (line 7), column 'Star Rating': is missing: the row has 3 of 5 columns and ends "
        "in 'Read Status' (the file seems cut short); the row was skipped",
    ]
    assert export.books[0].score == 3.25


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b"Title,Author\n"])
def test_empty_or_headless_files_are_refused(data: bytes) -> None:
    with pytest.raises(ExportError):
        read_export(data)


def test_fifty_thousand_rows_read_in_seconds() -> None:
    header = ["Title", "Authors", "Read Status", "Star Rating", "Dates Read", "Review"]
    rows = [[f"Book {i}", f"Author {i % 97}", "read", str((i % 21) / 4), "2024/02/29",
             "Fine,\nreally."] for i in range(50_000)]  # fmt: skip
    start = time.perf_counter()
    export = read_export(csv_bytes(header, rows))
    assert len(export.books) == 50_000 and export.problems == []
    assert time.perf_counter() - start < 30


def test_values() -> None:
    assert isbn('="0316229296"') == "0316229296"
    assert isbn('=""') is None and isbn("978-0-316-22929-6") == "9780316229296"
    assert split_series("Dune (Dune, #1)") == ("Dune", "Dune", 1)
    assert split_series("Book (Series, #2.5)") == ("Book", "Series", 2.5)
    assert split_series("The Road") == ("The Road", None, None)
    assert read_dates("2023/01/05-2023/01/20, 2021/03/02") == ["2021-03-02", "2023-01-20"]
    assert read_dates("soon") is None


def _rendered(md: str) -> BeautifulSoup:
    extensions = ["attr_list", "admonition", "def_list", "pymdownx.details", "pymdownx.superfences"]
    return BeautifulSoup(markdown.markdown(md, extensions=extensions), "html.parser")


def test_html_review_keeps_every_word_and_lets_no_markup_through() -> None:
    html = (
        "First.<br/><br/>A <b>bold</b> and <i> italic </i> word, a "
        '<a href="https://example.org/a b">link</a>, <a href="javascript:alert(1)">no link</a>.'
        "<br/>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=y&gt; *star* _u_ "
        "`tick` [x](y) {: .cls } &amp;copy;<br/># not a heading<br/>- not a list<br/>"
        "2. not a list<br/>===<br/>!!! note<br/>??? tip<br/>: def<br/><br/>"
        "~~~<br/>fenced<br/>~~~<br/><br/>"
        "<blockquote>A quote.</blockquote><spoiler>The end.</spoiler>"
        "<unknown>kept</unknown><img alt='alt words' src='x.jpg'>"
    )
    md = html_to_markdown(html + '<a href="/book/show/1">rel</a>', site="https://gr.example")
    soup = _rendered(md)
    assert soup.find(["script", "img", "h1", "h2", "ol", "ul", "code", "spoiler", "dl"]) is None
    assert soup.find(class_=True) is None and soup.find("details") is None  # no admonition
    assert [a["href"] for a in soup.find_all("a")] == [
        "https://example.org/a%20b",
        "https://gr.example/book/show/1",
    ]
    assert [b.get_text() for b in soup.find_all("strong")] == ["bold"]
    assert [i.get_text() for i in soup.find_all("em")] == ["italic"]
    assert soup.find("blockquote") is not None
    shown = " ".join(soup.get_text(" ").split())
    for phrase in ("<script>alert(1)</script>", "<img src=x onerror=y>", "*star* _u_",
                   "`tick` [x](y) {: .cls } &copy;", "# not a heading", "- not a list",
                   "2. not a list", "===", "!!! note", "??? tip", "~~~ fenced ~~~", ": def",
                   "A quote.", "The end.", "kept", "alt words", "no link"):  # fmt: skip
        assert phrase in shown, phrase


def test_plain_text_review() -> None:
    md = text_to_markdown("Para one\nline two\r\n\r\n> not a quote\n1) not a list")
    soup = _rendered(md)
    assert soup.find(["blockquote", "ol"]) is None
    assert len(soup.find_all("p")) == 2 and len(soup.find_all("br")) == 2


def _book(**values: object) -> ImportedBook:
    book = ImportedBook(source="goodreads", source_id="1", title="T", authors=["A"])
    for key, value in values.items():
        setattr(book, key, value)
    return book


def test_front_matter_uses_dotted_paths_as_nested_mappings() -> None:
    schema = Schema(
        field_paths={"title": "book.title", "author": "book.author", "score": "review.rating",
                     "date": "review.read", "genre": "tags", "did_not_finish": "review.dnf"},
        scale=10,
    )  # fmt: skip
    book = _book(score=3.25, dates=["2020-01-01", "2024-05-06"], genres=["X"])
    book.status = "did-not-finish"
    meta = front_matter(book, schema)
    assert meta == {
        "book": {"title": "T", "author": "A"},
        "review": {"read": ["2020-01-01", "2024-05-06"], "rating": 6.5, "dnf": True},
        "tags": ["X"],
        "source": "goodreads",
        "source_id": "1",
    }


def test_unrated_and_credits_follow_what_the_plugin_reads() -> None:
    book = _book(contributors=[("Tiina Nunnally", "translator")])
    # Reviews found by their score (the default): an unrated book keeps the key, as null.
    by_score = front_matter(book, Schema(field_paths=FIELDS))
    assert "score" in by_score and by_score["score"] is None
    assert by_score["author"] == [{"name": "A"}, {"name": "Tiina Nunnally", "role": "translator"}]
    # Reviews found by another field: no score at all.
    by_title = front_matter(book, Schema(field_paths=FIELDS, unrated_as_null=False))
    assert "score" not in by_title


def test_page_text_is_yaml_that_reads_back() -> None:
    book = _book(title="Dune: Messiah", authors=["No", "Yes: Maybe"], isbn="0123456789")
    text = review_page(book, Schema(field_paths=FIELDS))
    meta = yaml.safe_load(text.split("---\n")[1])
    assert (meta["title"], meta["author"], meta["isbn"]) == (
        "Dune: Messiah",
        ["No", "Yes: Maybe"],
        "0123456789",
    )


def test_file_names_are_stable_and_unique() -> None:
    taken = {"collected-poems.md"}
    assert file_name("Collected Poems", ["Sylvia Plath"], taken) == (
        "collected-poems-sylvia-plath.md"
    )
    taken.add("collected-poems-sylvia-plath.md")
    assert file_name("Collected Poems", ["Sylvia Plath"], taken) == (
        "collected-poems-sylvia-plath-2.md"
    )
    assert slugify("日本文学") == slugify("日本文学") and slugify("日本文学").startswith("book-")
    assert len(slugify("word " * 50)) <= 60


def test_digits_that_int_refuses_are_bad_cells_not_crashes() -> None:
    header = ["Book Id", "Title", "Author", "My Rating", "Exclusive Shelf"]
    header += ["Original Publication Year", "Number of Pages"]
    rows = [
        ["1", "Dune (Saga, #¹)", "F", "4", "read", "²", "9" * 5000],
        ["2", "Emma (Austen, #" + "1" * 5000 + ")", "J", "5", "read", "1815", "474"],
    ]
    export = read_export(csv_bytes(header, rows))
    dune, emma = export.books
    assert (dune.published, dune.pages, dune.series_number) == (None, None, "¹")
    assert (emma.published, emma.pages) == (1815, 474)
    assert isinstance(emma.series_number, str)  # kept as written, never a 5,000-digit int


def test_match_keys_take_only_plain_ids_and_real_isbns() -> None:
    bomb: list[object] = ["lol"] * 10
    for _ in range(11):
        bomb = [bomb] * 10
    assert match_keys("goodreads", bomb, "unknown...") == []
    assert match_keys("goodreads", 12345, "978-0-441-01359-3") == [
        ("goodreads", "12345"),
        ("isbn", "9780441013593"),
    ]
    assert match_keys("goodreads", "7", "0441013597") == [
        ("goodreads", "7"),
        ("isbn", "9780441013593"),  # an ISBN-10 matches its ISBN-13
    ]


@pytest.mark.parametrize("twice", ["My Review", "Title", "title "])
def test_a_column_read_twice_is_a_named_error(twice: str) -> None:
    # Issue 20, finding 2: a dict of cells kept one of the two; a review (or title) was lost.
    header = ["Book Id", "Title", "Author", "My Rating", "Exclusive Shelf", "My Review", twice]
    row = ["1", "Dune", "Frank Herbert", "4", "read", "The real review.", ""]
    with pytest.raises(ExportError) as error:
        read_export(csv_bytes(header, [row]))
    named = "My Review" if twice == "My Review" else "Title"
    assert str(error.value) == (
        f"has two columns called {named!r} (columns {header.index(named) + 1} and 7): the "
        "importer cannot tell which one to read; delete or rename one and import again"
    )

    # A column the importer does not read may be there twice (or be nameless, twice).
    header = [*header[:6], "Owned Copies", "Owned Copies", "", ""]
    export = read_export(csv_bytes(header, [[*row[:6], "0", "1", "", ""]]))
    assert [book.title for book in export.books] == ["Dune"] and export.problems == []


def test_goodreads_author_is_one_name_and_suffixes_stay_with_their_name() -> None:
    # Issue 20, finding 4: `Author` holds one name; `Additional Authors` is the list.
    header = ["Book Id", "Title", "Author", "Additional Authors", "My Rating", "Exclusive Shelf"]
    export = read_export(csv_bytes(header, [
        ["1", "Why We Can't Wait", "Martin Luther King, Jr.", "Jesse Jackson, Sr., Ann Smith",
         "5", "read"],
    ]))  # fmt: skip
    assert export.books[0].authors == [
        "Martin Luther King, Jr.",
        "Jesse Jackson, Sr.",
        "Ann Smith",
    ]
    header = ["Title", "Authors", "Read Status", "Star Rating"]
    export = read_export(csv_bytes(header, [
        ["Strength to Love", "Martin Luther King, Jr., Coretta Scott King, John Doe III", "read",
         "4"],
    ]))  # fmt: skip
    assert export.books[0].authors == [
        "Martin Luther King, Jr.",
        "Coretta Scott King",
        "John Doe III",
    ]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(codec: str) -> None:
    # Issue 20, finding 5: Excel's "Unicode text" is UTF-16LE, with or without the mark.
    text = "Title,Authors,Read Status,Star Rating\nÉtranger,Albert Camus,read,4\n"
    export = read_export(text.encode(codec))
    assert [(b.title, b.authors) for b in export.books] == [("Étranger", ["Albert Camus"])]
    assert export.problems == []
    # Found by the CSV fuzz: a NUL character in an early cell puts zero bytes on both sides,
    # and the file was read as UTF-8 ("ĸ", bytes 38 01, became "8").
    text = "Title,Authors,Read Status,Star Rating\nnul\x00here,A,read,4\n\u0138,B,read,3\n"
    export = read_export(text.encode(codec))
    assert [b.title for b in export.books] == ["nulhere", "\u0138"]
    # Also found by it: a first row in Arabic has no zero high bytes to count.
    arabic = "\u062a\u0631\u062c\u0645\u0629 " * 6  # 36 characters none of whose bytes is 0
    text = f"Title,Authors,Read Status,Star Rating\n{arabic},A,read,4\n"
    export = read_export(text.encode(codec))
    assert [b.title for b in export.books] == [arabic.strip()]


def test_one_windows_1252_byte_leaves_the_utf8_around_it_alone() -> None:
    # Issue 20, finding 5: only the byte that is not UTF-8 is read as Windows-1252.
    header = b"Title,Authors,Read Status,Star Rating,Review\n"
    row = "Ça ira,Anne — Marie,read,4,Ça — c".encode() + b"\x92est bien\n"
    export = read_export(header + row)
    book = export.books[0]
    assert (book.title, book.authors) == ("Ça ira", ["Anne — Marie"])
    assert book.review == "Ça — c\u2019est bien"
    assert [(p.column, p.message.split(",")[0]) for p in export.problems] == [
        ("Review", "has bytes that are not UTF-8")
    ]
