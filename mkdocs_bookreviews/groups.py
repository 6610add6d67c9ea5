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
- `Series` and `group_by_series`: the reviews that name one series (merged like genres), in
  series order (`series_number`: `2`, `2.5`, `1-3`; unnumbered ones last), with a gap for each
  whole number up to the highest seen that no review covers, and the series' progress.
- `average_score` and `average_score_text`: the one average score (unrated reviews left out),
  of an author, of a year and of the whole library (`views/numbers.py`).

Nothing here renders: the pages of each grouping are in `views/`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from . import language
from .fields import series_place
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


@dataclass(frozen=True)
class SeriesEntry:
    """One place in a series: its number as written ("2", "2.5", "1-3", "" unnumbered) and
    the review there, or None for a book of the series no review covers (a gap)."""

    number: str
    review: Review | None = None


@dataclass(frozen=True)
class Series(ReviewGroup):
    """One series: its reviews (in series order) and its places, gaps included. `total` is the
    highest whole number seen (0 when no review is numbered), `read` how many of the books 1 to
    `total` a review covers (a range `1-3` covers three; a half `2.5` or a `0` none)."""

    entries: tuple[SeriesEntry, ...] = ()
    total: int = 0
    read: int = 0

    @property
    def average_text(self) -> str:
        """The average score of its rated reviews, "" when none is rated."""
        return average_score_text(average_score(self.reviews))


def make_series(key: str, slug: str, name: str, reviews: tuple[Review, ...]) -> Series:
    """A series out of its reviews (any order): numbered ones by their place (ties: the
    longer range last, then by title), gaps between, unnumbered ones after, newest first."""
    placed: list[tuple[tuple[float, float], Review]] = []
    unnumbered: list[Review] = []
    for review in reviews:
        place = series_place(review.series_number) if review.series_number else None
        if place is None:
            unnumbered.append(review)
        else:
            placed.append((place, review))
    covered = {
        whole
        for (first, last), _ in placed
        for whole in range(max(1, math.ceil(first)), math.floor(last) + 1)
    }
    total = max((math.floor(last) for (_, last), _ in placed), default=0)
    gaps = [((float(n), float(n)), None) for n in range(1, total + 1) if n not in covered]
    ordered = sorted(
        [*placed, *gaps],
        key=lambda item: (item[0], item[1] is None, item[1].title.casefold() if item[1] else ""),
    )
    entries = [
        SeriesEntry(review.series_number or "", review)
        if review is not None
        else SeriesEntry(str(int(place[0])))
        for place, review in ordered
    ]
    entries += [SeriesEntry("", review) for review in unnumbered]
    return Series(
        key=key,
        slug=slug,
        name=name,
        reviews=tuple(entry.review for entry in entries if entry.review is not None),
        entries=tuple(entries),
        total=total,
        read=len(covered & set(range(1, total + 1))),
    )


def group_by_series(reviews: Iterable[Review]) -> list[Series]:
    """Every series of `reviews`, by name in the site's language (leading articles left out:
    "The Expanse" under E), each in series order."""
    found = group_by_name(
        reviews,
        lambda review: [review.series] if review.series else [],
        genre_key,
        make_series,
        slug_of=lambda key: slugify(key, "series"),
    )
    title_key = language.active().title_key
    return sorted(found, key=lambda series: (*title_key(series.name), series.slug))
