"""The review model: front matter in, typed values and one problem per bad field out."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mkdocs_bookreviews.front_matter import markdown_after_front_matter, split_front_matter
from mkdocs_bookreviews.model import (
    Cover,
    Credit,
    FieldNames,
    Problem,
    ReadDate,
    Review,
    format_score,
    is_review,
    read_library,
    read_review,
    title_from_path,
)
from mkdocs_bookreviews.render import facts

SRC = "reviews/r.md"
KNOWN = {"reviews/covers/x.jpg", "covers/x.jpg", "reviews/x.jpg"}
SCORE_FIX = "use a number from 0 to 5, like 3.25"
MISSING = ...  # a `read(...)` value that leaves the field out of the front matter


def read(src_uri: str = SRC, *, scale: int = 5, **meta: Any) -> tuple[Review, list[Problem]]:
    """Read a valid review (title T, author A, score 3) with `meta` changed."""
    base: dict[str, Any] = {"title": "T", "author": "A", "score": 3}
    base.update(meta)
    front_matter = {key: value for key, value in base.items() if value is not MISSING}
    return read_review(src_uri, front_matter, fields=FieldNames(), scale=scale, known_files=KNOWN)


def only_problem(problems: list[Problem], field: str) -> Problem:
    """The one problem expected, checked to be about `field`."""
    assert [problem.field for problem in problems] == [field]
    return problems[0]


# --- split_front_matter ---------------------------------------------------------------


def pair(text: str) -> tuple[dict[str, Any] | None, str | None]:
    """What split_front_matter gives as (meta, error)."""
    parsed = split_front_matter(text)
    return parsed.meta, parsed.error


def test_split_valid_front_matter() -> None:
    assert pair("---\ntitle: X\nscore: 4\n---\nbody") == (
        {"title": "X", "score": 4},
        None,
    )
    assert pair("---\ntitle: X\n...\nbody") == ({"title": "X"}, None)


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: X\n---",
        "---\ntitle: X\n--- \t",
        "---\ntitle: X\n...",
        "\ufeff---\ntitle: X\n---",
    ],
)
def test_split_header_closed_at_the_end_of_the_file(text: str) -> None:
    # No newline after the closing line, no body: still a header (MkDocs' pattern says no).
    assert pair(text) == ({"title": "X"}, None)
    assert split_front_matter(text).unread is None
    assert markdown_after_front_matter(text, closed_at_end=True) == ""
    assert markdown_after_front_matter(text) is None  # what MkDocs alone would take off


def test_split_header_that_is_really_unclosed() -> None:
    for text in ("---\ntitle: X\n", "---\ntitle: X\n---x", "---\ntitle: X\n-- "):
        parsed = split_front_matter(text)
        assert parsed.meta is None and parsed.unread == "has no closing `---` line", text


def test_split_without_front_matter() -> None:
    assert pair("# no header\n") == (None, None)
    assert pair("") == (None, None)
    # A header must start the page, as MkDocs requires.
    assert pair("\n---\ntitle: X\n---\n") == (None, None)


def test_split_byte_order_mark() -> None:
    assert pair("\ufeff---\nscore: 1\n---\n") == ({"score": 1}, None)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            "---\ntitle: Dune: Messiah\nscore: 3\n---\n",
            "mapping values are not allowed in this context (line 2)",
        ),
        (
            "---\ntitle: ok\n  bad: indent\n---\n",
            "mapping values are not allowed in this context (line 3)",
        ),
        # The line counts from the top of the file, a byte order mark changes nothing.
        (
            "\ufeff---\nscore: 3\ntitle: Dune: Messiah\n---\n",
            "mapping values are not allowed in this context (line 3)",
        ),
    ],
)
def test_split_invalid_yaml_names_the_line(text: str, error: str) -> None:
    assert pair(text) == (None, error)


@pytest.mark.parametrize(
    ("text", "kind"),
    [("---\n- a list\n---\n", "list"), ("---\njust text\n---\n", "str"), ("---\n42\n---\n", "int")],
)
def test_split_front_matter_that_is_not_a_mapping(text: str, kind: str) -> None:
    # MkDocs shows such lines as content (a page that opens with a horizontal rule).
    assert pair(text) == (None, None), kind


@pytest.mark.parametrize("text", ["---\n\n---\nbody", "---\n# draft\n---\nbody"])
def test_split_empty_front_matter_is_not_an_error(text: str) -> None:
    assert pair(text) == ({}, None)


# --- is_review ------------------------------------------------------------------------


def test_is_review_needs_the_review_field() -> None:
    assert is_review({"score": None}, "score")
    assert is_review({"score": "four"}, "score")
    assert not is_review({"title": "T", "rating": 4}, "score")
    assert is_review({"rating": 4}, "rating")
    assert not is_review(None, "score")
    assert is_review({"review": {"rating": None}}, "review.rating")
    assert not is_review({"review": {"date": 1}}, "review.rating")
    assert not is_review({"review": None}, "review.rating")
    assert is_review({"review": "x"}, "review.rating")  # a bad field of a review


# --- score ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "score"),
    [
        (3, 3.0),
        (0, 0.0),
        (5, 5.0),
        (3.25, 3.25),
        ("4.5", 4.5),
        ("4,5", 4.5),
        (" 4,5 ", 4.5),
        ("9/10", 4.5),  # a fraction is rescaled to the site's scale
        ("4.5/5", 4.5),
    ],
)
def test_scores_people_write(value: object, score: float) -> None:
    review, problems = read(score=value)
    assert (review.score, problems) == (score, [])


def test_fraction_is_rescaled_to_the_scale() -> None:
    assert read(score="9/10", scale=10)[0].score == 9.0
    assert read(score="4/5", scale=10)[0].score == 8.0


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("four", "'four' is not a number"),
        (7, "7 is outside 0 to 5"),
        ("7/5", "'7/5' is outside 0 to 5"),
        (-0.25, "-0.25 is outside 0 to 5"),
        (-1, "-1 is outside 0 to 5"),
        (True, "true is not a number"),
        (False, "false is not a number"),
        ([4], "[4] is not a number"),
        (float("nan"), "nan is not a number"),
        ("nan", "'nan' is not a number"),
        (float("inf"), "inf is outside 0 to 5"),
        ("4/0", "'4/0' is not a number"),
    ],
)
def test_bad_scores(value: object, found: str) -> None:
    review, problems = read(score=value, year=2024)
    problem = only_problem(problems, "score")
    assert (problem.found, problem.fix) == (found, SCORE_FIX)
    assert review.score is None
    assert (review.title, review.author, review.year) == ("T", "A", 2024)


def test_huge_integer_score() -> None:
    review, problems = read(score=10**400)
    assert review.score is None
    assert only_problem(problems, "score").found.endswith("is outside 0 to 5")


def test_problem_message_format() -> None:
    problem = Problem("reviews/road.md", "score", "'four' is not a number", "use a number")
    assert problem.message == "reviews/road.md: score 'four' is not a number; use a number"
    _, problems = read(score="four")
    assert only_problem(problems, "score").message == (
        "reviews/r.md: score 'four' is not a number; use a number from 0 to 5, like 3.25"
    )


# --- title and author -----------------------------------------------------------------


def test_title_as_a_number_is_text() -> None:
    review, problems = read(title=1984)
    assert (review.title, problems) == ("1984", [])


def test_title_white_space_and_control_characters() -> None:
    assert read(title="  Many \n  spaces\x02 ")[0].title == "Many spaces"


def test_title_as_a_list_is_refused() -> None:
    review, problems = read("reviews/the-road.md", title=["a", "b"], score=4)
    problem = only_problem(problems, "title")
    assert problem.message == (
        "reviews/the-road.md: title ['a', 'b'] is not text; write a title as text"
    )
    assert (review.title, review.author, review.score) == ("The road", "A", 4.0)


@pytest.mark.parametrize(("value", "found"), [("", "is empty"), (None, "is empty")])
def test_empty_title(value: object, found: str) -> None:
    review, problems = read(title=value)
    assert only_problem(problems, "title").found == found
    assert review.title == "R"


def test_missing_title_falls_back_to_the_file_name() -> None:
    review, problems = read("reviews/never-let-me-go.md", title=MISSING)
    assert only_problem(problems, "title").message == (
        "reviews/never-let-me-go.md: title is missing; add `title:` to the front matter"
    )
    assert (review.title, review.author, review.score) == ("Never let me go", "A", 3.0)


@pytest.mark.parametrize(
    ("value", "author"),
    [
        ("Ursula K. Le Guin", "Ursula K. Le Guin"),
        (["Ann"], "Ann"),
        (["Ann", "Bo"], "Ann and Bo"),
        (["Ann", "Bo", "Cy"], "Ann, Bo and Cy"),
    ],
)
def test_authors(value: object, author: str) -> None:
    review, problems = read(author=value)
    assert (review.author, problems) == (author, [])


def test_missing_author() -> None:
    review, problems = read(author=MISSING)
    assert only_problem(problems, "author").message == (
        "reviews/r.md: author is missing; add `author:` to the front matter"
    )
    assert (review.author, review.title, review.score) == (None, "T", 3.0)


@pytest.mark.parametrize(
    ("value", "found"),
    [
        (None, "is empty"),
        ([], "[] is not text"),
        ([{"role": "editor"}], "has {'role': 'editor'}, which has no name"),
        ([{"name": " ", "role": "editor"}], "is empty"),
    ],
)
def test_an_author_field_that_names_no_one_keeps_its_warning(value: object, found: str) -> None:
    review, problems = read(author=value)
    assert only_problem(problems, "author").found == found
    assert (review.authors, review.credits, review.creators) == ((), (), ())


def test_author_list_with_a_bad_name() -> None:
    review, problems = read(author=["Ann", {"x": 1}])
    problem = only_problem(problems, "author")
    assert (problem.found, problem.fix) == (
        "has {'x': 1}, which has no name",
        "give each person a `name:`",
    )
    assert review.author == "Ann"  # the good name is kept


def test_missing_title_and_author_are_two_problems() -> None:
    review, problems = read(title=MISSING, author=MISSING)
    assert [(p.field, p.found) for p in problems] == [
        ("title", "is missing"),
        ("author", "is missing"),
    ]
    assert (review.title, review.author) == ("R", None)


# --- year and month -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2025, 2025), ("2024", 2024), (" 1999 ", 1999), (dt.date(2023, 3, 9), 2023)],
)
def test_years(year: object, expected: int) -> None:
    review, problems = read(year=year)
    assert (review.year, problems) == (expected, [])


FULL_WIDTH_2024 = "\uff12\uff10\uff12\uff14"


@pytest.mark.parametrize("year", ["last summer", 0, 10000, 2024.5, True, FULL_WIDTH_2024])
def test_bad_years(year: object) -> None:
    review, problems = read(year=year, month="May")
    problem = only_problem(problems, "year")
    assert problem.fix == "use a four-digit year like 2025"
    assert problem.found.endswith("is not a year")
    # A month is a read date only with its year.
    assert (review.year, review.month, review.reads) == (None, None, ())


@pytest.mark.parametrize(
    ("month", "number"),
    [
        ("February", 2),
        ("february", 2),
        ("Feb", 2),
        ("Sept", 9),
        ("Sep", 9),
        ("dec.", 12),
        (7, 7),
        ("07", 7),
        (dt.date(2020, 11, 1), 11),
    ],
)
def test_months(month: object, number: int) -> None:
    review, problems = read(year=2020, month=month)
    assert (review.month, problems) == (number, [])


@pytest.mark.parametrize("month", ["13", 13, 0, "Smarch", True])
def test_bad_months(month: object) -> None:
    review, problems = read(year=2024, month=month)
    problem = only_problem(problems, "month")
    assert problem.fix == "use a month name like February, Feb, or 1 to 12"
    assert problem.found.endswith("is not a month")
    assert (review.year, review.month) == (2024, None)


def test_date_in_the_year_field_supplies_the_month() -> None:
    assert read(year=dt.date(2023, 3, 9))[0].read_on == "March 2023"
    # ... unless the month field is there: it wins, and a bad one stays a problem.
    assert read(year=dt.date(2023, 3, 9), month="May")[0].month == 5
    review, problems = read(year=dt.date(2023, 3, 9), month="Smarch")
    assert review.month is None and only_problem(problems, "month")


# --- cover ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src_uri", "image", "expected"),
    [
        (SRC, "covers/x.jpg", "reviews/covers/x.jpg"),
        (SRC, "./covers/x.jpg", "reviews/covers/x.jpg"),
        (SRC, "x.jpg", "reviews/x.jpg"),
        (SRC, "../covers/x.jpg", "covers/x.jpg"),
        ("reviews/classics/r.md", "../covers/x.jpg", "reviews/covers/x.jpg"),
        (SRC, "/covers/x.jpg", "covers/x.jpg"),
        ("reviews/classics/r.md", "/reviews/x.jpg", "reviews/x.jpg"),
    ],
)
def test_cover_paths(src_uri: str, image: str, expected: str) -> None:
    review, problems = read(src_uri, image=image)
    assert (review.cover, problems) == (Cover(src_uri=expected), [])


@pytest.mark.parametrize(
    "url", ["https://covers.test/x.jpg", "http://covers.test/x.jpg", "HTTPS://covers.test/x.jpg"]
)
def test_cover_urls_are_kept(url: str) -> None:
    review, problems = read(image=url)
    assert (review.cover, problems) == (Cover(url=url), [])


@pytest.mark.parametrize(
    "image",
    [
        "javascript:alert(1)",
        "data:image/png;base64,AAAA",
        "file:///etc/passwd",
        "C:\\x.jpg",
        "//covers.test/x.jpg",
        "\\\\server\\x.jpg",
    ],
)
def test_cover_schemes_refused(image: str) -> None:
    review, problems = read(image=image, score=4)
    problem = only_problem(problems, "image")
    assert problem.found == f"'{image}' is not a file in docs_dir or an http(s) URL"
    assert problem.fix == "put the cover inside docs_dir and write its path relative to this page"
    assert (review.cover, review.score) == (None, 4.0)


@pytest.mark.parametrize("image", ["../../outside.jpg", "/../outside.jpg", "../.."])
def test_cover_outside_docs_dir(image: str) -> None:
    review, problems = read(image=image)
    problem = only_problem(problems, "image")
    assert (problem.found, problem.fix) == (
        f"'{image}' points outside docs_dir",
        "move the cover into docs_dir",
    )
    assert review.cover is None


def test_missing_cover_file_names_the_path() -> None:
    review, problems = read(image="covers/nope.jpg")
    assert only_problem(problems, "image").message == (
        "reviews/r.md: image 'covers/nope.jpg' does not exist "
        "(looked for docs_dir/reviews/covers/nope.jpg); "
        "check the file name, or write the path relative to this page"
    )
    assert review.cover is None


@pytest.mark.parametrize("image", [42, ["x.jpg"], {"a": 1}])
def test_cover_that_is_not_a_path(image: object) -> None:
    review, problems = read(image=image)
    problem = only_problem(problems, "image")
    assert problem.found.endswith("is not a path")
    assert review.cover is None


# --- genres ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "genres"),
    [
        (["Sci-Fi", "Fiction"], ("Sci-Fi", "Fiction")),
        (["Sci-Fi", "Fiction", "Sci-Fi"], ("Sci-Fi", "Fiction")),
        ("Fantasy, Adventure,", ("Fantasy", "Adventure")),
        ("Fantasy", ("Fantasy",)),
        ([" Historical  Fiction "], ("Historical Fiction",)),
        ([1984], ("1984",)),
        (None, ()),
        ([], ()),
    ],
)
def test_genres(value: object, genres: tuple[str, ...]) -> None:
    review, problems = read(genre=value)
    assert (review.genres, problems) == (genres, [])


def test_bad_genre_items_keep_the_good_ones() -> None:
    review, problems = read(genre=["Good", None, {"bad": 1}, True, "Also good"], score=4)
    problem = only_problem(problems, "genre")
    assert problem.message == (
        "reviews/r.md: genre has null, which is not a genre name; "
        'write genres as a list of names, like ["Sci-Fi", "Fiction"]'
    )
    assert (review.genres, review.score) == (("Good", "Also good"), 4.0)


def test_genre_mapping_is_refused() -> None:
    review, problems = read(genre={"Sci-Fi": True})
    assert only_problem(problems, "genre").found == (
        "has {'Sci-Fi': true}, which is not a genre name"
    )
    assert review.genres == ()


def test_every_field_bad_at_once() -> None:
    review, problems = read(
        title=["x"],
        author=None,
        year="last summer",
        month="13",
        score="four",
        image="javascript:x",
        genre=["Ok", None],
    )
    assert [problem.field for problem in problems] == [
        "title",
        "author",
        "year",
        "month",
        "score",
        "image",
        "genre",
    ]
    assert review == Review(SRC, "R", genres=("Ok",))


# --- read_library ---------------------------------------------------------------------


def test_read_library_ignores_pages_that_are_not_reviews() -> None:
    pages = [
        ("index.md", "# Welcome\n"),
        ("about.md", "---\ntitle: About\n---\nHi"),
        ("reviews/a.md", "---\ntitle: A\nauthor: B\nscore: 4\n---\nText"),
        ("reviews/b.md", "---\ntitle: Dune: Messiah\nscore: 3\n---\n"),
    ]
    library = read_library(pages, fields=FieldNames(), scale=5, known_files=set())
    assert library.reviews == {
        "reviews/a.md": Review("reviews/a.md", "A", authors=("B",), score=4.0)
    }
    assert [problem.message for problem in library.problems] == [
        "reviews/b.md: front matter is not valid YAML: mapping values are not allowed in this "
        "context (line 2); put quotes around values that contain ': ' or start with a symbol"
    ]


def test_read_library_with_remapped_field_names() -> None:
    fields = FieldNames(score="rating", genre="tags", image="cover")
    pages = [
        (
            "a.md",
            "---\ntitle: A\nauthor: B\nrating: eight\ntags: [X, [Y]]\ncover: nope.jpg\n---\n",
        ),
        ("b.md", "---\ntitle: B\nauthor: C\nrating: 9/10\ntags: Y\ncover: c.jpg\n---\n"),
        ("c.md", "---\ntitle: C\nscore: 3\n---\n"),  # no `rating`: not a review
        ("d.md", "no front matter"),
    ]
    library = read_library(pages, fields=fields, scale=10, known_files={"c.jpg"})
    assert list(library.reviews) == ["a.md", "b.md"]
    assert library.reviews["a.md"] == Review("a.md", "A", authors=("B",), genres=("X",))
    assert library.reviews["b.md"] == Review(
        "b.md", "B", authors=("C",), score=9.0, cover=Cover(src_uri="c.jpg"), genres=("Y",)
    )
    assert [problem.message for problem in library.problems] == [
        "a.md: rating 'eight' is not a number; use a number from 0 to 10, like 3.25",
        "a.md: cover 'nope.jpg' does not exist (looked for docs_dir/nope.jpg); "
        "check the file name, or write the path relative to this page",
        "a.md: tags has ['Y'], which is not a genre name; "
        'write genres as a list of names, like ["Sci-Fi", "Fiction"]',
    ]


# --- Review and helpers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("reads", "read_on"),
    [
        ((ReadDate(2025, 2),), "February 2025"),
        ((ReadDate(2025),), "2025"),
        ((ReadDate(2019, 3, 7), ReadDate(2025, 2, 14)), "February 2025"),
        ((), ""),
    ],
)
def test_read_on(reads: tuple[ReadDate, ...], read_on: str) -> None:
    assert Review("r.md", "T", reads=reads).read_on == read_on


def test_sort_key_newest_first_undated_last() -> None:
    newest = Review("a.md", "Z", reads=(ReadDate(2025, 2),))
    year_only = Review("b.md", "Y", reads=(ReadDate(2025),))
    older = Review("c.md", "A", reads=(ReadDate(2024, 12),))
    undated_b = Review("e.md", "b")
    undated_a = Review("d.md", "A")
    same_title = Review("c2.md", "a", reads=(ReadDate(2024, 12),))
    ordered = sorted(
        [undated_b, older, undated_a, same_title, year_only, newest], key=lambda r: r.sort_key
    )
    assert [review.src_uri for review in ordered] == [
        "a.md",
        "b.md",
        "c.md",
        "c2.md",
        "d.md",
        "e.md",
    ]


@pytest.mark.parametrize(
    ("score", "text"), [(3.25, "3.25"), (4.0, "4"), (3.5, "3.5"), (0.0, "0"), (10.0, "10")]
)
def test_format_score(score: float, text: str) -> None:
    assert format_score(score) == text


@pytest.mark.parametrize(
    ("src_uri", "title"),
    [
        ("reviews/the-road.md", "The road"),
        ("reviews/The_Road.md", "The Road"),
        ("never_let-me-go.md", "Never let me go"),
        ("reviews/classics/1984.md", "1984"),
    ],
)
def test_title_from_path(src_uri: str, title: str) -> None:
    assert title_from_path(src_uri) == title


@pytest.mark.parametrize("field", ["score", "image", "year", "month", "genre", "summary"])
@pytest.mark.parametrize("value", [None, "", "   "])
def test_null_or_blank_optional_fields_are_absent(field: str, value: object) -> None:
    meta: dict[str, Any] = {field: value}
    review, problems = read(**meta)
    assert problems == []
    assert review.score is None if field == "score" else review.score == 3.0


# --- the fields of real collections: dotted paths, read dates, roles, new fields ----------

NESTED = FieldNames(
    title="book.title",
    author="book.author",
    date="review.date_read",
    score="review.rating",
    did_not_finish="review.did_not_finish",
    summary="review.tldr",
    spoilers="review.spoilers",
    series="book.series",
    series_number="book.series_number",
    isbn="book.isbn13",
    pages="book.pages",
    published="book.publication_year",
    cover_alt="book.cover_alt",
    genre="book.tags",
)


def read_nested(book: dict[str, Any], review: Any) -> tuple[Review, list[Problem]]:
    meta = {"book": {"title": "T", "author": "A", **book}, "review": review}
    return read_review(SRC, meta, fields=NESTED, scale=5, known_files=KNOWN)


def test_nested_fields_are_read_by_their_paths() -> None:
    review, problems = read_nested(
        {
            "author": [
                {"name": "Olga Tokarczuk"},
                {"name": "Jennifer Croft", "role": "Translator"},
            ],
            "series": "Books of Jacob",
            "series_number": 2.5,
            "isbn13": "978-0-525-53420-1",
            "pages": 912,
            "publication_year": dt.date(2014, 1, 1),
            "cover_alt": "A red cover",
            "tags": ["Historical Fiction"],
        },
        {
            "rating": 4.25,
            "date_read": [dt.date(2024, 5, 2), "2019-03", 2016],
            "did_not_finish": True,
            "tldr": "  Huge,   and worth it. ",
            "spoilers": "yes",
        },
    )
    assert problems == []
    assert review.authors == ("Olga Tokarczuk",)
    assert review.credits == (Credit("Jennifer Croft", "translator"),)
    assert review.reads == (ReadDate(2016), ReadDate(2019, 3), ReadDate(2024, 5, 2))
    assert (review.year, review.month, review.read_on) == (2024, 5, "May 2024")
    assert (review.score, review.did_not_finish, review.spoilers) == (4.25, True, True)
    assert review.summary == "Huge, and worth it."
    assert (review.series, review.series_number) == ("Books of Jacob", "2.5")
    assert (review.isbn, review.pages, review.published) == ("9780525534201", 912, 2014)
    assert review.cover_alt == "A red cover"


def test_a_missing_mapping_is_a_missing_field() -> None:
    review, problems = read_nested({}, None)  # `review:` empty: unrated, undated, finished
    assert problems == []
    assert (review.score, review.reads, review.did_not_finish) == (None, (), False)


def test_a_path_through_a_value_that_is_not_a_mapping_is_one_warning_per_field() -> None:
    review, problems = read_nested({}, "four stars")
    assert sorted(p.field for p in problems) == sorted(
        [
            "review.rating",
            "review.date_read",
            "review.did_not_finish",
            "review.tldr",
            "review.spoilers",
        ]
    )
    rating = next(p for p in problems if p.field == "review.rating")
    assert rating.message == (
        "reviews/r.md: review.rating cannot be read: review is 'four stars', not a mapping; "
        "write review as a mapping of keys, or change `fields:`"
    )
    assert review.title == "T"


@pytest.mark.parametrize(
    ("path", "value", "found"),
    [
        ("review.date_read", "last spring", "'last spring' is not a date"),
        ("review.date_read", "2019-13", "'2019-13' is not a date"),
        ("review.date_read", "2019-02-30", "'2019-02-30' is not a date"),
        ("review.date_read", [2019, {"a": 1}], "{'a': 1} is not a date"),
        ("review.date_read", True, "true is not a date"),
        ("review.did_not_finish", "maybe", "'maybe' is not true or false"),
        ("review.did_not_finish", [True], "[true] is not true or false"),
        ("review.spoilers", 2, "2 is not true or false"),
        ("review.tldr", ["a"], "['a'] is not text"),
        ("review.tldr", {"a": 1}, "{'a': 1} is not text"),
        ("book.series", ["x"], "['x'] is not text"),
        ("book.series_number", ["1"], "['1'] is not a number in a series"),
        ("book.series_number", "x" * 40, f"'{'x' * 40}' is not a number in a series"),
        ("book.isbn13", "12345", "'12345' is not an ISBN"),
        ("book.isbn13", 9780525534201.0, "9780525534201.0 is not an ISBN"),
        ("book.pages", "many", "'many' is not a number of pages"),
        ("book.pages", 0, "0 is not a number of pages"),
        ("book.publication_year", "long ago", "'long ago' is not a year"),
        ("book.cover_alt", {"a": 1}, "{'a': 1} is not text"),
        ("book.author", [{"role": "translator"}], "has {'role': 'translator'}, which has no name"),
    ],
)
def test_each_new_field_warns_once_naming_its_path(path: str, value: object, found: str) -> None:
    section, key = path.split(".")
    book: dict[str, Any] = {}
    review_part: dict[str, Any] = {"rating": 3}
    (book if section == "book" else review_part)[key] = value
    review, problems = read_nested(book, review_part)
    problem = only_problem(problems, path)
    assert problem.found == found
    assert review.title == "T" and review.score == 3.0  # the rest of the review stands


@pytest.mark.parametrize(
    ("value", "reads"),
    [
        ("2016-09", (ReadDate(2016, 9),)),
        ("2016", (ReadDate(2016),)),
        (2016, (ReadDate(2016),)),
        (dt.date(2019, 11, 7), (ReadDate(2019, 11, 7),)),
        (["2024-01-02", "2019-05", "2024-01-02"], (ReadDate(2019, 5), ReadDate(2024, 1, 2))),
        ([], ()),
        ([None, ""], ()),
    ],
)
def test_read_dates(value: object, reads: tuple[ReadDate, ...]) -> None:
    review, problems = read(date=value, year=1999, month=1)  # `date` wins over year and month
    assert (review.reads, problems) == (reads or (ReadDate(1999, 1),), [])


def test_review_fixes_from_the_code_review() -> None:
    # A month of zero is no month (and no "2024-15" in structured data).
    _, problems = read(date=["2024-00-15"])
    assert only_problem(problems, "date").found == "'2024-00-15' is not a date"
    # One bad read date or author costs only itself.
    review, problems = read(date=["2019-01-01", "later", "2020-02-02"], author=["Ann", None])
    assert review.reads == (ReadDate(2019, 1, 1), ReadDate(2020, 2, 2))
    assert review.authors == ("Ann",)
    assert sorted(p.field for p in problems) == ["author", "date"]
    # Credits alone are a valid author field (an anthology's editor): no warning.
    review, problems = read(author=[{"name": "T. Lator", "role": "translator"}])
    assert (review.authors, review.credits) == ((), (Credit("T. Lator", "translator"),))
    assert (review.creators, review.made_by, problems) == (
        ("T. Lator",),
        "translated by T. Lator",
        [],
    )
    # A YAML date in a nested `year` gives the month too.
    meta = {"title": "T", "author": "A", "score": 3, "read": {"year": dt.date(2019, 3, 5)}}
    review, problems = read_review(
        SRC, meta, fields=FieldNames(year="read.year"), scale=5, known_files=KNOWN
    )
    assert (review.read_on, problems) == ("March 2019", [])


def test_invalid_yaml_on_a_page_that_is_not_a_review_is_left_to_mkdocs() -> None:
    pages = [
        ("about.md", "---\nhide: [toc\n---\n\nAbout.\n"),
        ("r.md", "---\ntitle: Dune: Messiah\nscore: 3\n---\n"),
    ]
    library = read_library(pages, fields=FieldNames(), scale=5, known_files=set())
    assert [(p.src_uri, p.field) for p in library.problems] == [("r.md", "front matter")]


def test_a_duplicate_key_is_shown_safely() -> None:
    key = "\\e[2J\\nFAKE: ok" + "x" * 300  # YAML escapes: an escape code and a newline
    pages = [("r.md", f'---\ntitle: T\nauthor: A\nscore: 3\n"{key}": 1\n"{key}": 2\n---\n')]
    library = read_library(pages, fields=FieldNames(), scale=5, known_files=set())
    (problem,) = library.problems
    assert "is given twice in the front matter (lines 5 and 6)" in problem.found
    assert "\n" not in problem.message and "\x1b" not in problem.message
    assert len(problem.message) < 200


# --- fields: a list of paths, the first present wins --------------------------------


ISBNS = FieldNames(isbn=("book.isbn13", "book.isbn10"), title=("book.title", "title"))


def read_isbns(book: dict[str, Any], **meta: Any) -> tuple[Review, list[Problem]]:
    front_matter = {"author": "A", "score": 3, "book": {"title": "T", **book}, **meta}
    return read_review(SRC, front_matter, fields=ISBNS, scale=5, known_files=KNOWN)


@pytest.mark.parametrize(
    ("book", "isbn"),
    [
        ({"isbn13": "9780140449266", "isbn10": "0140449264"}, "9780140449266"),
        ({"isbn10": "0140449264"}, "0140449264"),
        ({"isbn13": None, "isbn10": "0140449264"}, "0140449264"),  # null: as good as missing
        ({"isbn13": " ", "isbn10": "0140449264"}, "0140449264"),
        ({}, None),
    ],
)
def test_a_list_of_paths_reads_the_first_present(book: dict[str, Any], isbn: str | None) -> None:
    review, problems = read_isbns(book)
    assert problems == []
    assert review.isbn == isbn


def test_a_list_of_paths_warns_about_the_path_it_read() -> None:
    # The first present wins, even when it is bad: a later path is not a silent fallback.
    review, problems = read_isbns({"isbn13": "12345", "isbn10": "0140449264"})
    assert only_problem(problems, "book.isbn13").found == "'12345' is not an ISBN"
    assert review.isbn is None
    _, problems = read_isbns({"isbn10": "12345"})
    assert only_problem(problems, "book.isbn10").found == "'12345' is not an ISBN"


def test_a_missing_required_field_names_every_path() -> None:
    front_matter = {"author": "A", "score": 3}
    review, problems = read_review(SRC, front_matter, fields=ISBNS, scale=5, known_files=KNOWN)
    assert only_problem(problems, "book.title").message == (
        "reviews/r.md: book.title is missing; add `book.title:` (or `title:`) to the front matter"
    )
    review, problems = read_review(
        SRC, {"title": "Plain", **front_matter}, fields=ISBNS, scale=5, known_files=KNOWN
    )
    assert problems == [] and review.title == "Plain"


def test_a_review_field_with_a_list_of_paths() -> None:
    fields = FieldNames(score=("review.rating", "rating"))
    pages = [
        ("a.md", "---\ntitle: A\nauthor: B\nreview: {rating: 4}\n---\n"),
        ("b.md", "---\ntitle: B\nauthor: C\nrating: 3\n---\n"),
        ("c.md", "---\ntitle: C\nscore: 3\n---\n"),  # neither path: not a review
        ("d.md", "---\ntitle: D\nrating: 3\n"),  # meant as a review, never closed
    ]
    library = read_library(pages, fields=fields, scale=5, known_files=set())
    assert {uri: r.score for uri, r in library.reviews.items()} == {"a.md": 4.0, "b.md": 3.0}
    assert [problem.src_uri for problem in library.problems] == ["d.md"]


def test_field_names_of_the_option() -> None:
    fields = FieldNames.of({"isbn": ["book.isbn13", "book.isbn10"], "title": "book.title"})
    assert fields.isbn == ("book.isbn13", "book.isbn10")
    assert (fields.first("isbn"), fields.paths("title")) == ("book.isbn13", ("book.title",))
    assert fields.shown("isbn") == "`book.isbn13` or `book.isbn10`"
    hash(fields)  # lists became tuples: still a frozen, hashable value


# --- published years before 1000 and before the common era ---------------------------


@pytest.mark.parametrize(
    ("value", "year", "shown"),
    [
        (-600, -600, "600 BCE"),  # Tao Te Ching
        ("600 BCE", -600, "600 BCE"),
        ("-600", -600, "600 BCE"),
        ("8 B.C.", -8, "8 BCE"),
        (-1, -1, "1 BCE"),
        (800, 800, "800"),  # before 1000, as written: no leading zero, no era
        ("AD 800", 800, "800"),
        ("1965", 1965, "1965"),
        (dt.date(1965, 8, 1), 1965, "1965"),
    ],
)
def test_published_years_before_1000_and_bce(value: object, year: int, shown: str) -> None:
    review, problems = read(published=value)
    assert problems == []
    assert review.published == year
    assert facts(review) == [f"first published {shown}"]


@pytest.mark.parametrize(
    ("value", "found", "fix"),
    [
        (
            0,
            "0 is not a year: there is no year 0",
            "write -1 (or '1 BCE') for the year before 1 CE, or 1 for the year after",
        ),
        (
            "-600 BCE",
            "'-600 BCE' is not a year",
            "write the year like 1965, or like -600 (or '600 BCE') before the common era",
        ),
        (
            "long ago",
            "'long ago' is not a year",
            "write the year like 1965, or like -600 (or '600 BCE') before the common era",
        ),
    ],
)
def test_bad_published_years_advise_what_exists(value: object, found: str, fix: str) -> None:
    _, problems = read(published=value)
    problem = only_problem(problems, "published")
    assert (problem.found, problem.fix) == (found, fix)


def test_read_years_stay_common_era() -> None:
    # When you read the book: never BCE, and a four-digit year is a fix that exists.
    for value in (-600, "600 BCE", 0):
        _, problems = read(year=value)
        assert only_problem(problems, "year").fix == "use a four-digit year like 2025"
        _, problems = read(date=value)
        assert only_problem(problems, "date").fix.startswith("write a date like 2019-11-07")


# --- ISBN warnings advise what would fix that value -------------------------------------


@pytest.mark.parametrize(
    ("value", "fix"),
    [
        # Quoted already: quotes are not the fix.
        ("12345", "an ISBN has 10 digits (the last may be X) or 13: check it against the book"),
        (
            "ISBN-13: 978-0441013593",
            "write only the ISBN's digits, '9780441013593' (hyphens and spaces are fine)",
        ),
        # Unquoted: quotes fix only a number YAML changed.
        (12345, "an ISBN has 10 digits (the last may be X) or 13: check it against the book"),
        (
            0o123456701,  # `isbn: 0123456701` unquoted
            "put it in quotes, '0123456701': unquoted, YAML reads it as an octal number",
        ),
        (9780525534201.0, "write it as text, '9780525534201', with no decimal point"),
        (["9780441013593"], "write the ISBN as text, like '9780441013593'"),
    ],
)
def test_isbn_warnings_fit_the_value(value: object, fix: str) -> None:
    _, problems = read(isbn=value)
    assert only_problem(problems, "isbn").fix == fix
