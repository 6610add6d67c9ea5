"""Genre identity: slugs and grouping."""

from __future__ import annotations

import pytest

from mkdocs_bookreviews.genres import group_by_genre, slugify
from mkdocs_bookreviews.model import Review


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Sci-Fi", "sci-fi"),
        ("Historical Fiction", "historical-fiction"),
        ("sci fi", "sci-fi"),
        ("Sci\u2011Fi", "sci-fi"),
        ("Ciência  Ficção!", "ciencia-ficcao"),
        ("index", "index-genre"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_slugs_that_would_be_empty_or_too_long() -> None:
    japanese, arabic = slugify("日本文学"), slugify("أدب")
    assert japanese.startswith("genre-") and len(japanese) == len("genre-") + 8
    assert japanese == slugify("日本文学") and japanese != arabic
    long_a, long_b = slugify("a" * 300 + "x"), slugify("a" * 300 + "y")
    assert len(long_a) <= 64 and long_a != long_b


def test_grouping() -> None:
    reviews = [
        Review("a.md", "Old", year=2020, genres=("fiction",)),
        Review("b.md", "New", year=2025, month=2, genres=("Fiction", "fiction")),
        Review("c.md", "Undated", genres=("Fiction", "Sci-Fi")),
        Review("d.md", "Mid", year=2025, month=1, genres=("FICTION",)),
    ]
    genres = group_by_genre(reviews)
    assert [(g.slug, g.name) for g in genres] == [("fiction", "Fiction"), ("sci-fi", "Sci-Fi")]
    assert [r.title for r in genres[0].reviews] == ["New", "Mid", "Old", "Undated"]


def test_display_name_ties_go_to_the_first_sorted() -> None:
    reviews = [Review("a.md", "A", genres=("fiction",)), Review("b.md", "B", genres=("Fiction",))]
    assert group_by_genre(reviews)[0].name == "Fiction"
    assert group_by_genre(list(reversed(reviews)))[0].name == "Fiction"
