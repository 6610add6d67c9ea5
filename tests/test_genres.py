"""Genre identity: slugs, grouping reviews by genre, display names and order."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_bookreviews.groups import group_by_genre
from mkdocs_bookreviews.model import ReadDate, Review
from mkdocs_bookreviews.names import genre_key, slugify

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
HASHED = re.compile(r"genre-[0-9a-f]{8}")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Sci-Fi", "sci-fi"),
        ("Historical Fiction", "historical-fiction"),
        ("sci fi", "sci-fi"),
        ("Sci\u2011Fi", "sci-fi"),  # non-breaking hyphen
        ("Sci\u2014Fi", "sci-fi"),  # em dash
        ("  Sci -- Fi!  ", "sci-fi"),
        ("Ciência  Ficção!", "ciencia-ficcao"),
        ("Crème Brûlée", "creme-brulee"),
        ("Poesía", "poesia"),
        ("1984", "1984"),
        ("C++", "c-plus-plus"),
        ("C#", "c-sharp"),
        ("R&B", "r-and-b"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize("name", ["index", "Index", "INDEX!", " index "])
def test_index_is_never_a_slug(name: str) -> None:
    assert re.fullmatch(r"index-[0-9a-f]{8}", slugify(name))
    assert slugify(name) == slugify("index")


def test_reserved_slug_does_not_collide() -> None:
    assert slugify("Index") != slugify("Index Genre")


def test_names_without_ascii_get_a_stable_hash() -> None:
    japanese, chinese, arabic = slugify("日本文学"), slugify("中国文学"), slugify("أدب")
    for slug in (japanese, chinese, arabic):
        assert HASHED.fullmatch(slug), slug
    assert len({japanese, chinese, arabic}) == 3
    assert slugify("日本文学") == japanese
    # A fixed value: the page URL must not change between builds, processes or releases.
    assert japanese == "genre-c5e2ae6b"


def test_very_long_names_stay_short_and_distinct() -> None:
    long_a, long_b = slugify("a" * 300 + "x"), slugify("a" * 300 + "y")
    assert len(long_a) == len(long_b) == 64
    assert long_a != long_b
    assert long_a.startswith("a" * 55 + "-")


@given(st.text(max_size=80))
def test_every_slug_is_a_valid_page_name(name: str) -> None:
    slug = slugify(name)
    assert SLUG.fullmatch(slug), slug
    assert len(slug) <= 64
    assert slug != "index"


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_slugs_ignore_case(name: str) -> None:
    assert slugify(name.upper()) == slugify(name.lower())


@given(st.lists(st.text(alphabet="日本文学中国語詩小説", min_size=1, max_size=6), unique=True))
def test_distinct_non_ascii_names_get_distinct_slugs(names: list[str]) -> None:
    assert len({slugify(name) for name in names}) == len(names)


# --- group_by_genre -------------------------------------------------------------------


def names_and_titles(reviews: list[Review]) -> list[tuple[str, str, list[str]]]:
    return [
        (genre.slug, genre.name, [review.title for review in genre.reviews])
        for genre in group_by_genre(reviews)
    ]


def test_grouping_merges_spellings_newest_first() -> None:
    reviews = [
        Review("a.md", "Old", reads=(ReadDate(2020),), genres=("fiction",)),
        Review("b.md", "New", reads=(ReadDate(2025, 2),), genres=("Fiction",)),
        Review("c.md", "Undated", genres=("Fiction", "Sci-Fi")),
        Review("d.md", "Mid", reads=(ReadDate(2025, 1),), genres=("FICTION", "sci fi")),
    ]
    assert names_and_titles(reviews) == [
        ("fiction", "Fiction", ["New", "Mid", "Old", "Undated"]),
        ("sci-fi", "Sci-Fi", ["Mid", "Undated"]),
    ]


def test_display_name_is_the_most_used_spelling() -> None:
    reviews = [
        Review("a.md", "A", genres=("sci fi",)),
        Review("b.md", "B", genres=("sci fi",)),
        Review("c.md", "C", genres=("Sci-Fi",)),
    ]
    assert [genre.name for genre in group_by_genre(reviews)] == ["sci fi"]


def test_display_name_ties_go_to_the_first_sorted() -> None:
    reviews = [
        Review("a.md", "A", genres=("fiction",)),
        Review("b.md", "B", genres=("Fiction",)),
        Review("c.md", "C", genres=("FICTION",)),
    ]
    assert group_by_genre(reviews)[0].name == "FICTION"
    assert group_by_genre(list(reversed(reviews)))[0].name == "FICTION"


def test_grouping_does_not_depend_on_input_order() -> None:
    reviews = [
        Review("a.md", "A", reads=(ReadDate(2021),), genres=("Poetry", "fiction")),
        Review("b.md", "B", reads=(ReadDate(2021),), genres=("Fiction",)),
        Review("c.md", "B", reads=(ReadDate(2021),), genres=("poetry",)),
        Review("d.md", "D", genres=("Essays",)),
    ]
    assert group_by_genre(reviews) == group_by_genre(list(reversed(reviews)))


def test_review_listing_one_genre_twice_appears_once() -> None:
    review = Review("a.md", "A", genres=("Fiction", "fiction", "FICTION"))
    genres = group_by_genre([review])
    assert [(genre.slug, genre.reviews) for genre in genres] == [("fiction", (review,))]


def test_genres_sorted_by_name_ignoring_case() -> None:
    reviews = [
        Review("a.md", "A", genres=("poetry", "Biography", "essays", "Zines", "art")),
    ]
    assert [genre.name for genre in group_by_genre(reviews)] == [
        "art",
        "Biography",
        "essays",
        "poetry",
        "Zines",
    ]


def test_no_reviews_no_genres() -> None:
    assert group_by_genre([]) == []
    assert group_by_genre([Review("a.md", "A")]) == []


@pytest.mark.parametrize(
    ("same", "other"),
    [
        (["Sci-Fi", "sci fi", "SCI\u2011FI", " Sci  -  Fi ", "sci_fi"], "Sci-Fi!"),
        (["C++", "c++"], "C"),
        (["R&B", "r&b"], "R-B"),
        (["Ciência", "Cie\u0302ncia"], "Ciencia"),  # composed or not, the same letters
    ],
)
def test_genre_key_merges_only_case_spacing_and_hyphens(same: list[str], other: str) -> None:
    assert len({genre_key(name) for name in same}) == 1
    assert genre_key(other) != genre_key(same[0])


def test_genres_that_share_a_slug_get_distinct_stable_pages() -> None:
    reviews = [
        Review("a.md", "A", genres=("Ciência",)),
        Review("b.md", "B", genres=("Ciencia",)),
        Review("c.md", "C", genres=("R and B", "R&B")),
    ]
    slugs = {genre.name: genre.slug for genre in group_by_genre(reviews)}
    assert slugs["Ciencia"] == "ciencia"  # written exactly as its slug: it keeps it
    assert re.fullmatch(r"ciencia-[0-9a-f]{8}", slugs["Ciência"])
    assert sorted(slugs.values())[-2:] == sorted([slugs["R and B"], slugs["R&B"]])
    assert len(set(slugs.values())) == 4
    assert slugs == {g.name: g.slug for g in group_by_genre(list(reversed(reviews)))}


@given(st.lists(st.text(max_size=12), max_size=12))
def test_distinct_genres_always_get_distinct_slugs(names: list[str]) -> None:
    genres = group_by_genre([Review(f"{i}.md", "T", genres=(n,)) for i, n in enumerate(names)])
    assert len({genre.slug for genre in genres}) == len(genres)
    assert len({genre.key for genre in genres}) == len(genres)
