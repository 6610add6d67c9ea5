"""The library's groupings (genres, authors, years read) and the numbers of a group.

- `ReviewGroup` and `group_by_name`: the reviews that share a name, a genre or an author. Which
  spellings are one name, and the slugs, come from `names.py`; a group's display name is its
  most used spelling, ties going to the one that sorts first, so the same library always gives
  the same pages.
- `Genre` and `group_by_genre`: every genre, sorted by name.
- `Author` and `group_by_author`: authors are merged like genres (`names.person_key`: case,
  spacing, hyphens, and "Austen, Jane" is "Jane Austen"), sorted by family name
  (`names.family_name_parts`, in the site's language's order). A review with two authors is
  in both groups. A book without an author (an anthology's editor, a retelling's reteller and
  illustrator) is filed under everyone it credits (`Review.creators`).
- `Year` and `group_by_year`: a review is in every year it was read in (a re-read in 2019 and
  2024 is in both); months count readings (a book read in March and again in May of one year
  counts in both months).
- `average_score` and `average_score_text`: the one average score (unrated reviews left out),
  of an author, of a year and of the whole library (`views/numbers.py`).

Nothing here renders: the pages of each grouping are in `views/`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from . import language
from .model import Review
from .names import family_name_parts, genre_key, natural_order, person_key, slugify, unique_slugs

TOP_GENRES = 3  # a year's most read genres

G = TypeVar("G", bound="ReviewGroup")


def average_score(reviews: Iterable[Review]) -> float | None:
    """The mean score of the rated reviews; None when none is rated."""
    scores = [review.score for review in reviews if review.score is not None]
    return sum(scores) / len(scores) if scores else None


def average_score_text(average: float | None) -> str:
    """An average score for people, to two decimals at most, in the site's language: "4.33",
    "4,33"; "" when there is none."""
    return language.active().decimal(round(average, 2)) if average is not None else ""


@dataclass(frozen=True)
class ReviewGroup:
    """Reviews that share a name (a genre, an author): the name's identity key, its slug, the
    name as shown, and the reviews, newest read first."""

    key: str
    slug: str
    name: str
    reviews: tuple[Review, ...]


@dataclass(frozen=True)
class Genre(ReviewGroup):
    """One genre page."""


def group_by_genre(reviews: Iterable[Review]) -> list[Genre]:
    """Every genre of `reviews`, sorted by name in the site's language, each with its reviews
    newest first."""
    genres = group_by_name(reviews, lambda review: review.genres, genre_key, Genre)
    collate = language.active().collation_key
    return sorted(
        genres, key=lambda genre: (collate(genre.name), genre.name.casefold(), genre.slug)
    )


def group_by_name(
    reviews: Iterable[Review],
    names_of: Callable[[Review], Iterable[str]],
    key_of: Callable[[str], str],
    group: Callable[..., G],
    *,
    shown: Callable[[str], str] = str,
    slug_of: Callable[[str], str] = slugify,
) -> list[G]:
    """The reviews of each name (a genre, an author), in no order: names with one key are one
    group, shown by their most used spelling (ties to the one that sorts first), with a slug
    no other group has."""
    members: dict[str, dict[str, Review]] = {}
    spellings: dict[str, Counter[str]] = {}
    for review in reviews:
        for name in names_of(review):
            key = key_of(name)
            members.setdefault(key, {})[review.src_uri] = review
            spellings.setdefault(key, Counter())[shown(name)] += 1
    slugs = unique_slugs(
        {key: slug_of(key) for key in members}, {key: len(m) for key, m in members.items()}
    )
    return [
        group(
            key=key,
            slug=slugs[key],
            name=min(spellings[key].items(), key=lambda item: (-item[1], item[0]))[0],
            reviews=tuple(sorted(by_uri.values(), key=lambda r: r.sort_key)),
        )
        for key, by_uri in members.items()
    ]


@dataclass(frozen=True)
class Author(ReviewGroup):
    """One author, with the reviews of their books."""

    @property
    def average(self) -> float | None:
        """The mean score of the rated reviews; None when none is rated."""
        return average_score(self.reviews)

    @property
    def average_text(self) -> str:
        """The average for people, to two decimals at most: "4.33"; "" when unrated."""
        return average_score_text(self.average)


def group_by_author(reviews: Sequence[Review]) -> list[Author]:
    """Every author of `reviews`, sorted by family name, each with their reviews newest first.
    A display name is the most used spelling, given names first ("Jane Austen" for "Austen,
    Jane"), ties going to the one that sorts first."""
    authors = group_by_name(
        reviews,
        # A name with nothing of a name in it ("-") is no author page.
        lambda review: [name for name in review.creators if person_key(name)],
        person_key,
        Author,
        shown=natural_order,
        slug_of=lambda key: slugify(key, "author"),
    )
    collate = language.active().collation_key

    def by_family_name(author: Author) -> tuple[str, ...]:
        family, given = family_name_parts(author.name)
        return collate(family), collate(given), author.name.casefold(), author.slug

    return sorted(authors, key=by_family_name)


@dataclass(frozen=True)
class Year:
    """One year of reading: the reviews read in it, newest read first, and each month's count
    of readings (index 0 is January); `undated_months` counts readings with no month."""

    year: int
    reviews: tuple[Review, ...]
    per_month: tuple[int, ...]
    undated_months: int

    @property
    def average(self) -> str:
        """The mean score of the rated reviews, "" when none is rated."""
        return average_score_text(average_score(self.reviews))

    @property
    def did_not_finish(self) -> int:
        """How many of the year's books were not finished."""
        return sum(1 for review in self.reviews if review.did_not_finish)

    def top_genres(self) -> list[tuple[str, int]]:
        """The year's most read genres with their counts, most first (ties by name)."""
        genres = group_by_genre(self.reviews)  # by name: ties keep that order
        ranked = sorted(genres, key=lambda g: -len(g.reviews))
        return [(genre.name, len(genre.reviews)) for genre in ranked[:TOP_GENRES]]


def group_by_year(reviews: Sequence[Review]) -> list[Year]:
    """Every year a review was read in, newest first."""
    members: dict[int, dict[str, Review]] = {}
    months: dict[int, Counter[int]] = {}
    for review in reviews:
        for read in review.reads:
            members.setdefault(read.year, {})[review.src_uri] = review
            months.setdefault(read.year, Counter())[read.month or 0] += 1
    return [
        Year(
            year=year,
            reviews=tuple(sorted(members[year].values(), key=_sort_key_in(year))),
            per_month=tuple(months[year][month] for month in range(1, 13)),
            undated_months=months[year][0],
        )
        for year in sorted(members, reverse=True)
    ]


def _sort_key_in(year: int) -> Callable[[Review], tuple[int, int, str, str]]:
    """Newest read first, by the reading in `year` (a re-read sorts by its date that year)."""

    def key(review: Review) -> tuple[int, int, str, str]:
        month, day = max((r.month or 0, r.day or 0) for r in review.reads if r.year == year)
        return (-month, -day, review.title.casefold(), review.src_uri)

    return key
