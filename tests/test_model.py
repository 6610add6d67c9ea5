"""The review model: front matter in, typed values and one problem per bad field out."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mkdocs_bookreviews.model import (
    FieldNames,
    Problem,
    Review,
    format_score,
    read_library,
    read_review,
    split_front_matter,
    title_from_path,
)

KNOWN = {"reviews/covers/x.jpg", "covers/x.jpg", "reviews/x.jpg"}


def read(**meta: Any) -> tuple[Review, list[Problem]]:
    base: dict[str, Any] = {"title": "T", "author": "A", "score": 3}
    base.update(meta)
    base = {k: v for k, v in base.items() if v is not ...}
    return read_review("reviews/r.md", base, fields=FieldNames(), scale=5, known_files=KNOWN)


def test_split_front_matter() -> None:
    assert split_front_matter("---\ntitle: X\n---\nbody") == ({"title": "X"}, None)
    assert split_front_matter("\ufeff---\nscore: 1\n---\n") == ({"score": 1}, None)
    assert split_front_matter("# no header\n") == (None, None)
    meta, error = split_front_matter("---\ntitle: x\nscore: [1\n---\n")
    assert meta is None and error is not None and "(line 4)" in error
    meta, error = split_front_matter("---\n- a list\n---\n")
    assert meta is None and error == "is a list, not a list of `key: value` lines"


@pytest.mark.parametrize(
    ("value", "score"),
    [(3, 3.0), (3.25, 3.25), ("4.5", 4.5), (" 4,5 ", 4.5), ("9/10", 4.5), (0, 0.0), (5, 5.0)],
)
def test_scores_people_write(value: object, score: float) -> None:
    review, problems = read(score=value)
    assert (review.score, problems) == (score, [])


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("four", "'four' is not a number"),
        (7, "7 is outside 0 to 5"),
        (-0.25, "-0.25 is outside 0 to 5"),
        (True, "True is not a number"),
        (None, "None is not a number"),
        ([4], "[4] is not a number"),
        (float("nan"), "nan is not a number"),
        (10**400, "outside 0 to 5"),
        ("4/0", "'4/0' is not a number"),
    ],
)
def test_bad_scores(value: object, found: str) -> None:
    review, problems = read(score=value)
    assert review.score is None
    assert len(problems) == 1
    assert problems[0].field == "score" and found in problems[0].found
    assert problems[0].fix == "use a number from 0 to 5, like 3.25"


def test_problem_message() -> None:
    problem = Problem("reviews/road.md", "score", "'four' is not a number", "use a number")
    assert problem.message == "reviews/road.md: score 'four' is not a number; use a number"


def test_text_fields() -> None:
    assert read(title=1984)[0].title == "1984"
    assert read(title="  Many \n  spaces\x02 ")[0].title == "Many spaces"
    review, problems = read(title=["a"])
    assert review.title == "R" and [p.field for p in problems] == ["title"]
    assert read(author=["Ann", "Bo", "Cy"])[0].author == "Ann, Bo and Cy"
    assert read(author=["Ann"])[0].author == "Ann"
    review, problems = read(title=..., author=...)
    assert review.title == "R" and review.author is None
    assert [(p.field, p.found) for p in problems] == [
        ("title", "is missing"),
        ("author", "is missing"),
    ]


def test_when_read() -> None:
    assert read(year=2025, month="February")[0].read_on == "February 2025"
    assert read(year="2024", month="Sept")[0].read_on == "September 2024"
    assert read(year=2024, month=7)[0].read_on == "July 2024"
    assert read(year=dt.date(2023, 3, 9))[0].read_on == "March 2023"
    assert read(month="dec.")[0].read_on == "December"
    assert read(year=2022)[0].read_on == "2022"
    for field, value in [("year", "last summer"), ("year", 0), ("month", 13), ("month", "Smarch")]:
        _, problems = read(**{field: value})
        assert [p.field for p in problems] == [field], (field, value)


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        ("covers/x.jpg", "reviews/covers/x.jpg"),
        ("./covers/x.jpg", "reviews/covers/x.jpg"),
        ("/covers/x.jpg", "covers/x.jpg"),
        ("x.jpg", "reviews/x.jpg"),
    ],
)
def test_cover_paths(image: str, expected: str) -> None:
    review, problems = read(image=image)
    assert problems == [] and review.cover is not None and review.cover.src_uri == expected


def test_cover_urls_and_refusals() -> None:
    review, _ = read(image="HTTPS://x.test/c.jpg")
    assert review.cover is not None and review.cover.url == "HTTPS://x.test/c.jpg"
    for image in ["javascript:x", "data:x", "file:///x", "C:\\x.jpg", "//x.test/c.jpg"]:
        review, problems = read(image=image)
        assert review.cover is None
        assert [p.found for p in problems] == [
            f"'{image}' is not a file in docs_dir or an http(s) URL"
        ]
    review, problems = read(image="../../up.jpg")
    assert [p.found for p in problems] == ["'../../up.jpg' points outside docs_dir"]
    review, problems = read(image="missing.jpg")
    assert (
        problems[0].found
        == "'missing.jpg' does not exist (looked for docs_dir/reviews/missing.jpg)"
    )


def test_genres() -> None:
    assert read(genre=["Sci-Fi", "Fiction", "Sci-Fi"])[0].genres == ("Sci-Fi", "Fiction")
    assert read(genre="Fantasy, Adventure,")[0].genres == ("Fantasy", "Adventure")
    assert read(genre=None)[0].genres == ()
    review, problems = read(genre=["Good", {"bad": 1}, "Also good"])
    assert review.genres == ("Good", "Also good")
    assert len(problems) == 1 and problems[0].field == "genre"


def test_remapped_fields() -> None:
    fields = FieldNames(score="rating", genre="tags", image="cover")
    pages = [
        ("a.md", "---\ntitle: A\nauthor: B\nrating: eight\ntags: [X]\n---\n"),
        ("b.md", "---\ntitle: B\nscore: 3\n---\n"),  # no `rating`: not a review
        ("c.md", "no front matter"),
        ("d.md", "---\ntitle: Dune: Messiah\n---\n"),
    ]
    library = read_library(pages, fields=fields, scale=10, known_files=set())
    assert list(library.reviews) == ["a.md"]
    assert library.reviews["a.md"].genres == ("X",)
    assert [(p.src_uri, p.field) for p in library.problems] == [
        ("a.md", "rating"),
        ("d.md", "front matter"),
    ]
    assert library.problems[0].fix == "use a number from 0 to 10, like 3.25"


def test_helpers() -> None:
    assert [format_score(s) for s in (3.25, 4.0, 3.5, 0.0)] == ["3.25", "4", "3.5", "0"]
    assert title_from_path("reviews/the-road.md") == "The road"
    assert title_from_path("reviews/The_Road.md") == "The Road"
    newer = Review("a.md", "Z", year=2025, month=1)
    older = Review("b.md", "A", year=2024, month=12)
    undated = Review("c.md", "A")
    assert sorted([undated, older, newer], key=lambda r: r.sort_key) == [newer, older, undated]
